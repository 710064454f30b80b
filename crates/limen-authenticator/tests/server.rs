//! The reference device against the real server (limen-testkit's `TestApp`): enrolment from
//! My account (and a PIN other than the page's), then logins with "Mobile App PIN Code" (push
//! with number matching: a wrong PIN, the right one, a wrong number, a denial), the live
//! channel, "Mobile App QR Code" (the offline code), replayed and stale proofs, and removal
//! while the device watches; then the same through the `limen-authenticator` command line,
//! `watch` included (it approves a waiting request, then ends with 2 and erases its file), and
//! the device's own actions: `change-pin` (checked by the server first), `approve --deny
//! --not-me`, `unlink` (also of a device locked by wrong PINs), and a transaction signed with
//! values typed again (`--field`, or standard input before the PIN).
//!
//! It needs the server side of the mobile app (limen-authn's `mobile`, limen-web's device API
//! and My account pages).

use limen_authenticator::{Authenticator, DeviceInfo, Error, WatchEnd};
use limen_core::Strength;
use limen_mobile::messages::{ChallengeKind, Decision, ReceiptResult};
use limen_testkit::*;

const JANE: &str = "jane@example.org";
const PIN: &str = "2468";
const PUSH_ONLY: &str = "http://127.0.0.1:9/push/";
const QR_ONLY: &str = "http://127.0.0.1:9/qr/";

fn info() -> DeviceInfo {
    DeviceInfo {
        os: "Linux".to_owned(),
        model: "Desktop".to_owned(),
        app: "limen-authenticator test".to_owned(),
    }
}

