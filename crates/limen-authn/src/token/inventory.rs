//! The inventory, for the operator (`limen token …` today, the admin API of issue 21 later):
//! import, assign, resynchronise, lock, unlock, delete. Every change is audited.

use super::Tokens;
use crate::{Authn, AuthnError};
use limen_core::Account;
use limen_oath::pskc;
use limen_store::{NewToken, StoredToken};

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The serials imported (none when `committed` is false).
    pub imported: Vec<String>,
    /// The key packages (their index in the file, 1-based; their serial when known) refused, and
    /// why — the parser's refusals and serials already in the inventory.
    pub refused: Vec<(usize, Option<String>, String)>,
    /// Whether anything was written: false when nothing was good, or with all-or-nothing and a
    /// refusal.
    pub committed: bool,
}

/// Why an inventory change was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InventoryError {
    #[error("no token with the serial number {0}")]
    NoSuchToken(String),
    #[error("token {serial} is assigned to {holder}; unassign it first")]
    AssignedElsewhere { serial: String, holder: String },
    #[error("token {0} is not assigned")]
    NotAssigned(String),
    #[error("the codes do not match token {0} (two consecutive codes are needed)")]
    CodesRefused(String),
    #[error("token {0} is an OCRA (challenge–response) token: it has no codes to resynchronise")]
    NoCounter(String),
}

/// A serial number users could not type: it must have letters or digits, and nothing else but
/// spaces and hyphens (what is matched is `limen_store::serial_key`: upper case, without them).
fn unusable_serial(serial: &str) -> Option<String> {
    (!limen_store::serial_is_typeable(serial)).then(|| {
        "the serial number must be letters and digits (spaces and hyphens aside), 64 at most"
            .to_owned()
    })
}

/// Why a token the file describes correctly cannot be used for sign-in, if it cannot:
/// - OCRA suites whose response also takes a PIN or session data (RFC 6287 §5.1 `P`, `S`): the
///   server would need the holder's PIN;
/// - OCRA responses of 1 to 5 digits: too easy to guess (a full-HMAC `t = 0` is fine);
/// - OCRA suites with neither counter nor time and a short question (under 8 digits or hex
///   digits, 6 characters): a response seen once could be replayed when its question comes
///   up again, after few enough sign-ins to try;
/// - a counter so high that it would overflow the store's 64-bit integer.
fn unusable(kind: &pskc::Kind) -> Option<String> {
    let counter = match kind {
        pskc::Kind::Hotp { counter, .. } | pskc::Kind::Ocra { counter, .. } => *counter,
        pskc::Kind::Totp { .. } => 0,
    };
    let ceiling = u64::try_from(i64::MAX).unwrap_or(u64::MAX) - 2 * limen_oath::MAX_WINDOW;
    if counter > ceiling {
        return Some(format!("the counter {counter} is too high"));
    }
    let pskc::Kind::Ocra { suite, .. } = kind else {
        return None;
    };
    let Ok(s) = limen_oath::ocra::Suite::parse(suite) else {
        return Some(format!("the OCRA suite {suite} is malformed"));
    };
    if s.pin_hash().is_some() || s.session_len().is_some() {
        return Some(format!(
            "OCRA suite {suite}: suites with a PIN or session input are not supported"
        ));
    }
    if (1..6).contains(&s.digits()) {
        return Some(format!(
            "OCRA suite {suite}: responses of fewer than 6 digits are too easy to guess"
        ));
    }
    let least = match s.question_format() {
        limen_oath::ocra::QuestionFormat::Alphanumeric => 6,
        _ => 8,
    };
    if !s.has_counter() && s.time_step_seconds().is_none() && s.question_len() < least {
        return Some(format!(
            "OCRA suite {suite}: without a counter or time, questions need at least {least} characters (a seen response could be replayed)"
        ));
    }
    None
}

impl Tokens {
    /// Imports what a PSKC or CSV file held: each good key package becomes a token, sealed; a
    /// serial already in the inventory is refused. With `all_or_nothing`, any refusal (in the
    /// file or here) imports nothing.
    pub async fn import(
        &self,
        cx: &Authn,
        parsed: pskc::Parsed,
        all_or_nothing: bool,
        source: &str,
    ) -> Result<ImportReport, AuthnError> {
        let mut report = ImportReport {
            refused: parsed
                .errors
                .iter()
                .map(|e| (e.index, e.serial.clone(), e.reason.clone()))
                .collect(),
            ..ImportReport::default()
        };
        // What the importer accepts but a login could not use safely is refused here, per
        // package: see `unusable`.
        let mut parsed = parsed;
        parsed.tokens.retain(
            |t| match unusable_serial(&t.serial).or_else(|| unusable(&t.kind)) {
                Some(reason) => {
                    report
                        .refused
                        .push((t.index, Some(t.serial.clone()), reason));
                    false
                }
                None => true,
            },
        );
        if all_or_nothing && !report.refused.is_empty() {
            return Ok(report);
        }
        let rows: Vec<NewToken> = parsed.tokens.iter().map(|t| self.new_row(t)).collect();
        if rows.is_empty() {
            return Ok(report);
        }
        let (ids, committed) = cx
            .store()
            .import_tokens(&rows, all_or_nothing, cx.now())
            .await?;
        for (t, id) in parsed.tokens.iter().zip(&ids) {
            if id.is_none() {
                report.refused.push((
                    t.index,
                    Some(t.serial.clone()),
                    "already in the inventory".into(),
                ));
            } else if committed {
                report.imported.push(t.serial.clone());
            }
        }
        report.refused.sort_by_key(|r| r.0);
        report.committed = committed && !report.imported.is_empty();
        if report.committed {
            cx.audit_raw(
                "token.imported",
                None,
                "-",
                serde_json::json!({
                    "source": source,
                    "imported": report.imported.len(),
                    "refused": report.refused.len(),
                }),
            )
            .await;
        }
        Ok(report)
    }

