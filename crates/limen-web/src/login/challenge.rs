//! The second-factor pages of the login, for every method: the choice of device (seed 003:
//! "click the name of the security key or trusted platform you want"), the challenge — a
//! WebAuthn ceremony run by `/static/webauthn.js`, or a code to type — and the answer; and
//! passwordless passkey sign-in from the identifier page.
//!
//! What comes next is the engine's [`Step`]; these handlers parse, call it and render.

use super::{LoginQuery, Target, form_action, service_name};
use crate::authn::client;
use crate::context::Ctx;
use crate::pages::{self, CeremonyPage, PageCtx, embed};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use limen_authn::webauthn::passkey::PasskeyStart;
use limen_authn::{Answer, Challenge, Device, Refused};
use limen_core::Method;
use serde::Deserialize;

pub(crate) struct DeviceChoice {
    pub id: i64,
    pub name: String,
    /// What tells it apart when names do not (a token's serial), shown when not the name.
    pub detail: Option<String>,
}

#[derive(Template)]
#[template(path = "webauthn_choose.html")]
struct ChoosePage {
    ctx: PageCtx,
    service_name: Option<String>,
    /// A transaction being signed (issue 18): what the user confirms.
    summary: Option<crate::sign::Summary>,
    text: String,
    action: String,
    ceremony: String,
    devices: Vec<DeviceChoice>,
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage {
    ctx: PageCtx,
    service_name: Option<String>,
    /// A transaction being signed (issue 18): what the user confirms.
    summary: Option<crate::sign::Summary>,
    method_name: String,
    action: String,
    ceremony: String,
    shown: Option<String>,
    sent_to: Option<String>,
    /// The device the code comes from (a token's serial) and how the page names it.
    device: Option<String>,
    device_label: String,
    /// The method's own words (a token's), else the generic ones.
    text: String,
    challenge_text: String,
    label: String,
    error: Option<String>,
    back: (String, String),
    /// Where "send the code again" posts, for a method that sends its code (SMS).
    resend_action: Option<String>,
}

#[derive(Template)]
#[template(path = "login_approval.html")]
struct ApprovalPage {
    ctx: PageCtx,
    service_name: Option<String>,
    /// A transaction being signed (issue 18): what the user confirms.
    summary: Option<crate::sign::Summary>,
    method_name: String,
    action: String,
    ceremony: String,
    /// The request's id, shown for reference (what the device lists); never read back.
    request: String,
    number: Option<String>,
    link: Option<String>,
    /// The same request for the installable web app (On Mobile).
    web_link: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    back: (String, String),
}

#[derive(Template)]
#[template(path = "login_scan.html")]
struct ScanPage {
    ctx: PageCtx,
    service_name: Option<String>,
    /// A transaction being signed (issue 18): what the user confirms.
    summary: Option<crate::sign::Summary>,
    method_name: String,
    action: String,
    ceremony: String,
    qr: String,
    link: String,
    error: Option<String>,
    back: (String, String),
}

/// The login URL's query on another path of the login (`/cas/login/webauthn?service=…`).
fn path_with_query(ctx: &Ctx, path: &str) -> String {
    form_action(ctx).replacen("/cas/login", path, 1)
}

/// The path a method's answers are posted to: `/cas/login/{method}` (its configuration key).
fn method_path(method: Method) -> String {
    format!("/cas/login/{}", method.config_key())
}

/// Where a challenge's forms go and what the pages show around it: a login's (the service
/// asking) or a signature's (issue 18: the transaction too).
pub(crate) struct At {
    pub service_name: Option<String>,
    pub summary: Option<crate::sign::Summary>,
    /// Where the answer is posted; the device choice; "send the code again".
    pub answer: String,
    pub choose: String,
    pub resend: String,
    pub back: (String, String),
    /// When the step ends, for a login's (announced and extendable: [`crate::timing`]).
    pub deadline: Option<time::OffsetDateTime>,
}

impl At {
    /// A login's: `/cas/login/{method}…` with the login's query.
    pub(crate) fn login(ctx: &Ctx, target: &Target, method: Method) -> At {
        At {
            service_name: service_name(target),
            summary: None,
            answer: path_with_query(ctx, &method_path(method)),
            choose: path_with_query(ctx, &format!("{}/choose", method_path(method))),
            resend: path_with_query(ctx, &format!("{}/resend", method_path(method))),
            back: (form_action(ctx), ctx.tr.t("back-to-login")),
            deadline: None,
        }
    }
}

/// The device choice.
pub(crate) fn choose_page(
    ctx: &Ctx,
    target: &Target,
    tx: String,
    method: Method,
    devices: Vec<Device>,
    deadline: Option<time::OffsetDateTime>,
) -> Result<Response, WebError> {
    let at = At {
        deadline,
        ..At::login(ctx, target, method)
    };
    choose_page_at(ctx, at, tx, method, devices)
}

/// The device choice, wherever it is asked.
pub(crate) fn choose_page_at(
    ctx: &Ctx,
    at: At,
    tx: String,
    method: Method,
    devices: Vec<Device>,
) -> Result<Response, WebError> {
    let page = ChoosePage {
        ctx: PageCtx::timed(ctx, at.deadline, &tx),
        service_name: at.service_name,
        summary: at.summary,
        text: ctx.tr.t_or(
            &format!("{}-choose-text", method.config_key()),
            "webauthn-choose-text",
        ),
        action: at.choose,
        ceremony: tx,
        devices: devices
            .into_iter()
            .map(|d| DeviceChoice {
                id: d.id,
                // A token's serial tells two tokens apart (seed 003: the serial is what users
                // know them by); other methods' details (a key's model) stay on My account.
                detail: match method {
                    // A number shows only its last digits on the login page.
                    Method::Sms => d
                        .detail
                        .map(|n| limen_authn::sms::number::masked(&n))
                        .filter(|m| *m != d.name),
                    Method::Token | Method::TokenCram => d.detail.filter(|s| *s != d.name),
                    _ => None,
                },
                name: d.name,
            })
            .collect(),
    };
    pages::render(ctx, StatusCode::OK, &page)
}

/// The challenge: a WebAuthn ceremony, or a code to type.
pub(crate) fn challenge_page(
    ctx: &Ctx,
    target: &Target,
    tx: String,
    method: Method,
    challenge: Challenge,
    error: Option<Refused>,
    deadline: Option<time::OffsetDateTime>,
) -> Result<Response, WebError> {
    let at = At {
        deadline,
        ..At::login(ctx, target, method)
    };
    challenge_page_at(ctx, at, tx, method, challenge, error)
}

/// The challenge, wherever it is asked.
pub(crate) fn challenge_page_at(
    ctx: &Ctx,
    at: At,
    tx: String,
    method: Method,
    challenge: Challenge,
    error: Option<Refused>,
) -> Result<Response, WebError> {
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let error = error.map(|e| ctx.tr.t(e.message_key));
    let back = at.back.clone();
    match challenge {
        Challenge::Webauthn { options } => {
            let page = CeremonyPage {
                ctx: PageCtx::timed(ctx, at.deadline, &tx),
                title: ctx.tr.t("webauthn-login-title"),
                intro: vec![ctx.tr.t("webauthn-login-text")],
                status: ctx.tr.t("webauthn-login-status"),
                error,
                service_name: at.service_name,
                summary: at.summary,
                action: at.answer,
                mode: "get",
                ceremony: tx,
                options: embed(&options),
                back: Some(back),
            };
            pages::render(ctx, status, &page)
        }
        Challenge::Approval {
            id,
            number,
            link,
            web_link,
            notice,
        } => {
            let page = ApprovalPage {
                ctx: PageCtx::timed(ctx, at.deadline, &tx),
                service_name: at.service_name,
                summary: at.summary,
                method_name: ctx.tr.t(&format!("method-{}", method.as_str())),
                action: at.answer,
                ceremony: tx,
                request: id,
                number,
                link,
                web_link,
                notice: notice.map(|k| ctx.tr.t(k)),
                error,
                back,
            };
            pages::render(ctx, status, &page)
        }
        Challenge::Scan { link, .. } => {
            let page = ScanPage {
                ctx: PageCtx::timed(ctx, at.deadline, &tx),
                service_name: at.service_name,
                summary: at.summary,
                method_name: ctx.tr.t(&format!("method-{}", method.as_str())),
                action: at.answer,
                ceremony: tx,
                qr: crate::account::mobile::qr_svg(&link)?,
                link,
                error,
                back,
            };
            pages::render(ctx, status, &page)
        }
        Challenge::Code {
            shown,
            sent_to,
            device,
        } => {
            let own = |what: &str, generic: &str| {
                ctx.tr
                    .t_or(&format!("{}-code-{what}", method.config_key()), generic)
            };
            let page = CodePage {
                ctx: PageCtx::timed(ctx, at.deadline, &tx),
                service_name: at.service_name,
                summary: at.summary,
                method_name: ctx.tr.t(&format!("method-{}", method.as_str())),
                action: at.answer,
                ceremony: tx,
                shown,
                sent_to,
                device,
                device_label: own("device", "login-code-device"),
                text: own("text", "login-code-text"),
                challenge_text: own("challenge", "login-code-challenge"),
                label: own("label", "login-code-label"),
                error,
                back,
                resend_action: (method == Method::Sms).then_some(at.resend),
            };
            pages::render(ctx, status, &page)
        }
    }
}

/// The answer to a challenge, as the login's and the signing page's forms post it.
#[derive(Debug, Default, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub(crate) csrf_token: String,
    #[serde(default)]
    pub(crate) ceremony: String,
    /// A WebAuthn ceremony's answer (JSON).
    #[serde(default)]
    credential: String,
    /// A typed code.
    #[serde(default)]
    code: String,
    #[serde(default)]
    device: String,
    /// The challenge a device answers (the mobile app's push and On Mobile pages).
    #[serde(default)]
    approval: String,
}

