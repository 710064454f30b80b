//! The one parse of a message, with the limits of the wrapping guard (FEDERATION.md §5.3 steps 1
//! and 2), and small readers over the resulting tree. Everything this crate reads comes from a
//! `roxmltree::Document` made here: the node whose signature is verified is the very node later
//! read (no second parser, no re-serialisation). Two profiles ([`Limits`], SAML.md §2.3): messages
//! ([`parse`]) and SP metadata, read once at registration ([`parse_with`] and
//! [`Limits::METADATA`]).
//!
//! Never: allow a DTD (roxmltree refuses it by default), accept a processing instruction, accept a
//! comment in a message or beside text in metadata (this removes the comment-in-NameID class,
//! CVE-2017-11427/11428), or read an element's text other than as the concatenation of all its
//! text children, refusing any other child.

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

/// Largest SP metadata document accepted, in bytes (SAML.md §2.3: a few certificates and many
/// endpoints, and what `[http_client]` fetches at most).
pub const MAX_METADATA_BYTES: usize = 1024 * 1024;

/// The limits of one parse profile (SAML.md §2.3). Everything else of the guard holds for every
/// profile: no DTD, depth at most [`MAX_DEPTH`], at most [`MAX_NAMESPACES`] in scope, no processing
/// instruction, unique `ID`/`Id`/`AssertionID` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document, in bytes of XML text.
    pub max_bytes: usize,
    /// Whether a comment may stand between elements: as a child of the document or of an element
    /// that holds no text (only elements and whitespace). A comment beside text is refused, and
    /// [`text`] refuses any element holding a comment, so a comment never splits a value.
    pub comments_between_elements: bool,
}

impl Limits {
    /// Every SAML protocol message (SAML.md §10; FEDERATION.md §5.3): 64 KiB, no comment at all.
    pub const MESSAGE: Limits = Limits {
        max_bytes: MAX_BYTES,
        comments_between_elements: false,
    };
    /// SP metadata, read once at registration (SAML.md §2.3): 1 MiB, comments between elements
    /// (real generators write them there).
    pub const METADATA: Limits = Limits {
        max_bytes: MAX_METADATA_BYTES,
        comments_between_elements: true,
    };
}

/// Parses `text` as one XML document under the guard with [`Limits::MESSAGE`]: at most
/// [`MAX_BYTES`], no DTD, depth at most [`MAX_DEPTH`], no comment and no processing instruction
/// anywhere, and every `ID`, `Id` and `AssertionID` attribute value unique in the document (XSW
/// duplicates, FEDERATION.md §5.3).
pub fn parse(text: &str) -> Result<Document<'_>, SamlError> {
    parse_with(text, Limits::MESSAGE)
}

/// Parses `text` under the guard with the given `limits` (SAML.md §2.3): the size and comment
/// rules are the profile's, every other rule is [`parse`]'s.
pub fn parse_with(text: &str, limits: Limits) -> Result<Document<'_>, SamlError> {
    if text.len() > limits.max_bytes {
        return Err(SamlError::Guard(format!(
            "{} bytes, over the {} byte limit",
            text.len(),
            limits.max_bytes
        )));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        // Without a DTD no entity expands, and every node roxmltree makes takes at least one
        // byte of the text: the byte limit bounds the node count.
        nodes_limit: u32::try_from(limits.max_bytes).unwrap_or(u32::MAX),
        entity_resolver: None,
    };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| SamlError::malformed(format!("XML: {e}")))?;
    check_tree(&doc, limits)?;
    Ok(doc)
}

fn check_tree(doc: &Document<'_>, limits: Limits) -> Result<(), SamlError> {
    // Depth by node index, without recursion: a node's depth is its parent's plus one.
    let mut depth = vec![0usize; doc.descendants().count() + 1];
    let mut ids = HashSet::new();
    for node in doc.descendants() {
        match node.node_type() {
            NodeType::Comment => {
                let between_elements = limits.comments_between_elements
                    && node.parent().is_some_and(|p| !holds_text(p));
                if !between_elements {
                    return Err(SamlError::Guard("a comment".into()));
                }
            }
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

/// Whether `node` has a text child other than XML whitespace (XML 1.0 §2.3 `S`).
fn holds_text(node: Node<'_, '_>) -> bool {
    node.children().any(|c| {
        c.is_text()
            && !c
                .text()
                .unwrap_or_default()
                .chars()
                .all(|ch| matches!(ch, ' ' | '\t' | '\n' | '\r'))
    })
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

/// The whole text of a leaf element: the concatenation of all its text children. Any other child
/// — an element, a comment (allowed between elements by [`Limits::METADATA`]), a processing
/// instruction — makes it malformed: a value is text, never markup, and a comment never splits or
/// hides part of it (the CVE-2017-11427 class).
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
