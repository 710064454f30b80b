//! Limen's authentication engine (ARCHITECTURE §2, issue 12).
//!
//! Owns: which methods a login may offer (the operator's [`MethodPolicy`] and what the account
//! enrolled), the login transaction and its challenges in the store, verdicts, throttling and
//! lockout, the proofs of the SSO session and its life cycle, the authentication audit events,
//! and factor management (add, remove, PANIC, "Always require multi-factor authentication").
//!
//! Never: HTTP, cookies, templates, Limen's page URLs, SQL (that is `limen-store`), mail
//! rendering. The web layer, the command line and (later) SAML and the admin API call the same
//! functions; what must happen outside — single logout, a security e-mail — goes through
//! [`Effects`].
//!
//! Methods: the password is built in; every second factor implements [`SecondFactor`] and is
//! registered with [`Authn::with_factor`]. [`Authn::factor`] is the only place that reaches a
//! method's code by its [`Method`].

mod admin;
mod audit;
mod error;
mod factor;
mod flow;
mod manage;
pub mod mobile;
mod password;
mod requirement;
mod session;
pub mod sign;
pub mod sms;
pub mod token;
mod transaction;
pub mod upstream;
pub mod webauthn;

pub use admin::Unlocked;
pub use audit::{Actor, AuditScope, AuthEvent, audit_scope, with_audit_scope};
pub use error::AuthnError;
pub use factor::{
    Answer, Binding, BoxFuture, Challenge, Context, Device, Enrolment, Issued, Refused,
    SecondFactor, Verified, device_name,
};
pub use flow::{Refusal, Situation, Step};
pub use manage::{
    EnrolStart, FactorChange, MfaChange, Notice, PanicOutcome, PanicReport, RemovedAll,
};
pub use password::PasswordOutcome;
pub use requirement::{Freshness, Requirement, Satisfaction};
pub use session::{Ended, SamlParty, SignedIn};
pub use transaction::{MORE_TIME_LIMIT, MoreTime, token_id};

use limen_core::session::SessionLifetime;
use limen_core::{Account, Clock, Method, MethodPolicy, UserType};
use limen_crypto::PasswordHasher;
use limen_store::{AuditEntry, SessionService, Store};
use std::sync::Arc;
use time::OffsetDateTime;

/// Login throttling (ARCHITECTURE §6): per account and per client address, store-backed.
#[derive(Debug, Clone)]
pub struct ThrottleConfig {
    /// Failures of one account within `window` before it is locked out.
    pub account_max_failures: i64,
    pub account_window: time::Duration,
    /// First lockout; each further failure doubles it, up to `account_max_lock`.
    pub account_base_lock: time::Duration,
    pub account_max_lock: time::Duration,
    pub address_max_failures: i64,
    pub address_window: time::Duration,
    pub address_lock: time::Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            account_max_failures: 5,
            account_window: time::Duration::minutes(15),
            account_base_lock: time::Duration::minutes(1),
            account_max_lock: time::Duration::hours(1),
            address_max_failures: 50,
            address_window: time::Duration::minutes(15),
            address_lock: time::Duration::minutes(15),
        }
    }
}

/// PANIC, "remove all my devices" (seed 000; `[panic]`).
#[derive(Debug, Clone)]
pub struct PanicConfig {
    /// Who may use it. EU Login offers it to external users only: staff ask their help desk.
    pub allowed_user_types: Vec<UserType>,
    /// Uses per account and 24 hours.
    pub per_account_per_day: i64,
}

impl Default for PanicConfig {
    fn default() -> Self {
        Self {
            allowed_user_types: vec![UserType::External],
            per_account_per_day: 3,
        }
    }
}

/// The engine's settings.
#[derive(Debug, Clone)]
pub struct AuthnConfig {
    pub throttle: ThrottleConfig,
    pub session: SessionLifetime,
    /// The operator's rules per method; [`Authn`] tells it which methods are wired.
    pub methods: MethodPolicy,
    pub password_max_age_days: Option<u32>,
    /// E-mail domains whose users are internal.
    pub internal_domains: Vec<String>,
    /// How long a challenge (any method's) stays valid.
    pub transaction_ttl: time::Duration,
    /// The issuer named in front-channel logout URIs (`iss`, OpenID Connect Front-Channel
    /// Logout 1.0 §2): Limen's public URL.
    pub issuer: String,
    pub panic: PanicConfig,
}

impl AuthnConfig {
    pub fn new(issuer: &str) -> Self {
        Self {
            throttle: ThrottleConfig::default(),
            session: SessionLifetime {
                idle: time::Duration::hours(2),
                absolute: time::Duration::hours(10),
            },
            methods: MethodPolicy::default(),
            password_max_age_days: None,
            internal_domains: Vec::new(),
            transaction_ttl: time::Duration::minutes(5),
            issuer: issuer.trim_end_matches('/').to_owned(),
            panic: PanicConfig::default(),
        }
    }
}

/// What the engine needs done outside itself.
pub trait Effects: Send + Sync {
    /// Single logout: tells the services a session visited (in the background); returns how
    /// many will be told.
    fn logout(&self, visited: Vec<SessionService>) -> usize;

    /// A password attempt's verdict, for the operator's counters; called from the attempt's own
    /// task, so it is counted even when the client has gone.
    fn counted(&self, _verdict: Counted) {}

    /// The security e-mail telling the account holder of a change.
    fn notify<'a>(
        &'a self,
        account: &'a Account,
        notice: Notice,
    ) -> BoxFuture<'a, Result<(), AuthnError>>;
}

/// What a password attempt came to, for the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    LoginOk,
    LoginFailed,
    LoginThrottled,
}

