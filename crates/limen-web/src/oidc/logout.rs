//! RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) and the front-channel logout page
//! (OpenID Connect Front-Channel Logout 1.0). Back-channel logout tokens are sent by `slo`.

use super::issuer;
use crate::authn;
use crate::context::{Ctx, SSO};
use crate::metrics::inc;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use limen_core::oidc::JwsAlg;

#[derive(Debug, Default)]
pub struct LogoutParams {
    id_token_hint: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    client_id: Option<String>,
    csrf_token: String,
    confirm: String,
}

impl LogoutParams {
    fn from_params(p: &limen_oidc::Params) -> LogoutParams {
        LogoutParams {
            id_token_hint: p.get("id_token_hint"),
            post_logout_redirect_uri: p.get("post_logout_redirect_uri"),
            state: p.get("state"),
            client_id: p.get("client_id"),
            csrf_token: p.get("csrf_token").unwrap_or_default(),
            confirm: p.get("confirm").unwrap_or_default(),
        }
    }
}

/// What a verified `id_token_hint` says.
struct Hint {
    client_id: String,
    sid: Option<String>,
}

/// Verifies an ID token we issued (expired ones are fine as hints: §2). `None` when it is not
/// ours or was altered.
async fn verify_hint(state: &AppState, token: &str) -> Result<Option<Hint>, WebError> {
    if token.len() > 16 * 1024 {
        return Ok(None);
    }
    let Ok(header) = jsonwebtoken::decode_header(token) else {
        return Ok(None);
    };
    let alg = match header.alg {
        jsonwebtoken::Algorithm::ES256 => JwsAlg::Es256,
        jsonwebtoken::Algorithm::RS256 => JwsAlg::Rs256,
        jsonwebtoken::Algorithm::EdDSA => JwsAlg::EdDsa,
        _ => return Ok(None),
    };
    let Some(kid) = header.kid else {
        return Ok(None);
    };
    let set = state.keys.current(&state.store, state.now()).await?;
    let Some(jwk) = set.public(&kid) else {
        return Ok(None);
    };
    let Ok(jwk) = serde_json::from_value::<jsonwebtoken::jwk::Jwk>(jwk.clone()) else {
        return Ok(None);
    };
    let Ok(key) = jsonwebtoken::DecodingKey::from_jwk(&jwk) else {
        return Ok(None);
    };
    let mut v = jsonwebtoken::Validation::new(limen_crypto::jose::jws_alg(alg));
    v.validate_exp = false;
    v.validate_aud = false;
    v.set_issuer(&[issuer(state)]);
    v.set_required_spec_claims(&["iss", "aud"]);
    let Ok(data) = jsonwebtoken::decode::<serde_json::Value>(token, &key, &v) else {
        return Ok(None);
    };
    let aud = match &data.claims["aud"] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a
            .first()
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned(),
        _ => return Ok(None),
    };
    Ok(Some(Hint {
        client_id: aud,
        sid: data.claims["sid"].as_str().map(str::to_owned),
    }))
}

fn problem(ctx: &Ctx, key: &str) -> Result<Response, WebError> {
    super::problem_page(ctx, &[key, "oidc-error-hint"])
}

#[derive(Template)]
#[template(path = "oidc_logout_confirm.html")]
struct Confirm {
    ctx: PageCtx,
    service_name: Option<String>,
    fields: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "logout_frontchannel.html")]
pub struct FrontChannel {
    pub ctx: PageCtx,
    pub frames: Vec<String>,
    pub next: Option<String>,
}

/// The page that loads every front-channel logout URI in an invisible iframe, then offers to go
/// on. Its CSP allows framing exactly those origins.
pub fn front_channel_page(
    ctx: &Ctx,
    frames: Vec<String>,
    next: Option<String>,
) -> Result<Response, WebError> {
    let mut origins: Vec<String> = frames
        .iter()
        .filter_map(|f| url::Url::parse(f).ok())
        .map(|u| u.origin().ascii_serialization())
        .collect();
    origins.sort();
    origins.dedup();
    let page = FrontChannel {
        ctx: PageCtx::new(ctx, None),
        frames,
        next,
    };
    let mut r = pages::render(ctx, StatusCode::OK, &page)?;
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; frame-src {}",
        origins.join(" ")
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Ok(r)
}

pub async fn logout_get(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let raw = limen_oidc::Params::parse(query.unwrap_or_default().as_bytes());
    if !raw.repeated.is_empty() {
        return problem(&ctx, "oidc-logout-repeated");
    }
    logout(&state, ctx, LogoutParams::from_params(&raw), false).await
}

