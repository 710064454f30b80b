//! The rules of the service registry, shared by `limen service add` and the admin API
//! (`POST /admin/api/v1/services`): what a name, a URL pattern, a strength list, an attribute
//! list or an OpenID Connect client may be. Pure checks, no I/O except [`exchange_targets`],
//! which looks names up in the registry. The SAML side (from a service provider's metadata) is
//! [`saml`].
//!
//! Each refusal names the field at fault by its name in the API's JSON ([`Invalid::field`]);
//! the command line shows the matching option ([`Invalid::flag`]).

pub mod saml;

use limen_core::oidc::{
    DEFAULT_SCOPES, JwsAlg, OidcClient, SCOPES, SubjectType, TokenAuthMethod, check_redirect_uri,
    sector_of,
};
use limen_core::service::{
    CasResponseFormat, DEFAULT_ATTRIBUTES, ECAS_DEFAULT_ATTRIBUTES, parse_attribute_list,
};
use limen_core::{AssuranceLevel, AuthLevel, ServiceProtocol, Strength, UrlPattern};
use limen_store::{Store, StoreError};

/// A value the registry refuses: the field (its JSON name) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Invalid {
        Invalid {
            field,
            message: message.into(),
        }
    }

    /// The `limen service add` option of the field.
    pub fn flag(&self) -> String {
        let option = match self.field {
            "urls" => "url",
            "redirect_uris" => "redirect-uri",
            "post_logout_redirect_uris" => "post-logout-redirect-uri",
            "proxy_callbacks" => "proxy-callback",
            "jwks" => "jwks-file",
            other => other,
        };
        format!("--{}", option.replace('_', "-"))
    }

    /// As the command line says it: `--option: why`.
    pub fn for_cli(&self) -> String {
        format!("{}: {}", self.flag(), self.message)
    }
}

/// A service's name, shown to users ("Requested by …"): 1 to 100 printable characters,
/// surrounding white space dropped.
pub fn service_name(input: &str) -> Result<String, Invalid> {
    let name = input.trim();
    if name.is_empty() || name.chars().any(char::is_control) || name.chars().count() > 100 {
        return Err(Invalid::new(
            "name",
            "must be 1 to 100 printable characters",
        ));
    }
    Ok(name.to_owned())
}

/// `cas`, `oidc` or `saml`.
pub fn protocol(input: &str) -> Result<ServiceProtocol, Invalid> {
    match input {
        "cas" => Ok(ServiceProtocol::Cas),
        "oidc" => Ok(ServiceProtocol::Oidc),
        "saml" => Ok(ServiceProtocol::Saml),
        other => Err(Invalid::new(
            "protocol",
            format!("must be cas, oidc or saml, not {other:?}"),
        )),
    }
}

/// URL patterns (exact URL, prefix ending in `*`, or `^…$`): [`UrlPattern::parse`].
pub fn url_patterns(field: &'static str, values: &[String]) -> Result<Vec<UrlPattern>, Invalid> {
    values
        .iter()
        .map(|u| UrlPattern::parse(u).map_err(|e| Invalid::new(field, e.to_string())))
        .collect()
}

/// The single-logout URL of a CAS service, checked as a URL pattern is.
pub fn logout_url(value: Option<&str>) -> Result<(), Invalid> {
    if let Some(u) = value {
        UrlPattern::parse(u).map_err(|e| Invalid::new("logout_url", e.to_string()))?;
    }
    Ok(())
}

/// The strengths a service accepts: a comma list of EU Login names, or a level standing for its
/// strengths; neither: every strength (an empty list).
pub fn accepted_strengths(
    list: Option<&str>,
    level: Option<&str>,
) -> Result<Vec<Strength>, Invalid> {
    match (list, level) {
        (Some(list), _) => {
            Strength::parse_list(list).map_err(|e| Invalid::new("accept_strengths", e.to_string()))
        }
        (None, Some(level)) => Ok(level
            .parse::<AuthLevel>()
            .map_err(|e| Invalid::new("authentication_level", e.to_string()))?
            .strengths()),
        (None, None) => Ok(Vec::new()),
    }
}

/// LOW, MEDIUM, HIGH or TOP.
pub fn min_assurance(value: &str) -> Result<AssuranceLevel, Invalid> {
    value
        .parse()
        .map_err(|e: String| Invalid::new("min_assurance", e))
}

