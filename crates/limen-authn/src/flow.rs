//! The login flow as plain values: the web layer asks what comes next and renders the
//! [`Step`]; it never decides which method runs.
//!
//! identify (e-mail) → the methods this user may use ([`Authn::situation`]) → the password
//! ([`Authn::submit_password`]) or, when stepping up a session that proved it, nothing
//! ([`Authn::step_up`]) → the second factor: the choice of device when there are several
//! ([`Authn::choose_device`]), the challenge, the answer ([`Authn::answer`]) → signed in.

use crate::SecondFactor;
use crate::password::PasswordOutcome;
use crate::transaction::{TxState, purpose, to_json};
use crate::{
    Answer, AuthEvent, Authn, AuthnError, Binding, Challenge, Client, Context, Device, Refused,
    Requirement, SignedIn,
};
use limen_core::policy::Offer;
use limen_core::{Account, AccountStatus, Email, Method, SsoSession, Strength, UserType};
use std::sync::Arc;
use time::OffsetDateTime;

/// Refused second-factor answers in one login before it must start again.
const TRIES_PER_LOGIN: u32 = 5;
/// Refused second-factor answers per account within [`FACTOR_WINDOW`] before the account's
/// second-factor step is locked for that long: a typed code (SMS, OTP) cannot be guessed at
/// leisure after one right password, and a method that sends something (SMS) cannot be made
/// to send without end.
const FACTOR_FAILURES: i64 = 10;
const FACTOR_WINDOW: time::Duration = time::Duration::minutes(15);
/// Logins without a password (On Mobile) one client address may start per hour.
const PASSWORDLESS_PER_HOUR: i64 = 60;

/// A login transaction opened to be answered: the SSO session it continues (a step-up), its
/// state, its account, and the method that answers it.
type Open = (Option<String>, TxState, Account, Arc<dyn SecondFactor>);

/// What a second-factor step carries from the step before it.
pub(crate) struct Continuing {
    /// The password was verified just before (a first login), rather than known from the
    /// session (a step-up).
    pub(crate) password_verified: bool,
    /// The SSO session a step-up continues.
    pub(crate) session_id: Option<String>,
    /// Answers refused so far in this login.
    pub(crate) attempts: u32,
    /// What a device shows of the login.
    pub(crate) context: Context,
    /// What the challenge is for (a login, or a transaction to sign).
    pub(crate) binding: Binding,
}

/// What a device shows of a login: the service, the browser.
fn context_of(req: &Requirement, client: &Client<'_>) -> Context {
    Context {
        service: req.service.clone(),
        ip: client.ip.to_owned(),
        user_agent: client.user_agent.to_owned(),
    }
}

pub(crate) fn factor_key(account: &Account) -> String {
    format!("factor:{}", account.id)
}

/// What the login page shows next.
#[derive(Debug)]
pub enum Step {
    /// Signed in: the session holds the new proofs. The web layer sets the cookie if there is
    /// a new one, then checks the requirement and sends the user on.
    SignedIn(SignedIn),
    /// Seed 003: "click the name of the security key or trusted platform you want".
    ChooseDevice {
        tx: String,
        method: Method,
        devices: Vec<Device>,
        account: Box<Account>,
    },
    /// The second factor's challenge; `error` when a previous answer was refused.
    Challenge {
        tx: String,
        method: Method,
        challenge: Challenge,
        error: Option<Refused>,
        account: Box<Account>,
    },
    /// The right password, too old: it must be changed first.
    PasswordExpired(Account),
    /// A transaction signed (a [`Binding::Sign`] challenge answered): no session.
    Signed(Box<crate::sign::Signed>),
    Refused(Refusal),
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Wrong password or unknown address (the same answer for both).
    Credentials,
    PasswordEmpty,
    Throttled {
        until: OffsetDateTime,
    },
    /// The right password for a locked account.
    Locked,
    /// Too many refused second-factor answers for this account lately: its second-factor step
    /// waits until then (the password was right).
    FactorThrottled {
        until: OffsetDateTime,
    },
    /// The method is not offered to this user here.
    MethodUnavailable,
    /// A step-up form whose session is gone (or a forged one): ask for the password.
    PasswordNeeded,
    /// The account has no usable device of this method.
    NoDevice(Method),
    /// The transaction is gone: used, expired, or another browser's.
    Gone,
    /// The method refused the answer, and no device is left to try again with.
    Factor(Refused),
}

