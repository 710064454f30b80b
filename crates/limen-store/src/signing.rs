//! Signature requests (issue 18): what a service asked a user to confirm, how it ended, and the
//! one-time handle the service redeems for the receipt.
//!
//! Every change of state is one conditional `UPDATE` (a pending request is finished once; a handle
//! is spent once), so two browsers, two nodes or a replayed handle cannot both win.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A signature request, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureRequest {
    pub id: String,
    pub service_id: i64,
    pub account_id: i64,
    /// The user as the service named it (its `uid` or `sub`): the receipt's `sub`.
    pub subject: String,
    /// The service as the receipt names it (`aud`): its client id, or `cas-<id>`.
    pub audience: String,
    pub title: String,
    /// JSON array of fields.
    pub fields: String,
    /// JSON array of accepted strength names.
    pub strengths: String,
    pub return_url: String,
    pub digest: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    /// `pending`, `signed` or `cancelled`.
    pub status: String,
    pub finished_at: Option<OffsetDateTime>,
    /// The strength name of the method that signed.
    pub method: Option<String>,
    /// The receipt (a compact JWS), once signed.
    pub receipt: Option<String>,
    pub reported_at: Option<OffsetDateTime>,
}

const COLUMNS: &str = "id, service_id, account_id, subject, audience, title, fields, strengths, return_url, \
     digest, created_at, expires_at, status, finished_at, method, receipt, reported_at";

fn to_request(r: &AnyRow) -> Result<SignatureRequest, StoreError> {
    let opt = |name: &str| -> Result<Option<OffsetDateTime>, StoreError> {
        Ok(r.try_get::<Option<i64>, _>(name)?.map(from_ts))
    };
    Ok(SignatureRequest {
        id: r.try_get("id")?,
        service_id: r.try_get("service_id")?,
        account_id: r.try_get("account_id")?,
        subject: r.try_get("subject")?,
        audience: r.try_get("audience")?,
        title: r.try_get("title")?,
        fields: r.try_get("fields")?,
        strengths: r.try_get("strengths")?,
        return_url: r.try_get("return_url")?,
        digest: r.try_get("digest")?,
        created_at: from_ts(r.try_get("created_at")?),
        expires_at: from_ts(r.try_get("expires_at")?),
        status: r.try_get("status")?,
        finished_at: opt("finished_at")?,
        method: r.try_get("method")?,
        receipt: r.try_get("receipt")?,
        reported_at: opt("reported_at")?,
    })
}

impl Store {
    /// Stores a new pending request.
    pub async fn create_signature_request(&self, r: &SignatureRequest) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO signature_requests (id, service_id, account_id, subject, audience, title, \
             fields, strengths, return_url, digest, created_at, expires_at, status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending')",
        )
        .bind(&r.id)
        .bind(r.service_id)
        .bind(r.account_id)
        .bind(&r.subject)
        .bind(&r.audience)
        .bind(&r.title)
        .bind(&r.fields)
        .bind(&r.strengths)
        .bind(&r.return_url)
        .bind(&r.digest)
        .bind(ts(r.created_at))
        .bind(ts(r.expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn signature_request(
        &self,
        id: &str,
    ) -> Result<Option<SignatureRequest>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM signature_requests WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_request).transpose()
    }

    /// Finishes a pending, unexpired request — signed (with its method and receipt) or
    /// cancelled — and sets its one-time result handle (`result_hash`, live until
    /// `result_expires`). `false` when it was not pending any more (another browser finished it)
    /// or has expired.
    #[allow(clippy::too_many_arguments)]
    pub async fn finish_signature_request(
        &self,
        id: &str,
        status: &str,
        method: Option<&str>,
        receipt: Option<&str>,
        result_hash: &str,
        result_expires: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE signature_requests SET status = $1, method = $2, receipt = $3, \
             result_hash = $4, result_expires_at = $5, finished_at = $6 \
             WHERE id = $7 AND status = 'pending' AND expires_at > $6",
        )
        .bind(status)
        .bind(method)
        .bind(receipt)
        .bind(result_hash)
        .bind(ts(result_expires))
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Spends a result handle (its SHA-256) for `service_id`: once, before it expires. The
    /// request it finished, or `None` (unknown, spent already, expired, another service's).
    pub async fn redeem_signature_result(
        &self,
        result_hash: &str,
        service_id: i64,
        now: OffsetDateTime,
    ) -> Result<Option<SignatureRequest>, StoreError> {
        let row = sqlx::query(&format!(
            "UPDATE signature_requests SET result_used_at = $1 \
             WHERE result_hash = $2 AND service_id = $3 AND result_used_at IS NULL \
             AND result_expires_at > $1 RETURNING {COLUMNS}"
        ))
        .bind(ts(now))
        .bind(result_hash)
        .bind(service_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_request).transpose()
    }

