//! Signing in with a security key, trusted platform or passkey (seed 003 "Security key or
//! trusted platform", seed 004 "Plateforme sécurisée ou clé de sécurité"):
//! - as a second factor: the password (or, when stepping up, the session's password proof),
//!   then the choice of device when there are several, then the browser ceremony;
//! - passwordless: a discoverable credential with user verification, from the identifier page.
//!
//! Either way the user reaches `PASSWORD_WEBAUTHN`; the session records the proofs only once the
//! ceremony succeeded.

use super::{Assertion, CeremonyError, ceremony_id, keep_ceremony};
use crate::authn;
use crate::context::{Ctx, SSO};
use crate::login::{self, LoginQuery, Target};
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use limen_core::{Account, AccountStatus, Strength};
use limen_store::Ceremony;
use serde::{Deserialize, Serialize};

const LOGIN: &str = "login";
const CHOOSE: &str = "choose";
const PASSWORDLESS: &str = "passwordless";

/// What a second-factor ceremony carries besides the verifier's state.
#[derive(Serialize, Deserialize)]
struct LoginState {
    /// The password was verified just before (a first login), rather than known from the
    /// session (a step-up, bound to that session).
    password_verified: bool,
    /// The verifier's state; absent while the user chooses the device.
    verifier: Option<String>,
}

#[derive(Template)]
#[template(path = "webauthn_ceremony.html")]
pub(crate) struct CeremonyPage {
    pub ctx: PageCtx,
    pub title: String,
    pub intro: Vec<String>,
    pub status: String,
    pub error: Option<String>,
    pub service_name: Option<String>,
    pub action: String,
    pub mode: &'static str,
    pub ceremony: String,
    /// JSON, with `<` escaped so that it cannot close the script element.
    pub options: String,
    pub back: Option<(String, String)>,
}

pub(crate) struct DeviceChoice {
    pub id: i64,
    pub name: String,
}

#[derive(Template)]
#[template(path = "webauthn_choose.html")]
struct ChoosePage {
    ctx: PageCtx,
    service_name: Option<String>,
    action: String,
    ceremony: String,
    devices: Vec<DeviceChoice>,
}

