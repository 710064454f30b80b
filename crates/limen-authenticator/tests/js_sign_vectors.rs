//! The transaction-signing vectors of the authenticator web app
//! (`tests/authenticator/signing-vectors.json`), computed on the Rust side: docs/MOBILE-PROTOCOL.md
//! §5.5 — the display hash `dh` with the retyped values filled in (the worked example of the
//! document among them), the PIN proof over it, the offline code over the payload as received with
//! the values put in, and whether a typed value is taken for a field's `pattern`.
//!
//! Every output is computed here with limen-mobile's functions (what the server and this crate's
//! device use) and the pattern outcomes with this crate's own [`check_typed`] (Rust's `regex`,
//! anchored as `^(?:pattern)$`); the file must hold exactly these values. The JavaScript tests
//! (`tests/authenticator/signing.test.mjs`) compute the same outputs from the same inputs with
//! `protocol.js`. This lives in limen-authenticator, not next to limen-mobile's
//! `tests/js_vectors.rs`, because the pattern check (and its `regex`) is the device's, here.
//!
//! `LIMEN_WRITE_JS_VECTORS=1 cargo test -p limen-authenticator --test js_sign_vectors` rewrites the
//! file from this test's inputs.

use limen_authenticator::check_typed;
use limen_mobile::messages::{
    self, ChallengeKind, ChallengePayload, Decision, Display, Field, Origin, Transaction,
};
use limen_mobile::{b64, jcs};
use serde_json::{Value, json};
use std::path::PathBuf;

fn vectors_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/authenticator/signing-vectors.json")
}

fn retyped(label: &str, value: &str, pattern: Option<&str>) -> Field {
    Field {
        label: label.to_owned(),
        value: Some(value.to_owned()),
        retype: true,
        pattern: pattern.map(str::to_owned),
    }
}

/// The example of docs/MOBILE-PROTOCOL.md §5.5 as the server holds it: the true value in.
fn registry_display() -> Display {
    Display {
        service: "Union Registry".to_owned(),
        origin: Origin {
            ip: "198.51.100.0/24".to_owned(),
            browser: "Firefox on Linux".to_owned(),
        },
        tx: Some(Transaction {
            title: "Transfer of allowances".to_owned(),
            fields: vec![
                Field::shown("Amount", "100 EUA"),
                retyped("To account", "EU-100-5", Some("^EU-[0-9]+-[0-9]+$")),
            ],
        }),
    }
}

/// Two retyped fields around a shown one, one without a pattern, non-ASCII text: the values
/// go to the retyped fields in order.
fn two_typed_display() -> Display {
    Display {
        service: "Café ☕ registry".to_owned(),
        origin: Origin {
            ip: "2001:db8::/48".to_owned(),
            browser: "Chromium on Android".to_owned(),
        },
        tx: Some(Transaction {
            title: "Virement — ＡＢ".to_owned(),
            fields: vec![
                retyped("IBAN", "BE68 5390 0754 7034", Some(IBAN)),
                Field::shown("Montant", "1 234,56 €"),
                retyped("Référence", "Reçu n° 7 𝄞", None),
            ],
        }),
    }
}

fn dh(d: &Display) -> String {
    messages::display_hash(d).unwrap()
}

fn text(v: &Value) -> String {
    String::from_utf8(jcs::canonical(v).unwrap()).unwrap()
}

/// A display vector: as received, the values typed, the filled display (which must be the
/// server's), its JCS text and `dh`; the `dh` of the display as received (a denial's), and the
/// `dh` of a mistyped value (not the server's).
fn display_vector(truth: &Display, typed: &[&str], mistyped: &[&str]) -> Value {
    let received = truth.as_sent();
    let filled = received.with_values(typed).unwrap();
    assert_eq!(&filled, truth, "the right values give the server's display");
    let wrong = received.with_values(mistyped).unwrap();
    assert_ne!(dh(&wrong), dh(truth));
    assert_ne!(dh(&received), dh(truth));
    // The device's own check takes the right values (and the mistyped ones: they have the form).
    for values in [typed, mistyped] {
        for (f, v) in truth.tx.as_ref().unwrap().retyped().zip(values) {
            check_typed(f, v).unwrap();
        }
    }
    json!({
        "received": received,
        "typed": typed,
        "filled": filled,
        "jcs": text(&serde_json::to_value(&filled).unwrap()),
        "dh": dh(&filled),
        "received_dh": dh(&received),
        "mistyped": mistyped,
        "mistyped_dh": dh(&wrong),
    })
}

/// An IBAN as typed: two letters, two digits, three groups of four digits, spaces optional.
const IBAN: &str = "[A-Z]{2}[0-9]{2} ?[0-9]{4} ?[0-9]{4} ?[0-9]{4}";
const CHALLENGE_ID: &str = "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo";
const DEVICE_ID: &str = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
const K: [u8; 32] = [
    0xfa, 0x30, 0xdb, 0xfc, 0x92, 0x6d, 0x79, 0x87, 0x13, 0x13, 0x58, 0xac, 0xf6, 0x21, 0xc7, 0xe5,
    0x0d, 0xea, 0x7b, 0x65, 0x17, 0xb1, 0x45, 0x68, 0x95, 0xdd, 0x62, 0x31, 0x6b, 0xee, 0x25, 0x48,
];

