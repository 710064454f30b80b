//! Issue 18: a transaction signed with the mobile app — push and offline QR code — driven
//! through the engine (`Authn::sign_start` / `sign_answer`) with the real device API and the
//! reference device (`limen-authenticator`). Retyped fields are sent without their value; the
//! device's typed values must be the true ones; an approved push answer is the evidence a
//! third party can check (docs/MOBILE-PROTOCOL.md §5.5).

use limen_authenticator::{Authenticator, Challenge as DeviceChallenge, DeviceInfo, Error};
use limen_authn::sign::{SignBinding, SignField};
use limen_authn::{Answer, Challenge, Client, Step};
use limen_core::{Account, Method};
use limen_mobile::messages::{self, Decision, ReceiptResult};
use limen_mobile::{TYP_PROOF, b64, jcs, jwk::EcJwk, jws, proof};
use limen_testkit::{Browser, PASSWORD, TestApp, each_backend};
use serde_json::{Value, json};

const JANE: &str = "jane@example.org";
const PIN: &str = "4821";
const TO: &str = "EU-100-5";

fn small(_: &mut limen_web::WebConfig) {}

fn client() -> Client<'static> {
    Client {
        ip: "198.51.100.7",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        sso_token: None,
    }
}

fn clock_of(app: &TestApp) -> limen_authenticator::Clock {
    let clock = app.clock.clone();
    std::sync::Arc::new(move || limen_core::Clock::now(clock.as_ref()).unix_timestamp())
}

/// The text between `marker` and the next `<`.
fn text_after(body: &str, marker: &str) -> String {
    let start = body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {body}"))
        + marker.len();
    let end = body[start..].find('<').unwrap() + start;
    body[start..end].trim().to_owned()
}

