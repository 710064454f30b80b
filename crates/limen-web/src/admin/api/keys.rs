//! Signing keys (issue 21 item 1): Limen's OpenID Connect keys (JWS, published at `/oidc/jwks`)
//! and its SAML IdP keys (published in `/saml/metadata`, docs/SAML.md §11). Public parts only:
//! a key's private half and its sealed column never leave the store through this module.
//! Rotation calls the functions `limen keys rotate` calls.

use super::accounts::reason_of;
use super::{ApiJson, ApiResult, BASE, Caller, Problem, with_reason};
use crate::AppState;
use crate::admin::rfc3339;
use crate::context::ClientIp;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use limen_core::Capability;
use limen_core::oidc::JwsAlg;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

/// One signing key, public parts only.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyView {
    pub kid: String,
    /// oidc or saml.
    pub kind: String,
    /// Always `sig` (RFC 7517 §4.2).
    #[serde(rename = "use")]
    pub key_use: String,
    /// OIDC: ES256, RS256 or EdDSA; SAML: SAML-RSA or SAML-EC.
    pub alg: String,
    pub created: String,
    /// When it signs from (SAML keys are published before they sign).
    pub activates: String,
    /// When it stopped (or stops) signing.
    pub retired: Option<String>,
    /// Published until then.
    pub publish_until: Option<String>,
    /// next, current or previous.
    pub state: String,
    /// OIDC: the public key as a JWK (RFC 7517).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub public_jwk: Option<serde_json::Value>,
    /// SAML: the self-signed certificate, base64 DER.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// SAML: the certificate's SHA-256 fingerprint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KeyList {
    pub items: Vec<KeyView>,
    /// Always absent: every published key is in one answer.
    pub next_cursor: Option<String>,
}

fn state_of(
    now: time::OffsetDateTime,
    activates: time::OffsetDateTime,
    retired: Option<time::OffsetDateTime>,
) -> &'static str {
    if activates > now {
        "next"
    } else if retired.is_some_and(|r| r <= now) {
        "previous"
    } else {
        "current"
    }
}

/// Every published signing key, OpenID Connect then SAML.
#[utoipa::path(get, path = "/admin/api/v1/keys", tag = "keys", operation_id = "listKeys",
    responses(
        (status = 200, description = "The published keys", body = KeyList),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<KeyList>> {
    caller.require(Capability::ReadRegistry)?;
    let now = state.now();
    let mut items = Vec::new();
    for k in state.store.signing_keys(now).await? {
        items.push(KeyView {
            state: state_of(now, k.created_at, k.retired_at).to_owned(),
            kid: k.kid,
            kind: "oidc".into(),
            key_use: "sig".into(),
            alg: k.alg,
            created: rfc3339(k.created_at),
            activates: rfc3339(k.created_at),
            retired: k.retired_at.map(rfc3339),
            publish_until: k.publish_until.map(rfc3339),
            public_jwk: serde_json::from_str(&k.public_jwk).ok(),
            certificate: None,
            fingerprint: None,
        });
    }
    for k in state.store.saml_keys(now).await? {
        use base64::Engine as _;
        let fingerprint = base64::engine::general_purpose::STANDARD
            .decode(k.certificate.as_bytes())
            .ok()
            .map(|der| crate::registry::saml::fingerprint(&der));
        items.push(KeyView {
            state: state_of(now, k.activates_at, k.retired_at).to_owned(),
            kid: k.kid,
            kind: "saml".into(),
            key_use: "sig".into(),
            alg: k.alg,
            created: rfc3339(k.created_at),
            activates: rfc3339(k.activates_at),
            retired: k.retired_at.map(rfc3339),
            publish_until: k.publish_until.map(rfc3339),
            public_jwk: None,
            certificate: Some(k.certificate),
            fingerprint,
        });
    }
    Ok(Json(KeyList {
        items,
        next_cursor: None,
    }))
}

/// A rotation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rotate {
    /// oidc or saml.
    pub kind: String,
    /// OIDC: ES256 (default), RS256 or EdDSA. SAML: SAML-RSA (default) or SAML-EC.
    pub alg: Option<String>,
    /// SAML: the new key signs at once (a compromised key) instead of after
    /// `[saml] key_prepublish_days`; service providers refuse Limen's answers until they load
    /// the metadata again. OpenID Connect keys always rotate at once.
    #[serde(default)]
    pub immediately: bool,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// What a rotation did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Rotated {
    /// A sentence saying what happened.
    pub done: String,
    /// The new key.
    pub kid: String,
    pub alg: String,
    /// When it signs from.
    pub activates: String,
    /// The keys it replaces (they stay published for a while).
    pub replaces: Vec<String>,
}

