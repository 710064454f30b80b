//! A SAML 2.0 service provider for tests of Limen as an identity provider (docs/SAML.md §13.2).
//!
//! [`TestSp`] holds its own signing key (RSA 2048 or ECDSA P-256, made with
//! `limen_saml::idp::IdpKey`), registers itself in a [`TestApp`]'s store as a SAML SP
//! ([`TestSp::register`]), and writes what an SP sends through the browser: `AuthnRequest`s
//! ([`AuthnRequest`], SAML Core §3.4.1), `LogoutRequest`s ([`LogoutRequest`], Core §3.7.1) and
//! `LogoutResponse`s ([`logout_response_xml`], Core §3.7.2), over the HTTP-Redirect binding
//! (DEFLATE, base64, and the query signature over the exact octets sent: Bindings §3.4.4.1) or the
//! HTTP-POST binding (an enveloped signature: Bindings §3.5.4, XML-DSig 1.1 §3.1).
//!
//! On the way back it does what an SP does with Limen's answers: [`idp_keys`] reads
//! `/saml/metadata` and checks that the metadata is signed by a key it publishes (Metadata
//! §2.4.1.1); [`auto_post`] reads the auto-submitting form of a page (Bindings §3.5.4);
//! [`read_response`] verifies a `Response`'s signatures against the published keys before reading
//! anything (Core §5.4, Profiles §4.1.4.3); [`read_redirect`] verifies an IdP message sent by
//! redirect (a `LogoutRequest` or `LogoutResponse` to the SP's SLO endpoint).
//!
//! Signatures: `limen_saml::dsig::verify_enveloped` wants exactly one `ds:Signature` in the whole
//! document. A Response with one signature (Response or Assertion) goes through it; a Response
//! signed twice (`SignPolicy::Both`, Core §5.2: the assertion signed, then the Response around
//! it) is checked signature by signature by [`check_signature`], an independent reading of
//! XML-DSig 1.1 §3.2 (the `SignedInfo` signature, then the reference's digest over the exclusive
//! canonical form without that one signature, Exc-C14N §3), and its assertion a second time by
//! `verify_enveloped` on a copy without the outer signature (the outer signature lies outside the
//! assertion, so the assertion's own digest is unchanged by cutting it out).

use crate::{Page, TestApp, unescape};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_core::{AssuranceLevel, Service, ServiceProtocol};
use limen_saml::dsig::{self, DigestAlgorithm, PublicKey, SignatureAlgorithm, Signer};
use limen_saml::idp::{
    Acs, AuthnContextStyle, Binding, IdpKey, NameIdFormat, SignPolicy, SigningAlg, SloEndpoint,
    SpRecord,
};
use limen_saml::xml::{self, ns};
use limen_store::NewService;
use roxmltree::Node;
use std::io::{Read as _, Write as _};
use time::OffsetDateTime;

/// The key a test SP signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    /// RSA 2048, RSA-SHA256 (RFC 6931 §2.3.2).
    Rsa,
    /// ECDSA P-256, ECDSA-SHA256 (RFC 6931 §2.3.6).
    P256,
}

/// A service provider of the tests, at `https://{name}.sp.test/`: two POST ACS (index 0, the
/// default, at `/acs`; index 1 at `/acs2`) and a Redirect SLO endpoint at `/slo`. Nothing listens
/// there: the tests read the forms and redirects Limen sends the browser to.
pub struct TestSp {
    pub entity_id: String,
    /// The registered ACS locations, by index.
    pub acs: Vec<String>,
    pub slo: String,
    pub certificate_der: Vec<u8>,
    signer: Signer,
}

impl std::fmt::Debug for TestSp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestSp")
            .field("entity_id", &self.entity_id)
            .finish_non_exhaustive()
    }
}

impl TestSp {
    /// An SP with an RSA 2048 key.
    pub fn new(name: &str) -> TestSp {
        Self::with_key(name, KeyType::Rsa)
    }

    pub fn with_key(name: &str, key: KeyType) -> TestSp {
        let cn = format!("{name}.sp.test");
        let key = match key {
            KeyType::Rsa => IdpKey::generate_rsa(&cn, 2048),
            KeyType::P256 => IdpKey::generate_p256(&cn),
        }
        .expect("test SP key");
        let signer = key.signer().expect("signer");
        let base = format!("https://{name}.sp.test");
        TestSp {
            entity_id: format!("{base}/metadata"),
            acs: vec![format!("{base}/acs"), format!("{base}/acs2")],
            slo: format!("{base}/slo"),
            certificate_der: key.certificate_der,
            signer,
        }
    }

    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The registry record as `limen service add --protocol saml` would keep it for this SP's
    /// metadata (docs/SAML.md §2.2): both ACS, the SLO endpoint, the signing certificate,
    /// persistent then transient NameIDs, signed requests required, and — so that
    /// `verify_enveloped` can read the Response — the assertion alone signed.
    pub fn record(&self) -> SpRecord {
        SpRecord {
            entity_id: self.entity_id.clone(),
            acs: self
                .acs
                .iter()
                .enumerate()
                .map(|(i, location)| Acs {
                    index: u16::try_from(i).unwrap_or(u16::MAX),
                    location: location.clone(),
                    is_default: i == 0,
                })
                .collect(),
            slo: vec![SloEndpoint {
                binding: Binding::Redirect,
                location: self.slo.clone(),
                response_location: None,
            }],
            signing_certificates: vec![B64.encode(&self.certificate_der)],
            encryption_certificate: None,
            oaep_mgf1p: false,
            nameid_formats: vec![NameIdFormat::Persistent, NameIdFormat::Transient],
            signing_alg: SigningAlg::RsaSha256,
            sign: SignPolicy::Assertion,
            encrypt: false,
            authn_context: AuthnContextStyle::Strength,
            idp_initiated: false,
            requests_signed: true,
            metadata_source: "tests".to_owned(),
            metadata_sha256: String::new(),
        }
    }

