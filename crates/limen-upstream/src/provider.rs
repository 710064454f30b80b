//! One `[[upstream]]` entry: who the provider is, how we authenticate to it, what we ask for and
//! how its claims map onto an [`crate::UpstreamIdentity`]. Parsing and [`Provider::check`] are
//! pure; nothing here touches the network.

use crate::UpstreamError;
use serde::{Deserialize, Serialize};

/// A secret from the configuration, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// What the provider speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// OpenID Connect: discovery, an ID token, its signature checked against the JWKS.
    #[default]
    Oidc,
    /// Plain OAuth 2 (GitHub, Facebook): endpoints given explicitly, no ID token; who the user
    /// is comes from the user-info endpoint, called with the access token.
    Oauth2,
}

/// How we authenticate at the token endpoint (RFC 6749 §2.3.1, OIDC Core §9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenAuth {
    /// HTTP Basic with the form-urlencoded client id and secret.
    #[default]
    ClientSecretBasic,
    /// `client_id` and `client_secret` in the form body.
    ClientSecretPost,
    /// A public client: only `client_id`; PKCE proves the code is ours.
    None,
}

/// How the ID token's `iss` is matched against the configured issuer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssuerRule {
    /// OIDC Core §3.1.3.7 item 2 and Discovery §4.3: equal, byte for byte.
    #[default]
    Exact,
    /// Microsoft Entra ID's multi-tenant endpoints (`common`, `organizations`): discovery
    /// publishes the template `https://login.microsoftonline.com/{tenantid}/v2.0`, and each ID
    /// token's `iss` must be that template with `{tenantid}` replaced by the token's own `tid`
    /// claim (a GUID). `allowed_tenants`, when not empty, limits which tenants may sign in.
    EntraMultiTenant,
}

/// How a plain OAuth 2 user-info answer becomes an identity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserinfoMapper {
    /// The answer is a JSON object read through [`ClaimMapping`].
    #[default]
    Claims,
    /// GitHub: `/user` read through [`ClaimMapping`] (`id` is the subject); its `email` is only
    /// the public one and says nothing about verification, so the primary verified address is
    /// taken from `emails_endpoint` (`/user/emails`, scope `user:email`).
    Github,
}

/// The Apple "Sign in with Apple" key from which the client secret is made (see
/// [`crate::presets::apple`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppleKey {
    /// The 10-character Team ID of the Apple developer account.
    pub team_id: String,
    /// The 10-character Key ID of the key enabled for Sign in with Apple.
    pub key_id: String,
    /// The `AuthKey_<KeyID>.p8` file Apple let you download once (PKCS#8 PEM, P-256).
    pub private_key_file: std::path::PathBuf,
}

/// Names of the claims (or user-info members) each identity field is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimMapping {
    pub subject: String,
    pub email: String,
    pub email_verified: String,
    pub given_name: String,
    pub family_name: String,
    pub name: String,
    pub locale: String,
}

/// OIDC Core §5.1 standard claim names.
impl Default for ClaimMapping {
    fn default() -> Self {
        Self {
            subject: "sub".into(),
            email: "email".into(),
            email_verified: "email_verified".into(),
            given_name: "given_name".into(),
            family_name: "family_name".into(),
            name: "name".into(),
            locale: "locale".into(),
        }
    }
}

/// Signature algorithms an ID token may use when the entry does not say: the asymmetric JWS
/// algorithms of RFC 7518 §3.1 (and EdDSA, RFC 8037). `none` and the HMAC family are never
/// accepted: with HS* the "key" would be our client secret or, worse, the public JWKS text.
pub const ASYMMETRIC_ALGS: [&str; 9] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
];

fn default_scopes() -> Vec<String> {
    vec!["openid".into(), "email".into(), "profile".into()]
}

fn default_algs() -> Vec<String> {
    vec![
        "RS256".into(),
        "ES256".into(),
        "PS256".into(),
        "EdDSA".into(),
    ]
}

