//! EU Login's login transaction (ARCHITECTURE §1b; docs/CAS.md, "Login requests"): a client
//! posts the login parameters server to server to `POST /cas/login/init`, gets a
//! `loginRequestId` in EU Login's namespace, and sends the browser to
//! `/cas/login?loginRequestId=…`, which then uses the stored parameters and nothing else.
//!
//! - The request is stored under the SHA-256 of its id (as tickets are), lives a few minutes,
//!   and is claimed by the first browser that opens it: from then on only that browser (the
//!   keyed digest of its CSRF cookie, [`Ctx::browser_binding`]) can use the id, through every
//!   page of the login; the id stays in the login's URLs, the parameters never travel through
//!   the browser. It is taken (deleted) when the login ends with a ticket, or without one after
//!   `gateway`: a replayed, tampered, unknown or expired id finds nothing and gets the
//!   translated "sign-in request gone" page (400).
//! - `clientFingerprint` (the `ecphp/ecas` client's scheme: it keeps a random secret in an
//!   HttpOnly cookie of the browser that starts the login, gives the double SHA-1 of it here,
//!   and the cookie's value at validation) binds the service ticket to that value:
//!   [`fingerprint_matches`], called by validation.
//!
//! This module parses, stores and renders; what the login then proves is the login pages' and
//! the engine's, exactly as for `/cas/login?service=…`.

use super::{LoginQuery, Target};
use crate::cas::shown;
use crate::context::{Ctx, LANG};
use crate::pages;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use limen_cas::{ErrorCode, Failure};
use limen_core::AssuranceLevel;
use limen_core::policy::{StrengthRequestError, requested_strengths};
use limen_store::LoginRequest;

/// How long an opened login request stays usable by its browser: the time a user has to sign
/// in (second factors included) once they reached the login page.
pub const SIGN_IN_WINDOW: time::Duration = time::Duration::minutes(30);

/// Longest accepted `service` URL; longer ones are refused before any lookup.
const MAX_SERVICE_LEN: usize = 4096;
/// Longest accepted value of the other parameters.
const MAX_VALUE_LEN: usize = 512;

/// A login request being used by the login pages: its digest (to take it when the login ends),
/// and whether this request claimed it (then its `locale` applies).
#[derive(Debug, Clone)]
pub(crate) struct Opened {
    id_hash: String,
    fresh: bool,
    locale: Option<String>,
}

/// The parameters of `POST /cas/login/init`, checked.
#[derive(Debug, Default)]
struct InitParams {
    service: Option<String>,
    renew: Option<String>,
    gateway: Option<String>,
    accept_strengths: Option<String>,
    authentication_level: Option<String>,
    assurance_level: Option<String>,
    method: Option<String>,
    locale: Option<String>,
    client_fingerprint: Option<String>,
}

impl InitParams {
    /// Reads the parameters from the query string and the body together (the clients post a
    /// form body, some without a `Content-Type`; a query string is read the same way). A
    /// parameter given twice is refused: there is no telling which value the client meant.
    fn parse(raw_query: Option<&str>, body: &str) -> Result<Self, Failure> {
        let mut p = InitParams::default();
        let pairs = url::form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes())
            .chain(url::form_urlencoded::parse(body.as_bytes()));
        for (name, value) in pairs {
            let slot = match name.as_ref() {
                "service" => &mut p.service,
                "renew" => &mut p.renew,
                "gateway" => &mut p.gateway,
                "acceptStrengths" => &mut p.accept_strengths,
                "authenticationLevel" => &mut p.authentication_level,
                "assuranceLevel" => &mut p.assurance_level,
                "method" => &mut p.method,
                "locale" => &mut p.locale,
                "clientFingerprint" => &mut p.client_fingerprint,
                // Anything else a client sends along (`userDetails`, its own parameters) is not
                // a login parameter: ignored, as /cas/login ignores it.
                _ => continue,
            };
            if slot.is_some() {
                return Err(Failure::new(
                    ErrorCode::InvalidRequest,
                    format!("the parameter '{}' is given more than once", shown(&name)),
                ));
            }
            *slot = Some(value.into_owned());
        }
        Ok(p)
    }
}

/// A present, non-empty value, trimmed.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn invalid(message: impl Into<String>) -> Failure {
    Failure::new(ErrorCode::InvalidRequest, message)
}

