//! Signed objects: JWS compact serialisation (RFC 7515 §7.1) with ES256 (RFC 7518 §3.4),
//! spec §1. The header is `{"alg":"ES256","typ":…,"kid":…}` (or `"jwk"` instead of `"kid"`
//! where spec §4 says so); the signature is the 64 bytes `r ‖ s`.
//!
//! [`verify`] takes the key from the caller, never from the header: a receiver finds the key
//! (by `kid`, or, only at enrolment, by the header's `jwk`) with [`peek`] and then verifies.

use ring::rand::SystemRandom;
use ring::signature::{
    ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _,
    UnparsedPublicKey,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{Error, b64, jcs, jwk};

/// The only algorithm of the protocol.
pub const ALG: &str = "ES256";
/// The largest compact signed object accepted (spec §4 bounds bodies at 16 KiB).
pub const MAX_COMPACT_LEN: usize = 16 * 1024;

/// An ES256 private key (ring's `EcdsaKeyPair`) and its PKCS#8 document (RFC 5958), which is
/// how it is stored. `Debug` shows only the public key's thumbprint.
pub struct SigningKey {
    pair: EcdsaKeyPair,
    pkcs8: Vec<u8>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("thumbprint", &self.thumbprint())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A new random key.
    pub fn generate() -> Result<Self, Error> {
        let rng = SystemRandom::new();
        let doc = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| Error::Crypto)?;
        Self::from_pkcs8(doc.as_ref())
    }

    /// The key of a PKCS#8 document (as [`SigningKey::pkcs8`] gives it).
    pub fn from_pkcs8(der: &[u8]) -> Result<Self, Error> {
        let rng = SystemRandom::new();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &rng)
            .map_err(|_| Error::Malformed("PKCS#8 P-256 key"))?;
        Ok(Self {
            pair,
            pkcs8: der.to_vec(),
        })
    }

    /// The PKCS#8 document: the private key, to be stored sealed.
    #[must_use]
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The public key as a JWK.
    #[must_use]
    pub fn public_jwk(&self) -> jwk::EcJwk {
        // ring gives the public key as an uncompressed point, which from_uncompressed takes.
        match jwk::EcJwk::from_uncompressed(self.pair.public_key().as_ref()) {
            Ok(k) => k,
            Err(_) => unreachable!("ring's P-256 public key is a 65-byte uncompressed point"),
        }
    }

    /// The RFC 7638 thumbprint of the public key (the device id, for a device key).
    #[must_use]
    pub fn thumbprint(&self) -> String {
        self.public_jwk().thumbprint()
    }

    /// The 64-byte `r ‖ s` ES256 signature of `message`.
    pub fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        let rng = SystemRandom::new();
        let sig = self.pair.sign(&rng, message).map_err(|_| Error::Crypto)?;
        Ok(sig.as_ref().to_vec())
    }
}

/// How a signed object names its key: a key id (a thumbprint), or the public key itself
/// (only a device's first request, spec §4).
#[derive(Debug, Clone, Copy)]
pub enum Kid<'a> {
    Id(&'a str),
    Jwk(&'a jwk::EcJwk),
}

/// The protected header of a signed object. Other members are ignored, except `crit`, which
/// [`peek`] refuses (RFC 7515 §4.1.11: we understand no extension).
#[derive(Debug, Clone, Deserialize)]
pub struct Header {
    pub alg: String,
    pub typ: Option<String>,
    pub kid: Option<String>,
    pub jwk: Option<jwk::EcJwk>,
}

/// The compact signed object of `payload` (a JSON object), signed with `key`. Header and
/// payload are written in their JCS form, so the same input gives the same bytes.
pub fn sign(key: &SigningKey, typ: &str, kid: Kid<'_>, payload: &Value) -> Result<String, Error> {
    if !payload.is_object() {
        return Err(Error::Malformed("payload"));
    }
    let mut header = Map::new();
    header.insert("alg".to_owned(), Value::from(ALG));
    header.insert("typ".to_owned(), Value::from(typ));
    match kid {
        Kid::Id(id) => header.insert("kid".to_owned(), Value::from(id)),
        Kid::Jwk(k) => header.insert(
            "jwk".to_owned(),
            serde_json::to_value(k).map_err(|_| Error::Malformed("jwk"))?,
        ),
    };
    let mut compact = b64::encode(&jcs::canonical(&Value::Object(header))?);
    compact.push('.');
    compact.push_str(&b64::encode(&jcs::canonical(payload)?));
    let signature = key.sign_bytes(compact.as_bytes())?;
    compact.push('.');
    compact.push_str(&b64::encode(&signature));
    if compact.len() > MAX_COMPACT_LEN {
        return Err(Error::TooLarge("signed object"));
    }
    Ok(compact)
}

/// The three parts of a compact object: signing input, header, payload, signature bytes.
struct Parts<'a> {
    signing_input: &'a str,
    header: Header,
    payload: Value,
    signature: Vec<u8>,
}

