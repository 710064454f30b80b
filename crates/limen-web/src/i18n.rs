//! Page text through Fluent (every user-visible string lives in `locales/{en,fr}/main.ftl`),
//! and language negotiation: an explicit choice (`?lang=`, EU Login's `?locale=`) is remembered
//! in a cookie; otherwise `Accept-Language` decides; English is the fallback.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments would end up inside e-mail addresses.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The 24 official languages of the European Union (Regulation No 1 of 1958, as amended), each
/// with its name in its own language, as the language selector shows them ("français (fr)").
/// Every one has complete translations: `scripts/check-locales` and the tests below hold each
/// file to the English one.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("bg", "български"),
    ("cs", "čeština"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("el", "ελληνικά"),
    ("en", "English"),
    ("es", "español"),
    ("et", "eesti"),
    ("fi", "suomi"),
    ("fr", "français"),
    ("ga", "Gaeilge"),
    ("hr", "hrvatski"),
    ("hu", "magyar"),
    ("it", "italiano"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("mt", "Malti"),
    ("nl", "Nederlands"),
    ("pl", "polski"),
    ("pt", "português"),
    ("ro", "română"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sv", "svenska"),
];

pub const DEFAULT_LANGUAGE: &str = "en";

/// The message ids a Fluent file defines (a line `id = …` at the start of a line; attributes,
/// continuation lines and comments start otherwise).
pub(crate) fn message_ids(ftl: &str) -> impl Iterator<Item = &str> {
    ftl.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next().map(str::trim))
}

/// A supported language code, or `None`.
pub fn supported(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    LANGUAGES.iter().map(|(c, _)| *c).find(|c| *c == primary)
}

/// Picks the best supported language from an `Accept-Language` header (RFC 9110 §12.5.4).
pub fn negotiate(accept_language: &str) -> Option<&'static str> {
    let mut ranges: Vec<(f32, &str)> = accept_language
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            (q > 0.0 && !tag.is_empty()).then_some((q, tag))
        })
        .collect();
    // Stable sort keeps the header's order among equal weights.
    ranges.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    ranges.into_iter().find_map(|(_, tag)| supported(tag))
}

/// A translator for one language.
#[derive(Clone, Debug)]
pub struct Tr {
    lang: &'static str,
    id: LanguageIdentifier,
}

impl Tr {
    pub fn new(lang: &str) -> Self {
        let lang = supported(lang).unwrap_or(DEFAULT_LANGUAGE);
        let id = lang.parse().unwrap_or_default();
        Self { lang, id }
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES.try_lookup(&self.id, key).unwrap_or_else(|| {
            tracing::warn!(key, lang = self.lang, "missing translation");
            key.to_owned()
        })
    }

    pub fn t_with(&self, key: &str, args: &[(&str, FluentArg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    FluentArg::Str(s) => FluentValue::from(s.clone()),
                    FluentArg::Num(n) => FluentValue::from(*n),
                };
                (Cow::Owned((*k).to_owned()), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id, key, &map)
            .unwrap_or_else(|| {
                tracing::warn!(key, lang = self.lang, "missing translation");
                key.to_owned()
            })
    }

    /// Whether `key` has a text.
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(&self.id, key).is_some()
    }

    /// The text of `key`, or of `fallback` when `key` has none (a method's own message, or the
    /// generic one).
    pub fn t_or(&self, key: &str, fallback: &str) -> String {
        LOCALES
            .try_lookup(&self.id, key)
            .unwrap_or_else(|| self.t(fallback))
    }

