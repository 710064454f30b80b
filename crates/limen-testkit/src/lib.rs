//! Test harness: [`TestApp`] runs the real Limen application on a random local port, with its own
//! database (SQLite, and PostgreSQL when `LIMEN_TEST_PG` is set), a clock the test moves by hand,
//! and cheap Argon2 parameters. [`Browser`] keeps cookies and does not follow redirects, so tests
//! see exactly what a browser would. [`Receiver`] is a small HTTP (or https, with a certificate
//! from a test CA: [`tls`]) server that records requests, standing in for a service's back
//! channel (single logout, proxy callbacks).

pub mod factor;
pub mod oidc_op;
pub mod saml_sp;
pub mod smtp;
pub mod tls;
pub mod webauthn;

use limen_core::clock::ManualClock;
use limen_core::{
    Account, AccountStatus, AssuranceLevel, Email, PersonName, Service, ServiceProtocol,
    UrlPattern, UserType,
};
use limen_crypto::{HashParams, PasswordHasher};
use limen_store::testdb::{TestDb, test_databases};
use limen_store::{NewAccount, NewService, Store};
use limen_web::{AppState, WebConfig};
use std::future::Future;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;
use tokio::sync::oneshot;

pub use limen_store::Backend;

pub const PASSWORD: &str = "Corr3ct-Horse-Battery!";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub store: Store,
    pub clock: Arc<ManualClock>,
    /// The SMTP server the application's mail goes to (a real one, over TCP).
    pub smtp: smtp::SmtpSink,
    mail_worker: Option<tokio::task::JoinHandle<()>>,
    sms_worker: Option<tokio::task::JoinHandle<()>>,
    request_worker: Mutex<Option<tokio::task::JoinHandle<()>>>,
    db: Option<TestDb>,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl TestApp {
    /// Starts an application on `db`, letting the test adjust the configuration first.
    pub async fn start(db: TestDb, configure: impl FnOnce(&mut WebConfig)) -> TestApp {
        let hasher = PasswordHasher::new(
            HashParams {
                memory_kib: 256,
                iterations: 1,
                parallelism: 1,
            },
            4,
        )
        .expect("hasher");
        Self::start_with_hasher(db, configure, hasher).await
    }

    /// [`TestApp::start`] with a hasher of the test's choosing (costlier, fewer workers, a
    /// shorter queue), for tests of what happens while hashes wait.
    pub async fn start_with_hasher(
        db: TestDb,
        configure: impl FnOnce(&mut WebConfig),
        hasher: PasswordHasher,
    ) -> TestApp {
        Self::launch(db, configure, hasher, Vec::new()).await
    }

    /// [`TestApp::start`] with more second factors registered in the engine (a method written
    /// outside `limen-authn`, through its public interface: [`factor::CodeFactor`]).
    pub async fn start_with_factors(
        db: TestDb,
        configure: impl FnOnce(&mut WebConfig),
        factors: Vec<Arc<dyn limen_authn::SecondFactor>>,
    ) -> TestApp {
        // The test factors stand in for methods that may be for staff only by default (tokens):
        // here, for everyone, unless the test's own configuration says otherwise.
        let methods: Vec<limen_core::Method> = factors.iter().map(|f| f.method()).collect();
        let configure = move |c: &mut WebConfig| {
            for m in methods {
                c.methods.set(m, limen_core::MethodRule::default());
            }
            configure(c);
        };
        let hasher = PasswordHasher::new(
            HashParams {
                memory_kib: 256,
                iterations: 1,
                parallelism: 1,
            },
            4,
        )
        .expect("hasher");
        Self::launch(db, configure, hasher, factors).await
    }

    async fn launch(
        db: TestDb,
        configure: impl FnOnce(&mut WebConfig),
        hasher: PasswordHasher,
        factors: Vec<Arc<dyn limen_authn::SecondFactor>>,
    ) -> TestApp {
        let store = Store::connect(&db.url)
            .await
            .expect("connect test database");
        store.migrate().await.expect("migrate test database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let base = format!("http://{}", listener.local_addr().expect("local address"));
        let mut config = WebConfig::new(&base);
        config.internal_domains = vec!["limen.test".into()];
        // Cheap puzzles: tests solve them in microseconds.
        config.self_service.pow_difficulty = 8;
        configure(&mut config);
        let smtp = smtp::SmtpSink::start().await;
        let mail = limen_notify::MailSettings {
            from: "Limen Test <no-reply@limen.test>".into(),
            transport: limen_notify::MailTransport::Smtp(limen_notify::SmtpSettings {
                host: "127.0.0.1".into(),
                port: smtp.port,
                security: limen_notify::SmtpSecurity::None,
                username: None,
                password: None,
                timeout: std::time::Duration::from_secs(5),
                ca_file: None,
            }),
            retry: limen_notify::RetryPolicy::default(),
        };
        let clock = Arc::new(ManualClock::new(OffsetDateTime::now_utc()));
        let state =
            AppState::with_factors(store.clone(), hasher, config, mail, clock.clone(), factors)
                .await
                .expect("application state");
        let mail_worker = state
            .mailer
            .spawn_worker(std::time::Duration::from_millis(50));
        let request_worker = Mutex::new(Some(limen_web::requests::spawn_worker(
            &state,
            std::time::Duration::from_millis(50),
        )));
        let sms_worker = state.sms.spawn_worker(std::time::Duration::from_millis(50));
        state.ensure_demo_service().await.expect("demo service");
        let (tx, rx) = oneshot::channel::<()>();
        let app_state = state.clone();
        let server = tokio::spawn(async move {
            let _ = limen_web::serve(listener, app_state, async {
                let _ = rx.await;
            })
            .await;
        });
        TestApp {
            base,
            state,
            store,
            clock,
            smtp,
            mail_worker: Some(mail_worker),
            sms_worker: Some(sms_worker),
            request_worker,
            db: Some(db),
            shutdown: Some(tx),
            server: Some(server),
        }
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn advance(&self, by: time::Duration) {
        self.clock.advance(by);
    }

    /// An active account with [`PASSWORD`].
    /// A CAS validation request: `/cas/{endpoint}?service=…&ticket=…{extra}`; the body.
    pub async fn cas_validate(
        &self,
        endpoint: &str,
        service: &str,
        ticket: &str,
        extra: &str,
    ) -> String {
        let url = format!(
            "{}/cas/{endpoint}?service={}&ticket={}{extra}",
            self.base,
            encode(service),
            encode(ticket)
        );
        reqwest::get(url)
            .await
            .expect("validate")
            .text()
            .await
            .expect("body")
    }

    pub async fn add_user(&self, email: &str, first: Option<&str>, last: &str) -> Account {
        let email = Email::parse(email).expect("test e-mail");
        let hash = self.state_hasher_hash(PASSWORD).await;
        self.store
            .create_account(
                NewAccount {
                    user_type: UserType::for_email(&email, &["limen.test".to_owned()]),
                    email,
                    first_name: first.map(|f| PersonName::parse(f).expect("first name")),
                    last_name: PersonName::parse(last).expect("last name"),
                    status: AccountStatus::Active,
                    assurance: AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: Some(hash),
                },
                self.clock_now(),
            )
            .await
            .expect("create test account")
    }

    async fn state_hasher_hash(&self, password: &str) -> String {
        PasswordHasher::new(
            HashParams {
                memory_kib: 256,
                iterations: 1,
                parallelism: 1,
            },
            1,
        )
        .expect("hasher")
        .hash(password)
        .await
        .expect("hash")
    }

    pub fn clock_now(&self) -> OffsetDateTime {
        use limen_core::Clock;
        self.clock.now()
    }

    /// A CAS service for `pattern`, releasing the default attributes; `adjust` may change it.
    pub async fn add_service(
        &self,
        name: &str,
        pattern: &str,
        adjust: impl FnOnce(&mut NewService),
    ) -> Service {
        let mut new = NewService {
            name: name.into(),
            protocol: ServiceProtocol::Cas,
            url_patterns: vec![UrlPattern::parse(pattern).expect("pattern")],
            accepted_strengths: Vec::new(),
            min_assurance: AssuranceLevel::Low,
            released_attributes: limen_core::service::DEFAULT_ATTRIBUTES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            logout_url: None,
            single_logout: false,
            proxy_callbacks: Vec::new(),
        };
        adjust(&mut new);
        self.store
            .create_service(&new, self.clock_now())
            .await
            .expect("create test service")
    }

    /// An OpenID Connect client named `name` with one redirect URI and a secret (client id =
    /// `name`); `adjust` may change both halves. Returns the client and its secret.
    pub async fn add_oidc_client(
        &self,
        name: &str,
        redirect_uri: &str,
        adjust: impl FnOnce(&mut NewService, &mut limen_core::oidc::OidcClient),
    ) -> (limen_core::oidc::OidcClient, String) {
        use limen_core::oidc::{JwsAlg, OidcClient, SubjectType, TokenAuthMethod};
        let secret = limen_crypto::random_token(32);
        let mut new = NewService {
            name: name.into(),
            protocol: ServiceProtocol::Oidc,
            url_patterns: Vec::new(),
            accepted_strengths: Vec::new(),
            min_assurance: AssuranceLevel::Low,
            released_attributes: Vec::new(),
            logout_url: None,
            single_logout: true,
            proxy_callbacks: Vec::new(),
        };
        let mut client = OidcClient {
            service_id: 0,
            client_id: name.into(),
            secret_hash: Some(limen_crypto::sha256_hex(secret.as_bytes())),
            auth_method: TokenAuthMethod::ClientSecretBasic,
            redirect_uris: vec![redirect_uri.into()],
            post_logout_redirect_uris: Vec::new(),
            pkce_required: false,
            signing_alg: JwsAlg::Es256,
            subject_type: SubjectType::Public,
            sector: url::Url::parse(redirect_uri)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default(),
            scopes: vec![
                "openid".into(),
                "profile".into(),
                "email".into(),
                "offline_access".into(),
            ],
            consent: false,
            jwks: None,
            jwks_uri: None,
            backchannel_logout_uri: None,
            frontchannel_logout_uri: None,
        };
        adjust(&mut new, &mut client);
        let (_, client) = self
            .store
            .create_oidc_client(&new, &client, self.clock_now())
            .await
            .expect("create test client");
        (client, secret)
    }

    /// The answer to the CAPTCHA image shown on `page`, derived from its token with the server's
    /// key as only the server can (the image is for people).
    pub async fn captcha_answer(&self, page: &Page) -> String {
        let id = page.input_value("captcha_id").expect("page has a CAPTCHA");
        limen_web::captcha::image_answer(&self.state, &id).expect("a live CAPTCHA picture")
    }

    /// The first link of the newest message sent to `to` (waiting for it up to 10 s).
    pub async fn link_in_mail(&self, to: &str, nth_message: usize) -> String {
        let messages = self.mail_to(to, nth_message).await;
        messages[nth_message - 1]
            .links()
            .into_iter()
            .next()
            .expect("message has a link")
    }

    /// Waits up to 10 s until `n` messages have been received for `to`; returns all of them.
    pub async fn mail_to(&self, to: &str, n: usize) -> Vec<smtp::ReceivedMail> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let got: Vec<_> = self
                .smtp
                .messages()
                .into_iter()
                .filter(|m| m.envelope_to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .collect();
            if got.len() >= n || std::time::Instant::now() > deadline {
                assert!(
                    got.len() >= n,
                    "expected {n} message(s) to {to}, got {}",
                    got.len()
                );
                return got;
            }
            self.state.mailer.wake();
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }

    /// The texts of the SMS sent to `to` (E.164), oldest first, once there are at least `n`
    /// (waiting up to 10 s): the development gateway keeps them in the outbox.
    pub async fn sms_to(&self, to: &str, n: usize) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let mut got: Vec<String> = self
                .store
                .recent_sms(1000)
                .await
                .expect("SMS outbox")
                .into_iter()
                .filter(|m| m.recipient == to && m.sent_at.is_some())
                .filter_map(|m| self.state.sms.open(&m).map(|c| c.text))
                .collect();
            got.reverse();
            if got.len() >= n || std::time::Instant::now() > deadline {
                let all = self.store.recent_sms(1000).await.expect("SMS outbox");
                assert!(
                    got.len() >= n,
                    "expected {n} SMS to {to}, got {}; outbox: {all:?}",
                    got.len()
                );
                return got;
            }
            self.state.sms.wake();
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }

    /// The code of the `n`-th SMS sent to `to` (1-based): `XXX-XXX-XXX` or `XXXX-XXXX`.
    pub async fn sms_code(&self, to: &str, n: usize) -> String {
        let texts = self.sms_to(to, n).await;
        sms_code_in(&texts[n - 1])
    }

    /// How many SMS were queued to `to`, sent or not.
    pub async fn sms_count(&self, to: &str) -> usize {
        self.store
            .recent_sms(1000)
            .await
            .expect("SMS outbox")
            .iter()
            .filter(|m| m.recipient == to)
            .count()
    }

    /// Stops the self-service queue's worker: what "Lost password?" was asked then waits.
    pub fn pause_request_worker(&self) {
        if let Some(worker) = self.request_worker.lock().expect("worker lock").take() {
            worker.abort();
        }
    }

    /// Starts the self-service queue's worker again (it does what waits at once).
    pub fn resume_request_worker(&self) {
        let mut worker = self.request_worker.lock().expect("worker lock");
        if worker.is_none() {
            *worker = Some(limen_web::requests::spawn_worker(
                &self.state,
                std::time::Duration::from_millis(50),
            ));
        }
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    pub async fn stop(mut self) {
        if let Some(worker) = self.mail_worker.take() {
            worker.abort();
        }
        if let Some(worker) = self.sms_worker.take() {
            worker.abort();
        }
        self.pause_request_worker();
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.store.close().await;
        if let Some(db) = self.db.take() {
            db.cleanup().await;
        }
    }
}

/// The code in an SMS text: its first word, `XXX-XXX-XXX` or `XXXX-XXXX`.
pub fn sms_code_in(text: &str) -> String {
    text.split_whitespace()
        .next()
        .filter(|w| w.contains('-'))
        .unwrap_or_else(|| panic!("no code in the SMS {text:?}"))
        .to_owned()
}

/// Runs `test` against a fresh application on each backend (SQLite; PostgreSQL when configured).
pub async fn each_backend<F, Fut>(configure: fn(&mut WebConfig), test: F)
where
    F: Fn(Arc<TestApp>) -> Fut,
    Fut: Future<Output = ()>,
{
    for db in test_databases().await {
        let app = Arc::new(TestApp::start(db, configure).await);
        test(app.clone()).await;
        if let Ok(app) = Arc::try_unwrap(app) {
            app.stop().await;
        }
    }
}

/// No configuration change.
pub fn defaults(_: &mut WebConfig) {}

/// What a browser got back.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    /// The CSRF token of the first form on the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self
            .body
            .find(marker)
            .map(|i| i + marker.len())
            .expect("page has a CSRF token");
        let end = self.body[start..].find('"').expect("token ends") + start;
        self.body[start..end].to_owned()
    }

    /// The action of the first form, HTML-unescaped.
    pub fn form_action(&self) -> String {
        let marker = "<form method=\"post\" action=\"";
        let start = self
            .body
            .find(marker)
            .map(|i| i + marker.len())
            .expect("page has a form");
        let end = self.body[start..].find('"').expect("action ends") + start;
        self.body[start..end]
            .replace("&amp;", "&")
            .replace("&#38;", "&")
            .replace("&#x2f;", "/")
            .replace("&#x3d;", "=")
    }

    /// The `ticket` query parameter of the redirect.
    pub fn ticket(&self) -> Option<String> {
        let location = self.location.as_deref()?;
        let url = url::Url::parse(location).ok()?;
        url.query_pairs()
            .find(|(k, _)| k == "ticket")
            .map(|(_, v)| v.into_owned())
    }

    pub fn contains(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    /// The value of the first `<input>` named `name`, HTML-unescaped.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(unescape(&self.body[start..end]))
    }

    /// The page text with the HTML entities askama writes turned back into characters.
    pub fn text(&self) -> String {
        unescape(&self.body)
    }
}

