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

/// A second FR mobile number, and one of Belgium.
pub(crate) const PHONE2: &str = "+33612345679";
const OTHER_USER: &str = "ana@example.org";

/// The code of the newest SMS queued to `e164` (waiting until it is sent).
pub(crate) async fn last_code(app: &TestApp, e164: &str) -> String {
    let n = app.sms_count(e164).await;
    assert!(n > 0, "no SMS to {e164}");
    app.sms_code(e164, n).await
}

/// A browser signed in with the password alone.
pub(crate) async fn signed_in(b: &Browser, email: &str) {
    let done = b
        .login_at("/cas/login?next=%2Faccount", email, PASSWORD)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
}

/// A new user, signed in with the password, who added `e164` (typed as is) with its code.
pub(crate) async fn user_with_number(app: &TestApp, email: &str, e164: &str) -> Browser {
    app.add_user(email, Some("Sam"), "Roe").await;
    let b = app.browser();
    signed_in(&b, email).await;
    let nth = app.sms_count(e164).await + 1;
    let added = add_number(app, &b, e164, e164, nth).await;
    assert_eq!(added.status, 303, "{}", added.body);
    // The store keeps whole seconds: the next code is newer than this one.
    app.advance(time::Duration::seconds(1));
    b
}

/// The login page at `path` and the page its e-mail step answers, whatever its status (a page
/// with no method to offer answers 403).
pub(crate) async fn methods_page(b: &Browser, path: &str, email: &str) -> (Page, Page) {
    let first = b.get(path).await;
    assert_eq!(first.status, 200, "login page: {}", first.body);
    let methods = b
        .post(
            &first.form_action(),
            &[
                ("csrf_token", first.csrf().as_str()),
                ("step", "email"),
                ("email", email),
            ],
        )
        .await;
    (first, methods)
}

/// What the login page for the SMS-only service offers `email` now.
async fn sms_only_page(app: &TestApp, email: &str) -> Page {
    let path = format!("/cas/login?service={}", encode(SMS_ONLY));
    methods_page(&app.browser(), &path, email).await.1
}

/// The action of the form whose id is `id`, HTML-unescaped.
pub(crate) fn action_of(page: &Page, id: &str) -> String {
    let marker = format!("\" id=\"{id}\"");
    let end = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("#{id} in {}", page.body));
    let start = page.body[..end].rfind("action=\"").expect("an action") + "action=\"".len();
    page.body[start..end]
        .replace("&amp;", "&")
        .replace("&#38;", "&")
        .replace("&#x2f;", "/")
        .replace("&#x3d;", "=")
}

/// "Send a new code" on a code page.
pub(crate) async fn resend(b: &Browser, page: &Page) -> Page {
    b.post(
        &action_of(page, "code-resend-form"),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("ceremony", page.input_value("ceremony").unwrap().as_str()),
        ],
    )
    .await
}

/// The devices of a choice page: (id, the button's text without tags).
fn choices(page: &Page) -> Vec<(String, String)> {
    let text = page.text();
    text.split("name=\"device\" value=\"")
        .skip(1)
        .map(|part| {
            let id = part[..part.find('"').unwrap()].to_owned();
            let inner = &part[part.find('>').unwrap() + 1..part.find("</button>").unwrap()];
            let mut shown = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => shown.push(c),
                    _ => {}
                }
            }
            (id, shown.trim().to_owned())
        })
        .collect()
}

/// The step-up My account asks for before changing factors when the account has one: the
/// login page it redirects to, SMS chosen there (the password is known), the code answered;
/// back at `path`.
pub(crate) async fn step_up_with_sms(app: &TestApp, b: &Browser, asked: &Page, e164: &str) {
    assert_eq!(asked.status, 303, "{}", asked.body);
    let login = asked.location.clone().expect("to the login page");
    assert!(
        login.starts_with("/cas/login?next=") && login.contains("authenticationLevel=MEDIUM"),
        "{login}"
    );
    let methods = b.get(&login).await;
    assert_eq!(methods.status, 200, "{}", methods.body);
    assert!(
        methods.contains("value=\"PASSWORD_SMS\""),
        "{}",
        methods.body
    );
    let before = app.sms_count(e164).await;
    let code_page = b
        .post(
            &methods.form_action(),
            &[
                ("csrf_token", methods.csrf().as_str()),
                ("step", "method"),
                ("method", "PASSWORD_SMS"),
                ("email", USER),
            ],
        )
        .await;
    assert_eq!(code_page.status, 200, "{}", code_page.body);
    assert_eq!(app.sms_count(e164).await, before + 1);
    let code = last_code(app, e164).await;
    let done = answer(b, &code_page, &code).await;
    assert_eq!(done.status, 303, "{}", done.body);
}

