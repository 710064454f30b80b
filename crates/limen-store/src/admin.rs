//! Administration (issue 21): who holds an admin role, the admin API's access tokens, account
//! search and the dashboard's figures.

use crate::accounts::{COLUMNS, to_account};
use crate::{Backend, Store, StoreError, from_ts, ts};
use limen_core::{Account, AccountStatus, AdminRole};
use sqlx::Row;
use time::OffsetDateTime;

/// A person holding a role.
#[derive(Debug, Clone)]
pub struct AdminGrant {
    pub account: Account,
    pub role: AdminRole,
    pub granted_at: OffsetDateTime,
    pub granted_by: String,
}

/// A program holding a role: an OpenID Connect client of the admin API.
#[derive(Debug, Clone)]
pub struct AdminClient {
    pub service_id: i64,
    pub service_name: String,
    pub client_id: String,
    pub role: AdminRole,
    pub granted_at: OffsetDateTime,
    pub granted_by: String,
}

/// What to look for among accounts; rows come by ascending id.
#[derive(Debug, Clone, Default)]
pub struct AccountQuery {
    /// A substring of the address, the first or the last name, or the uid (case-insensitive).
    pub text: Option<String>,
    pub status: Option<AccountStatus>,
    /// Keyset pagination: only accounts with a greater id.
    pub after_id: Option<i64>,
}

/// Logins of one hour by outcome and method (the dashboard's chart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginCount {
    /// Start of the hour (Unix seconds).
    pub hour: i64,
    /// `login.success` or `login.failure`.
    pub event: String,
    pub method: String,
    pub count: i64,
}

fn role(s: String) -> Result<AdminRole, StoreError> {
    s.parse().map_err(StoreError::Corrupt)
}

