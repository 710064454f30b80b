//! The client credentials grant (RFC 6749 §4.4) at `/oidc/token`, for the admin API only: a
//! confidential client granted an admin role (`limen admin client grant`) gets a short-lived,
//! opaque access token for `/admin/api/v1`. No refresh token (§4.4.3); the role is looked up
//! again at each call, so revoking it stops the token at once.

use crate::AppState;
use crate::WebError;
use limen_core::Service;
use limen_core::oidc::OidcClient;
use limen_oidc::OAuthError;
use serde_json::json;

/// The only scope this grant gives.
pub const SCOPE: &str = "limen-admin";

pub(crate) async fn grant(
    state: &AppState,
    service: &Service,
    client: &OidcClient,
    scope: Option<&str>,
    ip: &str,
) -> Result<Result<serde_json::Value, OAuthError>, WebError> {
    // §4.4: confidential clients only (the client was authenticated by the caller).
    if client.is_public() {
        return Ok(Err(OAuthError::unauthorized_client(
            "the client credentials grant is for confidential clients",
        )));
    }
    let Some(role) = state.store.admin_client_role(service.id).await? else {
        return Ok(Err(OAuthError::unauthorized_client(
            "this client holds no admin role (limen admin client grant)",
        )));
    };
    // §3.3: the scope asked must be one the client may have.
    if let Some(s) = scope.filter(|s| !s.is_empty())
        && s.split(' ').any(|one| one != SCOPE)
    {
        return Ok(Err(OAuthError::invalid_scope(format!(
            "the only scope of this grant is {SCOPE}"
        ))));
    }
    let token = limen_crypto::random_token(32);
    let now = state.now();
    let ttl = state.config.admin.token_ttl;
    state
        .store
        .create_admin_token(
            &limen_crypto::sha256_hex(token.as_bytes()),
            service.id,
            now + ttl,
        )
        .await?;
    state
        .authn
        .audit_raw(
            "admin.token_issued",
            None,
            ip,
            json!({"client": client.client_id, "role": role.as_str()}),
        )
        .await;
    Ok(Ok(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": ttl.whole_seconds(),
        "scope": SCOPE,
    })))
}
