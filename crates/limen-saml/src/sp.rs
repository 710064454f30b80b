//! What the web layer calls for an eIDAS upstream: the AuthnRequest (FEDERATION.md §5.2), the SP
//! metadata, and the verification of a response (§5.3 guard steps 1–7, §5.4 checks table; the
//! replay table is the caller's, with [`EidasIdentity::assertion_id`]).
//!
//! Never: read anything of a response before its signature verified, decrypt before that, or read
//! the assertion from anywhere but the decrypted, verified node.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use ring::rand::{SecureRandom, SystemRandom};
use roxmltree::{Node, NodeType};
use std::io::Write as _;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::dsig::{self, DigestAlgorithm, PublicKey};
use crate::eidas::{self, EidasIdentity, Loa, attribute};
use crate::xml::{self, escape, ns};
use crate::xmlenc;
use crate::{SamlError, SpKeys};

/// Clock skew allowed on every time check (FEDERATION.md §5.4).
pub const SKEW: Duration = Duration::minutes(3);
/// Metadata lifetime (FEDERATION.md §5.2).
pub const METADATA_VALIDITY: Duration = Duration::days(7);
/// SAML Bindings §3.4.3 and §3.5.3: RelayState must not exceed 80 bytes.
pub const MAX_RELAY_STATE: usize = 80;
/// Base64 of a [`xml::MAX_BYTES`] message, with room for line breaks.
const MAX_BASE64: usize = xml::MAX_BYTES / 3 * 4 * 2;

const STATUS_SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const NAMEID_PERSISTENT: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const NAMEID_ENTITY: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
const BINDING_POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/// How the AuthnRequest travels (SAML Bindings §3.4, §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Binding {
    /// HTTP-Redirect: a signed query string, no JavaScript (the default, FEDERATION.md §5.2).
    #[default]
    Redirect,
    /// HTTP-POST: an enveloped-signed request in a form with a visible button.
    Post,
}

/// One eIDAS upstream, as configured (FEDERATION.md §1.1 `saml_eidas`).
#[derive(Debug, Clone)]
pub struct SpConfig {
    /// e.g. `https://limen.example/upstream/eidas/metadata`.
    pub sp_entity_id: String,
    /// e.g. `https://limen.example/upstream/eidas/acs`.
    pub acs_url: String,
    pub idp_entity_id: String,
    pub idp_sso_url: String,
    /// Pinned signing certificates of the node (DER). `KeyInfo` in messages is ignored.
    pub idp_certificates: Vec<Vec<u8>>,
    /// Two capital letters: the YY of `PersonIdentifier` XX/YY/….
    pub sp_country: String,
    /// eIDAS SPType: `public` or `private`.
    pub sp_type: String,
    /// Empty: any issuing country; otherwise the XX of `PersonIdentifier` must be listed.
    pub accepted_countries: Vec<String>,
    /// Accept RSA PKCS#1 v1.5 signatures (outside the eIDAS profile; test IdPs only).
    pub allow_rsa_pkcs1: bool,
    pub request_binding: Binding,
}

impl SpConfig {
    fn check(&self) -> Result<(), SamlError> {
        if !eidas::is_country_code(&self.sp_country) {
            return Err(SamlError::Config(format!(
                "sp_country {:?} is not two capital letters",
                self.sp_country
            )));
        }
        if !matches!(self.sp_type.as_str(), "public" | "private") {
            return Err(SamlError::Config(format!(
                "sp_type {:?} is neither public nor private",
                self.sp_type
            )));
        }
        if self.sp_entity_id.is_empty() || self.acs_url.is_empty() || self.idp_entity_id.is_empty()
        {
            return Err(SamlError::Config(
                "an entity ID or the ACS URL is empty".into(),
            ));
        }
        Ok(())
    }

    fn pinned_keys(&self) -> Result<Vec<PublicKey>, SamlError> {
        if self.idp_certificates.is_empty() {
            return Err(SamlError::Config("no pinned idp_certificates".into()));
        }
        self.idp_certificates
            .iter()
            .map(|der| PublicKey::from_certificate(der))
            .collect()
    }
}

