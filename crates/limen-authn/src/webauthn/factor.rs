//! Security keys, trusted platforms and passkeys as a second factor: the first implementation
//! of [`SecondFactor`]. Login after the password (or on a step-up), enrolment from My account,
//! removal.

use super::{Assertion, CeremonyError, Kind, RelyingParty, WebauthnConfig, model_name};
use crate::{
    Answer, AuthEvent, Authn, AuthnError, Binding, BoxFuture, Challenge, Device, Enrolment, Issued,
    Refused, SecondFactor, Verified,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use limen_core::{Account, Method};
use limen_store::{NewWebauthnCredential, WebauthnCredential};
use serde::{Deserialize, Serialize};

impl From<CeremonyError> for Refused {
    fn from(e: CeremonyError) -> Self {
        Refused::new(e.message_key(), format!("{e:?}"))
    }
}

/// The WebAuthn second factor, with its relying party.
pub struct WebauthnFactor {
    rp: RelyingParty,
    /// Passwordless challenges (the sign-in page asks for one per view) per client address and
    /// hour: each is a row in the store until it expires.
    pub(crate) passwordless_per_client_per_hour: i64,
}

impl WebauthnFactor {
    pub fn new(config: &WebauthnConfig) -> Result<Self, AuthnError> {
        Ok(Self {
            rp: RelyingParty::new(config)?,
            passwordless_per_client_per_hour: config.passwordless_per_client_per_hour,
        })
    }

    pub fn relying_party(&self) -> &RelyingParty {
        &self.rp
    }

    fn device(k: &WebauthnCredential) -> Device {
        Device {
            id: k.id,
            kind: k.kind.clone(),
            name: k.name.clone(),
            detail: k
                .aaguid
                .as_deref()
                .map(|a| model_name(a).map_or_else(|| a.to_owned(), str::to_owned)),
            created_at: k.created_at,
            last_used_at: k.last_used_at,
            blocked: k.flagged_at.is_some(),
        }
    }

    /// Checks an assertion made with `key` for `account` and records the use. Refuses keys of
    /// other accounts, blocked keys and counter regressions (which block the key). `Ok(true)`
    /// when the user was verified (PIN, biometrics).
    pub(crate) async fn verify_key(
        &self,
        cx: &Authn,
        account: &Account,
        key: &WebauthnCredential,
        assertion: &Assertion,
        verifier: &str,
    ) -> Result<Result<bool, CeremonyError>, AuthnError> {
        if key.account_id != account.id {
            return Ok(Err(CeremonyError::OtherAccount));
        }
        if key.flagged_at.is_some() {
            return Ok(Err(CeremonyError::CounterRegression));
        }
        if let Some(handle) = assertion.user_handle() {
            // §7.2 step 6: a returned user handle must name the key's owner.
            let mine = cx
                .store()
                .webauthn_user_handle(account.id, &new_handle())
                .await?;
            if handle != mine {
                return Ok(Err(CeremonyError::OtherAccount));
            }
        }
        match self.rp.finish_login(assertion, verifier, &key.credential) {
            Ok((updated, user_verified)) => {
                cx.store()
                    .record_webauthn_use(key.id, &updated, cx.now())
                    .await?;
                Ok(Ok(user_verified))
            }
            Err(CeremonyError::CounterRegression) => {
                tracing::warn!(
                    account = account.id,
                    key = key.id,
                    "WebAuthn signature counter went backwards: key flagged"
                );
                cx.store()
                    .flag_webauthn_credential(key.id, cx.now())
                    .await?;
                let event = AuthEvent::CounterRegression {
                    name: key.name.clone(),
                };
                cx.audit(event, Some(account.id), "-").await;
                Ok(Err(CeremonyError::CounterRegression))
            }
            Err(e) => Ok(Err(e)),
        }
    }
}

/// What the engine keeps for a signing ceremony: the verifier's state, marked so that the
/// answer gives the receipt its evidence. A login's verifier state (the verifier's own object,
/// with other members) never reads as one.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SigningCeremony {
    signing: String,
}

/// A fresh user handle: 32 random bytes, base64url (§5.4.3: not personal data).
pub(crate) fn new_handle() -> String {
    limen_crypto::random_token(32)
}

