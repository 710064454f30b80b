//! Fuzz targets of the domain parsers that user and network input reaches (docs/FUZZING.md):
//! service URL patterns and the URLs matched against them, redirect URIs, e-mail addresses,
//! personal and group names, EU Login strength, level and assurance parameters.
//!
//! Properties: no panic on any input; every accepted value re-parses to itself (the parsers
//! normalise once and for all); acceptance agrees with simple models where the rule is simple.

#[path = "../../../tests/fuzz/support.rs"]
mod support;

use limen_core::oidc::{Acr, check_redirect_uri};
use limen_core::policy::{StrengthRequestError, requested_strengths};
use limen_core::service::{has_control_character, parse_attribute_list};
use limen_core::{AssuranceLevel, AuthLevel, Email, GroupName, PersonName, Strength, UrlPattern};
use proptest::prelude::*;
use support::{config, mutated, nasty_string};

/// URL syntax as tokens: schemes, separators, hosts, ports, userinfo, traversal, encodings.
const URL_TOKENS: &[&str] = &[
    "https://",
    "http://",
    "https:",
    "//",
    "/",
    "\\",
    "?",
    "#",
    "&",
    "=",
    "@",
    ":",
    ":443",
    ":8080",
    ".",
    "..",
    "%2F",
    "%2e",
    "%00",
    "%",
    "*",
    "^",
    "$",
    ".*",
    "[a-z]+",
    "app.example.org",
    "evil.test",
    "xn--bcher-kva",
    "bücher",
    "[::1]",
    "127.0.0.1",
    "localhost",
    "user:pw@",
    "javascript:",
    "data:",
    " ",
    "\t",
    "\r\n",
];

/// A URL built from parts, more often than not a well-formed one.
fn url_parts() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https://",
        "http://",
        "https:///",
        "https:\\\\",
        "HTTPS://",
        "ftp://",
        "https:",
        "",
    ]);
    let userinfo = prop::sample::select(vec!["", "", "", "user@", "a.example.org@", "u:p@"]);
    let host = prop::sample::select(vec![
        "app.example.org",
        "a.example.org",
        "app.example.org.evil.test",
        "evil.test",
        "bücher.example",
        "xn--bcher-kva.example",
        "127.0.0.1",
        "[::1]",
        "localhost",
        "",
    ]);
    let port = prop::sample::select(vec!["", "", ":443", ":8443", ":0", ":99999", ":x"]);
    let path = prop::collection::vec(
        prop::sample::select(vec![
            "app", "login", "..", ".", "%2e%2e", "x y", "", "é", "*",
        ]),
        0..4,
    )
    .prop_map(|segments| segments.iter().map(|s| format!("/{s}")).collect::<String>());
    let tail = prop::sample::select(vec![
        "",
        "",
        "?a=1",
        "?",
        "#frag",
        "?x=1&y=2#f",
        "\\@evil.test",
    ]);
    (scheme, userinfo, host, port, path, tail)
        .prop_map(|(s, u, h, p, path, t)| format!("{s}{u}{h}{p}{path}{t}"))
}

fn url_like() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => url_parts(),
        2 => url_parts().prop_flat_map(|u| mutated(u, URL_TOKENS)),
        1 => nasty_string(40),
    ]
}

/// A pattern as an administrator may write one: exact, prefix (`*`) or regular expression.
fn pattern_like() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => url_parts(),
        3 => url_parts().prop_map(|u| format!("{u}*")),
        1 => url_parts().prop_map(|u| format!("^{}.*$", u.replace('.', "\\."))),
        1 => url_parts().prop_flat_map(|u| mutated(format!("{u}*"), URL_TOKENS)),
        1 => nasty_string(30),
    ]
}

fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url).ok()?.host_str().map(str::to_owned)
}

