//! The second-factor interface: what every verification method after the password implements
//! (security keys today; SMS, OTP and challenge–response tokens, the mobile app, later).
//!
//! A method never decides the flow: it lists an account's devices, makes a challenge, checks an
//! answer, enrols and removes devices. The engine keeps the transaction (which step, bound to
//! which session), the password, the proofs, the audit log, the security e-mails, and the rules
//! on adding and removing factors — in one place, for every method.
//!
//! The trait is object-safe (`Arc<dyn SecondFactor>`), so that a method can be written outside
//! this crate and registered with [`crate::Authn::with_factor`]: the tests register one.

use crate::{Authn, AuthnError};
use limen_core::{Account, Method};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use time::OffsetDateTime;

/// A boxed future: the trait's methods return one so that it stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A challenge made (what the user sees, and the state the engine keeps for the answer), or
/// why none could be made.
pub type Issued = Result<(Challenge, String), Refused>;

/// One device (a key, a phone, a token) of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The method's own id for it (a row id).
    pub id: i64,
    /// The method's sub-kind (`security_key`, `platform`, `passkey`; `totp`...).
    pub kind: String,
    pub name: String,
    /// What else the list shows (the model of a key, a masked phone number).
    pub detail: Option<String>,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    /// Blocked (a cloned key's counter went backwards): listed, never challenged.
    pub blocked: bool,
}

/// What a challenge is for (Rauthy's "MFA purpose", generalised): a method may show it (a
/// signing method shows the transaction) or refuse a purpose it cannot serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    /// Signing in, or stepping up a session.
    #[default]
    Login,
    /// Proving a factor again before adding one.
    AddFactor,
    /// Confirming a transaction (issue 18): what the user sees and its digest.
    Sign(Box<crate::sign::SignBinding>),
}

impl Binding {
    pub fn is_sign(&self) -> bool {
        matches!(self, Binding::Sign(_))
    }
}

/// What a challenge is for, as a device may show it: the service asking and the browser the
/// login comes from (issue 14: the mobile app shows them before asking for the PIN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Context {
    /// The service's name (empty: Limen's own pages).
    #[serde(default)]
    pub service: String,
    /// The browser's address.
    #[serde(default)]
    pub ip: String,
    /// The browser's `User-Agent`.
    #[serde(default)]
    pub user_agent: String,
}

/// What the user is asked for. Plain values: the web layer chooses the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Challenge {
    /// A WebAuthn ceremony: the options for `navigator.credentials.get()` or `.create()`.
    Webauthn { options: serde_json::Value },
    /// A code to type: one shown on the page (a challenge to enter in a token, an enrolment
    /// secret), one sent somewhere (`sent_to`, masked), or one the device shows by itself.
    Code {
        shown: Option<String>,
        sent_to: Option<String>,
        /// The device the code comes from, when the page should name it (a token's serial).
        device: Option<String>,
    },
    /// The user answers on a device (the mobile app): the page shows `number` for the user to
    /// type there (number matching), or a `link` that opens the app on this same phone (and
    /// `web_link`, the same for the installable web app), and waits for the answer to
    /// challenge `id`. `notice`: why no request was sent (a message key), the page then says
    /// so.
    Approval {
        id: String,
        number: Option<String>,
        link: Option<String>,
        web_link: Option<String>,
        notice: Option<&'static str>,
    },
    /// A QR code to scan (with its text beside it): the app's offline code (then typed back),
    /// or an enrolment link (then `wait` names what the page waits for).
    Scan { link: String, wait: Option<String> },
}

/// The user's answer to a [`Challenge`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The browser's JSON answer to a WebAuthn ceremony.
    Webauthn(String),
    Code(String),
    /// The answer was given on a device (the mobile app's approval): the method looks it up.
    Device,
}

/// A verified answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub device: i64,
    /// The device verified its user (PIN, biometrics).
    pub user_verified: bool,
    /// For a signature: the device's own signature over what it was asked (a WebAuthn
    /// assertion, the mobile app's signed approval), which the receipt carries.
    pub evidence: Option<serde_json::Value>,
}

/// An answer the method refused; the user may try again while a device is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The message the page shows (a Fluent key).
    pub message_key: &'static str,
    /// What the audit log records.
    pub reason: String,
    /// Set by the engine when the same challenge may be answered again (an enrolment's SMS
    /// code with attempts left): the transaction to answer it in.
    pub again: Option<String>,
}

impl Refused {
    pub fn new(message_key: &'static str, reason: impl Into<String>) -> Self {
        Self {
            message_key,
            reason: reason.into(),
            again: None,
        }
    }
}

/// What a user asked to enrol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The device's name, checked by [`device_name`].
    pub name: String,
    /// The method's sub-kind, if it has several.
    pub kind: Option<String>,
    /// What identifies the device to the method when the user names it (a token's serial).
    #[serde(default)]
    pub reference: Option<String>,
    /// A secret the user chose for the device (the mobile app's PIN): given to the method's
    /// `enrol_start`, never stored with the transaction.
    #[serde(skip)]
    pub secret: Option<String>,
    /// The SSO session enrolling (set by the engine): a method whose enrolment ends later, on
    /// the device, checks that it still lives then.
    #[serde(skip)]
    pub session_id: Option<String>,
}

