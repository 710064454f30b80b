//! Limen as a relying party of upstream identity providers (issue 19): users sign in at Google,
//! Microsoft Entra ID, Apple, an organisation's own OpenID Connect provider, or the plain OAuth 2
//! providers GitHub and Facebook, and come back with an [`UpstreamIdentity`].
//!
//! Layout:
//! - [`provider`]: one `[[upstream]]` entry and its checks; [`presets`]: the known providers;
//! - [`discovery`]: OpenID Connect Discovery 1.0 §4;
//! - [`authorize`]: the authorization request with `state`, `nonce` and PKCE (RFC 7636);
//! - [`id_token`]: ID token validation (OIDC Core §3.1.3.7);
//! - [`identity`]: claims mapped onto an identity;
//! - [`client`]: [`UpstreamClient`], which ties them together with caches;
//! - [`fetch`]: the network, behind the [`Fetch`] trait.
//!
//! This crate never links accounts: an upstream identity is keyed by issuer and subject, and an
//! e-mail address — verified or not — is only an attribute. It builds no HTTP client: the
//! caller's (Limen's `[http_client]` one: its roots, timeouts, no redirects) is wrapped in
//! [`ReqwestFetch`].

pub mod authorize;
pub mod client;
pub mod discovery;
mod error;
pub mod fetch;
pub mod id_token;
pub mod identity;
pub mod presets;
pub mod provider;

pub use authorize::{AuthOptions, PENDING_LIFETIME, PendingLogin, pkce_challenge};
pub use client::{Callback, KEY_REFRESH_INTERVAL, UpstreamClient};
pub use discovery::Endpoints;
pub use error::{IdTokenError, UpstreamError, sanitize};
pub use fetch::{Fetch, HttpRequest, HttpResponse, ReqwestFetch};
pub use id_token::Expectations;
pub use identity::UpstreamIdentity;
pub use provider::{ClaimMapping, IssuerRule, Kind, Provider, Secret, TokenAuth, UserinfoMapper};
