//! `/admin/accounts`: search (text, status) by pages; `/admin/accounts/{uid}`: an account's
//! details, lockout, factors, sessions, groups and latest audit entries, and the actions — each
//! one form, one click, with a required reason:
//!
//! - help desk (`Helpdesk`): unlock, send a password reset link, remove one factor, remove every
//!   factor, end every session;
//! - `ManageAccounts`: lock and delete, after a confirmation page.
//!
//! Actions call the engine (`limen_authn`: admin.rs, manage.rs) inside [`as_admin`], then
//! redirect back with a notice (POST/redirect/GET); a refused one shows the page again with its
//! message and the reason as typed.

use super::{
    Admin, Params, Shell, as_admin, client, gate, not_found, notice, page_ctx, query_string,
    reason_of, segment,
};
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{Account, AccountStatus, Capability, Method};
use limen_store::{AccountQuery, AuditFilter};

/// Accounts per page of the search.
const PAGE: i64 = 25;

/// The actions, with what each needs and whether it asks for confirmation first.
const ACTIONS: [(&str, Capability, bool); 7] = [
    ("unlock", Capability::Helpdesk, false),
    ("password-reset", Capability::Helpdesk, false),
    ("remove-factor", Capability::Helpdesk, false),
    ("remove-all-factors", Capability::Helpdesk, false),
    ("end-sessions", Capability::Helpdesk, false),
    ("lock", Capability::ManageAccounts, true),
    ("delete", Capability::ManageAccounts, true),
];

pub(crate) struct AccountRow {
    pub uid: String,
    pub email: String,
    pub name: String,
    pub status: String,
    pub locked_out: bool,
    pub created: String,
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
pub(crate) struct SearchPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub q: String,
    pub status: String,
    pub statuses: Vec<(&'static str, String)>,
    pub rows: Vec<AccountRow>,
    pub error: Option<String>,
    pub notice: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
}

fn status_label(ctx: &Ctx, s: AccountStatus) -> String {
    ctx.tr.t(&format!("admin-status-{}", s.as_str()))
}

pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, &ctx.path_and_query, Capability::ReadAccounts).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let p = Params::query(raw.as_deref());
    let (q, status) = (p.get("q"), p.get("status"));
    let mut error = None;
    let status_filter = match status.as_str() {
        "" => None,
        s => match s.parse::<AccountStatus>() {
            Ok(st) if st != AccountStatus::Deleted => Some(st),
            _ => {
                error = Some(ctx.tr.t("admin-error-status"));
                None
            }
        },
    };
    let after = match p.get("after").as_str() {
        "" => None,
        a => match a.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                error = Some(ctx.tr.t("admin-error-page"));
                None
            }
        },
    };
    let mut rows = Vec::new();
    let mut next_href = None;
    if error.is_none() {
        let query = AccountQuery {
            text: Some(q.clone()).filter(|t| !t.is_empty()),
            status: status_filter,
            after_id: after,
        };
        let mut found = state.store.search_accounts(&query, PAGE + 1).await?;
        if found.len() as i64 > PAGE {
            found.truncate(PAGE as usize);
            let last = found.last().map(|a| a.id.to_string()).unwrap_or_default();
            next_href = Some(format!(
                "/admin/accounts?{}",
                query_string(&[("q", &q), ("status", &status), ("after", &last)])
            ));
        }
        for a in &found {
            rows.push(AccountRow {
                uid: a.uid.clone(),
                email: a.email.to_string(),
                name: a.display_name(),
                status: status_label(&ctx, a.status),
                locked_out: state.authn.lockout_until(a).await?.is_some(),
                created: ctx.tr.datetime(a.created_at),
            });
        }
    }
    let first_href = after.map(|_| {
        format!(
            "/admin/accounts?{}",
            query_string(&[("q", &q), ("status", &status)])
        )
    });
    let statuses = [
        AccountStatus::Active,
        AccountStatus::Locked,
        AccountStatus::Pending,
    ]
    .into_iter()
    .map(|s| (s.as_str(), status_label(&ctx, s)))
    .collect();
    let code = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = SearchPage {
        ctx: page_ctx(&ctx, &admin),
        shell: Shell::new(&ctx, &admin, "/admin/accounts"),
        notice: notice(&ctx, &p.get("done"), &["delete"]),
        q,
        status,
        statuses,
        rows,
        error,
        next_href,
        first_href,
    };
    pages::render(&ctx, code, &page)
}