proptest! {
    #![proptest_config(config(400))]

    /// `UrlPattern::parse` refuses or accepts, never panics; what it accepts agrees with its
    /// written form and with the matching rules of docs/CAS.md.
    #[test]
    fn fuzz_url_pattern(pattern in pattern_like(), url in url_like()) {
        let Ok(p) = UrlPattern::parse(&pattern) else { return Ok(()); };
        // White space around the pattern (a tab is also a control character) is trimmed.
        prop_assert!(!has_control_character(pattern.trim()));
        let matched = p.matches(&url);
        if has_control_character(&url) {
            prop_assert!(!matched, "a URL with a control character matched {p}");
        }
        match &p {
            UrlPattern::Exact(exact) => {
                prop_assert_eq!(exact.as_str(), pattern.trim());
                prop_assert_eq!(matched, url == *exact && !has_control_character(&url));
            }
            UrlPattern::Prefix(prefix) => {
                prop_assert_eq!(format!("{prefix}*"), pattern.trim());
                prop_assert_eq!(matched, url.starts_with(prefix.as_str()) && !has_control_character(&url));
                // The host is closed inside the prefix: a URL it matches is on the same host
                // ("https://app.example.org*" would also match "https://app.example.org.evil.test").
                if matched {
                    prop_assert_eq!(host_of(&url), host_of(prefix), "prefix {} matched {}", prefix, url);
                }
            }
            UrlPattern::Regex(_) => {}
        }
        // The written form parses back to the same pattern.
        let again = UrlPattern::parse(&p.to_string()).expect("a pattern's written form parses");
        prop_assert_eq!(again.to_string(), p.to_string());
    }

    /// Every URL with the prefix of an accepted prefix pattern is on that pattern's host.
    #[test]
    fn fuzz_url_prefix_keeps_its_host(prefix in url_parts(), rest in url_like()) {
        if let Ok(UrlPattern::Prefix(p)) = UrlPattern::parse(&format!("{prefix}*")) {
            let url = format!("{p}{rest}");
            if UrlPattern::Prefix(p.clone()).matches(&url) && host_of(&url).is_some() {
                prop_assert_eq!(host_of(&url), host_of(&p), "prefix {} matched {}", p, url);
            }
        }
    }

    /// Redirect URIs (OIDC registration, RFC 6749 §3.1.2, RFC 8252 §7): what is accepted is an
    /// absolute URI without fragment or control character, on an allowed scheme.
    #[test]
    fn fuzz_redirect_uri(uri in url_like()) {
        if check_redirect_uri(&uri).is_ok() {
            prop_assert!(!has_control_character(&uri));
            let parsed = url::Url::parse(&uri).expect("accepted, so absolute");
            prop_assert!(parsed.fragment().is_none());
            let scheme = parsed.scheme();
            prop_assert!(!matches!(scheme, "javascript" | "data" | "file" | "vbscript" | "blob"));
            if scheme == "http" {
                prop_assert!(matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "[::1]")));
            }
        }
    }
}

/// E-mail addresses as typed at registration: dot-atoms of ASCII and other scripts, quoted
/// forms, IDN and punycode domains, look-alikes and invisible characters.
fn email_like() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "[a-z0-9]{1,8}",
        "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,6}",
        prop::sample::select(vec![
            "jörg",
            "ДИМА",
            "用户",
            "पूजा",
            "\"quoted\"",
            "a\u{301}",
            "\u{301}a"
        ])
        .prop_map(str::to_owned),
        nasty_string(3),
    ];
    let local = prop::collection::vec(atom, 1..4).prop_map(|v| v.join("."));
    let label = prop_oneof![
        "[a-z0-9]{1,10}",
        "[a-z0-9][a-z0-9-]{0,8}[a-z0-9]",
        prop::sample::select(vec![
            "bücher",
            "xn--bcher-kva",
            "xn--",
            "例え",
            "ÉCOLE",
            "-a",
            "a-",
            "",
            "1"
        ])
        .prop_map(str::to_owned),
        nasty_string(3),
    ];
    let domain = prop::collection::vec(label, 1..4).prop_map(|v| v.join("."));
    let valid = (local, domain).prop_map(|(l, d)| format!("{l}@{d}"));
    prop_oneof![
        4 => valid.clone(),
        2 => valid.prop_flat_map(|e| mutated(e, &["@", ".", "..", "xn--", "\"", " ", "\u{202E}"])),
        1 => nasty_string(40),
        1 => "[a-z]{60,70}@example\\.org",
    ]
}