    /// The service half: named after the SP's host, every strength, the default attributes,
    /// single logout on.
    pub fn service(&self) -> NewService {
        NewService {
            name: self
                .entity_id
                .trim_start_matches("https://")
                .trim_end_matches("/metadata")
                .to_owned(),
            protocol: ServiceProtocol::Saml,
            url_patterns: Vec::new(),
            accepted_strengths: Vec::new(),
            min_assurance: AssuranceLevel::Low,
            released_attributes: limen_core::service::DEFAULT_ATTRIBUTES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            logout_url: None,
            single_logout: true,
            proxy_callbacks: Vec::new(),
        }
    }

    /// Registers the SP in `app`'s store (`store.create_saml_sp`); `adjust` may change either
    /// half first.
    pub async fn register(
        &self,
        app: &TestApp,
        adjust: impl FnOnce(&mut NewService, &mut SpRecord),
    ) -> Service {
        let mut service = self.service();
        let mut record = self.record();
        adjust(&mut service, &mut record);
        let json = serde_json::to_string(&record).expect("SP record JSON");
        app.store
            .create_saml_sp(&service, &record.entity_id, &json, app.clock_now())
            .await
            .expect("register the test SP")
            .service
    }

    /// A fresh AuthnRequest of this SP to `app`: a new ID, issued now (the app's clock),
    /// `Destination` set, no ACS named (the default one), nothing else asked.
    pub fn authn_request(&self, app: &TestApp) -> AuthnRequest {
        AuthnRequest {
            id: new_id(),
            issuer: self.entity_id.clone(),
            issue_instant: app.clock_now(),
            destination: Some(app.url("/saml/sso")),
            acs_url: None,
            acs_index: None,
            protocol_binding: None,
            force_authn: false,
            is_passive: false,
            name_id_format: None,
            authn_context: None,
            subject: None,
            extensions: None,
            prolog: None,
        }
    }

    /// A LogoutRequest of this SP for the principal of `assertion` (its NameID, qualifiers and
    /// SessionIndex), to `app`'s `/saml/slo`.
    pub fn logout_request(&self, app: &TestApp, assertion: &Assertion) -> LogoutRequest {
        LogoutRequest {
            id: new_id(),
            issuer: self.entity_id.clone(),
            issue_instant: app.clock_now(),
            destination: Some(app.url("/saml/slo")),
            name_id: assertion.name_id.clone(),
            name_id_format: assertion.name_id_format.clone(),
            name_qualifier: assertion.name_qualifier.clone(),
            sp_name_qualifier: assertion.sp_name_qualifier.clone(),
            session_index: assertion.session_index.clone(),
        }
    }

    /// This SP's LogoutResponse (Core §3.7.2) to `in_response_to`, status `status`, to `app`'s
    /// `/saml/slo`.
    pub fn logout_response(&self, app: &TestApp, in_response_to: &str, status: &str) -> String {
        logout_response_xml(
            &new_id(),
            &self.entity_id,
            &app.url("/saml/slo"),
            in_response_to,
            status,
            app.clock_now(),
        )
    }

    /// The HTTP-Redirect query (no '?') carrying `xml` as `field` (`SAMLRequest` or
    /// `SAMLResponse`), signed with this SP's key.
    pub fn redirect_query(&self, field: &str, xml: &str, relay_state: Option<&str>) -> String {
        redirect_query(field, xml, relay_state, Some(&self.signer), false)
    }

    /// The HTTP-POST form fields carrying `xml` as `field`, enveloped-signed with this SP's key
    /// when `sign` (the signature after `Issuer`, Core §3.2.1 / §5.4.2).
    pub fn post_fields(
        &self,
        field: &str,
        xml: &str,
        relay_state: Option<&str>,
        sign: bool,
    ) -> Vec<(String, String)> {
        let xml = if sign {
            dsig::sign_enveloped(
                xml,
                &self.signer,
                DigestAlgorithm::Sha256,
                Some((ns::SAML, "Issuer")),
            )
            .expect("enveloped signature")
        } else {
            xml.to_owned()
        };
        let mut fields = vec![(field.to_owned(), B64.encode(xml.as_bytes()))];
        if let Some(rs) = relay_state {
            fields.push(("RelayState".to_owned(), rs.to_owned()));
        }
        fields
    }
}

/// `_` and 20 random bytes in hex: an xs:ID (Core §1.3.4).
pub fn new_id() -> String {
    format!("_{}", hex_token())
}

