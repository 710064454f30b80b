//! Limen's HTTP face: the axum router, the login pages, the CAS endpoints, "my account", the
//! built-in demo service, operations endpoints and the security middleware.
//!
//! This crate turns HTTP into calls on the domain ([`limen_core`]), the store ([`limen_store`])
//! and the protocol crates ([`limen_cas`]); it never writes SQL and keeps protocol rules in the
//! protocol crates. Every page is rendered from a template in `templates/` with text from
//! `locales/`, and works without JavaScript.

mod accessibility;
mod account;
pub mod admin;
pub mod authenticator;
mod authn;
pub mod captcha;
mod cas;
mod context;
mod demo;
mod demo_saml;
mod demo_sign;
mod dev;
pub mod device;
mod error;
#[cfg(test)]
mod fuzz;
pub mod http_client;
pub mod i18n;
mod login;
pub mod mail;
mod metrics;
pub mod oidc;
mod ops;
mod pages;
mod password;
mod profile;
mod register;
pub mod registry;
pub mod requests;
pub mod saml;
mod sealed;
mod security;
mod server;
mod sign;
mod slo;
mod sms_text;
mod timing;
pub mod upstream;

pub use error::WebError;
pub use http_client::HttpClientConfig;
pub use metrics::Metrics;
pub use server::HttpLimits;

use axum::Router;
use axum::routing::{get, post};
use limen_core::session::SessionLifetime;
use limen_core::{Clock, SystemClock};
use limen_crypto::PasswordHasher;
use limen_store::Store;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The WebAuthn relying party and its settings live in the engine.
pub use limen_authn::webauthn;
pub use limen_authn::{PanicConfig, ThrottleConfig};

/// Self-service: registration, e-mail links, CAPTCHA and the limits that keep them from being
/// abused (ARCHITECTURE §6).
#[derive(Debug, Clone)]
pub struct SelfServiceConfig {
    pub registration_enabled: bool,
    /// Validity of the link that creates the first password (seed 003: 24 hours).
    pub register_link_ttl: time::Duration,
    /// Validity of a "Lost password?" link.
    pub reset_link_ttl: time::Duration,
    /// Validity of the link that confirms a new e-mail address.
    pub email_change_link_ttl: time::Duration,
    /// How long a shown CAPTCHA may be answered.
    pub captcha_ttl: time::Duration,
    /// Proof-of-work difficulty of the accessible CAPTCHA alternative, in leading zero bits.
    pub pow_difficulty: u32,
    /// E-mails (registration, reset) to one address per hour.
    pub mails_per_address_per_hour: i64,
    /// Registration and reset requests from one client address per hour.
    pub requests_per_client_per_hour: i64,
    /// The privacy statement linked from the registration form; the built-in one when `None`.
    pub privacy_url: Option<String>,
}

