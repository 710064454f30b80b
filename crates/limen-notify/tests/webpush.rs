//! Web Push wake-ups: RFC 8291's published example, VAPID tokens checked as a push service
//! checks them, and delivery to a local push service (plain http on 127.0.0.1, and https with a
//! test CA) that decrypts each message as the device would.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use limen_notify::push::{
    LogNotifier, MAX_PLAINTEXT, PushError, PushNotifier, PushOutcome, PushSubscription,
    WebPushNotifier, derive_keys, encrypt, endpoint_url, seal, vapid_authorization,
};
use limen_testkit::tls::{HttpsServer, TestCa};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{aead, agreement, hkdf, signature};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

fn b64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

// RFC 8291 Appendix A (and §5): the published example. The inputs and intermediate values are
// the RFC's; the private keys are not needed here (ring cannot import an ECDH private key), so
// the example starts from its ECDH secret.
const RFC_PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";
const RFC_AUTH_SECRET: &str = "BTBZMqHH6r4Tts7J_aSIgg";
const RFC_UA_PUBLIC: &str =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
const RFC_AS_PUBLIC: &str =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
const RFC_SALT: &str = "DGv6ra1nlYgDCS1FRnbzlw";
const RFC_ECDH_SECRET: &str = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
const RFC_PRK_KEY: &str = "Snr3JMxaHVDXHWJn5wdC52WjpCtd2EIEGBykDcZW32k";
const RFC_IKM: &str = "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg";
const RFC_PRK: &str = "09_eUZGrsvxChDCGRCdkLiDXrReGOEVeSCdCcPBSJSc";
const RFC_CEK: &str = "oIhVW04MRdy2XN9CiKLxTg";
const RFC_NONCE: &str = "4h_95klXJ5E_qnoN";
const RFC_CIPHERTEXT: &str =
    "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ";
const RFC_BODY: &str = concat!(
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml",
    "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT",
    "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
);

#[test]
fn the_key_derivation_and_the_body_match_rfc_8291_appendix_a() {
    let salt: [u8; 16] = b64(RFC_SALT).try_into().unwrap();
    let keys = derive_keys(
        &b64(RFC_ECDH_SECRET),
        &b64(RFC_AUTH_SECRET),
        &b64(RFC_UA_PUBLIC),
        &b64(RFC_AS_PUBLIC),
        &salt,
    );
    assert_eq!(URL_SAFE_NO_PAD.encode(keys.prk_key), RFC_PRK_KEY);
    assert_eq!(URL_SAFE_NO_PAD.encode(keys.ikm), RFC_IKM);
    assert_eq!(URL_SAFE_NO_PAD.encode(keys.prk), RFC_PRK);
    assert_eq!(URL_SAFE_NO_PAD.encode(keys.cek), RFC_CEK);
    assert_eq!(URL_SAFE_NO_PAD.encode(keys.nonce), RFC_NONCE);

    let body = seal(&keys, &salt, &b64(RFC_AS_PUBLIC), RFC_PLAINTEXT).unwrap();
    assert_eq!(URL_SAFE_NO_PAD.encode(&body), RFC_BODY);
    // The header is 86 bytes (§4); the record follows.
    assert_eq!(URL_SAFE_NO_PAD.encode(&body[86..]), RFC_CIPHERTEXT);
}

#[test]
fn a_different_auth_secret_or_salt_gives_other_keys() {
    let salt: [u8; 16] = b64(RFC_SALT).try_into().unwrap();
    let mut auth = b64(RFC_AUTH_SECRET);
    auth[0] ^= 1;
    let keys = derive_keys(
        &b64(RFC_ECDH_SECRET),
        &auth,
        &b64(RFC_UA_PUBLIC),
        &b64(RFC_AS_PUBLIC),
        &salt,
    );
    assert_ne!(URL_SAFE_NO_PAD.encode(keys.prk_key), RFC_PRK_KEY);
    assert_ne!(URL_SAFE_NO_PAD.encode(keys.cek), RFC_CEK);

    let mut other_salt = salt;
    other_salt[15] ^= 1;
    let keys = derive_keys(
        &b64(RFC_ECDH_SECRET),
        &b64(RFC_AUTH_SECRET),
        &b64(RFC_UA_PUBLIC),
        &b64(RFC_AS_PUBLIC),
        &other_salt,
    );
    assert_eq!(URL_SAFE_NO_PAD.encode(keys.ikm), RFC_IKM);
    assert_ne!(URL_SAFE_NO_PAD.encode(keys.cek), RFC_CEK);
    assert_ne!(URL_SAFE_NO_PAD.encode(keys.nonce), RFC_NONCE);
}

