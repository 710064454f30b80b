//! Hardware tokens (issue 21 item 1, issue 16): the inventory, its import from PSKC (RFC 6030)
//! or CSV, assignment, and the help desk's resync, lock and unlock. Each change calls the
//! engine's inventory (`limen_authn::token`, inventory.rs) as `limen token …` does; the engine
//! writes the audit entry, which names the caller and keeps the reason given.
//!
//! What this module must never do: return a token's key, or keep the text of an import
//! (it holds the keys themselves) longer than the parse.

use super::accounts::{by_uid, reason_of};
use super::{ApiJson, ApiPath, ApiQuery, ApiResult, BASE, Caller, Paging, Problem, with_reason};
use crate::AppState;
use crate::admin::rfc3339;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use limen_authn::token::{ImportReport, InventoryError, TokenFactor, Tokens};
use limen_core::{Capability, Method};
use limen_oath::Secret;
use limen_oath::pskc::{self, FileError, Protection};
use limen_store::{StoredToken, TokenFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// The account a token is assigned to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Holder {
    pub uid: String,
    pub email: String,
}

/// A token of the inventory (never its key).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// As printed on the device: the token's id in this API (matched without spaces and
    /// hyphens, in any case).
    pub serial: String,
    /// hotp, totp or ocra.
    pub kind: String,
    /// SHA1, SHA256 or SHA512.
    pub algorithm: String,
    pub digits: i64,
    /// TOTP: seconds per step.
    pub period: Option<i64>,
    /// TOTP: the token clock's offset, in steps.
    pub drift: Option<i64>,
    /// HOTP and counter-based OCRA: the next counter expected.
    pub counter: Option<i64>,
    /// OCRA: the suite (RFC 6287 §6).
    pub suite: Option<String>,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    /// Absent when the token is in stock.
    pub holder: Option<Holder>,
    /// The name its holder sees.
    pub name: Option<String>,
    /// active, locked (after wrong codes, until `locked_until`) or disabled (by an operator).
    pub state: String,
    /// Wrong codes in a row.
    pub failures: i64,
    pub locked_until: Option<String>,
    pub created_at: String,
    pub assigned_at: Option<String>,
    pub last_used_at: Option<String>,
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

impl TokenView {
    fn of(t: &StoredToken, holder: Option<Holder>, now: time::OffsetDateTime) -> TokenView {
        let state = if t.disabled {
            "disabled"
        } else if t.blocked(now) {
            "locked"
        } else {
            "active"
        };
        let counted = t.kind == "hotp"
            || (t.kind == "ocra"
                && limen_oath::ocra::Suite::parse(&t.suite).is_ok_and(|s| s.has_counter()));
        TokenView {
            serial: t.serial.clone(),
            kind: t.kind.clone(),
            algorithm: t.algorithm.clone(),
            digits: t.digits,
            period: (t.kind == "totp").then_some(t.period),
            drift: (t.kind == "totp").then_some(t.drift),
            counter: counted.then_some(t.counter),
            suite: non_empty(&t.suite),
            manufacturer: non_empty(&t.manufacturer),
            model: non_empty(&t.model),
            holder,
            name: non_empty(&t.name),
            state: state.to_owned(),
            failures: t.failures,
            locked_until: t.locked_until.filter(|u| *u > now).map(rfc3339),
            created_at: rfc3339(t.created_at),
            assigned_at: t.assigned_at.map(rfc3339),
            last_used_at: t.last_used_at.map(rfc3339),
        }
    }

