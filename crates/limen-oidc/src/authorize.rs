//! Authorization requests (OIDC Core §3.1.2.1, RFC 6749 §4.1.1, RFC 7636 §4.3).
//!
//! Validation happens in two steps, because their errors go to different places (RFC 6749
//! §4.1.2.1): first the client and its redirect URI — when either is wrong the user agent must
//! *not* be redirected, the user sees an error page —, then everything else, whose errors are
//! sent back to the (now trusted) redirect URI.

use crate::OAuthError;
use crate::pkce;
use limen_core::oidc::{Acr, OidcClient};
use limen_core::{Service, Strength};
use serde::{Deserialize, Serialize};

/// The raw parameters, from the query (GET) or the form (POST, §3.1.2.1).
#[derive(Debug, Default, Clone)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub response_mode: Option<String>,
    pub prompt: Option<String>,
    pub max_age: Option<String>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    pub acr_values: Option<String>,
    pub claims: Option<String>,
    pub id_token_hint: Option<String>,
    pub request: Option<String>,
    pub request_uri: Option<String>,
    pub registration: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseMode {
    Query,
    /// OAuth 2.0 Form Post Response Mode: an auto-submitting form to the redirect URI.
    FormPost,
}

impl AuthorizeParams {
    pub fn from_params(p: &crate::Params) -> AuthorizeParams {
        AuthorizeParams {
            response_type: p.get("response_type"),
            client_id: p.get("client_id"),
            redirect_uri: p.get("redirect_uri"),
            scope: p.get("scope"),
            state: p.get("state"),
            nonce: p.get("nonce"),
            code_challenge: p.get("code_challenge"),
            code_challenge_method: p.get("code_challenge_method"),
            response_mode: p.get("response_mode"),
            prompt: p.get("prompt"),
            max_age: p.get("max_age"),
            login_hint: p.get("login_hint"),
            ui_locales: p.get("ui_locales"),
            acr_values: p.get("acr_values"),
            claims: p.get("claims"),
            id_token_hint: p.get("id_token_hint"),
            request: p.get("request"),
            request_uri: p.get("request_uri"),
            registration: p.get("registration"),
        }
    }
}

/// A validated authorization request, kept in the store while the user signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthRequest {
    pub client_id: String,
    pub redirect_uri: String,
    /// The granted scopes: requested, known and allowed for the client.
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub response_mode: ResponseMode,
    pub prompt_none: bool,
    pub prompt_login: bool,
    pub prompt_consent: bool,
    pub max_age: Option<i64>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    /// `acr_values` and the `acr` claim request's values, in the client's order of preference.
    pub acr_values: Vec<String>,
    /// The `acr` claim was requested as essential (OIDC Core §5.5.1.1).
    pub acr_essential: bool,
}

/// Where a self-service detour (registration, lost password) sends the browser afterwards to
/// finish this request: the same authorization request, minus `prompt=login` (the user has just
/// proven the password). It passes through `/oidc/authorize` again, so every check runs again.
pub const AUTHORIZE_PATH: &str = "/oidc/authorize";

impl AuthRequest {
    pub fn continuation(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("scope", &self.scopes.join(" "));
        let optional = [
            ("state", self.state.as_deref()),
            ("nonce", self.nonce.as_deref()),
            ("code_challenge", self.code_challenge.as_deref()),
            (
                "code_challenge_method",
                self.code_challenge.as_ref().map(|_| "S256"),
            ),
            (
                "response_mode",
                (self.response_mode == ResponseMode::FormPost).then_some("form_post"),
            ),
            ("prompt", self.prompt_consent.then_some("consent")),
            ("ui_locales", self.ui_locales.as_deref()),
        ];
        for (k, v) in optional {
            if let Some(v) = v {
                q.append_pair(k, v);
            }
        }
        if !self.acr_values.is_empty() {
            // Values read from the claims parameter may hold spaces or be empty; `acr_values` is
            // a space-separated list (OIDC Core §3.1.2.1) and would split or drop them, so they
            // travel in the claims form (§5.5.1.1: `value` for one, `values` for several) —
            // found by fuzzing the round trip (docs/FUZZING.md). Each form is never longer than
            // what the request itself carried, so the continuation passes the same length
            // limits (an essential `acr` once put its values into claims, which grew past them).
            let listable = self
                .acr_values
                .iter()
                .all(|v| !v.is_empty() && !v.contains(' '));
            let mut acr = serde_json::Map::new();
            if self.acr_essential {
                acr.insert("essential".into(), true.into());
            }
            if listable {
                q.append_pair("acr_values", &self.acr_values.join(" "));
            } else if let [one] = self.acr_values.as_slice() {
                acr.insert("value".into(), one.as_str().into());
            } else {
                acr.insert("values".into(), self.acr_values.clone().into());
            }
            if !acr.is_empty() {
                let claims = serde_json::json!({"id_token": {"acr": acr}});
                q.append_pair("claims", &claims.to_string());
            }
        }
        format!("{AUTHORIZE_PATH}?{}", q.finish())
    }
}

