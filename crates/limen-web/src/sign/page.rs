//! The user's side of transaction signing: the signing page ("Requested by <service>", seed
//! 003), the password and the method, the method's challenge bound to the transaction, and the
//! way back to the service with a one-time result handle.
//!
//! The request's id in the URL is a capability (256 bits, from the service's redirect): whoever
//! holds it sees the transaction, and only the named account's password and second factor sign
//! it. A browser signed in as another account is refused (it would otherwise be easy to confirm
//! someone else's transaction believing it one's own). Signing never makes, extends or changes an
//! SSO session: the engine answers [`Step::Signed`], not a session.

use super::{Summary, api::RESULT_LIFETIME, binding_of, methods_of, receipt, return_to};
use crate::authn::client;
use crate::context::Ctx;
use crate::login::challenge::{AnswerForm, At, challenge_page_at, choose_page_at, not_yet};
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use limen_authn::{Challenge, Refusal, Step};
use limen_core::{Account, Method};
use limen_store::SignatureRequest;
use serde::Deserialize;
use serde_json::json;

#[derive(Template)]
#[template(path = "sign.html")]
struct SignPage {
    ctx: PageCtx,
    service_name: String,
    summary: Option<Summary>,
    action: String,
    cancel_action: String,
    methods: Vec<(String, String)>,
    selected: String,
    error: Option<String>,
    expires: String,
}

/// A request the page can work on, or the page that says why not.
struct Open {
    request: SignatureRequest,
    account: Account,
    binding: limen_authn::sign::SignBinding,
    service_name: String,
}

fn no_store(mut r: Response) -> Response {
    // The page shows the transaction: never cached, never sent on as a referrer.
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

fn message(ctx: &Ctx, status: StatusCode, key: &str) -> Result<Response, WebError> {
    pages::message(
        ctx,
        status,
        None,
        "sign-page-title",
        vec![ctx.tr.t(key)],
        None,
    )
    .map(no_store)
}

/// Loads the request behind `id` for a browser: pending, unexpired, intact, for an active
/// account, and not a browser signed in as someone else.
async fn open(state: &AppState, ctx: &Ctx, id: &str) -> Result<Result<Open, Response>, WebError> {
    let found = if id.len() <= 64 {
        state.store.signature_request(id).await?
    } else {
        None
    };
    let Some(request) = found else {
        return Ok(Err(message(
            ctx,
            StatusCode::NOT_FOUND,
            "sign-error-unknown",
        )?));
    };
    if request.status != "pending" {
        return Ok(Err(message(ctx, StatusCode::GONE, "sign-error-finished")?));
    }
    if request.expires_at <= state.now() {
        return Ok(Err(message(ctx, StatusCode::GONE, "sign-error-expired")?));
    }
    let Some(account) = state.authn.active_account(Some(request.account_id)).await? else {
        return Ok(Err(message(
            ctx,
            StatusCode::NOT_FOUND,
            "sign-error-unknown",
        )?));
    };
    // Read without touching: signing must not keep a session alive.
    if let Some(signed_in) = state
        .authn
        .peek_session_account(ctx.cookie(crate::context::SSO))
        .await?
        && signed_in.id != account.id
    {
        return Ok(Err(message(
            ctx,
            StatusCode::FORBIDDEN,
            "sign-error-other-user",
        )?));
    }
    let Some((binding, service_name)) = binding_of(state, &request).await? else {
        tracing::error!(request = %request.id, "signature request data no longer matches its digest");
        return Ok(Err(message(
            ctx,
            StatusCode::CONFLICT,
            "sign-error-changed",
        )?));
    };
    Ok(Ok(Open {
        request,
        account,
        binding,
        service_name,
    }))
}

fn summary(open: &Open) -> Summary {
    Summary {
        title: open.binding.title.clone(),
        fields: open.binding.fields.clone(),
    }
}

fn base(id: &str) -> String {
    format!("/sign/{}", crate::encode(id))
}

/// The methods this user may sign this request with: accepted by the request, usable here,
/// and with a device of the account.
async fn methods(state: &AppState, open: &Open) -> Result<Vec<Method>, WebError> {
    let registered = state.authn.registered_methods(Some(&open.account)).await?;
    Ok(methods_of(&open.request)
        .into_iter()
        .filter(|m| state.authn.is_live(*m) && registered.contains(m))
        .collect())
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    open: &Open,
    status: StatusCode,
    error: Option<String>,
    selected: Option<Method>,
) -> Result<Response, WebError> {
    let methods = methods(state, open).await?;
    let error = error.or_else(|| methods.is_empty().then(|| ctx.tr.t("sign-error-no-method")));
    let page = SignPage {
        ctx: PageCtx::new(ctx, None),
        service_name: open.service_name.clone(),
        summary: Some(summary(open)),
        action: base(&open.request.id),
        cancel_action: format!("{}/cancel", base(&open.request.id)),
        selected: selected
            .or_else(|| methods.first().copied())
            .map(|m| m.config_key().to_owned())
            .unwrap_or_default(),
        methods: methods
            .iter()
            .map(|m| {
                (
                    m.config_key().to_owned(),
                    ctx.tr.t(&format!("method-{}", m.as_str())),
                )
            })
            .collect(),
        error,
        expires: ctx.tr.datetime(open.request.expires_at),
    };
    pages::render(ctx, status, &page).map(no_store)
}

/// `GET /sign/{id}`: the signing page.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let open = match open(&state, &ctx, &id).await? {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    form_page(&state, &ctx, &open, StatusCode::OK, None, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct SignForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    method: String,
}

