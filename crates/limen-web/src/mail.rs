//! The e-mails Limen sends, in the recipient's e-mail language (seed 003: "EU Login only sends
//! you e-mails to validate your identity or to tell you about security events on your
//! account"). Each is one letter — greeting, text, at most one link, signature — rendered as
//! text and HTML from `templates/mail/`, and queued in the persisted outbox.

use crate::i18n::{FluentArg, Tr};
use crate::{AppState, WebError};
use askama::Template;
use limen_core::Account;

#[derive(Template)]
#[template(path = "mail/letter.txt")]
struct LetterText<'a> {
    greeting: &'a str,
    before: &'a [String],
    action: Option<(String, String)>,
    after: &'a [String],
    signature: &'a str,
}

#[derive(Template)]
#[template(path = "mail/letter.html")]
struct LetterHtml<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    before: &'a [String],
    action: Option<(String, String)>,
    after: &'a [String],
    fallback: &'a str,
    signature: &'a str,
}

/// One e-mail, before rendering.
pub struct Letter {
    pub subject: String,
    pub greeting: String,
    /// Paragraphs before the link.
    pub before: Vec<String>,
    /// Link label and URL.
    pub action: Option<(String, String)>,
    /// Paragraphs after the link.
    pub after: Vec<String>,
}

/// The events a user is told about by e-mail; the engine's notices ([`limen_authn::Notice`])
/// become one with [`SecurityEvent::of`].
#[derive(Debug, Clone)]
pub enum SecurityEvent {
    PasswordChanged,
    /// Sent to the old address; `new` is the address the account moved to.
    EmailChanged {
        new: String,
    },
    AccountDeleted,
    FactorAdded {
        name: String,
    },
    FactorRemoved {
        name: String,
    },
    FactorRenamed {
        old: String,
        name: String,
    },
    /// PANIC: every second factor removed (`names`), every session ended.
    PanicUsed {
        names: String,
    },
    /// The help desk removed every second factor.
    FactorsRemovedByHelpDesk {
        names: String,
    },
    MfaAlwaysOn,
    MfaAlwaysOff,
    /// A mobile device was locked after too many wrong PINs.
    DeviceLocked {
        name: String,
    },
    /// A mobile device was unlinked by its app: locked, to be removed in My account.
    DeviceUnlinked {
        name: String,
    },
    /// A hardware token was locked after too many wrong codes, until `until` (written out), or
    /// until the help desk unlocks it (`None`).
    TokenLocked {
        name: String,
        until: Option<time::OffsetDateTime>,
    },
    /// The user reported a signature as not theirs (My account → My signatures).
    SignatureReported {
        service: String,
        title: String,
    },
    /// A sign-in was refused on a mobile device and reported as "not me": the letter's link is
    /// PANIC's, not My account's.
    SignInReported {
        device: String,
        service: String,
        network: String,
        browser: String,
        /// Whether the sign-in had passed a password (On Mobile needs none).
        password: bool,
    },
}

impl SecurityEvent {
    /// The e-mail of an engine notice.
    pub fn of(notice: limen_authn::Notice) -> Self {
        // (The PANIC confirmation is a link, not a security event: `panic_confirmation`.)
        use limen_authn::{Actor, Notice};
        match notice {
            Notice::FactorAdded { name } => SecurityEvent::FactorAdded { name },
            Notice::FactorRemoved { name } => SecurityEvent::FactorRemoved { name },
            Notice::FactorRenamed { old, name } => SecurityEvent::FactorRenamed { old, name },
            Notice::AllFactorsRemoved { names, by } => {
                let names = if names.is_empty() {
                    "-".to_owned()
                } else {
                    names.join(", ")
                };
                match by {
                    Actor::User => SecurityEvent::PanicUsed { names },
                    Actor::Cli | Actor::Admin => SecurityEvent::FactorsRemovedByHelpDesk { names },
                }
            }
            Notice::MfaAlways { on: true } => SecurityEvent::MfaAlwaysOn,
            Notice::MfaAlways { on: false } => SecurityEvent::MfaAlwaysOff,
            Notice::DeviceLocked { name } => SecurityEvent::DeviceLocked { name },
            Notice::DeviceUnlinked { name } => SecurityEvent::DeviceUnlinked { name },
            Notice::TokenLocked { name, until } => SecurityEvent::TokenLocked { name, until },
            Notice::SignInReported {
                device,
                service,
                network,
                browser,
                password,
            } => SecurityEvent::SignInReported {
                device,
                service,
                network,
                browser,
                password,
            },
            Notice::PanicConfirm { .. } => SecurityEvent::PanicUsed {
                names: String::new(),
            },
        }
    }
}

