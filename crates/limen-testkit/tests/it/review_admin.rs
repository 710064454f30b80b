//! Security review of issue 21 (administration): each test is an attack that worked before its
//! fix, on both backends.
//!
//! - A help desk must not take over an account that holds a stronger role: removing an admin's
//!   security key, mailing it a password link, unlocking it after an admin locked it, or ending
//!   its sessions would let a help-desk operator (or whoever phished one) strip the second factor
//!   the console demands of admins. Refused with 403 in the API and in the console.
//! - `verify_audit` while other requests append to the log must not report a broken chain.

use crate::webauthn::{login_with_key, register, signed_in, with_key};
use limen_core::{AccountStatus, AdminRole, Email};
use limen_store::{AuditEntry, ChainReport};
use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
use limen_testkit::*;
use serde_json::{Value, json};

const API: &str = "/admin/api/v1";

/// A confidential client granted `role`, and an access token of it.
async fn token(app: &TestApp, name: &str, role: AdminRole) -> String {
    let (client, secret) = app
        .add_oidc_client(name, "http://127.0.0.1:9/cb", |_, _| {})
        .await;
    app.store
        .grant_admin_client(client.service_id, role, "test", app.clock_now())
        .await
        .unwrap();
    let r = reqwest::Client::new()
        .post(app.url("/oidc/token"))
        .basic_auth(&client.client_id, Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

async fn call(app: &TestApp, token: &str, method: &str, path: &str, body: Option<Value>) -> u16 {
    let mut req = reqwest::Client::new()
        .request(method.parse().unwrap(), app.url(&format!("{API}{path}")))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn account(app: &TestApp, email: &str) -> limen_core::Account {
    app.store
        .account_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
}

/// An account holding `role` with a security key; the key.
async fn holder(app: &TestApp, email: &str, role: AdminRole) -> SoftAuthenticator {
    let a = app.add_user(email, Some("Ad"), "Min").await;
    let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
    with_key(app, email, &mut key, "Admin key").await;
    app.store
        .grant_admin(a.id, role, "cli", app.clock_now())
        .await
        .unwrap();
    key
}

async fn devices(app: &TestApp, email: &str) -> usize {
    app.state
        .authn
        .all_devices(&account(app, email).await)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn the_help_desk_api_cannot_act_on_an_admins_account() {
    each_backend(defaults, |app| async move {
        holder(&app, "boss@example.org", AdminRole::Admin).await;
        let boss = account(&app, "boss@example.org").await;
        let desk = token(&app, "desk", AdminRole::Helpdesk).await;
        let root = token(&app, "root", AdminRole::Admin).await;
        let u = &boss.uid;
        let factor = app.state.authn.all_devices(&boss).await.unwrap()[0].1.id;
        let reason = Some(json!({"reason": "ticket 1"}));

        // An admin locked the account (it was compromised): the help desk may not undo it.
        app.store
            .set_status(boss.id, AccountStatus::Locked, app.clock_now())
            .await
            .unwrap();
        let unlock = format!("/accounts/{u}/unlock");
        assert_eq!(
            call(&app, &desk, "POST", &unlock, reason.clone()).await,
            403
        );
        assert_eq!(
            account(&app, "boss@example.org").await.status,
            AccountStatus::Locked
        );
        app.store
            .set_status(boss.id, AccountStatus::Active, app.clock_now())
            .await
            .unwrap();

        for (method, path) in [
            (
                "DELETE",
                format!("/accounts/{u}/factors/PASSWORD_WEBAUTHN:{factor}"),
            ),
            ("POST", format!("/accounts/{u}/factors/remove-all")),
            ("POST", format!("/accounts/{u}/password-reset")),
            ("POST", format!("/accounts/{u}/sessions/end")),
        ] {
            let body = (method == "POST").then(|| reason.clone().unwrap());
            assert_eq!(call(&app, &desk, method, &path, body).await, 403, "{path}");
        }
        assert_eq!(devices(&app, "boss@example.org").await, 1);

        // The help desk still helps people without a stronger role, and an admin helps admins.
        let joe = app.add_user("joe@example.org", None, "Bloggs").await;
        let end = format!("/accounts/{}/sessions/end", joe.uid);
        assert_eq!(call(&app, &desk, "POST", &end, reason.clone()).await, 200);
        let end = format!("/accounts/{u}/sessions/end");
        assert_eq!(call(&app, &root, "POST", &end, reason.clone()).await, 200);
        // Another help-desk account is its equal: helped.
        holder(&app, "mate@example.org", AdminRole::Helpdesk).await;
        let mate = account(&app, "mate@example.org").await;
        let end = format!("/accounts/{}/sessions/end", mate.uid);
        assert_eq!(call(&app, &desk, "POST", &end, reason.clone()).await, 200);
        // An auditor reads the audit log, which the help desk may not: not helped.
        holder(&app, "reader@example.org", AdminRole::Auditor).await;
        let reader = account(&app, "reader@example.org").await;
        let all = format!("/accounts/{}/factors/remove-all", reader.uid);
        assert_eq!(call(&app, &desk, "POST", &all, reason.clone()).await, 403);
        assert_eq!(devices(&app, "reader@example.org").await, 1);
    })
    .await;
}

#[tokio::test]
async fn the_help_desk_console_cannot_strip_an_admins_factors() {
    each_backend(defaults, |app| async move {
        holder(&app, "boss@example.org", AdminRole::Admin).await;
        let boss = account(&app, "boss@example.org").await;
        let mut key = holder(&app, "help@example.org", AdminRole::Helpdesk).await;
        let b = app.browser();
        let done = login_with_key(
            &app,
            &b,
            "/cas/login?next=%2Fadmin%2F",
            "help@example.org",
            &mut key,
        )
        .await;
        assert_eq!(done.status, 303, "{}", done.body);

        let joe = app.add_user("joe@example.org", None, "Bloggs").await;
        let here = format!("/admin/accounts/{}", boss.uid);
        let page = b.get(&here).await;
        assert_eq!(page.status, 200);
        // The page offers no action the server would refuse.
        for action in [
            "remove-all-factors",
            "password-reset",
            "end-sessions",
            "unlock",
        ] {
            assert!(
                !page.contains(&format!("{here}/{action}")),
                "{action} offered on an admin's account"
            );
        }
        let joes = b.get(&format!("/admin/accounts/{}", joe.uid)).await;
        assert!(joes.contains(&format!("/admin/accounts/{}/remove-all-factors", joe.uid)));
        let csrf = joes.csrf();
        for action in ["remove-all-factors", "password-reset", "end-sessions"] {
            let r = b
                .post(
                    &format!("{here}/{action}"),
                    &[("csrf_token", &csrf), ("reason", "ticket 9")],
                )
                .await;
            assert_eq!(r.status, 403, "{action}: {}", r.body);
        }
        assert_eq!(devices(&app, "boss@example.org").await, 1);

        // Nor unlock the admin's token in the console's inventory.
        let root = token(&app, "root", AdminRole::Admin).await;
        let csv = "B-1,3132333435363738393031323334353637383930,hotp\n";
        let import = json!({"format": "csv", "content": csv, "all_or_nothing": true});
        assert_eq!(
            call(&app, &root, "POST", "/tokens/import", Some(import)).await,
            200
        );
        let assign = Some(json!({"uid": boss.uid}));
        assert_eq!(
            call(&app, &root, "POST", "/tokens/B-1/assign", assign).await,
            200
        );
        let lock = Some(json!({"reason": "lost"}));
        assert_eq!(
            call(&app, &root, "POST", "/tokens/B-1/lock", lock).await,
            200
        );
        let r = b
            .post(
                "/admin/tokens/unlock",
                &[
                    ("csrf_token", &csrf),
                    ("serial", "B-1"),
                    ("reason", "ticket 9"),
                ],
            )
            .await;
        assert_eq!(r.status, 403, "{}", r.body);
        let t = app.store.token_by_serial("B-1").await.unwrap().unwrap();
        assert!(t.disabled, "still locked");

        // Someone without a role: helped as before.
        let jb = signed_in(&app, "joe@example.org").await;
        let mut jkey = SoftAuthenticator::new(Attachment::CrossPlatform);
        register(&app, &jb, &mut jkey, "security_key", "Joe key").await;
        let r = b
            .post(
                &format!("/admin/accounts/{}/remove-all-factors", joe.uid),
                &[("csrf_token", &csrf), ("reason", "lost")],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(devices(&app, "joe@example.org").await, 0);
    })
    .await;
}

#[tokio::test]
async fn verifying_while_others_append_finds_the_chain_intact() {
    each_backend(defaults, |app| async move {
        let store = app.store.clone();
        let now = app.clock_now();
        let writer = tokio::spawn(async move {
            for i in 0..400 {
                store
                    .audit(&AuditEntry::new(now, "test.append", None, json!({"i": i})))
                    .await
                    .unwrap();
            }
        });
        let mut checks = 0;
        while !writer.is_finished() {
            let report = app.store.verify_audit().await.unwrap();
            assert!(
                matches!(report, ChainReport::Intact { .. }),
                "after {checks} checks: {report:?}"
            );
            checks += 1;
        }
        writer.await.unwrap();
        assert!(matches!(
            app.store.verify_audit().await.unwrap(),
            ChainReport::Intact { .. }
        ));
    })
    .await;
}

#[tokio::test]
async fn the_consoles_csv_export_neutralises_formulas() {
    each_backend(defaults, |app| async move {
        // Anyone reaches the log with a User-Agent of their choosing (a failed login will do).
        let mut e = AuditEntry::new(app.clock_now(), "login.failure", None, json!({}));
        e.user_agent = Some("=HYPERLINK(\"http://evil.example/\",\"x\")".into());
        e.client_ip = Some("@SUM(1+1)".into());
        app.store.audit(&e).await.unwrap();

        let mut key = holder(&app, "root@example.org", AdminRole::Admin).await;
        let b = app.browser();
        let done = login_with_key(
            &app,
            &b,
            "/cas/login?next=%2Fadmin%2F",
            "root@example.org",
            &mut key,
        )
        .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let csv = b.get("/admin/audit/export?format=csv").await;
        assert_eq!(csv.status, 200);
        let line = csv
            .body
            .lines()
            .find(|l| l.contains("HYPERLINK"))
            .expect("the entry");
        assert!(
            line.contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\","),
            "{line}"
        );
        assert!(line.contains(",'@SUM(1+1),"), "{line}");
        assert!(!line.contains(",=") && !line.contains(",\"="), "{line}");
    })
    .await;
}

/// A help desk may not lock, unlock or resynchronise a token held by an account with a role its
/// own does not cover (an admin's token): the account actions' rule, for tokens too. A token of
/// an account without a role stays the help desk's to unlock.
#[tokio::test]
async fn the_help_desk_cannot_lock_an_admins_token() {
    const KEY20: &str = "3132333435363738393031323334353637383930";
    each_backend(defaults, |app| async move {
        app.add_user("boss@example.org", Some("Ad"), "Min").await;
        app.add_user("joe@example.org", Some("Joe"), "User").await;
        let boss = account(&app, "boss@example.org").await;
        let joe = account(&app, "joe@example.org").await;
        app.store
            .grant_admin(boss.id, AdminRole::Admin, "test", app.clock_now())
            .await
            .unwrap();
        let desk = token(&app, "desk", AdminRole::Helpdesk).await;
        let root = token(&app, "root", AdminRole::Admin).await;
        let csv = format!("T-1,{KEY20},hotp\nT-2,{KEY20},hotp\n");
        let import = json!({"format": "csv", "content": csv, "all_or_nothing": true});
        assert_eq!(
            call(&app, &root, "POST", "/tokens/import", Some(import)).await,
            200
        );
        for (serial, who) in [("T-1", &boss), ("T-2", &joe)] {
            let assign = json!({"uid": who.uid});
            let path = format!("/tokens/{serial}/assign");
            assert_eq!(call(&app, &root, "POST", &path, Some(assign)).await, 200);
        }
        let reason = Some(json!({"reason": "ticket 2"}));
        for verb in ["lock", "unlock"] {
            let path = format!("/tokens/T-1/{verb}");
            assert_eq!(
                call(&app, &desk, "POST", &path, reason.clone()).await,
                403,
                "{verb}"
            );
        }
        let codes = Some(json!({"first": "755224", "second": "287082"}));
        assert_eq!(
            call(&app, &desk, "POST", "/tokens/T-1/resync", codes).await,
            403
        );
        let boss_token = app.store.token_by_serial("T-1").await.unwrap().unwrap();
        assert!(!boss_token.disabled, "the refused lock changed nothing");
        // The admin may; and the help desk may for an account without a role.
        assert_eq!(
            call(&app, &root, "POST", "/tokens/T-1/lock", reason.clone()).await,
            200
        );
        assert_eq!(
            call(&app, &desk, "POST", "/tokens/T-2/lock", reason.clone()).await,
            200
        );
        assert_eq!(
            call(&app, &desk, "POST", "/tokens/T-2/unlock", reason).await,
            200
        );
    })
    .await;
}
