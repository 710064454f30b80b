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
    let session = match ctx.cookie(DEMO) {
        Some(token) => {
            state
                .store
                .demo_session(&limen_crypto::sha256_hex(token.as_bytes()))
                .await?
        }
        None => None,
    };
    let Some((user, attrs)) = session else {
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
    };
    pages::render(&ctx, StatusCode::OK, &page)
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
