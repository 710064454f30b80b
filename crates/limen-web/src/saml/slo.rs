//! Single logout (SAML Profiles §4.4), tied to the SSO session (docs/SAML.md §9).
//!
//! - From an SP: `GET|POST /saml/slo` with a signed `LogoutRequest` naming this browser's
//!   session at that SP ends the SSO session, as `/cas/logout` does; the other SAML SPs are then
//!   told through the browser, and the initiator is answered last.
//! - From Limen (`/cas/logout`, `/oidc/logout`): after the session ends, the SAML SPs it signed
//!   in to are told through the browser.
//!
//! The browser visits the SPs one after another (a redirect chain, not iframes: SPs' session
//! cookies do not travel in third-party frames). The plan of the chain is a store row bound to
//! the browser, its id the `RelayState` of each `LogoutRequest`; each `LogoutResponse` must
//! answer the request of its step (`InResponseTo`).

use super::{PartyLogout, Sp, browser_binding, refused_page, same_browser, slo_url, sp_by_entity};
use crate::context::{Ctx, SSO};
use crate::pages;
use crate::{AppState, WebError};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_saml::SamlError;
use limen_saml::idp::inbound::{self, Expect, MessageKind, Received};
use limen_saml::idp::logout::{self as out, Field, LogoutRequestSpec};
use limen_saml::idp::{Binding, status};
use serde::{Deserialize, Serialize};

/// How long a logout chain may take.
const PLAN_TTL: time::Duration = time::Duration::minutes(10);

/// One SP still to visit.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Step {
    service_name: String,
    party: PartyLogout,
}

/// What happens after the last SP.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Then {
    /// Limen's logout page, saying how many services were told by the back channel.
    Page { told: usize },
    /// A registered URL (CAS `service`, OIDC `post_logout_redirect_uri`).
    Redirect(String),
    /// OpenID Connect front-channel frames, then maybe a URL.
    FrontChannel {
        frames: Vec<String>,
        next: Option<String>,
    },
    /// The SP that started it gets its LogoutResponse.
    Respond {
        entity_id: String,
        in_response_to: String,
        relay_state: Option<String>,
    },
}

