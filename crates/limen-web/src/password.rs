//! The password life cycle (seeds 003 and 004): the first password from the registration link,
//! "Lost password?", a password that has expired, and "Change my password". One form for all,
//! the policy stated up front, checked live where JavaScript runs (`/cas/password/assess`) and
//! always on the server.

use crate::captcha::{self, CaptchaAnswer};
use crate::context::Ctx;
use crate::i18n::Tr;
use crate::mail::{self, SecurityEvent};
use crate::pages::{self, FieldErrors, PageCtx, PasswordForm};
use crate::register::{self, KeyQuery, ServiceQuery, with_service};
use crate::{AppState, WebError, authn};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use limen_core::{Account, AccountStatus, Strength};
use limen_store::{EmailLink, LinkPurpose, RequestKind};
use serde::Deserialize;

// ---------------------------------------------------------------------------------------------
// Policy and strength feedback

/// Translated policy problems and zxcvbn feedback for `password`.
pub struct Assessment {
    pub problems: Vec<String>,
    pub score: u8,
    pub feedback: Vec<String>,
}

pub fn assess_password(tr: &Tr, password: &str, personal: &[&str]) -> Assessment {
    let problems = limen_core::password::check(password, personal)
        .into_iter()
        .map(|p| tr.t(&format!("password-problem-{}", p.code())))
        .collect();
    // zxcvbn is quadratic in the length; the policy caps length anyway.
    let sample: String = password.chars().take(128).collect();
    let (score, feedback) = if sample.is_empty() {
        (0, Vec::new())
    } else {
        let entropy = zxcvbn::zxcvbn(&sample, personal);
        let mut feedback = Vec::new();
        if let Some(f) = entropy.feedback() {
            if let Some(w) = f.warning() {
                feedback.push(translate_or(tr, &format!("zx-w-{w:?}"), &w.to_string()));
            }
            for s in f.suggestions() {
                feedback.push(translate_or(tr, &format!("zx-s-{s:?}"), &s.to_string()));
            }
        }
        (u8::from(entropy.score()), feedback)
    };
    Assessment {
        problems,
        score,
        feedback,
    }
}

fn translate_or(tr: &Tr, key: &str, english: &str) -> String {
    let t = tr.t(key);
    if t == key { english.to_owned() } else { t }
}

#[derive(Debug, Deserialize)]
pub struct AssessForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    email: String,
}

