//! The login pages (seeds 003/004, CAS 3.0 §2.1–§2.3): identifier first — e-mail, "Next" —, then
//! the verification methods the service accepts, then back to the service with a ticket.
//! Plain HTML forms; the e-mail is remembered in the browser; unknown addresses get the same
//! pages, messages and timing as known ones.

use crate::authn::{self, PasswordOutcome};
use crate::cas::{flag, issue_service_ticket};
use crate::context::{Ctx, EMAIL, SSO};
use crate::pages::{self, LoginEmail, LoginPassword, MethodOption, PageCtx, PostRedirect};
use crate::{AppState, WebError, metrics::inc};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{Account, Email, Method, Service, SsoSession, UserType};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    service: Option<String>,
    renew: Option<String>,
    gateway: Option<String>,
    /// CAS 3.0 §2.1.1 `method=POST`: hand the ticket over in a form post.
    method: Option<String>,
    /// A local page to return to after login (e.g. `/account/sessions`).
    next: Option<String>,
    /// Leave the remembered e-mail address and ask for another.
    switch: Option<String>,
    /// A pending OpenID Connect authorization request (`/oidc/authorize` sent the user here).
    oidc: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    step: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    method: String,
}

/// Where the user goes after signing in.
enum Target {
    Service { service: Service, url: String },
    Oidc(Box<crate::oidc::OidcTarget>),
    Local(String),
    Nowhere,
}

impl Target {
    /// Whether a proof of this strength lets the user through to the target.
    fn accepts(&self, strength: limen_core::Strength) -> bool {
        match self {
            Target::Service { service, .. } => service.accepts(strength),
            Target::Oidc(t) => t.accepts(strength),
            Target::Local(_) | Target::Nowhere => true,
        }
    }
}

/// Resolves the `service` parameter against the registry; `Err` is the "unknown service" page.
async fn target(
    state: &AppState,
    ctx: &Ctx,
    q: &LoginQuery,
) -> Result<Result<Target, Response>, WebError> {
    if let Some(id) = q.oidc.as_deref().filter(|s| !s.is_empty()) {
        return match crate::oidc::load_target(state, id).await? {
            Some(t) => Ok(Ok(Target::Oidc(Box::new(t)))),
            None => Ok(Err(crate::oidc::request_gone(ctx)?)),
        };
    }
    if let Some(url) = q.service.as_deref().filter(|s| !s.is_empty()) {
        // Back from a self-service detour in the middle of an OIDC request: finish it there.
        if limen_oidc::authorize::continuation_target(url).is_some()
            && crate::register::return_service(state, url).await?.is_some()
        {
            return Ok(Err(ctx.redirect(url)));
        }
        return match state.store.service_for_url(url).await? {
            Some(service) => Ok(Ok(Target::Service {
                service,
                url: url.to_owned(),
            })),
            None => {
                tracing::warn!(service = %url.chars().take(200).collect::<String>(), "login for an unregistered service");
                let text = vec![
                    ctx.tr.t("unknown-service-text"),
                    ctx.tr.t("unknown-service-hint"),
                ];
                let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
                Ok(Err(pages::message(
                    ctx,
                    StatusCode::BAD_REQUEST,
                    None,
                    "unknown-service-title",
                    text,
                    link,
                )?))
            }
        };
    }
    if let Some(next) = q.next.as_deref().filter(|n| is_local_path(n)) {
        return Ok(Ok(Target::Local(next.to_owned())));
    }
    Ok(Ok(Target::Nowhere))
}

/// Only same-origin paths, so no open redirect: "/x", but never "//host" or "/\\host", and no
/// white space or control characters (browsers drop tabs and newlines, turning "/\t/host" into
/// "//host").
fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 512
        && next.chars().all(|c| c.is_ascii_graphic() && c != '\\')
}

fn form_action(ctx: &Ctx) -> String {
    let query = ctx
        .path_and_query
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default();
    let kept: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            url::form_urlencoded::parse(query.as_bytes())
                .filter(|(k, _)| k != "switch" && k != "lang" && k != "locale"),
        )
        .finish();
    if kept.is_empty() {
        "/cas/login".to_owned()
    } else {
        format!("/cas/login?{kept}")
    }
}

