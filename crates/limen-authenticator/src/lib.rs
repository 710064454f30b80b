//! # limen-authenticator — the reference device of the Limen mobile protocol
//!
//! A device of `docs/MOBILE-PROTOCOL.md` (`limen-mobile/1`) on a computer: [`Authenticator`]
//! enrols with a server from its enrolment link (§3), signs every request (§4), fetches,
//! verifies, shows and answers challenges (§5.1, §5.3), makes offline codes (§5.2), holds the
//! live channel (§6) and registers Web Push wake-ups (§7). The `limen-authenticator` command
//! line is a thin shell over it; the integration tests drive it against the real server.
//!
//! Everything the server sends that matters is a signed object: it is verified under the
//! server key pinned at enrolment (its thumbprint is in the enrolment link) before use.
//!
//! The device keeps a [`DeviceState`] ([`save`], [`load`]): the device key and `M = K ⊕
//! P(PIN)`, never `K` nor anything that tells a right PIN from a wrong one (§2.1).

pub mod sse;
mod state;

pub use state::{DeviceState, STATE_VERSION, load, save};

use limen_mobile::jwk::EcJwk;
use limen_mobile::jws::{self, Kid, SigningKey};
use limen_mobile::messages::{
    self, ChallengeKind, ChallengeLink, ChallengePayload, ConfirmRequest, Decision, DenyReason,
    EnrolAnswer, EnrolLink, EnrolRequest, PinCheckAnswer, PinCheckRequest, PinCheckResult,
    PushSubscription, Receipt,
};
use limen_mobile::{TYP_CHALLENGE, TYP_ENROLMENT, TYP_PROOF, TYP_RECEIPT, VERSION};
use limen_mobile::{b64, ecdh, kdf, proof};
use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

/// The request header that carries the proof (spec §4).
pub const PROOF_HEADER: &str = "Limen-Proof";
/// `POST`: the enrolment (spec §3 step 3).
pub const ENROL_PATH: &str = "/device/v1/enrol";
/// `POST`: the PIN check that ends the enrolment (spec §3 step 5).
pub const CONFIRM_PATH: &str = "/device/v1/enrol/confirm";
/// `GET`: pending challenges; `{CHALLENGES_PATH}/{id}`: one (`GET`) or its answer (`POST`).
pub const CHALLENGES_PATH: &str = "/device/v1/challenges";
/// `GET`: the live channel (spec §6).
pub const EVENTS_PATH: &str = "/device/v1/events";
/// `PUT`/`DELETE`: the Web Push subscription (spec §7).
pub const PUSH_PATH: &str = "/device/v1/push";
/// `POST`: the PIN check (spec §5.4).
pub const PIN_PATH: &str = "/device/v1/pin";
/// `DELETE`: the device unlinks itself (spec §3.7).
pub const DEVICE_PATH: &str = "/device/v1/device";
/// The fewest digits of a new PIN: the least `pin_length` a server may ask (spec §3 step 1).
pub const MIN_PIN_LEN: usize = 4;
/// The most digits of a new PIN, as at enrolment.
pub const MAX_NEW_PIN_LEN: usize = 12;

/// Every request but the live channel gives up after this long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The server writes a comment every 25 s (spec §6): after this long without a byte the
/// connection is taken as dead and [`Authenticator::watch`] ends with [`WatchEnd::Closed`].
const EVENTS_IDLE: Duration = Duration::from_secs(75);
/// The largest answer read from the server (a list of challenges of at most 16 KiB each).
const MAX_ANSWER: usize = 1024 * 1024;
/// The largest error answer read (`{"error": code}`).
const MAX_ERROR_ANSWER: usize = 4096;

/// What went wrong. Messages are one line, name what failed, and never carry secrets.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user gave (a link, a PIN, a number, a challenge id, device text) that
    /// cannot be used.
    #[error("{0}")]
    Input(String),
    /// An enrolment link or a challenge that has expired (for offline challenges, beyond the
    /// 5 minutes of clock difference allowed).
    #[error("the {0} has expired")]
    Expired(&'static str),
    /// A verified challenge of a kind that cannot be answered this way (e.g. a push challenge
    /// given to [`Authenticator::offline_code`]).
    #[error("this is not {0}")]
    WrongKind(&'static str),
    /// Protocol data that does not verify or does not have the protocol's form.
    #[error("{what}: {source}")]
    Protocol {
        what: &'static str,
        source: limen_mobile::Error,
    },
    /// The server key in the enrolment answer is not the one the enrolment link pins.
    #[error("the server's key is not the one named in the enrolment link")]
    ServerKeyMismatch,
    /// The server refused the request: a 4xx (or 5xx) answer, with the `error` member of its
    /// JSON body (spec §8), or `http_<status>` when it had none.
    #[error("the server refused the request: {code} (HTTP {status})")]
    Server { status: u16, code: String },
    /// An answer that is not what the protocol says (wrong content type, wrong members, for
    /// another device or challenge, too large).
    #[error("unexpected answer from the server: {0}")]
    Unexpected(String),
    /// The network: the server could not be reached, or the connection broke.
    #[error("could not talk to the server: {0}")]
    Http(#[from] reqwest::Error),
    /// The state file cannot be read, written, or is not a state file of this version.
    #[error("state file {}: {reason}", path.display())]
    State {
        path: std::path::PathBuf,
        reason: String,
    },
}

fn protocol(what: &'static str) -> impl FnOnce(limen_mobile::Error) -> Error {
    move |source| match source {
        limen_mobile::Error::Expired => Error::Expired(what),
        source => Error::Protocol { what, source },
    }
}

/// The device's description, shown in the account's device list (spec §3 step 3; each at
/// most 64 characters, no control characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    pub os: String,
    pub model: String,
    pub app: String,
}

/// A challenge, verified under the pinned server key (signature, `typ`, `v`, `iss`, life, not
/// expired when it was verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The signed object as received.
    pub signed: String,
    /// Its payload.
    pub payload: limen_mobile::messages::ChallengePayload,
}

