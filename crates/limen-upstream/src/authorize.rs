//! The authorization request we send the browser to (RFC 6749 §4.1.1, OIDC Core §3.1.2.1) and
//! what the caller must keep until the browser comes back ([`PendingLogin`]): the `state` that
//! ties the callback to this browser (RFC 6749 §10.12), the `nonce` that ties the ID token to
//! this request (OIDC Core §15.5.2), and the PKCE verifier that ties the code to us (RFC 7636).

use crate::UpstreamError;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How long a started login may wait for its callback, in seconds: enough to type a password
/// and a second factor at the provider, short enough that a leaked attempt soon dies.
pub const PENDING_LIFETIME: i64 = 15 * 60;

/// Random bytes behind `state`, `nonce` and the PKCE verifier: 32 bytes = 256 bits, base64url
/// = 43 characters, the shortest verifier RFC 7636 §4.1 allows.
const RANDOM_BYTES: usize = 32;

/// RFC 7636 §4.2: `code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))` (method S256; the
/// `plain` method protects nothing once the request leaks, so it is never used).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Optional parts of one authorization request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthOptions {
    /// OIDC Core §3.1.2.1 `prompt` (`login`, `consent`, `select_account`, `none`).
    pub prompt: Option<String>,
    /// OIDC Core §3.1.2.1 `login_hint`.
    pub login_hint: Option<String>,
    /// Replaces the provider's configured `acr_values` for this request (step-up).
    pub acr_values: Option<Vec<String>>,
    /// Replaces the provider's `require_acr` for this request.
    pub require_acr: Option<bool>,
}

/// What the caller keeps (server side, or sealed in a cookie) between the redirect and the
/// callback. Every value in it is secret until the login completes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLogin {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub code_verifier: String,
    pub redirect_uri: String,
    /// The `acr_values` sent, in order of preference.
    pub acr_values: Vec<String>,
    /// Whether the ID token's `acr` must satisfy them.
    pub require_acr: bool,
    /// Unix seconds when the request was made.
    pub created_at: i64,
}

impl std::fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PendingLogin({} at {}, acr {:?})",
            self.provider, self.created_at, self.acr_values
        )
    }
}

impl PendingLogin {
    pub(crate) fn new(
        provider: &str,
        redirect_uri: &str,
        acr_values: Vec<String>,
        require_acr: bool,
        now: i64,
    ) -> Self {
        Self {
            provider: provider.to_owned(),
            state: limen_crypto::random_token(RANDOM_BYTES),
            nonce: limen_crypto::random_token(RANDOM_BYTES),
            code_verifier: limen_crypto::random_token(RANDOM_BYTES),
            redirect_uri: redirect_uri.to_owned(),
            acr_values,
            require_acr,
            created_at: now,
        }
    }

    /// The callback's `state` must be ours (compared in constant time) and the attempt fresh.
    pub fn check_callback_state(&self, state: Option<&str>, now: i64) -> Result<(), UpstreamError> {
        let given = state.unwrap_or_default();
        if !limen_crypto::constant_time_eq(given.as_bytes(), self.state.as_bytes()) {
            return Err(UpstreamError::StateMismatch);
        }
        if now - self.created_at > PENDING_LIFETIME || now < self.created_at - 60 {
            return Err(UpstreamError::LoginExpired);
        }
        Ok(())
    }
}

/// What the caller needs to build the URL.
pub(crate) struct UrlParts<'a> {
    pub endpoint: &'a url::Url,
    pub client_id: &'a str,
    pub scopes: &'a [String],
    pub oidc: bool,
    pub response_mode: Option<&'a str>,
    pub prompt: Option<&'a str>,
    pub login_hint: Option<&'a str>,
}

/// The authorization URL: the endpoint's own query parameters kept (OIDC Core §3.1.2.1 allows
/// them), ours appended.
pub(crate) fn authorization_url(parts: &UrlParts<'_>, pending: &PendingLogin) -> url::Url {
    let mut url = parts.endpoint.clone();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code");
        q.append_pair("client_id", parts.client_id);
        q.append_pair("redirect_uri", &pending.redirect_uri);
        q.append_pair("scope", &parts.scopes.join(" "));
        q.append_pair("state", &pending.state);
        q.append_pair("code_challenge", &pkce_challenge(&pending.code_verifier));
        q.append_pair("code_challenge_method", "S256");
        if parts.oidc {
            q.append_pair("nonce", &pending.nonce);
            if !pending.acr_values.is_empty() {
                q.append_pair("acr_values", &pending.acr_values.join(" "));
            }
        }
        if let Some(mode) = parts.response_mode {
            q.append_pair("response_mode", mode);
        }
        if let Some(prompt) = parts.prompt {
            q.append_pair("prompt", prompt);
        }
        if let Some(hint) = parts.login_hint {
            q.append_pair("login_hint", hint);
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b_vector() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn pending_values_are_fresh_and_well_formed() {
        let a = PendingLogin::new("p", "https://sso.example/cb", vec![], false, 1000);
        let b = PendingLogin::new("p", "https://sso.example/cb", vec![], false, 1000);
        assert_ne!(a.state, b.state);
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.code_verifier, b.code_verifier);
        assert_ne!(a.state, a.nonce);
        // RFC 7636 §4.1: 43–128 characters of the unreserved set.
        assert_eq!(a.code_verifier.len(), 43);
        assert!(
            a.code_verifier
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert!(
            !format!("{a:?}").contains(&a.state),
            "Debug hides the secrets"
        );
    }

    #[test]
    fn the_callback_state_must_match_and_be_fresh() {
        let p = PendingLogin::new("p", "https://sso.example/cb", vec![], false, 1000);
        assert_eq!(p.check_callback_state(Some(&p.state), 1001), Ok(()));
        assert_eq!(
            p.check_callback_state(Some("other"), 1001),
            Err(UpstreamError::StateMismatch)
        );
        assert_eq!(
            p.check_callback_state(None, 1001),
            Err(UpstreamError::StateMismatch)
        );
        assert_eq!(
            p.check_callback_state(Some(&p.state), 1000 + PENDING_LIFETIME + 1),
            Err(UpstreamError::LoginExpired)
        );
    }
}
