//! Who holds an admin role (issue 21 item 2, docs/ADMIN.md §2): people (the console) and
//! programs (API clients). ManageAdmins for every endpoint. The rules are those of
//! `limen admin grant|revoke|client grant|client revoke`, with the same audit events, the API
//! client as the actor: no role for a deleted account, only confidential OpenID Connect clients
//! (RFC 6749 §4.4), and a client may not change or revoke its own role (it could not undo it).

use super::accounts::{ReasonQuery, by_uid, reason_of};
use super::{ApiJson, ApiPath, ApiQuery, ApiResult, BASE, Caller, Problem, with_reason};
use crate::AppState;
use crate::admin::rfc3339;
use crate::context::ClientIp;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, put};
use axum::{Json, Router};
use limen_core::{Account, AdminRole, Capability};
use limen_store::{AdminClient, AdminGrant};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

/// A person holding a role.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminPerson {
    pub uid: String,
    pub email: String,
    /// admin, helpdesk or auditor.
    pub role: String,
    pub granted_at: String,
    /// `cli`, `admin:<uid>` or `client:<client_id>`.
    pub granted_by: String,
}

impl AdminPerson {
    fn of(g: &AdminGrant) -> AdminPerson {
        AdminPerson {
            uid: g.account.uid.clone(),
            email: g.account.email.to_string(),
            role: g.role.as_str().to_owned(),
            granted_at: rfc3339(g.granted_at),
            granted_by: g.granted_by.clone(),
        }
    }
}

/// A program holding a role: a confidential OpenID Connect client.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminProgram {
    /// The service's name: the client's id in this API.
    pub service: String,
    pub client_id: String,
    /// admin, helpdesk or auditor.
    pub role: String,
    pub granted_at: String,
    pub granted_by: String,
}

