//! Self-service requests waiting for the worker: "Lost password?" stores the address it was
//! given, the same way whether or not an account has it, and answers at once; the worker then
//! looks the account up and, if there is one, writes its link and e-mail — in the transaction
//! that takes the request, so a request is done completely or stays queued (issue 11 item 4).

use crate::{Store, StoreError, StoreTx, from_ts, ts};
use sqlx::Row;
use time::OffsetDateTime;

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// A reset link (or, for a registration not completed, its first-password link).
    PasswordLink,
}

impl RequestKind {
    fn as_str(self) -> &'static str {
        match self {
            RequestKind::PasswordLink => "password_link",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "password_link" => Ok(RequestKind::PasswordLink),
            other => Err(StoreError::Corrupt(format!("request kind {other:?}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfServiceRequest {
    pub id: i64,
    pub kind: RequestKind,
    /// The address as typed and normalised (`Email::as_str`).
    pub email: String,
    /// The service to go on to afterwards.
    pub service: Option<String>,
    /// For the audit entry the worker writes.
    pub client_ip: String,
    pub created_at: OffsetDateTime,
    /// Attempts that failed for a passing reason so far.
    pub attempts: i64,
}

impl Store {
    /// Queues a request; returns its id.
    pub async fn queue_request(
        &self,
        kind: RequestKind,
        email: &str,
        service: Option<&str>,
        client_ip: &str,
        now: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO self_service_requests (kind, email, service, client_ip, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(kind.as_str())
        .bind(email)
        .bind(service)
        .bind(client_ip)
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Drops a request whatever happens to it (one the worker could not complete, after
    /// logging why: retrying it forever would not help).
    pub async fn drop_request(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM self_service_requests WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many requests wait (for the operations page and tests).
    /// Puts a request that failed back to wait until `not_before`; returns how many attempts
    /// have failed so far.
    pub async fn retry_request(
        &self,
        id: i64,
        not_before: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "UPDATE self_service_requests SET attempts = attempts + 1, not_before = $2 \
             WHERE id = $1 RETURNING attempts",
        )
        .bind(id)
        .bind(ts(not_before))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    }

    pub async fn pending_requests(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM self_service_requests")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }
}

impl StoreTx {
    /// Takes the oldest waiting request: it is gone for everyone else once this transaction
    /// commits, and back in the queue if it does not. None when the queue is empty — or when
    /// another worker took the same one a moment before (it will be done there).
    pub async fn take_request(
        &mut self,
        now: OffsetDateTime,
    ) -> Result<Option<SelfServiceRequest>, StoreError> {
        let row = sqlx::query(
            "DELETE FROM self_service_requests WHERE id = \
             (SELECT id FROM self_service_requests WHERE not_before <= $1 ORDER BY id LIMIT 1) \
             RETURNING id, kind, email, service, client_ip, created_at, attempts",
        )
        .bind(ts(now))
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| {
            Ok(SelfServiceRequest {
                id: r.try_get("id")?,
                kind: RequestKind::parse(&r.try_get::<String, _>("kind")?)?,
                email: r.try_get("email")?,
                service: r.try_get("service")?,
                client_ip: r.try_get("client_ip")?,
                created_at: from_ts(r.try_get("created_at")?),
                attempts: r.try_get("attempts")?,
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::each_backend;

    #[tokio::test]
    async fn requests_are_taken_in_order_and_only_when_committed() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let a = store
                .queue_request(
                    RequestKind::PasswordLink,
                    "a@example.org",
                    Some("https://app/"),
                    "10.0.0.1",
                    now,
                )
                .await
                .unwrap();
            let b = store
                .queue_request(
                    RequestKind::PasswordLink,
                    "b@example.org",
                    None,
                    "10.0.0.2",
                    now,
                )
                .await
                .unwrap();
            // Taken, then rolled back: still there.
            let mut tx = store.begin().await.unwrap();
            let first = tx.take_request(now).await.unwrap().unwrap();
            assert_eq!(first.id, a);
            assert_eq!(first.email, "a@example.org");
            assert_eq!(first.service.as_deref(), Some("https://app/"));
            assert_eq!(
                (first.client_ip.as_str(), first.created_at),
                ("10.0.0.1", now)
            );
            drop(tx);
            assert_eq!(store.pending_requests().await.unwrap(), 2);
            // Taken and committed: gone.
            let mut tx = store.begin().await.unwrap();
            assert_eq!(tx.take_request(now).await.unwrap().unwrap().id, a);
            tx.commit().await.unwrap();
            store.drop_request(b).await.unwrap();
            let mut tx = store.begin().await.unwrap();
            assert!(tx.take_request(now).await.unwrap().is_none());
            tx.rollback().await.unwrap();
            assert_eq!(store.pending_requests().await.unwrap(), 0);
        })
        .await;
    }

    #[tokio::test]
    async fn a_request_put_back_waits_for_its_time() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let id = store
                .queue_request(
                    RequestKind::PasswordLink,
                    "a@example.org",
                    None,
                    "10.0.0.1",
                    now,
                )
                .await
                .unwrap();
            let later = now + time::Duration::seconds(30);
            assert_eq!(store.retry_request(id, later).await.unwrap(), 1);
            let mut tx = store.begin().await.unwrap();
            assert!(tx.take_request(now).await.unwrap().is_none());
            let again = tx.take_request(later).await.unwrap().unwrap();
            assert_eq!((again.id, again.attempts), (id, 1));
            tx.rollback().await.unwrap();
            assert_eq!(store.retry_request(id, later).await.unwrap(), 2);
            // A request no longer there (done by another node meanwhile): nothing to put back.
            store.drop_request(id).await.unwrap();
            assert_eq!(store.retry_request(id, later).await.unwrap(), 0);
        })
        .await;
    }
}