/// The client id and redirect URI of a continuation made by [`AuthRequest::continuation`], for
/// checking it against the registry; `None` for anything else.
pub fn continuation_target(url: &str) -> Option<(String, String)> {
    let query = url.strip_prefix(AUTHORIZE_PATH)?.strip_prefix('?')?;
    if url.len() > 8192 {
        return None;
    }
    let p = crate::Params::parse(query.as_bytes());
    if !p.repeated.is_empty() {
        return None;
    }
    Some((p.get("client_id")?, p.get("redirect_uri")?))
}

/// Why a request cannot be answered at its redirect URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fatal {
    MissingClientId,
    UnknownClient,
    MissingRedirectUri,
    UnregisteredRedirectUri,
}

impl Fatal {
    /// The message key of the error page.
    pub fn message_key(self) -> &'static str {
        match self {
            Fatal::MissingClientId => "oidc-error-missing-client",
            Fatal::UnknownClient => "oidc-error-unknown-client",
            Fatal::MissingRedirectUri => "oidc-error-missing-redirect",
            Fatal::UnregisteredRedirectUri => "oidc-error-bad-redirect",
        }
    }
}

const MAX_PARAM: usize = 2048;

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// Step 1: the redirect URI, compared exactly with the client's registered ones (OIDC Core
/// §3.1.2.1 makes `redirect_uri` required).
pub fn redirect_uri(params: &AuthorizeParams, client: &OidcClient) -> Result<String, Fatal> {
    let uri = present(&params.redirect_uri).ok_or(Fatal::MissingRedirectUri)?;
    if client.has_redirect_uri(uri) {
        Ok(uri.to_owned())
    } else {
        Err(Fatal::UnregisteredRedirectUri)
    }
}

