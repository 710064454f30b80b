//! Limen as a SAML 2.0 identity provider (docs/SAML.md): one more protocol in front of the one
//! authentication engine. An `AuthnRequest` becomes a [`limen_authn::Requirement`]; the login
//! pages carry the request sealed in their URL (`/cas/login?saml=…`), as they carry OpenID
//! Connect requests; when the engine says the session satisfies it, [`finish`] answers the SP's
//! registered ACS with a signed Response through an auto-submitting form.
//!
//! - [`sso`]: `/saml/sso` (HTTP-Redirect and HTTP-POST), `/saml/init` (IdP-initiated).
//! - [`slo`]: `/saml/slo` and the front-channel logout chain.
//! - [`keys`]: the IdP's signing keys, with pre-published rollover.
//! - [`context`]: `RequestedAuthnContext` → strengths, and the `AuthnContextClassRef` answered.
//!
//! The pure SAML work (parsing under the guard, signature checks, canonical writing) is
//! `limen_saml::idp`; this module adds HTTP, the store and the engine.

pub mod context;
pub mod keys;
pub mod slo;
pub mod sso;

use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use limen_core::{Account, AssuranceLevel, Service, SsoSession, Strength};
use limen_saml::idp::{self, NameIdFormat, SpRecord};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `[saml]` settings (docs/SAML.md).
#[derive(Debug, Clone)]
pub struct SamlSettings {
    /// How long a login may take between the AuthnRequest and the Response (§5.2).
    pub request_ttl: time::Duration,
    /// `NotOnOrAfter` of assertions and subject confirmations (§6.1).
    pub assertion_lifetime: time::Duration,
    /// A rotated key is published this long before it signs (§11).
    pub key_prepublish: time::Duration,
    /// A retired key stays published this long after it stopped signing (§11).
    pub key_overlap: time::Duration,
    /// Rotate keys older than this (`None`: never).
    pub key_rotation: Option<time::Duration>,
    /// Requests to `/saml/sso` one client address may make per minute (§12).
    pub sso_per_minute: i64,
    /// The metadata's `Organization` name and `ContactPerson` address (Metadata §2.3.2.1–2).
    pub organization: Option<String>,
    pub contact_email: Option<String>,
}

impl Default for SamlSettings {
    fn default() -> Self {
        Self {
            request_ttl: time::Duration::minutes(15),
            assertion_lifetime: time::Duration::minutes(5),
            key_prepublish: time::Duration::days(14),
            key_overlap: time::Duration::days(7),
            key_rotation: Some(time::Duration::days(365)),
            sso_per_minute: 120,
            organization: None,
            contact_email: None,
        }
    }
}

/// The IdP's entityID: its metadata URL (§3).
pub fn entity_id(state: &AppState) -> String {
    format!("{}/saml/metadata", state.config.public_url)
}

pub fn sso_url(state: &AppState) -> String {
    format!("{}/saml/sso", state.config.public_url)
}

pub fn slo_url(state: &AppState) -> String {
    format!("{}/saml/slo", state.config.public_url)
}

/// The browser-binding cookie of SAML requests and logout chains (§5.3).
pub(crate) const BROWSER: &str = "limen-saml";

/// The hash of this browser's binding cookie, setting one first if it has none.
pub(crate) fn browser_binding(ctx: &mut Ctx) -> String {
    let value = match ctx
        .cookie(BROWSER)
        .filter(|v| v.len() >= 32 && v.len() <= 64)
    {
        Some(v) => v.to_owned(),
        None => {
            let fresh = limen_crypto::random_token(32);
            ctx.set_cookie(BROWSER, &fresh, Some(30 * 60));
            fresh
        }
    };
    limen_crypto::sha256_hex(value.as_bytes())
}

