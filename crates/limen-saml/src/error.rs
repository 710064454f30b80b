//! The one error type. `Display` is written for the audit log: it names the precise reason. The
//! page a user sees must not show it (FEDERATION.md §5.3: one generic refusal to the outside).

/// Why a message was refused or could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SamlError {
    /// Not base64, not UTF-8, not well-formed XML, a DTD, or not the expected structure.
    #[error("malformed SAML message: {0}")]
    Malformed(String),
    /// Over the size or depth limit, a comment or a processing instruction, a duplicated ID
    /// (FEDERATION.md §5.3 steps 1–2).
    #[error("SAML message refused by the parser guard: {0}")]
    Guard(String),
    /// The XML signature is missing, misplaced, does not reference the root, or does not verify.
    #[error("SAML signature refused: {0}")]
    Signature(String),
    /// An algorithm outside the allowlist (SHA-1, PKCS#1 v1.5 without opt-in, rsa-1_5, CBC…).
    #[error("SAML algorithm refused: {0}")]
    Algorithm(String),
    /// The encrypted assertion could not be decrypted. Deliberately without detail: a padding or
    /// tag failure must not be told apart from a wrong key (XML Enc 1.1 §5.5, no oracle).
    #[error("SAML encrypted assertion could not be decrypted")]
    Decryption,
    /// The identity provider answered with a status other than Success (SAML Core §3.2.2.2).
    #[error("SAML status {code}{}{}",
        .second.as_deref().map(|s| format!(" / {s}")).unwrap_or_default(),
        .message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Status {
        code: String,
        second: Option<String>,
        message: Option<String>,
    },
    /// Destination, Recipient, Issuer, Audience or InResponseTo does not match.
    #[error("SAML {what} mismatch: expected {expected:?}, found {found:?}")]
    Mismatch {
        what: &'static str,
        expected: String,
        found: String,
    },
    /// IssueInstant, NotBefore or NotOnOrAfter outside the allowed window.
    #[error("SAML time check failed: {0}")]
    Time(String),
    /// The returned level of assurance is missing, low, not notified, or below the request.
    #[error("SAML level of assurance refused: {0}")]
    LevelOfAssurance(String),
    /// A mandatory eIDAS attribute is missing, multi-valued or malformed, or the
    /// PersonIdentifier's countries are not acceptable.
    #[error("eIDAS attribute refused: {0}")]
    Attribute(String),
    /// A key or certificate (ours or a pinned one) cannot be used.
    #[error("SAML key: {0}")]
    Key(String),
    /// The configuration cannot produce a valid message (bad URL, RelayState too long…).
    #[error("SAML configuration: {0}")]
    Config(String),
}

impl SamlError {
    /// The top-level `StatusCode` of a non-Success response, for the audit log and the page that
    /// says the eID login failed; `None` for every other refusal.
    pub fn status_code(&self) -> Option<&str> {
        match self {
            SamlError::Status { code, .. } => Some(code),
            _ => None,
        }
    }

    pub(crate) fn malformed(msg: impl Into<String>) -> Self {
        SamlError::Malformed(msg.into())
    }

    pub(crate) fn signature(msg: impl Into<String>) -> Self {
        SamlError::Signature(msg.into())
    }

    pub(crate) fn algorithm(msg: impl Into<String>) -> Self {
        SamlError::Algorithm(msg.into())
    }
}
