//! The built-in demo service ("ecas-demo" in EU Login): a real CAS client living at `/demo/`, so
//! that a newcomer can click through a login and see what a service receives. It is registered
//! like any service, validates its tickets through the same rules as `/p3/serviceValidate`, and
//! honours single logout through the back channel.

use crate::cas::{self, ValidateQuery};
use crate::context::{Ctx, DEMO};
use crate::pages::{self, Demo, PageCtx};
use crate::{AppState, WebError};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use limen_core::{AssuranceLevel, ServiceProtocol, UrlPattern};
use limen_store::NewService;
use serde::Deserialize;

pub const NAME: &str = "Limen demo";

fn demo_url(state: &AppState) -> String {
    format!("{}/demo/", state.config.public_url)
}

pub async fn register(state: &AppState) -> Result<(), WebError> {
    let url = demo_url(state);
    let pattern = UrlPattern::parse(&format!("{url}*"))
        .map_err(|e| WebError::Internal(format!("demo service URL: {e}")))?;
    let new = NewService {
        name: NAME.to_owned(),
        protocol: ServiceProtocol::Cas,
        url_patterns: vec![pattern],
        accepted_strengths: Vec::new(),
        min_assurance: AssuranceLevel::Low,
        released_attributes: limen_core::service::RELEASABLE_ATTRIBUTES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        logout_url: Some(url),
        single_logout: true,
        proxy_callbacks: Vec::new(),
    };
    state
        .store
        .upsert_builtin_service(&new, state.now())
        .await?;
    Ok(())
}

