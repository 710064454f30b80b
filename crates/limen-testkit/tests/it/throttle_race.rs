//! The login lockout under parallel guesses (issue 11, item 1): a burst of concurrent password
//! attempts gets at most the limit's worth of verifications, per account and per client
//! address, and the right password arriving once the limit is reached is refused with 429.
//!
//! "Verified" is read from two places that cannot be faked by the refusal path: the answers
//! (401 is only given after the hash was checked) and the `logins_failed`/`logins_ok` counters
//! the verification itself increments.

use limen_crypto::{HashParams, PasswordHasher};
use limen_store::testdb::test_databases;
use limen_testkit::{Browser, PASSWORD, Page, TestApp};
use std::sync::atomic::Ordering::Relaxed;

const WRONG: &str = "Wrong-pass-123!";

/// A hash that takes a few milliseconds, on two workers: long enough that parallel requests
/// overlap the way they do in production (the race needs the window between the check and
/// the count).
fn slow_hasher() -> PasswordHasher {
    PasswordHasher::new(
        HashParams {
            memory_kib: 4096,
            iterations: 2,
            parallelism: 1,
        },
        2,
    )
    .expect("hasher")
}

/// `n` browsers, each on the password page for `email` (the e-mail step done one after the
/// other, so that only the password posts race).
async fn password_pages(app: &TestApp, emails: &[String]) -> Vec<(Browser, Page, String)> {
    let mut out = Vec::new();
    for email in emails {
        let b = app.browser();
        let page = b.password_page_at("/cas/login", email).await;
        assert!(page.contains("name=\"password\""));
        out.push((b, page, email.clone()));
    }
    out
}