fn hex_token() -> String {
    use ring::rand::SecureRandom as _;
    let mut bytes = [0u8; 20];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `xs:dateTime` in UTC with seconds (Core §1.3.3).
pub fn instant(t: OffsetDateTime) -> String {
    limen_saml::idp::instant(t).expect("instant")
}

fn attr(name: &str, value: Option<&str>) -> String {
    value
        .map(|v| format!(" {name}=\"{}\"", xml::escape(v)))
        .unwrap_or_default()
}

/// A `samlp:AuthnRequest` (SAML Core §3.4.1), written by hand so that tests can make every kind
/// of request, including the ones Limen must refuse.
#[derive(Debug, Clone)]
pub struct AuthnRequest {
    pub id: String,
    pub issuer: String,
    pub issue_instant: OffsetDateTime,
    pub destination: Option<String>,
    pub acs_url: Option<String>,
    pub acs_index: Option<u16>,
    pub protocol_binding: Option<String>,
    pub force_authn: bool,
    pub is_passive: bool,
    /// `NameIDPolicy@Format` (Core §3.4.1.1); `None`: no `NameIDPolicy`.
    pub name_id_format: Option<String>,
    /// `RequestedAuthnContext`: `Comparison` and the `AuthnContextClassRef`s (Core §3.3.2.2.1).
    pub authn_context: Option<(String, Vec<String>)>,
    /// A `saml:Subject` naming this NameID (Core §3.4.1: asks for a given principal).
    pub subject: Option<String>,
    /// Raw XML inside `samlp:Extensions` (Core §3.2.1).
    pub extensions: Option<String>,
    /// Raw text before the root element (e.g. a DOCTYPE).
    pub prolog: Option<String>,
}

impl AuthnRequest {
    /// The request as text, children in the schema's order (Core §3.2.1, §3.4.1).
    pub fn xml(&self) -> String {
        let mut out = self.prolog.clone().unwrap_or_default();
        out.push_str(&format!(
            "<samlp:AuthnRequest xmlns:samlp=\"{}\" xmlns:saml=\"{}\" ID=\"{}\" Version=\"2.0\" \
             IssueInstant=\"{}\"",
            ns::SAMLP,
            ns::SAML,
            xml::escape(&self.id),
            instant(self.issue_instant)
        ));
        out.push_str(&attr("Destination", self.destination.as_deref()));
        out.push_str(&attr(
            "AssertionConsumerServiceURL",
            self.acs_url.as_deref(),
        ));
        out.push_str(&attr(
            "AssertionConsumerServiceIndex",
            self.acs_index.map(|i| i.to_string()).as_deref(),
        ));
        out.push_str(&attr("ProtocolBinding", self.protocol_binding.as_deref()));
        if self.force_authn {
            out.push_str(" ForceAuthn=\"true\"");
        }
        if self.is_passive {
            out.push_str(" IsPassive=\"true\"");
        }
        out.push_str(&format!(
            "><saml:Issuer>{}</saml:Issuer>",
            xml::escape(&self.issuer)
        ));
        if let Some(ext) = &self.extensions {
            out.push_str(&format!("<samlp:Extensions>{ext}</samlp:Extensions>"));
        }
        if let Some(subject) = &self.subject {
            out.push_str(&format!(
                "<saml:Subject><saml:NameID>{}</saml:NameID></saml:Subject>",
                xml::escape(subject)
            ));
        }
        if let Some(format) = &self.name_id_format {
            out.push_str(&format!(
                "<samlp:NameIDPolicy Format=\"{}\" AllowCreate=\"true\"/>",
                xml::escape(format)
            ));
        }
        if let Some((comparison, refs)) = &self.authn_context {
            out.push_str(&format!(
                "<samlp:RequestedAuthnContext Comparison=\"{}\">",
                xml::escape(comparison)
            ));
            for r in refs {
                out.push_str(&format!(
                    "<saml:AuthnContextClassRef>{}</saml:AuthnContextClassRef>",
                    xml::escape(r)
                ));
            }
            out.push_str("</samlp:RequestedAuthnContext>");
        }
        out.push_str("</samlp:AuthnRequest>");
        out
    }
}

/// A `samlp:LogoutRequest` (SAML Core §3.7.1).
#[derive(Debug, Clone)]
pub struct LogoutRequest {
    pub id: String,
    pub issuer: String,
    pub issue_instant: OffsetDateTime,
    pub destination: Option<String>,
    pub name_id: String,
    pub name_id_format: Option<String>,
    pub name_qualifier: Option<String>,
    pub sp_name_qualifier: Option<String>,
    pub session_index: Option<String>,
}

impl LogoutRequest {
    pub fn xml(&self) -> String {
        let mut out = format!(
            "<samlp:LogoutRequest xmlns:samlp=\"{}\" xmlns:saml=\"{}\" ID=\"{}\" Version=\"2.0\" \
             IssueInstant=\"{}\"{}><saml:Issuer>{}</saml:Issuer><saml:NameID{}{}{}>{}</saml:NameID>",
            ns::SAMLP,
            ns::SAML,
            xml::escape(&self.id),
            instant(self.issue_instant),
            attr("Destination", self.destination.as_deref()),
            xml::escape(&self.issuer),
            attr("Format", self.name_id_format.as_deref()),
            attr("NameQualifier", self.name_qualifier.as_deref()),
            attr("SPNameQualifier", self.sp_name_qualifier.as_deref()),
            xml::escape(&self.name_id),
        );
        if let Some(index) = &self.session_index {
            out.push_str(&format!(
                "<samlp:SessionIndex>{}</samlp:SessionIndex>",
                xml::escape(index)
            ));
        }
        out.push_str("</samlp:LogoutRequest>");
        out
    }
}

/// A `samlp:LogoutResponse` (SAML Core §3.7.2, `StatusResponseType` §3.2.2).
pub fn logout_response_xml(
    id: &str,
    issuer: &str,
    destination: &str,
    in_response_to: &str,
    status: &str,
    at: OffsetDateTime,
) -> String {
    format!(
        "<samlp:LogoutResponse xmlns:samlp=\"{}\" xmlns:saml=\"{}\" ID=\"{}\" Version=\"2.0\" \
         IssueInstant=\"{}\" Destination=\"{}\" InResponseTo=\"{}\"><saml:Issuer>{}</saml:Issuer>\
         <samlp:Status><samlp:StatusCode Value=\"{}\"/></samlp:Status></samlp:LogoutResponse>",
        ns::SAMLP,
        ns::SAML,
        xml::escape(id),
        instant(at),
        xml::escape(destination),
        xml::escape(in_response_to),
        xml::escape(issuer),
        xml::escape(status),
    )
}

/// Percent-encodes a query value as HTML forms do (Bindings §3.4.4.1 leaves the encoding to the
/// sender); with `lowercase`, the hex digits of each escape in lower case (`%2f`), as some
/// senders write them.
fn encode_value(value: &str, lowercase: bool) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    if !lowercase {
        return encoded;
    }
    let mut out = String::with_capacity(encoded.len());
    let mut escape_left = 0;
    for c in encoded.chars() {
        if c == '%' {
            escape_left = 2;
            out.push(c);
        } else if escape_left > 0 {
            escape_left -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The raw DEFLATE (RFC 1951) then base64 of `xml`: the `SAMLRequest`/`SAMLResponse` value of
/// the Redirect binding before URL encoding (Bindings §3.4.4.1).
pub fn deflate_base64(xml: &str) -> String {
    let mut deflater =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    deflater.write_all(xml.as_bytes()).expect("deflate");
    B64.encode(deflater.finish().expect("deflate"))
}

/// An HTTP-Redirect query (no '?'): `field=<deflated, base64, URL-encoded xml>`, then
/// `RelayState`, then — with a signer — `SigAlg` and `Signature`, the signature computed over
/// `field=…[&RelayState=…]&SigAlg=…` exactly as the octets are sent (Bindings §3.4.4.1). With
/// `lowercase`, the escapes of the message value are written `%2f`, and signed that way.
pub fn redirect_query(
    field: &str,
    xml: &str,
    relay_state: Option<&str>,
    signer: Option<&Signer>,
    lowercase: bool,
) -> String {
    let mut query = format!("{field}={}", encode_value(&deflate_base64(xml), lowercase));
    if let Some(rs) = relay_state {
        query.push_str("&RelayState=");
        query.push_str(&encode_value(rs, false));
    }
    if let Some(signer) = signer {
        query.push_str("&SigAlg=");
        query.push_str(&encode_value(signer.algorithm().uri(), false));
        let signature = signer.sign(query.as_bytes()).expect("query signature");
        query.push_str("&Signature=");
        query.push_str(&encode_value(&B64.encode(signature), false));
    }
    query
}

/// The IdP's metadata and the keys it publishes.
#[derive(Debug, Clone)]
pub struct IdpMetadata {
    pub xml: String,
    pub content_type: Option<String>,
    pub certificates: Vec<Vec<u8>>,
    pub keys: Vec<PublicKey>,
}

/// GET `/saml/metadata`, its enveloped signature verified with the signing certificates it
/// publishes (`KeyDescriptor use="signing"`, Metadata §2.4.1.1). Panics when it is not signed
/// by one of them.
pub async fn idp_keys(app: &TestApp) -> IdpMetadata {
    let response = reqwest::get(app.url("/saml/metadata"))
        .await
        .expect("GET /saml/metadata");
    assert_eq!(response.status().as_u16(), 200, "metadata status");
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = response.text().await.expect("metadata body");
    let certificates = metadata_certificates(&text).expect("metadata certificates");
    let keys: Vec<PublicKey> = certificates
        .iter()
        .map(|der| PublicKey::from_certificate(der).expect("published certificate"))
        .collect();
    let doc = xml::parse_with(&text, xml::Limits::METADATA).expect("metadata parses");
    dsig::verify_enveloped(doc.root_element(), &keys, true)
        .expect("the metadata is signed by a key it publishes");
    IdpMetadata {
        xml: text,
        content_type,
        certificates,
        keys,
    }
}

/// The signing certificates (DER) of the `IDPSSODescriptor`'s `KeyDescriptor`s with
/// `use="signing"` or no `use` (Metadata §2.4.1.1).
pub fn metadata_certificates(text: &str) -> Result<Vec<Vec<u8>>, String> {
    let doc = xml::parse_with(text, xml::Limits::METADATA).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    let idp = xml::one_child(root, ns::MD, "IDPSSODescriptor").map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for kd in xml::children(idp, ns::MD, "KeyDescriptor") {
        if kd.attribute("use").is_some_and(|u| u != "signing") {
            continue;
        }
        for cert in kd
            .descendants()
            .filter(|n| xml::is(*n, ns::DS, "X509Certificate"))
        {
            out.push(xml::base64_text(cert).map_err(|e| e.to_string())?);
        }
    }
    Ok(out)
}

/// The auto-submitting form of a page (Bindings §3.5.4): its action and the hidden fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoPost {
    pub action: String,
    pub fields: Vec<(String, String)>,
}

impl AutoPost {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `SAMLResponse` (or `SAMLRequest`) field, base64-decoded.
    pub fn message(&self) -> Option<String> {
        let value = self
            .field("SAMLResponse")
            .or_else(|| self.field("SAMLRequest"))?;
        let compact: String = value.split_whitespace().collect();
        String::from_utf8(B64.decode(compact).ok()?).ok()
    }

    pub fn relay_state(&self) -> Option<&str> {
        self.field("RelayState")
    }
}

/// The form posting a SAML message out of `page`, if the page holds one (a 200 page with a
/// `SAMLResponse` or `SAMLRequest` hidden field).
pub fn auto_post(page: &Page) -> Option<AutoPost> {
    let body = &page.body;
    let form_start = body.find("<form method=\"post\" action=\"")?;
    let rest = body.get(form_start..)?;
    let form_end = rest.find("</form>")?;
    let form = rest.get(..form_end)?;
    let action_start = "<form method=\"post\" action=\"".len();
    let action_end = action_start + form.get(action_start..)?.find('"')?;
    let action = unescape(form.get(action_start..action_end)?);
    let mut fields = Vec::new();
    let marker = "<input type=\"hidden\" name=\"";
    let mut at = 0;
    while let Some(i) = form.get(at..).and_then(|s| s.find(marker)) {
        let name_start = at + i + marker.len();
        let name_end = name_start + form.get(name_start..)?.find('"')?;
        let name = unescape(form.get(name_start..name_end)?);
        let value_marker = " value=\"";
        let after_name = form.get(name_end + 1..)?;
        if !after_name.starts_with(value_marker) {
            return None;
        }
        let value_start = name_end + 1 + value_marker.len();
        let value_end = value_start + form.get(value_start..)?.find('"')?;
        fields.push((name, unescape(form.get(value_start..value_end)?)));
        at = value_end;
    }
    fields
        .iter()
        .any(|(n, _)| n == "SAMLResponse" || n == "SAMLRequest")
        .then_some(AutoPost { action, fields })
}

/// A Response as the SP reads it once its signatures verified.
#[derive(Debug, Clone)]
pub struct SamlResponse {
    pub id: String,
    pub issuer: Option<String>,
    pub destination: Option<String>,
    pub in_response_to: Option<String>,
    pub status: String,
    pub second_status: Option<String>,
    /// Whether the Response element carries a signature (verified).
    pub response_signed: bool,
    /// Whether the Assertion carries a signature (verified).
    pub assertion_signed: bool,
    pub assertion: Option<Assertion>,
}

/// The assertion of a Response (Core §2.3.3).
#[derive(Debug, Clone)]
pub struct Assertion {
    pub issuer: String,
    pub name_id: String,
    pub name_id_format: Option<String>,
    pub name_qualifier: Option<String>,
    pub sp_name_qualifier: Option<String>,
    pub recipient: Option<String>,
    pub subject_in_response_to: Option<String>,
    pub subject_not_on_or_after: Option<OffsetDateTime>,
    pub not_before: Option<OffsetDateTime>,
    pub not_on_or_after: Option<OffsetDateTime>,
    pub audiences: Vec<String>,
    pub authn_instant: Option<OffsetDateTime>,
    pub session_index: Option<String>,
    pub session_not_on_or_after: Option<OffsetDateTime>,
    pub authn_context: Option<String>,
    /// `Name` and values, in document order.
    pub attributes: Vec<(String, Vec<String>)>,
}

impl Assertion {
    pub fn attribute(&self, name: &str) -> Option<&[String]> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    pub fn attribute_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.attributes.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        names
    }
}

fn time_attr(node: Node<'_, '_>, name: &str) -> Result<Option<OffsetDateTime>, String> {
    node.attribute(name)
        .map(|t| {
            OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
                .map_err(|e| format!("{name} {t:?}: {e}"))
        })
        .transpose()
}

/// Checks one enveloped signature on its own (XML-DSig 1.1 §3.2): the signature value over the
/// exclusive canonical `SignedInfo` with one of `keys`, then the one `Reference` (to `signed`'s
/// `ID`, transforms enveloped-signature then exclusive C14N) against the canonical `signed`
/// without `signature`. For documents holding more than one signature, where
/// `dsig::verify_enveloped` refuses by design.
pub fn check_signature(
    signed: Node<'_, '_>,
    signature: Node<'_, '_>,
    keys: &[PublicKey],
) -> Result<(), String> {
    let el = |parent, local| ds_child(parent, local);
    if signature.parent() != Some(signed) {
        return Err("the signature is not a child of the signed element".into());
    }
    let id = signed
        .attribute("ID")
        .ok_or("the signed element has no ID")?;
    let info = el(signature, "SignedInfo")?;
    let c14n = el(info, "CanonicalizationMethod")?;
    if c14n.attribute("Algorithm") != Some(dsig::uri::EXC_C14N) {
        return Err("SignedInfo is not exclusive C14N".into());
    }
    let method = el(info, "SignatureMethod")?;
    let algorithm = SignatureAlgorithm::from_uri(method.attribute("Algorithm").unwrap_or_default())
        .map_err(|e| e.to_string())?;
    let reference = el(info, "Reference")?;
    if reference.attribute("URI") != Some(format!("#{id}").as_str()) {
        return Err("the Reference does not name the signed element".into());
    }
    let transforms: Vec<&str> = el(reference, "Transforms")?
        .children()
        .filter(|n| xml::is(*n, ns::DS, "Transform"))
        .filter_map(|n| n.attribute("Algorithm"))
        .collect();
    if transforms != [dsig::uri::ENVELOPED, dsig::uri::EXC_C14N] {
        return Err(format!("transforms {transforms:?}"));
    }
    let digest = DigestAlgorithm::from_uri(
        el(reference, "DigestMethod")?
            .attribute("Algorithm")
            .unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    let expected = xml::base64_text(el(reference, "DigestValue")?).map_err(|e| e.to_string())?;
    let value = xml::base64_text(el(signature, "SignatureValue")?).map_err(|e| e.to_string())?;
    let canonical_info = limen_saml::c14n::canonicalize(info, None, &[]);
    if !keys
        .iter()
        .any(|k| k.verify(algorithm, canonical_info.as_bytes(), &value))
    {
        return Err("the SignedInfo signature does not verify with a published key".into());
    }
    let canonical = limen_saml::c14n::canonicalize(signed, Some(signature.id()), &[]);
    if digest.digest(canonical.as_bytes()) != expected {
        return Err("digest mismatch".into());
    }
    Ok(())
}

fn ds_child<'a, 'i>(parent: Node<'a, 'i>, local: &'static str) -> Result<Node<'a, 'i>, String> {
    xml::one_child(parent, ns::DS, local).map_err(|e| e.to_string())
}

fn saml_child<'a, 'i>(parent: Node<'a, 'i>, local: &'static str) -> Result<Node<'a, 'i>, String> {
    xml::one_child(parent, ns::SAML, local).map_err(|e| e.to_string())
}

/// Verifies a Response as an SP does before reading it (Core §5.4, Profiles §4.1.4.3): every
/// `ds:Signature` in it must be the enveloped signature of the Response or of its Assertion and
/// verify with one of `keys`; at least one must cover the Assertion (directly or through the
/// Response). Then reads it. `Err` says why not.
pub fn read_response(text: &str, keys: &[PublicKey]) -> Result<SamlResponse, String> {
    let doc = xml::parse(text).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if !xml::is(root, ns::SAMLP, "Response") {
        return Err(format!("root {:?}", root.tag_name()));
    }
    let assertion = xml::opt_child(root, ns::SAML, "Assertion").map_err(|e| e.to_string())?;
    if xml::opt_child(root, ns::SAML, "EncryptedAssertion")
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Err("an EncryptedAssertion (not read by this test SP)".into());
    }
    let signatures: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| xml::is(*n, ns::DS, "Signature"))
        .collect();
    let (mut response_signed, mut assertion_signed) = (false, false);
    for s in &signatures {
        match s.parent() {
            Some(p) if p == root => response_signed = true,
            Some(p) if Some(p) == assertion => assertion_signed = true,
            _ => return Err("a Signature of neither the Response nor its Assertion".into()),
        }
    }
    match signatures.as_slice() {
        [] => return Err("unsigned".into()),
        [one] => {
            let parent = one.parent().ok_or("orphan Signature")?;
            dsig::verify_enveloped(parent, keys, true).map_err(|e| e.to_string())?;
        }
        [first, second] if response_signed && assertion_signed => {
            for s in [first, second] {
                let parent = s.parent().ok_or("orphan Signature")?;
                check_signature(parent, *s, keys)?;
            }
            // The library's verifier on the assertion too, without the outer signature.
            let outer = if first.parent() == Some(root) {
                first
            } else {
                second
            };
            let range = outer.range();
            let cut = format!(
                "{}{}",
                text.get(..range.start).unwrap_or_default(),
                text.get(range.end..).unwrap_or_default()
            );
            let cut_doc = xml::parse(&cut).map_err(|e| e.to_string())?;
            let cut_assertion = xml::one_child(cut_doc.root_element(), ns::SAML, "Assertion")
                .map_err(|e| e.to_string())?;
            dsig::verify_enveloped(cut_assertion, keys, true).map_err(|e| e.to_string())?;
        }
        _ => return Err(format!("{} signatures", signatures.len())),
    }
    if assertion.is_some() && !response_signed && !assertion_signed {
        return Err("the assertion is covered by no signature".into());
    }

    let status = xml::one_child(root, ns::SAMLP, "Status").map_err(|e| e.to_string())?;
    let code = xml::one_child(status, ns::SAMLP, "StatusCode").map_err(|e| e.to_string())?;
    let second_status = xml::opt_child(code, ns::SAMLP, "StatusCode")
        .map_err(|e| e.to_string())?
        .and_then(|c| c.attribute("Value").map(str::to_owned));
    let issuer = xml::opt_child(root, ns::SAML, "Issuer")
        .map_err(|e| e.to_string())?
        .map(xml::text)
        .transpose()
        .map_err(|e| e.to_string())?;
    Ok(SamlResponse {
        id: root.attribute("ID").unwrap_or_default().to_owned(),
        issuer,
        destination: root.attribute("Destination").map(str::to_owned),
        in_response_to: root.attribute("InResponseTo").map(str::to_owned),
        status: code.attribute("Value").unwrap_or_default().to_owned(),
        second_status,
        response_signed,
        assertion_signed,
        assertion: assertion.map(read_assertion).transpose()?,
    })
}

