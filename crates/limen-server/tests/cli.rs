//! The command line as an administrator runs it: the `limen` binary on a throw-away SQLite file.

use std::process::{Command, Output};

fn limen(dir: &std::path::Path, args: &[&str]) -> Output {
    let database = format!("sqlite://{}", dir.join("limen.db").display());
    Command::new(env!("CARGO_BIN_EXE_limen"))
        .current_dir(dir)
        .env_remove("LIMEN_CONFIG")
        .arg("--database")
        .arg(&database)
        .args(args)
        .output()
        .expect("run limen")
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "limen-cli-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Issue 11 item 2: `limen user add` applies the same address rule as the pages: an address
/// with an invisible character is refused with a message that names it, and no account is made.
#[test]
fn user_add_refuses_addresses_with_invisible_characters() {
    let dir = temp_dir();
    for (c, name) in [
        ('\u{202E}', "U+202E"),
        ('\u{200B}', "U+200B"),
        ('\u{FEFF}', "U+FEFF"),
    ] {
        let email = format!("ja{c}ne@example.org");
        let out = limen(
            &dir,
            &["user", "add", "--email", &email, "--last-name", "Doe"],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} accepted: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(
            stderr.contains("invisible or unusual character"),
            "{stderr}"
        );
    }
    let list = limen(&dir, &["user", "list"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&list.stdout).contains("example.org"),
        "{}",
        String::from_utf8_lossy(&list.stdout)
    );
    // A plain address still works.
    let ok = limen(
        &dir,
        &[
            "user",
            "add",
            "--email",
            "jane@example.org",
            "--last-name",
            "Doe",
        ],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 12: `limen user remove-keys` is the engine's "remove every factor", as PANIC: the keys
/// go, and also every session of the account ends (its key proof with it), and the user gets a
/// security e-mail; the audit log says the help desk did it. (Before the engine, the command
/// deleted the keys and wrote the audit row only.)
#[tokio::test]
async fn remove_keys_ends_the_sessions_and_tells_the_user() {
    use limen_core::{Proof, SsoSession, Strength};
    let dir = temp_dir();
    let added = limen(
        &dir,
        &[
            "user",
            "add",
            "--email",
            "jane@example.org",
            "--last-name",
            "Doe",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let url = format!("sqlite://{}", dir.join("limen.db").display());
    let store = limen_store::Store::connect(&url).await.unwrap();
    let email = limen_core::Email::parse("jane@example.org").unwrap();
    let jane = store.account_by_email(&email).await.unwrap().unwrap();
    let now = time::OffsetDateTime::now_utc();
    for (id, name) in [("Y3JlZC1vbmU", "Blue key"), ("Y3JlZC10d28", "Laptop")] {
        store
            .add_webauthn_credential(&limen_store::NewWebauthnCredential {
                account_id: jane.id,
                credential_id: id.into(),
                name: name.into(),
                kind: "security_key".into(),
                aaguid: None,
                attestation_format: "none".into(),
                user_verified: true,
                credential: "{}".into(),
                created_at: now,
            })
            .await
            .unwrap();
    }
    let session = SsoSession {
        id: limen_crypto::sha256_hex(b"a browser's cookie"),
        public_id: "pub-1".into(),
        account_id: jane.id,
        proofs: vec![
            Proof {
                strength: Strength::Password,
                at: now,
                device: None,
            },
            Proof {
                strength: Strength::PasswordWebauthn,
                at: now,
                device: None,
            },
        ],
        created_at: now,
        last_seen_at: now,
        client_ip: "192.0.2.1".into(),
        user_agent: "test".into(),
    };
    store
        .create_session(&session, now + time::Duration::hours(8))
        .await
        .unwrap();

    let out = limen(&dir, &["user", "remove-keys", "jane@example.org"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("removed 2 device(s)"), "{stdout}");
    assert!(
        stdout.contains("Blue key") && stdout.contains("Laptop"),
        "{stdout}"
    );
    assert!(stdout.contains("ended 1 session(s)"), "{stdout}");

    assert!(
        store
            .webauthn_credentials(jane.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store.session(&session.id).await.unwrap().is_none(),
        "the session (and its PASSWORD_WEBAUTHN proof) survived"
    );
    let mail = store.recent_mail(10).await.unwrap();
    let told = mail
        .iter()
        .find(|m| m.recipient.contains("jane@example.org"))
        .expect("no security e-mail queued");
    assert_eq!(
        told.subject,
        "Your help desk removed the verification methods of your account"
    );
    assert!(told.body.contains("Blue key, Laptop"), "{}", told.body);
    let trail = store.audit_of_account(jane.id, 10).await.unwrap();
    assert!(
        trail.iter().any(|(_, event)| event == "factors.remove_all"),
        "{trail:?}"
    );

    // Again, with nothing left: a clear answer, no error.
    let again = limen(&dir, &["user", "remove-keys", "jane@example.org"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("removed 0 device(s)"));
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The command refuses, says why on standard error, and exits non-zero.
fn refused(out: &Output, why: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "accepted: {stderr}");
    assert!(stderr.contains(why), "expected {why:?} in: {stderr}");
}

/// Issue 13 item 5: `limen group …` manages groups and memberships, refuses what it cannot do
/// with a clear message and a failure exit, and audits every change.
#[tokio::test]
async fn groups_and_members_from_the_command_line() {
    let dir = temp_dir();
    for email in ["jane@example.org", "bob@example.org"] {
        ok(&limen(
            &dir,
            &["user", "add", "--email", email, "--last-name", "Doe"],
        ));
    }
    let out = ok(&limen(
        &dir,
        &["group", "add", " DIGIT-A3 ", "--description", "Unit A3"],
    ));
    assert!(out.contains("created group \"DIGIT-A3\""), "{out}");
    ok(&limen(&dir, &["group", "add", "CN=Limen Admins"]));
    refused(
        &limen(&dir, &["group", "add", "DIGIT-A3"]),
        "a group named \"DIGIT-A3\" already exists",
    );
    refused(
        &limen(&dir, &["group", "add", "CN=A,OU=B"]),
        "invalid group name \"CN=A,OU=B\": the group name contains a comma",
    );
    refused(&limen(&dir, &["group", "add", "*"]), "invalid group name");
    refused(
        &limen(&dir, &["group", "add", "admins\u{202E}"]),
        "U+202E, an invisible or unusual character",
    );
    refused(
        &limen(&dir, &["group", "add", &"g".repeat(129)]),
        "longer than 128 characters",
    );
    refused(
        &limen(&dir, &["group", "add", "X", "--description", "a\nb"]),
        "--description",
    );

    let out = ok(&limen(
        &dir,
        &["group", "member", "add", "DIGIT-A3", "jane@example.org"],
    ));
    assert!(
        out.contains("added jane@example.org to \"DIGIT-A3\""),
        "{out}"
    );
    ok(&limen(
        &dir,
        &["group", "member", "add", "DIGIT-A3", "BOB@example.org"],
    ));
    ok(&limen(
        &dir,
        &[
            "group",
            "member",
            "add",
            "CN=Limen Admins",
            "jane@example.org",
        ],
    ));
    refused(
        &limen(
            &dir,
            &["group", "member", "add", "DIGIT-A3", "jane@example.org"],
        ),
        "jane@example.org is already a member of \"DIGIT-A3\"",
    );
    refused(
        &limen(
            &dir,
            &["group", "member", "add", "digit-a3", "jane@example.org"],
        ),
        "no group named \"digit-a3\"",
    );
    refused(
        &limen(
            &dir,
            &["group", "member", "add", "DIGIT-A3", "nobody@example.org"],
        ),
        "no account with the e-mail address nobody@example.org",
    );

    let list = ok(&limen(&dir, &["group", "list"]));
    assert_eq!(
        list,
        "CN=Limen Admins\t1 member(s)\t\nDIGIT-A3\t2 member(s)\tUnit A3\n"
    );
    let members = ok(&limen(&dir, &["group", "member", "list", "DIGIT-A3"]));
    let emails: Vec<&str> = members
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(emails, ["bob@example.org", "jane@example.org"]);
    refused(
        &limen(&dir, &["group", "member", "list", "Nobody"]),
        "no group named \"Nobody\"",
    );
    let shown = ok(&limen(&dir, &["user", "show", "jane@example.org"]));
    assert!(
        shown.contains("groups:         CN=Limen Admins, DIGIT-A3"),
        "{shown}"
    );

    ok(&limen(
        &dir,
        &["group", "member", "remove", "DIGIT-A3", "bob@example.org"],
    ));
    refused(
        &limen(
            &dir,
            &["group", "member", "remove", "DIGIT-A3", "bob@example.org"],
        ),
        "bob@example.org is not a member of \"DIGIT-A3\"",
    );
    refused(
        &limen(
            &dir,
            &["group", "member", "remove", "Nobody", "bob@example.org"],
        ),
        "no group named \"Nobody\"",
    );
    let out = ok(&limen(&dir, &["group", "remove", "DIGIT-A3"]));
    assert!(out.contains("1 member(s) left it"), "{out}");
    refused(
        &limen(&dir, &["group", "remove", "DIGIT-A3"]),
        "no group named \"DIGIT-A3\"",
    );

    let url = format!("sqlite://{}", dir.join("limen.db").display());
    let store = limen_store::Store::connect(&url).await.unwrap();
    let jane = store
        .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.account_groups(jane.id).await.unwrap(),
        ["CN=Limen Admins"]
    );
    let trail: Vec<(String, Option<i64>, serde_json::Value)> = store
        .recent_audit(20)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event.starts_with("group."))
        .map(|e| (e.event, e.account_id, e.detail))
        .rev()
        .collect();
    let events: Vec<(&str, &str)> = trail
        .iter()
        .map(|(event, _, d)| (event.as_str(), d["group"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [
            ("group.create", "DIGIT-A3"),
            ("group.create", "CN=Limen Admins"),
            ("group.member.add", "DIGIT-A3"),
            ("group.member.add", "DIGIT-A3"),
            ("group.member.add", "CN=Limen Admins"),
            ("group.member.remove", "DIGIT-A3"),
            ("group.delete", "DIGIT-A3"),
        ],
        "refused commands write nothing"
    );
    assert_eq!(trail[2].1, Some(jane.id));
    assert_eq!(trail[6].2["members"], 1);
    assert!(trail.iter().all(|(_, _, d)| d["by"] == "cli"));
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 13 item 5: `groups` can be given to a CAS service (`--attributes`) and to an OpenID
/// Connect client (`--scopes`), and is given to neither by default.
#[test]
fn services_can_be_given_the_groups() {
    let dir = temp_dir();
    ok(&limen(
        &dir,
        &[
            "service",
            "add",
            "--name",
            "Portal",
            "--url",
            "https://portal.example.org/*",
            "--attributes",
            "uid,groups",
        ],
    ));
    ok(&limen(
        &dir,
        &[
            "service",
            "add",
            "--name",
            "Default",
            "--url",
            "https://default.example.org/*",
        ],
    ));
    ok(&limen(
        &dir,
        &[
            "service",
            "add",
            "--name",
            "Rp",
            "--protocol",
            "oidc",
            "--redirect-uri",
            "https://rp.example.org/cb",
            "--scopes",
            "email,groups",
        ],
    ));
    ok(&limen(
        &dir,
        &[
            "service",
            "add",
            "--name",
            "DefaultRp",
            "--protocol",
            "oidc",
            "--redirect-uri",
            "https://rp.example.org/cb",
        ],
    ));
    let show = |name: &str| ok(&limen(&dir, &["service", "show", name]));
    assert!(
        show("Portal").contains("attributes:         uid, groups"),
        "{}",
        show("Portal")
    );
    assert!(!show("Default").contains("groups"), "{}", show("Default"));
    assert!(
        show("Rp").contains("scopes:             openid, email, groups"),
        "{}",
        show("Rp")
    );
    assert!(
        !show("DefaultRp").contains("groups"),
        "{}",
        show("DefaultRp")
    );
    refused(
        &limen(
            &dir,
            &[
                "service",
                "add",
                "--name",
                "Typo",
                "--url",
                "https://typo.example.org/*",
                "--attributes",
                "group",
            ],
        ),
        "unknown attribute \"group\"",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 13 item 2: an `[http_client]` CA file that cannot be used stops the server at start
/// with the key, the file and the cause, whichever way it was given.
#[test]
fn an_unusable_http_client_ca_file_stops_the_start_with_a_clear_error() {
    let dir = temp_dir();
    let missing = dir.join("internal-ca.pem");
    let out = Command::new(env!("CARGO_BIN_EXE_limen"))
        .current_dir(&dir)
        .env_remove("LIMEN_CONFIG")
        .env("LIMEN_HTTP_CLIENT__CA_CERTIFICATES", &missing)
        .args(["config", "check"])
        .output()
        .expect("run limen");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "http_client.ca_certificates: cannot read the CA file {}: No such file or directory",
            missing.display()
        )),
        "{stderr}"
    );

    let key = dir.join("server.key");
    std::fs::write(
        &key,
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("limen.toml"),
        format!(
            "[http_client]\nca_certificates = {:?}\n",
            key.display().to_string()
        ),
    )
    .unwrap();
    let out = limen(&dir, &["config", "check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "http_client.ca_certificates: the CA file {} holds no PEM certificate",
            key.display()
        )),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
