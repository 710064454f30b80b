//! Several writes that stand or fall together: a new account, its link and the e-mail that
//! carries the link; a link and its e-mail; a queued self-service request and what it produced.
//! Whatever fails before [`StoreTx::commit`] — a statement, the composition of the message in
//! between, the process — leaves nothing behind (the transaction is rolled back when dropped).

use crate::accounts::insert_account;
use crate::links::insert_link;
use crate::outbox::insert_mail;
use crate::{EmailLink, NewAccount, NewMail, Store, StoreError};
use limen_core::{Account, Email};
use time::OffsetDateTime;

/// An open transaction. Its first statement should be a write: on SQLite that takes the write
/// lock at once (waiting for it under `busy_timeout`), instead of failing to upgrade a read —
/// at once, without waiting — when another connection (a writer, or the checkpoint task's
/// RESTART: checkpoint.rs) holds the lock. Not `BEGIN IMMEDIATE`: after a full disk had failed
/// a transaction on a pooled connection, sqlx refused it there ("begin_with at non-zero
/// transaction depth": a 500 in test_faults.py::test_disk_full_under_sqlite), where its plain
/// `begin` works.
pub struct StoreTx {
    pub(crate) tx: sqlx::Transaction<'static, sqlx::Any>,
}

impl Store {
    pub async fn begin(&self) -> Result<StoreTx, StoreError> {
        Ok(StoreTx {
            tx: self.pool.begin().await?,
        })
    }
}

impl StoreTx {
    /// Like [`Store::create_account`]; [`StoreError::Duplicate`] leaves the transaction usable.
    pub async fn create_account(
        &mut self,
        new: &NewAccount,
        now: OffsetDateTime,
    ) -> Result<Account, StoreError> {
        insert_account(&mut self.tx, new, now).await
    }

    /// Like [`Store::account_by_email`], seen from inside the transaction.
    pub async fn account_by_email(&mut self, email: &Email) -> Result<Option<Account>, StoreError> {
        crate::accounts::by_email(&mut *self.tx, email).await
    }

    pub async fn create_link(&mut self, link: &EmailLink) -> Result<(), StoreError> {
        insert_link(&mut *self.tx, link).await
    }

    /// Like [`Store::enqueue_mail`]: the message becomes visible to the delivery worker only
    /// when the transaction commits.
    pub async fn enqueue_mail(
        &mut self,
        mail: &NewMail,
        now: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        insert_mail(&mut *self.tx, mail, now).await
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit().await?)
    }

    /// Undoes everything (dropping the transaction does the same, without waiting).
    pub async fn rollback(self) -> Result<(), StoreError> {
        Ok(self.tx.rollback().await?)
    }
}

#[cfg(test)]
mod tests {
    use crate::testdb::{each_backend, refuse_inserts, row_counts};
    use crate::{EmailLink, LinkPurpose, NewAccount, NewMail, StoreError};
    use limen_core::{AccountStatus, AssuranceLevel, Email, PersonName, UserType};
    use time::{Duration, OffsetDateTime};

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    fn account(email: &str) -> NewAccount {
        NewAccount {
            email: Email::parse(email).unwrap(),
            first_name: None,
            last_name: PersonName::parse("Doe").unwrap(),
            user_type: UserType::External,
            status: AccountStatus::Pending,
            assurance: AssuranceLevel::Low,
            email_locale: "en".into(),
            password_hash: None,
        }
    }

    fn link(id: &str, account_id: i64) -> EmailLink {
        EmailLink {
            id: id.into(),
            purpose: LinkPurpose::Register,
            account_id,
            new_email: None,
            service: None,
            created_at: now(),
            expires_at: now() + Duration::hours(24),
            used_at: None,
        }
    }

    fn mail(n: u32) -> NewMail {
        NewMail {
            message_id: format!("m{n}@example.org"),
            recipient: "jane@example.org".into(),
            subject: "Create your password".into(),
            body: "Subject: x\r\n\r\nbody\r\n".into(),
        }
    }

    /// Issue 11 item 2: the three writes of a registration commit together.
    #[tokio::test]
    async fn account_link_and_mail_commit_together() {
        each_backend(|store| async move {
            let mut tx = store.begin().await.unwrap();
            let created = tx
                .create_account(&account("jane@example.org"), now())
                .await
                .unwrap();
            tx.create_link(&link("l1", created.id)).await.unwrap();
            tx.enqueue_mail(&mail(1), now()).await.unwrap();
            // (A read: on SQLite another connection's write would wait for this transaction.)
            assert!(
                store.recent_mail(10).await.unwrap().is_empty(),
                "not visible before the commit"
            );
            tx.commit().await.unwrap();
            let counts = row_counts(&store).await;
            assert_eq!(
                (
                    counts["accounts"],
                    counts["email_links"],
                    counts["mail_outbox"]
                ),
                (1, 1, 1)
            );
        })
        .await;
    }

    /// Issue 11 item 2: if the mail cannot be queued, neither the account nor its link stays.
    #[tokio::test]
    async fn a_failed_enqueue_leaves_no_account() {
        each_backend(|store| async move {
            refuse_inserts(&store, "mail_outbox").await;
            let mut tx = store.begin().await.unwrap();
            let created = tx
                .create_account(&account("jane@example.org"), now())
                .await
                .unwrap();
            tx.create_link(&link("l1", created.id)).await.unwrap();
            let err = tx.enqueue_mail(&mail(1), now()).await.unwrap_err();
            assert!(matches!(err, StoreError::Sqlx(_)), "{err:?}");
            drop(tx);
            let counts = row_counts(&store).await;
            assert_eq!(
                (counts["accounts"], counts["email_links"]),
                (0, 0),
                "{counts:?}"
            );
            let email = Email::parse("jane@example.org").unwrap();
            assert!(store.account_by_email(&email).await.unwrap().is_none());
            // The address is free for the next attempt.
            store
                .create_account(account("jane@example.org"), now())
                .await
                .unwrap();
        })
        .await;
    }

    /// A registration racing another for the same address: Duplicate, and the transaction can
    /// still be rolled back cleanly (no aborted PostgreSQL transaction).
    #[tokio::test]
    async fn a_duplicate_inside_a_transaction_is_an_answer_not_an_abort() {
        each_backend(|store| async move {
            store
                .create_account(account("jane@example.org"), now())
                .await
                .unwrap();
            let mut tx = store.begin().await.unwrap();
            let dup = tx.create_account(&account("JANE@example.org"), now()).await;
            assert!(
                matches!(dup, Err(StoreError::Duplicate("account"))),
                "{dup:?}"
            );
            let other = tx
                .create_account(&account("kim@example.org"), now())
                .await
                .unwrap();
            assert!(
                tx.account_by_email(&Email::parse("kim@example.org").unwrap())
                    .await
                    .unwrap()
                    .is_some_and(|a| a.id == other.id)
            );
            tx.rollback().await.unwrap();
            assert_eq!(store.count_accounts().await.unwrap(), 1);
        })
        .await;
    }
}
