//! The login transaction: what a login, a device choice, a passwordless challenge or an
//! enrolment remembers between two pages — one row in `authn_transactions`, under the SHA-256
//! of a random token the page carries, taken (deleted) when the answer comes back.
//!
//! A transaction that continues an SSO session (a step-up, an enrolment from My account) is
//! bound to it: it is only taken back by the browser whose session started it.

use crate::{Authn, AuthnError, Binding, Client, Enrolment};
use limen_core::{Account, Method, Strength};
use limen_store::Transaction;
use serde::{Deserialize, Serialize};

/// Purposes, as stored (unchanged from the WebAuthn ceremonies the table held before).
pub(crate) mod purpose {
    /// A second factor's challenge is out.
    pub const LOGIN: &str = "login";
    /// The user chooses among several devices.
    pub const CHOOSE: &str = "choose";
    /// A passwordless (passkey) challenge from the identifier page.
    pub const PASSWORDLESS: &str = "passwordless";
    /// Enrolling a device from My account.
    pub const REGISTER: &str = "register";
}

fn legacy_method() -> Method {
    // Rows written before the engine were WebAuthn ceremonies.
    Method::Webauthn
}

/// What a login transaction carries.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct TxState {
    #[serde(default = "legacy_method")]
    pub method: Method,
    /// The password was verified just before (a first login), rather than known from the
    /// session (a step-up, bound to that session).
    pub password_verified: bool,
    /// The method's state for `verify` (named as the WebAuthn ceremonies named it); absent
    /// while the user chooses the device.
    #[serde(default)]
    pub verifier: Option<String>,
    #[serde(default)]
    pub binding: Binding,
    /// Answers refused so far in this login (each refusal makes a new transaction).
    #[serde(default)]
    pub attempts: u32,
    /// What a device shows of the login (the service, the browser).
    #[serde(default)]
    pub context: crate::Context,
    /// How many times the user asked for more time ([`Authn::more_time`]).
    #[serde(default)]
    pub extensions: u32,
}

/// How many times one step of a login may be given more time: WCAG 2.1 SC 2.2.1 "Timing
/// Adjustable" asks that a time limit can be extended with a simple action at least ten times.
pub const MORE_TIME_LIMIT: u32 = 10;

/// What asking for more time gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoreTime {
    /// The step now ends at this moment (another `transaction_ttl` from now).
    Until(time::OffsetDateTime),
    /// The step had more time [`MORE_TIME_LIMIT`] times already; it ends at this moment.
    NoMore(time::OffsetDateTime),
    /// Unknown, expired, answered already, or not this browser's.
    Gone,
}

/// What an enrolment carries.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct EnrolState {
    pub method: Method,
    pub request: Enrolment,
    pub verifier: String,
}

