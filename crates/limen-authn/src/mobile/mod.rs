//! The mobile app (issue 14): the server side of `docs/MOBILE-PROTOCOL.md`.
//!
//! One device serves three methods: `mobile_app` (push with number matching and the PIN,
//! `PASSWORD_MOBILE_APP`), `software_token` (the offline QR code, `PASSWORD_SOFTWARE_TOKEN`) and
//! `on_mobile` (the app on the phone being browsed, `MOBILE_APP`). [`Mobile`] holds what they
//! share — the server key, the sealing of the offline keys, the rules of the device API — and
//! [`Mobile::factors`] gives the three [`SecondFactor`]s the registry takes.
//!
//! The device API's HTTP adapter is `limen-web/src/device.rs`: it parses, calls the functions
//! here and answers. Nothing here knows HTTP; [`Wakeup`] is how the web layer hears that a
//! device or a waiting page has something new.

mod factor;

pub use factor::MobileFactor;

use crate::{Authn, AuthnError, Device, SecondFactor};
use limen_core::{Account, Method};
use limen_crypto::constant_time_eq;
use limen_crypto::sealed::SecretBox;
use limen_mobile::jwk::EcJwk;
use limen_mobile::jws::{self, Kid, SigningKey};
use limen_mobile::messages::{
    AnswerRequest, ChallengeKind, ChallengePayload, ConfirmRequest, Decision, DenyReason,
    EnrolAnswer, EnrolRequest, PinCheckRequest, PinCheckResult, PushSubscription, Receipt,
    ReceiptResult,
};
use limen_mobile::{kdf, proof};
use limen_store::{MobileChallenge, MobileDevice, MobileStatus, NewMobileDevice, Store};
use std::sync::Arc;
use time::Duration;

/// The `[mobile]` settings.
#[derive(Debug, Clone)]
pub struct MobileConfig {
    /// The server's public URL: the `iss` of the protocol, and the base of every `htu`.
    pub issuer: String,
    /// The PIN's least number of digits (EU Login: 4).
    pub pin_length: usize,
    /// Wrong PINs in a row before a device is locked.
    pub pin_tries: i64,
    /// How long a challenge may be answered (at most 120 s, spec §8).
    pub challenge_seconds: i64,
    /// How long an enrolment QR code works (at most 5 minutes, spec §3).
    pub enrol_minutes: i64,
    /// Denied push requests per account and hour before push is held for the hour (push
    /// fatigue, spec §8).
    pub deny_per_hour: i64,
    /// Enrolments an account may start per hour (each costs an Argon2id evaluation).
    pub enrol_per_hour: i64,
    /// Tests only: Web Push endpoints on plain http or on loopback and private addresses (a
    /// stand-in push service on 127.0.0.1). Never from the configuration file.
    pub allow_local_push: bool,
}

impl MobileConfig {
    pub fn new(issuer: &str) -> Self {
        Self {
            issuer: issuer.trim_end_matches('/').to_owned(),
            pin_length: 4,
            pin_tries: 5,
            challenge_seconds: 120,
            enrol_minutes: 5,
            deny_per_hour: 3,
            enrol_per_hour: 10,
            allow_local_push: false,
        }
    }

    /// The bounds of the specification.
    pub fn check(&self) -> Result<(), String> {
        if !(4..=12).contains(&self.pin_length) {
            return Err("mobile.pin_length must be between 4 and 12".into());
        }
        if !(1..=20).contains(&self.pin_tries) {
            return Err("mobile.pin_tries must be between 1 and 20".into());
        }
        if !(10..=120).contains(&self.challenge_seconds) {
            return Err("mobile.challenge_seconds must be between 10 and 120".into());
        }
        if !(1..=5).contains(&self.enrol_minutes) {
            return Err("mobile.enrol_minutes must be between 1 and 5".into());
        }
        if self.deny_per_hour < 1 {
            return Err("mobile.deny_per_hour must be at least 1".into());
        }
        Ok(())
    }
}

/// What the web layer hears, to wake devices (live channel, Web Push) and waiting pages.
pub trait Wakeup: Send + Sync + 'static {
    /// A push challenge was made for this device.
    fn challenge(&self, device: &MobileDevice, signed: &str);
    /// A challenge was answered (or failed) on a device.
    fn answered(&self, challenge_id: &str);
    /// An enrolment moved on (scanned, confirmed, refused).
    fn enrolment(&self, enrolment_id: &str);
    /// A device was removed or locked: its live channel closes.
    fn revoked(&self, device_id: &str);
}

/// No one to wake (the command line, engine tests).
pub struct NoWakeup;

impl Wakeup for NoWakeup {
    fn challenge(&self, _: &MobileDevice, _: &str) {}
    fn answered(&self, _: &str) {}
    fn enrolment(&self, _: &str) {}
    fn revoked(&self, _: &str) {}
}

/// Why the device API refuses a request (spec §8: `{"error": code}`).
#[derive(Debug)]
pub enum ApiError {
    /// 400: malformed body or parameters.
    BadRequest(&'static str),
    /// 401: the `Limen-Proof` is missing, wrong, stale, replayed, or its device cannot act.
    InvalidProof(&'static str),
    /// 404
    NotFound,
    /// 409: `pin_mismatch`, `already_used`.
    Conflict(&'static str),
    /// 413: a body over [`MAX_BODY`].
    TooLarge,
    Internal(AuthnError),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest(_) => 400,
            ApiError::InvalidProof(_) => 401,
            ApiError::NotFound => 404,
            ApiError::Conflict(_) => 409,
            ApiError::TooLarge => 413,
            ApiError::Internal(_) => 500,
        }
    }

    /// The `error` member of the answer.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(c) | ApiError::InvalidProof(c) | ApiError::Conflict(c) => c,
            ApiError::NotFound => "not_found",
            ApiError::TooLarge => "too_large",
            ApiError::Internal(_) => "server_error",
        }
    }
}

