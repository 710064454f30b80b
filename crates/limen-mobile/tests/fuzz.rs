//! Fuzz targets of the mobile protocol (docs/MOBILE-PROTOCOL.md, docs/FUZZING.md): the
//! enrolment and challenge links a device reads from a QR code, the signed objects both sides
//! verify, the canonical JSON under every signature and MAC, and the device API's request
//! bodies the server reads.
//!
//! Properties: no panic on any input; links and signed objects round-trip (encode → decode =
//! identity); a signed object verifies only if its signed bytes are the ones signed; JCS output
//! parses back to its input and is a fixed point; every request body is refused or passes its
//! `check`, never a panic.

#[path = "../../../tests/fuzz/support.rs"]
mod support;

use limen_mobile::messages::{
    self, AnswerRequest, ChallengeLink, ConfirmRequest, EnrolLink, EnrolRequest, PinCheckRequest,
    PushSubscription,
};
use limen_mobile::{Error, b64, jcs, jws};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;
use support::{config, mutated, nasty_string};

fn key() -> &'static jws::SigningKey {
    static KEY: OnceLock<jws::SigningKey> = OnceLock::new();
    KEY.get_or_init(|| jws::SigningKey::generate().expect("key"))
}

fn b64_of(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), n..=n).prop_map(|b| b64::encode(&b))
}

fn iss() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("https://limen.example".to_owned()),
        1 => prop::sample::select(vec![
            "http://127.0.0.1:8080", "http://limen.example", "https://[::1]:8443", "https://a@b",
            "https://limen.example/", "https://limen.example#x", "https://", "https://ex ample",
        ]).prop_map(str::to_owned),
        1 => nasty_string(20),
    ]
}

