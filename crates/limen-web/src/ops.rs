//! Operations endpoints and static files.

use crate::AppState;
use crate::context::Ctx;
use crate::pages;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn health(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(
                serde_json::json!({"status": "ok", "database": state.store.backend().as_str()}),
            ),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

pub async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

pub async fn stylesheet() -> Response {
    static_file(
        "text/css; charset=utf-8",
        include_str!("../static/limen.css"),
    )
}

pub async fn autosubmit_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/autosubmit.js"),
    )
}

pub async fn webauthn_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/webauthn.js"),
    )
}

pub async fn pow_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/pow.js"),
    )
}

pub async fn password_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/password.js"),
    )
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

pub async fn not_found(ctx: Ctx) -> Result<Response, crate::WebError> {
    not_found_page(&ctx)
}

pub fn not_found_page(ctx: &Ctx) -> Result<Response, crate::WebError> {
    let text = vec![ctx.tr.t("error-not-found")];
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    pages::message(
        ctx,
        StatusCode::NOT_FOUND,
        None,
        "error-page-title",
        text,
        link,
    )
}
