//! Issue 21 at the command line, as an operator runs it: the `limen` binary on a throw-away
//! database (SQLite; PostgreSQL too when `LIMEN_TEST_PG` names a server). `limen admin` gives
//! roles; `limen audit` verifies, exports and purges the audit log; `limen user lock|unlock|
//! delete|set-assurance` call the engine as the console and the API do.

use limen_store::testdb::{TestDb, drop_audit_guard, execute, test_databases};
use limen_store::{AuditEntry, AuditRow, Store};
use serde_json::{Value, json};
use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// The command line on one database, run from its own directory (where `data/` goes).
struct Cli {
    dir: PathBuf,
    database: String,
    /// `keys.master_key` (hex), when the test's server has its own.
    master_key: Option<String>,
}

impl Cli {
    fn new(db: &TestDb) -> Cli {
        let dir = std::env::temp_dir().join(format!(
            "limen-admin-cli-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Cli {
            dir,
            database: db.url.clone(),
            master_key: None,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_limen"));
        cmd.current_dir(&self.dir)
            .env_remove("LIMEN_CONFIG")
            .env_remove("LIMEN_DATABASE")
            .env("RUST_LOG", "warn")
            .arg("--database")
            .arg(&self.database)
            .args(args);
        match &self.master_key {
            Some(key) => cmd.env("LIMEN_KEYS__MASTER_KEY", key),
            None => cmd.env_remove("LIMEN_KEYS__MASTER_KEY"),
        };
        cmd
    }

    /// Runs the command and waits for it. This blocks the calling thread: the tests run on a
    /// multi-threaded runtime, so that the in-process server (`TestApp`) keeps running meanwhile
    /// — on a single thread, a task of it caught inside an SQLite write transaction would hold
    /// the lock while the command waits for it, and the command would fail with SQLITE_BUSY
    /// after `busy_timeout` (seen once in CI).
    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run limen")
    }

    /// Runs a command that must succeed; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "limen {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a command that must fail, saying `why` on standard error.
    fn refused(&self, args: &[&str], why: &str) {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "limen {args:?} accepted: {stderr}");
        assert!(
            stderr.contains(why),
            "limen {args:?}: expected {why:?} in: {stderr}"
        );
    }

    async fn store(&self) -> Store {
        Store::connect(&self.database).await.expect("connect")
    }
}

impl Drop for Cli {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn user_add(cli: &Cli, email: &str) {
    cli.ok(&["user", "add", "--email", email, "--last-name", "Doe"]);
}

/// Every row of the log, oldest first.
async fn all_rows(store: &Store) -> Vec<AuditRow> {
    store.audit_after(0, 100_000).await.expect("audit rows")
}

async fn last_row(store: &Store, event: &str) -> AuditRow {
    all_rows(store)
        .await
        .into_iter()
        .rev()
        .find(|r| r.entry.event == event)
        .unwrap_or_else(|| panic!("no {event} in the audit log"))
}

// ---------------------------------------------------------------------------------------------
// limen admin
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_roles_are_granted_listed_and_revoked() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        user_add(&cli, "jane@example.org");
        let none = cli.ok(&["admin", "list"]);
        assert!(none.contains("no one holds a role"), "{none}");

        cli.refused(
            &["admin", "grant", "jane@example.org", "--role", "boss"],
            "boss",
        );
        cli.refused(
            &["admin", "grant", "nobody@example.org", "--role", "admin"],
            "no account with the e-mail address nobody@example.org",
        );
        let granted = cli.ok(&["admin", "grant", "jane@example.org", "--role", "helpdesk"]);
        assert!(
            granted.contains("jane@example.org is now helpdesk") && granted.contains("/admin/"),
            "{granted}"
        );
        let list = cli.ok(&["admin", "list"]);
        assert!(
            list.contains("helpdesk") && list.contains("jane@example.org"),
            "{list}"
        );
        // A second grant changes the role.
        cli.ok(&["admin", "grant", "jane@example.org", "--role", "admin"]);
        let list = cli.ok(&["admin", "list"]);
        assert!(list.starts_with("admin "), "{list}");

