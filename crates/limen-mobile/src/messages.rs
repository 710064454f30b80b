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

/// Longest transaction title, in characters (spec §5.5).
pub const MAX_TX_TITLE_CHARS: usize = 200;
/// Most fields in a transaction (spec §5.5).
pub const MAX_TX_FIELDS: usize = 20;
/// Longest field label, in characters (spec §5.5).
pub const MAX_TX_LABEL_CHARS: usize = 100;
/// Longest field value, in characters (spec §5.5).
pub const MAX_TX_VALUE_CHARS: usize = 500;
/// Longest field pattern, in characters (spec §5.5).
pub const MAX_TX_PATTERN_CHARS: usize = 200;

/// One line of a transaction (spec §5.5). A field the user must type again (`retype`) comes
/// **without** its `value` and with an optional `pattern` the typed value must match; the
/// device puts the typed value in `value` before it hashes the display or makes a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    /// Absent from a `retype` field as sent; present everywhere else. Left out of the JSON
    /// when absent, so a display without retyped fields hashes as it always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The user types the value (seed 003: DG CLIMA's registry asks for the beneficiary).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retype: bool,
    /// A regular expression the typed value must match as a whole (spec §5.5: the subset
    /// common to ECMAScript and Rust's `regex`). Only with `retype`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

impl Field {
    /// A plain field: a label and its value, nothing to type.
    #[must_use]
    pub fn shown(label: &str, value: &str) -> Self {
        Self {
            label: label.to_owned(),
            value: Some(value.to_owned()),
            retype: false,
            pattern: None,
        }
    }
}

/// A transaction to approve (RFC 9396-like structured data), spec §5.5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    pub title: String,
    pub fields: Vec<Field>,
}

/// Text of a transaction: at most `max` characters, no control characters (spec §5.5).
fn check_tx_text(s: &str, max: usize, what: &'static str) -> Result<(), Error> {
    if s.chars().count() > max {
        return Err(Error::TooLarge(what));
    }
    if s.chars().any(char::is_control) {
        return Err(Error::Malformed(what));
    }
    Ok(())
}

impl Transaction {
    /// What a device checks before it shows a transaction as received (spec §5.5): a title
    /// of 1–200 characters, 1–20 fields, labels of 1–100, no control characters; a plain
    /// field has a value (1–500 characters) and no pattern; a `retype` field has **no** value
    /// (the server never sends what the user must type) and a pattern of at most 200.
    pub fn check_received(&self) -> Result<(), Error> {
        self.check(false)
    }

    /// As [`Transaction::check_received`], with every field's value present (the display
    /// with the typed values filled in, or the server's own).
    pub fn check_filled(&self) -> Result<(), Error> {
        self.check(true)
    }

    fn check(&self, filled: bool) -> Result<(), Error> {
        if self.title.is_empty() {
            return Err(Error::Malformed("title"));
        }
        check_tx_text(&self.title, MAX_TX_TITLE_CHARS, "title")?;
        if self.fields.is_empty() {
            return Err(Error::Malformed("fields"));
        }
        if self.fields.len() > MAX_TX_FIELDS {
            return Err(Error::TooLarge("fields"));
        }
        for f in &self.fields {
            if f.label.is_empty() {
                return Err(Error::Malformed("label"));
            }
            check_tx_text(&f.label, MAX_TX_LABEL_CHARS, "label")?;
            match (&f.value, f.retype && !filled) {
                (Some(v), false) => {
                    if v.is_empty() {
                        return Err(Error::Malformed("value"));
                    }
                    check_tx_text(v, MAX_TX_VALUE_CHARS, "value")?;
                }
                (None, true) => {}
                _ => return Err(Error::Malformed("value")),
            }
            match &f.pattern {
                Some(p) if f.retype => check_tx_text(p, MAX_TX_PATTERN_CHARS, "pattern")?,
                Some(_) => return Err(Error::Malformed("pattern")),
                None => {}
            }
        }
        Ok(())
    }

    /// The fields the user must type, in order.
    pub fn retyped(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.retype)
    }

    /// The transaction as a device receives it: every `retype` field without its value.
    #[must_use]
    pub fn as_sent(&self) -> Self {
        let mut t = self.clone();
        for f in t.fields.iter_mut().filter(|f| f.retype) {
            f.value = None;
        }
        t
    }
}

/// What the device must show before asking anything; its hash `dh` is bound into the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Display {
    pub service: String,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx: Option<Transaction>,
}

impl Display {
    /// Whether the user must type something before approving (a `retype` field).
    #[must_use]
    pub fn asks_to_type(&self) -> bool {
        self.tx
            .as_ref()
            .is_some_and(|t| t.retyped().next().is_some())
    }

    /// The display as a device receives it (spec §5.5): retyped values taken out. The server
    /// keeps the display with the true values and signs this one into the challenge.
    #[must_use]
    pub fn as_sent(&self) -> Self {
        Self {
            tx: self.tx.as_ref().map(Transaction::as_sent),
            ..self.clone()
        }
    }

    /// The display with `typed` put in the `retype` fields' `value`, in order (spec §5.5):
    /// what the device hashes into `dh` when it approves. As many values as retype fields.
    pub fn with_values(&self, typed: &[&str]) -> Result<Self, Error> {
        let mut d = self.clone();
        let mut values = typed.iter();
        if let Some(tx) = d.tx.as_mut() {
            for f in tx.fields.iter_mut().filter(|f| f.retype) {
                f.value =
                    Some((*values.next().ok_or(Error::Malformed("typed values"))?).to_owned());
            }
        }
        if values.next().is_some() {
            return Err(Error::Malformed("typed values"));
        }
        Ok(d)
    }
}

/// Puts `typed` in the `retype` fields of a challenge payload **as received** (spec §5.5):
/// each field of `display.tx.fields` whose `retype` is `true`, in order, gets `"value"`.
/// Every other member, known or not, stays as it is, so the offline code (§5.2) still covers
/// the whole payload. As many values as retype fields.
pub fn fill_payload_values(payload: &mut Value, typed: &[&str]) -> Result<(), Error> {
    let mut values = typed.iter();
    if let Some(fields) = payload
        .get_mut("display")
        .and_then(|d| d.get_mut("tx"))
        .and_then(|t| t.get_mut("fields"))
        .and_then(Value::as_array_mut)
    {
        for f in fields.iter_mut() {
            if f.get("retype") == Some(&Value::Bool(true)) {
                let v = values.next().ok_or(Error::Malformed("typed values"))?;
                let obj = f.as_object_mut().ok_or(Error::Malformed("field"))?;
                obj.insert("value".to_owned(), Value::from(*v));
            }
        }
    }
    if values.next().is_some() {
        return Err(Error::Malformed("typed values"));
    }
    Ok(())
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
    /// [`OFFLINE_CLOCK_LEEWAY_SECONDS`] more for offline challenges; a transaction, if any, per
    /// [`Transaction::check_received`] (spec §5.5).
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
        match &self.display.tx {
            Some(tx) => tx.check_received(),
            None => Ok(()),
        }
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

/// An optional member that, when present, has a value: `null` is refused (spec §1).
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// Why the user denied a request, when they say (spec §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DenyReason {
    /// "This was not me": someone else started the sign-in (so knows the password); the
    /// server tells the account holder.
    NotMe,
}

