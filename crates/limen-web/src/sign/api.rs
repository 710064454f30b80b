//! The service's side of transaction signing: server-to-server calls under `/sign/api/v1`.
//!
//! **Who may call.** An OpenID Connect client authenticates exactly as at the token endpoint
//! (RFC 6749 §2.3.1 `client_secret_basic` / `client_secret_post`, RFC 7523 §2.2 `private_key_jwt`;
//! public clients cannot: they hold no secret). A CAS service has no credentials of its own in
//! CAS, so it gets one: `limen service signing-secret NAME` makes a 256-bit random secret, shown
//! once and stored as its SHA-256 only, presented with HTTP Basic (RFC 7617) as user
//! `cas-<service id>`. A secret rather than mutual TLS, because Limen usually sits behind a
//! TLS-terminating proxy: client certificates would have to be checked there and passed on in a
//! header, which is one more thing to get wrong; a random secret over TLS is what
//! `client_secret_basic` already trusts.

use crate::oidc::{json_response, token};
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use limen_authn::sign::{SignBinding, SignField};
use limen_cas::{ErrorCode, Failure};
use limen_core::oidc::{OidcClient, SubjectType, TokenAuthMethod};
use limen_core::service::CasResponseFormat;
use limen_core::{Account, AccountStatus, Service, ServiceProtocol, Strength};
use limen_oidc::OAuthError;
use limen_oidc::client_auth::{self, ClientFields, Presented};
use limen_store::SignatureRequest;
use serde::Deserialize;
use serde_json::{Value, json};

/// The largest request body read (a request holds at most 20 fields of 500 characters).
const MAX_BODY: usize = 64 * 1024;
const MAX_TITLE: usize = 200;
const MAX_FIELDS: usize = 20;
const MAX_LABEL: usize = 100;
const MAX_VALUE: usize = 500;
const MAX_PATTERN: usize = 200;
const MAX_USER: usize = 256;
const MAX_URL: usize = 2048;
/// A request's lifetime: 10 minutes unless the service asks for 1 to 60.
const DEFAULT_EXPIRY: i64 = 600;
const MIN_EXPIRY: i64 = 60;
const MAX_EXPIRY: i64 = 3600;
/// Requests one service may create per hour (a service whose credentials leaked cannot flood
/// its users' pages and lists).
const PER_SERVICE_HOUR: i64 = 1000;
/// The largest transaction data (its RFC 8785 form, in bytes) the offline QR code carries: the
/// signed challenge holds it with its own members, base64url-encoded, and must stay a QR code a
/// phone's camera reads (well under version 40's 2331 bytes at level M).
const OFFLINE_QR_DATA: usize = 800;
/// How long the result handle of a finished request may be redeemed.
pub(crate) const RESULT_LIFETIME: time::Duration = time::Duration::minutes(5);

/// The service calling.
pub(crate) enum Caller {
    Oidc(Service, Box<OidcClient>),
    Cas(Service),
}

impl Caller {
    fn service(&self) -> &Service {
        match self {
            Caller::Oidc(s, _) | Caller::Cas(s) => s,
        }
    }

    /// How receipts name it (`aud`).
    fn audience(&self) -> String {
        match self {
            Caller::Oidc(_, c) => c.client_id.clone(),
            Caller::Cas(s) => cas_client_id(s.id),
        }
    }

    /// A CAS service registered with EU Login's response format gets EU Login's XML.
    fn ecas(&self) -> bool {
        matches!(self, Caller::Cas(s) if s.response_format == CasResponseFormat::Ecas)
    }
}

/// The signing-API user name of a CAS service.
pub fn cas_client_id(service_id: i64) -> String {
    format!("cas-{service_id}")
}

fn endpoint(state: &AppState, path: &str) -> String {
    format!("{}/sign/api/v1/{path}", state.config.public_url)
}

/// The client-authentication members of a JSON or form body.
fn client_fields(body: &Value) -> ClientFields {
    let get = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_owned);
    ClientFields {
        client_id: get("client_id"),
        client_secret: get("client_secret"),
        client_assertion_type: get("client_assertion_type"),
        client_assertion: get("client_assertion"),
    }
}

