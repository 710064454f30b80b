//! Self-registration (seed 003) over a real SMTP conversation: the form and its per-field
//! errors, the CAPTCHA and its accessible alternative, the e-mail and its single-use link, the
//! password page, and landing on the service with a ticket that validates. No enumeration, rate
//! limits, and a mail server outage that loses nothing.

use limen_core::AccountStatus;
use limen_testkit::*;
use sha2::{Digest, Sha256};
use time::Duration;

pub const APP: &str = "http://127.0.0.1:9/app/";
pub const NEW_PASSWORD: &str = "Tr0mbone-Lantern-Quietly";
const SENT: &str = "Check your mailbox";

/// The registration form's fields, with `overrides` replacing the defaults.
pub fn fields(email: &str, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("first_name", "Jane"),
        ("last_name", "Doe"),
        ("email", email),
        ("email_confirm", email),
        ("email_lang", "en"),
        ("privacy", "accepted"),
        ("action", "register"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (k, v) in overrides {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(entry) => entry.1 = (*v).to_owned(),
            None => f.push(((*k).to_owned(), (*v).to_owned())),
        }
    }
    f
}

/// Opens the registration form (for `service`, if any) and sends it with the right CAPTCHA code.
pub async fn register(
    app: &TestApp,
    b: &Browser,
    service: Option<&str>,
    form: Vec<(String, String)>,
) -> Page {
    let path = match service {
        Some(s) => format!("/cas/register?service={}", encode(s)),
        None => "/cas/register".to_owned(),
    };
    let page = b.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    submit(app, b, &page, form, true).await
}

/// Sends the form on `page`; `right_code` answers the CAPTCHA image correctly (unless the form
/// already carries an answer).
pub async fn submit(
    app: &TestApp,
    b: &Browser,
    page: &Page,
    mut form: Vec<(String, String)>,
    right_code: bool,
) -> Page {
    let id = page.input_value("captcha_id").expect("CAPTCHA id");
    let pow = page.input_value("pow_challenge").expect("puzzle");
    if !form.iter().any(|(k, _)| k == "captcha_answer") {
        let answer = if right_code {
            app.captcha_answer(page).await
        } else {
            "WRONG1".to_owned()
        };
        form.push(("captcha_answer".into(), answer));
    }
    form.push(("captcha_id".into(), id));
    form.push(("pow_challenge".into(), pow));
    form.push(("csrf_token".into(), page.csrf()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.post(&page.form_action(), &pairs).await
}

/// The path and query of a link in an e-mail (the test browser talks to the same server).
pub fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).expect("link is a URL");
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// Sets a password on the form a link leads to.
pub async fn set_password(b: &Browser, link: &str, password: &str, confirm: &str) -> Page {
    let form = b.get(&path_of(link)).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let key = form.input_value("key").expect("key");
    b.post(
        "/cas/password/new",
        &[
            ("csrf_token", &form.csrf()),
            ("key", &key),
            ("new_password", password),
            ("confirm_password", confirm),
        ],
    )
    .await
}

async fn validate(app: &TestApp, ticket: &str) -> String {
    reqwest::get(format!(
        "{}/cas/p3/serviceValidate?service={}&ticket={}",
        app.base,
        encode(APP),
        encode(ticket)
    ))
    .await
    .expect("validate")
    .text()
    .await
    .expect("body")
}

#[tokio::test]
async fn a_new_user_registers_receives_the_mail_over_smtp_and_lands_on_the_service() {
    each_backend(defaults, |app| async move {
        app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
            .await;
        let b = app.browser();
        // The login page links to the form, carrying the service.
        let login = b.get(&format!("/cas/login?service={}", encode(APP))).await;
        let href = format!("/cas/register?service={}", encode(APP));
        assert!(login.text().contains(&href), "{}", login.body);
        assert!(login.contains("Create an account"));

        let done = register(&app, &b, Some(APP), fields("new.user@example.org", &[])).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains(SENT));
        assert!(done.text().contains("new.user@example.org"));
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse("new.user@example.org").unwrap())
            .await
            .unwrap()
            .expect("pending account");
        assert_eq!(account.status, AccountStatus::Pending);

        let mails = app.mail_to("new.user@example.org", 1).await;
        let mail = &mails[0];
        assert_eq!(mail.subject(), "Create your password");
        let text = mail.text();
        assert!(text.starts_with("Dear Jane Doe,"), "{text}");
        assert!(text.contains("You have been registered in Limen."));
        assert!(text.contains("Your e-mail address is new.user@example.org."));
        assert!(text.contains("24 hours"));
        assert!(text.contains("Sent to you by Limen"));
        assert!(mail.html().contains("<a href=\""), "HTML part");
        assert!(mail.header("From").unwrap().contains("no-reply@limen.test"));
        let links = mail.links();
        assert_eq!(
            links.len(),
            1,
            "the text part shows the address once: {links:?}"
        );
        let link = &links[0];
        // The HTML part has a button and the copy-paste fallback (seed 003).
        let html = mail.html();
        assert_eq!(html.matches(link.as_str()).count(), 2, "{html}");
        assert!(html.contains("If the link above does not work"));
        assert!(
            link.starts_with(&format!("{}/cas/password/new?key=", app.base)),
            "{link}"
        );

        // The page: e-mail shown read-only, the policy stated, live check script.
        let form = b.get(&path_of(link)).await;
        assert_eq!(form.status, 200);
        assert!(form.contains("readonly"));
        assert!(form.text().contains("at least 10 characters"));
        assert!(form.contains("/static/password.js"));

        let done = set_password(&b, link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains("You are now signed in."));
        assert!(done.contains("Proceed"));
        let proceed = format!("/cas/login?service={}", encode(APP));
        assert!(done.text().contains(&proceed));
        let landed = b.get(&proceed).await;
        assert_eq!(landed.status, 303, "{}", landed.body);
        let ticket = landed.ticket().expect("ticket");
        let answer = validate(&app, &ticket).await;
        assert!(answer.contains("<cas:authenticationSuccess>"), "{answer}");
        assert!(answer.contains(&format!("<cas:user>{}</cas:user>", account.uid)));
        assert!(answer.contains("new.user@example.org"));

        // The account is active and the password works at the login page.
        let other = app.browser();
        let page = other
            .login(Some(APP), "new.user@example.org", NEW_PASSWORD)
            .await;
        assert_eq!(page.status, 303, "{}", page.body);
        // The link was spent.
        let again = b.get(&path_of(link)).await;
        assert_eq!(again.status, 410);
        assert!(again.contains("already been used"));
    })
    .await;
}

