//! My account → "Manage my security keys and trusted platforms" (seed 003): the list (name,
//! kind, model from the AAGUID, creation and last-use dates), add a security key, a trusted
//! platform or a passkey, rename, delete — each change told by a security e-mail.
//!
//! The rules — adding a key to an account that already has a second factor needs a proof at
//! least as strong as its strongest factor, removing one the same (but for a blocked key), the
//! e-mails, the audit log, the sessions ended — are the engine's (`limen_authn`, manage.rs):
//! these handlers parse, call it and render.

use super::{signed_in, signed_in_form, step_up};
use crate::authn::client;
use crate::context::Ctx;
use crate::pages::{self, CeremonyPage, PageCtx, embed};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::webauthn::Kind;
use limen_authn::{Answer, Challenge, EnrolStart, Enrolment, FactorChange};
use limen_core::policy::MethodStatus;
use limen_core::{Account, Method, SsoSession};
use serde::Deserialize;

const HERE: &str = "/account/webauthn";

pub(crate) struct DeviceRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub model: String,
    pub created: String,
    pub last_used: String,
    pub flagged: bool,
}

#[derive(Template)]
#[template(path = "webauthn_keys.html")]
struct KeysPage {
    ctx: PageCtx,
    devices: Vec<DeviceRow>,
    notice: Option<String>,
    error: Option<String>,
    stronger_needed: Option<String>,
}

#[derive(Template)]
#[template(path = "webauthn_add.html")]
struct AddPage {
    ctx: PageCtx,
    title: String,
    intro: Vec<String>,
    kind: &'static str,
    name: String,
    error: Option<String>,
}

fn kind_label(ctx: &Ctx, kind: &str) -> String {
    ctx.tr.t(&format!("webauthn-kind-{kind}"))
}

#[derive(Debug, Default, Deserialize)]
pub struct KeysQuery {
    added: Option<String>,
    deleted: Option<String>,
    renamed: Option<String>,
}

