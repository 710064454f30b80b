//! The login pages: identifier first, no account enumeration, CSRF, throttling, refusals of
//! locked accounts and expired passwords, remembered address, languages and where the user goes
//! after signing in.

use limen_core::{AccountStatus, AssuranceLevel, Email, PersonName, UserType};
use limen_store::NewAccount;
use limen_testkit::*;
use time::Duration;

pub const CREDENTIALS: &str = "The e-mail address or the password is incorrect.";
const SUCCESS: &str = "Authentication succeeded";

/// The page body with the HTML entities askama writes turned back into text.
pub fn text(page: &Page) -> String {
    page.body
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Like [`Browser::login`], for any login path (e.g. with `next=`).
pub async fn login_at(b: &Browser, path: &str, email: &str, password: &str) -> Page {
    b.login_at(path, email, password).await
}

/// The value of cookie `name` set by `page`, if any.
pub fn set_cookie<'a>(page: &'a Page, name: &str) -> Option<&'a str> {
    page.headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
}

/// The password page the e-mail step leads to.
async fn password_page(b: &Browser, email: &str) -> Page {
    let page = b.password_page_at("/cas/login", email).await;
    assert!(page.contains("name=\"step\" value=\"password\""));
    page
}

/// Two pages are the same but for the e-mail address they show.
fn assert_same_but_address(a: &Page, a_email: &str, b: &Page, b_email: &str) {
    assert_eq!(a.status, b.status);
    assert_eq!(
        a.body.replace(a_email, "ADDRESS"),
        b.body.replace(b_email, "ADDRESS"),
        "pages differ beyond the address"
    );
}

async fn session_count(app: &TestApp, email: &str) -> usize {
    let email = Email::parse(email).unwrap();
    let account = app.store.account_by_email(&email).await.unwrap().unwrap();
    app.store
        .sessions_of_account(
            account.id,
            app.clock_now(),
            app.clock_now() - time::Duration::hours(2),
        )
        .await
        .unwrap()
        .len()
}

fn throttle_message(minutes: i64, until: time::OffsetDateTime) -> String {
    let at = until
        .format(time::macros::format_description!("[hour]:[minute]"))
        .unwrap();
    if minutes == 1 {
        format!("Too many failed attempts. Try again in one minute (at {at} UTC).")
    } else {
        format!("Too many failed attempts. Try again in {minutes} minutes (at {at} UTC).")
    }
}

fn retry_after(page: &Page) -> Option<&str> {
    page.headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
}

/// Retry-After in seconds, checked to be about `expected` (the store keeps whole seconds, so the
/// exact figure is checked by `waiting_retry_after_is_enough`).
fn assert_retry_after(page: &Page, expected: i64) {
    let secs: i64 = retry_after(page)
        .expect("Retry-After header")
        .parse()
        .expect("Retry-After in seconds");
    assert!(
        (expected - 1..=expected).contains(&secs),
        "Retry-After {secs}, expected about {expected}"
    );
}

#[tokio::test]
async fn the_first_page_asks_for_the_email_address() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let page = b.get("/cas/login").await;
        assert_eq!(page.status, 200);
        assert!(page.contains("Sign in to continue"));
        assert!(page.contains("name=\"email\""));
        assert!(page.contains("name=\"step\" value=\"email\""));
        assert!(!page.contains("name=\"password\""));
        assert_eq!(page.form_action(), "/cas/login");
    })
    .await;
}

#[tokio::test]
async fn an_invalid_or_empty_address_is_explained() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        let first = b.get("/cas/login").await;
        let invalid = b
            .post(
                "/cas/login",
                &[
                    ("csrf_token", &first.csrf()),
                    ("step", "email"),
                    ("email", "jane.example.org"),
                ],
            )
            .await;
        assert_eq!(invalid.status, 400);
        assert!(text(&invalid).contains("This is not a valid e-mail address"));
        // What was typed is kept, and the page still asks for an address.
        assert!(invalid.contains("value=\"jane.example.org\""));
        assert!(invalid.contains("name=\"step\" value=\"email\""));
        assert!(invalid.contains("aria-invalid=\"true\""));

        let empty = b
            .post(
                "/cas/login",
                &[
                    ("csrf_token", &first.csrf()),
                    ("step", "email"),
                    ("email", ""),
                ],
            )
            .await;
        assert_eq!(empty.status, 400);
        assert!(empty.contains("Please enter your e-mail address."));
        assert!(!empty.contains("This is not a valid e-mail address"));

        // Neither is remembered.
        let again = b.get("/cas/login").await;
        assert!(again.contains("name=\"step\" value=\"email\""));
    })
    .await;
}

