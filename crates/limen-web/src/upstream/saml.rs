//! eIDAS nodes (SAML 2.0) as upstream identity providers (issue 19, docs/FEDERATION.md §5): the
//! signed AuthnRequest (HTTP-Redirect binding), the SP metadata, and the assertion consumer
//! service. The XML security is `limen-saml`'s; this module only moves messages and keeps the
//! transaction.
//!
//! The ACS receives a cross-site POST, which carries none of the browser's `SameSite=Lax`
//! cookies: it verifies the response (which needs no cookie), records the verified identity in
//! the transaction named by `RelayState`, and sends the browser to the GET callback, where the
//! browser binding is checked and the login goes on as for OpenID Connect.

use super::failed;
use crate::context::Ctx;
use crate::{AppState, WebError};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use limen_authn::upstream::{Arrived, Away};
use limen_core::Strength;
use limen_saml::{Loa, SpConfig, SpKeys};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

fn yes() -> bool {
    true
}

fn public() -> String {
    "public".into()
}

/// One `[[upstream]]` table of `kind = "saml_eidas"`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamlEntry {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub idp_entity_id: String,
    pub idp_sso_url: String,
    /// PEM files of the node's signing certificates: pinned (metadata cannot replace them).
    pub idp_certificates: Vec<PathBuf>,
    /// The destination country (`YY` of `PersonIdentifier` `XX/YY/…`).
    pub sp_country: String,
    #[serde(default = "public")]
    pub sp_type: String,
    #[serde(default)]
    pub accepted_countries: Vec<String>,
    /// RSA PKCS#1 v1.5 signatures (outside the eIDAS profile; for test IdPs).
    #[serde(default)]
    pub allow_rsa_pkcs1: bool,
    /// The least level requested: `substantial` (default) or `high`; `low` is never accepted.
    #[serde(default)]
    pub minimum_loa: Option<String>,
    #[serde(default = "yes")]
    pub sign_up: bool,
}

/// A checked eIDAS upstream: its entry and the pinned certificates, read.
#[derive(Debug, Clone)]
pub struct SamlUpstream {
    pub entry: SamlEntry,
    pub certificates: Vec<Vec<u8>>,
    pub minimum: Loa,
}

/// The DER certificates of a PEM file.
fn pem_certificates(text: &str) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut inside: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line == "-----BEGIN CERTIFICATE-----" {
            inside = Some(String::new());
        } else if line == "-----END CERTIFICATE-----" {
            if let Some(b64) = inside.take()
                && let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64)
            {
                out.push(der);
            }
        } else if let Some(b64) = inside.as_mut() {
            b64.push_str(line);
        }
    }
    out
}

impl SamlUpstream {
    /// Checks an entry and reads its certificates; the error names the entry and the field.
    pub fn load(entry: SamlEntry) -> Result<Self, String> {
        let bad = |why: String| Err(format!("[[upstream]] {}: {why}", entry.id));
        if entry.kind != "saml_eidas" {
            return bad(format!("kind {:?} is not saml_eidas", entry.kind));
        }
        let slug = !entry.id.is_empty()
            && entry.id.len() <= 32
            && entry
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug {
            return bad("id must be 1 to 32 characters of a-z, 0-9 and -".into());
        }
        let minimum = match entry.minimum_loa.as_deref() {
            None | Some("substantial") => Loa::Substantial,
            Some("high") => Loa::High,
            Some(other) => {
                return bad(format!(
                    "minimum_loa {other:?} must be substantial or high (low is never accepted)"
                ));
            }
        };
        let url_ok = |u: &str| {
            url::Url::parse(u).is_ok_and(|u| {
                u.scheme() == "https"
                    || (u.scheme() == "http"
                        && matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")))
            })
        };
        if !url_ok(&entry.idp_sso_url) {
            return bad("idp_sso_url must be an https URL".into());
        }
        let country = &entry.sp_country;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return bad(format!(
                "sp_country {country:?} must be two capital letters (ISO 3166-1)"
            ));
        }
        if !matches!(entry.sp_type.as_str(), "public" | "private") {
            return bad(format!(
                "sp_type {:?} must be public or private",
                entry.sp_type
            ));
        }
        if entry
            .accepted_countries
            .iter()
            .any(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return bad("accepted_countries must be two capital letters each".into());
        }
        if entry.idp_entity_id.trim().is_empty() {
            return bad("idp_entity_id is empty".into());
        }
        let mut certificates = Vec::new();
        for path in &entry.idp_certificates {
            let text = std::fs::read_to_string(path).map_err(|e| {
                format!(
                    "[[upstream]] {}: cannot read {}: {e}",
                    entry.id,
                    path.display()
                )
            })?;
            let found = pem_certificates(&text);
            if found.is_empty() {
                return bad(format!("{} holds no PEM certificate", path.display()));
            }
            for der in &found {
                limen_saml::dsig::PublicKey::from_certificate(der)
                    .map_err(|e| format!("[[upstream]] {}: {}: {e}", entry.id, path.display()))?;
            }
            certificates.extend(found);
        }
        if certificates.is_empty() {
            return bad(
                "idp_certificates is empty: the node's signing certificate must be pinned".into(),
            );
        }
        Ok(Self {
            entry,
            certificates,
            minimum,
        })
    }

