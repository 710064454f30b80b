//! My account → "Manage my security keys and trusted platforms" (seed 003): the list (name,
//! kind, model from the AAGUID, creation and last-use dates), add a security key, a trusted
//! platform or a passkey, rename, delete — each change told by a security e-mail.
//!
//! Adding a key to an account that already has a second factor needs a proof at least as strong
//! as its strongest factor (seed 003: "you may need to authenticate with a stronger method");
//! the first one can be added after a password login. Removing a key needs the same proof,
//! except for a blocked key.

use super::signin::{CeremonyPage, embed, new_handle};
use super::{CeremonyError, Kind, ceremony_id, keep_ceremony, model_name};
use crate::account::{signed_in, signed_in_form};
use crate::context::Ctx;
use crate::mail::{SecurityEvent, security_mail};
use crate::pages::{self, PageCtx, format_time};
use crate::{AppState, WebError, authn};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use limen_core::policy::level_to_add_factor;
use limen_core::{Account, AuthLevel, Method, SsoSession};
use limen_store::NewWebauthnCredential;
use serde::{Deserialize, Serialize};

const REGISTER: &str = "register";
const HERE: &str = "/account/webauthn";

pub(crate) struct DeviceRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub model: String,
    pub created: String,
    pub last_used: String,
    pub flagged: bool,
}

#[derive(Template)]
#[template(path = "webauthn_keys.html")]
struct KeysPage {
    ctx: PageCtx,
    devices: Vec<DeviceRow>,
    notice: Option<String>,
    error: Option<String>,
    stronger_needed: Option<String>,
}

#[derive(Template)]
#[template(path = "webauthn_add.html")]
struct AddPage {
    ctx: PageCtx,
    title: String,
    intro: Vec<String>,
    kind: &'static str,
    name: String,
    error: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct RegisterState {
    verifier: String,
    kind: Kind,
    name: String,
}

/// The level a session must have proven to add a factor to this account, and whether it has.
async fn may_add(
    state: &AppState,
    session: &SsoSession,
    account: &Account,
) -> Result<(AuthLevel, bool), WebError> {
    let registered = crate::login::registered_methods(state, Some(account)).await?;
    let needed = level_to_add_factor(&registered);
    let today = state.now().date();
    let has = session.proofs.iter().any(|p| {
        p.strength.level() >= needed
            && state
                .config
                .methods
                .is_live(Method::for_strength(p.strength), today)
    });
    Ok((needed, has))
}

fn step_up(ctx: &Ctx, here: &str, level: AuthLevel) -> Response {
    let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
    ctx.redirect(&format!(
        "/cas/login?next={next}&authenticationLevel={}",
        level.as_str()
    ))
}

fn kind_label(ctx: &Ctx, kind: &str) -> String {
    ctx.tr.t(&format!("webauthn-kind-{kind}"))
}

#[derive(Debug, Default, Deserialize)]
pub struct KeysQuery {
    added: Option<String>,
    deleted: Option<String>,
    renamed: Option<String>,
}

/// GET /account/webauthn
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<KeysQuery>,
) -> Result<Response, WebError> {
    let (session, account) = match signed_in(&state, &ctx, HERE).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    let notice = if let Some(kind) = q.added.as_deref() {
        let kind = Kind::parse(kind).unwrap_or(Kind::SecurityKey);
        Some(ctx.tr.t(&format!("webauthn-added-{}", kind.as_str())))
    } else if q.deleted.is_some() {
        Some(ctx.tr.t("webauthn-deleted"))
    } else if q.renamed.is_some() {
        Some(ctx.tr.t("webauthn-renamed"))
    } else {
        None
    };
    keys_page(
        &state,
        &ctx,
        &session,
        &account,
        notice,
        None,
        StatusCode::OK,
    )
    .await
}

