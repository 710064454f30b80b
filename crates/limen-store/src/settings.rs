//! Server-wide values generated once and shared by every node (e.g. the CSRF MAC key).

use crate::{Store, StoreError};
use sqlx::Row;

impl Store {
    /// Returns the value stored under `name`, storing `init` first if there is none. Two nodes
    /// racing here both end up with the same value.
    pub async fn setting_or_init(&self, name: &str, init: &str) -> Result<String, StoreError> {
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(init)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT value FROM settings WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// The value stored under `name`, if any (to skip making an expensive `init`).
    pub async fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM settings WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::testdb::each_backend;

    #[tokio::test]
    async fn first_value_wins() {
        each_backend(|store| async move {
            assert_eq!(store.setting_or_init("k", "one").await.unwrap(), "one");
            assert_eq!(store.setting_or_init("k", "two").await.unwrap(), "one");
        })
        .await;
    }
}