/// A signed AuthnRequest, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthnRequest {
    /// `AuthnRequest@ID`: the transaction keeps it; the response's `InResponseTo` must equal it.
    pub id: String,
    /// Redirect binding: where to send the browser (303).
    pub redirect_url: Option<String>,
    /// POST binding: the form's action and its `SAMLRequest` field (base64). The caller adds
    /// `RelayState` to the form.
    pub post_form: Option<(String, String)>,
}

/// The AuthnRequest for `loa` (SAML Core §3.4.1; eIDAS Message Format §2): `ForceAuthn`,
/// `RequestedAuthnContext Comparison="minimum"`, `eidas:SPType` and the four natural-person
/// `eidas:RequestedAttributes`. Redirect binding: DEFLATE, base64 and the signature over the
/// query string (Bindings §3.4.4.1); POST binding: an enveloped signature after `Issuer`.
pub fn authn_request(
    cfg: &SpConfig,
    keys: &SpKeys,
    loa: Loa,
    relay_state: &str,
    now: OffsetDateTime,
) -> Result<AuthnRequest, SamlError> {
    cfg.check()?;
    if relay_state.len() > MAX_RELAY_STATE {
        return Err(SamlError::Config(format!(
            "RelayState of {} bytes, over {MAX_RELAY_STATE}",
            relay_state.len()
        )));
    }
    let id = new_id()?;
    let requested: String = attribute::REQUESTED
        .iter()
        .map(|name| {
            format!(
                "<eidas:RequestedAttribute Name=\"{name}\" NameFormat=\"{}\" isRequired=\"true\"/>",
                attribute::NAME_FORMAT_URI
            )
        })
        .collect();
    let xml = format!(
        "<saml2p:AuthnRequest xmlns:saml2p=\"{samlp}\" xmlns:saml2=\"{saml}\" xmlns:eidas=\"{eidas}\" \
         ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{instant}\" Destination=\"{destination}\" \
         ForceAuthn=\"true\" IsPassive=\"false\" ProtocolBinding=\"{post}\" \
         AssertionConsumerServiceURL=\"{acs}\">\
         <saml2:Issuer Format=\"{entity}\">{issuer}</saml2:Issuer>\
         <saml2p:Extensions><eidas:SPType>{sp_type}</eidas:SPType>\
         <eidas:RequestedAttributes>{requested}</eidas:RequestedAttributes></saml2p:Extensions>\
         <saml2p:NameIDPolicy AllowCreate=\"true\" Format=\"{persistent}\"/>\
         <saml2p:RequestedAuthnContext Comparison=\"minimum\">\
         <saml2:AuthnContextClassRef>{loa}</saml2:AuthnContextClassRef>\
         </saml2p:RequestedAuthnContext></saml2p:AuthnRequest>",
        samlp = ns::SAMLP,
        saml = ns::SAML,
        eidas = ns::EIDAS,
        instant = instant(now)?,
        destination = escape(&cfg.idp_sso_url),
        post = BINDING_POST,
        acs = escape(&cfg.acs_url),
        entity = NAMEID_ENTITY,
        issuer = escape(&cfg.sp_entity_id),
        sp_type = escape(&cfg.sp_type),
        persistent = NAMEID_PERSISTENT,
        loa = loa.uri(),
    );
    let signer = keys.signer()?;
    match cfg.request_binding {
        Binding::Redirect => {
            let mut deflater = DeflateEncoder::new(Vec::new(), Compression::default());
            deflater
                .write_all(xml.as_bytes())
                .map_err(|e| SamlError::Config(format!("DEFLATE: {e}")))?;
            let deflated = deflater
                .finish()
                .map_err(|e| SamlError::Config(format!("DEFLATE: {e}")))?;
            // Bindings §3.4.4.1: the signature covers SAMLRequest, RelayState (when present) and
            // SigAlg, URL-encoded, in this order, joined by '&'.
            let mut query = format!("SAMLRequest={}", url_encode(&B64.encode(deflated)));
            if !relay_state.is_empty() {
                query.push_str("&RelayState=");
                query.push_str(&url_encode(relay_state));
            }
            query.push_str("&SigAlg=");
            query.push_str(&url_encode(signer.algorithm().uri()));
            let signature = B64.encode(signer.sign(query.as_bytes())?);
            query.push_str("&Signature=");
            query.push_str(&url_encode(&signature));
            let destination = url::Url::parse(&cfg.idp_sso_url)
                .map_err(|e| SamlError::Config(format!("idp_sso_url: {e}")))?;
            let separator = if destination.query().is_some() {
                '&'
            } else {
                '?'
            };
            Ok(AuthnRequest {
                id,
                redirect_url: Some(format!("{}{separator}{query}", cfg.idp_sso_url)),
                post_form: None,
            })
        }
        Binding::Post => {
            let signed = dsig::sign_enveloped(
                &xml,
                &signer,
                DigestAlgorithm::Sha256,
                Some((ns::SAML, "Issuer")),
            )?;
            Ok(AuthnRequest {
                id,
                redirect_url: None,
                post_form: Some((cfg.idp_sso_url.clone(), B64.encode(signed))),
            })
        }
    }
}

