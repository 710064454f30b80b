//! Issue 16: hardware tokens through the real server — the inventory (imported as the CLI does,
//! through the engine), the two login pages, My account's "Add a token", replay, drift, window
//! edges, lockout and unlock, resync, another account's token, PANIC. The codes come from
//! `limen_oath`; tests/interop/test_tokens.py drives the same with codes from oathtool, pyotp
//! and the `oath` package. tokens_lockout.rs uses its helpers.

use limen_authn::token::{TokenFactor, Tokens};
use limen_core::{Method, Strength};
use limen_oath::{Hash, hotp, ocra, totp};
use limen_testkit::{Browser, PASSWORD, Page, TestApp, each_backend, encode};

/// An internal user (the test domain `limen.test` is internal): tokens are for staff.
pub(crate) const STAFF: &str = "kim@limen.test";
pub(crate) const OTHER: &str = "lee@limen.test";
const GUEST: &str = "guest@example.org";
pub(crate) const TOKEN_ONLY: &str = "https://token.example.org/app";
const CRAM_ONLY: &str = "https://cram.example.org/app";
const EC: &str = "https://ec.example.org/app";

/// RFC 4226 App. D's key, and others of the RFC 6238 sizes.
pub(crate) const KEY20: &str = "3132333435363738393031323334353637383930";
const KEY32: &str = "3132333435363738393031323334353637383930313233343536373839303132";

pub(crate) fn small(c: &mut limen_web::WebConfig) {
    c.tokens.max_failures = 3;
    c.tokens.lock = Some(time::Duration::minutes(30));
}

fn tokens(app: &TestApp) -> &Tokens {
    app.state
        .authn
        .factor_as::<TokenFactor>(Method::Token)
        .expect("tokens are wired")
        .tokens()
}

fn key(hex: &str) -> Vec<u8> {
    hex::decode(hex).unwrap()
}

/// Imports tokens from CSV text, as `limen token import FILE.csv` does.
pub(crate) async fn import(app: &TestApp, csv: &str) {
    let parsed = limen_oath::csv::parse(csv.as_bytes()).expect("csv");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let report = tokens(app)
        .import(&app.state.authn, parsed, true, "test.csv")
        .await
        .unwrap();
    assert!(report.committed, "{report:?}");
}

pub(crate) async fn assign(app: &TestApp, serial: &str, email: &str) {
    let account = app
        .store
        .account_by_email(&limen_core::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    tokens(app)
        .assign(&app.state.authn, serial, &account, Some("My token"))
        .await
        .unwrap()
        .expect("assigned");
}

pub(crate) async fn services(app: &TestApp) {
    app.add_service("Token only", "https://token.example.org/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordToken];
    })
    .await;
    app.add_service("CRAM only", "https://cram.example.org/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordTokenCram];
    })
    .await;
    app.add_service("EC", "https://ec.example.org/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordToken, Strength::PasswordTokenCram];
        s.released_attributes = limen_core::service::ECAS_DEFAULT_ATTRIBUTES
            .iter()
            .map(|a| (*a).to_owned())
            .collect();
    })
    .await;
}

/// The password step with `method` chosen: the page that follows.
pub(crate) async fn method_step(b: &Browser, service: &str, email: &str, method: &str) -> Page {
    let path = format!("/cas/login?service={}", encode(service));
    let methods = b.password_page_at(&path, email).await;
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
            ("email", email),
            ("password", PASSWORD),
        ],
    )
    .await
}

/// Types `code` on a code page.
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

