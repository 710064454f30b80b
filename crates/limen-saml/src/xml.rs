//! The one parse of a message, with the limits of the wrapping guard (FEDERATION.md §5.3 steps 1
//! and 2), and small readers over the resulting tree. Everything this crate reads comes from a
//! `roxmltree::Document` made here: the node whose signature is verified is the very node later
//! read (no second parser, no re-serialisation).
//!
//! Never: allow a DTD (roxmltree refuses it by default), accept a comment or a processing
//! instruction anywhere (this removes the comment-in-NameID class, CVE-2017-11427/11428), or read
//! an element's text other than as the concatenation of all its text children.

use std::collections::HashSet;

use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::SamlError;

/// Largest message accepted, in bytes of XML (FEDERATION.md §5.3 step 1).
pub const MAX_BYTES: usize = 64 * 1024;
/// Deepest element nesting accepted (FEDERATION.md §5.3 step 1).
pub const MAX_DEPTH: usize = 64;
/// Most namespaces in scope at one element: a SAML response uses a dozen; thousands would make
/// canonicalization (which rebuilds the in-scope set at every element) cost seconds before any
/// key is checked.
pub const MAX_NAMESPACES: usize = 64;

/// Namespaces, compared by URI, never by prefix.
pub mod ns {
    pub const SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
    pub const SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
    pub const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
    pub const ALG: &str = "urn:oasis:names:tc:SAML:metadata:algsupport";
    pub const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    pub const XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
    pub const XENC11: &str = "http://www.w3.org/2009/xmlenc11#";
    pub const EC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
    pub const EIDAS: &str = "http://eidas.europa.eu/saml-extensions";
}

/// Parses `text` as one XML document under the guard: at most [`MAX_BYTES`], no DTD, depth at most
/// [`MAX_DEPTH`], no comment and no processing instruction anywhere, and every `ID`, `Id` and
/// `AssertionID` attribute value unique in the document (XSW duplicates, FEDERATION.md §5.3).
pub fn parse(text: &str) -> Result<Document<'_>, SamlError> {
    if text.len() > MAX_BYTES {
        return Err(SamlError::Guard(format!(
            "{} bytes, over the {MAX_BYTES} byte limit",
            text.len()
        )));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: u32::try_from(MAX_BYTES).unwrap_or(u32::MAX),
        entity_resolver: None,
    };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| SamlError::malformed(format!("XML: {e}")))?;
    check_tree(&doc)?;
    Ok(doc)
}

fn check_tree(doc: &Document<'_>) -> Result<(), SamlError> {
    // Depth by node index, without recursion: a node's depth is its parent's plus one.
    let mut depth = vec![0usize; doc.descendants().count() + 1];
    let mut ids = HashSet::new();
    for node in doc.descendants() {
        match node.node_type() {
            NodeType::Comment => return Err(SamlError::Guard("a comment".into())),
            NodeType::PI => return Err(SamlError::Guard("a processing instruction".into())),
            NodeType::Element => {
                let parent_depth = node
                    .parent()
                    .map(|p| depth.get(p.id().get_usize()).copied().unwrap_or(0))
                    .unwrap_or(0);
                let d = parent_depth + 1;
                if d > MAX_DEPTH {
                    return Err(SamlError::Guard(format!(
                        "elements nested deeper than {MAX_DEPTH}"
                    )));
                }
                if let Some(slot) = depth.get_mut(node.id().get_usize()) {
                    *slot = d;
                }
                if node.namespaces().len() > MAX_NAMESPACES {
                    return Err(SamlError::Guard(format!(
                        "more than {MAX_NAMESPACES} namespaces in scope"
                    )));
                }
                for attr in node.attributes() {
                    if attr.namespace().is_none()
                        && matches!(attr.name(), "ID" | "Id" | "AssertionID")
                        && !ids.insert(attr.value())
                    {
                        return Err(SamlError::Guard(format!(
                            "the ID {:?} appears twice",
                            attr.value()
                        )));
                    }
                }
            }
            NodeType::Root | NodeType::Text => {}
        }
    }
    Ok(())
}

/// Whether `node` is the element `{ns}local`.
pub fn is(node: Node<'_, '_>, ns: &str, local: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(ns) && node.tag_name().name() == local
}

/// The element children of `node` named `{ns}local`.
pub fn children<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'a str,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| is(*c, ns, local))
}

/// The one child `{ns}local` of `node`: none or several is a malformed message.
pub fn one_child<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'a str,
    local: &'a str,
) -> Result<Node<'a, 'i>, SamlError> {
    let mut it = children(node, ns, local);
    match (it.next(), it.next()) {
        (Some(n), None) => Ok(n),
        (None, _) => Err(SamlError::malformed(format!(
            "{} has no {local}",
            node.tag_name().name()
        ))),
        (Some(_), Some(_)) => Err(SamlError::malformed(format!(
            "{} has more than one {local}",
            node.tag_name().name()
        ))),
    }
}

/// The child `{ns}local` of `node` if there is one; several is a malformed message.
pub fn opt_child<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'a str,
    local: &'a str,
) -> Result<Option<Node<'a, 'i>>, SamlError> {
    let mut it = children(node, ns, local);
    let first = it.next();
    if first.is_some() && it.next().is_some() {
        return Err(SamlError::malformed(format!(
            "{} has more than one {local}",
            node.tag_name().name()
        )));
    }
    Ok(first)
}

/// The whole text of a leaf element: the concatenation of all its text children. An element child
/// makes it malformed (a value is text, never markup).
pub fn text(node: Node<'_, '_>) -> Result<String, SamlError> {
    let mut out = String::new();
    for child in node.children() {
        match child.node_type() {
            NodeType::Text => out.push_str(child.text().unwrap_or_default()),
            _ => {
                return Err(SamlError::malformed(format!(
                    "{} holds markup where text was expected",
                    node.tag_name().name()
                )));
            }
        }
    }
    Ok(out)
}

/// An attribute (without namespace) that must be present.
pub fn required_attr<'a>(node: Node<'a, '_>, name: &str) -> Result<&'a str, SamlError> {
    node.attribute(name).ok_or_else(|| {
        SamlError::malformed(format!(
            "{} has no {name} attribute",
            node.tag_name().name()
        ))
    })
}

/// Base64 as XML carries it (XML-DSig §4.5: line breaks and spaces allowed): whitespace removed,
/// then the standard alphabet with padding.
pub fn base64_text(node: Node<'_, '_>) -> Result<Vec<u8>, SamlError> {
    use base64::Engine as _;
    let raw = text(node)?;
    let compact: String = raw.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| SamlError::malformed(format!("{} is not base64", node.tag_name().name())))
}

/// Text escaped for an XML attribute value or element content written by this crate.
pub fn escape(value: &str) -> String {
    quick_xml::escape::escape(value).into_owned()
}
