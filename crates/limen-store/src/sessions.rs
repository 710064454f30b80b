//! SSO sessions and the services each one has visited (for single logout).

use crate::{Store, StoreError, from_ts, ts};
use limen_core::{Proof, SsoSession};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// A service the session obtained a ticket for.
#[derive(Debug, Clone)]
pub struct SessionService {
    pub service_id: i64,
    pub service_name: String,
    pub service_url: String,
    pub ticket: String,
    pub logout_url: Option<String>,
    pub single_logout: bool,
    pub at: OffsetDateTime,
    /// The session's public id: the OIDC `sid`.
    pub sid: String,
    /// For an OpenID Connect client (then `ticket` is the grant id): how it hears of logouts.
    pub oidc: Option<OidcLogout>,
    /// For a SAML service provider (then `ticket` is the SessionIndex): what its LogoutRequest
    /// must repeat, as JSON (docs/SAML.md §9.1).
    pub saml: Option<String>,
}

/// Where an OpenID Connect client is told of a logout.
#[derive(Debug, Clone)]
pub struct OidcLogout {
    pub client_id: String,
    pub backchannel_uri: Option<String>,
    pub frontchannel_uri: Option<String>,
}

/// What "my sessions" shows.
#[derive(Debug, Clone)]
pub struct SessionSummary {
    pub session: SsoSession,
    pub services: Vec<String>,
}

const COLUMNS: &str =
    "id, public_id, account_id, proofs, created_at, last_seen_at, client_ip, user_agent";

// Listed in [`crate::hot_queries`]: a sign-in writes the session; every request with the SSO
// cookie reads it (and records activity at most once a minute); every ticket or grant issued
// records the service visited; the session timeout job (every minute) finds the sessions to end.
pub(crate) const SESSION_INSERT: &str = "INSERT INTO sso_sessions (id, public_id, account_id, proofs, \
     created_at, last_seen_at, expires_at, client_ip, user_agent) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
pub(crate) static SESSION_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {COLUMNS} FROM sso_sessions WHERE id = $1"));
pub(crate) const SESSION_TOUCH: &str =
    "UPDATE sso_sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $3";
pub(crate) const SESSION_SERVICE_INSERT: &str = "INSERT INTO session_services \
     (session_id, service_id, service_url, ticket, at) VALUES ($1, $2, $3, $4, $5)";
pub(crate) const EXPIRED_SESSION_IDS: &str = "SELECT id FROM sso_sessions \
     WHERE expires_at < $1 OR last_seen_at < $2 \
     OR account_id IN (SELECT id FROM accounts WHERE status <> 'active')";

fn to_session(row: &AnyRow) -> Result<SsoSession, StoreError> {
    let proofs: String = row.try_get("proofs")?;
    Ok(SsoSession {
        id: row.try_get("id")?,
        public_id: row.try_get("public_id")?,
        account_id: row.try_get("account_id")?,
        proofs: serde_json::from_str::<Vec<Proof>>(&proofs)
            .map_err(|e| StoreError::Corrupt(format!("session proofs: {e}")))?,
        created_at: from_ts(row.try_get("created_at")?),
        last_seen_at: from_ts(row.try_get("last_seen_at")?),
        client_ip: row.try_get("client_ip")?,
        user_agent: row.try_get("user_agent")?,
    })
}

