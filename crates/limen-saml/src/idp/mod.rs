//! Limen as a SAML 2.0 identity provider (docs/SAML.md): the pure part. No HTTP, no SQL, the clock
//! injected. The web layer (`limen-web/src/saml`) calls:
//!
//! - [`sp_metadata`]: reads a service provider's metadata once, at registration (SAML.md §2).
//! - [`inbound`]: decodes what an SP sends through the browser (HTTP-Redirect and HTTP-POST
//!   bindings), verifies its signature against the SP's pinned keys, and reads `AuthnRequest`,
//!   `LogoutRequest` and `LogoutResponse` (SAML.md §4.2, §9.2).
//! - [`response`]: writes the signed (and optionally encrypted) `Response`, error responses
//!   (SAML.md §6–8).
//! - [`logout`]: writes `LogoutRequest` and `LogoutResponse`, and the Redirect-binding URL or the
//!   POST form fields of any outbound message (SAML.md §9).
//! - [`metadata`]: writes the IdP's own signed metadata (SAML.md §3).
//!
//! Inbound messages go through [`crate::xml::parse`] (the guard) and only the element whose
//! signature was verified is read. Outbound messages are written in exclusive-C14N form by
//! construction (SAML.md §7.2).

pub mod inbound;
pub mod logout;
pub mod metadata;
pub mod response;
pub mod sp_metadata;

use time::OffsetDateTime;

/// Bindings URIs (SAML Bindings §3.4, §3.5).
pub mod binding {
    pub const REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    pub const POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    pub const SOAP: &str = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";
    pub const ARTIFACT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
}

/// Status codes (SAML Core §3.2.2.2).
pub mod status {
    pub const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
    pub const REQUESTER: &str = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    pub const RESPONDER: &str = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    pub const VERSION_MISMATCH: &str = "urn:oasis:names:tc:SAML:2.0:status:VersionMismatch";
    pub const AUTHN_FAILED: &str = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";
    pub const INVALID_NAMEID_POLICY: &str =
        "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy";
    pub const NO_AUTHN_CONTEXT: &str = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext";
    pub const NO_PASSIVE: &str = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";
    pub const REQUEST_UNSUPPORTED: &str = "urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported";
    pub const PARTIAL_LOGOUT: &str = "urn:oasis:names:tc:SAML:2.0:status:PartialLogout";
    pub const UNKNOWN_PRINCIPAL: &str = "urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal";
}

/// The NameID formats Limen issues (SAML Core §8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameIdFormat {
    /// Pairwise per SP, stable (Core §8.3.7).
    Persistent,
    /// New per assertion (Core §8.3.8).
    Transient,
    /// The account's e-mail (Core §8.3.2).
    Email,
}

impl NameIdFormat {
    pub const UNSPECIFIED: &'static str = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    pub const ENTITY: &'static str = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";

    pub fn uri(self) -> &'static str {
        match self {
            NameIdFormat::Persistent => "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            NameIdFormat::Transient => "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
            NameIdFormat::Email => "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        }
    }

    /// `None` for any other URI (including `unspecified`, which the caller treats as "the SP's
    /// default").
    pub fn from_uri(uri: &str) -> Option<NameIdFormat> {
        [
            NameIdFormat::Persistent,
            NameIdFormat::Transient,
            NameIdFormat::Email,
        ]
        .into_iter()
        .find(|f| f.uri() == uri)
    }

    /// The short name used on the command line and in the registry.
    pub fn name(self) -> &'static str {
        match self {
            NameIdFormat::Persistent => "persistent",
            NameIdFormat::Transient => "transient",
            NameIdFormat::Email => "email",
        }
    }

    pub fn from_name(name: &str) -> Option<NameIdFormat> {
        match name {
            "persistent" => Some(NameIdFormat::Persistent),
            "transient" => Some(NameIdFormat::Transient),
            "email" => Some(NameIdFormat::Email),
            _ => None,
        }
    }
}

/// How a message travels through the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Binding {
    Redirect,
    Post,
}

impl Binding {
    pub fn uri(self) -> &'static str {
        match self {
            Binding::Redirect => binding::REDIRECT,
            Binding::Post => binding::POST,
        }
    }

    pub fn from_uri(uri: &str) -> Option<Binding> {
        match uri {
            binding::REDIRECT => Some(Binding::Redirect),
            binding::POST => Some(Binding::Post),
            _ => None,
        }
    }
}