    /// A moment as this language writes a date and a time (the short numeric date of Unicode
    /// CLDR 46 with a four-digit year, 24-hour time), in UTC, which the text says.
    pub fn datetime(&self, t: time::OffsetDateTime) -> String {
        let t = t.to_offset(time::UtcOffset::UTC);
        let (y, mo, d) = (t.year(), u8::from(t.month()), t.day());
        let (h, mi) = (t.hour(), t.minute());
        match self.lang {
            "bg" => format!("{d}.{mo:02}.{y} г., {h:02}:{mi:02} UTC"),
            "cs" | "sk" | "sl" => format!("{d}. {mo}. {y} {h:02}:{mi:02} UTC"),
            "da" => format!("{d:02}.{mo:02}.{y} {h:02}.{mi:02} UTC"),
            "de" | "ro" => format!("{d:02}.{mo:02}.{y}, {h:02}:{mi:02} UTC"),
            "el" | "es" => format!("{d}/{mo}/{y}, {h:02}:{mi:02} UTC"),
            "en" | "it" | "pt" => format!("{d:02}/{mo:02}/{y}, {h:02}:{mi:02} UTC"),
            "et" => format!("{d}.{mo:02}.{y} {h:02}:{mi:02} UTC"),
            "fi" => format!("{d}.{mo}.{y} klo {h}.{mi:02} UTC"),
            "hr" => format!("{d:02}. {mo:02}. {y}. {h:02}:{mi:02} UTC"),
            "hu" => format!("{y}. {mo:02}. {d:02}. {h:02}:{mi:02} UTC"),
            "lt" | "sv" => format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02} UTC"),
            "lv" => format!("{d:02}.{mo:02}.{y} {h:02}:{mi:02} UTC"),
            "nl" => format!("{d:02}-{mo:02}-{y} {h:02}:{mi:02} UTC"),
            "pl" => format!("{d}.{mo:02}.{y}, {h:02}:{mi:02} UTC"),
            // fr, ga, mt
            _ => format!("{d:02}/{mo:02}/{y} {h:02}:{mi:02} UTC"),
        }
    }

    /// A whole number with this language's digit grouping (CLDR 46: the group separator, and
    /// Spanish, Polish and Portuguese grouping only from five digits on).
    pub fn number(&self, n: i64) -> String {
        let (separator, min_digits) = match self.lang {
            "en" | "ga" | "mt" => (",", 4),
            "da" | "de" | "el" | "hr" | "it" | "nl" | "ro" | "sl" => (".", 4),
            "es" => (".", 5),
            "pt" | "pl" => ("\u{a0}", 5),
            "fr" => ("\u{202f}", 4),
            _ => ("\u{a0}", 4),
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        if digits.len() >= min_digits {
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push_str(separator);
                }
                out.push(c);
            }
        } else {
            out = digits;
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// One number argument (a plural's selector), for templates.
    pub fn tn(&self, key: &str, name: &str, n: impl std::borrow::Borrow<i64>) -> String {
        self.t_with(key, &[(name, FluentArg::Num(*n.borrow()))])
    }

    /// One-argument shorthand for templates.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.t_with(key, &[(name, FluentArg::Str(value.to_owned()))])
    }
}

