//! The demo's SAML variant (docs/SAML.md §13.5): a built-in service provider at `/demo/saml`, so
//! that a newcomer can click through a SAML sign-in as through the CAS and OpenID Connect ones.
//! It does what a service provider does: sends an AuthnRequest (HTTP-Redirect binding), receives
//! the Response at its ACS, verifies the assertion's signature against the keys Limen publishes in
//! its metadata, checks issuer, audience, recipient, `InResponseTo` and times, and shows the
//! NameID and attributes.

use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_core::{AssuranceLevel, ServiceProtocol};
use limen_saml::idp::{
    Acs, AuthnContextStyle, NameIdFormat, SignPolicy, SigningAlg, SpRecord, binding,
};
use limen_saml::xml::{self, ns};
use limen_store::NewService;
use serde::Deserialize;
use std::io::Write as _;

pub const SAML_NAME: &str = "Limen demo (SAML)";
const PENDING: &str = "demo_saml";

fn entity_id(state: &AppState) -> String {
    format!("{}/demo/saml", state.config.public_url)
}

fn acs_url(state: &AppState) -> String {
    format!("{}/demo/saml/acs", state.config.public_url)
}

/// Registers the demo SP: requests unsigned (it has no key), assertions signed, no encryption.
pub async fn register(state: &AppState) -> Result<(), WebError> {
    let new = NewService {
        name: SAML_NAME.to_owned(),
        protocol: ServiceProtocol::Saml,
        url_patterns: Vec::new(),
        accepted_strengths: Vec::new(),
        min_assurance: AssuranceLevel::Low,
        released_attributes: limen_core::service::RELEASABLE_ATTRIBUTES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        logout_url: None,
        single_logout: false,
        proxy_callbacks: Vec::new(),
    };
    let record = SpRecord {
        entity_id: entity_id(state),
        acs: vec![Acs {
            index: 0,
            location: acs_url(state),
            is_default: true,
        }],
        slo: Vec::new(),
        signing_certificates: Vec::new(),
        encryption_certificate: None,
        oaep_mgf1p: false,
        nameid_formats: vec![NameIdFormat::Persistent, NameIdFormat::Transient],
        signing_alg: SigningAlg::RsaSha256,
        // One signature in the document: the assertion's, which the demo verifies.
        sign: SignPolicy::Assertion,
        encrypt: false,
        authn_context: AuthnContextStyle::Strength,
        // It answers only its own requests (InResponseTo), so no unsolicited Responses.
        idp_initiated: false,
        requests_signed: false,
        metadata_source: "built-in".to_owned(),
        metadata_sha256: String::new(),
    };
    let json = serde_json::to_string(&record)
        .map_err(|e| WebError::Internal(format!("demo SP record: {e}")))?;
    state
        .store
        .upsert_builtin_saml_sp(&new, &record.entity_id, &json, state.now())
        .await?;
    Ok(())
}

pub struct DemoSamlResult {
    pub name_id: String,
    pub name_id_format: String,
    pub authn_context: String,
    pub session_index: String,
    pub attributes: Vec<(String, String)>,
    pub verified: String,
}

#[derive(askama::Template)]
#[template(path = "demo_saml.html")]
pub struct DemoSaml {
    pub ctx: PageCtx,
    pub result: Option<DemoSamlResult>,
}

#[derive(Debug, Deserialize)]
pub struct DemoQuery {
    start: Option<String>,
    /// `ForceAuthn`: ask the password again.
    force: Option<String>,
}