#[tokio::test]
async fn the_password_page_tells_external_users_without_revealing_accounts() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        app.add_user("ian@limen.test", Some("Ian"), "Internal")
            .await;
        let b = app.browser();

        let external = password_page(&b, "jane@example.org").await;
        assert!(external.contains("jane@example.org"));
        assert!(external.contains("(External)"));

        let internal = password_page(&b, "ian@limen.test").await;
        assert!(internal.contains("ian@limen.test"));
        assert!(!internal.contains("(External)"));

        // Unknown addresses get exactly the same pages.
        let unknown_external = password_page(&b, "nobody@example.org").await;
        assert_same_but_address(
            &external,
            "jane@example.org",
            &unknown_external,
            "nobody@example.org",
        );
        let unknown_internal = password_page(&b, "nobody@limen.test").await;
        assert_same_but_address(
            &internal,
            "ian@limen.test",
            &unknown_internal,
            "nobody@limen.test",
        );
    })
    .await;
}

#[tokio::test]
async fn wrong_password_unknown_and_pending_accounts_get_the_same_answer() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let pending = Email::parse("pat@example.org").unwrap();
        app.store
            .create_account(
                NewAccount {
                    user_type: UserType::for_email(&pending, &["limen.test".to_owned()]),
                    email: pending,
                    first_name: Some(PersonName::parse("Pat").unwrap()),
                    last_name: PersonName::parse("Pending").unwrap(),
                    status: AccountStatus::Pending,
                    assurance: AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: None,
                },
                app.clock_now(),
            )
            .await
            .unwrap();
        let b = app.browser();

        let wrong = b.login(None, "jane@example.org", "Wrong-pass-123!").await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.contains(CREDENTIALS));
        assert!(set_cookie(&wrong, "limen_sso").is_none());

        let unknown = b.login(None, "john@example.org", "Wrong-pass-123!").await;
        assert_same_but_address(&wrong, "jane@example.org", &unknown, "john@example.org");
        // Even the real password of another account does not help.
        let unknown = b.login(None, "john@example.org", PASSWORD).await;
        assert_same_but_address(&wrong, "jane@example.org", &unknown, "john@example.org");

        let pending = b.login(None, "pat@example.org", PASSWORD).await;
        assert_same_but_address(&wrong, "jane@example.org", &pending, "pat@example.org");

        let empty = b.login(None, "jane@example.org", "").await;
        assert_eq!(empty.status, 400);
        assert!(empty.contains("Please enter your password."));

        assert_eq!(session_count(&app, "jane@example.org").await, 0);
        assert_eq!(b.get("/account").await.status, 303);
    })
    .await;
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = password_page(&b, "jane@example.org").await;
        let token = page.csrf();
        let csrf_text = "This form has expired or was sent from another site.";

        let missing = b
            .post(
                "/cas/login",
                &[
                    ("step", "password"),
                    ("method", "PASSWORD"),
                    ("email", "jane@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(missing.status, 403);
        assert!(missing.contains(csrf_text));
        assert!(set_cookie(&missing, "limen_sso").is_none());

        let wrong_token = "0".repeat(token.len());
        let wrong = b
            .post(
                "/cas/login",
                &[
                    ("csrf_token", &wrong_token),
                    ("step", "password"),
                    ("method", "PASSWORD"),
                    ("email", "jane@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(wrong.status, 403);
        assert!(wrong.contains(csrf_text));

        // A valid token, from a browser that does not hold the matching cookie.
        let fresh = app.browser();
        let foreign = fresh
            .password_step(&page, "jane@example.org", PASSWORD)
            .await;
        assert_eq!(foreign.status, 403);
        assert!(foreign.contains(csrf_text));
        assert!(set_cookie(&foreign, "limen_sso").is_none());

        // The e-mail step is protected too.
        let email_step = fresh
            .post(
                "/cas/login",
                &[
                    ("csrf_token", &token),
                    ("step", "email"),
                    ("email", "jane@example.org"),
                ],
            )
            .await;
        assert_eq!(email_step.status, 403);

        assert_eq!(session_count(&app, "jane@example.org").await, 0);
        assert_eq!(b.get("/account").await.status, 303);
        assert_eq!(fresh.get("/account").await.status, 303);

        // The same form with its token works.
        let ok = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(ok.status, 200);
        assert!(ok.contains(SUCCESS));
    })
    .await;
}

#[tokio::test]
async fn five_failures_lock_the_account_for_a_minute() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = password_page(&b, "jane@example.org").await;
        for _ in 0..5 {
            let wrong = b
                .password_step(&page, "jane@example.org", "Wrong-pass-123!")
                .await;
            assert_eq!(wrong.status, 401);
            assert!(wrong.contains(CREDENTIALS));
        }
        let until = app.clock_now() + Duration::minutes(1);
        let throttled = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(throttled.status, 429, "{}", throttled.body);
        assert_retry_after(&throttled, 60);
        assert!(
            throttled.contains(&throttle_message(1, until)),
            "{}",
            throttled.body
        );
        assert!(set_cookie(&throttled, "limen_sso").is_none());
        // Still the password page, so the user can try again later.
        assert!(throttled.contains("name=\"password\""));

        app.advance(Duration::seconds(30));
        let still = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(still.status, 429);
        assert_retry_after(&still, 30);

        app.advance(Duration::seconds(31));
        let ok = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert!(ok.contains(SUCCESS));
    })
    .await;
}

