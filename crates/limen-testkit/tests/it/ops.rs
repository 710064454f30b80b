//! Operations endpoints, error pages, security headers, cookies and request size limits.

use crate::login::{set_cookie, text};
use limen_testkit::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn header<'a>(page: &'a Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .unwrap_or_else(|| panic!("header {name} missing"))
        .to_str()
        .expect("ASCII header")
}

/// The value of a metric line (`name{labels}` exactly) in Prometheus text.
fn metric(body: &str, series: &str) -> f64 {
    body.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("metric {series} missing"))
        .trim()
        .parse()
        .expect("metric value")
}

const SUCCESS: &str = "limen_logins_total{result=\"success\"}";
const FAILURE: &str = "limen_logins_total{result=\"failure\"}";
const THROTTLED: &str = "limen_logins_total{result=\"throttled\"}";
const REQUESTS: &str = "limen_http_request_duration_seconds_count";

#[tokio::test]
async fn health_reports_the_database() {
    let seen: std::sync::Arc<std::sync::Mutex<Vec<&str>>> = Default::default();
    each_backend(defaults, |app| {
        let seen = seen.clone();
        async move {
            let response = reqwest::get(app.url("/health")).await.unwrap();
            assert_eq!(response.status().as_u16(), 200);
            assert!(
                response.headers()[reqwest::header::CONTENT_TYPE]
                    .to_str()
                    .unwrap()
                    .starts_with("application/json")
            );
            let json: serde_json::Value = response.json().await.unwrap();
            let expected = match app.backend() {
                Backend::Sqlite => "sqlite",
                Backend::Postgres => "postgres",
            };
            assert_eq!(
                json,
                serde_json::json!({"status": "ok", "database": expected})
            );
            seen.lock().unwrap().push(expected);
        }
    })
    .await;
    let seen = seen.lock().unwrap().clone();
    assert!(seen.contains(&"sqlite"));
    if limen_store::testdb::postgres_url().is_some() {
        assert!(seen.contains(&"postgres"), "PostgreSQL was not tested");
    }
}

#[tokio::test]
async fn metrics_count_logins_and_requests() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let before = b.get("/metrics").await;
        assert_eq!(before.status, 200);
        assert!(header(&before, "content-type").starts_with("text/plain"));
        assert!(before.contains("# TYPE limen_logins_total counter"));
        assert!(before.contains("# TYPE limen_http_request_duration_seconds histogram"));
        let (ok0, failed0, requests0) = (
            metric(&before.body, SUCCESS),
            metric(&before.body, FAILURE),
            metric(&before.body, REQUESTS),
        );

        assert_eq!(
            b.login(None, "jane@example.org", PASSWORD).await.status,
            200
        );
        let after = b.get("/metrics").await;
        assert_eq!(metric(&after.body, SUCCESS), ok0 + 1.0);
        assert_eq!(metric(&after.body, FAILURE), failed0);
        // GET /metrics, GET and two POSTs to /cas/login, at least.
        assert!(metric(&after.body, REQUESTS) >= requests0 + 4.0);

        let other = app.browser();
        let wrong = other
            .login(None, "jane@example.org", "Wrong-pass-123!")
            .await;
        assert_eq!(wrong.status, 401);
        let later = b.get("/metrics").await;
        assert_eq!(metric(&later.body, SUCCESS), ok0 + 1.0);
        assert_eq!(metric(&later.body, FAILURE), failed0 + 1.0);
        assert_eq!(metric(&later.body, THROTTLED), 0.0);
        assert!(
            metric(&later.body, "limen_http_responses_total{class=\"4xx\"}") >= 1.0,
            "the 401 is counted"
        );
    })
    .await;
}

#[tokio::test]
async fn unknown_pages_get_a_translated_404() {
    each_backend(defaults, |app| async move {
        let fr = Browser::with_language(&app.base, Some("fr"));
        let page = fr.get("/no/such/page").await;
        assert_eq!(page.status, 404);
        assert!(header(&page, "content-type").starts_with("text/html"));
        assert!(
            text(&page).contains("Cette page n'existe pas."),
            "{}",
            page.body
        );
        assert!(page.contains("Retour à la page de connexion"));

        let en = app.browser().get("/no/such/page").await;
        assert_eq!(en.status, 404);
        assert!(en.contains("This page does not exist."));

        let post = en_post(&app, "/no/such/page").await;
        assert_eq!(post, 404);
    })
    .await;
}

