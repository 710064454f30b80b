//! "Create an account" (seed 003): names in any alphabet, e-mail twice, e-mail language,
//! CAPTCHA, privacy statement. The answer never tells whether the address already has an
//! account: a new address gets the link that creates the password, a known one gets an e-mail
//! saying it is already registered, and the page is the same.

use crate::captcha::{self, CaptchaAnswer};
use crate::context::Ctx;
use crate::i18n::Tr;
use crate::mail::{self, Letter};
use crate::pages::{self, FieldErrors, PageCtx};
use crate::{AppState, WebError, authn};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{
    Account, AccountStatus, AssuranceLevel, Email, PersonName, Service, UserType,
    email::EmailError, name::NameError,
};
use limen_store::{EmailLink, LinkPurpose, LinkState, NewAccount, StoreError, StoreTx};
use serde::Deserialize;

/// The service a self-service page was reached from, carried through to the end.
#[derive(Debug, Default, Deserialize)]
pub struct ServiceQuery {
    pub service: Option<String>,
}

impl ServiceQuery {
    /// The registered service, or nothing: an unregistered URL is dropped, never followed.
    pub async fn resolve(&self, state: &AppState) -> Result<Option<(Service, String)>, WebError> {
        let Some(url) = self.service.as_deref().filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        Ok(return_service(state, url)
            .await?
            .map(|s| (s, url.to_owned())))
    }
}

/// The service a self-service detour may return to through `url`: a registered CAS service, or
/// an OpenID Connect authorization request (see `AuthRequest::continuation`) of a registered
/// client and one of its redirect URIs. Anything else is dropped, never followed.
pub async fn return_service(state: &AppState, url: &str) -> Result<Option<Service>, WebError> {
    // Never a URL with a control character: it may end up in a `Location` header (RFC 9110
    // §5.5), and the query of a continuation is not checked beyond its client and redirect URI.
    if limen_core::service::has_control_character(url) {
        return Ok(None);
    }
    if let Some((client_id, redirect_uri)) = limen_oidc::authorize::continuation_target(url) {
        return Ok(state
            .store
            .oidc_client(&client_id)
            .await?
            .filter(|(_, c)| c.has_redirect_uri(&redirect_uri))
            .map(|(s, _)| s));
    }
    if let Some(sealed) = crate::saml::continuation_sealed(url) {
        return Ok(crate::saml::load_target(state, &sealed)
            .await?
            .map(|t| t.sp.service));
    }
    Ok(state.store.service_for_url(url).await?)
}

