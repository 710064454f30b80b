//! Security keys, trusted platforms and passkeys (W3C Web Authentication Level 3; seeds 003 and
//! 004): the relying party, behind our own small API so that the rest of Limen never sees the
//! verifier's types ([`RelyingParty`]); the second factor built on it ([`WebauthnFactor`], the
//! first implementation of [`crate::SecondFactor`]); and passwordless passkey login
//! ([`passkey`]).
//!
//! Rules that hold here (docs/AUTHENTICATION.md):
//! - ceremony state lives in the store, in the engine's transactions (every node can finish a
//!   ceremony another started); a challenge is answered once (the row is taken) and lives
//!   `transaction_ttl` (5 min);
//! - the origin and the RP ID hash are checked by the verifier against the configuration
//!   (§7.1 steps 9 and 15, §7.2 steps 13 and 15);
//! - a signature counter that does not increase (§6.1.1) refuses the login and flags the key;
//! - the user-verification policy of second-factor logins is configurable; passwordless login
//!   always requires user verification — a passkey alone, without the PIN or biometrics, is one
//!   factor and never reaches `PASSWORD_WEBAUTHN`;
//! - a credential ID belongs to one account: a key of another account is refused.

mod factor;
pub mod passkey;

pub use factor::WebauthnFactor;

use crate::AuthnError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use webauthn_rs_core::WebauthnCore;
use webauthn_rs_core::error::WebauthnError;
use webauthn_rs_core::proto::{
    AttestationConveyancePreference, AttestationMetadata, AuthenticationResult,
    AuthenticationState, AuthenticatorAttachment, COSEKey, Credential, PublicKeyCredential,
    RegisterPublicKeyCredential, RegistrationState, UserVerificationPolicy,
};

/// How insistent the relying party is on user verification (PIN, biometrics) for keys used as
/// a second factor after the password (§5.8.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserVerification {
    Required,
    Preferred,
    Discouraged,
}

impl UserVerification {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "required" => Some(Self::Required),
            "preferred" => Some(Self::Preferred),
            "discouraged" => Some(Self::Discouraged),
            _ => None,
        }
    }

    fn policy(self) -> UserVerificationPolicy {
        match self {
            Self::Required => UserVerificationPolicy::Required,
            Self::Preferred => UserVerificationPolicy::Preferred,
            Self::Discouraged => UserVerificationPolicy::Discouraged_DO_NOT_USE,
        }
    }
}

#[derive(Debug, Clone)]
pub struct WebauthnConfig {
    /// The RP ID (§5.1.2): a registrable domain suffix of the origin's host; never an IP address.
    pub rp_id: String,
    pub rp_name: String,
    /// Origins the ceremonies may come from (`https://login.example.org`).
    pub origins: Vec<String>,
    pub user_verification: UserVerification,
    /// How long the browser lets the user answer (the `timeout` member).
    pub timeout: std::time::Duration,
    /// How long a ceremony's challenge stays valid on the server (the engine's transaction
    /// lifetime follows it).
    pub ceremony_ttl: time::Duration,
    /// Passwordless challenges (the sign-in page asks for one per view) per client address and
    /// hour: each is a row in the store until it expires.
    pub passwordless_per_client_per_hour: i64,
}

impl WebauthnConfig {
    /// The RP ID and origin follow the public URL. An IP address cannot be an RP ID (§5.1.2),
    /// so a public URL on a loopback address (development) gives `localhost` and its origin:
    /// WebAuthn then works at `http://localhost:PORT`, the secure context browsers allow
    /// without TLS.
    pub fn for_public_url(public_url: &str) -> Self {
        let mut parsed = url::Url::parse(public_url).ok();
        if let Some(u) = parsed.as_mut()
            && u.host_str()
                .and_then(|h| h.trim_matches(['[', ']']).parse::<std::net::IpAddr>().ok())
                .is_some_and(|ip| ip.is_loopback() || ip.is_unspecified())
        {
            let _ = u.set_host(Some("localhost"));
        }
        let rp_id = parsed
            .as_ref()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".to_owned());
        let origin = parsed
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_else(|| public_url.trim_end_matches('/').to_owned());
        Self {
            rp_id,
            rp_name: "Limen".to_owned(),
            origins: vec![origin],
            user_verification: UserVerification::Preferred,
            timeout: std::time::Duration::from_secs(120),
            ceremony_ttl: time::Duration::minutes(5),
            passwordless_per_client_per_hour: 600,
        }
    }
}

