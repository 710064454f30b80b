//! Issue 12: a second factor written outside `limen-authn` (limen_testkit::factor::CodeFactor,
//! standing for a challenge–response token, PASSWORD_TOKEN) and registered in the engine: it is
//! enrolled through the engine's interface, offered on the login page, logs in, steps a session
//! up, shows on "Authentication methods", and PANIC removes it — with no change to the login
//! controller, the transaction, the session, the policy or the CAS code.

use limen_authn::{Answer, Challenge, EnrolStart, Enrolment};
use limen_core::{Method, Strength};
use limen_store::testdb::test_databases;
use limen_testkit::factor::CodeFactor;
use limen_testkit::{Browser, PASSWORD, Page, TestApp, encode};
use std::sync::Arc;

const JANE: &str = "jane@example.org";
const TOKEN_ONLY: &str = "https://token.example.org/app";
const KEY_OR_TOKEN: &str = "https://strong.example.org/app";

async fn start() -> Vec<(TestApp, Arc<CodeFactor>)> {
    let mut apps = Vec::new();
    for db in test_databases().await {
        let factor = Arc::new(CodeFactor::default());
        let app = TestApp::start_with_factors(db, |_| {}, vec![factor.clone()]).await;
        app.add_service("Token only", "https://token.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordToken];
        })
        .await;
        app.add_service("Key or token", "https://strong.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordWebauthn, Strength::PasswordToken];
        })
        .await;
        apps.push((app, factor));
    }
    apps
}

/// Signs the browser in with the password alone (My account) and returns its session.
pub(crate) async fn password_session(app: &TestApp, b: &Browser) -> limen_core::SsoSession {
    let done = b
        .login_at("/cas/login?next=%2Faccount", JANE, PASSWORD)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    // This browser's own session: the SHA-256 of its SSO cookie.
    let cookies = b.cookie_header(&app.base);
    let token = cookies
        .split("; ")
        .find_map(|c| c.strip_prefix("limen_sso="))
        .expect("an SSO cookie");
    let id = limen_crypto::sha256_hex(token.as_bytes());
    app.store.session(&id).await.unwrap().expect("its session")
}

fn email() -> limen_core::Email {
    limen_core::Email::parse(JANE).unwrap()
}

