//! The audit log: every security event, append-only.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub event: String,
    pub account_id: Option<i64>,
    pub client_ip: Option<String>,
    pub detail: serde_json::Value,
}

impl Store {
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO audit_log (at, event, account_id, client_ip, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(ts(entry.at))
            .bind(&entry.event)
            .bind(entry.account_id)
            .bind(entry.client_ip.clone())
            .bind(entry.detail.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The latest events, newest first, whatever their account (or none: registry changes).
    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, event, account_id, client_ip, detail FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let detail: String = r.try_get("detail")?;
                Ok(AuditEntry {
                    at: from_ts(r.try_get("at")?),
                    event: r.try_get("event")?,
                    account_id: r.try_get("account_id")?,
                    client_ip: r.try_get("client_ip")?,
                    detail: serde_json::from_str(&detail)
                        .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
                })
            })
            .collect()
    }

    /// The latest events of an account, newest first.
    pub async fn audit_of_account(
        &self,
        account_id: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, event FROM audit_log WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(account_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }
}