/// "Add a token" in My account: the serial, then two codes.
pub(crate) async fn bind(b: &Browser, serial: &str, c1: &str, c2: &str) -> Page {
    let add = b.get("/account/tokens/add?method=token").await;
    assert_eq!(add.status, 200, "{}", add.body);
    let prove = b
        .post(
            "/account/tokens/add",
            &[
                ("csrf_token", add.csrf().as_str()),
                ("method", "token"),
                ("serial", serial),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(prove.status, 200, "{}", prove.body);
    assert!(prove.contains("id=\"token-code2\""), "{}", prove.body);
    b.post(
        "/account/tokens/prove",
        &[
            ("csrf_token", prove.csrf().as_str()),
            ("ceremony", prove.input_value("ceremony").unwrap().as_str()),
            ("code", c1),
            ("code2", c2),
        ],
    )
    .await
}

fn unix(app: &TestApp) -> u64 {
    u64::try_from(app.clock_now().unix_timestamp()).unwrap()
}

/// HOTP: look-ahead to the window's edge, a code used once, lockout with its e-mail, unlock;
/// the ticket's EU Login factors name the token's serial.
#[tokio::test]
async fn hotp_token_window_replay_lockout_and_unlock() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(STAFF, Some("Kim"), "Staff").await;
        import(&app, &format!("T1234567,{KEY20},hotp,8\n")).await;
        assign(&app, "t-1234567", STAFF).await;
        let k = key(KEY20);
        let code = |c: u64| hotp::hotp(&k, Hash::Sha1, c, 8).unwrap();

        // The code page names the token; counter 10 (the window's far edge) is accepted.
        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(by_id(&page, "code-device"), "T1234567");
        let done = answer(&b, &page, &code(10)).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(done.ticket().is_some(), "{:?}", done.location);

        // The same code again: refused as used, and not counted as a guess.
        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        let again = answer(&b, &page, &code(10)).await;
        assert_eq!(again.status, 401, "{}", again.body);
        assert!(again.text().contains("already used"), "{}", again.body);
        // Counter 11 is next: 11 + 10 = 21 is the far edge, 22 is beyond.
        let beyond = answer(&b, &again, &code(22)).await;
        assert_eq!(beyond.status, 401);
        assert!(beyond.text().contains("not right"), "{}", beyond.body);
        // Malformed input is said so.
        let letters = answer(&b, &beyond, "12ab5678").await;
        assert!(
            letters.text().contains("only the digits"),
            "{}",
            letters.body
        );
        let t = app
            .store
            .token_by_serial("T1234567")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((t.counter, t.failures), (11, 1));
        let ok = answer(&b, &letters, &code(21)).await;
        assert_eq!(ok.status, 303, "{}", ok.body);

        // EU Login factors: the serial as tokenId.
        let b = app.browser();
        let page = method_step(&b, EC, STAFF, "PASSWORD_TOKEN").await;
        let done = answer(&b, &page, &code(22)).await;
        let body = app
            .cas_validate("laxValidate", EC, &done.ticket().expect("ticket"), "")
            .await;
        assert!(
            body.contains("<cas:tokenId>T1234567</cas:tokenId>"),
            "{body}"
        );
        assert!(body.contains("<cas:strength>PASSWORD_TOKEN<"), "{body}");

        // Three wrong codes (max_failures here) lock the token: the right code is then
        // refused, the holder gets an e-mail.
        let b = app.browser();
        let mut page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        for wrong in ["00000000", "11111111", "22222222"] {
            page = answer(&b, &page, wrong).await;
            assert_eq!(page.status, 401, "{}", page.body);
        }
        assert!(page.text().contains("locked"), "{}", page.body);
        let mail = app.mail_to(STAFF, 2).await;
        let locked = mail
            .iter()
            .find(|m| m.text().contains("was locked"))
            .expect("mail");
        assert!(locked.text().contains("My token"), "{}", locked.text());
        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        assert!(page.status >= 400, "no usable token left: {}", page.body);
        // The help desk unlocks it: the next code works at once.
        tokens(&app)
            .set_locked(&app.state.authn, "T1234567", false)
            .await
            .unwrap()
            .unwrap();
        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        let done = answer(&b, &page, &code(23)).await;
        assert_eq!(done.status, 303, "{}", done.body);
    })
    .await;
}

