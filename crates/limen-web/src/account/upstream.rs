//! My account → "Manage my eIDs" (seed 000) and the social network accounts linked to this one
//! (issue 19): the links, "Link" (through the upstream, after the same step-up as adding any
//! factor) and "Remove" (the same step-up; never the last way into an account without a
//! password). The rules are the engine's (`limen_authn::upstream`).

use super::{signed_in, signed_in_form, step_up};
use crate::authn::client;
use crate::context::Ctx;
use crate::pages::{self, PageCtx, UpstreamButton};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::upstream::Unlink;
use limen_core::{Account, SsoSession};
use serde::Deserialize;

pub(crate) const HERE: &str = "/account/eids";

struct LinkRow {
    id: i64,
    upstream: String,
    display: String,
    created: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "upstream_links.html")]
struct ListPage {
    ctx: PageCtx,
    links: Vec<LinkRow>,
    available: Vec<UpstreamButton>,
    notice: Option<String>,
    error: Option<String>,
    stronger_needed: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    linked: Option<String>,
    removed: Option<String>,
}

/// GET /account/eids
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let (session, account) = match signed_in(&state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = if q.linked.is_some() {
        Some(ctx.tr.t("upstream-links-linked"))
    } else if q.removed.is_some() {
        Some(ctx.tr.t("upstream-links-removed"))
    } else {
        None
    };
    list(
        &state,
        &ctx,
        &session,
        &account,
        notice,
        None,
        StatusCode::OK,
    )
    .await
}

async fn list(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let never = ctx.tr.t("webauthn-never-used");
    let name = |id: &str| state.upstreams.name_of(id);
    let links = state
        .authn
        .upstream_links(account)
        .await?
        .into_iter()
        .map(|l| LinkRow {
            id: l.id,
            upstream: name(&l.upstream),
            display: l.display,
            created: ctx.tr.datetime(l.created_at),
            last_used: l
                .last_used_at
                .map_or_else(|| never.clone(), |t| ctx.tr.datetime(t)),
        })
        .collect();
    let available = state
        .upstreams
        .listed()
        .into_iter()
        .filter(|(_, _, strength)| state.authn.upstream_live(*strength))
        .map(|(id, name, _)| UpstreamButton { id, name })
        .collect();
    let (_, has) = state.authn.may_change_factors(session, account).await?;
    let page = ListPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        links,
        available,
        notice,
        error,
        stronger_needed: (!has).then(|| ctx.tr.t("webauthn-stronger-needed")),
    };
    pages::render(ctx, status, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: String,
}

/// POST /account/eids/remove
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<RemoveForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "upstream-links-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let outcome = match form.id.trim().parse::<i64>() {
        Ok(id) => {
            state
                .authn
                .upstream_unlink(&session, &account, id, &client(&ctx))
                .await?
        }
        Err(_) => Unlink::NotFound,
    };
    let (key, status) = match outcome {
        Unlink::Done { .. } => return Ok(ctx.redirect(&format!("{HERE}?removed=1"))),
        Unlink::StepUp(needed) => return Ok(step_up(&ctx, HERE, needed)),
        Unlink::LastWayIn => ("upstream-links-last-way-in", StatusCode::CONFLICT),
        Unlink::NotFound => ("upstream-links-not-found", StatusCode::NOT_FOUND),
    };
    let error = Some(ctx.tr.t(key));
    list(&state, &ctx, &session, &account, None, error, status).await
}