pub enum FluentArg {
    Str(String),
    Num(i64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_weight_and_falls_back() {
        assert_eq!(negotiate("fr-BE,fr;q=0.9,en;q=0.8"), Some("fr"));
        assert_eq!(negotiate("ja,de-DE;q=0.9,en;q=0.5,fr;q=0.7"), Some("de"));
        assert_eq!(negotiate("zh-TW, ja;q=0.8, pt-BR;q=0.5"), Some("pt"));
        assert_eq!(negotiate("zh, ja"), None);
        assert_eq!(negotiate("fr;q=0, en"), Some("en"));
        assert_eq!(negotiate(""), None);
        assert_eq!(negotiate(";;;,,q=abc"), None);
    }

    #[test]
    fn translates_with_arguments() {
        let fr = Tr::new("fr-FR");
        assert_eq!(fr.lang(), "fr");
        assert_eq!(fr.t("login-next"), "Suivant");
        assert!(fr.t1("requested-by", "service", "Démo").contains("Démo"));
        assert_eq!(Tr::new("xx").lang(), "en");
    }

    #[test]
    fn dates_and_numbers_in_each_language() {
        let t = time::macros::datetime!(2026-03-07 08:05 UTC);
        let cases = [
            ("en", "07/03/2026, 08:05 UTC"),
            ("fr", "07/03/2026 08:05 UTC"),
            ("de", "07.03.2026, 08:05 UTC"),
            ("fi", "7.3.2026 klo 8.05 UTC"),
            ("hu", "2026. 03. 07. 08:05 UTC"),
            ("sv", "2026-03-07 08:05 UTC"),
            ("bg", "7.03.2026 г., 08:05 UTC"),
            ("cs", "7. 3. 2026 08:05 UTC"),
        ];
        for (lang, want) in cases {
            assert_eq!(Tr::new(lang).datetime(t), want, "{lang}");
        }
        // Every language writes the year and the minutes, and says UTC.
        for (lang, _) in LANGUAGES {
            let s = Tr::new(lang).datetime(t);
            assert!(
                s.contains("2026") && s.contains("05") && s.ends_with("UTC"),
                "{lang}: {s}"
            );
        }
        assert_eq!(Tr::new("en").number(1234567), "1,234,567");
        assert_eq!(Tr::new("de").number(1234), "1.234");
        assert_eq!(Tr::new("fr").number(12345), "12\u{202f}345");
        assert_eq!(Tr::new("es").number(1234), "1234");
        assert_eq!(Tr::new("es").number(12345), "12.345");
        assert_eq!(Tr::new("pl").number(-1234567), "-1\u{a0}234\u{a0}567");
        assert_eq!(Tr::new("sv").number(999), "999");
        assert_eq!(Tr::new("en").number(0), "0");
    }

    /// Every message a template or the code names by a literal key (`t("…")`, `t1`, `tn`,
    /// `t_with`, `t_or`) exists in English — and so, by the test below, in every language. (Keys made at
    /// run time, `method-{code}` and the like, are checked where they are made.)
    #[test]
    fn every_key_the_pages_use_exists() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "html" || e == "txt" || e == "rs")
                {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("templates"), &mut files);
        walk(&root.join("src"), &mut files);
        let mut en = std::collections::HashSet::new();
        for entry in std::fs::read_dir(root.join("locales/en")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            en.extend(message_ids(&text).map(str::to_owned));
        }
        let mut missing = Vec::new();
        let mut seen = 0;
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for call in ["t(\"", "t1(\"", "tn(\"", "t_with(\"", "t_or(\""] {
                for (at, _) in text.match_indices(call) {
                    // A method call (`.t(`), not `format!(`, `assert!(` or a word ending in t.
                    if !text[..at].ends_with('.') {
                        continue;
                    }
                    let rest = &text[at + call.len()..];
                    let Some(end) = rest.find('"') else { continue };
                    let key = &rest[..end];
                    if key.is_empty()
                        || !key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        continue;
                    }
                    seen += 1;
                    if !en.contains(key) && !missing.iter().any(|(k, _)| k == key) {
                        missing.push((key.to_owned(), file.strip_prefix(root).unwrap().to_owned()));
                    }
                }
            }
        }
        assert!(seen > 500, "{seen} keys found: the scan is broken");
        // Keys the tests of this module look up on purpose.
        missing.retain(|(k, _)| k != "no-such-key");
        assert!(
            missing.is_empty(),
            "keys without an English text: {missing:?}"
        );
    }

    /// Every language has every file and every key English has, and no other key.
    #[test]
    fn every_language_has_the_keys_of_english() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let keys = |path: &std::path::Path| -> Vec<String> {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut k: Vec<String> = message_ids(&text).map(str::to_owned).collect();
            k.sort();
            k
        };
        let mut files: Vec<_> = std::fs::read_dir(dir.join("en"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        files.sort();
        assert!(files.len() >= 4, "{files:?}");
        let mut total = 0;
        for file in &files {
            let en = keys(&dir.join("en").join(file));
            assert!(!en.is_empty(), "{file:?}");
            total += en.len();
            for (lang, _) in LANGUAGES {
                assert_eq!(keys(&dir.join(lang).join(file)), en, "{lang}/{file:?}");
            }
        }
        assert!(total > 1000, "{total} messages: the scan is broken");
        // No directory of a language the server does not offer.
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(supported(&name) == Some(name.as_str()), "{name}");
        }
    }
}
