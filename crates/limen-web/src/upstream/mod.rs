//! Signing in through upstream identity providers (issue 19, docs/FEDERATION.md §4.3): the
//! buttons' form, the redirect to the provider, the callback, the choice after an unlinked
//! identity ("I have an account" / "Create an account"), and the confirmation of a new account's
//! address. The protocols are `limen-upstream`'s; what an identity may do is the engine's
//! (`limen_authn::upstream`).

pub(crate) mod pages;
pub mod saml;

use crate::authn::{self, client};
use crate::context::Ctx;
use crate::login::{self, LoginQuery, Origin};
use crate::pages::{self as common, UpstreamButton};
use crate::{AppState, WebError};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_authn::Step;
use limen_authn::upstream::{Arrived, Away, Outcome, Purpose};
use limen_core::{Account, Strength};
use limen_upstream::{Callback, PendingLogin, ReqwestFetch, UpstreamClient, UpstreamIdentity};
use serde::Deserialize;
use std::sync::Arc;

/// The cookie naming the identity waiting to be linked while the user proves an account.
pub(crate) const LINK_COOKIE: &str = "limen_upstream_link";
/// The cookie holding a followed address-confirmation link until the upstream signs its
/// account in, in this browser.
pub(crate) const ACTIVATE_COOKIE: &str = "limen_upstream_activate";

/// The configured upstream providers, ready to sign users in.
#[derive(Default)]
pub struct Registry {
    oidc: Vec<Arc<UpstreamClient<ReqwestFetch>>>,
    saml: Vec<Arc<saml::SamlUpstream>>,
    /// Limen's SAML SP keys (when an eIDAS upstream is configured).
    saml_keys: Option<limen_saml::SpKeys>,
}

impl Registry {
    pub fn new(
        clients: Vec<UpstreamClient<ReqwestFetch>>,
        saml: Vec<saml::SamlUpstream>,
        saml_keys: Option<limen_saml::SpKeys>,
    ) -> Self {
        Self {
            oidc: clients.into_iter().map(Arc::new).collect(),
            saml: saml.into_iter().map(Arc::new).collect(),
            saml_keys,
        }
    }

    /// An OpenID Connect or OAuth 2 upstream.
    pub fn get(&self, id: &str) -> Option<&Arc<UpstreamClient<ReqwestFetch>>> {
        self.oidc.iter().find(|c| c.provider().id == id)
    }

    /// An eIDAS (SAML) upstream.
    pub fn saml(&self, id: &str) -> Option<&Arc<saml::SamlUpstream>> {
        self.saml.iter().find(|u| u.id() == id)
    }

    pub(crate) fn saml_keys(&self) -> Option<&limen_saml::SpKeys> {
        self.saml_keys.as_ref()
    }

    /// Every upstream: id, name and the strength a sign-in through it proves.
    pub fn listed(&self) -> Vec<(String, String, Strength)> {
        let oidc = self.oidc.iter().map(|c| {
            let p = c.provider();
            (p.id.clone(), p.name.clone(), p.strength)
        });
        let saml = self
            .saml
            .iter()
            .map(|u| (u.entry.id.clone(), u.entry.name.clone(), Strength::Eidas));
        oidc.chain(saml).collect()
    }

    /// What the pages call an upstream (its id when it is no longer configured).
    pub fn name_of(&self, id: &str) -> String {
        self.listed()
            .into_iter()
            .find(|(i, _, _)| i == id)
            .map_or_else(|| id.to_owned(), |(_, name, _)| name)
    }

    /// The strengths some upstream proves (the engine wires their methods).
    pub fn strengths(&self) -> Vec<Strength> {
        let mut s: Vec<Strength> = self.listed().into_iter().map(|(_, _, s)| s).collect();
        s.sort();
        s.dedup();
        s
    }
}

/// The buttons the login page shows for `target`: every live upstream whose strength the
/// service accepts (a MEDIUM service shows no social network).
pub(crate) fn buttons(state: &AppState, target: &login::Target) -> Vec<UpstreamButton> {
    state
        .upstreams
        .listed()
        .into_iter()
        .filter(|(_, _, strength)| {
            state
                .authn
                .accepts_upstream(&target.requirement(), *strength)
        })
        .map(|(id, name, _)| UpstreamButton { id, name })
        .collect()
}

