//! A software WebAuthn authenticator together with the browser side of the ceremony, for tests.
//!
//! [`SoftAuthenticator`] plays both the WebAuthn *client* (the browser: it builds
//! `clientDataJSON`, picks the credential, turns binary fields into base64url) and the
//! *authenticator* (it holds P-256 keys, builds authenticator data and attestation objects, signs).
//! It takes the JSON the server hands to the page for `navigator.credentials.create()` /
//! `navigator.credentials.get()` and returns the JSON the page posts back, in the shapes
//! webauthn-rs reads (`RegisterPublicKeyCredential`, `PublicKeyCredential`), which are the W3C
//! WebAuthn Level 3 JSON forms (`PublicKeyCredential.toJSON()`) with the client extension results
//! under `"extensions"`.
//!
//! What it implements, with the specification sections next to the code. Section numbers are
//! those of W3C Web Authentication Level 2 (<https://www.w3.org/TR/webauthn-2/>) unless marked
//! Level 3 (<https://www.w3.org/TR/webauthn-3/>: the JSON forms, `toJSON()`); "CTAP 2.1" is the
//! FIDO Client to Authenticator Protocol v2.1.
//!
//! - ES256 only (COSE algorithm -7, ECDSA on P-256 with SHA-256), keys made by `ring`;
//! - attestation `"none"` (§8.7), or `"packed"` *self* attestation (§8.2) when the server asks for
//!   `"direct"`, `"indirect"` or `"enterprise"`;
//! - discoverable credentials (client-side discoverable, "passkeys") when `residentKey` is
//!   `"required"` or `"preferred"` (or the older `requireResidentKey: true`);
//! - user verification per the `userVerification` requirement and the authenticator's capability;
//! - a signature counter: 0 at registration, incremented by one on every assertion (§6.1.1);
//! - `excludeCredentials` (→ [`SoftError::InvalidState`]) and `allowCredentials`
//!   (→ [`SoftError::NotAllowed`] when none is ours), as a browser reports them;
//! - the `credProps` client extension (§10.4; Level 3 §10.1.3) when asked for;
//! - `authenticatorSelection.authenticatorAttachment`: a browser does not use an authenticator of
//!   the other kind (→ [`SoftError::NotAllowed`]).
//!
//! What it deliberately does *not* do, so that tests can exercise the server's checks: it does not
//! check that the RP ID is a registrable suffix of the origin's host (a browser would refuse with a
//! `SecurityError`), and it puts the `origin` argument into `clientDataJSON` verbatim. The
//! [`SoftAuthenticator::sign_for_rp_id`] knob makes it hash another RP ID, and
//! [`SoftAuthenticator::set_counter`] winds a credential's counter back (a cloned authenticator).
//!
//! ```
//! use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
//! use serde_json::json;
//!
//! let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
//! // The argument the page passes to navigator.credentials.create() ...
//! let options = json!({"publicKey": {
//!     "rp": {"id": "sso.example.eu", "name": "Limen"},
//!     "user": {"id": "dXNlci0x", "name": "jdoe", "displayName": "Jane Doe"},
//!     "challenge": "cmVnaXN0cmF0aW9u",
//!     "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
//!     "attestation": "none",
//! }});
//! // ... and the credential it posts back.
//! let credential = key.create(&options, "https://sso.example.eu").unwrap();
//! assert_eq!(credential["type"], "public-key");
//!
//! let options = json!({"publicKey": {
//!     "rpId": "sso.example.eu",
//!     "challenge": "c2lnbi1pbg",
//!     "allowCredentials": [{"type": "public-key", "id": credential["id"]}],
//!     "userVerification": "preferred",
//! }});
//! let assertion = key.get(&options, "https://sso.example.eu").unwrap();
//! assert_eq!(assertion["rawId"], credential["rawId"]);
//! assert_eq!(key.counter(&key.credential_ids()[0]), Some(1));
//! ```

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Map, Value, json};
use std::fmt;

/// The AAGUID every [`SoftAuthenticator`] reports unless [`SoftAuthenticator::with_aaguid`]
/// changes it: the random (version 4) UUID `3188c689-de11-4b67-b6d3-8e09bfe43e5c`, chosen for this
/// test authenticator and listed in no metadata service.
pub const SOFT_AAGUID: [u8; 16] = [
    0x31, 0x88, 0xc6, 0x89, 0xde, 0x11, 0x4b, 0x67, 0xb6, 0xd3, 0x8e, 0x09, 0xbf, 0xe4, 0x3e, 0x5c,
];

/// COSE algorithm identifier of ES256 (IANA COSE Algorithms registry; WebAuthn §5.8.5).
const COSE_ALG_ES256: i64 = -7;
/// COSE key type EC2 (RFC 9053 §7.1).
const COSE_KTY_EC2: i64 = 2;
/// COSE elliptic curve P-256 (RFC 9053 §7.1).
const COSE_CRV_P256: i64 = 1;

/// Authenticator data flags (WebAuthn §6.1, table "flags").
const FLAG_UP: u8 = 0x01;
const FLAG_UV: u8 = 0x04;
const FLAG_AT: u8 = 0x40;

/// DER prefix of a P-256 `SubjectPublicKeyInfo` (RFC 5480 §2): SEQUENCE { SEQUENCE {
/// id-ecPublicKey, secp256r1 }, BIT STRING { 0 unused bits, the 65-byte uncompressed point } }.
const P256_SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/// base64url decoding that accepts the value with or without `=` padding (servers differ; the
/// WebAuthn L3 JSON forms use it without, RFC 4648 §5).
const B64URL_ANY_PADDING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Where the authenticator sits, which decides the transports it reports (WebAuthn §5.4.5,
/// §5.8.4) and the `authenticatorAttachment` of its responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attachment {
    /// A roaming authenticator (a security key): `"cross-platform"`, transports `["usb"]`.
    CrossPlatform,
    /// A platform authenticator (a "trusted platform", e.g. Windows Hello, Touch ID):
    /// `"platform"`, transports `["internal"]`.
    Platform,
}

impl Attachment {
    /// The `AuthenticatorAttachment` value (WebAuthn §5.4.5).
    fn as_str(self) -> &'static str {
        match self {
            Attachment::CrossPlatform => "cross-platform",
            Attachment::Platform => "platform",
        }
    }

    /// The `AuthenticatorTransport` values (WebAuthn §5.8.4) that `getTransports()` returns.
    fn transports(self) -> &'static [&'static str] {
        match self {
            Attachment::CrossPlatform => &["usb"],
            Attachment::Platform => &["internal"],
        }
    }
}

/// Why a ceremony failed, named after the `DOMException` a browser would reject the promise with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SoftError {
    /// `NotAllowedError`: no credential of ours matches (`allowCredentials`, or no discoverable
    /// credential for the RP ID), or user verification is required and this authenticator cannot
    /// verify the user (a browser then finds no usable authenticator and fails the same way).
    NotAllowed(String),
    /// `InvalidStateError`: a credential in `excludeCredentials` is already on this authenticator.
    InvalidState,
    /// `NotSupportedError`: `pubKeyCredParams` offers no algorithm we have (we only do ES256, -7).
    NotSupported(String),
    /// The options are not valid JSON options for the ceremony (a browser would throw a
    /// `TypeError` while parsing them): a required member is missing, or is not base64url.
    BadOptions(String),
}

impl fmt::Display for SoftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SoftError::NotAllowed(why) => write!(f, "NotAllowedError: {why}"),
            SoftError::InvalidState => {
                write!(
                    f,
                    "InvalidStateError: an excluded credential is on this authenticator"
                )
            }
            SoftError::NotSupported(why) => write!(f, "NotSupportedError: {why}"),
            SoftError::BadOptions(why) => write!(f, "bad options: {why}"),
        }
    }
}

impl std::error::Error for SoftError {}

/// One public key credential source (WebAuthn §4, "Public Key Credential Source"): credential id,
/// private key, RP ID, user handle, and whether it is discoverable; with its signature counter
/// (§6.1.1).
#[derive(Debug)]
struct StoredCredential {
    id: Vec<u8>,
    rp_id: String,
    user_handle: Vec<u8>,
    key: EcdsaKeyPair,
    discoverable: bool,
    counter: u32,
}