#[tokio::test]
async fn the_mail_and_names_follow_the_chosen_language_and_any_alphabet() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        for (email, first, last, lang, subject, greeting) in [
            (
                "eleni@example.org",
                "Ελένη",
                "Παπαδοπούλου",
                "fr",
                "Créez votre mot de passe",
                "Bonjour Ελένη Παπαδοπούλου,",
            ),
            (
                "ivan@example.org",
                "Иван",
                "Петров",
                "en",
                "Create your password",
                "Dear Иван Петров,",
            ),
            (
                "wei@example.org",
                "",
                "王伟",
                "en",
                "Create your password",
                "Dear 王伟,",
            ),
        ] {
            let page = register(
                &app,
                &b,
                None,
                fields(
                    email,
                    &[
                        ("first_name", first),
                        ("last_name", last),
                        ("email_lang", lang),
                    ],
                ),
            )
            .await;
            assert_eq!(page.status, 200, "{}", page.body);
            let mail = &app.mail_to(email, 1).await[0];
            assert_eq!(mail.subject(), subject);
            assert!(mail.text().starts_with(greeting), "{}", mail.text());
            let account = app
                .store
                .account_by_email(&limen_core::Email::parse(email).unwrap())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(account.last_name.as_str(), last);
            assert_eq!(account.email_locale, lang);
        }
    })
    .await;
}

