//! Exclusive XML Canonicalization 1.0: the W3C examples that need no DTD (Exc-C14N §2.2, and the
//! C14N 1.0 §3 examples as exclusive C14N renders them), and the cases a SAML message meets.

use limen_saml::c14n::canonicalize;
use limen_saml::xml;

/// The canonical form of the first element named `local` (the root when `None`).
fn c14n_of(doc: &str, local: Option<&str>, prefixes: &[&str]) -> String {
    let doc = xml::parse(doc).expect("well-formed");
    let node = match local {
        None => doc.root_element(),
        Some(name) => doc
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .expect("element present"),
    };
    canonicalize(node, None, prefixes)
}

#[test]
fn exc_c14n_section_2_2_same_output_in_both_contexts() {
    // Exc-C14N §2.2: the same n1:elem2 in two documents gives one canonical form, whatever the
    // ancestors declare (here n3 on an ancestor and again on n3:stuff; n1 rebound).
    let first = "<n0:local xmlns:n0=\"foo:bar\" xmlns:n3=\"ftp://example.org\">\n  \
<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n    \
<n3:stuff xmlns:n3=\"ftp://example.org\"/>\n  </n1:elem2>\n</n0:local>";
    let second = "<n2:pdu xmlns:n1=\"http://example.com\" xmlns:n2=\"http://foo.example\" \
xml:lang=\"fr\" xml:space=\"retain\">\n  \
<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n    \
<n3:stuff xmlns:n3=\"ftp://example.org\"/>\n  </n1:elem2>\n</n2:pdu>";
    let expected = "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n    \
<n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff>\n  </n1:elem2>";
    assert_eq!(c14n_of(first, Some("elem2"), &[]), expected);
    assert_eq!(c14n_of(second, Some("elem2"), &[]), expected);
    // Inclusive C14N would have carried xml:lang="fr" and n2 down: exclusive does not.
    assert!(!c14n_of(second, Some("elem2"), &[]).contains("fr"));
}

#[test]
fn c14n_section_3_3_start_and_end_tags() {
    // C14N 1.0 §3.3 without its DTD (roxmltree refuses DTDs, so e9 has no defaulted attribute).
    let doc = "<doc>\n   <e1   />\n   <e2   ></e2>\n   <e3   name = \"elem3\"   id=\"elem3\"   />\n   \
<e4   name=\"elem4\"   id=\"elem4\"   ></e4>\n   \
<e5 a:attr=\"out\" b:attr=\"sorted\" attr2=\"all\" attr=\"I'm\"\n      \
xmlns:b=\"http://www.ietf.org\"\n      xmlns:a=\"http://www.w3.org\"\n      \
xmlns=\"http://example.org\"/>\n   \
<e6 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n         \
<e8 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n            \
<e9 xmlns=\"\" xmlns:a=\"http://www.ietf.org\"/>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
    // Exclusive: unused `a` declarations are dropped (e6, e8, e9), `xmlns=""` only where an
    // output ancestor rendered a non-empty default (e8).
    let expected = "<doc>\n   <e1></e1>\n   <e2></e2>\n   <e3 id=\"elem3\" name=\"elem3\"></e3>\n   \
<e4 id=\"elem4\" name=\"elem4\"></e4>\n   \
<e5 xmlns=\"http://example.org\" xmlns:a=\"http://www.w3.org\" xmlns:b=\"http://www.ietf.org\" \
attr=\"I'm\" attr2=\"all\" b:attr=\"sorted\" a:attr=\"out\"></e5>\n   \
<e6>\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\">\n            \
<e9></e9>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
    assert_eq!(c14n_of(doc, None, &[]), expected);
}

#[test]
fn c14n_section_3_4_character_modifications() {
    // C14N 1.0 §3.4 without its DTD (so every attribute is CDATA, none is normalized further).
    let doc = "<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n   \
<compute><![CDATA[value>\"0\" && value<\"10\" ?\"valid\":\"error\"]]></compute>\n   \
<compute expr='value>\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"'>valid</compute>\n   \
<norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>\n   \
<normNames attr='   A   &#x20;&#13;&#xa;&#9;   B   '/>\n</doc>";
    let expected = "<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n   \
<compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute>\n   \
<compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute>\n   \
<norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm>\n   \
<normNames attr=\"   A    &#xD;&#xA;&#x9;   B   \"></normNames>\n</doc>";
    assert_eq!(c14n_of(doc, None, &[]), expected);
}

#[test]
fn c14n_section_3_6_utf8() {
    assert_eq!(c14n_of("<doc>&#169;</doc>", None, &[]), "<doc>\u{a9}</doc>");
}

#[test]
fn namespaces_declared_on_ancestors_are_rendered_where_used() {
    let doc = "<r xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" xmlns=\"urn:d\"><x><p:a q:k=\"v\"><p:b/><c/></p:a></x></r>";
    // p:a uses p (element) and q (attribute): both rendered at the apex; the default namespace is
    // first used by c, so it is rendered there; p:b inherits p from its output parent.
    assert_eq!(
        c14n_of(doc, Some("a"), &[]),
        "<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" q:k=\"v\"><p:b></p:b><c xmlns=\"urn:d\"></c></p:a>"
    );
}

