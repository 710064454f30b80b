//! Configuration: built-in defaults, then `limen.toml` (or `--config`), then `LIMEN_…` environment
//! variables (`__` separates sections: `LIMEN_CAS__SERVICE_TICKET_TTL_SECONDS=30`), then
//! `LIMEN_…_FILE` variables naming a file that holds the value (for secrets), then command-line
//! flags. Every key is documented in `docs/CONFIGURATION.md`.

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use limen_core::session::SessionLifetime;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub listen: String,
    /// Base URL users reach Limen at; empty = `http://{listen}`.
    pub public_url: String,
    pub database: String,
    pub log_format: String,
    pub log_level: String,
    pub internal_domains: Vec<String>,
    pub password: PasswordConfig,
    pub sso: SsoConfig,
    pub cas: CasConfig,
    pub throttle: ThrottleConfig,
    pub http: HttpConfig,
    /// Outgoing calls: single logout, proxy callbacks, `jwks_uri`.
    pub http_client: HttpClientSection,
    pub metrics: MetricsConfig,
    pub demo: DemoConfig,
    pub mail: MailConfig,
    pub self_service: SelfServiceConfig,
    pub oidc: OidcConfig,
    pub keys: KeysConfig,
    /// Per verification method (`[methods.webauthn]`, `[methods.sms]`, ...): enabled, for which
    /// user types, retired from which day.
    pub methods: std::collections::BTreeMap<String, MethodConfig>,
    pub webauthn: WebauthnSection,
    /// PANIC, "remove all my devices" (My account).
    pub panic: PanicSection,
    /// The mobile app (docs/MOBILE-PROTOCOL.md).
    pub mobile: MobileSection,
    /// Hardware tokens (HOTP, TOTP, OCRA): windows and lockout.
    pub tokens: TokensSection,
    /// SMS codes and their gateway (the method is `[methods.sms]`, off by default).
    pub sms: crate::config_sms::SmsSection,
    /// Development mode: the outbox page at /dev/outbox. Never on a server real users reach.
    pub dev: bool,
    /// `[[upstream]]`: identity providers users may sign in with (docs/FEDERATION.md).
    pub upstream: Vec<serde_json::Value>,
    /// Limen as a SAML 2.0 identity provider (docs/SAML.md).
    pub saml: SamlSection,
    /// The admin console and API, and the audit log's retention (docs/ADMIN.md).
    pub admin: AdminSection,
}

/// `[admin]` (docs/ADMIN.md).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminSection {
    /// The console needs a session proven with one of these strengths.
    pub console_strengths: Vec<String>,
    /// Lifetime of an admin API access token (client credentials grant).
    pub token_lifetime_seconds: u32,
    /// Audit entries older than this many days are removed; 0 keeps them forever.
    pub audit_retention_days: u32,
}

impl Default for AdminSection {
    fn default() -> Self {
        let web = limen_web::admin::AdminConfig::default();
        Self {
            console_strengths: web
                .console_strengths
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            token_lifetime_seconds: u32::try_from(web.token_ttl.whole_seconds()).unwrap_or(600),
            audit_retention_days: 0,
        }
    }
}

impl AdminSection {
    pub fn config(&self) -> anyhow::Result<limen_web::admin::AdminConfig> {
        let mut strengths = Vec::new();
        for s in &self.console_strengths {
            let strength: limen_core::Strength = s
                .parse()
                .map_err(|e| anyhow::anyhow!("admin.console_strengths: {e}"))?;
            strengths.push(strength);
        }
        if strengths.is_empty() {
            anyhow::bail!("admin.console_strengths may not be empty");
        }
        if !(30..=3600).contains(&self.token_lifetime_seconds) {
            anyhow::bail!("admin.token_lifetime_seconds must be between 30 and 3600");
        }
        Ok(limen_web::admin::AdminConfig {
            console_strengths: strengths,
            token_ttl: time::Duration::seconds(i64::from(self.token_lifetime_seconds)),
            audit_retention: (self.audit_retention_days > 0)
                .then(|| time::Duration::days(i64::from(self.audit_retention_days))),
        })
    }
}

/// `[saml]`: Limen as a SAML 2.0 identity provider (docs/SAML.md): request and assertion
/// lifetimes, the signing keys' rollover, the SSO rate limit and the metadata's contacts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SamlSection {
    /// How long a login may take between the AuthnRequest and the Response (1–120).
    pub request_ttl_minutes: u32,
    /// `NotOnOrAfter` of assertions and subject confirmations (1–60).
    pub assertion_lifetime_minutes: u32,
    /// A rotated key is published this long before it signs (1–365).
    pub key_prepublish_days: u32,
    /// A replaced key stays published this long after it stopped signing (0–365).
    pub key_overlap_days: u32,
    /// Keys older than this are rotated (checked hourly); 0 = never.
    pub key_rotation_days: u32,
    /// Requests to `/saml/sso` one client address may make per minute.
    pub sso_per_minute: u32,
    /// The metadata's `md:Organization` name; empty = none.
    pub organization: String,
    /// The metadata's technical `md:ContactPerson` address; empty = none.
    pub contact_email: String,
}

impl Default for SamlSection {
    fn default() -> Self {
        let d = limen_web::saml::SamlSettings::default();
        let whole = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            request_ttl_minutes: whole(d.request_ttl.whole_minutes()),
            assertion_lifetime_minutes: whole(d.assertion_lifetime.whole_minutes()),
            key_prepublish_days: whole(d.key_prepublish.whole_days()),
            key_overlap_days: whole(d.key_overlap.whole_days()),
            key_rotation_days: d.key_rotation.map_or(0, |r| whole(r.whole_days())),
            sso_per_minute: whole(d.sso_per_minute),
            organization: d.organization.unwrap_or_default(),
            contact_email: d.contact_email.unwrap_or_default(),
        }
    }
}

impl SamlSection {
    /// The web layer's settings, checked; each refusal names the key and its range.
    pub fn settings(&self) -> anyhow::Result<limen_web::saml::SamlSettings> {
        if !(1..=120).contains(&self.request_ttl_minutes) {
            bail!(
                "saml.request_ttl_minutes = {}: 1 to 120 (how long a login may take)",
                self.request_ttl_minutes
            );
        }
        if !(1..=60).contains(&self.assertion_lifetime_minutes) {
            bail!(
                "saml.assertion_lifetime_minutes = {}: 1 to 60",
                self.assertion_lifetime_minutes
            );
        }
        if !(1..=365).contains(&self.key_prepublish_days) {
            bail!(
                "saml.key_prepublish_days = {}: 1 to 365 (SPs must have time to load the new key; \
                 `limen keys rotate --now` replaces a compromised key at once)",
                self.key_prepublish_days
            );
        }
        if self.key_overlap_days > 365 {
            bail!(
                "saml.key_overlap_days = {}: 0 to 365",
                self.key_overlap_days
            );
        }
        if self.key_rotation_days != 0
            && !(self.key_prepublish_days + 1..=3650).contains(&self.key_rotation_days)
        {
            bail!(
                "saml.key_rotation_days = {}: 0 (never) or from key_prepublish_days + 1 ({}) to 3650",
                self.key_rotation_days,
                self.key_prepublish_days + 1
            );
        }
        if self.sso_per_minute == 0 {
            bail!("saml.sso_per_minute must be at least 1");
        }
        let organization = self.organization.trim();
        if organization.chars().count() > 200 || organization.chars().any(char::is_control) {
            bail!("saml.organization: at most 200 characters, without control characters");
        }
        let contact = self.contact_email.trim();
        if !contact.is_empty() {
            limen_core::Email::parse(contact)
                .map_err(|e| anyhow::anyhow!("saml.contact_email = {contact:?}: {e}"))?;
        }
        let days = |d: u32| time::Duration::days(i64::from(d));
        Ok(limen_web::saml::SamlSettings {
            request_ttl: time::Duration::minutes(i64::from(self.request_ttl_minutes)),
            assertion_lifetime: time::Duration::minutes(i64::from(self.assertion_lifetime_minutes)),
            key_prepublish: days(self.key_prepublish_days),
            key_overlap: days(self.key_overlap_days),
            key_rotation: (self.key_rotation_days > 0).then(|| days(self.key_rotation_days)),
            sso_per_minute: i64::from(self.sso_per_minute),
            organization: (!organization.is_empty()).then(|| organization.to_owned()),
            contact_email: (!contact.is_empty()).then(|| contact.to_owned()),
        })
    }
}