fn read_assertion(a: Node<'_, '_>) -> Result<Assertion, String> {
    let t = |n: Node<'_, '_>| xml::text(n).map_err(|e| e.to_string());
    let subject = saml_child(a, "Subject")?;
    let name_id = saml_child(subject, "NameID")?;
    let confirmation = saml_child(subject, "SubjectConfirmation")?;
    if confirmation.attribute("Method") != Some("urn:oasis:names:tc:SAML:2.0:cm:bearer") {
        return Err("not a bearer confirmation".into());
    }
    let data = saml_child(confirmation, "SubjectConfirmationData")?;
    let conditions = saml_child(a, "Conditions")?;
    let mut audiences = Vec::new();
    for r in xml::children(conditions, ns::SAML, "AudienceRestriction") {
        for au in xml::children(r, ns::SAML, "Audience") {
            audiences.push(t(au)?);
        }
    }
    let statement = saml_child(a, "AuthnStatement")?;
    let authn_context = xml::one_child(statement, ns::SAML, "AuthnContext")
        .and_then(|c| xml::one_child(c, ns::SAML, "AuthnContextClassRef"))
        .and_then(xml::text)
        .ok();
    let mut attributes = Vec::new();
    for st in xml::children(a, ns::SAML, "AttributeStatement") {
        for at in xml::children(st, ns::SAML, "Attribute") {
            let values = xml::children(at, ns::SAML, "AttributeValue")
                .map(t)
                .collect::<Result<Vec<_>, _>>()?;
            attributes.push((at.attribute("Name").unwrap_or_default().to_owned(), values));
        }
    }
    Ok(Assertion {
        issuer: t(saml_child(a, "Issuer")?)?,
        name_id: t(name_id)?,
        name_id_format: name_id.attribute("Format").map(str::to_owned),
        name_qualifier: name_id.attribute("NameQualifier").map(str::to_owned),
        sp_name_qualifier: name_id.attribute("SPNameQualifier").map(str::to_owned),
        recipient: data.attribute("Recipient").map(str::to_owned),
        subject_in_response_to: data.attribute("InResponseTo").map(str::to_owned),
        subject_not_on_or_after: time_attr(data, "NotOnOrAfter")?,
        not_before: time_attr(conditions, "NotBefore")?,
        not_on_or_after: time_attr(conditions, "NotOnOrAfter")?,
        audiences,
        authn_instant: time_attr(statement, "AuthnInstant")?,
        session_index: statement.attribute("SessionIndex").map(str::to_owned),
        session_not_on_or_after: time_attr(statement, "SessionNotOnOrAfter")?,
        authn_context,
        attributes,
    })
}

