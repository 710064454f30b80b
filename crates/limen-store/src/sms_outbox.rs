//! The persisted SMS outbox (issue 17): written by the SMS methods, delivered by `limen-notify`'s
//! SMS sender. Like the mail outbox ([`crate::outbox`]), it owns the queue's state transitions
//! only; it never formats, seals or sends a message.
//!
//! Two differences with mail. A text message carries a one-time code that expires, so every
//! message has a `not_after`: past it, the message is never claimed again and is marked failed
//! instead (a late code is useless, and each SMS costs money). And the `body` — the text and
//! code, sealed by the sender — is emptied as soon as the gateway has taken the message or it is
//! given up, so the database keeps no usable code longer than needed; only the development
//! outbox keeps it, to show it.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// The error recorded for a message whose `not_after` passed before it could be sent.
const EXPIRED: &str = "expired: not sent before the code's expiry";

/// A text message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSms {
    /// The recipient in E.164 (ITU-T E.164), with its `+`: `+33612345678`.
    pub recipient: String,
    /// Why it is sent: `login`, `add_number` or `sign`.
    pub purpose: String,
    /// The text and code, sealed by the sender: the store never sees them in clear.
    pub body: String,
    /// The message is never sent at or after this time (the code's expiry).
    pub not_after: OffsetDateTime,
}

/// A message in the SMS outbox, with its delivery state.
#[derive(Debug, Clone)]
pub struct QueuedSms {
    pub id: i64,
    pub recipient: String,
    pub purpose: String,
    /// Sealed text and code; empty once sent (except by the development outbox) or given up.
    pub body: String,
    pub created_at: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// Delivery attempts made so far (successful or not).
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    /// Set when delivery was given up (refused, or expired); never tried again.
    pub failed_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
    /// The gateway's id of the message, when it gave one.
    pub reference: Option<String>,
}

const COLUMNS: &str = "id, recipient, purpose, body, created_at, not_after, attempts, \
                       next_attempt_at, sent_at, failed_at, last_error, reference";

/// The conditions that make a message claimable at `$2`, used twice in the claim for the reason
/// given at [`crate::outbox`]'s `DUE` (PostgreSQL re-checks the UPDATE's WHERE on the newest row
/// version after waiting for a concurrent claimer). `not_after > $2`: an expired message is
/// never handed out, even before [`Store::expire_sms`] has marked it.
const DUE: &str = "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                   AND (lease_until IS NULL OR lease_until <= $2) AND not_after > $2";

fn to_sms(row: &AnyRow) -> Result<QueuedSms, StoreError> {
    Ok(QueuedSms {
        id: row.try_get("id")?,
        recipient: row.try_get("recipient")?,
        purpose: row.try_get("purpose")?,
        body: row.try_get("body")?,
        created_at: from_ts(row.try_get("created_at")?),
        not_after: from_ts(row.try_get("not_after")?),
        attempts: row.try_get("attempts")?,
        next_attempt_at: from_ts(row.try_get("next_attempt_at")?),
        sent_at: row.try_get::<Option<i64>, _>("sent_at")?.map(from_ts),
        failed_at: row.try_get::<Option<i64>, _>("failed_at")?.map(from_ts),
        last_error: row.try_get("last_error")?,
        reference: row.try_get("reference")?,
    })
}