#[test]
fn superfluous_and_rebound_declarations() {
    assert_eq!(
        c14n_of(
            "<p:a xmlns:p=\"urn:p\"><p:b xmlns:p=\"urn:p\"/></p:a>",
            None,
            &[]
        ),
        "<p:a xmlns:p=\"urn:p\"><p:b></p:b></p:a>"
    );
    assert_eq!(
        c14n_of(
            "<p:a xmlns:p=\"urn:1\"><p:b xmlns:p=\"urn:2\"><p:c/></p:b></p:a>",
            None,
            &[]
        ),
        "<p:a xmlns:p=\"urn:1\"><p:b xmlns:p=\"urn:2\"><p:c></p:c></p:b></p:a>"
    );
    // A declaration nobody uses disappears.
    assert_eq!(
        c14n_of("<a xmlns:unused=\"urn:u\"><b/></a>", None, &[]),
        "<a><b></b></a>"
    );
}

#[test]
fn inclusive_namespaces_prefix_list() {
    let doc = "<r xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><a xmlns=\"urn:d\"><b/></a></r>";
    assert_eq!(
        c14n_of(doc, Some("a"), &[]),
        "<a xmlns=\"urn:d\"><b></b></a>"
    );
    // Listed prefixes are rendered at the apex even unused, once (not again on b).
    assert_eq!(
        c14n_of(doc, Some("a"), &["p"]),
        "<a xmlns=\"urn:d\" xmlns:p=\"urn:p\"><b></b></a>"
    );
    assert_eq!(
        c14n_of(doc, Some("a"), &["q", "p", "absent"]),
        "<a xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><b></b></a>"
    );
    // #default stands for the default namespace.
    let doc = "<r xmlns=\"urn:d\"><a:x xmlns:a=\"urn:a\"/></r>";
    assert_eq!(
        c14n_of(doc, Some("x"), &[]),
        "<a:x xmlns:a=\"urn:a\"></a:x>"
    );
    assert_eq!(
        c14n_of(doc, Some("x"), &["#default"]),
        "<a:x xmlns=\"urn:d\" xmlns:a=\"urn:a\"></a:x>"
    );
}

#[test]
fn default_namespace_undeclaration() {
    // xmlns="" is output only where an output ancestor rendered a non-empty default.
    let doc = "<a xmlns=\"urn:d\"><b xmlns=\"\"><c/></b></a>";
    assert_eq!(
        c14n_of(doc, None, &[]),
        "<a xmlns=\"urn:d\"><b xmlns=\"\"><c></c></b></a>"
    );
    // As an apex, b has no output ancestor: nothing to undeclare.
    assert_eq!(c14n_of(doc, Some("b"), &[]), "<b><c></c></b>");
    // A prefixed child of a default-namespace parent does not use the default.
    assert_eq!(
        c14n_of(
            "<a xmlns=\"urn:d\"><p:b xmlns:p=\"urn:p\" xmlns=\"\"/></a>",
            None,
            &[]
        ),
        "<a xmlns=\"urn:d\"><p:b xmlns:p=\"urn:p\"></p:b></a>"
    );
}

#[test]
fn attribute_ordering_and_escaping() {
    let doc = "<a xmlns:z=\"urn:a\" xmlns:y=\"urn:b\" y:k=\"1\" z:k=\"2\" k=\"3\" b='&lt;&amp;&gt;\"' xml:lang=\"fr\"/>";
    // Namespace declarations by prefix; attributes unqualified first, then by namespace URI
    // (http://www.w3.org/XML/1998/namespace < urn:a < urn:b), then local name. '>' is not
    // escaped in attributes.
    assert_eq!(
        c14n_of(doc, None, &[]),
        "<a xmlns:y=\"urn:b\" xmlns:z=\"urn:a\" b=\"&lt;&amp;>&quot;\" k=\"3\" xml:lang=\"fr\" z:k=\"2\" y:k=\"1\"></a>"
    );
}

#[test]
fn carriage_return_tab_and_line_feed() {
    let doc = "<a b=\"x&#9;y&#13;z&#10;w\" c=\"lit\teral\">t&#13;u\tv\r\nw</a>";
    // Character references survive as escapes; literal whitespace in attributes was normalized to
    // spaces by the parser (XML 1.0 §3.3.3); a literal CRLF in text became LF (§2.11).
    assert_eq!(
        c14n_of(doc, None, &[]),
        "<a b=\"x&#x9;y&#xD;z&#xA;w\" c=\"lit eral\">t&#xD;u\tv\nw</a>"
    );
}

#[test]
fn non_ascii_text_and_attributes() {
    assert_eq!(
        c14n_of("<a n=\"Ελένη\">Müller 😀 &#x10348;</a>", None, &[]),
        "<a n=\"Ελένη\">Müller 😀 \u{10348}</a>"
    );
}

#[test]
fn enveloped_subtree_is_left_out() {
    let doc = xml::parse("<r ID=\"x\"><a/><s><t/></s>\n<b/></r>").unwrap();
    let s = doc
        .descendants()
        .find(|n| n.tag_name().name() == "s")
        .unwrap();
    assert_eq!(
        canonicalize(doc.root_element(), Some(s.id()), &[]),
        "<r ID=\"x\"><a></a>\n<b></b></r>"
    );
    assert_eq!(
        canonicalize(doc.root_element(), None, &[]),
        "<r ID=\"x\"><a></a><s><t></t></s>\n<b></b></r>"
    );
}