fn service_url(target: &Target) -> Option<&str> {
    match target {
        Target::Service { url, .. } => Some(url.as_str()),
        Target::Oidc(t) => Some(t.continuation.as_str()),
        _ => None,
    }
}

fn service_name(target: &Target) -> Option<String> {
    match target {
        Target::Service { service, .. } => Some(service.name.clone()),
        Target::Oidc(t) => Some(t.service.name.clone()),
        _ => None,
    }
}

/// The methods offered: those the service accepts (all, without a service), in a stable order.
fn methods(ctx: &Ctx, target: &Target, chosen: Option<Method>) -> Vec<MethodOption> {
    let allowed: Vec<Method> = Method::ALL
        .into_iter()
        .filter(|m| target.accepts(m.strength()))
        .collect();
    let selected = chosen
        .filter(|c| allowed.contains(c))
        .or_else(|| allowed.first().copied());
    allowed
        .into_iter()
        .map(|m| MethodOption {
            code: m.as_str(),
            name: ctx.tr.t(&format!("method-{}", m.as_str())),
            description: ctx.tr.t(&format!("method-{}-desc", m.as_str())),
            selected: Some(m) == selected,
        })
        .collect()
}

fn email_page(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let page = LoginEmail {
        ctx: PageCtx::new(ctx, None),
        action: form_action(ctx),
        email: email.to_owned(),
        error,
        service_name: service_name(target),
        register_href: state
            .config
            .self_service
            .registration_enabled
            .then(|| crate::register::with_service("/cas/register", service_url(target))),
    };
    pages::render(ctx, status, &page)
}

fn password_page(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &Email,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let methods = methods(ctx, target, None);
    if methods.is_empty() {
        let name = service_name(target).unwrap_or_default();
        let text = vec![ctx.tr.t1("error-no-method", "service", &name)];
        return pages::message(
            ctx,
            StatusCode::FORBIDDEN,
            None,
            "error-page-title",
            text,
            None,
        );
    }
    let switch_query = {
        let action = form_action(ctx);
        let sep = if action.contains('?') { '&' } else { '?' };
        format!("{action}{sep}switch=1")
    };
    let page = LoginPassword {
        ctx: PageCtx::new(ctx, None),
        action: form_action(ctx),
        email: email.as_str().to_owned(),
        email_display: email.display(),
        // Decided from the address alone, so it says nothing about whether an account exists.
        external: UserType::for_email(email, &state.config.internal_domains) == UserType::External,
        error,
        methods,
        switch_href: switch_query,
        service_name: service_name(target),
        lost_href: crate::register::with_service("/cas/password/lost", service_url(target)),
    };
    pages::render(ctx, status, &page)
}

/// The session satisfies the target: send the user on (a ticket for a service).
async fn proceed(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    session: &SsoSession,
    account: &Account,
    q: &LoginQuery,
    from_new_login: bool,
) -> Result<Response, WebError> {
    match target {
        Target::Service { service, url } => {
            if account.assurance < service.min_assurance {
                let text =
                    vec![
                        ctx.tr
                            .t1("error-insufficient-assurance", "service", &service.name),
                    ];
                return pages::message(
                    ctx,
                    StatusCode::FORBIDDEN,
                    Some(account.display_name()),
                    "error-page-title",
                    text,
                    None,
                );
            }
            let Some(proof) = session.best_proof_for(|s| service.accepts(s)).cloned() else {
                // Step-up: the account is known, ask for a method the service accepts.
                return password_page(state, ctx, target, &account.email, None, StatusCode::OK);
            };
            let ticket =
                issue_service_ticket(state, session, service, url, &proof, from_new_login).await?;
            if q.method
                .as_deref()
                .is_some_and(|m| m.eq_ignore_ascii_case("POST"))
            {
                let page = PostRedirect {
                    ctx: PageCtx::new(ctx, Some(account.display_name())),
                    action: url.clone(),
                    ticket,
                    service_name: service.name.clone(),
                };
                return pages::render(ctx, StatusCode::OK, &page);
            }
            Ok(ctx.redirect(&limen_cas::service_url_with_ticket(url, &ticket)))
        }
        Target::Oidc(t) => {
            match crate::oidc::continue_after_login(state, ctx, session, account, t, from_new_login)
                .await?
            {
                Some(response) => Ok(response),
                // Step-up, prompt=login or max_age: prove it (again) without retyping the e-mail.
                None => password_page(state, ctx, target, &account.email, None, StatusCode::OK),
            }
        }
        Target::Local(path) => Ok(ctx.redirect(path)),
        Target::Nowhere => {
            let text = vec![
                ctx.tr.t("login-success-text"),
                ctx.tr.t("login-success-hint"),
            ];
            let link = Some(("/account".to_owned(), ctx.tr.t("nav-my-account")));
            pages::message(
                ctx,
                StatusCode::OK,
                Some(account.display_name()),
                "login-success-title",
                text,
                link,
            )
        }
    }
}