/// The buttons for an account's own links (the method page after "Next"), when the service
/// accepts them.
pub(crate) async fn buttons_for(
    state: &AppState,
    target: &login::Target,
    account: Option<&Account>,
) -> Result<Vec<UpstreamButton>, WebError> {
    let Some(account) = account else {
        return Ok(Vec::new());
    };
    let linked: Vec<String> = state
        .store()
        .upstream_links_of(account.id)
        .await?
        .into_iter()
        .map(|l| l.upstream)
        .collect();
    Ok(buttons(state, target)
        .into_iter()
        .filter(|b| linked.contains(&b.id))
        .collect())
}

/// Where a login may continue after the upstream: a local path of Limen's login or My account.
fn acceptable_target(target: &str) -> bool {
    login::is_local_path(target) && (is_login(target) || target.starts_with("/account"))
}

/// A form's or query's continuation, if Limen may go there; else the sign-in page.
pub(crate) fn continuation(value: &str) -> String {
    if acceptable_target(value) {
        value.to_owned()
    } else {
        "/cas/login".to_owned()
    }
}

fn callback_url(state: &AppState, id: &str) -> String {
    format!("{}/upstream/{id}/callback", state.config.public_url)
}

/// A failed sign-in through an upstream: the reason in words, and a way back to where the
/// login started (never anywhere else).
pub(crate) fn failed(
    ctx: &Ctx,
    status: StatusCode,
    key: &str,
    back: &str,
) -> Result<Response, WebError> {
    let back = continuation(back);
    common::message(
        ctx,
        status,
        None,
        "upstream-failed-title",
        vec![ctx.tr.t(key)],
        Some((back, ctx.tr.t("back-to-login"))),
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    csrf_token: String,
    /// `login` (the login page's buttons) or `link` (My account).
    #[serde(default)]
    purpose: String,
    /// Where the login continues (`/cas/login?…`).
    #[serde(default)]
    target: String,
    /// The address the user gave (the method page), for an OpenID upstream's login form.
    #[serde(default)]
    login_hint: String,
}

/// POST /upstream/{id}/start: to the provider's authorization endpoint.
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<StartForm>,
) -> Result<Response, WebError> {
    let target = continuation(&form.target);
    if !ctx.csrf_ok(&form.csrf_token) {
        let back = (target, ctx.tr.t("back-to-login"));
        return common::csrf_refused(&ctx, back);
    }
    let live = state
        .upstreams
        .listed()
        .into_iter()
        .any(|(i, _, strength)| i == id && state.authn.upstream_live(strength));
    if !live {
        return failed(&ctx, StatusCode::NOT_FOUND, "upstream-unknown", &target);
    }
    let purpose = if form.purpose == "link" {
        let here = crate::account::upstream::HERE;
        let (session, account) = match crate::account::signed_in(&state, &ctx, here).await? {
            Ok(s) => s,
            Err(redirect) => return Ok(redirect),
        };
        let (needed, has) = state.authn.may_change_factors(&session, &account).await?;
        if !has {
            return Ok(crate::account::step_up(&ctx, here, needed));
        }
        Purpose::Link {
            account: account.id,
            session: session.id,
        }
    } else {
        Purpose::Login
    };
    let target = match purpose {
        Purpose::Link { .. } => crate::account::upstream::HERE.to_owned(),
        Purpose::Login => target,
    };
    if let Some(upstream) = state.upstreams.saml(&id).cloned() {
        // The level the login needs: `high` when only an eID at LoA high satisfies it (a
        // service asking HIGH), else the node's minimum.
        let loa = match (&purpose, login_target(&state, &ctx, &target).await?) {
            (Purpose::Login, Some((t, _))) => {
                let req = t.requirement();
                if !state.authn.accepts(&req, Strength::Eidas) && req.eidas_high {
                    limen_saml::Loa::High
                } else {
                    limen_saml::Loa::Substantial
                }
            }
            _ => limen_saml::Loa::Substantial,
        };
        let away = Away {
            upstream: id,
            purpose,
            browser: ctx.browser_binding(),
            target,
            protocol: serde_json::Value::Null,
        };
        return saml::start(&state, &ctx, &upstream, away, loa).await;
    }
    let Some(upstream) = state.upstreams.get(&id) else {
        return failed(&ctx, StatusCode::NOT_FOUND, "upstream-unknown", &target);
    };
    // OIDC Core §3.1.2.1: a hint only (the provider's own login decides), and only an address.
    let options = limen_upstream::AuthOptions {
        login_hint: limen_core::Email::parse(form.login_hint.trim())
            .ok()
            .map(|e| e.as_str().to_owned()),
        ..Default::default()
    };
    let (url, pending) = match upstream
        .authorization_request(&callback_url(&state, &id), &options)
        .await
    {
        Ok(made) => made,
        Err(e) => {
            tracing::warn!(upstream = %id, error = %e, "upstream unreachable");
            return failed(
                &ctx,
                StatusCode::BAD_GATEWAY,
                "upstream-unreachable",
                &target,
            );
        }
    };
    let away = Away {
        upstream: id,
        purpose,
        browser: ctx.browser_binding(),
        target,
        protocol: serde_json::to_value(&pending)
            .map_err(|e| WebError::Internal(format!("upstream: {e}")))?,
    };
    state.authn.upstream_leave(&pending.state, &away).await?;
    Ok(ctx.redirect(url.as_str()))
}

