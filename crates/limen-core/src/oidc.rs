//! OpenID Connect clients: the protocol-specific half of a registry entry (the other half, shared
//! with CAS, is [`crate::Service`]), and the `acr` vocabulary that maps Limen's strengths and
//! levels to OIDC, NIST SP 800-63B and eIDAS (documented in docs/OIDC.md).

use crate::service::has_control_character;
use crate::{AuthLevel, Strength};
use std::fmt;
use std::str::FromStr;

/// JWS algorithms Limen signs with (RFC 7518 §3.1, RFC 8037 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwsAlg {
    Es256,
    Rs256,
    EdDsa,
}

impl JwsAlg {
    pub const ALL: [JwsAlg; 3] = [JwsAlg::Es256, JwsAlg::Rs256, JwsAlg::EdDsa];

    pub fn as_str(self) -> &'static str {
        match self {
            JwsAlg::Es256 => "ES256",
            JwsAlg::Rs256 => "RS256",
            JwsAlg::EdDsa => "EdDSA",
        }
    }
}

impl FromStr for JwsAlg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        JwsAlg::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown signing algorithm {s:?}; known: ES256, RS256, EdDSA"))
    }
}

impl fmt::Display for JwsAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a client authenticates at the token endpoint (OIDC Core §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    PrivateKeyJwt,
    /// A public client: no secret, PKCE instead.
    None,
}

impl TokenAuthMethod {
    pub const ALL: [TokenAuthMethod; 4] = [
        TokenAuthMethod::ClientSecretBasic,
        TokenAuthMethod::ClientSecretPost,
        TokenAuthMethod::PrivateKeyJwt,
        TokenAuthMethod::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenAuthMethod::ClientSecretBasic => "client_secret_basic",
            TokenAuthMethod::ClientSecretPost => "client_secret_post",
            TokenAuthMethod::PrivateKeyJwt => "private_key_jwt",
            TokenAuthMethod::None => "none",
        }
    }

    pub fn uses_secret(self) -> bool {
        matches!(
            self,
            TokenAuthMethod::ClientSecretBasic | TokenAuthMethod::ClientSecretPost
        )
    }
}

impl FromStr for TokenAuthMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        TokenAuthMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown token endpoint auth method {s:?}; known: client_secret_basic, \
                     client_secret_post, private_key_jwt, none"
                )
            })
    }
}

/// OIDC Core §8: the same `sub` for every client, or one per client sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectType {
    Public,
    Pairwise,
}

impl SubjectType {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectType::Public => "public",
            SubjectType::Pairwise => "pairwise",
        }
    }
}

impl FromStr for SubjectType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "public" => Ok(SubjectType::Public),
            "pairwise" => Ok(SubjectType::Pairwise),
            _ => Err(format!(
                "unknown subject type {s:?}; known: public, pairwise"
            )),
        }
    }
}

/// Scopes Limen understands (OIDC Core §5.4, §11), and `groups` (the account's groups, as
/// EU Login releases them; only for clients registered with it, never by default).
pub const SCOPES: &[&str] = &["openid", "profile", "email", "offline_access", "groups"];
pub const DEFAULT_SCOPES: &[&str] = &["openid", "profile", "email"];

/// The OpenID Connect side of a registered service.
#[derive(Debug, Clone)]
pub struct OidcClient {
    pub service_id: i64,
    pub client_id: String,
    /// SHA-256 (hex) of the client secret; `None` for public and `private_key_jwt` clients.
    pub secret_hash: Option<String>,
    pub auth_method: TokenAuthMethod,
    /// Compared exactly (OAuth 2.0 Security BCP §4.1.3): no prefixes, no patterns.
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub pkce_required: bool,
    pub signing_alg: JwsAlg,
    pub subject_type: SubjectType,
    /// Pairwise subjects are computed per sector: the host of the redirect URIs by default.
    pub sector: String,
    /// Scopes this client may obtain.
    pub scopes: Vec<String>,
    /// Ask the user's consent before the first authorization.
    pub consent: bool,
    /// JWKS document (for `private_key_jwt`).
    pub jwks: Option<String>,
    pub jwks_uri: Option<String>,
    pub backchannel_logout_uri: Option<String>,
    pub frontchannel_logout_uri: Option<String>,
}