/// `POST /cas/login/init`: stores the login parameters and answers the `loginRequestId`, or
/// EU Login's `loginRequestFailure` with its code — always with status 200, as for CAS
/// validation failures (the EU Login clients read the document only from a 200).
pub async fn init(
    State(state): State<AppState>,
    crate::context::ClientIp(ip): crate::context::ClientIp,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Response, WebError> {
    // Each request is stored until it expires, and nothing authenticates the caller: a bound
    // per client address keeps one caller from filling the table. Counted in the throttle
    // table (shared by every node); the window restarts each minute.
    let made = state
        .store
        .throttle_fail(
            &format!("login_init:{ip}"),
            state.now(),
            time::Duration::minutes(1),
        )
        .await?;
    if made > i64::from(state.config.login_requests_per_minute) {
        let refused = Err(invalid(
            "too many login requests from this address; try again in a minute",
        ));
        let mut answer = init_answer(&state, &refused);
        *answer.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
        return Ok(answer);
    }
    let result = match std::str::from_utf8(&body) {
        Ok(body) => match InitParams::parse(raw.as_deref(), body) {
            Ok(params) => store(&state, &params).await?,
            Err(failure) => Err(failure),
        },
        Err(_) => Err(invalid("the request body is not UTF-8")),
    };
    if let Err(failure) = &result {
        tracing::info!(code = failure.code.as_str(), reason = %failure.message, "login request refused");
    }
    Ok(init_answer(&state, &result))
}

/// EU Login's `loginRequest` document, as the published clients read it (status 200, XML).
fn init_answer(state: &AppState, result: &Result<String, Failure>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        limen_cas::render_login_request(result, &crate::cas::ecas_server(state)),
    )
        .into_response()
}

/// Checks the parameters the way `/cas/login` would and stores them: the new id, or the refusal.
async fn store(state: &AppState, p: &InitParams) -> Result<Result<String, Failure>, WebError> {
    let Some(url) = p.service.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(Err(invalid("the parameter 'service' is required")));
    };
    // As at /cas/login: a URL with a control character is never a service (it could not be put
    // in the Location header that will carry the ticket, RFC 9110 §5.5), nor one no registered
    // pattern matches.
    if url.len() > MAX_SERVICE_LEN || limen_core::service::has_control_character(url) {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidService,
            "the service is not registered",
        )));
    }
    let Some(service) = state.store.service_for_url(url).await? else {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidService,
            "the service is not registered",
        )));
    };
    let too_long = [
        &p.renew,
        &p.gateway,
        &p.accept_strengths,
        &p.authentication_level,
        &p.assurance_level,
        &p.method,
        &p.locale,
        &p.client_fingerprint,
    ]
    .iter()
    .any(|v| v.as_ref().is_some_and(|v| v.len() > MAX_VALUE_LEN));
    if too_long {
        return Ok(Err(invalid("a parameter value is too long")));
    }
    // The same rule as /cas/login and validation: a request narrows what the service accepts,
    // never widens it (EU Login `INVALID_STRENGTH`).
    match requested_strengths(
        &service.accepted_strengths,
        given(&p.accept_strengths),
        given(&p.authentication_level),
    ) {
        Ok(_) => {}
        Err(StrengthRequestError::Unknown(value)) => {
            return Ok(Err(invalid(format!(
                "unknown authentication strength or level '{}'",
                shown(&value)
            ))));
        }
        Err(StrengthRequestError::NotAllowed(_)) => {
            return Ok(Err(Failure::new(
                ErrorCode::InvalidStrength,
                "the service does not allow the requested strengths",
            )));
        }
    }
    let assurance_level = match AssuranceLevel::requested(given(&p.assurance_level)) {
        Ok(Some(_)) => given(&p.assurance_level).map(str::to_owned),
        Ok(None) => None,
        Err(_) => {
            return Ok(Err(invalid(format!(
                "unknown assurance level '{}'",
                shown(given(&p.assurance_level).unwrap_or_default())
            ))));
        }
    };
    // CAS 3.0 §2.1.1 `method`: GET (the default), POST or HEADER.
    let method = match given(&p.method) {
        Some(m)
            if ["GET", "POST", "HEADER"]
                .iter()
                .any(|k| m.eq_ignore_ascii_case(k)) =>
        {
            Some(m.to_ascii_uppercase())
        }
        Some(m) => return Ok(Err(invalid(format!("unknown method '{}'", shown(m))))),
        None => None,
    };
    // A language tag (BCP 47 shape); one Limen has no translation for falls back as any
    // browser's would.
    let locale = match given(&p.locale) {
        Some(l)
            if l.len() <= 35
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            Some(l.to_owned())
        }
        Some(l) => return Ok(Err(invalid(format!("invalid locale '{}'", shown(l))))),
        None => None,
    };
    let client_fingerprint = match p.client_fingerprint.as_deref().filter(|f| !f.is_empty()) {
        Some(f) if f.chars().all(|c| c.is_ascii_graphic() || c == ' ') => {
            Some(limen_crypto::sha256_hex(f.as_bytes()))
        }
        Some(_) => return Ok(Err(invalid("invalid clientFingerprint"))),
        None => None,
    };
    let now = state.now();
    let id = limen_crypto::ticket("LR-");
    let request = LoginRequest {
        service_id: service.id,
        service_url: url.to_owned(),
        renew: crate::cas::flag(&p.renew),
        gateway: crate::cas::flag(&p.gateway),
        accept_strengths: given(&p.accept_strengths).map(str::to_owned),
        authentication_level: given(&p.authentication_level).map(str::to_owned),
        assurance_level,
        method,
        locale,
        client_fingerprint,
        browser: None,
        created_at: now,
        expires_at: now + state.config.login_request_ttl,
    };
    state
        .store
        .insert_login_request(&limen_crypto::sha256_hex(id.as_bytes()), &request)
        .await?;
    tracing::info!(service = %service.name, "login request stored");
    Ok(Ok(id))
}