#[derive(Debug, Deserialize)]
pub struct DemoQuery {
    ticket: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<DemoQuery>,
) -> Result<Response, WebError> {
    let service = demo_url(&state);
    if let Some(ticket) = q.ticket {
        let vq = ValidateQuery {
            service: Some(service.clone()),
            ticket: Some(ticket.clone()),
            ..ValidateQuery::default()
        };
        return match cas::validate(&state, &vq, false).await? {
            Ok(v) => {
                let token = limen_crypto::random_token(32);
                let attrs =
                    serde_json::to_string(&v.success.attributes).unwrap_or_else(|_| "[]".into());
                state
                    .store
                    .demo_session_create(
                        &limen_crypto::sha256_hex(token.as_bytes()),
                        &ticket,
                        &v.success.user,
                        &attrs,
                        state.now(),
                    )
                    .await?;
                ctx.set_cookie(DEMO, &token, None);
                // Drop the ticket from the address bar.
                Ok(ctx.redirect("/demo/"))
            }
            Err(f) => {
                let text = vec![ctx.tr.t1("demo-ticket-invalid", "reason", &f.message)];
                let link = Some((login_href(&service), ctx.tr.t("demo-sign-in")));
                pages::message(
                    &ctx,
                    StatusCode::UNAUTHORIZED,
                    None,
                    "demo-title",
                    text,
                    link,
                )
            }
        };
    }
    let Some((user, attrs)) = session(&state, &ctx).await? else {
        return Ok(ctx.redirect(&login_href(&service)));
    };
    let attributes: Vec<(String, Vec<String>)> = serde_json::from_str(&attrs).unwrap_or_default();
    let page = Demo {
        ctx: PageCtx::new(&ctx, None),
        user,
        attributes: attributes
            .into_iter()
            .map(|(k, v)| (k, v.join(", ")))
            .collect(),
        // The logout page says how many services were told; the demo is one of them.
        logout_href: "/cas/logout".to_owned(),
        strong_href: format!("{}&acceptStrengths=PASSWORD_WEBAUTHN", login_href(&service)),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

/// The demo's own session in this browser: its user and the attributes it was given.
pub(crate) async fn session(
    state: &AppState,
    ctx: &Ctx,
) -> Result<Option<(String, String)>, WebError> {
    Ok(match ctx.cookie(DEMO) {
        Some(token) => {
            state
                .store
                .demo_session(&limen_crypto::sha256_hex(token.as_bytes()))
                .await?
        }
        None => None,
    })
}

fn login_href(service: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(service.as_bytes()).collect();
    format!("/cas/login?service={encoded}")
}

#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(rename = "logoutRequest")]
    logout_request: Option<String>,
}

/// Back-channel single logout (CAS 3.0 §2.3.3): forget the demo session opened with that ticket.
pub async fn back_channel_logout(
    State(state): State<AppState>,
    Form(form): Form<LogoutForm>,
) -> Result<Response, WebError> {
    let Some(index) = form
        .logout_request
        .as_deref()
        .and_then(limen_cas::parse_logout_request)
    else {
        return Ok((StatusCode::BAD_REQUEST, "expected a logoutRequest").into_response());
    };
    let ended = state.store.demo_session_delete_by_ticket(&index).await?;
    tracing::info!(ended, "demo service received a single logout request");
    Ok(StatusCode::OK.into_response())
}

// ---- the OpenID Connect variant ----------------------------------------------------------------

pub const OIDC_NAME: &str = "Limen demo (OpenID Connect)";
pub const OIDC_CLIENT_ID: &str = "limen-demo";
const OIDC_PENDING: &str = "demo_oidc";

fn oidc_callback_url(state: &AppState) -> String {
    format!("{}/demo/oidc/callback", state.config.public_url)
}

/// Registers the demo's OIDC client: public, PKCE, the claims of every scope.
pub async fn register_oidc(state: &AppState) -> Result<(), WebError> {
    use limen_core::oidc::{JwsAlg, OidcClient, SubjectType, TokenAuthMethod};
    let new = NewService {
        name: OIDC_NAME.to_owned(),
        protocol: ServiceProtocol::Oidc,
        url_patterns: Vec::new(),
        accepted_strengths: Vec::new(),
        min_assurance: AssuranceLevel::Low,
        released_attributes: Vec::new(),
        logout_url: None,
        single_logout: true,
        proxy_callbacks: Vec::new(),
    };
    let host = url::Url::parse(&state.config.public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "localhost".into());
    let client = OidcClient {
        service_id: 0,
        client_id: OIDC_CLIENT_ID.to_owned(),
        secret_hash: None,
        auth_method: TokenAuthMethod::None,
        redirect_uris: vec![oidc_callback_url(state)],
        post_logout_redirect_uris: vec![format!("{}/demo/oidc", state.config.public_url)],
        pkce_required: true,
        signing_alg: JwsAlg::Es256,
        subject_type: SubjectType::Public,
        sector: host,
        scopes: limen_core::oidc::DEFAULT_SCOPES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        consent: false,
        jwks: None,
        jwks_uri: None,
        backchannel_logout_uri: None,
        frontchannel_logout_uri: None,
    };
    state
        .store
        .upsert_builtin_oidc_client(&new, &client, state.now())
        .await?;
    Ok(())
}

#[derive(Debug, Deserialize)]
pub struct OidcDemoQuery {
    start: Option<String>,
}

#[derive(Debug, serde::Serialize, Deserialize)]
struct Pending {
    verifier: String,
    nonce: String,
}

/// GET /demo/oidc: explains, and with `start` sends the browser to /oidc/authorize with a fresh
/// state, nonce and PKCE verifier (kept in the store until the callback).
pub async fn oidc_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OidcDemoQuery>,
) -> Result<Response, WebError> {
    if q.start.is_none() {
        let page = DemoOidc {
            ctx: PageCtx::new(&ctx, None),
            result: None,
        };
        return pages::render(&ctx, StatusCode::OK, &page);
    }
    use base64::Engine as _;
    let verifier = limen_crypto::random_token(32);
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(<sha2::Sha256 as sha2::Digest>::digest(verifier.as_bytes()));
    let pending = Pending {
        verifier,
        nonce: limen_crypto::random_token(16),
    };
    let client_state = limen_crypto::random_token(16);
    let raw = serde_json::to_string(&pending)
        .map_err(|e| WebError::Internal(format!("demo state: {e}")))?;
    state
        .store
        .create_challenge(
            &client_state,
            OIDC_PENDING,
            &raw,
            state.now() + time::Duration::minutes(30),
        )
        .await?;
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", OIDC_CLIENT_ID)
        .append_pair("redirect_uri", &oidc_callback_url(&state))
        .append_pair("scope", "openid profile email")
        .append_pair("state", &client_state)
        .append_pair("nonce", &pending.nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("ui_locales", ctx.tr.lang())
        .finish();
    Ok(ctx.redirect(&format!("/oidc/authorize?{query}")))
}

#[derive(Debug, Deserialize)]
pub struct OidcCallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

pub struct DemoOidcResult {
    pub header: String,
    pub claims: String,
    pub userinfo: String,
    pub verified: String,
    pub logout_href: String,
}

#[derive(askama::Template)]
#[template(path = "demo_oidc.html")]
pub struct DemoOidc {
    pub ctx: PageCtx,
    pub result: Option<DemoOidcResult>,
}

fn demo_problem(ctx: &Ctx, reason: &str) -> Result<Response, WebError> {
    let text = vec![ctx.tr.t1("demo-oidc-failed", "reason", reason)];
    let link = Some(("/demo/oidc".to_owned(), ctx.tr.t("demo-oidc-try-again")));
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "demo-oidc-title",
        text,
        link,
    )
}

