//! The persisted mail outbox: every message Limen sends is written here first, so that a mail
//! server outage loses nothing. A delivery worker (in `limen-notify`) leases due messages, sends
//! them, and records the outcome. This module owns the queue's state transitions only; it never
//! formats or sends mail.
//!
//! A message is *due* when it is neither sent nor failed, its `next_attempt_at` has come, and no
//! live lease holds it. Leases make claiming safe across nodes sharing one PostgreSQL: a message
//! leased by one worker is invisible to the others until the lease runs out.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A message to queue: `body` is the complete RFC 5322 message as it will be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// The Message-ID (RFC 5322 §3.6.4) without its angle brackets; unique in the outbox.
    pub message_id: String,
    /// The envelope recipient (RFC 5321 `RCPT TO`), a bare address.
    pub recipient: String,
    /// The decoded subject, for the admin view and logs.
    pub subject: String,
    pub body: String,
}

/// A message in the outbox, with its delivery state.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: i64,
    pub message_id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: OffsetDateTime,
    /// Delivery attempts made so far (successful or not).
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    /// Set when delivery was given up; the message is then never tried again.
    pub failed_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, message_id, recipient, subject, body, created_at, attempts, \
                       next_attempt_at, sent_at, failed_at, last_error";

/// The conditions that make a message claimable at `$2`. They appear twice in the claim: once to
/// pick candidates, once in the UPDATE's own WHERE, which PostgreSQL re-evaluates on the newest
/// row version after waiting for a concurrent claimer's lock (READ COMMITTED), so a message that
/// another node has just leased is skipped instead of being claimed twice.
const DUE: &str = "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                   AND (lease_until IS NULL OR lease_until <= $2)";

fn to_mail(row: &AnyRow) -> Result<QueuedMail, StoreError> {
    Ok(QueuedMail {
        id: row.try_get("id")?,
        message_id: row.try_get("message_id")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        created_at: from_ts(row.try_get("created_at")?),
        attempts: row.try_get("attempts")?,
        next_attempt_at: from_ts(row.try_get("next_attempt_at")?),
        sent_at: row.try_get::<Option<i64>, _>("sent_at")?.map(from_ts),
        failed_at: row.try_get::<Option<i64>, _>("failed_at")?.map(from_ts),
        last_error: row.try_get("last_error")?,
    })
}

/// Queues a message, on its own or inside a [`crate::StoreTx`].
pub(crate) async fn insert_mail<'e, E>(
    executor: E,
    mail: &NewMail,
    now: OffsetDateTime,
) -> Result<i64, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "INSERT INTO mail_outbox (message_id, recipient, subject, body, created_at, next_attempt_at, attempts) \
         VALUES ($1, $2, $3, $4, $5, $5, 0) RETURNING id",
    )
    .bind(&mail.message_id)
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(ts(now))
    .fetch_one(executor)
    .await
    .map_err(|e| StoreError::on_unique(e, "message id"))?;
    Ok(row.try_get(0)?)
}

impl Store {
    /// Queues a message, due at once; returns its id.
    pub async fn enqueue_mail(
        &self,
        mail: &NewMail,
        now: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        insert_mail(&self.pool, mail, now).await
    }