/// Whether this browser is the one `binding` was made for (constant time).
pub(crate) fn same_browser(ctx: &Ctx, binding: &str) -> bool {
    ctx.cookie(BROWSER).is_some_and(|v| {
        limen_crypto::constant_time_eq(
            limen_crypto::sha256_hex(v.as_bytes()).as_bytes(),
            binding.as_bytes(),
        )
    })
}

/// A registered SP: its service and its record.
#[derive(Debug, Clone)]
pub struct Sp {
    pub service: Service,
    pub record: SpRecord,
}

pub(crate) async fn sp_by_entity(
    state: &AppState,
    entity_id: &str,
) -> Result<Option<Sp>, WebError> {
    let Some(row) = state.store.saml_sp(entity_id).await? else {
        return Ok(None);
    };
    let record: SpRecord = serde_json::from_str(&row.record)
        .map_err(|e| WebError::Internal(format!("SAML SP {entity_id}: record: {e}")))?;
    Ok(Some(Sp {
        service: row.service,
        record,
    }))
}

/// A verified AuthnRequest waiting for the login (§5.1), sealed into the login pages' URL.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingAuthn {
    pub sp: String,
    /// `None`: IdP-initiated (no `InResponseTo`, not single use).
    pub request_id: Option<String>,
    /// The replay row's key, marked answered when the assertion is issued.
    pub replay_key: Option<String>,
    /// The ACS's URL as registered when the request was read; re-checked at the end.
    pub acs: String,
    pub relay_state: Option<String>,
    pub name_id_format: NameIdFormat,
    pub strengths: Vec<Strength>,
    pub assurance: AssuranceLevel,
    pub eidas_high: bool,
    pub force_authn: bool,
    /// The class references the request named and Limen understood, in order (§6.4).
    pub requested: Vec<String>,
    /// SHA-256 of the browser-binding cookie (§5.3).
    pub browser: String,
    /// Unix seconds: the sealed value expires then.
    pub exp: i64,
}

/// Where the login goes for a SAML request (`Target::Saml`).
pub struct SamlTarget {
    pub sp: Sp,
    pub pending: PendingAuthn,
    /// The sealed value, as the login pages carry it.
    pub sealed: String,
    /// `/cas/login?saml=…`: where self-service detours come back to.
    pub continuation: String,
}

impl SamlTarget {
    /// What the request must prove (§4.3, §4.4): the strengths, the assurance, and with
    /// `ForceAuthn` a proof made in this login.
    pub fn requirement(&self) -> limen_authn::Requirement {
        let freshness = if self.pending.force_authn {
            limen_authn::Freshness::Fresh {
                max_age: None,
                prompt_login: true,
            }
        } else {
            limen_authn::Freshness::Session
        };
        limen_authn::Requirement::strengths(self.pending.strengths.clone())
            .with_assurance(self.pending.assurance)
            .with_eidas_high(self.pending.eidas_high)
            .with_freshness(freshness)
            .for_service(self.sp.service.name.clone())
    }
}

fn mac(state: &AppState, payload: &str) -> String {
    // Domain-separated from the CSRF tokens and OIDC requests made with the same key.
    limen_crypto::hmac_sha256_hex(
        &state.csrf_key,
        format!("saml-request\u{0}{payload}").as_bytes(),
    )
}

/// `base64url(JSON).HMAC` (§5.2).
pub(crate) fn seal(state: &AppState, pending: &PendingAuthn) -> Result<String, WebError> {
    use base64::Engine as _;
    let json = serde_json::to_vec(pending)
        .map_err(|e| WebError::Internal(format!("SAML request: {e}")))?;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    let tag = mac(state, &payload);
    Ok(format!("{payload}.{tag}"))
}

const MAX_SEALED: usize = 8 * 1024;

fn open(state: &AppState, sealed: &str) -> Option<PendingAuthn> {
    use base64::Engine as _;
    if sealed.len() > MAX_SEALED {
        return None;
    }
    let (payload, tag) = sealed.rsplit_once('.')?;
    if !limen_crypto::constant_time_eq(mac(state, payload).as_bytes(), tag.as_bytes()) {
        return None;
    }
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let pending: PendingAuthn = serde_json::from_slice(&json).ok()?;
    (pending.exp > state.now().unix_timestamp()).then_some(pending)
}