impl AnswerForm {
    pub(crate) fn answer(&self) -> Answer {
        if !self.approval.is_empty() {
            Answer::Device
        } else if self.credential.is_empty() {
            Answer::Code(self.code.trim().to_owned())
        } else {
            Answer::Webauthn(self.credential.clone())
        }
    }

    /// The device picked on the choice page, if the form names one.
    pub(crate) fn device(&self) -> Option<i64> {
        self.device.trim().parse::<i64>().ok()
    }

    /// "I have approved" pressed while the device has not answered yet: the mobile method of
    /// the transaction's own challenge (never one the form names) and the same challenge to
    /// show again, so that the transaction is kept (answering it would spend it and send a
    /// new request). `None`: answer as usual. `accepted` says which methods the page serves.
    pub(crate) async fn still_pending(
        &self,
        state: &AppState,
        ctx: &Ctx,
        accepted: impl Fn(Method) -> bool,
    ) -> Result<Option<(Method, Challenge)>, WebError> {
        if self.approval.is_empty() {
            return Ok(None);
        }
        let Some(mobile) = state.mobile() else {
            return Ok(None);
        };
        let Some((method, id)) = state
            .authn
            .login_challenge(&self.ceremony, &client(ctx))
            .await?
        else {
            return Ok(None);
        };
        if !matches!(method, Method::MobileApp | Method::OnMobile)
            || !accepted(method)
            || mobile.challenge_state(&state.authn, &id).await?
                != Some(limen_authn::mobile::ChallengeState::Pending)
        {
            return Ok(None);
        }
        let Some(c) = state.store().mobile_challenge(&id).await? else {
            return Ok(None);
        };
        let issuer = &mobile.config().issuer;
        let on_mobile = method == Method::OnMobile;
        let challenge = Challenge::Approval {
            link: on_mobile.then(|| limen_mobile::messages::on_mobile_link(issuer, &c.id)),
            web_link: on_mobile.then(|| limen_mobile::messages::web_app_link(issuer, &c.id)),
            id: c.id,
            number: (!c.number.is_empty()).then_some(c.number),
            notice: None,
        };
        Ok(Some((method, challenge)))
    }
}