/// The PIN proof of an approval of the filled display (spec §5.1 with §5.5's `dh`).
fn pin_proof_vector(truth: &Display) -> Value {
    let dh = dh(truth);
    let proof =
        messages::approval_mac(&K, CHALLENGE_ID, Decision::Approve, DEVICE_ID, &dh, "42").unwrap();
    json!({"k": b64::encode(&K), "challenge": CHALLENGE_ID, "decision": "approve",
           "device": DEVICE_ID, "dh": dh, "number": "42", "pin_proof": proof})
}

/// The offline code (spec §5.2, §5.5): the payload as received (a member this version does not
/// know kept in `tx`), the values put in, OCRA under K; equal to the server's code over the
/// payload holding the true values; a mistyped value gives another code.
fn offline_vector() -> Value {
    let truth = registry_display();
    let payload = |display: Display| ChallengePayload {
        v: 1,
        iss: "https://sso.example.org".to_owned(),
        id: CHALLENGE_ID.to_owned(),
        kind: ChallengeKind::Offline,
        iat: 1_764_990_000,
        exp: 1_764_990_120,
        display,
    };
    let mut server = serde_json::to_value(payload(truth.clone())).unwrap();
    server["display"]["tx"]["note"] = json!("a member a later version may add");
    let mut received = serde_json::to_value(payload(truth.as_sent())).unwrap();
    received["display"]["tx"]["note"] = json!("a member a later version may add");

    let server_code = messages::offline_code_of_value(&K, &server).unwrap();
    let mut filled = received.clone();
    messages::fill_payload_values(&mut filled, &["EU-100-5"]).unwrap();
    assert_eq!(filled, server);
    let code = messages::offline_code_of_value(&K, &filled).unwrap();
    assert_eq!(code, server_code);
    let mut wrong = received.clone();
    messages::fill_payload_values(&mut wrong, &["EU-100-50"]).unwrap();
    let wrong_code = messages::offline_code_of_value(&K, &wrong).unwrap();
    assert_ne!(wrong_code, code);
    let received_code = messages::offline_code_of_value(&K, &received).unwrap();
    assert_ne!(received_code, code);
    json!({
        "k": b64::encode(&K),
        "received": received,
        "typed": ["EU-100-5"],
        "filled": filled,
        "code": code,
        "mistyped": ["EU-100-50"],
        "mistyped_code": wrong_code,
        "received_code": received_code,
    })
}

/// Whether the device takes `value` for a field with `pattern`, and if not why, in the web
/// app's words: `typed_empty` (empty, too long, a control character), `typed_pattern` (the
/// pattern does not compile), `typed_form` (the value is not a whole match).
fn pattern_outcome(pattern: Option<&str>, value: &str) -> &'static str {
    let field = retyped("Field", "x", pattern);
    match check_typed(&field, value) {
        Ok(()) => "ok",
        Err(_) if value.is_empty() || value.chars().count() > 500 => "typed_empty",
        Err(_) if value.chars().any(char::is_control) => "typed_empty",
        Err(_) if pattern.is_some_and(|p| regex::Regex::new(&format!("^(?:{p})$")).is_err()) => {
            "typed_pattern"
        }
        Err(_) => "typed_form",
    }
}