/// `POST /sign/{id}`: the password and the method; the method's challenge comes next.
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<SignForm>,
) -> Result<Response, WebError> {
    let open = match open(&state, &ctx, &id).await? {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (base(&id), ctx.tr.t("sign-back"));
        return pages::csrf_refused(&ctx, back);
    }
    let method = Method::from_config_key(&form.method);
    let Some(method) = method.filter(|m| methods_of(&open.request).contains(m)) else {
        let msg = ctx.tr.t("sign-error-method");
        return form_page(
            &state,
            &ctx,
            &open,
            StatusCode::BAD_REQUEST,
            Some(msg),
            None,
        )
        .await;
    };
    let step = state
        .authn
        .sign_start(
            &open.account,
            method,
            &form.password,
            open.binding.clone(),
            &client(&ctx),
        )
        .await?;
    render(&state, &ctx, &open, step, Some(method)).await
}

/// The request and the CSRF check for a challenge's form, or the page that refuses it.
async fn open_form(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    csrf: &str,
) -> Result<Result<Open, Response>, WebError> {
    let open = match open(state, ctx, id).await? {
        Ok(o) => o,
        Err(page) => return Ok(Err(page)),
    };
    if !ctx.csrf_ok(csrf) {
        let back = (base(id), ctx.tr.t("sign-back"));
        return Ok(Err(pages::csrf_refused(ctx, back)?));
    }
    Ok(Ok(open))
}

/// `POST /sign/{id}/choose`: the device picked.
pub async fn choose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let open = match open_form(&state, &ctx, &id, &form.csrf_token).await? {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    let step = state
        .authn
        .sign_choose(&form.ceremony, form.device(), &client(&ctx))
        .await?;
    render(&state, &ctx, &open, step, None).await
}

