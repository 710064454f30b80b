//! The admin API's keys endpoints (issue 21): to be written.

use crate::AppState;
use axum::Router;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi()]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
}