/// GET /demo/oidc/callback: what a relying party does — check `state`, exchange the code with the
/// PKCE verifier, verify the ID token's signature against the published keys and its `iss`,
/// `aud`, `exp` and `nonce`, then call userinfo — and shows the result.
pub async fn oidc_callback(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OidcCallbackQuery>,
) -> Result<Response, WebError> {
    if let Some(error) = q.error {
        let reason = format!("{error}: {}", q.error_description.unwrap_or_default());
        return demo_problem(&ctx, &reason);
    }
    let (Some(code), Some(client_state)) = (q.code, q.state) else {
        return demo_problem(&ctx, "code or state missing");
    };
    let pending = if client_state.len() <= 64 {
        state
            .store
            .challenge(&client_state, OIDC_PENDING, state.now(), true)
            .await?
    } else {
        None
    };
    let Some(pending) = pending.and_then(|p| serde_json::from_str::<Pending>(&p).ok()) else {
        return demo_problem(&ctx, "unknown or expired state");
    };
    let tokens = match crate::oidc::token::exchange_in_process(
        &state,
        OIDC_CLIENT_ID,
        &code,
        &oidc_callback_url(&state),
        &pending.verifier,
    )
    .await?
    {
        Ok(t) => t,
        Err(e) => return demo_problem(&ctx, &format!("{}: {}", e.error, e.error_description)),
    };
    let id_token = tokens["id_token"].as_str().unwrap_or_default().to_owned();
    let access_token = tokens["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let header = match jsonwebtoken::decode_header(&id_token) {
        Ok(h) => h,
        Err(e) => return demo_problem(&ctx, &e.to_string()),
    };
    let kid = header.kid.clone().unwrap_or_default();
    let keys = state.keys.current(&state.store, state.now()).await?;
    let key = keys
        .public(&kid)
        .and_then(|j| serde_json::from_value::<jsonwebtoken::jwk::Jwk>(j.clone()).ok())
        .and_then(|j| jsonwebtoken::DecodingKey::from_jwk(&j).ok());
    let Some(key) = key else {
        return demo_problem(&ctx, "the ID token's key is not in the JWKS");
    };
    let mut validation = jsonwebtoken::Validation::new(header.alg);
    validation.set_issuer(&[state.config.public_url.as_str()]);
    validation.set_audience(&[OIDC_CLIENT_ID]);
    let claims = match jsonwebtoken::decode::<serde_json::Value>(&id_token, &key, &validation) {
        Ok(d) => d.claims,
        Err(e) => return demo_problem(&ctx, &format!("ID token refused: {e}")),
    };
    if claims["nonce"].as_str() != Some(pending.nonce.as_str()) {
        return demo_problem(&ctx, "the nonce does not match");
    }
    let userinfo = match crate::oidc::token::userinfo_in_process(&state, &access_token).await? {
        Ok(u) => u,
        Err(e) => return demo_problem(&ctx, &e.error_description),
    };
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let logout: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("id_token_hint", &id_token)
        .append_pair(
            "post_logout_redirect_uri",
            &format!("{}/demo/oidc", state.config.public_url),
        )
        .finish();
    let page = DemoOidc {
        ctx: PageCtx::new(&ctx, None),
        result: Some(DemoOidcResult {
            header: pretty(
                &serde_json::json!({"alg": format!("{:?}", header.alg), "kid": kid, "typ": header.typ}),
            ),
            claims: pretty(&claims),
            userinfo: pretty(&userinfo),
            verified: ctx.tr.t_with(
                "demo-oidc-verified",
                &[
                    ("kid", crate::i18n::FluentArg::Str(kid)),
                    (
                        "alg",
                        crate::i18n::FluentArg::Str(format!("{:?}", header.alg)),
                    ),
                ],
            ),
            logout_href: format!("/oidc/logout?{logout}"),
        }),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}
