//! The admin API, `/admin/api/v1` (issue 21 item 1, docs/ADMIN.md §3).
//!
//! - Authentication: `Authorization: Bearer <token>` (RFC 6750 §2.1), a token from the
//!   client credentials grant (RFC 6749 §4.4) of a client granted a role. Checked by
//!   [`authenticate`] (a middleware, so that every audit entry written while the request runs
//!   names the client) and taken by handlers as [`Caller`].
//! - Errors: `application/problem+json` (RFC 9457) — [`Problem`]; never a bare 500 page.
//! - Updates: `If-Match` with the ETag of the resource read (RFC 9110 §13.1.1): a missing one
//!   is 428 (RFC 6585 §3), a stale one 412 — no update is lost between two admins.
//! - Lists: `limit` (1–200, default 50) and an opaque `cursor` (keyset on the id); the answer's
//!   `next_cursor` is set when there may be more.
//! - The OpenAPI 3.1 document, generated from these handlers and types by `utoipa`, is at
//!   `/admin/api/v1/openapi.json` (public: it describes, it does not disclose).

pub(crate) mod accounts;
pub(crate) mod admins;
pub(crate) mod audit;
pub(crate) mod groups;
pub(crate) mod keys;
pub(crate) mod me;
pub(crate) mod policy;
pub(crate) mod services;
pub(crate) mod tokens;
pub(crate) mod upstreams;

use crate::{AppState, WebError};
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use limen_core::{AdminRole, Capability};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) const BASE: &str = "/admin/api/v1";
/// Every path of the API starts so.
pub(crate) const PREFIX: &str = "/admin/api/";

// ---------------------------------------------------------------------------------------------
// Problems (RFC 9457)

/// An error (RFC 9457 problem details).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` for plain HTTP statuses).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The fields at fault, for invalid input.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
}

/// One invalid field.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(status: StatusCode, kind: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("https://limen.invalid/problems/{kind}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: Some(detail.into()),
            errors: Vec::new(),
        }
    }
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "invalid-request", detail)
    }
    /// 422 with the fields at fault.
    pub fn invalid(field: &str, message: impl Into<String>) -> Problem {
        let message = message.into();
        let mut p = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-field",
            message.clone(),
        );
        p.errors.push(FieldError {
            field: field.to_owned(),
            message,
        });
        p
    }
    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", detail)
    }
    pub fn forbidden(cap: Capability) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("your role may not do this (it needs {cap:?})"),
        )
    }
    pub fn not_found(what: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            format!("no such {what}"),
        )
    }
    pub fn conflict(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::CONFLICT, "conflict", detail)
    }
    pub fn internal() -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "an internal error occurred; it is logged",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut r = (status, Json(&self)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::SERVICE_UNAVAILABLE {
            // RFC 9110 §10.2.3.
            r.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(crate::error::RETRY_AFTER_SECONDS),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            // RFC 6750 §3.
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"limen-admin\""),
            );
        }
        r
    }
}

impl From<WebError> for Problem {
    fn from(e: WebError) -> Problem {
        if e.is_unavailable() {
            tracing::warn!(error = %e, "admin API: database unavailable, answered 503");
            return Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the database cannot answer right now; try again in a few seconds",
            );
        }
        tracing::error!(error = %e, "admin API request failed");
        Problem::internal()
    }
}

impl From<limen_store::StoreError> for Problem {
    fn from(e: limen_store::StoreError) -> Problem {
        match e {
            limen_store::StoreError::NotFound => Problem::not_found("resource"),
            limen_store::StoreError::Duplicate(what) => {
                Problem::conflict(format!("this {what} exists already"))
            }
            e => WebError::from(e).into(),
        }
    }
}

impl From<limen_authn::AuthnError> for Problem {
    fn from(e: limen_authn::AuthnError) -> Problem {
        match e {
            // The account went (deleted by another admin) between the lookup and the change.
            limen_authn::AuthnError::Store(e) => e.into(),
            e => WebError::from(e).into(),
        }
    }
}