/// Step 2: everything else. `Err` carries the error to send to the redirect URI, together with
/// the response mode to send it in.
pub fn validate(
    params: &AuthorizeParams,
    client: &OidcClient,
    redirect_uri: String,
) -> Result<AuthRequest, (OAuthError, ResponseMode)> {
    let mode = match present(&params.response_mode) {
        None | Some("query") => ResponseMode::Query,
        Some("form_post") => ResponseMode::FormPost,
        Some(_) => {
            return Err((
                OAuthError::invalid_request("response_mode must be query or form_post"),
                ResponseMode::Query,
            ));
        }
    };
    let fail = |e: OAuthError| (e, mode);
    let too_long = [
        &params.state,
        &params.nonce,
        &params.scope,
        &params.login_hint,
        &params.ui_locales,
        &params.acr_values,
        &params.claims,
        &params.code_challenge,
        &params.max_age,
        &params.prompt,
    ]
    .iter()
    .any(|p| p.as_ref().is_some_and(|v| v.len() > MAX_PARAM));
    if too_long {
        return Err(fail(OAuthError::invalid_request("a parameter is too long")));
    }
    if present(&params.request).is_some() {
        return Err(fail(OAuthError::request_not_supported(
            "request objects are not supported",
        )));
    }
    if present(&params.request_uri).is_some() {
        return Err(fail(OAuthError::request_uri_not_supported(
            "request_uri is not supported",
        )));
    }
    if present(&params.registration).is_some() {
        return Err(fail(OAuthError::registration_not_supported(
            "the registration parameter is not supported",
        )));
    }
    match present(&params.response_type) {
        Some("code") => {}
        None => {
            return Err(fail(OAuthError::invalid_request(
                "response_type is missing",
            )));
        }
        Some(_) => {
            return Err(fail(OAuthError::unsupported_response_type(
                "only the authorization code flow (response_type=code) is supported",
            )));
        }
    }
    // Scopes: openid is required (OIDC Core §3.1.2.1); unknown values are ignored (§5.4); values
    // the client is not registered for are not granted.
    let requested: Vec<&str> = present(&params.scope)
        .unwrap_or_default()
        .split(' ')
        .filter(|s| !s.is_empty())
        .collect();
    if !requested.contains(&"openid") {
        return Err(fail(OAuthError::invalid_scope(
            "the scope must contain openid",
        )));
    }
    let mut scopes: Vec<String> = Vec::new();
    for s in requested {
        if limen_core::oidc::SCOPES.contains(&s)
            && (s == "openid" || client.allows_scope(s))
            && !scopes.iter().any(|x| x == s)
        {
            scopes.push(s.to_owned());
        }
    }
    // prompt (OIDC Core §3.1.2.1): none must stand alone.
    let mut prompt_none = false;
    let mut prompt_login = false;
    let mut prompt_consent = false;
    let prompts: Vec<&str> = present(&params.prompt)
        .unwrap_or_default()
        .split(' ')
        .filter(|s| !s.is_empty())
        .collect();
    for p in &prompts {
        match *p {
            "none" => prompt_none = true,
            "login" => prompt_login = true,
            "consent" => prompt_consent = true,
            // Limen has one account per browser session; choosing is done with "switch".
            "select_account" => prompt_login = true,
            _ => {
                return Err(fail(OAuthError::invalid_request(format!(
                    "unknown prompt value {p:?}"
                ))));
            }
        }
    }
    if prompt_none && prompts.len() > 1 {
        return Err(fail(OAuthError::invalid_request(
            "prompt=none cannot be combined with other values",
        )));
    }
    let max_age = match present(&params.max_age) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                return Err(fail(OAuthError::invalid_request(
                    "max_age must be a non-negative number of seconds",
                )));
            }
        },
    };
    // PKCE (RFC 7636 §4.3, §4.4.1): S256 only; required for public clients.
    let code_challenge = match present(&params.code_challenge) {
        None => {
            if client.requires_pkce() {
                return Err(fail(OAuthError::invalid_request(
                    "this client must use PKCE: code_challenge with code_challenge_method=S256",
                )));
            }
            None
        }
        Some(challenge) => {
            if present(&params.code_challenge_method) != Some("S256") {
                return Err(fail(OAuthError::invalid_request(
                    "code_challenge_method must be S256 (plain is not supported)",
                )));
            }
            if !pkce::valid_challenge(challenge) {
                return Err(fail(OAuthError::invalid_request(
                    "code_challenge must be 43 base64url characters",
                )));
            }
            Some(challenge.to_owned())
        }
    };
    // acr: acr_values (voluntary), or the claims parameter's id_token.acr (maybe essential).
    let mut acr_values: Vec<String> = present(&params.acr_values)
        .unwrap_or_default()
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let mut acr_essential = false;
    if let Some(raw) = present(&params.claims) {
        let parsed: serde_json::Value = serde_json::from_str(raw).map_err(|_| {
            fail(OAuthError::invalid_request(
                "the claims parameter is not valid JSON",
            ))
        })?;
        if !parsed.is_object() {
            return Err(fail(OAuthError::invalid_request(
                "the claims parameter must be a JSON object",
            )));
        }
        if let Some(acr) = parsed.pointer("/id_token/acr").filter(|v| v.is_object()) {
            acr_essential = acr.get("essential").and_then(|v| v.as_bool()) == Some(true);
            let mut values: Vec<String> = Vec::new();
            if let Some(v) = acr.get("value").and_then(|v| v.as_str()) {
                values.push(v.to_owned());
            }
            if let Some(list) = acr.get("values").and_then(|v| v.as_array()) {
                values.extend(list.iter().filter_map(|v| v.as_str()).map(str::to_owned));
            }
            if !values.is_empty() {
                acr_values = values;
            }
        }
    }
    Ok(AuthRequest {
        client_id: client.client_id.clone(),
        redirect_uri,
        scopes,
        state: present(&params.state).map(str::to_owned),
        nonce: present(&params.nonce).map(str::to_owned),
        code_challenge,
        response_mode: mode,
        prompt_none,
        prompt_login,
        prompt_consent,
        max_age,
        login_hint: present(&params.login_hint).map(str::to_owned),
        ui_locales: present(&params.ui_locales).map(str::to_owned),
        acr_values,
        acr_essential,
    })
}

