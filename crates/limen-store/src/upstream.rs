//! Links between Limen accounts and upstream identities (issue 19, docs/FEDERATION.md §2), and
//! the SAML assertions already consumed.
//!
//! An upstream identity is keyed by its upstream id, issuer and subject — never by an e-mail
//! address — and reaches an account only through a row here. One identity links to one account
//! (unique index); an account may hold several links.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// One link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamLink {
    pub id: i64,
    pub account_id: i64,
    /// The `[[upstream]]` id.
    pub upstream: String,
    pub issuer: String,
    pub subject: String,
    /// What a sign-in through it proves: `SOCIAL_NETWORKS` or `EIDAS` (the step-up needed to
    /// change the account's ways in counts an eID).
    pub strength: String,
    /// What My account shows of it.
    pub display: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

const COLUMNS: &str =
    "id, account_id, upstream, strength, issuer, subject, display, created_at, last_used_at";

/// Sign-in: the account's linked upstream identities. Listed in [`crate::hot_queries`].
pub(crate) static UPSTREAM_OF_ACCOUNT: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {COLUMNS} FROM upstream_links WHERE account_id = $1 ORDER BY created_at, id")
});

fn to_link(row: &AnyRow) -> Result<UpstreamLink, StoreError> {
    Ok(UpstreamLink {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        upstream: row.try_get("upstream")?,
        strength: row.try_get("strength")?,
        issuer: row.try_get("issuer")?,
        subject: row.try_get("subject")?,
        display: row.try_get("display")?,
        created_at: from_ts(row.try_get("created_at")?),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(from_ts),
    })
}

impl Store {
    /// The link of an upstream identity, if any.
    pub async fn upstream_link(
        &self,
        upstream: &str,
        issuer: &str,
        subject: &str,
    ) -> Result<Option<UpstreamLink>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM upstream_links WHERE upstream = $1 AND issuer = $2 AND subject = $3"
        ))
        .bind(upstream)
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_link).transpose()
    }

    /// The account's links, oldest first.
    pub async fn upstream_links_of(
        &self,
        account_id: i64,
    ) -> Result<Vec<UpstreamLink>, StoreError> {
        let rows = sqlx::query(&UPSTREAM_OF_ACCOUNT)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_link).collect()
    }

    /// Links an identity to an account; `None` when the identity is already linked (to this
    /// account or another: the caller tells which by reading the link).
    #[allow(clippy::too_many_arguments)]
    pub async fn add_upstream_link(
        &self,
        account_id: i64,
        upstream: &str,
        strength: &str,
        issuer: &str,
        subject: &str,
        display: &str,
        now: OffsetDateTime,
    ) -> Result<Option<UpstreamLink>, StoreError> {
        let row = sqlx::query(&format!(
            "INSERT INTO upstream_links (account_id, upstream, strength, issuer, subject, display, \
             created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (upstream, issuer, subject) DO NOTHING RETURNING {COLUMNS}"
        ))
        .bind(account_id)
        .bind(upstream)
        .bind(strength)
        .bind(issuer)
        .bind(subject)
        .bind(display)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_link).transpose()
    }

    /// Records a sign-in through a link.
    pub async fn upstream_link_used(&self, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query("UPDATE upstream_links SET last_used_at = $1 WHERE id = $2")
            .bind(ts(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes one of the account's links; `None` when it has no such link.
    pub async fn delete_upstream_link(
        &self,
        account_id: i64,
        id: i64,
    ) -> Result<Option<UpstreamLink>, StoreError> {
        let row = sqlx::query(&format!(
            "DELETE FROM upstream_links WHERE account_id = $1 AND id = $2 RETURNING {COLUMNS}"
        ))
        .bind(account_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_link).transpose()
    }

    /// Removes every link of the account (PANIC, the help desk).
    pub async fn delete_upstream_links_of(
        &self,
        account_id: i64,
    ) -> Result<Vec<UpstreamLink>, StoreError> {
        let rows = sqlx::query(&format!(
            "DELETE FROM upstream_links WHERE account_id = $1 RETURNING {COLUMNS}"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_link).collect()
    }

    /// Links per upstream id (`limen upstream list`).
    pub async fn count_upstream_links(&self, upstream: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM upstream_links WHERE upstream = $1")
            .bind(upstream)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Removes every link to an upstream (`limen upstream remove --force`); the accounts.
    pub async fn delete_upstream_links_to(&self, upstream: &str) -> Result<Vec<i64>, StoreError> {
        let rows =
            sqlx::query("DELETE FROM upstream_links WHERE upstream = $1 RETURNING account_id")
                .bind(upstream)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| r.try_get("account_id").map_err(StoreError::from))
            .collect()
    }

    /// Records a consumed SAML assertion (SAML Profiles §4.1.4.5): `true` the first time, `false`
    /// when it was seen before (a replay). Expired entries are purged on the way.
    pub async fn saml_assertion_first_use(
        &self,
        id_hash: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        sqlx::query("DELETE FROM saml_replay WHERE expires_at < $1")
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        let done = sqlx::query(
            "INSERT INTO saml_replay (id_hash, expires_at) VALUES ($1, $2) \
             ON CONFLICT (id_hash) DO NOTHING",
        )
        .bind(id_hash)
        .bind(ts(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
