//! The identity provider's answer to an `AuthnRequest` (SAML.md §6–8): a `samlp:Response` with one
//! `saml:Assertion` (or `saml:EncryptedAssertion`) for the Web Browser SSO profile (Prof §4.1.4.2),
//! or an error `Response` with a status and no assertion (Core §3.2.2.2).
//!
//! Every element is written in exclusive-C14N form by construction (SAML.md §7.2), through the
//! small [`Writer`] below that the logout messages and the metadata share: no XML declaration, no
//! whitespace between elements, start and end tags, each namespace declared on the topmost
//! elements that visibly use it, declarations then attributes in canonical order, every value
//! through the one escaper of [`crate::c14n`]. So the text an SP canonicalizes is byte for byte
//! the text Limen wrote. Signing is [`dsig::sign_enveloped`] after `saml:Issuer`, always SHA-256,
//! the algorithm the [`Signer`]'s (RSA-SHA256 or ECDSA-SHA256): the assertion first, then the
//! Response around it (SAML.md §7.1).

use time::{Duration, OffsetDateTime};

use crate::SamlError;
use crate::c14n::{escape_attr, escape_text, is_xml_char};
use crate::dsig::{self, DigestAlgorithm};
use crate::idp::{NameId, Signer, instant, new_id, status};
use crate::xml::ns;
use crate::xmlenc;

pub use crate::xmlenc::KeyTransport;

/// Which elements of a success Response carry an enveloped signature (SAML.md §7.1, `--sign`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignWhat {
    /// The assertion, then the Response around it (the default).
    Both,
    /// Only the assertion.
    Assertion,
    /// Only the Response.
    Response,
}

/// Encrypt the assertion for this SP (SAML.md §8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptFor {
    /// The SP's encryption certificate (DER) from its metadata: an RSA key.
    pub certificate_der: Vec<u8>,
    pub key_transport: KeyTransport,
}

/// One released attribute (Core §2.7.3.1), `NameFormat` basic, one `AttributeValue` per value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub values: Vec<String>,
}

/// What the assertion says (SAML.md §6.1).
#[derive(Debug, Clone)]
pub struct AssertionSpec<'a> {
    pub idp_entity_id: &'a str,
    pub sp_entity_id: &'a str,
    /// The registered ACS the Response is posted to: `Destination` and `Recipient`.
    pub acs_url: &'a str,
    /// The `AuthnRequest`'s `ID`; `None` for an IdP-initiated (unsolicited) Response.
    pub in_response_to: Option<&'a str>,
    pub name_id: &'a NameId,
    pub session_index: &'a str,
    /// When the proof that satisfied the requirement was made (not now).
    pub authn_instant: OffsetDateTime,
    /// The SSO session's absolute expiry.
    pub session_not_on_or_after: Option<OffsetDateTime>,
    pub authn_context_class_ref: &'a str,
    pub attributes: &'a [Attribute],
    pub now: OffsetDateTime,
    /// How long the assertion may be used: `NotOnOrAfter` of the bearer confirmation and of the
    /// conditions (5 minutes in practice).
    pub lifetime: Duration,
}

/// What an error Response says (SAML.md §6.5).
#[derive(Debug, Clone)]
pub struct StatusSpec<'a> {
    pub idp_entity_id: &'a str,
    /// The registered ACS.
    pub destination: &'a str,
    pub in_response_to: Option<&'a str>,
    /// Top-level status code (`Requester`, `Responder` or `VersionMismatch`, Core §3.2.2.2).
    pub top: &'a str,
    /// Second-level status code, e.g. `NoAuthnContext`.
    pub second: Option<&'a str>,
    pub now: OffsetDateTime,
}

/// `NotBefore` of the conditions is this much before now: an SP whose clock is a little behind
/// still accepts the assertion at once (SAML.md §6.1).
const NOT_BEFORE_SLACK: Duration = Duration::minutes(1);

