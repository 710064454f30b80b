//! Issue 17's toll-fraud and abuse defences through the real server, on both backends: the
//! number types and countries refused when a number is added, each store-backed limit (per
//! number, per number range, per account, per client address, per country) and the global
//! daily budget with its circuit breaker, answers that never tell whether a number is on
//! another account, and no SMS before the password.

use super::sms::{
    PHONE, SMS_ONLY, USER, account_id, add_number, answer, last_code, service, signed_in, sms_on,
    sms_step,
};
use limen_testkit::{Browser, Page, TestApp, each_backend, encode};

/// The text of the element with this id, `<… id="ID">TEXT<`.
fn by_id(page: &Page, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let text = page.text();
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("#{id} in {text}"))
        + marker.len();
    let end = text[start..].find('<').unwrap() + start;
    text[start..end].trim().to_owned()
}

/// A new user `n@example.org`, signed in with the password.
async fn user(app: &TestApp, n: usize) -> (String, Browser) {
    let email = format!("user{n}@example.org");
    app.add_user(&email, Some("Pat"), "Roe").await;
    let b = app.browser();
    signed_in(&b, &email).await;
    (email, b)
}

/// "Add a mobile phone number" with `number` typed (and `label`): the page that answers.
async fn try_add(b: &Browser, number: &str, label: &str) -> Page {
    let add = b.get("/account/phones/add").await;
    assert_eq!(add.status, 200, "{}", add.body);
    b.post(
        "/account/phones/add",
        &[
            ("csrf_token", add.csrf().as_str()),
            ("number", number),
            ("label", label),
        ],
    )
    .await
}

/// The add was refused with `message` on the add page, and nothing was sent to `e164`.
async fn assert_refused(app: &TestApp, page: &Page, e164: &str, message: &str) {
    assert_eq!(page.status, 400, "{e164}: {}", page.body);
    let error = by_id(page, "phone-add-error");
    assert!(error.contains(message), "{e164}: {error}");
    assert!(!page.contains("id=\"phone-confirm-form\""), "{}", page.body);
    assert_eq!(app.sms_count(e164).await, 0, "nothing sent to {e164}");
}

/// The confirmation page: a code was sent.
fn assert_sent(page: &Page) {
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.contains("id=\"phone-confirm-form\""), "{}", page.body);
}

/// The reasons of the `sms.refused` audit entries, oldest first.
async fn refusals(app: &TestApp) -> Vec<String> {
    let mut reasons: Vec<String> = app
        .store
        .recent_audit(1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event == "sms.refused")
        .map(|e| e.detail["reason"].as_str().unwrap_or_default().to_owned())
        .collect();
    reasons.reverse();
    reasons
}

const LIMIT: &str = "Too many SMS were sent recently";

/// Premium rate, toll free, shared cost, landline: refused as "cannot receive our SMS";
/// countries outside the EU/EEA: refused as such; not a number: refused as invalid. Nothing
/// is queued for any of them, whether the label was typed or not.
#[tokio::test]
async fn numbers_that_are_not_eu_mobiles_are_refused_at_add() {
    each_backend(sms_on, |app| async move {
        let (_, b) = user(&app, 1).await;
        let not_mobile = "This number cannot receive our SMS";
        for (number, label) in [
            ("+33899123456", ""),
            ("+33899123456", "Premium"),
            ("+33800123456", ""),
            ("+33810123456", ""),
            ("+33123456789", ""),
            ("+33123456789", "Home"),
        ] {
            let page = try_add(&b, number, label).await;
            assert_refused(&app, &page, number, not_mobile).await;
        }
        let country = "SMS cannot be sent to numbers of this country";
        for (number, label) in [
            ("+41791234567", ""),
            ("+12015550123", ""),
            ("+12015550123", "US"),
        ] {
            let page = try_add(&b, number, label).await;
            assert_refused(&app, &page, number, country).await;
        }
        let invalid = "This is not a mobile phone number in international format";
        for number in [
            "0612345678",
            "+33 6 12",
            "hello",
            "+33612345678x",
            "+999123456789",
            "",
        ] {
            let page = try_add(&b, number, "").await;
            assert_eq!(page.status, 400, "{number:?}: {}", page.body);
            let error = by_id(&page, "phone-add-error");
            assert!(error.contains(invalid), "{number:?}: {error}");
        }
        let all = app.store.recent_sms(1000).await.unwrap();
        assert!(all.is_empty(), "{all:?}");
        // A number of the list, for contrast: accepted, a code sent.
        let page = try_add(&b, "+32470123456", "").await;
        assert_sent(&page);
        assert_eq!(app.sms_count("+32470123456").await, 1);
    })
    .await;
}