/// The three kinds of authenticator My account registers (seeds 003/004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A roaming authenticator (USB, NFC, Bluetooth): "cross-platform" attachment.
    SecurityKey,
    /// The device's own authenticator (Windows Hello, Touch ID, Android): "platform" attachment.
    Platform,
    /// A discoverable credential, synced or on a phone through the hybrid (QR + Bluetooth) flow.
    Passkey,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "security_key" => Some(Kind::SecurityKey),
            "platform" => Some(Kind::Platform),
            "passkey" => Some(Kind::Passkey),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SecurityKey => "security_key",
            Kind::Platform => "platform",
            Kind::Passkey => "passkey",
        }
    }
}

/// Why a ceremony failed, as the pages tell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CeremonyError {
    /// The answer is not a WebAuthn response.
    Malformed,
    /// The challenge is unknown, used or expired.
    Expired,
    /// The key is not registered (or was deleted).
    UnknownCredential,
    /// The key is registered to another account.
    OtherAccount,
    /// The key is already registered.
    AlreadyRegistered,
    /// The signature counter did not increase: the key may have been cloned.
    CounterRegression,
    /// User verification was required and not performed.
    NotVerified,
    /// Anything else the verifier refused (origin, RP ID, signature, attestation...).
    Refused(String),
}

impl CeremonyError {
    fn from_verifier(e: WebauthnError) -> Self {
        match e {
            WebauthnError::CredentialPossibleCompromise => CeremonyError::CounterRegression,
            WebauthnError::UserNotVerified => CeremonyError::NotVerified,
            WebauthnError::CredentialNotFound => CeremonyError::UnknownCredential,
            WebauthnError::CredentialAlteredAlgFromRequest
            | WebauthnError::CredentialExcludedFromRequest => CeremonyError::AlreadyRegistered,
            other => CeremonyError::Refused(other.to_string()),
        }
    }

    /// The message key of the page.
    pub fn message_key(&self) -> &'static str {
        match self {
            CeremonyError::Malformed | CeremonyError::Refused(_) => "webauthn-error-refused",
            CeremonyError::Expired => "webauthn-error-expired",
            CeremonyError::UnknownCredential => "webauthn-error-unknown",
            CeremonyError::OtherAccount => "webauthn-error-other-account",
            CeremonyError::AlreadyRegistered => "webauthn-error-already",
            CeremonyError::CounterRegression => "webauthn-error-cloned",
            CeremonyError::NotVerified => "webauthn-error-not-verified",
        }
    }
}

/// A credential the verifier accepted at registration.
pub struct Registered {
    pub credential_id: String,
    pub record: String,
    pub aaguid: Option<String>,
    pub attestation_format: String,
    pub user_verified: bool,
}

/// The relying party: configuration checked once, shared by every request.
#[derive(Clone)]
pub struct RelyingParty {
    core: Arc<WebauthnCore>,
    second_factor_uv: UserVerification,
}

impl RelyingParty {
    pub fn new(config: &WebauthnConfig) -> Result<Self, AuthnError> {
        let bad = |what: String| AuthnError::Internal(format!("webauthn: {what}"));
        if config.rp_id.is_empty() || config.rp_id.parse::<std::net::IpAddr>().is_ok() {
            return Err(bad(format!(
                "the RP ID {:?} must be a domain name, not an IP address (WebAuthn §5.1.2): \
                 reach Limen as http://localhost:PORT or set webauthn.rp_id",
                config.rp_id
            )));
        }
        let mut origins = Vec::new();
        for o in &config.origins {
            let url = url::Url::parse(o).map_err(|e| bad(format!("origin {o:?}: {e}")))?;
            let host = url.host_str().unwrap_or_default();
            // §5.1.2: the RP ID must be the origin's host or a registrable suffix of it.
            if host != config.rp_id && !host.ends_with(&format!(".{}", config.rp_id)) {
                return Err(bad(format!(
                    "the origin {o} is not within the RP ID {:?}",
                    config.rp_id
                )));
            }
            origins.push(url);
        }
        if origins.is_empty() {
            return Err(bad("no origin configured".to_owned()));
        }
        let core = WebauthnCore::new_unsafe_experts_only(
            &config.rp_name,
            &config.rp_id,
            origins,
            config.timeout,
            Some(false),
            Some(false),
        );
        Ok(Self {
            core: Arc::new(core),
            second_factor_uv: config.user_verification,
        })
    }

