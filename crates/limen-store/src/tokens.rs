//! Hardware tokens (issue 16): the inventory of OATH HOTP/TOTP and OCRA tokens, their
//! assignment to accounts, and the state that makes a code usable once — the HOTP counter, the
//! last TOTP step, the failure counter.
//!
//! Everything that must happen once is one conditional `UPDATE`: two nodes (or two browsers)
//! racing with the same code cannot both move a counter past it, and a failure is counted by
//! the database, not by a read-modify-write. Secrets arrive sealed by the caller.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// What a typed serial is matched against: upper case, without spaces and hyphens (seed 003:
/// "type all the digits ... without the hyphens"; a legacy "t123" is "T123").
pub fn serial_key(serial: &str) -> String {
    serial
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether users can type this serial: letters or digits, nothing else but spaces and hyphens,
/// 64 at most once those are dropped. The import refuses other serials, the pages other input.
pub fn serial_is_typeable(serial: &str) -> bool {
    let key = serial_key(serial);
    !key.is_empty() && key.len() <= 64 && key.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A token of the inventory.
#[derive(Debug, Clone)]
pub struct StoredToken {
    pub id: i64,
    /// As printed on the device.
    pub serial: String,
    pub serial_key: String,
    /// `hotp`, `totp` or `ocra`.
    pub kind: String,
    /// `SHA1`, `SHA256` or `SHA512` (OCRA: its suite's).
    pub algorithm: String,
    pub digits: i64,
    /// TOTP: the time step in seconds, and T0.
    pub period: i64,
    pub t0: i64,
    /// OCRA: the suite (RFC 6287 §6).
    pub suite: String,
    /// The key, as sealed by the caller.
    pub secret: String,
    /// HOTP and OCRA with a counter: the next counter expected.
    pub counter: i64,
    /// TOTP: the last step accepted.
    pub last_step: Option<i64>,
    /// TOTP: the token clock's offset, in steps.
    pub drift: i64,
    /// Automatic resynchronisation: what a code outside the window matched.
    pub pending_resync: Option<i64>,
    pub manufacturer: String,
    pub model: String,
    pub account_id: Option<i64>,
    /// The name its holder gave it ('' until assigned).
    pub name: String,
    /// Locked by an administrator, or taken from its account by PANIC.
    pub disabled: bool,
    pub failures: i64,
    pub locked_until: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub assigned_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
}

impl StoredToken {
    /// Whether it refuses every code now: disabled, or locked after too many wrong codes.
    pub fn blocked(&self, now: OffsetDateTime) -> bool {
        self.disabled || self.locked_until.is_some_and(|t| t > now)
    }
}

/// A token to add to the inventory.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub serial: String,
    pub kind: String,
    pub algorithm: String,
    pub digits: i64,
    pub period: i64,
    pub t0: i64,
    pub suite: String,
    /// Sealed by the caller, bound to [`serial_key`] of `serial`.
    pub secret: String,
    pub counter: i64,
    pub drift: i64,
    pub manufacturer: String,
    pub model: String,
}

/// Which tokens [`Store::tokens`] lists.
#[derive(Debug, Clone, Default)]
pub struct TokenFilter {
    /// A part of the serial (matched like a typed serial), of the holder's e-mail or of the
    /// token's name.
    pub search: Option<String>,
    pub unassigned_only: bool,
    pub limit: i64,
    pub offset: i64,
}

const COLUMNS: &str = "t.id, t.serial, t.serial_key, t.kind, t.algorithm, t.digits, t.period, \
     t.t0, t.suite, t.secret, t.counter, t.last_step, t.drift, t.pending_resync, t.manufacturer, \
     t.model, t.account_id, t.name, t.disabled, t.failures, t.locked_until, t.created_at, \
     t.assigned_at, t.last_used_at";

/// Sign-in: the account's hardware tokens. Listed in [`crate::hot_queries`].
pub(crate) static TOKENS_OF_ACCOUNT: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {COLUMNS} FROM tokens t WHERE t.account_id = $1 ORDER BY t.assigned_at, t.id")
});

