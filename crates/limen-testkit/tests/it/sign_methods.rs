//! Issue 18: the methods of helper H2 signing a transaction through the engine
//! (`Authn::sign_start` … `sign_answer` → `Step::Signed`), on both backends — a security key
//! (its assertion's challenge is the transaction's digest, and the evidence it leaves for the
//! receipt verifies with `ring` alone), OCRA tokens (hex and numeric questions derived from the
//! digest, computed here independently; an alphanumeric suite refuses), and SMS (the text names
//! the title and the service). Each signs with the answer for THIS transaction and refuses the
//! answer made for another request.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use limen_authn::sign::{SignBinding, SignField};
use limen_authn::{Answer, Challenge, Client, Refusal, Step};
use limen_core::{Account, Email, Method, MethodRule};
use limen_oath::ocra;
use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
use limen_testkit::{PASSWORD, TestApp, each_backend, sms_code_in};
use serde_json::Value;
use sha2::{Digest, Sha256};

const CLIENT: Client<'static> = Client {
    ip: "192.0.2.10",
    user_agent: "sign-methods test",
    sso_token: None,
};

const PHONE: &str = "+33612345678";

/// SMS on (it is off by default), with room for the few SMS a test sends.
fn config(c: &mut limen_web::WebConfig) {
    c.methods.set(
        Method::Sms,
        MethodRule {
            enabled: true,
            ..MethodRule::default()
        },
    );
}

/// The transaction of request `id`: the same title and fields, so only the request differs.
fn transaction(id: &str) -> SignBinding {
    SignBinding::new(
        id,
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
    )
}

async fn account(app: &TestApp, email: &str) -> Account {
    app.store
        .account_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .expect("account")
}

/// The step's challenge and its transaction, or a failure naming the step.
fn challenge_of(step: Step) -> (String, Challenge, Option<&'static str>) {
    match step {
        Step::Challenge {
            tx,
            challenge,
            error,
            ..
        } => (tx, challenge, error.map(|e| e.message_key)),
        other => panic!("expected a challenge, got {other:?}"),
    }
}

fn signed(step: Step) -> Box<limen_authn::sign::Signed> {
    match step {
        Step::Signed(s) => s,
        other => panic!("expected a signature, got {other:?}"),
    }
}

// --- WebAuthn ---------------------------------------------------------------------------------

/// Verifies a receipt's WebAuthn evidence as a service would, with `ring` and nothing of Limen
/// (W3C WebAuthn Level 2 §7.2 steps 11, 12, 19 and 20): `clientDataJSON` is a `webauthn.get`
/// whose challenge is `txn_hash`, and the signature verifies over `authenticatorData ‖
/// SHA-256(clientDataJSON)` with the JWK (EC P-256, ES256).
fn evidence_verifies(evidence: &Value, txn_hash: &str) -> bool {
    let bytes = |member: &str| {
        evidence[member]
            .as_str()
            .and_then(|s| URL_SAFE_NO_PAD.decode(s).ok())
    };
    let (Some(auth_data), Some(client_data), Some(signature)) = (
        bytes("authenticator_data"),
        bytes("client_data_json"),
        bytes("signature"),
    ) else {
        return false;
    };
    let Ok(client) = serde_json::from_slice::<Value>(&client_data) else {
        return false;
    };
    if evidence["type"] != "webauthn"
        || client["type"] != "webauthn.get"
        || client["challenge"] != txn_hash
    {
        return false;
    }
    let key = &evidence["public_key"];
    if key["kty"] != "EC" || key["crv"] != "P-256" || key["alg"] != "ES256" {
        return false;
    }
    let coordinate = |m: &str| key[m].as_str().and_then(|s| URL_SAFE_NO_PAD.decode(s).ok());
    let (Some(x), Some(y)) = (coordinate("x"), coordinate("y")) else {
        return false;
    };
    let mut point = vec![0x04];
    point.extend(x);
    point.extend(y);
    let mut signed = auth_data;
    signed.extend(Sha256::digest(&client_data));
    ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_ASN1, point)
        .verify(&signed, &signature)
        .is_ok()
}

