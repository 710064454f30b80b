//! Administration (issue 21, docs/ADMIN.md): the admin API under `/admin/api/v1` ([`api`],
//! described by an OpenAPI 3.1 document generated from the handlers) and the web console at
//! `/admin/` ([`console`]). Both call the engine's functions (`limen_authn`, admin.rs and
//! manage.rs) as the command line does, and every change is in the audit log with its actor.
//!
//! Who may do what: [`limen_core::AdminRole`] and [`limen_core::Capability`]. People sign in to
//! the console with their SSO session, which must hold one of [`AdminConfig::console_strengths`];
//! programs call the API with an access token from the OAuth 2.0 client credentials grant
//! (RFC 6749 §4.4) at `/oidc/token`, as a client granted a role.

pub(crate) mod api;
pub(crate) mod console;
pub mod export;
pub(crate) mod grant;

use crate::AppState;
use axum::Router;
use limen_core::Strength;

#[derive(Debug, Clone)]
pub struct AdminConfig {
    /// The console needs a session proven with one of these (default: a security key or passkey
    /// with the password, a hardware token, a client certificate).
    pub console_strengths: Vec<Strength>,
    /// Lifetime of an admin API access token.
    pub token_ttl: time::Duration,
    /// Audit entries older than this are removed (hourly); `None` keeps them forever.
    pub audit_retention: Option<time::Duration>,
}

impl Default for AdminConfig {
    fn default() -> Self {
        Self {
            console_strengths: vec![
                Strength::PasswordWebauthn,
                Strength::PasswordToken,
                Strength::PasswordTokenCram,
                Strength::ClientCert,
            ],
            token_ttl: time::Duration::minutes(10),
            audit_retention: None,
        }
    }
}

/// Whether a local path belongs to the console (the login asks for its strengths).
pub(crate) fn is_console_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(api::routes(state))
        .merge(console::routes())
}

/// Whether an operator of `role` may act on `account`: not when the account holds a role with
/// a capability `role` lacks ([`limen_core::AdminRole::covers`]) — a help desk that removed an
/// admin's security key or sent it a password link could take the admin role over.
pub(crate) async fn may_act_on(
    state: &AppState,
    role: limen_core::AdminRole,
    account: &limen_core::Account,
) -> Result<bool, limen_store::StoreError> {
    Ok(match state.store.admin_role(account.id).await? {
        Some(held) => role.covers(held),
        None => true,
    })
}

/// RFC 3339, UTC, seconds: the API's and the exports' time format.
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The help desk's "send a password link" (API and console alike): the same request "Lost
/// password?" queues — the self-service worker writes the link and its mail in one transaction
/// (requests.rs) — and an audit entry (`account.password_link_sent`, with the operator and their
/// reason from the task's audit scope). `None` when the account is locked: the worker would send
/// it nothing, and the caller says so rather than pretend.
pub(crate) async fn send_password_link(
    state: &AppState,
    account: &limen_core::Account,
    ip: &str,
) -> Result<Option<&'static str>, crate::WebError> {
    let Some(purpose) = crate::password::password_link_purpose(account.status) else {
        return Ok(None);
    };
    state
        .store
        .queue_request(
            limen_store::RequestKind::PasswordLink,
            account.email.as_str(),
            None,
            ip,
            state.now(),
        )
        .await?;
    state.requests_wake.notify_one();
    let link = if purpose == limen_store::LinkPurpose::Register {
        "first_password"
    } else {
        "reset"
    };
    state
        .authn
        .audit_raw(
            "account.password_link_sent",
            Some(account.id),
            ip,
            serde_json::json!({"link": link}),
        )
        .await;
    Ok(Some(link))
}
