//! Regression tests from the security review of issue 18 (transaction signing): each states the
//! contract it checks; each failed before its fix.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use limen_testkit::{Browser, PASSWORD, TestApp, each_backend};
use serde_json::{Value, json};

const USER: &str = "reviewer@example.org";

async fn registry(app: &TestApp) -> String {
    let service = app
        .add_service("Registry", "https://registry.example.org/*", |_| {})
        .await;
    let secret = limen_crypto::random_token(32);
    app.store
        .set_signing_secret(service.id, &limen_crypto::sha256_hex(secret.as_bytes()))
        .await
        .unwrap();
    format!(
        "Basic {}",
        STANDARD.encode(format!("cas-{}:{secret}", service.id))
    )
}

async fn create(app: &TestApp, auth: &str, body: &Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(app.url("/sign/api/v1/requests"))
        .header("Authorization", auth)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(json!({"raw": text})),
    )
}

/// Adds a mobile device through My account and the device API (as sign_mobile.rs does).
async fn enrol(app: &TestApp, b: &Browser) {
    let done = b
        .login_at("/cas/login?next=%2Faccount", USER, PASSWORD)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let list = b.get("/account/mobile_app").await;
    let page = b
        .post(
            "/account/mobile_app/add",
            &[
                ("csrf_token", list.csrf().as_str()),
                ("name", "Pixel 8"),
                ("pin", "4821"),
                ("pin_again", "4821"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let text = page.text();
    let marker = "id=\"enrol-link\">";
    let start = text.find(marker).unwrap() + marker.len();
    let end = text[start..].find('<').unwrap() + start;
    let link = text[start..end].trim().replace("&amp;", "&");
    let clock = app.clock.clone();
    let clock: limen_authenticator::Clock =
        std::sync::Arc::new(move || limen_core::Clock::now(clock.as_ref()).unix_timestamp());
    limen_authenticator::Authenticator::enrol_with_clock(
        reqwest::Client::new(),
        &link,
        "4821",
        &limen_authenticator::DeviceInfo {
            os: "TestOS 1".into(),
            model: "Pixel 8".into(),
            app: "review".into(),
        },
        clock,
    )
    .await
    .expect("enrolled");
    let done = b
        .post(
            "/account/mobile_app/done",
            &[
                ("csrf_token", page.csrf().as_str()),
                ("id", page.input_value("id").unwrap().as_str()),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
}

fn page_path(created: &Value) -> String {
    let url = created["url"].as_str().unwrap();
    let path = url.split_once("//").unwrap().1;
    path[path.find('/').unwrap()..].to_owned()
}

/// Contract: "Signing creates or extends no SSO session". The signing page's other-user check
/// (`sign/page.rs` `open` → `current_session`) calls `touch_session`, which slides the idle
/// expiry: a session 1h50 idle is kept alive by viewing a signing page.
#[tokio::test]
async fn viewing_the_signing_page_does_not_extend_the_sso_session() {
    each_backend(limen_testkit::defaults, |app| async move {
        let auth = registry(&app).await;
        let account = app.add_user(USER, Some("Re"), "Viewer").await;
        let b: Browser = app.browser();
        b.login(None, USER, PASSWORD).await;
        assert_eq!(b.get("/account").await.status, 200, "signed in");
        // A second browser of the same user, which does not open the signing page: the control.
        let control: Browser = app.browser();
        control.login(None, USER, PASSWORD).await;
        assert_eq!(control.get("/account").await.status, 200, "signed in");
        // Idle for 1 h 50 (the idle limit is 2 h).
        app.advance(time::Duration::minutes(110));
        let (status, created) = create(
            &app,
            &auth,
            &json!({"user": account.uid, "title": "Transfer",
                    "fields": [{"label": "Amount", "value": "100 EUA"}],
                    "return_url": "https://registry.example.org/signed"}),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        let page = b.get(&page_path(&created)).await;
        assert_eq!(page.status, 200, "{}", page.body);
        // 20 minutes later: 2 h 10 since the last use of the session by anything but the
        // signing page. It must have expired.
        app.advance(time::Duration::minutes(20));
        assert_ne!(
            control.get("/account").await.status,
            200,
            "idle 2 h 10: expired"
        );
        let account_page = b.get("/account").await;
        assert_ne!(
            account_page.status, 200,
            "the signing page extended the SSO session's idle lifetime"
        );
    })
    .await;
}

/// Contract: refusals are HTML pages, "never 500". The API accepts 20 fields of 500
/// characters, but the offline QR code (`software_token`) carries the whole signed challenge
/// with the display: past a QR code's capacity, `qr_svg` fails and the page is a 500.
#[tokio::test]
async fn a_large_transaction_signed_with_the_qr_code_is_not_a_server_error() {
    each_backend(limen_testkit::defaults, |app| async move {
        let auth = registry(&app).await;
        let account = app.add_user(USER, Some("Re"), "Viewer").await;
        let b = app.browser();
        // A mobile device (offline QR code) for the account, enrolled as in sign_mobile.rs.
        enrol(&app, &b).await;
        let fields: Vec<Value> = (0..8)
            .map(|i| json!({"label": format!("Line {i}"), "value": "x".repeat(400)}))
            .collect();
        // Asked for explicitly, the offline QR code is refused for so much data, clearly.
        let (status, refused) = create(
            &app,
            &auth,
            &json!({"user": account.uid, "title": "Batch transfer", "fields": fields,
                    "strengths": ["PASSWORD_SOFTWARE_TOKEN"],
                    "return_url": "https://registry.example.org/signed"}),
        )
        .await;
        assert_eq!(status, 400, "{refused}");
        assert!(
            refused["error_description"]
                .as_str()
                .unwrap()
                .contains("too large for the offline QR code"),
            "{refused}"
        );
        // By default it is left out: the page offers the push, never a QR code it cannot draw.
        let (status, created) = create(
            &app,
            &auth,
            &json!({"user": account.uid, "title": "Batch transfer", "fields": fields,
                    "return_url": "https://registry.example.org/signed"}),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        let path = page_path(&created);
        let s = app.browser();
        let page = s.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("value=\"mobile_app\""), "{}", page.body);
        assert!(!page.contains("value=\"software_token\""), "{}", page.body);
        let next = s
            .post(
                &path,
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("method", "software_token"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(next.status, 400, "{}", next.body);
    })
    .await;
}
