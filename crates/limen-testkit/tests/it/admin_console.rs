//! The web console at `/admin/` (issue 21 item 3), driven over HTTP like a browser without
//! JavaScript, on both backends: the sign-in gate (login, step-up to a security key, the role,
//! each page's capability), the help desk's unlock with its reason in the audit log (and the
//! refusals: no reason, a forged form), lock and delete behind a confirmation, the dashboard's
//! figures against the store, the audit log's filters and its CSV / JSON Lines export.
//!
//! Operators sign in with password and a security key played by the software authenticator
//! (`limen_testkit::webauthn`), as in webauthn.rs.

use crate::webauthn::{login_with_key, signed_in, with_key};
use limen_core::{AccountStatus, AdminRole, Email};
use limen_store::AuditFilter;
use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
use limen_testkit::*;

const ADMIN: &str = "root@example.org";
const HELP: &str = "help@example.org";
const AUDITOR: &str = "audit@example.org";
const JOE: &str = "joe@example.org";

/// Every console page, and whether each role may open it.
const PAGES: [(&str, [bool; 3]); 7] = [
    // (path, [admin, helpdesk, auditor])
    ("/admin/", [true, true, true]),
    ("/admin/accounts", [true, true, true]),
    ("/admin/tokens", [true, true, true]),
    ("/admin/services", [true, false, true]),
    ("/admin/keys", [true, false, true]),
    ("/admin/audit", [true, false, true]),
    ("/admin/admins", [true, false, false]),
];

fn role_index(role: AdminRole) -> usize {
    match role {
        AdminRole::Admin => 0,
        AdminRole::Helpdesk => 1,
        AdminRole::Auditor => 2,
    }
}

/// A new account with a security key, granted `role` (if any), signed in to the console with
/// password and key: the browser, and the account's uid.
async fn operator(app: &TestApp, email: &str, role: Option<AdminRole>) -> (Browser, String) {
    let account = app.add_user(email, Some("Op"), "Erator").await;
    let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
    with_key(app, email, &mut key, "Ops key").await;
    if let Some(role) = role {
        app.store
            .grant_admin(account.id, role, "cli", app.clock_now())
            .await
            .unwrap();
    }
    let b = app.browser();
    let done = login_with_key(app, &b, "/cas/login?next=%2Fadmin%2F", email, &mut key).await;
    assert_eq!(done.status, 303, "console login: {}", done.body);
    assert_eq!(done.location.as_deref(), Some("/admin/"));
    (b, account.uid)
}

async fn account(app: &TestApp, email: &str) -> limen_core::Account {
    app.store
        .account_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .expect("account")
}

/// The figure of `id` on the dashboard.
fn figure(page: &Page, id: &str) -> i64 {
    let marker = format!("id=\"{id}\">");
    let from = page.body.find(&marker).expect(id) + marker.len();
    let to = page.body[from..].find('<').expect("figure ends") + from;
    page.body[from..to].parse().expect("a number")
}

#[tokio::test]
async fn the_console_wants_a_key_session_and_a_role() {
    each_backend(defaults, |app| async move {
        // No session: to the login page, which comes back here.
        let b = app.browser();
        let page = b.get("/admin/accounts?q=x").await;
        assert_eq!(page.status, 303);
        assert_eq!(
            page.location.as_deref(),
            Some("/cas/login?next=%2Fadmin%2Faccounts%3Fq%3Dx")
        );

        // A password session of an administrator: stepped up at the same login URL, which asks
        // for the security key (the console's strengths), not for the password alone.
        let root = app.add_user(ADMIN, None, "Root").await;
        app.store
            .grant_admin(root.id, AdminRole::Admin, "cli", app.clock_now())
            .await
            .unwrap();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, ADMIN, &mut key, "Root key").await;
        let b = signed_in(&app, ADMIN).await;
        let page = b.get("/admin/").await;
        assert_eq!(page.status, 303);
        let login = page.location.clone().unwrap();
        assert_eq!(login, "/cas/login?next=%2Fadmin%2F");
        let step_up = b.get(&login).await;
        assert_eq!(step_up.status, 200, "{}", step_up.body);
        assert_eq!(
            crate::webauthn::offered(&step_up),
            vec!["PASSWORD_WEBAUTHN"]
        );
        // Still refused until the key is used.
        let again = b.get("/admin/audit").await;
        assert_eq!(again.status, 303);

        // Password and key, but no role: 403, translated.
        let (nobody, _) = operator(&app, JOE, None).await;
        let page = nobody.get("/admin/").await;
        assert_eq!(page.status, 403);
        assert!(
            page.text()
                .contains("Your account is not an administrator of Limen."),
            "{}",
            page.body
        );
        let page = nobody.get("/admin/?lang=fr").await;
        assert!(
            page.text()
                .contains("Votre compte n'est pas administrateur de Limen."),
            "{}",
            page.body
        );
        // Nor can it act.
        let page = nobody
            .post(
                &format!("/admin/accounts/{}/unlock", root.uid),
                &[("reason", "x"), ("csrf_token", "x")],
            )
            .await;
        assert_eq!(page.status, 403);
    })
    .await;
}

