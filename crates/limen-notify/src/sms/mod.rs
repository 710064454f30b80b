//! Text messages (issue 17): one-time codes sent by SMS, queued in the store's SMS outbox and
//! delivered from there, like mail ([`crate::Mailer`]), by one of three transports:
//!
//! - [`SmsTransport::Dev`], the development outbox: nothing leaves the machine; the message is
//!   marked sent at once and its body kept so that the `/dev/outbox` page can show it;
//! - [`SmsTransport::Http`], a templated HTTP(S) gateway ([`http`]): any provider's "send an SMS"
//!   API, Kannel's `sendsms` included, described by a method, a URL, parameters or a JSON body
//!   with placeholders, and the answers that mean success;
//! - [`SmsTransport::Smpp`], an SMPP 3.4 client ([`smpp`]) bound as a transmitter to an SMSC.
//!
//! # A code is never sent late, and never kept
//!
//! Every message carries `not_after`, the expiry of the code it carries: a message still unsent
//! then is given up ([`Store::expire_sms`]), and a retry that would fall after it is not
//! scheduled — a late code is useless and each SMS costs money. The text and code are sealed
//! under the master key in the outbox ([`SecretBox`], AAD [`SEAL_AAD`]) and emptied as soon as
//! the gateway has taken the message or it is given up (the development outbox keeps them).
//!
//! Phone numbers are personal data: logs show them masked ([`mask`]), and never the text or code.

mod gsm;
mod http;
mod smpp;

use crate::{NotifyError, RetryPolicy};
use limen_core::Clock;
use limen_crypto::sealed::SecretBox;
use limen_store::{NewSms, QueuedSms, Store, StoreError};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// Binds a sealed body to the SMS outbox: a value sealed for another purpose does not open here.
pub const SEAL_AAD: &[u8] = b"limen-sms-outbox";

/// The associated data a message's body is sealed with: the outbox's label and the row's
/// recipient, purpose and expiry, so that a body cannot be moved to another row, number or
/// lifetime by whoever can write to the database.
fn aad(to: &str, purpose: &str, not_after: OffsetDateTime) -> Vec<u8> {
    let mut aad = SEAL_AAD.to_vec();
    for part in [to, purpose, &not_after.unix_timestamp().to_string()] {
        aad.push(0);
        aad.extend_from_slice(part.as_bytes());
    }
    aad
}

/// `[sms]`: how text messages leave Limen.
#[derive(Debug, Clone)]
pub struct SmsSettings {
    pub transport: SmsTransport,
    /// Backoff after a transient failure; `give_up_after` is not used: `not_after` decides.
    pub retry: RetryPolicy,
    /// The sender shown on the phone: a number or an alphanumeric name ("Limen").
    pub sender: String,
}

#[derive(Debug, Clone)]
pub enum SmsTransport {
    /// Development: delivered at once to the outbox page, nothing leaves the machine.
    Dev,
    Http(HttpSmsSettings),
    Smpp(SmppSettings),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
}

impl HttpMethod {
    fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
        }
    }
}

/// How the parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// In the URL's query, after any query the URL already has (Kannel's `GET sendsms`).
    Query,
    /// `application/x-www-form-urlencoded` body (WHATWG URL §5).
    Form,
    /// `application/json` body built from [`HttpSmsSettings::json`].
    Json,
}

#[derive(Clone, PartialEq, Eq)]
pub enum HttpAuth {
    None,
    /// RFC 7617.
    Basic {
        username: String,
        password: String,
    },
    /// RFC 6750 §2.1.
    Bearer {
        token: String,
    },
}

impl fmt::Debug for HttpAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpAuth::None => f.write_str("None"),
            HttpAuth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"****")
                .finish(),
            HttpAuth::Bearer { .. } => f.debug_struct("Bearer").field("token", &"****").finish(),
        }
    }
}

