//! Issue 14: the mobile app, driven end to end — the real server, the reference device
//! (`limen-authenticator`, the library a phone app would be), the pages a browser sees.
//! docs/MOBILE-PROTOCOL.md is what both sides follow.

use limen_authenticator::{Authenticator, Challenge, DeviceInfo};
use limen_core::Strength;
use limen_mobile::messages::ReceiptResult;
use limen_testkit::{Browser, PASSWORD, Page, TestApp, each_backend, encode};

const JANE: &str = "jane@example.org";
const PIN: &str = "4821";
const PUSH_ONLY: &str = "https://push.example.org/app";
const QR_ONLY: &str = "https://qr.example.org/app";
const ANY_MOBILE: &str = "https://mobile.example.org/app";
const OPEN: &str = "https://open.example.org/app";
const PHONE_UA: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

fn small(_: &mut limen_web::WebConfig) {}

async fn services(app: &TestApp) {
    app.add_service("Push only", "https://push.example.org/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordMobileApp];
    })
    .await;
    app.add_service("QR only", "https://qr.example.org/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordSoftwareToken];
    })
    .await;
    app.add_service("Any mobile", "https://mobile.example.org/*", |s| {
        s.accepted_strengths = vec![
            Strength::PasswordMobileApp,
            Strength::PasswordSoftwareToken,
            Strength::MobileApp,
        ];
    })
    .await;
    app.add_service("Open", "https://open.example.org/*", |_| {})
        .await;
}

/// The device's clock: the application's (which the tests move by hand).
fn clock_of(app: &TestApp) -> limen_authenticator::Clock {
    let clock = app.clock.clone();
    std::sync::Arc::new(move || limen_core::Clock::now(clock.as_ref()).unix_timestamp())
}

fn info(model: &str) -> DeviceInfo {
    DeviceInfo {
        os: "TestOS 1".into(),
        model: model.into(),
        app: "limen-authenticator tests".into(),
    }
}

/// A browser signed in to My account (with the password, or the session it already has).
async fn my_account(b: &Browser) {
    let done = b
        .login_at("/cas/login?next=%2Faccount", JANE, PASSWORD)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
}

/// The text between `marker` and the next `<`, HTML-unescaped.
fn text_after(page: &Page, marker: &str) -> String {
    let text = page.text();
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {text}"))
        + marker.len();
    let end = text[start..].find('<').unwrap() + start;
    text[start..end].trim().to_owned()
}

/// Starts adding a device in My account: the enrolment page (its link and id).
async fn enrol_page(b: &Browser, name: &str, pin: &str, again: &str) -> Page {
    let list = b.get("/account/mobile_app").await;
    assert_eq!(list.status, 200, "{}", list.body);
    b.post(
        "/account/mobile_app/add",
        &[
            ("csrf_token", list.csrf().as_str()),
            ("name", name),
            ("pin", pin),
            ("pin_again", again),
        ],
    )
    .await
}

fn enrol_link(page: &Page) -> String {
    text_after(page, "id=\"enrol-link\">")
}

/// "Continue" on the enrolment page.
async fn enrol_done(b: &Browser, page: &Page) -> Page {
    b.post(
        "/account/mobile_app/done",
        &[
            ("csrf_token", page.csrf().as_str()),
            ("id", page.input_value("id").unwrap().as_str()),
        ],
    )
    .await
}

/// Adds a device through My account and the device API, as a user would.
async fn enrol(app: &TestApp, b: &Browser, name: &str) -> Authenticator {
    let page = enrol_page(b, name, PIN, PIN).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.contains("<svg"), "a QR code: {}", page.body);
    let device = Authenticator::enrol_with_clock(
        reqwest::Client::new(),
        &enrol_link(&page),
        PIN,
        &info(name),
        clock_of(app),
    )
    .await
    .expect("enrolled");
    assert_eq!(device.state().iss, app.base);
    let done = enrol_done(b, &page).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some("/account/mobile_app?added=1")
    );
    device
}

/// The login of `service` up to the method's page, after the password.
async fn method_step(b: &Browser, service: &str, method: &str) -> Page {
    let path = format!("/cas/login?service={}", encode(service));
    let methods = b.password_page_at(&path, JANE).await;
    assert!(
        methods.contains(&format!("value=\"{method}\"")),
        "{method} offered: {}",
        methods.body
    );
    b.post(
        &methods.form_action(),
        &[
            ("csrf_token", methods.csrf().as_str()),
            ("step", "password"),
            ("method", method),
            ("email", JANE),
            ("password", PASSWORD),
        ],
    )
    .await
}

/// The approval page's number, from its markup `…><strong>NN</strong>`.
fn shown_number(page: &Page) -> String {
    let marker = "id=\"approval-number\"";
    let start = page.body.find(marker).expect("a number") + marker.len();
    let rest = &page.body[start..];
    let s = rest.find("<strong>").unwrap() + "<strong>".len();
    let e = rest[s..].find('<').unwrap() + s;
    rest[s..e].to_owned()
}

/// "I have approved" (what the page's script also submits).
async fn proceed(b: &Browser, page: &Page) -> Page {
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("ceremony", page.input_value("ceremony").unwrap().as_str()),
            ("approval", page.input_value("approval").unwrap().as_str()),
        ],
    )
    .await
}

/// The one pending request on the device, checked to be for `service`.
async fn the_request(device: &Authenticator, service_name: &str) -> Challenge {
    let pending = device.pending().await.expect("pending requests");
    assert_eq!(pending.len(), 1, "{pending:?}");
    let c = pending.into_iter().next().unwrap();
    assert_eq!(c.payload.display.service, service_name);
    c
}

/// The redirect carries a ticket that validates with this strength.
async fn assert_ticket(app: &TestApp, page: &Page, service: &str, strength: &str) {
    assert_eq!(page.status, 303, "expected a redirect: {}", page.body);
    let ticket = page.ticket().expect("a ticket");
    let body = app
        .cas_validate("p3/serviceValidate", service, &ticket, "")
        .await;
    assert!(body.contains("<cas:authenticationSuccess>"), "{body}");
    assert!(
        body.contains(&format!("<cas:strength>{strength}</cas:strength>")),
        "{body}"
    );
}