/// GET /cas/login (CAS 3.0 §2.1 "credential requestor").
pub async fn login_get(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    let target = match target(&state, &ctx, &q).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let session = authn::current_session(&state, ctx.cookie(SSO)).await?;
    let renew = flag(&q.renew);
    if let Some((session, account)) = session.as_ref().filter(|_| !renew) {
        return proceed(&state, &ctx, &target, session, account, &q, false).await;
    }
    // §2.1.1: with gateway and no usable session, go back to the service without a ticket.
    // renew takes precedence over gateway.
    if flag(&q.gateway)
        && !renew
        && let Target::Service { url, .. } = &target
    {
        return Ok(ctx.redirect(url));
    }
    if q.switch.is_some() {
        ctx.clear_cookie(EMAIL);
        return email_page(&state, &ctx, &target, "", None, StatusCode::OK);
    }
    // A renewed login for a signed-in user keeps their address; otherwise the remembered one.
    // An OIDC login_hint (OIDC Core §3.1.2.1) counts as the address to try.
    let hint = match &target {
        Target::Oidc(t) => t
            .request
            .login_hint
            .as_deref()
            .and_then(|h| Email::parse(h).ok()),
        _ => None,
    };
    let known = match session {
        Some((_, account)) => Some(account.email),
        None => hint.or_else(|| ctx.remembered_email().and_then(|e| Email::parse(&e).ok())),
    };
    match known {
        Some(email) => password_page(&state, &ctx, &target, &email, None, StatusCode::OK),
        None => email_page(&state, &ctx, &target, "", None, StatusCode::OK),
    }
}

/// POST /cas/login (CAS 3.0 §2.2 "credential acceptor").
pub async fn login_post(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<LoginQuery>,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let target = match target(&state, &ctx, &q).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (form_action(&ctx), ctx.tr.t("back-to-login"));
        return pages::csrf_refused(&ctx, back);
    }
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(limen_core::email::EmailError::Empty) => {
            let msg = ctx.tr.t("error-email-empty");
            return email_page(
                &state,
                &ctx,
                &target,
                "",
                Some(msg),
                StatusCode::BAD_REQUEST,
            );
        }
        Err(_) => {
            let msg = ctx.tr.t("error-email-invalid");
            let typed: String = form.email.chars().take(254).collect();
            return email_page(
                &state,
                &ctx,
                &target,
                &typed,
                Some(msg),
                StatusCode::BAD_REQUEST,
            );
        }
    };
    if form.step != "password" {
        ctx.remember_email(email.as_str());
        return password_page(&state, &ctx, &target, &email, None, StatusCode::OK);
    }
    let method = Method::parse(&form.method).unwrap_or(Method::Password);
    let refused_method = !target.accepts(method.strength());
    let problem = if refused_method {
        Some("error-method-unavailable")
    } else if form.password.is_empty() {
        Some("error-password-empty")
    } else {
        None
    };
    if let Some(key) = problem {
        let msg = ctx.tr.t(key);
        return password_page(
            &state,
            &ctx,
            &target,
            &email,
            Some(msg),
            StatusCode::BAD_REQUEST,
        );
    }
    let account =
        match authn::verify_password(&state, &email, &form.password, &ctx.client_ip).await? {
            PasswordOutcome::Success(account) => account,
            PasswordOutcome::Invalid => {
                let msg = ctx.tr.t("error-credentials");
                return password_page(
                    &state,
                    &ctx,
                    &target,
                    &email,
                    Some(msg),
                    StatusCode::UNAUTHORIZED,
                );
            }
            PasswordOutcome::Throttled { until } => {
                // Rounded up, so that waiting as long as told is always enough.
                let wait_seconds = ((until - state.now()).whole_milliseconds() + 999)
                    .div_euclid(1000)
                    .max(1);
                let minutes = (wait_seconds + 59) / 60;
                let time = until
                    .format(time::macros::format_description!("[hour]:[minute]"))
                    .unwrap_or_default();
                let msg = ctx.tr.t_with(
                    "error-throttled",
                    &[
                        (
                            "minutes",
                            crate::i18n::FluentArg::Num(i64::try_from(minutes).unwrap_or(i64::MAX)),
                        ),
                        ("time", crate::i18n::FluentArg::Str(time)),
                    ],
                );
                let mut response = password_page(
                    &state,
                    &ctx,
                    &target,
                    &email,
                    Some(msg),
                    StatusCode::TOO_MANY_REQUESTS,
                )?;
                if let Ok(v) = axum::http::HeaderValue::from_str(&wait_seconds.to_string()) {
                    response
                        .headers_mut()
                        .insert(axum::http::header::RETRY_AFTER, v);
                }
                return Ok(response);
            }
            PasswordOutcome::Locked => return refusal(&ctx, "error-account-locked"),
            PasswordOutcome::Expired(account) => {
                let service = service_url(&target).map(str::to_owned);
                ctx.remember_email(email.as_str());
                return crate::password::expired_at_login(&state, &ctx, &account, service).await;
            }
        };
    crate::profile::apply_ui_language(&mut ctx, &account);
    ctx.remember_email(email.as_str());
    let session = authn::sign_in(&state, &mut ctx, &account, method.strength()).await?;
    proceed(&state, &ctx, &target, &session, &account, &q, true).await
}