/// Enrols a token named `name` through the engine (what the method's own page would call).
pub(crate) async fn enrol(app: &TestApp, b: &Browser, name: &str) {
    let session = password_session(app, b).await;
    let account = app.store.account_by_email(&email()).await.unwrap().unwrap();
    let client = limen_authn::Client::CLI;
    let request = Enrolment {
        name: name.into(),
        kind: None,
        reference: None,
        secret: None,
        session_id: None,
    };
    let EnrolStart::Started {
        tx,
        challenge: Challenge::Code {
            shown: Some(secret),
            ..
        },
    } = app
        .state
        .authn
        .enrol_start(Method::Token, &session, &account, request, &client)
        .await
        .unwrap()
    else {
        panic!("enrolment did not start");
    };
    // A wrong code first: refused, nothing enrolled.
    let wrong = app
        .state
        .authn
        .enrol_finish(
            &tx,
            &session,
            &account,
            &Answer::Code("nope".into()),
            &client,
        )
        .await
        .unwrap();
    assert!(wrong.is_err());
    let EnrolStart::Started { tx, challenge } = app
        .state
        .authn
        .enrol_start(
            Method::Token,
            &session,
            &account,
            Enrolment {
                name: name.into(),
                kind: None,
                reference: None,
                secret: None,
                session_id: None,
            },
            &client,
        )
        .await
        .unwrap()
    else {
        panic!("enrolment did not start again");
    };
    let Challenge::Code {
        shown: Some(secret2),
        ..
    } = challenge
    else {
        panic!("{challenge:?}");
    };
    assert_ne!(secret, secret2);
    let answer = Answer::Code(CodeFactor::response(&secret2, "0"));
    let (method, device) = app
        .state
        .authn
        .enrol_finish(&tx, &session, &account, &answer, &client)
        .await
        .unwrap()
        .expect("enrolled");
    assert_eq!((method, device.name.as_str()), (Method::Token, name));
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

/// The challenge the code page shows.
pub(crate) fn challenge_of(page: &Page) -> String {
    let marker = "<strong id=\"code-challenge\">";
    let start = page.body.find(marker).expect("a challenge") + marker.len();
    let end = page.body[start..].find('<').unwrap() + start;
    page.body[start..end].to_owned()
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
async fn a_method_from_outside_the_engine_logs_in_steps_up_and_is_removed_by_panic() {
    for (app, factor) in start().await {
        let account = app.add_user(JANE, Some("Jane"), "Doe").await;
        enrol(&app, &app.browser(), "Office token").await;
        let secret = factor.secret(account.id, "Office token").unwrap();

        // Login: the page offers it; password, then the method's challenge, then the ticket.
        let b = app.browser();
        let login = format!("/cas/login?service={}", encode(TOKEN_ONLY));
        let methods = b.password_page_at(&login, JANE).await;
        assert!(
            methods.contains("value=\"PASSWORD_TOKEN\""),
            "{}",
            methods.body
        );
        assert!(!methods.contains("value=\"PASSWORD\""), "{}", methods.body);
        let challenge = b
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "PASSWORD_TOKEN"),
                    ("email", JANE),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(challenge.status, 200, "{}", challenge.body);
        assert!(challenge.contains("id=\"code-form\""), "{}", challenge.body);
        assert!(
            challenge
                .form_action()
                .starts_with("/cas/login/token?service=")
        );
        // A wrong code: refused with the method's message, and a new challenge.
        let wrong = answer(&b, &challenge, "000000").await;
        assert_eq!(wrong.status, 401, "{}", wrong.body);
        assert!(
            wrong.text().contains("This code is not right"),
            "{}",
            wrong.body
        );
        // The spent challenge cannot be answered again, even with the right code.
        let replay = answer(
            &b,
            &challenge,
            &CodeFactor::response(&secret, &challenge_of(&challenge)),
        )
        .await;
        assert_eq!(replay.status, 400, "{}", replay.body);
        assert!(replay.ticket().is_none());
        let code = CodeFactor::response(&secret, &challenge_of(&wrong));
        let done = answer(&b, &wrong, &code).await;
        assert_ticket(&app, &done, TOKEN_ONLY, "PASSWORD_TOKEN").await;

        // Step-up: a password session asking for a service that accepts a key or a token. The
        // step-up form sends the token to ITS challenge — before the engine, every method a
        // step-up page offered went to the WebAuthn ceremony.
        let c = app.browser();
        password_session(&app, &c).await;
        let up = c
            .get(&format!("/cas/login?service={}", encode(KEY_OR_TOKEN)))
            .await;
        assert_eq!(up.status, 200, "{}", up.body);
        assert!(up.contains("value=\"PASSWORD_TOKEN\""), "{}", up.body);
        let step = c
            .post(
                &up.form_action(),
                &[
                    ("csrf_token", up.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_TOKEN"),
                    ("email", JANE),
                ],
            )
            .await;
        assert_eq!(step.status, 200, "{}", step.body);
        assert!(step.contains("id=\"code-form\""), "{}", step.body);
        assert!(!step.contains("webauthn-ceremony"), "{}", step.body);
        let code = CodeFactor::response(&secret, &challenge_of(&step));
        let stepped = answer(&c, &step, &code).await;
        assert_ticket(&app, &stepped, KEY_OR_TOKEN, "PASSWORD_TOKEN").await;

        // "Authentication methods" lists it.
        let list = c.get("/account/methods").await;
        assert_eq!(list.status, 200, "{}", list.body);
        assert!(
            list.contains(
                "data-method=\"PASSWORD_TOKEN\" data-kind=\"token\" data-name=\"Office token\""
            ),
            "{}",
            list.body
        );

        // PANIC with the password alone (and the link sent to the mailbox): the token goes,
        // every session ends (b's too).
        let form = c.get("/account/methods/panic").await;
        assert_eq!(form.status, 200, "{}", form.body);
        let asked = c
            .post(
                "/account/methods/panic",
                &[
                    ("csrf_token", form.csrf().as_str()),
                    ("password", PASSWORD),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(asked.status, 200, "{}", asked.body);
        assert!(asked.contains("id=\"panic-sent\""), "{}", asked.body);
        assert!(
            factor.secret(account.id, "Office token").is_some(),
            "removed before the link was followed"
        );
        let mails = app.mail_to(JANE, 2).await;
        let link = mails
            .iter()
            .find_map(|m| {
                m.links()
                    .into_iter()
                    .find(|l| l.contains("/account/methods/panic/confirm?token="))
            })
            .expect("the PANIC link");
        let path = link.strip_prefix(&app.base).expect("a link to this server");
        let confirm = c.get(path).await;
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        assert!(
            confirm.contains("id=\"panic-confirm-form\""),
            "{}",
            confirm.body
        );
        let panicked = c
            .post(
                "/account/methods/panic/confirm",
                &[
                    ("csrf_token", confirm.csrf().as_str()),
                    ("token", confirm.input_value("token").unwrap().as_str()),
                ],
            )
            .await;
        assert_eq!(panicked.status, 200, "{}", panicked.body);
        assert!(panicked.contains("id=\"panic-done\""), "{}", panicked.body);
        assert!(
            panicked.contains("<li>Office token</li>"),
            "{}",
            panicked.body
        );
        assert!(
            panicked.contains("<li>Token only</li>"),
            "{}",
            panicked.body
        );
        assert!(factor.secret(account.id, "Office token").is_none());
        assert!(
            app.store
                .session_ids_of_account(account.id)
                .await
                .unwrap()
                .is_empty()
        );
        let gone = b.get("/account").await;
        assert_eq!(gone.status, 303, "the other browser is still signed in");
        // The token-only service is out of reach: the page says what to register.
        // (b remembers the address: the method page comes at once.)
        let after = b.get(&login).await;
        assert_eq!(after.status, 403, "{}", after.body);
        assert!(
            !after.contains("value=\"PASSWORD_TOKEN\""),
            "{}",
            after.body
        );
        assert!(
            after.contains("/cas/login?next=%2Faccount%2Ftoken"),
            "{}",
            after.body
        );
        app.stop().await;
    }
}

/// A typed code cannot be guessed at leisure after one right password: five wrong answers end
/// the login; ten within 15 minutes lock the account's second-factor step for 15 minutes.
#[tokio::test]
async fn wrong_codes_are_bounded_per_login_and_per_account() {
    for (app, factor) in start().await {
        let account = app.add_user(JANE, Some("Jane"), "Doe").await;
        enrol(&app, &app.browser(), "Office token").await;
        let secret = factor.secret(account.id, "Office token").unwrap();
        let login = format!("/cas/login?service={}", encode(TOKEN_ONLY));
        let challenge_after_password = |b: Browser| {
            let login = login.clone();
            async move {
                let methods = b.password_page_at(&login, JANE).await;
                let page = b
                    .post(
                        &methods.form_action(),
                        &[
                            ("csrf_token", methods.csrf().as_str()),
                            ("step", "password"),
                            ("method", "PASSWORD_TOKEN"),
                            ("email", JANE),
                            ("password", PASSWORD),
                        ],
                    )
                    .await;
                (b, page)
            }
        };
        // One login: four wrong answers each get a new challenge; the fifth ends the login.
        let (b, mut page) = challenge_after_password(app.browser()).await;
        for _ in 0..4 {
            page = answer(&b, &page, "wrong").await;
            assert_eq!(page.status, 401, "{}", page.body);
            assert!(page.contains("id=\"code-form\""), "{}", page.body);
        }
        let ended = answer(&b, &page, "wrong").await;
        assert_eq!(ended.status, 401, "{}", ended.body);
        assert!(!ended.contains("id=\"code-form\""), "{}", ended.body);
        assert!(ended.text().contains("This code is not right"));
        // Another login: five more wrong answers reach ten for the account: locked.
        let (b, mut page) = challenge_after_password(app.browser()).await;
        for _ in 0..4 {
            page = answer(&b, &page, "wrong").await;
        }
        let last = answer(&b, &page, "wrong").await;
        assert!(!last.contains("id=\"code-form\""), "{}", last.body);
        // Even the right password and the right token now wait.
        let (_, locked) = challenge_after_password(app.browser()).await;
        assert_eq!(locked.status, 429, "{}", locked.body);
        assert!(
            locked.text().contains("Too many wrong answers"),
            "{}",
            locked.body
        );
        app.advance(time::Duration::minutes(16));
        let (b, page) = challenge_after_password(app.browser()).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let done = answer(
            &b,
            &page,
            &CodeFactor::response(&secret, &challenge_of(&page)),
        )
        .await;
        assert_ticket(&app, &done, TOKEN_ONLY, "PASSWORD_TOKEN").await;
        app.stop().await;
    }
}

/// "Always require multi-factor authentication" holds on every path: a password-only session
/// (made before it was turned on) is stepped up on My account, and answering an OpenID Connect
/// consent form with it gives no code (the consent answer picked a proof by itself before the
/// review of issue 12).
#[tokio::test]
async fn mfa_always_holds_on_my_account_and_on_the_consent_form() {
    const CB: &str = "http://127.0.0.1:9/cb";
    for (app, factor) in start().await {
        let account = app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_oidc_client("asks", CB, |_, c| c.consent = true)
            .await;
        enrol(&app, &app.browser(), "Office token").await;
        let secret = factor.secret(account.id, "Office token").unwrap();
        // A browser signed in with the password alone, then MFA-always turned on from another
        // (which ends every other session: b's too).
        let b = app.browser();
        password_session(&app, &b).await;
        let other = app.browser();
        let session = password_session(&app, &other).await;
        let account = app.store.account_by_email(&email()).await.unwrap().unwrap();
        let change = app
            .state
            .authn
            .set_mfa_always(&session, &account, true, &limen_authn::Client::CLI)
            .await
            .unwrap();
        assert_eq!(change, limen_authn::MfaChange::Done);
        assert_eq!(b.get("/account").await.status, 303, "b was not signed out");
        // The browser that turned it on kept its password-only session: My account steps it up.
        let mine = other.get("/account").await;
        assert_eq!(mine.status, 303, "{}", mine.body);
        let login = other.get(mine.location.as_deref().unwrap()).await;
        assert_eq!(login.status, 200, "{}", login.body);
        assert!(login.contains("value=\"PASSWORD_TOKEN\""), "{}", login.body);
        assert!(
            !login.contains("name=\"password\""),
            "a step-up: {}",
            login.body
        );
        // The consent form answered with that session: back to the login, no code.
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("response_type", "code"),
                ("client_id", "asks"),
                ("redirect_uri", CB),
                ("scope", "openid"),
                ("state", "s"),
                ("nonce", "n"),
            ])
            .finish();
        let start = other.get(&format!("/oidc/authorize?{query}")).await;
        let to_login = start.location.clone().expect("to the login");
        let sealed = url::Url::parse(&format!("http://x{to_login}"))
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "oidc")
            .map(|(_, v)| v.into_owned())
            .expect("the sealed request");
        let csrf = other.get("/cas/login").await.csrf();
        let answered = other
            .post(
                "/oidc/consent",
                &[
                    ("csrf_token", csrf.as_str()),
                    ("request", sealed.as_str()),
                    ("decision", "allow"),
                ],
            )
            .await;
        assert_eq!(answered.status, 303, "{}", answered.body);
        let location = answered.location.unwrap_or_default();
        assert!(location.starts_with("/cas/login?oidc="), "{location}");
        assert!(!location.contains("code="), "{location}");
        // After the token, My account opens.
        let step = other
            .post(
                &login.form_action(),
                &[
                    ("csrf_token", login.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_TOKEN"),
                    ("email", JANE),
                ],
            )
            .await;
        let code = CodeFactor::response(&secret, &challenge_of(&step));
        let done = answer(&other, &step, &code).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(other.get("/account").await.status, 200);
        app.stop().await;
    }
}