/// `path` with `?service=…` when there is one.
pub fn with_service(path: &str, service: Option<&str>) -> String {
    match service {
        Some(url) => format!("{path}?service={}", crate::encode(url)),
        None => path.to_owned(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    email_confirm: String,
    #[serde(default)]
    email_lang: String,
    #[serde(default)]
    privacy: String,
    #[serde(flatten)]
    captcha: CaptchaAnswer,
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

async fn render_form(
    state: &AppState,
    ctx: &Ctx,
    service: Option<&(Service, String)>,
    form: &RegisterForm,
    errors: FieldErrors,
    general_error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let service_url = service.map(|(_, url)| url.as_str());
    let lang = crate::i18n::supported(&form.email_lang).unwrap_or(ctx.tr.lang());
    let page = pages::Register {
        ctx: PageCtx::new(ctx, None),
        action: with_service("/cas/register", service_url),
        first_name: clip(&form.first_name, 100),
        last_name: clip(&form.last_name, 100),
        email: clip(&form.email, 254),
        email_confirm: clip(&form.email_confirm, 254),
        languages: pages::language_options(lang),
        privacy_href: state
            .config
            .self_service
            .privacy_url
            .clone()
            .unwrap_or_else(|| "/cas/privacy".to_owned()),
        privacy_checked: form.privacy == "accepted",
        captcha: captcha::issue(state),
        errors,
        general_error,
        service_name: service.map(|(s, _)| s.name.clone()),
        login_href: with_service("/cas/login", service_url),
    };
    pages::render(ctx, status, &page)
}

fn registration_closed(ctx: &Ctx) -> Result<Response, WebError> {
    let text = vec![ctx.tr.t("register-closed")];
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    pages::message(
        ctx,
        StatusCode::NOT_FOUND,
        None,
        "register-title",
        text,
        link,
    )
}

/// GET /cas/register
pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ServiceQuery>,
) -> Result<Response, WebError> {
    if !state.config.self_service.registration_enabled {
        return registration_closed(&ctx);
    }
    let service = q.resolve(&state).await?;
    let form = RegisterForm {
        email_lang: ctx.tr.lang().to_owned(),
        ..RegisterForm::default()
    };
    render_form(
        &state,
        &ctx,
        service.as_ref(),
        &form,
        FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// EU Login's address of the registration page.
pub async fn legacy_redirect(ctx: Ctx, Query(q): Query<ServiceQuery>) -> Response {
    ctx.redirect(&with_service("/cas/register", q.service.as_deref()))
}

/// The e-mail field's problem, if any: the one address rule (`Email::parse`) for every form.
pub fn email_error(tr: &Tr, typed: &str) -> Result<Email, String> {
    Email::parse(typed).map_err(|e| email_message(tr, e))
}

/// The message for an address `Email::parse` refused.
pub fn email_message(tr: &Tr, e: EmailError) -> String {
    match e {
        EmailError::Empty => tr.t("error-email-empty"),
        EmailError::Character(c) => tr.t1(
            "error-email-character",
            "codepoint",
            &format!("U+{:04X}", u32::from(c)),
        ),
        EmailError::TooLong | EmailError::Invalid => tr.t("error-email-invalid"),
    }
}

pub fn name_error(tr: &Tr, e: NameError, required_key: &str) -> String {
    match e {
        NameError::Empty => tr.t(required_key),
        NameError::TooLong => tr.t("error-name-too-long"),
        NameError::InvalidCharacters => tr.t("error-name-characters"),
    }
}

/// POST /cas/register
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ServiceQuery>,
    Form(form): Form<RegisterForm>,
) -> Result<Response, WebError> {
    if !state.config.self_service.registration_enabled {
        return registration_closed(&ctx);
    }
    let service = q.resolve(&state).await?;
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (
            with_service("/cas/register", service.as_ref().map(|(_, u)| u.as_str())),
            ctx.tr.t("register-title"),
        );
        return pages::csrf_refused(&ctx, back);
    }
    let tr = &ctx.tr;
    let answer = &form.captcha;
    if form.action == "new_captcha" {
        // "New code": the same form, what was typed kept, another image.
        let _ = captcha::check(&state, answer).await?;
        return render_form(
            &state,
            &ctx,
            service.as_ref(),
            &form,
            FieldErrors::default(),
            None,
            StatusCode::OK,
        )
        .await;
    }

    let mut errors = FieldErrors::default();
    let first_name = PersonName::parse_optional(&form.first_name)
        .map_err(|e| errors.add("first_name", name_error(tr, e, "error-first-name-required")))
        .ok()
        .flatten();
    let last_name = PersonName::parse(&form.last_name)
        .map_err(|e| errors.add("last_name", name_error(tr, e, "error-last-name-required")))
        .ok();
    let email = email_error(tr, &form.email)
        .map_err(|m| errors.add("email", m))
        .ok();
    match (&email, Email::parse(&form.email_confirm)) {
        (_, Err(EmailError::Empty)) => {
            errors.add("email_confirm", tr.t("error-email-confirm-empty"))
        }
        (Some(email), Ok(confirm)) if confirm.key() == email.key() => {}
        (None, _) => {}
        _ => errors.add("email_confirm", tr.t("error-email-mismatch")),
    }
    let email_lang = crate::i18n::supported(&form.email_lang).unwrap_or(tr.lang());
    if let Err(refusal) = captcha::check(&state, answer).await? {
        errors.add("captcha", refusal.message(tr));
    }
    if form.privacy != "accepted" {
        errors.add("privacy", tr.t("error-privacy"));
    }
    let (email, last_name) = match (email, last_name) {
        (Some(email), Some(last_name)) if errors.is_empty() => (email, last_name),
        _ => {
            return render_form(
                &state,
                &ctx,
                service.as_ref(),
                &form,
                errors,
                None,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    if !allow_mail(&state, &ctx.client_ip, &email).await? {
        let msg = tr.t("error-too-many-requests");
        return render_form(
            &state,
            &ctx,
            service.as_ref(),
            &form,
            FieldErrors::default(),
            Some(msg),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }

    let service_url = service.as_ref().map(|(_, u)| u.clone());
    let now = state.now();
    match state.store.account_by_email(&email).await? {
        None => {
            // The account, its link and the e-mail that carries the link: one transaction, so
            // that whatever fails (the message cannot be built, the outbox refuses it) leaves
            // no account without its e-mail (issue 11 item 2).
            let new = NewAccount {
                user_type: UserType::for_email(&email, &state.config.internal_domains),
                email: email.clone(),
                first_name,
                last_name,
                status: AccountStatus::Pending,
                assurance: AssuranceLevel::Low,
                email_locale: email_lang.to_owned(),
                password_hash: None,
            };
            let mut tx = state.store.begin().await?;
            match tx.create_account(&new, now).await {
                Ok(account) => {
                    send_password_link_in(
                        &state,
                        &mut tx,
                        &account,
                        LinkPurpose::Register,
                        service_url,
                        Some(email_lang),
                    )
                    .await?;
                    tx.commit().await?;
                    state.mailer.wake();
                    authn::audit(
                        &state,
                        "account.registered",
                        Some(account.id),
                        &ctx.client_ip,
                        serde_json::json!({"service": service.as_ref().map(|(s, _)| s.name.clone())}),
                    )
                    .await;
                }
                // Registered a moment ago by a concurrent request, which sent the e-mail.
                Err(StoreError::Duplicate(_)) => tx.rollback().await?,
                Err(e) => return Err(e.into()),
            }
        }
        // Still waiting for its first password: a fresh link.
        Some(account) if account.status == AccountStatus::Pending => {
            // A pending account made through an upstream identity provider whose address was
            // never proven (docs/FEDERATION.md §2.3): whoever created it is not shown to be the
            // address's owner, so its links go before the owner's link can activate it — else
            // the owner would finish an account the creator's upstream identity signs in to.
            let removed = state.store.delete_upstream_links_of(account.id).await?;
            if !removed.is_empty() {
                authn::audit(
                    &state,
                    "upstream.unlink",
                    Some(account.id),
                    &ctx.client_ip,
                    serde_json::json!({"reason": "pending address registered", "links": removed.len()}),
                )
                .await;
            }
            send_password_link(
                &state,
                &account,
                LinkPurpose::Register,
                service_url,
                Some(email_lang),
            )
            .await?;
        }
        Some(account) => {
            authn::audit(
                &state,
                "account.registration_of_existing",
                Some(account.id),
                &ctx.client_ip,
                serde_json::json!({}),
            )
            .await;
            already_registered_mail(&state, &account, service_url.as_deref()).await?;
        }
    }
    let hours = mail::validity(tr, state.config.self_service.register_link_ttl);
    let text = vec![
        tr.t1("register-sent-text", "email", email.as_str()),
        tr.t1("register-sent-validity", "validity", &hours),
        tr.t("register-sent-spam"),
    ];
    pages::message(
        &ctx,
        StatusCode::OK,
        None,
        "register-sent-title",
        text,
        None,
    )
}

/// Counts one e-mail-sending request against the client address and the target address
/// (per hour); false when either is over its limit. The limit depends only on the address, so
/// it says nothing about whether an account exists.
pub async fn allow_mail(
    state: &AppState,
    client_ip: &str,
    email: &Email,
) -> Result<bool, WebError> {
    let now = state.now();
    let hour = time::Duration::hours(1);
    let limits = &state.config.self_service;
    let by_client = state
        .store
        .throttle_fail(&format!("selfsvc-ip:{client_ip}"), now, hour)
        .await?;
    if by_client > limits.requests_per_client_per_hour {
        return Ok(false);
    }
    let key = format!("mail:{}", limen_crypto::sha256_hex(email.key().as_bytes()));
    let by_address = state.store.throttle_fail(&key, now, hour).await?;
    Ok(by_address <= limits.mails_per_address_per_hour)
}

/// Creates a single-use link and e-mails it: the first password (registration) or a new one
/// (lost password). `lang` overrides the account's e-mail language (the one just chosen on the
/// registration form). The link and its e-mail are written together or not at all.
pub async fn send_password_link(
    state: &AppState,
    account: &Account,
    purpose: LinkPurpose,
    service: Option<String>,
    lang: Option<&str>,
) -> Result<(), WebError> {
    let mut tx = state.store.begin().await?;
    send_password_link_in(state, &mut tx, account, purpose, service, lang).await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// [`send_password_link`] inside the caller's transaction (which commits, then wakes the
/// mailer).
pub async fn send_password_link_in(
    state: &AppState,
    tx: &mut StoreTx,
    account: &Account,
    purpose: LinkPurpose,
    service: Option<String>,
    lang: Option<&str>,
) -> Result<(), WebError> {
    let cfg = &state.config.self_service;
    let ttl = match purpose {
        LinkPurpose::Reset => cfg.reset_link_ttl,
        _ => cfg.register_link_ttl,
    };
    let token = new_link_in(state, tx, account, purpose, None, service, ttl).await?;
    let url = format!("{}/cas/password/new?key={token}", state.config.public_url);
    let tr = Tr::new(lang.unwrap_or(&account.email_locale));
    let validity = mail::validity(&tr, ttl);
    let letter = match purpose {
        LinkPurpose::Register => Letter {
            subject: tr.t("mail-register-subject"),
            greeting: mail::greeting(&tr, &account.display_name()),
            before: vec![
                tr.t("mail-register-registered"),
                tr.t1("mail-register-address", "email", account.email.as_str()),
                tr.t("mail-register-follow"),
            ],
            action: Some((tr.t("mail-register-action"), url)),
            after: vec![
                tr.t1("mail-register-validity", "validity", &validity),
                tr.t("mail-help"),
            ],
        },
        _ => Letter {
            subject: tr.t("mail-reset-subject"),
            greeting: mail::greeting(&tr, &account.display_name()),
            before: vec![
                tr.t1("mail-reset-requested", "email", account.email.as_str()),
                tr.t("mail-reset-follow"),
            ],
            action: Some((tr.t("mail-reset-action"), url)),
            after: vec![
                tr.t1("mail-reset-validity", "validity", &validity),
                tr.t("mail-reset-not-you"),
            ],
        },
    };
    mail::send_in(
        state,
        tx,
        account.email.as_str(),
        Some(account.display_name()),
        &tr,
        letter,
    )
    .await
}

/// What the store keeps of a link's token: its SHA-256.
fn link_id(token: &str) -> String {
    limen_crypto::sha256_hex(token.as_bytes())
}

/// The link a token from an e-mail names, if any. Tokens are looked up by their hash only.
pub async fn link_for_key(state: &AppState, key: &str) -> Result<Option<EmailLink>, WebError> {
    if key.is_empty() || key.len() > 128 {
        return Ok(None);
    }
    Ok(state.store.link(&link_id(key)).await?)
}

/// What a key from an e-mail leads to.
pub enum LinkCheck {
    /// No such link, or one that `accept` refuses (wrong purpose, account in the wrong state).
    Unknown,
    Used,
    Expired(EmailLink),
    Valid(EmailLink, Box<Account>),
}

/// Finds the link of `key` and its account, and tells whether it can still be used.
pub async fn check_link(
    state: &AppState,
    key: &str,
    accept: impl Fn(&EmailLink, &Account) -> bool,
) -> Result<LinkCheck, WebError> {
    let Some(link) = link_for_key(state, key).await? else {
        return Ok(LinkCheck::Unknown);
    };
    let account = state
        .store
        .account_by_id(link.account_id)
        .await?
        .filter(|a| accept(&link, a));
    let Some(account) = account else {
        return Ok(LinkCheck::Unknown);
    };
    Ok(match link.state(state.now()) {
        LinkState::Valid => LinkCheck::Valid(link, Box::new(account)),
        LinkState::Used => LinkCheck::Used,
        LinkState::Expired => LinkCheck::Expired(link),
    })
}

/// `?key=…` of the pages e-mail links open.
#[derive(Debug, serde::Deserialize)]
pub struct KeyQuery {
    #[serde(default)]
    pub key: String,
}

/// A new link of `account` and its token (only the token's hash is ever stored).
fn make_link(
    state: &AppState,
    account: &Account,
    purpose: LinkPurpose,
    new_email: Option<String>,
    service: Option<String>,
    ttl: time::Duration,
) -> (String, EmailLink) {
    let token = limen_crypto::random_token(32);
    let now = state.now();
    let link = EmailLink {
        id: link_id(&token),
        purpose,
        account_id: account.id,
        new_email,
        service,
        created_at: now,
        expires_at: now + ttl,
        used_at: None,
    };
    (token, link)
}

/// Stores a new link and returns its token (only its hash is kept).
pub async fn new_link(
    state: &AppState,
    account: &Account,
    purpose: LinkPurpose,
    new_email: Option<String>,
    service: Option<String>,
    ttl: time::Duration,
) -> Result<String, WebError> {
    let (token, link) = make_link(state, account, purpose, new_email, service, ttl);
    state.store.create_link(&link).await?;
    Ok(token)
}

/// [`new_link`] inside the caller's transaction, with the e-mail that will carry it.
pub async fn new_link_in(
    state: &AppState,
    tx: &mut StoreTx,
    account: &Account,
    purpose: LinkPurpose,
    new_email: Option<String>,
    service: Option<String>,
    ttl: time::Duration,
) -> Result<String, WebError> {
    let (token, link) = make_link(state, account, purpose, new_email, service, ttl);
    tx.create_link(&link).await?;
    Ok(token)
}

/// To the holder of an address that registers again: they already have an account.
async fn already_registered_mail(
    state: &AppState,
    account: &Account,
    service: Option<&str>,
) -> Result<(), WebError> {
    let tr = Tr::new(&account.email_locale);
    let lost = format!(
        "{}{}",
        state.config.public_url,
        with_service("/cas/password/lost", service)
    );
    let letter = Letter {
        subject: tr.t("mail-existing-subject"),
        greeting: mail::greeting(&tr, &account.display_name()),
        before: vec![
            tr.t1("mail-existing-text", "email", account.email.as_str()),
            tr.t("mail-existing-lost"),
        ],
        action: Some((tr.t("mail-existing-action"), lost)),
        after: vec![tr.t("mail-existing-not-you")],
    };
    mail::send(
        state,
        account.email.as_str(),
        Some(account.display_name()),
        &tr,
        letter,
    )
    .await
}

/// GET /cas/privacy: the built-in privacy statement.
pub async fn privacy(ctx: Ctx) -> Result<Response, WebError> {
    let text = (1..=5).map(|i| ctx.tr.t(&format!("privacy-{i}"))).collect();
    pages::message(&ctx, StatusCode::OK, None, "privacy-title", text, None)
}
