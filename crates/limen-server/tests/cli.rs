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
