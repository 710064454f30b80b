//! SQLite: each batch is one `BEGIN IMMEDIATE … COMMIT` of multi-row `INSERT`s, each statement
//! prepared once and reused (sqlx keeps a connection's prepared statements) for every full chunk
//! of rows.
//!
//! `PRAGMA synchronous = OFF` is set on the seeder's connection only, while it seeds (a pragma
//! of the connection, not of the file: the server's connections keep `NORMAL`); WAL mode and
//! foreign keys are as the server sets them, so every row is checked against what it refers to.
//! At the end the WAL is checkpointed into the database file.

use super::rows::{Cell, Table};
use anyhow::{Context, Result};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Executor, Row, SqliteConnection};
use std::str::FromStr;
use std::time::Duration;

/// SQLite allows 32 766 bound values per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32);
/// 400 rows of at most 16 columns stay well below.
const ROWS_PER_STATEMENT: usize = 400;

pub struct Sqlite {
    conn: SqliteConnection,
}

impl Sqlite {
    pub async fn connect(url: &str) -> Result<Self> {
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        let path = path.split('?').next().unwrap_or_default();
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
            .context("SQLite URL")?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Off)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            .disable_statement_logging();
        let conn = options
            .connect()
            .await
            .with_context(|| format!("opening {path}"))?;
        Ok(Self { conn })
    }

    pub async fn begin(&mut self) -> Result<()> {
        // IMMEDIATE: the write lock now, before the ids are read (another writer waits).
        self.conn.execute("BEGIN IMMEDIATE").await?;
        Ok(())
    }

    pub async fn commit(&mut self) -> Result<()> {
        self.conn.execute("COMMIT").await?;
        Ok(())
    }

    /// The first free account id (inside the batch's write transaction). AUTOINCREMENT never
    /// gives an id again, so the highest ever given counts too; inserting explicit ids moves it.
    pub async fn next_account_id(&mut self) -> Result<i64> {
        let row = sqlx::query(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM accounts), 0), \
             COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'accounts'), 0)) + 1",
        )
        .fetch_one(&mut self.conn)
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn write(&mut self, table: &Table) -> Result<()> {
        for chunk in table.rows.chunks(ROWS_PER_STATEMENT) {
            let sql = insert_statement(table, chunk.len());
            let mut query = sqlx::query(&sql);
            for row in chunk {
                for cell in row {
                    query = match cell {
                        Cell::Int(v) => query.bind(*v),
                        Cell::Text(s) => query.bind(s.as_str()),
                        Cell::Null => query.bind(None::<i64>),
                    };
                }
            }
            query
                .execute(&mut self.conn)
                .await
                .with_context(|| format!("INSERT into {}", table.name))?;
        }
        Ok(())
    }

    pub async fn account_exists(&mut self, email_key: &str) -> Result<bool> {
        Ok(sqlx::query("SELECT 1 FROM accounts WHERE email_key = $1")
            .bind(email_key)
            .fetch_optional(&mut self.conn)
            .await?
            .is_some())
    }

    pub async fn active_account_ids(&mut self) -> Result<Vec<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM accounts WHERE status = 'active' ORDER BY id")
                .fetch_all(&mut self.conn)
                .await?,
        )
    }

    pub async fn live_seeded_sessions(&mut self, now: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM sso_sessions WHERE expires_at > $1 \
             AND (client_ip LIKE '198.18.%' OR client_ip LIKE '198.19.%')",
        )
        .bind(now)
        .fetch_one(&mut self.conn)
        .await?)
    }

    /// After the load: the WAL checkpointed into the file (and truncated). No `ANALYZE`: a
    /// server never runs it on SQLite, so the planner keeps the choices it makes in service.
    pub async fn finish(&mut self) -> Result<()> {
        self.conn
            .execute("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
            .context("WAL checkpoint")?;
        Ok(())
    }

    pub async fn close(self) -> Result<()> {
        self.conn.close().await?;
        Ok(())
    }
}

/// `INSERT INTO t (a, b) VALUES (?, ?), (?, ?) …` for `rows` rows.
fn insert_statement(table: &Table, rows: usize) -> String {
    let one = format!("({})", vec!["?"; table.columns.len()].join(", "));
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        table.name,
        table.columns.join(", "),
        vec![one; rows].join(", ")
    )
}