/// The store key of a token a page sent back; `None` for anything that cannot be one.
pub fn token_id(token: &str) -> Option<String> {
    (!token.is_empty() && token.len() <= 128 && token.bytes().all(|b| b.is_ascii_graphic()))
        .then(|| limen_crypto::sha256_hex(token.as_bytes()))
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, AuthnError> {
    serde_json::to_string(value).map_err(|e| AuthnError::Internal(format!("transaction: {e}")))
}

impl Authn {
    /// Stores a transaction (`state`, JSON) for the transaction lifetime under the SHA-256 of
    /// a new random token, and returns the token for the page.
    pub(crate) async fn keep(
        &self,
        purpose: &str,
        account_id: Option<i64>,
        session_id: Option<String>,
        state: String,
    ) -> Result<String, AuthnError> {
        let ttl = self.config().transaction_ttl;
        self.keep_for(purpose, account_id, session_id, state, ttl)
            .await
    }

    /// [`Authn::keep`] with its own lifetime.
    pub(crate) async fn keep_for(
        &self,
        purpose: &str,
        account_id: Option<i64>,
        session_id: Option<String>,
        state: String,
        ttl: time::Duration,
    ) -> Result<String, AuthnError> {
        let token = limen_crypto::random_token(32);
        self.keep_token(&token, purpose, account_id, session_id, state, ttl)
            .await?;
        Ok(token)
    }

    /// Stores a transaction under the SHA-256 of a token made elsewhere (an OAuth `state`).
    pub(crate) async fn keep_token(
        &self,
        token: &str,
        purpose: &str,
        account_id: Option<i64>,
        session_id: Option<String>,
        state: String,
        ttl: time::Duration,
    ) -> Result<(), AuthnError> {
        let Some(id) = token_id(token) else {
            return Err(AuthnError::Internal("transaction: unusable token".into()));
        };
        let t = Transaction {
            purpose: purpose.to_owned(),
            account_id,
            session_id,
            state,
            expires_at: self.now() + ttl,
        };
        self.store().create_transaction(&id, &t).await?;
        Ok(())
    }

    /// Takes a transaction of `purpose` back from its token; `None` when it is unknown, used or
    /// expired.
    pub(crate) async fn take(
        &self,
        token: &str,
        purpose: &str,
    ) -> Result<Option<Transaction>, AuthnError> {
        let Some(id) = token_id(token) else {
            return Ok(None);
        };
        Ok(self
            .store()
            .take_transaction(&id, purpose, self.now())
            .await?)
    }

    /// Takes a login transaction (`purpose`): still valid, for an active account, and — for a
    /// step-up — still this browser's session, which proved the password. `None`: start
    /// again.
    pub(crate) async fn take_login(
        &self,
        token: &str,
        purpose: &str,
        client: &Client<'_>,
    ) -> Result<Option<(Transaction, TxState, Account)>, AuthnError> {
        let Some(tx) = self.take(token, purpose).await? else {
            return Ok(None);
        };
        let Ok(state) = serde_json::from_str::<TxState>(&tx.state) else {
            return Ok(None);
        };
        if !self.may_continue(&tx, &state, client).await? {
            return Ok(None);
        }
        Ok(self
            .active_account(tx.account_id)
            .await?
            .map(|account| (tx, state, account)))
    }

    /// The method and the challenge state of a login transaction, without taking it: a page
    /// asking how its own challenge stands (the mobile app's approval). The same binding rules
    /// as [`Authn::take_login`]'s.
    pub async fn login_challenge(
        &self,
        token: &str,
        client: &Client<'_>,
    ) -> Result<Option<(Method, String)>, AuthnError> {
        let Some(id) = token_id(token) else {
            return Ok(None);
        };
        let Some(tx) = self
            .store()
            .peek_transaction(&id, purpose::LOGIN, self.now())
            .await?
        else {
            return Ok(None);
        };
        let Ok(state) = serde_json::from_str::<TxState>(&tx.state) else {
            return Ok(None);
        };
        if !self.may_continue(&tx, &state, client).await? {
            return Ok(None);
        }
        Ok(state.verifier.map(|v| (state.method, v)))
    }

    /// Gives the step of a login under way (a second factor's challenge, or the choice of a
    /// device) another `transaction_ttl` from now, at most [`MORE_TIME_LIMIT`] times (WCAG 2.1
    /// SC 2.2.1): the page warns before its time runs out and offers this. The same binding
    /// rules as answering it; the challenge itself is unchanged (a code sent by SMS keeps its
    /// own expiry: the page offers to send a new one).
    pub async fn more_time(
        &self,
        token: &str,
        client: &Client<'_>,
    ) -> Result<MoreTime, AuthnError> {
        let Some(id) = token_id(token) else {
            return Ok(MoreTime::Gone);
        };
        let now = self.now();
        let Some((purpose, tx)) = self.login_step(&id).await? else {
            return Ok(MoreTime::Gone);
        };
        let Ok(mut state) = serde_json::from_str::<TxState>(&tx.state) else {
            return Ok(MoreTime::Gone);
        };
        if !self.may_continue(&tx, &state, client).await? {
            return Ok(MoreTime::Gone);
        }
        if state.extensions >= MORE_TIME_LIMIT {
            return Ok(MoreTime::NoMore(tx.expires_at));
        }
        state.extensions += 1;
        let until = now + self.config().transaction_ttl;
        let extended = self
            .store()
            .extend_transaction(&id, purpose, &to_json(&state)?, until, now)
            .await?;
        Ok(if extended {
            MoreTime::Until(until)
        } else {
            MoreTime::Gone
        })
    }

    /// The live step of a login under this token digest — a second factor's challenge, or the
    /// choice of a device — with its purpose, read without taking it.
    async fn login_step(
        &self,
        id: &str,
    ) -> Result<Option<(&'static str, Transaction)>, AuthnError> {
        for purpose in [purpose::LOGIN, purpose::CHOOSE] {
            if let Some(tx) = self
                .store()
                .peek_transaction(id, purpose, self.now())
                .await?
            {
                return Ok(Some((purpose, tx)));
            }
        }
        Ok(None)
    }

    /// When the step of a login under way ends (what its page announces); `None` when it is
    /// gone.
    pub async fn login_deadline(
        &self,
        token: &str,
    ) -> Result<Option<time::OffsetDateTime>, AuthnError> {
        let Some(id) = token_id(token) else {
            return Ok(None);
        };
        Ok(self.login_step(&id).await?.map(|(_, tx)| tx.expires_at))
    }

    /// Whether this browser may continue the login transaction: a first login (the password
    /// verified just before) and a method that needs no password (On Mobile) started outside
    /// any session are bound to the page holding the token alone; a step-up is bound to its
    /// session ([`Authn::bound_to_browser`]).
    async fn may_continue(
        &self,
        tx: &Transaction,
        state: &TxState,
        client: &Client<'_>,
    ) -> Result<bool, AuthnError> {
        let passwordless = !state.method.includes_password() && tx.session_id.is_none();
        Ok(state.password_verified || passwordless || self.bound_to_browser(tx, client).await?)
    }

    /// A step-up transaction belongs to the session that started it: it must still be this
    /// browser's, for the same account, with the password proven.
    async fn bound_to_browser(
        &self,
        tx: &Transaction,
        client: &Client<'_>,
    ) -> Result<bool, AuthnError> {
        let current = self.current_session(client.sso_token).await?;
        Ok(matches!(
            (current, &tx.session_id),
            (Some((s, _)), Some(id)) if &s.id == id
                && Some(s.account_id) == tx.account_id
                && s.proofs.iter().any(|p| p.strength == Strength::Password)
        ))
    }
}
