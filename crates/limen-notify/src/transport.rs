//! The two ways a stored message leaves: an SMTP relay, or a development directory. Each
//! delivery ends in one [`Outcome`]; the mailer turns it into the next queue state.

use crate::{MailTransport, NotifyError, SmtpSecurity, SmtpSettings};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use limen_store::QueuedMail;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// What became of one delivery attempt.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Accepted by the relay, or written to the directory (`written_to`).
    Delivered { written_to: Option<PathBuf> },
    /// Worth trying again later: a 4xx reply (RFC 5321 §4.2.1), no connection, a timeout, TLS
    /// or authentication trouble (our configuration, not the message, is at fault).
    Transient(String),
    /// Refused for good: a 5xx reply to the message or its recipient (RFC 5321 §4.2.1).
    Permanent(String),
}

pub(crate) enum Transport {
    Directory(PathBuf),
    Smtp(Box<Relay>),
}

pub(crate) struct Relay {
    client: AsyncSmtpTransport<Tokio1Executor>,
    settings: SmtpSettings,
}

impl Transport {
    pub(crate) fn new(transport: &MailTransport) -> Result<Self, NotifyError> {
        match transport {
            MailTransport::Directory { path } => {
                std::fs::create_dir_all(path)?;
                Ok(Transport::Directory(path.clone()))
            }
            MailTransport::Smtp(settings) => Ok(Transport::Smtp(Box::new(Relay {
                client: smtp_client(settings)?,
                settings: settings.clone(),
            }))),
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Transport::Directory(path) => format!("directory {}", path.display()),
            Transport::Smtp(relay) => relay.settings.to_string(),
        }
    }

    pub(crate) fn is_directory(&self) -> bool {
        matches!(self, Transport::Directory(_))
    }

    /// The longest one delivery may take: a whole SMTP conversation is cut off after it.
    pub(crate) fn time_limit(&self) -> Duration {
        match self {
            Transport::Directory(_) => Duration::from_secs(30),
            Transport::Smtp(relay) => relay.settings.timeout,
        }
    }

    pub(crate) async fn deliver(&self, from: &Address, mail: &QueuedMail) -> Outcome {
        let attempt = async {
            match self {
                Transport::Directory(dir) => write_file(dir, mail).await,
                Transport::Smtp(relay) => send_smtp(&relay.client, from, mail).await,
            }
        };
        match tokio::time::timeout(self.time_limit(), attempt).await {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Transient(format!(
                "no answer within {} s",
                self.time_limit().as_secs()
            )),
        }
    }
}

fn smtp_client(s: &SmtpSettings) -> Result<AsyncSmtpTransport<Tokio1Executor>, NotifyError> {
    let tls = match s.security {
        SmtpSecurity::Implicit => Tls::Wrapper(tls_parameters(s)?),
        SmtpSecurity::StartTls => Tls::Required(tls_parameters(s)?),
        SmtpSecurity::None => Tls::None,
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.host.as_str())
        .port(s.port)
        .tls(tls)
        .timeout(Some(s.timeout));
    match (&s.username, &s.password) {
        (Some(user), Some(pass)) => {
            builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
        }
        (None, None) => {}
        _ => {
            return Err(NotifyError::Config(
                "SMTP username and password go together".into(),
            ));
        }
    }
    Ok(builder.build())
}

/// The relay's certificate is checked against the Mozilla roots plus, when `ca_file` is set, the
/// certificates it holds; the name checked is the configured host.
fn tls_parameters(s: &SmtpSettings) -> Result<TlsParameters, NotifyError> {
    let mut builder = TlsParameters::builder(s.host.clone());
    if let Some(path) = &s.ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            NotifyError::Config(format!("cannot read CA file {}: {e}", path.display()))
        })?;
        if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
            return Err(NotifyError::Config(format!(
                "CA file {} holds no PEM certificate",
                path.display()
            )));
        }
        let roots = Certificate::from_pem(&pem)
            .map_err(|e| NotifyError::Config(format!("CA file {}: {e}", path.display())))?;
        builder = builder.add_root_certificate(roots);
    }
    builder
        .build()
        .map_err(|e| NotifyError::Config(format!("TLS parameters for {}: {e}", s.host)))
}

