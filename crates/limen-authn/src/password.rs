//! The password step: verification with per-account and per-address lockout (ARCHITECTURE §6).
//!
//! Rules that hold here: unknown, pending and deleted accounts cost the same time as real ones
//! and get the same answer (a dummy hash is verified); failures are counted per account and per
//! client address in the store, so a lockout holds across nodes; a locked or expired account is
//! only revealed to someone who knows its password.

use crate::{AuthEvent, Authn, AuthnError, Counted};
use limen_core::{Account, AccountStatus, Email, Method};
use time::OffsetDateTime;

pub enum PasswordOutcome {
    Success(Account),
    Invalid,
    Throttled {
        until: OffsetDateTime,
    },
    Locked,
    /// The right password, but older than the maximum age: it must be changed first.
    Expired(Account),
}

pub(crate) fn account_key(email: &Email) -> String {
    format!("acct:{}", limen_crypto::sha256_hex(email.key().as_bytes()))
}

pub(crate) fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// How long an attempt that reached the limit keeps the others out while it is verified: far
/// longer than a verification waits in the bounded hashing queue; after it, an attempt whose
/// node died mid-way simply counts as the failure it reserved.
const IN_FLIGHT_HOLD: time::Duration = time::Duration::seconds(60);

impl Authn {
    /// Verifies the password of the account behind `email`.
    pub async fn check_password(
        &self,
        email: &Email,
        password: &str,
        ip: &str,
    ) -> Result<PasswordOutcome, AuthnError> {
        let account = self.store().account_by_email(email).await?;
        self.check_password_of(email, account, password, ip).await
    }

    /// [`Authn::check_password`] for a caller that has already looked the address up
    /// (`account`, as `Store::account_by_email` answered), so the login path reads the account
    /// once.
    ///
    /// The attempt runs to its end in a task of its own: a client that disconnects (or a proxy
    /// that gives up) while the hash waits drops this future, but not the task, so the places
    /// reserved for the attempt are always settled — counted as a failure, or given back.
    pub async fn check_password_of(
        &self,
        email: &Email,
        account: Option<Account>,
        password: &str,
        ip: &str,
    ) -> Result<PasswordOutcome, AuthnError> {
        let (engine, email, password, ip) = (
            self.clone(),
            email.clone(),
            password.to_owned(),
            ip.to_owned(),
        );
        tokio::spawn(async move { engine.attempt(&email, account, &password, &ip).await })
            .await
            .map_err(|e| AuthnError::Internal(format!("password attempt: {e}")))?
    }

    /// Gives back the places reserved under `keys`, each on its own: a store error on one is
    /// logged and does not keep the others (a place not given back only counts as one failure,
    /// and a hold ends by itself after [`IN_FLIGHT_HOLD`]).
    async fn give_back(&self, keys: &[&str], hold: OffsetDateTime) {
        for key in keys {
            if let Err(e) = self.store().throttle_release(key, hold).await {
                tracing::error!(error = %e, "could not give back a login attempt's place");
            }
        }
    }

    async fn throttled(
        &self,
        key: &str,
        now: OffsetDateTime,
    ) -> Result<PasswordOutcome, AuthnError> {
        self.effects().counted(Counted::LoginThrottled);
        let until = self
            .store()
            .throttle_locked_until(key, now)
            .await?
            // Unlocked between the two statements: the next try will tell.
            .unwrap_or(now + time::Duration::seconds(1));
        Ok(PasswordOutcome::Throttled { until })
    }

    async fn attempt(
        &self,
        email: &Email,
        account: Option<Account>,
        password: &str,
        ip: &str,
    ) -> Result<PasswordOutcome, AuthnError> {
        let now = self.now();
        let store = self.store();
        let t = &self.config().throttle;
        let (akey, ikey) = (account_key(email), address_key(ip));
        // Both places are reserved before the password is hashed, so that a burst of parallel
        // guesses — on this node or any other sharing the store — gets at most the limit's
        // worth of verifications (ARCHITECTURE §6). The client address first: a locked address
        // spends none of the account's places.
        let hold = now + IN_FLIGHT_HOLD;
        let Some(by_address) = store
            .throttle_reserve(&ikey, now, t.address_window, t.address_max_failures, hold)
            .await?
        else {
            return self.throttled(&ikey, now).await;
        };
        let by_account = match store
            .throttle_reserve(&akey, now, t.account_window, t.account_max_failures, hold)
            .await
        {
            Ok(Some(n)) => n,
            Ok(None) => {
                self.give_back(&[&ikey], hold).await;
                return self.throttled(&akey, now).await;
            }
            Err(e) => {
                self.give_back(&[&ikey], hold).await;
                return Err(e.into());
            }
        };

        let stored = account
            .as_ref()
            .filter(|a| matches!(a.status, AccountStatus::Active | AccountStatus::Locked))
            .and_then(|a| a.password_hash.clone());
        let password = limen_core::password::normalise(password);
        let verification = match self.hasher().verify(&password, stored.as_deref()).await {
            Ok(v) => v,
            Err(e) => {
                // Not verified (the hashing queue is full, say): not a failure either.
                self.give_back(&[&akey, &ikey], hold).await;
                return Err(e.into());
            }
        };

        if !verification.ok {
            self.effects().counted(Counted::LoginFailed);
            // The reservations stay as the failures they turned out to be.
            if by_account >= t.account_max_failures {
                let doublings = u32::try_from(by_account - t.account_max_failures)
                    .unwrap_or(u32::MAX)
                    .min(16);
                let lock =
                    (t.account_base_lock * 2_i32.saturating_pow(doublings)).min(t.account_max_lock);
                store.throttle_lock(&akey, now + lock).await?;
            }
            if by_address >= t.address_max_failures {
                store.throttle_lock(&ikey, now + t.address_lock).await?;
            }
            let event = AuthEvent::LoginFailure {
                method: Method::Password,
                reason: None,
            };
            self.audit(event, account.as_ref().map(|a| a.id), ip).await;
            return Ok(PasswordOutcome::Invalid);
        }

        // The right password: the account starts afresh, the address gets its place back (even
        // when the first fails: each key is settled on its own).
        let cleared = store.throttle_clear(&akey).await;
        self.give_back(&[&ikey], hold).await;
        cleared?;
        let Some(account) = account else {
            // verify() never succeeds without a stored hash.
            return Ok(PasswordOutcome::Invalid);
        };
        if verification.needs_rehash
            && let (Some(old), Ok(new)) = (stored.as_deref(), self.hasher().hash(&password).await)
        {
            store.rehash_password(account.id, old, &new).await?;
        }
        if account.status == AccountStatus::Locked {
            self.audit(AuthEvent::LoginRefusedLocked, Some(account.id), ip)
                .await;
            return Ok(PasswordOutcome::Locked);
        }
        if account.password_expired(self.config().password_max_age_days, now) {
            self.audit(AuthEvent::LoginRefusedPasswordExpired, Some(account.id), ip)
                .await;
            return Ok(PasswordOutcome::Expired(account));
        }
        self.effects().counted(Counted::LoginOk);
        let event = AuthEvent::LoginSuccess {
            method: Method::Password,
        };
        self.audit(event, Some(account.id), ip).await;
        Ok(PasswordOutcome::Success(account))
    }
}
