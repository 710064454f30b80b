//! Delivery through a real SMTP server (the testkit's sink, over TCP) and the development
//! directory, on SQLite and — when `LIMEN_TEST_PG` is set — PostgreSQL.

use limen_core::Clock;
use limen_core::clock::ManualClock;
use limen_notify::{
    MailSettings, MailTransport, Mailer, NotifyError, OutgoingMail, RetryPolicy, SmtpSecurity,
    SmtpSettings,
};
use limen_store::Store;
use limen_store::testdb::each_backend;
use limen_testkit::smtp::SmtpSink;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

const FROM: &str = "Limen <no-reply@limen.test>";

fn smtp(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
        timeout: std::time::Duration::from_secs(5),
        ca_file: None,
    }
}

fn settings(transport: MailTransport) -> MailSettings {
    MailSettings {
        from: FROM.into(),
        transport,
        retry: RetryPolicy::default(),
    }
}

fn letter(to: &str) -> OutgoingMail {
    OutgoingMail {
        to: to.into(),
        to_name: Some("Γιώργος 王".into()),
        subject: "Définir votre mot de passe — 设置密码".into(),
        text: "Bonjour,\n\nhttps://sso.limen.test/set?t=abc\n\n.a line starting with a dot\n"
            .into(),
        html: "<p>Bonjour, <a href=\"https://sso.limen.test/set?t=abc\">ici</a></p>".into(),
    }
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
    ))
}

fn mailer(store: &Store, transport: MailTransport, clock: &Arc<ManualClock>) -> Arc<Mailer> {
    let clock: Arc<dyn Clock> = clock.clone();
    Mailer::new(store.clone(), settings(transport), clock).unwrap()
}

/// A fresh, empty directory under the system's temporary directory.
fn temp_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir =
        std::env::temp_dir().join(format!("limen-notify-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn eml_files(dir: &PathBuf) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn delivers_over_smtp_once() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        let mailer = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);
        assert!(!mailer.is_directory());
        assert_eq!(
            mailer.describe(),
            format!("SMTP 127.0.0.1:{} (plain)", sink.port)
        );
        let a = mailer.queue(&letter("jean@example.org")).await.unwrap();
        let b = mailer.queue(&letter("maria@example.org")).await.unwrap();
        assert_eq!(mailer.deliver_due().await.unwrap(), 2);
        assert_eq!(mailer.deliver_due().await.unwrap(), 0, "nothing left");

        let received = sink.wait_for(2, 5).await;
        assert_eq!(received.len(), 2);
        let first = &received[0];
        assert_eq!(first.envelope_from, "no-reply@limen.test");
        assert_eq!(first.envelope_to, ["jean@example.org"]);
        assert_eq!(first.subject(), "Définir votre mot de passe — 设置密码");
        assert_eq!(
            first.header("To").as_deref(),
            Some("Γιώργος 王 <jean@example.org>")
        );
        assert_eq!(
            first.header("From").as_deref(),
            Some("Limen <no-reply@limen.test>")
        );
        assert_eq!(
            first.header("Auto-Submitted").as_deref(),
            Some("auto-generated")
        );
        assert_eq!(first.text().replace("\r\n", "\n"), letter("").text);
        assert_eq!(first.html(), letter("").html);
        assert_eq!(first.links(), ["https://sso.limen.test/set?t=abc"]);

        let row = store.mail_by_id(a).await.unwrap().unwrap();
        assert_eq!(row.sent_at, Some(clock.now()));
        assert_eq!(row.attempts, 1);
        assert_eq!(
            first.header("Message-ID").as_deref(),
            Some(row.message_id.as_str())
        );
        assert_eq!(first.raw, row.body, "the stored bytes are what was sent");
        assert!(
            store
                .mail_by_id(b)
                .await
                .unwrap()
                .unwrap()
                .sent_at
                .is_some()
        );
        assert_eq!(sink.messages().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn authenticates_and_keeps_mail_when_credentials_are_wrong() {
    each_backend(|store| async move {
        let sink = SmtpSink::start_with_auth("limen", "s3cret").await;
        let clock = clock();

        let without = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);
        let id = without.queue(&letter("a@example.org")).await.unwrap();
        assert_eq!(without.deliver_due().await.unwrap(), 0);
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert!(
            row.last_error.as_deref().unwrap().contains("530"),
            "{row:?}"
        );
        assert!(
            row.failed_at.is_none(),
            "a configuration problem is retried"
        );

        let mut wrong = smtp(sink.port);
        wrong.username = Some("limen".into());
        wrong.password = Some("wrong".into());
        let wrong = mailer(&store, MailTransport::Smtp(wrong), &clock);
        clock.advance(Duration::seconds(30));
        assert_eq!(wrong.deliver_due().await.unwrap(), 0);
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.attempts, 2);
        assert!(
            row.last_error.as_deref().unwrap().contains("535"),
            "{row:?}"
        );
        assert!(row.failed_at.is_none());
        assert_eq!(row.next_attempt_at, clock.now() + Duration::seconds(60));

        let mut right = smtp(sink.port);
        right.username = Some("limen".into());
        right.password = Some("s3cret".into());
        let right = mailer(&store, MailTransport::Smtp(right), &clock);
        assert_eq!(right.deliver_due().await.unwrap(), 0, "not due yet");
        clock.advance(Duration::seconds(60));
        assert_eq!(right.deliver_due().await.unwrap(), 1);
        assert_eq!(sink.wait_for(1, 5).await.len(), 1);

        // Wrong credentials for good: given up once the message is older than the policy allows.
        let id = wrong.queue(&letter("b@example.org")).await.unwrap();
        assert_eq!(wrong.deliver_due().await.unwrap(), 0);
        clock.advance(Duration::days(3));
        assert_eq!(wrong.deliver_due().await.unwrap(), 0);
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.failed_at, Some(clock.now()));
        assert_eq!(row.attempts, 2);
        clock.advance(Duration::days(1));
        assert_eq!(right.deliver_due().await.unwrap(), 0, "failed is final");
        assert_eq!(sink.messages().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_stopped_server_delays_mail_until_it_is_back() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        let mailer = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);
        sink.stop().await;
        let id = mailer.queue(&letter("a@example.org")).await.unwrap();
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.attempts, 1);
        assert!(row.next_attempt_at > clock.now());
        assert_eq!(row.next_attempt_at, clock.now() + Duration::seconds(30));
        assert!(row.sent_at.is_none() && row.failed_at.is_none());
        assert!(row.last_error.is_some());
        assert_eq!(mailer.deliver_due().await.unwrap(), 0, "waits for its time");
        assert_eq!(store.mail_by_id(id).await.unwrap().unwrap().attempts, 1);

        sink.restart().await;
        assert_eq!(mailer.deliver_due().await.unwrap(), 0, "backoff still runs");
        clock.advance(Duration::seconds(30));
        assert_eq!(mailer.deliver_due().await.unwrap(), 1);
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        clock.advance(Duration::hours(2));
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        assert_eq!(sink.wait_for(1, 5).await.len(), 1);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(sink.messages().len(), 1, "exactly once");
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert_eq!(
            (row.attempts, row.sent_at),
            (2, Some(clock.now() - Duration::hours(2)))
        );
    })
    .await;
}