/// A provider's "send an SMS" HTTP API. Placeholders in `params` values and in `json` strings:
/// `{phone}` (E.164 with `+`), `{phone_digits}` (without), `{text}`, `{code}` (empty when none),
/// `{sender}`, `{id}` (the outbox id: an idempotency key for providers that take one).
#[derive(Debug, Clone)]
pub struct HttpSmsSettings {
    pub method: HttpMethod,
    /// `http` or `https`. Its own query is kept; never logged (it may hold credentials).
    pub url: url::Url,
    pub encoding: BodyEncoding,
    /// Query or form parameters: name and template, in order.
    pub params: Vec<(String, String)>,
    /// The JSON body ([`BodyEncoding::Json`]); placeholders are substituted inside strings only.
    pub json: Option<serde_json::Value>,
    /// Static headers, no placeholders.
    pub headers: Vec<(String, String)>,
    pub auth: HttpAuth,
    /// Statuses meaning "accepted"; empty: any 2xx.
    pub success_status: Vec<u16>,
    /// A substring the answer must contain to count as accepted.
    pub success_body: Option<String>,
    /// Substrings meaning "refused", even with a success status.
    pub failure_body: Vec<String>,
    /// A JSON pointer (RFC 6901) to the provider's message id in a JSON answer.
    pub reference_pointer: Option<String>,
    /// The whole request, connection to the end of the answer.
    pub timeout: Duration,
}

/// An SMSC reached over SMPP 3.4 as a transmitter.
#[derive(Clone)]
pub struct SmppSettings {
    pub host: String,
    pub port: u16,
    /// TLS from the first byte, checked against the web PKI roots.
    pub tls: bool,
    /// At most 15 octets (SMPP 3.4 §4.1.1).
    pub system_id: String,
    /// At most 8 octets (SMPP 3.4 §4.1.1).
    pub password: String,
    /// At most 12 octets (SMPP 3.4 §4.1.1); often empty.
    pub system_type: String,
    pub source_ton: u8,
    pub source_npi: u8,
    pub dest_ton: u8,
    pub dest_npi: u8,
    /// For connecting, binding and each request's response.
    pub timeout: Duration,
    /// Idle time after which the link is checked (enquire_link, §4.11) before it is used.
    pub enquire_link: Duration,
}

impl fmt::Debug for SmppSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmppSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("system_id", &self.system_id)
            .field("password", &"****")
            .field("system_type", &self.system_type)
            .field("source", &(self.source_ton, self.source_npi))
            .field("dest", &(self.dest_ton, self.dest_npi))
            .field("timeout", &self.timeout)
            .field("enquire_link", &self.enquire_link)
            .finish()
    }
}

/// What a stored message says; its `Debug` hides both, as they hold a one-time code.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SmsContent {
    pub text: String,
    pub code: Option<String>,
}

impl fmt::Debug for SmsContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SmsContent(..)")
    }
}

/// One message handed to a transport.
pub(crate) struct Outgoing<'a> {
    pub id: i64,
    pub to: &'a str,
    pub text: &'a str,
    pub code: &'a str,
    pub sender: &'a str,
}

/// What became of one delivery attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Taken by the gateway, with its id of the message if it gave one.
    Delivered(Option<String>),
    /// Worth trying again (before `not_after`): overload, outage, timeout, broken link.
    Transient(String),
    /// Refused for good: this message will never go through as it is.
    Permanent(String),
}

enum Transport {
    Dev,
    Http(Box<http::HttpGateway>),
    Smpp(Box<smpp::SmppClient>),
}

pub struct SmsSender {
    store: Store,
    sender: String,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    sealer: SecretBox,
    transport: Transport,
    wake: Notify,
}

impl SmsSender {
    /// Checks the settings — the gateway URL and templates, SMPP field lengths (§4.1.1, §4.4.1) —
    /// and prepares the transport; nothing connects yet. Errors name the setting.
    pub fn new(
        store: Store,
        settings: SmsSettings,
        clock: Arc<dyn Clock>,
        http: reqwest::Client,
        sealer: SecretBox,
    ) -> Result<Arc<SmsSender>, NotifyError> {
        if settings.sender.trim().is_empty() {
            return Err(NotifyError::SmsConfig(
                "sms.sender: must not be empty".into(),
            ));
        }
        let transport = match settings.transport {
            SmsTransport::Dev => Transport::Dev,
            SmsTransport::Http(http_settings) => {
                Transport::Http(Box::new(http::HttpGateway::new(http_settings, http)?))
            }
            SmsTransport::Smpp(smpp_settings) => Transport::Smpp(Box::new(smpp::SmppClient::new(
                smpp_settings,
                &settings.sender,
            )?)),
        };
        Ok(Arc::new(SmsSender {
            store,
            sender: settings.sender,
            retry: settings.retry,
            clock,
            sealer,
            transport,
            wake: Notify::new(),
        }))
    }