/// The refusal shown with a challenge that is still waiting for the device.
pub(crate) fn not_yet() -> Option<Refused> {
    Some(Refused::new("mobile-error-pending", "pending"))
}

/// The target, and the CSRF check (or the page that refuses the form).
async fn resolve(
    state: &AppState,
    ctx: &Ctx,
    q: &mut LoginQuery,
    csrf: &str,
) -> Result<Result<Target, Response>, WebError> {
    let target = match super::target(state, ctx, q).await? {
        Ok(t) => t,
        Err(page) => return Ok(Err(page)),
    };
    if !ctx.csrf_ok(csrf) {
        let back = (form_action(ctx), ctx.tr.t("back-to-login"));
        return Ok(Err(pages::csrf_refused(ctx, back)?));
    }
    Ok(Ok(target))
}

/// POST /cas/login/{method}/choose: the device the user picked.
pub async fn choose(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(mut q): Query<LoginQuery>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &mut q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let step = state
        .authn
        .choose_device(&form.ceremony, form.device(), &client(&ctx))
        .await?;
    super::render_step(&state, &mut ctx, &target, &q, step, super::Origin::Factor).await
}

/// POST /cas/login/{method}: the answer to a second factor's challenge.
pub async fn answer(
    State(state): State<AppState>,
    axum::extract::Path(method_key): axum::extract::Path<String>,
    mut ctx: Ctx,
    Query(mut q): Query<LoginQuery>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &mut q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    // "I have approved" while the device has not answered yet: the same page again.
    if let Some((method, challenge)) = form
        .still_pending(&state, &ctx, |m| {
            Method::from_config_key(&method_key) == Some(m)
        })
        .await?
    {
        let deadline = state.authn.login_deadline(&form.ceremony).await?;
        return challenge_page(
            &ctx,
            &target,
            form.ceremony,
            method,
            challenge,
            not_yet(),
            deadline,
        );
    }
    let step = state
        .authn
        .answer(&form.ceremony, &form.answer(), &client(&ctx))
        .await?;
    super::render_step(&state, &mut ctx, &target, &q, step, super::Origin::Factor).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ResendForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
}

