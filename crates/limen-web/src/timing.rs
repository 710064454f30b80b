//! Time limits users are told about and can extend (WCAG 2.1 SC 2.2.1 "Timing Adjustable",
//! EN 301 549 §9.2.2.1): a second factor's step of the login lasts `transaction_ttl` (5 minutes
//! by default). Its page says until when (`_time_limit.html`); a minute before the end,
//! `/static/timelimit.js` says so in a live region and offers "More time", which posts here and
//! gives the step another `transaction_ttl`, at most [`limen_authn::MORE_TIME_LIMIT`] times.

use crate::authn::client;
use crate::context::Ctx;
use crate::{AppState, WebError};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use limen_authn::MoreTime;
use serde::Deserialize;
use time::OffsetDateTime;

/// What a page with a time limit shows and its script needs.
#[derive(Debug, Clone)]
pub struct TimeLimit {
    /// The end, in Unix seconds (for the script's countdown).
    pub until: i64,
    /// The end as the language writes it.
    pub until_text: String,
    /// The step's token, which "More time" sends back.
    pub ceremony: String,
}

impl TimeLimit {
    pub fn new(ctx: &Ctx, until: OffsetDateTime, ceremony: &str) -> Self {
        Self {
            until: until.unix_timestamp(),
            until_text: ctx.tr.datetime(until),
            ceremony: ceremony.to_owned(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct MoreTimeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
}

/// POST /cas/login/more-time: JSON for timelimit.js — `{"until", "text", "more"}` (200) with the
/// new end; the same with `"more": false` when the step had all the extensions it may have
/// (409); `{"text"}` saying to start again when the step is gone (410); 403 on a bad CSRF token.
pub async fn more_time(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<MoreTimeForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        let body = serde_json::json!({ "text": ctx.tr.t("time-limit-refused") });
        return Ok((StatusCode::FORBIDDEN, axum::Json(body)).into_response());
    }
    let (status, body) = match state.authn.more_time(&form.ceremony, &client(&ctx)).await? {
        MoreTime::Until(until) => (
            StatusCode::OK,
            serde_json::json!({
                "until": until.unix_timestamp(),
                "text": ctx.tr.t1("time-limit-extended", "time", &ctx.tr.datetime(until)),
                "more": true,
            }),
        ),
        MoreTime::NoMore(until) => (
            StatusCode::CONFLICT,
            serde_json::json!({
                "until": until.unix_timestamp(),
                "text": ctx.tr.t("time-limit-no-more"),
                "more": false,
            }),
        ),
        MoreTime::Gone => (
            StatusCode::GONE,
            serde_json::json!({ "text": ctx.tr.t("time-limit-ended") }),
        ),
    };
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
