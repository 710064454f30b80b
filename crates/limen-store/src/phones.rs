//! Mobile phone numbers and the SMS codes sent to them (issue 17).
//!
//! A number is stored in E.164 (ITU-T E.164: `+`, country code, national number) with its
//! country; one number may be on several accounts, and nothing here ever looks a number up
//! across accounts — so no answer can tell whether a number is someone else's.
//!
//! A code is never stored, only its MAC (computed by the caller); each check takes one of the
//! code's attempts in one conditional `UPDATE` before it is compared, and a right code is spent
//! in another, so parallel answers can neither exceed the attempts nor use a code twice.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// One of an account's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub id: i64,
    pub account_id: i64,
    /// `+` and digits.
    pub e164: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub label: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

/// A code sent by SMS, as stored (without the code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsCode {
    pub id: String,
    pub account_id: i64,
    pub phone: String,
    /// The number it was sent to, once it is one of the account's (not while being added).
    pub phone_id: Option<i64>,
    /// `login`, `sign` or `add_number`.
    pub purpose: String,
    pub code_mac: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub attempts: i64,
    pub max_attempts: i64,
    pub used_at: Option<OffsetDateTime>,
}

/// A code to store.
#[derive(Debug, Clone)]
pub struct NewSmsCode<'a> {
    pub id: &'a str,
    pub account_id: i64,
    pub phone: &'a str,
    pub phone_id: Option<i64>,
    pub purpose: &'a str,
    pub code_mac: &'a str,
    pub expires_at: OffsetDateTime,
    pub max_attempts: i64,
}

/// What taking an attempt on a code found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeAttempt {
    /// The attempt is taken: compare the answer with this code.
    Taken(SmsCode),
    /// No such code for this account.
    Unknown,
    /// Already used.
    Used,
    Expired,
    /// Its attempts are spent.
    Exhausted,
}

const PHONE_COLUMNS: &str = "id, account_id, e164, country, label, created_at, last_used_at";
/// Sign-in: the account's phone numbers. Listed in [`crate::hot_queries`].
pub(crate) static PHONES_OF_ACCOUNT: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {PHONE_COLUMNS} FROM phones WHERE account_id = $1 ORDER BY created_at, id")
});
const CODE_COLUMNS: &str = "id, account_id, phone, phone_id, purpose, code_mac, created_at, \
                            expires_at, attempts, max_attempts, used_at";

fn opt_ts(row: &AnyRow, column: &str) -> Result<Option<OffsetDateTime>, StoreError> {
    Ok(row.try_get::<Option<i64>, _>(column)?.map(from_ts))
}

fn to_phone(row: &AnyRow) -> Result<Phone, StoreError> {
    Ok(Phone {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        e164: row.try_get("e164")?,
        country: row.try_get("country")?,
        label: row.try_get("label")?,
        created_at: from_ts(row.try_get("created_at")?),
        last_used_at: opt_ts(row, "last_used_at")?,
    })
}

fn to_code(row: &AnyRow) -> Result<SmsCode, StoreError> {
    Ok(SmsCode {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        phone: row.try_get("phone")?,
        phone_id: row.try_get("phone_id")?,
        purpose: row.try_get("purpose")?,
        code_mac: row.try_get("code_mac")?,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
        attempts: row.try_get("attempts")?,
        max_attempts: row.try_get("max_attempts")?,
        used_at: opt_ts(row, "used_at")?,
    })
}

