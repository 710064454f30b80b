//! My account → "Authentication methods" (the tiles of seed 000 lead here): every factor of the
//! account by kind with its last use, "Always require multi-factor authentication", and PANIC
//! ("Supprimer tous mes appareils et cartes d'identité électroniques"). The rules are the
//! engine's (`limen_authn`, manage.rs); these handlers parse, call it and render.

use super::{signed_in, signed_in_form, step_up};
use crate::authn::client;
use crate::context::{Ctx, SSO};
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::{MfaChange, PanicOutcome, Refusal};
use limen_core::Account;
use serde::Deserialize;

const HERE: &str = "/account/methods";
const PANIC: &str = "/account/methods/panic";

pub(crate) struct FactorRow {
    pub method: &'static str,
    pub kind: String,
    pub kind_label: String,
    pub name: String,
    pub added: String,
    pub last_used: String,
    pub blocked: bool,
}

#[derive(Template)]
#[template(path = "methods.html")]
struct MethodsPage {
    ctx: PageCtx,
    factors: Vec<FactorRow>,
    /// Each wired method's own page: (link, label).
    manage: Vec<(String, String)>,
    mfa_on: bool,
    mfa_status: String,
    mfa_button: String,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "panic.html")]
struct PanicPage {
    ctx: PageCtx,
    /// form, sent, confirm, done or refused.
    mode: &'static str,
    error: Option<String>,
    name: String,
    token: String,
    removed: Vec<String>,
    unreachable: Vec<String>,
    /// Signed out: the form asks for the address too.
    ask_email: bool,
    email: String,
}

