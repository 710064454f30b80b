//! "My sessions": the list of browsers where the user is signed in, ending them, the idle and
//! absolute session limits, and logout.

use crate::login::{login_at, set_cookie, text};
use limen_testkit::*;
use time::Duration;

const APP: &str = "http://127.0.0.1:9/app/";
const SIGNED_IN: &str = "Authentication succeeded";

/// The sessions on a "My sessions" page: (is this browser, public id).
fn listed(page: &Page) -> Vec<(bool, String)> {
    let marker = "name=\"session\" value=\"";
    page.body
        .split("<article class=\"session")
        .skip(1)
        .map(|article| {
            let start = article.find(marker).expect("session id") + marker.len();
            let end = article[start..].find('"').expect("id ends") + start;
            (
                article.starts_with(" current"),
                article[start..end].to_owned(),
            )
        })
        .collect()
}

fn current_id(page: &Page) -> String {
    let ids: Vec<_> = listed(page).into_iter().filter(|(c, _)| *c).collect();
    assert_eq!(ids.len(), 1, "exactly one session is this browser");
    ids[0].1.clone()
}

fn other_ids(page: &Page) -> Vec<String> {
    listed(page)
        .into_iter()
        .filter(|(c, _)| !c)
        .map(|(_, id)| id)
        .collect()
}

async fn signed_in_browser(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    let page = b.login(None, email, PASSWORD).await;
    assert_eq!(page.status, 200, "login: {}", page.body);
    b
}

/// Whether the browser's SSO session is alive, seen from the login page (which also counts as
/// activity).
async fn is_signed_in(b: &Browser) -> bool {
    let page = b.get("/cas/login").await;
    assert_eq!(page.status, 200);
    page.contains(SIGNED_IN)
}

#[tokio::test]
async fn account_pages_send_strangers_to_the_login_page_and_back() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let overview = b.get("/account").await;
        assert_eq!(overview.status, 303);
        assert_eq!(
            overview.location.as_deref(),
            Some("/cas/login?next=%2Faccount")
        );
        let sessions = b.get("/account/sessions").await;
        assert_eq!(sessions.status, 303);
        let location = sessions.location.clone().unwrap();
        assert_eq!(location, "/cas/login?next=%2Faccount%2Fsessions");
        assert!(!sessions.contains("jane"));

        let back = login_at(&b, &location, "jane@example.org", PASSWORD).await;
        assert_eq!(back.status, 303, "{}", back.body);
        assert_eq!(back.location.as_deref(), Some("/account/sessions"));
        let page = b.get("/account/sessions").await;
        assert_eq!(page.status, 200);
        assert!(page.contains("My sessions"));
        let overview = b.get("/account").await;
        assert_eq!(overview.status, 200);
        assert!(overview.contains("View my sessions"));
        assert!(overview.contains("Signed in as Jane Doe"));
    })
    .await;
}

#[tokio::test]
async fn the_sessions_page_lists_every_browser() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let one = signed_in_browser(&app, "jane@example.org").await;
        let page = one.get("/account/sessions").await;
        assert_eq!(page.status, 200);
        assert!(page.contains("<dd>127.0.0.1</dd>"), "{}", page.body);
        assert!(page.contains("<dd>limen-testkit</dd>"));
        assert!(page.contains("This browser"));
        assert!(page.contains("Password ("));
        assert_eq!(listed(&page).len(), 1);
        let first = current_id(&page);

        let two = signed_in_browser(&app, "jane@example.org").await;
        let seen_by_one = one.get("/account/sessions").await;
        let seen_by_two = two.get("/account/sessions").await;
        assert_eq!(listed(&seen_by_one).len(), 2);
        assert_eq!(seen_by_one.body.matches("This browser").count(), 1);
        assert_eq!(current_id(&seen_by_one), first);
        let second = current_id(&seen_by_two);
        assert_ne!(first, second);
        assert_eq!(other_ids(&seen_by_one), vec![second.clone()]);
        assert_eq!(other_ids(&seen_by_two), vec![first]);
        assert_eq!(seen_by_two.body.matches("<dd>127.0.0.1</dd>").count(), 2);

        // Someone else's sessions are not listed.
        app.add_user("bob@example.org", Some("Bob"), "Other").await;
        let bob = signed_in_browser(&app, "bob@example.org").await;
        let bobs = bob.get("/account/sessions").await;
        assert_eq!(listed(&bobs).len(), 1);
        assert!(!listed(&bobs).iter().any(|(_, id)| *id == second));
    })
    .await;
}