/// Adds a device to `email`'s account through My account and the device API, as a user would.
pub(crate) async fn enrol(app: &TestApp, b: &Browser, email: &str) -> Authenticator {
    let done = b
        .login_at("/cas/login?next=%2Faccount", email, PASSWORD)
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let list = b.get("/account/mobile_app").await;
    let page = b
        .post(
            "/account/mobile_app/add",
            &[
                ("csrf_token", list.csrf().as_str()),
                ("name", "Pixel 8"),
                ("pin", PIN),
                ("pin_again", PIN),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let link = text_after(&page.text(), "id=\"enrol-link\">").replace("&amp;", "&");
    let device = Authenticator::enrol_with_clock(
        reqwest::Client::new(),
        &link,
        PIN,
        &DeviceInfo {
            os: "TestOS 1".into(),
            model: "Pixel 8".into(),
            app: "limen-authenticator tests".into(),
        },
        clock_of(app),
    )
    .await
    .expect("enrolled");
    let done = b
        .post(
            "/account/mobile_app/done",
            &[
                ("csrf_token", page.csrf().as_str()),
                ("id", page.input_value("id").unwrap().as_str()),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    device
}

/// Jane, with one enrolled phone.
async fn jane(app: &TestApp) -> (Account, Authenticator) {
    let account = app.add_user(JANE, Some("Jane"), "Doe").await;
    let device = enrol(app, &app.browser(), JANE).await;
    (account, device)
}

fn binding(request: &str) -> SignBinding {
    SignBinding::new(
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
                value: TO.into(),
                retype: true,
                pattern: Some("^EU-[0-9]+-[0-9]+$".into()),
            },
        ],
    )
}

/// The challenge of a signature started with `method`: its transaction and what it shows.
async fn start(
    app: &TestApp,
    account: &Account,
    method: Method,
    request: &str,
) -> (String, Challenge) {
    let step = app
        .state
        .authn
        .sign_start(account, method, PASSWORD, binding(request), &client())
        .await
        .unwrap();
    match step {
        Step::Challenge { tx, challenge, .. } => (tx, challenge),
        other => panic!("a challenge: {other:?}"),
    }
}

/// The one pending request on the device.
async fn pushed(device: &Authenticator) -> DeviceChallenge {
    let mut pending = device.pending().await.expect("pending requests");
    assert_eq!(pending.len(), 1, "{pending:?}");
    pending.remove(0)
}

fn number_of(challenge: &Challenge) -> String {
    match challenge {
        Challenge::Approval {
            number: Some(n), ..
        } => n.clone(),
        other => panic!("a push approval: {other:?}"),
    }
}

/// What the device receives: the transaction, the retyped field without its value.
fn assert_sent_without_the_value(c: &DeviceChallenge) {
    let payload = jws::peek(&c.signed).unwrap().1;
    assert_eq!(
        payload["display"]["tx"],
        json!({"title": "Transfer of allowances", "fields": [
            {"label": "Amount", "value": "100 EUA"},
            {"label": "To account", "retype": true, "pattern": "^EU-[0-9]+-[0-9]+$"}]})
    );
    assert!(
        !c.signed.contains(&b64::encode(TO.as_bytes())) && !payload.to_string().contains(TO),
        "the value to type is not sent"
    );
    assert_eq!(payload["display"]["service"], "Union Registry");
}

/// The checks a third party makes of the evidence (docs/MOBILE-PROTOCOL.md §5.5), with
/// nothing but the evidence and the transaction: the first that fails, or `Ok`.
fn check_evidence(evidence: &Value, title: &str, fields: &[(&str, &str)]) -> Result<(), String> {
    if evidence["type"] != "mobile_app" {
        return Err("type".into());
    }
    let key: EcJwk =
        serde_json::from_value(evidence["device_key"].clone()).map_err(|e| e.to_string())?;
    let proof_text = evidence["proof"].as_str().ok_or("proof")?;
    let request = evidence["request"].as_str().ok_or("request")?;
    // 1. The proof verifies under the device key and binds the request's body.
    let (_, claims) =
        jws::verify(proof_text, TYP_PROOF, &key).map_err(|e| format!("signature: {e}"))?;
    if claims["htm"] != "POST"
        || !claims["htu"]
            .as_str()
            .unwrap_or_default()
            .contains("/device/v1/challenges/")
    {
        return Err("htm/htu".into());
    }
    if claims["bh"] != proof::body_hash(request.as_bytes()) {
        return Err("bh".into());
    }
    // 2. The request approves the display's hash.
    let body: Value = serde_json::from_str(request).map_err(|e| e.to_string())?;
    if body["decision"] != "approve" {
        return Err("decision".into());
    }
    let display_text = jcs::canonical(&evidence["display"]).map_err(|e| e.to_string())?;
    if body["dh"] != b64::encode(&sha256(&display_text)) {
        return Err("dh".into());
    }
    // 3. The display holds the transaction, values filled in, in order.
    let tx = &evidence["display"]["tx"];
    if tx["title"] != title {
        return Err("title".into());
    }
    let shown: Vec<(&str, &str)> = tx["fields"]
        .as_array()
        .ok_or("fields")?
        .iter()
        .map(|f| {
            (
                f["label"].as_str().unwrap_or_default(),
                f["value"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    if shown != fields {
        return Err("fields".into());
    }
    Ok(())
}

fn sha256(data: &[u8]) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(data).to_vec()
}

#[tokio::test]
async fn a_push_signature_types_the_value_and_carries_the_devices_evidence() {
    each_backend(small, |app| async move {
        let (account, device) = jane(&app).await;
        let (tx, challenge) = start(&app, &account, Method::MobileApp, "SR-push-1").await;
        let number = number_of(&challenge);
        let c = pushed(&device).await;
        assert_sent_without_the_value(&c);
        assert!(c.payload.display.asks_to_type());

        // (The engine is not asked before the device answers: a refused answer spends the
        // request and sends a new one, so the web layer, like the login's, waits for it.)
        // Approving without typing is refused on the device; a value of the wrong form too.
        assert!(matches!(
            device.approve(&c, &number, PIN).await,
            Err(Error::Input(_))
        ));
        assert!(matches!(
            device.approve_typed(&c, &number, PIN, &["EU 100 5"]).await,
            Err(Error::Input(_))
        ));
        // A value of the right form but not the transaction's: refused like a wrong display,
        // no PIN try spent, the request still open.
        match device.approve_typed(&c, &number, PIN, &["EU-100-6"]).await {
            Err(Error::Server { status: 400, code }) => assert_eq!(code, "display_hash"),
            other => panic!("a wrong value is refused: {other:?}"),
        }
        let row = app
            .store
            .mobile_challenge(&c.payload.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.status, "pending");
        assert_eq!(row.evidence, None);
        let d = app
            .store
            .mobile_device_by_device_id(device.device_id())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.pin_failures, 0);

        // The true value: approved.
        let receipt = device.approve_typed(&c, &number, PIN, &[TO]).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Approved);
        let signed = app
            .state
            .authn
            .sign_answer(&tx, &Answer::Device, &client())
            .await
            .unwrap();
        let Step::Signed(signed) = signed else {
            panic!("signed: {signed:?}");
        };
        assert_eq!(signed.method, Method::MobileApp);
        assert_eq!(signed.account.id, account.id);
        assert_eq!(signed.binding.request, "SR-push-1");
        assert!(signed.binding.intact());
        let evidence = signed.evidence.expect("the device's evidence");
        let fields = [("Amount", "100 EUA"), ("To account", TO)];
        assert_eq!(
            check_evidence(&evidence, "Transfer of allowances", &fields),
            Ok(())
        );
        // The evidence is the device's own: its key, and the display it approved.
        assert_eq!(
            evidence["device_key"],
            serde_json::from_str::<Value>(&d.public_key).unwrap()
        );
        assert_eq!(evidence["display"]["service"], "Union Registry");
        assert_eq!(evidence["display"]["origin"]["ip"], "198.51.100.0/24");
        assert_eq!(
            evidence["display"]["tx"]["fields"][1],
            json!({"label": "To account", "value": TO, "retype": true,
                   "pattern": "^EU-[0-9]+-[0-9]+$"})
        );
        // The exact keys of the evidence, no more.
        let mut keys: Vec<&str> = evidence
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["device_key", "display", "proof", "request", "type"]);

        // Evidence tampered with fails a third party's checks, whatever was changed.
        let typo = [("Amount", "100 EUA"), ("To account", "EU-100-6")];
        let mut forged = evidence.clone();
        forged["display"]["tx"]["fields"][1]["value"] = json!("EU-100-6");
        assert_eq!(
            check_evidence(&forged, "Transfer of allowances", &typo),
            Err("dh".into())
        );
        let mut forged = evidence.clone();
        let request = forged["request"]
            .as_str()
            .unwrap()
            .replace("\"v\":1", "\"v\": 1");
        assert_ne!(forged["request"], json!(request), "the body was changed");
        forged["request"] = json!(request);
        assert_eq!(
            check_evidence(&forged, "Transfer of allowances", &fields),
            Err("bh".into())
        );
        let mut forged = evidence.clone();
        forged["device_key"] = serde_json::to_value(
            limen_mobile::jws::SigningKey::generate()
                .unwrap()
                .public_jwk(),
        )
        .unwrap();
        assert!(
            check_evidence(&forged, "Transfer of allowances", &fields)
                .unwrap_err()
                .starts_with("signature")
        );
        assert_eq!(
            check_evidence(&evidence, "Transfer of allowance", &fields),
            Err("title".into())
        );
        // Spent: the same approval signs nothing twice.
        let again = app
            .state
            .authn
            .sign_answer(&tx, &Answer::Device, &client())
            .await
            .unwrap();
        assert!(!matches!(again, Step::Signed(_)), "{again:?}");
    })
    .await;
}

#[tokio::test]
async fn a_denied_signature_needs_nothing_typed_and_signs_nothing() {
    each_backend(small, |app| async move {
        let (account, device) = jane(&app).await;
        let (tx, _) = start(&app, &account, Method::MobileApp, "SR-deny-1").await;
        let c = pushed(&device).await;
        // A denial hashes the display as received: nothing to type.
        let receipt = device.deny(&c).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Denied);
        assert_eq!(receipt.decision, Decision::Deny);
        let step = app
            .state
            .authn
            .sign_answer(&tx, &Answer::Device, &client())
            .await
            .unwrap();
        assert!(!matches!(step, Step::Signed(_)), "{step:?}");
        let row = app
            .store
            .mobile_challenge(&c.payload.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.evidence, None);
    })
    .await;
}

#[tokio::test]
async fn an_offline_signature_code_is_made_with_the_typed_value() {
    each_backend(small, |app| async move {
        let (account, device) = jane(&app).await;
        let now = app.clock_now().unix_timestamp();

        // A mistyped value makes a code the server refuses.
        let (tx, challenge) = start(&app, &account, Method::SoftwareToken, "SR-qr-1").await;
        let Challenge::Scan { link, .. } = challenge else {
            panic!("a QR code: {challenge:?}");
        };
        let c = device.verify_offline(&link, now).unwrap();
        assert_sent_without_the_value(&c);
        let (_, wrong) = device
            .offline_code_typed(&link, PIN, now, &["EU-100-50"])
            .unwrap();
        let step = app
            .state
            .authn
            .sign_answer(&tx, &Answer::Code(wrong), &client())
            .await
            .unwrap();
        let (tx, challenge) = match step {
            Step::Challenge {
                tx,
                challenge,
                error: Some(e),
                ..
            } => {
                assert_eq!(e.message_key, "mobile-error-wrong-code");
                (tx, challenge)
            }
            other => panic!("refused, a new QR code: {other:?}"),
        };

        // The new QR code, the true value: signed, with no evidence (the code is an HMAC).
        let Challenge::Scan { link, .. } = challenge else {
            panic!("a QR code: {challenge:?}");
        };
        let (_, code) = device.offline_code_typed(&link, PIN, now, &[TO]).unwrap();
        let step = app
            .state
            .authn
            .sign_answer(&tx, &Answer::Code(code), &client())
            .await
            .unwrap();
        let Step::Signed(signed) = step else {
            panic!("signed: {step:?}");
        };
        assert_eq!(signed.method, Method::SoftwareToken);
        assert_eq!(signed.binding.request, "SR-qr-1");
        assert_eq!(signed.evidence, None);
    })
    .await;
}

#[tokio::test]
async fn a_login_challenge_has_no_transaction_and_no_evidence() {
    each_backend(small, |app| async move {
        let (_, device) = jane(&app).await;
        // A push login through the pages, as before issue 18.
        app.add_service("Push only", "https://push.example.org/*", |s| {
            s.accepted_strengths = vec![limen_core::Strength::PasswordMobileApp];
        })
        .await;
        let b = app.browser();
        let path = format!(
            "/cas/login?service={}",
            limen_testkit::encode("https://push.example.org/app")
        );
        let methods = b.password_page_at(&path, JANE).await;
        let page = b
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "PASSWORD_MOBILE_APP"),
                    ("email", JANE),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        let c = pushed(&device).await;
        assert_eq!(c.payload.display.tx, None);
        let payload = jws::peek(&c.signed).unwrap().1;
        assert!(payload["display"].get("tx").is_none(), "{payload}");
        // A typed value is refused for a login.
        assert!(matches!(
            device.approve_typed(&c, "00", PIN, &["x"]).await,
            Err(Error::Input(_))
        ));
        let marker = "id=\"approval-number\"";
        let start = page.body.find(marker).unwrap() + marker.len();
        let number = text_after(&page.body[start..], "<strong>");
        let receipt = device.approve(&c, &number, PIN).await.unwrap();
        assert_eq!(receipt.result, ReceiptResult::Approved);
        let row = app
            .store
            .mobile_challenge(&c.payload.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.evidence, None);
        let _ = messages::display_hash(&c.payload.display).unwrap();
    })
    .await;
}
