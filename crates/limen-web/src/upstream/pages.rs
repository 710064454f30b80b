//! The page after an identity no account is linked to (docs/FEDERATION.md §2.2): "I have an
//! account: sign in to link it", or "Create a new account" (names and address proposed by the
//! upstream, editable). The page is the same whether or not an account holds the address the
//! upstream sent: nothing here compares it with any account.

use super::{CreateForm, failed};
use crate::authn::client;
use crate::context::Ctx;
use crate::mail::{self, Letter};
use crate::pages::{self as common, PageCtx};
use crate::register::{email_error, name_error};
use crate::{AppState, WebError};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::upstream::{Arrived, Created, NewVirtualAccount};
use limen_core::{Account, PersonName};

/// Longest typed value shown back in a form.
const ECHO: usize = 254;

#[derive(Template)]
#[template(path = "upstream_choice.html")]
struct Choice {
    ctx: PageCtx,
    upstream: String,
    tx: String,
    target: String,
    sign_up: bool,
    first_name: String,
    last_name: String,
    email: String,
    /// The upstream vouched for the address: kept unchanged, it needs no confirmation link.
    email_vouched: bool,
    errors: Vec<(&'static str, String)>,
}

impl Choice {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn upstream_name(state: &AppState, id: &str) -> String {
    state.upstreams.name_of(id)
}

/// The choice page for the identity waiting under `tx`.
pub(crate) fn choice(
    state: &AppState,
    ctx: &Ctx,
    tx: &str,
    arrived: &Arrived,
    target: &str,
    typed: Option<(&CreateForm, Vec<(&'static str, String)>)>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let clip = |s: &str| s.chars().take(ECHO).collect::<String>();
    let (first_name, last_name, email, errors) = match typed {
        Some((form, errors)) => (
            clip(&form.first_name),
            clip(&form.last_name),
            clip(&form.email),
            errors,
        ),
        None => (
            arrived.given_name.clone().unwrap_or_default(),
            arrived.family_name.clone().unwrap_or_default(),
            arrived.email.clone().unwrap_or_default(),
            Vec::new(),
        ),
    };
    let page = Choice {
        ctx: PageCtx::new(ctx, None),
        upstream: upstream_name(state, &arrived.upstream),
        tx: tx.to_owned(),
        target: target.to_owned(),
        sign_up: arrived.sign_up,
        email_vouched: arrived.email_verified && arrived.email.as_deref() == Some(email.as_str()),
        first_name,
        last_name,
        email,
        errors,
    };
    common::render(ctx, status, &page)
}

/// POST /upstream/create.
pub(crate) async fn create(
    state: &AppState,
    ctx: &mut Ctx,
    form: CreateForm,
) -> Result<Response, WebError> {
    let target = super::continuation(&form.target);
    if !ctx.csrf_ok(&form.csrf_token) {
        return common::csrf_refused(ctx, (target, ctx.tr.t("back-to-login")));
    }
    let Some(arrived) = state
        .authn
        .upstream_pending(&form.tx, &ctx.browser_binding())
        .await?
    else {
        return failed(ctx, StatusCode::BAD_REQUEST, "upstream-gone", &target);
    };
    let tr = &ctx.tr;
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let first_name = PersonName::parse_optional(&form.first_name)
        .map_err(|e| errors.push(("first_name", name_error(tr, e, "error-first-name-required"))))
        .ok()
        .flatten();
    let last_name = PersonName::parse(&form.last_name)
        .map_err(|e| errors.push(("last_name", name_error(tr, e, "error-last-name-required"))))
        .ok();
    let email = email_error(tr, &form.email)
        .map_err(|m| errors.push(("email", m)))
        .ok();
    // The form again, with what was typed and why it was refused.
    let again = |errors, status| {
        choice(
            state,
            ctx,
            &form.tx,
            &arrived,
            &target,
            Some((&form, errors)),
            status,
        )
    };
    let (Some(last_name), Some(email)) = (last_name, email) else {
        return again(errors, StatusCode::BAD_REQUEST);
    };
    if !errors.is_empty() {
        return again(errors, StatusCode::BAD_REQUEST);
    }
    // Creating may send mail (the address's confirmation link, or its owner's warning):
    // registration's limits per client and per address.
    // Counted always: a taken address gets its owner an e-mail even when vouched for.
    if !crate::register::allow_mail(state, &ctx.client_ip, &email).await? {
        let errors = vec![("email", ctx.tr.t("error-too-many-requests"))];
        return again(errors, StatusCode::TOO_MANY_REQUESTS);
    }
    let new = NewVirtualAccount {
        first_name,
        last_name,
        email,
        locale: ctx.tr.lang().to_owned(),
    };
    match state
        .authn
        .upstream_create_account(&form.tx, &ctx.browser_binding(), new, &client(ctx))
        .await?
    {
        Created::SignedIn(signed_in) => {
            super::continue_login(state, ctx, &target, *signed_in).await
        }
        Created::CheckMailbox {
            email,
            activation,
            taken,
        } => {
            let name = upstream_name(state, &arrived.upstream);
            if let Some((account, token)) = activation {
                activation_mail(state, &account, &token, &name).await?;
            }
            if let Some(owner) = taken {
                someone_tried_mail(state, &owner, &name).await?;
            }
            common::message(
                ctx,
                StatusCode::OK,
                None,
                "upstream-check-mailbox-title",
                vec![
                    ctx.tr.t1("upstream-check-mailbox", "email", email.as_str()),
                    ctx.tr.t("upstream-check-mailbox-hint"),
                ],
                None,
            )
        }
        Created::NotAllowed => failed(
            ctx,
            StatusCode::FORBIDDEN,
            "upstream-sign-up-closed",
            &target,
        ),
        Created::Gone => failed(ctx, StatusCode::BAD_REQUEST, "upstream-gone", &target),
    }
}

/// The link that confirms a new account's address.
async fn activation_mail(
    state: &AppState,
    account: &Account,
    token: &str,
    upstream: &str,
) -> Result<(), WebError> {
    let tr = crate::i18n::Tr::new(&account.email_locale);
    let url = format!("{}/upstream/activate?key={token}", state.config.public_url);
    let validity = mail::validity(&tr, limen_authn::upstream::ACTIVATION_TTL);
    let letter = Letter {
        subject: tr.t("mail-upstream-activate-subject"),
        greeting: mail::greeting(&tr, &account.display_name()),
        before: vec![
            tr.t1("mail-upstream-activate-text", "upstream", upstream),
            tr.t1("mail-register-address", "email", account.email.as_str()),
        ],
        action: Some((tr.t("mail-upstream-activate-action"), url)),
        after: vec![
            tr.t1("mail-register-validity", "validity", &validity),
            tr.t("mail-help"),
        ],
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

/// To the holder of an address someone tried to create an account with through an upstream.
async fn someone_tried_mail(
    state: &AppState,
    owner: &Account,
    upstream: &str,
) -> Result<(), WebError> {
    let tr = crate::i18n::Tr::new(&owner.email_locale);
    let letter = Letter {
        subject: tr.t("mail-upstream-tried-subject"),
        greeting: mail::greeting(&tr, &owner.display_name()),
        before: vec![
            tr.t_with(
                "mail-upstream-tried-text",
                &[
                    (
                        "email",
                        crate::i18n::FluentArg::Str(owner.email.as_str().to_owned()),
                    ),
                    ("upstream", crate::i18n::FluentArg::Str(upstream.to_owned())),
                ],
            ),
            tr.t1("mail-upstream-tried-link", "upstream", upstream),
        ],
        action: Some((
            tr.t("mail-upstream-tried-action"),
            format!(
                "{}{}",
                state.config.public_url,
                crate::account::upstream::HERE
            ),
        )),
        after: vec![tr.t("mail-existing-not-you")],
    };
    mail::send(
        state,
        owner.email.as_str(),
        Some(owner.display_name()),
        &tr,
        letter,
    )
    .await
}