const NAME_FORMAT_BASIC: &str = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
const CM_BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// A `samlp:Response` with one assertion for `spec` (Core §3.2.2, §2.3.3; Prof §4.1.4.2), signed
/// as `sign` says; with `encrypt`, the assertion is signed, then encrypted into a
/// `saml:EncryptedAssertion` (Core §2.3.4, §6.2), and both signatures are made whatever `sign`
/// says (the Response signature must cover the ciphertext, SAML.md §8). Returns the XML; the
/// caller base64s it for the POST form ([`crate::idp::logout::post_value`]).
///
/// Refused (`SamlError::Config`): an empty or non-XML identifier (entity IDs, ACS, NameID,
/// SessionIndex, AuthnContextClassRef, attribute names, `InResponseTo`), a lifetime that is not
/// positive. Attribute values are values: a character XML cannot carry becomes U+FFFD.
pub fn success_response(
    spec: &AssertionSpec<'_>,
    signer: &Signer,
    sign: SignWhat,
    encrypt: Option<&EncryptFor>,
) -> Result<String, SamlError> {
    check_assertion_spec(spec)?;
    let sign = if encrypt.is_some() {
        SignWhat::Both
    } else {
        sign
    };
    let assertion_id = new_id()?;
    let mut assertion = assertion(spec, &assertion_id)?;
    if matches!(sign, SignWhat::Both | SignWhat::Assertion) {
        assertion = dsig::sign_enveloped(
            &assertion,
            signer,
            DigestAlgorithm::Sha256,
            Some((ns::SAML, "Issuer")),
        )?;
    }
    if let Some(target) = encrypt {
        let encrypted =
            xmlenc::encrypt_element(&assertion, &target.certificate_der, target.key_transport)?;
        let mut w = Writer::new();
        w.open("saml:EncryptedAssertion", &[("saml", ns::SAML)], &[]);
        w.raw(&encrypted);
        w.close("saml:EncryptedAssertion");
        assertion = w.finish();
    }

    let response_id = new_id()?;
    let now = instant(spec.now)?;
    let mut w = Writer::new();
    w.open(
        "samlp:Response",
        &[("samlp", ns::SAMLP)],
        &[
            ("Destination", Some(spec.acs_url)),
            ("ID", Some(&response_id)),
            ("InResponseTo", spec.in_response_to),
            ("IssueInstant", Some(&now)),
            ("Version", Some("2.0")),
        ],
    );
    issuer(&mut w, spec.idp_entity_id, true);
    status_element(&mut w, status::SUCCESS, None);
    w.raw(&assertion);
    w.close("samlp:Response");
    let response = w.finish();
    if matches!(sign, SignWhat::Both | SignWhat::Response) {
        sign_after_issuer(&response, signer)
    } else {
        Ok(response)
    }
}

/// An error `samlp:Response` (SAML.md §6.5; Core §3.2.2): `Issuer`, the signature, `Status` with
/// the top-level code and the nested second-level one, no assertion and no `StatusMessage` (the
/// reason goes to the audit log). Always signed.
pub fn error_response(spec: &StatusSpec<'_>, signer: &Signer) -> Result<String, SamlError> {
    identifier("the IdP entityID", spec.idp_entity_id)?;
    identifier("the Destination", spec.destination)?;
    optional_identifier("InResponseTo", spec.in_response_to)?;
    top_level_code(spec.top)?;
    if spec.top == status::SUCCESS {
        return Err(SamlError::Config(
            "an error Response cannot have the status Success".into(),
        ));
    }
    optional_identifier("the second-level status code", spec.second)?;
    let xml = status_response(
        "samlp:Response",
        &new_id()?,
        spec.idp_entity_id,
        spec.destination,
        spec.in_response_to,
        spec.top,
        spec.second,
        spec.now,
    )?;
    sign_after_issuer(&xml, signer)
}

