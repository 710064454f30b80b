//! The XML layer of the PSKC importer: a namespace-resolved element tree built from
//! quick-xml's events, with the refusals that protect the importer (no DOCTYPE and so no
//! entities, UTF-8 only, bounded depth). Nothing here knows PSKC beyond its namespaces.
//!
//! quick-xml never fetches anything and knows only XML's five predefined entities and
//! character references, so with DOCTYPE refused there is nothing external to resolve.

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::FileError;

/// Deepest element nesting accepted (a PSKC file needs about 8).
pub const MAX_DEPTH: usize = 32;

/// The namespaces a PSKC file uses (RFC 6030 §4, §6), matched by URI whatever the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// No namespace (unprefixed, no default namespace in scope).
    None,
    Pskc,
    Ds,
    Xenc,
    Xenc11,
    Pkcs5,
    Other,
}

impl Ns {
    fn of(uri: &[u8]) -> Self {
        match uri {
            b"urn:ietf:params:xml:ns:keyprov:pskc" => Self::Pskc,
            b"http://www.w3.org/2000/09/xmldsig#" => Self::Ds,
            b"http://www.w3.org/2001/04/xmlenc#" => Self::Xenc,
            b"http://www.w3.org/2009/xmlenc11#" => Self::Xenc11,
            b"http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#" => Self::Pkcs5,
            _ => Self::Other,
        }
    }
}

/// One element: its namespace and local name, its unqualified attributes (PSKC's are all
/// unqualified), its child elements and its own text (only kept for elements without
/// children: PSKC has no mixed content).
#[derive(Debug)]
pub(super) struct Element {
    pub ns: Ns,
    pub name: String,
    attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// Whether this is `name` in namespace `ns`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// An unqualified attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The children named `name` in any of `namespaces`.
    pub fn all<'a, 'q>(
        &'a self,
        namespaces: &'q [Ns],
        name: &'q str,
    ) -> impl Iterator<Item = &'a Element> + use<'a, 'q> {
        self.children
            .iter()
            .filter(move |c| c.name == name && namespaces.contains(&c.ns))
    }

    /// The child `name` in namespace `ns`, if there is one; two are an error (every element
    /// read this way occurs at most once in RFC 6030's schema).
    pub fn one(&self, ns: Ns, name: &str) -> Result<Option<&Element>, String> {
        self.one_of(&[ns], name)
    }

    /// [`Element::one`] for an element that may be in any of `namespaces`.
    pub fn one_of(&self, namespaces: &[Ns], name: &str) -> Result<Option<&Element>, String> {
        let mut found = self.all(namespaces, name);
        let first = found.next();
        if found.next().is_some() {
            return Err(format!("more than one {name} in {}", self.name));
        }
        Ok(first)
    }
}

/// Text may be a secret in base64 (`PlainValue`): it is wiped when the tree is dropped.
impl Drop for Element {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.text);
    }
}

/// Makes text from the document safe to show on one line of a terminal or a log: control
/// and bidirectional-override characters become '?', and it is cut at `max` characters.
pub(super) fn printable(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if is_unsafe_char(c) { '?' } else { c })
        .collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// Control characters, and the invisible ones that reorder or hide text around them.
pub(super) fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A refusal of this module's own, at the reader's position.
fn not_xml(reader: &NsReader<&[u8]>, what: impl std::fmt::Display) -> FileError {
    FileError::NotXml(printable(
        &format!("{what} (near byte {})", reader.buffer_position()),
        200,
    ))
}

/// An error of quick-xml's reader, at the position it gives.
fn ill_formed(reader: &NsReader<&[u8]>, error: impl std::fmt::Display) -> FileError {
    FileError::NotXml(printable(
        &format!("{error} (near byte {})", reader.error_position()),
        200,
    ))
}

/// Attributes (namespace declarations included) one element may have: PSKC's have at most a
/// handful. quick-xml checks attributes and resolves prefixes in time linear in their number,
/// so thousands on one element would make parsing quadratic.
pub const MAX_ATTRIBUTES: usize = 64;

/// Elements in one file: about 30 per key package, so a file of some 60 000 tokens. Bounds the
/// element tree's memory (32 MiB of `<a/>` would otherwise be 8 million elements).
pub const MAX_ELEMENTS: usize = 2_000_000;

