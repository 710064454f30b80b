//! Which verification methods a login may use (ARCHITECTURE §1 "Strength and assurance").
//!
//! Three things narrow the methods offered on the login page, in this order:
//! 1. the strengths the login may end with: the service's accepted strengths, narrowed by the
//!    request (CAS `acceptStrengths` / `authenticationLevel`, OpenID Connect `acr_values`);
//! 2. the operator's rules per method: enabled or not, for which user types, retired on which date
//!    (`[methods.sms] retire_on = 2025-07-01`: from that day on the method is gone);
//! 3. what the user registered (a security key for `PASSWORD_WEBAUTHN`; the password always).
//!
//! The identity assurance level of the account is a separate axis, checked by the callers.

use crate::{AuthLevel, Method, Strength, UserType};
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

/// The operator's rule for one method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodRule {
    pub enabled: bool,
    /// User types that may use the method; empty means every type.
    pub user_types: Vec<UserType>,
    /// From this day on (UTC) the method is retired: offered nowhere, accepted by no service.
    pub retire_on: Option<Date>,
}

impl Default for MethodRule {
    fn default() -> Self {
        Self {
            enabled: true,
            user_types: Vec::new(),
            retire_on: None,
        }
    }
}

/// Why a method can or cannot be used, before looking at what the user registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodStatus {
    Usable,
    /// No implementation of it is registered in this process's authentication engine (the
    /// registry of `limen-authn` decides; SMS, tokens, the mobile app... come with their own
    /// issues): never offered, never accepted.
    NotWired,
    Disabled,
    NotForUserType,
    Retired(Date),
}

/// The rules of every method; methods without a rule are enabled for everyone.
///
/// Which methods exist in this process is not the policy's to say: the authentication engine
/// (`limen-authn`) tells it with [`MethodPolicy::with_implemented`] — a method is implemented when
/// it is wired in the engine's registry. The password always is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodPolicy {
    rules: BTreeMap<Method, MethodRule>,
    implemented: BTreeSet<Method>,
}

impl Default for MethodPolicy {
    fn default() -> Self {
        // ARCHITECTURE §1: hardware tokens are handed out by the organisation to its staff;
        // self-registered (external) users do not have them unless the operator says so.
        let staff = MethodRule {
            user_types: vec![UserType::Internal],
            ..MethodRule::default()
        };
        // Issue 17: SMS is a legacy method (EU Login retired it on 2025-07-01: phishing, SIM
        // swapping, SMS pumping), off until the operator turns it on.
        let off = MethodRule {
            enabled: false,
            ..MethodRule::default()
        };
        Self {
            rules: BTreeMap::from([
                (Method::Token, staff.clone()),
                (Method::TokenCram, staff),
                (Method::Sms, off),
            ]),
            implemented: BTreeSet::from([Method::Password]),
        }
    }
}

impl MethodPolicy {
    /// The policy for a process whose engine verifies `methods` (and the password).
    pub fn with_implemented(mut self, methods: impl IntoIterator<Item = Method>) -> Self {
        self.implemented = methods.into_iter().collect();
        self.implemented.insert(Method::Password);
        self
    }

    /// Whether this process can verify the method.
    pub fn implemented(&self, method: Method) -> bool {
        self.implemented.contains(&method)
    }

    pub fn set(&mut self, method: Method, rule: MethodRule) {
        self.rules.insert(method, rule);
    }

    pub fn rule(&self, method: Method) -> MethodRule {
        self.rules.get(&method).cloned().unwrap_or_default()
    }

    /// Whether the method is live today, for everyone (enabled, implemented, not retired).
    pub fn is_live(&self, method: Method, today: Date) -> bool {
        let rule = self.rule(method);
        self.implemented(method) && rule.enabled && rule.retire_on.is_none_or(|d| today < d)
    }