#[tokio::test]
async fn enrol_then_sign_in_with_push_and_number_matching() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;
        // Listed in My account, and told by e-mail.
        let list = b.get("/account/mobile_app?added=1").await;
        assert!(list.contains("id=\"notice\""), "{}", list.body);
        assert!(list.contains("data-name=\"Pixel 8\""), "{}", list.body);
        assert!(list.contains("TestOS 1 · Pixel 8"), "{}", list.body);
        let mail = app.mail_to(JANE, 1).await;
        assert!(mail[0].text().contains("Pixel 8"), "{}", mail[0].text());
        let methods = b.get("/account/methods").await;
        assert!(methods.contains("Pixel 8"), "{}", methods.body);
        assert!(
            methods.contains("href=\"/account/mobile_app\""),
            "{}",
            methods.body
        );

        // Sign in: password, then the page shows a number; the device shows the service and
        // the browser; the number typed on the device and the PIN approve it.
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert_eq!(page.status, 200, "{}", page.body);
        let number = shown_number(&page);
        assert_eq!(number.len(), 2, "{number}");
        let request = the_request(&device, "Push only").await;
        assert_eq!(request.payload.display.origin.ip, "127.0.0.0/24");
        // Not approved yet: "I have approved" keeps the same page (and request).
        let early = proceed(&b2, &page).await;
        assert_eq!(early.status, 401, "{}", early.body);
        assert!(early.contains("id=\"approval-error\""), "{}", early.body);
        assert_eq!(shown_number(&early), number);
        let receipt = device.approve(&request, &number, PIN).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Approved);
        assert_eq!(receipt.challenge, request.payload.id);
        let done = proceed(&b2, &early).await;
        assert_ticket(&app, &done, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        // The approval is spent: answering again is refused, and a replay of the page too.
        let again = device.approve(&request, &number, PIN).await.unwrap();
        assert_eq!(again.result, ReceiptResult::Gone);
        let replay = proceed(&b2, &early).await;
        assert_ne!(replay.status, 303, "{}", replay.body);
        // Its last use is recorded.
        let list = b.get("/account/mobile_app").await;
        assert!(!list.text().contains("Never"), "{}", list.body);
    })
    .await;
}

#[tokio::test]
async fn a_wrong_number_or_a_denial_does_not_sign_in() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = shown_number(&page);
        let wrong = if number == "00" { "01" } else { "00" };
        let request = the_request(&device, "Push only").await;
        let receipt = device.approve(&request, wrong, PIN).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::WrongNumber);
        // The page learns it: a new request, a new number, and the reason.
        let next = proceed(&b2, &page).await;
        assert_eq!(next.status, 401, "{}", next.body);
        assert!(
            next.text().contains("was not the one shown here"),
            "{}",
            next.body
        );
        let second = the_request(&device, "Push only").await;
        assert_ne!(second.payload.id, request.payload.id);

        // Denied on the device: no ticket, audited.
        let receipt = device.deny(&second).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Denied);
        let after = proceed(&b2, &next).await;
        assert_eq!(after.status, 401, "{}", after.body);
        assert!(
            after.text().contains("denied on your device"),
            "{}",
            after.body
        );
        let audit = app.store.recent_audit(50).await.unwrap();
        assert!(
            audit.iter().any(|e| e.event == "mobile.denied"),
            "{audit:?}"
        );

        // Push fatigue: after three refusals on the device in the hour (a wrong number counts
        // as one), no more requests are sent.
        let third = the_request(&device, "Push only").await;
        device.deny(&third).await.unwrap();
        let held = proceed(&b2, &after).await;
        assert!(held.contains("id=\"approval-notice\""), "{}", held.body);
        assert!(device.pending().await.unwrap().is_empty());
        // An hour later, requests go out again.
        app.advance(time::Duration::minutes(61));
        let b3 = app.browser();
        let page = method_step(&b3, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert!(page.contains("id=\"approval-number\""), "{}", page.body);
    })
    .await;
}

#[tokio::test]
async fn wrong_pins_lock_the_device_and_tell_the_user() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = shown_number(&page);
        let request = the_request(&device, "Push only").await;
        for _ in 0..4 {
            let r = device.approve(&request, &number, "0000").await.unwrap();
            assert_eq!(r.result, ReceiptResult::WrongPin);
        }
        // A right PIN resets the count.
        let r = device.approve(&request, &number, PIN).await.unwrap();
        assert_eq!(r.result, ReceiptResult::Approved);
        assert_ticket(
            &app,
            &proceed(&b2, &page).await,
            PUSH_ONLY,
            "PASSWORD_MOBILE_APP",
        )
        .await;

        let b3 = app.browser();
        let page = method_step(&b3, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = shown_number(&page);
        let request = the_request(&device, "Push only").await;
        for n in 1..=5 {
            let r = device.approve(&request, &number, "9999").await.unwrap();
            let expected = if n < 5 {
                ReceiptResult::WrongPin
            } else {
                ReceiptResult::Locked
            };
            assert_eq!(r.result, expected, "attempt {n}");
        }
        // Locked: its requests are refused, the user is told, the list says so, and the
        // login has no usable device left.
        let refused = device.pending().await.unwrap_err();
        assert!(refused.to_string().contains("device_locked"), "{refused}");
        let mails = app.mail_to(JANE, 2).await;
        assert!(
            mails.iter().any(|m| m.subject().contains("locked")),
            "{:?}",
            mails.iter().map(|m| m.subject()).collect::<Vec<_>>()
        );
        let list = b.get("/account/mobile_app").await;
        assert!(list.text().contains("too many wrong PINs"), "{}", list.body);
        let after = proceed(&b3, &page).await;
        assert_ne!(after.status, 303, "{}", after.body);
        let b4 = app.browser();
        let methods = b4
            .password_page_at(&format!("/cas/login?service={}", encode(PUSH_ONLY)), JANE)
            .await;
        let again = b4
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "PASSWORD_MOBILE_APP"),
                    ("email", JANE),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(again.status, 403, "{}", again.body);
    })
    .await;
}

#[tokio::test]
async fn requests_expire_and_proofs_are_not_replayed() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = shown_number(&page);
        let request = the_request(&device, "Push only").await;
        assert!(request.payload.exp - request.payload.iat <= 120);

        // A proof replayed (same jti) is refused; a stale one too; a proof for another URL too.
        let path = "/device/v1/challenges";
        let (status, _) = device
            .raw("GET", path, b"", Some("AAAAAAAAAAAAAAAAAAAAAA"), None)
            .await
            .unwrap();
        assert_eq!(status, 200);
        let (status, body) = device
            .raw("GET", path, b"", Some("AAAAAAAAAAAAAAAAAAAAAA"), None)
            .await
            .unwrap();
        assert_eq!(status, 401, "{}", String::from_utf8_lossy(&body));
        assert!(String::from_utf8_lossy(&body).contains("replayed_proof"));
        let old = app.clock_now().unix_timestamp() - 120;
        let (status, body) = device.raw("GET", path, b"", None, Some(old)).await.unwrap();
        assert_eq!(status, 401, "{}", String::from_utf8_lossy(&body));
        assert!(String::from_utf8_lossy(&body).contains("stale_proof"));
        // No proof at all.
        let bare = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(bare.status(), 401);
        assert!(bare.headers().contains_key("www-authenticate"));

        // Two minutes later the request is gone: the device is told so, the page too.
        app.advance(time::Duration::seconds(121));
        let late = device.approve(&request, &number, PIN).await.unwrap();
        assert_eq!(late.result, ReceiptResult::Expired);
        assert!(device.pending().await.unwrap().is_empty());
        let after = proceed(&b2, &page).await;
        assert_ne!(after.status, 303, "{}", after.body);
        assert!(after.text().contains("expired"), "{}", after.body);
    })
    .await;
}

