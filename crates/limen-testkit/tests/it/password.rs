//! "Lost password?", a password that expired, and "Change my password": links by e-mail over
//! SMTP, no enumeration, sessions ended, security e-mails.

use crate::register::{APP, NEW_PASSWORD, path_of, set_password};
use limen_testkit::*;
use time::Duration;

/// Opens "Lost password?" and asks for a link for `email`.
pub(crate) async fn ask_reset(app: &TestApp, b: &Browser, email: &str) -> Page {
    let page = b
        .get(&format!("/cas/password/lost?service={}", encode(APP)))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let answer = app.captcha_answer(&page).await;
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", &page.csrf()),
            ("email", email),
            ("captcha_id", &page.input_value("captcha_id").unwrap()),
            ("captcha_answer", &answer),
            ("pow_challenge", &page.input_value("pow_challenge").unwrap()),
            ("action", "send"),
        ],
    )
    .await
}

async fn setup(app: &TestApp) {
    app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
        .await;
    app.add_user("jane@example.org", Some("Jane"), "Doe").await;
}

#[tokio::test]
async fn lost_password_sends_a_single_use_link_and_ends_every_session() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        // Two browsers signed in.
        let first = app.browser();
        assert_eq!(
            first.login(None, "jane@example.org", PASSWORD).await.status,
            200
        );
        let second = app.browser();
        assert_eq!(
            second
                .login(None, "jane@example.org", PASSWORD)
                .await
                .status,
            200
        );

        // The password page links to "Lost password?" with the service.
        let b = app.browser();
        let login = b.login(Some(APP), "jane@example.org", "wrong").await;
        assert!(
            login
                .text()
                .contains(&format!("/cas/password/lost?service={}", encode(APP)))
        );

        let sent = ask_reset(&app, &b, "jane@example.org").await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        assert!(
            sent.text()
                .contains("If an account exists for jane@example.org")
        );
        let mail = &app.mail_to("jane@example.org", 1).await[0];
        assert_eq!(mail.subject(), "Choose a new password");
        assert!(
            mail.text().contains("1 hour") || mail.text().contains("one hour"),
            "{}",
            mail.text()
        );
        let link = &mail.links()[0];

        let done = set_password(&b, link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        // Proceed goes to the service with a ticket.
        let landed = b.get(&format!("/cas/login?service={}", encode(APP))).await;
        assert_eq!(landed.status, 303);
        assert!(landed.ticket().is_some());
        // Both other browsers were signed out.
        for other in [&first, &second] {
            let page = other.get("/account").await;
            assert_eq!(page.status, 303, "session ended");
        }
        // Old password refused, new one accepted.
        assert_eq!(
            app.browser()
                .login(None, "jane@example.org", PASSWORD)
                .await
                .status,
            401
        );
        assert_eq!(
            app.browser()
                .login(None, "jane@example.org", NEW_PASSWORD)
                .await
                .status,
            200
        );
        // A security e-mail tells the owner.
        let mails = app.mail_to("jane@example.org", 2).await;
        assert_eq!(mails[1].subject(), "Your password has been changed");
        // The link is spent.
        assert_eq!(b.get(&path_of(link)).await.status, 410);
    })
    .await;
}

#[tokio::test]
async fn lost_password_for_an_unknown_address_looks_the_same_and_sends_nothing() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        let known = ask_reset(&app, &b, "jane@example.org").await;
        let unknown = ask_reset(&app, &b, "nobody@example.org").await;
        assert_eq!(known.status, unknown.status);
        assert_eq!(
            known.text().replace("jane@example.org", "E"),
            unknown.text().replace("nobody@example.org", "E")
        );
        app.mail_to("jane@example.org", 1).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(
            app.smtp.messages().len(),
            1,
            "only the real account got mail"
        );
        // Bad input: a clear message, the address kept.
        let page = b.get("/cas/password/lost").await;
        let bad = b
            .post(
                "/cas/password/lost",
                &[
                    ("csrf_token", &page.csrf()),
                    ("email", "not an address"),
                    ("captcha_answer", "x"),
                ],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.text().contains("This is not a valid e-mail address."));
        assert!(bad.text().contains("The code is not correct"));
        assert!(bad.text().contains("value=\"not an address\""));
    })
    .await;
}

