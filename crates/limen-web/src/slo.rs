//! Single logout (CAS Protocol 3.0 §2.3.3): when an SSO session ends, every service it visited
//! that asked for it receives a back-channel POST with a `logoutRequest` naming the service ticket
//! it was given. Sent in the background so that logout never waits on a slow service.

use crate::AppState;
use crate::metrics::inc;
use limen_store::SessionService;

/// Starts the notifications; returns how many services will be told.
pub fn notify(state: &AppState, visited: Vec<SessionService>) -> usize {
    let targets: Vec<SessionService> = visited.into_iter().filter(|s| s.single_logout).collect();
    let count = targets
        .iter()
        .map(|s| s.service_id)
        .collect::<std::collections::HashSet<_>>()
        .len();
    for target in targets {
        let state = state.clone();
        tokio::spawn(async move { send(&state, &target).await });
    }
    count
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
    match result {
        Ok(r) if r.status().is_success() || r.status().is_redirection() => {
            inc(&state.metrics.slo_sent);
            tracing::info!(service = %target.service_name, "single logout delivered");
        }
        Ok(r) => {
            inc(&state.metrics.slo_failed);
            tracing::warn!(service = %target.service_name, status = r.status().as_u16(), "single logout refused");
        }
        Err(e) => {
            inc(&state.metrics.slo_failed);
            tracing::warn!(service = %target.service_name, error = %e, "single logout failed");
        }
    }
}
