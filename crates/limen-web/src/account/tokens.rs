//! My account → "Manage my tokens" (issue 16): the hardware tokens of the account — "Token"
//! (HOTP and TOTP code tokens) and "Token CRAM" (OCRA challenge–response) — with rename and
//! remove, and "Add a token": the serial number printed on it, then proof that it is in hand
//! (two consecutive codes, or the response to a challenge).
//!
//! The rules — who may bind tokens (`[methods.token] user_types`, staff by default), the step-up
//! to an existing factor, the e-mails, the audit log — are the engine's; the method's code never
//! says whether a serial exists: every failure is the same message after the codes.

use super::{signed_in, signed_in_form, step_up};
use crate::authn::client;
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::{Answer, Challenge, EnrolStart, Enrolment, FactorChange};
use limen_core::policy::MethodStatus;
use limen_core::{Account, Method, SsoSession};
use serde::Deserialize;

const HERE: &str = "/account/tokens";

struct TokenRow {
    id: i64,
    /// `token` or `token_cram`: the form names the method.
    method: &'static str,
    name: String,
    serial: String,
    kind: String,
    created: String,
    last_used: String,
    locked: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct ListPage {
    ctx: PageCtx,
    tokens: Vec<TokenRow>,
    notice: Option<String>,
    error: Option<String>,
    /// Whether the account may add tokens at all.
    can_add: bool,
    stronger_needed: Option<String>,
}

#[derive(Template)]
#[template(path = "tokens_add.html")]
struct AddPage {
    ctx: PageCtx,
    cram: bool,
    serial: String,
    name: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "tokens_prove.html")]
struct ProvePage {
    ctx: PageCtx,
    cram: bool,
    serial: String,
    challenge: Option<String>,
    ceremony: String,
    error: Option<String>,
}

const METHODS: [Method; 2] = [Method::Token, Method::TokenCram];

fn method_of(key: &str) -> Method {
    if key == Method::TokenCram.config_key() {
        Method::TokenCram
    } else {
        Method::Token
    }
}

fn usable(state: &AppState, account: &Account) -> Vec<Method> {
    METHODS
        .into_iter()
        .filter(|m| state.authn.method_status(*m, account) == MethodStatus::Usable)
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    added: Option<String>,
    removed: Option<String>,
    renamed: Option<String>,
}

/// GET /account/tokens
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let (session, account) = match signed_in(&state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = if q.added.is_some() {
        Some(ctx.tr.t("tokens-added"))
    } else if q.removed.is_some() {
        Some(ctx.tr.t("tokens-removed"))
    } else if q.renamed.is_some() {
        Some(ctx.tr.t("tokens-renamed"))
    } else {
        None
    };
    list_page(
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

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let never = ctx.tr.t("webauthn-never-used");
    let mut tokens = Vec::new();
    for method in METHODS {
        let Some(f) = state.authn.factor(method) else {
            continue;
        };
        for d in f.devices(&state.authn, account).await? {
            tokens.push(TokenRow {
                id: d.id,
                method: method.config_key(),
                serial: d.detail.unwrap_or_default(),
                kind: ctx.tr.t(&format!("tokens-kind-{}", d.kind)),
                created: ctx.tr.datetime(d.created_at),
                last_used: d
                    .last_used_at
                    .map_or_else(|| never.clone(), |t| ctx.tr.datetime(t)),
                locked: d.blocked,
                name: d.name,
            });
        }
    }
    let (_, has) = state.authn.may_change_factors(session, account).await?;
    let page = ListPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        tokens,
        notice,
        error,
        can_add: !usable(state, account).is_empty(),
        stronger_needed: (!has).then(|| ctx.tr.t("webauthn-stronger-needed")),
    };
    pages::render(ctx, status, &page)
}