#[tokio::test]
async fn a_reset_link_expires_after_its_short_lifetime() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        ask_reset(&app, &b, "jane@example.org").await;
        let link = app.link_in_mail("jane@example.org", 1).await;
        app.advance(Duration::minutes(61));
        let page = b.get(&path_of(&link)).await;
        assert_eq!(page.status, 410);
        assert!(page.contains("This link has expired"));
        // Re-entering the address sends a fresh reset link.
        let renew = b
            .post(
                "/cas/password/renew",
                &[
                    ("csrf_token", &page.csrf()),
                    ("key", &page.input_value("key").unwrap()),
                    ("email", "jane@example.org"),
                ],
            )
            .await;
        assert_eq!(renew.status, 200);
        let mails = app.mail_to("jane@example.org", 2).await;
        assert_eq!(mails[1].subject(), "Choose a new password");
    })
    .await;
}

fn max_age(c: &mut limen_web::WebConfig) {
    c.password_max_age_days = Some(180);
}

#[tokio::test]
async fn an_expired_password_must_be_changed_before_reaching_the_service() {
    each_backend(max_age, |app| async move {
        setup(&app).await;
        app.advance(Duration::days(181));
        let b = app.browser();
        let page = b.login(Some(APP), "jane@example.org", PASSWORD).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("Your password has expired"));
        assert!(page.ticket().is_none());
        // The wrong password never reveals the expiry.
        let wrong = app
            .browser()
            .login(Some(APP), "jane@example.org", "Wrong-Passw0rd!")
            .await;
        assert_eq!(wrong.status, 401);
        assert!(!wrong.contains("expired"));

        let key = page.input_value("key").unwrap();
        let same = b
            .post(
                "/cas/password/new",
                &[
                    ("csrf_token", &page.csrf()),
                    ("key", &key),
                    ("new_password", "short"),
                    ("confirm_password", "short"),
                ],
            )
            .await;
        assert_eq!(same.status, 400);
        let done = b
            .post(
                "/cas/password/new",
                &[
                    ("csrf_token", &page.csrf()),
                    ("key", &key),
                    ("new_password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let landed = b.get(done.location.as_deref().unwrap()).await;
        assert_eq!(landed.status, 303, "{}", landed.body);
        assert!(landed.ticket().is_some(), "on to the service");
        let mail = &app.mail_to("jane@example.org", 1).await[0];
        assert_eq!(mail.subject(), "Your password has been changed");
        // The new password is fresh: the next login goes straight through.
        let again = app
            .browser()
            .login(Some(APP), "jane@example.org", NEW_PASSWORD)
            .await;
        assert_eq!(again.status, 303);
    })
    .await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let other = app.browser();
        assert_eq!(
            other.login(None, "jane@example.org", PASSWORD).await.status,
            200
        );
        let b = app.browser();
        assert_eq!(
            b.login(None, "jane@example.org", PASSWORD).await.status,
            200
        );
        let form = b.get("/account/password").await;
        assert_eq!(form.status, 200);
        let send = |current: &'static str, new: &'static str, confirm: &'static str| {
            let csrf = form.csrf();
            let b = &b;
            async move {
                b.post(
                    "/account/password",
                    &[
                        ("csrf_token", &csrf),
                        ("current_password", current),
                        ("new_password", new),
                        ("confirm_password", confirm),
                    ],
                )
                .await
            }
        };
        let wrong = send("Not-the-passw0rd", NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(wrong.status, 400);
        assert!(wrong.text().contains("The password is incorrect."));
        let weak = send(PASSWORD, "weak", "weak").await;
        assert_eq!(weak.status, 400);
        assert!(weak.text().contains("fewer than 10 characters"));
        let ok = send(PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        assert!(ok.text().contains("other session has been ended"));
        assert_eq!(
            b.get("/account").await.status,
            200,
            "this browser stays signed in"
        );
        assert_eq!(
            other.get("/account").await.status,
            303,
            "the other is signed out"
        );
        assert_eq!(
            app.mail_to("jane@example.org", 1).await[0].subject(),
            "Your password has been changed"
        );
        assert_eq!(
            app.browser()
                .login(None, "jane@example.org", NEW_PASSWORD)
                .await
                .status,
            200
        );
        // Without a session: to the login page.
        assert_eq!(app.browser().get("/account/password").await.status, 303);
    })
    .await;
}

#[tokio::test]
async fn a_reset_in_a_browser_signed_in_as_someone_else_ends_that_session() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let other = app.add_user("other@example.org", None, "Other").await;
        let b = app.browser();
        assert_eq!(
            b.login(None, "other@example.org", PASSWORD).await.status,
            200
        );
        ask_reset(&app, &b, "jane@example.org").await;
        let link = app.link_in_mail("jane@example.org", 1).await;
        let done = set_password(&b, &link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        // The browser is Jane's now, and the other account's session is over.
        assert!(done.contains("Jane Doe"));
        assert!(
            app.store
                .session_ids_of_account(other.id)
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

/// Issue 11 item 2: "Lost password?" for an address with a hidden character answered 500 when
/// an account had it (made before the rule, here straight in the store): now the address is
/// refused with its own message, in the page's language, and no mail is queued.
#[tokio::test]
async fn lost_password_refuses_addresses_with_invisible_characters() {
    use crate::register::{HIDDEN, HIDDEN_MESSAGE};
    each_backend(defaults, |app| async move {
        let legacy = limen_core::Email::parse_existing("ja\u{200B}ne@example.org").unwrap();
        app.store
            .create_account(
                limen_store::NewAccount {
                    email: legacy,
                    first_name: None,
                    last_name: limen_core::PersonName::parse("Doe").unwrap(),
                    user_type: limen_core::UserType::External,
                    status: limen_core::AccountStatus::Active,
                    assurance: limen_core::AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: None,
                },
                app.clock_now(),
            )
            .await
            .unwrap();
        for (c, name) in HIDDEN {
            for (lang, message) in HIDDEN_MESSAGE {
                let b = Browser::with_language(&app.base, Some(lang));
                let answer = ask_reset(&app, &b, &format!("ja{c}ne@example.org")).await;
                assert_eq!(answer.status, 400, "{name}: {}", answer.body);
                assert!(answer.contains("id=\"email-error\""), "{}", answer.body);
                assert!(answer.text().contains(message), "{lang}: {}", answer.text());
                assert!(answer.text().contains(name));
            }
        }
        app.state.mailer.wake();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(app.store.recent_mail(10).await.unwrap().is_empty());
        assert!(app.smtp.messages().is_empty());
    })
    .await;
}

/// Sends "Lost password?" for `email` from a fresh browser; returns the answer and what it
/// added to each table of the store.
async fn reset_and_count(
    app: &TestApp,
    email: &str,
) -> (Page, std::collections::BTreeMap<String, i64>) {
    let before = limen_store::testdb::row_counts(&app.store).await;
    let page = ask_reset(app, &app.browser(), email).await;
    let after = limen_store::testdb::row_counts(&app.store).await;
    let delta = after
        .iter()
        .map(|(table, n)| (table.clone(), n - before.get(table).copied().unwrap_or(0)))
        .filter(|(_, d)| *d != 0)
        .collect();
    (page, delta)
}

/// Issue 11 item 4: the answer to "Lost password?" — status, headers (cookies and date aside),
/// body — is the same for an address with an account and one without, and so is the work the
/// request does in the store: the account is looked up, and its link and e-mail written, after
/// the answer, by the self-service queue's worker (paused here so that what the request itself
/// wrote can be counted).
#[tokio::test]
async fn lost_password_answers_and_works_alike_for_known_and_unknown_addresses() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        app.pause_request_worker();
        // A first request, so that the per-client counter exists for both measured ones.
        ask_reset(&app, &app.browser(), "first@example.org").await;
        // Same length, so that Content-Length may match.
        let (known, known_delta) = reset_and_count(&app, "jane@example.org").await;
        let (unknown, unknown_delta) = reset_and_count(&app, "nob0@example.org").await;
        assert_eq!(known.status, 200, "{}", known.body);
        assert_eq!(known.status, unknown.status);
        let headers = |p: &Page| {
            let mut h: Vec<(String, String)> = p
                .headers
                .iter()
                .filter(|(k, _)| *k != "set-cookie" && *k != "date")
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_owned()))
                .collect();
            h.sort();
            h
        };
        assert_eq!(headers(&known), headers(&unknown));
        assert_eq!(
            known.body.replace("jane@example.org", "EMAIL"),
            unknown.body.replace("nob0@example.org", "EMAIL")
        );
        assert_eq!(
            known_delta, unknown_delta,
            "the request's own store work differs"
        );
        // Then the worker does the rest: a link for the account, nothing for the other address.
        app.resume_request_worker();
        let mail = &app.mail_to("jane@example.org", 1).await[0];
        assert_eq!(mail.subject(), "Choose a new password");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(
            app.smtp.messages().len(),
            1,
            "only the account's owner got mail"
        );
    })
    .await;
}

