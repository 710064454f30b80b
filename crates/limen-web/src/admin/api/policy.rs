//! The method policy (issue 21 item 1): for every verification method, whether it is enabled,
//! for which user types, and from which day it is retired (`[methods.*]` in the configuration
//! file, docs/AUTHENTICATION.md). Read-only: it changes by editing the file and restarting.

use super::{ApiResult, BASE, Caller, Problem};
use crate::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use limen_core::{Capability, Method};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// One method's rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct MethodView {
    /// The key in the configuration (`[methods.webauthn]`).
    pub method: String,
    /// The strength a login with it ends with (EU Login name).
    pub strength: String,
    /// Whether this server can verify it (the method is wired in its engine).
    pub implemented: bool,
    /// Whether the operator enabled it.
    pub enabled: bool,
    /// User types that may use it (internal, external); empty: every type.
    pub user_types: Vec<String>,
    /// From this day (UTC, YYYY-MM-DD) the method is retired: offered nowhere, accepted by none.
    pub retired_from: Option<String>,
    /// Enabled, implemented and not retired today.
    pub live: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Policy {
    pub methods: Vec<MethodView>,
}

/// Every method's rule (read-only: from the configuration file).
#[utoipa::path(get, path = "/admin/api/v1/policy", tag = "policy", operation_id = "getPolicy",
    responses(
        (status = 200, description = "The method policy", body = Policy),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Policy>> {
    caller.require(Capability::ReadRegistry)?;
    let policy = state.authn.policy();
    let today = state.now().date();
    let methods = Method::ALL
        .into_iter()
        .map(|m| {
            let rule = policy.rule(m);
            MethodView {
                method: m.config_key().to_owned(),
                strength: m.as_str().to_owned(),
                implemented: policy.implemented(m),
                enabled: rule.enabled,
                user_types: rule
                    .user_types
                    .iter()
                    .map(|t| t.as_str().to_owned())
                    .collect(),
                retired_from: rule.retire_on.map(|d| d.to_string()),
                live: policy.is_live(m, today),
            }
        })
        .collect();
    Ok(Json(Policy { methods }))
}

#[derive(OpenApi)]
#[openapi(paths(show), components(schemas(Policy, MethodView)))]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route(&format!("{BASE}/policy"), get(show))
}
