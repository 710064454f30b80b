//! Time limits users are told about and can extend (WCAG 2.1 SC 2.2.1): a second factor's step
//! of the login announces its end and takes "More time" up to ten times; a step that is gone,
//! a forged request (CSRF) and the eleventh request are refused; the CAPTCHA says how long
//! it lasts.

use crate::tokens::{
    KEY20, STAFF, TOKEN_ONLY, answer, assign, import, method_step, services, small,
};
use limen_oath::{Hash, hotp};
use limen_testkit::*;
use time::Duration;

async fn more_time(b: &Browser, csrf: &str, ceremony: &str) -> (u16, serde_json::Value) {
    let page = b
        .post(
            "/cas/login/more-time",
            &[("csrf_token", csrf), ("ceremony", ceremony)],
        )
        .await;
    let json = serde_json::from_str(&page.body).unwrap_or_else(|_| panic!("{}", page.body));
    (page.status, json)
}

#[tokio::test]
async fn the_second_factor_step_announces_its_end_and_takes_more_time_ten_times() {
    each_backend(small, |app| async move {
        services(&app).await;
        app.add_user(STAFF, Some("Kim"), "Staff").await;
        import(&app, &format!("T1234567,{KEY20},hotp,8\n")).await;
        assign(&app, "t-1234567", STAFF).await;
        let k = hex::decode(KEY20).unwrap();
        let code = |c: u64| hotp::hotp(&k, Hash::Sha1, c, 8).unwrap();

        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        assert_eq!(page.status, 200, "{}", page.body);
        // The end is announced, in words and for the script (5 minutes by default).
        let end = app.clock_now() + Duration::minutes(5);
        let until = format!("data-until=\"{}\"", end.unix_timestamp());
        assert!(page.contains(&until), "{}", page.body);
        let words = limen_web::i18n::Tr::new("en").datetime(end);
        assert!(
            page.text().contains(&format!("You have until {words}")),
            "{}",
            page.body
        );
        assert!(page.contains("/static/timelimit.js"));
        let ceremony = page.input_value("ceremony").unwrap();
        let csrf = page.csrf();

        // A request whose CSRF token is not the browser's (another site's form): refused.
        let (status, body) = more_time(&b, "not-the-token", &ceremony).await;
        assert_eq!(status, 403, "{body}");
        assert!(body["text"].as_str().unwrap().contains("expired"));
        // An unknown step: gone, with the words to start again.
        let (status, body) = more_time(&b, &csrf, "no-such-step").await;
        assert_eq!(status, 410);
        assert!(
            body["text"]
                .as_str()
                .unwrap()
                .contains("Start signing in again")
        );

        // Four minutes in, more time: the step now ends five minutes from then.
        app.advance(Duration::minutes(4));
        for n in 1..=10 {
            let (status, body) = more_time(&b, &csrf, &ceremony).await;
            assert_eq!(status, 200, "extension {n}: {body}");
            let new_end = app.clock_now() + Duration::minutes(5);
            assert_eq!(body["until"], new_end.unix_timestamp());
            assert_eq!(body["more"], true);
            app.advance(Duration::minutes(4));
        }
        // The eleventh: no more, and the step still ends when it did.
        let (status, body) = more_time(&b, &csrf, &ceremony).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["more"], false);
        assert!(body["text"].as_str().unwrap().contains("No more time"));
        // 44 minutes after it began, the step still takes its answer.
        let done = answer(&b, &page, &code(0)).await;
        assert_eq!(done.status, 303, "{}", done.body);
        // Answered: gone.
        let (status, _) = more_time(&b, &csrf, &ceremony).await;
        assert_eq!(status, 410);

        // Without more time the step ends: the answer is refused after five minutes.
        let b = app.browser();
        let page = method_step(&b, TOKEN_ONLY, STAFF, "PASSWORD_TOKEN").await;
        app.advance(Duration::minutes(5) + Duration::seconds(1));
        let late = answer(&b, &page, &code(1)).await;
        assert_ne!(late.status, 303, "{}", late.body);
        let (status, _) = more_time(&b, &page.csrf(), &page.input_value("ceremony").unwrap()).await;
        assert_eq!(status, 410);
    })
    .await;
}

#[tokio::test]
async fn the_captcha_says_how_long_it_lasts() {
    let app = TestApp::start(
        limen_store::testdb::TestDb::sqlite().await.unwrap(),
        defaults,
    )
    .await;
    let page = app.browser().get("/cas/register").await;
    assert!(
        page.text().contains("This check is valid for 30 minutes"),
        "{}",
        page.body
    );
    app.stop().await;
}