/// A software authenticator and WebAuthn client: see the [module documentation](self).
///
/// It can verify the user unless built with
/// [`without_user_verification`](Self::without_user_verification), makes ES256 credentials only,
/// and keeps its credentials in memory in creation order.
#[derive(Debug)]
pub struct SoftAuthenticator {
    attachment: Attachment,
    aaguid: [u8; 16],
    uv_capable: bool,
    credentials: Vec<StoredCredential>,
    /// Set by [`sign_for_rp_id`](Self::sign_for_rp_id): the RP ID the next ceremony hashes.
    rp_id_override: Option<String>,
    rng: SystemRandom,
}

impl SoftAuthenticator {
    /// A new authenticator without credentials: ES256, AAGUID [`SOFT_AAGUID`], able to verify the
    /// user, reporting the transports of `attachment`.
    pub fn new(attachment: Attachment) -> Self {
        SoftAuthenticator {
            attachment,
            aaguid: SOFT_AAGUID,
            uv_capable: true,
            credentials: Vec::new(),
            rp_id_override: None,
            rng: SystemRandom::new(),
        }
    }

    /// Reports `aaguid` instead of [`SOFT_AAGUID`] in the attested credential data.
    pub fn with_aaguid(mut self, aaguid: [u8; 16]) -> Self {
        self.aaguid = aaguid;
        self
    }

    /// Makes an authenticator that cannot verify the user (a plain security key without PIN or
    /// biometrics): it never sets the UV flag, and fails ceremonies that require verification
    /// with [`SoftError::NotAllowed`].
    pub fn without_user_verification(mut self) -> Self {
        self.uv_capable = false;
        self
    }

    /// Makes the next [`create`](Self::create) or [`get`](Self::get) that succeeds put
    /// SHA-256(`rp_id`) in the authenticator data instead of the hash of the request's RP ID
    /// (credentials are still looked up and stored under the request's RP ID); `None` cancels it.
    /// The server must refuse such a response (WebAuthn Level 2 §7.1 step 13, §7.2 step 15).
    pub fn sign_for_rp_id(&mut self, rp_id: Option<String>) {
        self.rp_id_override = rp_id;
    }

