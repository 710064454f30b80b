//! `/admin/audit`: the audit log, newest first, by pages, filtered by event (exact, or a prefix
//! ending with `.`), account (address or uid), actor and dates (UTC days, both included); and
//! `/admin/audit/export?format=csv|jsonl&<the same filters>`: the rows as a download (at most
//! [`EXPORT_MAX`]). Both need `ReadAudit`.

use super::{Params, Shell, gate, page_ctx, query_string};
use crate::admin::export;
use crate::admin::rfc3339;
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use limen_core::{Capability, Email};
use limen_store::AuditFilter;
use std::collections::HashMap;

const PAGE: i64 = 50;
const EXPORT_MAX: i64 = 100_000;

/// The filters as typed, kept in the form and the links.
#[derive(Default)]
pub(crate) struct Filters {
    pub event: String,
    pub account: String,
    pub actor: String,
    pub since: String,
    pub until: String,
}

impl Filters {
    fn of(p: &Params) -> Filters {
        Filters {
            event: p.get("event"),
            account: p.get("account"),
            actor: p.get("actor"),
            since: p.get("since"),
            until: p.get("until"),
        }
    }

    fn pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("event", &self.event),
            ("account", &self.account),
            ("actor", &self.actor),
            ("since", &self.since),
            ("until", &self.until),
        ]
    }

    /// The store's filter, or the message key of what is wrong.
    async fn to_filter(
        &self,
        state: &AppState,
    ) -> Result<Result<AuditFilter, &'static str>, WebError> {
        let mut f = AuditFilter::default();
        if !self.event.is_empty() {
            if !self
                .event
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            {
                return Ok(Err("admin-error-event"));
            }
            f.event = Some(self.event.clone());
        }
        if !self.account.is_empty() {
            let found = if self.account.contains('@') {
                match Email::parse(&self.account) {
                    Ok(e) => state.store.account_by_email(&e).await?,
                    Err(_) => None,
                }
            } else if self.account.len() <= 64 {
                state.store.account_by_uid(&self.account).await?
            } else {
                None
            };
            let Some(a) = found else {
                return Ok(Err("admin-error-audit-account"));
            };
            f.account_id = Some(a.id);
        }
        if !self.actor.is_empty() {
            f.actor = Some(self.actor.clone());
        }
        let day = |s: &str| -> Result<Option<time::OffsetDateTime>, ()> {
            if s.is_empty() {
                return Ok(None);
            }
            let format = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(s, &format)
                .map(|d| Some(d.midnight().assume_utc()))
                .map_err(|_| ())
        };
        let (Ok(since), Ok(until)) = (day(&self.since), day(&self.until)) else {
            return Ok(Err("admin-error-date"));
        };
        // `until` names a day that is included: up to the next midnight.
        let until = until.map(|t| t + time::Duration::days(1));
        if let (Some(s), Some(u)) = (since, until)
            && s >= u
        {
            return Ok(Err("admin-error-date-order"));
        }
        f.since = since;
        f.until = until;
        Ok(Ok(f))
    }
}

pub(crate) struct AuditLine {
    pub id: i64,
    pub at: String,
    pub event: String,
    /// The account's uid, linked when the account is still there.
    pub account: Option<String>,
    pub actor: String,
    pub client_ip: String,
    pub service: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub(crate) struct AuditPage {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub filters: Filters,
    pub rows: Vec<AuditLine>,
    pub error: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
    pub csv_href: String,
    pub jsonl_href: String,
}

/// The uid of each account id met, looked up once.
struct Uids<'a> {
    state: &'a AppState,
    known: HashMap<i64, Option<String>>,
}

impl<'a> Uids<'a> {
    fn new(state: &'a AppState) -> Self {
        Uids {
            state,
            known: HashMap::new(),
        }
    }

