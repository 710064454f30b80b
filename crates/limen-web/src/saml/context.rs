//! `RequestedAuthnContext` → the strengths a login may end with (docs/SAML.md §4.3), and the
//! `AuthnContextClassRef` written in the assertion (§6.4). Pure functions.

use limen_core::oidc::{EIDAS_HIGH, EIDAS_LOW, EIDAS_SUBSTANTIAL};
use limen_core::{AssuranceLevel, AuthLevel, Strength};
use limen_saml::idp::AuthnContextStyle;
use limen_saml::idp::inbound::{Comparison, RequestedAuthnContext};

pub const PASSWORD_PROTECTED_TRANSPORT: &str =
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
pub const PASSWORD: &str = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password";
pub const UNSPECIFIED: &str = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";
pub const REFEDS_MFA: &str = "https://refeds.org/profile/mfa";

/// What a request asks, once mapped and intersected with the SP's registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub strengths: Vec<Strength>,
    pub assurance: AssuranceLevel,
    pub eidas_high: bool,
    /// The class references understood, in the request's order.
    pub requested: Vec<String>,
}

/// One understood class reference: the strengths it names, the level it stands for, and the
/// identity assurance it needs.
struct Named {
    strengths: Vec<Strength>,
    level: AuthLevel,
    assurance: AssuranceLevel,
}

fn named(class_ref: &str) -> Option<Named> {
    let level = |l: AuthLevel, assurance| Named {
        strengths: l.strengths(),
        level: l,
        assurance,
    };
    Some(match class_ref {
        "BASIC" => level(AuthLevel::Basic, AssuranceLevel::Low),
        "MEDIUM" => level(AuthLevel::Medium, AssuranceLevel::Low),
        "HIGH" => level(AuthLevel::High, AssuranceLevel::Low),
        // eIDAS levels of assurance: the authentication level and the identity behind it.
        EIDAS_LOW => level(AuthLevel::Basic, AssuranceLevel::Low),
        EIDAS_SUBSTANTIAL => level(AuthLevel::Medium, AssuranceLevel::Medium),
        EIDAS_HIGH => level(AuthLevel::High, AssuranceLevel::High),
        PASSWORD_PROTECTED_TRANSPORT | PASSWORD => Named {
            strengths: vec![Strength::Password],
            level: AuthLevel::Basic,
            assurance: AssuranceLevel::Low,
        },
        // REFEDS MFA profile: two factors; every strength of level MEDIUM or above is one.
        REFEDS_MFA => level(AuthLevel::Medium, AssuranceLevel::Low),
        UNSPECIFIED => level(AuthLevel::Basic, AssuranceLevel::Low),
        other => {
            let s = other.parse::<Strength>().ok()?;
            // Only the canonical names (and EU Login's deprecated inputs): case as written.
            if other.trim() != other || other.to_ascii_uppercase() != other {
                return None;
            }
            Named {
                strengths: vec![s],
                level: s.level(),
                assurance: AssuranceLevel::Low,
            }
        }
    })
}

/// Maps a request onto the SP's registered strengths and assurance. `None`: nothing the SP may
/// accept meets it (`NoAuthnContext`, Core §3.2.2.2).
pub fn wanted(
    service_accepts: &[Strength],
    service_assurance: AssuranceLevel,
    service_takes_eidas: bool,
    rac: Option<&RequestedAuthnContext>,
) -> Option<Wanted> {
    let registered: Vec<Strength> = if service_accepts.is_empty() {
        Strength::ALL.to_vec()
    } else {
        service_accepts.to_vec()
    };
    let Some(rac) = rac else {
        return Some(Wanted {
            strengths: registered,
            assurance: service_assurance,
            eidas_high: false,
            requested: Vec::new(),
        });
    };
    let mut understood = Vec::new();
    let mut requested = Vec::new();
    for c in &rac.class_refs {
        if let Some(n) = named(c) {
            understood.push(n);
            requested.push(c.clone());
        }
    }
    if understood.is_empty() {
        return None;
    }
    let lowest = understood.iter().map(|n| n.level).min()?;
    let highest = understood.iter().map(|n| n.level).max()?;
    let mut set: Vec<Strength> = match rac.comparison {
        Comparison::Exact => understood
            .iter()
            .flat_map(|n| n.strengths.clone())
            .collect(),
        Comparison::Minimum => {
            let mut v: Vec<Strength> = Strength::ALL
                .into_iter()
                .filter(|s| s.level() >= lowest)
                .collect();
            v.extend(understood.iter().flat_map(|n| n.strengths.clone()));
            v
        }
        Comparison::Better => Strength::ALL
            .into_iter()
            .filter(|s| s.level() > highest)
            .collect(),
        Comparison::Maximum => Strength::ALL
            .into_iter()
            .filter(|s| s.level() <= highest)
            .collect(),
    };
    let mut seen = Vec::new();
    set.retain(|s| {
        let keep = registered.contains(s) && !seen.contains(s);
        seen.push(*s);
        keep
    });
    if set.is_empty() {
        return None;
    }
    let assurance = understood
        .iter()
        .map(|n| n.assurance)
        .fold(service_assurance, AssuranceLevel::max);
    // An eID at LoA high satisfies a request for level HIGH where the SP takes eIDs
    // (docs/FEDERATION.md §3.1), as for CAS and OIDC. `EIDAS` itself is a MEDIUM strength, never
    // among the HIGH ones the request names: the SP's registration decides, not `set`.
    let eidas_high = service_takes_eidas
        && registered.contains(&Strength::Eidas)
        && rac
            .class_refs
            .iter()
            .any(|c| c == "HIGH" || c == EIDAS_HIGH);
    Some(Wanted {
        strengths: set,
        assurance,
        eidas_high,
        requested,
    })
}

