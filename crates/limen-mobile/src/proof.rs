//! `Limen-Proof`: the signed proof every device request carries (spec §4), a DPoP proof
//! (RFC 9449 §4.2) with a registered key and a hash of the body.
//!
//! Header `{"alg":"ES256","typ":"limen-proof+jwt","kid":<device id>}` (at enrolment `"jwk"`
//! instead of `"kid"`), payload `{"htm","htu","iat","jti","bh"}`. What [`verify`] checks is
//! RFC 9449 §4.3's list as spec §4 adapts it; whether the key is known and active, and whether
//! the `jti` was seen in the last [`JTI_TTL_SECONDS`] (replay), are the caller's to check.

use ring::rand::{SecureRandom as _, SystemRandom};
use serde::{Deserialize, Serialize};

use crate::{Error, TYP_PROOF, b64, jwk, jws, sha256};

/// Largest `|now − iat|` accepted, in seconds (spec §4).
pub const MAX_SKEW_SECONDS: i64 = 60;
/// How long a verifier must remember a `jti` to refuse its replay, in seconds (spec §4): the
/// whole window in which [`verify`] accepts the proof's `iat`.
pub const JTI_TTL_SECONDS: i64 = 120;

/// The payload of a proof (spec §4). Closed: other members are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProofClaims {
    /// The HTTP method, e.g. `POST`.
    pub htm: String,
    /// The request URL without query and fragment.
    pub htu: String,
    /// Creation time, seconds since the epoch.
    pub iat: i64,
    /// 16 random bytes, `B64` (22 characters).
    pub jti: String,
    /// `B64(SHA256(body))`; an empty body hashes the empty string.
    pub bh: String,
}

/// `B64(SHA256(body))`.
#[must_use]
pub fn body_hash(body: &[u8]) -> String {
    b64::encode(&sha256(body))
}

/// A proof for the request `htm htu` with `body`, made at `now` with a fresh random `jti`.
/// `kid` is the device id, or the device key itself for the enrolment request.
pub fn make(
    key: &jws::SigningKey,
    kid: jws::Kid<'_>,
    htm: &str,
    htu: &str,
    body: &[u8],
    now: i64,
) -> Result<String, Error> {
    let mut jti = [0u8; 16];
    SystemRandom::new()
        .fill(&mut jti)
        .map_err(|_| Error::Crypto)?;
    let claims = ProofClaims {
        htm: htm.to_owned(),
        htu: htu.to_owned(),
        iat: now,
        jti: b64::encode(&jti),
        bh: body_hash(body),
    };
    let payload = serde_json::to_value(&claims).map_err(|_| Error::Malformed("claims"))?;
    jws::sign(key, TYP_PROOF, kid, &payload)
}

/// Header and claims of a proof, **not verified** (to find the device by `kid`, or the key of
/// an enrolment in `jwk`).
pub fn peek(proof: &str) -> Result<(jws::Header, ProofClaims), Error> {
    let (header, payload) = jws::peek(proof)?;
    let claims = serde_json::from_value(payload).map_err(|_| Error::Malformed("proof claims"))?;
    Ok((header, claims))
}

/// Why a proof is refused. [`ProofError::code`] is a short token for
/// `WWW-Authenticate: Limen-Proof error="…"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// Does not parse, is not ES256 or not `limen-proof+jwt`, or its claims are not the spec's.
    #[error("malformed proof")]
    Malformed,
    /// The signature is not the key's.
    #[error("bad proof signature")]
    BadSignature,
    /// `|now − iat|` is over [`MAX_SKEW_SECONDS`].
    #[error("stale proof")]
    Stale,
    /// `htm` or `htu` is not this request's.
    #[error("proof for another request")]
    WrongRequest,
    /// `bh` is not this body's hash.
    #[error("proof for another body")]
    WrongBody,
}

impl ProofError {
    /// A stable short name: `malformed`, `bad_signature`, `stale`, `wrong_request`, `wrong_body`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::BadSignature => "bad_signature",
            Self::Stale => "stale",
            Self::WrongRequest => "wrong_request",
            Self::WrongBody => "wrong_body",
        }
    }
}

