//! HOTP, the counter-based one-time password (RFC 4226), as event tokens compute it.
//!
//! `HOTP(K, C) = Truncate(HMAC(K, C))` with the counter as 8 bytes big-endian (§5.2–5.3).
//! RFC 4226 defines it over HMAC-SHA-1; tokens that use SHA-256 or SHA-512 (RFC 6238 §1.2
//! makes them common for TOTP) work the same way. Codes have 6 to 10 digits: fewer is below
//! R4's minimum of 6 (§4), more does not fit the 31 bits that truncation keeps.
//!
//! The server side of §7: [`verify`] looks ahead from the next expected counter, [`resync`]
//! finds a token that has run further ahead from two consecutive codes. The counter itself is
//! the caller's to keep; both return the counter that matched, never move it on themselves.

use ring::hmac;

use crate::{Error, Hash, MAX_WINDOW, constant_time_eq, is_code};

/// Digits a code may have (RFC 4226 §4 R4 and §5.3).
pub const DIGITS: std::ops::RangeInclusive<u8> = 6..=10;

/// The HOTP value of `counter` under `key`, zero-padded to `digits` digits (RFC 4226 §5.3);
/// `digits` outside 6..=10 is `Error::Unsupported`.
pub fn hotp(key: &[u8], hash: Hash, counter: u64, digits: u8) -> Result<String, Error> {
    if !DIGITS.contains(&digits) {
        return Err(Error::Unsupported("number of digits (6 to 10)"));
    }
    Ok(code(&hmac::Key::new(hash.hmac(), key), counter, digits))
}

fn code(key: &hmac::Key, counter: u64, digits: u8) -> String {
    let tag = hmac::sign(key, &counter.to_be_bytes());
    crate::truncate(tag.as_ref(), digits)
}

/// The codes of `first..=first+count`, stopping at `u64::MAX`; `None` if `digits` is
/// unsupported. Computing the whole window every time keeps the work (and so the time)
/// independent of where, or whether, a code matches.
fn codes(key: &[u8], hash: Hash, digits: u8, first: u64, count: u64) -> Option<Vec<(u64, String)>> {
    if !DIGITS.contains(&digits) {
        return None;
    }
    let key = hmac::Key::new(hash.hmac(), key);
    let last = first.saturating_add(count);
    Some((first..=last).map(|c| (c, code(&key, c, digits))).collect())
}

/// Look-ahead (RFC 4226 §7.4): the first counter `c` in `next..=next+window` whose code is
/// `code`, or `None`. Every candidate is computed and compared in constant time. `window` is
/// clamped to [`MAX_WINDOW`]; a code of the wrong form, or unsupported `digits`, matches
/// nothing. On a match the caller stores `c + 1` as the next counter (§7.2: a used code and
/// every code before it are spent).
#[must_use]
pub fn verify(
    key: &[u8],
    hash: Hash,
    digits: u8,
    next: u64,
    window: u64,
    code: &str,
) -> Option<u64> {
    let candidates = codes(key, hash, digits, next, window.min(MAX_WINDOW))?;
    if !is_code(code, digits) {
        return None;
    }
    let mut found = None;
    for (c, expected) in &candidates {
        let hit = constant_time_eq(expected.as_bytes(), code.as_bytes());
        if hit && found.is_none() {
            found = Some(*c);
        }
    }
    found
}

