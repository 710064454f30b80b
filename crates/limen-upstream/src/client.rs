//! [`UpstreamClient`]: one provider, its cached discovery document and key set, and the two
//! halves of a sign-in — the authorization redirect and the callback. Network calls go through
//! the [`Fetch`] the caller gives; time comes from the caller's [`Clock`]. Locks are never held
//! across a network call.

use crate::authorize::{AuthOptions, PendingLogin, UrlParts, authorization_url};
use crate::discovery::{self, Endpoints, METADATA_TTL};
use crate::fetch::{Fetch, HttpRequest};
use crate::id_token::{self, Expectations};
use crate::identity::{UpstreamIdentity, github_primary_email, map_claims};
use crate::provider::{Kind, Provider, TokenAuth, UserinfoMapper, acceptable_url};
use crate::{IdTokenError, UpstreamError, sanitize};
use base64::Engine as _;
use limen_core::Clock;
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};

/// After an ID token names a key we do not have, the key set is fetched again at most once per
/// this many seconds: a provider rotating keys is served at once, a stream of forged `kid`s
/// does not turn into a stream of requests to the provider.
pub const KEY_REFRESH_INTERVAL: i64 = 60;

/// The query (or form-post) parameters of the redirect back to us (RFC 6749 §4.1.2, RFC 9207).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    /// RFC 9207 `iss`, sent by providers that support authorization server issuer identification.
    pub iss: Option<String>,
}

#[derive(Default)]
struct Cache {
    endpoints: Option<(Endpoints, i64)>,
    jwks: Option<(Value, i64)>,
    last_forced_refresh: Option<i64>,
}

/// The Apple key, read once at start.
struct AppleSigner {
    team_id: String,
    key_id: String,
    pkcs8: Vec<u8>,
}

/// One upstream provider, ready to sign users in.
pub struct UpstreamClient<F: Fetch> {
    provider: Provider,
    fetch: F,
    clock: Arc<dyn Clock>,
    apple: Option<AppleSigner>,
    cache: Mutex<Cache>,
}

impl<F: Fetch> std::fmt::Debug for UpstreamClient<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UpstreamClient({})", self.provider.id)
    }
}

/// RFC 6749 §2.3.1: the id and secret are form-urlencoded before they are joined for Basic.
fn basic_credentials(id: &str, secret: &str) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let raw = format!("{}:{}", enc(id), enc(secret));
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

fn status_error(what: &'static str, status: u16) -> UpstreamError {
    UpstreamError::Status { what, status }
}

fn json_object(body: &str, what: &'static str) -> Result<Map<String, Value>, UpstreamError> {
    match serde_json::from_str(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(UpstreamError::BadDocument {
            what,
            why: "not a JSON object",
        }),
    }
}

impl<F: Fetch> UpstreamClient<F> {
    /// Checks the entry and, for Apple, reads its key file.
    pub fn new(provider: Provider, fetch: F, clock: Arc<dyn Clock>) -> Result<Self, UpstreamError> {
        provider.check()?;
        let apple = match &provider.apple_key {
            Some(key) => {
                let pem = std::fs::read_to_string(&key.private_key_file).map_err(|e| {
                    UpstreamError::Config(format!(
                        "[[upstream]] {}: cannot read {}: {e}",
                        provider.id,
                        key.private_key_file.display()
                    ))
                })?;
                let pkcs8 = crate::presets::pkcs8_from_pem(&pem).ok_or_else(|| {
                    UpstreamError::Config(format!(
                        "[[upstream]] {}: {} is not a PKCS#8 PEM key",
                        provider.id,
                        key.private_key_file.display()
                    ))
                })?;
                Some(AppleSigner {
                    team_id: key.team_id.clone(),
                    key_id: key.key_id.clone(),
                    pkcs8,
                })
            }
            None => None,
        };
        Ok(Self {
            provider,
            fetch,
            clock,
            apple,
            cache: Mutex::new(Cache::default()),
        })
    }

    pub fn provider(&self) -> &Provider {
        &self.provider
    }

