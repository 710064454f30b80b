//! Glue between a request and the authentication engine ([`limen_authn`]): the caller as the
//! engine sees it, and the SSO cookie, which is the web layer's alone.

use crate::context::{Ctx, SSO};
use crate::{AppState, WebError};
use limen_authn::{Client, SignedIn};
use limen_core::{Account, SsoSession, Strength};

/// The caller: address, browser, SSO cookie.
pub fn client(ctx: &Ctx) -> Client<'_> {
    Client {
        ip: &ctx.client_ip,
        user_agent: &ctx.user_agent,
        sso_token: ctx.cookie(SSO),
    }
}

/// The SSO session of this browser, with its account, if both are still valid.
pub async fn current_session(
    state: &AppState,
    ctx: &Ctx,
) -> Result<Option<(SsoSession, Account)>, WebError> {
    Ok(state.authn.current_session(ctx.cookie(SSO)).await?)
}

/// Sets the cookie of a session the engine just started.
pub fn set_cookie(ctx: &mut Ctx, signed_in: &SignedIn) {
    if let Some(token) = &signed_in.new_cookie {
        ctx.set_cookie(SSO, token, None);
    }
}

/// Signs the account in with `strengths` (the engine adds them to this browser's session or
/// starts one) and sets the cookie; returns the session.
pub async fn sign_in(
    state: &AppState,
    ctx: &mut Ctx,
    account: &Account,
    strengths: &[Strength],
) -> Result<SsoSession, WebError> {
    let signed_in = state
        .authn
        .sign_in(account, strengths, &client(ctx))
        .await?;
    set_cookie(ctx, &signed_in);
    Ok(signed_in.session)
}

/// Records an event of the web layer's own (registration, profile, OpenID Connect) in the
/// audit log; authentication events are the engine's ([`limen_authn::AuthEvent`]).
pub async fn audit(
    state: &AppState,
    event: &str,
    account_id: Option<i64>,
    ip: &str,
    detail: serde_json::Value,
) {
    state.authn.audit_raw(event, account_id, ip, detail).await;
}
