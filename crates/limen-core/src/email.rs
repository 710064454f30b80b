//! E-mail addresses as accounts are keyed by them.
//!
//! Parsing normalises to Unicode NFC, converts the domain to its IDNA ASCII form (RFC 5891),
//! and lower-cases the whole address for the uniqueness key: two addresses that differ only in
//! case, or in the Unicode/punycode spelling of the domain, are the same account.
//!
//! RFC 6531 §3.3 lets a local part hold any non-ASCII UTF-8 character; Limen accepts fewer (see
//! [`EmailError::Character`]): nothing invisible, nothing that reorders or hides what is shown
//! (Unicode TR #36 §2, TR #39 §3.1 and §3.1.1), and nothing the mail library would refuse when
//! the message is built, so an address that passes here can always be written to.

use std::fmt;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email {
    /// `local@domain` with the domain in lower-case ASCII (punycode for IDNs).
    address: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address is too long")]
    TooLong,
    #[error("the e-mail address is not valid")]
    Invalid,
    /// A character no address may hold: a control, format (bidirectional overrides and
    /// isolates, zero-width characters, the byte order mark, tag characters), private-use,
    /// unassigned or noncharacter code point, a separator other than ASCII, a default-ignorable
    /// code point (variation selectors, fillers), or a combining mark with nothing to combine
    /// with. These show nothing, or show the address as something it is not.
    #[error("the e-mail address contains U+{:04X}, an invisible or unusual character", u32::from(*.0))]
    Character(char),
}

/// RFC 5321 §4.5.3.1: local part ≤ 64 octets, path ≤ 256 (address ≤ 254 in practice).
const MAX_LOCAL: usize = 64;
const MAX_ADDRESS: usize = 254;

impl Email {
    /// Parses and normalises an address typed by someone: the one rule for every page, the
    /// command line and the API.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        Self::parse_with(input, true)
    }

    fn parse_with(input: &str, strict: bool) -> Result<Self, EmailError> {
        let input: String = input.trim().nfc().collect();
        if input.is_empty() {
            return Err(EmailError::Empty);
        }
        if strict && let Some(c) = input.chars().find(|&c| hidden_or_unusual(c)) {
            return Err(EmailError::Character(c));
        }
        if input.len() > MAX_ADDRESS {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = input.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if strict && let Some(c) = mark_without_base(local) {
            return Err(EmailError::Character(c));
        }
        if local.is_empty() || local.len() > MAX_LOCAL || !valid_local_part(local, strict) {
            return Err(EmailError::Invalid);
        }
        let domain = idna::domain_to_ascii(domain).map_err(|_| EmailError::Invalid)?;
        if !valid_ascii_domain(&domain) {
            return Err(EmailError::Invalid);
        }
        let address = format!("{local}@{domain}");
        if address.len() > MAX_ADDRESS {
            return Err(EmailError::TooLong);
        }
        Ok(Self { address })
    }

    /// Parses an address that may already be in the store from before the character rules of
    /// [`EmailError::Character`] (issue 11): only the syntax is checked. For finding such an
    /// account (to sign in, for the administrator), never for creating one or sending mail.
    pub fn parse_existing(input: &str) -> Result<Self, EmailError> {
        Self::parse_with(input, false)
    }

    /// The normalised address (ASCII domain), as stored and as mail is sent to.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The uniqueness key: case-insensitive.
    pub fn key(&self) -> String {
        self.address.to_lowercase()
    }

    pub fn local_part(&self) -> &str {
        self.address.rsplit_once('@').map_or("", |(l, _)| l)
    }

    /// Lower-case ASCII domain.
    pub fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("", |(_, d)| d)
    }

    /// The address with its domain in Unicode, for display.
    pub fn display(&self) -> String {
        let (unicode, result) = idna::domain_to_unicode(self.domain());
        match result {
            Ok(()) => format!("{}@{}", self.local_part(), unicode),
            Err(_) => self.address.clone(),
        }
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)
    }
}

