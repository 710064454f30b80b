//! How mail leaves Limen: the sender, the transport and the retry policy.

use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;

/// How the connection to the SMTP relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// TLS from the first byte ("submissions", port 465, RFC 8314 §3.3).
    Implicit,
    /// Plain connection upgraded by STARTTLS (port 587, RFC 3207); refused if the server does not
    /// offer it, so credentials and mail never travel in clear.
    StartTls,
    /// No encryption at all: only for a relay on the same host or a trusted local network.
    None,
}

impl SmtpSecurity {
    fn label(self) -> &'static str {
        match self {
            SmtpSecurity::Implicit => "TLS",
            SmtpSecurity::StartTls => "STARTTLS",
            SmtpSecurity::None => "plain",
        }
    }
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// Limit for connecting and for each SMTP command; a whole delivery is bounded by it too.
    pub timeout: std::time::Duration,
    /// Extra trusted root certificate(s) in PEM, e.g. an internal relay's own CA.
    pub ca_file: Option<PathBuf>,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "****"))
            .field("timeout", &self.timeout)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl fmt::Display for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SMTP {}:{} ({})",
            self.host,
            self.port,
            self.security.label()
        )
    }
}

#[derive(Debug, Clone)]
pub enum MailTransport {
    /// Development: each message becomes a `.eml` file in `path`; nothing leaves the machine.
    Directory {
        path: PathBuf,
    },
    Smtp(SmtpSettings),
}

/// When to try again after a transient failure, and when to stop trying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failed attempt; doubled after each further one.
    pub first_delay: time::Duration,
    /// The longest wait between two attempts.
    pub max_delay: time::Duration,
    /// A message still undelivered this long after it was queued is given up.
    pub give_up_after: time::Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            first_delay: time::Duration::seconds(30),
            max_delay: time::Duration::hours(1),
            give_up_after: time::Duration::days(3),
        }
    }
}

impl RetryPolicy {
    /// The wait before the next attempt when `attempts` attempts have already failed before this
    /// one: `first_delay · 2^attempts`, capped at `max_delay`.
    pub fn delay(&self, attempts: i64) -> time::Duration {
        let shift = attempts.clamp(0, 30) as u32;
        self.first_delay
            .checked_mul(1_i32 << shift)
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }
}

#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The From header and envelope sender, e.g. `Limen <no-reply@example.org>`.
    pub from: String,
    pub transport: MailTransport,
    pub retry: RetryPolicy,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    #[test]
    fn backoff_doubles_from_the_first_delay_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(0), Duration::seconds(30));
        assert_eq!(p.delay(1), Duration::seconds(60));
        assert_eq!(p.delay(4), Duration::seconds(480));
        assert_eq!(p.delay(7), Duration::seconds(3840).min(Duration::hours(1)));
        assert_eq!(p.delay(60), Duration::hours(1));
        assert_eq!(p.delay(i64::MAX), Duration::hours(1));
        assert_eq!(p.delay(-3), Duration::seconds(30));
    }

    #[test]
    fn debug_hides_the_password() {
        let s = SmtpSettings {
            host: "mail.example.org".into(),
            port: 587,
            security: SmtpSecurity::StartTls,
            username: Some("limen".into()),
            password: Some("s3cret".into()),
            timeout: std::time::Duration::from_secs(10),
            ca_file: None,
        };
        assert!(!format!("{s:?}").contains("s3cret"));
        assert_eq!(s.to_string(), "SMTP mail.example.org:587 (STARTTLS)");
    }
}