    /// `navigator.credentials.create()`: registers a new credential.
    ///
    /// `options` is `{"publicKey": {...}}` (webauthn-rs `CreationChallengeResponse`) or the inner
    /// `PublicKeyCredentialCreationOptionsJSON` (WebAuthn Level 3,
    /// `parseCreationOptionsFromJSON()`); `origin` goes into `clientDataJSON` as given. Returns
    /// the `RegistrationResponseJSON` (Level 3, `PublicKeyCredential.toJSON()`) that webauthn-rs
    /// reads as `RegisterPublicKeyCredential`: `{"id", "rawId", "type", "authenticatorAttachment",
    /// "response": {"clientDataJSON", "attestationObject", "transports", "authenticatorData",
    /// "publicKey", "publicKeyAlgorithm"}, "extensions"}`.
    ///
    /// Like a browser, it fails with [`SoftError::NotAllowed`] when
    /// `authenticatorSelection.authenticatorAttachment` asks for the other kind of authenticator,
    /// or `userVerification` is `"required"` and we cannot verify (§5.1.3: the client skips such
    /// authenticators and the ceremony ends in NotAllowedError).
    pub fn create(&mut self, options: &Value, origin: &str) -> Result<Value, SoftError> {
        let pk = public_key_options(options)?;

        // Read the options as the client does (§5.1.3 "Create a New Credential", with the Level 3
        // JSON form of parseCreationOptionsFromJSON(): binary members arrive as base64url).
        let rp = pk
            .get("rp")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("publicKey.rp is missing"))?;
        required_str(rp.get("name"), "publicKey.rp.name")?;
        // §5.1.3: if rp.id is absent, the RP ID is the caller origin's effective domain.
        let rp_id = match rp.get("id") {
            Some(id) => required_str(Some(id), "publicKey.rp.id")?.to_owned(),
            None => origin_host(origin)?,
        };
        let user = pk
            .get("user")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("publicKey.user is missing"))?;
        let user_handle = required_b64(user.get("id"), "publicKey.user.id")?;
        // §5.4.3: the user handle is 1 to 64 bytes.
        if user_handle.is_empty() || user_handle.len() > 64 {
            return Err(bad("publicKey.user.id must be 1 to 64 bytes"));
        }
        required_str(user.get("name"), "publicKey.user.name")?;
        required_str(user.get("displayName"), "publicKey.user.displayName")?;
        let challenge = required_b64(pk.get("challenge"), "publicKey.challenge")?;

        // §5.1.3: an empty pubKeyCredParams means ES256 and RS256; otherwise the client keeps
        // the "public-key" entries, and we need ES256 among them (authenticatorMakeCredential
        // §6.3.2 step 2, NotSupportedError; CTAP 2.1 §6.1.2, CTAP2_ERR_UNSUPPORTED_ALGORITHM).
        let params = match pk.get("pubKeyCredParams") {
            Some(Value::Array(params)) => params.as_slice(),
            _ => return Err(bad("publicKey.pubKeyCredParams is missing")),
        };
        let es256_offered = params.is_empty()
            || params.iter().any(|p| {
                p.get("type").and_then(Value::as_str) == Some("public-key")
                    && p.get("alg").and_then(Value::as_i64) == Some(COSE_ALG_ES256)
            });
        if !es256_offered {
            return Err(SoftError::NotSupported(format!(
                "pubKeyCredParams offers no ES256 (-7): {}",
                Value::Array(params.to_vec())
            )));
        }

        // authenticatorSelection (§5.4.4). The client only uses an authenticator of the
        // requested attachment modality (§5.1.3, §5.4.5).
        let selection = pk.get("authenticatorSelection");
        if let Some(wanted) = selection
            .and_then(|s| s.get("authenticatorAttachment"))
            .and_then(Value::as_str)
            .filter(|w| ["platform", "cross-platform"].contains(w))
            && wanted != self.attachment.as_str()
        {
            return Err(SoftError::NotAllowed(format!(
                "the server asks for a {wanted} authenticator and this one is {}",
                self.attachment.as_str()
            )));
        }
        // residentKey wins over the older requireResidentKey; we can always store a discoverable
        // credential, so "preferred" gets one too (§5.4.6).
        let discoverable = match selection
            .and_then(|s| s.get("residentKey"))
            .and_then(Value::as_str)
        {
            Some("required" | "preferred") => true,
            Some(_) => false,
            None => selection
                .and_then(|s| s.get("requireResidentKey"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
        };
        let uv = self.user_verification(
            selection
                .and_then(|s| s.get("userVerification"))
                .and_then(Value::as_str),
        )?;

        // excludeCredentials: authenticatorMakeCredential (§6.3.2 step 3; CTAP 2.1 §6.1.2,
        // CTAP2_ERR_CREDENTIAL_EXCLUDED) refuses when one of them is ours for this RP ID, and the
        // client passes that on as InvalidStateError (§5.1.3).
        for id in descriptor_ids(pk.get("excludeCredentials"), "excludeCredentials")? {
            if self
                .credentials
                .iter()
                .any(|c| c.rp_id == rp_id && c.id == id)
            {
                return Err(SoftError::InvalidState);
            }
        }

        // attestation (§5.4.7): "direct", "indirect" and "enterprise" get packed self attestation;
        // "none", absent and unknown values (ignored as §2.1.1 says of enumerations) get none.
        let packed = matches!(
            pk.get("attestation").and_then(Value::as_str),
            Some("direct" | "indirect" | "enterprise")
        );
        let cred_props = pk
            .get("extensions")
            .and_then(|e| e.get("credProps"))
            .and_then(Value::as_bool)
            .unwrap_or(false);

        // The new credential source (§6.3.2, "generate a new credential object"): a fresh P-256
        // key pair and a random 32-byte credential id.
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &self.rng)
            .expect("generate a P-256 key");
        let key =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &self.rng)
                .expect("load the P-256 key just made");
        let mut id = vec![0u8; 32];
        self.rng.fill(&mut id).expect("random credential id");

        let client_data_json = client_data_json("webauthn.create", &challenge, origin);
        let hashed_rp_id = self.rp_id_override.take().unwrap_or_else(|| rp_id.clone());
        let counter = 0;
        let mut flags = FLAG_UP | FLAG_AT;
        if uv {
            flags |= FLAG_UV;
        }
        let mut auth_data = authenticator_data(&hashed_rp_id, flags, counter);
        // Attested credential data (§6.5.1): AAGUID | credentialIdLength (u16 BE) |
        // credentialId | credentialPublicKey (COSE_Key, §6.5.1.1).
        auth_data.extend_from_slice(&self.aaguid);
        let id_len = u16::try_from(id.len()).expect("credential id fits in 16 bits");
        auth_data.extend_from_slice(&id_len.to_be_bytes());
        auth_data.extend_from_slice(&id);
        let public_key = key.public_key().as_ref();
        auth_data.extend_from_slice(&cose_es256_key(public_key));

        // The attestation statement (§6.5.4 "Generating an Attestation Object").
        let (fmt, att_stmt) = if packed {
            // Packed self attestation (§8.2, "If self attestation is in use"): alg is the
            // credential's algorithm, sig is made with the credential private key over
            // authenticatorData || clientDataHash.
            let sig = sign(&key, &self.rng, &auth_data, &client_data_json);
            (
                "packed",
                Cbor::Map(vec![
                    (Cbor::text("alg"), Cbor::Int(COSE_ALG_ES256)),
                    (Cbor::text("sig"), Cbor::Bytes(sig)),
                ]),
            )
        } else {
            // None attestation (§8.7): attStmt is the empty map.
            ("none", Cbor::Map(Vec::new()))
        };
        // The attestation object (§6.5.4): a CBOR map {"fmt", "attStmt", "authData"}, in CTAP2
        // canonical order (see `Cbor::encode`).
        let attestation_object = Cbor::Map(vec![
            (Cbor::text("fmt"), Cbor::text(fmt)),
            (Cbor::text("attStmt"), att_stmt),
            (Cbor::text("authData"), Cbor::Bytes(auth_data.clone())),
        ])
        .encode();

        let mut spki = P256_SPKI_PREFIX.to_vec();
        spki.extend_from_slice(public_key);
        let mut extensions = Map::new();
        if cred_props {
            // credProps (Level 3 §10.1.3, Level 2 §10.4): the client reports whether it made a
            // discoverable ("resident") credential.
            extensions.insert("credProps".into(), json!({ "rk": discoverable }));
        }
        // RegistrationResponseJSON / AuthenticatorAttestationResponseJSON (Level 3, toJSON() of
        // §5.1 and §5.2.1), with the client extension results under "extensions" as webauthn-rs
        // writes them (it also reads "clientExtensionResults", but not both).
        let response = json!({
            "id": b64(&id),
            "rawId": b64(&id),
            "type": "public-key",
            "authenticatorAttachment": self.attachment.as_str(),
            "response": {
                "clientDataJSON": b64(client_data_json.as_bytes()),
                "attestationObject": b64(&attestation_object),
                "transports": self.attachment.transports(),
                "authenticatorData": b64(&auth_data),
                "publicKey": b64(&spki),
                "publicKeyAlgorithm": COSE_ALG_ES256,
            },
            "extensions": extensions,
        });

        self.credentials.push(StoredCredential {
            id,
            rp_id,
            user_handle,
            key,
            discoverable,
            counter,
        });
        Ok(response)
    }

    /// `navigator.credentials.get()`: makes an assertion with one of our credentials.
    ///
    /// `options` is `{"publicKey": {...}}` (webauthn-rs `RequestChallengeResponse`, possibly with
    /// `"mediation"`, which is ignored) or the inner `PublicKeyCredentialRequestOptionsJSON`
    /// (Level 3, `parseRequestOptionsFromJSON()`); `origin` goes into `clientDataJSON` as given.
    /// With a non-empty `allowCredentials` it uses the first listed credential we hold for the RP
    /// ID; without, the first discoverable credential we made for the RP ID. It increments that
    /// credential's counter and signs the new value. Returns the `AuthenticationResponseJSON`
    /// (Level 3, `PublicKeyCredential.toJSON()`) that webauthn-rs reads as `PublicKeyCredential`:
    /// `{"id", "rawId", "type", "authenticatorAttachment", "response": {"clientDataJSON",
    /// "authenticatorData", "signature", "userHandle"}, "extensions"}`; `userHandle` is always
    /// there (we keep it for every credential, as CTAP 2.1 authenticators do for discoverable
    /// ones and may for the others).
    pub fn get(&mut self, options: &Value, origin: &str) -> Result<Value, SoftError> {
        let pk = public_key_options(options)?;
        let challenge = required_b64(pk.get("challenge"), "publicKey.challenge")?;
        // §5.1.4.1: if rpId is absent, the RP ID is the caller origin's effective domain.
        let rp_id = match pk.get("rpId") {
            Some(id) => required_str(Some(id), "publicKey.rpId")?.to_owned(),
            None => origin_host(origin)?,
        };
        let allowed = descriptor_ids(pk.get("allowCredentials"), "allowCredentials")?;
        let uv = self.user_verification(pk.get("userVerification").and_then(Value::as_str))?;

        // authenticatorGetAssertion (§6.3.3; CTAP 2.1 §6.2.2): with allowCredentials, the listed
        // credentials we hold for this RP ID; without, the discoverable ones; none → the client
        // ends in NotAllowedError. Our "user" picks the first.
        let index = if allowed.is_empty() {
            self.credentials
                .iter()
                .position(|c| c.rp_id == rp_id && c.discoverable)
                .ok_or_else(|| {
                    SoftError::NotAllowed(format!("no discoverable credential for RP ID {rp_id:?}"))
                })?
        } else {
            allowed
                .iter()
                .find_map(|id| {
                    self.credentials
                        .iter()
                        .position(|c| c.rp_id == rp_id && &c.id == id)
                })
                .ok_or_else(|| {
                    SoftError::NotAllowed(format!(
                        "none of the {} allowed credentials is on this authenticator \
                         for RP ID {rp_id:?}",
                        allowed.len()
                    ))
                })?
        };

        let hashed_rp_id = self.rp_id_override.take().unwrap_or_else(|| rp_id.clone());
        let credential = &mut self.credentials[index];
        // §6.1.1 "Signature Counter Considerations": increment, then put the new value in the
        // authenticator data.
        credential.counter = credential.counter.wrapping_add(1);
        let flags = if uv { FLAG_UP | FLAG_UV } else { FLAG_UP };
        let auth_data = authenticator_data(&hashed_rp_id, flags, credential.counter);
        let client_data_json = client_data_json("webauthn.get", &challenge, origin);
        // §6.3.3: the assertion signature over authenticatorData || clientDataHash (which the
        // RP verifies in Level 2 §7.2 step 20); ES256 signatures are ASN.1 DER (L2 §6.5.5).
        let signature = sign(&credential.key, &self.rng, &auth_data, &client_data_json);

        // AuthenticationResponseJSON / AuthenticatorAssertionResponseJSON (Level 3, toJSON() of
        // §5.1 and §5.2.2).
        Ok(json!({
            "id": b64(&credential.id),
            "rawId": b64(&credential.id),
            "type": "public-key",
            "authenticatorAttachment": self.attachment.as_str(),
            "response": {
                "clientDataJSON": b64(client_data_json.as_bytes()),
                "authenticatorData": b64(&auth_data),
                "signature": b64(&signature),
                "userHandle": b64(&credential.user_handle),
            },
            "extensions": {},
        }))
    }

    /// The ids of the credentials this authenticator holds, in creation order.
    pub fn credential_ids(&self) -> Vec<Vec<u8>> {
        self.credentials.iter().map(|c| c.id.clone()).collect()
    }

    /// The current signature counter of a credential (the value its last assertion carried, 0
    /// after registration), or `None` if we do not hold it.
    pub fn counter(&self, credential_id: &[u8]) -> Option<u32> {
        self.credentials
            .iter()
            .find(|c| c.id == credential_id)
            .map(|c| c.counter)
    }

    /// Sets a credential's stored signature counter; its next assertion carries `counter + 1`.
    /// Setting it back to or below what the server saw simulates a cloned authenticator
    /// (§6.1.1). Panics if we do not hold the credential (a mistake in the test).
    pub fn set_counter(&mut self, credential_id: &[u8], counter: u32) {
        let credential = self
            .credentials
            .iter_mut()
            .find(|c| c.id == credential_id)
            .expect("set_counter: no such credential on this authenticator");
        credential.counter = counter;
    }

    /// Deletes a credential from the authenticator (as a user resetting a key would); unknown ids
    /// are ignored.
    pub fn forget(&mut self, credential_id: &[u8]) {
        self.credentials.retain(|c| c.id != credential_id);
    }

    /// Whether the UV flag is set for a `userVerification` requirement (§5.8.6): `"required"`
    /// needs a capable authenticator (otherwise a browser finds no usable authenticator:
    /// NotAllowedError), `"discouraged"` never verifies, and `"preferred"` — the default, also for
    /// unknown values — verifies when we can.
    fn user_verification(&self, requirement: Option<&str>) -> Result<bool, SoftError> {
        match requirement {
            Some("required") if !self.uv_capable => Err(SoftError::NotAllowed(
                "user verification is required and this authenticator cannot verify the user"
                    .into(),
            )),
            Some("required") => Ok(true),
            Some("discouraged") => Ok(false),
            _ => Ok(self.uv_capable),
        }
    }
}

