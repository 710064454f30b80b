//! Exclusive XML Canonicalization 1.0 without comments (W3C Recommendation 18 July 2002,
//! <http://www.w3.org/2001/10/xml-exc-c14n#>) of one element subtree, optionally without one
//! descendant subtree (the enveloped-signature transform, XML-DSig 1.1 §6.6.4).
//!
//! It works on the roxmltree tree the message was parsed into. roxmltree resolves namespaces but
//! keeps no prefixes, so the qualified names are read back from the source bytes of each start
//! tag and attribute (roxmltree `positions`): canonical XML renders the prefixes as written.
//!
//! Precondition: the tree comes from [`crate::xml::parse`] (depth ≤ 64), as the recursion below
//! follows the element nesting.

use std::collections::BTreeMap;

use roxmltree::{Node, NodeId, NodeType};

/// The canonical form of `apex` and its descendants, leaving out `exclude` (and its subtree) when
/// given. `inclusive_prefixes` is the `InclusiveNamespaces PrefixList` (Exc-C14N §3;
/// `#default` stands for the default namespace): those prefixes are rendered as inclusive C14N
/// would, the others only where visibly utilized.
pub fn canonicalize(
    apex: Node<'_, '_>,
    exclude: Option<NodeId>,
    inclusive_prefixes: &[&str],
) -> String {
    let mut out = String::new();
    let inclusive: Vec<&str> = inclusive_prefixes
        .iter()
        .map(|p| if *p == "#default" { "" } else { p })
        .collect();
    let rendered = BTreeMap::new();
    element(apex, exclude, &inclusive, &rendered, &mut out);
    out
}

/// Splits a `PrefixList` attribute value (a whitespace-separated list, Exc-C14N §3).
pub fn prefix_list(value: &str) -> Vec<&str> {
    value.split_ascii_whitespace().collect()
}

/// The qualified name of an element as written in its start tag.
fn element_qname<'i>(node: Node<'_, 'i>) -> &'i str {
    let input = node.document().input_text();
    let start = node.range().start + 1; // after '<'
    let rest = input.get(start..).unwrap_or_default();
    let end = rest
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    &rest[..end]
}

fn prefix_of(qname: &str) -> &str {
    qname.split_once(':').map(|(p, _)| p).unwrap_or("")
}

/// One element: Exc-C14N §3 for the namespace axis, C14N 1.0 §2.2 and §2.3 for the rest.
/// `rendered` maps each prefix ("" for the default namespace) to the URI the output ancestors
/// rendered for it.
fn element(
    node: Node<'_, '_>,
    exclude: Option<NodeId>,
    inclusive: &[&str],
    rendered: &BTreeMap<String, String>,
    out: &mut String,
) {
    let input = node.document().input_text();
    let qname = element_qname(node);

    // The namespaces in scope, by prefix ("" = default; absent = no default namespace).
    let mut in_scope: BTreeMap<&str, &str> = BTreeMap::new();
    for ns in node.namespaces() {
        let prefix = ns.name().unwrap_or("");
        if prefix == "xml" || (prefix.is_empty() && ns.uri().is_empty()) {
            continue;
        }
        in_scope.insert(prefix, ns.uri());
    }

    // Visibly utilized prefixes (Exc-C14N §2.1): the element's own (the default namespace when it
    // has none), and those of its prefixed attributes; `xml` is never declared.
    let mut wanted: Vec<&str> = vec![prefix_of(qname)];
    let mut attrs: Vec<(&str, &str, &str, &str)> = Vec::new(); // (ns uri, local, qname, value)
    for attr in node.attributes() {
        let attr_qname = input.get(attr.range_qname()).unwrap_or(attr.name());
        let p = prefix_of(attr_qname);
        if !p.is_empty() && p != "xml" {
            wanted.push(p);
        }
        attrs.push((
            attr.namespace().unwrap_or(""),
            attr.name(),
            attr_qname,
            attr.value(),
        ));
    }
    // The PrefixList's prefixes are treated as inclusive C14N treats every namespace node.
    wanted.extend(inclusive.iter().copied());

    let mut mine = rendered.clone();
    let mut decls: BTreeMap<&str, &str> = BTreeMap::new();
    for prefix in wanted {
        if prefix == "xml" {
            continue;
        }
        match in_scope.get(prefix) {
            Some(uri) => {
                if rendered.get(prefix).map(String::as_str) != Some(*uri) {
                    decls.insert(prefix, uri);
                }
            }
            None => {
                // No default namespace here: `xmlns=""` undoes one an output ancestor rendered
                // (C14N 1.0 §2.3, kept by Exc-C14N for the default namespace).
                if prefix.is_empty() && rendered.get("").is_some_and(|u| !u.is_empty()) {
                    decls.insert("", "");
                }
            }
        }
    }

    out.push('<');
    out.push_str(qname);
    // Namespace nodes first, sorted by local name (the prefix; the default namespace first).
    for (prefix, uri) in &decls {
        if prefix.is_empty() {
            out.push_str(" xmlns=\"");
        } else {
            out.push_str(" xmlns:");
            out.push_str(prefix);
            out.push_str("=\"");
        }
        escape_attr(uri, out);
        out.push('"');
        mine.insert((*prefix).to_owned(), (*uri).to_owned());
    }
    // Attributes sorted by namespace URI (none first), then local name (C14N 1.0 §2.2).
    attrs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (_, _, attr_qname, value) in &attrs {
        out.push(' ');
        out.push_str(attr_qname);
        out.push_str("=\"");
        escape_attr(value, out);
        out.push('"');
    }
    out.push('>');

    for child in node.children() {
        if Some(child.id()) == exclude {
            continue;
        }
        match child.node_type() {
            NodeType::Element => element(child, exclude, inclusive, &mine, out),
            NodeType::Text => escape_text(child.text().unwrap_or_default(), out),
            NodeType::PI => {
                if let Some(pi) = child.pi() {
                    out.push_str("<?");
                    out.push_str(pi.target);
                    if let Some(value) = pi.value {
                        out.push(' ');
                        out.push_str(value);
                    }
                    out.push_str("?>");
                }
            }
            NodeType::Comment | NodeType::Root => {}
        }
    }

    out.push_str("</");
    out.push_str(qname);
    out.push('>');
}

/// Whether XML 1.0 (Fifth Edition) §2.2 `Char` admits `c`: tab, line feed, carriage return,
/// U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF (a Rust `char` is never a surrogate).
/// Every character of a parsed document is one; a value handed to a writer of this crate may not
/// be (SAML.md §10).
pub fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
    )
}

/// Escapes element content as canonical XML writes it (C14N 1.0 §2.3): `&`, `<`, `>` and carriage
/// return as references, everything else as is. This is the one escaper of text for the whole
/// crate: the canonicalization above and every writer that emits canonical XML by construction
/// (SAML.md §7.2). A character XML 1.0 cannot carry ([`is_xml_char`]) is written as U+FFFD: it
/// never comes from a parsed document, and from a writer's value it would make the output
/// unparsable (SAML.md §10).
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
}

/// Escapes an attribute value as canonical XML writes it (C14N 1.0 §2.3): `&`, `<`, `"`, tab, line
/// feed and carriage return as references, everything else as is; a character XML 1.0 cannot
/// carry as U+FFFD (see [`escape_text`]). The one escaper of attribute values for the crate.
pub fn escape_attr(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
}
