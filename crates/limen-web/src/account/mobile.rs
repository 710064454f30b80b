//! My account → "Manage my mobile devices" (seeds 000, 002, 003): the list (name, system and
//! model, enrolment date, last use, locked), "Add a mobile device" — a name and a PIN typed
//! twice, then a QR code the app scans (docs/MOBILE-PROTOCOL.md §3) — rename, remove.
//!
//! The rules (the level needed to add or remove a device, the e-mails, the audit log, the
//! sessions ended) are the engine's; the enrolment's are `limen_authn::mobile`'s.

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
use limen_authn::mobile::EnrolmentState;
use limen_authn::{Challenge, EnrolStart, Enrolment, FactorChange};
use limen_core::policy::MethodStatus;
use limen_core::{Account, Method, SsoSession};
use serde::Deserialize;

const HERE: &str = "/account/mobile_app";

pub(crate) struct MobileRow {
    pub id: i64,
    pub name: String,
    pub model: String,
    pub created: String,
    pub last_used: String,
    pub locked: bool,
}

#[derive(Template)]
#[template(path = "mobile_devices.html")]
struct DevicesPage {
    ctx: PageCtx,
    devices: Vec<MobileRow>,
    notice: Option<String>,
    error: Option<String>,
    /// The id of the add form's field the error is about ("" for none): the field points to
    /// the message (`aria-describedby`) and is marked invalid.
    error_field: &'static str,
    stronger_needed: Option<String>,
    pin_length: usize,
    name: String,
}

#[derive(Template)]
#[template(path = "mobile_enrol.html")]
struct EnrolPage {
    ctx: PageCtx,
    name: String,
    qr: String,
    link: String,
    id: String,
    minutes: i64,
}

#[derive(Debug, Default, Deserialize)]
pub struct DevicesQuery {
    added: Option<String>,
    deleted: Option<String>,
    renamed: Option<String>,
}

/// An SVG QR code of `text`, for inlining in a page (no XML prolog). EC level M: a phone reads
/// it off a screen at a normal size.
pub(crate) fn qr_svg(text: &str) -> Result<String, WebError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| WebError::Internal(format!("QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    Ok(match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    })
}

/// GET /account/mobile_app
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DevicesQuery>,
) -> Result<Response, WebError> {
    let (session, account) = match signed_in(&state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = if q.added.is_some() {
        Some(ctx.tr.t("mobile-added"))
    } else if q.deleted.is_some() {
        Some(ctx.tr.t("mobile-deleted"))
    } else if q.renamed.is_some() {
        Some(ctx.tr.t("mobile-renamed"))
    } else {
        None
    };
    let page = Listing {
        notice,
        error: None,
        error_field: "",
        name: String::new(),
    };
    devices_page(&state, &ctx, &session, &account, page, StatusCode::OK).await
}

struct Listing {
    notice: Option<String>,
    error: Option<String>,
    error_field: &'static str,
    name: String,
}

impl Listing {
    /// The list with the message of `key`, the name typed kept, and the id of the add form's
    /// field the refusal is about ("" when it is about none).
    fn refusal(ctx: &Ctx, key: &str, name: &str, error_field: &'static str) -> Self {
        Self {
            notice: None,
            error: Some(ctx.tr.t(key)),
            error_field,
            name: name.chars().take(64).collect(),
        }
    }
}

async fn devices_page(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    listing: Listing,
    status: StatusCode,
) -> Result<Response, WebError> {
    let never = ctx.tr.t("webauthn-never-used");
    let devices = match state.authn.factor(Method::MobileApp) {
        Some(f) => f.devices(&state.authn, account).await?,
        None => Vec::new(),
    };
    let devices = devices
        .into_iter()
        .map(|d| MobileRow {
            id: d.id,
            model: d
                .detail
                .unwrap_or_else(|| ctx.tr.t("webauthn-model-unknown")),
            created: ctx.tr.datetime(d.created_at),
            last_used: d
                .last_used_at
                .map_or_else(|| never.clone(), |t| ctx.tr.datetime(t)),
            locked: d.blocked,
            name: d.name,
        })
        .collect();
    let (_, has) = state.authn.may_change_factors(session, account).await?;
    let pin_length = state.mobile().map_or(4, |m| m.config().pin_length);
    let page = DevicesPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        devices,
        notice: listing.notice,
        error: listing.error,
        error_field: listing.error_field,
        stronger_needed: (!has).then(|| ctx.tr.t("mobile-stronger-needed")),
        pin_length,
        name: listing.name,
    };
    pages::render(ctx, status, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    pin: String,
    #[serde(default)]
    pin_again: String,
}

/// POST /account/mobile_app/add: checks the name and the PIN, then shows the enrolment QR code.
pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AddForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "mobile-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let Some(mobile) = state.mobile().cloned() else {
        return Ok(ctx.redirect(HERE));
    };
    if state.authn.method_status(Method::MobileApp, &account) != MethodStatus::Usable {
        let status = StatusCode::FORBIDDEN;
        let key = "mobile-unavailable";
        let listing = Listing::refusal(&ctx, key, &form.name, "");
        return devices_page(&state, &ctx, &session, &account, listing, status).await;
    }
    let bad = StatusCode::BAD_REQUEST;
    if !mobile.pin_ok(&form.pin) {
        let msg = ctx.tr.t_with(
            "mobile-error-pin",
            &[(
                "n",
                crate::i18n::FluentArg::Num(mobile.config().pin_length as i64),
            )],
        );
        let listing = Listing {
            notice: None,
            error: Some(msg),
            error_field: "pin",
            name: form.name.chars().take(64).collect(),
        };
        return devices_page(&state, &ctx, &session, &account, listing, bad).await;
    }
    if form.pin != form.pin_again {
        let key = "mobile-error-pin-again";
        let listing = Listing::refusal(&ctx, key, &form.name, "pin-again");
        return devices_page(&state, &ctx, &session, &account, listing, bad).await;
    }
    if !mobile.enrolment_allowed(&state.authn, &account).await? {
        let status = StatusCode::TOO_MANY_REQUESTS;
        let key = "mobile-error-too-many-enrolments";
        let listing = Listing::refusal(&ctx, key, &form.name, "");
        return devices_page(&state, &ctx, &session, &account, listing, status).await;
    }
    let request = Enrolment {
        name: form.name.clone(),
        kind: None,
        reference: None,
        secret: Some(form.pin.clone()),
        session_id: None,
    };
    match state
        .authn
        .enrol_start(
            Method::MobileApp,
            &session,
            &account,
            request,
            &client(&ctx),
        )
        .await?
    {
        EnrolStart::Started {
            challenge:
                Challenge::Scan {
                    link,
                    wait: Some(id),
                },
            ..
        } => {
            let name = limen_authn::device_name(&form.name).unwrap_or_default();
            let page = EnrolPage {
                ctx: PageCtx::new(&ctx, Some(account.display_name())),
                name,
                qr: qr_svg(&link)?,
                link,
                id,
                minutes: mobile.config().enrol_minutes,
            };
            pages::render(&ctx, StatusCode::OK, &page)
        }
        EnrolStart::StepUp(needed) => Ok(step_up(&ctx, HERE, needed)),
        EnrolStart::BadName => {
            let key = "webauthn-error-name";
            let listing = Listing::refusal(&ctx, key, &form.name, "device-name");
            devices_page(&state, &ctx, &session, &account, listing, bad).await
        }
        EnrolStart::Unavailable | EnrolStart::Refused(_) | EnrolStart::Started { .. } => {
            let status = StatusCode::FORBIDDEN;
            let key = "mobile-unavailable";
            let listing = Listing::refusal(&ctx, key, &form.name, "");
            devices_page(&state, &ctx, &session, &account, listing, status).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: String,
}

/// POST /account/mobile_app/done: "Continue" on the enrolment page (without JavaScript, or when
/// the script saw the device confirm).
pub async fn done(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DoneForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "mobile-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let Some(mobile) = state.mobile().cloned() else {
        return Ok(ctx.redirect(HERE));
    };
    let key = match mobile
        .enrolment_state(&state.authn, &account, form.id.trim())
        .await?
    {
        EnrolmentState::Done => return Ok(ctx.redirect(&format!("{HERE}?added=1"))),
        EnrolmentState::Open => "mobile-error-not-scanned",
        EnrolmentState::Scanned => "mobile-error-not-confirmed",
        EnrolmentState::PinMismatch => "mobile-error-pin-mismatch",
        EnrolmentState::Expired => "mobile-error-enrol-expired",
    };
    let status = StatusCode::CONFLICT;
    let listing = Listing::refusal(&ctx, key, "", "");
    devices_page(&state, &ctx, &session, &account, listing, status).await
}