/// GET /demo/saml: explains, and with `start` sends an AuthnRequest to `/saml/sso`.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DemoQuery>,
) -> Result<Response, WebError> {
    if q.start.is_none() {
        let page = DemoSaml {
            ctx: PageCtx::new(&ctx, None),
            result: None,
        };
        return pages::render(&ctx, StatusCode::OK, &page);
    }
    let id = format!("_{}", limen_crypto::random_token(24));
    let relay = limen_crypto::random_token(16);
    state
        .store
        .create_challenge(
            &relay,
            PENDING,
            &id,
            state.now() + time::Duration::minutes(30),
        )
        .await?;
    let instant = limen_saml::idp::instant(state.now())
        .map_err(|e| WebError::Internal(format!("demo request: {e}")))?;
    let force = if q.force.is_some() {
        " ForceAuthn=\"true\""
    } else {
        ""
    };
    // SAML Core §3.4.1; the ACS by URL, HTTP-POST (Profiles §4.1.4.1).
    let request = format!(
        "<samlp:AuthnRequest xmlns:samlp=\"{samlp}\" xmlns:saml=\"{saml}\" ID=\"{id}\" Version=\"2.0\" \
         IssueInstant=\"{instant}\" Destination=\"{dest}\" AssertionConsumerServiceURL=\"{acs}\" \
         ProtocolBinding=\"{post}\"{force}><saml:Issuer>{issuer}</saml:Issuer>\
         <samlp:NameIDPolicy Format=\"{persistent}\" AllowCreate=\"true\"/></samlp:AuthnRequest>",
        samlp = ns::SAMLP,
        saml = ns::SAML,
        dest = xml::escape(&crate::saml::sso_url(&state)),
        acs = xml::escape(&acs_url(&state)),
        post = binding::POST,
        issuer = xml::escape(&entity_id(&state)),
        persistent = NameIdFormat::Persistent.uri(),
    );
    // Bindings §3.4.4.1: DEFLATE, base64, URL-encoded; unsigned (the demo SP has no key).
    let mut deflater =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    deflater
        .write_all(request.as_bytes())
        .map_err(|e| WebError::Internal(format!("demo request: {e}")))?;
    let deflated = deflater
        .finish()
        .map_err(|e| WebError::Internal(format!("demo request: {e}")))?;
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("SAMLRequest", &B64.encode(deflated))
        .append_pair("RelayState", &relay)
        .finish();
    Ok(ctx.redirect(&format!("/saml/sso?{query}")))
}