    /// §5.4 registration options for one account and kind; returns the options for the page
    /// and the state to keep.
    pub fn start_registration(
        &self,
        user_handle: &[u8],
        user_name: &str,
        display_name: &str,
        kind: Kind,
        exclude: Vec<Vec<u8>>,
    ) -> Result<(serde_json::Value, String), AuthnError> {
        let internal = |e: WebauthnError| AuthnError::Internal(format!("webauthn: {e}"));
        let (attachment, resident, uv) = match kind {
            Kind::SecurityKey => (
                Some(AuthenticatorAttachment::CrossPlatform),
                false,
                self.second_factor_uv,
            ),
            Kind::Platform => (
                Some(AuthenticatorAttachment::Platform),
                false,
                self.second_factor_uv,
            ),
            // A passkey can sign in without the password: it must verify the user.
            Kind::Passkey => (None, true, UserVerification::Required),
        };
        let builder = self
            .core
            .new_challenge_register_builder(user_handle, user_name, display_name)
            .map_err(internal)?
            // "direct": the authenticator's model (AAGUID) can be shown; seed 003 tells users
            // not to tick "anonymise anyway".
            .attestation(AttestationConveyancePreference::Direct)
            .user_verification_policy(uv.policy())
            .exclude_credentials(Some(exclude))
            .require_resident_key(resident)
            .authenticator_attachment(attachment);
        let (options, state) = self
            .core
            .generate_challenge_register(builder)
            .map_err(internal)?;
        Ok((to_json(&options)?, to_string(&state)?))
    }

    pub fn finish_registration(
        &self,
        response: &str,
        state: &str,
    ) -> Result<Registered, CeremonyError> {
        let response: RegisterPublicKeyCredential =
            serde_json::from_str(response).map_err(|_| CeremonyError::Malformed)?;
        let state: RegistrationState =
            serde_json::from_str(state).map_err(|_| CeremonyError::Expired)?;
        // No attestation CA list: the attestation statement is verified (signatures, formats)
        // but its chain is not required to reach a vendor root; the AAGUID names the model.
        let credential = self
            .core
            .register_credential(&response, &state, None)
            .map_err(CeremonyError::from_verifier)?;
        let aaguid = match &credential.attestation.metadata {
            AttestationMetadata::Packed { aaguid } | AttestationMetadata::Tpm { aaguid, .. } => {
                Some(aaguid.hyphenated().to_string())
            }
            // Self and "none" attestation: the verifier does not surface the AAGUID; read it
            // from the attestation object it has just verified.
            _ => aaguid_of(&response.response.attestation_object),
        };
        Ok(Registered {
            credential_id: URL_SAFE_NO_PAD.encode(&credential.cred_id),
            aaguid,
            attestation_format: format!("{:?}", credential.attestation_format).to_lowercase(),
            user_verified: credential.user_verified,
            record: serde_json::to_string(&credential).map_err(|_| CeremonyError::Malformed)?,
        })
    }

    /// §5.5 options for a second-factor login with the account's keys (`allowCredentials`).
    pub fn start_login(
        &self,
        records: &[String],
    ) -> Result<(serde_json::Value, String), AuthnError> {
        self.start_authentication(usable(records)?, self.second_factor_uv, None)
    }

    /// §5.5 options for confirming a transaction (issue 18) with the account's keys: as
    /// [`RelyingParty::start_login`], but the challenge is `digest`, the 32 bytes of the
    /// transaction's SHA-256, so that the assertion's `clientDataJSON.challenge` is the
    /// receipt's `txn_hash` and its signature covers the transaction (§13.4.3 lets the relying
    /// party choose the challenge, as long as it cannot be guessed in advance: the request id
    /// in the data makes every digest unique).
    pub fn start_signing(
        &self,
        records: &[String],
        digest: &[u8; 32],
    ) -> Result<(serde_json::Value, String), AuthnError> {
        self.start_authentication(usable(records)?, self.second_factor_uv, Some(digest))
    }

    /// §5.5 options for passwordless login: no `allowCredentials` (a discoverable credential
    /// names its account through its user handle), user verification required.
    pub fn start_passwordless(&self) -> Result<(serde_json::Value, String), AuthnError> {
        self.start_authentication(Vec::new(), UserVerification::Required, None)
    }