/// The device: its ECDH key (ring's, used once) and authentication secret.
struct Device {
    private: agreement::EphemeralPrivateKey,
    subscription: PushSubscription,
}

fn device(endpoint: &str) -> Device {
    let rng = SystemRandom::new();
    let private = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng).unwrap();
    let public = private.compute_public_key().unwrap();
    let mut auth = vec![0u8; 16];
    rng.fill(&mut auth).unwrap();
    Device {
        subscription: PushSubscription {
            endpoint: endpoint.into(),
            p256dh: public.as_ref().to_vec(),
            auth,
        },
        private,
    }
}

struct Len(usize);
impl hkdf::KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// What the device does with a message (RFC 8291 §3.4, RFC 8188 §2), written here apart from
/// the crate's code: the header, the sender's key from its keyid, the keys, the one record.
fn device_decrypt(device: Device, body: &[u8]) -> Result<Vec<u8>, String> {
    if body.len() < 21 {
        return Err("short body".into());
    }
    let salt = &body[..16];
    let rs = u32::from_be_bytes(body[16..20].try_into().unwrap()) as usize;
    let idlen = body[20] as usize;
    if body.len() < 21 + idlen {
        return Err("short keyid".into());
    }
    let (as_public, record) = body[21..].split_at(idlen);
    if record.len() > rs {
        return Err("more than one record".into());
    }
    let ua_public = device.subscription.p256dh.clone();
    let auth = device.subscription.auth.clone();
    let expand = |prk: hkdf::Prk, info: &[&[u8]], len: usize| {
        let mut out = vec![0u8; len];
        prk.expand(info, Len(len)).unwrap().fill(&mut out).unwrap();
        out
    };
    let ikm = agreement::agree_ephemeral(
        device.private,
        &agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, as_public),
        |secret| {
            let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &auth).extract(secret);
            expand(prk, &[b"WebPush: info\0", &ua_public, as_public], 32)
        },
    )
    .map_err(|_| "keyid is not a P-256 point".to_string())?;
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(&ikm);
    let cek = expand(prk.clone(), &[b"Content-Encoding: aes128gcm\0"], 16);
    let nonce: [u8; 12] = expand(prk, &[b"Content-Encoding: nonce\0"], 12)
        .try_into()
        .unwrap();
    let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &cek).unwrap());
    let mut record = record.to_vec();
    let plain = key
        .open_in_place(
            aead::Nonce::assume_unique_for_key(nonce),
            aead::Aad::empty(),
            &mut record,
        )
        .map_err(|_| "the record does not open".to_string())?;
    // Padding: the last record ends with 0x02 then zeros.
    let end = plain.iter().rposition(|&b| b != 0).ok_or("no delimiter")?;
    if plain[end] != 0x02 {
        return Err("not the last record".into());
    }
    Ok(plain[..end].to_vec())
}

#[test]
fn a_message_opens_on_the_device_and_nowhere_else() {
    let phone = device("https://push.example.net/wpush/1");
    let payload = br#"{"v":1,"type":"challenge"}"#;
    let body = encrypt(&phone.subscription, payload).unwrap();
    assert_eq!(body.len(), 86 + payload.len() + 1 + 16);
    assert_eq!(&body[16..21], &[0, 0, 0x10, 0, 65], "rs 4096, idlen 65");
    assert_eq!(body[21], 0x04, "keyid is an uncompressed point");
    assert_eq!(device_decrypt(phone, &body).unwrap(), payload);

    // Another device (other key, other secret) cannot read it.
    let phone = device("https://push.example.net/wpush/1");
    let body = encrypt(&phone.subscription, payload).unwrap();
    let other = device("https://push.example.net/wpush/2");
    assert!(device_decrypt(other, &body).is_err());

    // The same key with another authentication secret cannot either.
    let phone = device("https://push.example.net/wpush/1");
    let body = encrypt(&phone.subscription, payload).unwrap();
    let mut wrong_auth = phone;
    wrong_auth.subscription.auth[3] ^= 0x80;
    assert!(device_decrypt(wrong_auth, &body).is_err());

    // A changed byte anywhere in the record is refused.
    let phone = device("https://push.example.net/wpush/1");
    let mut body = encrypt(&phone.subscription, payload).unwrap();
    body[90] ^= 1;
    assert_eq!(
        device_decrypt(phone, &body).unwrap_err(),
        "the record does not open"
    );
}