#[tokio::test]
async fn the_lock_doubles_with_further_failures_and_success_resets_it() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = password_page(&b, "jane@example.org").await;
        for _ in 0..5 {
            let wrong = b
                .password_step(&page, "jane@example.org", "Wrong-pass-123!")
                .await;
            assert_eq!(wrong.status, 401);
        }
        app.advance(Duration::seconds(61));
        // A sixth failure in the window: two minutes this time.
        let wrong = b
            .password_step(&page, "jane@example.org", "Wrong-pass-123!")
            .await;
        assert_eq!(wrong.status, 401);
        let until = app.clock_now() + Duration::minutes(2);
        let throttled = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(throttled.status, 429);
        assert_retry_after(&throttled, 120);
        assert!(
            throttled.contains(&throttle_message(2, until)),
            "{}",
            throttled.body
        );

        app.advance(Duration::seconds(61));
        let still = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(still.status, 429);
        assert_retry_after(&still, 59);

        app.advance(Duration::seconds(60));
        let ok = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(ok.status, 200, "{}", ok.body);

        // The success cleared the count: one failure is just a failure again.
        let other = app.browser();
        let wrong = other
            .login(None, "jane@example.org", "Wrong-pass-123!")
            .await;
        assert_eq!(wrong.status, 401);
    })
    .await;
}

#[tokio::test]
async fn waiting_retry_after_is_enough() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        // A clock between two whole seconds, as a real one almost always is, and half a
        // millisecond before the next: the lock ends on a whole second (the store keeps
        // seconds), so a wait rounded up from milliseconds came out one second short (seen in
        // CI once; now rounded up from nanoseconds).
        let past = i64::from(app.clock_now().nanosecond());
        app.advance(Duration::nanoseconds(
            (999_500_000 - past).rem_euclid(1_000_000_000),
        ));
        let b = app.browser();
        let page = password_page(&b, "jane@example.org").await;
        for _ in 0..5 {
            let wrong = b
                .password_step(&page, "jane@example.org", "Wrong-pass-123!")
                .await;
            assert_eq!(wrong.status, 401);
        }
        let throttled = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(throttled.status, 429);
        let wait: i64 = retry_after(&throttled).unwrap().parse().unwrap();
        // RFC 9110 §10.2.3: the client waits this long; then it must be let in.
        app.advance(Duration::seconds(wait));
        let ok = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(
            ok.status, 200,
            "still throttled after waiting Retry-After: {wait} s"
        );
    })
    .await;
}

#[tokio::test]
async fn unknown_addresses_are_throttled_like_real_accounts() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let known = password_page(&b, "jane@example.org").await;
        let unknown = password_page(&b, "ghost@example.org").await;
        for _ in 0..5 {
            let k = b
                .password_step(&known, "jane@example.org", "Wrong-pass-123!")
                .await;
            let u = b
                .password_step(&unknown, "ghost@example.org", "Wrong-pass-123!")
                .await;
            assert_same_but_address(&k, "jane@example.org", &u, "ghost@example.org");
        }
        let k = b.password_step(&known, "jane@example.org", PASSWORD).await;
        let u = b
            .password_step(&unknown, "ghost@example.org", PASSWORD)
            .await;
        assert_eq!(k.status, 429);
        assert_same_but_address(&k, "jane@example.org", &u, "ghost@example.org");
        assert_eq!(retry_after(&k), retry_after(&u));
    })
    .await;
}

fn three_per_address(c: &mut limen_web::WebConfig) {
    c.throttle.address_max_failures = 3;
}

