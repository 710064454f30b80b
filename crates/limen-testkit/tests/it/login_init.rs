//! EU Login's login transaction (issue 13, item 6; docs/CAS.md "Login requests"): a client posts
//! the login parameters to `POST /cas/login/init`, gets a `loginRequestId`, sends the browser to
//! `/cas/login?loginRequestId=…`, and validates the ticket — with the `clientFingerprint` the
//! `ecphp/ecas` client derives, when the login request carried one. The client side here is
//! written from the published clients' behaviour: they post a form body (the PHP one without a
//! `Content-Type`), read `loginRequest/loginRequestSuccess/loginRequestId` from a 200 answer,
//! and append the id to the login URL as is.

use limen_testkit::*;
use time::Duration;

const APP: &str = "http://127.0.0.1:9/app/";
const OTHER: &str = "http://127.0.0.1:9/other/";
const TOKENS: &str = "http://127.0.0.1:9/tokens/";
const JANE: &str = "jane@example.org";
const ECAS_NS: &str = "https://ecas.ec.europa.eu/cas/schemas";

/// The `ecphp/ecas` scheme, computed outside Limen (Python's hashlib and base64): the browser's
/// cookie holds Base64 of 21 random bytes (here 0x01..=0x15); the login request carries
/// Base64(SHA-1(SHA-1(bytes))); validation presents the cookie's value.
const FINGERPRINT_COOKIE: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQV";
const FINGERPRINT_AT_INIT: &str = "vR+99LiYaJkUPO8fFDltztZ4vAA=";

async fn setup(app: &TestApp) {
    app.add_user(JANE, Some("Jane"), "Doe").await;
    app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
        .await;
    app.add_service("Other", "http://127.0.0.1:9/other/*", |_| {})
        .await;
    app.add_service("Tokens", "http://127.0.0.1:9/tokens/*", |s| {
        s.accepted_strengths = vec![limen_core::Strength::PasswordToken];
    })
    .await;
}

/// What `/cas/login/init` answered.
struct Answer {
    status: u16,
    content_type: String,
    body: String,
}

impl Answer {
    fn id(&self) -> String {
        assert_eq!(self.status, 200, "{}", self.body);
        let start = self
            .body
            .find("<loginRequestId>")
            .unwrap_or_else(|| panic!("no loginRequestId: {}", self.body))
            + "<loginRequestId>".len();
        let end = self.body[start..]
            .find("</loginRequestId>")
            .expect("element ends")
            + start;
        self.body[start..end].to_owned()
    }

    fn failure_code(&self) -> Option<String> {
        let marker = "<loginRequestFailure code=\"";
        let start = self.body.find(marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }
}

/// Posts `body` as is, with no `Content-Type` (as the PHP client's PSR-18 request does).
async fn init_raw(app: &TestApp, body: impl Into<reqwest::Body>) -> Answer {
    let response = reqwest::Client::new()
        .post(app.url("/cas/login/init"))
        .body(body)
        .send()
        .await
        .expect("POST /cas/login/init");
    answer(response).await
}

/// Posts a form (as the ColdFusion and Node clients do).
async fn init(app: &TestApp, form: &[(&str, &str)]) -> Answer {
    let response = reqwest::Client::new()
        .post(app.url("/cas/login/init"))
        .form(form)
        .send()
        .await
        .expect("POST /cas/login/init");
    answer(response).await
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.expect("body");
    Answer {
        status,
        content_type,
        body,
    }
}

fn login_path(id: &str) -> String {
    format!("/cas/login?loginRequestId={id}")
}

fn gone(page: &Page) -> bool {
    page.status == 400
        && page.location.is_none()
        && page
            .text()
            .contains("This sign-in link is unknown, has expired or has already been used")
}

#[tokio::test]
async fn init_login_ticket_validate() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let answer = init_raw(&app, format!("service={}&renew=false", encode(APP))).await;
        assert_eq!(answer.status, 200);
        assert!(
            answer.content_type.starts_with("application/xml"),
            "{}",
            answer.content_type
        );
        // A namespace-aware reader sees EU Login's names in EU Login's namespace.
        let mut reader = quick_xml::NsReader::from_str(&answer.body);
        let mut names = Vec::new();
        loop {
            match reader.read_resolved_event().expect("well-formed XML") {
                (quick_xml::name::ResolveResult::Bound(ns), quick_xml::events::Event::Start(e)) => {
                    assert_eq!(ns.as_ref(), ECAS_NS.as_bytes());
                    names.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                }
                (_, quick_xml::events::Event::Eof) => break,
                (_, quick_xml::events::Event::Start(e)) => panic!("unqualified element {e:?}"),
                _ => {}
            }
        }
        assert_eq!(
            names,
            ["loginRequest", "loginRequestSuccess", "loginRequestId"]
        );
        for attribute in ["server=\"Limen ", "date=\"", "version=\"4.5\""] {
            assert!(answer.body.contains(attribute), "{}", answer.body);
        }
        let id = answer.id();
        assert!(id.starts_with("LR-") && id[3..].chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(id.len() >= 3 + 43, "≈256 bits after the prefix: {id}");

        // The browser: e-mail page, password page, ticket — every form keeps the id.
        let b = app.browser();
        let first = b.get(&login_path(&id)).await;
        assert_eq!(first.status, 200, "{}", first.body);
        assert!(
            first
                .form_action()
                .contains(&format!("loginRequestId={id}"))
        );
        let done = b.login_at(&login_path(&id), JANE, PASSWORD).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(done.location.as_deref().unwrap().starts_with(APP));
        let ticket = done.ticket().expect("ticket");
        let body = app.cas_validate("serviceValidate", APP, &ticket, "").await;
        assert!(body.contains("authenticationSuccess"), "{body}");

        // The id is spent with the login: the same browser, another one.
        assert!(gone(&b.get(&login_path(&id)).await));
        assert!(gone(&app.browser().get(&login_path(&id)).await));
    })
    .await;
}

