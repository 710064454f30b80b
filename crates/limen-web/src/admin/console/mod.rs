//! The web console at `/admin/` (issue 21 item 3, docs/ADMIN.md): server-rendered pages in the
//! style of My account, working without JavaScript. It calls the store and the engine directly
//! (never the admin API), as the command line does.
//!
//! Every page starts with [`gate`]: the SSO session must hold one of
//! `[admin] console_strengths` (else to the login page, which steps it up and comes back), its
//! account must hold an admin role, and the role the page's [`Capability`]. Every change runs in
//! [`as_admin`], so that the engine's audit entries name the operator (`admin:<uid>`) and keep the
//! reason they gave. Every form carries the CSRF token; bad input is a translated message on the
//! page that keeps what was typed — never a 500.
//!
//! - [`dashboard`]: the figures and the chart of logins per hour.
//! - [`accounts`]: search, details and the help desk's actions.
//! - [`tokens`]: the hardware token inventory.
//! - [`registry`]: services and signing keys.
//! - [`admins`]: who holds a role.
//! - [`audit`]: the audit log, its filters and its export.

mod accounts;
mod admins;
mod audit;
mod dashboard;
mod registry;
mod tokens;

use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use limen_core::{Account, AdminRole, Capability};
use std::collections::HashMap;
use std::future::Future;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard::page))
        .route("/admin/", get(dashboard::page))
        .route("/admin/accounts", get(accounts::search))
        .route("/admin/accounts/{uid}", get(accounts::details))
        .route("/admin/accounts/{uid}/{action}", post(accounts::act))
        .route("/admin/tokens", get(tokens::page))
        .route("/admin/tokens/unlock", post(tokens::unlock))
        .route("/admin/services", get(registry::services))
        .route("/admin/services/{name}", get(registry::service))
        .route("/admin/keys", get(registry::keys))
        .route("/admin/keys/rotate", post(registry::rotate))
        .route("/admin/admins", get(admins::page))
        .route("/admin/admins/grant", post(admins::grant))
        .route("/admin/admins/revoke", post(admins::revoke))
        .route("/admin/audit", get(audit::page))
        .route("/admin/audit/export", get(audit::export))
}

/// The signed-in operator.
pub(crate) struct Admin {
    pub account: Account,
    pub role: AdminRole,
}

impl Admin {
    pub fn may(&self, c: Capability) -> bool {
        self.role.may(c)
    }

    /// How the audit log names them.
    pub fn actor(&self) -> String {
        format!("admin:{}", self.account.uid)
    }
}

/// The console's pages, in the order of the navigation bar, with what each needs.
const PAGES: [(&str, &str, Capability); 7] = [
    ("/admin/", "admin-nav-dashboard", Capability::ReadAccounts),
    (
        "/admin/accounts",
        "admin-nav-accounts",
        Capability::ReadAccounts,
    ),
    (
        "/admin/tokens",
        "admin-nav-tokens",
        Capability::ReadAccounts,
    ),
    (
        "/admin/services",
        "admin-nav-services",
        Capability::ReadRegistry,
    ),
    ("/admin/keys", "admin-nav-keys", Capability::ReadRegistry),
    ("/admin/audit", "admin-nav-audit", Capability::ReadAudit),
    (
        "/admin/admins",
        "admin-nav-admins",
        Capability::ManageAdmins,
    ),
];

pub(crate) struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// What every console page shows around its content: the navigation bar (only the pages the
/// role may open) and the operator's role.
pub(crate) struct Shell {
    pub nav: Vec<NavItem>,
    pub role: String,
}

impl Shell {
    pub fn new(ctx: &Ctx, admin: &Admin, current: &str) -> Shell {
        Shell {
            nav: PAGES
                .iter()
                .filter(|(_, _, cap)| admin.may(*cap))
                .map(|(href, key, _)| NavItem {
                    href,
                    label: ctx.tr.t(key),
                    current: *href == current,
                })
                .collect(),
            role: ctx.tr.t(&format!("admin-role-{}", admin.role.as_str())),
        }
    }
}

/// The page context of a console page: the header names the operator.
pub(crate) fn page_ctx(ctx: &Ctx, admin: &Admin) -> PageCtx {
    PageCtx::new(ctx, Some(admin.account.display_name()))
}

/// The sign-in gate every page and action calls first: the operator, or the response to send
/// instead — to the login page (no session, or one without a console strength: the login asks
/// for one and comes back to `here`), or a 403 page (no role, or a role without `cap`).
pub(crate) async fn gate(
    state: &AppState,
    ctx: &Ctx,
    here: &str,
    cap: Capability,
) -> Result<Result<Admin, Response>, WebError> {
    let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
    let to_login = || ctx.redirect(&format!("/cas/login?next={next}"));
    let Some((session, account)) = crate::authn::current_session(state, ctx).await? else {
        return Ok(Err(to_login()));
    };
    let wanted = limen_authn::Requirement::strengths(state.config.admin.console_strengths.clone());
    if !matches!(
        state
            .authn
            .check(&wanted, &session, &account, false)
            .await?,
        limen_authn::Satisfaction::Satisfied(_)
    ) {
        return Ok(Err(to_login()));
    }
    let user = Some(account.display_name());
    let Some(role) = state.store.admin_role(account.id).await? else {
        return Ok(Err(refusal(ctx, user, "admin-not-admin")?));
    };
    if !role.may(cap) {
        return Ok(Err(refusal(ctx, user, "admin-forbidden")?));
    }
    Ok(Ok(Admin { account, role }))
}