/// `[tokens]`: hardware tokens (docs/AUTHENTICATION.md, "Tokens").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct TokensSection {
    /// HOTP and counter-based OCRA: counters a code may be ahead (RFC 4226 §7.4).
    pub hotp_window: u32,
    /// Resynchronisation from two consecutive HOTP codes: how far ahead.
    pub hotp_resync_window: u32,
    /// TOTP: time steps accepted either side of the token's clock.
    pub totp_window: u32,
    /// TOTP resynchronisation: time steps either side.
    pub totp_resync_window: u32,
    /// Wrong codes in a row before a token locks.
    pub max_failures: u32,
    /// How long it stays locked; 0: until `limen token unlock`.
    pub lock_minutes: u32,
    /// A code beyond the window followed by the next one resynchronises the token.
    pub auto_resync: bool,
}

impl Default for TokensSection {
    fn default() -> Self {
        let d = limen_authn::token::TokenConfig::default();
        Self {
            hotp_window: 10,
            hotp_resync_window: 1000,
            totp_window: 1,
            totp_resync_window: 10,
            max_failures: 10,
            lock_minutes: 60,
            auto_resync: d.auto_resync,
        }
    }
}

impl TokensSection {
    pub fn config(&self) -> anyhow::Result<limen_authn::token::TokenConfig> {
        if !(1..=100).contains(&self.hotp_window) {
            bail!("tokens.hotp_window = {}: 1 to 100", self.hotp_window);
        }
        if !(self.hotp_window..=10_000).contains(&self.hotp_resync_window) {
            bail!(
                "tokens.hotp_resync_window = {}: hotp_window to 10000",
                self.hotp_resync_window
            );
        }
        if self.totp_window > 10 {
            bail!("tokens.totp_window = {}: 0 to 10", self.totp_window);
        }
        if !(self.totp_window..=1000).contains(&self.totp_resync_window) {
            bail!(
                "tokens.totp_resync_window = {}: totp_window to 1000",
                self.totp_resync_window
            );
        }
        if self.lock_minutes > 525_600 {
            bail!(
                "tokens.lock_minutes = {}: 0 to 525600 (a year)",
                self.lock_minutes
            );
        }
        if !(1..=100).contains(&self.max_failures) {
            bail!("tokens.max_failures = {}: 1 to 100", self.max_failures);
        }
        Ok(limen_authn::token::TokenConfig {
            hotp_window: u64::from(self.hotp_window),
            hotp_resync_window: u64::from(self.hotp_resync_window),
            totp_window: u64::from(self.totp_window),
            totp_resync_window: u64::from(self.totp_resync_window),
            max_failures: i64::from(self.max_failures),
            lock: (self.lock_minutes > 0)
                .then(|| time::Duration::minutes(i64::from(self.lock_minutes))),
            auto_resync: self.auto_resync,
        })
    }
}

/// `[mobile]`: the mobile app's PIN, challenges and wake-ups (docs/MOBILE-PROTOCOL.md §8).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MobileSection {
    /// The PIN's least number of digits (4 to 12).
    pub pin_length: u32,
    /// Wrong PINs in a row before a device is locked.
    pub pin_tries: u32,
    /// How long a push, QR-code or On Mobile request may be answered (10 to 120 s).
    pub challenge_seconds: u32,
    /// How long an enrolment QR code works (1 to 5 minutes).
    pub enrol_minutes: u32,
    /// Denied push requests per account and hour before push is held for the hour.
    pub deny_per_hour: u32,
    /// How devices are woken: `log` (development: devices see requests on their live
    /// connection) or `webpush` (RFC 8030/8291/8292, to the subscription a device registered).
    pub push: String,
    /// The VAPID contact for `webpush`: `mailto:…` or `https://…` (RFC 8292 §2.1).
    pub vapid_subject: String,
}

impl Default for MobileSection {
    fn default() -> Self {
        Self {
            pin_length: 4,
            pin_tries: 5,
            challenge_seconds: 120,
            enrol_minutes: 5,
            deny_per_hour: 3,
            push: "log".into(),
            vapid_subject: String::new(),
        }
    }
}

impl MobileSection {
    fn config(&self, public_url: &str) -> anyhow::Result<limen_web::MobileWebConfig> {
        let mut engine = limen_authn::mobile::MobileConfig::new(public_url);
        engine.pin_length = self.pin_length as usize;
        engine.pin_tries = i64::from(self.pin_tries);
        engine.challenge_seconds = i64::from(self.challenge_seconds);
        engine.enrol_minutes = i64::from(self.enrol_minutes);
        engine.deny_per_hour = i64::from(self.deny_per_hour);
        engine.check().map_err(|e| anyhow::anyhow!(e))?;
        let push = match self.push.trim() {
            "log" | "" => limen_web::PushMode::Log,
            "webpush" => {
                let subject = self.vapid_subject.trim();
                if !(subject.starts_with("mailto:") || subject.starts_with("https://")) {
                    bail!(
                        "mobile.vapid_subject must be a mailto: or https: URL when mobile.push = \"webpush\""
                    );
                }
                limen_web::PushMode::WebPush {
                    subject: subject.to_owned(),
                }
            }
            other => bail!("mobile.push = {other:?}: log or webpush"),
        };
        Ok(limen_web::MobileWebConfig { engine, push })
    }
}

/// `[panic]`: who may remove all their second factors with the password alone, and how often.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct PanicSection {
    /// `external` (the default, as EU Login), `internal`, or both.
    pub allowed_user_types: Vec<String>,
    pub per_account_per_day: u32,
}

impl Default for PanicSection {
    fn default() -> Self {
        Self {
            allowed_user_types: vec!["external".into()],
            per_account_per_day: 3,
        }
    }
}

