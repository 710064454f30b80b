//! The authentication events of the audit log, typed. Each has a stable name (what the
//! `audit_log.event` column holds and what operators search for) and a JSON detail.

use limen_core::Method;
use limen_store::AuditEntry;
use serde_json::{Value, json};
use std::future::Future;

/// Who acts in the current task, for every audit entry written inside it: the web layer sets
/// the browser's user agent for each request; the console and the admin API set the actor
/// (`admin:<uid>`, `client:<client_id>`) and the reason the operator gave; the command line sets
/// `cli`.
#[derive(Debug, Clone, Default)]
pub struct AuditScope {
    pub actor: Option<String>,
    pub user_agent: Option<String>,
    /// Why: asked of the help desk for each action, kept in the entry's detail as
    /// `justification`.
    pub reason: Option<String>,
}

tokio::task_local! {
    static SCOPE: AuditScope;
}

/// Runs `f` with `scope` as the task's audit scope.
pub async fn with_audit_scope<F: Future>(scope: AuditScope, f: F) -> F::Output {
    SCOPE.scope(scope, f).await
}

/// The task's audit scope, if one is set.
pub fn audit_scope() -> Option<AuditScope> {
    SCOPE.try_with(Clone::clone).ok()
}

/// Fills what the entry leaves open from the scope, and the service from its detail.
pub(crate) fn complete(entry: &mut AuditEntry) {
    if let Some(scope) = audit_scope() {
        if entry.actor.is_none() {
            entry.actor = scope.actor;
        }
        if entry.user_agent.is_none() {
            entry.user_agent = scope.user_agent.map(|ua| ua.chars().take(512).collect());
        }
        if let (Some(reason), Some(obj)) = (scope.reason, entry.detail.as_object_mut()) {
            obj.insert("justification".into(), Value::String(reason));
        }
    }
    if entry.service.is_none() {
        entry.service = ["service", "client"].iter().find_map(|k| {
            entry
                .detail
                .get(*k)
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
    }
}

/// Who made a change to an account's factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The account holder, from My account.
    User,
    /// The help desk, with the `limen` command line.
    Cli,
    /// Someone with an admin role, in the console or with the admin API (the audit entry's
    /// `actor` says who, from the [`AuditScope`]).
    Admin,
}

impl Actor {
    fn as_str(self) -> &'static str {
        match self {
            Actor::User => "user",
            Actor::Cli => "cli",
            Actor::Admin => "admin",
        }
    }
}

#[derive(Debug, Clone)]
pub enum AuthEvent {
    LoginSuccess {
        method: Method,
    },
    /// A second factor proven in the browser's session of the same account: the proof joins
    /// that session (a step-up) instead of starting one. Logged as a `login.success` with
    /// `"step_up": true`, so that counts of logins by method include it.
    StepUp {
        method: Method,
    },
    /// Passwordless: a passkey named the account.
    PasskeyLoginSuccess,
    LoginFailure {
        method: Method,
        reason: Option<String>,
    },
    PasskeyLoginFailure {
        reason: String,
    },
    LoginRefusedLocked,
    LoginRefusedPasswordExpired,
    Logout {
        services: usize,
    },
    SessionEndedByUser {
        session: String,
    },
    FactorAdded {
        method: Method,
        kind: String,
        name: String,
    },
    FactorAddFailed {
        method: Method,
        reason: String,
    },
    FactorRenamed {
        method: Method,
        old: String,
        name: String,
    },
    FactorRemoved {
        method: Method,
        name: String,
    },
    /// A device unlinked itself (the mobile app's "Unlink" or "Forgot PIN"): locked by its
    /// own request (docs/MOBILE-PROTOCOL.md §3.7).
    DeviceUnlinked {
        name: String,
    },
    /// Every factor removed at once: PANIC, or the help desk.
    FactorsRemovedAll {
        by: Actor,
        removed: Vec<String>,
        sessions: usize,
    },
    PanicRefused {
        reason: &'static str,
    },
    /// PANIC asked for with the right password: the confirmation link was sent.
    PanicRequested,
    /// A security key's signature counter went backwards: the key is blocked.
    CounterRegression {
        name: String,
    },
    MfaAlways {
        on: bool,
    },
    /// A request was denied on a mobile device (push fatigue is counted from these), with
    /// the reason the user gave, if any (`not_me`).
    DeviceDenied {
        name: String,
        reason: Option<String>,
    },
    /// A wrong PIN from a mobile device (`failures` in a row).
    DevicePinFailure {
        name: String,
        failures: i64,
    },
    /// A mobile device locked after too many wrong PINs.
    DeviceLocked {
        name: String,
    },
    /// A hardware token locked after too many wrong codes.
    TokenLocked {
        serial: String,
    },
}

