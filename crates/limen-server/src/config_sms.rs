//! `[sms]`, `[sms.limits]`, `[sms.http]`, `[sms.smpp]`: the SMS method and its gateway
//! (docs/AUTHENTICATION.md, "SMS"; docs/CONFIGURATION.md). The method itself is turned on with
//! `[methods.sms] enabled = true`: it is off by default.

use anyhow::bail;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsSection {
    /// `dev` (the development outbox, `/dev/outbox`), `http` (a templated HTTP(S) request:
    /// Kannel's `sendsms`, a provider's API) or `smpp` (an SMPP 3.4 SMSC).
    pub gateway: String,
    /// The sender: a name or number (`{sender}`, SMPP `source_addr`).
    pub sender: String,
    pub code_ttl_seconds: u32,
    pub code_attempts: u32,
    /// The wait before another code when the last was not used; doubles each time.
    pub resend_after_seconds: u32,
    /// ISO 3166-1 alpha-2 codes; empty: the EU and the EEA.
    pub allowed_countries: Vec<String>,
    /// The outbox's first retry after a gateway failure (doubles, at most a minute).
    pub retry_seconds: u32,
    pub limits: SmsLimitsSection,
    pub http: SmsHttpSection,
    pub smpp: SmsSmppSection,
}

impl Default for SmsSection {
    fn default() -> Self {
        Self {
            gateway: "dev".into(),
            sender: "Limen".into(),
            code_ttl_seconds: 300,
            code_attempts: 5,
            resend_after_seconds: 30,
            allowed_countries: Vec::new(),
            retry_seconds: 5,
            limits: SmsLimitsSection::default(),
            http: SmsHttpSection::default(),
            smpp: SmsSmppSection::default(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsLimitsSection {
    pub per_number_hour: u32,
    pub per_number_day: u32,
    pub per_prefix_hour: u32,
    pub prefix_free_digits: u32,
    pub per_account_day: u32,
    pub per_address_hour: u32,
    pub per_country_hour: u32,
    pub daily_budget: u32,
}

impl Default for SmsLimitsSection {
    fn default() -> Self {
        let d = limen_authn::sms::SmsLimits::default();
        let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            per_number_hour: n(d.per_number_hour),
            per_number_day: n(d.per_number_day),
            per_prefix_hour: n(d.per_prefix_hour),
            prefix_free_digits: u32::try_from(d.prefix_free_digits).unwrap_or(3),
            per_account_day: n(d.per_account_day),
            per_address_hour: n(d.per_address_hour),
            per_country_hour: n(d.per_country_hour),
            daily_budget: n(d.daily_budget),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsHttpSection {
    /// GET, POST or PUT.
    pub method: String,
    pub url: String,
    /// `query`, `form` or `json`.
    pub encoding: String,
    /// `query`/`form`: name = template.
    pub params: BTreeMap<String, String>,
    /// `json`: the body, any JSON; placeholders inside strings.
    pub json: Option<serde_json::Value>,
    /// Static headers (no placeholders).
    pub headers: BTreeMap<String, String>,
    /// Basic authentication.
    pub username: String,
    pub password: String,
    /// Bearer authentication (RFC 6750).
    pub bearer_token: String,
    /// Statuses that mean "accepted"; empty: any 2xx.
    pub success_status: Vec<u16>,
    pub success_body: String,
    pub failure_body: Vec<String>,
    /// A JSON pointer (RFC 6901) to the provider's message id.
    pub reference_pointer: String,
    pub timeout_seconds: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsSmppSection {
    pub host: String,
    pub port: u16,
    pub tls: bool,
    pub system_id: String,
    pub password: String,
    pub system_type: String,
    pub source_ton: u8,
    pub source_npi: u8,
    pub dest_ton: u8,
    pub dest_npi: u8,
    pub timeout_seconds: u32,
    pub enquire_link_seconds: u32,
}

impl Default for SmsSmppSection {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 2775,
            tls: false,
            system_id: String::new(),
            password: String::new(),
            system_type: String::new(),
            // Alphanumeric sender, international destination (SMPP 3.4 §5.2.5, §5.2.6).
            source_ton: 5,
            source_npi: 0,
            dest_ton: 1,
            dest_npi: 1,
            timeout_seconds: 10,
            enquire_link_seconds: 30,
        }
    }
}

impl SmsSection {
    /// The method's settings, checked.
    pub fn engine(&self) -> anyhow::Result<limen_authn::sms::SmsConfig> {
        let mut config = limen_authn::sms::SmsConfig::default();
        if !(60..=3600).contains(&self.code_ttl_seconds) {
            bail!(
                "sms.code_ttl_seconds = {}: 60 to 3600",
                self.code_ttl_seconds
            );
        }
        if !(1..=10).contains(&self.code_attempts) {
            bail!("sms.code_attempts = {}: 1 to 10", self.code_attempts);
        }
        if !(5..=3600).contains(&self.resend_after_seconds) {
            bail!(
                "sms.resend_after_seconds = {}: 5 to 3600",
                self.resend_after_seconds
            );
        }
        config.code_ttl = time::Duration::seconds(i64::from(self.code_ttl_seconds));
        config.code_attempts = i64::from(self.code_attempts);
        config.resend_after = time::Duration::seconds(i64::from(self.resend_after_seconds));
        if !self.allowed_countries.is_empty() {
            let mut countries = Vec::new();
            for c in &self.allowed_countries {
                let c = c.trim().to_ascii_uppercase();
                if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                    bail!(
                        "sms.allowed_countries: {c:?} is not an ISO 3166-1 alpha-2 code (e.g. \"BE\")"
                    );
                }
                countries.push(c);
            }
            config.allowed_countries = countries;
        }
        let l = &self.limits;
        for (name, value) in [
            ("per_number_hour", l.per_number_hour),
            ("per_number_day", l.per_number_day),
            ("per_prefix_hour", l.per_prefix_hour),
            ("per_account_day", l.per_account_day),
            ("per_address_hour", l.per_address_hour),
            ("per_country_hour", l.per_country_hour),
            ("daily_budget", l.daily_budget),
        ] {
            if value == 0 {
                bail!("sms.limits.{name} must be at least 1");
            }
        }
        if l.prefix_free_digits > 6 {
            bail!(
                "sms.limits.prefix_free_digits = {}: 0 to 6",
                l.prefix_free_digits
            );
        }
        config.limits = limen_authn::sms::SmsLimits {
            per_number_hour: i64::from(l.per_number_hour),
            per_number_day: i64::from(l.per_number_day),
            per_prefix_hour: i64::from(l.per_prefix_hour),
            prefix_free_digits: l.prefix_free_digits as usize,
            per_account_day: i64::from(l.per_account_day),
            per_address_hour: i64::from(l.per_address_hour),
            per_country_hour: i64::from(l.per_country_hour),
            daily_budget: i64::from(l.daily_budget),
        };
        Ok(config)
    }
}

impl SmsSection {
    /// The gateway SMS leave by, checked (the sender checks the rest when it is built).
    pub fn gateway(&self) -> anyhow::Result<limen_notify::sms::SmsSettings> {
        use limen_notify::sms::{
            BodyEncoding, HttpAuth, HttpMethod, HttpSmsSettings, SmppSettings, SmsSettings,
            SmsTransport,
        };
        let secs = |s: u32| std::time::Duration::from_secs(u64::from(s));
        let transport = match self.gateway.as_str() {
            "dev" => SmsTransport::Dev,
            "http" => {
                let h = &self.http;
                let method = match h.method.to_ascii_uppercase().as_str() {
                    "" | "POST" => HttpMethod::Post,
                    "GET" => HttpMethod::Get,
                    "PUT" => HttpMethod::Put,
                    other => bail!("sms.http.method = {other:?}: GET, POST or PUT"),
                };
                let url =
                    url::Url::parse(&h.url).map_err(|e| anyhow::anyhow!("sms.http.url: {e}"))?;
                let encoding = match h.encoding.as_str() {
                    "query" => BodyEncoding::Query,
                    "" | "form" => BodyEncoding::Form,
                    "json" => BodyEncoding::Json,
                    other => bail!("sms.http.encoding = {other:?}: query, form or json"),
                };
                if encoding == BodyEncoding::Json && h.json.is_none() {
                    bail!("sms.http.encoding = \"json\" needs sms.http.json (the body)");
                }
                if encoding != BodyEncoding::Json && h.params.is_empty() {
                    bail!(
                        "sms.http.params is empty: name the fields that carry {{phone}} and {{text}}"
                    );
                }
                let auth = match (h.username.is_empty(), h.bearer_token.is_empty()) {
                    (true, true) => HttpAuth::None,
                    (false, true) => HttpAuth::Basic {
                        username: h.username.clone(),
                        password: h.password.clone(),
                    },
                    (true, false) => HttpAuth::Bearer {
                        token: h.bearer_token.clone(),
                    },
                    (false, false) => {
                        bail!("sms.http: username (Basic) or bearer_token (Bearer), not both")
                    }
                };
                if !(1..=60).contains(&h.timeout_seconds) && h.timeout_seconds != 0 {
                    bail!("sms.http.timeout_seconds = {}: 1 to 60", h.timeout_seconds);
                }
                SmsTransport::Http(HttpSmsSettings {
                    method,
                    url,
                    encoding,
                    params: h.params.clone().into_iter().collect(),
                    json: h.json.clone(),
                    headers: h.headers.clone().into_iter().collect(),
                    auth,
                    success_status: h.success_status.clone(),
                    success_body: (!h.success_body.is_empty()).then(|| h.success_body.clone()),
                    failure_body: h.failure_body.clone(),
                    reference_pointer: (!h.reference_pointer.is_empty())
                        .then(|| h.reference_pointer.clone()),
                    timeout: secs(if h.timeout_seconds == 0 {
                        10
                    } else {
                        h.timeout_seconds
                    }),
                })
            }
            "smpp" => {
                let s = &self.smpp;
                if s.host.is_empty() {
                    bail!("sms.gateway = \"smpp\" needs sms.smpp.host");
                }
                if !(1..=60).contains(&s.timeout_seconds) {
                    bail!("sms.smpp.timeout_seconds = {}: 1 to 60", s.timeout_seconds);
                }
                if !(5..=3600).contains(&s.enquire_link_seconds) {
                    bail!(
                        "sms.smpp.enquire_link_seconds = {}: 5 to 3600",
                        s.enquire_link_seconds
                    );
                }
                SmsTransport::Smpp(SmppSettings {
                    host: s.host.clone(),
                    port: s.port,
                    tls: s.tls,
                    system_id: s.system_id.clone(),
                    password: s.password.clone(),
                    system_type: s.system_type.clone(),
                    source_ton: s.source_ton,
                    source_npi: s.source_npi,
                    dest_ton: s.dest_ton,
                    dest_npi: s.dest_npi,
                    timeout: secs(s.timeout_seconds),
                    enquire_link: secs(s.enquire_link_seconds),
                })
            }
            other => bail!("sms.gateway = {other:?}: dev, http or smpp"),
        };
        if !(1..=60).contains(&self.retry_seconds) {
            bail!("sms.retry_seconds = {}: 1 to 60", self.retry_seconds);
        }
        Ok(SmsSettings {
            transport,
            retry: limen_notify::RetryPolicy {
                first_delay: time::Duration::seconds(i64::from(self.retry_seconds)),
                max_delay: time::Duration::minutes(1),
                give_up_after: time::Duration::hours(1),
            },
            sender: self.sender.clone(),
        })
    }
}
