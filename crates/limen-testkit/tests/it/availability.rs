//! When the database cannot serve (issue 23, docs/SCALING.md "When the database fails"): every
//! kind of endpoint answers 503 with Retry-After — a translated page, OAuth's JSON, the admin
//! API's problem — and `/health` says degraded; a node being stopped says draining.

use limen_testkit::*;

fn retry_after(page: &Page) -> Option<&str> {
    page.headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn a_database_that_stops_answering_gives_503_with_retry_after_everywhere() {
    each_backend(defaults, |app| async move {
        app.add_user("ana@example.org", Some("Ana"), "Silva").await;
        let service = "https://app.example.org/cb";
        app.add_service("App", "https://app.example.org/*", |_| {})
            .await;
        let (client, secret) = app
            .add_oidc_client("rp-503", "https://rp.example.org/cb", |_, _| {})
            .await;
        let french = Browser::with_language(&app.base, Some("fr"));
        let page = french
            .password_page_at("/cas/login", "ana@example.org")
            .await;
        assert_eq!(page.status, 200);

        // The database goes away (the pool is closed: every query fails at once).
        app.store.close().await;

        let health = reqwest::get(app.url("/health")).await.unwrap();
        assert_eq!(health.status().as_u16(), 503);
        let json: serde_json::Value = health.json().await.unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": "degraded", "database": "unreachable"})
        );

        // A password post: the page says so in the user's language, and when to come back.
        let answer = french
            .password_step(&page, "ana@example.org", PASSWORD)
            .await;
        assert_eq!(answer.status, 503, "{}", answer.body);
        assert_eq!(retry_after(&answer), Some("5"));
        assert!(
            answer.contains("Temporairement indisponible"),
            "{}",
            answer.body
        );
        assert!(!answer.contains("Something went wrong"));

        // CAS validation.
        let validate = reqwest::get(app.url(&format!(
            "/cas/p3/serviceValidate?service={}&ticket=ST-0123456789abcdef0123456789abcdef",
            limen_web_encode(service)
        )))
        .await
        .unwrap();
        assert_eq!(validate.status().as_u16(), 503);
        assert_eq!(validate.headers()["retry-after"], "5");

        // The OIDC token endpoint: JSON, not cached.
        let token = reqwest::Client::new()
            .post(app.url("/oidc/token"))
            .basic_auth(&client.client_id, Some(&secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", "whatever"),
                ("redirect_uri", "https://rp.example.org/cb"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(token.status().as_u16(), 503);
        assert_eq!(token.headers()["retry-after"], "5");
        assert_eq!(token.headers()["cache-control"], "no-store");
        let json: serde_json::Value = token.json().await.unwrap();
        assert_eq!(json["error"], "temporarily_unavailable");

        // userinfo, with some bearer token.
        let userinfo = reqwest::Client::new()
            .get(app.url("/oidc/userinfo"))
            .bearer_auth("0123456789abcdef0123456789abcdef")
            .send()
            .await
            .unwrap();
        assert_eq!(userinfo.status().as_u16(), 503);
        assert_eq!(userinfo.headers()["retry-after"], "5");
    })
    .await;
}

#[tokio::test]
async fn a_node_asked_to_stop_says_draining() {
    each_backend(defaults, |app| async move {
        let ok = reqwest::get(app.url("/health")).await.unwrap();
        assert_eq!(ok.status().as_u16(), 200);
        app.state
            .draining
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let draining = reqwest::get(app.url("/health")).await.unwrap();
        assert_eq!(draining.status().as_u16(), 503);
        assert_eq!(draining.headers()["cache-control"], "no-store");
        let json: serde_json::Value = draining.json().await.unwrap();
        assert_eq!(json, serde_json::json!({"status": "draining"}));
    })
    .await;
}

fn limen_web_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
