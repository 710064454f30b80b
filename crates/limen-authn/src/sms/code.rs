//! The codes sent by SMS: `XXX-XXX-XXX` to sign in (seed 003: "nine characters separated with
//! hyphens"), `XXXX-XXXX` to prove a number being added (seed 003: "eight characters").
//!
//! The alphabet leaves out the characters people confuse when reading a small screen or
//! typing: 0/O, 1/I/L, 5/S, 8/B, Z/2. 26 symbols: a login code is one of 26^9 ≈ 5·10^12, so
//! five tries have no useful chance. Entry ignores case, spaces and hyphens.
//!
//! A code is never stored: the store keeps HMAC-SHA-256(key, id ‖ code), the key derived from
//! the master key, so a copy of the database does not give the codes of live challenges.

use limen_crypto::{constant_time_eq, hmac_sha256, hmac_sha256_hex};
use rand::Rng;

pub const ALPHABET: &[u8; 26] = b"234679ACDEFGHJKMNPQRTUVWXY";

/// How a code is written: groups of `group` characters joined by hyphens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub groups: usize,
    pub group: usize,
}

/// Signing in or signing: `XXX-XXX-XXX`.
pub const LOGIN: Shape = Shape {
    groups: 3,
    group: 3,
};
/// Adding a number: `XXXX-XXXX`.
pub const ENROL: Shape = Shape {
    groups: 2,
    group: 4,
};

impl Shape {
    pub fn len(self) -> usize {
        self.groups * self.group
    }

    /// A fresh code from the operating system's generator, as the SMS writes it.
    pub fn generate(self) -> String {
        let mut rng = rand::rngs::OsRng;
        let mut out = String::with_capacity(self.len() + self.groups);
        for g in 0..self.groups {
            if g > 0 {
                out.push('-');
            }
            for _ in 0..self.group {
                out.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
            }
        }
        out
    }

    /// The code as typed, made comparable: upper case, without spaces and hyphens; `None` when
    /// it cannot be a code of this shape (wrong length, a character outside the alphabet).
    pub fn normalise(self, typed: &str) -> Option<String> {
        let code: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        let ok = code.len() == self.len() && code.bytes().all(|b| ALPHABET.contains(&b));
        ok.then_some(code)
    }
}

/// The key codes are MACed with, derived from the master key for this use only.
pub fn mac_key(master_key: &[u8]) -> [u8; 32] {
    hmac_sha256(master_key, b"limen/sms-code/v1")
}

/// The MAC stored for code `code` (normalised) of challenge `id`.
pub fn mac(key: &[u8; 32], id: &str, code: &str) -> String {
    hmac_sha256_hex(key, format!("{id}\0{code}").as_bytes())
}

/// Whether `typed` (normalised) is the code whose MAC is `stored`, compared in constant time.
pub fn matches(key: &[u8; 32], id: &str, typed: &str, stored: &str) -> bool {
    constant_time_eq(mac(key, id, typed).as_bytes(), stored.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_shape_and_alphabet() {
        for _ in 0..200 {
            let c = LOGIN.generate();
            assert_eq!(c.len(), 11);
            let parts: Vec<&str> = c.split('-').collect();
            assert_eq!(parts.len(), 3);
            assert!(parts.iter().all(|p| p.len() == 3));
            assert!(c.bytes().all(|b| b == b'-' || ALPHABET.contains(&b)));
            assert_eq!(LOGIN.normalise(&c).unwrap(), c.replace('-', ""));
            let e = ENROL.generate();
            assert_eq!(e.len(), 9);
            assert_eq!(e.split('-').count(), 2);
        }
        // No confusable character at all.
        for b in b"01OIL5SB8Z" {
            assert!(!ALPHABET.contains(b), "{}", char::from(*b));
        }
    }

    #[test]
    fn entry_ignores_case_spaces_and_hyphens_only() {
        assert_eq!(LOGIN.normalise("a2c-d3e-f4g").as_deref(), Some("A2CD3EF4G"));
        assert_eq!(
            LOGIN.normalise(" A2C D3E F4G ").as_deref(),
            Some("A2CD3EF4G")
        );
        assert_eq!(LOGIN.normalise("A2CD3EF4G").as_deref(), Some("A2CD3EF4G"));
        assert_eq!(LOGIN.normalise("A2C-D3E-F4"), None);
        assert_eq!(LOGIN.normalise("A2C-D3E-F4GG"), None);
        assert_eq!(LOGIN.normalise("O2C-D3E-F4G"), None);
        assert_eq!(LOGIN.normalise("A2C_D3E_F4G"), None);
        assert_eq!(LOGIN.normalise(""), None);
        assert_eq!(ENROL.normalise("wxyk-2347").as_deref(), Some("WXYK2347"));
        assert_eq!(ENROL.normalise("A2CD3EF4G"), None);
    }

    #[test]
    fn the_mac_binds_the_code_to_its_challenge() {
        let key = mac_key(&[7u8; 32]);
        let stored = mac(&key, "c1", "A2CD3EF4G");
        assert!(matches(&key, "c1", "A2CD3EF4G", &stored));
        assert!(!matches(&key, "c2", "A2CD3EF4G", &stored));
        assert!(!matches(&key, "c1", "A2CD3EF4H", &stored));
        assert!(!matches(&mac_key(&[8u8; 32]), "c1", "A2CD3EF4G", &stored));
    }
}
