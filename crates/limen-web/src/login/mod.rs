//! The login pages (seeds 003/004, CAS 3.0 §2.1–§2.3): identifier first — e-mail, "Next" —, then
//! the verification methods the service accepts, then back to the service with a ticket.
//! Plain HTML forms; the e-mail is remembered in the browser; unknown addresses get the same
//! pages, messages and timing as known ones.

pub(crate) mod challenge;
pub(crate) mod request;

use crate::authn::{self, client};
use crate::cas::{flag, issue_service_ticket};
use crate::context::{Ctx, EMAIL, SSO};
use crate::pages::{self, LoginEmail, LoginPassword, MethodOption, PageCtx, PostRedirect};
use crate::{AppState, WebError, metrics::inc};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::{Refusal, Requirement, Satisfaction, Situation, Step};
use limen_core::policy::{StrengthRequestError, requested_strengths};
use limen_core::{
    Account, AssuranceLevel, AuthLevel, Email, Method, Service, SsoSession, Strength, UserType,
};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    service: Option<String>,
    pub(crate) renew: Option<String>,
    gateway: Option<String>,
    /// EU Login: the strengths this login may end with (narrowing the service's).
    #[serde(rename = "acceptStrengths")]
    accept_strengths: Option<String>,
    /// EU Login: the minimum authentication level (BASIC, MEDIUM, HIGH).
    #[serde(rename = "authenticationLevel")]
    authentication_level: Option<String>,
    /// EU Login: the least identity assurance the service takes (`LOW`…`TOP`, 10…40); an
    /// account below it is told so instead of being sent back with a ticket that validation
    /// would refuse (`INVALID_USER`). Values validation does not know are ignored here.
    #[serde(rename = "assuranceLevel")]
    assurance_level: Option<String>,
    /// EU Login: a login request stored by `POST /cas/login/init`; the login then takes its
    /// parameters from the store only ([`request`]).
    #[serde(rename = "loginRequestId")]
    login_request_id: Option<String>,
    /// CAS 3.0 §2.1.1 `method=POST`: hand the ticket over in a form post.
    method: Option<String>,
    /// A local page to return to after login (e.g. `/account/sessions`).
    next: Option<String>,
    /// Leave the remembered e-mail address and ask for another.
    switch: Option<String>,
    /// A pending OpenID Connect authorization request (`/oidc/authorize` sent the user here).
    oidc: Option<String>,
    /// A pending SAML AuthnRequest (`/saml/sso` sent the user here), sealed (docs/SAML.md §5).
    saml: Option<String>,
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
pub(crate) enum Target {
    /// A CAS service, with the strengths this login may end with (service ∩ request), the
    /// identity assurance it needs (the service's minimum, raised by the request), and the
    /// EU Login login request it comes from, if any.
    Service {
        service: Service,
        url: String,
        allowed: Vec<Strength>,
        assurance: AssuranceLevel,
        login_request: Option<Box<request::Opened>>,
        /// An eID at LoA high satisfies it: `authenticationLevel=HIGH` where the service (and
        /// `acceptStrengths`) take `EIDAS`, whose own level is MEDIUM.
        eidas_high: bool,
    },
    Oidc(Box<crate::oidc::OidcTarget>),
    Saml(Box<crate::saml::SamlTarget>),
    /// A page of Limen's own (My account), possibly needing a level (adding a factor).
    Local(String, AuthLevel),
    /// The admin console: a session proven with one of these strengths (`[admin]`).
    Console(String, Vec<Strength>),
    Nowhere(AuthLevel),
}

impl Target {
    /// What this login must prove: the protocols' requests, in the engine's one shape.
    pub(crate) fn requirement(&self) -> Requirement {
        match self {
            Target::Service {
                service,
                allowed,
                assurance,
                eidas_high,
                ..
            } => Requirement::strengths(allowed.clone())
                .with_assurance(*assurance)
                .with_eidas_high(*eidas_high)
                .for_service(service.name.clone()),
            Target::Oidc(t) => t.requirement(),
            Target::Saml(t) => t.requirement(),
            Target::Local(_, level) | Target::Nowhere(level) => Requirement::level(*level),
            Target::Console(_, strengths) => Requirement::strengths(strengths.clone()),
        }
    }