#[tokio::test]
async fn field_errors_are_shown_per_field_and_what_was_typed_is_kept() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        // (fields changed, right CAPTCHA code, the field in error, its message)
        type Case<'a> = (Vec<(&'a str, &'a str)>, bool, &'a str, &'a str);
        let cases: Vec<Case> = vec![
            (
                vec![("last_name", "")],
                true,
                "last_name-error",
                "Please enter your last name.",
            ),
            (
                vec![("last_name", "Doe<script>")],
                true,
                "last_name-error",
                "characters that are not allowed",
            ),
            (
                vec![("email_confirm", "other@example.org")],
                true,
                "email_confirm-error",
                "The two e-mail addresses are not the same.",
            ),
            (
                vec![
                    ("email", "not-an-address"),
                    ("email_confirm", "not-an-address"),
                ],
                true,
                "email-error",
                "This is not a valid e-mail address.",
            ),
            (
                vec![("privacy", "")],
                true,
                "privacy-error",
                "Please accept the privacy statement",
            ),
            (vec![], false, "captcha-error", "The code is not correct"),
        ];
        for (overrides, right_code, field, message) in cases {
            let page = b.get("/cas/register").await;
            let answer = submit(
                &app,
                &b,
                &page,
                fields("typed@example.org", &overrides),
                right_code,
            )
            .await;
            assert_eq!(answer.status, 400, "{overrides:?}: {}", answer.body);
            assert!(
                answer.contains(&format!("id=\"{field}\"")),
                "{field}: {}",
                answer.body
            );
            assert!(
                answer.text().contains(message),
                "{message}: {}",
                answer.body
            );
            // What was typed is still there (not the CAPTCHA, which is new).
            assert!(answer.text().contains("value=\"Jane\""));
            assert!(answer.contains("aria-invalid=\"true\""));
            assert_ne!(
                answer.input_value("captcha_id"),
                page.input_value("captcha_id")
            );
        }
        // Nothing was created, nothing sent.
        let email = limen_core::Email::parse("typed@example.org").unwrap();
        assert!(app.store.account_by_email(&email).await.unwrap().is_none());
        assert!(app.smtp.messages().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_captcha_code_serves_once_and_new_code_keeps_the_form() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let page = b.get("/cas/register").await;
        let code = app.captcha_answer(&page).await;
        let image = b
            .get(&format!(
                "/cas/captcha/{}.png",
                page.input_value("captcha_id").unwrap()
            ))
            .await;
        assert_eq!(image.status, 200);
        assert_eq!(image.headers["content-type"], "image/png");
        // "New code": same form back, another image, nothing sent.
        let renewed = submit(
            &app,
            &b,
            &page,
            fields("keep@example.org", &[("action", "new_captcha")]),
            true,
        )
        .await;
        assert_eq!(renewed.status, 200);
        assert!(renewed.text().contains("value=\"keep@example.org\""));
        assert_ne!(
            renewed.input_value("captcha_id"),
            page.input_value("captcha_id")
        );
        // The old code was used up by that request.
        let mut form = fields("keep@example.org", &[]);
        form.push(("captcha_answer".into(), code));
        let reused = submit(&app, &b, &page, form, true).await;
        assert_eq!(reused.status, 400);
        assert!(reused.contains("captcha-error"));
        // A code typed in lower case and with spaces is accepted.
        let answer = app.captcha_answer(&reused).await.to_lowercase();
        let spaced = format!(" {} {}", &answer[..3], &answer[3..]);
        let mut form = fields("keep@example.org", &[]);
        form.push(("captcha_answer".into(), spaced));
        let ok = submit(&app, &b, &reused, form, true).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        // Unknown image: 404.
        assert_eq!(b.get("/cas/captcha/nope.png").await.status, 404);
    })
    .await;
}