/// What the method page may show for the user behind an address.
#[derive(Debug)]
pub struct Situation {
    /// The account, if it can sign in.
    pub account: Option<Account>,
    /// An unknown address gets the offer of an account with the password alone, so the page
    /// says no more than the address's domain does.
    pub offer: Offer,
    /// Step-up: the browser's session (same account, not a fresh login) proved the password.
    pub password_known: Option<SsoSession>,
}

impl Situation {
    /// The methods the page lists: when the session proved the password (step-up), the methods
    /// beyond it. (A password typed on a page left open in another tab is still accepted.)
    pub fn shown(&self) -> Vec<Method> {
        let known = self.password_known.is_some();
        self.offer
            .usable
            .iter()
            .copied()
            .filter(|m| !(known && *m == Method::Password))
            .collect()
    }
}

impl Authn {
    /// The account behind an address, if it can sign in.
    pub async fn active_account_by_email(
        &self,
        email: &Email,
    ) -> Result<Option<Account>, AuthnError> {
        Ok(self
            .store()
            .account_by_email(email)
            .await?
            .filter(|a| a.status == AccountStatus::Active))
    }

    /// The second factors the account has set up: wired methods with a device, blocked or not
    /// (a user whose only key is blocked is offered the method and told why it fails).
    pub async fn enrolled_factors(
        &self,
        account: Option<&Account>,
    ) -> Result<Vec<Method>, AuthnError> {
        let Some(account) = account else {
            return Ok(Vec::new());
        };
        let mut methods = Vec::new();
        for factor in self.factors() {
            if !factor.devices(self, account).await?.is_empty() {
                methods.push(factor.method());
            }
        }
        Ok(methods)
    }

    /// The second factors the account can use now: wired methods, live and allowed for its
    /// user type (the offer's own rule), with a device that is not blocked.
    pub async fn usable_factors(
        &self,
        account: Option<&Account>,
    ) -> Result<Vec<Method>, AuthnError> {
        let Some(account) = account else {
            return Ok(Vec::new());
        };
        let mut methods = Vec::new();
        for factor in self.factors() {
            if self.method_status(factor.method(), account)
                != limen_core::policy::MethodStatus::Usable
            {
                continue;
            }
            if factor
                .devices(self, account)
                .await?
                .iter()
                .any(|d| !d.blocked)
            {
                methods.push(factor.method());
            }
        }
        Ok(methods)
    }

    /// The methods an account has set up: the password, and its enrolled second factors.
    pub async fn registered_methods(
        &self,
        account: Option<&Account>,
    ) -> Result<Vec<Method>, AuthnError> {
        let mut methods = vec![Method::Password];
        methods.extend(self.enrolled_factors(account).await?);
        Ok(methods)
    }

    /// The user type of an account, or of an address without one.
    pub fn user_type(&self, email: &Email, account: Option<&Account>) -> UserType {
        account.map_or_else(
            || UserType::for_email(email, &self.config().internal_domains),
            |a| a.user_type,
        )
    }

    fn offer_for(
        &self,
        req: &Requirement,
        email: &Email,
        account: Option<&Account>,
        registered: &[Method],
        mfa: bool,
    ) -> Offer {
        self.policy().offer(
            &self.login_strengths(req, mfa),
            self.user_type(email, account),
            registered,
            self.now().date(),
        )
    }

    /// What the method page may offer the user behind `email` for `req`. `fresh`: a login that
    /// must prove the password again (CAS `renew`, OpenID Connect), so no step-up view.
    pub async fn situation(
        &self,
        req: &Requirement,
        email: &Email,
        client: &Client<'_>,
        fresh: bool,
    ) -> Result<Situation, AuthnError> {
        let account = self.active_account_by_email(email).await?;
        let registered = self.registered_methods(account.as_ref()).await?;
        let mfa = match &account {
            Some(a) => self.mfa_applies(a).await?,
            None => false,
        };
        let offer = self.offer_for(req, email, account.as_ref(), &registered, mfa);
        let password_known = match (&account, fresh) {
            (Some(a), false) => self
                .current_session(client.sso_token)
                .await?
                .map(|(session, _)| session)
                .filter(|s| {
                    s.account_id == a.id
                        && s.proofs.iter().any(|p| p.strength == Strength::Password)
                }),
            _ => None,
        };
        Ok(Situation {
            account,
            offer,
            password_known,
        })
    }

