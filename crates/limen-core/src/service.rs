//! The service registry: one model for every protocol (CAS now, OpenID Connect clients later),
//! so that names shown to users, strength rules and single logout are shared.

use crate::{AssuranceLevel, Strength};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceProtocol {
    Cas,
    Oidc,
    /// A SAML 2.0 service provider (docs/SAML.md): its entity, endpoints and keys are in the
    /// `saml_sps` registry row beside the service.
    Saml,
}

impl ServiceProtocol {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceProtocol::Cas => "cas",
            ServiceProtocol::Oidc => "oidc",
            ServiceProtocol::Saml => "saml",
        }
    }
}

/// The response format a CAS service gets at the CAS 2.0/3.0 validation endpoints
/// (`/serviceValidate`, `/proxyValidate`, `/p3/*`). EU Login's own endpoints (`/laxValidate`,
/// ...) always answer in EU Login's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CasResponseFormat {
    /// CAS Protocol 3.0 (namespace `http://www.yale.edu/tp/cas`, `<cas:attributes>`).
    #[default]
    Cas,
    /// EU Login's (namespace `https://ecas.ec.europa.eu/cas/schemas`, details directly under
    /// `authenticationSuccess`): for services written for EU Login.
    Ecas,
}

impl CasResponseFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            CasResponseFormat::Cas => "cas",
            CasResponseFormat::Ecas => "ecas",
        }
    }
}

impl std::str::FromStr for CasResponseFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cas" => Ok(CasResponseFormat::Cas),
            "ecas" | "eulogin" => Ok(CasResponseFormat::Ecas),
            other => Err(format!("{other:?} is not a response format (cas or ecas)")),
        }
    }
}

/// How a service URL sent by a client is matched against a registered service.
///
/// Written as: an exact URL (`https://app.example.org/login`), a prefix ending in `*`
/// (`https://app.example.org/app/*`, which must name at least the host and a `/`), or an anchored
/// regular expression (`^https://[a-z]+\.example\.org/.*$`).
#[derive(Debug, Clone)]
pub enum UrlPattern {
    Exact(String),
    Prefix(String),
    Regex(Regex),
}

/// Whether `url` holds a control character: C0 (U+0000–U+001F: NUL, tab, CR, LF, …), DEL
/// (U+007F) or C1 (U+0080–U+009F) — Unicode's `Cc` category, [`char::is_control`].
///
/// Such a URL is never a valid service, redirect or callback URL, whatever the registry says:
/// RFC 3986 §2 has no place for these characters in a URI (they must be percent-encoded), and a
/// redirect puts the URL into a `Location` header, whose value may not contain CR, LF or NUL
/// (RFC 9110 §5.5; RFC 7230 §3.2.4 for the obsolete line folding that CR LF would start).
/// `http::HeaderValue` refuses the rest of C0 and DEL as well, so a redirect to such a URL would
/// otherwise leave without a `Location` — and its ticket issued and lost. Tabs and newlines are
/// also what browsers and the WHATWG URL parser silently drop, so the URL followed would not be
/// the one matched. C1 controls are refused too: they have no business in a URL either.
pub fn has_control_character(url: &str) -> bool {
    url.chars().any(char::is_control)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("the URL pattern is empty")]
    Empty,
    #[error("the URL pattern {0:?} contains a control character (CR, LF, NUL, tab, DEL, ...)")]
    ControlCharacter(String),
    #[error("{0:?} is not an absolute http(s) URL")]
    NotAbsolute(String),
    #[error("the prefix {0:?} must include the host and end its host part with '/' before '*'")]
    PrefixWithoutPath(String),
    #[error("the regular expression {0:?} must start with '^' and end with '$'")]
    Unanchored(String),
    #[error("invalid regular expression: {0}")]
    BadRegex(String),
}