/// Authenticates the calling service, or why not.
async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    fields: &ClientFields,
    path: &str,
) -> Result<Result<Caller, OAuthError>, WebError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let presented = match client_auth::presented(authorization, fields) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let refused = || OAuthError::invalid_client("client authentication failed");
    if let Some(id) = presented
        .client_id()
        .strip_prefix("cas-")
        .and_then(|n| n.parse::<i64>().ok())
    {
        let Presented::Basic { secret, .. } = &presented else {
            return Ok(Err(refused()));
        };
        let Some(service) = state
            .store
            .service_by_id(id)
            .await?
            .filter(|s| s.protocol == ServiceProtocol::Cas)
        else {
            return Ok(Err(refused()));
        };
        let Some(hash) = state.store.signing_secret(service.id).await? else {
            return Ok(Err(refused()));
        };
        let given = limen_crypto::sha256_hex(secret.as_bytes());
        if !limen_crypto::constant_time_eq(given.as_bytes(), hash.as_bytes()) {
            return Ok(Err(refused()));
        }
        return Ok(Ok(Caller::Cas(service)));
    }
    match token::authenticate(state, headers, fields, &endpoint(state, path)).await? {
        // A public client proves nothing about itself.
        Ok((_, client)) if client.auth_method == TokenAuthMethod::None => Ok(Err(refused())),
        Ok((service, client)) => Ok(Ok(Caller::Oidc(service, Box::new(client)))),
        Err(e) => Ok(Err(e)),
    }
}

fn unauthorized(e: &OAuthError) -> Response {
    let mut r = json_response(StatusCode::UNAUTHORIZED, &json!(e));
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"limen\""),
    );
    r
}

fn error(status: StatusCode, code: &str, description: &str) -> Response {
    json_response(
        status,
        &json!({"error": code, "error_description": description}),
    )
}

/// The body as JSON (or, for the result endpoint, a form); `Value::Null` if it is neither.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Value {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if form {
        let map: serde_json::Map<String, Value> = url::form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
        return Value::Object(map);
    }
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

// Unknown members are refused: a misspelt `strengths` must not silently accept every method.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldIn {
    label: String,
    value: String,
    #[serde(default)]
    retype: bool,
    #[serde(default)]
    pattern: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    user: String,
    title: String,
    fields: Vec<FieldIn>,
    #[serde(default)]
    strengths: Option<Vec<String>>,
    return_url: String,
    #[serde(default)]
    expires_in: Option<i64>,
    // Client authentication (client_secret_post, private_key_jwt): read before, ignored here.
    #[serde(default, rename = "client_id")]
    _client_id: Option<String>,
    #[serde(default, rename = "client_secret")]
    _client_secret: Option<String>,
    #[serde(default, rename = "client_assertion_type")]
    _client_assertion_type: Option<String>,
    #[serde(default, rename = "client_assertion")]
    _client_assertion: Option<String>,
}

/// Why a request is refused: the code (EU Login's for ecas services) and the description.
pub(crate) struct Invalid(pub ErrorCode, pub String);

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid(ErrorCode::InvalidRequest, message.into())
}

/// Control characters (Unicode `Cc`), and the invisible ones that could make what the user
/// sees differ from what is signed: format characters (`Cf`: bidirectional overrides and
/// isolates, zero-width spaces and joiners, the soft hyphen, tags…) and the line and paragraph
/// separators (`Zl`, `Zp`).
fn has_control(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_control()
            || matches!(c,
                '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
    })
}

/// A text member: 1 to `max` characters, no control characters.
fn text(name: &str, value: &str, max: usize) -> Result<String, Invalid> {
    if value.trim().is_empty() {
        return Err(invalid(format!("'{name}' must not be empty")));
    }
    if value.chars().count() > max {
        return Err(invalid(format!("'{name}' is longer than {max} characters")));
    }
    if has_control(value) {
        return Err(invalid(format!(
            "'{name}' holds a control or invisible formatting character"
        )));
    }
    Ok(value.to_owned())
}

