//! Factor management, the same for every method and every front-end (My account, the command
//! line, later the admin API): enrolling, renaming and removing a device, removing every factor
//! (PANIC, the help desk), and "Always require multi-factor authentication".
//!
//! Rules that hold here:
//! - adding or removing a factor needs a proof at least as strong as the strongest factor the
//!   account has (seed 003: "you may need to authenticate with a stronger method"); the first
//!   one can be added after a password login; a blocked key can be removed after one;
//! - removing a device ends every other session of the account (whoever used it is signed out)
//!   and strips the method's proofs once no device of it remains;
//! - PANIC needs the password again and a confirmation, never a second factor: it is for users
//!   who lost their devices; it removes them all, ends every session, revokes every grant;
//! - every change is audited and told by a security e-mail.

use crate::audit::Actor;
use crate::transaction::{EnrolState, purpose, to_json};
use crate::{
    Answer, AuthEvent, Authn, AuthnError, Challenge, Client, Context, Device, Enrolment,
    PasswordOutcome, Refusal, Refused, device_name,
};
use limen_core::policy::{MethodStatus, level_to_add_factor};
use limen_core::{Account, AuthLevel, Email, Method, SsoSession, Strength};

/// How long the link that confirms PANIC is valid.
const PANIC_LINK_TTL: time::Duration = time::Duration::hours(1);

/// What the account holder is told by e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    FactorAdded {
        name: String,
    },
    FactorRemoved {
        name: String,
    },
    FactorRenamed {
        old: String,
        name: String,
    },
    /// Every factor removed: by PANIC (`Actor::User`) or the help desk.
    AllFactorsRemoved {
        names: Vec<String>,
        by: Actor,
    },
    MfaAlways {
        on: bool,
    },
    /// A mobile device was locked after too many wrong PINs.
    DeviceLocked {
        name: String,
    },
    /// A hardware token was locked after too many wrong codes; it unlocks by itself at `until`
    /// (`None`: when the help desk unlocks it).
    TokenLocked {
        name: String,
        until: Option<time::OffsetDateTime>,
    },
    /// A mobile device was unlinked by its app ("Unlink", "Forgot PIN"): locked, to be removed
    /// in My account (docs/MOBILE-PROTOCOL.md §3.7).
    DeviceUnlinked {
        name: String,
    },
    /// A sign-in was refused on the mobile device `device` and reported as not the account
    /// holder's: to `service`, from a browser (`browser`, coarse) on `network`.
    SignInReported {
        device: String,
        service: String,
        network: String,
        browser: String,
        /// Whether the sign-in had passed a password (not On Mobile, which needs none).
        password: bool,
    },
    /// PANIC was asked for: the link (its token) that confirms it, valid `valid_for`.
    PanicConfirm {
        token: String,
        valid_for: time::Duration,
    },
}

/// The outcome of renaming or removing a device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactorChange {
    Done {
        name: String,
    },
    /// The session must prove this level first.
    StepUp(AuthLevel),
    /// The account has no such device.
    NotFound,
    BadName,
}

/// The outcome of starting an enrolment.
#[derive(Debug)]
pub enum EnrolStart {
    Started {
        tx: String,
        challenge: Challenge,
    },
    StepUp(AuthLevel),
    /// The method is not wired, disabled, retired, or not for this user type.
    Unavailable,
    BadName,
    /// The method refused the request (a number that cannot receive SMS, SMS limits).
    Refused(Refused),
}

/// What removing every factor did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedAll {
    /// Each removed device, by method.
    pub removed: Vec<(Method, String)>,
    /// Sessions ended.
    pub sessions: usize,
}