/// Dot-atom local parts (RFC 5322 §3.4.1), extended to UTF-8 (RFC 6531 §3.3); quoted forms are
/// refused. Non-ASCII characters must be letters or digits (`char::is_alphanumeric`: the
/// Alphabetic and Numeric properties, which include the vowel signs of Indic scripts): the same
/// rule as the mail library's (lettre, through `email_address`'s `atext`), so that no address
/// accepted here is refused when its first message is built. Symbols, punctuation and
/// non-alphabetic marks outside ASCII are refused (`strict`); `parse_existing` keeps the old,
/// looser rule for addresses already stored.
fn valid_local_part(local: &str, strict: bool) -> bool {
    const SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    local.chars().all(|c| {
        c.is_alphanumeric()
            || SPECIALS.contains(c)
            || (!strict && !c.is_ascii() && !c.is_control() && !c.is_whitespace())
    })
}

/// Code points that show nothing, or change how what surrounds them is shown — refused anywhere
/// in an address (local part and domain: IDNA's UTS #46 mapping would silently drop some of
/// them from a domain, so the address shown would not be the one used):
///
/// - ASCII and C1 controls (`Cc`), and every `Cf` format character: bidirectional embeddings,
///   overrides, isolates and marks (Unicode TR #36 §2.2 "bidirectional text spoofing"), zero-width
///   spaces and joiners, the byte order mark, the soft hyphen, tag characters;
/// - private-use (`Co`), surrogate (`Cs`) and unassigned (`Cn`, which includes noncharacters)
///   code points: no one can see what they are (TR #39 §3.1, identifier status "Restricted");
/// - separators other than the ASCII space (`Zs`, `Zl`, `Zp`: no-break and ideographic spaces,
///   line and paragraph separators), which look like the end of the address;
/// - the other `Default_Ignorable_Code_Point`s (UAX #44, DerivedCoreProperties.txt): variation
///   selectors, the combining grapheme joiner, Hangul and Mongolian fillers and separators,
///   which TR #39 §3.1.1 also excludes from identifiers.
///
/// ASCII characters other than controls are left to the syntax rules (RFC 5322 §3.4.1).
pub(crate) fn hidden_or_unusual(c: char) -> bool {
    use GeneralCategory::*;
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        c.general_category(),
        Control
            | Format
            | Surrogate
            | PrivateUse
            | Unassigned
            | SpaceSeparator
            | LineSeparator
            | ParagraphSeparator
    ) || default_ignorable(c)
}