#[tokio::test]
async fn unknown_tampered_replayed_and_expired_ids_are_refused() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        assert!(gone(&b.get(&login_path("LR-nothing")).await));
        assert!(gone(&b.get(&login_path("")).await));
        assert!(gone(&b.get(&login_path(&"LR-x".repeat(100))).await));

        // Tampered: any change is another digest, so an unknown id.
        let id = init(&app, &[("service", APP)]).await.id();
        let last = id.chars().last().unwrap();
        let tampered = format!(
            "{}{}",
            &id[..id.len() - 1],
            if last == 'a' { 'b' } else { 'a' }
        );
        assert!(gone(&b.get(&login_path(&tampered)).await));
        // ... and the real one still works for this browser, across reloads.
        assert_eq!(b.get(&login_path(&id)).await.status, 200);
        assert_eq!(b.get(&login_path(&id)).await.status, 200);
        // Replayed from another browser once opened: refused, whatever it does.
        let thief = app.browser();
        assert!(gone(&thief.get(&login_path(&id)).await));
        let stolen = thief
            .post(
                &login_path(&id),
                &[("csrf_token", "x"), ("step", "email"), ("email", JANE)],
            )
            .await;
        assert!(gone(&stolen), "{}", stolen.body);

        // Expired before any browser opened it.
        let id = init(&app, &[("service", APP)]).await.id();
        app.advance(Duration::minutes(5) + Duration::seconds(1));
        let page = b.get(&login_path(&id)).await;
        assert!(gone(&page), "{}", page.body);

        // Expired after it was opened: the sign-in window is 30 minutes.
        let id = init(&app, &[("service", APP)]).await.id();
        let page = b.get(&login_path(&id)).await;
        assert_eq!(page.status, 200);
        app.advance(Duration::minutes(31));
        let late = b
            .post(
                &page.form_action(),
                &[
                    ("csrf_token", &page.csrf()),
                    ("step", "email"),
                    ("email", JANE),
                ],
            )
            .await;
        assert!(gone(&late), "{}", late.body);

        // The French page for French browsers.
        let fr = Browser::with_language(&app.base, Some("fr"));
        let page = fr.get(&login_path("LR-nothing")).await;
        assert_eq!(page.status, 400);
        assert!(
            page.text().contains("Ce lien de connexion est inconnu"),
            "{}",
            page.body
        );
    })
    .await;
}