/// POST /cas/login/{method}/resend: "send the code again".
pub async fn resend(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(mut q): Query<LoginQuery>,
    Form(form): Form<ResendForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &mut q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let step = state.authn.resend(&form.ceremony, &client(&ctx)).await?;
    super::render_step(&state, &mut ctx, &target, &q, step, super::Origin::Factor).await
}

#[derive(Debug, Default, Deserialize)]
pub struct OptionsForm {
    #[serde(default)]
    csrf_token: String,
}

/// POST /cas/login/passkey/options: a passwordless challenge for the sign-in page's script.
pub async fn passkey_options(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<OptionsForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        return Ok((StatusCode::FORBIDDEN, "forbidden").into_response());
    }
    match state.authn.passkey_start(&client(&ctx)).await? {
        PasskeyStart::Unavailable => Ok((StatusCode::NOT_FOUND, "not available").into_response()),
        PasskeyStart::TooMany => {
            Ok((StatusCode::TOO_MANY_REQUESTS, "too many requests").into_response())
        }
        PasskeyStart::Started { tx, options } => {
            let body = serde_json::json!({"ceremony": tx, "options": options});
            Ok(axum::Json(body).into_response())
        }
    }
}

/// POST /cas/login/passkey: passwordless sign-in with a discoverable credential.
pub async fn passkey(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(mut q): Query<LoginQuery>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &mut q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let step = state
        .authn
        .passkey_finish(
            &target.requirement(),
            &form.ceremony,
            &form.credential,
            &client(&ctx),
        )
        .await?;
    super::render_step(&state, &mut ctx, &target, &q, step, super::Origin::Passkey).await
}