fn to_token(row: &AnyRow) -> Result<StoredToken, StoreError> {
    let opt = |name: &str| -> Result<Option<OffsetDateTime>, StoreError> {
        Ok(row.try_get::<Option<i64>, _>(name)?.map(from_ts))
    };
    Ok(StoredToken {
        id: row.try_get("id")?,
        serial: row.try_get("serial")?,
        serial_key: row.try_get("serial_key")?,
        kind: row.try_get("kind")?,
        algorithm: row.try_get("algorithm")?,
        digits: row.try_get("digits")?,
        period: row.try_get("period")?,
        t0: row.try_get("t0")?,
        suite: row.try_get("suite")?,
        secret: row.try_get("secret")?,
        counter: row.try_get("counter")?,
        last_step: row.try_get("last_step")?,
        drift: row.try_get("drift")?,
        pending_resync: row.try_get("pending_resync")?,
        manufacturer: row.try_get("manufacturer")?,
        model: row.try_get("model")?,
        account_id: row.try_get("account_id")?,
        name: row.try_get("name")?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        failures: row.try_get("failures")?,
        locked_until: opt("locked_until")?,
        created_at: from_ts(row.try_get("created_at")?),
        assigned_at: opt("assigned_at")?,
        last_used_at: opt("last_used_at")?,
    })
}

