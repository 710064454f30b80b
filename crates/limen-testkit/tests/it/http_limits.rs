//! The listener against slow and idle clients (issue 11, item 3), the trusted proxies and the
//! metrics access (item 9). Raw TCP, since an HTTP client library would not misbehave on purpose.

use limen_store::testdb::test_databases;
use limen_testkit::{Browser, PASSWORD, TestApp};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What a misbehaving client saw: when the server closed the connection (`None`: still open
/// when the test stopped waiting) and what it answered before that.
struct Seen {
    closed_after: Option<Duration>,
    received: String,
}

/// Connects, sends `head`, then one byte of `drip` (cycled) every `every` — or nothing more
/// when `drip` is empty — while reading until the server closes, for at most `wait`.
async fn misbehave(
    addr: &str,
    head: &'static [u8],
    drip: &'static [u8],
    every: Duration,
    wait: Duration,
) -> Seen {
    let started = Instant::now();
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        if wr.write_all(head).await.is_err() {
            return;
        }
        if drip.is_empty() {
            // Keep the write half open: the client is just idle.
            std::future::pending::<()>().await;
        }
        for byte in drip.iter().cycle() {
            tokio::time::sleep(every).await;
            if wr.write_all(std::slice::from_ref(byte)).await.is_err() {
                return;
            }
        }
    });
    let mut received = Vec::new();
    let mut buf = [0u8; 1024];
    let closed_after = loop {
        match tokio::time::timeout_at((started + wait).into(), rd.read(&mut buf)).await {
            Err(_) => break None,
            Ok(Ok(0) | Err(_)) => break Some(started.elapsed()),
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    };
    writer.abort();
    Seen {
        closed_after,
        received: String::from_utf8_lossy(&received).into_owned(),
    }
}

fn addr(app: &TestApp) -> String {
    app.base.trim_start_matches("http://").to_owned()
}

/// With the default timeouts (10 s for a request's head, 15 s for its body), 200 slow or idle
/// connections are all closed: 100 idle, 50 sending their headers a byte every half second,
/// 50 sending their body a byte a second. The server still answers afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_connections_are_closed_by_default() {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    // The default limits, but for the cap per client address (every socket here comes from
    // 127.0.0.1; one_address_cannot_take_every_connection tests that cap).
    let app = TestApp::start(db, |c| c.http.max_connections_per_address = 1000).await;
    let a = addr(&app);
    let wait = Duration::from_secs(25);
    let mut tasks = Vec::new();
    for _ in 0..100 {
        let a = a.clone();
        tasks.push((
            "idle",
            tokio::spawn(async move { misbehave(&a, b"", b"", Duration::ZERO, wait).await }),
        ));
    }
    for _ in 0..50 {
        let a = a.clone();
        tasks.push((
            "slow headers",
            tokio::spawn(async move {
                misbehave(
                    &a,
                    b"GET /health HTTP/1.1\r\nHost: limen\r\n",
                    b"X-Slow: a\r\n",
                    Duration::from_millis(500),
                    wait,
                )
                .await
            }),
        ));
    }
    for _ in 0..50 {
        let a = a.clone();
        tasks.push((
            "slow body",
            tokio::spawn(async move {
                misbehave(
                    &a,
                    b"POST /cas/login HTTP/1.1\r\nHost: limen\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n",
                    b"email=x",
                    Duration::from_secs(1),
                    wait,
                )
                .await
            }),
        ));
    }
    for (kind, task) in tasks {
        let seen = task.await.expect("client task");
        let closed = seen
            .closed_after
            .unwrap_or_else(|| panic!("a {kind} connection was still open after {wait:?}"));
        match kind {
            "slow body" => {
                assert!(
                    closed >= Duration::from_secs(14),
                    "{kind}: closed after {closed:?}"
                );
                assert!(
                    seen.received.starts_with("HTTP/1.1 408"),
                    "{kind}: {}",
                    seen.received
                );
                // Even this answer carries the security headers.
                assert!(
                    seen.received
                        .to_ascii_lowercase()
                        .contains("x-frame-options: deny"),
                    "{}",
                    seen.received
                );
            }
            _ => {
                assert!(
                    closed >= Duration::from_secs(9),
                    "{kind}: closed after {closed:?}"
                );
                assert!(
                    closed < Duration::from_secs(20),
                    "{kind}: closed after {closed:?}"
                );
                assert!(
                    !seen.received.contains(" 200 "),
                    "{kind}: {}",
                    seen.received
                );
            }
        }
    }
    let health = reqwest::get(app.url("/health")).await.expect("health");
    assert_eq!(health.status(), 200);
    app.stop().await;
}