/// What PANIC did, for the page that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanicReport {
    pub removed: RemovedAll,
    /// Services that need a second factor: unreachable until a new one is registered.
    pub unreachable: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanicOutcome {
    /// The password was right: the link that confirms PANIC was sent to the account's address.
    Requested,
    /// Confirmed by the link: done.
    Done(PanicReport),
    /// The link is unknown, used, expired, or its account gone.
    Gone,
    /// `[panic] allowed_user_types` does not include this account's type.
    NotAllowed,
    NotConfirmed,
    /// The password was refused (wrong, throttled).
    Password(Refusal),
    /// Used too often today.
    TooMany,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MfaChange {
    Done,
    /// It cannot be turned on without a usable second factor.
    NoFactor,
    /// Turning it off needs the second factor: the session must prove this level first.
    StepUp(AuthLevel),
}

impl Authn {
    /// Every device of the account, by method, in the order of [`Method::ALL`].
    pub async fn all_devices(
        &self,
        account: &Account,
    ) -> Result<Vec<(Method, Device)>, AuthnError> {
        let mut all = Vec::new();
        for factor in self.factors() {
            // A device shared by several methods is listed once, under the method that
            // manages it.
            if factor.devices_of() != factor.method() {
                continue;
            }
            for d in factor.devices(self, account).await? {
                all.push((factor.method(), d));
            }
        }
        Ok(all)
    }

    /// The level a session must have proven to add or remove a factor of this account, and
    /// whether `session` has (with a method that is still live).
    pub async fn may_change_factors(
        &self,
        session: &SsoSession,
        account: &Account,
    ) -> Result<(AuthLevel, bool), AuthnError> {
        let mut registered = self.registered_methods(Some(account)).await?;
        // An eID linked to the account is one of its ways in, as strong as a second factor.
        if self
            .store()
            .upstream_links_of(account.id)
            .await?
            .iter()
            .any(|l| l.strength == Strength::Eidas.as_str())
        {
            registered.push(Method::Eid);
        }
        let needed = level_to_add_factor(&registered);
        // A social network sign-in proves only that someone holds that social account: it never
        // changes the ways into an account that has a password (docs/FEDERATION.md §3.1) — else
        // whoever took the social account could add a lasting way in of their own.
        let has = session.proofs.iter().any(|p| {
            p.level() >= needed
                && self.is_live(Method::for_strength(p.strength))
                && !(p.strength == Strength::SocialNetworks && account.password_hash.is_some())
        });
        Ok((needed, has))
    }

    /// Whether the account may use (and enrol) `method`: wired, enabled, not retired, for its
    /// user type.
    pub fn method_status(&self, method: Method, account: &Account) -> MethodStatus {
        self.policy()
            .status(method, account.user_type, self.now().date())
    }

    /// Starts enrolling a device of `method` from My account (`session` is the browser's).
    pub async fn enrol_start(
        &self,
        method: Method,
        session: &SsoSession,
        account: &Account,
        request: Enrolment,
        client: &Client<'_>,
    ) -> Result<EnrolStart, AuthnError> {
        let Some(factor) = self
            .factor(method)
            .filter(|_| self.method_status(method, account) == MethodStatus::Usable)
        else {
            return Ok(EnrolStart::Unavailable);
        };
        let (needed, has) = self.may_change_factors(session, account).await?;
        if !has {
            return Ok(EnrolStart::StepUp(needed));
        }
        let Some(name) = device_name(&request.name) else {
            return Ok(EnrolStart::BadName);
        };
        let request = Enrolment {
            name,
            session_id: Some(session.id.clone()),
            ..request
        };
        let context = Context {
            service: String::new(),
            ip: client.ip.to_owned(),
            user_agent: client.user_agent.to_owned(),
        };
        let (challenge, verifier) = match factor
            .enrol_start(self, account, &request, &context)
            .await?
        {
            Ok(started) => started,
            Err(refused) => {
                let event = AuthEvent::FactorAddFailed {
                    method,
                    reason: refused.reason.clone(),
                };
                self.audit(event, Some(account.id), client.ip).await;
                return Ok(EnrolStart::Refused(refused));
            }
        };
        let state = EnrolState {
            method,
            request,
            verifier,
        };
        let tx = self
            .keep(
                purpose::REGISTER,
                Some(account.id),
                Some(session.id.clone()),
                to_json(&state)?,
            )
            .await?;
        Ok(EnrolStart::Started { tx, challenge })
    }

    /// Finishes an enrolment: the transaction must be this session's, for this account.
    pub async fn enrol_finish(
        &self,
        tx: &str,
        session: &SsoSession,
        account: &Account,
        answer: &Answer,
        client: &Client<'_>,
    ) -> Result<Result<(Method, Device), Refused>, AuthnError> {
        let expired = || Refused::new("webauthn-error-expired", "expired");
        let Some(t) = self.take(tx, purpose::REGISTER).await?.filter(|t| {
            t.account_id == Some(account.id) && t.session_id.as_deref() == Some(session.id.as_str())
        }) else {
            return Ok(Err(expired()));
        };
        let Ok(state) = serde_json::from_str::<EnrolState>(&t.state) else {
            return Ok(Err(expired()));
        };
        let Some(factor) = self.factor(state.method) else {
            return Ok(Err(expired()));
        };
        let device = match factor
            .enrol_finish(self, account, &state.request, &state.verifier, answer)
            .await?
        {
            Ok(d) => d,
            Err(mut refused) => {
                let event = AuthEvent::FactorAddFailed {
                    method: state.method,
                    reason: refused.reason.clone(),
                };
                self.audit(event, Some(account.id), client.ip).await;
                // The same challenge again, when the method keeps it (an SMS code with
                // attempts left), in a new transaction of this session.
                if factor
                    .again(self, account, &state.verifier)
                    .await?
                    .is_some()
                {
                    let tx = self
                        .keep(
                            purpose::REGISTER,
                            Some(account.id),
                            Some(session.id.clone()),
                            to_json(&state)?,
                        )
                        .await?;
                    refused.again = Some(tx);
                }
                return Ok(Err(refused));
            }
        };
        self.factor_added(state.method, account, &device, client.ip)
            .await;
        Ok(Ok((state.method, device)))
    }

    /// A device was added: audited, and the account holder told. [`Authn::enrol_finish`] calls
    /// it; a method whose enrolment ends on the device itself (the mobile app) calls it then.
    pub async fn factor_added(&self, method: Method, account: &Account, device: &Device, ip: &str) {
        let event = AuthEvent::FactorAdded {
            method,
            kind: device.kind.clone(),
            name: device.name.clone(),
        };
        self.audit(event, Some(account.id), ip).await;
        let notice = Notice::FactorAdded {
            name: device.name.clone(),
        };
        self.tell(account, notice).await;
    }

    /// Renames one of the account's devices.
    pub async fn rename_factor(
        &self,
        method: Method,
        account: &Account,
        device: i64,
        name: &str,
        client: &Client<'_>,
    ) -> Result<FactorChange, AuthnError> {
        let Some(factor) = self.factor(method) else {
            return Ok(FactorChange::NotFound);
        };
        let devices = factor.devices(self, account).await?;
        let Some(old) = devices.into_iter().find(|d| d.id == device) else {
            return Ok(FactorChange::NotFound);
        };
        let Some(name) = device_name(name) else {
            return Ok(FactorChange::BadName);
        };
        if name == old.name {
            return Ok(FactorChange::Done { name });
        }
        if !factor.rename(self, account, device, &name).await? {
            return Ok(FactorChange::NotFound);
        }
        let event = AuthEvent::FactorRenamed {
            method,
            old: old.name.clone(),
            name: name.clone(),
        };
        self.audit(event, Some(account.id), client.ip).await;
        let notice = Notice::FactorRenamed {
            old: old.name,
            name: name.clone(),
        };
        self.tell(account, notice).await;
        Ok(FactorChange::Done { name })
    }

    /// Removes one of the account's devices, from the browser whose session is `session`.
    /// Removing a factor needs the same proof as adding one: otherwise a stolen password would
    /// remove the user's key and add the thief's. A blocked device can be removed after a
    /// password sign-in, as its message tells the user to.
    pub async fn remove_factor(
        &self,
        method: Method,
        session: &SsoSession,
        account: &Account,
        device: i64,
        client: &Client<'_>,
    ) -> Result<FactorChange, AuthnError> {
        let Some(factor) = self.factor(method) else {
            return Ok(FactorChange::NotFound);
        };
        let devices = factor.devices(self, account).await?;
        let Some(found) = devices.iter().find(|d| d.id == device) else {
            return Ok(FactorChange::NotFound);
        };
        if !(found.blocked && factor.blocked_means_compromised()) {
            let (needed, has) = self.may_change_factors(session, account).await?;
            if !has {
                return Ok(FactorChange::StepUp(needed));
            }
        }
        self.remove_device(method, account, device, Some(&session.id), client)
            .await
    }

    /// Removes one device once the caller may ([`Authn::remove_factor`], or an operator:
    /// [`Authn::admin_remove_factor`]): audited, every session of the account but `keep` ended,
    /// the method's proofs stripped once no device of it remains, the account holder told.
    pub(crate) async fn remove_device(
        &self,
        method: Method,
        account: &Account,
        device: i64,
        keep: Option<&str>,
        client: &Client<'_>,
    ) -> Result<FactorChange, AuthnError> {
        let Some(factor) = self.factor(method) else {
            return Ok(FactorChange::NotFound);
        };
        let Some(name) = factor.remove(self, account, device).await? else {
            return Ok(FactorChange::NotFound);
        };
        let event = AuthEvent::FactorRemoved {
            method,
            name: name.clone(),
        };
        self.audit(event, Some(account.id), client.ip).await;
        // Whoever else used that device (a thief, if it was stolen) is signed out: every other
        // session of the account ends, with single logout, and its OIDC grants are revoked.
        // The session that removed it keeps the method's proof only while a device of it
        // remains.
        self.end_sessions_of_account(account.id, keep).await?;
        self.factors_follow_removal(account, client).await?;
        let notice = Notice::FactorRemoved { name: name.clone() };
        self.tell(account, notice).await;
        Ok(FactorChange::Done { name })
    }

    /// After a device is removed: every method left without a device loses its proofs (a
    /// device may serve several), and "Always require MFA" follows.
    async fn factors_follow_removal(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<(), AuthnError> {
        for f in self.factors() {
            if f.devices(self, account).await?.is_empty() {
                self.strip_proofs(account.id, f.method().strength()).await?;
            }
        }
        self.mfa_follows_factors(account, client).await
    }

    /// Removes every factor of every method (the help desk; PANIC after its checks): every
    /// session of the account ends and every OIDC grant (offline ones included) is revoked;
    /// audited; told by a security e-mail.
    pub async fn remove_all_factors(
        &self,
        account: &Account,
        by: Actor,
        client: &Client<'_>,
    ) -> Result<RemovedAll, AuthnError> {
        let mut removed = Vec::new();
        for factor in self.factors() {
            for name in factor.remove_all(self, account).await? {
                removed.push((factor.method(), name));
            }
        }
        // Seed 000: PANIC removes "all my devices and eIDs".
        for name in self.remove_all_links(account).await? {
            removed.push((Method::Social, name));
        }
        let names: Vec<String> = removed.iter().map(|(_, n)| n.clone()).collect();
        // Audited as soon as the factors are gone, before anything else can fail.
        let ended = self.end_sessions_of_account(account.id, None).await;
        let sessions = *ended.as_ref().unwrap_or(&0);
        let event = AuthEvent::FactorsRemovedAll {
            by,
            removed: names.clone(),
            sessions,
        };
        self.audit(event, Some(account.id), client.ip).await;
        ended?;
        self.mfa_follows_factors(account, client).await?;
        self.tell(account, Notice::AllFactorsRemoved { names, by })
            .await;
        Ok(RemovedAll { removed, sessions })
    }

    /// PANIC (seed 000, "Supprimer tous mes appareils et cartes d'identité électroniques"):
    /// for a user who lost their devices — the password again (never a second factor) and a
    /// ticked confirmation ask for it; a link sent to the account's address confirms it
    /// ([`Authn::panic_confirm`]). The link is what keeps a stolen password alone from
    /// stripping the owner's factors to enrol the thief's.
    pub async fn panic(
        &self,
        account: &Account,
        password: &str,
        confirmed: bool,
        client: &Client<'_>,
    ) -> Result<PanicOutcome, AuthnError> {
        // Signed in, the user type is known: refused before the password is asked for.
        if !self.panic_allowed(account, client).await {
            return Ok(PanicOutcome::NotAllowed);
        }
        // The password again, counted by the same lockout as the login page.
        self.panic_for_email(&account.email, password, confirmed, client)
            .await
    }

    /// PANIC from the sign-in page, for someone who cannot sign in any more (the second factor
    /// "Always require multi-factor authentication" asks for is lost): the address, the
    /// password and the box. An unknown address is answered as a wrong password, after the
    /// same work.
    pub async fn panic_for_email(
        &self,
        email: &Email,
        password: &str,
        confirmed: bool,
        client: &Client<'_>,
    ) -> Result<PanicOutcome, AuthnError> {
        if !confirmed {
            return Ok(PanicOutcome::NotConfirmed);
        }
        if password.is_empty() {
            return Ok(PanicOutcome::Password(Refusal::PasswordEmpty));
        }
        let account = match self.check_password(email, password, client.ip).await? {
            PasswordOutcome::Success(a) | PasswordOutcome::Expired(a) => a,
            PasswordOutcome::Throttled { until } => {
                return Ok(PanicOutcome::Password(Refusal::Throttled { until }));
            }
            _ => return Ok(PanicOutcome::Password(Refusal::Credentials)),
        };
        self.panic_checked(&account, client).await
    }

    /// `[panic] allowed_user_types` for this account (a refusal is audited).
    async fn panic_allowed(&self, account: &Account, client: &Client<'_>) -> bool {
        let allowed = self
            .config()
            .panic
            .allowed_user_types
            .contains(&account.user_type);
        if !allowed {
            let event = AuthEvent::PanicRefused {
                reason: "user type",
            };
            self.audit(event, Some(account.id), client.ip).await;
        }
        allowed
    }

    /// PANIC once the password is proven: the user-type rule, the daily limit, the link.
    async fn panic_checked(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<PanicOutcome, AuthnError> {
        if !self.panic_allowed(account, client).await {
            return Ok(PanicOutcome::NotAllowed);
        }
        let uses = self
            .store()
            .throttle_fail(
                &format!("panic:{}", account.id),
                self.now(),
                time::Duration::hours(24),
            )
            .await?;
        if uses > self.config().panic.per_account_per_day {
            let event = AuthEvent::PanicRefused { reason: "too many" };
            self.audit(event, Some(account.id), client.ip).await;
            return Ok(PanicOutcome::TooMany);
        }
        let token = limen_crypto::random_token(32);
        let now = self.now();
        let link = limen_store::EmailLink {
            id: limen_crypto::sha256_hex(token.as_bytes()),
            purpose: limen_store::LinkPurpose::Panic,
            account_id: account.id,
            new_email: None,
            service: None,
            created_at: now,
            expires_at: now + PANIC_LINK_TTL,
            used_at: None,
        };
        self.store().create_link(&link).await?;
        self.audit(AuthEvent::PanicRequested, Some(account.id), client.ip)
            .await;
        // Nothing is undone if this fails: the user is told, and may ask again.
        let notice = Notice::PanicConfirm {
            token,
            valid_for: PANIC_LINK_TTL,
        };
        self.effects().notify(account, notice).await?;
        Ok(PanicOutcome::Requested)
    }

    /// The account a PANIC link is for, while it is valid (the page that asks to confirm).
    pub async fn panic_link(&self, token: &str) -> Result<Option<Account>, AuthnError> {
        let Some(link) = self
            .valid_link(token, limen_store::LinkPurpose::Panic)
            .await?
        else {
            return Ok(None);
        };
        self.active_account(Some(link.account_id)).await
    }

    /// The e-mail link a token names, if it is of `purpose` and still valid (not used, not
    /// expired). Looked up by the token's SHA-256 only.
    pub(crate) async fn valid_link(
        &self,
        token: &str,
        purpose: limen_store::LinkPurpose,
    ) -> Result<Option<limen_store::EmailLink>, AuthnError> {
        let Some(id) = crate::token_id(token) else {
            return Ok(None);
        };
        Ok(self.store().link(&id).await?.filter(|link| {
            link.purpose == purpose && link.state(self.now()) == limen_store::LinkState::Valid
        }))
    }

    /// Confirms PANIC with the link's token: every factor goes, every session ends, every
    /// grant is revoked; returns what the page tells the user.
    pub async fn panic_confirm(
        &self,
        token: &str,
        client: &Client<'_>,
    ) -> Result<PanicOutcome, AuthnError> {
        let Some(account) = self.panic_link(token).await? else {
            return Ok(PanicOutcome::Gone);
        };
        let id = limen_crypto::sha256_hex(token.as_bytes());
        // Used once: the first of two concurrent confirmations wins.
        if !self.store().consume_link(&id, self.now()).await? {
            return Ok(PanicOutcome::Gone);
        }
        let removed = self
            .remove_all_factors(&account, Actor::User, client)
            .await?;
        let unreachable = self
            .store()
            .list_services()
            .await?
            .into_iter()
            .filter(|s| !s.accepts(Strength::Password) || s.min_assurance > account.assurance)
            .map(|s| s.name)
            .collect();
        Ok(PanicOutcome::Done(PanicReport {
            removed,
            unreachable,
        }))
    }

    /// Sets "Always require multi-factor authentication".
    pub async fn set_mfa_always(
        &self,
        session: &SsoSession,
        account: &Account,
        on: bool,
        client: &Client<'_>,
    ) -> Result<MfaChange, AuthnError> {
        if on == account.mfa_always {
            return Ok(MfaChange::Done);
        }
        if on {
            if self.usable_factors(Some(account)).await?.is_empty() {
                return Ok(MfaChange::NoFactor);
            }
        } else {
            let (needed, has) = self.may_change_factors(session, account).await?;
            if !has {
                return Ok(MfaChange::StepUp(needed));
            }
        }
        self.store()
            .set_mfa_always(account.id, on, self.now())
            .await?;
        self.audit(AuthEvent::MfaAlways { on }, Some(account.id), client.ip)
            .await;
        if on {
            // Whoever signed in elsewhere before (with the password alone, perhaps) is signed
            // out, and every other application's access is revoked, offline ones included.
            self.end_sessions_of_account(account.id, Some(&session.id))
                .await?;
        }
        self.tell(account, Notice::MfaAlways { on }).await;
        Ok(MfaChange::Done)
    }

    /// The security e-mail of a change already made: a failure to queue it is logged, never
    /// turned into an error page for a change that cannot be undone.
    pub(crate) async fn tell(&self, account: &Account, notice: Notice) {
        if let Err(e) = self.effects().notify(account, notice).await {
            tracing::error!(error = %e, account = account.id, "could not queue a security e-mail");
        }
    }

    /// Once the account has no usable second factor left, "Always require multi-factor
    /// authentication" is turned off: it could not be honoured, and PANIC must leave a way in.
    async fn mfa_follows_factors(
        &self,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<(), AuthnError> {
        let Some(current) = self.store().account_by_id(account.id).await? else {
            return Ok(());
        };
        if current.mfa_always && self.usable_factors(Some(&current)).await?.is_empty() {
            self.store()
                .set_mfa_always(account.id, false, self.now())
                .await?;
            self.audit(
                AuthEvent::MfaAlways { on: false },
                Some(account.id),
                client.ip,
            )
            .await;
            self.tell(&current, Notice::MfaAlways { on: false }).await;
        }
        Ok(())
    }
}
