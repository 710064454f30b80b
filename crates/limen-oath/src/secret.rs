//! Key material that must not outlive its use or end up in a log.

use zeroize::Zeroize;

/// A secret key or derived key: its bytes are overwritten when it is dropped, and its
/// `Debug` says only how long it is. There is deliberately no `PartialEq`: comparing
/// secrets is done in constant time where it is needed, never by `==`.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Takes ownership of `bytes` (no copy is left behind by this call).
    #[must_use]
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The key bytes, for the computation that needs them.
    #[must_use]
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the secret has no bytes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_length_only() {
        let s = Secret::new(b"12345678901234567890".to_vec());
        assert_eq!(format!("{s:?}"), "Secret(20 bytes)");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some(Secret(20 bytes))");
        assert_eq!(s.expose(), b"12345678901234567890");
        assert_eq!((s.len(), s.is_empty()), (20, false));
    }
}