impl Default for SelfServiceConfig {
    fn default() -> Self {
        Self {
            registration_enabled: true,
            register_link_ttl: time::Duration::hours(24),
            reset_link_ttl: time::Duration::hours(1),
            email_change_link_ttl: time::Duration::hours(24),
            captcha_ttl: time::Duration::minutes(30),
            pow_difficulty: 18,
            mails_per_address_per_hour: 5,
            requests_per_client_per_hour: 30,
            privacy_url: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Base URL users reach Limen at, without a trailing slash (e.g. `https://login.example.org`).
    pub public_url: String,
    /// E-mail domains whose users are internal.
    pub internal_domains: Vec<String>,
    pub service_ticket_ttl: time::Duration,
    pub proxy_granting_ticket_ttl: time::Duration,
    /// How long a login request (`POST /cas/login/init`) waits for its browser.
    pub login_request_ttl: time::Duration,
    /// Login requests (`POST /cas/login/init`) one client address may make per minute: they are
    /// unauthenticated and each is stored until it expires.
    pub login_requests_per_minute: u32,
    pub session: SessionLifetime,
    pub throttle: ThrottleConfig,
    pub password_max_age_days: Option<u32>,
    /// Lets CAS proxy callbacks use plain http (CAS 3.0 §2.5.4 requires https): tests only.
    pub proxy_callback_allow_http: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed: the client address is the last
    /// entry not in this list. Empty: the peer address, always.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The listener's limits: connections, header and body timeouts, body size.
    pub http: HttpLimits,
    /// Outgoing calls (single logout, proxy callbacks, `jwks_uri`): extra CA roots, timeouts.
    pub http_client: HttpClientConfig,
    /// Who may read `/metrics` on the main listener.
    pub metrics: MetricsAccess,
    pub demo_enabled: bool,
    pub self_service: SelfServiceConfig,
    /// Development mode: the outbox page at `/dev/outbox`. Never on a server users reach.
    pub dev_mode: bool,
    pub oidc: OidcConfig,
    /// The console and the admin API (issue 21).
    pub admin: admin::AdminConfig,
    /// Seals secrets kept in the database (OIDC signing keys).
    pub master_key: MasterKey,
    /// Which verification methods are enabled, for whom, and until when.
    pub methods: limen_core::MethodPolicy,
    pub webauthn: webauthn::WebauthnConfig,
    /// PANIC: who may use it, how often.
    pub panic: PanicConfig,
    /// The mobile app (docs/MOBILE-PROTOCOL.md): PIN, challenges, wake-ups.
    pub mobile: MobileWebConfig,
    /// Hardware tokens (`[tokens]`).
    pub tokens: limen_authn::token::TokenConfig,
    /// SMS codes (`[sms]`) and their gateway.
    pub sms: SmsWebConfig,
    /// `[[upstream]]` identity providers users may sign in with (issue 19).
    pub upstreams: Vec<limen_upstream::Provider>,
    /// `[[upstream]]` eIDAS nodes (`kind = "saml_eidas"`).
    pub saml_upstreams: Vec<upstream::saml::SamlUpstream>,
    /// `[saml]`: Limen as a SAML 2.0 identity provider (issue 20, docs/SAML.md).
    pub saml: saml::SamlSettings,
}

/// `[sms]`: the method's rules and the gateway SMS leave by.
#[derive(Debug, Clone)]
pub struct SmsWebConfig {
    pub engine: limen_authn::sms::SmsConfig,
    pub gateway: limen_notify::sms::SmsSettings,
}

impl Default for SmsWebConfig {
    fn default() -> Self {
        Self {
            engine: limen_authn::sms::SmsConfig::default(),
            gateway: limen_notify::sms::SmsSettings {
                transport: limen_notify::sms::SmsTransport::Dev,
                retry: limen_notify::RetryPolicy {
                    first_delay: time::Duration::seconds(5),
                    max_delay: time::Duration::minutes(1),
                    give_up_after: time::Duration::hours(1),
                },
                sender: "Limen".into(),
            },
        }
    }
}

/// The mobile app's settings (`[mobile]`).
#[derive(Debug, Clone)]
pub struct MobileWebConfig {
    pub engine: limen_authn::mobile::MobileConfig,
    /// How devices are woken (spec §7).
    pub push: PushMode,
}

/// How a device is woken when a push request is made for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushMode {
    /// Logged only (development): devices learn of requests on their live channel or by
    /// asking.
    Log,
    /// Web Push (RFC 8030/8291/8292) to the subscription a device registered; `subject` is the
    /// VAPID contact (`mailto:` or `https:`).
    WebPush { subject: String },
}

/// Access to the Prometheus metrics (docs/CONFIGURATION.md, `[metrics]`).
#[derive(Clone, Default)]
pub struct MetricsAccess {
    /// Served on a listener of their own (`metrics.listen`): the main one answers 404.
    pub separate_listener: bool,
    /// `Authorization: Bearer <token>` required (RFC 6750 §2.1), compared in constant time.
    pub token: Option<String>,
}

impl std::fmt::Debug for MetricsAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsAccess")
            .field("separate_listener", &self.separate_listener)
            .field("token", &self.token.as_ref().map(|_| ".."))
            .finish()
    }
}

/// Lifetimes of the OpenID Connect provider's artefacts (docs/OIDC.md).
#[derive(Debug, Clone)]
pub struct OidcConfig {
    pub code_ttl: time::Duration,
    pub access_token_ttl: time::Duration,
    pub refresh_token_ttl: time::Duration,
    pub id_token_ttl: time::Duration,
    /// How long an authorization request waits for the user to sign in.
    pub request_ttl: time::Duration,
    /// Signing keys are replaced after this long.
    pub key_rotation: time::Duration,
}

impl Default for OidcConfig {
    fn default() -> Self {
        Self {
            code_ttl: time::Duration::seconds(60),
            access_token_ttl: time::Duration::hours(1),
            refresh_token_ttl: time::Duration::days(30),
            id_token_ttl: time::Duration::hours(1),
            request_ttl: time::Duration::minutes(30),
            key_rotation: time::Duration::days(90),
        }
    }
}