fn check_assertion_spec(spec: &AssertionSpec<'_>) -> Result<(), SamlError> {
    identifier("the IdP entityID", spec.idp_entity_id)?;
    identifier("the SP entityID", spec.sp_entity_id)?;
    identifier("the ACS URL", spec.acs_url)?;
    optional_identifier("InResponseTo", spec.in_response_to)?;
    check_name_id(spec.name_id)?;
    identifier("the SessionIndex", spec.session_index)?;
    identifier("the AuthnContextClassRef", spec.authn_context_class_ref)?;
    for attribute in spec.attributes {
        identifier("an attribute name", &attribute.name)?;
    }
    if spec.lifetime <= Duration::ZERO {
        return Err(SamlError::Config(format!(
            "assertion lifetime {} is not positive",
            spec.lifetime
        )));
    }
    Ok(())
}

/// The assertion (SAML.md §6.1; Core §2.3.3), unsigned, `xmlns:saml` on itself so that it is
/// canonical alone (its signature, encryption) and inside the Response.
fn assertion(spec: &AssertionSpec<'_>, id: &str) -> Result<String, SamlError> {
    let now = instant(spec.now)?;
    let until = instant(spec.now + spec.lifetime)?;
    let not_before = instant(spec.now - NOT_BEFORE_SLACK)?;
    let authn_instant = instant(spec.authn_instant)?;
    let session_until = spec.session_not_on_or_after.map(instant).transpose()?;

    let mut w = Writer::new();
    w.open(
        "saml:Assertion",
        &[("saml", ns::SAML)],
        &[
            ("ID", Some(id)),
            ("IssueInstant", Some(&now)),
            ("Version", Some("2.0")),
        ],
    );
    issuer(&mut w, spec.idp_entity_id, false);

    // Subject (Core §2.4.1), bearer confirmation (Prof §4.1.4.2): no NotBefore.
    w.open("saml:Subject", &[], &[]);
    name_id(&mut w, spec.name_id, false);
    w.open(
        "saml:SubjectConfirmation",
        &[],
        &[("Method", Some(CM_BEARER))],
    );
    w.empty(
        "saml:SubjectConfirmationData",
        &[],
        &[
            ("InResponseTo", spec.in_response_to),
            ("NotOnOrAfter", Some(&until)),
            ("Recipient", Some(spec.acs_url)),
        ],
    );
    w.close("saml:SubjectConfirmation");
    w.close("saml:Subject");

    // Conditions (Core §2.5.1), audience the SP (Prof §4.1.4.2).
    w.open(
        "saml:Conditions",
        &[],
        &[
            ("NotBefore", Some(&not_before)),
            ("NotOnOrAfter", Some(&until)),
        ],
    );
    w.open("saml:AudienceRestriction", &[], &[]);
    w.leaf("saml:Audience", &[], &[], spec.sp_entity_id);
    w.close("saml:AudienceRestriction");
    w.close("saml:Conditions");

    // AuthnStatement (Core §2.7.2).
    w.open(
        "saml:AuthnStatement",
        &[],
        &[
            ("AuthnInstant", Some(&authn_instant)),
            ("SessionIndex", Some(spec.session_index)),
            ("SessionNotOnOrAfter", session_until.as_deref()),
        ],
    );
    w.open("saml:AuthnContext", &[], &[]);
    w.leaf(
        "saml:AuthnContextClassRef",
        &[],
        &[],
        spec.authn_context_class_ref,
    );
    w.close("saml:AuthnContext");
    w.close("saml:AuthnStatement");

    // AttributeStatement (Core §2.7.3), omitted when nothing is released. Untyped values (no
    // xsi:type: its QName value would lose its namespace to exclusive C14N, SAML.md §7.2).
    if !spec.attributes.is_empty() {
        w.open("saml:AttributeStatement", &[], &[]);
        for attribute in spec.attributes {
            w.open(
                "saml:Attribute",
                &[],
                &[
                    ("Name", Some(&attribute.name)),
                    ("NameFormat", Some(NAME_FORMAT_BASIC)),
                ],
            );
            for value in &attribute.values {
                w.leaf("saml:AttributeValue", &[], &[], value);
            }
            w.close("saml:Attribute");
        }
        w.close("saml:AttributeStatement");
    }
    w.close("saml:Assertion");
    Ok(w.finish())
}