    /// The password form, with the method chosen beside it.
    pub async fn submit_password(
        &self,
        req: &Requirement,
        email: &Email,
        method: Method,
        password: &str,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        // The account is read once, for the method check and the password.
        let account = self.store().account_by_email(email).await?;
        let active = account
            .as_ref()
            .filter(|a| a.status == AccountStatus::Active);
        // Only a second factor (or MFA always) needs the registrations read: the password is
        // always there.
        let registered = if method == Method::Password && !active.is_some_and(|a| a.mfa_always) {
            vec![Method::Password]
        } else {
            self.registered_methods(active).await?
        };
        let mfa = match active {
            Some(a) => self.mfa_applies(a).await?,
            None => false,
        };
        if !self
            .offer_for(req, email, active, &registered, mfa)
            .usable
            .contains(&method)
        {
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        }
        if password.is_empty() {
            return Ok(Step::Refused(Refusal::PasswordEmpty));
        }
        let account = match self
            .check_password_of(email, account, password, client.ip)
            .await?
        {
            PasswordOutcome::Success(account) => account,
            PasswordOutcome::Invalid => return Ok(Step::Refused(Refusal::Credentials)),
            PasswordOutcome::Throttled { until } => {
                return Ok(Step::Refused(Refusal::Throttled { until }));
            }
            PasswordOutcome::Locked => return Ok(Step::Refused(Refusal::Locked)),
            PasswordOutcome::Expired(account) => return Ok(Step::PasswordExpired(account)),
        };
        if method == Method::Password {
            let signed_in = self
                .sign_in(&account, &[Strength::Password], client)
                .await?;
            return Ok(Step::SignedIn(signed_in));
        }
        // The password is right; the second factor comes next, and only then is the user
        // signed in.
        let first = Continuing {
            password_verified: true,
            session_id: None,
            attempts: 0,
            context: context_of(req, client),
            binding: Binding::Login,
        };
        self.start_factor(&account, method, first, None, true).await
    }

    /// A method that needs no password (On Mobile, `MOBILE_APP`): its challenge alone, for an
    /// account whose offer includes it. The page offers such a method only where it is listed,
    /// so an unknown address (offered the password alone) never reaches a device.
    pub async fn start_without_password(
        &self,
        req: &Requirement,
        email: &Email,
        method: Method,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        if method.includes_password() {
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        }
        // Anyone may start one for any address (no password): bounded per client address, as
        // each writes a challenge and a transaction.
        let now = self.now();
        let key = format!("passwordless:{}", client.ip);
        let window = time::Duration::hours(1);
        if self.store().throttle_fail(&key, now, window).await? > PASSWORDLESS_PER_HOUR {
            return Ok(Step::Refused(Refusal::Throttled {
                until: now + window,
            }));
        }
        let situation = self.situation(req, email, client, true).await?;
        let Some(account) = situation
            .account
            .filter(|_| situation.offer.usable.contains(&method))
        else {
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        };
        let first = Continuing {
            password_verified: false,
            session_id: None,
            attempts: 0,
            context: context_of(req, client),
            binding: Binding::Login,
        };
        self.start_factor(&account, method, first, None, true).await
    }

    /// Step-up: the browser's session proved the password; only the new factor is asked for.
    pub async fn step_up(
        &self,
        req: &Requirement,
        email: &Email,
        method: Method,
        client: &Client<'_>,
        fresh: bool,
    ) -> Result<Step, AuthnError> {
        let situation = self.situation(req, email, client, fresh).await?;
        match (&situation.password_known, &situation.account) {
            (Some(session), Some(account)) if situation.shown().contains(&method) => {
                let session_id = Some(session.id.clone());
                let step_up = Continuing {
                    password_verified: false,
                    session_id,
                    attempts: 0,
                    context: context_of(req, client),
                    binding: Binding::Login,
                };
                self.start_factor(account, method, step_up, None, true)
                    .await
            }
            _ if !situation.offer.usable.contains(&method) => {
                Ok(Step::Refused(Refusal::MethodUnavailable))
            }
            _ => Ok(Step::Refused(Refusal::PasswordNeeded)),
        }
    }

