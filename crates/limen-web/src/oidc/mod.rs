//! The OpenID Connect provider's endpoints (docs/OIDC.md). The protocol rules live in
//! `limen-oidc`; this module ties them to the SSO session, the login pages and the store.
//!
//! An authorization request is validated and answered at once when the browser's SSO session
//! satisfies it; otherwise the browser goes through the same login pages as CAS
//! (`/cas/login?oidc=<sealed request>`), which come back here. The request travels in the URL,
//! MAC-protected with the key every node shares and limited in time, so that an unauthenticated
//! request costs the store nothing and any node can finish it.

pub mod exchange;
pub mod keys;
pub mod logout;
pub mod token;

use crate::authn;
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use limen_core::oidc::OidcClient;
use limen_core::{Account, Proof, Service, SsoSession, Strength};
use limen_oidc::OAuthError;
use limen_oidc::authorize::{self as authz, AuthRequest, AuthorizeParams, Fatal, ResponseMode};
use limen_oidc::claims::AuthFacts;
use limen_store::Grant;
use serde::Deserialize;

/// The largest sealed request accepted back (the parameters are bounded at 2 KiB each).
const MAX_SEALED: usize = 24 * 1024;

#[derive(serde::Serialize, serde::Deserialize)]
struct Sealed {
    #[serde(rename = "r")]
    request: AuthRequest,
    exp: i64,
}

/// The MAC domain of sealed authorization requests ([`crate::sealed`]).
const SEALED_DOMAIN: &str = "oidc-request";

/// The request as `base64url(JSON).HMAC`, valid for `oidc.request_ttl`.
fn seal_request(state: &AppState, request: &AuthRequest) -> Result<String, WebError> {
    let sealed = Sealed {
        request: request.clone(),
        exp: (state.now() + state.config.oidc.request_ttl).unix_timestamp(),
    };
    crate::sealed::seal(state, SEALED_DOMAIN, &sealed)
}

/// The request a sealed value carries, if its MAC is right (constant-time) and it has not expired.
fn open_request(state: &AppState, sealed: &str) -> Option<AuthRequest> {
    open_request_at(state, sealed).map(|(request, _)| request)
}

/// [`open_request`], with the time the request was sealed (its expiry less the request
/// lifetime).
fn open_request_at(state: &AppState, sealed: &str) -> Option<(AuthRequest, i64)> {
    let opened: Sealed = crate::sealed::open(state, SEALED_DOMAIN, sealed, MAX_SEALED)?;
    let sealed_at = opened.exp - state.config.oidc.request_ttl.whole_seconds();
    (opened.exp > state.now().unix_timestamp()).then_some((opened.request, sealed_at))
}

pub fn issuer(state: &AppState) -> &str {
    &state.config.public_url
}

/// A JSON answer that must not be cached (RFC 6749 §5.1).
pub fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    let mut r = (status, axum::Json(body)).into_response();
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    r
}

/// Browser-based public clients call the token, userinfo and revocation endpoints from
/// JavaScript on their own origin: these answers may be read cross-origin. No cookie is involved
/// (`Access-Control-Allow-Credentials` is never sent), so `*` exposes nothing a bearer of the
/// token could not fetch anyway.
pub async fn cors(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if request.method() == axum::http::Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Authorization, Content-Type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        return r;
    }
    let mut r = next.run(request).await;
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

/// GET /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §4).
pub async fn discovery(State(state): State<AppState>) -> Response {
    let languages: Vec<&str> = crate::i18n::LANGUAGES.iter().map(|(c, _)| *c).collect();
    axum::Json(limen_oidc::discovery::metadata(issuer(&state), &languages)).into_response()
}

/// GET /oidc/jwks (RFC 7517 §5).
pub async fn jwks(State(state): State<AppState>) -> Result<Response, WebError> {
    let now = state.now();
    // Make sure the default key exists before the first token is signed.
    state
        .keys
        .signer(&state.store, limen_core::oidc::JwsAlg::Es256, now)
        .await?;
    let set = state.keys.current(&state.store, now).await?;
    let mut r = axum::Json(set.jwks()).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(r)
}

/// An authorization request being answered: the client, its service entry, the request and the
/// strengths that satisfy it.
pub struct OidcTarget {
    pub service: Service,
    pub client: OidcClient,
    /// The sealed request, as the login pages carry it (`None` while `/oidc/authorize` answers).
    pub sealed: Option<String>,
    pub request: AuthRequest,
    pub acceptable: Vec<Strength>,
    /// Where self-service detours return to finish this request.
    pub continuation: String,
}

