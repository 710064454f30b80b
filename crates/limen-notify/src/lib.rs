//! Limen's outgoing messages: e-mail, and Web Push wake-ups for mobile devices ([`push`]).
//!
//! Every message goes through the persisted outbox in the store (`mail_outbox`), so a mail server
//! outage loses nothing and any node can deliver what another queued:
//!
//! - [`compose`] turns an [`OutgoingMail`] into a complete RFC 5322 message (multipart text and
//!   HTML, MIME-encoded by lettre) — the exact bytes that will be sent;
//! - [`Mailer::queue`] stores it and wakes the delivery worker;
//! - [`Mailer::deliver_due`] leases due messages and hands them to the transport: an SMTP relay
//!   (lettre over rustls) or, for development, a directory of `.eml` files;
//! - failures are retried with exponential backoff ([`RetryPolicy`]) until a permanent refusal
//!   or until the policy gives up.
//!
//! This crate never renders templates (that is `limen-web`'s job) and never speaks SQL.
//!
//! [`sms`] sends one-time codes by text message, from the store's SMS outbox, through a
//! templated HTTP(S) gateway, an SMPP 3.4 SMSC, or the development outbox.
//!
//! [`push`] wakes a mobile authenticator when a challenge awaits it (docs/MOBILE-PROTOCOL.md §7):
//! a Web Push message (RFC 8030), encrypted for the device (RFC 8291) and signed with Limen's
//! VAPID key (RFC 8292). It keeps no state: the subscriptions live in the store.

mod compose;
mod mailer;
pub mod push;
mod settings;
pub mod sms;
mod transport;

pub use compose::{OutgoingMail, compose};
pub use mailer::Mailer;
pub use settings::{MailSettings, MailTransport, RetryPolicy, SmtpSecurity, SmtpSettings};
pub use sms::{
    BodyEncoding, HttpAuth, HttpMethod, HttpSmsSettings, SmppSettings, SmsContent, SmsSender,
    SmsSettings, SmsTransport,
};

use limen_store::StoreError;
use std::future::Future;
use std::sync::Arc;
use thiserror::Error;

/// Longest error text kept in an outbox for the admin view.
const ERROR_LIMIT: usize = 500;

/// An error text cut to [`ERROR_LIMIT`] characters for the outbox.
pub(crate) fn truncate(error: &str) -> String {
    match error.char_indices().nth(ERROR_LIMIT) {
        Some((end, _)) => format!("{}…", &error[..end]),
        None => error.to_owned(),
    }
}

/// How long a worker leases a message it delivers: at least twice the longest a delivery may
/// take (`time_limit`), and a minute for the store's update and some clock skew between nodes;
/// at most a day, whatever the configured timeout. No other worker, on any node, claims it
/// meanwhile.
pub(crate) fn lease_for(time_limit: std::time::Duration) -> time::Duration {
    time_limit
        .checked_mul(2)
        .and_then(|d| time::Duration::try_from(d).ok())
        .unwrap_or(time::Duration::DAY)
        .clamp(time::Duration::MINUTE, time::Duration::DAY)
}

/// A persisted outbox a background worker empties: the mail's and the SMS's.
pub(crate) trait Outbox: Send + Sync + 'static {
    /// What the log calls its messages.
    const WHAT: &'static str;
    /// Notified when a message is queued.
    fn wake_signal(&self) -> &tokio::sync::Notify;
    /// One pass over what is due; how many were delivered.
    fn pass(&self) -> impl Future<Output = Result<usize, NotifyError>> + Send;
}

/// Runs `outbox`'s passes in the background: at start, whenever it is woken (a wake during a
/// pass is remembered), and every `poll` to pick up retries and messages queued by other nodes.
/// Stops when the returned task is aborted.
pub(crate) fn spawn_worker<T: Outbox>(
    outbox: &Arc<T>,
    poll: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    let outbox = Arc::clone(outbox);
    tokio::spawn(async move {
        loop {
            if let Err(e) = outbox.pass().await {
                tracing::error!(error = %e, "{} delivery pass failed", T::WHAT);
            }
            tokio::select! {
                () = outbox.wake_signal().notified() => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    })
}

#[derive(Debug, Error)]
pub enum NotifyError {
    /// An address that RFC 5322 does not accept (`what` says which one: sender, recipient).
    #[error("invalid {what} address {value:?}: {reason}")]
    InvalidAddress {
        what: &'static str,
        value: String,
        reason: String,
    },
    /// The message could not be built from its parts.
    #[error("cannot build the message: {0}")]
    Message(String),
    /// The mail settings cannot work (TLS parameters, credentials, CA file).
    #[error("mail configuration: {0}")]
    Config(String),
    /// The SMS settings cannot work; the text names the setting (`sms.http.url: ...`).
    #[error("SMS configuration: {0}")]
    SmsConfig(String),
    /// A recipient that is not an E.164 number (shown masked: it is personal data).
    #[error("not an E.164 phone number: {0}")]
    InvalidPhone(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("mail directory: {0}")]
    Io(#[from] std::io::Error),
}