/// The target of `/cas/login?saml=…`, if the sealed request is intact, unexpired and its SP
/// still registered.
pub(crate) async fn load_target(
    state: &AppState,
    sealed: &str,
) -> Result<Option<SamlTarget>, WebError> {
    let Some(pending) = open(state, sealed) else {
        return Ok(None);
    };
    let Some(sp) = sp_by_entity(state, &pending.sp).await? else {
        return Ok(None);
    };
    Ok(Some(SamlTarget {
        continuation: format!("/cas/login?saml={}", crate::encode(sealed)),
        sealed: sealed.to_owned(),
        sp,
        pending,
    }))
}

/// The sealed request of a login continuation `/cas/login?saml=…` (the URL self-service detours
/// such as registration return to), if `url` is one.
pub(crate) fn continuation_sealed(url: &str) -> Option<String> {
    let query = url.strip_prefix("/cas/login?")?;
    if url.len() > 8192 {
        return None;
    }
    let mut pairs = url::form_urlencoded::parse(query.as_bytes());
    match (pairs.next(), pairs.next()) {
        (Some((k, v)), None) if k == "saml" => Some(v.into_owned()),
        _ => None,
    }
}

/// The page for a SAML request that cannot be answered at the SP (§4.2 "page"): nothing is
/// sent back; the precise reason goes to the log and the audit trail.
pub(crate) async fn refused_page(
    state: &AppState,
    ctx: &Ctx,
    sp: Option<&str>,
    reason: &str,
    status: StatusCode,
    key: &str,
) -> Result<Response, WebError> {
    tracing::warn!(sp = ?sp, %reason, "SAML request refused");
    state
        .authn
        .audit_raw(
            "saml.request_refused",
            None,
            &ctx.client_ip,
            serde_json::json!({ "sp": sp, "reason": reason }),
        )
        .await;
    pages::message(
        ctx,
        status,
        None,
        "saml-error-title",
        vec![ctx.tr.t(key), ctx.tr.t("saml-error-hint")],
        None,
    )
}

#[derive(Template)]
#[template(path = "oidc_form_post.html")]
struct FormPost {
    ctx: PageCtx,
    action: String,
    fields: Vec<(String, String)>,
    service_name: String,
}