#[tokio::test]
async fn the_offline_qr_code_signs_in_once() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        let b2 = app.browser();
        let page = method_step(&b2, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("<svg"), "{}", page.body);
        let link = text_after(&page, "id=\"scan-link\">");
        // No network needed: the device checks the server's signature and computes the code.
        let now = app.clock_now().unix_timestamp();
        let (challenge, code) = device.offline_code(&link, PIN, now).unwrap();
        assert_eq!(challenge.payload.display.service, "QR only");
        assert_eq!(code.len(), 8);
        // A wrong PIN gives a wrong code, which the server refuses (and counts).
        let (_, wrong) = device.offline_code(&link, "1111", now).unwrap();
        assert_ne!(wrong, code);
        let refused = answer_code(&b2, &page, &wrong).await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(
            refused.text().contains("This code is not right"),
            "{}",
            refused.body
        );
        // That QR code is spent: its right code no longer works; the new one's does.
        let replayed = answer_code(&b2, &refused, &code).await;
        assert_eq!(replayed.status, 401, "{}", replayed.body);
        let link = text_after(&replayed, "id=\"scan-link\">");
        let (_, code) = device.offline_code(&link, PIN, now).unwrap();
        let done = answer_code(&b2, &replayed, &code).await;
        assert_ticket(&app, &done, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        // Typing the same code again on a new login fails: each QR code has its own.
        let b3 = app.browser();
        let page = method_step(&b3, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        let again = answer_code(&b3, &page, &code).await;
        assert_eq!(again.status, 401, "{}", again.body);
        // Bad input is refused with a message, nothing lost.
        let link = text_after(&again, "id=\"scan-link\">");
        let garbage = answer_code(&b3, &again, "12ab").await;
        assert_eq!(garbage.status, 401, "{}", garbage.body);
        assert!(garbage.text().contains("8 digits"), "{}", garbage.body);
        assert_ne!(text_after(&garbage, "id=\"scan-link\">"), link);
    })
    .await;
}

async fn answer_code(b: &Browser, page: &Page, code: &str) -> Page {
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("ceremony", page.input_value("ceremony").unwrap().as_str()),
            ("code", code),
        ],
    )
    .await
}

#[tokio::test]
async fn two_devices_the_user_chooses_and_a_removed_one_is_revoked_at_once() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let first = enrol(&app, &b, "Pixel 8").await;
        // A second device needs the first one's level: step up with it.
        let refused = enrol_page(&b, "Old iPhone", PIN, PIN).await;
        assert_eq!(refused.status, 303, "{}", refused.body);
        let step_up = refused.location.clone().unwrap();
        assert!(step_up.contains("authenticationLevel="), "{step_up}");
        let login = b.get(&step_up).await;
        let page = b
            .post(
                &login.form_action(),
                &[
                    ("csrf_token", login.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_MOBILE_APP"),
                    ("email", JANE),
                ],
            )
            .await;
        let request = the_request(&first, "Limen").await;
        first
            .approve(&request, &shown_number(&page), PIN)
            .await
            .unwrap();
        let done = proceed(&b, &page).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let second = enrol(&app, &b, "Old iPhone").await;

        // Push: the user picks the phone (seed 003); only that one gets the request.
        let b2 = app.browser();
        let choose = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert!(
            choose.contains("Old iPhone") && choose.contains("Pixel 8"),
            "{}",
            choose.body
        );
        let id = device_row_id(&app, "Old iPhone").await;
        let page = b2
            .post(
                &choose.form_action(),
                &[
                    ("csrf_token", choose.csrf().as_str()),
                    ("ceremony", choose.input_value("ceremony").unwrap().as_str()),
                    ("device", id.to_string().as_str()),
                ],
            )
            .await;
        assert!(first.pending().await.unwrap().is_empty());
        let request = the_request(&second, "Push only").await;
        second
            .approve(&request, &shown_number(&page), PIN)
            .await
            .unwrap();

        // Removed in My account before the page goes on: revoked at once, no ticket.
        let list = b.get("/account/mobile_app").await;
        let removed = b
            .post(
                "/account/mobile_app/delete",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("id", id.to_string().as_str()),
                ],
            )
            .await;
        assert_eq!(removed.status, 303, "{}", removed.body);
        let after = proceed(&b2, &page).await;
        assert_eq!(after.status, 401, "{}", after.body);
        assert!(
            after.text().contains("no longer registered"),
            "{}",
            after.body
        );
        let gone = second.pending().await.unwrap_err();
        assert!(gone.to_string().contains("unknown_device"), "{gone}");
        // The login goes on with the device left, which still works.
        let request = the_request(&first, "Push only").await;
        first
            .approve(&request, &shown_number(&after), PIN)
            .await
            .unwrap();
        assert_ticket(
            &app,
            &proceed(&b2, &after).await,
            PUSH_ONLY,
            "PASSWORD_MOBILE_APP",
        )
        .await;
    })
    .await;
}

