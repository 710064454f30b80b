//! CAPTCHA answers already given. A challenge itself is never stored: it travels in the page,
//! MAC-protected, with its expiry inside (`limen-web`'s `captcha` module), so showing a form
//! costs no write. Only answering one does: its identifier is recorded here, once, until it
//! expires — after that the MAC'd expiry refuses it anyway, and the row can go.

use crate::{Store, StoreError, ts};
use time::{Duration, OffsetDateTime};

/// How long an answered challenge is remembered past its expiry: a node whose clock is behind
/// the purging node's still refuses a replay for that long.
pub const PURGE_GRACE: Duration = Duration::minutes(5);

impl Store {
    /// Records that the challenge `id` (expiring at `expires_at`) has been answered. True for
    /// exactly one caller, whatever the concurrency (an insert-if-absent on the primary key);
    /// false if it was answered before.
    pub async fn spend_captcha(
        &self,
        id: &str,
        expires_at: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO captcha_uses (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(ts(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets the answered challenges that expired more than [`PURGE_GRACE`] ago (a challenge
    /// is refused from its expiry on, so its row no longer matters — on every node, once the
    /// margin covers the difference between their clocks).
    pub async fn purge_captcha_uses(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM captcha_uses WHERE expires_at <= $1")
            .bind(ts(now - PURGE_GRACE))
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
    async fn a_challenge_is_spent_once_and_forgotten_after_expiry() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let later = now + Duration::minutes(30);
            assert!(store.spend_captcha("x", later).await.unwrap());
            assert!(!store.spend_captcha("x", later).await.unwrap(), "replayed");
            assert!(store.spend_captcha("y", now).await.unwrap());
            // Expired, but kept for the clocks of other nodes for a while.
            assert_eq!(store.purge_captcha_uses(now).await.unwrap(), 0);
            assert!(!store.spend_captcha("y", now).await.unwrap(), "y kept");
            let grace = crate::captcha::PURGE_GRACE;
            assert_eq!(
                store.purge_captcha_uses(now + grace).await.unwrap(),
                1,
                "y gone"
            );
            assert!(!store.spend_captcha("x", later).await.unwrap(), "x kept");
            assert_eq!(store.purge_captcha_uses(later + grace).await.unwrap(), 1);
        })
        .await;
    }

    /// Issue 11 item 6: many answers of one challenge at once — one wins.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_answers_spend_a_challenge_once() {
        each_backend(|store| async move {
            let expires = OffsetDateTime::now_utc() + Duration::minutes(30);
            for round in 0..5 {
                let id = format!("race-{round}");
                let racers: Vec<_> = (0..8)
                    .map(|_| {
                        let store = store.clone();
                        let id = id.clone();
                        tokio::spawn(
                            async move { store.spend_captcha(&id, expires).await.unwrap() },
                        )
                    })
                    .collect();
                let mut winners = 0;
                for racer in racers {
                    winners += usize::from(racer.await.unwrap());
                }
                assert_eq!(winners, 1, "round {round}");
            }
        })
        .await;
    }
}