impl PanicPage {
    fn new(ctx: &Ctx, user: Option<String>, mode: &'static str) -> Self {
        Self {
            ctx: PageCtx::new(ctx, user),
            mode,
            error: None,
            name: String::new(),
            token: String::new(),
            removed: Vec::new(),
            unreachable: Vec::new(),
            ask_email: false,
            email: String::new(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct MethodsQuery {
    mfa: Option<String>,
}

async fn methods_page(
    state: &AppState,
    ctx: &Ctx,
    account: &Account,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let never = ctx.tr.t("methods-never-used");
    let factors = state
        .authn
        .all_devices(account)
        .await?
        .into_iter()
        .map(|(method, d)| {
            let key = method.config_key();
            FactorRow {
                method: method.as_str(),
                kind_label: ctx.tr.t_or(
                    &format!("{key}-kind-{}", d.kind),
                    &format!("method-{}", method.as_str()),
                ),
                kind: d.kind,
                name: d.name,
                added: ctx.tr.datetime(d.created_at),
                last_used: d
                    .last_used_at
                    .map_or_else(|| never.clone(), |t| ctx.tr.datetime(t)),
                blocked: d.blocked,
            }
        })
        .collect();
    let manage = state
        .authn
        .factors()
        .into_iter()
        .map(|f| f.method().config_key())
        .filter(|key| ctx.tr.has(&format!("account-{key}")))
        .map(|key| {
            (
                format!("/account/{key}"),
                ctx.tr.t(&format!("account-{key}")),
            )
        })
        .collect();
    let on = account.mfa_always;
    // On, but without a usable factor to end logins with (the only key is blocked, or its
    // method retired): it cannot apply, and the page says so.
    let applies = on && state.authn.mfa_applies(account).await?;
    let page = MethodsPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        factors,
        manage,
        mfa_on: on,
        mfa_status: ctx.tr.t(match (on, applies) {
            (true, true) => "methods-mfa-on",
            (true, false) => "methods-mfa-on-inactive",
            _ => "methods-mfa-off",
        }),
        mfa_button: ctx.tr.t(if on {
            "methods-mfa-turn-off"
        } else {
            "methods-mfa-turn-on"
        }),
        notice,
        error,
    };
    pages::render(ctx, status, &page)
}

/// GET /account/methods
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<MethodsQuery>,
) -> Result<Response, WebError> {
    // Back here with the notice after a step-up (turning MFA-always on from a password-only
    // session makes My account ask for the second factor at once).
    let here = match q.mfa.as_deref() {
        Some(v @ ("on" | "off")) => format!("{HERE}?mfa={v}"),
        _ => HERE.to_owned(),
    };
    let (_, account) = match signed_in(&state, &ctx, &here).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = match q.mfa.as_deref() {
        Some("on") => Some(ctx.tr.t("methods-mfa-turned-on")),
        Some("off") => Some(ctx.tr.t("methods-mfa-turned-off")),
        _ => None,
    };
    methods_page(&state, &ctx, &account, notice, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
pub struct MfaForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    enabled: String,
}

/// POST /account/methods/mfa: turns "Always require multi-factor authentication" on or off.
pub async fn mfa(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<MfaForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "methods-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let on = match form.enabled.as_str() {
        "1" | "on" | "true" => true,
        "0" | "off" | "false" => false,
        _ => {
            let error = Some(ctx.tr.t("error-form-invalid"));
            return methods_page(&state, &ctx, &account, None, error, StatusCode::BAD_REQUEST)
                .await;
        }
    };
    match state
        .authn
        .set_mfa_always(&session, &account, on, &client(&ctx))
        .await?
    {
        MfaChange::Done => {
            Ok(ctx.redirect(&format!("{HERE}?mfa={}", if on { "on" } else { "off" })))
        }
        MfaChange::NoFactor => {
            let error = Some(ctx.tr.t("methods-mfa-no-factor"));
            methods_page(&state, &ctx, &account, None, error, StatusCode::CONFLICT).await
        }
        // Turning it off needs the second factor: sign in with it, then come back here.
        MfaChange::StepUp(level) => Ok(step_up(&ctx, HERE, level)),
    }
}

fn panic_page(
    ctx: &Ctx,
    account: Option<&Account>,
    mode: &'static str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let mut page = PanicPage::new(ctx, account.map(Account::display_name), mode);
    page.error = error;
    pages::render(ctx, status, &page)
}

fn allowed(state: &AppState, account: &Account) -> bool {
    state
        .authn
        .config()
        .panic
        .allowed_user_types
        .contains(&account.user_type)
}

/// The refusal of PANIC to a user type it is not for.
fn not_allowed(ctx: &Ctx, account: &Account) -> Result<Response, WebError> {
    let error = Some(ctx.tr.t("panic-not-allowed"));
    panic_page(ctx, Some(account), "refused", error, StatusCode::FORBIDDEN)
}

/// GET /account/methods/panic: what PANIC does, the password and the confirmation. Signed in,
/// any session that proved the password will do, even under "Always require multi-factor
/// authentication"; signed out (from the sign-in page: "Lost your devices?"), the address too.
/// This is the way in for whoever lost the second factor.
pub async fn panic_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let Some((_, account)) = crate::authn::current_session(&state, &ctx).await? else {
        let mut page = PanicPage::new(&ctx, None, "form");
        page.ask_email = true;
        page.email = ctx.remembered_email().unwrap_or_default();
        return pages::render(&ctx, StatusCode::OK, &page);
    };
    if !allowed(&state, &account) {
        return not_allowed(&ctx, &account);
    }
    panic_page(&ctx, Some(&account), "form", None, StatusCode::OK)
}

#[derive(Debug, Default, Deserialize)]
pub struct PanicForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
    /// Signed out only.
    #[serde(default)]
    email: String,
}