/// JSON values within the protocol's profile (spec §1: integers within ±(2^53 − 1), no floats),
/// with awkward strings and member names.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-jcs::MAX_SAFE_INTEGER..=jcs::MAX_SAFE_INTEGER).prop_map(|n| json!(n)),
        nasty_string(8).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((nasty_string(6), inner), 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

proptest! {
    #![proptest_config(config(300))]

    /// The enrolment link of a QR code (spec §3 step 2): `to_link` → `parse` is the identity
    /// for valid payloads; a mutated link is refused or parses, never a panic.
    #[test]
    fn fuzz_enrol_link(
        iss in iss(), tok in b64_of(32), salt in b64_of(16), sk in b64_of(32),
        exp in prop_oneof![any::<i64>(), 0i64..4_000_000_000],
    ) {
        let link = EnrolLink { v: 1, iss: iss.clone(), tok, salt, sk, exp };
        let text = link.to_link();
        match EnrolLink::parse(&text) {
            Ok(back) => prop_assert_eq!(back, link),
            Err(e) => {
                prop_assert!(messages::check_iss(&iss).is_err(), "a valid link refused: {e}");
            }
        }
    }

    #[test]
    fn fuzz_enrol_link_mutated(text in (iss(), b64_of(32)).prop_flat_map(|(iss, tok)| {
        let link = EnrolLink { v: 1, iss, tok: tok.clone(), salt: b64::encode(&[7; 16]), sk: tok, exp: 1 };
        mutated(link.to_link(), &["=", "-", "_", "+", "/", "limen://", "?p="])
    })) {
        if let Ok(link) = EnrolLink::parse(&text) {
            prop_assert!(messages::check_iss(&link.iss).is_ok());
            prop_assert!(link.salt_bytes().is_ok());
        }
    }

    /// Challenge links (spec §5.2, §5.3): both forms round-trip; anything else is refused.
    #[test]
    fn fuzz_challenge_link(id in b64_of(32), iss in iss(), junk in nasty_string(40), payload in json_value()) {
        if messages::check_iss(&iss).is_ok() {
            let link = messages::on_mobile_link(&iss, &id);
            prop_assert_eq!(messages::parse_challenge_link(&link), Ok(ChallengeLink::ById { iss: iss.clone(), id: id.clone() }));
        }
        if let Ok(signed) = jws::sign(key(), limen_mobile::TYP_CHALLENGE, jws::Kid::Id("k"), &json!({"v": 1, "x": payload})) {
            let link = messages::challenge_link(&signed);
            prop_assert_eq!(messages::parse_challenge_link(&link), Ok(ChallengeLink::Signed(signed)));
        }
        for text in [format!("limen://challenge?{junk}"), junk.clone()] {
            if let Ok(ChallengeLink::ById { iss, id }) = messages::parse_challenge_link(&text) {
                prop_assert!(messages::check_iss(&iss).is_ok());
                prop_assert_eq!(b64::decode(&id).map(|b| b.len()), Ok(32));
            }
        }
    }

    /// JCS (RFC 8785 within spec §1): the canonical bytes parse back to the value, and are a
    /// fixed point (canonicalising them again changes nothing).
    #[test]
    fn fuzz_jcs(v in json_value()) {
        let bytes = jcs::canonical(&v).expect("within the profile");
        let back: Value = serde_json::from_slice(&bytes).expect("JCS is JSON");
        prop_assert_eq!(&back, &v);
        prop_assert_eq!(jcs::canonical(&back).expect("again"), bytes);
    }

    /// Numbers outside the profile are refused, never written approximately.
    #[test]
    fn fuzz_jcs_numbers(n in prop_oneof![any::<i64>(), Just(i64::MAX), Just(i64::MIN)], f in any::<f64>()) {
        let in_range = (-jcs::MAX_SAFE_INTEGER..=jcs::MAX_SAFE_INTEGER).contains(&n);
        prop_assert_eq!(jcs::canonical(&json!(n)).is_ok(), in_range);
        if f.fract() != 0.0 {
            prop_assert!(jcs::canonical(&json!(f)).is_err());
        }
    }
}

proptest! {
    #![proptest_config(config(200))]

    /// Signed objects (spec §2): sign → verify gives the payload back; one changed character
    /// anywhere never verifies with a different signing input; `peek` never panics.
    #[test]
    fn fuzz_signed_objects(payload in json_value(), typ in prop::sample::select(vec![limen_mobile::TYP_PROOF, limen_mobile::TYP_CHALLENGE, "dpop+jwt"]),
                           at in any::<prop::sample::Index>(), c in prop::sample::select(vec!['A', '-', '_', '.', '=', 'é', '0'])) {
        let payload = json!({"v": 1, "data": payload});
        let Ok(signed) = jws::sign(key(), typ, jws::Kid::Id("k1"), &payload) else { return Ok(()); };
        let public = key().public_jwk();
        let (_, back) = jws::verify(&signed, typ, &public).expect("own signature verifies");
        prop_assert_eq!(&back, &payload);
        prop_assert_eq!(jws::verify(&signed, "other+jwt", &public).unwrap_err(), Error::WrongType);

        let mut chars: Vec<char> = signed.chars().collect();
        let i = at.index(chars.len());
        prop_assume!(chars[i] != c);
        chars[i] = c;
        let changed: String = chars.into_iter().collect();
        let _ = jws::peek(&changed);
        if let Ok((_, p)) = jws::verify(&changed, typ, &public) {
            // Only the signature's encoding could change without changing what was signed, and
            // strict base64url (no trailing bits) leaves no room for that.
            prop_assert!(false, "a changed object verified: {changed} → {p}");
        }
    }
}

/// A device request body: the right members with values of the right or a wrong type, an
/// unknown member sometimes, broken JSON sometimes.
fn body(members: &'static [(&'static str, &'static str)]) -> impl Strategy<Value = String> {
    let value = |kind: &'static str| -> BoxedStrategy<Value> {
        let right = match kind {
            "v" => prop_oneof![4 => Just(json!(1)), 1 => Just(json!(2)), 1 => Just(json!("1"))].boxed(),
            "b32" => prop_oneof![4 => b64_of(32).prop_map(Value::String), 1 => b64_of(31).prop_map(Value::String)].boxed(),
            "b16" => b64_of(16).prop_map(Value::String).boxed(),
            "b65" => prop_oneof![
                prop::collection::vec(any::<u8>(), 64..=64).prop_map(|mut p| { p.insert(0, 4); Value::String(b64::encode(&p)) }),
                b64_of(65).prop_map(Value::String),
            ].boxed(),
            "jwk" => prop_oneof![
                4 => Just(serde_json::to_value(key().public_jwk()).expect("jwk")),
                1 => Just(json!({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"})),
                1 => Just(json!({"kty": "RSA"})),
            ].boxed(),
            "decision" => prop::sample::select(vec!["approve", "deny", "maybe"]).prop_map(|d| json!(d)).boxed(),
            "reason" => prop::sample::select(vec!["not_me", "mistake", "other"]).prop_map(|d| json!(d)).boxed(),
            "url" => prop::sample::select(vec!["https://push.example/x?y=1", "http://127.0.0.1/p", "http://push.example/", "https://a#b", "ftp://x"]).prop_map(|u| json!(u)).boxed(),
            "int" => prop_oneof![any::<i64>().prop_map(|n| json!(n)), Just(json!(1e300))].boxed(),
            _ => nasty_string(70).prop_map(Value::String).boxed(),
        };
        prop_oneof![8 => right, 1 => Just(Value::Null), 1 => json_value()].boxed()
    };
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = members
        .iter()
        .map(|(name, kind)| {
            prop_oneof![9 => value(kind).prop_map(move |v| Some(((*name).to_owned(), v))), 1 => Just(None)].boxed()
        })
        .collect();
    let object = (
        fields,
        proptest::option::weighted(0.1, (nasty_string(5), json_value())),
    )
        .prop_map(|(fields, extra)| {
            let mut m: Map<String, Value> = fields.into_iter().flatten().collect();
            if let Some((k, v)) = extra {
                m.insert(k, v);
            }
            Value::Object(m).to_string()
        })
        .boxed();
    prop_oneof![
        6 => object.clone(),
        1 => object.prop_flat_map(|o| mutated(o, &["{", "}", "\"", ",", ":", "null", "[", "]"])),
    ]
}

const ENROL: &[(&str, &str)] = &[
    ("v", "v"),
    ("tok", "b32"),
    ("device_key", "jwk"),
    ("ecdh_key", "jwk"),
    ("os", "text"),
    ("model", "text"),
    ("app", "text"),
];
const CONFIRM: &[(&str, &str)] = &[("v", "v"), ("pin_check", "b32")];
const ANSWER: &[(&str, &str)] = &[
    ("v", "v"),
    ("decision", "decision"),
    ("number", "text"),
    ("dh", "b32"),
    ("pin_proof", "b32"),
    ("reason", "reason"),
];
const PUSH: &[(&str, &str)] = &[
    ("v", "v"),
    ("endpoint", "url"),
    ("p256dh", "b65"),
    ("auth", "b16"),
];
const PIN: &[(&str, &str)] = &[("v", "v"), ("iat", "int"), ("pin_proof", "b32")];

fn read<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

proptest! {
    #![proptest_config(config(300))]

    /// The device API's bodies (spec §3, §5, §7): read with unknown members refused, then
    /// `check`ed; never a panic, and what passes is within the spec's bounds.
    #[test]
    fn fuzz_device_requests(
        enrol in body(ENROL), confirm in body(CONFIRM), answer in body(ANSWER),
        push in body(PUSH), pin in body(PIN),
    ) {
        if let Some(r) = read::<EnrolRequest>(&enrol) && r.check().is_ok() {
            prop_assert!(r.os.chars().count() <= 64 && !r.os.chars().any(char::is_control));
            prop_assert_ne!(&r.device_key, &r.ecdh_key);
        }
        if let Some(r) = read::<ConfirmRequest>(&confirm) {
            let _ = r.check();
        }
        if let Some(r) = read::<AnswerRequest>(&answer) && r.check().is_ok() {
            prop_assert!(r.number.len() <= 2);
        }
        if let Some(r) = read::<PushSubscription>(&push) && r.check().is_ok() {
            prop_assert!(r.endpoint.starts_with("https://") || r.endpoint.starts_with("http://127.0.0.1"));
        }
        if let Some(r) = read::<PinCheckRequest>(&pin) {
            let _ = r.check();
        }
    }
}