pub(crate) struct FactorRow {
    /// `<method>:<device id>`, what the removal form posts.
    pub id: String,
    pub method: String,
    pub kind: String,
    pub name: String,
    pub added: String,
    pub last_used: String,
    pub blocked: bool,
}

pub(crate) struct SessionRow {
    pub started: String,
    pub last_seen: String,
    pub address: String,
    pub browser: String,
    pub methods: String,
}

pub(crate) struct AuditLine {
    pub at: String,
    pub event: String,
    pub actor: String,
    pub detail: String,
}

/// An action's form: what it posts, its button, and the reason as typed after a refusal.
pub(crate) struct ActionForm {
    pub action: &'static str,
    pub label: String,
    pub reason: String,
    pub danger: bool,
}

#[derive(Template)]
#[template(path = "admin/account.html")]
pub(crate) struct DetailsPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub uid: String,
    pub email: String,
    pub name: String,
    pub status: String,
    pub user_type: String,
    pub assurance: String,
    pub created: String,
    pub password: String,
    pub lockout_until: Option<String>,
    pub factors: Vec<FactorRow>,
    pub sessions: Vec<SessionRow>,
    pub groups: Vec<String>,
    pub audit: Vec<AuditLine>,
    pub audit_href: Option<String>,
    pub forms: Vec<ActionForm>,
    /// Per-factor removal forms are shown (the role may).
    pub may_remove_factor: bool,
    /// The factor whose removal was refused, and the reason typed for it.
    pub factor_typed: (String, String),
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// The account of a uid, unless deleted.
async fn by_uid(state: &AppState, uid: &str) -> Result<Option<Account>, WebError> {
    if uid.is_empty() || uid.len() > 64 {
        return Ok(None);
    }
    Ok(state
        .store
        .account_by_uid(uid)
        .await?
        .filter(|a| a.status != AccountStatus::Deleted))
}

fn here(uid: &str) -> String {
    format!("/admin/accounts/{}", segment(uid))
}

pub async fn details(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(uid): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, &here(&uid), Capability::ReadAccounts).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let Some(account) = by_uid(&state, &uid).await? else {
        return not_found(&ctx, &admin, "admin-error-no-account", "/admin/accounts");
    };
    let p = Params::query(raw.as_deref());
    let known: Vec<&str> = ACTIONS.iter().map(|(a, _, _)| *a).collect();
    let done = notice(&ctx, &p.get("done"), &known);
    let refused = Refused::default();
    render_details(
        &state,
        &ctx,
        &admin,
        &account,
        done,
        refused,
        StatusCode::OK,
    )
    .await
}

/// An action refused: its message, and what was typed, to show the page again with.
#[derive(Default)]
struct Refused {
    action: String,
    reason: String,
    factor: String,
    message: Option<String>,
}