/// POST /cas/password/assess: what the page's script shows while the user types.
pub async fn assess(ctx: Ctx, Form(form): Form<AssessForm>) -> Response {
    if !ctx.csrf_ok(&form.csrf_token) {
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({"error": "csrf"})),
        )
            .into_response();
    }
    // Only an address's length of it: the checks cost its length times the password's.
    let email: String = form.email.chars().take(254).collect();
    let local = email.split('@').next().unwrap_or_default().to_owned();
    let personal: Vec<&str> = [email.as_str(), local.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let a = assess_password(&ctx.tr, &form.password, &personal);
    let label = ctx.tr.t(&format!("password-strength-{}", a.score));
    Json(serde_json::json!({
        "ok": a.problems.is_empty(),
        "problems": a.problems,
        "score": a.score,
        "label": ctx.tr.t1("password-strength", "label", &label),
        "feedback": a.feedback,
    }))
    .into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

/// Checks the new password and its confirmation; the errors per field (empty when fine) and
/// the strength feedback.
fn check_new(tr: &Tr, account: &Account, form: &NewPasswordForm) -> (FieldErrors, Vec<String>) {
    let mut errors = FieldErrors::default();
    let first = account.first_name.as_ref().map(|n| n.as_str().to_owned());
    let mut personal = vec![
        account.email.as_str().to_owned(),
        account.email.local_part().to_owned(),
        account.last_name.as_str().to_owned(),
    ];
    personal.extend(first);
    let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
    if form.new_password.is_empty() {
        errors.add("new_password", tr.t("error-new-password-empty"));
        return (errors, Vec::new());
    }
    let a = assess_password(tr, &form.new_password, &personal);
    if !a.problems.is_empty() {
        errors.add("new_password", a.problems.join(" "));
    }
    if form.confirm_password.is_empty() {
        errors.add("confirm_password", tr.t("error-confirm-password-empty"));
    } else if limen_core::password::normalise(&form.confirm_password)
        != limen_core::password::normalise(&form.new_password)
    {
        errors.add("confirm_password", tr.t("error-password-mismatch"));
    }
    (errors, a.feedback)
}

// ---------------------------------------------------------------------------------------------
// Links: first password, lost password, expired password

fn form_for_link(
    ctx: &Ctx,
    purpose: LinkPurpose,
    key: &str,
    account: &Account,
    errors: FieldErrors,
    feedback: Vec<String>,
) -> PasswordForm {
    let (title, intro) = match purpose {
        LinkPurpose::Register => ("password-new-title", "password-new-intro"),
        LinkPurpose::Expired => ("password-expired-title", "password-expired-intro"),
        _ => ("password-reset-title", "password-reset-intro"),
    };
    PasswordForm {
        ctx: PageCtx::new(ctx, None),
        title: ctx.tr.t(title),
        intro: Some(ctx.tr.t(intro)),
        action: "/cas/password/new".to_owned(),
        key: Some(key.to_owned()),
        email: account.email.as_str().to_owned(),
        ask_current: false,
        errors,
        feedback,
        submit_label: ctx.tr.t("password-submit"),
    }
}

fn link_problem(ctx: &Ctx, key: &str, status: StatusCode) -> Result<Response, WebError> {
    let link = Some((
        "/cas/password/lost".to_owned(),
        ctx.tr.t("lost-password-title"),
    ));
    pages::message(
        ctx,
        status,
        None,
        "link-invalid-title",
        vec![ctx.tr.t(key)],
        link,
    )
}

/// The link's record and account, or the page that explains why it cannot be used.
async fn usable_link(
    state: &AppState,
    ctx: &Ctx,
    key: &str,
) -> Result<Result<(EmailLink, Account), Response>, WebError> {
    use register::LinkCheck;
    let accept = |l: &EmailLink, a: &Account| match l.purpose {
        LinkPurpose::EmailChange => false,
        LinkPurpose::Register => matches!(a.status, AccountStatus::Pending | AccountStatus::Active),
        _ => a.status == AccountStatus::Active,
    };
    match register::check_link(state, key, accept).await? {
        LinkCheck::Valid(link, account) => Ok(Ok((link, *account))),
        LinkCheck::Unknown => Ok(Err(link_problem(
            ctx,
            "link-invalid-text",
            StatusCode::NOT_FOUND,
        )?)),
        LinkCheck::Used => Ok(Err(link_problem(ctx, "link-used-text", StatusCode::GONE)?)),
        LinkCheck::Expired(link) if link.purpose == LinkPurpose::Expired => Ok(Err(link_problem(
            ctx,
            "link-expired-login",
            StatusCode::GONE,
        )?)),
        LinkCheck::Expired(_) => {
            let page = pages::LinkExpired {
                ctx: PageCtx::new(ctx, None),
                key: key.to_owned(),
                email: String::new(),
                error: None,
            };
            Ok(Err(pages::render(ctx, StatusCode::GONE, &page)?))
        }
    }
}

/// GET /cas/password/new?key=…: the form (the link is only used when the form is sent, so
/// that mail scanners opening links do not spend it).
pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<KeyQuery>,
) -> Result<Response, WebError> {
    let (link, account) = match usable_link(&state, &ctx, &q.key).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let page = form_for_link(
        &ctx,
        link.purpose,
        &q.key,
        &account,
        FieldErrors::default(),
        Vec::new(),
    );
    pages::render(&ctx, StatusCode::OK, &page)
}

/// Sets a new password: hashed, every e-mail link of the account voided, every session but
/// `keep` ended (and their OIDC grants revoked), audited as `event`. Returns how many sessions
/// ended.
async fn replace_password(
    state: &AppState,
    ctx: &Ctx,
    account: &Account,
    new_password: &str,
    keep: Option<&str>,
    event: &str,
) -> Result<usize, WebError> {
    let now = state.now();
    let hash = state
        .hasher
        .hash(&limen_core::password::normalise(new_password))
        .await?;
    state.store.set_password(account.id, &hash, now).await?;
    state.store.retire_links(account.id, now).await?;
    let ended = state
        .authn
        .end_sessions_of_account(account.id, keep)
        .await?;
    authn::audit(
        state,
        event,
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"sessions_ended": ended}),
    )
    .await;
    Ok(ended)
}