    pub fn id(&self) -> &str {
        &self.entry.id
    }

    /// The SP side of this upstream, at Limen's public URL.
    pub(crate) fn sp(&self, public_url: &str) -> SpConfig {
        let base = format!("{public_url}/upstream/{}", self.entry.id);
        SpConfig {
            sp_entity_id: format!("{base}/metadata"),
            acs_url: format!("{base}/acs"),
            idp_entity_id: self.entry.idp_entity_id.clone(),
            idp_sso_url: self.entry.idp_sso_url.clone(),
            idp_certificates: self.certificates.clone(),
            sp_country: self.entry.sp_country.clone(),
            sp_type: self.entry.sp_type.clone(),
            accepted_countries: self.entry.accepted_countries.clone(),
            allow_rsa_pkcs1: self.entry.allow_rsa_pkcs1,
            request_binding: limen_saml::Binding::Redirect,
        }
    }
}

/// What the transaction keeps while the browser is at the node.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Pending {
    pub request_id: String,
    pub loa: Loa,
}

/// Limen's SP keys: made once (the first start with an eIDAS upstream), kept sealed under the
/// master key in the shared settings, the same on every node.
pub(crate) async fn load_keys(
    store: &limen_store::Store,
    master: &crate::MasterKey,
) -> Result<SpKeys, WebError> {
    use base64::Engine as _;
    const NAME: &str = "saml_sp_keys";
    let b64 = base64::engine::general_purpose::STANDARD;
    let sealer = limen_crypto::sealed::SecretBox::new(&master.0);
    let sealed = match store.setting(NAME).await? {
        Some(s) => s,
        None => {
            let keys = SpKeys::generate("Limen eIDAS service provider")
                .map_err(|e| WebError::Internal(format!("SAML keys: {e}")))?;
            let json = serde_json::json!([
                b64.encode(&keys.signing_pkcs8),
                b64.encode(&keys.signing_cert_der),
                b64.encode(&keys.encryption_pkcs8),
                b64.encode(&keys.encryption_cert_der),
            ])
            .to_string();
            store
                .setting_or_init(NAME, &sealer.seal(json.as_bytes(), NAME.as_bytes()))
                .await?
        }
    };
    let bad = |why: &str| WebError::Internal(format!("SAML keys: {why}"));
    let json = sealer
        .open(&sealed, NAME.as_bytes())
        .map_err(|_| bad("cannot be opened with this master key"))?;
    let parts: Vec<String> = serde_json::from_slice(&json).map_err(|_| bad("corrupt"))?;
    let [a, b, c, d] = parts.as_slice() else {
        return Err(bad("corrupt"));
    };
    let de = |s: &str| b64.decode(s).map_err(|_| bad("corrupt"));
    Ok(SpKeys {
        signing_pkcs8: de(a)?,
        signing_cert_der: de(b)?,
        encryption_pkcs8: de(c)?,
        encryption_cert_der: de(d)?,
    })
}

/// The AuthnRequest to the node, for `away` (kept under `relay_state`).
pub(crate) async fn start(
    state: &AppState,
    ctx: &Ctx,
    upstream: &SamlUpstream,
    mut away: Away,
    loa: Loa,
) -> Result<Response, WebError> {
    let Some(keys) = state.upstreams.saml_keys() else {
        return failed(
            ctx,
            StatusCode::BAD_GATEWAY,
            "upstream-unreachable",
            &away.target,
        );
    };
    let relay_state = limen_crypto::random_token(32);
    // Never below the node's configured minimum.
    let loa = loa.max(upstream.minimum);
    let request = match limen_saml::authn_request(
        &upstream.sp(&state.config.public_url),
        keys,
        loa,
        &relay_state,
        state.now(),
    ) {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(upstream = %upstream.id(), error = %e, "eIDAS AuthnRequest");
            return failed(
                ctx,
                StatusCode::BAD_GATEWAY,
                "upstream-unreachable",
                &away.target,
            );
        }
    };
    away.protocol = serde_json::to_value(Pending {
        request_id: request.id,
        loa,
    })
    .map_err(|e| WebError::Internal(format!("upstream: {e}")))?;
    state.authn.upstream_leave(&relay_state, &away).await?;
    match request.redirect_url {
        Some(url) => Ok(ctx.redirect(&url)),
        None => Err(WebError::Internal("eIDAS: no redirect URL".into())),
    }
}

