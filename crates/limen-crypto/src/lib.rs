//! Cryptographic building blocks: password hashing on a bounded pool, random tokens, digests,
//! MACs and constant-time comparison, secrets sealed at rest, JWS signing keys. Nothing here knows about HTTP or storage.

pub mod jose;
pub mod password;
pub mod sealed;
pub mod token;

pub use password::{HashParams, PasswordHasher, Verification};
pub use token::{
    b64url, constant_time_eq, hmac_sha256, hmac_sha256_hex, random_alphanumeric, random_token,
    sha256, sha256_hex, ticket,
};