impl AuthEvent {
    /// The event's name in the audit log. Names existing before the engine are kept as they
    /// were, so that searches written against them still work.
    pub fn name(&self) -> &'static str {
        match self {
            AuthEvent::LoginSuccess { .. }
            | AuthEvent::StepUp { .. }
            | AuthEvent::PasskeyLoginSuccess => "login.success",
            AuthEvent::LoginFailure { .. } | AuthEvent::PasskeyLoginFailure { .. } => {
                "login.failure"
            }
            AuthEvent::LoginRefusedLocked => "login.refused.locked",
            AuthEvent::LoginRefusedPasswordExpired => "login.refused.password_expired",
            AuthEvent::Logout { .. } => "logout",
            AuthEvent::SessionEndedByUser { .. } => "session.ended_by_user",
            AuthEvent::FactorAdded { method, .. } => match method {
                Method::Webauthn => "webauthn.register",
                _ => "factor.add",
            },
            AuthEvent::FactorAddFailed { method, .. } => match method {
                Method::Webauthn => "webauthn.register.failure",
                _ => "factor.add.failure",
            },
            AuthEvent::FactorRenamed { method, .. } => match method {
                Method::Webauthn => "webauthn.rename",
                _ => "factor.rename",
            },
            AuthEvent::FactorRemoved { method, .. } => match method {
                Method::Webauthn => "webauthn.delete",
                _ => "factor.remove",
            },
            // One name for every removal of a factor; `by` tells who asked.
            AuthEvent::DeviceUnlinked { .. } => "mobile.unlinked",
            AuthEvent::FactorsRemovedAll {
                by: Actor::User, ..
            } => "panic",
            AuthEvent::FactorsRemovedAll {
                by: Actor::Cli | Actor::Admin,
                ..
            } => "factors.remove_all",
            AuthEvent::PanicRefused { .. } => "panic.refused",
            AuthEvent::PanicRequested => "panic.requested",
            AuthEvent::CounterRegression { .. } => "webauthn.counter_regression",
            AuthEvent::MfaAlways { .. } => "mfa_always",
            AuthEvent::DeviceDenied { .. } => "mobile.denied",
            AuthEvent::DevicePinFailure { .. } => "mobile.pin_failure",
            AuthEvent::DeviceLocked { .. } => "mobile.locked",
            AuthEvent::TokenLocked { .. } => "token.locked",
        }
    }

    pub fn detail(&self) -> Value {
        match self {
            AuthEvent::LoginSuccess { method } => json!({"method": method.as_str()}),
            AuthEvent::StepUp { method } => json!({"method": method.as_str(), "step_up": true}),
            AuthEvent::PasskeyLoginSuccess => json!({"method": "PASSKEY"}),
            AuthEvent::LoginFailure { method, reason } => match reason {
                Some(r) => json!({"method": method.as_str(), "reason": r}),
                None => json!({"method": method.as_str()}),
            },
            AuthEvent::PasskeyLoginFailure { reason } => {
                json!({"method": "PASSKEY", "reason": reason})
            }
            AuthEvent::LoginRefusedLocked | AuthEvent::LoginRefusedPasswordExpired => json!({}),
            AuthEvent::Logout { services } => json!({"services": services}),
            AuthEvent::SessionEndedByUser { session } => json!({"session": session}),
            AuthEvent::FactorAdded { method, kind, name } => {
                json!({"method": method.as_str(), "kind": kind, "name": name})
            }
            AuthEvent::FactorAddFailed { method, reason } => {
                json!({"method": method.as_str(), "reason": reason})
            }
            AuthEvent::FactorRenamed { method, old, name } => {
                json!({"method": method.as_str(), "old": old, "name": name})
            }
            AuthEvent::FactorRemoved { method, name } => {
                json!({"method": method.as_str(), "name": name})
            }
            AuthEvent::DeviceUnlinked { name } => json!({"device": name}),
            AuthEvent::FactorsRemovedAll {
                by,
                removed,
                sessions,
            } => json!({"by": by.as_str(), "removed": removed, "sessions": sessions}),
            AuthEvent::PanicRefused { reason } => json!({"reason": reason}),
            AuthEvent::PanicRequested => json!({}),
            AuthEvent::CounterRegression { name } => json!({"key": name}),
            AuthEvent::MfaAlways { on } => json!({"on": on}),
            AuthEvent::DeviceDenied { name, reason } => match reason {
                Some(r) => json!({"device": name, "reason": r}),
                None => json!({"device": name}),
            },
            AuthEvent::DeviceLocked { name } => json!({"device": name}),
            AuthEvent::TokenLocked { serial } => json!({"serial": serial}),
            AuthEvent::DevicePinFailure { name, failures } => {
                json!({"device": name, "failures": failures})
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_kept_from_before_the_engine() {
        let pwd = AuthEvent::LoginFailure {
            method: Method::Password,
            reason: None,
        };
        assert_eq!(pwd.name(), "login.failure");
        assert_eq!(pwd.detail(), json!({"method": "PASSWORD"}));
        let key = AuthEvent::FactorRemoved {
            method: Method::Webauthn,
            name: "k".into(),
        };
        assert_eq!(key.name(), "webauthn.delete");
        let panic = AuthEvent::FactorsRemovedAll {
            by: Actor::User,
            removed: vec!["k".into()],
            sessions: 2,
        };
        assert_eq!(panic.name(), "panic");
        assert_eq!(panic.detail()["sessions"], 2);
    }

    #[test]
    fn a_step_up_is_a_login_that_says_so() {
        let step_up = AuthEvent::StepUp {
            method: Method::Token,
        };
        assert_eq!(step_up.name(), "login.success");
        assert_eq!(
            step_up.detail(),
            json!({"method": "PASSWORD_TOKEN", "step_up": true})
        );
    }

    #[test]
    fn a_device_that_unlinks_itself_is_locked_not_removed() {
        let unlinked = AuthEvent::DeviceUnlinked {
            name: "Pixel 8".into(),
        };
        assert_eq!(unlinked.name(), "mobile.unlinked");
        assert_eq!(unlinked.detail(), json!({"device": "Pixel 8"}));
    }

    #[test]
    fn a_denial_says_its_reason_when_it_has_one() {
        let plain = AuthEvent::DeviceDenied {
            name: "Pixel 8".into(),
            reason: None,
        };
        assert_eq!(plain.name(), "mobile.denied");
        assert_eq!(plain.detail(), json!({"device": "Pixel 8"}));
        let not_me = AuthEvent::DeviceDenied {
            name: "Pixel 8".into(),
            reason: Some("not_me".into()),
        };
        assert_eq!(not_me.name(), "mobile.denied");
        assert_eq!(
            not_me.detail(),
            json!({"device": "Pixel 8", "reason": "not_me"})
        );
    }
}
