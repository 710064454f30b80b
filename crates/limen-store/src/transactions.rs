//! Authentication transactions under way (issue 12): a login waiting for its second factor, a
//! device choice, a passwordless challenge, an enrolment ceremony. Shared by every node; stored
//! under the SHA-256 of the page's token; taken (deleted) when the answer comes back, so a
//! challenge is answered once; short-lived. The state is opaque JSON the engine writes.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use time::OffsetDateTime;

/// A transaction under way: its purpose, whose it is, the SSO session it continues, and its
/// state (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub purpose: String,
    pub account_id: Option<i64>,
    /// The SSO session (its id) the transaction belongs to, when it continues one (step-up,
    /// enrolment from My account).
    pub session_id: Option<String>,
    pub state: String,
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// Stores a transaction under the SHA-256 of its token.
    pub async fn create_transaction(&self, id: &str, t: &Transaction) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO authn_transactions (id, purpose, account_id, session_id, state, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&t.purpose)
        .bind(t.account_id)
        .bind(t.session_id.clone())
        .bind(&t.state)
        .bind(ts(t.expires_at))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "transaction"))?;
        Ok(())
    }

    /// Reads a transaction of this purpose without taking it (a page asking how its challenge
    /// stands); `None` when unknown or expired.
    pub async fn peek_transaction(
        &self,
        id: &str,
        purpose: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Transaction>, StoreError> {
        let row = sqlx::query(
            "SELECT purpose, account_id, session_id, state, expires_at FROM authn_transactions \
             WHERE id = $1 AND purpose = $2",
        )
        .bind(id)
        .bind(purpose)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let t = Transaction {
            purpose: row.try_get("purpose")?,
            account_id: row.try_get("account_id")?,
            session_id: row.try_get("session_id")?,
            state: row.try_get("state")?,
            expires_at: from_ts(row.try_get("expires_at")?),
        };
        Ok((t.expires_at > now).then_some(t))
    }

    /// Gives a live transaction of this purpose a new state and a later end, in one statement
    /// (an answer taking it at the same moment either finds the new row or none); `false` when
    /// it is unknown, taken or expired.
    pub async fn extend_transaction(
        &self,
        id: &str,
        purpose: &str,
        state: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE authn_transactions SET state = $3, expires_at = $4 \
             WHERE id = $1 AND purpose = $2 AND expires_at > $5",
        )
        .bind(id)
        .bind(purpose)
        .bind(state)
        .bind(ts(expires_at))
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes a transaction of this purpose: it is gone for everyone after this call, whether it
    /// is still valid (returned) or expired (`None`).
    pub async fn take_transaction(
        &self,
        id: &str,
        purpose: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Transaction>, StoreError> {
        let row = sqlx::query(
            "DELETE FROM authn_transactions WHERE id = $1 AND purpose = $2 \
             RETURNING purpose, account_id, session_id, state, expires_at",
        )
        .bind(id)
        .bind(purpose)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let t = Transaction {
            purpose: row.try_get("purpose")?,
            account_id: row.try_get("account_id")?,
            session_id: row.try_get("session_id")?,
            state: row.try_get("state")?,
            expires_at: from_ts(row.try_get("expires_at")?),
        };
        Ok((t.expires_at > now).then_some(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::each_backend;
    use time::Duration;

    #[tokio::test]
    async fn transactions_are_taken_once_and_expire() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let c = Transaction {
                purpose: "login".into(),
                account_id: None,
                session_id: Some("s".into()),
                state: "{}".into(),
                expires_at: now + Duration::minutes(5),
            };
            store.create_transaction("one", &c).await.unwrap();
            // Another purpose does not take it.
            assert_eq!(
                store
                    .take_transaction("one", "register", now)
                    .await
                    .unwrap(),
                None
            );
            assert_eq!(
                store.take_transaction("one", "login", now).await.unwrap(),
                Some(c.clone())
            );
            assert_eq!(
                store.take_transaction("one", "login", now).await.unwrap(),
                None
            );
            store.create_transaction("two", &c).await.unwrap();
            assert_eq!(
                store
                    .take_transaction("two", "login", now + Duration::minutes(5))
                    .await
                    .unwrap(),
                None
            );
            store.create_transaction("three", &c).await.unwrap();
            assert!(
                store
                    .purge_expired(now + Duration::minutes(6))
                    .await
                    .unwrap()
                    >= 1
            );
            assert_eq!(
                store.take_transaction("three", "login", now).await.unwrap(),
                None
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_live_transaction_can_be_given_more_time_an_expired_or_taken_one_cannot() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let t = Transaction {
                purpose: "login".into(),
                account_id: None,
                session_id: None,
                state: "{}".into(),
                expires_at: now + Duration::minutes(5),
            };
            store.create_transaction("x", &t).await.unwrap();
            let later = now + Duration::minutes(4);
            let until = later + Duration::minutes(5);
            assert!(
                store
                    .extend_transaction("x", "login", "{\"n\":1}", until, later)
                    .await
                    .unwrap()
            );
            // Past the first end, still there with its new state.
            let seen = store
                .peek_transaction("x", "login", now + Duration::minutes(6))
                .await
                .unwrap()
                .expect("extended");
            assert_eq!(seen.state, "{\"n\":1}");
            assert_eq!(seen.expires_at, until);
            // Another purpose, an expired one, a taken one: nothing.
            assert!(
                !store
                    .extend_transaction("x", "choose", "{}", until, later)
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .extend_transaction("x", "login", "{}", until + Duration::hours(1), until)
                    .await
                    .unwrap()
            );
            store.take_transaction("x", "login", later).await.unwrap();
            assert!(
                !store
                    .extend_transaction("x", "login", "{}", until, later)
                    .await
                    .unwrap()
            );
        })
        .await;
    }
}