/// What the engine knows of the caller.
#[derive(Debug, Clone, Copy)]
pub struct Client<'a> {
    pub ip: &'a str,
    pub user_agent: &'a str,
    /// The browser's SSO cookie, if any.
    pub sso_token: Option<&'a str>,
}

impl Client<'static> {
    /// The command line: no browser, no address.
    pub const CLI: Client<'static> = Client {
        ip: "-",
        user_agent: "limen (command line)",
        sso_token: None,
    };
}

/// The engine: one per process, cheap to clone.
#[derive(Clone)]
pub struct Authn(Arc<Inner>);

#[derive(Clone)]
pub struct Inner {
    store: Store,
    hasher: PasswordHasher,
    clock: Arc<dyn Clock>,
    config: AuthnConfig,
    factors: Vec<Arc<dyn SecondFactor>>,
    /// Upstream methods wired ([`Authn::with_upstreams`]).
    upstreams: Vec<Method>,
    effects: Arc<dyn Effects>,
}

impl Inner {
    /// Tells the policy which methods are wired: the second factors and the upstreams.
    fn rewire(&mut self) {
        let mut wired: Vec<Method> = self.factors.iter().map(|f| f.method()).collect();
        wired.extend(self.upstreams.iter().copied());
        self.config.methods = self.config.methods.clone().with_implemented(wired);
    }
}

impl std::ops::Deref for Authn {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl Authn {
    /// An engine with the password alone; add second factors with [`Authn::with_factor`].
    pub fn new(
        store: Store,
        hasher: PasswordHasher,
        clock: Arc<dyn Clock>,
        mut config: AuthnConfig,
        effects: Arc<dyn Effects>,
    ) -> Self {
        config.methods = config.methods.clone().with_implemented([]);
        Self(Arc::new(Inner {
            store,
            hasher,
            clock,
            config,
            factors: Vec::new(),
            upstreams: Vec::new(),
            effects,
        }))
    }

    /// Registers a second factor: its method becomes implemented (the policy may then offer
    /// it). A second registration of the same method replaces the first.
    pub fn with_factor(self, factor: Arc<dyn SecondFactor>) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.0);
        inner.factors.retain(|f| f.method() != factor.method());
        inner.factors.push(factor);
        inner.rewire();
        Self(Arc::new(inner))
    }

    /// Wires the upstream methods whose strengths some `[[upstream]]` proves
    /// (`SOCIAL_NETWORKS` → [`Method::Social`], `EIDAS` → [`Method::Eid`]).
    pub fn with_upstreams(self, strengths: &[limen_core::Strength]) -> Self {
        let mut inner = Arc::unwrap_or_clone(self.0);
        inner.upstreams = strengths
            .iter()
            .map(|s| Method::for_strength(*s))
            .filter(|m| matches!(m, Method::Social | Method::Eid))
            .collect();
        inner.rewire();
        Self(Arc::new(inner))
    }

    /// The registry: the implementation of a method, if it is wired.
    pub fn factor(&self, method: Method) -> Option<&Arc<dyn SecondFactor>> {
        self.factors.iter().find(|f| f.method() == method)
    }

    /// A wired method's concrete implementation (for its own pages).
    pub fn factor_as<T: 'static>(&self, method: Method) -> Option<&T> {
        self.factor(method)?.as_any().downcast_ref::<T>()
    }

    /// Every wired second factor, in the stable order of [`Method::ALL`].
    pub fn factors(&self) -> Vec<&Arc<dyn SecondFactor>> {
        let mut all: Vec<&Arc<dyn SecondFactor>> = self.factors.iter().collect();
        all.sort_by_key(|f| Method::ALL.iter().position(|m| *m == f.method()));
        all
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn hasher(&self) -> &PasswordHasher {
        &self.hasher
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    pub fn config(&self) -> &AuthnConfig {
        &self.config
    }

    /// The operator's method rules, knowing which methods are wired.
    pub fn policy(&self) -> &MethodPolicy {
        &self.config.methods
    }

    /// Whether a method is live today (wired, enabled, not retired).
    pub fn is_live(&self, method: Method) -> bool {
        self.config.methods.is_live(method, self.now().date())
    }

    pub(crate) fn effects(&self) -> &dyn Effects {
        self.effects.as_ref()
    }

    /// Writes an authentication event to the audit log; a failure to write is logged, not
    /// shown.
    pub async fn audit(&self, event: AuthEvent, account_id: Option<i64>, ip: &str) {
        self.audit_raw(event.name(), account_id, ip, event.detail())
            .await;
    }

    /// Writes another event (registration, profile changes, OpenID Connect) to the audit log.
    pub async fn audit_raw(
        &self,
        event: &str,
        account_id: Option<i64>,
        ip: &str,
        detail: serde_json::Value,
    ) {
        let mut entry = AuditEntry::new(self.now(), event, account_id, detail);
        entry.client_ip = Some(ip.to_owned());
        self.audit_entry(entry).await;
    }

    /// Writes an entry, completed from the task's [`AuditScope`] (who acts, their browser, the
    /// reason they gave) and with the service named in its detail (`service` or `client`).
    pub async fn audit_entry(&self, mut entry: AuditEntry) {
        audit::complete(&mut entry);
        let event = entry.event.clone();
        if let Err(e) = self.store.audit(&entry).await {
            tracing::error!(error = %e, event, "could not write the audit log");
        }
    }

    /// The account behind an id, if it can sign in.
    pub async fn active_account(&self, id: Option<i64>) -> Result<Option<Account>, AuthnError> {
        let Some(id) = id else { return Ok(None) };
        Ok(self
            .store
            .account_by_id(id)
            .await?
            .filter(|a| a.status == limen_core::AccountStatus::Active))
    }
}