/// A security key signs: the ceremony's challenge is the digest; an assertion made for another
/// request is refused (and the key may try again); the right one gives `Step::Signed` with the
/// key as device and evidence that verifies independently — and no longer does once any byte
/// of it changes.
#[tokio::test]
async fn a_security_key_signs_the_digest_and_leaves_verifiable_evidence() {
    each_backend(config, |app| async move {
        const USER: &str = "wen@example.org";
        app.add_user(USER, Some("Wen"), "Key").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        crate::webauthn::with_key(&app, USER, &mut key, "Blue key").await;
        let origin = crate::webauthn::origin(&app);
        let account = account(&app, USER).await;
        let authn = &app.state.authn;
        let this = transaction("SR-webauthn-1");
        let other = transaction("SR-webauthn-2");
        assert_ne!(this.digest, other.digest);

        let options_of = |c: Challenge| match c {
            Challenge::Webauthn { options } => options,
            other => panic!("expected a WebAuthn ceremony, got {other:?}"),
        };
        let step = authn
            .sign_start(&account, Method::Webauthn, PASSWORD, this.clone(), &CLIENT)
            .await
            .unwrap();
        let (tx, challenge, _) = challenge_of(step);
        let options = options_of(challenge);
        assert_eq!(options["publicKey"]["challenge"], this.digest.as_str());

        // An assertion over the other request's digest does not sign this one.
        let step = authn
            .sign_start(&account, Method::Webauthn, PASSWORD, other.clone(), &CLIENT)
            .await
            .unwrap();
        let (_, other_challenge, _) = challenge_of(step);
        let other_options = options_of(other_challenge);
        assert_eq!(
            other_options["publicKey"]["challenge"],
            other.digest.as_str()
        );
        let wrong = key.get(&other_options, &origin).unwrap();
        let step = authn
            .sign_answer(&tx, &Answer::Webauthn(wrong.to_string()), &CLIENT)
            .await
            .unwrap();
        let (tx, challenge, error) = challenge_of(step);
        assert_eq!(error, Some("webauthn-error-refused"));
        let options = options_of(challenge);
        assert_eq!(options["publicKey"]["challenge"], this.digest.as_str());

        let right = key.get(&options, &origin).unwrap();
        let step = authn
            .sign_answer(&tx, &Answer::Webauthn(right.to_string()), &CLIENT)
            .await
            .unwrap();
        let done = signed(step);
        assert_eq!(done.method, Method::Webauthn);
        assert_eq!(done.binding, this);
        assert_eq!(done.account.id, account.id);
        let device = done.device.as_ref().expect("the key");
        assert_eq!(
            (device.kind.as_str(), device.name.as_str()),
            ("security_key", "Blue key")
        );

        let evidence = done.evidence.clone().expect("WebAuthn evidence");
        assert_eq!(
            evidence
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            [
                "authenticator_data",
                "client_data_json",
                "credential_id",
                "public_key",
                "signature",
                "type"
            ]
        );
        // As the browser sent them.
        assert_eq!(evidence["credential_id"], right["rawId"]);
        assert_eq!(evidence["signature"], right["response"]["signature"]);
        assert!(evidence_verifies(&evidence, &this.digest), "{evidence}");
        assert!(!evidence_verifies(&evidence, &other.digest));
        // One byte changed anywhere it matters: refused.
        for member in ["authenticator_data", "client_data_json", "signature"] {
            let mut bytes = URL_SAFE_NO_PAD
                .decode(evidence[member].as_str().unwrap())
                .unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 0x01;
            let mut changed = evidence.clone();
            changed[member] = Value::String(URL_SAFE_NO_PAD.encode(&bytes));
            assert!(!evidence_verifies(&changed, &this.digest), "{member}");
        }
        let mut changed = evidence.clone();
        let mut x = URL_SAFE_NO_PAD
            .decode(evidence["public_key"]["x"].as_str().unwrap())
            .unwrap();
        x[0] ^= 0x01;
        changed["public_key"]["x"] = Value::String(URL_SAFE_NO_PAD.encode(&x));
        assert!(!evidence_verifies(&changed, &this.digest));
    })
    .await;
}

