//! The strength policy on the login pages (issue 5): the method selector (allowed for the service
//! and the request, enabled, for this user type, registered, in a stable order), what a user
//! without a suitable method is told, EU Login's `acceptStrengths` and `authenticationLevel` on
//! `/cas/login` (narrowing, step-up, `INVALID_STRENGTH`), retirement dates with the injected
//! clock, rules per user type, a disabled method, and the minimum identity assurance of a service.

use crate::webauthn::{
    KEY_ONLY, OPEN, assert_ticket, login_url, method_page, offered, origin, passkey_options,
    passkey_post, password_for_key, register, services, signed_in, step_up, use_key, with_key,
};
use base64::Engine;
use limen_core::{AssuranceLevel, Method, MethodRule, Strength, UserType};
use limen_store::NewWebauthnCredential;
use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
use limen_testkit::*;
use limen_web::WebConfig;

/// A service accepting the password only.
const PASSWORD_ONLY: &str = "http://127.0.0.1:9/pwd/";
/// A service listing its strengths strongest first.
const REVERSED: &str = "http://127.0.0.1:9/reversed/";
/// A service for accounts of MEDIUM assurance and up.
const SPONSORED: &str = "http://127.0.0.1:9/sponsored/";

const JANE: &str = "jane@example.org";
const JOHN: &str = "john@example.org";
const IAN: &str = "ian@limen.test";

const KEY_METHOD: &str = "Security key or trusted platform";
const REGISTER_LINK: &str = "href=\"/cas/login?next=%2Faccount%2Fwebauthn\"";
const UNAVAILABLE: &str = "This verification method is not available here.";

async fn more_services(app: &TestApp) {
    services(app).await;
    app.add_service("Password only", "http://127.0.0.1:9/pwd/*", |s| {
        s.accepted_strengths = vec![Strength::Password];
    })
    .await;
    app.add_service("Reversed", "http://127.0.0.1:9/reversed/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordWebauthn, Strength::Password];
    })
    .await;
    app.add_service("Sponsored", "http://127.0.0.1:9/sponsored/*", |s| {
        s.min_assurance = AssuranceLevel::Medium;
    })
    .await;
}

/// The method page a new browser gets for `path` and `email`.
async fn fresh_methods(app: &TestApp, path: &str, email: &str) -> Page {
    method_page(&app.browser(), path, email).await
}

/// Posts the method page with the password and `method`.
async fn choose(b: &Browser, page: &Page, email: &str, method: &str) -> Page {
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("step", "password"),
            ("method", method),
            ("email", email),
            ("password", PASSWORD),
        ],
    )
    .await
}

/// A key that got into the account while the rules allowed it (a real credential, registered
/// with the server's relying party and stored as My account would).
async fn registered_earlier(app: &TestApp, email: &str, auth: &mut SoftAuthenticator) {
    let account = crate::webauthn::account_id(app, email).await;
    let handle = app
        .store
        .webauthn_user_handle(account, &limen_crypto::random_token(32))
        .await
        .unwrap();
    let handle_bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&handle)
        .unwrap();
    let (options, state) = app
        .state
        .authn
        .factor_as::<limen_web::webauthn::WebauthnFactor>(limen_core::Method::Webauthn)
        .unwrap()
        .relying_party()
        .start_registration(
            &handle_bytes,
            email,
            email,
            limen_web::webauthn::Kind::Passkey,
            Vec::new(),
        )
        .unwrap();
    let created = auth.create(&options, &origin(app)).expect("create");
    let registered = app
        .state
        .authn
        .factor_as::<limen_web::webauthn::WebauthnFactor>(limen_core::Method::Webauthn)
        .unwrap()
        .relying_party()
        .finish_registration(&serde_json::to_string(&created).unwrap(), &state)
        .unwrap_or_else(|e| panic!("registration: {e:?}"));
    app.store
        .add_webauthn_credential(&NewWebauthnCredential {
            account_id: account,
            credential_id: registered.credential_id,
            name: "Earlier key".into(),
            kind: "passkey".into(),
            aaguid: registered.aaguid,
            attestation_format: registered.attestation_format,
            user_verified: registered.user_verified,
            credential: registered.record,
            created_at: app.clock_now(),
        })
        .await
        .unwrap();
}