/// The form of `page` and its verified Response; panics, showing the page, when there is none.
pub fn response_in(page: &Page, keys: &[PublicKey]) -> (AutoPost, SamlResponse) {
    let form = auto_post(page).unwrap_or_else(|| {
        panic!(
            "expected a form posting a SAML message, got {} {:?}: {}",
            page.status, page.location, page.body
        )
    });
    let text = form.message().expect("SAMLResponse is base64 UTF-8");
    let response = read_response(&text, keys)
        .unwrap_or_else(|e| panic!("the Response does not verify: {e}\n{text}"));
    (form, response)
}

/// A message Limen sent the browser to an SP's endpoint by the Redirect binding.
#[derive(Debug, Clone)]
pub struct Redirected {
    /// The URL without its query.
    pub endpoint: String,
    /// `SAMLRequest` or `SAMLResponse`.
    pub field: String,
    pub xml: String,
    pub relay_state: Option<String>,
}

impl Redirected {
    /// An attribute of the root element.
    pub fn root_attr(&self, name: &str) -> Option<String> {
        let doc = xml::parse(&self.xml).ok()?;
        doc.root_element().attribute(name).map(str::to_owned)
    }

    /// The root element's local name (`LogoutRequest`, `LogoutResponse`).
    pub fn root_name(&self) -> String {
        xml::parse(&self.xml)
            .map(|d| d.root_element().tag_name().name().to_owned())
            .unwrap_or_default()
    }