    /// The options and the state of an authentication ceremony; its challenge is random (§13.4.3)
    /// unless `challenge` gives it.
    fn start_authentication(
        &self,
        credentials: Vec<Credential>,
        uv: UserVerification,
        challenge: Option<&[u8; 32]>,
    ) -> Result<(serde_json::Value, String), AuthnError> {
        let internal = |e: WebauthnError| AuthnError::Internal(format!("webauthn: {e}"));
        let builder = self
            .core
            .new_challenge_authenticate_builder(credentials, Some(uv.policy()))
            .map_err(internal)?;
        let (mut options, state) = self
            .core
            .generate_challenge_authenticate(builder)
            .map_err(internal)?;
        let Some(challenge) = challenge else {
            return Ok((to_json(&options)?, to_string(&state)?));
        };
        // The verifier has no way to be given a challenge: its random one is replaced in both
        // halves — the options the browser gets and the state `finish_login` checks the
        // assertion's `clientDataJSON.challenge` against (§7.2 step 12). The state's fields are
        // private, so it is replaced in its serialised form and read back, which proves the
        // verifier takes the result as its own.
        options.public_key.challenge = challenge.to_vec();
        let mut kept = serde_json::to_value(&state)
            .map_err(|e| AuthnError::Internal(format!("webauthn: {e}")))?;
        match kept.get_mut("challenge") {
            Some(c @ serde_json::Value::String(_)) => {
                *c = serde_json::Value::String(URL_SAFE_NO_PAD.encode(challenge));
            }
            _ => {
                return Err(AuthnError::Internal(
                    "webauthn: the ceremony state has no challenge to replace".to_owned(),
                ));
            }
        }
        let state: AuthenticationState = serde_json::from_value(kept)
            .map_err(|e| AuthnError::Internal(format!("webauthn: ceremony state: {e}")))?;
        Ok((to_json(&options)?, to_string(&state)?))
    }

    /// §7.2 verification of an assertion against the stored `record`. Returns the updated
    /// record (counter, backup state) and whether the user was verified.
    pub fn finish_login(
        &self,
        response: &Assertion,
        state: &str,
        record: &str,
    ) -> Result<(String, bool), CeremonyError> {
        let state: AuthenticationState =
            serde_json::from_str(state).map_err(|_| CeremonyError::Expired)?;
        let mut credential: Credential =
            serde_json::from_str(record).map_err(|_| CeremonyError::Malformed)?;
        let result: AuthenticationResult = self
            .core
            .authenticate_single_credential(&response.0, &state, &credential)
            .map_err(CeremonyError::from_verifier)?;
        credential.counter = result.counter();
        credential.backup_state = result.backup_state();
        credential.backup_eligible = result.backup_eligible();
        let updated = serde_json::to_string(&credential).map_err(|_| CeremonyError::Malformed)?;
        Ok((updated, result.user_verified()))
    }
}

/// The AAGUID of the attested credential data in an attestation object (§6.5.1: authData is
/// rpIdHash(32) | flags(1) | signCount(4) | AAGUID(16) | ...; present when flag AT (0x40) is
/// set). `None` when absent or all zeros (an authenticator that does not say).
fn aaguid_of(attestation_object: &[u8]) -> Option<String> {
    use serde_cbor_2::Value;
    let Ok(Value::Map(map)) = serde_cbor_2::from_slice::<Value>(attestation_object) else {
        return None;
    };
    let auth_data = map.iter().find_map(|(k, v)| match (k, v) {
        (Value::Text(k), Value::Bytes(b)) if k == "authData" => Some(b),
        _ => None,
    })?;
    let aaguid = auth_data
        .get(37..53)
        .filter(|_| auth_data[32] & 0x40 != 0)?;
    if aaguid.iter().all(|b| *b == 0) {
        return None;
    }
    let h = hex::encode(aaguid);
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

/// A browser's answer to `navigator.credentials.get()`.
pub struct Assertion(PublicKeyCredential);

impl Assertion {
    pub fn parse(json: &str) -> Result<Self, CeremonyError> {
        if json.len() > 64 * 1024 {
            return Err(CeremonyError::Malformed);
        }
        serde_json::from_str(json)
            .map(Assertion)
            .map_err(|_| CeremonyError::Malformed)
    }

    /// base64url of the credential ID, as stored.
    pub fn credential_id(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.raw_id.as_slice())
    }

    /// The assertion as a receipt carries it (issue 18): `{"type": "webauthn",
    /// "credential_id", "authenticator_data", "client_data_json", "signature"}` (base64url
    /// without padding of the bytes the browser sent), and `"public_key"`, the credential's
    /// public key from `record` as a JWK with its `"alg"`. Anyone can then check it without
    /// Limen (§7.2 steps 11, 12, 19 and 20): `client_data_json` is `webauthn.get` with the
    /// transaction's hash as challenge, and the signature verifies over `authenticator_data ‖
    /// SHA-256(client_data_json)`. `None`: the stored key has no JWK form.
    pub fn evidence(&self, record: &str) -> Option<serde_json::Value> {
        let credential: Credential = serde_json::from_str(record).ok()?;
        let public_key = jwk_of(&credential.cred)?;
        let response = &self.0.response;
        Some(serde_json::json!({
            "type": "webauthn",
            "credential_id": URL_SAFE_NO_PAD.encode(self.0.raw_id.as_slice()),
            "authenticator_data": URL_SAFE_NO_PAD.encode(response.authenticator_data.as_slice()),
            "client_data_json": URL_SAFE_NO_PAD.encode(response.client_data_json.as_slice()),
            "signature": URL_SAFE_NO_PAD.encode(response.signature.as_slice()),
            "public_key": public_key,
        }))
    }

    /// base64url of the user handle the authenticator returned, if any.
    pub fn user_handle(&self) -> Option<String> {
        self.0
            .response
            .user_handle
            .as_ref()
            .map(|h| URL_SAFE_NO_PAD.encode(h.as_slice()))
    }
}

