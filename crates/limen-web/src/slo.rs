//! Single logout: when an SSO session ends, every service it visited hears of it through the back
//! channel, in the background so that logout never waits on a slow service.
//! - CAS services that asked for it (CAS Protocol 3.0 §2.3.3) get a POST with a `logoutRequest`
//!   naming the service ticket they were given;
//! - OpenID Connect clients with a `backchannel_logout_uri` get a POST with a signed
//!   `logout_token` naming the session (`sid`) — OpenID Connect Back-Channel Logout 1.0 §2.5 —
//!   once per client, however many grants it had in the session.

use crate::metrics::inc;
use crate::{AppState, Inner};
use limen_authn::{AuthnError, BoxFuture, Effects, Notice};
use limen_core::Account;
use limen_store::SessionService;
use std::sync::Weak;

/// What the engine asks of the web layer: single logout, and the security e-mails (rendered
/// here, in the account's language). Holds the application weakly: the engine lives inside it.
pub struct WebEffects(Weak<Inner>);

impl WebEffects {
    pub fn new(inner: Weak<Inner>) -> Self {
        Self(inner)
    }

    fn state(&self) -> Option<AppState> {
        self.0.upgrade().map(AppState)
    }
}

impl Effects for WebEffects {
    fn logout(&self, visited: Vec<SessionService>) -> usize {
        match self.state() {
            Some(state) => notify(&state, visited),
            None => 0,
        }
    }

    fn counted(&self, verdict: limen_authn::Counted) {
        let Some(state) = self.state() else { return };
        let m = &state.metrics;
        inc(match verdict {
            limen_authn::Counted::LoginOk => &m.logins_ok,
            limen_authn::Counted::LoginFailed => &m.logins_failed,
            limen_authn::Counted::LoginThrottled => &m.logins_throttled,
        });
    }

    fn notify<'a>(
        &'a self,
        account: &'a Account,
        notice: Notice,
    ) -> BoxFuture<'a, Result<(), AuthnError>> {
        Box::pin(async move {
            let Some(state) = self.state() else {
                return Ok(());
            };
            let sent = match notice {
                Notice::PanicConfirm { token, valid_for } => {
                    crate::mail::panic_confirmation(&state, account, &token, valid_for).await
                }
                other => {
                    let event = crate::mail::SecurityEvent::of(other);
                    crate::mail::security_mail(&state, account, event).await
                }
            };
            sent.map_err(|e| match e {
                crate::WebError::Store(e) => AuthnError::Store(e),
                other => AuthnError::Internal(other.to_string()),
            })
        })
    }
}

/// Starts the notifications; returns how many services will be told.
pub fn notify(state: &AppState, visited: Vec<SessionService>) -> usize {
    let mut seen_clients = std::collections::HashSet::new();
    let targets: Vec<SessionService> = visited
        .into_iter()
        .filter(|s| match &s.oidc {
            Some(oidc) => {
                oidc.backchannel_uri.is_some() && seen_clients.insert(oidc.client_id.clone())
            }
            // SAML parties are told through the browser (docs/SAML.md §9.4), never by a CAS
            // back-channel request.
            None => s.saml.is_none() && s.single_logout,
        })
        .collect();
    let count = targets
        .iter()
        .map(|s| s.service_id)
        .collect::<std::collections::HashSet<_>>()
        .len();
    for target in targets {
        let task_state = state.clone();
        let handle = tokio::spawn(async move {
            if target.oidc.is_some() {
                send_logout_token(&task_state, &target).await;
            } else {
                send(&task_state, &target).await;
            }
        });
        if let Ok(mut pending) = state.logouts.lock() {
            pending.retain(|h| !h.is_finished());
            pending.push(handle);
        }
    }
    count
}

async fn send_logout_token(state: &AppState, target: &SessionService) {
    let Some(oidc) = &target.oidc else { return };
    let Some(uri) = &oidc.backchannel_uri else {
        return;
    };
    let token = async {
        let (_, client) = state
            .store
            .oidc_client(&oidc.client_id)
            .await?
            .ok_or_else(|| crate::WebError::Internal("client removed".into()))?;
        let now = state.now();
        let key = state
            .keys
            .signer(&state.store, client.signing_alg, now)
            .await?;
        let claims = limen_oidc::claims::logout_token_claims(
            &state.config.public_url,
            &client.client_id,
            None,
            &target.sid,
            now.unix_timestamp(),
            &limen_crypto::random_token(16),
        );
        // §2.4: typ "logout+jwt" marks it as a logout token.
        key.sign(&claims, "logout+jwt")
            .map_err(|e| crate::WebError::Internal(e.to_string()))
    }
    .await;
    let token = match token {
        Ok(t) => t,
        Err(e) => {
            inc(&state.metrics.slo_failed);
            tracing::warn!(
                service = %target.service_name,
                service_id = target.service_id,
                client = %oidc.client_id,
                error = %e,
                "logout token not built"
            );
            return;
        }
    };
    let result = state
        .http
        .post(uri)
        .header("Cache-Control", "no-store")
        .form(&[("logout_token", token.as_str())])
        .send()
        .await;
    report(state, target, uri, result);
}

/// Counts the outcome and logs it with the service, the URL and, for a failure, every cause
/// (an https service whose CA is not trusted says `invalid peer certificate: UnknownIssuer`).
fn report(
    state: &AppState,
    target: &SessionService,
    url: &str,
    result: Result<reqwest::Response, reqwest::Error>,
) {
    let (service, service_id) = (&target.service_name, target.service_id);
    match result {
        Ok(r) if r.status().is_success() || r.status().is_redirection() => {
            inc(&state.metrics.slo_sent);
            tracing::info!(service = %service, service_id, url = %url, "single logout delivered");
        }
        Ok(r) => {
            inc(&state.metrics.slo_failed);
            tracing::warn!(
                service = %service,
                service_id,
                url = %url,
                status = r.status().as_u16(),
                "single logout refused by the service"
            );
        }
        Err(e) => {
            inc(&state.metrics.slo_failed);
            tracing::warn!(
                service = %service,
                service_id,
                url = %url,
                cause = %crate::http_client::failure_cause(&e.without_url()),
                "single logout not delivered"
            );
        }
    }
}

async fn send(state: &AppState, target: &SessionService) {
    let url = target.logout_url.as_deref().unwrap_or(&target.service_url);
    let id = format!("LR-{}", limen_crypto::random_token(16));
    let body = limen_cas::render_logout_request(&id, state.now(), &target.ticket);
    let result = state
        .http
        .post(url)
        .form(&[("logoutRequest", body.as_str())])
        .send()
        .await;
    report(state, target, url, result);
}
