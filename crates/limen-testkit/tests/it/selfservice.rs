//! My account → personal data, a new e-mail address confirmed by a link, deleting the account,
//! and the development outbox page.

use crate::register::path_of;
use limen_testkit::*;

async fn signed_in(app: &TestApp) -> Browser {
    app.add_user("jane@example.org", Some("Jane"), "Doe").await;
    let b = app.browser();
    assert_eq!(
        b.login(None, "jane@example.org", PASSWORD).await.status,
        200
    );
    b
}

#[tokio::test]
async fn personal_data_can_be_changed_with_errors_per_field() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        let page = b.get("/account/details").await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("value=\"Jane\""));
        let bad = b
            .post(
                "/account/details",
                &[
                    ("csrf_token", &page.csrf()),
                    ("first_name", "Jane"),
                    ("last_name", "  "),
                    ("email_lang", "fr"),
                    ("ui_lang", ""),
                ],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.text().contains("Please enter your last name."));
        let ok = b
            .post(
                "/account/details",
                &[
                    ("csrf_token", &page.csrf()),
                    ("first_name", "Жанна"),
                    ("last_name", "Доу"),
                    ("email_lang", "fr"),
                    ("ui_lang", "fr"),
                ],
            )
            .await;
        assert_eq!(ok.status, 303);
        let after = b.get(ok.location.as_deref().unwrap()).await;
        assert_eq!(after.status, 200);
        assert!(
            after.contains("lang=\"fr\""),
            "the interface follows the new choice"
        );
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(account.display_name(), "Жанна Доу");
        assert_eq!(account.email_locale, "fr");
        assert_eq!(account.ui_locale.as_deref(), Some("fr"));
        // The next sign-in, in a fresh browser, is in French.
        let fresh = app.browser();
        fresh.login(None, "jane@example.org", PASSWORD).await;
        assert!(fresh.get("/account").await.contains("lang=\"fr\""));
    })
    .await;
}

async fn ask_email_change(b: &Browser, new: &str, confirm: &str) -> Page {
    ask_email_change_with(b, new, confirm, PASSWORD).await
}

async fn ask_email_change_with(b: &Browser, new: &str, confirm: &str, password: &str) -> Page {
    let page = b.get("/account/details").await;
    b.post(
        "/account/email",
        &[
            ("csrf_token", &page.csrf()),
            ("new_email", new),
            ("new_email_confirm", confirm),
            ("current_password", password),
        ],
    )
    .await
}

#[tokio::test]
async fn a_new_address_is_confirmed_by_a_link_and_the_old_one_is_told() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        let mismatch = ask_email_change(&b, "jane.new@example.org", "jane.other@example.org").await;
        assert_eq!(mismatch.status, 400);
        assert!(mismatch.text().contains("not the same"));
        // A session alone is not enough: the current password is asked, and checked.
        for password in ["", "Not-the-passw0rd"] {
            let refused =
                ask_email_change_with(&b, "jane.new@example.org", "jane.new@example.org", password)
                    .await;
            assert_eq!(refused.status, 400);
            assert!(
                refused.text().contains("The password is incorrect."),
                "{}",
                refused.body
            );
            assert!(
                refused.text().contains("jane.new@example.org"),
                "what was typed is kept"
            );
        }
        let sent = ask_email_change(&b, "jane.new@example.org", "jane.new@example.org").await;
        assert_eq!(sent.status, 303);
        let mail = &app.mail_to("jane.new@example.org", 1).await[0];
        assert_eq!(mail.subject(), "Confirm your new e-mail address");
        let link = mail.links()[0].clone();
        // Nothing changed yet.
        assert!(
            app.store
                .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
                .await
                .unwrap()
                .is_some()
        );
        // Following the link shows a button; pressing it changes the address.
        let confirm = b.get(&path_of(&link)).await;
        assert_eq!(confirm.status, 200);
        assert!(confirm.text().contains("jane.new@example.org"));
        let done = b
            .post(
                "/cas/email/confirm",
                &[
                    ("csrf_token", &confirm.csrf()),
                    ("key", &confirm.input_value("key").unwrap()),
                ],
            )
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let old = &app.mail_to("jane@example.org", 1).await[0];
        assert_eq!(old.subject(), "Your e-mail address has been changed");
        assert!(old.text().contains("jane.new@example.org"));
        assert_eq!(
            app.browser()
                .login(None, "jane.new@example.org", PASSWORD)
                .await
                .status,
            200
        );
        assert_eq!(
            app.browser()
                .login(None, "jane@example.org", PASSWORD)
                .await
                .status,
            401
        );
        // Used once.
        assert_eq!(b.get(&path_of(&link)).await.status, 410);
    })
    .await;
}

