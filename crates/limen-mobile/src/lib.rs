//! # limen-mobile — the Limen mobile device protocol, version 1 (`limen-mobile/1`)
//!
//! The primitives of the protocol between a Limen server and an authenticator (a phone app or
//! the reference command-line device), as `docs/MOBILE-PROTOCOL.md` defines it. Both sides use
//! this crate, so what one signs, hashes or derives is what the other checks:
//!
//! - [`b64`], [`jcs`]: the encodings (§1): base64url without padding, RFC 8785 canonical JSON;
//! - [`jwk`]: P-256 public keys as JWKs and their RFC 7638 thumbprints (§1);
//! - [`jws`]: compact ES256 signed objects (§1), [`proof`]: the `Limen-Proof` of a request (§4);
//! - [`ecdh`], [`kdf`]: the enrolment's key agreement, the offline key `K` and the PIN mask (§2.1, §3);
//! - [`ocra`]: RFC 6287 challenge-response, used for the offline code (§5.2) — limen-oath's,
//!   re-exported, so the hardware tokens and the phone compute it with one code;
//! - [`messages`]: the JSON messages and links of §3, §5 and §7, and the MACs bound into them.
//!
//! Nothing here does I/O, keeps state or knows HTTP: replay caches, clocks, storage and
//! counting wrong PINs are the caller's. Randomness comes from the operating system (ring's
//! `SystemRandom`).

pub mod b64;
pub mod ecdh;
pub mod jcs;
pub mod jwk;
pub mod jws;
pub mod kdf;
pub mod messages;
pub mod proof;

pub use limen_oath::ocra;

/// The protocol version, the `v` member of every message (§3, §5, §7).
pub const VERSION: u32 = 1;
/// `typ` of a request proof (§4).
pub const TYP_PROOF: &str = "limen-proof+jwt";
/// `typ` of a challenge (§5).
pub const TYP_CHALLENGE: &str = "limen-challenge+jwt";
/// `typ` of the server's enrolment answer (§3 step 4).
pub const TYP_ENROLMENT: &str = "limen-enrolment+jwt";
/// `typ` of a receipt (§5.1).
pub const TYP_RECEIPT: &str = "limen-receipt+jwt";
/// The OCRA suite of the offline code (§5.2).
pub const OFFLINE_SUITE: &str = "OCRA-1:HOTP-SHA256-8:QH64";

/// What can go wrong with protocol data. The `&'static str` says which part was wrong; it
/// never carries the data itself (it may be secret, and it is attacker-chosen).
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// Input that does not have the protocol's form.
    #[error("malformed {0}")]
    Malformed(&'static str),
    /// Input larger than the protocol allows.
    #[error("{0} too large")]
    TooLarge(&'static str),
    /// A signed object whose `alg` is not exactly `ES256`.
    #[error("algorithm not allowed")]
    WrongAlgorithm,
    /// A signed object whose `typ` is not the one expected.
    #[error("wrong signed object type")]
    WrongType,
    /// A signature that does not verify under the given key.
    #[error("bad signature")]
    BadSignature,
    /// A message whose `v` is not [`VERSION`].
    #[error("unsupported protocol version")]
    WrongVersion,
    /// Something past its expiry (only helpers that are given the time say this).
    #[error("expired")]
    Expired,
    /// The operating system's random generator or a key operation failed.
    #[error("cryptographic operation failed")]
    Crypto,
}

/// limen-oath's errors say which part of an OCRA computation was wrong, as ours do.
impl From<limen_oath::Error> for Error {
    fn from(e: limen_oath::Error) -> Self {
        match e {
            limen_oath::Error::Malformed(what) | limen_oath::Error::Unsupported(what) => {
                Self::Malformed(what)
            }
            limen_oath::Error::TooLarge(what) => Self::TooLarge(what),
        }
    }
}

/// SHA-256 of `data` (FIPS 180-4), the digest used throughout the protocol.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    let d = ring::digest::digest(&ring::digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// HMAC-SHA-256 (RFC 2104) of `parts` concatenated, under `key`.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    let mut ctx = ring::hmac::Context::with_key(&key);
    for p in parts {
        ctx.update(p);
    }
    let tag = ctx.sign();
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

/// Compares two byte strings in time independent of where they differ (for MACs and codes).
#[must_use]
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
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
