//! `/admin/tokens`: the hardware token inventory (`ReadAccounts`), searched by serial, holder or
//! name, by pages; a blocked token (locked by an operator, or after wrong codes) is unlocked by
//! the help desk (`Helpdesk`) with a reason — the engine's `set_locked`, as `limen token unlock`.

use super::{Params, Shell, as_admin, gate, notice, page_ctx, query_string, reason_of};
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::token::TokenFactor;
use limen_core::{Capability, Method};
use limen_store::TokenFilter;

const PAGE: i64 = 50;

pub(crate) struct TokenRow {
    pub serial: String,
    pub kind: String,
    pub holder: String,
    pub name: String,
    pub blocked: bool,
    pub failures: i64,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
pub(crate) struct TokensPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub q: String,
    pub unassigned: bool,
    pub rows: Vec<TokenRow>,
    pub may_unlock: bool,
    /// The serial whose unlock was refused, and the reason typed for it.
    pub typed: (String, String),
    pub notice: Option<String>,
    pub error: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let p = Params::query(raw.as_deref());
    let done = notice(&ctx, &p.get("done"), &["token-unlock"]);
    show(&state, &ctx, &p, done, None, (String::new(), String::new())).await
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    p: &Params,
    notice: Option<String>,
    error: Option<(String, StatusCode)>,
    typed: (String, String),
) -> Result<Response, WebError> {
    let admin = match gate(state, ctx, "/admin/tokens", Capability::ReadAccounts).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let q = p.get("q");
    let unassigned = p.get("unassigned") == "1";
    let offset = p
        .get("offset")
        .parse::<i64>()
        .unwrap_or(0)
        .clamp(0, 1_000_000);
    let now = state.now();
    let mut found = state
        .store
        .tokens(&TokenFilter {
            search: Some(q.clone()).filter(|s| !s.is_empty()),
            unassigned_only: unassigned,
            limit: PAGE + 1,
            offset,
        })
        .await?;
    let more = found.len() as i64 > PAGE;
    found.truncate(PAGE as usize);
    let flag = if unassigned { "1" } else { "" };
    let link = |offset: i64| {
        let offset = offset.to_string();
        format!(
            "/admin/tokens?{}",
            query_string(&[("q", &q), ("unassigned", flag), ("offset", &offset)])
        )
    };
    let rows = found
        .into_iter()
        .map(|(t, holder)| TokenRow {
            blocked: t.blocked(now),
            serial: t.serial,
            kind: t.kind,
            holder: holder.unwrap_or_default(),
            name: t.name,
            failures: t.failures,
            last_used: t
                .last_used_at
                .map(|t| ctx.tr.datetime(t))
                .unwrap_or_default(),
        })
        .collect();
    let (error, status) = match error {
        Some((e, s)) => (Some(e), s),
        None => (None, StatusCode::OK),
    };
    let page = TokensPage {
        ctx: page_ctx(ctx, &admin),
        shell: Shell::new(ctx, &admin, "/admin/tokens"),
        next_href: more.then(|| link(offset + PAGE)),
        first_href: (offset > 0).then(|| link(0)),
        q,
        unassigned,
        rows,
        may_unlock: admin.may(Capability::Helpdesk),
        typed,
        notice,
        error,
    };
    pages::render(ctx, status, &page)
}

pub async fn unlock(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, "/admin/tokens", Capability::Helpdesk).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let form = Params::parse(&body);
    let serial = form.get("serial");
    let typed = (serial.clone(), form.raw("reason"));
    let listing = Params::parse(query_string(&[("q", &serial)]).as_bytes());
    let refuse = |key: &str, status: StatusCode| {
        let error = Some((ctx.tr.t(key), status));
        show(&state, &ctx, &listing, None, error, typed.clone())
    };
    if !ctx.csrf_ok(&form.get("csrf_token")) {
        return refuse("error-csrf", StatusCode::FORBIDDEN).await;
    }
    let reason = match reason_of(&typed.1) {
        Ok(r) => r,
        Err(key) => return refuse(key, StatusCode::BAD_REQUEST).await,
    };
    let Some(tokens) = state
        .authn
        .factor_as::<TokenFactor>(Method::Token)
        .map(|f| f.tokens().clone())
    else {
        return refuse("admin-error-no-token", StatusCode::NOT_FOUND).await;
    };
    // As for the account actions: not a token of someone whose role the operator's does not
    // cover (the API's rule, admin/api/tokens.rs).
    if let Some(holder) = state
        .store
        .token_by_serial(&serial)
        .await?
        .and_then(|t| t.account_id)
        && let Some(account) = state.store.account_by_id(holder).await?
        && !crate::admin::may_act_on(&state, admin.role, &account).await?
    {
        return refuse("admin-error-stronger-role", StatusCode::FORBIDDEN).await;
    }
    let done = as_admin(
        &admin,
        &ctx,
        Some(&reason),
        tokens.set_locked(&state.authn, &serial, false),
    )
    .await?;
    match done {
        Ok(t) => Ok(ctx.redirect(&format!(
            "/admin/tokens?{}",
            query_string(&[("q", &t.serial), ("done", "token-unlock")])
        ))),
        Err(_) => refuse("admin-error-no-token", StatusCode::NOT_FOUND).await,
    }
}
