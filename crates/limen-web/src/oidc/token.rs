//! The back-channel endpoints: token (RFC 6749 §3.2, OIDC Core §3.1.3), userinfo (OIDC Core §5.3),
//! revocation (RFC 7009) and introspection (RFC 7662). Answers are JSON, errors per RFC 6749
//! §5.2 / RFC 6750 §3, never HTML.

use super::{issuer, json_response};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use limen_core::oidc::{OidcClient, TokenAuthMethod};
use limen_core::{Account, AccountStatus, Service};
use limen_oidc::OAuthError;
use limen_oidc::Params;
use limen_oidc::claims::{self, AuthFacts, IdToken};
use limen_oidc::client_auth::{self, ClientFields, Presented};
use limen_store::{CodeRedemption, Grant, NewTokenPair, RedeemedCode, RefreshUse};
use serde_json::json;
use time::OffsetDateTime;

fn oauth_error(e: &OAuthError) -> Response {
    let status = StatusCode::from_u16(e.token_status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut r = json_response(status, &json!(e));
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"limen\""),
        );
    }
    r
}

/// A failure of the endpoint itself (store down...): logged, answered as `server_error`.
fn internal(e: WebError) -> Response {
    if e.is_unavailable() {
        return crate::error::json_unavailable(&e);
    }
    tracing::error!(error = %e, "OIDC back-channel request failed");
    json_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        &json!(OAuthError::server_error("try again later")),
    )
}

fn token_endpoint(state: &AppState) -> String {
    format!("{}/oidc/token", issuer(state))
}

/// Authenticates the calling client (client_auth module docs). `endpoint` is the URL called,
/// accepted as an assertion audience beside the token endpoint and the issuer.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    fields: &ClientFields,
    endpoint: &str,
) -> Result<Result<(Service, OidcClient), OAuthError>, WebError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let presented = match client_auth::presented(authorization, fields) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let id = presented.client_id();
    if id.len() > 256 {
        return Ok(Err(OAuthError::invalid_client("unknown client")));
    }
    let Some((service, client)) = state.store.oidc_client(id).await? else {
        // The same answer as a wrong secret.
        return Ok(Err(OAuthError::invalid_client(
            "client authentication failed",
        )));
    };
    if let Err(e) = client_auth::check_method(&client, &presented) {
        return Ok(Err(e));
    }
    if let Presented::Assertion { assertion, .. } = &presented {
        let jwks = match client_keys(state, &client).await {
            Ok(j) => j,
            Err(e) => return Ok(Err(e)),
        };
        let token = token_endpoint(state);
        let audiences = [token.as_str(), issuer(state), endpoint];
        let verified = match client_auth::verify_assertion(
            assertion,
            &client,
            &jwks,
            &audiences,
            state.now().unix_timestamp(),
        ) {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        };
        let key = limen_crypto::sha256_hex(
            format!("{}\u{0}{}", client.client_id, verified.jti).as_bytes(),
        );
        let until = time::OffsetDateTime::from_unix_timestamp(verified.exp + 60)
            .unwrap_or_else(|_| state.now() + time::Duration::minutes(15));
        if !state.store.first_use_of_assertion(&key, until).await? {
            return Ok(Err(OAuthError::invalid_client(
                "client assertion refused: its jti was already used",
            )));
        }
    }
    Ok(Ok((service, client)))
}

/// The largest key set read from a `jwks_uri`.
const JWKS_MAX: usize = 64 * 1024;

/// The body of `r` as text, read chunk by chunk and given up as soon as it passes `max` bytes
/// (a hostile server cannot make Limen buffer more), or why not.
async fn read_capped(mut r: reqwest::Response, max: usize) -> Result<String, String> {
    let mut body = Vec::new();
    loop {
        match r.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > max {
                    return Err(format!("answer over {} KiB", max / 1024));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => return Err(crate::http_client::failure_cause(&e.without_url())),
        }
    }
    String::from_utf8(body).map_err(|_| "answer is not UTF-8".to_owned())
}

