//! Fuzz targets of the CAS handler's private readers (docs/FUZZING.md): EU Login's
//! `ticketTypes`, `assuranceLevel`, `acceptStrengths` and `authenticationLevel` against a ticket,
//! and the POST body merged into the query.

use super::{TicketTypes, ValidateQuery, check_strength, requested_assurance, with_form_body};
use crate::fuzz::support::{config, nasty_string};
use limen_cas::ErrorCode;
use limen_core::service::CasResponseFormat;
use limen_core::{AssuranceLevel, Service, ServiceProtocol, Strength};
use proptest::prelude::*;

fn word(words: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prop::sample::select(words), any::<bool>(), prop::sample::select(vec!["", " ", "\t"]))
            .prop_map(|(w, lower, pad)| format!("{pad}{}{pad}", if lower { w.to_ascii_lowercase() } else { w.to_owned() })),
        1 => nasty_string(8),
    ]
}

fn list(words: Vec<&'static str>) -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop::collection::vec(word(words), 0..4).prop_map(|v| v.join(",")))
}

fn service(accepts: Vec<Strength>) -> Service {
    Service {
        id: 1,
        name: "s".into(),
        protocol: ServiceProtocol::Cas,
        url_patterns: vec![],
        accepted_strengths: accepts,
        min_assurance: AssuranceLevel::Low,
        released_attributes: vec![],
        logout_url: None,
        single_logout: false,
        proxy_callbacks: vec![],
        builtin: false,
        response_format: CasResponseFormat::Cas,
    }
}

proptest! {
    #![proptest_config(config(500))]

    /// `ticketTypes`: SERVICE and PROXY in any case and spacing, within what the endpoint can
    /// take; anything else is `INVALID_REQUEST`.
    #[test]
    fn fuzz_ticket_types(types in list(vec!["SERVICE", "PROXY", "SERVICES", "PT", ""]), able_proxy in any::<bool>()) {
        let q = ValidateQuery { ticket_types: types.clone(), ..ValidateQuery::default() };
        let able = if able_proxy { TicketTypes::BOTH } else { TicketTypes::SERVICE };
        let items: Vec<String> = types.as_deref().unwrap_or_default().split(',').map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect();
        let known = items.iter().all(|i| i.eq_ignore_ascii_case("SERVICE") || i.eq_ignore_ascii_case("PROXY"));
        match TicketTypes::requested(&q, able, TicketTypes::SERVICE) {
            Ok(t) => {
                prop_assert!(known);
                // Absent or blank: the default; a list of only commas asks for no type at all.
                if types.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    prop_assert_eq!(t, TicketTypes::SERVICE);
                } else {
                    prop_assert_eq!(t.service, items.iter().any(|i| i.eq_ignore_ascii_case("SERVICE")));
                    prop_assert_eq!(t.proxy, able_proxy && items.iter().any(|i| i.eq_ignore_ascii_case("PROXY")));
                }
            }
            Err(f) => {
                prop_assert!(!known);
                prop_assert_eq!(f.code, ErrorCode::InvalidRequest);
                prop_assert!(f.message.chars().count() < 200);
            }
        }
    }

    /// `assuranceLevel`, `acceptStrengths`, `authenticationLevel` against a ticket: an error is
    /// one of the codes EU Login documents, never a panic; a request never widens what the
    /// service accepts.
    #[test]
    fn fuzz_strength_and_assurance(
        assurance in proptest::option::of(word(vec!["LOW", "MEDIUM", "HIGH", "TOP", "10", "40", "0", "NO_ASSURANCE", "5"])),
        strengths in list(vec!["PASSWORD", "PASSWORD_SMS", "STRONG", "PASSWORD_TOKEN", "CLIENT_CERT", "WEAK"]),
        level in proptest::option::of(word(vec!["BASIC", "MEDIUM", "HIGH", "TOP"])),
        accepts in prop::sample::subsequence(Strength::ALL.to_vec(), 0..=11),
        proven in prop::sample::select(Strength::ALL.to_vec()),
    ) {
        let q = ValidateQuery { assurance_level: assurance.clone(), accept_strengths: strengths, authentication_level: level, ..ValidateQuery::default() };
        match requested_assurance(&q) {
            Ok(a) => prop_assert_eq!(a, AssuranceLevel::requested(assurance.as_deref()).expect("the same rule")),
            Err(f) => prop_assert_eq!(f.code, ErrorCode::InvalidRequest),
        }
        let s = service(accepts.clone());
        match check_strength(&q, &s, proven, proven.level()) {
            Ok(()) => prop_assert!(accepts.is_empty() || accepts.contains(&proven)),
            Err(f) => {
                let documented = matches!(f.code, ErrorCode::InvalidRequest | ErrorCode::InvalidStrength | ErrorCode::InsufficientAuthenticationLevel);
                prop_assert!(documented, "{:?}", f);
            }
        }
    }

    /// A POST body merged into the query (EU Login clients that post their parameters): the
    /// body's bytes, lossily decoded, follow the query.
    #[test]
    fn fuzz_form_body(raw in proptest::option::of(nasty_string(20)), body in prop::collection::vec(any::<u8>(), 0..40)) {
        let merged = with_form_body(raw.clone(), &body);
        if body.is_empty() {
            prop_assert_eq!(merged, raw);
        } else {
            let merged = merged.expect("a body gives parameters");
            prop_assert!(merged.ends_with(String::from_utf8_lossy(&body).as_ref()));
        }
    }
}
