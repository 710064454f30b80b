//! The SAML side of the registry (docs/SAML.md §2.2, §7, §8): the record of a service provider
//! decided from its metadata (SAML Metadata §2.3.2, §2.4.4) and the operator's choices, and its
//! registration. Shared by `limen service add --protocol saml` (which reads the metadata from a
//! file or a URL) and the admin API (which takes it in the request's body); neither reads
//! metadata on the request path of a login.

use super::Invalid;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_saml::dsig::SignatureAlgorithm;
use limen_saml::idp::sp_metadata::SpMetadata;
use limen_saml::idp::{AuthnContextStyle, NameIdFormat, SignPolicy, SigningAlg, SpRecord};
use limen_saml::xmlenc::uri as enc;
use limen_store::{NewService, SamlSpRow, Store, StoreError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `--encrypt` (docs/SAML.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encrypt {
    Auto,
    On,
    Off,
}

/// The operator's choices, parsed; `None` where the metadata decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    pub nameid: Option<Vec<NameIdFormat>>,
    pub encrypt: Encrypt,
    pub signing_alg: Option<SigningAlg>,
    pub sign: Option<SignPolicy>,
    pub authn_context: AuthnContextStyle,
    pub idp_initiated: bool,
    pub require_signed: Option<bool>,
}

impl Default for Choices {
    fn default() -> Self {
        Choices {
            nameid: None,
            encrypt: Encrypt::Auto,
            signing_alg: None,
            sign: None,
            authn_context: AuthnContextStyle::Strength,
            idp_initiated: false,
            require_signed: None,
        }
    }
}

/// Allowed NameID formats, a comma list (`persistent,transient,email`): in order, the first the
/// default, duplicates dropped.
pub fn parse_nameid(list: &str) -> Result<Vec<NameIdFormat>, Invalid> {
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let format = NameIdFormat::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
            Invalid::new(
                "nameid",
                format!("unknown format {name:?} (persistent, transient, email)"),
            )
        })?;
        if !out.contains(&format) {
            out.push(format);
        }
    }
    if out.is_empty() {
        return Err(Invalid::new(
            "nameid",
            "name at least one format (persistent, transient, email)",
        ));
    }
    Ok(out)
}

/// The operator's choices as words (the command line's options, the API's fields); `None`
/// leaves the choice to the metadata.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChoiceWords<'a> {
    pub nameid: Option<&'a str>,
    pub encrypt: Option<&'a str>,
    pub signing_alg: Option<&'a str>,
    pub sign: Option<&'a str>,
    pub authn_context: Option<&'a str>,
    pub idp_initiated: bool,
    pub require_signed_requests: Option<&'a str>,
}

impl Choices {
    /// Parses the words (case and surrounding white space ignored).
    pub fn from_words(w: &ChoiceWords<'_>) -> Result<Choices, Invalid> {
        let lower = |s: &str| s.trim().to_ascii_lowercase();
        let nameid = w.nameid.map(parse_nameid).transpose()?;
        let encrypt = match w.encrypt.map(lower).as_deref() {
            None | Some("auto") => Encrypt::Auto,
            Some("on") => Encrypt::On,
            Some("off") => Encrypt::Off,
            Some(other) => {
                return Err(Invalid::new(
                    "encrypt",
                    format!("must be auto, on or off, not {other:?}"),
                ));
            }
        };
        let signing_alg = match w.signing_alg.map(lower).as_deref() {
            None => None,
            Some("rsa-sha256") => Some(SigningAlg::RsaSha256),
            Some("ecdsa-sha256") => Some(SigningAlg::EcdsaSha256),
            Some(other) => {
                return Err(Invalid::new(
                    "signing_alg",
                    format!(
                        "must be rsa-sha256 or ecdsa-sha256 for a SAML service provider, not {other:?}"
                    ),
                ));
            }
        };
        let sign = match w.sign.map(lower).as_deref() {
            None => None,
            Some("both") => Some(SignPolicy::Both),
            Some("assertion") => Some(SignPolicy::Assertion),
            Some("response") => Some(SignPolicy::Response),
            Some(other) => {
                return Err(Invalid::new(
                    "sign",
                    format!("must be both, assertion or response, not {other:?}"),
                ));
            }
        };
        let authn_context = match w.authn_context.map(lower).as_deref() {
            None | Some("strength") => AuthnContextStyle::Strength,
            Some("eidas") => AuthnContextStyle::Eidas,
            Some(other) => {
                return Err(Invalid::new(
                    "authn_context",
                    format!("must be strength or eidas, not {other:?}"),
                ));
            }
        };
        let require_signed = match w.require_signed_requests.map(lower).as_deref() {
            None => None,
            Some("yes") => Some(true),
            Some("no") => Some(false),
            Some(other) => {
                return Err(Invalid::new(
                    "require_signed_requests",
                    format!("must be yes or no, not {other:?}"),
                ));
            }
        };
        Ok(Choices {
            nameid,
            encrypt,
            signing_alg,
            sign,
            authn_context,
            idp_initiated: w.idp_initiated,
            require_signed,
        })
    }
}

