//! Client authentication at the token, revocation and introspection endpoints.
//!
//! - `client_secret_basic` (RFC 6749 §2.3.1): HTTP Basic with the form-urlencoded id and secret;
//! - `client_secret_post`: `client_id` and `client_secret` in the body;
//! - `private_key_jwt` (OIDC Core §9, RFC 7523 §2.2/§3): a JWT signed with one of the client's
//!   registered keys, `iss` = `sub` = client id, `aud` the token endpoint (or the issuer), short
//!   `exp`, single-use `jti`;
//! - `none`: a public client names itself with `client_id` and proves nothing (PKCE does).
//!
//! A request must use one method only (RFC 6749 §2.3), and the method must be the client's.

use crate::OAuthError;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use limen_core::oidc::{OidcClient, TokenAuthMethod};
use serde::Deserialize;

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The credentials a request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presented {
    Basic {
        client_id: String,
        secret: String,
    },
    Post {
        client_id: String,
        secret: String,
    },
    Assertion {
        client_id: String,
        assertion: String,
    },
    None {
        client_id: String,
    },
}

impl Presented {
    pub fn client_id(&self) -> &str {
        match self {
            Presented::Basic { client_id, .. }
            | Presented::Post { client_id, .. }
            | Presented::Assertion { client_id, .. }
            | Presented::None { client_id } => client_id,
        }
    }

    pub fn method(&self) -> TokenAuthMethod {
        match self {
            Presented::Basic { .. } => TokenAuthMethod::ClientSecretBasic,
            Presented::Post { .. } => TokenAuthMethod::ClientSecretPost,
            Presented::Assertion { .. } => TokenAuthMethod::PrivateKeyJwt,
            Presented::None { .. } => TokenAuthMethod::None,
        }
    }
}

/// The body fields involved in client authentication.
#[derive(Debug, Default, Clone)]
pub struct ClientFields {
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub client_assertion_type: Option<String>,
    pub client_assertion: Option<String>,
}

impl ClientFields {
    pub fn from_params(p: &crate::Params) -> ClientFields {
        ClientFields {
            client_id: p.get("client_id"),
            client_secret: p.get("client_secret"),
            client_assertion_type: p.get("client_assertion_type"),
            client_assertion: p.get("client_assertion"),
        }
    }
}

fn form_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Reads the credentials from the `Authorization` header and the body.
pub fn presented(
    authorization: Option<&str>,
    fields: &ClientFields,
) -> Result<Presented, OAuthError> {
    let some = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(str::to_owned);
    let basic = match authorization {
        // `get`, not `[..6]`: the 6th byte of a non-ASCII value may fall inside a character
        // (a panic, found by fuzzing: docs/FUZZING.md). The web layer passes only visible ASCII
        // (`HeaderValue::to_str`), but this function takes any string.
        Some(h) if h.len() > 6 && h.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("basic ")) => {
            let decoded = STANDARD
                .decode(h[6..].trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| OAuthError::invalid_client("malformed Basic credentials"))?;
            let (id, secret) = decoded
                .split_once(':')
                .ok_or_else(|| OAuthError::invalid_client("malformed Basic credentials"))?;
            Some((form_decode(id), form_decode(secret)))
        }
        _ => None,
    };
    let post_secret = some(&fields.client_secret);
    let assertion = some(&fields.client_assertion);
    let methods = usize::from(basic.is_some())
        + usize::from(post_secret.is_some())
        + usize::from(assertion.is_some());
    if methods > 1 {
        return Err(OAuthError::invalid_request(
            "use exactly one client authentication method",
        ));
    }
    let body_id = some(&fields.client_id);
    if let Some((client_id, secret)) = basic {
        if body_id.as_ref().is_some_and(|b| *b != client_id) {
            return Err(OAuthError::invalid_request(
                "client_id differs from the Basic credentials",
            ));
        }
        return Ok(Presented::Basic { client_id, secret });
    }
    if let Some(secret) = post_secret {
        let client_id =
            body_id.ok_or_else(|| OAuthError::invalid_client("client_id is missing"))?;
        return Ok(Presented::Post { client_id, secret });
    }
    if let Some(assertion) = assertion {
        if fields.client_assertion_type.as_deref() != Some(ASSERTION_TYPE) {
            return Err(OAuthError::invalid_request(format!(
                "client_assertion_type must be {ASSERTION_TYPE}"
            )));
        }
        let client_id = match body_id {
            Some(id) => id,
            None => unverified_issuer(&assertion).ok_or_else(|| {
                OAuthError::invalid_client("the client assertion names no issuer")
            })?,
        };
        return Ok(Presented::Assertion {
            client_id,
            assertion,
        });
    }
    match body_id {
        Some(client_id) => Ok(Presented::None { client_id }),
        None => Err(OAuthError::invalid_client(
            "client authentication is missing",
        )),
    }
}