impl Store {
    pub async fn create_session(
        &self,
        s: &SsoSession,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(SESSION_INSERT)
            .bind(&s.id)
            .bind(&s.public_id)
            .bind(s.account_id)
            .bind(serde_json::to_string(&s.proofs).unwrap_or_else(|_| "[]".into()))
            .bind(ts(s.created_at))
            .bind(ts(s.last_seen_at))
            .bind(ts(expires_at))
            .bind(&s.client_ip)
            .bind(&s.user_agent)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn session(&self, id: &str) -> Result<Option<SsoSession>, StoreError> {
        let row = sqlx::query(&SESSION_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_session).transpose()
    }

    /// Records activity (idle timeout restarts). Written at most once a minute per session.
    pub async fn touch_session(&self, id: &str, now: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query(SESSION_TOUCH)
            .bind(ts(now))
            .bind(id)
            .bind(ts(now) - 60)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn save_session_proofs(&self, s: &SsoSession) -> Result<(), StoreError> {
        sqlx::query("UPDATE sso_sessions SET proofs = $1, last_seen_at = $2 WHERE id = $3")
            .bind(serde_json::to_string(&s.proofs).unwrap_or_else(|_| "[]".into()))
            .bind(ts(s.last_seen_at))
            .bind(&s.id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn add_session_service(
        &self,
        session_id: &str,
        service_id: i64,
        service_url: &str,
        ticket: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(SESSION_SERVICE_INSERT)
            .bind(session_id)
            .bind(service_id)
            .bind(service_url)
            .bind(ticket)
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn session_services(
        &self,
        session_id: &str,
    ) -> Result<Vec<SessionService>, StoreError> {
        let rows = sqlx::query(
            "SELECT ss.service_id, s.name, ss.service_url, ss.ticket, s.logout_url, s.single_logout, ss.at, \
             c.client_id, c.backchannel_logout_uri, c.frontchannel_logout_uri, sess.public_id, ss.saml \
             FROM session_services ss JOIN services s ON s.id = ss.service_id \
             JOIN sso_sessions sess ON sess.id = ss.session_id \
             LEFT JOIN oidc_clients c ON c.service_id = ss.service_id \
             WHERE ss.session_id = $1 ORDER BY ss.id",
        )
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SessionService {
                    service_id: r.try_get(0)?,
                    service_name: r.try_get(1)?,
                    service_url: r.try_get(2)?,
                    ticket: r.try_get(3)?,
                    logout_url: r.try_get(4)?,
                    single_logout: r.try_get::<i64, _>(5)? != 0,
                    at: from_ts(r.try_get(6)?),
                    sid: r.try_get(10)?,
                    saml: r.try_get(11)?,
                    oidc: match r.try_get::<Option<String>, _>(7)? {
                        Some(client_id) => Some(OidcLogout {
                            client_id,
                            backchannel_uri: r.try_get(8)?,
                            frontchannel_uri: r.try_get(9)?,
                        }),
                        None => None,
                    },
                })
            })
            .collect()
    }

    /// Ends a session and returns the services it visited, for single logout. Its tickets go with it.
    pub async fn end_session(&self, id: &str) -> Result<Vec<SessionService>, StoreError> {
        let services = self.session_services(id).await?;
        let deleted = sqlx::query("DELETE FROM sso_sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        // Two nodes may end the same session at once (a logout and the time-out job, say):
        // only the one whose DELETE removed the row reports its services, so the services
        // are told once.
        Ok(if deleted == 1 { services } else { Vec::new() })
    }

    /// The account's sessions still alive: before their absolute expiry and used since `idle_cutoff`.
    pub async fn sessions_of_account(
        &self,
        account_id: i64,
        now: OffsetDateTime,
        idle_cutoff: OffsetDateTime,
    ) -> Result<Vec<SessionSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM sso_sessions WHERE account_id = $1 AND expires_at >= $2 \
             AND last_seen_at >= $3 ORDER BY created_at DESC"
        ))
        .bind(account_id)
        .bind(ts(now))
        .bind(ts(idle_cutoff))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let session = to_session(row)?;
            let mut services: Vec<String> = Vec::new();
            for s in self.session_services(&session.id).await? {
                if !services.contains(&s.service_name) {
                    services.push(s.service_name);
                }
            }
            out.push(SessionSummary { session, services });
        }
        Ok(out)
    }

    /// The session of `account_id` with this public id, if it is theirs.
    pub async fn session_by_public_id(
        &self,
        account_id: i64,
        public_id: &str,
    ) -> Result<Option<SsoSession>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM sso_sessions WHERE public_id = $1 AND account_id = $2"
        ))
        .bind(public_id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_session).transpose()
    }

    /// Sessions that must end: past their absolute expiry, idle since before `idle_cutoff`, or
    /// belonging to an account that is no longer active (locked or deleted).
    pub async fn expired_session_ids(
        &self,
        now: OffsetDateTime,
        idle_cutoff: OffsetDateTime,
    ) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(EXPIRED_SESSION_IDS)
            .bind(ts(now))
            .bind(ts(idle_cutoff))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// All session ids of an account (to end them all, e.g. after a password reset).
    pub async fn session_ids_of_account(&self, account_id: i64) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT id FROM sso_sessions WHERE account_id = $1")
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::NewAccount;
    use crate::testdb::each_backend;
    use limen_core::{
        AccountStatus, AssuranceLevel, Email, PersonName, ServiceProtocol, Strength, UrlPattern,
        UserType,
    };

    pub(crate) async fn account_and_service(store: &Store) -> (i64, i64) {
        let now = OffsetDateTime::now_utc();
        let account = store
            .create_account(
                NewAccount {
                    email: Email::parse("s@example.org").unwrap(),
                    first_name: None,
                    last_name: PersonName::parse("Session").unwrap(),
                    user_type: UserType::External,
                    status: AccountStatus::Active,
                    assurance: AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: None,
                },
                now,
            )
            .await
            .unwrap();
        let service = store
            .create_service(
                &crate::NewService {
                    name: "S".into(),
                    protocol: ServiceProtocol::Cas,
                    url_patterns: vec![UrlPattern::parse("https://s.example.org/*").unwrap()],
                    accepted_strengths: vec![],
                    min_assurance: AssuranceLevel::Low,
                    released_attributes: vec![],
                    logout_url: None,
                    single_logout: true,
                    proxy_callbacks: vec![],
                },
                now,
            )
            .await
            .unwrap();
        (account.id, service.id)
    }

    pub(crate) fn session(id: &str, account_id: i64, now: OffsetDateTime) -> SsoSession {
        SsoSession {
            id: id.into(),
            public_id: format!("pub-{id}"),
            account_id,
            proofs: vec![Proof {
                strength: Strength::Password,
                at: now,
                device: None,
            }],
            created_at: now,
            last_seen_at: now,
            client_ip: "127.0.0.1".into(),
            user_agent: "UA".into(),
        }
    }

    #[tokio::test]
    async fn a_session_ended_by_two_nodes_at_once_reports_its_services_once() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (account, service) = account_and_service(&store).await;
            for round in 0..5 {
                let id = format!("s{round}");
                store
                    .create_session(&session(&id, account, now), now + time::Duration::hours(8))
                    .await
                    .unwrap();
                store
                    .add_session_service(&id, service, "https://s.example.org/x", "ST-1", now)
                    .await
                    .unwrap();
                // A logout on one node and the time-out job on another, at the same moment.
                let (a, b) = tokio::join!(store.end_session(&id), store.end_session(&id));
                let told = a.unwrap().len() + b.unwrap().len();
                assert_eq!(told, 1, "round {round}: the service is told once");
            }
        })
        .await;
    }

    #[tokio::test]
    async fn sessions_record_services_and_end() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (account, service) = account_and_service(&store).await;
            store
                .create_session(&session("a", account, now), now + time::Duration::hours(8))
                .await
                .unwrap();
            store
                .create_session(&session("b", account, now), now + time::Duration::hours(8))
                .await
                .unwrap();
            store
                .add_session_service("a", service, "https://s.example.org/x", "ST-1", now)
                .await
                .unwrap();
            let loaded = store.session("a").await.unwrap().unwrap();
            assert_eq!(loaded.proofs[0].strength, Strength::Password);
            let mine = store
                .sessions_of_account(account, now, now - time::Duration::hours(2))
                .await
                .unwrap();
            assert_eq!(mine.len(), 2);
            assert!(mine.iter().any(|s| s.services == vec!["S".to_owned()]));
            assert!(
                store
                    .session_by_public_id(account, "pub-b")
                    .await
                    .unwrap()
                    .is_some()
            );
            assert!(
                store
                    .session_by_public_id(account + 1, "pub-b")
                    .await
                    .unwrap()
                    .is_none()
            );
            let visited = store.end_session("a").await.unwrap();
            assert_eq!(visited.len(), 1);
            assert_eq!(visited[0].ticket, "ST-1");
            assert!(store.session("a").await.unwrap().is_none());
            assert!(store.session_services("a").await.unwrap().is_empty());
            assert_eq!(
                store.session_ids_of_account(account).await.unwrap(),
                vec!["b".to_owned()]
            );
            assert_eq!(
                store
                    .purge_expired(now + time::Duration::hours(9))
                    .await
                    .unwrap(),
                1
            );
        })
        .await;
    }
}