/// Opens the login request `id` for this browser and puts its parameters in `q` in place of
/// whatever the URL said (`Err`: the page that refuses it). A `service` beside `loginRequestId`
/// must be the stored one; the other login parameters of the URL are ignored.
pub(crate) async fn open(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    q: &mut LoginQuery,
) -> Result<Result<Opened, Response>, WebError> {
    // Ids are 46 characters; anything much longer is not one (and is not hashed).
    if id.is_empty() || id.len() > 128 {
        return Ok(Err(gone_page(ctx)?));
    }
    let id_hash = limen_crypto::sha256_hex(id.as_bytes());
    let browser = ctx.browser_binding();
    let now = state.now();
    let Some((request, fresh)) = state
        .store
        .claim_login_request(&id_hash, &browser, now, now + SIGN_IN_WINDOW)
        .await?
    else {
        tracing::warn!("unknown, expired or used login request");
        return Ok(Err(gone_page(ctx)?));
    };
    let ours = request
        .browser
        .as_deref()
        .is_some_and(|b| limen_crypto::constant_time_eq(b.as_bytes(), browser.as_bytes()));
    if !ours {
        tracing::warn!("login request opened in a second browser");
        return Ok(Err(gone_page(ctx)?));
    }
    if let Some(asked) = q.service.as_deref().filter(|s| !s.is_empty())
        && asked != request.service_url
    {
        tracing::warn!("login request with another service in the URL");
        return Ok(Err(gone_page(ctx)?));
    }
    let flag = |on: bool| on.then(|| "true".to_owned());
    *q = LoginQuery {
        service: Some(request.service_url),
        renew: flag(request.renew),
        gateway: flag(request.gateway),
        accept_strengths: request.accept_strengths,
        authentication_level: request.authentication_level,
        assurance_level: request.assurance_level,
        method: request.method,
        switch: q.switch.take(),
        login_request_id: q.login_request_id.take(),
        next: None,
        oidc: None,
        saml: None,
    };
    Ok(Ok(Opened {
        id_hash,
        fresh,
        locale: request.locale,
    }))
}

/// The stored `locale` becomes the page language when this request claimed the login request,
/// unless the URL chose one (`lang`, `locale`); later pages keep whatever the user picks.
pub(crate) fn apply_locale(ctx: &mut Ctx, opened: &Opened) {
    let query = ctx
        .path_and_query
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default();
    let chosen =
        url::form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "lang" || k == "locale");
    if !opened.fresh || chosen {
        return;
    }
    if let Some(lang) = opened.locale.as_deref().and_then(crate::i18n::supported) {
        ctx.tr = crate::i18n::Tr::new(lang);
        ctx.set_cookie(LANG, lang, Some(365 * 24 * 3600));
    }
}

/// Takes the login request the target came from, when the login ends: its stored fingerprint
/// digest (`Ok(Some(fp))`), or `Err(())` when it is already gone (taken by another tab of the
/// same browser, or expired meanwhile). Targets without one: `Ok(None)`.
pub(crate) async fn take(
    state: &AppState,
    target: &Target,
) -> Result<Result<Option<String>, ()>, WebError> {
    let Target::Service {
        login_request: Some(opened),
        ..
    } = target
    else {
        return Ok(Ok(None));
    };
    match state
        .store
        .take_login_request(&opened.id_hash, state.now())
        .await?
    {
        Some(request) => Ok(Ok(request.client_fingerprint)),
        None => Ok(Err(())),
    }
}

/// "This sign-in request is unknown, expired or already used" (400).
pub(crate) fn gone_page(ctx: &Ctx) -> Result<Response, WebError> {
    let text = vec![
        ctx.tr.t("login-request-gone-text"),
        ctx.tr.t("login-request-gone-hint"),
    ];
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "login-request-gone-title",
        text,
        None,
    )
}