        let store = cli.store().await;
        let jane = store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap();
        let grant = last_row(&store, "admin.role_granted").await;
        assert_eq!(grant.entry.account_id, Some(jane.id));
        assert_eq!(grant.entry.actor.as_deref(), Some("cli"));
        assert_eq!(grant.entry.detail["role"], "admin");

        let revoked = cli.ok(&["admin", "revoke", "jane@example.org"]);
        assert!(revoked.contains("no longer holds a role"), "{revoked}");
        cli.refused(&["admin", "revoke", "jane@example.org"], "holds no role");
        assert!(cli.ok(&["admin", "list"]).contains("no one holds a role"));
        let revoke = last_row(&store, "admin.role_revoked").await;
        assert_eq!(revoke.entry.actor.as_deref(), Some("cli"));
        store.close().await;
        db.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_confidential_oidc_client_may_call_the_admin_api() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        cli.ok(&[
            "service",
            "add",
            "--name",
            "Wiki",
            "--url",
            "https://wiki.example.org/*",
        ]);
        cli.ok(&[
            "service",
            "add",
            "--name",
            "Spa",
            "--protocol",
            "oidc",
            "--public",
            "--redirect-uri",
            "https://spa.example.org/cb",
        ]);
        cli.ok(&[
            "service",
            "add",
            "--name",
            "Robot",
            "--protocol",
            "oidc",
            "--client-id",
            "robot",
            "--redirect-uri",
            "https://robot.example.org/cb",
        ]);
        cli.refused(
            &["admin", "client", "grant", "Wiki", "--role", "admin"],
            "is not an OpenID Connect client",
        );
        cli.refused(
            &["admin", "client", "grant", "Spa", "--role", "admin"],
            "is a public client",
        );
        cli.refused(
            &["admin", "client", "grant", "Nothing", "--role", "admin"],
            "no service named",
        );
        cli.refused(
            &["admin", "client", "grant", "Robot", "--role", "root"],
            "root",
        );
        let granted = cli.ok(&["admin", "client", "grant", "Robot", "--role", "auditor"]);
        assert!(
            granted.contains("client robot may call") && granted.contains("client_credentials"),
            "{granted}"
        );
        let list = cli.ok(&["admin", "list"]);
        assert!(
            list.contains("auditor") && list.contains("client robot"),
            "{list}"
        );
        let store = cli.store().await;
        let row = last_row(&store, "admin.client_role_granted").await;
        assert_eq!(row.entry.detail["client"], "robot");
        assert_eq!(row.entry.actor.as_deref(), Some("cli"));
        cli.ok(&["admin", "client", "revoke", "Robot"]);
        cli.refused(&["admin", "client", "revoke", "Robot"], "holds no role");
        cli.refused(&["admin", "client", "revoke", "Spa"], "holds no role");
        store.close().await;
        db.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// limen audit verify
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_passes_then_names_the_edited_row() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        for email in ["jane@example.org", "bob@example.org", "eve@example.org"] {
            user_add(&cli, email);
        }
        cli.ok(&["group", "add", "staff"]);
        let out = cli.run(&["audit", "verify"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(
            stdout.contains("audit log intact: 4 row(s) checked"),
            "{stdout}"
        );
        let store = cli.store().await;
        let rows = all_rows(&store).await;
        assert_eq!(rows.len(), 4);
        let head = rows[3].hash.clone().unwrap();
        assert!(
            stdout.contains(&format!("head: {head} (row {})", rows[3].id)),
            "{stdout}"
        );
        assert!(stdout.contains("Record this hash"), "{stdout}");

        // Someone with SQL access removes the guard and rewrites the second row.
        let second = rows[1].id;
        drop_audit_guard(&store).await;
        execute(
            &store,
            &format!("UPDATE audit_log SET client_ip = '203.0.113.66' WHERE id = {second}"),
        )
        .await;
        let out = cli.run(&["audit", "verify"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!("audit log BROKEN at row {second}"))
                && stdout.contains("edited"),
            "{stdout}"
        );
        // Put back, it verifies again; the last row removed, the head no longer matches.
        execute(
            &store,
            &format!(
                "UPDATE audit_log SET client_ip = '{}' WHERE id = {second}",
                rows[1].entry.client_ip.as_deref().unwrap()
            ),
        )
        .await;
        assert_eq!(cli.run(&["audit", "verify"]).status.code(), Some(0));
        execute(
            &store,
            &format!("DELETE FROM audit_log WHERE id = {}", rows[3].id),
        )
        .await;
        let out = cli.run(&["audit", "verify"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains("rows removed from the end"), "{stdout}");
        store.close().await;
        db.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// limen audit export
// ---------------------------------------------------------------------------------------------

/// A strict RFC 4180 reader: CRLF line ends, quoted cells with doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                assert!(cell.is_empty(), "a quote inside an unquoted cell");
                quoted = true;
            }
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            '\n' => panic!("a line ends without CR"),
            _ => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "the last line must end with CRLF"
    );
    rows
}

fn parse_jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A CSV cell as the JSON line has it (formulas defused with a leading `'`).
fn cell_as_json(cell: &str, json: &Value) -> bool {
    match json {
        Value::Null => cell.is_empty(),
        Value::Number(n) => cell == n.to_string(),
        Value::String(s) if s.starts_with(['=', '+', '-', '@']) => cell == format!("'{s}"),
        Value::String(s) => cell == s,
        other => serde_json::from_str::<Value>(cell).ok().as_ref() == Some(other),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_export_writes_csv_and_json_lines_that_parse_back() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        user_add(&cli, "jane@example.org");
        cli.ok(&["group", "add", "staff", "--description", "Staff, \"all\""]);
        cli.ok(&["group", "member", "add", "staff", "jane@example.org"]);
        let store = cli.store().await;
        // A row with what a browser may send: a formula, quotes, a comma, a line break.
        let mut hostile = AuditEntry::new(
            OffsetDateTime::now_utc(),
            "login.failure",
            None,
            json!({"method": "PASSWORD", "reason": "line\nbreak"}),
        );
        hostile.user_agent = Some("=HYPERLINK(\"http://evil.example\",\"x\"), ok".into());
        hostile.client_ip = Some("-1".into());
        store.audit(&hostile).await.unwrap();
        let rows = all_rows(&store).await;
        assert_eq!(rows.len(), 4);

        let jsonl = cli.ok(&["audit", "export"]);
        let lines = parse_jsonl(&jsonl);
        assert_eq!(lines.len(), 4);
        let jane = store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap();
        for (line, row) in lines.iter().zip(&rows) {
            assert_eq!(line["id"], row.id);
            assert_eq!(line["event"], row.entry.event);
            assert_eq!(line["detail"], row.entry.detail);
            assert_eq!(line["hash"], json!(row.hash));
            assert_eq!(line["actor"], json!(row.entry.actor));
            let at = OffsetDateTime::parse(
                line["at"].as_str().unwrap(),
                &time::format_description::well_known::Rfc3339,
            )
            .unwrap();
            assert_eq!(at.unix_timestamp(), row.entry.at.unix_timestamp());
            match row.entry.account_id {
                Some(id) => {
                    assert_eq!(id, jane.id);
                    assert_eq!(line["uid"], jane.uid);
                }
                None => assert_eq!(line["uid"], Value::Null),
            }
        }
        assert_eq!(lines[0]["event"], "account.created");
        assert_eq!(lines[0]["actor"], "cli");
        assert_eq!(lines[3]["user_agent"], hostile.user_agent.clone().unwrap());

        let csv = cli.ok(&["audit", "export", "--format", "csv"]);
        let table = parse_csv(&csv);
        let header = &table[0];
        assert_eq!(
            header.join(","),
            "id,at,event,uid,actor,client_ip,user_agent,service,detail,hash"
        );
        assert_eq!(table.len(), 5);
        for (cells, line) in table[1..].iter().zip(&lines) {
            assert_eq!(cells.len(), header.len());
            for (name, cell) in header.iter().zip(cells) {
                assert!(
                    cell_as_json(cell, &line[name.as_str()]),
                    "{name}: CSV {cell:?}, JSON {}",
                    line[name.as_str()]
                );
            }
        }
        assert!(table[4][6].starts_with("'=HYPERLINK"), "{:?}", table[4]);
        assert_eq!(table[4][5], "'-1");

        // Filters: an event prefix, an exact event, a time window.
        let logins = parse_jsonl(&cli.ok(&["audit", "export", "--event", "login."]));
        assert_eq!(logins.len(), 1);
        assert_eq!(logins[0]["event"], "login.failure");
        let groups = parse_jsonl(&cli.ok(&["audit", "export", "--event", "group.create"]));
        assert_eq!(groups.len(), 1);
        assert!(cli.ok(&["audit", "export", "--event", "group"]).is_empty());
        let future = cli.ok(&["audit", "export", "--since", "2100-01-01T00:00:00Z"]);
        assert!(future.is_empty(), "{future}");
        let past = cli.ok(&["audit", "export", "--until", "2000-01-01T00:00:00+01:00"]);
        assert!(past.is_empty(), "{past}");
        let window = parse_jsonl(&cli.ok(&[
            "audit",
            "export",
            "--since",
            "2000-01-01T00:00:00Z",
            "--until",
            "2100-01-01T00:00:00Z",
        ]));
        assert_eq!(window.len(), 4);
        let only_header = cli.ok(&["audit", "export", "--format", "csv", "--event", "nothing"]);
        assert_eq!(parse_csv(&only_header).len(), 1);

        // To a file: the same bytes, readable by its owner only.
        let file = cli.dir.join("audit.csv");
        let said = cli.ok(&[
            "audit",
            "export",
            "--format",
            "csv",
            "--output",
            file.to_str().unwrap(),
        ]);
        assert!(said.is_empty(), "{said}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }

        // Bad input: a clear message, a failure status, nothing written.
        cli.refused(&["audit", "export", "--since", "yesterday"], "RFC 3339");
        cli.refused(
            &["audit", "export", "--until", "2025-13-01T00:00:00Z"],
            "--until",
        );
        cli.refused(&["audit", "export", "--format", "xml"], "xml");
        cli.refused(
            &[
                "audit",
                "export",
                "--follow",
                "--until",
                "2100-01-01T00:00:00Z",
            ],
            "--until",
        );
        cli.refused(
            &[
                "audit",
                "export",
                "--output",
                "/nonexistent/dir/audit.jsonl",
            ],
            "--output /nonexistent/dir/audit.jsonl",
        );
        store.close().await;
        db.cleanup().await;
    }
}

/// Reads lines from a child's standard output on a thread, so that a test can wait for them
/// with a deadline.
fn lines_of(stdout: std::process::ChildStdout) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn next_line(rx: &std::sync::mpsc::Receiver<String>, deadline: Instant) -> String {
    let left = deadline.saturating_duration_since(Instant::now());
    rx.recv_timeout(left).expect("a line before the deadline")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_export_follow_prints_rows_written_after_it_started() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        user_add(&cli, "jane@example.org");
        let mut child = cli
            .command(&["audit", "export", "--follow", "--event", "group."])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start limen audit export --follow");
        let rx = lines_of(child.stdout.take().unwrap());
        // Nothing matches yet; give it time to have read the log once.
        assert!(rx.recv_timeout(Duration::from_millis(1500)).is_err());

        cli.ok(&["group", "add", "staff"]);
        cli.ok(&["group", "member", "add", "staff", "jane@example.org"]);
        let deadline = Instant::now() + Duration::from_secs(30);
        let first: Value = serde_json::from_str(&next_line(&rx, deadline)).unwrap();
        let second: Value = serde_json::from_str(&next_line(&rx, deadline)).unwrap();
        assert_eq!(first["event"], "group.create");
        assert_eq!(first["detail"]["group"], "staff");
        assert_eq!(second["event"], "group.member.add");
        assert!(second["uid"].is_string(), "{second}");

        // SIGTERM (by its PID) ends the feed cleanly.
        let killed = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "--follow did not stop at SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "{status:?}");
        db.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// limen audit purge, and the server's retention
// ---------------------------------------------------------------------------------------------

/// `n` rows logged `days_ago` days ago (the log's own writer: the chain stays whole).
async fn old_rows(store: &Store, n: usize, days_ago: i64) {
    for i in 0..n {
        let at = OffsetDateTime::now_utc() - time::Duration::days(days_ago)
            + time::Duration::seconds(i as i64);
        let mut e = AuditEntry::new(at, "login.success", None, json!({"method": "PASSWORD"}));
        e.actor = Some("user".into());
        store.audit(&e).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_purge_moves_the_anchor_and_the_log_still_verifies() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        let store = cli.store().await;
        store.migrate().await.unwrap();
        old_rows(&store, 5, 400).await;
        old_rows(&store, 2, 10).await;
        let before = all_rows(&store).await;
        cli.refused(&["audit", "purge", "--older-than-days", "0"], "at least 1");
        cli.refused(&["audit", "purge"], "--older-than-days");

        let out = cli.ok(&["audit", "purge", "--older-than-days", "30"]);
        assert!(out.contains("removed 5 row(s)"), "{out}");
        assert!(
            out.contains(&format!("starts after row {}", before[4].id)),
            "{out}"
        );
        let after = all_rows(&store).await;
        assert_eq!(after.len(), 3, "2 recent rows and the purge's own");
        assert_eq!(after[0].id, before[5].id);
        let purged = &after[2];
        assert_eq!(purged.entry.event, "audit.purged");
        assert_eq!(purged.entry.actor.as_deref(), Some("cli"));
        assert_eq!(purged.entry.detail["rows"], 5);
        assert_eq!(purged.entry.detail["anchor_id"], before[4].id);
        assert_eq!(purged.entry.detail["anchor_hash"], json!(before[4].hash));
        let verify = cli.ok(&["audit", "verify"]);
        assert!(
            verify.contains("audit log intact: 3 row(s) checked"),
            "{verify}"
        );

        // Nothing old enough: nothing goes, and the operator's purge is still recorded.
        let out = cli.ok(&["audit", "purge", "--older-than-days", "30"]);
        assert!(out.contains("removed 0 row(s)"), "{out}");
        assert_eq!(all_rows(&store).await.len(), 4);
        // Everything older than a day: the chain's anchor is its head before the purge.
        let out = cli.ok(&["audit", "purge", "--older-than-days", "1"]);
        assert!(out.contains("removed 2 row(s)"), "{out}");
        assert!(cli.ok(&["audit", "verify"]).contains("intact"));
        store.close().await;
        db.cleanup().await;
    }
}

/// A server process, stopped (by its PID) when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_applies_the_retention_and_audits_it() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        let store = cli.store().await;
        store.migrate().await.unwrap();
        old_rows(&store, 3, 100).await;
        old_rows(&store, 1, 5).await;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let log = cli.dir.join("serve.log");
        let _server = Server(
            cli.command(&["serve", "--listen", &format!("127.0.0.1:{port}")])
                .env("LIMEN_ADMIN__AUDIT_RETENTION_DAYS", "30")
                .env("LIMEN_DEMO__ENABLED", "false")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .expect("limen serve"),
        );
        // The retention runs at start, then hourly.
        let deadline = Instant::now() + Duration::from_secs(60);
        let purged = loop {
            if let Some(row) = all_rows(&store)
                .await
                .into_iter()
                .find(|r| r.entry.event == "audit.purged")
            {
                break row;
            }
            assert!(
                Instant::now() < deadline,
                "no purge:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert_eq!(purged.entry.actor.as_deref(), Some("system"));
        assert_eq!(purged.entry.detail["rows"], 3);
        let left = all_rows(&store).await;
        assert!(
            left.iter()
                .all(|r| r.entry.at > OffsetDateTime::now_utc() - time::Duration::days(30)),
            "old rows left"
        );
        match store.verify_audit().await.unwrap() {
            limen_store::ChainReport::Intact { .. } => {}
            broken => panic!("{broken:?}"),
        }
        drop(_server);
        store.close().await;
        db.cleanup().await;
    }
}

// ---------------------------------------------------------------------------------------------
// limen user: the engine's functions
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_lock_ends_the_sessions_and_unlock_lifts_a_lockout() {
    use limen_authn::{Client, Step};
    use limen_testkit::{PASSWORD, TestApp};
    for db in test_databases().await {
        let mut cli = Cli::new(&db);
        // The server and the command line share the master key, as in any deployment.
        cli.master_key = Some("11".repeat(32));
        let app = TestApp::start(db, |c| c.master_key = limen_web::MasterKey([0x11; 32])).await;
        let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;

        // Signed in, in a browser.
        let browser = app.browser();
        browser.login(None, "jane@example.org", PASSWORD).await;
        let sessions = app.store.session_ids_of_account(jane.id).await.unwrap();
        assert_eq!(sessions.len(), 1);

        let out = cli.ok(&["user", "lock", "jane@example.org"]);
        assert!(
            out.contains("locked jane@example.org; 1 session(s) ended"),
            "{out}"
        );
        assert!(
            app.store
                .session_ids_of_account(jane.id)
                .await
                .unwrap()
                .is_empty(),
            "the session survived the lock"
        );
        let account = app.store.account_by_id(jane.id).await.unwrap().unwrap();
        assert_eq!(account.status, limen_core::AccountStatus::Locked);
        let row = last_row(&app.store, "account.locked").await;
        assert_eq!(row.entry.actor.as_deref(), Some("cli"));
        assert_eq!(row.entry.detail["sessions"], 1);
        cli.refused(&["user", "lock", "jane@example.org"], "already locked");

        let out = cli.ok(&["user", "unlock", "jane@example.org"]);
        assert!(
            out.contains("unlocked jane@example.org: lifted the lock; status active"),
            "{out}"
        );
        cli.refused(
            &["user", "unlock", "jane@example.org"],
            "neither locked nor locked out",
        );

        // Wrong passwords lock her out; the help desk lifts it.
        let client = Client {
            ip: "192.0.2.44",
            user_agent: "test",
            sso_token: None,
        };
        let any = limen_authn::Requirement::strengths(limen_core::Strength::ALL.to_vec());
        let mut locked_out = false;
        for _ in 0..10 {
            let step = app
                .state
                .authn
                .submit_password(
                    &any,
                    &jane.email,
                    limen_core::Method::Password,
                    "Wrong-Password-1!",
                    &client,
                )
                .await
                .unwrap();
            if matches!(step, Step::Refused(limen_authn::Refusal::Throttled { .. })) {
                locked_out = true;
                break;
            }
        }
        assert!(locked_out, "no lockout after wrong passwords");
        assert!(
            app.state
                .authn
                .lockout_until(&account)
                .await
                .unwrap()
                .is_some()
        );
        let out = cli.ok(&["user", "unlock", "jane@example.org"]);
        assert!(
            out.contains("lifted the lockout after failed logins"),
            "{out}"
        );
        assert!(
            app.state
                .authn
                .lockout_until(&account)
                .await
                .unwrap()
                .is_none()
        );
        let step = app
            .state
            .authn
            .submit_password(
                &any,
                &jane.email,
                limen_core::Method::Password,
                PASSWORD,
                &client,
            )
            .await
            .unwrap();
        assert!(matches!(step, Step::SignedIn(_)), "{step:?}");
        let row = last_row(&app.store, "account.unlocked").await;
        assert_eq!(row.entry.actor.as_deref(), Some("cli"));
        assert_eq!(row.entry.detail["was_locked"], false);
        assert!(row.entry.detail["lockout_until"].is_number());

        cli.refused(
            &["user", "lock", "nobody@example.org"],
            "no account with the e-mail address nobody@example.org",
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_set_assurance_and_delete_go_through_the_engine() {
    for db in test_databases().await {
        let cli = Cli::new(&db);
        user_add(&cli, "jane@example.org");
        cli.refused(
            &["user", "set-assurance", "jane@example.org", "EXTREME"],
            "LEVEL",
        );
        let out = cli.ok(&["user", "set-assurance", "jane@example.org", "HIGH"]);
        assert!(out.contains("assurance HIGH (was LOW)"), "{out}");
        let again = cli.ok(&["user", "set-assurance", "jane@example.org", "high"]);
        assert!(again.contains("already HIGH"), "{again}");
        let store = cli.store().await;
        let row = last_row(&store, "account.assurance").await;
        assert_eq!(row.entry.detail["from"], "LOW");
        assert_eq!(row.entry.detail["to"], "HIGH");
        assert_eq!(row.entry.actor.as_deref(), Some("cli"));

        let out = cli.ok(&["user", "delete", "jane@example.org"]);
        assert!(
            out.contains("deleted jane@example.org") && out.contains("0 session(s) ended"),
            "{out}"
        );
        let row = last_row(&store, "account.deleted").await;
        assert_eq!(row.entry.actor.as_deref(), Some("cli"));
        cli.refused(&["user", "delete", "jane@example.org"], "no account");
        assert!(cli.ok(&["audit", "verify"]).contains("intact"));
        store.close().await;
        db.cleanup().await;
    }
}

/// The registry's changes made at the command line are in the audit log as those of the API
/// are (same events), with `cli` as the actor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_changes_at_the_command_line_are_audited() {
    for db in test_databases().await {
        let mut cli = Cli::new(&db);
        cli.master_key = Some("ab".repeat(32));
        cli.ok(&[
            "service",
            "add",
            "--name",
            "Intranet",
            "--url",
            "https://intranet.example.org/*",
        ]);
        cli.ok(&[
            "service",
            "add",
            "--protocol",
            "oidc",
            "--name",
            "Portal",
            "--redirect-uri",
            "https://portal.example.org/cb",
        ]);
        cli.ok(&["service", "new-secret", "Portal"]);
        cli.ok(&["keys", "rotate", "--alg", "ES256"]);
        cli.ok(&["service", "remove", "Intranet"]);
        let store = cli.store().await;
        let rows = all_rows(&store).await;
        let events: Vec<(&str, &Value)> = rows
            .iter()
            .filter(|r| r.entry.actor.as_deref() == Some("cli"))
            .map(|r| (r.entry.event.as_str(), &r.entry.detail))
            .collect();
        let find = |event: &str, service: Option<&str>| {
            events
                .iter()
                .any(|(e, d)| *e == event && service.is_none_or(|s| d["service"] == s))
        };
        assert!(find("service.created", Some("Intranet")), "{events:?}");
        assert!(find("service.created", Some("Portal")), "{events:?}");
        assert!(find("service.secret_rotated", Some("Portal")), "{events:?}");
        assert!(find("key.rotated", None), "{events:?}");
        assert!(find("service.deleted", Some("Intranet")), "{events:?}");
        // And the chain still holds.
        cli.ok(&["audit", "verify"]);
        db.cleanup().await;
    }
}
