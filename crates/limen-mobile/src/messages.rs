//! The protocol's messages (spec §3, §5, §7): serde structs with exactly the spec's JSON member
//! names, the links, and the MACs and codes bound into answers.
//!
//! Requests a device sends (`EnrolRequest`, `ConfirmRequest`, `AnswerRequest`,
//! `PushSubscription`) refuse unknown members and have a `check` that bounds every field, for
//! the server to call before anything else. What the server sends is read leniently (unknown
//! members ignored); a device checks it with [`open`] and the `check`s here.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Error, OFFLINE_SUITE, VERSION, b64, hmac_sha256, jcs, jwk, jws, ocra, sha256};

/// Longest link taken by the parsers (a QR code holds less).
pub const MAX_LINK_LEN: usize = jws::MAX_COMPACT_LEN + 1024;
/// Longest `iss` (server base URL).
pub const MAX_ISS_LEN: usize = 512;
/// Longest `os`, `model`, `app` of an enrolment, in characters (spec §3 step 3).
pub const MAX_DEVICE_TEXT_CHARS: usize = 64;
/// Longest Web Push endpoint (spec §7).
pub const MAX_ENDPOINT_LEN: usize = 1024;
/// A challenge lives at most this long: `exp − iat` (spec §5, §8).
pub const MAX_CHALLENGE_SECONDS: i64 = 120;
/// Clock difference a device allows for offline challenges only (spec §5).
pub const OFFLINE_CLOCK_LEEWAY_SECONDS: i64 = 300;

const ENROL_PREFIX: &str = "limen://enrol?p=";
const CHALLENGE_PREFIX: &str = "limen://challenge?";

fn check_version(v: u32) -> Result<(), Error> {
    if v == VERSION {
        Ok(())
    } else {
        Err(Error::WrongVersion)
    }
}

/// `s` is `B64` of exactly `N` bytes (so `⌈4N/3⌉` characters).
fn check_b64_len<const N: usize>(s: &str, what: &'static str) -> Result<(), Error> {
    b64::decode_array::<N>(s)
        .map(|_| ())
        .map_err(|_| Error::Malformed(what))
}

fn is_loopback_host(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "[::1]" | "localhost")
}

/// Checks an absolute http(s) URL: `https://` (or `http://` when the host is a loopback one:
/// `127.0.0.1`, `[::1]`, `localhost`), no user info, a host of letters, digits, `.` and `-`
/// (or a bracketed IPv6 literal), an optional port 1–65535, printable ASCII only. With
/// `query = false` (a base URL) there is also no query, no fragment, no trailing `/`, no empty
/// or dot path segment.
fn check_url(url: &str, max: usize, query: bool) -> Result<(), Error> {
    const BAD: Error = Error::Malformed("URL");
    if url.len() > max {
        return Err(Error::TooLarge("URL"));
    }
    if !url.bytes().all(|b| b.is_ascii_graphic()) || url.contains(['\\', '#']) {
        return Err(BAD);
    }
    let (secure, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(BAD);
    };
    let before_query = match rest.split_once('?') {
        Some((before, _)) if query => before,
        Some(_) => return Err(BAD),
        None => rest,
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    if authority.contains('@') {
        return Err(BAD);
    }
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']').ok_or(BAD)?;
        let (host, after) = authority.split_at(end + 1);
        let inner = &host[1..host.len() - 1];
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(BAD);
        }
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':').ok_or(BAD)?)),
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if !host.starts_with('[')
        && (host.is_empty()
            || host.starts_with(['.', '-'])
            || host.ends_with('-')
            || host.contains("..")
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
    {
        return Err(BAD);
    }
    if let Some(p) = port {
        let ok = !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n));
        if !ok {
            return Err(BAD);
        }
    }
    if !secure && !is_loopback_host(host) {
        return Err(Error::Malformed("URL not https"));
    }
    if !query {
        if path.ends_with('/') {
            return Err(BAD);
        }
        if !path.is_empty()
            && path[1..]
                .split('/')
                .any(|seg| seg.is_empty() || seg == "." || seg == "..")
        {
            return Err(BAD);
        }
    }
    Ok(())
}

/// Checks a server base URL `iss` (spec §3 step 2): https, or http on a loopback host, at most
/// [`MAX_ISS_LEN`] bytes, no query, fragment, user info or trailing `/` (request URLs are
/// `{iss}/device/v1/…`).
pub fn check_iss(iss: &str) -> Result<(), Error> {
    check_url(iss, MAX_ISS_LEN, false)
}

