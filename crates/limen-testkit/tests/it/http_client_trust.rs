//! Outgoing calls to https servers whose certificate comes from an internal CA (issue 13,
//! item 2): with the CA in `[http_client]` single logout, proxy callbacks and `jwks_uri`
//! reach them; without it nothing is delivered and the log says why (the TLS cause) — the
//! service, the URL, and never the PGT. One backend (SQLite): nothing here is about storage.

use limen_core::oidc::TokenAuthMethod;
use limen_store::testdb::test_databases;
use limen_testkit::tls::{HttpsServer, TestCa};
use limen_testkit::*;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tracing_subscriber::util::SubscriberInitExt as _;

/// What the application logs while the guard lives (the current-thread test runtime runs the
/// server and its background tasks on this thread).
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Log {
    fn capture(&self) -> impl Drop {
        let log = self.clone();
        tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing_subscriber::filter::LevelFilter::INFO)
            .with_writer(move || log.clone())
            .finish()
            .set_default()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log")).into_owned()
    }

    /// The lines that contain `needle`.
    fn lines_with(&self, needle: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|l| l.contains(needle))
            .map(str::to_owned)
            .collect()
    }
}

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The application on SQLite, trusting `ca` for outgoing calls when given.
async fn app_trusting(ca: Option<&TestCa>) -> TestApp {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    let file = ca.map(|ca| ca.file.clone());
    TestApp::start(db, move |c| c.http_client.ca_file = file).await
}

fn slo(app: &TestApp) -> (u64, u64) {
    let m = &app.state.metrics;
    (
        m.slo_sent.load(std::sync::atomic::Ordering::SeqCst),
        m.slo_failed.load(std::sync::atomic::Ordering::SeqCst),
    )
}

/// Jane signs in to a single-logout service at `{base}/app/` and logs out; returns the ticket
/// the service was given.
async fn sign_in_and_out(app: &TestApp, base: &str) -> String {
    app.add_user("jane@example.org", None, "Doe").await;
    app.add_service("Intranet", &format!("{base}/app/*"), |s| {
        s.single_logout = true
    })
    .await;
    let b = app.browser();
    let ticket = b
        .ticket_for(&format!("{base}/app/page"), "jane@example.org")
        .await;
    let page = b.get("/cas/logout").await;
    assert_eq!(page.status, 200, "{}", page.body);
    ticket
}

