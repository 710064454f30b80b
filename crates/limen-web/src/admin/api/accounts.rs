//! Accounts (issue 21 item 1): search, show, change, and the help desk's actions. Each action
//! calls the engine (`limen_authn`, admin.rs and manage.rs), as the console and the command line
//! do; the audit entry names the caller and keeps the reason given.

use super::{
    ApiJson, ApiPath, ApiQuery, ApiResult, BASE, Caller, Paging, Problem, check_if_match,
    json_with_etag, with_reason,
};
use crate::AppState;
use crate::admin::rfc3339;
use crate::context::ClientIp;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use limen_core::{Account, AccountStatus, AssuranceLevel, Capability};
use limen_store::AccountQuery;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// An account as the admin API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    /// The stable public user name (EU Login's `uid`): the account's id in this API.
    pub uid: String,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: String,
    /// internal or external.
    pub user_type: String,
    /// pending, active or locked.
    pub status: String,
    /// LOW, MEDIUM, HIGH or TOP.
    pub assurance: String,
    pub email_locale: String,
    pub created_at: String,
    pub has_password: bool,
    pub password_changed_at: Option<String>,
    pub mfa_always: bool,
    /// Set while failed logins lock the account out.
    pub locked_out_until: Option<String>,
}

impl AccountView {
    pub(crate) async fn of(state: &AppState, a: &Account) -> Result<AccountView, Problem> {
        Ok(AccountView {
            uid: a.uid.clone(),
            email: a.email.to_string(),
            first_name: a.first_name.as_ref().map(|n| n.to_string()),
            last_name: a.last_name.to_string(),
            user_type: a.user_type.as_str().to_owned(),
            status: a.status.as_str().to_owned(),
            assurance: a.assurance.as_str().to_owned(),
            email_locale: a.email_locale.clone(),
            created_at: rfc3339(a.created_at),
            has_password: a.password_hash.is_some(),
            password_changed_at: a.password_changed_at.map(rfc3339),
            mfa_always: a.mfa_always,
            locked_out_until: state.authn.lockout_until(a).await?.map(rfc3339),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountPage {
    pub items: Vec<AccountView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountSearch {
    /// Part of the address, a name or the uid (case-insensitive).
    pub q: Option<String>,
    /// pending, active or locked.
    pub status: Option<String>,
}

/// The account of a uid, or 404 (deleted accounts are gone for the API).
pub(crate) async fn by_uid(state: &AppState, uid: &str) -> Result<Account, Problem> {
    if uid.len() > 64 {
        return Err(Problem::not_found("account"));
    }
    match state.store.account_by_uid(uid).await? {
        Some(a) if a.status != AccountStatus::Deleted => Ok(a),
        _ => Err(Problem::not_found("account")),
    }
}

/// Search accounts.
#[utoipa::path(get, path = "/admin/api/v1/accounts", tag = "accounts", operation_id = "listAccounts",
    params(AccountSearch, Paging),
    responses(
        (status = 200, description = "A page of accounts, by creation", body = AccountPage),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(search): ApiQuery<AccountSearch>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Json<AccountPage>> {
    caller.require(Capability::ReadAccounts)?;
    let limit = paging.limit()?;
    let status = match search.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match s.parse::<AccountStatus>() {
            Ok(st) if st != AccountStatus::Deleted => Some(st),
            _ => {
                return Err(Problem::invalid(
                    "status",
                    "status must be pending, active or locked",
                ));
            }
        },
    };
    let q = AccountQuery {
        text: search
            .q
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| t.chars().take(200).collect()),
        status,
        after_id: paging.cursor()?,
    };
    let found = state.store.search_accounts(&q, limit).await?;
    let next_cursor = paging.next(found.len(), found.last().map(|a| a.id));
    let mut items = Vec::with_capacity(found.len());
    for a in &found {
        items.push(AccountView::of(&state, a).await?);
    }
    Ok(Json(AccountPage { items, next_cursor }))
}

/// One account (with its ETag).
#[utoipa::path(get, path = "/admin/api/v1/accounts/{uid}", tag = "accounts", operation_id = "getAccount",
    params(("uid" = String, Path, description = "The account's uid")),
    responses(
        (status = 200, description = "The account", body = AccountView,
            headers(("ETag" = String, description = "Send it back as If-Match to change the account"))),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(uid): ApiPath<String>,
) -> ApiResult {
    caller.require(Capability::ReadAccounts)?;
    let account = by_uid(&state, &uid).await?;
    Ok(json_with_etag(
        StatusCode::OK,
        &AccountView::of(&state, &account).await?,
    ))
}

/// What may be changed on an account (fields left out stay as they are).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountPatch {
    /// LOW, MEDIUM, HIGH or TOP.
    pub assurance: Option<String>,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Change an account (needs `If-Match`).
#[utoipa::path(patch, path = "/admin/api/v1/accounts/{uid}", tag = "accounts", operation_id = "updateAccount",
    params(("uid" = String, Path, description = "The account's uid"),
           ("If-Match" = String, Header, description = "The ETag of the account as read")),
    request_body = AccountPatch,
    responses(
        (status = 200, description = "The account as changed", body = AccountView),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiPath(uid): ApiPath<String>,
    ApiJson(change): ApiJson<AccountPatch>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let account = by_uid(&state, &uid).await?;
    check_if_match(
        &headers,
        &super::etag_of(&AccountView::of(&state, &account).await?),
    )?;
    let reason = reason_of(change.reason.as_deref())?;
    if let Some(level) = change.assurance.as_deref() {
        let level: AssuranceLevel = level.parse().map_err(|_| {
            Problem::invalid("assurance", "assurance must be LOW, MEDIUM, HIGH or TOP")
        })?;
        if level != account.assurance {
            with_reason(
                reason,
                state
                    .authn
                    .admin_set_assurance(&account, level, &super::client(&ip)),
            )
            .await?;
        }
    }
    let account = by_uid(&state, &uid).await?;
    Ok(json_with_etag(
        StatusCode::OK,
        &AccountView::of(&state, &account).await?,
    ))
}

/// The reason an operator gives for an action: optional, at most 500 characters.
pub(crate) fn reason_of(reason: Option<&str>) -> Result<Option<&str>, Problem> {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if r.chars().count() > 500 => Err(Problem::invalid(
            "reason",
            "the reason is at most 500 characters",
        )),
        Some(r) if r.chars().any(char::is_control) => Err(Problem::invalid(
            "reason",
            "the reason may not hold control characters",
        )),
        other => Ok(other),
    }
}

/// The body of the help desk's actions.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// What an action did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionResult {
    /// A sentence saying what happened.
    pub done: String,
    pub account: AccountView,
}

/// Unlock: lifts an operator's lock and the lockout of failed logins.
#[utoipa::path(post, path = "/admin/api/v1/accounts/{uid}/unlock", tag = "accounts", operation_id = "unlockAccount",
    params(("uid" = String, Path, description = "The account's uid")),
    request_body = Action,
    responses(
        (status = 200, description = "Unlocked", body = ActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is not locked", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn unlock(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiJson(action): ApiJson<Action>,
) -> ApiResult {
    caller.require(Capability::Helpdesk)?;
    let account = by_uid(&state, &uid).await?;
    let reason = reason_of(action.reason.as_deref())?;
    let outcome = with_reason(
        reason,
        state.authn.admin_unlock(&account, &super::client(&ip)),
    )
    .await?;
    if outcome == limen_authn::Unlocked::NotLocked {
        return Err(Problem::conflict(
            "the account is neither locked nor locked out",
        ));
    }
    let account = by_uid(&state, &uid).await?;
    Ok(Json(ActionResult {
        done: "unlocked".into(),
        account: AccountView::of(&state, &account).await?,
    })
    .into_response())
}

#[derive(OpenApi)]
#[openapi(
    paths(list, show, patch, unlock),
    components(schemas(AccountView, AccountPage, AccountPatch, Action, ActionResult))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/accounts"), get(list))
        .route(&format!("{BASE}/accounts/{{uid}}"), get(show).patch(patch))
        .route(&format!("{BASE}/accounts/{{uid}}/unlock"), post(unlock))
}