    /// Starts the second factor `method` for `account`: the device choice when it has several
    /// usable devices, none is chosen yet and `offer_choice`, else the challenge (for the chosen
    /// device, or all).
    pub(crate) async fn start_factor(
        &self,
        account: &Account,
        method: Method,
        from: Continuing,
        device: Option<i64>,
        offer_choice: bool,
    ) -> Result<Step, AuthnError> {
        let Continuing {
            password_verified,
            session_id,
            attempts,
            context,
            binding,
        } = from;
        let Some(factor) = self.factor(method).filter(|_| self.is_live(method)) else {
            return Ok(Step::Refused(Refusal::MethodUnavailable));
        };
        if factor.answers_can_be_guessed()
            && let Some(until) = self
                .store()
                .throttle_locked_until(&factor_key(account), self.now())
                .await?
        {
            return Ok(Step::Refused(Refusal::FactorThrottled { until }));
        }
        let devices: Vec<Device> = factor
            .devices(self, account)
            .await?
            .into_iter()
            .filter(|d| !d.blocked)
            .filter(|d| device.is_none_or(|id| id == d.id))
            .collect();
        if devices.is_empty() {
            return Ok(Step::Refused(Refusal::NoDevice(method)));
        }
        let mut carried = TxState {
            method,
            password_verified,
            verifier: None,
            binding,
            attempts,
            context,
            extensions: 0,
        };
        if offer_choice && factor.offers_device_choice() && devices.len() > 1 && device.is_none() {
            let tx = self
                .keep(
                    purpose::CHOOSE,
                    Some(account.id),
                    session_id,
                    to_json(&carried)?,
                )
                .await?;
            return Ok(Step::ChooseDevice {
                tx,
                method,
                devices,
                account: Box::new(account.clone()),
            });
        }
        let (challenge, state) = match factor
            .challenge(self, account, &devices, &carried.binding, &carried.context)
            .await?
        {
            Ok(made) => made,
            Err(refused) => {
                let event = AuthEvent::LoginFailure {
                    method,
                    reason: Some(refused.reason.clone()),
                };
                self.audit(event, Some(account.id), &carried.context.ip)
                    .await;
                return Ok(Step::Refused(Refusal::Factor(refused)));
            }
        };
        carried.verifier = Some(state);
        let tx = self
            .keep(
                purpose::LOGIN,
                Some(account.id),
                session_id,
                to_json(&carried)?,
            )
            .await?;
        Ok(Step::Challenge {
            tx,
            method,
            challenge,
            error: None,
            account: Box::new(account.clone()),
        })
    }

    /// The device the user picked (`None`: not a device; the choice again).
    pub async fn choose_device(
        &self,
        tx: &str,
        device: Option<i64>,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        self.choose_device_for(tx, device, client, false).await
    }

    /// [`Authn::choose_device`] for a login (`signing` false) or a signature: a transaction of
    /// the other kind is gone, so that a login page never answers a signature's challenge nor
    /// a signing page a login's.
    pub(crate) async fn choose_device_for(
        &self,
        tx: &str,
        device: Option<i64>,
        client: &Client<'_>,
        signing: bool,
    ) -> Result<Step, AuthnError> {
        let Some((t, carried, account)) = self.take_login(tx, purpose::CHOOSE, client).await?
        else {
            return Ok(Step::Refused(Refusal::Gone));
        };
        if carried.binding.is_sign() != signing {
            return Ok(Step::Refused(Refusal::Gone));
        }
        let from = Continuing {
            password_verified: carried.password_verified,
            session_id: t.session_id,
            attempts: carried.attempts,
            context: carried.context,
            binding: carried.binding,
        };
        self.start_factor(&account, carried.method, from, device, true)
            .await
    }

    /// "Send the code again" (an SMS that did not come): a new challenge for the same device,
    /// when the method sends one and its limits allow; else the same challenge with the reason.
    pub async fn resend(&self, tx: &str, client: &Client<'_>) -> Result<Step, AuthnError> {
        self.resend_for(tx, client, false).await
    }