/// A field's pattern: compiled whole-value (anchored), bounded in size, and matching the value
/// it comes with — a pattern the true value fails could never be signed.
fn check_pattern(pattern: &str, value: &str) -> Result<(), Invalid> {
    if pattern.chars().count() > MAX_PATTERN || has_control(pattern) {
        return Err(invalid(format!(
            "a pattern is longer than {MAX_PATTERN} characters or holds a control character"
        )));
    }
    // Devices check patterns too (the mobile app's web version in ECMAScript, with the `u`
    // flag): only the syntax both read alike (docs/MOBILE-PROTOCOL.md §5.5).
    let chars: Vec<char> = pattern.chars().collect();
    if let Err(why) = portable(&chars) {
        return Err(invalid(format!(
            "a pattern uses {why}, which devices read differently: write the characters out (e.g. [0-9]) or leave it out"
        )));
    }
    // The pattern alone must be one expression: `a)|(?:.*` would escape the anchors below.
    if regex::RegexBuilder::new(pattern)
        .size_limit(1 << 16)
        .build()
        .is_err()
    {
        return Err(invalid("a pattern is not a valid regular expression"));
    }
    // The web app's ECMAScript engine backtracks: a repeated group that itself repeats
    // (`([0-9]+)+`) could freeze the phone on a long typed value. Rust's engine is linear.
    if nested_quantifier(&chars) {
        return Err(invalid(
            "a pattern repeats a group that repeats (such as ([0-9]+)+): write it without nesting",
        ));
    }
    let re = regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(1 << 16)
        .build()
        .map_err(|_| invalid("a pattern is not a valid regular expression"))?;
    if !re.is_match(value) {
        return Err(invalid("a field's value does not match its own pattern"));
    }
    Ok(())
}

/// Whether the pattern keeps to the dialect Rust's `regex` and ECMAScript (`u` flag) read alike:
/// an escape only of a syntax character (and `-` inside a class) — so no `\d \w \s \b \p`
/// (ASCII in one, Unicode in the other), no `\A \z`, and no `\-` outside a class (an error
/// under `u`); no `(?` construct but `(?:` (flags, named groups, look-around); no POSIX class
/// `[[:alpha:]]`; no `{,n}`. The construct refused, if any.
fn portable(chars: &[char]) -> Result<(), String> {
    const SYNTAX: &str = "^$\\.*+?()[]{}|/";
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' => {
                let ok = next.is_some_and(|n| SYNTAX.contains(n) || (in_class && n == '-'));
                if !ok {
                    return Err(format!("\\{}", next.map(String::from).unwrap_or_default()));
                }
                i += 2;
                continue;
            }
            '[' if in_class && next == Some(':') => return Err("[:…:]".into()),
            '[' => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class && next == Some('?') && chars.get(i + 2) != Some(&':') => {
                return Err("(?…)".into());
            }
            '{' if !in_class && next == Some(',') => return Err("{,n}".into()),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Whether a quantified group holds a quantifier itself (escapes and classes skipped).
fn nested_quantifier(chars: &[char]) -> bool {
    let quantifier = |c: char| matches!(c, '*' | '+' | '?' | '{');
    // For each open group: whether a quantifier appeared inside it.
    let mut groups: Vec<bool> = Vec::new();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if in_class {
            in_class = c != ']';
        } else if c == '[' {
            in_class = true;
        } else if c == '(' {
            groups.push(false);
        } else if c == ')' {
            let inner = groups.pop().unwrap_or(false);
            let repeated = chars.get(i + 1).is_some_and(|n| quantifier(*n));
            if inner && repeated {
                return true;
            }
            if let Some(outer) = groups.last_mut() {
                *outer |= inner || repeated;
            }
        } else if quantifier(c)
            && let Some(g) = groups.last_mut()
        {
            *g = true;
        }
        i += 1;
    }
    false
}

fn fields(input: Vec<FieldIn>) -> Result<Vec<SignField>, Invalid> {
    if input.is_empty() || input.len() > MAX_FIELDS {
        return Err(invalid(format!("give 1 to {MAX_FIELDS} fields")));
    }
    input
        .into_iter()
        .map(|f| {
            let label = text("label", &f.label, MAX_LABEL)?;
            let value = text("value", &f.value, MAX_VALUE)?;
            // Devices trim what the user types: a value to retype must not start or end with
            // spaces, or it could never be typed right.
            if f.retype && value.trim() != value {
                return Err(invalid(
                    "a value to retype must not start or end with spaces",
                ));
            }
            let pattern = match f.pattern.filter(|p| !p.is_empty()) {
                Some(p) => {
                    check_pattern(&p, &value)?;
                    Some(p)
                }
                None => None,
            };
            Ok(SignField {
                label,
                value,
                retype: f.retype,
                pattern,
            })
        })
        .collect()
}