impl SecurityEvent {
    fn key(&self) -> &'static str {
        match self {
            SecurityEvent::PasswordChanged => "password-changed",
            SecurityEvent::EmailChanged { .. } => "email-changed",
            SecurityEvent::AccountDeleted => "account-deleted",
            SecurityEvent::FactorAdded { .. } => "factor-added",
            SecurityEvent::FactorRemoved { .. } => "factor-removed",
            SecurityEvent::FactorRenamed { .. } => "factor-renamed",
            SecurityEvent::PanicUsed { .. } => "panic-used",
            SecurityEvent::FactorsRemovedByHelpDesk { .. } => "factors-removed",
            SecurityEvent::MfaAlwaysOn => "mfa-on",
            SecurityEvent::MfaAlwaysOff => "mfa-off",
            SecurityEvent::DeviceLocked { .. } => "device-locked",
            SecurityEvent::DeviceUnlinked { .. } => "device-unlinked",
            SecurityEvent::TokenLocked { .. } => "token-locked",
            SecurityEvent::SignInReported { .. } => "sign-in-reported",
            SecurityEvent::SignatureReported { .. } => "signature-reported",
        }
    }
}

pub fn greeting(tr: &Tr, name: &str) -> String {
    tr.t1("mail-greeting", "name", name)
}

/// Renders a letter in `tr`'s language: (text, HTML).
pub fn render(tr: &Tr, letter: &Letter) -> Result<(String, String), WebError> {
    let signature = tr.t("mail-signature");
    let text = LetterText {
        greeting: &letter.greeting,
        before: &letter.before,
        action: letter.action.clone(),
        after: &letter.after,
        signature: &signature,
    }
    .render()?;
    let html = LetterHtml {
        lang: tr.lang(),
        subject: &letter.subject,
        greeting: &letter.greeting,
        before: &letter.before,
        action: letter.action.clone(),
        after: &letter.after,
        fallback: &tr.t("mail-link-fallback"),
        signature: &signature,
    }
    .render()?;
    Ok((text, html))
}

/// Renders a letter for `to`, ready for the outbox.
fn outgoing(
    to: &str,
    to_name: Option<String>,
    tr: &Tr,
    letter: &Letter,
) -> Result<limen_notify::OutgoingMail, WebError> {
    let (text, html) = render(tr, letter)?;
    Ok(limen_notify::OutgoingMail {
        to: to.to_owned(),
        to_name,
        subject: letter.subject.clone(),
        text,
        html,
    })
}

/// The development outbox directory logs the link (never with a real mail server: links are
/// credentials).
fn log_queued(state: &AppState, id: i64, to: &str, letter: &Letter) {
    if state.mailer.is_directory() {
        let link = letter
            .action
            .as_ref()
            .map(|(_, url)| tracing::field::display(url));
        tracing::info!(outbox_id = id, to, subject = %letter.subject, link, "mail queued (development outbox)");
    }
}

/// A store error stays one (it may pass: the queue's worker tries again); the rest cannot be
/// queued whatever one does.
fn queue_error(e: limen_notify::NotifyError) -> WebError {
    match e {
        limen_notify::NotifyError::Store(e) => WebError::Store(e),
        e => WebError::Internal(format!("queueing mail: {e}")),
    }
}

