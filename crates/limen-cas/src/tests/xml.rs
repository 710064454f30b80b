use super::dom::parse;
use crate::xml::{ReadError, XmlWriter, is_ncname, parse_document};

#[test]
fn ncname() {
    for ok in [
        "a",
        "_a",
        "email",
        "firstName",
        "a-b.c_d1",
        "ελληνικά",
        "名前",
        "é",
    ] {
        assert!(is_ncname(ok), "{ok}");
    }
    for bad in [
        "", "1a", "-a", ".a", "a b", "a:b", "a<b", "a&b", "a\"", "ª", "a\u{0}", "a/b",
    ] {
        assert!(!is_ncname(bad), "{bad:?}");
    }
}

#[test]
fn writer_escapes_everything() {
    let mut w = XmlWriter::new();
    w.start("r", &[("a", "<&>\"'\t\n\r\u{0}x")]);
    w.text("<&>\"'\r\u{1}y");
    w.empty("e", &[("b", "]]>")]);
    w.end("r");
    let xml = w.finish();
    assert_eq!(
        xml,
        "<r a=\"&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;x\">&lt;&amp;&gt;&quot;&apos;&#13;y<e b=\"]]&gt;\"/></r>"
    );
    let root = parse(&xml);
    assert_eq!(root.attr("a"), Some("<&>\"'\t\n\rx"));
    assert_eq!(root.text, "<&>\"'\ry");
    assert_eq!(root.children[0].attr("b"), Some("]]>"));
}

#[test]
fn reader_resolves_namespaces_and_text() {
    let doc = parse_document(
        "<?xml version=\"1.0\"?>\u{FEFF}<!-- c --><p:a xmlns:p=\"urn:x\" xmlns=\"urn:d\" k=\"v&amp;\" p:q=\"w\"><b>t&lt;<![CDATA[<raw>]]>&#x3A9;</b><c/></p:a>\n",
    );
    let root = doc.unwrap();
    assert!(root.is("urn:x", "a"));
    assert_eq!(root.attr("k"), Some("v&"));
    assert_eq!(root.attrs.len(), 2, "xmlns declarations are not attributes");
    assert_eq!(
        root.attrs[1].ns.as_deref(),
        Some("urn:x"),
        "prefixed attribute resolved"
    );
    assert_eq!(root.children.len(), 2);
    assert!(root.children[0].is("urn:d", "b"));
    assert_eq!(root.children[0].text, "t<<raw>Ω");
    assert!(root.children[1].is("urn:d", "c"));
}

#[test]
fn reader_refusals() {
    assert_eq!(parse_document("<!DOCTYPE a><a/>"), Err(ReadError::Dtd));
    assert_eq!(
        parse_document(&" ".repeat(64 * 1024 + 1)),
        Err(ReadError::TooLarge)
    );
    let deep = format!("{}{}", "<a>".repeat(33), "</a>".repeat(33));
    assert_eq!(parse_document(&deep), Err(ReadError::TooDeep));
    let ok = format!("{}{}", "<a>".repeat(32), "</a>".repeat(32));
    assert!(parse_document(&ok).is_ok());
    let deep_empty = format!("{}<a/>{}", "<a>".repeat(32), "</a>".repeat(32));
    assert_eq!(parse_document(&deep_empty), Err(ReadError::TooDeep));
    for bad in [
        "",
        "<a>",
        "<a></b>",
        "</a>",
        "<a/><a/>",
        "x<a/>",
        "<a/>x",
        "<p:a/>",
        "<a>&x;</a>",
    ] {
        assert!(
            matches!(parse_document(bad), Err(ReadError::Malformed(_))),
            "{bad:?}"
        );
    }
}
