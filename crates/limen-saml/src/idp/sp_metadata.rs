//! A service provider's metadata, read once at registration or refresh (docs/SAML.md §2.2, §2.3):
//! the one `md:EntityDescriptor` (SAML Metadata §2.3.2) and its one `md:SPSSODescriptor` (Meta
//! §2.4.4), under the metadata parse profile ([`xml::Limits::METADATA`]).
//!
//! A metadata document is trusted because the operator chose it; with a pinned certificate, only
//! once its enveloped signature verified ([`dsig::verify_enveloped`] on the root), and then nothing
//! but that root is read. What is kept is what Limen uses: HTTP-POST assertion consumer services,
//! Redirect and POST logout endpoints, signing certificates (RSA 2048–8192 bits, EC P-256/P-384)
//! and one RSA encryption certificate; everything else that was present is listed in
//! [`SpMetadata::ignored`] for the operator to see.

use roxmltree::Node;
use time::OffsetDateTime;

use super::{Acs, Binding, SloEndpoint, binding};
use crate::SamlError;
use crate::dsig::{self, PublicKey};
use crate::sp::parse_time;
use crate::xml::{self, Limits, ns};

/// Largest metadata document accepted, in bytes (SAML.md §2.1).
pub const MAX_METADATA: usize = xml::MAX_METADATA_BYTES;
/// Longest `entityID` (Meta §2.3.2: at most 1024 characters).
pub const MAX_ENTITY_ID: usize = 1024;
/// Longest endpoint URL accepted.
pub const MAX_URL: usize = 2048;
/// Smallest RSA signing key accepted, in bits (SAML.md §2.2).
pub const MIN_RSA_BITS: usize = 2048;
/// Largest RSA key a signature can be verified with (ring's bound).
pub const MAX_RSA_BITS: usize = 8192;

/// What Limen keeps of an SP's metadata (SAML.md §2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpMetadata {
    pub entity_id: String,
    /// `validUntil` of the `EntityDescriptor`, for `service show` (a past one is refused).
    pub valid_until: Option<OffsetDateTime>,
    /// `SPSSODescriptor@AuthnRequestsSigned` (default false).
    pub authn_requests_signed: bool,
    /// `SPSSODescriptor@WantAssertionsSigned` (default false; Limen signs assertions always).
    pub want_assertions_signed: bool,
    /// DER certificates of `KeyDescriptor use="signing"` or without `use`, each accepted by
    /// [`PublicKey::from_certificate`] (RSA 2048–8192 bits, EC P-256/P-384); duplicates removed.
    pub signing_certificates: Vec<Vec<u8>>,
    /// The first RSA certificate (at least 2048 bits) of `use="encryption"` or without `use`.
    pub encryption_certificate: Option<Vec<u8>>,
    /// The `md:EncryptionMethod` `Algorithm` URIs listed with that certificate (Meta §2.4.1.1).
    pub encryption_methods: Vec<String>,
    /// HTTP-POST `AssertionConsumerService`s only; `index` from the attribute, or the position
    /// among the ACS elements when absent.
    pub acs: Vec<Acs>,
    /// Redirect and POST `SingleLogoutService`s only.
    pub slo: Vec<SloEndpoint>,
    /// `md:NameIDFormat` URIs, in order.
    pub name_id_formats: Vec<String>,
    /// `md:AttributeConsumingService/md:RequestedAttribute@Name`, in order, without duplicates: a
    /// suggestion for `--attributes`, never a release.
    pub requested_attributes: Vec<String>,
    /// `alg:SigningMethod@Algorithm` in `md:Extensions` of the `EntityDescriptor` or the
    /// `SPSSODescriptor` (Metadata Algorithm Support §2.2).
    pub signing_methods: Vec<String>,
    /// `alg:DigestMethod@Algorithm`, likewise (AlgSup §2.1).
    pub digest_methods: Vec<String>,
    /// Human-readable notes on what was present and not kept.
    pub ignored: Vec<String>,
}

