//! Accounts (issue 21 item 1): search, show, create, change, delete, and the help desk's
//! actions (unlock, password link, factors, sessions). Each action calls the engine
//! (`limen_authn`, admin.rs and manage.rs) or the functions registration uses, as the console and
//! the command line do; the audit entry names the caller and keeps the reason given. Nothing here
//! writes to the store without its audit entry.

use super::{
    ApiJson, ApiPath, ApiQuery, ApiResult, BASE, Caller, Paging, Problem, check_if_match, etag_of,
    json_with_etag, with_reason,
};
use crate::AppState;
use crate::admin::rfc3339;
use crate::context::ClientIp;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use limen_authn::FactorChange;
use limen_core::{
    Account, AccountStatus, AssuranceLevel, Capability, Email, Method, PersonName, UserType,
};
use limen_store::{AccountQuery, LinkPurpose, NewAccount, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
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

/// The account of a uid for a help-desk action, or 403 when it holds a role the caller's does
/// not cover (a help desk acting on an admin's account).
async fn target(state: &AppState, caller: &Caller, uid: &str) -> Result<Account, Problem> {
    let account = by_uid(state, uid).await?;
    if !crate::admin::may_act_on(state, caller.role, &account).await? {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this account holds an admin role that your role does not cover",
        ));
    }
    Ok(account)
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

/// A new account: pending, until its holder follows the "create your password" link mailed to
/// the address (as `limen user add` without a password makes it, and as registration mails it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccountBody {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: String,
    /// internal or external (default: by the address's domain, `internal_domains`).
    pub user_type: Option<String>,
    /// LOW, MEDIUM, HIGH or TOP (default: TOP for internal accounts, LOW for external ones,
    /// as `limen user add`).
    pub assurance: Option<String>,
    /// The language of the mails Limen sends to the account (default: en).
    pub email_locale: Option<String>,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Create an account and mail it the link that sets its first password.