/// `cas` (CAS 3.0) or `ecas` (EU Login's).
pub fn response_format(value: &str) -> Result<CasResponseFormat, Invalid> {
    value
        .parse()
        .map_err(|e: String| Invalid::new("response_format", e))
}

/// The attributes released: the list given (each one of the releasable attributes), or the
/// default of the response format.
pub fn released_attributes(
    list: Option<&str>,
    format: CasResponseFormat,
) -> Result<Vec<String>, Invalid> {
    let defaults = match format {
        CasResponseFormat::Ecas => ECAS_DEFAULT_ATTRIBUTES,
        CasResponseFormat::Cas => DEFAULT_ATTRIBUTES,
    };
    match list {
        Some(list) => parse_attribute_list(list).map_err(|e| Invalid::new("attributes", e)),
        None => Ok(defaults.iter().map(|s| (*s).to_owned()).collect()),
    }
}

/// The OpenID Connect half of a new registration, as given (docs/OIDC.md).
#[derive(Debug, Clone, Default)]
pub struct OidcSpec {
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub public: bool,
    pub pkce_required: bool,
    pub token_auth_method: Option<String>,
    /// The client's public keys, a JWKS document (RFC 7517 §5), for `private_key_jwt`.
    pub jwks: Option<String>,
    pub jwks_uri: Option<String>,
    pub signing_alg: Option<String>,
    pub subject_type: Option<String>,
    pub sector: Option<String>,
    /// Comma list; `openid` is always added.
    pub scopes: Option<String>,
    pub consent: bool,
    pub backchannel_logout_uri: Option<String>,
    pub frontchannel_logout_uri: Option<String>,
    pub client_id: Option<String>,
    /// Whether CAS services to exchange tokens for are named (RFC 8693).
    pub exchanges_tokens: bool,
}

/// A client ready to register, and its secret in clear (shown once, only its hash is kept).
#[derive(Debug, Clone)]
pub struct NewClient {
    pub client: OidcClient,
    pub secret: Option<String>,
}

/// A fresh client secret (256 random bits) and the SHA-256 the registry keeps of it.
pub fn new_client_secret() -> (String, String) {
    let secret = limen_crypto::random_token(32);
    let hash = limen_crypto::sha256_hex(secret.as_bytes());
    (secret, hash)
}

/// A fresh client id: 22 characters of `A-Z a-z 0-9` (about 131 random bits). Never base64url:
/// an id beginning with `-` would be taken for an option when passed to a command such as
/// `limen service show` or `limen-bench --client-id`.
pub fn new_client_id() -> String {
    limen_crypto::random_alphanumeric(22)
}

/// Checks a JWKS document: a JSON object with a non-empty `keys` array and no private key
/// (no `d` member: RFC 7518 §6.2.2.1, §6.3.2.1; RFC 8037 §2). Returns it as compact JSON.
pub fn jwks_document(text: &str) -> Result<String, Invalid> {
    let set: serde_json::Value =
        serde_json::from_str(text).map_err(|_| Invalid::new("jwks", "is not JSON"))?;
    let keys = set["keys"].as_array().filter(|k| !k.is_empty());
    if keys.is_none() {
        return Err(Invalid::new(
            "jwks",
            "must be a JWKS document: {\"keys\": [ ... ]}",
        ));
    }
    if keys.into_iter().flatten().any(|k| k.get("d").is_some()) {
        return Err(Invalid::new(
            "jwks",
            "holds a private key; register the public keys only",
        ));
    }
    Ok(set.to_string())
}