/// GET /upstream/{id}/metadata: the SP metadata, signed (FEDERATION.md §5.2).
pub async fn metadata(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (Some(upstream), Some(keys)) = (state.upstreams.saml(&id), state.upstreams.saml_keys())
    else {
        return Ok((StatusCode::NOT_FOUND, "no such eIDAS upstream").into_response());
    };
    let xml = limen_saml::metadata(&upstream.sp(&state.config.public_url), keys, state.now())
        .map_err(|e| WebError::Internal(format!("SAML metadata: {e}")))?;
    Ok((
        [(header::CONTENT_TYPE, "application/samlmetadata+xml")],
        xml,
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct AcsForm {
    #[serde(default, rename = "SAMLResponse")]
    saml_response: String,
    #[serde(default, rename = "RelayState")]
    relay_state: String,
}

/// Responses one client address may post to the ACS per minute (a person signs in a few times).
const ACS_PER_MINUTE: i64 = 30;

/// Longest `SAMLResponse` read (base64 of the 64 KiB the verifier accepts).
const MAX_RESPONSE: usize = 96 * 1024;

/// POST /upstream/{id}/acs: the node's response (SAML Bindings §3.5, HTTP-POST).
pub async fn acs(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<AcsForm>,
) -> Result<Response, WebError> {
    let Some(upstream) = state.upstreams.saml(&id) else {
        return failed(
            &ctx,
            StatusCode::NOT_FOUND,
            "upstream-unknown",
            "/cas/login",
        );
    };
    // Verification costs work before any key is known: bounded per client address.
    let key = format!("saml-acs:{}", ctx.client_ip);
    if state
        .store()
        .throttle_fail(&key, state.now(), time::Duration::minutes(1))
        .await?
        > ACS_PER_MINUTE
    {
        let status = StatusCode::TOO_MANY_REQUESTS;
        return failed(&ctx, status, "upstream-refused", "/cas/login");
    }
    let Some(keys) = state.upstreams.saml_keys() else {
        return failed(
            &ctx,
            StatusCode::NOT_FOUND,
            "upstream-unknown",
            "/cas/login",
        );
    };
    // The transaction named by RelayState, not taken (the browser binding is checked on the
    // GET that follows); an unsolicited response names none.
    let Some(mut away) = state.authn.upstream_peek(&form.relay_state, &id).await? else {
        return failed(&ctx, StatusCode::BAD_REQUEST, "upstream-gone", "/cas/login");
    };
    let Ok(pending) = serde_json::from_value::<Pending>(away.protocol.clone()) else {
        // Already answered (a second POST of a response): the identity is in the transaction.
        let why = "response for a request already answered";
        return refused(&state, &ctx, &id, why, &away.target).await;
    };
    if form.saml_response.len() > MAX_RESPONSE {
        return refused(&state, &ctx, &id, "response too large", &away.target).await;
    }
    let verified = limen_saml::verify_response(
        &upstream.sp(&state.config.public_url),
        keys,
        &form.saml_response,
        &pending.request_id,
        pending.loa,
        state.now(),
    );
    let identity = match verified {
        Ok(identity) => identity,
        Err(e) => return refused(&state, &ctx, &id, &e.to_string(), &away.target).await,
    };
    // SAML Profiles §4.1.4.5: an assertion is consumed once, on every node.
    let id_hash = limen_crypto::sha256_hex(
        format!("{}\n{}", identity.issuer, identity.assertion_id).as_bytes(),
    );
    if !state
        .store()
        .saml_assertion_first_use(&id_hash, identity.not_on_or_after, state.now())
        .await?
    {
        return refused(&state, &ctx, &id, "assertion replayed", &away.target).await;
    }
    let arrived = Arrived {
        upstream: id.clone(),
        strength: Strength::Eidas,
        level: (identity.loa == Loa::High).then_some(limen_core::AuthLevel::High),
        issuer: identity.issuer.clone(),
        subject: identity.person_identifier.clone(),
        email: None,
        email_verified: false,
        given_name: Some(
            identity
                .given_name_latin
                .clone()
                .unwrap_or_else(|| identity.given_name.clone()),
        ),
        family_name: Some(
            identity
                .family_name_latin
                .clone()
                .unwrap_or_else(|| identity.family_name.clone()),
        ),
        locale: None,
        display: format!("eID ({})", identity.country),
        sign_up: upstream.entry.sign_up,
    };
    away.protocol = serde_json::json!({ "verified": arrived, "loa": identity.loa });
    // A new token for the GET, known only to the browser that posted this response: the browser
    // that started the login (which knows RelayState) cannot redeem another person's identity
    // (a login started by an attacker, finished at the node by a victim), and the GET still
    // checks that the transaction's browser is this one.
    let Some(fresh) = state
        .authn
        .upstream_replace(&form.relay_state, &away)
        .await?
    else {
        return refused(&state, &ctx, &id, "request already answered", "/cas/login").await;
    };
    Ok(ctx.redirect(&format!("/upstream/{id}/callback?state={fresh}")))
}

/// A refused response: audited with its precise reason; the page says only that it could not
/// be verified.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    reason: &str,
    target: &str,
) -> Result<Response, WebError> {
    tracing::warn!(upstream = %id, %reason, "eIDAS response refused");
    state
        .authn
        .audit_raw(
            "upstream.login.failure",
            None,
            &ctx.client_ip,
            serde_json::json!({"upstream": id, "reason": reason}),
        )
        .await;
    failed(ctx, StatusCode::BAD_REQUEST, "upstream-refused", target)
}

/// The identity the ACS verified for this transaction, if it is one of SAML's.
pub(crate) fn verified(away: &Away) -> Option<Arrived> {
    serde_json::from_value(away.protocol.get("verified")?.clone()).ok()
}
