use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database configuration: {0}")]
    Config(String),
    /// A uniqueness constraint was violated; the string names what was duplicated.
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("not found")]
    NotFound,
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
}

impl StoreError {
    /// Maps a unique-constraint violation to [`StoreError::Duplicate`], in one place for both backends.
    pub(crate) fn on_unique(e: sqlx::Error, what: &'static str) -> StoreError {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(what),
            _ => StoreError::Sqlx(e),
        }
    }

    /// True when the failure says the database cannot serve now, rather than that the request or
    /// the data is wrong: the connection is gone or refused, the pool waited too long, the server
    /// is shutting down or starting, is a read-only standby, or the disk is full. The web layer
    /// answers these with 503 and Retry-After (RFC 9110 §15.6.4); other errors stay 500.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Sqlx(e) => sqlx_unavailable(e),
            _ => false,
        }
    }
}

fn sqlx_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_) => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                sqlite_unavailable(&code)
            } else {
                postgres_unavailable(&code)
            }
        }
        _ => false,
    }
}

/// PostgreSQL SQLSTATEs that mean "not now" (Appendix A of its manual): class 08 (connection
/// exceptions), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now), 25006
/// (read-only SQL transaction: a standby, or a primary being demoted), 53100 (disk full), 53300
/// (too many connections).
fn postgres_unavailable(code: &str) -> bool {
    code.starts_with("08")
        || matches!(
            code,
            "57P01" | "57P02" | "57P03" | "25006" | "53100" | "53300"
        )
}

/// SQLite result codes that mean "not now" (sqlite.org/rescode.html), which sqlx reports as
/// extended codes whose low byte is the primary code: SQLITE_BUSY (5) and SQLITE_LOCKED (6) after
/// the busy timeout, SQLITE_READONLY (8), SQLITE_IOERR (10), SQLITE_FULL (13), SQLITE_CANTOPEN
/// (14).
fn sqlite_unavailable(code: &str) -> bool {
    code.parse::<i32>()
        .is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 8 | 10 | 13 | 14))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_codes_of_both_backends() {
        // PostgreSQL SQLSTATEs.
        for code in [
            "08006", "08001", "57P01", "57P03", "25006", "53100", "53300",
        ] {
            assert!(postgres_unavailable(code), "{code}");
        }
        for code in ["23505", "42P01", "22001", "40001", "XX000", "5", "13"] {
            assert!(!postgres_unavailable(code), "{code}");
        }
        // SQLite: primary and extended codes (SQLITE_IOERR_WRITE = 778, SQLITE_BUSY_SNAPSHOT = 517).
        for code in ["5", "13", "778", "517", "8", "14"] {
            assert!(sqlite_unavailable(code), "{code}");
        }
        for code in ["19", "2067", "1", "11", "08006"] {
            assert!(!sqlite_unavailable(code), "{code}");
        }
        assert!(StoreError::Sqlx(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(!StoreError::NotFound.is_unavailable());
        assert!(!StoreError::Duplicate("account").is_unavailable());
        assert!(!StoreError::Sqlx(sqlx::Error::RowNotFound).is_unavailable());
    }
    /// Real errors from both databases, through sqlx's Any driver: a write refused as read-only
    /// (what a standby answers; SQLite's `query_only`) is "unavailable"; a duplicate is not.
    #[tokio::test]
    async fn a_read_only_database_is_unavailable_a_duplicate_is_not() {
        crate::testdb::each_backend(|store| async move {
            use sqlx::Connection;
            let mut conn = store.pool.acquire().await.unwrap();
            let mut tx = conn.begin().await.unwrap();
            let read_only = match store.backend() {
                crate::Backend::Postgres => "SET TRANSACTION READ ONLY",
                crate::Backend::Sqlite => "PRAGMA query_only = 1",
            };
            sqlx::query(read_only).execute(&mut *tx).await.unwrap();
            let refused = sqlx::query("INSERT INTO settings (name, value) VALUES ('x', 'y')")
                .execute(&mut *tx)
                .await
                .unwrap_err();
            let refused = StoreError::Sqlx(refused);
            assert!(refused.is_unavailable(), "{refused}");
            tx.rollback().await.unwrap();
            if store.backend() == crate::Backend::Sqlite {
                sqlx::query("PRAGMA query_only = 0")
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            }
            drop(conn);
            store.setting_or_init("dup", "1").await.unwrap();
            let duplicate = sqlx::query("INSERT INTO settings (name, value) VALUES ('dup', '2')")
                .execute(&store.pool)
                .await
                .unwrap_err();
            let duplicate = StoreError::Sqlx(duplicate);
            assert!(!duplicate.is_unavailable(), "{duplicate}");
        })
        .await;
    }
}