/// One upstream identity provider, as an `[[upstream]]` table holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// A short slug (`a-z 0-9 -`, at most 32): in URLs, the audit log and stored links.
    pub id: String,
    /// What the sign-in button says.
    pub name: String,
    #[serde(default)]
    pub kind: Kind,
    /// OIDC: the issuer identifier; discovery is `{issuer}/.well-known/openid-configuration`.
    /// OAuth 2: a stable URL naming the provider (`https://github.com`), the subject's namespace.
    pub issuer: String,
    #[serde(default)]
    pub issuer_rule: IssuerRule,
    /// With [`IssuerRule::EntraMultiTenant`]: the tenant ids (`tid`) allowed; empty = any.
    #[serde(default)]
    pub allowed_tenants: Vec<String>,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<Secret>,
    #[serde(default)]
    pub token_auth_method: TokenAuth,
    /// Apple only: the key the client secret JWT is signed with, instead of `client_secret`.
    #[serde(default)]
    pub apple_key: Option<AppleKey>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// OIDC Core §3.1.2.1 `acr_values`, in order of preference; empty = none sent.
    #[serde(default)]
    pub acr_values: Vec<String>,
    /// The provider's `acr` values from weakest to strongest, when it has such an order: a
    /// returned value ranked at or above the weakest requested one is accepted too.
    #[serde(default)]
    pub acr_ladder: Vec<String>,
    /// Refuse an ID token whose `acr` is missing or not accepted (OIDC Core §3.1.3.7 item 12).
    #[serde(default)]
    pub require_acr: bool,
    #[serde(default)]
    pub claims: ClaimMapping,
    /// Whether this provider's `email_verified` is believed. Even then an e-mail address alone
    /// never links an upstream identity to an existing account.
    #[serde(default)]
    pub trust_email_verified: bool,
    /// Accepted ID token algorithms, a subset of [`ASYMMETRIC_ALGS`].
    #[serde(default = "default_algs")]
    pub id_token_algs: Vec<String>,
    /// OAuth 2.0 Form Post Response Mode (`form_post`) for providers that require it (Apple).
    #[serde(default)]
    pub response_mode: Option<String>,
    /// OIDC: also call the user-info endpoint and fill the fields the ID token lacks.
    #[serde(default)]
    pub fetch_userinfo: bool,
    /// Explicit endpoints: required for OAuth 2; for OIDC they replace discovery when all of
    /// `authorization_endpoint`, `token_endpoint` and `jwks_uri` are given.
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    #[serde(default)]
    pub token_endpoint: Option<String>,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    #[serde(default)]
    pub jwks_uri: Option<String>,
    #[serde(default)]
    pub userinfo_mapper: UserinfoMapper,
    /// GitHub's `/user/emails` (see [`UserinfoMapper::Github`]).
    #[serde(default)]
    pub emails_endpoint: Option<String>,
    /// What a sign-in through this provider proves (docs/FEDERATION.md §3.1):
    /// `SOCIAL_NETWORKS` (BASIC, whatever the provider's `acr` says) or `EIDAS` (a national eID
    /// scheme speaking OpenID Connect, which must then prove its level through `acr`).
    #[serde(default = "social")]
    pub strength: limen_core::Strength,
    /// Whether a first sign-in may create a new ("virtual") Limen account.
    #[serde(default = "yes")]
    pub sign_up: bool,
    /// The client secret, read from this file at start (preferred to `client_secret`, which
    /// puts the secret in the configuration file itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_file: Option<std::path::PathBuf>,
}

fn social() -> limen_core::Strength {
    limen_core::Strength::SocialNetworks
}

fn yes() -> bool {
    true
}

/// `https`, or `http` on a loopback address (a development provider or a test).
pub(crate) fn acceptable_url(value: &str) -> Option<url::Url> {
    let url = url::Url::parse(value).ok()?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    let ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    (ok && url.fragment().is_none() && url.username().is_empty() && url.password().is_none())
        .then_some(url)
}

