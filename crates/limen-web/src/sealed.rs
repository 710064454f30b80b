//! Values the login pages carry in their URL instead of the store: `base64url(JSON).HMAC`, the MAC
//! (HMAC-SHA-256 under the key every node shares, domain-separated per use and from the CSRF
//! tokens made with the same key) checked in constant time before anything is decoded. The
//! pending OpenID Connect authorization request and the pending SAML AuthnRequest travel so;
//! their expiry is inside the value and checked by the caller.

use crate::{AppState, WebError};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn mac(state: &AppState, domain: &str, payload: &str) -> String {
    limen_crypto::hmac_sha256_hex(
        &state.csrf_key,
        format!("{domain}\u{0}{payload}").as_bytes(),
    )
}

/// `value` sealed under `domain`.
pub(crate) fn seal<T: Serialize>(
    state: &AppState,
    domain: &str,
    value: &T,
) -> Result<String, WebError> {
    let json =
        serde_json::to_vec(value).map_err(|e| WebError::Internal(format!("{domain}: {e}")))?;
    let payload = URL_SAFE_NO_PAD.encode(json);
    let tag = mac(state, domain, &payload);
    Ok(format!("{payload}.{tag}"))
}

/// The value `sealed` carries, if it is at most `max_len` long and its MAC under `domain` is right.
pub(crate) fn open<T: DeserializeOwned>(
    state: &AppState,
    domain: &str,
    sealed: &str,
    max_len: usize,
) -> Option<T> {
    if sealed.len() > max_len {
        return None;
    }
    let (payload, tag) = sealed.rsplit_once('.')?;
    if !limen_crypto::constant_time_eq(mac(state, domain, payload).as_bytes(), tag.as_bytes()) {
        return None;
    }
    let json = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&json).ok()
}