/// A second number for `USER`, whose session `b` proved the password: adding it needs the
/// first number (the account has a MEDIUM factor now).
async fn add_second_number(app: &TestApp, b: &Browser, first: &str, second: &str) {
    let asked = b.get("/account/phones/add").await;
    step_up_with_sms(app, b, &asked, first).await;
    let added = add_number(app, b, second, second, app.sms_count(second).await + 1).await;
    assert_eq!(added.status, 303, "{}", added.body);
    app.advance(time::Duration::seconds(1));
}

/// Two numbers: the login asks which (both masked, only the country code and the last four
/// digits shown), and the code goes to the one clicked, not the other.
#[tokio::test]
async fn with_two_numbers_the_user_clicks_one_shown_masked() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        let b = user_with_number(&app, USER, PHONE).await;
        add_second_number(&app, &b, PHONE, PHONE2).await;
        let list = b.get("/account/phones").await;
        assert!(list.contains("+33 6 12 34 56 79"), "{}", list.body);

        let c = app.browser();
        let (first, second) = (app.sms_count(PHONE).await, app.sms_count(PHONE2).await);
        let choose = sms_step(&c, SMS_ONLY, USER).await;
        assert_eq!(choose.status, 200, "{}", choose.body);
        assert!(choose.text().contains("click the one"), "{}", choose.body);
        let devices = choices(&choose);
        assert_eq!(devices.len(), 2, "{}", choose.body);
        assert_eq!(
            (app.sms_count(PHONE).await, app.sms_count(PHONE2).await),
            (first, second),
            "nothing sent before the choice"
        );
        let second_id = devices
            .iter()
            .find(|(_, shown)| shown.contains("56 79"))
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("{devices:?}"));
        let code_page = c
            .post(
                &choose.form_action(),
                &[
                    ("csrf_token", choose.csrf().as_str()),
                    ("ceremony", choose.input_value("ceremony").unwrap().as_str()),
                    ("device", second_id.as_str()),
                ],
            )
            .await;
        assert_eq!(code_page.status, 200, "{}", code_page.body);
        assert!(
            code_page.contains("+33 • •• •• 56 79"),
            "{}",
            code_page.body
        );
        assert_eq!(app.sms_count(PHONE).await, first, "not to the other number");
        assert_eq!(app.sms_count(PHONE2).await, second + 1);
        let code = last_code(&app, PHONE2).await;
        let done = answer(&c, &code_page, &code).await;
        let ticket = done
            .ticket()
            .unwrap_or_else(|| panic!("{} {}", done.status, done.body));
        let v = app.cas_validate("laxValidate", SMS_ONLY, &ticket, "").await;
        assert!(
            v.contains(&format!(">{PHONE2}</cas:mobilePhoneNumber>")),
            "{v}"
        );
    })
    .await;
}

/// The choice page with the numbers' default names (none typed): still never a full number.
#[tokio::test]
async fn the_choice_never_shows_a_full_number() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        let b = user_with_number(&app, USER, PHONE).await;
        add_second_number(&app, &b, PHONE, PHONE2).await;
        let c = app.browser();
        let choose = sms_step(&c, SMS_ONLY, USER).await;
        assert_eq!(choose.status, 200, "{}", choose.body);
        let devices = choices(&choose);
        assert_eq!(devices.len(), 2, "{}", choose.body);
        let text = choose.text();
        for full in [
            "+33 6 12 34 56 78",
            "+33 6 12 34 56 79",
            "612345678",
            "612345679",
        ] {
            assert!(!text.contains(full), "{full} shown: {devices:?}");
        }
        for masked in ["+33 • •• •• 56 78", "+33 • •• •• 56 79"] {
            assert!(
                devices.iter().any(|(_, shown)| shown.contains(masked)),
                "{masked} not in {devices:?}"
            );
        }
    })
    .await;
}

