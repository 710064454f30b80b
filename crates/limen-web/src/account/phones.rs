//! My account → "Manage my mobile phone numbers" (seeds 000 and 003): the account's numbers,
//! with their label and last use; "Add a mobile phone number" — the number in international
//! form, a code sent to it by SMS, typed back ("Finalise"); and removal.
//!
//! The rules — whether SMS is offered (`[methods.sms]`, off by default), the step-up to an
//! existing factor, the limits on sending, the e-mails, the audit log — are the engine's.

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

const HERE: &str = "/account/phones";
const ADD: &str = "/account/phones/add";
/// Longest input kept to show back in a form.
const ECHO: usize = 64;

struct PhoneRow {
    id: i64,
    label: String,
    number: String,
    created: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "phones.html")]
struct ListPage {
    ctx: PageCtx,
    phones: Vec<PhoneRow>,
    notice: Option<String>,
    error: Option<String>,
    /// Why numbers cannot be added now (SMS off, retired, not for this user type).
    unavailable: Option<String>,
    stronger_needed: Option<String>,
}

#[derive(Template)]
#[template(path = "phones_add.html")]
struct AddPage {
    ctx: PageCtx,
    number: String,
    label: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "phones_confirm.html")]
struct ConfirmPage {
    ctx: PageCtx,
    number: String,
    ceremony: String,
    error: Option<String>,
}

/// Why the account cannot add numbers, if it cannot: the method's status in words.
fn unavailable(state: &AppState, ctx: &Ctx, account: &Account) -> Option<String> {
    match state.authn.method_status(Method::Sms, account) {
        MethodStatus::Usable => None,
        MethodStatus::Retired(_) => Some(ctx.tr.t("phones-retired")),
        _ => Some(ctx.tr.t("phones-unavailable")),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    added: Option<String>,
    removed: Option<String>,
}

/// GET /account/phones
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
        Some(ctx.tr.t("phones-added"))
    } else if q.removed.is_some() {
        Some(ctx.tr.t("phones-removed"))
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
    let phones = state
        .store()
        .phones_of(account.id)
        .await?
        .into_iter()
        .map(|p| PhoneRow {
            id: p.id,
            label: p.label,
            number: international(&p.e164),
            created: ctx.tr.datetime(p.created_at),
            last_used: p
                .last_used_at
                .map_or_else(|| never.clone(), |t| ctx.tr.datetime(t)),
        })
        .collect();
    let (_, has) = state.authn.may_change_factors(session, account).await?;
    let page = ListPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        phones,
        notice,
        error,
        unavailable: unavailable(state, ctx, account),
        stronger_needed: (!has).then(|| ctx.tr.t("webauthn-stronger-needed")),
    };
    pages::render(ctx, status, &page)
}

/// A stored number as its owner reads it (`+33 6 12 34 56 78`).
fn international(e164: &str) -> String {
    limen_authn::sms::number::international(e164)
}

/// GET /account/phones/add
pub async fn add_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let (session, account) = match signed_in(&state, &ctx, ADD).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    if let Some(why) = unavailable(&state, &ctx, &account) {
        let error = Some(why);
        let status = StatusCode::FORBIDDEN;
        return list_page(&state, &ctx, &session, &account, None, error, status).await;
    }
    let (needed, has) = state.authn.may_change_factors(&session, &account).await?;
    if !has {
        return Ok(step_up(&ctx, ADD, needed));
    }
    let page = AddPage {
        ctx: PageCtx::new(&ctx, Some(account.display_name())),
        number: String::new(),
        label: String::new(),
        error: None,
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    label: String,
}