/// POST /cas/password/new
pub async fn new_submit(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (
            format!("/cas/password/new?key={}", crate::encode(&form.key)),
            ctx.tr.t("back"),
        );
        return pages::csrf_refused(&ctx, back);
    }
    let (link, account) = match usable_link(&state, &ctx, &form.key).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (errors, feedback) = check_new(&ctx.tr, &account, &form);
    if !errors.is_empty() {
        let page = form_for_link(&ctx, link.purpose, &form.key, &account, errors, feedback);
        return pages::render(&ctx, StatusCode::BAD_REQUEST, &page);
    }
    let now = state.now();
    if !state.store.consume_link(&link.id, now).await? {
        // Used by a concurrent request a moment ago.
        return link_problem(&ctx, "link-used-text", StatusCode::GONE);
    }
    let event = match link.purpose {
        LinkPurpose::Register => "password.created",
        LinkPurpose::Expired => "password.expired_changed",
        _ => "password.reset",
    };
    // The first password of an account made through an upstream identity provider that never
    // proved its address (docs/FEDERATION.md §2.3): the address's owner finishes it here, so the
    // links whoever made it left on it go — else that upstream identity would enter the
    // owner's account (pre-hijacking). Whatever sent the link: registration, "Lost password?".
    if account.status == AccountStatus::Pending {
        let removed = state.store.delete_upstream_links_of(account.id).await?;
        if !removed.is_empty() {
            crate::authn::audit(
                &state,
                "upstream.unlink",
                Some(account.id),
                &ctx.client_ip,
                serde_json::json!({"reason": "address proven by its owner", "links": removed.len()}),
            )
            .await;
        }
    }
    // A reset is what a user does when someone else may know the old password: every session
    // ends. A first password has no sessions to end.
    replace_password(&state, &ctx, &account, &form.new_password, None, event).await?;
    if link.purpose != LinkPurpose::Register {
        mail::security_mail(&state, &account, SecurityEvent::PasswordChanged).await?;
    }
    // Signed in with the password just set (seed 003: "Vous êtes maintenant authentifié").
    // Like any login, this ends another account's session in this browser (with single logout).
    crate::authn::sign_in(&state, &mut ctx, &account, &[Strength::Password]).await?;
    ctx.remember_email(account.email.as_str());
    let service = match &link.service {
        Some(url) => register::return_service(&state, url)
            .await?
            .map(|s| (s, url.clone())),
        None => None,
    };
    match (link.purpose, service) {
        // In the middle of a login: straight on to the service.
        (LinkPurpose::Expired, Some((_, url))) => {
            Ok(ctx.redirect(&with_service("/cas/login", Some(&url))))
        }
        (_, Some((service, url))) => {
            let text = vec![
                ctx.tr.t("password-done-text"),
                ctx.tr.t1("password-done-proceed", "service", &service.name),
            ];
            let link = Some((with_service("/cas/login", Some(&url)), ctx.tr.t("proceed")));
            pages::message(
                &ctx,
                StatusCode::OK,
                Some(account.display_name()),
                "password-done-title",
                text,
                link,
            )
        }
        (_, None) => {
            let text = vec![ctx.tr.t("password-done-text")];
            let link = Some(("/account".to_owned(), ctx.tr.t("nav-my-account")));
            pages::message(
                &ctx,
                StatusCode::OK,
                Some(account.display_name()),
                "password-done-title",
                text,
                link,
            )
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RenewForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    email: String,
}

/// POST /cas/password/renew: an expired link, the address typed again → a new link (seed 003:
/// "you will then need to re-enter your username and confirm your request").
pub async fn renew_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<RenewForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        return pages::csrf_refused(
            &ctx,
            (
                "/cas/password/lost".to_owned(),
                ctx.tr.t("lost-password-title"),
            ),
        );
    }
    let email = match register::email_error(&ctx.tr, &form.email) {
        Ok(e) => e,
        Err(msg) => {
            let page = pages::LinkExpired {
                ctx: PageCtx::new(&ctx, None),
                key: form.key.chars().take(128).collect(),
                email: form.email.chars().take(254).collect(),
                error: Some(msg),
            };
            return pages::render(&ctx, StatusCode::BAD_REQUEST, &page);
        }
    };
    let link = register::link_for_key(&state, &form.key).await?;
    let Some(link) =
        link.filter(|l| matches!(l.purpose, LinkPurpose::Register | LinkPurpose::Reset))
    else {
        return link_problem(&ctx, "link-invalid-text", StatusCode::NOT_FOUND);
    };
    if !register::allow_mail(&state, &ctx.client_ip, &email).await? {
        let text = vec![ctx.tr.t("error-too-many-requests")];
        return pages::message(
            &ctx,
            StatusCode::TOO_MANY_REQUESTS,
            None,
            "error-page-title",
            text,
            None,
        );
    }
    if let Some(account) = state.store.account_by_id(link.account_id).await?
        && account.email.key() == email.key()
        && let Some(purpose) = password_link_purpose(account.status)
    {
        register::send_password_link(&state, &account, purpose, link.service.clone(), None).await?;
    }
    // The same answer whether or not the address matched.
    let text = vec![
        ctx.tr.t1("lost-password-sent", "email", email.as_str()),
        ctx.tr.t("register-sent-spam"),
    ];
    pages::message(
        &ctx,
        StatusCode::OK,
        None,
        "lost-password-sent-title",
        text,
        None,
    )
}