async fn render_details(
    state: &AppState,
    ctx: &Ctx,
    admin: &Admin,
    account: &Account,
    notice: Option<String>,
    refused: Refused,
    status: StatusCode,
) -> Result<Response, WebError> {
    let now = state.now();
    let lockout_until = state.authn.lockout_until(account).await?;
    let factors = state
        .authn
        .all_devices(account)
        .await?
        .into_iter()
        .map(|(method, d)| FactorRow {
            id: format!("{}:{}", method.config_key(), d.id),
            method: ctx.tr.t(&format!("method-{}", method.as_str())),
            kind: d.kind,
            name: d.name,
            added: ctx.tr.datetime(d.created_at),
            last_used: d
                .last_used_at
                .map(|t| ctx.tr.datetime(t))
                .unwrap_or_default(),
            blocked: d.blocked,
        })
        .collect();
    let sessions = state
        .store
        .sessions_of_account(account.id, now, now - state.authn.config().session.idle)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            started: ctx.tr.datetime(s.session.created_at),
            last_seen: ctx.tr.datetime(s.session.last_seen_at),
            address: s.session.client_ip.clone(),
            browser: s.session.user_agent.clone(),
            methods: s
                .session
                .proofs
                .iter()
                .map(|p| p.strength.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let may_audit = admin.may(Capability::ReadAudit);
    let audit = if may_audit {
        let filter = AuditFilter {
            account_id: Some(account.id),
            ..AuditFilter::default()
        };
        state
            .store
            .search_audit(&filter, 15)
            .await?
            .into_iter()
            .map(|r| AuditLine {
                at: ctx.tr.datetime(r.entry.at),
                event: r.entry.event,
                actor: r.entry.actor.unwrap_or_default(),
                detail: r.entry.detail.to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    // No form for what the server would refuse: an account holding a role the operator's does
    // not cover (`admin::may_act_on`) shows no actions.
    let covers = crate::admin::may_act_on(state, admin.role, account).await?;
    let forms = ACTIONS
        .iter()
        .filter(|(a, cap, _)| covers && *a != "remove-factor" && admin.may(*cap))
        .map(|(action, _, confirm)| ActionForm {
            action,
            label: ctx.tr.t(&format!("admin-action-{action}")),
            reason: if refused.action == *action {
                refused.reason.clone()
            } else {
                String::new()
            },
            danger: *confirm || *action == "remove-all-factors",
        })
        .collect();
    let factor_typed = if refused.action == "remove-factor" {
        (refused.factor.clone(), refused.reason.clone())
    } else {
        (String::new(), String::new())
    };
    let page = DetailsPage {
        ctx: page_ctx(ctx, admin),
        shell: Shell::new(ctx, admin, "/admin/accounts"),
        uid: account.uid.clone(),
        email: account.email.to_string(),
        name: account.display_name(),
        status: status_label(ctx, account.status),
        user_type: account.user_type.as_str().to_owned(),
        assurance: account.assurance.as_str().to_owned(),
        created: ctx.tr.datetime(account.created_at),
        password: match account.password_changed_at {
            Some(t) => ctx.tr.t1("admin-password-set", "date", &ctx.tr.datetime(t)),
            None if account.password_hash.is_some() => ctx.tr.t("admin-password-yes"),
            None => ctx.tr.t("admin-password-none"),
        },
        lockout_until: lockout_until.map(|t| ctx.tr.datetime(t)),
        factors,
        sessions,
        groups: state.store.account_groups(account.id).await?,
        audit,
        audit_href: may_audit.then(|| {
            format!(
                "/admin/audit?{}",
                query_string(&[("account", &account.uid)])
            )
        }),
        forms,
        may_remove_factor: covers && admin.may(Capability::Helpdesk),
        factor_typed,
        notice,
        error: refused.message,
    };
    pages::render(ctx, status, &page)
}

#[derive(Template)]
#[template(path = "admin/confirm.html")]
pub(crate) struct ConfirmPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub title: String,
    pub text: String,
    pub action: String,
    pub reason: String,
    pub submit: String,
    pub cancel: String,
}

pub async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((uid, action)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let Some(&(action, cap, confirm)) = ACTIONS.iter().find(|(a, _, _)| *a == action) else {
        return crate::ops::not_found_page(&ctx);
    };
    let admin = match gate(&state, &ctx, &here(&uid), cap).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let Some(account) = by_uid(&state, &uid).await? else {
        return not_found(&ctx, &admin, "admin-error-no-account", "/admin/accounts");
    };
    let form = Params::parse(&body);
    let mut refused = Refused {
        action: action.to_owned(),
        reason: form.raw("reason"),
        factor: form.get("factor"),
        message: None,
    };
    let refuse = |mut refused: Refused, key: &str, status: StatusCode| {
        refused.message = Some(ctx.tr.t(key));
        render_details(&state, &ctx, &admin, &account, None, refused, status)
    };
    if !ctx.csrf_ok(&form.get("csrf_token")) {
        return refuse(refused, "error-csrf", StatusCode::FORBIDDEN).await;
    }
    // A role may act on the account of someone holding a role only if it covers that role.
    if !crate::admin::may_act_on(&state, admin.role, &account).await? {
        return refuse(refused, "admin-error-stronger-role", StatusCode::FORBIDDEN).await;
    }
    let reason = match reason_of(&refused.reason) {
        Ok(r) => r,
        Err(key) => return refuse(refused, key, StatusCode::BAD_REQUEST).await,
    };
    if confirm && account.id == admin.account.id {
        return refuse(refused, "admin-error-self", StatusCode::CONFLICT).await;
    }
    if confirm && form.get("confirm") != "yes" {
        let page = ConfirmPage {
            ctx: page_ctx(&ctx, &admin),
            shell: Shell::new(&ctx, &admin, "/admin/accounts"),
            title: ctx.tr.t(&format!("admin-confirm-{action}-title")),
            text: ctx.tr.t1(
                &format!("admin-confirm-{action}"),
                "email",
                account.email.as_str(),
            ),
            action: format!("{}/{action}", here(&uid)),
            reason,
            submit: ctx.tr.t(&format!("admin-action-{action}")),
            cancel: here(&uid),
        };
        return pages::render(&ctx, StatusCode::OK, &page);
    }
    let outcome = as_admin(
        &admin,
        &ctx,
        Some(&reason),
        perform(&state, &ctx, action, &account, &form),
    )
    .await?;
    match outcome {
        Ok(()) if action == "delete" => Ok(ctx.redirect("/admin/accounts?done=delete")),
        Ok(()) => Ok(ctx.redirect(&format!("{}?done={action}", here(&uid)))),
        Err((key, status)) => {
            refused.reason = reason;
            refuse(refused, key, status).await
        }
    }
}

/// Does `action`; `Err` holds the message key and status of a refusal.
async fn perform(
    state: &AppState,
    ctx: &Ctx,
    action: &str,
    account: &Account,
    form: &Params,
) -> Result<Result<(), (&'static str, StatusCode)>, WebError> {
    let authn = &state.authn;
    let client = client(ctx);
    match action {
        "unlock" => {
            if authn.admin_unlock(account, &client).await? == limen_authn::Unlocked::NotLocked {
                return Ok(Err(("admin-error-not-locked", StatusCode::CONFLICT)));
            }
        }
        "password-reset" => {
            if crate::admin::send_password_link(state, account, &ctx.client_ip)
                .await?
                .is_none()
            {
                return Ok(Err(("admin-error-no-link", StatusCode::CONFLICT)));
            }
        }
        "remove-factor" => {
            let factor = form.get("factor");
            let parsed = factor
                .split_once(':')
                .and_then(|(m, id)| Some((Method::from_config_key(m)?, id.parse::<i64>().ok()?)));
            let Some((method, device)) = parsed else {
                return Ok(Err(("admin-error-no-factor", StatusCode::NOT_FOUND)));
            };
            let removed = authn
                .admin_remove_factor(method, account, device, &client)
                .await?;
            if !matches!(removed, limen_authn::FactorChange::Done { .. }) {
                return Ok(Err(("admin-error-no-factor", StatusCode::NOT_FOUND)));
            }
        }
        "remove-all-factors" => {
            authn
                .remove_all_factors(account, limen_authn::Actor::Admin, &client)
                .await?;
        }
        "end-sessions" => {
            authn.admin_end_sessions(account, &client).await?;
        }
        "lock" => {
            if account.status == AccountStatus::Locked {
                return Ok(Err(("admin-error-already-locked", StatusCode::CONFLICT)));
            }
            authn.admin_lock(account, &client).await?;
        }
        "delete" => {
            authn.admin_delete(account, &client).await?;
        }
        _ => return Ok(Err(("error-bad-request", StatusCode::BAD_REQUEST))),
    }
    Ok(Ok(()))
}
