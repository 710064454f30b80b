//! Tests with no server: enrolment links, the state a device is made from, offline codes.

use super::*;
use limen_mobile::messages::{Display, EnrolLink, Origin, seal};

const ISS: &str = "https://id.example.eu";
const NOW: i64 = 1_750_000_000;
const PIN: &str = "2468";
const SALT: [u8; 16] = *b"0123456789abcdef";
const K: [u8; 32] = [7u8; 32];

fn link(iss: &str, exp: i64) -> EnrolLink {
    EnrolLink {
        v: 1,
        iss: iss.to_owned(),
        tok: b64::encode(&[3u8; 32]),
        salt: b64::encode(&SALT),
        sk: SigningKey::generate().unwrap().thumbprint(),
        exp,
    }
}

fn input_message(e: Error) -> String {
    match e {
        Error::Input(m) => m,
        other => panic!("not an input error: {other:?}"),
    }
}

#[test]
fn enrolment_links_are_checked() {
    let good = link(ISS, NOW + 300);
    assert_eq!(parse_enrol_link(&good.to_link(), NOW).unwrap(), good);
    // Pasted with white space around it.
    let padded = format!("  {}\n", good.to_link());
    assert_eq!(parse_enrol_link(&padded, NOW).unwrap(), good);
    // http on loopback is allowed (a local server), elsewhere not.
    let local = link("http://127.0.0.1:8080", NOW + 300);
    assert_eq!(parse_enrol_link(&local.to_link(), NOW).unwrap(), local);
    let plain = link("http://id.example.eu", NOW + 300);
    let m = input_message(parse_enrol_link(&plain.to_link(), NOW).unwrap_err());
    assert!(m.contains("not https"), "{m}");

    // Expired: at exp and after.
    for now in [NOW + 300, NOW + 301, NOW + 100_000] {
        assert!(matches!(
            parse_enrol_link(&good.to_link(), now),
            Err(Error::Expired("enrolment link"))
        ));
    }

    // Another version.
    let mut v2 = serde_json::to_value(&good).unwrap();
    v2["v"] = serde_json::json!(2);
    let v2_link = format!(
        "limen://enrol?p={}",
        b64::encode(&serde_json::to_vec(&v2).unwrap())
    );
    let m = input_message(parse_enrol_link(&v2_link, NOW).unwrap_err());
    assert!(m.contains("another protocol version"), "{m}");

    // Garbage.
    for bad in [
        String::new(),
        "limen://enrol".to_owned(),
        "limen://enrol?p=".to_owned(),
        "limen://enrol?p=%%%".to_owned(),
        "https://id.example.eu/enrol".to_owned(),
        format!("limen://challenge?p={}", &good.to_link()[16..]),
        format!("limen://enrol?p={}", b64::encode(b"{\"v\":1}")),
        link("https://id.example.eu/", NOW + 300).to_link(),
        link("https://user@id.example.eu", NOW + 300).to_link(),
    ] {
        assert!(
            matches!(parse_enrol_link(&bad, NOW), Err(Error::Input(_))),
            "{bad}"
        );
    }
}

/// A device enrolled with [`K`] under the PIN [`PIN`], and the server key it pins.
fn device_with(iss: &str) -> (Authenticator, SigningKey) {
    let server = SigningKey::generate().unwrap();
    let device = SigningKey::generate().unwrap();
    let p = kdf::pin_key(PIN, &SALT).unwrap();
    let state = DeviceState {
        v: 1,
        iss: iss.to_owned(),
        device: device.thumbprint(),
        name: "Laptop".to_owned(),
        account: "jane@example.eu".to_owned(),
        device_key: b64::encode(device.pkcs8()),
        server_key: server.public_jwk(),
        salt: b64::encode(&SALT),
        mask: b64::encode(&kdf::mask(&K, &p)),
    };
    let auth = Authenticator::from_state(reqwest::Client::new(), state).unwrap();
    (auth, server)
}

fn payload(kind: ChallengeKind) -> ChallengePayload {
    ChallengePayload {
        v: 1,
        iss: ISS.to_owned(),
        id: b64::encode(&[5u8; 32]),
        kind,
        iat: NOW,
        exp: NOW + 120,
        display: Display {
            service: "Staff portal".to_owned(),
            origin: Origin {
                ip: "203.0.113.0/24".to_owned(),
                browser: "Firefox on Linux".to_owned(),
            },
            tx: None,
        },
    }
}

