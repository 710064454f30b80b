//! `sms` ("Mobile Phone + SMS") as a [`SecondFactor`].
//!
//! Login: the account's numbers are its devices; with several the user clicks one (shown
//! masked), a code goes to it, the user types it. A wrong answer shows the same page for the
//! same code ([`SecondFactor::again`]); "send again" asks for a new one, within the limits
//! ([`SecondFactor::resend`]). My account: a typed number, a code sent to it, typed back.

use super::number::{self, Number};
use super::{Sms, SmsPurpose};
use crate::{
    Answer, Authn, AuthnError, Binding, BoxFuture, Challenge, Context, Device, Enrolment, Issued,
    Refused, SecondFactor, Verified,
};
use limen_core::{Account, Method};
use limen_store::Phone;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub struct SmsFactor {
    sms: Arc<Sms>,
}

/// What the engine keeps between a code sent and its answer.
#[derive(Debug, Serialize, Deserialize)]
struct State {
    /// The code's id in the store.
    code: String,
    /// The number it went to (E.164), and its id once it is the account's.
    to: String,
    #[serde(default)]
    phone: Option<i64>,
    /// Adding a number: its country.
    #[serde(default)]
    country: Option<String>,
    /// The SMS's id in the outbox.
    #[serde(default)]
    outbox: Option<i64>,
    /// What the code was sent for: it answers for that only.
    #[serde(default)]
    purpose: SmsPurpose,
}

impl SmsFactor {
    pub fn new(sms: Arc<Sms>) -> Self {
        Self { sms }
    }

    pub fn sms(&self) -> &Arc<Sms> {
        &self.sms
    }

    fn device(p: &Phone) -> Device {
        Device {
            id: p.id,
            kind: "mobile_phone".into(),
            name: p.label.clone(),
            detail: Some(p.e164.clone()),
            created_at: p.created_at,
            last_used_at: p.last_used_at,
            blocked: false,
        }
    }

    fn code_page(to: &str) -> Challenge {
        Challenge::Code {
            shown: None,
            sent_to: Some(number::masked(to)),
            device: None,
        }
    }

    fn purpose(binding: &Binding) -> SmsPurpose {
        match binding {
            Binding::Sign(_) => SmsPurpose::Sign,
            _ => SmsPurpose::Login,
        }
    }

    /// Sends a login (or signing) code to one of the account's numbers.
    async fn send_to(
        &self,
        cx: &Authn,
        account: &Account,
        phone: &Phone,
        binding: &Binding,
        context: &Context,
    ) -> Result<Issued, AuthnError> {
        let purpose = Self::purpose(binding);
        // A signing code's text names the transaction (issue 18): the user confirms that
        // title for that service, not merely "a transaction".
        let title = match binding {
            Binding::Sign(sign) => sign.title.as_str(),
            _ => "",
        };
        let sent = match self
            .sms
            .send_code(
                cx,
                account,
                &phone.e164,
                Some(phone.id),
                purpose,
                &context.service,
                title,
                &context.ip,
            )
            .await?
        {
            Ok(s) => s,
            Err(refused) => return Ok(Err(refused)),
        };
        let state = State {
            code: sent.id,
            to: phone.e164.clone(),
            phone: Some(phone.id),
            country: None,
            outbox: Some(sent.outbox),
            purpose,
        };
        Ok(Ok((Self::code_page(&phone.e164), to_json(&state)?)))
    }
}

fn to_json(s: &State) -> Result<String, AuthnError> {
    serde_json::to_string(s).map_err(|e| AuthnError::Internal(e.to_string()))
}

fn from_json(s: &str) -> Option<State> {
    serde_json::from_str(s).ok()
}

impl SecondFactor for SmsFactor {
    fn method(&self) -> Method {
        Method::Sms
    }

    fn challenge_sends(&self) -> bool {
        true
    }

    // A number is never blocked.
    fn blocked_means_compromised(&self) -> bool {
        false
    }

    /// EU Login's `authenticationFactors` names the number (`mobilePhoneNumber`).
    fn proof_id(&self, device: &Device) -> String {
        device
            .detail
            .clone()
            .unwrap_or_else(|| device.id.to_string())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn devices<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<Device>, AuthnError>> {
        Box::pin(async move {
            Ok(cx
                .store()
                .phones_of(account.id)
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
        context: &'a Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            // One number: the one chosen (the engine asks first when there are several).
            let Some(chosen) = devices.first() else {
                return Ok(Err(Refused::new("sms-error-no-number", "no number")));
            };
            let Some(phone) = cx.store().phone_of(account.id, chosen.id).await? else {
                return Ok(Err(Refused::new("sms-error-no-number", "number removed")));
            };
            self.send_to(cx, account, &phone, binding, context).await
        })
    }

    /// A login shows its code page again whatever became of the code (expired or spent, the
    /// page offers to send another); adding a number, only while the code can be answered
    /// (else the user starts again).
    fn again<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        state: &'a str,
    ) -> BoxFuture<'a, Result<Option<Challenge>, AuthnError>> {
        Box::pin(async move {
            let Some(state) = from_json(state) else {
                return Ok(None);
            };
            if state.phone.is_none() {
                let now = cx.now();
                let alive = cx
                    .store()
                    .sms_code(account.id, &state.code)
                    .await?
                    .is_some_and(|c| {
                        c.used_at.is_none() && c.expires_at > now && c.attempts < c.max_attempts
                    });
                if !alive {
                    return Ok(None);
                }
            }
            Ok(Some(Self::code_page(&state.to)))
        })
    }