async fn unavailable(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    method: Method,
) -> Result<Option<Response>, WebError> {
    if usable(state, account).contains(&method) {
        return Ok(None);
    }
    let error = Some(ctx.tr.t("tokens-unavailable"));
    Ok(Some(
        list_page(
            state,
            ctx,
            session,
            account,
            None,
            error,
            StatusCode::FORBIDDEN,
        )
        .await?,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct AddQuery {
    method: Option<String>,
}

/// GET /account/tokens/add[?method=token_cram]: the serial number and a name.
pub async fn add_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AddQuery>,
) -> Result<Response, WebError> {
    let method = method_of(q.method.as_deref().unwrap_or_default());
    let here = format!("{HERE}/add?method={}", method.config_key());
    let (session, account) = match signed_in(&state, &ctx, &here).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    if let Some(refused) = unavailable(&state, &ctx, &session, &account, method).await? {
        return Ok(refused);
    }
    let (needed, has) = state.authn.may_change_factors(&session, &account).await?;
    if !has {
        return Ok(step_up(&ctx, &here, needed));
    }
    let page = AddPage {
        ctx: PageCtx::new(&ctx, Some(account.display_name())),
        cram: method == Method::TokenCram,
        serial: String::new(),
        name: String::new(),
        error: None,
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    serial: String,
    #[serde(default)]
    name: String,
}

/// POST /account/tokens/add: the serial; the page then asks for the proof.
pub async fn add_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AddForm>,
) -> Result<Response, WebError> {
    let method = method_of(&form.method);
    let here = format!("{HERE}/add?method={}", method.config_key());
    let (session, account) =
        match signed_in_form(&state, &ctx, &here, "tokens-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    if let Some(refused) = unavailable(&state, &ctx, &session, &account, method).await? {
        return Ok(refused);
    }
    let again = |key: &str| {
        let page = AddPage {
            ctx: PageCtx::new(&ctx, Some(account.display_name())),
            cram: method == Method::TokenCram,
            serial: form.serial.chars().take(64).collect(),
            name: form.name.chars().take(64).collect(),
            error: Some(ctx.tr.t(key)),
        };
        pages::render(&ctx, StatusCode::BAD_REQUEST, &page)
    };
    if !limen_store::serial_is_typeable(&form.serial) {
        return again("tokens-error-serial");
    }
    let name = if form.name.trim().is_empty() {
        form.serial.trim().to_owned()
    } else {
        form.name.clone()
    };
    let request = Enrolment {
        name,
        kind: None,
        reference: Some(form.serial.trim().to_owned()),
        secret: None,
        session_id: None,
    };
    match state
        .authn
        .enrol_start(method, &session, &account, request, &client(&ctx))
        .await?
    {
        EnrolStart::Started {
            tx,
            challenge: Challenge::Code { shown, device, .. },
        } => {
            let page = ProvePage {
                ctx: PageCtx::new(&ctx, Some(account.display_name())),
                cram: method == Method::TokenCram,
                serial: device.unwrap_or_default(),
                challenge: shown,
                ceremony: tx,
                error: None,
            };
            pages::render(&ctx, StatusCode::OK, &page)
        }
        EnrolStart::StepUp(needed) => Ok(step_up(&ctx, &here, needed)),
        EnrolStart::BadName => again("webauthn-error-name"),
        EnrolStart::Unavailable | EnrolStart::Refused(_) | EnrolStart::Started { .. } => {
            Ok(unavailable(&state, &ctx, &session, &account, method)
                .await?
                .unwrap_or_else(|| ctx.redirect(HERE)))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ProveForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    code2: String,
    #[serde(default)]
    response: String,
}

/// POST /account/tokens/prove: the codes (or the response); the token is then the account's.
pub async fn prove(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ProveForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "tokens-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let answer = if form.response.trim().is_empty() {
        Answer::Code(format!("{} {}", form.code.trim(), form.code2.trim()))
    } else {
        Answer::Code(form.response.trim().to_owned())
    };
    match state
        .authn
        .enrol_finish(&form.ceremony, &session, &account, &answer, &client(&ctx))
        .await?
    {
        Ok(_) => Ok(ctx.redirect(&format!("{HERE}?added=1"))),
        Err(refused) => {
            let msg = Some(ctx.tr.t(refused.message_key));
            list_page(
                &state,
                &ctx,
                &session,
                &account,
                None,
                msg,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
}

async fn no_such_token(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
) -> Result<Response, WebError> {
    let msg = Some(ctx.tr.t("tokens-error-no-such-token"));
    list_page(
        state,
        ctx,
        session,
        account,
        None,
        msg,
        StatusCode::NOT_FOUND,
    )
    .await
}

/// POST /account/tokens/rename
pub async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "tokens-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let Ok(id) = form.id.trim().parse::<i64>() else {
        return no_such_token(&state, &ctx, &session, &account).await;
    };
    let method = method_of(&form.method);
    match state
        .authn
        .rename_factor(method, &account, id, &form.name, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?renamed=1"))),
        FactorChange::BadName => {
            let msg = Some(ctx.tr.t("webauthn-error-name"));
            list_page(
                &state,
                &ctx,
                &session,
                &account,
                None,
                msg,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        FactorChange::NotFound | FactorChange::StepUp(_) => {
            no_such_token(&state, &ctx, &session, &account).await
        }
    }
}

/// POST /account/tokens/remove
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "tokens-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let Ok(id) = form.id.trim().parse::<i64>() else {
        return no_such_token(&state, &ctx, &session, &account).await;
    };
    let method = method_of(&form.method);
    match state
        .authn
        .remove_factor(method, &session, &account, id, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?removed=1"))),
        FactorChange::StepUp(needed) => Ok(step_up(&ctx, HERE, needed)),
        FactorChange::NotFound | FactorChange::BadName => {
            no_such_token(&state, &ctx, &session, &account).await
        }
    }
}