#[tokio::test]
async fn an_address_taken_meanwhile_is_refused_at_confirmation() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        ask_email_change(&b, "taken@example.org", "taken@example.org").await;
        let link = app.link_in_mail("taken@example.org", 1).await;
        app.add_user("taken@example.org", None, "Other").await;
        let confirm = b.get(&path_of(&link)).await;
        let done = b
            .post(
                "/cas/email/confirm",
                &[
                    ("csrf_token", &confirm.csrf()),
                    ("key", &confirm.input_value("key").unwrap()),
                ],
            )
            .await;
        assert_eq!(done.status, 409);
        assert!(done.text().contains("already used by another account"));
        assert_eq!(
            app.browser()
                .login(None, "jane@example.org", PASSWORD)
                .await
                .status,
            200
        );
    })
    .await;
}

#[tokio::test]
async fn deleting_the_account_needs_the_password_and_removes_everything_but_the_audit_trail() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        let other = app.browser();
        other.login(None, "jane@example.org", PASSWORD).await;
        let page = b.get("/account/delete").await;
        assert_eq!(page.status, 200);
        let wrong = b
            .post(
                "/account/delete",
                &[("csrf_token", &page.csrf()), ("password", "nope")],
            )
            .await;
        assert_eq!(wrong.status, 400);
        assert!(wrong.text().contains("The password is incorrect."));
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap();
        let done = b
            .post(
                "/account/delete",
                &[("csrf_token", &page.csrf()), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains("Account deleted"));
        assert_eq!(
            app.mail_to("jane@example.org", 1).await[0].subject(),
            "Your account has been deleted"
        );
        assert_eq!(
            other.get("/account").await.status,
            303,
            "every session ended"
        );
        assert_eq!(b.get("/account").await.status, 303);
        assert!(app.store.account_by_id(account.id).await.unwrap().is_none());
        assert_eq!(
            app.browser()
                .login(None, "jane@example.org", PASSWORD)
                .await
                .status,
            401
        );
        let trail = app.store.audit_of_account(account.id, 50).await.unwrap();
        assert!(
            trail.iter().any(|(_, event)| event == "account.deleted"),
            "{trail:?}"
        );
    })
    .await;
}

fn dev(c: &mut limen_web::WebConfig) {
    c.dev_mode = true;
}

#[tokio::test]
async fn the_outbox_page_exists_only_in_development_mode() {
    each_backend(defaults, |app| async move {
        assert_eq!(app.browser().get("/dev/outbox").await.status, 404);
        assert_eq!(app.browser().get("/dev/outbox/1").await.status, 404);
    })
    .await;
    each_backend(dev, |app| async move {
        let b = signed_in(&app).await;
        let page = b.get("/account/delete").await;
        b.post(
            "/account/delete",
            &[("csrf_token", &page.csrf()), ("password", PASSWORD)],
        )
        .await;
        app.mail_to("jane@example.org", 1).await;
        let list = app.browser().get("/dev/outbox").await;
        assert_eq!(list.status, 200);
        assert!(list.contains("Your account has been deleted"));
        let id = app.store.recent_mail(1).await.unwrap()[0].id;
        let one = app.browser().get(&format!("/dev/outbox/{id}")).await;
        assert_eq!(one.status, 200);
        // Bad identifiers get the not-found page, not a bare rejection.
        for bad in ["abc", "99999"] {
            let page = app.browser().get(&format!("/dev/outbox/{bad}")).await;
            assert_eq!(page.status, 404, "{bad}");
            assert!(page.contains("This page does not exist."));
        }
        assert!(one.contains("Dear Jane Doe,"));
    })
    .await;
}