impl Store {
    /// Queues a message, due at once; returns its id.
    pub async fn enqueue_sms(&self, sms: &NewSms, now: OffsetDateTime) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO sms_outbox (recipient, purpose, body, created_at, not_after, \
             next_attempt_at, attempts) VALUES ($1, $2, $3, $4, $5, $4, 0) RETURNING id",
        )
        .bind(&sms.recipient)
        .bind(&sms.purpose)
        .bind(&sms.body)
        .bind(ts(now))
        .bind(ts(sms.not_after))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Atomically leases up to `limit` due messages until `now + lease`, oldest due first.
    /// Due: not sent, not failed, its time has come, no live lease, and `not_after` still ahead.
    /// Whoever claims a message holds it alone until it reports the outcome or the lease ends.
    pub async fn claim_due_sms(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
        limit: i64,
    ) -> Result<Vec<QueuedSms>, StoreError> {
        let rows = sqlx::query(&format!(
            "UPDATE sms_outbox SET lease_until = $1 \
             WHERE id IN (SELECT id FROM sms_outbox WHERE {DUE} ORDER BY next_attempt_at, id LIMIT $3) \
               AND {DUE} \
             RETURNING {COLUMNS}"
        ))
        .bind(ts(now + lease))
        .bind(ts(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut all = rows.iter().map(to_sms).collect::<Result<Vec<_>, _>>()?;
        all.sort_by_key(|m| (m.next_attempt_at, m.id));
        Ok(all)
    }

    /// Gives up every unsent, unfailed message whose `not_after` has passed (failed with
    /// [`EXPIRED`], body emptied), leased or not: a message is never sent late. Returns how many.
    pub async fn expire_sms(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE sms_outbox SET failed_at = $1, last_error = $2, body = '', lease_until = NULL \
             WHERE sent_at IS NULL AND failed_at IS NULL AND not_after <= $1",
        )
        .bind(ts(now))
        .bind(EXPIRED)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Records that the gateway took the message, with its `reference` if it gave one: the
    /// message is never claimed again. The body is emptied unless `keep_body` (the development
    /// outbox keeps it to show it). [`StoreError::NotFound`] if it was settled meanwhile.
    pub async fn sms_sent(
        &self,
        id: i64,
        now: OffsetDateTime,
        reference: Option<&str>,
        keep_body: bool,
    ) -> Result<(), StoreError> {
        let body = if keep_body { "body" } else { "''" };
        let done = sqlx::query(&format!(
            "UPDATE sms_outbox SET sent_at = $1, attempts = attempts + 1, lease_until = NULL, \
             last_error = NULL, reference = $2, body = {body} \
             WHERE id = $3 AND sent_at IS NULL AND failed_at IS NULL"
        ))
        .bind(ts(now))
        .bind(reference)
        .bind(id)
        .execute(&self.pool)
        .await?;
        expect_one(done.rows_affected())
    }

    /// Records a failed attempt and schedules the next one; the lease is released.
    pub async fn sms_retry(
        &self,
        id: i64,
        next_attempt_at: OffsetDateTime,
        error: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, \
             lease_until = NULL WHERE id = $3 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(ts(next_attempt_at))
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        expect_one(done.rows_affected())
    }

    /// Records a failed attempt and gives the message up for good; its body is emptied.
    pub async fn sms_failed(
        &self,
        id: i64,
        now: OffsetDateTime,
        error: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE sms_outbox SET attempts = attempts + 1, failed_at = $1, last_error = $2, \
             body = '', lease_until = NULL WHERE id = $3 AND sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(ts(now))
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        expect_one(done.rows_affected())
    }

    /// The newest `limit` messages, newest first, whatever their state.
    pub async fn recent_sms(&self, limit: i64) -> Result<Vec<QueuedSms>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM sms_outbox ORDER BY created_at DESC, id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_sms).collect()
    }

    pub async fn sms_by_id(&self, id: i64) -> Result<Option<QueuedSms>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM sms_outbox WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_sms).transpose()
    }

    /// How many messages still wait to be sent: neither sent, failed nor expired at `now`
    /// (leased ones included). For the health page and metrics.
    pub async fn sms_backlog(&self, now: OffsetDateTime) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM sms_outbox \
             WHERE sent_at IS NULL AND failed_at IS NULL AND not_after > $1",
        )
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Deletes messages sent or given up before `before`; messages still queued are kept.
    pub async fn purge_sms(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM sms_outbox WHERE (sent_at IS NOT NULL AND sent_at < $1) \
             OR (failed_at IS NOT NULL AND failed_at < $1)",
        )
        .bind(ts(before))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// An outcome update touches exactly the one message still waiting for it; none means the id is