/// The authorization response (RFC 6749 §4.1.2; OIDC Core §3.1.2.5; RFC 9207 `iss`).
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

/// GET /upstream/{id}/callback (and POST, `response_mode=form_post`: answered by a redirect to
/// the GET, so that the browser's `SameSite=Lax` cookies — the CSRF cookie the transaction is
/// bound to — come with it).
pub async fn callback(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, WebError> {
    let Some(st) = q.state.as_deref().filter(|s| !s.is_empty()) else {
        return failed(&ctx, StatusCode::BAD_REQUEST, "upstream-gone", "/cas/login");
    };
    let Some(away) = state
        .authn
        .upstream_return(st, &id, &ctx.browser_binding())
        .await?
    else {
        return failed(&ctx, StatusCode::BAD_REQUEST, "upstream-gone", "/cas/login");
    };
    let activation = ctx.cookie(ACTIVATE_COOKIE).map(str::to_owned);
    if activation.is_some() {
        ctx.clear_cookie(ACTIVATE_COOKIE);
    }
    // eIDAS: the ACS verified the response and left the identity in the transaction.
    if let Some(arrived) = saml::verified(&away) {
        let outcome = state
            .authn
            .upstream_arrived(&away, arrived, activation.as_deref(), &client(&ctx))
            .await?;
        return after(&state, &mut ctx, &away.target, outcome).await;
    }
    let Some(upstream) = state.upstreams.get(&id).cloned() else {
        return failed(
            &ctx,
            StatusCode::NOT_FOUND,
            "upstream-unknown",
            &away.target,
        );
    };
    let Ok(pending) = serde_json::from_value::<PendingLogin>(away.protocol.clone()) else {
        return failed(&ctx, StatusCode::BAD_REQUEST, "upstream-gone", &away.target);
    };
    let answer = Callback {
        code: q.code,
        state: q.state,
        error: q.error,
        iss: q.iss,
    };
    let identity = match upstream.complete(&pending, &answer).await {
        Ok(identity) => identity,
        Err(e) => {
            tracing::warn!(upstream = %id, error = %e, "upstream sign-in refused");
            state
                .authn
                .audit_raw(
                    "upstream.login.failure",
                    None,
                    &ctx.client_ip,
                    serde_json::json!({"upstream": id, "reason": e.to_string()}),
                )
                .await;
            let key = match e {
                limen_upstream::UpstreamError::Denied { .. } => "upstream-denied",
                _ => "upstream-refused",
            };
            return failed(&ctx, StatusCode::BAD_REQUEST, key, &away.target);
        }
    };
    let arrived = arrived(upstream.provider(), identity);
    let outcome = state
        .authn
        .upstream_arrived(&away, arrived, activation.as_deref(), &client(&ctx))
        .await?;
    after(&state, &mut ctx, &away.target, outcome).await
}

/// POST /upstream/{id}/callback: `form_post` (Apple). No cookie comes with a cross-site POST:
/// only a redirect to the GET, which has them.
pub async fn callback_post(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<std::collections::BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    // Only a configured upstream's path goes into the redirect (its id is a checked slug).
    if state.upstreams.get(&id).is_none() {
        return failed(
            &ctx,
            StatusCode::NOT_FOUND,
            "upstream-unknown",
            "/cas/login",
        );
    }
    let kept: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            form.iter()
                .filter(|(k, _)| matches!(k.as_str(), "code" | "state" | "error" | "iss")),
        )
        .finish();
    Ok(ctx.redirect(&format!("/upstream/{id}/callback?{kept}")))
}

/// The identity as the engine sees it.
fn arrived(provider: &limen_upstream::Provider, identity: UpstreamIdentity) -> Arrived {
    let display = identity
        .email
        .clone()
        .or_else(|| identity.name.clone())
        .or_else(|| {
            let names = [&identity.given_name, &identity.family_name]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>();
            (!names.is_empty()).then(|| names.join(" "))
        })
        .unwrap_or_else(|| provider.name.clone());
    Arrived {
        upstream: provider.id.clone(),
        strength: provider.strength,
        level: None,
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        email_verified: identity.email_verified,
        given_name: identity.given_name,
        family_name: identity.family_name,
        locale: identity.locale,
        display,
        sign_up: provider.sign_up,
    }
}

