//! Random tokens, digests and comparison.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `bytes` random bytes from the OS generator, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// The characters of a ticket's random part: CAS Protocol 3.0 §3.7 says "All CAS tickets and
/// the ticket-granting cookie value MUST contain only characters from the set
/// {A-Z, a-z, 0-9, and the hyphen character -}". The hyphen is left out of the random part so
/// that it only ever separates the prefix; 62 symbols remain.
const TICKET_ALPHABET: &[u8; 62] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Length of a ticket's random part: 43 symbols of 62 carry log2(62) × 43 ≈ 256 bits, the
/// entropy the former base64url tickets had (CAS 3.0 §3.1.1 asks for tickets that cannot be
/// guessed; ARCHITECTURE §6 asks for at least 128 bits).
pub const TICKET_RANDOM_CHARS: usize = 43;

/// `n` characters drawn uniformly from [`TICKET_ALPHABET`] by the OS generator. Bytes of 248 and
/// above are rejected (248 = 4 × 62), so every symbol is exactly as likely: `byte % 62` over
/// 0..248 has no bias. Used for tickets and for identifiers people pass on a command line (a
/// base64url value may begin with `-`, which a command-line parser takes for an option).
pub fn random_alphanumeric(n: usize) -> String {
    let mut out = String::with_capacity(n);
    let mut buf = [0u8; 64];
    while out.len() < n {
        rand::rngs::OsRng.fill_bytes(&mut buf);
        for b in buf {
            if out.len() == n {
                break;
            }
            if b < 248 {
                out.push(char::from(TICKET_ALPHABET[usize::from(b % 62)]));
            }
        }
    }
    out
}

/// A CAS ticket or an EU Login login-request id: `prefix` (such as `ST-`) followed by
/// [`TICKET_RANDOM_CHARS`] characters of `A-Z a-z 0-9` (CAS 3.0 §3.7), about 256 bits.
pub fn ticket(prefix: &str) -> String {
    format!("{prefix}{}", random_alphanumeric(TICKET_RANDOM_CHARS))
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// base64url without padding (RFC 4648 §5, as JOSE writes binary values: RFC 7515 §2).
pub fn b64url(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so construction cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    hex::encode(hmac_sha256(key, data))
}

/// Compares two secrets without leaking where they differ (ARCHITECTURE §6).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_url_safe() {
        let a = random_token(32);
        let b = random_token(32);
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }

    /// CAS 3.0 §3.7 over many tickets: only `A-Z a-z 0-9` after the prefix, the full length,
    /// no repeats, and every symbol in every position about equally likely (a biased or
    /// shortened alphabet would show as a symbol far from its expected count).
    #[test]
    fn tickets_use_only_the_cas_alphabet_uniformly() {
        const N: usize = 50_000;
        let mut seen = std::collections::HashSet::with_capacity(N);
        let mut counts = [0usize; 256];
        for _ in 0..N {
            let t = ticket("ST-");
            let body = t.strip_prefix("ST-").expect("prefix kept");
            assert_eq!(body.len(), TICKET_RANDOM_CHARS, "{t}");
            assert!(body.bytes().all(|c| c.is_ascii_alphanumeric()), "{t}");
            for c in body.bytes() {
                counts[usize::from(c)] += 1;
            }
            assert!(seen.insert(t), "a repeated ticket");
        }
        for prefix in ["PT-", "PGT-", "PGTIOU-", "LR-"] {
            let t = ticket(prefix);
            assert!(t.starts_with(prefix));
            assert!(t[prefix.len()..].bytes().all(|c| c.is_ascii_alphanumeric()));
        }
        // Expected count per symbol: N × 43 / 62 ≈ 34 677, standard deviation ≈ 184. Allow
        // ±6 standard deviations; a symbol missing or twice as likely is far outside.
        let expected = (N * TICKET_RANDOM_CHARS) as f64 / 62.0;
        let bound = 6.0 * (expected * (61.0 / 62.0)).sqrt();
        for c in TICKET_ALPHABET {
            let n = counts[usize::from(*c)] as f64;
            assert!(
                (n - expected).abs() < bound,
                "symbol {} seen {n} times, expected {expected:.0} ± {bound:.0}",
                char::from(*c)
            );
        }
        let outside: usize = (0..256)
            .filter(|b| !TICKET_ALPHABET.contains(&(*b as u8)))
            .map(|b| counts[b])
            .sum();
        assert_eq!(outside, 0);
    }

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        // RFC 4231 §4.3, test case 2.
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn compares_in_constant_time() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
