//! Web SSO (SAML Profiles §4.1): `/saml/sso` over HTTP-Redirect (Bindings §3.4) and HTTP-POST
//! (Bindings §3.5), and IdP-initiated `/saml/init` (Profiles §4.1.5). The request is read in the
//! order of docs/SAML.md §4.2; a failing step before the SP and its ACS are known is a page,
//! after it a signed error Response to the registered ACS.

use super::{
    PendingAuthn, SamlTarget, Sp, browser_binding, context, issue, refused_page, replay_until,
    seal, sp_by_entity, sso_url, status_response,
};
use crate::context::Ctx;
use crate::{AppState, WebError};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::Satisfaction;
use limen_core::Strength;
use limen_saml::SamlError;
use limen_saml::idp::inbound::{self, Expect, MessageKind, NameIdPolicy, Received};
use limen_saml::idp::{NameIdFormat, SpRecord, binding, status};

/// GET /saml/sso: HTTP-Redirect binding. The query is read raw: its signature covers the exact
/// bytes received (Bindings §3.4.4.1).
pub async fn sso_get(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let received = inbound::from_redirect(query.as_deref().unwrap_or_default());
    handle(&state, ctx, received).await
}

/// The fields of an HTTP-POST message; a repeated field is refused (two readers could pick
/// different ones).
pub(crate) fn post_fields(body: &[u8]) -> Result<Received, SamlError> {
    let (mut request, mut response, mut relay): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    for (name, value) in url::form_urlencoded::parse(body) {
        let slot = match name.as_ref() {
            "SAMLRequest" => &mut request,
            "SAMLResponse" => &mut response,
            "RelayState" => &mut relay,
            _ => continue,
        };
        if slot.is_some() {
            return Err(SamlError::Malformed(format!("{name} given twice")));
        }
        *slot = Some(value.into_owned());
    }
    inbound::from_post(request.as_deref(), response.as_deref(), relay.as_deref())
}

/// POST /saml/sso: HTTP-POST binding. No CSRF token: a cross-site form post is the binding;
/// nothing changes before the user acts but the replay row. A request from another site's page
/// (`Sec-Fetch-Site: cross-site`) is first posted again from Limen's own page
/// (`saml::same_site_post`), so that the session and the binding cookie of this browser are
/// seen. Without Fetch Metadata it is read as it came: it then goes on to the login page, which
/// sees them.
pub async fn sso_post(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    if super::needs_same_site_post(&ctx, &headers, &body, false) {
        return super::same_site_post(&ctx, "/saml/sso", &body);
    }
    handle(&state, ctx, post_fields(&body)).await
}

/// Whether this client address may make another request now (docs/SAML.md §12).
pub(crate) async fn within_rate(state: &AppState, ctx: &Ctx, what: &str) -> Result<bool, WebError> {
    let key = format!("saml-{what}:{}", ctx.client_ip);
    let count = state
        .store
        .throttle_fail(&key, state.now(), time::Duration::minutes(1))
        .await?;
    Ok(count <= state.config.saml.sso_per_minute)
}

/// The NameID format to answer with (§4.2 step 10): `None` is `InvalidNameIDPolicy`.
fn name_id_format(record: &SpRecord, policy: Option<&NameIdPolicy>) -> Option<NameIdFormat> {
    let default = record.nameid_formats.first().copied()?;
    let Some(policy) = policy else {
        return Some(default);
    };
    if policy
        .sp_name_qualifier
        .as_deref()
        .is_some_and(|q| q != record.entity_id)
    {
        return None;
    }
    match policy.format.as_deref() {
        None => Some(default),
        Some(uri) if uri == NameIdFormat::UNSPECIFIED => Some(default),
        Some(uri) => NameIdFormat::from_uri(uri).filter(|f| record.nameid_formats.contains(f)),
    }
}