#[tokio::test]
async fn transient_replies_back_off_exponentially() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        let mailer = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);
        sink.fail_next(2);
        let id = mailer.queue(&letter("a@example.org")).await.unwrap();
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert!(
            row.last_error.as_deref().unwrap().contains("451"),
            "{row:?}"
        );
        assert_eq!(row.next_attempt_at, clock.now() + Duration::seconds(30));

        clock.advance(Duration::seconds(30));
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        let row = store.mail_by_id(id).await.unwrap().unwrap();
        assert_eq!(row.attempts, 2);
        assert_eq!(row.next_attempt_at, clock.now() + Duration::seconds(60));

        clock.advance(Duration::seconds(60));
        assert_eq!(mailer.deliver_due().await.unwrap(), 1);
        assert_eq!(sink.wait_for(1, 5).await.len(), 1);
        assert_eq!(store.mail_by_id(id).await.unwrap().unwrap().attempts, 3);
    })
    .await;
}

#[tokio::test]
async fn a_permanent_refusal_fails_the_message() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        let mailer = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);
        let bad = mailer
            .queue(&letter("nobody@reject.invalid"))
            .await
            .unwrap();
        let good = mailer.queue(&letter("a@example.org")).await.unwrap();
        assert_eq!(mailer.deliver_due().await.unwrap(), 1);
        let row = store.mail_by_id(bad).await.unwrap().unwrap();
        assert_eq!(row.failed_at, Some(clock.now()));
        assert_eq!(row.attempts, 1);
        assert!(
            row.last_error.as_deref().unwrap().contains("550"),
            "{row:?}"
        );
        clock.advance(Duration::hours(5));
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        let received = sink.wait_for(1, 5).await;
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].envelope_to, ["a@example.org"]);
        assert!(
            store
                .mail_by_id(good)
                .await
                .unwrap()
                .unwrap()
                .sent_at
                .is_some()
        );
    })
    .await;
}

