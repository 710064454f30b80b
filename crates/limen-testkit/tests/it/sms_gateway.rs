//! Issue 17: the SMS method with a real HTTP gateway on loopback (the testkit's Receiver), on
//! both backends: what the gateway receives, and what the user is told when the gateway refuses
//! the SMS for good. Kannel, SMPP and the gateway's own outcomes are tested in
//! tests/interop/test_sms.py and limen-notify.

use crate::sms::{PHONE, SMS_ONLY, USER, answer, service, sms_on, sms_step};
use limen_notify::sms::{BodyEncoding, HttpAuth, HttpMethod, HttpSmsSettings, SmsTransport};
use limen_store::testdb::test_databases;
use limen_testkit::{Receiver, TestApp};

fn http_gateway(c: &mut limen_web::WebConfig, base: &str) {
    sms_on(c);
    c.sms.gateway.transport = SmsTransport::Http(HttpSmsSettings {
        method: HttpMethod::Post,
        url: url::Url::parse(&format!("{base}/send")).expect("url"),
        encoding: BodyEncoding::Form,
        params: vec![
            ("to".into(), "{phone}".into()),
            ("text".into(), "{text}".into()),
        ],
        json: None,
        headers: Vec::new(),
        auth: HttpAuth::Bearer {
            token: "t0ken".into(),
        },
        success_status: vec![202],
        success_body: None,
        failure_body: Vec::new(),
        reference_pointer: None,
        timeout: std::time::Duration::from_secs(5),
    });
}

/// A user with one number (stored as the confirmed page would store it).
async fn user_with_number(app: &TestApp) {
    let account = app.add_user(USER, Some("Sam"), "Roe").await;
    app.store
        .add_phone(account.id, PHONE, "FR", "Mine", app.clock_now())
        .await
        .unwrap()
        .expect("number added");
}

/// The outbox row of the newest SMS once it is settled (sent or failed), waiting up to 10 s.
async fn settled(app: &TestApp) -> limen_store::QueuedSms {
    for _ in 0..400 {
        let newest = app.store.recent_sms(1).await.unwrap().into_iter().next();
        if let Some(m) = newest.filter(|m| m.sent_at.is_some() || m.failed_at.is_some()) {
            return m;
        }
        app.state.sms.wake();
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("no SMS settled");
}

#[tokio::test]
async fn the_gateway_receives_the_number_and_the_text_and_a_refusal_is_told() {
    for db in test_databases().await {
        // Accepted (202): the request carries the number, the text with the code, the token.
        let gateway = Receiver::start(202).await;
        let base = gateway.base.clone();
        let app = TestApp::start(db, move |c| http_gateway(c, &base)).await;
        service(&app).await;
        user_with_number(&app).await;
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let sent = settled(&app).await;
        assert!(sent.sent_at.is_some(), "{sent:?}");
        assert_eq!(
            sent.body, "",
            "the text is emptied once the gateway took it"
        );
        let got = gateway.wait_for(1, 10).await;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].method, "POST");
        assert_eq!(got[0].path_and_query, "/send");
        let form: Vec<(String, String)> = url::form_urlencoded::parse(got[0].body.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(form[0], ("to".into(), PHONE.into()));
        let text = &form[1].1;
        assert!(
            text.contains("SMS only") && text.contains("Never share"),
            "{text}"
        );
        // The code from the gateway's request signs in.
        let code = limen_testkit::sms_code_in(text);
        let done = answer(&b, &page, &code).await;
        assert!(done.ticket().is_some(), "{} {}", done.status, done.body);
        app.stop().await;
    }
    for db in test_databases().await {
        // Refused for good (403): the message fails, and a code typed meanwhile is answered
        // "we could not send the SMS", not "wrong code".
        let gateway = Receiver::start(403).await;
        let base = gateway.base.clone();
        let app = TestApp::start(db, move |c| http_gateway(c, &base)).await;
        service(&app).await;
        user_with_number(&app).await;
        let b = app.browser();
        let page = sms_step(&b, SMS_ONLY, USER).await;
        let failed = settled(&app).await;
        assert!(failed.failed_at.is_some(), "{failed:?}");
        assert!(
            failed.last_error.as_deref().unwrap_or("").contains("403"),
            "{failed:?}"
        );
        let told = answer(&b, &page, "AAA-AAA-AAA").await;
        assert_eq!(told.status, 401, "{}", told.body);
        assert!(told.contains("We could not send the SMS"), "{}", told.body);
        app.stop().await;
    }
}
