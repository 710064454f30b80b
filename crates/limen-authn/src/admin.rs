//! What an operator does to an account (issue 21): lock, unlock, delete, set the identity
//! assurance, end every session. The console, the admin API and the `limen` command line call
//! these same functions; removing every factor is [`Authn::remove_all_factors`] (manage.rs) and
//! the password reset link is the web layer's (it composes the mail).
//!
//! Each writes its audit entry; who acted and why come from the task's
//! [`crate::AuditScope`].

use crate::flow::factor_key;
use crate::password::account_key;
use crate::{Authn, AuthnError, Client, FactorChange};
use limen_core::{Account, AccountStatus, AssuranceLevel, Method};
use serde_json::json;
use time::OffsetDateTime;

/// What unlocking did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlocked {
    /// The account was locked (status) or locked out (too many failures); it no longer is.
    Done {
        status: AccountStatus,
        /// It was locked by an operator (status `locked`).
        was_locked: bool,
        /// It was locked out by failed logins until then.
        lockout_until: Option<OffsetDateTime>,
    },
    /// Neither: nothing to do.
    NotLocked,
}

impl Authn {
    /// Until when failed logins lock the account out, if they do now.
    pub async fn lockout_until(
        &self,
        account: &Account,
    ) -> Result<Option<OffsetDateTime>, AuthnError> {
        let now = self.now();
        let a = self
            .store()
            .throttle_locked_until(&account_key(&account.email), now)
            .await?;
        let f = self
            .store()
            .throttle_locked_until(&factor_key(account), now)
            .await?;
        Ok(a.max(f))
    }

    /// Locks the account: it cannot sign in, and every session ends now, with single logout.
    /// Returns how many sessions ended.
    pub async fn admin_lock(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<usize, AuthnError> {
        self.store()
            .set_status(account.id, AccountStatus::Locked, self.now())
            .await?;
        let ended = self.end_sessions_of_account(account.id, None).await?;
        self.audit_raw(
            "account.locked",
            Some(account.id),
            client.ip,
            json!({"sessions": ended}),
        )
        .await;
        Ok(ended)
    }

    /// Lifts an operator's lock and the lockout of failed logins. An account without a
    /// password goes back to `pending` (it still has to choose one).
    pub async fn admin_unlock(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<Unlocked, AuthnError> {
        let lockout_until = self.lockout_until(account).await?;
        let was_locked = account.status == AccountStatus::Locked;
        if !was_locked && lockout_until.is_none() {
            return Ok(Unlocked::NotLocked);
        }
        let status = if was_locked {
            let status = if account.password_hash.is_some() {
                AccountStatus::Active
            } else {
                AccountStatus::Pending
            };
            self.store()
                .set_status(account.id, status, self.now())
                .await?;
            status
        } else {
            account.status
        };
        self.store()
            .throttle_clear(&account_key(&account.email))
            .await?;
        self.store().throttle_clear(&factor_key(account)).await?;
        self.audit_raw(
            "account.unlocked",
            Some(account.id),
            client.ip,
            json!({
                "was_locked": was_locked,
                "lockout_until": lockout_until.map(|t| t.unix_timestamp()),
            }),
        )
        .await;
        Ok(Unlocked::Done {
            status,
            was_locked,
            lockout_until,
        })
    }

    /// Deletes the account (personal data removed, the row kept for the audit trail), ending
    /// its sessions with single logout. Returns how many sessions ended.
    pub async fn admin_delete(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<usize, AuthnError> {
        let ended = self.end_sessions_of_account(account.id, None).await?;
        self.store().delete_account(account.id, self.now()).await?;
        self.audit_raw(
            "account.deleted",
            Some(account.id),
            client.ip,
            json!({"uid": account.uid, "sessions": ended}),
        )
        .await;
        Ok(ended)
    }

    /// Sets the identity assurance level.
    pub async fn admin_set_assurance(
        &self,
        account: &Account,
        level: AssuranceLevel,
        client: &Client<'_>,
    ) -> Result<(), AuthnError> {
        self.store()
            .set_assurance(account.id, level, self.now())
            .await?;
        self.audit_raw(
            "account.assurance",
            Some(account.id),
            client.ip,
            json!({"from": account.assurance.as_str(), "to": level.as_str()}),
        )
        .await;
        Ok(())
    }

    /// Removes one device of the account (the help desk: the device is lost or compromised).
    /// No proof is asked of a session — the operator's role is the authority — and every
    /// session of the account ends, whoever used the device; audited and told as when the
    /// user removes it ([`Authn::remove_factor`]).
    pub async fn admin_remove_factor(
        &self,
        method: Method,
        account: &Account,
        device: i64,
        client: &Client<'_>,
    ) -> Result<FactorChange, AuthnError> {
        self.remove_device(method, account, device, None, client)
            .await
    }

    /// Ends every session of the account, with single logout, and revokes its OpenID Connect
    /// grants. Returns how many sessions ended.
    pub async fn admin_end_sessions(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<usize, AuthnError> {
        let ended = self.end_sessions_of_account(account.id, None).await?;
        self.audit_raw(
            "sessions.ended_by_operator",
            Some(account.id),
            client.ip,
            json!({"sessions": ended}),
        )
        .await;
        Ok(ended)
    }
}
