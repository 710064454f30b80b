//! OAuth 2.0 Token Exchange (RFC 8693) of a user's access token for a CAS service ticket, as EU
//! Login offers its API clients: an OpenID Connect client registered for it (`limen service add
//! --protocol oidc --token-exchange`) presents an access token it was issued and names a CAS
//! service (`resource`); it gets a service ticket for that service, which it sends to the service
//! as a CAS client would, and the service validates it as usual.
//!
//! Request (RFC 8693 §2.1), at the token endpoint, client authenticated:
//! `grant_type=urn:ietf:params:oauth:grant-type:token-exchange`,
//! `subject_token=<access token>`,
//! `subject_token_type=urn:ietf:params:oauth:token-type:access_token`,
//! `requested_token_type=urn:ietf:params:oauth:token-type:cas_ticket`,
//! `resource=<the CAS service URL>`. Response (§2.2.1): `access_token` (the ticket),
//! `issued_token_type`, `token_type` `N_A`, `expires_in`.
//!
//! The ticket carries nothing the access token did not: the same account, the same SSO session
//! (which must still be alive and still hold the proof), the strength and time of the original
//! authentication, `from_new_login` false (a `renew` validation refuses it). Only the client the
//! access token was issued to may exchange it.

use super::token::facts;
use crate::AppState;
use crate::error::WebError;
use limen_core::{Proof, ServiceProtocol, Strength};
use limen_oidc::OAuthError;
use serde_json::json;

/// RFC 8693 §2.1 `grant_type`.
pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
/// RFC 8693 §3: an OAuth 2.0 access token.
pub const ACCESS_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:access_token";
/// EU Login's token type for a CAS service ticket (not in the IANA registry of RFC 8693 §3).
pub const CAS_TICKET_TYPE: &str = "urn:ietf:params:oauth:token-type:cas_ticket";

/// The token-exchange parameters of a token request.
#[derive(Debug, Default)]
pub struct ExchangeForm {
    pub subject_token: Option<String>,
    pub subject_token_type: Option<String>,
    pub requested_token_type: Option<String>,
    pub resource: Option<String>,
    pub audience: Option<String>,
    pub actor_token: Option<String>,
}

type Answer = Result<Result<serde_json::Value, OAuthError>, WebError>;

/// RFC 8693 §2.2.2: `invalid_target` when the resource is unknown or unacceptable.
fn invalid_target(why: &str) -> OAuthError {
    OAuthError::invalid_target(why)
}

/// A token exchange by `client` (already authenticated, registered as `client_service`).
pub async fn exchange(
    state: &AppState,
    client_service: &limen_core::Service,
    client_id: &str,
    form: &ExchangeForm,
    ip: &str,
) -> Answer {
    if !state.store.client_may_exchange(client_service.id).await? {
        return Ok(Err(OAuthError::unauthorized_client(
            "this client may not exchange tokens for CAS tickets",
        )));
    }
    if form.actor_token.is_some() {
        // §2.1: delegation is optional; Limen offers impersonation only.
        return Ok(Err(OAuthError::invalid_request(
            "actor_token is not supported",
        )));
    }
    if form.requested_token_type.as_deref() != Some(CAS_TICKET_TYPE) {
        return Ok(Err(OAuthError::invalid_request(format!(
            "requested_token_type must be {CAS_TICKET_TYPE}"
        ))));
    }
    if form.subject_token_type.as_deref() != Some(ACCESS_TOKEN_TYPE) {
        return Ok(Err(OAuthError::invalid_request(format!(
            "subject_token_type must be {ACCESS_TOKEN_TYPE}"
        ))));
    }
    let Some(subject_token) = form.subject_token.as_deref().filter(|t| !t.is_empty()) else {
        return Ok(Err(OAuthError::invalid_request("subject_token is missing")));
    };
    let Some(resource) = form.resource.as_deref().filter(|r| !r.is_empty()) else {
        return Ok(Err(OAuthError::invalid_request(
            "resource (the CAS service URL) is missing",
        )));
    };
    if form.audience.as_deref().is_some_and(|a| a != resource) {
        return Ok(Err(invalid_target(
            "audience, when given, must be the resource URL",
        )));
    }
    let invalid_grant =
        || OAuthError::invalid_grant("the subject token is invalid, expired or revoked");
    if subject_token.len() > 128 {
        return Ok(Err(invalid_grant()));
    }
    let now = state.now();
    let Some(info) = state
        .store
        .valid_token(&limen_crypto::sha256_hex(subject_token.as_bytes()), now)
        .await?
        .filter(|i| i.kind == "access")
    else {
        return Ok(Err(invalid_grant()));
    };
    // RFC 8693 §2.1 leaves the subject token's acceptability to the server: only the client it
    // was issued to may exchange it (another client holding it is refused as if it were unknown).
    if info.grant.service_id != client_service.id {
        return Ok(Err(invalid_grant()));
    }
    let Some(account) = state
        .store
        .account_by_id(info.grant.account_id)
        .await?
        .filter(|a| a.status == limen_core::AccountStatus::Active)
    else {
        return Ok(Err(invalid_grant()));
    };
    // The registry never matches a URL with a control character (UrlPattern::matches).
    let Some(target) = state
        .store
        .service_for_url(resource)
        .await?
        .filter(|s| s.protocol == ServiceProtocol::Cas)
    else {
        return Ok(Err(invalid_target(
            "resource is not a registered CAS service",
        )));
    };
    let facts = facts(&info.grant)?;
    let Ok(strength) = facts.strength.parse::<Strength>() else {
        return Ok(Err(invalid_grant()));
    };
    // A ticket is bound to a live SSO session that still holds the proof (a removed key or
    // PANIC strips it): the exchange cannot outlive what the user's sign-in still proves.
    let session = match info.grant.session_id.as_deref() {
        Some(id) => state.store.session(id).await?,
        None => None,
    };
    let Some(session) = session
        .filter(|s| !s.is_expired(state.authn.config().session, now))
        .filter(|s| s.account_id == account.id)
        .filter(|s| s.proofs.iter().any(|p| p.strength == strength))
    else {
        return Ok(Err(OAuthError::invalid_grant(
            "the sign-in behind the subject token has ended",
        )));
    };
    if !target.accepted_strengths.is_empty() && !target.accepted_strengths.contains(&strength) {
        return Ok(Err(invalid_target(&format!(
            "the service does not accept the strength {strength} of this sign-in"
        ))));
    }
    if account.assurance < target.min_assurance {
        return Ok(Err(invalid_target(
            "the account's identity assurance is below the service's minimum",
        )));
    }
    let proof = Proof {
        strength,
        at: time::OffsetDateTime::from_unix_timestamp(facts.auth_time).unwrap_or(now),
        device: None,
    };
    let ticket =
        crate::cas::issue_service_ticket(state, &session, &target, resource, &proof, false, None)
            .await?;
    crate::authn::audit(
        state,
        "oidc.token_exchange",
        Some(account.id),
        ip,
        json!({ "client_id": client_id, "service": target.name, "strength": strength.as_str() }),
    )
    .await;
    // §2.2.1: `token_type` N_A: the ticket is not an OAuth access token.
    Ok(Ok(json!({
        "access_token": ticket,
        "issued_token_type": CAS_TICKET_TYPE,
        "token_type": "N_A",
        "expires_in": state.config.service_ticket_ttl.whole_seconds(),
    })))
}
