//! `/admin/admins` (`ManageAdmins`): who holds a role — people (granted and revoked here, by
//! e-mail address, with a reason) and programs (admin API clients, shown; granted with
//! `limen admin client grant`). An operator can neither revoke nor change their own role: the
//! console never locks its last admin out by a slip.

use super::{Admin, Params, Shell, as_admin, gate, notice, page_ctx, reason_of};
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{AccountStatus, AdminRole, Capability, Email};

pub(crate) struct PersonRow {
    pub uid: String,
    pub email: String,
    pub role: String,
    pub granted: String,
    pub granted_by: String,
    pub is_self: bool,
}

pub(crate) struct ClientRow {
    pub service: String,
    pub client_id: String,
    pub role: String,
    pub granted: String,
}

/// What was typed in a refused form: (form, e-mail or uid, role, reason).
#[derive(Default, Clone)]
pub(crate) struct Typed {
    pub form: String,
    pub who: String,
    pub role: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "admin/admins.html")]
pub(crate) struct AdminsPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub people: Vec<PersonRow>,
    pub clients: Vec<ClientRow>,
    pub roles: Vec<(&'static str, String)>,
    pub typed: Typed,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, "/admin/admins", Capability::ManageAdmins).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let p = Params::query(raw.as_deref());
    let done = notice(&ctx, &p.get("done"), &["grant", "revoke"]);
    show(&state, &ctx, &admin, done, None, Typed::default()).await
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    admin: &Admin,
    notice: Option<String>,
    error: Option<(&str, StatusCode)>,
    typed: Typed,
) -> Result<Response, WebError> {
    let role_name = |r: AdminRole| ctx.tr.t(&format!("admin-role-{}", r.as_str()));
    let people = state
        .store
        .admins()
        .await?
        .into_iter()
        .map(|g| PersonRow {
            is_self: g.account.id == admin.account.id,
            uid: g.account.uid,
            email: g.account.email.to_string(),
            role: role_name(g.role),
            granted: ctx.tr.datetime(g.granted_at),
            granted_by: g.granted_by,
        })
        .collect();
    let clients = state
        .store
        .admin_clients()
        .await?
        .into_iter()
        .map(|c| ClientRow {
            service: c.service_name,
            client_id: c.client_id,
            role: role_name(c.role),
            granted: ctx.tr.datetime(c.granted_at),
        })
        .collect();
    let (error, status) = match error {
        Some((key, s)) => (Some(ctx.tr.t(key)), s),
        None => (None, StatusCode::OK),
    };
    let page = AdminsPage {
        ctx: page_ctx(ctx, admin),
        shell: Shell::new(ctx, admin, "/admin/admins"),
        people,
        clients,
        roles: AdminRole::ALL
            .iter()
            .map(|r| (r.as_str(), role_name(*r)))
            .collect(),
        typed,
        notice,
        error,
    };
    pages::render(ctx, status, &page)
}

pub async fn grant(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, WebError> {
    change(state, ctx, body, "grant").await
}

pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, WebError> {
    change(state, ctx, body, "revoke").await
}

async fn change(
    state: AppState,
    ctx: Ctx,
    body: Bytes,
    form_name: &str,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, "/admin/admins", Capability::ManageAdmins).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let form = Params::parse(&body);
    let typed = Typed {
        form: form_name.to_owned(),
        who: form.get(if form_name == "grant" { "email" } else { "uid" }),
        role: form.get("role"),
        reason: form.raw("reason"),
    };
    let refuse = |key: &'static str, status: StatusCode| {
        show(
            &state,
            &ctx,
            &admin,
            None,
            Some((key, status)),
            typed.clone(),
        )
    };
    if !ctx.csrf_ok(&form.get("csrf_token")) {
        return refuse("error-csrf", StatusCode::FORBIDDEN).await;
    }
    let reason = match reason_of(&typed.reason) {
        Ok(r) => r,
        Err(key) => return refuse(key, StatusCode::BAD_REQUEST).await,
    };
    let account = if form_name == "grant" {
        match Email::parse(&typed.who) {
            Ok(e) => state.store.account_by_email(&e).await?,
            Err(_) => None,
        }
    } else if typed.who.len() <= 64 {
        state.store.account_by_uid(&typed.who).await?
    } else {
        None
    };
    let Some(account) = account.filter(|a| a.status != AccountStatus::Deleted) else {
        return refuse("admin-error-no-account", StatusCode::NOT_FOUND).await;
    };
    if account.id == admin.account.id {
        return refuse("admin-error-own-role", StatusCode::CONFLICT).await;
    }
    let now = state.now();
    if form_name == "grant" {
        let Ok(role) = typed.role.parse::<AdminRole>() else {
            return refuse("admin-error-role", StatusCode::BAD_REQUEST).await;
        };
        state
            .store
            .grant_admin(account.id, role, &admin.actor(), now)
            .await?;
        let audit = state.authn.audit_raw(
            "admin.role_granted",
            Some(account.id),
            &ctx.client_ip,
            serde_json::json!({"role": role.as_str()}),
        );
        as_admin(&admin, &ctx, Some(&reason), audit).await;
    } else {
        if !state.store.revoke_admin(account.id).await? {
            return refuse("admin-error-no-role", StatusCode::CONFLICT).await;
        }
        let audit = state.authn.audit_raw(
            "admin.role_revoked",
            Some(account.id),
            &ctx.client_ip,
            serde_json::json!({}),
        );
        as_admin(&admin, &ctx, Some(&reason), audit).await;
    }
    Ok(ctx.redirect(&format!("/admin/admins?done={form_name}")))
}
