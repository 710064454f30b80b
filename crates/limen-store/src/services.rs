//! The service registry.

use crate::{Store, StoreError, ts};
use limen_core::service::CasResponseFormat;
use limen_core::{AssuranceLevel, Service, ServiceProtocol, Strength, UrlPattern};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct NewService {
    pub name: String,
    pub protocol: ServiceProtocol,
    pub url_patterns: Vec<UrlPattern>,
    pub accepted_strengths: Vec<Strength>,
    pub min_assurance: AssuranceLevel,
    pub released_attributes: Vec<String>,
    pub logout_url: Option<String>,
    pub single_logout: bool,
    pub proxy_callbacks: Vec<UrlPattern>,
}

pub(crate) const COLUMNS: &str = "id, name, protocol, url_patterns, accepted_strengths, min_assurance, attributes, \
                       logout_url, single_logout, proxy_callbacks, builtin, response_format";

/// Every validation: the service a ticket was issued to. Listed in [`crate::hot_queries`].
pub(crate) static SERVICE_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {COLUMNS} FROM services WHERE id = $1"));

fn json_list(patterns: &[UrlPattern]) -> String {
    serde_json::to_string(&patterns.iter().map(ToString::to_string).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}

/// [`Store::service_by_id`] on a connection already held (a request's reads on one connection).
pub(crate) async fn service_by_id_on(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<Service>, StoreError> {
    let row = sqlx::query(&SERVICE_BY_ID)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(to_service).transpose()
}

pub(crate) fn to_service(row: &AnyRow) -> Result<Service, StoreError> {
    let corrupt = |what: &str, e: String| StoreError::Corrupt(format!("service {what}: {e}"));
    let patterns = |column: &str| -> Result<Vec<UrlPattern>, StoreError> {
        let raw: String = row.try_get(column)?;
        let list: Vec<String> =
            serde_json::from_str(&raw).map_err(|e| corrupt(column, e.to_string()))?;
        let mut patterns = Vec::with_capacity(list.len());
        for p in &list {
            match UrlPattern::parse(p) {
                Ok(pattern) => patterns.push(pattern),
                // Registered before such patterns were refused. It could match no URL anyway
                // (`UrlPattern::matches` refuses control characters), and one such row must not
                // turn every lookup of the registry into an error: it is left out, and said.
                Err(e @ limen_core::service::PatternError::ControlCharacter(_)) => {
                    tracing::warn!(column, error = %e, "URL pattern ignored; remove and register the service again");
                }
                Err(e) => return Err(corrupt(column, e.to_string())),
            }
        }
        Ok(patterns)
    };
    let strengths: String = row.try_get("accepted_strengths")?;
    let attributes: String = row.try_get("attributes")?;
    let protocol: String = row.try_get("protocol")?;
    Ok(Service {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        protocol: match protocol.as_str() {
            "cas" => ServiceProtocol::Cas,
            "oidc" => ServiceProtocol::Oidc,
            "saml" => ServiceProtocol::Saml,
            other => return Err(corrupt("protocol", other.to_owned())),
        },
        url_patterns: patterns("url_patterns")?,
        accepted_strengths: serde_json::from_str(&strengths)
            .map_err(|e| corrupt("strengths", e.to_string()))?,
        min_assurance: row
            .try_get::<String, _>("min_assurance")?
            .parse()
            .map_err(|e| corrupt("assurance", e))?,
        released_attributes: serde_json::from_str(&attributes)
            .map_err(|e| corrupt("attributes", e.to_string()))?,
        logout_url: row.try_get("logout_url")?,
        single_logout: row.try_get::<i64, _>("single_logout")? != 0,
        proxy_callbacks: patterns("proxy_callbacks")?,
        builtin: row.try_get::<i64, _>("builtin")? != 0,
        response_format: match row.try_get::<String, _>("response_format")?.as_str() {
            "cas" => CasResponseFormat::Cas,
            "ecas" => CasResponseFormat::Ecas,
            other => return Err(corrupt("response format", other.to_owned())),
        },
    })
}

impl Store {
    pub async fn create_service(
        &self,
        new: &NewService,
        now: OffsetDateTime,
    ) -> Result<Service, StoreError> {
        self.insert_service(new, false, now).await
    }

    pub(crate) async fn insert_service(
        &self,
        new: &NewService,
        builtin: bool,
        now: OffsetDateTime,
    ) -> Result<Service, StoreError> {
        let row = sqlx::query(&format!(
            "INSERT INTO services (name, protocol, url_patterns, accepted_strengths, min_assurance, attributes, \
             logout_url, single_logout, proxy_callbacks, builtin, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {COLUMNS}"
        ))
        .bind(&new.name)
        .bind(new.protocol.as_str())
        .bind(json_list(&new.url_patterns))
        .bind(serde_json::to_string(&new.accepted_strengths).unwrap_or_else(|_| "[]".into()))
        .bind(new.min_assurance.as_str())
        .bind(serde_json::to_string(&new.released_attributes).unwrap_or_else(|_| "[]".into()))
        .bind(new.logout_url.clone())
        .bind(i64::from(new.single_logout))
        .bind(json_list(&new.proxy_callbacks))
        .bind(i64::from(builtin))
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "service"))?;
        to_service(&row)
    }

    /// Sets the format of a CAS service's answers at the CAS 2.0/3.0 validation endpoints.
    pub async fn set_service_response_format(
        &self,
        service_id: i64,
        format: CasResponseFormat,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE services SET response_format = $1 WHERE id = $2")
            .bind(format.as_str())
            .bind(service_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Creates or updates a service that Limen manages itself (the demo service), keyed by name.
    pub async fn upsert_builtin_service(
        &self,
        new: &NewService,
        now: OffsetDateTime,
    ) -> Result<Service, StoreError> {
        let updated = sqlx::query(&format!(
            "UPDATE services SET url_patterns = $1, logout_url = $2, single_logout = $3, attributes = $4 \
             WHERE name = $5 AND builtin = 1 RETURNING {COLUMNS}"
        ))
        .bind(json_list(&new.url_patterns))
        .bind(new.logout_url.clone())
        .bind(i64::from(new.single_logout))
        .bind(serde_json::to_string(&new.released_attributes).unwrap_or_else(|_| "[]".into()))
        .bind(&new.name)
        .fetch_optional(&self.pool)
        .await?;
        match updated {
            Some(row) => to_service(&row),
            None => self.insert_service(new, true, now).await,
        }
    }

    /// Writes the changeable fields of a registered service (the admin API's PATCH): URL
    /// patterns, strengths, assurance, attributes, single logout, proxy callbacks and response
    /// format. The name, the protocol and a built-in service are left alone (`NotFound`).
    pub async fn update_service(&self, s: &Service) -> Result<Service, StoreError> {
        let row = sqlx::query(&format!(
            "UPDATE services SET url_patterns = $1, accepted_strengths = $2, min_assurance = $3, \
             attributes = $4, logout_url = $5, single_logout = $6, proxy_callbacks = $7, \
             response_format = $8 WHERE id = $9 AND builtin = 0 RETURNING {COLUMNS}"
        ))
        .bind(json_list(&s.url_patterns))
        .bind(serde_json::to_string(&s.accepted_strengths).unwrap_or_else(|_| "[]".into()))
        .bind(s.min_assurance.as_str())
        .bind(serde_json::to_string(&s.released_attributes).unwrap_or_else(|_| "[]".into()))
        .bind(s.logout_url.clone())
        .bind(i64::from(s.single_logout))
        .bind(json_list(&s.proxy_callbacks))
        .bind(s.response_format.as_str())
        .bind(s.id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref()
            .map(to_service)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    pub async fn list_services(&self) -> Result<Vec<Service>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM services ORDER BY id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_service).collect()
    }

    pub async fn service_by_id(&self, id: i64) -> Result<Option<Service>, StoreError> {
        service_by_id_on(&mut *self.pool.acquire().await?, id).await
    }

    pub async fn service_by_name(&self, name: &str) -> Result<Option<Service>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM services WHERE name = $1"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_service).transpose()
    }

    pub async fn remove_service(&self, name: &str) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM services WHERE name = $1")
            .bind(name)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The registered service a URL belongs to: the first, by registration order, whose pattern matches.
    pub async fn service_for_url(&self, url: &str) -> Result<Option<Service>, StoreError> {
        Ok(self
            .list_services()
            .await?
            .into_iter()
            .find(|s| s.protocol == ServiceProtocol::Cas && s.matches(url)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::each_backend;

    pub(crate) fn demo(name: &str, pattern: &str) -> NewService {
        NewService {
            name: name.into(),
            protocol: ServiceProtocol::Cas,
            url_patterns: vec![UrlPattern::parse(pattern).unwrap()],
            accepted_strengths: vec![Strength::Password],
            min_assurance: AssuranceLevel::Low,
            released_attributes: vec!["uid".into(), "email".into()],
            logout_url: None,
            single_logout: true,
            proxy_callbacks: vec![UrlPattern::parse(r"^https://proxy\.example\.org/cb$").unwrap()],
        }
    }

    #[tokio::test]
    async fn registry_round_trip_and_matching() {
        each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let a = store
                .create_service(&demo("App A", "https://a.example.org/*"), now)
                .await
                .unwrap();
            store
                .create_service(&demo("App B", "https://b.example.org/login"), now)
                .await
                .unwrap();
            assert!(matches!(
                store
                    .create_service(&demo("App A", "https://c.example.org/*"), now)
                    .await,
                Err(StoreError::Duplicate("service"))
            ));
            let found = store
                .service_for_url("https://a.example.org/page")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(found.id, a.id);
            assert_eq!(found.accepted_strengths, vec![Strength::Password]);
            assert!(found.single_logout);
            assert!(found.may_proxy_to("https://proxy.example.org/cb"));
            assert!(
                store
                    .service_for_url("https://b.example.org/login?x")
                    .await
                    .unwrap()
                    .is_none()
            );
            assert_eq!(store.list_services().await.unwrap().len(), 2);
            store.remove_service("App B").await.unwrap();
            assert!(matches!(
                store.remove_service("App B").await,
                Err(StoreError::NotFound)
            ));

            let demo1 = store
                .upsert_builtin_service(&demo("Demo", "http://127.0.0.1:8080/demo/*"), now)
                .await
                .unwrap();
            let demo2 = store
                .upsert_builtin_service(&demo("Demo", "http://127.0.0.1:9090/demo/*"), now)
                .await
                .unwrap();
            assert_eq!(demo1.id, demo2.id);
            assert!(demo2.builtin);
            assert!(demo2.matches("http://127.0.0.1:9090/demo/"));
        })
        .await;
    }

    /// A pattern with a control character, stored before registration refused them, is left
    /// out; the registry keeps answering for every other service.
    #[tokio::test]
    async fn a_stored_pattern_with_a_control_character_is_ignored() {
        each_backend(|store| async move {
            let now = OffsetDateTime::now_utc();
            let a = store
                .create_service(&demo("App A", "https://a.example.org/*"), now)
                .await
                .unwrap();
            let b = store
                .create_service(&demo("App B", "https://b.example.org/*"), now)
                .await
                .unwrap();
            sqlx::query("UPDATE services SET url_patterns = $1 WHERE id = $2")
                .bind(r#"["https://b.example.org/x\r\ny*", "https://b.example.org/ok"]"#)
                .bind(b.id)
                .execute(&store.pool)
                .await
                .unwrap();
            let services = store.list_services().await.unwrap();
            assert_eq!(services.len(), 2);
            let b = services.iter().find(|s| s.id == b.id).unwrap();
            assert_eq!(b.url_patterns.len(), 1, "{:?}", b.url_patterns);
            assert!(b.matches("https://b.example.org/ok"));
            for url in ["https://b.example.org/x\r\nyz", "https://b.example.org/xyz"] {
                assert!(
                    store.service_for_url(url).await.unwrap().is_none(),
                    "{url:?}"
                );
            }
            let found = store
                .service_for_url("https://a.example.org/page")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(found.id, a.id);
        })
        .await;
    }
}