/// One `AssertionConsumerService` of HTTP-POST binding (the only binding Limen answers on).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Acs {
    pub index: u16,
    pub location: String,
    pub is_default: bool,
}

/// One `SingleLogoutService` (Redirect or POST).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SloEndpoint {
    pub binding: Binding,
    pub location: String,
    /// Where `LogoutResponse`s go, when not `location` (Meta §2.2.2).
    pub response_location: Option<String>,
}

/// A NameID as written in an assertion and repeated in a `LogoutRequest` (Core §2.2.3, §3.7.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NameId {
    pub value: String,
    /// The format URI as written (for an inbound `LogoutRequest` it may be any URI).
    pub format: Option<String>,
    pub name_qualifier: Option<String>,
    pub sp_name_qualifier: Option<String>,
}

/// How the IdP signs what it sends: a [`crate::dsig::Signer`] with the certificate it publishes.
pub use crate::dsig::Signer;

/// A fresh message ID: `_` and 32 random bytes in hex (an xs:ID, SAML Core §1.3.4).
pub fn new_id() -> Result<String, crate::SamlError> {
    crate::sp::new_id()
}

/// `xs:dateTime` in UTC with seconds, as SAML Core §1.3.3 requires (`2026-12-06T10:00:00Z`).
pub fn instant(t: OffsetDateTime) -> Result<String, crate::SamlError> {
    crate::sp::instant(t)
}

/// Which algorithm signs for an SP (docs/SAML.md §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SigningAlg {
    RsaSha256,
    EcdsaSha256,
}

/// What is signed in a Response (docs/SAML.md §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignPolicy {
    Both,
    Assertion,
    Response,
}

/// What `AuthnContextClassRef` names (docs/SAML.md §6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthnContextStyle {
    /// The strength's name (`PASSWORD_MOBILE_APP`), or the requested value it satisfies.
    Strength,
    /// The eIDAS level-of-assurance URI of the proof's level.
    Eidas,
}

/// What the registry keeps of a SAML service provider (docs/SAML.md §2.2): read from its
/// metadata once, at registration, and the operator's choices. Certificates are base64 DER.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpRecord {
    pub entity_id: String,
    pub acs: Vec<Acs>,
    pub slo: Vec<SloEndpoint>,
    pub signing_certificates: Vec<String>,
    pub encryption_certificate: Option<String>,
    /// `true`: RSA-OAEP with MGF1-SHA-1 (`rsa-oaep-mgf1p`), for SPs that list nothing else.
    pub oaep_mgf1p: bool,
    /// Allowed NameID formats, the first the default.
    pub nameid_formats: Vec<NameIdFormat>,
    pub signing_alg: SigningAlg,
    pub sign: SignPolicy,
    pub encrypt: bool,
    pub authn_context: AuthnContextStyle,
    pub idp_initiated: bool,
    pub requests_signed: bool,
    /// The file or URL the metadata came from, and the SHA-256 (hex) of what was read.
    pub metadata_source: String,
    pub metadata_sha256: String,
}

impl SpRecord {
    /// The ACS a request names by URL or index, else the default one (Metadata §2.2.3: the one
    /// with `isDefault="true"`, else the lowest index). The URL is compared byte for byte.
    pub fn acs_for(&self, url: Option<&str>, index: Option<u16>) -> Option<&Acs> {
        match (url, index) {
            (Some(url), _) => self.acs.iter().find(|a| a.location == url),
            (None, Some(i)) => self.acs.iter().find(|a| a.index == i),
            (None, None) => self
                .acs
                .iter()
                .find(|a| a.is_default)
                .or_else(|| self.acs.iter().min_by_key(|a| a.index)),
        }
    }

    /// The SP's signing keys, pinned from its metadata.
    pub fn signing_keys(&self) -> Vec<crate::dsig::PublicKey> {
        use base64::Engine as _;
        self.signing_certificates
            .iter()
            .filter_map(|c| base64::engine::general_purpose::STANDARD.decode(c).ok())
            .filter_map(|der| crate::dsig::PublicKey::from_certificate(&der).ok())
            .collect()
    }

    /// The SLO endpoint to send a message to: Redirect preferred (no JavaScript needed).
    pub fn slo_endpoint(&self) -> Option<&SloEndpoint> {
        self.slo
            .iter()
            .find(|e| e.binding == Binding::Redirect)
            .or_else(|| self.slo.first())
    }
}

pub use crate::keys::IdpKey;
