//! Fuzz targets of what browsers and phones send to the authentication engine
//! (docs/FUZZING.md): WebAuthn registration and assertion responses (clientDataJSON, the
//! attestation object and authenticator data in CBOR, COSE keys; WebAuthn L3 §5.1, §6.1, §6.5,
//! §7), and phone numbers for SMS.
//!
//! An authenticator is written here from the spec (a "none" attestation, WebAuthn L3 §8.7; ES256
//! keys), so that valid ceremonies can be built and then bent: fields of clientDataJSON changed,
//! flags flipped, CBOR truncated, lengths inflated, nesting deepened.
//!
//! Properties: never a panic; an unchanged ceremony passes; a response whose challenge, origin,
//! type or RP ID hash is not the expected one is refused; an assertion passes only if the signed
//! bytes are the ones the key signed.

#[path = "../../../tests/fuzz/support.rs"]
mod support;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64U;
use limen_authn::sms::number::{self, NumberError};
use limen_authn::webauthn::{Assertion, Kind, RelyingParty, WebauthnConfig};
use limen_mobile::jws::SigningKey;
use proptest::prelude::*;
use serde_cbor_2::Value as Cbor;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use support::{config, mutated_bytes, nasty_string};

const ORIGIN: &str = "https://login.example.org";
const RP_ID: &str = "login.example.org";

fn rp() -> &'static RelyingParty {
    static RP: OnceLock<RelyingParty> = OnceLock::new();
    RP.get_or_init(|| {
        RelyingParty::new(&WebauthnConfig::for_public_url(ORIGIN)).expect("relying party")
    })
}

fn key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(|| SigningKey::generate().expect("key"))
}

/// ASN.1 DER of an ECDSA `r ‖ s` signature (WebAuthn L3 §6.5.5).
fn der(fixed: &[u8]) -> Vec<u8> {
    let int = |v: &[u8]| {
        let start = v.iter().position(|b| *b != 0).unwrap_or(v.len() - 1);
        let mut v = v[start..].to_vec();
        if v[0] & 0x80 != 0 {
            v.insert(0, 0);
        }
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    };
    let mut body = int(&fixed[..32]);
    body.extend(int(&fixed[32..]));
    let mut out = vec![0x30, body.len() as u8];
    out.extend(body);
    out
}

/// The COSE_Key of the key (RFC 9053 §7.1.1: kty 2, alg −7, crv 1, x, y).
fn cose_key(alg: i128, crv: i128) -> Cbor {
    let jwk = key().public_jwk();
    let mut m = BTreeMap::new();
    m.insert(Cbor::Integer(1), Cbor::Integer(2));
    m.insert(Cbor::Integer(3), Cbor::Integer(alg));
    m.insert(Cbor::Integer(-1), Cbor::Integer(crv));
    m.insert(
        Cbor::Integer(-2),
        Cbor::Bytes(B64U.decode(&jwk.x).expect("x")),
    );
    m.insert(
        Cbor::Integer(-3),
        Cbor::Bytes(B64U.decode(&jwk.y).expect("y")),
    );
    Cbor::Map(m)
}

/// How a registration response is bent. Each field's default is the right value.
#[derive(Debug, Clone)]
struct Registration {
    typ: &'static str,
    challenge_right: bool,
    origin: &'static str,
    rp_id: &'static str,
    flags: u8,
    cred_id_len: Option<u16>,
    alg: i128,
    crv: i128,
    fmt: &'static str,
    extra_client_data: Option<(String, Value)>,
    nesting: usize,
    cbor_edits: bool,
}