/// The SP metadata (SAML Metadata §2.4.4; FEDERATION.md §5.2), signed with the signing key and
/// valid for [`METADATA_VALIDITY`]: `AuthnRequestsSigned`, `WantAssertionsSigned`, the ACS
/// (POST), the signing and encryption certificates (the latter with the accepted
/// `EncryptionMethod`s), `eidas:SPType` and the algorithms (SAML metadata algsupport).
pub fn metadata(cfg: &SpConfig, keys: &SpKeys, now: OffsetDateTime) -> Result<String, SamlError> {
    cfg.check()?;
    let xml = format!(
        "<md:EntityDescriptor xmlns:md=\"{md}\" xmlns:ds=\"{ds}\" xmlns:eidas=\"{eidas}\" \
         xmlns:alg=\"{alg}\" ID=\"{id}\" entityID=\"{entity_id}\" validUntil=\"{valid_until}\">\
         <md:Extensions><eidas:SPType>{sp_type}</eidas:SPType>\
         <alg:DigestMethod Algorithm=\"{sha256}\"/>\
         <alg:SigningMethod Algorithm=\"{ecdsa256}\"/><alg:SigningMethod Algorithm=\"{ecdsa384}\"/>\
         <alg:SigningMethod Algorithm=\"{pss256}\"/><alg:SigningMethod Algorithm=\"{pss384}\"/>\
         <alg:SigningMethod Algorithm=\"{pss512}\"/></md:Extensions>\
         <md:SPSSODescriptor AuthnRequestsSigned=\"true\" WantAssertionsSigned=\"true\" \
         protocolSupportEnumeration=\"{samlp}\">\
         <md:KeyDescriptor use=\"signing\">{signing}</md:KeyDescriptor>\
         <md:KeyDescriptor use=\"encryption\">{encryption}\
         <md:EncryptionMethod Algorithm=\"{aes256}\"/><md:EncryptionMethod Algorithm=\"{aes128}\"/>\
         <md:EncryptionMethod Algorithm=\"{oaep11}\"/><md:EncryptionMethod Algorithm=\"{oaep}\"/>\
         </md:KeyDescriptor>\
         <md:NameIDFormat>{persistent}</md:NameIDFormat>\
         <md:AssertionConsumerService Binding=\"{post}\" Location=\"{acs}\" index=\"0\" isDefault=\"true\"/>\
         </md:SPSSODescriptor></md:EntityDescriptor>",
        md = ns::MD,
        ds = ns::DS,
        eidas = ns::EIDAS,
        alg = ns::ALG,
        id = new_id()?,
        entity_id = escape(&cfg.sp_entity_id),
        valid_until = instant(now + METADATA_VALIDITY)?,
        sp_type = escape(&cfg.sp_type),
        sha256 = dsig::uri::SHA256,
        ecdsa256 = dsig::uri::ECDSA_SHA256,
        ecdsa384 = dsig::uri::ECDSA_SHA384,
        pss256 = dsig::uri::RSA_PSS_SHA256,
        pss384 = dsig::uri::RSA_PSS_SHA384,
        pss512 = dsig::uri::RSA_PSS_SHA512,
        samlp = ns::SAMLP,
        signing = dsig::x509_key_info(&keys.signing_cert_der),
        encryption = dsig::x509_key_info(&keys.encryption_cert_der),
        aes256 = xmlenc::uri::AES256_GCM,
        aes128 = xmlenc::uri::AES128_GCM,
        oaep11 = xmlenc::uri::RSA_OAEP,
        oaep = xmlenc::uri::RSA_OAEP_MGF1P,
        persistent = NAMEID_PERSISTENT,
        post = BINDING_POST,
        acs = escape(&cfg.acs_url),
    );
    dsig::sign_enveloped(&xml, &keys.signer()?, DigestAlgorithm::Sha256, None)
}

