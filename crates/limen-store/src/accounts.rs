//! Accounts.

use crate::{Store, StoreError, from_ts, ts};
use limen_core::{Account, AccountStatus, AssuranceLevel, Email, PersonName, UserType};
use rand::Rng;
use sqlx::AnyConnection;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

pub struct NewAccount {
    pub email: Email,
    pub first_name: Option<PersonName>,
    pub last_name: PersonName,
    pub user_type: UserType,
    pub status: AccountStatus,
    pub assurance: AssuranceLevel,
    pub email_locale: String,
    pub password_hash: Option<String>,
}

pub(crate) const COLUMNS: &str = "id, uid, email, first_name, last_name, user_type, status, assurance, email_locale, \
                       ui_locale, password_hash, password_changed_at, created_at, mfa_always";

/// Sign-in: the account of an address (its uniqueness key). Listed in [`crate::hot_queries`].
pub(crate) static ACCOUNT_BY_EMAIL: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {COLUMNS} FROM accounts WHERE email_key = $1"));
/// Every validation and token request: the account behind a ticket, a grant, a session.
pub(crate) static ACCOUNT_BY_ID: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {COLUMNS} FROM accounts WHERE id = $1 AND status <> 'deleted'")
});

/// [`Store::account_by_id`] on a connection already held (a request's reads on one connection).
pub(crate) async fn account_by_id_on(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Account>, StoreError> {
    let row = sqlx::query(&ACCOUNT_BY_ID)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(to_account).transpose()
}

pub(crate) fn to_account(row: &AnyRow) -> Result<Account, StoreError> {
    let corrupt = |what: &str, e: String| StoreError::Corrupt(format!("account {what}: {e}"));
    let email: String = row.try_get("email")?;
    let first: Option<String> = row.try_get("first_name")?;
    let last: String = row.try_get("last_name")?;
    Ok(Account {
        id: row.try_get("id")?,
        uid: row.try_get("uid")?,
        // Stored before the character rules of issue 11, perhaps: still loaded, so it can be seen
        // and removed.
        email: Email::parse_existing(&email).map_err(|e| corrupt("email", e.to_string()))?,
        first_name: first
            .map(|f| PersonName::parse(&f))
            .transpose()
            .map_err(|e| corrupt("first name", e.to_string()))?,
        last_name: PersonName::parse(&last).map_err(|e| corrupt("last name", e.to_string()))?,
        user_type: row
            .try_get::<String, _>("user_type")?
            .parse()
            .map_err(|e| corrupt("type", e))?,
        status: row
            .try_get::<String, _>("status")?
            .parse()
            .map_err(|e| corrupt("status", e))?,
        assurance: row
            .try_get::<String, _>("assurance")?
            .parse()
            .map_err(|e| corrupt("assurance", e))?,
        email_locale: row.try_get("email_locale")?,
        ui_locale: row.try_get("ui_locale")?,
        password_hash: row.try_get("password_hash")?,
        password_changed_at: row
            .try_get::<Option<i64>, _>("password_changed_at")?
            .map(from_ts),
        created_at: from_ts(row.try_get("created_at")?),
        mfa_always: row.try_get::<i64, _>("mfa_always")? != 0,
    })
}

/// EU Login style user names: a letter and seven base-36 characters (`n007vcq4`).
fn new_uid() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::thread_rng();
    let mut uid = String::from("n");
    for _ in 0..7 {
        uid.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
    }
    uid
}

/// Inserts an account, on its own or inside a [`crate::StoreTx`]. A conflict is not an error
/// of the statement (`ON CONFLICT DO NOTHING`), so that it leaves a PostgreSQL transaction
/// usable: an address already registered (perhaps a moment ago, by a concurrent request whose
/// transaction this one waited for) is [`StoreError::Duplicate`]; a uid collision, astronomically
/// rare, is retried with another uid.
pub(crate) async fn insert_account(
    conn: &mut AnyConnection,
    new: &NewAccount,
    now: OffsetDateTime,
) -> Result<Account, StoreError> {
    for _ in 0..5 {
        let row = sqlx::query(&format!(
            "INSERT INTO accounts (uid, email, email_key, first_name, last_name, user_type, status, assurance, \
             email_locale, ui_locale, password_hash, password_changed_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, $12, $12) \
             ON CONFLICT DO NOTHING RETURNING {COLUMNS}"
        ))
        .bind(new_uid())
        .bind(new.email.as_str())
        .bind(new.email.key())
        .bind(new.first_name.as_ref().map(|n| n.as_str().to_owned()))
        .bind(new.last_name.as_str())
        .bind(new.user_type.as_str())
        .bind(new.status.as_str())
        .bind(new.assurance.as_str())
        .bind(&new.email_locale)
        .bind(new.password_hash.clone())
        .bind(new.password_hash.as_ref().map(|_| ts(now)))
        .bind(ts(now))
        .fetch_optional(&mut *conn)
        .await
        .map_err(|e| StoreError::on_unique(e, "account"))?;
        if let Some(row) = row {
            return to_account(&row);
        }
        let taken = sqlx::query("SELECT 1 FROM accounts WHERE email_key = $1")
            .bind(new.email.key())
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Duplicate("account"));
        }
    }
    Err(StoreError::Duplicate("account"))
}