// ---------------------------------------------------------------------------------------------
// §3 Enrolment
// ---------------------------------------------------------------------------------------------

/// The payload of the enrolment link (spec §3 step 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolLink {
    pub v: u32,
    /// The server base URL.
    pub iss: String,
    /// The enrolment token `E`: 32 bytes, `B64`.
    pub tok: String,
    /// The salt `s`: 16 bytes, `B64`.
    pub salt: String,
    /// Thumbprint of the server key `S`, which the device pins.
    pub sk: String,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
}

impl EnrolLink {
    /// `limen://enrol?p=B64(JCS(payload))`.
    #[must_use]
    pub fn to_link(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        // JCS fails only for an `exp` beyond 2^53 − 1; plain JSON is then still a valid link.
        let json = jcs::canonical(&value)
            .or_else(|_| serde_json::to_vec(self))
            .unwrap_or_default();
        format!("{ENROL_PREFIX}{}", b64::encode(&json))
    }

    /// Parses an enrolment link and checks its form: `v` = 1 (else `Error::WrongVersion`),
    /// `iss` per [`check_iss`], `tok` 32 bytes, `salt` 16 bytes, `sk` a thumbprint (32 bytes).
    ///
    /// It does **not** check `exp` against the clock (it is given no clock): the device must
    /// refuse an expired link with [`EnrolLink::expired`].
    pub fn parse(link: &str) -> Result<Self, Error> {
        if link.len() > MAX_LINK_LEN {
            return Err(Error::TooLarge("link"));
        }
        let p = link
            .strip_prefix(ENROL_PREFIX)
            .ok_or(Error::Malformed("enrolment link"))?;
        let json = b64::decode(p).map_err(|_| Error::Malformed("enrolment link"))?;
        let value: Value =
            serde_json::from_slice(&json).map_err(|_| Error::Malformed("enrolment link"))?;
        if value.get("v") != Some(&Value::from(VERSION)) {
            return Err(Error::WrongVersion);
        }
        let parsed: Self =
            serde_json::from_value(value).map_err(|_| Error::Malformed("enrolment link"))?;
        check_iss(&parsed.iss)?;
        check_b64_len::<32>(&parsed.tok, "tok")?;
        check_b64_len::<16>(&parsed.salt, "salt")?;
        check_b64_len::<32>(&parsed.sk, "sk")?;
        Ok(parsed)
    }

    /// Whether the link has expired at `now` (`now ≥ exp`).
    #[must_use]
    pub fn expired(&self, now: i64) -> bool {
        now >= self.exp
    }

    /// The salt's 16 bytes (after [`EnrolLink::parse`], cannot fail).
    pub fn salt_bytes(&self) -> Result<[u8; 16], Error> {
        b64::decode_array::<16>(&self.salt)
    }
}

/// `POST {iss}/device/v1/enrol` (spec §3 step 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    pub v: u32,
    pub tok: String,
    pub device_key: jwk::EcJwk,
    pub ecdh_key: jwk::EcJwk,
    pub os: String,
    pub model: String,
    pub app: String,
}

/// Free text shown in the device list: at most [`MAX_DEVICE_TEXT_CHARS`] characters, no
/// control characters (C0, DEL, C1), no line or paragraph separators, no bidi controls.
fn check_device_text(s: &str, what: &'static str) -> Result<(), Error> {
    let bad = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if s.chars().count() > MAX_DEVICE_TEXT_CHARS {
        return Err(Error::TooLarge(what));
    }
    if s.chars().any(bad) {
        return Err(Error::Malformed(what));
    }
    Ok(())
}

impl EnrolRequest {
    /// `v` = 1; `tok` 32 bytes `B64`; both keys well-formed P-256 JWKs, not the same key;
    /// `os`, `model`, `app` at most 64 characters, no control characters.
    pub fn check(&self) -> Result<(), Error> {
        check_version(self.v)?;
        check_b64_len::<32>(&self.tok, "tok")?;
        self.device_key
            .check()
            .map_err(|_| Error::Malformed("device_key"))?;
        self.ecdh_key
            .check()
            .map_err(|_| Error::Malformed("ecdh_key"))?;
        if self.device_key == self.ecdh_key {
            return Err(Error::Malformed("ecdh_key"));
        }
        check_device_text(&self.os, "os")?;
        check_device_text(&self.model, "model")?;
        check_device_text(&self.app, "app")
    }