/// The `InResponseTo` of a response, read without trusting it, to find the pending request.
/// `None` when the bytes are not a well-formed `samlp:Response` within the guard's limits.
pub fn peek_in_response_to(saml_response_b64: &str) -> Option<String> {
    let text = decode(saml_response_b64).ok()?;
    let doc = xml::parse(&text).ok()?;
    let root = doc.root_element();
    if !xml::is(root, ns::SAMLP, "Response") {
        return None;
    }
    root.attribute("InResponseTo").map(str::to_owned)
}

/// Verifies a `SAMLResponse` (HTTP-POST binding, base64) completely: FEDERATION.md §5.3 steps 1–7
/// and every row of §5.4 but the replay table. `expected_request_id` is the pending
/// AuthnRequest's ID, `requested` the level it asked for.
pub fn verify_response(
    cfg: &SpConfig,
    keys: &SpKeys,
    saml_response_b64: &str,
    expected_request_id: &str,
    requested: Loa,
    now: OffsetDateTime,
) -> Result<EidasIdentity, SamlError> {
    cfg.check()?;
    let pinned = cfg.pinned_keys()?;

    // Steps 1–2: one parse under the guard.
    let text = decode(saml_response_b64)?;
    let doc = xml::parse(&text)?;
    let response = doc.root_element();
    // Step 3: the root is a Response (by namespace, never by prefix).
    if !xml::is(response, ns::SAMLP, "Response") {
        return Err(SamlError::malformed("the root is not a samlp:Response"));
    }
    // Steps 3–4: its signature, by a pinned key. Nothing was read before this.
    dsig::verify_enveloped(response, &pinned, cfg.allow_rsa_pkcs1)?;

    if response.attribute("Version") != Some("2.0") {
        return Err(SamlError::malformed("Response Version is not 2.0"));
    }
    // SAML Core §3.2.2: Destination, required on a signed response sent through a browser.
    expect(
        "Response Destination",
        &cfg.acs_url,
        response.attribute("Destination"),
    )?;
    // Profiles §4.1.4.2: the issuer is the node.
    check_issuer(response, &cfg.idp_entity_id, "Response Issuer")?;
    // Profiles §4.1.4.3: a response to our pending request, never unsolicited.
    expect(
        "Response InResponseTo",
        expected_request_id,
        response.attribute("InResponseTo"),
    )?;
    check_instant(response, now, "Response IssueInstant")?;
    check_status(response)?;

    // Step 5: exactly one EncryptedAssertion, a child of the root, and no plain Assertion at all.
    if doc.descendants().any(|n| xml::is(n, ns::SAML, "Assertion")) {
        return Err(SamlError::malformed(
            "a plain Assertion in the response (only an encrypted one is accepted)",
        ));
    }
    let encrypted: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| xml::is(*n, ns::SAML, "EncryptedAssertion"))
        .collect();
    let [encrypted] = encrypted.as_slice() else {
        return Err(SamlError::malformed(
            "the response must hold exactly one EncryptedAssertion",
        ));
    };
    if encrypted.parent() != Some(response) {
        return Err(SamlError::malformed(
            "the EncryptedAssertion is not a child of the Response",
        ));
    }

    // Step 6: decrypt, parse the plaintext as its own document with the namespaces in scope at
    // the EncryptedAssertion (XML Enc 1.1 §4.5: the plaintext is an element in that context),
    // then verify the assertion's own signature.
    let encrypted_data = xml::one_child(*encrypted, ns::XENC, "EncryptedData")?;
    let beside: Vec<Node<'_, '_>> = xml::children(*encrypted, ns::XENC, "EncryptedKey").collect();
    let plaintext = xmlenc::decrypt_element(encrypted_data, &beside, &keys.decryption_key()?)?;
    let plaintext = String::from_utf8(plaintext)
        .map_err(|_| SamlError::malformed("decrypted assertion is not UTF-8"))?;
    let wrapped = wrap_in_scope(*encrypted, &plaintext);
    let assertion_doc = xml::parse(&wrapped)?;
    let assertion = only_element(assertion_doc.root_element())?;
    if !xml::is(assertion, ns::SAML, "Assertion") {
        return Err(SamlError::malformed(
            "the decrypted element is not a saml:Assertion",
        ));
    }
    dsig::verify_enveloped(assertion, &pinned, cfg.allow_rsa_pkcs1)?;

    // Step 7: everything below comes from the verified assertion node.
    read_assertion(cfg, assertion, expected_request_id, requested, now)
}