proptest! {
    #![proptest_config(config(600))]

    /// `Email::parse` (registration, sign-in, the admin API): an accepted address is normalised
    /// once and for all (it parses again to itself, from its stored and its displayed form),
    /// within RFC 5321's lengths, and free of what `EmailError::Character` refuses.
    #[test]
    fn fuzz_email(input in email_like()) {
        let strict = Email::parse(&input);
        let loose = Email::parse_existing(&input);
        if let Ok(e) = &strict {
            prop_assert_eq!(Some(e), loose.as_ref().ok(), "strict accepts what loose refuses");
            let s = e.as_str();
            prop_assert!(s.len() <= 254 && e.local_part().len() <= 64, "{s}");
            prop_assert!(!s.chars().any(char::is_control) && !s.chars().any(char::is_whitespace), "{s:?}");
            prop_assert!(e.domain().is_ascii() && e.domain() == e.domain().to_ascii_lowercase());
            prop_assert_eq!(Email::parse(s), Ok(e.clone()), "not idempotent");
            prop_assert_eq!(Email::parse(&e.display()), Ok(e.clone()), "display form differs");
        }
        if let Ok(e) = &loose {
            prop_assert_eq!(Email::parse_existing(e.as_str()), Ok(e.clone()));
        }
    }

    /// `PersonName::parse` (registration, profile): accepted names re-parse to themselves,
    /// are at most 100 characters and hold no control, format or symbol character.
    #[test]
    fn fuzz_person_name(input in prop_oneof![
        nasty_string(30),
        "[A-Za-zÀ-ÿ' -]{1,30}",
        "[a-z]{95,110}",
        "(\\{ *\\$[a-z]+ *\\}|[a-zé]|\u{202E}|\u{2068}| ){1,20}",
    ]) {
        if let Ok(name) = PersonName::parse(&input) {
            let s = name.as_str();
            prop_assert!(!s.is_empty() && s.chars().count() <= 100);
            prop_assert!(!s.chars().any(|c| c.is_control() || matches!(c, '{' | '}' | '\u{202E}' | '\u{2068}')), "{s:?}");
            prop_assert_eq!(PersonName::parse(s), Ok(name.clone()));
        }
    }

    /// `GroupName::parse` (admin API; services ask for groups as a comma list).
    #[test]
    fn fuzz_group_name(input in nasty_string(40)) {
        if let Ok(g) = GroupName::parse(&input) {
            let s = g.as_str();
            prop_assert!(!s.contains(',') && s != "*" && !s.is_empty());
            prop_assert!(!s.chars().any(char::is_control));
            prop_assert_eq!(GroupName::parse(s).map(|g| g.as_str().to_owned()), Ok(s.to_owned()));
        }
    }
}

/// EU Login strength, level and assurance words in every case and spacing, deprecated aliases,
/// look-alikes and garbage.
fn strength_word() -> impl Strategy<Value = String> {
    let mut names: Vec<&'static str> = Strength::ALL.iter().map(|s| s.as_str()).collect();
    names.extend([
        "STRONG",
        "STRONG_SMS",
        "STRONG_TOKEN",
        "BASIC",
        "MEDIUM",
        "HIGH",
        "LOW",
        "TOP",
        "10",
        "20",
        "30",
        "40",
        "0",
        "NO_ASSURANCE",
        "PASSWORD ",
        "PASSWORD_",
        "PASSWORDSMS",
        "ſtrong",
        "PASSWORD\u{0}",
        "",
    ]);
    (
        prop::sample::select(names),
        any::<u32>(),
        prop::sample::select(vec!["", " ", "\t", "\u{A0}", "\u{3000}"]),
    )
        .prop_map(|(w, case_bits, pad)| {
            let cased: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case_bits >> (i % 32) & 1 == 1 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            format!("{pad}{cased}{pad}")
        })
}