#[tokio::test]
async fn failures_over_many_accounts_lock_the_client_address() {
    each_backend(three_per_address, |app| async move {
        for who in ["a", "b", "c", "d"] {
            app.add_user(&format!("{who}@example.org"), None, "User")
                .await;
        }
        let b = app.browser();
        for who in ["a", "b", "c"] {
            let wrong = b
                .login(None, &format!("{who}@example.org"), "Wrong-pass-123!")
                .await;
            assert_eq!(wrong.status, 401, "{who}");
        }
        // d has never failed, but this address has: 15 minutes.
        let throttled = b.login(None, "d@example.org", PASSWORD).await;
        assert_eq!(throttled.status, 429, "{}", throttled.body);
        assert_retry_after(&throttled, 900);
        assert!(throttled.contains("Too many failed attempts. Try again in 15 minutes"));
        // Another browser from the same address is throttled as well.
        let other = app.browser().login(None, "d@example.org", PASSWORD).await;
        assert_eq!(other.status, 429);

        app.advance(Duration::minutes(15) + Duration::seconds(1));
        let ok = b.login(None, "d@example.org", PASSWORD).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert!(ok.contains(SUCCESS));
    })
    .await;
}

#[tokio::test]
async fn a_locked_account_is_only_revealed_with_its_password() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        app.store
            .set_status(jane.id, AccountStatus::Locked, app.clock_now())
            .await
            .unwrap();
        let b = app.browser();
        let wrong = b.login(None, "jane@example.org", "Wrong-pass-123!").await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.contains(CREDENTIALS));
        assert!(!wrong.contains("locked"));

        let right = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(right.status, 403);
        assert!(right.contains("This account is locked"));
        assert!(set_cookie(&right, "limen_sso").is_none());
        assert_eq!(session_count(&app, "jane@example.org").await, 0);
        assert_eq!(b.get("/account").await.status, 303);
    })
    .await;
}

fn expiring(c: &mut limen_web::WebConfig) {
    c.password_max_age_days = Some(1);
}

#[tokio::test]
async fn an_expired_password_must_be_changed_first() {
    each_backend(expiring, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let fresh = app
            .browser()
            .login(None, "jane@example.org", PASSWORD)
            .await;
        assert_eq!(fresh.status, 200, "a new password works: {}", fresh.body);

        app.advance(Duration::days(2));
        let b = app.browser();
        let wrong = b.login(None, "jane@example.org", "Wrong-pass-123!").await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.contains(CREDENTIALS));

        // The right password leads to the change form, not into a session.
        let expired = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(expired.status, 200);
        assert!(expired.contains("Your password has expired"));
        assert!(expired.contains("name=\"new_password\""));
        assert!(set_cookie(&expired, "limen_sso").is_none());
        assert_eq!(b.get("/account").await.status, 303);
    })
    .await;
}

#[tokio::test]
async fn the_address_is_remembered_until_the_user_switches() {
    each_backend(defaults, |app| async move {
        let b = app.browser();
        password_page(&b, "jane@example.org").await;

        let again = b.get("/cas/login").await;
        assert_eq!(again.status, 200);
        assert!(again.contains("name=\"step\" value=\"password\""));
        assert!(again.contains("<strong>jane@example.org</strong>"));
        assert!(again.contains("value=\"jane@example.org\""));

        let switched = b.get("/cas/login?switch=1").await;
        assert_eq!(switched.status, 200);
        assert!(switched.contains("name=\"step\" value=\"email\""));
        assert!(!switched.contains("jane@example.org"));
        // The form does not carry switch=1 along.
        assert_eq!(switched.form_action(), "/cas/login");

        let after = b.get("/cas/login").await;
        assert!(after.contains("name=\"step\" value=\"email\""));
        assert!(!after.contains("jane@example.org"));

        // A browser that never typed it gets the e-mail page.
        let other = app.browser().get("/cas/login").await;
        assert!(other.contains("name=\"step\" value=\"email\""));
    })
    .await;
}

#[tokio::test]
async fn pages_speak_the_users_language() {
    each_backend(defaults, |app| async move {
        let fr = Browser::with_language(&app.base, Some("fr-FR,fr;q=0.9,en;q=0.5"));
        let page = fr.get("/cas/login").await;
        assert_eq!(page.status, 200);
        assert!(page.contains("<html lang=\"fr\">"));
        assert!(page.contains("Connectez-vous pour continuer"));
        assert!(page.contains("Suivant"));
        assert!(!page.contains("Sign in to continue"));
        assert!(page.contains("français (fr)"));
        assert!(page.contains("English (en)"));
        assert!(page.contains("hreflang=\"en\""));

        let invalid = fr
            .post(
                "/cas/login",
                &[
                    ("csrf_token", &page.csrf()),
                    ("step", "email"),
                    ("email", "pas-une-adresse"),
                ],
            )
            .await;
        assert_eq!(invalid.status, 400);
        assert!(text(&invalid).contains("Cette adresse électronique n'est pas valide."));

        let en = fr.get("/cas/login?lang=en").await;
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("Sign in to continue"));
        assert!(en.contains("Next"));
        assert!(set_cookie(&en, "limen_lang").is_some_and(|c| c.starts_with("limen_lang=en;")));
        // The choice outlives the request, over Accept-Language.
        let later = fr.get("/cas/login").await;
        assert!(later.contains("Sign in to continue"), "{}", later.body);
        assert!(!later.contains("Connectez-vous"));

        // Without any preference: English.
        let plain = app.browser().get("/cas/login").await;
        assert!(plain.contains("Sign in to continue"));
        assert!(plain.contains("français (fr)"));
    })
    .await;
}