async fn device_row_id(app: &TestApp, name: &str) -> i64 {
    let account = app
        .store
        .account_by_email(&limen_core::Email::parse(JANE).unwrap())
        .await
        .unwrap()
        .unwrap();
    app.store
        .mobile_devices(account.id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .expect("the device")
        .id
}

#[tokio::test]
async fn a_password_session_steps_up_and_oidc_and_on_mobile_say_what_was_proven() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        // A password session reaches the open service, then is stepped up for the push one
        // without typing the password again.
        let b2 = app.browser();
        let open = b2.login(Some(OPEN), JANE, PASSWORD).await;
        assert_ticket(&app, &open, OPEN, "PASSWORD").await;
        let login = b2
            .get(&format!("/cas/login?service={}", encode(PUSH_ONLY)))
            .await;
        assert!(login.contains("id=\"stepup-notice\""), "{}", login.body);
        let page = b2
            .post(
                &login.form_action(),
                &[
                    ("csrf_token", login.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_MOBILE_APP"),
                    ("email", JANE),
                ],
            )
            .await;
        let request = the_request(&device, "Push only").await;
        device
            .approve(&request, &shown_number(&page), PIN)
            .await
            .unwrap();
        assert_ticket(
            &app,
            &proceed(&b2, &page).await,
            PUSH_ONLY,
            "PASSWORD_MOBILE_APP",
        )
        .await;

        // OpenID Connect: acr_values=PASSWORD_MOBILE_APP ends with that acr.
        let (client, secret) = app.add_oidc_client("rp", crate::oidc::CB, |_, _| {}).await;
        let b3 = app.browser();
        let path = crate::oidc::authorize_path(
            &client.client_id,
            &[("acr_values", "PASSWORD_MOBILE_APP")],
        );
        let first = b3.get(&path).await;
        let next = first.location.clone().unwrap();
        let methods = b3.password_page_at(&next, JANE).await;
        let page = b3
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "PASSWORD_MOBILE_APP"),
                    ("email", JANE),
                    ("password", PASSWORD),
                ],
            )
            .await;
        let request = the_request(&device, "rp").await;
        device
            .approve(&request, &shown_number(&page), PIN)
            .await
            .unwrap();
        let done = proceed(&b3, &page).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let url = url::Url::parse(done.location.as_deref().unwrap()).unwrap();
        let code = url
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("a code");
        let (status, body) =
            crate::oidc::exchange(&app, (&client.client_id, &secret), &code, None).await;
        assert_eq!(status, 200, "{body}");
        let id = crate::oidc::tokens(&body).id;
        let claims = crate::oidc::verify(&app, &id, &client.client_id)
            .await
            .unwrap();
        assert_eq!(claims["acr"], "PASSWORD_MOBILE_APP");

        // On Mobile, from the phone's browser: no password; the link opens the app, which
        // fetches the request by its id and approves it with the PIN.
        let phone = Browser::with_headers(&app.base, &[("user-agent", PHONE_UA)]);
        let path = format!("/cas/login?service={}", encode(ANY_MOBILE));
        let methods = phone.password_page_at(&path, JANE).await;
        assert!(methods.contains("value=\"MOBILE_APP\""), "{}", methods.body);
        let desktop = app.browser().password_page_at(&path, JANE).await;
        assert!(
            !desktop.contains("value=\"MOBILE_APP\""),
            "{}",
            desktop.body
        );
        let page = phone
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "MOBILE_APP"),
                    ("email", JANE),
                    ("password", ""),
                ],
            )
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        let link = page.text();
        let start = link.find("limen://challenge?").expect("an app link");
        let end = link[start..].find('"').unwrap() + start;
        let link = &link[start..end];
        let id = url::Url::parse(link)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        // Not a push: it is not listed as pending.
        assert!(device.pending().await.unwrap().is_empty());
        let request = device.fetch(&id).await.unwrap();
        assert_eq!(request.payload.display.origin.browser, "Chrome on Android");
        let receipt = device.approve(&request, "", PIN).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Approved);
        assert_ticket(
            &app,
            &proceed(&phone, &page).await,
            ANY_MOBILE,
            "MOBILE_APP",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn enrolment_failures_leave_nothing_behind() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        // Bad PINs on the page: refused with a message, the name kept.
        let short = enrol_page(&b, "Pixel 8", "12", "12").await;
        assert_eq!(short.status, 400, "{}", short.body);
        assert!(short.text().contains("4 to 12 digits"), "{}", short.body);
        assert!(short.contains("value=\"Pixel 8\""), "{}", short.body);
        let letters = enrol_page(&b, "Pixel 8", "12ab", "12ab").await;
        assert_eq!(letters.status, 400);
        let differ = enrol_page(&b, "Pixel 8", "1234", "1235").await;
        assert_eq!(differ.status, 400);
        assert!(differ.text().contains("not the same"), "{}", differ.body);

        // Another PIN typed on the device than on the page: refused, the page says so.
        let page = enrol_page(&b, "Pixel 8", PIN, PIN).await;
        let link = enrol_link(&page);
        let err = Authenticator::enrol(reqwest::Client::new(), &link, "0000", &info("Pixel 8"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("pin_mismatch"), "{err}");
        let done = enrol_done(&b, &page).await;
        assert_eq!(done.status, 409, "{}", done.body);
        assert!(
            done.text().contains("not the one you chose"),
            "{}",
            done.body
        );
        // The link worked once.
        let again = Authenticator::enrol(reqwest::Client::new(), &link, PIN, &info("Pixel 8"))
            .await
            .unwrap_err();
        assert!(again.to_string().contains("not_found"), "{again}");

        // A link not used within 5 minutes expires.
        let page = enrol_page(&b, "Pixel 8", PIN, PIN).await;
        app.advance(time::Duration::minutes(6));
        let late = Authenticator::enrol(
            reqwest::Client::new(),
            &enrol_link(&page),
            PIN,
            &info("Pixel 8"),
        )
        .await;
        assert!(late.is_err());
        let done = enrol_done(&b, &page).await;
        assert_eq!(done.status, 409);
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse(JANE).unwrap())
            .await
            .unwrap()
            .unwrap();
        let devices = app.store.mobile_devices(account.id).await.unwrap();
        assert!(
            devices
                .iter()
                .all(|d| d.status != limen_store::MobileStatus::Active),
            "{devices:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn panic_removes_the_devices_and_the_live_channel_sees_requests() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        // The live channel: a request made while the device listens arrives on it.
        let listener = {
            let device = Authenticator::from_state(reqwest::Client::new(), device.state().clone())
                .unwrap()
                .with_clock(clock_of(&app));
            tokio::spawn(async move {
                let mut seen = Vec::new();
                let end = device
                    .watch(|c| {
                        seen.push(c.payload.display.service.clone());
                        false
                    })
                    .await;
                (end.is_ok(), seen)
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert!(page.contains("id=\"approval-number\""));
        let (ok, seen) = tokio::time::timeout(std::time::Duration::from_secs(10), listener)
            .await
            .expect("the request arrives on the live channel")
            .unwrap();
        assert!(ok);
        assert_eq!(seen, vec!["Push only".to_owned()]);

        // PANIC (command line, as the help desk would) removes the device: revoked at once.
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse(JANE).unwrap())
            .await
            .unwrap()
            .unwrap();
        let removed = app
            .state
            .authn
            .remove_all_factors(&account, limen_authn::Actor::Cli, &limen_authn::Client::CLI)
            .await
            .unwrap();
        assert_eq!(removed.removed.len(), 1, "{:?}", removed.removed);
        let gone = device.pending().await.unwrap_err();
        assert!(gone.to_string().contains("unknown_device"), "{gone}");
        // Every session of the account ended with it.
        let list = b.get("/account/mobile_app").await;
        assert_eq!(list.status, 303, "{}", list.body);
    })
    .await;
}

/// Review findings (issue 14): what someone with the password alone, or with the phone but not
/// its PIN, must not be able to do.
#[tokio::test]
async fn the_password_alone_cannot_lock_or_swap_the_device() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let owner = app.browser();
        my_account(&owner).await;
        let device = enrol(&app, &owner, "Pixel 8").await;

        // Wrong offline codes (anyone with the password can type them) end the login after
        // five, and leave the device as it was.
        let thief = app.browser();
        let mut page = method_step(&thief, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        for _ in 0..5 {
            page = answer_code(&thief, &page, "00000000").await;
        }
        assert!(!page.contains("id=\"scan-link\""), "{}", page.body);
        assert!(device.pending().await.is_ok(), "the device still works");
        let page = method_step(&thief, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        let link = text_after(&page, "id=\"scan-link\">");
        let now = app.clock_now().unix_timestamp();
        let (_, code) = device.offline_code(&link, PIN, now).unwrap();
        let done = answer_code(&thief, &page, &code).await;
        assert_ticket(&app, &done, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;

        // A device locked by wrong PINs is not removed from a password session without the
        // step-up a working device needs.
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let request = the_request(&device, "Push only").await;
        for _ in 0..5 {
            device
                .approve(&request, &shown_number(&page), "0000")
                .await
                .unwrap();
        }
        let password_only = app.browser();
        my_account(&password_only).await;
        let list = password_only.get("/account/mobile_app").await;
        let id = device_row_id(&app, "Pixel 8").await;
        let removed = password_only
            .post(
                "/account/mobile_app/delete",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("id", id.to_string().as_str()),
                ],
            )
            .await;
        assert_eq!(removed.status, 303, "{}", removed.body);
        assert!(
            removed
                .location
                .as_deref()
                .unwrap()
                .contains("authenticationLevel="),
            "{:?}",
            removed.location
        );
        assert!(
            app.store
                .mobile_device_by_device_id(device.device_id())
                .await
                .unwrap()
                .is_some()
        );
    })
    .await;
}