/// LIKE pattern for a substring, with LIKE's own characters taken literally.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    pub async fn grant_admin(
        &self,
        account_id: i64,
        role: AdminRole,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO admin_accounts (account_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (account_id) DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at, \
             granted_by = excluded.granted_by",
        )
        .bind(account_id)
        .bind(role.as_str())
        .bind(ts(now))
        .bind(by)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether there was a role to revoke.
    pub async fn revoke_admin(&self, account_id: i64) -> Result<bool, StoreError> {
        Ok(
            sqlx::query("DELETE FROM admin_accounts WHERE account_id = $1")
                .bind(account_id)
                .execute(&self.pool)
                .await?
                .rows_affected()
                > 0,
        )
    }

    pub async fn admin_role(&self, account_id: i64) -> Result<Option<AdminRole>, StoreError> {
        let row = sqlx::query("SELECT role FROM admin_accounts WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| role(r.try_get("role")?)).transpose()
    }

    /// Every person holding a role, by address.
    pub async fn admins(&self) -> Result<Vec<AdminGrant>, StoreError> {
        let cols: String = COLUMNS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {cols}, g.role AS admin_role, g.granted_at AS admin_granted_at, \
             g.granted_by AS admin_granted_by FROM admin_accounts g \
             JOIN accounts a ON a.id = g.account_id ORDER BY a.email_key"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AdminGrant {
                    account: to_account(r)?,
                    role: role(r.try_get("admin_role")?)?,
                    granted_at: from_ts(r.try_get("admin_granted_at")?),
                    granted_by: r.try_get("admin_granted_by")?,
                })
            })
            .collect()
    }

    pub async fn grant_admin_client(
        &self,
        service_id: i64,
        role: AdminRole,
        by: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO admin_clients (service_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (service_id) DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at, \
             granted_by = excluded.granted_by",
        )
        .bind(service_id)
        .bind(role.as_str())
        .bind(ts(now))
        .bind(by)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Revokes the role and every access token the client holds.
    pub async fn revoke_admin_client(&self, service_id: i64) -> Result<bool, StoreError> {
        sqlx::query("DELETE FROM admin_tokens WHERE service_id = $1")
            .bind(service_id)
            .execute(&self.pool)
            .await?;
        Ok(
            sqlx::query("DELETE FROM admin_clients WHERE service_id = $1")
                .bind(service_id)
                .execute(&self.pool)
                .await?
                .rows_affected()
                > 0,
        )
    }

    pub async fn admin_client_role(
        &self,
        service_id: i64,
    ) -> Result<Option<AdminRole>, StoreError> {
        let row = sqlx::query("SELECT role FROM admin_clients WHERE service_id = $1")
            .bind(service_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| role(r.try_get("role")?)).transpose()
    }

    pub async fn admin_clients(&self) -> Result<Vec<AdminClient>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.service_id, s.name, o.client_id, c.role, c.granted_at, c.granted_by \
             FROM admin_clients c JOIN services s ON s.id = c.service_id \
             JOIN oidc_clients o ON o.service_id = c.service_id ORDER BY s.name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AdminClient {
                    service_id: r.try_get(0)?,
                    service_name: r.try_get(1)?,
                    client_id: r.try_get(2)?,
                    role: role(r.try_get(3)?)?,
                    granted_at: from_ts(r.try_get(4)?),
                    granted_by: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// Stores an admin API access token by its hash.
    pub async fn create_admin_token(
        &self,
        hash: &str,
        service_id: i64,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO admin_tokens (hash, service_id, expires_at) VALUES ($1, $2, $3)")
            .bind(hash)
            .bind(service_id)
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The client behind a live token and its role now (a revoked role revokes the token).
    pub async fn admin_token(
        &self,
        hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<AdminClient>, StoreError> {
        let row = sqlx::query(
            "SELECT c.service_id, s.name, o.client_id, c.role, c.granted_at, c.granted_by \
             FROM admin_tokens t JOIN admin_clients c ON c.service_id = t.service_id \
             JOIN services s ON s.id = t.service_id JOIN oidc_clients o ON o.service_id = t.service_id \
             WHERE t.hash = $1 AND t.expires_at > $2",
        )
        .bind(hash)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(AdminClient {
                service_id: r.try_get(0)?,
                service_name: r.try_get(1)?,
                client_id: r.try_get(2)?,
                role: role(r.try_get(3)?)?,
                granted_at: from_ts(r.try_get(4)?),
                granted_by: r.try_get(5)?,
            })
        })
        .transpose()
    }

    pub(crate) async fn purge_admin_tokens(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        Ok(
            sqlx::query("DELETE FROM admin_tokens WHERE expires_at <= $1")
                .bind(ts(now))
                .execute(&self.pool)
                .await?
                .rows_affected(),
        )
    }

    /// Accounts matching `q` (deleted ones never), by ascending id, at most `limit`.
    pub async fn search_accounts(
        &self,
        q: &AccountQuery,
        limit: i64,
    ) -> Result<Vec<Account>, StoreError> {
        let mut sql = format!("SELECT {COLUMNS} FROM accounts WHERE status <> 'deleted'");
        let mut n = 0;
        let mut arg = |sql: &mut String, clause: &str| {
            n += 1;
            sql.push_str(&clause.replace('?', &format!("${n}")));
        };
        if q.text.is_some() {
            // One parameter ($1, the first) used four times.
            arg(
                &mut sql,
                " AND (email_key LIKE ? ESCAPE '\\' \
                 OR LOWER(COALESCE(first_name, '')) LIKE $1 ESCAPE '\\' \
                 OR LOWER(last_name) LIKE $1 ESCAPE '\\' OR LOWER(uid) LIKE $1 ESCAPE '\\')",
            );
        }
        if q.status.is_some() {
            arg(&mut sql, " AND status = ?");
        }
        if q.after_id.is_some() {
            arg(&mut sql, " AND id > ?");
        }
        arg(&mut sql, " ORDER BY id LIMIT ?");
        let mut query = sqlx::query(&sql);
        if let Some(t) = &q.text {
            query = query.bind(contains_pattern(t));
        }
        if let Some(s) = q.status {
            query = query.bind(s.as_str());
        }
        if let Some(a) = q.after_id {
            query = query.bind(a);
        }
        let rows = query.bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(to_account).collect()
    }

    /// How many accounts have this status.
    pub async fn count_accounts_with_status(
        &self,
        status: AccountStatus,
    ) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM accounts WHERE status = $1")
                .bind(status.as_str())
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }

    /// SSO sessions not yet expired.
    pub async fn count_live_sessions(&self, now: OffsetDateTime) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM sso_sessions WHERE expires_at > $1")
                .bind(ts(now))
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }

    /// Mails neither sent nor given up.
    pub async fn mail_backlog(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query(
            "SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?)
    }

    /// Logins since `since`, per hour, outcome and method (from the audit log).
    pub async fn login_counts(&self, since: OffsetDateTime) -> Result<Vec<LoginCount>, StoreError> {
        let method = match self.backend {
            Backend::Sqlite => "COALESCE(json_extract(detail, '$.method'), '')",
            Backend::Postgres => "COALESCE(detail::json->>'method', '')",
        };
        let rows = sqlx::query(&format!(
            "SELECT (at / 3600) * 3600 AS hour, event, {method} AS method, COUNT(*) AS n \
             FROM audit_log WHERE at >= $1 AND event IN ('login.success', 'login.failure') \
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ))
        .bind(ts(since))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LoginCount {
                    hour: r.try_get("hour")?,
                    event: r.try_get("event")?,
                    method: r.try_get("method")?,
                    count: r.try_get("n")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AuditEntry;
    use crate::testdb::{account, each_backend};
    use serde_json::json;

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    #[tokio::test]
    async fn roles_are_granted_changed_and_revoked() {
        each_backend(|store| async move {
            let id = account(&store, "ops@example.org").await;
            assert_eq!(store.admin_role(id).await.unwrap(), None);
            store
                .grant_admin(id, AdminRole::Helpdesk, "cli", now())
                .await
                .unwrap();
            store
                .grant_admin(id, AdminRole::Admin, "cli", now())
                .await
                .unwrap();
            assert_eq!(store.admin_role(id).await.unwrap(), Some(AdminRole::Admin));
            let all = store.admins().await.unwrap();
            assert_eq!(all.len(), 1);
            assert_eq!(all[0].account.id, id);
            assert!(store.revoke_admin(id).await.unwrap());
            assert!(!store.revoke_admin(id).await.unwrap());
            assert_eq!(store.admin_role(id).await.unwrap(), None);
        })
        .await;
    }

    #[tokio::test]
    async fn search_finds_by_part_of_a_name_and_pages() {
        each_backend(|store| async move {
            for e in ["anna@example.org", "bob@example.org", "anne_x@example.org"] {
                account(&store, e).await;
            }
            let q = AccountQuery {
                text: Some("ANN".into()),
                ..AccountQuery::default()
            };
            let found = store.search_accounts(&q, 10).await.unwrap();
            assert_eq!(found.len(), 2);
            let next = store
                .search_accounts(
                    &AccountQuery {
                        after_id: Some(found[0].id),
                        ..q.clone()
                    },
                    10,
                )
                .await
                .unwrap();
            assert_eq!(next.len(), 1);
            // LIKE's wildcards are literal.
            let under = store
                .search_accounts(
                    &AccountQuery {
                        text: Some("e_x".into()),
                        ..AccountQuery::default()
                    },
                    10,
                )
                .await
                .unwrap();
            assert_eq!(under.len(), 1);
            let pct = store
                .search_accounts(
                    &AccountQuery {
                        text: Some("%".into()),
                        ..AccountQuery::default()
                    },
                    10,
                )
                .await
                .unwrap();
            assert!(pct.is_empty());
        })
        .await;
    }

    #[tokio::test]
    async fn login_counts_group_by_hour_outcome_and_method() {
        each_backend(|store| async move {
            for (at, ev, m) in [
                (0, "login.success", "PASSWORD"),
                (10, "login.success", "PASSWORD"),
                (20, "login.failure", "WEBAUTHN"),
                (3700, "login.success", "PASSWORD"),
            ] {
                store
                    .audit(&AuditEntry::new(
                        now() + time::Duration::seconds(at),
                        ev,
                        None,
                        json!({"method": m}),
                    ))
                    .await
                    .unwrap();
            }
            let counts = store.login_counts(now()).await.unwrap();
            let total: i64 = counts.iter().map(|c| c.count).sum();
            assert_eq!(total, 4);
            assert!(
                counts
                    .iter()
                    .any(|c| c.event == "login.success" && c.method == "PASSWORD" && c.count == 2)
            );
            assert!(
                counts
                    .iter()
                    .any(|c| c.method == "WEBAUTHN" && c.count == 1)
            );
        })
        .await;
    }
}