/// The account of an address (case-insensitive), on its own or inside a [`crate::StoreTx`].
pub(crate) async fn by_email<'e, E>(
    executor: E,
    email: &Email,
) -> Result<Option<Account>, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(&ACCOUNT_BY_EMAIL)
        .bind(email.key())
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(to_account).transpose()
}

impl Store {
    pub async fn create_account(
        &self,
        new: NewAccount,
        now: OffsetDateTime,
    ) -> Result<Account, StoreError> {
        let mut conn = self.pool.acquire().await?;
        insert_account(&mut conn, &new, now).await
    }

    /// Looks an account up by e-mail (case-insensitive). Deleted accounts are not found.
    pub async fn account_by_email(&self, email: &Email) -> Result<Option<Account>, StoreError> {
        by_email(&self.pool, email).await
    }

    pub async fn account_by_id(&self, id: i64) -> Result<Option<Account>, StoreError> {
        account_by_id_on(&mut *self.pool.acquire().await?, id).await
    }

    /// Looks an account up by its `uid` (what CAS services receive as the user). Deleted
    /// accounts are not found.
    pub async fn account_by_uid(&self, uid: &str) -> Result<Option<Account>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM accounts WHERE uid = $1 AND status <> 'deleted'"
        ))
        .bind(uid)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_account).transpose()
    }

    /// The accounts an OpenID Connect client (its service) was ever granted tokens for: where a
    /// pairwise subject can be looked for.
    pub async fn accounts_granted_to(&self, service_id: i64) -> Result<Vec<Account>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM accounts WHERE status <> 'deleted' AND id IN \
             (SELECT account_id FROM oidc_grants WHERE service_id = $1) ORDER BY id"
        ))
        .bind(service_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_account).collect()
    }

    pub async fn list_accounts(&self, limit: i64, offset: i64) -> Result<Vec<Account>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM accounts WHERE status <> 'deleted' ORDER BY id LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_account).collect()
    }

    pub async fn count_accounts(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM accounts WHERE status <> 'deleted'")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    /// Sets a new password hash. A pending account becomes active.
    pub async fn set_password(
        &self,
        id: i64,
        hash: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE accounts SET password_hash = $1, password_changed_at = $2, updated_at = $2, \
             status = CASE WHEN status = 'pending' THEN 'active' ELSE status END \
             WHERE id = $3 AND status <> 'deleted'",
        )
        .bind(hash)
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Replaces the hash after a successful login with outdated parameters; the password's age is unchanged.
    pub async fn rehash_password(
        &self,
        id: i64,
        old_hash: &str,
        new_hash: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2 AND password_hash = $3")
            .bind(new_hash)
            .bind(id)
            .bind(old_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_status(
        &self,
        id: i64,
        status: AccountStatus,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE accounts SET status = $1, updated_at = $2 WHERE id = $3 AND status <> 'deleted'")
            .bind(status.as_str())
            .bind(ts(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Sets the identity assurance level (an operator who verified the person's identity).
    pub async fn set_assurance(
        &self,
        id: i64,
        assurance: limen_core::AssuranceLevel,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE accounts SET assurance = $1, updated_at = $2 WHERE id = $3 AND status <> 'deleted'",
        )
        .bind(assurance.as_str())
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Sets or clears "Always require multi-factor authentication".
    pub async fn set_mfa_always(
        &self,
        id: i64,
        on: bool,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE accounts SET mfa_always = $1, updated_at = $2 WHERE id = $3 AND status <> 'deleted'",
        )
        .bind(i64::from(on))
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The personal data a user may change themselves (seed 000, "My personal data").
    pub async fn update_profile(
        &self,
        id: i64,
        first_name: Option<&PersonName>,
        last_name: &PersonName,
        email_locale: &str,
        ui_locale: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE accounts SET first_name = $1, last_name = $2, email_locale = $3, ui_locale = $4, \
             updated_at = $5 WHERE id = $6 AND status <> 'deleted'",
        )
        .bind(first_name.map(|n| n.as_str().to_owned()))
        .bind(last_name.as_str())
        .bind(email_locale)
        .bind(ui_locale.map(str::to_owned))
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Moves an account to a confirmed new address. [`StoreError::Duplicate`] when another
    /// account holds it.
    pub async fn change_email(
        &self,
        id: i64,
        email: &Email,
        user_type: UserType,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE accounts SET email = $1, email_key = $2, user_type = $3, updated_at = $4 \
             WHERE id = $5 AND status <> 'deleted'",
        )
        .bind(email.as_str())
        .bind(email.key())
        .bind(user_type.as_str())
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "account"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Deletes an account: its personal data (and its security keys) are erased, and the row stays (status `deleted`,
    /// e-mail key freed) so that the audit log keeps pointing at something. Its sessions are no
    /// longer valid; the server ends them, with single logout ([`Store::expired_session_ids`]).
    pub async fn delete_account(&self, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE accounts SET status = 'deleted', email = $1, email_key = $2, first_name = NULL, \
             last_name = 'Deleted', password_hash = NULL, updated_at = $3 WHERE id = $4 AND status <> 'deleted'",
        )
        .bind(format!("deleted-{id}@deleted.invalid"))
        .bind(format!("deleted:{id}"))
        .bind(ts(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(StoreError::NotFound);
        }
        // Its security keys and passkeys go with it (public keys and names are personal data),
        // and its group memberships (a deleted account is released to no service), its mobile
        // devices, their enrolments and challenges, its phone numbers and SMS codes, and its
        // signature requests (the services keep their receipts).
        for table in [
            "webauthn_credentials",
            "webauthn_user_handles",
            "authn_transactions",
            "user_group_members",
            "mobile_devices",
            "mobile_enrolments",
            "mobile_challenges",
            "phones",
            "sms_codes",
            "signature_requests",
            "upstream_links",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        // Its hardware tokens belong to the organisation: back to the inventory without the name
        // the user gave them, disabled until the help desk has them back (as after PANIC).
        sqlx::query(
            "UPDATE tokens SET account_id = NULL, name = '', assigned_at = NULL, disabled = 1 \
             WHERE account_id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::testdb::each_backend;

    pub(crate) fn new_account(email: &str) -> NewAccount {
        NewAccount {
            email: Email::parse(email).unwrap(),
            first_name: Some(PersonName::parse("Ελένη").unwrap()),
            last_name: PersonName::parse("Παπαδοπούλου").unwrap(),
            user_type: UserType::External,
            status: AccountStatus::Active,
            assurance: AssuranceLevel::Low,
            email_locale: "el".into(),
            password_hash: Some("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into()),
        }
    }

    #[tokio::test]
    async fn accounts_round_trip_on_both_backends() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let a = store
                .create_account(new_account("Eleni@Example.org"), now)
                .await
                .unwrap();
            assert_eq!(a.uid.len(), 8);
            assert_eq!(a.first_name.as_ref().unwrap().as_str(), "Ελένη");
            assert_eq!(a.password_changed_at, Some(now));
            let found = store
                .account_by_email(&Email::parse("ELENI@example.ORG").unwrap())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(found.id, a.id);
            let dup = store
                .create_account(new_account("eleni@example.org"), now)
                .await;
            assert!(matches!(dup, Err(StoreError::Duplicate("account"))));
            assert_eq!(store.count_accounts().await.unwrap(), 1);

            store
                .set_status(a.id, AccountStatus::Locked, now)
                .await
                .unwrap();
            assert_eq!(
                store.account_by_id(a.id).await.unwrap().unwrap().status,
                AccountStatus::Locked
            );

            store.delete_account(a.id, now).await.unwrap();
            assert!(store.account_by_id(a.id).await.unwrap().is_none());
            assert!(store.account_by_email(&a.email).await.unwrap().is_none());
            assert!(matches!(
                store.delete_account(a.id, now).await,
                Err(StoreError::NotFound)
            ));
            // The address can register again.
            store
                .create_account(new_account("eleni@example.org"), now)
                .await
                .unwrap();
        })
        .await;
    }

    #[tokio::test]
    async fn set_password_activates_pending_accounts() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let mut pending = new_account("p@example.org");
            pending.status = AccountStatus::Pending;
            pending.password_hash = None;
            let a = store.create_account(pending, now).await.unwrap();
            assert_eq!(a.password_changed_at, None);
            store
                .set_password(a.id, "$argon2id$new", now)
                .await
                .unwrap();
            let a = store.account_by_id(a.id).await.unwrap().unwrap();
            assert_eq!(a.status, AccountStatus::Active);
            assert_eq!(a.password_hash.as_deref(), Some("$argon2id$new"));
            assert!(matches!(
                store.set_password(9999, "x", now).await,
                Err(StoreError::NotFound)
            ));
        })
        .await;
    }
}
