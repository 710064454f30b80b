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

/// An active external account with this address (created at 2027-01-15T08:00:00Z): for the
/// store's own tests of what belongs to accounts. Its id.
pub async fn account(store: &Store, email: &str) -> i64 {
    let at = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("a valid time");
    store
        .create_account(
            crate::NewAccount {
                email: limen_core::Email::parse(email).expect("a test address"),
                first_name: None,
                last_name: limen_core::PersonName::parse("Tester").expect("a test name"),
                user_type: limen_core::UserType::External,
                assurance: limen_core::AssuranceLevel::Low,
                status: limen_core::AccountStatus::Active,
                password_hash: None,
                email_locale: "en".into(),
            },
            at,
        )
        .await
        .expect("a test account")
        .id
}

/// A CAS service named `name` (for `https://app.example.org/*`): its id.
pub async fn service(store: &Store, name: &str) -> i64 {
    let at = time::OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("a valid time");
    store
        .create_service(
            &crate::NewService {
                name: name.to_owned(),
                protocol: limen_core::ServiceProtocol::Cas,
                url_patterns: vec![
                    limen_core::UrlPattern::parse("https://app.example.org/*").expect("a pattern"),
                ],
                accepted_strengths: Vec::new(),
                min_assurance: limen_core::AssuranceLevel::Low,
                released_attributes: Vec::new(),
                logout_url: None,
                single_logout: false,
                proxy_callbacks: Vec::new(),
            },
            at,
        )
        .await
        .expect("a test service")
        .id
}

/// The number of rows in every table of `store` (the migrations' own table aside), by name: for
/// tests that check what a request wrote, or that it wrote nothing.
pub async fn row_counts(store: &Store) -> std::collections::BTreeMap<String, i64> {
    use sqlx::Row;
    let list = match store.backend {
        crate::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        crate::Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    let names: Vec<String> = sqlx::query(list)
        .fetch_all(&store.pool)
        .await
        .expect("list tables")
        .iter()
        .map(|r| r.try_get::<String, _>(0).expect("table name"))
        .filter(|n| n != "schema_migrations")
        .collect();
    let mut counts = std::collections::BTreeMap::new();
    for name in names {
        let row = sqlx::query(&format!("SELECT COUNT(*) FROM {name}"))
            .fetch_one(&store.pool)
            .await
            .expect("count rows");
        counts.insert(name, row.try_get::<i64, _>(0).expect("count"));
    }
    counts
}

/// Runs SQL as it is, e.g. to make a table refuse writes in a test of what a failure leaves.
pub async fn execute(store: &Store, sql: &str) {
    store.pool.execute(sql).await.expect("test SQL");
}

/// Makes every insert into `table` fail from now on (a trigger), on either backend.
pub async fn refuse_inserts(store: &Store, table: &str) {
    let sql = match store.backend {
        crate::Backend::Sqlite => format!(
            "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} \
             BEGIN SELECT RAISE(ABORT, 'inserts into {table} refused by the test'); END;"
        ),
        crate::Backend::Postgres => format!(
            "CREATE FUNCTION refuse_{table}() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'inserts into {table} refused by the test'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} \
             FOR EACH ROW EXECUTE FUNCTION refuse_{table}();"
        ),
    };
    execute(store, &sql).await;
}

/// Undoes [`refuse_inserts`].
pub async fn allow_inserts(store: &Store, table: &str) {
    let sql = match store.backend {
        crate::Backend::Sqlite => format!("DROP TRIGGER refuse_{table}"),
        crate::Backend::Postgres => {
            format!("DROP TRIGGER refuse_{table} ON {table}; DROP FUNCTION refuse_{table}();")
        }
    };
    execute(store, &sql).await;
}

/// Removes the audit log's append-only guard, as someone with full SQL access could: for the
/// tests that show `limen audit verify` finds an edited row.
pub async fn drop_audit_guard(store: &Store) {
    let sql = match store.backend() {
        crate::Backend::Sqlite => "DROP TRIGGER audit_log_append_only",
        crate::Backend::Postgres => "DROP TRIGGER audit_log_append_only ON audit_log",
    };
    execute(store, sql).await;
}
