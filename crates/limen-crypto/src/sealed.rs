//! Secrets at rest (ARCHITECTURE §6): values the server must read back — OIDC signing keys — are
//! sealed with AES-256-GCM under a master key that never enters the database. A database dump
//! alone therefore yields no private key.
//!
//! Format: `v1.` + base64url(nonce ‖ ciphertext ‖ tag), with a random 96-bit nonce per value
//! (NIST SP 800-38D §8.2.2: random nonces are safe far beyond the number of keys we ever seal).
//! The caller's `aad` (e.g. the key id) binds a sealed value to its row, so swapping two rows'
//! ciphertexts makes both fail to open.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use std::path::Path;

const PREFIX: &str = "v1.";
pub const MASTER_KEY_LEN: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the sealed value is malformed")]
    Malformed,
    #[error("the sealed value does not open with this master key (wrong key, or tampered)")]
    Unauthentic,
    #[error("master key file {path}: {reason}")]
    KeyFile { path: String, reason: String },
}

/// AES-256-GCM under the master key.
pub struct SecretBox {
    key: LessSafeKey,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(..)")
    }
}

impl SecretBox {
    pub fn new(master_key: &[u8; MASTER_KEY_LEN]) -> Self {
        // AES-256 accepts any 32-byte key.
        let unbound = UnboundKey::new(&AES_256_GCM, master_key).unwrap_or_else(|_| unreachable!());
        Self {
            key: LessSafeKey::new(unbound),
        }
    }

    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut buf = plaintext.to_vec();
        // Sealing only fails for inputs over ~64 GiB.
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad),
                &mut buf,
            )
            .unwrap_or_else(|_| unreachable!());
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(out))
    }

    pub fn open(&self, sealed: &str, aad: &[u8]) -> Result<Vec<u8>, SealError> {
        let raw = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| URL_SAFE_NO_PAD.decode(b).ok())
            .ok_or(SealError::Malformed)?;
        if raw.len() < NONCE_LEN + AES_256_GCM.tag_len() {
            return Err(SealError::Malformed);
        }
        let (nonce, body) = raw.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SealError::Malformed)?;
        let mut body = body.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(aad), &mut body)
            .map_err(|_| SealError::Unauthentic)?;
        Ok(plain.to_vec())
    }
}

/// A fresh random master key.
pub fn generate_master_key() -> [u8; MASTER_KEY_LEN] {
    let mut key = [0u8; MASTER_KEY_LEN];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

/// Reads a master key file: 32 bytes written as base64url or hex (64 characters), surrounding
/// white space ignored.
pub fn read_master_key(path: &Path) -> Result<[u8; MASTER_KEY_LEN], SealError> {
    let err = |reason: String| SealError::KeyFile {
        path: path.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    parse_master_key(text.trim()).ok_or_else(|| {
        err("expected 32 random bytes as 64 hex digits or 43 base64url characters".into())
    })
}

pub fn parse_master_key(text: &str) -> Option<[u8; MASTER_KEY_LEN]> {
    let bytes = if text.len() == 64 {
        hex::decode(text).ok()?
    } else {
        URL_SAFE_NO_PAD.decode(text).ok()?
    };
    bytes.try_into().ok()
}

/// Reads the master key file, or creates it (mode 0600, never overwriting) when it does not exist.
/// Returns the key and whether it was created.
pub fn load_or_create_master_key(path: &Path) -> Result<([u8; MASTER_KEY_LEN], bool), SealError> {
    if path.exists() {
        return read_master_key(path).map(|k| (k, false));
    }
    let err = |reason: String| SealError::KeyFile {
        path: path.display().to_string(),
        reason,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    }
    let key = generate_master_key();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut file = options.open(path).map_err(|e| err(e.to_string()))?;
    file.write_all(format!("{}\n", hex::encode(key)).as_bytes())
        .map_err(|e| err(e.to_string()))?;
    Ok((key, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens() {
        let b = SecretBox::new(&generate_master_key());
        let sealed = b.seal(b"private key", b"kid-1");
        assert!(sealed.starts_with("v1."));
        assert_eq!(b.open(&sealed, b"kid-1").unwrap(), b"private key");
        // Random nonces: sealing twice differs.
        assert_ne!(sealed, b.seal(b"private key", b"kid-1"));
    }

    #[test]
    fn refuses_other_keys_other_rows_and_tampering() {
        let b = SecretBox::new(&generate_master_key());
        let sealed = b.seal(b"secret", b"kid-1");
        assert!(matches!(
            b.open(&sealed, b"kid-2"),
            Err(SealError::Unauthentic)
        ));
        let other = SecretBox::new(&generate_master_key());
        assert!(matches!(
            other.open(&sealed, b"kid-1"),
            Err(SealError::Unauthentic)
        ));
        let mut raw = URL_SAFE_NO_PAD.decode(&sealed[3..]).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        let tampered = format!("v1.{}", URL_SAFE_NO_PAD.encode(raw));
        assert!(matches!(
            b.open(&tampered, b"kid-1"),
            Err(SealError::Unauthentic)
        ));
        for bad in ["", "v1.", "v1.!!!", "v2.AAAA", "v1.AAAA"] {
            assert!(
                matches!(b.open(bad, b""), Err(SealError::Malformed)),
                "{bad}"
            );
        }
    }

    #[test]
    fn master_key_file_is_created_once_private() {
        let dir = std::env::temp_dir().join(format!("limen-mk-{}", crate::random_token(6)));
        let path = dir.join("sub/master.key");
        let (k1, created) = load_or_create_master_key(&path).unwrap();
        assert!(created);
        let (k2, created) = load_or_create_master_key(&path).unwrap();
        assert!(!created);
        assert_eq!(k1, k2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "short").unwrap();
        assert!(matches!(
            read_master_key(&path),
            Err(SealError::KeyFile { .. })
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn master_keys_parse_in_hex_and_base64url() {
        let key = generate_master_key();
        assert_eq!(parse_master_key(&hex::encode(key)), Some(key));
        assert_eq!(parse_master_key(&URL_SAFE_NO_PAD.encode(key)), Some(key));
        assert_eq!(parse_master_key("00"), None);
    }
}
