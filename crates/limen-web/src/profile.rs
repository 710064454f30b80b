//! My account → personal data (names, e-mail language, interface language), a new e-mail
//! address confirmed by a link, and "Delete my account".

use crate::account::{signed_in, signed_in_form};
use crate::context::{Ctx, EMAIL, LANG, SSO};
use crate::mail::{self, Letter, SecurityEvent};
use crate::pages::{self, Confirm, Details, FieldErrors, PageCtx};
use crate::register::{self, KeyQuery, name_error};
use crate::{AppState, WebError, authn};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{Account, Email, PersonName, UserType};
use limen_store::{LinkPurpose, StoreError};
use serde::Deserialize;

/// Checks the signed-in user's password again (throttled like a login). `Err` is the message.
pub async fn check_current_password(
    state: &AppState,
    ctx: &Ctx,
    account: &Account,
    password: &str,
) -> Result<Result<(), String>, WebError> {
    use limen_authn::PasswordOutcome::*;
    Ok(
        match state
            .authn
            .check_password(&account.email, password, &ctx.client_ip)
            .await?
        {
            Success(_) | Expired(_) => Ok(()),
            Invalid | Locked => Err(ctx.tr.t("error-password-wrong")),
            Throttled { .. } => Err(ctx.tr.t("error-too-many-attempts")),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct DetailsQuery {
    saved: Option<String>,
    email_sent: Option<String>,
}

fn details_page(
    ctx: &Ctx,
    account: &Account,
    form: Option<&DetailsForm>,
    errors: FieldErrors,
    notice: Option<String>,
    new_email: String,
    email_errors: FieldErrors,
) -> Details {
    let (first, last, email_lang, ui_lang) = match form {
        Some(f) => (
            f.first_name.chars().take(100).collect(),
            f.last_name.chars().take(100).collect(),
            f.email_lang.clone(),
            Some(f.ui_lang.clone()).filter(|l| !l.is_empty()),
        ),
        None => (
            account
                .first_name
                .as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
            account.last_name.as_str().to_owned(),
            account.email_locale.clone(),
            account.ui_locale.clone(),
        ),
    };
    Details {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        email: account.email.display(),
        uid: account.uid.clone(),
        first_name: first,
        last_name: last,
        email_languages: pages::language_options(&email_lang),
        ui_languages: pages::language_options(ui_lang.as_deref().unwrap_or_default()),
        ui_default: ui_lang.is_none(),
        errors,
        notice,
        new_email,
        email_errors,
    }
}

/// GET /account/details
pub async fn details(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DetailsQuery>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in(&state, &ctx, "/account/details").await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = if q.saved.is_some() {
        Some(ctx.tr.t("details-saved"))
    } else if q.email_sent.is_some() {
        Some(ctx.tr.t("details-email-sent"))
    } else {
        None
    };
    let page = details_page(
        &ctx,
        &account,
        None,
        FieldErrors::default(),
        notice,
        String::new(),
        FieldErrors::default(),
    );
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email_lang: String,
    #[serde(default)]
    ui_lang: String,
}

/// POST /account/details
pub async fn save_details(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DetailsForm>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in_form(
        &state,
        &ctx,
        "/account/details",
        "details-title",
        &form.csrf_token,
    )
    .await?
    {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    let mut errors = FieldErrors::default();
    let first = PersonName::parse_optional(&form.first_name)
        .map_err(|e| {
            errors.add(
                "first_name",
                name_error(&ctx.tr, e, "error-first-name-required"),
            )
        })
        .ok()
        .flatten();
    let last = PersonName::parse(&form.last_name)
        .map_err(|e| {
            errors.add(
                "last_name",
                name_error(&ctx.tr, e, "error-last-name-required"),
            )
        })
        .ok();
    let email_lang = crate::i18n::supported(&form.email_lang)
        .unwrap_or(&account.email_locale)
        .to_owned();
    let ui_lang = crate::i18n::supported(&form.ui_lang);
    let Some(last) = last.filter(|_| errors.is_empty()) else {
        let page = details_page(
            &ctx,
            &account,
            Some(&form),
            errors,
            None,
            String::new(),
            FieldErrors::default(),
        );
        return pages::render(&ctx, StatusCode::BAD_REQUEST, &page);
    };
    state
        .store
        .update_profile(
            account.id,
            first.as_ref(),
            &last,
            &email_lang,
            ui_lang,
            state.now(),
        )
        .await?;
    authn::audit(
        &state,
        "account.details_changed",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({}),
    )
    .await;
    // `lang=` makes the chosen interface language this browser's too.
    Ok(match ui_lang {
        Some(lang) => ctx.redirect(&format!("/account/details?saved=1&lang={lang}")),
        None => ctx.redirect("/account/details?saved=1"),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    new_email_confirm: String,
    #[serde(default)]
    current_password: String,
}

/// POST /account/email: sends a confirmation link to the new address; nothing changes until
/// it is followed.
pub async fn request_email_change(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EmailForm>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in_form(
        &state,
        &ctx,
        "/account/details",
        "details-title",
        &form.csrf_token,
    )
    .await?
    {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    let tr = &ctx.tr;
    let mut errors = FieldErrors::default();
    let new = register::email_error(tr, &form.new_email)
        .map_err(|m| errors.add("new_email", m))
        .ok();
    if let Some(new) = &new {
        match Email::parse(&form.new_email_confirm) {
            Ok(c) if c.key() == new.key() => {}
            _ => errors.add("new_email_confirm", tr.t("error-email-mismatch")),
        }
        if new.key() == account.email.key() {
            errors.add("new_email", tr.t("error-email-same"));
        }
    }
    // Like changing the password: a session alone (a borrowed browser, a stolen cookie) must not
    // move the account to another mailbox, from which "Lost password?" would take it over.
    if errors.is_empty()
        && let Err(message) =
            check_current_password(&state, &ctx, &account, &form.current_password).await?
    {
        errors.add("current_password", message);
    }
    let new = match new {
        Some(new) if errors.is_empty() => new,
        _ => {
            let typed = form.new_email.chars().take(254).collect();
            let page = details_page(
                &ctx,
                &account,
                None,
                FieldErrors::default(),
                None,
                typed,
                errors,
            );
            return pages::render(&ctx, StatusCode::BAD_REQUEST, &page);
        }
    };
    if !register::allow_mail(&state, &ctx.client_ip, &new).await? {
        let mut errors = FieldErrors::default();
        errors.add("new_email", tr.t("error-too-many-requests"));
        let page = details_page(
            &ctx,
            &account,
            None,
            FieldErrors::default(),
            None,
            new.as_str().to_owned(),
            errors,
        );
        return pages::render(&ctx, StatusCode::TOO_MANY_REQUESTS, &page);
    }
    let ttl = state.config.self_service.email_change_link_ttl;
    // The link and the e-mail that carries it: together or not at all (issue 11 item 2).
    let mut tx = state.store.begin().await?;
    let token = register::new_link_in(
        &state,
        &mut tx,
        &account,
        LinkPurpose::EmailChange,
        Some(new.as_str().to_owned()),
        None,
        ttl,
    )
    .await?;
    let mtr = crate::i18n::Tr::new(&account.email_locale);
    let url = format!("{}/cas/email/confirm?key={token}", state.config.public_url);
    let letter = Letter {
        subject: mtr.t("mail-email-confirm-subject"),
        greeting: mail::greeting(&mtr, &account.display_name()),
        before: vec![mtr.t1("mail-email-confirm-text", "email", new.as_str())],
        action: Some((mtr.t("mail-email-confirm-action"), url)),
        after: vec![
            mtr.t1(
                "mail-register-validity",
                "validity",
                &mail::validity(&mtr, ttl),
            ),
            mtr.t("mail-email-confirm-not-you"),
        ],
    };
    mail::send_in(
        &state,
        &mut tx,
        new.as_str(),
        Some(account.display_name()),
        &mtr,
        letter,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    authn::audit(
        &state,
        "account.email_change_requested",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({}),
    )
    .await;
    Ok(ctx.redirect("/account/details?email_sent=1"))
}

#[derive(Debug, Default, Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    key: String,
}

/// The e-mail change link and its account, or the page explaining why not.
async fn email_link(
    state: &AppState,
    ctx: &Ctx,
    key: &str,
) -> Result<Result<(limen_store::EmailLink, Account, Email), Response>, WebError> {
    let problem = |key: &str, status| {
        let link = Some(("/account/details".to_owned(), ctx.tr.t("details-title")));
        pages::message(
            ctx,
            status,
            None,
            "link-invalid-title",
            vec![ctx.tr.t(key)],
            link,
        )
    };
    use register::LinkCheck;
    let new_email =
        |l: &limen_store::EmailLink| l.new_email.as_deref().and_then(|e| Email::parse(e).ok());
    // A locked account keeps its address until an administrator unlocks it.
    let accept = |l: &limen_store::EmailLink, a: &Account| {
        l.purpose == LinkPurpose::EmailChange
            && a.status == limen_core::AccountStatus::Active
            && new_email(l).is_some()
    };
    match register::check_link(state, key, accept).await? {
        LinkCheck::Valid(link, account) => match new_email(&link) {
            Some(new) => Ok(Ok((link, *account, new))),
            None => Ok(Err(problem("link-invalid-text", StatusCode::NOT_FOUND)?)),
        },
        LinkCheck::Unknown => Ok(Err(problem("link-invalid-text", StatusCode::NOT_FOUND)?)),
        LinkCheck::Used => Ok(Err(problem("link-used-text", StatusCode::GONE)?)),
        LinkCheck::Expired(_) => Ok(Err(problem("link-email-expired", StatusCode::GONE)?)),
    }
}

/// GET /cas/email/confirm?key=…: a button, so that a mail scanner opening the link changes
/// nothing.
pub async fn confirm_email_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<KeyQuery>,
) -> Result<Response, WebError> {
    let (_, account, new) = match email_link(&state, &ctx, &q.key).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let page = Confirm {
        ctx: PageCtx::new(&ctx, None),
        title: ctx.tr.t("email-confirm-title"),
        text: vec![ctx.tr.t_with(
            "email-confirm-text",
            &[
                ("old", crate::i18n::FluentArg::Str(account.email.display())),
                ("new", crate::i18n::FluentArg::Str(new.display())),
            ],
        )],
        action: "/cas/email/confirm".to_owned(),
        hidden: vec![("key".to_owned(), q.key.clone())],
        ask_password: false,
        error: None,
        submit_label: ctx.tr.t("email-confirm-submit"),
        danger: false,
        cancel_href: None,
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

/// POST /cas/email/confirm
pub async fn confirm_email(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<KeyForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (
            format!("/cas/email/confirm?key={}", crate::encode(&form.key)),
            ctx.tr.t("back"),
        );
        return pages::csrf_refused(&ctx, back);
    }
    let (link, account, new) = match email_link(&state, &ctx, &form.key).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let now = state.now();
    if !state.store.consume_link(&link.id, now).await? {
        let text = vec![ctx.tr.t("link-used-text")];
        return pages::message(
            &ctx,
            StatusCode::GONE,
            None,
            "link-invalid-title",
            text,
            None,
        );
    }
    // Internal or external follows the domain, as at registration (the new address is proven).
    let user_type = UserType::for_email(&new, &state.config.internal_domains);
    match state
        .store
        .change_email(account.id, &new, user_type, now)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Duplicate(_)) => {
            let text = vec![ctx.tr.t1("error-email-taken", "email", new.as_str())];
            return pages::message(
                &ctx,
                StatusCode::CONFLICT,
                None,
                "error-page-title",
                text,
                None,
            );
        }
        Err(e) => return Err(e.into()),
    }
    state.store.retire_links(account.id, now).await?;
    authn::audit(
        &state,
        "account.email_changed",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({}),
    )
    .await;
    // The old address hears of it: if this was not its owner, they know at once.
    mail::security_mail_to(
        &state,
        &account,
        account.email.as_str(),
        SecurityEvent::EmailChanged {
            new: new.as_str().to_owned(),
        },
    )
    .await?;
    if ctx
        .remembered_email()
        .is_some_and(|e| e.eq_ignore_ascii_case(account.email.as_str()))
    {
        ctx.remember_email(new.as_str());
    }
    let text = vec![ctx.tr.t1("email-changed-text", "email", &new.display())];
    let link = Some(("/account".to_owned(), ctx.tr.t("nav-my-account")));
    pages::message(
        &ctx,
        StatusCode::OK,
        None,
        "email-changed-title",
        text,
        link,
    )
}

fn delete_page(ctx: &Ctx, account: &Account, error: Option<String>) -> Confirm {
    Confirm {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        title: ctx.tr.t("delete-title"),
        text: vec![
            ctx.tr.t("delete-text"),
            ctx.tr.t("delete-sessions"),
            ctx.tr.t("delete-password"),
        ],
        action: "/account/delete".to_owned(),
        hidden: Vec::new(),
        ask_password: true,
        error,
        submit_label: ctx.tr.t("delete-submit"),
        danger: true,
        cancel_href: Some("/account".to_owned()),
    }
}

/// GET /account/delete
pub async fn delete_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let (_, account) = match signed_in(&state, &ctx, "/account/delete").await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    pages::render(&ctx, StatusCode::OK, &delete_page(&ctx, &account, None))
}

#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
}

/// POST /account/delete: the password again, then every session ends, the personal data goes;
/// the audit log keeps the account number and the events.
pub async fn delete_submit(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    let (_, account) = match signed_in_form(
        &state,
        &ctx,
        "/account/delete",
        "delete-title",
        &form.csrf_token,
    )
    .await?
    {
        Ok(s) => s,
        Err(page) => return Ok(page),
    };
    let error = if form.password.is_empty() {
        Some(ctx.tr.t("error-password-empty"))
    } else {
        check_current_password(&state, &ctx, &account, &form.password)
            .await?
            .err()
    };
    if let Some(error) = error {
        return pages::render(
            &ctx,
            StatusCode::BAD_REQUEST,
            &delete_page(&ctx, &account, Some(error)),
        );
    }
    // Queued before the address is erased; the outbox keeps it only until delivery (and the
    // week the outbox keeps delivered mail).
    mail::security_mail(&state, &account, SecurityEvent::AccountDeleted).await?;
    let now = state.now();
    let ended = state
        .authn
        .end_sessions_of_account(account.id, None)
        .await?;
    state.store.retire_links(account.id, now).await?;
    state.store.delete_account(account.id, now).await?;
    authn::audit(
        &state,
        "account.deleted",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"by": "self", "sessions_ended": ended}),
    )
    .await;
    ctx.clear_cookie(SSO);
    ctx.clear_cookie(EMAIL);
    let text = vec![ctx.tr.t("deleted-text"), ctx.tr.t("deleted-mail")];
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    pages::message(&ctx, StatusCode::OK, None, "deleted-title", text, link)
}

/// Makes the account's chosen interface language this browser's (at sign-in).
pub fn apply_ui_language(ctx: &mut Ctx, account: &Account) {
    if let Some(lang) = account
        .ui_locale
        .as_deref()
        .and_then(crate::i18n::supported)
    {
        ctx.set_cookie(LANG, lang, Some(365 * 24 * 3600));
    }
}