/// Sends the stored message as it is (lettre adds the RFC 5321 §4.5.2 dot-stuffing), with the
/// envelope sender set to the From address and the one stored recipient.
async fn send_smtp(
    client: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Address,
    mail: &QueuedMail,
) -> Outcome {
    let to = match mail.recipient.parse::<Address>() {
        Ok(to) => to,
        Err(e) => return Outcome::Permanent(format!("invalid recipient: {e}")),
    };
    let envelope = match Envelope::new(Some(from.clone()), vec![to]) {
        Ok(envelope) => envelope,
        Err(e) => return Outcome::Permanent(format!("invalid envelope: {e}")),
    };
    // RFC 5321 §4.1.1.4: the data ends with "<CRLF>.<CRLF>", whose first CRLF ends the last
    // line. lettre always writes that whole sequence, so the message's own final line break is
    // left to it; otherwise the recipient would get one more, empty, line than was stored.
    let data = mail.body.strip_suffix("\r\n").unwrap_or(&mail.body);
    match client.send_raw(&envelope, data.as_bytes()).await {
        Ok(_) => Outcome::Delivered { written_to: None },
        Err(e) => classify(&e),
    }
}

/// RFC 5321 §4.2.1: a 5yz reply is permanent, a 4yz one transient. Two 5yz replies are
/// exceptions, because they blame our settings rather than the message: 530 (authentication or
/// STARTTLS required, RFC 4954 §6 and RFC 3207 §4) and 534/535/538 (credentials refused or
/// too weak a mechanism, RFC 4954 §6). Giving up on every queued message because of a typo in a
/// password would lose them all; they are retried until the operator fixes it or the policy
/// gives up.
fn classify(e: &lettre::transport::smtp::Error) -> Outcome {
    let text = e.to_string();
    match e.status() {
        Some(code) if e.is_permanent() => {
            if matches!(code.to_string().as_str(), "530" | "534" | "535" | "538") {
                Outcome::Transient(text)
            } else {
                Outcome::Permanent(text)
            }
        }
        _ => Outcome::Transient(text),
    }
}

/// Writes `{created_at}-{message id}.eml` atomically: a temporary file, synced, then renamed, so
/// a reader never sees half a message. The name comes from the message, so a second attempt
/// replaces the first file instead of adding another.
async fn write_file(dir: &Path, mail: &QueuedMail) -> Outcome {
    let name = file_name(mail);
    let path = dir.join(&name);
    let temporary = dir.join(format!(".{name}.tmp"));
    let written = async {
        tokio::fs::create_dir_all(dir).await?;
        let mut file = tokio::fs::File::create(&temporary).await?;
        file.write_all(mail.body.as_bytes()).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temporary, &path).await
    };
    match written.await {
        Ok(()) => Outcome::Delivered {
            written_to: Some(path),
        },
        Err(e) => {
            let _ = tokio::fs::remove_file(&temporary).await;
            Outcome::Transient(format!("cannot write {}: {e}", path.display()))
        }
    }
}

pub(crate) fn file_name(mail: &QueuedMail) -> String {
    let id: String = mail
        .message_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}-{id}.eml", mail.created_at.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    #[test]
    fn file_names_come_from_the_message_id_and_stay_in_the_directory() {
        let mail = QueuedMail {
            id: 1,
            message_id: "../../etc/passwd/x y@example.org".into(),
            recipient: "a@example.org".into(),
            subject: String::new(),
            body: String::new(),
            created_at: OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
            attempts: 0,
            next_attempt_at: OffsetDateTime::UNIX_EPOCH,
            sent_at: None,
            failed_at: None,
            last_error: None,
        };
        assert_eq!(
            file_name(&mail),
            "1800000000-.._.._etc_passwd_x_y@example.org.eml"
        );
    }
}