    fn resend<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        state: &'a str,
        binding: &'a Binding,
        context: &'a Context,
    ) -> BoxFuture<'a, Result<Option<Issued>, AuthnError>> {
        Box::pin(async move {
            let Some(state) = from_json(state) else {
                return Ok(None);
            };
            let Some(phone) = (match state.phone {
                Some(id) => cx.store().phone_of(account.id, id).await?,
                None => None,
            }) else {
                return Ok(Some(Err(Refused::new(
                    "sms-error-no-number",
                    "number removed",
                ))));
            };
            Ok(Some(
                self.send_to(cx, account, &phone, binding, context).await?,
            ))
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
            let Some(state) = from_json(state) else {
                return Ok(Err(Refused::new("sms-error-expired", "bad state")));
            };
            let Answer::Code(typed) = answer else {
                return Ok(Err(Refused::new("sms-error-format", "no code")));
            };
            let Some(phone_id) = state.phone else {
                return Ok(Err(Refused::new("sms-error-expired", "not a login code")));
            };
            // The number must still be the account's (removed meanwhile: refused).
            if cx.store().phone_of(account.id, phone_id).await?.is_none() {
                return Ok(Err(Refused::new("sms-error-no-number", "number removed")));
            }
            match self
                .sms
                .check_code(cx, account, &state.code, typed, state.purpose, state.outbox)
                .await?
            {
                Ok(_) => {
                    cx.store().phone_used(phone_id, cx.now()).await?;
                    Ok(Ok(Verified {
                        device: phone_id,
                        user_verified: false,
                        evidence: None,
                    }))
                }
                Err(refused) => Ok(Err(refused)),
            }
        })
    }

    fn enrol_start<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        context: &'a Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let typed = request.reference.as_deref().unwrap_or_default();
            let number: Number = match self.sms.parse_number(typed) {
                Ok(n) => n,
                Err(e) => return Ok(Err(Refused::new(e.message_key(), "number refused"))),
            };
            // The account's own numbers only: another account's is never looked at.
            let own = cx.store().phones_of(account.id).await?;
            if own.iter().any(|p| p.e164 == number.e164) {
                return Ok(Err(Refused::new("sms-error-already", "already registered")));
            }
            let sent = match self
                .sms
                .send_code(
                    cx,
                    account,
                    &number.e164,
                    None,
                    SmsPurpose::AddNumber,
                    "",
                    "",
                    &context.ip,
                )
                .await?
            {
                Ok(s) => s,
                Err(refused) => return Ok(Err(refused)),
            };
            let state = State {
                code: sent.id,
                to: number.e164.clone(),
                phone: None,
                country: Some(number.country.clone()),
                outbox: Some(sent.outbox),
                purpose: SmsPurpose::AddNumber,
            };
            let challenge = Challenge::Code {
                shown: None,
                sent_to: Some(number.international),
                device: None,
            };
            Ok(Ok((challenge, to_json(&state)?)))
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
            let Some(state) = from_json(state) else {
                return Ok(Err(Refused::new("sms-error-expired", "bad state")));
            };
            let Answer::Code(typed) = answer else {
                return Ok(Err(Refused::new("sms-error-format", "no code")));
            };
            let purpose = SmsPurpose::AddNumber;
            if let Err(refused) = self
                .sms
                .check_code(cx, account, &state.code, typed, purpose, state.outbox)
                .await?
            {
                return Ok(Err(refused));
            }
            let country = state.country.unwrap_or_default();
            match cx
                .store()
                .add_phone(account.id, &state.to, &country, &request.name, cx.now())
                .await?
            {
                Some(p) => Ok(Ok(Self::device(&p))),
                None => Ok(Err(Refused::new("sms-error-already", "already registered"))),
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
        Box::pin(async move { Ok(cx.store().rename_phone(account.id, device, name).await?) })
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
                .delete_phone(account.id, device)
                .await?
                .map(|p| p.label))
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
                .delete_phones_of(account.id)
                .await?
                .into_iter()
                .map(|p| p.label)
                .collect())
        })
    }
}