fn read_assertion(
    cfg: &SpConfig,
    assertion: Node<'_, '_>,
    expected_request_id: &str,
    requested: Loa,
    now: OffsetDateTime,
) -> Result<EidasIdentity, SamlError> {
    if assertion.attribute("Version") != Some("2.0") {
        return Err(SamlError::malformed("Assertion Version is not 2.0"));
    }
    let assertion_id = xml::required_attr(assertion, "ID")?.to_owned();
    check_instant(assertion, now, "Assertion IssueInstant")?;
    let issuer = check_issuer(assertion, &cfg.idp_entity_id, "Assertion Issuer")?;

    // Profiles §4.1.4.2: exactly one bearer SubjectConfirmation, for our ACS and our request.
    let subject = xml::one_child(assertion, ns::SAML, "Subject")?;
    xml::text(xml::one_child(subject, ns::SAML, "NameID")?)?;
    let confirmation = xml::one_child(subject, ns::SAML, "SubjectConfirmation")?;
    expect(
        "SubjectConfirmation Method",
        BEARER,
        confirmation.attribute("Method"),
    )?;
    let data = xml::one_child(confirmation, ns::SAML, "SubjectConfirmationData")?;
    expect(
        "SubjectConfirmationData Recipient",
        &cfg.acs_url,
        data.attribute("Recipient"),
    )?;
    expect(
        "SubjectConfirmationData InResponseTo",
        expected_request_id,
        data.attribute("InResponseTo"),
    )?;
    let data_not_on_or_after = not_on_or_after(data, now, "SubjectConfirmationData")?;
    not_before(data, now, "SubjectConfirmationData")?;

    // Core §2.5.1: the validity window and every AudienceRestriction (they are ANDed).
    let conditions = xml::one_child(assertion, ns::SAML, "Conditions")?;
    not_before(conditions, now, "Conditions")?;
    let conditions_not_on_or_after = not_on_or_after(conditions, now, "Conditions")?;
    let restrictions: Vec<Node<'_, '_>> =
        xml::children(conditions, ns::SAML, "AudienceRestriction").collect();
    if restrictions.is_empty() {
        return Err(SamlError::Mismatch {
            what: "Audience",
            expected: cfg.sp_entity_id.clone(),
            found: "no AudienceRestriction".into(),
        });
    }
    for restriction in restrictions {
        let audiences = xml::children(restriction, ns::SAML, "Audience")
            .map(xml::text)
            .collect::<Result<Vec<_>, _>>()?;
        if !audiences.iter().any(|a| a.trim() == cfg.sp_entity_id) {
            return Err(SamlError::Mismatch {
                what: "Audience",
                expected: cfg.sp_entity_id.clone(),
                found: audiences.join(" "),
            });
        }
    }

    // Profiles §4.1.4.2: one authentication, at the level asked for or higher.
    let mut statements = xml::children(assertion, ns::SAML, "AuthnStatement");
    let statement = match (statements.next(), statements.next()) {
        (Some(s), None) => s,
        _ => {
            return Err(SamlError::malformed(
                "the assertion must hold exactly one AuthnStatement",
            ));
        }
    };
    let loa = eidas::read_loa(statement, requested)?;

    let person = eidas::read_person(assertion, &cfg.sp_country, &cfg.accepted_countries)?;
    Ok(EidasIdentity {
        person_identifier: person.person_identifier,
        country: person.country,
        family_name: person.family_name.0,
        given_name: person.given_name.0,
        family_name_latin: person.family_name.1,
        given_name_latin: person.given_name.1,
        date_of_birth: person.date_of_birth,
        loa,
        assertion_id,
        not_on_or_after: data_not_on_or_after.max(conditions_not_on_or_after) + SKEW,
        issuer,
    })
}