    /// Atomically leases up to `limit` due messages until `now + lease`, oldest due first.
    /// Whoever claims a message holds it alone until it reports the outcome or the lease ends.
    pub async fn claim_due_mail(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
        limit: i64,
    ) -> Result<Vec<QueuedMail>, StoreError> {
        let rows = sqlx::query(&format!(
            "UPDATE mail_outbox SET lease_until = $1 \
             WHERE id IN (SELECT id FROM mail_outbox WHERE {DUE} ORDER BY next_attempt_at, id LIMIT $3) \
               AND {DUE} \
             RETURNING {COLUMNS}"
        ))
        .bind(ts(now + lease))
        .bind(ts(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut mails = rows.iter().map(to_mail).collect::<Result<Vec<_>, _>>()?;
        mails.sort_by_key(|m| (m.next_attempt_at, m.id));
        Ok(mails)
    }

    /// Records that the mail server accepted the message: it is never claimed again.
    pub async fn mail_sent(&self, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, lease_until = NULL, \
             last_error = NULL WHERE id = $2 AND sent_at IS NULL",
        )
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        expect_one(done.rows_affected())
    }

    /// Records a failed attempt and schedules the next one; the lease is released.
    pub async fn mail_retry(
        &self,
        id: i64,
        next_attempt_at: OffsetDateTime,
        error: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, \
             lease_until = NULL WHERE id = $3 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(ts(next_attempt_at))
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        expect_one(done.rows_affected())
    }

    /// Records a failed attempt and gives the message up for good.
    pub async fn mail_failed(
        &self,
        id: i64,
        now: OffsetDateTime,
        error: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, failed_at = $1, last_error = $2, \
             lease_until = NULL WHERE id = $3 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(ts(now))
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        expect_one(done.rows_affected())
    }

    /// The newest `limit` messages, newest first, whatever their state.
    pub async fn recent_mail(&self, limit: i64) -> Result<Vec<QueuedMail>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_mail).collect()
    }

    pub async fn mail_by_id(&self, id: i64) -> Result<Option<QueuedMail>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_mail).transpose()
    }

    /// Deletes messages sent or given up before `before`; messages still queued are kept.
    pub async fn purge_mail(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM mail_outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) \
             OR (failed_at IS NOT NULL AND failed_at < $1)",
        )
        .bind(ts(before))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// An outcome update touches exactly the one message still waiting for it; none means the id is