/// unknown or the message was already settled (sent, failed, or expired).
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

    fn sms(n: usize, not_after: OffsetDateTime) -> NewSms {
        NewSms {
            recipient: format!("+3361234{n:04}"),
            purpose: "login".into(),
            body: format!("v1.sealed-{n}"),
            not_after,
        }
    }

    #[tokio::test]
    async fn enqueued_sms_is_due_at_once_and_leased_to_one_claimer() {
        each_backend(|store| async move {
            let now = start();
            let lease = Duration::minutes(2);
            let id = store
                .enqueue_sms(&sms(1, now + Duration::minutes(10)), now)
                .await
                .unwrap();
            let stored = store.sms_by_id(id).await.unwrap().unwrap();
            assert_eq!(stored.recipient, "+33612340001");
            assert_eq!(stored.purpose, "login");
            assert_eq!(stored.body, "v1.sealed-1");
            assert_eq!(stored.created_at, now);
            assert_eq!(stored.next_attempt_at, now);
            assert_eq!(stored.not_after, now + Duration::minutes(10));
            assert_eq!(stored.attempts, 0);
            assert!(stored.sent_at.is_none() && stored.failed_at.is_none());
            assert!(stored.last_error.is_none() && stored.reference.is_none());
            assert_eq!(store.sms_backlog(now).await.unwrap(), 1);

            let claimed = store.claim_due_sms(now, lease, 10).await.unwrap();
            assert_eq!(claimed.len(), 1);
            assert_eq!(claimed[0].id, id);
            assert!(
                store
                    .claim_due_sms(now + Duration::seconds(119), lease, 10)
                    .await
                    .unwrap()
                    .is_empty(),
                "leased"
            );
            assert_eq!(
                store.sms_backlog(now).await.unwrap(),
                1,
                "leased is still backlog"
            );
            let again = store.claim_due_sms(now + lease, lease, 10).await.unwrap();
            assert_eq!(again.len(), 1, "an expired lease frees the message");
        })
        .await;
    }

    #[tokio::test]
    async fn an_expired_message_is_never_claimed_and_expire_gives_it_up() {
        each_backend(|store| async move {
            let now = start();
            let lease = Duration::minutes(1);
            let short = store
                .enqueue_sms(&sms(1, now + Duration::minutes(5)), now)
                .await
                .unwrap();
            let long = store
                .enqueue_sms(&sms(2, now + Duration::minutes(30)), now)
                .await
                .unwrap();
            // Leased, then its lease runs out after not_after: it must not come back.
            assert_eq!(
                store.claim_due_sms(now, lease, 1).await.unwrap()[0].id,
                short
            );
            let at_expiry = now + Duration::minutes(5);
            let due = store.claim_due_sms(at_expiry, lease, 10).await.unwrap();
            assert_eq!(due.iter().map(|m| m.id).collect::<Vec<_>>(), vec![long]);
            assert_eq!(store.sms_backlog(at_expiry).await.unwrap(), 1);

            assert_eq!(store.expire_sms(at_expiry).await.unwrap(), 1);
            let gone = store.sms_by_id(short).await.unwrap().unwrap();
            assert_eq!(gone.failed_at, Some(at_expiry));
            assert_eq!(gone.last_error.as_deref(), Some(EXPIRED));
            assert_eq!(gone.body, "", "an expired code is not kept");
            assert!(gone.sent_at.is_none());
            assert_eq!(store.expire_sms(at_expiry).await.unwrap(), 0, "only once");
            assert!(matches!(
                store.sms_sent(short, at_expiry, None, false).await,
                Err(StoreError::NotFound)
            ));
            // The leased long one expires too once its time passes, lease or not.
            assert_eq!(
                store.expire_sms(now + Duration::minutes(30)).await.unwrap(),
                1
            );
            assert_eq!(
                store
                    .sms_backlog(now + Duration::minutes(30))
                    .await
                    .unwrap(),
                0
            );
            assert!(
                store
                    .claim_due_sms(now + Duration::days(1), lease, 10)
                    .await
                    .unwrap()
                    .is_empty()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn outcomes_settle_messages_and_empty_their_bodies() {
        each_backend(|store| async move {
            let now = start();
            let later = now + Duration::hours(1);
            let lease = Duration::minutes(2);
            let a = store.enqueue_sms(&sms(1, later), now).await.unwrap();
            let b = store.enqueue_sms(&sms(2, later), now).await.unwrap();
            let c = store.enqueue_sms(&sms(3, later), now).await.unwrap();
            let d = store.enqueue_sms(&sms(4, later), now).await.unwrap();
            assert_eq!(store.claim_due_sms(now, lease, 10).await.unwrap().len(), 4);

            store.sms_sent(a, now, Some("msg-42"), false).await.unwrap();
            store.sms_sent(d, now, None, true).await.unwrap();
            store
                .sms_retry(b, now + Duration::seconds(30), "HTTP 503: busy")
                .await
                .unwrap();
            store
                .sms_failed(c, now, "HTTP 400: bad number")
                .await
                .unwrap();

            let a = store.sms_by_id(a).await.unwrap().unwrap();
            assert_eq!((a.sent_at, a.attempts), (Some(now), 1));
            assert_eq!(a.reference.as_deref(), Some("msg-42"));
            assert_eq!(a.body, "", "the code is not kept once sent");
            let d = store.sms_by_id(d).await.unwrap().unwrap();
            assert_eq!(
                d.body, "v1.sealed-4",
                "kept when asked (development outbox)"
            );
            assert!(d.reference.is_none());
            let b_row = store.sms_by_id(b).await.unwrap().unwrap();
            assert_eq!(b_row.attempts, 1);
            assert_eq!(b_row.next_attempt_at, now + Duration::seconds(30));
            assert_eq!(b_row.last_error.as_deref(), Some("HTTP 503: busy"));
            assert_eq!(b_row.body, "v1.sealed-2", "kept for the next attempt");
            let c = store.sms_by_id(c).await.unwrap().unwrap();
            assert_eq!((c.failed_at, c.attempts), (Some(now), 1));
            assert_eq!(c.last_error.as_deref(), Some("HTTP 400: bad number"));
            assert_eq!(c.body, "");
            assert_eq!(store.sms_backlog(now).await.unwrap(), 1);

            assert!(
                store
                    .claim_due_sms(now + Duration::seconds(29), lease, 10)
                    .await
                    .unwrap()
                    .is_empty(),
                "a retry releases the lease but waits for its time"
            );
            let due = store
                .claim_due_sms(now + Duration::seconds(30), lease, 10)
                .await
                .unwrap();
            assert_eq!(due.iter().map(|m| m.id).collect::<Vec<_>>(), vec![b]);

            assert!(matches!(
                store.sms_sent(a.id, now, None, false).await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.sms_sent(c.id, now, None, false).await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.sms_retry(c.id, now, "x").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.sms_failed(a.id, now, "x").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                store.sms_failed(4242, now, "x").await,
                Err(StoreError::NotFound)
            ));
            assert!(store.sms_by_id(4242).await.unwrap().is_none());
        })
        .await;
    }

    #[tokio::test]
    async fn recent_sms_lists_newest_first_and_purge_keeps_pending() {
        each_backend(|store| async move {
            let now = start();
            let mut ids = Vec::new();
            for n in 0..4 {
                let at = now + Duration::minutes(n as i64);
                ids.push(
                    store
                        .enqueue_sms(&sms(n, now + Duration::days(9)), at)
                        .await
                        .unwrap(),
                );
            }
            let recent = store.recent_sms(3).await.unwrap();
            assert_eq!(
                recent.iter().map(|m| m.id).collect::<Vec<_>>(),
                vec![ids[3], ids[2], ids[1]]
            );

            store.sms_sent(ids[0], now, None, false).await.unwrap();
            store.sms_failed(ids[1], now, "refused").await.unwrap();
            store
                .sms_sent(ids[2], now + Duration::days(2), None, false)
                .await
                .unwrap();
            assert_eq!(store.purge_sms(now + Duration::days(1)).await.unwrap(), 2);
            let left: HashSet<i64> = store
                .recent_sms(10)
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
                all.insert(
                    store
                        .enqueue_sms(&sms(n, now + Duration::hours(1)), now)
                        .await
                        .unwrap(),
                );
            }
            let claimers: Vec<_> = (0..8)
                .map(|_| {
                    let store = store.clone();
                    tokio::spawn(async move {
                        let mut mine = Vec::new();
                        loop {
                            let batch = store
                                .claim_due_sms(now, Duration::minutes(5), 3)
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
            // As for mail: a claimer that lost a whole batch to another stops early on
            // PostgreSQL; whatever it left is still due.
            let rest = store
                .claim_due_sms(now, Duration::minutes(5), 100)
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