impl OidcClient {
    pub fn is_public(&self) -> bool {
        self.auth_method == TokenAuthMethod::None
    }

    /// PKCE is mandatory for public clients (RFC 9700 §2.1.1) and for clients registered so.
    pub fn requires_pkce(&self) -> bool {
        self.pkce_required || self.is_public()
    }

    pub fn allows_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    /// Exact comparison with the registered redirect URIs (OIDC Core §3.1.2.1). A URI with a
    /// control character is never one of them, even if it was registered before
    /// [`check_redirect_uri`] refused such URIs: the `url` crate would drop its CR, LF and tabs
    /// and send the code somewhere other than the URI compared (RFC 3986 §2, RFC 9110 §5.5).
    pub fn has_redirect_uri(&self, uri: &str) -> bool {
        !has_control_character(uri) && self.redirect_uris.iter().any(|u| u == uri)
    }

    /// As [`OidcClient::has_redirect_uri`], for RP-Initiated Logout 1.0 §3.
    pub fn has_post_logout_redirect_uri(&self, uri: &str) -> bool {
        !has_control_character(uri) && self.post_logout_redirect_uris.iter().any(|u| u == uri)
    }
}

/// Checks a redirect URI at registration: absolute, no fragment (RFC 6749 §3.1.2), https — or
/// http on a loopback host (RFC 8252 §7.3) —, or a private-use scheme of a native app written as
/// a reversed domain name (RFC 8252 §7.1).
///
/// A URI with a control character (CR, LF, NUL, tab, DEL, ...; see [`has_control_character`]) is
/// refused: the URL parser would silently drop or encode it, so the URI stored would not be the
/// one clients send and compare (RFC 3986 §2), and none may reach a `Location` header (RFC 9110
/// §5.5).
pub fn check_redirect_uri(uri: &str) -> Result<(), String> {
    if has_control_character(uri) {
        return Err(format!(
            "{uri:?} contains a control character (CR, LF, NUL, tab, DEL, ...)"
        ));
    }
    let parsed = url::Url::parse(uri).map_err(|_| format!("{uri:?} is not an absolute URI"))?;
    if parsed.fragment().is_some() {
        return Err(format!("{uri:?} must not contain a fragment"));
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" => match parsed.host_str() {
            Some("localhost" | "127.0.0.1" | "[::1]") => Ok(()),
            _ => Err(format!(
                "{uri:?}: plain http is only allowed on a loopback host (localhost, 127.0.0.1, [::1])"
            )),
        },
        "javascript" | "data" | "file" | "vbscript" | "blob" => {
            Err(format!("{uri:?}: this scheme is not allowed"))
        }
        scheme if scheme.contains('.') => Ok(()),
        _ => Err(format!(
            "{uri:?}: use https, http on a loopback host, or a reversed-domain private scheme"
        )),
    }
}

/// The pairwise sector of a client: the host of its redirect URIs (OIDC Core §8.1). Clients
/// whose redirect URIs span several hosts must be given one explicitly.
pub fn sector_of(redirect_uris: &[String]) -> Result<String, String> {
    let mut hosts: Vec<String> = redirect_uris
        .iter()
        .filter_map(|u| url::Url::parse(u).ok())
        .map(|u| {
            u.host_str()
                .map_or_else(|| u.scheme().to_owned(), str::to_owned)
        })
        .collect();
    hosts.sort();
    hosts.dedup();
    match hosts.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err("a client needs at least one redirect URI".into()),
        _ => Err(format!(
            "the redirect URIs span several hosts ({}); give the pairwise sector explicitly",
            hosts.join(", ")
        )),
    }
}