/// Options JSON safe inside `<script type="application/json">`.
pub(crate) fn embed(options: &serde_json::Value) -> String {
    options
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn path_with_query(ctx: &Ctx, path: &str) -> String {
    login::form_action(ctx).replacen("/cas/login", path, 1)
}

/// Starts the key step for `account`: the device choice when it has several usable keys and
/// none is chosen yet, else the ceremony.
pub(crate) async fn start(
    state: &AppState,
    ctx: &Ctx,
    target: &Target,
    account: &Account,
    password_verified: bool,
    session_id: Option<String>,
    device: Option<i64>,
) -> Result<Response, WebError> {
    let keys: Vec<_> = state
        .store
        .webauthn_credentials(account.id)
        .await?
        .into_iter()
        .filter(|k| k.flagged_at.is_none())
        .filter(|k| device.is_none_or(|d| d == k.id))
        .collect();
    if keys.is_empty() {
        let text = vec![ctx.tr.t("webauthn-error-no-key")];
        let link = Some((
            "/cas/login?next=%2Faccount%2Fwebauthn".to_owned(),
            ctx.tr.t("account-webauthn"),
        ));
        return pages::message(
            ctx,
            StatusCode::FORBIDDEN,
            None,
            "error-page-title",
            text,
            link,
        );
    }
    if keys.len() > 1 {
        // Seed 003: "click the name of the security key or trusted platform you want".
        let carried = LoginState {
            password_verified,
            verifier: None,
        };
        let token = keep_ceremony(
            state,
            CHOOSE,
            Some(account.id),
            session_id,
            super::to_string(&carried)?,
        )
        .await?;
        let page = ChoosePage {
            ctx: PageCtx::new(ctx, None),
            service_name: login::service_name(target),
            action: path_with_query(ctx, "/cas/login/webauthn/choose"),
            ceremony: token,
            devices: keys
                .into_iter()
                .map(|k| DeviceChoice {
                    id: k.id,
                    name: k.name,
                })
                .collect(),
        };
        return pages::render(ctx, StatusCode::OK, &page);
    }
    let records: Vec<String> = keys.into_iter().map(|k| k.credential).collect();
    let (token, options) =
        login_ceremony(state, account.id, session_id, password_verified, &records).await?;
    ceremony_page(ctx, target, token, &options, None)
}

/// A new second-factor challenge for `records` (the keys allowed), stored for `account_id`;
/// returns the page's token and the options for the browser.
async fn login_ceremony(
    state: &AppState,
    account_id: i64,
    session_id: Option<String>,
    password_verified: bool,
    records: &[String],
) -> Result<(String, serde_json::Value), WebError> {
    let (options, verifier) = state.relying_party.start_login(records)?;
    let carried = LoginState {
        password_verified,
        verifier: Some(verifier),
    };
    let token = keep_ceremony(
        state,
        LOGIN,
        Some(account_id),
        session_id,
        super::to_string(&carried)?,
    )
    .await?;
    Ok((token, options))
}

fn ceremony_page(
    ctx: &Ctx,
    target: &Target,
    token: String,
    options: &serde_json::Value,
    error: Option<String>,
) -> Result<Response, WebError> {
    let page = CeremonyPage {
        ctx: PageCtx::new(ctx, None),
        title: ctx.tr.t("webauthn-login-title"),
        intro: vec![ctx.tr.t("webauthn-login-text")],
        status: ctx.tr.t("webauthn-login-status"),
        error: error.clone(),
        service_name: login::service_name(target),
        action: path_with_query(ctx, "/cas/login/webauthn"),
        mode: "get",
        ceremony: token,
        options: embed(options),
        back: Some((login::form_action(ctx), ctx.tr.t("back-to-login"))),
    };
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    pages::render(ctx, status, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct CeremonyForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    credential: String,
    #[serde(default)]
    device: String,
}

/// The ceremony is gone (used, expired, or never was): start the login again.
fn gone(ctx: &Ctx) -> Result<Response, WebError> {
    let text = vec![ctx.tr.t("webauthn-error-expired")];
    let link = Some((login::form_action(ctx), ctx.tr.t("back-to-login")));
    pages::message(
        ctx,
        StatusCode::BAD_REQUEST,
        None,
        "error-page-title",
        text,
        link,
    )
}

async fn resolve(
    state: &AppState,
    ctx: &Ctx,
    q: &LoginQuery,
    csrf: &str,
) -> Result<Result<Target, Response>, WebError> {
    let target = match login::target(state, ctx, q).await? {
        Ok(t) => t,
        Err(page) => return Ok(Err(page)),
    };
    if !ctx.csrf_ok(csrf) {
        let back = (login::form_action(ctx), ctx.tr.t("back-to-login"));
        return Ok(Err(pages::csrf_refused(ctx, back)?));
    }
    Ok(Ok(target))
}

/// A step-up ceremony belongs to the session that started it: it must still be this browser's.
async fn session_matches(
    state: &AppState,
    ctx: &Ctx,
    ceremony: &Ceremony,
    carried: &LoginState,
) -> Result<bool, WebError> {
    if carried.password_verified {
        return Ok(true);
    }
    let current = authn::current_session(state, ctx.cookie(SSO)).await?;
    Ok(matches!(
        (current, &ceremony.session_id),
        (Some((s, _)), Some(id)) if &s.id == id
            && Some(s.account_id) == ceremony.account_id
            && s.proofs.iter().any(|p| p.strength == Strength::Password)
    ))
}

async fn active_account(state: &AppState, id: Option<i64>) -> Result<Option<Account>, WebError> {
    let Some(id) = id else { return Ok(None) };
    Ok(state
        .store
        .account_by_id(id)
        .await?
        .filter(|a| a.status == AccountStatus::Active))
}

/// Takes a second-factor ceremony (`purpose`) from the page's token: still valid, still this
/// browser's session for a step-up, for an active account. `None`: start again.
async fn take(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    purpose: &str,
) -> Result<Option<(Ceremony, LoginState, Account)>, WebError> {
    let Some(id) = ceremony_id(token) else {
        return Ok(None);
    };
    let Some(ceremony) = state.store.take_ceremony(&id, purpose, state.now()).await? else {
        return Ok(None);
    };
    let Ok(carried) = serde_json::from_str::<LoginState>(&ceremony.state) else {
        return Ok(None);
    };
    if !session_matches(state, ctx, &ceremony, &carried).await? {
        return Ok(None);
    }
    Ok(active_account(state, ceremony.account_id)
        .await?
        .map(|account| (ceremony, carried, account)))
}

/// POST /cas/login/webauthn/choose: the device the user picked.
pub async fn choose(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
    Form(form): Form<CeremonyForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let Some((ceremony, carried, account)) = take(&state, &ctx, &form.ceremony, CHOOSE).await?
    else {
        return gone(&ctx);
    };
    let device = form.device.trim().parse::<i64>().ok();
    start(
        &state,
        &ctx,
        &target,
        &account,
        carried.password_verified,
        ceremony.session_id,
        device,
    )
    .await
}

/// POST /cas/login/webauthn: the browser's answer to a second-factor ceremony.
pub async fn finish(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<LoginQuery>,
    Form(form): Form<CeremonyForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let Some((ceremony, carried, account)) = take(&state, &ctx, &form.ceremony, LOGIN).await?
    else {
        return gone(&ctx);
    };
    let Some(verifier) = carried.verifier.as_deref() else {
        return gone(&ctx);
    };
    let outcome = verify(&state, &account, &form.credential, verifier).await?;
    if let Err(error) = outcome {
        authn::audit(
            &state,
            "login.failure",
            Some(account.id),
            &ctx.client_ip,
            serde_json::json!({"method": "PASSWORD_WEBAUTHN", "reason": format!("{error:?}")}),
        )
        .await;
        // Another try: a new challenge, the same password state.
        let records: Vec<String> = state
            .store
            .webauthn_credentials(account.id)
            .await?
            .into_iter()
            .filter(|k| k.flagged_at.is_none())
            .map(|k| k.credential)
            .collect();
        if records.is_empty() {
            let text = vec![ctx.tr.t(error.message_key())];
            return pages::message(
                &ctx,
                StatusCode::UNAUTHORIZED,
                None,
                "error-page-title",
                text,
                Some((login::form_action(&ctx), ctx.tr.t("back-to-login"))),
            );
        }
        let (token, options) = login_ceremony(
            &state,
            account.id,
            ceremony.session_id,
            carried.password_verified,
            &records,
        )
        .await?;
        return ceremony_page(
            &ctx,
            &target,
            token,
            &options,
            Some(ctx.tr.t(error.message_key())),
        );
    }
    authn::audit(
        &state,
        "login.success",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"method": "PASSWORD_WEBAUTHN"}),
    )
    .await;
    let strengths: &[Strength] = if carried.password_verified {
        &[Strength::Password, Strength::PasswordWebauthn]
    } else {
        &[Strength::PasswordWebauthn]
    };
    let session = authn::sign_in(&state, &mut ctx, &account, strengths).await?;
    login::proceed(&state, &ctx, &target, &session, &account, &q, true).await
}