    fn new_row(&self, t: &pskc::Token) -> NewToken {
        let (kind, algorithm, digits, period, t0, suite, counter, drift) = match &t.kind {
            pskc::Kind::Hotp {
                hash,
                digits,
                counter,
            } => ("hotp", hash.as_str(), *digits, 0, 0, "", *counter, 0),
            pskc::Kind::Totp {
                hash,
                digits,
                period,
                t0,
                drift,
            } => ("totp", hash.as_str(), *digits, *period, *t0, "", 0, *drift),
            pskc::Kind::Ocra { suite, counter } => {
                let parsed = limen_oath::ocra::Suite::parse(suite).ok();
                let hash = parsed.as_ref().map_or("SHA1", |s| s.hash().as_str());
                let digits = parsed.as_ref().map_or(0, |s| s.digits());
                ("ocra", hash, digits, 0, 0, suite.as_str(), *counter, 0)
            }
        };
        let clamp = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        NewToken {
            serial: t.serial.clone(),
            kind: kind.into(),
            algorithm: algorithm.into(),
            digits: i64::from(digits),
            period: clamp(period),
            t0: clamp(t0),
            suite: suite.into(),
            secret: self.seal(&t.serial, &t.secret),
            counter: clamp(counter),
            drift,
            manufacturer: t.manufacturer.clone().unwrap_or_default(),
            model: t.model.clone().unwrap_or_default(),
        }
    }

    /// The token with this serial, or the refusal that names it.
    async fn find(
        &self,
        cx: &Authn,
        serial: &str,
    ) -> Result<Result<StoredToken, InventoryError>, AuthnError> {
        Ok(cx
            .store()
            .token_by_serial(serial)
            .await?
            .ok_or_else(|| InventoryError::NoSuchToken(serial.trim().to_owned())))
    }

    async fn holder(&self, cx: &Authn, t: &StoredToken) -> Result<Option<Account>, AuthnError> {
        match t.account_id {
            Some(id) => Ok(cx.store().account_by_id(id).await?),
            None => Ok(None),
        }
    }

    /// Assigns a token to an account (the help desk hands it over).
    pub async fn assign(
        &self,
        cx: &Authn,
        serial: &str,
        account: &Account,
        name: Option<&str>,
    ) -> Result<Result<StoredToken, InventoryError>, AuthnError> {
        let t = match self.find(cx, serial).await? {
            Ok(t) => t,
            Err(refused) => return Ok(Err(refused)),
        };
        if t.account_id == Some(account.id) {
            return Ok(Ok(t));
        }
        if let Some(holder) = self.holder(cx, &t).await? {
            return Ok(Err(InventoryError::AssignedElsewhere {
                serial: t.serial,
                holder: holder.email.as_str().to_owned(),
            }));
        }
        let name = name
            .and_then(crate::device_name)
            .unwrap_or_else(|| t.serial.clone());
        if !cx
            .store()
            .assign_token(t.id, account.id, &name, cx.now())
            .await?
        {
            return Ok(Err(InventoryError::AssignedElsewhere {
                serial: t.serial,
                holder: "another account".into(),
            }));
        }
        self.audited(cx, "token.assigned", &t, Some(account.id))
            .await;
        cx.tell(account, crate::Notice::FactorAdded { name }).await;
        Ok(Ok(self.reload(cx, t).await?))
    }

    /// Takes a token back from its holder (it stays usable for a new assignment).
    pub async fn unassign(
        &self,
        cx: &Authn,
        serial: &str,
    ) -> Result<Result<StoredToken, InventoryError>, AuthnError> {
        let t = match self.find(cx, serial).await? {
            Ok(t) => t,
            Err(refused) => return Ok(Err(refused)),
        };
        let holder = self.holder(cx, &t).await?;
        if !cx.store().unassign_token(t.id, None, false).await? {
            return Ok(Err(InventoryError::NotAssigned(t.serial)));
        }
        self.audited(cx, "token.unassigned", &t, t.account_id).await;
        if let Some(account) = holder {
            let notice = crate::Notice::FactorRemoved {
                name: super::display_name(&t),
            };
            cx.tell(&account, notice).await;
        }
        Ok(Ok(self.reload(cx, t).await?))
    }

