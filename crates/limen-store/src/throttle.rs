//! Store-backed failure counters for login throttling: they hold across nodes and restarts.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: i64,
    pub window_start: OffsetDateTime,
    pub locked_until: OffsetDateTime,
}

impl Store {
    /// The states of several keys at once (one round trip on the login path), by key.
    pub async fn throttle_states(
        &self,
        keys: &[&str; 2],
    ) -> Result<Vec<(String, ThrottleState)>, StoreError> {
        let rows = sqlx::query(
            "SELECT key, failures, window_start, locked_until FROM throttle WHERE key IN ($1, $2)",
        )
        .bind(keys[0])
        .bind(keys[1])
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    ThrottleState {
                        failures: r.try_get(1)?,
                        window_start: from_ts(r.try_get(2)?),
                        locked_until: from_ts(r.try_get(3)?),
                    },
                ))
            })
            .collect()
    }

    /// Counts one failure in a window of `window`, atomically; returns the new count.
    /// A failure after the window has passed starts a new window.
    pub async fn throttle_fail(
        &self,
        key: &str,
        now: OffsetDateTime,
        window: Duration,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO throttle (key, failures, window_start, locked_until) VALUES ($1, 1, $2, 0) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = CASE WHEN throttle.window_start < $3 THEN 1 ELSE throttle.failures + 1 END, \
               window_start = CASE WHEN throttle.window_start < $3 THEN $2 ELSE throttle.window_start END \
             RETURNING failures",
        )
        .bind(key)
        .bind(ts(now))
        .bind(ts(now - window))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn throttle_lock(&self, key: &str, until: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query("UPDATE throttle SET locked_until = $1 WHERE key = $2")
            .bind(ts(until))
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn throttle_clear(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM throttle WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::testdb::each_backend;
    use time::{Duration, OffsetDateTime};

    #[tokio::test]
    async fn counts_failures_per_window() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let w = Duration::minutes(15);
            assert_eq!(store.throttle_fail("k", now, w).await.unwrap(), 1);
            assert_eq!(
                store
                    .throttle_fail("k", now + Duration::minutes(1), w)
                    .await
                    .unwrap(),
                2
            );
            store
                .throttle_lock("k", now + Duration::minutes(5))
                .await
                .unwrap();
            let s = store.throttle_states(&["k", "x"]).await.unwrap()[0].1;
            assert_eq!(s.failures, 2);
            assert_eq!(s.locked_until, now + Duration::minutes(5));
            let both = store.throttle_states(&["k", "other"]).await.unwrap();
            assert_eq!(both, vec![("k".to_owned(), s)]);
            assert_eq!(
                store
                    .throttle_fail("k", now + Duration::minutes(16), w)
                    .await
                    .unwrap(),
                1
            );
            store.throttle_clear("k").await.unwrap();
            assert!(store.throttle_states(&["k", "x"]).await.unwrap().is_empty());
        })
        .await;
    }
}