pub fn signing_alg_name(alg: SigningAlg) -> &'static str {
    match alg {
        SigningAlg::RsaSha256 => "rsa-sha256",
        SigningAlg::EcdsaSha256 => "ecdsa-sha256",
    }
}

pub fn authn_context_name(style: AuthnContextStyle) -> &'static str {
    match style {
        AuthnContextStyle::Strength => "strength",
        AuthnContextStyle::Eidas => "eidas",
    }
}

/// A certificate's SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it.
pub fn fingerprint(der: &[u8]) -> String {
    limen_crypto::sha256_hex(der)
        .to_ascii_uppercase()
        .as_bytes()
        .chunks(2)
        .map(|pair| String::from_utf8_lossy(pair).into_owned())
        .collect::<Vec<_>>()
        .join(":")
}

pub fn signing_alg_uri(alg: SigningAlg) -> &'static str {
    match alg {
        SigningAlg::RsaSha256 => SignatureAlgorithm::RsaSha256.uri(),
        SigningAlg::EcdsaSha256 => SignatureAlgorithm::EcdsaSha256.uri(),
    }
}

pub fn sign_name(sign: SignPolicy) -> &'static str {
    match sign {
        SignPolicy::Both => "both",
        SignPolicy::Assertion => "assertion",
        SignPolicy::Response => "response",
    }
}

