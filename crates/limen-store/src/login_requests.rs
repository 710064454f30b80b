//! EU Login login requests (`POST /cas/login/init`, issue 13): the login parameters a client
//! stored before sending the browser to `/cas/login?loginRequestId=…`. Kept under the SHA-256 of
//! the id (the caller hashes), claimed by the first browser that opens it, taken (deleted) when
//! the login it started ends; short-lived. Every value is the caller's, checked before storing.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// The stored parameters of one login request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRequest {
    pub service_id: i64,
    /// The exact `service` URL given (a registered one).
    pub service_url: String,
    pub renew: bool,
    pub gateway: bool,
    /// EU Login `acceptStrengths`, as given.
    pub accept_strengths: Option<String>,
    /// EU Login `authenticationLevel`, as given.
    pub authentication_level: Option<String>,
    /// EU Login `assuranceLevel`, as given.
    pub assurance_level: Option<String>,
    /// CAS 3.0 §2.1.1 `method`.
    pub method: Option<String>,
    pub locale: Option<String>,
    /// SHA-256 (hex) of the `clientFingerprint` value, never the value.
    pub client_fingerprint: Option<String>,
    /// The keyed digest of the browser that claimed the request; `None` until one did.
    pub browser: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

const COLUMNS: &str = "service_id, service_url, renew, gateway, accept_strengths, authentication_level, \
                       assurance_level, method, locale, client_fingerprint, browser, created_at, expires_at";

fn to_request(row: &AnyRow) -> Result<LoginRequest, StoreError> {
    Ok(LoginRequest {
        service_id: row.try_get("service_id")?,
        service_url: row.try_get("service_url")?,
        renew: row.try_get::<i64, _>("renew")? != 0,
        gateway: row.try_get::<i64, _>("gateway")? != 0,
        accept_strengths: row.try_get("accept_strengths")?,
        authentication_level: row.try_get("authentication_level")?,
        assurance_level: row.try_get("assurance_level")?,
        method: row.try_get("method")?,
        locale: row.try_get("locale")?,
        client_fingerprint: row.try_get("client_fingerprint")?,
        browser: row.try_get("browser")?,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
    })
}

impl Store {
    /// Stores a new, unclaimed login request under the SHA-256 of its id.
    pub async fn insert_login_request(
        &self,
        id_hash: &str,
        r: &LoginRequest,
    ) -> Result<(), StoreError> {
        sqlx::query(&format!(
            "INSERT INTO login_requests (id, {COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))
        .bind(id_hash)
        .bind(r.service_id)
        .bind(&r.service_url)
        .bind(i64::from(r.renew))
        .bind(i64::from(r.gateway))
        .bind(r.accept_strengths.clone())
        .bind(r.authentication_level.clone())
        .bind(r.assurance_level.clone())
        .bind(r.method.clone())
        .bind(r.locale.clone())
        .bind(r.client_fingerprint.clone())
        .bind(r.browser.clone())
        .bind(ts(r.created_at))
        .bind(ts(r.expires_at))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "login request"))?;
        Ok(())
    }