    /// The text of the first element `{ns}local`.
    pub fn text_of(&self, namespace: &str, local: &str) -> Option<String> {
        let doc = xml::parse(&self.xml).ok()?;
        doc.descendants()
            .find(|n| xml::is(*n, namespace, local))
            .and_then(|n| xml::text(n).ok())
    }

    /// The first `StatusCode@Value`.
    pub fn status(&self) -> Option<String> {
        let doc = xml::parse(&self.xml).ok()?;
        doc.descendants()
            .find(|n| xml::is(*n, ns::SAMLP, "StatusCode"))
            .and_then(|n| n.attribute("Value").map(str::to_owned))
    }
}

/// A query value percent-decoded with the form rules (`+` is a space).
fn percent_decode(raw: &str) -> Result<Vec<u8>, String> {
    Ok(url::form_urlencoded::parse(format!("x={raw}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default())
}

/// Reads a Redirect-binding URL from Limen (Bindings §3.4.4.1): the query signature, required,
/// verified over the raw octets received with one of `keys`; the message inflated (at most
/// 64 KiB) and parsed.
pub fn read_redirect(location: &str, keys: &[PublicKey]) -> Result<Redirected, String> {
    let (endpoint, query) = location
        .split_once('?')
        .ok_or("the redirect has no query")?;
    let mut message = None;
    let (mut relay, mut sig_alg, mut signature) = (None, None, None);
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match name {
            "SAMLRequest" | "SAMLResponse" => {
                if message.is_some() {
                    return Err("two messages".into());
                }
                message = Some((name, value));
                continue;
            }
            "RelayState" => &mut relay,
            "SigAlg" => &mut sig_alg,
            "Signature" => &mut signature,
            _ => continue,
        };
        if slot.is_some() {
            return Err(format!("{name} twice"));
        }
        *slot = Some(value);
    }
    let (field, raw) = message.ok_or("no SAMLRequest or SAMLResponse")?;
    let (raw_alg, raw_signature) = match (sig_alg, signature) {
        (Some(a), Some(s)) => (a, s),
        _ => return Err("unsigned redirect".into()),
    };
    let mut signed = format!("{field}={raw}");
    if let Some(r) = relay {
        signed.push_str("&RelayState=");
        signed.push_str(r);
    }
    signed.push_str("&SigAlg=");
    signed.push_str(raw_alg);
    let alg_uri = String::from_utf8(percent_decode(raw_alg)?).map_err(|e| e.to_string())?;
    let algorithm = SignatureAlgorithm::from_uri(&alg_uri).map_err(|e| e.to_string())?;
    let signature = B64
        .decode(percent_decode(raw_signature)?)
        .map_err(|e| e.to_string())?;
    if !keys
        .iter()
        .any(|k| k.verify(algorithm, signed.as_bytes(), &signature))
    {
        return Err("the query signature does not verify with a published key".into());
    }
    let deflated = B64
        .decode(percent_decode(raw)?)
        .map_err(|e| e.to_string())?;
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(deflated.as_slice())
        .take(64 * 1024 + 1)
        .read_to_end(&mut inflated)
        .map_err(|e| e.to_string())?;
    let xml = String::from_utf8(inflated).map_err(|e| e.to_string())?;
    xml::parse(&xml).map_err(|e| e.to_string())?;
    let relay_state = relay
        .map(|r| percent_decode(r).and_then(|b| String::from_utf8(b).map_err(|e| e.to_string())))
        .transpose()?;
    Ok(Redirected {
        endpoint: endpoint.to_owned(),
        field: field.to_owned(),
        xml,
        relay_state,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_escapes_change_only_the_case_of_escapes() {
        assert_eq!(encode_value("a/b+c=", false), "a%2Fb%2Bc%3D");
        assert_eq!(encode_value("a/b+c=", true), "a%2fb%2bc%3d");
        assert_eq!(encode_value("AB", true), "AB");
    }

    #[test]
    fn a_redirect_signed_by_a_key_verifies_with_it_and_not_another() {
        let sp = TestSp::with_key("one", KeyType::P256);
        let other = TestSp::with_key("two", KeyType::P256);
        let xml = logout_response_xml(
            "_x",
            &sp.entity_id,
            "https://idp.test/saml/slo",
            "_y",
            limen_saml::idp::status::SUCCESS,
            OffsetDateTime::now_utc(),
        );
        let query = sp.redirect_query("SAMLResponse", &xml, Some("r s/t"));
        let location = format!("https://sp.test/slo?{query}");
        let key = |s: &TestSp| PublicKey::from_certificate(&s.certificate_der).unwrap();
        let read = read_redirect(&location, &[key(&sp)]).unwrap();
        assert_eq!(read.xml, xml);
        assert_eq!(read.relay_state.as_deref(), Some("r s/t"));
        assert_eq!(read.endpoint, "https://sp.test/slo");
        assert!(read_redirect(&location, &[key(&other)]).is_err());
        let unsigned = redirect_query("SAMLResponse", &xml, None, None, false);
        assert!(read_redirect(&format!("https://sp.test/slo?{unsigned}"), &[key(&sp)]).is_err());
    }

    #[test]
    fn both_signatures_are_checked_apart() {
        let sp = TestSp::new("both");
        let keys = [PublicKey::from_certificate(&sp.certificate_der).unwrap()];
        let assertion = format!(
            "<saml:Assertion xmlns:saml=\"{saml}\" ID=\"_a\" IssueInstant=\"2026-01-01T00:00:00Z\" \
             Version=\"2.0\"><saml:Issuer>idp</saml:Issuer><saml:Subject><saml:NameID>n</saml:NameID>\
             <saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">\
             <saml:SubjectConfirmationData Recipient=\"acs\"/></saml:SubjectConfirmation></saml:Subject>\
             <saml:Conditions><saml:AudienceRestriction><saml:Audience>sp</saml:Audience>\
             </saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement SessionIndex=\"_s\">\
             <saml:AuthnContext><saml:AuthnContextClassRef>PASSWORD</saml:AuthnContextClassRef>\
             </saml:AuthnContext></saml:AuthnStatement></saml:Assertion>",
            saml = ns::SAML
        );
        let signed_assertion = dsig::sign_enveloped(
            &assertion,
            sp.signer(),
            DigestAlgorithm::Sha256,
            Some((ns::SAML, "Issuer")),
        )
        .unwrap();
        let response = format!(
            "<samlp:Response xmlns:samlp=\"{samlp}\" ID=\"_r\" IssueInstant=\"2026-01-01T00:00:00Z\" \
             Version=\"2.0\"><saml:Issuer xmlns:saml=\"{saml}\">idp</saml:Issuer><samlp:Status>\
             <samlp:StatusCode Value=\"{ok}\"></samlp:StatusCode></samlp:Status>{signed_assertion}\
             </samlp:Response>",
            samlp = ns::SAMLP,
            saml = ns::SAML,
            ok = limen_saml::idp::status::SUCCESS
        );
        let both = dsig::sign_enveloped(
            &response,
            sp.signer(),
            DigestAlgorithm::Sha256,
            Some((ns::SAML, "Issuer")),
        )
        .unwrap();
        let read = read_response(&both, &keys).unwrap();
        assert!(read.response_signed && read.assertion_signed);
        assert_eq!(read.assertion.unwrap().name_id, "n");
        // Another key, or one changed value, and neither reading holds.
        let other = [PublicKey::from_certificate(&TestSp::new("other").certificate_der).unwrap()];
        assert!(read_response(&both, &other).is_err());
        let altered = both.replace("<saml:NameID>n<", "<saml:NameID>m<");
        assert!(read_response(&altered, &keys).is_err());
        let altered_status = both.replace("Recipient=\"acs\"", "Recipient=\"acz\"");
        assert!(read_response(&altered_status, &keys).is_err());
    }
}