    /// [`Authn::resend`] for a login or a signature ([`Authn::choose_device_for`]).
    pub(crate) async fn resend_for(
        &self,
        tx: &str,
        client: &Client<'_>,
        signing: bool,
    ) -> Result<Step, AuthnError> {
        let (session_id, carried, account, factor) =
            match self.open_challenge(tx, client, signing).await? {
                Ok(open) => open,
                Err(step) => return Ok(step),
            };
        let verifier = carried.verifier.as_deref().unwrap_or_default();
        let resent = factor
            .resend(self, &account, verifier, &carried.binding, &carried.context)
            .await?;
        let (challenge, state, error) = match resent {
            None => return Ok(Step::Refused(Refusal::Gone)),
            Some(Ok((challenge, state))) => (challenge, state, None),
            Some(Err(refused)) => match factor.again(self, &account, verifier).await? {
                Some(challenge) => (challenge, verifier.to_owned(), Some(refused)),
                None => return Ok(Step::Refused(Refusal::Factor(refused))),
            },
        };
        let next = TxState {
            verifier: Some(state),
            ..carried
        };
        self.show_again(account, session_id, next, challenge, error)
            .await
    }

    /// A challenge shown (again) in a new login transaction carrying `next`.
    async fn show_again(
        &self,
        account: Account,
        session_id: Option<String>,
        next: TxState,
        challenge: Challenge,
        error: Option<Refused>,
    ) -> Result<Step, AuthnError> {
        let method = next.method;
        let tx = self
            .keep(
                purpose::LOGIN,
                Some(account.id),
                session_id,
                to_json(&next)?,
            )
            .await?;
        Ok(Step::Challenge {
            tx,
            method,
            challenge,
            error,
            account: Box::new(account),
        })
    }

    /// The login transaction `tx` (taken), its state and account, and the method that must
    /// answer it — or the step that says why it cannot be answered.
    async fn open_challenge(
        &self,
        tx: &str,
        client: &Client<'_>,
        signing: bool,
    ) -> Result<Result<Open, Step>, AuthnError> {
        let Some((t, carried, account)) = self.take_login(tx, purpose::LOGIN, client).await? else {
            return Ok(Err(Step::Refused(Refusal::Gone)));
        };
        if carried.binding.is_sign() != signing {
            return Ok(Err(Step::Refused(Refusal::Gone)));
        }
        let Some(factor) = self
            .factor(carried.method)
            .filter(|_| carried.verifier.is_some())
        else {
            return Ok(Err(Step::Refused(Refusal::Gone)));
        };
        if !self.is_live(carried.method) {
            return Ok(Err(Step::Refused(Refusal::MethodUnavailable)));
        }
        Ok(Ok((t.session_id, carried, account, factor.clone())))
    }

    /// The device that answered, as a proof names it.
    async fn proof_device(
        &self,
        factor: &Arc<dyn SecondFactor>,
        account: &Account,
        device: i64,
    ) -> Result<Option<limen_core::ProofDevice>, AuthnError> {
        Ok(factor
            .devices(self, account)
            .await?
            .into_iter()
            .find(|d| d.id == device)
            .map(|d| limen_core::ProofDevice {
                id: factor.proof_id(&d),
                kind: d.kind,
                name: d.name,
                level: None,
            }))
    }

    /// The user's answer to a second factor's challenge.
    pub async fn answer(
        &self,
        tx: &str,
        answer: &Answer,
        client: &Client<'_>,
    ) -> Result<Step, AuthnError> {
        self.answer_for(tx, answer, client, false).await
    }