#[tokio::test]
async fn ending_another_session_signs_that_browser_out() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
            .await;
        let one = signed_in_browser(&app, "jane@example.org").await;
        let two = signed_in_browser(&app, "jane@example.org").await;
        let page = one.get("/account/sessions").await;
        let victim = other_ids(&page).pop().expect("the other browser");

        let ended = one
            .post(
                "/account/sessions/end",
                &[("csrf_token", &page.csrf()), ("session", &victim)],
            )
            .await;
        assert_eq!(ended.status, 303, "{}", ended.body);
        assert_eq!(ended.location.as_deref(), Some("/account/sessions?ended=1"));

        let after = one.get("/account/sessions?ended=1").await;
        assert_eq!(after.status, 200);
        assert!(after.contains("The session has been ended."));
        assert_eq!(listed(&after).len(), 1);
        assert!(!after.contains(&victim));
        // Without the flag, no notice.
        assert!(
            !one.get("/account/sessions")
                .await
                .contains("The session has been ended.")
        );

        // The other browser is signed out: the form again, no ticket for a service.
        let login = two.get("/cas/login").await;
        assert_eq!(login.status, 200);
        assert!(!login.contains(SIGNED_IN));
        assert!(login.contains("name=\"password\""));
        let service = two
            .get(&format!("/cas/login?service={}", encode(APP)))
            .await;
        assert_eq!(service.status, 200);
        assert!(service.location.is_none());
        assert!(service.ticket().is_none());
        assert_eq!(two.get("/account").await.status, 303);

        // This browser still is signed in and gets tickets.
        assert!(is_signed_in(&one).await);
        let ticket = one
            .get(&format!("/cas/login?service={}", encode(APP)))
            .await;
        assert_eq!(ticket.status, 303);
        assert!(ticket.ticket().is_some());
    })
    .await;
}

#[tokio::test]
async fn ending_this_session_signs_out() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = signed_in_browser(&app, "jane@example.org").await;
        let page = b.get("/account/sessions").await;
        let mine = current_id(&page);
        let ended = b
            .post(
                "/account/sessions/end",
                &[("csrf_token", &page.csrf()), ("session", &mine)],
            )
            .await;
        assert_eq!(ended.status, 303);
        assert_eq!(ended.location.as_deref(), Some("/cas/login"));
        assert!(
            set_cookie(&ended, "limen_sso").is_some_and(|c| c.contains("Max-Age=0")),
            "the SSO cookie is cleared"
        );
        assert!(!is_signed_in(&b).await);
        assert_eq!(b.get("/account/sessions").await.status, 303);
    })
    .await;
}

#[tokio::test]
async fn forged_or_foreign_session_ids_end_nothing() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        app.add_user("bob@example.org", Some("Bob"), "Other").await;
        let jane = signed_in_browser(&app, "jane@example.org").await;
        let jane2 = signed_in_browser(&app, "jane@example.org").await;
        let bob = signed_in_browser(&app, "bob@example.org").await;
        let bobs_id = current_id(&bob.get("/account/sessions").await);
        let page = jane.get("/account/sessions").await;

        for forged in [bobs_id.as_str(), "AAAAAAAAAAAAAAAA", "", "' OR 1=1 --"] {
            let answer = jane
                .post(
                    "/account/sessions/end",
                    &[("csrf_token", &page.csrf()), ("session", forged)],
                )
                .await;
            assert_eq!(answer.status, 303, "session={forged}");
            assert_eq!(
                answer.location.as_deref(),
                Some("/account/sessions"),
                "session={forged}"
            );
        }
        assert!(is_signed_in(&bob).await, "Bob's session survives");
        assert!(is_signed_in(&jane).await);
        assert!(is_signed_in(&jane2).await);
        assert_eq!(listed(&jane.get("/account/sessions").await).len(), 2);
        assert_eq!(
            current_id(&bob.get("/account/sessions").await),
            bobs_id,
            "Bob's session is the same one"
        );
    })
    .await;
}

