//! The OpenID Connect provider's protocol, free of HTTP and storage: what a request means, whether
//! it is acceptable, and what the answers contain. `limen-web` wires it to axum and the store.
//!
//! - [`error`]: the error codes of RFC 6749 §4.1.2.1/§5.2 and OIDC Core §3.1.2.6;
//! - [`authorize`]: authorization request validation (OIDC Core §3.1.2.1–§3.1.2.2, RFC 7636);
//! - [`pkce`]: PKCE S256 (RFC 7636 §4.6);
//! - [`client_auth`]: token endpoint client authentication (RFC 6749 §2.3, RFC 7523);
//! - [`claims`]: ID token, userinfo and logout token contents, pairwise subjects;
//! - [`discovery`]: the provider metadata (OpenID Connect Discovery 1.0 §3).

pub mod authorize;
pub mod claims;
pub mod client_auth;
pub mod discovery;
pub mod error;
pub mod pkce;

pub use error::OAuthError;

/// Parameters of a request (query string or form body), each at most once: RFC 6749 §3.1/§3.2
/// ("parameters MUST NOT be included more than once"). Empty values count as absent.
#[derive(Debug, Default, Clone)]
pub struct Params {
    map: std::collections::HashMap<String, String>,
    /// Names that appeared more than once.
    pub repeated: Vec<String>,
}

impl Params {
    pub fn parse(raw: &[u8]) -> Params {
        let mut p = Params::default();
        for (k, v) in url::form_urlencoded::parse(raw) {
            if p.map.contains_key(k.as_ref()) {
                if !p.repeated.iter().any(|r| r == k.as_ref()) {
                    p.repeated.push(k.into_owned());
                }
                continue;
            }
            p.map.insert(k.into_owned(), v.into_owned());
        }
        p
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.map.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// Whether `name` was repeated.
    pub fn is_repeated(&self, name: &str) -> bool {
        self.repeated.iter().any(|r| r == name)
    }

    /// The error for repeated parameters, if any.
    pub fn repetition_error(&self) -> Option<OAuthError> {
        self.repeated
            .first()
            .map(|name| OAuthError::invalid_request(format!("the parameter {name} is repeated")))
    }
}

#[cfg(test)]
mod params_tests {
    use super::Params;

    #[test]
    fn repeated_parameters_are_noticed() {
        let p = Params::parse(b"a=1&b=&a=2&c=x%20y");
        assert_eq!(p.get("a").as_deref(), Some("1"));
        assert_eq!(p.get("b"), None);
        assert_eq!(p.get("c").as_deref(), Some("x y"));
        assert!(p.is_repeated("a"));
        assert_eq!(p.repetition_error().unwrap().error, "invalid_request");
        assert!(Params::parse(b"a=1").repetition_error().is_none());
    }
}
