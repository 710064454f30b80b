//! Issue 16's security review, kept as regression tests: the token lockout under parallel
//! guesses (each code takes a try before it is checked), the lockout after it expires (the
//! count starts again, and a new lockout is audited), and binding as a lever to lock other
//! people's tokens (binding counts per account, not on the token).

use super::tokens::{
    KEY20, OTHER, STAFF, TOKEN_ONLY, answer, assign, bind, import, method_step, services, small,
};
use limen_oath::{Hash, hotp};
use limen_store::testdb::test_databases;
use limen_testkit::{Browser, PASSWORD, Page, TestApp};

async fn setup(app: &TestApp, assign_to: Option<&str>) {
    services(app).await;
    app.add_user(STAFF, Some("Kim"), "Staff").await;
    app.add_user(OTHER, Some("Lee"), "Staff").await;
    import(app, &format!("T1234567,{KEY20},hotp,6\n")).await;
    if let Some(email) = assign_to {
        assign(app, "T1234567", email).await;
    }
}

async fn code_page(app: &TestApp) -> (Browser, Page) {
    let b = app.browser();
    let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
    assert_eq!(page.status, 200, "{}", page.body);
    (b, page)
}

async fn locked_events(app: &TestApp) -> usize {
    app.store
        .recent_audit(1000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.event == "token.locked")
        .count()
}

/// 20 wrong codes posted at once from 20 login flows (the attacker knows the password): the
/// token's limit is 3, so at most 3 should be checked; the rest should be refused as locked.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_stay_within_the_token_lockout() {
    let mut bad: Vec<String> = Vec::new();
    for db in test_databases().await {
        let app = std::sync::Arc::new(TestApp::start(db, small).await);
        setup(&app, Some(STAFF)).await;
        let mut pages = Vec::new();
        for _ in 0..20 {
            pages.push(code_page(&app).await);
        }
        let tasks: Vec<_> = pages
            .into_iter()
            .enumerate()
            .map(|(i, (b, page))| {
                tokio::spawn(async move {
                    let wrong = format!("{:06}", 100_000 + i);
                    answer(&b, &page, &wrong).await.status
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        let t = app
            .store
            .token_by_serial("T1234567")
            .await
            .unwrap()
            .unwrap();
        eprintln!(
            "{:?}: wrong codes checked (token failures) = {}, token.locked events = {}",
            app.backend(),
            t.failures,
            locked_events(&app).await
        );
        if t.failures > 3 {
            bad.push(format!(
                "{:?}: {} guesses checked, limit 3",
                app.backend(),
                t.failures
            ));
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}

/// After the lockout expires, one wrong code locks the token again for the full time — without
/// the audit entry and e-mail the first lockout had.
#[tokio::test]
async fn relock_after_expiry_is_audited() {
    let mut bad: Vec<String> = Vec::new();
    for db in test_databases().await {
        let app = TestApp::start(db, small).await;
        setup(&app, Some(STAFF)).await;
        let (b, mut page) = code_page(&app).await;
        for wrong in ["000000", "111111", "222222"] {
            page = answer(&b, &page, wrong).await;
        }
        assert_eq!(locked_events(&app).await, 1);
        app.advance(time::Duration::minutes(31));
        let (b, page) = code_page(&app).await;
        let _ = answer(&b, &page, "333333").await;
        let t = app
            .store
            .token_by_serial("T1234567")
            .await
            .unwrap()
            .unwrap();
        let blocked = t.blocked(app.clock_now());
        let events = locked_events(&app).await;
        eprintln!(
            "{:?}: after expiry, 1 wrong code: failures={}, blocked={blocked}, token.locked events={events}",
            app.backend(),
            t.failures
        );
        if blocked && events != 2 {
            bad.push(format!("{:?}: re-locked silently", app.backend()));
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}

/// Any staff user can lock an unassigned token of the inventory through "Add a token" with
/// wrong codes; its rightful recipient then cannot bind it even with the right codes.
#[tokio::test]
async fn binding_cannot_lock_someone_elses_token() {
    let mut bad: Vec<String> = Vec::new();
    for db in test_databases().await {
        let app = TestApp::start(db, small).await;
        setup(&app, None).await;
        let mallory = app.browser();
        let done = mallory
            .login_at("/cas/login?next=%2Faccount", OTHER, PASSWORD)
            .await;
        assert_eq!(done.status, 303);
        for _ in 0..3 {
            let _ = bind(&mallory, "T1234567", "000000", "000001").await;
        }
        let k = hex::decode(KEY20).unwrap();
        let code = |c: u64| hotp::hotp(&k, Hash::Sha1, c, 6).unwrap();
        let kim = app.browser();
        let done = kim
            .login_at("/cas/login?next=%2Faccount", STAFF, PASSWORD)
            .await;
        assert_eq!(done.status, 303);
        let page = bind(&kim, "T1234567", &code(0), &code(1)).await;
        eprintln!(
            "{:?}: the rightful binding after 3 wrong attempts by another user: {}",
            app.backend(),
            page.status
        );
        if page.status != 303 {
            bad.push(format!(
                "{:?}: the holder cannot bind the token",
                app.backend()
            ));
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}
