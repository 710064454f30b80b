//! Fuzz targets of the HTTP face's own parsers (docs/FUZZING.md): `Accept-Language` and `locale`
//! negotiation (RFC 9110 §12.5.4), Fluent messages given user input, the CAS validation query
//! (CAS 3.0 §2.5.1 and EU Login's parameters), the EU Login client fingerprint. The parsers
//! private to a module have their targets beside them (`cas/fuzz.rs`, `login/request/fuzz.rs`).
//!
//! Properties: no panic on any input; negotiation agrees with a model of RFC 9110's rule on
//! well-formed headers; user text comes out of a Fluent message verbatim (never read as Fluent
//! syntax); the hand-written query reader agrees with a model (first value kept, the first
//! repeated name reported, every `ticket` collected).

#[path = "../../../tests/fuzz/support.rs"]
pub(crate) mod support;

use crate::cas::{ValidateRequest, flag};
use crate::i18n::{self, FluentArg, LANGUAGES, Tr};
use proptest::prelude::*;
use support::{config, nasty_string};

/// Language tags: supported ones in any case, with regions and scripts, unsupported ones,
/// wildcards, garbage.
fn language_tag() -> impl Strategy<Value = String> {
    let supported: Vec<&'static str> = LANGUAGES.iter().map(|(c, _)| *c).collect();
    prop_oneof![
        4 => (prop::sample::select(supported), prop::sample::select(vec!["", "-BE", "_fr", "-Latn-RS", "-", "-419"]), any::<bool>())
            .prop_map(|(c, region, upper)| {
                let tag = format!("{c}{region}");
                if upper { tag.to_ascii_uppercase() } else { tag }
            }),
        2 => prop::sample::select(vec!["*", "x-klingon", "zh", "ja-JP", "tlh", "i-default", "en-GB-oed"]).prop_map(str::to_owned),
        1 => nasty_string(6),
    ]
}

/// An RFC 9110 §12.5.3 weight: "0" to "1" with at most three decimals, or none.
fn weight() -> impl Strategy<Value = Option<(u16, String)>> {
    proptest::option::weighted(
        0.6,
        (0u16..=1000, 0usize..=3).prop_map(|(w, decimals)| {
            let digits = format!("{:03}", w % 1000);
            let text = if w == 1000 {
                format!("1.{}", "0".repeat(decimals))
            } else {
                format!("0.{}", &digits[..decimals.max(1)])
            };
            let text = text.trim_end_matches('.').to_owned();
            let value = if w == 1000 {
                1000
            } else {
                text[2..]
                    .parse::<u16>()
                    .map(|d| d * 10u16.pow(3 - (text.len() as u32 - 2)))
                    .unwrap_or(0)
            };
            (value, text)
        }),
    )
}

/// Independent model of RFC 9110 §12.5.4 as Limen applies it: the supported range of highest
/// weight, the earlier one on a tie; weight 0 means "not acceptable".
fn model_negotiate(ranges: &[(String, Option<(u16, String)>)]) -> Option<&'static str> {
    let mut best: Option<(u16, &'static str)> = None;
    for (tag, w) in ranges {
        let q = w.as_ref().map_or(1000, |(v, _)| *v);
        if q == 0 {
            continue;
        }
        let primary = tag.trim().to_ascii_lowercase();
        let primary = primary
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_owned();
        let Some(code) = LANGUAGES.iter().map(|(c, _)| *c).find(|c| *c == primary) else {
            continue;
        };
        if best.is_none_or(|(b, _)| q > b) {
            best = Some((q, code));
        }
    }
    best.map(|(_, c)| c)
}

proptest! {
    #![proptest_config(config(500))]

    /// `Accept-Language` (RFC 9110 §12.5.4): on well-formed headers the choice agrees with the
    /// model; on any header, the choice is a supported language or none.
    #[test]
    fn fuzz_accept_language(
        ranges in prop::collection::vec((language_tag(), weight()), 0..6),
        ows in prop::sample::select(vec!["", " ", "\t", "  "]),
        garbage in nasty_string(30),
    ) {
        let header = ranges
            .iter()
            .map(|(tag, w)| match w {
                Some((_, text)) => format!("{tag}{ows};{ows}q={text}"),
                None => tag.clone(),
            })
            .collect::<Vec<_>>()
            .join(&format!(",{ows}"));
        let well_formed = ranges.iter().all(|(t, _)| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'*'));
        let chosen = i18n::negotiate(&header);
        if well_formed {
            prop_assert_eq!(chosen, model_negotiate(&ranges), "{:?}", header);
        }
        for h in [header.as_str(), garbage.as_str()] {
            if let Some(code) = i18n::negotiate(h) {
                prop_assert!(LANGUAGES.iter().any(|(c, _)| *c == code));
            }
            let tr = Tr::new(h);
            prop_assert!(LANGUAGES.iter().any(|(c, _)| *c == tr.lang()));
        }
    }

    /// User text through Fluent (`Tr::t_with`, `Tr::t1`): names with braces, `$` and Fluent
    /// syntax, bidi controls and very long strings come out verbatim, in every language.
    #[test]
    fn fuzz_fluent_user_text(
        value in prop_oneof![
            3 => nasty_string(40),
            1 => prop::sample::select(vec!["{ $site }", "{$site}", "{ -brand }", "{ \"\" }", "}{", "*[other] x", "\\u0041", "{ NUMBER($n) }"]).prop_map(str::to_owned),
            1 => (1000usize..5000).prop_map(|n| "é{".repeat(n / 2)),
        ],
        lang in prop::sample::select(LANGUAGES.iter().map(|(c, _)| *c).collect::<Vec<_>>()),
        n in any::<i64>(),
    ) {
        let tr = Tr::new(lang);
        let out = tr.t_with("a11y-intro", &[("site", FluentArg::Str(value.clone()))]);
        prop_assert!(out.contains(&value), "{:?} lost in {:?}", value, out);
        let placeholder = "{ $site }";
        let left_as_syntax = out.contains(placeholder) && !value.contains(placeholder);
        prop_assert!(!left_as_syntax, "the message's placeholder is left in {:?}", out);
        let out = tr.t1("a11y-intro", "site", &value);
        prop_assert!(out.contains(&value));
        let _ = tr.t_with("admin-chart-bar-success", &[("hour", FluentArg::Str(value.clone())), ("count", FluentArg::Num(n))]);
        let _ = tr.t_with(&value, &[]);
        let _ = tr.number(n);
    }
}

