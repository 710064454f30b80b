//! The SMS sender through a real local HTTP gateway (axum on 127.0.0.1) and the development
//! outbox, on SQLite and — when `LIMEN_TEST_PG` is set — PostgreSQL.

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use limen_core::Clock;
use limen_core::clock::ManualClock;
use limen_crypto::sealed::SecretBox;
use limen_notify::{
    BodyEncoding, HttpAuth, HttpMethod, HttpSmsSettings, NotifyError, RetryPolicy, SmsSender,
    SmsSettings, SmsTransport,
};
use limen_store::Store;
use limen_store::testdb::each_backend;
use serde_json::json;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};

const PHONE: &str = "+33612345678";
const TEXT: &str = "Code 123456 & \"é€\" = ok {code}";

/// What the gateway answers to the next request.
#[derive(Clone)]
enum Reply {
    Status(u16, &'static str),
    /// Never answers.
    Hang,
}

/// One request as the gateway received it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// A gateway on 127.0.0.1 that records every request and answers from a script (200 "ok" once
/// the script is exhausted). Stopped when dropped.
struct Gateway {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Gateway {
    async fn start(replies: Vec<Reply>) -> Gateway {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(replies)));
        let (seen2, script2) = (seen.clone(), script.clone());
        let app = axum::Router::new().fallback(move |request: Request<Body>| {
            let (seen, script) = (seen2.clone(), script2.clone());
            async move { answer(request, &seen, &script).await }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Gateway { addr, seen, task }
    }

    fn url(&self, path: &str) -> url::Url {
        url::Url::parse(&format!("http://{}{path}", self.addr)).unwrap()
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn answer(
    request: Request<Body>,
    seen: &Mutex<Vec<Seen>>,
    script: &Mutex<VecDeque<Reply>>,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, 1 << 20).await.unwrap().to_vec();
    seen.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body,
    });
    let reply = script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Reply::Status(200, "ok"));
    match reply {
        Reply::Status(code, text) => (StatusCode::from_u16(code).unwrap(), text).into_response(),
        Reply::Hang => std::future::pending().await,
    }
}

fn start() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(start()))
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn sealer() -> SecretBox {
    SecretBox::new(&[7u8; 32])
}

/// A form POST to `url`, the parameters most tests use.
fn form(url: url::Url) -> HttpSmsSettings {
    HttpSmsSettings {
        method: HttpMethod::Post,
        url,
        encoding: BodyEncoding::Form,
        params: vec![
            ("to".into(), "{phone}".into()),
            ("text".into(), "{text}".into()),
        ],
        json: None,
        headers: vec![],
        auth: HttpAuth::None,
        success_status: vec![],
        success_body: None,
        failure_body: vec![],
        reference_pointer: None,
        timeout: std::time::Duration::from_secs(5),
    }
}

fn sender(store: &Store, transport: SmsTransport, clock: &Arc<ManualClock>) -> Arc<SmsSender> {
    let clock: Arc<dyn Clock> = clock.clone();
    let settings = SmsSettings {
        transport,
        retry: RetryPolicy::default(),
        sender: "Limen".into(),
    };
    SmsSender::new(store.clone(), settings, clock, http_client(), sealer()).unwrap()
}

/// Queues the usual message, its code valid for ten minutes.
async fn queue(sms: &SmsSender) -> i64 {
    sms.queue(
        PHONE,
        "login",
        TEXT,
        Some("123456"),
        start() + Duration::minutes(10),
    )
    .await
    .unwrap()
}

fn header<'a>(seen: &'a Seen, name: &str) -> &'a str {
    seen.headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

