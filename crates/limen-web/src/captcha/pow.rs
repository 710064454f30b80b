//! Proof-of-work puzzle (temporary minimal version; replaced by the full module).

use sha2::{Digest, Sha256};

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

pub fn solves(challenge: &str, nonce: &str, difficulty: u32) -> bool {
    !nonce.is_empty()
        && nonce.len() <= 20
        && nonce.bytes().all(|b| b.is_ascii_digit())
        && leading_zero_bits(challenge, nonce) >= difficulty
}

pub fn solve(challenge: &str, difficulty: u32) -> String {
    (0u64..)
        .map(|n| n.to_string())
        .find(|n| solves(challenge, n, difficulty))
        .unwrap_or_default()
}