    async fn of(&mut self, id: Option<i64>) -> Result<Option<String>, WebError> {
        let Some(id) = id else { return Ok(None) };
        if let Some(uid) = self.known.get(&id) {
            return Ok(uid.clone());
        }
        let uid = self.state.store.account_by_id(id).await?.map(|a| a.uid);
        self.known.insert(id, uid.clone());
        Ok(uid)
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, &ctx.path_and_query, Capability::ReadAudit).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let p = Params::query(raw.as_deref());
    let filters = Filters::of(&p);
    let before = match p.get("before").as_str() {
        "" => Ok(None),
        b => b.parse::<i64>().map(Some).map_err(|_| "admin-error-page"),
    };
    let filter = match (filters.to_filter(&state).await?, before) {
        (Ok(mut f), Ok(before)) => {
            f.before_id = before;
            Ok(f)
        }
        (Err(key), _) | (_, Err(key)) => Err(key),
    };
    let mut rows = Vec::new();
    let mut next_href = None;
    let mut error = None;
    match filter {
        Ok(f) => {
            let mut found = state.store.search_audit(&f, PAGE + 1).await?;
            if found.len() as i64 > PAGE {
                found.truncate(PAGE as usize);
                if let Some(last) = found.last() {
                    let mut pairs = filters.pairs();
                    let id = last.id.to_string();
                    pairs.push(("before", &id));
                    next_href = Some(format!("/admin/audit?{}", query_string(&pairs)));
                }
            }
            let mut uids = Uids::new(&state);
            for r in found {
                rows.push(AuditLine {
                    id: r.id,
                    at: rfc3339(r.entry.at),
                    account: uids.of(r.entry.account_id).await?,
                    event: r.entry.event,
                    actor: r.entry.actor.unwrap_or_default(),
                    client_ip: r.entry.client_ip.unwrap_or_default(),
                    service: r.entry.service.unwrap_or_default(),
                    detail: r.entry.detail.to_string(),
                });
            }
        }
        Err(key) => error = Some(ctx.tr.t(key)),
    }
    let filter_query = query_string(&filters.pairs());
    let with = |extra: &str| {
        if filter_query.is_empty() {
            extra.to_owned()
        } else {
            format!("{extra}&{filter_query}")
        }
    };
    let page = AuditPage {
        ctx: page_ctx(&ctx, &admin),
        shell: Shell::new(&ctx, &admin, "/admin/audit"),
        first_href: (!p.get("before").is_empty()).then(|| format!("/admin/audit?{filter_query}")),
        csv_href: format!("/admin/audit/export?{}", with("format=csv")),
        jsonl_href: format!("/admin/audit/export?{}", with("format=jsonl")),
        filters,
        rows,
        next_href,
        error,
    };
    let status = if page.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    pages::render(&ctx, status, &page)
}

pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, &ctx.path_and_query, Capability::ReadAudit).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let p = Params::query(raw.as_deref());
    let format = p.get("format");
    let bad = |key: &str| {
        pages::message(
            &ctx,
            StatusCode::BAD_REQUEST,
            Some(admin.account.display_name()),
            "error-page-title",
            vec![ctx.tr.t(key)],
            Some(("/admin/audit".to_owned(), ctx.tr.t("admin-nav-audit"))),
        )
    };
    if format != "csv" && format != "jsonl" {
        return bad("admin-error-format");
    }
    let filter = match Filters::of(&p).to_filter(&state).await? {
        Ok(f) => f,
        Err(key) => return bad(key),
    };
    let rows = state.store.search_audit(&filter, EXPORT_MAX).await?;
    let mut uids = Uids::new(&state);
    let mut body = String::new();
    if format == "csv" {
        body.push_str(export::csv_header());
    }
    // The same bytes as the API's export and `limen audit export` (admin/export.rs).
    for r in &rows {
        let uid = uids.of(r.entry.account_id).await?;
        let record = export::AuditRecord::of(r, uid.as_deref());
        body.push_str(&if format == "csv" {
            export::csv_row(&record)
        } else {
            export::json_line(&record)
        });
    }
    let (content_type, ext) = if format == "csv" {
        ("text/csv; charset=utf-8", "csv")
    } else {
        ("application/x-ndjson", "jsonl")
    };
    let name = format!(
        "attachment; filename=\"limen-audit-{}.{ext}\"",
        state.now().unix_timestamp()
    );
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}