/// The accepted strengths, as names (default: every method that can sign).
fn strengths(input: Option<Vec<String>>) -> Result<Vec<String>, Invalid> {
    let Some(names) = input else {
        return Ok(limen_authn::sign::SIGNING_METHODS
            .iter()
            .map(|m| m.strength().as_str().to_owned())
            .collect());
    };
    if names.is_empty() {
        return Err(invalid("'strengths' must name at least one strength"));
    }
    let mut out = Vec::new();
    for name in names {
        let method = name
            .parse::<Strength>()
            .ok()
            .and_then(super::signing_method)
            .ok_or_else(|| {
                Invalid(
                    ErrorCode::InvalidStrength,
                    format!(
                        "'{}' cannot sign a transaction",
                        name.chars().take(40).collect::<String>()
                    ),
                )
            })?;
        let s = method.strength().as_str().to_owned();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out)
}

/// Where the user may be sent back: for a CAS service, a URL its patterns match; for an OpenID
/// Connect client, a URL of the same origin (RFC 6454) as one of its redirect URIs.
fn return_url_allowed(caller: &Caller, url: &str) -> bool {
    if url.len() > MAX_URL || limen_core::service::has_control_character(url) {
        return false;
    }
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    if !matches!(parsed.scheme(), "https" | "http") {
        return false;
    }
    // The handle is added as `result`: one already there could be read first by the service.
    if parsed.query_pairs().any(|(k, _)| k == "result") {
        return false;
    }
    match caller {
        Caller::Cas(s) => s.url_patterns.iter().any(|p| p.matches(url)),
        Caller::Oidc(_, c) => c
            .redirect_uris
            .iter()
            .any(|r| url::Url::parse(r).is_ok_and(|r| r.origin() == parsed.origin())),
    }
}

/// The account the service names: by `uid` for a CAS service and for an OpenID Connect client
/// with public subjects; for pairwise subjects (OIDC Core §8.1), among the accounts that client
/// was granted (a pairwise `sub` cannot be reversed).
async fn named_account(
    state: &AppState,
    caller: &Caller,
    user: &str,
) -> Result<Option<Account>, WebError> {
    let found = match caller {
        Caller::Oidc(_, c) if c.subject_type == SubjectType::Pairwise => state
            .store
            .accounts_granted_to(c.service_id)
            .await?
            .into_iter()
            .find(|a| {
                limen_crypto::constant_time_eq(
                    token::subject(state, c, a).as_bytes(),
                    user.as_bytes(),
                )
            }),
        _ => state.store.account_by_uid(user).await?,
    };
    Ok(found.filter(|a| a.status == AccountStatus::Active))
}

/// Checks and stores a request: its id and expiry, or why not.
pub(crate) async fn create_request(
    state: &AppState,
    caller: &Caller,
    body: Value,
) -> Result<Result<SignatureRequest, Invalid>, WebError> {
    let body: CreateBody = match serde_json::from_value(body) {
        Ok(b) => b,
        Err(e) => {
            let reason = e.to_string().chars().take(200).collect::<String>();
            return Ok(Err(invalid(format!(
                "the request is not valid JSON: {reason}"
            ))));
        }
    };
    let asked_strengths = body.strengths.is_some();
    let checked = (|| {
        let title = text("title", &body.title, MAX_TITLE)?;
        let fields = fields(body.fields)?;
        let strengths = strengths(body.strengths)?;
        let expires_in = body.expires_in.unwrap_or(DEFAULT_EXPIRY);
        if !(MIN_EXPIRY..=MAX_EXPIRY).contains(&expires_in) {
            return Err(invalid(format!(
                "'expires_in' must be {MIN_EXPIRY} to {MAX_EXPIRY} seconds"
            )));
        }
        if !return_url_allowed(caller, &body.return_url) {
            return Err(invalid(
                "'return_url' is not one of this service's addresses",
            ));
        }
        if body.user.is_empty() || body.user.len() > MAX_USER {
            return Err(Invalid(ErrorCode::InvalidUser, "no such user".into()));
        }
        Ok((title, fields, strengths, expires_in))
    })();
    let (title, fields, mut strengths, expires_in) = match checked {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Some(account) = named_account(state, caller, &body.user).await? else {
        return Ok(Err(Invalid(ErrorCode::InvalidUser, "no such user".into())));
    };
    let service = caller.service();
    let id = limen_crypto::ticket("SR-");
    let binding = SignBinding::new(&id, &service.name, &title, fields);
    // Too much data for the offline QR code: an explicit demand for it is refused, the default
    // list goes without it.
    let offline = Strength::PasswordSoftwareToken.as_str();
    if binding.canonical().len() > OFFLINE_QR_DATA && strengths.iter().any(|s| s == offline) {
        if asked_strengths {
            return Ok(Err(invalid(format!(
                "the transaction is too large for the offline QR code ({offline}): at most \
                 {OFFLINE_QR_DATA} bytes of data; shorten it or leave {offline} out"
            ))));
        }
        strengths.retain(|s| s != offline);
    }
    let now = state.now();
    let key = format!("sign:create:{}", service.id);
    if state
        .store
        .throttle_fail(&key, now, time::Duration::hours(1))
        .await?
        > PER_SERVICE_HOUR
    {
        return Ok(Err(Invalid(
            ErrorCode::InternalError,
            format!("more than {PER_SERVICE_HOUR} requests in an hour: try again later"),
        )));
    }
    let request = SignatureRequest {
        id,
        service_id: service.id,
        account_id: account.id,
        subject: body.user,
        audience: caller.audience(),
        title,
        fields: serde_json::to_string(&binding.fields)
            .map_err(|e| WebError::Internal(format!("signature request: {e}")))?,
        strengths: serde_json::to_string(&strengths)
            .map_err(|e| WebError::Internal(format!("signature request: {e}")))?,
        return_url: body.return_url,
        digest: binding.digest.clone(),
        created_at: now,
        expires_at: now + time::Duration::seconds(expires_in),
        status: "pending".into(),
        finished_at: None,
        method: None,
        receipt: None,
        reported_at: None,
    };
    state.store.create_signature_request(&request).await?;
    state
        .authn
        .audit_raw(
            "sign.requested",
            Some(account.id),
            "",
            json!({"request": request.id, "service": service.name, "title": request.title}),
        )
        .await;
    Ok(Ok(request))
}

/// A POST's body (at most [`MAX_BODY`]) and the service that sent it, authenticated at `path`
/// — or the answer refusing it (413, 401).
async fn called(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    path: &str,
) -> Result<Result<(Caller, Value), Response>, WebError> {
    if body.len() > MAX_BODY {
        return Ok(Err(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request",
            "the request is larger than 64 KiB",
        )));
    }
    let value = parse_body(headers, body);
    Ok(
        match authenticate(state, headers, &client_fields(&value), path).await? {
            Ok(caller) => Ok((caller, value)),
            Err(e) => Err(unauthorized(&e)),
        },
    )
}

