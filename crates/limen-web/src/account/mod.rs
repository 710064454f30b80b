//! "My account": the tiles of seed 000, starting with "View my sessions" — every browser where
//! the user is signed in, with the means to end any of them; "Authentication methods" (every
//! factor, PANIC, "Always require multi-factor authentication") in [`methods`]; security keys
//! and passkeys in [`webauthn`]. The overview also lists the groups the account belongs to.

pub(crate) mod methods;
pub(crate) mod mobile;
pub(crate) mod phones;
pub(crate) mod signatures;
pub(crate) mod tokens;
pub(crate) mod upstream;
pub(crate) mod webauthn;

use crate::context::{Ctx, SSO};
use crate::pages::{self, AccountOverview, PageCtx, SessionRow, Sessions};
use crate::{AppState, WebError};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{Account, AuthLevel, SsoSession};
use serde::Deserialize;

/// The signed-in user, or a redirect to the login page that comes back here. My account is a
/// service like the others: its session must satisfy the account's own rule ("Always require
/// multi-factor authentication": a session that proved the password alone is stepped up).
pub(crate) async fn signed_in(
    state: &AppState,
    ctx: &Ctx,
    here: &str,
) -> Result<Result<(SsoSession, Account), Response>, WebError> {
    let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
    let to_login = || Ok(Err(ctx.redirect(&format!("/cas/login?next={next}"))));
    let Some((session, account)) = crate::authn::current_session(state, ctx).await? else {
        return to_login();
    };
    let basic = limen_authn::Requirement::level(AuthLevel::Basic);
    match state.authn.check(&basic, &session, &account, false).await? {
        limen_authn::Satisfaction::Satisfied(_) => Ok(Ok((session, account))),
        _ => to_login(),
    }
}

/// To the login page for a stronger proof, then back to `here`.
pub(crate) fn step_up(ctx: &Ctx, here: &str, level: AuthLevel) -> Response {
    let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
    // Every session proves BASIC; when BASIC is still missing, the session's proof is one that
    // may not change the account's ways in (a social network's, for an account with a
    // password): the password, afresh.
    let renew = if level == AuthLevel::Basic {
        "&renew=1"
    } else {
        ""
    };
    ctx.redirect(&format!(
        "/cas/login?next={next}&authenticationLevel={}{renew}",
        level.as_str()
    ))
}

/// For the forms of My account: the signed-in user (or the way to the login page), and the
/// CSRF check (or the page that refuses the form, with a link back to `here`).
pub(crate) async fn signed_in_form(
    state: &AppState,
    ctx: &Ctx,
    here: &str,
    title_key: &str,
    csrf_token: &str,
) -> Result<Result<(SsoSession, Account), Response>, WebError> {
    let found = match signed_in(state, ctx, here).await? {
        Ok(found) => found,
        Err(redirect) => return Ok(Err(redirect)),
    };
    if !ctx.csrf_ok(csrf_token) {
        return Ok(Err(pages::csrf_refused(
            ctx,
            (here.to_owned(), ctx.tr.t(title_key)),
        )?));
    }
    Ok(Ok(found))
}

pub async fn overview(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let (_, account) = match signed_in(&state, &ctx, "/account").await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let groups = state.store.account_groups(account.id).await?;
    pages::render(
        &ctx,
        StatusCode::OK,
        &AccountOverview {
            ctx: PageCtx::new(&ctx, Some(account.display_name())),
            groups,
            // Shown when an upstream can be linked, or one still is.
            eids: !state.upstreams.listed().is_empty()
                || !state.store.upstream_links_of(account.id).await?.is_empty(),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct SessionsQuery {
    ended: Option<String>,
}

pub async fn sessions(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SessionsQuery>,
) -> Result<Response, WebError> {
    let (current, account) = match signed_in(&state, &ctx, "/account/sessions").await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let summaries = state
        .store
        .sessions_of_account(
            account.id,
            state.now(),
            state.now() - state.authn.config().session.idle,
        )
        .await?;
    let rows = summaries
        .into_iter()
        .map(|s| SessionRow {
            current: s.session.id == current.id,
            public_id: s.session.public_id.clone(),
            started: ctx.tr.datetime(s.session.created_at),
            last_seen: ctx.tr.datetime(s.session.last_seen_at),
            address: s.session.client_ip.clone(),
            browser: s.session.user_agent.clone(),
            methods: s
                .session
                .proofs
                .iter()
                .map(|p| {
                    format!(
                        "{} ({})",
                        ctx.tr.t(&format!("method-{}", p.strength.as_str())),
                        ctx.tr.datetime(p.at)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            services: s.services.join(", "),
        })
        .collect();
    let page = Sessions {
        ctx: PageCtx::new(&ctx, Some(account.display_name())),
        sessions: rows,
        notice: q.ended.map(|_| ctx.tr.t("sessions-ended")),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct EndForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    session: String,
}

pub async fn end_session(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<EndForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = ("/account/sessions".to_owned(), ctx.tr.t("account-sessions"));
        return pages::csrf_refused(&ctx, back);
    }
    let (current, account) = match signed_in(&state, &ctx, "/account/sessions").await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    // Only the user's own sessions can be found this way.
    let Some(target) = state
        .store
        .session_by_public_id(account.id, &form.session)
        .await?
    else {
        return Ok(ctx.redirect("/account/sessions"));
    };
    state.authn.end_session(&target.id).await?;
    let event = limen_authn::AuthEvent::SessionEndedByUser {
        session: target.public_id.clone(),
    };
    state
        .authn
        .audit(event, Some(account.id), &ctx.client_ip)
        .await;
    if target.id == current.id {
        ctx.clear_cookie(SSO);
        return Ok(ctx.redirect("/cas/login"));
    }
    Ok(ctx.redirect("/account/sessions?ended=1"))
}