/// The `iss` of a JWT, read without verification — only to find whose keys verify it.
fn unverified_issuer(jwt: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v.get("iss")?.as_str().map(str::to_owned)
}

/// Checks a secret against the stored SHA-256, in constant time.
pub fn secret_matches(client: &OidcClient, secret: &str) -> bool {
    match &client.secret_hash {
        Some(stored) => limen_crypto::constant_time_eq(
            limen_crypto::sha256_hex(secret.as_bytes()).as_bytes(),
            stored.as_bytes(),
        ),
        None => false,
    }
}

/// What a verified client assertion leaves to check against the store: its `jti`, single-use
/// until `exp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedAssertion {
    pub jti: String,
    pub exp: i64,
}

#[derive(Deserialize)]
struct AssertionClaims {
    iss: String,
    sub: String,
    exp: i64,
    jti: Option<String>,
}

/// Verifies a `private_key_jwt` assertion with the client's JWKS (RFC 7523 §3).
pub fn verify_assertion(
    assertion: &str,
    client: &OidcClient,
    jwks_json: &str,
    audiences: &[&str],
    now: i64,
) -> Result<VerifiedAssertion, OAuthError> {
    let bad = |why: &str| OAuthError::invalid_client(format!("client assertion refused: {why}"));
    let header = jsonwebtoken::decode_header(assertion).map_err(|_| bad("malformed"))?;
    use jsonwebtoken::Algorithm as A;
    if !matches!(
        header.alg,
        A::ES256 | A::ES384 | A::RS256 | A::PS256 | A::EdDSA
    ) {
        return Err(bad("unsupported algorithm"));
    }
    let jwks: jsonwebtoken::jwk::JwkSet =
        serde_json::from_str(jwks_json).map_err(|_| bad("the client's key set does not parse"))?;
    let candidates: Vec<&jsonwebtoken::jwk::Jwk> = match &header.kid {
        Some(kid) => jwks.find(kid).into_iter().collect(),
        None => jwks.keys.iter().collect(),
    };
    let mut validation = jsonwebtoken::Validation::new(header.alg);
    validation.set_audience(audiences);
    validation.set_issuer(&[client.client_id.as_str()]);
    validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
    validation.leeway = 30;
    validation.validate_exp = false; // checked below against our clock
    let mut last = bad("no registered key verifies it");
    for jwk in candidates {
        let Ok(key) = jsonwebtoken::DecodingKey::from_jwk(jwk) else {
            continue;
        };
        match jsonwebtoken::decode::<AssertionClaims>(assertion, &key, &validation) {
            Ok(data) => {
                let c = data.claims;
                if c.sub != client.client_id || c.iss != client.client_id {
                    return Err(bad("iss and sub must be the client id"));
                }
                // Saturating: an `exp` near i64::MAX overflowed here, a panic in debug builds
                // (found by fuzzing: docs/FUZZING.md).
                if c.exp.saturating_add(30) < now {
                    return Err(bad("expired"));
                }
                // RFC 7523 §3 item 4 lets servers refuse an exp far in the future; one hour is
                // the common libraries' default (Authlib), and the jti is kept that long.
                if c.exp > now.saturating_add(3600 + 60) {
                    return Err(bad("exp is too far in the future"));
                }
                let jti = c
                    .jti
                    .filter(|j| !j.is_empty() && j.len() <= 256)
                    .ok_or_else(|| bad("jti is missing"))?;
                return Ok(VerifiedAssertion { jti, exp: c.exp });
            }
            Err(e) => {
                use jsonwebtoken::errors::ErrorKind;
                last = match e.kind() {
                    ErrorKind::InvalidAudience => bad("wrong audience"),
                    ErrorKind::InvalidIssuer => bad("wrong issuer"),
                    ErrorKind::MissingRequiredClaim(_) => bad("a required claim is missing"),
                    _ => bad("no registered key verifies it"),
                };
            }
        }
    }
    Err(last)
}