impl OidcTarget {
    fn new(
        service: Service,
        client: OidcClient,
        request: AuthRequest,
        acceptable: Vec<Strength>,
        sealed: Option<String>,
    ) -> Self {
        Self {
            service,
            client,
            sealed,
            continuation: request.continuation(),
            request,
            acceptable,
        }
    }

    pub fn accepts(&self, strength: Strength) -> bool {
        self.acceptable.contains(&strength)
    }

    /// An eID at LoA high satisfies the request (docs/FEDERATION.md §3.1): it asks for level
    /// HIGH (`HIGH` or `http://eidas.europa.eu/LoA/high`) and the service takes eIDs.
    fn eidas_high(&self) -> bool {
        use limen_core::oidc::Acr;
        self.service.accepts(Strength::Eidas)
            && self
                .request
                .acr_values
                .iter()
                .any(|v| matches!(Acr::parse(v), Some(Acr::Level(limen_core::AuthLevel::High))))
    }

    /// What the request must prove: its acceptable strengths, the service's assurance, and
    /// OIDC Core §3.1.2.1 `prompt=login` / `max_age`.
    pub fn requirement(&self) -> limen_authn::Requirement {
        limen_authn::Requirement::strengths(self.acceptable.clone())
            .with_eidas_high(self.eidas_high())
            .with_assurance(self.service.min_assurance)
            .with_freshness(limen_authn::Freshness::Fresh {
                max_age: self.request.max_age,
                prompt_login: self.request.prompt_login,
            })
            .for_service(self.service.name.clone())
    }
}

/// Drops the strengths of disabled or retired methods: a session proof made with a retired
/// method no longer counts (docs/AUTHENTICATION.md). The engine's rule.
fn live_only(state: &AppState, strengths: Vec<Strength>) -> Vec<Strength> {
    state
        .authn
        .accepted(&limen_authn::Requirement::strengths(strengths))
}

/// Whether this server verifies the method of a strength (voluntary `acr_values` narrow only
/// to what can be reached).
fn wired(state: &AppState) -> impl Fn(Strength) -> bool + '_ {
    |s| {
        state
            .authn
            .policy()
            .implemented(limen_core::Method::for_strength(s))
    }
}

/// Opens a sealed request for the login pages; `None` when it expired or was altered.
pub async fn load_target(state: &AppState, id: &str) -> Result<Option<OidcTarget>, WebError> {
    let Some(request) = open_request(state, id) else {
        return Ok(None);
    };
    let Some((service, client)) = state.store.oidc_client(&request.client_id).await? else {
        return Ok(None);
    };
    let Ok(acceptable) = authz::acceptable_strengths(&service, &request, wired(state)) else {
        return Ok(None);
    };
    let acceptable = live_only(state, acceptable);
    Ok(Some(OidcTarget::new(
        service,
        client,
        request,
        acceptable,
        Some(id.to_owned()),
    )))
}

/// What a signed-in browser needs next to get its code.
pub enum Next {
    /// Sign in (again): no accepted proof, `prompt=login`, or `max_age` exceeded.
    SignIn {
        has_proof: bool,
    },
    /// The account's identity assurance is below the service's minimum.
    Assurance,
    Consent,
    Issue(Proof),
}

pub async fn next_step(
    state: &AppState,
    session: &SsoSession,
    account: &Account,
    t: &OidcTarget,
    fresh_login: bool,
) -> Result<Next, WebError> {
    let proof = match state
        .authn
        .check(&t.requirement(), session, account, fresh_login)
        .await?
    {
        limen_authn::Satisfaction::Satisfied(proof) => proof,
        limen_authn::Satisfaction::InsufficientAssurance => return Ok(Next::Assurance),
        limen_authn::Satisfaction::StepUp => return Ok(Next::SignIn { has_proof: false }),
        limen_authn::Satisfaction::Reauthenticate => {
            return Ok(Next::SignIn { has_proof: true });
        }
    };
    if needs_consent(state, account, t).await? {
        return Ok(Next::Consent);
    }
    Ok(Next::Issue(proof))
}

async fn needs_consent(
    state: &AppState,
    account: &Account,
    t: &OidcTarget,
) -> Result<bool, WebError> {
    if !t.client.consent {
        return Ok(false);
    }
    if t.request.prompt_consent {
        return Ok(true);
    }
    let given = state.store.consent(account.id, t.service.id).await?;
    let covered = given.is_some_and(|g| {
        let granted: Vec<&str> = g.split(' ').collect();
        t.request
            .scopes
            .iter()
            .all(|s| granted.contains(&s.as_str()))
    });
    Ok(!covered)
}

