//! Passwordless sign-in with a passkey, from the identifier page: a discoverable credential
//! names its account (credential ID, checked against the returned user handle); user
//! verification is required, so the proof is two factors (possession and PIN/biometrics):
//! `PASSWORD_WEBAUTHN`.

use super::{Assertion, CeremonyError, WebauthnFactor};
use crate::transaction::purpose;
use crate::{AuthEvent, Authn, AuthnError, Client, Refusal, Refused, Requirement, Step};
use limen_core::policy::MethodStatus;
use limen_core::{Method, Strength};

/// The answer to a request for a passwordless challenge.
pub enum PasskeyStart {
    /// WebAuthn is not wired or not live.
    Unavailable,
    /// Too many challenges from this client address this hour.
    TooMany,
    Started {
        tx: String,
        options: serde_json::Value,
    },
}

impl Authn {
    /// A passwordless challenge for the sign-in page's script.
    pub async fn passkey_start(&self, client: &Client<'_>) -> Result<PasskeyStart, AuthnError> {
        let Some(factor) = self
            .factor_as::<WebauthnFactor>(Method::Webauthn)
            .filter(|_| self.is_live(Method::Webauthn))
        else {
            return Ok(PasskeyStart::Unavailable);
        };
        // Each challenge is a row until it expires: bounded per client address.
        let asked = self
            .store()
            .throttle_fail(
                &format!("passkey-ip:{}", client.ip),
                self.now(),
                time::Duration::hours(1),
            )
            .await?;
        if asked > factor.passwordless_per_client_per_hour {
            return Ok(PasskeyStart::TooMany);
        }
        let (options, verifier) = factor.relying_party().start_passwordless()?;
        let tx = self
            .keep(purpose::PASSWORDLESS, None, None, verifier)
            .await?;
        Ok(PasskeyStart::Started { tx, options })
    }

    /// The browser's answer to a passwordless challenge.
    pub async fn passkey_finish(
        &self,
        req: &Requirement,
        tx: &str,
        credential: &str,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        let refuse = |e: CeremonyError| Ok(Step::Refused(Refusal::Factor(Refused::from(e))));
        let Some(factor) = self.factor_as::<WebauthnFactor>(Method::Webauthn) else {
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        };
        if !self.accepts(req, Strength::PasswordWebauthn) {
            return refuse(CeremonyError::Refused("not accepted here".into()));
        }
        let Some(t) = self.take(tx, purpose::PASSWORDLESS).await? else {
            return refuse(CeremonyError::Expired);
        };
        let assertion = match Assertion::parse(credential) {
            Ok(a) => a,
            Err(e) => return refuse(e),
        };
        let Some(key) = self
            .store()
            .webauthn_credential_by_credential_id(&assertion.credential_id())
            .await?
        else {
            let event = AuthEvent::PasskeyLoginFailure {
                reason: "unknown key".into(),
            };
            self.audit(event, None, client.ip).await;
            return refuse(CeremonyError::UnknownCredential);
        };
        let Some(account) = self.active_account(Some(key.account_id)).await? else {
            return refuse(CeremonyError::UnknownCredential);
        };
        // §7.2 step 6: without a prior identification, the user handle must be present;
        // `verify_key` checks that it names the credential's owner.
        if assertion.user_handle().is_none() {
            return refuse(CeremonyError::OtherAccount);
        }
        match factor
            .verify_key(self, &account, &key, &assertion, &t.state)
            .await?
        {
            Ok(true) => {}
            Ok(false) => return refuse(CeremonyError::NotVerified),
            Err(e) => {
                let event = AuthEvent::PasskeyLoginFailure {
                    reason: format!("{e:?}"),
                };
                self.audit(event, Some(account.id), client.ip).await;
                return refuse(e);
            }
        }
        // The operator's rule for this account's user type (`[methods.webauthn] user_types`):
        // `accepts` above only knows whether the method is live for everyone. A key registered
        // before the rule must not sign in an account the method is not for.
        if self
            .policy()
            .status(Method::Webauthn, account.user_type, self.now().date())
            != MethodStatus::Usable
        {
            let event = AuthEvent::PasskeyLoginFailure {
                reason: "not for this user type".into(),
            };
            self.audit(event, Some(account.id), client.ip).await;
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        }
        self.audit(AuthEvent::PasskeyLoginSuccess, Some(account.id), client.ip)
            .await;
        let signed_in = self
            .sign_in_with_device(
                &account,
                &[Strength::PasswordWebauthn],
                Some(&limen_core::ProofDevice {
                    id: key.id.to_string(),
                    kind: key.kind.clone(),
                    name: key.name.clone(),
                    level: None,
                }),
                client,
            )
            .await?;
        Ok(Step::SignedIn(signed_in))
    }
}