/// A keep-alive connection is closed once idle for the header timeout; a well-behaved client's
/// requests on it are served meanwhile.
#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    let app = TestApp::start(db, |c| {
        c.http.header_timeout = Duration::from_secs(1);
    })
    .await;
    let mut s = TcpStream::connect(addr(&app)).await.expect("connect");
    for _ in 0..2 {
        s.write_all(b"GET /health HTTP/1.1\r\nHost: limen\r\n\r\n")
            .await
            .expect("write");
        let mut buf = vec![0u8; 4096];
        let n = s.read(&mut buf).await.expect("read");
        let text = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        assert!(
            !text.to_ascii_lowercase().contains("connection: close"),
            "{text}"
        );
    }
    let started = Instant::now();
    let mut buf = [0u8; 16];
    let end = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await;
    assert!(
        matches!(end, Ok(Ok(0) | Err(_))),
        "still open after 5 s: {end:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
    app.stop().await;
}

/// Beyond `max_connections`, a new connection waits (in the kernel's queue) until a place
/// frees up, then is served.
#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_place() {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    let app = TestApp::start(db, |c| {
        c.http.max_connections = 3;
        c.http.header_timeout = Duration::from_secs(30);
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(TcpStream::connect(addr(&app)).await.expect("connect"));
    }
    // Give the server a moment to accept the three.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fourth = TcpStream::connect(addr(&app)).await.expect("connect");
    fourth
        .write_all(b"GET /health HTTP/1.1\r\nHost: limen\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut buf = vec![0u8; 4096];
    let early = tokio::time::timeout(Duration::from_secs(1), fourth.read(&mut buf)).await;
    assert!(early.is_err(), "served beyond the cap: {early:?}");
    drop(idle.pop());
    let n = tokio::time::timeout(Duration::from_secs(5), fourth.read(&mut buf))
        .await
        .expect("served once a place was free")
        .expect("read");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    app.stop().await;
}

