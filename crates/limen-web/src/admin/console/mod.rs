//! The web console at `/admin/` (issue 21 item 3): server-rendered pages in the style of My
//! account. Filled in by the console pages.

use crate::AppState;
use axum::Router;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
}
