//! Store-backed failure counters for login throttling: they hold across nodes and restarts.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use time::{Duration, OffsetDateTime};

// Every password attempt: reserved before it is verified, given back or cleared after. Listed
// in [`crate::hot_queries`].
pub(crate) const THROTTLE_RESERVE: &str = "INSERT INTO throttle (key, failures, window_start, locked_until, hold_until) \
        VALUES ($1, 1, $2, 0, CASE WHEN 1 >= $4 THEN $5 ELSE 0 END) \
      ON CONFLICT (key) DO UPDATE SET \
        failures = CASE WHEN throttle.window_start < $3 THEN 1 ELSE throttle.failures + 1 END, \
        hold_until = CASE \
          WHEN (CASE WHEN throttle.window_start < $3 THEN 1 ELSE throttle.failures + 1 END) >= $4 \
          THEN $5 ELSE 0 END, \
        window_start = CASE WHEN throttle.window_start < $3 THEN $2 ELSE throttle.window_start END \
      WHERE throttle.locked_until <= $2 AND throttle.hold_until <= $2 \
      RETURNING failures";
pub(crate) const THROTTLE_RELEASE: &str = "UPDATE throttle SET \
       failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, \
       hold_until = CASE WHEN hold_until = $2 THEN 0 ELSE hold_until END \
     WHERE key = $1";
pub(crate) const THROTTLE_CLEAR: &str = "DELETE FROM throttle WHERE key = $1";

impl Store {
    /// Reserves one attempt for `key` **before** the attempt is verified, atomically (one
    /// statement: a row lock on PostgreSQL, the single writer on SQLite), so that parallel
    /// requests — on one node or many — cannot all read "not locked" and then all be verified.
    ///
    /// The attempt counts as a failure from now on (an attempt in flight counts against the
    /// limit); the caller calls [`Store::throttle_clear`] or [`Store::throttle_release`] when it
    /// turns out to be a success. Refused (`None`) while the key is locked; otherwise the
    /// attempt is granted with its number in the window. The attempt that reaches `max` also
    /// sets a provisional lock until `hold_until` (a column of its own, apart from the real
    /// lock), which keeps every other attempt out while it is verified: the caller replaces it
    /// by the real lock on failure ([`Store::throttle_lock`]) or lifts it on success
    /// ([`Store::throttle_release`]). A window that has passed starts anew.
    pub async fn throttle_reserve(
        &self,
        key: &str,
        now: OffsetDateTime,
        window: Duration,
        max: i64,
        hold_until: OffsetDateTime,
    ) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query(THROTTLE_RESERVE)
            .bind(key)
            .bind(ts(now))
            .bind(ts(now - window))
            .bind(max)
            .bind(ts(hold_until))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
    }

    /// Gives back an attempt reserved by [`Store::throttle_reserve`] that was not a failure
    /// (the password was right, or it could not be verified): one failure less, and the
    /// provisional lock it set (`hold_until`) lifted. A real lock set since stays.
    pub async fn throttle_release(
        &self,
        key: &str,
        hold_until: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(THROTTLE_RELEASE)
            .bind(key)
            .bind(ts(hold_until))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// When `key` is locked until, if it is locked at `now`.
    pub async fn throttle_locked_until(
        &self,
        key: &str,
        now: OffsetDateTime,
    ) -> Result<Option<OffsetDateTime>, StoreError> {
        let row = sqlx::query(
            "SELECT CASE WHEN locked_until > hold_until THEN locked_until ELSE hold_until END \
             FROM throttle WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        let until = row.map(|r| r.try_get::<i64, _>(0)).transpose()?;
        Ok(until.map(from_ts).filter(|u| *u > now))
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

    /// The count of `key` in its current window (0 when none), for reports.
    pub async fn throttle_count(&self, key: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT failures FROM throttle WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    }

    pub async fn throttle_lock(&self, key: &str, until: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query("UPDATE throttle SET locked_until = $1, hold_until = 0 WHERE key = $2")
            .bind(ts(until))
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn throttle_clear(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query(THROTTLE_CLEAR)
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
            assert_eq!(
                store
                    .throttle_fail("k", now + Duration::minutes(16), w)
                    .await
                    .unwrap(),
                1
            );
        })
        .await;
    }

    #[tokio::test]
    async fn reservations_stop_at_the_limit_and_hold_the_last_place() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (w, hold) = (Duration::minutes(15), now + Duration::seconds(60));
            let reserve = |at: OffsetDateTime| {
                let store = store.clone();
                async move { store.throttle_reserve("k", at, w, 3, hold).await.unwrap() }
            };
            assert_eq!(reserve(now).await, Some(1));
            assert_eq!(reserve(now).await, Some(2));
            assert_eq!(store.throttle_locked_until("k", now).await.unwrap(), None);
            // The third reaches the limit: granted, and it keeps everyone else out meanwhile.
            assert_eq!(reserve(now).await, Some(3));
            assert_eq!(
                store.throttle_locked_until("k", now).await.unwrap(),
                Some(hold)
            );
            assert_eq!(reserve(now).await, None);
            // It was a success: the place is given back and the hold lifted.
            store.throttle_release("k", hold).await.unwrap();
            assert_eq!(store.throttle_locked_until("k", now).await.unwrap(), None);
            assert_eq!(reserve(now).await, Some(3));
            // This one fails: the real lock replaces the hold; a release no longer lifts it,
            // even one whose hold happens to end at the same second as the lock.
            let lock = now + Duration::minutes(1);
            assert_eq!(lock, hold);
            store.throttle_lock("k", lock).await.unwrap();
            store.throttle_release("k", hold).await.unwrap();
            assert_eq!(
                store.throttle_locked_until("k", now).await.unwrap(),
                Some(lock)
            );
            assert_eq!(reserve(now + Duration::seconds(59)).await, None);
            // After the lock, one more try at a time (the count goes on within the window).
            let later = now + Duration::minutes(2);
            let hold2 = later + Duration::seconds(60);
            assert_eq!(
                store
                    .throttle_reserve("k", later, w, 3, hold2)
                    .await
                    .unwrap(),
                Some(3)
            );
            assert_eq!(
                store
                    .throttle_reserve("k", later, w, 3, hold2)
                    .await
                    .unwrap(),
                None
            );
            // A cleared key, or a window that has passed, starts from one.
            store.throttle_clear("k").await.unwrap();
            assert_eq!(reserve(later).await, Some(1));
            assert_eq!(reserve(later + Duration::minutes(16)).await, Some(1));
        })
        .await;
    }

    #[tokio::test]
    async fn parallel_reservations_never_exceed_the_limit() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let hold = now + Duration::seconds(60);
            let tasks: Vec<_> = (0..40)
                .map(|_| {
                    let store = store.clone();
                    tokio::spawn(async move {
                        store
                            .throttle_reserve("p", now, Duration::minutes(15), 5, hold)
                            .await
                            .unwrap()
                    })
                })
                .collect();
            let mut granted = Vec::new();
            for t in tasks {
                if let Some(n) = t.await.unwrap() {
                    granted.push(n);
                }
            }
            granted.sort_unstable();
            assert_eq!(granted, vec![1, 2, 3, 4, 5]);
        })
        .await;
    }
}