/// A sign-in refused after the right password (locked account, expired password).
fn refusal(ctx: &Ctx, message_key: &str) -> Result<Response, WebError> {
    let text = vec![ctx.tr.t(message_key)];
    pages::message(
        ctx,
        StatusCode::FORBIDDEN,
        None,
        "error-page-title",
        text,
        None,
    )
}

#[derive(Debug, Deserialize)]
pub struct LogoutQuery {
    service: Option<String>,
}

/// GET /cas/logout (CAS 3.0 §2.3): ends the SSO session, tells the services, and either shows
/// the logout page or — for a registered `service` — sends the browser there.
pub async fn logout(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<LogoutQuery>,
) -> Result<Response, WebError> {
    let mut told = 0;
    let mut front_channel = Vec::new();
    if let Some((session, _)) = authn::current_session(&state, ctx.cookie(SSO)).await? {
        let ended = authn::end_session_reporting(&state, &session.id).await?;
        told = ended.told;
        front_channel = ended.front_channel;
        inc(&state.metrics.logouts);
        authn::audit(
            &state,
            "logout",
            Some(session.account_id),
            &ctx.client_ip,
            serde_json::json!({"services": told}),
        )
        .await;
    }
    ctx.clear_cookie(SSO);
    let next = match q.service.as_deref().filter(|s| !s.is_empty()) {
        Some(url) if state.store.service_for_url(url).await?.is_some() => Some(url.to_owned()),
        _ => None,
    };
    // OpenID Connect clients with front-channel logout are told by the browser.
    if !front_channel.is_empty() {
        return crate::oidc::logout::front_channel_page(&ctx, front_channel, next);
    }
    if let Some(url) = next {
        return Ok(ctx.redirect(&url));
    }
    let count = i64::try_from(told).unwrap_or(i64::MAX);
    let text = vec![
        ctx.tr.t("logout-text"),
        ctx.tr.t_with(
            "logout-services",
            &[("count", crate::i18n::FluentArg::Num(count))],
        ),
        ctx.tr.t("logout-close-browser"),
    ];
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    pages::message(&ctx, StatusCode::OK, None, "logout-title", text, link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        for ok in ["/account", "/account/sessions?ended=1", "/a%2Fb"] {
            assert!(is_local_path(ok), "{ok}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "https://evil.example",
            "evil",
            "/ space",
            "",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn flags_follow_cas_semantics() {
        assert!(flag(&Some("true".into())));
        assert!(flag(&Some(String::new())));
        assert!(!flag(&Some("false".into())));
        assert!(!flag(&None));
    }
}
