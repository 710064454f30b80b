//! # limen-oath — OATH one-time passwords for hardware tokens
//!
//! The algorithms of OATH tokens and the files their keys arrive in:
//!
//! - [`hotp`]: counter-based codes (RFC 4226), with look-ahead and resynchronisation;
//! - [`totp`]: time-based codes (RFC 6238), with drift, replay refusal and resynchronisation;
//! - [`ocra`]: challenge–response (RFC 6287), for "Token CRAM" devices and the mobile
//!   protocol's offline code;
//! - [`pskc`]: the importer of vendors' key files (RFC 6030), [`csv`]: a plain CSV import.
//!
//! Nothing here keeps state, reads a clock or does I/O: counters, last-used time steps,
//! drift and the current time are the caller's, passed in and handed back. Secrets are
//! [`Secret`]s (wiped on drop, never printed), and every comparison of a code is made in
//! time independent of where it differs.

pub mod csv;
pub mod hotp;
pub mod ocra;
pub mod pskc;
mod secret;
pub mod totp;

pub use ocra::Hash;
pub use secret::Secret;

/// Bad parameters or input to the algorithms. The `&'static str` says which part was
/// wrong; it never carries the data itself (it may be secret, and it is caller-chosen).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// Input that does not have the required form.
    #[error("malformed {0}")]
    Malformed(&'static str),
    /// Input larger than allowed.
    #[error("{0} too large")]
    TooLarge(&'static str),
    /// A well-formed parameter outside what is supported.
    #[error("unsupported {0}")]
    Unsupported(&'static str),
}

/// Most candidates that one look-ahead or resynchronisation computes: a larger window is
/// clamped to this, so a caller's setting cannot turn one request into unbounded work.
pub const MAX_WINDOW: u64 = 10_000;

/// Compares two byte strings in time independent of where they differ.
#[must_use]
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    // black_box keeps the optimiser from turning the fold into an early exit.
    std::hint::black_box(diff) == 0
}

/// RFC 4226 §5.3 dynamic truncation of an HMAC to `digits` decimal digits, zero-padded:
/// the low nibble of the last byte picks 4 bytes, whose low 31 bits are taken modulo
/// 10^digits. `digits` is at most 10 (every caller checks), and every HMAC here is at least
/// 20 bytes, so the offset (at most 15) plus 4 stays inside it.
pub(crate) fn truncate(hmac: &[u8], digits: u8) -> String {
    let offset = usize::from(hmac.last().copied().unwrap_or(0) & 0x0f);
    let byte = |i: usize| hmac.get(offset + i).copied().unwrap_or(0);
    let bin = u32::from_be_bytes([byte(0) & 0x7f, byte(1), byte(2), byte(3)]);
    let code = u64::from(bin) % 10u64.pow(u32::from(digits.min(10)));
    format!("{code:0width$}", width = usize::from(digits))
}

/// `code` is exactly `digits` ASCII decimal digits (the form every OTP here has).
pub(crate) fn is_code(code: &str, digits: u8) -> bool {
    code.len() == usize::from(digits) && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq(b"123456", b"123456"));
        assert!(!constant_time_eq(b"123456", b"123457"));
        assert!(!constant_time_eq(b"023456", b"123456"));
        assert!(!constant_time_eq(b"12345", b"123456"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn truncation_of_rfc_4226_section_5_4() {
        // The worked example of RFC 4226 §5.4: offset 0xa, 0x50ef7f19 = 1357872921,
        // 6 digits "872921".
        let hmac = hex::decode("1f8698690e02ca16618550ef7f19da8e945b555a").unwrap();
        assert_eq!(truncate(&hmac, 6), "872921");
        assert_eq!(truncate(&hmac, 10), "1357872921");
    }

    #[test]
    fn codes_are_exactly_so_many_digits() {
        assert!(is_code("000000", 6));
        assert!(!is_code("00000", 6));
        assert!(!is_code("0000000", 6));
        assert!(!is_code("00000a", 6));
        assert!(!is_code("+12345", 6));
        assert!(!is_code("12345٣", 6));
    }
}
