//! Wake-ups for mobile devices by Web Push (docs/MOBILE-PROTOCOL.md §7).
//!
//! A device that registered a Web Push subscription (an endpoint at its push service, a P-256
//! public key and an authentication secret) is woken with a small message that carries no
//! personal data; the device then fetches its challenges itself. No FCM or APNs: Web Push works
//! with UnifiedPush distributors and the browsers' push services alike.
//!
//! - [`encrypt`]: the message body, encrypted for the device with `aes128gcm` (RFC 8291, on the
//!   content coding of RFC 8188), with a new ephemeral key and salt for every message;
//! - [`vapid_authorization`]: the `Authorization` header that identifies Limen to the push
//!   service (RFC 8292);
//! - [`WebPushNotifier`]: delivery to the endpoint (RFC 8030 §5); [`LogNotifier`] for
//!   development.
//!
//! Cryptography is ring's only: ECDH P-256, HKDF-SHA-256 (HMAC-SHA-256), AES-128-GCM, ECDSA
//! P-256 with fixed-size signatures.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Url;
use reqwest::header::{AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{aead, agreement, hkdf, hmac, signature};
use std::net::IpAddr;
use std::time::Duration;
use thiserror::Error;

/// RFC 8291 §4: the largest plaintext one push message carries — 4096 octets (what every push
/// service must accept, RFC 8030 §7.2) less the 86-octet header, the padding delimiter and the
/// 16-octet tag.
pub const MAX_PLAINTEXT: usize = 3993;

/// The record size written in the header. One record holds the whole message (RFC 8291 §4), so
/// this only has to exceed it; 4096 is the value of RFC 8291's example.
const RECORD_SIZE: u32 = 4096;

/// RFC 8188 §2.1: salt (16) ‖ rs (4) ‖ idlen (1) ‖ keyid (65, the sender's public point).
const HEADER_LEN: usize = 16 + 4 + 1 + P256_POINT_LEN;

/// An uncompressed P-256 point: 0x04 ‖ x (32) ‖ y (32) (SEC 1 §2.3.3).
const P256_POINT_LEN: usize = 65;

/// RFC 8291 §3.2: the authentication secret is 16 octets.
const AUTH_SECRET_LEN: usize = 16;

/// The lifetime of a VAPID token: RFC 8292 §2 forbids more than 24 hours.
const VAPID_LIFETIME_SECONDS: i64 = 12 * 3600;

/// How long one delivery may take, whatever the client's own settings.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// A device's Web Push subscription (the `PushSubscription` of the Push API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSubscription {
    /// The push resource at the push service (RFC 8030 §2): https.
    pub endpoint: String,
    /// The device's ECDH public key: a 65-byte uncompressed P-256 point (RFC 8291 §2.1).
    pub p256dh: Vec<u8>,
    /// The device's authentication secret: 16 bytes (RFC 8291 §3.2).
    pub auth: Vec<u8>,
}

/// What became of a wake-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// The push service accepted the message (201 or 202).
    Delivered,
    /// 404/410 from the push service: the subscription is gone (the caller forgets it).
    Gone,
    /// Anything else: refused before sending, a transport error or another answer.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PushError {
    /// The VAPID key is not an ECDSA P-256 PKCS#8 document ring accepts.
    #[error("the VAPID key is not an ECDSA P-256 key in PKCS#8: {0}")]
    VapidKey(String),
    /// RFC 8292 §2.1: `sub` is a `mailto:` or `https:` URI.
    #[error("the VAPID subject must be a mailto: or https: URI, not {0:?}")]
    Subject(String),
    /// The endpoint is no URL, or one Limen does not send to.
    #[error("push endpoint refused: {0}")]
    Endpoint(String),
    /// The device's key or secret is not what RFC 8291 asks for.
    #[error("invalid push subscription: {0}")]
    Subscription(&'static str),
    /// RFC 8291 §4: more than [`MAX_PLAINTEXT`] bytes.
    #[error("a push message carries at most {MAX_PLAINTEXT} bytes, not {0}")]
    PayloadTooLarge(usize),
    /// A failure inside the cryptography (no randomness, a point ring refuses).
    #[error("push message cryptography failed: {0}")]
    Crypto(&'static str),
}

pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Wakes a device.
pub trait PushNotifier: Send + Sync + 'static {
    /// Sends `payload` (small JSON, no personal data) to the subscription; `ttl_seconds` and
    /// urgency "high".
    fn wake<'a>(
        &'a self,
        subscription: &'a PushSubscription,
        payload: &'a [u8],
        ttl_seconds: u32,
    ) -> BoxFuture<'a, PushOutcome>;
}

/// Development: logs (tracing::info!) the endpoint's origin and the payload length; Delivered.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogNotifier;

