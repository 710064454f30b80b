//! ID token validation, OpenID Connect Core 1.0 §3.1.3.7 (the item numbers below are that
//! section's), plus `at_hash` (§3.1.3.8). Pure: the key set and the time are given; fetching and
//! refreshing keys is [`crate::UpstreamClient`]'s job. Item 1 (decryption) does not apply: we
//! never register for encrypted ID tokens.

use crate::IdTokenError;
use crate::provider::Provider;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use sha2::Digest;

/// Clock skew tolerated on `exp` and `iat`, in seconds.
pub const LEEWAY: i64 = 60;

/// An ID token issued longer ago than this is refused (item 10 leaves the bound to the client):
/// the token comes straight from the token endpoint, so it should be seconds old.
pub const MAX_TOKEN_AGE: i64 = 60 * 60;

/// The JOSE header members we read (RFC 7515 §4.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub alg: String,
    pub kid: Option<String>,
}

/// Reads the header and refuses an algorithm the provider does not allow (items 6–7). Done by
/// hand rather than by jsonwebtoken, whose header type cannot even represent `none`, so that
/// `none` is refused by name like any other.
pub(crate) fn read_header(token: &str, provider: &Provider) -> Result<Header, IdTokenError> {
    let mut parts = token.split('.');
    let (Some(h), Some(_), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(IdTokenError::Malformed);
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(h)
        .map_err(|_| IdTokenError::Malformed)?;
    let header: Map<String, Value> =
        serde_json::from_slice(&bytes).map_err(|_| IdTokenError::Malformed)?;
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .ok_or(IdTokenError::Malformed)?;
    if !provider.id_token_algs.iter().any(|a| a == alg)
        || !crate::provider::ASYMMETRIC_ALGS.contains(&alg)
    {
        return Err(IdTokenError::AlgorithmNotAllowed);
    }
    // RFC 7515 §4.1.11: a critical extension we do not understand makes the JWS invalid.
    if header.contains_key("crit") {
        return Err(IdTokenError::Malformed);
    }
    Ok(Header {
        alg: alg.to_owned(),
        kid: header.get("kid").and_then(Value::as_str).map(str::to_owned),
    })
}

/// The keys of a JWKS document (RFC 7517 §5) that may have signed a token with this header:
/// the same `kid` when the token names one, not marked for encryption, and of the token's `alg`
/// when the key names one. Keys jsonwebtoken cannot read are skipped, not fatal: a provider may
/// publish key types we do not use.
pub(crate) fn candidate_keys(jwks: &Value, header: &Header) -> Vec<jsonwebtoken::jwk::Jwk> {
    let Some(keys) = jwks.get("keys").and_then(Value::as_array) else {
        return Vec::new();
    };
    keys.iter()
        .filter(|k| match &header.kid {
            Some(kid) => k.get("kid").and_then(Value::as_str) == Some(kid.as_str()),
            None => true,
        })
        .filter(|k| k.get("use").and_then(Value::as_str) != Some("enc"))
        .filter(|k| match k.get("alg").and_then(Value::as_str) {
            Some(alg) => alg == header.alg,
            None => true,
        })
        .filter_map(|k| serde_json::from_value(k.clone()).ok())
        .collect()
}

/// What this login expects of the token.
#[derive(Debug, Clone, Copy)]
pub struct Expectations<'a> {
    pub nonce: &'a str,
    pub acr_values: &'a [String],
    pub require_acr: bool,
    /// The access token of the same response, for `at_hash`.
    pub access_token: Option<&'a str>,
}

/// Verifies the signature with one of `keys` and every claim rule; returns the claims.
pub(crate) fn verify(
    token: &str,
    header: &Header,
    keys: &[jsonwebtoken::jwk::Jwk],
    provider: &Provider,
    expect: &Expectations<'_>,
    now: i64,
) -> Result<Map<String, Value>, IdTokenError> {
    let alg: jsonwebtoken::Algorithm = header
        .alg
        .parse()
        .map_err(|_| IdTokenError::AlgorithmNotAllowed)?;
    let mut validation = jsonwebtoken::Validation::new(alg);
    // The claims are checked below, with our clock and typed refusals.
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let mut claims = None;
    for jwk in keys {
        let Ok(key) = jsonwebtoken::DecodingKey::from_jwk(jwk) else {
            continue;
        };
        match jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation) {
            Ok(data) => {
                claims = Some(data.claims);
                break;
            }
            // A key of another family (an RSA key for an ES256 token): try the next.
            Err(e) if *e.kind() == jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => {}
            Err(e) if *e.kind() == jsonwebtoken::errors::ErrorKind::InvalidSignature => {}
            Err(_) => return Err(IdTokenError::Malformed),
        }
    }
    let claims = claims.ok_or(IdTokenError::BadSignature)?;
    check_claims(&claims, &header.alg, provider, expect, now)?;
    Ok(claims)
}

fn number(claims: &Map<String, Value>, name: &'static str) -> Result<i64, IdTokenError> {
    let v = claims.get(name).ok_or(IdTokenError::MissingClaim(name))?;
    // RFC 7519 §2 NumericDate may carry a fraction; whole seconds are enough here.
    v.as_i64()
        .or_else(|| v.as_f64().map(|f| f as i64))
        .ok_or(IdTokenError::MissingClaim(name))
}

