//! Page templates (askama, compiled in) and the context every page shares.

use crate::context::Ctx;
use crate::i18n::Tr;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

pub struct LangLink {
    pub code: &'static str,
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

pub struct PageCtx {
    pub tr: Tr,
    pub lang: &'static str,
    /// The page language in its own name ("français"), shown by the language selector.
    pub language_name: &'static str,
    pub languages: Vec<LangLink>,
    /// Display name of the signed-in user, for the header menu.
    pub user: Option<String>,
    pub csrf: String,
    /// The page's step ends at a set time, which it announces and lets the user extend
    /// (`_time_limit.html`, [`crate::timing`]).
    pub time_limit: Option<crate::timing::TimeLimit>,
}

impl PageCtx {
    pub fn new(ctx: &Ctx, user: Option<String>) -> Self {
        let languages = ctx.language_links();
        Self {
            tr: ctx.tr.clone(),
            lang: ctx.tr.lang(),
            language_name: languages
                .iter()
                .find(|l| l.current)
                .map_or(ctx.tr.lang(), |l| l.label),
            languages,
            user,
            csrf: ctx.csrf_token(),
            time_limit: None,
        }
    }

    /// The same, for a page whose step ends at `until` (if known).
    pub fn timed(ctx: &Ctx, until: Option<time::OffsetDateTime>, ceremony: &str) -> Self {
        Self {
            time_limit: until.map(|u| crate::timing::TimeLimit::new(ctx, u, ceremony)),
            ..Self::new(ctx, None)
        }
    }
}

#[derive(Template)]
#[template(path = "login_email.html")]
pub struct LoginEmail {
    pub ctx: PageCtx,
    pub action: String,
    pub email: String,
    pub error: Option<String>,
    pub service_name: Option<String>,
    pub register_href: Option<String>,
    /// Passwordless passkey login (WebAuthn enabled): the form its script posts.
    pub passkey_enabled: bool,
    pub passkey_action: String,
    pub passkey_error: Option<String>,
    /// Upstream identity providers the service accepts, and the login they continue.
    pub upstreams: Vec<UpstreamButton>,
    pub upstream_target: String,
    /// The address to hint to an OpenID upstream (empty: none).
    pub upstream_hint: String,
}

/// A button that signs in through an upstream identity provider.
pub struct UpstreamButton {
    /// The `[[upstream]]` id.
    pub id: String,
    /// What the button names.
    pub name: String,
}

pub struct MethodOption {
    pub code: &'static str,
    pub name: String,
    pub description: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "login_password.html")]
pub struct LoginPassword {
    pub ctx: PageCtx,
    pub action: String,
    pub email: String,
    pub email_display: String,
    pub external: bool,
    pub error: Option<String>,
    pub methods: Vec<MethodOption>,
    pub switch_href: String,
    pub service_name: Option<String>,
    pub lost_href: String,
    /// Step-up: the session proved the password; the methods including it do not ask again.
    pub password_known: bool,
    /// A method needing no password is offered (On Mobile): the field may stay empty.
    pub password_optional: bool,
    /// No method qualifies: what to do, and where to register one.
    pub no_method: Vec<String>,
    pub register_links: Vec<(String, String)>,
    /// Retired methods the user depended on.
    pub retired: Vec<String>,
    /// The account's linked upstreams the service accepts.
    pub upstreams: Vec<UpstreamButton>,
    pub upstream_target: String,
    /// The address to hint to an OpenID upstream (empty: none).
    pub upstream_hint: String,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct Message {
    pub ctx: PageCtx,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub link: Option<(String, String)>,
    pub is_error: bool,
}

#[derive(Template)]
#[template(path = "post_redirect.html")]
pub struct PostRedirect {
    pub ctx: PageCtx,
    pub action: String,
    pub ticket: String,
    pub service_name: String,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountOverview {
    pub ctx: PageCtx,
    /// The groups the account belongs to, by name (issue 13).
    pub groups: Vec<String>,
    /// "Manage my eIDs and linked accounts" is offered.
    pub eids: bool,
}

pub struct SessionRow {
    pub public_id: String,
    pub current: bool,
    pub started: String,
    pub last_seen: String,
    pub address: String,
    pub browser: String,
    pub methods: String,
    pub services: String,
}

#[derive(Template)]
#[template(path = "sessions.html")]
pub struct Sessions {
    pub ctx: PageCtx,
    pub sessions: Vec<SessionRow>,
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "demo.html")]
pub struct Demo {
    pub ctx: PageCtx,
    pub user: String,
    pub attributes: Vec<(String, String)>,
    pub logout_href: String,
    /// The same service asking for a security key, as an EU Login client does
    /// (`acceptStrengths=PASSWORD_WEBAUTHN`): a password session is stepped up.
    pub strong_href: String,
}

/// Renders a template into a response carrying the context's cookies.
pub fn render(
    ctx: &Ctx,
    status: StatusCode,
    page: &impl Template,
) -> Result<Response, crate::WebError> {
    Ok(ctx.html(status, page.render()?))
}

/// A page with a title, some text and an optional link: errors, notices, confirmations.
pub fn message(
    ctx: &Ctx,
    status: StatusCode,
    user: Option<String>,
    title_key: &str,
    paragraphs: Vec<String>,
    link: Option<(String, String)>,
) -> Result<Response, crate::WebError> {
    let page = Message {
        title: ctx.tr.t(title_key),
        ctx: PageCtx::new(ctx, user),
        paragraphs,
        link,
        is_error: status.is_client_error() || status.is_server_error(),
    };
    render(ctx, status, &page)
}

/// A form whose CSRF token did not match: say so, and offer the way back to the form.
pub fn csrf_refused(ctx: &Ctx, back: (String, String)) -> Result<Response, crate::WebError> {
    let text = vec![ctx.tr.t("error-csrf")];
    message(
        ctx,
        StatusCode::FORBIDDEN,
        None,
        "error-page-title",
        text,
        Some(back),
    )
}

/// Per-field error messages of a form, in the page language.
#[derive(Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every message, in the order of the form, with the id of the field it is about, for the
    /// summary at the top: each
    /// entry links to its field (WCAG 3.3.1, 2.4.3). A field's id is its name, but the CAPTCHA's
    /// (its errors are filed under "captcha", its input is `captcha_answer`).
    pub fn summary(&self) -> Vec<(&'static str, &str)> {
        self.0
            .iter()
            .map(|(f, m)| {
                let id = if *f == "captcha" { "captcha_answer" } else { f };
                (id, m.as_str())
            })
            .collect()
    }
}