async fn keys_page(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let never = ctx.tr.t("webauthn-never-used");
    let devices = state
        .store
        .webauthn_credentials(account.id)
        .await?
        .into_iter()
        .map(|k| DeviceRow {
            id: k.id,
            kind: kind_label(ctx, &k.kind),
            model: k.aaguid.as_deref().map_or_else(
                || ctx.tr.t("webauthn-model-unknown"),
                |a| model_name(a).map_or_else(|| a.to_owned(), str::to_owned),
            ),
            created: format_time(k.created_at),
            last_used: k.last_used_at.map_or_else(|| never.clone(), format_time),
            flagged: k.flagged_at.is_some(),
            name: k.name,
        })
        .collect();
    let (_, has) = may_add(state, session, account).await?;
    let page = KeysPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        devices,
        notice,
        error,
        stronger_needed: (!has).then(|| ctx.tr.t("webauthn-stronger-needed")),
    };
    pages::render(ctx, status, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct AddQuery {
    kind: Option<String>,
}

fn add_page(
    ctx: &Ctx,
    account: &Account,
    kind: Kind,
    name: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let page = AddPage {
        ctx: PageCtx::new(ctx, Some(account.display_name())),
        title: ctx.tr.t(&format!("webauthn-add-{}", kind.as_str())),
        intro: vec![
            ctx.tr.t(&format!("webauthn-kind-{}-desc", kind.as_str())),
            ctx.tr.t("webauthn-add-intro"),
        ],
        kind: kind.as_str(),
        name: name.to_owned(),
        error,
    };
    pages::render(ctx, status, &page)
}

/// GET /account/webauthn/add?kind=…: the name of the new key.
pub async fn add_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AddQuery>,
) -> Result<Response, WebError> {
    let kind = q
        .kind
        .as_deref()
        .and_then(Kind::parse)
        .unwrap_or(Kind::SecurityKey);
    let here = format!("{HERE}/add?kind={}", kind.as_str());
    let (session, account) = match signed_in(&state, &ctx, &here).await? {
        Ok(s) => s,
        Err(redirect) => return Ok(redirect),
    };
    if let Some(refused) = unavailable(&state, &ctx, &session, &account).await? {
        return Ok(refused);
    }
    let (needed, has) = may_add(&state, &session, &account).await?;
    if !has {
        return Ok(step_up(&ctx, &here, needed));
    }
    add_page(&ctx, &account, kind, "", None, StatusCode::OK)
}

/// The method is disabled, retired or not for this user type: say so on the list page.
async fn unavailable(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
) -> Result<Option<Response>, WebError> {
    let status =
        state
            .config
            .methods
            .status(Method::Webauthn, account.user_type, state.now().date());
    if status == limen_core::policy::MethodStatus::Usable {
        return Ok(None);
    }
    let error = Some(ctx.tr.t("webauthn-unavailable"));
    Ok(Some(
        keys_page(
            state,
            ctx,
            session,
            account,
            None,
            error,
            StatusCode::FORBIDDEN,
        )
        .await?,
    ))
}

/// A device name: 1 to 64 characters, no control characters, surrounding spaces dropped.
fn device_name(input: &str) -> Option<String> {
    let name = input.trim();
    let ok = !name.is_empty() && name.chars().count() <= 64 && !name.chars().any(char::is_control);
    ok.then(|| name.to_owned())
}

#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
}