#[tokio::test]
async fn only_the_stored_parameters_count() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        // A single sign-on session.
        b.ticket_for(APP, JANE).await;

        // Stored renew: the password again despite the session; the ticket passes renew=true.
        let id = init(&app, &[("service", APP), ("renew", "true")])
            .await
            .id();
        let page = b.get(&login_path(&id)).await;
        assert_eq!(
            page.status, 200,
            "renew asks for the password: {}",
            page.body
        );
        assert!(page.contains("name=\"password\""));
        let renewed = b.password_step(&page, JANE, PASSWORD).await;
        let ticket = renewed.ticket().expect("ticket after renew");
        let body = app
            .cas_validate("serviceValidate", APP, &ticket, "&renew=true")
            .await;
        assert!(body.contains("authenticationSuccess"), "{body}");

        // renew in the URL beside the id is ignored: single sign-on, ticket at once, and not
        // from a fresh login.
        let id = init(&app, &[("service", APP)]).await.id();
        let page = b.get(&format!("{}&renew=true", login_path(&id))).await;
        assert_eq!(page.status, 303, "{}", page.body);
        let ticket = page.ticket().expect("SSO ticket");
        let body = app
            .cas_validate("serviceValidate", APP, &ticket, "&renew=true")
            .await;
        assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");

        // Stored acceptStrengths: the password session does not do; no ticket.
        let id = init(
            &app,
            &[("service", APP), ("acceptStrengths", "PASSWORD_TOKEN")],
        )
        .await
        .id();
        let page = b.get(&login_path(&id)).await;
        assert!(
            page.ticket().is_none() && page.status != 303,
            "{}",
            page.body
        );
        // ... while the same strengths in the URL are ignored.
        let id = init(&app, &[("service", APP)]).await.id();
        let page = b
            .get(&format!(
                "{}&acceptStrengths=PASSWORD_TOKEN",
                login_path(&id)
            ))
            .await;
        assert!(page.ticket().is_some(), "{}", page.body);

        // A service in the URL other than the stored one: refused (and nothing issued).
        let id = init(&app, &[("service", APP)]).await.id();
        let page = b
            .get(&format!("{}&service={}", login_path(&id), encode(OTHER)))
            .await;
        assert!(gone(&page), "{}", page.body);
        // The same service is no conflict.
        let page = b
            .get(&format!("{}&service={}", login_path(&id), encode(APP)))
            .await;
        assert!(page.ticket().is_some(), "{}", page.body);

        // Stored gateway without a session: back to the service, no ticket; the id is spent.
        let fresh = app.browser();
        let id = init(&app, &[("service", OTHER), ("gateway", "true")])
            .await
            .id();
        let page = fresh.get(&login_path(&id)).await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location.as_deref(), Some(OTHER));
        assert!(gone(&fresh.get(&login_path(&id)).await));

        // Stored assuranceLevel: a LOW account is told so, not sent back with a ticket.
        let id = init(&app, &[("service", APP), ("assuranceLevel", "TOP")])
            .await
            .id();
        let page = b.get(&login_path(&id)).await;
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.ticket().is_none());
    })
    .await;
}

#[tokio::test]
async fn refused_login_requests_say_why_in_eu_login_codes() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (vec![], "INVALID_REQUEST"),
            (vec![("service", "")], "INVALID_REQUEST"),
            (
                vec![("service", "https://evil.example/")],
                "INVALID_SERVICE",
            ),
            (
                vec![("service", "http://127.0.0.1:9/app/\r\nX: y")],
                "INVALID_SERVICE",
            ),
            (
                vec![("service", APP), ("service", OTHER)],
                "INVALID_REQUEST",
            ),
            (
                vec![("service", APP), ("acceptStrengths", "NOPE")],
                "INVALID_REQUEST",
            ),
            (
                vec![("service", APP), ("authenticationLevel", "EXTREME")],
                "INVALID_REQUEST",
            ),
            (
                vec![("service", TOKENS), ("acceptStrengths", "PASSWORD")],
                "INVALID_STRENGTH",
            ),
            (
                vec![("service", APP), ("assuranceLevel", "SUPREME")],
                "INVALID_REQUEST",
            ),
            (
                vec![("service", APP), ("method", "SMOKE")],
                "INVALID_REQUEST",
            ),
            (
                vec![("service", APP), ("locale", "fr<script>")],
                "INVALID_REQUEST",
            ),
            (
                vec![("service", APP), ("clientFingerprint", "a\u{1}b")],
                "INVALID_REQUEST",
            ),
        ];
        for (form, code) in cases {
            let answer = init(&app, &form).await;
            assert_eq!(answer.status, 200, "{form:?}: {}", answer.body);
            assert_eq!(
                answer.failure_code().as_deref(),
                Some(code),
                "{form:?}: {}",
                answer.body
            );
            assert!(!answer.body.contains("loginRequestId"));
            assert!(answer.content_type.starts_with("application/xml"));
        }
        // Not UTF-8.
        let answer = init_raw(&app, b"service=\xff\xfe".to_vec()).await;
        assert_eq!(answer.failure_code().as_deref(), Some("INVALID_REQUEST"));
        // The query string counts as the body does; given in both, it is given twice.
        let response = reqwest::Client::new()
            .post(app.url(&format!("/cas/login/init?service={}", encode(APP))))
            .send()
            .await
            .unwrap();
        assert!(answer_of(response).await.id().starts_with("LR-"));
        let response = reqwest::Client::new()
            .post(app.url(&format!("/cas/login/init?service={}", encode(APP))))
            .form(&[("service", APP)])
            .send()
            .await
            .unwrap();
        let twice = answer_of(response).await;
        assert_eq!(twice.failure_code().as_deref(), Some("INVALID_REQUEST"));
        // Only POST.
        let response = reqwest::get(app.url(&format!("/cas/login/init?service={}", encode(APP))))
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 405);
    })
    .await;
}

