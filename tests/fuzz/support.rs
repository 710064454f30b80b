//! Shared pieces of the fuzz targets (docs/FUZZING.md): the case count, and strategies that
//! mutate a valid sample or build awkward text. Each crate's fuzz target includes this file with
//! `#[path = ...] mod support;`, so that it needs nothing but `proptest`.
//!
//! Not every target uses every item.
#![allow(dead_code)]

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

/// The configuration of a fuzz target: `PROPTEST_CASES` from the environment when set (long
/// runs, `scripts/fuzz`), else `default_cases`, chosen per target so that all the targets
/// together stay within their CI budget (docs/FUZZING.md).
pub fn config(default_cases: u32) -> Config {
    let base = Config::default();
    let from_env = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok());
    Config {
        cases: from_env.unwrap_or(default_cases),
        // Beside the target: `tests/fuzz.rs` keeps its failures in `tests/fuzz.proptest-regressions`
        // (committed: proptest replays them first on every run).
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..base
    }
}

/// Characters that break naive parsers: ASCII syntax, controls (C0, DEL, C1), bidi overrides and
/// isolates, zero-width characters, BOM, combining marks, noncharacters, private use, astral
/// characters, full-width and other look-alikes, Fluent's braces.
pub fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        1 => proptest::char::range('\u{0}', '\u{1F}'),
        1 => Just('\u{7F}'),
        1 => proptest::char::range('\u{80}', '\u{9F}'),
        1 => prop::sample::select(vec![
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}',
            '\u{FEFF}', '\u{2028}', '\u{2029}', '\u{00A0}', '\u{3000}', '\u{FFFD}', '\u{FFFE}',
            '\u{FFFF}', '\u{E000}', '\u{10FFFF}', '\u{E0041}', '\u{FE0F}', '\u{115F}', '\u{0301}',
            '\u{0308}', '\u{093F}', '\u{FF20}', '\u{FE6B}', '\u{1F600}', 'İ', 'ß', 'ﬃ', 'Ω', 'é',
            'ж', 'ب', 'א', '中', '𝔄', '{', '}', '$', '"', '\\', '%', '&', '<', '>', '#', '@',
        ]),
        1 => any::<char>(),
    ]
}

/// A string of [`nasty_char`]s, at most `max` characters.
pub fn nasty_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..=max).prop_map(|v| v.into_iter().collect())
}

/// One edit of a sample. Positions are [`Index`]es, scaled to the length when applied.
#[derive(Debug, Clone)]
pub enum Edit<T> {
    /// Replace the item at a position.
    Replace(Index, T),
    /// Insert items at a position.
    Insert(Index, Vec<T>),
    /// Remove a run of items (at most the given length).
    Delete(Index, usize),
    /// Repeat a run of items right after itself.
    Duplicate(Index, usize),
    /// Keep only the items before a position.
    Truncate(Index),
    /// Swap two items.
    Swap(Index, Index),
}

fn edit<T: std::fmt::Debug + Clone + 'static>(
    item: BoxedStrategy<T>,
) -> impl Strategy<Value = Edit<T>> {
    prop_oneof![
        3 => (any::<Index>(), item.clone()).prop_map(|(i, t)| Edit::Replace(i, t)),
        3 => (any::<Index>(), prop::collection::vec(item, 1..8)).prop_map(|(i, t)| Edit::Insert(i, t)),
        2 => (any::<Index>(), 1usize..16).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

/// Applies `edits` to `items`, in order.
pub fn apply<T: Clone>(mut items: Vec<T>, edits: &[Edit<T>]) -> Vec<T> {
    for e in edits {
        let len = items.len();
        let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
        match e {
            Edit::Replace(i, t) if len > 0 => items[i.index(len)] = t.clone(),
            Edit::Replace(..) => {}
            Edit::Insert(i, t) => {
                let p = at(i, len);
                items.splice(p..p, t.iter().cloned());
            }
            Edit::Delete(i, n) => {
                let p = at(i, len).min(len);
                items.drain(p..(p + n).min(len));
            }
            Edit::Duplicate(i, n) => {
                let p = at(i, len).min(len);
                let run: Vec<T> = items[p..(p + n).min(len)].to_vec();
                let end = (p + n).min(len);
                items.splice(end..end, run);
            }
            Edit::Truncate(i) => items.truncate(at(i, len)),
            Edit::Swap(a, b) if len > 0 => items.swap(a.index(len), b.index(len)),
            Edit::Swap(..) => {}
        }
    }
    items
}

/// A near-valid string: `sample` with 1 to 4 edits, inserted pieces being characters of
/// [`nasty_char`] or whole `tokens` (the format's own syntax, e.g. XML markup).
pub fn mutated(sample: String, tokens: &'static [&'static str]) -> BoxedStrategy<String> {
    let item: BoxedStrategy<String> = if tokens.is_empty() {
        nasty_char().prop_map(String::from).boxed()
    } else {
        prop_oneof![
            nasty_char().prop_map(String::from),
            prop::sample::select(tokens).prop_map(str::to_owned),
        ]
        .boxed()
    };
    let pieces: Vec<String> = sample.chars().map(String::from).collect();
    prop::collection::vec(edit(item), 1..=4)
        .prop_map(move |edits| apply(pieces.clone(), &edits).concat())
        .boxed()
}

/// A near-valid byte string: `sample` with 1 to 4 byte edits.
pub fn mutated_bytes(sample: Vec<u8>) -> BoxedStrategy<Vec<u8>> {
    let byte = prop_oneof![any::<u8>(), Just(0u8), Just(0xFF), Just(0x80), Just(0x7F)].boxed();
    prop::collection::vec(edit(byte), 1..=4)
        .prop_map(move |edits| apply(sample.clone(), &edits))
        .boxed()
}

/// An XML node, for structure-aware documents: rendered by [`XmlNode::render`] without any
/// checking, so that names, values and text may also be broken on purpose.
#[derive(Debug, Clone)]
pub enum XmlNode {
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<XmlNode>,
    },
    /// Character data, written as is (entity and character references included).
    Text(String),
    Comment(String),
    CData(String),
    Pi(String),
}