/// Tries a passwordless login with `auth` to `service`; returns the answer.
async fn passwordless(app: &TestApp, service: &str, auth: &mut SoftAuthenticator) -> Page {
    let b = app.browser();
    let email_page = b.get(&login_url(service)).await;
    assert_eq!(email_page.status, 200);
    let (token, options) = passkey_options(&b, &email_page).await;
    let assertion = auth.get(&options, &origin(app)).expect("get");
    passkey_post(
        &b,
        service,
        &email_page.csrf(),
        &token,
        &serde_json::to_string(&assertion).unwrap(),
    )
    .await
}

#[tokio::test]
async fn the_selector_offers_allowed_and_registered_methods_in_a_stable_order() {
    each_backend(defaults, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(JOHN, Some("John"), "Roe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;

        let both = vec!["PASSWORD", "PASSWORD_WEBAUTHN"];
        for (path, jane, john) in [
            ("/cas/login".to_owned(), both.clone(), vec!["PASSWORD"]),
            (login_url(OPEN), both.clone(), vec!["PASSWORD"]),
            (login_url(REVERSED), both.clone(), vec!["PASSWORD"]),
            (login_url(PASSWORD_ONLY), vec!["PASSWORD"], vec!["PASSWORD"]),
            (login_url(KEY_ONLY), vec!["PASSWORD_WEBAUTHN"], vec![]),
        ] {
            let page = fresh_methods(&app, &path, JANE).await;
            assert_eq!(page.status, 200, "{path}: {}", page.body);
            assert_eq!(offered(&page), jane, "Jane at {path}");
            // The first offered method is preselected.
            assert!(
                page.contains(&format!("value=\"{}\" checked", jane[0])),
                "{path}"
            );
            let page = fresh_methods(&app, &path, JOHN).await;
            assert_eq!(offered(&page), john, "John at {path}");
            assert_eq!(page.status, if john.is_empty() { 403 } else { 200 });
            // An unknown address gets the offer of an account with the password alone.
            let page = fresh_methods(&app, &path, "nobody@example.org").await;
            assert_eq!(offered(&page), john, "nobody at {path}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_user_without_the_required_method_is_told_what_to_register() {
    each_backend(defaults, |app| async move {
        more_services(&app).await;
        app.add_user(JOHN, Some("John"), "Roe").await;
        let b = app.browser();
        let page = method_page(&b, &login_url(KEY_ONLY), JOHN).await;
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.contains("id=\"no-method\""));
        assert!(!page.contains("name=\"password\""));
        assert!(
            page.text().contains(&format!(
                "Strong requires a verification method you have not set up yet: {KEY_METHOD}."
            )),
            "{}",
            page.text()
        );
        assert!(page.contains(REGISTER_LINK), "{}", page.body);

        // Forcing a method is no way round it.
        for method in ["PASSWORD", "PASSWORD_WEBAUTHN"] {
            // (The no-method page has no form: the e-mail page's token.)
            let login = b.get(&format!("{}&switch=1", login_url(KEY_ONLY))).await;
            let forced = b
                .post(
                    &login_url(KEY_ONLY),
                    &[
                        ("csrf_token", login.csrf().as_str()),
                        ("step", "password"),
                        ("method", method),
                        ("email", JOHN),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(forced.status, 400, "{method}: {}", forced.body);
            assert!(forced.text().contains(UNAVAILABLE));
            assert!(forced.ticket().is_none());
            assert!(!forced.contains("webauthn-ceremony"));
        }

        // The link: password login, My account, register a key, and the service lets John in.
        let login = b.get("/cas/login?next=%2Faccount%2Fwebauthn").await;
        assert_eq!(login.status, 200);
        let signed = b.password_step(&login, JOHN, PASSWORD).await;
        assert_eq!(signed.status, 303, "{}", signed.body);
        assert_eq!(signed.location.as_deref(), Some("/account/webauthn"));
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        register(&app, &b, &mut key, "security_key", "Blue key").await;
        let login = b.get(&login_url(KEY_ONLY)).await;
        assert!(login.contains("id=\"stepup-notice\""));
        let page = step_up(&b, &login, JOHN).await;
        let done = use_key(&app, &b, &page, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
    })
    .await;
}

#[tokio::test]
async fn accept_strengths_narrow_the_login_as_eu_login_clients_expect() {
    each_backend(defaults, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(JOHN, Some("John"), "Roe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;
        let narrowed = format!(
            "{}&acceptStrengths=PASSWORD_MOBILE_APP,PASSWORD_WEBAUTHN",
            login_url(OPEN)
        );

        // Only the key is offered; to a user without one, the two accepted methods are
        // suggested.
        let page = fresh_methods(&app, &narrowed, JANE).await;
        assert_eq!(offered(&page), vec!["PASSWORD_WEBAUTHN"]);
        let page = fresh_methods(&app, &narrowed, JOHN).await;
        assert_eq!(page.status, 403);
        assert!(
            page.text().contains(&format!(
                "you have not set up yet: {KEY_METHOD}, EU Login Mobile App PIN Code."
            )),
            "{}",
            page.text()
        );
        // Deprecated aliases are understood: STRONG is the password.
        let page = fresh_methods(
            &app,
            &format!("{}&acceptStrengths=STRONG", login_url(OPEN)),
            JANE,
        )
        .await;
        assert_eq!(offered(&page), vec!["PASSWORD"]);

        // A password session is stepped up for the narrowed request, not for the plain one.
        let b = app.browser();
        let first = b.login(Some(OPEN), JANE, PASSWORD).await;
        assert_ticket(&app, &first, OPEN, "PASSWORD", "BASIC", "").await;
        let login = b.get(&narrowed).await;
        assert_eq!(login.status, 200, "{}", login.body);
        assert!(login.contains("id=\"stepup-notice\""));
        assert!(!login.contains("name=\"password\""));
        assert_eq!(offered(&login), vec!["PASSWORD_WEBAUTHN"]);
        let page = step_up(&b, &login, JANE).await;
        let done = use_key(&app, &b, &page, &mut key).await;
        assert_ticket(&app, &done, OPEN, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        // The service's own validation parameters agree with what was proven.
        let again = b.get(&narrowed).await;
        assert_ticket(
            &app,
            &again,
            OPEN,
            "PASSWORD_WEBAUTHN",
            "MEDIUM",
            "&acceptStrengths=PASSWORD_MOBILE_APP,PASSWORD_WEBAUTHN",
        )
        .await;
        let other = app.browser();
        let plain = other.login(Some(OPEN), JANE, PASSWORD).await;
        assert_ticket(&app, &plain, OPEN, "PASSWORD", "BASIC", "").await;
    })
    .await;
}

#[tokio::test]
async fn strengths_a_service_does_not_allow_are_invalid() {
    each_backend(defaults, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let signed = signed_in(&app, JANE).await;
        for (service, query, name) in [
            (KEY_ONLY, "&acceptStrengths=PASSWORD", "Strong"),
            (
                KEY_ONLY,
                "&acceptStrengths=PASSWORD_WEBAUTHN,PASSWORD_SMS",
                "Strong",
            ),
            (KEY_ONLY, "&authenticationLevel=HIGH", "Strong"),
            (
                PASSWORD_ONLY,
                "&authenticationLevel=MEDIUM",
                "Password only",
            ),
            (
                PASSWORD_ONLY,
                "&acceptStrengths=PASSWORD_WEBAUTHN",
                "Password only",
            ),
            (OPEN, "&acceptStrengths=NOT_A_STRENGTH", "App"),
            (OPEN, "&authenticationLevel=EXTREME", "App"),
        ] {
            let path = format!("{}{query}", login_url(service));
            for b in [&app.browser(), &signed] {
                let page = b.get(&path).await;
                assert_eq!(page.status, 400, "{path}: {}", page.body);
                assert!(page.location.is_none());
                let text = page.text();
                assert!(text.contains("INVALID_STRENGTH"), "{path}: {text}");
                assert!(
                    text.contains(&format!(
                        "{name} asked for verification methods it is not allowed to use"
                    )),
                    "{path}: {text}"
                );
            }
            // Nor does posting the login form get round it.
            let b = app.browser();
            let page = b.get(&login_url(service)).await;
            let posted = b
                .post(
                    &path,
                    &[
                        ("csrf_token", page.csrf().as_str()),
                        ("step", "password"),
                        ("method", "PASSWORD"),
                        ("email", JANE),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(posted.status, 400, "{path}");
            assert!(posted.text().contains("INVALID_STRENGTH"));
            assert!(posted.ticket().is_none());
        }
    })
    .await;
}

#[tokio::test]
async fn authentication_level_medium_on_the_login_page() {
    each_backend(defaults, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(JOHN, Some("John"), "Roe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;
        let medium = format!("{}&authenticationLevel=MEDIUM", login_url(OPEN));
        let basic = format!("{}&authenticationLevel=BASIC", login_url(OPEN));

        let page = fresh_methods(&app, &medium, JANE).await;
        assert_eq!(offered(&page), vec!["PASSWORD_WEBAUTHN"]);
        let page = fresh_methods(&app, &medium, JOHN).await;
        assert_eq!(page.status, 403);
        assert!(page.contains("id=\"no-method\""));
        assert!(page.contains(REGISTER_LINK));
        let page = fresh_methods(&app, &basic, JANE).await;
        assert_eq!(offered(&page), vec!["PASSWORD", "PASSWORD_WEBAUTHN"]);

        let b = app.browser();
        let first = b.login(Some(OPEN), JANE, PASSWORD).await;
        assert_ticket(&app, &first, OPEN, "PASSWORD", "BASIC", "").await;
        let sso = b.get(&basic).await;
        assert_ticket(&app, &sso, OPEN, "PASSWORD", "BASIC", "").await;
        let login = b.get(&medium).await;
        assert!(login.contains("id=\"stepup-notice\""), "{}", login.body);
        let page = step_up(&b, &login, JANE).await;
        let done = use_key(&app, &b, &page, &mut key).await;
        assert_ticket(&app, &done, OPEN, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        // BASIC accepts every higher level: the strongest proof is used.
        let sso = b.get(&basic).await;
        assert_ticket(&app, &sso, OPEN, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;

        // The same with a fresh login: password and key in one go.
        let c = app.browser();
        let methods = method_page(&c, &medium, JANE).await;
        let page = password_for_key(&c, &methods, JANE, PASSWORD).await;
        let done = use_key(&app, &c, &page, &mut key).await;
        assert_ticket(&app, &done, OPEN, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
    })
    .await;
}

/// WebAuthn retires tomorrow (UTC, by the injected clock, which starts at the real time).
fn retire_tomorrow(c: &mut WebConfig) {
    c.methods.set(
        Method::Webauthn,
        MethodRule {
            retire_on: Some(time::OffsetDateTime::now_utc().date() + time::Duration::days(1)),
            ..MethodRule::default()
        },
    );
}

#[tokio::test]
async fn a_retired_method_disappears_on_its_date_and_users_are_told() {
    each_backend(retire_tomorrow, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(JOHN, Some("John"), "Roe").await;
        let day = app
            .state
            .config
            .methods
            .rule(Method::Webauthn)
            .retire_on
            .expect("a retirement date");
        assert!(app.clock_now().date() < day);
        let mut key = SoftAuthenticator::new(Attachment::Platform);
        let b = signed_in(&app, JANE).await;
        register(&app, &b, &mut key, "passkey", "Phone").await;

        // Until the day, it works: with the password, and without.
        let page = fresh_methods(&app, &login_url(OPEN), JANE).await;
        assert_eq!(offered(&page), vec!["PASSWORD", "PASSWORD_WEBAUTHN"]);
        assert!(!page.contains("retired-notice"));
        let c = app.browser();
        let done = crate::webauthn::login_with_key(&app, &c, &login_url(KEY_ONLY), JANE, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        let done = passwordless(&app, KEY_ONLY, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;

        app.advance(time::Duration::days(2));
        let notice = format!(
            "The method \"{KEY_METHOD}\" was retired on {day}. Register another verification method in My account."
        );
        // Gone from the selector; the user is told.
        let page = fresh_methods(&app, &login_url(OPEN), JANE).await;
        assert_eq!(page.status, 200);
        assert_eq!(offered(&page), vec!["PASSWORD"]);
        assert!(page.contains("class=\"notice retired-notice\""));
        assert!(page.text().contains(&notice), "{}", page.text());
        // A service that accepted only it has nothing left to offer, and no link to register it.
        let page = fresh_methods(&app, &login_url(KEY_ONLY), JANE).await;
        assert_eq!(page.status, 403);
        assert!(page.contains("id=\"no-method\""));
        assert!(page.contains("retired-notice"));
        assert!(
            page.text().contains(
                "None of the verification methods accepted by Strong is available for your account."
            ),
            "{}",
            page.text()
        );
        assert!(!page.contains(REGISTER_LINK));
        // Users who never had it are not told about it.
        let page = fresh_methods(&app, &login_url(OPEN), JOHN).await;
        assert!(!page.contains("retired-notice"));
        // Forcing it, or a passkey, gets nowhere.
        let b2 = app.browser();
        let page = method_page(&b2, &login_url(OPEN), JANE).await;
        let forced = choose(&b2, &page, JANE, "PASSWORD_WEBAUTHN").await;
        assert_eq!(forced.status, 400);
        assert!(forced.text().contains(UNAVAILABLE));
        let email_page = app.browser().get(&login_url(OPEN)).await;
        assert!(!email_page.contains("id=\"passkey-form\""));
        let p = app.browser();
        let page = p.get(&login_url(OPEN)).await;
        let options = p
            .post("/cas/login/passkey/options", &[("csrf_token", page.csrf().as_str())])
            .await;
        assert_eq!(options.status, 404);
        // And My account does not register new ones.
        let b = signed_in(&app, JANE).await;
        let add = b.get("/account/webauthn/add?kind=security_key").await;
        assert_eq!(add.status, 403, "{}", add.body);
        assert!(
            add.text()
                .contains("Security keys and trusted platforms are not available for your account.")
        );
        // The password still works everywhere it is accepted.
        let done = b.get(&login_url(OPEN)).await;
        assert_ticket(&app, &done, OPEN, "PASSWORD", "BASIC", "").await;
    })
    .await;
}

fn internal_only(c: &mut WebConfig) {
    c.methods.set(
        Method::Webauthn,
        MethodRule {
            user_types: vec![UserType::Internal],
            ..MethodRule::default()
        },
    );
}

#[tokio::test]
async fn a_method_for_internal_users_only_is_offered_to_them_only() {
    each_backend(internal_only, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(IAN, Some("Ian"), "Staff").await;

        // Jane (external) is neither offered nor told to register it, and cannot add a key.
        let page = fresh_methods(&app, &login_url(OPEN), JANE).await;
        assert_eq!(offered(&page), vec!["PASSWORD"]);
        let page = fresh_methods(&app, &login_url(KEY_ONLY), JANE).await;
        assert_eq!(page.status, 403);
        assert!(page.contains("id=\"no-method\""));
        assert!(!page.contains(REGISTER_LINK));
        let b = signed_in(&app, JANE).await;
        let add = b.get("/account/webauthn/add?kind=security_key").await;
        assert_eq!(add.status, 403);
        assert!(
            add.text().contains(
                "Security keys and trusted platforms are not available for your account."
            )
        );
        let list = b.get("/account/password").await;
        let posted = b
            .post(
                "/account/webauthn/add",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("kind", "security_key"),
                    ("name", "Sneaky"),
                ],
            )
            .await;
        assert_eq!(posted.status, 403);
        assert!(!posted.contains("webauthn-ceremony"));

        // A key she got before the rule: still not offered, not usable by any route.
        let mut earlier = SoftAuthenticator::new(Attachment::Platform);
        registered_earlier(&app, JANE, &mut earlier).await;
        let page = fresh_methods(&app, &login_url(OPEN), JANE).await;
        assert_eq!(offered(&page), vec!["PASSWORD"]);
        let page = fresh_methods(&app, &login_url(KEY_ONLY), JANE).await;
        assert_eq!(page.status, 403);
        let c = app.browser();
        let page = method_page(&c, &login_url(OPEN), JANE).await;
        let forced = choose(&c, &page, JANE, "PASSWORD_WEBAUTHN").await;
        assert_eq!(forced.status, 400);
        assert!(forced.text().contains(UNAVAILABLE));
        assert!(!forced.contains("webauthn-ceremony"));
        let refused = passwordless(&app, KEY_ONLY, &mut earlier).await;
        assert!(
            refused.ticket().is_none(),
            "an external user's passkey was accepted"
        );
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(refused.contains("id=\"webauthn-error\""));
        assert!(
            refused.text().contains(
                "Security keys and trusted platforms are not available for your account."
            )
        );
        let refused = passwordless(&app, OPEN, &mut earlier).await;
        assert_eq!(refused.status, 403);
        assert!(refused.ticket().is_none());

        // Ian (internal) is told to register it, registers it, and uses it.
        let page = fresh_methods(&app, &login_url(KEY_ONLY), IAN).await;
        assert_eq!(page.status, 403);
        assert!(page.contains(REGISTER_LINK));
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, IAN, &mut key, "Badge key").await;
        let page = fresh_methods(&app, &login_url(OPEN), IAN).await;
        assert_eq!(offered(&page), vec!["PASSWORD", "PASSWORD_WEBAUTHN"]);
        let d = app.browser();
        let done =
            crate::webauthn::login_with_key(&app, &d, &login_url(KEY_ONLY), IAN, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
    })
    .await;
}

fn webauthn_disabled(c: &mut WebConfig) {
    c.methods.set(
        Method::Webauthn,
        MethodRule {
            enabled: false,
            ..MethodRule::default()
        },
    );
}

#[tokio::test]
async fn a_disabled_method_is_offered_to_nobody() {
    each_backend(webauthn_disabled, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(IAN, Some("Ian"), "Staff").await;
        let mut earlier = SoftAuthenticator::new(Attachment::Platform);
        registered_earlier(&app, JANE, &mut earlier).await;
        for email in [JANE, IAN] {
            let page = fresh_methods(&app, &login_url(OPEN), email).await;
            assert_eq!(offered(&page), vec!["PASSWORD"], "{email}");
            assert!(!page.contains("retired-notice"));
            let page = fresh_methods(&app, &login_url(KEY_ONLY), email).await;
            assert_eq!(page.status, 403, "{email}");
            assert!(
                page.text().contains(
                    "None of the verification methods accepted by Strong is available for your account."
                ),
                "{}",
                page.text()
            );
            assert!(!page.contains(REGISTER_LINK));
        }
        let c = app.browser();
        let page = method_page(&c, &login_url(OPEN), JANE).await;
        let forced = choose(&c, &page, JANE, "PASSWORD_WEBAUTHN").await;
        assert_eq!(forced.status, 400);
        assert!(!forced.contains("webauthn-ceremony"));
        // No passkey login either.
        let email_page = app.browser().get(&login_url(OPEN)).await;
        assert!(!email_page.contains("id=\"passkey-form\""));
        let p = app.browser();
        let page = p.get(&login_url(OPEN)).await;
        let options = p
            .post("/cas/login/passkey/options", &[("csrf_token", page.csrf().as_str())])
            .await;
        assert_eq!(options.status, 404);
        let posted = passkey_post(&p, OPEN, &page.csrf(), "whatever", "{}").await;
        assert_eq!(posted.status, 401);
        assert!(posted.ticket().is_none());
        // Nor can a key be added.
        let b = signed_in(&app, IAN).await;
        let add = b.get("/account/webauthn/add?kind=passkey").await;
        assert_eq!(add.status, 403);
        // Adding a factor to Jane's account (which has one) asks for a level nothing can reach
        // now; the page must not loop back to a login that offers nothing.
        let b = signed_in(&app, JANE).await;
        let add = b.get("/account/webauthn/add?kind=passkey").await;
        assert_eq!(add.status, 403, "{:?} {}", add.location, add.body);
    })
    .await;
}

#[tokio::test]
async fn a_service_above_the_users_assurance_refuses_with_a_clear_page() {
    each_backend(defaults, |app| async move {
        more_services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;
        let refusal =
            "Sponsored requires an account with a higher identity assurance level than yours.";

        let b = app.browser();
        let page = b.login(Some(SPONSORED), JANE, PASSWORD).await;
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.ticket().is_none());
        assert!(page.text().contains(refusal), "{}", page.text());
        // Signed in all the same, and refused again from the session.
        let again = b.get(&login_url(SPONSORED)).await;
        assert_eq!(again.status, 403);
        assert!(again.text().contains(refusal));
        let open = b.get(&login_url(OPEN)).await;
        assert_eq!(open.status, 303);
        // A stronger method does not make up for the assurance level.
        let c = app.browser();
        let done =
            crate::webauthn::login_with_key(&app, &c, &login_url(SPONSORED), JANE, &mut key).await;
        assert_eq!(done.status, 403, "{}", done.body);
        assert!(done.ticket().is_none());
        assert!(done.text().contains(refusal));
    })
    .await;
}