fn per_prefix(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.limits.per_prefix_hour = 2;
}

/// Numbers equal but for their last digits count together: the third of a range within the
/// hour is refused, whoever adds it; another range is not.
#[tokio::test]
async fn the_per_prefix_limit_trips() {
    each_backend(per_prefix, |app| async move {
        for (n, number) in ["+33612345671", "+33612345682"].iter().enumerate() {
            let (_, b) = user(&app, n).await;
            assert_sent(&try_add(&b, number, "").await);
        }
        let (_, b) = user(&app, 3).await;
        let page = try_add(&b, "+33612345693", "").await;
        assert_refused(&app, &page, "+33612345693", LIMIT).await;
        assert_eq!(refusals(&app).await, ["limit per number range reached"]);
        let (_, b) = user(&app, 4).await;
        assert_sent(&try_add(&b, "+33698765432", "").await);
        // An hour later the range may receive again.
        app.advance(time::Duration::minutes(61));
        let (_, b) = user(&app, 5).await;
        assert_sent(&try_add(&b, "+33612345604", "").await);
    })
    .await;
}

fn per_number(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.limits.per_number_hour = 2;
}

#[tokio::test]
async fn the_per_number_limit_trips() {
    each_backend(per_number, |app| async move {
        for n in 0..2 {
            let (_, b) = user(&app, n).await;
            assert_sent(&try_add(&b, PHONE, "").await);
        }
        let (_, b) = user(&app, 2).await;
        let page = try_add(&b, PHONE, "").await;
        assert_eq!(page.status, 400, "{}", page.body);
        assert!(by_id(&page, "phone-add-error").contains(LIMIT));
        assert_eq!(app.sms_count(PHONE).await, 2);
        assert_eq!(refusals(&app).await, ["limit per number (hour) reached"]);
        // Another number (another range) is not limited.
        assert_sent(&try_add(&b, "+33698765432", "").await);
    })
    .await;
}

fn per_account(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.limits.per_account_day = 2;
}

#[tokio::test]
async fn the_per_account_limit_trips() {
    each_backend(per_account, |app| async move {
        let (_, b) = user(&app, 0).await;
        assert_sent(&try_add(&b, "+33612345678", "").await);
        // Codes left unused: the account waits 30 s, then 60 s.
        app.advance(time::Duration::minutes(1));
        assert_sent(&try_add(&b, "+32470123456", "").await);
        app.advance(time::Duration::minutes(2));
        let page = try_add(&b, "+4915112345678", "").await;
        assert_refused(&app, &page, "+4915112345678", LIMIT).await;
        assert_eq!(refusals(&app).await, ["limit per account reached"]);
        // Another account may still send to that number.
        let (_, c) = user(&app, 1).await;
        assert_sent(&try_add(&c, "+4915112345678", "").await);
    })
    .await;
}

fn per_address(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.limits.per_address_hour = 2;
}

/// Every browser of the test comes from 127.0.0.1: the third SMS from it within the hour is
/// refused, for any account and number.
#[tokio::test]
async fn the_per_address_limit_trips() {
    each_backend(per_address, |app| async move {
        for (n, number) in ["+33612345678", "+32470123456"].iter().enumerate() {
            let (_, b) = user(&app, n).await;
            assert_sent(&try_add(&b, number, "").await);
        }
        let (_, b) = user(&app, 2).await;
        let page = try_add(&b, "+4915112345678", "").await;
        assert_refused(&app, &page, "+4915112345678", LIMIT).await;
        assert_eq!(refusals(&app).await, ["limit per client address reached"]);
    })
    .await;
}

fn per_country(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.limits.per_country_hour = 2;
}

