//! SQLite's write-ahead log, emptied in the background.
//!
//! In WAL mode every commit appends its pages to `limen.db-wal`; a *checkpoint* copies them back
//! into the database file, and once everything is copied and no reader needs the log, the next
//! writer starts it again from its beginning (<https://sqlite.org/wal.html#checkpointing>).
//! By default the connection whose commit takes the log past 1 000 pages runs the checkpoint
//! itself, inside that request: under load that is every few dozen requests, each copying pages
//! that the next requests rewrite at once — 17 % of the server's CPU in the token exchange's
//! profile (docs/BENCHMARKS.md). And under steady load some reader always holds an older
//! snapshot, so the log is never started again: it grew to 200–500 MB in one benchmark.
//!
//! So the pooled connections never checkpoint (`PRAGMA wal_autocheckpoint = 0`, set by
//! [`crate::Store::connect`]); one task per store does, on its own connection, off the
//! request path (<https://sqlite.org/c3ref/wal_checkpoint_v2.html>):
//! - every [`Checkpointer::every`], a PASSIVE checkpoint: it copies what no reader still needs
//!   and waits for nobody;
//! - when the log holds more than [`Checkpointer::restart_above`] pages, a RESTART checkpoint
//!   with a zero busy timeout: it copies everything and makes the next writer start the log
//!   again, if no reader or writer is in the way at that instant, and gives up at once
//!   otherwise (tried again at the next tick) — a request never waits for it longer than its
//!   copy. The writer that restarts the log cuts the file back to [`Checkpointer::keep_bytes`]
//!   (`PRAGMA journal_size_limit`, set on every pooled connection).
//!
//! Nothing acknowledged depends on it: a committed transaction is in the log, which survives
//! the process (with `synchronous = NORMAL` a power loss may undo the last ones:
//! <https://sqlite.org/pragma.html#pragma_synchronous>), and whatever the task has not copied
//! yet is read from the log. A failed checkpoint (a full disk) is logged once,
//! and its recovery once; the log keeps everything meanwhile.

use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, Connection, Executor};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::AbortHandle;

/// How often, and from what size of the log on, the background task checkpoints.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checkpointer {
    pub every: Duration,
    /// In pages of the log (4 KiB each by default): 16 384 pages are 64 MiB.
    pub restart_above: i64,
    /// The size the log file is cut back to when it starts again.
    pub keep_bytes: i64,
}

impl Checkpointer {
    pub const DEFAULT: Checkpointer = Checkpointer {
        every: Duration::from_millis(100),
        restart_above: 16_384,
        keep_bytes: 64 << 20,
    };

    /// Starts the task; it stops when the returned guard (held by every clone of the store)
    /// is dropped, or when the store is closed.
    pub fn start(self, options: AnyConnectOptions) -> Arc<StopOnDrop> {
        let task = tokio::spawn(async move { self.run(options).await });
        Arc::new(StopOnDrop(task.abort_handle()))
    }

    async fn run(self, options: AnyConnectOptions) {
        let mut failing = false;
        let mut conn: Option<AnyConnection> = None;
        loop {
            tokio::time::sleep(self.every).await;
            let result = match conn.as_mut() {
                Some(c) => self.checkpoint(c).await,
                None => match open(&options).await {
                    Ok(c) => {
                        conn = Some(c);
                        continue;
                    }
                    Err(e) => Err(e),
                },
            };
            match result {
                Ok(()) if failing => {
                    failing = false;
                    tracing::info!("SQLite checkpoints succeed again");
                }
                Ok(()) => {}
                Err(e) => {
                    if !failing {
                        failing = true;
                        tracing::warn!(error = %e, "SQLite checkpoint failed; the write-ahead log keeps every change meanwhile");
                    }
                    // A connection in an unknown state is replaced.
                    if matches!(e, sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed) {
                        conn = None;
                    }
                }
            }
        }
    }