impl SecondFactor for WebauthnFactor {
    fn method(&self) -> Method {
        Method::Webauthn
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn answers_can_be_guessed(&self) -> bool {
        false
    }

    fn devices<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<Device>, AuthnError>> {
        Box::pin(async move {
            Ok(cx
                .store()
                .webauthn_credentials(account.id)
                .await?
                .iter()
                .map(Self::device)
                .collect())
        })
    }

    fn challenge<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        devices: &'a [Device],
        binding: &'a Binding,
        _context: &'a crate::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            // §5.5 allowCredentials: the keys the user may answer with.
            let records: Vec<String> = cx
                .store()
                .webauthn_credentials(account.id)
                .await?
                .into_iter()
                .filter(|k| devices.iter().any(|d| d.id == k.id))
                .map(|k| k.credential)
                .collect();
            if let Binding::Sign(sign) = binding {
                // The key signs the transaction's digest itself (issue 18).
                let (options, ceremony) = self.rp.start_signing(&records, &sign.digest_bytes())?;
                let kept = serde_json::to_string(&SigningCeremony { signing: ceremony })
                    .map_err(|e| AuthnError::Internal(format!("webauthn: {e}")))?;
                return Ok(Ok((Challenge::Webauthn { options }, kept)));
            }
            let (options, verifier) = self.rp.start_login(&records)?;
            Ok(Ok((Challenge::Webauthn { options }, verifier)))
        })
    }

    fn verify<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Verified, Refused>, AuthnError>> {
        Box::pin(async move {
            let Answer::Webauthn(credential) = answer else {
                return Ok(Err(CeremonyError::Malformed.into()));
            };
            let assertion = match Assertion::parse(credential) {
                Ok(a) => a,
                Err(e) => return Ok(Err(e.into())),
            };
            let Some(key) = cx
                .store()
                .webauthn_credential_by_credential_id(&assertion.credential_id())
                .await?
            else {
                return Ok(Err(CeremonyError::UnknownCredential.into()));
            };
            // A signing ceremony's state is marked (its verifier state inside); a login's is
            // the verifier's own.
            let signing = serde_json::from_str::<SigningCeremony>(state).ok();
            let verifier = signing.as_ref().map_or(state, |s| s.signing.as_str());
            // The receipt's evidence: the assertion and the key that made it, taken before
            // the use is recorded. A key without a JWK form cannot give a signature anyone
            // can check: refused rather than signed without it.
            let evidence = match &signing {
                None => None,
                Some(_) => match assertion.evidence(&key.credential) {
                    Some(e) => Some(e),
                    None => {
                        return Ok(Err(Refused::new(
                            "webauthn-error-refused",
                            "the key's public key has no JWK form",
                        )));
                    }
                },
            };
            Ok(self
                .verify_key(cx, account, &key, &assertion, verifier)
                .await?
                .map(|user_verified| Verified {
                    device: key.id,
                    user_verified,
                    evidence,
                })
                .map_err(Refused::from))
        })
    }

    fn enrol_start<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        _context: &'a crate::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let kind = request
                .kind
                .as_deref()
                .and_then(Kind::parse)
                .unwrap_or(Kind::SecurityKey);
            let handle = cx
                .store()
                .webauthn_user_handle(account.id, &new_handle())
                .await?;
            let handle_bytes = URL_SAFE_NO_PAD
                .decode(&handle)
                .map_err(|e| AuthnError::Internal(format!("user handle: {e}")))?;
            // §5.4 excludeCredentials: an authenticator already registered is not registered
            // twice.
            let exclude: Vec<Vec<u8>> = cx
                .store()
                .webauthn_credentials(account.id)
                .await?
                .iter()
                .filter_map(|k| URL_SAFE_NO_PAD.decode(&k.credential_id).ok())
                .collect();
            let (options, verifier) = self.rp.start_registration(
                &handle_bytes,
                account.email.as_str(),
                &account.display_name(),
                kind,
                exclude,
            )?;
            Ok(Ok((Challenge::Webauthn { options }, verifier)))
        })
    }

    fn enrol_finish<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Device, Refused>, AuthnError>> {
        Box::pin(async move {
            let Answer::Webauthn(credential) = answer else {
                return Ok(Err(CeremonyError::Malformed.into()));
            };
            if credential.len() > 64 * 1024 {
                return Ok(Err(CeremonyError::Malformed.into()));
            }
            let kind = request
                .kind
                .as_deref()
                .and_then(Kind::parse)
                .unwrap_or(Kind::SecurityKey);
            let registered = match self.rp.finish_registration(credential, state) {
                Ok(r) => r,
                Err(e) => return Ok(Err(e.into())),
            };
            let now = cx.now();
            let new = NewWebauthnCredential {
                account_id: account.id,
                credential_id: registered.credential_id,
                name: request.name.clone(),
                kind: kind.as_str().to_owned(),
                aaguid: registered.aaguid,
                attestation_format: registered.attestation_format,
                user_verified: registered.user_verified,
                credential: registered.record,
                created_at: now,
            };
            match cx.store().add_webauthn_credential(&new).await {
                Ok(id) => Ok(Ok(Device {
                    id,
                    kind: new.kind,
                    name: new.name,
                    detail: new.aaguid,
                    created_at: now,
                    last_used_at: None,
                    blocked: false,
                })),
                Err(limen_store::StoreError::Duplicate(_)) => {
                    Ok(Err(CeremonyError::AlreadyRegistered.into()))
                }
                Err(e) => Err(e.into()),
            }
        })
    }

    fn rename<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
        name: &'a str,
    ) -> BoxFuture<'a, Result<bool, AuthnError>> {
        Box::pin(async move {
            Ok(cx
                .store()
                .rename_webauthn_credential(account.id, device, name)
                .await?)
        })
    }

    fn remove<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
    ) -> BoxFuture<'a, Result<Option<String>, AuthnError>> {
        Box::pin(async move {
            Ok(cx
                .store()
                .delete_webauthn_credential(account.id, device)
                .await?)
        })
    }

    fn remove_all<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<String>, AuthnError>> {
        Box::pin(async move {
            Ok(cx
                .store()
                .delete_webauthn_credentials_of(account.id)
                .await?)
        })
    }
}
