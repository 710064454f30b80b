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
    pub demo: DemoConfig,
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
#[derive(Default)]
pub struct HttpConfig {
    pub trust_forwarded_for: bool,
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
            demo: DemoConfig::default(),
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
    figment = figment.merge(
        Env::prefixed("LIMEN_")
            .split("__")
            .filter(|k| !k.as_str().ends_with("_file") && !k.as_str().starts_with("test")),
    );
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
        if self.sso.idle_timeout_minutes == 0 || self.sso.max_lifetime_hours == 0 {
            bail!("sso timeouts must be positive");
        }
        if self.throttle.account_max_failures == 0 || self.throttle.address_max_failures == 0 {
            bail!("throttle.*_max_failures must be positive");
        }
        Ok(())
    }

    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.listen)
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

    pub fn web(&self) -> limen_web::WebConfig {
        let minutes = |m: u32| time::Duration::minutes(i64::from(m));
        let mut web = limen_web::WebConfig::new(&self.public_url());
        web.internal_domains = self.internal_domains.clone();
        web.service_ticket_ttl =
            time::Duration::seconds(i64::from(self.cas.service_ticket_ttl_seconds));
        web.proxy_granting_ticket_ttl = minutes(self.cas.proxy_granting_ticket_ttl_minutes);
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
        web.trust_forwarded_for = self.http.trust_forwarded_for;
        web.demo_enabled = self.demo.enabled;
        web
    }
}