/// `Default_Ignorable_Code_Point` (UAX #44 §5.3, DerivedCoreProperties.txt of Unicode 16.0). Most
/// of these are also `Cf` or `Cn`; the list is kept whole so it can be checked against the file.
fn default_ignorable(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// A combining mark (`M*`) at the start of the local part or right after one of its dots: it
/// would combine with nothing, or draw itself over the "@" or the dot (RFC 5891 §5.4 and
/// RFC 5893 refuse a domain label that begins so; the same holds for the atoms of a local part).
fn mark_without_base(local: &str) -> Option<char> {
    local.split('.').find_map(|atom| {
        atom.chars()
            .next()
            .filter(|c| c.general_category_group() == GeneralCategoryGroup::Mark)
    })
}

fn valid_ascii_domain(domain: &str) -> bool {
    if domain.is_empty() || domain.len() > 253 || !domain.contains('.') {
        return false;
    }
    domain.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_whitespace() {
        let e = Email::parse("  Jean.Dupont@Example.ORG ").unwrap();
        assert_eq!(e.as_str(), "Jean.Dupont@example.org");
        assert_eq!(e.key(), "jean.dupont@example.org");
    }

    #[test]
    fn idn_domains_compare_equal_to_punycode() {
        let unicode = Email::parse("anna@bücher.example").unwrap();
        let puny = Email::parse("ANNA@xn--bcher-kva.example").unwrap();
        assert_eq!(unicode.key(), puny.key());
        assert_eq!(unicode.display(), "anna@bücher.example");
    }

    #[test]
    fn unicode_local_parts_are_accepted_and_normalised() {
        // "é" composed vs decomposed
        let a = Email::parse("r\u{e9}my@example.org").unwrap();
        let b = Email::parse("re\u{301}my@example.org").unwrap();
        assert_eq!(a, b);
    }

    /// Issue 11 item 2: invisible, formatting, control, private-use and unassigned code points
    /// (and a combining mark with nothing to combine with) are refused with their own error,
    /// naming the code point, wherever they are in the address.
    #[test]
    fn refuses_invisible_and_unusual_characters_with_their_own_error() {
        for (bad, c) in [
            ("moc.elpmaxe\u{202E}@example.org", '\u{202E}'), // RIGHT-TO-LEFT OVERRIDE (Cf)
            ("jane\u{200B}@example.org", '\u{200B}'),        // ZERO WIDTH SPACE (Cf)
            ("\u{FEFF}jane@example.org", '\u{FEFF}'),        // BYTE ORDER MARK (Cf)
            ("ja\u{2066}ne@example.org", '\u{2066}'),        // LEFT-TO-RIGHT ISOLATE (Cf)
            ("ja\u{200E}ne@example.org", '\u{200E}'),        // LEFT-TO-RIGHT MARK (Cf)
            ("ja\u{00AD}ne@example.org", '\u{00AD}'),        // SOFT HYPHEN (Cf)
            ("jane@exa\u{200B}mple.org", '\u{200B}'),        // in the domain too
            ("jane@example\u{2060}.org", '\u{2060}'),        // WORD JOINER (Cf)
            ("jane\u{E0041}@example.org", '\u{E0041}'),      // TAG LATIN CAPITAL LETTER A (Cf)
            ("jane\u{FE0F}@example.org", '\u{FE0F}'), // VARIATION SELECTOR-16 (Mn, ignorable)
            ("jane\u{E0100}@example.org", '\u{E0100}'), // VARIATION SELECTOR-17
            ("jane\u{034F}@example.org", '\u{034F}'), // COMBINING GRAPHEME JOINER
            ("ja\u{3164}ne@example.org", '\u{3164}'), // HANGUL FILLER (Lo, ignorable)
            ("ja\u{180E}ne@example.org", '\u{180E}'), // MONGOLIAN VOWEL SEPARATOR
            ("ja\u{00A0}ne@example.org", '\u{00A0}'), // NO-BREAK SPACE (Zs)
            ("jane\u{2028}x@example.org", '\u{2028}'), // LINE SEPARATOR (Zl)
            ("ja\u{0085}ne@example.org", '\u{0085}'), // NEXT LINE (Cc)
            ("jane\u{7F}@example.org", '\u{7F}'),     // DELETE (Cc)
            ("user\u{7}@example.org", '\u{7}'),       // BELL (Cc)
            ("jane\u{E000}@example.org", '\u{E000}'), // private use (Co)
            ("jane\u{F0000}@example.org", '\u{F0000}'), // supplementary private use (Co)
            ("jane\u{0378}@example.org", '\u{0378}'), // unassigned (Cn)
            ("jane\u{FFFF}@example.org", '\u{FFFF}'), // noncharacter (Cn)
            ("\u{0301}jane@example.org", '\u{0301}'), // a mark with nothing before it
            ("jane.\u{0308}x@example.org", '\u{0308}'), // … or only a dot
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(EmailError::Character(c)),
                "{bad:?} should be refused for U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// What RFC 6531 allows and people use is still accepted.
    #[test]
    fn internationalised_addresses_are_still_accepted() {
        for good in [
            "jos\u{e9}@example.org",
            "\u{3b5}\u{3bb}\u{3ad}\u{3bd}\u{3b7}@\u{3c0}\u{3b1}\u{3c1}\u{3ac}\u{3b4}\u{3b5}\u{3b9}\u{3b3}\u{3bc}\u{3b1}.\u{3b5}\u{3bb}",
            "\u{7528}\u{6237}@example.cn",
            "\u{930}\u{93e}\u{92e}@example.in",
            "o'neil+tag@example.org",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd}@example.co.il",
            "\u{645}\u{62d}\u{645}\u{62f}@example.eg",
        ] {
            assert!(Email::parse(good).is_ok(), "{good:?} should be accepted");
        }
    }

    /// Rows stored before the character rules still load (and can be found to be removed).
    #[test]
    fn existing_addresses_load_under_the_old_rules() {
        let stored = "jane\u{200B}@example.org";
        assert!(Email::parse(stored).is_err());
        let e = Email::parse_existing(stored).unwrap();
        assert_eq!(e.as_str(), stored);
        assert_eq!(
            Email::parse_existing("not an address"),
            Err(EmailError::Invalid)
        );
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "   ",
            "no-at-sign",
            "@example.org",
            "user@",
            "user@localhost",
            "user@exa mple.org",
            "us er@example.org",
            ".user@example.org",
            "user.@example.org",
            "us..er@example.org",
            "user@-example.org",
            "user@example..org",
            "user\u{7}@example.org",
            "\"quoted\"@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let long_local = format!("{}@example.org", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::Invalid));
        let long = format!("a@{}.org", "b".repeat(260));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