    async fn checkpoint(&self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        // (busy, pages in the log, pages copied): https://sqlite.org/pragma.html#pragma_wal_checkpoint
        let (_busy, log, _copied): (i64, i64, i64) =
            sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(&mut *conn)
                .await?;
        if log > self.restart_above {
            let _: (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(RESTART)")
                .fetch_one(&mut *conn)
                .await?;
        }
        Ok(())
    }
}

async fn open(options: &AnyConnectOptions) -> Result<AnyConnection, sqlx::Error> {
    let mut conn = AnyConnection::connect_with(options).await?;
    // Never wait for a lock: a checkpoint that would is tried again at the next tick.
    conn.execute("PRAGMA busy_timeout = 0").await?;
    Ok(conn)
}

/// Stops the checkpoint task when dropped.
#[derive(Debug)]
pub(crate) struct StopOnDrop(AbortHandle);

impl StopOnDrop {
    pub fn stop(&self) {
        self.0.abort();
    }

    #[cfg(test)]
    fn handle(&self) -> AbortHandle {
        self.0.clone()
    }
}

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::Checkpointer;
    use crate::Store;
    use crate::testdb::TestDb;
    use std::time::Duration;

    fn wal_path(db: &TestDb) -> String {
        let path = db.url.strip_prefix("sqlite://").expect("a SQLite URL");
        format!("{path}-wal")
    }

    /// The log's checkpoint sequence number (WAL header, bytes 12–15, big-endian): it grows by
    /// one each time the log is started again (https://sqlite.org/fileformat2.html#walformat).
    fn wal_restarts(db: &TestDb) -> u32 {
        let bytes = std::fs::read(wal_path(db)).unwrap_or_default();
        bytes
            .get(12..16)
            .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    async fn add_row(store: &Store, n: i64) {
        sqlx::query("INSERT INTO filler (n, pad) VALUES ($1, 'small')")
            .bind(n)
            .execute(&store.pool)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn the_log_is_emptied_off_the_request_path_and_the_task_stops_with_the_store() {
        let db = TestDb::sqlite().await.unwrap();
        let quick = Checkpointer {
            every: Duration::from_millis(20),
            restart_above: 8,
            keep_bytes: 64 << 10,
        };
        let store = Store::connect_with(&db.url, quick).await.unwrap();
        store.migrate().await.unwrap();
        // The pooled connections leave checkpoints to the task.
        let (auto,): (i64,) = sqlx::query_as("PRAGMA wal_autocheckpoint")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(auto, 0);
        sqlx::query("CREATE TABLE filler (n INTEGER, pad TEXT)")
            .execute(&store.pool)
            .await
            .unwrap();
        let before = wal_restarts(&db);
        // 200 rows of 2 KB in one commit: far more than 8 pages of log, and nothing can cut
        // the file before the next write. Once the task's RESTART checkpoint has copied them,
        // the next write starts the log again and cuts the file back to 64 KiB.
        let mut tx = store.pool.begin().await.unwrap();
        for n in 0..200_i64 {
            sqlx::query("INSERT INTO filler (n, pad) VALUES ($1, $2)")
                .bind(n)
                .bind("x".repeat(2000))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let grown = std::fs::metadata(wal_path(&db)).unwrap().len();
        assert!(grown > 400_000, "the log holds {grown} bytes");
        let mut restarted = false;
        for n in 0..250 {
            tokio::time::sleep(Duration::from_millis(20)).await;
            add_row(&store, 1000 + n).await;
            if wal_restarts(&db) > before {
                restarted = true;
                break;
            }
        }
        assert!(restarted, "the log was never started again");
        let kept = std::fs::metadata(wal_path(&db)).unwrap().len();
        assert!(kept <= 64 << 10, "the log file kept {kept} bytes");
        // Everything written is read back, from the database file and the log.
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM filler")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert!(rows > 200, "{rows} rows");
        let task = store
            .checkpoints
            .as_ref()
            .expect("a SQLite store checkpoints")
            .handle();
        assert!(!task.is_finished());
        let clone = store.clone();
        drop(store);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!task.is_finished(), "a clone still holds the store");
        clone.close().await;
        drop(clone);
        for _ in 0..100 {
            if task.is_finished() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(task.is_finished(), "the task outlived its store");
        db.cleanup().await;
    }

    #[tokio::test]
    async fn a_postgres_store_starts_no_checkpoint_task() {
        if let Some(server) = crate::testdb::postgres_url() {
            let pg = Store::connect(&server).await.unwrap();
            assert!(pg.checkpoints.is_none());
            pg.close().await;
        }
    }
}
