//! PostgreSQL: each batch is one transaction of `COPY … FROM STDIN` per table, through sqlx's
//! `copy_in_raw` on the seeder's own connection.
//!
//! Why COPY from here rather than the `psql` binary: the rows are made in this process, so
//! piping them to a child would add a process, a second connection and a text protocol between
//! the two, and the account ids (taken under a table lock) and the rows of every table of a
//! batch could no longer share one transaction. COPY's text format (PostgreSQL manual, "COPY",
//! File Formats → Text Format) is written here directly.

use super::rows::{Cell, Table};
use anyhow::{Context, Result};
use sqlx::{Connection, Executor, PgConnection, Row};

/// Bytes handed to the server at a time.
const CHUNK: usize = 1 << 20;

pub struct Pg {
    conn: PgConnection,
}

impl Pg {
    pub async fn connect(url: &str) -> Result<Self> {
        let conn = PgConnection::connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        Ok(Self { conn })
    }

    pub async fn begin(&mut self) -> Result<()> {
        self.conn.execute("BEGIN").await?;
        Ok(())
    }

    pub async fn commit(&mut self) -> Result<()> {
        self.conn.execute("COMMIT").await?;
        Ok(())
    }

    /// The first free account id, inside the batch's transaction: the table is locked against
    /// other writers (a server registering someone waits for the batch), so that ids given
    /// here and by the id sequence cannot meet; [`Pg::accounts_written`] moves the sequence past them.
    pub async fn next_account_id(&mut self) -> Result<i64> {
        self.conn
            .execute("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE")
            .await?;
        let row = sqlx::query(
            "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM accounts), 0), \
             (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM accounts_id_seq)) + 1",
        )
        .fetch_one(&mut self.conn)
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn accounts_written(&mut self, last_id: i64) -> Result<()> {
        sqlx::query("SELECT setval('accounts_id_seq', $1)")
            .bind(last_id)
            .execute(&mut self.conn)
            .await?;
        Ok(())
    }

    pub async fn write(&mut self, table: &Table) -> Result<()> {
        if table.rows.is_empty() {
            return Ok(());
        }
        let statement = format!(
            "COPY {} ({}) FROM STDIN",
            table.name,
            table.columns.join(", ")
        );
        let mut copy = self
            .conn
            .copy_in_raw(&statement)
            .await
            .with_context(|| format!("COPY into {}", table.name))?;
        let mut buf = String::with_capacity(CHUNK + 4096);
        for row in &table.rows {
            for (n, cell) in row.iter().enumerate() {
                if n > 0 {
                    buf.push('\t');
                }
                match cell {
                    Cell::Int(v) => buf.push_str(&v.to_string()),
                    Cell::Text(s) => escape_into(&mut buf, s),
                    Cell::Null => buf.push_str("\\N"),
                }
            }
            buf.push('\n');
            if buf.len() >= CHUNK {
                copy.send(buf.as_bytes()).await?;
                buf.clear();
            }
        }
        if !buf.is_empty() {
            copy.send(buf.as_bytes()).await?;
        }
        copy.finish()
            .await
            .with_context(|| format!("COPY into {}", table.name))?;
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

    /// After the load: `VACUUM (ANALYZE)` of the tables written, as autovacuum would have done
    /// by the time a real database reached this size — statistics for the planner, and the
    /// visibility map that index-only scans rely on.
    pub async fn finish(&mut self, tables: &[&str]) -> Result<()> {
        for table in tables {
            self.conn
                .execute(format!("VACUUM (ANALYZE) {table}").as_str())
                .await
                .with_context(|| format!("VACUUM (ANALYZE) {table}"))?;
        }
        Ok(())
    }

    pub async fn close(self) -> Result<()> {
        self.conn.close().await?;
        Ok(())
    }
}

/// COPY text format: backslash, tab, newline and carriage return are written as escapes.
fn escape_into(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            c => buf.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape_into;

    #[test]
    fn copy_text_escapes() {
        let mut buf = String::new();
        escape_into(&mut buf, "a\\b\tc\nd\re \"é\"");
        assert_eq!(buf, "a\\\\b\\tc\\nd\\re \"é\"");
    }
}
