//! The registry, read-only in the console (`ReadRegistry`): `/admin/services` (CAS services,
//! OpenID Connect clients, SAML service providers) and a service's details; `/admin/keys`: the
//! OpenID Connect and SAML signing keys (public facts only), and their rotation
//! (`ManageRegistry`, with a reason) — the same functions as `limen keys rotate`.

use super::{Params, Shell, as_admin, gate, not_found, notice, page_ctx, reason_of, segment};
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::Capability;
use limen_core::oidc::JwsAlg;

pub(crate) struct ServiceRow {
    pub name: String,
    pub href: String,
    pub protocol: String,
    pub patterns: String,
    pub strengths: String,
    pub builtin: bool,
}

#[derive(Template)]
#[template(path = "admin/services.html")]
pub(crate) struct ServicesPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub q: String,
    pub protocol: String,
    pub rows: Vec<ServiceRow>,
}

fn strengths(s: &limen_core::Service, ctx: &Ctx) -> String {
    if s.accepted_strengths.is_empty() {
        ctx.tr.t("admin-every-strength")
    } else {
        s.accepted_strengths
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub async fn services(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, "/admin/services", Capability::ReadRegistry).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let p = Params::query(raw.as_deref());
    let (q, protocol) = (p.get("q"), p.get("protocol"));
    let needle = q.to_lowercase();
    let rows = state
        .store
        .list_services()
        .await?
        .into_iter()
        .filter(|s| needle.is_empty() || s.name.to_lowercase().contains(&needle))
        .filter(|s| protocol.is_empty() || s.protocol.as_str() == protocol)
        .map(|s| ServiceRow {
            href: format!("/admin/services/{}", segment(&s.name)),
            protocol: s.protocol.as_str().to_owned(),
            patterns: s
                .url_patterns
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            strengths: strengths(&s, &ctx),
            builtin: s.builtin,
            name: s.name,
        })
        .collect();
    let page = ServicesPage {
        ctx: page_ctx(&ctx, &admin),
        shell: Shell::new(&ctx, &admin, "/admin/services"),
        q,
        protocol,
        rows,
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "admin/service.html")]
pub(crate) struct ServicePage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub name: String,
    pub facts: Vec<(String, String)>,
}