fn split(compact: &str) -> Result<Parts<'_>, Error> {
    if compact.len() > MAX_COMPACT_LEN {
        return Err(Error::TooLarge("signed object"));
    }
    let mut pieces = compact.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (pieces.next(), pieces.next(), pieces.next(), pieces.next())
    else {
        return Err(Error::Malformed("compact serialisation"));
    };
    let header_json: Value =
        serde_json::from_slice(&b64::decode(h)?).map_err(|_| Error::Malformed("header"))?;
    let Some(header_members) = header_json.as_object() else {
        return Err(Error::Malformed("header"));
    };
    if header_members.contains_key("crit") {
        return Err(Error::Malformed("header crit"));
    }
    let header: Header =
        serde_json::from_value(header_json).map_err(|_| Error::Malformed("header"))?;
    let payload: Value =
        serde_json::from_slice(&b64::decode(p)?).map_err(|_| Error::Malformed("payload"))?;
    if !payload.is_object() {
        return Err(Error::Malformed("payload"));
    }
    let signature = b64::decode(s)?;
    Ok(Parts {
        signing_input: &compact[..h.len() + 1 + p.len()],
        header,
        payload,
        signature,
    })
}

/// Header and payload of a signed object, **not verified**: only to find which key to verify
/// with. Refuses objects over [`MAX_COMPACT_LEN`] and anything that does not parse.
pub fn peek(compact: &str) -> Result<(Header, Value), Error> {
    let parts = split(compact)?;
    Ok((parts.header, parts.payload))
}