/// POST /account/webauthn/add: starts the registration ceremony.
pub async fn add_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AddForm>,
) -> Result<Response, WebError> {
    let kind = Kind::parse(&form.kind).unwrap_or(Kind::SecurityKey);
    let here = format!("{HERE}/add?kind={}", kind.as_str());
    let (session, account) =
        match signed_in_form(&state, &ctx, &here, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    if let Some(refused) = unavailable(&state, &ctx, &session, &account).await? {
        return Ok(refused);
    }
    let (needed, has) = may_add(&state, &session, &account).await?;
    if !has {
        return Ok(step_up(&ctx, &here, needed));
    }
    let typed: String = form.name.chars().take(200).collect();
    let Some(name) = device_name(&form.name) else {
        let msg = ctx.tr.t("webauthn-error-name");
        return add_page(
            &ctx,
            &account,
            kind,
            &typed,
            Some(msg),
            StatusCode::BAD_REQUEST,
        );
    };
    let handle = state
        .store
        .webauthn_user_handle(account.id, &new_handle())
        .await?;
    let handle_bytes = URL_SAFE_NO_PAD
        .decode(&handle)
        .map_err(|e| WebError::Internal(format!("user handle: {e}")))?;
    let exclude: Vec<Vec<u8>> = state
        .store
        .webauthn_credentials(account.id)
        .await?
        .iter()
        .filter_map(|k| URL_SAFE_NO_PAD.decode(&k.credential_id).ok())
        .collect();
    let (options, verifier) = state.relying_party.start_registration(
        &handle_bytes,
        account.email.as_str(),
        &account.display_name(),
        kind,
        exclude,
    )?;
    let carried = RegisterState {
        verifier,
        kind,
        name,
    };
    let token = keep_ceremony(
        &state,
        REGISTER,
        Some(account.id),
        Some(session.id.clone()),
        super::to_string(&carried)?,
    )
    .await?;
    let page = CeremonyPage {
        ctx: PageCtx::new(&ctx, Some(account.display_name())),
        title: ctx.tr.t(&format!("webauthn-add-{}", kind.as_str())),
        intro: vec![ctx.tr.t("webauthn-register-text")],
        status: ctx.tr.t("webauthn-register-status"),
        error: None,
        service_name: None,
        action: format!("{HERE}/finish"),
        mode: "create",
        ceremony: token,
        options: embed(&options),
        back: Some((HERE.to_owned(), ctx.tr.t("back-to-keys"))),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct FinishForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    credential: String,
}

/// POST /account/webauthn/finish: the browser's answer to the registration ceremony.
pub async fn finish(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<FinishForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let failed = |error: CeremonyError| {
        let state = state.clone();
        let ctx = &ctx;
        let (session, account) = (&session, &account);
        async move {
            let msg = Some(ctx.tr.t(error.message_key()));
            keys_page(
                &state,
                ctx,
                session,
                account,
                None,
                msg,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    };
    let now = state.now();
    let ceremony = match ceremony_id(&form.ceremony) {
        Some(id) => state.store.take_ceremony(&id, REGISTER, now).await?,
        None => None,
    };
    // The ceremony must be this session's, for this account.
    let Some(ceremony) = ceremony.filter(|c| {
        c.account_id == Some(account.id) && c.session_id.as_deref() == Some(session.id.as_str())
    }) else {
        return failed(CeremonyError::Expired).await;
    };
    let Ok(carried) = serde_json::from_str::<RegisterState>(&ceremony.state) else {
        return failed(CeremonyError::Expired).await;
    };
    if form.credential.len() > 64 * 1024 {
        return failed(CeremonyError::Malformed).await;
    }
    let registered = match state
        .relying_party
        .finish_registration(&form.credential, &carried.verifier)
    {
        Ok(r) => r,
        Err(e) => {
            authn::audit(
                &state,
                "webauthn.register.failure",
                Some(account.id),
                &ctx.client_ip,
                serde_json::json!({"reason": format!("{e:?}")}),
            )
            .await;
            return failed(e).await;
        }
    };
    let added = state
        .store
        .add_webauthn_credential(&NewWebauthnCredential {
            account_id: account.id,
            credential_id: registered.credential_id,
            name: carried.name.clone(),
            kind: carried.kind.as_str().to_owned(),
            aaguid: registered.aaguid,
            attestation_format: registered.attestation_format,
            user_verified: registered.user_verified,
            credential: registered.record,
            created_at: now,
        })
        .await;
    match added {
        Ok(_) => {}
        Err(limen_store::StoreError::Duplicate(_)) => {
            return failed(CeremonyError::AlreadyRegistered).await;
        }
        Err(e) => return Err(e.into()),
    }
    authn::audit(
        &state,
        "webauthn.register",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"kind": carried.kind.as_str(), "name": carried.name}),
    )
    .await;
    security_mail(
        &state,
        &account,
        SecurityEvent::FactorAdded { name: carried.name },
    )
    .await?;
    Ok(ctx.redirect(&format!("{HERE}?added={}", carried.kind.as_str())))
}

#[derive(Debug, Default, Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
}

/// One of the account's keys, by the id a form sent.
async fn find_key(
    state: &AppState,
    account: &Account,
    id: &str,
) -> Result<Option<limen_store::WebauthnCredential>, WebError> {
    let Ok(id) = id.trim().parse::<i64>() else {
        return Ok(None);
    };
    Ok(state
        .store
        .webauthn_credentials(account.id)
        .await?
        .into_iter()
        .find(|k| k.id == id))
}

/// A form named a key the account does not have (another account's, or gone).
async fn no_such_key(
    state: &AppState,
    ctx: &Ctx,
    session: &SsoSession,
    account: &Account,
) -> Result<Response, WebError> {
    let msg = Some(ctx.tr.t("webauthn-error-no-such-key"));
    keys_page(
        state,
        ctx,
        session,
        account,
        None,
        msg,
        StatusCode::NOT_FOUND,
    )
    .await
}

/// POST /account/webauthn/rename
pub async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<KeyForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let key = find_key(&state, &account, &form.id).await?;
    let Some(key) = key else {
        return no_such_key(&state, &ctx, &session, &account).await;
    };
    let Some(name) = device_name(&form.name) else {
        let msg = Some(ctx.tr.t("webauthn-error-name"));
        return keys_page(
            &state,
            &ctx,
            &session,
            &account,
            None,
            msg,
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    if name == key.name {
        return Ok(ctx.redirect(HERE));
    }
    state
        .store
        .rename_webauthn_credential(account.id, key.id, &name)
        .await?;
    authn::audit(
        &state,
        "webauthn.rename",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"old": key.name, "name": name}),
    )
    .await;
    security_mail(
        &state,
        &account,
        SecurityEvent::FactorRenamed {
            old: key.name,
            name,
        },
    )
    .await?;
    Ok(ctx.redirect(&format!("{HERE}?renamed=1")))
}