    /// Whether a proof of this strength lets the user through to the target (the engine's
    /// rule: accepted, and its method live).
    pub(crate) fn accepts(&self, state: &AppState, strength: Strength) -> bool {
        state.authn.accepts(&self.requirement(), strength)
    }
}

/// A login request naming strengths its service does not allow (EU Login's `INVALID_STRENGTH`).
fn invalid_strength(ctx: &Ctx, service: &Service) -> Result<Response, WebError> {
    let text = vec![
        ctx.tr
            .t1("error-invalid-strength", "service", &service.name),
        ctx.tr.t("error-invalid-strength-hint"),
    ];
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "error-page-title",
        text,
        None,
    )
}

/// The "unknown service" page: a `service` no registered pattern matches (CAS 3.0 §2.1.1 leaves
/// the answer to the implementation; never a redirect).
fn unknown_service(ctx: &Ctx) -> Result<Response, WebError> {
    let text = vec![
        ctx.tr.t("unknown-service-text"),
        ctx.tr.t("unknown-service-hint"),
    ];
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "unknown-service-title",
        text,
        link,
    )
}

/// Resolves the `service` parameter against the registry; `Err` is the "unknown service" page.
/// With `loginRequestId`, the stored parameters replace the URL's in `q` first (or `Err` is the
/// "sign-in request gone" page).
pub(crate) async fn target(
    state: &AppState,
    ctx: &Ctx,
    q: &mut LoginQuery,
) -> Result<Result<Target, Response>, WebError> {
    let login_request = match q.login_request_id.clone() {
        Some(id) => match request::open(state, ctx, &id, q).await? {
            Ok(opened) => Some(Box::new(opened)),
            Err(page) => return Ok(Err(page)),
        },
        None => None,
    };
    if let Some(id) = q.oidc.as_deref().filter(|s| !s.is_empty()) {
        return match crate::oidc::load_target(state, id).await? {
            Some(t) => Ok(Ok(Target::Oidc(Box::new(t)))),
            None => Ok(Err(crate::oidc::request_gone(ctx)?)),
        };
    }
    if let Some(sealed) = q.saml.as_deref().filter(|s| !s.is_empty()) {
        return match crate::saml::load_target(state, sealed).await? {
            Some(t) => Ok(Ok(Target::Saml(Box::new(t)))),
            // Expired or altered: the same page as a lost OIDC request (go back to the application).
            None => Ok(Err(crate::oidc::request_gone(ctx)?)),
        };
    }
    if let Some(url) = q.service.as_deref().filter(|s| !s.is_empty()) {
        // A URL with a control character (CR, LF, NUL, tab, DEL, C1) is never a service: no
        // registry entry matches it, and it could not be put into the `Location` header that
        // carries the ticket (RFC 9110 §5.5). Refused here, before any session or ticket work.
        if limen_core::service::has_control_character(url) {
            tracing::warn!(service = ?url.chars().take(200).collect::<String>(), "login for a service URL with a control character");
            return Ok(Err(unknown_service(ctx)?));
        }
        // Back from a self-service detour in the middle of an OIDC or SAML request: finish it
        // there.
        if (limen_oidc::authorize::continuation_target(url).is_some()
            || crate::saml::continuation_sealed(url).is_some())
            && crate::register::return_service(state, url).await?.is_some()
        {
            return Ok(Err(ctx.redirect(url)));
        }
        return match state.store.service_for_url(url).await? {
            Some(service) => match requested_strengths(
                &service.accepted_strengths,
                q.accept_strengths.as_deref(),
                q.authentication_level.as_deref(),
            ) {
                Ok(allowed) => {
                    // An unknown value was refused at /cas/login/init; in a plain URL it asks
                    // for nothing more, as before.
                    let asked = AssuranceLevel::requested(q.assurance_level.as_deref())
                        .ok()
                        .flatten();
                    let eidas_high = q
                        .authentication_level
                        .as_deref()
                        .and_then(|l| l.trim().parse::<AuthLevel>().ok())
                        .is_some_and(|l| l >= AuthLevel::High)
                        && requested_strengths(
                            &service.accepted_strengths,
                            q.accept_strengths.as_deref(),
                            None,
                        )
                        .is_ok_and(|s| s.contains(&Strength::Eidas));
                    Ok(Ok(Target::Service {
                        eidas_high,
                        assurance: service
                            .min_assurance
                            .max(asked.unwrap_or(AssuranceLevel::Low)),
                        service,
                        url: url.to_owned(),
                        allowed,
                        login_request,
                    }))
                }
                Err(StrengthRequestError::Unknown(_) | StrengthRequestError::NotAllowed(_)) => {
                    tracing::warn!(service = %service.name, "login asking for strengths the service does not allow");
                    Ok(Err(invalid_strength(ctx, &service)?))
                }
            },
            None => {
                tracing::warn!(service = %url.chars().take(200).collect::<String>(), "login for an unregistered service");
                Ok(Err(unknown_service(ctx)?))
            }
        };
    }
    // Limen's own pages may ask for a level (adding a factor needs one as strong as the
    // strongest the account has); an unknown level is ignored there.
    let level = q
        .authentication_level
        .as_deref()
        .and_then(|l| l.parse::<AuthLevel>().ok())
        .unwrap_or(AuthLevel::Basic);
    if let Some(next) = q.next.as_deref().filter(|n| is_local_path(n)) {
        if crate::admin::is_console_path(next) {
            return Ok(Ok(Target::Console(
                next.to_owned(),
                state.config.admin.console_strengths.clone(),
            )));
        }
        return Ok(Ok(Target::Local(next.to_owned(), level)));
    }
    Ok(Ok(Target::Nowhere(level)))
}