#[derive(Debug, Default, Deserialize)]
pub struct DeviceForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
}

/// POST /account/mobile_app/rename
pub async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DeviceForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "mobile-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let not_found = StatusCode::NOT_FOUND;
    let Ok(id) = form.id.trim().parse::<i64>() else {
        let key = "mobile-error-no-such-device";
        let listing = Listing::refusal(&ctx, key, "", "");
        return devices_page(&state, &ctx, &session, &account, listing, not_found).await;
    };
    match state
        .authn
        .rename_factor(Method::MobileApp, &account, id, &form.name, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?renamed=1"))),
        FactorChange::BadName => {
            let key = "webauthn-error-name";
            let bad = StatusCode::BAD_REQUEST;
            let listing = Listing::refusal(&ctx, key, "", "");
            devices_page(&state, &ctx, &session, &account, listing, bad).await
        }
        FactorChange::NotFound | FactorChange::StepUp(_) => {
            let key = "mobile-error-no-such-device";
            let listing = Listing::refusal(&ctx, key, "", "");
            devices_page(&state, &ctx, &session, &account, listing, not_found).await
        }
    }
}

/// POST /account/mobile_app/delete: the device is revoked at once (its next request is refused,
/// its live channel closed).
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DeviceForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "mobile-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let not_found = StatusCode::NOT_FOUND;
    let Ok(id) = form.id.trim().parse::<i64>() else {
        let key = "mobile-error-no-such-device";
        let listing = Listing::refusal(&ctx, key, "", "");
        return devices_page(&state, &ctx, &session, &account, listing, not_found).await;
    };
    match state
        .authn
        .remove_factor(Method::MobileApp, &session, &account, id, &client(&ctx))
        .await?
    {
        FactorChange::Done { .. } => Ok(ctx.redirect(&format!("{HERE}?deleted=1"))),
        FactorChange::StepUp(needed) => Ok(step_up(&ctx, HERE, needed)),
        FactorChange::NotFound | FactorChange::BadName => {
            let key = "mobile-error-no-such-device";
            let listing = Listing::refusal(&ctx, key, "", "");
            devices_page(&state, &ctx, &session, &account, listing, not_found).await
        }
    }
}
