//! The self-service queue's worker: does, after the answer, what "Lost password?" was asked.
//!
//! Issue 11 item 4: the request handler used to look the account up and, for an existing one,
//! create a link and queue its e-mail before answering — 0.6–0.7 ms more than for an unknown
//! address, enough to tell the two apart (docs/THREAT-MODEL.md promises the same timing). Now the
//! handler does the same thing for every address — it stores the request (`self_service_requests`)
//! and answers — and this worker does the rest: in one transaction it takes the request, looks
//! the account up, and for an active or pending account writes the link and queues its e-mail.
//! A failure rolls all of it back and the request is dropped (logged); a crash leaves the
//! request queued for the next pass, on any node.

use crate::{AppState, WebError, authn, password, register};
use limen_core::Email;
use limen_store::{RequestKind, SelfServiceRequest};

/// A failed request waits this long before its next attempt, doubling each time ...
const RETRY_AFTER: time::Duration = time::Duration::seconds(30);
/// ... and is dropped after this many attempts.
const RETRIES: u32 = 5;

/// 30 s, 1 min, 2 min, 4 min: the wait before attempt `attempts + 2`.
fn retry_delay(attempts: i64) -> time::Duration {
    RETRY_AFTER * 2_i32.pow(u32::try_from(attempts.clamp(0, 6)).unwrap_or(0))
}

/// An error that may not happen again: the database was busy, unreachable or failed over.
/// Anything else (an address or a stored row that cannot be read, a message that cannot be
/// composed) would fail the same way every time.
fn passing(e: &WebError) -> bool {
    matches!(
        e,
        WebError::Store(limen_store::StoreError::Sqlx(_) | limen_store::StoreError::Config(_))
    )
}

/// What the worker did with one request.
enum Done {
    /// The queue was empty (or held only requests waiting for a later attempt).
    Nothing,
    /// A request failed for a passing reason and was put back for later.
    Later,
    /// A request was done; `Some(account id, sent)` when an account had the address.
    Request(SelfServiceRequest, Option<(i64, bool)>),
}

/// Does every waiting request; returns how many.
pub async fn process_due(state: &AppState) -> Result<usize, WebError> {
    let mut done = 0;
    loop {
        match process_one(state).await? {
            Done::Nothing => return Ok(done),
            // The rest of the queue waits for the next pass.
            Done::Later => return Ok(done),
            Done::Request(request, account) => {
                done += 1;
                let (id, sent) = account.map_or((None, false), |(id, sent)| (Some(id), sent));
                authn::audit(
                    state,
                    "password.reset_requested",
                    id,
                    &request.client_ip,
                    serde_json::json!({"sent": sent}),
                )
                .await;
            }
        }
    }
}

async fn process_one(state: &AppState) -> Result<Done, WebError> {
    let now = state.now();
    let mut tx = state.store.begin().await?;
    let Some(request) = tx.take_request(now).await? else {
        tx.rollback().await?;
        return Ok(Done::Nothing);
    };
    let outcome = match request.kind {
        RequestKind::PasswordLink => password_link(state, &mut tx, &request).await,
    };
    match outcome {
        Ok(account) => {
            tx.commit().await?;
            if account.is_some_and(|(_, sent)| sent) {
                state.mailer.wake();
            }
            Ok(Done::Request(request, account))
        }
        Err(e) => {
            // Rolled back: the request is in the queue again.
            drop(tx);
            if passing(&e) {
                let attempts = state
                    .store
                    .retry_request(request.id, now + retry_delay(request.attempts))
                    .await?;
                if attempts < i64::from(RETRIES) {
                    tracing::warn!(error = %e, request = request.id, attempts, "self-service request failed; will be tried again");
                    return Ok(Done::Later);
                }
            }
            tracing::error!(error = %e, request = request.id, "self-service request failed; dropped");
            state.store.drop_request(request.id).await?;
            Ok(Done::Request(request, None))
        }
    }
}

/// "Lost password?": a reset link to an active account, the first-password link to a pending
/// one, nothing otherwise (no account, locked, deleted).
async fn password_link(
    state: &AppState,
    tx: &mut limen_store::StoreTx,
    request: &SelfServiceRequest,
) -> Result<Option<(i64, bool)>, WebError> {
    let email = Email::parse(&request.email)
        .map_err(|e| WebError::Internal(format!("queued address: {e}")))?;
    let Some(account) = tx.account_by_email(&email).await? else {
        return Ok(None);
    };
    let Some(purpose) = password::password_link_purpose(account.status) else {
        return Ok(Some((account.id, false)));
    };
    register::send_password_link_in(state, tx, &account, purpose, request.service.clone(), None)
        .await?;
    Ok(Some((account.id, true)))
}

/// Runs [`process_due`] in the background: at start, whenever `requests_wake` is notified, and
/// every `poll` (requests queued on other nodes, or left by a crash). Stops when aborted.
pub fn spawn_worker(state: &AppState, poll: std::time::Duration) -> tokio::task::JoinHandle<()> {
    let state = state.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = process_due(&state).await {
                tracing::error!(error = %e, "self-service queue pass failed");
            }
            tokio::select! {
                () = state.requests_wake.notified() => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    })
}