impl AdminProgram {
    fn of(c: &AdminClient) -> AdminProgram {
        AdminProgram {
            service: c.service_name.clone(),
            client_id: c.client_id.clone(),
            role: c.role.as_str().to_owned(),
            granted_at: rfc3339(c.granted_at),
            granted_by: c.granted_by.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Admins {
    /// By address.
    pub people: Vec<AdminPerson>,
    /// By service name.
    pub clients: Vec<AdminProgram>,
}

/// A role to give.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrant {
    /// admin, helpdesk or auditor.
    pub role: String,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

fn role_of(role: &str) -> Result<AdminRole, Problem> {
    role.parse()
        .map_err(|_| Problem::invalid("role", "role must be admin, helpdesk or auditor"))
}

/// The account of a uid that holds a role, deleted ones included: a role granted before the
/// account was deleted can still be revoked.
async fn holder(state: &AppState, uid: &str) -> Result<Account, Problem> {
    if uid.len() > 64 {
        return Err(Problem::not_found("account"));
    }
    if let Some(a) = state.store.account_by_uid(uid).await? {
        return Ok(a);
    }
    state
        .store
        .admins()
        .await?
        .into_iter()
        .map(|g| g.account)
        .find(|a| a.uid == uid)
        .ok_or_else(|| Problem::not_found("account"))
}

/// Everyone holding a role.
#[utoipa::path(get, path = "/admin/api/v1/admins", tag = "admins", operation_id = "listAdmins",
    responses(
        (status = 200, description = "People and programs holding a role", body = Admins),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Admins>> {
    caller.require(Capability::ManageAdmins)?;
    let people = state.store.admins().await?;
    let clients = state.store.admin_clients().await?;
    Ok(Json(Admins {
        people: people.iter().map(AdminPerson::of).collect(),
        clients: clients.iter().map(AdminProgram::of).collect(),
    }))
}

/// Give a person a role (or change it).
#[utoipa::path(put, path = "/admin/api/v1/admins/{uid}", tag = "admins", operation_id = "grantAdmin",
    params(("uid" = String, Path, description = "The account's uid")),
    request_body = RoleGrant,
    responses(
        (status = 200, description = "The grant", body = AdminPerson),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account (or a deleted one)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn grant(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiJson(body): ApiJson<RoleGrant>,
) -> ApiResult<Json<AdminPerson>> {
    caller.require(Capability::ManageAdmins)?;
    // Never a deleted account: it is gone for the API.
    let a = by_uid(&state, &uid).await?;
    let role = role_of(&body.role)?;
    let reason = reason_of(body.reason.as_deref())?;
    state
        .store
        .grant_admin(a.id, role, &caller.actor, state.now())
        .await?;
    with_reason(
        reason,
        state.authn.audit_raw(
            "admin.role_granted",
            Some(a.id),
            &ip,
            json!({"role": role.as_str()}),
        ),
    )
    .await;
    let grant = state
        .store
        .admins()
        .await?
        .into_iter()
        .find(|g| g.account.id == a.id)
        .ok_or_else(|| Problem::not_found("account"))?;
    Ok(Json(AdminPerson::of(&grant)))
}

/// Take a person's role away.
#[utoipa::path(delete, path = "/admin/api/v1/admins/{uid}", tag = "admins", operation_id = "revokeAdmin",
    params(("uid" = String, Path, description = "The account's uid"), ReasonQuery),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account, or it holds no role", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::ManageAdmins)?;
    let a = holder(&state, &uid).await?;
    let reason = reason_of(q.reason.as_deref())?;
    if !state.store.revoke_admin(a.id).await? {
        return Err(Problem::not_found("role: this account holds none"));
    }
    with_reason(
        reason,
        state
            .authn
            .audit_raw("admin.role_revoked", Some(a.id), &ip, json!({})),
    )
    .await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The service of an admin client, refusing the caller's own (it could not undo the change).
async fn program(
    state: &AppState,
    caller: &Caller,
    service: &str,
) -> Result<(limen_core::Service, limen_core::oidc::OidcClient), Problem> {
    let Some(s) = state.store.service_by_name(service).await? else {
        return Err(Problem::not_found("service"));
    };
    let Some((s, client)) = state.store.oidc_client_of_service(s.id).await? else {
        return Err(Problem::conflict(
            "this service is not an OpenID Connect client",
        ));
    };
    if caller.actor == format!("client:{}", client.client_id) {
        return Err(Problem::conflict(
            "a client may not change or revoke its own role",
        ));
    }
    Ok((s, client))
}

/// Let a confidential OpenID Connect client call this API with a role (or change it).
#[utoipa::path(put, path = "/admin/api/v1/admin-clients/{service}", tag = "admins", operation_id = "grantAdminClient",
    params(("service" = String, Path, description = "The client's service name")),
    request_body = RoleGrant,
    responses(
        (status = 200, description = "The grant", body = AdminProgram),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a confidential OpenID Connect client, or the caller itself", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn grant_client(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(service): ApiPath<String>,
    ApiJson(body): ApiJson<RoleGrant>,
) -> ApiResult<Json<AdminProgram>> {
    caller.require(Capability::ManageAdmins)?;
    let (s, client) = program(&state, &caller, &service).await?;
    // RFC 6749 §4.4: the client credentials grant is for confidential clients.
    if client.is_public() {
        return Err(Problem::conflict(
            "this client is public: the admin API needs a confidential one",
        ));
    }
    let role = role_of(&body.role)?;
    let reason = reason_of(body.reason.as_deref())?;
    state
        .store
        .grant_admin_client(s.id, role, &caller.actor, state.now())
        .await?;
    with_reason(
        reason,
        state.authn.audit_raw(
            "admin.client_role_granted",
            None,
            &ip,
            json!({"client": client.client_id, "role": role.as_str()}),
        ),
    )
    .await;
    let granted = state
        .store
        .admin_clients()
        .await?
        .into_iter()
        .find(|c| c.service_id == s.id)
        .ok_or_else(|| Problem::not_found("service"))?;
    Ok(Json(AdminProgram::of(&granted)))
}

/// Take a client's role away; its access tokens stop working at once.
#[utoipa::path(delete, path = "/admin/api/v1/admin-clients/{service}", tag = "admins", operation_id = "revokeAdminClient",
    params(("service" = String, Path, description = "The client's service name"), ReasonQuery),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service, or it holds no role", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller itself", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_client(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(service): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::ManageAdmins)?;
    let (s, _) = program(&state, &caller, &service).await?;
    let reason = reason_of(q.reason.as_deref())?;
    if !state.store.revoke_admin_client(s.id).await? {
        return Err(Problem::not_found("role: this client holds none"));
    }
    with_reason(
        reason,
        state.authn.audit_raw(
            "admin.client_role_revoked",
            None,
            &ip,
            json!({"service": s.name}),
        ),
    )
    .await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(OpenApi)]
#[openapi(
    paths(list, grant, revoke, grant_client, revoke_client),
    components(schemas(AdminPerson, AdminProgram, Admins, RoleGrant))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/admins"), get(list))
        .route(&format!("{BASE}/admins/{{uid}}"), put(grant).delete(revoke))
        .route(
            &format!("{BASE}/admin-clients/{{service}}"),
            put(grant_client).delete(revoke_client),
        )
}