/// GET /account/webauthn
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<KeysQuery>,
) -> Result<Response, WebError> {
    let (session, account) = match signed_in(&state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = if let Some(kind) = q.added.as_deref() {
        let kind = Kind::parse(kind).unwrap_or(Kind::SecurityKey);
        Some(ctx.tr.t(&format!("webauthn-added-{}", kind.as_str())))
    } else if q.deleted.is_some() {
        Some(ctx.tr.t("webauthn-deleted"))
    } else if q.renamed.is_some() {
        Some(ctx.tr.t("webauthn-renamed"))
    } else {
        None
    };
    keys_page(
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

async fn keys_page(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let never = ctx.tr.t("webauthn-never-used");
    let devices = match state.authn.factor(Method::Webauthn) {
        Some(f) => f.devices(&state.authn, account).await?,
        None => Vec::new(),
    };
    let devices = devices
        .into_iter()
        .map(|d| DeviceRow {
            id: d.id,
            kind: kind_label(ctx, &d.kind),
            model: d
                .detail
                .unwrap_or_else(|| ctx.tr.t("webauthn-model-unknown")),
            created: ctx.tr.datetime(d.created_at),
            last_used: d
                .last_used_at
                .map_or_else(|| never.clone(), |t| ctx.tr.datetime(t)),
            flagged: d.blocked,
            name: d.name,
        })
        .collect();
    let (_, has) = state.authn.may_change_factors(session, account).await?;
    let page = KeysPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        devices,
        notice,
        error,
        stronger_needed: (!has).then(|| ctx.tr.t("webauthn-stronger-needed")),
    };
    pages::render(ctx, status, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct AddQuery {
    kind: Option<String>,
}

fn add_page(
    ctx: &Ctx,
    account: &Account,
    kind: Kind,
    name: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let page = AddPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        title: ctx.tr.t(&format!("webauthn-add-{}", kind.as_str())),
        intro: vec![
            ctx.tr.t(&format!("webauthn-kind-{}-desc", kind.as_str())),
            ctx.tr.t("webauthn-add-intro"),
        ],
        kind: kind.as_str(),
        name: name.to_owned(),
        error,
    };
    pages::render(ctx, status, &page)
}

/// GET /account/webauthn/add?kind=…: the name of the new key.
pub async fn add_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AddQuery>,
) -> Result<Response, WebError> {
    let kind = q
        .kind
        .as_deref()
        .and_then(Kind::parse)
        .unwrap_or(Kind::SecurityKey);
    let here = format!("{HERE}/add?kind={}", kind.as_str());
    let (session, account) = match signed_in(&state, &ctx, &here).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    if let Some(refused) = unavailable(&state, &ctx, &session, &account).await? {
        return Ok(refused);
    }
    let (needed, has) = state.authn.may_change_factors(&session, &account).await?;
    if !has {
        return Ok(step_up(&ctx, &here, needed));
    }
    add_page(&ctx, &account, kind, "", None, StatusCode::OK)
}

/// The method is disabled, retired or not for this user type: say so on the list page.
async fn unavailable(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
) -> Result<Option<Response>, WebError> {
    if state.authn.method_status(Method::Webauthn, account) == MethodStatus::Usable {
        return Ok(None);
    }
    let error = Some(ctx.tr.t("webauthn-unavailable"));
    Ok(Some(
        keys_page(
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
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
}

/// POST /account/webauthn/add: starts the registration ceremony.
pub async fn add_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AddForm>,
) -> Result<Response, WebError> {
    let kind = Kind::parse(&form.kind).unwrap_or(Kind::SecurityKey);
    let here = format!("{HERE}/add?kind={}", kind.as_str());
    let (session, account) =
        match signed_in_form(&state, &ctx, &here, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    if let Some(refused) = unavailable(&state, &ctx, &session, &account).await? {
        return Ok(refused);
    }
    let request = Enrolment {
        name: form.name.clone(),
        kind: Some(kind.as_str().to_owned()),
        reference: None,
        secret: None,
        session_id: None,
    };
    let (tx, options) = match state
        .authn
        .enrol_start(Method::Webauthn, &session, &account, request, &client(&ctx))
        .await?
    {
        EnrolStart::Started {
            tx,
            challenge: Challenge::Webauthn { options },
        } => (tx, options),
        EnrolStart::StepUp(needed) => return Ok(step_up(&ctx, &here, needed)),
        EnrolStart::BadName => {
            let typed: String = form.name.chars().take(200).collect();
            let msg = ctx.tr.t("webauthn-error-name");
            return add_page(
                &ctx,
                &account,
                kind,
                &typed,
                Some(msg),
                StatusCode::BAD_REQUEST,
            );
        }
        EnrolStart::Unavailable | EnrolStart::Refused(_) | EnrolStart::Started { .. } => {
            return Ok(unavailable(&state, &ctx, &session, &account)
                .await?
                .unwrap_or_else(|| ctx.redirect(HERE)));
        }
    };
    let page = CeremonyPage {
        ctx: PageCtx::new(&ctx, Some(account.display_name())),
        title: ctx.tr.t(&format!("webauthn-add-{}", kind.as_str())),
        intro: vec![ctx.tr.t("webauthn-register-text")],
        status: ctx.tr.t("webauthn-register-status"),
        error: None,
        service_name: None,
        summary: None,
        action: format!("{HERE}/finish"),
        mode: "create",
        ceremony: tx,
        options: embed(&options),
        back: Some((HERE.to_owned(), ctx.tr.t("back-to-keys"))),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct FinishForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    credential: String,
}

/// POST /account/webauthn/finish: the browser's answer to the registration ceremony.
pub async fn finish(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<FinishForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let answer = Answer::Webauthn(form.credential.clone());
    match state
        .authn
        .enrol_finish(&form.ceremony, &session, &account, &answer, &client(&ctx))
        .await?
    {
        Ok((_, device)) => Ok(ctx.redirect(&format!("{HERE}?added={}", device.kind))),
        Err(refused) => {
            let msg = Some(ctx.tr.t(refused.message_key));
            keys_page(
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
pub struct KeyForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
}

/// A form named a key the account does not have (another account's, or gone).
async fn no_such_key(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
) -> Result<Response, WebError> {
    let msg = Some(ctx.tr.t("webauthn-error-no-such-key"));
    keys_page(
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

/// POST /account/webauthn/rename
pub async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<KeyForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let Ok(id) = form.id.trim().parse::<i64>() else {
        return no_such_key(&state, &ctx, &session, &account).await;
    };
    match state
        .authn
        .rename_factor(Method::Webauthn, &account, id, &form.name, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?renamed=1"))),
        FactorChange::BadName => {
            let msg = Some(ctx.tr.t("webauthn-error-name"));
            keys_page(
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
            no_such_key(&state, &ctx, &session, &account).await
        }
    }
}

/// POST /account/webauthn/delete
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<KeyForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let Ok(id) = form.id.trim().parse::<i64>() else {
        return no_such_key(&state, &ctx, &session, &account).await;
    };
    match state
        .authn
        .remove_factor(Method::Webauthn, &session, &account, id, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?deleted=1"))),
        FactorChange::StepUp(needed) => Ok(step_up(&ctx, HERE, needed)),
        FactorChange::NotFound | FactorChange::BadName => {
            no_such_key(&state, &ctx, &session, &account).await
        }
    }
}