fn date(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

/// What the registry keeps, and what the operator should read about it.
#[derive(Debug, Clone)]
pub struct Decision {
    pub record: SpRecord,
    pub notes: Vec<String>,
}

/// The content-encryption algorithms Limen uses (XML Encryption 1.1 §5.2.4); listed by an SP
/// among its `md:EncryptionMethod`s, they tell it can decrypt what Limen sends.
const GCM: [&str; 3] = [
    enc::AES128_GCM,
    "http://www.w3.org/2009/xmlenc11#aes192-gcm",
    enc::AES256_GCM,
];

/// Block-encryption URIs an SP may list instead (XML Encryption 1.0 §5.2, 1.1 §5.2).
fn is_content_encryption(uri: &str) -> bool {
    GCM.contains(&uri) || uri.ends_with("-cbc")
}

/// The record of an SP from its metadata and the operator's choices (docs/SAML.md §2.2, §7, §8).
/// Refused: `--encrypt on` without an encryption key, `--require-signed-requests no` while the
/// metadata says `AuthnRequestsSigned="true"`, and signed requests required of an SP that
/// publishes no signing key.
pub fn decide(
    md: &SpMetadata,
    c: &Choices,
    source: &str,
    sha256: &str,
) -> Result<Decision, Invalid> {
    let mut notes = Vec::new();

    // NameID formats (SAML Core §8.3; docs/SAML.md §2.2, §6.2).
    let mut listed: Vec<NameIdFormat> = Vec::new();
    for f in md
        .name_id_formats
        .iter()
        .filter_map(|u| NameIdFormat::from_uri(u))
    {
        if !listed.contains(&f) {
            listed.push(f);
        }
    }
    let nameid_formats = match &c.nameid {
        Some(list) => {
            if list.contains(&NameIdFormat::Email) {
                notes.push(
                    "warning: NameID email is allowed: an e-mail address changes, and an SP that \
                     keys its accounts on the NameID then loses the user's account there"
                        .to_owned(),
                );
            }
            if !md.name_id_formats.is_empty() {
                for f in list.iter().filter(|f| !listed.contains(f)) {
                    notes.push(format!(
                        "note: the SP's metadata does not list NameID {} ({})",
                        f.name(),
                        f.uri()
                    ));
                }
            }
            list.clone()
        }
        None => {
            let mut formats: Vec<NameIdFormat> = listed
                .iter()
                .copied()
                .filter(|f| *f != NameIdFormat::Email)
                .collect();
            if listed.contains(&NameIdFormat::Email) {
                notes.push(
                    "note: the SP lists NameID emailAddress: allowed only with --nameid naming \
                     email (e-mail addresses change)"
                        .to_owned(),
                );
            }
            if formats.is_empty() {
                let foreign: Vec<&str> = md
                    .name_id_formats
                    .iter()
                    .map(String::as_str)
                    .filter(|u| {
                        !u.is_empty()
                            && NameIdFormat::from_uri(u).is_none()
                            && *u != NameIdFormat::UNSPECIFIED
                    })
                    .collect();
                if !foreign.is_empty() && listed.is_empty() {
                    notes.push(format!(
                        "warning: the SP lists only NameID formats Limen does not issue ({}): \
                         persistent (and transient) are used; check that the SP accepts them, or pass --nameid",
                        foreign.join(", ")
                    ));
                }
                // Persistent by default; transient too, since SPs that list nothing (mod_auth_mellon)
                // often ask for it.
                formats.extend([NameIdFormat::Persistent, NameIdFormat::Transient]);
            }
            formats
        }
    };

    // Encryption (docs/SAML.md §8; XML Encryption 1.1 §5.4, §5.5).
    let encrypt = match c.encrypt {
        Encrypt::Auto => md.encryption_certificate.is_some(),
        Encrypt::On => {
            if md.encryption_certificate.is_none() {
                return Err(Invalid::new(
                    "encrypt",
                    "encrypt on: the SP's metadata publishes no RSA encryption key \
                     (a KeyDescriptor use=\"encryption\" or without use, RSA of 2048 bits or more)",
                ));
            }
            true
        }
        Encrypt::Off => false,
    };
    let methods = &md.encryption_methods;
    let lists = |uri: &str| methods.iter().any(|m| m == uri);
    // XML Encryption 1.1's rsa-oaep (SHA-256) only for SPs that list it: the XML Security
    // Library 1.2 (Debian 12's xmlsec1, so pysaml2 and mod_auth_mellon's lasso) reads OAEP with
    // its SHA-1 default only (docs/SAML.md §8).
    let oaep_mgf1p = !lists(enc::RSA_OAEP);
    if encrypt && oaep_mgf1p {
        notes.push(
            "note: key transport rsa-oaep-mgf1p (OAEP with SHA-1 as its padding hash): the SP does \
             not list xmlenc11#rsa-oaep (docs/SAML.md §8)"
                .to_owned(),
        );
    }
    if encrypt {
        let content: Vec<&str> = methods
            .iter()
            .map(String::as_str)
            .filter(|m| is_content_encryption(m))
            .collect();
        if !content.is_empty() && !content.iter().any(|m| GCM.contains(m)) {
            notes.push(format!(
                "warning: the SP lists no AES-GCM content encryption ({}); Limen encrypts with \
                 AES-256-GCM only: if the SP cannot decrypt, register it with --encrypt off",
                content.join(", ")
            ));
        }
        if lists(enc::RSA_1_5) && !lists(enc::RSA_OAEP) && !lists(enc::RSA_OAEP_MGF1P) {
            notes.push(
                "warning: the SP lists rsa-1_5 key transport only; Limen never uses it and sends \
                 RSA-OAEP: if the SP cannot decrypt, register it with --encrypt off"
                    .to_owned(),
            );
        }
    } else if md.encryption_certificate.is_some() {
        notes.push(
            "warning: assertions are not encrypted although the SP publishes an encryption key"
                .to_owned(),
        );
    }

    // Signing algorithm (docs/SAML.md §7.1; Metadata Algorithm Support §2.2).
    let signs_with = |alg: SigningAlg| md.signing_methods.iter().any(|m| m == signing_alg_uri(alg));
    let signing_alg = match c.signing_alg {
        Some(alg) => {
            if !md.signing_methods.is_empty() && !signs_with(alg) {
                notes.push(format!(
                    "note: the SP's metadata does not list {} among its signing methods",
                    signing_alg_uri(alg)
                ));
            }
            alg
        }
        None if signs_with(SigningAlg::EcdsaSha256) && !signs_with(SigningAlg::RsaSha256) => {
            SigningAlg::EcdsaSha256
        }
        None => SigningAlg::RsaSha256,
    };

    // What is signed (docs/SAML.md §7.1): an encrypted assertion needs the Response signed.
    let sign = match c.sign {
        Some(s) if encrypt && s != SignPolicy::Both => {
            notes.push(format!(
                "note: --sign {} is forced to both: the assertion is encrypted, and the \
                 Response's signature must cover the ciphertext (docs/SAML.md §8)",
                sign_name(s)
            ));
            SignPolicy::Both
        }
        Some(s) => s,
        None => SignPolicy::Both,
    };

    // Signed AuthnRequests (docs/SAML.md §2.2; SAML Metadata §2.4.4 AuthnRequestsSigned).
    let has_key = !md.signing_certificates.is_empty();
    let requests_signed = match c.require_signed {
        Some(false) if md.authn_requests_signed => {
            return Err(Invalid::new(
                "require_signed_requests",
                "require signed requests no: the SP's metadata says AuthnRequestsSigned=\"true\" \
                 (it signs every request; accepting unsigned ones would only help someone else)",
            ));
        }
        Some(true) if !has_key => {
            return Err(Invalid::new(
                "require_signed_requests",
                "require signed requests yes: the SP's metadata publishes no signing key to verify \
                 its requests with",
            ));
        }
        Some(v) => v,
        None if md.authn_requests_signed && !has_key => {
            return Err(Invalid::new(
                "metadata_xml",
                "the SP's metadata says AuthnRequestsSigned=\"true\" but publishes no signing key: its \
                 requests could not be verified (a KeyDescriptor use=\"signing\" is needed)",
            ));
        }
        None => has_key || md.authn_requests_signed,
    };

    if let Some(until) = md.valid_until {
        notes.push(format!(
            "note: the metadata is valid until {}: refresh it before then",
            date(until)
        ));
    }

    let record = SpRecord {
        entity_id: md.entity_id.clone(),
        acs: md.acs.clone(),
        slo: md.slo.clone(),
        signing_certificates: md
            .signing_certificates
            .iter()
            .map(|d| B64.encode(d))
            .collect(),
        encryption_certificate: md.encryption_certificate.as_ref().map(|d| B64.encode(d)),
        oaep_mgf1p,
        nameid_formats,
        signing_alg,
        sign,
        encrypt,
        authn_context: c.authn_context,
        idp_initiated: c.idp_initiated,
        requests_signed,
        metadata_source: source.to_owned(),
        metadata_sha256: sha256.to_owned(),
    };
    Ok(Decision { record, notes })
}

// ---- the registry's JSON ------------------------------------------------------------------------

/// The registry's JSON of an SP: [`SpRecord`]'s fields, and beside them the certificates the
/// metadata must be signed by (`--metadata-certificate`), so that `service refresh` checks the
/// same signature. Readers of `SpRecord` ignore the extra field.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stored {
    #[serde(flatten)]
    pub record: SpRecord,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata_certificates: Vec<String>,
}