impl DenyReason {
    /// As on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotMe => "not_me",
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
    /// Why it was denied, if the user said; only with `deny`. Absent, not `null` (spec §1).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub reason: Option<DenyReason>,
}

impl AnswerRequest {
    /// `v` = 1; `number` at most 2 ASCII digits; `dh` 32 bytes `B64`; `pin_proof` 32 bytes
    /// `B64`, present with `approve` and absent with `deny` (a denial needs no PIN); a
    /// `reason` only with `deny`.
    pub fn check(&self) -> Result<(), Error> {
        check_version(self.v)?;
        if self.number.len() > 2 || !self.number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Malformed("number"));
        }
        check_b64_len::<32>(&self.dh, "dh")?;
        if self.reason.is_some() && self.decision != Decision::Deny {
            return Err(Error::Malformed("reason"));
        }
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
// §5.4 PIN check
// ---------------------------------------------------------------------------------------------

/// Largest difference between a PIN check's `iat` and the server's clock (spec §5.4).
pub const PIN_CHECK_SECONDS: i64 = 60;

/// `POST {iss}/device/v1/pin` (spec §5.4): asks the server whether a PIN is right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinCheckRequest {
    pub v: u32,
    /// When the device made the proof; the server refuses one more than
    /// [`PIN_CHECK_SECONDS`] away from its clock.
    pub iat: i64,
    /// [`pin_check_mac`] under `K'`.
    pub pin_proof: String,
}

impl PinCheckRequest {
    /// `v` = 1; `iat` a protocol integer (spec §1: within ±(2^53−1)); `pin_proof` 32 bytes
    /// `B64`.
    pub fn check(&self) -> Result<(), Error> {
        check_version(self.v)?;
        if !(-jcs::MAX_SAFE_INTEGER..=jcs::MAX_SAFE_INTEGER).contains(&self.iat) {
            return Err(Error::Malformed("iat"));
        }
        check_b64_len::<32>(&self.pin_proof, "pin_proof")
    }
}

/// The server's answer to a PIN check (spec §5.4): `{"result": …}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PinCheckResult {
    /// The PIN is right (the count of wrong PINs starts again).
    Ok,
    /// The PIN is wrong; the try was counted.
    WrongPin,
    /// The PIN is wrong and that try locked the device (or it had no try left).
    Locked,
}

/// The body of the answer to a PIN check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinCheckAnswer {
    pub result: PinCheckResult,
}