/// SHA-256(challenge ":" nonce) with at least `bits` leading zero bits, written here
/// independently of the server's code.
fn solve_puzzle(challenge: &str, bits: u32) -> String {
    (0u64..)
        .find(|n| {
            let digest = Sha256::digest(format!("{challenge}:{n}").as_bytes());
            let mut zeros = 0;
            for byte in digest {
                zeros += byte.leading_zeros();
                if byte != 0 {
                    break;
                }
            }
            zeros >= bits
        })
        .map(|n| n.to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_proof_of_work_alternative_replaces_the_image() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let page = b.get("/cas/register").await;
        assert!(page.contains("data-pow-difficulty=\"8\""));
        let challenge = page.input_value("pow_challenge").unwrap();
        let nonce = solve_puzzle(&challenge, 8);
        let mut form = fields(
            "pow@example.org",
            &[("pow_nonce", &nonce), ("captcha_answer", "")],
        );
        form.retain(|(k, _)| k != "pow_challenge");
        let ok = submit(&app, &b, &page, form.clone(), true).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert!(ok.contains(SENT));
        // A solved puzzle serves once.
        let page2 = b.get("/cas/register").await;
        let replay = {
            let mut f = fields("pow2@example.org", &[("captcha_answer", "")]);
            f.push((
                "captcha_id".into(),
                page2.input_value("captcha_id").unwrap(),
            ));
            f.push(("pow_challenge".into(), challenge.clone()));
            f.push(("pow_nonce".into(), nonce.clone()));
            f.push(("csrf_token".into(), page2.csrf()));
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post("/cas/register", &pairs).await
        };
        assert_eq!(replay.status, 400);
        assert!(replay.contains("captcha-error"));
        // A wrong nonce fails (one that does not solve this challenge: a fixed one would, once in
        // 2^difficulty runs).
        let page3 = b.get("/cas/register").await;
        let challenge3 = page3.input_value("pow_challenge").unwrap();
        let wrong_nonce = (12_345_678_901_234_567_890_u128..)
            .map(|n| n.to_string())
            .find(|n| limen_web::captcha::pow::leading_zero_bits(&challenge3, n) == 0)
            .unwrap();
        let wrong = {
            let mut f = fields(
                "pow3@example.org",
                &[("captcha_answer", ""), ("pow_nonce", wrong_nonce.as_str())],
            );
            f.push((
                "captcha_id".into(),
                page3.input_value("captcha_id").unwrap(),
            ));
            f.push((
                "pow_challenge".into(),
                page3.input_value("pow_challenge").unwrap(),
            ));
            f.push(("csrf_token".into(), page3.csrf()));
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post("/cas/register", &pairs).await
        };
        assert_eq!(wrong.status, 400);
    })
    .await;
}