impl PushNotifier for LogNotifier {
    fn wake<'a>(
        &'a self,
        subscription: &'a PushSubscription,
        payload: &'a [u8],
        ttl_seconds: u32,
    ) -> BoxFuture<'a, PushOutcome> {
        Box::pin(async move {
            let origin = Url::parse(&subscription.endpoint)
                .map(|url| url.origin().ascii_serialization())
                .unwrap_or_else(|_| "(not a URL)".into());
            tracing::info!(
                push_service = %origin,
                payload_bytes = payload.len(),
                ttl_seconds,
                "push wake-up (development: logged, not sent)"
            );
            PushOutcome::Delivered
        })
    }
}

/// RFC 8030 delivery with RFC 8291 aes128gcm encryption and RFC 8292 VAPID.
pub struct WebPushNotifier {
    client: reqwest::Client,
    key: signature::EcdsaKeyPair,
    public_b64: String,
    subject: String,
}

impl std::fmt::Debug for WebPushNotifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebPushNotifier")
            .field("public_key", &self.public_b64)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

impl WebPushNotifier {
    /// `vapid_pkcs8`: the server's VAPID key (ECDSA P-256, PKCS#8 DER, ring format); `subject`:
    /// "mailto:…" or "https://…" (RFC 8292 §2.1 `sub`).
    ///
    /// `client` should not follow redirects (`reqwest::redirect::Policy::none()`): a push
    /// service answers 201, and a redirect would take the message past the https check of the
    /// endpoint. Each delivery is limited to 10 seconds whatever the client's own timeouts.
    pub fn new(
        client: reqwest::Client,
        vapid_pkcs8: &[u8],
        subject: String,
    ) -> Result<Self, PushError> {
        let key = signature::EcdsaKeyPair::from_pkcs8(
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            vapid_pkcs8,
            &SystemRandom::new(),
        )
        .map_err(|e| PushError::VapidKey(e.to_string()))?;
        check_subject(&subject)?;
        let public_b64 = URL_SAFE_NO_PAD.encode(signature::KeyPair::public_key(&key).as_ref());
        Ok(WebPushNotifier {
            client,
            key,
            public_b64,
            subject,
        })
    }

    /// The VAPID public key, base64url (65-byte point), for `applicationServerKey`.
    pub fn public_key(&self) -> String {
        self.public_b64.clone()
    }

    async fn deliver(
        &self,
        subscription: &PushSubscription,
        payload: &[u8],
        ttl_seconds: u32,
    ) -> PushOutcome {
        // Everything that can be refused is refused before a byte is sent.
        let prepared = endpoint_url(&subscription.endpoint).and_then(|url| {
            let body = encrypt(subscription, payload)?;
            let authorization = vapid_authorization(
                &self.key,
                &self.public_b64,
                &subscription.endpoint,
                &self.subject,
                time::OffsetDateTime::now_utc().unix_timestamp(),
            )?;
            Ok((url, body, authorization))
        });
        let (url, body, authorization) = match prepared {
            Ok(prepared) => prepared,
            Err(e) => return PushOutcome::Failed(e.to_string()),
        };
        // RFC 8030 §5 (push message request), §5.2 (TTL), §5.3 (Urgency); RFC 8291 §4
        // (Content-Encoding: aes128gcm); RFC 8292 §3 (Authorization: vapid).
        let answer = self
            .client
            .post(url)
            .timeout(DELIVERY_TIMEOUT)
            .header("TTL", ttl_seconds.to_string())
            .header("Urgency", "high")
            .header(CONTENT_ENCODING, "aes128gcm")
            .header(CONTENT_TYPE, "application/octet-stream")
            .header(AUTHORIZATION, authorization)
            .body(body)
            .send()
            .await;
        match answer {
            Ok(response) => outcome_of(response.status()),
            Err(e) => PushOutcome::Failed(format!("push service unreachable: {}", describe(e))),
        }
    }
}

/// A transport error with its causes, without the endpoint URL: the URL is the device's
/// capability at its push service and stays out of logs.
fn describe(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl PushNotifier for WebPushNotifier {
    fn wake<'a>(
        &'a self,
        subscription: &'a PushSubscription,
        payload: &'a [u8],
        ttl_seconds: u32,
    ) -> BoxFuture<'a, PushOutcome> {
        Box::pin(self.deliver(subscription, payload, ttl_seconds))
    }
}

/// RFC 8030 §5: 201 Created; 202 Accepted is what Mozilla's push service answers for a message
/// it stores for later. RFC 8030 §7.3: 404 for an expired subscription; 410 Gone is what push
/// services answer for one the device gave up.
fn outcome_of(status: reqwest::StatusCode) -> PushOutcome {
    match status.as_u16() {
        // RFC 8030 §5 says 201; some push services answer 200 or 202 (Firefox's does): any
        // success is a delivery.
        200..=299 => PushOutcome::Delivered,
        404 | 410 => PushOutcome::Gone,
        _ => PushOutcome::Failed(format!("push service answered {status}")),
    }
}