/// GET /oidc/authorize (OIDC Core §3.1.2.1).
pub async fn authorize_get(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, WebError> {
    let params = limen_oidc::Params::parse(query.unwrap_or_default().as_bytes());
    authorize(&state, ctx, params).await
}

/// POST /oidc/authorize: the same request, form-encoded (OIDC Core §3.1.2.1).
pub async fn authorize_post(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    authorize(&state, ctx, limen_oidc::Params::parse(&body)).await
}

/// The page for requests that must not be redirected (RFC 6749 §4.1.2.1).
fn fatal_page(ctx: &Ctx, fatal: Fatal) -> Result<Response, WebError> {
    tracing::warn!(problem = ?fatal, "authorization request refused without redirect");
    problem_page(ctx, &[fatal.message_key(), "oidc-error-hint"])
}

/// The page for an OIDC request that cannot be answered at the client: a 400 with these
/// paragraphs (message keys).
pub fn problem_page(ctx: &Ctx, keys: &[&str]) -> Result<Response, WebError> {
    let text = keys.iter().map(|k| ctx.tr.t(k)).collect();
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "oidc-error-title",
        text,
        None,
    )
}

async fn authorize(
    state: &AppState,
    ctx: Ctx,
    raw: limen_oidc::Params,
) -> Result<Response, WebError> {
    // A repeated client_id or redirect_uri leaves nowhere trustworthy to answer.
    if raw.is_repeated("client_id") {
        return fatal_page(&ctx, Fatal::UnknownClient);
    }
    if raw.is_repeated("redirect_uri") {
        return fatal_page(&ctx, Fatal::UnregisteredRedirectUri);
    }
    let params = AuthorizeParams::from_params(&raw);
    let Some(client_id) = params.client_id.as_deref().filter(|c| !c.is_empty()) else {
        return fatal_page(&ctx, Fatal::MissingClientId);
    };
    if client_id.len() > 256 {
        return fatal_page(&ctx, Fatal::UnknownClient);
    }
    let Some((service, client)) = state.store.oidc_client(client_id).await? else {
        return fatal_page(&ctx, Fatal::UnknownClient);
    };
    let redirect_uri = match authz::redirect_uri(&params, &client) {
        Ok(uri) => uri,
        Err(fatal) => return fatal_page(&ctx, fatal),
    };
    let client_state = params.state.clone().filter(|s| s.len() <= 2048);
    if let Some(error) = raw.repetition_error() {
        let mode = match params.response_mode.as_deref() {
            Some("form_post") if !raw.is_repeated("response_mode") => ResponseMode::FormPost,
            _ => ResponseMode::Query,
        };
        return respond(
            state,
            &ctx,
            &redirect_uri,
            mode,
            client_state.as_deref(),
            Err(&error),
            &service.name,
        );
    }
    let request = match authz::validate(&params, &client, redirect_uri.clone()) {
        Ok(r) => r,
        Err((error, mode)) => {
            return respond(
                state,
                &ctx,
                &redirect_uri,
                mode,
                client_state.as_deref(),
                Err(&error),
                &service.name,
            );
        }
    };
    let acceptable = match authz::acceptable_strengths(&service, &request, wired(state)) {
        Ok(a) => live_only(state, a),
        Err(error) => return redirect_error(state, &ctx, &request, &error, &service.name),
    };
    let target = OidcTarget::new(service, client, request, acceptable, None);
    let session = crate::authn::current_session(state, &ctx).await?;
    if target.request.prompt_none {
        // OIDC Core §3.1.2.6: never show a page; say why not.
        let Some((session, account)) = session else {
            let e = OAuthError::login_required("the user is not signed in");
            return redirect_error(state, &ctx, &target.request, &e, &target.service.name);
        };
        let error = match next_step(state, &session, &account, &target, false).await? {
            Next::Issue(proof) => {
                return issue(state, &ctx, &session, &account, &target, &proof).await;
            }
            Next::SignIn { has_proof: true } => {
                OAuthError::login_required("the user must sign in again")
            }
            Next::SignIn { has_proof: false } => OAuthError::interaction_required(
                "the sign-in does not meet the requested strength; a step-up is needed",
            ),
            Next::Assurance => {
                OAuthError::access_denied("the account does not meet the client's requirements")
            }
            Next::Consent => OAuthError::consent_required("the user has not consented yet"),
        };
        return redirect_error(state, &ctx, &target.request, &error, &target.service.name);
    }
    if let Some((session, account)) = &session
        && let Next::Issue(proof) = next_step(state, session, account, &target, false).await?
    {
        return issue(state, &ctx, session, account, &target, &proof).await;
    }
    // The login pages take it from here, with the request sealed in the URL.
    let id = seal_request(state, &target.request)?;
    let mut location = format!("/cas/login?oidc={id}");
    if let Some(lang) = target
        .request
        .ui_locales
        .as_deref()
        .and_then(supported_locale)
    {
        location.push_str(&format!("&locale={lang}"));
    }
    Ok(ctx.redirect(&location))
}

