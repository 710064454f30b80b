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

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if matches!(
            self,
            WebError::Hash(limen_crypto::password::HashError::Busy)
        ) {
            // Overload, not a fault: the bounded hashing queue is full (docs/THREAT-MODEL.md).
            // RFC 9110 §15.6.4 and §10.2.3: 503 with a hint of when to come back.
            tracing::warn!("password hashing queue full: answered 503");
            let body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Too many sign-ins at once – Limen</title>\
                        <link rel=\"stylesheet\" href=\"/static/limen.css\"></head><body><main><section class=\"card problem\">\
                        <h1>Too many sign-ins at once</h1><p>The service is very busy. Please try again in a few seconds.</p>\
                        <p lang=\"fr\">Le service est très sollicité. Veuillez réessayer dans quelques secondes.</p>\
                        <p><a href=\"/cas/login\">Limen</a></p></section></main></body></html>";
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [(axum::http::header::RETRY_AFTER, "2")],
                Html(body),
            )
                .into_response();
        }
        tracing::error!(error = %self, "request failed");
        let body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Something went wrong – Limen</title>\
                    <link rel=\"stylesheet\" href=\"/static/limen.css\"></head><body><main><section class=\"card problem\">\
                    <h1>Something went wrong</h1><p>An internal error occurred. Please try again later.</p>\
                    <p lang=\"fr\">Une erreur interne s'est produite. Veuillez réessayer plus tard.</p>\
                    <p><a href=\"/cas/login\">Limen</a></p></section></main></body></html>";
        (StatusCode::INTERNAL_SERVER_ERROR, Html(body)).into_response()
    }
}
