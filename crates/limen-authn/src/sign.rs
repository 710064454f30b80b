//! Transaction signing (issue 18): what a service asks a user to confirm, in the one canonical
//! form every method binds its proof to, and the engine's entry to a signature.
//!
//! The transaction data is a JSON object — the request's id, the service's name, the title and
//! the fields in order — and its **digest** is `B64URL(SHA-256(JCS(data)))`, JCS being RFC 8785.
//! Each method binds to it (what-you-see-is-what-you-sign):
//!
//! - the mobile app shows the data and approves the hash of what it showed (push), or derives its
//!   offline code from it (docs/MOBILE-PROTOCOL.md);
//! - an OCRA token's question is derived from it (RFC 6287 §7.3, the signature modes);
//! - an SMS names the transaction and the code is kept for this signature only;
//! - WebAuthn signs it as the challenge (W3C WebAuthn Level 2 §13.4.3: the relying party chooses
//!   the challenge; the request id inside the data makes it unique).
//!
//! The request id in the data makes every digest unique, so no proof for one request is one for
//! another.

use crate::flow::{Continuing, Step};
use crate::{Authn, AuthnError, Binding, Client, Context, PasswordOutcome, Refusal};
use limen_core::{Account, Method};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The methods that can bind a proof to the data; the password alone, a TOTP/HOTP token (its
/// code does not depend on a challenge) and On Mobile (no password, same screen) cannot.
pub const SIGNING_METHODS: [Method; 5] = [
    Method::MobileApp,
    Method::SoftwareToken,
    Method::TokenCram,
    Method::Sms,
    Method::Webauthn,
];

/// One line of a transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignField {
    pub label: String,
    pub value: String,
    /// The user must type the value again in the mobile app (seed 003, DG CLIMA's registry),
    /// which checks it against `pattern`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retype: bool,
    /// A regular expression the retyped value must match (whole value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// What a signing challenge is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignBinding {
    /// The signature request's id.
    pub request: String,
    /// The service's name, as the user sees it ("Requested by …").
    pub service: String,
    pub title: String,
    pub fields: Vec<SignField>,
    /// `B64URL(SHA-256(JCS(data)))`.
    pub digest: String,
}

impl SignBinding {
    pub fn new(request: &str, service: &str, title: &str, fields: Vec<SignField>) -> Self {
        let mut b = Self {
            request: request.to_owned(),
            service: service.to_owned(),
            title: title.to_owned(),
            fields,
            digest: String::new(),
        };
        b.digest = limen_crypto::b64url(&b.digest_bytes());
        b
    }

    /// The transaction data, as signed: `{"id", "service", "title", "fields": [{"label",
    /// "value", "retype"?, "pattern"?}]}`.
    pub fn data(&self) -> Value {
        json!({
            "id": self.request,
            "service": self.service,
            "title": self.title,
            "fields": self.fields,
        })
    }

    /// `JCS(data)` (RFC 8785), as text.
    pub fn canonical(&self) -> String {
        // The data holds only strings and booleans: canonicalisation cannot fail.
        let bytes = limen_mobile::jcs::canonical(&self.data()).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// SHA-256 of [`SignBinding::canonical`].
    pub fn digest_bytes(&self) -> [u8; 32] {
        limen_crypto::sha256(self.canonical().as_bytes())
    }

    /// Whether the digest is that of the data (nothing changed in transit or in the store).
    pub fn intact(&self) -> bool {
        limen_crypto::b64url(&self.digest_bytes()) == self.digest
    }
}

/// A signature made: who, with what, and the device's own evidence where it has one.
#[derive(Debug)]
pub struct Signed {
    pub account: Account,
    pub method: Method,
    pub binding: SignBinding,
    pub device: Option<limen_core::ProofDevice>,
    /// The device's own signature over the data (a WebAuthn assertion, the mobile app's signed
    /// approval), as the receipt carries it.
    pub evidence: Option<Value>,
}

impl Authn {
    /// Starts a signature: the named account's password, then `method`'s challenge bound to
    /// `binding`. Never signs anyone in: the answer gives [`Step::Signed`], not a session.
    pub async fn sign_start(
        &self,
        account: &Account,
        method: Method,
        password: &str,
        binding: SignBinding,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        if !SIGNING_METHODS.contains(&method)
            || !self.is_live(method)
            || !self
                .registered_methods(Some(account))
                .await?
                .contains(&method)
        {
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        }
        if password.is_empty() {
            return Ok(Step::Refused(Refusal::PasswordEmpty));
        }
        let account = match self
            .check_password_of(&account.email, Some(account.clone()), password, client.ip)
            .await?
        {
            PasswordOutcome::Success(a) => a,
            // As at login: an expired password is changed before anything else.
            PasswordOutcome::Expired(a) => return Ok(Step::PasswordExpired(a)),
            PasswordOutcome::Invalid => return Ok(Step::Refused(Refusal::Credentials)),
            PasswordOutcome::Throttled { until } => {
                return Ok(Step::Refused(Refusal::Throttled { until }));
            }
            PasswordOutcome::Locked => return Ok(Step::Refused(Refusal::Locked)),
        };
        let from = Continuing {
            password_verified: true,
            session_id: None,
            attempts: 0,
            context: Context {
                service: binding.service.clone(),
                ip: client.ip.to_owned(),
                user_agent: client.user_agent.to_owned(),
            },
            binding: Binding::Sign(Box::new(binding)),
        };
        self.start_factor(&account, method, from, None, true).await
    }
}

impl Authn {
    /// The device chosen for a signature's challenge.
    pub async fn sign_choose(
        &self,
        tx: &str,
        device: Option<i64>,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        self.choose_device_for(tx, device, client, true).await
    }

    /// The answer to a signature's challenge: [`Step::Signed`] when right.
    pub async fn sign_answer(
        &self,
        tx: &str,
        answer: &crate::Answer,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        self.answer_for(tx, answer, client, true).await
    }

    /// "Send the code again" for a signature's SMS.
    pub async fn sign_resend(&self, tx: &str, client: &Client<'_>) -> Result<Step, AuthnError> {
        self.resend_for(tx, client, true).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(label: &str, value: &str) -> SignField {
        SignField {
            label: label.into(),
            value: value.into(),
            retype: false,
            pattern: None,
        }
    }

    #[test]
    fn the_data_is_canonical_and_its_digest_checks() {
        let b = SignBinding::new(
            "r1",
            "Registry",
            "Transfer",
            vec![
                field("Amount", "100 EUR"),
                SignField {
                    label: "To".into(),
                    value: "EU-100-2".into(),
                    retype: true,
                    pattern: Some("^EU-[0-9]+-[0-9]+$".into()),
                },
            ],
        );
        assert_eq!(
            b.canonical(),
            r#"{"fields":[{"label":"Amount","value":"100 EUR"},{"label":"To","pattern":"^EU-[0-9]+-[0-9]+$","retype":true,"value":"EU-100-2"}],"id":"r1","service":"Registry","title":"Transfer"}"#
        );
        assert!(b.intact());
        assert_eq!(b.digest.len(), 43);
        let mut changed = b.clone();
        changed.fields[0].value = "1000 EUR".into();
        assert!(
            !changed.intact(),
            "a changed value no longer matches its digest"
        );
        let other = SignBinding::new("r2", "Registry", "Transfer", b.fields.clone());
        assert_ne!(
            other.digest, b.digest,
            "the request id makes each digest unique"
        );
    }
}