    /// [`Authn::answer`] for a login or a signature ([`Authn::choose_device_for`]).
    pub(crate) async fn answer_for(
        &self,
        tx: &str,
        answer: &Answer,
        client: &Client<'_>,
        signing: bool,
    ) -> Result<Step, AuthnError> {
        let (session_id, carried, account, factor) =
            match self.open_challenge(tx, client, signing).await? {
                Ok(open) => open,
                Err(step) => return Ok(step),
            };
        let method = carried.method;
        let verifier = carried.verifier.as_deref().unwrap_or_default();
        // A typed answer takes one of the account's tries before it is checked (and gives it
        // back if right): answers posted in parallel cannot each see the throttle still open
        // (the race issue 11 closed for passwords).
        let guessable = factor.answers_can_be_guessed();
        let mut reserved = 0;
        if guessable {
            let now = self.now();
            let key = factor_key(&account);
            if let Some(until) = self.store().throttle_locked_until(&key, now).await? {
                return Ok(Step::Refused(Refusal::FactorThrottled { until }));
            }
            reserved = self.store().throttle_fail(&key, now, FACTOR_WINDOW).await?;
            if reserved > FACTOR_FAILURES {
                let until = now + FACTOR_WINDOW;
                self.store().throttle_lock(&key, until).await?;
                return Ok(Step::Refused(Refusal::FactorThrottled { until }));
            }
        }
        match factor.verify(self, &account, verifier, answer).await? {
            Ok(verified) => {
                self.store().throttle_clear(&factor_key(&account)).await?;
                if let Binding::Sign(binding) = &carried.binding {
                    // A signature proves this transaction, nothing more: no session is made
                    // or extended.
                    let device = self
                        .proof_device(&factor, &account, verified.device)
                        .await?;
                    return Ok(Step::Signed(Box::new(crate::sign::Signed {
                        account,
                        method,
                        binding: (**binding).clone(),
                        device,
                        evidence: verified.evidence,
                    })));
                }
                let strengths: &[Strength] = if carried.password_verified {
                    &[Strength::Password, method.strength()]
                } else {
                    &[method.strength()]
                };
                // The device's name goes with the proof (EU Login's `authenticationFactors`).
                let device = self
                    .proof_device(&factor, &account, verified.device)
                    .await?;
                let signed_in = self
                    .sign_in_with_device(&account, strengths, device.as_ref(), client)
                    .await?;
                // No new cookie: the proof joined the browser's session of this account.
                let event = if signed_in.new_cookie.is_none() {
                    AuthEvent::StepUp { method }
                } else {
                    AuthEvent::LoginSuccess { method }
                };
                self.audit(event, Some(account.id), client.ip).await;
                Ok(Step::SignedIn(signed_in))
            }
            Err(refused) => {
                let event = AuthEvent::LoginFailure {
                    method,
                    reason: Some(refused.reason.clone()),
                };
                self.audit(event, Some(account.id), client.ip).await;
                let attempts = carried.attempts + 1;
                // The try reserved above stays counted.
                if guessable && reserved >= FACTOR_FAILURES {
                    let now = self.now();
                    self.store()
                        .throttle_lock(&factor_key(&account), now + FACTOR_WINDOW)
                        .await?;
                    return Ok(Step::Refused(Refusal::Factor(refused)));
                }
                // A login ends after so many refused answers when they could be guesses, or
                // when each new challenge sends something (a push request, an SMS).
                if (factor.answers_can_be_guessed() || factor.challenge_sends())
                    && attempts >= TRIES_PER_LOGIN
                {
                    return Ok(Step::Refused(Refusal::Factor(refused)));
                }
                // Another try: the same challenge when the method keeps it (an SMS code with
                // attempts left)...
                if let Some(challenge) = factor.again(self, &account, verifier).await? {
                    let next = TxState {
                        attempts,
                        ..carried
                    };
                    return self
                        .show_again(account, session_id, next, challenge, Some(refused))
                        .await;
                }
                // ... else a new challenge for every usable device, the same password state.
                match self
                    .start_factor(
                        &account,
                        method,
                        Continuing {
                            password_verified: carried.password_verified,
                            session_id,
                            attempts,
                            context: carried.context.clone(),
                            binding: carried.binding.clone(),
                        },
                        None,
                        false,
                    )
                    .await?
                {
                    Step::Refused(Refusal::NoDevice(_)) => {
                        Ok(Step::Refused(Refusal::Factor(refused)))
                    }
                    Step::Challenge {
                        tx,
                        method,
                        challenge,
                        account,
                        ..
                    } => Ok(Step::Challenge {
                        tx,
                        method,
                        challenge,
                        error: Some(refused),
                        account,
                    }),
                    other => Ok(other),
                }
            }
        }
    }
}