    fn now(&self) -> i64 {
        self.clock.now().unix_timestamp()
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn get(&self, what: &'static str, request: HttpRequest) -> Result<String, UpstreamError> {
        let answer = self
            .fetch
            .fetch(request)
            .await
            .map_err(|cause| UpstreamError::Fetch { what, cause })?;
        if !(200..300).contains(&answer.status) {
            return Err(status_error(what, answer.status));
        }
        Ok(answer.body)
    }

    /// The provider's endpoints: from the entry when it gives them all, otherwise from discovery
    /// (cached for [`METADATA_TTL`]).
    pub async fn endpoints(&self) -> Result<Endpoints, UpstreamError> {
        let p = &self.provider;
        let explicit = |v: &Option<String>| v.as_deref().and_then(acceptable_url);
        if let (Some(a), Some(t)) = (
            explicit(&p.authorization_endpoint),
            explicit(&p.token_endpoint),
        ) && (p.kind == Kind::Oauth2 || p.jwks_uri.is_some())
        {
            return Ok(Endpoints {
                issuer: p.issuer.clone(),
                authorization_endpoint: a,
                token_endpoint: t,
                jwks_uri: explicit(&p.jwks_uri),
                userinfo_endpoint: explicit(&p.userinfo_endpoint),
                iss_parameter: false,
            });
        }
        let now = self.now();
        if let Some((e, at)) = &self.cache().endpoints
            && now - at < METADATA_TTL
        {
            return Ok(e.clone());
        }
        let url = discovery::discovery_url(&p.issuer)?;
        let body = self
            .get("the discovery document", HttpRequest::get(url))
            .await?;
        let mut endpoints = discovery::parse(&body, &p.expected_discovery_issuer())?;
        if let Some(u) = explicit(&p.userinfo_endpoint) {
            endpoints.userinfo_endpoint = Some(u);
        }
        self.cache().endpoints = Some((endpoints.clone(), now));
        Ok(endpoints)
    }

    /// The authorization URL to send the browser to, and what to keep until it comes back.
    pub async fn authorization_request(
        &self,
        redirect_uri: &str,
        options: &AuthOptions,
    ) -> Result<(url::Url, PendingLogin), UpstreamError> {
        let endpoints = self.endpoints().await?;
        let p = &self.provider;
        let acr_values = options
            .acr_values
            .clone()
            .unwrap_or_else(|| p.acr_values.clone());
        let require_acr = options.require_acr.unwrap_or(p.require_acr);
        if require_acr && (acr_values.is_empty() || p.kind == Kind::Oauth2) {
            return Err(UpstreamError::Config(format!(
                "[[upstream]] {}: an acr can only be required from an OpenID Connect provider \
                 with acr_values",
                p.id
            )));
        }
        let pending = PendingLogin::new(&p.id, redirect_uri, acr_values, require_acr, self.now());
        let url = authorization_url(
            &UrlParts {
                endpoint: &endpoints.authorization_endpoint,
                client_id: &p.client_id,
                scopes: &p.scopes,
                oidc: p.kind == Kind::Oidc,
                response_mode: p.response_mode.as_deref(),
                prompt: options.prompt.as_deref(),
                login_hint: options.login_hint.as_deref(),
            },
            &pending,
        );
        Ok((url, pending))
    }

    /// The callback: checks it belongs to `pending`, exchanges the code, verifies the ID token
    /// (OIDC) or reads the user info (OAuth 2), and maps the result.
    pub async fn complete(
        &self,
        pending: &PendingLogin,
        callback: &Callback,
    ) -> Result<UpstreamIdentity, UpstreamError> {
        let p = &self.provider;
        if pending.provider != p.id {
            return Err(UpstreamError::WrongProvider);
        }
        pending.check_callback_state(callback.state.as_deref(), self.now())?;
        let endpoints = self.endpoints().await?;
        // RFC 9207 §2.4: when the provider names itself, it must be the one we sent the user to.
        if let Some(iss) = &callback.iss
            && *iss != p.issuer
            && *iss != endpoints.issuer
        {
            return Err(UpstreamError::CallbackIssuerMismatch);
        }
        // RFC 9207 §2.4: a provider that says it sends `iss` always does; a response without it
        // may come from another provider (mix-up).
        if endpoints.iss_parameter && callback.iss.is_none() {
            return Err(UpstreamError::CallbackIssuerMismatch);
        }
        if let Some(error) = &callback.error {
            return Err(UpstreamError::Denied {
                code: sanitize(error),
            });
        }
        let code = callback
            .code
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or(UpstreamError::MissingCode)?;
        let tokens = self.exchange(&endpoints, pending, code).await?;
        let access_token = tokens
            .get("access_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty());
        match p.kind {
            Kind::Oidc => {
                let id_token = tokens
                    .get("id_token")
                    .and_then(Value::as_str)
                    .ok_or(UpstreamError::NoIdToken)?;
                let expect = Expectations {
                    nonce: &pending.nonce,
                    acr_values: &pending.acr_values,
                    require_acr: pending.require_acr,
                    access_token,
                };
                let mut claims = self
                    .validate_id_token(&endpoints, id_token, &expect)
                    .await?;
                if p.fetch_userinfo
                    && let (Some(url), Some(token)) = (&endpoints.userinfo_endpoint, access_token)
                {
                    let info = self.userinfo(url, token).await?;
                    merge_userinfo(&mut claims, info, &p.claims.email, &p.claims.email_verified)?;
                }
                let issuer = claims
                    .get("iss")
                    .and_then(Value::as_str)
                    .unwrap_or(&p.issuer)
                    .to_owned();
                map_claims(p, &issuer, &claims).ok_or(UpstreamError::NoSubject)
            }
            Kind::Oauth2 => {
                let token = access_token.ok_or(UpstreamError::BadDocument {
                    what: "the token response",
                    why: "no access_token",
                })?;
                let url = endpoints
                    .userinfo_endpoint
                    .as_ref()
                    .ok_or(UpstreamError::Config("no userinfo_endpoint".into()))?;
                let mut info = self.userinfo(url, token).await?;
                if p.userinfo_mapper == UserinfoMapper::Github {
                    self.github_email(&mut info, token).await?;
                }
                map_claims(p, &p.issuer, &info).ok_or(UpstreamError::NoSubject)
            }
        }
    }

    /// RFC 6749 §4.1.3 with RFC 7636 §4.5's `code_verifier`; the answer per §5.1/§5.2.
    async fn exchange(
        &self,
        endpoints: &Endpoints,
        pending: &PendingLogin,
        code: &str,
    ) -> Result<Map<String, Value>, UpstreamError> {
        let p = &self.provider;
        let mut form = vec![
            ("grant_type".to_owned(), "authorization_code".to_owned()),
            ("code".to_owned(), code.to_owned()),
            ("redirect_uri".to_owned(), pending.redirect_uri.clone()),
            ("code_verifier".to_owned(), pending.code_verifier.clone()),
        ];
        let secret = match (&p.client_secret, &self.apple) {
            (Some(s), _) => Some(s.expose().to_owned()),
            (None, Some(apple)) => Some(self.apple_secret(apple)?),
            (None, None) => None,
        };
        let mut basic = None;
        match (p.token_auth_method, secret) {
            (TokenAuth::ClientSecretBasic, Some(secret)) => {
                basic = Some(basic_credentials(&p.client_id, &secret));
            }
            (TokenAuth::ClientSecretPost, Some(secret)) => {
                form.push(("client_id".into(), p.client_id.clone()));
                form.push(("client_secret".into(), secret));
            }
            _ => form.push(("client_id".into(), p.client_id.clone())),
        }
        let mut request = HttpRequest::post_form(endpoints.token_endpoint.clone(), form);
        if let Some(b) = basic {
            request = request.header("authorization", &b);
        }
        let what = "the token endpoint";
        let answer = self
            .fetch
            .fetch(request)
            .await
            .map_err(|cause| UpstreamError::Fetch { what, cause })?;
        // GitHub answers refusals with 200 and an `error` member, so the member decides.
        let body = json_object(&answer.body, "the token response");
        if let Ok(map) = &body
            && let Some(error) = map.get("error").and_then(Value::as_str)
        {
            return Err(UpstreamError::TokenRefused {
                code: sanitize(error),
            });
        }
        if !(200..300).contains(&answer.status) {
            return Err(status_error(what, answer.status));
        }
        let map = body?;
        // RFC 6749 §7.1: we only know how to use bearer tokens (RFC 6750).
        if let Some(kind) = map.get("token_type").and_then(Value::as_str)
            && !kind.eq_ignore_ascii_case("bearer")
        {
            return Err(UpstreamError::BadDocument {
                what: "the token response",
                why: "the token type is not Bearer",
            });
        }
        Ok(map)
    }

    fn apple_secret(&self, apple: &AppleSigner) -> Result<String, UpstreamError> {
        crate::presets::apple_client_secret(
            &apple.team_id,
            &apple.key_id,
            &self.provider.client_id,
            &apple.pkcs8,
            self.now(),
        )
    }

    /// The provider's key set: cached for [`METADATA_TTL`], or fetched now when `force`.
    async fn jwks(&self, endpoints: &Endpoints, force: bool) -> Result<Value, UpstreamError> {
        let now = self.now();
        if !force
            && let Some((keys, at)) = &self.cache().jwks
            && now - at < METADATA_TTL
        {
            return Ok(keys.clone());
        }
        let url = endpoints
            .jwks_uri
            .clone()
            .ok_or(UpstreamError::BadDocument {
                what: "the provider metadata",
                why: "no jwks_uri",
            })?;
        let body = self.get("the key set", HttpRequest::get(url)).await?;
        let keys: Value = serde_json::from_str(&body).map_err(|_| UpstreamError::BadDocument {
            what: "the key set",
            why: "not JSON",
        })?;
        if !keys.get("keys").is_some_and(Value::is_array) {
            return Err(UpstreamError::BadDocument {
                what: "the key set",
                why: "no keys array",
            });
        }
        self.cache().jwks = Some((keys.clone(), now));
        Ok(keys)
    }

    /// OIDC Core §3.1.3.7, with the key set fetched again once (rate-limited by
    /// [`KEY_REFRESH_INTERVAL`]) when no key matches the token: providers rotate keys and
    /// publish the new one before they use it (OIDC Core §10.1.1).
    pub async fn validate_id_token(
        &self,
        endpoints: &Endpoints,
        token: &str,
        expect: &Expectations<'_>,
    ) -> Result<Map<String, Value>, UpstreamError> {
        let header = id_token::read_header(token, &self.provider)?;
        let mut keys = id_token::candidate_keys(&self.jwks(endpoints, false).await?, &header);
        if keys.is_empty() {
            let now = self.now();
            let may_refresh = {
                let mut cache = self.cache();
                let allowed = cache
                    .last_forced_refresh
                    .is_none_or(|at| now - at >= KEY_REFRESH_INTERVAL);
                if allowed {
                    cache.last_forced_refresh = Some(now);
                }
                allowed
            };
            if may_refresh {
                keys = id_token::candidate_keys(&self.jwks(endpoints, true).await?, &header);
            }
        }
        if keys.is_empty() {
            return Err(IdTokenError::UnknownKey.into());
        }
        Ok(id_token::verify(
            token,
            &header,
            &keys,
            &self.provider,
            expect,
            self.now(),
        )?)
    }

    /// OIDC Core §5.3 / a plain OAuth 2 profile endpoint, with the access token as a bearer
    /// (RFC 6750 §2.1). Only JSON answers are read (a signed `application/jwt` one is not).
    async fn userinfo(
        &self,
        url: &url::Url,
        access_token: &str,
    ) -> Result<Map<String, Value>, UpstreamError> {
        let request = HttpRequest::get(url.clone())
            .header("authorization", &format!("Bearer {access_token}"));
        let body = self.get("the user-info endpoint", request).await?;
        json_object(&body, "the user-info answer")
    }

    /// GitHub: replaces `email`/`email_verified` by the primary address of `/user/emails`.
    async fn github_email(
        &self,
        info: &mut Map<String, Value>,
        access_token: &str,
    ) -> Result<(), UpstreamError> {
        let m = &self.provider.claims;
        info.remove(&m.email_verified);
        let Some(url) = self
            .provider
            .emails_endpoint
            .as_deref()
            .and_then(acceptable_url)
        else {
            return Ok(());
        };
        let request =
            HttpRequest::get(url).header("authorization", &format!("Bearer {access_token}"));
        let body = self.get("the e-mail list", request).await?;
        let list: Value = serde_json::from_str(&body).map_err(|_| UpstreamError::BadDocument {
            what: "the e-mail list",
            why: "not JSON",
        })?;
        match github_primary_email(&list) {
            Some((email, verified)) => {
                info.insert(m.email.clone(), Value::String(email));
                info.insert(m.email_verified.clone(), Value::Bool(verified));
            }
            None => {
                info.remove(&m.email);
            }
        }
        Ok(())
    }
}

/// OIDC Core §5.3.2: the user-info `sub` must be the ID token's, or the answer is about someone
/// else. Claims the ID token lacks are taken from it; the e-mail address and its verified flag
/// come together from one source, never one from each.
fn merge_userinfo(
    claims: &mut Map<String, Value>,
    info: Map<String, Value>,
    email: &str,
    email_verified: &str,
) -> Result<(), UpstreamError> {
    if info.get("sub") != claims.get("sub") {
        return Err(UpstreamError::UserinfoSubjectMismatch);
    }
    let token_has_email = claims.contains_key(email);
    for (name, value) in info {
        if token_has_email && (name == email || name == email_verified) {
            continue;
        }
        claims.entry(name).or_insert(value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_encoded_first() {
        // RFC 6749 §2.3.1: "client:id" / "s3cr+t" → "client%3Aid:s3cr%2Bt".
        let h = basic_credentials("client:id", "s3cr+t");
        let raw = base64::engine::general_purpose::STANDARD
            .decode(h.strip_prefix("Basic ").unwrap())
            .unwrap();
        assert_eq!(raw, b"client%3Aid:s3cr%2Bt");
    }

    #[test]
    fn userinfo_about_someone_else_is_refused_and_email_comes_as_a_pair() {
        let obj = |v: Value| v.as_object().cloned().unwrap();
        let mut claims = obj(serde_json::json!({"sub": "1", "email": "a@x.org"}));
        let other = obj(serde_json::json!({"sub": "2", "given_name": "Eve"}));
        assert_eq!(
            merge_userinfo(&mut claims, other, "email", "email_verified"),
            Err(UpstreamError::UserinfoSubjectMismatch)
        );
        let info = obj(serde_json::json!({
            "sub": "1", "given_name": "Ann", "email": "b@x.org", "email_verified": true
        }));
        merge_userinfo(&mut claims, info, "email", "email_verified").unwrap();
        assert_eq!(claims["given_name"], "Ann");
        assert_eq!(claims["email"], "a@x.org");
        assert!(!claims.contains_key("email_verified"));
    }
}