/// The auto-submitting form that carries a message to the SP through the browser (Bindings
/// §3.5.4), with a button for browsers without JavaScript. Never cached.
pub(crate) fn post_form(
    ctx: &Ctx,
    action: &str,
    field: &str,
    xml: &str,
    relay_state: Option<&str>,
    service_name: &str,
) -> Result<Response, WebError> {
    let mut fields = vec![(field.to_owned(), idp::logout::post_value(xml))];
    if let Some(rs) = relay_state {
        fields.push(("RelayState".to_owned(), rs.to_owned()));
    }
    let page = FormPost {
        ctx: PageCtx::new(ctx, None),
        action: action.to_owned(),
        fields,
        service_name: service_name.to_owned(),
    };
    let mut r = pages::render(ctx, StatusCode::OK, &page)?;
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// The form field that marks a POST-binding message Limen's own page sent again
/// ([`same_site_post`]).
pub(crate) const RESENT: &str = "LimenResent";

/// Whether a POST-binding message must first be sent again from Limen's own origin: the browser
/// says it comes from another site's page (`Sec-Fetch-Site: cross-site`, Fetch Metadata) — an
/// SP's auto-submitting form (Bindings §3.5.4) — or, with `or_without_cookies`, it came with none
/// of Limen's cookies (a browser that sends no Fetch Metadata); and it was not sent again
/// already. Limen's cookies are all `SameSite=Lax` (RFC 6265bis §5.6.7.1): a cross-site POST
/// carries none, so a LogoutRequest would find no session to end, a LogoutResponse no browser
/// binding for its logout chain, an `IsPassive` AuthnRequest no session to answer from, and the
/// binding cookie set in the answer would replace the one of a sign-in under way.
pub(crate) fn needs_same_site_post(
    ctx: &Ctx,
    headers: &axum::http::HeaderMap,
    body: &[u8],
    or_without_cookies: bool,
) -> bool {
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    let without_cookies = [crate::context::CSRF, crate::context::SSO, BROWSER]
        .iter()
        .all(|name| ctx.cookie(name).is_none());
    // A body that large is refused as it is (`SAMLRequest` ≤ 96 KiB of base64, each byte at
    // most three once form-encoded): never echoed in a page.
    let echoable = body.len() <= 3 * limen_saml::idp::inbound::MAX_POST_BASE64 + 1024;
    (cross_site || (or_without_cookies && without_cookies))
        && echoable
        && !url::form_urlencoded::parse(body).any(|(name, _)| name == RESENT)
}

/// A page of Limen's that posts the SAML fields of `body` again to `action` (a path of Limen's),
/// marked [`RESENT`]: a same-site POST, so the browser's cookies go with it. It gives a POST
/// message what the Redirect binding (a top-level GET) has anyway, and nothing else: the fields
/// are passed on as received, for the endpoint to read and refuse as ever. It sets no cookie (a
/// CSRF cookie minted here would replace the one the browser has but did not send).
pub(crate) fn same_site_post(ctx: &Ctx, action: &str, body: &[u8]) -> Result<Response, WebError> {
    let mut fields: Vec<(String, String)> = url::form_urlencoded::parse(body)
        .filter(|(name, _)| matches!(name.as_ref(), "SAMLRequest" | "SAMLResponse" | "RelayState"))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    fields.push((RESENT.to_owned(), "1".to_owned()));
    let page = FormPost {
        ctx: PageCtx::new(ctx, None),
        action: action.to_owned(),
        fields,
        service_name: "Limen".to_owned(),
    };
    let mut r = (StatusCode::OK, axum::response::Html(page.render()?)).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// The signer for an SP: its algorithm's current key.
pub(crate) async fn signer_for(
    state: &AppState,
    record: &SpRecord,
) -> Result<std::sync::Arc<keys::ActiveKey>, WebError> {
    state
        .saml_keys
        .signer(
            &state.store,
            record.signing_alg,
            &state.config.public_url,
            state.now(),
        )
        .await
}

/// A signed error Response to the SP's ACS (§6.5): the status codes of Core §3.2.2.2.
/// Where an answer to a request goes: the registered ACS, the request's ID and RelayState.
pub(crate) struct Reply<'a> {
    pub acs: &'a str,
    pub in_response_to: Option<&'a str>,
    pub relay_state: Option<&'a str>,
}

pub(crate) async fn status_response(
    state: &AppState,
    ctx: &Ctx,
    sp: &Sp,
    reply: &Reply<'_>,
    second: &str,
    top: &str,
) -> Result<Response, WebError> {
    let Reply {
        acs,
        in_response_to,
        relay_state,
    } = *reply;
    let key = signer_for(state, &sp.record).await?;
    let idp_entity = entity_id(state);
    let xml = idp::response::error_response(
        &idp::response::StatusSpec {
            idp_entity_id: &idp_entity,
            destination: acs,
            in_response_to,
            top,
            second: Some(second),
            now: state.now(),
        },
        &key.signer,
    )
    .map_err(|e| WebError::Internal(format!("SAML error response: {e}")))?;
    tracing::info!(sp = %sp.record.entity_id, status = second, "SAML request answered with an error status");
    state
        .authn
        .audit_raw(
            "saml.status",
            None,
            &ctx.client_ip,
            serde_json::json!({ "sp": sp.record.entity_id, "status": second }),
        )
        .await;
    post_form(
        ctx,
        acs,
        "SAMLResponse",
        &xml,
        relay_state,
        &sp.service.name,
    )
}

/// What the login controller does for a SAML target once the browser has a session: the
/// Response, or `None` when the session does not satisfy the request yet (step-up, ForceAuthn).
pub(crate) async fn finish(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    t: &SamlTarget,
    from_new_login: bool,
) -> Result<Option<Response>, WebError> {
    let proof = match state
        .authn
        .check(&t.requirement(), session, account, from_new_login)
        .await?
    {
        limen_authn::Satisfaction::Satisfied(proof) => proof,
        limen_authn::Satisfaction::InsufficientAssurance => {
            // The account cannot reach what the SP asks: tell the SP (§4.3), no assertion.
            let reply = Reply {
                acs: &t.pending.acs,
                in_response_to: t.pending.request_id.as_deref(),
                relay_state: t.pending.relay_state.as_deref(),
            };
            return status_response(
                state,
                ctx,
                &t.sp,
                &reply,
                idp::status::NO_AUTHN_CONTEXT,
                idp::status::RESPONDER,
            )
            .await
            .map(Some);
        }
        limen_authn::Satisfaction::StepUp | limen_authn::Satisfaction::Reauthenticate => {
            return Ok(None);
        }
    };
    issue(state, ctx, session, account, t, &proof, true)
        .await
        .map(Some)
}

/// Issues the assertion for a satisfied request (§5.2, §6).
pub(crate) async fn issue(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    t: &SamlTarget,
    proof: &limen_core::Proof,
    check_browser: bool,
) -> Result<Response, WebError> {
    let sp = &t.sp;
    let p = &t.pending;
    // §5.3: the request finishes in the browser that brought it (`false` only within the very
    // request that set the binding cookie).
    if check_browser && !same_browser(ctx, &p.browser) {
        return refused_page(
            state,
            ctx,
            Some(&sp.record.entity_id),
            "the sign-in request was started in another browser",
            StatusCode::FORBIDDEN,
            "saml-error-other-browser",
        )
        .await;
    }
    // The ACS must still be registered (the SP may have been refreshed since).
    if !sp.record.acs.iter().any(|a| a.location == p.acs) {
        return refused_page(
            state,
            ctx,
            Some(&sp.record.entity_id),
            "the ACS is no longer registered",
            StatusCode::BAD_REQUEST,
            "saml-error-refused",
        )
        .await;
    }
    if let Some(key) = &p.replay_key
        && !state.store.answer_saml_request(key).await?
    {
        return refused_page(
            state,
            ctx,
            Some(&sp.record.entity_id),
            "the sign-in request was already answered",
            StatusCode::BAD_REQUEST,
            "saml-error-used",
        )
        .await;
    }
    let xml = assertion_for(state, session, account, sp, p, proof).await?;
    crate::metrics::inc(&state.metrics.tickets_issued);
    state
        .authn
        .audit_raw(
            "saml.assertion",
            Some(account.id),
            &ctx.client_ip,
            serde_json::json!({
                "sp": sp.record.entity_id,
                "strength": proof.strength.as_str(),
                "name_id_format": p.name_id_format.name(),
            }),
        )
        .await;
    post_form(
        ctx,
        &p.acs,
        "SAMLResponse",
        &xml,
        p.relay_state.as_deref(),
        &sp.service.name,
    )
}

/// The NameID for this account at this SP (§6.2).
fn name_id(state: &AppState, account: &Account, sp: &Sp, format: NameIdFormat) -> idp::NameId {
    use base64::Engine as _;
    let idp_entity = entity_id(state);
    let value = match format {
        // Pairwise, as OIDC's pairwise subjects (OIDC Core §8.1) with the entityID as sector,
        // under a label of its own: an OIDC client whose `--sector` is written as an SP's
        // entityID never receives that SP's identifiers (an OIDC sector, a host name or a
        // command-line argument, holds no NUL, so no sector can spell this label).
        NameIdFormat::Persistent => {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(limen_crypto::hmac_sha256(
                &state.pairwise_key,
                format!(
                    "saml-persistent\u{0}{}\u{0}{}",
                    sp.record.entity_id, account.uid
                )
                .as_bytes(),
            ))
        }
        NameIdFormat::Transient => format!("_{}", limen_crypto::random_token(24)),
        NameIdFormat::Email => account.email.as_str().to_owned(),
    };
    let qualified = format != NameIdFormat::Email;
    idp::NameId {
        value,
        format: Some(format.uri().to_owned()),
        name_qualifier: qualified.then_some(idp_entity),
        sp_name_qualifier: qualified.then(|| sp.record.entity_id.clone()),
    }
}

/// What a SAML party's LogoutRequest must repeat (§9.1), kept with the session service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyLogout {
    pub entity_id: String,
    pub name_id: idp::NameId,
    pub session_index: String,
}