#[tokio::test]
async fn each_role_opens_its_pages_and_no_other() {
    each_backend(defaults, |app| async move {
        let joe = app.add_user(JOE, Some("Joe"), "Bloggs").await;
        for (email, role) in [
            (ADMIN, AdminRole::Admin),
            (HELP, AdminRole::Helpdesk),
            (AUDITOR, AdminRole::Auditor),
        ] {
            let (b, _) = operator(&app, email, Some(role)).await;
            let home = b.get("/admin/").await;
            for (path, allowed) in PAGES {
                let may = allowed[role_index(role)];
                let page = b.get(path).await;
                let expected = if may { 200 } else { 403 };
                assert_eq!(page.status, expected, "{role} {path}: {}", page.body);
                if !may {
                    assert!(
                        page.text().contains(
                            "Your role does not give access to this page or this action."
                        ),
                        "{}",
                        page.body
                    );
                }
                // The navigation bar shows only what the role may open.
                assert_eq!(
                    home.text().contains(&format!("<li><a href=\"{path}\"")),
                    may,
                    "{role} nav {path}"
                );
            }
            // An account's page: the actions of the role only.
            let page = b.get(&format!("/admin/accounts/{}", joe.uid)).await;
            assert_eq!(page.status, 200);
            assert_eq!(
                page.contains("/unlock\""),
                role != AdminRole::Auditor,
                "{role}"
            );
            assert_eq!(
                page.contains("/delete\""),
                role == AdminRole::Admin,
                "{role}"
            );
            // The help desk may not lock (ManageAccounts), whatever the form says.
            if role == AdminRole::Helpdesk {
                let csrf = page.csrf();
                let refused = b
                    .post(
                        &format!("/admin/accounts/{}/lock", joe.uid),
                        &[("csrf_token", &csrf), ("reason", "try"), ("confirm", "yes")],
                    )
                    .await;
                assert_eq!(refused.status, 403);
                assert_eq!(account(&app, JOE).await.status, AccountStatus::Active);
            }
            // Unknown uid: a page saying so, not a 500.
            let page = b.get("/admin/accounts/nosuchuid").await;
            assert_eq!(page.status, 404);
            assert!(page.text().contains("There is no such account."));
        }
    })
    .await;
}

