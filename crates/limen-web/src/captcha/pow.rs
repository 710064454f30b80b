//! The accessible half of the registration CAPTCHA: a proof-of-work puzzle that the browser
//! solves by itself (`static/pow.js`), so that people who cannot see the picture, or cannot
//! perceive anything at all, get through without help.
//!
//! The puzzle: find a nonce, written in decimal, such that SHA-256(challenge ":" nonce) starts
//! with `difficulty` zero bits. Checking costs one hash; solving costs 2^difficulty on average.
//! This module only checks; it owns no state. Issuing a fresh random challenge per form and
//! accepting each one once is the caller's job: a reused challenge is no proof of work.

use sha2::{Digest, Sha256};

/// Longest nonce accepted: 20 digits hold every `u64`, far more tries than any puzzle needs.
const MAX_NONCE_LEN: usize = 20;

/// Number of leading zero bits of SHA-256(challenge ":" nonce).
pub fn leading_zero_bits(challenge: &str, nonce: &str) -> u32 {
    let digest = Sha256::new()
        .chain_update(challenge.as_bytes())
        .chain_update(b":")
        .chain_update(nonce.as_bytes())
        .finalize();
    let mut bits = 0;
    for byte in digest {
        bits += byte.leading_zeros();
        if byte != 0 {
            break;
        }
    }
    bits
}

/// True when `nonce` (decimal digits, at most 20 chars) solves `challenge` at `difficulty` bits.
pub fn solves(challenge: &str, nonce: &str, difficulty: u32) -> bool {
    !nonce.is_empty()
        && nonce.len() <= MAX_NONCE_LEN
        && nonce.bytes().all(|b| b.is_ascii_digit())
        && leading_zero_bits(challenge, nonce) >= difficulty
}

/// Finds a nonce (0, 1, 2, … as decimal) — for tests and the benchmark. It is the smallest
/// solution, the same one `pow.js` finds.
///
/// # Panics
/// When `difficulty` is above 64: such a puzzle would take longer than anyone could wait.
#[cfg(test)]
pub fn solve(challenge: &str, difficulty: u32) -> String {
    assert!(
        difficulty <= 64,
        "a {difficulty}-bit puzzle cannot be solved"
    );
    (0u64..)
        .map(|n| n.to_string())
        .find(|nonce| leading_zero_bits(challenge, nonce) >= difficulty)
        .expect("a solution exists among 2^64 nonces")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zero_bits_counts_across_bytes() {
        // Digests computed independently (OpenSSL): SHA-256("limen:0") = 8fcf08e1…,
        // SHA-256("limen:1046") = 005c3480…, SHA-256("limen:26272") = 00019594….
        assert_eq!(leading_zero_bits("limen", "0"), 0);
        assert_eq!(leading_zero_bits("limen", "1046"), 9);
        assert_eq!(leading_zero_bits("limen", "26272"), 15);
    }

    #[test]
    fn a_solved_puzzle_verifies() {
        let challenge = "9f86d081884c7d659a2feaa0c55ad015";
        let nonce = solve(challenge, 12);
        assert!(solves(challenge, &nonce, 12));
        assert!(leading_zero_bits(challenge, &nonce) >= 12);
        assert!(solves(challenge, &nonce, 0));
    }

    #[test]
    fn a_wrong_nonce_fails() {
        let challenge = "c0ffee";
        let first: u64 = solve(challenge, 10).parse().unwrap();
        // Every nonce before the first solution fails, by definition of `solve`.
        for n in 0..first {
            assert!(!solves(challenge, &n.to_string(), 10));
        }
        assert!(!solves("limen", "1046", 10));
        assert!(!solves("limen", "3509", 10));
        assert!(solves("limen", "1046", 9));
        assert!(!solves("another challenge", "26272", 15));
    }

    #[test]
    fn malformed_nonces_fail() {
        for nonce in [
            "",
            "12a",
            "-1",
            "+1",
            " 1",
            "1 ",
            "0x10",
            "１",
            "123456789012345678901",
        ] {
            assert!(!solves("c0ffee", nonce, 0), "{nonce:?}");
        }
        assert!(solves("c0ffee", "12345678901234567890", 0));
    }

    #[test]
    fn the_smallest_solution_is_found_and_agrees_with_pow_js() {
        // Cross-checked with static/pow.js under node: same challenge, same nonce.
        assert_eq!(solve("limen", 9), "1046");
        assert_eq!(solve("limen", 12), "4194");
    }

    #[test]
    #[should_panic(expected = "cannot be solved")]
    fn impossible_puzzles_are_refused() {
        solve("c0ffee", 65);
    }
}
