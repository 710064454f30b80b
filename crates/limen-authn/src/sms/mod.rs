//! "Mobile Phone + SMS" (issue 17; seeds 000 and 003): an account's mobile numbers, and codes
//! sent to them by SMS — `PASSWORD_SMS`, MEDIUM.
//!
//! EU Login retired SMS on 1 July 2025 (phishing, SIM swapping, cost, SMS pumping). Limen
//! ships it **off** (`[methods.sms] enabled = false`), with the retirement machinery of every
//! method (`retire_on`). Where an operator turns it on, these rules hold:
//!
//! - an SMS goes out only after the first factor: a login whose password was right (or a
//!   session that proved it), or a signed-in user adding a number;
//! - only to valid mobile numbers of allowed countries (EU/EEA by default), never to premium
//!   rate, shared cost, toll free, VoIP, pager or unknown types ([`number`]);
//! - within store-backed limits that hold across nodes ([`guard`]): per number, per number
//!   range, per account, per client address, per destination country, and a global daily
//!   budget whose exhaustion stops every SMS until the next day (a circuit breaker), audited
//!   and logged as an error; an account that keeps asking for codes it does not use waits
//!   twice as long each time;
//! - the code is never stored ([`code`]); it has a lifetime and a number of attempts, and a
//!   wrong answer keeps the same code (a new one would cost an SMS and give a guesser new
//!   draws);
//! - an SMS is queued in the persisted outbox (`limen-notify`) and never sent after its code
//!   expired;
//! - nothing ever tells whether a number is on another account: a number may be on several,
//!   and adding one answers the same whoever else has it.
//!
//! The engine never renders text: [`SmsOut`] (the web layer) writes the message in the
//! user's language, with the service's name and a warning never to share the code.

mod code;
mod factor;
pub mod guard;
pub mod number;

pub use factor::SmsFactor;
pub use guard::SmsLimits;
pub use number::{Number, NumberError};

use crate::{Authn, AuthnError, BoxFuture, Refused};
use limen_core::Account;
use limen_store::{CodeAttempt, NewSmsCode, SmsCode};
use std::sync::Arc;
use time::OffsetDateTime;

/// `[sms]`: the method's settings (the gateway's are `limen-notify`'s).
#[derive(Debug, Clone)]
pub struct SmsConfig {
    /// How long a code may be used.
    pub code_ttl: time::Duration,
    /// Answers checked against one code before it is spent.
    pub code_attempts: i64,
    /// The wait before another code when the last one was not used; doubled with each further
    /// unused code (within 24 hours), up to an hour.
    pub resend_after: time::Duration,
    /// ISO 3166-1 alpha-2 codes of the countries numbers may be of.
    pub allowed_countries: Vec<String>,
    pub limits: SmsLimits,
}

impl Default for SmsConfig {
    fn default() -> Self {
        Self {
            code_ttl: time::Duration::minutes(5),
            code_attempts: 5,
            resend_after: time::Duration::seconds(30),
            allowed_countries: number::EU_EEA.iter().map(|c| (*c).to_owned()).collect(),
            limits: SmsLimits::default(),
        }
    }
}

/// What an SMS is for: its text says so, and its code answers only for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsPurpose {
    #[default]
    Login,
    AddNumber,
    /// Confirming a transaction (issue 18).
    Sign,
}

impl SmsPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            SmsPurpose::Login => "login",
            SmsPurpose::AddNumber => "add_number",
            SmsPurpose::Sign => "sign",
        }
    }

    /// How its code is written: 8 characters to add a number, 9 otherwise (seed 003).
    fn shape(self) -> code::Shape {
        match self {
            SmsPurpose::AddNumber => code::ENROL,
            _ => code::LOGIN,
        }
    }
}

/// One SMS to send, before it has words.
#[derive(Debug, Clone)]
pub struct SmsMessage {
    /// E.164.
    pub to: String,
    pub purpose: SmsPurpose,
    /// As the user reads it (`XXX-XXX-XXX`).
    pub code: String,
    /// The service asking (empty: Limen's own pages).
    pub service: String,
    /// A signature's transaction title (issue 18: the text names what is confirmed); empty
    /// for other purposes.
    pub title: String,
    /// The account's language.
    pub locale: String,
    /// How long the code lasts, in whole minutes (the text says it).
    pub minutes: i64,
    /// Never sent after this (the code's expiry).
    pub not_after: OffsetDateTime,
}

/// Where SMS go: the web layer writes the text and queues it in the outbox.
pub trait SmsOut: Send + Sync {
    /// Queues the message; its id in the outbox (`sms_outbox`), to tell later whether it left.
    fn send<'a>(&'a self, message: &'a SmsMessage) -> BoxFuture<'a, Result<i64, AuthnError>>;
}

/// The method's shared part: settings, the code key, the outbox.
pub struct Sms {
    config: SmsConfig,
    mac_key: [u8; 32],
    out: Arc<dyn SmsOut>,
}

/// A code just sent.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    pub id: String,
    /// The message's id in the outbox.
    pub outbox: i64,
}

impl Sms {
    pub fn new(
        master_key: &[u8; limen_crypto::sealed::MASTER_KEY_LEN],
        config: SmsConfig,
        out: Arc<dyn SmsOut>,
    ) -> Self {
        Self {
            config,
            mac_key: code::mac_key(master_key),
            out,
        }
    }

    pub fn config(&self) -> &SmsConfig {
        &self.config
    }

    /// The method, for the engine's registry.
    pub fn factor(self: &Arc<Self>) -> Arc<dyn crate::SecondFactor> {
        Arc::new(SmsFactor::new(self.clone()))
    }