/// Builds, signs (and encrypts) the Response, and records the session service for SLO.
async fn assertion_for(
    state: &AppState,
    session: &SsoSession,
    account: &Account,
    sp: &Sp,
    p: &PendingAuthn,
    proof: &limen_core::Proof,
) -> Result<String, WebError> {
    let now = state.now();
    let groups = if sp.service.releases("groups") {
        state.store.account_groups(account.id).await?
    } else {
        Vec::new()
    };
    let attributes: Vec<idp::response::Attribute> =
        crate::cas::attributes(account, proof.strength, proof.level(), &sp.service, &groups)
            .into_iter()
            .map(|(name, values)| idp::response::Attribute { name, values })
            .collect();
    let name_id = name_id(state, account, sp, p.name_id_format);
    // Stable for the session and the SP, unlinkable between SPs (§6.1).
    let session_index = format!(
        "_{}",
        limen_crypto::hmac_sha256_hex(
            &state.pairwise_key,
            format!(
                "saml-session\u{0}{}\u{0}{}",
                session.id, sp.record.entity_id
            )
            .as_bytes(),
        )
    );
    // The identity assurance this login shows: an eID proves who the person is too, never below
    // the account's own (docs/FEDERATION.md §3.3, as `Authn::check` counts it).
    let shown_assurance = if proof.strength == Strength::Eidas {
        account.assurance.max(AssuranceLevel::of_eid(proof.level()))
    } else {
        account.assurance
    };
    let class_ref = context::class_ref(
        sp.record.authn_context,
        &p.requested,
        proof.strength,
        proof.level(),
        shown_assurance,
    );
    let key = signer_for(state, &sp.record).await?;
    let idp_entity = entity_id(state);
    let encrypt_for = match (&sp.record.encryption_certificate, sp.record.encrypt) {
        (Some(cert), true) => {
            use base64::Engine as _;
            let der = base64::engine::general_purpose::STANDARD
                .decode(cert)
                .map_err(|e| WebError::Internal(format!("SAML SP encryption certificate: {e}")))?;
            Some(idp::response::EncryptFor {
                certificate_der: der,
                key_transport: if sp.record.oaep_mgf1p {
                    idp::response::KeyTransport::RsaOaepMgf1p
                } else {
                    idp::response::KeyTransport::RsaOaep
                },
            })
        }
        _ => None,
    };
    let sign = match sp.record.sign {
        idp::SignPolicy::Both => idp::response::SignWhat::Both,
        idp::SignPolicy::Assertion => idp::response::SignWhat::Assertion,
        idp::SignPolicy::Response => idp::response::SignWhat::Response,
    };
    let spec = idp::response::AssertionSpec {
        idp_entity_id: &idp_entity,
        sp_entity_id: &sp.record.entity_id,
        acs_url: &p.acs,
        in_response_to: p.request_id.as_deref(),
        name_id: &name_id,
        session_index: &session_index,
        authn_instant: proof.at,
        session_not_on_or_after: Some(session.created_at + state.config.session.absolute),
        authn_context_class_ref: &class_ref,
        attributes: &attributes,
        now,
        lifetime: state.config.saml.assertion_lifetime,
    };
    let xml = idp::response::success_response(&spec, &key.signer, sign, encrypt_for.as_ref())
        .map_err(|e| WebError::Internal(format!("SAML response: {e}")))?;
    let party = PartyLogout {
        entity_id: sp.record.entity_id.clone(),
        name_id,
        session_index: session_index.clone(),
    };
    state
        .store
        .add_saml_session_service(
            &session.id,
            sp.service.id,
            &sp.record.entity_id,
            &session_index,
            &serde_json::to_string(&party)
                .map_err(|e| WebError::Internal(format!("SAML party: {e}")))?,
            now,
        )
        .await?;
    Ok(xml)
}

