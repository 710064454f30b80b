//! The identity provider's own metadata (SAML.md §3): one signed `md:EntityDescriptor`
//! (Meta §2.3.2) with the algorithms Limen signs with (AlgSup §2), one `md:IDPSSODescriptor`
//! (Meta §2.4.3) and optionally `md:Organization` and `md:ContactPerson` (Meta §2.3.2.1–2).
//! Written in exclusive-C14N form by construction, like every outbound message (SAML.md §7.2).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use time::{Duration, OffsetDateTime};

use crate::SamlError;
use crate::dsig::{self, DigestAlgorithm, PublicKey};
use crate::idp::response::{Writer, identifier};
use crate::idp::{Binding, NameIdFormat, Signer, instant, new_id};
use crate::xml::ns;

/// What the metadata publishes.
#[derive(Debug, Clone)]
pub struct IdpMetadataSpec<'a> {
    /// `{public_url}/saml/metadata` (SAML.md §3).
    pub entity_id: &'a str,
    /// `{public_url}/saml/sso`, for both bindings.
    pub sso_url: &'a str,
    /// `{public_url}/saml/slo`, for both bindings.
    pub slo_url: &'a str,
    /// Every published signing certificate (DER): next, current and previous keys (SAML.md §11).
    pub signing_certificates: &'a [Vec<u8>],
    /// `[saml] organization`: the organization's name (`OrganizationName` and
    /// `OrganizationDisplayName`, `xml:lang="en"`).
    pub organization: Option<&'a str>,
    /// `[saml] contact_email`: a technical `ContactPerson`.
    pub contact_email: Option<&'a str>,
    pub now: OffsetDateTime,
    /// `validUntil` = now + this (7 days in SAML.md §3).
    pub valid_for: Duration,
    /// `cacheDuration` (3600 in SAML.md §3).
    pub cache_duration_seconds: u32,
}