pub type ApiResult<T = Response> = Result<T, Problem>;

// ---------------------------------------------------------------------------------------------
// Who calls

/// The authenticated caller of the admin API.
#[derive(Debug, Clone)]
pub struct Caller {
    pub role: AdminRole,
    /// `client:<client_id>`, as the audit log names it.
    pub actor: String,
}

impl Caller {
    /// 403 unless the caller's role has `cap`.
    pub fn require(&self, cap: Capability) -> Result<(), Problem> {
        if self.role.may(cap) {
            Ok(())
        } else {
            Err(Problem::forbidden(cap))
        }
    }
}

/// What [`authenticate`] found, for [`Caller`] to take.
#[derive(Clone)]
struct Authenticated(Result<Caller, &'static str>);

/// Reads the bearer token and runs the request inside an audit scope naming the client.
pub(crate) async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // A NUL (`%00`) is in no uid, name or serial (so: no such resource), and is no valid filter
    // (an invalid parameter); PostgreSQL would refuse it in a query: one answer for every endpoint.
    let nul = |s: &str| s.to_ascii_lowercase().contains("%00");
    if nul(request.uri().path()) {
        return Problem::not_found("resource").into_response();
    }
    if let Some(query) = request.uri().query().filter(|q| nul(q)) {
        let field = url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, v)| k.contains('\0') || v.contains('\0'))
            .map(|(k, _)| k.into_owned())
            .filter(|k| !k.contains('\0') && k.len() <= 64)
            .unwrap_or_else(|| "query".to_owned());
        return Problem::invalid(&field, "NUL characters (%00) are not accepted").into_response();
    }
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            (v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer ")).then(|| v[7..].trim())
        })
        .map(str::to_owned);
    let found = match token {
        None => Err("an access token is required (Authorization: Bearer)"),
        Some(t) if t.is_empty() || t.len() > 128 => Err("the access token is invalid or expired"),
        Some(t) => match state
            .store
            .admin_token(&limen_crypto::sha256_hex(t.as_bytes()), state.now())
            .await
        {
            Ok(Some(client)) => Ok(Caller {
                role: client.role,
                actor: format!("client:{}", client.client_id),
            }),
            Ok(None) => Err("the access token is invalid or expired"),
            Err(e) => return Problem::from(e).into_response(),
        },
    };
    let mut scope = limen_authn::audit_scope().unwrap_or_default();
    if let Ok(c) = &found {
        scope.actor = Some(c.actor.clone());
    }
    request.extensions_mut().insert(Authenticated(found));
    limen_authn::with_audit_scope(scope, next.run(request)).await
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Problem> {
        match parts.extensions.get::<Authenticated>() {
            Some(Authenticated(Ok(c))) => Ok(c.clone()),
            Some(Authenticated(Err(why))) => Err(Problem::unauthorized(*why)),
            None => Err(Problem::unauthorized("an access token is required")),
        }
    }
}

/// Runs `f` with the reason the operator gave in the audit scope (kept in each entry's
/// detail as `justification`).
pub(crate) async fn with_reason<F: std::future::Future>(reason: Option<&str>, f: F) -> F::Output {
    let mut scope = limen_authn::audit_scope().unwrap_or_default();
    scope.reason = reason.map(str::to_owned);
    limen_authn::with_audit_scope(scope, f).await
}

