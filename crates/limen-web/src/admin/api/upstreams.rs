//! Upstream identity providers (issue 21 item 1): the `[[upstream]]` tables of the configuration
//! file, read-only — they change by editing the file (or `limen upstream add`) and restarting.
//! Never a client secret, nor the file a secret or a key is read from.

use super::{ApiPath, ApiResult, BASE, Caller, Problem};
use crate::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use limen_core::Capability;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// One upstream identity provider, as configured.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpstreamView {
    /// The slug in URLs and the audit log.
    pub id: String,
    /// What the sign-in button says.
    pub name: String,
    /// oidc, oauth2 or saml_eidas.
    pub kind: String,
    /// The strength a sign-in through it proves (SOCIAL_NETWORKS or EIDAS).
    pub strength: String,
    /// OIDC/OAuth 2: the issuer; eIDAS: the node's entity id.
    pub issuer: String,
    /// OIDC/OAuth 2: Limen's client id there.
    pub client_id: Option<String>,
    /// OIDC/OAuth 2: the scopes asked for.
    pub scopes: Vec<String>,
    /// OIDC: `acr_values` asked for, in order of preference.
    pub acr_values: Vec<String>,
    /// eIDAS: the least level of assurance requested (substantial or high).
    pub minimum_loa: Option<String>,
    /// Whether a first sign-in may create an account.
    pub sign_up: bool,
    /// Whether the provider's `email_verified` is believed.
    pub trust_email_verified: bool,
    /// Accounts linked to an identity there.
    pub links: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UpstreamList {
    pub items: Vec<UpstreamView>,
    /// Always absent: every configured provider is in one answer.
    pub next_cursor: Option<String>,
}

async fn views(state: &AppState) -> Result<Vec<UpstreamView>, Problem> {
    let mut out = Vec::new();
    for p in &state.config.upstreams {
        out.push(UpstreamView {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: match p.kind {
                limen_upstream::provider::Kind::Oidc => "oidc",
                limen_upstream::provider::Kind::Oauth2 => "oauth2",
            }
            .to_owned(),
            strength: p.strength.as_str().to_owned(),
            issuer: p.issuer.clone(),
            client_id: Some(p.client_id.clone()),
            scopes: p.scopes.clone(),
            acr_values: p.acr_values.clone(),
            minimum_loa: None,
            sign_up: p.sign_up,
            trust_email_verified: p.trust_email_verified,
            links: state.store.count_upstream_links(&p.id).await?,
        });
    }
    for s in &state.config.saml_upstreams {
        out.push(UpstreamView {
            id: s.entry.id.clone(),
            name: s.entry.name.clone(),
            kind: "saml_eidas".into(),
            strength: limen_core::Strength::Eidas.as_str().to_owned(),
            issuer: s.entry.idp_entity_id.clone(),
            client_id: None,
            scopes: Vec::new(),
            acr_values: Vec::new(),
            minimum_loa: Some(
                match s.minimum {
                    limen_saml::Loa::Substantial => "substantial",
                    limen_saml::Loa::High => "high",
                }
                .to_owned(),
            ),
            sign_up: s.entry.sign_up,
            trust_email_verified: false,
            links: state.store.count_upstream_links(&s.entry.id).await?,
        });
    }
    Ok(out)
}

/// The configured upstream identity providers (read-only: from the configuration file).
#[utoipa::path(get, path = "/admin/api/v1/upstreams", tag = "upstreams", operation_id = "listUpstreams",
    responses(
        (status = 200, description = "Every configured provider", body = UpstreamList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<UpstreamList>> {
    caller.require(Capability::ReadRegistry)?;
    Ok(Json(UpstreamList {
        items: views(&state).await?,
        next_cursor: None,
    }))
}

/// One upstream identity provider (read-only: from the configuration file).
#[utoipa::path(get, path = "/admin/api/v1/upstreams/{id}", tag = "upstreams", operation_id = "getUpstream",
    params(("id" = String, Path, description = "The provider's id")),
    responses(
        (status = 200, description = "The provider", body = UpstreamView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<UpstreamView>> {
    caller.require(Capability::ReadRegistry)?;
    views(&state)
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .map(Json)
        .ok_or_else(|| Problem::not_found("upstream"))
}

#[derive(OpenApi)]
#[openapi(paths(list, show), components(schemas(UpstreamView, UpstreamList)))]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/upstreams"), get(list))
        .route(&format!("{BASE}/upstreams/{{id}}"), get(show))
}