impl<E: Into<AuthnError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError::Internal(e.into())
    }
}

/// A challenge as a waiting login page sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeState {
    Pending,
    Approved,
    Denied,
    /// Answered with a wrong number, or the device was locked.
    Failed,
    Expired,
}

impl ChallengeState {
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeState::Pending => "pending",
            ChallengeState::Approved => "approved",
            ChallengeState::Denied => "denied",
            ChallengeState::Failed => "failed",
            ChallengeState::Expired => "expired",
        }
    }
}

/// An enrolment as the page showing its QR code sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolmentState {
    /// Waiting for the device.
    Open,
    /// Scanned: waiting for the PIN to be confirmed on the device.
    Scanned,
    Done,
    /// The PIN typed on the device was not the one chosen on the page.
    PinMismatch,
    Expired,
}

impl EnrolmentState {
    pub fn as_str(self) -> &'static str {
        match self {
            EnrolmentState::Open => "open",
            EnrolmentState::Scanned => "scanned",
            EnrolmentState::Done => "done",
            EnrolmentState::PinMismatch => "pin_mismatch",
            EnrolmentState::Expired => "expired",
        }
    }
}

/// What [`Mobile::judge_pin`] found.
enum PinVerdict {
    Right,
    Wrong,
    /// Wrong, and this try locked the device.
    LockedNow,
    /// The device had no try left (locked, or its tries taken by parallel answers).
    NoTryLeft,
}

/// Which devices a request of the device API is for (spec §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// An active device: every request but these below.
    Active,
    /// A device that has taken its enrolment and not confirmed it (`enrol/confirm`).
    Pending,
    /// Whatever its state, locked included (unlinking, §3.7: "Forgot PIN" on a locked device
    /// must still work).
    Any,
}

/// What the three mobile methods share.
pub struct Mobile {
    config: MobileConfig,
    sealer: SecretBox,
    key: SigningKey,
    thumbprint: String,
    wake: Arc<dyn Wakeup>,
}

const SERVER_KEY_SETTING: &str = "mobile_server_key";
/// How long after its QR code expired a scanned enrolment may still be confirmed.
const CONFIRM_GRACE: Duration = Duration::minutes(2);
/// The largest request body of the device API (spec §4).
pub const MAX_BODY: usize = 16 * 1024;

impl Mobile {
    /// The mobile methods, with the server key (made once, sealed under the master key, shared
    /// by every node).
    pub async fn load(
        store: &Store,
        master_key: &[u8; 32],
        config: MobileConfig,
        wake: Arc<dyn Wakeup>,
    ) -> Result<Arc<Self>, AuthnError> {
        config.check().map_err(AuthnError::Internal)?;
        let sealer = SecretBox::new(master_key);
        let fresh = SigningKey::generate().map_err(internal)?;
        let sealed = store
            .setting_or_init(
                SERVER_KEY_SETTING,
                &sealer.seal(fresh.pkcs8(), SERVER_KEY_SETTING.as_bytes()),
            )
            .await?;
        let der = sealer
            .open(&sealed, SERVER_KEY_SETTING.as_bytes())
            .map_err(|e| AuthnError::Internal(format!("mobile server key: {e:?}")))?;
        let key = SigningKey::from_pkcs8(&der).map_err(internal)?;
        let thumbprint = key.thumbprint();
        Ok(Arc::new(Self {
            config,
            sealer,
            key,
            thumbprint,
            wake,
        }))
    }

    /// The three methods, for the registry.
    pub fn factors(self: &Arc<Self>) -> Vec<Arc<dyn SecondFactor>> {
        [Method::MobileApp, Method::SoftwareToken, Method::OnMobile]
            .into_iter()
            .map(|m| Arc::new(MobileFactor::new(m, self.clone())) as Arc<dyn SecondFactor>)
            .collect()
    }

    pub fn config(&self) -> &MobileConfig {
        &self.config
    }

    /// The server key's RFC 7638 thumbprint (pinned by devices at enrolment).
    pub fn server_key_thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// The URL a device signs as `htu` for `path` (spec §4).
    pub fn htu(&self, path: &str) -> String {
        format!("{}{}", self.config.issuer, path)
    }

    /// Whether a PIN is acceptable: digits only, `pin_length` to 12 of them.
    pub fn pin_ok(&self, pin: &str) -> bool {
        (self.config.pin_length..=12).contains(&pin.len())
            && pin.bytes().all(|b| b.is_ascii_digit())
    }

    fn sign(&self, typ: &str, payload: &impl serde::Serialize) -> Result<String, AuthnError> {
        let value = serde_json::to_value(payload)
            .map_err(|e| AuthnError::Internal(format!("mobile: {e}")))?;
        jws::sign(&self.key, typ, Kid::Id(&self.thumbprint), &value).map_err(internal)
    }

    /// The device's offline key `K`, unsealed (bound to its device id).
    pub(crate) fn offline_key(&self, device: &MobileDevice) -> Result<[u8; 32], AuthnError> {
        let k = self
            .sealer
            .open(&device.offline_key, device.device_id.as_bytes())
            .map_err(|e| AuthnError::Internal(format!("mobile offline key: {e:?}")))?;
        k.try_into()
            .map_err(|_| AuthnError::Internal("mobile offline key: length".into()))
    }