/// How [`Authenticator::watch`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchEnd {
    /// The server closed the stream (it does after 10 minutes), or it was silent for longer
    /// than its keep-alives allow: reconnect.
    Closed,
    /// `event: revoked`: the device was removed or locked on the server; its keys are of no
    /// more use and should be erased (spec §6).
    Revoked,
    /// The caller's `on_event` returned `false`.
    Stopped,
}

/// The device's clock: seconds since the Unix epoch. The system's by default; tests of a
/// server on a hand-moved clock give theirs ([`Authenticator::set_clock`]).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The system clock.
#[must_use]
pub fn system_clock() -> Clock {
    Arc::new(|| time::OffsetDateTime::now_utc().unix_timestamp())
}

/// Parses an enrolment link (spec §3 step 3) and refuses what the device must refuse: a
/// version other than 1, an `exp` at or before `now`, an `iss` that is not https (http only on
/// a loopback host), and anything malformed. White space around the link is ignored.
pub fn parse_enrol_link(link: &str, now: i64) -> Result<EnrolLink, Error> {
    let link = EnrolLink::parse(link.trim()).map_err(|e| match e {
        limen_mobile::Error::WrongVersion => {
            Error::Input("the enrolment link is of another protocol version".to_owned())
        }
        limen_mobile::Error::Malformed("URL not https") => Error::Input(
            "the enrolment link names a server that is not https (http is only for loopback)"
                .to_owned(),
        ),
        e => Error::Input(format!("not a usable enrolment link ({e})")),
    })?;
    if link.expired(now) {
        return Err(Error::Expired("enrolment link"));
    }
    Ok(link)
}

/// `P(PIN)`, Argon2id (spec §2.1): some tens of milliseconds and 19 MiB, so off the async
/// workers.
async fn pin_key(pin: &str, salt: [u8; 16]) -> Result<[u8; 32], Error> {
    let pin = pin.to_owned();
    tokio::task::spawn_blocking(move || pin_key_now(&pin, &salt))
        .await
        .map_err(|e| Error::Unexpected(format!("PIN derivation task: {e}")))?
}

fn pin_key_now(pin: &str, salt: &[u8; 16]) -> Result<[u8; 32], Error> {
    kdf::pin_key(pin, salt).map_err(|e| match e {
        limen_mobile::Error::Malformed("PIN") => Error::Input(format!(
            "the PIN must be 1 to {} digits, nothing else",
            kdf::MAX_PIN_LEN
        )),
        e => Error::Protocol {
            what: "PIN key",
            source: e,
        },
    })
}