// --- OCRA tokens ------------------------------------------------------------------------------

/// RFC 6287 §5.1's numeric question of a digest, computed here without `limen_oath`: the
/// SHA-256 of the digest's text as a big-endian integer, modulo 10^len (Horner's rule on
/// bytes), zero-padded.
fn numeric_question(digest: &str, len: u32) -> String {
    let modulus = 10u64.pow(len);
    let n = Sha256::digest(digest.as_bytes())
        .iter()
        .fold(0u64, |acc, b| (acc * 256 + u64::from(*b)) % modulus);
    format!("{n:0width$}", width = len as usize)
}

/// The hex question of a digest: the first `len` hex digits of the SHA-256 of its text.
fn hex_question(digest: &str, len: usize) -> String {
    hex::encode(Sha256::digest(digest.as_bytes()))[..len].to_owned()
}

/// The token's response to `question` (what the token in the user's hand shows).
fn response(suite: &str, question: &str) -> String {
    let suite = ocra::Suite::parse(suite).unwrap();
    ocra::compute(
        &suite,
        &hex::decode(crate::tokens::KEY20).unwrap(),
        &ocra::Input {
            question,
            ..ocra::Input::default()
        },
    )
    .unwrap()
}

/// A CRAM token signs: the question shown is derived from the digest (numeric and hex suites);
/// the token's response to another request's question is refused and the same question is
/// asked again; the right response signs, naming the token by its serial.
#[tokio::test]
async fn ocra_tokens_sign_with_a_question_derived_from_the_digest() {
    each_backend(config, |app| async move {
        let suites = [
            ("ina@limen.test", "SG-0001", "OCRA-1:HOTP-SHA1-6:QN08", 6),
            ("ole@limen.test", "SG-0002", "OCRA-1:HOTP-SHA256-8:QH40", 8),
        ];
        for (email, serial, suite, digits) in suites {
            app.add_user(email, Some("Staff"), "Signer").await;
            crate::tokens::import(
                &app,
                &format!("{serial},{},ocra,{digits},{suite}\n", crate::tokens::KEY20),
            )
            .await;
            crate::tokens::assign(&app, serial, email).await;
        }
        let authn = &app.state.authn;
        for (i, (email, serial, suite, _)) in suites.into_iter().enumerate() {
            let account = account(&app, email).await;
            let this = transaction(&format!("SR-token-{i}-a"));
            let other = transaction(&format!("SR-token-{i}-b"));
            let expected = |b: &SignBinding| {
                if suite.ends_with("QN08") {
                    numeric_question(&b.digest, 8)
                } else {
                    hex_question(&b.digest, 40)
                }
            };
            let shown = |c: &Challenge| match c {
                Challenge::Code {
                    shown: Some(q),
                    device,
                    ..
                } => {
                    assert_eq!(device.as_deref(), Some(serial));
                    q.clone()
                }
                other => panic!("expected a question, got {other:?}"),
            };
            let step = authn
                .sign_start(&account, Method::TokenCram, PASSWORD, this.clone(), &CLIENT)
                .await
                .unwrap();
            let (tx, challenge, _) = challenge_of(step);
            let question = shown(&challenge);
            assert_eq!(question, expected(&this), "{suite}");
            let other_question = expected(&other);
            assert_ne!(question, other_question);

            // The token's answer for another request: refused, the same question again.
            let wrong = response(suite, &other_question);
            let step = authn
                .sign_answer(&tx, &Answer::Code(wrong), &CLIENT)
                .await
                .unwrap();
            let (tx, challenge, error) = challenge_of(step);
            assert_eq!(error, Some("token-error-wrong"), "{suite}");
            assert_eq!(shown(&challenge), question);

            let step = authn
                .sign_answer(&tx, &Answer::Code(response(suite, &question)), &CLIENT)
                .await
                .unwrap();
            let done = signed(step);
            assert_eq!(done.method, Method::TokenCram);
            assert_eq!(done.binding, this);
            assert_eq!(done.device.as_ref().map(|d| d.id.as_str()), Some(serial));
            assert_eq!(done.evidence, None, "a shared-secret code is no evidence");
        }
    })
    .await;
}

