//! The audit log: every security event, append-only and hash-chained (issue 21).
//!
//! Each row carries `prev_hash`, the hash of the row before it, and `hash` = SHA-256 over
//! `prev_hash` and the row's own columns ([`row_hash`]). Rows get their ids from the chain's head
//! (`audit_chain`, one row, locked by the write that appends), so ids are gapless and follow the
//! chain. An edited, removed or inserted row breaks the chain at that point and
//! [`Store::verify_audit`] names it. Retention ([`Store::purge_audit`]) removes the oldest rows
//! and moves the anchor: the first surviving row's `prev_hash` is kept as `anchor_hash`.
//!
//! What this detects: changes made with SQL after the fact by someone who does not also
//! recompute every later hash and the head. What it cannot: a rewrite of the whole tail by
//! someone with write access to the database; exporting the log (or just the head hash that
//! `limen audit verify` prints) to a place they cannot write is what pins it (docs/ADMIN.md).

use crate::{Store, StoreError, from_ts, ts};
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::OffsetDateTime;

/// The hash before the first row of the chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub event: String,
    /// The subject: the account the event is about.
    pub account_id: Option<i64>,
    pub client_ip: Option<String>,
    pub detail: serde_json::Value,
    /// Who acted: `user` (the account holder), `cli`, `admin:<uid>` (a person in the console),
    /// `client:<client_id>` (a program with the admin API), `system`; `None` before issue 21.
    pub actor: Option<String>,
    pub user_agent: Option<String>,
    /// The service the event is about (its name), if any.
    pub service: Option<String>,
}

impl AuditEntry {
    /// An entry with only the required fields; the others are `None`.
    pub fn new(
        at: OffsetDateTime,
        event: impl Into<String>,
        account_id: Option<i64>,
        detail: serde_json::Value,
    ) -> AuditEntry {
        AuditEntry {
            at,
            event: event.into(),
            account_id,
            client_ip: None,
            detail,
            actor: None,
            user_agent: None,
            service: None,
        }
    }
}

/// A row of the log as stored.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: i64,
    pub entry: AuditEntry,
    /// `None` for rows written before the chain existed.
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// What to search for; every field narrows the search. Rows come newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Exact event name, or a prefix when it ends with `.` (`login.` finds `login.success`…).
    pub event: Option<String>,
    pub account_id: Option<i64>,
    pub actor: Option<String>,
    pub service: Option<String>,
    pub client_ip: Option<String>,
    pub since: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
    /// Keyset pagination: only rows with a smaller id.
    pub before_id: Option<i64>,
}

/// The result of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    /// Every row after the anchor links to the one before and hashes to what it says.
    Intact {
        /// Rows checked.
        rows: i64,
        /// Rows before the anchor (written before the chain existed; purged ones are gone).
        unchained: i64,
        /// The hash of the last row: record it elsewhere to pin the log.
        head: String,
        last_id: i64,
    },
    /// The first place where the chain breaks.
    Broken { id: i64, reason: String },
}