#[tokio::test]
async fn registering_a_known_address_looks_the_same_and_mails_its_owner() {
    each_backend(defaults, |app| async move {
        app.add_user("known@example.org", Some("Kim"), "Known")
            .await;
        let b = app.browser();
        let known = register(&app, &b, None, fields("known@example.org", &[])).await;
        let fresh = register(&app, &b, None, fields("fresh@example.org", &[])).await;
        assert_eq!(known.status, fresh.status);
        let strip = |p: &Page, email: &str| {
            p.text()
                .replace(email, "EMAIL")
                .lines()
                .filter(|l| !l.contains("csrf") && !l.contains("captcha"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            strip(&known, "known@example.org"),
            strip(&fresh, "fresh@example.org")
        );
        // The owner hears that someone tried; no second account, password unchanged.
        let mail = &app.mail_to("known@example.org", 1).await[0];
        assert_eq!(mail.subject(), "You already have an account");
        assert!(mail.links()[0].contains("/cas/password/lost"));
        let page = app
            .browser()
            .login(None, "known@example.org", PASSWORD)
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(app.store.count_accounts().await.unwrap(), 2);

        // Registering again before setting a password sends a new link; both stay usable
        // until one is used.
        register(&app, &b, None, fields("fresh@example.org", &[])).await;
        let mails = app.mail_to("fresh@example.org", 2).await;
        assert_eq!(mails[1].subject(), "Create your password");
        let done = set_password(
            &app.browser(),
            &mails[1].links()[0],
            NEW_PASSWORD,
            NEW_PASSWORD,
        )
        .await;
        assert_eq!(done.status, 200, "{}", done.body);
        // Setting the password retired the first link.
        let old = app.browser().get(&path_of(&mails[0].links()[0])).await;
        assert_eq!(old.status, 410);
    })
    .await;
}

#[tokio::test]
async fn an_expired_link_leads_to_a_page_that_sends_a_new_one() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        register(&app, &b, None, fields("late@example.org", &[])).await;
        let link = app.link_in_mail("late@example.org", 1).await;
        app.advance(Duration::hours(24) + Duration::seconds(1));
        let expired = b.get(&path_of(&link)).await;
        assert_eq!(expired.status, 410);
        assert!(expired.contains("This link has expired"));
        let key = expired.input_value("key").unwrap();
        // The wrong address gets the same answer and no mail.
        let wrong = b
            .post(
                "/cas/password/renew",
                &[
                    ("csrf_token", &expired.csrf()),
                    ("key", &key),
                    ("email", "someone@example.org"),
                ],
            )
            .await;
        let right = b
            .post(
                "/cas/password/renew",
                &[
                    ("csrf_token", &expired.csrf()),
                    ("key", &key),
                    ("email", "LATE@example.org"),
                ],
            )
            .await;
        assert_eq!(wrong.status, 200);
        assert_eq!(right.status, 200);
        let mails = app.mail_to("late@example.org", 2).await;
        assert!(
            app.smtp
                .messages()
                .iter()
                .all(|m| !m.envelope_to.contains(&"someone@example.org".to_owned()))
        );
        let done = set_password(&b, &mails[1].links()[0], NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        // Posting an expired key directly is refused too.
        let direct = b
            .post(
                "/cas/password/new",
                &[
                    ("csrf_token", &expired.csrf()),
                    ("key", &key),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_ne!(direct.status, 200);
        // A made-up key is "not valid".
        let bogus = b
            .get("/cas/password/new?key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            .await;
        assert_eq!(bogus.status, 404);
        assert!(bogus.contains("This link is not valid"));
    })
    .await;
}

#[tokio::test]
async fn the_password_page_refuses_policy_violations_and_keeps_the_link() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        register(&app, &b, None, fields("policy@example.org", &[])).await;
        let link = app.link_in_mail("policy@example.org", 1).await;
        for (password, confirm, message) in [
            ("Sh0rt!", "Sh0rt!", "fewer than 10 characters"),
            (
                "alllowercase-words1",
                "alllowercase-words1",
                "no upper-case letter",
            ),
            (
                "NoSpecialChars123",
                "NoSpecialChars123",
                "no special character",
            ),
            (
                "Policy@example.org1",
                "Policy@example.org1",
                "your e-mail address or your name",
            ),
            ("Password123!", "Password123!", "too common"),
            (
                NEW_PASSWORD,
                "Tr0mbone-Lantern-Quietlx",
                "The two passwords are not the same.",
            ),
            ("", "", "Please choose a new password."),
        ] {
            let page = set_password(&b, &link, password, confirm).await;
            assert_eq!(page.status, 400, "{password}: {}", page.body);
            assert!(page.text().contains(message), "{message}: {}", page.body);
        }
        // Still usable.
        let done = set_password(&b, &link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
    })
    .await;
}

#[tokio::test]
async fn the_live_check_answers_in_the_page_language() {
    each_backend(defaults, |app| async move {
        let b = Browser::with_language(&app.base, Some("fr"));
        let page = b.get("/cas/register").await;
        let answer = reqwest::Client::new()
            .post(app.url("/cas/password/assess"))
            .form(&[("csrf_token", "x"), ("password", "abc")])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 403, "CSRF token required");
        let csrf = page.csrf();
        let assess = |password: &'static str| {
            let csrf = csrf.clone();
            let b = &b;
            async move {
                let page = b
                    .post(
                        "/cas/password/assess",
                        &[
                            ("csrf_token", &csrf),
                            ("password", password),
                            ("email", "x@example.org"),
                        ],
                    )
                    .await;
                assert_eq!(page.status, 200);
                serde_json::from_str::<serde_json::Value>(&page.body).unwrap()
            }
        };
        let weak = assess("password").await;
        assert_eq!(weak["ok"], false);
        assert!(weak["score"].as_u64().unwrap() <= 1);
        assert!(
            weak["problems"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p.as_str().unwrap().contains("majuscule")),
            "{weak}"
        );
        assert!(
            weak["label"].as_str().unwrap().starts_with("Robustesse"),
            "{weak}"
        );
        let strong = assess("Tr0mbone-Lantern-Quietly-Marmalade").await;
        assert_eq!(strong["ok"], true, "{strong}");
        assert!(strong["score"].as_u64().unwrap() >= 3);
    })
    .await;
}

