//! Two `limen serve` processes sharing one PostgreSQL database, raced against each other
//! (issue 11, item 1): parallel guesses sent to both nodes get at most the account's limit of
//! verifications in all, and the right password is refused afterwards on either node.
//!
//! Needs `LIMEN_TEST_PG` (scripts/test sets it when PostgreSQL answers); without it the test says
//! so and does nothing.

use limen_store::testdb::{TestDb, postgres_url};
use limen_testkit::{Browser, Page};
use std::io::Write as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "Corr3ct-Horse-Battery!";
const WRONG: &str = "Wrong-pass-123!";

/// A server process, stopped (by its PID) when dropped.
struct Node {
    child: Child,
    base: String,
    log: std::path::PathBuf,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn limen(dir: &std::path::Path, database: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_limen"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LIMEN_DATABASE", database)
        // One master key for both nodes, as in any multi-node deployment.
        .env("LIMEN_KEYS__MASTER_KEY", "11".repeat(32))
        .env("LIMEN_MAIL__TRANSPORT", "directory")
        .env("LIMEN_MAIL__DIRECTORY", dir.join("outbox"))
        .env("RUST_LOG", "warn");
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start(dir: &std::path::Path, database: &str, n: usize) -> Node {
    let port = free_port();
    let base = format!("http://localhost:{port}");
    let log = dir.join(format!("node{n}.log"));
    let child = limen(dir, database)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--public-url", &base])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("start limen serve");
    let node = Node { child, base, log };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = reqwest::get(format!("{}/health", node.base)).await
            && r.status() == 200
        {
            return node;
        }
        assert!(
            Instant::now() < deadline,
            "node {n} did not start:\n{}",
            std::fs::read_to_string(&node.log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn password_page(base: &str, email: &str) -> (Browser, Page) {
    let b = Browser::new(base);
    let page = b.password_page_at("/cas/login", email).await;
    (b, page)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_on_one_database_share_the_lockout() {
    let Some(server) = postgres_url() else {
        eprintln!("LIMEN_TEST_PG is not set: the two-node race needs PostgreSQL; not run");
        return;
    };
    let db = TestDb::postgres(&server).await.expect("PostgreSQL schema");
    let dir = std::env::temp_dir().join(format!("limen-two-nodes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("work directory");

    let mut add = limen(&dir, &db.url)
        .args(["user", "add", "--email", "jane@example.org"])
        .args([
            "--first-name",
            "Jane",
            "--last-name",
            "Doe",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("limen user add");
    writeln!(add.stdin.take().expect("stdin"), "{PASSWORD}").expect("password");
    let added = add.wait_with_output().expect("user add");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );

    let nodes = [start(&dir, &db.url, 1).await, start(&dir, &db.url, 2).await];
    // 40 guesses, alternating between the nodes, all posted at once.
    let mut pages = Vec::new();
    for i in 0..40 {
        pages.push(password_page(&nodes[i % 2].base, "jane@example.org").await);
    }
    let tasks: Vec<_> = pages
        .into_iter()
        .map(|(b, page)| {
            tokio::spawn(async move {
                b.password_step(&page, "jane@example.org", WRONG)
                    .await
                    .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("request"));
    }
    let verified = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((verified, refused), (5, 35), "{statuses:?}");

    // The audit log, written by both nodes, agrees: five failures in all.
    let store = limen_store::Store::connect(&db.url).await.expect("store");
    let account = store
        .account_by_email(&limen_core::Email::parse("jane@example.org").expect("e-mail"))
        .await
        .expect("lookup")
        .expect("account");
    let failures = store
        .audit_of_account(account.id, 100)
        .await
        .expect("audit")
        .iter()
        .filter(|(_, event)| event == "login.failure")
        .count();
    assert_eq!(failures, 5);

    // The right password, on either node: refused.
    for node in &nodes {
        let (b, page) = password_page(&node.base, "jane@example.org").await;
        let right = b.password_step(&page, "jane@example.org", PASSWORD).await;
        assert_eq!(right.status, 429, "{}", right.body);
    }
    store.close().await;
    drop(nodes);
    db.cleanup().await;
    let _ = std::fs::remove_dir_all(&dir);
}