    async fn load(state: &AppState, t: &StoredToken) -> Result<TokenView, Problem> {
        let holder = match t.account_id {
            Some(id) => state.store.account_by_id(id).await?.map(|a| Holder {
                uid: a.uid,
                email: a.email.to_string(),
            }),
            None => None,
        };
        Ok(TokenView::of(t, holder, state.now()))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPage {
    pub items: Vec<TokenView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenSearch {
    /// Part of the serial number, of the holder's e-mail address or of the token's name.
    pub q: Option<String>,
    /// Only tokens assigned to nobody.
    pub unassigned: Option<bool>,
}

/// The engine's inventory (always wired in the application).
fn inventory(state: &AppState) -> Result<&Tokens, Problem> {
    state
        .authn
        .factor_as::<TokenFactor>(Method::Token)
        .map(|f| f.tokens().as_ref())
        .ok_or_else(Problem::internal)
}

/// The engine's refusals, as problems.
fn refused(e: InventoryError) -> Problem {
    let detail = e.to_string();
    match e {
        InventoryError::NoSuchToken(_) => Problem::not_found("token"),
        InventoryError::AssignedElsewhere { .. } | InventoryError::NotAssigned(_) => {
            Problem::conflict(detail)
        }
        InventoryError::NoCounter(_) => Problem::conflict(detail),
        InventoryError::CodesRefused(_) => Problem::invalid("first", detail),
    }
}

/// A serial from the path: one users could type (longer ones name no token).
/// For the help desk's token actions: 403 when the token's holder holds an admin role the
/// caller's does not cover (as for the account actions, `admin::may_act_on`): locking or
/// resynchronising an admin's token is not the help desk's to do.
async fn may_act_on_holder(state: &AppState, caller: &Caller, serial: &str) -> Result<(), Problem> {
    let holder = match state.store.token_by_serial(serial).await? {
        Some(t) => t.account_id,
        None => None,
    };
    if let Some(id) = holder
        && let Some(account) = state.store.account_by_id(id).await?
        && !crate::admin::may_act_on(state, caller.role, &account).await?
    {
        return Err(Problem::new(
            axum::http::StatusCode::FORBIDDEN,
            "forbidden",
            "this token's holder holds an admin role that your role does not cover",
        ));
    }
    Ok(())
}

fn serial_of(serial: &str) -> Result<&str, Problem> {
    if serial.chars().count() > 100 || !limen_store::serial_is_typeable(serial) {
        return Err(Problem::not_found("token"));
    }
    Ok(serial)
}

/// List the inventory, by serial number.
#[utoipa::path(get, path = "/admin/api/v1/tokens", tag = "tokens", operation_id = "listTokens",
    params(TokenSearch, Paging),
    responses(
        (status = 200, description = "A page of tokens, by serial number", body = TokenPage),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(search): ApiQuery<TokenSearch>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Json<TokenPage>> {
    caller.require(Capability::ReadAccounts)?;
    let limit = paging.limit()?;
    // The inventory is ordered by serial: the cursor is the position of the next page.
    let offset = paging.cursor()?.unwrap_or(0);
    let q = search.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if q.is_some_and(|t| t.chars().any(char::is_control)) {
        return Err(Problem::invalid("q", "q may not hold control characters"));
    }
    let filter = TokenFilter {
        search: q.map(|t| t.chars().take(200).collect()),
        unassigned_only: search.unassigned.unwrap_or(false),
        limit,
        offset,
    };
    let found = state.store.tokens(&filter).await?;
    let ids: Vec<i64> = found.iter().filter_map(|(t, _)| t.account_id).collect();
    let uids = state.store.account_uids(&ids).await?;
    let now = state.now();
    let items: Vec<TokenView> = found
        .iter()
        .map(|(t, email)| {
            let holder = t.account_id.and_then(|id| {
                Some(Holder {
                    uid: uids.get(&id)?.clone(),
                    email: email.clone()?,
                })
            });
            TokenView::of(t, holder, now)
        })
        .collect();
    let next_cursor = paging.next(items.len(), Some(offset.saturating_add(items.len() as i64)));
    Ok(Json(TokenPage { items, next_cursor }))
}

/// One token.
#[utoipa::path(get, path = "/admin/api/v1/tokens/{serial}", tag = "tokens", operation_id = "getToken",
    params(("serial" = String, Path, description = "The token's serial number")),
    responses(
        (status = 200, description = "The token", body = TokenView),
        (status = 400, description = "Bad path", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
) -> ApiResult<Json<TokenView>> {
    caller.require(Capability::ReadAccounts)?;
    let t = state
        .store
        .token_by_serial(serial_of(&serial)?)
        .await?
        .ok_or_else(|| Problem::not_found("token"))?;
    Ok(Json(TokenView::load(&state, &t).await?))
}

/// The formats of an import.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    /// PSKC, RFC 6030 (plain, under a pre-shared key, or under a password with PBKDF2).
    Pskc,
    /// One token a line: `serial,key,type[,digits[,param[,hash]]]` (docs/AUTHENTICATION.md).
    Csv,
}

/// A file of tokens to import. The whole request body is at most 64 KiB: split a larger
/// file, or import it with `limen token import` on the server.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// pskc or csv.
    #[schema(value_type = ImportFormat)]
    pub format: String,
    /// The file's text (UTF-8; with the rest of the body, at most 64 KiB).
    #[schema(max_length = 60000)]
    pub content: String,
    /// PSKC under PBKDF2: the password.
    pub password: Option<String>,
    /// PSKC under a pre-shared AES key: the key, in hexadecimal.
    pub preshared_key_hex: Option<String>,
    /// Import nothing if any key package is refused (default false).
    pub all_or_nothing: Option<bool>,
}

impl std::fmt::Debug for ImportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportRequest")
            .field("format", &self.format)
            .field("content", &format_args!("<{} bytes>", self.content.len()))
            .finish_non_exhaustive()
    }
}

/// A key package not imported.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refusal {
    /// Its position in the file (PSKC: the key package, 1-based; CSV: the line).
    pub index: usize,
    pub serial: Option<String>,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    /// The serial numbers imported.
    pub imported: Vec<String>,
    /// The key packages refused, and why.
    pub refused: Vec<Refusal>,
}

