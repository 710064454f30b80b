//! Limen as a SAML 2.0 identity provider (docs/SAML.md): the SP registry rows beside their
//! services, the request-ID replay table that also makes login continuations single use, the
//! IdP's signing keys (sealed), and the front-channel logout plans.
//!
//! The SP record is kept as JSON text: the store does not interpret it (`limen_saml::idp::SpRecord`
//! in the layers above), only its unique entityID.

use crate::services::{COLUMNS, NewService, to_service};
use crate::{Store, StoreError, from_ts, ts};
use limen_core::{Service, ServiceProtocol};
use sqlx::Row;
use time::OffsetDateTime;

/// A SAML service provider: the service and its registry record (JSON).
#[derive(Debug, Clone)]
pub struct SamlSpRow {
    pub service: Service,
    pub entity_id: String,
    pub record: String,
}

/// One of the IdP's signing keys as stored (docs/SAML.md §11).
#[derive(Debug, Clone)]
pub struct SamlKeyRow {
    pub kid: String,
    /// `SAML-RSA` or `SAML-EC`.
    pub alg: String,
    pub sealed: String,
    /// Base64 DER of the self-signed certificate.
    pub certificate: String,
    pub created_at: OffsetDateTime,
    pub activates_at: OffsetDateTime,
    pub retired_at: Option<OffsetDateTime>,
    pub publish_until: Option<OffsetDateTime>,
}