/// Resynchronisation (RFC 4226 §7.4): two consecutive codes, `code1` at some `c` in
/// `next..=next+window` and `code2` at `c + 1`. Returns `c + 1`, the counter of the second
/// code (the caller stores `c + 2` as the next counter), or `None`. Asking for two codes is
/// what makes a wide window safe: one code would match by chance about `window` in 10^digits
/// times, a pair about `window` in 10^(2·digits). Same constant-time rules as [`verify`].
#[must_use]
pub fn resync(
    key: &[u8],
    hash: Hash,
    digits: u8,
    next: u64,
    window: u64,
    code1: &str,
    code2: &str,
) -> Option<u64> {
    // One more code than the window: the second code of the last pair.
    let candidates = codes(
        key,
        hash,
        digits,
        next,
        window.min(MAX_WINDOW).saturating_add(1),
    )?;
    if !is_code(code1, digits) || !is_code(code2, digits) {
        return None;
    }
    let mut found = None;
    for pair in candidates.windows(2) {
        let [(_, first), (c2, second)] = pair else {
            continue;
        };
        let hit = constant_time_eq(first.as_bytes(), code1.as_bytes())
            & constant_time_eq(second.as_bytes(), code2.as_bytes());
        if hit && found.is_none() {
            found = Some(*c2);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4226 Appendix D: the key is the ASCII string "12345678901234567890".
    const KEY: &[u8] = b"12345678901234567890";
    /// Appendix D, counts 0 to 9.
    const APPENDIX_D: [&str; 10] = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];

    #[test]
    fn rfc_4226_appendix_d() {
        for (c, want) in APPENDIX_D.iter().enumerate() {
            assert_eq!(
                hotp(KEY, Hash::Sha1, c as u64, 6).unwrap(),
                *want,
                "count {c}"
            );
        }
    }

    #[test]
    fn rfc_4226_appendix_d_intermediate_values() {
        // Appendix D's HMAC-SHA-1 of counts 0 and 9, and the "Decimal" column of 31-bit
        // values, of which the codes are the last 6 digits (and a 10-digit code is all).
        let hmac0 = hmac::sign(
            &hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, KEY),
            &0u64.to_be_bytes(),
        );
        assert_eq!(
            hex::encode(hmac0.as_ref()),
            "cc93cf18508d94934c64b65d8ba7667fb7cde4b0"
        );
        assert_eq!(hotp(KEY, Hash::Sha1, 0, 10).unwrap(), "1284755224");
        // Zero-padded: 645520489 and 82162583 have fewer than 10 digits.
        let hmac9 = hmac::sign(
            &hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, KEY),
            &9u64.to_be_bytes(),
        );
        assert_eq!(
            hex::encode(hmac9.as_ref()),
            "1637409809a679dc698207310c8c7fc07290d9e5"
        );
        assert_eq!(hotp(KEY, Hash::Sha1, 9, 10).unwrap(), "0645520489");
        assert_eq!(hotp(KEY, Hash::Sha1, 7, 10).unwrap(), "0082162583");
        assert_eq!(hotp(KEY, Hash::Sha1, 7, 8).unwrap(), "82162583");
    }

    #[test]
    fn digits_outside_6_to_10_are_refused() {
        for d in [0, 1, 4, 5, 11, 255] {
            assert_eq!(
                hotp(KEY, Hash::Sha1, 0, d),
                Err(Error::Unsupported("number of digits (6 to 10)")),
                "{d}"
            );
            assert_eq!(verify(KEY, Hash::Sha1, d, 0, 10, "755224"), None);
        }
        assert_eq!(hotp(KEY, Hash::Sha1, 0, 8).unwrap(), "84755224");
    }

    #[test]
    fn look_ahead_accepts_up_to_the_window_edge() {
        // Count 5 is 254676.
        let v = |next, window, code| verify(KEY, Hash::Sha1, 6, next, window, code);
        assert_eq!(v(0, 5, "254676"), Some(5));
        assert_eq!(v(0, 4, "254676"), None);
        assert_eq!(v(5, 0, "254676"), Some(5));
        assert_eq!(v(6, 3, "254676"), None, "a spent code");
        assert_eq!(v(0, 9, "755224"), Some(0));
        assert_eq!(v(0, 9, "000000"), None);
        for bad in ["25467", "2546760", "25467a", "", " 254676", "254676\n"] {
            assert_eq!(v(0, 9, bad), None, "{bad:?}");
        }
        // The counter space ends without wrapping.
        assert_eq!(v(u64::MAX - 2, 100, "254676"), None);
        assert!(v(u64::MAX, 0, &hotp(KEY, Hash::Sha1, u64::MAX, 6).unwrap()) == Some(u64::MAX));
    }

    #[test]
    fn look_ahead_window_is_clamped() {
        let far = hotp(KEY, Hash::Sha1, MAX_WINDOW + 1, 6).unwrap();
        let edge = hotp(KEY, Hash::Sha1, MAX_WINDOW, 6).unwrap();
        // A code beyond MAX_WINDOW is out of reach whatever window is asked for (unless it
        // happens to repeat a code inside the window, which this one does not).
        assert_eq!(
            verify(KEY, Hash::Sha1, 6, 0, u64::MAX, &edge),
            Some(MAX_WINDOW)
        );
        assert_ne!(
            verify(KEY, Hash::Sha1, 6, 0, u64::MAX, &far),
            Some(MAX_WINDOW + 1)
        );
    }

    #[test]
    fn other_hashes_give_other_codes() {
        let sha256 = hotp(KEY, Hash::Sha256, 0, 6).unwrap();
        let sha512 = hotp(KEY, Hash::Sha512, 0, 6).unwrap();
        assert_ne!(sha256, "755224");
        assert_eq!(verify(KEY, Hash::Sha256, 6, 0, 0, &sha256), Some(0));
        assert_eq!(verify(KEY, Hash::Sha512, 6, 0, 0, &sha512), Some(0));
        assert_eq!(verify(KEY, Hash::Sha1, 6, 0, 0, &sha256), None);
    }

    #[test]
    fn resync_finds_two_consecutive_codes() {
        let r = |next, window, a, b| resync(KEY, Hash::Sha1, 6, next, window, a, b);
        // Counts 6 and 7: 287922, 162583. The second code's counter comes back.
        assert_eq!(r(0, 6, "287922", "162583"), Some(7));
        assert_eq!(
            r(0, 5, "287922", "162583"),
            None,
            "first code past the window"
        );
        assert_eq!(r(6, 0, "287922", "162583"), Some(7));
        assert_eq!(
            r(7, 10, "287922", "162583"),
            None,
            "first code already spent"
        );
        // Not consecutive, or in the wrong order.
        assert_eq!(r(0, 9, "287922", "399871"), None);
        assert_eq!(r(0, 9, "162583", "287922"), None);
        assert_eq!(r(0, 9, "287922", "287922"), None);
        assert_eq!(r(0, 9, "287922", "16258"), None);
        // The last pair of the counter space.
        let a = hotp(KEY, Hash::Sha1, u64::MAX - 1, 6).unwrap();
        let b = hotp(KEY, Hash::Sha1, u64::MAX, 6).unwrap();
        assert_eq!(r(u64::MAX - 1, 5, &a, &b), Some(u64::MAX));
    }
}
