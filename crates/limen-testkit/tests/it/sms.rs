//! Issue 17: "Mobile Phone + SMS" through the real server, on both backends — My account's
//! numbers (added with a code read from the outbox, as the README's flow reads it at
//! /dev/outbox), sign-in to a PASSWORD_SMS service, wrong and expired codes, resend, two
//! numbers, removal, the retirement date, and the toll-fraud limits. The gateways themselves are
//! tested in limen-notify and, with Kannel and an SMPP server, in tests/interop/test_sms.py.

use limen_core::{Method, MethodRule, Strength};
use limen_testkit::{Browser, PASSWORD, Page, TestApp, each_backend, encode};

pub(crate) const USER: &str = "sam@example.org";
pub(crate) const PHONE: &str = "+33612345678";
pub(crate) const SMS_ONLY: &str = "https://sms.example.org/app";

pub(crate) fn sms_on(c: &mut limen_web::WebConfig) {
    c.methods.set(
        Method::Sms,
        MethodRule {
            enabled: true,
            ..MethodRule::default()
        },
    );
}

pub(crate) async fn service(app: &TestApp) {
    app.add_service("SMS only", "https://sms.example.org/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordSms];
        s.released_attributes = limen_core::service::ECAS_DEFAULT_ATTRIBUTES
            .iter()
            .map(|a| (*a).to_owned())
            .collect();
    })
    .await;
}

/// "Add a mobile phone number": the number as typed, then the code from the `nth_sms`-th SMS
/// sent to `e164`.
pub(crate) async fn add_number(
    app: &TestApp,
    b: &Browser,
    number: &str,
    e164: &str,
    nth_sms: usize,
) -> Page {
    let add = b.get("/account/phones/add").await;
    assert_eq!(add.status, 200, "{}", add.body);
    let confirm = b
        .post(
            "/account/phones/add",
            &[
                ("csrf_token", add.csrf().as_str()),
                ("number", number),
                ("label", ""),
            ],
        )
        .await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    assert!(
        confirm.contains("id=\"phone-confirm-form\""),
        "{}",
        confirm.body
    );
    let code = app.sms_code(e164, nth_sms).await;
    assert_eq!(code.len(), 9, "{code}");
    b.post(
        "/account/phones/confirm",
        &[
            ("csrf_token", confirm.csrf().as_str()),
            (
                "ceremony",
                confirm.input_value("ceremony").unwrap().as_str(),
            ),
            ("code", &code.to_lowercase()),
        ],
    )
    .await
}

/// The password step with SMS chosen.
pub(crate) async fn sms_step(b: &Browser, service: &str, email: &str) -> Page {
    let path = format!("/cas/login?service={}", encode(service));
    let methods = b.password_page_at(&path, email).await;
    assert!(
        methods.contains("value=\"PASSWORD_SMS\""),
        "sms offered: {}",
        methods.body
    );
    b.post(
        &methods.form_action(),
        &[
            ("csrf_token", methods.csrf().as_str()),
            ("step", "password"),
            ("method", "PASSWORD_SMS"),
            ("email", email),
            ("password", PASSWORD),
        ],
    )
    .await
}

pub(crate) async fn answer(b: &Browser, page: &Page, code: &str) -> Page {
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
async fn a_user_adds_a_number_and_signs_in_with_an_sms_code() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        app.add_user(USER, Some("Sam"), "Roe").await;
        let b = app.browser();
        b.login(None, USER, PASSWORD).await;
        let added = add_number(&app, &b, "+33 6 12 34 56 78", PHONE, 1).await;
        assert_eq!(added.status, 303, "{}", added.body);
        let list = b.get("/account/phones").await;
        assert!(list.contains("+33 6 12 34 56 78"), "{}", list.body);
        let sms = app.sms_to(PHONE, 1).await;
        assert!(sms[0].contains("Never share"), "{}", sms[0]);

        // A fresh browser signs in to the PASSWORD_SMS service.
        let b = app.browser();
        let code_page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(code_page.status, 200, "{}", code_page.body);
        assert!(
            code_page.contains("+33 • •• •• 56 78"),
            "{}",
            code_page.body
        );
        assert!(code_page.contains("id=\"code-resend-form\""));
        let text = &app.sms_to(PHONE, 2).await[1];
        assert!(text.contains("SMS only"), "{text}");
        let code = limen_testkit::sms_code_in(text);
        // A wrong code first: the same code stays valid.
        let wrong = answer(&b, &code_page, "AAA-AAA-AAA").await;
        assert_eq!(wrong.status, 401, "{}", wrong.body);
        assert!(wrong.contains("id=\"code-error\""));
        assert_eq!(app.sms_count(PHONE).await, 2, "no new SMS for a wrong code");
        let done = answer(&b, &wrong, &code.replace('-', " ")).await;
        let ticket = done
            .ticket()
            .unwrap_or_else(|| panic!("{} {}", done.status, done.body));
        // EU Login's answer names the number, before the moniker.
        let v = app.cas_validate("laxValidate", SMS_ONLY, &ticket, "").await;
        assert!(v.contains("<cas:strength>PASSWORD_SMS<"), "{v}");
        let number = v.find("<cas:mobilePhoneNumber>+33612345678</cas:mobilePhoneNumber>");
        let moniker = v.find("<cas:moniker>");
        assert!(number.is_some() && number < moniker, "{v}");
    })
    .await;
}