#[test]
fn every_message_has_its_own_salt_and_sender_key() {
    let phone = device("https://push.example.net/wpush/1");
    let one = encrypt(&phone.subscription, b"x").unwrap();
    let two = encrypt(&phone.subscription, b"x").unwrap();
    assert_ne!(one[..16], two[..16], "salt");
    assert_ne!(one[21..86], two[21..86], "ephemeral key");
    assert_ne!(one[86..], two[86..]);
}

#[test]
fn the_payload_limit_is_3993_bytes() {
    let phone = device("https://push.example.net/wpush/1");
    let largest = vec![b'a'; MAX_PLAINTEXT];
    let body = encrypt(&phone.subscription, &largest).unwrap();
    assert_eq!(body.len(), 4096, "the size every push service accepts");
    assert_eq!(device_decrypt(phone, &body).unwrap(), largest);

    let phone = device("https://push.example.net/wpush/1");
    assert_eq!(
        encrypt(&phone.subscription, &vec![b'a'; 3994]).unwrap_err(),
        PushError::PayloadTooLarge(3994)
    );
    let salt = [7u8; 16];
    let keys = derive_keys(&[1; 32], &[2; 16], &[4; 65], &[4; 65], &salt);
    assert_eq!(
        seal(&keys, &salt, &[4; 65], &vec![0; 3994]).unwrap_err(),
        PushError::PayloadTooLarge(3994)
    );
}

#[test]
fn a_malformed_subscription_is_refused() {
    let good = device("https://push.example.net/wpush/1").subscription;
    let with = |change: &dyn Fn(&mut PushSubscription)| {
        let mut sub = good.clone();
        change(&mut sub);
        encrypt(&sub, b"{}")
    };
    assert!(matches!(
        with(&|s| s.p256dh.truncate(64)),
        Err(PushError::Subscription(_))
    ));
    assert!(matches!(
        with(&|s| s.p256dh[0] = 0x02),
        Err(PushError::Subscription(_))
    ));
    // 65 bytes in the right form, but not a point of the curve.
    assert!(matches!(
        with(&|s| {
            s.p256dh = vec![0; 65];
            s.p256dh[0] = 4;
        }),
        Err(PushError::Subscription(_))
    ));
    assert!(matches!(
        with(&|s| s.auth.truncate(15)),
        Err(PushError::Subscription(_))
    ));
    assert!(matches!(
        with(&|s| s.auth.push(0)),
        Err(PushError::Subscription(_))
    ));
    assert!(with(&|_| {}).is_ok());
}

fn vapid_key() -> (Vec<u8>, signature::EcdsaKeyPair) {
    let rng = SystemRandom::new();
    let pkcs8 =
        signature::EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .unwrap();
    let key = signature::EcdsaKeyPair::from_pkcs8(
        &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        pkcs8.as_ref(),
        &rng,
    )
    .unwrap();
    (pkcs8.as_ref().to_vec(), key)
}

/// What a push service checks (RFC 8292 §2-3): the token's signature with the key `k`, and its
/// claims. Returns the claims and `k`.
fn verify_vapid(authorization: &str) -> Result<(serde_json::Value, String), String> {
    let rest = authorization
        .strip_prefix("vapid ")
        .ok_or("not the vapid scheme")?;
    let mut token = None;
    let mut key = None;
    for param in rest.split(',') {
        match param.trim().split_once('=') {
            Some(("t", value)) => token = Some(value),
            Some(("k", value)) => key = Some(value),
            _ => return Err(format!("unexpected parameter {param:?}")),
        }
    }
    let (token, key) = (token.ok_or("no t")?, key.ok_or("no k")?);
    let parts: Vec<&str> = token.split('.').collect();
    let [header, claims, sig] = parts[..] else {
        return Err("not a compact JWS".into());
    };
    let header: serde_json::Value = serde_json::from_slice(&b64(header)).unwrap();
    if header["alg"] != "ES256" || header["typ"] != "JWT" {
        return Err(format!("header {header}"));
    }
    signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, b64(key))
        .verify(
            format!("{}.{}", parts[0], parts[1]).as_bytes(),
            &URL_SAFE_NO_PAD.decode(sig).map_err(|e| e.to_string())?,
        )
        .map_err(|_| "bad signature".to_string())?;
    let claims = serde_json::from_slice(&b64(claims)).map_err(|e| e.to_string())?;
    Ok((claims, key.to_string()))
}