/// The strengths that satisfy this request for this service: the service's accepted strengths,
/// narrowed by the requested `acr` values. Voluntary `acr_values` narrow only when some method
/// Limen offers can satisfy them (OIDC Core §3.1.2.1: they are a preference); an essential `acr`
/// that nothing can satisfy is `unmet_authentication_requirements`. `reachable` tells whether
/// a strength's method is verified by this server (the engine's registry).
pub fn acceptable_strengths(
    service: &Service,
    req: &AuthRequest,
    reachable: impl Fn(Strength) -> bool,
) -> Result<Vec<Strength>, OAuthError> {
    let base: Vec<Strength> = Strength::ALL
        .into_iter()
        .filter(|s| service.accepts(*s))
        .collect();
    let known: Vec<Acr> = req
        .acr_values
        .iter()
        .filter_map(|v| Acr::parse(v))
        .collect();
    if known.is_empty() {
        if req.acr_essential && !req.acr_values.is_empty() {
            return Err(OAuthError::unmet_authentication_requirements(
                "none of the requested acr values is known",
            ));
        }
        return Ok(base);
    }
    let narrowed: Vec<Strength> = base
        .iter()
        .copied()
        .filter(|s| known.iter().any(|a| a.accepts(*s)))
        .collect();
    let reachable = narrowed.iter().any(|s| reachable(*s));
    if req.acr_essential {
        if narrowed.is_empty() {
            return Err(OAuthError::unmet_authentication_requirements(
                "the requested acr cannot be met for this client",
            ));
        }
        Ok(narrowed)
    } else if reachable {
        Ok(narrowed)
    } else {
        Ok(base)
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    use limen_core::oidc::{JwsAlg, OidcClient, SubjectType, TokenAuthMethod};

    pub(crate) fn client() -> OidcClient {
        OidcClient {
            service_id: 1,
            client_id: "rp".into(),
            secret_hash: None,
            auth_method: TokenAuthMethod::ClientSecretBasic,
            redirect_uris: vec!["https://rp.example.org/cb".into()],
            post_logout_redirect_uris: vec![],
            pkce_required: false,
            signing_alg: JwsAlg::Es256,
            subject_type: SubjectType::Public,
            sector: "rp.example.org".into(),
            scopes: vec!["openid".into(), "email".into(), "profile".into()],
            consent: false,
            jwks: None,
            jwks_uri: None,
            backchannel_logout_uri: None,
            frontchannel_logout_uri: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_core::oidc::TokenAuthMethod;
    use limen_core::{AssuranceLevel, ServiceProtocol};

    fn client(public: bool) -> OidcClient {
        let mut c = super::tests_support::client();
        if public {
            c.auth_method = TokenAuthMethod::None;
        }
        c
    }

    fn params() -> AuthorizeParams {
        AuthorizeParams {
            response_type: Some("code".into()),
            client_id: Some("rp".into()),
            redirect_uri: Some("https://rp.example.org/cb".into()),
            scope: Some("openid email offline_access unknown".into()),
            state: Some("st".into()),
            nonce: Some("n".into()),
            ..AuthorizeParams::default()
        }
    }

    fn check(p: &AuthorizeParams, c: &OidcClient) -> Result<AuthRequest, &'static str> {
        let uri = redirect_uri(p, c).map_err(|_| "fatal")?;
        validate(p, c, uri).map_err(|(e, _)| e.error)
    }

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn a_good_request_is_kept_with_granted_scopes_only() {
        let req = check(&params(), &client(false)).unwrap();
        assert_eq!(
            req.scopes,
            vec!["openid", "email"],
            "offline_access not allowed, unknown ignored"
        );
        assert_eq!(req.state.as_deref(), Some("st"));
        assert_eq!(req.response_mode, ResponseMode::Query);
        assert!(!req.prompt_none);
    }

    /// Issue 13: `groups` is granted only to a client registered with it.
    #[test]
    fn the_groups_scope_needs_the_registration() {
        let p = AuthorizeParams {
            scope: Some("openid groups".into()),
            ..params()
        };
        assert_eq!(check(&p, &client(false)).unwrap().scopes, vec!["openid"]);
        let mut allowed = client(false);
        allowed.scopes.push("groups".into());
        assert_eq!(
            check(&p, &allowed).unwrap().scopes,
            vec!["openid", "groups"]
        );
    }

    #[test]
    fn redirect_uris_match_exactly_and_are_never_guessed() {
        let c = client(false);
        for (uri, fatal) in [
            (None, Fatal::MissingRedirectUri),
            (
                Some("https://rp.example.org/cb/"),
                Fatal::UnregisteredRedirectUri,
            ),
            (
                Some("https://rp.example.org/cb?x=1"),
                Fatal::UnregisteredRedirectUri,
            ),
            (
                Some("https://evil.example/cb"),
                Fatal::UnregisteredRedirectUri,
            ),
        ] {
            let p = AuthorizeParams {
                redirect_uri: uri.map(str::to_owned),
                ..params()
            };
            assert_eq!(redirect_uri(&p, &c), Err(fatal));
        }
    }

    #[test]
    fn errors_are_named_as_the_specs_say() {
        let c = client(false);
        let cases: Vec<(AuthorizeParams, &str)> = vec![
            (
                AuthorizeParams {
                    response_type: Some("token".into()),
                    ..params()
                },
                "unsupported_response_type",
            ),
            (
                AuthorizeParams {
                    response_type: None,
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    scope: Some("email".into()),
                    ..params()
                },
                "invalid_scope",
            ),
            (
                AuthorizeParams {
                    prompt: Some("none login".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    prompt: Some("sometimes".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    max_age: Some("-1".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    max_age: Some("soon".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    response_mode: Some("fragment".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    request: Some("eyJ...".into()),
                    ..params()
                },
                "request_not_supported",
            ),
            (
                AuthorizeParams {
                    request_uri: Some("https://x".into()),
                    ..params()
                },
                "request_uri_not_supported",
            ),
            (
                AuthorizeParams {
                    claims: Some("{not json".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    state: Some("x".repeat(5000)),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    code_challenge: Some(CHALLENGE.into()),
                    code_challenge_method: Some("plain".into()),
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    code_challenge: Some(CHALLENGE.into()),
                    code_challenge_method: None,
                    ..params()
                },
                "invalid_request",
            ),
            (
                AuthorizeParams {
                    code_challenge: Some("short".into()),
                    code_challenge_method: Some("S256".into()),
                    ..params()
                },
                "invalid_request",
            ),
        ];
        for (p, code) in cases {
            assert_eq!(check(&p, &c).unwrap_err(), code, "{p:?}");
        }
    }

    #[test]
    fn public_clients_need_pkce() {
        let c = client(true);
        assert_eq!(check(&params(), &c).unwrap_err(), "invalid_request");
        let p = AuthorizeParams {
            code_challenge: Some(CHALLENGE.into()),
            code_challenge_method: Some("S256".into()),
            ..params()
        };
        assert_eq!(
            check(&p, &c).unwrap().code_challenge.as_deref(),
            Some(CHALLENGE)
        );
    }

    #[test]
    fn continuations_replay_the_request_without_prompt_login() {
        let p = AuthorizeParams {
            code_challenge: Some(CHALLENGE.into()),
            code_challenge_method: Some("S256".into()),
            prompt: Some("login consent".into()),
            response_mode: Some("form_post".into()),
            claims: Some(r#"{"id_token":{"acr":{"essential":true,"values":["PASSWORD"]}}}"#.into()),
            ..params()
        };
        let req = check(&p, &client(false)).unwrap();
        let url = req.continuation();
        let (client_id, redirect) = continuation_target(&url).unwrap();
        assert_eq!(
            (client_id.as_str(), redirect.as_str()),
            ("rp", "https://rp.example.org/cb")
        );
        let again = crate::Params::parse(url.split_once('?').unwrap().1.as_bytes());
        let replayed = check(&AuthorizeParams::from_params(&again), &client(false)).unwrap();
        assert!(!replayed.prompt_login);
        assert_eq!(
            replayed,
            AuthRequest {
                prompt_login: false,
                ..req
            }
        );
        assert_eq!(
            continuation_target("/cas/login?client_id=x&redirect_uri=y"),
            None
        );
        assert_eq!(continuation_target("/oidc/authorize?client_id=x"), None);
        assert_eq!(
            continuation_target("https://evil.example/oidc/authorize?client_id=x&redirect_uri=y"),
            None
        );
    }

    #[test]
    fn the_acr_claim_request_overrides_acr_values() {
        let p = AuthorizeParams {
            acr_values: Some("BASIC".into()),
            claims: Some(
                r#"{"id_token":{"acr":{"essential":true,"values":["HIGH","MEDIUM"]}}}"#.into(),
            ),
            prompt: Some("login consent".into()),
            ..params()
        };
        let req = check(&p, &client(false)).unwrap();
        assert_eq!(req.acr_values, vec!["HIGH", "MEDIUM"]);
        assert!(req.acr_essential);
        assert!(req.prompt_login && req.prompt_consent);
    }

    fn service(accepted: Vec<Strength>) -> Service {
        Service {
            id: 1,
            name: "RP".into(),
            protocol: ServiceProtocol::Oidc,
            url_patterns: vec![],
            accepted_strengths: accepted,
            min_assurance: AssuranceLevel::Low,
            released_attributes: vec![],
            logout_url: None,
            single_logout: true,
            proxy_callbacks: vec![],
            builtin: false,
            response_format: Default::default(),
        }
    }

    /// A server that verifies the password and WebAuthn.
    fn wired(s: Strength) -> bool {
        matches!(s, Strength::Password | Strength::PasswordWebauthn)
    }

    fn request(acr: &[&str], essential: bool) -> AuthRequest {
        let mut req = check(&params(), &client(false)).unwrap();
        req.acr_values = acr.iter().map(|s| (*s).to_owned()).collect();
        req.acr_essential = essential;
        req
    }

    #[test]
    fn acr_narrows_what_the_service_accepts() {
        let all = service(vec![]);
        assert_eq!(
            acceptable_strengths(&all, &request(&[], false), wired)
                .unwrap()
                .len(),
            11
        );
        // Essential MEDIUM: only medium and high strengths.
        let medium = acceptable_strengths(&all, &request(&["MEDIUM"], true), wired).unwrap();
        assert!(!medium.contains(&Strength::Password));
        assert!(medium.contains(&Strength::PasswordWebauthn));
        // Essential but impossible for this service, or unknown values only.
        let pwd_only = service(vec![Strength::Password]);
        assert_eq!(
            acceptable_strengths(&pwd_only, &request(&["HIGH"], true), wired)
                .unwrap_err()
                .error,
            "unmet_authentication_requirements"
        );
        assert_eq!(
            acceptable_strengths(&all, &request(&["urn:x"], true), wired)
                .unwrap_err()
                .error,
            "unmet_authentication_requirements"
        );
        // Voluntary values are a preference: PASSWORD asked, PASSWORD it is.
        assert_eq!(
            acceptable_strengths(&all, &request(&["PASSWORD"], false), wired).unwrap(),
            vec![Strength::Password]
        );
        // Voluntary and unreachable with the methods Limen offers: ignored.
        assert_eq!(
            acceptable_strengths(&all, &request(&["urn:x"], false), wired)
                .unwrap()
                .len(),
            11
        );
    }
}