/// Waits up to 10 s for the single logout to be counted (sent or failed).
async fn slo_settled(app: &TestApp) -> (u64, u64) {
    for _ in 0..400 {
        let counts = slo(app);
        if counts != (0, 0) {
            return counts;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    slo(app)
}

#[tokio::test]
async fn single_logout_reaches_an_https_service_on_the_configured_ca() {
    let log = Log::default();
    let _guard = log.capture();
    let ca = TestCa::new("Limen Test Internal CA");
    let service = Receiver::start_https(200, &ca).await;
    let app = app_trusting(Some(&ca)).await;
    let ticket = sign_in_and_out(&app, &service.base).await;

    let got = service.wait_for(1, 10).await;
    assert_eq!(got.len(), 1, "the https service is told once");
    assert_eq!(
        (got[0].method.as_str(), got[0].path_and_query.as_str()),
        ("POST", "/app/page")
    );
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(got[0].body.as_bytes())
            .into_owned()
            .collect();
    assert_eq!(
        limen_cas::parse_logout_request(&form["logoutRequest"]).as_deref(),
        Some(ticket.as_str()),
        "the CAS logoutRequest names the service's ticket"
    );
    assert_eq!(slo_settled(&app).await, (1, 0));
    assert_eq!(service.handshakes_refused(), 0);
    let delivered = log.lines_with("single logout delivered");
    assert_eq!(delivered.len(), 1, "{}", log.text());
    assert!(
        delivered[0].contains("service=Intranet"),
        "{}",
        delivered[0]
    );
    assert!(
        delivered[0].contains(&format!("url={}/app/page", service.base)),
        "{}",
        delivered[0]
    );
    app.stop().await;
}

#[tokio::test]
async fn without_the_ca_single_logout_is_not_delivered_and_the_log_says_why() {
    let log = Log::default();
    let _guard = log.capture();
    let ca = TestCa::new("Limen Test Internal CA");
    let service = Receiver::start_https(200, &ca).await;
    let app = app_trusting(None).await;
    sign_in_and_out(&app, &service.base).await;

    assert_eq!(
        slo_settled(&app).await,
        (0, 1),
        "counted as failed in /metrics"
    );
    assert!(service.requests().is_empty(), "the logout never arrived");
    assert!(
        service.wait_refused(1, 10).await >= 1,
        "Limen connected and refused the certificate"
    );
    let failed = log.lines_with("single logout not delivered");
    assert_eq!(failed.len(), 1, "{}", log.text());
    let line = &failed[0];
    assert!(line.contains("WARN"), "{line}");
    assert!(line.contains("service=Intranet"), "{line}");
    assert!(line.contains("service_id="), "{line}");
    assert!(
        line.contains(&format!("url={}/app/page", service.base)),
        "{line}"
    );
    assert!(
        line.contains("invalid peer certificate: UnknownIssuer"),
        "the TLS cause is in the log: {line}"
    );
    let metrics = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("limen_single_logout_requests_total{result=\"failed\"} 1"),
        "{metrics}"
    );
    app.stop().await;
}

/// A "Portal" service that may proxy to `{callback}/pgt`; validates a ticket for it with that
/// `pgtUrl` and returns the response.
async fn validate_with_callback(app: &TestApp, callback: &Receiver) -> String {
    app.add_user("jane@example.org", None, "Doe").await;
    let pattern = format!("{}/pgt", callback.base);
    app.add_service("Portal", "http://127.0.0.1:9/portal/*", move |s| {
        s.proxy_callbacks = vec![limen_core::UrlPattern::parse(&pattern).unwrap()];
    })
    .await;
    let portal = "http://127.0.0.1:9/portal/";
    let ticket = app.browser().ticket_for(portal, "jane@example.org").await;
    app.cas_validate(
        "serviceValidate",
        portal,
        &ticket,
        &format!("&pgtUrl={}", encode(&format!("{}/pgt", callback.base))),
    )
    .await
}

#[tokio::test]
async fn an_https_proxy_callback_on_the_configured_ca_gets_the_pgt() {
    let ca = TestCa::new("Limen Test Internal CA");
    let callback = Receiver::start_https(200, &ca).await;
    let app = app_trusting(Some(&ca)).await;
    let body = validate_with_callback(&app, &callback).await;
    assert!(body.contains("<cas:proxyGrantingTicket>PGTIOU-"), "{body}");
    let got = callback.requests();
    assert_eq!(got.len(), 1);
    let query = got[0].path_and_query.split_once('?').expect("a query").1;
    let pairs: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
    assert!(body.contains(&pairs["pgtIou"]), "{body}");
    // The PGT it received works: /proxy issues a proxy ticket with it.
    app.add_service("Backend", "http://127.0.0.1:9/backend/*", |_| {})
        .await;
    let proxied = reqwest::get(app.url(&format!(
        "/cas/proxy?pgt={}&targetService={}",
        encode(&pairs["pgtId"]),
        encode("http://127.0.0.1:9/backend/")
    )))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(proxied.contains("<cas:proxyTicket>PT-"), "{proxied}");
    app.stop().await;
}

#[tokio::test]
async fn without_the_ca_a_proxy_callback_gets_nothing_and_the_log_says_why() {
    let log = Log::default();
    let _guard = log.capture();
    let ca = TestCa::new("Limen Test Internal CA");
    let callback = Receiver::start_https(200, &ca).await;
    let app = app_trusting(None).await;
    let body = validate_with_callback(&app, &callback).await;
    assert!(body.contains("authenticationSuccess"), "{body}");
    assert!(!body.contains("proxyGrantingTicket"), "{body}");
    assert!(callback.requests().is_empty());
    assert!(callback.wait_refused(1, 10).await >= 1);
    let failed = log.lines_with("proxy callback unreachable");
    assert_eq!(failed.len(), 1, "{}", log.text());
    let line = &failed[0];
    assert!(line.contains("service=Portal"), "{line}");
    assert!(
        line.contains(&format!("url={}/pgt", callback.base)),
        "{line}"
    );
    assert!(
        line.contains("invalid peer certificate: UnknownIssuer"),
        "{line}"
    );
    assert!(
        !log.text().contains("PGT-"),
        "the proxy-granting ticket never reaches the log"
    );
    app.stop().await;
}

/// An OpenID Connect client authenticating with `private_key_jwt` whose keys are at an https
/// `jwks_uri`: the token request succeeds only when Limen trusts the CA.
#[tokio::test]
async fn a_jwks_uri_on_the_configured_ca_is_fetched() {
    const CB: &str = "http://127.0.0.1:9/cb";
    let log = Log::default();
    let _guard = log.capture();
    let ca = TestCa::new("Limen Test Internal CA");
    let key = limen_crypto::jose::SigningKey::generate(limen_core::oidc::JwsAlg::EdDsa).unwrap();
    let jwks = json!({"keys": [key.public_jwk.clone()]}).to_string();
    let keys = HttpsServer::start(
        axum::Router::new().route(
            "/jwks",
            axum::routing::get(move || {
                let jwks = jwks.clone();
                async move { ([("content-type", "application/json")], jwks) }
            }),
        ),
        &ca,
    )
    .await;
    for (trusted, expected) in [(true, 200), (false, 401)] {
        let app = app_trusting(trusted.then_some(&ca)).await;
        app.add_user("jane@example.org", None, "Doe").await;
        let jwks_uri = format!("{}/jwks", keys.base);
        app.add_oidc_client("rp", CB, move |_, c| {
            c.auth_method = TokenAuthMethod::PrivateKeyJwt;
            c.secret_hash = None;
            c.jwks_uri = Some(jwks_uri);
        })
        .await;
        let b = app.browser();
        let authorize = b
            .get(&format!(
                "/oidc/authorize?response_type=code&client_id=rp&redirect_uri={}&scope=openid&state=s",
                encode(CB)
            ))
            .await;
        let login = authorize.location.clone().expect("to the login page");
        let done = b.login_at(&login, "jane@example.org", PASSWORD).await;
        let back = url::Url::parse(done.location.as_deref().expect("back to the client")).unwrap();
        let code = back
            .query_pairs()
            .find(|(k, _)| k == "code")
            .expect("a code")
            .1
            .into_owned();
        let now = app.clock_now().unix_timestamp();
        let assertion = key
            .sign(
                &json!({"iss": "rp", "sub": "rp", "aud": app.url("/oidc/token"), "exp": now + 60, "jti": limen_crypto::random_token(8)}),
                "JWT",
            )
            .unwrap();
        let r = reqwest::Client::new()
            .post(app.url("/oidc/token"))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", CB),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", assertion.as_str()),
            ])
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(status, expected, "trusted = {trusted}: {body}");
        if !trusted {
            assert_eq!(body["error"], "invalid_client");
            let failed = log.lines_with("jwks_uri unreachable");
            assert_eq!(failed.len(), 1, "{}", log.text());
            assert!(failed[0].contains("client=rp"), "{}", failed[0]);
            assert!(
                failed[0].contains(&format!("url={}/jwks", keys.base)),
                "{}",
                failed[0]
            );
            assert!(
                failed[0].contains("invalid peer certificate: UnknownIssuer"),
                "{}",
                failed[0]
            );
        }
        app.stop().await;
    }
    assert!(keys.wait_refused(1, 10).await >= 1);
}