    /// The account's requests, newest first (My account).
    pub async fn signature_requests_of(
        &self,
        account_id: i64,
        limit: i64,
    ) -> Result<Vec<SignatureRequest>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM signature_requests WHERE account_id = $1 \
             ORDER BY created_at DESC, id LIMIT $2"
        ))
        .bind(account_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_request).collect()
    }

    /// Marks a signed request of the account as reported ("this was not me"); `false` when the
    /// account has no such signed request or it was reported already.
    pub async fn report_signature(
        &self,
        account_id: i64,
        id: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE signature_requests SET reported_at = $1 \
             WHERE id = $2 AND account_id = $3 AND status = 'signed' AND reported_at IS NULL",
        )
        .bind(ts(now))
        .bind(id)
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets requests never finished that expired before `pending_before`, and every request
    /// that expired before `finished_before` (the account's list keeps them until then).
    pub async fn purge_signature_requests(
        &self,
        pending_before: OffsetDateTime,
        finished_before: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM signature_requests WHERE (status = 'pending' AND expires_at < $1) \
             OR expires_at < $2",
        )
        .bind(ts(pending_before))
        .bind(ts(finished_before))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Sets a CAS service's signing-API secret (its SHA-256).
    pub async fn set_signing_secret(
        &self,
        service_id: i64,
        secret_hash: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE services SET signing_secret_hash = $1 WHERE id = $2")
            .bind(secret_hash)
            .bind(service_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A service's signing-API secret hash, if one was made.
    pub async fn signing_secret(&self, service_id: i64) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT signing_secret_hash FROM services WHERE id = $1")
            .bind(service_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<Option<String>, _>(0))
            .transpose()?
            .flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb;

    fn request(
        id: &str,
        service_id: i64,
        account_id: i64,
        now: OffsetDateTime,
    ) -> SignatureRequest {
        SignatureRequest {
            id: id.into(),
            service_id,
            account_id,
            subject: "jdoe".into(),
            audience: "cas-1".into(),
            title: "Transfer".into(),
            fields: r#"[{"label":"Amount","value":"10"}]"#.into(),
            strengths: r#"["PASSWORD_SMS"]"#.into(),
            return_url: "https://app.example.org/signed".into(),
            digest: "d".into(),
            created_at: now,
            expires_at: now + time::Duration::minutes(10),
            status: "pending".into(),
            finished_at: None,
            method: None,
            receipt: None,
            reported_at: None,
        }
    }

    #[tokio::test]
    async fn a_request_finishes_once_and_its_handle_is_spent_once() {
        testdb::each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let account = testdb::account(&store, "sign@example.org").await;
            let service = testdb::service(&store, "Registry").await;
            let r = request("SR-1", service, account, now);
            store.create_signature_request(&r).await.unwrap();
            let later = now + time::Duration::minutes(1);
            let until = later + time::Duration::minutes(5);
            assert!(
                store
                    .finish_signature_request(
                        "SR-1",
                        "signed",
                        Some("PASSWORD_SMS"),
                        Some("jws"),
                        "h1",
                        until,
                        later
                    )
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .finish_signature_request("SR-1", "cancelled", None, None, "h2", until, later)
                    .await
                    .unwrap(),
                "a finished request cannot be finished again"
            );
            assert_eq!(
                store
                    .redeem_signature_result("h1", service + 1, later)
                    .await
                    .unwrap(),
                None,
                "another service's handle"
            );
            let Some(got) = store
                .redeem_signature_result("h1", service, later)
                .await
                .unwrap()
            else {
                panic!("the handle redeems once");
            };
            assert_eq!(
                (got.status.as_str(), got.receipt.as_deref()),
                ("signed", Some("jws"))
            );
            assert_eq!(
                store
                    .redeem_signature_result("h1", service, later)
                    .await
                    .unwrap(),
                None,
                "a replayed handle"
            );
            // An expired request cannot be finished; an expired handle cannot be redeemed.
            let r2 = request("SR-2", service, account, now);
            store.create_signature_request(&r2).await.unwrap();
            let late = now + time::Duration::minutes(11);
            assert!(
                !store
                    .finish_signature_request(
                        "SR-2",
                        "signed",
                        None,
                        None,
                        "h3",
                        late + time::Duration::minutes(5),
                        late
                    )
                    .await
                    .unwrap()
            );
            let r3 = request("SR-3", service, account, now);
            store.create_signature_request(&r3).await.unwrap();
            assert!(
                store
                    .finish_signature_request("SR-3", "cancelled", None, None, "h4", until, later)
                    .await
                    .unwrap()
            );
            assert_eq!(
                store
                    .redeem_signature_result("h4", service, until)
                    .await
                    .unwrap(),
                None,
                "an expired handle"
            );
            assert!(
                store
                    .report_signature(account, "SR-1", later)
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .report_signature(account, "SR-1", later)
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .report_signature(account, "SR-3", later)
                    .await
                    .unwrap(),
                "only signed ones"
            );
            assert_eq!(
                store
                    .signature_requests_of(account, 10)
                    .await
                    .unwrap()
                    .len(),
                3
            );
            assert!(store.set_signing_secret(service, "abc").await.unwrap());
            assert_eq!(
                store.signing_secret(service).await.unwrap().as_deref(),
                Some("abc")
            );
        })
        .await;
    }
}
