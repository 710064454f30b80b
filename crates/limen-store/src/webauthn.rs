//! Security keys, trusted platforms and passkeys: registered credentials, the accounts' WebAuthn
//! user handles. Their ceremonies live in `authn_transactions` (transactions.rs). The verifier's record of a credential is stored as
//! opaque JSON text; this crate knows nothing of WebAuthn itself.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct WebauthnCredential {
    pub id: i64,
    pub account_id: i64,
    /// base64url of the credential ID.
    pub credential_id: String,
    /// The name the user gave it.
    pub name: String,
    /// `security_key`, `platform` or `passkey`.
    pub kind: String,
    /// The authenticator model's AAGUID, when its attestation named one.
    pub aaguid: Option<String>,
    pub attestation_format: String,
    /// Whether user verification (PIN, biometrics) was performed at registration.
    pub user_verified: bool,
    /// The verifier's record (public key, counter, flags), JSON.
    pub credential: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    /// When the signature counter went backwards (a cloned authenticator?).
    pub flagged_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone)]
pub struct NewWebauthnCredential {
    pub account_id: i64,
    pub credential_id: String,
    pub name: String,
    pub kind: String,
    pub aaguid: Option<String>,
    pub attestation_format: String,
    pub user_verified: bool,
    pub credential: String,
    pub created_at: OffsetDateTime,
}

const COLUMNS: &str = "id, account_id, credential_id, name, kind, aaguid, attestation_format, \
     user_verified, credential, created_at, last_used_at, flagged_at";

/// Sign-in: the account's security keys and passkeys. Listed in [`crate::hot_queries`].
pub(crate) static WEBAUTHN_OF_ACCOUNT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {COLUMNS} FROM webauthn_credentials WHERE account_id = $1 ORDER BY created_at, id"
    )
});

fn to_credential(row: &AnyRow) -> Result<WebauthnCredential, StoreError> {
    Ok(WebauthnCredential {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        credential_id: row.try_get("credential_id")?,
        name: row.try_get("name")?,
        kind: row.try_get("kind")?,
        aaguid: row.try_get("aaguid")?,
        attestation_format: row.try_get("attestation_format")?,
        user_verified: row.try_get::<i64, _>("user_verified")? != 0,
        credential: row.try_get("credential")?,
        created_at: from_ts(row.try_get("created_at")?),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(from_ts),
        flagged_at: row.try_get::<Option<i64>, _>("flagged_at")?.map(from_ts),
    })
}

