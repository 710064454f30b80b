//! Group names. Accounts belong to named groups, which Limen releases to services as EU Login
//! does (the CAS `groups` attribute and validation parameter, the OpenID Connect `groups` claim).
//!
//! A name is what services compare, so the rule is strict and simple:
//! - surrounding white space is trimmed and the name is Unicode NFC, so one name has one spelling;
//! - 1 to [`MAX_GROUP_NAME_CHARS`] characters;
//! - no comma: clients send the groups they ask for as a comma list (EU Login `groups=A,B`), so a
//!   name with a comma could never be asked for (an LDAP DN such as `CN=A,OU=B` is registered by
//!   its `CN=A` part);
//! - not `*` alone, which asks for every group;
//! - nothing invisible or unusual (controls, bidirectional overrides, zero-width and non-ASCII
//!   spaces, private-use and unassigned code points: the rule of e-mail addresses, Unicode TR #36
//!   §2 and TR #39 §3.1), so the name shown is the name compared.
//!
//! Names are case-sensitive, as EU Login's are (`DIGIT-A3` and `digit-a3` are two groups): a
//! service asking for a group gets it only under the exact name registered.

use crate::email::hidden_or_unusual;
use std::fmt;
use unicode_normalization::UnicodeNormalization;

pub const MAX_GROUP_NAME_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GroupNameError {
    #[error("the group name is empty")]
    Empty,
    #[error("the group name is longer than {MAX_GROUP_NAME_CHARS} characters")]
    TooLong,
    #[error("the group name contains a comma (services ask for groups as a comma list)")]
    Comma,
    #[error("the group name cannot be \"*\" (it asks for every group)")]
    Wildcard,
    #[error("the group name contains U+{:04X}, an invisible or unusual character", u32::from(*.0))]
    Character(char),
}

impl GroupName {
    pub fn parse(input: &str) -> Result<Self, GroupNameError> {
        let name: String = input.trim().nfc().collect();
        if name.is_empty() {
            return Err(GroupNameError::Empty);
        }
        if let Some(c) = name.chars().find(|&c| hidden_or_unusual(c)) {
            return Err(GroupNameError::Character(c));
        }
        if name.contains(',') {
            return Err(GroupNameError::Comma);
        }
        if name == "*" {
            return Err(GroupNameError::Wildcard);
        }
        if name.chars().count() > MAX_GROUP_NAME_CHARS {
            return Err(GroupNameError::TooLong);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GroupName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_eu_login_style_names_as_they_are() {
        for ok in [
            "DIGIT-A3",
            "CN=Limen Administrators",
            "digit-a3",
            "ΕΛ-Ομάδα",
            "a",
            "team/unit_2 (2025)",
        ] {
            assert_eq!(GroupName::parse(ok).unwrap().as_str(), ok);
        }
        assert_ne!(
            GroupName::parse("DIGIT-A3").unwrap(),
            GroupName::parse("digit-a3").unwrap(),
            "names are case-sensitive"
        );
        let longest = "g".repeat(MAX_GROUP_NAME_CHARS);
        assert_eq!(GroupName::parse(&longest).unwrap().as_str(), longest);
        // Characters, not bytes: 128 two-byte letters fit.
        assert!(GroupName::parse(&"é".repeat(MAX_GROUP_NAME_CHARS)).is_ok());
    }

    #[test]
    fn trims_and_normalises() {
        assert_eq!(GroupName::parse("  Staff \t").unwrap().as_str(), "Staff");
        assert_eq!(
            GroupName::parse("Jose\u{301}").unwrap(),
            GroupName::parse("Jos\u{e9}").unwrap()
        );
    }

    #[test]
    fn refuses_what_cannot_be_asked_for_or_seen() {
        assert_eq!(GroupName::parse(""), Err(GroupNameError::Empty));
        assert_eq!(GroupName::parse(" \n "), Err(GroupNameError::Empty));
        assert_eq!(
            GroupName::parse(&"g".repeat(MAX_GROUP_NAME_CHARS + 1)),
            Err(GroupNameError::TooLong)
        );
        assert_eq!(GroupName::parse("CN=A,OU=B"), Err(GroupNameError::Comma));
        assert_eq!(GroupName::parse(" * "), Err(GroupNameError::Wildcard));
        assert!(GroupName::parse("*-admins").is_ok());
        for (bad, c) in [
            ("a\u{0}b", '\u{0}'),
            ("a\nb", '\n'),
            ("a\tb", '\t'),
            ("a\u{7f}b", '\u{7f}'),
            ("a\u{85}b", '\u{85}'),
            ("admins\u{202E}", '\u{202E}'),
            ("ad\u{200B}mins", '\u{200B}'),
            ("a\u{a0}b", '\u{a0}'),
            ("a\u{e000}b", '\u{e000}'),
        ] {
            assert_eq!(
                GroupName::parse(bad),
                Err(GroupNameError::Character(c)),
                "{bad:?}"
            );
        }
        assert_eq!(
            GroupName::parse("a\u{202E}b").unwrap_err().to_string(),
            "the group name contains U+202E, an invisible or unusual character"
        );
    }
}