/// The OpenID Connect client of a registration (not yet stored: `service_id` is 0): redirect
/// URIs compared exactly and checked (RFC 6749 §3.1.2, RFC 8252 §7), the token endpoint's
/// authentication (OIDC Core §9; public clients use PKCE, RFC 9700 §2.1.1), scopes, subject type
/// (OIDC Core §8) and logout URIs.
pub fn oidc_client(spec: OidcSpec) -> Result<NewClient, Invalid> {
    if spec.redirect_uris.is_empty() {
        return Err(Invalid::new(
            "redirect_uris",
            "an OpenID Connect client needs at least one redirect URI",
        ));
    }
    for uri in &spec.redirect_uris {
        check_redirect_uri(uri).map_err(|e| Invalid::new("redirect_uris", e))?;
    }
    for uri in &spec.post_logout_redirect_uris {
        check_redirect_uri(uri).map_err(|e| Invalid::new("post_logout_redirect_uris", e))?;
    }
    for (field, uri) in [
        ("backchannel_logout_uri", &spec.backchannel_logout_uri),
        ("frontchannel_logout_uri", &spec.frontchannel_logout_uri),
        ("jwks_uri", &spec.jwks_uri),
    ] {
        if let Some(u) = uri {
            check_redirect_uri(u).map_err(|e| Invalid::new(field, e))?;
        }
    }
    let auth_method = match (&spec.token_auth_method, spec.public) {
        (Some(m), public) => {
            let m: TokenAuthMethod = m
                .parse()
                .map_err(|e: String| Invalid::new("token_auth_method", e))?;
            if public && m != TokenAuthMethod::None {
                return Err(Invalid::new(
                    "token_auth_method",
                    "public clients authenticate with none",
                ));
            }
            m
        }
        (None, true) => TokenAuthMethod::None,
        (None, false) => TokenAuthMethod::ClientSecretBasic,
    };
    let jwks = spec.jwks.as_deref().map(jwks_document).transpose()?;
    if auth_method == TokenAuthMethod::PrivateKeyJwt && jwks.is_none() && spec.jwks_uri.is_none() {
        return Err(Invalid::new(
            "token_auth_method",
            "private_key_jwt needs the client's JWKS document or jwks_uri",
        ));
    }
    let scopes: Vec<String> = match &spec.scopes {
        Some(list) => {
            let mut out = vec!["openid".to_owned()];
            for s in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !SCOPES.contains(&s) {
                    return Err(Invalid::new(
                        "scopes",
                        format!("unknown scope {s:?}; known: {}", SCOPES.join(", ")),
                    ));
                }
                if !out.iter().any(|x| x == s) {
                    out.push(s.to_owned());
                }
            }
            out
        }
        None => DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
    };
    let sector = match &spec.sector {
        Some(s) => s.clone(),
        None => sector_of(&spec.redirect_uris).map_err(|e| Invalid::new("sector", e))?,
    };
    let client_id = match &spec.client_id {
        Some(id) => {
            if id.is_empty() || id.len() > 128 || !id.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Invalid::new(
                    "client_id",
                    "must be 1 to 128 printable ASCII characters",
                ));
            }
            // `cas-<service id>` is how CAS services call the signing API (docs/SIGNING.md).
            if id
                .strip_prefix("cas-")
                .is_some_and(|n| n.parse::<i64>().is_ok())
            {
                return Err(Invalid::new(
                    "client_id",
                    "cas-<number> is reserved for CAS services (the signing API)",
                ));
            }
            id.clone()
        }
        None => new_client_id(),
    };
    let signing_alg = spec
        .signing_alg
        .as_deref()
        .unwrap_or("ES256")
        .parse::<JwsAlg>()
        .map_err(|e| Invalid::new("signing_alg", e))?;
    let subject_type = spec
        .subject_type
        .as_deref()
        .unwrap_or("public")
        .parse::<SubjectType>()
        .map_err(|e| Invalid::new("subject_type", e))?;
    if spec.exchanges_tokens && auth_method == TokenAuthMethod::None {
        return Err(Invalid::new(
            "token_exchange_to",
            "needs a confidential client (a public client cannot authenticate)",
        ));
    }
    let secret = auth_method.uses_secret().then(new_client_secret);
    Ok(NewClient {
        client: OidcClient {
            service_id: 0,
            client_id,
            secret_hash: secret.as_ref().map(|(_, hash)| hash.clone()),
            auth_method,
            redirect_uris: spec.redirect_uris,
            post_logout_redirect_uris: spec.post_logout_redirect_uris,
            pkce_required: spec.pkce_required || auth_method == TokenAuthMethod::None,
            signing_alg,
            subject_type,
            sector,
            scopes,
            consent: spec.consent,
            jwks,
            jwks_uri: spec.jwks_uri,
            backchannel_logout_uri: spec.backchannel_logout_uri,
            frontchannel_logout_uri: spec.frontchannel_logout_uri,
        },
        secret: secret.map(|(secret, _)| secret),
    })
}

