//! The audit log (issue 21 item 4): search (newest first, keyset pages), export as JSON lines
//! or CSV (streamed, a page of rows at a time), verification of the hash chain, and the
//! dashboard's figures. All of it needs `ReadAudit`: the help desk cannot read the log.
//!
//! What this module must never do: change the log. The one entry it writes is the record of an
//! export (who took a copy of the log, with which filters), through the engine.

use super::{ApiQuery, ApiResult, BASE, Caller, Paging, Problem};
use crate::AppState;
use crate::admin::export::{AuditRecord, csv_header, csv_row, json_line};
use crate::admin::rfc3339;
use crate::context::ClientIp;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use limen_core::{AccountStatus, Capability};
use limen_store::{AuditFilter, AuditRow, ChainReport, Store};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Rows read from the store at a time while exporting.
const EXPORT_PAGE: i64 = 1000;
/// The most rows one export gives (continue with `cursor` for more).
const EXPORT_MAX: i64 = 100_000;
/// The longest value a text filter may have.
const FILTER_MAX: usize = 200;

/// What to search for; every parameter given narrows the search.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditSearch {
    /// An event name (`login.success`), or a prefix ending with `.` (`login.`, `token.`).
    pub event: Option<String>,
    /// The uid of the account the events are about (an unknown uid finds nothing).
    pub uid: Option<String>,
    /// Who acted: `user`, `cli`, `admin:<uid>`, `client:<client_id>`, `system`.
    pub actor: Option<String>,
    /// The service's name.
    pub service: Option<String>,
    /// The client's address.
    pub ip: Option<String>,
    /// From this time on (RFC 3339, e.g. `2027-01-15T08:00:00Z`; encode `+` as `%2B`).
    pub since: Option<String>,
    /// Before this time (RFC 3339).
    pub until: Option<String>,
}

/// A text filter: trimmed, empty as absent, at most [`FILTER_MAX`] characters, without control
/// characters (which no value holds, and PostgreSQL refuses NUL in text).
fn text(field: &str, value: Option<&str>) -> Result<Option<String>, Problem> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if v.chars().count() > FILTER_MAX => Err(Problem::invalid(
            field,
            format!("{field} is at most {FILTER_MAX} characters"),
        )),
        Some(v) if v.chars().any(char::is_control) => Err(Problem::invalid(
            field,
            format!("{field} may not hold control characters"),
        )),
        Some(v) => Ok(Some(v.to_owned())),
    }
}

/// A time filter: RFC 3339 (§5.6 `date-time`).
fn instant(field: &str, value: Option<&str>) -> Result<Option<OffsetDateTime>, Problem> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
            .map(Some)
            .map_err(|_| {
                Problem::invalid(
                    field,
                    format!("{field} must be an RFC 3339 date-time, e.g. 2027-01-15T08:00:00Z"),
                )
            }),
    }
}

impl AuditSearch {
    /// The store's filter; `None` when it can match nothing (an unknown uid).
    async fn filter(
        &self,
        store: &Store,
        before_id: Option<i64>,
    ) -> Result<Option<AuditFilter>, Problem> {
        let mut filter = AuditFilter {
            event: text("event", self.event.as_deref())?,
            account_id: None,
            actor: text("actor", self.actor.as_deref())?,
            service: text("service", self.service.as_deref())?,
            client_ip: text("ip", self.ip.as_deref())?,
            since: instant("since", self.since.as_deref())?,
            until: instant("until", self.until.as_deref())?,
            before_id,
        };
        if let Some(uid) = text("uid", self.uid.as_deref())? {
            // Deleted accounts too: their uid stays, and so does their history.
            match store.account_id_of_uid(&uid).await? {
                Some(id) => filter.account_id = Some(id),
                None => return Ok(None),
            }
        }
        Ok(Some(filter))
    }
}

/// The records of a page of rows, their accounts named by uid (one query).
async fn records(store: &Store, rows: &[AuditRow]) -> Result<Vec<AuditRecord>, Problem> {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.entry.account_id).collect();
    let uids = store.account_uids(&ids).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let uid = r.entry.account_id.and_then(|id| uids.get(&id));
            AuditRecord::of(r, uid.map(String::as_str))
        })
        .collect())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    /// Newest first.
    pub items: Vec<AuditRecord>,
    /// Pass as `cursor` for the next (older) page; absent on the last.
    pub next_cursor: Option<String>,
}