/// Queues a letter for `to`, on its own.
pub async fn send(
    state: &AppState,
    to: &str,
    to_name: Option<String>,
    tr: &Tr,
    letter: Letter,
) -> Result<(), WebError> {
    let mail = outgoing(to, to_name, tr, &letter)?;
    let id = state.mailer.queue(&mail).await.map_err(queue_error)?;
    log_queued(state, id, to, &letter);
    Ok(())
}

/// Queues a letter for `to` inside `tx`, with the writes it belongs to (issue 11 item 2: an
/// account or a link is never left without its e-mail, nor an e-mail without its link). The
/// caller commits, then wakes the mailer.
pub async fn send_in(
    state: &AppState,
    tx: &mut limen_store::StoreTx,
    to: &str,
    to_name: Option<String>,
    tr: &Tr,
    letter: Letter,
) -> Result<(), WebError> {
    let mail = outgoing(to, to_name, tr, &letter)?;
    let id = state
        .mailer
        .queue_in(tx, &mail)
        .await
        .map_err(queue_error)?;
    log_queued(state, id, to, &letter);
    Ok(())
}

/// A security e-mail to the account's address, in its e-mail language.
pub async fn security_mail(
    state: &AppState,
    account: &Account,
    event: SecurityEvent,
) -> Result<(), WebError> {
    security_mail_to(state, account, account.email.as_str(), event).await
}

/// The link that confirms PANIC, to the account's address, in its e-mail language.
pub async fn panic_confirmation(
    state: &AppState,
    account: &Account,
    token: &str,
    valid_for: time::Duration,
) -> Result<(), WebError> {
    let tr = Tr::new(&account.email_locale);
    let url = format!(
        "{}/account/methods/panic/confirm?token={}",
        state.config.public_url,
        crate::encode(token)
    );
    let letter = Letter {
        subject: tr.t("mail-panic-confirm-subject"),
        greeting: greeting(&tr, &account.display_name()),
        before: vec![
            tr.t("mail-panic-confirm-text"),
            tr.t1(
                "mail-panic-confirm-validity",
                "validity",
                &validity(&tr, valid_for),
            ),
        ],
        action: Some((tr.t("mail-panic-confirm-action"), url)),
        after: vec![tr.t("mail-panic-confirm-not-you")],
    };
    send(
        state,
        account.email.as_str(),
        Some(account.display_name()),
        &tr,
        letter,
    )
    .await
}

/// Like [`security_mail`], to another address (the old one after an address change).
pub async fn security_mail_to(
    state: &AppState,
    account: &Account,
    to: &str,
    event: SecurityEvent,
) -> Result<(), WebError> {
    let tr = Tr::new(&account.email_locale);
    let when = tr.datetime(state.now());
    // Someone has the password: the link goes where the devices can all be removed.
    let page = match event {
        SecurityEvent::SignInReported { .. } => "/account/methods/panic",
        _ => "/account",
    };
    let link = format!("{}{page}", state.config.public_url);
    let letter = security_letter(&tr, &account.display_name(), &event, &when, &link);
    send(state, to, Some(account.display_name()), &tr, letter).await
}