/// A browser: cookies kept, redirects not followed.
pub struct Browser {
    base: String,
    client: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Self::with_language(base, None)
    }

    pub fn with_language(base: &str, accept_language: Option<&str>) -> Self {
        match accept_language {
            Some(lang) => Self::with_headers(base, &[("accept-language", lang)]),
            None => Self::with_headers(base, &[]),
        }
    }

    /// A browser that sends `headers` with every request (e.g. `X-Forwarded-For`).
    pub fn with_headers(base: &str, extra: &[(&str, &str)]) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in extra {
            headers.append(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("header name"),
                value.parse().expect("header value"),
            );
        }
        // A `User-Agent` among `extra` (a phone's browser) replaces the default one.
        if !headers.contains_key(reqwest::header::USER_AGENT) {
            headers.insert(
                reqwest::header::USER_AGENT,
                reqwest::header::HeaderValue::from_static("limen-testkit"),
            );
        }
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("HTTP client");
        Self {
            base: base.to_owned(),
            client,
            jar,
        }
    }

    /// The `Cookie` header this browser would send to `url` (for a request made with another
    /// client, e.g. one that gives up early).
    pub fn cookie_header(&self, url: &str) -> String {
        use reqwest::cookie::CookieStore as _;
        let url = reqwest::Url::parse(url).expect("URL");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_owned))
            .unwrap_or_default()
    }

    fn absolute(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let location = headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await.expect("response body");
        Page {
            status,
            location,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::page(
            self.client
                .get(self.absolute(path))
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(self.absolute(path))
                .form(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// `/cas/login?service=…` (or without service), e-mail step, then password step.
    /// Returns the answer to the password step.
    pub async fn login(&self, service: Option<&str>, email: &str, password: &str) -> Page {
        let path = match service {
            Some(s) => format!("/cas/login?service={}", encode(s)),
            None => "/cas/login".to_owned(),
        };
        self.login_at(&path, email, password).await
    }

    /// Like [`Browser::login`], starting from any login path (e.g. with `next=` or `renew=`).
    pub async fn login_at(&self, path: &str, email: &str, password: &str) -> Page {
        let second = self.password_page_at(path, email).await;
        self.password_step(&second, email, password).await
    }

    /// The login page at `path`, then its e-mail step: the page that asks for the password.
    pub async fn password_page_at(&self, path: &str, email: &str) -> Page {
        let first = self.get(path).await;
        assert_eq!(first.status, 200, "login page: {}", first.body);
        let second = self
            .post(
                &first.form_action(),
                &[
                    ("csrf_token", &first.csrf()),
                    ("step", "email"),
                    ("email", email),
                ],
            )
            .await;
        assert_eq!(second.status, 200, "e-mail step: {}", second.body);
        second
    }

    /// Submits the password form shown on `page`.
    pub async fn password_step(&self, page: &Page, email: &str, password: &str) -> Page {
        self.post(
            &page.form_action(),
            &[
                ("csrf_token", &page.csrf()),
                ("step", "password"),
                ("method", "PASSWORD"),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// Logs in to `service` and returns the service ticket.
    pub async fn ticket_for(&self, service: &str, email: &str) -> String {
        let page = self.login(Some(service), email, PASSWORD).await;
        assert_eq!(page.status, 303, "login should redirect: {}", page.body);
        page.ticket().expect("redirect carries a ticket")
    }
}

fn unescape(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2f;", "/")
        .replace("&#x3d;", "=")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

pub fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A request received by a [`Receiver`].
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path_and_query: String,
    pub body: String,
}

/// A local HTTP or https server that records every request and answers with a fixed status.
pub struct Receiver {
    pub base: String,
    pub received: Arc<Mutex<Vec<Received>>>,
    https: Option<tls::HttpsServer>,
    _task: Option<tokio::task::JoinHandle<()>>,
}

impl Receiver {
    pub async fn start(status: u16) -> Receiver {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let app = Self::recorder(status, received.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver {
            base,
            received,
            https: None,
            _task: Some(task),
        }
    }

    /// The same over https, with a certificate issued by `ca`.
    pub async fn start_https(status: u16, ca: &tls::TestCa) -> Receiver {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let server = tls::HttpsServer::start(Self::recorder(status, received.clone()), ca).await;
        Receiver {
            base: server.base.clone(),
            received,
            https: Some(server),
            _task: None,
        }
    }

    fn recorder(status: u16, log: Arc<Mutex<Vec<Received>>>) -> axum::Router {
        use axum::extract::Request;
        let code = axum::http::StatusCode::from_u16(status).expect("status code");
        axum::Router::new().fallback(move |request: Request| {
            let log = log.clone();
            async move {
                let method = request.method().to_string();
                let path_and_query = request
                    .uri()
                    .path_and_query()
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                let bytes = axum::body::to_bytes(request.into_body(), 1 << 20)
                    .await
                    .unwrap_or_default();
                log.lock().expect("log").push(Received {
                    method,
                    path_and_query,
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                });
                code
            }
        })
    }

    /// Over https: the TLS handshakes a client broke off (it did not trust the certificate).
    pub fn handshakes_refused(&self) -> usize {
        self.https
            .as_ref()
            .map_or(0, tls::HttpsServer::handshakes_refused)
    }

    /// Waits up to `seconds` for at least `n` refused handshakes ([`tls::HttpsServer::wait_refused`]).
    pub async fn wait_refused(&self, n: usize, seconds: u64) -> usize {
        match &self.https {
            Some(https) => https.wait_refused(n, seconds).await,
            None => 0,
        }
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().expect("log").clone()
    }

    /// Waits up to `seconds` for at least `n` requests.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let got = self.requests();
            if got.len() >= n || std::time::Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }
}