    /// Seals `{text, code}`, stores the message due now and never after `not_after`, and wakes
    /// the worker. `to` must be E.164 (`+` and 2 to 15 digits). Returns the outbox id.
    pub async fn queue(
        &self,
        to: &str,
        purpose: &str,
        text: &str,
        code: Option<&str>,
        not_after: OffsetDateTime,
    ) -> Result<i64, NotifyError> {
        if !is_e164(to) {
            return Err(NotifyError::InvalidPhone(mask(to)));
        }
        let content = SmsContent {
            text: text.to_owned(),
            code: code.map(str::to_owned),
        };
        let plain = serde_json::to_vec(&content)
            .map_err(|e| NotifyError::Message(format!("cannot encode the SMS: {e}")))?;
        let row = NewSms {
            recipient: to.to_owned(),
            purpose: purpose.to_owned(),
            body: self.sealer.seal(&plain, &aad(to, purpose, not_after)),
            not_after,
        };
        let id = self.store.enqueue_sms(&row, self.clock.now()).await?;
        tracing::debug!(outbox_id = id, recipient = %mask(to), purpose, "sms queued");
        self.wake();
        Ok(id)
    }

    /// Asks the worker to look at the outbox now rather than at its next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// True for the development outbox.
    pub fn is_dev(&self) -> bool {
        matches!(self.transport, Transport::Dev)
    }

    /// Where text messages go, for the startup log; never a query string or credentials.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Dev => "development outbox".to_owned(),
            Transport::Http(gateway) => gateway.describe(),
            Transport::Smpp(client) => client.describe(),
        }
    }

    /// The text and code of a stored message; `None` once its body was emptied or if it does
    /// not open (another master key). For the development outbox page and tests.
    pub fn open(&self, sms: &QueuedSms) -> Option<SmsContent> {
        if sms.body.is_empty() {
            return None;
        }
        let plain = self
            .sealer
            .open(&sms.body, &aad(&sms.recipient, &sms.purpose, sms.not_after))
            .ok()?;
        serde_json::from_slice(&plain).ok()
    }

    /// The longest one delivery may take; the lease is at least twice that.
    fn time_limit(&self) -> Duration {
        match &self.transport {
            Transport::Dev => Duration::from_secs(5),
            Transport::Http(gateway) => gateway.time_limit(),
            Transport::Smpp(client) => client.time_limit(),
        }
    }

    /// One pass over the outbox: gives up expired messages, then delivers every message due now,
    /// one lease at a time, and records each outcome — sent; retried after
    /// `first_delay · 2^attempts` unless that falls after `not_after` (then failed); or failed on
    /// a permanent refusal. Returns how many were delivered. Passes may run at once, here or on
    /// other nodes: each message goes to exactly one of them.
    pub async fn deliver_due(&self) -> Result<usize, NotifyError> {
        let expired = self.store.expire_sms(self.clock.now()).await?;
        if expired > 0 {
            tracing::warn!(count = expired, "sms expired before they could be sent");
        }
        let lease = crate::lease_for(self.time_limit());
        let mut delivered = 0;
        loop {
            let claimed = self.store.claim_due_sms(self.clock.now(), lease, 1).await?;
            let Some(sms) = claimed.into_iter().next() else {
                return Ok(delivered);
            };
            if self.deliver(&sms).await? {
                delivered += 1;
            }
        }
    }

    /// Sends one leased message and records the outcome; true if it was delivered.
    async fn deliver(&self, sms: &QueuedSms) -> Result<bool, NotifyError> {
        let outcome = match self.open(sms) {
            Some(content) => self.send(sms, &content).await,
            None => Outcome::Permanent(
                "the stored message does not open (was the master key changed?)".into(),
            ),
        };
        let now = self.clock.now();
        let attempts = sms.attempts + 1;
        let to = mask(&sms.recipient);
        let recorded = match outcome {
            Outcome::Delivered(reference) => {
                let recorded = self
                    .store
                    .sms_sent(sms.id, now, reference.as_deref(), self.is_dev())
                    .await;
                tracing::info!(
                    outbox_id = sms.id, recipient = %to, purpose = %sms.purpose, attempts,
                    reference = reference.as_deref().unwrap_or(""), transport = %self.kind(),
                    "sms delivered"
                );
                return settled(recorded, sms).map(|()| true);
            }
            Outcome::Permanent(error) => {
                tracing::warn!(
                    outbox_id = sms.id, recipient = %to, attempts, error = %error,
                    "sms refused, giving up"
                );
                self.store
                    .sms_failed(sms.id, now, &crate::truncate(&error))
                    .await
            }
            Outcome::Transient(error) => {
                let next = now + self.retry.delay(sms.attempts);
                if next >= sms.not_after {
                    tracing::warn!(
                        outbox_id = sms.id, recipient = %to, attempts, error = %error,
                        "sms delivery failed and the code expires before a retry, giving up"
                    );
                    let error = format!("{error} (no retry before the code's expiry)");
                    self.store
                        .sms_failed(sms.id, now, &crate::truncate(&error))
                        .await
                } else {
                    tracing::warn!(
                        outbox_id = sms.id, recipient = %to, attempts, error = %error,
                        retry_at = %next, "sms delivery failed, will retry"
                    );
                    self.store
                        .sms_retry(sms.id, next, &crate::truncate(&error))
                        .await
                }
            }
        };
        settled(recorded, sms).map(|()| false)
    }

    /// Hands one message to the transport, bounded by [`SmsSender::time_limit`].
    async fn send(&self, sms: &QueuedSms, content: &SmsContent) -> Outcome {
        let message = Outgoing {
            id: sms.id,
            to: &sms.recipient,
            text: &content.text,
            code: content.code.as_deref().unwrap_or(""),
            sender: &self.sender,
        };
        let attempt = async {
            match &self.transport {
                Transport::Dev => Outcome::Delivered(None),
                Transport::Http(gateway) => gateway.send(&message).await,
                Transport::Smpp(client) => client.send(&message).await,
            }
        };
        let limit = self.time_limit();
        match tokio::time::timeout(limit, attempt).await {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Transient(format!("no answer within {} s", limit.as_secs())),
        }
    }

    fn kind(&self) -> &'static str {
        match self.transport {
            Transport::Dev => "dev",
            Transport::Http(_) => "http",
            Transport::Smpp(_) => "smpp",
        }
    }

    /// Runs [`SmsSender::deliver_due`] in the background: at start, whenever
    /// [`SmsSender::wake`] is called (a wake during a pass is remembered), and every `poll` to
    /// pick up retries and messages queued by other nodes. Stops when the task is aborted.
    pub fn spawn_worker(self: &Arc<Self>, poll: Duration) -> tokio::task::JoinHandle<()> {
        crate::spawn_worker(self, poll)
    }
}