#[tokio::test]
async fn parallel_wrong_pins_share_the_tries() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let owner = app.browser();
        my_account(&owner).await;
        let device = std::sync::Arc::new(enrol(&app, &owner, "Pixel 8").await);
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = shown_number(&page);
        let request = std::sync::Arc::new(the_request(&device, "Push only").await);
        let mut answers = Vec::new();
        for guess in 0..20 {
            let (device, request, number) = (device.clone(), request.clone(), number.clone());
            answers.push(tokio::spawn(async move {
                let pin = format!("{:04}", 9000 + guess);
                device
                    .approve(&request, &number, &pin)
                    .await
                    .map(|r| r.result)
                    .map_err(|e| e.to_string())
            }));
        }
        let mut wrong = 0;
        for a in answers {
            match a.await.unwrap() {
                Ok(ReceiptResult::WrongPin) => wrong += 1,
                Ok(ReceiptResult::Locked) => {}
                // Once locked, the device's requests are refused.
                Err(e) if e.contains("device_locked") => {}
                other => panic!("{other:?}"),
            }
        }
        // Five tries in all (the fifth's answer is `locked`), whatever the parallelism.
        assert!(wrong <= 4, "{wrong} wrong PINs judged");
        // The right PIN now gets `locked` too: no oracle.
        let right = device.approve(&request, &number, PIN).await;
        assert!(right.is_err() || right.unwrap().result == ReceiptResult::Locked);
    })
    .await;
}

#[tokio::test]
async fn an_enrolment_dies_with_its_session_and_push_endpoints_stay_outside() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let page = enrol_page(&b, "Pixel 8", PIN, PIN).await;
        let link = enrol_link(&page);
        // The session that showed the QR code ends (a logout; PANIC ends every session).
        let out = b.get("/cas/logout").await;
        assert!(out.status < 400, "{}", out.body);
        let err = Authenticator::enrol_with_clock(
            reqwest::Client::new(),
            &link,
            PIN,
            &info("Pixel 8"),
            clock_of(&app),
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("session_ended"), "{err}");

        // PANIC forgets an enrolment under way too.
        let b2 = app.browser();
        my_account(&b2).await;
        let device = enrol(&app, &b2, "First").await;
        let b3 = app.browser();
        my_account(&b3).await;
        let page = method_step(&b3, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let request = the_request(&device, "Push only").await;
        device
            .approve(&request, &shown_number(&page), PIN)
            .await
            .unwrap();
        proceed(&b3, &page).await;
        let page = enrol_page(&b3, "Second", PIN, PIN).await;
        let link = enrol_link(&page);
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse(JANE).unwrap())
            .await
            .unwrap()
            .unwrap();
        app.state
            .authn
            .remove_all_factors(&account, limen_authn::Actor::Cli, &limen_authn::Client::CLI)
            .await
            .unwrap();
        let late = Authenticator::enrol_with_clock(
            reqwest::Client::new(),
            &link,
            PIN,
            &info("Second"),
            clock_of(&app),
        )
        .await
        .unwrap_err();
        assert!(late.to_string().contains("not_found"), "{late}");

        // A push endpoint on the server's own network is refused.
        let b4 = app.browser();
        my_account(&b4).await;
        let device = enrol(&app, &b4, "Third").await;
        for endpoint in [
            "http://127.0.0.1:9/admin?x=1",
            "https://127.0.0.1/push",
            "https://10.1.2.3/push",
            "https://[::1]/push",
            "https://localhost/push",
            "https://user:pw@push.example.org/x",
        ] {
            let sub = limen_mobile::messages::PushSubscription {
                v: 1,
                endpoint: endpoint.into(),
                p256dh: limen_mobile::b64::encode(&[4u8; 65]),
                auth: limen_mobile::b64::encode(&[1u8; 16]),
            };
            let body = serde_json::to_vec(&sub).unwrap();
            let (status, answer) = device
                .raw("PUT", "/device/v1/push", &body, None, None)
                .await
                .unwrap();
            assert_eq!(
                status,
                400,
                "{endpoint}: {}",
                String::from_utf8_lossy(&answer)
            );
        }
    })
    .await;
}

#[tokio::test]
async fn wrong_numbers_stop_pushes_and_a_device_has_one_live_stream() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user("john@example.org", Some("John"), "Roe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;
        // "I have approved" posted again and again after wrong numbers: three refusals on the
        // device hold push for the hour (the login's own bound, five refused answers, is never
        // reached).
        let b2 = app.browser();
        let mut page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let mut pushes = 0;
        for _ in 0..8 {
            let Ok(pending) = device.pending().await else {
                break;
            };
            let Some(request) = pending.into_iter().next() else {
                break;
            };
            pushes += 1;
            let wrong = if shown_number(&page) == "00" {
                "01"
            } else {
                "00"
            };
            device.approve(&request, wrong, PIN).await.unwrap();
            page = proceed(&b2, &page).await;
            if !page.contains("id=\"approval-number\"") {
                break;
            }
        }
        assert_eq!(pushes, 3);
        assert!(page.contains("id=\"approval-notice\""), "{}", page.body);
        assert!(device.pending().await.unwrap().is_empty());

        // A second live stream of the same device ends the first.
        let first = Authenticator::from_state(reqwest::Client::new(), device.state().clone())
            .unwrap()
            .with_clock(clock_of(&app));
        let watcher = tokio::spawn(async move { first.watch(|_| true).await });
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let second = Authenticator::from_state(reqwest::Client::new(), device.state().clone())
            .unwrap()
            .with_clock(clock_of(&app));
        let other = tokio::spawn(async move { second.watch(|_| true).await });
        let end = tokio::time::timeout(std::time::Duration::from_secs(10), watcher)
            .await
            .expect("the first stream ends")
            .unwrap();
        assert!(
            matches!(end, Ok(limen_authenticator::WatchEnd::Closed)),
            "{end:?}"
        );
        other.abort();
    })
    .await;
}

/// `K' = M ⊕ P(pin)` of a device, as the device computes it (spec §2.1).
fn masked_key(device: &Authenticator, pin: &str) -> [u8; 32] {
    let salt = limen_mobile::b64::decode(&device.state().salt).unwrap();
    let mask = limen_mobile::b64::decode_array::<32>(&device.state().mask).unwrap();
    limen_mobile::kdf::mask(&mask, &limen_mobile::kdf::pin_key(pin, &salt).unwrap())
}

/// A PIN check's body for `pin` made at `iat` (spec §5.4).
fn pin_check_body(device: &Authenticator, pin: &str, iat: i64) -> Vec<u8> {
    let proof =
        limen_mobile::messages::pin_check_mac(&masked_key(device, pin), device.device_id(), iat)
            .unwrap();
    serde_json::to_vec(&serde_json::json!({"v": 1, "iat": iat, "pin_proof": proof})).unwrap()
}