/// The client's key set: registered inline, or fetched from its `jwks_uri` with the shared
/// client ([`crate::http_client`]: no redirects, `[http_client]` roots and timeouts).
async fn client_keys(state: &AppState, client: &OidcClient) -> Result<String, OAuthError> {
    if let Some(jwks) = &client.jwks {
        return Ok(jwks.clone());
    }
    let Some(uri) = &client.jwks_uri else {
        return Err(OAuthError::invalid_client(
            "the client has no registered keys",
        ));
    };
    let fetched = state.http.get(uri).send().await;
    match fetched {
        Ok(r) if r.status().is_success() => match read_capped(r, JWKS_MAX).await {
            Ok(jwks) => Ok(jwks),
            Err(cause) => {
                tracing::warn!(client = %client.client_id, url = %uri, cause, "jwks_uri answer not read");
                Err(OAuthError::invalid_client(
                    "the client's jwks_uri gave no key set",
                ))
            }
        },
        Ok(r) => {
            tracing::warn!(client = %client.client_id, url = %uri, status = r.status().as_u16(), "jwks_uri refused");
            Err(OAuthError::invalid_client(
                "the client's jwks_uri could not be read",
            ))
        }
        Err(e) => {
            tracing::warn!(
                client = %client.client_id,
                url = %uri,
                cause = %crate::http_client::failure_cause(&e.without_url()),
                "jwks_uri unreachable"
            );
            Err(OAuthError::invalid_client(
                "the client's jwks_uri could not be read",
            ))
        }
    }
}

#[derive(Debug, Default)]
pub struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    scope: Option<String>,
    client: ClientFields,
    exchange: super::exchange::ExchangeForm,
}

impl TokenForm {
    fn from_params(p: &Params) -> TokenForm {
        TokenForm {
            grant_type: p.get("grant_type"),
            code: p.get("code"),
            redirect_uri: p.get("redirect_uri"),
            code_verifier: p.get("code_verifier"),
            refresh_token: p.get("refresh_token"),
            scope: p.get("scope"),
            client: ClientFields::from_params(p),
            exchange: super::exchange::ExchangeForm {
                subject_token: p.get("subject_token"),
                subject_token_type: p.get("subject_token_type"),
                requested_token_type: p.get("requested_token_type"),
                resource: p.get("resource"),
                audience: p.get("audience"),
                actor_token: p.get("actor_token"),
            },
        }
    }
}

