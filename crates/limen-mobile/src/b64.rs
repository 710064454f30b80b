//! `B64(x)`: base64url without padding (RFC 4648 §5), the only binary-to-text encoding of the
//! protocol (spec §1).
//!
//! Decoding is strict, so that every byte string has exactly one text form: padding (`=`), the
//! standard alphabet's `+` and `/`, white space, and a last character whose unused low bits are
//! not zero (RFC 4648 §3.5, "canonical encoding") are all refused.

use base64::Engine as _;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::Error;

const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// `B64(bytes)`.
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    ENGINE.encode(bytes)
}

/// The bytes of a canonical `B64` text; anything else is `Error::Malformed("base64url")`.
pub fn decode(s: &str) -> Result<Vec<u8>, Error> {
    ENGINE.decode(s).map_err(|_| Error::Malformed("base64url"))
}

/// The bytes of `s`, which must encode exactly `N` bytes.
pub fn decode_array<const N: usize>(s: &str) -> Result<[u8; N], Error> {
    let bytes = decode(s)?;
    bytes.try_into().map_err(|_| Error::Malformed("length"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_section_10_vectors_without_padding() {
        // RFC 4648 §10 (the base64 vectors; these contain no '+' or '/', so they are the same in
        // base64url), with the padding removed as §3.2 allows and our protocol requires.
        let vectors: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (raw, text) in vectors {
            assert_eq!(encode(raw), text);
            assert_eq!(decode(text).unwrap(), raw);
        }
    }

    #[test]
    fn the_url_safe_alphabet_is_used() {
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8").unwrap(), [0xfb, 0xff]);
        // The standard alphabet's characters are refused.
        assert_eq!(decode("+/8"), Err(Error::Malformed("base64url")));
    }

    #[test]
    fn padding_whitespace_and_junk_are_refused() {
        for bad in [
            "Zg==", "Zg=", "Zm8=", "Zm 9v", "Zm9v\n", " Zm9v", "Zm9v.", "Z", "Zm9vY", "é",
        ] {
            assert_eq!(decode(bad), Err(Error::Malformed("base64url")), "{bad:?}");
        }
    }

    #[test]
    fn non_canonical_trailing_bits_are_refused() {
        // "Zg" is the one encoding of b"f"; "Zh" decodes to the same byte with a non-zero unused bit.
        assert_eq!(decode("Zg").unwrap(), b"f");
        assert_eq!(decode("Zh"), Err(Error::Malformed("base64url")));
        assert_eq!(decode("Zm8").unwrap(), b"fo");
        assert_eq!(decode("Zm9"), Err(Error::Malformed("base64url")));
    }

    #[test]
    fn decode_array_checks_the_length() {
        let text = encode(&[7u8; 32]);
        assert_eq!(decode_array::<32>(&text).unwrap(), [7u8; 32]);
        assert_eq!(decode_array::<16>(&text), Err(Error::Malformed("length")));
    }
}