fn registration() -> impl Strategy<Value = Registration> {
    let mostly = |right: &'static str, wrong: Vec<&'static str>| prop_oneof![6 => Just(right), 1 => prop::sample::select(wrong)];
    (
        mostly("webauthn.create", vec!["webauthn.get", "", "WEBAUTHN.CREATE"]),
        prop::bool::weighted(0.85),
        mostly(ORIGIN, vec!["https://evil.test", "https://login.example.org:444", "http://login.example.org", "https://sub.login.example.org", "null"]),
        mostly(RP_ID, vec!["evil.test", "example.org", ""]),
        prop_oneof![6 => Just(0x45u8), 1 => any::<u8>()],
        proptest::option::weighted(0.15, prop_oneof![Just(0u16), Just(0xFFFF), 1u16..200]),
        prop_oneof![6 => Just(-7i128), 1 => prop::sample::select(vec![-8i128, -257, 0, i128::from(i64::MAX)])],
        prop_oneof![6 => Just(1i128), 1 => prop::sample::select(vec![2i128, 3, 6, -1])],
        mostly("none", vec!["packed", "fido-u2f", "tpm", "x"]),
        proptest::option::weighted(0.2, (prop::sample::select(vec!["type", "challenge", "origin", "crossOrigin", "topOrigin", "other"]).prop_map(str::to_owned), prop_oneof![Just(json!(true)), Just(json!("x")), Just(json!(null)), Just(json!({"a": [1]}))])),
        prop_oneof![8 => Just(0usize), 1 => 1usize..300],
        prop::bool::weighted(0.15),
    )
        .prop_map(|(typ, challenge_right, origin, rp_id, flags, cred_id_len, alg, crv, fmt, extra_client_data, nesting, cbor_edits)| Registration {
            typ, challenge_right, origin, rp_id, flags, cred_id_len, alg, crv, fmt, extra_client_data, nesting, cbor_edits,
        })
}

impl Registration {
    fn is_untouched(&self) -> bool {
        self.typ == "webauthn.create"
            && self.challenge_right
            && self.origin == ORIGIN
            && self.rp_id == RP_ID
            && self.flags == 0x45
            && self.cred_id_len.is_none()
            && self.alg == -7
            && self.crv == 1
            && self.fmt == "none"
            && self.extra_client_data.is_none()
            && self.nesting == 0
            && !self.cbor_edits
    }

    /// Must be refused whatever else happens: the client data or the RP ID hash do not belong
    /// to this ceremony (WebAuthn L3 §7.1 steps 7–9, 13), or the user was not present (step 14).
    fn must_fail(&self) -> bool {
        self.typ != "webauthn.create"
            || !self.challenge_right
            || self.origin != ORIGIN
            || self.rp_id != RP_ID
            || self.flags & 0x01 == 0
    }

    /// The browser's JSON, and the attestation object (for byte edits).
    fn build(&self, options: &Value) -> (Value, Vec<u8>) {
        let challenge = options["publicKey"]["challenge"]
            .as_str()
            .expect("challenge");
        let mut client = serde_json::Map::new();
        client.insert("type".into(), json!(self.typ));
        client.insert(
            "challenge".into(),
            json!(if self.challenge_right {
                challenge.to_owned()
            } else {
                B64U.encode([9u8; 32])
            }),
        );
        client.insert("origin".into(), json!(self.origin));
        client.insert("crossOrigin".into(), json!(false));
        if let Some((k, v)) = &self.extra_client_data {
            client.insert(k.clone(), v.clone());
        }
        let client_data = Value::Object(client).to_string();

        let cred_id = [0x42u8; 16];
        let mut auth_data = limen_crypto::sha256(self.rp_id.as_bytes()).to_vec();
        auth_data.push(self.flags);
        auth_data.extend_from_slice(&0u32.to_be_bytes());
        auth_data.extend_from_slice(&[0u8; 16]);
        auth_data.extend_from_slice(&self.cred_id_len.unwrap_or(16).to_be_bytes());
        auth_data.extend_from_slice(&cred_id);
        let mut key = cose_key(self.alg, self.crv);
        for _ in 0..self.nesting {
            key = Cbor::Array(vec![key]);
        }
        auth_data.extend(serde_cbor_2::to_vec(&key).expect("CBOR"));
        let mut object = BTreeMap::new();
        object.insert(Cbor::Text("fmt".into()), Cbor::Text(self.fmt.into()));
        object.insert(Cbor::Text("attStmt".into()), Cbor::Map(BTreeMap::new()));
        object.insert(Cbor::Text("authData".into()), Cbor::Bytes(auth_data));
        let attestation = serde_cbor_2::to_vec(&Cbor::Map(object)).expect("CBOR");
        let response = json!({
            "id": B64U.encode(cred_id),
            "rawId": B64U.encode(cred_id),
            "type": "public-key",
            "response": {
                "attestationObject": B64U.encode(&attestation),
                "clientDataJSON": B64U.encode(client_data.as_bytes()),
            },
            "extensions": {},
        });
        (response, attestation)
    }
}