/// The engine's view of the caller: no browser, the address of the request.
pub(crate) fn client<'a>(ip: &'a str) -> limen_authn::Client<'a> {
    limen_authn::Client {
        ip,
        user_agent: "admin API",
        sso_token: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Input that answers with problems

/// `Json<T>` whose rejections are problems (400 for malformed JSON, 415 without the media
/// type, 422 for a body of the wrong shape).
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        // A NUL character (JSON `\u0000`) is no valid text for any field, and PostgreSQL refuses
        // it in a query: refused here, once, rather than as an internal error further in.
        let (parts, body) = req.into_parts();
        let bytes = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(b) => b,
            Err(_) => return Err(Problem::bad_request("the body could not be read")),
        };
        if bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
            && let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Some(field) = nul_field(&value)
        {
            return Err(Problem::invalid(
                &field,
                "NUL characters (\\u0000) are not accepted",
            ));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => {
                let status = e.status();
                let kind = if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
                    "unsupported-media-type"
                } else {
                    "invalid-body"
                };
                Err(Problem::new(status, kind, e.body_text()))
            }
        }
    }
}

/// The top-level field of a JSON body whose text (anywhere inside it) holds a NUL; `body` when
/// the body is not an object.
fn nul_field(value: &serde_json::Value) -> Option<String> {
    fn has_nul(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => s.contains('\0'),
            serde_json::Value::Array(a) => a.iter().any(has_nul),
            serde_json::Value::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
            _ => false,
        }
    }
    match value {
        serde_json::Value::Object(o) => {
            o.iter()
                .find(|(k, v)| k.contains('\0') || has_nul(v))
                .map(|(k, _)| {
                    if k.contains('\0') || k.len() > 64 {
                        "body".to_owned()
                    } else {
                        k.clone()
                    }
                })
        }
        v => has_nul(v).then(|| "body".to_owned()),
    }
}

/// `Query<T>` whose rejection is a 400 problem.
pub struct ApiQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(e) => Err(Problem::bad_request(e.body_text())),
        }
    }
}

/// `Path<T>` whose rejection is a 400 problem.
pub struct ApiPath<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(ApiPath(v)),
            Err(e) => Err(Problem::bad_request(e.body_text())),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ETags (RFC 9110 §8.8.3, §13.1.1)

/// A strong validator of a representation: a digest of its JSON.
pub fn etag_of<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_vec(value).unwrap_or_default();
    format!("\"{}\"", &limen_crypto::sha256_hex(&json)[..32])
}

/// For an update: 428 without `If-Match`, 412 when it names another version.
pub fn check_if_match(headers: &HeaderMap, current: &str) -> Result<(), Problem> {
    let Some(sent) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Err(Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if-match-required",
            "send If-Match with the ETag of the resource you read (no lost updates)",
        ));
    };
    let matches = sent
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == current);
    if matches {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "stale-etag",
            "the resource changed since you read it: read it again",
        ))
    }
}

/// A JSON answer with its ETag.
pub fn json_with_etag<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let tag = etag_of(value);
    let mut r = (status, Json(value)).into_response();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

// ---------------------------------------------------------------------------------------------
// Pagination

/// `limit` and `cursor` of a list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// How many items (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl Paging {
    pub fn limit(&self) -> Result<i64, Problem> {
        match self.limit {
            None => Ok(50),
            Some(l) if (1..=200).contains(&l) => Ok(l),
            Some(_) => Err(Problem::invalid("limit", "limit must be between 1 and 200")),
        }
    }

    /// The id the cursor stands for.
    pub fn cursor(&self) -> Result<Option<i64>, Problem> {
        match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(c) => c
                .strip_prefix("c")
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| *n >= 0)
                .map(Some)
                .ok_or_else(|| Problem::invalid("cursor", "this cursor was not given by Limen")),
        }
    }

    /// The next page's cursor: the last item's id when the page is full.
    pub fn next(&self, items: usize, last_id: Option<i64>) -> Option<String> {
        let full = items as i64 >= self.limit().unwrap_or(50);
        full.then_some(last_id).flatten().map(|id| format!("c{id}"))
    }
}

