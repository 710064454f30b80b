//! `/admin/`: the figures an operator checks first — accounts (locked, pending), live sessions,
//! the mail and SMS outbox backlog, failed logins — and the logins of the last 24 hours per hour,
//! by outcome, as a bar chart drawn here as inline SVG (no script, no image request) with its
//! numbers by method in a table below it. The figures need `ReadAudit` (the auditor's and the
//! admin's); the help desk gets the way to the accounts.

use super::{Shell, gate, page_ctx};
use crate::context::Ctx;
use crate::pages::{self, PageCtx};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use limen_core::{AccountStatus, Capability};
use limen_store::LoginCount;

/// The chart's drawing area, in SVG user units.
const CHART_WIDTH: i64 = 720;
const CHART_HEIGHT: i64 = 160;
const HOURS: i64 = 24;

pub(crate) struct Figures {
    pub accounts: i64,
    pub active: i64,
    pub locked: i64,
    pub pending: i64,
    pub live_sessions: i64,
    pub mail_backlog: i64,
    pub sms_backlog: i64,
    pub successes: i64,
    pub failures: i64,
}

/// One bar of the chart.
pub(crate) struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    /// `success` or `failure`: the failures are hatched, not only of another colour.
    pub outcome: &'static str,
    /// What a screen reader or a pointer says about it.
    pub label: String,
}

/// One row of the table under the chart.
pub(crate) struct CountRow {
    pub hour: String,
    pub method: String,
    pub successes: i64,
    pub failures: i64,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
pub(crate) struct Dashboard {
    pub ctx: PageCtx,
    pub shell: Shell,
    pub figures: Option<Figures>,
    pub chart_title: String,
    pub bars: Vec<Bar>,
    /// Hour labels under the axis: (x, text), every third hour.
    pub ticks: Vec<(i64, String)>,
    pub rows: Vec<CountRow>,
    pub width: i64,
    pub height: i64,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let admin = match gate(&state, &ctx, "/admin/", Capability::ReadAccounts).await? {
        Ok(a) => a,
        Err(r) => return Ok(r),
    };
    let mut page = Dashboard {
        ctx: page_ctx(&ctx, &admin),
        shell: Shell::new(&ctx, &admin, "/admin/"),
        figures: None,
        chart_title: String::new(),
        bars: Vec::new(),
        ticks: Vec::new(),
        rows: Vec::new(),
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
    };
    if admin.may(Capability::ReadAudit) {
        fill(&state, &ctx, &mut page).await?;
    }
    pages::render(&ctx, StatusCode::OK, &page)
}

async fn fill(state: &AppState, ctx: &Ctx, page: &mut Dashboard) -> Result<(), WebError> {
    let now = state.now();
    let store = &state.store;
    let first_hour = now.unix_timestamp().div_euclid(3600) * 3600 - (HOURS - 1) * 3600;
    let since = time::OffsetDateTime::from_unix_timestamp(first_hour)
        .map_err(|e| WebError::Internal(format!("dashboard hours: {e}")))?;
    let counts = store.login_counts(since).await?;
    let active = store
        .count_accounts_with_status(AccountStatus::Active)
        .await?;
    let locked = store
        .count_accounts_with_status(AccountStatus::Locked)
        .await?;
    let pending = store
        .count_accounts_with_status(AccountStatus::Pending)
        .await?;
    let outcome_total = |event: &str| -> i64 {
        counts
            .iter()
            .filter(|c| c.event == event)
            .map(|c| c.count)
            .sum()
    };
    page.figures = Some(Figures {
        accounts: active + locked + pending,
        active,
        locked,
        pending,
        live_sessions: store.count_live_sessions(now).await?,
        mail_backlog: store.mail_backlog().await?,
        sms_backlog: store.sms_backlog(now).await?,
        successes: outcome_total("login.success"),
        failures: outcome_total("login.failure"),
    });
    page.chart_title = ctx.tr.t("admin-chart-title");
    page.bars = bars(ctx, &counts, first_hour);
    page.ticks = (0..HOURS)
        .step_by(3)
        .map(|i| {
            (
                slot_x(i) + slot_width() / 2,
                hour_label(first_hour + i * 3600),
            )
        })
        .collect();
    page.rows = table(ctx, &counts);
    Ok(())
}

fn slot_width() -> i64 {
    CHART_WIDTH / HOURS
}

fn slot_x(i: i64) -> i64 {
    i * slot_width()
}

/// `HH:00` (UTC) of an hour's start.
fn hour_label(hour: i64) -> String {
    format!("{:02}:00", hour.rem_euclid(86_400) / 3600)
}

/// Two bars per hour, successes then failures, scaled to the busiest hour.
fn bars(ctx: &Ctx, counts: &[LoginCount], first_hour: i64) -> Vec<Bar> {
    let per_hour = |i: i64, event: &str| -> i64 {
        counts
            .iter()
            .filter(|c| c.hour == first_hour + i * 3600 && c.event == event)
            .map(|c| c.count)
            .sum()
    };
    let mut sums = Vec::new();
    for i in 0..HOURS {
        sums.push((
            i,
            per_hour(i, "login.success"),
            per_hour(i, "login.failure"),
        ));
    }
    let top = sums
        .iter()
        .map(|(_, s, f)| (*s).max(*f))
        .max()
        .unwrap_or(0)
        .max(1);
    let bar_width = (slot_width() - 4) / 2;
    let mut out = Vec::new();
    for (i, successes, failures) in sums {
        let hour = hour_label(first_hour + i * 3600);
        for (n, (count, outcome, key)) in [
            (successes, "success", "admin-chart-bar-success"),
            (failures, "failure", "admin-chart-bar-failure"),
        ]
        .into_iter()
        .enumerate()
        {
            let height = count * CHART_HEIGHT / top;
            out.push(Bar {
                x: slot_x(i) + 2 + bar_width * n as i64,
                y: CHART_HEIGHT - height,
                width: bar_width,
                height,
                outcome,
                label: ctx.tr.t_with(
                    key,
                    &[
                        ("hour", crate::i18n::FluentArg::Str(hour.clone())),
                        ("count", crate::i18n::FluentArg::Num(count)),
                    ],
                ),
            });
        }
    }
    out
}

/// The same numbers by hour and method, newest hour first (only hours with logins).
fn table(ctx: &Ctx, counts: &[LoginCount]) -> Vec<CountRow> {
    let mut rows: Vec<(i64, String, i64, i64)> = Vec::new();
    for c in counts {
        let i = match rows
            .iter()
            .position(|(h, m, _, _)| *h == c.hour && *m == c.method)
        {
            Some(i) => i,
            None => {
                rows.push((c.hour, c.method.clone(), 0, 0));
                rows.len() - 1
            }
        };
        if c.event == "login.success" {
            rows[i].2 += c.count;
        } else {
            rows[i].3 += c.count;
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    rows.into_iter()
        .map(|(hour, method, successes, failures)| CountRow {
            hour: time::OffsetDateTime::from_unix_timestamp(hour)
                .map(|t| ctx.tr.datetime(t))
                .unwrap_or_default(),
            method: method_name(ctx, &method),
            successes,
            failures,
        })
        .collect()
}

/// A method's name as the login page shows it, or the code when it has none.
fn method_name(ctx: &Ctx, code: &str) -> String {
    if code.is_empty() {
        return ctx.tr.t("admin-method-unknown");
    }
    let key = format!("method-{code}");
    if ctx.tr.has(&key) {
        format!("{} ({code})", ctx.tr.t(&key))
    } else {
        code.to_owned()
    }
}