    pub(crate) fn device(d: &MobileDevice) -> Device {
        let detail = [d.os.as_str(), d.model.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        Device {
            id: d.id,
            kind: "mobile".into(),
            name: d.name.clone(),
            detail: (!detail.is_empty()).then_some(detail),
            created_at: d.created_at,
            last_used_at: d.last_used_at,
            blocked: d.status == MobileStatus::Locked,
        }
    }

    /// The account's enrolled devices (active or locked; not those still being enrolled).
    pub(crate) async fn devices_of(
        &self,
        cx: &Authn,
        account: &Account,
    ) -> Result<Vec<MobileDevice>, AuthnError> {
        Ok(cx
            .store()
            .mobile_devices(account.id)
            .await?
            .into_iter()
            .filter(|d| d.status != MobileStatus::Pending)
            .collect())
    }

    /// Starts an enrolment (spec §3 step 1): its id and the enrolment link for the QR code.
    pub(crate) async fn start_enrolment(
        &self,
        cx: &Authn,
        account: &Account,
        name: &str,
        pin: &str,
        session_id: &str,
    ) -> Result<(String, String), AuthnError> {
        if !self.pin_ok(pin) || session_id.is_empty() {
            return Err(AuthnError::Internal(
                "mobile: PIN or session not checked".into(),
            ));
        }
        let token = limen_crypto::random_token(32);
        let id = limen_crypto::sha256_hex(token.as_bytes());
        let salt: [u8; 16] = rand::random();
        let pin_key = self.pin_key(cx, pin, salt).await?;
        let now = cx.now();
        let expires_at = now + Duration::minutes(self.config.enrol_minutes);
        cx.store()
            .create_mobile_enrolment(&limen_store::MobileEnrolment {
                id: id.clone(),
                account_id: account.id,
                name: name.to_owned(),
                salt: limen_mobile::b64::encode(&salt),
                pin_key: self.sealer.seal(&pin_key, id.as_bytes()),
                state: "open".into(),
                device_id: None,
                session_id: session_id.to_owned(),
                created_at: now,
                expires_at,
            })
            .await?;
        let link = limen_mobile::messages::EnrolLink {
            v: limen_mobile::VERSION,
            iss: self.config.issuer.clone(),
            tok: token,
            salt: limen_mobile::b64::encode(&salt),
            sk: self.thumbprint.clone(),
            exp: expires_at.unix_timestamp(),
        }
        .to_link();
        Ok((id, link))
    }

    /// `P(PIN)` (spec §2.1: Argon2id, 19 MiB, about as costly as on a phone) on the password
    /// hashing pool: its workers, its bounded queue (503 when full), and its memory areas, which
    /// the server's default cost shares with the PIN's (no fresh 19 MiB per enrolment).
    async fn pin_key(&self, cx: &Authn, pin: &str, salt: [u8; 16]) -> Result<[u8; 32], AuthnError> {
        let params = limen_crypto::HashParams {
            memory_kib: kdf::PIN_MEMORY_KIB,
            iterations: kdf::PIN_ITERATIONS,
            parallelism: kdf::PIN_PARALLELISM,
        };
        Ok(cx.hasher().derive(pin.as_bytes(), &salt, params).await?)
    }

    /// Whether the account may start another enrolment now (`enrol_per_hour`); counts this one.
    pub async fn enrolment_allowed(
        &self,
        cx: &Authn,
        account: &Account,
    ) -> Result<bool, AuthnError> {
        let key = format!("mobile-enrol:{}", account.id);
        let started = cx
            .store()
            .throttle_fail(&key, cx.now(), Duration::hours(1))
            .await?;
        Ok(started <= self.config.enrol_per_hour)
    }

    /// Where an enrolment stands, for the page of the account that started it.
    pub async fn enrolment_state(
        &self,
        cx: &Authn,
        account: &Account,
        id: &str,
    ) -> Result<EnrolmentState, AuthnError> {
        // An enrolment id is the hex SHA-256 of its token: anything else is not one.
        if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(EnrolmentState::Expired);
        }
        let Some(e) = cx
            .store()
            .mobile_enrolment(id)
            .await?
            .filter(|e| e.account_id == account.id)
        else {
            return Ok(EnrolmentState::Expired);
        };
        let now = cx.now();
        Ok(match e.state.as_str() {
            "done" => EnrolmentState::Done,
            "failed" => EnrolmentState::PinMismatch,
            "taken" if now < e.expires_at + CONFIRM_GRACE => EnrolmentState::Scanned,
            "open" if now < e.expires_at => EnrolmentState::Open,
            _ => EnrolmentState::Expired,
        })
    }

    /// Checks a device request's `Limen-Proof` (spec §4) and returns its device, if `standing`
    /// accepts it.
    pub async fn authenticate(
        &self,
        cx: &Authn,
        proof_header: Option<&str>,
        htm: &str,
        path: &str,
        body: &[u8],
        standing: Standing,
    ) -> Result<MobileDevice, ApiError> {
        let proof_header = proof_header.ok_or(ApiError::InvalidProof("missing_proof"))?;
        let (header, _) =
            proof::peek(proof_header).map_err(|_| ApiError::InvalidProof("invalid_proof"))?;
        let kid = header
            .kid
            .filter(|k| k.len() == 43)
            .ok_or(ApiError::InvalidProof("invalid_proof"))?;
        let device = cx
            .store()
            .mobile_device_by_device_id(&kid)
            .await?
            .ok_or(ApiError::InvalidProof("unknown_device"))?;
        let jwk: EcJwk = serde_json::from_str(&device.public_key)
            .map_err(|e| AuthnError::Internal(format!("mobile device key: {e}")))?;
        let now = cx.now();
        // The signature first: a device's state is told only to the device itself.
        let claims = proof::verify(
            proof_header,
            &jwk,
            htm,
            &self.htu(path),
            body,
            now.unix_timestamp(),
        )
        .map_err(|e| ApiError::InvalidProof(proof_error(&e)))?;
        match (&device.status, standing) {
            (_, Standing::Any)
            | (MobileStatus::Active, Standing::Active)
            | (MobileStatus::Pending, Standing::Pending) => {}
            (MobileStatus::Locked, _) => return Err(ApiError::InvalidProof("device_locked")),
            _ => return Err(ApiError::InvalidProof("unknown_device")),
        }
        self.remember(cx, &device.device_id, &claims.jti).await?;
        Ok(device)
    }