/// Step-up: a session signed in with the password alone, then a PASSWORD_SMS service: only
/// the SMS step, no password asked; the ticket says PASSWORD_SMS.
#[tokio::test]
async fn a_password_session_steps_up_with_sms_alone() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        let b = user_with_number(&app, USER, PHONE).await;
        let page = b
            .get(&format!("/cas/login?service={}", encode(SMS_ONLY)))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("value=\"PASSWORD_SMS\""), "{}", page.body);
        assert!(
            !page.contains("type=\"password\""),
            "no password asked: {}",
            page.body
        );
        let before = app.sms_count(PHONE).await;
        let code_page = b
            .post(
                &page.form_action(),
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_SMS"),
                    ("email", USER),
                ],
            )
            .await;
        assert_eq!(code_page.status, 200, "{}", code_page.body);
        assert!(code_page.contains("id=\"code-form\""), "{}", code_page.body);
        assert_eq!(app.sms_count(PHONE).await, before + 1);
        let code = last_code(&app, PHONE).await;
        let done = answer(&b, &code_page, &code).await;
        let ticket = done
            .ticket()
            .unwrap_or_else(|| panic!("{} {}", done.status, done.body));
        let v = app.cas_validate("laxValidate", SMS_ONLY, &ticket, "").await;
        assert!(v.contains("<cas:strength>PASSWORD_SMS<"), "{v}");
    })
    .await;
}

/// SMS on, with room for many SMS to one number (the limits have their own tests).
fn sms_roomy(c: &mut limen_web::WebConfig) {
    sms_on(c);
    let l = &mut c.sms.engine.limits;
    l.per_number_hour = 100;
    l.per_number_day = 100;
    l.per_account_day = 100;
    l.per_address_hour = 100;
}

