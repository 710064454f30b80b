//! The signature receipt: a JWS (RFC 7515, compact serialisation) signed with Limen's OpenID
//! Connect signing key — the key set published at `/oidc/jwks` — so that a service verifies it
//! offline with that key set alone and keeps it as evidence.
//!
//! Its `typ` is `limen-sign-receipt+jwt` (RFC 7515 §4.1.9; the media type
//! `application/limen-sign-receipt+jwt` in the `+jwt` structured syntax of RFC 8417 §7.2 style,
//! RFC 8725 §3.11 "explicit typing"), so that it can never be taken for an ID token, a logout
//! token or any other JWT Limen signs with the same keys.

use crate::{AppState, WebError};
use limen_authn::sign::Signed;
use limen_core::oidc::JwsAlg;
use limen_store::SignatureRequest;
use serde_json::{Value, json};

/// The receipt's JOSE `typ`.
pub const TYP: &str = "limen-sign-receipt+jwt";

/// The receipt's claims (docs/SIGNING.md "The receipt").
pub(crate) fn claims(state: &AppState, request: &SignatureRequest, signed: &Signed) -> Value {
    let mut claims = json!({
        "iss": state.config.public_url,
        "aud": request.audience,
        "jti": request.id,
        "iat": state.now().unix_timestamp(),
        "sub": request.subject,
        "txn": signed.binding.data(),
        "txn_hash": signed.binding.digest,
        "method": signed.method.strength().as_str(),
    });
    if let Some(map) = claims.as_object_mut() {
        if let Some(d) = &signed.device {
            map.insert(
                "device".into(),
                json!({"id": d.id, "kind": d.kind, "name": d.name}),
            );
        }
        if let Some(e) = &signed.evidence {
            map.insert("evidence".into(), e.clone());
        }
    }
    claims
}

/// Signs the receipt of `signed` (ES256, the key published first).
pub(crate) async fn make(
    state: &AppState,
    request: &SignatureRequest,
    signed: &Signed,
) -> Result<String, WebError> {
    let key = state
        .keys
        .signer(&state.store, JwsAlg::Es256, state.now())
        .await?;
    key.sign(&claims(state, request, signed), TYP)
        .map_err(|e| WebError::Internal(format!("signature receipt: {e}")))
}