    /// The device id: the device key's thumbprint.
    #[must_use]
    pub fn device_id(&self) -> String {
        self.device_key.thumbprint()
    }
}

/// The payload of the server's enrolment answer, `typ` `limen-enrolment+jwt` (spec §3 step 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolAnswer {
    pub v: u32,
    pub iss: String,
    /// The device id.
    pub device: String,
    /// The server's ephemeral ECDH key `f`.
    pub ecdh_key: jwk::EcJwk,
    /// The server key `S`.
    pub server_key: jwk::EcJwk,
    /// The device name the user gave.
    pub name: String,
    /// The account's e-mail address, to show.
    pub account: String,
    pub iat: i64,
}

/// `POST {iss}/device/v1/enrol/confirm` (spec §3 step 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    pub v: u32,
    /// `B64(HMAC(K, "limen-mobile/1 pin check" ‖ P(PIN)))`, see [`crate::kdf::pin_check`].
    pub pin_check: String,
}

impl ConfirmRequest {
    /// `v` = 1; `pin_check` 32 bytes `B64`.
    pub fn check(&self) -> Result<(), Error> {
        check_version(self.v)?;
        check_b64_len::<32>(&self.pin_check, "pin_check")
    }
}

// ---------------------------------------------------------------------------------------------
// §5 Challenges
// ---------------------------------------------------------------------------------------------

/// Which method a challenge serves (spec §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeKind {
    Push,
    Offline,
    OnMobile,
}

/// Where the login comes from, coarsely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The browser's network, e.g. `203.0.113.0/24`.
    pub ip: String,
    /// E.g. `Firefox on Linux`.
    pub browser: String,
}

/// One line of a transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A transaction to approve (RFC 9396-like structured data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    pub title: String,
    pub fields: Vec<Field>,
}

/// What the device must show before asking anything; its hash `dh` is bound into the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Display {
    pub service: String,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx: Option<Transaction>,
}

/// The payload of a challenge, `typ` `limen-challenge+jwt` (spec §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengePayload {
    pub v: u32,
    pub iss: String,
    /// 43 characters.
    pub id: String,
    pub kind: ChallengeKind,
    pub iat: i64,
    /// At most `iat + 120`.
    pub exp: i64,
    pub display: Display,
}

impl ChallengePayload {
    /// What a device checks after the signature (spec §5): `v` = 1, `iss` its own, an `id` of
    /// 43 `B64` characters, `0 ≤ exp − iat ≤ 120`, and not expired at `now` (`now ≥ exp`), with
    /// [`OFFLINE_CLOCK_LEEWAY_SECONDS`] more for offline challenges.
    pub fn check(&self, iss: &str, now: i64) -> Result<(), Error> {
        check_version(self.v)?;
        if self.iss != iss {
            return Err(Error::Malformed("iss"));
        }
        check_b64_len::<32>(&self.id, "id")?;
        let life = self
            .exp
            .checked_sub(self.iat)
            .ok_or(Error::Malformed("exp"))?;
        if !(0..=MAX_CHALLENGE_SECONDS).contains(&life) {
            return Err(Error::Malformed("exp"));
        }
        let leeway = if self.kind == ChallengeKind::Offline {
            OFFLINE_CLOCK_LEEWAY_SECONDS
        } else {
            0
        };
        if now >= self.exp.saturating_add(leeway) {
            return Err(Error::Expired);
        }
        Ok(())
    }
}

/// The user's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Deny,
}

impl Decision {
    /// `approve` or `deny`, as on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Deny => "deny",
        }
    }
}

/// `POST {iss}/device/v1/challenges/{id}` (spec §5.1, §5.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    pub v: u32,
    pub decision: Decision,
    /// The two digits typed (`""` for on-mobile, and when denying).
    #[serde(default)]
    pub number: String,
    /// `B64(SHA256(JCS(display)))` of the display shown.
    pub dh: String,
    /// [`approval_mac`] under `K'`; only with `approve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_proof: Option<String>,
}