/// A token whose suite takes letters cannot carry a transaction: the signature is refused
/// with a message that says so, before any question is shown.
#[tokio::test]
async fn an_alphanumeric_token_refuses_to_sign() {
    each_backend(config, |app| async move {
        const USER: &str = "uma@limen.test";
        app.add_user(USER, Some("Uma"), "Letters").await;
        crate::tokens::import(
            &app,
            &format!(
                "SG-0003,{},ocra,6,OCRA-1:HOTP-SHA1-6:QA08\n",
                crate::tokens::KEY20
            ),
        )
        .await;
        crate::tokens::assign(&app, "SG-0003", USER).await;
        let account = account(&app, USER).await;
        let step = app
            .state
            .authn
            .sign_start(
                &account,
                Method::TokenCram,
                PASSWORD,
                transaction("SR-letters"),
                &CLIENT,
            )
            .await
            .unwrap();
        match step {
            Step::Refused(Refusal::Factor(refused)) => {
                assert_eq!(refused.message_key, "token-error-cannot-sign");
                assert_eq!(refused.reason, "suite cannot bind a transaction");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    })
    .await;
}

// --- SMS --------------------------------------------------------------------------------------

/// An SMS signs: its text names the transaction's title and the service; the code sent for
/// another request does not sign this one (each code answers its own signature only), and the
/// right code signs, naming the number.
#[tokio::test]
async fn an_sms_code_signs_its_own_transaction_only() {
    each_backend(config, |app| async move {
        const USER: &str = "sia@example.org";
        app.add_user(USER, Some("Sia"), "Phone").await;
        let account = account(&app, USER).await;
        app.store
            .add_phone(account.id, PHONE, "FR", "Mine", app.clock_now())
            .await
            .unwrap()
            .expect("phone added");
        let authn = &app.state.authn;
        let this = transaction("SR-sms-1");
        let other = transaction("SR-sms-2");

        let step = authn
            .sign_start(&account, Method::Sms, PASSWORD, this.clone(), &CLIENT)
            .await
            .unwrap();
        let (tx, challenge, _) = challenge_of(step);
        assert!(
            matches!(
                &challenge,
                Challenge::Code {
                    sent_to: Some(_),
                    shown: None,
                    ..
                }
            ),
            "{challenge:?}"
        );
        let text = app.sms_to(PHONE, 1).await.remove(0);
        assert!(
            text.contains("\"Transfer of allowances\" for Union Registry"),
            "{text}"
        );
        let code = sms_code_in(&text);

        // The other request's SMS (after the wait between unused codes).
        app.advance(time::Duration::seconds(61));
        let step = authn
            .sign_start(&account, Method::Sms, PASSWORD, other.clone(), &CLIENT)
            .await
            .unwrap();
        let (other_tx, _, _) = challenge_of(step);
        let other_code = sms_code_in(&app.sms_to(PHONE, 2).await[1]);
        assert_ne!(code, other_code);

        let step = authn
            .sign_answer(&tx, &Answer::Code(other_code.clone()), &CLIENT)
            .await
            .unwrap();
        let (tx, _, error) = challenge_of(step);
        assert_eq!(error, Some("sms-error-wrong"));

        let step = authn
            .sign_answer(&tx, &Answer::Code(code.clone()), &CLIENT)
            .await
            .unwrap();
        let done = signed(step);
        assert_eq!(done.method, Method::Sms);
        assert_eq!(done.binding, this);
        assert_eq!(done.device.as_ref().map(|d| d.id.as_str()), Some(PHONE));
        assert_eq!(done.evidence, None);

        // This code is spent and was never the other request's; the other's own code signs it.
        let step = authn
            .sign_answer(&other_tx, &Answer::Code(code), &CLIENT)
            .await
            .unwrap();
        let (other_tx, _, error) = challenge_of(step);
        assert_eq!(error, Some("sms-error-wrong"));
        let step = authn
            .sign_answer(&other_tx, &Answer::Code(other_code), &CLIENT)
            .await
            .unwrap();
        assert_eq!(signed(step).binding, other);
    })
    .await;
}