/// `saml:Issuer` without `Format` (entity is the default, Core §2.2.5); `declare` when its parent
/// is a protocol message, whose element does not use the `saml` prefix itself (SAML.md §7.2).
pub(crate) fn issuer(w: &mut Writer, entity_id: &str, declare: bool) {
    let decls: &[(&str, &str)] = if declare { &[("saml", ns::SAML)] } else { &[] };
    w.leaf("saml:Issuer", decls, &[], entity_id);
}

/// `saml:NameID` (Core §2.2.3) with its format and qualifiers as given.
pub(crate) fn name_id(w: &mut Writer, name_id: &NameId, declare: bool) {
    let decls: &[(&str, &str)] = if declare { &[("saml", ns::SAML)] } else { &[] };
    w.leaf(
        "saml:NameID",
        decls,
        &[
            ("Format", name_id.format.as_deref()),
            ("NameQualifier", name_id.name_qualifier.as_deref()),
            ("SPNameQualifier", name_id.sp_name_qualifier.as_deref()),
        ],
        &name_id.value,
    );
}

pub(crate) fn check_name_id(name_id: &NameId) -> Result<(), SamlError> {
    identifier("the NameID", &name_id.value)?;
    optional_identifier("the NameID Format", name_id.format.as_deref())?;
    optional_identifier("the NameQualifier", name_id.name_qualifier.as_deref())?;
    optional_identifier("the SPNameQualifier", name_id.sp_name_qualifier.as_deref())
}

/// `samlp:Status` (Core §3.2.2.1) with a top-level `StatusCode` and, nested in it, the
/// second-level one; no `StatusMessage` (SAML.md §6.5).
pub(crate) fn status_element(w: &mut Writer, top: &str, second: Option<&str>) {
    w.open("samlp:Status", &[], &[]);
    w.open("samlp:StatusCode", &[], &[("Value", Some(top))]);
    if let Some(second) = second {
        w.empty("samlp:StatusCode", &[], &[("Value", Some(second))]);
    }
    w.close("samlp:StatusCode");
    w.close("samlp:Status");
}

/// A StatusResponseType message without assertion (Core §3.2.2): an error `Response` or a
/// `LogoutResponse` (Core §3.7.2), unsigned.
#[allow(clippy::too_many_arguments)]
pub(crate) fn status_response(
    qname: &str,
    id: &str,
    idp_entity_id: &str,
    destination: &str,
    in_response_to: Option<&str>,
    top: &str,
    second: Option<&str>,
    now: OffsetDateTime,
) -> Result<String, SamlError> {
    let now = instant(now)?;
    let mut w = Writer::new();
    w.open(
        qname,
        &[("samlp", ns::SAMLP)],
        &[
            ("Destination", Some(destination)),
            ("ID", Some(id)),
            ("InResponseTo", in_response_to),
            ("IssueInstant", Some(&now)),
            ("Version", Some("2.0")),
        ],
    );
    issuer(&mut w, idp_entity_id, true);
    status_element(&mut w, top, second);
    w.close(qname);
    Ok(w.finish())
}

/// The top-level status codes Core §3.2.2.2 allows at the top level.
pub(crate) fn top_level_code(top: &str) -> Result<(), SamlError> {
    match top {
        status::SUCCESS | status::REQUESTER | status::RESPONDER | status::VERSION_MISMATCH => {
            Ok(())
        }
        other => Err(SamlError::Config(format!(
            "{other:?} is not a top-level status code (Core §3.2.2.2)"
        ))),
    }
}

/// The enveloped signature of the root, after its `saml:Issuer` (where the schemas put it: Core
/// §2.3.3, §3.2.1), referencing the root's `ID` (Core §5.4.2), SHA-256 digest.
pub(crate) fn sign_after_issuer(xml: &str, signer: &Signer) -> Result<String, SamlError> {
    dsig::sign_enveloped(
        xml,
        signer,
        DigestAlgorithm::Sha256,
        Some((ns::SAML, "Issuer")),
    )
}

