//! The proof-of-work puzzle of the accessible CAPTCHA alternative: find a decimal `nonce` such
//! that SHA-256(challenge ":" nonce) (FIPS 180-4) starts with `difficulty` zero bits. Solving
//! takes about 2^difficulty hashes (`static/pow.js` does it in the browser); checking takes one.

use sha2::{Digest, Sha256};

/// Leading zero bits of SHA-256(challenge ":" nonce).
pub fn leading_zero_bits(challenge: &str, nonce: &str) -> u32 {
    let digest = Sha256::digest(format!("{challenge}:{nonce}").as_bytes());
    let mut bits = 0;
    for byte in digest {
        bits += byte.leading_zeros();
        if byte != 0 {
            break;
        }
    }
    bits
}

/// True when `nonce` (decimal digits, at most 20) solves `challenge` at `difficulty` bits.
pub fn solves(challenge: &str, nonce: &str, difficulty: u32) -> bool {
    !nonce.is_empty()
        && nonce.len() <= 20
        && nonce.bytes().all(|b| b.is_ascii_digit())
        && leading_zero_bits(challenge, nonce) >= difficulty
}

/// Finds the smallest solution (tests).
#[cfg(test)]
pub fn solve(challenge: &str, difficulty: u32) -> String {
    (0u64..)
        .map(|n| n.to_string())
        .find(|n| solves(challenge, n, difficulty))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_leading_zero_bits_of_the_digest() {
        // SHA-256("chal:260423") = 000000… (18+ zero bits), found by static/pow.js and checked
        // with an independent implementation (node's crypto).
        assert!(leading_zero_bits("chal", "260423") >= 18);
        assert!(solves("chal", "260423", 18));
        // SHA-256("abc:0") starts with a non-zero nibble or few zeros: nowhere near 18.
        assert!(leading_zero_bits("abc", "0") < 18);
    }

    #[test]
    fn solutions_verify_and_bad_nonces_fail() {
        let nonce = solve("UzlCiBlfa547i_oSbkJ8xg", 12);
        assert!(solves("UzlCiBlfa547i_oSbkJ8xg", &nonce, 12));
        assert!(
            !solves("another-challenge", &nonce, 12)
                || leading_zero_bits("another-challenge", &nonce) >= 12
        );
        for bad in ["", "12a", "-1", " 1", "123456789012345678901"] {
            assert!(!solves("UzlCiBlfa547i_oSbkJ8xg", bad, 0), "{bad:?}");
        }
        // The first nonce that fails at 16 bits.
        let wrong = (0u32..)
            .map(|n| n.to_string())
            .find(|n| !solves("c", n, 16))
            .unwrap();
        assert!(!solves("c", &wrong, 16));
    }
}