/// CAS validation parameter names, EU Login's included, and others.
fn cas_name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "service",
        "ticket",
        "pgtUrl",
        "renew",
        "format",
        "acceptStrengths",
        "acceptedStrengths",
        "authenticationLevel",
        "assuranceLevel",
        "userDetails",
        "groups",
        "ticketTypes",
        "clientFingerprint",
        "TICKET",
        "other",
        "ticket ",
    ])
}

/// The slot of each name in `ValidateRequest::parse`: the two spellings of EU Login's accepted
/// strengths share one.
fn slot(name: &str) -> Option<&'static str> {
    Some(match name {
        "service" => "service",
        "ticket" => "ticket",
        "pgtUrl" => "pgtUrl",
        "renew" => "renew",
        "format" => "format",
        "acceptStrengths" | "acceptedStrengths" => "acceptStrengths",
        "authenticationLevel" => "authenticationLevel",
        "assuranceLevel" => "assuranceLevel",
        "userDetails" => "userDetails",
        "groups" => "groups",
        "ticketTypes" => "ticketTypes",
        "clientFingerprint" => "clientFingerprint",
        _ => return None,
    })
}

proptest! {
    #![proptest_config(config(500))]

    /// `ValidateRequest::parse` agrees with the model: the first value of each slot is kept,
    /// the first name met again is the repetition reported, every `ticket` is collected (all of
    /// them are spent, CAS 3.0 §3.1.1).
    #[test]
    fn fuzz_cas_validate_query(pairs in prop::collection::vec((cas_name(), nasty_string(12)), 0..10)) {
        let raw = pairs
            .iter()
            .map(|(n, v)| format!("{}={}", url::form_urlencoded::byte_serialize(n.as_bytes()).collect::<String>(), url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()))
            .collect::<Vec<_>>()
            .join("&");
        let r = ValidateRequest::parse(Some(&raw));
        let mut seen: Vec<&str> = Vec::new();
        let mut repeated: Option<&str> = None;
        let mut first = std::collections::HashMap::new();
        for (name, value) in &pairs {
            let Some(s) = slot(name) else { continue };
            if seen.contains(&s) {
                repeated.get_or_insert(name);
            } else {
                seen.push(s);
                first.insert(s, value.clone());
            }
        }
        prop_assert_eq!(r.repeated.as_deref(), repeated);
        let tickets: Vec<String> = pairs.iter().filter(|(n, _)| *n == "ticket").map(|(_, v)| v.clone()).collect();
        prop_assert_eq!(&r.tickets, &tickets);
        let q = &r.query;
        for (s, got) in [("service", &q.service), ("ticket", &q.ticket), ("pgtUrl", &q.pgt_url), ("renew", &q.renew), ("format", &q.format),
                         ("acceptStrengths", &q.accept_strengths), ("assuranceLevel", &q.assurance_level), ("groups", &q.groups),
                         ("ticketTypes", &q.ticket_types), ("clientFingerprint", &q.client_fingerprint)] {
            prop_assert_eq!(got.as_ref(), first.get(s), "{}", s);
        }
        // CAS 3.0 §2.1.1: a boolean parameter is set unless it says false.
        let renew_set = q.renew.as_deref().is_some_and(|v| !v.eq_ignore_ascii_case("false") && v != "0");
        prop_assert_eq!(flag(&q.renew), renew_set);
    }

    /// Raw query strings, not made by an encoder: never a panic.
    #[test]
    fn fuzz_cas_validate_raw_query(raw in nasty_string(60)) {
        let r = ValidateRequest::parse(Some(&raw));
        prop_assert!(r.tickets.len() <= raw.matches("ticket").count());
    }

    /// The EU Login client fingerprint (login/request.rs): a value matches its own digest, and
    /// the ecphp/ecas derivation of it; no value matches when none was bound, and none is
    /// needed then.
    #[test]
    fn fuzz_client_fingerprint(presented in prop_oneof!["[A-Za-z0-9+/ ]{0,44}={0,2}", nasty_string(20)], other in nasty_string(10)) {
        use crate::login::request::fingerprint_matches;
        let bound = limen_crypto::sha256_hex(presented.as_bytes());
        prop_assert_eq!(fingerprint_matches(Some(&bound), Some(&presented)), !presented.is_empty());
        prop_assert!(fingerprint_matches(None, None));
        prop_assert_eq!(fingerprint_matches(None, Some(&presented)), presented.is_empty());
        let _ = fingerprint_matches(Some(&other), Some(&presented));
    }
}