    /// Opens a live login request for `browser`. An unclaimed one is claimed by it in one
    /// statement — of two browsers opening the same id at once, exactly one gets it — and lives
    /// until `until` from then on (returned with `true`). One claimed earlier is returned as it
    /// is (`false`), whoever claimed it: the caller compares `browser` (in constant time).
    pub async fn claim_login_request(
        &self,
        id_hash: &str,
        browser: &str,
        now: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<Option<(LoginRequest, bool)>, StoreError> {
        let claimed = sqlx::query(&format!(
            "UPDATE login_requests SET browser = $2, expires_at = $3 \
             WHERE id = $1 AND browser IS NULL AND expires_at > $4 RETURNING {COLUMNS}"
        ))
        .bind(id_hash)
        .bind(browser)
        .bind(ts(until))
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = claimed {
            return Ok(Some((to_request(&row)?, true)));
        }
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM login_requests WHERE id = $1 AND expires_at > $2"
        ))
        .bind(id_hash)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .as_ref()
            .map(to_request)
            .transpose()?
            .map(|r| (r, false)))
    }

    /// Removes and returns a login request: whoever calls this first gets it, nobody twice.
    /// An expired one is removed too, and reported as absent.
    pub async fn take_login_request(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<LoginRequest>, StoreError> {
        let row = sqlx::query(&format!(
            "DELETE FROM login_requests WHERE id = $1 RETURNING {COLUMNS}"
        ))
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .as_ref()
            .map(to_request)
            .transpose()?
            .filter(|r| r.expires_at > now))
    }

    /// Drops the expired login requests.
    pub(crate) async fn purge_login_requests(
        &self,
        now: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        Ok(
            sqlx::query("DELETE FROM login_requests WHERE expires_at <= $1")
                .bind(ts(now))
                .execute(&self.pool)
                .await?
                .rows_affected(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::tests::account_and_service;
    use crate::testdb::each_backend;
    use time::Duration;

    fn request(service_id: i64, now: OffsetDateTime) -> LoginRequest {
        LoginRequest {
            service_id,
            service_url: "https://s.example.org/x".into(),
            renew: true,
            gateway: false,
            accept_strengths: Some("PASSWORD".into()),
            authentication_level: None,
            assurance_level: Some("20".into()),
            method: Some("POST".into()),
            locale: Some("fr".into()),
            client_fingerprint: Some("a".repeat(64)),
            browser: None,
            created_at: now,
            expires_at: now + Duration::minutes(5),
        }
    }

    #[tokio::test]
    async fn a_request_is_claimed_by_one_browser_and_taken_once() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (_, service) = account_and_service(&store).await;
            let stored = request(service, now);
            store.insert_login_request("h1", &stored).await.unwrap();
            assert!(matches!(
                store.insert_login_request("h1", &stored).await,
                Err(StoreError::Duplicate(_))
            ));
            let until = now + Duration::minutes(30);
            let (first, fresh) = store
                .claim_login_request("h1", "browser-a", now, until)
                .await
                .unwrap()
                .unwrap();
            assert!(fresh);
            assert_eq!(first.browser.as_deref(), Some("browser-a"));
            assert_eq!(first.expires_at, until);
            assert_eq!(
                LoginRequest {
                    browser: None,
                    expires_at: stored.expires_at,
                    ..first.clone()
                },
                stored
            );
            // Another browser (or the same one again) sees it claimed: the caller decides.
            let (again, fresh) = store
                .claim_login_request("h1", "browser-b", now, until)
                .await
                .unwrap()
                .unwrap();
            assert!(!fresh);
            assert_eq!(again.browser.as_deref(), Some("browser-a"));
            // The claim outlives the first lifetime.
            assert!(
                store
                    .claim_login_request("h1", "browser-a", now + Duration::minutes(10), until)
                    .await
                    .unwrap()
                    .is_some()
            );
            let taken = store.take_login_request("h1", now).await.unwrap().unwrap();
            assert_eq!(taken.client_fingerprint, Some("a".repeat(64)));
            assert!(store.take_login_request("h1", now).await.unwrap().is_none());
            assert!(
                store
                    .claim_login_request("h1", "browser-a", now, until)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store
                    .claim_login_request("nope", "browser-a", now, until)
                    .await
                    .unwrap()
                    .is_none()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn expired_requests_cannot_be_claimed_or_taken_and_are_purged() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (_, service) = account_and_service(&store).await;
            store
                .insert_login_request("h2", &request(service, now))
                .await
                .unwrap();
            store
                .insert_login_request("h3", &request(service, now))
                .await
                .unwrap();
            let later = now + Duration::minutes(5);
            assert!(
                store
                    .claim_login_request("h2", "b", later, later + Duration::minutes(30))
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store
                    .take_login_request("h2", later)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert_eq!(store.purge_login_requests(later).await.unwrap(), 1);
            assert!(store.take_login_request("h3", now).await.unwrap().is_none());
        })
        .await;
    }
}