fn check_claims(
    claims: &Map<String, Value>,
    alg: &str,
    provider: &Provider,
    expect: &Expectations<'_>,
    now: i64,
) -> Result<(), IdTokenError> {
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    // Item 2.
    let iss = text("iss").ok_or(IdTokenError::MissingClaim("iss"))?;
    if !provider.issuer_matches(iss, text("tid")) {
        return Err(IdTokenError::WrongIssuer);
    }
    // OIDC Core §2: `sub` is required, at most 255 ASCII characters.
    match text("sub") {
        Some(sub) if !sub.is_empty() && sub.len() <= 255 => {}
        _ => return Err(IdTokenError::MissingClaim("sub")),
    }
    // Items 3–5.
    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => return Err(IdTokenError::MissingClaim("aud")),
    };
    if !audiences.contains(&provider.client_id.as_str()) {
        return Err(IdTokenError::WrongAudience);
    }
    match text("azp") {
        Some(azp) if azp != provider.client_id => return Err(IdTokenError::AzpMismatch),
        None if audiences.len() > 1 => return Err(IdTokenError::MissingAzp),
        _ => {}
    }
    // Item 9.
    if now > number(claims, "exp")? + LEEWAY {
        return Err(IdTokenError::Expired);
    }
    // Item 10.
    let iat = number(claims, "iat")?;
    if iat > now + LEEWAY || now - iat > MAX_TOKEN_AGE {
        return Err(IdTokenError::BadIssueTime);
    }
    // Item 11: we always send a nonce, so it must come back unchanged.
    let nonce = text("nonce").unwrap_or_default();
    if !limen_crypto::constant_time_eq(nonce.as_bytes(), expect.nonce.as_bytes()) {
        return Err(IdTokenError::NonceMismatch);
    }
    // Item 12.
    if expect.require_acr {
        let acr = text("acr").ok_or(IdTokenError::AcrMissing)?;
        if !acr_accepted(acr, expect.acr_values, &provider.acr_ladder) {
            return Err(IdTokenError::AcrTooLow);
        }
    }
    // §3.1.3.8 (code flow): `at_hash` is optional; when present it must match.
    if let (Some(at_hash), Some(access_token)) = (text("at_hash"), expect.access_token)
        && !limen_crypto::constant_time_eq(
            at_hash.as_bytes(),
            half_hash(alg, access_token).as_bytes(),
        )
    {
        return Err(IdTokenError::AtHashMismatch);
    }
    Ok(())
}

/// An `acr` satisfies the request when it is one of the requested values, or — when the
/// provider's values have a known order — ranks at or above the weakest requested one.
pub(crate) fn acr_accepted(acr: &str, requested: &[String], ladder: &[String]) -> bool {
    if requested.iter().any(|r| r == acr) {
        return true;
    }
    let rank = |v: &str| ladder.iter().position(|l| l == v);
    let floor = requested.iter().filter_map(|r| rank(r)).min();
    matches!((rank(acr), floor), (Some(r), Some(f)) if r >= f)
}

/// OIDC Core §3.1.3.8 `at_hash`: the left half of the hash of the access token's ASCII, with the
/// hash of the JWS algorithm (SHA-256 for *256, SHA-384, SHA-512; Ed25519's SHA-512 for EdDSA,
/// per OpenID Connect Core 1.0 errata set 2), base64url.
pub(crate) fn half_hash(alg: &str, token: &str) -> String {
    let digest: Vec<u8> = if alg.ends_with("384") {
        sha2::Sha384::digest(token.as_bytes()).to_vec()
    } else if alg.ends_with("512") || alg == "EdDSA" {
        sha2::Sha512::digest(token.as_bytes()).to_vec()
    } else {
        sha2::Sha256::digest(token.as_bytes()).to_vec()
    };
    URL_SAFE_NO_PAD.encode(&digest[..digest.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_hash_matches_the_oidc_core_example() {
        // OIDC Core Appendix A.3 (RS256).
        assert_eq!(
            half_hash("RS256", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
        assert_eq!(half_hash("ES384", "x").len(), 32, "24 bytes in base64url");
        assert_eq!(half_hash("EdDSA", "x").len(), 43, "32 bytes in base64url");
    }

    #[test]
    fn acr_order_is_used_only_when_known() {
        let req = vec!["substantial".to_owned()];
        let ladder: Vec<String> = ["low", "substantial", "high"].map(String::from).to_vec();
        assert!(acr_accepted("substantial", &req, &[]));
        assert!(
            !acr_accepted("high", &req, &[]),
            "unordered: only what was asked"
        );
        assert!(acr_accepted("high", &req, &ladder));
        assert!(!acr_accepted("low", &req, &ladder));
        assert!(!acr_accepted("unknown", &req, &ladder));
    }

    #[test]
    fn headers_are_read_and_bad_algorithms_refused() {
        let p = Provider::new("p", "P", "https://op.example", "c");
        let enc = |h: &str| format!("{}.e30.sig", URL_SAFE_NO_PAD.encode(h));
        assert_eq!(
            read_header(&enc(r#"{"alg":"RS256","kid":"k"}"#), &p),
            Ok(Header {
                alg: "RS256".into(),
                kid: Some("k".into())
            })
        );
        for alg in ["none", "HS256", "HS512", "RS384", "XYZ"] {
            assert_eq!(
                read_header(&enc(&format!(r#"{{"alg":"{alg}"}}"#)), &p),
                Err(IdTokenError::AlgorithmNotAllowed),
                "{alg}"
            );
        }
        assert_eq!(read_header("a.b", &p), Err(IdTokenError::Malformed));
        assert_eq!(read_header("!!.b.c", &p), Err(IdTokenError::Malformed));
        assert_eq!(
            read_header(&enc(r#"{"alg":"RS256","crit":["x"]}"#), &p),
            Err(IdTokenError::Malformed)
        );
    }
}