#[tokio::test]
async fn the_help_desk_unlocks_with_a_reason_that_the_audit_log_keeps() {
    each_backend(defaults, |app| async move {
        let joe = app.add_user(JOE, Some("Joe"), "Bloggs").await;
        app.store
            .set_status(joe.id, AccountStatus::Locked, app.clock_now())
            .await
            .unwrap();
        let (b, help_uid) = operator(&app, HELP, Some(AdminRole::Helpdesk)).await;

        // Found among the locked accounts.
        let list = b.get("/admin/accounts?status=locked").await;
        assert_eq!(list.status, 200);
        assert!(list.contains(JOE), "{}", list.body);
        assert!(!list.contains(HELP));
        let bad = b.get("/admin/accounts?status=frozen").await;
        assert_eq!(bad.status, 400);
        assert!(bad.text().contains("Choose a status from the list."));

        let here = format!("/admin/accounts/{}", joe.uid);
        let page = b.get(&here).await;
        assert_eq!(page.status, 200);
        let csrf = page.csrf();
        let unlock = format!("{here}/unlock");

        // No reason: refused, nothing done.
        let refused = b
            .post(&unlock, &[("csrf_token", &csrf), ("reason", "   ")])
            .await;
        assert_eq!(refused.status, 400);
        assert!(
            refused
                .text()
                .contains("Please give a reason: it is kept in the audit log."),
            "{}",
            refused.body
        );
        assert_eq!(account(&app, JOE).await.status, AccountStatus::Locked);

        // A forged form: refused, nothing done, the reason typed is still in the form.
        let forged = b
            .post(
                &unlock,
                &[("csrf_token", "forged"), ("reason", "ticket 42")],
            )
            .await;
        assert_eq!(forged.status, 403);
        assert!(forged.text().contains("This form has expired"));
        assert!(forged.contains("value=\"ticket 42\""), "{}", forged.body);
        assert_eq!(account(&app, JOE).await.status, AccountStatus::Locked);

        // With a reason: unlocked, back to the page with a notice.
        let done = b
            .post(
                &unlock,
                &[("csrf_token", &csrf), ("reason", "ticket 42: called")],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(
            done.location.as_deref(),
            Some(format!("{here}?done=unlock").as_str())
        );
        let after = b.get(done.location.as_deref().unwrap()).await;
        assert!(after.text().contains("The account has been unlocked."));
        assert_eq!(account(&app, JOE).await.status, AccountStatus::Active);

        // The audit entry names the operator and keeps the reason.
        let rows = app
            .store
            .search_audit(
                &AuditFilter {
                    event: Some("account.unlocked".into()),
                    account_id: Some(joe.id),
                    ..AuditFilter::default()
                },
                10,
            )
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        let entry = &rows[0].entry;
        assert_eq!(
            entry.actor.as_deref(),
            Some(format!("admin:{help_uid}").as_str())
        );
        assert_eq!(entry.detail["justification"], "ticket 42: called");
        assert_eq!(entry.user_agent.as_deref(), Some("limen-testkit"));

        // Unlocking again: nothing to do, said so.
        let again = b
            .post(&unlock, &[("csrf_token", &csrf), ("reason", "again")])
            .await;
        assert_eq!(again.status, 409);
        assert!(again.text().contains("neither locked nor locked out"));

        // A reset link, queued as "Lost password?" does and mailed.
        let reset = b
            .post(
                &format!("{here}/password-reset"),
                &[("csrf_token", &csrf), ("reason", "forgot it")],
            )
            .await;
        assert_eq!(reset.status, 303, "{}", reset.body);
        let mail = app.mail_to(JOE, 1).await;
        assert_eq!(mail.len(), 1);

        // End every session: the operator's own session goes on.
        let end = b
            .post(
                &format!("{here}/end-sessions"),
                &[("csrf_token", &csrf), ("reason", "stolen laptop")],
            )
            .await;
        assert_eq!(end.status, 303);
        assert_eq!(b.get("/admin/accounts").await.status, 200);

        // Remove every factor: done by the engine as for the command line, named as the help
        // desk's.
        let all = b
            .post(
                &format!("{here}/remove-all-factors"),
                &[("csrf_token", &csrf), ("reason", "lost everything")],
            )
            .await;
        assert_eq!(all.status, 303, "{}", all.body);
        let entry = last_entry(&app, "factors.remove_all").await;
        assert_eq!(entry.account_id, Some(joe.id));
        assert_eq!(entry.detail["by"], "admin");
        assert_eq!(entry.detail["justification"], "lost everything");
        assert_eq!(
            entry.actor.as_deref(),
            Some(format!("admin:{help_uid}").as_str())
        );
    })
    .await;
}

#[tokio::test]
async fn lock_and_delete_ask_for_confirmation() {
    each_backend(defaults, |app| async move {
        let joe = app.add_user(JOE, Some("Joe"), "Bloggs").await;
        let (b, root_uid) = operator(&app, ADMIN, Some(AdminRole::Admin)).await;
        let here = format!("/admin/accounts/{}", joe.uid);
        let csrf = b.get(&here).await.csrf();

        // The first click shows what will happen; nothing is done yet.
        let ask = b
            .post(
                &format!("{here}/lock"),
                &[("csrf_token", &csrf), ("reason", "fraud")],
            )
            .await;
        assert_eq!(ask.status, 200);
        assert!(ask.text().contains("Lock this account?"), "{}", ask.body);
        assert_eq!(account(&app, JOE).await.status, AccountStatus::Active);
        assert_eq!(ask.form_action(), format!("{here}/lock"));
        assert_eq!(ask.input_value("reason").as_deref(), Some("fraud"));
        let done = b
            .post(
                &ask.form_action(),
                &[
                    ("csrf_token", &ask.csrf()),
                    ("reason", "fraud"),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(account(&app, JOE).await.status, AccountStatus::Locked);

        // An operator cannot lock or delete themself.
        let own = format!("/admin/accounts/{root_uid}/delete");
        let refused = b
            .post(
                &own,
                &[
                    ("csrf_token", &csrf),
                    ("reason", "oops"),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(refused.status, 409);
        assert!(
            refused
                .text()
                .contains("You cannot do this to your own account.")
        );

        let done = b
            .post(
                &format!("{here}/delete"),
                &[
                    ("csrf_token", &csrf),
                    ("reason", "left"),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(
            done.location.as_deref(),
            Some("/admin/accounts?done=delete")
        );
        assert!(app.store.account_by_id(joe.id).await.unwrap().is_none());
        let deleted = app
            .store
            .search_audit(
                &AuditFilter {
                    event: Some("account.deleted".into()),
                    account_id: Some(joe.id),
                    ..AuditFilter::default()
                },
                1,
            )
            .await
            .unwrap();
        assert_eq!(deleted[0].entry.detail["justification"], "left");
        assert_eq!(b.get(&here).await.status, 404);

        // Roles: granted by address, never one's own.
        let admins = b.get("/admin/admins").await;
        let grant = b
            .post(
                "/admin/admins/grant",
                &[
                    ("csrf_token", &admins.csrf()),
                    ("email", ADMIN),
                    ("role", "auditor"),
                    ("reason", "demote me"),
                ],
            )
            .await;
        assert_eq!(grant.status, 409);
        assert!(
            grant
                .text()
                .contains("You cannot change or revoke your own role")
        );
        app.add_user(HELP, None, "Help").await;
        let grant = b
            .post(
                "/admin/admins/grant",
                &[
                    ("csrf_token", &admins.csrf()),
                    ("email", HELP),
                    ("role", "helpdesk"),
                    ("reason", "new colleague"),
                ],
            )
            .await;
        assert_eq!(grant.status, 303, "{}", grant.body);
        let help = account(&app, HELP).await;
        assert_eq!(
            app.store.admin_role(help.id).await.unwrap(),
            Some(AdminRole::Helpdesk)
        );
    })
    .await;
}

#[tokio::test]
async fn the_dashboard_shows_the_stores_figures() {
    each_backend(defaults, |app| async move {
        let (b, _) = operator(&app, AUDITOR, Some(AdminRole::Auditor)).await;
        let joe = app.add_user(JOE, None, "Bloggs").await;
        let ann = app.add_user("ann@example.org", None, "Ann").await;
        app.store
            .set_status(ann.id, AccountStatus::Locked, app.clock_now())
            .await
            .unwrap();
        let _ = joe;
        // Logins: one success, two failures.
        let user = app.browser();
        assert_eq!(user.login(None, JOE, PASSWORD).await.status, 200);
        for _ in 0..2 {
            app.browser().login(None, JOE, "not-the-password").await;
        }
        // The mail worker runs beside the test (every 50 ms): let it send what the logins queued,
        // so that the backlog the page shows is still the store's when the test reads it.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while app.store.mail_backlog().await.unwrap() > 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "the mail outbox did not drain"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }

        let page = b.get("/admin/").await;
        assert_eq!(page.status, 200, "{}", page.body);
        let store = &app.store;
        let active = store
            .count_accounts_with_status(AccountStatus::Active)
            .await
            .unwrap();
        let locked = store
            .count_accounts_with_status(AccountStatus::Locked)
            .await
            .unwrap();
        let pending = store
            .count_accounts_with_status(AccountStatus::Pending)
            .await
            .unwrap();
        assert_eq!(figure(&page, "fig-active"), active);
        assert_eq!(figure(&page, "fig-locked"), 1);
        assert_eq!(figure(&page, "fig-locked"), locked);
        assert_eq!(figure(&page, "fig-accounts"), active + locked + pending);
        assert_eq!(
            figure(&page, "fig-sessions"),
            store.count_live_sessions(app.clock_now()).await.unwrap()
        );
        assert_eq!(
            figure(&page, "fig-mail"),
            store.mail_backlog().await.unwrap()
        );
        assert_eq!(
            figure(&page, "fig-sms"),
            store.sms_backlog(app.clock_now()).await.unwrap()
        );
        let counts = store
            .login_counts(app.clock_now() - time::Duration::hours(24))
            .await
            .unwrap();
        let sum = |event: &str| -> i64 {
            counts
                .iter()
                .filter(|c| c.event == event)
                .map(|c| c.count)
                .sum()
        };
        assert_eq!(figure(&page, "fig-failures"), sum("login.failure"));
        assert!(figure(&page, "fig-failures") >= 2);
        assert_eq!(figure(&page, "fig-successes"), sum("login.success"));
        // The chart: an SVG with a title, its bars labelled, the same numbers in the table.
        assert!(page.contains("<svg role=\"img\""));
        assert!(page.contains("<title id=\"chart-title\">Logins per hour, last 24 hours</title>"));
        assert!(page.contains("2 failed logins</title>"), "{}", page.body);
        assert!(page.contains("class=\"login-row\""));
        assert!(page.contains("<td class=\"num\">2</td>"));
    })
    .await;
}

#[tokio::test]
async fn the_audit_log_filters_and_exports() {
    each_backend(defaults, |app| async move {
        let joe = app.add_user(JOE, Some("Joe"), "Bloggs").await;
        let (b, root_uid) = operator(&app, ADMIN, Some(AdminRole::Admin)).await;
        let here = format!("/admin/accounts/{}", joe.uid);
        let csrf = b.get(&here).await.csrf();
        let done = b
            .post(
                &format!("{here}/end-sessions"),
                &[("csrf_token", &csrf), ("reason", "a \"quoted\", reason")],
            )
            .await;
        assert_eq!(done.status, 303);
        let actor = format!("admin:{root_uid}");

        // By actor and account: the operator's action only.
        let page = b
            .get(&format!(
                "/admin/audit?actor={}&account={JOE}",
                encode(&actor)
            ))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(
            page.body.matches("class=\"audit-row\"").count(),
            1,
            "{}",
            page.body
        );
        assert!(page.contains("sessions.ended_by_operator"));
        // By event prefix, and by days.
        let today = app.clock_now().date().to_string();
        let page = b
            .get(&format!(
                "/admin/audit?event=sessions.&since={today}&until={today}"
            ))
            .await;
        assert_eq!(page.body.matches("class=\"audit-row\"").count(), 1);
        let yesterday = (app.clock_now().date() - time::Duration::days(1)).to_string();
        let page = b.get(&format!("/admin/audit?until={yesterday}")).await;
        assert!(page.contains("id=\"no-entries\""), "{}", page.body);
        // Bad input: said on the page, with what was typed.
        let page = b.get("/admin/audit?since=06%2F12%2F2026").await;
        assert_eq!(page.status, 400);
        assert!(page.text().contains("Dates are written YYYY-MM-DD."));
        assert!(
            page.text().contains("value=\"06/12/2026\""),
            "{}",
            page.body
        );
        let page = b.get("/admin/audit?account=nobody%40example.org").await;
        assert_eq!(page.status, 400);
        assert!(
            page.text()
                .contains("No account has this e-mail address or uid.")
        );
        let page = b
            .get(&format!("/admin/audit?since={today}&until={yesterday}"))
            .await;
        assert_eq!(page.status, 400);

        // CSV: RFC 4180 quoting, one row per entry.
        let filter = format!("actor={}&event=sessions.ended_by_operator", encode(&actor));
        let csv = b
            .get(&format!("/admin/audit/export?format=csv&{filter}"))
            .await;
        assert_eq!(csv.status, 200);
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert!(
            csv.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"limen-audit-")
        );
        let lines: Vec<&str> = csv.body.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2, "{}", csv.body);
        assert!(lines[0].starts_with("id,at,event,uid,actor,"));
        assert!(lines[1].contains(&format!(",sessions.ended_by_operator,{},{actor},", joe.uid)));
        assert!(
            lines[1].contains("\"\"justification\"\":\"\"a \\\"\"quoted\\\"\", reason\"\""),
            "{}",
            lines[1]
        );
        // JSON Lines: one object per line.
        let jsonl = b
            .get(&format!("/admin/audit/export?format=jsonl&{filter}"))
            .await;
        assert_eq!(jsonl.status, 200);
        assert_eq!(jsonl.headers["content-type"], "application/x-ndjson");
        let rows: Vec<serde_json::Value> = jsonl
            .body
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
            .collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["event"], "sessions.ended_by_operator");
        assert_eq!(rows[0]["actor"], actor.as_str());
        assert_eq!(rows[0]["uid"], joe.uid.as_str());
        assert_eq!(rows[0]["detail"]["justification"], "a \"quoted\", reason");
        // Everything, unfiltered, as many lines as entries.
        let all = b.get("/admin/audit/export?format=jsonl").await;
        let total = app
            .store
            .search_audit(&AuditFilter::default(), 100_000)
            .await
            .unwrap()
            .len();
        assert_eq!(all.body.lines().count(), total);
        let bad = b.get("/admin/audit/export?format=xml").await;
        assert_eq!(bad.status, 400);
        assert!(bad.text().contains("The export format is csv or jsonl."));

        // The help desk may not read the log, nor export it.
        let (help, _) = operator(&app, HELP, Some(AdminRole::Helpdesk)).await;
        assert_eq!(help.get("/admin/audit/export?format=csv").await.status, 403);
    })
    .await;
}

/// The latest audit entry of `event`.
async fn last_entry(app: &TestApp, event: &str) -> limen_store::AuditEntry {
    app.store
        .search_audit(
            &AuditFilter {
                event: Some(event.into()),
                ..AuditFilter::default()
            },
            1,
        )
        .await
        .unwrap()
        .pop()
        .unwrap_or_else(|| panic!("no {event} in the audit log"))
        .entry
}

#[tokio::test]
async fn the_help_desk_removes_a_lost_key_and_unlocks_a_token() {
    each_backend(defaults, |app| async move {
        let joe = app.add_user(JOE, Some("Joe"), "Bloggs").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JOE, &mut key, "Lost key").await;
        let (b, help_uid) = operator(&app, HELP, Some(AdminRole::Helpdesk)).await;
        let here = format!("/admin/accounts/{}", joe.uid);
        let page = b.get(&here).await;
        assert!(page.contains("Lost key"), "{}", page.body);
        let marker = "<tr class=\"factor\" data-id=\"";
        let from = page.body.find(marker).expect("the key is listed") + marker.len();
        let to = page.body[from..].find('"').unwrap() + from;
        let factor = page.body[from..to].to_owned();
        assert!(factor.starts_with("webauthn:"), "{factor}");
        let csrf = page.csrf();
        let remove = format!("{here}/remove-factor");

        // A factor the account does not have: said so, nothing removed.
        for wrong in ["webauthn:999999", "nonsense", "sms:1"] {
            let refused = b
                .post(
                    &remove,
                    &[("csrf_token", &csrf), ("factor", wrong), ("reason", "lost")],
                )
                .await;
            assert_eq!(refused.status, 404, "{wrong}");
            assert!(
                refused
                    .text()
                    .contains("is not registered for this account (any more).")
            );
        }
        let done = b
            .post(
                &remove,
                &[
                    ("csrf_token", &csrf),
                    ("factor", &factor),
                    ("reason", "lost on the train"),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let after = b.get(&format!("{here}?done=remove-factor")).await;
        assert!(after.contains("id=\"no-factors\""), "{}", after.body);
        let entry = last_entry(&app, "webauthn.delete").await;
        assert_eq!(entry.account_id, Some(joe.id));
        assert_eq!(entry.actor, Some(format!("admin:{help_uid}")));
        assert_eq!(entry.detail["justification"], "lost on the train");

        // A token locked after wrong codes, unlocked by the help desk.
        crate::tokens::import(
            &app,
            "T7654321,3132333435363738393031323334353637383930,hotp,6\n",
        )
        .await;
        let tokens = app
            .state
            .authn
            .factor_as::<limen_authn::token::TokenFactor>(limen_core::Method::Token)
            .unwrap()
            .tokens()
            .clone();
        tokens
            .set_locked(&app.state.authn, "T7654321", true)
            .await
            .unwrap()
            .unwrap();
        let list = b.get("/admin/tokens?q=7654").await;
        assert_eq!(list.status, 200);
        assert!(list.contains("data-serial=\"T7654321\""), "{}", list.body);
        let csrf = list.csrf();
        let refused = b
            .post(
                "/admin/tokens/unlock",
                &[
                    ("csrf_token", &csrf),
                    ("serial", "T7654321"),
                    ("reason", ""),
                ],
            )
            .await;
        assert_eq!(refused.status, 400);
        assert!(refused.text().contains("Please give a reason"));
        assert!(
            app.store
                .token_by_serial("T7654321")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );
        let done = b
            .post(
                "/admin/tokens/unlock",
                &[
                    ("csrf_token", &csrf),
                    ("serial", "T7654321"),
                    ("reason", "found it"),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(
            !app.store
                .token_by_serial("T7654321")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );
        let entry = last_entry(&app, "token.unlocked").await;
        assert_eq!(entry.actor, Some(format!("admin:{help_uid}")));
        assert_eq!(entry.detail["justification"], "found it");
        let unknown = b
            .post(
                "/admin/tokens/unlock",
                &[("csrf_token", &csrf), ("serial", "NOPE"), ("reason", "x")],
            )
            .await;
        assert_eq!(unknown.status, 404);
    })
    .await;
}

#[tokio::test]
async fn keys_are_listed_and_rotated_by_an_admin_only() {
    each_backend(defaults, |app| async move {
        let (auditor, _) = operator(&app, AUDITOR, Some(AdminRole::Auditor)).await;
        let (b, root_uid) = operator(&app, ADMIN, Some(AdminRole::Admin)).await;
        let page = auditor.get("/admin/keys").await;
        assert_eq!(page.status, 200);
        assert!(!page.contains("/admin/keys/rotate"));
        let refused = auditor
            .post(
                "/admin/keys/rotate",
                &[("csrf_token", "x"), ("alg", "ES256"), ("reason", "x")],
            )
            .await;
        assert_eq!(refused.status, 403);

        let page = b.get("/admin/keys").await;
        let csrf = page.csrf();
        let bad = b
            .post(
                "/admin/keys/rotate",
                &[("csrf_token", &csrf), ("alg", "HS256"), ("reason", "x")],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.text().contains("Choose an algorithm from the list."));
        let before = app.store.signing_keys(app.clock_now()).await.unwrap().len();
        let done = b
            .post(
                "/admin/keys/rotate",
                &[
                    ("csrf_token", &csrf),
                    ("alg", "ES256"),
                    ("reason", "yearly rotation"),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let keys = app.store.signing_keys(app.clock_now()).await.unwrap();
        assert_eq!(keys.len(), before + 1);
        let entry = last_entry(&app, "key.rotated").await;
        assert_eq!(entry.actor, Some(format!("admin:{root_uid}")));
        assert_eq!(entry.detail["justification"], "yearly rotation");
        let page = b.get("/admin/keys?done=rotate").await;
        assert!(page.text().contains("A new signing key has been made."));
        let kid = entry.detail["kid"].as_str().unwrap().to_owned();
        assert!(page.contains(&kid), "{}", page.body);
    })
    .await;
}