/// Whether a service ticket may be validated with the `clientFingerprint` presented
/// (docs/CAS.md, "Login requests"). `bound` is the SHA-256 (hex) of the value the login request
/// carried. A ticket bound to one needs it; a ticket bound to none is refused when one is
/// presented all the same (the client expected a login it started, this ticket comes from
/// another). The presented value matches when it is the stored value itself, or — the
/// `ecphp/ecas` scheme — when the stored value is Base64(SHA-1(SHA-1(Base64-decoded presented
/// value))). Both compared as SHA-256 digests, in constant time.
pub(crate) fn fingerprint_matches(bound: Option<&str>, presented: Option<&str>) -> bool {
    let presented = presented.filter(|p| !p.is_empty());
    let (Some(bound), Some(presented)) = (bound, presented) else {
        return bound.is_none() && presented.is_none();
    };
    let plain = limen_crypto::sha256_hex(presented.as_bytes());
    let same = limen_crypto::constant_time_eq(plain.as_bytes(), bound.as_bytes());
    let derived = ecas_fingerprint_digest(presented)
        .is_some_and(|d| limen_crypto::constant_time_eq(d.as_bytes(), bound.as_bytes()));
    same | derived
}

/// SHA-256 (hex) of Base64(SHA-1(SHA-1(secret))), `secret` being the Base64 value the client
/// keeps in its cookie (a `+` a cookie or URL decoder turned into a space is put back).
fn ecas_fingerprint_digest(presented: &str) -> Option<String> {
    use base64::Engine as _;
    use ring::digest::{SHA1_FOR_LEGACY_USE_ONLY, digest};
    let text = presented.trim().replace(' ', "+");
    let secret = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()?;
    let once = digest(&SHA1_FOR_LEGACY_USE_ONLY, &secret);
    let twice = digest(&SHA1_FOR_LEGACY_USE_ONLY, once.as_ref());
    let value = base64::engine::general_purpose::STANDARD.encode(twice.as_ref());
    Some(limen_crypto::sha256_hex(value.as_bytes()))
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_come_from_query_and_body_once() {
        let p = InitParams::parse(
            Some("service=https%3A%2F%2Fa.example.org%2F"),
            "renew=true&acceptStrengths=PASSWORD%2CPASSWORD_SMS&locale=fr&clientFingerprint=a%2Bb%3D&userDetails=true",
        )
        .unwrap();
        assert_eq!(p.service.as_deref(), Some("https://a.example.org/"));
        assert_eq!(p.renew.as_deref(), Some("true"));
        assert_eq!(p.accept_strengths.as_deref(), Some("PASSWORD,PASSWORD_SMS"));
        assert_eq!(p.locale.as_deref(), Some("fr"));
        assert_eq!(p.client_fingerprint.as_deref(), Some("a+b="));
        let twice = InitParams::parse(Some("service=a"), "service=b").unwrap_err();
        assert_eq!(twice.code, ErrorCode::InvalidRequest);
        assert!(twice.message.contains("'service'"));
    }

    /// The `ecphp/ecas` client's scheme: 21 random bytes kept Base64-encoded in a cookie; the
    /// login request carries Base64(SHA-1(SHA-1(bytes))); validation presents the cookie value.
    #[test]
    fn fingerprints_match_as_given_or_as_the_ecas_client_derives_them() {
        use base64::Engine as _;
        use ring::digest::{SHA1_FOR_LEGACY_USE_ONLY, digest};
        let secret = [7u8; 21];
        let cookie = base64::engine::general_purpose::STANDARD.encode(secret);
        let once = digest(&SHA1_FOR_LEGACY_USE_ONLY, &secret);
        let twice = digest(&SHA1_FOR_LEGACY_USE_ONLY, once.as_ref());
        let at_init = base64::engine::general_purpose::STANDARD.encode(twice.as_ref());
        let bound = limen_crypto::sha256_hex(at_init.as_bytes());
        assert!(fingerprint_matches(Some(&bound), Some(&cookie)));
        assert!(fingerprint_matches(
            Some(&bound),
            Some(&cookie.replace('+', " "))
        ));
        assert!(
            fingerprint_matches(Some(&bound), Some(&at_init)),
            "the same value"
        );
        let other = base64::engine::general_purpose::STANDARD.encode([8u8; 21]);
        assert!(!fingerprint_matches(Some(&bound), Some(&other)));
        assert!(!fingerprint_matches(Some(&bound), Some("not base64 !")));
        assert!(!fingerprint_matches(Some(&bound), None));
        assert!(!fingerprint_matches(Some(&bound), Some("")));
        assert!(!fingerprint_matches(None, Some(&cookie)));
        assert!(fingerprint_matches(None, None));
        assert!(fingerprint_matches(None, Some("")));
    }
}