fn problem(ctx: &Ctx, reason: &str) -> Result<Response, WebError> {
    let text = vec![ctx.tr.t1("demo-oidc-failed", "reason", reason)];
    let link = Some(("/demo/saml".to_owned(), ctx.tr.t("demo-oidc-try-again")));
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "demo-saml-title",
        text,
        link,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct AcsForm {
    #[serde(default, rename = "SAMLResponse")]
    saml_response: String,
    #[serde(default, rename = "RelayState")]
    relay_state: String,
}

/// POST /demo/saml/acs: what an SP does with the Response (Profiles §4.1.4.3, §4.1.4.5).
pub async fn acs(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(form): axum::Form<AcsForm>,
) -> Result<Response, WebError> {
    let expected_id = if form.relay_state.len() <= 64 && !form.relay_state.is_empty() {
        state
            .store
            .challenge(&form.relay_state, PENDING, state.now(), true)
            .await?
    } else {
        None
    };
    let bytes = B64
        .decode(form.saml_response.split_whitespace().collect::<String>())
        .unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    let keys = state.saml_keys.current(&state.store, state.now()).await?;
    let published: Vec<limen_saml::dsig::PublicKey> = keys
        .published
        .iter()
        .filter_map(|(_, _, der)| limen_saml::dsig::PublicKey::from_certificate(der).ok())
        .collect();
    match read(&state, &text, expected_id.as_deref(), &published) {
        Ok(result) => {
            let page = DemoSaml {
                ctx: PageCtx::new(&ctx, None),
                result: Some(result),
            };
            pages::render(&ctx, StatusCode::OK, &page)
        }
        Err(reason) => problem(&ctx, &reason),
    }
}

/// Verifies and reads the Response; `Err` says why not.
fn read(
    state: &AppState,
    text: &str,
    expected_id: Option<&str>,
    keys: &[limen_saml::dsig::PublicKey],
) -> Result<DemoSamlResult, String> {
    let doc = xml::parse(text).map_err(|e| e.to_string())?;
    let response = doc.root_element();
    if !xml::is(response, ns::SAMLP, "Response") {
        return Err("not a SAML Response".into());
    }
    let code = xml::one_child(response, ns::SAMLP, "Status")
        .and_then(|s| xml::one_child(s, ns::SAMLP, "StatusCode"))
        .map_err(|e| e.to_string())?;
    let top = code.attribute("Value").unwrap_or_default();
    if top != limen_saml::idp::status::SUCCESS {
        let second = xml::opt_child(code, ns::SAMLP, "StatusCode")
            .ok()
            .flatten()
            .and_then(|c| c.attribute("Value"))
            .unwrap_or_default();
        return Err(format!("status {top} {second}"));
    }
    let assertion = xml::one_child(response, ns::SAML, "Assertion").map_err(|e| e.to_string())?;
    limen_saml::dsig::verify_enveloped(assertion, keys, true).map_err(|e| e.to_string())?;
    // Only the verified assertion is read from here on.
    let issuer = xml::one_child(assertion, ns::SAML, "Issuer")
        .and_then(xml::text)
        .map_err(|e| e.to_string())?;
    if issuer != crate::saml::entity_id(state) {
        return Err(format!("issuer {issuer}"));
    }
    let subject = xml::one_child(assertion, ns::SAML, "Subject").map_err(|e| e.to_string())?;
    let name_id = xml::one_child(subject, ns::SAML, "NameID").map_err(|e| e.to_string())?;
    let confirmation = xml::one_child(subject, ns::SAML, "SubjectConfirmation")
        .and_then(|c| xml::one_child(c, ns::SAML, "SubjectConfirmationData"))
        .map_err(|e| e.to_string())?;
    if confirmation.attribute("Recipient") != Some(acs_url(state).as_str()) {
        return Err("Recipient is not this ACS".into());
    }
    if confirmation.attribute("InResponseTo") != expected_id || expected_id.is_none() {
        return Err("InResponseTo does not answer a request of this demo (or it was used)".into());
    }
    let not_after = confirmation
        .attribute("NotOnOrAfter")
        .and_then(|t| {
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        })
        .ok_or("NotOnOrAfter missing")?;
    if not_after <= state.now() {
        return Err("the assertion has expired".into());
    }
    let audience = xml::one_child(assertion, ns::SAML, "Conditions")
        .and_then(|c| xml::one_child(c, ns::SAML, "AudienceRestriction"))
        .and_then(|a| xml::one_child(a, ns::SAML, "Audience"))
        .and_then(xml::text)
        .map_err(|e| e.to_string())?;
    if audience != entity_id(state) {
        return Err(format!("audience {audience}"));
    }
    let statement =
        xml::one_child(assertion, ns::SAML, "AuthnStatement").map_err(|e| e.to_string())?;
    let authn_context = xml::one_child(statement, ns::SAML, "AuthnContext")
        .and_then(|c| xml::one_child(c, ns::SAML, "AuthnContextClassRef"))
        .and_then(xml::text)
        .map_err(|e| e.to_string())?;
    let mut attributes = Vec::new();
    if let Ok(Some(st)) = xml::opt_child(assertion, ns::SAML, "AttributeStatement") {
        for a in xml::children(st, ns::SAML, "Attribute") {
            let name = a.attribute("Name").unwrap_or_default().to_owned();
            let values: Vec<String> = xml::children(a, ns::SAML, "AttributeValue")
                .filter_map(|v| xml::text(v).ok())
                .collect();
            attributes.push((name, values.join(", ")));
        }
    }
    Ok(DemoSamlResult {
        name_id: xml::text(name_id).map_err(|e| e.to_string())?,
        name_id_format: name_id.attribute("Format").unwrap_or_default().to_owned(),
        authn_context,
        session_index: statement
            .attribute("SessionIndex")
            .unwrap_or_default()
            .to_owned(),
        attributes,
        verified: format!(
            "{} ({} published key(s))",
            assertion
                .descendants()
                .find(|n| xml::is(*n, ns::DS, "SignatureMethod"))
                .and_then(|n| n.attribute("Algorithm"))
                .unwrap_or_default(),
            keys.len()
        ),
    })
}