#[utoipa::path(post, path = "/admin/api/v1/accounts", tag = "accounts", operation_id = "createAccount",
    request_body = NewAccountBody,
    responses(
        (status = 201, description = "Created (pending); the link is mailed", body = AccountView,
            headers(("Location" = String, description = "The new account"),
                    ("ETag" = String, description = "Its version"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An account has this address", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<NewAccountBody>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let email = Email::parse(&body.email).map_err(|e| Problem::invalid("email", e.to_string()))?;
    let first_name = match body.first_name.as_deref() {
        Some(f) => PersonName::parse_optional(f)
            .map_err(|e| Problem::invalid("first_name", e.to_string()))?,
        None => None,
    };
    let last_name = PersonName::parse(&body.last_name)
        .map_err(|e| Problem::invalid("last_name", e.to_string()))?;
    let user_type = match body.user_type.as_deref() {
        Some(t) => t
            .parse::<UserType>()
            .map_err(|_| Problem::invalid("user_type", "user_type must be internal or external"))?,
        None => UserType::for_email(&email, &state.config.internal_domains),
    };
    let assurance = match body.assurance.as_deref() {
        Some(a) => parse_assurance(a)?,
        None if user_type == UserType::Internal => AssuranceLevel::Top,
        None => AssuranceLevel::Low,
    };
    let email_locale = match body.email_locale.as_deref() {
        Some(l) => crate::i18n::supported(l).ok_or_else(|| {
            Problem::invalid(
                "email_locale",
                "email_locale must be one of the 24 official EU languages Limen speaks \
                 (bg, cs, da, de, el, en, es, et, fi, fr, ga, hr, hu, it, lt, lv, mt, nl, pl, pt, \
                 ro, sk, sl, sv)",
            )
        })?,
        None => "en",
    };
    let reason = reason_of(body.reason.as_deref())?;
    let new = NewAccount {
        email,
        first_name,
        last_name,
        user_type,
        status: AccountStatus::Pending,
        assurance,
        email_locale: email_locale.to_owned(),
        password_hash: None,
    };
    // The account, its link and the mail that carries it: one transaction, as registration
    // does, so that no account is left without its mail.
    let mut tx = state.store.begin().await?;
    let account = match tx.create_account(&new, state.now()).await {
        Ok(a) => a,
        Err(StoreError::Duplicate(_)) => {
            tx.rollback().await?;
            return Err(Problem::conflict(
                "an account with this e-mail address exists already",
            ));
        }
        Err(e) => return Err(e.into()),
    };
    crate::register::send_password_link_in(
        &state,
        &mut tx,
        &account,
        LinkPurpose::Register,
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    with_reason(
        reason,
        state.authn.audit_raw(
            "account.created",
            Some(account.id),
            &ip,
            json!({
                "uid": account.uid,
                "user_type": account.user_type.as_str(),
                "assurance": account.assurance.as_str(),
                "link_sent": true,
            }),
        ),
    )
    .await;
    let view = AccountView::of(&state, &account).await?;
    let mut response = json_with_etag(StatusCode::CREATED, &view);
    if let Ok(v) = HeaderValue::from_str(&format!("{BASE}/accounts/{}", account.uid)) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

fn parse_assurance(level: &str) -> Result<AssuranceLevel, Problem> {
    level
        .parse()
        .map_err(|_| Problem::invalid("assurance", "assurance must be LOW, MEDIUM, HIGH or TOP"))
}

/// What may be changed on an account (fields left out stay as they are).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountPatch {
    /// LOW, MEDIUM, HIGH or TOP.
    pub assurance: Option<String>,
    /// The first name; an empty string removes it.
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Change an account (needs `If-Match`).
#[utoipa::path(patch, path = "/admin/api/v1/accounts/{uid}", tag = "accounts", operation_id = "updateAccount",
    params(("uid" = String, Path, description = "The account's uid"),
           ("If-Match" = String, Header, description = "The ETag of the account as read")),
    request_body = AccountPatch,
    responses(
        (status = 200, description = "The account as changed", body = AccountView,
            headers(("ETag" = String, description = "Its new version"))),
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
        &etag_of(&AccountView::of(&state, &account).await?),
    )?;
    // Every field is checked before anything changes.
    let reason = reason_of(change.reason.as_deref())?;
    let level = change
        .assurance
        .as_deref()
        .map(parse_assurance)
        .transpose()?;
    let first_name = match change.first_name.as_deref() {
        Some(f) => Some(
            PersonName::parse_optional(f)
                .map_err(|e| Problem::invalid("first_name", e.to_string()))?,
        ),
        None => None,
    };
    let last_name = change
        .last_name
        .as_deref()
        .map(|l| PersonName::parse(l).map_err(|e| Problem::invalid("last_name", e.to_string())))
        .transpose()?;
    let client = super::client(&ip);
    with_reason(reason, async {
        if let Some(level) = level.filter(|l| *l != account.assurance) {
            state
                .authn
                .admin_set_assurance(&account, level, &client)
                .await?;
        }
        let mut fields = Vec::new();
        if first_name
            .as_ref()
            .is_some_and(|f| *f != account.first_name)
        {
            fields.push("first_name");
        }
        if last_name.as_ref().is_some_and(|l| *l != account.last_name) {
            fields.push("last_name");
        }
        if !fields.is_empty() {
            let first = first_name.unwrap_or_else(|| account.first_name.clone());
            let last = last_name.unwrap_or_else(|| account.last_name.clone());
            state
                .store
                .update_profile(
                    account.id,
                    first.as_ref(),
                    &last,
                    &account.email_locale,
                    account.ui_locale.as_deref(),
                    state.now(),
                )
                .await?;
            state
                .authn
                .audit_raw(
                    "account.details_changed",
                    Some(account.id),
                    &ip,
                    json!({"fields": fields}),
                )
                .await;
        }
        Ok::<(), Problem>(())
    })
    .await?;
    let account = by_uid(&state, &uid).await?;
    Ok(json_with_etag(
        StatusCode::OK,
        &AccountView::of(&state, &account).await?,
    ))
}

/// `?reason=` of a DELETE (which has no body).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReasonQuery {
    /// Why (kept in the audit log; at most 500 characters).
    pub reason: Option<String>,
}

/// Delete an account: its personal data is removed, its sessions end (needs `If-Match`).
#[utoipa::path(delete, path = "/admin/api/v1/accounts/{uid}", tag = "accounts", operation_id = "deleteAccount",
    params(("uid" = String, Path, description = "The account's uid"),
           ("If-Match" = String, Header, description = "The ETag of the account as read"),
           ReasonQuery),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiPath(uid): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let account = by_uid(&state, &uid).await?;
    check_if_match(
        &headers,
        &etag_of(&AccountView::of(&state, &account).await?),
    )?;
    let reason = reason_of(q.reason.as_deref())?;
    with_reason(
        reason,
        state.authn.admin_delete(&account, &super::client(&ip)),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
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
    /// Sessions the action ended (lock, end sessions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions_ended: Option<usize>,
    pub account: AccountView,
}

impl ActionResult {
    async fn of(
        state: &AppState,
        uid: &str,
        done: &str,
        sessions_ended: Option<usize>,
    ) -> ApiResult {
        let account = by_uid(state, uid).await?;
        Ok(Json(ActionResult {
            done: done.to_owned(),
            sessions_ended,
            account: AccountView::of(state, &account).await?,
        })
        .into_response())
    }
}

/// Lock: the account cannot sign in, and every session ends now (with single logout).
#[utoipa::path(post, path = "/admin/api/v1/accounts/{uid}/lock", tag = "accounts", operation_id = "lockAccount",
    params(("uid" = String, Path, description = "The account's uid")),
    request_body = Action,
    responses(
        (status = 200, description = "Locked", body = ActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is locked already", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn lock(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiJson(action): ApiJson<Action>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let account = by_uid(&state, &uid).await?;
    let reason = reason_of(action.reason.as_deref())?;
    if account.status == AccountStatus::Locked {
        return Err(Problem::conflict("the account is locked already"));
    }
    let ended = with_reason(
        reason,
        state.authn.admin_lock(&account, &super::client(&ip)),
    )
    .await?;
    ActionResult::of(&state, &uid, "locked", Some(ended)).await
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
    let account = target(&state, &caller, &uid).await?;
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
    ActionResult::of(&state, &uid, "unlocked", None).await
}

/// Password link: mails the account a link to set a new password (or, while it is pending,
/// its first one), as "Lost password?" does.
#[utoipa::path(post, path = "/admin/api/v1/accounts/{uid}/password-reset", tag = "accounts", operation_id = "sendPasswordLink",
    params(("uid" = String, Path, description = "The account's uid")),
    request_body = Action,
    responses(
        (status = 200, description = "The link is queued", body = ActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is locked (unlock it first)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn password_reset(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiJson(action): ApiJson<Action>,
) -> ApiResult {
    caller.require(Capability::Helpdesk)?;
    let account = target(&state, &caller, &uid).await?;
    let reason = reason_of(action.reason.as_deref())?;
    let sent = with_reason(
        reason,
        crate::admin::send_password_link(&state, &account, &ip),
    )
    .await?;
    if sent.is_none() {
        return Err(Problem::conflict(
            "the account is locked: unlock it before sending a password link",
        ));
    }
    ActionResult::of(&state, &uid, "a password link is on its way", None).await
}

/// A device of an account, as "Authentication methods" in My account lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactorView {
    /// `<METHOD>:<device id>` (e.g. `PASSWORD_WEBAUTHN:12`): the id to remove it by.
    pub id: String,
    /// The method's strength name (PASSWORD_WEBAUTHN, PASSWORD_TOKEN, ...).
    pub method: String,
    /// The method's sub-kind (security_key, platform, passkey, totp, ...).
    pub kind: String,
    pub name: String,
    /// What else identifies it (the model of a key, a masked phone number).
    pub detail: Option<String>,
    pub added: String,
    pub last_used: Option<String>,
    /// Blocked (a cloned key's counter went backwards): listed, never challenged.
    pub blocked: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FactorList {
    pub items: Vec<FactorView>,
    /// Always absent: every device is in the one page.
    pub next_cursor: Option<String>,
}

/// The method and the device id of a factor's id (`PASSWORD_WEBAUTHN:12`).
fn factor_id(id: &str) -> Option<(Method, i64)> {
    let (method, device) = id.rsplit_once(':')?;
    let method = Method::ALL.into_iter().find(|m| m.as_str() == method)?;
    let device = device.parse::<i64>().ok().filter(|d| *d > 0)?;
    Some((method, device))
}

/// The account's second factors (security keys, tokens, phones, ...).
#[utoipa::path(get, path = "/admin/api/v1/accounts/{uid}/factors", tag = "accounts", operation_id = "listAccountFactors",
    params(("uid" = String, Path, description = "The account's uid")),
    responses(
        (status = 200, description = "Every device of the account", body = FactorList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn factors(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(uid): ApiPath<String>,
) -> ApiResult<Json<FactorList>> {
    caller.require(Capability::ReadAccounts)?;
    let account = by_uid(&state, &uid).await?;
    let items = state
        .authn
        .all_devices(&account)
        .await?
        .into_iter()
        .map(|(method, d)| FactorView {
            id: format!("{}:{}", method.as_str(), d.id),
            method: method.as_str().to_owned(),
            kind: d.kind,
            name: d.name,
            detail: d.detail,
            added: rfc3339(d.created_at),
            last_used: d.last_used_at.map(rfc3339),
            blocked: d.blocked,
        })
        .collect();
    Ok(Json(FactorList {
        items,
        next_cursor: None,
    }))
}

/// Remove one device: every session of the account ends, the holder is told by mail.
#[utoipa::path(delete, path = "/admin/api/v1/accounts/{uid}/factors/{id}", tag = "accounts", operation_id = "removeAccountFactor",
    params(("uid" = String, Path, description = "The account's uid"),
           ("id" = String, Path, description = "The factor's id, `<METHOD>:<device id>`"),
           ReasonQuery),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account or factor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_factor(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath((uid, id)): ApiPath<(String, String)>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::Helpdesk)?;
    let account = target(&state, &caller, &uid).await?;
    let reason = reason_of(q.reason.as_deref())?;
    let Some((method, device)) = factor_id(&id) else {
        return Err(Problem::not_found("factor"));
    };
    let outcome = with_reason(
        reason,
        state
            .authn
            .admin_remove_factor(method, &account, device, &super::client(&ip)),
    )
    .await?;
    match outcome {
        FactorChange::Done { .. } => Ok(StatusCode::NO_CONTENT.into_response()),
        _ => Err(Problem::not_found("factor")),
    }
}

/// One removed device.
#[derive(Debug, Serialize, ToSchema)]
pub struct RemovedFactor {
    pub method: String,
    pub name: String,
}

/// What removing every factor did.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactorsRemoved {
    pub done: String,
    pub removed: Vec<RemovedFactor>,
    pub sessions_ended: usize,
    pub account: AccountView,
}

/// Remove every factor (devices and linked identities): every session ends, every grant is
/// revoked, the holder is told by mail — the help desk's answer to "I lost my devices".
#[utoipa::path(post, path = "/admin/api/v1/accounts/{uid}/factors/remove-all", tag = "accounts", operation_id = "removeAllAccountFactors",
    params(("uid" = String, Path, description = "The account's uid")),
    request_body = Action,
    responses(
        (status = 200, description = "Removed", body = FactorsRemoved),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_all_factors(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiJson(action): ApiJson<Action>,
) -> ApiResult<Json<FactorsRemoved>> {
    caller.require(Capability::Helpdesk)?;
    let account = target(&state, &caller, &uid).await?;
    let reason = reason_of(action.reason.as_deref())?;
    let done = with_reason(
        reason,
        state
            .authn
            .remove_all_factors(&account, limen_authn::Actor::Admin, &super::client(&ip)),
    )
    .await?;
    let account = by_uid(&state, &uid).await?;
    Ok(Json(FactorsRemoved {
        done: "every factor removed".into(),
        removed: done
            .removed
            .into_iter()
            .map(|(m, name)| RemovedFactor {
                method: m.as_str().to_owned(),
                name,
            })
            .collect(),
        sessions_ended: done.sessions,
        account: AccountView::of(&state, &account).await?,
    }))
}

/// A live SSO session of an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// The session's public id (never its cookie).
    pub id: String,
    pub started: String,
    pub last_seen: String,
    /// The client address it started from.
    pub address: String,
    /// Its browser's User-Agent.
    pub browser: String,
    /// The strengths it has proven (PASSWORD, PASSWORD_WEBAUTHN, ...).
    pub methods: Vec<String>,
    /// The services it signed in to.
    pub services: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionList {
    pub items: Vec<SessionView>,
    /// Always absent: every live session is in the one page.
    pub next_cursor: Option<String>,
}

/// The account's live sessions, newest first.
#[utoipa::path(get, path = "/admin/api/v1/accounts/{uid}/sessions", tag = "accounts", operation_id = "listAccountSessions",
    params(("uid" = String, Path, description = "The account's uid")),
    responses(
        (status = 200, description = "The live sessions", body = SessionList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn sessions(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(uid): ApiPath<String>,
) -> ApiResult<Json<SessionList>> {
    caller.require(Capability::ReadAccounts)?;
    let account = by_uid(&state, &uid).await?;
    let now = state.now();
    let items = state
        .store
        .sessions_of_account(account.id, now, now - state.authn.config().session.idle)
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.session.public_id,
            started: rfc3339(s.session.created_at),
            last_seen: rfc3339(s.session.last_seen_at),
            address: s.session.client_ip,
            browser: s.session.user_agent,
            methods: s
                .session
                .proofs
                .iter()
                .map(|p| p.strength.as_str().to_owned())
                .collect(),
            services: s.services,
        })
        .collect();
    Ok(Json(SessionList {
        items,
        next_cursor: None,
    }))
}

/// End every session (with single logout) and revoke the account's OpenID Connect grants.
#[utoipa::path(post, path = "/admin/api/v1/accounts/{uid}/sessions/end", tag = "accounts", operation_id = "endAccountSessions",
    params(("uid" = String, Path, description = "The account's uid")),
    request_body = Action,
    responses(
        (status = 200, description = "Ended", body = ActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn end_sessions(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(uid): ApiPath<String>,
    ApiJson(action): ApiJson<Action>,
) -> ApiResult {
    caller.require(Capability::Helpdesk)?;
    let account = target(&state, &caller, &uid).await?;
    let reason = reason_of(action.reason.as_deref())?;
    let ended = with_reason(
        reason,
        state
            .authn
            .admin_end_sessions(&account, &super::client(&ip)),
    )
    .await?;
    ActionResult::of(&state, &uid, "sessions ended", Some(ended)).await
}

/// A group an account belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountGroup {
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountGroupList {
    pub items: Vec<AccountGroup>,
    /// Always absent: every group is in the one page.
    pub next_cursor: Option<String>,
}

/// The groups of an account, by name (what services are told).
#[utoipa::path(get, path = "/admin/api/v1/accounts/{uid}/groups", tag = "accounts", operation_id = "listAccountGroups",
    params(("uid" = String, Path, description = "The account's uid")),
    responses(
        (status = 200, description = "Its groups", body = AccountGroupList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn groups(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(uid): ApiPath<String>,
) -> ApiResult<Json<AccountGroupList>> {
    caller.require(Capability::ReadAccounts)?;
    let account = by_uid(&state, &uid).await?;
    let items = state
        .store
        .account_groups(account.id)
        .await?
        .into_iter()
        .map(|name| AccountGroup { name })
        .collect();
    Ok(Json(AccountGroupList {
        items,
        next_cursor: None,
    }))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        create,
        show,
        patch,
        remove,
        lock,
        unlock,
        password_reset,
        factors,
        remove_factor,
        remove_all_factors,
        sessions,
        end_sessions,
        groups
    ),
    components(schemas(
        AccountView,
        AccountPage,
        NewAccountBody,
        AccountPatch,
        Action,
        ActionResult,
        FactorView,
        FactorList,
        RemovedFactor,
        FactorsRemoved,
        SessionView,
        SessionList,
        AccountGroup,
        AccountGroupList
    ))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/accounts"), get(list).post(create))
        .route(
            &format!("{BASE}/accounts/{{uid}}"),
            get(show).patch(patch).delete(remove),
        )
        .route(&format!("{BASE}/accounts/{{uid}}/lock"), post(lock))
        .route(&format!("{BASE}/accounts/{{uid}}/unlock"), post(unlock))
        .route(
            &format!("{BASE}/accounts/{{uid}}/password-reset"),
            post(password_reset),
        )
        .route(&format!("{BASE}/accounts/{{uid}}/factors"), get(factors))
        .route(
            &format!("{BASE}/accounts/{{uid}}/factors/remove-all"),
            post(remove_all_factors),
        )
        .route(
            &format!("{BASE}/accounts/{{uid}}/factors/{{id}}"),
            delete(remove_factor),
        )
        .route(&format!("{BASE}/accounts/{{uid}}/sessions"), get(sessions))
        .route(
            &format!("{BASE}/accounts/{{uid}}/sessions/end"),
            post(end_sessions),
        )
        .route(&format!("{BASE}/accounts/{{uid}}/groups"), get(groups))
}