#[tokio::test]
async fn registrations_are_rate_limited_per_address() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        for _ in 0..5 {
            let page = register(&app, &b, None, fields("often@example.org", &[])).await;
            assert_eq!(page.status, 200);
        }
        let sixth = register(&app, &b, None, fields("often@example.org", &[])).await;
        assert_eq!(sixth.status, 429);
        assert!(sixth.text().contains("Too many requests"));
        // The form keeps what was typed.
        assert!(sixth.text().contains("value=\"often@example.org\""));
        app.mail_to("often@example.org", 5).await;
        // An hour later it works again.
        app.advance(Duration::minutes(61));
        let later = register(&app, &b, None, fields("often@example.org", &[])).await;
        assert_eq!(later.status, 200);
    })
    .await;
}

fn per_client_limit(c: &mut limen_web::WebConfig) {
    c.self_service.requests_per_client_per_hour = 3;
}

#[tokio::test]
async fn registrations_are_rate_limited_per_client_address() {
    each_backend(per_client_limit, |app| async move {
        let b = app.browser();
        for i in 0..3 {
            let page = register(&app, &b, None, fields(&format!("c{i}@example.org"), &[])).await;
            assert_eq!(page.status, 200);
        }
        let fourth = register(&app, &b, None, fields("c4@example.org", &[])).await;
        assert_eq!(fourth.status, 429);
    })
    .await;
}

#[tokio::test]
async fn a_mail_server_outage_delays_the_mail_but_loses_nothing_and_sends_it_once() {
    each_backend(defaults, |app| async move {
        app.smtp.stop().await;
        let b = app.browser();
        let page = register(&app, &b, None, fields("patient@example.org", &[])).await;
        assert_eq!(page.status, 200);
        assert!(page.contains(SENT), "the user sees success");
        // The worker tried and failed; the message waits in the outbox.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let queued = app.store.recent_mail(10).await.unwrap();
            if queued.iter().any(|m| m.attempts >= 1) {
                assert!(queued.iter().all(|m| m.sent_at.is_none()));
                break;
            }
            assert!(std::time::Instant::now() < deadline, "no delivery attempt");
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        app.smtp.restart().await;
        // Not before the backoff is over…
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages().is_empty());
        // …then delivered, exactly once.
        app.advance(Duration::minutes(2));
        let mails = app.mail_to("patient@example.org", 1).await;
        assert_eq!(mails.len(), 1);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.advance(Duration::minutes(10));
        app.state.mailer.wake();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(app.smtp.messages().len(), 1, "never twice");
        let sent = app.store.recent_mail(10).await.unwrap();
        assert!(sent[0].sent_at.is_some());
        // And the link in it works.
        let done = set_password(&b, &mails[0].links()[0], NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
    })
    .await;
}

fn closed(c: &mut limen_web::WebConfig) {
    c.self_service.registration_enabled = false;
}

#[tokio::test]
async fn registration_can_be_closed() {
    each_backend(closed, |app| async move {
        let b = app.browser();
        let login = b.get("/cas/login").await;
        assert!(!login.contains("/cas/register"));
        assert_eq!(b.get("/cas/register").await.status, 404);
    })
    .await;
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        b.get("/cas/register").await;
        let pairs = fields("csrf@example.org", &[]);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = b.post("/cas/register", &pairs).await;
        assert_eq!(page.status, 403);
        assert!(app.smtp.messages().is_empty());
    })
    .await;
}

/// Code points that show nothing (or reorder what is shown), with how the message names them.
pub const HIDDEN: [(char, &str); 3] = [
    ('\u{202E}', "U+202E"), // RIGHT-TO-LEFT OVERRIDE
    ('\u{200B}', "U+200B"), // ZERO WIDTH SPACE
    ('\u{FEFF}', "U+FEFF"), // BYTE ORDER MARK
];

/// The message for such an address, in English and French.
pub const HIDDEN_MESSAGE: [(&str, &str); 2] = [
    ("en", "contains an invisible or unusual character"),
    ("fr", "contient un caractère invisible ou inhabituel"),
];

