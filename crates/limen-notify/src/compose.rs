//! Turns a letter into the exact RFC 5322 message that will be stored and sent.
//!
//! lettre does the encoding work: RFC 2047 encoded-words for non-ASCII display names and
//! subjects, and for each body part the RFC 2045 §6 transfer encoding that keeps it 7-bit
//! (quoted-printable or base64), so the stored message is plain ASCII and can be relayed by
//! any server, 8BITMIME or not.

use crate::NotifyError;
use lettre::Address;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message, MultiPart};
use limen_store::NewMail;
use rand::Rng;

/// One e-mail to one person, already rendered in both forms.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// The recipient's address (the RFC 5321 envelope recipient and the To header).
    pub to: String,
    /// The recipient's name for the To header, in any script.
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Parses the configured sender, e.g. `Limen <no-reply@example.org>` or a bare address.
pub(crate) fn parse_sender(from: &str) -> Result<Mailbox, NotifyError> {
    from.trim()
        .parse::<Mailbox>()
        .map_err(|e| NotifyError::InvalidAddress {
            what: "sender",
            value: from.to_owned(),
            reason: e.to_string(),
        })
}

/// Builds the message: `From`, `To`, `Subject`, `Date`, a fresh `Message-ID`, and
/// `Auto-Submitted: auto-generated` (RFC 3834 §5, so that vacation responders stay quiet), with
/// a `multipart/alternative` body (RFC 2046 §5.1.4) holding the text part first and the HTML
/// part last, the one preferred by readers that can show it. Both parts are UTF-8.
///
/// The returned row carries the Message-ID without its angle brackets, the bare recipient
/// address and the formatted message.
pub fn compose(from: &str, mail: &OutgoingMail) -> Result<NewMail, NotifyError> {
    let sender = parse_sender(from)?;
    let recipient: Address =
        mail.to
            .trim()
            .parse()
            .map_err(
                |e: lettre::address::AddressError| NotifyError::InvalidAddress {
                    what: "recipient",
                    value: mail.to.clone(),
                    reason: e.to_string(),
                },
            )?;
    let to_name = mail
        .to_name
        .as_deref()
        .map(single_line)
        .filter(|n| !n.is_empty());
    let subject = single_line(&mail.subject);
    let message_id = new_message_id(&sender.email);
    let message = Message::builder()
        .from(sender)
        .to(Mailbox::new(to_name, recipient.clone()))
        .subject(subject.clone())
        .date_now()
        // RFC 5322 §3.6.4: msg-id = "<" id-left "@" id-right ">".
        .message_id(Some(format!("<{message_id}>")))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".to_owned(),
        ))
        .multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            mail.html.clone(),
        ))
        .map_err(|e| NotifyError::Message(e.to_string()))?;
    let body = String::from_utf8(message.formatted())
        .map_err(|_| NotifyError::Message("the formatted message is not UTF-8".into()))?;
    Ok(NewMail {
        message_id,
        recipient: recipient.to_string(),
        subject,
        body,
    })
}

/// A globally unique id (RFC 5322 §3.6.4): 128 random bits on the left, the sender's domain on
/// the right — a domain we control, so no other system mints ids under it.
fn new_message_id(sender: &Address) -> String {
    let domain = sender.domain();
    let domain = if domain.is_ascii() && !domain.starts_with('[') {
        domain
    } else {
        "limen.invalid"
    };
    let left: u128 = rand::thread_rng().r#gen();
    format!("{left:032x}@{domain}")
}

