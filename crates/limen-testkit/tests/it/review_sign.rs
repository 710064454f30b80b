//! Regression tests from the security review of issue 18 (transaction signing): each states the
//! contract it checks; each failed before its fix.

use crate::signing::{basic, create, page_path};
use limen_testkit::{Browser, PASSWORD, TestApp, each_backend};
use serde_json::{Value, json};

const USER: &str = "reviewer@example.org";

/// A CAS service with a signing secret: the Authorization header it calls with.
async fn registry(app: &TestApp) -> String {
    let (user, secret) = crate::signing::registry(app, false).await;
    basic(&user, &secret)
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
        crate::sign_mobile::enrol(&app, &b, USER).await;
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