/// The endpoint as a URL Limen sends to: https, or http on a loopback host (a push service
/// stand-in in tests); no user name or password in it. Also what a device API can use to check
/// a subscription before storing it.
pub fn endpoint_url(endpoint: &str) -> Result<Url, PushError> {
    let url = Url::parse(endpoint).map_err(|e| PushError::Endpoint(format!("not a URL: {e}")))?;
    let Some(host) = url.host_str().filter(|host| !host.is_empty()) else {
        return Err(PushError::Endpoint("no host".into()));
    };
    // An IPv6 literal comes in brackets; a name is lowercase once parsed.
    let loopback = host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        scheme => {
            return Err(PushError::Endpoint(format!(
                "{scheme}: is not https (only a loopback push service may use http)"
            )));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(PushError::Endpoint("credentials in the URL".into()));
    }
    Ok(url)
}

/// RFC 8292 §2.1: `sub` is a contact URI, `mailto:` or `https:`.
fn check_subject(subject: &str) -> Result<(), PushError> {
    let ok = match subject.split_once(':') {
        Some(("mailto", address)) => {
            address.contains('@') && !address.contains(char::is_whitespace)
        }
        Some(("https", _)) => Url::parse(subject).is_ok_and(|url| url.host().is_some()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(PushError::Subject(subject.into()))
    }
}

/// RFC 8292 §2/§3: the `Authorization: vapid t=<JWT ES256 {aud: origin of endpoint, exp:
/// now+12h max, sub}>, k=<B64 public key>` value.
pub fn vapid_authorization(
    key: &signature::EcdsaKeyPair,
    public_b64: &str,
    endpoint: &str,
    subject: &str,
    now: i64,
) -> Result<String, PushError> {
    check_subject(subject)?;
    // §2: `aud` is the origin of the push resource — scheme, host and any non-default port.
    let audience = Url::parse(endpoint)
        .map_err(|e| PushError::Endpoint(format!("not a URL: {e}")))?
        .origin();
    if !audience.is_tuple() {
        return Err(PushError::Endpoint("a URL without an origin".into()));
    }
    // §2: a JWS (RFC 7515) in compact form, signed with ES256 (RFC 7518 §3.4: r ‖ s).
    let header = serde_json::json!({"typ": "JWT", "alg": "ES256"});
    let claims = serde_json::json!({
        "aud": audience.ascii_serialization(),
        "exp": now + VAPID_LIFETIME_SECONDS,
        "sub": subject,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = key
        .sign(&SystemRandom::new(), signing_input.as_bytes())
        .map_err(|_| PushError::Crypto("ECDSA signing"))?;
    // §3: the `vapid` scheme with its `t` (token) and `k` (public key) parameters.
    Ok(format!(
        "vapid t={signing_input}.{}, k={public_b64}",
        URL_SAFE_NO_PAD.encode(signature.as_ref())
    ))
}

/// The keys one message is encrypted with (RFC 8291 §3.3-3.4, RFC 8188 §2.2-2.3), with the
/// intermediate values of the derivation. Exposed for tests against RFC 8291 Appendix A.
pub struct ContentKeys {
    /// HKDF-Extract(salt = auth_secret, IKM = ecdh_secret).
    pub prk_key: [u8; 32],
    /// HKDF-Expand(PRK_key, "WebPush: info" ‖ 0x00 ‖ ua_public ‖ as_public, 32).
    pub ikm: [u8; 32],
    /// HKDF-Extract(salt, IKM).
    pub prk: [u8; 32],
    /// The content encryption key: HKDF-Expand(PRK, "Content-Encoding: aes128gcm" ‖ 0x00, 16).
    pub cek: [u8; 16],
    /// The nonce of the first (here: only) record: HKDF-Expand(PRK, "Content-Encoding: nonce"
    /// ‖ 0x00, 12).
    pub nonce: [u8; 12],
}

/// RFC 8291 §3.3-3.4 and RFC 8188 §2.2-2.3: the keys of a message, from the ECDH secret shared
/// by the sender's ephemeral key and the device's key.
pub fn derive_keys(
    ecdh_secret: &[u8],
    auth_secret: &[u8],
    ua_public: &[u8],
    as_public: &[u8],
    salt: &[u8; 16],
) -> ContentKeys {
    // RFC 5869 §2.2: HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM).
    let extract = |salt: &[u8], ikm: &[u8]| -> [u8; 32] {
        let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, salt), ikm);
        tag.as_ref().try_into().expect("HMAC-SHA-256 is 32 bytes")
    };
    // RFC 5869 §2.3, by ring from a pseudorandom key of full length.
    fn expand<const N: usize>(prk: &[u8; 32], info: &[&[u8]]) -> [u8; N] {
        struct Len(usize);
        impl hkdf::KeyType for Len {
            fn len(&self) -> usize {
                self.0
            }
        }
        let mut out = [0u8; N];
        hkdf::Prk::new_less_safe(hkdf::HKDF_SHA256, prk)
            .expand(info, Len(N))
            .and_then(|okm| okm.fill(&mut out))
            .expect("HKDF-SHA-256 expands to at most 255 × 32 bytes");
        out
    }
    // RFC 8291 §3.3: the ECDH secret combined with the authentication secret.
    let prk_key = extract(auth_secret, ecdh_secret);
    let ikm = expand::<32>(&prk_key, &[b"WebPush: info\0", ua_public, as_public]);
    // RFC 8188 §2.2 (CEK) and §2.3 (NONCE), from IKM and the salt of the header.
    let prk = extract(salt, &ikm);
    let cek = expand::<16>(&prk, &[b"Content-Encoding: aes128gcm\0"]);
    let nonce = expand::<12>(&prk, &[b"Content-Encoding: nonce\0"]);
    ContentKeys {
        prk_key,
        ikm,
        prk,
        cek,
        nonce,
    }
}

/// RFC 8188 §2 for one record (RFC 8291 §4): the header (salt, record size, the sender's public
/// key as keyid) and `plaintext` ‖ 0x02 (the delimiter of the last record, no padding) encrypted
/// with AES-128-GCM.
pub fn seal(
    keys: &ContentKeys,
    salt: &[u8; 16],
    as_public: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, PushError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(PushError::PayloadTooLarge(plaintext.len()));
    }
    let keyid_len =
        u8::try_from(as_public.len()).map_err(|_| PushError::Crypto("keyid too long"))?;
    let mut body = Vec::with_capacity(HEADER_LEN + plaintext.len() + 1 + aead::MAX_TAG_LEN);
    body.extend_from_slice(salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(keyid_len);
    body.extend_from_slice(as_public);
    let header_len = body.len();
    body.extend_from_slice(plaintext);
    body.push(0x02);
    let key = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::AES_128_GCM, &keys.cek)
            .map_err(|_| PushError::Crypto("AES-128-GCM key"))?,
    );
    // The record's sequence number is 0: its nonce is NONCE itself (RFC 8188 §2.3).
    let tag = key
        .seal_in_place_separate_tag(
            aead::Nonce::assume_unique_for_key(keys.nonce),
            aead::Aad::empty(),
            &mut body[header_len..],
        )
        .map_err(|_| PushError::Crypto("AES-128-GCM encryption"))?;
    body.extend_from_slice(tag.as_ref());
    Ok(body)
}