/// Only same-origin paths, so no open redirect: "/x", but never "//host" or "/\\host", and no
/// white space or control characters (browsers drop tabs and newlines, turning "/\t/host" into
/// "//host").
pub(crate) fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        // Long enough for a login continuation carrying a sealed OIDC or SAML request.
        && next.len() <= 4096
        && next.chars().all(|c| c.is_ascii_graphic() && c != '\\')
}

pub(crate) fn form_action(ctx: &Ctx) -> String {
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
        Target::Saml(t) => Some(t.continuation.as_str()),
        _ => None,
    }
}

pub(crate) fn service_name(target: &Target) -> Option<String> {
    match target {
        Target::Service { service, .. } => Some(service.name.clone()),
        Target::Oidc(t) => Some(t.service.name.clone()),
        Target::Saml(t) => Some(t.sp.service.name.clone()),
        _ => None,
    }
}

/// Whether this login must prove the password again rather than step a session up: CAS
/// `renew`; OpenID Connect requests decide freshness themselves (prompt=login, max_age), so the
/// password is asked again there, as the client may require.
fn fresh(target: &Target, renew: bool) -> bool {
    renew
        || match target {
            Target::Oidc(_) => true,
            // SAML Core §3.4.1 ForceAuthn.
            Target::Saml(t) => t.pending.force_authn,
            _ => false,
        }
}

/// What the method page may offer the user behind `email` (the engine's situation).
async fn situation(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    renew: bool,
    email: &Email,
) -> Result<Situation, WebError> {
    Ok(state
        .authn
        .situation(
            &target.requirement(),
            email,
            &client(ctx),
            fresh(target, renew),
        )
        .await?)
}

/// The selector's options, the first one selected.
fn method_options(ctx: &Ctx, usable: &[Method]) -> Vec<MethodOption> {
    usable
        .iter()
        .enumerate()
        .map(|(i, m)| MethodOption {
            code: m.as_str(),
            name: ctx.tr.t(&format!("method-{}", m.as_str())),
            description: ctx.tr.t(&format!("method-{}-desc", m.as_str())),
            selected: i == 0,
        })
        .collect()
}

/// Where a method is registered, for the "no method" page: its page in My account.
fn registration_link(state: &AppState, method: Method) -> Option<String> {
    (method != Method::Password)
        .then(|| format!("/account/{}", manager(state, method).config_key()))
}

/// The method whose page manages `method`'s devices (the mobile app's three methods share
/// one device, added on one page).
fn manager(state: &AppState, method: Method) -> Method {
    state
        .authn
        .factor(method)
        .map_or(method, |f| f.devices_of())
}

fn email_page(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    email_page_with(state, ctx, target, email, error, None, status)
}

