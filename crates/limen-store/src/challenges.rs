//! Short-lived single-use values shared by every node: created, then taken (deleted) once.
//! Since issue 11 the CAPTCHA no longer uses this table (see `captcha.rs`); the demo OpenID
//! Connect client keeps its pending authorization requests here.

use crate::{Store, StoreError, ts};
use sqlx::Row;
use time::OffsetDateTime;

impl Store {
    pub async fn create_challenge(
        &self,
        id: &str,
        kind: &str,
        answer: &str,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO challenges (id, kind, answer, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(kind)
        .bind(answer)
        .bind(ts(expires_at))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "challenge"))?;
        Ok(())
    }

    /// The challenge's answer, if it exists and has not expired. Without `consume` it stays (to
    /// draw its image); with it, it is gone for everyone after this call.
    pub async fn challenge(
        &self,
        id: &str,
        kind: &str,
        now: OffsetDateTime,
        consume: bool,
    ) -> Result<Option<String>, StoreError> {
        let sql = if consume {
            "DELETE FROM challenges WHERE id = $1 AND kind = $2 AND expires_at > $3 RETURNING answer"
        } else {
            "SELECT answer FROM challenges WHERE id = $1 AND kind = $2 AND expires_at > $3"
        };
        let row = sqlx::query(sql)
            .bind(id)
            .bind(kind)
            .bind(ts(now))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get::<String, _>(0)).transpose()?)
    }

    pub async fn purge_challenges(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM challenges WHERE expires_at <= $1")
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use crate::testdb::each_backend;
    use time::{Duration, OffsetDateTime};

    #[tokio::test]
    async fn challenges_are_answered_once() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let later = now + Duration::minutes(20);
            store
                .create_challenge("x", "image", "K7P3RW", later)
                .await
                .unwrap();
            store
                .create_challenge("y", "image", "ABCDEF", now)
                .await
                .unwrap();
            assert_eq!(
                store
                    .challenge("x", "image", now, false)
                    .await
                    .unwrap()
                    .as_deref(),
                Some("K7P3RW")
            );
            assert_eq!(
                store.challenge("x", "pow", now, true).await.unwrap(),
                None,
                "wrong kind"
            );
            assert_eq!(
                store
                    .challenge("x", "image", now, true)
                    .await
                    .unwrap()
                    .as_deref(),
                Some("K7P3RW")
            );
            assert_eq!(
                store.challenge("x", "image", now, true).await.unwrap(),
                None,
                "used"
            );
            assert_eq!(
                store.challenge("y", "image", now, true).await.unwrap(),
                None,
                "expired"
            );
            assert_eq!(store.purge_challenges(now).await.unwrap(), 1);
        })
        .await;
    }
}