impl AnswerRequest {
    /// `v` = 1; `number` at most 2 ASCII digits; `dh` 32 bytes `B64`; `pin_proof` 32 bytes
    /// `B64`, present with `approve` and absent with `deny` (a denial needs no PIN).
    pub fn check(&self) -> Result<(), Error> {
        check_version(self.v)?;
        if self.number.len() > 2 || !self.number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Malformed("number"));
        }
        check_b64_len::<32>(&self.dh, "dh")?;
        match (self.decision, &self.pin_proof) {
            (Decision::Approve, Some(p)) => check_b64_len::<32>(p, "pin_proof"),
            (Decision::Deny, None) => Ok(()),
            _ => Err(Error::Malformed("pin_proof")),
        }
    }
}

/// The result of an answer (spec §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptResult {
    Approved,
    Denied,
    WrongNumber,
    WrongPin,
    Locked,
    Expired,
    Gone,
}

/// The payload of a receipt, `typ` `limen-receipt+jwt` (spec §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub v: u32,
    pub iss: String,
    pub challenge: String,
    pub device: String,
    pub decision: Decision,
    pub result: ReceiptResult,
    pub iat: i64,
}

// ---------------------------------------------------------------------------------------------
// §7 Wake-ups
// ---------------------------------------------------------------------------------------------

/// `PUT {iss}/device/v1/push` (spec §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushSubscription {
    pub v: u32,
    /// The push service's URL for this device.
    pub endpoint: String,
    /// The device's P-256 ECDH key for RFC 8291: `B64` of a 65-byte uncompressed point.
    pub p256dh: String,
    /// The RFC 8291 authentication secret: `B64` of 16 bytes.
    pub auth: String,
}

impl PushSubscription {
    /// `v` = 1; `endpoint` an https URL (http only on a loopback host) of at most
    /// [`MAX_ENDPOINT_LEN`] bytes, query allowed; `p256dh` a 65-byte point starting `0x04`;
    /// `auth` 16 bytes.
    ///
    /// The server sends requests to `endpoint`: this checks its form only. Refusing endpoints
    /// that resolve to internal addresses (and loopback outside tests) is the sender's job.
    pub fn check(&self) -> Result<(), Error> {
        check_version(self.v)?;
        check_url(&self.endpoint, MAX_ENDPOINT_LEN, true).map_err(|e| {
            if let Error::TooLarge(_) = e {
                Error::TooLarge("endpoint")
            } else {
                Error::Malformed("endpoint")
            }
        })?;
        let point =
            b64::decode_array::<65>(&self.p256dh).map_err(|_| Error::Malformed("p256dh"))?;
        if point[0] != 0x04 {
            return Err(Error::Malformed("p256dh"));
        }
        check_b64_len::<16>(&self.auth, "auth")
    }
}

// ---------------------------------------------------------------------------------------------
// Signed payloads, hashes, MACs, codes
// ---------------------------------------------------------------------------------------------

/// Verifies a signed object of type `typ` under `key` (for a device: the pinned server key)
/// and reads its payload as `T`, after checking its `v` is 1 (`Error::WrongVersion`).
pub fn open<T: DeserializeOwned>(signed: &str, typ: &str, key: &jwk::EcJwk) -> Result<T, Error> {
    let (_, payload) = jws::verify(signed, typ, key)?;
    if payload.get("v") != Some(&Value::from(VERSION)) {
        return Err(Error::WrongVersion);
    }
    serde_json::from_value(payload).map_err(|_| Error::Malformed("payload"))
}

/// Signs `payload` as a signed object of type `typ`, `kid` = the key's thumbprint (how the
/// server signs challenges, enrolment answers and receipts).
pub fn seal<T: Serialize>(key: &jws::SigningKey, typ: &str, payload: &T) -> Result<String, Error> {
    let value = serde_json::to_value(payload).map_err(|_| Error::Malformed("payload"))?;
    let kid = key.thumbprint();
    jws::sign(key, typ, jws::Kid::Id(&kid), &value)
}

/// `dh = B64(SHA256(JCS(display)))` (spec §5).
pub fn display_hash(display: &Display) -> Result<String, Error> {
    let value = serde_json::to_value(display).map_err(|_| Error::Malformed("display"))?;
    Ok(b64::encode(&sha256(&jcs::canonical(&value)?)))
}