pub fn stored_of(row: &SamlSpRow) -> Result<Stored, String> {
    serde_json::from_str(&row.record)
        .map_err(|e| format!("the registry record of SAML SP {}: {e}", row.entity_id))
}

// ---- reading the metadata -----------------------------------------------------------------------

// ---- registration -------------------------------------------------------------------------------

/// Why a service provider was not registered.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// The metadata and the choices do not go together ([`decide`]).
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Another service holds this entityID.
    #[error("entityID {entity_id} is already registered, as service {service:?}")]
    EntityRegistered { entity_id: String, service: String },
    /// A service with this name (or, in a race, this entityID) exists.
    #[error("a service named {name:?} or this {what} already exists")]
    Duplicate { name: String, what: &'static str },
    #[error(transparent)]
    Store(StoreError),
}

/// What a registration made.
#[derive(Debug, Clone)]
pub struct Registered {
    pub row: SamlSpRow,
    pub decision: Decision,
}

/// Registers a service provider from its parsed metadata (docs/SAML.md §2.1): decides the
/// record ([`decide`]), keeps beside it the certificates the metadata must be signed by (`pins`,
/// DER; for a later refresh), and stores the service — with no URL patterns and no CAS single
/// logout, which are a CAS service's — and its record together.
#[expect(clippy::too_many_arguments)]
pub async fn register(
    store: &Store,
    new: NewService,
    md: &SpMetadata,
    choices: &Choices,
    source: &str,
    sha256: &str,
    pins: &[Vec<u8>],
    now: OffsetDateTime,
) -> Result<Registered, RegisterError> {
    if let Some(existing) = store
        .saml_sp(&md.entity_id)
        .await
        .map_err(RegisterError::Store)?
    {
        return Err(RegisterError::EntityRegistered {
            entity_id: md.entity_id.clone(),
            service: existing.service.name,
        });
    }
    let decision = decide(md, choices, source, sha256)?;
    let stored = Stored {
        record: decision.record.clone(),
        metadata_certificates: pins.iter().map(|d| B64.encode(d)).collect(),
    };
    let json = serde_json::to_string(&stored)
        .map_err(|e| RegisterError::Store(StoreError::Corrupt(format!("SAML record: {e}"))))?;
    let mut new = new;
    new.url_patterns = Vec::new();
    new.single_logout = false;
    let row = match store.create_saml_sp(&new, &md.entity_id, &json, now).await {
        Err(StoreError::Duplicate(what)) => {
            return Err(RegisterError::Duplicate {
                name: new.name,
                what,
            });
        }
        other => other.map_err(RegisterError::Store)?,
    };
    Ok(Registered { row, decision })
}