async fn answer_of(response: reqwest::Response) -> Answer {
    answer(response).await
}

/// A login request posted as `body`, opened by `b` (signed in already): the service ticket.
async fn ticket_from(app: &TestApp, b: &Browser, body: &str) -> String {
    let id = init_raw(app, body.to_owned()).await.id();
    let page = b.get(&login_path(&id)).await;
    page.ticket()
        .unwrap_or_else(|| panic!("ticket: {}", page.body))
}

#[tokio::test]
async fn the_client_fingerprint_binds_the_ticket() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        b.ticket_for(OTHER, JANE).await;
        // As the PHP client posts it: its own query string as the body.
        let body = format!(
            "service={}&clientFingerprint={}",
            encode(APP),
            encode(FINGERPRINT_AT_INIT)
        );
        // The cookie's value at validation: accepted.
        let ticket = ticket_from(&app, &b, &body).await;
        let ok = format!("&clientFingerprint={}", encode(FINGERPRINT_COOKIE));
        let answer = app.cas_validate("serviceValidate", APP, &ticket, &ok).await;
        assert!(answer.contains("authenticationSuccess"), "{answer}");

        // Another browser's cookie: refused, and the ticket is spent (CAS 3.0 §3.1.1).
        let ticket = ticket_from(&app, &b, &body).await;
        let wrong = format!(
            "&clientFingerprint={}",
            encode("AQIDBAUGBwgJCgsMDQ4PEBESExQW")
        );
        let answer = app
            .cas_validate("serviceValidate", APP, &ticket, &wrong)
            .await;
        assert!(answer.contains("code=\"INVALID_TICKET\""), "{answer}");
        let again = app.cas_validate("serviceValidate", APP, &ticket, &ok).await;
        assert!(again.contains("code=\"INVALID_TICKET\""), "spent: {again}");

        // No fingerprint at all: refused, and spent.
        let ticket = ticket_from(&app, &b, &body).await;
        let answer = app.cas_validate("serviceValidate", APP, &ticket, "").await;
        assert!(answer.contains("code=\"INVALID_TICKET\""), "{answer}");
        let again = app.cas_validate("serviceValidate", APP, &ticket, &ok).await;
        assert!(again.contains("code=\"INVALID_TICKET\""), "spent: {again}");

        // The value given at init, presented as is: accepted (clients that send one value).
        let ticket = ticket_from(&app, &b, &body).await;
        let same = format!("&clientFingerprint={}", encode(FINGERPRINT_AT_INIT));
        let answer = app
            .cas_validate("serviceValidate", APP, &ticket, &same)
            .await;
        assert!(answer.contains("authenticationSuccess"), "{answer}");

        // A ticket from a login without one, validated with a fingerprint: not the login the
        // client started.
        let page = b.get(&format!("/cas/login?service={}", encode(APP))).await;
        let ticket = page.ticket().expect("SSO ticket");
        let answer = app.cas_validate("serviceValidate", APP, &ticket, &ok).await;
        assert!(answer.contains("code=\"INVALID_TICKET\""), "{answer}");
        // ... and without: as ever.
        let page = b.get(&format!("/cas/login?service={}", encode(APP))).await;
        let ticket = page.ticket().expect("SSO ticket");
        let answer = app.cas_validate("serviceValidate", APP, &ticket, "").await;
        assert!(answer.contains("authenticationSuccess"), "{answer}");
    })
    .await;
}

#[tokio::test]
async fn the_locale_chooses_the_page_language() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        // A plain login with EU Login's `locale`.
        let page = app
            .browser()
            .get(&format!("/cas/login?service={}&locale=fr", encode(APP)))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.contains("<html lang=\"fr\">"), "{}", page.body);

        // From a login request: the first page and the next ones, in an English browser.
        let en = Browser::with_language(&app.base, Some("en"));
        let id = init(&app, &[("service", APP), ("locale", "fr")]).await.id();
        let first = en.get(&login_path(&id)).await;
        assert_eq!(first.status, 200);
        assert!(first.contains("<html lang=\"fr\">"), "{}", first.body);
        let second = en
            .post(
                &first.form_action(),
                &[
                    ("csrf_token", &first.csrf()),
                    ("step", "email"),
                    ("email", JANE),
                ],
            )
            .await;
        assert!(second.contains("<html lang=\"fr\">"), "{}", second.body);
        // The user's own choice on the page wins over the stored one.
        let chosen = en.get(&format!("{}&lang=en", login_path(&id))).await;
        assert!(chosen.contains("<html lang=\"en\">"), "{}", chosen.body);
        let after = en.get(&login_path(&id)).await;
        assert!(after.contains("<html lang=\"en\">"), "{}", after.body);
    })
    .await;
}
