//! Periodic jobs claimed once per period across the nodes sharing the database.
//!
//! Every node ticks the same jobs (key rotation, retention, session time-outs); each tick asks
//! [`Store::claim_job`] first. The claim is one conditional UPDATE of the job's row: the database
//! serialises the updates of one row, and the second one no longer matches `due_at <= now`, so
//! exactly one node gets `true` per period, whatever the number of nodes (READ COMMITTED
//! re-checks the WHERE clause on the row version it waited for; SQLite takes one writer at a
//! time). A node that dies while running a job leaves nothing held: the next period is claimed
//! by whichever node ticks first after `due_at`.

use crate::{Store, StoreError, ts};
use time::{Duration, OffsetDateTime};

impl Store {
    /// Claims the job `name` for the period starting `now` if it is due: returns `true` (and
    /// moves its due time to `now + every`) for exactly one caller per period, across nodes.
    /// `node` is recorded to say who ran it last.
    pub async fn claim_job(
        &self,
        name: &str,
        now: OffsetDateTime,
        every: Duration,
        node: &str,
    ) -> Result<bool, StoreError> {
        sqlx::query(
            "INSERT INTO jobs (name, due_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        let claimed = sqlx::query(
            "UPDATE jobs SET due_at = $1, last_run_at = $2, last_run_by = $3 \
             WHERE name = $4 AND due_at <= $2",
        )
        .bind(ts(now + every))
        .bind(ts(now))
        .bind(node)
        .bind(name)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(claimed == 1)
    }
}

#[cfg(test)]
mod tests {
    use crate::testdb::each_backend;
    use time::{Duration, OffsetDateTime};

    #[tokio::test]
    async fn one_claim_per_period_among_concurrent_nodes() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let every = Duration::minutes(1);
            // Eight "nodes" tick at the same instant, on separate connections of the pool.
            let mut racers = Vec::new();
            for node in 0..8 {
                let store = store.clone();
                racers.push(tokio::spawn(async move {
                    store
                        .claim_job("rotation", now, every, &format!("node-{node}"))
                        .await
                        .unwrap()
                }));
            }
            let mut won = 0;
            for r in racers {
                won += usize::from(r.await.unwrap());
            }
            assert_eq!(won, 1, "exactly one node runs the job this period");
            // Later in the same period: nobody.
            assert!(
                !store
                    .claim_job("rotation", now + Duration::seconds(59), every, "node-0")
                    .await
                    .unwrap()
            );
            // Another job is independent.
            assert!(
                store
                    .claim_job("retention", now, every, "node-1")
                    .await
                    .unwrap()
            );
            // The next period: one claim again.
            assert!(
                store
                    .claim_job("rotation", now + every, every, "node-3")
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .claim_job("rotation", now + every, every, "node-4")
                    .await
                    .unwrap()
            );
        })
        .await;
    }
}
