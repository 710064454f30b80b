//! Transaction signing (issue 18, docs/SIGNING.md): a service asks a user to confirm a
//! transaction with a second factor bound to the data, and receives a receipt it can verify
//! offline with Limen's published keys.
//!
//! - `api`: the service's side — create a request, redeem the one-time result handle, read a
//!   request's status and receipt (server to server, authenticated);
//! - `page`: the user's side — the signing page ("Requested by <service>"), the password and the
//!   method, then the method's challenge bound to the transaction (the engine's
//!   [`limen_authn::Binding::Sign`]); no SSO session is made or extended;
//! - `receipt`: the signed receipt (a JWS, `typ` [`receipt::TYP`]).

pub(crate) mod api;
pub(crate) mod page;
pub(crate) mod receipt;

use crate::{AppState, WebError};
use limen_authn::sign::{SignBinding, SignField};
use limen_core::{Method, Strength};
use limen_store::SignatureRequest;

/// What the challenge pages show of the transaction being signed.
#[derive(Debug, Clone)]
pub struct Summary {
    pub title: String,
    pub fields: Vec<SignField>,
}

/// The stored request's fields; `None` if the stored JSON is not what was written.
pub(crate) fn fields_of(r: &SignatureRequest) -> Option<Vec<SignField>> {
    serde_json::from_str(&r.fields).ok()
}

/// The methods a stored request accepts (in [`limen_authn::sign::SIGNING_METHODS`] order).
pub(crate) fn methods_of(r: &SignatureRequest) -> Vec<Method> {
    let names: Vec<String> = serde_json::from_str(&r.strengths).unwrap_or_default();
    limen_authn::sign::SIGNING_METHODS
        .into_iter()
        .filter(|m| names.iter().any(|n| n == m.strength().as_str()))
        .collect()
}

/// The method whose strength is `s`, if it can sign.
pub(crate) fn signing_method(s: Strength) -> Option<Method> {
    limen_authn::sign::SIGNING_METHODS
        .into_iter()
        .find(|m| m.strength() == s)
}

/// The binding of a stored request, recomputed from what is stored now, with the service's
/// current name; `None` when the data no longer matches the digest taken at creation (changed
/// in the store or in transit: nothing may be signed then).
pub(crate) async fn binding_of(
    state: &AppState,
    r: &SignatureRequest,
) -> Result<Option<(SignBinding, String)>, WebError> {
    let Some(service) = state.store.service_by_id(r.service_id).await? else {
        return Ok(None);
    };
    let Some(fields) = fields_of(r) else {
        return Ok(None);
    };
    let binding = SignBinding::new(&r.id, &service.name, &r.title, fields);
    if !limen_crypto::constant_time_eq(binding.digest.as_bytes(), r.digest.as_bytes()) {
        return Ok(None);
    }
    Ok(Some((binding, service.name)))
}

/// Where the user goes back to the service: the return URL with `result=<handle>` added to its
/// query (RFC 3986 §3.4).
pub(crate) fn return_to(return_url: &str, handle: &str) -> String {
    let (base, fragment) = match return_url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (return_url, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut out = format!("{base}{sep}result={}", crate::encode(handle));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_goes_into_the_query() {
        assert_eq!(
            return_to("https://a.example/done", "h"),
            "https://a.example/done?result=h"
        );
        assert_eq!(
            return_to("https://a.example/done?x=1#top", "h"),
            "https://a.example/done?x=1&result=h#top"
        );
    }
}