impl Provider {
    /// A provider with the defaults of every optional field.
    pub fn new(id: &str, name: &str, issuer: &str, client_id: &str) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            kind: Kind::Oidc,
            issuer: issuer.into(),
            issuer_rule: IssuerRule::Exact,
            allowed_tenants: Vec::new(),
            client_id: client_id.into(),
            client_secret: None,
            token_auth_method: TokenAuth::ClientSecretBasic,
            apple_key: None,
            scopes: default_scopes(),
            acr_values: Vec::new(),
            acr_ladder: Vec::new(),
            require_acr: false,
            claims: ClaimMapping::default(),
            trust_email_verified: false,
            id_token_algs: default_algs(),
            response_mode: None,
            fetch_userinfo: false,
            authorization_endpoint: None,
            token_endpoint: None,
            userinfo_endpoint: None,
            jwks_uri: None,
            userinfo_mapper: UserinfoMapper::Claims,
            emails_endpoint: None,
            strength: social(),
            sign_up: true,
            client_secret_file: None,
        }
    }

    /// Reads `client_secret_file` into `client_secret` (surrounding white space dropped).
    pub fn load_secret_file(&mut self) -> Result<(), UpstreamError> {
        let Some(path) = self.client_secret_file.take() else {
            return Ok(());
        };
        if self.client_secret.is_some() {
            return Err(UpstreamError::Config(format!(
                "[[upstream]] {}: give client_secret or client_secret_file, not both",
                self.id
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            UpstreamError::Config(format!(
                "[[upstream]] {}: cannot read {}: {e}",
                self.id,
                path.display()
            ))
        })?;
        self.client_secret = Some(Secret::new(text.trim()));
        Ok(())
    }

    /// Refuses an entry that cannot work or would be unsafe, naming the field.
    pub fn check(&self) -> Result<(), UpstreamError> {
        let bad = |why: String| {
            Err(UpstreamError::Config(format!(
                "[[upstream]] {}: {why}",
                self.id
            )))
        };
        let slug = !self.id.is_empty()
            && self.id.len() <= 32
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug {
            return bad("id must be 1 to 32 characters of a-z, 0-9 and -".into());
        }
        if self.name.trim().is_empty() {
            return bad("name is empty".into());
        }
        // Discovery §2: the issuer is an https URL with no query or fragment.
        match acceptable_url(&self.issuer) {
            Some(u) if u.query().is_none() => {}
            _ => return bad("issuer must be an https URL without query or fragment".into()),
        }
        use limen_core::Strength;
        match self.strength {
            Strength::SocialNetworks => {}
            // §3.2: an eID's level is only known from a checked `acr`.
            Strength::Eidas if self.kind == Kind::Oidc && self.require_acr => {
                if self.acr_values.is_empty() {
                    return bad("strength = \"EIDAS\" needs acr_values".into());
                }
            }
            Strength::Eidas => {
                return bad(
                    "strength = \"EIDAS\" needs kind = \"oidc\", require_acr = true and acr_values"
                        .into(),
                );
            }
            other => {
                return bad(format!(
                    "strength must be SOCIAL_NETWORKS or EIDAS, not {}",
                    other.as_str()
                ));
            }
        }
        if self.client_id.is_empty() {
            return bad("client_id is empty".into());
        }
        let has_secret = self.client_secret.is_some() || self.apple_key.is_some();
        match (self.token_auth_method, has_secret) {
            (TokenAuth::None, true) => {
                return bad("token_auth_method = \"none\" takes no client secret".into());
            }
            (TokenAuth::ClientSecretBasic | TokenAuth::ClientSecretPost, false) => {
                return bad("client_secret is required (or token_auth_method = \"none\")".into());
            }
            _ => {}
        }
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| s.expose().trim().is_empty())
        {
            return bad("client_secret is empty".into());
        }
        if self.client_secret.is_some() && self.apple_key.is_some() {
            return bad("give client_secret or apple_key, not both".into());
        }
        if self.id_token_algs.is_empty()
            || self
                .id_token_algs
                .iter()
                .any(|a| !ASYMMETRIC_ALGS.contains(&a.as_str()))
        {
            return bad(format!(
                "id_token_algs must be among {}",
                ASYMMETRIC_ALGS.join(", ")
            ));
        }
        let endpoints = [
            ("authorization_endpoint", &self.authorization_endpoint),
            ("token_endpoint", &self.token_endpoint),
            ("userinfo_endpoint", &self.userinfo_endpoint),
            ("jwks_uri", &self.jwks_uri),
            ("emails_endpoint", &self.emails_endpoint),
        ];
        for (field, value) in endpoints {
            if let Some(v) = value
                && acceptable_url(v).is_none()
            {
                return bad(format!("{field} must be an https URL"));
            }
        }
        match self.kind {
            Kind::Oidc => {
                if !self.scopes.iter().any(|s| s == "openid") {
                    return bad("an OpenID Connect provider needs the scope openid".into());
                }
            }
            Kind::Oauth2 => {
                if self.authorization_endpoint.is_none()
                    || self.token_endpoint.is_none()
                    || self.userinfo_endpoint.is_none()
                {
                    return bad("kind = \"oauth2\" needs authorization_endpoint, token_endpoint and userinfo_endpoint".into());
                }
                if self.require_acr {
                    return bad("require_acr needs an ID token (kind = \"oidc\")".into());
                }
            }
        }
        if self.require_acr && self.acr_values.is_empty() {
            return bad("require_acr needs acr_values".into());
        }
        if self.issuer_rule == IssuerRule::EntraMultiTenant
            && entra_template(&self.issuer).is_none()
        {
            return bad(
                "issuer_rule = \"entra-multi-tenant\" needs an issuer https://HOST/TENANT/v2.0"
                    .into(),
            );
        }
        if let Some(mode) = &self.response_mode
            && !matches!(mode.as_str(), "query" | "form_post")
        {
            return bad("response_mode must be query or form_post".into());
        }
        Ok(())
    }

    /// The issuer a discovery document must name: the configured one, or for Entra's
    /// multi-tenant endpoints the `{tenantid}` template.
    pub(crate) fn expected_discovery_issuer(&self) -> String {
        match self.issuer_rule {
            IssuerRule::Exact => self.issuer.clone(),
            IssuerRule::EntraMultiTenant => {
                entra_template(&self.issuer).unwrap_or_else(|| self.issuer.clone())
            }
        }
    }

    /// Whether `iss` (from an ID token or an RFC 9207 callback) is this provider's. `tid` is the
    /// token's tenant claim, used only by [`IssuerRule::EntraMultiTenant`].
    pub(crate) fn issuer_matches(&self, iss: &str, tid: Option<&str>) -> bool {
        match self.issuer_rule {
            IssuerRule::Exact => iss == self.issuer,
            IssuerRule::EntraMultiTenant => {
                let (Some(template), Some(tid)) = (entra_template(&self.issuer), tid) else {
                    return false;
                };
                let guid = tid.len() == 36
                    && tid
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-');
                let allowed = self.allowed_tenants.is_empty()
                    || self.allowed_tenants.iter().any(|t| t == tid);
                guid && allowed && iss == template.replace("{tenantid}", tid)
            }
        }
    }
}

