//! A small, strict DOM built with quick-xml's namespace-aware reader, used to
//! check rendered documents. Panics (failing the test) on anything that is
//! not a well-formed, namespace-well-formed document with a single root.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub ns: Option<String>,
    /// Qualified name as written (e.g. `cas:user`).
    pub qname: String,
    pub local: String,
    /// (qualified name, unescaped value), namespace declarations included.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
}

impl Node {
    pub fn attr(&self, qname: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == qname)
            .map(|(_, v)| v.as_str())
    }

    /// The only child with this local name and namespace; panics otherwise.
    pub fn child(&self, ns: &str, local: &str) -> &Node {
        let found: Vec<&Node> = self
            .children
            .iter()
            .filter(|c| c.ns.as_deref() == Some(ns) && c.local == local)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected exactly one {{{ns}}}{local} in <{}>, found {}",
            self.qname,
            found.len()
        );
        found[0]
    }

    pub fn has_child(&self, ns: &str, local: &str) -> bool {
        self.children
            .iter()
            .any(|c| c.ns.as_deref() == Some(ns) && c.local == local)
    }

    /// Local names of the children, in document order.
    pub fn child_names(&self) -> Vec<&str> {
        self.children.iter().map(|c| c.local.as_str()).collect()
    }

    /// Asserts every element of the subtree is in namespace `ns`.
    pub fn assert_all_in(&self, ns: &str) {
        assert_eq!(self.ns.as_deref(), Some(ns), "<{}> not in {ns}", self.qname);
        for c in &self.children {
            c.assert_all_in(ns);
        }
    }
}

fn ns_of(res: ResolveResult<'_>) -> Option<String> {
    match res {
        ResolveResult::Unbound => None,
        ResolveResult::Bound(ns) => Some(String::from_utf8(ns.as_ref().to_vec()).unwrap()),
        ResolveResult::Unknown(p) => panic!("unknown prefix {:?}", String::from_utf8_lossy(&p)),
    }
}

fn node(ns: Option<String>, e: &BytesStart<'_>) -> Node {
    let qname = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
    let local = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                a.unescape_value().expect("attribute escaping").into_owned(),
            )
        })
        .collect();
    Node {
        ns,
        qname,
        local,
        attrs,
        children: Vec::new(),
        text: String::new(),
    }
}

/// Parses `xml` strictly; panics with the reason if it is not well-formed.
pub(crate) fn parse(xml: &str) -> Node {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let (res, ev) = reader
            .read_resolved_event()
            .unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
        match ev {
            Event::Start(e) => {
                assert!(root.is_none(), "second root element in\n{xml}");
                let n = node(ns_of(res), &e);
                stack.push(n);
            }
            Event::Empty(e) => {
                let n = node(ns_of(res), &e);
                match stack.last_mut() {
                    Some(p) => p.children.push(n),
                    None => {
                        assert!(root.is_none(), "second root element in\n{xml}");
                        root = Some(n);
                    }
                }
            }
            Event::End(_) => {
                let n = stack.pop().expect("balanced tags");
                match stack.last_mut() {
                    Some(p) => p.children.push(n),
                    None => root = Some(n),
                }
            }
            Event::Text(t) => {
                let s = t.unescape().expect("text escaping");
                for c in s.chars() {
                    assert!(crate::xml::is_xml_char(c), "illegal char {c:?} in\n{xml}");
                }
                match stack.last_mut() {
                    Some(p) => p.text.push_str(&s),
                    None => assert!(s.trim().is_empty(), "text outside root in\n{xml}"),
                }
            }
            Event::CData(_) => panic!("renderers never emit CDATA"),
            Event::DocType(_) => panic!("renderers never emit a DTD"),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    assert!(stack.is_empty(), "unclosed elements in\n{xml}");
    let root = root.expect("a root element");
    // The crate's own strict reader must accept every rendered document too.
    crate::xml::parse_document(xml).expect("accepted by crate::xml::parse_document");
    root
}