#[tokio::test]
async fn ending_a_session_needs_the_csrf_token() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let one = signed_in_browser(&app, "jane@example.org").await;
        let two = signed_in_browser(&app, "jane@example.org").await;
        let page = one.get("/account/sessions").await;
        let victim = other_ids(&page).pop().unwrap();

        let missing = one
            .post("/account/sessions/end", &[("session", &victim)])
            .await;
        assert_eq!(missing.status, 403);
        assert!(missing.contains("This form has expired or was sent from another site."));
        let wrong = one
            .post(
                "/account/sessions/end",
                &[("csrf_token", "not-the-token"), ("session", &victim)],
            )
            .await;
        assert_eq!(wrong.status, 403);
        // The token of the page, from the browser whose session it would end.
        let cross = two
            .post(
                "/account/sessions/end",
                &[("csrf_token", &page.csrf()), ("session", &victim)],
            )
            .await;
        assert_eq!(cross.status, 403);

        assert!(is_signed_in(&two).await);
        assert_eq!(listed(&one.get("/account/sessions").await).len(), 2);
    })
    .await;
}

#[tokio::test]
async fn an_idle_session_expires() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
            .await;
        let b = signed_in_browser(&app, "jane@example.org").await;
        let idle = signed_in_browser(&app, "jane@example.org").await;
        app.advance(Duration::hours(2) - Duration::minutes(1));
        assert!(
            is_signed_in(&b).await,
            "1 h 59 min idle is within the limit"
        );
        app.advance(Duration::hours(2) + Duration::minutes(1));
        assert_eq!(idle.get("/account/sessions").await.status, 303);
        assert!(!is_signed_in(&idle).await);
        assert!(!is_signed_in(&b).await);
        let service_page = idle
            .get(&format!("/cas/login?service={}", encode(APP)))
            .await;
        assert_eq!(service_page.status, 200);
        assert!(service_page.contains("name=\"password\""));
        assert!(service_page.ticket().is_none());
    })
    .await;
}

#[tokio::test]
async fn sessions_that_expired_while_idle_are_not_listed() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let active = signed_in_browser(&app, "jane@example.org").await;
        let idle = signed_in_browser(&app, "jane@example.org").await;
        app.advance(Duration::minutes(110));
        assert!(is_signed_in(&active).await);
        app.advance(Duration::minutes(60));
        // The idle browser is not signed in any more (it has not come back to be told so).
        let page = active.get("/account/sessions").await;
        assert_eq!(page.status, 200);
        assert_eq!(
            listed(&page).len(),
            1,
            "a session past its idle limit is listed as signed in"
        );
        assert!(!is_signed_in(&idle).await);
    })
    .await;
}

#[tokio::test]
async fn activity_keeps_a_session_alive_until_the_absolute_limit() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let active = signed_in_browser(&app, "jane@example.org").await;
        let idle = signed_in_browser(&app, "jane@example.org").await;
        // 5 × 1 h 50 min = 9 h 10 min: never idle for 2 h.
        for step in 1..=5 {
            app.advance(Duration::minutes(110));
            assert!(
                is_signed_in(&active).await,
                "still signed in at step {step}"
            );
        }
        assert!(
            !is_signed_in(&idle).await,
            "the idle browser was signed out"
        );
        let page = active.get("/account/sessions").await;
        assert_eq!(page.status, 200);
        assert_eq!(listed(&page).len(), 1, "the idle session is not listed");

        // 10 h 10 min after signing in, only 50 min after the last activity.
        app.advance(Duration::minutes(50));
        assert!(!is_signed_in(&active).await, "the absolute limit ends it");
        assert_eq!(active.get("/account").await.status, 303);
    })
    .await;
}

#[tokio::test]
async fn logout_ends_the_session_for_good() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let login = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(login.status, 200);
        let token = set_cookie(&login, "limen_sso")
            .and_then(|c| c.split(';').next())
            .and_then(|c| c.strip_prefix("limen_sso="))
            .expect("SSO cookie")
            .to_owned();
        // The raw cookie, replayed by another client, works before logout.
        let replay = || async {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap()
                .get(app.url("/account"))
                .header(reqwest::header::COOKIE, format!("limen_sso={token}"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        };
        assert_eq!(replay().await, 200);

        let out = b.get("/cas/logout").await;
        assert_eq!(out.status, 200);
        assert!(out.contains("You have been logged out."));
        assert!(out.contains("No service was open in this session."));
        assert!(!text(&out).contains("Signed in as"));
        assert!(
            set_cookie(&out, "limen_sso").is_some_and(|c| c.contains("Max-Age=0")),
            "the SSO cookie is cleared"
        );

        assert!(!is_signed_in(&b).await);
        assert_eq!(b.get("/account").await.status, 303);
        assert_eq!(replay().await, 303, "the old cookie no longer works");

        // Logging out again is harmless.
        let again = b.get("/cas/logout").await;
        assert_eq!(again.status, 200);
        assert!(again.contains("You have been logged out."));
    })
    .await;
}