impl PanicSection {
    fn config(&self) -> anyhow::Result<limen_web::PanicConfig> {
        let mut allowed_user_types = Vec::new();
        for t in &self.allowed_user_types {
            allowed_user_types.push(match t.trim().to_ascii_lowercase().as_str() {
                "internal" => limen_core::UserType::Internal,
                "external" => limen_core::UserType::External,
                other => bail!(
                    "panic.allowed_user_types: unknown user type {other:?} (internal, external)"
                ),
            });
        }
        if self.per_account_per_day == 0 {
            bail!("panic.per_account_per_day must be positive");
        }
        Ok(limen_web::PanicConfig {
            allowed_user_types,
            per_account_per_day: i64::from(self.per_account_per_day),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct OidcConfig {
    pub code_lifetime_seconds: u32,
    pub access_token_lifetime_seconds: u32,
    pub refresh_token_lifetime_days: u32,
    pub id_token_lifetime_seconds: u32,
    pub key_rotation_days: u32,
}

/// The web application's defaults, in the units of the configuration file.
impl Default for OidcConfig {
    fn default() -> Self {
        let web = limen_web::OidcConfig::default();
        let secs = |d: time::Duration| u32::try_from(d.whole_seconds()).unwrap_or(u32::MAX);
        let days = |d: time::Duration| u32::try_from(d.whole_days()).unwrap_or(u32::MAX);
        Self {
            code_lifetime_seconds: secs(web.code_ttl),
            access_token_lifetime_seconds: secs(web.access_token_ttl),
            refresh_token_lifetime_days: days(web.refresh_token_ttl),
            id_token_lifetime_seconds: secs(web.id_token_ttl),
            key_rotation_days: days(web.key_rotation),
        }
    }
}

/// The master key sealing secrets at rest (OIDC signing keys). Every node of a cluster needs the
/// same one; it never goes into the database.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct KeysConfig {
    /// The key itself (64 hex digits or 43 base64url characters); best given as
    /// `LIMEN_KEYS__MASTER_KEY_FILE=/run/secrets/limen-master-key`.
    pub master_key: String,
    /// Otherwise, a file holding it, created (mode 0600) on first start if missing.
    pub master_key_path: String,
}

impl Default for KeysConfig {
    fn default() -> Self {
        Self {
            master_key: String::new(),
            master_key_path: "./data/master.key".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MailConfig {
    /// The From of every message, e.g. `Limen <no-reply@login.example.org>`.
    pub from: String,
    /// `directory` (development: .eml files, nothing leaves the machine) or `smtp`.
    pub transport: String,
    pub directory: String,
    pub smtp: SmtpConfig,
    pub retry: MailRetryConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SmtpConfig {
    pub host: String,
    /// 0: the usual port of `security` (465 implicit TLS, 587 STARTTLS, 25 none).
    pub port: u16,
    /// `starttls`, `implicit` or `none` (a relay on the same host only).
    pub security: String,
    pub username: String,
    pub password: String,
    pub timeout_seconds: u32,
    /// Extra trusted root certificate(s), PEM (an internal relay's CA).
    pub ca_certificates: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MailRetryConfig {
    pub first_delay_seconds: u32,
    pub max_delay_minutes: u32,
    pub give_up_after_hours: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfServiceConfig {
    pub registration: bool,
    pub register_link_hours: u32,
    pub reset_link_minutes: u32,
    pub email_change_link_hours: u32,
    pub captcha_minutes: u32,
    /// Leading zero bits of the proof-of-work CAPTCHA alternative (each one doubles the work).
    pub pow_difficulty: u32,
    pub mails_per_address_per_hour: u32,
    pub requests_per_client_per_hour: u32,
    /// Link to your privacy statement; empty for the built-in one.
    pub privacy_url: String,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            from: "Limen <no-reply@localhost>".into(),
            transport: "directory".into(),
            directory: "./data/outbox".into(),
            smtp: SmtpConfig::default(),
            retry: MailRetryConfig::default(),
        }
    }
}

impl Default for SmtpConfig {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 0,
            security: "starttls".into(),
            username: String::new(),
            password: String::new(),
            timeout_seconds: 15,
            ca_certificates: String::new(),
        }
    }
}

impl Default for MailRetryConfig {
    fn default() -> Self {
        Self {
            first_delay_seconds: 30,
            max_delay_minutes: 60,
            give_up_after_hours: 72,
        }
    }
}

impl Default for SelfServiceConfig {
    fn default() -> Self {
        let d = limen_web::SelfServiceConfig::default();
        Self {
            registration: d.registration_enabled,
            register_link_hours: 24,
            reset_link_minutes: 60,
            email_change_link_hours: 24,
            captcha_minutes: 30,
            pow_difficulty: d.pow_difficulty,
            mails_per_address_per_hour: 5,
            requests_per_client_per_hour: 30,
            privacy_url: String::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordConfig {
    /// 0 = passwords never expire.
    pub max_age_days: u32,
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
    /// Concurrent hashes; 0 = one per CPU core.
    pub hash_workers: usize,
    /// Hashes that may wait for a worker; beyond, sign-ins get 503 with Retry-After at once.
    /// 0 = 128 per worker, at least 256.
    pub hash_queue: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SsoConfig {
    pub idle_timeout_minutes: u32,
    pub max_lifetime_hours: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CasConfig {
    pub service_ticket_ttl_seconds: u32,
    pub proxy_granting_ticket_ttl_minutes: u32,
    pub proxy_callback_allow_http: bool,
    /// How long an EU Login login request (`POST /cas/login/init`) waits for its browser.
    pub login_request_ttl_seconds: u32,
    /// Login requests one client address may make per minute (`POST /cas/login/init`).
    pub login_requests_per_minute: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ThrottleConfig {
    pub account_max_failures: u32,
    pub account_window_minutes: u32,
    pub account_base_lock_seconds: u32,
    pub account_max_lock_minutes: u32,
    pub address_max_failures: u32,
    pub address_window_minutes: u32,
    pub address_lock_minutes: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpConfig {
    /// Reverse proxies (addresses or CIDR networks) whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<String>,
    /// Deprecated: `true` trusts loopback proxies only (`127.0.0.0/8`, `::1`), as if they were
    /// listed in `trusted_proxies`.
    pub trust_forwarded_for: bool,
    /// Connections served at once; more wait in the kernel's queue.
    pub max_connections: usize,
    /// A request's head must arrive within this; also how long an idle keep-alive connection
    /// stays open.
    pub header_timeout_seconds: u32,
    /// A request's body must arrive within this (408 after).
    pub body_timeout_seconds: u32,
    /// Connections one client address may hold at once (trusted proxies excepted).
    pub max_connections_per_address: usize,
    /// A response must make progress at least this often, or its connection is closed.
    pub send_timeout_seconds: u32,
    /// After SIGTERM or SIGINT: how long the requests in flight may take to finish before the
    /// process exits anyway (no new connection is accepted meanwhile).
    pub shutdown_grace_seconds: u32,
}

impl Default for HttpConfig {
    fn default() -> Self {
        let limits = limen_web::HttpLimits::default();
        let secs = |d: std::time::Duration| u32::try_from(d.as_secs()).unwrap_or(u32::MAX);
        Self {
            trusted_proxies: Vec::new(),
            trust_forwarded_for: false,
            max_connections: limits.max_connections,
            header_timeout_seconds: secs(limits.header_timeout),
            body_timeout_seconds: secs(limits.body_timeout),
            max_connections_per_address: limits.max_connections_per_address,
            send_timeout_seconds: secs(limits.send_timeout),
            shutdown_grace_seconds: secs(limits.shutdown_grace),
        }
    }
}

impl HttpConfig {
    /// The trusted proxy networks; a bare address is a network of one.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<ipnet::IpNet>> {
        let mut nets = Vec::new();
        for entry in &self.trusted_proxies {
            let entry = entry.trim();
            let net = entry
                .parse::<ipnet::IpNet>()
                .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    anyhow::anyhow!(
                        "http.trusted_proxies: {entry:?} is neither an IP address nor a CIDR network"
                    )
                })?;
            nets.push(net);
        }
        if self.trust_forwarded_for {
            for loopback in ["127.0.0.0/8", "::1/128"] {
                nets.push(loopback.parse().expect("a valid network"));
            }
        }
        Ok(nets)
    }
}

/// `[http_client]`: the one client of every outgoing call (single logout, CAS proxy callbacks,
/// OpenID Connect `jwks_uri`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpClientSection {
    /// A PEM file of extra trusted root certificate(s), added to the public roots (an internal
    /// CA); empty = the public roots only.
    pub ca_certificates: String,
    /// A whole request, connection to last byte of the answer.
    pub timeout_seconds: u32,
    /// The connection, TLS handshake included.
    pub connect_timeout_seconds: u32,
}

impl Default for HttpClientSection {
    fn default() -> Self {
        let web = limen_web::HttpClientConfig::default();
        let secs = |d: std::time::Duration| u32::try_from(d.as_secs()).unwrap_or(u32::MAX);
        Self {
            ca_certificates: String::new(),
            timeout_seconds: secs(web.timeout),
            connect_timeout_seconds: secs(web.connect_timeout),
        }
    }
}

impl HttpClientSection {
    pub(crate) fn config(&self) -> limen_web::HttpClientConfig {
        let path = self.ca_certificates.trim();
        limen_web::HttpClientConfig {
            ca_file: (!path.is_empty()).then(|| path.into()),
            timeout: std::time::Duration::from_secs(u64::from(self.timeout_seconds)),
            connect_timeout: std::time::Duration::from_secs(u64::from(
                self.connect_timeout_seconds,
            )),
        }
    }

    /// Checks the timeouts and builds the client once, which reads and parses the CA file.
    fn check(&self) -> anyhow::Result<()> {
        if self.timeout_seconds == 0 || self.connect_timeout_seconds == 0 {
            bail!("http_client.timeout_seconds and connect_timeout_seconds must be positive");
        }
        // Proxy callbacks are made while the validation request waits: an outgoing call may
        // not hold it longer than a minute.
        if self.timeout_seconds > 60 {
            bail!("http_client.timeout_seconds must be at most 60");
        }
        if self.connect_timeout_seconds > self.timeout_seconds {
            bail!("http_client.connect_timeout_seconds must not exceed timeout_seconds");
        }
        let config = self.config();
        let key = match config.ca_file {
            Some(_) => "http_client.ca_certificates",
            None => "http_client",
        };
        limen_web::http_client::build(&config).context(key)?;
        Ok(())
    }
}

/// Who may read `/metrics`.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MetricsConfig {
    /// `ADDRESS:PORT` of a listener of their own (the main one then answers 404); empty = the
    /// main listener.
    pub listen: String,
    /// A bearer token scrapers must send (`LIMEN_METRICS__TOKEN_FILE` to read it from a file);
    /// empty = none.
    pub token: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MethodConfig {
    /// Unset: the method's default (on, but SMS is off until an operator turns it on).
    pub enabled: Option<bool>,
    /// `internal`, `external`; empty = every user type.
    pub user_types: Vec<String>,
    /// `YYYY-MM-DD`: from that day (UTC) on, the method is retired; empty = never.
    pub retire_on: String,
}

impl MethodConfig {
    fn rule(&self, key: &str) -> anyhow::Result<limen_core::MethodRule> {
        let mut user_types = Vec::new();
        for t in &self.user_types {
            user_types.push(match t.trim().to_ascii_lowercase().as_str() {
                "internal" => limen_core::UserType::Internal,
                "external" => limen_core::UserType::External,
                other => bail!(
                    "methods.{key}.user_types: unknown user type {other:?} (internal, external)"
                ),
            });
        }
        let retire_on = match self.retire_on.trim() {
            "" => None,
            day => Some(
                time::Date::parse(
                    day,
                    time::macros::format_description!("[year]-[month]-[day]"),
                )
                .with_context(|| format!("methods.{key}.retire_on = {day:?} is not YYYY-MM-DD"))?,
            ),
        };
        Ok(limen_core::MethodRule {
            enabled: self.enabled.unwrap_or(true),
            user_types,
            retire_on,
        })
    }
}

/// The WebAuthn relying party (security keys, trusted platforms, passkeys).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WebauthnSection {
    /// The RP ID; empty = the public URL's host (`localhost` for a loopback address).
    pub rp_id: String,
    pub rp_name: String,
    /// Origins allowed to run ceremonies; empty = the public URL's origin.
    pub origins: Vec<String>,
    /// User verification for keys used after the password: required, preferred, discouraged.
    /// Passkeys (passwordless) always require it.
    pub user_verification: String,
    pub timeout_seconds: u32,
    pub ceremony_minutes: u32,
    /// Passwordless challenges per client address and hour.
    pub passwordless_per_client_per_hour: u32,
}

impl Default for WebauthnSection {
    fn default() -> Self {
        Self {
            rp_id: String::new(),
            rp_name: "Limen".into(),
            origins: Vec::new(),
            user_verification: "preferred".into(),
            timeout_seconds: 120,
            ceremony_minutes: 5,
            passwordless_per_client_per_hour: 600,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct DemoConfig {
    pub enabled: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            public_url: String::new(),
            database: "sqlite://./data/limen.db".into(),
            log_format: "text".into(),
            log_level: "info".into(),
            internal_domains: Vec::new(),
            password: PasswordConfig::default(),
            sso: SsoConfig::default(),
            cas: CasConfig::default(),
            throttle: ThrottleConfig::default(),
            http: HttpConfig::default(),
            http_client: HttpClientSection::default(),
            metrics: MetricsConfig::default(),
            demo: DemoConfig::default(),
            mail: MailConfig::default(),
            self_service: SelfServiceConfig::default(),
            oidc: OidcConfig::default(),
            keys: KeysConfig::default(),
            methods: std::collections::BTreeMap::new(),
            webauthn: WebauthnSection::default(),
            panic: PanicSection::default(),
            mobile: MobileSection::default(),
            tokens: TokensSection::default(),
            sms: crate::config_sms::SmsSection::default(),
            dev: false,
            upstream: Vec::new(),
            saml: SamlSection::default(),
            admin: AdminSection::default(),
        }
    }
}

impl Default for PasswordConfig {
    fn default() -> Self {
        Self {
            max_age_days: 0,
            argon2_memory_kib: 19_456,
            argon2_iterations: 2,
            argon2_parallelism: 1,
            hash_workers: 0,
            hash_queue: 0,
        }
    }
}

impl Default for SsoConfig {
    fn default() -> Self {
        Self {
            idle_timeout_minutes: 120,
            max_lifetime_hours: 10,
        }
    }
}

impl Default for CasConfig {
    fn default() -> Self {
        Self {
            service_ticket_ttl_seconds: 60,
            proxy_granting_ticket_ttl_minutes: 120,
            proxy_callback_allow_http: false,
            login_request_ttl_seconds: 300,
            login_requests_per_minute: 600,
        }
    }
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            account_max_failures: 5,
            account_window_minutes: 15,
            account_base_lock_seconds: 60,
            account_max_lock_minutes: 60,
            address_max_failures: 50,
            address_window_minutes: 15,
            address_lock_minutes: 15,
        }
    }
}

impl Default for DemoConfig {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// Loads the configuration. `explicit` is `--config`: it must exist; the default `limen.toml`
/// is read only if present.
pub fn load(explicit: Option<&Path>) -> anyhow::Result<Config> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    match explicit {
        Some(path) => {
            if !path.exists() {
                bail!("configuration file {} does not exist", path.display());
            }
            figment = figment.merge(Toml::file(path));
        }
        None => figment = figment.merge(Toml::file("limen.toml")),
    }
    figment = figment.merge(Env::prefixed("LIMEN_").split("__").filter(|k| {
        let k = k.as_str().to_ascii_lowercase();
        !k.ends_with("_file") && !k.starts_with("test")
    }));
    for (name, path) in
        std::env::vars().filter(|(k, _)| k.starts_with("LIMEN_") && k.ends_with("_FILE"))
    {
        let key = name["LIMEN_".len()..name.len() - "_FILE".len()]
            .to_ascii_lowercase()
            .replace("__", ".");
        let value = std::fs::read_to_string(&path)
            .with_context(|| format!("{name}: cannot read {path}"))?;
        figment = figment.merge(Serialized::global(
            &key,
            value.trim_end_matches(['\r', '\n']),
        ));
    }
    let config: Config = figment.extract().context("invalid configuration")?;
    config.validate()?;
    Ok(config)
}

impl Config {
    pub fn validate(&self) -> anyhow::Result<()> {
        self.admin.config()?;
        self.panic.config()?;
        self.mobile.config(&self.public_url())?;
        self.tokens.config()?;
        self.sms.engine()?;
        self.sms.gateway()?;
        self.listen
            .parse::<std::net::SocketAddr>()
            .with_context(|| format!("listen = {:?} is not an ADDRESS:PORT", self.listen))?;
        let url = &self.public_url;
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            bail!(
                "public_url = {:?} must start with http:// or https://",
                self.public_url
            );
        }
        self.method_policy()?;
        self.http.trusted_proxies()?;
        let h = &self.http;
        if h.max_connections == 0
            || h.max_connections_per_address == 0
            || h.header_timeout_seconds == 0
            || h.body_timeout_seconds == 0
            || h.send_timeout_seconds == 0
        {
            bail!(
                "http.max_connections, max_connections_per_address, header_timeout_seconds, \
                 body_timeout_seconds and send_timeout_seconds must be positive"
            );
        }
        self.http_client.check()?;
        self.saml.settings()?;
        crate::config_upstream::upstreams(&self.upstream)?;
        let metrics_listen = self.metrics.listen.trim();
        if !metrics_listen.is_empty() {
            let addr = metrics_listen
                .parse::<std::net::SocketAddr>()
                .with_context(|| {
                    format!("metrics.listen = {metrics_listen:?} is not an ADDRESS:PORT")
                })?;
            if Some(addr) == self.listen.parse().ok() {
                bail!("metrics.listen must differ from listen");
            }
        }
        if !self.metrics.token.is_empty() && self.metrics.token.len() < 16 {
            bail!("metrics.token must be at least 16 characters");
        }
        if limen_web::webauthn::UserVerification::parse(&self.webauthn.user_verification).is_none()
        {
            bail!(
                "webauthn.user_verification must be required, preferred or discouraged, not {:?}",
                self.webauthn.user_verification
            );
        }
        if self.webauthn.timeout_seconds == 0 || self.webauthn.ceremony_minutes == 0 {
            bail!("webauthn.timeout_seconds and webauthn.ceremony_minutes must be positive");
        }
        // An explicit relying party must be right; a derived one that cannot work (a public URL
        // on a non-loopback IP address) only turns WebAuthn off (see `web`).
        if !self.webauthn.rp_id.trim().is_empty() || !self.webauthn.origins.is_empty() {
            limen_web::webauthn::RelyingParty::new(&self.webauthn_config())
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        if !matches!(self.log_format.as_str(), "text" | "json") {
            bail!(
                "log_format must be \"text\" or \"json\", not {:?}",
                self.log_format
            );
        }
        if self.password.argon2_memory_kib < 8 * self.password.argon2_parallelism.max(1)
            || self.password.argon2_iterations == 0
        {
            bail!("password.argon2_* parameters are too small");
        }
        if self.cas.service_ticket_ttl_seconds == 0 || self.cas.service_ticket_ttl_seconds > 600 {
            bail!("cas.service_ticket_ttl_seconds must be between 1 and 600");
        }
        if self.cas.login_request_ttl_seconds == 0 || self.cas.login_request_ttl_seconds > 3600 {
            bail!("cas.login_request_ttl_seconds must be between 1 and 3600");
        }
        if self.cas.login_requests_per_minute == 0 {
            bail!("cas.login_requests_per_minute must be at least 1");
        }
        if self.sso.idle_timeout_minutes == 0 || self.sso.max_lifetime_hours == 0 {
            bail!("sso timeouts must be positive");
        }
        if self.throttle.account_max_failures == 0 || self.throttle.address_max_failures == 0 {
            bail!("throttle.*_max_failures must be positive");
        }
        self.mail_settings()?;
        let s = &self.self_service;
        if s.register_link_hours == 0
            || s.reset_link_minutes == 0
            || s.email_change_link_hours == 0
            || s.captcha_minutes == 0
        {
            bail!("self_service link and CAPTCHA lifetimes must be positive");
        }
        if !(8..=28).contains(&s.pow_difficulty) {
            bail!("self_service.pow_difficulty must be between 8 and 28 bits");
        }
        if !(s.privacy_url.is_empty()
            || s.privacy_url.starts_with("https://")
            || s.privacy_url.starts_with("http://")
            || s.privacy_url.starts_with('/'))
        {
            bail!("self_service.privacy_url must be an http(s) URL or a path");
        }
        let o = &self.oidc;
        if o.code_lifetime_seconds == 0 || o.code_lifetime_seconds > 600 {
            bail!("oidc.code_lifetime_seconds must be between 1 and 600");
        }
        if o.access_token_lifetime_seconds == 0
            || o.refresh_token_lifetime_days == 0
            || o.id_token_lifetime_seconds == 0
            || o.key_rotation_days == 0
        {
            bail!("oidc lifetimes and key_rotation_days must be positive");
        }
        if !self.keys.master_key.is_empty()
            && limen_crypto::sealed::parse_master_key(self.keys.master_key.trim()).is_none()
        {
            bail!(
                "keys.master_key must be 32 random bytes as 64 hex digits or 43 base64url characters"
            );
        }
        if self.keys.master_key.is_empty() && self.keys.master_key_path.is_empty() {
            bail!("set keys.master_key or keys.master_key_path");
        }
        Ok(())
    }

    /// The master key: `keys.master_key`, else the file at `keys.master_key_path` (created when
    /// missing). Returns the key and, when the file was just created, its path.
    pub fn master_key(&self) -> anyhow::Result<([u8; 32], Option<String>)> {
        if !self.keys.master_key.is_empty() {
            let key = limen_crypto::sealed::parse_master_key(self.keys.master_key.trim())
                .context("keys.master_key is not a valid key")?;
            return Ok((key, None));
        }
        let path = std::path::Path::new(&self.keys.master_key_path);
        let (key, created) = limen_crypto::sealed::load_or_create_master_key(path)?;
        Ok((key, created.then(|| self.keys.master_key_path.clone())))
    }

    /// The mail settings, checked.
    pub fn mail_settings(&self) -> anyhow::Result<limen_notify::MailSettings> {
        use limen_notify::{MailSettings, MailTransport, RetryPolicy, SmtpSecurity, SmtpSettings};
        let m = &self.mail;
        let transport = match m.transport.as_str() {
            "directory" => MailTransport::Directory {
                path: m.directory.clone().into(),
            },
            "smtp" => {
                let security = match m.smtp.security.as_str() {
                    "starttls" => SmtpSecurity::StartTls,
                    "implicit" | "tls" => SmtpSecurity::Implicit,
                    "none" => SmtpSecurity::None,
                    other => bail!(
                        "mail.smtp.security must be \"starttls\", \"implicit\" or \"none\", not {other:?}"
                    ),
                };
                if m.smtp.host.is_empty() {
                    bail!("mail.transport = \"smtp\" needs mail.smtp.host");
                }
                if m.smtp.timeout_seconds == 0 {
                    bail!("mail.smtp.timeout_seconds must be positive");
                }
                let port = match (m.smtp.port, security) {
                    (0, SmtpSecurity::Implicit) => 465,
                    (0, SmtpSecurity::StartTls) => 587,
                    (0, SmtpSecurity::None) => 25,
                    (p, _) => p,
                };
                let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                MailTransport::Smtp(SmtpSettings {
                    host: m.smtp.host.clone(),
                    port,
                    security,
                    username: opt(&m.smtp.username),
                    password: opt(&m.smtp.password),
                    timeout: std::time::Duration::from_secs(u64::from(m.smtp.timeout_seconds)),
                    ca_file: opt(&m.smtp.ca_certificates).map(Into::into),
                })
            }
            other => bail!("mail.transport must be \"directory\" or \"smtp\", not {other:?}"),
        };
        if m.retry.first_delay_seconds == 0
            || m.retry.max_delay_minutes == 0
            || m.retry.give_up_after_hours == 0
        {
            bail!("mail.retry values must be positive");
        }
        Ok(MailSettings {
            from: m.from.clone(),
            transport,
            retry: RetryPolicy {
                first_delay: time::Duration::seconds(i64::from(m.retry.first_delay_seconds)),
                max_delay: time::Duration::minutes(i64::from(m.retry.max_delay_minutes)),
                give_up_after: time::Duration::hours(i64::from(m.retry.give_up_after_hours)),
            },
        })
    }

    /// The method rules of `[methods.*]`.
    pub fn method_policy(&self) -> anyhow::Result<limen_core::MethodPolicy> {
        let mut policy = limen_core::MethodPolicy::default();
        for (key, m) in &self.methods {
            let Some(method) = limen_core::Method::from_config_key(key) else {
                let known: Vec<&str> = limen_core::Method::ALL
                    .iter()
                    .map(|m| m.config_key())
                    .collect();
                bail!(
                    "[methods.{key}]: unknown method (known: {})",
                    known.join(", ")
                );
            };
            let mut rule = m.rule(key)?;
            // Without `user_types`, a method keeps its default audience (tokens: staff).
            if m.user_types.is_empty() {
                rule.user_types = policy.rule(method).user_types;
            }
            // Without `enabled`, its default (SMS stays off: a `retire_on` alone does not
            // turn it on).
            if m.enabled.is_none() {
                rule.enabled = policy.rule(method).enabled;
            }
            policy.set(method, rule);
        }
        Ok(policy)
    }

    pub fn webauthn_config(&self) -> limen_web::webauthn::WebauthnConfig {
        let w = &self.webauthn;
        let mut c = limen_web::webauthn::WebauthnConfig::for_public_url(&self.public_url());
        if !w.rp_id.trim().is_empty() {
            c.rp_id = w.rp_id.trim().to_owned();
        }
        if !w.origins.is_empty() {
            c.origins = w
                .origins
                .iter()
                .map(|o| o.trim_end_matches('/').to_owned())
                .collect();
        }
        c.rp_name = w.rp_name.clone();
        c.user_verification = limen_web::webauthn::UserVerification::parse(&w.user_verification)
            .unwrap_or(limen_web::webauthn::UserVerification::Preferred);
        c.timeout = std::time::Duration::from_secs(u64::from(w.timeout_seconds));
        c.ceremony_ttl = time::Duration::minutes(i64::from(w.ceremony_minutes));
        c.passwordless_per_client_per_hour = i64::from(w.passwordless_per_client_per_hour);
        c
    }

    /// The public URL; by default the listening address, named `localhost` when it is a
    /// loopback or unspecified address (WebAuthn needs a domain name, and browsers treat
    /// `http://localhost` as a secure context).
    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            match self.listen.parse::<std::net::SocketAddr>() {
                Ok(addr) if addr.ip().is_loopback() || addr.ip().is_unspecified() => {
                    format!("http://localhost:{}", addr.port())
                }
                _ => format!("http://{}", self.listen),
            }
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    pub fn hash_params(&self) -> limen_crypto::HashParams {
        limen_crypto::HashParams {
            memory_kib: self.password.argon2_memory_kib,
            iterations: self.password.argon2_iterations,
            parallelism: self.password.argon2_parallelism,
        }
    }

    pub fn hash_workers(&self) -> usize {
        if self.password.hash_workers > 0 {
            self.password.hash_workers
        } else {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        }
    }

    pub fn hash_queue(&self) -> usize {
        if self.password.hash_queue > 0 {
            self.password.hash_queue
        } else {
            (self.hash_workers() * 128).max(256)
        }
    }

    pub fn web(&self) -> limen_web::WebConfig {
        let minutes = |m: u32| time::Duration::minutes(i64::from(m));
        let mut web = limen_web::WebConfig::new(&self.public_url());
        // Checked by `validate` at load: an entry that fails here was refused there.
        let (oidc, saml) = crate::config_upstream::upstreams(&self.upstream).unwrap_or_default();
        web.upstreams = oidc;
        web.saml_upstreams = saml;
        web.internal_domains = self.internal_domains.clone();
        web.service_ticket_ttl =
            time::Duration::seconds(i64::from(self.cas.service_ticket_ttl_seconds));
        web.proxy_granting_ticket_ttl = minutes(self.cas.proxy_granting_ticket_ttl_minutes);
        web.login_request_ttl =
            time::Duration::seconds(i64::from(self.cas.login_request_ttl_seconds));
        web.login_requests_per_minute = self.cas.login_requests_per_minute;
        web.session = SessionLifetime {
            idle: minutes(self.sso.idle_timeout_minutes),
            absolute: time::Duration::hours(i64::from(self.sso.max_lifetime_hours)),
        };
        let t = &self.throttle;
        web.throttle = limen_web::ThrottleConfig {
            account_max_failures: i64::from(t.account_max_failures),
            account_window: minutes(t.account_window_minutes),
            account_base_lock: time::Duration::seconds(i64::from(t.account_base_lock_seconds)),
            account_max_lock: minutes(t.account_max_lock_minutes),
            address_max_failures: i64::from(t.address_max_failures),
            address_window: minutes(t.address_window_minutes),
            address_lock: minutes(t.address_lock_minutes),
        };
        web.password_max_age_days =
            (self.password.max_age_days > 0).then_some(self.password.max_age_days);
        web.proxy_callback_allow_http = self.cas.proxy_callback_allow_http;
        // Checked by `validate`.
        web.trusted_proxies = self.http.trusted_proxies().unwrap_or_default();
        web.http = limen_web::HttpLimits {
            max_connections: self.http.max_connections,
            header_timeout: std::time::Duration::from_secs(u64::from(
                self.http.header_timeout_seconds,
            )),
            body_timeout: std::time::Duration::from_secs(u64::from(self.http.body_timeout_seconds)),
            max_connections_per_address: self.http.max_connections_per_address,
            send_timeout: std::time::Duration::from_secs(u64::from(self.http.send_timeout_seconds)),
            shutdown_grace: std::time::Duration::from_secs(u64::from(
                self.http.shutdown_grace_seconds,
            )),
            ..limen_web::HttpLimits::default()
        };
        web.http_client = self.http_client.config();
        web.metrics = limen_web::MetricsAccess {
            separate_listener: !self.metrics.listen.trim().is_empty(),
            token: (!self.metrics.token.is_empty()).then(|| self.metrics.token.clone()),
        };
        web.demo_enabled = self.demo.enabled;
        let s = &self.self_service;
        web.self_service = limen_web::SelfServiceConfig {
            registration_enabled: s.registration,
            register_link_ttl: time::Duration::hours(i64::from(s.register_link_hours)),
            reset_link_ttl: minutes(s.reset_link_minutes),
            email_change_link_ttl: time::Duration::hours(i64::from(s.email_change_link_hours)),
            captcha_ttl: minutes(s.captcha_minutes),
            pow_difficulty: s.pow_difficulty,
            mails_per_address_per_hour: i64::from(s.mails_per_address_per_hour),
            requests_per_client_per_hour: i64::from(s.requests_per_client_per_hour),
            privacy_url: (!s.privacy_url.is_empty()).then(|| s.privacy_url.clone()),
        };
        web.dev_mode = self.dev;
        // Checked by validate(); the defaults when it was not run.
        web.saml = self.saml.settings().unwrap_or_default();
        web.admin = self.admin.config().unwrap_or_default();
        let o = &self.oidc;
        web.oidc = limen_web::OidcConfig {
            code_ttl: time::Duration::seconds(i64::from(o.code_lifetime_seconds)),
            access_token_ttl: time::Duration::seconds(i64::from(o.access_token_lifetime_seconds)),
            refresh_token_ttl: time::Duration::days(i64::from(o.refresh_token_lifetime_days)),
            id_token_ttl: time::Duration::seconds(i64::from(o.id_token_lifetime_seconds)),
            key_rotation: time::Duration::days(i64::from(o.key_rotation_days)),
            ..limen_web::OidcConfig::default()
        };
        web.methods = self.method_policy().unwrap_or_default();
        web.webauthn = self.webauthn_config();
        // Checked by validate(); the default when it was not run.
        web.panic = self.panic.config().unwrap_or_default();
        if let Ok(mobile) = self.mobile.config(&self.public_url()) {
            web.mobile = mobile;
        }
        if let Ok(tokens) = self.tokens.config() {
            web.tokens = tokens;
        }
        // Checked by validate(); the defaults (development outbox) when it was not run.
        if let (Ok(engine), Ok(gateway)) = (self.sms.engine(), self.sms.gateway()) {
            web.sms = limen_web::SmsWebConfig { engine, gateway };
        }
        if let Err(e) = limen_web::webauthn::RelyingParty::new(&web.webauthn) {
            tracing::warn!(
                error = %e,
                "security keys and passkeys are off: reach Limen by a domain name (public_url) or set webauthn.rp_id"
            );
            let mut rule = web.methods.rule(limen_core::Method::Webauthn);
            rule.enabled = false;
            web.methods.set(limen_core::Method::Webauthn, rule);
            web.webauthn = limen_web::webauthn::WebauthnConfig::for_public_url("http://localhost");
        }
        web
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_toml(text: &str) -> anyhow::Result<Config> {
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(text))
            .extract()?;
        config.validate()?;
        Ok(config)
    }

    #[test]
    fn method_rules_are_read_and_checked() {
        let c = from_toml(
            r#"
            [methods.sms]
            retire_on = "2025-07-01"
            [methods.webauthn]
            user_types = ["internal"]
            [methods.token]
            enabled = false
            "#,
        )
        .unwrap();
        let policy = c.method_policy().unwrap();
        let day = time::macros::date!(2025 - 07 - 01);
        assert_eq!(policy.rule(limen_core::Method::Sms).retire_on, Some(day));
        assert_eq!(
            policy.rule(limen_core::Method::Webauthn).user_types,
            vec![limen_core::UserType::Internal]
        );
        assert!(!policy.rule(limen_core::Method::Token).enabled);
        assert!(policy.rule(limen_core::Method::Password).enabled);
        assert_eq!(c.web().methods, policy);

        for (bad, says) in [
            ("[methods.fax]\nenabled = true", "unknown method"),
            (
                "[methods.sms]\nretire_on = \"01/07/2025\"",
                "is not YYYY-MM-DD",
            ),
            (
                "[methods.webauthn]\nuser_types = [\"robots\"]",
                "unknown user type",
            ),
            (
                "[webauthn]\nuser_verification = \"always\"",
                "user_verification",
            ),
            ("[webauthn]\nrp_id = \"192.0.2.7\"", "domain name"),
            (
                "[webauthn]\nrp_id = \"other.example\"",
                "not within the RP ID",
            ),
            ("[webauthn]\nceremony_minutes = 0", "must be positive"),
        ] {
            let e = format!("{:#}", from_toml(bad).unwrap_err());
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn the_relying_party_follows_the_public_url_unless_configured() {
        let c = from_toml("").unwrap();
        assert_eq!(c.public_url(), "http://localhost:8080");
        let w = c.webauthn_config();
        assert_eq!(w.rp_id, "localhost");
        assert_eq!(w.origins, vec!["http://localhost:8080"]);
        let c = from_toml(
            r#"
            public_url = "https://login.example.org"
            [webauthn]
            rp_id = "example.org"
            user_verification = "required"
            timeout_seconds = 60
            "#,
        )
        .unwrap();
        let w = c.webauthn_config();
        assert_eq!(w.rp_id, "example.org");
        assert_eq!(w.origins, vec!["https://login.example.org"]);
        assert_eq!(
            w.user_verification,
            limen_web::webauthn::UserVerification::Required
        );
        assert_eq!(w.timeout, std::time::Duration::from_secs(60));
        // A listening address that is not loopback keeps its own address; WebAuthn cannot work
        // on an IP address, so it is turned off there rather than stopping the server.
        let c = from_toml("listen = \"192.0.2.10:8443\"").unwrap();
        assert_eq!(c.public_url(), "http://192.0.2.10:8443");
        let web = c.web();
        assert!(!web.methods.rule(limen_core::Method::Webauthn).enabled);
        assert!(limen_web::webauthn::RelyingParty::new(&web.webauthn).is_ok());
        assert!(from_toml("public_url = \"http://192.0.2.10\"").is_ok());
        assert!(
            from_toml("public_url = \"https://login.example.org\"")
                .unwrap()
                .web()
                .methods
                .rule(limen_core::Method::Webauthn)
                .enabled
        );
    }

    #[test]
    fn http_limits_proxies_and_metrics_are_read_and_checked() {
        let c = from_toml("").unwrap();
        let web = c.web();
        assert!(web.trusted_proxies.is_empty());
        assert_eq!(web.http.max_connections, 1024);
        assert_eq!(web.http.header_timeout, std::time::Duration::from_secs(10));
        assert_eq!(web.http.body_timeout, std::time::Duration::from_secs(15));
        assert!(!web.metrics.separate_listener && web.metrics.token.is_none());
        assert!(c.hash_queue() >= 256);

        let c = from_toml(
            r#"
            [http]
            trusted_proxies = ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]
            max_connections = 50
            header_timeout_seconds = 3
            body_timeout_seconds = 4
            max_connections_per_address = 8
            send_timeout_seconds = 5
            [metrics]
            listen = "127.0.0.1:9464"
            token = "0123456789abcdef0123"
            [password]
            hash_workers = 3
            hash_queue = 7
            "#,
        )
        .unwrap();
        let web = c.web();
        let nets: Vec<String> = web.trusted_proxies.iter().map(|n| n.to_string()).collect();
        assert_eq!(nets, ["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32"]);
        assert_eq!(web.http.max_connections, 50);
        assert_eq!(web.http.header_timeout, std::time::Duration::from_secs(3));
        assert_eq!(web.http.body_timeout, std::time::Duration::from_secs(4));
        assert_eq!(web.http.max_connections_per_address, 8);
        assert_eq!(web.http.send_timeout, std::time::Duration::from_secs(5));
        assert!(web.metrics.separate_listener);
        assert_eq!(web.metrics.token.as_deref(), Some("0123456789abcdef0123"));
        assert_eq!((c.hash_workers(), c.hash_queue()), (3, 7));

        // The old switch trusts a proxy on the same machine only.
        let old = from_toml("[http]\ntrust_forwarded_for = true")
            .unwrap()
            .web();
        let nets: Vec<String> = old.trusted_proxies.iter().map(|n| n.to_string()).collect();
        assert_eq!(nets, ["127.0.0.0/8", "::1/128"]);

        for (bad, says) in [
            (
                "[http]\ntrusted_proxies = [\"proxy.example.org\"]",
                "neither an IP address",
            ),
            (
                "[http]\ntrusted_proxies = [\"10.0.0.0/33\"]",
                "neither an IP address",
            ),
            ("[http]\nmax_connections = 0", "must be positive"),
            ("[http]\nheader_timeout_seconds = 0", "must be positive"),
            ("[http]\nsend_timeout_seconds = 0", "must be positive"),
            (
                "[http]\nmax_connections_per_address = 0",
                "must be positive",
            ),
            ("[metrics]\nlisten = \"9464\"", "is not an ADDRESS:PORT"),
            (
                "[metrics]\nlisten = \"127.0.0.1:8080\"",
                "must differ from listen",
            ),
            ("[metrics]\ntoken = \"short\"", "at least 16"),
        ] {
            let e = format!("{:#}", from_toml(bad).unwrap_err());
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn the_saml_section_is_read_and_checked() {
        let web = from_toml("").unwrap().web();
        let d = limen_web::saml::SamlSettings::default();
        assert_eq!(web.saml.request_ttl, d.request_ttl);
        assert_eq!(web.saml.assertion_lifetime, d.assertion_lifetime);
        assert_eq!(web.saml.key_prepublish, time::Duration::days(14));
        assert_eq!(web.saml.key_overlap, time::Duration::days(7));
        assert_eq!(web.saml.key_rotation, Some(time::Duration::days(365)));
        assert_eq!(web.saml.sso_per_minute, 120);
        assert_eq!(web.saml.organization, None);
        assert_eq!(web.saml.contact_email, None);

        let web = from_toml(
            r#"
            [saml]
            request_ttl_minutes = 30
            assertion_lifetime_minutes = 2
            key_prepublish_days = 30
            key_overlap_days = 0
            key_rotation_days = 0
            sso_per_minute = 10
            organization = " Example Org "
            contact_email = "idp-admin@example.org"
            "#,
        )
        .unwrap()
        .web();
        assert_eq!(web.saml.request_ttl, time::Duration::minutes(30));
        assert_eq!(web.saml.assertion_lifetime, time::Duration::minutes(2));
        assert_eq!(web.saml.key_prepublish, time::Duration::days(30));
        assert_eq!(web.saml.key_overlap, time::Duration::ZERO);
        assert_eq!(web.saml.key_rotation, None, "0 = never");
        assert_eq!(web.saml.sso_per_minute, 10);
        assert_eq!(web.saml.organization.as_deref(), Some("Example Org"));
        assert_eq!(
            web.saml.contact_email.as_deref(),
            Some("idp-admin@example.org")
        );
        // The least rotation period is the pre-publication plus a day.
        assert!(from_toml("[saml]\nkey_prepublish_days = 14\nkey_rotation_days = 15").is_ok());

        for (bad, says) in [
            (
                "[saml]\nrequest_ttl_minutes = 0",
                "saml.request_ttl_minutes = 0: 1 to 120",
            ),
            ("[saml]\nrequest_ttl_minutes = 121", "1 to 120"),
            (
                "[saml]\nassertion_lifetime_minutes = 0",
                "saml.assertion_lifetime_minutes",
            ),
            ("[saml]\nassertion_lifetime_minutes = 61", "1 to 60"),
            ("[saml]\nkey_prepublish_days = 0", "keys rotate --now"),
            (
                "[saml]\nkey_overlap_days = 366",
                "saml.key_overlap_days = 366",
            ),
            (
                "[saml]\nkey_prepublish_days = 14\nkey_rotation_days = 14",
                "saml.key_rotation_days = 14: 0 (never) or from key_prepublish_days + 1 (15)",
            ),
            ("[saml]\nkey_rotation_days = 3651", "to 3650"),
            ("[saml]\nsso_per_minute = 0", "saml.sso_per_minute"),
            ("[saml]\norganization = \"a\\nb\"", "saml.organization"),
            (
                "[saml]\ncontact_email = \"not an address\"",
                "saml.contact_email",
            ),
        ] {
            let e = format!("{:#}", from_toml(bad).unwrap_err());
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn the_http_client_section_is_read_and_its_ca_file_checked() {
        let web = from_toml("").unwrap().web();
        assert_eq!(web.http_client, limen_web::HttpClientConfig::default());
        assert_eq!(web.http_client.ca_file, None);

        // A bundle of two CAs (an internal root and its successor), with longer timeouts.
        let (old, new) = (
            limen_testkit::tls::TestCa::new("Old Internal CA"),
            limen_testkit::tls::TestCa::new("New Internal CA"),
        );
        let bundle = old.file.with_extension("bundle.pem");
        std::fs::write(&bundle, format!("{}{}", old.pem, new.pem)).unwrap();
        let c = from_toml(&format!(
            "[http_client]\nca_certificates = {:?}\ntimeout_seconds = 20\nconnect_timeout_seconds = 4",
            bundle.display().to_string()
        ))
        .unwrap();
        let web = c.web();
        assert_eq!(web.http_client.ca_file.as_deref(), Some(bundle.as_path()));
        assert_eq!(web.http_client.timeout, std::time::Duration::from_secs(20));
        assert_eq!(
            web.http_client.connect_timeout,
            std::time::Duration::from_secs(4)
        );
        let _ = std::fs::remove_file(&bundle);

        let dir = std::env::temp_dir();
        let missing = dir.join(format!("limen-missing-ca-{}.pem", std::process::id()));
        let not_pem = dir.join(format!("limen-not-pem-{}.pem", std::process::id()));
        std::fs::write(&not_pem, "ca = internal\n").unwrap();
        let not_der = dir.join(format!("limen-not-der-{}.pem", std::process::id()));
        std::fs::write(
            &not_der,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let ca = |p: &std::path::Path| {
            format!(
                "[http_client]\nca_certificates = {:?}",
                p.display().to_string()
            )
        };
        for (bad, says) in [
            (ca(&missing), "cannot read the CA file"),
            (ca(&not_pem), "holds no PEM certificate"),
            (ca(&not_der), "holds an unusable certificate"),
        ] {
            let e = format!("{:#}", from_toml(&bad).unwrap_err());
            assert!(e.starts_with("http_client.ca_certificates: "), "{e}");
            assert!(e.contains(says), "{bad}: {e}");
            let named = [&missing, &not_pem, &not_der]
                .iter()
                .any(|p| e.contains(&p.display().to_string()));
            assert!(named, "the file is named: {e}");
        }
        let e = format!("{:#}", from_toml(&ca(&missing)).unwrap_err());
        assert!(e.contains("No such file or directory"), "the cause: {e}");
        for path in [not_pem, not_der] {
            let _ = std::fs::remove_file(path);
        }

        for (bad, says) in [
            ("[http_client]\ntimeout_seconds = 0", "must be positive"),
            (
                "[http_client]\nconnect_timeout_seconds = 0",
                "must be positive",
            ),
            (
                "[http_client]\ntimeout_seconds = 2\nconnect_timeout_seconds = 3",
                "must not exceed",
            ),
            ("[http_client]\ntimeout_seconds = 61", "at most 60"),
            ("[cas]\nlogin_requests_per_minute = 0", "at least 1"),
        ] {
            let e = format!("{:#}", from_toml(bad).unwrap_err());
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    /// docs/CONFIGURATION.md: the built-in defaults are "what `limen.example.toml` shows". Read
    /// as a configuration, the example is the default configuration, and it shows every key of
    /// `[admin]`.
    #[test]
    fn the_example_file_shows_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../limen.example.toml");
        let text = std::fs::read_to_string(&path).expect("limen.example.toml");
        let example = from_toml(&text).expect("the example is valid");
        // `[methods]` lists some rules as they are by default: the policy they make is compared.
        let (shown, default) = (
            example.method_policy().expect("policy"),
            Config::default().method_policy().expect("policy"),
        );
        for method in limen_core::Method::ALL {
            assert_eq!(shown.rule(method), default.rule(method), "{method:?}");
        }
        let example = serde_json::to_value(example).expect("serialise");
        let defaults = serde_json::to_value(Config::default()).expect("serialise");
        let (serde_json::Value::Object(example), serde_json::Value::Object(defaults)) =
            (example, defaults)
        else {
            panic!("a configuration is a table");
        };
        for (key, value) in defaults.iter().filter(|(key, _)| *key != "methods") {
            assert_eq!(
                example.get(key),
                Some(value),
                "limen.example.toml's {key} is not the default"
            );
        }
        let written = Figment::from(Toml::string(&text));
        for key in [
            "console_strengths",
            "token_lifetime_seconds",
            "audit_retention_days",
        ] {
            assert!(
                written.find_value(&format!("admin.{key}")).is_ok(),
                "limen.example.toml does not show admin.{key}"
            );
        }
    }
}