#[tokio::test]
async fn the_per_country_limit_trips() {
    each_backend(per_country, |app| async move {
        for (n, number) in ["+33612345678", "+33698765432"].iter().enumerate() {
            let (_, b) = user(&app, n).await;
            assert_sent(&try_add(&b, number, "").await);
        }
        let (_, b) = user(&app, 2).await;
        let page = try_add(&b, "+33645678901", "").await;
        assert_refused(&app, &page, "+33645678901", LIMIT).await;
        assert_eq!(refusals(&app).await, ["limit per country reached"]);
        // Belgium is another country.
        let (_, c) = user(&app, 3).await;
        assert_sent(&try_add(&c, "+32470123456", "").await);
    })
    .await;
}

fn budget(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.limits.daily_budget = 4;
}

async fn budget_events(app: &TestApp) -> usize {
    app.store
        .recent_audit(1000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.event == "sms.budget_exhausted")
        .count()
}

/// The daily budget (4 here): numbers being added may spend only half of it (then "too many"),
/// so that strangers adding numbers cannot stop sign-ins; the SMS past the budget is refused
/// as "unavailable", once audited; every later one too, whoever asks, logins included; the
/// operator's reset reopens it.
#[tokio::test]
async fn the_daily_budget_opens_the_circuit_breaker() {
    each_backend(budget, |app| async move {
        service(&app).await;
        // 1: USER adds a number; 2: USER signs in with it; 3: another account adds one.
        app.add_user(USER, Some("Sam"), "Roe").await;
        let b = app.browser();
        signed_in(&b, USER).await;
        let added = add_number(&app, &b, PHONE, PHONE, 1).await;
        assert_eq!(added.status, 303, "{}", added.body);
        let sign_in = |n: &'static str| {
            let app = app.clone();
            async move {
                let c = app.browser();
                let page = sms_step(&c, SMS_ONLY, USER).await;
                assert_eq!(page.status, 200, "sign-in {n}: {}", page.body);
                let done = answer(&c, &page, &last_code(&app, PHONE).await).await;
                assert!(
                    done.ticket().is_some(),
                    "{n}: {} {}",
                    done.status,
                    done.body
                );
            }
        };
        sign_in("2").await;
        let (_, u1) = user(&app, 1).await;
        assert_sent(&try_add(&u1, "+32470123456", "").await);
        // 4: a third number added today is past the half share: "too many", no breaker.
        let (_, u2) = user(&app, 2).await;
        let page = try_add(&u2, "+4915112345678", "").await;
        assert_refused(&app, &page, "+4915112345678", "Too many SMS").await;
        assert_eq!(budget_events(&app).await, 0);
        // 5: sign-ins still have their share.
        sign_in("5").await;
        assert_eq!(budget_events(&app).await, 0);

        // 6: past the budget: refused, audited once.
        let unavailable = "SMS cannot be sent at the moment";
        let sent = app.sms_count(PHONE).await;
        let d = app.browser();
        let login = sms_step(&d, SMS_ONLY, USER).await;
        assert!(login.status >= 400, "{}", login.body);
        assert!(login.text().contains(unavailable), "{}", login.body);
        assert!(login.ticket().is_none());
        assert_eq!(app.sms_count(PHONE).await, sent);
        assert_eq!(budget_events(&app).await, 1);
        // Later: refused for anyone.
        let (_, u3) = user(&app, 3).await;
        let page = try_add(&u3, "+33698765432", "").await;
        assert_refused(&app, &page, "+33698765432", unavailable).await;
        assert_eq!(budget_events(&app).await, 1, "said once");

        // The operator reopens it.
        limen_authn::sms::guard::reset(&app.state.authn)
            .await
            .unwrap();
        sign_in("after the reset").await;
    })
    .await;
}

/// A page with what differs by nature between two requests blanked out: the CSRF token, the
/// ceremony, the number typed (in both its forms).
fn blanked(page: &Page, number: &str, international: &str) -> String {
    let mut body = page.body.clone();
    for secret in [
        page.csrf(),
        page.input_value("ceremony").unwrap_or_default(),
    ] {
        if !secret.is_empty() {
            body = body.replace(&secret, "[…]");
        }
    }
    body.replace(international, "[number]")
        .replace(number, "[number]")
}