/// TOTP (SHA-256, 60 s): a token one step ahead is accepted and its drift kept; the same step
/// twice is a replay; three steps ahead is refused until a resync from two codes.
#[tokio::test]
async fn totp_token_drift_replay_and_resync() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(STAFF, Some("Kim"), "Staff").await;
        import(&app, &format!("55501234,{KEY32},totp,6,60,SHA256\n")).await;
        assign(&app, "55501234", STAFF).await;
        let k = key(KEY32);
        let p = totp::Params {
            hash: Hash::Sha256,
            digits: 6,
            period: 60,
            t0: 0,
        };
        let at = |unix: u64| totp::totp(&k, &p, unix).unwrap();

        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        let done = answer(&b, &page, &at(unix(&app) + 60)).await;
        assert_eq!(done.status, 303, "one step ahead: {}", done.body);
        let t = app
            .store
            .token_by_serial("55501234")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(t.drift, 1);

        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        let again = answer(&b, &page, &at(unix(&app) + 60)).await;
        assert_eq!(again.status, 401);
        assert!(again.text().contains("already used"), "{}", again.body);
        // Three steps ahead of the server (two past the drift): refused.
        let far = answer(&b, &again, &at(unix(&app) + 240)).await;
        assert_eq!(far.status, 401);
        assert!(far.text().contains("not right"), "{}", far.body);

        // Resync from two consecutive codes five steps ahead; then codes at that drift work.
        tokens(&app)
            .resync_serial(
                &app.state.authn,
                "55501234",
                &at(unix(&app) + 300),
                &at(unix(&app) + 360),
            )
            .await
            .unwrap()
            .expect("resynchronised");
        app.clock.advance(time::Duration::seconds(60));
        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        let done = answer(&b, &page, &at(unix(&app) + 360)).await;
        assert_eq!(done.status, 303, "{}", done.body);
        // Two codes that do not follow each other are refused.
        let refused = tokens(&app)
            .resync_serial(&app.state.authn, "55501234", "000000", "111111")
            .await
            .unwrap();
        assert!(refused.is_err());
    })
    .await;
}

/// Token CRAM: bound in My account with the response to a challenge (step-up not needed for a
/// first factor), then used to sign in; a wrong response gets a new challenge; the EU Login
/// factors name it `tokenCramId`.
#[tokio::test]
async fn cram_token_bound_in_my_account_and_used_to_sign_in() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(STAFF, Some("Kim"), "Staff").await;
        let suite_text = "OCRA-1:HOTP-SHA1-6:QN08";
        import(&app, &format!("DP-0042,{KEY20},ocra,6,{suite_text}\n")).await;
        let suite = ocra::Suite::parse(suite_text).unwrap();
        let k = key(KEY20);
        let respond = |q: &str| {
            ocra::compute(
                &suite,
                &k,
                &ocra::Input {
                    question: q,
                    ..ocra::Input::default()
                },
            )
            .unwrap()
        };

        let b = app.browser();
        let done = b
            .login_at("/cas/login?next=%2Faccount", STAFF, PASSWORD)
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let list = b.get("/account/tokens").await;
        assert!(list.contains("id=\"no-tokens\""), "{}", list.body);
        let add = b.get("/account/tokens/add?method=token_cram").await;
        assert_eq!(add.status, 200, "{}", add.body);
        let prove = b
            .post(
                "/account/tokens/add",
                &[
                    ("csrf_token", add.csrf().as_str()),
                    ("method", "token_cram"),
                    ("serial", "dp0042"),
                    ("name", "Digipass"),
                ],
            )
            .await;
        assert_eq!(prove.status, 200, "{}", prove.body);
        let q = by_id(&prove, "token-challenge");
        assert_eq!(q.len(), 8, "QN08: {q}");
        let added = b
            .post(
                "/account/tokens/prove",
                &[
                    ("csrf_token", prove.csrf().as_str()),
                    ("ceremony", prove.input_value("ceremony").unwrap().as_str()),
                    ("response", respond(&q).as_str()),
                ],
            )
            .await;
        assert_eq!(added.status, 303, "{}", added.body);
        let list = b.get("/account/tokens?added=1").await;
        assert!(list.contains("data-serial=\"DP-0042\""), "{}", list.body);
        let mail = app.mail_to(STAFF, 1).await;
        assert!(mail[0].text().contains("Digipass"), "{}", mail[0].text());

        // Sign in: the challenge has the suite's 8 digits; a wrong response, a new challenge.
        let b = app.browser();
        let page = method_step(&b, CRAM_ONLY, STAFF, "PASSWORD_TOKEN_CRAM").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(by_id(&page, "code-device"), "DP-0042");
        let q1 = by_id(&page, "code-challenge");
        let wrong = answer(&b, &page, "000000").await;
        assert_eq!(wrong.status, 401, "{}", wrong.body);
        let q2 = by_id(&wrong, "code-challenge");
        assert_ne!(q1, q2, "a new challenge");
        // The first challenge's response no longer works.
        let stale = answer(&b, &wrong, &respond(&q1)).await;
        assert_eq!(stale.status, 401);
        let q3 = by_id(&stale, "code-challenge");
        let done = answer(&b, &stale, &respond(&q3)).await;
        assert_eq!(done.status, 303, "{}", done.body);

        let b = app.browser();
        let page = method_step(&b, EC, STAFF, "PASSWORD_TOKEN_CRAM").await;
        let q = by_id(&page, "code-challenge");
        let done = answer(&b, &page, &respond(&q)).await;
        let body = app
            .cas_validate("laxValidate", EC, &done.ticket().expect("ticket"), "")
            .await;
        assert!(
            body.contains("<cas:tokenCramId>DP-0042</cas:tokenCramId>"),
            "{body}"
        );
    })
    .await;
}