/// Verifies a browser's answer for `account` against the verifier state, and records the use.
/// Refuses keys of other accounts, unknown (deleted) keys, flagged keys and counter regressions
/// (which flag the key).
async fn verify(
    state: &AppState,
    account: &Account,
    credential: &str,
    verifier: &str,
) -> Result<Result<bool, CeremonyError>, WebError> {
    let assertion = match Assertion::parse(credential) {
        Ok(a) => a,
        Err(e) => return Ok(Err(e)),
    };
    let Some(key) = state
        .store
        .webauthn_credential_by_credential_id(&assertion.credential_id())
        .await?
    else {
        return Ok(Err(CeremonyError::UnknownCredential));
    };
    verify_key(state, account, &key, &assertion, verifier).await
}

/// [`verify`] once the key is known. Returns whether the user was verified (PIN, biometrics).
async fn verify_key(
    state: &AppState,
    account: &Account,
    key: &limen_store::WebauthnCredential,
    assertion: &Assertion,
    verifier: &str,
) -> Result<Result<bool, CeremonyError>, WebError> {
    if key.account_id != account.id {
        return Ok(Err(CeremonyError::OtherAccount));
    }
    if key.flagged_at.is_some() {
        return Ok(Err(CeremonyError::CounterRegression));
    }
    if let Some(handle) = assertion.user_handle() {
        // §7.2 step 6: a returned user handle must name the key's owner.
        let mine = state
            .store
            .webauthn_user_handle(account.id, &new_handle())
            .await?;
        if handle != mine {
            return Ok(Err(CeremonyError::OtherAccount));
        }
    }
    match state
        .relying_party
        .finish_login(assertion, verifier, &key.credential)
    {
        Ok((updated, user_verified)) => {
            state
                .store
                .record_webauthn_use(key.id, &updated, state.now())
                .await?;
            Ok(Ok(user_verified))
        }
        Err(CeremonyError::CounterRegression) => {
            tracing::warn!(
                account = account.id,
                key = key.id,
                "WebAuthn signature counter went backwards: key flagged"
            );
            state
                .store
                .flag_webauthn_credential(key.id, state.now())
                .await?;
            authn::audit(
                state,
                "webauthn.counter_regression",
                Some(account.id),
                "-",
                serde_json::json!({"key": key.name}),
            )
            .await;
            Ok(Err(CeremonyError::CounterRegression))
        }
        Err(e) => Ok(Err(e)),
    }
}

