//! Fuzz target of `POST /cas/login/init`'s parameter reader (docs/FUZZING.md): the query and the
//! form body read together, a parameter given twice refused (there is no telling which value the
//! client meant), other parameters ignored.

use super::InitParams;
use crate::fuzz::support::{config, nasty_string};
use limen_cas::ErrorCode;
use proptest::prelude::*;

const NAMES: &[&str] = &[
    "service",
    "renew",
    "gateway",
    "acceptStrengths",
    "authenticationLevel",
    "assuranceLevel",
    "method",
    "locale",
    "clientFingerprint",
    "userDetails",
    "other",
    "Service",
];

fn pairs() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    prop::collection::vec((prop::sample::select(NAMES), nasty_string(10)), 0..6)
}

fn encode(pairs: &[(&str, String)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (n, v) in pairs {
        s.append_pair(n, v);
    }
    s.finish()
}

proptest! {
    #![proptest_config(config(500))]

    /// The model: every known name at most once across query and body, the value as sent.
    #[test]
    fn fuzz_login_init_params(query in pairs(), body in pairs()) {
        let all: Vec<&(&str, String)> = query.iter().chain(&body).collect();
        let known = |n: &str| NAMES[..9].contains(&n);
        let mut names: Vec<&str> = all.iter().map(|(n, _)| *n).filter(|n| known(n)).collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        let repeated = names.len() != total;
        match InitParams::parse(Some(&encode(&query)), &encode(&body)) {
            Ok(p) => {
                prop_assert!(!repeated);
                let value = |name: &str| all.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
                prop_assert_eq!(p.service, value("service"));
                prop_assert_eq!(p.renew, value("renew"));
                prop_assert_eq!(p.method, value("method"));
                prop_assert_eq!(p.locale, value("locale"));
                prop_assert_eq!(p.client_fingerprint, value("clientFingerprint"));
            }
            Err(f) => {
                prop_assert!(repeated);
                prop_assert_eq!(f.code, ErrorCode::InvalidRequest);
            }
        }
    }

    /// Raw text in both places: never a panic.
    #[test]
    fn fuzz_login_init_raw(query in nasty_string(40), body in nasty_string(40)) {
        let _ = InitParams::parse(Some(&query), &body);
    }
}