/// The first of the user's preferred languages that Limen speaks (OIDC Core §3.1.2.1 `ui_locales`).
fn supported_locale(ui_locales: &str) -> Option<&'static str> {
    ui_locales.split(' ').find_map(crate::i18n::supported)
}

fn redirect_error(
    state: &AppState,
    ctx: &Ctx,
    request: &AuthRequest,
    error: &OAuthError,
    service_name: &str,
) -> Result<Response, WebError> {
    respond(
        state,
        ctx,
        &request.redirect_uri,
        request.response_mode,
        request.state.as_deref(),
        Err(error),
        service_name,
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

/// Sends the authorization response (a code or an error) to the redirect URI, with `state` and
/// `iss` (RFC 9207), in the query (RFC 6749 §4.1.2) or as an auto-submitted form (OAuth 2.0
/// Form Post Response Mode §2).
fn respond(
    state: &AppState,
    ctx: &Ctx,
    redirect_uri: &str,
    mode: ResponseMode,
    client_state: Option<&str>,
    outcome: Result<&str, &OAuthError>,
    service_name: &str,
) -> Result<Response, WebError> {
    let mut fields: Vec<(String, String)> = Vec::new();
    match outcome {
        Ok(code) => fields.push(("code".into(), code.to_owned())),
        Err(e) => {
            fields.push(("error".into(), e.error.to_owned()));
            fields.push(("error_description".into(), e.error_description.clone()));
        }
    }
    if let Some(s) = client_state {
        fields.push(("state".into(), s.to_owned()));
    }
    fields.push(("iss".into(), issuer(state).to_owned()));
    match mode {
        ResponseMode::Query => {
            let mut url = url::Url::parse(redirect_uri)
                .map_err(|e| WebError::Internal(format!("registered redirect URI: {e}")))?;
            url.query_pairs_mut().extend_pairs(fields.iter());
            Ok(ctx.redirect(url.as_str()))
        }
        ResponseMode::FormPost => {
            let page = FormPost {
                ctx: PageCtx::new(ctx, None),
                action: redirect_uri.to_owned(),
                fields,
                service_name: service_name.to_owned(),
            };
            let mut r = pages::render(ctx, StatusCode::OK, &page)?;
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(r)
        }
    }
}

/// Issues the authorization code for a satisfied request and sends it to the client.
pub async fn issue(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    t: &OidcTarget,
    proof: &Proof,
) -> Result<Response, WebError> {
    let now = state.now();
    let req = &t.request;
    let facts = AuthFacts {
        auth_time: proof.at.unix_timestamp(),
        acr: limen_core::oidc::acr_claim_at(&req.acr_values, proof.strength, proof.level()),
        amr: proof
            .strength
            .amr()
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        strength: proof.strength.as_str().to_owned(),
        nonce: req.nonce.clone(),
    };
    let offline = req.scopes.iter().any(|s| s == "offline_access");
    let grant = Grant {
        id: limen_crypto::random_token(24),
        service_id: t.service.id,
        account_id: account.id,
        session_id: Some(session.id.clone()),
        sid: session.public_id.clone(),
        scope: req.scopes.join(" "),
        claims: serde_json::to_string(&facts)
            .map_err(|e| WebError::Internal(format!("grant facts: {e}")))?,
        offline,
        created_at: now,
        expires_at: now + state.config.oidc.refresh_token_ttl,
        revoked: false,
    };
    state.store.create_grant(&grant).await?;
    let code = limen_crypto::random_token(32);
    state
        .store
        .create_code(
            &limen_crypto::sha256_hex(code.as_bytes()),
            &grant.id,
            &req.redirect_uri,
            req.code_challenge.as_deref(),
            now + state.config.oidc.code_ttl,
        )
        .await?;
    // Single logout: the session now knows this client (the "ticket" is the grant).
    state
        .store
        .add_session_service(&session.id, t.service.id, &req.redirect_uri, &grant.id, now)
        .await?;
    crate::metrics::inc(&state.metrics.oidc_codes);
    authn::audit(
        state,
        "oidc.code",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"client": t.client.client_id, "scope": grant.scope, "strength": facts.strength}),
    )
    .await;
    respond(
        state,
        ctx,
        &req.redirect_uri,
        req.response_mode,
        req.state.as_deref(),
        Ok(&code),
        &t.service.name,
    )
}