/// Posts every password at once; the statuses, in the order given.
async fn race(pages: Vec<(Browser, Page, String)>, passwords: &[&str]) -> Vec<u16> {
    let tasks: Vec<_> = pages
        .into_iter()
        .zip(passwords.iter().map(|p| (*p).to_owned()))
        .map(|((b, page, email), password)| {
            tokio::spawn(async move { b.password_step(&page, &email, &password).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("request task"));
    }
    statuses
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

fn verified(app: &TestApp) -> (u64, u64) {
    let m = &app.state.metrics;
    (m.logins_failed.load(Relaxed), m.logins_ok.load(Relaxed))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_passwords_are_verified_at_most_the_account_limit() {
    for db in test_databases().await {
        let app = TestApp::start_with_hasher(db, |_| {}, slow_hasher()).await;
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let emails = vec!["jane@example.org".to_owned(); 40];
        let pages = password_pages(&app, &emails).await;
        let statuses = race(pages, &[WRONG; 40]).await;
        assert_eq!(count(&statuses, 401), 5, "{statuses:?}");
        assert_eq!(count(&statuses, 429), 35, "{statuses:?}");
        assert_eq!(verified(&app), (5, 0));
        // The right password, now: refused without being checked.
        let b = &password_pages(&app, &emails[..1]).await[0];
        let right = b.0.password_step(&b.1, &b.2, PASSWORD).await;
        assert_eq!(right.status, 429, "{}", right.body);
        assert_eq!(verified(&app), (5, 0));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_right_password_in_a_burst_after_four_failures_gets_one_try_in_all() {
    for db in test_databases().await {
        let app = TestApp::start_with_hasher(db, |_| {}, slow_hasher()).await;
        let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let one = vec!["jane@example.org".to_owned()];
        for _ in 0..4 {
            let (b, page, email) = &password_pages(&app, &one).await[0];
            assert_eq!(b.password_step(page, email, WRONG).await.status, 401);
        }
        assert_eq!(verified(&app), (4, 0));
        // The one verification of the burst must still be running when the last guess arrives:
        // a right password that has signed in starts the account afresh, and guesses arriving
        // after that are rightly given new places. The test accounts' hashes are cheap (a
        // verification costs what the stored hash says), so Jane's is stored at a cost far
        // above the few milliseconds the burst takes to arrive (a fresh-clone CI run saw the
        // right password decided first, then five late guesses verified).
        let slow = PasswordHasher::new(
            HashParams {
                memory_kib: 32 * 1024,
                iterations: 8,
                parallelism: 1,
            },
            1,
        )
        .expect("hasher")
        .hash(PASSWORD)
        .await
        .expect("hash");
        app.store
            .set_password(jane.id, &slow, app.clock_now())
            .await
            .expect("slow hash");
        // 31 guesses at once, the right one in the middle: one place is left, so exactly one
        // of them is verified, whichever the store granted it to.
        let emails = vec!["jane@example.org".to_owned(); 31];
        let mut passwords = [WRONG; 31];
        passwords[15] = PASSWORD;
        let pages = password_pages(&app, &emails).await;
        let statuses = race(pages, &passwords).await;
        let (failed, ok) = verified(&app);
        assert_eq!((failed - 4) + ok, 1, "{statuses:?}");
        assert_eq!(count(&statuses, 429), 30, "{statuses:?}");
        let b = &password_pages(&app, &one).await[0];
        let after = b.0.password_step(&b.1, &b.2, PASSWORD).await;
        if ok == 1 {
            // The right one had the place: it signed in and the account starts afresh.
            assert_eq!(statuses[15], 200);
            assert_eq!(after.status, 200, "{}", after.body);
        } else {
            // A wrong one had it: the account is locked, the right password refused.
            assert_eq!(statuses[15], 429);
            assert_eq!(after.status, 429, "{}", after.body);
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_from_one_address_are_verified_at_most_the_address_limit() {
    for db in test_databases().await {
        let app = TestApp::start_with_hasher(
            db,
            |c| {
                c.throttle.address_max_failures = 10;
            },
            slow_hasher(),
        )
        .await;
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        // 40 different addresses, known and unknown: only the client address is shared.
        let emails: Vec<String> = (0..40).map(|i| format!("user{i}@example.org")).collect();
        let pages = password_pages(&app, &emails).await;
        let statuses = race(pages, &[WRONG; 40]).await;
        assert_eq!(count(&statuses, 401), 10, "{statuses:?}");
        assert_eq!(count(&statuses, 429), 30, "{statuses:?}");
        assert_eq!(verified(&app), (10, 0));
        let b = &password_pages(&app, &["jane@example.org".to_owned()]).await[0];
        let right = b.0.password_step(&b.1, &b.2, PASSWORD).await;
        assert_eq!(right.status, 429, "{}", right.body);
        assert_eq!(verified(&app), (10, 0));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_hashing_queue_answers_503_and_costs_no_attempt() {
    for db in test_databases().await {
        // One worker, one waiting place, and a hash that takes a while.
        let hasher = PasswordHasher::with_queue(
            HashParams {
                memory_kib: 32 * 1024,
                iterations: 8,
                parallelism: 1,
            },
            1,
            1,
        )
        .expect("hasher");
        let app = TestApp::start_with_hasher(
            db,
            |c| {
                c.throttle.account_max_failures = 100;
            },
            hasher,
        )
        .await;
        let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        // The stored hash at the slow cost too: a verification costs what the stored hash says,
        // and the test accounts' hashes are cheap (with one, the twelve verifications could end
        // before the next request arrived on a loaded machine: the queue never filled once in a
        // fresh-clone CI run).
        let slow = app.state.hasher.hash(PASSWORD).await.expect("hash");
        app.store
            .set_password(jane.id, &slow, app.clock_now())
            .await
            .expect("slow hash");
        let emails: Vec<String> = vec!["jane@example.org".to_owned(); 12];
        let pages = password_pages(&app, &emails).await;
        let tasks: Vec<_> = pages
            .into_iter()
            .map(|(b, page, email)| {
                tokio::spawn(async move { b.password_step(&page, &email, WRONG).await })
            })
            .collect();
        let mut busy = 0;
        for t in tasks {
            let page = t.await.expect("request task");
            match page.status {
                401 => {}
                503 => {
                    busy += 1;
                    assert_eq!(
                        page.headers
                            .get("retry-after")
                            .and_then(|v| v.to_str().ok()),
                        Some("2")
                    );
                    assert!(page.contains("try again"), "{}", page.body);
                    assert_eq!(
                        page.headers
                            .get("x-frame-options")
                            .and_then(|v| v.to_str().ok()),
                        Some("DENY")
                    );
                }
                other => panic!("unexpected {other}: {}", page.body),
            }
        }
        assert!(busy >= 1, "the queue never filled");
        let (failed, _) = verified(&app);
        assert_eq!(failed as usize, 12 - busy);
        // The refused ones cost no place: the account's count is exactly the verified ones.
        let key = format!(
            "acct:{}",
            limen_crypto::sha256_hex("jane@example.org".as_bytes())
        );
        let next = app
            .store
            .throttle_reserve(
                &key,
                app.clock_now(),
                time::Duration::minutes(15),
                100,
                app.clock_now(),
            )
            .await
            .expect("reserve");
        assert_eq!(next, Some(failed as i64 + 1));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_that_gives_up_while_its_password_is_checked_loses_no_place() {
    for db in test_databases().await {
        // A hash that takes far longer than the client waits, and a limit of one attempt: a
        // place left counted would lock the account for the right password that follows.
        let hasher = PasswordHasher::new(
            HashParams {
                memory_kib: 64 * 1024,
                iterations: 24,
                parallelism: 1,
            },
            1,
        )
        .expect("hasher");
        let app =
            TestApp::start_with_hasher(db, |c| c.throttle.account_max_failures = 1, hasher).await;
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let one = vec!["jane@example.org".to_owned()];
        let (b, page, email) = &password_pages(&app, &one).await[0];
        let impatient = reqwest::Client::builder()
            .timeout(std::time::Duration::from_millis(300))
            .build()
            .expect("client");
        let gave_up = impatient
            .post(app.url(&page.form_action()))
            .header("cookie", b.cookie_header(&app.base))
            .form(&[
                ("csrf_token", page.csrf().as_str()),
                ("step", "password"),
                ("method", "PASSWORD"),
                ("email", email.as_str()),
                ("password", PASSWORD),
            ])
            .send()
            .await;
        assert!(gave_up.is_err(), "answered before the client gave up");
        // The attempt still runs to its end: a success, which settles its place.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while verified(&app).1 < 1 {
            assert!(std::time::Instant::now() < deadline, "{:?}", verified(&app));
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // Nothing was left counted against the account or the address.
        let (b, page, email) = &password_pages(&app, &one).await[0];
        let ok = b.password_step(page, email, PASSWORD).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
        app.stop().await;
    }
}