/// A request that fails for a passing reason (here the outbox refuses the message, as a
/// database that is busy or failing over would) stays queued and is done at a later attempt,
/// instead of being dropped after the user was told the e-mail is on its way.
#[tokio::test]
async fn a_lost_password_request_that_fails_for_a_while_is_done_later() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        app.pause_request_worker();
        limen_store::testdb::refuse_inserts(&app.store, "mail_outbox").await;
        let page = ask_reset(&app, &app.browser(), "jane@example.org").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(
            limen_web::requests::process_due(&app.state).await.unwrap(),
            0
        );
        assert_eq!(
            app.store.pending_requests().await.unwrap(),
            1,
            "kept for later"
        );
        // Not before its time (30 s on the clock), even though the outbox works again.
        limen_store::testdb::allow_inserts(&app.store, "mail_outbox").await;
        assert_eq!(
            limen_web::requests::process_due(&app.state).await.unwrap(),
            0
        );
        assert_eq!(app.store.pending_requests().await.unwrap(), 1);
        app.advance(Duration::seconds(31));
        assert_eq!(
            limen_web::requests::process_due(&app.state).await.unwrap(),
            1
        );
        assert_eq!(app.store.pending_requests().await.unwrap(), 0);
        let mail = &app.mail_to("jane@example.org", 1).await[0];
        assert_eq!(mail.subject(), "Choose a new password");
    })
    .await;
}

