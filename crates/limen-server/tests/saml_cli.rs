//! `limen service add --protocol saml`, `service refresh`, `service show|list` and the SAML keys
//! as an administrator runs them: the `limen` binary on a throw-away SQLite file, the SP metadata
//! from the fixtures of tests/data/saml (docs/SAML.md §2, §11).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn limen(dir: &Path, args: &[&str]) -> Output {
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

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "limen-saml-cli-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/saml")
        .join(name)
        .display()
        .to_string()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(out: &Output, why: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "accepted, expected {why:?}");
    assert!(stderr.contains(why), "expected {why:?} in: {stderr}");
}

const PYSAML2_ENTITY: &str = "https://travel.test-sp.example/saml2/metadata/";
const MELLON_ENTITY: &str = "https://wiki.test-sp.example/mellon/metadata";

#[test]
fn saml_service_providers_from_the_command_line() {
    let dir = temp_dir();
    let pysaml2 = fixture("pysaml2-sp.xml");
    let mellon = fixture("mellon-sp.xml");
    let add = |name: &str, extra: &[&str]| {
        let mut args = vec!["service", "add", "--name", name, "--protocol", "saml"];
        args.extend_from_slice(extra);
        limen(&dir, &args)
    };

    // Refusals before anything is read or stored.
    refused(&add("Nothing", &[]), "needs --metadata");
    refused(
        &add(
            "Mixed",
            &["--metadata", &pysaml2, "--url", "https://a.example/*"],
        ),
        "--url not for a SAML service provider",
    );
    refused(
        &add(
            "Mixed",
            &[
                "--metadata",
                &pysaml2,
                "--redirect-uri",
                "https://a.example/cb",
            ],
        ),
        "--redirect-uri not for a SAML service provider",
    );
    refused(
        &limen(
            &dir,
            &[
                "service",
                "add",
                "--name",
                "Cas",
                "--url",
                "https://a.example/*",
                "--metadata",
                &pysaml2,
            ],
        ),
        "--metadata is for SAML service providers",
    );
    refused(
        &add("Bad", &["--metadata", &pysaml2, "--nameid", "kerberos"]),
        "--nameid: unknown format",
    );
    refused(
        &add("Remote", &["--metadata", "http://sp.example.org/metadata"]),
        "http:// only on a loopback host",
    );
    // A pin the (unsigned) metadata is not signed by.
    refused(
        &add(
            "Pinned",
            &[
                "--metadata",
                &pysaml2,
                "--metadata-certificate",
                &fixture("pysaml2-signing.pem"),
            ],
        ),
        "signature",
    );
    let list = ok(&limen(&dir, &["service", "list"]));
    assert!(!list.contains("SAML"), "nothing registered: {list}");

    // The pysaml2 SP, with its defaults.
    let out = ok(&add("Travel", &["--metadata", &pysaml2]));
    assert!(
        out.contains("registered SAML service provider \"Travel\""),
        "{out}"
    );
    assert!(out.contains(PYSAML2_ENTITY), "{out}");
    assert!(
        out.contains(
            "ACS:                 [1] https://travel.test-sp.example/saml2/acs/post (default)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "SLO:                 HTTP-Redirect https://travel.test-sp.example/saml2/slo/redirect"
        ),
        "{out}"
    );
    assert!(
        out.contains("signing certificate: SHA-256 89:9B:2E:25:9E:94:40:F7"),
        "{out}"
    );
    assert!(
        out.contains("encryption:          AES-256-GCM + RSA-OAEP (rsa-oaep-mgf1p"),
        "{out}"
    );
    assert!(
        out.contains("NameID formats:      persistent (default), transient"),
        "{out}"
    );
    assert!(
        out.contains("signing:             rsa-sha256, signed: both"),
        "{out}"
    );
    assert!(out.contains("requests signed:     required"), "{out}");
    assert!(
        out.contains("ignored: SingleLogoutService (SOAP) ignored"),
        "{out}"
    );
    assert!(
        out.contains("the SP requests:     uid, email, groups"),
        "{out}"
    );
    assert!(
        out.contains("Limen's metadata (also its entityID): http://localhost:8080/saml/metadata"),
        "{out}"
    );

    // The mellon SP, with choices.
    let out = ok(&add(
        "Wiki",
        &[
            "--metadata",
            &mellon,
            "--nameid",
            "persistent,email",
            "--signing-alg",
            "ecdsa-sha256",
            "--encrypt",
            "off",
            "--sign",
            "assertion",
            "--idp-initiated",
            "--attributes",
            "uid,email,groups",
        ],
    ));
    assert!(out.contains(MELLON_ENTITY), "{out}");
    assert!(out.contains("warning: NameID email is allowed"), "{out}");
    assert!(out.contains("encryption:          off"), "{out}");
    assert!(
        out.contains("ignored: AssertionConsumerService index 1 (HTTP-Artifact) ignored"),
        "{out}"
    );

    // The same entityID under another name: refused.
    refused(
        &add("Wiki again", &["--metadata", &mellon]),
        "is already registered, as service \"Wiki\"",
    );

    let list = ok(&limen(&dir, &["service", "list"]));
    assert!(
        list.contains(&format!("Travel\tSAML {PYSAML2_ENTITY}")),
        "{list}"
    );
    assert!(
        list.contains(&format!("Wiki\tSAML {MELLON_ENTITY}")),
        "{list}"
    );
    assert!(!list.contains("Wiki again"), "{list}");

    let show = ok(&limen(&dir, &["service", "show", "Wiki"]));
    for line in [
        "protocol:           saml",
        "NameID formats:      persistent (default), email",
        "signing:             ecdsa-sha256, signed: assertion",
        "authn context:       strength",
        "IdP-initiated:       yes",
        "attributes:          uid, email, groups",
        "SLO:                 HTTP-Redirect https://wiki.test-sp.example/mellon/logout",
        "signing certificate: SHA-256 24:97:12:E7",
    ] {
        assert!(show.contains(line), "{line:?} in {show}");
    }
    assert!(
        show.contains(&format!("metadata:            {mellon} (SHA-256 ")),
        "{show}"
    );

    // Refresh: the same file, nothing changed; a CAS service has nothing to refresh.
    let out = ok(&limen(&dir, &["service", "refresh", "Travel"]));
    assert!(out.contains("no change: the metadata is the same"), "{out}");
    ok(&limen(
        &dir,
        &[
            "service",
            "add",
            "--name",
            "Portal",
            "--url",
            "https://portal.example/*",
        ],
    ));
    refused(
        &limen(&dir, &["service", "refresh", "Portal"]),
        "is not a SAML service provider",
    );

    // Keys: a pre-published EC key, then one that signs at once.
    let out = ok(&limen(&dir, &["keys", "rotate", "--alg", "SAML-EC"]));
    assert!(out.contains("new SAML signing key: "), "{out}");
    assert!(out.contains("it signs from"), "{out}");
    assert!(
        out.contains("Wiki\thttps://wiki.test-sp.example/mellon/metadata"),
        "{out}"
    );
    assert!(!out.contains("Travel\t"), "Travel signs with RSA: {out}");
    let keys = ok(&limen(&dir, &["keys", "list"]));
    assert!(keys.contains("SAML-EC\tcreated "), "{keys}");
    assert!(keys.contains("next: signs from"), "{keys}");
    let out = ok(&limen(
        &dir,
        &["keys", "rotate", "--alg", "saml-ec", "--now"],
    ));
    assert!(out.contains("it signs now"), "{out}");
    let keys = ok(&limen(&dir, &["keys", "list"]));
    assert!(keys.contains("current: signing since"), "{keys}");
    refused(
        &limen(&dir, &["keys", "rotate", "--alg", "ES256", "--now"]),
        "--now is for SAML keys",
    );
    let _ = std::fs::remove_dir_all(&dir);
}