pub(crate) fn email_page_with(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &str,
    error: Option<String>,
    passkey_error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let action = form_action(ctx);
    let passkey_action = action.replacen("/cas/login", "/cas/login/passkey", 1);
    let page = LoginEmail {
        ctx: PageCtx::new(ctx, None),
        action,
        email: email.to_owned(),
        error,
        service_name: service_name(target),
        register_href: state
            .config
            .self_service
            .registration_enabled
            .then(|| crate::register::with_service("/cas/register", service_url(target))),
        passkey_enabled: target.accepts(state, Strength::PasswordWebauthn),
        passkey_action,
        passkey_error,
        upstreams: crate::upstream::buttons(state, target),
        upstream_target: form_action(ctx),
        upstream_hint: String::new(),
    };
    pages::render(ctx, status, &page)
}

/// The second page: the verification methods this user may use here, and the password unless
/// the session already proved it (step-up).
pub(crate) async fn method_page(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    q: &LoginQuery,
    email: &Email,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let situation = situation(state, ctx, target, flag(&q.renew), email).await?;
    render_method_page(state, ctx, target, email, &situation, error, status).await
}

/// The method page after a refused password form: the password form again, even if this
/// browser's session proved the password meanwhile (a page left open in another tab).
async fn password_form_again(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &Email,
    error: String,
    status: StatusCode,
) -> Result<Response, WebError> {
    // The form is a fresh proof of the password, as with `renew`: no step-up view.
    let situation = situation(state, ctx, target, true, email).await?;
    render_method_page(state, ctx, target, email, &situation, Some(error), status).await
}

async fn render_method_page(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &Email,
    situation: &Situation,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    // The account's own upstreams (a virtual account has no other way in).
    let upstreams = crate::upstream::buttons_for(state, target, situation.account.as_ref()).await?;
    let offer = &situation.offer;
    // On Mobile is for the phone the app is on (seed 003): offered to phones' browsers only.
    let on_phone = limen_authn::mobile::is_mobile_browser(&ctx.user_agent);
    // An account without a password whose upstreams this service accepts (a virtual account,
    // docs/FEDERATION.md §4.4) is offered those alone.
    let virtual_only = !upstreams.is_empty()
        && situation
            .account
            .as_ref()
            .is_some_and(|a| a.password_hash.is_none());
    let shown: Vec<Method> = situation
        .shown()
        .into_iter()
        .filter(|m| *m != Method::OnMobile || on_phone)
        .filter(|m| !virtual_only || !m.includes_password())
        .collect();
    let method_name = |m: Method| ctx.tr.t(&format!("method-{}", m.as_str()));
    let mut no_method = Vec::new();
    let mut register_links = Vec::new();
    // The account's upstreams are a way in too (a virtual account has no other).
    if shown.is_empty() && upstreams.is_empty() {
        let name = service_name(target).unwrap_or_else(|| "Limen".to_owned());
        if offer.to_register.is_empty() {
            no_method.push(ctx.tr.t1("error-no-method", "service", &name));
        } else {
            let names: Vec<String> = offer.to_register.iter().map(|m| method_name(*m)).collect();
            no_method.push(ctx.tr.t_with(
                "login-register-method",
                &[
                    ("service", crate::i18n::FluentArg::Str(name)),
                    ("methods", crate::i18n::FluentArg::Str(names.join(", "))),
                ],
            ));
            for m in &offer.to_register {
                if let Some(path) = registration_link(state, *m) {
                    let encoded: String =
                        url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
                    if register_links
                        .iter()
                        .any(|(href, _): &(String, String)| href.ends_with(&encoded))
                    {
                        continue;
                    }
                    let href = format!(
                        "/cas/login?next={}",
                        url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
                    );
                    register_links.push((
                        href,
                        ctx.tr.t1("login-register-link", "method", &method_name(*m)),
                    ));
                }
            }
        }
    }
    let retired = offer
        .retired
        .iter()
        .map(|(m, day)| {
            ctx.tr.t_with(
                "login-method-retired",
                &[
                    ("method", crate::i18n::FluentArg::Str(method_name(*m))),
                    ("date", crate::i18n::FluentArg::Str(day.to_string())),
                ],
            )
        })
        .collect();
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
        methods: method_options(ctx, &shown),
        switch_href: switch_query,
        service_name: service_name(target),
        lost_href: crate::register::with_service("/cas/password/lost", service_url(target)),
        password_known: situation.password_known.is_some(),
        password_optional: shown.iter().any(|m| !m.includes_password()),
        no_method,
        register_links,
        retired,
        upstreams,
        upstream_target: form_action(ctx),
        // OIDC Core §3.1.2.1 `login_hint`: the address the user gave.
        upstream_hint: email.as_str().to_owned(),
    };
    let status = if shown.is_empty() && page.upstreams.is_empty() && status == StatusCode::OK {
        StatusCode::FORBIDDEN
    } else {
        status
    };
    pages::render(ctx, status, &page)
}

