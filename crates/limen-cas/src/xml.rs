//! XML helpers shared by the renderers and the parsers.
//!
//! Output: a tiny writer that escapes every text node and attribute value and
//! strips characters that are not XML 1.0 `Char`s, so rendered documents are
//! always well-formed whatever the data.
//!
//! Input: [`parse_document`] turns a *small* untrusted document into a tree,
//! refusing anything suspicious: more than [`MAX_INPUT`] bytes, any DTD (and
//! therefore any entity declaration), references to undeclared entities,
//! unknown namespace prefixes, mismatched or unclosed tags, several roots,
//! text outside the root, characters illegal in XML 1.0, nesting deeper than
//! [`MAX_DEPTH`].

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// Largest document the parsers accept (64 KiB). A `/samlValidate` request
/// or a `logoutRequest` is a few hundred bytes.
pub(crate) const MAX_INPUT: usize = 64 * 1024;

/// Deepest element nesting the parsers accept. The documents we read are at
/// most four levels deep; the limit also bounds recursion when a tree is
/// dropped.
pub(crate) const MAX_DEPTH: usize = 32;

/// XML 1.0 (Fifth Edition) §2.2 `Char`.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// XML 1.0 §2.3 `NameStartChar`, without ':' (namespaces: NCName).
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 §2.3 `NameChar`, without ':'.
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` can be used as the local part of an element name
/// (Namespaces in XML 1.0 `NCName`).
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start_char(c) => chars.all(is_name_char),
        _ => false,
    }
}

/// XML whitespace (XML 1.0 §2.3 `S`).
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Trims XML whitespace (not Unicode whitespace) from both ends.
pub(crate) fn trim_xml_space(s: &str) -> &str {
    s.trim_matches(is_xml_space)
}

/// Appends `s` as escaped character data. `\r` is written as a character
/// reference so that it survives end-of-line normalisation.
fn push_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {} // illegal in XML 1.0: stripped
        }
    }
}

/// Appends `s` as an escaped attribute value (to be put between double
/// quotes). Tab, LF and CR are written as character references so that they
/// survive attribute-value normalisation.
fn push_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            _ => push_text(out, c.encode_utf8(&mut [0u8; 4])),
        }
    }
}

/// Minimal XML serialiser. Element and attribute *names* are the caller's
/// responsibility (static strings, or checked with [`is_ncname`]); every
/// *value* is escaped.
pub(crate) struct XmlWriter {
    out: String,
}

impl XmlWriter {
    pub(crate) fn new() -> Self {
        XmlWriter {
            out: String::with_capacity(512),
        }
    }

    fn open_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            push_attr(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// `<name attrs...>`
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_tag(name, attrs);
        self.out.push('>');
    }

    /// `<name attrs.../>`
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_tag(name, attrs);
        self.out.push_str("/>");
    }

    /// `</name>`
    pub(crate) fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Escaped character data.
    pub(crate) fn text(&mut self, s: &str) {
        push_text(&mut self.out, s);
    }

    /// `<name attrs...>text</name>`
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Why a document was refused by [`parse_document`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReadError {
    TooLarge,
    Dtd,
    TooDeep,
    Malformed(String),
}

impl ReadError {
    pub(crate) fn describe(&self) -> String {
        match self {
            ReadError::TooLarge => format!("XML document larger than {MAX_INPUT} bytes"),
            ReadError::Dtd => "XML document with a DTD (DOCTYPE) is not accepted".to_string(),
            ReadError::TooDeep => format!("XML document nested deeper than {MAX_DEPTH} levels"),
            ReadError::Malformed(why) => format!("malformed XML document: {why}"),
        }
    }
}

fn malformed(why: impl Into<String>) -> ReadError {
    ReadError::Malformed(why.into())
}

/// An attribute of a parsed element (namespace declarations excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    pub(crate) ns: Option<String>,
    pub(crate) local: String,
    pub(crate) value: String,
}

/// An element of a parsed document, namespaces resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub(crate) ns: Option<String>,
    pub(crate) local: String,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) children: Vec<Element>,
    /// Concatenated character data (text and CDATA) directly inside.
    pub(crate) text: String,
}

impl Element {
    /// Whether this element is `{ns}local`.
    pub(crate) fn is(&self, ns: &str, local: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.local == local
    }

    /// Value of the attribute `local` that has no namespace (SAML attributes
    /// such as `RequestID` are unqualified).
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_none() && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// The children named `{ns}local`.
    pub(crate) fn children_named<'a, 'n>(
        &'a self,
        ns: &'n str,
        local: &'n str,
    ) -> impl Iterator<Item = &'a Element> + use<'a, 'n> {
        self.children.iter().filter(move |c| c.is(ns, local))
    }

    /// The only child named `{ns}local`; `None` if there is none or several.
    pub(crate) fn only_child(&self, ns: &str, local: &str) -> Option<&Element> {
        let mut it = self.children_named(ns, local);
        match (it.next(), it.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, ReadError> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|_| malformed("invalid UTF-8"))
}

fn check_chars(s: &str) -> Result<(), ReadError> {
    if s.chars().all(is_xml_char) {
        Ok(())
    } else {
        Err(malformed("character not allowed in XML 1.0"))
    }
}

fn namespace(res: ResolveResult<'_>) -> Result<Option<String>, ReadError> {
    match res {
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Bound(ns) => utf8(ns.as_ref()).map(Some),
        ResolveResult::Unknown(_) => Err(malformed("undeclared namespace prefix")),
    }
}

fn element_from(
    reader: &NsReader<&[u8]>,
    ns: Option<String>,
    start: &BytesStart<'_>,
) -> Result<Element, ReadError> {
    let local = utf8(start.local_name().as_ref())?;
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| malformed(e.to_string()))?;
        // XML 1.0 §3.1 [10] AttValue: a literal '<' may not appear in an attribute
        // value (only as `&lt;`); quick-xml reads it through, so it is refused here.
        if attr.value.contains(&b'<') {
            return Err(malformed("'<' in an attribute value"));
        }
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let (res, attr_local) = reader.resolve_attribute(attr.key);
        let value = attr
            .unescape_value()
            .map_err(|e| malformed(e.to_string()))?
            .into_owned();
        check_chars(&value)?;
        attrs.push(Attr {
            ns: namespace(res)?,
            local: utf8(attr_local.as_ref())?,
            value,
        });
    }
    Ok(Element {
        ns,
        local,
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}

/// Parses a small, untrusted XML document into a tree. See the module docs
/// for everything that is refused.
pub(crate) fn parse_document(input: &str) -> Result<Element, ReadError> {
    if input.len() > MAX_INPUT {
        return Err(ReadError::TooLarge);
    }
    let mut reader = NsReader::from_str(input);
    {
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.expand_empty_elements = false;
        config.allow_unmatched_ends = false;
    }

    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;

    fn attach(
        el: Element,
        stack: &mut [Element],
        root: &mut Option<Element>,
    ) -> Result<(), ReadError> {
        if let Some(parent) = stack.last_mut() {
            parent.children.push(el);
            Ok(())
        } else if root.is_none() {
            *root = Some(el);
            Ok(())
        } else {
            Err(malformed("more than one root element"))
        }
    }

    loop {
        let (res, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(e.to_string()))?;
        match event {
            Event::Start(start) => {
                if stack.is_empty() && root.is_some() {
                    return Err(malformed("more than one root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(ReadError::TooDeep);
                }
                let ns = namespace(res)?;
                let el = element_from(&reader, ns, &start)?;
                stack.push(el);
            }
            Event::Empty(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ReadError::TooDeep);
                }
                let ns = namespace(res)?;
                let el = element_from(&reader, ns, &start)?;
                attach(el, &mut stack, &mut root)?;
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(|| malformed("unmatched end tag"))?;
                attach(el, &mut stack, &mut root)?;
            }
            Event::Text(text) => {
                let s = text.unescape().map_err(|e| malformed(e.to_string()))?;
                check_chars(&s)?;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&s),
                    None => {
                        if !s.chars().all(|c| is_xml_space(c) || c == '\u{FEFF}') {
                            return Err(malformed("text outside the root element"));
                        }
                    }
                }
            }
            Event::CData(data) => {
                let s = utf8(&data.into_inner())?;
                check_chars(&s)?;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&s),
                    None => return Err(malformed("CDATA outside the root element")),
                }
            }
            // No DTD at all: that rules out entity declarations (billion
            // laughs, external entities) whatever the parser would do.
            Event::DocType(_) => return Err(ReadError::Dtd),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(malformed("unclosed element"));
    }
    root.ok_or_else(|| malformed("no root element"))
}
