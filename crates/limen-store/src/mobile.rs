//! The mobile authenticator (issue 14, docs/MOBILE-PROTOCOL.md): enrolled devices, their
//! enrolments, the challenges they answer and the `jti`s of their signed requests.
//!
//! Everything that must happen once — an enrolment token taken, a challenge answered, an approval
//! spent, a device locked — is one conditional statement (or a transaction whose first statement
//! is a write), so that two nodes racing on one database cannot both win. Keys arrive sealed by
//! the caller; this crate knows nothing of the protocol's cryptography.

use crate::{Store, StoreError, from_ts, ts};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// Where a device stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MobileStatus {
    /// It has taken an enrolment and not yet confirmed the PIN (§3 step 5).
    Pending,
    Active,
    /// `pin_tries` wrong PINs in a row (§2.1): it must be removed and enrolled again.
    Locked,
}

impl MobileStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            MobileStatus::Pending => "pending",
            MobileStatus::Active => "active",
            MobileStatus::Locked => "locked",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(MobileStatus::Pending),
            "active" => Some(MobileStatus::Active),
            "locked" => Some(MobileStatus::Locked),
            _ => None,
        }
    }
}

/// An enrolled (or enrolling) device.
#[derive(Debug, Clone)]
pub struct MobileDevice {
    pub id: i64,
    pub account_id: i64,
    /// The RFC 7638 thumbprint of the device key (§2), unique across accounts.
    pub device_id: String,
    /// The device key, a JWK (JSON).
    pub public_key: String,
    /// The offline key K (§2), as sealed by the caller.
    pub offline_key: String,
    pub name: String,
    pub os: String,
    pub model: String,
    pub app: String,
    pub status: MobileStatus,
    /// Wrong PINs in a row.
    pub pin_failures: i64,
    /// The enrolment (its id) that made the device.
    pub enrolment_id: Option<String>,
    /// The Web Push subscription (§7): endpoint, p256dh, auth.
    pub push: Option<(String, String, String)>,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub locked_at: Option<OffsetDateTime>,
}

/// A device as it takes its enrolment ([`Store::take_mobile_enrolment`]).
#[derive(Debug, Clone)]
pub struct NewMobileDevice {
    /// Not trusted: the device always belongs to the account of the enrolment it takes.
    pub account_id: i64,
    pub device_id: String,
    pub public_key: String,
    pub offline_key: String,
    /// Empty: the enrolment's name (the one the user gave on the web page).
    pub name: String,
    pub os: String,
    pub model: String,
    pub app: String,
    /// Not trusted: always the id of the enrolment taken.
    pub enrolment_id: String,
    pub created_at: OffsetDateTime,
}

/// An enrolment (§3), under the SHA-256 (hex) of its token.
#[derive(Debug, Clone)]
pub struct MobileEnrolment {
    pub id: String,
    pub account_id: i64,
    /// The device name the user gave.
    pub name: String,
    /// The salt `s` (as the caller encodes it).
    pub salt: String,
    /// P(PIN), sealed by the caller; '' once the enrolment is finished.
    pub pin_key: String,
    /// `open`, `taken`, `done` or `failed`.
    pub state: String,
    /// The device that took it.
    pub device_id: Option<String>,
    /// The SSO session that started it (the caller checks it still lives at confirmation).
    pub session_id: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A challenge (§5).
#[derive(Debug, Clone)]
pub struct MobileChallenge {
    /// 43 random characters.
    pub id: String,
    pub account_id: i64,
    /// `push`, `offline` or `on_mobile`.
    pub kind: String,
    /// The device asked (push challenges).
    pub device_id: Option<String>,
    /// The two digits the page shows (§5.1); '' when none.
    pub number: String,
    /// What the device shows (JSON).
    pub display: String,
    /// The signed object.
    pub signed: String,
    /// `pending`, `approved`, `denied`, `failed` or `spent`.
    pub status: String,
    /// The device that answered.
    pub answered_by: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub answered_at: Option<OffsetDateTime>,
    /// A signature's approval as the receipt carries it (JSON; issue 18), else `None`.
    pub evidence: Option<String>,
}

const DEVICE_COLUMNS: &str = "id, account_id, device_id, public_key, offline_key, name, os, model, \
     app, status, pin_failures, enrolment_id, push_endpoint, push_p256dh, push_auth, created_at, \
     last_used_at, locked_at";

/// Sign-in: the account's devices (is the mobile app one of its methods?). Listed in
/// [`crate::hot_queries`].
pub(crate) static DEVICES_OF_ACCOUNT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {DEVICE_COLUMNS} FROM mobile_devices WHERE account_id = $1 ORDER BY created_at, id"
    )
});
/// The purge (every minute): devices never confirmed, once their enrolment expired. Listed in
/// [`crate::hot_queries`].
pub(crate) const PURGE_PENDING_DEVICES: &str = "DELETE FROM mobile_devices WHERE status = 'pending' \
     AND enrolment_id IN (SELECT id FROM mobile_enrolments WHERE expires_at <= $1)";

const ENROLMENT_COLUMNS: &str =
    "id, account_id, name, salt, pin_key, state, device_id, session_id, created_at, expires_at";

const CHALLENGE_COLUMNS: &str = "id, account_id, kind, device_id, number, display, signed, \
     status, answered_by, created_at, expires_at, answered_at, evidence";

fn to_device(row: &AnyRow) -> Result<MobileDevice, StoreError> {
    let status: String = row.try_get("status")?;
    let push = match (
        row.try_get::<Option<String>, _>("push_endpoint")?,
        row.try_get::<Option<String>, _>("push_p256dh")?,
        row.try_get::<Option<String>, _>("push_auth")?,
    ) {
        (Some(endpoint), Some(p256dh), Some(auth)) => Some((endpoint, p256dh, auth)),
        _ => None,
    };
    Ok(MobileDevice {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        device_id: row.try_get("device_id")?,
        public_key: row.try_get("public_key")?,
        offline_key: row.try_get("offline_key")?,
        name: row.try_get("name")?,
        os: row.try_get("os")?,
        model: row.try_get("model")?,
        app: row.try_get("app")?,
        status: MobileStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("mobile device status {status:?}")))?,
        pin_failures: row.try_get("pin_failures")?,
        enrolment_id: row.try_get("enrolment_id")?,
        push,
        created_at: from_ts(row.try_get("created_at")?),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(from_ts),
        locked_at: row.try_get::<Option<i64>, _>("locked_at")?.map(from_ts),
    })
}

fn to_enrolment(row: &AnyRow) -> Result<MobileEnrolment, StoreError> {
    Ok(MobileEnrolment {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        name: row.try_get("name")?,
        salt: row.try_get("salt")?,
        pin_key: row.try_get("pin_key")?,
        state: row.try_get("state")?,
        device_id: row.try_get("device_id")?,
        session_id: row.try_get("session_id")?,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
    })
}

fn to_challenge(row: &AnyRow) -> Result<MobileChallenge, StoreError> {
    Ok(MobileChallenge {
        id: row.try_get("id")?,
        account_id: row.try_get("account_id")?,
        kind: row.try_get("kind")?,
        device_id: row.try_get("device_id")?,
        number: row.try_get("number")?,
        display: row.try_get("display")?,
        signed: row.try_get("signed")?,
        status: row.try_get("status")?,
        answered_by: row.try_get("answered_by")?,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
        answered_at: row.try_get::<Option<i64>, _>("answered_at")?.map(from_ts),
        evidence: row.try_get("evidence")?,
    })
}

impl Store {
    // ---- enrolments (§3) ----