/// Wrong codes keep the code (no new SMS) and end the login at the fifth; the code is typed
/// in lower case, without hyphens or with spaces; one login's code does not open another, and
/// a code is used once.
#[tokio::test]
async fn wrong_codes_entry_forms_and_codes_bound_to_their_login() {
    each_backend(sms_roomy, |app| async move {
        service(&app).await;
        drop(user_with_number(&app, USER, PHONE).await);

        // Five wrong answers: the same code each time, then the login is over.
        let b = app.browser();
        let mut page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let sent = app.sms_count(PHONE).await;
        let code = last_code(&app, PHONE).await;
        for i in 1..=4 {
            page = answer(&b, &page, "AAA-AAA-AAA").await;
            assert_eq!(page.status, 401, "wrong answer {i}: {}", page.body);
            assert!(page.contains("id=\"code-error\""), "{}", page.body);
            assert!(page.text().contains("not the one we sent"), "{}", page.body);
        }
        assert_eq!(
            app.sms_count(PHONE).await,
            sent,
            "no new SMS for wrong codes"
        );
        let last = answer(&b, &page, "AAA-AAA-AAA").await;
        assert_eq!(last.status, 401, "{}", last.body);
        assert!(
            !last.contains("id=\"code-form\""),
            "the login ends: {}",
            last.body
        );
        // The right code, on the last page that had a form: refused.
        let late = answer(&b, &page, &code).await;
        assert!(late.ticket().is_none(), "{} {}", late.status, late.body);
        assert_eq!(late.status, 400, "{}", late.body);
        assert_eq!(app.sms_count(PHONE).await, sent);

        // The code as people type it. (The unused code above makes the next wait 30 s.)
        app.advance(time::Duration::seconds(31));
        let forms: [fn(&str) -> String; 3] = [
            |c| c.to_lowercase(),
            |c| c.replace('-', ""),
            |c| format!(" {} ", c.replace('-', " ")),
        ];
        for typed in forms {
            let b = app.browser();
            let page = sms_step(&b, SMS_ONLY, USER).await;
            assert_eq!(page.status, 200, "{}", page.body);
            let code = last_code(&app, PHONE).await;
            let done = answer(&b, &page, &typed(&code)).await;
            assert!(
                done.ticket().is_some(),
                "{:?} refused: {} {}",
                typed(&code),
                done.status,
                done.body
            );
        }

        // Two logins at once: each one's code is its own.
        let x = app.browser();
        let x_page = sms_step(&x, SMS_ONLY, USER).await;
        let x_code = last_code(&app, PHONE).await;
        // Every code left unused today doubles the wait (X's and the earlier ones): well
        // within X's code's five minutes.
        app.advance(time::Duration::seconds(240));
        let y = app.browser();
        let y_page = sms_step(&y, SMS_ONLY, USER).await;
        assert_eq!(y_page.status, 200, "{}", y_page.body);
        let y_code = last_code(&app, PHONE).await;
        assert_ne!(x_code, y_code);
        let crossed = answer(&y, &y_page, &x_code).await;
        assert_eq!(crossed.status, 401, "{}", crossed.body);
        assert!(crossed.ticket().is_none());
        let done = answer(&y, &crossed, &y_code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
        // Y's code, used, in X's login: refused; then X's own code works.
        let reused = answer(&x, &x_page, &y_code).await;
        assert_eq!(reused.status, 401, "{}", reused.body);
        assert!(reused.ticket().is_none());
        // The page Y answered cannot be answered again with its code.
        let replay = answer(&y, &crossed, &y_code).await;
        assert!(
            replay.ticket().is_none(),
            "{} {}",
            replay.status,
            replay.body
        );
        let done = answer(&x, &reused, &x_code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
    })
    .await;
}

fn sms_short_codes(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.sms.engine.code_ttl = time::Duration::minutes(2);
}

/// A code past its lifetime is refused as expired; "send a new code" sends another SMS whose
/// code works.
#[tokio::test]
async fn an_expired_code_is_refused_and_a_new_one_works() {
    each_backend(sms_short_codes, |app| async move {
        service(&app).await;
        drop(user_with_number(&app, USER, PHONE).await);
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let old = last_code(&app, PHONE).await;
        app.advance(time::Duration::minutes(2) + time::Duration::seconds(1));
        let expired = answer(&b, &page, &old).await;
        assert_eq!(expired.status, 401, "{}", expired.body);
        assert!(
            expired.text().contains("This code has expired"),
            "{}",
            expired.body
        );
        assert!(
            expired.contains("id=\"code-resend-form\""),
            "{}",
            expired.body
        );
        let sent = app.sms_count(PHONE).await;
        let fresh = resend(&b, &expired).await;
        assert_eq!(fresh.status, 200, "{}", fresh.body);
        assert!(!fresh.contains("id=\"code-error\""), "{}", fresh.body);
        assert_eq!(app.sms_count(PHONE).await, sent + 1);
        let code = last_code(&app, PHONE).await;
        assert_ne!(code, old);
        // The old code does not come back to life.
        let stale = answer(&b, &fresh, &old).await;
        assert_eq!(stale.status, 401, "{}", stale.body);
        let done = answer(&b, &stale, &code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
    })
    .await;
}

/// "Send a new code" at once: refused with the wait message, nothing sent; after
/// `resend_after` it works; the next wait is twice as long.
#[tokio::test]
async fn resend_waits_and_the_wait_doubles() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        drop(user_with_number(&app, USER, PHONE).await);
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let sent = app.sms_count(PHONE).await;
        let wait = resend(&b, &page).await;
        assert_eq!(wait.status, 401, "{}", wait.body);
        assert!(wait.text().contains("Wait a little"), "{}", wait.body);
        assert_eq!(app.sms_count(PHONE).await, sent, "nothing sent");
        // resend_after is 30 s by default.
        app.advance(time::Duration::seconds(31));
        let second = resend(&b, &wait).await;
        assert_eq!(second.status, 200, "{}", second.body);
        assert_eq!(app.sms_count(PHONE).await, sent + 1);
        // Two codes unused: 60 s now. At 31 s, still refused.
        app.advance(time::Duration::seconds(31));
        let again = resend(&b, &second).await;
        assert_eq!(again.status, 401, "{}", again.body);
        assert!(again.text().contains("Wait a little"), "{}", again.body);
        assert_eq!(app.sms_count(PHONE).await, sent + 1);
        app.advance(time::Duration::seconds(30));
        let third = resend(&b, &again).await;
        assert_eq!(third.status, 200, "{}", third.body);
        assert_eq!(app.sms_count(PHONE).await, sent + 2);
        let code = last_code(&app, PHONE).await;
        let done = answer(&b, &third, &code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
    })
    .await;
}

/// Ten wrong answers across logins within 15 minutes lock the account's SMS step: even the
/// right code is refused, a new login sends nothing; 15 minutes later it works again.
#[tokio::test]
async fn ten_wrong_answers_lock_the_sms_step() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        drop(user_with_number(&app, USER, PHONE).await);
        // Login 1: five wrong answers (the login ends).
        let b1 = app.browser();
        let mut page = sms_step(&b1, SMS_ONLY, USER).await;
        for _ in 0..5 {
            page = answer(&b1, &page, "AAA-AAA-AAA").await;
            assert_eq!(page.status, 401, "{}", page.body);
        }
        // Login 2: four wrong answers, its page left open with the right code known.
        app.advance(time::Duration::seconds(31));
        let b2 = app.browser();
        let mut open = sms_step(&b2, SMS_ONLY, USER).await;
        assert_eq!(open.status, 200, "{}", open.body);
        let right = last_code(&app, PHONE).await;
        for _ in 0..4 {
            open = answer(&b2, &open, "AAA-AAA-AAA").await;
            assert_eq!(open.status, 401, "{}", open.body);
        }
        // Login 3: the tenth wrong answer.
        app.advance(time::Duration::seconds(61));
        let b3 = app.browser();
        let third = sms_step(&b3, SMS_ONLY, USER).await;
        assert_eq!(third.status, 200, "{}", third.body);
        let tenth = answer(&b3, &third, "AAA-AAA-AAA").await;
        assert_eq!(tenth.status, 401, "{}", tenth.body);
        // The right code of login 2 (one attempt left on it): refused while locked.
        let locked = answer(&b2, &open, &right).await;
        assert!(
            locked.ticket().is_none(),
            "{} {}",
            locked.status,
            locked.body
        );
        assert_eq!(locked.status, 429, "{}", locked.body);
        assert!(
            locked.text().contains("Too many wrong answers"),
            "{}",
            locked.body
        );
        // A new login: refused after the password, no SMS.
        app.advance(time::Duration::minutes(2));
        let sent = app.sms_count(PHONE).await;
        let b4 = app.browser();
        let refused = sms_step(&b4, SMS_ONLY, USER).await;
        assert_eq!(refused.status, 429, "{}", refused.body);
        assert!(
            refused.text().contains("Too many wrong answers"),
            "{}",
            refused.body
        );
        assert_eq!(app.sms_count(PHONE).await, sent);
        // After the window: a code again, and it works.
        app.advance(time::Duration::minutes(15));
        let b5 = app.browser();
        let page = sms_step(&b5, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let code = last_code(&app, PHONE).await;
        let done = answer(&b5, &page, &code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
    })
    .await;
}