impl OidcConfig {
    /// How long a retired key stays published: every token it signed has expired by then
    /// (ID tokens and logout tokens; access tokens are opaque), with a margin for clock skew.
    pub fn key_overlap(&self) -> time::Duration {
        self.id_token_ttl + time::Duration::minutes(10)
    }
}

/// The master key; never printed.
#[derive(Clone)]
pub struct MasterKey(pub [u8; limen_crypto::sealed::MASTER_KEY_LEN]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl MasterKey {
    pub fn random() -> Self {
        Self(limen_crypto::sealed::generate_master_key())
    }
}

impl WebConfig {
    pub fn new(public_url: &str) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_owned(),
            internal_domains: Vec::new(),
            service_ticket_ttl: time::Duration::seconds(60),
            proxy_granting_ticket_ttl: time::Duration::hours(2),
            login_request_ttl: time::Duration::minutes(5),
            login_requests_per_minute: 600,
            session: SessionLifetime {
                idle: time::Duration::hours(2),
                absolute: time::Duration::hours(10),
            },
            throttle: ThrottleConfig::default(),
            password_max_age_days: None,
            proxy_callback_allow_http: false,
            trusted_proxies: Vec::new(),
            http: HttpLimits::default(),
            http_client: HttpClientConfig::default(),
            metrics: MetricsAccess::default(),
            demo_enabled: true,
            self_service: SelfServiceConfig::default(),
            dev_mode: false,
            oidc: OidcConfig::default(),
            admin: admin::AdminConfig::default(),
            // Tests and embedding: a fresh key. The server always sets the configured one.
            master_key: MasterKey::random(),
            methods: limen_core::MethodPolicy::default(),
            webauthn: webauthn::WebauthnConfig::for_public_url(public_url),
            panic: PanicConfig::default(),
            mobile: MobileWebConfig {
                engine: limen_authn::mobile::MobileConfig::new(public_url),
                push: PushMode::Log,
            },
            tokens: limen_authn::token::TokenConfig::default(),
            sms: SmsWebConfig::default(),
            upstreams: Vec::new(),
            saml_upstreams: Vec::new(),
            saml: saml::SamlSettings::default(),
        }
    }

    /// The engine's settings, from these.
    pub fn authn(&self) -> limen_authn::AuthnConfig {
        let mut c = limen_authn::AuthnConfig::new(&self.public_url);
        c.throttle = self.throttle.clone();
        c.session = self.session;
        c.methods = self.methods.clone();
        c.password_max_age_days = self.password_max_age_days;
        c.internal_domains = self.internal_domains.clone();
        c.transaction_ttl = self.webauthn.ceremony_ttl;
        c.panic = self.panic.clone();
        c
    }

    /// Secure cookies with the `__Host-` prefix whenever Limen is reached over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

pub struct Inner {
    pub store: Store,
    pub hasher: PasswordHasher,
    pub clock: Arc<dyn Clock>,
    pub config: WebConfig,
    pub csrf_key: Arc<[u8]>,
    /// Keys the CAPTCHA tokens (`captcha`): a separate random key, one for every node.
    pub captcha_key: Arc<[u8]>,
    /// Wakes the self-service queue's worker (`requests`).
    pub requests_wake: tokio::sync::Notify,
    /// The one client for every outgoing call ([`http_client`]).
    pub http: reqwest::Client,
    pub metrics: Metrics,
    pub mailer: Arc<limen_notify::Mailer>,
    /// The SMS outbox and its gateway.
    pub sms: Arc<limen_notify::sms::SmsSender>,
    pub keys: oidc::keys::KeyRing,
    /// The SAML identity provider's signing keys (docs/SAML.md §11).
    pub saml_keys: saml::keys::SamlKeyRing,
    /// Keys pairwise subject identifiers (OIDC Core §8.1); one for every node.
    pub pairwise_key: Arc<[u8]>,
    /// The authentication engine: methods, the login transaction, sessions, factors.
    pub authn: limen_authn::Authn,
    /// The `[[upstream]]` identity providers.
    pub(crate) upstreams: upstream::Registry,
    /// The mobile app's shared part (device API), when its methods are wired.
    pub(crate) mobile: Option<Arc<limen_authn::mobile::Mobile>>,
    /// Wake-ups of devices and waiting pages (`device`).
    pub(crate) hub: Arc<device::Hub>,
    /// Single-logout notifications under way (the command line waits for them).
    pub(crate) logouts: std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>,
    /// Set when the process was asked to stop: `/health` answers 503 "draining" to the load
    /// balancer while the requests in flight finish.
    pub draining: std::sync::atomic::AtomicBool,
}