/// The text after `marker` up to the first character that cannot be in a link.
fn after(body: &str, marker: &str) -> Option<String> {
    let from = body.find(marker)?;
    let rest = &body[from..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.:/?=&%".contains(c)))
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

/// Signs in with the password and adds a device named `name` with `pin` in My account; the
/// enrolment link the page shows.
async fn enrolment_link(b: &Browser, name: &str, pin: &str) -> String {
    let page = b.get("/account/mobile_app").await;
    assert_eq!(page.status, 200, "devices page: {}", page.body);
    let page = b
        .post(
            "/account/mobile_app/add",
            &[
                ("csrf_token", page.csrf().as_str()),
                ("name", name),
                ("pin", pin),
                ("pin_again", pin),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "enrolment page: {}", page.body);
    after(&page.text(), "limen://enrol?p=").expect("the page shows the enrolment link")
}

/// The password step of a login to `service` with `method`: the page that follows.
async fn login_with(b: &Browser, service: &str, method: &str) -> Page {
    let path = format!("/cas/login?service={}", encode(service));
    let second = b.password_page_at(&path, JANE).await;
    b.post(
        &second.form_action(),
        &[
            ("csrf_token", second.csrf().as_str()),
            ("step", "password"),
            ("method", method),
            ("email", JANE),
            ("password", PASSWORD),
        ],
    )
    .await
}

/// The two digits the approval page shows.
fn number_on(page: &Page) -> String {
    let marker = "id=\"approval-number\"";
    let from = page.body.find(marker).expect("the page shows a number");
    let strong = page.body[from..].find("<strong>").expect("number") + from + "<strong>".len();
    page.body[strong..strong + 2].to_owned()
}

/// "Continue" on the approval page.
async fn proceed(b: &Browser, page: &Page) -> Page {
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("ceremony", page.input_value("ceremony").unwrap().as_str()),
            ("approval", page.input_value("approval").unwrap().as_str()),
        ],
    )
    .await
}

#[tokio::test]
async fn enrol_then_log_in_with_push_and_qr_code() {
    each_backend(defaults, |app| async move {
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_service("Push", "http://127.0.0.1:9/push/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordMobileApp];
        })
        .await;
        app.add_service("QR", "http://127.0.0.1:9/qr/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordSoftwareToken];
        })
        .await;
        let http = reqwest::Client::new();

        // Enrolment: the PIN typed on the device must be the page's.
        let b = app.browser();
        let page = b.login(None, JANE, PASSWORD).await;
        assert_eq!(page.status, 200, "password login: {}", page.body);
        let link = enrolment_link(&b, "Laptop", PIN).await;
        let mismatch = Authenticator::enrol(http.clone(), &link, "1357", &info()).await;
        assert!(
            matches!(mismatch, Err(Error::Server { status: 409, ref code }) if code == "pin_mismatch"),
            "{mismatch:?}"
        );
        // The link was spent.
        let again = Authenticator::enrol(http.clone(), &link, PIN, &info()).await;
        assert!(matches!(again, Err(Error::Server { .. })), "{again:?}");

        let link = enrolment_link(&b, "Laptop", PIN).await;
        let auth = Authenticator::enrol(http.clone(), &link, PIN, &info())
            .await
            .expect("enrolment");
        assert_eq!(auth.state().iss, app.base);
        assert_eq!(auth.state().name, "Laptop");
        assert_eq!(auth.state().account, JANE);
        let list = b.get("/account/mobile_app").await;
        assert!(list.text().contains("Laptop"), "{}", list.body);

        // Push with number matching: a wrong PIN first (the challenge stays open), then right.
        let login = app.browser();
        let page = login_with(&login, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert_eq!(page.status, 200, "approval page: {}", page.body);
        let number = number_on(&page);
        let pending = auth.pending().await.expect("pending");
        assert_eq!(pending.len(), 1);
        let c = &pending[0];
        assert_eq!(c.payload.kind, ChallengeKind::Push);
        assert_eq!(c.payload.display.service, "Push");
        let r = auth.approve(c, &number, "9999").await.expect("answer");
        assert_eq!(r.result, ReceiptResult::WrongPin);
        let r = auth.approve(c, &number, PIN).await.expect("answer");
        assert_eq!((r.decision, r.result), (Decision::Approve, ReceiptResult::Approved));
        let done = proceed(&login, &page).await;
        assert_eq!(done.status, 303, "after approval: {}", done.body);
        assert!(done.ticket().is_some(), "{:?}", done.location);

        // A wrong number spends the challenge; a denial is a denial.
        let other = app.browser();
        let page = login_with(&other, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = number_on(&page);
        let wrong = if number == "00" { "01" } else { "00" };
        let c = auth.pending().await.unwrap().remove(0);
        let r = auth.approve(&c, wrong, PIN).await.unwrap();
        assert_eq!(r.result, ReceiptResult::WrongNumber);
        let again = auth.approve(&c, &number, PIN).await.unwrap();
        assert_eq!(again.result, ReceiptResult::Gone);
        let page = login_with(&app.browser(), PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert_eq!(page.status, 200);
        let c = auth.pending().await.unwrap().remove(0);
        assert_eq!(auth.deny(&c).await.unwrap().result, ReceiptResult::Denied);

        // The live channel brings the next request.
        let watcher = app.browser();
        let page = login_with(&watcher, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert_eq!(page.status, 200);
        let mut got = None;
        let end = auth
            .watch(|c| {
                got = Some(c);
                false
            })
            .await
            .expect("watch");
        assert_eq!(end, WatchEnd::Stopped);
        let c = got.expect("a challenge on the live channel");
        let r = auth.approve(&c, &number_on(&page), PIN).await.unwrap();
        assert_eq!(r.result, ReceiptResult::Approved);

        // The offline QR code: the page shows the signed challenge, the device the code.
        let qr = app.browser();
        let page = login_with(&qr, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        assert_eq!(page.status, 200, "QR page: {}", page.body);
        let text = after(&page.text(), "limen://challenge?c=").expect("the page shows the link");
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let (c, code) = auth.offline_code(&text, PIN, now).expect("offline code");
        assert_eq!(c.payload.kind, ChallengeKind::Offline);
        assert_eq!(c.payload.display.service, "QR");
        assert_eq!(code.len(), 8);
        let done = qr
            .post(
                &page.form_action(),
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("ceremony", page.input_value("ceremony").unwrap_or_default().as_str()),
                    ("code", code.as_str()),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "after the code: {}", done.body);
        assert!(done.ticket().is_some(), "{:?}", done.location);

        // Replay and staleness of proofs are refused.
        let jti = limen_mobile::b64::encode(&[8u8; 16]);
        let (s, _) = auth
            .raw("GET", "/device/v1/challenges", b"", Some(&jti), None)
            .await
            .unwrap();
        assert_eq!(s, 200);
        let (s, body) = auth
            .raw("GET", "/device/v1/challenges", b"", Some(&jti), None)
            .await
            .unwrap();
        assert_eq!(s, 401, "{}", String::from_utf8_lossy(&body));
        let (s, _) = auth
            .raw("GET", "/device/v1/challenges", b"", None, Some(now - 3600))
            .await
            .unwrap();
        assert_eq!(s, 401);

        // Removed in My account (by the browser that signed in with the device: removing needs
        // that level) while the device watches: the live channel says so, and the device's
        // next request is refused.
        let remove = async {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let list = login.get("/account/mobile_app").await;
            assert_eq!(list.status, 200, "{}", list.body);
            let id = list.input_value("id").expect("a device to remove");
            login
                .post(
                    "/account/mobile_app/delete",
                    &[("csrf_token", list.csrf().as_str()), ("id", id.as_str())],
                )
                .await
        };
        let (end, removed) = tokio::join!(auth.watch(|_| true), remove);
        assert_eq!(
            removed.location.as_deref(),
            Some("/account/mobile_app?deleted=1"),
            "remove: {} {}",
            removed.status,
            removed.body
        );
        assert_eq!(end.expect("watch"), WatchEnd::Revoked);
        let refused = auth.pending().await;
        assert!(
            matches!(refused, Err(Error::Server { status: 401, ref code }) if code == "unknown_device"),
            "{refused:?}"
        );
    })
    .await;
}

/// Runs the command line with `args`, the PIN on standard input; (exit code, stdout, stderr).
async fn cli(file: &std::path::Path, args: &[&str], pin: &str) -> (i32, String, String) {
    let mut all = vec!["--file".to_owned(), file.display().to_string()];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let pin = format!("{pin}\n");
    tokio::task::spawn_blocking(move || {
        use std::io::Write as _;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_limen-authenticator"))
            .args(&all)
            .env_remove("LIMEN_PIN")
            .env_remove("LIMEN_AUTHENTICATOR_FILE")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run limen-authenticator");
        let _ = child.stdin.take().unwrap().write_all(pin.as_bytes());
        let out = child.wait_with_output().expect("output");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_command_line() {
    each_backend(defaults, |app| async move {
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_service("Push", "http://127.0.0.1:9/push/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordMobileApp];
        })
        .await;
        app.add_service("QR", "http://127.0.0.1:9/qr/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordSoftwareToken];
        })
        .await;
        let dir = std::env::temp_dir().join(format!(
            "limen-authenticator-cli-{}-{}",
            std::process::id(),
            app.base.rsplit(':').next().unwrap()
        ));
        let file = dir.join("device.json");

        let b = app.browser();
        b.login(None, JANE, PASSWORD).await;
        let link = enrolment_link(&b, "Phone", PIN).await;
        let (code, out, err) = cli(&file, &["enrol", &link], PIN).await;
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(
            out.trim(),
            format!("Enrolled as Phone for {JANE} on {}", app.base)
        );
        assert!(err.contains("PIN: "), "{err}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Not twice in the same file.
        let (code, _, err) = cli(&file, &["enrol", &link], PIN).await;
        assert_eq!(code, 1);
        assert!(err.contains("already enrolled"), "{err}");
        let (code, out, _) = cli(&file, &["show"], "").await;
        assert_eq!(code, 0);
        assert!(out.contains("Name:    Phone"), "{out}");
        assert!(out.contains(&format!("Server:  {}", app.base)), "{out}");

        // Push: list, approve without a number (refused), with a wrong PIN, then right.
        let (code, out, _) = cli(&file, &["list"], "").await;
        assert_eq!((code, out.trim()), (0, "No pending request."));
        let login = app.browser();
        let page = login_with(&login, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = number_on(&page);
        let (code, out, _) = cli(&file, &["list"], "").await;
        assert_eq!(code, 0);
        assert!(out.contains("Service: Push"), "{out}");
        assert!(
            out.contains("From:    127.0.0.0/24, a browser on an unknown system"),
            "{out}"
        );
        assert!(out.contains("Expires: in "), "{out}");
        let (code, _, err) = cli(&file, &["approve"], PIN).await;
        assert_eq!(code, 1);
        assert!(err.contains("--number is required"), "{err}");
        let (code, out, _) = cli(&file, &["approve", "--number", &number], "1111").await;
        assert_eq!(code, 1);
        assert!(out.contains("Result: wrong_pin"), "{out}");
        let (code, out, err) = cli(&file, &["approve", "--number", &number], PIN).await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("Service: Push"), "{out}");
        assert!(out.contains("Result: approved"), "{out}");
        let done = proceed(&login, &page).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(done.ticket().is_some());

        // The QR code.
        let qr = app.browser();
        let page = login_with(&qr, QR_ONLY, "PASSWORD_SOFTWARE_TOKEN").await;
        let text = after(&page.text(), "limen://challenge?c=").unwrap();
        let (code, out, err) = cli(&file, &["code", &text], PIN).await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("Service: QR"), "{out}");
        let typed = out
            .lines()
            .find_map(|l| l.strip_prefix("Code: "))
            .expect("a code")
            .to_owned();
        assert_eq!(typed.len(), 8);
        let done = qr
            .post(
                &page.form_action(),
                &[
                    ("csrf_token", page.csrf().as_str()),
                    (
                        "ceremony",
                        page.input_value("ceremony").unwrap_or_default().as_str(),
                    ),
                    ("code", typed.as_str()),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "{}", done.body);

        // A denial.
        let page = login_with(&app.browser(), PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert_eq!(page.status, 200);
        let (code, out, _) = cli(&file, &["approve", "--deny"], "").await;
        assert_eq!(code, 0);
        assert!(out.contains("Result: denied"), "{out}");

        // A bad link, clearly.
        let (code, out, err) = cli(&file, &["code", "limen://challenge?c=a.b.c"], PIN).await;
        assert_eq!((code, out.as_str()), (1, ""));
        assert_eq!(err.lines().count(), 1, "{err}");

        // `watch`: a request waiting when it starts is shown (and, for the demonstration,
        // approved); removing the device ends it with 2 and erases the state file.
        let waiting = app.browser();
        let page = login_with(&waiting, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = number_on(&page);
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_limen-authenticator"))
            .args(["--file", &file.display().to_string()])
            .args(["watch", "--approve-with-number", &number])
            .env("LIMEN_PIN", PIN)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run limen-authenticator watch");
        let ceremony = page.input_value("ceremony").unwrap();
        let csrf = page.csrf();
        let mut state = String::new();
        for _ in 0..20 {
            state = waiting
                .post(
                    "/cas/login/mobile/wait",
                    &[
                        ("csrf_token", csrf.as_str()),
                        ("ceremony", ceremony.as_str()),
                    ],
                )
                .await
                .body;
            if !state.contains("pending") {
                break;
            }
        }
        assert_eq!(state, r#"{"state":"approved"}"#);
        let done = proceed(&waiting, &page).await;
        assert_eq!(done.status, 303, "{}", done.body);
        // Removed by a browser signed in with the device (removing needs that level).
        let list = waiting.get("/account/mobile_app").await;
        let device = list.input_value("id").expect("a device to remove");
        let removed = waiting
            .post(
                "/account/mobile_app/delete",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("id", device.as_str()),
                ],
            )
            .await;
        assert_eq!(
            removed.location.as_deref(),
            Some("/account/mobile_app?deleted=1")
        );
        let out = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()),
        )
        .await
        .expect("watch ends when the device is removed")
        .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
        assert!(stdout.contains("Service: Push"), "{stdout}");
        assert!(stdout.contains("Result: approved"), "{stdout}");
        assert!(stderr.contains("removed or locked"), "{stderr}");
        assert!(!file.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    })
    .await;
}

#[tokio::test]
async fn the_command_line_changes_the_pin_reports_a_request_and_unlinks() {
    each_backend(defaults, |app| async move {
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_service("Push", "http://127.0.0.1:9/push/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordMobileApp];
        })
        .await;
        let dir = std::env::temp_dir().join(format!(
            "limen-authenticator-cli-pin-{}-{}",
            std::process::id(),
            app.base.rsplit(':').next().unwrap()
        ));
        let file = dir.join("device.json");
        let b = app.browser();
        b.login(None, JANE, PASSWORD).await;
        let link = enrolment_link(&b, "Phone", PIN).await;
        let (code, out, err) = cli(&file, &["enrol", &link], PIN).await;
        assert_eq!(code, 0, "{out}{err}");
        let enrolled = std::fs::read_to_string(&file).unwrap();

        // The new PIN typed twice must agree (nothing is asked of the server); a wrong current
        // PIN changes nothing; the right one changes it and saves the state file.
        let (code, _, err) = cli(&file, &["change-pin"], &format!("{PIN}\n13579\n13570")).await;
        assert_eq!(code, 1);
        assert!(err.contains("not the same"), "{err}");
        let (code, _, err) = cli(&file, &["change-pin"], "0000\n13579\n13579").await;
        assert_eq!(code, 1);
        assert!(err.contains("wrong_pin"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), enrolled);
        let (code, _, err) = cli(&file, &["change-pin"], &format!("{PIN}\n12\n12")).await;
        assert_eq!(code, 1);
        assert!(err.contains("4 to 12 digits"), "{err}");
        let (code, out, err) = cli(&file, &["change-pin"], &format!("{PIN}\n13579\n13579")).await;
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(out.trim(), "PIN changed.");
        assert!(
            err.contains("Current PIN: ") && err.contains("New PIN again: "),
            "{err}"
        );
        assert_ne!(std::fs::read_to_string(&file).unwrap(), enrolled);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }

        // The new PIN approves, the old one no longer does.
        let login = app.browser();
        let page = login_with(&login, PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        let number = number_on(&page);
        let (code, out, _) = cli(&file, &["approve", "--number", &number], PIN).await;
        assert_eq!(code, 1);
        assert!(out.contains("Result: wrong_pin"), "{out}");
        let (code, out, err) = cli(&file, &["approve", "--number", &number], "13579").await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("Result: approved"), "{out}");
        let done = proceed(&login, &page).await;
        assert_eq!(done.status, 303, "{}", done.body);

        // "This was not me": only with --deny; denied, and the account holder is told.
        let (code, _, err) = cli(&file, &["approve", "--not-me"], "").await;
        assert_eq!(code, 2, "{err}");
        let page = login_with(&app.browser(), PUSH_ONLY, "PASSWORD_MOBILE_APP").await;
        assert_eq!(page.status, 200);
        let (code, out, err) = cli(&file, &["approve", "--deny", "--not-me"], "").await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("Result: denied"), "{out}");
        let mails = app.mail_to(JANE, 2).await;
        assert!(
            mails.iter().any(|m| m.subject().contains("did not start")),
            "{:?}",
            mails.iter().map(|m| m.subject()).collect::<Vec<_>>()
        );

        // Unlinked: the state file is erased, the server has the device locked (§3.7).
        let state = limen_authenticator::load(&file).unwrap();
        let (code, out, err) = cli(&file, &["unlink"], "").await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(
            out.starts_with(&format!(
                "Unlinked Phone from {JANE} on {} (locked there: remove it in My account)",
                app.base
            )),
            "{out}"
        );
        assert!(!file.exists());
        let gone = Authenticator::from_state(reqwest::Client::new(), state)
            .unwrap()
            .pending()
            .await;
        assert!(
            matches!(gone, Err(Error::Server { status: 401, ref code }) if code == "device_locked"),
            "{gone:?}"
        );

        // The user removes the locked device (as in My account: here straight in the store,
        // the step-up removal being tested in limen-testkit), then enrols another. A device
        // locked by wrong current PINs can still unlink itself ("Forgot PIN").
        let account = app
            .store
            .account_by_email(&limen_core::Email::parse(JANE).unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            app.store
                .delete_mobile_devices(account.id)
                .await
                .unwrap()
                .len(),
            1
        );
        let link = enrolment_link(&b, "Second", PIN).await;
        let (code, out, err) = cli(&file, &["enrol", &link], PIN).await;
        assert_eq!(code, 0, "{out}{err}");
        for attempt in 1..=5 {
            let (code, _, err) = cli(&file, &["change-pin"], "0000\n2222\n2222").await;
            if attempt < 5 {
                assert_eq!(code, 1, "{err}");
            } else {
                assert_eq!(code, 2, "{err}");
                assert!(err.contains("locked"), "{err}");
            }
        }
        let (code, out, err) = cli(&file, &["unlink"], "").await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("Unlinked Second"), "{out}");
        assert!(!file.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    })
    .await;
}

/// A signature (issue 18) of a transaction with a field to type again, started through the
/// engine; the step it gives.
async fn start_signature(
    app: &TestApp,
    account: &limen_core::Account,
    method: limen_core::Method,
    request: &str,
) -> (String, limen_authn::Challenge) {
    use limen_authn::sign::{SignBinding, SignField};
    let binding = SignBinding::new(
        request,
        "Union Registry",
        "Transfer of allowances",
        vec![
            SignField {
                label: "Amount".into(),
                value: "100 EUA".into(),
                retype: false,
                pattern: None,
            },
            SignField {
                label: "To account".into(),
                value: "EU-100-5".into(),
                retype: true,
                pattern: Some("^EU-[0-9]+-[0-9]+$".into()),
            },
        ],
    );
    let step = app
        .state
        .authn
        .sign_start(
            account,
            method,
            PASSWORD,
            binding,
            &limen_authn::Client::CLI,
        )
        .await
        .unwrap();
    match step {
        limen_authn::Step::Challenge { tx, challenge, .. } => (tx, challenge),
        other => panic!("a challenge: {other:?}"),
    }
}

async fn signed(app: &TestApp, tx: &str, answer: limen_authn::Answer) -> limen_authn::sign::Signed {
    match app
        .state
        .authn
        .sign_answer(tx, &answer, &limen_authn::Client::CLI)
        .await
        .unwrap()
    {
        limen_authn::Step::Signed(s) => *s,
        other => panic!("signed: {other:?}"),
    }
}

#[tokio::test]
async fn the_command_line_signs_a_transaction_with_typed_values() {
    each_backend(defaults, |app| async move {
        let account = app.add_user(JANE, Some("Jane"), "Doe").await;
        let dir = std::env::temp_dir().join(format!(
            "limen-authenticator-sign-{}-{}",
            std::process::id(),
            app.base.rsplit(':').next().unwrap()
        ));
        let file = dir.join("device.json");
        let b = app.browser();
        b.login(None, JANE, PASSWORD).await;
        let link = enrolment_link(&b, "Phone", PIN).await;
        let (code, out, err) = cli(&file, &["enrol", &link], PIN).await;
        assert_eq!(code, 0, "{out}{err}");

        // Push: the request shows the transaction, the retyped field without its value.
        let (tx, challenge) =
            start_signature(&app, &account, limen_core::Method::MobileApp, "SR-cli-1").await;
        let limen_authn::Challenge::Approval {
            number: Some(number),
            ..
        } = challenge
        else {
            panic!("a push approval: {challenge:?}");
        };
        let (code, out, _) = cli(&file, &["list"], "").await;
        assert_eq!(code, 0);
        assert!(out.contains("To approve: Transfer of allowances"), "{out}");
        assert!(out.contains("Amount: 100 EUA"), "{out}");
        assert!(
            out.contains("To account: (type it from the signing page; form: ^EU-[0-9]+-[0-9]+$)"),
            "{out}"
        );
        assert!(
            !out.contains("EU-100-5"),
            "the value to type is not shown: {out}"
        );
        // A value of the wrong form: refused before anything is sent.
        let wrong_form = [
            "approve",
            "--number",
            &number,
            "--field",
            "To account=EU 100 5",
        ];
        let (code, _, err) = cli(&file, &wrong_form, PIN).await;
        assert_eq!(code, 1);
        assert!(err.contains("does not have the expected form"), "{err}");
        // A label the request does not ask for.
        let other = [
            "approve",
            "--number",
            &number,
            "--field",
            "To account=EU-100-5",
            "--field",
            "Nope=1",
        ];
        let (code, _, err) = cli(&file, &other, PIN).await;
        assert_eq!(code, 1);
        assert!(
            err.contains("--field Nope: this request has no such field"),
            "{err}"
        );
        // The right form, not the transaction's value: the server refuses, the request stays.
        let mistyped = [
            "approve",
            "--number",
            &number,
            "--field",
            "To account=EU-100-6",
        ];
        let (code, _, err) = cli(&file, &mistyped, PIN).await;
        assert_eq!(code, 1);
        assert!(
            err.contains("not the transaction's (display_hash)"),
            "{err}"
        );
        // Typed on standard input before the PIN: a wrong form is asked again, then approved.
        let (code, out, err) = cli(
            &file,
            &["approve", "--number", &number],
            &format!("EU 100\nEU-100-5\n{PIN}"),
        )
        .await;
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("Result: approved"), "{out}");
        assert_eq!(
            err.matches("Type To account (form: ^EU-[0-9]+-[0-9]+$): ")
                .count(),
            2,
            "{err}"
        );
        assert!(err.contains("does not have the expected form"), "{err}");
        let s = signed(&app, &tx, limen_authn::Answer::Device).await;
        assert_eq!(s.binding.request, "SR-cli-1");
        let evidence = s.evidence.expect("evidence");
        assert_eq!(evidence["display"]["tx"]["fields"][1]["value"], "EU-100-5");
        let body: serde_json::Value =
            serde_json::from_str(evidence["request"].as_str().unwrap()).unwrap();
        assert_eq!(body["number"], number.as_str());

        // Offline QR code: `code --field`; a mistyped value gives a code the server refuses.
        let (tx, challenge) = start_signature(
            &app,
            &account,
            limen_core::Method::SoftwareToken,
            "SR-cli-2",
        )
        .await;
        let limen_authn::Challenge::Scan { link, .. } = challenge else {
            panic!("a QR code: {challenge:?}");
        };
        let (code, out, err) = cli(
            &file,
            &["code", &link, "--field", "To account=EU-100-5"],
            PIN,
        )
        .await;
        assert_eq!(code, 0, "{out}{err}");
        let typed_code = out
            .lines()
            .find_map(|l| l.strip_prefix("Code: "))
            .expect("a code")
            .to_owned();
        let (code, _, err) = cli(&file, &["code", &link], "").await;
        assert_eq!(code, 1, "no value typed, standard input closed");
        assert!(err.contains("no value given"), "{err}");
        let s = signed(&app, &tx, limen_authn::Answer::Code(typed_code)).await;
        assert_eq!(s.binding.request, "SR-cli-2");
        assert_eq!(s.evidence, None);
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}