/// A fresh user handle: 32 random bytes, base64url (§5.4.3: not personal data).
pub(crate) fn new_handle() -> String {
    limen_crypto::random_token(32)
}

#[derive(Debug, Default, Deserialize)]
pub struct OptionsForm {
    #[serde(default)]
    csrf_token: String,
}

/// POST /cas/login/passkey/options: a passwordless challenge for the sign-in page's script.
pub async fn passkey_options(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<OptionsForm>,
) -> Result<Response, WebError> {
    if !ctx.csrf_ok(&form.csrf_token) {
        return Ok((StatusCode::FORBIDDEN, "forbidden").into_response());
    }
    if !state
        .config
        .methods
        .is_live(limen_core::Method::Webauthn, state.now().date())
    {
        return Ok((StatusCode::NOT_FOUND, "not available").into_response());
    }
    // Each challenge is a row until it expires: bounded per client address.
    let asked = state
        .store
        .throttle_fail(
            &format!("passkey-ip:{}", ctx.client_ip),
            state.now(),
            time::Duration::hours(1),
        )
        .await?;
    if asked > state.config.webauthn.passwordless_per_client_per_hour {
        return Ok((StatusCode::TOO_MANY_REQUESTS, "too many requests").into_response());
    }
    let (options, verifier) = state.relying_party.start_passwordless()?;
    let token = keep_ceremony(&state, PASSWORDLESS, None, None, verifier).await?;
    let body = serde_json::json!({"ceremony": token, "options": options});
    Ok(axum::Json(body).into_response())
}