/// The device's wrong PINs in a row, as the server counts them.
async fn pin_failures(app: &TestApp, device: &Authenticator) -> i64 {
    app.store
        .mobile_device_by_device_id(device.device_id())
        .await
        .unwrap()
        .expect("the device")
        .pin_failures
}

#[tokio::test]
async fn the_pin_check_counts_its_tries_like_an_approval() {
    use limen_mobile::messages::PinCheckResult;
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        // Right and wrong; a right PIN starts the count again.
        assert_eq!(device.check_pin(PIN).await.unwrap(), PinCheckResult::Ok);
        for n in 1..=4 {
            assert_eq!(
                device.check_pin("0000").await.unwrap(),
                PinCheckResult::WrongPin
            );
            assert_eq!(pin_failures(&app, &device).await, n);
        }
        let audit = app.store.recent_audit(50).await.unwrap();
        let failures: Vec<_> = audit
            .iter()
            .filter(|e| e.event == "mobile.pin_failure")
            .collect();
        assert_eq!(failures.len(), 4, "{audit:?}");
        assert_eq!(failures[0].detail["failures"], 4);
        assert_eq!(device.check_pin(PIN).await.unwrap(), PinCheckResult::Ok);
        assert_eq!(pin_failures(&app, &device).await, 0);

        // The check shares its tries with approvals: three wrong approvals, then the check's
        // wrong PINs lock the device at the fifth in a row.
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let request = the_request(&device, "Push only").await;
        for _ in 0..3 {
            let r = device
                .approve(&request, &shown_number(&page), "1111")
                .await
                .unwrap();
            assert_eq!(r.result, ReceiptResult::WrongPin);
        }
        assert_eq!(
            device.check_pin("2222").await.unwrap(),
            PinCheckResult::WrongPin
        );
        assert_eq!(
            device.check_pin("3333").await.unwrap(),
            PinCheckResult::Locked
        );
        // Locked: told by e-mail; from now on the device is refused, the right PIN too.
        let mails = app.mail_to(JANE, 2).await;
        assert!(
            mails.iter().any(|m| m.subject().contains("locked")),
            "{:?}",
            mails.iter().map(|m| m.subject()).collect::<Vec<_>>()
        );
        let audit = app.store.recent_audit(50).await.unwrap();
        assert!(audit.iter().any(|e| e.event == "mobile.locked"), "{audit:?}");
        let refused = device.check_pin(PIN).await.unwrap_err();
        assert!(
            matches!(&refused, limen_authenticator::Error::Server { status: 401, code } if code == "device_locked"),
            "{refused:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_pin_check_out_of_time_malformed_or_replayed_is_refused_and_costs_no_try() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;
        let path = "/device/v1/pin";
        let now = app.clock_now().unix_timestamp();

        // The right PIN, made now: ok.
        let (status, body) = device
            .raw("POST", path, &pin_check_body(&device, PIN, now), None, None)
            .await
            .unwrap();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
            serde_json::json!({"result": "ok"})
        );
        // A proof of a wrong PIN: wrong_pin, counted.
        let (status, body) = device
            .raw(
                "POST",
                path,
                &pin_check_body(&device, "0000", now),
                None,
                None,
            )
            .await
            .unwrap();
        assert_eq!(status, 200);
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
            serde_json::json!({"result": "wrong_pin"})
        );
        assert_eq!(pin_failures(&app, &device).await, 1);

        // The right PIN, but its `iat` more than 60 s away from the server's clock (either
        // way), or a body that is not a PIN check: 400, and no try is taken.
        let mut refused = vec![
            pin_check_body(&device, PIN, now - 61),
            pin_check_body(&device, PIN, now + 61),
            b"{}".to_vec(),
            b"not json".to_vec(),
            Vec::new(),
        ];
        for bad in [
            serde_json::json!({"v": 2, "iat": now, "pin_proof": "A".repeat(43)}),
            serde_json::json!({"v": 1, "iat": now, "pin_proof": "short"}),
            serde_json::json!({"v": 1, "iat": now, "pin_proof": "A".repeat(43), "pin": "4821"}),
            serde_json::json!({"v": 1, "iat": "now", "pin_proof": "A".repeat(43)}),
        ] {
            refused.push(serde_json::to_vec(&bad).unwrap());
        }
        for body in refused {
            let (status, answer) = device.raw("POST", path, &body, None, None).await.unwrap();
            assert_eq!(
                (status, String::from_utf8_lossy(&answer).into_owned()),
                (400, r#"{"error":"bad_request"}"#.to_owned()),
                "{}",
                String::from_utf8_lossy(&body)
            );
        }
        // Within the 60 s it is taken (the device's clock may differ a little).
        let (status, body) = device
            .raw(
                "POST",
                path,
                &pin_check_body(&device, PIN, now - 60),
                None,
                None,
            )
            .await
            .unwrap();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        assert_eq!(pin_failures(&app, &device).await, 0);

        // A request replayed (same proof `jti`) is refused before its body is looked at.
        let jti = limen_mobile::b64::encode(&[7u8; 16]);
        let jti = jti.as_str();
        let body = pin_check_body(&device, "0000", now);
        let (status, answer) = device
            .raw("POST", path, &body, Some(jti), None)
            .await
            .unwrap();
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
        assert_eq!(pin_failures(&app, &device).await, 1);
        let (status, answer) = device
            .raw("POST", path, &body, Some(jti), None)
            .await
            .unwrap();
        assert_eq!(status, 401, "{}", String::from_utf8_lossy(&answer));
        assert!(String::from_utf8_lossy(&answer).contains("replayed_proof"));
        assert_eq!(pin_failures(&app, &device).await, 1);
        // Another device's proof of the right PIN is wrong for this one (bound to its id).
        let other = {
            let b2 = app.browser();
            my_account(&b2).await;
            let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
            let request = the_request(&device, "Push only").await;
            device
                .approve(&request, &shown_number(&page), PIN)
                .await
                .unwrap();
            assert_eq!(proceed(&b2, &page).await.status, 303);
            enrol(&app, &b2, "Second").await
        };
        let proof =
            limen_mobile::messages::pin_check_mac(&masked_key(&other, PIN), other.device_id(), now)
                .unwrap();
        let body = serde_json::to_vec(&serde_json::json!({"v": 1, "iat": now, "pin_proof": proof}))
            .unwrap();
        let (status, answer) = device.raw("POST", path, &body, None, None).await.unwrap();
        assert_eq!(status, 200);
        assert!(
            String::from_utf8_lossy(&answer).contains("wrong_pin"),
            "{}",
            String::from_utf8_lossy(&answer)
        );
    })
    .await;
}