/// Reads an SP's metadata (SAML.md §2.2): the parse under [`Limits::METADATA`] (no DTD, 1 MiB,
/// comments between elements only), then, with `pinned` given, the enveloped signature of the
/// root by one of those keys before anything is read.
///
/// Refused, each with a message naming what: an `EntitiesDescriptor`; a root other than
/// `md:EntityDescriptor`; an `entityID` that is not an absolute URI, longer than 1024 characters
/// or holding a control character or whitespace; a `validUntil` that has passed (of the entity or
/// the `SPSSODescriptor`); no or several `SPSSODescriptor`s; a `protocolSupportEnumeration`
/// without SAML 2.0; a `KeyDescriptor` with an unknown `use` or without an `X509Certificate`; a
/// certificate that does not parse; a signing key other than RSA 2048–8192 bits or EC
/// P-256/P-384; no HTTP-POST ACS; an ACS or SLO URL that [`check_endpoint_url`] refuses; two ACSs
/// with one index; `pinned` given and the signature missing or not verifying.
pub fn read_sp_metadata(
    xml: &str,
    now: OffsetDateTime,
    pinned: Option<&[PublicKey]>,
) -> Result<SpMetadata, SamlError> {
    if xml.len() > MAX_METADATA {
        return Err(SamlError::Guard(format!(
            "metadata of {} bytes, over {MAX_METADATA}",
            xml.len()
        )));
    }
    let doc = xml::parse_with(xml, Limits::METADATA)?;
    let root = doc.root_element();
    if xml::is(root, ns::MD, "EntitiesDescriptor") {
        return Err(SamlError::malformed(
            "an EntitiesDescriptor (an aggregate): pass the metadata of one SP, its \
             EntityDescriptor",
        ));
    }
    if !xml::is(root, ns::MD, "EntityDescriptor") {
        return Err(SamlError::malformed(format!(
            "the root is {} of namespace {:?}, not md:EntityDescriptor",
            root.tag_name().name(),
            root.tag_name().namespace().unwrap_or_default()
        )));
    }
    // SAML.md §2.1: with --metadata-certificate, nothing is read before the signature verified.
    if let Some(keys) = pinned {
        dsig::verify_enveloped(root, keys, true)?;
    }

    let entity_id = xml::required_attr(root, "entityID")?;
    check_entity_id(entity_id)?;
    let valid_until = check_valid_until(root, now, "EntityDescriptor")?;

    let mut ignored = Vec::new();
    let mut descriptors = xml::children(root, ns::MD, "SPSSODescriptor");
    let sp = match (descriptors.next(), descriptors.next()) {
        (Some(sp), None) => sp,
        (None, _) => {
            return Err(SamlError::malformed(
                "the EntityDescriptor holds no SPSSODescriptor",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(SamlError::malformed(
                "the EntityDescriptor holds more than one SPSSODescriptor",
            ));
        }
    };
    for other in root.children().filter(|c| c.is_element()) {
        let name = other.tag_name().name();
        if other.tag_name().namespace() == Some(ns::MD)
            && name.ends_with("Descriptor")
            && name != "SPSSODescriptor"
        {
            ignored.push(format!("{name} ignored"));
        }
    }
    check_valid_until(sp, now, "SPSSODescriptor")?;
    let protocols = xml::required_attr(sp, "protocolSupportEnumeration")?;
    if !protocols.split_ascii_whitespace().any(|p| p == ns::SAMLP) {
        return Err(SamlError::malformed(format!(
            "SPSSODescriptor protocolSupportEnumeration {protocols:?} does not list {}",
            ns::SAMLP
        )));
    }
    let authn_requests_signed = boolean(sp, "AuthnRequestsSigned")?.unwrap_or(false);
    let want_assertions_signed = boolean(sp, "WantAssertionsSigned")?.unwrap_or(false);

    let keys = read_keys(sp, &mut ignored)?;
    let acs = read_acs(sp, &mut ignored)?;
    let slo = read_slo(sp, &mut ignored)?;

    let name_id_formats = xml::children(sp, ns::MD, "NameIDFormat")
        .map(|n| xml::text(n).map(|t| xml_trim(&t).to_owned()))
        .collect::<Result<Vec<_>, _>>()?;

    let mut requested_attributes = Vec::new();
    for service in xml::children(sp, ns::MD, "AttributeConsumingService") {
        for attribute in xml::children(service, ns::MD, "RequestedAttribute") {
            push_unique(
                &mut requested_attributes,
                xml::required_attr(attribute, "Name")?,
            );
        }
    }

    let mut signing_methods = Vec::new();
    let mut digest_methods = Vec::new();
    for holder in [root, sp] {
        if let Some(extensions) = xml::opt_child(holder, ns::MD, "Extensions")? {
            for method in xml::children(extensions, ns::ALG, "SigningMethod") {
                push_unique(
                    &mut signing_methods,
                    xml::required_attr(method, "Algorithm")?,
                );
            }
            for method in xml::children(extensions, ns::ALG, "DigestMethod") {
                push_unique(
                    &mut digest_methods,
                    xml::required_attr(method, "Algorithm")?,
                );
            }
        }
    }

    Ok(SpMetadata {
        entity_id: entity_id.to_owned(),
        valid_until,
        authn_requests_signed,
        want_assertions_signed,
        signing_certificates: keys.signing,
        encryption_certificate: keys.encryption,
        encryption_methods: keys.encryption_methods,
        acs,
        slo,
        name_id_formats,
        requested_attributes,
        signing_methods,
        digest_methods,
        ignored,
    })
}

/// The rules of an endpoint Limen sends a browser to (SAML.md §2.2): at most 2048 bytes, no
/// control character or whitespace, an absolute `https://` URL, or `http://` on a loopback host
/// (`127.0.0.1`, `[::1]`, `localhost`); a host, no user information, no fragment.
pub fn check_endpoint_url(url: &str) -> Result<(), SamlError> {
    if url.len() > MAX_URL {
        return Err(SamlError::malformed(format!(
            "URL of {} bytes, over {MAX_URL}",
            url.len()
        )));
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(SamlError::malformed(format!(
            "URL {url:?} holds a control character or whitespace"
        )));
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let https = lower.starts_with("https://");
    if !https && !lower.starts_with("http://") {
        return Err(SamlError::malformed(format!(
            "URL {url:?} is not an absolute https:// URL"
        )));
    }
    let parsed =
        url::Url::parse(url).map_err(|e| SamlError::malformed(format!("URL {url:?}: {e}")))?;
    let host = parsed
        .host()
        .ok_or_else(|| SamlError::malformed(format!("URL {url:?} has no host")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(SamlError::malformed(format!(
            "URL {url:?} holds user information"
        )));
    }
    if url.contains('#') {
        return Err(SamlError::malformed(format!("URL {url:?} has a fragment")));
    }
    if !https {
        let loopback = match host {
            url::Host::Domain(d) => d == "localhost",
            url::Host::Ipv4(a) => a == std::net::Ipv4Addr::LOCALHOST,
            url::Host::Ipv6(a) => a == std::net::Ipv6Addr::LOCALHOST,
        };
        if !loopback {
            return Err(SamlError::malformed(format!(
                "URL {url:?} is http:// on a host other than 127.0.0.1, [::1] or localhost"
            )));
        }
    }
    Ok(())
}

/// Meta §2.3.2: `entityID` an absolute URI of at most 1024 characters; SAML.md §2.2: no control
/// character (nor whitespace, which no URI holds).
fn check_entity_id(entity_id: &str) -> Result<(), SamlError> {
    if entity_id.chars().count() > MAX_ENTITY_ID {
        return Err(SamlError::malformed(format!(
            "entityID of {} characters, over {MAX_ENTITY_ID}",
            entity_id.chars().count()
        )));
    }
    if entity_id
        .chars()
        .any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(SamlError::malformed(format!(
            "entityID {entity_id:?} holds a control character or whitespace"
        )));
    }
    url::Url::parse(entity_id).map_err(|e| {
        SamlError::malformed(format!(
            "entityID {entity_id:?} is not an absolute URI: {e}"
        ))
    })?;
    Ok(())
}

/// `validUntil` (Meta §2.3.2, §2.4.1): refused once passed.
fn check_valid_until(
    node: Node<'_, '_>,
    now: OffsetDateTime,
    what: &str,
) -> Result<Option<OffsetDateTime>, SamlError> {
    let t = parse_time(node, "validUntil", what)?;
    if let Some(t) = t
        && t <= now
    {
        return Err(SamlError::Time(format!("{what} validUntil {t} has passed")));
    }
    Ok(t)
}

struct Keys {
    signing: Vec<Vec<u8>>,
    encryption: Option<Vec<u8>>,
    encryption_methods: Vec<String>,
}

/// `md:KeyDescriptor`s (Meta §2.4.1.1): `use` is `signing`, `encryption` or absent (both). The
/// key is the first `ds:X509Certificate` of its `ds:KeyInfo` (XML-DSig 1.1 §4.5.4): further
/// certificates (a chain) are listed as ignored, never pinned.
fn read_keys(sp: Node<'_, '_>, ignored: &mut Vec<String>) -> Result<Keys, SamlError> {
    let mut keys = Keys {
        signing: Vec::new(),
        encryption: None,
        encryption_methods: Vec::new(),
    };
    for (position, descriptor) in xml::children(sp, ns::MD, "KeyDescriptor").enumerate() {
        let n = position + 1;
        let (signing, encryption) = match descriptor.attribute("use") {
            None => (true, true),
            Some("signing") => (true, false),
            Some("encryption") => (false, true),
            Some(other) => {
                return Err(SamlError::malformed(format!(
                    "KeyDescriptor {n}: use {other:?} is neither signing nor encryption"
                )));
            }
        };
        let key_info = xml::one_child(descriptor, ns::DS, "KeyInfo")?;
        let mut certificates = xml::children(key_info, ns::DS, "X509Data")
            .flat_map(|data| xml::children(data, ns::DS, "X509Certificate"));
        let first = certificates.next().ok_or_else(|| {
            SamlError::malformed(format!(
                "KeyDescriptor {n} holds no ds:X509Certificate (Limen pins certificates)"
            ))
        })?;
        let extra = certificates.count();
        if extra > 0 {
            ignored.push(format!(
                "KeyDescriptor {n}: {extra} certificate(s) after the first ignored"
            ));
        }
        let der = xml::base64_text(first)?;
        let key = PublicKey::from_certificate(&der)
            .map_err(|e| SamlError::Key(format!("KeyDescriptor {n}: {e}")))?;
        let rsa_bits = match &key {
            PublicKey::Rsa(rsa) => Some(rsa_modulus_bits(rsa)?),
            PublicKey::EcP256(_) | PublicKey::EcP384(_) => None,
        };
        if signing {
            if let Some(bits) = rsa_bits
                && !(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits)
            {
                return Err(SamlError::Key(format!(
                    "KeyDescriptor {n}: an RSA signing key of {bits} bits (\
                     {MIN_RSA_BITS} to {MAX_RSA_BITS} accepted)"
                )));
            }
            if !keys.signing.contains(&der) {
                keys.signing.push(der.clone());
            }
        }
        if encryption {
            let methods = xml::children(descriptor, ns::MD, "EncryptionMethod")
                .map(|m| xml::required_attr(m, "Algorithm").map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()?;
            match rsa_bits {
                None => ignored.push(format!(
                    "KeyDescriptor {n}: an elliptic-curve key cannot be an encryption key (RSA \
                     only)"
                )),
                Some(bits) if bits < MIN_RSA_BITS => ignored.push(format!(
                    "KeyDescriptor {n}: an RSA encryption key of {bits} bits (under \
                     {MIN_RSA_BITS}) ignored"
                )),
                Some(_) if keys.encryption.is_some() => ignored.push(format!(
                    "KeyDescriptor {n}: another RSA encryption key ignored (the first is used)"
                )),
                Some(_) => {
                    keys.encryption = Some(der);
                    keys.encryption_methods = methods;
                }
            }
        }
    }
    Ok(keys)
}

/// The size in bits of the modulus of an `RSAPublicKey` (RFC 8017 §A.1.1).
fn rsa_modulus_bits(der: &[u8]) -> Result<usize, SamlError> {
    use x509_parser::prelude::FromDer;
    let (_, key) = x509_parser::public_key::RSAPublicKey::from_der(der)
        .map_err(|e| SamlError::Key(format!("RSA public key: {e}")))?;
    let modulus = key.modulus;
    let skip = modulus.iter().take_while(|b| **b == 0).count();
    let significant = modulus.get(skip..).unwrap_or_default();
    Ok(match significant.first() {
        None => 0,
        Some(first) => significant.len() * 8 - usize::try_from(first.leading_zeros()).unwrap_or(0),
    })
}

/// `md:AssertionConsumerService` (Meta §2.4.4, an `IndexedEndpointType` §2.2.3): HTTP-POST ones
/// kept (Bindings §3.5), others listed as ignored; indexes unique; at least one POST ACS.
fn read_acs(sp: Node<'_, '_>, ignored: &mut Vec<String>) -> Result<Vec<Acs>, SamlError> {
    let mut kept = Vec::new();
    let mut indexes = Vec::new();
    for (position, endpoint) in xml::children(sp, ns::MD, "AssertionConsumerService").enumerate() {
        let index = match endpoint.attribute("index") {
            Some(v) => xml_trim(v).parse::<u16>().map_err(|_| {
                SamlError::malformed(format!(
                    "AssertionConsumerService index {v:?} is not an unsignedShort"
                ))
            })?,
            None => u16::try_from(position)
                .map_err(|_| SamlError::malformed("more than 65536 AssertionConsumerServices"))?,
        };
        if indexes.contains(&index) {
            return Err(SamlError::malformed(format!(
                "two AssertionConsumerServices of index {index}"
            )));
        }
        indexes.push(index);
        let binding_uri = xml::required_attr(endpoint, "Binding")?;
        if binding_uri != binding::POST {
            ignored.push(format!(
                "AssertionConsumerService index {index} ({}) ignored",
                binding_name(binding_uri)
            ));
            continue;
        }
        let location = xml::required_attr(endpoint, "Location")?;
        check_endpoint_url(location).map_err(|e| {
            SamlError::malformed(format!("AssertionConsumerService index {index}: {e}"))
        })?;
        kept.push(Acs {
            index,
            location: location.to_owned(),
            is_default: boolean(endpoint, "isDefault")?.unwrap_or(false),
        });
    }
    if kept.is_empty() {
        return Err(SamlError::malformed(
            "no AssertionConsumerService of binding HTTP-POST",
        ));
    }
    Ok(kept)
}

/// `md:SingleLogoutService` (Meta §2.4.2, an `EndpointType` §2.2.2): Redirect and POST kept,
/// with their `ResponseLocation`; SOAP and others listed as ignored.
fn read_slo(sp: Node<'_, '_>, ignored: &mut Vec<String>) -> Result<Vec<SloEndpoint>, SamlError> {
    let mut kept = Vec::new();
    for endpoint in xml::children(sp, ns::MD, "SingleLogoutService") {
        let binding_uri = xml::required_attr(endpoint, "Binding")?;
        let Some(binding) = Binding::from_uri(binding_uri) else {
            ignored.push(format!(
                "SingleLogoutService ({}) ignored",
                binding_name(binding_uri)
            ));
            continue;
        };
        let location = xml::required_attr(endpoint, "Location")?;
        check_endpoint_url(location)
            .map_err(|e| SamlError::malformed(format!("SingleLogoutService: {e}")))?;
        let response_location = endpoint.attribute("ResponseLocation");
        if let Some(r) = response_location {
            check_endpoint_url(r).map_err(|e| {
                SamlError::malformed(format!("SingleLogoutService ResponseLocation: {e}"))
            })?;
        }
        kept.push(SloEndpoint {
            binding,
            location: location.to_owned(),
            response_location: response_location.map(str::to_owned),
        });
    }
    Ok(kept)
}

/// The short name of a binding URI for the notes (`HTTP-Artifact`, `PAOS`, `SOAP`…).
fn binding_name(uri: &str) -> &str {
    uri.strip_prefix("urn:oasis:names:tc:SAML:2.0:bindings:")
        .unwrap_or(uri)
}

/// An optional xs:boolean attribute (XML Schema 2 §3.2.2); any other value is refused.
fn boolean(node: Node<'_, '_>, name: &str) -> Result<Option<bool>, SamlError> {
    node.attribute(name)
        .map(|v| match xml_trim(v) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(SamlError::malformed(format!(
                "{} {name} {v:?} is not an xs:boolean",
                node.tag_name().name()
            ))),
        })
        .transpose()
}

/// XML whitespace (XML 1.0 §2.3 `S`) removed at both ends.
fn xml_trim(value: &str) -> &str {
    value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}