/// `pin_proof = B64(HMAC(K', JCS({"device": <device id>, "iat": iat, "purpose":
/// "pin_check"})))` (spec §5.4). `purpose` keeps it apart from every other MAC under `K`.
pub fn pin_check_mac(k: &[u8; 32], device: &str, iat: i64) -> Result<String, Error> {
    let mut m = Map::new();
    m.insert("device".to_owned(), Value::from(device));
    m.insert("iat".to_owned(), Value::from(iat));
    m.insert("purpose".to_owned(), Value::from("pin_check"));
    let canonical = jcs::canonical(&Value::Object(m))?;
    Ok(b64::encode(&hmac_sha256(k, &[&canonical])))
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
    Ok(ocra::compute(
        &suite,
        k,
        &ocra::Input {
            question: &question,
            ..ocra::Input::default()
        },
    )?)
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

/// `{iss}/authenticator/#challenge=<id>` (spec §5.3): the same request for the installable web
/// app, which the server serves at `/authenticator/`. The id travels in the fragment, so it
/// is never sent to the server with the page.
#[must_use]
pub fn web_app_link(iss: &str, id: &str) -> String {
    format!("{iss}/authenticator/#challenge={}", percent_encode(id))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jws::SigningKey;
    use crate::{TYP_CHALLENGE, TYP_ENROLMENT, TYP_RECEIPT, ecdh, kdf};
    use serde_json::json;

    const ISS: &str = "https://id.example.eu";
    const NOW: i64 = 1_750_000_000;

    fn link_payload() -> EnrolLink {
        EnrolLink {
            v: 1,
            iss: ISS.to_owned(),
            tok: b64::encode(&[3u8; 32]),
            salt: b64::encode(&[4u8; 16]),
            sk: SigningKey::generate().unwrap().thumbprint(),
            exp: NOW + 300,
        }
    }

    /// An enrolment link of any JSON payload.
    fn raw_link(payload: &Value) -> String {
        format!(
            "{ENROL_PREFIX}{}",
            b64::encode(payload.to_string().as_bytes())
        )
    }

    #[test]
    fn enrol_link_round_trip() {
        let payload = link_payload();
        let link = payload.to_link();
        let p = link.strip_prefix("limen://enrol?p=").unwrap();
        // The payload is JCS: members sorted, no white space.
        let json = String::from_utf8(b64::decode(p).unwrap()).unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"exp":{},"iss":"{ISS}","salt":"{}","sk":"{}","tok":"{}","v":1}}"#,
                payload.exp, payload.salt, payload.sk, payload.tok
            )
        );
        assert_eq!(EnrolLink::parse(&link).unwrap(), payload);
        assert_eq!(payload.salt_bytes().unwrap(), [4u8; 16]);
        for iss in [
            "http://127.0.0.1:8080",
            "http://[::1]:3000",
            "http://localhost",
            "https://example.eu:8443/limen",
        ] {
            let p = EnrolLink {
                iss: iss.to_owned(),
                ..link_payload()
            };
            assert_eq!(EnrolLink::parse(&p.to_link()).unwrap(), p, "{iss}");
        }
    }

    #[test]
    fn enrol_link_refusals() {
        let good = serde_json::to_value(link_payload()).unwrap();
        assert!(EnrolLink::parse(&raw_link(&good)).is_ok());
        let with = |name: &str, v: Value| {
            let mut p = good.clone();
            p[name] = v;
            EnrolLink::parse(&raw_link(&p))
        };
        assert_eq!(with("v", json!(2)).unwrap_err(), Error::WrongVersion);
        assert_eq!(with("v", json!("1")).unwrap_err(), Error::WrongVersion);
        assert_eq!(
            with("iss", json!("http://id.example.eu")).unwrap_err(),
            Error::Malformed("URL not https")
        );
        assert_eq!(
            with("iss", json!("https://id.example.eu/")).unwrap_err(),
            Error::Malformed("URL")
        );
        assert_eq!(
            with("tok", json!(b64::encode(&[3u8; 31]))).unwrap_err(),
            Error::Malformed("tok")
        );
        assert_eq!(
            with("salt", json!(b64::encode(&[4u8; 32]))).unwrap_err(),
            Error::Malformed("salt")
        );
        assert_eq!(
            with("sk", json!("not-a-thumbprint")).unwrap_err(),
            Error::Malformed("sk")
        );
        assert!(matches!(
            with("exp", json!("soon")),
            Err(Error::Malformed(_))
        ));
        let mut missing = good.clone();
        missing.as_object_mut().unwrap().remove("salt");
        assert!(EnrolLink::parse(&raw_link(&missing)).is_err());
        let link = raw_link(&good);
        for bad in [
            link.replacen("limen://enrol?p=", "limen://enrol?q=", 1),
            link.replacen("limen://", "https://", 1),
            format!("{link}&x=1"),
            format!("{link}="),
            format!("{link}#f"),
            "limen://enrol?p=".to_owned(),
            format!("limen://enrol?p={}", b64::encode(b"[1,2]")),
            format!("limen://enrol?p={}", "A".repeat(MAX_LINK_LEN)),
        ] {
            assert!(EnrolLink::parse(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn enrol_link_expiry_is_the_callers_check() {
        // parse takes no clock: an expired link parses, and `expired` says it is.
        let p = EnrolLink {
            exp: NOW - 1,
            ..link_payload()
        };
        let parsed = EnrolLink::parse(&p.to_link()).unwrap();
        assert!(parsed.expired(NOW));
        assert!(parsed.expired(parsed.exp));
        assert!(!parsed.expired(parsed.exp - 1));
    }

    #[test]
    fn base_urls() {
        for ok in [
            "https://id.example.eu",
            "https://id.example.eu:8443",
            "https://example.eu/limen",
            "https://example.eu/a/b-c_d~e%20",
            "https://192.0.2.1",
            "https://[2001:db8::1]:443",
            "http://127.0.0.1",
            "http://127.0.0.1:8080",
            "http://[::1]",
            "http://[::1]:3000/x",
            "http://localhost:3000",
        ] {
            assert_eq!(check_iss(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "https://",
            "https:///x",
            "id.example.eu",
            "ftp://id.example.eu",
            "HTTPS://id.example.eu",
            "https://id.example.eu/",
            "https://id.example.eu/a//b",
            "https://id.example.eu/./b",
            "https://id.example.eu/a/..",
            "https://id.example.eu?x=1",
            "https://id.example.eu#top",
            "https://user@id.example.eu",
            "https://id.example.eu:",
            "https://id.example.eu:0",
            "https://id.example.eu:65536",
            "https://id.example.eu:80a",
            "https://id example.eu",
            "https://id.example.eu\\x",
            "https://é.example",
            "https://-id.example.eu",
            "https://id..example.eu",
            "https://[::1",
            "https://[::1]x",
            "https://[zz]",
        ] {
            assert_eq!(check_iss(bad), Err(Error::Malformed("URL")), "{bad}");
        }
        for not_https in [
            "http://id.example.eu",
            "http://127.0.0.2",
            "http://localhost.evil.example",
            "http://[::2]",
            "http://0.0.0.0",
        ] {
            assert_eq!(
                check_iss(not_https),
                Err(Error::Malformed("URL not https")),
                "{not_https}"
            );
        }
        assert_eq!(
            check_iss(&format!("https://a.eu/{}", "x".repeat(MAX_ISS_LEN))),
            Err(Error::TooLarge("URL"))
        );
    }

    fn enrol_request() -> EnrolRequest {
        EnrolRequest {
            v: 1,
            tok: b64::encode(&[3u8; 32]),
            device_key: SigningKey::generate().unwrap().public_jwk(),
            ecdh_key: ecdh::Ephemeral::generate().unwrap().public_jwk(),
            os: "Android 15".to_owned(),
            model: "Pixel 8".to_owned(),
            app: "MyAuthenticator 1.0".to_owned(),
        }
    }

    #[test]
    fn enrol_request_has_the_spec_member_names() {
        let r = enrol_request();
        let v = serde_json::to_value(&r).unwrap();
        let mut names: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["app", "device_key", "ecdh_key", "model", "os", "tok", "v"]
        );
        assert_eq!(
            serde_json::from_value::<EnrolRequest>(v.clone()).unwrap(),
            r
        );
        assert_eq!(r.device_id(), r.device_key.thumbprint());
        let mut extra = v;
        extra["name"] = json!("x");
        assert!(serde_json::from_value::<EnrolRequest>(extra).is_err());
    }

    #[test]
    fn enrol_request_bounds() {
        assert_eq!(enrol_request().check(), Ok(()));
        // 64 characters of two bytes each is fine; 65 is not.
        let r = EnrolRequest {
            model: "é".repeat(64),
            ..enrol_request()
        };
        assert_eq!(r.check(), Ok(()));
        let r = EnrolRequest {
            model: "é".repeat(65),
            ..enrol_request()
        };
        assert_eq!(r.check(), Err(Error::TooLarge("model")));
        for (r, what) in [
            (
                EnrolRequest {
                    os: "Android\n15".to_owned(),
                    ..enrol_request()
                },
                "os",
            ),
            (
                EnrolRequest {
                    app: "App\u{7f}".to_owned(),
                    ..enrol_request()
                },
                "app",
            ),
            (
                EnrolRequest {
                    app: "App\u{85}".to_owned(),
                    ..enrol_request()
                },
                "app",
            ),
            (
                EnrolRequest {
                    model: "Pixel\u{202e}8".to_owned(),
                    ..enrol_request()
                },
                "model",
            ),
            (
                EnrolRequest {
                    tok: "short".to_owned(),
                    ..enrol_request()
                },
                "tok",
            ),
        ] {
            assert_eq!(r.check(), Err(Error::Malformed(what)), "{what}");
        }
        let mut r = enrol_request();
        r.device_key.crv = "P-521".to_owned();
        assert_eq!(r.check(), Err(Error::Malformed("device_key")));
        let mut r = enrol_request();
        r.ecdh_key = r.device_key.clone();
        assert_eq!(r.check(), Err(Error::Malformed("ecdh_key")));
        assert_eq!(
            EnrolRequest {
                v: 2,
                ..enrol_request()
            }
            .check(),
            Err(Error::WrongVersion)
        );
    }

    #[test]
    fn confirm_request() {
        let k = [5u8; 32];
        let c = ConfirmRequest {
            v: 1,
            pin_check: kdf::pin_check(&k, &[6u8; 32]),
        };
        assert_eq!(c.check(), Ok(()));
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            json!({"v": 1, "pin_check": c.pin_check})
        );
        assert_eq!(
            ConfirmRequest {
                pin_check: "x".to_owned(),
                ..c.clone()
            }
            .check(),
            Err(Error::Malformed("pin_check"))
        );
        assert!(
            serde_json::from_str::<ConfirmRequest>(r#"{"v":1,"pin_check":"x","pin":"1234"}"#)
                .is_err()
        );
    }

    fn display() -> Display {
        Display {
            service: "Example".to_owned(),
            origin: Origin {
                ip: "203.0.113.0/24".to_owned(),
                browser: "Firefox on Linux".to_owned(),
            },
            tx: None,
        }
    }

    fn challenge(kind: ChallengeKind) -> ChallengePayload {
        ChallengePayload {
            v: 1,
            iss: ISS.to_owned(),
            id: "A".repeat(43),
            kind,
            iat: NOW,
            exp: NOW + 120,
            display: display(),
        }
    }

    #[test]
    fn challenge_payload_json_is_the_spec_s() {
        let mut c = challenge(ChallengeKind::OnMobile);
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            json!({"v": 1, "iss": ISS, "id": "A".repeat(43), "kind": "on_mobile", "iat": NOW,
                   "exp": NOW + 120, "display": {"service": "Example",
                   "origin": {"ip": "203.0.113.0/24", "browser": "Firefox on Linux"}}})
        );
        c.display.tx = Some(Transaction {
            title: "Payment".to_owned(),
            fields: vec![Field::shown("Amount", "10 EUR")],
        });
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(
            v["display"]["tx"],
            json!({"title": "Payment", "fields": [{"label": "Amount", "value": "10 EUR"}]})
        );
        assert_eq!(serde_json::from_value::<ChallengePayload>(v).unwrap(), c);
        assert_eq!(
            serde_json::to_value(ChallengeKind::Push).unwrap(),
            json!("push")
        );
        assert_eq!(
            serde_json::to_value(ChallengeKind::Offline).unwrap(),
            json!("offline")
        );
        assert!(serde_json::from_value::<ChallengeKind>(json!("sms")).is_err());
    }

    #[test]
    fn challenge_checks() {
        let push = challenge(ChallengeKind::Push);
        assert_eq!(push.check(ISS, NOW), Ok(()));
        assert_eq!(push.check(ISS, NOW + 119), Ok(()));
        assert_eq!(push.check(ISS, NOW + 120), Err(Error::Expired));
        assert_eq!(
            push.check("https://other.example", NOW),
            Err(Error::Malformed("iss"))
        );
        // Offline challenges get five minutes of clock difference, others none.
        let offline = challenge(ChallengeKind::Offline);
        assert_eq!(offline.check(ISS, NOW + 120 + 299), Ok(()));
        assert_eq!(offline.check(ISS, NOW + 120 + 300), Err(Error::Expired));
        let long = ChallengePayload {
            exp: NOW + 121,
            ..challenge(ChallengeKind::Push)
        };
        assert_eq!(long.check(ISS, NOW), Err(Error::Malformed("exp")));
        let backwards = ChallengePayload {
            exp: NOW - 1,
            ..challenge(ChallengeKind::Push)
        };
        assert_eq!(backwards.check(ISS, NOW - 10), Err(Error::Malformed("exp")));
        let short_id = ChallengePayload {
            id: "abc".to_owned(),
            ..challenge(ChallengeKind::Push)
        };
        assert_eq!(short_id.check(ISS, NOW), Err(Error::Malformed("id")));
        let v2 = ChallengePayload {
            v: 2,
            ..challenge(ChallengeKind::Push)
        };
        assert_eq!(v2.check(ISS, NOW), Err(Error::WrongVersion));
    }

    #[test]
    fn display_hash_matches_an_independent_computation() {
        // Python: base64.urlsafe_b64encode(hashlib.sha256(b'{"origin":{"browser":"Firefox on
        //   Linux","ip":"203.0.113.0/24"},"service":"Example"}').digest()).rstrip(b"=")
        let dh = display_hash(&display()).unwrap();
        assert_eq!(dh, "lONgv0t9OWfFUtZ9mXoXSrIhUDhzrImKrpVtz_CsBTA");
        let with_tx = Display {
            tx: Some(Transaction {
                title: "Pay".to_owned(),
                fields: vec![],
            }),
            ..display()
        };
        assert_ne!(display_hash(&with_tx).unwrap(), dh);
        let other_ip = Display {
            origin: Origin {
                ip: "198.51.100.0/24".to_owned(),
                ..display().origin
            },
            ..display()
        };
        assert_ne!(display_hash(&other_ip).unwrap(), dh);
    }

    #[test]
    fn approval_mac_matches_an_independent_computation() {
        // Python: base64.urlsafe_b64encode(hmac.new(bytes([1]*32), b'{"challenge":"c",
        //   "decision":"approve","device":"d","dh":"h","number":"07"}', hashlib.sha256)
        //   .digest()).rstrip(b"=")
        let k = [1u8; 32];
        let mac = approval_mac(&k, "c", Decision::Approve, "d", "h", "07").unwrap();
        assert_eq!(mac, "Bdri7JmKIUKpZ7PlWfNK89-pWll7KSCobPOGs6T7Z44");
        for other in [
            approval_mac(&k, "c", Decision::Deny, "d", "h", "07"),
            approval_mac(&k, "c", Decision::Approve, "d", "h", "7"),
            approval_mac(&k, "c", Decision::Approve, "d", "h", ""),
            approval_mac(&k, "c2", Decision::Approve, "d", "h", "07"),
            approval_mac(&k, "c", Decision::Approve, "d2", "h", "07"),
            approval_mac(&k, "c", Decision::Approve, "d", "h2", "07"),
            approval_mac(&[2u8; 32], "c", Decision::Approve, "d", "h", "07"),
        ] {
            assert_ne!(other.unwrap(), mac);
        }
    }

    #[test]
    fn pin_check_mac_matches_an_independent_computation() {
        // Python: base64.urlsafe_b64encode(hmac.new(bytes([1]*32), b'{"device":"d",
        //   "iat":1750000000,"purpose":"pin_check"}', hashlib.sha256).digest()).rstrip(b"=")
        let k = [1u8; 32];
        let mac = pin_check_mac(&k, "d", NOW).unwrap();
        assert_eq!(mac, "lUvl_nnBSG4oGrYCR8eqPSGZikbiw3DZou9HtgicZIc");
        for other in [
            pin_check_mac(&k, "d2", NOW),
            pin_check_mac(&k, "d", NOW + 1),
            pin_check_mac(&[2u8; 32], "d", NOW),
        ] {
            assert_ne!(other.unwrap(), mac);
        }
        // Not an approval's MAC of the same key and device.
        let approval = approval_mac(&k, "c", Decision::Approve, "d", "h", "").unwrap();
        assert_ne!(approval, mac);
        // JCS refuses what a device could not format exactly.
        assert!(pin_check_mac(&k, "d", jcs::MAX_SAFE_INTEGER + 1).is_err());
        // The web app's vector (tests/authenticator/vectors.json, "pin_check_proof"; the same
        // HMAC in Python gives it too): the server accepts what the browser sends.
        let k = b64::decode_array::<32>("-jDb_JJteYcTE1is9iHH5Q3qe2UXsUVold1iMWvuJUg").unwrap();
        assert_eq!(
            pin_check_mac(
                &k,
                "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
                1_750_000_042
            )
            .unwrap(),
            "M1-Ik772_a6iarW_1-1HlFyqRXv3jwa69xA94bX2OhU"
        );
    }

    #[test]
    fn pin_check_requests_and_answers() {
        let good = PinCheckRequest {
            v: 1,
            iat: NOW,
            pin_proof: b64::encode(&[8u8; 32]),
        };
        assert_eq!(good.check(), Ok(()));
        assert_eq!(
            serde_json::to_value(&good).unwrap(),
            json!({"v": 1, "iat": NOW, "pin_proof": good.pin_proof})
        );
        for (bad, err) in [
            (
                PinCheckRequest {
                    v: 2,
                    ..good.clone()
                },
                Error::WrongVersion,
            ),
            (
                PinCheckRequest {
                    iat: jcs::MAX_SAFE_INTEGER + 1,
                    ..good.clone()
                },
                Error::Malformed("iat"),
            ),
            (
                PinCheckRequest {
                    pin_proof: b64::encode(&[8u8; 31]),
                    ..good.clone()
                },
                Error::Malformed("pin_proof"),
            ),
        ] {
            assert_eq!(bad.check(), Err(err), "{bad:?}");
        }
        for refused in [
            json!({"v": 1, "iat": NOW, "pin_proof": good.pin_proof, "pin": "1234"}),
            json!({"v": 1, "pin_proof": good.pin_proof}),
            json!({"v": 1, "iat": "now", "pin_proof": good.pin_proof}),
            json!({"v": 1, "iat": 1.5, "pin_proof": good.pin_proof}),
        ] {
            assert!(
                serde_json::from_value::<PinCheckRequest>(refused.clone()).is_err(),
                "{refused}"
            );
        }
        for (result, wire) in [
            (PinCheckResult::Ok, "ok"),
            (PinCheckResult::WrongPin, "wrong_pin"),
            (PinCheckResult::Locked, "locked"),
        ] {
            let answer = PinCheckAnswer { result };
            assert_eq!(
                serde_json::to_value(answer).unwrap(),
                json!({ "result": wire })
            );
            assert_eq!(
                serde_json::from_value::<PinCheckAnswer>(json!({ "result": wire })).unwrap(),
                answer
            );
        }
        assert!(serde_json::from_value::<PinCheckAnswer>(json!({"result": "maybe"})).is_err());
    }

    #[test]
    fn offline_code_matches_an_independent_computation() {
        // Python, with the challenge(Offline) payload below written out in JCS form as `p`:
        //   q = hashlib.sha256(p).digest()
        //   data = b"OCRA-1:HOTP-SHA256-8:QH64\0" + q + bytes(96)
        //   h = hmac.new(bytes(range(32)), data, hashlib.sha256).digest(); o = h[-1] & 15
        //   print((int.from_bytes(h[o:o+4], "big") & 0x7fffffff) % 10**8)
        let k: [u8; 32] = std::array::from_fn(|i| i as u8);
        let payload = challenge(ChallengeKind::Offline);
        assert_eq!(
            hex::encode(sha256(
                &jcs::canonical(&serde_json::to_value(&payload).unwrap()).unwrap()
            )),
            "fa8f7c8d0c21b1e945119fe901e745075b5c32a18765123912d228e7e1daf46e"
        );
        let code = offline_code(&k, &payload).unwrap();
        assert_eq!(code, "76977638");
        assert_eq!(
            offline_code_of_value(&k, &serde_json::to_value(&payload).unwrap()).unwrap(),
            code
        );
        // Another payload, another key: another code.
        let later = ChallengePayload {
            iat: NOW + 1,
            ..payload.clone()
        };
        assert_ne!(offline_code(&k, &later).unwrap(), code);
        let mut other_display = payload.clone();
        other_display.display.service = "Other".to_owned();
        assert_ne!(offline_code(&k, &other_display).unwrap(), code);
        assert_ne!(offline_code(&[9u8; 32], &payload).unwrap(), code);
        // An unknown member received is part of the code.
        let mut extended = serde_json::to_value(&payload).unwrap();
        extended["x"] = json!(1);
        assert_ne!(offline_code_of_value(&k, &extended).unwrap(), code);
    }

    fn answer(decision: Decision) -> AnswerRequest {
        AnswerRequest {
            v: 1,
            decision,
            number: if decision == Decision::Approve {
                "42".to_owned()
            } else {
                String::new()
            },
            dh: display_hash(&display()).unwrap(),
            pin_proof: (decision == Decision::Approve).then(|| b64::encode(&[8u8; 32])),
            reason: None,
        }
    }

    #[test]
    fn a_denial_may_say_it_was_not_me() {
        let dh = display_hash(&display()).unwrap();
        let not_me: AnswerRequest = serde_json::from_value(
            json!({"v": 1, "decision": "deny", "dh": dh, "reason": "not_me"}),
        )
        .unwrap();
        assert_eq!(not_me.reason, Some(DenyReason::NotMe));
        assert_eq!(not_me.check(), Ok(()));
        assert_eq!(
            serde_json::to_value(&not_me).unwrap(),
            json!({"v": 1, "decision": "deny", "number": "", "dh": dh, "reason": "not_me"})
        );
        assert_eq!(DenyReason::NotMe.as_str(), "not_me");
        // Only that reason, and only with a denial.
        for other in [
            json!("NOT_ME"),
            json!("not me"),
            json!(""),
            json!("spam"),
            json!(null),
            json!(1),
        ] {
            assert!(
                serde_json::from_value::<AnswerRequest>(
                    json!({"v": 1, "decision": "deny", "dh": dh, "reason": other})
                )
                .is_err(),
                "{other}"
            );
        }
        let approving = AnswerRequest {
            reason: Some(DenyReason::NotMe),
            ..answer(Decision::Approve)
        };
        assert_eq!(approving.check(), Err(Error::Malformed("reason")));
    }

    #[test]
    fn answer_requests() {
        assert_eq!(answer(Decision::Approve).check(), Ok(()));
        assert_eq!(answer(Decision::Deny).check(), Ok(()));
        // The spec's denial: no number, no pin_proof.
        let dh = display_hash(&display()).unwrap();
        let deny: AnswerRequest =
            serde_json::from_value(json!({"v": 1, "decision": "deny", "dh": dh})).unwrap();
        assert_eq!(deny, answer(Decision::Deny));
        assert_eq!(
            serde_json::to_value(&deny).unwrap(),
            json!({"v": 1, "decision": "deny", "number": "", "dh": dh})
        );
        let approve = serde_json::to_value(answer(Decision::Approve)).unwrap();
        assert_eq!(approve["decision"], "approve");
        assert_eq!(approve["number"], "42");
        // On mobile: an empty number with approve.
        let on_mobile = AnswerRequest {
            number: String::new(),
            ..answer(Decision::Approve)
        };
        assert_eq!(on_mobile.check(), Ok(()));
        for (a, what) in [
            (
                AnswerRequest {
                    number: "123".to_owned(),
                    ..answer(Decision::Approve)
                },
                "number",
            ),
            (
                AnswerRequest {
                    number: "4a".to_owned(),
                    ..answer(Decision::Approve)
                },
                "number",
            ),
            (
                AnswerRequest {
                    number: "٤٢".to_owned(),
                    ..answer(Decision::Approve)
                },
                "number",
            ),
            (
                AnswerRequest {
                    dh: "x".to_owned(),
                    ..answer(Decision::Approve)
                },
                "dh",
            ),
            (
                AnswerRequest {
                    pin_proof: None,
                    ..answer(Decision::Approve)
                },
                "pin_proof",
            ),
            (
                AnswerRequest {
                    pin_proof: Some("x".to_owned()),
                    ..answer(Decision::Approve)
                },
                "pin_proof",
            ),
            (
                AnswerRequest {
                    pin_proof: Some(b64::encode(&[8u8; 32])),
                    ..answer(Decision::Deny)
                },
                "pin_proof",
            ),
        ] {
            assert_eq!(a.check(), Err(Error::Malformed(what)), "{a:?}");
        }
        assert_eq!(
            AnswerRequest {
                v: 0,
                ..answer(Decision::Deny)
            }
            .check(),
            Err(Error::WrongVersion)
        );
        assert!(
            serde_json::from_value::<AnswerRequest>(json!({"v": 1, "decision": "maybe", "dh": dh}))
                .is_err()
        );
        assert!(
            serde_json::from_value::<AnswerRequest>(
                json!({"v": 1, "decision": "deny", "dh": dh, "pin": "1234"})
            )
            .is_err()
        );
    }

    #[test]
    fn receipts_and_enrolment_answers_are_sealed_and_opened() {
        let server = SigningKey::generate().unwrap();
        let s = server.public_jwk();
        let receipt = Receipt {
            v: 1,
            iss: ISS.to_owned(),
            challenge: "A".repeat(43),
            device: "dev".to_owned(),
            decision: Decision::Approve,
            result: ReceiptResult::WrongNumber,
            iat: NOW,
        };
        let signed = seal(&server, TYP_RECEIPT, &receipt).unwrap();
        let (header, payload) = jws::peek(&signed).unwrap();
        assert_eq!(header.kid.as_deref(), Some(server.thumbprint().as_str()));
        assert_eq!(payload["result"], "wrong_number");
        assert_eq!(open::<Receipt>(&signed, TYP_RECEIPT, &s).unwrap(), receipt);
        assert_eq!(
            open::<Receipt>(&signed, TYP_CHALLENGE, &s).unwrap_err(),
            Error::WrongType
        );
        let other = SigningKey::generate().unwrap().public_jwk();
        assert_eq!(
            open::<Receipt>(&signed, TYP_RECEIPT, &other).unwrap_err(),
            Error::BadSignature
        );
        // Right signature, wrong shape or version.
        assert_eq!(
            open::<EnrolAnswer>(&signed, TYP_RECEIPT, &s).unwrap_err(),
            Error::Malformed("payload")
        );
        let v2 = seal(
            &server,
            TYP_RECEIPT,
            &Receipt {
                v: 2,
                ..receipt.clone()
            },
        )
        .unwrap();
        assert_eq!(
            open::<Receipt>(&v2, TYP_RECEIPT, &s).unwrap_err(),
            Error::WrongVersion
        );
        // Answers are read leniently: an unknown member is ignored.
        let mut extended = serde_json::to_value(&receipt).unwrap();
        extended["note"] = json!("later");
        let signed = jws::sign(&server, TYP_RECEIPT, jws::Kid::Id("k"), &extended).unwrap();
        assert_eq!(open::<Receipt>(&signed, TYP_RECEIPT, &s).unwrap(), receipt);

        let answer = EnrolAnswer {
            v: 1,
            iss: ISS.to_owned(),
            device: "dev".to_owned(),
            ecdh_key: ecdh::Ephemeral::generate().unwrap().public_jwk(),
            server_key: s.clone(),
            name: "My phone".to_owned(),
            account: "jane@example.eu".to_owned(),
            iat: NOW,
        };
        let signed = seal(&server, TYP_ENROLMENT, &answer).unwrap();
        let opened: EnrolAnswer = open(&signed, TYP_ENROLMENT, &answer.server_key).unwrap();
        assert_eq!(opened, answer);
        let names: Vec<String> = jws::peek(&signed)
            .unwrap()
            .1
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            names,
            [
                "account",
                "device",
                "ecdh_key",
                "iat",
                "iss",
                "name",
                "server_key",
                "v"
            ]
        );
    }

    #[test]
    fn results_on_the_wire() {
        let all = [
            (ReceiptResult::Approved, "approved"),
            (ReceiptResult::Denied, "denied"),
            (ReceiptResult::WrongNumber, "wrong_number"),
            (ReceiptResult::WrongPin, "wrong_pin"),
            (ReceiptResult::Locked, "locked"),
            (ReceiptResult::Expired, "expired"),
            (ReceiptResult::Gone, "gone"),
        ];
        for (r, text) in all {
            assert_eq!(serde_json::to_value(r).unwrap(), json!(text));
        }
    }

    fn push() -> PushSubscription {
        let mut point = vec![0x04];
        point.extend([1u8; 64]);
        PushSubscription {
            v: 1,
            endpoint: "https://push.example.net/wpush/v2/gAAAAABk?up=1".to_owned(),
            p256dh: b64::encode(&point),
            auth: b64::encode(&[2u8; 16]),
        }
    }

    #[test]
    fn push_subscriptions() {
        assert_eq!(push().check(), Ok(()));
        let loopback = PushSubscription {
            endpoint: "http://127.0.0.1:2586/up123".to_owned(),
            ..push()
        };
        assert_eq!(loopback.check(), Ok(()));
        for (p, what) in [
            (
                PushSubscription {
                    endpoint: "http://push.example.net/x".to_owned(),
                    ..push()
                },
                "endpoint",
            ),
            (
                PushSubscription {
                    endpoint: "https://push.example.net/x#f".to_owned(),
                    ..push()
                },
                "endpoint",
            ),
            (
                PushSubscription {
                    endpoint: "https://u@push.example.net/x".to_owned(),
                    ..push()
                },
                "endpoint",
            ),
            (
                PushSubscription {
                    endpoint: "mailto:a@example.net".to_owned(),
                    ..push()
                },
                "endpoint",
            ),
            (
                PushSubscription {
                    p256dh: b64::encode(&[4u8; 64]),
                    ..push()
                },
                "p256dh",
            ),
            (
                PushSubscription {
                    p256dh: b64::encode(&[2u8; 65]),
                    ..push()
                },
                "p256dh",
            ),
            (
                PushSubscription {
                    auth: b64::encode(&[2u8; 15]),
                    ..push()
                },
                "auth",
            ),
        ] {
            assert_eq!(p.check(), Err(Error::Malformed(what)), "{p:?}");
        }
        let long = PushSubscription {
            endpoint: format!("https://push.example.net/{}", "x".repeat(MAX_ENDPOINT_LEN)),
            ..push()
        };
        assert_eq!(long.check(), Err(Error::TooLarge("endpoint")));
        assert_eq!(
            PushSubscription { v: 2, ..push() }.check(),
            Err(Error::WrongVersion)
        );
        let mut extra = serde_json::to_value(push()).unwrap();
        extra["expirationTime"] = Value::Null;
        assert!(serde_json::from_value::<PushSubscription>(extra).is_err());
    }

    #[test]
    fn challenge_links_round_trip() {
        let server = SigningKey::generate().unwrap();
        let signed = seal(&server, TYP_CHALLENGE, &challenge(ChallengeKind::Offline)).unwrap();
        let link = challenge_link(&signed);
        assert_eq!(link, format!("limen://challenge?c={signed}"));
        assert_eq!(
            parse_challenge_link(&link).unwrap(),
            ChallengeLink::Signed(signed)
        );

        let iss = "https://example.eu:8443/limen";
        let id = "A".repeat(43);
        let link = on_mobile_link(iss, &id);
        assert_eq!(
            link,
            format!("limen://challenge?id={id}&iss=https%3A%2F%2Fexample.eu%3A8443%2Flimen")
        );
        let by_id = ChallengeLink::ById {
            iss: iss.to_owned(),
            id: id.clone(),
        };
        assert_eq!(parse_challenge_link(&link).unwrap(), by_id);
        // Parameters in either order; lower-case escapes too.
        let swapped =
            format!("limen://challenge?iss=https%3a%2f%2fexample.eu%3a8443%2flimen&id={id}");
        assert_eq!(parse_challenge_link(&swapped).unwrap(), by_id);
    }

    #[test]
    fn the_web_apps_link_carries_the_id_in_its_fragment() {
        let id = "Ab-_".repeat(10) + "xyz";
        assert_eq!(
            web_app_link("https://example.eu:8443/limen", &id),
            format!("https://example.eu:8443/limen/authenticator/#challenge={id}")
        );
        // Whatever an id held, it could not leave the fragment.
        assert_eq!(
            web_app_link("https://example.eu", "a&b#c d"),
            "https://example.eu/authenticator/#challenge=a%26b%23c%20d"
        );
    }

    #[test]
    fn garbage_challenge_links_are_refused() {
        let id = "A".repeat(43);
        let iss = "https%3A%2F%2Fid.example.eu";
        for bad in [
            String::new(),
            "limen://challenge".to_owned(),
            "limen://challenge?".to_owned(),
            "limen://challenge?c=".to_owned(),
            "limen://challenge?c=a.b".to_owned(),
            "limen://challenge?c=a.b.c.d".to_owned(),
            "limen://challenge?c=a..c".to_owned(),
            "limen://challenge?c=a.b+.c".to_owned(),
            "limen://challenge?c=a.b.c#x".to_owned(),
            "limen://challenge?c=a.b.c&c=a.b.c".to_owned(),
            format!("limen://challenge?c=a.b.c&id={id}"),
            format!("limen://challenge?id={id}"),
            format!("limen://challenge?iss={iss}"),
            format!("limen://challenge?id={id}&iss={iss}&x=1"),
            format!("limen://challenge?id={id}&id={id}&iss={iss}"),
            format!("limen://challenge?id={id}&iss"),
            format!("limen://challenge?id=abc&iss={iss}"),
            format!("limen://challenge?id={id}&iss=http%3A%2F%2Fid.example.eu"),
            format!("limen://challenge?id={id}&iss=https%3A%2F%2Fid.example.eu%2"),
            format!("limen://challenge?id={id}&iss=https%3A%2F%2Fid.example.eu%zz"),
            format!("limen://challenge?id={id}&iss=https%3A%2F%2Fid.example.eu%FF"),
            format!("limen://enrol?id={id}&iss={iss}"),
            format!("https://id.example.eu/authenticator/#challenge={id}"),
            format!("limen://challenge?c={}", "a".repeat(MAX_LINK_LEN)),
        ] {
            assert!(parse_challenge_link(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_whole_enrolment_and_approval_agree_on_both_sides() {
        // Server: enrolment link; device: parse, keys, request; server: K; device: K, M.
        let server = SigningKey::generate().unwrap();
        let salt = [4u8; 16];
        let link = EnrolLink {
            v: 1,
            iss: ISS.to_owned(),
            tok: b64::encode(&[3u8; 32]),
            salt: b64::encode(&salt),
            sk: server.thumbprint(),
            exp: NOW + 300,
        }
        .to_link();
        let server_pin_key = kdf::pin_key("2468", &salt).unwrap();

        let got = EnrolLink::parse(&link).unwrap();
        assert!(!got.expired(NOW));
        let device = SigningKey::generate().unwrap();
        let e = ecdh::Ephemeral::generate().unwrap();
        let request = EnrolRequest {
            v: 1,
            tok: got.tok.clone(),
            device_key: device.public_jwk(),
            ecdh_key: e.public_jwk(),
            os: "Linux".to_owned(),
            model: "Desktop".to_owned(),
            app: "limen-authenticator 0.1".to_owned(),
        };
        request.check().unwrap();
        let device_id = request.device_id();

        let f = ecdh::Ephemeral::generate().unwrap();
        let f_public = f.public_jwk();
        let k_server = kdf::offline_key(
            &f.agree(&request.ecdh_key).unwrap(),
            &request.tok,
            &device_id,
        );
        let answer = seal(
            &server,
            TYP_ENROLMENT,
            &EnrolAnswer {
                v: 1,
                iss: ISS.to_owned(),
                device: device_id.clone(),
                ecdh_key: f_public,
                server_key: server.public_jwk(),
                name: "Laptop".to_owned(),
                account: "jane@example.eu".to_owned(),
                iat: NOW,
            },
        )
        .unwrap();

        let (_, payload) = jws::peek(&answer).unwrap();
        let server_key: jwk::EcJwk = serde_json::from_value(payload["server_key"].clone()).unwrap();
        assert_eq!(server_key.thumbprint(), got.sk);
        let opened: EnrolAnswer = open(&answer, TYP_ENROLMENT, &server_key).unwrap();
        assert_eq!(opened.device, device_id);
        let k_device = kdf::offline_key(&e.agree(&opened.ecdh_key).unwrap(), &got.tok, &device_id);
        assert_eq!(k_device, k_server);
        let p = kdf::pin_key("2468", &got.salt_bytes().unwrap()).unwrap();
        let m = kdf::mask(&k_device, &p);
        assert_eq!(
            kdf::pin_check(&k_device, &p),
            kdf::pin_check(&k_server, &server_pin_key)
        );

        // Later: a push challenge, answered with the right PIN, then with a wrong one.
        let c = challenge(ChallengeKind::Push);
        let dh = display_hash(&c.display).unwrap();
        let k_right = kdf::mask(&m, &kdf::pin_key("2468", &salt).unwrap());
        let k_wrong = kdf::mask(&m, &kdf::pin_key("2469", &salt).unwrap());
        let expected =
            approval_mac(&k_server, &c.id, Decision::Approve, &device_id, &dh, "42").unwrap();
        let right =
            approval_mac(&k_right, &c.id, Decision::Approve, &device_id, &dh, "42").unwrap();
        let wrong =
            approval_mac(&k_wrong, &c.id, Decision::Approve, &device_id, &dh, "42").unwrap();
        assert!(crate::constant_time_eq(
            right.as_bytes(),
            expected.as_bytes()
        ));
        assert!(!crate::constant_time_eq(
            wrong.as_bytes(),
            expected.as_bytes()
        ));
        // Offline codes agree the same way.
        let offline = challenge(ChallengeKind::Offline);
        assert_eq!(
            offline_code(&k_right, &offline).unwrap(),
            offline_code(&k_server, &offline).unwrap()
        );
        assert_ne!(
            offline_code(&k_wrong, &offline).unwrap(),
            offline_code(&k_server, &offline).unwrap()
        );
    }

    /// A signing display as the server holds it: the true value of the retyped field in.
    fn signing_display() -> Display {
        Display {
            tx: Some(Transaction {
                title: "Transfer of allowances".to_owned(),
                fields: vec![
                    Field::shown("Amount", "100 EUA"),
                    Field {
                        label: "To account".to_owned(),
                        value: Some("EU-100-5".to_owned()),
                        retype: true,
                        pattern: Some("^EU-[0-9]+-[0-9]+$".to_owned()),
                    },
                ],
            }),
            ..display()
        }
    }

    #[test]
    fn a_retyped_field_is_sent_without_its_value() {
        let truth = signing_display();
        let sent = truth.as_sent();
        assert_eq!(
            serde_json::to_value(&sent).unwrap()["tx"],
            json!({"title": "Transfer of allowances", "fields": [
                {"label": "Amount", "value": "100 EUA"},
                {"label": "To account", "retype": true, "pattern": "^EU-[0-9]+-[0-9]+$"}]})
        );
        assert!(sent.asks_to_type());
        assert!(!display().asks_to_type());
        assert_eq!(sent.tx.as_ref().unwrap().check_received(), Ok(()));
        // The server's own display has every value.
        assert_eq!(truth.tx.as_ref().unwrap().check_filled(), Ok(()));
        assert_eq!(
            truth.tx.as_ref().unwrap().check_received(),
            Err(Error::Malformed("value"))
        );
        // Read back as sent: the value stays absent (not "").
        let back: Display = serde_json::from_value(serde_json::to_value(&sent).unwrap()).unwrap();
        assert_eq!(back, sent);
        assert_eq!(back.tx.unwrap().fields[1].value, None);
    }

    #[test]
    fn displays_without_retyped_fields_hash_as_before() {
        // The JCS text of a display is what it was before fields had `retype`/`pattern`.
        let d = Display {
            tx: Some(Transaction {
                title: "Payment".to_owned(),
                fields: vec![Field::shown("Amount", "10 EUR")],
            }),
            ..display()
        };
        let text =
            String::from_utf8(jcs::canonical(&serde_json::to_value(&d).unwrap()).unwrap()).unwrap();
        assert_eq!(
            text,
            r#"{"origin":{"browser":"Firefox on Linux","ip":"203.0.113.0/24"},"service":"Example","tx":{"fields":[{"label":"Amount","value":"10 EUR"}],"title":"Payment"}}"#
        );
        assert_eq!(
            display_hash(&d).unwrap(),
            b64::encode(&sha256(text.as_bytes()))
        );
        assert_eq!(d.as_sent(), d);
        assert_eq!(d.with_values(&[]).unwrap(), d);
    }

    #[test]
    fn the_typed_values_make_the_hash_and_the_code() {
        let truth = signing_display();
        let sent = truth.as_sent();
        let right = sent.with_values(&["EU-100-5"]).unwrap();
        assert_eq!(right, truth);
        assert_eq!(display_hash(&right).unwrap(), display_hash(&truth).unwrap());
        let typo = sent.with_values(&["EU-100-6"]).unwrap();
        assert_ne!(display_hash(&typo).unwrap(), display_hash(&truth).unwrap());
        assert_ne!(display_hash(&sent).unwrap(), display_hash(&truth).unwrap());
        // One value per retyped field, no more, no less.
        assert_eq!(sent.with_values(&[]), Err(Error::Malformed("typed values")));
        assert_eq!(
            sent.with_values(&["a", "b"]),
            Err(Error::Malformed("typed values"))
        );

        // Offline: the code over the payload as received, values put in, is the server's
        // code over the payload holding the true values.
        let k = [9u8; 32];
        let server_payload = ChallengePayload {
            display: truth.clone(),
            ..challenge(ChallengeKind::Offline)
        };
        let mut received = serde_json::to_value(ChallengePayload {
            display: sent.clone(),
            ..challenge(ChallengeKind::Offline)
        })
        .unwrap();
        // A member this version does not know is kept and hashed.
        received["display"]["tx"]["note"] = json!("later");
        let mut server_value = serde_json::to_value(&server_payload).unwrap();
        server_value["display"]["tx"]["note"] = json!("later");
        let mut typed = received.clone();
        fill_payload_values(&mut typed, &["EU-100-5"]).unwrap();
        assert_eq!(typed, server_value);
        assert_eq!(
            offline_code_of_value(&k, &typed).unwrap(),
            offline_code_of_value(&k, &server_value).unwrap()
        );
        let mut wrong = received.clone();
        fill_payload_values(&mut wrong, &["EU-100-50"]).unwrap();
        assert_ne!(
            offline_code_of_value(&k, &wrong).unwrap(),
            offline_code_of_value(&k, &server_value).unwrap()
        );
        assert_eq!(
            fill_payload_values(&mut received.clone(), &[]),
            Err(Error::Malformed("typed values"))
        );
        // A payload without a transaction takes no value.
        let mut login = serde_json::to_value(challenge(ChallengeKind::Offline)).unwrap();
        let before = login.clone();
        fill_payload_values(&mut login, &[]).unwrap();
        assert_eq!(login, before);
        assert_eq!(
            fill_payload_values(&mut login, &["x"]),
            Err(Error::Malformed("typed values"))
        );
    }

    #[test]
    fn transactions_out_of_bounds_are_refused() {
        let sent = signing_display().as_sent().tx.unwrap();
        let with = |f: &dyn Fn(&mut Transaction)| {
            let mut t = sent.clone();
            f(&mut t);
            t.check_received()
        };
        assert_eq!(with(&|_| {}), Ok(()));
        assert_eq!(with(&|t| t.title.clear()), Err(Error::Malformed("title")));
        assert_eq!(
            with(&|t| t.title = "x".repeat(201)),
            Err(Error::TooLarge("title"))
        );
        assert_eq!(with(&|t| t.title = "é".repeat(200)), Ok(()));
        assert_eq!(
            with(&|t| t.title = "a\u{1b}[2J".to_owned()),
            Err(Error::Malformed("title"))
        );
        assert_eq!(with(&|t| t.fields.clear()), Err(Error::Malformed("fields")));
        assert_eq!(
            with(&|t| t.fields = vec![Field::shown("a", "b"); 21]),
            Err(Error::TooLarge("fields"))
        );
        assert_eq!(
            with(&|t| t.fields[0].label.clear()),
            Err(Error::Malformed("label"))
        );
        assert_eq!(
            with(&|t| t.fields[0].label = "l".repeat(101)),
            Err(Error::TooLarge("label"))
        );
        assert_eq!(
            with(&|t| t.fields[0].value = None),
            Err(Error::Malformed("value"))
        );
        assert_eq!(
            with(&|t| t.fields[0].value = Some(String::new())),
            Err(Error::Malformed("value"))
        );
        assert_eq!(
            with(&|t| t.fields[0].value = Some("v".repeat(501))),
            Err(Error::TooLarge("value"))
        );
        assert_eq!(
            with(&|t| t.fields[0].value = Some("1\n2".to_owned())),
            Err(Error::Malformed("value"))
        );
        // A pattern only with retype; a retyped field never arrives with its value.
        assert_eq!(
            with(&|t| t.fields[0].pattern = Some("[0-9]+".to_owned())),
            Err(Error::Malformed("pattern"))
        );
        assert_eq!(
            with(&|t| t.fields[1].value = Some("EU-100-5".to_owned())),
            Err(Error::Malformed("value"))
        );
        assert_eq!(
            with(&|t| t.fields[1].pattern = Some("p".repeat(201))),
            Err(Error::TooLarge("pattern"))
        );
        assert_eq!(with(&|t| t.fields[1].pattern = None), Ok(()));
        // The device's check of a challenge looks at its transaction.
        let mut c = challenge(ChallengeKind::Push);
        c.display = signing_display();
        assert_eq!(c.check(ISS, NOW), Err(Error::Malformed("value")));
        c.display = c.display.as_sent();
        assert_eq!(c.check(ISS, NOW), Ok(()));
    }
}