/// Reads at most `max` bytes of an answer.
async fn read_limited(mut response: reqwest::Response, max: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if out.len() + chunk.len() > max {
            return Err(Error::Unexpected("answer too large".to_owned()));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// A successful answer passes; a refusal becomes [`Error::Server`] with its code (spec §8).
async fn check_status(response: reqwest::Response) -> Result<reqwest::Response, Error> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    if !(status.is_client_error() || status.is_server_error()) {
        return Err(Error::Unexpected(format!(
            "HTTP status {}",
            status.as_u16()
        )));
    }
    #[derive(Deserialize)]
    struct Refusal {
        error: String,
    }
    let body = read_limited(response, MAX_ERROR_ANSWER)
        .await
        .unwrap_or_default();
    let code = serde_json::from_slice::<Refusal>(&body)
        .ok()
        .map(|r| r.error)
        // The code is the server's text: only a short token is repeated.
        .filter(|c| {
            !c.is_empty()
                && c.len() <= 64
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
        .unwrap_or_else(|| format!("http_{}", status.as_u16()));
    Err(Error::Server {
        status: status.as_u16(),
        code,
    })
}

/// The body of a successful answer that must be a signed object (`application/jose`).
async fn signed_answer(response: reqwest::Response) -> Result<String, Error> {
    let response = check_status(response).await?;
    let is_jose = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/jose"))
        });
    if !is_jose {
        return Err(Error::Unexpected(
            "not a signed object (Content-Type is not application/jose)".to_owned(),
        ));
    }
    let body = read_limited(response, jws::MAX_COMPACT_LEN).await?;
    let text = String::from_utf8(body)
        .map_err(|_| Error::Unexpected("a signed object that is not text".to_owned()))?;
    Ok(text.trim().to_owned())
}

/// Checks a value the user typed for a `retype` field (spec §5.5): not empty, at most 500
/// characters, no control characters, and — when the field has a `pattern` — the whole value
/// matches it (the pattern is anchored as `^(?:pattern)$`, as the web app anchors it in
/// ECMAScript). A field that is not a `retype` one takes nothing.
pub fn check_typed(field: &messages::Field, value: &str) -> Result<(), Error> {
    let label = field.label.as_str();
    if !field.retype {
        return Err(Error::Input(format!("{label} is not a field to type")));
    }
    if value.is_empty()
        || value.chars().count() > messages::MAX_TX_VALUE_CHARS
        || value.chars().any(char::is_control)
    {
        return Err(Error::Input(format!(
            "{label}: type the value (at most {} characters, on one line)",
            messages::MAX_TX_VALUE_CHARS
        )));
    }
    if let Some(pattern) = &field.pattern {
        let re = regex::Regex::new(&format!("^(?:{pattern})$"))
            .map_err(|_| Error::Input(format!("{label}: the request's pattern cannot be used")))?;
        if !re.is_match(value) {
            return Err(Error::Input(format!(
                "{label}: the value does not have the expected form ({pattern})"
            )));
        }
    }
    Ok(())
}

/// The display with `typed` in its `retype` fields, each checked ([`check_typed`]); exactly
/// one value per retype field.
fn filled(display: &messages::Display, typed: &[&str]) -> Result<messages::Display, Error> {
    let fields: Vec<&messages::Field> = display
        .tx
        .as_ref()
        .map(|t| t.retyped().collect())
        .unwrap_or_default();
    if fields.len() != typed.len() {
        let names: Vec<&str> = fields.iter().map(|f| f.label.as_str()).collect();
        return Err(Error::Input(if fields.is_empty() {
            "this request has no field to type".to_owned()
        } else {
            format!(
                "this request asks to type {} value(s): {}",
                fields.len(),
                names.join(", ")
            )
        }));
    }
    for (f, v) in fields.iter().zip(typed) {
        check_typed(f, v)?;
    }
    display.with_values(typed).map_err(protocol("typed values"))
}

/// Checks that a challenge id has the protocol's form (43 `B64` characters) before it is put
/// in a URL path.
fn check_challenge_id(id: &str) -> Result<(), Error> {
    b64::decode_array::<32>(id)
        .map(|_| ())
        .map_err(|_| Error::Input("not a challenge id (43 base64url characters)".to_owned()))
}

/// The enrolled device: its keys, its server, an HTTP client.
pub struct Authenticator {
    http: reqwest::Client,
    state: DeviceState,
    key: SigningKey,
    salt: [u8; 16],
    mask: [u8; 32],
    clock: Clock,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl Authenticator {
    /// Enrols with the server of `link` (spec §3 steps 3–5), with the system clock: see
    /// [`Authenticator::enrol_with_clock`].
    pub async fn enrol(
        http: reqwest::Client,
        link: &str,
        pin: &str,
        info: &DeviceInfo,
    ) -> Result<Self, Error> {
        Self::enrol_with_clock(http, link, pin, info, system_clock()).await
    }

    /// Spec §3 steps 3–5: parses the link ([`parse_enrol_link`]), generates the device key `D`
    /// and the ECDH key `e`, sends `POST /device/v1/enrol` with a proof carrying `D` as `jwk`,
    /// verifies the answer (the server key's thumbprint is the link's `sk`, the signature is
    /// under it, `iss` is the link's, `device` is this device's id), derives `K`, keeps `M = K
    /// ⊕ P(PIN)`, and confirms with `POST /device/v1/enrol/confirm` and the PIN check.
    ///
    /// A PIN that is not the one chosen on the web page gives
    /// `Error::Server { status: 409, code: "pin_mismatch" }` (the server deletes the device).
    /// The state is not saved here: [`save`] it.
    pub async fn enrol_with_clock(
        http: reqwest::Client,
        link: &str,
        pin: &str,
        info: &DeviceInfo,
        clock: Clock,
    ) -> Result<Self, Error> {
        let link = parse_enrol_link(link, clock())?;
        let salt = link.salt_bytes().map_err(protocol("enrolment link"))?;
        // The PIN first: a malformed one is refused before the single-use link is spent.
        let pin_key = pin_key(pin, salt).await?;
        let device = SigningKey::generate().map_err(protocol("device key"))?;
        let device_jwk = device.public_jwk();
        let device_id = device_jwk.thumbprint();
        let ephemeral = ecdh::Ephemeral::generate().map_err(protocol("ECDH key"))?;
        let request = EnrolRequest {
            v: VERSION,
            tok: link.tok.clone(),
            device_key: device_jwk.clone(),
            ecdh_key: ephemeral.public_jwk(),
            os: info.os.clone(),
            model: info.model.clone(),
            app: info.app.clone(),
        };
        request.check().map_err(|e| {
            Error::Input(format!(
                "the device description (os, model, app: at most 64 characters each, no control characters): {e}"
            ))
        })?;
        let body = serde_json::to_vec(&request)
            .map_err(|e| Error::Unexpected(format!("enrolment request: {e}")))?;
        let url = format!("{}{ENROL_PATH}", link.iss);
        let proof = proof::make(&device, Kid::Jwk(&device_jwk), "POST", &url, &body, clock())
            .map_err(protocol("proof"))?;
        let response = http
            .post(&url)
            .header(PROOF_HEADER, proof)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .timeout(REQUEST_TIMEOUT)
            .send()
            .await?;
        let signed = signed_answer(response).await?;

        // Spec §3 step 5: the server key must be the one the link pins, then the answer must
        // verify under it.
        let (_, unverified) = jws::peek(&signed).map_err(protocol("enrolment answer"))?;
        let server_key: EcJwk = unverified
            .get("server_key")
            .cloned()
            .and_then(|k| serde_json::from_value(k).ok())
            .ok_or(Error::Protocol {
                what: "enrolment answer",
                source: limen_mobile::Error::Malformed("server_key"),
            })?;
        server_key.check().map_err(protocol("server key"))?;
        if server_key.thumbprint() != link.sk {
            return Err(Error::ServerKeyMismatch);
        }
        let answer: EnrolAnswer = messages::open(&signed, TYP_ENROLMENT, &server_key)
            .map_err(protocol("enrolment answer"))?;
        if answer.iss != link.iss {
            return Err(Error::Unexpected(
                "the enrolment answer is for another server".to_owned(),
            ));
        }
        if answer.device != device_id {
            return Err(Error::Unexpected(
                "the enrolment answer is for another device".to_owned(),
            ));
        }
        // K = HKDF(ECDH(e, f), SHA256(E), "limen-mobile/1 offline key" ‖ device id) (step 4).
        let z = ephemeral
            .agree(&answer.ecdh_key)
            .map_err(protocol("server's ECDH key"))?;
        let k = kdf::offline_key(&z, &link.tok, &device_id);
        let pin_check = kdf::pin_check(&k, &pin_key);
        let mask = kdf::mask(&k, &pin_key);
        let state = DeviceState {
            v: STATE_VERSION,
            iss: link.iss.clone(),
            device: device_id,
            name: answer.name,
            account: answer.account,
            device_key: b64::encode(device.pkcs8()),
            server_key,
            salt: link.salt.clone(),
            mask: b64::encode(&mask),
        };
        let auth = Self::from_state(http, state)?.with_clock(clock);
        let body = serde_json::to_vec(&ConfirmRequest {
            v: VERSION,
            pin_check,
        })
        .map_err(|e| Error::Unexpected(format!("confirmation: {e}")))?;
        let response = auth.send(Method::POST, CONFIRM_PATH, body).await?;
        check_status(response).await?;
        Ok(auth)
    }

    /// The device of a saved state. Checks it: version, server URL, that the device key is a
    /// P-256 PKCS#8 key whose thumbprint is the device id, the server key, salt and mask sizes.
    /// Uses the system clock.
    pub fn from_state(http: reqwest::Client, state: DeviceState) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Input(format!("the device state is not usable: {reason}"));
        if state.v != STATE_VERSION {
            return Err(bad("another version"));
        }
        messages::check_iss(&state.iss).map_err(|_| bad("the server URL"))?;
        let der = b64::decode(&state.device_key).map_err(|_| bad("the device key"))?;
        let key = SigningKey::from_pkcs8(&der).map_err(|_| bad("the device key"))?;
        if key.thumbprint() != state.device {
            return Err(bad("the device key is not the device id's"));
        }
        state
            .server_key
            .check()
            .map_err(|_| bad("the server key"))?;
        let salt = b64::decode_array::<16>(&state.salt).map_err(|_| bad("the salt"))?;
        let mask = b64::decode_array::<32>(&state.mask).map_err(|_| bad("the mask"))?;
        Ok(Self {
            http,
            state,
            key,
            salt,
            mask,
            clock: system_clock(),
        })
    }

    /// This device with another clock (see [`Clock`]).
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Sets the clock (see [`Clock`]).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// What the device keeps (to [`save`]).
    #[must_use]
    pub fn state(&self) -> &DeviceState {
        &self.state
    }

    /// The device id (the device key's thumbprint).
    #[must_use]
    pub fn device_id(&self) -> &str {
        &self.state.device
    }

    fn now(&self) -> i64 {
        (self.clock)()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.state.iss)
    }

    /// A request with a proof made now (spec §4: `kid` = device id, `htu` = `iss` + path).
    fn request(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let url = self.url(path);
        let proof = proof::make(
            &self.key,
            Kid::Id(&self.state.device),
            method.as_str(),
            &url,
            &body,
            self.now(),
        )
        .map_err(protocol("proof"))?;
        Ok(self.with_body(self.http.request(method, url), proof, body))
    }

    fn with_body(
        &self,
        builder: reqwest::RequestBuilder,
        proof: String,
        body: Vec<u8>,
    ) -> reqwest::RequestBuilder {
        let builder = builder.header(PROOF_HEADER, proof);
        if body.is_empty() {
            builder
        } else {
            builder.header(CONTENT_TYPE, "application/json").body(body)
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<reqwest::Response, Error> {
        Ok(self
            .request(method, path, body)?
            .timeout(REQUEST_TIMEOUT)
            .send()
            .await?)
    }

    /// Verifies a signed challenge (spec §5): signature under the pinned server key, `typ`,
    /// `v`, then its kind is one of `kinds`, then `iss`, id, life and expiry at `now` (with 5
    /// minutes of leeway for offline challenges).
    fn verify_challenge(
        &self,
        signed: &str,
        now: i64,
        kinds: &[ChallengeKind],
        kind_name: &'static str,
    ) -> Result<Challenge, Error> {
        let payload: ChallengePayload =
            messages::open(signed, TYP_CHALLENGE, &self.state.server_key)
                .map_err(protocol("challenge"))?;
        if !kinds.contains(&payload.kind) {
            return Err(Error::WrongKind(kind_name));
        }
        payload
            .check(&self.state.iss, now)
            .map_err(protocol("request"))?;
        Ok(Challenge {
            signed: signed.to_owned(),
            payload,
        })
    }

    /// A pushed challenge from the list or the live channel; `None` if it has expired (the
    /// device's clock may be ahead of the server's).
    fn verify_pushed(&self, signed: &str) -> Result<Option<Challenge>, Error> {
        match self.verify_challenge(signed, self.now(), &[ChallengeKind::Push], "a push request") {
            Ok(c) => Ok(Some(c)),
            Err(Error::Expired(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `GET /device/v1/challenges` (spec §5.1): the pending push challenges, each verified
    /// (signature under the pinned server key, `iss`, kind push). One that has expired by the
    /// device's clock is left out; one that does not verify is an error.
    pub async fn pending(&self) -> Result<Vec<Challenge>, Error> {
        #[derive(Deserialize)]
        struct List {
            challenges: Vec<String>,
        }
        let response = self.send(Method::GET, CHALLENGES_PATH, Vec::new()).await?;
        let body = read_limited(check_status(response).await?, MAX_ANSWER).await?;
        let list: List = serde_json::from_slice(&body)
            .map_err(|_| Error::Unexpected("not a list of challenges".to_owned()))?;
        let mut out = Vec::new();
        for signed in &list.challenges {
            if let Some(c) = self.verify_pushed(signed)? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// `GET /device/v1/challenges/{id}` (On Mobile, spec §5.3): the challenge, verified, with
    /// this id, of kind `on_mobile` or `push`.
    pub async fn fetch(&self, id: &str) -> Result<Challenge, Error> {
        check_challenge_id(id)?;
        let path = format!("{CHALLENGES_PATH}/{id}");
        let signed = signed_answer(self.send(Method::GET, &path, Vec::new()).await?).await?;
        let c = self.verify_challenge(
            &signed,
            self.now(),
            &[ChallengeKind::OnMobile, ChallengeKind::Push],
            "a request to answer on line",
        )?;
        if c.payload.id != id {
            return Err(Error::Unexpected(
                "the server sent another challenge".to_owned(),
            ));
        }
        Ok(c)
    }

    fn check_answerable(&self, challenge: &Challenge) -> Result<(), Error> {
        check_challenge_id(&challenge.payload.id)?;
        if challenge.payload.iss != self.state.iss {
            return Err(Error::Input(
                "the request is not from this device's server".to_owned(),
            ));
        }
        Ok(())
    }

    /// `POST /device/v1/challenges/{id}` (spec §5.1, §5.3): approves with the number the user
    /// typed (the two digits the login page shows; `""` for On Mobile) and the PIN. The PIN is
    /// not checked here — the device cannot tell (§2.1) — a wrong one gives the receipt
    /// `wrong_pin`. Returns the receipt, verified (signature, `iss`, challenge, device,
    /// decision). A transaction whose fields the user must type is approved with
    /// [`Authenticator::approve_typed`].
    pub async fn approve(
        &self,
        challenge: &Challenge,
        number: &str,
        pin: &str,
    ) -> Result<Receipt, Error> {
        self.approve_typed(challenge, number, pin, &[]).await
    }

    /// [`Authenticator::approve`] with the values the user typed for the transaction's
    /// `retype` fields, in order (spec §5.5): each is checked with [`check_typed`] first, then
    /// `dh` is the hash of the display with them filled in. The server compares it with the
    /// display holding the true values: a mistyped value is refused with
    /// `Error::Server { status: 400, code: "display_hash" }`, and the request stays open.
    pub async fn approve_typed(
        &self,
        challenge: &Challenge,
        number: &str,
        pin: &str,
        typed: &[&str],
    ) -> Result<Receipt, Error> {
        self.check_answerable(challenge)?;
        if number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Input(
                "the number is the two digits the login page shows".to_owned(),
            ));
        }
        let display = filled(&challenge.payload.display, typed)?;
        let p = pin_key(pin, self.salt).await?;
        let k = kdf::mask(&self.mask, &p);
        let dh = messages::display_hash(&display).map_err(protocol("display"))?;
        let pin_proof = messages::approval_mac(
            &k,
            &challenge.payload.id,
            Decision::Approve,
            &self.state.device,
            &dh,
            number,
        )
        .map_err(protocol("PIN proof"))?;
        let body = serde_json::json!({
            "v": VERSION,
            "decision": Decision::Approve.as_str(),
            "number": number,
            "dh": dh,
            "pin_proof": pin_proof,
        });
        self.answer(challenge, Decision::Approve, &body).await
    }

    /// `POST /device/v1/challenges/{id}` with `{"v":1, "decision":"deny", "dh": dh}` (spec
    /// §5.1; no PIN). Returns the receipt, verified.
    pub async fn deny(&self, challenge: &Challenge) -> Result<Receipt, Error> {
        self.deny_because(challenge, None).await
    }

    /// Denies as [`Authenticator::deny`] does, reporting the request as not the user's
    /// (`"reason": "not_me"`, spec §5.1): the server tells the account holder that someone
    /// has their password.
    pub async fn deny_not_me(&self, challenge: &Challenge) -> Result<Receipt, Error> {
        self.deny_because(challenge, Some(DenyReason::NotMe)).await
    }

    async fn deny_because(
        &self,
        challenge: &Challenge,
        reason: Option<DenyReason>,
    ) -> Result<Receipt, Error> {
        self.check_answerable(challenge)?;
        let dh = messages::display_hash(&challenge.payload.display).map_err(protocol("display"))?;
        let mut body = serde_json::json!({
            "v": VERSION,
            "decision": Decision::Deny.as_str(),
            "dh": dh,
        });
        if let Some(reason) = reason {
            body["reason"] = serde_json::Value::from(reason.as_str());
        }
        self.answer(challenge, Decision::Deny, &body).await
    }

    async fn answer(
        &self,
        challenge: &Challenge,
        decision: Decision,
        body: &serde_json::Value,
    ) -> Result<Receipt, Error> {
        let path = format!("{CHALLENGES_PATH}/{}", challenge.payload.id);
        let body =
            serde_json::to_vec(body).map_err(|e| Error::Unexpected(format!("answer: {e}")))?;
        let signed = signed_answer(self.send(Method::POST, &path, body).await?).await?;
        let receipt: Receipt = messages::open(&signed, TYP_RECEIPT, &self.state.server_key)
            .map_err(protocol("receipt"))?;
        if receipt.iss != self.state.iss
            || receipt.challenge != challenge.payload.id
            || receipt.device != self.state.device
            || receipt.decision != decision
        {
            return Err(Error::Unexpected(
                "the receipt is not for this answer".to_owned(),
            ));
        }
        Ok(receipt)
    }

    /// `POST /device/v1/pin` (spec §5.4): asks the server whether `pin` is this device's PIN.
    /// The device cannot tell by itself (§2.1). The server counts a wrong PIN as it counts one
    /// in an approval: `pin_tries` in a row lock the device, and the try that does answers
    /// [`PinCheckResult::Locked`]. A device already locked gets `Error::Server { status: 401,
    /// code: "device_locked" }`.
    pub async fn check_pin(&self, pin: &str) -> Result<PinCheckResult, Error> {
        let p = pin_key(pin, self.salt).await?;
        self.check_pin_key(&p).await
    }

    async fn check_pin_key(&self, pin_key: &[u8; 32]) -> Result<PinCheckResult, Error> {
        let k = kdf::mask(&self.mask, pin_key);
        let iat = self.now();
        let pin_proof =
            messages::pin_check_mac(&k, &self.state.device, iat).map_err(protocol("PIN proof"))?;
        let body = serde_json::to_vec(&PinCheckRequest {
            v: VERSION,
            iat,
            pin_proof,
        })
        .map_err(|e| Error::Unexpected(format!("PIN check: {e}")))?;
        let response = check_status(self.send(Method::POST, PIN_PATH, body).await?).await?;
        let answer: PinCheckAnswer =
            serde_json::from_slice(&read_limited(response, MAX_ERROR_ANSWER).await?)
                .map_err(|_| Error::Unexpected("not the answer to a PIN check".to_owned()))?;
        Ok(answer.result)
    }

    /// Changes the PIN (spec §5.4): checks `old` with the server, and only when it is right
    /// re-masks `K` under `new` (`M' = M ⊕ P(old) ⊕ P(new)`, the same salt). `new` must be
    /// [`MIN_PIN_LEN`] to [`MAX_NEW_PIN_LEN`] digits and no shorter than `old` (the device
    /// does not know the server's `pin_length`, which `old` met); it is checked before the
    /// server is asked, so a malformed one costs no try. Returns the check's result: the PIN
    /// changed only with [`PinCheckResult::Ok`]. The state is not saved here: [`save`] it.
    pub async fn change_pin(&mut self, old: &str, new: &str) -> Result<PinCheckResult, Error> {
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(MIN_PIN_LEN..=MAX_NEW_PIN_LEN).contains(&new.len()) || !digits(new) {
            return Err(Error::Input(format!(
                "the new PIN must be {MIN_PIN_LEN} to {MAX_NEW_PIN_LEN} digits, nothing else"
            )));
        }
        if new.len() < old.len() {
            return Err(Error::Input(
                "the new PIN must have at least as many digits as the old one".to_owned(),
            ));
        }
        let new_key = pin_key(new, self.salt).await?;
        let old_key = pin_key(old, self.salt).await?;
        let result = self.check_pin_key(&old_key).await?;
        if result == PinCheckResult::Ok {
            let k = kdf::mask(&self.mask, &old_key);
            self.mask = kdf::mask(&k, &new_key);
            self.state.mask = b64::encode(&self.mask);
        }
        Ok(result)
    }

    /// `DELETE /device/v1/device` (spec §3.7): the device unlinks itself — the server locks it
    /// (removing it needs My account's step-up) and tells the account holder. Allowed for a
    /// locked device ("Forgot PIN"). Afterwards the device's keys are of no use: erase its
    /// state file.
    pub async fn unlink(&self) -> Result<(), Error> {
        check_status(self.send(Method::DELETE, DEVICE_PATH, Vec::new()).await?).await?;
        Ok(())
    }

    /// Verifies an offline challenge (spec §5.2) with no network: `link` is the QR code's text
    /// `limen://challenge?c=<signed object>` or the bare signed object. Signature under the
    /// pinned server key, `iss`, kind `offline`, not expired at `now` allowing 5 minutes of
    /// clock difference.
    pub fn verify_offline(&self, link: &str, now: i64) -> Result<Challenge, Error> {
        let text = link.trim();
        let signed = if text.starts_with("limen:") {
            match messages::parse_challenge_link(text) {
                Ok(ChallengeLink::Signed(signed)) => signed,
                Ok(ChallengeLink::ById { .. }) => {
                    return Err(Error::WrongKind(
                        "an offline QR code but an On Mobile link (answer it on line)",
                    ));
                }
                Err(_) => return Err(Error::Input("not a challenge link".to_owned())),
            }
        } else {
            text.to_owned()
        };
        self.verify_challenge(
            &signed,
            now,
            &[ChallengeKind::Offline],
            "an offline QR code request",
        )
    }

    /// Spec §5.2, no network: verifies the challenge ([`Authenticator::verify_offline`]) and
    /// gives it with the 8-digit code for `pin`: `OCRA-1:HOTP-SHA256-8:QH64` under `K' = M ⊕
    /// P(PIN)`, the question being the SHA-256 of the challenge's whole payload as received.
    /// A wrong PIN gives a wrong code, which only the server can tell.
    pub fn offline_code(
        &self,
        link: &str,
        pin: &str,
        now: i64,
    ) -> Result<(Challenge, String), Error> {
        self.offline_code_typed(link, pin, now, &[])
    }

    /// [`Authenticator::offline_code`] with the values the user typed for the transaction's
    /// `retype` fields, in order (spec §5.5): each is checked with [`check_typed`], then put in
    /// the payload as received before it is hashed. A mistyped value makes a code the server
    /// refuses.
    pub fn offline_code_typed(
        &self,
        link: &str,
        pin: &str,
        now: i64,
        typed: &[&str],
    ) -> Result<(Challenge, String), Error> {
        let challenge = self.verify_offline(link, now)?;
        // Checked before the PIN's costly derivation, and so that no code is made of a value
        // the pattern refuses.
        filled(&challenge.payload.display, typed)?;
        let p = pin_key_now(pin, &self.salt)?;
        let k = kdf::mask(&self.mask, &p);
        // Every member of the payload, known to this program or not, is hashed (§5.2), with
        // the typed values put in (§5.5).
        let (_, mut payload) = jws::peek(&challenge.signed).map_err(protocol("challenge"))?;
        messages::fill_payload_values(&mut payload, typed).map_err(protocol("typed values"))?;
        let code = messages::offline_code_of_value(&k, &payload).map_err(protocol("code"))?;
        Ok((challenge, code))
    }

    /// `GET /device/v1/events` (spec §6): calls `on_event` with each `challenge` event,
    /// verified as by [`Authenticator::pending`] (an expired one is skipped), until the stream
    /// ends or is silent for 75 s ([`WatchEnd::Closed`]), `revoked` arrives
    /// ([`WatchEnd::Revoked`]), or `on_event` returns `false` ([`WatchEnd::Stopped`]). Other
    /// event types are ignored. A challenge that does not verify ends the watch with an error.
    pub async fn watch(
        &self,
        mut on_event: impl FnMut(Challenge) -> bool,
    ) -> Result<WatchEnd, Error> {
        let response = self
            .request(Method::GET, EVENTS_PATH, Vec::new())?
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .send()
            .await?;
        let mut response = check_status(response).await?;
        let is_stream = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("text/event-stream"));
        if !is_stream {
            return Err(Error::Unexpected("not an event stream".to_owned()));
        }
        let mut parser = sse::Parser::new();
        loop {
            let Ok(next) = tokio::time::timeout(EVENTS_IDLE, response.chunk()).await else {
                return Ok(WatchEnd::Closed);
            };
            let Some(chunk) = next? else {
                return Ok(WatchEnd::Closed);
            };
            let events = parser
                .feed(&chunk)
                .map_err(|e| Error::Unexpected(e.to_string()))?;
            for event in events {
                match event.event.as_str() {
                    "challenge" => {
                        if let Some(c) = self.verify_pushed(event.data.trim())?
                            && !on_event(c)
                        {
                            return Ok(WatchEnd::Stopped);
                        }
                    }
                    "revoked" => return Ok(WatchEnd::Revoked),
                    _ => {}
                }
            }
        }
    }

    /// `PUT /device/v1/push` with the subscription (checked first), or `DELETE` with `None`
    /// (spec §7).
    pub async fn set_push(&self, sub: Option<&PushSubscription>) -> Result<(), Error> {
        let response = match sub {
            Some(sub) => {
                sub.check()
                    .map_err(|e| Error::Input(format!("push subscription: {e}")))?;
                let body = serde_json::to_vec(sub)
                    .map_err(|e| Error::Unexpected(format!("push subscription: {e}")))?;
                self.send(Method::PUT, PUSH_PATH, body).await?
            }
            None => self.send(Method::DELETE, PUSH_PATH, Vec::new()).await?,
        };
        check_status(response).await?;
        Ok(())
    }

    /// Low level, for tests of the server's refusals: sends `method` to `iss` + `path` with
    /// `body` and a proof signed by this device — made now with a fresh `jti`, or with the
    /// given `jti` and/or `iat`. `htu` is `iss` + `path` without its query or fragment.
    /// Returns the status and the body, whatever they are.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        body: &[u8],
        jti: Option<&str>,
        iat: Option<i64>,
    ) -> Result<(u16, Vec<u8>), Error> {
        let method = Method::from_bytes(method.as_bytes())
            .map_err(|_| Error::Input(format!("not an HTTP method: {method:?}")))?;
        let url = self.url(path);
        let htu = url.split(['?', '#']).next().unwrap_or(&url).to_owned();
        let iat = iat.unwrap_or_else(|| self.now());
        let proof = match jti {
            None => proof::make(
                &self.key,
                Kid::Id(&self.state.device),
                method.as_str(),
                &htu,
                body,
                iat,
            )
            .map_err(protocol("proof"))?,
            Some(jti) => {
                let claims = proof::ProofClaims {
                    htm: method.as_str().to_owned(),
                    htu,
                    iat,
                    jti: jti.to_owned(),
                    bh: proof::body_hash(body),
                };
                let payload = serde_json::to_value(&claims)
                    .map_err(|e| Error::Unexpected(format!("proof: {e}")))?;
                jws::sign(&self.key, TYP_PROOF, Kid::Id(&self.state.device), &payload)
                    .map_err(protocol("proof"))?
            }
        };
        let response = self
            .with_body(self.http.request(method, url), proof, body.to_vec())
            .timeout(REQUEST_TIMEOUT)
            .send()
            .await?;
        let status = response.status().as_u16();
        Ok((status, read_limited(response, MAX_ANSWER).await?))
    }
}

#[cfg(test)]
mod tests;