async fn en_post(app: &TestApp, path: &str) -> u16 {
    reqwest::Client::new()
        .post(app.url(path))
        .form(&[("a", "b")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn assert_security_headers(page: &Page, what: &str) {
    let csp = header(page, "content-security-policy");
    assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(header(page, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(page, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(page, "referrer-policy"), "no-referrer", "{what}");
}

#[tokio::test]
async fn pages_carry_security_headers() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let login = b.get("/cas/login").await;
        assert_security_headers(&login, "login page");
        assert_eq!(header(&login, "cache-control"), "no-store");
        // No HSTS over plain http.
        assert!(login.headers.get("strict-transport-security").is_none());

        let not_found = b.get("/nowhere").await;
        assert_security_headers(&not_found, "404 page");
        assert_eq!(header(&not_found, "cache-control"), "no-store");

        let refused = b
            .post("/cas/login", &[("step", "email"), ("email", "a@b.org")])
            .await;
        assert_eq!(refused.status, 403);
        assert_security_headers(&refused, "CSRF refusal");

        let signed_in = b.login(None, "jane@example.org", PASSWORD).await;
        assert_security_headers(&signed_in, "after login");
        assert_eq!(header(&signed_in, "cache-control"), "no-store");
        let sessions = b.get("/account/sessions").await;
        assert_eq!(sessions.status, 200);
        assert_eq!(header(&sessions, "cache-control"), "no-store");

        let css = b.get("/static/limen.css").await;
        assert_eq!(css.status, 200);
        assert!(header(&css, "content-type").starts_with("text/css"));
        let cache = header(&css, "cache-control");
        assert!(cache.contains("max-age="), "{cache}");
        assert!(!cache.contains("no-store"), "{cache}");
        assert_eq!(header(&css, "x-content-type-options"), "nosniff");
        assert!(!css.body.is_empty());
        assert!(login.contains("href=\"/static/limen.css\""));
    })
    .await;
}

fn assert_cookie_flags(cookie: &str) {
    assert!(cookie.contains("; HttpOnly"), "{cookie}");
    assert!(cookie.contains("; SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("; Path=/"), "{cookie}");
    assert!(!cookie.contains("Domain="), "{cookie}");
}

#[tokio::test]
async fn cookies_are_http_only_and_same_site() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = b.get("/cas/login?lang=en").await;
        let cookies: Vec<&str> = page
            .headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert!(cookies.iter().any(|c| c.starts_with("limen_csrf=")));
        assert!(cookies.iter().any(|c| c.starts_with("limen_lang=en;")));
        for cookie in &cookies {
            assert_cookie_flags(cookie);
            assert!(!cookie.starts_with("__Host-"), "{cookie}");
            assert!(!cookie.contains("Secure"), "no Secure over http: {cookie}");
        }

        let signed_in = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(signed_in.status, 200);
        let sso = set_cookie(&signed_in, "limen_sso").expect("SSO cookie");
        assert_cookie_flags(sso);
        // A session cookie: it goes with the browser.
        assert!(!sso.contains("Max-Age"), "{sso}");
        let token = sso
            .split(';')
            .next()
            .unwrap()
            .trim_start_matches("limen_sso=");
        assert!(token.len() >= 32, "an unguessable token: {token}");
        assert_cookie_flags(set_cookie(&signed_in, "limen_email").expect("e-mail cookie"));
    })
    .await;
}

fn over_https(c: &mut limen_web::WebConfig) {
    c.public_url = "https://login.example.test".into();
}

#[tokio::test]
async fn cookies_get_the_host_prefix_and_secure_over_https() {
    each_backend(over_https, |app| async move {
        let page = app.browser().get("/cas/login?lang=fr").await;
        assert_eq!(page.status, 200);
        let cookies: Vec<&str> = page
            .headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(cookies.len(), 2, "{cookies:?}");
        for cookie in &cookies {
            assert!(cookie.starts_with("__Host-limen_"), "{cookie}");
            assert!(cookie.contains("; Secure"), "{cookie}");
            assert_cookie_flags(cookie);
        }
        assert!(header(&page, "strict-transport-security").contains("max-age="));
    })
    .await;
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let page = b.get("/cas/login").await;
        let csrf = page.csrf();

        // Just under the limit: an ordinary answer about the address.
        let long = "a".repeat(60 * 1024);
        let under = b
            .post(
                "/cas/login",
                &[("csrf_token", &csrf), ("step", "email"), ("email", &long)],
            )
            .await;
        assert_eq!(under.status, 400);
        assert!(text(&under).contains("This is not a valid e-mail address"));

        let huge = "a".repeat(65 * 1024);
        let over = b
            .post(
                "/cas/login",
                &[("csrf_token", &csrf), ("step", "email"), ("email", &huge)],
            )
            .await;
        assert_eq!(over.status, 413);
        let end = b
            .post(
                "/account/sessions/end",
                &[("csrf_token", &csrf), ("session", &huge)],
            )
            .await;
        assert_eq!(end.status, 413);

        // Without a Content-Length: chunked, 80 KiB in all.
        let status = chunked_post(&app.base, "/cas/login", 10, 8 * 1024).await;
        assert_eq!(status, 413);

        // The server is fine afterwards.
        assert_eq!(b.get("/health").await.status, 200);
    })
    .await;
}