/// The `publicKey` member of `CredentialCreationOptions` / `CredentialRequestOptions`, or the
/// object itself when it has none (the caller passed the inner options).
fn public_key_options(options: &Value) -> Result<&Map<String, Value>, SoftError> {
    let pk = options.get("publicKey").unwrap_or(options);
    pk.as_object()
        .ok_or_else(|| bad("the options are not a JSON object"))
}

fn bad(why: impl Into<String>) -> SoftError {
    SoftError::BadOptions(why.into())
}

fn required_str<'a>(value: Option<&'a Value>, what: &str) -> Result<&'a str, SoftError> {
    value
        .and_then(Value::as_str)
        .ok_or_else(|| bad(format!("{what} is missing or not a string")))
}

fn required_b64(value: Option<&Value>, what: &str) -> Result<Vec<u8>, SoftError> {
    B64URL_ANY_PADDING
        .decode(required_str(value, what)?)
        .map_err(|e| bad(format!("{what} is not base64url: {e}")))
}

/// The ids of a `PublicKeyCredentialDescriptor` list (§5.8.3); entries whose type is not
/// `"public-key"` are skipped, as the client does. Absent or `null` means empty.
fn descriptor_ids(list: Option<&Value>, what: &str) -> Result<Vec<Vec<u8>>, SoftError> {
    let list = match list {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(bad(format!("{what} is not an array"))),
    };
    list.iter()
        .filter(|d| d.get("type").and_then(Value::as_str) == Some("public-key"))
        .map(|d| required_b64(d.get("id"), &format!("{what}[].id")))
        .collect()
}

/// The host of `origin`, for a request without an RP ID.
fn origin_host(origin: &str) -> Result<String, SoftError> {
    url::Url::parse(origin)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .ok_or_else(|| {
            bad(format!(
                "no RP ID in the options, and no host in origin {origin:?}"
            ))
        })
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `clientDataJSON` as the client serialises it (§5.8.1.1 "Serialization"): the members `type`,
/// `challenge` (base64url without padding, §5.8.1), `origin` and `crossOrigin` (false: we are the
/// top-level page) in that order, strings through CCDToString, no whitespace.
fn client_data_json(type_: &str, challenge: &[u8], origin: &str) -> String {
    let mut out = String::from("{\"type\":");
    ccd_to_string(&mut out, type_);
    out.push_str(",\"challenge\":");
    ccd_to_string(&mut out, &b64(challenge));
    out.push_str(",\"origin\":");
    ccd_to_string(&mut out, origin);
    out.push_str(",\"crossOrigin\":false}");
    out
}

/// CCDToString (§5.8.1.1): a JSON string where `"` and `\` are backslash-escaped, other code points
/// below U+0020 become `\u` and four lowercase hex digits, and the rest is copied.
fn ccd_to_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The fixed part of the authenticator data (§6.1): rpIdHash = SHA-256(RP ID) (32 bytes) | flags
/// (1 byte) | signCount (32-bit unsigned big-endian). No extensions (ED clear) and no backup flags
/// (BE/BS clear: a device-bound credential).
fn authenticator_data(rp_id: &str, flags: u8, counter: u32) -> Vec<u8> {
    let mut data = Vec::with_capacity(37 + 16 + 2 + 32 + 77);
    data.extend_from_slice(digest(&SHA256, rp_id.as_bytes()).as_ref());
    data.push(flags);
    data.extend_from_slice(&counter.to_be_bytes());
    data
}

/// ECDSA P-256 SHA-256 over authenticatorData || SHA-256(clientDataJSON), DER-encoded
/// (§6.3.3, §8.2; signature encoding Level 2 §6.5.5).
fn sign(
    key: &EcdsaKeyPair,
    rng: &SystemRandom,
    auth_data: &[u8],
    client_data_json: &str,
) -> Vec<u8> {
    let mut message = auth_data.to_vec();
    message.extend_from_slice(digest(&SHA256, client_data_json.as_bytes()).as_ref());
    key.sign(rng, &message)
        .expect("ECDSA signature")
        .as_ref()
        .to_vec()
}

/// The credential public key as a COSE_Key (§6.5.1.1; RFC 9052 §7, RFC 9053 §7.1.1), encoded in
/// CTAP2 canonical CBOR (CTAP 2.1 §8): {1 (kty): 2 (EC2), 3 (alg): -7 (ES256), -1 (crv): 1 (P-256),
/// -2 (x): 32 bytes, -3 (y): 32 bytes}. `sec1` is the uncompressed point 0x04 | x | y.
fn cose_es256_key(sec1: &[u8]) -> Vec<u8> {
    assert_eq!(sec1.len(), 65, "uncompressed P-256 point");
    assert_eq!(sec1[0], 0x04, "uncompressed P-256 point");
    Cbor::Map(vec![
        (Cbor::Int(1), Cbor::Int(COSE_KTY_EC2)),
        (Cbor::Int(3), Cbor::Int(COSE_ALG_ES256)),
        (Cbor::Int(-1), Cbor::Int(COSE_CRV_P256)),
        (Cbor::Int(-2), Cbor::Bytes(sec1[1..33].to_vec())),
        (Cbor::Int(-3), Cbor::Bytes(sec1[33..65].to_vec())),
    ])
    .encode()
}

/// A CBOR data item (RFC 8949 §3.1), limited to what WebAuthn's structures use: integers, byte
/// strings, text strings, arrays and maps. Only encoding is needed.
#[derive(Debug, Clone)]
enum Cbor {
    /// Major type 0 (unsigned) when ≥ 0, major type 1 (negative, encoded as -1 - n) when < 0.
    Int(i64),
    /// Major type 2.
    Bytes(Vec<u8>),
    /// Major type 3 (UTF-8).
    Text(String),
    /// Major type 4.
    #[cfg_attr(not(test), allow(dead_code))]
    Array(Vec<Cbor>),
    /// Major type 5; encoded in canonical key order whatever the order here.
    Map(Vec<(Cbor, Cbor)>),
}

impl Cbor {
    fn text(s: &str) -> Cbor {
        Cbor::Text(s.to_owned())
    }

    /// The CTAP2 canonical encoding (CTAP 2.1 §8 "Message Encoding", after RFC 7049 §3.9):
    /// integers and lengths in the shortest form, definite lengths only, and map keys sorted by
    /// major type, then by the length of their encoding, then byte-wise.
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_into(&mut out);
        out
    }

    fn encode_into(&self, out: &mut Vec<u8>) {
        match self {
            Cbor::Int(n) if *n >= 0 => head(out, 0, n.unsigned_abs()),
            // -1 - n for n < 0 is in 0..=i64::MAX, no overflow.
            Cbor::Int(n) => head(out, 1, (-1 - n).unsigned_abs()),
            Cbor::Bytes(b) => {
                head(out, 2, b.len() as u64);
                out.extend_from_slice(b);
            }
            Cbor::Text(s) => {
                head(out, 3, s.len() as u64);
                out.extend_from_slice(s.as_bytes());
            }
            Cbor::Array(items) => {
                head(out, 4, items.len() as u64);
                for item in items {
                    item.encode_into(out);
                }
            }
            Cbor::Map(entries) => {
                let mut encoded: Vec<(Vec<u8>, Vec<u8>)> = entries
                    .iter()
                    .map(|(k, v)| (k.encode(), v.encode()))
                    .collect();
                encoded.sort_by(|(a, _), (b, _)| {
                    (a[0] >> 5, a.len(), a.as_slice()).cmp(&(b[0] >> 5, b.len(), b.as_slice()))
                });
                debug_assert!(
                    encoded.windows(2).all(|w| w[0].0 != w[1].0),
                    "duplicate CBOR map key"
                );
                head(out, 5, encoded.len() as u64);
                for (k, v) in encoded {
                    out.extend_from_slice(&k);
                    out.extend_from_slice(&v);
                }
            }
        }
    }
}