/// POST /cas/login/passkey: passwordless sign-in with a discoverable credential. The key names
/// its account (credential ID, checked against the returned user handle); user verification is
/// required, so the proof is two factors (possession and PIN/biometrics): `PASSWORD_WEBAUTHN`.
pub async fn passkey(
    State(state): State<AppState>,
    mut ctx: Ctx,
    Query(q): Query<LoginQuery>,
    Form(form): Form<CeremonyForm>,
) -> Result<Response, WebError> {
    let target = match resolve(&state, &ctx, &q, &form.csrf_token).await? {
        Ok(t) => t,
        Err(page) => return Ok(page),
    };
    let refuse = |ctx: &Ctx, error: CeremonyError| {
        login::email_page_with(
            &state,
            ctx,
            &target,
            "",
            None,
            Some(ctx.tr.t(error.message_key())),
            StatusCode::UNAUTHORIZED,
        )
    };
    if !target.accepts(&state, Strength::PasswordWebauthn) {
        return refuse(&ctx, CeremonyError::Refused("not accepted here".into()));
    }
    let Some(id) = ceremony_id(&form.ceremony) else {
        return refuse(&ctx, CeremonyError::Expired);
    };
    let Some(ceremony) = state
        .store
        .take_ceremony(&id, PASSWORDLESS, state.now())
        .await?
    else {
        return refuse(&ctx, CeremonyError::Expired);
    };
    let assertion = match Assertion::parse(&form.credential) {
        Ok(a) => a,
        Err(e) => return refuse(&ctx, e),
    };
    let Some(key) = state
        .store
        .webauthn_credential_by_credential_id(&assertion.credential_id())
        .await?
    else {
        authn::audit(
            &state,
            "login.failure",
            None,
            &ctx.client_ip,
            serde_json::json!({"method": "PASSKEY", "reason": "unknown key"}),
        )
        .await;
        return refuse(&ctx, CeremonyError::UnknownCredential);
    };
    let Some(account) = active_account(&state, Some(key.account_id)).await? else {
        return refuse(&ctx, CeremonyError::UnknownCredential);
    };
    // §7.2 step 6: without a prior identification, the user handle must be present; `verify_key`
    // checks that it names the credential's owner.
    if assertion.user_handle().is_none() {
        return refuse(&ctx, CeremonyError::OtherAccount);
    }
    match verify_key(&state, &account, &key, &assertion, &ceremony.state).await? {
        Ok(true) => {}
        Ok(false) => return refuse(&ctx, CeremonyError::NotVerified),
        Err(e) => {
            authn::audit(
                &state,
                "login.failure",
                Some(account.id),
                &ctx.client_ip,
                serde_json::json!({"method": "PASSKEY", "reason": format!("{e:?}")}),
            )
            .await;
            return refuse(&ctx, e);
        }
    }
    // The operator's rule for this account's user type (`[methods.webauthn] user_types`):
    // `target.accepts` above only knows whether the method is live for everyone, and the
    // method selector, which applies the rule to the other routes, is not on this one. A key
    // registered before the rule must not sign in an account the method is not for.
    if state.config.methods.status(
        limen_core::Method::Webauthn,
        account.user_type,
        state.now().date(),
    ) != limen_core::policy::MethodStatus::Usable
    {
        authn::audit(
            &state,
            "login.failure",
            Some(account.id),
            &ctx.client_ip,
            serde_json::json!({"method": "PASSKEY", "reason": "not for this user type"}),
        )
        .await;
        return login::email_page_with(
            &state,
            &ctx,
            &target,
            "",
            None,
            Some(ctx.tr.t("webauthn-unavailable")),
            StatusCode::FORBIDDEN,
        );
    }
    authn::audit(
        &state,
        "login.success",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"method": "PASSKEY"}),
    )
    .await;
    crate::profile::apply_ui_language(&mut ctx, &account);
    ctx.remember_email(account.email.as_str());
    let session = authn::sign_in(&state, &mut ctx, &account, &[Strength::PasswordWebauthn]).await?;
    login::proceed(&state, &ctx, &target, &session, &account, &q, true).await
}