#[tokio::test]
async fn a_form_post_carries_every_placeholder_escaped_by_the_encoder() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![]).await;
        let mut settings = form(gateway.url("/send"));
        settings.params = vec![
            ("to".into(), "{phone}".into()),
            ("text".into(), "{text}".into()),
            ("digits".into(), "{phone_digits}".into()),
            ("code".into(), "{code}".into()),
            ("from".into(), "{sender}".into()),
            ("ref".into(), "limen-{id}".into()),
            ("fixed".into(), "a&b=c".into()),
        ];
        settings.auth = HttpAuth::Basic {
            username: "limen".into(),
            password: "s3cr:et".into(),
        };
        let clock = clock();
        let sms = sender(&store, SmsTransport::Http(settings), &clock);
        let id = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);

        let seen = gateway.seen();
        assert_eq!(seen.len(), 1);
        let got = &seen[0];
        assert_eq!((got.method.as_str(), got.path.as_str()), ("POST", "/send"));
        assert_eq!(got.query, None);
        assert_eq!(
            header(got, "content-type"),
            "application/x-www-form-urlencoded"
        );
        assert_eq!(header(got, "authorization"), "Basic bGltZW46czNjcjpldA==");
        let expected = format!(
            "to=%2B33612345678\
             &text=Code+123456+%26+%22%C3%A9%E2%82%AC%22+%3D+ok+%7Bcode%7D\
             &digits=33612345678&code=123456&from=Limen&ref=limen-{id}&fixed=a%26b%3Dc"
        );
        assert_eq!(String::from_utf8(got.body.clone()).unwrap(), expected);

        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.sent_at, Some(start()));
        assert_eq!(row.attempts, 1);
        assert_eq!(row.body, "", "the code is not kept once the gateway has it");
        assert!(sms.open(&row).is_none());
        assert_eq!(sms.deliver_due().await.unwrap(), 0, "sent once only");
        assert_eq!(gateway.seen().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_kannel_style_get_puts_the_parameters_in_the_query() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![
            Reply::Status(202, "0: Accepted for delivery"),
            Reply::Status(403, "Authorization failed for sendsms"),
        ])
        .await;
        let mut settings = form(gateway.url("/cgi-bin/sendsms?smsc=main"));
        settings.method = HttpMethod::Get;
        settings.encoding = BodyEncoding::Query;
        settings.params = vec![
            ("username".into(), "limen".into()),
            ("password".into(), "p@ss&word".into()),
            ("to".into(), "{phone}".into()),
            ("text".into(), "{text}".into()),
            ("from".into(), "{sender}".into()),
        ];
        settings.success_status = vec![202];
        settings.failure_body = vec!["Authorization failed".into()];
        let clock = clock();
        let sms = sender(&store, SmsTransport::Http(settings), &clock);
        assert_eq!(
            sms.describe(),
            format!("HTTP GET http://{}", gateway.addr),
            "never the query"
        );
        let first = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        let seen = gateway.seen();
        assert_eq!(seen[0].method, "GET");
        assert_eq!(seen[0].path, "/cgi-bin/sendsms");
        assert_eq!(
            seen[0].query.as_deref(),
            Some(
                "smsc=main&username=limen&password=p%40ss%26word&to=%2B33612345678\
                 &text=Code+123456+%26+%22%C3%A9%E2%82%AC%22+%3D+ok+%7Bcode%7D&from=Limen"
            )
        );
        assert!(seen[0].body.is_empty());
        assert!(
            store
                .sms_by_id(first)
                .await
                .unwrap()
                .unwrap()
                .sent_at
                .is_some()
        );

        let second = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(second).await.unwrap().unwrap();
        assert_eq!(row.failed_at, Some(start()), "a refusal is final");
        let error = row.last_error.unwrap();
        assert!(error.contains("HTTP 403"), "{error}");
        assert!(
            error.contains("Authorization failed for sendsms"),
            "{error}"
        );
        assert!(!error.contains("p@ss"), "{error}");
        assert_eq!(row.body, "");
    })
    .await;
}

#[tokio::test]
async fn a_json_body_is_built_structurally_with_bearer_auth_and_a_reference() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![Reply::Status(
            201,
            r#"{"messages":[{"id":"m-77","status":"queued"}]}"#,
        )])
        .await;
        let mut settings = form(gateway.url("/v2/sms"));
        settings.encoding = BodyEncoding::Json;
        settings.params = vec![];
        settings.json = Some(json!({
            "to": ["{phone}"],
            "from": "{sender}",
            "body": "{text}",
            "meta": {"code": "{code}", "id": "{id}", "n": 1, "flag": true, "{phone}": "key kept"}
        }));
        settings.headers = vec![("X-Api-Version".into(), "2".into())];
        settings.auth = HttpAuth::Bearer {
            token: "tok-123".into(),
        };
        settings.reference_pointer = Some("/messages/0/id".into());
        let clock = clock();
        let sms = sender(&store, SmsTransport::Http(settings), &clock);
        let id = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);

        let seen = gateway.seen();
        let got = &seen[0];
        assert_eq!(got.method, "POST");
        assert_eq!(header(got, "content-type"), "application/json");
        assert_eq!(header(got, "authorization"), "Bearer tok-123");
        assert_eq!(header(got, "x-api-version"), "2");
        let raw = String::from_utf8(got.body.clone()).unwrap();
        assert!(
            raw.contains(r#""Code 123456 & \"é€\" = ok {code}""#),
            "{raw}"
        );
        let body: serde_json::Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(
            body,
            json!({
                "to": [PHONE],
                "from": "Limen",
                "body": TEXT,
                "meta": {"code": "123456", "id": id.to_string(), "n": 1, "flag": true,
                         "{phone}": "key kept"}
            })
        );
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.reference.as_deref(), Some("m-77"));
        assert!(row.sent_at.is_some());
    })
    .await;
}