/// Removing a number needs the step-up (the account has a factor); then it is no longer
/// offered, a code sent to it before no longer signs in, and the holder gets e-mails for the
/// addition and the removal.
#[tokio::test]
async fn removing_a_number_needs_step_up_and_ends_its_codes() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        let b = user_with_number(&app, USER, PHONE).await;
        let added = app.mail_to(USER, 1).await;
        assert!(
            added[0].text().contains("was added to your account"),
            "{}",
            added[0].text()
        );
        assert!(
            added[0].text().contains("+33 • •• •• 56 78"),
            "{}",
            added[0].text()
        );

        // A login waits on its code page.
        let c = app.browser();
        let pending = sms_step(&c, SMS_ONLY, USER).await;
        assert_eq!(pending.status, 200, "{}", pending.body);
        let pending_code = last_code(&app, PHONE).await;

        let list = b.get("/account/phones").await;
        let id = list
            .body
            .split("class=\"phone\" data-id=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the number's row")
            .to_owned();
        // Password session alone: the step-up first, nothing removed.
        let asked = remove(&b, &list, &id).await;
        assert_eq!(
            app.store
                .phones_of(account_id(&app, USER).await)
                .await
                .unwrap()
                .len(),
            1
        );
        app.advance(time::Duration::seconds(31));
        step_up_with_sms(&app, &b, &asked, PHONE).await;
        let list = b.get("/account/phones").await;
        let removed = remove(&b, &list, &id).await;
        assert_eq!(removed.status, 303, "{}", removed.body);
        let list = b.get("/account/phones?removed=1").await;
        assert!(list.contains("id=\"no-phones\""), "{}", list.body);
        assert!(!list.contains("+33 6 12 34 56 78"), "{}", list.body);
        let mails = app.mail_to(USER, 2).await;
        assert!(
            mails
                .iter()
                .any(|m| m.text().contains("was removed from your account")),
            "{:?}",
            mails.iter().map(|m| m.text()).collect::<Vec<_>>()
        );

        // The code sent before the removal: refused.
        let late = answer(&c, &pending, &pending_code).await;
        assert!(late.ticket().is_none(), "{} {}", late.status, late.body);
        assert_eq!(late.status, 401, "{}", late.body);
        assert!(
            late.text().contains("no longer registered"),
            "{}",
            late.body
        );
        // No longer offered.
        let methods = sms_only_page(&app, USER).await;
        assert_eq!(methods.status, 403, "{}", methods.body);
        assert!(
            !methods.contains("value=\"PASSWORD_SMS\""),
            "{}",
            methods.body
        );
    })
    .await;
}