/// One second factor. The password is not one: for every `PASSWORD_*` method the engine checks
/// the password first (or takes it from the session being stepped up) and records
/// `[PASSWORD, PASSWORD_X]` or `[PASSWORD_X]`.
pub trait SecondFactor: Send + Sync + 'static {
    /// The method this implements (one implementation per method).
    fn method(&self) -> Method;

    /// Whether a wrong answer could be a guess (a typed code: SMS, OTP, challenge–response):
    /// the engine then bounds the refused answers per login and per account. A signature
    /// (WebAuthn) cannot be guessed; its refusals are not counted.
    fn answers_can_be_guessed(&self) -> bool {
        true
    }

    /// The method whose pages manage this one's devices. Methods sharing one device (the
    /// mobile app's push, QR code and On Mobile) name one of them, so that a device is listed
    /// once.
    fn devices_of(&self) -> Method {
        self.method()
    }

    /// Whether making a challenge sends something to the user (a push request, an SMS): the
    /// engine then bounds the refused answers per login, so that a login cannot be made to
    /// send without end.
    fn challenge_sends(&self) -> bool {
        false
    }

    /// Whether a blocked device of this method is known to be compromised (a cloned key whose
    /// counter went backwards): it is then removed without a step-up, since it can prove
    /// nothing. A device blocked for another reason (too many wrong PINs, which anyone may
    /// cause) needs the same proof as any other.
    fn blocked_means_compromised(&self) -> bool {
        true
    }

    /// Whether the user chooses a device first when the account has several (seed 003: push
    /// goes to one phone). A challenge any device can answer (an offline QR code) says no.
    fn offers_device_choice(&self) -> bool {
        true
    }

    /// How services are told which device proved a login (EU Login's `authenticationFactors`):
    /// Limen's id of it by default; a token's serial number.
    fn proof_id(&self, device: &Device) -> String {
        device.id.to_string()
    }

    /// For [`Authn::factor_as`]: methods with pages of their own reach their concrete type.
    fn as_any(&self) -> &dyn std::any::Any;

    /// Every device of the account, blocked ones included; empty: not enrolled.
    fn devices<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<Device>, AuthnError>>;

    /// A challenge for `devices` (the usable ones the user may answer with: all of them, or the
    /// one chosen). Returns what the user sees and the state the engine keeps for `verify` — or
    /// why none can be made now (an SMS beyond its limits).
    fn challenge<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        devices: &'a [Device],
        binding: &'a Binding,
        context: &'a Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>>;

    /// After a refused answer: the same challenge to show again with the same `state`, when it
    /// can still be answered (an SMS code keeps its remaining attempts; a new code would cost
    /// an SMS and let a guesser draw new codes). `None` (the default): the engine makes a new
    /// challenge.
    fn again<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        _state: &'a str,
    ) -> BoxFuture<'a, Result<Option<Challenge>, AuthnError>> {
        Box::pin(async { Ok(None) })
    }

    /// The user asks for the challenge to be sent again (an SMS that did not come): a new
    /// challenge for the same device as `state`, or why not now. `None` (the default): the
    /// method sends nothing that could be sent again.
    fn resend<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        _state: &'a str,
        _binding: &'a Binding,
        _context: &'a Context,
    ) -> BoxFuture<'a, Result<Option<Issued>, AuthnError>> {
        Box::pin(async { Ok(None) })
    }

    /// Checks an answer against the kept state and records the device's use.
    fn verify<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Verified, Refused>, AuthnError>>;

    /// Starts enrolling a device; returns what the user sees and the state to keep, or why the
    /// request is refused (a number that cannot receive SMS). `context`: the browser asking.
    fn enrol_start<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        context: &'a Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>>;

    /// Finishes an enrolment; the new device, or why not.
    fn enrol_finish<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Device, Refused>, AuthnError>>;

    /// Renames one of the account's devices; `false` when it has no such device.
    fn rename<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
        name: &'a str,
    ) -> BoxFuture<'a, Result<bool, AuthnError>>;

    /// Removes one of the account's devices; its name, or `None` when it has no such device.
    fn remove<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
    ) -> BoxFuture<'a, Result<Option<String>, AuthnError>>;

    /// Removes every device of the account (PANIC, the help desk, account deletion); their
    /// names.
    fn remove_all<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<String>, AuthnError>>;
}

/// A device name: 1 to 64 characters, no control characters, surrounding spaces dropped.
pub fn device_name(input: &str) -> Option<String> {
    let name = input.trim();
    let ok = !name.is_empty() && name.chars().count() <= 64 && !name.chars().any(char::is_control);
    ok.then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_checked() {
        assert_eq!(device_name("  YubiKey 5 "), Some("YubiKey 5".into()));
        assert_eq!(
            device_name("Mon iPhone bleu"),
            Some("Mon iPhone bleu".into())
        );
        assert_eq!(device_name(""), None);
        assert_eq!(device_name("   "), None);
        assert_eq!(device_name("a\u{0}b"), None);
        assert_eq!(device_name(&"x".repeat(65)), None);
        assert_eq!(device_name(&"é".repeat(64)), Some("é".repeat(64)));
    }
}
