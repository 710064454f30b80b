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