/// An `acr` value Limen understands: a level (also written as an eIDAS LoA URI) or one strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acr {
    Level(AuthLevel),
    Strength(Strength),
}

pub const EIDAS_LOW: &str = "http://eidas.europa.eu/LoA/low";
pub const EIDAS_SUBSTANTIAL: &str = "http://eidas.europa.eu/LoA/substantial";
pub const EIDAS_HIGH: &str = "http://eidas.europa.eu/LoA/high";

impl Acr {
    /// Parses one value; `None` for values Limen does not know (which OIDC Core §5.5.1.1 says to
    /// ignore unless essential). Values are case-sensitive strings.
    pub fn parse(value: &str) -> Option<Acr> {
        match value {
            "BASIC" | EIDAS_LOW => Some(Acr::Level(AuthLevel::Basic)),
            "MEDIUM" | EIDAS_SUBSTANTIAL => Some(Acr::Level(AuthLevel::Medium)),
            "HIGH" | EIDAS_HIGH => Some(Acr::Level(AuthLevel::High)),
            other => Strength::ALL
                .into_iter()
                .find(|s| s.as_str() == other)
                .map(Acr::Strength),
        }
    }

    pub fn accepts(self, strength: Strength) -> bool {
        match self {
            Acr::Level(level) => strength.level() >= level,
            Acr::Strength(s) => s == strength,
        }
    }

