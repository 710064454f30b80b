//! OAuth 2.0 / OpenID Connect error responses.

use serde::Serialize;

/// An error as the protocol names it: `error` and a human-readable `error_description`
/// (RFC 6749 §5.2; the description never contains secrets or account facts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OAuthError {
    pub error: &'static str,
    pub error_description: String,
}

macro_rules! codes {
    ($($name:ident => $code:literal),* $(,)?) => {
        impl OAuthError {
            $(
                pub fn $name(description: impl Into<String>) -> Self {
                    Self { error: $code, error_description: description.into() }
                }
            )*
        }
    };
}

codes! {
    invalid_request => "invalid_request",
    invalid_client => "invalid_client",
    invalid_grant => "invalid_grant",
    unauthorized_client => "unauthorized_client",
    unsupported_grant_type => "unsupported_grant_type",
    unsupported_response_type => "unsupported_response_type",
    invalid_scope => "invalid_scope",
    access_denied => "access_denied",
    server_error => "server_error",
    login_required => "login_required",
    interaction_required => "interaction_required",
    consent_required => "consent_required",
    request_not_supported => "request_not_supported",
    request_uri_not_supported => "request_uri_not_supported",
    registration_not_supported => "registration_not_supported",
    // OpenID Connect Core Unmet Authentication Requirements 1.0 §3.
    unmet_authentication_requirements => "unmet_authentication_requirements",
    // RFC 6750 §3.1.
    invalid_token => "invalid_token",
    insufficient_scope => "insufficient_scope",
    // RFC 8693 §2.2.2.
    invalid_target => "invalid_target",
}

impl OAuthError {
    /// RFC 6749 §5.2: 401 for client authentication failures, 400 otherwise.
    pub fn token_status(&self) -> u16 {
        if self.error == "invalid_client" {
            401
        } else {
            400
        }
    }
}