/// What the browser sees after an identity came back.
pub(crate) async fn after(
    state: &AppState,
    ctx: &mut Ctx,
    target: &str,
    outcome: Outcome,
) -> Result<Response, WebError> {
    match outcome {
        Outcome::SignedIn(signed_in) => continue_login(state, ctx, target, *signed_in).await,
        Outcome::Unlinked { tx, arrived } => {
            pages::choice(state, ctx, &tx, &arrived, target, None, StatusCode::OK)
        }
        Outcome::Linked { .. } | Outcome::AlreadyYours => {
            Ok(ctx.redirect(&format!("{}?linked=1", crate::account::upstream::HERE)))
        }
        Outcome::LinkedElsewhere => failed(
            ctx,
            StatusCode::CONFLICT,
            "upstream-linked-elsewhere",
            target,
        ),
        Outcome::AccountUnusable => failed(
            ctx,
            StatusCode::FORBIDDEN,
            "upstream-account-unusable",
            target,
        ),
        Outcome::MethodUnavailable => failed(
            ctx,
            StatusCode::FORBIDDEN,
            "upstream-method-unavailable",
            target,
        ),
        Outcome::StepUp(level) => Ok(crate::account::step_up(
            ctx,
            crate::account::upstream::HERE,
            level,
        )),
        Outcome::Gone => failed(ctx, StatusCode::BAD_REQUEST, "upstream-gone", target),
    }
}

/// Whether a continuation is the login page (then it is rebuilt as the login it continues).
fn is_login(target: &str) -> bool {
    target == "/cas/login" || target.starts_with("/cas/login?")
}

/// The query of a `/cas/login?…` continuation, if it is one and parses.
fn login_query(target: &str) -> Option<LoginQuery> {
    if !is_login(target) {
        return None;
    }
    let uri = target.parse::<axum::http::Uri>().ok()?;
    Query::<LoginQuery>::try_from_uri(&uri)
        .ok()
        .map(|Query(q)| q)
}

/// The login a `/cas/login?…` target continues, if it still stands (a login request expired,
/// an unknown service: `None`).
async fn login_target(
    state: &AppState,
    ctx: &Ctx,
    target: &str,
) -> Result<Option<(login::Target, LoginQuery)>, WebError> {
    let Some(mut q) = login_query(target) else {
        return Ok(None);
    };
    Ok(login::target(state, ctx, &mut q)
        .await?
        .ok()
        .map(|t| (t, q)))
}

