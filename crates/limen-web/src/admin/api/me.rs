//! `GET /admin/api/v1/me`: who the token speaks for and what it may do.

use super::{ApiResult, BASE, Caller};
use axum::routing::get;
use axum::{Json, Router};
use limen_core::Capability;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// `client:<client_id>`.
    pub actor: String,
    /// admin, helpdesk or auditor.
    pub role: String,
    /// What the role allows (docs/ADMIN.md §2).
    pub capabilities: Vec<String>,
}

/// The caller.
#[utoipa::path(get, path = "/admin/api/v1/me", tag = "me", operation_id = "me",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid token", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(caller: Caller) -> ApiResult<Json<Me>> {
    use Capability::*;
    let capabilities = [
        ReadAccounts,
        Helpdesk,
        ManageAccounts,
        ReadRegistry,
        ManageRegistry,
        ReadAudit,
        ManageAdmins,
    ]
    .into_iter()
    .filter(|c| caller.role.may(*c))
    .map(|c| format!("{c:?}"))
    .collect();
    Ok(Json(Me {
        actor: caller.actor,
        role: caller.role.as_str().to_owned(),
        capabilities,
    }))
}

#[derive(OpenApi)]
#[openapi(paths(me), components(schemas(Me)))]
pub struct Doc;

pub(crate) fn routes() -> Router<crate::AppState> {
    Router::new().route(&format!("{BASE}/me"), get(me))
}