#[tokio::test]
async fn signing_in_without_a_service_shows_success() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains(SUCCESS));
        assert!(page.contains("Signed in as Jane Doe"));
        assert!(page.location.is_none());
        assert!(set_cookie(&page, "limen_sso").is_some());
        assert_eq!(session_count(&app, "jane@example.org").await, 1);

        // The session is used on the next visit, without a form.
        let again = b.get("/cas/login").await;
        assert_eq!(again.status, 200);
        assert!(again.contains(SUCCESS));
        assert!(!again.contains("name=\"password\""));
    })
    .await;
}

#[tokio::test]
async fn next_leads_to_local_pages_only() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = login_at(
            &b,
            "/cas/login?next=%2Faccount%2Fsessions",
            "jane@example.org",
            PASSWORD,
        )
        .await;
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(page.location.as_deref(), Some("/account/sessions"));
        assert_eq!(b.get("/account/sessions").await.status, 200);

        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil.example",
        ] {
            let b = app.browser();
            let path = format!("/cas/login?next={}", encode(evil));
            let page = login_at(&b, &path, "jane@example.org", PASSWORD).await;
            assert_eq!(page.status, 200, "next={evil}: {:?}", page.location);
            assert!(page.location.is_none(), "next={evil}");
            assert!(page.contains(SUCCESS));
            // Nor when already signed in.
            let again = b.get(&path).await;
            assert_eq!(again.status, 200, "next={evil}");
            assert!(again.location.is_none());
        }
    })
    .await;
}

#[tokio::test]
async fn next_with_control_characters_does_not_lead_off_site() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        // Browsers drop tabs and newlines from URLs (WHATWG URL parser): "/\t/evil.example"
        // becomes "//evil.example", another site.
        for evil in ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example"] {
            let b = app.browser();
            let path = format!("/cas/login?next={}", encode(evil));
            let page = login_at(&b, &path, "jane@example.org", PASSWORD).await;
            assert!(
                page.location.is_none(),
                "next={evil:?} redirects to {:?}",
                page.location
            );
            assert_eq!(page.status, 200, "next={evil:?}");
            assert!(page.contains(SUCCESS));
        }
    })
    .await;
}

#[tokio::test]
async fn signing_in_as_someone_else_replaces_the_session() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let bob = app.add_user("bob@example.org", Some("Bob"), "Second").await;
        let b = app.browser();
        assert_eq!(
            b.login(None, "jane@example.org", PASSWORD).await.status,
            200
        );

        // A renewed login offers Jane's address and a way to use another one.
        let renew = b.get("/cas/login?renew=true").await;
        assert_eq!(renew.status, 200);
        assert!(renew.contains("<strong>jane@example.org</strong>"));
        let switched = b.get("/cas/login?renew=true&switch=1").await;
        assert!(switched.contains("name=\"step\" value=\"email\""));
        let page = b
            .post(
                &switched.form_action(),
                &[
                    ("csrf_token", &switched.csrf()),
                    ("step", "email"),
                    ("email", "bob@example.org"),
                ],
            )
            .await;
        assert_eq!(page.status, 200);
        let done = b.password_step(&page, "bob@example.org", PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains("Signed in as Bob Second"));

        let sessions = b.get("/account/sessions").await;
        assert_eq!(sessions.status, 200);
        assert!(sessions.contains("Signed in as Bob Second"));
        assert!(!sessions.contains("Jane Doe"));
        let now = app.clock_now();
        assert!(
            app.store
                .sessions_of_account(jane.id, now, now - time::Duration::hours(2))
                .await
                .unwrap()
                .is_empty(),
            "Jane's session must be ended"
        );
        assert_eq!(
            app.store
                .sessions_of_account(bob.id, now, now - time::Duration::hours(2))
                .await
                .unwrap()
                .len(),
            1
        );
    })
    .await;
}