#[tokio::test]
async fn tls_is_required_when_configured() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        for security in [SmtpSecurity::Implicit, SmtpSecurity::StartTls] {
            let mut settings = smtp(sink.port);
            settings.security = security;
            let mailer = mailer(&store, MailTransport::Smtp(settings), &clock);
            let id = mailer.queue(&letter("a@example.org")).await.unwrap();
            assert_eq!(mailer.deliver_due().await.unwrap(), 0, "{security:?}");
            let row = store.mail_by_id(id).await.unwrap().unwrap();
            assert_eq!(row.attempts, 1);
            assert!(row.failed_at.is_none(), "retried: {row:?}");
        }
        assert!(sink.messages().is_empty(), "never sent in clear");
    })
    .await;
}

/// A self-signed CA certificate, as an internal relay's operator would hand out.
const TEST_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBkjCCATmgAwIBAgIUV55CiSqfd3xf4FReNeUDGdtd2hswCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTTGltZW4gdGVzdCByZWxheSBDQTAgFw0yNjExMjMxMjI0MjJa
GA8yMTI2MTAzMDEyMjQyMlowHjEcMBoGA1UEAwwTTGltZW4gdGVzdCByZWxheSBD
QTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPHjEfKeIZxrJ1RD7iY0OeqX9VRO
k/eM9SxtG0ZHjP5Lc1Gwx8Cwlq38sUngb4mPe/4XOP9iDNke2YvI6ZQsoZijUzBR
MB0GA1UdDgQWBBTyYPCzv/eLNttnDQKic/Lu7vphKzAfBgNVHSMEGDAWgBTyYPCz
v/eLNttnDQKic/Lu7vphKzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cA
MEQCIFcBgDN0Zh3J1CggvJbCcGyBQfCJDIW5HmduoYcQ6QmlAiBwmOHNhEEsxo18
BwecjETMOLG+kgq/yjlhUiTaOmB3DQ==
-----END CERTIFICATE-----
";

#[tokio::test]
async fn settings_are_checked_when_the_mailer_is_built() {
    each_backend(|store| async move {
        let clock: Arc<dyn Clock> = clock();
        let build = |from: &str, transport: MailTransport| {
            Mailer::new(
                store.clone(),
                MailSettings {
                    from: from.into(),
                    transport,
                    retry: RetryPolicy::default(),
                },
                clock.clone(),
            )
        };
        let dir = temp_dir("ca");
        let ca = dir.join("ca.pem");
        std::fs::write(&ca, TEST_CA).unwrap();
        let garbage = dir.join("garbage.pem");
        std::fs::write(&garbage, "not a certificate").unwrap();
        let tls = |file: Option<PathBuf>| {
            let mut s = smtp(465);
            s.host = "mail.limen.test".into();
            s.security = SmtpSecurity::Implicit;
            s.ca_file = file;
            MailTransport::Smtp(s)
        };

        let ok = build(FROM, tls(Some(ca))).unwrap();
        assert_eq!(ok.describe(), "SMTP mail.limen.test:465 (TLS)");
        assert!(matches!(
            build(FROM, tls(Some(garbage))),
            Err(NotifyError::Config(_))
        ));
        assert!(matches!(
            build(FROM, tls(Some(dir.join("missing.pem")))),
            Err(NotifyError::Config(_))
        ));
        assert!(matches!(
            build("Limen <no-reply>", tls(None)),
            Err(NotifyError::InvalidAddress { what: "sender", .. })
        ));
        let mut half = smtp(25);
        half.username = Some("limen".into());
        assert!(matches!(
            build(FROM, MailTransport::Smtp(half)),
            Err(NotifyError::Config(_))
        ));
        let queued = ok
            .queue(&OutgoingMail {
                to: "not an address".into(),
                ..letter("")
            })
            .await;
        assert!(matches!(
            queued,
            Err(NotifyError::InvalidAddress {
                what: "recipient",
                ..
            })
        ));
        assert!(store.recent_mail(10).await.unwrap().is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    })
    .await;
}

#[tokio::test]
async fn the_directory_transport_writes_one_file_per_message() {
    each_backend(|store| async move {
        let dir = temp_dir("outbox").join("nested");
        let clock = clock();
        let mailer = mailer(
            &store,
            MailTransport::Directory { path: dir.clone() },
            &clock,
        );
        assert!(mailer.is_directory());
        assert_eq!(mailer.describe(), format!("directory {}", dir.display()));
        assert!(dir.is_dir(), "created by the mailer");

        let a = mailer.queue(&letter("a@example.org")).await.unwrap();
        let b = mailer.queue(&letter("b@example.org")).await.unwrap();
        // A previous attempt wrote `b` and died before recording it: the retry replaces it.
        let b_row = store.mail_by_id(b).await.unwrap().unwrap();
        let b_path = dir.join(format!(
            "{}-{}.eml",
            b_row.created_at.unix_timestamp(),
            b_row.message_id
        ));
        std::fs::write(&b_path, "half a mess").unwrap();
        // `a` cannot be written yet: its name is taken by a directory.
        let a_row = store.mail_by_id(a).await.unwrap().unwrap();
        let a_path = dir.join(format!(
            "{}-{}.eml",
            a_row.created_at.unix_timestamp(),
            a_row.message_id
        ));
        std::fs::create_dir_all(a_path.join("blocker")).unwrap();

        assert_eq!(mailer.deliver_due().await.unwrap(), 1);
        assert_eq!(std::fs::read_to_string(&b_path).unwrap(), b_row.body);
        let a_row = store.mail_by_id(a).await.unwrap().unwrap();
        assert_eq!(a_row.attempts, 1);
        assert!(a_row.sent_at.is_none() && a_row.failed_at.is_none());

        std::fs::remove_dir_all(&a_path).unwrap();
        clock.advance(Duration::seconds(30));
        assert_eq!(mailer.deliver_due().await.unwrap(), 1);
        assert_eq!(std::fs::read_to_string(&a_path).unwrap(), a_row.body);
        assert_eq!(eml_files(&dir), {
            let mut both = vec![a_path.clone(), b_path.clone()];
            both.sort();
            both
        });
        assert_eq!(mailer.deliver_due().await.unwrap(), 0);
        std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_passes_never_send_a_message_twice() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        // Four "nodes": separate mailers sharing the store.
        let nodes: Vec<Arc<Mailer>> = (0..4)
            .map(|_| mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock))
            .collect();
        let mut ids = HashSet::new();
        for n in 0..20 {
            ids.insert(
                nodes[n % 4]
                    .queue(&letter(&format!("user{n}@example.org")))
                    .await
                    .unwrap(),
            );
        }
        let passes: Vec<_> = nodes
            .iter()
            .map(|node| {
                let node = Arc::clone(node);
                tokio::spawn(async move { node.deliver_due().await.unwrap() })
            })
            .collect();
        let mut delivered = 0;
        for pass in passes {
            delivered += pass.await.unwrap();
        }
        assert_eq!(delivered, 20);
        let received = sink.wait_for(20, 10).await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(sink.messages().len(), 20);
        let distinct: HashSet<String> = received
            .iter()
            .map(|m| m.header("Message-ID").unwrap())
            .collect();
        assert_eq!(distinct.len(), 20, "no message twice");
        for id in ids {
            assert!(
                store
                    .mail_by_id(id)
                    .await
                    .unwrap()
                    .unwrap()
                    .sent_at
                    .is_some()
            );
        }
        for node in &nodes {
            assert_eq!(node.deliver_due().await.unwrap(), 0);
        }
    })
    .await;
}