/// Patterns of the dialect of spec §5.5 (the subset common to ECMAScript with `u` and Rust's
/// `regex`), with values that match them whole, in part, or not at all (every pattern one the
/// service API accepts, but the ones that cannot compile). Where ECMAScript and Rust disagree
/// (`\-` outside a class, `\d`, flags…) the API refuses the pattern, and `.` on U+2028 is not
/// reachable (the API refuses line separators in values): `differs` marks such a case, should
/// one be added.
fn pattern_vectors() -> Value {
    let long = "a".repeat(500);
    let too_long = "a".repeat(501);
    let cases: Vec<(Option<&str>, &str, Option<&str>)> = vec![
        // Whole matches only: the pattern's own anchors or none mean the same.
        (Some("^EU-[0-9]+-[0-9]+$"), "EU-100-5", None),
        (Some("^EU-[0-9]+-[0-9]+$"), "EU-100-5x", None),
        (Some("^EU-[0-9]+-[0-9]+$"), "xEU-100-5", None),
        (Some("^EU-[0-9]+-[0-9]+$"), "EU-100", None),
        (Some("EU-[0-9]+-[0-9]+"), "EU-100-5", None),
        (Some("EU-[0-9]+-[0-9]+"), "EU-100-5 ", None),
        (Some("EU-[0-9]+-[0-9]+"), "my EU-100-5", None),
        (Some("[0-9]+"), "12a34", None),
        // An alternation is anchored as a whole, not its first branch alone.
        (Some("a|ab"), "ab", None),
        (Some("^a|b$"), "ab", None),
        (Some("cat|dog"), "catdog", None),
        // Classes, ranges, groups, quantifiers and their lazy forms, escaped punctuation.
        (Some(IBAN), "BE68 5390 0754 7034", None),
        (Some(IBAN), "BE6853900754703", None),
        (
            Some("(?:[a-z]+\\.)?[a-z]+\\.[a-z]{2,}"),
            "mail.example.org",
            None,
        ),
        (Some("(?:[a-z]+\\.)?[a-z]+\\.[a-z]{2,}"), "example", None),
        (Some("x{2,}?y??"), "xxx", None),
        (Some("[A-Z0-9-]{3,5}"), "A-9", None),
        (Some("[A-Z0-9-]{3,5}"), "A-9-B-C", None),
        (Some("[^ ]+"), "no-space", None),
        (Some("[^ ]+"), "one space", None),
        (Some("a.c"), "abc", None),
        (Some("a.c"), "a😀c", None),
        (Some("[😀-😂]"), "😁", None),
        (Some("Café|Caf[eé]s"), "Cafés", None),
        // No pattern: any text of 1–500 characters without control characters.
        (None, "anything at all, 😀", None),
        (None, &long, None),
        // Nothing typed, too long, control characters: refused, pattern or not.
        (Some("[0-9]*"), "", None),
        (None, "", None),
        (None, &too_long, None),
        (None, "EU-100\n", None),
        (Some("[^x]+"), "tab\there", None),
        (None, "C1 \u{85} control", None),
        // A pattern neither side can compile (the API refuses it; a device given one takes no
        // value for it).
        (Some("(a"), "a", None),
        (Some("[z-a]"), "a", None),
    ];
    let out: Vec<Value> = cases
        .into_iter()
        .map(|(pattern, value, differs)| {
            let mut v = json!({"value": value, "outcome": pattern_outcome(pattern, value)});
            if let Some(p) = pattern {
                v["pattern"] = json!(p);
            }
            if let Some(why) = differs {
                v["differs"] = json!(why);
            }
            v
        })
        .collect();
    // The outcomes the cases are there for (a mistake in the table would show here).
    let outcomes: Vec<&str> = out.iter().map(|v| v["outcome"].as_str().unwrap()).collect();
    for want in ["ok", "typed_form", "typed_empty", "typed_pattern"] {
        assert!(outcomes.contains(&want), "no case gives {want}");
    }
    json!(out)
}

fn compute() -> Value {
    let registry = registry_display();
    let doc = display_vector(&registry, &["EU-100-5"], &["EU-100-6"]);
    // The worked example of docs/MOBILE-PROTOCOL.md §5.5, as printed there.
    assert_eq!(
        doc["jcs"],
        concat!(
            r#"{"origin":{"browser":"Firefox on Linux","ip":"198.51.100.0/24"},"service":"Union Registry","#,
            r#""tx":{"fields":[{"label":"Amount","value":"100 EUA"},{"label":"To account","#,
            r#""pattern":"^EU-[0-9]+-[0-9]+$","retype":true,"value":"EU-100-5"}],"#,
            r#""title":"Transfer of allowances"}}"#
        )
    );
    assert_eq!(doc["dh"], "gwJgIozQYLG48mSIdJxmOIP6PQhcRHA7cgoHrv2reEw");
    let two = two_typed_display();
    json!({
        "about": "Transaction-signing vectors (docs/MOBILE-PROTOCOL.md §5.5) shared by limen-authenticator (crates/limen-authenticator/tests/js_sign_vectors.rs, which recomputes every output with limen-mobile and the device's check_typed) and protocol.js (tests/authenticator/signing.test.mjs). Rewrite with LIMEN_WRITE_JS_VECTORS=1 cargo test -p limen-authenticator --test js_sign_vectors.",
        "display": [
            doc,
            display_vector(&two, &["BE68 5390 0754 7034", "Reçu n° 7 𝄞"], &["BE68 5390 0754 7035", "Reçu n° 7 𝄞"]),
        ],
        "pin_proof": pin_proof_vector(&registry),
        "offline": offline_vector(),
        "patterns": pattern_vectors(),
    })
}

#[test]
fn the_js_signing_vectors_are_the_rust_values() {
    let path = vectors_path();
    let computed = compute();
    if std::env::var_os("LIMEN_WRITE_JS_VECTORS").is_some() {
        let mut text = serde_json::to_string_pretty(&computed).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).expect("tests/authenticator/signing-vectors.json"),
    )
    .unwrap();
    let (Value::Object(want), Value::Object(have)) = (&computed, &file) else {
        panic!("the file is not a JSON object");
    };
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        have.keys().collect::<Vec<_>>()
    );
    for (name, value) in want {
        assert_eq!(&have[name], value, "signing-vectors.json member {name:?}");
    }
}