/// A credential's COSE public key (RFC 9053) as a JWK (RFC 7517; members of RFC 7518 §6 and
/// RFC 8037 §2) with its JOSE `alg` (RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §2 for `RS1`).
/// Integers are written with the fewest octets (RFC 7518 §2, Base64urlUInt); coordinates keep
/// their full size (§6.2.1.2). `None` for a key whose type and algorithm do not agree.
fn jwk_of(key: &COSEKey) -> Option<serde_json::Value> {
    use webauthn_rs_core::proto::{COSEAlgorithm as A, COSEKeyType, ECDSACurve, EDDSACurve};
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let uint = |bytes: &[u8]| {
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        URL_SAFE_NO_PAD.encode(&bytes[first..])
    };
    match (&key.key, key.type_) {
        (COSEKeyType::EC_EC2(ec), alg) => {
            let (crv, expected) = match ec.curve {
                ECDSACurve::SECP256R1 => ("P-256", A::ES256),
                ECDSACurve::SECP384R1 => ("P-384", A::ES384),
                ECDSACurve::SECP521R1 => ("P-521", A::ES521),
            };
            if alg != expected {
                return None;
            }
            // JOSE names ECDSA on P-521 with SHA-512 "ES512" (COSE's -36).
            let alg = match alg {
                A::ES256 => "ES256",
                A::ES384 => "ES384",
                _ => "ES512",
            };
            Some(serde_json::json!({
                "kty": "EC", "crv": crv, "x": b64(&ec.x), "y": b64(&ec.y), "alg": alg,
            }))
        }
        (COSEKeyType::RSA(rsa), alg) => {
            let alg = match alg {
                A::RS256 => "RS256",
                A::RS384 => "RS384",
                A::RS512 => "RS512",
                A::PS256 => "PS256",
                A::PS384 => "PS384",
                A::PS512 => "PS512",
                A::INSECURE_RS1 => "RS1",
                _ => return None,
            };
            Some(serde_json::json!({
                "kty": "RSA", "n": uint(&rsa.n), "e": uint(&rsa.e), "alg": alg,
            }))
        }
        (COSEKeyType::EC_OKP(okp), A::EDDSA) => {
            let crv = match okp.curve {
                EDDSACurve::ED25519 => "Ed25519",
                EDDSACurve::ED448 => "Ed448",
            };
            Some(serde_json::json!({
                "kty": "OKP", "crv": crv, "x": b64(&okp.x), "alg": "EdDSA",
            }))
        }
        _ => None,
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value, AuthnError> {
    serde_json::to_value(value).map_err(|e| AuthnError::Internal(format!("webauthn: {e}")))
}

pub(crate) fn to_string<T: Serialize>(value: &T) -> Result<String, AuthnError> {
    serde_json::to_string(value).map_err(|e| AuthnError::Internal(format!("webauthn: {e}")))
}

/// Authenticator models by AAGUID (FIDO Metadata Service and vendors' published lists), shown
/// next to each key; unknown ones are shown by their AAGUID.
pub fn model_name(aaguid: &str) -> Option<&'static str> {
    const MODELS: &[(&str, &str)] = &[
        ("ee882879-721c-4913-9775-3dfcce97072a", "YubiKey 5 Series"),
        ("cb69481e-8ff7-4039-93ec-0a2729a154a8", "YubiKey 5 Series"),
        (
            "fa2b99dc-9e39-4257-8f92-4a30d23c4118",
            "YubiKey 5 Series with NFC",
        ),
        (
            "2fc0579f-8113-47ea-b116-bb5a8db9202a",
            "YubiKey 5 Series with NFC",
        ),
        ("08987058-cadc-4b81-b6e1-30de50dcbe96", "Windows Hello"),
        ("9ddd1817-af5a-4672-a2b9-3e3dd95000a9", "Windows Hello"),
        ("6028b017-b1d4-4c02-b4b3-afcdafc96bb2", "Windows Hello"),
        ("fbfc3007-154e-4ecc-8c0b-6e020557d7bd", "iCloud Keychain"),
        (
            "dd4ec289-e01d-41c9-bb89-70fa845d4bf2",
            "iCloud Keychain (managed)",
        ),
        (
            "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4",
            "Google Password Manager",
        ),
        ("adce0002-35bc-c60a-648b-0b25f1f05503", "Chrome on Mac"),
        ("bada5566-a7aa-401f-bd96-45619a55120d", "1Password"),
        ("d548826e-79b4-db40-a3d8-11116f7e8349", "Bitwarden"),
        ("53414d53-554e-4700-0000-000000000000", "Samsung Pass"),
        (
            "01020304-0506-0708-0102-030405060708",
            "Chromium virtual authenticator (testing)",
        ),
    ];
    MODELS
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(aaguid))
        .map(|(_, name)| *name)
}