/// POST /account/webauthn/delete
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<KeyForm>,
) -> Result<Response, WebError> {
    let (session, account) =
        match signed_in_form(&state, &ctx, HERE, "webauthn-keys-title", &form.csrf_token).await? {
            Ok(s) => s,
            Err(page) => return Ok(page),
        };
    let key = find_key(&state, &account, &form.id).await?;
    // Removing a factor needs the same proof as adding one: otherwise a stolen password would
    // remove the user's key and add the thief's. A blocked key (counter regression) can be
    // removed after a password sign-in, as its message tells the user to. A user who lost every
    // key asks the help desk (`limen user remove-keys`).
    if let Some(k) = &key
        && k.flagged_at.is_none()
    {
        let (needed, has) = may_add(&state, &session, &account).await?;
        if !has {
            return Ok(step_up(&ctx, HERE, needed));
        }
    }
    let deleted = match key {
        Some(k) => {
            state
                .store
                .delete_webauthn_credential(account.id, k.id)
                .await?
        }
        None => None,
    };
    let Some(name) = deleted else {
        return no_such_key(&state, &ctx, &session, &account).await;
    };
    authn::audit(
        &state,
        "webauthn.delete",
        Some(account.id),
        &ctx.client_ip,
        serde_json::json!({"name": name}),
    )
    .await;
    // Whoever else used that key (a thief, if it was stolen) is signed out: every other session
    // of the account ends, with single logout, and its OIDC grants are revoked. This session
    // keeps its key proof only while a key remains.
    authn::end_sessions_of_account(&state, account.id, Some(&session.id)).await?;
    if state.store.webauthn_credential_count(account.id).await? == 0 {
        let mut session = session.clone();
        session
            .proofs
            .retain(|p| p.strength != limen_core::Strength::PasswordWebauthn);
        state.store.save_session_proofs(&session).await?;
    }
    security_mail(&state, &account, SecurityEvent::FactorRemoved { name }).await?;
    Ok(ctx.redirect(&format!("{HERE}?deleted=1")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_checked() {
        assert_eq!(device_name("  YubiKey 5 "), Some("YubiKey 5".into()));
        assert_eq!(
            device_name("Mon iPhone bleu"),
            Some("Mon iPhone bleu".into())
        );
        assert_eq!(device_name(""), None);
        assert_eq!(device_name("   "), None);
        assert_eq!(device_name("a\u{0}b"), None);
        assert_eq!(device_name(&"x".repeat(65)), None);
        assert_eq!(device_name(&"é".repeat(64)), Some("é".repeat(64)));
    }
}