/// "Remove" on My account's list of numbers.
async fn remove(b: &Browser, list: &Page, id: &str) -> Page {
    b.post(
        "/account/phones/remove",
        &[("csrf_token", list.csrf().as_str()), ("id", id)],
    )
    .await
}

pub(crate) async fn account_id(app: &TestApp, email: &str) -> i64 {
    app.store
        .account_by_email(&limen_core::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// PANIC (the password, then the link mailed to the account) removes every number.
#[tokio::test]
async fn panic_removes_every_number() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        let b = user_with_number(&app, USER, PHONE).await;
        add_second_number(&app, &b, PHONE, PHONE2).await;
        let id = account_id(&app, USER).await;
        assert_eq!(app.store.phones_of(id).await.unwrap().len(), 2);
        let mails_before = app.mail_to(USER, 2).await.len();

        let form = b.get("/account/methods/panic").await;
        assert_eq!(form.status, 200, "{}", form.body);
        let asked = b
            .post(
                "/account/methods/panic",
                &[
                    ("csrf_token", form.csrf().as_str()),
                    ("password", PASSWORD),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert!(asked.contains("id=\"panic-sent\""), "{}", asked.body);
        assert_eq!(app.store.phones_of(id).await.unwrap().len(), 2);
        let mails = app.mail_to(USER, mails_before + 1).await;
        let link = mails
            .iter()
            .find_map(|m| {
                m.links()
                    .into_iter()
                    .find(|l| l.contains("/account/methods/panic/confirm?token="))
            })
            .expect("the PANIC link");
        let confirm = b.get(link.strip_prefix(&app.base).unwrap()).await;
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        let done = b
            .post(
                "/account/methods/panic/confirm",
                &[
                    ("csrf_token", confirm.csrf().as_str()),
                    ("token", confirm.input_value("token").unwrap().as_str()),
                ],
            )
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains("id=\"panic-done\""), "{}", done.body);
        assert!(done.contains("<li>+33 • •• •• 56 78</li>"), "{}", done.body);
        assert!(done.contains("<li>+33 • •• •• 56 79</li>"), "{}", done.body);
        assert!(app.store.phones_of(id).await.unwrap().is_empty());
        let methods = sms_only_page(&app, USER).await;
        assert_eq!(methods.status, 403, "{}", methods.body);
        assert!(
            !methods.contains("value=\"PASSWORD_SMS\""),
            "{}",
            methods.body
        );
    })
    .await;
}

/// SMS on, retired tomorrow (the clock starts today).
fn sms_retiring(c: &mut limen_web::WebConfig) {
    c.methods.set(
        Method::Sms,
        MethodRule {
            enabled: true,
            retire_on: Some(time::OffsetDateTime::now_utc().date() + time::Duration::days(1)),
            ..MethodRule::default()
        },
    );
}