    async fn remember(&self, cx: &Authn, device_id: &str, jti: &str) -> Result<(), ApiError> {
        let now = cx.now();
        let until = now + Duration::seconds(proof::JTI_TTL_SECONDS);
        if cx
            .store()
            .remember_proof_jti(device_id, jti, until, now)
            .await?
        {
            Ok(())
        } else {
            Err(ApiError::InvalidProof("replayed_proof"))
        }
    }

    /// `POST /device/v1/enrol` (spec §3 steps 3–4): the signed enrolment answer.
    pub async fn enrol_device(
        &self,
        cx: &Authn,
        proof_header: Option<&str>,
        path: &str,
        body: &[u8],
    ) -> Result<String, ApiError> {
        let request: EnrolRequest =
            serde_json::from_slice(body).map_err(|_| ApiError::BadRequest("bad_request"))?;
        request
            .check()
            .map_err(|_| ApiError::BadRequest("bad_request"))?;
        if request.v != limen_mobile::VERSION || request.tok.len() != 43 {
            return Err(ApiError::BadRequest("bad_request"));
        }
        let proof_header = proof_header.ok_or(ApiError::InvalidProof("missing_proof"))?;
        let (header, _) =
            proof::peek(proof_header).map_err(|_| ApiError::InvalidProof("invalid_proof"))?;
        if header.jwk.as_ref() != Some(&request.device_key) || header.kid.is_some() {
            return Err(ApiError::InvalidProof("invalid_proof"));
        }
        let now = cx.now();
        let claims = proof::verify(
            proof_header,
            &request.device_key,
            "POST",
            &self.htu(path),
            body,
            now.unix_timestamp(),
        )
        .map_err(|e| ApiError::InvalidProof(proof_error(&e)))?;
        let device_id = request.device_key.thumbprint();
        self.remember(cx, &device_id, &claims.jti).await?;
        // ECDH with a key of our own made for this answer, then HKDF (spec §3 step 4).
        let ours = limen_mobile::ecdh::Ephemeral::generate().map_err(internal)?;
        let our_public = ours.public_jwk();
        let z = ours
            .agree(&request.ecdh_key)
            .map_err(|_| ApiError::BadRequest("bad_request"))?;
        let k = kdf::offline_key(&z, &request.tok, &device_id);
        let enrolment_id = limen_crypto::sha256_hex(request.tok.as_bytes());
        let new = NewMobileDevice {
            account_id: 0,
            device_id: device_id.clone(),
            public_key: serde_json::to_string(&request.device_key)
                .map_err(|e| AuthnError::Internal(format!("mobile: {e}")))?,
            offline_key: self.sealer.seal(&k, device_id.as_bytes()),
            name: String::new(),
            os: request.os.clone(),
            model: request.model.clone(),
            app: request.app.clone(),
            enrolment_id: enrolment_id.clone(),
            created_at: now,
        };
        let taken = match cx
            .store()
            .take_mobile_enrolment(&enrolment_id, now, &new)
            .await
        {
            Ok(t) => t,
            Err(limen_store::StoreError::Duplicate(_)) => {
                return Err(ApiError::Conflict("already_used"));
            }
            Err(e) => return Err(e.into()),
        };
        let Some((enrolment, _)) = taken else {
            return Err(ApiError::NotFound);
        };
        let account = cx
            .store()
            .account_by_id(enrolment.account_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        self.wake.enrolment(&enrolment_id);
        let answer = EnrolAnswer {
            v: limen_mobile::VERSION,
            iss: self.config.issuer.clone(),
            device: device_id,
            ecdh_key: our_public,
            server_key: self.key.public_jwk(),
            name: enrolment.name,
            account: account.email.as_str().to_owned(),
            iat: now.unix_timestamp(),
        };
        Ok(self.sign(limen_mobile::TYP_ENROLMENT, &answer)?)
    }

    /// `POST /device/v1/enrol/confirm` (spec §3 steps 5–6).
    pub async fn confirm_enrolment(
        &self,
        cx: &Authn,
        proof_header: Option<&str>,
        path: &str,
        body: &[u8],
        ip: &str,
    ) -> Result<(), ApiError> {
        let device = self
            .authenticate(cx, proof_header, "POST", path, body, Standing::Pending)
            .await?;
        let request: ConfirmRequest =
            serde_json::from_slice(body).map_err(|_| ApiError::BadRequest("bad_request"))?;
        if request.v != limen_mobile::VERSION || request.pin_check.len() > 64 {
            return Err(ApiError::BadRequest("bad_request"));
        }
        let enrolment_id = device.enrolment_id.clone().ok_or(ApiError::NotFound)?;
        let enrolment = cx
            .store()
            .mobile_enrolment(&enrolment_id)
            .await?
            .filter(|e| {
                e.state == "taken"
                    && e.device_id.as_deref() == Some(device.device_id.as_str())
                    && cx.now() < e.expires_at + CONFIRM_GRACE
            })
            .ok_or(ApiError::NotFound)?;
        // The session that started it must still be there (not ended by PANIC, a logout, a
        // password change): a thief's enrolment dies with the thief's session.
        let now = cx.now();
        let alive = cx
            .store()
            .session(&enrolment.session_id)
            .await?
            .is_some_and(|s| {
                s.account_id == enrolment.account_id && !s.is_expired(cx.config().session, now)
            });
        if !alive {
            cx.store()
                .finish_mobile_enrolment(&enrolment.id, false)
                .await?;
            self.wake.enrolment(&enrolment.id);
            return Err(ApiError::Conflict("session_ended"));
        }
        let pin_key: [u8; 32] = self
            .sealer
            .open(&enrolment.pin_key, enrolment.id.as_bytes())
            .map_err(|e| AuthnError::Internal(format!("mobile enrolment: {e:?}")))?
            .try_into()
            .map_err(|_| AuthnError::Internal("mobile enrolment: length".into()))?;
        let k = self.offline_key(&device)?;
        let expected = kdf::pin_check(&k, &pin_key);
        let right = constant_time_eq(expected.as_bytes(), request.pin_check.as_bytes());
        if !cx
            .store()
            .finish_mobile_enrolment(&enrolment.id, right)
            .await?
        {
            return Err(ApiError::NotFound);
        }
        self.wake.enrolment(&enrolment.id);
        let account = cx.store().account_by_id(enrolment.account_id).await?;
        if !right {
            if let Some(account) = &account {
                let event = crate::AuthEvent::FactorAddFailed {
                    method: Method::MobileApp,
                    reason: "pin_mismatch".into(),
                };
                cx.audit(event, Some(account.id), ip).await;
            }
            return Err(ApiError::Conflict("pin_mismatch"));
        }
        if let Some(account) = account {
            let mut added = device.clone();
            added.name = enrolment.name.clone();
            added.status = MobileStatus::Active;
            cx.factor_added(Method::MobileApp, &account, &Self::device(&added), ip)
                .await;
        }
        Ok(())
    }

    /// Makes a challenge of `kind` for the account (spec §5), stored and signed; for push, the
    /// device is woken. Returns the stored row. `display` is the server's, every value in; the
    /// challenge carries it without the values the user must type (spec §5.5), the row keeps
    /// it whole for the check of the answer.
    pub(crate) async fn make_challenge(
        &self,
        cx: &Authn,
        account: &Account,
        kind: ChallengeKind,
        device: Option<&MobileDevice>,
        display: limen_mobile::messages::Display,
    ) -> Result<MobileChallenge, AuthnError> {
        let id = limen_crypto::random_token(32);
        let now = cx.now();
        let exp = now + Duration::seconds(self.config.challenge_seconds);
        let payload = ChallengePayload {
            v: limen_mobile::VERSION,
            iss: self.config.issuer.clone(),
            id: id.clone(),
            kind,
            iat: now.unix_timestamp(),
            exp: exp.unix_timestamp(),
            display: display.as_sent(),
        };
        let signed = self.sign(limen_mobile::TYP_CHALLENGE, &payload)?;
        let number = if kind == ChallengeKind::Push {
            format!("{:02}", rand::random::<u32>() % 100)
        } else {
            String::new()
        };
        let row = MobileChallenge {
            id,
            account_id: account.id,
            kind: kind_str(&kind).into(),
            device_id: device.map(|d| d.device_id.clone()),
            number,
            display: serde_json::to_string(&display)
                .map_err(|e| AuthnError::Internal(format!("mobile: {e}")))?,
            signed,
            status: "pending".into(),
            answered_by: None,
            created_at: now,
            expires_at: exp,
            answered_at: None,
            evidence: None,
        };
        cx.store().create_mobile_challenge(&row).await?;
        if let Some(d) = device {
            self.wake.challenge(d, &row.signed);
        }
        Ok(row)
    }

    /// Whether push requests to this account are held (too many denials this hour).
    pub(crate) async fn push_held(
        &self,
        cx: &Authn,
        account: &Account,
    ) -> Result<bool, AuthnError> {
        let since = cx.now() - Duration::hours(1);
        Ok(cx.store().mobile_denials_since(account.id, since).await? >= self.config.deny_per_hour)
    }

    /// `GET /device/v1/challenges`: the device's pending push challenges, signed.
    pub async fn pending(
        &self,
        cx: &Authn,
        device: &MobileDevice,
    ) -> Result<Vec<String>, ApiError> {
        Ok(cx
            .store()
            .pending_mobile_challenges(&device.device_id, cx.now())
            .await?
            .into_iter()
            .map(|c| c.signed)
            .collect())
    }

    /// The challenge `id` if this device may answer it: a push challenge made for it, or an On
    /// Mobile challenge of its account.
    async fn answerable(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        id: &str,
    ) -> Result<MobileChallenge, ApiError> {
        if id.len() != 43 {
            return Err(ApiError::NotFound);
        }
        let c = cx
            .store()
            .mobile_challenge(id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let mine = c.account_id == device.account_id
            && match c.kind.as_str() {
                "push" => c.device_id.as_deref() == Some(device.device_id.as_str()),
                "on_mobile" => true,
                _ => false,
            };
        if mine { Ok(c) } else { Err(ApiError::NotFound) }
    }

    /// `GET /device/v1/challenges/{id}` (On Mobile, spec §5.3): the signed challenge.
    pub async fn challenge_for(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        id: &str,
    ) -> Result<String, ApiError> {
        let c = self.answerable(cx, device, id).await?;
        if c.status != "pending" || cx.now() >= c.expires_at {
            return Err(ApiError::NotFound);
        }
        Ok(c.signed)
    }

    /// `POST /device/v1/challenges/{id}` (spec §5.1): the signed receipt. `proof` is the
    /// request's `Limen-Proof`, already verified ([`Mobile::authenticate`]): an approval of a
    /// transaction keeps it, with `body`, as the signature's evidence (spec §5.5).
    pub async fn answer(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        id: &str,
        proof: &str,
        body: &[u8],
        ip: &str,
    ) -> Result<String, ApiError> {
        let request: AnswerRequest =
            serde_json::from_slice(body).map_err(|_| ApiError::BadRequest("bad_request"))?;
        request
            .check()
            .map_err(|_| ApiError::BadRequest("bad_request"))?;
        if request.v != limen_mobile::VERSION {
            return Err(ApiError::BadRequest("bad_request"));
        }
        let c = self.answerable(cx, device, id).await?;
        let receipt = |result: ReceiptResult| -> Result<String, ApiError> {
            let r = Receipt {
                v: limen_mobile::VERSION,
                iss: self.config.issuer.clone(),
                challenge: c.id.clone(),
                device: device.device_id.clone(),
                decision: request.decision,
                result,
                iat: cx.now().unix_timestamp(),
            };
            Ok(self.sign(limen_mobile::TYP_RECEIPT, &r)?)
        };
        if c.status != "pending" {
            return receipt(ReceiptResult::Gone);
        }
        let now = cx.now();
        if now >= c.expires_at {
            return receipt(ReceiptResult::Expired);
        }
        // What the device showed is what the server asked for (spec §5). An approval hashes
        // the display with the values the user typed (§5.5), so it must equal the display with
        // the true values: a mistyped value is refused here like any other display. A denial
        // needs nothing typed: it hashes the display as the challenge carried it.
        let display: limen_mobile::messages::Display = serde_json::from_str(&c.display)
            .map_err(|e| AuthnError::Internal(format!("mobile display: {e}")))?;
        let dh = match request.decision {
            Decision::Approve => limen_mobile::messages::display_hash(&display),
            Decision::Deny => limen_mobile::messages::display_hash(&display.as_sent()),
        }
        .map_err(internal)?;
        if !constant_time_eq(dh.as_bytes(), request.dh.as_bytes()) {
            return Err(ApiError::BadRequest("display_hash"));
        }
        let account = cx.store().account_by_id(c.account_id).await?;
        if request.decision == Decision::Deny {
            if !cx
                .store()
                .answer_mobile_challenge(&c.id, "denied", &device.device_id, now)
                .await?
            {
                return receipt(ReceiptResult::Gone);
            }
            let event = crate::AuthEvent::DeviceDenied {
                name: device.name.clone(),
                reason: request.reason.map(|r| r.as_str().to_owned()),
            };
            cx.audit(event, Some(c.account_id), ip).await;
            self.wake.answered(&c.id);
            // "This was not me" (spec §5.1): whoever started it has the password — unless it
            // was On Mobile, which needs only the address.
            if request.reason == Some(DenyReason::NotMe)
                && let Some(account) = &account
            {
                let notice = crate::Notice::SignInReported {
                    device: device.name.clone(),
                    service: display.service.clone(),
                    network: display.origin.ip.clone(),
                    browser: display.origin.browser.clone(),
                    password: c.kind != "on_mobile",
                };
                cx.tell(account, notice).await;
            }
            return receipt(ReceiptResult::Denied);
        }
        let Some(pin_proof) = request.pin_proof.as_deref() else {
            return Err(ApiError::BadRequest("bad_request"));
        };
        let verdict = self
            .judge_pin(cx, device, account.as_ref(), ip, pin_proof, |k| {
                limen_mobile::messages::approval_mac(
                    k,
                    &c.id,
                    Decision::Approve,
                    &device.device_id,
                    &dh,
                    &request.number,
                )
            })
            .await?;
        match verdict {
            PinVerdict::Right => {}
            PinVerdict::NoTryLeft => return receipt(ReceiptResult::Locked),
            PinVerdict::Wrong => return receipt(ReceiptResult::WrongPin),
            PinVerdict::LockedNow => {
                cx.store()
                    .answer_mobile_challenge(&c.id, "failed", &device.device_id, now)
                    .await?;
                self.wake.answered(&c.id);
                return receipt(ReceiptResult::Locked);
            }
        }
        // Number matching (spec §5.1): the number typed on the device is the page's.
        if c.kind == "push" && !constant_time_eq(c.number.as_bytes(), request.number.as_bytes()) {
            cx.store()
                .answer_mobile_challenge(&c.id, "failed", &device.device_id, now)
                .await?;
            let event = crate::AuthEvent::LoginFailure {
                method: Method::MobileApp,
                reason: Some("wrong_number".into()),
            };
            cx.audit(event, Some(c.account_id), ip).await;
            self.wake.answered(&c.id);
            return receipt(ReceiptResult::WrongNumber);
        }
        let evidence = match &display.tx {
            Some(_) => Some(self.evidence(device, proof, body, &display)?),
            None => None,
        };
        if !cx
            .store()
            .answer_mobile_challenge_with(
                &c.id,
                "approved",
                &device.device_id,
                now,
                evidence.as_deref(),
            )
            .await?
        {
            return receipt(ReceiptResult::Gone);
        }
        cx.store()
            .touch_mobile_device(&device.device_id, now)
            .await?;
        self.wake.answered(&c.id);
        receipt(ReceiptResult::Approved)
    }

    /// The evidence of a transaction approved on `device` (spec §5.5), as JSON text: the
    /// device's public key, the `Limen-Proof` and the body of its answer exactly as received
    /// (the proof's `bh` is the body's hash, the body's `dh` the display's), and the display
    /// with the true values. A third party checks it with no secret of the server's.
    fn evidence(
        &self,
        device: &MobileDevice,
        proof: &str,
        body: &[u8],
        display: &limen_mobile::messages::Display,
    ) -> Result<String, ApiError> {
        let device_key: serde_json::Value = serde_json::from_str(&device.public_key)
            .map_err(|e| AuthnError::Internal(format!("mobile device key: {e}")))?;
        // The body parsed as JSON, so it is UTF-8; kept as text, byte for byte.
        let request = std::str::from_utf8(body).map_err(|_| ApiError::BadRequest("bad_request"))?;
        let evidence = serde_json::json!({
            "type": "mobile_app",
            "device_key": device_key,
            "proof": proof,
            "request": request,
            "display": display,
        });
        Ok(evidence.to_string())
    }

    /// `POST /device/v1/pin` (spec §5.4): whether the PIN behind `pin_proof` is right. The web
    /// app keeps no PIN verifier (§2.1), so it asks here before it re-masks `K` under a new
    /// PIN. The try is reserved and judged exactly as an approval's (§8): a wrong PIN is
    /// counted, audited, and locks the device at `pin_tries`; a right one resets the count.
    pub async fn check_pin(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        body: &[u8],
        ip: &str,
    ) -> Result<PinCheckResult, ApiError> {
        let request: PinCheckRequest =
            serde_json::from_slice(body).map_err(|_| ApiError::BadRequest("bad_request"))?;
        request
            .check()
            .map_err(|_| ApiError::BadRequest("bad_request"))?;
        // The proof is bound to its time: one seen in transit is of no use a minute later
        // (the request's own `jti` already refuses it twice).
        let now = cx.now();
        if (now.unix_timestamp() - request.iat).abs() > limen_mobile::messages::PIN_CHECK_SECONDS {
            return Err(ApiError::BadRequest("bad_request"));
        }
        let account = cx.store().account_by_id(device.account_id).await?;
        let verdict = self
            .judge_pin(cx, device, account.as_ref(), ip, &request.pin_proof, |k| {
                limen_mobile::messages::pin_check_mac(k, &device.device_id, request.iat)
            })
            .await?;
        Ok(match verdict {
            PinVerdict::Right => PinCheckResult::Ok,
            PinVerdict::Wrong => PinCheckResult::WrongPin,
            PinVerdict::LockedNow | PinVerdict::NoTryLeft => PinCheckResult::Locked,
        })
    }

    /// One PIN proof judged (spec §8), for approvals and PIN checks alike: a try reserved
    /// before the PIN is looked at (parallel answers share `pin_tries`, and a device without a
    /// try left learns only that), the proof `mac(K)` compared in constant time, a right one
    /// resetting the count, a wrong one counted, audited and locking the device at the limit.
    async fn judge_pin(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        account: Option<&Account>,
        ip: &str,
        given: &str,
        mac: impl FnOnce(&[u8; 32]) -> Result<String, limen_mobile::Error>,
    ) -> Result<PinVerdict, ApiError> {
        let Some(tries) = cx
            .store()
            .mobile_pin_reserve(&device.device_id, self.config.pin_tries)
            .await?
        else {
            return Ok(PinVerdict::NoTryLeft);
        };
        let k = self.offline_key(device)?;
        let expected = mac(&k).map_err(internal)?;
        if constant_time_eq(expected.as_bytes(), given.as_bytes()) {
            cx.store().mobile_pin_success(&device.device_id).await?;
            return Ok(PinVerdict::Right);
        }
        if self.wrong_pin(cx, device, account, ip, tries).await? {
            Ok(PinVerdict::LockedNow)
        } else {
            Ok(PinVerdict::Wrong)
        }
    }

    /// `DELETE /device/v1/device` (spec §3.7): the device unlinks itself ("Unlink", "Forgot
    /// PIN"). A pending one abandons its enrolment, which the page showing its QR code then
    /// sees as expired. An active one is **locked**, not removed: its key signs without the
    /// PIN, so whoever holds the phone may do what wrong PINs already allow (lock it) but not
    /// what needs My account's step-up (remove a factor, which could leave the account without
    /// one and open it to a password alone). Audited, told by e-mail, its live channel closed;
    /// the user removes it in My account. A locked one stays as it is.
    pub async fn unlink(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        ip: &str,
    ) -> Result<(), ApiError> {
        match device.status {
            MobileStatus::Pending => {
                let gone = ApiError::InvalidProof("unknown_device");
                let enrolment = device.enrolment_id.as_deref().ok_or(gone)?;
                if !cx
                    .store()
                    .abandon_mobile_enrolment(enrolment, &device.device_id)
                    .await?
                {
                    return Err(ApiError::InvalidProof("unknown_device"));
                }
                self.wake.enrolment(enrolment);
                self.wake.revoked(&device.device_id);
                let event = crate::AuthEvent::FactorAddFailed {
                    method: Method::MobileApp,
                    reason: "unlinked".into(),
                };
                cx.audit(event, Some(device.account_id), ip).await;
                Ok(())
            }
            MobileStatus::Active => {
                // `pin_failures >= 0` always holds: locked now, once (a racing unlink or
                // lockout finds it locked already).
                if cx
                    .store()
                    .mobile_pin_lock(&device.device_id, 0, cx.now())
                    .await?
                {
                    let event = crate::AuthEvent::DeviceUnlinked {
                        name: device.name.clone(),
                    };
                    cx.audit(event, Some(device.account_id), ip).await;
                    if let Some(account) = cx.store().account_by_id(device.account_id).await? {
                        let notice = crate::Notice::DeviceUnlinked {
                            name: device.name.clone(),
                        };
                        cx.tell(&account, notice).await;
                    }
                    self.wake.revoked(&device.device_id);
                }
                Ok(())
            }
            MobileStatus::Locked => Ok(()),
        }
    }

    /// A wrong PIN from `device`, whose try was reserved (the `failures`-th in a row): audited;
    /// at `pin_tries` the device is locked, and the account holder told. Whether it is locked
    /// now.
    async fn wrong_pin(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        account: Option<&Account>,
        ip: &str,
        failures: i64,
    ) -> Result<bool, AuthnError> {
        let locked = cx
            .store()
            .mobile_pin_lock(&device.device_id, self.config.pin_tries, cx.now())
            .await?;
        let event = crate::AuthEvent::DevicePinFailure {
            name: device.name.clone(),
            failures,
        };
        cx.audit(event, Some(device.account_id), ip).await;
        if locked {
            let event = crate::AuthEvent::DeviceLocked {
                name: device.name.clone(),
            };
            cx.audit(event, Some(device.account_id), ip).await;
            if let Some(account) = account {
                let notice = crate::Notice::DeviceLocked {
                    name: device.name.clone(),
                };
                cx.tell(account, notice).await;
            }
            self.wake.revoked(&device.device_id);
        }
        Ok(locked)
    }

    /// Whether a Web Push endpoint may be posted to: https, a host name (not an IP literal of
    /// a loopback, private, link-local or unspecified address, nor `localhost`), no user
    /// information — so that a device cannot make Limen post to its own network. Tests may
    /// allow a local stand-in (`allow_local_push`).
    pub fn push_endpoint_ok(&self, endpoint: &str) -> bool {
        let Ok(url) = url::Url::parse(endpoint) else {
            return false;
        };
        if !url.username().is_empty() || url.password().is_some() {
            return false;
        }
        if self.config.allow_local_push {
            return matches!(url.scheme(), "https" | "http");
        }
        if url.scheme() != "https" {
            return false;
        }
        match url.host() {
            Some(url::Host::Domain(d)) => {
                let d = d.trim_end_matches('.').to_ascii_lowercase();
                d != "localhost" && !d.ends_with(".localhost")
            }
            Some(url::Host::Ipv4(a)) => {
                let o = a.octets();
                !(a.is_loopback()
                    || a.is_private()
                    || a.is_link_local()
                    || a.is_unspecified()
                    || a.is_broadcast()
                    || (o[0] == 100 && (64..128).contains(&o[1])))
            }
            Some(url::Host::Ipv6(a)) => {
                let s = a.segments();
                !(a.is_loopback()
                    || a.is_unspecified()
                    || (s[0] & 0xfe00) == 0xfc00
                    || (s[0] & 0xffc0) == 0xfe80
                    || a.to_ipv4_mapped().is_some())
            }
            None => false,
        }
    }

    /// `PUT`/`DELETE /device/v1/push` (spec §7).
    pub async fn set_push(
        &self,
        cx: &Authn,
        device: &MobileDevice,
        body: Option<&[u8]>,
    ) -> Result<(), ApiError> {
        let Some(body) = body else {
            cx.store().set_mobile_push(&device.device_id, None).await?;
            return Ok(());
        };
        let sub: PushSubscription =
            serde_json::from_slice(body).map_err(|_| ApiError::BadRequest("bad_request"))?;
        sub.check()
            .map_err(|_| ApiError::BadRequest("bad_request"))?;
        if !self.push_endpoint_ok(&sub.endpoint) {
            return Err(ApiError::BadRequest("endpoint"));
        }
        cx.store()
            .set_mobile_push(
                &device.device_id,
                Some((&sub.endpoint, &sub.p256dh, &sub.auth)),
            )
            .await?;
        Ok(())
    }

    /// Where a challenge stands, for the login page waiting on it.
    pub async fn challenge_state(
        &self,
        cx: &Authn,
        id: &str,
    ) -> Result<Option<ChallengeState>, AuthnError> {
        if id.len() != 43 {
            return Ok(None);
        }
        let Some(c) = cx.store().mobile_challenge(id).await? else {
            return Ok(None);
        };
        Ok(Some(match c.status.as_str() {
            "pending" if cx.now() >= c.expires_at => ChallengeState::Expired,
            "pending" => ChallengeState::Pending,
            "approved" => ChallengeState::Approved,
            "denied" => ChallengeState::Denied,
            "failed" => ChallengeState::Failed,
            _ => ChallengeState::Expired,
        }))
    }

    pub(crate) fn wake(&self) -> &dyn Wakeup {
        self.wake.as_ref()
    }
}

fn kind_str(kind: &ChallengeKind) -> &'static str {
    match kind {
        ChallengeKind::Push => "push",
        ChallengeKind::Offline => "offline",
        ChallengeKind::OnMobile => "on_mobile",
    }
}

fn proof_error(e: &proof::ProofError) -> &'static str {
    match e {
        proof::ProofError::Stale => "stale_proof",
        proof::ProofError::BadSignature => "invalid_signature",
        _ => "invalid_proof",
    }
}