/// unknown or the message was already settled.
fn expect_one(rows: u64) -> Result<(), StoreError> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::each_backend;
    use std::collections::HashSet;
    use time::Duration;

    fn start() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    fn mail(n: usize) -> NewMail {
        NewMail {
            message_id: format!("m{n}@example.org"),
            recipient: format!("user{n}@example.org"),
            subject: format!("Subject {n} — Θέμα"),
            body: format!("Subject: x\r\n\r\nbody {n}\r\n"),
        }
    }

    #[tokio::test]
    async fn enqueued_mail_is_due_at_once_and_leased_to_one_claimer() {
        each_backend(|store| async move {
            let now = start();
            let lease = Duration::minutes(2);
            let id = store.enqueue_mail(&mail(1), now).await.unwrap();
            let stored = store.mail_by_id(id).await.unwrap().unwrap();
            assert_eq!(stored.message_id, "m1@example.org");
            assert_eq!(stored.subject, "Subject 1 — Θέμα");
            assert_eq!(stored.created_at, now);
            assert_eq!(stored.next_attempt_at, now);
            assert_eq!(stored.attempts, 0);
            assert!(stored.sent_at.is_none() && stored.failed_at.is_none());
            assert!(stored.last_error.is_none());

            let claimed = store.claim_due_mail(now, lease, 10).await.unwrap();
            assert_eq!(claimed.len(), 1);
            assert_eq!(claimed[0].id, id);
            assert_eq!(claimed[0].body, "Subject: x\r\n\r\nbody 1\r\n");
            assert!(
                store
                    .claim_due_mail(now + Duration::seconds(119), lease, 10)
                    .await
                    .unwrap()
                    .is_empty(),
                "leased"
            );
            let again = store.claim_due_mail(now + lease, lease, 10).await.unwrap();
            assert_eq!(again.len(), 1, "an expired lease frees the message");
        })
        .await;
    }

    #[tokio::test]
    async fn duplicate_message_ids_are_refused() {
        each_backend(|store| async move {
            store.enqueue_mail(&mail(1), start()).await.unwrap();
            let err = store.enqueue_mail(&mail(1), start()).await.unwrap_err();
            assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");
        })
        .await;
    }

    #[tokio::test]
    async fn outcomes_move_messages_out_of_the_queue() {
        each_backend(|store| async move {
            let now = start();
            let lease = Duration::minutes(2);
            let a = store.enqueue_mail(&mail(1), now).await.unwrap();
            let b = store.enqueue_mail(&mail(2), now).await.unwrap();
            let c = store.enqueue_mail(&mail(3), now).await.unwrap();
            assert_eq!(store.claim_due_mail(now, lease, 2).await.unwrap().len(), 2);
            assert_eq!(store.claim_due_mail(now, lease, 2).await.unwrap().len(), 1);

            store.mail_sent(a, now).await.unwrap();
            store
                .mail_retry(b, now + Duration::seconds(30), "451 try later")
                .await
                .unwrap();
            store.mail_failed(c, now, "550 no such user").await.unwrap();

            let a = store.mail_by_id(a).await.unwrap().unwrap();
            assert_eq!((a.sent_at, a.attempts), (Some(now), 1));
            let b_row = store.mail_by_id(b).await.unwrap().unwrap();
            assert_eq!(b_row.attempts, 1);
            assert_eq!(b_row.next_attempt_at, now + Duration::seconds(30));
            assert_eq!(b_row.last_error.as_deref(), Some("451 try later"));
            let c = store.mail_by_id(c).await.unwrap().unwrap();
            assert_eq!((c.failed_at, c.attempts), (Some(now), 1));
            assert_eq!(c.last_error.as_deref(), Some("550 no such user"));

            assert!(
                store
                    .claim_due_mail(now + Duration::seconds(29), lease, 10)
                    .await
                    .unwrap()
                    .is_empty(),
                "a retry releases the lease but waits for its time"
            );
            let due = store
                .claim_due_mail(now + Duration::seconds(30), lease, 10)
                .await
                .unwrap();
            assert_eq!(due.iter().map(|m| m.id).collect::<Vec<_>>(), vec![b]);
            assert!(
                store
                    .claim_due_mail(now + Duration::days(30), lease, 10)
                    .await
                    .unwrap()
                    .iter()
                    .all(|m| m.id == b),
                "sent and failed messages are never claimed again"
            );

            assert!(matches!(
                store.mail_sent(a.id, now).await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.mail_retry(c.id, now, "x").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.mail_failed(4242, now, "x").await,
                Err(StoreError::NotFound)
            ));
            assert!(store.mail_by_id(4242).await.unwrap().is_none());
        })
        .await;
    }

    #[tokio::test]
    async fn recent_mail_lists_newest_first_and_purge_keeps_pending() {
        each_backend(|store| async move {
            let now = start();
            let ids: Vec<i64> = {
                let mut ids = Vec::new();
                for n in 0..4 {
                    let at = now + Duration::minutes(n as i64);
                    ids.push(store.enqueue_mail(&mail(n), at).await.unwrap());
                }
                ids
            };
            let recent = store.recent_mail(3).await.unwrap();
            assert_eq!(
                recent.iter().map(|m| m.id).collect::<Vec<_>>(),
                vec![ids[3], ids[2], ids[1]]
            );

            store.mail_sent(ids[0], now).await.unwrap();
            store.mail_failed(ids[1], now, "550").await.unwrap();
            store
                .mail_sent(ids[2], now + Duration::days(2))
                .await
                .unwrap();
            assert_eq!(store.purge_mail(now + Duration::days(1)).await.unwrap(), 2);
            let left: HashSet<i64> = store
                .recent_mail(10)
                .await
                .unwrap()
                .iter()
                .map(|m| m.id)
                .collect();
            assert_eq!(left, HashSet::from([ids[2], ids[3]]));
        })
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_claimers_never_share_a_message() {
        each_backend(|store| async move {
            let now = start();
            let mut all = HashSet::new();
            for n in 0..40 {
                all.insert(store.enqueue_mail(&mail(n), now).await.unwrap());
            }
            let claimers: Vec<_> = (0..8)
                .map(|_| {
                    let store = store.clone();
                    tokio::spawn(async move {
                        let mut mine = Vec::new();
                        loop {
                            let batch = store
                                .claim_due_mail(now, Duration::minutes(5), 3)
                                .await
                                .unwrap();
                            if batch.is_empty() {
                                break mine;
                            }
                            mine.extend(batch.into_iter().map(|m| m.id));
                            tokio::task::yield_now().await;
                        }
                    })
                })
                .collect();
            let mut seen = Vec::new();
            for claimer in claimers {
                seen.extend(claimer.await.unwrap());
            }
            // A claimer that lost every candidate of a batch to a concurrent one stops early on
            // PostgreSQL; whatever it left is still due.
            let rest = store
                .claim_due_mail(now, Duration::minutes(5), 100)
                .await
                .unwrap();
            seen.extend(rest.into_iter().map(|m| m.id));
            let distinct: HashSet<i64> = seen.iter().copied().collect();
            assert_eq!(seen.len(), distinct.len(), "a message was claimed twice");
            assert_eq!(distinct, all, "every message was claimed");
        })
        .await;
    }
}