/// Search the audit log, newest first.
#[utoipa::path(get, path = "/admin/api/v1/audit", tag = "audit", operation_id = "searchAudit",
    params(AuditSearch, Paging),
    responses(
        (status = 200, description = "A page of entries, newest first", body = AuditPage),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter (a time that is not RFC 3339, a limit out of range...)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(search): ApiQuery<AuditSearch>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Json<AuditPage>> {
    caller.require(Capability::ReadAudit)?;
    let limit = paging.limit()?;
    let Some(filter) = search.filter(&state.store, paging.cursor()?).await? else {
        return Ok(Json(AuditPage {
            items: Vec::new(),
            next_cursor: None,
        }));
    };
    let rows = state.store.search_audit(&filter, limit).await?;
    let next_cursor = paging.next(rows.len(), rows.last().map(|r| r.id));
    Ok(Json(AuditPage {
        items: records(&state.store, &rows).await?,
        next_cursor,
    }))
}

/// The formats of an export.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// JSON Lines (`application/x-ndjson`): one entry a line, as `GET /audit` gives them.
    Jsonl,
    /// CSV (RFC 4180, `text/csv`) with a header line; `detail` as compact JSON; cells that a
    /// spreadsheet would run as formulas start with `'`.
    Csv,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// jsonl (default) or csv.
    #[param(value_type = Option<ExportFormat>)]
    pub format: Option<String>,
    /// At most this many entries (1–100000, default 100000).
    #[param(minimum = 1, maximum = 100000)]
    pub limit: Option<i64>,
    /// To go on after an export that stopped at its limit: `c<id>`, the id of the last
    /// (oldest) entry received.
    pub cursor: Option<String>,
}

/// One export under way: the next page's filter and how many rows are still to give.
struct Export {
    store: Store,
    filter: AuditFilter,
    left: i64,
    csv: bool,
    started: bool,
}

impl Export {
    /// The next chunk of the body: the header (CSV) and a page of rows; `None` at the end.
    async fn next(mut self) -> Option<(Result<Bytes, std::io::Error>, Export)> {
        if self.left <= 0 && self.started {
            return None;
        }
        let mut chunk = String::new();
        if !self.started {
            self.started = true;
            if self.csv {
                chunk.push_str(csv_header());
            }
        }
        if self.left > 0 {
            let page = self.left.min(EXPORT_PAGE);
            let rows = match self.store.search_audit(&self.filter, page).await {
                Ok(rows) => rows,
                Err(e) => return Some((Err(self.failed(e)), self.end())),
            };
            let recs = match records(&self.store, &rows).await {
                Ok(recs) => recs,
                Err(_) => {
                    let e = std::io::Error::other("the audit export failed");
                    return Some((Err(e), self.end()));
                }
            };
            self.left = if (rows.len() as i64) < page {
                0
            } else {
                self.left - page
            };
            self.filter.before_id = rows.last().map(|r| r.id);
            for r in &recs {
                chunk.push_str(&if self.csv { csv_row(r) } else { json_line(r) });
            }
        }
        if chunk.is_empty() {
            return None;
        }
        Some((Ok(Bytes::from(chunk)), self))
    }

    /// A failure half-way: logged, and the body is cut short (the client sees an incomplete
    /// answer, never a truncated file that looks whole).
    fn failed(&self, e: limen_store::StoreError) -> std::io::Error {
        tracing::error!(error = %e, "the audit export failed");
        std::io::Error::other("the audit export failed")
    }

    fn end(mut self) -> Export {
        self.left = 0;
        self
    }
}