/// An identifier (entityID, URL, ID, URI, NameID…): not empty, and only characters XML 1.0 can
/// carry — refused rather than altered: a changed identifier would name something else
/// (SAML.md §10).
pub(crate) fn identifier(what: &str, value: &str) -> Result<(), SamlError> {
    if value.is_empty() {
        return Err(SamlError::Config(format!("{what} is empty")));
    }
    if let Some(c) = value.chars().find(|c| !is_xml_char(*c)) {
        return Err(SamlError::Config(format!(
            "{what} holds {c:?}, which XML cannot carry"
        )));
    }
    Ok(())
}

pub(crate) fn optional_identifier(what: &str, value: Option<&str>) -> Result<(), SamlError> {
    value.map_or(Ok(()), |v| identifier(what, v))
}

/// A writer of canonical XML (exclusive C14N 1.0 form, SAML.md §7.2): each element with a start
/// and an end tag, no whitespace of its own, namespace declarations sorted by prefix then
/// attributes sorted by namespace URI and local name (C14N 1.0 §2.2; Exc-C14N §3), values through
/// [`escape_attr`] and [`escape_text`]. Where namespaces are declared is the caller's part: on
/// each topmost element that visibly uses the prefix, and nowhere else.
pub(crate) struct Writer {
    out: String,
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer {
            out: String::with_capacity(4096),
        }
    }

    /// A start tag. `decls` are (prefix, URI), `""` for the default namespace; an attribute whose
    /// value is `None` is left out. The only prefixed attributes this crate writes are `xml:*`.
    pub(crate) fn open(
        &mut self,
        qname: &str,
        decls: &[(&str, &str)],
        attrs: &[(&str, Option<&str>)],
    ) {
        let mut decls = decls.to_vec();
        decls.sort_by(|a, b| a.0.cmp(b.0));
        // (namespace URI, local name, qualified name, value)
        let mut attrs: Vec<(&str, &str, &str, &str)> = attrs
            .iter()
            .filter_map(|(name, value)| {
                let value = (*value)?;
                Some(match name.split_once(':') {
                    Some(("xml", local)) => (XML_NS, local, *name, value),
                    Some((prefix, local)) => (prefix, local, *name, value),
                    None => ("", *name, *name, value),
                })
            })
            .collect();
        attrs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

        self.out.push('<');
        self.out.push_str(qname);
        for (prefix, uri) in decls {
            if prefix.is_empty() {
                self.out.push_str(" xmlns=\"");
            } else {
                self.out.push_str(" xmlns:");
                self.out.push_str(prefix);
                self.out.push_str("=\"");
            }
            escape_attr(uri, &mut self.out);
            self.out.push('"');
        }
        for (_, _, name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_attr(value, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
    }

    pub(crate) fn close(&mut self, qname: &str) {
        self.out.push_str("</");
        self.out.push_str(qname);
        self.out.push('>');
    }

    /// Element content, escaped.
    pub(crate) fn text(&mut self, text: &str) {
        escape_text(text, &mut self.out);
    }

    /// An element holding only text.
    pub(crate) fn leaf(
        &mut self,
        qname: &str,
        decls: &[(&str, &str)],
        attrs: &[(&str, Option<&str>)],
        text: &str,
    ) {
        self.open(qname, decls, attrs);
        self.text(text);
        self.close(qname);
    }

    /// An element without content, written with a start and an end tag.
    pub(crate) fn empty(
        &mut self,
        qname: &str,
        decls: &[(&str, &str)],
        attrs: &[(&str, Option<&str>)],
    ) {
        self.open(qname, decls, attrs);
        self.close(qname);
    }

    /// A fragment already in canonical form (a signed or encrypted element).
    pub(crate) fn raw(&mut self, canonical: &str) {
        self.out.push_str(canonical);
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}
