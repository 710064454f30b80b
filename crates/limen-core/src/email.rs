//! E-mail addresses as accounts are keyed by them.
//!
//! Parsing normalises to Unicode NFC, converts the domain to its IDNA ASCII form (RFC 5891),
//! and lower-cases the whole address for the uniqueness key: two addresses that differ only in
//! case, or in the Unicode/punycode spelling of the domain, are the same account.

use std::fmt;
use unicode_normalization::UnicodeNormalization;

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
}

/// RFC 5321 §4.5.3.1: local part ≤ 64 octets, path ≤ 256 (address ≤ 254 in practice).
const MAX_LOCAL: usize = 64;
const MAX_ADDRESS: usize = 254;

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let input: String = input.trim().nfc().collect();
        if input.is_empty() {
            return Err(EmailError::Empty);
        }
        if input.len() > MAX_ADDRESS {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = input.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if local.is_empty() || local.len() > MAX_LOCAL || !valid_local_part(local) {
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

/// Dot-atom local parts (RFC 5322 §3.4.1), extended to UTF-8 (RFC 6531); quoted forms are refused.
fn valid_local_part(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    local.chars().all(|c| {
        c.is_alphanumeric()
            || SPECIALS.contains(c)
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
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
