//! Groups and their members (issue 21 item 1; the groups of issue 13, which CAS and OpenID
//! Connect release to services). The rules are those of `limen group ...`: a name is a
//! [`GroupName`], a description at most 500 characters without control characters, every change
//! is in the audit log under the same events (`group.create`, `group.update`, `group.delete`,
//! `group.member.add`, `group.member.remove`) — here with the API client as the actor.

use super::accounts::{ReasonQuery, by_uid, reason_of};
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
use axum::routing::{get, put};
use axum::{Json, Router};
use limen_core::{Capability, GroupName};
use limen_store::{Group, MembershipChange, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

/// As `limen group add --description`.
const MAX_DESCRIPTION_CHARS: usize = 500;

/// A group as the admin API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupView {
    /// The group's name: its id in this API (case-sensitive).
    pub name: String,
    pub description: Option<String>,
    pub created_at: String,
    /// Accounts in the group.
    pub members: i64,
}

impl GroupView {
    fn of(g: &Group) -> GroupView {
        GroupView {
            name: g.name.as_str().to_owned(),
            description: g.description.clone(),
            created_at: rfc3339(g.created_at),
            members: g.members,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupPage {
    pub items: Vec<GroupView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

/// A member of a group.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub uid: String,
    pub email: String,
    pub added_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<MemberView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

/// The group a path names, or 404 (a name that cannot be a group's names none).
async fn by_name(state: &AppState, name: &str) -> Result<Group, Problem> {
    let Ok(name) = GroupName::parse(name) else {
        return Err(Problem::not_found("group"));
    };
    state
        .store
        .group(&name)
        .await?
        .ok_or_else(|| Problem::not_found("group"))
}

/// A description as given: trimmed, empty is none, checked as the command line checks it.
fn description_of(given: Option<&str>) -> Result<Option<String>, Problem> {
    match given.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) if d.chars().count() > MAX_DESCRIPTION_CHARS => Err(Problem::invalid(
            "description",
            format!("the description is at most {MAX_DESCRIPTION_CHARS} characters"),
        )),
        Some(d) if d.chars().any(char::is_control) => Err(Problem::invalid(
            "description",
            "the description may not hold control characters",
        )),
        other => Ok(other.map(str::to_owned)),
    }
}

/// One page of `items` (sorted by id) after the cursor.
fn page_of<T>(
    paging: &Paging,
    mut items: Vec<T>,
    id: impl Fn(&T) -> i64,
) -> Result<(Vec<T>, Option<String>), Problem> {
    let limit = usize::try_from(paging.limit()?).unwrap_or(50);
    let after = paging.cursor()?;
    items.sort_by_key(&id);
    let page: Vec<T> = items
        .into_iter()
        .filter(|i| after.is_none_or(|a| id(i) > a))
        .take(limit)
        .collect();
    let next = paging.next(page.len(), page.last().map(&id));
    Ok((page, next))
}

/// The groups, by creation.
#[utoipa::path(get, path = "/admin/api/v1/groups", tag = "groups", operation_id = "listGroups",
    params(Paging),
    responses(
        (status = 200, description = "A page of groups", body = GroupPage),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Json<GroupPage>> {
    caller.require(Capability::ReadAccounts)?;
    let (groups, next_cursor) = page_of(&paging, state.store.list_groups().await?, |g| g.id)?;
    Ok(Json(GroupPage {
        items: groups.iter().map(GroupView::of).collect(),
        next_cursor,
    }))
}

/// A new group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    /// Case-sensitive, at most 128 characters, without commas, `*` or control characters.
    pub name: String,
    /// At most 500 characters.
    pub description: Option<String>,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Create a group.
#[utoipa::path(post, path = "/admin/api/v1/groups", tag = "groups", operation_id = "createGroup",
    request_body = NewGroup,
    responses(
        (status = 201, description = "Created", body = GroupView,
            headers(("Location" = String, description = "The new group"),
                    ("ETag" = String, description = "Its version"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A group has this name", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<NewGroup>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let name = GroupName::parse(&body.name).map_err(|e| Problem::invalid("name", e.to_string()))?;
    let description = description_of(body.description.as_deref())?;
    let reason = reason_of(body.reason.as_deref())?;
    let group = match state
        .store
        .create_group(&name, description.as_deref(), state.now())
        .await
    {
        Err(StoreError::Duplicate(_)) => {
            return Err(Problem::conflict(format!(
                "a group named {:?} exists already",
                name.as_str()
            )));
        }
        other => other?,
    };
    with_reason(
        reason,
        state.authn.audit_raw(
            "group.create",
            None,
            &ip,
            json!({"group": name.as_str(), "description": description, "by": caller.actor}),
        ),
    )
    .await;
    let mut response = json_with_etag(StatusCode::CREATED, &GroupView::of(&group));
    let location = format!("{BASE}/groups/{}", path_segment(name.as_str()));
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// A name percent-encoded for a URL path segment (RFC 3986 §3.3).
fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One group (with its ETag).
#[utoipa::path(get, path = "/admin/api/v1/groups/{name}", tag = "groups", operation_id = "getGroup",
    params(("name" = String, Path, description = "The group's name")),
    responses(
        (status = 200, description = "The group", body = GroupView,
            headers(("ETag" = String, description = "Send it back as If-Match to change the group"))),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(name): ApiPath<String>,
) -> ApiResult {
    caller.require(Capability::ReadAccounts)?;
    let group = by_name(&state, &name).await?;
    Ok(json_with_etag(StatusCode::OK, &GroupView::of(&group)))
}

/// What may be changed on a group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupPatch {
    /// The new description (at most 500 characters); an empty one removes it.
    pub description: String,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Change a group's description (needs `If-Match`).
#[utoipa::path(patch, path = "/admin/api/v1/groups/{name}", tag = "groups", operation_id = "updateGroup",
    params(("name" = String, Path, description = "The group's name"),
           ("If-Match" = String, Header, description = "The ETag of the group as read")),
    request_body = GroupPatch,
    responses(
        (status = 200, description = "The group as changed", body = GroupView,
            headers(("ETag" = String, description = "Its new version"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
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
    ApiPath(name): ApiPath<String>,
    ApiJson(change): ApiJson<GroupPatch>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let group = by_name(&state, &name).await?;
    check_if_match(&headers, &etag_of(&GroupView::of(&group)))?;
    let description = description_of(Some(&change.description))?;
    let reason = reason_of(change.reason.as_deref())?;
    if description != group.description {
        state
            .store
            .set_group_description(&group.name, description.as_deref())
            .await?;
        with_reason(
            reason,
            state.authn.audit_raw(
                "group.update",
                None,
                &ip,
                json!({
                    "group": group.name.as_str(),
                    "description": description,
                    "by": caller.actor,
                }),
            ),
        )
        .await;
    }
    let group = by_name(&state, &name).await?;
    Ok(json_with_etag(StatusCode::OK, &GroupView::of(&group)))
}

/// Delete a group; its members leave it (needs `If-Match`).
#[utoipa::path(delete, path = "/admin/api/v1/groups/{name}", tag = "groups", operation_id = "deleteGroup",
    params(("name" = String, Path, description = "The group's name"),
           ("If-Match" = String, Header, description = "The ETag of the group as read"),
           ReasonQuery),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiPath(name): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let group = by_name(&state, &name).await?;
    check_if_match(&headers, &etag_of(&GroupView::of(&group)))?;
    let reason = reason_of(q.reason.as_deref())?;
    let members = match state.store.delete_group(&group.name).await {
        Err(StoreError::NotFound) => return Err(Problem::not_found("group")),
        other => other?,
    };
    with_reason(
        reason,
        state.authn.audit_raw(
            "group.delete",
            None,
            &ip,
            json!({"group": group.name.as_str(), "members": members, "by": caller.actor}),
        ),
    )
    .await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The members of a group, by when their account was made.
#[utoipa::path(get, path = "/admin/api/v1/groups/{name}/members", tag = "groups", operation_id = "listGroupMembers",
    params(("name" = String, Path, description = "The group's name"), Paging),
    responses(
        (status = 200, description = "A page of members", body = MemberPage),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn members(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(name): ApiPath<String>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Json<MemberPage>> {
    caller.require(Capability::ReadAccounts)?;
    let group = by_name(&state, &name).await?;
    let Some(all) = state.store.group_members(&group.name).await? else {
        return Err(Problem::not_found("group"));
    };
    let (page, next_cursor) = page_of(&paging, all, |m| m.account_id)?;
    Ok(Json(MemberPage {
        items: page
            .into_iter()
            .map(|m| MemberView {
                uid: m.uid,
                email: m.email,
                added_at: rfc3339(m.added_at),
            })
            .collect(),
        next_cursor,
    }))
}

/// Put an account in a group (nothing to do if it is a member already).
#[utoipa::path(put, path = "/admin/api/v1/groups/{name}/members/{uid}", tag = "groups", operation_id = "addGroupMember",
    params(("name" = String, Path, description = "The group's name"),
           ("uid" = String, Path, description = "The account's uid"),
           ReasonQuery),
    responses(
        (status = 204, description = "The account is a member"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group or account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_member(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath((name, uid)): ApiPath<(String, String)>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let group = by_name(&state, &name).await?;
    let account = by_uid(&state, &uid).await?;
    let reason = reason_of(q.reason.as_deref())?;
    match state
        .store
        .add_group_member(&group.name, account.id, state.now())
        .await?
    {
        MembershipChange::Done => {
            with_reason(
                reason,
                state.authn.audit_raw(
                    "group.member.add",
                    Some(account.id),
                    &ip,
                    json!({"group": group.name.as_str(), "by": caller.actor}),
                ),
            )
            .await;
        }
        // PUT is idempotent (RFC 9110 §9.2.2): a member already is what was asked.
        MembershipChange::Unchanged => {}
        MembershipChange::NoSuchGroup => return Err(Problem::not_found("group")),
        MembershipChange::NoSuchAccount => return Err(Problem::not_found("account")),
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Take an account out of a group.
#[utoipa::path(delete, path = "/admin/api/v1/groups/{name}/members/{uid}", tag = "groups", operation_id = "removeGroupMember",
    params(("name" = String, Path, description = "The group's name"),
           ("uid" = String, Path, description = "The account's uid"),
           ReasonQuery),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group or account, or not a member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath((name, uid)): ApiPath<(String, String)>,
    ApiQuery(q): ApiQuery<ReasonQuery>,
) -> ApiResult {
    caller.require(Capability::ManageAccounts)?;
    let group = by_name(&state, &name).await?;
    let account = by_uid(&state, &uid).await?;
    let reason = reason_of(q.reason.as_deref())?;
    match state
        .store
        .remove_group_member(&group.name, account.id)
        .await?
    {
        MembershipChange::Done => {
            with_reason(
                reason,
                state.authn.audit_raw(
                    "group.member.remove",
                    Some(account.id),
                    &ip,
                    json!({"group": group.name.as_str(), "by": caller.actor}),
                ),
            )
            .await;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        MembershipChange::Unchanged => Err(Problem::not_found("membership")),
        MembershipChange::NoSuchGroup => Err(Problem::not_found("group")),
        MembershipChange::NoSuchAccount => Err(Problem::not_found("account")),
    }
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, show, patch, remove, members, add_member, remove_member),
    components(schemas(GroupView, GroupPage, MemberView, MemberPage, NewGroup, GroupPatch))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/groups"), get(list).post(create))
        .route(
            &format!("{BASE}/groups/{{name}}"),
            get(show).patch(patch).delete(remove),
        )
        .route(&format!("{BASE}/groups/{{name}}/members"), get(members))
        .route(
            &format!("{BASE}/groups/{{name}}/members/{{uid}}"),
            put(add_member).delete(remove_member),
        )
}