/// Signed in: the login continues where it started — the service's ticket, or the next proof
/// the service needs — as if the sign-in had happened on the login page.
pub(crate) async fn continue_login(
    state: &AppState,
    ctx: &mut Ctx,
    target: &str,
    signed_in: limen_authn::SignedIn,
) -> Result<Response, WebError> {
    if !is_login(target) {
        authn::set_cookie(ctx, &signed_in);
        let to = if acceptable_target(target) {
            target
        } else {
            "/account"
        };
        return Ok(ctx.redirect(to));
    }
    // The login's pages build their forms from the page's own address.
    ctx.path_and_query = target.to_owned();
    let Some(mut q) = login_query(target) else {
        authn::set_cookie(ctx, &signed_in);
        return Ok(ctx.redirect("/cas/login"));
    };
    let login_target = match login::target(state, ctx, &mut q).await? {
        Ok(t) => t,
        Err(page) => {
            authn::set_cookie(ctx, &signed_in);
            return Ok(page);
        }
    };
    login::render_step(
        state,
        ctx,
        &login_target,
        &q,
        Step::SignedIn(signed_in),
        Origin::Factor,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    tx: String,
    #[serde(default)]
    target: String,
}

/// The address of the page that links the waiting identity once the account is proven.
fn finish_url(target: &str) -> String {
    let to: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    format!("/upstream/link/finish?to={to}")
}

fn to_login(next: &str, extra: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("/cas/login?next={next}{extra}")
}

/// POST /upstream/link: "I have an account": prove it (a fresh login, with its second factor
/// when it has one), then the identity is linked to it.
pub async fn link(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<LinkForm>,
) -> Result<Response, WebError> {
    let target = continuation(&form.target);
    if !ctx.csrf_ok(&form.csrf_token) {
        return common::csrf_refused(&ctx, (target, ctx.tr.t("back-to-login")));
    }
    if state
        .authn
        .upstream_pending(&form.tx, &ctx.browser_binding())
        .await?
        .is_none()
    {
        return failed(&ctx, StatusCode::BAD_REQUEST, "upstream-gone", &target);
    }
    let ttl = limen_authn::upstream::UPSTREAM_TTL.whole_seconds();
    ctx.set_cookie(LINK_COOKIE, &form.tx, Some(ttl));
    Ok(ctx.redirect(&to_login(&finish_url(&target), "&renew=1")))
}

#[derive(Debug, Default, Deserialize)]
pub struct FinishQuery {
    #[serde(default)]
    to: String,
}

/// GET /upstream/link/finish: after the login that proved the account.
pub async fn link_finish(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<FinishQuery>,
) -> Result<Response, WebError> {
    let target = continuation(&q.to);
    let here = finish_url(&target);
    let Some(tx) = ctx.cookie(LINK_COOKIE).map(str::to_owned) else {
        return failed(&ctx, StatusCode::BAD_REQUEST, "upstream-gone", &target);
    };
    let Some((session, account)) = authn::current_session(&state, &ctx).await? else {
        return Ok(ctx.redirect(&to_login(&here, "")));
    };
    let outcome = state
        .authn
        .upstream_link_pending(
            &tx,
            &ctx.browser_binding(),
            &session,
            &account,
            &client(&ctx),
        )
        .await?;
    match outcome {
        // No login of the account since the identity came back: one, afresh.
        Outcome::StepUp(limen_core::AuthLevel::Basic) => {
            Ok(ctx.redirect(&to_login(&here, "&renew=1")))
        }
        Outcome::StepUp(level) => {
            // The account has a second factor: it must be proven too.
            let extra = format!("&authenticationLevel={}", level.as_str());
            Ok(ctx.redirect(&to_login(&here, &extra)))
        }
        Outcome::Linked { .. } => {
            ctx.clear_cookie(LINK_COOKIE);
            let text = vec![ctx.tr.t("upstream-linked-text")];
            common::message(
                &ctx,
                StatusCode::OK,
                Some(account.display_name()),
                "upstream-linked-title",
                text,
                Some((target, ctx.tr.t("upstream-continue"))),
            )
        }
        other => {
            ctx.clear_cookie(LINK_COOKIE);
            after(&state, &mut ctx, &target, other).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    tx: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
}

/// POST /upstream/create: "Create an account" with the waiting identity.
pub async fn create(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Form(form): Form<CreateForm>,
) -> Result<Response, WebError> {
    pages::create(&state, &mut ctx, form).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ActivateQuery {
    #[serde(default)]
    key: String,
}

#[derive(askama::Template)]
#[template(path = "upstream_activate.html")]
struct ActivatePage {
    ctx: crate::pages::PageCtx,
    email: String,
    upstreams: Vec<UpstreamButton>,
    upstream_target: String,
    upstream_hint: String,
}

/// GET /upstream/activate: the link that confirms a new account's address. It is not spent
/// here: the account becomes active when the upstream identity it was made with signs in, in
/// this same browser (a victim following a link to an account someone else's upstream identity
/// made gets no account that identity can enter).
pub async fn activate(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<ActivateQuery>,
) -> Result<Response, WebError> {
    let Some(account) = state.authn.upstream_activation(&q.key).await? else {
        return common::message(
            &ctx,
            StatusCode::GONE,
            None,
            "upstream-failed-title",
            vec![ctx.tr.t("upstream-activation-gone")],
            Some(("/cas/login".to_owned(), ctx.tr.t("back-to-login"))),
        );
    };
    let linked: Vec<String> = state
        .store()
        .upstream_links_of(account.id)
        .await?
        .into_iter()
        .map(|l| l.upstream)
        .collect();
    let upstreams = state
        .upstreams
        .listed()
        .into_iter()
        .filter(|(id, _, strength)| linked.contains(id) && state.authn.upstream_live(*strength))
        .map(|(id, name, _)| UpstreamButton { id, name })
        .collect();
    let ttl = limen_authn::upstream::UPSTREAM_TTL.whole_seconds();
    ctx.set_cookie(ACTIVATE_COOKIE, &q.key, Some(ttl));
    let page = ActivatePage {
        ctx: crate::pages::PageCtx::new(&ctx, None),
        email: account.email.as_str().to_owned(),
        upstreams,
        upstream_target: "/cas/login".to_owned(),
        upstream_hint: account.email.as_str().to_owned(),
    };
    common::render(&ctx, StatusCode::OK, &page)
}