/// The letter of a security event, in `tr`'s language. `review_url`: the page its link opens
/// (My account; PANIC for a reported sign-in).
pub fn security_letter(
    tr: &Tr,
    name: &str,
    event: &SecurityEvent,
    when: &str,
    review_url: &str,
) -> Letter {
    let key = event.key();
    let mut before = vec![match event {
        SecurityEvent::EmailChanged { new } => tr.t1(&format!("mail-{key}-text"), "new", new),
        SecurityEvent::FactorAdded { name }
        | SecurityEvent::FactorRemoved { name }
        | SecurityEvent::DeviceLocked { name }
        | SecurityEvent::DeviceUnlinked { name } => {
            tr.t1(&format!("mail-{key}-text"), "name", name)
        }
        SecurityEvent::PanicUsed { names } | SecurityEvent::FactorsRemovedByHelpDesk { names } => {
            tr.t1(&format!("mail-{key}-text"), "names", names)
        }
        SecurityEvent::FactorRenamed { old, name } => tr.t_with(
            &format!("mail-{key}-text"),
            &[
                ("old", crate::i18n::FluentArg::Str(old.clone())),
                ("name", crate::i18n::FluentArg::Str(name.clone())),
            ],
        ),
        SecurityEvent::TokenLocked {
            name,
            until: Some(until),
        } => tr.t_with(
            "mail-token-locked-text",
            &[
                ("name", FluentArg::Str(name.clone())),
                ("until", FluentArg::Str(tr.datetime(*until))),
            ],
        ),
        SecurityEvent::TokenLocked { name, until: None } => {
            tr.t1("mail-token-locked-helpdesk-text", "name", name)
        }
        SecurityEvent::SignInReported {
            device,
            service,
            network,
            browser,
            ..
        } => tr.t_with(
            &format!("mail-{key}-text"),
            &[
                ("device", FluentArg::Str(device.clone())),
                ("service", FluentArg::Str(service.clone())),
                ("network", FluentArg::Str(network.clone())),
                ("browser", FluentArg::Str(browser.clone())),
            ],
        ),
        SecurityEvent::SignatureReported { service, title } => tr.t_with(
            &format!("mail-{key}-text"),
            &[
                ("service", FluentArg::Str(service.clone())),
                ("title", FluentArg::Str(title.clone())),
            ],
        ),
        _ => tr.t(&format!("mail-{key}-text")),
    }];
    before.push(tr.t1("mail-security-when", "time", when));
    let deleted = matches!(event, SecurityEvent::AccountDeleted);
    let reported = matches!(event, SecurityEvent::SignInReported { .. });
    match event {
        SecurityEvent::SignInReported { password: true, .. } => {
            before.push(tr.t("mail-sign-in-reported-advice"))
        }
        SecurityEvent::SignInReported {
            password: false, ..
        } => before.push(tr.t("mail-sign-in-reported-advice-on-mobile")),
        _ => {}
    }
    let after = if deleted {
        vec![tr.t("mail-account-deleted-not-you")]
    } else if reported {
        vec![tr.t("mail-sign-in-reported-if-you")]
    } else {
        vec![tr.t("mail-security-not-you")]
    };
    let label = if reported {
        tr.t("mail-sign-in-reported-action")
    } else {
        tr.t("mail-security-review")
    };
    Letter {
        subject: tr.t(&format!("mail-{key}-subject")),
        greeting: greeting(tr, name),
        before,
        action: (!deleted).then(|| (label, review_url.to_owned())),
        after,
    }
}

