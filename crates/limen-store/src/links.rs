//! Single-use links sent by e-mail: set the first password, reset a lost one, change an expired
//! one, confirm a new e-mail address, confirm PANIC. Only the SHA-256 of a link's token is stored.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Registration: prove the mailbox and create the first password.
    Register,
    /// "Lost password?": choose a new one.
    Reset,
    /// The password is older than the maximum age: change it before going on (issued at login,
    /// never e-mailed).
    Expired,
    /// Confirm a new e-mail address (`new_email`).
    EmailChange,
    /// Confirm PANIC: remove every second factor (asked for with the password).
    Panic,
    /// Confirm the address of an account created through an upstream identity provider that
    /// did not vouch for it (issue 19): the account becomes active, no password is set.
    Activate,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Register => "register",
            LinkPurpose::Reset => "reset",
            LinkPurpose::Expired => "expired",
            LinkPurpose::EmailChange => "email_change",
            LinkPurpose::Panic => "panic",
            LinkPurpose::Activate => "activate",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "register" => LinkPurpose::Register,
            "reset" => LinkPurpose::Reset,
            "expired" => LinkPurpose::Expired,
            "email_change" => LinkPurpose::EmailChange,
            "panic" => LinkPurpose::Panic,
            "activate" => LinkPurpose::Activate,
            other => return Err(StoreError::Corrupt(format!("link purpose {other:?}"))),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Valid,
    Used,
    Expired,
}

#[derive(Debug, Clone)]
pub struct EmailLink {
    pub id: String,
    pub purpose: LinkPurpose,
    pub account_id: i64,
    pub new_email: Option<String>,
    /// The service URL the user came from, to go on to afterwards.
    pub service: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

impl EmailLink {
    pub fn state(&self, now: OffsetDateTime) -> LinkState {
        if self.used_at.is_some() {
            LinkState::Used
        } else if now >= self.expires_at {
            LinkState::Expired
        } else {
            LinkState::Valid
        }
    }
}

fn to_link(row: &AnyRow) -> Result<EmailLink, StoreError> {
    Ok(EmailLink {
        id: row.try_get("id")?,
        purpose: LinkPurpose::parse(&row.try_get::<String, _>("purpose")?)?,
        account_id: row.try_get("account_id")?,
        new_email: row.try_get("new_email")?,
        service: row.try_get("service")?,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
        used_at: row.try_get::<Option<i64>, _>("used_at")?.map(from_ts),
    })
}

const COLUMNS: &str =
    "id, purpose, account_id, new_email, service, created_at, expires_at, used_at";

/// Inserts a link, on its own or inside a [`crate::StoreTx`].
pub(crate) async fn insert_link<'e, E>(executor: E, link: &EmailLink) -> Result<(), StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO email_links (id, purpose, account_id, new_email, service, created_at, expires_at, used_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
    )
    .bind(&link.id)
    .bind(link.purpose.as_str())
    .bind(link.account_id)
    .bind(link.new_email.clone())
    .bind(link.service.clone())
    .bind(ts(link.created_at))
    .bind(ts(link.expires_at))
    .execute(executor)
        .await
        .map_err(|e| StoreError::on_unique(e, "link"))?;
    Ok(())
}

impl Store {
    pub async fn create_link(&self, link: &EmailLink) -> Result<(), StoreError> {
        insert_link(&self.pool, link).await
    }

    pub async fn link(&self, id: &str) -> Result<Option<EmailLink>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM email_links WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_link).transpose()
    }

    /// Uses a link, atomically: true for exactly one caller, and only while it is valid.
    pub async fn consume_link(&self, id: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE email_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Voids every unused link of an account (after its password or address changed, or it was
    /// deleted), so that an older e-mail cannot undo what was just done.
    pub async fn retire_links(
        &self,
        account_id: i64,
        now: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE email_links SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL",
        )
        .bind(ts(now))
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Forgets links expired before `before` (kept a while so that a late click still gets the
    /// "expired" page rather than "unknown").
    pub async fn purge_links(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM email_links WHERE expires_at < $1")
            .bind(ts(before))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewAccount;
    use crate::testdb::each_backend;
    use limen_core::{AccountStatus, AssuranceLevel, Email, PersonName, UserType};
    use time::Duration;

    async fn account(store: &Store, now: OffsetDateTime) -> i64 {
        store
            .create_account(
                NewAccount {
                    email: Email::parse("link@example.org").unwrap(),
                    first_name: None,
                    last_name: PersonName::parse("Link").unwrap(),
                    user_type: UserType::External,
                    status: AccountStatus::Pending,
                    assurance: AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: None,
                },
                now,
            )
            .await
            .unwrap()
            .id
    }

    fn link(id: &str, account_id: i64, now: OffsetDateTime) -> EmailLink {
        EmailLink {
            id: id.into(),
            purpose: LinkPurpose::Register,
            account_id,
            new_email: None,
            service: Some("https://app.example.org/".into()),
            created_at: now,
            expires_at: now + Duration::hours(24),
            used_at: None,
        }
    }

    #[tokio::test]
    async fn links_are_single_use_and_expire() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let id = account(&store, now).await;
            store.create_link(&link("a", id, now)).await.unwrap();
            store.create_link(&link("b", id, now)).await.unwrap();
            store.create_link(&link("c", id, now)).await.unwrap();
            let a = store.link("a").await.unwrap().unwrap();
            assert_eq!(a.state(now), LinkState::Valid);
            assert_eq!(a.service.as_deref(), Some("https://app.example.org/"));
            assert_eq!(a.state(now + Duration::hours(24)), LinkState::Expired);
            assert!(store.consume_link("a", now).await.unwrap());
            assert!(!store.consume_link("a", now).await.unwrap(), "second use");
            assert_eq!(
                store.link("a").await.unwrap().unwrap().state(now),
                LinkState::Used
            );
            assert!(
                !store
                    .consume_link("b", now + Duration::hours(24))
                    .await
                    .unwrap(),
                "expired"
            );
            assert!(!store.consume_link("nope", now).await.unwrap());
            assert_eq!(store.retire_links(id, now).await.unwrap(), 2);
            assert!(!store.consume_link("c", now).await.unwrap(), "retired");
            assert_eq!(
                store.purge_links(now + Duration::hours(25)).await.unwrap(),
                3
            );
            assert!(store.link("a").await.unwrap().is_none());
        })
        .await;
    }
}
