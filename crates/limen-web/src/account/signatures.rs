//! My account → "My signatures" (issue 18): the transactions services asked this account to
//! sign, how each ended, the receipt each service received (downloadable, the same bytes), and
//! "This was not me", which marks the signature reported, audits it and sends a security e-mail.

use super::{signed_in, signed_in_form};
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

const HERE: &str = "/account/signatures";
/// How many of the latest requests the page lists.
const SHOWN: i64 = 100;

struct Row {
    id: String,
    when: String,
    service: String,
    title: String,
    method: String,
    status: String,
    signed: bool,
    reported: bool,
}

#[derive(Template)]
#[template(path = "signatures.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<Row>,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    reported: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let notice = q
        .reported
        .is_some()
        .then(|| ctx.tr.t("account-signatures-report-done"));
    list(&state, ctx, StatusCode::OK, notice, None).await
}

async fn list(
    state: &AppState,
    ctx: Ctx,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in(state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let now = state.now();
    let mut rows = Vec::new();
    for r in state.store.signature_requests_of(account.id, SHOWN).await? {
        let service = state
            .store
            .service_by_id(r.service_id)
            .await?
            .map(|s| s.name)
            .unwrap_or_default();
        let status_key = match r.status.as_str() {
            "pending" if r.expires_at <= now => "expired",
            other => other,
        };
        rows.push(Row {
            when: ctx.tr.datetime(r.finished_at.unwrap_or(r.created_at)),
            service,
            method: r
                .method
                .as_deref()
                .map(|m| ctx.tr.t(&format!("method-{m}")))
                .unwrap_or_default(),
            status: ctx.tr.t(&format!("account-signatures-status-{status_key}")),
            signed: r.status == "signed" && r.receipt.is_some(),
            reported: r.reported_at.is_some(),
            title: r.title,
            id: r.id,
        });
    }
    let page = ListPage {
        ctx: PageCtx::new(&ctx, Some(account.display_name())),
        rows,
        notice,
        error,
    };
    pages::render(&ctx, status, &page)
}

/// `GET /account/signatures/{id}/receipt`: the receipt the service received, as a file.
pub async fn receipt(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in(&state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let found = state
        .store
        .signature_request(&id)
        .await?
        .filter(|r| r.account_id == account.id);
    let Some((id, jws)) = found.and_then(|r| r.receipt.map(|j| (r.id, j))) else {
        return pages::message(
            &ctx,
            StatusCode::NOT_FOUND,
            Some(account.display_name()),
            "account-signatures-title",
            vec![ctx.tr.t("account-signatures-report-unknown")],
            Some((HERE.to_owned(), ctx.tr.t("account-signatures-title"))),
        );
    };
    let mut r = (StatusCode::OK, jws).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/jwt"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The id is `SR-` and alphanumerics (it came from the store): safe in the header.
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{id}.jwt\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /account/signatures/{id}/report`: "This was not me".
pub async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in_form(
        &state,
        &ctx,
        HERE,
        "account-signatures-title",
        &form.csrf_token,
    )
    .await?
    {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    let request = state
        .store
        .signature_request(&id)
        .await?
        .filter(|r| r.account_id == account.id);
    let reported = match &request {
        Some(r) => {
            state
                .store
                .report_signature(account.id, &r.id, state.now())
                .await?
        }
        None => false,
    };
    let Some(request) = request.filter(|_| reported) else {
        let msg = ctx.tr.t("account-signatures-report-unknown");
        return list(&state, ctx, StatusCode::NOT_FOUND, None, Some(msg)).await;
    };
    let service = state
        .store
        .service_by_id(request.service_id)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    state
        .authn
        .audit_raw(
            "sign.reported",
            Some(account.id),
            &ctx.client_ip,
            json!({"request": request.id, "service": service, "method": request.method}),
        )
        .await;
    let event = crate::mail::SecurityEvent::SignatureReported {
        service,
        title: request.title,
    };
    if let Err(e) = crate::mail::security_mail(&state, &account, event).await {
        tracing::error!(error = %e, "could not queue the signature-reported e-mail");
    }
    Ok(ctx.redirect(&format!("{HERE}?reported=1")))
}
