//! The enrolment's key agreement (spec §3 steps 3–4): ephemeral ECDH on P-256, whose shared
//! secret `Z` is the 32-byte x coordinate of the shared point (SEC 1 §3.3.1).

use ring::agreement::{
    ECDH_P256, EphemeralPrivateKey, PublicKey, UnparsedPublicKey, agree_ephemeral,
};
use ring::rand::SystemRandom;

use crate::{Error, jwk};

/// An ephemeral key pair (ring's `EphemeralPrivateKey`): used once, by [`Ephemeral::agree`],
/// which consumes it. `Debug` shows only the public key.
pub struct Ephemeral {
    private: EphemeralPrivateKey,
    public: PublicKey,
}

impl std::fmt::Debug for Ephemeral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ephemeral")
            .field("public", &self.public_jwk())
            .finish_non_exhaustive()
    }
}

impl Ephemeral {
    /// A new random key pair.
    pub fn generate() -> Result<Self, Error> {
        let rng = SystemRandom::new();
        let private = EphemeralPrivateKey::generate(&ECDH_P256, &rng).map_err(|_| Error::Crypto)?;
        let public = private.compute_public_key().map_err(|_| Error::Crypto)?;
        Ok(Self { private, public })
    }

    /// The public key, to send to the peer.
    #[must_use]
    pub fn public_jwk(&self) -> jwk::EcJwk {
        match jwk::EcJwk::from_uncompressed(self.public.as_ref()) {
            Ok(k) => k,
            Err(_) => unreachable!("ring's P-256 public key is a 65-byte uncompressed point"),
        }
    }

    /// `Z = ECDH(self, peer)`. Refuses a peer key that is not a valid P-256 point (ring checks
    /// the point is on the curve).
    pub fn agree(self, peer: &jwk::EcJwk) -> Result<[u8; 32], Error> {
        let point = peer.to_uncompressed()?;
        let peer = UnparsedPublicKey::new(&ECDH_P256, point);
        agree_ephemeral(self.private, &peer, |z| {
            let mut out = [0u8; 32];
            out.copy_from_slice(z);
            out
        })
        .map_err(|_| Error::Malformed("ECDH public key"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::b64;

    #[test]
    fn both_sides_agree() {
        let device = Ephemeral::generate().unwrap();
        let server = Ephemeral::generate().unwrap();
        let (e, f) = (device.public_jwk(), server.public_jwk());
        assert_ne!(e, f);
        let z_device = device.agree(&f).unwrap();
        let z_server = server.agree(&e).unwrap();
        assert_eq!(z_device, z_server);
        assert_ne!(z_device, [0u8; 32]);
        // A third party's key gives another secret.
        let third = Ephemeral::generate().unwrap();
        assert_ne!(third.agree(&e).unwrap(), z_server);
    }

    #[test]
    fn points_off_the_curve_are_refused() {
        let peer = Ephemeral::generate().unwrap().public_jwk();
        let mut off = peer.clone();
        let mut y = b64::decode(&off.y).unwrap();
        y[31] ^= 1;
        off.y = b64::encode(&y);
        assert!(Ephemeral::generate().unwrap().agree(&off).is_err());
        let mut wrong_curve = peer;
        wrong_curve.crv = "P-384".to_owned();
        assert!(Ephemeral::generate().unwrap().agree(&wrong_curve).is_err());
        let zero = jwk::EcJwk::from_uncompressed(&{
            let mut p = vec![0x04];
            p.extend([0u8; 64]);
            p
        })
        .unwrap();
        assert!(Ephemeral::generate().unwrap().agree(&zero).is_err());
    }
}