/// The stored credential records that parse, or an error when none does (the caller listed the
/// account's usable keys: none readable is a store problem, not the user's).
fn usable(records: &[String]) -> Result<Vec<Credential>, AuthnError> {
    let credentials: Vec<Credential> = records
        .iter()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect();
    if credentials.is_empty() {
        return Err(AuthnError::Internal(
            "webauthn: no usable credential record".to_owned(),
        ));
    }
    Ok(credentials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_follows_the_public_url() {
        let c = WebauthnConfig::for_public_url("https://login.example.org/");
        assert_eq!(c.rp_id, "login.example.org");
        assert_eq!(c.origins, vec!["https://login.example.org"]);
        assert!(RelyingParty::new(&c).is_ok());
        let c = WebauthnConfig::for_public_url("http://localhost:8080");
        assert_eq!(c.origins, vec!["http://localhost:8080"]);
        assert!(RelyingParty::new(&c).is_ok());
    }

    #[test]
    fn bad_relying_parties_are_refused() {
        // An IP address is not a valid RP ID; a loopback public URL means localhost.
        let c = WebauthnConfig::for_public_url("http://127.0.0.1:8080");
        assert_eq!(
            (c.rp_id.as_str(), c.origins[0].as_str()),
            ("localhost", "http://localhost:8080")
        );
        let mut c = WebauthnConfig::for_public_url("https://login.example.org");
        c.rp_id = "192.0.2.1".into();
        assert!(RelyingParty::new(&c).is_err());
        // The origin must be within the RP ID.
        let mut c = WebauthnConfig::for_public_url("https://login.example.org");
        c.rp_id = "example.org".into();
        assert!(RelyingParty::new(&c).is_ok());
        c.rp_id = "other.example".into();
        assert!(RelyingParty::new(&c).is_err());
        c.rp_id = "ample.org".into();
        assert!(RelyingParty::new(&c).is_err());
    }

    #[test]
    fn the_aaguid_is_read_from_the_attested_credential_data() {
        use serde_cbor_2::Value;
        use std::collections::BTreeMap;
        let object = |flags: u8, aaguid: [u8; 16]| {
            let mut auth_data = vec![0u8; 32];
            auth_data.push(flags);
            auth_data.extend_from_slice(&[0, 0, 0, 1]);
            auth_data.extend_from_slice(&aaguid);
            auth_data.extend_from_slice(&[0, 1, 0xAB]);
            let mut map = BTreeMap::new();
            map.insert(Value::Text("fmt".into()), Value::Text("none".into()));
            map.insert(Value::Text("attStmt".into()), Value::Map(BTreeMap::new()));
            map.insert(Value::Text("authData".into()), Value::Bytes(auth_data));
            serde_cbor_2::to_vec(&Value::Map(map)).unwrap()
        };
        let windows_hello = [
            0x08, 0x98, 0x70, 0x58, 0xca, 0xdc, 0x4b, 0x81, 0xb6, 0xe1, 0x30, 0xde, 0x50, 0xdc,
            0xbe, 0x96,
        ];
        assert_eq!(
            aaguid_of(&object(0x45, windows_hello)).as_deref(),
            Some("08987058-cadc-4b81-b6e1-30de50dcbe96")
        );
        // Without attested credential data, all zeros, or not an attestation object: none.
        assert_eq!(aaguid_of(&object(0x05, windows_hello)), None);
        assert_eq!(aaguid_of(&object(0x45, [0; 16])), None);
        assert_eq!(aaguid_of(b"not cbor"), None);
    }

    /// A P-256 credential record (as the store keeps it) for a key of `limen_mobile`.
    fn record_of(key: &limen_mobile::jws::SigningKey, cred_id: &[u8]) -> String {
        use webauthn_rs_core::proto::{COSEEC2Key, COSEKeyType, CredentialV3, ECDSACurve};
        let jwk = key.public_jwk();
        let cred = COSEKey {
            type_: webauthn_rs_core::proto::COSEAlgorithm::ES256,
            key: COSEKeyType::EC_EC2(COSEEC2Key {
                curve: ECDSACurve::SECP256R1,
                x: URL_SAFE_NO_PAD.decode(&jwk.x).unwrap(),
                y: URL_SAFE_NO_PAD.decode(&jwk.y).unwrap(),
            }),
        };
        let credential = Credential::from(CredentialV3 {
            cred_id: cred_id.to_vec(),
            cred,
            counter: 0,
            verified: true,
            registration_policy: UserVerificationPolicy::Preferred,
        });
        serde_json::to_string(&credential).unwrap()
    }

    /// ASN.1 DER of an `r ‖ s` ECDSA signature (what authenticators send, §6.5.5).
    fn der(fixed: &[u8]) -> Vec<u8> {
        let int = |v: &[u8]| {
            let first = v.iter().position(|b| *b != 0).unwrap_or(v.len() - 1);
            let mut v = v[first..].to_vec();
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

    /// What a browser posts back for `options`: an assertion by `key` (§7.2's inputs).
    fn assertion(
        key: &limen_mobile::jws::SigningKey,
        cred_id: &[u8],
        options: &serde_json::Value,
        origin: &str,
    ) -> String {
        let challenge = options["publicKey"]["challenge"].as_str().unwrap();
        let client_data = serde_json::json!({
            "type": "webauthn.get", "challenge": challenge, "origin": origin,
            "crossOrigin": false,
        })
        .to_string();
        let mut auth_data = limen_crypto::sha256(b"login.example.org").to_vec();
        auth_data.push(0x05); // UP and UV
        auth_data.extend_from_slice(&1u32.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&limen_crypto::sha256(client_data.as_bytes()));
        let signature = der(&key.sign_bytes(&signed).unwrap());
        serde_json::json!({
            "id": URL_SAFE_NO_PAD.encode(cred_id),
            "rawId": URL_SAFE_NO_PAD.encode(cred_id),
            "type": "public-key",
            "response": {
                "authenticatorData": URL_SAFE_NO_PAD.encode(&auth_data),
                "clientDataJSON": URL_SAFE_NO_PAD.encode(client_data.as_bytes()),
                "signature": URL_SAFE_NO_PAD.encode(&signature),
                "userHandle": null,
            },
            "extensions": {},
        })
        .to_string()
    }

    /// Issue 18: a signing ceremony's challenge is the transaction's digest, in the options and
    /// in the state the verifier checks; an assertion over it verifies, one made for another
    /// digest does not; logins keep random challenges; the evidence is the assertion as sent
    /// and the key's JWK.
    #[test]
    fn a_signing_ceremony_signs_the_digest() {
        let rp = RelyingParty::new(&WebauthnConfig::for_public_url("https://login.example.org"))
            .unwrap();
        let key = limen_mobile::jws::SigningKey::generate().unwrap();
        let cred_id = [7u8; 16];
        let record = record_of(&key, &cred_id);
        let digest = limen_crypto::sha256(b"the transaction");
        let other = limen_crypto::sha256(b"another transaction");
        let origin = "https://login.example.org";

        let (options, state) = rp
            .start_signing(std::slice::from_ref(&record), &digest)
            .unwrap();
        assert_eq!(
            options["publicKey"]["challenge"],
            URL_SAFE_NO_PAD.encode(digest)
        );
        let kept: serde_json::Value = serde_json::from_str(&state).unwrap();
        assert_eq!(kept["challenge"], URL_SAFE_NO_PAD.encode(digest));

        let signed = assertion(&key, &cred_id, &options, origin);
        let parsed = Assertion::parse(&signed).unwrap();
        let (_, user_verified) = rp.finish_login(&parsed, &state, &record).unwrap();
        assert!(user_verified);

        // Signed for another transaction: its challenge is not this one's.
        let (options_other, _) = rp
            .start_signing(std::slice::from_ref(&record), &other)
            .unwrap();
        let wrong = Assertion::parse(&assertion(&key, &cred_id, &options_other, origin)).unwrap();
        match rp.finish_login(&wrong, &state, &record) {
            Err(CeremonyError::Refused(why)) => assert!(why.contains("challenge"), "{why}"),
            other => panic!("an assertion for another digest: {other:?}"),
        }

        // Logins: random challenges, never the digest.
        let (a, _) = rp.start_login(std::slice::from_ref(&record)).unwrap();
        let (b, _) = rp.start_login(std::slice::from_ref(&record)).unwrap();
        assert_ne!(a["publicKey"]["challenge"], b["publicKey"]["challenge"]);
        assert_ne!(
            a["publicKey"]["challenge"],
            options["publicKey"]["challenge"]
        );

        let evidence = parsed.evidence(&record).unwrap();
        let sent: serde_json::Value = serde_json::from_str(&signed).unwrap();
        assert_eq!(evidence["type"], "webauthn");
        assert_eq!(evidence["credential_id"], sent["rawId"]);
        for (ours, theirs) in [
            ("authenticator_data", "authenticatorData"),
            ("client_data_json", "clientDataJSON"),
            ("signature", "signature"),
        ] {
            assert_eq!(evidence[ours], sent["response"][theirs], "{ours}");
        }
        let jwk = key.public_jwk();
        assert_eq!(
            evidence["public_key"],
            serde_json::json!({"kty": "EC", "crv": "P-256", "x": jwk.x, "y": jwk.y, "alg": "ES256"})
        );
        assert_eq!(evidence.as_object().unwrap().len(), 6, "{evidence}");
        assert_eq!(parsed.evidence("not a record"), None);
    }

    #[test]
    fn public_keys_are_written_as_jwks() {
        use webauthn_rs_core::proto::{
            COSEAlgorithm as A, COSEEC2Key, COSEKeyType, COSEOKPKey, COSERSAKey, ECDSACurve,
            EDDSACurve,
        };
        let rsa = COSEKey {
            type_: A::RS256,
            key: COSEKeyType::RSA(COSERSAKey {
                n: vec![0x00, 0xc3, 0x01],
                e: [0x01, 0x00, 0x01],
            }),
        };
        // Base64urlUInt: no leading zero octet (RFC 7518 §2); 65537 is "AQAB" (§6.3.1.2).
        assert_eq!(
            jwk_of(&rsa).unwrap(),
            serde_json::json!({"kty": "RSA", "n": "wwE", "e": "AQAB", "alg": "RS256"})
        );
        let ed = COSEKey {
            type_: A::EDDSA,
            key: COSEKeyType::EC_OKP(COSEOKPKey {
                curve: EDDSACurve::ED25519,
                x: vec![1; 32],
            }),
        };
        assert_eq!(
            jwk_of(&ed).unwrap(),
            serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": URL_SAFE_NO_PAD.encode([1; 32]), "alg": "EdDSA"})
        );
        let p384 = COSEKey {
            type_: A::ES384,
            key: COSEKeyType::EC_EC2(COSEEC2Key {
                curve: ECDSACurve::SECP384R1,
                x: vec![2; 48],
                y: vec![3; 48],
            }),
        };
        assert_eq!(jwk_of(&p384).unwrap()["crv"], "P-384");
        assert_eq!(jwk_of(&p384).unwrap()["alg"], "ES384");
        // A curve and an algorithm that do not agree: no JWK.
        let mismatched = COSEKey {
            type_: A::ES256,
            ..p384
        };
        assert_eq!(jwk_of(&mismatched), None);
        let okp_rsa = COSEKey {
            type_: A::RS256,
            ..ed
        };
        assert_eq!(jwk_of(&okp_rsa), None);
    }

    #[test]
    fn models_are_named_by_aaguid() {
        assert_eq!(
            model_name("08987058-CADC-4B81-B6E1-30DE50DCBE96"),
            Some("Windows Hello")
        );
        assert_eq!(model_name("00000000-0000-0000-0000-000000000000"), None);
    }
}