/// Verifies a signed object under `key`: `alg` exactly `ES256`, `typ` exactly `typ`, a 64-byte
/// `r ‖ s` signature (no DER) valid for the signing input. Gives header and payload.
///
/// `typ` is any string, so this also checks objects of other profiles (e.g. RFC 9449's
/// `dpop+jwt`).
pub fn verify(compact: &str, typ: &str, key: &jwk::EcJwk) -> Result<(Header, Value), Error> {
    let parts = split(compact)?;
    if parts.header.alg != ALG {
        return Err(Error::WrongAlgorithm);
    }
    if parts.header.typ.as_deref() != Some(typ) {
        return Err(Error::WrongType);
    }
    if parts.signature.len() != 64 {
        return Err(Error::BadSignature);
    }
    let point = key.to_uncompressed()?;
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point)
        .verify(parts.signing_input.as_bytes(), &parts.signature)
        .map_err(|_| Error::BadSignature)?;
    Ok((parts.header, parts.payload))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// RFC 9449 §4.1's example DPoP proof (ES256, key in the header's `jwk`), as published
    /// (RFC 9449 §5, the token request's `DPoP` header).
    const RFC_9449_PROOF: &str = concat!(
        "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19",
        ".",
        "eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ",
        ".",
        "2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg",
    );

    #[test]
    fn rfc_9449_example_proof_verifies_under_its_own_jwk() {
        let (header, payload) = peek(RFC_9449_PROOF).unwrap();
        assert_eq!(header.alg, "ES256");
        assert_eq!(header.typ.as_deref(), Some("dpop+jwt"));
        assert_eq!(header.kid, None);
        let key = header.jwk.clone().unwrap();
        assert_eq!(key.x, "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs");
        assert_eq!(
            payload,
            json!({"jti": "-BwC3ESc6acc2lTc", "htm": "POST",
                   "htu": "https://server.example.com/token", "iat": 1562262616})
        );
        let (_, verified) = verify(RFC_9449_PROOF, "dpop+jwt", &key).unwrap();
        assert_eq!(verified, payload);
        // Under another typ, or with a byte of the signature changed, it is refused.
        assert_eq!(
            verify(RFC_9449_PROOF, crate::TYP_PROOF, &key).unwrap_err(),
            Error::WrongType
        );
        let mut tampered = RFC_9449_PROOF.to_owned();
        let last = tampered.pop().unwrap();
        tampered.push(if last == 'g' { 'w' } else { 'g' });
        assert_eq!(
            verify(&tampered, "dpop+jwt", &key).unwrap_err(),
            Error::BadSignature
        );
    }

    fn sample() -> (SigningKey, String) {
        let key = SigningKey::generate().unwrap();
        let signed = sign(&key, "t+jwt", Kid::Id("k1"), &json!({"a": 1, "b": "two"})).unwrap();
        (key, signed)
    }

    /// A compact object with the given header, the payload of `signed` and the signature bytes.
    fn forge(header: &Value, signed: &str, signature: &[u8]) -> String {
        let payload = signed.split('.').nth(1).unwrap();
        format!(
            "{}.{}.{}",
            b64::encode(header.to_string().as_bytes()),
            payload,
            b64::encode(signature)
        )
    }

    #[test]
    fn sign_then_verify() {
        let (key, signed) = sample();
        let (header, payload) = verify(&signed, "t+jwt", &key.public_jwk()).unwrap();
        assert_eq!(header.kid.as_deref(), Some("k1"));
        assert!(header.jwk.is_none());
        assert_eq!(payload, json!({"a": 1, "b": "two"}));
        // The header is exactly the spec's, in JCS form.
        let h = b64::decode(signed.split('.').next().unwrap()).unwrap();
        assert_eq!(h, br#"{"alg":"ES256","kid":"k1","typ":"t+jwt"}"#);
        // peek gives the same without a key.
        assert_eq!(peek(&signed).unwrap().1, payload);
    }

    #[test]
    fn sign_with_embedded_jwk() {
        let key = SigningKey::generate().unwrap();
        let jwk = key.public_jwk();
        let signed = sign(&key, "t+jwt", Kid::Jwk(&jwk), &json!({})).unwrap();
        let (header, _) = peek(&signed).unwrap();
        assert_eq!(header.jwk.as_ref(), Some(&jwk));
        assert!(header.kid.is_none());
        assert!(verify(&signed, "t+jwt", header.jwk.as_ref().unwrap()).is_ok());
    }

    #[test]
    fn pkcs8_round_trip_keeps_the_key() {
        let key = SigningKey::generate().unwrap();
        let again = SigningKey::from_pkcs8(key.pkcs8()).unwrap();
        assert_eq!(again.public_jwk(), key.public_jwk());
        assert_eq!(again.thumbprint(), key.thumbprint());
        let signed = sign(&again, "t", Kid::Id("x"), &json!({"n": 1})).unwrap();
        assert!(verify(&signed, "t", &key.public_jwk()).is_ok());
        assert!(SigningKey::from_pkcs8(b"not a key").is_err());
        assert!(!format!("{key:?}").contains(&b64::encode(key.pkcs8())));
    }

    #[test]
    fn other_algorithms_are_refused() {
        let (key, signed) = sample();
        let sig = b64::decode(signed.split('.').nth(2).unwrap()).unwrap();
        for alg in ["none", "HS256", "RS256", "ES384", "es256", "ES256 "] {
            let forged = forge(
                &json!({"alg": alg, "typ": "t+jwt", "kid": "k1"}),
                &signed,
                &sig,
            );
            assert_eq!(
                verify(&forged, "t+jwt", &key.public_jwk()).unwrap_err(),
                Error::WrongAlgorithm,
                "{alg}"
            );
        }
        // "none" with an empty signature, the classic.
        let none = forge(&json!({"alg": "none", "typ": "t+jwt"}), &signed, b"");
        assert_eq!(
            verify(&none, "t+jwt", &key.public_jwk()).unwrap_err(),
            Error::WrongAlgorithm
        );
        // No alg at all does not parse.
        let no_alg = forge(&json!({"typ": "t+jwt"}), &signed, &sig);
        assert!(matches!(
            verify(&no_alg, "t+jwt", &key.public_jwk()),
            Err(Error::Malformed(_))
        ));
    }

    #[test]
    fn wrong_or_missing_typ_is_refused() {
        let (key, signed) = sample();
        assert_eq!(
            verify(&signed, "other+jwt", &key.public_jwk()).unwrap_err(),
            Error::WrongType
        );
        let sig = b64::decode(signed.split('.').nth(2).unwrap()).unwrap();
        let untyped = forge(&json!({"alg": "ES256", "kid": "k1"}), &signed, &sig);
        assert_eq!(
            verify(&untyped, "t+jwt", &key.public_jwk()).unwrap_err(),
            Error::WrongType
        );
    }

    #[test]
    fn tampered_payload_or_header_is_refused() {
        let (key, signed) = sample();
        let mut parts: Vec<String> = signed.split('.').map(str::to_owned).collect();
        parts[1] = b64::encode(br#"{"a":2,"b":"two"}"#);
        assert_eq!(
            verify(&parts.join("."), "t+jwt", &key.public_jwk()).unwrap_err(),
            Error::BadSignature
        );
        // Same header meaning, other bytes: the signature covers the bytes.
        let mut parts: Vec<String> = signed.split('.').map(str::to_owned).collect();
        parts[0] = b64::encode(br#"{"typ":"t+jwt","alg":"ES256","kid":"k1"}"#);
        let reordered = parts.join(".");
        assert!(peek(&reordered).is_ok());
        assert_eq!(
            verify(&reordered, "t+jwt", &key.public_jwk()).unwrap_err(),
            Error::BadSignature
        );
    }

    #[test]
    fn wrong_key_is_refused() {
        let (_, signed) = sample();
        let other = SigningKey::generate().unwrap();
        assert_eq!(
            verify(&signed, "t+jwt", &other.public_jwk()).unwrap_err(),
            Error::BadSignature
        );
    }

    #[test]
    fn signatures_of_other_shapes_are_refused() {
        let (key, signed) = sample();
        let parts: Vec<&str> = signed.split('.').collect();
        let sig = b64::decode(parts[2]).unwrap();
        // 65 bytes: the right signature and one more byte.
        let mut long = sig.clone();
        long.push(0);
        // DER (SEQUENCE of two INTEGERs), as other ECDSA APIs produce: r and s given a
        // leading zero byte so that they stay positive.
        let mut der = vec![0x30, 70, 0x02, 33, 0x00];
        der.extend_from_slice(&sig[..32]);
        der.extend_from_slice(&[0x02, 33, 0x00]);
        der.extend_from_slice(&sig[32..]);
        for bad in [long, der, sig[..63].to_vec(), Vec::new()] {
            let forged = format!("{}.{}.{}", parts[0], parts[1], b64::encode(&bad));
            assert_eq!(
                verify(&forged, "t+jwt", &key.public_jwk()).unwrap_err(),
                Error::BadSignature,
                "{} bytes",
                bad.len()
            );
        }
        // A zero signature of the right length.
        let zero = format!("{}.{}.{}", parts[0], parts[1], b64::encode(&[0u8; 64]));
        assert_eq!(
            verify(&zero, "t+jwt", &key.public_jwk()).unwrap_err(),
            Error::BadSignature
        );
    }

    #[test]
    fn malformed_objects_are_refused() {
        let (key, signed) = sample();
        let k = key.public_jwk();
        let parts: Vec<&str> = signed.split('.').collect();
        for bad in [
            String::new(),
            "a.b".to_owned(),
            format!("{signed}."),
            format!("{}.{}", parts[0], parts[1]),
            format!("{}.{}.{}.{}", parts[0], parts[1], parts[2], parts[2]),
            format!("{}=.{}.{}", parts[0], parts[1], parts[2]),
            format!("{}.{}.{}", b64::encode(b"[1]"), parts[1], parts[2]),
            format!("{}.{}.{}", parts[0], b64::encode(b"[1]"), parts[2]),
            format!("{}.{}.{}", parts[0], b64::encode(b"{not json"), parts[2]),
        ] {
            assert!(
                matches!(verify(&bad, "t+jwt", &k), Err(Error::Malformed(_))),
                "{bad}"
            );
            assert!(peek(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn crit_headers_are_refused() {
        let (key, signed) = sample();
        let sig = b64::decode(signed.split('.').nth(2).unwrap()).unwrap();
        let forged = forge(
            &json!({"alg": "ES256", "typ": "t+jwt", "crit": ["exp"], "exp": 1}),
            &signed,
            &sig,
        );
        assert_eq!(peek(&forged).unwrap_err(), Error::Malformed("header crit"));
        assert!(verify(&forged, "t+jwt", &key.public_jwk()).is_err());
    }

    #[test]
    fn oversized_objects_are_refused_before_parsing() {
        let key = SigningKey::generate().unwrap();
        let big = "x".repeat(MAX_COMPACT_LEN);
        assert_eq!(
            sign(&key, "t", Kid::Id("k"), &json!({ "big": big })).unwrap_err(),
            Error::TooLarge("signed object")
        );
        let huge = format!("{}.{}.{}", "a".repeat(MAX_COMPACT_LEN), "b", "c");
        assert_eq!(peek(&huge).unwrap_err(), Error::TooLarge("signed object"));
    }

    #[test]
    fn payload_must_be_an_object() {
        let key = SigningKey::generate().unwrap();
        assert!(sign(&key, "t", Kid::Id("k"), &json!([1])).is_err());
        assert!(sign(&key, "t", Kid::Id("k"), &json!({"f": 0.5})).is_err());
    }
}