/// SHA-256 (hex) over the previous hash and the row, serialised as a JSON array: unambiguous
/// whatever the fields contain.
pub fn row_hash(prev_hash: &str, id: i64, e: &AuditEntry, detail_text: &str) -> String {
    let canonical = serde_json::json!([
        prev_hash,
        id,
        ts(e.at),
        e.event,
        e.account_id,
        e.client_ip,
        e.actor,
        e.user_agent,
        e.service,
        detail_text,
    ])
    .to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

const COLUMNS: &str =
    "id, at, event, account_id, client_ip, detail, actor, user_agent, service, prev_hash, hash";

// Every audited event (a sign-in, a token): the head of the chain, the row, the head moved.
// Listed in [`crate::hot_queries`].
pub(crate) const AUDIT_HEAD: &str =
    "UPDATE audit_chain SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, last_hash";
pub(crate) const AUDIT_INSERT: &str = "INSERT INTO audit_log (id, at, event, account_id, client_ip, \
     detail, actor, user_agent, service, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
pub(crate) const AUDIT_MOVE_HEAD: &str = "UPDATE audit_chain SET last_hash = $1 WHERE id = 1";

fn to_row(r: &sqlx::any::AnyRow) -> Result<(AuditRow, String), StoreError> {
    let detail: String = r.try_get("detail")?;
    let row = AuditRow {
        id: r.try_get("id")?,
        entry: AuditEntry {
            at: from_ts(r.try_get("at")?),
            event: r.try_get("event")?,
            account_id: r.try_get("account_id")?,
            client_ip: r.try_get("client_ip")?,
            detail: serde_json::from_str(&detail)
                .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
            actor: r.try_get("actor")?,
            user_agent: r.try_get("user_agent")?,
            service: r.try_get("service")?,
        },
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    };
    Ok((row, detail))
}

impl Store {
    /// Appends an entry to the chain: one transaction that locks the head, writes the row with
    /// the next id and its hash, and moves the head.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let detail = entry.detail.to_string();
        let mut tx = self.pool.begin().await?;
        // The first statement writes: on SQLite it takes the write lock at once; on PostgreSQL
        // it locks the head row until commit, so appends are serialised across nodes.
        let head = sqlx::query(AUDIT_HEAD).fetch_one(&mut *tx).await?;
        let id: i64 = head.try_get("last_id")?;
        let prev: String = head.try_get("last_hash")?;
        let hash = row_hash(&prev, id, entry, &detail);
        sqlx::query(AUDIT_INSERT)
            .bind(id)
            .bind(ts(entry.at))
            .bind(&entry.event)
            .bind(entry.account_id)
            .bind(entry.client_ip.clone())
            .bind(&detail)
            .bind(entry.actor.clone())
            .bind(entry.user_agent.clone())
            .bind(entry.service.clone())
            .bind(&prev)
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query(AUDIT_MOVE_HEAD)
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The latest events, newest first, whatever their account (or none: registry changes).
    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(self
            .search_audit(&AuditFilter::default(), limit)
            .await?
            .into_iter()
            .map(|r| r.entry)
            .collect())
    }

    /// The latest events of an account, newest first: (time, event).
    pub async fn audit_of_account(
        &self,
        account_id: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, event FROM audit_log WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(account_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// Rows matching `filter`, newest first, at most `limit`.
    pub async fn search_audit(
        &self,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        let mut sql = format!("SELECT {COLUMNS} FROM audit_log WHERE 1 = 1");
        let mut n = 0;
        let mut next = |sql: &mut String, clause: &str| {
            n += 1;
            sql.push_str(&clause.replace('?', &format!("${n}")));
        };
        let event_prefix = filter
            .event
            .as_deref()
            .filter(|e| e.ends_with('.'))
            .map(|e| format!("{}%", e.replace(['%', '_'], "")));
        if event_prefix.is_some() {
            next(&mut sql, " AND event LIKE ?");
        } else if filter.event.is_some() {
            next(&mut sql, " AND event = ?");
        }
        if filter.account_id.is_some() {
            next(&mut sql, " AND account_id = ?");
        }
        if filter.actor.is_some() {
            next(&mut sql, " AND actor = ?");
        }
        if filter.service.is_some() {
            next(&mut sql, " AND service = ?");
        }
        if filter.client_ip.is_some() {
            next(&mut sql, " AND client_ip = ?");
        }
        if filter.since.is_some() {
            next(&mut sql, " AND at >= ?");
        }
        if filter.until.is_some() {
            next(&mut sql, " AND at < ?");
        }
        if filter.before_id.is_some() {
            next(&mut sql, " AND id < ?");
        }
        next(&mut sql, " ORDER BY id DESC LIMIT ?");
        let mut q = sqlx::query(&sql);
        if let Some(p) = &event_prefix {
            q = q.bind(p.clone());
        } else if let Some(e) = &filter.event {
            q = q.bind(e.clone());
        }
        if let Some(a) = filter.account_id {
            q = q.bind(a);
        }
        if let Some(a) = &filter.actor {
            q = q.bind(a.clone());
        }
        if let Some(s) = &filter.service {
            q = q.bind(s.clone());
        }
        if let Some(ip) = &filter.client_ip {
            q = q.bind(ip.clone());
        }
        if let Some(t) = filter.since {
            q = q.bind(ts(t));
        }
        if let Some(t) = filter.until {
            q = q.bind(ts(t));
        }
        if let Some(id) = filter.before_id {
            q = q.bind(id);
        }
        let rows = q.bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(to_row(r)?.0)).collect()
    }

    /// Rows with an id above `after_id`, oldest first, at most `limit` (export, verification).
    pub async fn audit_after(
        &self,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        Ok(self
            .audit_after_raw(after_id, limit)
            .await?
            .into_iter()
            .map(|(r, _)| r)
            .collect())
    }

    async fn audit_after_raw(
        &self,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<(AuditRow, String)>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"
        ))
        .bind(after_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_row).collect()
    }

    /// The uids of these accounts, deleted ones included (their uid stays, as the log keeps
    /// pointing at them), in one query: for a page of rows to name their subjects.
    pub async fn account_uids(
        &self,
        account_ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        let mut ids = account_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(std::collections::HashMap::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT id, uid FROM accounts WHERE id IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(*id);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("uid")?)))
            .collect()
    }

    /// The id of the account with this uid, deleted or not: what to search the log for.
    pub async fn account_id_of_uid(&self, uid: &str) -> Result<Option<i64>, StoreError> {
        sqlx::query("SELECT id FROM accounts WHERE uid = $1")
            .bind(uid)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()
            .map_err(Into::into)
    }

    /// Walks the chain from the anchor to the head and reports the first break.
    pub async fn verify_audit(&self) -> Result<ChainReport, StoreError> {
        let head = sqlx::query(
            "SELECT last_id, last_hash, anchor_id, anchor_hash FROM audit_chain WHERE id = 1",
        )
        .fetch_one(&self.pool)
        .await?;
        let anchor_id: i64 = head.try_get("anchor_id")?;
        let mut prev: String = head.try_get("anchor_hash")?;
        let unchained: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE id <= $1")
            .bind(anchor_id)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let mut expected = anchor_id + 1;
        let mut rows = 0;
        // Rows appended while the walk runs are walked too: the head is read only once the
        // walk finds no more rows. An append commits its row and the head together, so the
        // head then counts every row seen; if it counts more, they were appended meanwhile and
        // one more read finds them (or they are missing: removed from the end).
        let (last_id, last_hash) = loop {
            let mut page = self.audit_after_raw(expected - 1, 1000).await?;
            if page.is_empty() {
                let head = sqlx::query("SELECT last_id, last_hash FROM audit_chain WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?;
                let last_id: i64 = head.try_get("last_id")?;
                if last_id >= expected {
                    page = self.audit_after_raw(expected - 1, 1000).await?;
                }
                if page.is_empty() {
                    break (last_id, head.try_get::<String, _>("last_hash")?);
                }
            }
            for (row, detail) in page {
                if row.id != expected {
                    return Ok(ChainReport::Broken {
                        id: expected,
                        reason: format!("row {expected} is missing (the next is {})", row.id),
                    });
                }
                if row.prev_hash.as_deref() != Some(prev.as_str()) {
                    return Ok(ChainReport::Broken {
                        id: row.id,
                        reason: "its prev_hash is not the hash of the row before it".into(),
                    });
                }
                let hash = row_hash(&prev, row.id, &row.entry, &detail);
                if row.hash.as_deref() != Some(hash.as_str()) {
                    return Ok(ChainReport::Broken {
                        id: row.id,
                        reason: "its content does not match its hash (edited)".into(),
                    });
                }
                prev = hash;
                expected += 1;
                rows += 1;
            }
        };
        if expected - 1 != last_id || prev != last_hash {
            return Ok(ChainReport::Broken {
                id: expected,
                reason: format!(
                    "the chain ends at row {} but its head says {last_id} (rows removed from the end)",
                    expected - 1
                ),
            });
        }
        Ok(ChainReport::Intact {
            rows,
            unchained,
            head: prev,
            last_id,
        })
    }

    /// Retention: removes rows older than `before`, from the oldest, and moves the anchor to
    /// the last removed chained row. Returns how many rows went.
    pub async fn purge_audit(&self, before: OffsetDateTime) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        // Lock the head first (a write), as appends do.
        sqlx::query("UPDATE audit_chain SET anchor_id = anchor_id WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        // The oldest rows are the lowest ids: cut at the first row that is recent enough, so
        // that what remains is a contiguous tail of the chain.
        let cut: Option<i64> = sqlx::query("SELECT MIN(id) AS m FROM audit_log WHERE at >= $1")
            .bind(ts(before))
            .fetch_one(&mut *tx)
            .await?
            .try_get("m")?;
        let last_removed = match cut {
            Some(c) => c - 1,
            None => sqlx::query("SELECT last_id FROM audit_chain WHERE id = 1")
                .fetch_one(&mut *tx)
                .await?
                .try_get("last_id")?,
        };
        let anchor_hash: Option<Option<String>> =
            sqlx::query("SELECT hash FROM audit_log WHERE id = $1")
                .bind(last_removed)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("hash"))
                .transpose()?;
        let removed = sqlx::query("DELETE FROM audit_log WHERE id <= $1")
            .bind(last_removed)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if let Some(Some(hash)) = anchor_hash {
            sqlx::query(
                "UPDATE audit_chain SET anchor_id = $1, anchor_hash = $2 WHERE id = 1 AND anchor_id < $1",
            )
            .bind(last_removed)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::each_backend;
    use serde_json::json;

    fn entry(at: i64, event: &str) -> AuditEntry {
        let mut e = AuditEntry::new(
            OffsetDateTime::from_unix_timestamp(at).unwrap(),
            event,
            Some(7),
            json!({"method": "PASSWORD"}),
        );
        e.client_ip = Some("192.0.2.1".into());
        e.actor = Some("user".into());
        e
    }

    #[tokio::test]
    async fn the_chain_verifies_and_names_an_edited_row() {
        each_backend(|store| async move {
            for i in 0..5 {
                store
                    .audit(&entry(1_800_000_000 + i, "login.success"))
                    .await
                    .unwrap();
            }
            let ChainReport::Intact { rows, last_id, .. } = store.verify_audit().await.unwrap()
            else {
                panic!("a fresh chain is intact");
            };
            assert_eq!(rows, 5);
            // An attacker with SQL access: drop the append-only guard, edit row 3.
            let third = last_id - 2;
            crate::testdb::drop_audit_guard(&store).await;
            sqlx::query("UPDATE audit_log SET event = 'login.failure' WHERE id = $1")
                .bind(third)
                .execute(&store.pool)
                .await
                .unwrap();
            match store.verify_audit().await.unwrap() {
                ChainReport::Broken { id, reason } => {
                    assert_eq!(id, third);
                    assert!(reason.contains("edited"), "{reason}");
                }
                other => panic!("an edit must be found: {other:?}"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn updates_are_refused_and_deletions_found() {
        each_backend(|store| async move {
            for i in 0..4 {
                store
                    .audit(&entry(1_800_000_000 + i, "logout"))
                    .await
                    .unwrap();
            }
            let err = sqlx::query("UPDATE audit_log SET event = 'x'")
                .execute(&store.pool)
                .await
                .unwrap_err();
            assert!(err.to_string().contains("append-only"), "{err}");
            let ChainReport::Intact { last_id, .. } = store.verify_audit().await.unwrap() else {
                panic!("intact before the deletion");
            };
            sqlx::query("DELETE FROM audit_log WHERE id = $1")
                .bind(last_id - 1)
                .execute(&store.pool)
                .await
                .unwrap();
            assert!(matches!(
                store.verify_audit().await.unwrap(),
                ChainReport::Broken { id, .. } if id == last_id - 1
            ));
            // The last row removed: the head no longer matches.
            let store2 = store.clone();
            sqlx::query("DELETE FROM audit_log WHERE id >= $1")
                .bind(last_id - 1)
                .execute(&store2.pool)
                .await
                .unwrap();
            assert!(matches!(
                store.verify_audit().await.unwrap(),
                ChainReport::Broken { .. }
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn retention_moves_the_anchor_and_keeps_the_chain_verifiable() {
        each_backend(|store| async move {
            for i in 0..6 {
                store
                    .audit(&entry(1_800_000_000 + i * 100, "login.success"))
                    .await
                    .unwrap();
            }
            let removed = store
                .purge_audit(OffsetDateTime::from_unix_timestamp(1_800_000_250).unwrap())
                .await
                .unwrap();
            assert_eq!(removed, 3);
            match store.verify_audit().await.unwrap() {
                ChainReport::Intact { rows, .. } => assert_eq!(rows, 3),
                other => panic!("the tail after retention is intact: {other:?}"),
            }
            store.audit(&entry(1_800_001_000, "logout")).await.unwrap();
            assert!(matches!(
                store.verify_audit().await.unwrap(),
                ChainReport::Intact { rows: 4, .. }
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn uids_of_a_page_in_one_query_deleted_accounts_included() {
        each_backend(|store| async move {
            let a = crate::testdb::account(&store, "ann@example.org").await;
            let b = crate::testdb::account(&store, "bob@example.org").await;
            let uid_a = store.account_by_id(a).await.unwrap().unwrap().uid;
            let uid_b = store.account_by_id(b).await.unwrap().unwrap().uid;
            store
                .delete_account(
                    b,
                    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
                )
                .await
                .unwrap();
            let uids = store.account_uids(&[a, b, a, 999_999]).await.unwrap();
            assert_eq!(uids.len(), 2);
            assert_eq!(uids[&a], uid_a);
            assert_eq!(
                uids[&b], uid_b,
                "a deleted account keeps its uid in the log"
            );
            assert!(store.account_uids(&[]).await.unwrap().is_empty());
            assert_eq!(store.account_id_of_uid(&uid_b).await.unwrap(), Some(b));
            assert_eq!(store.account_id_of_uid("nobody").await.unwrap(), None);
        })
        .await;
    }

    #[tokio::test]
    async fn search_filters_and_pages() {
        each_backend(|store| async move {
            store
                .audit(&entry(1_800_000_000, "login.success"))
                .await
                .unwrap();
            store
                .audit(&entry(1_800_000_001, "login.failure"))
                .await
                .unwrap();
            store.audit(&entry(1_800_000_002, "logout")).await.unwrap();
            let f = AuditFilter {
                event: Some("login.".into()),
                ..AuditFilter::default()
            };
            let rows = store.search_audit(&f, 10).await.unwrap();
            assert_eq!(
                rows.iter()
                    .map(|r| r.entry.event.as_str())
                    .collect::<Vec<_>>(),
                ["login.failure", "login.success"]
            );
            let page = store
                .search_audit(
                    &AuditFilter {
                        before_id: Some(rows[0].id),
                        ..f.clone()
                    },
                    10,
                )
                .await
                .unwrap();
            assert_eq!(page.len(), 1);
            assert_eq!(page[0].entry.event, "login.success");
            let none = store
                .search_audit(
                    &AuditFilter {
                        event: Some("login".into()),
                        ..AuditFilter::default()
                    },
                    10,
                )
                .await
                .unwrap();
            assert!(none.is_empty(), "an exact name matches exactly");
        })
        .await;
    }
}