/// Verifies `proof` under the device's `key` for the request `htm htu` (the caller gives the
/// server's public URL plus the path, without query and fragment; both are compared exactly)
/// with `body`, at `now`. Gives the claims, whose `jti` the caller must check against its
/// replay cache (kept [`JTI_TTL_SECONDS`]).
pub fn verify(
    proof: &str,
    key: &jwk::EcJwk,
    htm: &str,
    htu: &str,
    body: &[u8],
    now: i64,
) -> Result<ProofClaims, ProofError> {
    let (_, payload) = jws::verify(proof, TYP_PROOF, key).map_err(|e| match e {
        Error::BadSignature => ProofError::BadSignature,
        _ => ProofError::Malformed,
    })?;
    let claims: ProofClaims = serde_json::from_value(payload).map_err(|_| ProofError::Malformed)?;
    // The jti is bounded (16 bytes) so that replay caches hold small, fixed-size entries.
    if b64::decode_array::<16>(&claims.jti).is_err() {
        return Err(ProofError::Malformed);
    }
    if now.abs_diff(claims.iat) > MAX_SKEW_SECONDS.unsigned_abs() {
        return Err(ProofError::Stale);
    }
    if claims.htm != htm || claims.htu != htu {
        return Err(ProofError::WrongRequest);
    }
    if claims.bh != body_hash(body) {
        return Err(ProofError::WrongBody);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jws::{Kid, SigningKey};
    use serde_json::json;

    const NOW: i64 = 1_750_000_000;
    const HTU: &str = "https://id.example.eu/device/v1/challenges/abc";

    fn setup() -> (SigningKey, String) {
        let key = SigningKey::generate().unwrap();
        let id = key.thumbprint();
        (key, id)
    }

    #[test]
    fn make_then_verify() {
        let (key, id) = setup();
        let body = br#"{"v":1}"#;
        let proof = make(&key, Kid::Id(&id), "POST", HTU, body, NOW).unwrap();
        let claims = verify(&proof, &key.public_jwk(), "POST", HTU, body, NOW).unwrap();
        assert_eq!(claims.htm, "POST");
        assert_eq!(claims.htu, HTU);
        assert_eq!(claims.iat, NOW);
        assert_eq!(claims.jti.len(), 22);
        assert_eq!(claims.bh, body_hash(body));
        let (header, peeked) = peek(&proof).unwrap();
        assert_eq!(header.kid.as_deref(), Some(id.as_str()));
        assert_eq!(header.typ.as_deref(), Some(TYP_PROOF));
        assert_eq!(peeked, claims);
    }

    #[test]
    fn each_proof_has_a_fresh_jti() {
        let (key, id) = setup();
        let a = peek(&make(&key, Kid::Id(&id), "GET", HTU, b"", NOW).unwrap())
            .unwrap()
            .1;
        let b = peek(&make(&key, Kid::Id(&id), "GET", HTU, b"", NOW).unwrap())
            .unwrap()
            .1;
        assert_ne!(a.jti, b.jti);
    }

    #[test]
    fn enrolment_proof_carries_the_jwk() {
        let (key, _) = setup();
        let jwk = key.public_jwk();
        let proof = make(&key, Kid::Jwk(&jwk), "POST", HTU, b"{}", NOW).unwrap();
        let (header, _) = peek(&proof).unwrap();
        assert_eq!(header.jwk.as_ref(), Some(&jwk));
        assert!(
            verify(
                &proof,
                header.jwk.as_ref().unwrap(),
                "POST",
                HTU,
                b"{}",
                NOW
            )
            .is_ok()
        );
    }

    #[test]
    fn empty_body_hashes_the_empty_string() {
        // SHA-256("") (FIPS 180-4), e3b0c442…b855, in base64url.
        assert_eq!(
            body_hash(b""),
            "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"
        );
    }

    #[test]
    fn stale_proofs_are_refused_both_ways() {
        let (key, id) = setup();
        let k = key.public_jwk();
        for (iat, ok) in [
            (NOW - 60, true),
            (NOW + 60, true),
            (NOW - 61, false),
            (NOW + 61, false),
            (0, false),
            (-crate::jcs::MAX_SAFE_INTEGER, false),
            (crate::jcs::MAX_SAFE_INTEGER, false),
        ] {
            let proof = make(&key, Kid::Id(&id), "GET", HTU, b"", iat).unwrap();
            let got = verify(&proof, &k, "GET", HTU, b"", NOW);
            if ok {
                assert!(got.is_ok(), "iat {iat}");
            } else {
                assert_eq!(got.unwrap_err(), ProofError::Stale, "iat {iat}");
            }
        }
    }

    #[test]
    fn other_requests_and_bodies_are_refused() {
        let (key, id) = setup();
        let k = key.public_jwk();
        let proof = make(&key, Kid::Id(&id), "POST", HTU, b"body", NOW).unwrap();
        assert_eq!(
            verify(&proof, &k, "GET", HTU, b"body", NOW),
            Err(ProofError::WrongRequest)
        );
        assert_eq!(
            verify(&proof, &k, "post", HTU, b"body", NOW),
            Err(ProofError::WrongRequest)
        );
        for other in [
            "https://id.example.eu/device/v1/challenges/abd",
            "https://id.example.eu/device/v1/challenges/abc/",
            "http://id.example.eu/device/v1/challenges/abc",
            "https://evil.example/device/v1/challenges/abc",
        ] {
            assert_eq!(
                verify(&proof, &k, "POST", other, b"body", NOW),
                Err(ProofError::WrongRequest),
                "{other}"
            );
        }
        assert_eq!(
            verify(&proof, &k, "POST", HTU, b"bodY", NOW),
            Err(ProofError::WrongBody)
        );
        assert_eq!(
            verify(&proof, &k, "POST", HTU, b"", NOW),
            Err(ProofError::WrongBody)
        );
    }

    #[test]
    fn bad_signatures_and_other_keys_are_refused() {
        let (key, id) = setup();
        let proof = make(&key, Kid::Id(&id), "GET", HTU, b"", NOW).unwrap();
        let other = SigningKey::generate().unwrap().public_jwk();
        assert_eq!(
            verify(&proof, &other, "GET", HTU, b"", NOW),
            Err(ProofError::BadSignature)
        );
        // A payload changed after signing (a later iat, to slip past the clock check).
        let mut parts: Vec<String> = proof.split('.').map(str::to_owned).collect();
        let mut claims = peek(&proof).unwrap().1;
        claims.iat += 30;
        parts[1] = b64::encode(serde_json::to_string(&claims).unwrap().as_bytes());
        assert_eq!(
            verify(&parts.join("."), &key.public_jwk(), "GET", HTU, b"", NOW),
            Err(ProofError::BadSignature)
        );
    }

    #[test]
    fn malformed_proofs_are_refused() {
        let (key, id) = setup();
        let k = key.public_jwk();
        // Another typ, signed by the right key.
        let challenge = jws::sign(
            &key,
            crate::TYP_CHALLENGE,
            Kid::Id(&id),
            &json!({
            "htm": "GET", "htu": HTU, "iat": NOW, "jti": b64::encode(&[1u8; 16]),
            "bh": body_hash(b"")}),
        )
        .unwrap();
        assert_eq!(
            verify(&challenge, &k, "GET", HTU, b"", NOW),
            Err(ProofError::Malformed)
        );
        // Right typ, wrong claims: a missing member, an extra member, a jti of the wrong size.
        for payload in [
            json!({"htm": "GET", "htu": HTU, "iat": NOW, "bh": body_hash(b"")}),
            json!({"htm": "GET", "htu": HTU, "iat": NOW, "jti": b64::encode(&[1u8; 16]),
                   "bh": body_hash(b""), "ath": "x"}),
            json!({"htm": "GET", "htu": HTU, "iat": NOW, "jti": "x", "bh": body_hash(b"")}),
            json!({"htm": "GET", "htu": HTU, "iat": "now", "jti": b64::encode(&[1u8; 16]),
                   "bh": body_hash(b"")}),
        ] {
            let p = jws::sign(&key, TYP_PROOF, Kid::Id(&id), &payload).unwrap();
            assert_eq!(
                verify(&p, &k, "GET", HTU, b"", NOW),
                Err(ProofError::Malformed),
                "{payload}"
            );
        }
        assert_eq!(
            verify("garbage", &k, "GET", HTU, b"", NOW),
            Err(ProofError::Malformed)
        );
        assert!(peek("garbage").is_err());
    }

    #[test]
    fn error_codes_and_messages() {
        assert_eq!(ProofError::Stale.code(), "stale");
        assert_eq!(ProofError::WrongBody.to_string(), "proof for another body");
    }
}