/// GET /saml/metadata (§3): the IdP's signed metadata, rebuilt when the published keys change
/// or after an hour.
pub async fn metadata(State(state): State<AppState>) -> Result<Response, WebError> {
    const REBUILD: std::time::Duration = std::time::Duration::from_secs(3600);
    let now = state.now();
    // The RSA key always signs the metadata; made on first use. The ECDSA key is made with it,
    // so that the metadata an SP loads once already holds the key any SP may later be answered
    // with (SPs pin what they loaded, §11).
    let signing = state
        .saml_keys
        .signer(
            &state.store,
            idp::SigningAlg::RsaSha256,
            &state.config.public_url,
            now,
        )
        .await?;
    state
        .saml_keys
        .signer(
            &state.store,
            idp::SigningAlg::EcdsaSha256,
            &state.config.public_url,
            now,
        )
        .await?;
    let set = state.saml_keys.current(&state.store, now).await?;
    let fingerprint = set.fingerprint();
    let cached = state
        .saml_keys
        .metadata
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .filter(|(at, fp, _)| at.elapsed() < REBUILD && *fp == fingerprint)
        .map(|(_, _, xml)| xml.clone());
    let xml = match cached {
        Some(xml) => xml,
        None => {
            let certificates: Vec<Vec<u8>> = set
                .published
                .iter()
                .map(|(_, _, der)| der.clone())
                .collect();
            let idp_entity = entity_id(&state);
            let (sso, slo) = (sso_url(&state), slo_url(&state));
            let xml = idp::metadata::idp_metadata(
                &idp::metadata::IdpMetadataSpec {
                    entity_id: &idp_entity,
                    sso_url: &sso,
                    slo_url: &slo,
                    signing_certificates: &certificates,
                    organization: state.config.saml.organization.as_deref(),
                    contact_email: state.config.saml.contact_email.as_deref(),
                    now,
                    valid_for: limen_saml::sp::METADATA_VALIDITY,
                    cache_duration_seconds: 3600,
                },
                &signing.signer,
            )
            .map_err(|e| WebError::Internal(format!("SAML metadata: {e}")))?;
            let xml = std::sync::Arc::new(xml);
            *state
                .saml_keys
                .metadata
                .lock()
                .unwrap_or_else(|p| p.into_inner()) =
                Some((std::time::Instant::now(), fingerprint, xml.clone()));
            xml
        }
    };
    let mut r = (StatusCode::OK, xml.as_str().to_owned()).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/samlmetadata+xml"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(r)
}

/// The time a request's replay row must outlive (§4.2 step 9).
pub(crate) fn replay_until(state: &AppState, issue_instant: OffsetDateTime) -> OffsetDateTime {
    let by_skew: OffsetDateTime = issue_instant + limen_saml::sp::SKEW * 2;
    let by_ttl = state.now() + state.config.saml.request_ttl;
    by_skew.max(by_ttl)
}