#[test]
fn a_vapid_token_verifies_with_the_public_key_and_names_the_origin() {
    let (_, key) = vapid_key();
    let public = URL_SAFE_NO_PAD.encode(signature::KeyPair::public_key(&key).as_ref());
    let now = 1_760_000_000;
    let value = vapid_authorization(
        &key,
        &public,
        "https://Push.Example.net:8443/wpush/v2/abc?x=1#f",
        "mailto:ops@limen.test",
        now,
    )
    .unwrap();
    let (claims, k) = verify_vapid(&value).unwrap();
    assert_eq!(k, public);
    assert_eq!(claims["aud"], "https://push.example.net:8443");
    assert_eq!(claims["sub"], "mailto:ops@limen.test");
    let exp = claims["exp"].as_i64().unwrap();
    assert!(exp > now && exp - now <= 24 * 3600, "exp {exp}");
    assert_eq!(claims.as_object().unwrap().len(), 3);

    // The default port is no part of the origin.
    let value = vapid_authorization(
        &key,
        &public,
        "https://updates.push.example:443/x",
        "https://limen.test/contact",
        now,
    )
    .unwrap();
    assert_eq!(
        verify_vapid(&value).unwrap().0["aud"],
        "https://updates.push.example"
    );

    // Another key's public part does not verify it; neither does a changed claim.
    let (_, other) = vapid_key();
    let other_public = URL_SAFE_NO_PAD.encode(signature::KeyPair::public_key(&other).as_ref());
    let forged = value.replace(&format!("k={public}"), &format!("k={other_public}"));
    assert_eq!(verify_vapid(&forged).unwrap_err(), "bad signature");
    let token = value
        .strip_prefix("vapid t=")
        .unwrap()
        .split(',')
        .next()
        .unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let longer = URL_SAFE_NO_PAD.encode(
        br#"{"aud":"https://updates.push.example","exp":9999999999,"sub":"https://limen.test/contact"}"#,
    );
    let tampered = value.replace(parts[1], &longer);
    assert_eq!(verify_vapid(&tampered).unwrap_err(), "bad signature");
}

#[test]
fn vapid_refuses_a_bad_subject_or_endpoint() {
    let (_, key) = vapid_key();
    let public = URL_SAFE_NO_PAD.encode(signature::KeyPair::public_key(&key).as_ref());
    for subject in [
        "ops@limen.test",
        "mailto:",
        "mailto:nobody",
        "http://limen.test",
        "https://",
        "",
    ] {
        assert!(
            matches!(
                vapid_authorization(&key, &public, "https://push.example/x", subject, 0),
                Err(PushError::Subject(_))
            ),
            "{subject:?}"
        );
    }
    assert!(matches!(
        vapid_authorization(&key, &public, "not a url", "mailto:a@b.example", 0),
        Err(PushError::Endpoint(_))
    ));
}

#[test]
fn the_notifier_takes_a_p256_pkcs8_key_and_a_contact() {
    let (pkcs8, key) = vapid_key();
    let notifier = WebPushNotifier::new(
        reqwest::Client::new(),
        &pkcs8,
        "mailto:ops@limen.test".into(),
    )
    .unwrap();
    let public = b64(&notifier.public_key());
    assert_eq!(public.len(), 65);
    assert_eq!(public[0], 4);
    assert_eq!(public, signature::KeyPair::public_key(&key).as_ref());

    assert!(matches!(
        WebPushNotifier::new(
            reqwest::Client::new(),
            b"not a key",
            "mailto:a@b.example".into()
        ),
        Err(PushError::VapidKey(_))
    ));
    // An Ed25519 PKCS#8 document is not a P-256 key.
    let ed = signature::Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
    assert!(matches!(
        WebPushNotifier::new(
            reqwest::Client::new(),
            ed.as_ref(),
            "mailto:a@b.example".into()
        ),
        Err(PushError::VapidKey(_))
    ));
    assert!(matches!(
        WebPushNotifier::new(reqwest::Client::new(), &pkcs8, "ops".into()),
        Err(PushError::Subject(_))
    ));
}