pub struct LanguageOption {
    pub code: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

pub fn language_options(selected: &str) -> Vec<LanguageOption> {
    crate::i18n::LANGUAGES
        .iter()
        .map(|(code, label)| LanguageOption {
            code,
            label,
            selected: *code == selected,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "register.html")]
pub struct Register {
    pub ctx: PageCtx,
    pub action: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub email_confirm: String,
    pub languages: Vec<LanguageOption>,
    pub privacy_href: String,
    pub privacy_checked: bool,
    pub captcha: crate::captcha::CaptchaView,
    pub errors: FieldErrors,
    pub general_error: Option<String>,
    pub service_name: Option<String>,
    pub login_href: String,
}

/// An e-mail address form with a CAPTCHA: "Lost password?".
#[derive(Template)]
#[template(path = "lost_password.html")]
pub struct LostPassword {
    pub ctx: PageCtx,
    pub action: String,
    pub email: String,
    pub captcha: crate::captcha::CaptchaView,
    pub errors: FieldErrors,
    pub general_error: Option<String>,
    pub login_href: String,
}

/// Choosing a password: the first one (registration), after "Lost password?", after expiry,
/// or changed from My account (`ask_current`).
#[derive(Template)]
#[template(path = "password_form.html")]
pub struct PasswordForm {
    pub ctx: PageCtx,
    pub title: String,
    pub intro: Option<String>,
    pub action: String,
    pub key: Option<String>,
    pub email: String,
    pub ask_current: bool,
    pub errors: FieldErrors,
    pub feedback: Vec<String>,
    pub submit_label: String,
}

/// The page of an expired link: re-enter the address to get a new one (seed 003).
#[derive(Template)]
#[template(path = "link_expired.html")]
pub struct LinkExpired {
    pub ctx: PageCtx,
    pub key: String,
    pub email: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "details.html")]
pub struct Details {
    pub ctx: PageCtx,
    pub email: String,
    pub uid: String,
    pub first_name: String,
    pub last_name: String,
    pub email_languages: Vec<LanguageOption>,
    pub ui_languages: Vec<LanguageOption>,
    pub ui_default: bool,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    pub new_email: String,
    pub email_errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct Confirm {
    pub ctx: PageCtx,
    pub title: String,
    pub text: Vec<String>,
    pub action: String,
    pub hidden: Vec<(String, String)>,
    pub ask_password: bool,
    pub error: Option<String>,
    pub submit_label: String,
    pub danger: bool,
    pub cancel_href: Option<String>,
}

pub struct OutboxRow {
    pub id: i64,
    pub created: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "dev_outbox.html")]
pub struct DevOutbox {
    pub ctx: PageCtx,
    pub rows: Vec<OutboxRow>,
    pub transport: String,
    /// The SMS outbox: `subject` holds the text.
    pub sms: Vec<OutboxRow>,
    pub sms_transport: String,
}

#[derive(Template)]
#[template(path = "dev_message.html")]
pub struct DevMessage {
    pub ctx: PageCtx,
    pub subject: String,
    pub recipient: String,
    pub text: String,
    pub links: Vec<String>,
    pub raw: String,
}

/// A WebAuthn ceremony (login or enrolment), run by `/static/webauthn.js`.
#[derive(Template)]
#[template(path = "webauthn_ceremony.html")]
pub(crate) struct CeremonyPage {
    pub ctx: PageCtx,
    pub title: String,
    pub intro: Vec<String>,
    pub status: String,
    pub error: Option<String>,
    pub service_name: Option<String>,
    /// A transaction being signed (issue 18).
    pub summary: Option<crate::sign::Summary>,
    pub action: String,
    pub mode: &'static str,
    pub ceremony: String,
    /// JSON, with `<` escaped so that it cannot close the script element.
    pub options: String,
    pub back: Option<(String, String)>,
}

/// Options JSON safe inside `<script type="application/json">`.
pub(crate) fn embed(options: &serde_json::Value) -> String {
    options
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