    /// Resynchronises a token from two consecutive codes the help desk read off it.
    pub async fn resync_serial(
        &self,
        cx: &Authn,
        serial: &str,
        code1: &str,
        code2: &str,
    ) -> Result<Result<StoredToken, InventoryError>, AuthnError> {
        let t = match self.find(cx, serial).await? {
            Ok(t) => t,
            Err(refused) => return Ok(Err(refused)),
        };
        if t.kind == "ocra" {
            return Ok(Err(InventoryError::NoCounter(t.serial)));
        }
        if !self.resync(cx, &t, code1, code2).await? {
            return Ok(Err(InventoryError::CodesRefused(t.serial)));
        }
        self.audited(cx, "token.resynced", &t, t.account_id).await;
        Ok(Ok(self.reload(cx, t).await?))
    }

    /// An administrator's lock (`true`), or unlock (`false`): unlocking also ends a lockout
    /// after wrong codes and lifts the holder's second-factor throttle, so that the help desk
    /// can let a user in at once.
    pub async fn set_locked(
        &self,
        cx: &Authn,
        serial: &str,
        locked: bool,
    ) -> Result<Result<StoredToken, InventoryError>, AuthnError> {
        let t = match self.find(cx, serial).await? {
            Ok(t) => t,
            Err(refused) => return Ok(Err(refused)),
        };
        cx.store().set_token_disabled(t.id, locked).await?;
        if !locked && let Some(account) = self.holder(cx, &t).await? {
            cx.store()
                .throttle_clear(&crate::flow::factor_key(&account))
                .await?;
        }
        let event = if locked {
            "token.disabled"
        } else {
            "token.unlocked"
        };
        self.audited(cx, event, &t, t.account_id).await;
        Ok(Ok(self.reload(cx, t).await?))
    }

    /// Deletes a token from the inventory (its holder is told, as for a removal).
    pub async fn delete(
        &self,
        cx: &Authn,
        serial: &str,
    ) -> Result<Result<StoredToken, InventoryError>, AuthnError> {
        let t = match self.find(cx, serial).await? {
            Ok(t) => t,
            Err(refused) => return Ok(Err(refused)),
        };
        let holder = self.holder(cx, &t).await?;
        cx.store().delete_token(t.id).await?;
        self.audited(cx, "token.deleted", &t, t.account_id).await;
        if let Some(account) = holder {
            let notice = crate::Notice::FactorRemoved {
                name: super::display_name(&t),
            };
            cx.tell(&account, notice).await;
        }
        Ok(Ok(t))
    }

    async fn reload(&self, cx: &Authn, t: StoredToken) -> Result<StoredToken, AuthnError> {
        Ok(cx.store().token_by_id(t.id).await?.unwrap_or(t))
    }

    async fn audited(&self, cx: &Authn, event: &str, t: &StoredToken, account: Option<i64>) {
        // The console and the admin API name their caller in the audit scope (the entry's
        // actor); without one, the change comes from `limen token`.
        let by = match crate::audit_scope().and_then(|s| s.actor) {
            Some(_) => "admin",
            None => "cli",
        };
        cx.audit_raw(
            event,
            account,
            "-",
            serde_json::json!({"serial": t.serial, "by": by}),
        )
        .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_oath::Hash;

    fn ocra(suite: &str) -> pskc::Kind {
        pskc::Kind::Ocra {
            suite: suite.into(),
            counter: 0,
        }
    }

    #[test]
    fn tokens_a_login_could_not_use_safely_are_refused() {
        for good in [
            "OCRA-1:HOTP-SHA1-6:QN08",
            "OCRA-1:HOTP-SHA256-8:C-QN04",
            "OCRA-1:HOTP-SHA512-8:QN06-T1M",
            "OCRA-1:HOTP-SHA1-0:QH08",
            "OCRA-1:HOTP-SHA1-6:QA06",
        ] {
            assert_eq!(unusable(&ocra(good)), None, "{good}");
        }
        for (bad, why) in [
            ("OCRA-1:HOTP-SHA1-6:QN08-PSHA1", "PIN"),
            ("OCRA-1:HOTP-SHA1-6:QN08-S064", "session"),
            ("OCRA-1:HOTP-SHA1-4:QN08", "fewer than 6"),
            ("OCRA-1:HOTP-SHA1-6:QN06", "at least 8"),
            ("OCRA-1:HOTP-SHA1-6:QA05", "at least 6"),
        ] {
            let reason = unusable(&ocra(bad)).unwrap_or_default();
            assert!(reason.contains(why), "{bad}: {reason}");
        }
        let high = pskc::Kind::Hotp {
            hash: Hash::Sha1,
            digits: 6,
            counter: u64::MAX - 5,
        };
        assert!(unusable(&high).is_some_and(|r| r.contains("too high")));
        let ok = pskc::Kind::Hotp {
            hash: Hash::Sha1,
            digits: 6,
            counter: 1_000_000,
        };
        assert_eq!(unusable(&ok), None);
        assert_eq!(unusable_serial("T-123 456"), None);
        for bad in ["---", " ", "T12/34", "Ťoken", &"9".repeat(65)] {
            assert!(unusable_serial(bad).is_some(), "{bad:?}");
        }
    }
}