impl XmlNode {
    pub fn render(&self, out: &mut String) {
        match self {
            XmlNode::Element {
                name,
                attrs,
                children,
            } => {
                out.push('<');
                out.push_str(name);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    out.push_str(&v.replace('"', "&quot;"));
                    out.push('"');
                }
                if children.is_empty() {
                    out.push_str("/>");
                    return;
                }
                out.push('>');
                for c in children {
                    c.render(out);
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            XmlNode::Text(t) => out.push_str(t),
            XmlNode::Comment(t) => {
                out.push_str("<!--");
                out.push_str(t);
                out.push_str("-->");
            }
            XmlNode::CData(t) => {
                out.push_str("<![CDATA[");
                out.push_str(t);
                out.push_str("]]>");
            }
            XmlNode::Pi(t) => {
                out.push_str("<?");
                out.push_str(t);
                out.push_str("?>");
            }
        }
    }
}

/// Prologs a hostile document may start with: DTDs with internal entities (billion laughs),
/// external entities (XXE), parameter entities, and harmless ones.
pub const HOSTILE_PROLOGS: &[&str] = &[
    "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>",
    "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
    "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">",
    "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]>",
    "<!DOCTYPE r>",
    "<!DOCTYPE r [<!ELEMENT r ANY><!ATTLIST r id ID #IMPLIED>]>",
];

/// Entity references a hostile document may use: defined by the hostile prologs, undefined,
/// and character references to characters XML forbids.
pub const XML_REFERENCES: &[&str] = &[
    "&f;",
    "&xxe;",
    "&a;",
    "&undefined;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&#0;",
    "&#x1;",
    "&#xD800;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#65;",
    "&#;",
    "&",
    "&#x41",
    "]]>",
];

/// XML nodes of the given element and attribute names (qualified names and `xmlns`
/// declarations are the caller's), with text from `texts`, references and awkward characters,
/// comments, CDATA sections and processing instructions; at most `depth` levels.
pub fn xml_tree(
    names: Vec<&'static str>,
    attr_names: Vec<&'static str>,
    texts: Vec<&'static str>,
    depth: u32,
) -> BoxedStrategy<XmlNode> {
    let text = prop_oneof![
        4 => prop::sample::select(texts.clone()).prop_map(str::to_owned),
        1 => prop::sample::select(XML_REFERENCES).prop_map(str::to_owned),
        1 => nasty_string(6),
        1 => prop::sample::select(vec![" ", "\n", "\r\n", "\t", ""]).prop_map(str::to_owned),
    ]
    .boxed();
    let leaf = prop_oneof![
        6 => text.clone().prop_map(XmlNode::Text),
        1 => text.clone().prop_map(XmlNode::Comment),
        1 => text.clone().prop_map(XmlNode::CData),
        1 => prop::sample::select(vec!["xml version=\"1.0\"", "pi data", "xml-stylesheet href=\"x\""])
            .prop_map(|p| XmlNode::Pi(p.to_owned())),
    ];
    let attr = (prop::sample::select(attr_names), text);
    let names = prop::sample::select(names);
    leaf.prop_recursive(depth, 48, 6, move |inner| {
        (
            names.clone(),
            prop::collection::vec(attr.clone(), 0..4),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(name, attrs, children)| XmlNode::Element {
                name: name.to_owned(),
                attrs: attrs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                children,
            })
    })
    .boxed()
}

/// A document from [`xml_tree`]: an element root, sometimes after an XML declaration, a
/// hostile prolog, a comment or a byte order mark, sometimes with trailing content.
pub fn xml_document(tree: BoxedStrategy<XmlNode>) -> impl Strategy<Value = (String, bool)> {
    let prolog = prop_oneof![
        4 => Just(None),
        2 => prop::sample::select(HOSTILE_PROLOGS).prop_map(Some),
    ];
    let decl = prop::sample::select(vec![
        "",
        "",
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.1\" encoding=\"ISO-8859-1\"?>",
        "\u{FEFF}",
        "<!-- c -->",
    ]);
    let trailer = prop::sample::select(vec!["", "", "", "\n", "<x/>", "text", "<!-- c -->"]);
    (decl, prolog, tree, trailer).prop_map(|(decl, prolog, node, trailer)| {
        let mut out = String::from(decl);
        if let Some(p) = prolog {
            out.push_str(p);
        }
        node.render(&mut out);
        out.push_str(trailer);
        (out, prolog.is_some())
    })
}