/// Base64 (whitespace tolerated, as some nodes wrap lines) to UTF-8, within the size limit.
fn decode(b64: &str) -> Result<String, SamlError> {
    if b64.len() > MAX_BASE64 {
        return Err(SamlError::Guard(format!(
            "SAMLResponse of {} bytes",
            b64.len()
        )));
    }
    let compact: Vec<u8> = b64.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let bytes = B64
        .decode(compact)
        .map_err(|_| SamlError::malformed("SAMLResponse is not base64"))?;
    String::from_utf8(bytes).map_err(|_| SamlError::malformed("SAMLResponse is not UTF-8"))
}

/// The plaintext inside an element that declares every namespace in scope at `context`.
fn wrap_in_scope(context: Node<'_, '_>, plaintext: &str) -> String {
    let mut out = String::from("<limen-decrypted");
    for namespace in context.namespaces() {
        match namespace.name() {
            Some("xml") => {}
            Some(prefix) => {
                out.push_str(&format!(" xmlns:{prefix}=\"{}\"", escape(namespace.uri())))
            }
            None => out.push_str(&format!(" xmlns=\"{}\"", escape(namespace.uri()))),
        }
    }
    out.push('>');
    out.push_str(plaintext);
    out.push_str("</limen-decrypted>");
    out
}

/// The one element child of the decryption wrapper; anything but whitespace beside it refuses.
fn only_element<'a, 'i>(wrapper: Node<'a, 'i>) -> Result<Node<'a, 'i>, SamlError> {
    let mut found = None;
    for child in wrapper.children() {
        match child.node_type() {
            NodeType::Element if found.is_none() => found = Some(child),
            NodeType::Text if child.text().unwrap_or_default().trim().is_empty() => {}
            _ => {
                return Err(SamlError::malformed(
                    "the decrypted content is not one element",
                ));
            }
        }
    }
    found.ok_or_else(|| SamlError::malformed("the decrypted content is empty"))
}

fn expect(what: &'static str, expected: &str, found: Option<&str>) -> Result<(), SamlError> {
    if found == Some(expected) {
        Ok(())
    } else {
        Err(SamlError::Mismatch {
            what,
            expected: expected.to_owned(),
            found: found.unwrap_or("(absent)").to_owned(),
        })
    }
}