/// Prints how long "Lost password?" takes for an address with an account and one without
/// (interleaved samples, medians and spread). Figures only — run by hand:
/// `cargo nextest run -p limen-testkit --test it --run-ignored only -E 'test(timing)' --no-capture`.
#[tokio::test]
#[ignore = "prints timing figures; run by hand"]
async fn lost_password_timing_figures() {
    fn unlimited(c: &mut limen_web::WebConfig) {
        c.self_service.requests_per_client_per_hour = 1_000_000;
        c.self_service.mails_per_address_per_hour = 1_000_000;
    }
    each_backend(unlimited, |app| async move {
        setup(&app).await;
        let mut known = Vec::new();
        let mut unknown = Vec::new();
        for i in 0..200 {
            for (email, samples) in [
                ("jane@example.org".to_owned(), &mut known),
                (format!("nobody{i}@example.org"), &mut unknown),
            ] {
                let b = app.browser();
                let page = b.get("/cas/password/lost").await;
                let answer = app.captcha_answer(&page).await;
                let started = std::time::Instant::now();
                let sent = b
                    .post(
                        "/cas/password/lost",
                        &[
                            ("csrf_token", &page.csrf()),
                            ("email", &email),
                            ("captcha_id", &page.input_value("captcha_id").unwrap()),
                            ("captcha_answer", &answer),
                            ("action", "send"),
                        ],
                    )
                    .await;
                samples.push(started.elapsed().as_secs_f64() * 1000.0);
                assert_eq!(sent.status, 200, "{}", sent.body);
            }
        }
        let stats = |s: &mut Vec<f64>| {
            s.sort_by(f64::total_cmp);
            (s[s.len() / 2], s[s.len() / 10], s[s.len() * 9 / 10])
        };
        let (k, u) = (stats(&mut known), stats(&mut unknown));
        println!(
            "{:?}: known median {:.3} ms (p10 {:.3}, p90 {:.3}); unknown median {:.3} ms (p10 {:.3}, p90 {:.3}); difference of medians {:+.3} ms",
            app.backend(),
            k.0, k.1, k.2, u.0, u.1, u.2, k.0 - u.0
        );
    })
    .await;
}