/// Why the protection given cannot open the file, or the file cannot be read: the field at
/// fault.
fn file_problem(e: &FileError, protection_field: &str) -> Problem {
    let field = match e {
        FileError::KeyNeeded(_) | FileError::WrongKey | FileError::NotEncrypted => protection_field,
        _ => "content",
    };
    Problem::invalid(field, e.to_string())
}

/// The protection of a PSKC file, from the request.
fn protection_of(req: &ImportRequest) -> Result<(Protection, &'static str), Problem> {
    let password = req.password.as_deref().filter(|p| !p.is_empty());
    let key = req.preshared_key_hex.as_deref().filter(|k| !k.is_empty());
    match (password, key) {
        (Some(_), Some(_)) => Err(Problem::invalid(
            "preshared_key_hex",
            "give a password or a pre-shared key, not both",
        )),
        (Some(p), None) => Ok((
            Protection::Password(Secret::new(p.as_bytes().to_vec())),
            "password",
        )),
        (None, Some(k)) => {
            let bytes = hex::decode(k.trim()).map_err(|_| {
                Problem::invalid(
                    "preshared_key_hex",
                    "the pre-shared key must be hexadecimal",
                )
            })?;
            Ok((
                Protection::PreShared(Secret::new(bytes)),
                "preshared_key_hex",
            ))
        }
        (None, None) => Ok((Protection::None, "password")),
    }
}