/// Independent model of one strength word: EU Login's names, any ASCII case, the deprecated
/// aliases, white space around.
fn model_strength(word: &str) -> Option<Strength> {
    let w = word.trim().to_ascii_uppercase();
    let w = match w.as_str() {
        "STRONG" => "PASSWORD",
        "STRONG_SMS" => "PASSWORD_SMS",
        "STRONG_TOKEN" => "PASSWORD_TOKEN",
        other => other,
    };
    Strength::ALL.into_iter().find(|s| s.as_str() == w)
}

proptest! {
    #![proptest_config(config(600))]

    /// `acceptStrengths` and `authenticationLevel` (CAS login and validation, EU Login): the
    /// result agrees with the model of each word, and narrows, never widens, what the service
    /// accepts.
    #[test]
    fn fuzz_requested_strengths(
        words in prop::collection::vec(strength_word(), 0..5),
        sep in prop::sample::select(vec![",", ", ", ",,", ";"]),
        level in proptest::option::of(strength_word()),
        service in prop::sample::subsequence(Strength::ALL.to_vec(), 0..=11),
    ) {
        let list = words.join(sep);
        let parsed = Strength::parse_list(&list);
        let parts: Vec<&str> = list.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        let model: Option<Vec<Strength>> = parts.iter().map(|p| model_strength(p)).collect();
        prop_assert_eq!(parsed.is_ok(), model.is_some(), "{:?}", list);
        let result = requested_strengths(&service, Some(&list), level.as_deref());
        let accepted = if service.is_empty() { Strength::ALL.to_vec() } else { service.clone() };
        match result {
            Ok(allowed) => {
                let asked = parsed.expect("accepted, so the list parses");
                for s in &allowed {
                    prop_assert!(accepted.contains(s), "{s} widened the service's strengths");
                    prop_assert!(asked.is_empty() || asked.contains(s));
                }
                if let Some(level) = level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                    let level: AuthLevel = level.parse().expect("accepted, so the level parses");
                    prop_assert!(!allowed.is_empty());
                    prop_assert!(allowed.iter().all(|s| s.level() >= level));
                }
            }
            Err(StrengthRequestError::Unknown(_)) => {
                let level_bad = level.as_deref().map(str::trim).filter(|l| !l.is_empty())
                    .is_some_and(|l| l.parse::<AuthLevel>().is_err());
                prop_assert!(model.is_none() || level_bad);
            }
            Err(StrengthRequestError::NotAllowed(refused)) => {
                prop_assert!(refused.iter().all(|s| Strength::ALL.contains(s)));
            }
        }
    }

    /// `assuranceLevel`, `acr_values`, `attributes`: never a panic; names round-trip.
    #[test]
    fn fuzz_small_words(word in strength_word(), garbage in nasty_string(20)) {
        for input in [word.as_str(), garbage.as_str()] {
            if let Ok(level) = input.parse::<AssuranceLevel>() {
                prop_assert_eq!(level.number().to_string().parse::<AssuranceLevel>(), Ok(level));
            }
            if let Some(acr) = Acr::parse(input) {
                prop_assert!(Acr::supported().iter().any(|s| s == input) || !input.is_empty(), "{acr:?}");
            }
            if let Ok(list) = parse_attribute_list(input) {
                let again = parse_attribute_list(&list.join(",")).expect("its own list parses");
                prop_assert_eq!(again, list);
            }
        }
    }
}

/// Found by `fuzz_url_prefix_keeps_its_host`: the URL parser skips the slashes after `https:`, so
/// `https:///app.example.org*` left the host open and matched `https:///app.example.org.evil.test/`.
#[test]
fn fuzz_found_prefix_with_extra_slashes_leaves_the_host_open() {
    for open in [
        "https:///app.example.org*",
        "https:////app.example.org*",
        "https://\\app.example.org*",
    ] {
        assert!(
            matches!(
                UrlPattern::parse(open),
                Err(limen_core::service::PatternError::PrefixWithoutPath(_))
            ),
            "{open}"
        );
    }
    let closed = UrlPattern::parse("https:///app.example.org/*").expect("host closed by '/'");
    assert!(closed.matches("https:///app.example.org/x"));
    assert!(!closed.matches("https:///app.example.org.evil.test/"));
}