async fn handle(
    state: &AppState,
    mut ctx: Ctx,
    received: Result<Received, SamlError>,
) -> Result<Response, WebError> {
    if !within_rate(state, &ctx, "sso").await? {
        return refused_page(
            state,
            &ctx,
            None,
            "too many SAML requests from this address",
            StatusCode::TOO_MANY_REQUESTS,
            "saml-error-busy",
        )
        .await;
    }
    let refused = |sp: Option<String>, reason: String, key: &'static str| (sp, reason, key);
    let step = async {
        let received = received.map_err(|e| refused(None, e.to_string(), "saml-error-refused"))?;
        if received.kind != MessageKind::Request {
            return Err(refused(
                None,
                "a SAMLResponse sent to the SSO endpoint".into(),
                "saml-error-refused",
            ));
        }
        let issuer = inbound::issuer(&received)
            .map_err(|e| refused(None, e.to_string(), "saml-error-refused"))?;
        let sp = sp_by_entity(state, &issuer)
            .await
            .map_err(|e| refused(Some(issuer.clone()), e.to_string(), "saml-error-refused"))?
            .ok_or_else(|| {
                refused(
                    Some(issuer.clone()),
                    "unknown service provider".into(),
                    "saml-error-unknown-sp",
                )
            })?;
        let keys = sp.record.signing_keys();
        let destination = sso_url(state);
        let request = inbound::read_authn_request(
            &received,
            &Expect {
                destination: &destination,
                keys: &keys,
                require_signed: sp.record.requests_signed,
                now: state.now(),
            },
        )
        .map_err(|e| refused(Some(issuer.clone()), e.to_string(), "saml-error-refused"))?;
        // §4.2 step 8: the ACS only from the registry, the URL compared byte for byte.
        let acs = sp
            .record
            .acs_for(request.acs_url.as_deref(), request.acs_index)
            .cloned()
            .ok_or_else(|| {
                refused(
                    Some(issuer.clone()),
                    format!(
                        "AssertionConsumerService {:?} / index {:?} is not in the registered metadata",
                        request.acs_url, request.acs_index
                    ),
                    "saml-error-refused",
                )
            })?;
        if let Some(b) = request
            .protocol_binding
            .as_deref()
            .filter(|b| *b != binding::POST)
        {
            return Err(refused(
                Some(issuer),
                format!("ProtocolBinding {b} is not HTTP-POST"),
                "saml-error-refused",
            ));
        }
        Ok((received, sp, request, acs))
    };
    let (received, sp, request, acs) = match step.await {
        Ok(v) => v,
        Err((sp, reason, key)) => {
            return refused_page(
                state,
                &ctx,
                sp.as_deref(),
                &reason,
                StatusCode::BAD_REQUEST,
                key,
            )
            .await;
        }
    };
    // §4.2 step 9: each request ID once, on every node.
    let replay_key = limen_crypto::sha256_hex(
        format!("authn\n{}\n{}", sp.record.entity_id, request.id).as_bytes(),
    );
    if !state
        .store
        .first_saml_request(
            &replay_key,
            replay_until(state, request.issue_instant),
            state.now(),
        )
        .await?
    {
        return refused_page(
            state,
            &ctx,
            Some(&sp.record.entity_id),
            "request ID already received",
            StatusCode::BAD_REQUEST,
            "saml-error-used",
        )
        .await;
    }
    let relay = received.relay_state.clone();
    let browser = browser_binding(&mut ctx);
    let answer = |second: &'static str, top: &'static str| {
        let (sp, acs, id, relay) = (&sp, acs.location.clone(), request.id.clone(), relay.clone());
        let ctx = &ctx;
        async move {
            let reply = super::Reply {
                acs: &acs,
                in_response_to: Some(&id),
                relay_state: relay.as_deref(),
            };
            status_response(state, ctx, sp, &reply, second, top).await
        }
    };
    let Some(format) = name_id_format(&sp.record, request.name_id_policy.as_ref()) else {
        return answer(status::INVALID_NAMEID_POLICY, status::REQUESTER).await;
    };
    if !request.unsupported.is_empty() {
        return answer(status::REQUEST_UNSUPPORTED, status::REQUESTER).await;
    }
    if request
        .requested_authn_context
        .as_ref()
        .is_some_and(|r| r.decl_refs)
    {
        return answer(status::NO_AUTHN_CONTEXT, status::RESPONDER).await;
    }
    let Some(wanted) = context::wanted(
        &sp.service.accepted_strengths,
        sp.service.min_assurance,
        sp.service.accepts(Strength::Eidas),
        request.requested_authn_context.as_ref(),
    ) else {
        return answer(status::NO_AUTHN_CONTEXT, status::RESPONDER).await;
    };
    // A method that is disabled or retired proves nothing (docs/AUTHENTICATION.md).
    let strengths = state.authn.accepted(&limen_authn::Requirement::strengths(
        wanted.strengths.clone(),
    ));
    if strengths.is_empty() {
        return answer(status::NO_AUTHN_CONTEXT, status::RESPONDER).await;
    }
    let pending = PendingAuthn {
        sp: sp.record.entity_id.clone(),
        request_id: Some(request.id.clone()),
        replay_key: Some(replay_key),
        acs: acs.location.clone(),
        relay_state: relay.clone(),
        name_id_format: format,
        strengths,
        assurance: wanted.assurance,
        eidas_high: wanted.eidas_high,
        force_authn: request.force_authn,
        requested: wanted.requested,
        browser,
        exp: (state.now() + state.config.saml.request_ttl).unix_timestamp(),
    };
    let target = target(state, sp.clone(), pending)?;
    if request.is_passive {
        // §4.4: never a page; a fresh proof cannot be passive.
        if !request.force_authn
            && let Some(response) = at_once(state, &ctx, &target).await?
        {
            return Ok(response);
        }
        return answer(status::NO_PASSIVE, status::RESPONDER).await;
    }
    if let Some(response) = at_once(state, &ctx, &target).await? {
        return Ok(response);
    }
    Ok(ctx.redirect(&target.continuation))
}