/// POST /account/phones/add: the number; a code goes to it, the page asks for it.
pub async fn add_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AddForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, ADD, "phones-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let again = |key: &str| {
        let page = AddPage {
            ctx: PageCtx::new(&ctx, Some(account.display_name())),
            number: form.number.chars().take(ECHO).collect(),
            label: form.label.chars().take(ECHO).collect(),
            error: Some(ctx.tr.t(key)),
        };
        pages::render(&ctx, StatusCode::BAD_REQUEST, &page)
    };
    if let Some(why) = unavailable(&state, &ctx, &account) {
        let error = Some(why);
        let status = StatusCode::FORBIDDEN;
        return list_page(&state, &ctx, &session, &account, None, error, status).await;
    }
    // The label defaults to the number, masked as the login page shows numbers (seed 000 has
    // no name: a number names itself; the name is shown on the login page too).
    let label = if form.label.trim().is_empty() {
        match state
            .authn
            .factor_as::<limen_authn::sms::SmsFactor>(Method::Sms)
            .map(|f| f.sms().parse_number(&form.number))
        {
            Some(Ok(n)) => limen_authn::sms::number::masked(&n.e164),
            Some(Err(e)) => return again(e.message_key()),
            None => return again("phones-unavailable"),
        }
    } else {
        form.label.clone()
    };
    let request = Enrolment {
        name: label,
        kind: None,
        reference: Some(form.number.trim().to_owned()),
        secret: None,
        session_id: None,
    };
    match state
        .authn
        .enrol_start(Method::Sms, &session, &account, request, &client(&ctx))
        .await?
    {
        EnrolStart::Started {
            tx,
            challenge: Challenge::Code { sent_to, .. },
        } => {
            let page = ConfirmPage {
                ctx: PageCtx::new(&ctx, Some(account.display_name())),
                number: sent_to.unwrap_or_default(),
                ceremony: tx,
                error: None,
            };
            pages::render(&ctx, StatusCode::OK, &page)
        }
        EnrolStart::StepUp(needed) => Ok(step_up(&ctx, ADD, needed)),
        EnrolStart::BadName => again("webauthn-error-name"),
        EnrolStart::Refused(refused) => again(refused.message_key),
        EnrolStart::Unavailable | EnrolStart::Started { .. } => again("phones-unavailable"),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    code: String,
    /// The number the page showed (to show it again with an error).
    #[serde(default)]
    number: String,
}

/// POST /account/phones/confirm: the code; the number is then the account's.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "phones-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let answer = Answer::Code(form.code.trim().chars().take(ECHO).collect());
    match state
        .authn
        .enrol_finish(&form.ceremony, &session, &account, &answer, &client(&ctx))
        .await?
    {
        Ok(_) => Ok(ctx.redirect(&format!("{HERE}?added=1"))),
        // A wrong code leaves the code's other attempts: the same page, in the transaction
        // the engine kept for it.
        Err(refused) => match refused.again {
            Some(tx) => {
                let page = ConfirmPage {
                    ctx: PageCtx::new(&ctx, Some(account.display_name())),
                    number: form.number.chars().take(ECHO).collect(),
                    ceremony: tx,
                    error: Some(ctx.tr.t(refused.message_key)),
                };
                pages::render(&ctx, StatusCode::BAD_REQUEST, &page)
            }
            None => {
                let msg = Some(ctx.tr.t(refused.message_key));
                let status = StatusCode::BAD_REQUEST;
                list_page(&state, &ctx, &session, &account, None, msg, status).await
            }
        },
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PhoneForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: String,
}

/// POST /account/phones/remove
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PhoneForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "phones-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let not_found = || async {
        let msg = Some(ctx.tr.t("phones-error-no-such-number"));
        let status = StatusCode::NOT_FOUND;
        list_page(&state, &ctx, &session, &account, None, msg, status).await
    };
    let Ok(id) = form.id.trim().parse::<i64>() else {
        return not_found().await;
    };
    match state
        .authn
        .remove_factor(Method::Sms, &session, &account, id, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?removed=1"))),
        FactorChange::StepUp(needed) => Ok(step_up(&ctx, HERE, needed)),
        FactorChange::NotFound | FactorChange::BadName => not_found().await,
    }
}