impl Then {
    /// Where a logout at Limen (`/cas/logout`, `/oidc/logout`) goes once the SAML SPs are told:
    /// the OpenID Connect front-channel frames (then `next`), else `next`, else the logout page.
    pub(crate) fn after_limen_logout(
        front_channel: &[String],
        next: Option<&str>,
        told: usize,
    ) -> Then {
        if !front_channel.is_empty() {
            Then::FrontChannel {
                frames: front_channel.to_vec(),
                next: next.map(str::to_owned),
            }
        } else if let Some(url) = next {
            Then::Redirect(url.to_owned())
        } else {
            Then::Page { told }
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Plan {
    steps: Vec<Step>,
    /// The step under way: the SP and the ID of the LogoutRequest sent to it.
    current: Option<(String, String)>,
    failed: Vec<String>,
    then: Then,
}

/// After a session ended in this browser: the SAML SPs it signed in to, told one by one, then
/// `then`. `None` when no SAML SP of the session has a front-channel SLO endpoint.
pub(crate) async fn after_logout(
    state: &AppState,
    ctx: &mut Ctx,
    parties: &[limen_authn::SamlParty],
    except: Option<&str>,
    then: Then,
) -> Result<Option<Response>, WebError> {
    let mut steps = Vec::new();
    for p in parties {
        let Ok(party) = serde_json::from_str::<PartyLogout>(&p.logout) else {
            continue;
        };
        if Some(party.entity_id.as_str()) == except
            || steps
                .iter()
                .any(|s: &Step| s.party.entity_id == party.entity_id)
        {
            continue;
        }
        let has_endpoint = sp_by_entity(state, &party.entity_id)
            .await?
            .is_some_and(|sp| sp.record.slo_endpoint().is_some());
        if has_endpoint {
            steps.push(Step {
                service_name: p.service_name.clone(),
                party,
            });
        }
    }
    if steps.is_empty() && !matches!(then, Then::Respond { .. }) {
        return Ok(None);
    }
    let plan = Plan {
        steps,
        current: None,
        failed: Vec::new(),
        then,
    };
    let id = limen_crypto::random_token(16);
    let browser = browser_binding(ctx);
    next(state, ctx, &id, &browser, plan).await.map(Some)
}

/// Sends the browser to the next SP of the plan, or finishes it.
async fn next(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    browser: &str,
    mut plan: Plan,
) -> Result<Response, WebError> {
    while let Some(step) = plan.steps.first().cloned() {
        plan.steps.remove(0);
        let Some(sp) = sp_by_entity(state, &step.party.entity_id).await? else {
            continue;
        };
        let Some(endpoint) = sp.record.slo_endpoint().cloned() else {
            continue;
        };
        let key = super::signer_for(state, &sp.record).await?;
        let idp_entity = super::entity_id(state);
        let (request_id, xml) = out::logout_request(
            &LogoutRequestSpec {
                idp_entity_id: &idp_entity,
                destination: &endpoint.location,
                name_id: &step.party.name_id,
                session_index: Some(&step.party.session_index),
                now: state.now(),
                lifetime: state.config.saml.assertion_lifetime,
            },
            &key.signer,
            endpoint.binding,
        )
        .map_err(|e| WebError::Internal(format!("SAML LogoutRequest: {e}")))?;
        plan.current = Some((sp.record.entity_id.clone(), request_id));
        save(state, id, browser, &plan).await?;
        return match endpoint.binding {
            Binding::Redirect => {
                let url = out::redirect_url(
                    &endpoint.location,
                    Field::SamlRequest,
                    &xml,
                    Some(id),
                    &key.signer,
                )
                .map_err(|e| WebError::Internal(format!("SAML redirect: {e}")))?;
                Ok(ctx.redirect(&url))
            }
            Binding::Post => super::post_form(
                ctx,
                &endpoint.location,
                "SAMLRequest",
                &xml,
                Some(id),
                &step.service_name,
            ),
        };
    }
    state.store.delete_saml_logout_plan(id).await?;
    finish(state, ctx, plan).await
}

async fn save(state: &AppState, id: &str, browser: &str, plan: &Plan) -> Result<(), WebError> {
    let json =
        serde_json::to_string(plan).map_err(|e| WebError::Internal(format!("SAML plan: {e}")))?;
    state
        .store
        .save_saml_logout_plan(id, browser, &json, state.now() + PLAN_TTL)
        .await?;
    Ok(())
}

async fn finish(state: &AppState, ctx: &Ctx, plan: Plan) -> Result<Response, WebError> {
    match plan.then {
        Then::Page { told } => logout_page(ctx, told, &plan.failed),
        Then::Redirect(url) => Ok(ctx.redirect(&url)),
        Then::FrontChannel { frames, next } => {
            crate::oidc::logout::front_channel_page(ctx, frames, next)
        }
        Then::Respond {
            entity_id,
            in_response_to,
            relay_state,
        } => {
            let Some(sp) = sp_by_entity(state, &entity_id).await? else {
                return logout_page(ctx, 0, &plan.failed);
            };
            let (top, second) = if plan.failed.is_empty() {
                (status::SUCCESS, None)
            } else {
                (status::RESPONDER, Some(status::PARTIAL_LOGOUT))
            };
            respond(
                state,
                ctx,
                &sp,
                &in_response_to,
                relay_state.as_deref(),
                top,
                second,
            )
            .await
        }
    }
}

/// Limen's logged-out page; it names the SPs that did not confirm.
fn logout_page(ctx: &Ctx, told: usize, failed: &[String]) -> Result<Response, WebError> {
    let count = i64::try_from(told).unwrap_or(i64::MAX);
    let mut text = vec![
        ctx.tr.t("logout-text"),
        ctx.tr.t_with(
            "logout-services",
            &[("count", crate::i18n::FluentArg::Num(count))],
        ),
    ];
    if !failed.is_empty() {
        text.push(
            ctx.tr
                .t1("saml-logout-partial", "services", &failed.join(", ")),
        );
    }
    text.push(ctx.tr.t("logout-close-browser"));
    let link = Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login")));
    pages::message(ctx, StatusCode::OK, None, "logout-title", text, link)
}

/// The initiator's LogoutResponse (Core §3.7.2), to its SLO endpoint's `ResponseLocation`.
async fn respond(
    state: &AppState,
    ctx: &Ctx,
    sp: &Sp,
    in_response_to: &str,
    relay_state: Option<&str>,
    top: &str,
    second: Option<&str>,
) -> Result<Response, WebError> {
    let Some(endpoint) = sp.record.slo_endpoint().cloned() else {
        return logout_page(ctx, 0, &[]);
    };
    let destination = endpoint
        .response_location
        .clone()
        .unwrap_or_else(|| endpoint.location.clone());
    let key = super::signer_for(state, &sp.record).await?;
    let xml = out::logout_response(
        &super::entity_id(state),
        &destination,
        Some(in_response_to),
        top,
        second,
        state.now(),
        &key.signer,
        endpoint.binding,
    )
    .map_err(|e| WebError::Internal(format!("SAML LogoutResponse: {e}")))?;
    match endpoint.binding {
        Binding::Redirect => {
            let url = out::redirect_url(
                &destination,
                Field::SamlResponse,
                &xml,
                relay_state,
                &key.signer,
            )
            .map_err(|e| WebError::Internal(format!("SAML redirect: {e}")))?;
            Ok(ctx.redirect(&url))
        }
        Binding::Post => super::post_form(
            ctx,
            &destination,
            "SAMLResponse",
            &xml,
            relay_state,
            &sp.service.name,
        ),
    }
}

/// GET /saml/slo: HTTP-Redirect binding.
pub async fn slo_get(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let received = inbound::from_redirect(query.as_deref().unwrap_or_default());
    handle(&state, ctx, received).await
}

/// POST /saml/slo: HTTP-POST binding (no CSRF token: the binding is a cross-site post). A
/// message from another site's page, or without any of Limen's cookies, is first posted again
/// from Limen's own page, where they go with it (`saml::same_site_post`): without them a
/// LogoutRequest would end nothing while its SP is told `Success`.
pub async fn slo_post(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    if super::needs_same_site_post(&ctx, &headers, &body, true) {
        return super::same_site_post(&ctx, "/saml/slo", &body);
    }
    handle(&state, ctx, super::sso::post_fields(&body)).await
}

async fn handle(
    state: &AppState,
    mut ctx: Ctx,
    received: Result<Received, SamlError>,
) -> Result<Response, WebError> {
    if !super::sso::within_rate(state, &ctx, "slo").await? {
        return refused_page(
            state,
            &ctx,
            None,
            "too many SAML logout messages from this address",
            StatusCode::TOO_MANY_REQUESTS,
            "saml-error-busy",
        )
        .await;
    }
    let refuse = |sp: Option<String>, reason: String| (sp, reason);
    let checked = async {
        let received = received.map_err(|e| refuse(None, e.to_string()))?;
        let issuer = inbound::issuer(&received).map_err(|e| refuse(None, e.to_string()))?;
        let sp = sp_by_entity(state, &issuer)
            .await
            .map_err(|e| refuse(Some(issuer.clone()), e.to_string()))?
            .ok_or_else(|| refuse(Some(issuer.clone()), "unknown service provider".into()))?;
        Ok((received, sp))
    };
    let (received, sp) = match checked.await {
        Ok(v) => v,
        Err((sp, reason)) => {
            return refused_page(
                state,
                &ctx,
                sp.as_deref(),
                &reason,
                StatusCode::BAD_REQUEST,
                "saml-error-refused",
            )
            .await;
        }
    };
    let keys = sp.record.signing_keys();
    let destination = slo_url(state);
    let expect = Expect {
        destination: &destination,
        keys: &keys,
        require_signed: true,
        now: state.now(),
    };
    match received.kind {
        MessageKind::Request => logout_request(state, &mut ctx, &received, &sp, &expect).await,
        MessageKind::Response => logout_response(state, &ctx, &received, &sp, &expect).await,
    }
}

/// A LogoutRequest from an SP (docs/SAML.md §9.2).
async fn logout_request(
    state: &AppState,
    ctx: &mut Ctx,
    received: &Received,
    sp: &Sp,
    expect: &Expect<'_>,
) -> Result<Response, WebError> {
    let request = match inbound::read_logout_request(received, expect) {
        Ok(r) => r,
        Err(e) => {
            return refused_page(
                state,
                ctx,
                Some(&sp.record.entity_id),
                &e.to_string(),
                StatusCode::BAD_REQUEST,
                "saml-error-refused",
            )
            .await;
        }
    };
    let replay_key = limen_crypto::sha256_hex(
        format!("logout\n{}\n{}", sp.record.entity_id, request.id).as_bytes(),
    );
    if !state
        .store
        .first_saml_request(
            &replay_key,
            super::replay_until(state, request.issue_instant),
            state.now(),
        )
        .await?
    {
        return refused_page(
            state,
            ctx,
            Some(&sp.record.entity_id),
            "LogoutRequest ID already received",
            StatusCode::BAD_REQUEST,
            "saml-error-used",
        )
        .await;
    }
    let relay = received.relay_state.clone();
    // Does this browser's session hold that NameID (and SessionIndex) at that SP?
    let session = crate::authn::current_session(state, ctx).await?;
    let mut matched = None;
    if let Some((session, account)) = session {
        for s in state.store.session_services(&session.id).await? {
            let Some(party) = s
                .saml
                .as_deref()
                .and_then(|j| serde_json::from_str::<PartyLogout>(j).ok())
            else {
                continue;
            };
            if party.entity_id == sp.record.entity_id
                && party.name_id.value == request.name_id.value
                && (request.session_indexes.is_empty()
                    || request.session_indexes.contains(&party.session_index))
            {
                matched = Some((session.clone(), account.clone()));
                break;
            }
        }
    }
    let then = Then::Respond {
        entity_id: sp.record.entity_id.clone(),
        in_response_to: request.id.clone(),
        relay_state: relay.clone(),
    };
    let Some((session, account)) = matched else {
        // Nothing of this browser matches: Success all the same, and nothing ends (an error
        // would tell the sender which sessions exist, §9.2).
        tracing::info!(sp = %sp.record.entity_id, "SAML LogoutRequest for no session of this browser");
        return respond(
            state,
            ctx,
            sp,
            &request.id,
            relay.as_deref(),
            status::SUCCESS,
            None,
        )
        .await;
    };
    let ended = state.authn.end_session_reporting(&session.id).await?;
    crate::metrics::inc(&state.metrics.logouts);
    crate::authn::audit(
        state,
        "logout",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"services": ended.told, "via": "saml", "sp": sp.record.entity_id}),
    )
    .await;
    ctx.clear_cookie(SSO);
    match after_logout(state, ctx, &ended.saml, Some(&sp.record.entity_id), then).await? {
        Some(r) => Ok(r),
        None => {
            respond(
                state,
                ctx,
                sp,
                &request.id,
                relay.as_deref(),
                status::SUCCESS,
                None,
            )
            .await
        }
    }
}

/// A LogoutResponse from an SP of a chain (docs/SAML.md §9.4).
async fn logout_response(
    state: &AppState,
    ctx: &Ctx,
    received: &Received,
    sp: &Sp,
    expect: &Expect<'_>,
) -> Result<Response, WebError> {
    let gone = |reason: &str| {
        let reason = reason.to_owned();
        async move {
            refused_page(
                state,
                ctx,
                Some(&sp.record.entity_id),
                &reason,
                StatusCode::BAD_REQUEST,
                "saml-error-refused",
            )
            .await
        }
    };
    let Some(id) = received.relay_state.clone() else {
        return gone("LogoutResponse without RelayState").await;
    };
    let Some((browser, json)) = state.store.saml_logout_plan(&id, state.now()).await? else {
        return gone("LogoutResponse for no logout under way").await;
    };
    if !same_browser(ctx, &browser) {
        return gone("LogoutResponse in another browser than its logout").await;
    }
    let mut plan: Plan =
        serde_json::from_str(&json).map_err(|e| WebError::Internal(format!("SAML plan: {e}")))?;
    let Some((entity, request_id)) = plan.current.take() else {
        return gone("LogoutResponse with no request under way").await;
    };
    if entity != sp.record.entity_id {
        return gone("LogoutResponse from another SP than the one asked").await;
    }
    let expect = Expect {
        destination: expect.destination,
        keys: expect.keys,
        require_signed: !sp.record.signing_certificates.is_empty(),
        now: expect.now,
    };
    match inbound::read_logout_response(received, &expect) {
        Ok(r) if r.in_response_to.as_deref() == Some(request_id.as_str()) => {
            if r.status != status::SUCCESS {
                plan.failed.push(sp.service.name.clone());
            }
        }
        Ok(_) => return gone("LogoutResponse InResponseTo does not match").await,
        Err(e) => {
            tracing::warn!(sp = %sp.record.entity_id, error = %e, "SAML LogoutResponse refused");
            plan.failed.push(sp.service.name.clone());
        }
    }
    next(state, ctx, &id, &browser, plan).await
}