    /// Parses a number the user typed, with the operator's countries.
    pub fn parse_number(&self, typed: &str) -> Result<Number, NumberError> {
        number::parse(typed, &self.config.allowed_countries)
    }

    /// Sends a fresh code to `number` for `purpose`, within every limit: the code is stored
    /// (its MAC) and queued with the text, which names `service` and, for a signature, the
    /// transaction's `title`; or why not.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn send_code(
        &self,
        cx: &Authn,
        account: &Account,
        to: &str,
        phone_id: Option<i64>,
        purpose: SmsPurpose,
        service: &str,
        title: &str,
        ip: &str,
    ) -> Result<Result<Sent, Refused>, AuthnError> {
        // The rules may have changed since the number was added: a number now refused is not
        // sent to.
        let number = match number::recheck(to, &self.config.allowed_countries) {
            Ok(n) => n,
            Err(e) => {
                return Ok(Err(Refused::new(
                    e.message_key(),
                    "number no longer allowed",
                )));
            }
        };
        let proven = phone_id.is_some();
        if let Err(refused) = guard::admit(cx, &self.config, account, &number, proven, ip).await? {
            cx.audit_raw(
                "sms.refused",
                Some(account.id),
                ip,
                serde_json::json!({
                    "purpose": purpose.as_str(),
                    "to": number::masked(&number.e164),
                    "reason": refused.reason,
                }),
            )
            .await;
            return Ok(Err(refused));
        }
        let shape = purpose.shape();
        let written = shape.generate();
        let typed = shape.normalise(&written).ok_or_else(|| {
            AuthnError::Internal("a generated SMS code does not read back".into())
        })?;
        let id = limen_crypto::random_token(16);
        let now = cx.now();
        let expires_at = now + self.config.code_ttl;
        let mac = code::mac(&self.mac_key, &id, &typed);
        cx.store()
            .create_sms_code(
                &NewSmsCode {
                    id: &id,
                    account_id: account.id,
                    phone: &number.e164,
                    phone_id,
                    purpose: purpose.as_str(),
                    code_mac: &mac,
                    expires_at,
                    max_attempts: self.config.code_attempts,
                },
                now,
            )
            .await?;
        let message = SmsMessage {
            to: number.e164.clone(),
            purpose,
            code: written,
            service: service.to_owned(),
            title: title.to_owned(),
            locale: account
                .ui_locale
                .clone()
                .unwrap_or_else(|| account.email_locale.clone()),
            minutes: self.config.code_ttl.whole_minutes().max(1),
            not_after: expires_at,
        };
        let outbox = self.out.send(&message).await?;
        cx.audit_raw(
            "sms.sent",
            Some(account.id),
            ip,
            serde_json::json!({
                "purpose": purpose.as_str(),
                "to": number::masked(&number.e164),
            }),
        )
        .await;
        Ok(Ok(Sent { id, outbox }))
    }

    /// Whether the gateway refused the SMS for good (or it expired unsent): the user is told
    /// so rather than left waiting for it.
    async fn not_sent(&self, cx: &Authn, outbox: Option<i64>) -> Result<bool, AuthnError> {
        let Some(id) = outbox else { return Ok(false) };
        Ok(cx
            .store()
            .sms_by_id(id)
            .await?
            .is_some_and(|m| m.failed_at.is_some() && m.sent_at.is_none()))
    }

    /// Checks a typed answer against code `id` of the account, sent for `purpose` (in outbox
    /// message `outbox`): one of the code's attempts is taken before the comparison; a right
    /// code is spent. A wrong code for an SMS that never left is answered so (the attempt is
    /// taken all the same).
    pub(crate) async fn check_code(
        &self,
        cx: &Authn,
        account: &Account,
        id: &str,
        typed: &str,
        purpose: SmsPurpose,
        outbox: Option<i64>,
    ) -> Result<Result<SmsCode, Refused>, AuthnError> {
        let checked = self.compare(cx, account, id, typed, purpose).await?;
        if let Err(refused) = &checked
            && refused.message_key == "sms-error-wrong"
            && self.not_sent(cx, outbox).await?
        {
            return Ok(Err(Refused::new(
                "sms-error-not-sent",
                "the SMS was not sent",
            )));
        }
        Ok(checked)
    }

    async fn compare(
        &self,
        cx: &Authn,
        account: &Account,
        id: &str,
        typed: &str,
        purpose: SmsPurpose,
    ) -> Result<Result<SmsCode, Refused>, AuthnError> {
        // Not a code at all (length, characters): the code's attempts are kept.
        let Some(typed) = purpose.shape().normalise(typed) else {
            return Ok(Err(Refused::new(
                "sms-error-format",
                "not a code of this shape",
            )));
        };
        let now = cx.now();
        let stored = match cx.store().take_sms_attempt(account.id, id, now).await? {
            CodeAttempt::Taken(c) => c,
            CodeAttempt::Expired | CodeAttempt::Unknown => {
                return Ok(Err(Refused::new("sms-error-expired", "code expired")));
            }
            CodeAttempt::Used => return Ok(Err(Refused::new("sms-error-used", "code used"))),
            CodeAttempt::Exhausted => {
                return Ok(Err(Refused::new(
                    "sms-error-exhausted",
                    "no attempts left on this code",
                )));
            }
        };
        if stored.purpose != purpose.as_str()
            || !code::matches(&self.mac_key, id, &typed, &stored.code_mac)
        {
            let key = if stored.attempts >= stored.max_attempts {
                "sms-error-exhausted"
            } else {
                "sms-error-wrong"
            };
            return Ok(Err(Refused::new(key, "wrong code")));
        }
        if !cx.store().use_sms_code(id, now).await? {
            return Ok(Err(Refused::new("sms-error-used", "code used meanwhile")));
        }
        Ok(Ok(stored))
    }
}