/// Binding refuses the same way whatever is wrong — an unknown serial, another account's
/// token, wrong codes — and is bounded per account (5 an hour); users who are not
/// staff cannot bind at all; PANIC leaves the token disabled until the help desk unlocks it.
#[tokio::test]
async fn binding_refusals_user_types_and_panic() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(STAFF, Some("Kim"), "Staff").await;
        app.add_user(OTHER, Some("Lee"), "Staff").await;
        app.add_user(GUEST, Some("Gus"), "Guest").await;
        import(
            &app,
            &format!("11110001,{KEY20},hotp,6\n11110002,{KEY20},hotp,6\n"),
        )
        .await;
        assign(&app, "11110002", OTHER).await;
        let k = key(KEY20);
        let code = |c: u64| hotp::hotp(&k, Hash::Sha1, c, 6).unwrap();

        let b = app.browser();
        let done = b
            .login_at("/cas/login?next=%2Faccount", STAFF, PASSWORD)
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let mut refusals = Vec::new();
        for (serial, c1, c2) in [
            ("99999999", code(0), code(1)),
            ("11110002", code(0), code(1)),
            ("11110001", code(0), code(2)),
        ] {
            let page = bind(&b, serial, &c1, &c2).await;
            assert_eq!(page.status, 400, "{}", page.body);
            refusals.push(by_id(&page, "tokens-error"));
        }
        assert!(refusals.windows(2).all(|w| w[0] == w[1]), "{refusals:?}");
        let t = app
            .store
            .token_by_serial("11110001")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            t.failures, 0,
            "binding attempts count per account, not on the token"
        );
        // Two consecutive codes far ahead (within the resync window) bind it.
        let page = bind(&b, "11110001", &code(500), &code(501)).await;
        assert_eq!(page.status, 303, "{}", page.body);
        let t = app
            .store
            .token_by_serial("11110001")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((t.counter, t.failures), (502, 0));
        // Five attempts an hour per account; the sixth is refused whatever it holds.
        app.add_user("may@limen.test", Some("May"), "Staff").await;
        let m = app.browser();
        let done = m
            .login_at("/cas/login?next=%2Faccount", "may@limen.test", PASSWORD)
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        for _ in 0..5 {
            let page = bind(&m, "99999998", "123456", "234567").await;
            assert!(page.text().contains("do not match"), "{}", page.body);
        }
        let page = bind(&m, "11110003", &code(0), &code(1)).await;
        assert!(page.text().contains("too often"), "{}", page.body);

        // Not staff: no "Add a token", and the form refuses.
        let g = app.browser();
        let done = g
            .login_at("/cas/login?next=%2Faccount", GUEST, PASSWORD)
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let list = g.get("/account/tokens").await;
        assert!(!list.contains("id=\"add-token\""), "{}", list.body);
        let add = g.get("/account/tokens/add?method=token").await;
        assert_eq!(add.status, 403, "{}", add.body);

        // PANIC-like removal of every factor: the token leaves disabled.
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse(STAFF).unwrap())
            .await
            .unwrap()
            .unwrap();
        app.state
            .authn
            .remove_all_factors(&account, limen_authn::Actor::Cli, &limen_authn::Client::CLI)
            .await
            .unwrap();
        let t = app
            .store
            .token_by_serial("11110001")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(t.account_id, None);
        assert!(t.disabled);
    })
    .await;
}