/// `POST /sign/api/v1/requests`: a service asks a user to sign.
pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match create_inner(&state, &headers, &body).await {
        Ok(r) => r,
        Err(e) => internal(e),
    }
}

async fn create_inner(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, WebError> {
    let (caller, value) = match called(state, headers, body, "requests").await? {
        Ok(c) => c,
        Err(refused) => return Ok(refused),
    };
    let result = create_request(state, &caller, value).await?;
    let url = |r: &SignatureRequest| format!("{}/sign/{}", state.config.public_url, r.id);
    if caller.ecas() {
        let (status, rendered, location) = match &result {
            Ok(r) => (StatusCode::CREATED, Ok(r.id.clone()), Some(url(r))),
            Err(Invalid(code, message)) => (
                if *code == ErrorCode::InternalError {
                    StatusCode::TOO_MANY_REQUESTS
                } else {
                    StatusCode::BAD_REQUEST
                },
                Err(Failure::new(*code, message.clone())),
                None,
            ),
        };
        let xml = limen_cas::render_signature_request(&rendered, &crate::cas::ecas_server(state));
        let mut r = (
            status,
            [
                (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            xml,
        )
            .into_response();
        if let Some(l) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            r.headers_mut().insert(header::LOCATION, l);
        }
        return Ok(r);
    }
    Ok(match result {
        Ok(r) => {
            let url = url(&r);
            let mut resp = json_response(
                StatusCode::CREATED,
                &json!({"request_id": r.id, "url": url, "expires_at": r.expires_at.unix_timestamp()}),
            );
            if let Ok(l) = HeaderValue::from_str(&url) {
                resp.headers_mut().insert(header::LOCATION, l);
            }
            resp
        }
        Err(Invalid(ErrorCode::InvalidUser, m)) => {
            error(StatusCode::BAD_REQUEST, "unknown_user", &m)
        }
        Err(Invalid(ErrorCode::InternalError, m)) => {
            error(StatusCode::TOO_MANY_REQUESTS, "slow_down", &m)
        }
        Err(Invalid(_, m)) => error(StatusCode::BAD_REQUEST, "invalid_request", &m),
    })
}

/// What the service learns of a request: its status, and the receipt once signed.
fn outcome(r: &SignatureRequest, now: time::OffsetDateTime) -> Value {
    let status = if r.status == "pending" && r.expires_at <= now {
        "expired"
    } else {
        r.status.as_str()
    };
    let mut out = json!({"request_id": r.id, "status": status});
    if let (Some(receipt), Some(map)) = (&r.receipt, out.as_object_mut()) {
        map.insert("receipt".into(), json!(receipt));
        if let Some(m) = &r.method {
            map.insert("method".into(), json!(m));
        }
    }
    out
}

/// `POST /sign/api/v1/result`: redeems the one-time handle the return URL carried.
pub async fn result(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match result_inner(&state, &headers, &body).await {
        Ok(r) => r,
        Err(e) => internal(e),
    }
}

async fn result_inner(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, WebError> {
    let (caller, value) = match called(state, headers, body, "result").await? {
        Ok(c) => c,
        Err(refused) => return Ok(refused),
    };
    let Some(handle) = value
        .get("result")
        .and_then(Value::as_str)
        .filter(|h| !h.is_empty() && h.len() <= 128)
    else {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "'result' is missing",
        ));
    };
    let hash = limen_crypto::sha256_hex(handle.as_bytes());
    let now = state.now();
    match state
        .store
        .redeem_signature_result(&hash, caller.service().id, now)
        .await?
    {
        Some(r) => Ok(json_response(StatusCode::OK, &outcome(&r, now))),
        None => Ok(error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "the result is unknown, expired, already redeemed, or another service's",
        )),
    }
}