/// Header texts are one line: any control character (a CR or LF smuggled into a subject or a
/// name) becomes a space, so no caller can add header fields.
fn single_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders, PartType};

    fn letter(to: &str, name: Option<&str>, subject: &str) -> OutgoingMail {
        OutgoingMail {
            to: to.into(),
            to_name: name.map(Into::into),
            subject: subject.into(),
            text: "Bonjour,\n\nCliquez : https://sso.example.org/reset?t=abc\n\nΓεια σου — 你好\n"
                .into(),
            html: "<p>Bonjour,</p><p><a href=\"https://sso.example.org/reset?t=abc\">Ici</a> — 你好</p>"
                .into(),
        }
    }

    fn parts(body: &str) -> (String, String) {
        let parsed = MessageParser::default().parse(body.as_bytes()).unwrap();
        let mut text = None;
        let mut html = None;
        for part in &parsed.parts {
            match &part.body {
                PartType::Text(t) => text = Some(t.to_string()),
                PartType::Html(h) => html = Some(h.to_string()),
                _ => {}
            }
        }
        // RFC 5322 §2.3: lines end in CRLF on the wire, whatever the letter used.
        let lf = |s: String| s.replace("\r\n", "\n");
        (lf(text.unwrap()), lf(html.unwrap()))
    }

    #[test]
    fn builds_a_multipart_message_that_reads_back() {
        let mail = letter(
            "jean.dupont@example.com",
            Some("Jean Dupont"),
            "Réinitialiser",
        );
        let row = compose("Limen <no-reply@sso.example.org>", &mail).unwrap();
        assert_eq!(row.recipient, "jean.dupont@example.com");
        assert_eq!(row.subject, "Réinitialiser");
        assert!(row.body.is_ascii(), "7-bit transfer encodings");
        assert!(row.message_id.ends_with("@sso.example.org"));
        assert!(!row.message_id.contains(['<', '>']));

        let parsed = MessageParser::default().parse(row.body.as_bytes()).unwrap();
        assert_eq!(parsed.subject(), Some("Réinitialiser"));
        assert_eq!(parsed.message_id(), Some(row.message_id.as_str()));
        assert!(parsed.date().is_some());
        let from = parsed.from().unwrap().first().unwrap();
        assert_eq!(from.name.as_deref(), Some("Limen"));
        assert_eq!(from.address.as_deref(), Some("no-reply@sso.example.org"));
        let to = parsed.to().unwrap().first().unwrap();
        assert_eq!(to.address.as_deref(), Some("jean.dupont@example.com"));
        assert_eq!(
            parsed.header("Auto-Submitted").and_then(|v| v.as_text()),
            Some("auto-generated")
        );
        let root = parsed.root_part().content_type().unwrap();
        assert_eq!(
            (root.ctype(), root.subtype()),
            ("multipart", Some("alternative"))
        );
        let (text, html) = parts(&row.body);
        assert_eq!(text, mail.text);
        assert_eq!(html, mail.html);
        let ctypes: Vec<String> = parsed
            .parts
            .iter()
            .skip(1)
            .filter_map(|p| p.content_type())
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
            .collect();
        assert_eq!(ctypes, ["text/plain", "text/html"], "text first, HTML last");
    }

    #[test]
    fn non_ascii_names_and_subjects_round_trip() {
        for (name, subject) in [
            ("Γιώργος Παπαδόπουλος", "Επαναφορά κωδικού πρόσβασης"),
            ("王小明", "重置您的密码"),
        ] {
            let row = compose(
                "Υπηρεσία Limen <no-reply@example.org>",
                &letter("user@example.org", Some(name), subject),
            )
            .unwrap();
            assert!(row.body.is_ascii(), "RFC 2047 encoded-words");
            let parsed = MessageParser::default().parse(row.body.as_bytes()).unwrap();
            assert_eq!(parsed.subject(), Some(subject));
            let to = parsed.to().unwrap().first().unwrap();
            assert_eq!(to.name.as_deref(), Some(name));
            let from = parsed.from().unwrap().first().unwrap();
            assert_eq!(from.name.as_deref(), Some("Υπηρεσία Limen"));
            assert_eq!(parts(&row.body).0, letter("", None, "").text);
        }
    }

    #[test]
    fn every_message_gets_its_own_id() {
        let mail = letter("a@example.org", None, "x");
        let ids: std::collections::HashSet<String> = (0..200)
            .map(|_| compose("no-reply@example.org", &mail).unwrap().message_id)
            .collect();
        assert_eq!(ids.len(), 200);
    }

    #[test]
    fn header_injection_is_impossible() {
        let row = compose(
            "no-reply@example.org",
            &letter(
                "a@example.org",
                Some("Eve\r\nBcc: victim@example.net"),
                "Hi\r\nBcc: victim@example.net",
            ),
        )
        .unwrap();
        let parsed = MessageParser::default().parse(row.body.as_bytes()).unwrap();
        assert!(parsed.bcc().is_none());
        assert_eq!(parsed.subject(), Some("Hi  Bcc: victim@example.net"));
    }

    /// Issue 11 item 2: an address that `Email::parse` accepts must never be refused when the
    /// message is built — that refusal used to come after the account row was written. Every
    /// code point is tried inside a local part and at its start (the domain leaves the parser
    /// in ASCII, IDNA's punycode).
    #[test]
    fn every_address_the_parser_accepts_can_be_composed() {
        let mut refused = Vec::new();
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            for candidate in [format!("a{c}b@example.org"), format!("{c}b@example.org")] {
                if let Ok(email) = limen_core::Email::parse(&candidate)
                    && email.as_str().parse::<Address>().is_err()
                {
                    refused.push(format!("U+{:04X}", u32::from(c)));
                }
            }
        }
        refused.dedup();
        assert!(
            refused.is_empty(),
            "{} code points pass Email::parse but not lettre, e.g. {:?}",
            refused.len(),
            &refused[..refused.len().min(12)]
        );
        // And the message itself builds for a few real ones.
        for to in [
            "jos\u{e9}@example.org",
            "\u{7528}\u{6237}@\u{4f8b}\u{5b50}.cn",
        ] {
            let email = limen_core::Email::parse(to).unwrap();
            compose("no-reply@example.org", &letter(email.as_str(), None, "x")).unwrap();
        }
    }

    #[test]
    fn bad_addresses_are_refused() {
        let mail = letter("not an address", None, "x");
        assert!(matches!(
            compose("no-reply@example.org", &mail),
            Err(NotifyError::InvalidAddress {
                what: "recipient",
                ..
            })
        ));
        assert!(matches!(
            compose("Limen <nobody>", &letter("a@example.org", None, "x")),
            Err(NotifyError::InvalidAddress { what: "sender", .. })
        ));
    }
}