/// The signed metadata (SAML.md §3), elements in schema order: `md:EntityDescriptor` (`ID`,
/// `cacheDuration`, `entityID`, `validUntil`; Meta §2.3.2) holding the signature, `md:Extensions`
/// with `alg:DigestMethod` SHA-256 and `alg:SigningMethod` RSA-SHA256 and ECDSA-SHA256 (AlgSup
/// §2.3, §2.4), then `md:IDPSSODescriptor WantAuthnRequestsSigned="false"` (Meta §2.4.3; the
/// requirement is per SP, SAML.md §2.2) with one `md:KeyDescriptor use="signing"` per certificate
/// (Meta §2.4.1.1), `md:SingleLogoutService` Redirect and POST (Meta §2.4.2), the NameID formats
/// persistent, transient, emailAddress, `md:SingleSignOnService` Redirect and POST (Meta §2.4.3),
/// and the optional `md:Organization` and `md:ContactPerson` (Meta §2.3.2.1, §2.3.2.2). No
/// encryption key: Limen receives nothing encrypted.
///
/// Refused (`SamlError`): no signing certificate, a certificate whose key Limen could not sign
/// with (`dsig::PublicKey::from_certificate`), an empty or non-XML identifier, a `valid_for`
/// that is not positive.
pub fn idp_metadata(spec: &IdpMetadataSpec<'_>, signer: &Signer) -> Result<String, SamlError> {
    identifier("the IdP entityID", spec.entity_id)?;
    identifier("the SSO URL", spec.sso_url)?;
    identifier("the SLO URL", spec.slo_url)?;
    if spec.signing_certificates.is_empty() {
        return Err(SamlError::Config(
            "the metadata needs at least one signing certificate".into(),
        ));
    }
    for der in spec.signing_certificates {
        PublicKey::from_certificate(der)?;
    }
    if spec.valid_for <= Duration::ZERO {
        return Err(SamlError::Config(format!(
            "metadata validity {} is not positive",
            spec.valid_for
        )));
    }
    let organization_url = match spec.organization {
        Some(_) => Some(origin(spec.entity_id)?),
        None => None,
    };
    let contact = spec
        .contact_email
        .map(|email| {
            identifier("the contact e-mail", email)?;
            Ok::<_, SamlError>(if email.starts_with("mailto:") {
                email.to_owned()
            } else {
                format!("mailto:{email}")
            })
        })
        .transpose()?;

    let id = new_id()?;
    let valid_until = instant(spec.now + spec.valid_for)?;
    let cache_duration = duration(spec.cache_duration_seconds);
    let mut w = Writer::new();
    w.open(
        "md:EntityDescriptor",
        &[("md", ns::MD)],
        &[
            ("ID", Some(&id)),
            ("cacheDuration", Some(&cache_duration)),
            ("entityID", Some(spec.entity_id)),
            ("validUntil", Some(&valid_until)),
        ],
    );

    // AlgSup §2: each alg element declares the prefix it uses (Extensions does not use it).
    w.open("md:Extensions", &[], &[]);
    w.empty(
        "alg:DigestMethod",
        &[("alg", ns::ALG)],
        &[("Algorithm", Some(dsig::uri::SHA256))],
    );
    for method in [dsig::uri::RSA_SHA256, dsig::uri::ECDSA_SHA256] {
        w.empty(
            "alg:SigningMethod",
            &[("alg", ns::ALG)],
            &[("Algorithm", Some(method))],
        );
    }
    w.close("md:Extensions");

    w.open(
        "md:IDPSSODescriptor",
        &[],
        &[
            ("WantAuthnRequestsSigned", Some("false")),
            ("protocolSupportEnumeration", Some(ns::SAMLP)),
        ],
    );
    for der in spec.signing_certificates {
        w.open("md:KeyDescriptor", &[], &[("use", Some("signing"))]);
        w.open("ds:KeyInfo", &[("ds", ns::DS)], &[]);
        w.open("ds:X509Data", &[], &[]);
        w.leaf("ds:X509Certificate", &[], &[], &B64.encode(der));
        w.close("ds:X509Data");
        w.close("ds:KeyInfo");
        w.close("md:KeyDescriptor");
    }
    for binding in [Binding::Redirect, Binding::Post] {
        w.empty(
            "md:SingleLogoutService",
            &[],
            &[
                ("Binding", Some(binding.uri())),
                ("Location", Some(spec.slo_url)),
            ],
        );
    }
    for format in [
        NameIdFormat::Persistent,
        NameIdFormat::Transient,
        NameIdFormat::Email,
    ] {
        w.leaf("md:NameIDFormat", &[], &[], format.uri());
    }
    for binding in [Binding::Redirect, Binding::Post] {
        w.empty(
            "md:SingleSignOnService",
            &[],
            &[
                ("Binding", Some(binding.uri())),
                ("Location", Some(spec.sso_url)),
            ],
        );
    }
    w.close("md:IDPSSODescriptor");

    if let (Some(name), Some(url)) = (spec.organization, organization_url.as_deref()) {
        // Meta §2.3.2.1: name, display name and URL, each localized (xml:lang required).
        w.open("md:Organization", &[], &[]);
        w.leaf(
            "md:OrganizationName",
            &[],
            &[("xml:lang", Some("en"))],
            name,
        );
        w.leaf(
            "md:OrganizationDisplayName",
            &[],
            &[("xml:lang", Some("en"))],
            name,
        );
        w.leaf("md:OrganizationURL", &[], &[("xml:lang", Some("en"))], url);
        w.close("md:Organization");
    }
    if let Some(contact) = contact.as_deref() {
        // Meta §2.3.2.2.
        w.open(
            "md:ContactPerson",
            &[],
            &[("contactType", Some("technical"))],
        );
        w.leaf("md:EmailAddress", &[], &[], contact);
        w.close("md:ContactPerson");
    }
    w.close("md:EntityDescriptor");

    // Meta §3.1.1 (enveloped, the EntityDescriptor's ID); the signature is its first child.
    dsig::sign_enveloped(&w.finish(), signer, DigestAlgorithm::Sha256, None)
}

/// `scheme://host[:port]/` of the entityID: the `OrganizationURL` (the entityID is
/// `{public_url}/saml/metadata`, an https URL).
fn origin(entity_id: &str) -> Result<String, SamlError> {
    let url = url::Url::parse(entity_id)
        .map_err(|e| SamlError::Config(format!("the IdP entityID is not a URL: {e}")))?;
    match url.origin() {
        origin @ url::Origin::Tuple(..) => Ok(format!("{}/", origin.ascii_serialization())),
        url::Origin::Opaque(_) => Err(SamlError::Config(format!(
            "the IdP entityID {entity_id:?} has no origin for OrganizationURL"
        ))),
    }
}

/// An `xs:duration` of whole seconds (`PT1H`, `PT1H30M`, `PT45S`, `PT0S`).
fn duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_xs_durations() {
        assert_eq!(duration(3600), "PT1H");
        assert_eq!(duration(5400), "PT1H30M");
        assert_eq!(duration(45), "PT45S");
        assert_eq!(duration(3661), "PT1H1M1S");
        assert_eq!(duration(0), "PT0S");
    }

    #[test]
    fn the_organization_url_is_the_entity_ids_origin() {
        assert_eq!(
            origin("https://login.example.org:8443/limen/saml/metadata").unwrap(),
            "https://login.example.org:8443/"
        );
        assert!(origin("urn:example:idp").is_err());
    }
}