impl Store {
    /// Registers a credential; `Duplicate` when its ID is already registered (to any account).
    pub async fn add_webauthn_credential(
        &self,
        c: &NewWebauthnCredential,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO webauthn_credentials (account_id, credential_id, name, kind, aaguid, \
             attestation_format, user_verified, credential, created_at, last_used_at, flagged_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL) RETURNING id",
        )
        .bind(c.account_id)
        .bind(&c.credential_id)
        .bind(&c.name)
        .bind(&c.kind)
        .bind(c.aaguid.clone())
        .bind(&c.attestation_format)
        .bind(i64::from(c.user_verified))
        .bind(&c.credential)
        .bind(ts(c.created_at))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "credential"))?;
        Ok(row.try_get(0)?)
    }

    /// An account's credentials, oldest first.
    pub async fn webauthn_credentials(
        &self,
        account_id: i64,
    ) -> Result<Vec<WebauthnCredential>, StoreError> {
        let rows = sqlx::query(&WEBAUTHN_OF_ACCOUNT)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_credential).collect()
    }

    /// The credential with this (base64url) credential ID, whoever it belongs to.
    pub async fn webauthn_credential_by_credential_id(
        &self,
        credential_id: &str,
    ) -> Result<Option<WebauthnCredential>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM webauthn_credentials WHERE credential_id = $1"
        ))
        .bind(credential_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_credential).transpose()
    }

    pub async fn webauthn_credential_count(&self, account_id: i64) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM webauthn_credentials WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    /// Renames one of the account's credentials; false when it has no such credential.
    pub async fn rename_webauthn_credential(
        &self,
        account_id: i64,
        id: i64,
        name: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE webauthn_credentials SET name = $1 WHERE id = $2 AND account_id = $3",
        )
        .bind(name)
        .bind(id)
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes one of the account's credentials and returns its name; `None` when it has no such
    /// credential.
    pub async fn delete_webauthn_credential(
        &self,
        account_id: i64,
        id: i64,
    ) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "DELETE FROM webauthn_credentials WHERE id = $1 AND account_id = $2 RETURNING name",
        )
        .bind(id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get::<String, _>(0)).transpose()?)
    }

    /// Deletes every credential of the account (PANIC, account deletion); returns their names.
    pub async fn delete_webauthn_credentials_of(
        &self,
        account_id: i64,
    ) -> Result<Vec<String>, StoreError> {
        let rows =
            sqlx::query("DELETE FROM webauthn_credentials WHERE account_id = $1 RETURNING name")
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| r.try_get::<String, _>("name").map_err(StoreError::from))
            .collect()
    }

    /// After a successful assertion: the updated record (counter, backup state) and the date.
    pub async fn record_webauthn_use(
        &self,
        id: i64,
        credential: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE webauthn_credentials SET credential = $1, last_used_at = $2 WHERE id = $3",
        )
        .bind(credential)
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a credential whose signature counter went backwards.
    pub async fn flag_webauthn_credential(
        &self,
        id: i64,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE webauthn_credentials SET flagged_at = $1 WHERE id = $2")
            .bind(ts(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The account's WebAuthn user handle, created from `candidate` on first use.
    pub async fn webauthn_user_handle(
        &self,
        account_id: i64,
        candidate: &str,
    ) -> Result<String, StoreError> {
        sqlx::query(
            "INSERT INTO webauthn_user_handles (account_id, handle) VALUES ($1, $2) \
             ON CONFLICT (account_id) DO NOTHING",
        )
        .bind(account_id)
        .bind(candidate)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT handle FROM webauthn_user_handles WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::{account, each_backend};
    use time::Duration;

    fn new_credential(account_id: i64, id: &str, at: OffsetDateTime) -> NewWebauthnCredential {
        NewWebauthnCredential {
            account_id,
            credential_id: id.into(),
            name: format!("key {id}"),
            kind: "security_key".into(),
            aaguid: Some("01020304-0506-0708-0102-030405060708".into()),
            attestation_format: "packed".into(),
            user_verified: true,
            credential: "{}".into(),
            created_at: at,
        }
    }

    #[tokio::test]
    async fn credentials_belong_to_one_account() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            let a1 = store
                .add_webauthn_credential(&new_credential(alice, "AAA", now))
                .await
                .unwrap();
            store
                .add_webauthn_credential(&new_credential(alice, "BBB", now + Duration::seconds(1)))
                .await
                .unwrap();
            // The same credential ID cannot be registered twice, not even by another account.
            assert!(matches!(
                store
                    .add_webauthn_credential(&new_credential(bob, "AAA", now))
                    .await,
                Err(StoreError::Duplicate(_))
            ));
            let list = store.webauthn_credentials(alice).await.unwrap();
            assert_eq!(
                list.iter()
                    .map(|c| c.credential_id.as_str())
                    .collect::<Vec<_>>(),
                ["AAA", "BBB"]
            );
            assert_eq!(store.webauthn_credential_count(bob).await.unwrap(), 0);
            // Bob can neither rename nor delete Alice's key.
            assert!(
                !store
                    .rename_webauthn_credential(bob, a1, "mine")
                    .await
                    .unwrap()
            );
            assert_eq!(
                store.delete_webauthn_credential(bob, a1).await.unwrap(),
                None
            );
            assert!(
                store
                    .rename_webauthn_credential(alice, a1, "YubiKey")
                    .await
                    .unwrap()
            );
            store
                .record_webauthn_use(a1, "{\"counter\":3}", now + Duration::minutes(1))
                .await
                .unwrap();
            store.flag_webauthn_credential(a1, now).await.unwrap();
            let c = store
                .webauthn_credential_by_credential_id("AAA")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(c.name, "YubiKey");
            assert_eq!(c.credential, "{\"counter\":3}");
            assert_eq!(c.last_used_at, Some(now + Duration::minutes(1)));
            assert_eq!(c.flagged_at, Some(now));
            assert_eq!(
                store.delete_webauthn_credential(alice, a1).await.unwrap(),
                Some("YubiKey".into())
            );
            assert!(
                store
                    .webauthn_credential_by_credential_id("AAA")
                    .await
                    .unwrap()
                    .is_none()
            );
            assert_eq!(
                store
                    .delete_webauthn_credentials_of(alice)
                    .await
                    .unwrap()
                    .len(),
                1
            );
        })
        .await;
    }

    #[tokio::test]
    async fn user_handles_are_created_once() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let h = store.webauthn_user_handle(alice, "first").await.unwrap();
            assert_eq!(h, "first");
            assert_eq!(
                store.webauthn_user_handle(alice, "second").await.unwrap(),
                "first"
            );
            // Handles are unique: another account cannot be given the same one.
            let bob = account(&store, "bob@example.org").await;
            assert!(store.webauthn_user_handle(bob, "first").await.is_err());
        })
        .await;
    }
}
