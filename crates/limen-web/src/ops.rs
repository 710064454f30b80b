//! Operations endpoints and static files.

use crate::AppState;
use crate::context::Ctx;
use crate::pages;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// How long `/health` waits for the database before calling it unreachable.
const HEALTH_DB_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// `/health`, for load balancers and monitoring: 200 `{"status":"ok"}` when this node can
/// serve; 503 `{"status":"degraded"}` when its database does not answer within 2 s or takes no
/// writes (a PostgreSQL standby, a primary being failed over), and 503 `{"status":"draining"}`
/// once the process was asked to stop (docs/SCALING.md).
pub async fn health(State(state): State<AppState>) -> Response {
    let backend = state.store.backend().as_str();
    let answer = |status: StatusCode, body: serde_json::Value| {
        let mut r = (status, axum::Json(body)).into_response();
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        r
    };
    if state.draining.load(std::sync::atomic::Ordering::Relaxed) {
        return answer(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"status": "draining"}),
        );
    }
    let database = match tokio::time::timeout(HEALTH_DB_TIMEOUT, state.store.writable()).await {
        Ok(Ok(true)) => None,
        Ok(Ok(false)) => Some("read-only"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            Some("unreachable")
        }
        Err(_) => {
            tracing::warn!("health check: database did not answer within 2 s");
            Some("unreachable")
        }
    };
    match database {
        None => answer(
            StatusCode::OK,
            serde_json::json!({"status": "ok", "database": backend}),
        ),
        Some(problem) => answer(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"status": "degraded", "database": problem}),
        ),
    }
}

/// `/metrics` on the main listener: 404 when the metrics have a listener of their own, 401
/// without the configured bearer token.
pub async fn metrics(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    if state.config.metrics.separate_listener {
        return not_found_plain().await;
    }
    metrics_only(State(state), headers).await
}

/// `/metrics` wherever it is served: the bearer token when one is configured (RFC 6750 §2.1,
/// §3: 401 with `WWW-Authenticate: Bearer`).
pub async fn metrics_only(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Response {
    if let Some(token) = &state.config.metrics.token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !limen_crypto::constant_time_eq(given.as_bytes(), token.as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")],
                "metrics need a bearer token\n",
            )
                .into_response();
        }
    }
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

pub async fn mobile_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/mobile.js"),
    )
}

pub async fn pow_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/pow.js"),
    )
}

pub async fn timelimit_script() -> Response {
    static_file(
        "text/javascript; charset=utf-8",
        include_str!("../static/timelimit.js"),
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

/// A plain 404, for listeners and routes that have no pages.
pub async fn not_found_plain() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}