#[tokio::test]
async fn success_and_failure_texts_decide_over_a_success_status() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![
            Reply::Status(200, "ERROR 12: unknown route"),
            Reply::Status(200, "OK but REJECTED"),
            Reply::Status(200, "OK id=5"),
        ])
        .await;
        let mut settings = form(gateway.url("/send"));
        settings.success_body = Some("OK".into());
        settings.failure_body = vec!["REJECTED".into()];
        let clock = clock();
        let sms = sender(&store, SmsTransport::Http(settings), &clock);
        let a = queue(&sms).await;
        let b = queue(&sms).await;
        let c = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        let a = store.sms_by_id(a).await.unwrap().unwrap();
        assert!(a.failed_at.is_some());
        assert!(
            a.last_error
                .unwrap()
                .starts_with("unexpected answer, HTTP 200: ERROR 12")
        );
        let b = store.sms_by_id(b).await.unwrap().unwrap();
        assert!(b.failed_at.is_some());
        assert!(b.last_error.unwrap().starts_with("refused, HTTP 200"));
        assert!(store.sms_by_id(c).await.unwrap().unwrap().sent_at.is_some());
    })
    .await;
}

#[tokio::test]
async fn a_server_error_is_retried_after_the_backoff_then_delivered() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![
            Reply::Status(500, "internal\nerror"),
            Reply::Status(200, "ok"),
        ])
        .await;
        let clock = clock();
        let sms = sender(
            &store,
            SmsTransport::Http(form(gateway.url("/send"))),
            &clock,
        );
        let id = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.attempts, 1);
        assert_eq!(row.next_attempt_at, start() + Duration::seconds(30));
        assert_eq!(row.last_error.as_deref(), Some("HTTP 500: internal error"));
        assert!(row.failed_at.is_none() && row.sent_at.is_none());
        let content = sms.open(&row).expect("kept for the retry");
        assert_eq!(content.text, TEXT);
        assert_eq!(content.code.as_deref(), Some("123456"));

        assert_eq!(sms.deliver_due().await.unwrap(), 0, "not due yet");
        assert_eq!(gateway.seen().len(), 1);
        clock.advance(Duration::seconds(30));
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        assert_eq!(gateway.seen().len(), 2);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.attempts, 2);
        assert_eq!(row.sent_at, Some(start() + Duration::seconds(30)));
        assert!(row.last_error.is_none());
    })
    .await;
}

#[tokio::test]
async fn too_many_requests_is_retried_and_a_bad_request_is_not() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![
            Reply::Status(429, "slow down"),
            Reply::Status(400, "invalid number"),
        ])
        .await;
        let clock = clock();
        let sms = sender(
            &store,
            SmsTransport::Http(form(gateway.url("/send"))),
            &clock,
        );
        let a = queue(&sms).await;
        let b = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let a = store.sms_by_id(a).await.unwrap().unwrap();
        assert!(a.failed_at.is_none());
        assert_eq!(a.last_error.as_deref(), Some("HTTP 429: slow down"));
        assert_eq!(a.next_attempt_at, start() + Duration::seconds(30));
        let b = store.sms_by_id(b).await.unwrap().unwrap();
        assert_eq!(b.failed_at, Some(start()));
        assert_eq!(b.last_error.as_deref(), Some("HTTP 400: invalid number"));
    })
    .await;
}

#[tokio::test]
async fn a_gateway_that_never_answers_times_out_and_is_retried() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![Reply::Hang]).await;
        let mut settings = form(gateway.url("/send"));
        settings.timeout = std::time::Duration::from_millis(300);
        let clock = clock();
        let sms = sender(&store, SmsTransport::Http(settings), &clock);
        let id = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert!(row.failed_at.is_none() && row.sent_at.is_none());
        let error = row.last_error.unwrap();
        assert!(error.starts_with("no answer within"), "{error}");
        assert!(!error.contains("127.0.0.1"), "never the URL: {error}");
        clock.advance(Duration::seconds(30));
        assert_eq!(
            sms.deliver_due().await.unwrap(),
            1,
            "answered the second time"
        );
    })
    .await;
}

#[tokio::test]
async fn a_refused_connection_is_retried() {
    each_backend(|store| async move {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let url = url::Url::parse(&format!("http://127.0.0.1:{port}/send?key=secret")).unwrap();
        let clock = clock();
        let sms = sender(&store, SmsTransport::Http(form(url)), &clock);
        let id = queue(&sms).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        let error = row.last_error.unwrap();
        assert!(row.failed_at.is_none(), "{error}");
        assert!(error.starts_with("cannot connect"), "{error}");
        assert!(!error.contains("secret"), "{error}");
    })
    .await;
}