impl Store {
    /// The account's numbers, oldest first.
    pub async fn phones_of(&self, account_id: i64) -> Result<Vec<Phone>, StoreError> {
        let rows = sqlx::query(&PHONES_OF_ACCOUNT)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_phone).collect()
    }

    /// One of the account's numbers.
    pub async fn phone_of(&self, account_id: i64, id: i64) -> Result<Option<Phone>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {PHONE_COLUMNS} FROM phones WHERE account_id = $1 AND id = $2"
        ))
        .bind(account_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_phone).transpose()
    }

    /// Adds a number to the account; `None` when the account already has it.
    pub async fn add_phone(
        &self,
        account_id: i64,
        e164: &str,
        country: &str,
        label: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Phone>, StoreError> {
        let row = sqlx::query(&format!(
            "INSERT INTO phones (account_id, e164, country, label, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, e164) DO NOTHING \
             RETURNING {PHONE_COLUMNS}"
        ))
        .bind(account_id)
        .bind(e164)
        .bind(country)
        .bind(label)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_phone).transpose()
    }

    /// Renames one of the account's numbers; false when it has no such number.
    pub async fn rename_phone(
        &self,
        account_id: i64,
        id: i64,
        label: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE phones SET label = $1 WHERE account_id = $2 AND id = $3")
            .bind(label)
            .bind(account_id)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes one of the account's numbers, and the codes sent to it that are still alive.
    pub async fn delete_phone(
        &self,
        account_id: i64,
        id: i64,
    ) -> Result<Option<Phone>, StoreError> {
        let row = sqlx::query(&format!(
            "DELETE FROM phones WHERE account_id = $1 AND id = $2 RETURNING {PHONE_COLUMNS}"
        ))
        .bind(account_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let phone = row.as_ref().map(to_phone).transpose()?;
        if phone.is_some() {
            sqlx::query("DELETE FROM sms_codes WHERE account_id = $1 AND phone_id = $2")
                .bind(account_id)
                .bind(id)
                .execute(&self.pool)
                .await?;
        }
        Ok(phone)
    }

    /// Removes every number of the account (PANIC, the help desk) and its live codes.
    pub async fn delete_phones_of(&self, account_id: i64) -> Result<Vec<Phone>, StoreError> {
        let rows = sqlx::query(&format!(
            "DELETE FROM phones WHERE account_id = $1 RETURNING {PHONE_COLUMNS}"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        sqlx::query("DELETE FROM sms_codes WHERE account_id = $1")
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        rows.iter().map(to_phone).collect()
    }

    pub async fn phone_used(&self, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query("UPDATE phones SET last_used_at = $1 WHERE id = $2")
            .bind(ts(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a code (its MAC) just sent.
    pub async fn create_sms_code(
        &self,
        code: &NewSmsCode<'_>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sms_codes (id, account_id, phone, phone_id, purpose, code_mac, \
             created_at, expires_at, attempts, max_attempts) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)",
        )
        .bind(code.id)
        .bind(code.account_id)
        .bind(code.phone)
        .bind(code.phone_id)
        .bind(code.purpose)
        .bind(code.code_mac)
        .bind(ts(now))
        .bind(ts(code.expires_at))
        .bind(code.max_attempts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A code of the account, as stored.
    pub async fn sms_code(&self, account_id: i64, id: &str) -> Result<Option<SmsCode>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {CODE_COLUMNS} FROM sms_codes WHERE id = $1 AND account_id = $2"
        ))
        .bind(id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_code).transpose()
    }

    /// Takes one attempt on a live code of the account, atomically, before the answer is
    /// compared: parallel answers each take one, and none once they are spent.
    pub async fn take_sms_attempt(
        &self,
        account_id: i64,
        id: &str,
        now: OffsetDateTime,
    ) -> Result<CodeAttempt, StoreError> {
        let row = sqlx::query(&format!(
            "UPDATE sms_codes SET attempts = attempts + 1 \
             WHERE id = $1 AND account_id = $2 AND used_at IS NULL AND expires_at > $3 \
               AND attempts < max_attempts \
             RETURNING {CODE_COLUMNS}"
        ))
        .bind(id)
        .bind(account_id)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = row {
            return Ok(CodeAttempt::Taken(to_code(&row)?));
        }
        Ok(match self.sms_code(account_id, id).await? {
            None => CodeAttempt::Unknown,
            Some(c) if c.used_at.is_some() => CodeAttempt::Used,
            Some(c) if c.expires_at <= now => CodeAttempt::Expired,
            Some(_) => CodeAttempt::Exhausted,
        })
    }

    /// Spends a right code; false when it was spent meanwhile (the same code, twice at once).
    pub async fn use_sms_code(&self, id: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE sms_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                .bind(ts(now))
                .bind(id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The latest codes sent for the account since `since`, newest first: the resend backoff
    /// reads them.
    pub async fn sms_codes_since(
        &self,
        account_id: i64,
        since: OffsetDateTime,
    ) -> Result<Vec<SmsCode>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CODE_COLUMNS} FROM sms_codes WHERE account_id = $1 AND created_at >= $2 \
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(account_id)
        .bind(ts(since))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_code).collect()
    }

    /// Drops codes expired before `before` (they only served the backoff's count).
    pub async fn purge_sms_codes(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sms_codes WHERE expires_at < $1")
            .bind(ts(before))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::{account, each_backend};

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    fn code(id: &str, account_id: i64, expires_at: OffsetDateTime) -> NewSmsCode<'_> {
        NewSmsCode {
            id,
            account_id,
            phone: "+33612345678",
            phone_id: None,
            purpose: "login",
            code_mac: "mac",
            expires_at,
            max_attempts: 2,
        }
    }

    #[tokio::test]
    async fn numbers_belong_to_one_account_each_and_may_be_shared() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            let p = store
                .add_phone(alice, "+33612345678", "FR", "Mine", now())
                .await
                .unwrap()
                .expect("added");
            let again = store.add_phone(alice, "+33612345678", "FR", "Again", now());
            assert!(again.await.unwrap().is_none());
            // Bob may have the same number; neither reaches the other's.
            let shared = store.add_phone(bob, "+33612345678", "FR", "Shared", now());
            assert!(shared.await.unwrap().is_some());
            assert_eq!(store.phones_of(alice).await.unwrap().len(), 1);
            assert!(store.phone_of(bob, p.id).await.unwrap().is_none());
            assert!(!store.rename_phone(bob, p.id, "x").await.unwrap());
            assert!(store.delete_phone(bob, p.id).await.unwrap().is_none());
            assert!(store.rename_phone(alice, p.id, "Work").await.unwrap());
            let renamed = store.phone_of(alice, p.id).await.unwrap().unwrap();
            assert_eq!(renamed.label, "Work");
            assert_eq!(store.delete_phones_of(alice).await.unwrap().len(), 1);
            assert!(store.phones_of(alice).await.unwrap().is_empty());
            assert_eq!(store.phones_of(bob).await.unwrap().len(), 1);
            // A deleted account's numbers and codes go with it (personal data).
            let code = code("c9", bob, now() + time::Duration::minutes(5));
            store.create_sms_code(&code, now()).await.unwrap();
            store.delete_account(bob, now()).await.unwrap();
            assert!(store.phones_of(bob).await.unwrap().is_empty());
            assert!(store.sms_code(bob, "c9").await.unwrap().is_none());
        })
        .await;
    }

    #[tokio::test]
    async fn a_code_gives_its_attempts_then_refuses() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            let later = now() + time::Duration::minutes(5);
            store
                .create_sms_code(&code("c1", alice, later), now())
                .await
                .unwrap();
            // Another account cannot touch it.
            let other = store.take_sms_attempt(bob, "c1", now()).await.unwrap();
            assert_eq!(other, CodeAttempt::Unknown);
            let first = store.take_sms_attempt(alice, "c1", now()).await.unwrap();
            assert!(matches!(first, CodeAttempt::Taken(c) if c.attempts == 1));
            let second = store.take_sms_attempt(alice, "c1", now()).await.unwrap();
            assert!(matches!(second, CodeAttempt::Taken(c) if c.attempts == 2));
            let third = store.take_sms_attempt(alice, "c1", now()).await.unwrap();
            assert_eq!(third, CodeAttempt::Exhausted);
            // Expired, and used.
            store
                .create_sms_code(&code("c2", alice, later), now())
                .await
                .unwrap();
            let late = store.take_sms_attempt(alice, "c2", later).await.unwrap();
            assert_eq!(late, CodeAttempt::Expired);
            store
                .create_sms_code(&code("c3", alice, later), now())
                .await
                .unwrap();
            assert!(store.use_sms_code("c3", now()).await.unwrap());
            assert!(!store.use_sms_code("c3", now()).await.unwrap());
            let used = store.take_sms_attempt(alice, "c3", now()).await.unwrap();
            assert_eq!(used, CodeAttempt::Used);
            let since = now() - time::Duration::hours(1);
            assert_eq!(store.sms_codes_since(alice, since).await.unwrap().len(), 3);
            let purged = store.purge_sms_codes(later + time::Duration::seconds(1));
            assert_eq!(purged.await.unwrap(), 3);
        })
        .await;
    }
}
