//! Embedded, ordered migrations per backend, recorded in `schema_migrations`.

use crate::{Backend, StoreError};
use sqlx::{AnyPool, Executor};

const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_init.sql")),
    (
        2,
        include_str!("../migrations/sqlite/0002_mail_links_challenges.sql"),
    ),
    (3, include_str!("../migrations/sqlite/0003_oidc.sql")),
    (4, include_str!("../migrations/sqlite/0004_webauthn.sql")),
    (
        5,
        include_str!("../migrations/sqlite/0005_stateless_captcha.sql"),
    ),
    (
        6,
        include_str!("../migrations/sqlite/0006_throttle_hold.sql"),
    ),
    (
        7,
        include_str!("../migrations/sqlite/0007_authn_engine.sql"),
    ),
    (
        8,
        include_str!("../migrations/sqlite/0008_ecas_response_format.sql"),
    ),
    (9, include_str!("../migrations/sqlite/0009_groups.sql")),
    (
        10,
        include_str!("../migrations/sqlite/0010_login_requests.sql"),
    ),
    (
        11,
        include_str!("../migrations/sqlite/0011_token_exchange.sql"),
    ),
    (12, include_str!("../migrations/sqlite/0012_mobile.sql")),
    (13, include_str!("../migrations/sqlite/0013_tokens.sql")),
    (14, include_str!("../migrations/sqlite/0014_sms.sql")),
    (15, include_str!("../migrations/sqlite/0015_signing.sql")),
    (
        16,
        include_str!("../migrations/sqlite/0016_mobile_evidence.sql"),
    ),
    (17, include_str!("../migrations/sqlite/0017_upstream.sql")),
    (18, include_str!("../migrations/sqlite/0018_saml_idp.sql")),
    (19, include_str!("../migrations/sqlite/0019_admin.sql")),
    (20, include_str!("../migrations/sqlite/0020_jobs.sql")),
    (
        21,
        include_str!("../migrations/sqlite/0021_scale_indexes.sql"),
    ),
];
const POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_init.sql")),
    (
        2,
        include_str!("../migrations/postgres/0002_mail_links_challenges.sql"),
    ),
    (3, include_str!("../migrations/postgres/0003_oidc.sql")),
    (4, include_str!("../migrations/postgres/0004_webauthn.sql")),
    (
        5,
        include_str!("../migrations/postgres/0005_stateless_captcha.sql"),
    ),
    (
        6,
        include_str!("../migrations/postgres/0006_throttle_hold.sql"),
    ),
    (
        7,
        include_str!("../migrations/postgres/0007_authn_engine.sql"),
    ),
    (
        8,
        include_str!("../migrations/postgres/0008_ecas_response_format.sql"),
    ),
    (9, include_str!("../migrations/postgres/0009_groups.sql")),
    (
        10,
        include_str!("../migrations/postgres/0010_login_requests.sql"),
    ),
    (
        11,
        include_str!("../migrations/postgres/0011_token_exchange.sql"),
    ),
    (12, include_str!("../migrations/postgres/0012_mobile.sql")),
    (13, include_str!("../migrations/postgres/0013_tokens.sql")),
    (14, include_str!("../migrations/postgres/0014_sms.sql")),
    (15, include_str!("../migrations/postgres/0015_signing.sql")),
    (
        16,
        include_str!("../migrations/postgres/0016_mobile_evidence.sql"),
    ),
    (17, include_str!("../migrations/postgres/0017_upstream.sql")),
    (18, include_str!("../migrations/postgres/0018_saml_idp.sql")),
    (19, include_str!("../migrations/postgres/0019_admin.sql")),
    (20, include_str!("../migrations/postgres/0020_jobs.sql")),
    (
        21,
        include_str!("../migrations/postgres/0021_scale_indexes.sql"),
    ),
];

pub(crate) async fn run(pool: &AnyPool, backend: Backend) -> Result<usize, StoreError> {
    pool.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
        .await?;
    let migrations = match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    let mut applied = 0;
    for (version, sql) in migrations {
        let mut tx = match backend {
            // The write lock first, waited for under busy_timeout: a read upgraded to a write
            // later fails at once (SQLITE_BUSY, no wait) if another connection holds the lock
            // — a writer, or the checkpoint task's RESTART (checkpoint.rs).
            Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => pool.begin().await?,
        };
        if backend == Backend::Postgres {
            // Two nodes starting together must not both migrate.
            tx.execute("SELECT pg_advisory_xact_lock(7461636)").await?;
        }
        let done: Option<(i64,)> =
            sqlx::query_as("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(*version)
                .fetch_optional(&mut *tx)
                .await?;
        if done.is_some() {
            tx.rollback().await?;
            continue;
        }
        tx.execute(*sql).await?;
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
            .bind(*version)
            .bind(time::OffsetDateTime::now_utc().unix_timestamp())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(version, backend = backend.as_str(), "applied migration");
        applied += 1;
    }
    Ok(applied)
}