fn target(state: &AppState, sp: Sp, pending: PendingAuthn) -> Result<SamlTarget, WebError> {
    let sealed = seal(state, &pending)?;
    Ok(SamlTarget {
        continuation: format!("/cas/login?saml={}", crate::encode(&sealed)),
        sealed,
        sp,
        pending,
    })
}

/// The assertion now, when this browser's session already satisfies the request.
async fn at_once(
    state: &AppState,
    ctx: &Ctx,
    target: &SamlTarget,
) -> Result<Option<Response>, WebError> {
    let Some((session, account)) = crate::authn::current_session(state, ctx).await? else {
        return Ok(None);
    };
    match state
        .authn
        .check(&target.requirement(), &session, &account, false)
        .await?
    {
        Satisfaction::Satisfied(proof) => {
            // This very request set the binding cookie: the browser is the one.
            issue(state, ctx, &session, &account, target, &proof, false)
                .await
                .map(Some)
        }
        _ => Ok(None),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct InitQuery {
    sp: Option<String>,
    #[serde(rename = "RelayState")]
    relay_state: Option<String>,
}

/// GET /saml/init?sp=ENTITYID (Profiles §4.1.5): an unsolicited Response, only for SPs
/// registered with `--idp-initiated` (docs/SAML.md §4.5).
pub async fn init(
    State(state): State<AppState>,
    mut ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<InitQuery>,
) -> Result<Response, WebError> {
    // An answer at once is a signed Response: the per-address budget of /saml/sso (§12).
    if !within_rate(&state, &ctx, "sso").await? {
        return refused_page(
            &state,
            &ctx,
            None,
            "too many SAML requests from this address",
            StatusCode::TOO_MANY_REQUESTS,
            "saml-error-busy",
        )
        .await;
    }
    let entity = q.sp.unwrap_or_default();
    let sp = match sp_by_entity(&state, &entity).await? {
        Some(sp) if sp.record.idp_initiated => sp,
        Some(_) => {
            return refused_page(
                &state,
                &ctx,
                Some(&entity),
                "IdP-initiated sign-in is not enabled for this service provider",
                StatusCode::BAD_REQUEST,
                "saml-error-refused",
            )
            .await;
        }
        None => {
            return refused_page(
                &state,
                &ctx,
                None,
                "unknown service provider",
                StatusCode::BAD_REQUEST,
                "saml-error-unknown-sp",
            )
            .await;
        }
    };
    let relay = q.relay_state.filter(|r| !r.is_empty());
    if relay.as_deref().is_some_and(|r| {
        r.len() > limen_saml::sp::MAX_RELAY_STATE || r.chars().any(char::is_control)
    }) {
        return refused_page(
            &state,
            &ctx,
            Some(&entity),
            "RelayState over 80 bytes or with a control character",
            StatusCode::BAD_REQUEST,
            "saml-error-refused",
        )
        .await;
    }
    let (Some(acs), Some(format)) = (
        sp.record.acs_for(None, None).cloned(),
        sp.record.nameid_formats.first().copied(),
    ) else {
        return Err(WebError::Internal(format!(
            "SAML SP {entity} has no ACS or NameID format"
        )));
    };
    let strengths = state.authn.accepted(&limen_authn::Requirement::strengths(
        if sp.service.accepted_strengths.is_empty() {
            Strength::ALL.to_vec()
        } else {
            sp.service.accepted_strengths.clone()
        },
    ));
    let browser = browser_binding(&mut ctx);
    let pending = PendingAuthn {
        sp: sp.record.entity_id.clone(),
        request_id: None,
        replay_key: None,
        acs: acs.location,
        relay_state: relay,
        name_id_format: format,
        strengths,
        assurance: sp.service.min_assurance,
        eidas_high: false,
        force_authn: false,
        requested: Vec::new(),
        browser,
        exp: (state.now() + state.config.saml.request_ttl).unix_timestamp(),
    };
    let target = target(&state, sp, pending)?;
    if let Some(response) = at_once(&state, &ctx, &target).await? {
        return Ok(response);
    }
    Ok(ctx.redirect(&target.continuation))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_post_fields_are_refused() {
        use base64::Engine as _;
        let xml = base64::engine::general_purpose::STANDARD.encode("<a/>");
        let one = format!("SAMLRequest={}", crate::encode(&xml));
        assert!(post_fields(format!("{one}&{one}").as_bytes()).is_err());
        assert!(post_fields(format!("RelayState=a&RelayState=b&{one}").as_bytes()).is_err());
        let received = post_fields(format!("{one}&RelayState=r&other=1").as_bytes()).unwrap();
        assert_eq!(received.xml, "<a/>");
        assert_eq!(received.relay_state.as_deref(), Some("r"));
    }
}
