//! The mailer: queues composed messages in the store and delivers them from there.
//!
//! # Delivered once, never twice
//!
//! A worker leases one due message at a time in the store ([`Store::claim_due_mail`]) for at
//! least twice the longest a delivery may take, so no other worker — on this node or another one
//! sharing the PostgreSQL database — can pick it up while it is being sent. The message is marked
//! sent as soon as the relay has accepted it (its `250` reply to the end of the data, RFC 5321
//! §4.1.1.4), and a sent message is never claimed again.
//!
//! Two narrow windows remain, both inherent to SMTP (RFC 1047): if this process dies — or the
//! database refuses the update — between the relay's acceptance and the store's record of it,
//! or if the connection drops after the final dot but before the reply is read, the message is
//! tried again once its lease or backoff runs out, and the recipient may get it twice. Nothing
//! else can make a message go out twice.

use crate::compose::{compose, parse_sender};
use crate::transport::{Outcome, Transport};
use crate::{MailSettings, NotifyError, OutgoingMail, RetryPolicy};
use lettre::Address;
use limen_core::Clock;
use limen_store::{QueuedMail, Store, StoreError, StoreTx};
use std::sync::Arc;
use tokio::sync::Notify;

pub struct Mailer {
    store: Store,
    from: String,
    envelope_from: Address,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    transport: Transport,
    wake: Notify,
}

impl Mailer {
    /// Checks the sender address and prepares the transport: the SMTP client (TLS parameters,
    /// credentials) or the outbox directory, created if missing.
    pub fn new(
        store: Store,
        settings: MailSettings,
        clock: Arc<dyn Clock>,
    ) -> Result<Arc<Mailer>, NotifyError> {
        let sender = parse_sender(&settings.from)?;
        let transport = Transport::new(&settings.transport)?;
        Ok(Arc::new(Mailer {
            store,
            from: settings.from,
            envelope_from: sender.email,
            retry: settings.retry,
            clock,
            transport,
            wake: Notify::new(),
        }))
    }

    /// Composes the message, stores it in the outbox (due at once) and wakes the worker.
    /// Returns the outbox id. Delivery happens later, on whichever node gets to it first.
    pub async fn queue(&self, mail: &OutgoingMail) -> Result<i64, NotifyError> {
        let row = compose(&self.from, mail)?;
        let id = self.store.enqueue_mail(&row, self.clock.now()).await?;
        tracing::debug!(outbox_id = id, recipient = %row.recipient, message_id = %row.message_id, "mail queued");
        self.wake();
        Ok(id)
    }

    /// Composes the message and adds it to the outbox inside `tx`, with the writes it belongs
    /// to (an account, a link): a message that cannot be composed or stored makes the caller
    /// roll everything back, and a message is never queued for a link that was not stored.
    /// After the commit, call [`Mailer::wake`]. Returns the outbox id.
    pub async fn queue_in(
        &self,
        tx: &mut StoreTx,
        mail: &OutgoingMail,
    ) -> Result<i64, NotifyError> {
        let row = compose(&self.from, mail)?;
        let id = tx.enqueue_mail(&row, self.clock.now()).await?;
        tracing::debug!(outbox_id = id, recipient = %row.recipient, message_id = %row.message_id, "mail queued (uncommitted)");
        Ok(id)
    }

    /// Asks the worker to look at the outbox now rather than at its next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// True for the development transport (a directory of `.eml` files).
    pub fn is_directory(&self) -> bool {
        self.transport.is_directory()
    }

    /// Where mail goes, for the startup log; never shows credentials.
    pub fn describe(&self) -> String {
        self.transport.describe()
    }

    /// One pass over the outbox: delivers every message due now, one lease at a time, and
    /// records each outcome — sent; retried after `first_delay · 2^attempts` (capped at
    /// `max_delay`); or failed, on a permanent refusal or once the message is older than
    /// `give_up_after`. Returns how many messages were delivered. Several passes may run at once,
    /// here or on other nodes: each message goes to exactly one of them.
    pub async fn deliver_due(&self) -> Result<usize, NotifyError> {
        let lease = crate::lease_for(self.transport.time_limit());
        let mut delivered = 0;
        loop {
            let claimed = self
                .store
                .claim_due_mail(self.clock.now(), lease, 1)
                .await?;
            let Some(mail) = claimed.into_iter().next() else {
                return Ok(delivered);
            };
            if self.deliver(&mail).await? {
                delivered += 1;
            }
        }
    }

    /// Sends one leased message and records the outcome; true if it was delivered.
    async fn deliver(&self, mail: &QueuedMail) -> Result<bool, NotifyError> {
        let outcome = self.transport.deliver(&self.envelope_from, mail).await;
        let now = self.clock.now();
        let attempts = mail.attempts + 1;
        let recorded = match outcome {
            Outcome::Delivered { written_to } => {
                let recorded = self.store.mail_sent(mail.id, now).await;
                match written_to {
                    Some(path) => tracing::info!(
                        path = %path.display(), recipient = %mail.recipient,
                        message_id = %mail.message_id, attempts, "mail written"
                    ),
                    None => tracing::info!(
                        recipient = %mail.recipient, message_id = %mail.message_id, attempts,
                        "mail delivered"
                    ),
                }
                return settled(recorded, mail).map(|()| true);
            }
            Outcome::Permanent(error) => {
                tracing::warn!(
                    recipient = %mail.recipient, message_id = %mail.message_id, attempts,
                    error = %error, "mail refused, giving up"
                );
                self.store
                    .mail_failed(mail.id, now, &crate::truncate(&error))
                    .await
            }
            Outcome::Transient(error) if now - mail.created_at >= self.retry.give_up_after => {
                tracing::warn!(
                    recipient = %mail.recipient, message_id = %mail.message_id, attempts,
                    error = %error, "mail undeliverable for too long, giving up"
                );
                self.store
                    .mail_failed(mail.id, now, &crate::truncate(&error))
                    .await
            }
            Outcome::Transient(error) => {
                let next = now + self.retry.delay(mail.attempts);
                tracing::warn!(
                    recipient = %mail.recipient, message_id = %mail.message_id, attempts,
                    error = %error, retry_at = %next, "mail delivery failed, will retry"
                );
                self.store
                    .mail_retry(mail.id, next, &crate::truncate(&error))
                    .await
            }
        };
        settled(recorded, mail).map(|()| false)
    }

    /// Runs [`Mailer::deliver_due`] in the background: at start, whenever [`Mailer::wake`] is
    /// called (a wake during a pass is remembered), and every `poll` to pick up retries and
    /// messages queued by other nodes. Stops when the returned task is aborted.
    pub fn spawn_worker(
        self: &Arc<Self>,
        poll: std::time::Duration,
    ) -> tokio::task::JoinHandle<()> {
        crate::spawn_worker(self, poll)
    }
}

impl crate::Outbox for Mailer {
    const WHAT: &'static str = "mail";

    fn wake_signal(&self) -> &Notify {
        &self.wake
    }

    fn pass(&self) -> impl std::future::Future<Output = Result<usize, NotifyError>> + Send {
        self.deliver_due()
    }
}

/// A message settled by someone else meanwhile (its lease ran out) is not an error of this pass.
fn settled(recorded: Result<(), StoreError>, mail: &QueuedMail) -> Result<(), NotifyError> {
    match recorded {
        Err(StoreError::NotFound) => {
            tracing::warn!(message_id = %mail.message_id, "mail was settled by another worker");
            Ok(())
        }
        other => Ok(other?),
    }
}