/// A device that takes the enrolment of `link` and stops there (pending, spec §3 step 4):
/// its key and id.
async fn pending_device(app: &TestApp, link: &str) -> (limen_mobile::jws::SigningKey, String) {
    use limen_mobile::{ecdh, jws, messages, proof};
    let link = messages::EnrolLink::parse(link).unwrap();
    let key = jws::SigningKey::generate().unwrap();
    let jwk = key.public_jwk();
    let request = messages::EnrolRequest {
        v: 1,
        tok: link.tok,
        device_key: jwk.clone(),
        ecdh_key: ecdh::Ephemeral::generate().unwrap().public_jwk(),
        os: "TestOS 1".into(),
        model: "Half-enrolled".into(),
        app: "limen tests".into(),
    };
    let body = serde_json::to_vec(&request).unwrap();
    let url = app.url("/device/v1/enrol");
    let now = app.clock_now().unix_timestamp();
    let proof = proof::make(&key, jws::Kid::Jwk(&jwk), "POST", &url, &body, now).unwrap();
    let answer = reqwest::Client::new()
        .post(&url)
        .header("limen-proof", proof)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 201, "{:?}", answer.text().await);
    (key, jwk.thumbprint())
}

#[tokio::test]
async fn a_device_that_unlinks_itself_is_locked_until_my_account_removes_it() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        // A session proven with the device reaches the push service again by single sign-on.
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let request = the_request(&device, "Push only").await;
        device
            .approve(&request, &shown_number(&page), PIN)
            .await
            .unwrap();
        assert_ticket(
            &app,
            &proceed(&b2, &page).await,
            PUSH_ONLY,
            "PASSWORD_MOBILE_APP",
        )
        .await;
        let login = format!("/cas/login?service={}", encode(PUSH_ONLY));
        assert!(b2.get(&login).await.ticket().is_some());

        // The live channel is open (a request waiting on it proves it) when the device unlinks
        // itself: it says `revoked`.
        let (open_tx, open_rx) = tokio::sync::oneshot::channel();
        let watcher = {
            let watching =
                Authenticator::from_state(reqwest::Client::new(), device.state().clone())
                    .unwrap()
                    .with_clock(clock_of(&app));
            tokio::spawn(async move {
                let mut open_tx = Some(open_tx);
                watching
                    .watch(move |_| {
                        if let Some(tx) = open_tx.take() {
                            let _ = tx.send(());
                        }
                        true
                    })
                    .await
            })
        };
        let b3 = app.browser();
        method_step(&b3, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        tokio::time::timeout(std::time::Duration::from_secs(10), open_rx)
            .await
            .expect("the request arrives on the live channel")
            .unwrap();
        device.unlink().await.expect("unlinked");
        let end = tokio::time::timeout(std::time::Duration::from_secs(10), watcher)
            .await
            .expect("the live channel ends")
            .unwrap();
        assert!(
            matches!(end, Ok(limen_authenticator::WatchEnd::Revoked)),
            "{end:?}"
        );

        // Locked, not removed (§3.7): its key signs without the PIN, so it may do what wrong
        // PINs could (lock it) but not remove a factor, which needs My account's step-up.
        let refused = device.pending().await.map(|_| ()).unwrap_err();
        assert!(
            matches!(&refused, limen_authenticator::Error::Server { status: 401, code } if code == "device_locked"),
            "{refused:?}"
        );
        let stored = app
            .store
            .mobile_device_by_device_id(device.device_id())
            .await
            .unwrap()
            .expect("still registered");
        assert_eq!(stored.status, limen_store::MobileStatus::Locked);
        // My account lists it as locked, the account holder is told, the audit log says the
        // device did it.
        let list = b.get("/account/mobile_app").await;
        assert_eq!(list.status, 200, "{}", list.body);
        assert!(list.contains("data-name=\"Pixel 8\""), "{}", list.body);
        assert!(list.contains("(locked — too many wrong PINs, or unlinked in its app"), "{}", list.body);
        let mails = app.mail_to(JANE, 2).await;
        let unlinked = mails
            .iter()
            .find(|m| m.subject() == "A mobile device was unlinked")
            .expect("the unlinking is told");
        assert!(unlinked.text().contains("Pixel 8"), "{}", unlinked.text());
        assert!(!mails.iter().any(|m| m.subject().contains("removed")));
        let audit = app.store.recent_audit(50).await.unwrap();
        let event = audit
            .iter()
            .find(|e| e.event == "mobile.unlinked")
            .expect("audited");
        assert_eq!(event.detail["device"], "Pixel 8");
        assert!(!audit.iter().any(|e| e.event == "factor.remove"));

        // Unlinking a locked device again ("Forgot PIN" on a locked phone) changes nothing and
        // tells no one twice.
        device.unlink().await.expect("a locked device may unlink");
        let audit = app.store.recent_audit(50).await.unwrap();
        assert_eq!(
            audit.iter().filter(|e| e.event == "mobile.unlinked").count(),
            1
        );
    })
    .await;
}

#[tokio::test]
async fn a_pending_device_that_unlinks_itself_ends_its_enrolment() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let page = enrol_page(&b, "Pixel 8", PIN, PIN).await;
        let (key, device_id) = pending_device(&app, &enrol_link(&page)).await;
        let id = page.input_value("id").unwrap();
        let wait = format!("/account/mobile_app/wait?id={id}&seen=open");
        assert_eq!(b.get(&wait).await.body, r#"{"state":"scanned"}"#);

        // Pending, it may do nothing else; unlinking is allowed.
        let url = app.url("/device/v1/device");
        let signed = |method: &str, url: &str| {
            limen_mobile::proof::make(
                &key,
                limen_mobile::jws::Kid::Id(&device_id),
                method,
                url,
                b"",
                app.clock_now().unix_timestamp(),
            )
            .unwrap()
        };
        let http = reqwest::Client::new();
        let list = app.url("/device/v1/challenges");
        let refused = http
            .get(&list)
            .header("limen-proof", signed("GET", &list))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 401);
        let done = http
            .delete(&url)
            .header("limen-proof", signed("DELETE", &url))
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), 204, "{:?}", done.text().await);

        // The device and its enrolment are gone: the page sees it as expired; the audit log says
        // why.
        assert!(
            app.store
                .mobile_device_by_device_id(&device_id)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            b.get(&format!("/account/mobile_app/wait?id={id}&seen=scanned"))
                .await
                .body,
            r#"{"state":"expired"}"#
        );
        let audit = app.store.recent_audit(50).await.unwrap();
        let event = audit
            .iter()
            .find(|e| e.event == "factor.add.failure")
            .expect("audited");
        assert_eq!(event.detail["reason"], "unlinked");
        let again = http
            .delete(&url)
            .header("limen-proof", signed("DELETE", &url))
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 401);
    })
    .await;
}

/// The `href` of the element with `id` on the page, HTML-unescaped.
fn href_of(page: &Page, id: &str) -> Option<String> {
    let text = page.text();
    let start = text.find(&format!("id=\"{id}\""))?;
    let tag_start = text[..start].rfind('<')?;
    let tag_end = start + text[start..].find('>')?;
    let tag = &text[tag_start..tag_end];
    let href = tag.find("href=\"")? + "href=\"".len();
    let end = tag[href..].find('"')? + href;
    Some(tag[href..end].to_owned())
}