/// "Finalise" with `code` on a confirmation page.
async fn confirm(b: &Browser, page: &Page, code: String) -> Page {
    b.post(
        "/account/phones/confirm",
        &[
            ("csrf_token", page.csrf().as_str()),
            ("ceremony", page.input_value("ceremony").unwrap().as_str()),
            ("number", page.input_value("number").unwrap().as_str()),
            ("code", code.as_str()),
        ],
    )
    .await
}

/// Account B adds the number account A has; account C one nobody has: the same pages, both
/// sent a code, both added.
#[tokio::test]
async fn a_number_on_another_account_answers_like_any_other() {
    each_backend(sms_on, |app| async move {
        const FREE: &str = "+33612345679";
        app.add_user(USER, Some("Sam"), "Roe").await;
        let a = app.browser();
        signed_in(&a, USER).await;
        let added = add_number(&app, &a, PHONE, PHONE, 1).await;
        assert_eq!(added.status, 303, "{}", added.body);

        let (_, b) = user(&app, 1).await;
        let (_, c) = user(&app, 2).await;
        let known = try_add(&b, PHONE, "").await;
        let unknown = try_add(&c, FREE, "").await;
        assert_eq!(known.status, unknown.status);
        assert_sent(&known);
        assert_eq!(
            blanked(&known, PHONE, "+33 6 12 34 56 78"),
            blanked(&unknown, FREE, "+33 6 12 34 56 79")
        );
        assert_eq!(app.sms_count(PHONE).await, 2);
        assert_eq!(app.sms_count(FREE).await, 1);

        // A wrong code: the same answers.
        let known_wrong = confirm(&b, &known, "AAAA-AAAA".into()).await;
        let unknown_wrong = confirm(&c, &unknown, "AAAA-AAAA".into()).await;
        assert_eq!(known_wrong.status, 400, "{}", known_wrong.body);
        assert_eq!(
            blanked(&known_wrong, PHONE, "+33 6 12 34 56 78"),
            blanked(&unknown_wrong, FREE, "+33 6 12 34 56 79")
        );
        // The right codes: both numbers added, the same way.
        let known_done = confirm(
            &b,
            &known_wrong,
            last_code(&app, PHONE).await.to_lowercase(),
        )
        .await;
        let unknown_done = confirm(&c, &unknown_wrong, last_code(&app, FREE).await).await;
        assert_eq!(known_done.status, 303, "{}", known_done.body);
        assert_eq!(
            (known_done.status, known_done.location.clone()),
            (unknown_done.status, unknown_done.location.clone())
        );
        for n in [1, 2] {
            let email = format!("user{n}@example.org");
            let phones = app
                .store
                .phones_of(account_id(&app, &email).await)
                .await
                .unwrap();
            assert_eq!(phones.len(), 1, "{email}");
        }
        // A still has it.
        let phones = app
            .store
            .phones_of(account_id(&app, USER).await)
            .await
            .unwrap();
        assert_eq!(phones.len(), 1);
    })
    .await;
}

/// No SMS before the password is right: a wrong or empty password sends nothing; the right one
/// sends the code.
#[tokio::test]
async fn no_sms_before_the_password() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        let account = app.add_user(USER, Some("Sam"), "Roe").await;
        app.store
            .add_phone(account.id, PHONE, "FR", "Mine", app.clock_now())
            .await
            .unwrap()
            .expect("added");
        let path = format!("/cas/login?service={}", encode(SMS_ONLY));
        for password in ["wrong-password", ""] {
            let b = app.browser();
            let methods = b.password_page_at(&path, USER).await;
            assert!(
                methods.contains("value=\"PASSWORD_SMS\""),
                "{}",
                methods.body
            );
            let page = b
                .post(
                    &methods.form_action(),
                    &[
                        ("csrf_token", methods.csrf().as_str()),
                        ("step", "password"),
                        ("method", "PASSWORD_SMS"),
                        ("email", USER),
                        ("password", password),
                    ],
                )
                .await;
            assert!(page.status >= 400, "{password:?}: {}", page.body);
            assert!(!page.contains("id=\"code-form\""), "{}", page.body);
            assert_eq!(app.sms_count(PHONE).await, 0, "{password:?}");
        }
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(app.sms_count(PHONE).await, 1);
    })
    .await;
}