#[tokio::test]
async fn the_worker_delivers_when_woken() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        let mailer = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);
        let worker = mailer.spawn_worker(std::time::Duration::from_secs(3600));
        mailer.queue(&letter("a@example.org")).await.unwrap();
        assert_eq!(
            sink.wait_for(1, 10).await.len(),
            1,
            "queue() wakes the worker"
        );
        mailer.queue(&letter("b@example.org")).await.unwrap();
        assert_eq!(sink.wait_for(2, 10).await.len(), 2);
        worker.abort();
        let _ = worker.await;
    })
    .await;
}

/// Issue 11 item 2: a message queued inside a transaction is delivered only if the transaction
/// commits; a message that cannot be composed is an error before anything is written.
#[tokio::test]
async fn mail_queued_in_a_transaction_goes_out_only_when_committed() {
    each_backend(|store| async move {
        let sink = SmtpSink::start().await;
        let clock = clock();
        let mailer = mailer(&store, MailTransport::Smtp(smtp(sink.port)), &clock);

        let mut tx = store.begin().await.unwrap();
        mailer
            .queue_in(&mut tx, &letter("rolled-back@example.org"))
            .await
            .unwrap();
        // (A read: on SQLite a delivery pass, which writes, would wait for the transaction.)
        assert!(
            store.recent_mail(10).await.unwrap().is_empty(),
            "not committed yet"
        );
        tx.rollback().await.unwrap();
        assert_eq!(mailer.deliver_due().await.unwrap(), 0, "rolled back");

        let mut tx = store.begin().await.unwrap();
        let refused = mailer.queue_in(&mut tx, &letter("not an address")).await;
        assert!(
            matches!(
                refused,
                Err(NotifyError::InvalidAddress {
                    what: "recipient",
                    ..
                })
            ),
            "{refused:?}"
        );
        let id = mailer
            .queue_in(&mut tx, &letter("committed@example.org"))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(mailer.deliver_due().await.unwrap(), 1);
        let received = sink.wait_for(1, 5).await;
        assert_eq!(received[0].envelope_to, ["committed@example.org"]);
        assert!(
            store
                .mail_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .sent_at
                .is_some()
        );
        assert_eq!(store.recent_mail(10).await.unwrap().len(), 1);
    })
    .await;
}