/// `https://login.microsoftonline.com/organizations/v2.0` →
/// `https://login.microsoftonline.com/{tenantid}/v2.0`: the first path segment is the tenant.
fn entra_template(issuer: &str) -> Option<String> {
    let url = url::Url::parse(issuer).ok()?;
    let mut segments: Vec<&str> = url.path_segments()?.collect();
    if segments.len() < 2 || segments[0].is_empty() {
        return None;
    }
    segments[0] = "{tenantid}";
    Some(format!(
        "{}://{}/{}",
        url.scheme(),
        url.host_str()?,
        segments.join("/")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Provider {
        let mut p = Provider::new("idp", "IdP", "https://idp.example", "c1");
        p.client_secret = Some(Secret::new("s"));
        p
    }

    #[test]
    fn a_plain_entry_parses_from_toml_shaped_json_and_checks() {
        let p: Provider = serde_json::from_value(serde_json::json!({
            "id": "corp", "name": "Corp", "issuer": "https://idp.example",
            "client_id": "c1", "client_secret": "s3cret", "acr_values": ["high"],
            "require_acr": true, "claims": {"email": "mail"}
        }))
        .unwrap();
        assert_eq!(p.kind, Kind::Oidc);
        assert_eq!(p.claims.email, "mail");
        assert_eq!(p.claims.subject, "sub");
        assert_eq!(p.scopes, ["openid", "email", "profile"]);
        assert!(p.check().is_ok());
        assert!(
            !format!("{p:?}").contains("s3cret"),
            "Debug hides the secret"
        );
    }

    #[test]
    fn unsafe_or_incomplete_entries_are_refused() {
        type Change = fn(&mut Provider);
        let cases: Vec<(&str, Change)> = vec![
            ("id", |p| p.id = "Bad Id".into()),
            ("issuer", |p| p.issuer = "http://idp.example".into()),
            ("issuer", |p| p.issuer = "https://idp.example/?x=1".into()),
            ("client_secret", |p| p.client_secret = None),
            ("none", |p| p.token_auth_method = TokenAuth::None),
            ("id_token_algs", |p| p.id_token_algs = vec!["HS256".into()]),
            ("id_token_algs", |p| p.id_token_algs = vec!["none".into()]),
            ("openid", |p| p.scopes = vec!["email".into()]),
            ("acr_values", |p| p.require_acr = true),
            ("jwks_uri", |p| {
                p.jwks_uri = Some("http://keys.example".into())
            }),
            ("oauth2", |p| p.kind = Kind::Oauth2),
            ("response_mode", |p| {
                p.response_mode = Some("fragment".into())
            }),
        ];
        for (field, change) in cases {
            let mut p = good();
            change(&mut p);
            let e = p.check().unwrap_err().to_string();
            assert!(e.contains(field), "{field}: {e}");
        }
        let mut public = good();
        public.client_secret = None;
        public.token_auth_method = TokenAuth::None;
        assert!(public.check().is_ok());
        let mut local = good();
        local.issuer = "http://127.0.0.1:8080".into();
        assert!(
            local.check().is_ok(),
            "loopback http is for tests and development"
        );
    }

    #[test]
    fn entra_multi_tenant_issuers_follow_the_tid() {
        let mut p = good();
        p.issuer = "https://login.microsoftonline.com/organizations/v2.0".into();
        p.issuer_rule = IssuerRule::EntraMultiTenant;
        assert!(p.check().is_ok());
        assert_eq!(
            p.expected_discovery_issuer(),
            "https://login.microsoftonline.com/{tenantid}/v2.0"
        );
        let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let iss = format!("https://login.microsoftonline.com/{tid}/v2.0");
        assert!(p.issuer_matches(&iss, Some(tid)));
        assert!(!p.issuer_matches(&iss, None), "no tid, no match");
        let other = "9188040d-6c67-4c5b-b112-36a304b66dad";
        assert!(
            !p.issuer_matches(&iss, Some(other)),
            "tid must be the issuer's"
        );
        assert!(!p.issuer_matches(
            "https://login.microsoftonline.com/{tenantid}/v2.0",
            Some("{tenantid}")
        ));
        p.allowed_tenants = vec![other.into()];
        assert!(!p.issuer_matches(&iss, Some(tid)), "tenant not allowed");
    }
}
