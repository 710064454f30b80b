//! The words of an SMS: the engine says what to send ([`SmsMessage`]); this writes it in the
//! account's language — the code first (phones show the start of a message in notifications),
//! the service when there is one, how long it lasts, and never to share it — then queues it in
//! the outbox, never sent after the code expires.

use crate::i18n::{FluentArg, Tr};
use limen_authn::sms::{SmsMessage, SmsOut, SmsPurpose};
use limen_authn::{AuthnError, BoxFuture};
use limen_notify::sms::SmsSender;
use std::sync::Arc;

pub(crate) struct WebSmsOut {
    sender: Arc<SmsSender>,
}

impl WebSmsOut {
    pub(crate) fn new(sender: Arc<SmsSender>) -> Self {
        Self { sender }
    }
}

/// The text of `message` in its language.
pub(crate) fn text(message: &SmsMessage) -> String {
    let tr = Tr::new(&message.locale);
    let key = match (message.purpose, message.service.is_empty()) {
        (SmsPurpose::Login, true) => "sms-text-login",
        (SmsPurpose::Login, false) => "sms-text-login-service",
        (SmsPurpose::AddNumber, _) => "sms-text-add-number",
        (SmsPurpose::Sign, _) => "sms-text-sign",
    };
    tr.t_with(
        key,
        &[
            ("code", FluentArg::Str(message.code.clone())),
            ("service", FluentArg::Str(message.service.clone())),
            ("minutes", FluentArg::Num(message.minutes)),
        ],
    )
}

impl SmsOut for WebSmsOut {
    fn send<'a>(&'a self, message: &'a SmsMessage) -> BoxFuture<'a, Result<i64, AuthnError>> {
        Box::pin(async move {
            self.sender
                .queue(
                    &message.to,
                    message.purpose.as_str(),
                    &text(message),
                    Some(&message.code),
                    message.not_after,
                )
                .await
                .map_err(|e| AuthnError::Internal(format!("SMS outbox: {e}")))
        })
    }
}