/// POSTs `chunks` chunks of `size` bytes with `Transfer-Encoding: chunked` and returns the
/// status code of the answer.
async fn chunked_post(base: &str, path: &str, chunks: usize, size: usize) -> u16 {
    let head = chunked_post_head(base, path, chunks, size).await;
    head.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .unwrap_or_else(|| panic!("no HTTP answer: {head:?}"))
        .parse()
        .unwrap()
}

/// Every answer carries the security headers, the error answers of the middleware (413 for an
/// oversized body) and of axum (404, 405, extractor rejections: 400, 415, 422) included.
#[tokio::test]
async fn error_answers_carry_security_headers() {
    each_backend(defaults, |app| async move {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let send = |request: reqwest::RequestBuilder| async move {
            let r = request.send().await.expect("request");
            let status = r.status().as_u16();
            let headers = r.headers().clone();
            let body = r.text().await.unwrap_or_default();
            Page {
                status,
                location: None,
                headers,
                body,
            }
        };
        let huge = "a".repeat(65 * 1024);
        let cases = [
            (
                "oversized form (Content-Length)",
                413,
                client
                    .post(app.url("/cas/login"))
                    .form(&[("step", "email"), ("email", huge.as_str())]),
            ),
            (
                "oversized SAML body",
                413,
                client
                    .post(app.url("/cas/samlValidate?TARGET=x"))
                    .body(huge.clone()),
            ),
            (
                "oversized body to an unknown path",
                413,
                client.post(app.url("/no/such/page")).body(huge.clone()),
            ),
            ("unknown path", 404, client.get(app.url("/no/such/page"))),
            (
                "method not allowed",
                405,
                client.get(app.url("/cas/samlValidate")),
            ),
            (
                "method not allowed (POST)",
                405,
                client.post(app.url("/cas/serviceValidate")).body("x"),
            ),
            (
                "query parameter given twice",
                400,
                client.get(app.url("/cas/login?renew=true&renew=false")),
            ),
            (
                "form with the wrong content type",
                415,
                client
                    .post(app.url("/cas/login"))
                    .header("content-type", "application/json")
                    .body("{}"),
            ),
            (
                "form field given twice",
                422,
                client
                    .post(app.url("/cas/login"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("email=a%40b.org&email=c%40d.org"),
            ),
        ];
        // Every path is tried before anything is asserted, so a failure lists all the bare ones.
        let mut bare = Vec::new();
        for (what, status, request) in cases {
            let page = send(request).await;
            assert_eq!(page.status, status, "{what}: {}", page.body);
            let has = |name: &str, value: &str| {
                page.headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains(value))
            };
            for (name, value) in [
                ("content-security-policy", "default-src 'none'"),
                ("content-security-policy", "frame-ancestors 'none'"),
                ("x-frame-options", "DENY"),
                ("x-content-type-options", "nosniff"),
                ("referrer-policy", "no-referrer"),
                ("cache-control", "no-store"),
            ] {
                if !has(name, value) {
                    bare.push(format!("{what} ({status}): no {name}: {value}"));
                }
            }
        }
        assert!(
            bare.is_empty(),
            "answers without security headers:\n{}",
            bare.join("\n")
        );
        // Chunked without a Content-Length: the limit trips while the body is read.
        let head = chunked_post_head(&app.base, "/cas/login", 10, 8 * 1024).await;
        assert!(head.starts_with("HTTP/1.1 413"), "{head}");
        for name in [
            "content-security-policy:",
            "x-frame-options: deny",
            "x-content-type-options: nosniff",
            "referrer-policy: no-referrer",
            "cache-control: no-store",
        ] {
            assert!(head.to_ascii_lowercase().contains(name), "{name}: {head}");
        }
    })
    .await;
}

/// POSTs `chunks` chunks of `size` bytes with `Transfer-Encoding: chunked`; the status line
/// and headers of the answer.
async fn chunked_post_head(base: &str, path: &str, chunks: usize, size: usize) -> String {
    let host = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("{size:x}\r\n{}\r\n", "a".repeat(size));
    // The server may answer and close before reading everything.
    for _ in 0..chunks {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    answer
        .split_once("\r\n\r\n")
        .map_or(answer.as_ref(), |(head, _)| head)
        .to_owned()
}