#[test]
fn only_https_or_loopback_http_endpoints_are_used() {
    for ok in [
        "https://push.example.net/wpush/v2/abc",
        "https://203.0.113.9:8443/up?token=1",
        "http://127.0.0.1:8080/push",
        "http://127.8.9.10/push",
        "http://localhost/push",
        "http://[::1]:9/push",
    ] {
        assert!(endpoint_url(ok).is_ok(), "{ok}");
    }
    for bad in [
        "http://push.example.net/wpush",
        "http://10.0.0.1/push",
        "http://[::2]/push",
        "ftp://push.example.net/x",
        "file:///etc/passwd",
        "https://user:pw@push.example.net/x",
        "push.example.net/x",
        "",
    ] {
        assert!(
            matches!(endpoint_url(bad), Err(PushError::Endpoint(_))),
            "{bad}"
        );
    }
}

/// One request as the local push service received it.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct PushService {
    answer: Arc<AtomicU16>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl PushService {
    fn new() -> PushService {
        PushService {
            answer: Arc::new(AtomicU16::new(201)),
            received: Arc::default(),
        }
    }

    fn router(&self) -> Router {
        async fn accept(
            State(service): State<PushService>,
            uri: axum::http::Uri,
            headers: HeaderMap,
            body: Bytes,
        ) -> StatusCode {
            service.received.lock().unwrap().push(Received {
                path: uri.path().to_string(),
                headers,
                body,
            });
            StatusCode::from_u16(service.answer.load(Ordering::SeqCst)).unwrap()
        }
        Router::new().fallback(accept).with_state(self.clone())
    }

    /// Serves over plain http on 127.0.0.1; returns `http://127.0.0.1:PORT`.
    async fn start_http(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = self.router();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        base
    }

    fn answer(&self, status: u16) {
        self.answer.store(status, Ordering::SeqCst);
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// Checks one received request as a push service and then the device would; returns the
/// plaintext.
fn check_received(
    received: &Received,
    phone: Device,
    base: &str,
    notifier: &WebPushNotifier,
    ttl: &str,
) -> Vec<u8> {
    assert_eq!(header(&received.headers, "ttl"), ttl);
    assert_eq!(header(&received.headers, "urgency"), "high");
    assert_eq!(header(&received.headers, "content-encoding"), "aes128gcm");
    assert_eq!(
        header(&received.headers, "content-type"),
        "application/octet-stream"
    );
    let (claims, k) = verify_vapid(header(&received.headers, "authorization")).unwrap();
    assert_eq!(k, notifier.public_key());
    assert_eq!(claims["aud"], base);
    assert_eq!(claims["sub"], "mailto:ops@limen.test");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let exp = claims["exp"].as_i64().unwrap();
    assert!(exp > now && exp - now <= 24 * 3600);
    device_decrypt(phone, &received.body).expect("the device reads the message")
}

fn notifier(client: reqwest::Client) -> WebPushNotifier {
    let (pkcs8, _) = vapid_key();
    WebPushNotifier::new(client, &pkcs8, "mailto:ops@limen.test".into()).unwrap()
}

const WAKE: &[u8] = br#"{"v":1,"type":"challenge"}"#;

#[tokio::test]
async fn a_wake_up_reaches_a_local_push_service_and_the_device_reads_it() {
    let service = PushService::new();
    let base = service.start_http().await;
    let notifier = notifier(reqwest::Client::new());
    let phone = device(&format!("{base}/wpush/v2/device-1"));
    let subscription = phone.subscription.clone();

    assert_eq!(
        notifier.wake(&subscription, WAKE, 120).await,
        PushOutcome::Delivered
    );
    let received = service.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].path, "/wpush/v2/device-1");
    assert_eq!(
        check_received(&received[0], phone, &base, &notifier, "120"),
        WAKE
    );

    // 202: stored by the push service for later delivery — delivered as far as Limen knows.
    service.answer(202);
    let phone = device(&format!("{base}/wpush/v2/device-2"));
    let subscription = phone.subscription.clone();
    assert_eq!(
        notifier.wake(&subscription, WAKE, 30).await,
        PushOutcome::Delivered
    );
    let received = service.received();
    assert_eq!(received.len(), 2);
    assert_eq!(
        check_received(&received[1], phone, &base, &notifier, "30"),
        WAKE
    );
}