    /// Every value published in discovery's `acr_values_supported`.
    pub fn supported() -> Vec<String> {
        let mut out: Vec<String> = [
            "BASIC",
            "MEDIUM",
            "HIGH",
            EIDAS_LOW,
            EIDAS_SUBSTANTIAL,
            EIDAS_HIGH,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        out.extend(Strength::ALL.iter().map(|s| s.as_str().to_owned()));
        out
    }
}

/// NIST SP 800-63B authenticator assurance level of a strength's level (documentation and tests).
pub fn nist_aal(level: AuthLevel) -> u8 {
    match level {
        AuthLevel::Basic => 1,
        AuthLevel::Medium => 2,
        AuthLevel::High => 3,
    }
}

/// The `acr` claim for a login proven with `strength`: the first requested value it satisfies
/// (so the client sees the value it asked for), else the strength's level.
pub fn acr_claim(requested: &[String], strength: Strength) -> String {
    acr_claim_at(requested, strength, strength.level())
}

/// [`acr_claim`] for a proof whose level is not its strength's (an eID at the eIDAS level of
/// assurance `high` proves `EIDAS` at HIGH): requested levels are compared with `level`.
pub fn acr_claim_at(requested: &[String], strength: Strength, level: AuthLevel) -> String {
    requested
        .iter()
        .find(|v| match Acr::parse(v) {
            Some(Acr::Level(asked)) => level >= asked,
            Some(Acr::Strength(s)) => s == strength,
            None => false,
        })
        .cloned()
        .unwrap_or_else(|| level.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acr_values_map_to_strengths() {
        assert!(Acr::parse("BASIC").unwrap().accepts(Strength::Password));
        assert!(!Acr::parse("MEDIUM").unwrap().accepts(Strength::Password));
        assert!(
            Acr::parse(EIDAS_SUBSTANTIAL)
                .unwrap()
                .accepts(Strength::PasswordSms)
        );
        assert!(Acr::parse("HIGH").unwrap().accepts(Strength::ClientCert));
        assert!(
            !Acr::parse(EIDAS_HIGH)
                .unwrap()
                .accepts(Strength::PasswordWebauthn)
        );
        assert!(
            Acr::parse("PASSWORD_WEBAUTHN")
                .unwrap()
                .accepts(Strength::PasswordWebauthn)
        );
        assert!(
            !Acr::parse("PASSWORD_WEBAUTHN")
                .unwrap()
                .accepts(Strength::PasswordToken)
        );
        assert_eq!(Acr::parse("basic"), None, "acr values are case-sensitive");
        assert_eq!(Acr::parse("urn:other"), None);
        // Every published value parses.
        for v in Acr::supported() {
            assert!(Acr::parse(&v).is_some(), "{v}");
        }
        assert_eq!(nist_aal(Strength::PasswordToken.level()), 3);
    }

    #[test]
    fn acr_claim_echoes_the_satisfied_request() {
        assert_eq!(acr_claim(&[], Strength::Password), "BASIC");
        let req = vec!["MEDIUM".to_owned(), EIDAS_LOW.to_owned()];
        assert_eq!(acr_claim(&req, Strength::Password), EIDAS_LOW);
        assert_eq!(acr_claim(&req, Strength::PasswordSms), "MEDIUM");
        assert_eq!(acr_claim(&["x".into()], Strength::PasswordToken), "HIGH");
    }

    #[test]
    fn amr_values_are_rfc_8176() {
        const REGISTERED: &[&str] = &[
            "face", "fpt", "geo", "hwk", "iris", "kba", "mca", "mfa", "otp", "pin", "pop", "pwd",
            "rba", "retina", "sc", "sms", "swk", "tel", "user", "vbm", "wia",
        ];
        for s in Strength::ALL {
            for v in s.amr() {
                assert!(REGISTERED.contains(v), "{s}: {v}");
            }
            // Two factors of a medium or high strength are announced as mfa.
            if s.level() > AuthLevel::Basic {
                assert!(s.amr().contains(&"mfa"), "{s}");
            }
        }
        assert_eq!(Strength::Password.amr(), ["pwd"]);
    }

    #[test]
    fn redirect_uris_are_checked() {
        for ok in [
            "https://app.example.org/cb",
            "http://127.0.0.1:8080/cb",
            "http://localhost/cb?x=1",
            "org.example.app:/oauth2redirect",
        ] {
            assert!(check_redirect_uri(ok).is_ok(), "{ok}");
        }
        for bad in [
            "/relative",
            "https://app.example.org/cb#frag",
            "http://app.example.org/cb",
            "javascript:alert(1)",
            "myapp:/cb",
            "https://app.example.org/cb\r\nSet-Cookie: x=1",
            "https://app.example.org/c\tb",
            "https://app.example.org/cb\0",
            "https://app.example.org/cb\u{7f}",
            "https://app.example.org/cb\u{85}",
            "\u{1}https://app.example.org/cb",
        ] {
            assert!(check_redirect_uri(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sectors_come_from_one_host() {
        let one = vec![
            "https://a.example.org/cb".to_owned(),
            "https://a.example.org/cb2".to_owned(),
        ];
        assert_eq!(sector_of(&one).unwrap(), "a.example.org");
        let two = vec![
            "https://a.example.org/cb".to_owned(),
            "https://b.example.org/cb".to_owned(),
        ];
        assert!(sector_of(&two).is_err());
        assert!(sector_of(&[]).is_err());
    }

    #[test]
    fn groups_is_a_scope_never_given_by_default() {
        assert!(SCOPES.contains(&"groups"));
        assert!(!DEFAULT_SCOPES.contains(&"groups"));
    }

    #[test]
    fn names_parse() {
        assert_eq!("eddsa".parse::<JwsAlg>().unwrap(), JwsAlg::EdDsa);
        assert!("HS256".parse::<JwsAlg>().is_err());
        assert_eq!(
            "private_key_jwt".parse::<TokenAuthMethod>().unwrap(),
            TokenAuthMethod::PrivateKeyJwt
        );
        assert!("client_secret_jwt".parse::<TokenAuthMethod>().is_err());
        assert_eq!(
            "pairwise".parse::<SubjectType>().unwrap(),
            SubjectType::Pairwise
        );
    }
}