/// The CAS services (by name) a client may exchange its access tokens for tickets of
/// (RFC 8693, docs/OIDC.md): each must exist and be a CAS service.
pub async fn exchange_targets(
    store: &Store,
    names: &[String],
) -> Result<Result<Vec<i64>, Invalid>, StoreError> {
    let mut ids = Vec::new();
    for name in names {
        match store.service_by_name(name).await? {
            Some(s) if s.protocol == ServiceProtocol::Cas => ids.push(s.id),
            Some(_) => {
                return Ok(Err(Invalid::new(
                    "token_exchange_to",
                    format!("{name:?} is not a CAS service"),
                )));
            }
            None => {
                return Ok(Err(Invalid::new(
                    "token_exchange_to",
                    format!("no service named {name:?}"),
                )));
            }
        }
    }
    Ok(Ok(ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_client_ids_are_alphanumeric() {
        // A base64url id begins with `-` once in 64; a thousand ids all missing it would be a
        // one-in-ten-million chance.
        let ids: Vec<String> = (0..1000).map(|_| new_client_id()).collect();
        for id in &ids {
            assert_eq!(id.len(), 22);
            assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
        }
        let generated = oidc_client(spec("https://app.example.org/cb")).unwrap();
        assert!(
            generated
                .client
                .client_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric())
        );
        assert_ne!(ids[0], ids[1]);
    }

    fn spec(uri: &str) -> OidcSpec {
        OidcSpec {
            redirect_uris: vec![uri.to_owned()],
            ..OidcSpec::default()
        }
    }

    #[test]
    fn names_and_protocols() {
        assert_eq!(service_name("  Wiki ").unwrap(), "Wiki");
        for bad in ["", "   ", "a\nb", &"x".repeat(101)] {
            assert_eq!(service_name(bad).unwrap_err().field, "name", "{bad:?}");
        }
        assert_eq!(protocol("oidc").unwrap(), ServiceProtocol::Oidc);
        let e = protocol("ldap").unwrap_err();
        assert_eq!(
            e.for_cli(),
            "--protocol: must be cas, oidc or saml, not \"ldap\""
        );
    }

    #[test]
    fn cas_fields() {
        let e = url_patterns("urls", &["ftp://x.example.org/".into()]).unwrap_err();
        assert_eq!(e.flag(), "--url");
        assert!(logout_url(Some("https://a.example.org/slo")).is_ok());
        assert_eq!(
            accepted_strengths(None, Some("HIGH")).unwrap(),
            "HIGH".parse::<AuthLevel>().unwrap().strengths()
        );
        assert!(accepted_strengths(Some("PASSWORD,NOPE"), None).is_err());
        assert_eq!(
            released_attributes(None, CasResponseFormat::Ecas)
                .unwrap()
                .len(),
            ECAS_DEFAULT_ATTRIBUTES.len()
        );
        assert!(
            released_attributes(Some("group"), CasResponseFormat::Cas)
                .unwrap_err()
                .message
                .contains("unknown attribute \"group\"")
        );
    }

    #[test]
    fn oidc_clients() {
        let c = oidc_client(spec("https://rp.example.org/cb")).unwrap();
        assert_eq!(c.client.auth_method, TokenAuthMethod::ClientSecretBasic);
        let secret = c.secret.expect("a confidential client has a secret");
        assert_eq!(
            c.client.secret_hash.as_deref(),
            Some(limen_crypto::sha256_hex(secret.as_bytes()).as_str())
        );
        assert_eq!(c.client.sector, "rp.example.org");
        let public = oidc_client(OidcSpec {
            public: true,
            ..spec("https://rp.example.org/cb")
        })
        .unwrap();
        assert!(public.secret.is_none() && public.client.pkce_required);
        // RFC 6749 §3.1.2: no fragment.
        let e = oidc_client(spec("https://rp.example.org/cb#x")).unwrap_err();
        assert_eq!(e.field, "redirect_uris");
        assert!(oidc_client(OidcSpec::default()).is_err());
        let e = oidc_client(OidcSpec {
            jwks: Some(r#"{"keys":[{"kty":"EC","d":"x"}]}"#.into()),
            ..spec("https://rp.example.org/cb")
        })
        .unwrap_err();
        assert!(e.message.contains("private key"), "{e}");
        let e = oidc_client(OidcSpec {
            client_id: Some("cas-12".into()),
            ..spec("https://rp.example.org/cb")
        })
        .unwrap_err();
        assert_eq!(e.field, "client_id");
        let e = oidc_client(OidcSpec {
            public: true,
            exchanges_tokens: true,
            ..spec("https://rp.example.org/cb")
        })
        .unwrap_err();
        assert_eq!(e.field, "token_exchange_to");
    }
}