fn sp_query(filter: &str) -> String {
    let columns = COLUMNS
        .split(", ")
        .map(|c| format!("s.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT {columns}, p.entity_id, p.record FROM saml_sps p JOIN services s ON s.id = p.service_id WHERE {filter}"
    )
}

fn to_sp(row: &sqlx::any::AnyRow) -> Result<SamlSpRow, StoreError> {
    Ok(SamlSpRow {
        service: to_service(row)?,
        entity_id: row.try_get("entity_id")?,
        record: row.try_get("record")?,
    })
}

impl Store {
    /// Registers a SAML service provider: the service (protocol `saml`) and its record. A
    /// duplicate name or entityID is refused (`StoreError::Duplicate`) and leaves nothing behind.
    pub async fn create_saml_sp(
        &self,
        service: &NewService,
        entity_id: &str,
        record: &str,
        now: OffsetDateTime,
    ) -> Result<SamlSpRow, StoreError> {
        self.insert_saml_sp(service, entity_id, record, false, now)
            .await
    }

    async fn insert_saml_sp(
        &self,
        service: &NewService,
        entity_id: &str,
        record: &str,
        builtin: bool,
        now: OffsetDateTime,
    ) -> Result<SamlSpRow, StoreError> {
        let mut new = service.clone();
        new.protocol = ServiceProtocol::Saml;
        let created = self.insert_service(&new, builtin, now).await?;
        let written =
            sqlx::query("INSERT INTO saml_sps (service_id, entity_id, record) VALUES ($1, $2, $3)")
                .bind(created.id)
                .bind(entity_id)
                .bind(record)
                .execute(&self.pool)
                .await
                .map_err(|e| StoreError::on_unique(e, "SAML entityID"));
        if let Err(e) = written {
            sqlx::query("DELETE FROM services WHERE id = $1")
                .bind(created.id)
                .execute(&self.pool)
                .await?;
            return Err(e);
        }
        Ok(SamlSpRow {
            service: created,
            entity_id: entity_id.to_owned(),
            record: record.to_owned(),
        })
    }

    /// Creates or refreshes an SP Limen manages itself (the SAML demo), keyed by service name.
    pub async fn upsert_builtin_saml_sp(
        &self,
        service: &NewService,
        entity_id: &str,
        record: &str,
        now: OffsetDateTime,
    ) -> Result<SamlSpRow, StoreError> {
        match self.service_by_name(&service.name).await? {
            Some(existing) if existing.builtin && existing.protocol == ServiceProtocol::Saml => {
                self.update_saml_sp(existing.id, entity_id, record).await?;
                self.saml_sp_of_service(existing.id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt("builtin SAML SP vanished".into()))
            }
            _ => {
                self.insert_saml_sp(service, entity_id, record, true, now)
                    .await
            }
        }
    }

    /// Replaces an SP's record (`limen service refresh`).
    pub async fn update_saml_sp(
        &self,
        service_id: i64,
        entity_id: &str,
        record: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE saml_sps SET entity_id = $1, record = $2 WHERE service_id = $3")
            .bind(entity_id)
            .bind(record)
            .bind(service_id)
            .execute(&self.pool)
            .await
            .map_err(|e| StoreError::on_unique(e, "SAML entityID"))?;
        Ok(())
    }

    pub async fn saml_sp(&self, entity_id: &str) -> Result<Option<SamlSpRow>, StoreError> {
        let row = sqlx::query(&sp_query("p.entity_id = $1"))
            .bind(entity_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_sp).transpose()
    }

    pub async fn saml_sp_of_service(
        &self,
        service_id: i64,
    ) -> Result<Option<SamlSpRow>, StoreError> {
        let row = sqlx::query(&sp_query("p.service_id = $1"))
            .bind(service_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_sp).transpose()
    }

    pub async fn saml_sps(&self) -> Result<Vec<SamlSpRow>, StoreError> {
        let rows = sqlx::query(&sp_query("1 = 1 ORDER BY s.name"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_sp).collect()
    }

    // ---- request IDs ----------------------------------------------------------------------

    /// Records a request ID (docs/SAML.md §4.2 step 9): `true` the first time, `false` when it
    /// was already seen and has not expired. Expired rows are purged on the way.
    pub async fn first_saml_request(
        &self,
        key: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        sqlx::query("DELETE FROM saml_request_ids WHERE expires_at < $1")
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        let done = sqlx::query(
            "INSERT INTO saml_request_ids (key, expires_at, answered) VALUES ($1, $2, 0) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(ts(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks a request answered (docs/SAML.md §5.2): `true` for the one caller that did it.
    pub async fn answer_saml_request(&self, key: &str) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE saml_request_ids SET answered = 1 WHERE key = $1 AND answered = 0")
                .bind(key)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    // ---- keys -----------------------------------------------------------------------------

    pub async fn insert_saml_key(&self, key: &SamlKeyRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO saml_keys (kid, alg, sealed, certificate, created_at, activates_at, retired_at, publish_until) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&key.kid)
        .bind(&key.alg)
        .bind(&key.sealed)
        .bind(&key.certificate)
        .bind(ts(key.created_at))
        .bind(ts(key.activates_at))
        .bind(key.retired_at.map(ts))
        .bind(key.publish_until.map(ts))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "SAML signing key"))?;
        Ok(())
    }

    /// Inserts `key` unless a key of its algorithm already signs at `now` (activated, not
    /// retired): one statement, so that of concurrent first uses (docs/SAML.md §11, a key made on
    /// first use) one key is kept. `true` when `key` was inserted.
    pub async fn insert_saml_key_unless_one_signs(
        &self,
        key: &SamlKeyRow,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO saml_keys (kid, alg, sealed, certificate, created_at, activates_at, retired_at, publish_until) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (SELECT 1 FROM saml_keys \
             WHERE alg = $2 AND activates_at <= $9 AND (retired_at IS NULL OR retired_at > $9))",
        )
        .bind(&key.kid)
        .bind(&key.alg)
        .bind(&key.sealed)
        .bind(&key.certificate)
        .bind(ts(key.created_at))
        .bind(ts(key.activates_at))
        .bind(key.retired_at.map(ts))
        .bind(key.publish_until.map(ts))
        .bind(ts(now))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "SAML signing key"))?;
        Ok(done.rows_affected() == 1)
    }

    /// Every key still published at `now` (not past `publish_until`), newest first.
    pub async fn saml_keys(&self, now: OffsetDateTime) -> Result<Vec<SamlKeyRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT kid, alg, sealed, certificate, created_at, activates_at, retired_at, publish_until \
             FROM saml_keys WHERE publish_until IS NULL OR publish_until > $1 \
             ORDER BY created_at DESC, kid",
        )
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SamlKeyRow {
                    kid: r.try_get("kid")?,
                    alg: r.try_get("alg")?,
                    sealed: r.try_get("sealed")?,
                    certificate: r.try_get("certificate")?,
                    created_at: from_ts(r.try_get("created_at")?),
                    activates_at: from_ts(r.try_get("activates_at")?),
                    retired_at: r.try_get::<Option<i64>, _>("retired_at")?.map(from_ts),
                    publish_until: r.try_get::<Option<i64>, _>("publish_until")?.map(from_ts),
                })
            })
            .collect()
    }

    /// Schedules the end of a key: it stops signing at `retired_at` and stays published until
    /// `publish_until`. Only a key not already retired is changed.
    pub async fn retire_saml_key(
        &self,
        kid: &str,
        retired_at: OffsetDateTime,
        publish_until: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE saml_keys SET retired_at = $1, publish_until = $2 WHERE kid = $3 AND retired_at IS NULL",
        )
        .bind(ts(retired_at))
        .bind(ts(publish_until))
        .bind(kid)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    // ---- logout plans ---------------------------------------------------------------------

    pub async fn save_saml_logout_plan(
        &self,
        id: &str,
        browser: &str,
        plan: &str,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO saml_logout_plans (id, browser, plan, expires_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET plan = $3, expires_at = $4",
        )
        .bind(id)
        .bind(browser)
        .bind(plan)
        .bind(ts(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The plan and the browser it is bound to, unless expired. Expired plans are purged.
    pub async fn saml_logout_plan(
        &self,
        id: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(String, String)>, StoreError> {
        sqlx::query("DELETE FROM saml_logout_plans WHERE expires_at < $1")
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        let row = sqlx::query("SELECT browser, plan FROM saml_logout_plans WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("browser")?, r.try_get("plan")?)))
            .transpose()
    }

    pub async fn delete_saml_logout_plan(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM saml_logout_plans WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- sessions -------------------------------------------------------------------------

    /// Records that a session's browser received an assertion for a SAML SP (docs/SAML.md §9.1):
    /// `session_index` in the ticket column, what a LogoutRequest must repeat in `saml` (JSON).
    pub async fn add_saml_session_service(
        &self,
        session_id: &str,
        service_id: i64,
        entity_id: &str,
        session_index: &str,
        saml: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO session_services (session_id, service_id, service_url, ticket, at, saml) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session_id)
        .bind(service_id)
        .bind(entity_id)
        .bind(session_index)
        .bind(ts(now))
        .bind(saml)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb;
    use limen_core::{AssuranceLevel, Strength};

    fn new_service(name: &str) -> NewService {
        NewService {
            name: name.into(),
            protocol: ServiceProtocol::Saml,
            url_patterns: vec![],
            accepted_strengths: vec![Strength::Password],
            min_assurance: AssuranceLevel::Low,
            released_attributes: vec!["uid".into()],
            logout_url: None,
            single_logout: false,
            proxy_callbacks: vec![],
        }
    }

    #[tokio::test]
    async fn sps_are_unique_by_entity_and_name_and_leave_nothing_behind() {
        testdb::each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let sp = store
                .create_saml_sp(&new_service("Travel"), "https://sp.test/md", "{}", now)
                .await
                .unwrap();
            assert_eq!(sp.service.protocol, ServiceProtocol::Saml);
            let found = store.saml_sp("https://sp.test/md").await.unwrap().unwrap();
            assert_eq!(found.service.id, sp.service.id);
            // Same entityID under another name: refused, and no stray service row.
            let again = store
                .create_saml_sp(&new_service("Other"), "https://sp.test/md", "{}", now)
                .await;
            assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
            assert!(store.service_by_name("Other").await.unwrap().is_none());
            // Removing the service removes the SP.
            store.remove_service("Travel").await.unwrap();
            assert!(store.saml_sp("https://sp.test/md").await.unwrap().is_none());
        })
        .await;
    }

    #[tokio::test]
    async fn request_ids_are_single_use_and_answered_once() {
        testdb::each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let later = now + time::Duration::minutes(10);
            assert!(store.first_saml_request("k1", later, now).await.unwrap());
            assert!(!store.first_saml_request("k1", later, now).await.unwrap());
            assert!(store.answer_saml_request("k1").await.unwrap());
            assert!(!store.answer_saml_request("k1").await.unwrap());
            assert!(!store.answer_saml_request("unknown").await.unwrap());
            // After expiry the row is purged: the ID is new again (the skew check stops it).
            let much_later = later + time::Duration::minutes(1);
            assert!(
                store
                    .first_saml_request("k1", much_later, much_later)
                    .await
                    .unwrap()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn keys_are_published_until_their_date() {
        testdb::each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let key = SamlKeyRow {
                kid: "k".into(),
                alg: "SAML-RSA".into(),
                sealed: "s".into(),
                certificate: "c".into(),
                created_at: now,
                activates_at: now,
                retired_at: None,
                publish_until: None,
            };
            store.insert_saml_key(&key).await.unwrap();
            assert_eq!(store.saml_keys(now).await.unwrap().len(), 1);
            let end = now + time::Duration::days(7);
            assert!(store.retire_saml_key("k", now, end).await.unwrap());
            assert!(!store.retire_saml_key("k", now, end).await.unwrap());
            assert_eq!(store.saml_keys(now).await.unwrap().len(), 1);
            assert!(store.saml_keys(end).await.unwrap().is_empty());
        })
        .await;
    }

    #[tokio::test]
    async fn a_first_key_is_inserted_only_while_none_of_its_alg_signs() {
        testdb::each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let key = |kid: &str, alg: &str, activates_at| SamlKeyRow {
                kid: kid.into(),
                alg: alg.into(),
                sealed: "s".into(),
                certificate: "c".into(),
                created_at: now,
                activates_at,
                retired_at: None,
                publish_until: None,
            };
            // A key that signs only tomorrow does not stop a first one today.
            let tomorrow = now + time::Duration::days(1);
            store
                .insert_saml_key(&key("next", "SAML-RSA", tomorrow))
                .await
                .unwrap();
            let first = key("a", "SAML-RSA", now);
            assert!(
                store
                    .insert_saml_key_unless_one_signs(&first, now)
                    .await
                    .unwrap()
            );
            // Another key of the same algorithm: refused while "a" signs.
            let second = key("b", "SAML-RSA", now);
            assert!(
                !store
                    .insert_saml_key_unless_one_signs(&second, now)
                    .await
                    .unwrap()
            );
            // Another algorithm: its own first key.
            let ec = key("e", "SAML-EC", now);
            assert!(
                store
                    .insert_saml_key_unless_one_signs(&ec, now)
                    .await
                    .unwrap()
            );
            // Once "a" is retired, a first key may come again.
            assert!(store.retire_saml_key("a", now, tomorrow).await.unwrap());
            assert!(
                store
                    .insert_saml_key_unless_one_signs(&second, now)
                    .await
                    .unwrap()
            );
            let kids: Vec<String> = store
                .saml_keys(now)
                .await
                .unwrap()
                .into_iter()
                .map(|k| k.kid)
                .collect();
            assert_eq!(kids.len(), 4, "{kids:?}");
        })
        .await;
    }

    #[tokio::test]
    async fn logout_plans_expire() {
        testdb::each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let until = now + time::Duration::minutes(10);
            store
                .save_saml_logout_plan("p", "b", "[]", until)
                .await
                .unwrap();
            assert_eq!(
                store.saml_logout_plan("p", now).await.unwrap(),
                Some(("b".into(), "[]".into()))
            );
            let after = until + time::Duration::seconds(1);
            assert_eq!(store.saml_logout_plan("p", after).await.unwrap(), None);
        })
        .await;
    }
}