impl Store {
    /// Adds tokens to the inventory in one transaction. Returns, per token, its row id or `None`
    /// when its serial is already in the inventory. With `all_or_nothing`, one such serial
    /// rolls everything back (the ids returned are then those the transaction would have had).
    pub async fn import_tokens(
        &self,
        tokens: &[NewToken],
        all_or_nothing: bool,
        now: OffsetDateTime,
    ) -> Result<(Vec<Option<i64>>, bool), StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut ids = Vec::with_capacity(tokens.len());
        for t in tokens {
            let row = sqlx::query(
                "INSERT INTO tokens (serial, serial_key, kind, algorithm, digits, period, t0, \
                 suite, secret, counter, drift, manufacturer, model, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 ON CONFLICT (serial_key) DO NOTHING RETURNING id",
            )
            .bind(&t.serial)
            .bind(serial_key(&t.serial))
            .bind(&t.kind)
            .bind(&t.algorithm)
            .bind(t.digits)
            .bind(t.period)
            .bind(t.t0)
            .bind(&t.suite)
            .bind(&t.secret)
            .bind(t.counter)
            .bind(t.drift)
            .bind(&t.manufacturer)
            .bind(&t.model)
            .bind(ts(now))
            .fetch_optional(&mut *tx)
            .await?;
            ids.push(match row {
                Some(r) => Some(r.try_get::<i64, _>("id")?),
                None => None,
            });
        }
        if all_or_nothing && ids.iter().any(Option::is_none) {
            tx.rollback().await?;
            return Ok((ids, false));
        }
        tx.commit().await?;
        Ok((ids, true))
    }

    /// The token with this serial (as typed: see [`serial_key`]).
    pub async fn token_by_serial(&self, serial: &str) -> Result<Option<StoredToken>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tokens t WHERE t.serial_key = $1"
        ))
        .bind(serial_key(serial))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_token).transpose()
    }

    pub async fn token_by_id(&self, id: i64) -> Result<Option<StoredToken>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM tokens t WHERE t.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(to_token).transpose()
    }

    /// The suite of the latest OCRA token imported (the shape of a decoy question).
    pub async fn latest_ocra_suite(&self) -> Result<Option<String>, StoreError> {
        let row =
            sqlx::query("SELECT suite FROM tokens WHERE kind = 'ocra' ORDER BY id DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| r.try_get::<String, _>("suite"))
            .transpose()
            .map_err(Into::into)
    }

    /// The account's tokens, oldest assignment first.
    pub async fn tokens_of(&self, account_id: i64) -> Result<Vec<StoredToken>, StoreError> {
        let rows = sqlx::query(&TOKENS_OF_ACCOUNT)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_token).collect()
    }

    /// The inventory, by serial, with each holder's e-mail address.
    pub async fn tokens(
        &self,
        filter: &TokenFilter,
    ) -> Result<Vec<(StoredToken, Option<String>)>, StoreError> {
        let mut sql = format!(
            "SELECT {COLUMNS}, a.email AS holder FROM tokens t \
             LEFT JOIN accounts a ON a.id = t.account_id WHERE 1 = 1"
        );
        if filter.unassigned_only {
            sql.push_str(" AND t.account_id IS NULL");
        }
        let search = filter.search.as_deref().map(str::trim).unwrap_or("");
        if !search.is_empty() {
            sql.push_str(
                " AND (t.serial_key LIKE $3 ESCAPE '\\' OR LOWER(a.email) LIKE $4 ESCAPE '\\' \
                 OR LOWER(t.name) LIKE $4 ESCAPE '\\')",
            );
        }
        sql.push_str(" ORDER BY t.serial_key LIMIT $1 OFFSET $2");
        let like = |s: &str| {
            let escaped: String = s
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            format!("%{escaped}%")
        };
        let mut q = sqlx::query(&sql)
            .bind(filter.limit.clamp(1, 100_000))
            .bind(filter.offset.max(0));
        if !search.is_empty() {
            q = q
                .bind(like(&serial_key(search)))
                .bind(like(&search.to_lowercase()));
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((to_token(r)?, r.try_get::<Option<String>, _>("holder")?)))
            .collect()
    }

    /// Assigns an unassigned token to an account under `name`; `false` when it is assigned
    /// (to anyone) or unknown. Its failures start again from zero.
    pub async fn assign_token(
        &self,
        id: i64,
        account_id: i64,
        name: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE tokens SET account_id = $1, name = $2, assigned_at = $3, failures = 0, \
             locked_until = NULL, pending_resync = NULL WHERE id = $4 AND account_id IS NULL",
        )
        .bind(account_id)
        .bind(name)
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes a token from its account (`account_id`, when given, must be the holder); with
    /// `disable`, it then refuses every code until an administrator unlocks it. `false` when
    /// nothing matched.
    pub async fn unassign_token(
        &self,
        id: i64,
        account_id: Option<i64>,
        disable: bool,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE tokens SET account_id = NULL, name = '', assigned_at = NULL, \
             disabled = CASE WHEN $1 = 1 THEN 1 ELSE disabled END \
             WHERE id = $2 AND account_id IS NOT NULL AND ($3 = 0 OR account_id = $3)",
        )
        .bind(i64::from(disable))
        .bind(id)
        .bind(account_id.unwrap_or(0))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Renames one of the account's tokens.
    pub async fn rename_token(
        &self,
        id: i64,
        account_id: i64,
        name: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE tokens SET name = $1 WHERE id = $2 AND account_id = $3")
            .bind(name)
            .bind(id)
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A right HOTP or counter-based OCRA code at `matched`: the next counter becomes
    /// `matched + 1` — only if no other use already moved it past `matched` (the code was not
    /// used before: RFC 4226 §7.2). Clears the failures. `false`: a replay.
    pub async fn use_token_counter(
        &self,
        id: i64,
        matched: i64,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE tokens SET counter = $1, failures = 0, locked_until = NULL, \
             pending_resync = NULL, last_used_at = $2 \
             WHERE id = $3 AND counter <= $4 AND disabled = 0",
        )
        .bind(matched.saturating_add(1))
        .bind(ts(now))
        .bind(id)
        .bind(matched)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A right TOTP code of time step `step`: recorded as the last step used, with the token's
    /// clock drift — only if no step at or after it was used (RFC 6238 §5.2: a code is accepted
    /// once). Clears the failures. `false`: a replay.
    pub async fn use_token_step(
        &self,
        id: i64,
        step: i64,
        drift: i64,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE tokens SET last_step = $1, drift = $2, failures = 0, locked_until = NULL, \
             pending_resync = NULL, last_used_at = $3 \
             WHERE id = $4 AND disabled = 0 AND (last_step IS NULL OR last_step < $1)",
        )
        .bind(step)
        .bind(drift)
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A right OCRA response without counter: the use is recorded and the tries given back.
    pub async fn token_used(&self, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE tokens SET failures = 0, locked_until = NULL, last_used_at = $1 \
             WHERE id = $2 AND disabled = 0",
        )
        .bind(ts(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Takes one of the token's tries before a code is checked, so that codes posted in
    /// parallel cannot each see the token still unlocked: `None` when it is disabled, locked,
    /// or has had `max` tries since its last right code. A lockout that has run out starts the
    /// count again (this try is the first). A right code gives every try back
    /// ([`Store::use_token_counter`], [`Store::use_token_step`], [`Store::token_used`]).
    pub async fn reserve_token_try(
        &self,
        id: i64,
        max: i64,
        now: OffsetDateTime,
    ) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query(
            "UPDATE tokens SET \
               failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 \
                          ELSE failures + 1 END, \
               locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN NULL \
                              ELSE locked_until END \
             WHERE id = $1 AND disabled = 0 \
               AND ((locked_until IS NOT NULL AND locked_until <= $2) \
                    OR (locked_until IS NULL AND failures < $3)) \
             RETURNING failures",
        )
        .bind(id)
        .bind(ts(now))
        .bind(max)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| r.try_get::<i64, _>("failures"))
            .transpose()
            .map_err(Into::into)
    }

    /// A reserved try was a wrong code: when the tries are used up, the token locks until
    /// `until`. `true` for the one call that locked it (its holder is then told).
    pub async fn token_try_failed(
        &self,
        id: i64,
        max: i64,
        until: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "UPDATE tokens SET locked_until = $1 \
             WHERE id = $2 AND failures >= $3 AND locked_until IS NULL RETURNING id",
        )
        .bind(ts(until))
        .bind(id)
        .bind(max)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// Gives back a reserved try that was not a guess (a code already used).
    pub async fn release_token_try(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE tokens SET failures = failures - 1 \
             WHERE id = $1 AND failures > 0 AND locked_until IS NULL",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Remembers (or forgets) what a code outside the window matched, for automatic
    /// resynchronisation.
    pub async fn set_token_pending_resync(
        &self,
        id: i64,
        pending: Option<i64>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE tokens SET pending_resync = $1 WHERE id = $2")
            .bind(pending)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Resynchronises a token: HOTP/OCRA, the next counter; TOTP, the last step used and the
    /// drift. Failures and the lockout are cleared (an administrator or the holder proved two
    /// codes). Moves only forward: `false` when the token has already gone past.
    pub async fn resync_token(
        &self,
        id: i64,
        counter: Option<i64>,
        step: Option<(i64, i64)>,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = match (counter, step) {
            (Some(next), _) => {
                sqlx::query(
                    "UPDATE tokens SET counter = $1, failures = 0, locked_until = NULL, \
                     pending_resync = NULL, last_used_at = $2 WHERE id = $3 AND counter < $1",
                )
                .bind(next)
                .bind(ts(now))
                .bind(id)
                .execute(&self.pool)
                .await?
            }
            (None, Some((last_step, drift))) => {
                sqlx::query(
                    "UPDATE tokens SET last_step = $1, drift = $2, failures = 0, \
                     locked_until = NULL, pending_resync = NULL, last_used_at = $3 \
                     WHERE id = $4 AND (last_step IS NULL OR last_step < $1)",
                )
                .bind(last_step)
                .bind(drift)
                .bind(ts(now))
                .bind(id)
                .execute(&self.pool)
                .await?
            }
            (None, None) => return Ok(false),
        };
        Ok(done.rows_affected() == 1)
    }

    /// An administrator's lock (`true`) or unlock (`false`): unlocking also clears the failures
    /// and their lockout.
    pub async fn set_token_disabled(&self, id: i64, disabled: bool) -> Result<bool, StoreError> {
        let sql = if disabled {
            "UPDATE tokens SET disabled = 1 WHERE id = $1"
        } else {
            "UPDATE tokens SET disabled = 0, failures = 0, locked_until = NULL WHERE id = $1"
        };
        let done = sqlx::query(sql).bind(id).execute(&self.pool).await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes a token from the inventory.
    pub async fn delete_token(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM tokens WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_matched_as_typed() {
        assert_eq!(serial_key(" 12-3456 78 "), "12345678");
        assert_eq!(serial_key("t1234567"), "T1234567");
        assert_eq!(serial_key("FT-0001-aB"), "FT0001AB");
    }
}