/// POST /account/methods/panic: the password and the box (and, signed out, the address); the
/// link goes to the account's mailbox.
pub async fn panic_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PanicForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        return pages::csrf_refused(&ctx, (PANIC.to_owned(), ctx.tr.t("panic-title")));
    }
    let signed_in = crate::authn::current_session(&state, &ctx).await?;
    let confirmed = form.confirm == "yes";
    let (outcome, account) = match &signed_in {
        Some((_, account)) => (
            state
                .authn
                .panic(account, &form.password, confirmed, &client(&ctx))
                .await?,
            Some(account),
        ),
        None => {
            let Ok(email) = limen_core::Email::parse_existing(&form.email) else {
                let mut page = PanicPage::new(&ctx, None, "form");
                page.ask_email = true;
                page.email = form.email.chars().take(254).collect();
                page.error = Some(ctx.tr.t("error-email-invalid"));
                return pages::render(&ctx, StatusCode::BAD_REQUEST, &page);
            };
            let outcome = state
                .authn
                .panic_for_email(&email, &form.password, confirmed, &client(&ctx))
                .await?;
            (outcome, None)
        }
    };
    let again = |key: &str, status: StatusCode| {
        let mut page = PanicPage::new(&ctx, account.map(Account::display_name), "form");
        page.ask_email = account.is_none();
        page.email = form.email.chars().take(254).collect();
        page.error = Some(ctx.tr.t(key));
        pages::render(&ctx, status, &page)
    };
    match outcome {
        PanicOutcome::Requested => panic_page(&ctx, account, "sent", None, StatusCode::OK),
        PanicOutcome::NotAllowed => {
            let error = Some(ctx.tr.t("panic-not-allowed"));
            panic_page(&ctx, account, "refused", error, StatusCode::FORBIDDEN)
        }
        PanicOutcome::NotConfirmed => again("panic-confirm-needed", StatusCode::BAD_REQUEST),
        PanicOutcome::Password(Refusal::PasswordEmpty) => {
            again("error-password-empty", StatusCode::BAD_REQUEST)
        }
        PanicOutcome::Password(Refusal::Throttled { .. }) => {
            again("error-too-many-attempts", StatusCode::TOO_MANY_REQUESTS)
        }
        PanicOutcome::Password(_) if account.is_none() => {
            again("error-credentials", StatusCode::UNAUTHORIZED)
        }
        PanicOutcome::Password(_) => again("error-password-wrong", StatusCode::UNAUTHORIZED),
        PanicOutcome::TooMany => again("panic-too-many", StatusCode::TOO_MANY_REQUESTS),
        // Only confirmations end like these.
        PanicOutcome::Done(_) | PanicOutcome::Gone => Ok(ctx.redirect(PANIC)),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    token: String,
}

/// The page of a PANIC link that is no longer valid.
fn link_gone(ctx: &Ctx) -> Result<Response, WebError> {
    let error = Some(ctx.tr.t("panic-link-gone"));
    panic_page(ctx, None, "refused", error, StatusCode::BAD_REQUEST)
}

/// GET /account/methods/panic/confirm?token=…: the link of the e-mail. It only shows a button
/// (a mail scanner opening the link removes nothing); no session is needed — the mailbox and
/// the password typed before are the proof.
pub async fn panic_confirm_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ConfirmQuery>,
) -> Result<Response, WebError> {
    let Some(account) = state.authn.panic_link(&q.token).await? else {
        return link_gone(&ctx);
    };
    let mut page = PanicPage::new(&ctx, None, "confirm");
    page.name = account.email.display();
    page.token = q.token.chars().take(128).collect();
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
}

/// POST /account/methods/panic/confirm: PANIC, now.
pub async fn panic_confirm(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (
            format!(
                "/account/methods/panic/confirm?token={}",
                crate::encode(&form.token)
            ),
            ctx.tr.t("panic-confirm-title"),
        );
        return pages::csrf_refused(&ctx, back);
    }
    match state
        .authn
        .panic_confirm(&form.token, &client(&ctx))
        .await?
    {
        PanicOutcome::Done(report) => {
            // Every session ended, this browser's too.
            ctx.clear_cookie(SSO);
            let mut page = PanicPage::new(&ctx, None, "done");
            page.removed = report
                .removed
                .removed
                .into_iter()
                .map(|(_, name)| name)
                .collect();
            page.unreachable = report.unreachable;
            pages::render(&ctx, StatusCode::OK, &page)
        }
        _ => link_gone(&ctx),
    }
}