/// Issue 11 item 2: an address with a hidden character used to pass, write a pending account,
/// then make the mail library fail (500, a stray row, no mail). It is refused with its own
/// message, in the page's language, and nothing is stored or sent.
#[tokio::test]
async fn addresses_with_invisible_characters_are_refused_and_nothing_is_stored() {
    each_backend(defaults, |app| async move {
        for (c, name) in HIDDEN {
            for (lang, message) in HIDDEN_MESSAGE {
                let b = Browser::with_language(&app.base, Some(lang));
                for address in [
                    format!("ab{c}cd@example.org"),
                    format!("{c}jane@example.org"),
                    format!("jane@exa{c}mple.org"),
                ] {
                    let answer = register(&app, &b, None, fields(&address, &[])).await;
                    assert_eq!(answer.status, 400, "{address:?}: {}", answer.body);
                    assert!(answer.contains("id=\"email-error\""), "{}", answer.body);
                    let text = answer.text();
                    assert!(text.contains(message), "{lang} {address:?}: {text}");
                    assert!(text.contains(name), "{lang}: names {name}: {text}");
                }
            }
        }
        assert_eq!(
            app.store.count_accounts().await.unwrap(),
            0,
            "no account row"
        );
        assert!(
            app.store.recent_mail(10).await.unwrap().is_empty(),
            "no outbox row"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert!(app.smtp.messages().is_empty());
    })
    .await;
}

/// Issue 11 item 2: the account, its link and its e-mail are written together or not at all.
/// Here the outbox refuses the message (a trigger): the answer is an error, and no account or
/// link is left behind, so registering again later works.
#[tokio::test]
async fn a_registration_whose_mail_cannot_be_queued_leaves_no_account() {
    each_backend(defaults, |app| async move {
        limen_store::testdb::refuse_inserts(&app.store, "mail_outbox").await;
        let b = app.browser();
        let failed = register(&app, &b, None, fields("atomic@example.org", &[])).await;
        assert_eq!(failed.status, 500, "{}", failed.body);
        let email = limen_core::Email::parse("atomic@example.org").unwrap();
        assert!(
            app.store.account_by_email(&email).await.unwrap().is_none(),
            "the account row must not outlive its e-mail"
        );
        let counts = limen_store::testdb::row_counts(&app.store).await;
        assert_eq!(counts["accounts"], 0, "{counts:?}");
        assert_eq!(counts["email_links"], 0, "{counts:?}");
        assert_eq!(counts["mail_outbox"], 0, "{counts:?}");
    })
    .await;
}

/// Issue 11 item 6: showing the forms (and their pictures) writes nothing: a CAPTCHA costs the
/// store a row only when it is answered.
#[tokio::test]
async fn viewing_the_forms_writes_nothing_to_the_store() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        assert_eq!(b.get("/cas/register").await.status, 200);
        let before = limen_store::testdb::row_counts(&app.store).await;
        for _ in 0..25 {
            let page = b.get("/cas/register").await;
            assert_eq!(page.status, 200);
            let id = page.input_value("captcha_id").unwrap();
            let image = b.get(&format!("/cas/captcha/{id}.png")).await;
            assert_eq!(image.status, 200);
            assert_eq!(b.get("/cas/password/lost").await.status, 200);
            assert_eq!(b.get("/cas/password/lost?service=x").await.status, 200);
        }
        let after = limen_store::testdb::row_counts(&app.store).await;
        assert_eq!(before, after, "100 page views wrote rows");
    })
    .await;
}

/// `token` with one character of its middle changed (still URL-safe).
fn altered(token: &str, at: usize) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    let i = at.min(chars.len() - 1);
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