    pub fn status(&self, method: Method, user_type: UserType, today: Date) -> MethodStatus {
        let rule = self.rule(method);
        if let Some(day) = rule.retire_on.filter(|d| today >= *d) {
            return MethodStatus::Retired(day);
        }
        if !self.implemented(method) {
            MethodStatus::NotWired
        } else if !rule.enabled {
            MethodStatus::Disabled
        } else if !rule.user_types.is_empty() && !rule.user_types.contains(&user_type) {
            MethodStatus::NotForUserType
        } else {
            MethodStatus::Usable
        }
    }

    /// The login page's offer for one user: `allowed` are the strengths the login may end with,
    /// `registered` the methods the user has set up.
    pub fn offer(
        &self,
        allowed: &[Strength],
        user_type: UserType,
        registered: &[Method],
        today: Date,
    ) -> Offer {
        let mut offer = Offer::default();
        for method in Method::ALL {
            let status = self.status(method, user_type, today);
            let has = registered.contains(&method);
            if let MethodStatus::Retired(day) = status {
                if has && method != Method::Password {
                    offer.retired.push((method, day));
                }
                continue;
            }
            if status != MethodStatus::Usable || !allowed.contains(&method.strength()) {
                continue;
            }
            if has {
                offer.usable.push(method);
            } else {
                offer.to_register.push(method);
            }
        }
        offer
    }
}

/// What the login page may show one user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offer {
    /// Methods to choose from, in the stable order of [`Method::ALL`].
    pub usable: Vec<Method>,
    /// Methods that would do, had the user registered them: what the page tells them to set up.
    pub to_register: Vec<Method>,
    /// Methods the user registered that are retired: the user is told to register another.
    pub retired: Vec<(Method, Date)>,
}

/// A login request asking for strengths the service does not allow (CAS `INVALID_STRENGTH`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StrengthRequestError {
    #[error("unknown authentication strength or level {0:?}")]
    Unknown(String),
    #[error("the service does not allow the requested strengths {0:?}")]
    NotAllowed(Vec<Strength>),
}

/// The strengths a login may end with: those the service accepts (`service_accepts`, empty =
/// all), narrowed by the request's `acceptStrengths` list and `authenticationLevel` (both EU
/// Login parameters; both may be given, and then both apply).
///
/// A requested strength the service does not accept, or a level none of whose strengths it
/// accepts, is an error (`INVALID_STRENGTH`), never silently widened.
pub fn requested_strengths(
    service_accepts: &[Strength],
    accept_strengths: Option<&str>,
    authentication_level: Option<&str>,
) -> Result<Vec<Strength>, StrengthRequestError> {
    let service: Vec<Strength> = if service_accepts.is_empty() {
        Strength::ALL.to_vec()
    } else {
        service_accepts.to_vec()
    };
    let mut allowed = service.clone();
    if let Some(list) = accept_strengths.map(str::trim).filter(|l| !l.is_empty()) {
        let asked =
            Strength::parse_list(list).map_err(|e| StrengthRequestError::Unknown(e.0.clone()))?;
        let refused: Vec<Strength> = asked
            .iter()
            .copied()
            .filter(|s| !service.contains(s))
            .collect();
        if !refused.is_empty() {
            return Err(StrengthRequestError::NotAllowed(refused));
        }
        allowed.retain(|s| asked.contains(s));
    }
    if let Some(level) = authentication_level
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let level: AuthLevel = level
            .parse()
            .map_err(|_| StrengthRequestError::Unknown(level.to_owned()))?;
        let before = allowed.clone();
        allowed.retain(|s| s.level() >= level);
        if allowed.is_empty() {
            return Err(StrengthRequestError::NotAllowed(
                level
                    .strengths()
                    .into_iter()
                    .filter(|s| !before.contains(s))
                    .collect(),
            ));
        }
    }
    Ok(allowed)
}