/// Export the audit log, newest first: JSON lines or CSV, streamed.
#[utoipa::path(get, path = "/admin/api/v1/audit/export", tag = "audit", operation_id = "exportAudit",
    params(AuditSearch, ExportParams),
    responses(
        (status = 200, description = "The entries, newest first, as a file to save",
            content(
                (String = "application/x-ndjson"),
                (String = "text/csv"),
            ),
            headers(("Content-Disposition" = String, description = "attachment; filename=..."))),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiQuery(search): ApiQuery<AuditSearch>,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> ApiResult {
    caller.require(Capability::ReadAudit)?;
    let csv = match params.format.as_deref().map(str::trim) {
        None | Some("") | Some("jsonl") => false,
        Some("csv") => true,
        Some(_) => return Err(Problem::invalid("format", "format must be jsonl or csv")),
    };
    let limit = match params.limit {
        None => EXPORT_MAX,
        Some(l) if (1..=EXPORT_MAX).contains(&l) => l,
        Some(_) => {
            return Err(Problem::invalid(
                "limit",
                format!("limit must be between 1 and {EXPORT_MAX}"),
            ));
        }
    };
    let cursor = Paging {
        limit: None,
        cursor: params.cursor.clone(),
    }
    .cursor()?;
    let filter = search.filter(&state.store, cursor).await?;
    // Who took a copy of the log, and of what.
    state
        .authn
        .audit_raw(
            "audit.exported",
            None,
            &ip,
            serde_json::json!({
                "format": if csv { "csv" } else { "jsonl" },
                "event": search.event,
                "uid": search.uid,
                "actor": search.actor,
                "service_filter": search.service,
                "ip": search.ip,
                "since": search.since,
                "until": search.until,
                "cursor": params.cursor,
                "limit": limit,
            }),
        )
        .await;
    let export = Export {
        store: state.store.clone(),
        left: if filter.is_some() { limit } else { 0 },
        filter: filter.unwrap_or_default(),
        csv,
        started: false,
    };
    let body = Body::from_stream(futures_util::stream::unfold(export, Export::next));
    let (content_type, ext) = if csv {
        ("text/csv; charset=utf-8; header=present", "csv")
    } else {
        ("application/x-ndjson", "jsonl")
    };
    let stamp = rfc3339(state.now()).replace([':', '-'], "");
    let disposition = format!("attachment; filename=\"limen-audit-{stamp}.{ext}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// The result of checking the hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainVerification {
    /// Whether every entry links to the one before and hashes to what it says.
    pub intact: bool,
    /// Intact: the entries checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<i64>,
    /// Intact: entries before the chain's anchor (written before the chain existed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unchained: Option<i64>,
    /// Intact: the hash of the last entry; record it elsewhere to pin the log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// Intact: the id of the last entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_id: Option<i64>,
    /// Broken: the id of the first entry at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken_at: Option<i64>,
    /// Broken: what is wrong there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl From<ChainReport> for ChainVerification {
    fn from(report: ChainReport) -> Self {
        match report {
            ChainReport::Intact {
                rows,
                unchained,
                head,
                last_id,
            } => ChainVerification {
                intact: true,
                rows: Some(rows),
                unchained: Some(unchained),
                head: Some(head),
                last_id: Some(last_id),
                broken_at: None,
                reason: None,
            },
            ChainReport::Broken { id, reason } => ChainVerification {
                intact: false,
                rows: None,
                unchained: None,
                head: None,
                last_id: None,
                broken_at: Some(id),
                reason: Some(reason),
            },
        }
    }
}

/// Check the audit log's hash chain (as `limen audit verify` does).
#[utoipa::path(get, path = "/admin/api/v1/audit/verify", tag = "audit", operation_id = "verifyAudit",
    responses(
        (status = 200, description = "The chain's state (a broken chain is a finding, not an error)", body = ChainVerification),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<ChainVerification>> {
    caller.require(Capability::ReadAudit)?;
    Ok(Json(state.store.verify_audit().await?.into()))
}

/// Logins of one hour, by outcome and method.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginHour {
    /// The start of the hour (RFC 3339).
    pub hour: String,
    /// login.success or login.failure.
    pub event: String,
    /// The method (empty when the entry names none).
    pub method: String,
    pub count: i64,
}

/// The dashboard's figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct Stats {
    /// Accounts (deleted ones aside).
    pub accounts: i64,
    /// Accounts locked by an operator.
    pub locked: i64,
    /// Accounts waiting for their first password.
    pub pending: i64,
    /// SSO sessions not yet expired.
    pub live_sessions: i64,
    /// Mails neither sent nor given up.
    pub mail_backlog: i64,
    /// Text messages still waiting to be sent.
    pub sms_backlog: i64,
    /// The last 24 hours, oldest first.
    pub logins: Vec<LoginHour>,
}

/// The dashboard's figures.
#[utoipa::path(get, path = "/admin/api/v1/stats", tag = "audit", operation_id = "stats",
    responses(
        (status = 200, description = "The figures", body = Stats),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn stats(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Stats>> {
    caller.require(Capability::ReadAudit)?;
    let store = &state.store;
    let now = state.now();
    let logins = store
        .login_counts(now - time::Duration::hours(24))
        .await?
        .into_iter()
        .map(|c| LoginHour {
            hour: OffsetDateTime::from_unix_timestamp(c.hour)
                .map(rfc3339)
                .unwrap_or_default(),
            event: c.event,
            method: c.method,
            count: c.count,
        })
        .collect();
    Ok(Json(Stats {
        accounts: store.count_accounts().await?,
        locked: store
            .count_accounts_with_status(AccountStatus::Locked)
            .await?,
        pending: store
            .count_accounts_with_status(AccountStatus::Pending)
            .await?,
        live_sessions: store.count_live_sessions(now).await?,
        mail_backlog: store.mail_backlog().await?,
        sms_backlog: store.sms_backlog(now).await?,
        logins,
    }))
}

#[derive(OpenApi)]
#[openapi(
    paths(search, export, verify, stats),
    components(schemas(
        AuditRecord,
        AuditPage,
        ExportFormat,
        ChainVerification,
        LoginHour,
        Stats
    ))
)]
pub struct Doc;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/audit"), get(search))
        .route(&format!("{BASE}/audit/export"), get(export))
        .route(&format!("{BASE}/audit/verify"), get(verify))
        .route(&format!("{BASE}/stats"), get(stats))
}
