//! P-256 public keys as JSON Web Keys (RFC 7517, RFC 7518 §6.2) and their thumbprints
//! (RFC 7638), spec §1.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Error, b64, jcs, sha256};

/// An elliptic-curve public key: `{"kty":"EC","crv":"P-256","x":B64(32 bytes),"y":B64(32 bytes)}`.
///
/// Deserialising refuses any other member (a key in the protocol has exactly these four; this
/// also refuses a JWK that carries its private part `d`). Deserialising does not check the
/// values: [`EcJwk::to_uncompressed`] (or [`EcJwk::check`]) does, and every use of the key goes
/// through it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EcJwk {
    pub kty: String,
    pub crv: String,
    pub x: String,
    pub y: String,
}

impl EcJwk {
    /// The JWK of an uncompressed SEC 1 point (§2.3.3): 65 bytes, `0x04 ‖ x ‖ y`.
    ///
    /// Whether the point is on the curve is checked where the key is used (signature
    /// verification, key agreement), not here.
    pub fn from_uncompressed(point: &[u8]) -> Result<Self, Error> {
        if point.len() != 65 || point[0] != 0x04 {
            return Err(Error::Malformed("P-256 point"));
        }
        Ok(Self {
            kty: "EC".to_owned(),
            crv: "P-256".to_owned(),
            x: b64::encode(&point[1..33]),
            y: b64::encode(&point[33..]),
        })
    }

    /// The uncompressed SEC 1 point, after checking `kty` is `EC`, `crv` is `P-256` and `x`
    /// and `y` are canonical base64url of 32 bytes each.
    pub fn to_uncompressed(&self) -> Result<Vec<u8>, Error> {
        if self.kty != "EC" || self.crv != "P-256" {
            return Err(Error::Malformed("JWK type or curve"));
        }
        let x = b64::decode_array::<32>(&self.x).map_err(|_| Error::Malformed("JWK x"))?;
        let y = b64::decode_array::<32>(&self.y).map_err(|_| Error::Malformed("JWK y"))?;
        let mut point = Vec::with_capacity(65);
        point.push(0x04);
        point.extend_from_slice(&x);
        point.extend_from_slice(&y);
        Ok(point)
    }

    /// Checks the form of the key (see [`EcJwk::to_uncompressed`]).
    pub fn check(&self) -> Result<(), Error> {
        self.to_uncompressed().map(|_| ())
    }

    /// The RFC 7638 thumbprint: `B64(SHA256(JCS({"crv","kty","x","y"})))`, 43 characters. The
    /// device id is its device key's thumbprint; the enrolment link pins the server key's.
    #[must_use]
    pub fn thumbprint(&self) -> String {
        let mut members = Map::new();
        members.insert("crv".to_owned(), Value::String(self.crv.clone()));
        members.insert("kty".to_owned(), Value::String(self.kty.clone()));
        members.insert("x".to_owned(), Value::String(self.x.clone()));
        members.insert("y".to_owned(), Value::String(self.y.clone()));
        // Strings only: canonicalisation cannot fail.
        thumbprint_of(&members).unwrap_or_default()
    }
}

/// The RFC 7638 §3 thumbprint of a JWK given by its required members only (the caller picks
/// them, per key type: `crv kty x y` for EC, `e kty n` for RSA): `B64(SHA256(JCS(members)))`.
/// JCS's member order and string form are those RFC 7638 §3.3 asks for.
pub fn thumbprint_of(required_members: &Map<String, Value>) -> Result<String, Error> {
    let canonical = jcs::canonical(&Value::Object(required_members.clone()))?;
    Ok(b64::encode(&sha256(&canonical)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7638_section_3_1_example() {
        // RFC 7638 §3.1: the RSA key of RFC 7517 Appendix A.1 (required members only) and its
        // published thumbprint.
        let mut members = Map::new();
        members.insert("e".to_owned(), Value::from("AQAB"));
        members.insert("kty".to_owned(), Value::from("RSA"));
        members.insert(
            "n".to_owned(),
            Value::from(concat!(
                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L",
                "6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4Qy",
                "Q5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbI",
                "SD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-",
                "kEgU8awapJzKnqDKgw",
            )),
        );
        assert_eq!(
            thumbprint_of(&members).unwrap(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn rfc_9449_ec_key_thumbprint() {
        // RFC 9449: the P-256 key of its example proofs (§4.2) and the `jkt` the RFC gives for it
        // (§6.1).
        let jwk = EcJwk {
            kty: "EC".to_owned(),
            crv: "P-256".to_owned(),
            x: "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs".to_owned(),
            y: "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA".to_owned(),
        };
        assert_eq!(
            jwk.thumbprint(),
            "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
        );
        assert_eq!(jwk.thumbprint().len(), 43);
    }

    #[test]
    fn uncompressed_round_trip() {
        let mut point = vec![0x04];
        point.extend((1..=64).map(|i: u8| i));
        let jwk = EcJwk::from_uncompressed(&point).unwrap();
        assert_eq!(jwk.kty, "EC");
        assert_eq!(jwk.crv, "P-256");
        assert_eq!(jwk.to_uncompressed().unwrap(), point);
    }

    #[test]
    fn bad_points_and_jwks_are_refused() {
        let mut compressed = vec![0x02];
        compressed.extend([1u8; 32]);
        assert!(EcJwk::from_uncompressed(&compressed).is_err());
        let mut wrong_prefix = vec![0x05];
        wrong_prefix.extend([1u8; 64]);
        assert!(EcJwk::from_uncompressed(&wrong_prefix).is_err());
        assert!(EcJwk::from_uncompressed(&[0x04; 64]).is_err());

        let mut point = vec![0x04];
        point.extend([9u8; 64]);
        let good = EcJwk::from_uncompressed(&point).unwrap();
        let mut j = good.clone();
        j.crv = "P-384".to_owned();
        assert!(j.to_uncompressed().is_err());
        let mut j = good.clone();
        j.kty = "RSA".to_owned();
        assert!(j.check().is_err());
        let mut j = good.clone();
        j.x = b64::encode(&[9u8; 31]);
        assert_eq!(j.to_uncompressed(), Err(Error::Malformed("JWK x")));
        let mut j = good.clone();
        j.y.push('=');
        assert_eq!(j.to_uncompressed(), Err(Error::Malformed("JWK y")));
    }

    #[test]
    fn unknown_members_such_as_a_private_key_are_refused() {
        let ok = r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#;
        assert!(serde_json::from_str::<EcJwk>(ok).is_ok());
        let with_d = r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}"#;
        assert!(serde_json::from_str::<EcJwk>(with_d).is_err());
        let missing = r#"{"kty":"EC","crv":"P-256","x":"AA"}"#;
        assert!(serde_json::from_str::<EcJwk>(missing).is_err());
    }
}