/// `pin_proof = B64(HMAC(K, JCS({"challenge", "decision", "device", "dh", "number"})))`
/// (spec §5.1).
pub fn approval_mac(
    k: &[u8; 32],
    challenge: &str,
    decision: Decision,
    device: &str,
    dh: &str,
    number: &str,
) -> Result<String, Error> {
    let mut m = Map::new();
    m.insert("challenge".to_owned(), Value::from(challenge));
    m.insert("decision".to_owned(), Value::from(decision.as_str()));
    m.insert("device".to_owned(), Value::from(device));
    m.insert("dh".to_owned(), Value::from(dh));
    m.insert("number".to_owned(), Value::from(number));
    let canonical = jcs::canonical(&Value::Object(m))?;
    Ok(b64::encode(&hmac_sha256(k, &[&canonical])))
}

/// The offline code (spec §5.2): `OCRA("OCRA-1:HOTP-SHA256-8:QH64", K,
/// Q = hex(SHA256(JCS(payload))))`, 8 digits.
pub fn offline_code(k: &[u8; 32], payload: &ChallengePayload) -> Result<String, Error> {
    let value = serde_json::to_value(payload).map_err(|_| Error::Malformed("payload"))?;
    offline_code_of_value(k, &value)
}

/// [`offline_code`] of a payload as received (every member, known or not, is hashed).
pub fn offline_code_of_value(k: &[u8; 32], payload: &Value) -> Result<String, Error> {
    let question = hex::encode(sha256(&jcs::canonical(payload)?));
    let suite = ocra::Suite::parse(OFFLINE_SUITE)?;
    ocra::compute(
        &suite,
        k,
        &ocra::Input {
            question: &question,
            ..ocra::Input::default()
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Challenge links (§5.2, §5.3)
// ---------------------------------------------------------------------------------------------

/// `limen://challenge?c=<signed>` (spec §5.2): a compact signed object is URL-safe as it is.
#[must_use]
pub fn challenge_link(signed: &str) -> String {
    format!("{CHALLENGE_PREFIX}c={signed}")
}

/// `limen://challenge?id=<id>&iss=<iss, percent-encoded>` (spec §5.3).
#[must_use]
pub fn on_mobile_link(iss: &str, id: &str) -> String {
    format!(
        "{CHALLENGE_PREFIX}id={}&iss={}",
        percent_encode(id),
        percent_encode(iss)
    )
}

/// A parsed challenge link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeLink {
    /// The signed challenge itself (offline, §5.2), **not verified**.
    Signed(String),
    /// A challenge to fetch from `iss` (on-mobile, §5.3).
    ById { iss: String, id: String },
}

/// Parses either form of challenge link. The signed form is only checked to look like a
/// compact signed object (the device verifies it); the other needs an `id` of 43 `B64`
/// characters and an `iss` that passes [`check_iss`]. Any other parameter, a repeated one, or
/// a fragment is refused.
pub fn parse_challenge_link(link: &str) -> Result<ChallengeLink, Error> {
    const BAD: Error = Error::Malformed("challenge link");
    if link.len() > MAX_LINK_LEN {
        return Err(Error::TooLarge("link"));
    }
    let query = link.strip_prefix(CHALLENGE_PREFIX).ok_or(BAD)?;
    let (mut c, mut id, mut iss) = (None, None, None);
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').ok_or(BAD)?;
        let slot = match name {
            "c" => &mut c,
            "id" => &mut id,
            "iss" => &mut iss,
            _ => return Err(BAD),
        };
        if slot.replace(value).is_some() {
            return Err(BAD);
        }
    }
    match (c, id, iss) {
        (Some(c), None, None) => {
            let parts: Vec<&str> = c.split('.').collect();
            let ok = parts.len() == 3
                && parts.iter().all(|p| {
                    !p.is_empty()
                        && p.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                });
            if ok {
                Ok(ChallengeLink::Signed(c.to_owned()))
            } else {
                Err(BAD)
            }
        }
        (None, Some(id), Some(iss)) => {
            let id = percent_decode(id).ok_or(BAD)?;
            let iss = percent_decode(iss).ok_or(BAD)?;
            check_b64_len::<32>(&id, "id")?;
            check_iss(&iss)?;
            Ok(ChallengeLink::ById { iss, id })
        }
        _ => Err(BAD),
    }
}

/// Percent-encodes every byte but the unreserved characters of RFC 3986 §2.3.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (RFC 3986 §2.1); `+` is not a space here. `None` for a broken escape
/// or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = char::from(*bytes.get(i + 1)?).to_digit(16)?;
            let lo = char::from(*bytes.get(i + 2)?).to_digit(16)?;
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
