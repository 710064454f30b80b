//! Why an upstream sign-in failed, as values. Every message is safe to log: it never carries a
//! token, a secret or a code, and text that came from the provider is reduced to a short token
//! of safe characters ([`sanitize`]) before it is kept.

/// Why an ID token was refused (OpenID Connect Core 1.0 §3.1.3.7; the item is cited on each).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdTokenError {
    #[error("the ID token is not a well-formed JWS")]
    Malformed,
    /// Item 6/7: only the provider's configured asymmetric algorithms; never `none` or HS*.
    #[error("the ID token's algorithm is not allowed for this provider")]
    AlgorithmNotAllowed,
    /// No key of the provider's JWKS has the token's `kid`, even after one refresh.
    #[error("no key of the provider's key set matches the ID token")]
    UnknownKey,
    /// Item 6: the signature does not verify with the provider's key.
    #[error("the ID token's signature does not verify")]
    BadSignature,
    /// Item 2: `iss` must equal the provider's issuer exactly.
    #[error("the ID token's issuer is not the provider's")]
    WrongIssuer,
    /// Item 3: `aud` must contain our client id.
    #[error("the ID token is not addressed to this client")]
    WrongAudience,
    /// Item 4: several audiences and no `azp`.
    #[error("the ID token has several audiences and no authorized party")]
    MissingAzp,
    /// Item 5: `azp` present and not our client id.
    #[error("the ID token's authorized party is not this client")]
    AzpMismatch,
    /// Item 9: `exp` is past (beyond the leeway).
    #[error("the ID token has expired")]
    Expired,
    /// Item 10: `iat` lies in the future, or too far in the past.
    #[error("the ID token's issue time is not acceptable")]
    BadIssueTime,
    /// Item 11: `nonce` absent or different from the one we sent.
    #[error("the ID token's nonce is not the one sent")]
    NonceMismatch,
    /// Item 12: `acr` was required and is absent.
    #[error("the ID token carries no acr although one was required")]
    AcrMissing,
    /// Item 12: `acr` was required and is not one of the accepted values.
    #[error("the ID token's acr is lower than required")]
    AcrTooLow,
    /// §3.1.3.8: `at_hash` does not match the access token.
    #[error("the ID token's at_hash does not match the access token")]
    AtHashMismatch,
    /// A claim the validation needs (`sub`, `iss`, `aud`, `exp`, `iat`) is missing or mistyped.
    #[error("the ID token lacks the claim {0}")]
    MissingClaim(&'static str),
}

/// Everything that can go wrong between the authorization redirect and the mapped identity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamError {
    /// The `[[upstream]]` entry is unusable; the text says which field and why.
    #[error("upstream configuration: {0}")]
    Config(String),
    /// The network call failed (DNS, TCP, TLS trust, timeout, over-long answer).
    #[error("{what} could not be fetched: {cause}")]
    Fetch { what: &'static str, cause: String },
    /// The provider answered with an unexpected HTTP status.
    #[error("{what} answered HTTP {status}")]
    Status { what: &'static str, status: u16 },
    /// The provider's document does not parse or lacks a required member.
    #[error("{what} is not usable: {why}")]
    BadDocument {
        what: &'static str,
        why: &'static str,
    },
    /// OpenID Connect Discovery 1.0 §4.3: the document's `issuer` is not the configured one.
    #[error("the discovery document names another issuer")]
    IssuerMismatch,
    /// An endpoint is neither `https` nor `http` on a loopback address.
    #[error("the provider's {0} is not an https URL")]
    InsecureEndpoint(&'static str),
    /// The callback's `state` is not the one this browser was given (RFC 6749 §10.12).
    #[error("the callback's state does not match the login attempt")]
    StateMismatch,
    /// The login attempt is older than [`crate::PENDING_LIFETIME`].
    #[error("the login attempt has expired")]
    LoginExpired,
    /// The attempt was started for another provider.
    #[error("the login attempt belongs to another provider")]
    WrongProvider,
    /// RFC 9207: the callback's `iss` is not the provider's issuer (mix-up attack).
    #[error("the callback names another issuer")]
    CallbackIssuerMismatch,
    /// The provider sent the user back with an error (RFC 6749 §4.1.2.1); `code` is sanitized.
    #[error("the provider refused the authorization: {code}")]
    Denied { code: String },
    /// The callback carries neither a code nor an error.
    #[error("the callback carries no authorization code")]
    MissingCode,
    /// The token endpoint refused the code (RFC 6749 §5.2); `code` is sanitized.
    #[error("the token endpoint refused the code: {code}")]
    TokenRefused { code: String },
    /// An OpenID Connect provider's token response carries no `id_token` (OIDC Core §3.1.3.3).
    #[error("the token response carries no ID token")]
    NoIdToken,
    #[error(transparent)]
    IdToken(#[from] IdTokenError),
    /// OIDC Core §5.3.2: the user-info `sub` differs from the ID token's.
    #[error("the user-info answer is about another subject")]
    UserinfoSubjectMismatch,
    /// The user-info answer has no usable subject identifier.
    #[error("the user-info answer carries no subject")]
    NoSubject,
    /// The Apple client secret could not be made.
    #[error("the client secret JWT could not be signed: {0}")]
    ClientSecret(String),
}

/// A provider-supplied error code reduced to what is safe in a log line and a page: at most 64
/// characters of `A-Z a-z 0-9 _ - .`; anything else reads `unspecified`.
pub fn sanitize(value: &str) -> String {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if ok {
        value.to_owned()
    } else {
        "unspecified".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_text_is_reduced_to_a_safe_token() {
        assert_eq!(sanitize("access_denied"), "access_denied");
        assert_eq!(sanitize("invalid_grant"), "invalid_grant");
        assert_eq!(sanitize(""), "unspecified");
        assert_eq!(sanitize("bad\nline"), "unspecified");
        assert_eq!(sanitize("<script>"), "unspecified");
        assert_eq!(sanitize(&"a".repeat(65)), "unspecified");
    }
}