#[tokio::test]
async fn a_locked_account_cannot_move_to_a_new_address() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        ask_email_change(&b, "elsewhere@example.org", "elsewhere@example.org").await;
        let link = app.link_in_mail("elsewhere@example.org", 1).await;
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap();
        app.store
            .set_status(
                account.id,
                limen_core::AccountStatus::Locked,
                app.clock_now(),
            )
            .await
            .unwrap();
        let page = app.browser().get(&path_of(&link)).await;
        assert_eq!(page.status, 404);
        assert!(page.text().contains("This link is not valid"));
        let moved = app
            .store
            .account_by_email(&limen_core::Email::parse("elsewhere@example.org").unwrap())
            .await
            .unwrap();
        assert!(moved.is_none());
    })
    .await;
}

#[tokio::test]
async fn every_account_form_refuses_a_forged_request_and_changes_nothing() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        for (path, form) in [
            (
                "/account/details",
                vec![
                    ("first_name", "Eve"),
                    ("last_name", "Eve"),
                    ("email_lang", "en"),
                ],
            ),
            (
                "/account/email",
                vec![
                    ("new_email", "eve@example.org"),
                    ("new_email_confirm", "eve@example.org"),
                    ("current_password", PASSWORD),
                ],
            ),
            (
                "/account/password",
                vec![
                    ("current_password", PASSWORD),
                    ("new_password", "Tr0mbone-Lantern-Quietly"),
                    ("confirm_password", "Tr0mbone-Lantern-Quietly"),
                ],
            ),
            ("/account/delete", vec![("password", PASSWORD)]),
        ] {
            let mut pairs = form.clone();
            pairs.push(("csrf_token", "forged"));
            let page = b.post(path, &pairs).await;
            assert_eq!(page.status, 403, "{path}: {}", page.body);
        }
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .expect("still there");
        assert_eq!(account.display_name(), "Jane Doe");
        assert!(app.smtp.messages().is_empty(), "no mail was sent");
        // The old password still works.
        let other = app.browser();
        assert_eq!(
            other.login(None, "jane@example.org", PASSWORD).await.status,
            200
        );
        // Asking for the address one already has is said so.
        let page = b.get("/account/details").await;
        let same = b
            .post(
                "/account/email",
                &[
                    ("csrf_token", &page.csrf()),
                    ("new_email", "Jane@Example.org"),
                    ("new_email_confirm", "jane@example.org"),
                    ("current_password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(same.status, 400);
        assert!(same.text().contains("This is already your e-mail address."));
    })
    .await;
}

#[tokio::test]
async fn self_service_pages_drop_an_unregistered_service() {
    each_backend(defaults, |app| async move {
        let evil = encode("https://evil.example/steal");
        for path in [
            format!("/cas/register?service={evil}"),
            format!("/cas/password/lost?service={evil}"),
        ] {
            let page = app.browser().get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            // The form goes nowhere near it, nor does any link onwards (the language links
            // merely repeat this page's own address).
            assert!(!page.form_action().contains("evil.example"), "{path}");
            assert!(
                !page.body.contains("/cas/login?service=https%3A%2F%2Fevil"),
                "{path}"
            );
        }
    })
    .await;
}

/// Issue 11 item 2: a new address with a hidden character is refused with its own message, and
/// no link or e-mail is made.
#[tokio::test]
async fn a_new_address_with_an_invisible_character_is_refused() {
    each_backend(defaults, |app| async move {
        let b = signed_in(&app).await;
        for (c, name) in crate::register::HIDDEN {
            let new = format!("jane{c}.new@example.org");
            let refused = ask_email_change(&b, &new, &new).await;
            assert_eq!(refused.status, 400, "{}", refused.body);
            assert!(
                refused
                    .text()
                    .contains("contains an invisible or unusual character"),
                "{}",
                refused.text()
            );
            assert!(refused.text().contains(name));
        }
        let counts = limen_store::testdb::row_counts(&app.store).await;
        assert_eq!(counts["email_links"], 0);
        assert_eq!(counts["mail_outbox"], 0);
    })
    .await;
}