impl crate::Outbox for SmsSender {
    const WHAT: &'static str = "sms";

    fn wake_signal(&self) -> &Notify {
        &self.wake
    }

    fn pass(&self) -> impl std::future::Future<Output = Result<usize, NotifyError>> + Send {
        self.deliver_due()
    }
}

/// A message settled by someone else meanwhile (its lease ran out, or it expired) is not an
/// error of this pass.
fn settled(recorded: Result<(), StoreError>, sms: &QueuedSms) -> Result<(), NotifyError> {
    match recorded {
        Err(StoreError::NotFound) => {
            tracing::warn!(outbox_id = sms.id, "sms was settled by another worker");
            Ok(())
        }
        other => Ok(other?),
    }
}

/// ITU-T E.164: `+`, a country code not starting with 0, at most 15 digits in all.
fn is_e164(phone: &str) -> bool {
    phone.strip_prefix('+').is_some_and(|digits| {
        (2..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

/// A phone number for logs: the first three characters (`+` and the start of the country code)
/// and the last three digits, the rest hidden: `+33•••••••678`.
pub fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 6 {
        return "•".repeat(chars.len());
    }
    let (head, rest) = chars.split_at(3);
    let (middle, tail) = rest.split_at(rest.len() - 3);
    let mut out: String = head.iter().collect();
    out.extend(std::iter::repeat_n('•', middle.len()));
    out.extend(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_country_prefix_and_last_three_digits() {
        assert_eq!(mask("+33612345678"), "+33••••••678");
        assert_eq!(mask("+3225551234"), "+32•••••234");
        assert_eq!(mask("+1234"), "•••••");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn e164_numbers_only() {
        assert!(is_e164("+33612345678"));
        assert!(is_e164("+123456789012345"));
        assert!(!is_e164("+1234567890123456"), "16 digits");
        assert!(!is_e164("33612345678"), "no plus");
        assert!(!is_e164("+033612345678"), "country code 0");
        assert!(!is_e164("+33 6 12 34 56 78"));
        assert!(!is_e164("+"));
        assert!(!is_e164("+٣٣٦١٢٣٤٥٦٧٨"), "non-ASCII digits");
    }

    #[test]
    fn content_debug_shows_no_code() {
        let c = SmsContent {
            text: "Your code: 123456".into(),
            code: Some("123456".into()),
        };
        assert!(!format!("{c:?}").contains("123456"));
    }
}