/// Human duration for "valid for …" sentences.
pub fn validity(tr: &Tr, d: time::Duration) -> String {
    let minutes = d.whole_minutes();
    if minutes % 60 == 0 {
        tr.t_with("duration-hours", &[("n", FluentArg::Num(minutes / 60))])
    } else {
        tr.t_with("duration-minutes", &[("n", FluentArg::Num(minutes))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<SecurityEvent> {
        vec![
            SecurityEvent::PasswordChanged,
            SecurityEvent::EmailChanged {
                new: "new@example.org".into(),
            },
            SecurityEvent::AccountDeleted,
            SecurityEvent::FactorAdded {
                name: "YubiKey 5".into(),
            },
            SecurityEvent::FactorRemoved {
                name: "Pixel 8".into(),
            },
            SecurityEvent::FactorRenamed {
                old: "Old key".into(),
                name: "Office key".into(),
            },
            SecurityEvent::PanicUsed {
                names: "YubiKey 5, Pixel 8".into(),
            },
            SecurityEvent::FactorsRemovedByHelpDesk {
                names: "YubiKey 5".into(),
            },
            SecurityEvent::MfaAlwaysOn,
            SecurityEvent::MfaAlwaysOff,
            SecurityEvent::DeviceLocked {
                name: "Pixel 8".into(),
            },
            SecurityEvent::DeviceUnlinked {
                name: "Pixel 8".into(),
            },
            SecurityEvent::TokenLocked {
                name: "Digipass 12345678".into(),
                until: Some(time::macros::datetime!(2026-11-23 11:00 UTC)),
            },
            SecurityEvent::TokenLocked {
                name: "Digipass 12345678".into(),
                until: None,
            },
            SecurityEvent::SignInReported {
                device: "Pixel 8".into(),
                service: "Staff portal".into(),
                network: "203.0.113.0/24".into(),
                browser: "Firefox on Linux".into(),
                password: true,
            },
            SecurityEvent::SignInReported {
                device: "Pixel 8".into(),
                service: "Staff portal".into(),
                network: "203.0.113.0/24".into(),
                browser: "Firefox on Linux".into(),
                password: false,
            },
        ]
    }

    /// Every security e-mail exists in every language, with its arguments filled in, as text
    /// and HTML.
    #[test]
    fn every_security_letter_is_translated_and_renders() {
        for (lang, _) in crate::i18n::LANGUAGES {
            let tr = Tr::new(lang);
            for event in events() {
                let letter = security_letter(
                    &tr,
                    "Ελένη Π.",
                    &event,
                    "2026-11-23 10:00 UTC",
                    "https://login.example.org/account",
                );
                assert!(!letter.subject.starts_with("mail-"), "{lang} {event:?}");
                let (text, html) = render(&tr, &letter).unwrap();
                // No message key shown for a text ("e-mail-címe" is Hungarian, not a key).
                assert!(
                    !text.split_whitespace().any(|w| w.starts_with("mail-")),
                    "{lang} {event:?}: {text}"
                );
                assert!(text.contains("Ελένη Π."), "{text}");
                assert!(text.contains("2026-11-23 10:00 UTC"));
                match &event {
                    SecurityEvent::FactorAdded { name }
                    | SecurityEvent::FactorRemoved { name }
                    | SecurityEvent::DeviceLocked { name }
                    | SecurityEvent::DeviceUnlinked { name } => {
                        assert!(text.contains(name.as_str()), "{text}")
                    }
                    SecurityEvent::TokenLocked { name, until } => {
                        assert!(text.contains(name.as_str()), "{text}");
                        if let Some(until) = until {
                            assert!(text.contains(&Tr::new(lang).datetime(*until)), "{text}");
                        }
                    }
                    SecurityEvent::EmailChanged { new } => assert!(text.contains(new.as_str())),
                    SecurityEvent::FactorRenamed { old, name } => {
                        assert!(text.contains(old.as_str()) && text.contains(name.as_str()))
                    }
                    SecurityEvent::PanicUsed { names }
                    | SecurityEvent::FactorsRemovedByHelpDesk { names } => {
                        assert!(text.contains(names.as_str()), "{text}")
                    }
                    SecurityEvent::SignInReported {
                        device,
                        service,
                        network,
                        browser,
                        password,
                    } => {
                        for shown in [device, service, network, browser] {
                            assert!(text.contains(shown.as_str()), "{text}");
                        }
                        // The advice fits how it was started: a password to change, or only
                        // the address known (On Mobile).
                        let advice = if *password {
                            "mail-sign-in-reported-advice"
                        } else {
                            "mail-sign-in-reported-advice-on-mobile"
                        };
                        assert!(text.contains(tr.t(advice).as_str()), "{text}");
                    }
                    _ => {}
                }
                assert!(html.starts_with("<!doctype html>"));
                assert!(html.contains(&format!("lang=\"{lang}\"")));
                assert_eq!(
                    html.contains("https://login.example.org/account"),
                    !matches!(event, SecurityEvent::AccountDeleted)
                );
            }
        }
    }

    #[test]
    fn html_letters_escape_what_users_typed() {
        let tr = Tr::new("en");
        let letter = security_letter(
            &tr,
            "<b>Mallory</b>",
            &SecurityEvent::PasswordChanged,
            "now",
            "https://x/",
        );
        let (_, html) = render(&tr, &letter).unwrap();
        assert!(!html.contains("<b>Mallory"));
        assert!(html.contains("Mallory"), "the name is there, escaped");
    }
}
