//! Sessions of the built-in demo service (a CAS client living inside Limen, for newcomers to try).

use crate::{Store, StoreError, ts};
use sqlx::Row;
use time::OffsetDateTime;

impl Store {
    pub async fn demo_session_create(
        &self,
        id_hash: &str,
        ticket: &str,
        username: &str,
        attributes_json: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO demo_sessions (id, ticket, username, attributes, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash)
            .bind(ticket)
            .bind(username)
            .bind(attributes_json)
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// (username, attributes JSON) of a demo session.
    pub async fn demo_session(
        &self,
        id_hash: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row = sqlx::query("SELECT username, attributes FROM demo_sessions WHERE id = $1")
            .bind(id_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    pub async fn demo_session_delete(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM demo_sessions WHERE id = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Single logout for the demo: forget the session opened with this service ticket.
    pub async fn demo_session_delete_by_ticket(&self, ticket: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM demo_sessions WHERE ticket = $1")
            .bind(ticket)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use crate::testdb::each_backend;

    #[tokio::test]
    async fn demo_sessions_end_by_ticket() {
        each_backend(|store| async move {
            let now = time::OffsetDateTime::now_utc();
            store
                .demo_session_create("h", "ST-x", "n1234567", "{}", now)
                .await
                .unwrap();
            assert_eq!(
                store.demo_session("h").await.unwrap().unwrap().0,
                "n1234567"
            );
            assert_eq!(
                store.demo_session_delete_by_ticket("ST-x").await.unwrap(),
                1
            );
            assert!(store.demo_session("h").await.unwrap().is_none());
        })
        .await;
    }
}