/// A code exchange made in-process by the built-in demo client (a public client with PKCE), over
/// exactly the path an HTTP request takes.
pub async fn exchange_in_process(
    state: &AppState,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> Answer {
    let form = TokenForm {
        grant_type: Some("authorization_code".into()),
        code: Some(code.to_owned()),
        redirect_uri: Some(redirect_uri.to_owned()),
        code_verifier: Some(verifier.to_owned()),
        client: ClientFields {
            client_id: Some(client_id.to_owned()),
            ..ClientFields::default()
        },
        ..TokenForm::default()
    };
    token_inner(state, &HeaderMap::new(), &form, "in-process").await
}

/// Userinfo made in-process by the demo client.
pub async fn userinfo_in_process(state: &AppState, access_token: &str) -> Answer {
    userinfo_inner(state, access_token).await
}

/// POST /oidc/token.
pub async fn token(
    State(state): State<AppState>,
    crate::context::ClientIp(ip): crate::context::ClientIp,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let params = Params::parse(&body);
    if let Some(e) = params.repetition_error() {
        return oauth_error(&e);
    }
    let form = TokenForm::from_params(&params);
    match token_inner(&state, &headers, &form, &ip).await {
        Ok(Ok(body)) => json_response(StatusCode::OK, &body),
        Ok(Err(e)) => {
            crate::metrics::inc(&state.metrics.oidc_token_errors);
            oauth_error(&e)
        }
        Err(e) => internal(e),
    }
}

type Answer = Result<Result<serde_json::Value, OAuthError>, WebError>;

async fn token_inner(state: &AppState, headers: &HeaderMap, form: &TokenForm, ip: &str) -> Answer {
    let endpoint = token_endpoint(state);
    let (service, client) = match authenticate(state, headers, &form.client, &endpoint).await? {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    match form.grant_type.as_deref() {
        Some("authorization_code") => code_grant(state, &service, &client, form, ip).await,
        Some("refresh_token") => refresh_grant(state, &service, &client, form, ip).await,
        Some(super::exchange::GRANT_TYPE) => {
            super::exchange::exchange(state, &service, &client, &form.exchange, ip).await
        }
        // RFC 6749 §4.4, for the admin API only (admin/grant.rs).
        Some("client_credentials") => {
            crate::admin::grant::grant(state, &service, &client, form.scope.as_deref(), ip).await
        }
        Some(_) => Ok(Err(OAuthError::unsupported_grant_type(
            "grant_type must be authorization_code, refresh_token, client_credentials or token-exchange (RFC 8693)",
        ))),
        None => Ok(Err(OAuthError::invalid_request("grant_type is missing"))),
    }
}

async fn code_grant(
    state: &AppState,
    service: &Service,
    client: &OidcClient,
    form: &TokenForm,
    ip: &str,
) -> Answer {
    let hash = match token_hash(&form.code, "code") {
        Ok(h) => h,
        Err(e) => return Ok(Err(e)),
    };
    let now = state.now();
    // The tokens are made by the decision on the code's first use, once its checks pass: the
    // store keeps their hashes on the connection that spent the code.
    let mut fresh = None;
    let redemption = state
        .store
        .redeem_code(&hash, now, |code| {
            check_code(service, client, form, &code)?;
            let tokens = FreshTokens::new(code.grant.scope.clone());
            let row = tokens.row(state, now, code.grant.expires_at);
            fresh = Some(tokens);
            Ok(row)
        })
        .await?;
    match redemption {
        CodeRedemption::Issued { grant, account } => {
            let (Some(account), Some(fresh)) = (account, fresh) else {
                return Err(WebError::Internal(format!(
                    "grant {}: tokens stored without an account or tokens",
                    grant.id
                )));
            };
            let scopes: Vec<String> = grant.scope.split(' ').map(str::to_owned).collect();
            let body =
                token_body(state, client, &account, &grant, &scopes, true, fresh, now).await?;
            crate::metrics::inc(&state.metrics.oidc_tokens);
            Ok(Ok(body))
        }
        CodeRedemption::Refused(e) => Ok(Err(e)),
        CodeRedemption::Replayed { account_id } => {
            tracing::warn!(client = %client.client_id, "authorization code replayed; its tokens are revoked");
            crate::authn::audit(
                state,
                "oidc.code_replayed",
                account_id,
                ip,
                json!({"client": client.client_id}),
            )
            .await;
            Ok(Err(OAuthError::invalid_grant(
                "the code was already used; the tokens issued for it are revoked",
            )))
        }
        CodeRedemption::Expired => Ok(Err(OAuthError::invalid_grant("the code has expired"))),
        CodeRedemption::Unknown => Ok(Err(OAuthError::invalid_grant("unknown code"))),
    }
}

/// The token endpoint's checks of a first-used code; a refusal revokes its grant.
fn check_code(
    service: &Service,
    client: &OidcClient,
    form: &TokenForm,
    code: &RedeemedCode<'_>,
) -> Result<(), OAuthError> {
    // RFC 6749 §4.1.3: the code was issued to this client, for this redirect URI.
    if code.grant.service_id != service.id {
        return Err(OAuthError::invalid_grant(
            "the code was issued to another client",
        ));
    }
    if form.redirect_uri.as_deref() != Some(code.redirect_uri) {
        return Err(OAuthError::invalid_grant(
            "redirect_uri differs from the authorization request",
        ));
    }
    // RFC 7636 §4.6; and a verifier without a challenge is refused too (RFC 9700 §4.8.2).
    let verifier = form.code_verifier.as_deref().filter(|v| !v.is_empty());
    let pkce_ok = match (code.code_challenge, verifier) {
        (Some(c), Some(v)) => limen_oidc::pkce::verify(v, c),
        (None, None) => !client.requires_pkce(),
        _ => false,
    };
    if !pkce_ok {
        return Err(OAuthError::invalid_grant("PKCE verification failed"));
    }
    if !code
        .account
        .is_some_and(|a| a.status == AccountStatus::Active)
    {
        return Err(OAuthError::invalid_grant("the account is no longer active"));
    }
    Ok(())
}

async fn refresh_grant(
    state: &AppState,
    service: &Service,
    client: &OidcClient,
    form: &TokenForm,
    ip: &str,
) -> Answer {
    let hash = match token_hash(&form.refresh_token, "refresh_token") {
        Ok(h) => h,
        Err(e) => return Ok(Err(e)),
    };
    let now = state.now();
    let (grant, granted) = match state
        .store
        .use_refresh_token(&hash, service.id, now)
        .await?
    {
        RefreshUse::Rotated { grant, scope } => (grant, scope),
        RefreshUse::Reused { account_id } => {
            tracing::warn!(client = %client.client_id, "refresh token reused; its grant is revoked");
            crate::authn::audit(
                state,
                "oidc.refresh_reused",
                Some(account_id),
                ip,
                json!({"client": client.client_id}),
            )
            .await;
            return Ok(Err(OAuthError::invalid_grant(
                "the refresh token was already used; every token of this grant is revoked",
            )));
        }
        RefreshUse::Invalid => {
            return Ok(Err(OAuthError::invalid_grant(
                "the refresh token is invalid, expired or revoked",
            )));
        }
    };
    if grant.expires_at <= now {
        return Ok(Err(OAuthError::invalid_grant("the grant has expired")));
    }
    let granted: Vec<&str> = granted.split(' ').collect();
    // RFC 6749 §6: a narrower scope may be asked, never a wider one.
    let scopes: Vec<String> = match form.scope.as_deref().filter(|s| !s.is_empty()) {
        None => granted.iter().map(|s| (*s).to_owned()).collect(),
        Some(asked) => {
            let asked: Vec<&str> = asked.split(' ').filter(|s| !s.is_empty()).collect();
            if asked.iter().any(|s| !granted.contains(s)) {
                state.store.revoke_grant(&grant.id, now).await?;
                return Ok(Err(OAuthError::invalid_scope(
                    "a refresh cannot widen the granted scope",
                )));
            }
            asked.iter().map(|s| (*s).to_owned()).collect()
        }
    };
    let account = state.store.account_by_id(grant.account_id).await?;
    issue_for_grant(state, client, &grant, account, &scopes).await
}

/// A code or refresh token from the request, present and of a sane length, as its SHA-256 (the
/// store keeps no other form).
fn token_hash(value: &Option<String>, name: &str) -> Result<String, OAuthError> {
    match value.as_deref() {
        Some(v) if !v.is_empty() && v.len() <= 128 => Ok(limen_crypto::sha256_hex(v.as_bytes())),
        _ => Err(OAuthError::invalid_request(format!("{name} is missing"))),
    }
}

/// The tokens of a grant whose refresh token was accepted — unless its account (as
/// read with the grant: `None` when deleted) is no longer active, in which case the grant is
/// revoked.
async fn issue_for_grant(
    state: &AppState,
    client: &OidcClient,
    grant: &Grant,
    account: Option<Account>,
    scopes: &[String],
) -> Answer {
    let Some(account) = account.filter(|a| a.status == AccountStatus::Active) else {
        state.store.revoke_grant(&grant.id, state.now()).await?;
        return Ok(Err(OAuthError::invalid_grant(
            "the account is no longer active",
        )));
    };
    let body = tokens(state, client, &account, grant, scopes).await?;
    crate::metrics::inc(&state.metrics.oidc_tokens);
    Ok(Ok(body))
}

async fn active_account(state: &AppState, id: i64) -> Result<Option<Account>, WebError> {
    Ok(state
        .store
        .account_by_id(id)
        .await?
        .filter(|a| a.status == AccountStatus::Active))
}

pub(super) fn facts(grant: &Grant) -> Result<AuthFacts, WebError> {
    serde_json::from_str(&grant.claims)
        .map_err(|e| WebError::Internal(format!("grant {} facts: {e}", grant.id)))
}

/// The claims of the granted scopes; the account's groups are read only when `groups` was
/// granted (issue 13).
async fn user_claims(
    state: &AppState,
    account: &Account,
    scopes: &[String],
) -> Result<serde_json::Map<String, serde_json::Value>, WebError> {
    let groups = if scopes.iter().any(|s| s == "groups") {
        state.store.account_groups(account.id).await?
    } else {
        Vec::new()
    };
    Ok(claims::user_claims(account, scopes, &groups))
}

/// `sub` of an account for a client (public or pairwise).
pub fn subject(state: &AppState, client: &OidcClient, account: &Account) -> String {
    claims::subject(client, &account.uid, &state.pairwise_key)
}

/// An access token and a refresh token, as handed to the client, and their scope.
struct FreshTokens {
    access: String,
    refresh: String,
    scope: String,
}

impl FreshTokens {
    fn new(scope: String) -> Self {
        Self {
            access: limen_crypto::random_token(32),
            refresh: limen_crypto::random_token(32),
            scope,
        }
    }

    /// What the store keeps of them: their SHA-256s; the access token lives its configured
    /// time, the refresh token as long as its grant.
    fn row(
        &self,
        state: &AppState,
        now: OffsetDateTime,
        grant_expires: OffsetDateTime,
    ) -> NewTokenPair {
        NewTokenPair {
            scope: self.scope.clone(),
            access: (
                limen_crypto::sha256_hex(self.access.as_bytes()),
                now + state.config.oidc.access_token_ttl,
            ),
            refresh: (
                limen_crypto::sha256_hex(self.refresh.as_bytes()),
                grant_expires,
            ),
        }
    }
}

/// Issues an access token, a rotated refresh token and an ID token for a grant (the refresh
/// grant; a code exchange stores its pair while redeeming the code).
async fn tokens(
    state: &AppState,
    client: &OidcClient,
    account: &Account,
    grant: &Grant,
    scopes: &[String],
) -> Result<serde_json::Value, WebError> {
    let now = state.now();
    let fresh = FreshTokens::new(scopes.join(" "));
    state
        .store
        .create_token_pair(&grant.id, now, &fresh.row(state, now, grant.expires_at))
        .await?;
    token_body(state, client, account, grant, scopes, false, fresh, now).await
}

/// The token response for stored tokens: with an ID token signed now; its nonce only on the
/// code's first exchange.
#[allow(clippy::too_many_arguments)]
async fn token_body(
    state: &AppState,
    client: &OidcClient,
    account: &Account,
    grant: &Grant,
    scopes: &[String],
    first: bool,
    fresh: FreshTokens,
    now: OffsetDateTime,
) -> Result<serde_json::Value, WebError> {
    let cfg = &state.config.oidc;
    let key = state
        .keys
        .signer(&state.store, client.signing_alg, now)
        .await?;
    let facts = facts(grant)?;
    let sub = subject(state, client, account);
    let id_token = IdToken {
        issuer: issuer(state),
        client_id: &client.client_id,
        sub: &sub,
        sid: &grant.sid,
        facts: &facts,
        with_nonce: first,
        at_hash: Some(limen_crypto::jose::half_hash(
            client.signing_alg,
            &fresh.access,
        )),
        iat: now.unix_timestamp(),
        exp: (now + cfg.id_token_ttl).unix_timestamp(),
        user: user_claims(state, account, scopes).await?,
    };
    let signed = key
        .sign(&claims::id_token_claims(&id_token), "JWT")
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(json!({
        "access_token": fresh.access,
        "token_type": "Bearer",
        "expires_in": cfg.access_token_ttl.whole_seconds(),
        "refresh_token": fresh.refresh,
        "id_token": signed,
        "scope": fresh.scope,
    }))
}

/// RFC 6750 §3: 401 with the reason in `WWW-Authenticate`.
fn bearer_error(e: &OAuthError) -> Response {
    let mut r = json_response(StatusCode::UNAUTHORIZED, &json!(e));
    let value = format!(
        "Bearer realm=\"limen\", error=\"{}\", error_description=\"{}\"",
        e.error,
        e.error_description.replace('"', "'")
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r
}

/// GET|POST /oidc/userinfo (OIDC Core §5.3): the access token as `Authorization: Bearer`
/// (RFC 6750 §2.1) or, on POST, as the form field `access_token` (§2.2).
pub async fn userinfo(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let header_token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            (v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer "))
                .then(|| v[7..].trim().to_owned())
        });
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let form_token = is_form
        .then(|| {
            url::form_urlencoded::parse(&body)
                .find(|(k, _)| k == "access_token")
                .map(|(_, v)| v.into_owned())
        })
        .flatten()
        .filter(|t| !t.is_empty());
    let token = match (header_token, form_token) {
        (Some(_), Some(_)) => {
            return bearer_error(&OAuthError::invalid_request(
                "send the access token one way only",
            ));
        }
        (Some(t), None) | (None, Some(t)) => t,
        (None, None) => {
            return bearer_error(&OAuthError::invalid_token("an access token is required"));
        }
    };
    match userinfo_inner(&state, &token).await {
        Ok(Ok(body)) => json_response(StatusCode::OK, &body),
        Ok(Err(e)) => bearer_error(&e),
        Err(e) => internal(e),
    }
}

async fn userinfo_inner(state: &AppState, token: &str) -> Answer {
    let invalid = || OAuthError::invalid_token("the access token is invalid, expired or revoked");
    if token.len() > 128 {
        return Ok(Err(invalid()));
    }
    let now = state.now();
    let Some(limen_store::TokenParties {
        info,
        account: Some(account),
        client: Some((_, client)),
    }) = state
        .store
        .valid_token_with_parties(&limen_crypto::sha256_hex(token.as_bytes()), now)
        .await?
        .filter(|p| p.info.kind == "access")
    else {
        return Ok(Err(invalid()));
    };
    if account.status != AccountStatus::Active {
        return Ok(Err(invalid()));
    }
    let scopes: Vec<String> = info.scope.split(' ').map(str::to_owned).collect();
    let mut body = user_claims(state, &account, &scopes).await?;
    body.insert("sub".into(), json!(subject(state, &client, &account)));
    crate::metrics::inc(&state.metrics.oidc_userinfo);
    Ok(Ok(serde_json::Value::Object(body)))
}

/// The body of revocation and introspection requests.
#[derive(Debug, Default)]
pub struct TokenOnlyForm {
    token: Option<String>,
    client: ClientFields,
}

impl TokenOnlyForm {
    /// `token_type_hint` is only a hint (RFC 7009 §2.1): tokens are found by their hash anyway.
    fn parse(body: &[u8]) -> Result<TokenOnlyForm, OAuthError> {
        let p = Params::parse(body);
        if let Some(e) = p.repetition_error() {
            return Err(e);
        }
        Ok(TokenOnlyForm {
            token: p.get("token"),
            client: ClientFields::from_params(&p),
        })
    }
}

/// POST /oidc/revoke (RFC 7009 §2): 200 whether or not the token was known (§2.2), so that the
/// endpoint says nothing about other clients' tokens.
pub async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let form = match TokenOnlyForm::parse(&body) {
        Ok(f) => f,
        Err(e) => return oauth_error(&e),
    };
    let endpoint = format!("{}/oidc/revoke", issuer(&state));
    let result: Result<Result<(), OAuthError>, WebError> = async {
        let (service, _) = match authenticate(&state, &headers, &form.client, &endpoint).await? {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let Some(token) = form.token.as_deref().filter(|t| !t.is_empty()) else {
            return Ok(Err(OAuthError::invalid_request("token is missing")));
        };
        if token.len() <= 128 {
            state
                .store
                .revoke_token(
                    &limen_crypto::sha256_hex(token.as_bytes()),
                    service.id,
                    state.now(),
                )
                .await?;
        }
        Ok(Ok(()))
    }
    .await;
    match result {
        Ok(Ok(())) => json_response(StatusCode::OK, &json!({})),
        Ok(Err(e)) => oauth_error(&e),
        Err(e) => internal(e),
    }
}

/// POST /oidc/introspect (RFC 7662): for confidential clients, about their own tokens only.
pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let form = match TokenOnlyForm::parse(&body) {
        Ok(f) => f,
        Err(e) => return oauth_error(&e),
    };
    let endpoint = format!("{}/oidc/introspect", issuer(&state));
    let result: Answer = async {
        let (service, client) =
            match authenticate(&state, &headers, &form.client, &endpoint).await? {
                Ok(c) => c,
                Err(e) => return Ok(Err(e)),
            };
        if client.auth_method == TokenAuthMethod::None {
            return Ok(Err(OAuthError::invalid_client(
                "introspection is for confidential clients",
            )));
        }
        let Some(token) = form.token.as_deref().filter(|t| !t.is_empty()) else {
            return Ok(Err(OAuthError::invalid_request("token is missing")));
        };
        let inactive = json!({"active": false});
        if token.len() > 128 {
            return Ok(Ok(inactive));
        }
        let now = state.now();
        let Some(info) = state
            .store
            .valid_token(&limen_crypto::sha256_hex(token.as_bytes()), now)
            .await?
            .filter(|i| i.grant.service_id == service.id)
        else {
            return Ok(Ok(inactive));
        };
        let Some(account) = active_account(&state, info.grant.account_id).await? else {
            return Ok(Ok(inactive));
        };
        let facts = facts(&info.grant)?;
        Ok(Ok(json!({
            "active": true,
            "scope": info.scope,
            "client_id": client.client_id,
            "sub": subject(&state, &client, &account),
            "exp": info.expires_at.unix_timestamp(),
            "iat": info.created_at.unix_timestamp(),
            "iss": issuer(&state),
            "aud": client.client_id,
            "token_type": if info.kind == "access" { "Bearer" } else { "refresh_token" },
            "sid": info.grant.sid,
            "auth_time": facts.auth_time,
            "acr": facts.acr,
        })))
    }
    .await;
    match result {
        Ok(Ok(body)) => json_response(StatusCode::OK, &body),
        Ok(Err(e)) => oauth_error(&e),
        Err(e) => internal(e),
    }
}