/// `POST /sign/{id}/answer`: the answer to the challenge.
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let open = match open_form(&state, &ctx, &id, &form.csrf_token).await? {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    // "I have approved" while the device has not answered: the same page, the transaction kept.
    if let Some((method, challenge)) = form
        .still_pending(&state, &ctx, |m| m == Method::MobileApp)
        .await?
    {
        let at = at(&ctx, &open);
        return challenge_page_at(&ctx, at, form.ceremony, method, challenge, not_yet())
            .map(no_store);
    }
    let step = state
        .authn
        .sign_answer(&form.ceremony, &form.answer(), &client(&ctx))
        .await?;
    render(&state, &ctx, &open, step, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct TxForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
}

/// `POST /sign/{id}/resend`: "send the code again" (SMS).
pub async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<TxForm>,
) -> Result<Response, WebError> {
    let open = match open_form(&state, &ctx, &id, &form.csrf_token).await? {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    let step = state
        .authn
        .sign_resend(&form.ceremony, &client(&ctx))
        .await?;
    render(&state, &ctx, &open, step, None).await
}

/// `POST /sign/{id}/cancel`: the user refuses; the service learns it at its return URL.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<TxForm>,
) -> Result<Response, WebError> {
    let open = match open_form(&state, &ctx, &id, &form.csrf_token).await? {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    finish(&state, &ctx, &open, "cancelled", None).await
}

fn at(ctx: &Ctx, open: &Open) -> At {
    let base = base(&open.request.id);
    At {
        service_name: Some(open.service_name.clone()),
        summary: Some(summary(open)),
        answer: format!("{base}/answer"),
        choose: format!("{base}/choose"),
        resend: format!("{base}/resend"),
        back: (base, ctx.tr.t("sign-back")),
        // The signing request has its own end, which the page shows.
        deadline: None,
    }
}

/// Renders what the engine says comes next.
async fn render(
    state: &AppState,
    ctx: &Ctx,
    open: &Open,
    step: Step,
    method: Option<Method>,
) -> Result<Response, WebError> {
    match step {
        Step::ChooseDevice {
            tx,
            method,
            devices,
            ..
        } => choose_page_at(ctx, at(ctx, open), tx, method, devices).map(no_store),
        // A transaction too large for a QR code a phone can read (the API keeps large ones
        // from the offline method; this is the last guard): another method, not an error page.
        Step::Challenge {
            challenge: Challenge::Scan { ref link, .. },
            ..
        } if crate::account::mobile::qr_svg(link).is_err() => {
            let msg = ctx.tr.t("sign-error-qr-too-large");
            form_page(state, ctx, open, StatusCode::BAD_REQUEST, Some(msg), None).await
        }
        Step::Challenge {
            tx,
            method,
            challenge,
            error,
            ..
        } => challenge_page_at(ctx, at(ctx, open), tx, method, challenge, error).map(no_store),
        Step::Signed(signed) => {
            // The engine's binding must be this request's, with the digest taken at creation
            // (the transaction token could be another request's; the data must not have moved).
            if signed.binding.request != open.request.id
                || !limen_crypto::constant_time_eq(
                    signed.binding.digest.as_bytes(),
                    open.request.digest.as_bytes(),
                )
                || !signed.binding.intact()
                || signed.account.id != open.account.id
            {
                tracing::error!(request = %open.request.id, "a signature answered another request's binding");
                return message(ctx, StatusCode::CONFLICT, "sign-error-changed");
            }
            let jws = receipt::make(state, &open.request, &signed).await?;
            let device = signed.device.as_ref().map(|d| d.name.clone());
            let method = signed.method.strength().as_str();
            let response = finish(state, ctx, open, "signed", Some((method, jws.as_str()))).await?;
            // Audited once the request is really finished (another browser may have won).
            if response.status() == StatusCode::SEE_OTHER {
                state
                    .authn
                    .audit_raw(
                        "sign.success",
                        Some(open.account.id),
                        &ctx.client_ip,
                        json!({"request": open.request.id, "service": open.service_name,
                               "method": method, "device": device}),
                    )
                    .await;
            }
            Ok(response)
        }
        Step::PasswordExpired(_) => {
            let msg = ctx.tr.t("sign-error-password-expired");
            form_page(state, ctx, open, StatusCode::FORBIDDEN, Some(msg), method).await
        }
        // A login transaction never ends here (the engine keeps the two apart).
        Step::SignedIn(_) | Step::Refused(Refusal::Gone) => {
            let msg = ctx.tr.t("sign-error-again");
            form_page(state, ctx, open, StatusCode::BAD_REQUEST, Some(msg), None).await
        }
        Step::Refused(refusal) => {
            let (status, msg) = refused(ctx, &refusal);
            if !matches!(refusal, Refusal::Credentials | Refusal::PasswordEmpty) {
                state
                    .authn
                    .audit_raw(
                        "sign.failure",
                        Some(open.account.id),
                        &ctx.client_ip,
                        json!({"request": open.request.id, "reason": format!("{refusal:?}")}),
                    )
                    .await;
            }
            form_page(state, ctx, open, status, Some(msg), method).await
        }
    }
}

fn refused(ctx: &Ctx, refusal: &Refusal) -> (StatusCode, String) {
    let until = |t: &time::OffsetDateTime| ctx.tr.datetime(*t);
    match refusal {
        Refusal::Credentials => (StatusCode::UNAUTHORIZED, ctx.tr.t("sign-error-password")),
        Refusal::PasswordEmpty => (StatusCode::BAD_REQUEST, ctx.tr.t("error-password-empty")),
        Refusal::Throttled { until: t } | Refusal::FactorThrottled { until: t } => (
            StatusCode::TOO_MANY_REQUESTS,
            ctx.tr.t1("sign-error-throttled", "until", &until(t)),
        ),
        Refusal::Locked => (StatusCode::FORBIDDEN, ctx.tr.t("error-account-locked")),
        Refusal::MethodUnavailable | Refusal::NoDevice(_) | Refusal::PasswordNeeded => {
            (StatusCode::BAD_REQUEST, ctx.tr.t("sign-error-method"))
        }
        Refusal::Gone => (StatusCode::BAD_REQUEST, ctx.tr.t("sign-error-again")),
        Refusal::Factor(r) => {
            let status = match r.message_key {
                "sms-error-limit" | "sms-error-wait" => StatusCode::TOO_MANY_REQUESTS,
                "sms-error-not-sent" | "sms-error-unavailable" => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::UNAUTHORIZED,
            };
            (status, ctx.tr.t(r.message_key))
        }
    }
}

/// Ends the request (`signed` with its method and receipt, or `cancelled`) and sends the user
/// back to the service with a one-time result handle. Another browser may have finished it a
/// moment before: then nothing is written and the page says so.
async fn finish(
    state: &AppState,
    ctx: &Ctx,
    open: &Open,
    status: &str,
    signed: Option<(&str, &str)>,
) -> Result<Response, WebError> {
    let handle = limen_crypto::random_token(32);
    let now = state.now();
    let done = state
        .store
        .finish_signature_request(
            &open.request.id,
            status,
            signed.map(|s| s.0),
            signed.map(|s| s.1),
            &limen_crypto::sha256_hex(handle.as_bytes()),
            now + RESULT_LIFETIME,
            now,
        )
        .await?;
    if !done {
        return message(ctx, StatusCode::GONE, "sign-error-finished");
    }
    if status == "cancelled" {
        state
            .authn
            .audit_raw(
                "sign.cancelled",
                Some(open.account.id),
                &ctx.client_ip,
                json!({"request": open.request.id, "service": open.service_name}),
            )
            .await;
    }
    Ok(no_store(
        ctx.redirect(&return_to(&open.request.return_url, &handle)),
    ))
}