pub async fn logout_post(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let raw = limen_oidc::Params::parse(&body);
    if !raw.repeated.is_empty() {
        return problem(&ctx, "oidc-logout-repeated");
    }
    logout(&state, ctx, LogoutParams::from_params(&raw), true).await
}

async fn logout(
    state: &AppState,
    mut ctx: Ctx,
    p: LogoutParams,
    posted: bool,
) -> Result<Response, WebError> {
    let hint = match p.id_token_hint.as_deref().filter(|h| !h.is_empty()) {
        None => None,
        Some(h) => match verify_hint(state, h).await? {
            Some(hint) => Some(hint),
            None => return problem(&ctx, "oidc-logout-bad-hint"),
        },
    };
    let named = p.client_id.as_deref().filter(|c| !c.is_empty());
    if let (Some(h), Some(c)) = (&hint, named)
        && h.client_id != c
    {
        return problem(&ctx, "oidc-logout-client-mismatch");
    }
    let client_id = hint.as_ref().map(|h| h.client_id.as_str()).or(named);
    let client = match client_id {
        Some(id) if id.len() <= 256 => match state.store.oidc_client(id).await? {
            Some(found) => Some(found),
            None => return problem(&ctx, "oidc-error-unknown-client"),
        },
        Some(_) => return problem(&ctx, "oidc-error-unknown-client"),
        None => None,
    };
    // §3: only a URI registered for the client named by the hint or client_id.
    let next = match p
        .post_logout_redirect_uri
        .as_deref()
        .filter(|u| !u.is_empty())
    {
        None => None,
        Some(uri) => match &client {
            Some((_, c)) if c.has_post_logout_redirect_uri(uri) => {
                let mut url = url::Url::parse(uri)
                    .map_err(|e| WebError::Internal(format!("registered logout URI: {e}")))?;
                if let Some(s) = p
                    .state
                    .as_deref()
                    .filter(|s| !s.is_empty() && s.len() <= 2048)
                {
                    url.query_pairs_mut().append_pair("state", s);
                }
                Some(url.to_string())
            }
            _ => return problem(&ctx, "oidc-logout-bad-redirect"),
        },
    };
    let session = crate::authn::current_session(state, &ctx).await?;
    let confirmed = posted && p.confirm == "yes" && ctx.csrf_ok(&p.csrf_token);
    if let Some((session, account)) = &session {
        let hinted = hint
            .as_ref()
            .and_then(|h| h.sid.as_deref())
            .is_some_and(|sid| sid == session.public_id);
        if !hinted && !confirmed {
            // §6 (security): without proof that the request is the user's, ask.
            let mut fields = Vec::new();
            for (k, v) in [
                ("id_token_hint", &p.id_token_hint),
                ("post_logout_redirect_uri", &p.post_logout_redirect_uri),
                ("state", &p.state),
                ("client_id", &p.client_id),
            ] {
                if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                    fields.push((k.to_owned(), v.to_owned()));
                }
            }
            let page = Confirm {
                ctx: PageCtx::new(&ctx, Some(account.display_name())),
                service_name: client.as_ref().map(|(s, _)| s.name.clone()),
                fields,
            };
            return pages::render(&ctx, StatusCode::OK, &page);
        }
        let ended = state.authn.end_session_reporting(&session.id).await?;
        inc(&state.metrics.logouts);
        authn::audit(
            state,
            "logout",
            Some(session.account_id),
            &ctx.client_ip,
            serde_json::json!({"services": ended.told, "via": "oidc", "client": client_id}),
        )
        .await;
        ctx.clear_cookie(SSO);
        // SAML service providers first, through the browser (docs/SAML.md §9.4).
        if !ended.saml.is_empty() {
            let then = crate::saml::slo::Then::after_limen_logout(
                &ended.front_channel,
                next.as_deref(),
                ended.told,
            );
            if let Some(r) =
                crate::saml::slo::after_logout(state, &mut ctx, &ended.saml, None, then).await?
            {
                return Ok(r);
            }
        }
        if !ended.front_channel.is_empty() {
            return front_channel_page(&ctx, ended.front_channel, next);
        }
    }
    match next {
        Some(url) => Ok(ctx.redirect(&url)),
        None => {
            let text = vec![ctx.tr.t("logout-text"), ctx.tr.t("logout-close-browser")];
            let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
            pages::message(&ctx, StatusCode::OK, None, "logout-title", text, link)
        }
    }
}