/// The `AuthnContextClassRef` of an assertion (§6.4) for a proof of `strength` at `level` by an
/// account of identity `assurance`. An eIDAS level of assurance speaks of the identity as much as
/// of the authentication (§4.3 asks MEDIUM assurance for `substantial`, HIGH for `high`): the
/// level answered is the lower of the two, and a requested value is answered only if the
/// account's assurance meets it too.
pub fn class_ref(
    style: AuthnContextStyle,
    requested: &[String],
    strength: Strength,
    level: AuthLevel,
    assurance: AssuranceLevel,
) -> String {
    match style {
        AuthnContextStyle::Eidas => {
            let by_identity = match assurance {
                AssuranceLevel::Low => AuthLevel::Basic,
                AssuranceLevel::Medium => AuthLevel::Medium,
                AssuranceLevel::High | AssuranceLevel::Top => AuthLevel::High,
            };
            match level.min(by_identity) {
                AuthLevel::Basic => EIDAS_LOW,
                AuthLevel::Medium => EIDAS_SUBSTANTIAL,
                AuthLevel::High => EIDAS_HIGH,
            }
            .to_owned()
        }
        AuthnContextStyle::Strength => requested
            .iter()
            .find(|c| {
                named(c).is_some_and(|n| {
                    assurance >= n.assurance
                        && (n.strengths.contains(&strength)
                            || (n.strengths.len() > 1 && level >= n.level))
                })
            })
            .cloned()
            .unwrap_or_else(|| strength.as_str().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rac(comparison: Comparison, refs: &[&str]) -> RequestedAuthnContext {
        RequestedAuthnContext {
            comparison,
            class_refs: refs.iter().map(|s| (*s).to_owned()).collect(),
            decl_refs: false,
        }
    }

    const ALL: &[Strength] = &[];

    #[test]
    fn no_request_is_the_registration() {
        let w = wanted(
            &[Strength::Password, Strength::PasswordSms],
            AssuranceLevel::Medium,
            false,
            None,
        )
        .unwrap();
        assert_eq!(w.strengths, vec![Strength::Password, Strength::PasswordSms]);
        assert_eq!(w.assurance, AssuranceLevel::Medium);
    }

    #[test]
    fn exact_names_strengths_and_levels() {
        let w = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(
                Comparison::Exact,
                &["PASSWORD_SMS", "PASSWORD_WEBAUTHN"],
            )),
        )
        .unwrap();
        assert_eq!(
            w.strengths,
            vec![Strength::PasswordSms, Strength::PasswordWebauthn]
        );
        let w = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(Comparison::Exact, &["HIGH"])),
        )
        .unwrap();
        assert!(w.strengths.iter().all(|s| s.level() == AuthLevel::High));
        let w = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(Comparison::Exact, &[PASSWORD_PROTECTED_TRANSPORT])),
        )
        .unwrap();
        assert_eq!(w.strengths, vec![Strength::Password]);
    }

    #[test]
    fn comparisons_follow_core_3_3_2_2_1() {
        let min = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(Comparison::Minimum, &["PASSWORD_SMS"])),
        )
        .unwrap();
        assert!(min.strengths.iter().all(|s| s.level() >= AuthLevel::Medium));
        assert!(min.strengths.contains(&Strength::PasswordToken));
        assert!(!min.strengths.contains(&Strength::Password));
        let better = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(Comparison::Better, &["PASSWORD_SMS"])),
        )
        .unwrap();
        assert!(
            better
                .strengths
                .iter()
                .all(|s| s.level() == AuthLevel::High)
        );
        let max = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(Comparison::Maximum, &["PASSWORD"])),
        )
        .unwrap();
        assert!(max.strengths.iter().all(|s| s.level() == AuthLevel::Basic));
        // Nothing is better than HIGH.
        assert!(
            wanted(
                ALL,
                AssuranceLevel::Low,
                false,
                Some(&rac(Comparison::Better, &["HIGH"]))
            )
            .is_none()
        );
    }

    #[test]
    fn a_request_never_widens_the_registration() {
        let only_password = [Strength::Password];
        assert!(
            wanted(
                &only_password,
                AssuranceLevel::Low,
                false,
                Some(&rac(Comparison::Exact, &["PASSWORD_SMS"]))
            )
            .is_none()
        );
        let w = wanted(
            &only_password,
            AssuranceLevel::Low,
            false,
            Some(&rac(Comparison::Minimum, &["PASSWORD"])),
        )
        .unwrap();
        assert_eq!(w.strengths, vec![Strength::Password]);
    }

    #[test]
    fn unknown_references_are_ignored_and_none_left_is_refused() {
        assert!(
            wanted(
                ALL,
                AssuranceLevel::Low,
                false,
                Some(&rac(Comparison::Exact, &["urn:example:unknown"]))
            )
            .is_none()
        );
        let w = wanted(
            ALL,
            AssuranceLevel::Low,
            false,
            Some(&rac(
                Comparison::Exact,
                &["urn:example:unknown", "PASSWORD"],
            )),
        )
        .unwrap();
        assert_eq!(w.strengths, vec![Strength::Password]);
        assert_eq!(w.requested, vec!["PASSWORD".to_owned()]);
        // Names are case-sensitive, as OIDC acr values.
        assert!(
            wanted(
                ALL,
                AssuranceLevel::Low,
                false,
                Some(&rac(Comparison::Exact, &["password"]))
            )
            .is_none()
        );
    }

    #[test]
    fn eidas_uris_raise_the_assurance() {
        let w = wanted(
            ALL,
            AssuranceLevel::Low,
            true,
            Some(&rac(Comparison::Minimum, &[EIDAS_HIGH])),
        )
        .unwrap();
        assert_eq!(w.assurance, AssuranceLevel::High);
        let w = wanted(
            ALL,
            AssuranceLevel::Low,
            true,
            Some(&rac(Comparison::Minimum, &[EIDAS_SUBSTANTIAL])),
        )
        .unwrap();
        assert_eq!(w.assurance, AssuranceLevel::Medium);
        // The SP's own minimum is never lowered.
        let w = wanted(
            ALL,
            AssuranceLevel::Top,
            true,
            Some(&rac(Comparison::Minimum, &[EIDAS_LOW])),
        )
        .unwrap();
        assert_eq!(w.assurance, AssuranceLevel::Top);
    }

    #[test]
    fn the_class_ref_answers_what_was_asked() {
        let asked = vec!["MEDIUM".to_owned()];
        assert_eq!(
            class_ref(
                AuthnContextStyle::Strength,
                &asked,
                Strength::PasswordSms,
                AuthLevel::Medium,
                AssuranceLevel::Low
            ),
            "MEDIUM"
        );
        assert_eq!(
            class_ref(
                AuthnContextStyle::Strength,
                &[],
                Strength::PasswordSms,
                AuthLevel::Medium,
                AssuranceLevel::Low
            ),
            "PASSWORD_SMS"
        );
        assert_eq!(
            class_ref(
                AuthnContextStyle::Eidas,
                &[],
                Strength::PasswordToken,
                AuthLevel::High,
                AssuranceLevel::High
            ),
            EIDAS_HIGH
        );
    }

    #[test]
    fn an_eidas_level_is_never_above_the_identity_assurance() {
        let eidas = |level, assurance| {
            class_ref(
                AuthnContextStyle::Eidas,
                &[],
                Strength::PasswordToken,
                level,
                assurance,
            )
        };
        assert_eq!(eidas(AuthLevel::High, AssuranceLevel::Low), EIDAS_LOW);
        assert_eq!(
            eidas(AuthLevel::High, AssuranceLevel::Medium),
            EIDAS_SUBSTANTIAL
        );
        assert_eq!(eidas(AuthLevel::High, AssuranceLevel::Top), EIDAS_HIGH);
        assert_eq!(eidas(AuthLevel::Basic, AssuranceLevel::Top), EIDAS_LOW);
        // A requested eIDAS URI is answered only when the identity meets it too.
        let asked = vec![EIDAS_SUBSTANTIAL.to_owned()];
        let answered = |assurance| {
            class_ref(
                AuthnContextStyle::Strength,
                &asked,
                Strength::PasswordSms,
                AuthLevel::Medium,
                assurance,
            )
        };
        assert_eq!(answered(AssuranceLevel::Medium), EIDAS_SUBSTANTIAL);
        assert_eq!(answered(AssuranceLevel::Low), "PASSWORD_SMS");
    }

    #[test]
    fn an_eid_at_loa_high_counts_where_the_sp_takes_eids() {
        for asked in [EIDAS_HIGH, "HIGH"] {
            let w = wanted(
                ALL,
                AssuranceLevel::Low,
                true,
                Some(&rac(Comparison::Exact, &[asked])),
            )
            .unwrap();
            assert!(w.eidas_high, "{asked}");
            assert!(!w.strengths.contains(&Strength::Eidas), "{asked}");
            let none = wanted(
                &[Strength::PasswordToken],
                AssuranceLevel::Low,
                false,
                Some(&rac(Comparison::Exact, &[asked])),
            )
            .unwrap();
            assert!(!none.eidas_high, "{asked}");
        }
    }
}