fn internal(e: limen_mobile::Error) -> AuthnError {
    AuthnError::Internal(format!("mobile protocol: {e}"))
}

/// The browser's network as a device shows it: an IPv4 /24 or an IPv6 /48.
pub fn coarse_network(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => {
            let o = a.octets();
            format!("{}.{}.{}.0/24", o[0], o[1], o[2])
        }
        Ok(std::net::IpAddr::V6(a)) => {
            let s = a.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
        Err(_) => "unknown".into(),
    }
}

/// The browser as a device shows it: its family and system, nothing finer.
pub fn coarse_browser(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "a browser"
    };
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("Linux") || ua.contains("X11") {
        "Linux"
    } else {
        "an unknown system"
    };
    format!("{browser} on {system}")
}

/// Whether a `User-Agent` is a phone's or tablet's browser (On Mobile is offered there only,
/// seed 003).
pub fn is_mobile_browser(user_agent: &str) -> bool {
    ["Mobi", "Android", "iPhone", "iPad"]
        .iter()
        .any(|m| user_agent.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_is_shown_coarsely() {
        assert_eq!(coarse_network("203.0.113.77"), "203.0.113.0/24");
        assert_eq!(coarse_network("2001:db8:1:2::5"), "2001:db8:1::/48");
        assert_eq!(coarse_network("-"), "unknown");
        let ff = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(coarse_browser(ff), "Firefox on Linux");
        let chrome_android = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(coarse_browser(chrome_android), "Chrome on Android");
        assert!(is_mobile_browser(chrome_android));
        assert!(!is_mobile_browser(ff));
        assert_eq!(coarse_browser("reqwest"), "a browser on an unknown system");
    }

    #[test]
    fn settings_are_bounded() {
        let mut c = MobileConfig::new("https://idp.example/");
        assert_eq!(c.issuer, "https://idp.example");
        assert!(c.check().is_ok());
        c.challenge_seconds = 121;
        assert!(c.check().is_err());
        c.challenge_seconds = 120;
        c.enrol_minutes = 6;
        assert!(c.check().is_err());
        c.enrol_minutes = 5;
        c.pin_length = 3;
        assert!(c.check().is_err());
    }
}