#[tokio::test]
async fn a_code_that_expires_while_the_gateway_is_down_is_never_sent() {
    each_backend(|store| async move {
        let gateway = Gateway::start(vec![
            Reply::Status(503, "down"),
            Reply::Status(503, "down"),
            Reply::Status(503, "down"),
        ])
        .await;
        let clock = clock();
        let sms = sender(
            &store,
            SmsTransport::Http(form(gateway.url("/send"))),
            &clock,
        );
        // Expires before its first retry is due: given up by the next pass, never sent.
        let short = sms
            .queue(PHONE, "login", TEXT, None, start() + Duration::seconds(40))
            .await
            .unwrap();
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        clock.advance(Duration::seconds(40));
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        assert_eq!(gateway.seen().len(), 1, "never tried after its expiry");
        let row = store.sms_by_id(short).await.unwrap().unwrap();
        assert_eq!(row.failed_at, Some(start() + Duration::seconds(40)));
        assert_eq!(
            row.last_error.as_deref(),
            Some("expired: not sent before the code's expiry")
        );
        assert_eq!(row.body, "");

        // A retry that would come after the expiry is not scheduled: failed at once.
        let now = clock.now();
        let tight = sms
            .queue(PHONE, "login", TEXT, None, now + Duration::seconds(20))
            .await
            .unwrap();
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(tight).await.unwrap().unwrap();
        assert_eq!(row.failed_at, Some(now));
        let error = row.last_error.unwrap();
        assert!(
            error.contains("HTTP 503") && error.contains("expiry"),
            "{error}"
        );
        assert_eq!(store.sms_backlog(now).await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn the_development_outbox_delivers_at_once_and_keeps_the_text() {
    each_backend(|store| async move {
        let clock = clock();
        let sms = sender(&store, SmsTransport::Dev, &clock);
        assert!(sms.is_dev());
        assert_eq!(sms.describe(), "development outbox");
        let id = queue(&sms).await;
        let queued = store.sms_by_id(id).await.unwrap().unwrap();
        assert!(!queued.body.contains("123456"), "sealed in the store");
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.sent_at, Some(start()));
        let content = sms.open(&row).expect("kept by the development outbox");
        assert_eq!(content.text, TEXT);
        assert_eq!(content.code.as_deref(), Some("123456"));

        // Another master key cannot open it.
        let other = SmsSender::new(
            store.clone(),
            SmsSettings {
                transport: SmsTransport::Dev,
                retry: RetryPolicy::default(),
                sender: "Limen".into(),
            },
            Arc::new(ManualClock::new(start())),
            http_client(),
            SecretBox::new(&[8u8; 32]),
        )
        .unwrap();
        assert!(other.open(&row).is_none());
    })
    .await;
}

#[tokio::test]
async fn bad_numbers_and_settings_are_refused() {
    each_backend(|store| async move {
        let clock = clock();
        let sms = sender(&store, SmsTransport::Dev, &clock);
        for bad in ["0612345678", "+33 6 12", "+", "+0123", "+33612345678\n"] {
            let err = sms
                .queue(bad, "login", "x", None, start() + Duration::minutes(1))
                .await
                .unwrap_err();
            assert!(
                matches!(err, NotifyError::InvalidPhone(_)),
                "{bad}: {err:?}"
            );
        }
        assert!(store.recent_sms(10).await.unwrap().is_empty());

        let c: Arc<dyn Clock> = clock.clone();
        let mut http = form(url::Url::parse("http://127.0.0.1/x").unwrap());
        http.params = vec![("to".into(), "{phnoe}".into())];
        let err = SmsSender::new(
            store.clone(),
            SmsSettings {
                transport: SmsTransport::Http(http),
                retry: RetryPolicy::default(),
                sender: "Limen".into(),
            },
            c.clone(),
            http_client(),
            sealer(),
        )
        .err()
        .expect("refused");
        assert!(
            err.to_string()
                .starts_with("SMS configuration: sms.http.params.to"),
            "{err}"
        );
        let err = SmsSender::new(
            store.clone(),
            SmsSettings {
                transport: SmsTransport::Dev,
                retry: RetryPolicy::default(),
                sender: " ".into(),
            },
            c,
            http_client(),
            sealer(),
        )
        .err()
        .expect("refused");
        assert!(err.to_string().contains("sms.sender"), "{err}");
    })
    .await;
}
