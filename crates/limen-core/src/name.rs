//! Personal names: any alphabet, Unicode NFC, no control characters (seed 003: "peut contenir des
//! lettres dans n'importe quel alphabet").

use std::fmt;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is too long")]
    TooLong,
    #[error("the name contains characters that are not allowed")]
    InvalidCharacters,
}

pub const MAX_NAME_CHARS: usize = 100;

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, NameError> {
        let normalised: String = input.trim().nfc().collect();
        // Collapse runs of white space into one space.
        let collapsed = normalised.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(NameError::Empty);
        }
        if collapsed.chars().count() > MAX_NAME_CHARS {
            return Err(NameError::TooLong);
        }
        let allowed = |c: char| {
            c.is_alphabetic()
                || c == ' '
                || matches!(c, '-' | '\'' | '’' | '.' | ',')
                || is_combining_mark(c)
        };
        if !collapsed.chars().all(allowed) {
            return Err(NameError::InvalidCharacters);
        }
        Ok(Self(collapsed))
    }

    /// Optional names (the first name may be empty): `None` for blank input.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, NameError> {
        match Self::parse(input) {
            Ok(name) => Ok(Some(name)),
            Err(NameError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        // Marks used inside words by Indic, Thai, etc. scripts.
        || unicode_normalization::char::is_combining_mark(c)
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_any_alphabet() {
        for ok in [
            "Dupont",
            "Ελένη",
            "Пётр",
            "王小明",
            "O'Brien",
            "Jean-Luc",
            "Ōtsuka",
            "हिन्दी",
            "Łukasz",
        ] {
            assert_eq!(PersonName::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn normalises_white_space_and_composition() {
        assert_eq!(
            PersonName::parse("  Anne   Marie ").unwrap().as_str(),
            "Anne Marie"
        );
        assert_eq!(
            PersonName::parse("Jose\u{301}").unwrap().as_str(),
            "Jos\u{e9}"
        );
    }

    #[test]
    fn refuses_control_characters_markup_and_digits() {
        assert_eq!(PersonName::parse(""), Err(NameError::Empty));
        assert_eq!(PersonName::parse("   "), Err(NameError::Empty));
        assert_eq!(
            PersonName::parse("Bob\u{0}"),
            Err(NameError::InvalidCharacters)
        );
        assert_eq!(
            PersonName::parse("<script>"),
            Err(NameError::InvalidCharacters)
        );
        assert_eq!(PersonName::parse("R2D2"), Err(NameError::InvalidCharacters));
        assert_eq!(PersonName::parse(&"a".repeat(101)), Err(NameError::TooLong));
        assert_eq!(PersonName::parse_optional(" "), Ok(None));
    }
}