// ---------------------------------------------------------------------------------------------
// Lost password

/// The link a password request sends: a reset for an active account, the first-password link
/// for a registration not yet completed, nothing otherwise (locked, deleted).
pub(crate) fn password_link_purpose(status: AccountStatus) -> Option<LinkPurpose> {
    match status {
        AccountStatus::Active => Some(LinkPurpose::Reset),
        AccountStatus::Pending => Some(LinkPurpose::Register),
        _ => None,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LostForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    email: String,
    #[serde(flatten)]
    captcha: CaptchaAnswer,
}

async fn lost_page(
    state: &AppState,
    ctx: &Ctx,
    service: Option<&str>,
    email: &str,
    errors: FieldErrors,
    general_error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let page = pages::LostPassword {
        ctx: PageCtx::new(ctx, None),
        action: with_service("/cas/password/lost", service),
        email: email.chars().take(254).collect(),
        captcha: captcha::issue(state),
        errors,
        general_error,
        login_href: with_service("/cas/login", service),
    };
    pages::render(ctx, status, &page)
}

/// GET /cas/password/lost
pub async fn lost_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ServiceQuery>,
) -> Result<Response, WebError> {
    let service = q.resolve(&state).await?.map(|(_, url)| url);
    let email = ctx.remembered_email().unwrap_or_default();
    lost_page(
        &state,
        &ctx,
        service.as_deref(),
        &email,
        FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// POST /cas/password/lost: the same answer, and the same work, for every address; a link only
/// to active accounts (and the first-password link to a registration not yet completed), sent
/// by the self-service queue's worker.
pub async fn lost_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ServiceQuery>,
    Form(form): Form<LostForm>,
) -> Result<Response, WebError> {
    let service = q.resolve(&state).await?.map(|(_, url)| url);
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (
            with_service("/cas/password/lost", service.as_deref()),
            ctx.tr.t("lost-password-title"),
        );
        return pages::csrf_refused(&ctx, back);
    }
    let answer = &form.captcha;
    let captcha = captcha::check(&state, answer).await?;
    if form.action == "new_captcha" {
        return lost_page(
            &state,
            &ctx,
            service.as_deref(),
            &form.email,
            FieldErrors::default(),
            None,
            StatusCode::OK,
        )
        .await;
    }
    let mut errors = FieldErrors::default();
    let email = register::email_error(&ctx.tr, &form.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    if let Err(refusal) = captcha {
        errors.add("captcha", refusal.message(&ctx.tr));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return lost_page(
            &state,
            &ctx,
            service.as_deref(),
            &form.email,
            errors,
            None,
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    if !register::allow_mail(&state, &ctx.client_ip, &email).await? {
        let msg = ctx.tr.t("error-too-many-requests");
        return lost_page(
            &state,
            &ctx,
            service.as_deref(),
            &form.email,
            FieldErrors::default(),
            Some(msg),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    // The same work for every address (issue 11 item 4, docs/THREAT-MODEL.md): the request is
    // queued and answered; whether an account has the address is looked up afterwards, by the
    // worker (`requests`), which writes the link and its e-mail for those that do.
    state
        .store
        .queue_request(
            RequestKind::PasswordLink,
            email.as_str(),
            service.as_deref(),
            &ctx.client_ip,
            state.now(),
        )
        .await?;
    state.requests_wake.notify_one();
    let validity = mail::validity(&ctx.tr, state.config.self_service.reset_link_ttl);
    let text = vec![
        ctx.tr.t1("lost-password-sent", "email", email.as_str()),
        ctx.tr
            .t1("lost-password-sent-validity", "validity", &validity),
        ctx.tr.t("register-sent-spam"),
    ];
    let link = Some((
        with_service("/cas/login", service.as_deref()),
        ctx.tr.t("back-to-login"),
    ));
    pages::message(
        &ctx,
        StatusCode::OK,
        None,
        "lost-password-sent-title",
        text,
        link,
    )
}

// ---------------------------------------------------------------------------------------------
// Expired password, at login

/// The right password, but too old: the form to choose a new one, before going on.
pub async fn expired_at_login(
    state: &AppState,
    ctx: &Ctx,
    account: &Account,
    service: Option<String>,
) -> Result<Response, WebError> {
    let key = register::new_link(
        state,
        account,
        LinkPurpose::Expired,
        None,
        service,
        time::Duration::minutes(15),
    )
    .await?;
    let page = form_for_link(
        ctx,
        LinkPurpose::Expired,
        &key,
        account,
        FieldErrors::default(),
        Vec::new(),
    );
    pages::render(ctx, StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// Change my password (My account)

fn change_page(
    ctx: &Ctx,
    account: &Account,
    errors: FieldErrors,
    feedback: Vec<String>,
) -> PasswordForm {
    PasswordForm {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        title: ctx.tr.t("password-change-title"),
        intro: None,
        action: "/account/password".to_owned(),
        key: None,
        email: account.email.as_str().to_owned(),
        ask_current: true,
        errors,
        feedback,
        submit_label: ctx.tr.t("password-change-submit"),
    }
}

/// GET /account/password
pub async fn change_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let (_, account) = match crate::account::signed_in(&state, &ctx, "/account/password").await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    pages::render(
        &ctx,
        StatusCode::OK,
        &change_page(&ctx, &account, FieldErrors::default(), Vec::new()),
    )
}

/// POST /account/password: the current password, then the new one twice. Other sessions end.
pub async fn change_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, WebError> {
    let (session, account) = match crate::account::signed_in_form(
        &state,
        &ctx,
        "/account/password",
        "password-change-title",
        &form.csrf_token,
    )
    .await?
    {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    let (mut errors, feedback) = check_new(&ctx.tr, &account, &form);
    if form.current_password.is_empty() {
        errors.add("current_password", ctx.tr.t("error-password-empty"));
    } else {
        match crate::profile::check_current_password(&state, &ctx, &account, &form.current_password)
            .await?
        {
            Ok(()) => {}
            Err(msg) => errors.add("current_password", msg),
        }
    }
    if !errors.is_empty() {
        return pages::render(
            &ctx,
            StatusCode::BAD_REQUEST,
            &change_page(&ctx, &account, errors, feedback),
        );
    }
    let ended = replace_password(
        &state,
        &ctx,
        &account,
        &form.new_password,
        Some(&session.id),
        "password.changed",
    )
    .await?;
    mail::security_mail(&state, &account, SecurityEvent::PasswordChanged).await?;
    let mut text = vec![ctx.tr.t("password-changed-text")];
    if ended > 0 {
        text.push(ctx.tr.t_with(
            "password-changed-sessions",
            &[(
                "count",
                crate::i18n::FluentArg::Num(i64::try_from(ended).unwrap_or(i64::MAX)),
            )],
        ));
    }
    let link = Some(("/account".to_owned(), ctx.tr.t("nav-my-account")));
    pages::message(
        &ctx,
        StatusCode::OK,
        Some(account.display_name()),
        "password-changed-title",
        text,
        link,
    )
}