    /// Stores a new enrolment (its `state` as given, normally `open`); `Duplicate` when its id
    /// exists.
    pub async fn create_mobile_enrolment(&self, e: &MobileEnrolment) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO mobile_enrolments (id, account_id, name, salt, pin_key, state, device_id, \
             session_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&e.id)
        .bind(e.account_id)
        .bind(&e.name)
        .bind(&e.salt)
        .bind(&e.pin_key)
        .bind(&e.state)
        .bind(e.device_id.clone())
        .bind(&e.session_id)
        .bind(ts(e.created_at))
        .bind(ts(e.expires_at))
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "mobile enrolment"))?;
        Ok(())
    }

    /// Takes an open, unexpired enrolment (§3 step 4: a token works once) and stores `device` as
    /// a **pending** device of the enrolment's account, in one transaction. Returns the
    /// enrolment as taken (state `taken`, `device_id` set) and the device's row id; `None` when
    /// the enrolment is unknown, not open or expired. The device belongs to the enrolment's
    /// account and records the enrolment's id whatever `device.account_id` and
    /// `device.enrolment_id` say; an empty `device.name` is the enrolment's name.
    /// `Duplicate("mobile device")` when the device id is already enrolled; the enrolment then
    /// stays open.
    pub async fn take_mobile_enrolment(
        &self,
        id: &str,
        now: OffsetDateTime,
        device: &NewMobileDevice,
    ) -> Result<Option<(MobileEnrolment, i64)>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The first statement writes: the row lock (PostgreSQL) or the write lock (SQLite) is
        // taken before anything is read.
        let row = sqlx::query(&format!(
            "UPDATE mobile_enrolments SET state = 'taken', device_id = $1 \
             WHERE id = $2 AND state = 'open' AND expires_at > $3 RETURNING {ENROLMENT_COLUMNS}"
        ))
        .bind(&device.device_id)
        .bind(id)
        .bind(ts(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let enrolment = to_enrolment(&row)?;
        let name = if device.name.is_empty() {
            &enrolment.name
        } else {
            &device.name
        };
        let inserted = sqlx::query(
            "INSERT INTO mobile_devices (account_id, device_id, public_key, offline_key, name, os, \
             model, app, status, pin_failures, enrolment_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $10) RETURNING id",
        )
        .bind(enrolment.account_id)
        .bind(&device.device_id)
        .bind(&device.public_key)
        .bind(&device.offline_key)
        .bind(name)
        .bind(&device.os)
        .bind(&device.model)
        .bind(&device.app)
        .bind(&enrolment.id)
        .bind(ts(device.created_at))
        .fetch_one(&mut *tx)
        .await;
        let row = match inserted {
            Ok(row) => row,
            Err(e) => {
                // Dropping the transaction would roll it back too; saying so keeps PostgreSQL's
                // aborted transaction from lingering in the pool.
                tx.rollback().await?;
                return Err(StoreError::on_unique(e, "mobile device"));
            }
        };
        let device_row_id: i64 = row.try_get(0)?;
        tx.commit().await?;
        Ok(Some((enrolment, device_row_id)))
    }

    pub async fn mobile_enrolment(&self, id: &str) -> Result<Option<MobileEnrolment>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ENROLMENT_COLUMNS} FROM mobile_enrolments WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_enrolment).transpose()
    }

    /// Ends a taken enrolment (§3 step 6), in one transaction, erasing its `pin_key`: on success
    /// it is `done` and its pending device `active`; otherwise it is `failed` and its pending
    /// device deleted. False when the enrolment is not `taken` (unknown, never taken, already
    /// finished), and also when `success` is asked but its pending device is gone (removed
    /// meanwhile, or purged with the expired enrolment): the enrolment is then `failed`.
    pub async fn finish_mobile_enrolment(
        &self,
        id: &str,
        success: bool,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "UPDATE mobile_enrolments SET state = $1, pin_key = '' \
             WHERE id = $2 AND state = 'taken' RETURNING device_id",
        )
        .bind(if success { "done" } else { "failed" })
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(false);
        };
        let device_id: Option<String> = row.try_get(0)?;
        let sql = if success {
            "UPDATE mobile_devices SET status = 'active' \
             WHERE device_id = $1 AND enrolment_id = $2 AND status = 'pending'"
        } else {
            "DELETE FROM mobile_devices \
             WHERE device_id = $1 AND enrolment_id = $2 AND status = 'pending'"
        };
        let changed = sqlx::query(sql)
            .bind(device_id)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if success && changed == 0 {
            sqlx::query("UPDATE mobile_enrolments SET state = 'failed' WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    /// A pending device gives up its enrolment (it unlinks itself before confirming, §3.7):
    /// in one transaction, the device goes, and the enrolment it took with it (the page then
    /// sees it as expired). False when `device_id` is not a pending device of that enrolment.
    pub async fn abandon_mobile_enrolment(
        &self,
        enrolment_id: &str,
        device_id: &str,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let gone = sqlx::query(
            "DELETE FROM mobile_devices \
             WHERE device_id = $1 AND enrolment_id = $2 AND status = 'pending'",
        )
        .bind(device_id)
        .bind(enrolment_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if gone == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query("DELETE FROM mobile_enrolments WHERE id = $1 AND device_id = $2")
            .bind(enrolment_id)
            .bind(device_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    // ---- devices ----

    /// The account's devices, whatever their status, oldest first.
    pub async fn mobile_devices(&self, account_id: i64) -> Result<Vec<MobileDevice>, StoreError> {
        let rows = sqlx::query(&DEVICES_OF_ACCOUNT)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(to_device).collect()
    }

    /// The device with this id (thumbprint), whoever it belongs to.
    pub async fn mobile_device_by_device_id(
        &self,
        device_id: &str,
    ) -> Result<Option<MobileDevice>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {DEVICE_COLUMNS} FROM mobile_devices WHERE device_id = $1"
        ))
        .bind(device_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_device).transpose()
    }

    /// Renames one of the account's devices; false when it has no such device.
    pub async fn rename_mobile_device(
        &self,
        account_id: i64,
        id: i64,
        name: &str,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE mobile_devices SET name = $1 WHERE id = $2 AND account_id = $3")
                .bind(name)
                .bind(id)
                .bind(account_id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes one of the account's devices (§8: revoked at once) and returns it; `None` when it
    /// has no such device. Its challenges stay, unanswerable by it.
    pub async fn delete_mobile_device(
        &self,
        account_id: i64,
        id: i64,
    ) -> Result<Option<MobileDevice>, StoreError> {
        let row = sqlx::query(&format!(
            "DELETE FROM mobile_devices WHERE id = $1 AND account_id = $2 RETURNING {DEVICE_COLUMNS}"
        ))
        .bind(id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_device).transpose()
    }

    /// Removes every device of the account (PANIC, `limen user remove-keys`); returns them.
    pub async fn delete_mobile_devices(
        &self,
        account_id: i64,
    ) -> Result<Vec<MobileDevice>, StoreError> {
        let rows = sqlx::query(&format!(
            "DELETE FROM mobile_devices WHERE account_id = $1 RETURNING {DEVICE_COLUMNS}"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        let mut devices = rows.iter().map(to_device).collect::<Result<Vec<_>, _>>()?;
        devices.sort_by_key(|d| (d.created_at, d.id));
        Ok(devices)
    }

    /// Records that the device was used (`last_used_at`).
    pub async fn touch_mobile_device(
        &self,
        device_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE mobile_devices SET last_used_at = $1 WHERE device_id = $2")
            .bind(ts(now))
            .bind(device_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Reserves one PIN try before the PIN is checked (§8): the count goes up at once, so that
    /// parallel answers get at most `limit` tries between them. `None` when the device is not
    /// active or has no try left (the caller answers `locked` without looking at the PIN).
    pub async fn mobile_pin_reserve(
        &self,
        device_id: &str,
        limit: i64,
    ) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query(
            "UPDATE mobile_devices SET pin_failures = pin_failures + 1 \
             WHERE device_id = $1 AND status = 'active' AND pin_failures < $2 RETURNING pin_failures",
        )
        .bind(device_id)
        .bind(limit)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
    }

    /// Locks the device when its reserved tries reached `limit` (after a wrong PIN); true when
    /// this call locked it.
    pub async fn mobile_pin_lock(
        &self,
        device_id: &str,
        limit: i64,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE mobile_devices SET status = 'locked', locked_at = $1 \
             WHERE device_id = $2 AND status = 'active' AND pin_failures >= $3",
        )
        .bind(ts(now))
        .bind(device_id)
        .bind(limit)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets every enrolment of the account (open or scanned): PANIC, the help desk, the end
    /// of its sessions. Their pending devices go with them.
    pub async fn delete_mobile_enrolments(&self, account_id: i64) -> Result<u64, StoreError> {
        sqlx::query("DELETE FROM mobile_devices WHERE account_id = $1 AND status = 'pending'")
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        let done = sqlx::query("DELETE FROM mobile_enrolments WHERE account_id = $1")
            .bind(account_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// A right PIN: the failures in a row start again from 0 (§2.1). A locked device stays
    /// locked, with its count.
    pub async fn mobile_pin_success(&self, device_id: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE mobile_devices SET pin_failures = 0 WHERE device_id = $1 AND status <> 'locked'",
        )
        .bind(device_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Sets (endpoint, p256dh, auth) or removes (`None`) the device's Web Push subscription (§7).
    pub async fn set_mobile_push(
        &self,
        device_id: &str,
        push: Option<(&str, &str, &str)>,
    ) -> Result<(), StoreError> {
        let (endpoint, p256dh, auth) = match push {
            Some((e, p, a)) => (Some(e), Some(p), Some(a)),
            None => (None, None, None),
        };
        sqlx::query(
            "UPDATE mobile_devices SET push_endpoint = $1, push_p256dh = $2, push_auth = $3 \
             WHERE device_id = $4",
        )
        .bind(endpoint)
        .bind(p256dh)
        .bind(auth)
        .bind(device_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    // ---- challenges (§5) ----

    /// Stores a challenge; `Duplicate` when its id exists.
    pub async fn create_mobile_challenge(&self, c: &MobileChallenge) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO mobile_challenges (id, account_id, kind, device_id, number, display, \
             signed, status, answered_by, created_at, expires_at, answered_at, evidence) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&c.id)
        .bind(c.account_id)
        .bind(&c.kind)
        .bind(c.device_id.clone())
        .bind(&c.number)
        .bind(&c.display)
        .bind(&c.signed)
        .bind(&c.status)
        .bind(c.answered_by.clone())
        .bind(ts(c.created_at))
        .bind(ts(c.expires_at))
        .bind(c.answered_at.map(ts))
        .bind(c.evidence.clone())
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "mobile challenge"))?;
        Ok(())
    }

    /// The challenge, whatever its status and expiry.
    pub async fn mobile_challenge(&self, id: &str) -> Result<Option<MobileChallenge>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {CHALLENGE_COLUMNS} FROM mobile_challenges WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_challenge).transpose()
    }

    /// The pending, unexpired push challenges for this device, oldest first (§5.1).
    pub async fn pending_mobile_challenges(
        &self,
        device_id: &str,
        now: OffsetDateTime,
    ) -> Result<Vec<MobileChallenge>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CHALLENGE_COLUMNS} FROM mobile_challenges \
             WHERE device_id = $1 AND status = 'pending' AND kind = 'push' AND expires_at > $2 \
             ORDER BY created_at, id"
        ))
        .bind(device_id)
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(to_challenge).collect()
    }

    /// Answers a challenge once (§5.1, §8): from `pending` and unexpired to `status`
    /// (`approved`, `denied` or `failed`; anything else is refused by the schema), with
    /// `answered_by` = `device_id` and `answered_at` = `now`. Only an **active** device of the
    /// challenge's account may answer, and only the device asked when the challenge names one.
    /// False when the challenge is unknown, not pending, expired, or not this device's.
    pub async fn answer_mobile_challenge(
        &self,
        id: &str,
        status: &str,
        device_id: &str,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        self.answer_mobile_challenge_with(id, status, device_id, now, None)
            .await
    }

    /// [`Store::answer_mobile_challenge`], keeping `evidence` (JSON) with the answer: a
    /// signature's approval, which the receipt carries (issue 18).
    pub async fn answer_mobile_challenge_with(
        &self,
        id: &str,
        status: &str,
        device_id: &str,
        now: OffsetDateTime,
        evidence: Option<&str>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE mobile_challenges SET status = $1, answered_by = $2, answered_at = $3, \
               evidence = $5 \
             WHERE id = $4 AND status = 'pending' AND expires_at > $3 \
               AND (device_id IS NULL OR device_id = $2) \
               AND EXISTS (SELECT 1 FROM mobile_devices d WHERE d.device_id = $2 \
                 AND d.account_id = mobile_challenges.account_id AND d.status = 'active')",
        )
        .bind(status)
        .bind(device_id)
        .bind(ts(now))
        .bind(id)
        .bind(evidence)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Spends an approved challenge (the login it approves, once): `approved` → `spent`, and
    /// returns it as it is now (status `spent`); `None` when it is unknown or not approved
    /// (pending, denied, failed, already spent). Expiry is not looked at: an approval answered in
    /// time stays good for the login that waits for it.
    pub async fn spend_mobile_challenge(
        &self,
        id: &str,
    ) -> Result<Option<MobileChallenge>, StoreError> {
        let row = sqlx::query(&format!(
            "UPDATE mobile_challenges SET status = 'spent' WHERE id = $1 AND status = 'approved' \
             RETURNING {CHALLENGE_COLUMNS}"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_challenge).transpose()
    }

    /// Spends a challenge whatever its status (an offline code was tried against it, §5.2) and
    /// returns it as it was before (so `status` says whether it was already spent, and the
    /// caller checks the expiry); `None` when unknown.
    pub async fn consume_mobile_challenge(
        &self,
        id: &str,
    ) -> Result<Option<MobileChallenge>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // A write first, which changes nothing: it locks the row (PostgreSQL) or the database
        // (SQLite) until the commit, so the row read next is the one spent, for one caller only.
        let locked = sqlx::query("UPDATE mobile_challenges SET status = status WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if locked == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        let row = sqlx::query(&format!(
            "SELECT {CHALLENGE_COLUMNS} FROM mobile_challenges WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let before = to_challenge(&row)?;
        sqlx::query("UPDATE mobile_challenges SET status = 'spent' WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(before))
    }

    /// How many of the account's challenges were refused on a device (denied, or answered with a
    /// wrong number) at or after `since` (push fatigue, §8).
    pub async fn mobile_denials_since(
        &self,
        account_id: i64,
        since: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM mobile_challenges \
             WHERE account_id = $1 AND status IN ('denied', 'failed') AND answered_at >= $2",
        )
        .bind(account_id)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    // ---- proof replay cache (§4) ----

    /// Remembers the `jti` of a device's proof until `expires_at`: true the first time, false
    /// when this device already used it and it has not expired (a replay). A different device's
    /// same `jti` is another entry. One statement decides, so two nodes cannot both accept it.
    /// Also forgets this device's expired entries.
    pub async fn remember_proof_jti(
        &self,
        device_id: &str,
        jti: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        sqlx::query("DELETE FROM device_proof_jtis WHERE device_id = $1 AND expires_at <= $2")
            .bind(device_id)
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        // An expired entry still there (written back by a racing node) is replaced, not a replay.
        let done = sqlx::query(
            "INSERT INTO device_proof_jtis (device_id, jti, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (device_id, jti) DO UPDATE SET expires_at = excluded.expires_at \
             WHERE device_proof_jtis.expires_at <= $4",
        )
        .bind(device_id)
        .bind(jti)
        .bind(ts(expires_at))
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes challenges expired more than a day ago (denials stay countable for the hour of
    /// §8 and visible a while after), expired enrolments with their devices still pending, and
    /// expired proof `jti`s. Returns how many rows went.
    pub async fn purge_mobile(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let t = ts(now);
        let mut removed = 0;
        removed += sqlx::query("DELETE FROM mobile_challenges WHERE expires_at < $1")
            .bind(t - 86_400)
            .execute(&self.pool)
            .await?
            .rows_affected();
        // Devices first: their enrolment names them.
        removed += sqlx::query(PURGE_PENDING_DEVICES)
            .bind(t)
            .execute(&self.pool)
            .await?
            .rows_affected();
        removed += sqlx::query("DELETE FROM mobile_enrolments WHERE expires_at <= $1")
            .bind(t)
            .execute(&self.pool)
            .await?
            .rows_affected();
        removed += sqlx::query("DELETE FROM device_proof_jtis WHERE expires_at <= $1")
            .bind(t)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdb::{account, each_backend, row_counts};
    use time::Duration;

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    fn enrolment(id: &str, account_id: i64, expires_at: OffsetDateTime) -> MobileEnrolment {
        MobileEnrolment {
            id: id.into(),
            account_id,
            name: format!("phone of enrolment {id}"),
            salt: "c2FsdHNhbHRzYWx0c2FsdA".into(),
            pin_key: "sealed-pin-key".into(),
            state: "open".into(),
            device_id: None,
            session_id: format!("session of {id}"),
            created_at: now(),
            expires_at,
        }
    }

    fn new_device(device_id: &str, at: OffsetDateTime) -> NewMobileDevice {
        NewMobileDevice {
            account_id: 0,
            device_id: device_id.into(),
            public_key: format!("{{\"kty\":\"EC\",\"x\":\"{device_id}\"}}"),
            offline_key: format!("sealed-k-{device_id}"),
            name: String::new(),
            os: "Android 15".into(),
            model: "Pixel 8".into(),
            app: "MyAuthenticator 1.0".into(),
            enrolment_id: "ignored".into(),
            created_at: at,
        }
    }

    /// Enrols `device_id` for the account: creates, takes and finishes an enrolment.
    async fn active_device(store: &Store, account_id: i64, device_id: &str, at: OffsetDateTime) {
        let id = format!("enrol-{device_id}");
        store
            .create_mobile_enrolment(&enrolment(&id, account_id, now() + Duration::minutes(5)))
            .await
            .unwrap();
        store
            .take_mobile_enrolment(&id, now(), &new_device(device_id, at))
            .await
            .unwrap()
            .unwrap();
        assert!(store.finish_mobile_enrolment(&id, true).await.unwrap());
    }

    fn challenge(
        id: &str,
        account_id: i64,
        kind: &str,
        device_id: Option<&str>,
    ) -> MobileChallenge {
        MobileChallenge {
            id: id.into(),
            account_id,
            kind: kind.into(),
            device_id: device_id.map(str::to_owned),
            number: if kind == "push" {
                "42".into()
            } else {
                String::new()
            },
            display: "{\"service\":\"Demo\"}".into(),
            signed: format!("h.{id}.s"),
            status: "pending".into(),
            answered_by: None,
            created_at: now(),
            expires_at: now() + Duration::seconds(120),
            answered_at: None,
            evidence: None,
        }
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            MobileStatus::Pending,
            MobileStatus::Active,
            MobileStatus::Locked,
        ] {
            assert_eq!(MobileStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(MobileStatus::parse("Active"), None);
        assert_eq!(MobileStatus::parse(""), None);
    }

    #[tokio::test]
    async fn an_enrolment_is_taken_once() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let e = enrolment("e1", alice, now() + Duration::minutes(5));
            store.create_mobile_enrolment(&e).await.unwrap();
            assert!(matches!(
                store.create_mobile_enrolment(&e).await,
                Err(StoreError::Duplicate(_))
            ));
            let at = now() + Duration::seconds(10);
            let mut device = new_device("D1", at);
            device.account_id = alice + 1000; // not trusted
            let (taken, row_id) = store
                .take_mobile_enrolment("e1", at, &device)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(taken.state, "taken");
            assert_eq!(taken.device_id.as_deref(), Some("D1"));
            assert_eq!(taken.account_id, alice);
            assert_eq!(taken.pin_key, "sealed-pin-key");
            assert_eq!(taken.expires_at, e.expires_at);
            let d = store
                .mobile_device_by_device_id("D1")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(d.id, row_id);
            assert_eq!(d.account_id, alice);
            assert_eq!(d.status, MobileStatus::Pending);
            assert_eq!(d.enrolment_id.as_deref(), Some("e1"));
            assert_eq!(
                d.name, "phone of enrolment e1",
                "empty name: the enrolment's"
            );
            assert_eq!(d.offline_key, "sealed-k-D1");
            assert_eq!(d.public_key, "{\"kty\":\"EC\",\"x\":\"D1\"}");
            assert_eq!((d.os.as_str(), d.model.as_str()), ("Android 15", "Pixel 8"));
            assert_eq!(d.app, "MyAuthenticator 1.0");
            assert_eq!(d.pin_failures, 0);
            assert_eq!(d.push, None);
            assert_eq!(d.created_at, at);
            assert_eq!((d.last_used_at, d.locked_at), (None, None));
            // A second take, by the same or another device, gets nothing.
            assert!(
                store
                    .take_mobile_enrolment("e1", at, &new_device("D1", at))
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store
                    .take_mobile_enrolment("e1", at, &new_device("D2", at))
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store
                    .mobile_device_by_device_id("D2")
                    .await
                    .unwrap()
                    .is_none()
            );
            // Unknown.
            assert!(
                store
                    .take_mobile_enrolment("nope", at, &new_device("D3", at))
                    .await
                    .unwrap()
                    .is_none()
            );
            let stored = store.mobile_enrolment("e1").await.unwrap().unwrap();
            assert_eq!(stored.state, "taken");
            assert!(store.mobile_enrolment("nope").await.unwrap().is_none());
            assert_eq!(store.mobile_devices(alice).await.unwrap().len(), 1);
        })
        .await;
    }

    #[tokio::test]
    async fn an_expired_enrolment_cannot_be_taken() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let expiry = now() + Duration::minutes(5);
            store
                .create_mobile_enrolment(&enrolment("e1", alice, expiry))
                .await
                .unwrap();
            assert!(
                store
                    .take_mobile_enrolment("e1", expiry, &new_device("D1", expiry))
                    .await
                    .unwrap()
                    .is_none()
            );
            assert_eq!(
                store.mobile_enrolment("e1").await.unwrap().unwrap().state,
                "open"
            );
            assert!(store.mobile_devices(alice).await.unwrap().is_empty());
            // One second earlier it could have been.
            assert!(
                store
                    .take_mobile_enrolment(
                        "e1",
                        expiry - Duration::seconds(1),
                        &new_device("D1", now())
                    )
                    .await
                    .unwrap()
                    .is_some()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_device_id_is_enrolled_once_and_the_enrolment_stays_open() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            active_device(&store, alice, "D1", now()).await;
            store
                .create_mobile_enrolment(&enrolment("e2", bob, now() + Duration::minutes(5)))
                .await
                .unwrap();
            let dup = store
                .take_mobile_enrolment("e2", now(), &new_device("D1", now()))
                .await;
            assert!(
                matches!(dup, Err(StoreError::Duplicate("mobile device"))),
                "{dup:?}"
            );
            // Nothing of the failed take stays: the enrolment is open, Bob has no device.
            let e2 = store.mobile_enrolment("e2").await.unwrap().unwrap();
            assert_eq!((e2.state.as_str(), e2.device_id), ("open", None));
            assert!(store.mobile_devices(bob).await.unwrap().is_empty());
            let mut named = new_device("D2", now());
            named.name = "Bob's phone".into();
            store
                .take_mobile_enrolment("e2", now(), &named)
                .await
                .unwrap()
                .unwrap();
            let devices = store.mobile_devices(bob).await.unwrap();
            assert_eq!(devices.len(), 1);
            assert_eq!(devices[0].name, "Bob's phone");
        })
        .await;
    }

    #[tokio::test]
    async fn finishing_an_enrolment() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let exp = now() + Duration::minutes(5);
            for id in ["ok", "ko", "gone", "open"] {
                store
                    .create_mobile_enrolment(&enrolment(id, alice, exp))
                    .await
                    .unwrap();
            }
            for (id, device) in [("ok", "D-ok"), ("ko", "D-ko"), ("gone", "D-gone")] {
                store
                    .take_mobile_enrolment(id, now(), &new_device(device, now()))
                    .await
                    .unwrap()
                    .unwrap();
            }
            // Success: done, pin_key erased, device active.
            assert!(store.finish_mobile_enrolment("ok", true).await.unwrap());
            let e = store.mobile_enrolment("ok").await.unwrap().unwrap();
            assert_eq!((e.state.as_str(), e.pin_key.as_str()), ("done", ""));
            let d = store
                .mobile_device_by_device_id("D-ok")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(d.status, MobileStatus::Active);
            // Only once, either way.
            assert!(!store.finish_mobile_enrolment("ok", true).await.unwrap());
            assert!(!store.finish_mobile_enrolment("ok", false).await.unwrap());
            assert_eq!(
                store
                    .mobile_device_by_device_id("D-ok")
                    .await
                    .unwrap()
                    .unwrap()
                    .status,
                MobileStatus::Active,
                "a late failure does not touch the active device"
            );
            // Failure: failed, pin_key erased, device deleted.
            assert!(store.finish_mobile_enrolment("ko", false).await.unwrap());
            let e = store.mobile_enrolment("ko").await.unwrap().unwrap();
            assert_eq!((e.state.as_str(), e.pin_key.as_str()), ("failed", ""));
            assert!(
                store
                    .mobile_device_by_device_id("D-ko")
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(!store.finish_mobile_enrolment("ko", true).await.unwrap());
            // Not taken, or unknown.
            assert!(!store.finish_mobile_enrolment("open", true).await.unwrap());
            assert_eq!(
                store.mobile_enrolment("open").await.unwrap().unwrap().state,
                "open"
            );
            assert!(!store.finish_mobile_enrolment("nope", true).await.unwrap());
            // The pending device was removed meanwhile: no success without it.
            let gone = store
                .mobile_device_by_device_id("D-gone")
                .await
                .unwrap()
                .unwrap();
            store
                .delete_mobile_device(alice, gone.id)
                .await
                .unwrap()
                .unwrap();
            assert!(!store.finish_mobile_enrolment("gone", true).await.unwrap());
            let e = store.mobile_enrolment("gone").await.unwrap().unwrap();
            assert_eq!((e.state.as_str(), e.pin_key.as_str()), ("failed", ""));
            assert_eq!(
                store
                    .mobile_devices(alice)
                    .await
                    .unwrap()
                    .iter()
                    .map(|d| d.device_id.as_str())
                    .collect::<Vec<_>>(),
                ["D-ok"]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_pending_device_abandons_its_enrolment() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let exp = now() + Duration::minutes(5);
            for id in ["e1", "e2"] {
                store
                    .create_mobile_enrolment(&enrolment(id, alice, exp))
                    .await
                    .unwrap();
            }
            for (id, device) in [("e1", "P1"), ("e2", "P2")] {
                store
                    .take_mobile_enrolment(id, now(), &new_device(device, now()))
                    .await
                    .unwrap()
                    .unwrap();
            }
            active_device(&store, alice, "A1", now()).await;
            // Not the device of that enrolment, or not pending: nothing happens.
            assert!(!store.abandon_mobile_enrolment("e1", "P2").await.unwrap());
            assert!(
                !store
                    .abandon_mobile_enrolment("enrol-A1", "A1")
                    .await
                    .unwrap()
            );
            assert!(store.mobile_enrolment("e1").await.unwrap().is_some());
            // Its own: the device and the enrolment go, once.
            assert!(store.abandon_mobile_enrolment("e1", "P1").await.unwrap());
            assert!(store.mobile_enrolment("e1").await.unwrap().is_none());
            assert!(
                store
                    .mobile_device_by_device_id("P1")
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(!store.abandon_mobile_enrolment("e1", "P1").await.unwrap());
            // The others stay.
            let mut left: Vec<String> = store
                .mobile_devices(alice)
                .await
                .unwrap()
                .into_iter()
                .map(|d| d.device_id)
                .collect();
            left.sort();
            assert_eq!(left, ["A1", "P2"]);
            assert_eq!(
                store.mobile_enrolment("e2").await.unwrap().unwrap().state,
                "taken"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn devices_belong_to_one_account() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            active_device(&store, alice, "A2", now() + Duration::seconds(2)).await;
            active_device(&store, alice, "A1", now() + Duration::seconds(1)).await;
            active_device(&store, bob, "B1", now()).await;
            let list = store.mobile_devices(alice).await.unwrap();
            assert_eq!(
                list.iter()
                    .map(|d| d.device_id.as_str())
                    .collect::<Vec<_>>(),
                ["A1", "A2"],
                "oldest first"
            );
            let a1 = list[0].id;
            // Bob can neither rename nor delete Alice's device.
            assert!(!store.rename_mobile_device(bob, a1, "mine").await.unwrap());
            assert!(store.delete_mobile_device(bob, a1).await.unwrap().is_none());
            assert!(
                store
                    .rename_mobile_device(alice, a1, "Work phone")
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .rename_mobile_device(alice, 999_999, "x")
                    .await
                    .unwrap()
            );
            store
                .touch_mobile_device("A1", now() + Duration::minutes(3))
                .await
                .unwrap();
            let d = store
                .mobile_device_by_device_id("A1")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(d.name, "Work phone");
            assert_eq!(d.last_used_at, Some(now() + Duration::minutes(3)));
            assert!(
                store
                    .mobile_device_by_device_id("nope")
                    .await
                    .unwrap()
                    .is_none()
            );
            let deleted = store
                .delete_mobile_device(alice, a1)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (deleted.device_id.as_str(), deleted.name.as_str()),
                ("A1", "Work phone")
            );
            assert!(
                store
                    .mobile_device_by_device_id("A1")
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store
                    .delete_mobile_device(alice, a1)
                    .await
                    .unwrap()
                    .is_none()
            );
            active_device(&store, alice, "A3", now() + Duration::seconds(3)).await;
            let all = store.delete_mobile_devices(alice).await.unwrap();
            assert_eq!(
                all.iter().map(|d| d.device_id.as_str()).collect::<Vec<_>>(),
                ["A2", "A3"]
            );
            assert!(store.mobile_devices(alice).await.unwrap().is_empty());
            assert!(store.delete_mobile_devices(alice).await.unwrap().is_empty());
            assert_eq!(store.mobile_devices(bob).await.unwrap().len(), 1);
        })
        .await;
    }

    #[tokio::test]
    async fn pin_tries_are_reserved_before_the_check() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "D1", now()).await;
            let t = now();
            // Three tries reserved at once (parallel answers): the fourth finds none left.
            for n in 1..=3 {
                assert_eq!(store.mobile_pin_reserve("D1", 3).await.unwrap(), Some(n));
            }
            assert_eq!(store.mobile_pin_reserve("D1", 3).await.unwrap(), None);
            // The wrong ones lock it, once.
            assert!(store.mobile_pin_lock("D1", 3, t).await.unwrap());
            assert!(!store.mobile_pin_lock("D1", 3, t).await.unwrap());
            let d = store
                .mobile_device_by_device_id("D1")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(d.status, MobileStatus::Locked);
            assert_eq!(store.mobile_pin_reserve("D1", 3).await.unwrap(), None);
            // A right PIN after a reservation gives the tries back; below the limit, no lock.
            active_device(&store, alice, "D2", now()).await;
            assert_eq!(store.mobile_pin_reserve("D2", 3).await.unwrap(), Some(1));
            assert!(!store.mobile_pin_lock("D2", 3, t).await.unwrap());
            assert_eq!(store.mobile_pin_reserve("D2", 3).await.unwrap(), Some(2));
            store.mobile_pin_success("D2").await.unwrap();
            assert_eq!(store.mobile_pin_reserve("D2", 3).await.unwrap(), Some(1));
            // Unknown devices have no tries.
            assert_eq!(store.mobile_pin_reserve("nope", 3).await.unwrap(), None);
        })
        .await;
    }

    #[tokio::test]
    async fn an_accounts_enrolments_are_forgotten_with_their_pending_devices() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            let later = now() + Duration::minutes(5);
            store
                .create_mobile_enrolment(&enrolment("e1", alice, later))
                .await
                .unwrap();
            store
                .create_mobile_enrolment(&enrolment("e2", bob, later))
                .await
                .unwrap();
            store
                .take_mobile_enrolment("e1", now(), &new_device("P1", now()))
                .await
                .unwrap()
                .unwrap();
            active_device(&store, alice, "A1", now()).await;
            // e1, and the finished enrolment A1 came from.
            assert_eq!(store.delete_mobile_enrolments(alice).await.unwrap(), 2);
            assert!(store.mobile_enrolment("e1").await.unwrap().is_none());
            assert!(
                store
                    .mobile_device_by_device_id("P1")
                    .await
                    .unwrap()
                    .is_none()
            );
            // Enrolled devices and other accounts' enrolments stay.
            assert!(
                store
                    .mobile_device_by_device_id("A1")
                    .await
                    .unwrap()
                    .is_some()
            );
            let e2 = store.mobile_enrolment("e2").await.unwrap().unwrap();
            assert_eq!(e2.session_id, "session of e2");
        })
        .await;
    }

    #[tokio::test]
    async fn wrong_pins_lock_at_the_limit_and_a_right_one_resets() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "D1", now()).await;
            let t = now() + Duration::minutes(1);
            // A wrong PIN: its reserved try stays spent; below the limit nothing locks.
            for n in 1..=2 {
                assert_eq!(store.mobile_pin_reserve("D1", 3).await.unwrap(), Some(n));
                assert!(!store.mobile_pin_lock("D1", 3, t).await.unwrap());
            }
            store.mobile_pin_success("D1").await.unwrap();
            let failures = |store: Store| async move {
                store
                    .mobile_device_by_device_id("D1")
                    .await
                    .unwrap()
                    .unwrap()
                    .pin_failures
            };
            assert_eq!(failures(store.clone()).await, 0);
            for n in 1..=3 {
                assert_eq!(store.mobile_pin_reserve("D1", 3).await.unwrap(), Some(n));
            }
            assert!(store.mobile_pin_lock("D1", 3, t).await.unwrap());
            let d = store
                .mobile_device_by_device_id("D1")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(d.status, MobileStatus::Locked);
            assert_eq!(d.locked_at, Some(t));
            // Locked: no more tries, never "locked now" again, and a right PIN unlocks nothing.
            let later = t + Duration::minutes(1);
            assert_eq!(store.mobile_pin_reserve("D1", 3).await.unwrap(), None);
            assert!(!store.mobile_pin_lock("D1", 3, later).await.unwrap());
            store.mobile_pin_success("D1").await.unwrap();
            let d = store
                .mobile_device_by_device_id("D1")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (d.status, d.pin_failures, d.locked_at),
                (MobileStatus::Locked, 3, Some(t))
            );
            assert!(!store.mobile_pin_lock("nope", 3, t).await.unwrap());
            // A limit of 1 locks at the first wrong PIN.
            active_device(&store, alice, "D2", now()).await;
            assert_eq!(store.mobile_pin_reserve("D2", 1).await.unwrap(), Some(1));
            assert!(store.mobile_pin_lock("D2", 1, t).await.unwrap());
        })
        .await;
    }

    #[tokio::test]
    async fn racing_pin_failures_lock_once() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "D1", now()).await;
            let results = futures_join_all(&store, 8).await;
            let reserved = results.iter().filter(|(tries, _)| tries.is_some()).count();
            assert_eq!(reserved, 5, "{results:?}");
            let locked_now = results.iter().filter(|(_, locked)| *locked).count();
            assert_eq!(locked_now, 1, "{results:?}");
            let d = store
                .mobile_device_by_device_id("D1")
                .await
                .unwrap()
                .unwrap();
            assert_eq!((d.status, d.pin_failures), (MobileStatus::Locked, 5));
        })
        .await;
    }

    /// `n` wrong PINs at once against a limit of 5, each on its own task: a try reserved, then
    /// the lock asked for, as the engine does.
    async fn futures_join_all(store: &Store, n: usize) -> Vec<(Option<i64>, bool)> {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    let tries = store.mobile_pin_reserve("D1", 5).await.unwrap();
                    let locked =
                        tries.is_some() && store.mobile_pin_lock("D1", 5, now()).await.unwrap();
                    (tries, locked)
                })
            })
            .collect();
        let mut results = Vec::new();
        for h in handles {
            results.push(h.await.unwrap());
        }
        results
    }

    #[tokio::test]
    async fn push_subscriptions_are_set_and_removed() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "D1", now()).await;
            store
                .set_mobile_push("D1", Some(("https://push.example/x", "BPoint", "YXV0aA")))
                .await
                .unwrap();
            assert_eq!(
                store
                    .mobile_device_by_device_id("D1")
                    .await
                    .unwrap()
                    .unwrap()
                    .push,
                Some((
                    "https://push.example/x".to_owned(),
                    "BPoint".to_owned(),
                    "YXV0aA".to_owned()
                ))
            );
            store.set_mobile_push("D1", None).await.unwrap();
            assert_eq!(
                store
                    .mobile_device_by_device_id("D1")
                    .await
                    .unwrap()
                    .unwrap()
                    .push,
                None
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_challenge_is_answered_once_by_its_device() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            active_device(&store, alice, "A2", now()).await;
            active_device(&store, bob, "B1", now()).await;
            let c = challenge("c1", alice, "push", Some("A1"));
            store.create_mobile_challenge(&c).await.unwrap();
            assert!(matches!(
                store.create_mobile_challenge(&c).await,
                Err(StoreError::Duplicate(_))
            ));
            let stored = store.mobile_challenge("c1").await.unwrap().unwrap();
            assert_eq!(stored.number, "42");
            assert_eq!(stored.signed, "h.c1.s");
            assert_eq!(stored.display, c.display);
            assert_eq!(
                (stored.kind.as_str(), stored.status.as_str()),
                ("push", "pending")
            );
            assert_eq!(stored.device_id.as_deref(), Some("A1"));
            assert_eq!(stored.expires_at, c.expires_at);
            assert!(store.mobile_challenge("nope").await.unwrap().is_none());
            let t = now() + Duration::seconds(30);
            // Not the device asked, not the account's, not a device at all.
            for other in ["A2", "B1", "nope"] {
                assert!(
                    !store
                        .answer_mobile_challenge("c1", "approved", other, t)
                        .await
                        .unwrap()
                );
            }
            assert!(
                store
                    .answer_mobile_challenge("c1", "approved", "A1", t)
                    .await
                    .unwrap()
            );
            let answered = store.mobile_challenge("c1").await.unwrap().unwrap();
            assert_eq!(answered.status, "approved");
            assert_eq!(answered.answered_by.as_deref(), Some("A1"));
            assert_eq!(answered.answered_at, Some(t));
            assert!(
                !store
                    .answer_mobile_challenge("c1", "denied", "A1", t)
                    .await
                    .unwrap()
            );
            assert_eq!(
                store.mobile_challenge("c1").await.unwrap().unwrap().status,
                "approved"
            );
            assert!(
                !store
                    .answer_mobile_challenge("nope", "denied", "A1", t)
                    .await
                    .unwrap()
            );
            // Expired: no answer.
            store
                .create_mobile_challenge(&challenge("c2", alice, "push", Some("A1")))
                .await
                .unwrap();
            assert!(
                !store
                    .answer_mobile_challenge("c2", "approved", "A1", c.expires_at)
                    .await
                    .unwrap()
            );
            // An on_mobile challenge names no device: any active device of the account answers.
            store
                .create_mobile_challenge(&challenge("c3", alice, "on_mobile", None))
                .await
                .unwrap();
            assert!(
                !store
                    .answer_mobile_challenge("c3", "approved", "B1", t)
                    .await
                    .unwrap()
            );
            assert!(
                store
                    .answer_mobile_challenge("c3", "approved", "A2", t)
                    .await
                    .unwrap()
            );
            // A locked device answers nothing.
            store
                .create_mobile_challenge(&challenge("c4", alice, "push", Some("A1")))
                .await
                .unwrap();
            store.mobile_pin_reserve("A1", 1).await.unwrap();
            assert!(store.mobile_pin_lock("A1", 1, t).await.unwrap());
            assert!(
                !store
                    .answer_mobile_challenge("c4", "denied", "A1", t)
                    .await
                    .unwrap()
            );
            // The schema refuses statuses that are not answers of the protocol.
            store
                .create_mobile_challenge(&challenge("c5", alice, "on_mobile", None))
                .await
                .unwrap();
            assert!(
                store
                    .answer_mobile_challenge("c5", "maybe", "A2", t)
                    .await
                    .is_err()
            );
            assert!(
                store
                    .create_mobile_challenge(&challenge("c6", alice, "sms", None))
                    .await
                    .is_err()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn only_an_approval_is_spent_and_only_once() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            let t = now() + Duration::seconds(5);
            for id in ["pending", "approved", "denied", "failed"] {
                store
                    .create_mobile_challenge(&challenge(id, alice, "push", Some("A1")))
                    .await
                    .unwrap();
                if id != "pending" {
                    assert!(
                        store
                            .answer_mobile_challenge(id, id, "A1", t)
                            .await
                            .unwrap()
                    );
                }
            }
            for id in ["pending", "denied", "failed", "nope"] {
                assert!(
                    store.spend_mobile_challenge(id).await.unwrap().is_none(),
                    "{id}"
                );
            }
            assert_eq!(
                store
                    .mobile_challenge("denied")
                    .await
                    .unwrap()
                    .unwrap()
                    .status,
                "denied"
            );
            let spent = store
                .spend_mobile_challenge("approved")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(spent.id, "approved");
            assert_eq!(spent.status, "spent");
            assert_eq!(spent.answered_by.as_deref(), Some("A1"));
            assert!(
                store
                    .spend_mobile_challenge("approved")
                    .await
                    .unwrap()
                    .is_none()
            );
            // A spent challenge cannot be answered again either.
            assert!(
                !store
                    .answer_mobile_challenge("approved", "approved", "A1", t)
                    .await
                    .unwrap()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn an_approval_keeps_its_evidence_until_it_is_spent() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            for id in ["with", "without"] {
                store
                    .create_mobile_challenge(&challenge(id, alice, "push", Some("A1")))
                    .await
                    .unwrap();
            }
            let evidence = r#"{"type":"mobile_app","request":"{\"v\":1}"}"#;
            assert!(
                store
                    .answer_mobile_challenge_with("with", "approved", "A1", now(), Some(evidence))
                    .await
                    .unwrap()
            );
            assert!(
                store
                    .answer_mobile_challenge("without", "approved", "A1", now())
                    .await
                    .unwrap()
            );
            let read = store.mobile_challenge("with").await.unwrap().unwrap();
            assert_eq!(read.evidence.as_deref(), Some(evidence));
            let spent = store.spend_mobile_challenge("with").await.unwrap().unwrap();
            assert_eq!(spent.evidence.as_deref(), Some(evidence));
            let spent = store
                .spend_mobile_challenge("without")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(spent.evidence, None);
            // A second answer changes nothing, evidence included.
            assert!(
                !store
                    .answer_mobile_challenge_with("with", "approved", "A1", now(), Some("{}"))
                    .await
                    .unwrap()
            );
            let read = store.mobile_challenge("with").await.unwrap().unwrap();
            assert_eq!(read.evidence.as_deref(), Some(evidence));
        })
        .await;
    }

    #[tokio::test]
    async fn racing_spends_spend_once() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            store
                .create_mobile_challenge(&challenge("c", alice, "push", Some("A1")))
                .await
                .unwrap();
            assert!(
                store
                    .answer_mobile_challenge("c", "approved", "A1", now())
                    .await
                    .unwrap()
            );
            let handles: Vec<_> = (0..6)
                .map(|i| {
                    let store = store.clone();
                    tokio::spawn(async move {
                        if i % 2 == 0 {
                            store.spend_mobile_challenge("c").await.unwrap().is_some()
                        } else {
                            store
                                .consume_mobile_challenge("c")
                                .await
                                .unwrap()
                                .is_some_and(|c| c.status == "approved")
                        }
                    })
                })
                .collect();
            let mut winners = 0;
            for h in handles {
                winners += usize::from(h.await.unwrap());
            }
            assert_eq!(winners, 1, "one caller saw the approval and spent it");
        })
        .await;
    }

    #[tokio::test]
    async fn consuming_spends_whatever_the_status() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            let mut offline = challenge("off", alice, "offline", None);
            offline.expires_at = now() - Duration::seconds(1); // expired: still consumed
            store.create_mobile_challenge(&offline).await.unwrap();
            store
                .create_mobile_challenge(&challenge("den", alice, "push", Some("A1")))
                .await
                .unwrap();
            assert!(
                store
                    .answer_mobile_challenge("den", "denied", "A1", now())
                    .await
                    .unwrap()
            );

            let before = store
                .consume_mobile_challenge("off")
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (before.status.as_str(), before.kind.as_str()),
                ("pending", "offline")
            );
            assert_eq!(before.expires_at, offline.expires_at);
            assert_eq!(
                store.mobile_challenge("off").await.unwrap().unwrap().status,
                "spent"
            );
            // A second try sees it spent.
            assert_eq!(
                store
                    .consume_mobile_challenge("off")
                    .await
                    .unwrap()
                    .unwrap()
                    .status,
                "spent"
            );
            assert_eq!(
                store
                    .consume_mobile_challenge("den")
                    .await
                    .unwrap()
                    .unwrap()
                    .status,
                "denied"
            );
            assert_eq!(
                store.mobile_challenge("den").await.unwrap().unwrap().status,
                "spent"
            );
            assert!(
                store
                    .consume_mobile_challenge("nope")
                    .await
                    .unwrap()
                    .is_none()
            );
            // Consumed, a pending challenge can no longer be answered.
            store
                .create_mobile_challenge(&challenge("p", alice, "push", Some("A1")))
                .await
                .unwrap();
            store.consume_mobile_challenge("p").await.unwrap().unwrap();
            assert!(
                !store
                    .answer_mobile_challenge("p", "approved", "A1", now())
                    .await
                    .unwrap()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn pending_lists_only_this_devices_open_push_challenges() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            active_device(&store, alice, "A2", now()).await;
            let mut second = challenge("second", alice, "push", Some("A1"));
            second.created_at = now() + Duration::seconds(2);
            store.create_mobile_challenge(&second).await.unwrap();
            let mut first = challenge("first", alice, "push", Some("A1"));
            first.created_at = now() + Duration::seconds(1);
            store.create_mobile_challenge(&first).await.unwrap();
            let mut expired = challenge("expired", alice, "push", Some("A1"));
            expired.expires_at = now() + Duration::seconds(10);
            store.create_mobile_challenge(&expired).await.unwrap();
            store
                .create_mobile_challenge(&challenge("answered", alice, "push", Some("A1")))
                .await
                .unwrap();
            assert!(
                store
                    .answer_mobile_challenge("answered", "denied", "A1", now())
                    .await
                    .unwrap()
            );
            store
                .create_mobile_challenge(&challenge("other", alice, "push", Some("A2")))
                .await
                .unwrap();
            let mut not_push = challenge("offline", alice, "offline", Some("A1"));
            not_push.number = String::new();
            store.create_mobile_challenge(&not_push).await.unwrap();

            let t = now() + Duration::seconds(10);
            let ids =
                |list: Vec<MobileChallenge>| list.into_iter().map(|c| c.id).collect::<Vec<_>>();
            assert_eq!(
                ids(store.pending_mobile_challenges("A1", t).await.unwrap()),
                ["first", "second"]
            );
            assert_eq!(
                ids(store.pending_mobile_challenges("A1", now()).await.unwrap()),
                ["expired", "first", "second"]
            );
            assert_eq!(
                ids(store.pending_mobile_challenges("A2", t).await.unwrap()),
                ["other"]
            );
            assert!(
                store
                    .pending_mobile_challenges("B1", t)
                    .await
                    .unwrap()
                    .is_empty()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn denials_are_counted_per_account_since_a_time() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            active_device(&store, bob, "B1", now()).await;
            let answers = [
                ("d1", alice, "A1", "denied", 0),
                ("d2", alice, "A1", "denied", 50),
                // A wrong number counts as a refusal too.
                ("f1", alice, "A1", "failed", 55),
                ("ok", alice, "A1", "approved", 60),
                ("d3", bob, "B1", "denied", 60),
            ];
            for (id, account, device, status, at) in answers {
                store
                    .create_mobile_challenge(&challenge(id, account, "push", Some(device)))
                    .await
                    .unwrap();
                let t = now() + Duration::seconds(at);
                assert!(
                    store
                        .answer_mobile_challenge(id, status, device, t)
                        .await
                        .unwrap()
                );
            }
            store
                .create_mobile_challenge(&challenge("pending", alice, "push", Some("A1")))
                .await
                .unwrap();
            assert_eq!(store.mobile_denials_since(alice, now()).await.unwrap(), 3);
            assert_eq!(
                store
                    .mobile_denials_since(alice, now() + Duration::seconds(1))
                    .await
                    .unwrap(),
                2
            );
            assert_eq!(
                store
                    .mobile_denials_since(alice, now() + Duration::seconds(51))
                    .await
                    .unwrap(),
                1
            );
            assert_eq!(store.mobile_denials_since(bob, now()).await.unwrap(), 1);
        })
        .await;
    }

    #[tokio::test]
    async fn proof_jtis_are_refused_when_replayed() {
        each_backend(|store| async move {
            let exp = now() + Duration::seconds(120);
            assert!(
                store
                    .remember_proof_jti("D1", "j1", exp, now())
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .remember_proof_jti("D1", "j1", exp, now())
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .remember_proof_jti(
                        "D1",
                        "j1",
                        exp + Duration::seconds(60),
                        exp - Duration::seconds(1)
                    )
                    .await
                    .unwrap(),
                "still within its window"
            );
            // Another device's same jti is its own.
            assert!(
                store
                    .remember_proof_jti("D2", "j1", exp, now())
                    .await
                    .unwrap()
            );
            assert!(
                store
                    .remember_proof_jti("D1", "j2", exp, now())
                    .await
                    .unwrap()
            );
            // Once expired, the jti is forgotten (and this device's expired entries with it).
            let later = exp + Duration::seconds(1);
            assert!(
                store
                    .remember_proof_jti("D1", "j1", later + Duration::seconds(120), later)
                    .await
                    .unwrap()
            );
            let counts = row_counts(&store).await;
            assert_eq!(
                counts["device_proof_jtis"], 2,
                "D1/j1 anew and D2/j1; D1/j2 forgotten"
            );
            assert!(
                !store
                    .remember_proof_jti("D1", "j1", later + Duration::seconds(120), later)
                    .await
                    .unwrap()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn deleting_an_account_removes_its_mobile_rows() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let bob = account(&store, "bob@example.org").await;
            active_device(&store, alice, "A1", now()).await;
            active_device(&store, bob, "B1", now()).await;
            store
                .create_mobile_enrolment(&enrolment("open", alice, now() + Duration::minutes(5)))
                .await
                .unwrap();
            store
                .create_mobile_challenge(&challenge("ca", alice, "push", Some("A1")))
                .await
                .unwrap();
            store
                .create_mobile_challenge(&challenge("cb", bob, "push", Some("B1")))
                .await
                .unwrap();
            store.delete_account(alice, now()).await.unwrap();
            let counts = row_counts(&store).await;
            assert_eq!(
                (
                    counts["mobile_devices"],
                    counts["mobile_enrolments"],
                    counts["mobile_challenges"]
                ),
                (1, 1, 1),
                "only Bob's remain: {counts:?}"
            );
            assert!(
                store
                    .mobile_device_by_device_id("A1")
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(store.mobile_enrolment("open").await.unwrap().is_none());
            assert!(store.mobile_challenge("ca").await.unwrap().is_none());
            assert!(store.mobile_challenge("cb").await.unwrap().is_some());
            assert_eq!(store.mobile_devices(bob).await.unwrap().len(), 1);
        })
        .await;
    }

    #[tokio::test]
    async fn purge_removes_what_has_outlived_its_use() {
        each_backend(|store| async move {
            let alice = account(&store, "alice@example.org").await;
            let exp = now() + Duration::minutes(5);
            // An enrolment done (device active), one taken (device pending), one open; all
            // expiring at `exp`; one more that expires later, taken.
            active_device(&store, alice, "done", now()).await; // its enrolment expires at exp
            store
                .create_mobile_enrolment(&enrolment("taken", alice, exp))
                .await
                .unwrap();
            store
                .take_mobile_enrolment("taken", now(), &new_device("pending", now()))
                .await
                .unwrap()
                .unwrap();
            store
                .create_mobile_enrolment(&enrolment("open", alice, exp))
                .await
                .unwrap();
            store
                .create_mobile_enrolment(&enrolment("later", alice, exp + Duration::hours(1)))
                .await
                .unwrap();
            store
                .take_mobile_enrolment("later", now(), &new_device("pending-later", now()))
                .await
                .unwrap()
                .unwrap();
            // A challenge expired two days ago, one expired an hour ago, one pending.
            let mut old = challenge("old", alice, "push", Some("done"));
            old.expires_at = exp - Duration::days(2);
            store.create_mobile_challenge(&old).await.unwrap();
            let mut recent = challenge("recent", alice, "push", Some("done"));
            recent.expires_at = exp - Duration::hours(1);
            store.create_mobile_challenge(&recent).await.unwrap();
            let mut live = challenge("live", alice, "push", Some("done"));
            live.expires_at = exp + Duration::minutes(1);
            store.create_mobile_challenge(&live).await.unwrap();
            store
                .remember_proof_jti("done", "old", exp, now())
                .await
                .unwrap();
            store
                .remember_proof_jti("done", "new", exp + Duration::seconds(1), now())
                .await
                .unwrap();

            assert_eq!(store.purge_mobile(exp).await.unwrap(), 1 + 1 + 3 + 1);
            let mut left: Vec<_> = store
                .mobile_devices(alice)
                .await
                .unwrap()
                .into_iter()
                .map(|d| d.device_id)
                .collect();
            left.sort();
            assert_eq!(left, ["done", "pending-later"]);
            for gone in ["enrol-done", "taken", "open"] {
                assert!(
                    store.mobile_enrolment(gone).await.unwrap().is_none(),
                    "{gone}"
                );
            }
            assert!(store.mobile_enrolment("later").await.unwrap().is_some());
            assert!(store.mobile_challenge("old").await.unwrap().is_none());
            assert!(store.mobile_challenge("recent").await.unwrap().is_some());
            assert!(store.mobile_challenge("live").await.unwrap().is_some());
            assert_eq!(row_counts(&store).await["device_proof_jtis"], 1);
            // The purge job of the server runs it too.
            assert!(store.purge_expired(exp + Duration::days(2)).await.unwrap() >= 4);
            let counts = row_counts(&store).await;
            assert_eq!(
                (
                    counts["mobile_devices"],
                    counts["mobile_enrolments"],
                    counts["mobile_challenges"],
                    counts["device_proof_jtis"]
                ),
                (1, 0, 0, 0),
                "{counts:?}"
            );
            // A taken enrolment purged cannot be finished any more.
            assert!(!store.finish_mobile_enrolment("later", true).await.unwrap());
        })
        .await;
    }
}
