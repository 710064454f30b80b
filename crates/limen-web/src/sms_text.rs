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

/// Longest service name an SMS carries: with the longest text, one SMS (160 GSM characters).
const SERVICE_MAX: usize = 30;

/// Longest transaction title a signing code's SMS carries, with the longest service name: the
/// rest of the title is on the signing page, which the user has in front of them.
const TITLE_MAX: usize = 34;

/// A service's name as an SMS carries it ([`one_line`], at most [`SERVICE_MAX`] characters):
/// names are the operator's, but an SMS is paid per part.
fn service_name(name: &str) -> String {
    one_line(name, SERVICE_MAX)
}

/// Text a service or an operator chose, as an SMS carries it: one line (control characters
/// and runs of spaces made one space), at most `max` characters, a cut one ending in "...".
fn one_line(text: &str, max: usize) -> String {
    let one_line = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    // "..." rather than "…", which the GSM alphabet lacks (it would make the SMS UCS-2).
    let cut: String = one_line.chars().take(max - 3).collect();
    format!("{}...", cut.trim_end())
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
            ("service", FluentArg::Str(service_name(&message.service))),
            ("title", FluentArg::Str(one_line(&message.title, TITLE_MAX))),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn message(purpose: SmsPurpose, service: &str, locale: &str) -> SmsMessage {
        SmsMessage {
            to: "+33612345678".into(),
            purpose,
            code: "ACD-EFG-HJK".into(),
            service: service.into(),
            title: if purpose == SmsPurpose::Sign {
                "Transfert de quotas d'émission vers un compte de l'Union européenne".into()
            } else {
                String::new()
            },
            locale: locale.into(),
            minutes: 60,
            not_after: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    /// The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1), without the extension table.
    const GSM7: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                        ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// Every text is one SMS in the languages that the GSM 7-bit alphabet writes (160
    /// characters; 3GPP TS 23.038), and at most three UCS-2 parts (3 × 67 characters; TS 23.040
    /// §9.2.3.24.1, the concatenation header taking 3 of each part's 70) in those it cannot
    /// (Cyrillic, Greek, most Central European letters), with the longest service name and
    /// title: an SMS is paid per part.
    #[test]
    fn every_text_fits_one_sms() {
        let long = "Registre de l'Union - échange de quotas d'émission";
        for (locale, _) in crate::i18n::LANGUAGES {
            for purpose in [SmsPurpose::Login, SmsPurpose::AddNumber, SmsPurpose::Sign] {
                for service in ["", long] {
                    let t = text(&message(purpose, service, locale));
                    assert!(t.starts_with("ACD-EFG-HJK"), "{t}");
                    // The service's name and the title are French here, with letters outside
                    // GSM 7-bit: what decides the encoding is the language's own text.
                    let own = text(&message(purpose, "Registry", locale));
                    let max = if own.chars().all(|c| GSM7.contains(c)) {
                        160
                    } else {
                        201
                    };
                    assert!(
                        t.chars().count() <= max,
                        "{locale} {purpose:?}: {} > {max}: {t}",
                        t.chars().count()
                    );
                }
            }
        }
        // English and French are GSM 7-bit.
        for locale in ["en", "fr"] {
            let t = text(&message(SmsPurpose::Login, "Registry", locale));
            assert!(t.chars().all(|c| GSM7.contains(c)), "{t}");
        }
    }

    /// A signing code's text names the transaction's title and the service (issue 18), both
    /// cut to fit, in every language.
    #[test]
    fn a_signing_text_names_the_title_and_the_service() {
        for (locale, _) in crate::i18n::LANGUAGES {
            let mut m = message(SmsPurpose::Sign, "Union Registry", locale);
            m.title = "Transfer of\n allowances".into();
            let t = text(&m);
            assert!(t.contains("Transfer of allowances"), "{t}");
            assert!(t.contains("Union Registry"), "{t}");
            assert!(t.contains("60"), "{t}");
            let long = text(&message(SmsPurpose::Sign, "Union Registry", locale));
            assert!(long.contains("Transfert de quotas d'émission..."), "{long}");
        }
    }

    #[test]
    fn service_names_are_one_short_line() {
        assert_eq!(service_name("  My\nservice\t name "), "My service name");
        let cut = service_name(&"x".repeat(100));
        assert_eq!(cut.chars().count(), SERVICE_MAX);
        assert!(cut.ends_with("..."));
        assert_eq!(service_name("Registry"), "Registry");
    }
}