/// A pass over the raw text before the XML reader sees it: no tag with more than
/// [`MAX_ATTRIBUTES`] attributes (counted by their `=` outside quotes), no more than
/// [`MAX_ELEMENTS`] elements. Comments, CDATA sections and processing instructions are
/// skipped (their text may hold anything); the reader checks everything else afterwards.
fn check_shape(text: &str) -> Result<(), FileError> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut elements = 0usize;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off;
        let rest = &b[i..];
        let skip_to = |end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map_or(b.len(), |p| i + p + end.len())
        };
        if rest.starts_with(b"<!--") {
            i = skip_to(b"-->");
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            i = skip_to(b"]]>");
            continue;
        }
        if rest.starts_with(b"<?") {
            i = skip_to(b"?>");
            continue;
        }
        if !rest.starts_with(b"</") {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Err(FileError::NotXml(format!(
                    "more than {MAX_ELEMENTS} elements: split the file"
                )));
            }
        }
        // The tag, to its `>` outside quotes.
        let mut quote = None;
        let mut attributes = 0usize;
        i += 1;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'=' => {
                    attributes += 1;
                    if attributes > MAX_ATTRIBUTES {
                        return Err(FileError::NotXml(format!(
                            "an element has more than {MAX_ATTRIBUTES} attributes (near byte {i})"
                        )));
                    }
                }
                None if c == b'>' => break,
                None => {}
            }
            i += 1;
        }
    }
    Ok(())
}

/// Parses `text` into its root element.
pub(super) fn parse(text: &str) -> Result<Element, FileError> {
    check_shape(text)?;
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.allow_unmatched_ends = false;
    config.expand_empty_elements = false;

    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (resolved(&ns), event),
            Err(e) => return Err(ill_formed(&reader, e)),
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(not_xml(&reader, "content after the root element"));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(FileError::TooDeep(MAX_DEPTH));
                }
                let element = element(&reader, ns, &start)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(FileError::TooDeep(MAX_DEPTH));
                }
                let element = element(&reader, ns, &start)?;
                close(&mut stack, &mut root, element);
            }
            Event::End(_) => {
                let Some(mut element) = stack.pop() else {
                    return Err(not_xml(&reader, "an end tag without a start tag"));
                };
                if !element.children.is_empty() {
                    zeroize::Zeroize::zeroize(&mut element.text);
                    element.text.shrink_to_fit();
                }
                close(&mut stack, &mut root, element);
            }
            Event::Text(t) => {
                let t = t.unescape().map_err(|e| not_xml(&reader, e))?;
                append_text(&reader, &mut stack, &t)?;
            }
            Event::CData(c) => {
                let bytes = c.into_inner();
                let t = std::str::from_utf8(&bytes).map_err(|_| FileError::NotUtf8)?;
                append_text(&reader, &mut stack, t)?;
            }
            Event::Decl(decl) => {
                if let Some(encoding) = decl.encoding() {
                    let encoding = encoding.map_err(|e| not_xml(&reader, e))?;
                    if !encoding.eq_ignore_ascii_case(b"UTF-8") {
                        return Err(FileError::NotXml(format!(
                            "the document declares the encoding {:?}; only UTF-8 is read",
                            printable(&String::from_utf8_lossy(&encoding), 40)
                        )));
                    }
                }
            }
            Event::DocType(_) => return Err(FileError::Doctype),
            // Comments and processing instructions carry nothing PSKC needs, and nothing
            // here acts on them.
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(FileError::NotXml(
            "the document ends inside an element (is the file truncated?)".to_owned(),
        ));
    }
    root.ok_or_else(|| FileError::NotXml("the document has no root element".to_owned()))
}

fn resolved(ns: &ResolveResult<'_>) -> Result<Ns, Vec<u8>> {
    match ns {
        ResolveResult::Unbound => Ok(Ns::None),
        ResolveResult::Bound(uri) => Ok(Ns::of(uri.as_ref())),
        ResolveResult::Unknown(prefix) => Err(prefix.clone()),
    }
}

fn element(
    reader: &NsReader<&[u8]>,
    ns: Result<Ns, Vec<u8>>,
    start: &BytesStart<'_>,
) -> Result<Element, FileError> {
    let ns = ns.map_err(|prefix| {
        not_xml(
            reader,
            format!(
                "the prefix {:?} is not declared",
                String::from_utf8_lossy(&prefix)
            ),
        )
    })?;
    let name = utf8(start.local_name().as_ref())?.to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| not_xml(reader, e))?;
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let (ns, local) = reader.resolve_attribute(attr.key);
        let value = attr.unescape_value().map_err(|e| not_xml(reader, e))?;
        match ns {
            ResolveResult::Unbound => {
                attrs.push((utf8(local.as_ref())?.to_owned(), Cow::into_owned(value)));
            }
            // Qualified attributes (xml:lang and the like) mean nothing to PSKC.
            ResolveResult::Bound(_) => {}
            ResolveResult::Unknown(prefix) => {
                return Err(not_xml(
                    reader,
                    format!(
                        "the prefix {:?} is not declared",
                        String::from_utf8_lossy(&prefix)
                    ),
                ));
            }
        }
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}

fn utf8(bytes: &[u8]) -> Result<&str, FileError> {
    std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)
}

fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn append_text(
    reader: &NsReader<&[u8]>,
    stack: &mut [Element],
    text: &str,
) -> Result<(), FileError> {
    match stack.last_mut() {
        Some(element) => {
            element.text.push_str(text);
            Ok(())
        }
        None if text.trim_matches(is_xml_space).is_empty() => Ok(()),
        None => Err(not_xml(reader, "text outside the root element")),
    }
}

/// XML's white space (XML 1.0 §2.3 `S`).
pub(super) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_are_matched_by_uri_not_prefix() {
        let root = parse(
            r#"<?xml version="1.0" encoding="utf-8"?>
            <a:KeyContainer xmlns:a="urn:ietf:params:xml:ns:keyprov:pskc" Version="1.0"
                xmlns:x="http://www.w3.org/2001/04/xmlenc#">
              <a:KeyPackage><x:CipherValue>AA&amp;<![CDATA[<b>]]></x:CipherValue></a:KeyPackage>
              <KeyPackage xmlns="urn:ietf:params:xml:ns:keyprov:pskc"/>
              <KeyPackage a:Id="qualified"/>
            </a:KeyContainer>"#,
        )
        .unwrap();
        assert!(root.is(Ns::Pskc, "KeyContainer"));
        assert_eq!(root.attr("Version"), Some("1.0"));
        assert_eq!(root.all(&[Ns::Pskc], "KeyPackage").count(), 2);
        assert_eq!(root.all(&[Ns::None], "KeyPackage").count(), 1);
        let value = &root.children[0].children[0];
        assert!(value.is(Ns::Xenc, "CipherValue"));
        assert_eq!(value.text, "AA&<b>");
        assert_eq!(root.children[2].attr("Id"), None);
        assert_eq!(
            root.one(Ns::Pskc, "KeyPackage").unwrap_err(),
            "more than one KeyPackage in KeyContainer"
        );
    }

    #[test]
    fn doctype_and_entities_are_refused() {
        let laughs = r#"<?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>"#;
        assert!(matches!(parse(laughs), Err(FileError::Doctype)));
        let external = r#"<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>"#;
        assert!(matches!(parse(external), Err(FileError::Doctype)));
        // Without a DOCTYPE an entity reference is simply not XML.
        assert!(matches!(parse("<a>&lol;</a>"), Err(FileError::NotXml(_))));
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in [
            "",
            "   ",
            "<a>",
            "<a><b></a>",
            "<a></b>",
            "</a>",
            "<a/><b/>",
            "text<a/>",
            "<a/>text",
            "<p:a/>",
            "<a p:x='1'/>",
            "<a x='1' x='2'/>",
            "<a><b>",
        ] {
            assert!(
                matches!(parse(bad), Err(FileError::NotXml(_))),
                "{bad:?}: {:?}",
                parse(bad).map(|e| e.name.clone())
            );
        }
        assert!(matches!(
            parse(r#"<?xml version="1.0" encoding="ISO-8859-1"?><a/>"#),
            Err(FileError::NotXml(m)) if m.contains("ISO-8859-1")
        ));
    }

    #[test]
    fn depth_is_bounded() {
        let at = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        assert!(parse(&at(MAX_DEPTH)).is_ok());
        // Attributes per element and elements per file are bounded before the reader runs.
        let many = |n: usize| {
            let attrs: String = (0..n).map(|k| format!(" a{k}=\"'>\"")).collect();
            format!("<r{attrs}/>")
        };
        assert!(parse(&many(MAX_ATTRIBUTES)).is_ok());
        assert!(matches!(
            parse(&many(MAX_ATTRIBUTES + 1)),
            Err(FileError::NotXml(_))
        ));
        let commented = format!("<r><!-- {} --></r>", "= ".repeat(1000));
        assert!(parse(&commented).is_ok());
        let flat = format!("<r>{}</r>", "<a/>".repeat(MAX_ELEMENTS));
        assert!(matches!(parse(&flat), Err(FileError::NotXml(m)) if m.contains("elements")));
        assert!(matches!(
            parse(&at(MAX_DEPTH + 1)),
            Err(FileError::TooDeep(MAX_DEPTH))
        ));
        let empty = format!(
            "{}<b/>{}",
            "<a>".repeat(MAX_DEPTH),
            "</a>".repeat(MAX_DEPTH)
        );
        assert!(matches!(parse(&empty), Err(FileError::TooDeep(MAX_DEPTH))));
    }

    #[test]
    fn printable_neutralises_terminal_tricks() {
        assert_eq!(printable("ab\x1b[2Jc\n", 100), "ab?[2Jc?");
        assert_eq!(printable("a\u{202e}b", 100), "a?b");
        assert_eq!(printable("abcdef", 3), "abc…");
    }
}