impl UrlPattern {
    pub fn parse(input: &str) -> Result<Self, PatternError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(PatternError::Empty);
        }
        // The URL crate would drop tabs and newlines and percent-encode the rest, so the pattern
        // stored would not be the one written; and no URL it could match is ever accepted.
        if has_control_character(input) {
            return Err(PatternError::ControlCharacter(input.to_owned()));
        }
        if input.starts_with('^') || input.ends_with('$') {
            if !(input.starts_with('^') && input.ends_with('$')) {
                return Err(PatternError::Unanchored(input.to_owned()));
            }
            let re = compiled(input)?;
            return Ok(UrlPattern::Regex(re));
        }
        if let Some(prefix) = input.strip_suffix('*') {
            let url =
                url::Url::parse(prefix).map_err(|_| PatternError::NotAbsolute(input.to_owned()))?;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                return Err(PatternError::NotAbsolute(input.to_owned()));
            }
            // "https://app.example.org*" would also match "https://app.example.org.evil.test":
            // the host must be closed by a '/' inside the prefix. The URL parser skips every
            // slash and backslash after a special scheme's ':' (WHATWG URL, "special authority
            // ignore slashes state": "https:///app.example.org" is https://app.example.org/), so
            // those are not the '/' that closes the host (found by fuzzing, docs/FUZZING.md).
            let after_scheme = prefix
                .split_once("://")
                .map_or("", |(_, rest)| rest)
                .trim_start_matches(['/', '\\']);
            if !after_scheme.contains('/') {
                return Err(PatternError::PrefixWithoutPath(input.to_owned()));
            }
            return Ok(UrlPattern::Prefix(prefix.to_owned()));
        }
        let url =
            url::Url::parse(input).map_err(|_| PatternError::NotAbsolute(input.to_owned()))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(PatternError::NotAbsolute(input.to_owned()));
        }
        Ok(UrlPattern::Exact(input.to_owned()))
    }

    /// Whether `url` belongs to this pattern. A URL with a control character matches nothing
    /// ([`has_control_character`]), whatever the pattern: a prefix or a regular expression would
    /// otherwise let CR/LF through to a `Location` header.
    pub fn matches(&self, url: &str) -> bool {
        if has_control_character(url) {
            return false;
        }
        match self {
            UrlPattern::Exact(exact) => exact == url,
            UrlPattern::Prefix(prefix) => url.starts_with(prefix.as_str()),
            UrlPattern::Regex(re) => re.is_match(url),
        }
    }
}

/// Services are read from the store on every login and validation; compiling their regular
/// expressions each time would dominate that path. Compiled patterns are kept per process
/// (a `Regex` clone shares the compiled program), bounded so that a registry churning through
/// patterns cannot grow it without limit.
fn compiled(source: &str) -> Result<Regex, PatternError> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    const MAX_CACHED: usize = 1024;
    static CACHE: OnceLock<Mutex<HashMap<String, Regex>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(re) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(source) {
        return Ok(re.clone());
    }
    let re = Regex::new(source).map_err(|e| PatternError::BadRegex(e.to_string()))?;
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= MAX_CACHED {
        map.clear();
    }
    map.insert(source.to_owned(), re.clone());
    Ok(re)
}

impl fmt::Display for UrlPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlPattern::Exact(s) => f.write_str(s),
            UrlPattern::Prefix(p) => write!(f, "{p}*"),
            UrlPattern::Regex(re) => f.write_str(re.as_str()),
        }
    }
}

/// A service (relying party) registered with Limen.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    /// Shown to users: "Requested by …".
    pub name: String,
    pub protocol: ServiceProtocol,
    pub url_patterns: Vec<UrlPattern>,
    /// Strengths this service accepts; empty means every strength.
    pub accepted_strengths: Vec<Strength>,
    pub min_assurance: AssuranceLevel,
    /// CAS attribute names released to this service.
    pub released_attributes: Vec<String>,
    /// Where single-logout requests go; defaults to the URL the ticket was issued for.
    pub logout_url: Option<String>,
    /// Whether the service wants back-channel single-logout requests.
    pub single_logout: bool,
    /// URL patterns a proxy-granting ticket may be delivered to (CAS 3.0 §2.5.4); empty = no proxying.
    pub proxy_callbacks: Vec<UrlPattern>,
    /// Built-in services (the demo) are managed by Limen itself.
    pub builtin: bool,
    /// The format of its answers at the CAS 2.0/3.0 validation endpoints.
    pub response_format: CasResponseFormat,
}

/// Attributes a service can be given. `uid`, `email`, names, user type, the authentication
/// facts of the login, and the account's groups (`groups`: released only to services given it,
/// never by default — group names can say much about a person's role).
pub const RELEASABLE_ATTRIBUTES: &[&str] = &[
    "uid",
    "email",
    "firstName",
    "lastName",
    "domain",
    "employeeType",
    "strength",
    "authenticationLevel",
    "assuranceLevel",
    "locale",
    "groups",
    "authenticationFactors",
];

/// What a service registered with the EU Login response format releases unless told otherwise:
/// the user details EU Login gives its clients, and the account's groups.
pub const ECAS_DEFAULT_ATTRIBUTES: &[&str] = &[
    "uid",
    "email",
    "firstName",
    "lastName",
    "domain",
    "employeeType",
    "locale",
    "assuranceLevel",
    "groups",
    "authenticationFactors",
];

pub const DEFAULT_ATTRIBUTES: &[&str] = &[
    "uid",
    "email",
    "firstName",
    "lastName",
    "domain",
    "strength",
    "assuranceLevel",
    "locale",
];

impl Service {
    pub fn matches(&self, url: &str) -> bool {
        self.url_patterns.iter().any(|p| p.matches(url))
    }