/// The one `saml:Issuer` child equals `expected` (an entity name, SAML Core §8.3.6).
fn check_issuer(
    node: Node<'_, '_>,
    expected: &str,
    what: &'static str,
) -> Result<String, SamlError> {
    let issuer = xml::one_child(node, ns::SAML, "Issuer")?;
    if let Some(format) = issuer.attribute("Format") {
        expect("Issuer Format", NAMEID_ENTITY, Some(format))?;
    }
    let value = xml::text(issuer)?;
    expect(what, expected, Some(value.trim()))?;
    Ok(value.trim().to_owned())
}

/// SAML Core §3.2.2.2: `Success`, else the codes for the audit log and the failure page.
fn check_status(response: Node<'_, '_>) -> Result<(), SamlError> {
    let status = xml::one_child(response, ns::SAMLP, "Status")?;
    let code = xml::one_child(status, ns::SAMLP, "StatusCode")?;
    let value = xml::required_attr(code, "Value")?;
    if value == STATUS_SUCCESS {
        return Ok(());
    }
    let second = xml::opt_child(code, ns::SAMLP, "StatusCode")?
        .and_then(|c| c.attribute("Value"))
        .map(str::to_owned);
    let message = xml::opt_child(status, ns::SAMLP, "StatusMessage")?
        .map(xml::text)
        .transpose()?;
    Err(SamlError::Status {
        code: value.to_owned(),
        second,
        message,
    })
}

pub(crate) fn parse_time(
    node: Node<'_, '_>,
    name: &str,
    what: &str,
) -> Result<Option<OffsetDateTime>, SamlError> {
    node.attribute(name)
        .map(|v| {
            OffsetDateTime::parse(v, &Rfc3339)
                .map_err(|_| SamlError::malformed(format!("{what} {name} {v:?} is not a dateTime")))
        })
        .transpose()
}

/// `IssueInstant` within ±[`SKEW`] of now.
fn check_instant(node: Node<'_, '_>, now: OffsetDateTime, what: &str) -> Result<(), SamlError> {
    let instant = parse_time(node, "IssueInstant", what)?
        .ok_or_else(|| SamlError::malformed(format!("{what} is missing")))?;
    if instant > now + SKEW || instant < now - SKEW {
        return Err(SamlError::Time(format!(
            "{what} {instant} is not within 3 minutes of {now}"
        )));
    }
    Ok(())
}

/// `NotBefore`, when present, ≤ now + [`SKEW`] (Core §2.5.1.2).
fn not_before(node: Node<'_, '_>, now: OffsetDateTime, what: &str) -> Result<(), SamlError> {
    if let Some(t) = parse_time(node, "NotBefore", what)?
        && t > now + SKEW
    {
        return Err(SamlError::Time(format!(
            "{what} NotBefore {t} is in the future"
        )));
    }
    Ok(())
}

/// `NotOnOrAfter`, required, > now − [`SKEW`] (Core §2.5.1.2, Profiles §4.1.4.2).
fn not_on_or_after(
    node: Node<'_, '_>,
    now: OffsetDateTime,
    what: &str,
) -> Result<OffsetDateTime, SamlError> {
    let t = parse_time(node, "NotOnOrAfter", what)?
        .ok_or_else(|| SamlError::malformed(format!("{what} has no NotOnOrAfter")))?;
    if t <= now - SKEW {
        return Err(SamlError::Time(format!(
            "{what} NotOnOrAfter {t} has passed"
        )));
    }
    Ok(t)
}

/// A fresh message ID: `_` and 32 random bytes in hex (an xs:ID must not start with a digit).
pub(crate) fn new_id() -> Result<String, SamlError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| SamlError::Key("random generator failed".into()))?;
    Ok(format!("_{}", hex::encode(bytes)))
}

/// An xs:dateTime in UTC, whole seconds (SAML Core §1.3.3).
pub(crate) fn instant(t: OffsetDateTime) -> Result<String, SamlError> {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .map_err(|e| SamlError::Config(format!("time: {e}")))?
        .format(&Rfc3339)
        .map_err(|e| SamlError::Config(format!("time: {e}")))
}

pub(crate) fn url_encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