#[test]
fn offline_code_is_the_servers_code() {
    let (auth, server) = device_with(ISS);
    let p = payload(ChallengeKind::Offline);
    let signed = seal(&server, TYP_CHALLENGE, &p).unwrap();
    // What the server computes with K (limen-authn's verify_code).
    let expected = messages::offline_code(&K, &p).unwrap();
    assert_eq!(expected.len(), 8);

    let (c, code) = auth
        .offline_code(&messages::challenge_link(&signed), PIN, NOW)
        .unwrap();
    assert_eq!(code, expected);
    assert_eq!(c.payload, p);
    assert_eq!(c.signed, signed);
    // The bare signed object, pasted with white space, works too.
    let (_, bare) = auth
        .offline_code(&format!(" {signed}\n"), PIN, NOW)
        .unwrap();
    assert_eq!(bare, expected);
    // A wrong PIN gives another code, and no error: only the server can tell.
    let (_, wrong) = auth.offline_code(&signed, "2469", NOW).unwrap();
    assert_ne!(wrong, expected);
    assert_eq!(wrong.len(), 8);
    // A PIN that is not digits is refused before anything.
    for bad in ["", "12a4", "1234 ", "١٢٣٤"] {
        assert!(
            matches!(auth.offline_code(&signed, bad, NOW), Err(Error::Input(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn offline_code_hashes_members_it_does_not_know() {
    let (auth, server) = device_with(ISS);
    let mut value = serde_json::to_value(payload(ChallengeKind::Offline)).unwrap();
    value["later"] = serde_json::json!("a member of a later revision");
    let signed = jws::sign(&server, TYP_CHALLENGE, Kid::Id("s"), &value).unwrap();
    let (_, code) = auth.offline_code(&signed, PIN, NOW).unwrap();
    assert_eq!(code, messages::offline_code_of_value(&K, &value).unwrap());
    assert_ne!(
        code,
        messages::offline_code(&K, &payload(ChallengeKind::Offline)).unwrap()
    );
}

#[test]
fn offline_code_refusals() {
    let (auth, server) = device_with(ISS);
    let p = payload(ChallengeKind::Offline);

    // Signed by another key.
    let stranger = SigningKey::generate().unwrap();
    let forged = seal(&stranger, TYP_CHALLENGE, &p).unwrap();
    assert!(matches!(
        auth.offline_code(&forged, PIN, NOW),
        Err(Error::Protocol {
            source: limen_mobile::Error::BadSignature,
            ..
        })
    ));
    // Signed by the server but as another type of object.
    let receipt_typed = seal(&server, TYP_RECEIPT, &p).unwrap();
    assert!(matches!(
        auth.offline_code(&receipt_typed, PIN, NOW),
        Err(Error::Protocol {
            source: limen_mobile::Error::WrongType,
            ..
        })
    ));

    // Expired: 5 minutes of clock difference are allowed, not more.
    let signed = seal(&server, TYP_CHALLENGE, &p).unwrap();
    assert!(auth.offline_code(&signed, PIN, p.exp + 299).is_ok());
    for now in [p.exp + 300, p.exp + 10_000] {
        assert!(matches!(
            auth.offline_code(&signed, PIN, now),
            Err(Error::Expired("request"))
        ));
    }
    // A challenge that claims a life over 120 s is refused whatever the clock.
    let long = seal(
        &server,
        TYP_CHALLENGE,
        &ChallengePayload {
            exp: NOW + 121,
            ..p.clone()
        },
    )
    .unwrap();
    assert!(matches!(
        auth.offline_code(&long, PIN, NOW),
        Err(Error::Protocol { .. })
    ));

    // Not an offline challenge: push and On Mobile are answered on line.
    for kind in [ChallengeKind::Push, ChallengeKind::OnMobile] {
        let other = seal(&server, TYP_CHALLENGE, &payload(kind)).unwrap();
        assert!(matches!(
            auth.offline_code(&other, PIN, NOW),
            Err(Error::WrongKind(_))
        ));
    }
    // For another server.
    let elsewhere = seal(
        &server,
        TYP_CHALLENGE,
        &ChallengePayload {
            iss: "https://other.example.eu".to_owned(),
            ..p.clone()
        },
    )
    .unwrap();
    assert!(matches!(
        auth.offline_code(&elsewhere, PIN, NOW),
        Err(Error::Protocol {
            source: limen_mobile::Error::Malformed("iss"),
            ..
        })
    ));
    // Another protocol version.
    let v2 = seal(
        &server,
        TYP_CHALLENGE,
        &ChallengePayload { v: 2, ..p.clone() },
    )
    .unwrap();
    assert!(matches!(
        auth.offline_code(&v2, PIN, NOW),
        Err(Error::Protocol {
            source: limen_mobile::Error::WrongVersion,
            ..
        })
    ));

    // An On Mobile link is not a QR code of a challenge; garbage is garbage.
    let by_id = messages::on_mobile_link(ISS, &p.id);
    assert!(matches!(
        auth.offline_code(&by_id, PIN, NOW),
        Err(Error::WrongKind(_))
    ));
    assert!(matches!(
        auth.offline_code("limen://challenge?x=1", PIN, NOW),
        Err(Error::Input(_))
    ));
    for garbage in ["", "hello", "a.b.c", "limen-challenge"] {
        assert!(
            matches!(
                auth.offline_code(garbage, PIN, NOW),
                Err(Error::Protocol { .. })
            ),
            "{garbage}"
        );
    }
    // The signature covers the payload: a byte changed in it is refused.
    let mut parts: Vec<String> = signed.split('.').map(str::to_owned).collect();
    let mut tampered = p.clone();
    tampered.display.service = "Bank".to_owned();
    parts[1] = b64::encode(&serde_json::to_vec(&tampered).unwrap());
    assert!(matches!(
        auth.offline_code(&parts.join("."), PIN, NOW),
        Err(Error::Protocol {
            source: limen_mobile::Error::BadSignature,
            ..
        })
    ));
}

#[test]
fn states_that_cannot_be_a_device_are_refused() {
    let (auth, _) = device_with(ISS);
    let good = auth.state().clone();
    assert_eq!(auth.device_id(), good.device);
    let other_device = SigningKey::generate().unwrap();
    let cases: Vec<(DeviceState, &str)> = vec![
        (
            DeviceState {
                v: 2,
                ..good.clone()
            },
            "version",
        ),
        (
            DeviceState {
                iss: "http://id.example.eu".to_owned(),
                ..good.clone()
            },
            "server URL",
        ),
        (
            DeviceState {
                device: other_device.thumbprint(),
                ..good.clone()
            },
            "not the device id",
        ),
        (
            DeviceState {
                device_key: b64::encode(b"not a key"),
                ..good.clone()
            },
            "device key",
        ),
        (
            DeviceState {
                salt: b64::encode(&[1u8; 15]),
                ..good.clone()
            },
            "salt",
        ),
        (
            DeviceState {
                mask: b64::encode(&[1u8; 31]),
                ..good.clone()
            },
            "mask",
        ),
        (
            DeviceState {
                server_key: EcJwk {
                    crv: "P-384".to_owned(),
                    ..good.server_key.clone()
                },
                ..good.clone()
            },
            "server key",
        ),
    ];
    for (state, what) in cases {
        let Err(e) = Authenticator::from_state(reqwest::Client::new(), state) else {
            panic!("accepted a state with a bad {what}");
        };
        let m = input_message(e);
        assert!(m.contains(what), "{what}: {m}");
    }
}

#[test]
fn debug_shows_no_secret() {
    let (auth, _) = device_with(ISS);
    let shown = format!("{auth:?}");
    assert!(shown.contains(auth.device_id()));
    assert!(!shown.contains(&auth.state().device_key));
    assert!(!shown.contains(&auth.state().mask));
}

/// A signing transaction as the server holds it (the true value of the retyped field in).
fn transaction() -> messages::Transaction {
    messages::Transaction {
        title: "Transfer of allowances".to_owned(),
        fields: vec![
            messages::Field::shown("Amount", "100 EUA"),
            messages::Field {
                label: "To account".to_owned(),
                value: Some("EU-100-5".to_owned()),
                retype: true,
                pattern: Some("^EU-[0-9]+-[0-9]+$".to_owned()),
            },
        ],
    }
}

fn retyped(pattern: Option<&str>) -> messages::Field {
    messages::Field {
        label: "To account".to_owned(),
        value: None,
        retype: true,
        pattern: pattern.map(str::to_owned),
    }
}

#[test]
fn typed_values_must_match_the_whole_pattern() {
    let f = retyped(Some("^EU-[0-9]+-[0-9]+$"));
    assert!(check_typed(&f, "EU-100-5").is_ok());
    for bad in [
        "",
        "EU-100-",
        "eu-100-5",
        "EU-100-5 ",
        "xEU-100-5",
        "EU-1a0-5",
    ] {
        let m = input_message(check_typed(&f, bad).unwrap_err());
        assert!(m.starts_with("To account"), "{bad:?}: {m}");
    }
    // Anchored as a whole even when the pattern is not: `^(?:a|b)$`, not `^a|b$`.
    let alt = retyped(Some("EU|FR"));
    assert!(check_typed(&alt, "EU").is_ok());
    assert!(check_typed(&alt, "FR").is_ok());
    assert!(check_typed(&alt, "EUR").is_err());
    assert!(check_typed(&alt, "xFR").is_err());
    // No pattern: any one line of text.
    let free = retyped(None);
    assert!(check_typed(&free, "anything at all é").is_ok());
    assert!(check_typed(&free, "two\nlines").is_err());
    assert!(check_typed(&free, &"x".repeat(501)).is_err());
    assert!(check_typed(&free, &"x".repeat(500)).is_ok());
    // A pattern this device cannot compile refuses every value, and says so.
    let broken = retyped(Some("(unclosed"));
    let m = input_message(check_typed(&broken, "x").unwrap_err());
    assert!(m.contains("pattern cannot be used"), "{m}");
    // Only retyped fields take a value.
    assert!(check_typed(&messages::Field::shown("Amount", "1"), "1").is_err());
}

#[test]
fn offline_code_with_typed_values_is_the_servers_code() {
    let (auth, server) = device_with(ISS);
    // The server's payload holds the true value; the QR code carries it without.
    let mut truth = payload(ChallengeKind::Offline);
    truth.display.tx = Some(transaction());
    let mut sent = truth.clone();
    sent.display = truth.display.as_sent();
    let signed = seal(&server, TYP_CHALLENGE, &sent).unwrap();
    let expected = messages::offline_code(&K, &truth).unwrap();

    let (c, code) = auth
        .offline_code_typed(&signed, PIN, NOW, &["EU-100-5"])
        .unwrap();
    assert_eq!(code, expected);
    assert!(c.payload.display.asks_to_type());
    // A mistyped value that has the right form makes a code the server refuses.
    let (_, typo) = auth
        .offline_code_typed(&signed, PIN, NOW, &["EU-100-6"])
        .unwrap();
    assert_ne!(typo, expected);
    // A value of the wrong form, none, or one too many: no code at all.
    for typed in [&["EU 100 5"][..], &[], &["EU-100-5", "EU-1-1"]] {
        assert!(
            matches!(
                auth.offline_code_typed(&signed, PIN, NOW, typed),
                Err(Error::Input(_))
            ),
            "{typed:?}"
        );
    }
    let m = input_message(auth.offline_code(&signed, PIN, NOW).unwrap_err());
    assert!(m.contains("To account"), "{m}");
    // A login's QR code takes no typed value.
    let login = seal(&server, TYP_CHALLENGE, &payload(ChallengeKind::Offline)).unwrap();
    assert!(matches!(
        auth.offline_code_typed(&login, PIN, NOW, &["x"]),
        Err(Error::Input(_))
    ));
}

#[test]
fn a_challenge_that_sends_a_retyped_value_is_refused() {
    // The server never sends what the user must type: a challenge that does is not shown.
    let (auth, server) = device_with(ISS);
    let mut p = payload(ChallengeKind::Offline);
    p.display.tx = Some(transaction());
    let signed = seal(&server, TYP_CHALLENGE, &p).unwrap();
    assert!(matches!(
        auth.offline_code_typed(&signed, PIN, NOW, &["EU-100-5"]),
        Err(Error::Protocol { .. })
    ));
}