/// The VAPID key (RFC 8292) of this installation: made once, sealed under the master key, the
/// same on every node (push services bind a subscription to it).
async fn vapid_key(store: &Store, master: &MasterKey) -> Result<Vec<u8>, WebError> {
    const NAME: &str = "webpush_vapid_key";
    let sealer = limen_crypto::sealed::SecretBox::new(&master.0);
    let fresh = limen_mobile::jws::SigningKey::generate()
        .map_err(|e| WebError::Internal(format!("vapid key: {e}")))?;
    let sealed = store
        .setting_or_init(NAME, &sealer.seal(fresh.pkcs8(), NAME.as_bytes()))
        .await?;
    sealer
        .open(&sealed, NAME.as_bytes())
        .map_err(|e| WebError::Internal(format!("vapid key: {e:?}")))
}

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(
        store: Store,
        hasher: PasswordHasher,
        config: WebConfig,
        mail: limen_notify::MailSettings,
    ) -> Result<Self, WebError> {
        Self::with_clock(store, hasher, config, mail, Arc::new(SystemClock)).await
    }

    pub async fn with_clock(
        store: Store,
        hasher: PasswordHasher,
        config: WebConfig,
        mail: limen_notify::MailSettings,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, WebError> {
        Self::with_factors(store, hasher, config, mail, clock, Vec::new()).await
    }

    /// [`AppState::with_clock`] with more second factors registered in the engine than the
    /// built-in ones (tests register one written outside `limen-authn`).
    pub async fn with_factors(
        store: Store,
        hasher: PasswordHasher,
        config: WebConfig,
        mail: limen_notify::MailSettings,
        clock: Arc<dyn Clock>,
        extra: Vec<Arc<dyn limen_authn::SecondFactor>>,
    ) -> Result<Self, WebError> {
        let mailer = limen_notify::Mailer::new(store.clone(), mail, clock.clone())
            .map_err(|e| WebError::Internal(format!("mail: {e}")))?;
        // One key for every node: stored once, read by all.
        let csrf_key = store
            .setting_or_init("csrf_key", &limen_crypto::random_token(32))
            .await?;
        let http = http_client::build(&config.http_client)
            .map_err(|e| WebError::Internal(format!("[http_client]: {e}")))?;
        let pairwise_key = store
            .setting_or_init("oidc_pairwise_key", &limen_crypto::random_token(32))
            .await?;
        let captcha_key = store
            .setting_or_init("captcha_key", &limen_crypto::random_token(32))
            .await?;
        let keys =
            oidc::keys::KeyRing::new(limen_crypto::sealed::SecretBox::new(&config.master_key.0));
        let idp_keys = saml::keys::SamlKeyRing::new(limen_crypto::sealed::SecretBox::new(
            &config.master_key.0,
        ));
        // Devices are woken through the hub: at once on this node, by Web Push beyond it.
        let (push, vapid): (Arc<dyn limen_notify::push::PushNotifier>, _) =
            match &config.mobile.push {
                PushMode::Log => (Arc::new(limen_notify::push::LogNotifier), None),
                PushMode::WebPush { subject } => {
                    // The shared client follows no redirect: a push service cannot lead a
                    // wake-up elsewhere than the endpoint that was checked.
                    let notifier = limen_notify::push::WebPushNotifier::new(
                        http.clone(),
                        &vapid_key(&store, &config.master_key).await?,
                        subject.clone(),
                    )
                    .map_err(|e| WebError::Internal(format!("[mobile] web push: {e}")))?;
                    let public = notifier.public_key();
                    (Arc::new(notifier), Some(public))
                }
            };
        let hub = device::Hub::new(store.clone(), push, vapid);
        let mobile = limen_authn::mobile::Mobile::load(
            &store,
            &config.master_key.0,
            config.mobile.engine.clone(),
            Arc::new(device::HubWake(hub.clone())),
        )
        .await?;
        // The registry: one line per method (docs/ARCHITECTURE.md, "Adding a method").
        let mut factors: Vec<Arc<dyn limen_authn::SecondFactor>> = vec![Arc::new(
            limen_authn::webauthn::WebauthnFactor::new(&config.webauthn)?,
        )];
        factors.extend(mobile.factors());
        let tokens = Arc::new(limen_authn::token::Tokens::new(
            &config.master_key.0,
            config.tokens.clone(),
        ));
        factors.extend(tokens.factors());
        let sms = limen_notify::sms::SmsSender::new(
            store.clone(),
            config.sms.gateway.clone(),
            clock.clone(),
            http.clone(),
            limen_crypto::sealed::SecretBox::new(&config.master_key.0),
        )
        .map_err(|e| WebError::Internal(format!("[sms]: {e}")))?;
        let sms_method = Arc::new(limen_authn::sms::Sms::new(
            &config.master_key.0,
            config.sms.engine.clone(),
            Arc::new(sms_text::WebSmsOut::new(sms.clone())),
        ));
        factors.push(sms_method.factor());
        factors.extend(extra);
        let mut upstream_clients = Vec::new();
        for provider in &config.upstreams {
            let client = limen_upstream::UpstreamClient::new(
                provider.clone(),
                limen_upstream::ReqwestFetch(http.clone()),
                clock.clone(),
            )
            .map_err(|e| WebError::Internal(format!("{e}")))?;
            upstream_clients.push(client);
        }
        let saml_keys = if config.saml_upstreams.is_empty() {
            None
        } else {
            Some(upstream::saml::load_keys(&store, &config.master_key).await?)
        };
        let upstreams =
            upstream::Registry::new(upstream_clients, config.saml_upstreams.clone(), saml_keys);
        Ok(Self(Arc::new_cyclic(|inner| {
            let effects = Arc::new(slo::WebEffects::new(inner.clone()));
            let mut authn = limen_authn::Authn::new(
                store.clone(),
                hasher.clone(),
                clock.clone(),
                config.authn(),
                effects,
            );
            for factor in factors {
                authn = authn.with_factor(factor);
            }
            let authn = authn.with_upstreams(&upstreams.strengths());
            Inner {
                store,
                hasher,
                clock,
                config,
                csrf_key: Arc::from(csrf_key.into_bytes()),
                captcha_key: Arc::from(captcha_key.into_bytes()),
                requests_wake: tokio::sync::Notify::new(),
                http,
                metrics: Metrics::default(),
                mailer,
                sms,
                keys,
                saml_keys: idp_keys,
                pairwise_key: Arc::from(pairwise_key.into_bytes()),
                authn,
                upstreams,
                mobile: Some(mobile),
                hub,
                logouts: std::sync::Mutex::new(Vec::new()),
                draining: std::sync::atomic::AtomicBool::new(false),
            }
        })))
    }

    /// The mobile app's shared part, when wired.
    pub fn mobile(&self) -> Option<&Arc<limen_authn::mobile::Mobile>> {
        self.0.mobile.as_ref()
    }

    pub(crate) fn hub(&self) -> &Arc<device::Hub> {
        &self.0.hub
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// Ends every expired SSO session, with single logout, then drops expired tickets and
    /// throttle entries. Run periodically by the server.
    pub async fn end_expired_sessions(&self) -> Result<usize, WebError> {
        let now = self.now();
        let expired = self
            .store
            .expired_session_ids(now, now - self.authn.config().session.idle)
            .await?;
        for id in &expired {
            self.authn.end_session(id).await?;
        }
        self.store.purge_expired(now).await?;
        // Delivered mail is kept a week for the development page and for support questions.
        self.store.purge_mail(now - time::Duration::days(7)).await?;
        // SMS: the outbox a week (bodies are emptied once sent), codes a day (the backoff
        // reads a day of them).
        self.store.purge_sms(now - time::Duration::days(7)).await?;
        self.store
            .purge_sms_codes(now - time::Duration::days(1))
            .await?;
        // Signature requests: those never finished a day after they expired; finished ones
        // (My account's list of signatures) after a year and a month.
        self.store
            .purge_signature_requests(
                now - time::Duration::days(1),
                now - time::Duration::days(400),
            )
            .await?;
        Ok(expired.len())
    }

    /// Waits for the single-logout notifications started so far (the command line, before it
    /// exits); each is bounded by the HTTP client's timeout.
    pub async fn wait_for_logouts(&self) {
        let pending: Vec<_> = match self.logouts.lock() {
            Ok(mut list) => list.drain(..).collect(),
            Err(_) => Vec::new(),
        };
        for handle in pending {
            let _ = handle.await;
        }
    }

    /// Creates the default (ES256) signing key if there is none yet: at first start.
    pub async fn ensure_signing_key(&self) -> Result<(), WebError> {
        self.keys
            .signer(&self.store, limen_core::oidc::JwsAlg::Es256, self.now())
            .await?;
        Ok(())
    }

    /// Rotates the signing keys older than `oidc.key_rotation`; returns the new key ids.
    pub async fn rotate_due_keys(&self) -> Result<Vec<String>, WebError> {
        let kids = oidc::keys::rotate_due(
            &self.store,
            self.keys.sealer(),
            self.now(),
            self.config.oidc.key_rotation,
            self.config.oidc.key_overlap(),
        )
        .await?;
        if !kids.is_empty() {
            self.keys.invalidate();
        }
        Ok(kids)
    }

    /// Registers (or refreshes) the built-in demo service at `{public_url}/demo/`.
    pub async fn ensure_demo_service(&self) -> Result<(), WebError> {
        if self.config.demo_enabled {
            demo::register(self).await?;
            demo::register_oidc(self).await?;
            demo_saml::register(self).await?;
        }
        Ok(())
    }
}

pub fn router(state: AppState) -> Router {
    // The endpoints browser-based OIDC clients call cross-origin (discovery and keys too).
    let cross_origin = Router::new()
        .route("/oidc/token", post(oidc::token::token).options(|| async {}))
        .route(
            "/oidc/userinfo",
            get(oidc::token::userinfo)
                .post(oidc::token::userinfo)
                .options(|| async {}),
        )
        .route(
            "/oidc/revoke",
            post(oidc::token::revoke).options(|| async {}),
        )
        .route(
            "/.well-known/openid-configuration",
            get(oidc::discovery).options(|| async {}),
        )
        .route("/oidc/jwks", get(oidc::jwks).options(|| async {}))
        .layer(axum::middleware::from_fn(oidc::cors));
    Router::new()
        .merge(cross_origin)
        .route(
            "/",
            get(|| async { axum::response::Redirect::to("/cas/login") }),
        )
        .route("/cas/login", get(login::login_get).post(login::login_post))
        // EU Login's login transaction: the parameters, server to server (login/request.rs).
        .route("/cas/login/init", post(login::request::init))
        // A second factor's pages post to /cas/login/{method} (its configuration key):
        // /cas/login/webauthn, /cas/login/webauthn/choose, and so on for every method.
        .route("/cas/login/passkey", post(login::challenge::passkey))
        .route("/cas/login/more-time", post(timing::more_time))
        .route(
            "/cas/login/passkey/options",
            post(login::challenge::passkey_options),
        )
        .route("/cas/login/mobile/wait", post(device::wait_challenge))
        .route("/cas/login/{method}", post(login::challenge::answer))
        .route("/cas/login/{method}/choose", post(login::challenge::choose))
        .route("/cas/login/{method}/resend", post(login::challenge::resend))
        .route("/account/methods", get(account::methods::page))
        .route("/account/methods/mfa", post(account::methods::mfa))
        .route(
            "/account/methods/panic",
            get(account::methods::panic_form).post(account::methods::panic_submit),
        )
        .route(
            "/account/methods/panic/confirm",
            get(account::methods::panic_confirm_form).post(account::methods::panic_confirm),
        )
        .route("/account/mobile_app", get(account::mobile::page))
        .route("/account/mobile_app/add", post(account::mobile::add))
        .route("/account/mobile_app/wait", get(device::wait_enrolment))
        .route("/account/mobile_app/done", post(account::mobile::done))
        .route("/account/mobile_app/rename", post(account::mobile::rename))
        .route("/account/mobile_app/delete", post(account::mobile::delete))
        .route("/device/v1/enrol", post(device::enrol))
        .route("/device/v1/enrol/confirm", post(device::confirm))
        .route("/device/v1/challenges", get(device::challenges))
        .route(
            "/device/v1/challenges/{id}",
            get(device::challenge).post(device::respond),
        )
        .route(
            "/device/v1/push",
            get(device::push_key).put(device::push).delete(device::push),
        )
        .route("/device/v1/events", get(device::events))
        .route("/device/v1/pin", post(device::pin))
        .route("/device/v1/device", axum::routing::delete(device::unlink))
        .route("/account/webauthn", get(account::webauthn::page))
        .route(
            "/account/webauthn/add",
            get(account::webauthn::add_form).post(account::webauthn::add_submit),
        )
        .route("/account/webauthn/finish", post(account::webauthn::finish))
        .route("/account/webauthn/rename", post(account::webauthn::rename))
        .route("/account/webauthn/delete", post(account::webauthn::delete))
        .route("/account/tokens", get(account::tokens::page))
        // The "Authentication methods" page links every method's page as /account/{method}.
        .route("/account/token", get(account::tokens::page))
        .route(
            "/account/tokens/add",
            get(account::tokens::add_form).post(account::tokens::add_submit),
        )
        .route("/account/tokens/prove", post(account::tokens::prove))
        .route("/account/tokens/rename", post(account::tokens::rename))
        .route("/account/tokens/remove", post(account::tokens::remove))
        .route("/account/signatures", get(account::signatures::page))
        .route(
            "/account/signatures/{id}/receipt",
            get(account::signatures::receipt),
        )
        .route(
            "/account/signatures/{id}/report",
            post(account::signatures::report),
        )
        // Transaction signing (issue 18, docs/SIGNING.md): the services' API and the user's pages.
        .route("/sign/api/v1/requests", post(sign::api::create))
        .route("/sign/api/v1/requests/{id}", get(sign::api::status))
        .route("/sign/api/v1/result", post(sign::api::result))
        .route("/sign/{id}", get(sign::page::show).post(sign::page::start))
        .route("/sign/{id}/choose", post(sign::page::choose))
        .route("/sign/{id}/answer", post(sign::page::answer))
        .route("/sign/{id}/resend", post(sign::page::resend))
        .route("/sign/{id}/cancel", post(sign::page::cancel))
        .route("/account/phones", get(account::phones::page))
        // The method's key, where the login page sends users who must register a number.
        .route("/account/sms", get(account::phones::page))
        .route(
            "/account/phones/add",
            get(account::phones::add_form).post(account::phones::add_submit),
        )
        .route("/account/phones/confirm", post(account::phones::confirm))
        .route("/account/phones/remove", post(account::phones::remove))
        // Federation (issue 19, docs/FEDERATION.md): upstream identity providers.
        .route("/upstream/{id}/start", post(upstream::start))
        .route(
            "/upstream/{id}/callback",
            get(upstream::callback).post(upstream::callback_post),
        )
        .route("/upstream/{id}/metadata", get(upstream::saml::metadata))
        .route("/upstream/{id}/acs", post(upstream::saml::acs))
        .route("/upstream/link", post(upstream::link))
        .route("/upstream/link/finish", get(upstream::link_finish))
        .route("/upstream/create", post(upstream::create))
        .route("/upstream/activate", get(upstream::activate))
        // SAML 2.0 identity provider (issue 20, docs/SAML.md).
        .route("/saml/metadata", get(saml::metadata))
        .route(
            "/saml/sso",
            get(saml::sso::sso_get).post(saml::sso::sso_post),
        )
        .route("/saml/init", get(saml::sso::init))
        .route(
            "/saml/slo",
            get(saml::slo::slo_get).post(saml::slo::slo_post),
        )
        .route("/account/eids", get(account::upstream::page))
        // The methods' keys, where the login page sends users who must register one.
        .route("/account/eid", get(account::upstream::page))
        .route("/account/social", get(account::upstream::page))
        .route("/account/eids/remove", post(account::upstream::remove))
        .route("/cas/register", get(register::form).post(register::submit))
        .route(
            "/cas/eim/external/register.cgi",
            get(register::legacy_redirect),
        )
        .route("/cas/privacy", get(register::privacy))
        .route("/accessibility", get(accessibility::statement))
        .route("/cas/captcha/{id}", get(captcha::image))
        .route(
            "/cas/password/lost",
            get(password::lost_form).post(password::lost_submit),
        )
        .route(
            "/cas/password/new",
            get(password::new_form).post(password::new_submit),
        )
        .route("/cas/password/renew", post(password::renew_link))
        .route("/cas/password/assess", post(password::assess))
        .route(
            "/cas/email/confirm",
            get(profile::confirm_email_form).post(profile::confirm_email),
        )
        .route("/cas/logout", get(login::logout))
        .route("/cas/validate", get(cas::validate_v1))
        .route("/cas/serviceValidate", get(cas::service_validate))
        .route("/cas/proxyValidate", get(cas::proxy_validate))
        .route("/cas/p3/serviceValidate", get(cas::service_validate))
        .route("/cas/p3/proxyValidate", get(cas::proxy_validate))
        .route(
            "/cas/laxValidate",
            get(cas::lax_validate).post(cas::lax_validate),
        )
        .route(
            "/cas/sponsorValidate",
            get(cas::sponsor_validate).post(cas::sponsor_validate),
        )
        .route(
            "/cas/interinstitutionalValidate",
            get(cas::interinstitutional_validate).post(cas::interinstitutional_validate),
        )
        .route(
            "/cas/strictValidate",
            get(cas::strict_validate).post(cas::strict_validate),
        )
        .route(
            "/cas/TicketValidationService",
            get(cas::lax_validate).post(cas::lax_validate),
        )
        .route("/cas/proxy", get(cas::proxy))
        .route("/cas/samlValidate", post(cas::saml_validate))
        .route("/account", get(account::overview))
        .route("/account/sessions", get(account::sessions))
        .route("/account/sessions/end", post(account::end_session))
        .route(
            "/account/password",
            get(password::change_form).post(password::change_submit),
        )
        .route(
            "/account/details",
            get(profile::details).post(profile::save_details),
        )
        .route("/account/email", post(profile::request_email_change))
        .route(
            "/account/delete",
            get(profile::delete_form).post(profile::delete_submit),
        )
        .route("/dev/outbox", get(dev::outbox))
        .route("/dev/outbox/{id}", get(dev::message))
        .route("/demo/", get(demo::page).post(demo::back_channel_logout))
        .route("/demo/sign", get(demo_sign::form).post(demo_sign::submit))
        .route("/demo/sign/done", get(demo_sign::done))
        .route("/demo/oidc", get(demo::oidc_page))
        .route("/demo/oidc/callback", get(demo::oidc_callback))
        .route("/demo/saml", get(demo_saml::page))
        .route("/demo/saml/acs", post(demo_saml::acs))
        .route(
            "/oidc/authorize",
            get(oidc::authorize_get).post(oidc::authorize_post),
        )
        .route("/oidc/consent", post(oidc::consent_submit))
        .route("/oidc/introspect", post(oidc::token::introspect))
        .route(
            "/oidc/logout",
            get(oidc::logout::logout_get).post(oidc::logout::logout_post),
        )
        .route("/health", get(ops::health))
        .route("/metrics", get(ops::metrics))
        .route("/static/limen.css", get(ops::stylesheet))
        .route("/static/autosubmit.js", get(ops::autosubmit_script))
        .route("/static/pow.js", get(ops::pow_script))
        .route("/static/password.js", get(ops::password_script))
        .route("/static/webauthn.js", get(ops::webauthn_script))
        .route("/static/mobile.js", get(ops::mobile_script))
        .route("/static/timelimit.js", get(ops::timelimit_script))
        .route("/authenticator", get(authenticator::redirect))
        .route("/authenticator/", get(authenticator::index))
        .route("/authenticator/{*file}", get(authenticator::file))
        .merge(admin::routes(&state))
        .fallback(ops::not_found)
        // Innermost: the body is read whole, within the body timeout, before any handler runs
        // (408 when too slow, 413 when a body without Content-Length grows too large).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            server::read_body,
        ))
        // Error pages (500, 503) in the request's language.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::problem_pages,
        ))
        // Bodies over 64 KiB: a 413, straight from this layer when the Content-Length says so.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            state.config.http.max_body_bytes,
        ))
        // Added last, so outermost: every answer passes through it — the 413 and 408 above,
        // axum's 404 and 405, extractor rejections (400, 415, 422) — and gets the security
        // headers (ARCHITECTURE §6). A page that set its own CSP keeps it (security.rs).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

/// Only `/metrics`, for the separate metrics listener (`metrics.listen`).
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(ops::metrics_only))
        .fallback(ops::not_found_plain)
        .with_state(state)
}

/// Serves until `shutdown` completes. Tests pass a listener bound to port 0.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config.clone();
    server::serve(listener, router(state), &config, shutdown).await
}

/// Serves [`metrics_router`] until `shutdown` completes.
pub async fn serve_metrics(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config.clone();
    server::serve(listener, metrics_router(state), &config, shutdown).await
}

/// Percent-encodes a query parameter value.
pub(crate) fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
