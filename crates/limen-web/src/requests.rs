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

/// What the worker did with one request.
enum Done {
    /// The queue was empty.
    Nothing,
    /// A request was done; `Some(account id, sent)` when an account had the address.
    Request(SelfServiceRequest, Option<(i64, bool)>),
}

/// Does every waiting request; returns how many.
pub async fn process_due(state: &AppState) -> Result<usize, WebError> {
    let mut done = 0;
    loop {
        match process_one(state).await? {
            Done::Nothing => return Ok(done),
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
    let mut tx = state.store.begin().await?;
    let Some(request) = tx.take_request().await? else {
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
            // Rolled back; trying again would fail the same way.
            drop(tx);
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