pub async fn service(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
) -> Result<Response, WebError> {
    let here = format!("/admin/services/{}", segment(&name));
    let admin = match gate(&state, &ctx, &here, Capability::ReadRegistry).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let found = if name.len() <= 200 {
        state.store.service_by_name(&name).await?
    } else {
        None
    };
    let Some(s) = found else {
        return not_found(&ctx, &admin, "admin-error-no-service", "/admin/services");
    };
    let t = |k: &str| ctx.tr.t(k);
    let list = |v: Vec<String>| {
        if v.is_empty() {
            t("admin-none")
        } else {
            v.join(" ")
        }
    };
    let facts = vec![
        (t("admin-col-protocol"), s.protocol.as_str().to_owned()),
        (
            t("admin-col-patterns"),
            list(s.url_patterns.iter().map(ToString::to_string).collect()),
        ),
        (t("admin-col-strengths"), strengths(&s, &ctx)),
        (t("admin-assurance"), s.min_assurance.as_str().to_owned()),
        (t("admin-attributes"), list(s.released_attributes.clone())),
        (
            t("admin-logout-url"),
            s.logout_url.clone().unwrap_or_else(|| t("admin-none")),
        ),
        (
            t("admin-single-logout"),
            t(if s.single_logout {
                "admin-yes"
            } else {
                "admin-no"
            }),
        ),
        (
            t("admin-proxy-callbacks"),
            list(s.proxy_callbacks.iter().map(ToString::to_string).collect()),
        ),
        (
            t("admin-builtin"),
            t(if s.builtin { "admin-yes" } else { "admin-no" }),
        ),
    ];
    let page = ServicePage {
        ctx: page_ctx(&ctx, &admin),
        shell: Shell::new(&ctx, &admin, "/admin/services"),
        name: s.name,
        facts,
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

pub(crate) struct KeyRow {
    pub kid: String,
    pub alg: String,
    pub created: String,
    pub activates: String,
    /// Signing, waiting, or published until a date.
    pub state: String,
}

#[derive(Template)]
#[template(path = "admin/keys.html")]
pub(crate) struct KeysPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub oidc: Vec<KeyRow>,
    pub saml: Vec<KeyRow>,
    pub may_rotate: bool,
    /// The algorithms a rotation may name: (value, label).
    pub algs: Vec<(String, String)>,
    pub typed_alg: String,
    pub typed_reason: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

const SAML_ALGS: [&str; 2] = ["SAML-RSA", "SAML-EC"];

pub async fn keys(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let p = Params::query(raw.as_deref());
    let done = notice(&ctx, &p.get("done"), &["rotate"]);
    show_keys(&state, &ctx, done, None, (String::new(), String::new())).await
}

async fn show_keys(
    state: &AppState,
    ctx: &Ctx,
    notice: Option<String>,
    error: Option<(String, StatusCode)>,
    typed: (String, String),
) -> Result<Response, WebError> {
    let admin = match gate(state, ctx, "/admin/keys", Capability::ReadRegistry).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let now = state.now();
    let state_of = |retired: Option<time::OffsetDateTime>,
                    until: Option<time::OffsetDateTime>,
                    activates: time::OffsetDateTime| {
        match (retired, until) {
            (None, _) if activates > now => ctx.tr.t("admin-key-waiting"),
            (None, _) => ctx.tr.t("admin-key-signing"),
            (Some(_), Some(u)) => {
                ctx.tr
                    .t1("admin-key-published-until", "date", &ctx.tr.datetime(u))
            }
            (Some(_), None) => ctx.tr.t("admin-key-retired"),
        }
    };
    let oidc = state
        .store
        .signing_keys(now)
        .await?
        .into_iter()
        .map(|k| KeyRow {
            state: state_of(k.retired_at, k.publish_until, k.created_at),
            activates: ctx.tr.datetime(k.created_at),
            created: ctx.tr.datetime(k.created_at),
            kid: k.kid,
            alg: k.alg,
        })
        .collect();
    let saml = state
        .store
        .saml_keys(now)
        .await?
        .into_iter()
        .map(|k| KeyRow {
            state: state_of(k.retired_at, k.publish_until, k.activates_at),
            activates: ctx.tr.datetime(k.activates_at),
            created: ctx.tr.datetime(k.created_at),
            kid: k.kid,
            alg: k.alg,
        })
        .collect();
    let algs = JwsAlg::ALL
        .iter()
        .map(|a| {
            (
                a.as_str().to_owned(),
                format!("OpenID Connect {}", a.as_str()),
            )
        })
        .chain(
            SAML_ALGS
                .iter()
                .map(|a| ((*a).to_owned(), format!("SAML {a}"))),
        )
        .collect();
    let (error, status) = match error {
        Some((e, s)) => (Some(e), s),
        None => (None, StatusCode::OK),
    };
    let page = KeysPage {
        ctx: page_ctx(ctx, &admin),
        shell: Shell::new(ctx, &admin, "/admin/keys"),
        oidc,
        saml,
        may_rotate: admin.may(Capability::ManageRegistry),
        algs,
        typed_alg: typed.0,
        typed_reason: typed.1,
        notice,
        error,
    };
    pages::render(ctx, status, &page)
}

pub async fn rotate(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, "/admin/keys", Capability::ManageRegistry).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let form = Params::parse(&body);
    let alg = form.get("alg");
    let typed = (alg.clone(), form.raw("reason"));
    let refuse = |key: &str, status: StatusCode| {
        show_keys(
            &state,
            &ctx,
            None,
            Some((ctx.tr.t(key), status)),
            typed.clone(),
        )
    };
    if !ctx.csrf_ok(&form.get("csrf_token")) {
        return refuse("error-csrf", StatusCode::FORBIDDEN).await;
    }
    let reason = match reason_of(&typed.1) {
        Ok(r) => r,
        Err(key) => return refuse(key, StatusCode::BAD_REQUEST).await,
    };
    // The API's rotation (admin/api/keys.rs): the same functions, the same audit entry.
    let kind = if crate::saml::keys::parse_alg(&alg).is_some() {
        "saml"
    } else {
        "oidc"
    };
    let request = crate::admin::api::keys::Rotate {
        kind: kind.to_owned(),
        alg: Some(alg.clone()),
        immediately: false,
        reason: None,
    };
    let rotation = async {
        match crate::admin::api::keys::rotate_key(&state, &request, &ctx.client_ip).await {
            Ok(done) => Ok::<_, WebError>(Some(done.kid)),
            Err(p) if p.status < 500 => Ok(None),
            Err(_) => Err(WebError::Internal("key rotation failed".into())),
        }
    };
    match as_admin(&admin, &ctx, Some(&reason), rotation).await? {
        Some(_) => Ok(ctx.redirect("/admin/keys?done=rotate")),
        None => refuse("admin-error-alg", StatusCode::BAD_REQUEST).await,
    }
}