/// Rotate a signing key: OIDC — a new key signs now, the old one stays published until the
/// tokens it signed have expired; SAML — a new key is published now and signs after the
/// pre-publication delay (or at once with `immediately`).
#[utoipa::path(post, path = "/admin/api/v1/keys/rotate", tag = "keys", operation_id = "rotateKey",
    request_body = Rotate,
    responses(
        (status = 200, description = "Rotated", body = Rotated),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn rotate(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiJson(r): ApiJson<Rotate>,
) -> ApiResult<Json<Rotated>> {
    caller.require(Capability::ManageRegistry)?;
    let reason = reason_of(r.reason.as_deref())?;
    let done = with_reason(reason, rotate_key(&state, &r, &ip)).await?;
    Ok(Json(done))
}

/// Rotates a key as `r` says, with the same functions `limen keys rotate` and `limen service
/// keys rotate` call, and audits it (`key.rotated`): the API's and the console's one way.
pub(crate) async fn rotate_key(state: &AppState, r: &Rotate, ip: &str) -> Result<Rotated, Problem> {
    let now = state.now();
    let done = match r.kind.as_str() {
        "oidc" => {
            if r.immediately {
                return Err(Problem::invalid(
                    "immediately",
                    "OpenID Connect keys always rotate at once",
                ));
            }
            let alg: JwsAlg = r
                .alg
                .as_deref()
                .unwrap_or("ES256")
                .parse()
                .map_err(|e: String| Problem::invalid("alg", e))?;
            let overlap = state.config.oidc.key_overlap();
            let old: Vec<String> = state
                .store
                .signing_keys(now)
                .await?
                .into_iter()
                .filter(|k| k.alg == alg.as_str() && k.retired_at.is_none())
                .map(|k| k.kid)
                .collect();
            let key =
                crate::oidc::keys::rotate(&state.store, state.keys.sealer(), alg, now, overlap)
                    .await?;
            state.keys.invalidate();
            Rotated {
                done: format!(
                    "a new {alg} key signs now; the keys it replaces stay published for {} minutes",
                    overlap.whole_minutes()
                ),
                kid: key.kid.clone(),
                alg: alg.as_str().to_owned(),
                activates: rfc3339(now),
                replaces: old,
            }
        }
        "saml" => {
            let name = r.alg.as_deref().unwrap_or(crate::saml::keys::ALG_RSA);
            let alg = crate::saml::keys::parse_alg(&name.to_ascii_uppercase())
                .ok_or_else(|| Problem::invalid("alg", "SAML keys are SAML-RSA or SAML-EC"))?;
            let settings = &state.config.saml;
            let prepublish = if r.immediately {
                time::Duration::ZERO
            } else {
                settings.key_prepublish
            };
            let rotated = crate::saml::keys::rotate(
                &state.store,
                state.saml_keys.sealer(),
                alg,
                &state.config.public_url,
                now,
                prepublish,
                settings.key_overlap,
            )
            .await?;
            state.saml_keys.invalidate();
            Rotated {
                done: if r.immediately {
                    "the new key signs now: service providers must load Limen's metadata again"
                        .to_owned()
                } else {
                    format!(
                        "the new key is published now and signs from {}",
                        rfc3339(rotated.activates_at)
                    )
                },
                kid: rotated.kid,
                alg: crate::saml::keys::alg_name(alg).to_owned(),
                activates: rfc3339(rotated.activates_at),
                replaces: rotated.retired,
            }
        }
        _ => return Err(Problem::invalid("kind", "kind must be oidc or saml")),
    };
    state
        .authn
        .audit_raw(
            "key.rotated",
            None,
            ip,
            json!({"kind": r.kind, "kid": done.kid, "alg": done.alg, "replaces": done.replaces}),
        )
        .await;
    Ok(done)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, rotate),
    components(schemas(KeyView, KeyList, Rotate, Rotated))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/keys"), get(list))
        .route(&format!("{BASE}/keys/rotate"), post(rotate))
}