fn with_attestation(mut response: Value, attestation: &[u8]) -> String {
    response["response"]["attestationObject"] = json!(B64U.encode(attestation));
    response.to_string()
}

/// CBOR headers that claim more than there is: a byte string of 2^63 bytes, a map of 2^32
/// pairs, an indefinite array never closed, a tag on a tag.
const HOSTILE_CBOR: &[&[u8]] = &[
    &[0x5B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
    &[0xBA, 0xFF, 0xFF, 0xFF, 0xFF],
    &[0x9F, 0x9F, 0x9F, 0x9F],
    &[0xC6, 0xC6, 0xC6, 0xC6, 0x00],
    &[0xFB, 0x7F, 0xF8, 0, 0, 0, 0, 0, 0],
    &[],
];

proptest! {
    #![proptest_config(config(150))]

    /// Registration (WebAuthn L3 §7.1) with bent client data, authenticator data and CBOR:
    /// never a panic; the untouched ceremony passes; one that is not this ceremony's fails.
    #[test]
    fn fuzz_webauthn_registration(
        r in registration(),
        edits in prop::sample::select(vec![0u8, 1, 2]),
        bytes_seed in prop::collection::vec(any::<u8>(), 0..8),
        hostile in prop::sample::select(HOSTILE_CBOR),
        kind in prop::sample::select(vec![Kind::SecurityKey, Kind::Platform, Kind::Passkey]),
    ) {
        let (options, state) = rp().start_registration(b"user-handle-0001", "a@example.org", "A", kind, vec![]).expect("options");
        let (response, attestation) = r.build(&options);
        let body = if r.cbor_edits {
            let mut bent = attestation.clone();
            match edits {
                0 => bent.truncate(bent.len().saturating_sub(usize::from(bytes_seed.first().copied().unwrap_or(1)).max(1))),
                1 => bent.extend_from_slice(hostile),
                _ => {
                    for (i, b) in bytes_seed.iter().enumerate() {
                        let at = (usize::from(*b) * 7 + i * 31) % bent.len();
                        bent[at] ^= b | 1;
                    }
                }
            }
            with_attestation(response, &bent)
        } else {
            response.to_string()
        };
        let result = rp().finish_registration(&body, &state);
        if r.is_untouched() && !matches!(kind, Kind::Passkey) {
            prop_assert!(result.is_ok(), "the untouched ceremony failed: {:?}", result.err());
        }
        if r.must_fail() {
            prop_assert!(result.is_err(), "{:?} passed", r);
        }
    }

    /// Any bytes as the attestation object, and any text as the whole response.
    #[test]
    fn fuzz_webauthn_registration_bytes(
        bytes in prop_oneof![
            Just(()).prop_flat_map(|_| {
                let (options, _) = rp().start_registration(b"u", "a@example.org", "A", Kind::SecurityKey, vec![]).expect("options");
                let untouched = Registration { typ: "webauthn.create", challenge_right: true, origin: ORIGIN, rp_id: RP_ID, flags: 0x45, cred_id_len: None, alg: -7, crv: 1, fmt: "none", extra_client_data: None, nesting: 0, cbor_edits: false };
                mutated_bytes(untouched.build(&options).1)
            }),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
        text in nasty_string(40),
    ) {
        let (options, state) = rp().start_registration(b"u", "a@example.org", "A", Kind::SecurityKey, vec![]).expect("options");
        let untouched = Registration { typ: "webauthn.create", challenge_right: true, origin: ORIGIN, rp_id: RP_ID, flags: 0x45, cred_id_len: None, alg: -7, crv: 1, fmt: "none", extra_client_data: None, nesting: 0, cbor_edits: false };
        let (response, _) = untouched.build(&options);
        let _ = rp().finish_registration(&with_attestation(response, &bytes), &state);
        let _ = rp().finish_registration(&text, &state);
        let _ = rp().finish_registration("{}", &text);
    }
}

/// A registered credential's record, made through a real registration.
fn record() -> &'static String {
    static RECORD: OnceLock<String> = OnceLock::new();
    RECORD.get_or_init(|| {
        let (options, state) = rp()
            .start_registration(
                b"user-handle-0001",
                "a@example.org",
                "A",
                Kind::SecurityKey,
                vec![],
            )
            .expect("options");
        let untouched = Registration {
            typ: "webauthn.create",
            challenge_right: true,
            origin: ORIGIN,
            rp_id: RP_ID,
            flags: 0x45,
            cred_id_len: None,
            alg: -7,
            crv: 1,
            fmt: "none",
            extra_client_data: None,
            nesting: 0,
            cbor_edits: false,
        };
        rp().finish_registration(&untouched.build(&options).0.to_string(), &state)
            .expect("registered")
            .record
    })
}

/// An assertion's parts (WebAuthn L3 §7.2), signed or with a bent part after signing.
#[derive(Debug, Clone)]
enum Bend {
    None,
    ClientData(Vec<u8>),
    AuthData(Vec<u8>),
    Signature(Vec<u8>),
    Json(String),
}

fn assertion_json(options: &Value, counter: u32, bend: &Bend) -> (String, bool) {
    let challenge = options["publicKey"]["challenge"]
        .as_str()
        .expect("challenge");
    let client_data = json!({"type": "webauthn.get", "challenge": challenge, "origin": ORIGIN, "crossOrigin": false}).to_string().into_bytes();
    let mut auth_data = limen_crypto::sha256(RP_ID.as_bytes()).to_vec();
    auth_data.push(0x05);
    auth_data.extend_from_slice(&counter.to_be_bytes());
    let mut signed = auth_data.clone();
    signed.extend_from_slice(&limen_crypto::sha256(&client_data));
    let signature = der(&key().sign_bytes(&signed).expect("sign"));
    let (c, a, s, changed) = match bend {
        Bend::None => (client_data, auth_data, signature, false),
        Bend::ClientData(b) => (b.clone(), auth_data, signature, *b != client_data),
        Bend::AuthData(b) => (client_data, b.clone(), signature, *b != auth_data),
        Bend::Signature(b) => (client_data, auth_data, b.clone(), *b != signature),
        Bend::Json(text) => return (text.clone(), true),
    };
    let cred_id = [0x42u8; 16];
    let json = json!({
        "id": B64U.encode(cred_id), "rawId": B64U.encode(cred_id), "type": "public-key",
        "response": {
            "authenticatorData": B64U.encode(&a), "clientDataJSON": B64U.encode(&c),
            "signature": B64U.encode(&s), "userHandle": null,
        },
        "extensions": {},
    });
    (json.to_string(), changed)
}

proptest! {
    #![proptest_config(config(150))]

    /// Assertions (WebAuthn L3 §7.2): an unchanged one passes; with any signed part changed
    /// (client data, authenticator data) or the signature changed, it fails; never a panic.
    #[test]
    fn fuzz_webauthn_assertion(
        which in 0u8..5,
        bytes in prop::collection::vec(any::<u8>(), 0..4),
        text in nasty_string(30),
    ) {
        let (options, state) = rp().start_login(std::slice::from_ref(record())).expect("options");
        let (valid, _) = assertion_json(&options, 1, &Bend::None);
        let value: Value = serde_json::from_str(&valid).expect("JSON");
        let part = |name: &str| B64U.decode(value["response"][name].as_str().expect("part")).expect("b64");
        let bend = |mut b: Vec<u8>| {
            if b.is_empty() { return b; }
            for (i, x) in bytes.iter().enumerate() {
                let at = (usize::from(*x) * 13 + i * 7) % b.len();
                b[at] ^= x | 1;
            }
            if bytes.is_empty() { b.truncate(b.len() / 2); }
            b
        };
        let bent = match which {
            0 => Bend::None,
            1 => Bend::ClientData(bend(part("clientDataJSON"))),
            2 => Bend::AuthData(bend(part("authenticatorData"))),
            3 => Bend::Signature(bend(part("signature"))),
            _ => Bend::Json(text.clone()),
        };
        let (body, changed) = assertion_json(&options, 1, &bent);
        let result = Assertion::parse(&body).and_then(|a| rp().finish_login(&a, &state, record()));
        if changed {
            prop_assert!(result.is_err(), "a bent assertion passed: {:?}", bent);
        } else {
            prop_assert!(result.is_ok(), "the untouched assertion failed: {:?}", result.err());
        }
        if let Ok(a) = Assertion::parse(&body) {
            let _ = a.evidence(record());
            let _ = a.evidence(&text);
            let _ = a.user_handle();
        }
    }
}

/// Phone numbers as typed (ITU-T E.164): digits with the usual separators, national forms,
/// letters, other scripts' digits, over-long ones.
fn phone_like() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec!["", " ", "-", ".", "(", ")", "/", "\u{a0}", "\t"]);
    let start = prop::sample::select(vec!["+", "00", "0", "", "++", "+ "]);
    let country = prop::sample::select(vec!["32", "33", "49", "352", "1", "44", "999", "0"]);
    let digits = prop::collection::vec(("[0-9]{1,4}", sep), 1..6).prop_map(|groups| {
        groups
            .into_iter()
            .map(|(d, s)| format!("{d}{s}"))
            .collect::<String>()
    });
    prop_oneof![
        5 => (start, country, digits).prop_map(|(s, c, d)| format!("{s}{c}{d}")),
        1 => nasty_string(20),
        1 => "\\+[0-9٠-٩０-９]{6,16}",
        1 => "\\+[0-9]{14,45}",
    ]
}

