//! Throw-away databases for tests: a fresh SQLite file, and — when `LIMEN_TEST_PG` names a
//! PostgreSQL server — a fresh schema on it, so that every test runs on both backends in isolation.

use crate::{Store, StoreError};
use sqlx::Executor;
use std::future::Future;

/// The PostgreSQL server tests use, if any (e.g. `postgres://postgres@127.0.0.1:5432/test`).
pub fn postgres_url() -> Option<String> {
    std::env::var("LIMEN_TEST_PG")
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// A database created for one test and dropped by [`TestDb::cleanup`].
pub struct TestDb {
    pub url: String,
    cleanup: Option<(String, String)>,
    sqlite_path: Option<std::path::PathBuf>,
}

impl TestDb {
    pub async fn sqlite() -> Result<Self, StoreError> {
        let dir = std::env::temp_dir().join("limen-tests");
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::Config(e.to_string()))?;
        let path = dir.join(format!("{}.db", limen_random_name()));
        Ok(Self {
            url: format!("sqlite://{}", path.display()),
            cleanup: None,
            sqlite_path: Some(path),
        })
    }

    pub async fn postgres(server: &str) -> Result<Self, StoreError> {
        let schema = limen_random_name();
        let admin = Store::connect(server).await?;
        admin
            .pool
            .execute(format!("CREATE SCHEMA {schema}").as_str())
            .await?;
        admin.close().await;
        let sep = if server.contains('?') { '&' } else { '?' };
        let url = format!("{server}{sep}options=-c%20search_path%3D{schema}");
        Ok(Self {
            url,
            cleanup: Some((server.to_owned(), schema)),
            sqlite_path: None,
        })
    }

    pub async fn cleanup(self) {
        if let Some((server, schema)) = &self.cleanup
            && let Ok(admin) = Store::connect(server).await
        {
            let _ = admin
                .pool
                .execute(format!("DROP SCHEMA {schema} CASCADE").as_str())
                .await;
            admin.close().await;
        }
        if let Some(path) = &self.sqlite_path {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

fn limen_random_name() -> String {
    use rand::Rng;
    let n: u64 = rand::thread_rng().r#gen();
    format!("t_{n:016x}")
}

/// The databases a test should run on: SQLite always, PostgreSQL when configured.
pub async fn test_databases() -> Vec<TestDb> {
    let mut dbs = vec![TestDb::sqlite().await.expect("temporary SQLite database")];
    if let Some(server) = postgres_url() {
        dbs.push(
            TestDb::postgres(&server)
                .await
                .expect("PostgreSQL named by LIMEN_TEST_PG must answer"),
        );
    }
    dbs
}

/// Runs `test` against a migrated store on each backend.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    for db in test_databases().await {
        let store = Store::connect(&db.url)
            .await
            .expect("connect test database");
        store.migrate().await.expect("migrate test database");
        test(store.clone()).await;
        store.close().await;
        db.cleanup().await;
    }
}