/// The initial byte(s) of a data item (RFC 8949 §3): major type in the high 3 bits, and the
/// argument in the low 5 bits when below 24, else in the 1, 2, 4 or 8 bytes that follow
/// (additional information 24-27), big-endian, shortest form.
fn head(out: &mut Vec<u8>, major: u8, arg: u64) {
    let major = major << 5;
    if arg < 24 {
        out.push(major | arg as u8);
    } else if let Ok(a) = u8::try_from(arg) {
        out.push(major | 24);
        out.push(a);
    } else if let Ok(a) = u16::try_from(arg) {
        out.push(major | 25);
        out.extend_from_slice(&a.to_be_bytes());
    } else if let Ok(a) = u32::try_from(arg) {
        out.push(major | 26);
        out.extend_from_slice(&a.to_be_bytes());
    } else {
        out.push(major | 27);
        out.extend_from_slice(&arg.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    //! The authenticator against webauthn-rs-core 0.6.2 itself (the library the server uses), plus
    //! the CBOR encoder against RFC 8949 Appendix A.
    use super::*;
    use std::time::Duration;
    use url::Url;
    use webauthn_rs_core::error::WebauthnError;
    use webauthn_rs_core::internals::AuthenticatorData;
    use webauthn_rs_core::proto::{
        AttestationConveyancePreference, AttestationFormat, AttestationMetadata,
        AuthenticationResult, AuthenticationState, AuthenticatorAttachment, AuthenticatorTransport,
        COSEAlgorithm, Credential, Mediation, ParsedAttestationData, PublicKeyCredential,
        RegisterPublicKeyCredential, Registration, RegistrationState, UserVerificationPolicy,
    };
    use webauthn_rs_core::{ChallengeRegisterBuilder, WebauthnCore};

    const ORIGIN: &str = "http://localhost:8080";

    fn rp() -> WebauthnCore {
        WebauthnCore::new_unsafe_experts_only(
            "Limen",
            "localhost",
            vec![Url::parse(ORIGIN).unwrap()],
            Duration::from_secs(60),
            None,
            None,
        )
    }

    /// The server's options for `create()` as the page gets them, and the server's state.
    fn creation_options(
        rp: &WebauthnCore,
        user_id: &[u8],
        tweak: impl FnOnce(ChallengeRegisterBuilder) -> ChallengeRegisterBuilder,
    ) -> (Value, RegistrationState) {
        let builder = rp
            .new_challenge_register_builder(user_id, "jdoe", "Jane Doe")
            .unwrap();
        let (ccr, state) = rp.generate_challenge_register(tweak(builder)).unwrap();
        (serde_json::to_value(&ccr).unwrap(), state)
    }

    fn finish_registration(
        rp: &WebauthnCore,
        response: &Value,
        state: &RegistrationState,
    ) -> Result<Credential, WebauthnError> {
        // Through the JSON text, as the server receives it.
        let text = serde_json::to_string(response).unwrap();
        let reg: RegisterPublicKeyCredential = serde_json::from_str(&text).unwrap();
        rp.register_credential(&reg, state, None)
    }

    fn register(
        rp: &WebauthnCore,
        authenticator: &mut SoftAuthenticator,
        tweak: impl FnOnce(ChallengeRegisterBuilder) -> ChallengeRegisterBuilder,
    ) -> Credential {
        let (options, state) = creation_options(rp, b"user-1", tweak);
        let response = authenticator.create(&options, ORIGIN).unwrap();
        finish_registration(rp, &response, &state).unwrap()
    }

    /// The server's options for `get()` as the page gets them, and the server's state.
    fn request_options(
        rp: &WebauthnCore,
        credentials: Vec<Credential>,
        policy: Option<UserVerificationPolicy>,
    ) -> (Value, AuthenticationState) {
        let builder = rp
            .new_challenge_authenticate_builder(credentials, policy)
            .unwrap();
        let (rcr, state) = rp.generate_challenge_authenticate(builder).unwrap();
        (serde_json::to_value(&rcr).unwrap(), state)
    }

    fn assertion(response: &Value) -> PublicKeyCredential {
        serde_json::from_str(&serde_json::to_string(response).unwrap()).unwrap()
    }

    fn finish_authentication(
        rp: &WebauthnCore,
        response: &Value,
        state: &AuthenticationState,
    ) -> Result<AuthenticationResult, WebauthnError> {
        rp.authenticate_credential(&assertion(response), state)
    }

    fn b64_field(value: &Value, pointer: &str) -> Vec<u8> {
        B64URL_ANY_PADDING
            .decode(value.pointer(pointer).unwrap().as_str().unwrap())
            .unwrap()
    }

    #[test]
    fn none_attestation_registers_and_authenticates_with_a_rising_counter() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let mut cred = register(&rp, &mut key, |b| {
            b.attestation(AttestationConveyancePreference::None)
        });
        assert_eq!(cred.attestation_format, AttestationFormat::None);
        assert!(matches!(cred.attestation.data, ParsedAttestationData::None));
        assert!(matches!(
            cred.attestation.metadata,
            AttestationMetadata::None
        ));
        assert_eq!(cred.counter, 0);
        assert!(cred.user_verified, "UV preferred and the key can verify");
        assert!(!cred.backup_eligible && !cred.backup_state);
        assert_eq!(cred.registration_policy, UserVerificationPolicy::Preferred);
        // webauthn-rs keeps transports only for packed and tpm attestation.
        assert_eq!(cred.transports, None);
        assert_eq!(key.credential_ids(), vec![cred.cred_id.clone()]);

        for expected in 1..=2 {
            let (options, state) = request_options(&rp, vec![cred.clone()], None);
            let response = key.get(&options, ORIGIN).unwrap();
            assert_eq!(
                b64_field(&response, "/response/userHandle"),
                b"user-1".to_vec()
            );
            let result = finish_authentication(&rp, &response, &state).unwrap();
            assert_eq!(result.counter(), expected);
            assert!(result.user_verified());
            assert!(result.needs_update());
            assert_eq!(result.cred_id(), &cred.cred_id);
            cred.counter = result.counter();
            assert_eq!(key.counter(&cred.cred_id), Some(expected));
        }
    }

    #[test]
    fn direct_attestation_is_packed_self_attestation_with_our_aaguid() {
        let rp = rp();
        let aaguid = *b"0123456789abcdef";
        for (mut key, expected_aaguid) in [
            (SoftAuthenticator::new(Attachment::Platform), SOFT_AAGUID),
            (
                SoftAuthenticator::new(Attachment::Platform).with_aaguid(aaguid),
                aaguid,
            ),
        ] {
            let (options, state) = creation_options(&rp, b"user-1", |b| {
                b.attestation(AttestationConveyancePreference::Direct)
            });
            let response = key.create(&options, ORIGIN).unwrap();
            let cred = finish_registration(&rp, &response, &state).unwrap();
            assert_eq!(cred.attestation_format, AttestationFormat::Packed);
            assert!(matches!(
                cred.attestation.data,
                ParsedAttestationData::Self_
            ));
            // Self attestation: webauthn-rs reports no metadata (the AAGUID only comes with x5c).
            assert!(matches!(
                cred.attestation.metadata,
                AttestationMetadata::None
            ));
            assert_eq!(
                cred.transports,
                Some(vec![AuthenticatorTransport::Internal])
            );
            assert_eq!(response["authenticatorAttachment"], "platform");

            // The AAGUID is in the attested credential data, as webauthn-rs parses it.
            let auth_data = b64_field(&response, "/response/authenticatorData");
            let attestation_object = b64_field(&response, "/response/attestationObject");
            assert!(attestation_object.ends_with(&auth_data));
            let parsed = AuthenticatorData::<Registration>::try_from(auth_data.as_slice()).unwrap();
            let acd = parsed.acd.unwrap();
            assert_eq!(acd.aaguid, expected_aaguid);
            assert_eq!(acd.credential_id, cred.cred_id);
            assert_eq!(response["response"]["publicKeyAlgorithm"], -7);
            let spki = b64_field(&response, "/response/publicKey");
            assert_eq!(spki.len(), 91);
            assert!(spki.starts_with(&P256_SPKI_PREFIX));
        }
    }

    #[test]
    fn indirect_and_enterprise_also_give_packed() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let cred = register(&rp, &mut key, |b| {
            b.attestation(AttestationConveyancePreference::Indirect)
        });
        assert_eq!(cred.attestation_format, AttestationFormat::Packed);
        assert_eq!(cred.transports, Some(vec![AuthenticatorTransport::Usb]));

        // webauthn-rs has no "enterprise"; edit the JSON as a server without it might send.
        let (mut options, state) = creation_options(&rp, b"user-2", |b| b);
        options["publicKey"]["attestation"] = json!("enterprise");
        let response = key.create(&options, ORIGIN).unwrap();
        let cred = finish_registration(&rp, &response, &state).unwrap();
        assert_eq!(cred.attestation_format, AttestationFormat::Packed);
    }

    #[test]
    fn discoverable_credential_signs_in_without_allow_list() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::Platform);
        let cred = register(&rp, &mut key, |b| {
            b.attestation(AttestationConveyancePreference::Direct)
                .user_verification_policy(UserVerificationPolicy::Required)
                .require_resident_key(true)
        });
        assert!(cred.user_verified);
        assert_eq!(cred.registration_policy, UserVerificationPolicy::Required);

        let (options, state) = request_options(&rp, vec![], Some(UserVerificationPolicy::Required));
        assert_eq!(options["publicKey"]["allowCredentials"], json!([]));
        let response = key.get(&options, ORIGIN).unwrap();
        let rsp = assertion(&response);
        // The server finds the user by the user handle, then checks against their credential.
        assert_eq!(rsp.get_user_unique_id(), Some(&b"user-1"[..]));
        assert_eq!(rsp.get_credential_id(), cred.cred_id.as_slice());
        // With an empty allow list, authenticate_credential finds no credential …
        assert!(matches!(
            rp.authenticate_credential(&rsp, &state),
            Err(WebauthnError::CredentialNotFound)
        ));
        // … the server must name it: authenticate_single_credential (or set_allowed_credentials).
        let result = rp
            .authenticate_single_credential(&rsp, &state, &cred)
            .unwrap();
        assert_eq!(result.counter(), 1);
        assert!(result.user_verified());
        let (options, mut state2) =
            request_options(&rp, vec![], Some(UserVerificationPolicy::Required));
        let response = key.get(&options, ORIGIN).unwrap();
        state2.set_allowed_credentials(vec![cred.clone()]);
        assert_eq!(
            finish_authentication(&rp, &response, &state2)
                .unwrap()
                .counter(),
            2
        );
    }

    #[test]
    fn conditional_mediation_and_inner_options_with_padding_are_accepted() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::Platform);
        // The inner options only, with a padded challenge and user id (16-byte user id: "==").
        let (options, state) =
            creation_options(&rp, b"0123456789abcdef", |b| b.require_resident_key(true));
        let mut inner = options["publicKey"].clone();
        let padded = |v: &Value| {
            let bytes = B64URL_ANY_PADDING.decode(v.as_str().unwrap()).unwrap();
            json!(base64::engine::general_purpose::URL_SAFE.encode(bytes))
        };
        inner["challenge"] = padded(&inner["challenge"]);
        inner["user"]["id"] = padded(&inner["user"]["id"]);
        assert!(inner["user"]["id"].as_str().unwrap().ends_with("=="));
        let response = key.create(&inner, ORIGIN).unwrap();
        let cred = finish_registration(&rp, &response, &state).unwrap();

        let builder = rp
            .new_challenge_authenticate_builder(vec![], Some(UserVerificationPolicy::Preferred))
            .unwrap();
        let (mut rcr, state) = rp.generate_challenge_authenticate(builder).unwrap();
        rcr.mediation = Some(Mediation::Conditional);
        let options = serde_json::to_value(&rcr).unwrap();
        assert_eq!(options["mediation"], "conditional");
        let response = key.get(&options, ORIGIN).unwrap();
        assert_eq!(
            b64_field(&response, "/response/userHandle"),
            b"0123456789abcdef".to_vec()
        );
        rp.authenticate_single_credential(&assertion(&response), &state, &cred)
            .unwrap();
    }

    #[test]
    fn non_discoverable_credential_needs_an_allow_list() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let (mut options, state) = creation_options(&rp, b"user-1", |b| b);
        assert_eq!(
            options["publicKey"]["authenticatorSelection"]["residentKey"],
            "discouraged"
        );
        options["publicKey"]["extensions"] = json!({ "credProps": true });
        let response = key.create(&options, ORIGIN).unwrap();
        assert_eq!(
            response["extensions"],
            json!({ "credProps": { "rk": false } })
        );
        finish_registration(&rp, &response, &state).unwrap();
        let (options, _) = request_options(&rp, vec![], Some(UserVerificationPolicy::Preferred));
        assert!(matches!(
            key.get(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));

        // "preferred" gets a discoverable credential.
        let (mut options, state) = creation_options(&rp, b"user-2", |b| b);
        options["publicKey"]["authenticatorSelection"]["residentKey"] = json!("preferred");
        options["publicKey"]["extensions"] = json!({ "credProps": true });
        let response = key.create(&options, ORIGIN).unwrap();
        assert_eq!(
            response["extensions"],
            json!({ "credProps": { "rk": true } })
        );
        finish_registration(&rp, &response, &state).unwrap();
        let (options, _) = request_options(&rp, vec![], Some(UserVerificationPolicy::Preferred));
        let response = key.get(&options, ORIGIN).unwrap();
        assert_eq!(
            b64_field(&response, "/response/userHandle"),
            b"user-2".to_vec()
        );
    }

    #[test]
    fn wrong_origin_is_refused() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let (options, state) = creation_options(&rp, b"user-1", |b| b);
        let response = key.create(&options, "http://evil.example:8080").unwrap();
        assert!(matches!(
            finish_registration(&rp, &response, &state),
            Err(WebauthnError::InvalidRPOrigin)
        ));
        let response = key.create(&options, "http://localhost:8081").unwrap();
        assert!(matches!(
            finish_registration(&rp, &response, &state),
            Err(WebauthnError::InvalidRPOrigin)
        ));

        let cred = register(&rp, &mut key, |b| b);
        let (options, state) = request_options(&rp, vec![cred], None);
        let response = key.get(&options, "https://localhost:8080").unwrap();
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::InvalidRPOrigin)
        ));
    }

    #[test]
    fn wrong_rp_id_is_refused_and_the_knob_is_one_shot() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let (options, state) = creation_options(&rp, b"user-1", |b| b);
        key.sign_for_rp_id(Some("evil.example".into()));
        let response = key.create(&options, ORIGIN).unwrap();
        assert!(matches!(
            finish_registration(&rp, &response, &state),
            Err(WebauthnError::InvalidRPIDHash)
        ));

        // One-shot: the next ceremony hashes the real RP ID again.
        let cred = register(&rp, &mut key, |b| b);
        let (options, state) = request_options(&rp, vec![cred.clone()], None);
        key.sign_for_rp_id(Some("evil.example".into()));
        let response = key.get(&options, ORIGIN).unwrap();
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::InvalidRPIDHash)
        ));

        // An RP ID in the options that is not the server's gets the same answer.
        let (mut options, state) = request_options(&rp, vec![cred.clone()], None);
        options["publicKey"]["rpId"] = json!("other.example");
        // Our credential is scoped to "localhost": nothing for "other.example".
        assert!(matches!(
            key.get(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
        // Signing for that RP ID anyway (the knob) is refused by the server.
        options["publicKey"]["rpId"] = json!("localhost");
        key.sign_for_rp_id(Some("other.example".into()));
        let response = key.get(&options, ORIGIN).unwrap();
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::InvalidRPIDHash)
        ));
        // sign_for_rp_id(None) cancels.
        key.sign_for_rp_id(Some("other.example".into()));
        key.sign_for_rp_id(None);
        let (options, state) = request_options(&rp, vec![cred], None);
        let response = key.get(&options, ORIGIN).unwrap();
        finish_authentication(&rp, &response, &state).unwrap();
    }

    #[test]
    fn replayed_assertion_and_counter_regression_are_refused() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let mut cred = register(&rp, &mut key, |b| b);
        let (options, state) = request_options(&rp, vec![cred.clone()], None);
        let response = key.get(&options, ORIGIN).unwrap();
        let result = finish_authentication(&rp, &response, &state).unwrap();
        cred.counter = result.counter();
        // The same response again: against a new challenge it fails on the challenge; against
        // the same challenge (a server that does not make challenges single-use) on the counter,
        // once the server has stored the new one.
        let (_, fresh_state) = request_options(&rp, vec![cred.clone()], None);
        assert!(matches!(
            finish_authentication(&rp, &response, &fresh_state),
            Err(WebauthnError::MismatchedChallenge)
        ));
        let mut same_challenge = state.clone();
        same_challenge.set_allowed_credentials(vec![cred.clone()]);
        assert!(matches!(
            finish_authentication(&rp, &response, &same_challenge),
            Err(WebauthnError::CredentialPossibleCompromise)
        ));

        // Two more uses, then the "clone" with the old counter.
        for _ in 0..2 {
            let (options, state) = request_options(&rp, vec![cred.clone()], None);
            let response = key.get(&options, ORIGIN).unwrap();
            cred.counter = finish_authentication(&rp, &response, &state)
                .unwrap()
                .counter();
        }
        assert_eq!(cred.counter, 3);
        key.set_counter(&cred.cred_id, 1);
        let (options, state) = request_options(&rp, vec![cred.clone()], None);
        let response = key.get(&options, ORIGIN).unwrap();
        assert_eq!(key.counter(&cred.cred_id), Some(2));
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::CredentialPossibleCompromise)
        ));
        // Equal to the stored value is a regression too.
        key.set_counter(&cred.cred_id, 2);
        let (options, state) = request_options(&rp, vec![cred.clone()], None);
        let response = key.get(&options, ORIGIN).unwrap();
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::CredentialPossibleCompromise)
        ));
    }

    #[test]
    fn user_verification_policies() {
        let rp = rp();
        let mut plain =
            SoftAuthenticator::new(Attachment::CrossPlatform).without_user_verification();

        // The client finds no authenticator able to do UV for a "required" ceremony.
        let (options, state) = creation_options(&rp, b"user-1", |b| {
            b.user_verification_policy(UserVerificationPolicy::Required)
        });
        assert!(matches!(
            plain.create(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
        assert!(plain.credential_ids().is_empty());
        // A page that ignores the requirement gets a response without UV: refused.
        let mut tampered = options.clone();
        tampered["publicKey"]["authenticatorSelection"]["userVerification"] = json!("discouraged");
        let response = plain.create(&tampered, ORIGIN).unwrap();
        assert!(matches!(
            finish_registration(&rp, &response, &state),
            Err(WebauthnError::UserNotVerified)
        ));

        // "preferred" with a key that cannot verify: registered, not verified.
        let cred = register(&rp, &mut plain, |b| b);
        assert!(!cred.user_verified);
        let (options, state) = request_options(&rp, vec![cred.clone()], None);
        assert_eq!(options["publicKey"]["userVerification"], "preferred");
        let response = plain.get(&options, ORIGIN).unwrap();
        assert!(
            !finish_authentication(&rp, &response, &state)
                .unwrap()
                .user_verified()
        );
        // Sign-in requiring UV: the client refuses, and a tampered page is refused by the server.
        let (options, state) = request_options(
            &rp,
            vec![cred.clone()],
            Some(UserVerificationPolicy::Required),
        );
        assert!(matches!(
            plain.get(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
        let mut tampered = options.clone();
        tampered["publicKey"]["userVerification"] = json!("discouraged");
        let response = plain.get(&tampered, ORIGIN).unwrap();
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::UserNotVerified)
        ));

        // "discouraged" leaves UV off even on a capable key; webauthn-rs then refuses a credential
        // registered *with* UV under "preferred".
        let mut capable = SoftAuthenticator::new(Attachment::Platform);
        let cred = register(&rp, &mut capable, |b| b);
        assert!(cred.user_verified);
        let (options, state) = request_options(
            &rp,
            vec![cred.clone()],
            Some(UserVerificationPolicy::Discouraged_DO_NOT_USE),
        );
        let response = capable.get(&options, ORIGIN).unwrap();
        let auth_data = b64_field(&response, "/response/authenticatorData");
        assert_eq!(auth_data[32], FLAG_UP);
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::UserNotVerified)
        ));
    }

    #[test]
    fn signature_from_another_credential_is_refused() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let cred_a = register(&rp, &mut key, |b| b);
        let cred_b = register(&rp, &mut key, |b| b);
        assert_ne!(cred_a.cred_id, cred_b.cred_id);
        // The server asks for A; the page gets B to sign and passes it off as A.
        let (options, state) = request_options(&rp, vec![cred_a.clone()], None);
        let mut for_b = options.clone();
        for_b["publicKey"]["allowCredentials"][0]["id"] = json!(b64(&cred_b.cred_id));
        let mut response = key.get(&for_b, ORIGIN).unwrap();
        assert_eq!(b64_field(&response, "/rawId"), cred_b.cred_id);
        response["id"] = json!(b64(&cred_a.cred_id));
        response["rawId"] = json!(b64(&cred_a.cred_id));
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::AuthenticationFailure)
        ));
        // And B's own response is not among the allowed credentials.
        let response = key.get(&for_b, ORIGIN).unwrap();
        assert!(matches!(
            finish_authentication(&rp, &response, &state),
            Err(WebauthnError::CredentialNotFound)
        ));
        // Unchanged, A's response passes.
        let response = key.get(&options, ORIGIN).unwrap();
        finish_authentication(&rp, &response, &state).unwrap();
    }

    #[test]
    fn exclude_and_allow_lists() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let cred = register(&rp, &mut key, |b| b);
        let (options, state) = creation_options(&rp, b"user-1", |b| {
            b.exclude_credentials(Some(vec![vec![1, 2, 3], cred.cred_id.clone()]))
        });
        assert_eq!(key.create(&options, ORIGIN), Err(SoftError::InvalidState));
        assert_eq!(key.credential_ids().len(), 1);
        // Another authenticator may register.
        let mut other = SoftAuthenticator::new(Attachment::CrossPlatform);
        let response = other.create(&options, ORIGIN).unwrap();
        finish_registration(&rp, &response, &state).unwrap();

        // An allow list naming none of ours.
        let (options, _) = request_options(&rp, vec![cred.clone()], None);
        assert!(matches!(
            other.get(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
        // After forget(), neither.
        key.forget(&cred.cred_id);
        assert!(key.credential_ids().is_empty());
        assert_eq!(key.counter(&cred.cred_id), None);
        assert!(matches!(
            key.get(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
    }

    #[test]
    fn the_requested_attachment_decides_which_authenticator_is_used() {
        let rp = rp();
        let (options, state) = creation_options(&rp, b"user-1", |b| {
            b.authenticator_attachment(Some(AuthenticatorAttachment::Platform))
        });
        let mut roaming = SoftAuthenticator::new(Attachment::CrossPlatform);
        assert!(matches!(
            roaming.create(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
        let mut platform = SoftAuthenticator::new(Attachment::Platform);
        let response = platform.create(&options, ORIGIN).unwrap();
        finish_registration(&rp, &response, &state).unwrap();
        let (options, _) = creation_options(&rp, b"user-1", |b| {
            b.authenticator_attachment(Some(AuthenticatorAttachment::CrossPlatform))
        });
        assert!(matches!(
            platform.create(&options, ORIGIN),
            Err(SoftError::NotAllowed(_))
        ));
        roaming.create(&options, ORIGIN).unwrap();
    }

    #[test]
    fn algorithms_without_es256_are_not_supported() {
        let rp = rp();
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let (options, _) = creation_options(&rp, b"user-1", |b| {
            b.credential_algorithms(vec![COSEAlgorithm::RS256])
        });
        assert!(matches!(
            key.create(&options, ORIGIN),
            Err(SoftError::NotSupported(_))
        ));
        let (options, _) = creation_options(&rp, b"user-1", |b| {
            b.credential_algorithms(vec![COSEAlgorithm::RS256, COSEAlgorithm::ES256])
        });
        key.create(&options, ORIGIN).unwrap();
    }

    #[test]
    fn bad_options() {
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        assert!(matches!(
            key.create(&json!([]), ORIGIN),
            Err(SoftError::BadOptions(_))
        ));
        assert!(matches!(
            key.get(&json!({}), ORIGIN),
            Err(SoftError::BadOptions(_))
        ));
        let options = json!({"publicKey": {
            "rp": {"name": "Limen"},
            "user": {"id": "dXNlcg", "name": "u", "displayName": "U"},
            "challenge": "not base64!",
            "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
        }});
        assert!(matches!(
            key.create(&options, ORIGIN),
            Err(SoftError::BadOptions(_))
        ));
    }

    #[test]
    fn client_data_json_and_authenticator_data_layout() {
        // No rp.id: the RP ID is the origin's host.
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let options = json!({
            "rp": {"name": "Limen"},
            "user": {"id": "dXNlcg", "name": "u", "displayName": "U"},
            "challenge": "AAEC",
            "pubKeyCredParams": [],
        });
        let response = key.create(&options, ORIGIN).unwrap();
        let client_data = b64_field(&response, "/response/clientDataJSON");
        assert_eq!(
            std::str::from_utf8(&client_data).unwrap(),
            r#"{"type":"webauthn.create","challenge":"AAEC","origin":"http://localhost:8080","crossOrigin":false}"#
        );
        let auth_data = b64_field(&response, "/response/authenticatorData");
        assert_eq!(&auth_data[..32], digest(&SHA256, b"localhost").as_ref());
        assert_eq!(auth_data[32], FLAG_UP | FLAG_UV | FLAG_AT);
        assert_eq!(&auth_data[33..37], &[0, 0, 0, 0]);
        assert_eq!(&auth_data[37..53], &SOFT_AAGUID);
        assert_eq!(&auth_data[53..55], &[0, 32]);
        assert_eq!(
            &auth_data[55..87],
            b64_field(&response, "/rawId").as_slice()
        );
        // COSE key: a5 01 02 03 26 20 01 21 58 20 <x> 22 58 20 <y>
        assert_eq!(
            &auth_data[87..97],
            &[0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]
        );
        assert_eq!(&auth_data[129..132], &[0x22, 0x58, 0x20]);
        assert_eq!(auth_data.len(), 164);
        // attestationObject: {"fmt": "none", "attStmt": {}, "authData": ...}
        let attestation_object = b64_field(&response, "/response/attestationObject");
        let mut expected = vec![0xa3, 0x63];
        expected.extend_from_slice(b"fmt");
        expected.extend_from_slice(&[0x64]);
        expected.extend_from_slice(b"none");
        expected.extend_from_slice(&[0x67]);
        expected.extend_from_slice(b"attStmt");
        expected.extend_from_slice(&[0xa0, 0x68]);
        expected.extend_from_slice(b"authData");
        expected.extend_from_slice(&[0x58, 164]);
        expected.extend_from_slice(&auth_data);
        assert_eq!(attestation_object, expected);

        let mut escaped = String::new();
        ccd_to_string(&mut escaped, "a\"b\\c\n\u{1f}é");
        assert_eq!(escaped, "\"a\\\"b\\\\c\\u000a\\u001fé\"");
    }

    #[test]
    fn cbor_encoding_matches_rfc_8949_appendix_a() {
        let hex = |item: Cbor| {
            item.encode()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        for (n, expected) in [
            (0, "00"),
            (1, "01"),
            (10, "0a"),
            (23, "17"),
            (24, "1818"),
            (25, "1819"),
            (100, "1864"),
            (1000, "1903e8"),
            (1000000, "1a000f4240"),
            (1000000000000, "1b000000e8d4a51000"),
            (-1, "20"),
            (-10, "29"),
            (-100, "3863"),
            (-1000, "3903e7"),
            (i64::MIN, "3b7fffffffffffffff"),
        ] {
            assert_eq!(hex(Cbor::Int(n)), expected, "{n}");
        }
        assert_eq!(hex(Cbor::Bytes(vec![])), "40");
        assert_eq!(hex(Cbor::Bytes(vec![1, 2, 3, 4])), "4401020304");
        assert_eq!(hex(Cbor::text("")), "60");
        assert_eq!(hex(Cbor::text("a")), "6161");
        assert_eq!(hex(Cbor::text("IETF")), "6449455446");
        assert_eq!(hex(Cbor::text("\u{00fc}")), "62c3bc");
        assert_eq!(hex(Cbor::Array(vec![])), "80");
        assert_eq!(
            hex(Cbor::Array(vec![Cbor::Int(1), Cbor::Int(2), Cbor::Int(3)])),
            "83010203"
        );
        let long: Vec<Cbor> = (1..=25).map(Cbor::Int).collect();
        assert_eq!(
            hex(Cbor::Array(long)),
            "98190102030405060708090a0b0c0d0e0f101112131415161718181819"
        );
        assert_eq!(hex(Cbor::Map(vec![])), "a0");
        assert_eq!(
            hex(Cbor::Map(vec![
                (Cbor::Int(3), Cbor::Int(4)),
                (Cbor::Int(1), Cbor::Int(2)),
            ])),
            "a201020304"
        );
        assert_eq!(
            hex(Cbor::Map(vec![
                (
                    Cbor::text("b"),
                    Cbor::Array(vec![Cbor::Int(2), Cbor::Int(3)])
                ),
                (Cbor::text("a"), Cbor::Int(1)),
            ])),
            "a26161016162820203"
        );
        // Canonical order: major type, then encoded length, then bytes.
        assert_eq!(
            hex(Cbor::Map(vec![
                (Cbor::text("aa"), Cbor::Int(0)),
                (Cbor::Int(-1), Cbor::Int(0)),
                (Cbor::text("b"), Cbor::Int(0)),
                (Cbor::Int(24), Cbor::Int(0)),
                (Cbor::Int(3), Cbor::Int(0)),
            ])),
            "a503001818002000616200626161 00".replace(' ', "")
        );
    }
}