/// `GET /sign/api/v1/requests/{id}`: a request's status (and receipt) for the service that made
/// it.
pub async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let run = async {
        let caller =
            match authenticate(&state, &headers, &ClientFields::default(), "requests").await? {
                Ok(c) => c,
                Err(e) => return Ok(unauthorized(&e)),
            };
        let found = state
            .store
            .signature_request(&id)
            .await?
            .filter(|r| r.service_id == caller.service().id);
        Ok::<_, WebError>(match found {
            Some(r) => json_response(StatusCode::OK, &outcome(&r, state.now())),
            None => error(StatusCode::NOT_FOUND, "not_found", "no such request"),
        })
    };
    match run.await {
        Ok(r) => r,
        Err(e) => internal(e),
    }
}

fn internal(e: WebError) -> Response {
    if e.is_unavailable() {
        return crate::error::json_unavailable(&e);
    }
    tracing::error!(error = %e, "signing API request failed");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server_error",
        "try again later",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_whole_value_and_bounded() {
        assert!(check_pattern("EU-[0-9]+", "EU-100").is_ok());
        assert!(check_pattern("EU-[0-9]+", "xEU-100").is_err(), "anchored");
        assert!(check_pattern("(", "x").is_err(), "does not compile");
        assert!(
            check_pattern("EU-\\d+", "EU-1").is_err(),
            "classes that differ between devices"
        );
        assert!(
            check_pattern("EU-[0-9]+\\.", "EU-1.").is_ok(),
            "escapes that do not"
        );
        assert!(check_pattern(&"a".repeat(201), "a").is_err(), "too long");
        assert!(
            check_pattern("(a{1000}){1000}", "a").is_err(),
            "too large once compiled"
        );
    }

    #[test]
    fn texts_are_checked() {
        assert!(text("title", "Transfer", 200).is_ok());
        assert!(text("title", "  ", 200).is_err());
        assert!(text("title", "a\u{7}b", 200).is_err());
        for invisible in [
            '\u{202E}',
            '\u{2066}',
            '\u{200B}',
            '\u{2028}',
            '\u{FEFF}',
            '\u{E0041}',
        ] {
            assert!(
                text("title", &format!("EU{invisible}-100"), 200).is_err(),
                "{invisible:?}"
            );
        }
        assert!(text("title", "Überweisung 100 € → EU-100-5", 200).is_ok());
        assert!(text("title", &"é".repeat(201), 200).is_err());
    }

    #[test]
    fn strengths_default_to_every_signing_method_and_refuse_others() {
        assert_eq!(strengths(None).ok().map(|s| s.len()), Some(5));
        assert!(strengths(Some(vec!["PASSWORD".into()])).is_err());
        assert!(strengths(Some(vec!["PASSWORD_TOKEN".into()])).is_err());
        assert!(strengths(Some(vec![])).is_err());
        assert_eq!(
            strengths(Some(vec!["PASSWORD_SMS".into(), "PASSWORD_SMS".into()])).ok(),
            Some(vec!["PASSWORD_SMS".to_owned()])
        );
    }
}