proptest! {
    #![proptest_config(config(250))]

    /// `sms::number::parse`: what is accepted is E.164 (a `+` and at most 15 digits), a mobile
    /// number of an allowed country, and parses again to itself from every form shown.
    #[test]
    fn fuzz_phone_number(input in phone_like(), allowed in prop::sample::subsequence(vec!["BE", "FR", "DE", "LU", "US", "GB"], 0..=6)) {
        let allowed: Vec<String> = allowed.into_iter().map(str::to_owned).collect();
        match number::parse(&input, &allowed) {
            Ok(n) => {
                let digits = n.e164.strip_prefix('+').expect("E.164 starts with +");
                prop_assert!((6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()), "{:?}", n);
                prop_assert!(allowed.iter().any(|c| c == &n.country));
                prop_assert_eq!(number::parse(&n.e164, &allowed), Ok(n.clone()));
                prop_assert_eq!(number::parse(&n.international, &allowed), Ok(n.clone()));
                prop_assert_eq!(number::recheck(&n.e164, &allowed), Ok(n.clone()));
                let masked = number::masked(&n.e164);
                prop_assert!(masked.chars().filter(char::is_ascii_digit).count() < digits.len());
            }
            Err(e) => prop_assert!(matches!(e, NumberError::Invalid | NumberError::NotMobile | NumberError::Country)),
        }
        let _ = number::masked(&input);
        let _ = number::international(&input);
    }
}
