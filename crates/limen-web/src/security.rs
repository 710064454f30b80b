//! Security headers on every response (ARCHITECTURE §6): a strict Content-Security-Policy, no
//! framing, no sniffing, no referrer, no caching of pages that may hold personal data.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// `form-action` is left out on purpose: Chromium applies it to the redirect that follows a form
/// post, and the login form's redirect goes to the (registered) service.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let started = std::time::Instant::now();
    // Every audit entry written while the request runs carries the browser's user agent
    // (issue 21); the admin API and console add who acts.
    let scope = limen_authn::AuditScope {
        user_agent: request
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        ..limen_authn::AuditScope::default()
    };
    let mut response = limen_authn::with_audit_scope(scope, next.run(request)).await;
    // The admin API answers every error as a problem (RFC 9457), those of the listener's own
    // limits too (a body too large or too slow), which are made before any route is reached.
    let status = response.status();
    if path.starts_with(crate::admin::api::PREFIX)
        && matches!(
            status,
            axum::http::StatusCode::PAYLOAD_TOO_LARGE | axum::http::StatusCode::REQUEST_TIMEOUT
        )
    {
        response = axum::response::IntoResponse::into_response(crate::admin::api::Problem::new(
            status,
            "listener-limit",
            "the request exceeds the server's limits (body size or time)",
        ));
    }
    state
        .metrics
        .observe_request(response.status().as_u16(), started.elapsed());
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: header::HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    // A page may narrow or extend the policy itself (the front-channel logout page frames the
    // registered clients); every other response gets the strict one.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(h, header::CONTENT_SECURITY_POLICY, CSP);
    }
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    // The authenticator web app allows the camera for itself (authenticator.rs).
    let permissions = header::HeaderName::from_static("permissions-policy");
    if !h.contains_key(&permissions) {
        set(h, permissions, "camera=(), microphone=(), geolocation=()");
    }
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if state.config.secure_cookies() {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    // Pages that hold personal data are never stored; the static files, the authenticator
    // app's files (which say `no-cache` themselves, with validators) and the public SAML
    // metadata (docs/SAML.md §3: cacheable for an hour) may be.
    let app_file = (path.starts_with("/authenticator/") || path == "/saml/metadata")
        && h.contains_key(header::CACHE_CONTROL);
    if !path.starts_with("/static/") && !app_file {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    response
}