/// The session is signed in: send the user on (a ticket for a service) when it satisfies the
/// target, else ask for what is missing.
pub(crate) async fn proceed(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    session: &SsoSession,
    account: &Account,
    q: &LoginQuery,
    from_new_login: bool,
) -> Result<Response, WebError> {
    if let Target::Saml(t) = target {
        return match crate::saml::finish(state, ctx, session, account, t, from_new_login).await? {
            Some(response) => Ok(response),
            // Step-up or ForceAuthn: prove it (again) without retyping the e-mail.
            None => method_page(state, ctx, target, q, &account.email, None, StatusCode::OK).await,
        };
    }
    if let Target::Oidc(t) = target {
        return match crate::oidc::continue_after_login(
            state,
            ctx,
            session,
            account,
            t,
            from_new_login,
        )
        .await?
        {
            Some(response) => Ok(response),
            // Step-up, prompt=login or max_age: prove it (again) without retyping the e-mail.
            None => method_page(state, ctx, target, q, &account.email, None, StatusCode::OK).await,
        };
    }
    let verdict = state
        .authn
        .check(&target.requirement(), session, account, from_new_login)
        .await?;
    let proof = match verdict {
        Satisfaction::Satisfied(proof) => proof,
        Satisfaction::InsufficientAssurance => {
            let name = service_name(target).unwrap_or_else(|| "Limen".to_owned());
            let text = vec![ctx.tr.t1("error-insufficient-assurance", "service", &name)];
            return pages::message(
                ctx,
                StatusCode::FORBIDDEN,
                Some(account.display_name()),
                "error-page-title",
                text,
                None,
            );
        }
        // Step-up: the account is known, ask for a method the target accepts.
        Satisfaction::StepUp | Satisfaction::Reauthenticate => {
            return method_page(state, ctx, target, q, &account.email, None, StatusCode::OK).await;
        }
    };
    match target {
        Target::Service { service, url, .. } => {
            // The login request it came from ends here; its fingerprint binds the ticket.
            let Ok(client_fingerprint) = request::take(state, target).await? else {
                return request::gone_page(ctx);
            };
            let ticket = issue_service_ticket(
                state,
                session,
                service,
                url,
                &proof,
                from_new_login,
                client_fingerprint,
            )
            .await?;
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
        Target::Local(path, _) | Target::Console(path, _) => Ok(ctx.redirect(path)),
        Target::Oidc(_) | Target::Saml(_) | Target::Nowhere(_) => {
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
    Query(mut q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    let target = match target(&state, &ctx, &mut q).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    if let Target::Service {
        login_request: Some(opened),
        ..
    } = &target
    {
        request::apply_locale(&mut ctx, opened);
    }
    let session = crate::authn::current_session(&state, &ctx).await?;
    let renew = flag(&q.renew);
    if let Some((session, account)) = session.as_ref().filter(|_| !renew) {
        // §2.1.1 gateway: never ask for credentials, not even a step-up; without an accepted
        // proof the user goes back to the service without a ticket.
        if flag(&q.gateway)
            && let Target::Service { url, .. } = &target
            && matches!(
                state
                    .authn
                    .check(&target.requirement(), session, account, false)
                    .await?,
                Satisfaction::StepUp | Satisfaction::Reauthenticate
            )
        {
            let _ = request::take(&state, &target).await?;
            return Ok(ctx.redirect(url));
        }
        return proceed(&state, &ctx, &target, session, account, &q, false).await;
    }
    // §2.1.1: with gateway and no usable session, go back to the service without a ticket.
    // renew takes precedence over gateway.
    if flag(&q.gateway)
        && !renew
        && let Target::Service { url, .. } = &target
    {
        let _ = request::take(&state, &target).await?;
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
        Some(email) => method_page(&state, &ctx, &target, &q, &email, None, StatusCode::OK).await,
        None => email_page(&state, &ctx, &target, "", None, StatusCode::OK),
    }
}

/// POST /cas/login (CAS 3.0 §2.2 "credential acceptor").
pub async fn login_post(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(mut q): Query<LoginQuery>,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let target = match target(&state, &ctx, &mut q).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (form_action(&ctx), ctx.tr.t("back-to-login"));
        return pages::csrf_refused(&ctx, back);
    }
    // A lookup: accounts stored before the address character rules (issue 11) can still sign in.
    let email = match Email::parse_existing(&form.email) {
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
    if form.step != "password" && form.step != "method" {
        ctx.remember_email(email.as_str());
        return method_page(&state, &ctx, &target, &q, &email, None, StatusCode::OK).await;
    }
    let method = Method::parse(&form.method).unwrap_or(Method::Password);
    let requirement = target.requirement();
    let (step, origin) = if form.step == "method" {
        // Step-up: the password is proven in this session; only the new factor is asked for.
        let fresh = fresh(&target, flag(&q.renew));
        let step = state
            .authn
            .step_up(&requirement, &email, method, &client(&ctx), fresh)
            .await?;
        (step, Origin::StepUp(email))
    } else if !method.includes_password() {
        // On Mobile: the app on this phone is the proof; no password.
        let step = state
            .authn
            .start_without_password(&requirement, &email, method, &client(&ctx))
            .await?;
        (step, Origin::Password(email))
    } else {
        let step = state
            .authn
            .submit_password(&requirement, &email, method, &form.password, &client(&ctx))
            .await?;
        (step, Origin::Password(email))
    };
    render_step(&state, &mut ctx, &target, &q, step, origin).await
}

/// Where a [`Step`] comes from, for the page a refusal shows.
pub(crate) enum Origin {
    /// The password form (with the e-mail it was for).
    Password(Email),
    /// The step-up form.
    StepUp(Email),
    /// A second factor's page (device choice, challenge).
    Factor,
    /// Passwordless sign-in from the identifier page.
    Passkey,
}

/// Renders what the engine says comes next.
pub(crate) async fn render_step(
    state: &AppState,
    ctx: &mut Ctx,
    target: &Target,
    q: &LoginQuery,
    step: Step,
    origin: Origin,
) -> Result<Response, WebError> {
    match step {
        // A signature never comes out of a login's pages (the engine keeps the two apart).
        Step::Signed(_) => refused(state, ctx, target, q, Refusal::Gone, origin).await,
        Step::SignedIn(signed_in) => {
            authn::set_cookie(ctx, &signed_in);
            crate::profile::apply_ui_language(ctx, &signed_in.account);
            ctx.remember_email(signed_in.account.email.as_str());
            proceed(
                state,
                ctx,
                target,
                &signed_in.session,
                &signed_in.account,
                q,
                true,
            )
            .await
        }
        Step::ChooseDevice {
            tx,
            method,
            devices,
            account,
        } => {
            crate::profile::apply_ui_language(ctx, &account);
            ctx.remember_email(account.email.as_str());
            let deadline = state.authn.login_deadline(&tx).await?;
            challenge::choose_page(ctx, target, tx, method, devices, deadline)
        }
        Step::Challenge {
            tx,
            method,
            challenge,
            error,
            account,
        } => {
            crate::profile::apply_ui_language(ctx, &account);
            ctx.remember_email(account.email.as_str());
            let deadline = state.authn.login_deadline(&tx).await?;
            challenge::challenge_page(ctx, target, tx, method, challenge, error, deadline)
        }
        Step::PasswordExpired(account) => {
            let service = service_url(target).map(str::to_owned);
            ctx.remember_email(account.email.as_str());
            crate::password::expired_at_login(state, ctx, &account, service).await
        }
        Step::Refused(refusal) => {
            // The password was right (the account only lacks a usable device): the address is
            // remembered, as after any right password.
            if let (Refusal::NoDevice(_), Origin::Password(email)) = (&refusal, &origin) {
                ctx.remember_email(email.as_str());
            }
            refused(state, ctx, target, q, refusal, origin).await
        }
    }
}

/// The page of a refused step.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    q: &LoginQuery,
    refusal: Refusal,
    origin: Origin,
) -> Result<Response, WebError> {
    match (refusal, origin) {
        (Refusal::Credentials, Origin::Password(email)) => {
            let msg = ctx.tr.t("error-credentials");
            password_form_again(state, ctx, target, &email, msg, StatusCode::UNAUTHORIZED).await
        }
        (Refusal::PasswordEmpty, Origin::Password(email)) => {
            let msg = ctx.tr.t("error-password-empty");
            password_form_again(state, ctx, target, &email, msg, StatusCode::BAD_REQUEST).await
        }
        (Refusal::MethodUnavailable, Origin::Password(email)) => {
            let msg = ctx.tr.t("error-method-unavailable");
            password_form_again(state, ctx, target, &email, msg, StatusCode::BAD_REQUEST).await
        }
        (Refusal::Throttled { until }, Origin::Password(email)) => {
            throttled(state, ctx, target, &email, until).await
        }
        (Refusal::MethodUnavailable, Origin::StepUp(email)) => {
            let msg = Some(ctx.tr.t("error-method-unavailable"));
            method_page(state, ctx, target, q, &email, msg, StatusCode::BAD_REQUEST).await
        }
        // A step-up form from a session that has gone (or a forged one): ask for the password.
        (Refusal::PasswordNeeded, Origin::StepUp(email)) => {
            let msg = Some(ctx.tr.t("error-password-empty"));
            method_page(state, ctx, target, q, &email, msg, StatusCode::BAD_REQUEST).await
        }
        (Refusal::MethodUnavailable, Origin::Passkey) => {
            let msg = Some(ctx.tr.t("webauthn-unavailable"));
            email_page_with(state, ctx, target, "", None, msg, StatusCode::FORBIDDEN)
        }
        (Refusal::Factor(refused), Origin::Passkey) => {
            let msg = Some(ctx.tr.t(refused.message_key));
            email_page_with(state, ctx, target, "", None, msg, StatusCode::UNAUTHORIZED)
        }
        (Refusal::Locked, _) => refusal_page(ctx, "error-account-locked"),
        // Too many refused second-factor answers for this account: wait.
        (Refusal::FactorThrottled { until } | Refusal::Throttled { until }, _) => {
            let minutes = (seconds_until(until, state.now()) + 59) / 60;
            let text = vec![ctx.tr.t_with(
                "error-factor-throttled",
                &[("minutes", crate::i18n::FluentArg::Num(minutes))],
            )];
            let link = Some((form_action(ctx), ctx.tr.t("back-to-login")));
            pages::message(
                ctx,
                StatusCode::TOO_MANY_REQUESTS,
                None,
                "error-page-title",
                text,
                link,
            )
        }
        (Refusal::NoDevice(method), _) => {
            let key = manager(state, method).config_key();
            let text = vec![
                ctx.tr
                    .t_or(&format!("{key}-error-no-key"), "error-no-device"),
            ];
            let next: String =
                url::form_urlencoded::byte_serialize(format!("/account/{key}").as_bytes())
                    .collect();
            let link = Some((
                format!("/cas/login?next={next}"),
                ctx.tr.t_or(&format!("account-{key}"), "account-methods"),
            ));
            pages::message(
                ctx,
                StatusCode::FORBIDDEN,
                None,
                "error-page-title",
                text,
                link,
            )
        }
        (Refusal::Factor(refused), _) => {
            let text = vec![ctx.tr.t(refused.message_key)];
            let link = Some((form_action(ctx), ctx.tr.t("back-to-login")));
            // A challenge that could not be made is not the user's failure: SMS paused for
            // the day (503) or beyond a limit (429); a refused answer is 401.
            let status = match refused.message_key {
                "sms-error-unavailable" => StatusCode::SERVICE_UNAVAILABLE,
                "sms-error-limit" | "sms-error-wait" => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            pages::message(ctx, status, None, "error-page-title", text, link)
        }
        // The transaction is gone (used, expired, never was), or anything else out of order:
        // start the login again.
        (Refusal::Gone, _) | (_, _) => {
            let text = vec![ctx.tr.t("webauthn-error-expired")];
            let link = Some((form_action(ctx), ctx.tr.t("back-to-login")));
            pages::message(
                ctx,
                StatusCode::BAD_REQUEST,
                None,
                "error-page-title",
                text,
                link,
            )
        }
    }
}

/// Whole seconds from `now` to `until`, rounded up to the nanosecond, at least 1: waiting as
/// long as told is always enough (RFC 9110 §10.2.3). Rounding from milliseconds was not: a
/// clock at x.9995 s with the lock ending on a whole second lost the half millisecond.
fn seconds_until(until: time::OffsetDateTime, now: time::OffsetDateTime) -> i64 {
    let nanos = (until - now).whole_nanoseconds();
    let seconds = (nanos + 999_999_999).div_euclid(1_000_000_000).max(1);
    i64::try_from(seconds).unwrap_or(i64::MAX)
}

/// Too many failures: the password form again, telling when to come back (429, Retry-After).
async fn throttled(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    email: &Email,
    until: time::OffsetDateTime,
) -> Result<Response, WebError> {
    let wait_seconds = seconds_until(until, state.now());
    let minutes = (wait_seconds + 59) / 60;
    let time = until
        .format(time::macros::format_description!("[hour]:[minute]"))
        .unwrap_or_default();
    let msg = ctx.tr.t_with(
        "error-throttled",
        &[
            ("minutes", crate::i18n::FluentArg::Num(minutes)),
            ("time", crate::i18n::FluentArg::Str(time)),
        ],
    );
    let mut response = password_form_again(
        state,
        ctx,
        target,
        email,
        msg,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await?;
    if let Ok(v) = axum::http::HeaderValue::from_str(&wait_seconds.to_string()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, v);
    }
    Ok(response)
}

/// A sign-in refused after the right password (locked account).
fn refusal_page(ctx: &Ctx, message_key: &str) -> Result<Response, WebError> {
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
    let mut saml_parties = Vec::new();
    if let Some((session, _)) = crate::authn::current_session(&state, &ctx).await? {
        let ended = state.authn.end_session_reporting(&session.id).await?;
        told = ended.told;
        front_channel = ended.front_channel;
        saml_parties = ended.saml;
        inc(&state.metrics.logouts);
        let event = limen_authn::AuthEvent::Logout { services: told };
        state
            .authn
            .audit(event, Some(session.account_id), &ctx.client_ip)
            .await;
    }
    ctx.clear_cookie(SSO);
    let next = match q.service.as_deref().filter(|s| !s.is_empty()) {
        Some(url) if state.store.service_for_url(url).await?.is_some() => Some(url.to_owned()),
        _ => None,
    };
    // SAML service providers are told by the browser first, one after another; the chain
    // ends where this logout would have (docs/SAML.md §9.4).
    if !saml_parties.is_empty() {
        let then =
            crate::saml::slo::Then::after_limen_logout(&front_channel, next.as_deref(), told);
        if let Some(r) =
            crate::saml::slo::after_logout(&state, &mut ctx, &saml_parties, None, then).await?
        {
            return Ok(r);
        }
    }
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
    fn waits_are_rounded_up_to_whole_seconds() {
        let until = time::macros::datetime!(2026-12-07 10:01:00 UTC);
        for (now, wait) in [
            (time::macros::datetime!(2026-12-07 10:00:00 UTC), 60),
            (time::macros::datetime!(2026-12-07 10:00:00.5 UTC), 60),
            (time::macros::datetime!(2026-12-07 10:00:00.9995 UTC), 60),
            (
                time::macros::datetime!(2026-12-07 10:00:00.999999999 UTC),
                60,
            ),
            (time::macros::datetime!(2026-12-07 10:00:01 UTC), 59),
            (
                time::macros::datetime!(2026-12-07 10:00:59.999999999 UTC),
                1,
            ),
            (time::macros::datetime!(2026-12-07 10:01:00 UTC), 1),
            (time::macros::datetime!(2026-12-07 10:02:00 UTC), 1),
        ] {
            assert_eq!(seconds_until(until, now), wait, "{now}");
            assert!(now + time::Duration::seconds(wait) >= until, "{now}");
        }
    }

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