    pub fn accepts(&self, strength: Strength) -> bool {
        self.accepted_strengths.is_empty() || self.accepted_strengths.contains(&strength)
    }

    pub fn may_proxy_to(&self, callback: &str) -> bool {
        self.proxy_callbacks.iter().any(|p| p.matches(callback))
    }

    pub fn releases(&self, attribute: &str) -> bool {
        self.released_attributes.iter().any(|a| a == attribute)
    }
}

/// Checks a list of attribute names against [`RELEASABLE_ATTRIBUTES`].
pub fn parse_attribute_list(input: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for name in input.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !RELEASABLE_ATTRIBUTES.contains(&name) {
            return Err(format!(
                "unknown attribute {name:?}; known: {}",
                RELEASABLE_ATTRIBUTES.join(", ")
            ));
        }
        if !out.iter().any(|a| a == name) {
            out.push(name.to_owned());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_patterns_match_only_themselves() {
        let p = UrlPattern::parse("https://app.example.org/login").unwrap();
        assert!(p.matches("https://app.example.org/login"));
        assert!(!p.matches("https://app.example.org/login?x=1"));
        assert!(!p.matches("https://app.example.org/login/"));
    }

    #[test]
    fn prefix_patterns_pin_the_host() {
        let p = UrlPattern::parse("https://app.example.org/app/*").unwrap();
        assert!(p.matches("https://app.example.org/app/"));
        assert!(p.matches("https://app.example.org/app/page?x=1"));
        assert!(!p.matches("https://app.example.org/other"));
        assert!(!p.matches("https://app.example.org.evil.test/app/"));
        assert!(matches!(
            UrlPattern::parse("https://app.example.org*"),
            Err(PatternError::PrefixWithoutPath(_))
        ));
    }

    #[test]
    fn regex_patterns_must_be_anchored() {
        let p = UrlPattern::parse(r"^https://[a-z]+\.example\.org/.*$").unwrap();
        assert!(p.matches("https://one.example.org/x"));
        assert!(!p.matches("https://one.example.org.evil.test/x"));
        assert!(matches!(
            UrlPattern::parse("^https://x"),
            Err(PatternError::Unanchored(_))
        ));
        assert!(matches!(
            UrlPattern::parse("^https://(x$"),
            Err(PatternError::BadRegex(_))
        ));
    }

    #[test]
    fn refuses_non_http_urls() {
        for bad in [
            "",
            "app.example.org",
            "javascript:alert(1)",
            "ftp://x.example.org/",
            "file:///etc/passwd*",
        ] {
            assert!(UrlPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn control_characters_are_never_matched_nor_registered() {
        let exact = UrlPattern::parse("https://app.example.org/login").unwrap();
        let prefix = UrlPattern::parse("https://app.example.org/app/*").unwrap();
        let regex = UrlPattern::parse(r"^https://app\.example\.org/.*$").unwrap();
        let dotall = UrlPattern::parse(r"^(?s)https://app\.example\.org/.*$").unwrap();
        for c in [
            '\r', '\n', '\0', '\t', '\u{1}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            let url = format!("https://app.example.org/app/x{c}y");
            assert!(has_control_character(&url), "{c:?}");
            for p in [&prefix, &regex, &dotall] {
                assert!(!p.matches(&url), "{p} matched {url:?}");
            }
            assert!(!exact.matches(&format!("https://app.example.org/login{c}")));
            for bad in [
                format!("https://app.example.org/a{c}b"),
                format!("https://app.example.org/a{c}b/*"),
                format!(r"^https://app\.example\.org/a{c}b$"),
            ] {
                assert_eq!(
                    UrlPattern::parse(&bad).unwrap_err(),
                    PatternError::ControlCharacter(bad.clone()),
                    "{bad:?}"
                );
            }
        }
        // Printable characters, spaces and non-ASCII letters are not control characters.
        for ok in [
            "https://app.example.org/app/a b",
            "https://app.example.org/app/é€",
        ] {
            assert!(!has_control_character(ok));
            assert!(prefix.matches(ok), "{ok}");
        }
        // Surrounding white space (a pasted newline) is trimmed, as before.
        assert!(UrlPattern::parse("https://app.example.org/x\n").is_ok());
    }

    #[test]
    fn attribute_lists_are_checked() {
        assert_eq!(
            parse_attribute_list("uid, email,uid").unwrap(),
            vec!["uid", "email"]
        );
        assert!(parse_attribute_list("uid,password").is_err());
        // Issue 13: groups can be given to a service, but only when named.
        assert_eq!(
            parse_attribute_list("uid,groups").unwrap(),
            vec!["uid", "groups"]
        );
        assert!(!DEFAULT_ATTRIBUTES.contains(&"groups"));
    }
}
