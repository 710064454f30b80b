//! One error type for handlers: internal causes are logged with their detail and never shown;
//! the user gets a short page in both languages (the failing request may not have a language yet).

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("store: {0}")]
    Store(#[from] limen_store::StoreError),
    #[error("password hashing: {0}")]
    Hash(#[from] limen_crypto::password::HashError),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error("{0}")]
    Internal(String),
}

impl From<limen_authn::AuthnError> for WebError {
    fn from(e: limen_authn::AuthnError) -> Self {
        match e {
            limen_authn::AuthnError::Store(e) => WebError::Store(e),
            limen_authn::AuthnError::Hash(e) => WebError::Hash(e),
            limen_authn::AuthnError::Internal(e) => WebError::Internal(e),
        }
    }
}

impl WebError {
    /// True when the store failed for an availability reason (database unreachable, a standby,
    /// disk full: [`limen_store::StoreError::is_unavailable`]); answered 503 + Retry-After.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, WebError::Store(e) if e.is_unavailable())
    }
}

/// Seconds a client is asked to wait when the database is unavailable (docs/SCALING.md).
pub const RETRY_AFTER_SECONDS: &str = "5";
/// Seconds a sign-in waits when the hashing queue is full: a queue drains in 2–3 s at the
/// default cost (docs/CONFIGURATION.md, `password.hash_queue`).
pub const BUSY_RETRY_AFTER_SECONDS: &str = "2";

/// Which problem page an error response stands for. The response carries it as an extension;
/// [`problem_pages`] replaces the bilingual fallback body with the page in the request's
/// language (the error itself has no request to take the language from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemPage {
    /// 503: the database cannot serve now.
    Unavailable,
    /// 503: the bounded password-hashing queue is full.
    Busy,
    /// 500: anything else.
    Internal,
}

impl ProblemPage {
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            ProblemPage::Unavailable => ("unavailable-title", "unavailable-text"),
            ProblemPage::Busy => ("busy-title", "busy-text"),
            ProblemPage::Internal => ("error-page-title", "error-internal"),
        }
    }
}

fn fallback_page(title: &str, text_en: &str, text_fr: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} – Limen</title>\
         <link rel=\"stylesheet\" href=\"/static/limen.css\"></head><body><main><section class=\"card problem\">\
         <h1>{title}</h1><p>{text_en}</p><p lang=\"fr\">{text_fr}</p>\
         <p><a href=\"/cas/login\">Limen</a></p></section></main></body></html>"
    )
}

/// 503 with `Retry-After` (RFC 9110 §15.6.4, §10.2.3).
fn unavailable(page: ProblemPage, body: String) -> Response {
    let retry_after = match page {
        ProblemPage::Busy => BUSY_RETRY_AFTER_SECONDS,
        _ => RETRY_AFTER_SECONDS,
    };
    let mut r = (
        StatusCode::SERVICE_UNAVAILABLE,
        [(axum::http::header::RETRY_AFTER, retry_after)],
        Html(body),
    )
        .into_response();
    r.extensions_mut().insert(page);
    r
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if matches!(
            self,
            WebError::Hash(limen_crypto::password::HashError::Busy)
        ) {
            // Overload, not a fault: the bounded hashing queue is full (docs/THREAT-MODEL.md).
            tracing::warn!("password hashing queue full: answered 503");
            return unavailable(
                ProblemPage::Busy,
                fallback_page(
                    "Too many sign-ins at once",
                    "The service is very busy. Please try again in a few seconds.",
                    "Le service est très sollicité. Veuillez réessayer dans quelques secondes.",
                ),
            );
        }
        if self.is_unavailable() {
            // The database cannot serve now (docs/SCALING.md, "When the database fails"): the
            // write, if any, was one transaction and did not happen; the client may retry.
            tracing::warn!(error = %self, "database unavailable: answered 503");
            return unavailable(
                ProblemPage::Unavailable,
                fallback_page(
                    "Temporarily unavailable",
                    "The service cannot answer right now. Please try again in a few seconds.",
                    "Le service ne peut pas répondre pour le moment. Veuillez réessayer dans quelques secondes.",
                ),
            );
        }
        tracing::error!(error = %self, "request failed");
        let mut r = (
            StatusCode::INTERNAL_SERVER_ERROR,
            Html(fallback_page(
                "Something went wrong",
                "An internal error occurred. Please try again later.",
                "Une erreur interne s'est produite. Veuillez réessayer plus tard.",
            )),
        )
            .into_response();
        r.extensions_mut().insert(ProblemPage::Internal);
        r
    }
}

/// The JSON twin of the 503 page, for the back-channel endpoints (OIDC token, userinfo,
/// introspection, revocation; signing and device APIs): 503, `Retry-After`, not cached.
/// `temporarily_unavailable` is OAuth's name for it (RFC 6749 §4.1.2.1).
pub fn json_unavailable(error: &WebError) -> Response {
    tracing::warn!(error = %error, "database unavailable: answered 503");
    let mut r = (
        StatusCode::SERVICE_UNAVAILABLE,
        axum::Json(serde_json::json!({
            "error": "temporarily_unavailable",
            "error_description": "the service cannot answer right now; try again in a few seconds",
        })),
    )
        .into_response();
    let h = r.headers_mut();
    h.insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from_static(RETRY_AFTER_SECONDS),
    );
    h.insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

/// Middleware: an answer marked with a [`ProblemPage`] is rendered again as a page in the
/// request's language (`?locale=`, the language cookie, Accept-Language), its status and
/// `Retry-After` kept. Only what the language needs (the URI, the Cookie and Accept-Language
/// headers) is kept aside, as cheap clones.
pub async fn problem_pages(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::header;
    let uri = request.uri().clone();
    let cookie = request.headers().get(header::COOKIE).cloned();
    let accept = request.headers().get(header::ACCEPT_LANGUAGE).cloned();
    let response = next.run(request).await;
    let Some(page) = response.extensions().get::<ProblemPage>().copied() else {
        return response;
    };
    let (mut parts, _) = axum::http::Request::builder()
        .uri(uri)
        .body(())
        .unwrap_or_default()
        .into_parts();
    if let Some(v) = cookie {
        parts.headers.insert(header::COOKIE, v);
    }
    if let Some(v) = accept {
        parts.headers.insert(header::ACCEPT_LANGUAGE, v);
    }
    let Ok(ctx) =
        <crate::context::Ctx as axum::extract::FromRequestParts<crate::AppState>>::from_request_parts(
            &mut parts, &state,
        )
        .await;
    let (title, text) = page.keys();
    let status = response.status();
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    match crate::pages::message(&ctx, status, None, title, vec![ctx.tr.t(text)], link) {
        Ok(mut translated) => {
            for (name, value) in response.headers() {
                if name == header::RETRY_AFTER {
                    translated.headers_mut().insert(name, value.clone());
                }
            }
            translated
        }
        // The template failed too: the bilingual body already there will do.
        Err(_) => response,
    }
}