/// Authenticates a client whose credentials were read by [`presented`]: the method must be the
/// one registered. Assertions are verified by [`verify_assertion`] separately (they need the
/// key set, which may have to be fetched).
pub fn check_method(client: &OidcClient, presented: &Presented) -> Result<(), OAuthError> {
    let method = presented.method();
    // A secret client may use either secret method (OIDC Discovery lists both).
    let compatible =
        method == client.auth_method || (client.auth_method.uses_secret() && method.uses_secret());
    if !compatible {
        return Err(OAuthError::invalid_client(format!(
            "this client must authenticate with {}",
            client.auth_method.as_str()
        )));
    }
    match presented {
        Presented::Basic { secret, .. } | Presented::Post { secret, .. } => {
            if secret_matches(client, secret) {
                Ok(())
            } else {
                Err(OAuthError::invalid_client("client authentication failed"))
            }
        }
        Presented::Assertion { .. } | Presented::None { .. } => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authorize::tests_support::client;
    use limen_core::oidc::JwsAlg;
    use limen_crypto::jose::SigningKey;
    use serde_json::json;

    fn secret_client() -> OidcClient {
        let mut c = client();
        c.secret_hash = Some(limen_crypto::sha256_hex(b"s3cret"));
        c
    }

    fn basic(id: &str, secret: &str) -> String {
        format!("Basic {}", STANDARD.encode(format!("{id}:{secret}")))
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        let p = presented(Some(&basic("rp", "s%3Acr%2Bt")), &ClientFields::default()).unwrap();
        assert_eq!(
            p,
            Presented::Basic {
                client_id: "rp".into(),
                secret: "s:cr+t".into()
            }
        );
    }

    #[test]
    fn secrets_are_checked_and_methods_must_match() {
        let c = secret_client();
        let ok = presented(Some(&basic("rp", "s3cret")), &ClientFields::default()).unwrap();
        assert!(check_method(&c, &ok).is_ok());
        let post = presented(
            None,
            &ClientFields {
                client_id: Some("rp".into()),
                client_secret: Some("s3cret".into()),
                ..ClientFields::default()
            },
        )
        .unwrap();
        assert!(check_method(&c, &post).is_ok());
        let wrong = presented(Some(&basic("rp", "guess")), &ClientFields::default()).unwrap();
        assert_eq!(
            check_method(&c, &wrong).unwrap_err().error,
            "invalid_client"
        );
        let none = presented(
            None,
            &ClientFields {
                client_id: Some("rp".into()),
                ..ClientFields::default()
            },
        )
        .unwrap();
        assert_eq!(check_method(&c, &none).unwrap_err().error, "invalid_client");
        // A public client has no secret to match.
        let mut public = client();
        public.auth_method = TokenAuthMethod::None;
        assert!(check_method(&public, &none).is_ok());
        assert!(check_method(&public, &ok).is_err());
    }

    #[test]
    fn bad_or_doubled_credentials_are_refused() {
        assert_eq!(
            presented(Some("Basic !!!"), &ClientFields::default())
                .unwrap_err()
                .error,
            "invalid_client"
        );
        assert_eq!(
            presented(None, &ClientFields::default()).unwrap_err().error,
            "invalid_client"
        );
        let both = ClientFields {
            client_id: Some("rp".into()),
            client_secret: Some("x".into()),
            ..ClientFields::default()
        };
        assert_eq!(
            presented(Some(&basic("rp", "x")), &both).unwrap_err().error,
            "invalid_request"
        );
        let wrong_type = ClientFields {
            client_assertion: Some("a.b.c".into()),
            client_assertion_type: Some("urn:other".into()),
            ..ClientFields::default()
        };
        assert_eq!(
            presented(None, &wrong_type).unwrap_err().error,
            "invalid_request"
        );
    }

    fn assertion(key: &SigningKey, claims: serde_json::Value) -> String {
        key.sign(&claims, "JWT").unwrap()
    }

    #[test]
    fn private_key_jwt_assertions() {
        let key = SigningKey::generate(JwsAlg::Es256).unwrap();
        let jwks = json!({"keys": [key.public_jwk.clone()]}).to_string();
        let mut c = client();
        c.auth_method = TokenAuthMethod::PrivateKeyJwt;
        let aud = ["https://op.example/oidc/token", "https://op.example"];
        let now = 1_000_000;
        let good = json!({"iss": "rp", "sub": "rp", "aud": aud[0], "exp": now + 60, "jti": "j1"});
        let a = assertion(&key, good.clone());
        let p = presented(
            None,
            &ClientFields {
                client_assertion: Some(a.clone()),
                client_assertion_type: Some(ASSERTION_TYPE.into()),
                ..ClientFields::default()
            },
        )
        .unwrap();
        assert_eq!(p.client_id(), "rp", "found from the unverified iss");
        assert_eq!(
            verify_assertion(&a, &c, &jwks, &aud, now).unwrap(),
            VerifiedAssertion {
                jti: "j1".into(),
                exp: now + 60
            }
        );
        let refused = |claims: serde_json::Value| {
            verify_assertion(&assertion(&key, claims), &c, &jwks, &aud, now)
                .unwrap_err()
                .error
        };
        let mut v = good.clone();
        v["aud"] = json!("https://elsewhere");
        assert_eq!(refused(v), "invalid_client");
        let mut v = good.clone();
        v["exp"] = json!(now - 120);
        assert_eq!(refused(v), "invalid_client");
        let mut v = good.clone();
        v["sub"] = json!("other");
        assert_eq!(refused(v), "invalid_client");
        let mut v = good.clone();
        v.as_object_mut().unwrap().remove("jti");
        assert_eq!(refused(v), "invalid_client");
        // Signed by a key that is not registered.
        let stranger = SigningKey::generate(JwsAlg::Es256).unwrap();
        let forged = assertion(&stranger, good);
        assert!(verify_assertion(&forged, &c, &jwks, &aud, now).is_err());
    }
}