/// Before the retirement date SMS works; past it (the injected clock moved) it is offered
/// nowhere, the login page tells the user to register another method, My account says it is
/// retired, and a login started before cannot finish.
#[tokio::test]
async fn past_its_retirement_date_sms_disappears() {
    each_backend(sms_retiring, |app| async move {
        service(&app).await;
        drop(user_with_number(&app, USER, PHONE).await);
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        let code = last_code(&app, PHONE).await;
        let done = answer(&b, &page, &code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
        // A login left on its code page across the date.
        let c = app.browser();
        let pending = sms_step(&c, SMS_ONLY, USER).await;
        assert_eq!(pending.status, 200, "{}", pending.body);
        let pending_code = last_code(&app, PHONE).await;

        app.advance(time::Duration::days(2));
        // (Its code and transaction have expired too: this only shows nothing lets it in.)
        let late = answer(&c, &pending, &pending_code).await;
        assert!(late.ticket().is_none(), "{} {}", late.status, late.body);

        let methods = sms_only_page(&app, USER).await;
        assert_eq!(methods.status, 403, "{}", methods.body);
        assert!(
            !methods.contains("value=\"PASSWORD_SMS\""),
            "{}",
            methods.body
        );
        assert!(methods.contains("retired-notice"), "{}", methods.body);
        let text = methods.text();
        assert!(text.contains("was retired on"), "{text}");
        assert!(
            text.contains("Register another verification method"),
            "{text}"
        );
        // The plain login page too.
        let e = app.browser();
        let plain = e.password_page_at("/cas/login", USER).await;
        assert!(!plain.contains("value=\"PASSWORD_SMS\""), "{}", plain.body);
        assert!(plain.text().contains("was retired on"), "{}", plain.body);

        signed_in(&e, USER).await;
        let phones = e.get("/account/phones").await;
        assert_eq!(phones.status, 200, "{}", phones.body);
        assert!(
            phones.contains("id=\"phones-unavailable\""),
            "{}",
            phones.body
        );
        assert!(
            phones.text().contains("has been retired"),
            "{}",
            phones.body
        );
        assert!(!phones.contains("id=\"phone-add\""), "{}", phones.body);
        let add = e.get("/account/phones/add").await;
        assert_eq!(add.status, 403, "{}", add.body);
    })
    .await;
}

/// With the default configuration SMS is off: not offered at login, and numbers cannot be
/// added.
#[tokio::test]
async fn sms_is_off_by_default() {
    each_backend(limen_testkit::defaults, |app| async move {
        service(&app).await;
        let account = app.add_user(USER, Some("Sam"), "Roe").await;
        // Even a number put in the store directly is not offered.
        app.store
            .add_phone(account.id, PHONE, "FR", "Mine", app.clock_now())
            .await
            .unwrap()
            .expect("added");
        let b = app.browser();
        let path = format!("/cas/login?service={}", encode(SMS_ONLY));
        let (first, methods) = methods_page(&b, &path, USER).await;
        assert_eq!(methods.status, 403, "{}", methods.body);
        assert!(
            !methods.contains("value=\"PASSWORD_SMS\""),
            "{}",
            methods.body
        );
        // The form posted anyway: refused, nothing sent.
        let forced = b
            .post(
                &first.form_action(),
                &[
                    ("csrf_token", first.csrf().as_str()),
                    ("step", "password"),
                    ("method", "PASSWORD_SMS"),
                    ("email", USER),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert!(forced.status >= 400, "{}", forced.body);
        assert!(forced.ticket().is_none());
        assert_eq!(app.sms_count(PHONE).await, 0);

        let c = app.browser();
        signed_in(&c, USER).await;
        let phones = c.get("/account/phones").await;
        assert!(
            phones.contains("id=\"phones-unavailable\""),
            "{}",
            phones.body
        );
        let add = c.get("/account/phones/add").await;
        assert_eq!(add.status, 403, "{}", add.body);
        assert!(add.contains("id=\"phones-error\""), "{}", add.body);
        let posted = c
            .post(
                "/account/phones/add",
                &[
                    ("csrf_token", phones.csrf().as_str()),
                    ("number", PHONE2),
                    ("label", ""),
                ],
            )
            .await;
        assert_eq!(posted.status, 403, "{}", posted.body);
        assert!(posted.contains("id=\"phones-error\""), "{}", posted.body);
        assert_eq!(app.sms_count(PHONE2).await, 0);
    })
    .await;
}

/// The texts, in the account's language: the code first, the service's name, never share.
#[tokio::test]
async fn sms_texts_in_english_and_french() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        drop(user_with_number(&app, USER, PHONE).await);
        let add = &app.sms_to(PHONE, 1).await[0];
        assert!(add.contains("to add this number"), "{add}");
        assert!(add.contains("Never share it"), "{add}");
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let login = &app.sms_to(PHONE, 2).await[1];
        assert!(login.contains("to sign in to SMS only"), "{login}");
        assert!(login.contains("Never share it"), "{login}");

        let ana = app.add_user(OTHER_USER, Some("Ana"), "Roe").await;
        app.store
            .update_profile(
                ana.id,
                ana.first_name.as_ref(),
                &ana.last_name,
                "fr",
                Some("fr"),
                app.clock_now(),
            )
            .await
            .unwrap();
        let c = app.browser();
        signed_in(&c, OTHER_USER).await;
        let added = add_number(&app, &c, PHONE2, PHONE2, 1).await;
        assert_eq!(added.status, 303, "{}", added.body);
        let fr_add = &app.sms_to(PHONE2, 1).await[0];
        assert!(fr_add.contains("pour ajouter ce numéro"), "{fr_add}");
        assert!(fr_add.contains("Ne le communiquez jamais"), "{fr_add}");
        let d = app.browser();
        let page = sms_step(&d, SMS_ONLY, OTHER_USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let fr_login = &app.sms_to(PHONE2, 2).await[1];
        assert!(
            fr_login.contains("votre code Limen pour SMS only"),
            "{fr_login}"
        );
        assert!(fr_login.contains("Ne le communiquez jamais"), "{fr_login}");
    })
    .await;
}

/// OpenID Connect: a login with SMS gives an ID token whose `amr` names it.
#[tokio::test]
async fn oidc_amr_names_sms() {
    use crate::oidc::{CB, authorize_path, exchange, verify};
    each_backend(sms_on, |app| async move {
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        drop(user_with_number(&app, USER, PHONE).await);
        let b = app.browser();
        let first = b
            .get(&authorize_path("rp", &[("acr_values", "PASSWORD_SMS")]))
            .await;
        assert_eq!(first.status, 303, "{}", first.body);
        let next = first.location.clone().expect("to the login page");
        assert!(next.starts_with("/cas/login?oidc="), "{next}");
        let methods = b.password_page_at(&next, USER).await;
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
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        let code = last_code(&app, PHONE).await;
        let done = answer(&b, &page, &code).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let location = done.location.clone().unwrap();
        assert!(location.starts_with(CB), "{location}");
        let url = url::Url::parse(&location).unwrap();
        let auth_code = url
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("a code");
        let (status, body) = exchange(&app, ("rp", &secret), &auth_code, None).await;
        assert_eq!(status, 200, "{body}");
        let claims = verify(&app, body["id_token"].as_str().unwrap(), "rp")
            .await
            .unwrap();
        let amr: Vec<&str> = claims["amr"]
            .as_array()
            .expect("amr")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert!(amr.contains(&"sms"), "{amr:?}");
        assert!(amr.contains(&"pwd"), "{amr:?}");
    })
    .await;
}

/// A user without a number, at a PASSWORD_SMS service: the page links to where numbers are
/// added, through the password sign-in.
#[tokio::test]
async fn the_register_link_leads_to_the_phones_page() {
    each_backend(sms_on, |app| async move {
        service(&app).await;
        app.add_user(USER, Some("Sam"), "Roe").await;
        let methods = sms_only_page(&app, USER).await;
        assert_eq!(methods.status, 403, "{}", methods.body);
        let marker = "<a href=\"/cas/login?next=";
        let start = methods.body.find(marker).expect("a register link") + "<a href=\"".len();
        let end = methods.body[start..].find('"').unwrap() + start;
        let link = methods.body[start..end]
            .replace("&#38;", "&")
            .replace("&amp;", "&");
        let b = app.browser();
        let done = b.login_at(&link, USER, PASSWORD).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let next = done.location.clone().expect("to the page");
        let page = b.get(&next).await;
        assert_eq!(page.status, 200, "{next}: {}", page.body);
        assert!(page.contains("id=\"phone-add\""), "{next}: {}", page.body);
    })
    .await;
}

/// The backoff counts the account's unused codes, newest first. A code used and a code sent in
/// the same second (the store keeps whole seconds, and the clock here stands still) must not
/// hide the unused one: "send a new code" at once is refused for every account.
#[tokio::test]
async fn the_backoff_holds_for_codes_of_the_same_second() {
    each_backend(sms_roomy, |app| async move {
        service(&app).await;
        let mut not_waiting = Vec::new();
        for n in 0..8 {
            let email = format!("user{n}@example.org");
            app.add_user(&email, Some("Sam"), "Roe").await;
            let b = app.browser();
            signed_in(&b, &email).await;
            let number = format!("+3361234560{n}");
            let added = add_number(&app, &b, &number, &number, 1).await;
            assert_eq!(added.status, 303, "{}", added.body);
            let c = app.browser();
            let page = sms_step(&c, SMS_ONLY, &email).await;
            assert_eq!(page.status, 200, "{}", page.body);
            let again = resend(&c, &page).await;
            if again.status != 401 || app.sms_count(&number).await != 2 {
                not_waiting.push(number);
            }
        }
        assert!(
            not_waiting.is_empty(),
            "{:?}: resent at once to {not_waiting:?}",
            app.backend()
        );
    })
    .await;
}