/// Import tokens from a PSKC or CSV file.
#[utoipa::path(post, path = "/admin/api/v1/tokens/import", tag = "tokens", operation_id = "importTokens",
    request_body = ImportRequest,
    responses(
        (status = 200, description = "Imported (some key packages may have been refused: see `refused`)", body = ImportResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file cannot be read, or nothing in it was imported (each refusal in `errors`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<ImportRequest>,
) -> ApiResult<Json<ImportResult>> {
    caller.require(Capability::ManageAccounts)?;
    let csv = match req.format.as_str() {
        "pskc" => false,
        "csv" => true,
        _ => return Err(Problem::invalid("format", "format must be pskc or csv")),
    };
    if csv && (req.password.is_some() || req.preshared_key_hex.is_some()) {
        return Err(Problem::invalid(
            "password",
            "a CSV file is not encrypted: give no password or key",
        ));
    }
    let (protection, protection_field) = protection_of(&req)?;
    let all_or_nothing = req.all_or_nothing.unwrap_or(false);
    // The text holds the keys themselves: its buffer is zeroed when dropped.
    let content = Secret::new(req.content.into_bytes());
    // PBKDF2 (up to pskc::MAX_ITERATIONS) and XML parsing are CPU work: off the async threads.
    let parsed = tokio::task::spawn_blocking(move || {
        if csv {
            limen_oath::csv::parse(content.expose())
        } else {
            pskc::parse(content.expose(), &protection)
        }
    })
    .await
    .map_err(|e| Problem::from(crate::WebError::Internal(format!("token import: {e}"))))?
    .map_err(|e| file_problem(&e, protection_field))?;
    let source = if csv {
        "admin API (CSV)"
    } else {
        "admin API (PSKC)"
    };
    let report: ImportReport = inventory(&state)?
        .import(&state.authn, parsed, all_or_nothing, source)
        .await?;
    let refused: Vec<Refusal> = report
        .refused
        .into_iter()
        .map(|(index, serial, reason)| Refusal {
            index,
            serial,
            reason,
        })
        .collect();
    if !report.committed {
        let detail = if refused.is_empty() {
            "the file holds no key package".to_owned()
        } else if all_or_nothing {
            format!(
                "nothing imported (all_or_nothing, {} refused)",
                refused.len()
            )
        } else {
            format!("nothing imported ({} refused)", refused.len())
        };
        let mut p = Problem::invalid("content", detail);
        p.errors = refused
            .iter()
            .map(|r| super::FieldError {
                field: "content".into(),
                message: format!(
                    "key package {} ({}): {}",
                    r.index,
                    r.serial.as_deref().unwrap_or("no serial number"),
                    r.reason
                ),
            })
            .collect();
        if p.errors.is_empty() {
            p.errors.push(super::FieldError {
                field: "content".into(),
                message: "the file holds no key package".into(),
            });
        }
        return Err(p);
    }
    Ok(Json(ImportResult {
        imported: report.imported,
        refused,
    }))
}

/// What an action on a token did.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenActionResult {
    /// A word saying what happened.
    pub done: String,
    pub token: TokenView,
}

fn done(word: &str, token: TokenView) -> Response {
    Json(TokenActionResult {
        done: word.to_owned(),
        token,
    })
    .into_response()
}

/// Assign a token to an account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// The account's uid.
    pub uid: String,
    /// The name its holder sees (default: the serial number); at most 64 characters.
    pub name: Option<String>,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Assign a token to an account (its holder is told by e-mail).
#[utoipa::path(post, path = "/admin/api/v1/tokens/{serial}/assign", tag = "tokens", operation_id = "assignToken",
    params(("serial" = String, Path, description = "The token's serial number")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Assigned (or already assigned to this account)", body = TokenActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Assigned to another account", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field (e.g. no such account)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn assign(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let serial = serial_of(&serial)?;
    let reason = reason_of(req.reason.as_deref())?;
    let name = match req.name.as_deref() {
        None => None,
        Some(n) => Some(limen_authn::device_name(n).ok_or_else(|| {
            Problem::invalid(
                "name",
                "the name is 1 to 64 characters, without control characters",
            )
        })?),
    };
    let no_account = || Problem::invalid("uid", "no account has this uid");
    if req.uid.chars().any(char::is_control) {
        return Err(no_account());
    }
    let account = by_uid(&state, &req.uid).await.map_err(|_| no_account())?;
    let t = with_reason(
        reason,
        inventory(&state)?.assign(&state.authn, serial, &account, name.as_deref()),
    )
    .await?
    .map_err(refused)?;
    Ok(done("assigned", TokenView::load(&state, &t).await?))
}

/// The body of the other actions.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenAction {
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Take a token back from its holder (it returns to stock).
#[utoipa::path(post, path = "/admin/api/v1/tokens/{serial}/unassign", tag = "tokens", operation_id = "unassignToken",
    params(("serial" = String, Path, description = "The token's serial number")),
    request_body = TokenAction,
    responses(
        (status = 200, description = "Unassigned", body = TokenActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not assigned", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn unassign(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<TokenAction>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let serial = serial_of(&serial)?;
    let reason = reason_of(req.reason.as_deref())?;
    let t = with_reason(reason, inventory(&state)?.unassign(&state.authn, serial))
        .await?
        .map_err(refused)?;
    Ok(done("unassigned", TokenView::load(&state, &t).await?))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReasonParam {
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Delete a token from the inventory (its holder is told, as for a removal).
#[utoipa::path(delete, path = "/admin/api/v1/tokens/{serial}", tag = "tokens", operation_id = "deleteToken",
    params(("serial" = String, Path, description = "The token's serial number"), ReasonParam),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
    ApiQuery(param): ApiQuery<ReasonParam>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let serial = serial_of(&serial)?;
    let reason = reason_of(param.reason.as_deref())?;
    with_reason(reason, inventory(&state)?.delete(&state.authn, serial))
        .await?
        .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Two consecutive codes read off the token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResyncRequest {
    /// A code the token shows.
    #[schema(max_length = 64)]
    pub first: String,
    /// The code it shows next.
    #[schema(max_length = 64)]
    pub second: String,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Resynchronise a HOTP or TOTP token from two consecutive codes (RFC 4226 §7.4; RFC 6238 §6).
#[utoipa::path(post, path = "/admin/api/v1/tokens/{serial}/resync", tag = "tokens", operation_id = "resyncToken",
    params(("serial" = String, Path, description = "The token's serial number")),
    request_body = ResyncRequest,
    responses(
        (status = 200, description = "Resynchronised", body = TokenActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An OCRA token: it has no codes to resynchronise", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The codes do not match the token, or a field is invalid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn resync(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<ResyncRequest>,
) -> ApiResult {
    caller.require(Capability::Helpdesk)?;
    let serial = serial_of(&serial)?;
    may_act_on_holder(&state, &caller, serial).await?;
    let reason = reason_of(req.reason.as_deref())?;
    for (field, code) in [("first", &req.first), ("second", &req.second)] {
        if code.trim().is_empty() || code.chars().count() > 64 {
            return Err(Problem::invalid(
                field,
                "a code is what the token shows: 1 to 64 characters",
            ));
        }
    }
    let t = with_reason(
        reason,
        inventory(&state)?.resync_serial(&state.authn, serial, &req.first, &req.second),
    )
    .await?
    .map_err(refused)?;
    Ok(done("resynchronised", TokenView::load(&state, &t).await?))
}

async fn set_locked(
    state: AppState,
    caller: Caller,
    serial: String,
    req: TokenAction,
    locked: bool,
) -> ApiResult {
    caller.require(Capability::Helpdesk)?;
    let serial = serial_of(&serial)?;
    may_act_on_holder(&state, &caller, serial).await?;
    let reason = reason_of(req.reason.as_deref())?;
    let t = with_reason(
        reason,
        inventory(&state)?.set_locked(&state.authn, serial, locked),
    )
    .await?
    .map_err(refused)?;
    let word = if locked { "locked" } else { "unlocked" };
    Ok(done(word, TokenView::load(&state, &t).await?))
}

/// Lock a token: it refuses every code until unlocked.
#[utoipa::path(post, path = "/admin/api/v1/tokens/{serial}/lock", tag = "tokens", operation_id = "lockToken",
    params(("serial" = String, Path, description = "The token's serial number")),
    request_body = TokenAction,
    responses(
        (status = 200, description = "Locked (state: disabled)", body = TokenActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn lock(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<TokenAction>,
) -> ApiResult {
    set_locked(state, caller, serial, req, true).await
}

/// Unlock a token: ends an operator's lock and the lockout after wrong codes, and lifts its
/// holder's second-factor throttle.
#[utoipa::path(post, path = "/admin/api/v1/tokens/{serial}/unlock", tag = "tokens", operation_id = "unlockToken",
    params(("serial" = String, Path, description = "The token's serial number")),
    request_body = TokenAction,
    responses(
        (status = 200, description = "Unlocked (state: active)", body = TokenActionResult),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn unlock(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(serial): ApiPath<String>,
    ApiJson(req): ApiJson<TokenAction>,
) -> ApiResult {
    set_locked(state, caller, serial, req, false).await
}

#[derive(OpenApi)]
#[openapi(
    paths(list, show, import, assign, unassign, delete, resync, lock, unlock),
    components(schemas(
        TokenView,
        Holder,
        TokenPage,
        ImportFormat,
        ImportRequest,
        ImportResult,
        Refusal,
        AssignRequest,
        TokenAction,
        ResyncRequest,
        TokenActionResult
    ))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/tokens"), get(list))
        .route(&format!("{BASE}/tokens/import"), post(import))
        .route(
            &format!("{BASE}/tokens/{{serial}}"),
            get(show).delete(delete),
        )
        .route(&format!("{BASE}/tokens/{{serial}}/assign"), post(assign))
        .route(
            &format!("{BASE}/tokens/{{serial}}/unassign"),
            post(unassign),
        )
        .route(&format!("{BASE}/tokens/{{serial}}/resync"), post(resync))
        .route(&format!("{BASE}/tokens/{{serial}}/lock"), post(lock))
        .route(&format!("{BASE}/tokens/{{serial}}/unlock"), post(unlock))
}