/// 403: a page saying why, in the page's language.
fn refusal(ctx: &Ctx, user: Option<String>, key: &str) -> Result<Response, WebError> {
    pages::message(
        ctx,
        StatusCode::FORBIDDEN,
        user,
        "admin-forbidden-title",
        vec![ctx.tr.t(key)],
        Some(("/admin/".to_owned(), ctx.tr.t("admin-back-to-console"))),
    )
}

/// 404 for something the console does not find (an account, a service).
pub(crate) fn not_found(
    ctx: &Ctx,
    admin: &Admin,
    key: &str,
    back: &str,
) -> Result<Response, WebError> {
    pages::message(
        ctx,
        StatusCode::NOT_FOUND,
        Some(admin.account.display_name()),
        "error-page-title",
        vec![ctx.tr.t(key)],
        Some((back.to_owned(), ctx.tr.t("admin-back-to-console"))),
    )
}

/// Runs an operator's action with the audit scope that names them (`admin:<uid>`), their
/// browser, and the reason they gave (kept in each entry as `justification`).
pub(crate) async fn as_admin<F: Future>(
    admin: &Admin,
    ctx: &Ctx,
    reason: Option<&str>,
    f: F,
) -> F::Output {
    let scope = limen_authn::AuditScope {
        actor: Some(admin.actor()),
        user_agent: Some(ctx.user_agent.clone()),
        reason: reason.map(str::to_owned),
    };
    limen_authn::with_audit_scope(scope, f).await
}

/// The engine's view of an operator's request: their address; never their SSO cookie (the
/// account acted on is another one).
pub(crate) fn client(ctx: &Ctx) -> limen_authn::Client<'_> {
    limen_authn::Client {
        ip: &ctx.client_ip,
        user_agent: &ctx.user_agent,
        sso_token: None,
    }
}

/// The reason an operator must give for an action: required, at most 500 characters, no
/// control characters. `Err` holds the message key.
pub(crate) fn reason_of(raw: &str) -> Result<String, &'static str> {
    let r = raw.trim();
    if r.is_empty() {
        Err("admin-error-reason-required")
    } else if r.chars().count() > 500 {
        Err("admin-error-reason-too-long")
    } else if r.chars().any(char::is_control) {
        Err("admin-error-reason-characters")
    } else {
        Ok(r.to_owned())
    }
}

/// Query or form parameters, the first value of each name: reading them never fails, so bad
/// input is answered by the page, not by an extractor's plain-text rejection.
#[derive(Debug, Default)]
pub(crate) struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(raw: &[u8]) -> Params {
        let mut map = HashMap::new();
        for (k, v) in url::form_urlencoded::parse(raw) {
            map.entry(k.into_owned()).or_insert_with(|| v.into_owned());
        }
        Params(map)
    }

    pub fn query(raw: Option<&str>) -> Params {
        Params::parse(raw.unwrap_or_default().as_bytes())
    }

    /// The value, trimmed, at most 200 characters ('' when absent).
    pub fn get(&self, name: &str) -> String {
        self.0
            .get(name)
            .map(|v| v.trim().chars().take(200).collect())
            .unwrap_or_default()
    }

    /// The value as typed (a reason: checked by [`reason_of`]).
    pub fn raw(&self, name: &str) -> String {
        self.0
            .get(name)
            .map(|v| v.chars().take(2000).collect())
            .unwrap_or_default()
    }
}

/// A query string of the non-empty pairs.
pub(crate) fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        ser.append_pair(k, v);
    }
    ser.finish()
}

/// The notice of a finished action (`?done=` after the redirect), for the actions named.
pub(crate) fn notice(ctx: &Ctx, done: &str, known: &[&str]) -> Option<String> {
    known
        .contains(&done)
        .then(|| ctx.tr.t(&format!("admin-done-{done}")))
}

/// A URL path segment.
pub(crate) fn segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_required_short_and_plain() {
        assert_eq!(reason_of("  ticket 42 "), Ok("ticket 42".to_owned()));
        assert_eq!(reason_of(" \t"), Err("admin-error-reason-required"));
        assert_eq!(
            reason_of(&"x".repeat(501)),
            Err("admin-error-reason-too-long")
        );
        assert_eq!(reason_of("a\u{7}b"), Err("admin-error-reason-characters"));
    }

    #[test]
    fn params_take_the_first_value_and_never_fail() {
        let p = Params::parse(b"q=a&q=b&x=%ZZ&reason=+hello+");
        assert_eq!(p.get("q"), "a");
        assert_eq!(p.get("missing"), "");
        assert_eq!(p.get("reason"), "hello");
        assert_eq!(p.raw("reason"), " hello ");
        assert_eq!(query_string(&[("q", "a b"), ("status", "")]), "q=a+b");
        assert_eq!(segment("a b/c"), "a%20b%2Fc");
    }
}