/// Adding a factor to an account that already has one needs a proof at least as strong as the
/// strongest factor it has (seed 003: "you may need to authenticate with a stronger method");
/// an account with the password alone can add its first factor after a password login.
pub fn level_to_add_factor(registered: &[Method]) -> AuthLevel {
    registered
        .iter()
        .filter(|m| **m != Method::Password)
        .map(|m| m.strength().level())
        .max()
        .unwrap_or(AuthLevel::Basic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 23);

    /// The policy of a process that verifies the password and WebAuthn.
    fn wired() -> MethodPolicy {
        MethodPolicy::default().with_implemented([Method::Webauthn])
    }

    #[test]
    fn every_single_strength_request_against_every_level_service() {
        // A service declared by level accepts that level and above; a request for one strength
        // is allowed exactly when the service accepts it.
        for service_level in [AuthLevel::Basic, AuthLevel::Medium, AuthLevel::High] {
            let service = service_level.strengths();
            for s in Strength::ALL {
                let got = requested_strengths(&service, Some(s.as_str()), None);
                if s.level() >= service_level {
                    assert_eq!(got, Ok(vec![s]), "{s} at {service_level:?}");
                } else {
                    assert_eq!(
                        got,
                        Err(StrengthRequestError::NotAllowed(vec![s])),
                        "{s} at {service_level:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_level_request_against_every_level_service() {
        let levels = [AuthLevel::Basic, AuthLevel::Medium, AuthLevel::High];
        for service_level in levels {
            for asked in levels {
                let got =
                    requested_strengths(&service_level.strengths(), None, Some(asked.as_str()))
                        .unwrap();
                let expected: Vec<Strength> = Strength::ALL
                    .into_iter()
                    .filter(|s| s.level() >= service_level.max(asked))
                    .collect();
                assert_eq!(got, expected, "{asked:?} at {service_level:?}");
            }
        }
    }

    #[test]
    fn requests_narrow_and_never_widen() {
        // No service restriction, no request: everything.
        assert_eq!(
            requested_strengths(&[], None, None).unwrap(),
            Strength::ALL.to_vec()
        );
        // The EU Login client example: both strengths allowed by an open service.
        assert_eq!(
            requested_strengths(&[], Some("PASSWORD_MOBILE_APP,PASSWORD_WEBAUTHN"), None).unwrap(),
            vec![Strength::PasswordMobileApp, Strength::PasswordWebauthn]
        );
        // Deprecated aliases name the same strengths.
        assert_eq!(
            requested_strengths(&[Strength::Password], Some("STRONG"), None).unwrap(),
            vec![Strength::Password]
        );
        // One refused strength in the list refuses the request.
        assert_eq!(
            requested_strengths(
                &[Strength::PasswordWebauthn],
                Some("PASSWORD_MOBILE_APP,PASSWORD_WEBAUTHN"),
                None
            ),
            Err(StrengthRequestError::NotAllowed(vec![
                Strength::PasswordMobileApp
            ]))
        );
        // A level beyond what the service accepts.
        assert_eq!(
            requested_strengths(&[Strength::Password], None, Some("MEDIUM")),
            Err(StrengthRequestError::NotAllowed(
                AuthLevel::Medium.strengths()
            ))
        );
        // List and level together: both apply.
        assert_eq!(
            requested_strengths(&[], Some("PASSWORD,PASSWORD_WEBAUTHN"), Some("medium")).unwrap(),
            vec![Strength::PasswordWebauthn]
        );
        assert!(matches!(
            requested_strengths(&[], Some("PASSWORD,BOGUS"), None),
            Err(StrengthRequestError::Unknown(_))
        ));
        assert!(matches!(
            requested_strengths(&[], None, Some("EXTREME")),
            Err(StrengthRequestError::Unknown(_))
        ));
        // Empty parameters are absent parameters.
        assert_eq!(
            requested_strengths(&[Strength::Password], Some(" "), Some("")).unwrap(),
            vec![Strength::Password]
        );
    }

    #[test]
    fn offer_lists_usable_methods_in_a_stable_order() {
        let policy = wired();
        let all = Strength::ALL.to_vec();
        let offer = policy.offer(
            &all,
            UserType::External,
            &[Method::Webauthn, Method::Password],
            TODAY,
        );
        assert_eq!(offer.usable, vec![Method::Password, Method::Webauthn]);
        assert!(offer.to_register.is_empty());
        assert!(offer.retired.is_empty());
        // Only what the request allows.
        let offer = policy.offer(
            &[Strength::PasswordMobileApp, Strength::PasswordWebauthn],
            UserType::External,
            &[Method::Password],
            TODAY,
        );
        assert!(offer.usable.is_empty());
        assert_eq!(offer.to_register, vec![Method::Webauthn]);
    }

    #[test]
    fn disabled_methods_and_user_types() {
        let mut policy = wired();
        policy.set(
            Method::Webauthn,
            MethodRule {
                user_types: vec![UserType::Internal],
                ..MethodRule::default()
            },
        );
        let all = Strength::ALL.to_vec();
        let registered = [Method::Password, Method::Webauthn];
        let external = policy.offer(&all, UserType::External, &registered, TODAY);
        assert_eq!(external.usable, vec![Method::Password]);
        let internal = policy.offer(&all, UserType::Internal, &registered, TODAY);
        assert_eq!(internal.usable, vec![Method::Password, Method::Webauthn]);
        assert_eq!(
            policy.status(Method::Webauthn, UserType::External, TODAY),
            MethodStatus::NotForUserType
        );

        policy.set(
            Method::Webauthn,
            MethodRule {
                enabled: false,
                ..MethodRule::default()
            },
        );
        let internal = policy.offer(&all, UserType::Internal, &registered, TODAY);
        assert_eq!(internal.usable, vec![Method::Password]);
        assert!(internal.to_register.is_empty());
        assert!(!policy.is_live(Method::Webauthn, TODAY));
        // Methods this version cannot verify are never offered, even when configured.
        assert_eq!(
            policy.status(Method::Sms, UserType::External, TODAY),
            MethodStatus::NotWired
        );
    }

    #[test]
    fn retirement_takes_effect_on_its_day() {
        let mut policy = wired();
        let day = date!(2025 - 07 - 01);
        policy.set(
            Method::Webauthn,
            MethodRule {
                retire_on: Some(day),
                ..MethodRule::default()
            },
        );
        let all = Strength::ALL.to_vec();
        let registered = [Method::Password, Method::Webauthn];
        let before = policy.offer(&all, UserType::External, &registered, date!(2025 - 06 - 30));
        assert_eq!(before.usable, vec![Method::Password, Method::Webauthn]);
        assert!(before.retired.is_empty());
        for today in [day, date!(2026 - 01 - 01)] {
            let after = policy.offer(&all, UserType::External, &registered, today);
            assert_eq!(after.usable, vec![Method::Password]);
            assert_eq!(after.retired, vec![(Method::Webauthn, day)]);
            assert!(!policy.is_live(Method::Webauthn, today));
        }
        // Someone who never registered it is not told about it.
        let other = policy.offer(&all, UserType::External, &[Method::Password], day);
        assert!(other.retired.is_empty() && other.to_register.is_empty());
        // A retired method that is not implemented either (the EU Login SMS case) is reported
        // as retired.
        policy.set(
            Method::Sms,
            MethodRule {
                retire_on: Some(day),
                ..MethodRule::default()
            },
        );
        assert_eq!(
            policy.status(Method::Sms, UserType::External, day),
            MethodStatus::Retired(day)
        );
    }

    #[test]
    fn adding_a_factor_needs_the_strongest_existing_level() {
        assert_eq!(level_to_add_factor(&[]), AuthLevel::Basic);
        assert_eq!(level_to_add_factor(&[Method::Password]), AuthLevel::Basic);
        assert_eq!(
            level_to_add_factor(&[Method::Password, Method::Webauthn]),
            AuthLevel::Medium
        );
        assert_eq!(
            level_to_add_factor(&[Method::Webauthn, Method::Token]),
            AuthLevel::High
        );
    }
}