/// Issue 11 item 6: each way a CAPTCHA can fail has its message, and none passes: a wrong code,
/// a used one, an expired one, an identifier altered anywhere (the expiry, the nonce, the MAC),
/// a puzzle offered as a picture, and made-up values of every shape.
#[tokio::test]
async fn every_captcha_failure_is_refused_with_its_own_message() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let send = |page: &Page, id: String, code: String| {
            let mut form = fields("failing@example.org", &[]);
            form.push(("captcha_answer".into(), code));
            form.push(("captcha_id".into(), id));
            form.push(("csrf_token".into(), page.csrf()));
            form
        };
        let post = |form: Vec<(String, String)>| {
            let b = &b;
            async move {
                let pairs: Vec<(&str, &str)> =
                    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                b.post("/cas/register", &pairs).await
            }
        };
        let expect = |page: &Page, message: &str| {
            assert_eq!(page.status, 400, "{message}: {}", page.body);
            assert!(page.contains("id=\"captcha-error\""), "{}", page.body);
            assert!(page.text().contains(message), "{message}: {}", page.text());
        };

        // Wrong code.
        let page = b.get("/cas/register").await;
        let id = page.input_value("captcha_id").unwrap();
        let wrong = post(send(&page, id.clone(), "WRONG1".into())).await;
        expect(&wrong, "The code is not correct");
        // The same picture again, now with the right code: already used.
        let code = app.captcha_answer(&page).await;
        let used = post(send(&wrong, id, code)).await;
        expect(&used, "This code was already used");

        // Expired: answered after captcha_ttl.
        let page = b.get("/cas/register").await;
        let code = app.captcha_answer(&page).await;
        app.advance(app.state.config.self_service.captcha_ttl + Duration::seconds(1));
        let expired = post(send(&page, page.input_value("captcha_id").unwrap(), code)).await;
        expect(&expired, "The code has expired");
        let id = page.input_value("captcha_id").unwrap();
        assert_eq!(b.get(&format!("/cas/captcha/{id}.png")).await.status, 404);

        // Altered anywhere: refused, right code or not; its picture is not drawn.
        let page = b.get("/cas/register").await;
        let id = page.input_value("captcha_id").unwrap();
        let code = app.captcha_answer(&page).await;
        for at in [2, id.len() / 3, id.len() / 2, id.len() - 2] {
            let forged = altered(&id, at);
            assert_ne!(forged, id);
            let page = b.get("/cas/register").await;
            let refused = post(send(&page, forged.clone(), code.clone())).await;
            expect(&refused, "could not be checked");
            assert_eq!(
                b.get(&format!("/cas/captcha/{forged}.png")).await.status,
                404
            );
        }
        // A puzzle's identifier is not a picture's.
        let page = b.get("/cas/register").await;
        let puzzle = page.input_value("pow_challenge").unwrap();
        let mixed = post(send(&page, puzzle.clone(), "ABCDEF".into())).await;
        expect(&mixed, "could not be checked");
        assert_eq!(
            b.get(&format!("/cas/captcha/{puzzle}.png")).await.status,
            404
        );
        // Made-up values: never a 500.
        for junk in [
            "nope".to_owned(),
            "....".to_owned(),
            "i.9999999999.AAAA.BBBB".to_owned(),
            "x".repeat(5000),
            "é€\u{0}".to_owned(),
        ] {
            let page = b.get("/cas/register").await;
            let refused = post(send(&page, junk.clone(), "ABCDEF".into())).await;
            assert_eq!(refused.status, 400, "{junk:?}");
            let image = b
                .get(&format!("/cas/captcha/{}.png", encode(&junk)))
                .await
                .status;
            assert!(image == 404 || image == 400, "{junk:?}: {image}");
        }
        // The original, untouched, still works once.
        let ok = post(send(&page, id, code)).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
    })
    .await;
}

/// Issue 11 item 6: two forms sent at once with one solved puzzle: exactly one passes (the use
/// is recorded by an atomic insert-if-absent).
#[tokio::test]
async fn a_solved_puzzle_sent_twice_at_once_passes_once() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let page = b.get("/cas/register").await;
        let challenge = page.input_value("pow_challenge").unwrap();
        let nonce = solve_puzzle(&challenge, 8);
        let form = |email: &str| {
            let mut f = fields(email, &[("captcha_answer", "")]);
            f.push(("pow_challenge".into(), challenge.clone()));
            f.push(("pow_nonce".into(), nonce.clone()));
            f.push(("csrf_token".into(), page.csrf()));
            f
        };
        let (one, two) = (form("race1@example.org"), form("race2@example.org"));
        let post = |f: Vec<(String, String)>| {
            let b = &b;
            async move {
                let p: Vec<(&str, &str)> =
                    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                b.post("/cas/register", &p).await.status
            }
        };
        let (a, z) = tokio::join!(post(one), post(two));
        let mut statuses = [a, z];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 400]);
    })
    .await;
}