/// RFC 8291 §3-4: the aes128gcm body (RFC 8188 header: salt(16) ‖ rs(4, BE) ‖ idlen(1)=65 ‖
/// keyid = as_public(65), then one record, padding delimiter 0x02) for `plaintext`, with a new
/// ephemeral key and a new salt. Exposed for tests.
pub fn encrypt(subscription: &PushSubscription, plaintext: &[u8]) -> Result<Vec<u8>, PushError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(PushError::PayloadTooLarge(plaintext.len()));
    }
    if subscription.p256dh.len() != P256_POINT_LEN || subscription.p256dh[0] != 0x04 {
        return Err(PushError::Subscription(
            "p256dh is not an uncompressed P-256 point (65 bytes)",
        ));
    }
    if subscription.auth.len() != AUTH_SECRET_LEN {
        return Err(PushError::Subscription("auth is not 16 bytes"));
    }
    let rng = SystemRandom::new();
    let mut salt = [0u8; 16];
    rng.fill(&mut salt)
        .map_err(|_| PushError::Crypto("no randomness"))?;
    // RFC 8291 §3.1: a new key pair for every message.
    let ephemeral = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng)
        .map_err(|_| PushError::Crypto("no ephemeral key"))?;
    let as_public = ephemeral
        .compute_public_key()
        .map_err(|_| PushError::Crypto("ephemeral public key"))?;
    let ua_public = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, &subscription.p256dh);
    // ring checks that the device's point is on the curve.
    let keys = agreement::agree_ephemeral(ephemeral, &ua_public, |ecdh_secret| {
        derive_keys(
            ecdh_secret,
            &subscription.auth,
            &subscription.p256dh,
            as_public.as_ref(),
            &salt,
        )
    })
    .map_err(|_| PushError::Subscription("p256dh is not a point of P-256"))?;
    seal(&keys, &salt, as_public.as_ref(), plaintext)
}