#[tokio::test]
async fn a_wake_up_over_https_with_a_trusted_ca() {
    let ca = TestCa::new("push test CA");
    let service = PushService::new();
    let server = HttpsServer::start(service.router(), &ca).await;
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ca.pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    let notifier = notifier(client);
    let phone = device(&format!("{}/push/abc", server.base));
    let subscription = phone.subscription.clone();
    assert_eq!(
        notifier.wake(&subscription, WAKE, 120).await,
        PushOutcome::Delivered
    );
    let received = service.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        check_received(&received[0], phone, &server.base, &notifier, "120"),
        WAKE
    );

    // A client that does not trust the CA fails, and says so.
    let untrusting = self::notifier(reqwest::Client::new());
    let phone = device(&format!("{}/push/abc", server.base));
    assert!(matches!(
        untrusting.wake(&phone.subscription, WAKE, 120).await,
        PushOutcome::Failed(_)
    ));
    // The server counts the broken-off handshake once it has read the client's alert.
    for _ in 0..100 {
        if server.handshakes_refused() >= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(server.handshakes_refused(), 1);
    assert_eq!(service.received().len(), 1);
}

#[tokio::test]
async fn the_push_service_answer_decides_the_outcome() {
    let service = PushService::new();
    let base = service.start_http().await;
    let notifier = notifier(reqwest::Client::new());
    let phone = device(&format!("{base}/wpush/gone"));
    for (status, outcome) in [
        (410, PushOutcome::Gone),
        (404, PushOutcome::Gone),
        (
            500,
            PushOutcome::Failed("push service answered 500 Internal Server Error".into()),
        ),
        (
            413,
            PushOutcome::Failed("push service answered 413 Payload Too Large".into()),
        ),
        (
            429,
            PushOutcome::Failed("push service answered 429 Too Many Requests".into()),
        ),
        (201, PushOutcome::Delivered),
    ] {
        service.answer(status);
        assert_eq!(
            notifier.wake(&phone.subscription, WAKE, 120).await,
            outcome,
            "{status}"
        );
    }
    assert_eq!(service.received().len(), 6);
}

#[tokio::test]
async fn nothing_is_sent_for_what_is_refused_beforehand() {
    let service = PushService::new();
    let base = service.start_http().await;
    let notifier = notifier(reqwest::Client::new());

    // A remote endpoint over plain http.
    let phone = device("http://push.example.net/wpush/1");
    match notifier.wake(&phone.subscription, WAKE, 120).await {
        PushOutcome::Failed(reason) => assert!(reason.contains("not https"), "{reason}"),
        other => panic!("{other:?}"),
    }

    // A payload over the limit, a malformed subscription: the local service sees nothing.
    let phone = device(&format!("{base}/wpush/1"));
    match notifier
        .wake(&phone.subscription, &vec![b' '; MAX_PLAINTEXT + 1], 120)
        .await
    {
        PushOutcome::Failed(reason) => assert!(reason.contains("3993"), "{reason}"),
        other => panic!("{other:?}"),
    }
    let mut broken = phone.subscription.clone();
    broken.auth.clear();
    assert!(matches!(
        notifier.wake(&broken, WAKE, 120).await,
        PushOutcome::Failed(_)
    ));
    assert!(service.received().is_empty());
}

#[tokio::test]
async fn an_unreachable_push_service_is_a_failure() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let notifier = notifier(reqwest::Client::new());
    let phone = device(&format!("http://{address}/wpush/1"));
    match notifier.wake(&phone.subscription, WAKE, 120).await {
        PushOutcome::Failed(reason) => {
            assert!(reason.contains("unreachable"), "{reason}");
            assert!(!reason.contains("/wpush/1"), "no endpoint URL: {reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_log_notifier_sends_nothing_and_reports_delivery() {
    let phone = device("https://push.example.net/wpush/1");
    assert_eq!(
        LogNotifier.wake(&phone.subscription, WAKE, 120).await,
        PushOutcome::Delivered
    );
    // The trait is object-safe: the server holds an `Arc<dyn PushNotifier>`.
    let notifier: Arc<dyn PushNotifier> = Arc::new(LogNotifier);
    assert_eq!(
        notifier.wake(&phone.subscription, b"", 0).await,
        PushOutcome::Delivered
    );
}