pub fn request_gone(ctx: &Ctx) -> Result<Response, WebError> {
    problem_page(ctx, &["oidc-request-gone"])
}

#[derive(Template)]
#[template(path = "oidc_consent.html")]
struct ConsentPage {
    ctx: PageCtx,
    service_name: String,
    request: String,
    scopes: Vec<String>,
}

/// The consent page (for clients registered with `--consent`).
pub fn consent_page(ctx: &Ctx, account: &Account, t: &OidcTarget) -> Result<Response, WebError> {
    let scopes = t
        .request
        .scopes
        .iter()
        .map(|s| ctx.tr.t(&format!("oidc-scope-{}", s.replace('_', "-"))))
        .collect();
    let page = ConsentPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        service_name: t.service.name.clone(),
        request: t.sealed.clone().unwrap_or_default(),
        scopes,
    };
    pages::render(ctx, StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    decision: String,
}

/// POST /oidc/consent.
pub async fn consent_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConsentForm>,
) -> Result<Response, WebError> {
    let Some(t) = load_target(&state, &form.request).await? else {
        return request_gone(&ctx);
    };
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (
            format!("/cas/login?oidc={}", crate::encode(&form.request)),
            ctx.tr.t("back-to-login"),
        );
        return pages::csrf_refused(&ctx, back);
    }
    let Some((session, account)) = crate::authn::current_session(&state, &ctx).await? else {
        return Ok(ctx.redirect(&format!("/cas/login?oidc={}", crate::encode(&form.request))));
    };
    if form.decision != "allow" {
        let e = OAuthError::access_denied("the user declined");
        return redirect_error(&state, &ctx, &t.request, &e, &t.service.name);
    }
    // The same rule as every other path (assurance, strengths, "Always require MFA",
    // prompt=login / max_age): a proof made since the request was sealed is a fresh login.
    let sealed_at = open_request_at(&state, &form.request).map_or(i64::MAX, |(_, at)| at);
    let fresh = session
        .proofs
        .iter()
        .any(|p| t.accepts(p.strength) && p.at.unix_timestamp() >= sealed_at);
    let proof = match state
        .authn
        .check(&t.requirement(), &session, &account, fresh)
        .await?
    {
        limen_authn::Satisfaction::Satisfied(proof) => proof,
        // Sign in (again), step up, or be told about the assurance: the login page knows how.
        _ => {
            return Ok(ctx.redirect(&format!("/cas/login?oidc={}", crate::encode(&form.request))));
        }
    };
    state
        .store
        .save_consent(
            account.id,
            t.service.id,
            &t.request.scopes.join(" "),
            state.now(),
        )
        .await?;
    issue(&state, &ctx, &session, &account, &t, &proof).await
}

/// From the login pages: the user is signed in; answer the client, ask consent, or explain.
pub async fn continue_after_login(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    t: &OidcTarget,
    fresh_login: bool,
) -> Result<Option<Response>, WebError> {
    match next_step(state, session, account, t, fresh_login).await? {
        Next::Issue(proof) => Ok(Some(issue(state, ctx, session, account, t, &proof).await?)),
        Next::Consent => Ok(Some(consent_page(ctx, account, t)?)),
        Next::Assurance => {
            let text = vec![
                ctx.tr
                    .t1("error-insufficient-assurance", "service", &t.service.name),
            ];
            Ok(Some(pages::message(
                ctx,
                StatusCode::FORBIDDEN,
                Some(account.display_name()),
                "error-page-title",
                text,
                None,
            )?))
        }
        // The login page asks for (another) proof.
        Next::SignIn { .. } => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ui_locales_pick_the_first_supported_language() {
        assert_eq!(super::supported_locale("ja zh-TW de-DE fr-CA"), Some("de"));
        assert_eq!(super::supported_locale("EN"), Some("en"));
        assert_eq!(super::supported_locale("ja ko"), None);
    }
}