#[tokio::test]
async fn on_mobile_offers_the_web_app_for_the_same_request() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        // On Mobile, from a phone's browser (in French): the app link, and the web app's for
        // the same request, opened beside the login page (which keeps waiting).
        let phone = Browser::with_headers(
            &app.base,
            &[("user-agent", PHONE_UA), ("accept-language", "fr")],
        );
        let path = format!("/cas/login?service={}", encode(ANY_MOBILE));
        let methods = phone.password_page_at(&path, JANE).await;
        let page = phone
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "MOBILE_APP"),
                    ("email", JANE),
                    ("password", ""),
                ],
            )
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        let app_link = href_of(&page, "approval-link").expect("the app link");
        let id = url::Url::parse(&app_link)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        let web_link = href_of(&page, "approval-web-link").expect("the web app's link");
        assert_eq!(
            web_link,
            format!("{}/authenticator/#challenge={id}", app.base)
        );
        let text = page.text();
        let tag = &text[text.find("id=\"approval-web-link\"").unwrap()..];
        let tag = &tag[..tag.find('>').unwrap()];
        assert!(
            tag.contains("target=\"_blank\"") && tag.contains("rel=\"noopener\""),
            "{tag}"
        );
        assert!(
            text.contains("Utiliser l'authentificateur web"),
            "{}",
            page.body
        );
        assert!(page.contains("/static/mobile.js"), "{}", page.body);

        // "I have approved" too early: the page again, with both links for the same request.
        let early = proceed(&phone, &page).await;
        assert_eq!(early.status, 401, "{}", early.body);
        assert_eq!(href_of(&early, "approval-web-link"), Some(web_link.clone()));
        assert_eq!(href_of(&early, "approval-link"), Some(app_link));
        // The request the link names is the one the device approves; the page proceeds.
        let request = device.fetch(&id).await.unwrap();
        let receipt = device.approve(&request, "", PIN).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Approved);
        assert_ticket(
            &app,
            &proceed(&phone, &early).await,
            ANY_MOBILE,
            "MOBILE_APP",
        )
        .await;

        // An On Mobile request refused as "not me": no password was used (On Mobile needs only
        // the address), so the letter says so instead of asking for a new password.
        let other = Browser::with_headers(&app.base, &[("user-agent", PHONE_UA)]);
        let methods = other.password_page_at(&path, JANE).await;
        let page = other
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "MOBILE_APP"),
                    ("email", JANE),
                    ("password", ""),
                ],
            )
            .await;
        let link = href_of(&page, "approval-link").expect("the app link");
        let id = url::Url::parse(&link)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        let request = device.fetch(&id).await.unwrap();
        device.deny_not_me(&request).await.unwrap();
        let mails = app.mail_to(JANE, 2).await;
        let report = mails
            .iter()
            .find(|m| m.subject().contains("did not start"))
            .expect("the report is told");
        let text = report.text();
        assert!(text.contains("needs no password"), "{text}");
        assert!(!text.contains("knows your password"), "{text}");

        // Push (number matching) has neither link: the phone is another device.
        let b2 = app.browser();
        let page = method_step(&b2, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert!(page.contains("id=\"approval-number\""), "{}", page.body);
        assert!(!page.contains("approval-web-link"), "{}", page.body);
        assert!(!page.contains("approval-link"), "{}", page.body);
    })
    .await;
}

#[tokio::test]
async fn a_denial_reported_as_not_me_tells_the_account_holder() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        my_account(&b).await;
        let device = enrol(&app, &b, "Pixel 8").await;

        // A reason other than `not_me`, or one with an approval: 400, the request untouched.
        let thief = app.browser();
        let page = method_step(&thief, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let request = the_request(&device, "Push only").await;
        let path = format!("/device/v1/challenges/{}", request.payload.id);
        let dh = limen_mobile::messages::display_hash(&request.payload.display).unwrap();
        for bad in [
            serde_json::json!({"v": 1, "decision": "deny", "dh": dh, "reason": "spam"}),
            serde_json::json!({"v": 1, "decision": "deny", "dh": dh, "reason": "NOT_ME"}),
            serde_json::json!({"v": 1, "decision": "deny", "dh": dh, "reason": null}),
            serde_json::json!({"v": 1, "decision": "approve", "number": shown_number(&page),
                "dh": dh, "pin_proof": "A".repeat(43), "reason": "not_me"}),
        ] {
            let body = serde_json::to_vec(&bad).unwrap();
            let (status, answer) = device.raw("POST", &path, &body, None, None).await.unwrap();
            assert_eq!(
                (status, String::from_utf8_lossy(&answer).into_owned()),
                (400, r#"{"error":"bad_request"}"#.to_owned()),
                "{bad}"
            );
        }
        assert_eq!(pin_failures(&app, &device).await, 0);

        // "This was not me": denied, audited with the reason, and the account holder is told
        // where the sign-in came from and pointed to PANIC.
        let receipt = device.deny_not_me(&request).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Denied);
        let after = proceed(&thief, &page).await;
        assert_eq!(after.status, 401, "{}", after.body);
        assert!(
            after.text().contains("denied on your device"),
            "{}",
            after.body
        );
        let audit = app.store.recent_audit(50).await.unwrap();
        let denied = audit
            .iter()
            .find(|e| e.event == "mobile.denied")
            .expect("audited");
        assert_eq!(denied.detail["reason"], "not_me");
        assert_eq!(denied.detail["device"], "Pixel 8");
        let mails = app.mail_to(JANE, 2).await;
        let report = mails
            .iter()
            .find(|m| m.subject().contains("did not start"))
            .unwrap_or_else(|| {
                panic!(
                    "{:?}",
                    mails.iter().map(|m| m.subject()).collect::<Vec<_>>()
                )
            });
        let text = report.text();
        for shown in [
            "Push only",
            "127.0.0.0/24",
            "a browser on an unknown system",
            "Pixel 8",
            "Lost password?",
        ] {
            assert!(text.contains(shown), "{shown}: {text}");
        }
        assert!(
            text.contains(&format!("{}/account/methods/panic", app.base)),
            "{text}"
        );

        // A plain denial is audited without a reason and tells no one; both count for push
        // fatigue: the third refusal of the hour holds push.
        let second = the_request(&device, "Push only").await;
        device.deny(&second).await.unwrap();
        let audit = app.store.recent_audit(50).await.unwrap();
        let plain = audit
            .iter()
            .find(|e| e.event == "mobile.denied")
            .expect("audited");
        assert!(plain.detail.get("reason").is_none(), "{:?}", plain.detail);
        let again = proceed(&thief, &after).await;
        let third = the_request(&device, "Push only").await;
        device.deny_not_me(&third).await.unwrap();
        let held = proceed(&thief, &again).await;
        assert!(held.contains("id=\"approval-notice\""), "{}", held.body);
        assert!(device.pending().await.unwrap().is_empty());
        let mails = app.mail_to(JANE, 3).await;
        assert_eq!(
            mails
                .iter()
                .filter(|m| m.subject().contains("did not start"))
                .count(),
            2
        );
    })
    .await;
}