/// A client that pipelines requests and stops reading the answers (a zero receive window) holds
/// its connection only until a write has waited `send_timeout`: with every place taken by such
/// clients, a well-behaved one is served once they are closed.
#[tokio::test]
async fn clients_that_stop_reading_lose_their_connection() {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    let app = TestApp::start(db, |c| {
        c.http.max_connections = 2;
        c.http.send_timeout = Duration::from_secs(1);
        c.http.header_timeout = Duration::from_secs(30);
    })
    .await;
    let address: std::net::SocketAddr = addr(&app).parse().expect("address");
    let mut stalled = Vec::new();
    for _ in 0..2 {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.set_recv_buffer_size(1024).expect("SO_RCVBUF");
        let stream = socket.connect(address).await.expect("connect");
        let (rd, mut wr) = stream.into_split();
        // Thousands of pipelined requests for a static file, whose answers are never read: the
        // writes go on in the background until the server stops reading them.
        stalled.push((
            rd,
            tokio::spawn(async move {
                let request = b"GET /static/pow.js HTTP/1.1\r\nHost: limen\r\n\r\n";
                for _ in 0..5000 {
                    if wr.write_all(request).await.is_err() {
                        return;
                    }
                }
                std::future::pending::<()>().await;
            }),
        ));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let mut s = TcpStream::connect(addr(&app)).await.expect("connect");
    s.write_all(b"GET /health HTTP/1.1\r\nHost: limen\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf))
        .await
        .expect("served once the stalled connections were closed")
        .expect("read");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    // Served only after a stall limit had passed: the places were really taken before.
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    for (_, writer) in stalled {
        writer.abort();
    }
    app.stop().await;
}

/// One address may hold `max_connections_per_address` connections; one more is closed at once,
/// and a place given back can be taken again.
#[tokio::test]
async fn one_address_cannot_take_every_connection() {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    let app = TestApp::start(db, |c| {
        c.http.max_connections_per_address = 3;
        c.http.header_timeout = Duration::from_secs(30);
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(addr(&app)).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fourth = TcpStream::connect(addr(&app)).await.expect("connect");
    let mut buf = [0u8; 64];
    let closed = tokio::time::timeout(Duration::from_secs(5), fourth.read(&mut buf)).await;
    assert!(
        matches!(closed, Ok(Ok(0) | Err(_))),
        "not closed: {closed:?}"
    );
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = TcpStream::connect(addr(&app)).await.expect("connect");
    again
        .write_all(b"GET /health HTTP/1.1\r\nHost: limen\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), again.read(&mut buf))
        .await
        .expect("served")
        .expect("read");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    app.stop().await;
}

/// `X-Forwarded-For` counts only when the peer is a trusted proxy, and then only its last
/// entry that is not a trusted proxy: a client cannot pick the address its failures count on.
#[tokio::test]
async fn forwarded_for_counts_only_through_a_trusted_proxy() {
    // (trusted proxies, the header of guess i): the peer is 127.0.0.1 either way.
    type Header = fn(usize) -> String;
    let cases: [(&str, Header); 2] = [
        // Not a trusted proxy: every guess counts on 127.0.0.1, whatever the header says.
        ("10.0.0.0/8", |i| format!("198.51.100.{i}")),
        // The trusted proxy: the address it reports counts, whatever the client put before it.
        ("127.0.0.1/32", |i| format!("203.0.113.{i}, 198.51.100.7")),
    ];
    for (proxy, header) in cases {
        for db in test_databases().await {
            let app = TestApp::start(db, |c| {
                c.throttle.address_max_failures = 3;
                c.trusted_proxies = vec![proxy.parse().unwrap()];
            })
            .await;
            for i in 0..4 {
                let b = Browser::with_headers(&app.base, &[("x-forwarded-for", &header(i))]);
                let page = b
                    .login(None, &format!("u{i}@example.org"), "Wrong-pass-123!")
                    .await;
                let expected = if i < 3 { 401 } else { 429 };
                assert_eq!(page.status, expected, "{proxy}, guess {i}: {}", page.body);
            }
            // Another client behind the trusted proxy is not affected; behind an untrusted
            // peer, everyone shares the peer's lock.
            app.add_user("jane@example.org", Some("Jane"), "Doe").await;
            let other = Browser::with_headers(&app.base, &[("x-forwarded-for", "198.51.100.8")]);
            let page = other.login(None, "jane@example.org", PASSWORD).await;
            let expected = if proxy.starts_with("127.") { 200 } else { 429 };
            assert_eq!(page.status, expected, "{proxy}: {}", page.body);
            app.stop().await;
        }
    }
}

#[tokio::test]
async fn metrics_can_need_a_token_or_a_listener_of_their_own() {
    let db = test_databases().await.into_iter().next().expect("SQLite");
    let app = TestApp::start(db, |c| {
        c.metrics.token = Some("a-long-scrape-token-0123456789".into());
    })
    .await;
    let client = reqwest::Client::new();
    let none = client.get(app.url("/metrics")).send().await.expect("GET");
    assert_eq!(none.status(), 401);
    assert_eq!(
        none.headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer realm=\"metrics\"")
    );
    let wrong = client
        .get(app.url("/metrics"))
        .bearer_auth("a-long-scrape-token-0123456788")
        .send()
        .await
        .expect("GET");
    assert_eq!(wrong.status(), 401);
    let right = client
        .get(app.url("/metrics"))
        .bearer_auth("a-long-scrape-token-0123456789")
        .send()
        .await
        .expect("GET");
    assert_eq!(right.status(), 200);
    assert!(right.text().await.unwrap().contains("limen_logins_total"));
    app.stop().await;

    let db = test_databases().await.into_iter().next().expect("SQLite");
    let app = TestApp::start(db, |c| {
        c.metrics.separate_listener = true;
    })
    .await;
    assert_eq!(
        client
            .get(app.url("/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let metrics_addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(limen_web::serve_metrics(
        listener,
        app.state.clone(),
        async {
            let _ = stopped.await;
        },
    ));
    let scraped = client
        .get(format!("http://{metrics_addr}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scraped.status(), 200);
    // Nothing else is served there.
    let other = client
        .get(format!("http://{metrics_addr}/cas/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    app.stop().await;
}
