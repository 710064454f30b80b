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
            },
            Proof {
                strength: Strength::PasswordWebauthn,
                at: now,
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