// ---------------------------------------------------------------------------------------------
// The document and the routes

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Limen admin API",
        version = "1",
        description = "Administration of a Limen identity provider (docs/ADMIN.md). \
                       Authenticate with an access token from the client credentials grant \
                       at /oidc/token. Errors are RFC 9457 problem details; updates need If-Match."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(Problem, FieldError)),
    tags(
        (name = "me", description = "The caller"),
        (name = "accounts", description = "Accounts and the help desk's actions"),
        (name = "groups", description = "Groups and their members"),
        (name = "admins", description = "Who holds an admin role"),
        (name = "services", description = "The registry: CAS services, OpenID Connect clients, SAML service providers"),
        (name = "keys", description = "Signing keys (OpenID Connect, SAML)"),
        (name = "upstreams", description = "Upstream identity providers (read-only: from the configuration file)"),
        (name = "policy", description = "The method policy and retirement dates (read-only: from the configuration file)"),
        (name = "tokens", description = "Hardware tokens: inventory, import, assignment, help desk"),
        (name = "audit", description = "The audit log: search, export, verification, figures"),
    )
)]
struct ApiDoc;

/// The whole document: every module's paths and schemas.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(me::Doc::openapi());
    doc.merge(accounts::Doc::openapi());
    doc.merge(groups::Doc::openapi());
    doc.merge(admins::Doc::openapi());
    doc.merge(services::Doc::openapi());
    doc.merge(keys::Doc::openapi());
    doc.merge(upstreams::Doc::openapi());
    doc.merge(policy::Doc::openapi());
    doc.merge(tokens::Doc::openapi());
    doc.merge(audit::Doc::openapi());
    doc
}

async fn openapi_json() -> Response {
    match openapi().to_json() {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => Problem::from(WebError::Internal(format!("openapi: {e}"))).into_response(),
    }
}

/// A method a path does not take (RFC 9110 §15.5.6): a problem too.
async fn method_not_allowed() -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "this endpoint does not take this method",
    )
}

/// Every path under `/admin/api/v1` that matches no route: a problem, not the HTML 404.
async fn no_such_endpoint() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "no-such-endpoint",
        "no such endpoint",
    )
}

pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    let api = Router::new()
        .merge(me::routes())
        .merge(accounts::routes())
        .merge(groups::routes())
        .merge(admins::routes())
        .merge(services::routes())
        .merge(keys::routes())
        .merge(upstreams::routes())
        .merge(policy::routes())
        .merge(tokens::routes())
        .merge(audit::routes())
        .route(
            &format!("{BASE}/{{*rest}}"),
            axum::routing::any(no_such_endpoint),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authenticate,
        ));
    Router::new()
        .route(&format!("{BASE}/openapi.json"), get(openapi_json))
        .merge(api)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_nul_is_named_by_its_top_level_field() {
        assert_eq!(
            nul_field(&json!({"a": "x", "b": "y\u{0}"})).as_deref(),
            Some("b")
        );
        assert_eq!(
            nul_field(&json!({"urls": ["ok", "n\u{0}"]})).as_deref(),
            Some("urls")
        );
        assert_eq!(nul_field(&json!({"k\u{0}": 1})).as_deref(), Some("body"));
        assert_eq!(nul_field(&json!(["\u{0}"])).as_deref(), Some("body"));
        assert_eq!(
            nul_field(&json!({"a": "no nul", "b": "\\u0000 typed"})),
            None
        );
    }

    #[test]
    fn cursors_are_only_those_limen_gave() {
        let p = |c: &str| Paging {
            limit: None,
            cursor: Some(c.to_owned()),
        };
        assert_eq!(p("c42").cursor().ok(), Some(Some(42)));
        assert!(p("42").cursor().is_err());
        assert!(p("c-1").cursor().is_err());
        assert!(p("cx").cursor().is_err());
        assert_eq!(p("").cursor().ok(), Some(None));
        let full = Paging {
            limit: Some(2),
            cursor: None,
        };
        assert_eq!(full.next(2, Some(9)).as_deref(), Some("c9"));
        assert_eq!(full.next(1, Some(9)), None);
    }
}
