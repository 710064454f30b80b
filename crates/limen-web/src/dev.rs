//! Development mode only (`dev_mode`): the latest messages of the outbox, readable in the
//! browser, so that a registration can be tried without a mail server. Absent otherwise (404).

use crate::context::Ctx;
use crate::pages::{self, DevMessage, DevOutbox, OutboxRow, PageCtx};
use crate::{AppState, WebError};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

/// GET /dev/outbox
pub async fn outbox(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    if !state.config.dev_mode {
        return crate::ops::not_found_page(&ctx);
    }
    let rows = state
        .store
        .recent_mail(50)
        .await?
        .into_iter()
        .map(|m| OutboxRow {
            id: m.id,
            created: ctx.tr.datetime(m.created_at),
            recipient: m.recipient,
            subject: m.subject,
            status: status(
                &ctx,
                m.sent_at.is_some(),
                m.failed_at.is_some(),
                m.last_error.as_deref(),
                m.attempts,
            ),
        })
        .collect();
    let sms = state
        .store
        .recent_sms(50)
        .await?
        .into_iter()
        .map(|m| OutboxRow {
            id: m.id,
            created: ctx.tr.datetime(m.created_at),
            subject: state.sms.open(&m).map(|c| c.text).unwrap_or_default(),
            status: status(
                &ctx,
                m.sent_at.is_some(),
                m.failed_at.is_some(),
                m.last_error.as_deref(),
                m.attempts,
            ),
            recipient: m.recipient,
        })
        .collect();
    let page = DevOutbox {
        ctx: PageCtx::new(&ctx, None),
        rows,
        transport: state.mailer.describe(),
        sms,
        sms_transport: state.sms.describe(),
    };
    pages::render(&ctx, StatusCode::OK, &page)
}

/// A message's delivery state in words.
fn status(ctx: &Ctx, sent: bool, failed: bool, error: Option<&str>, attempts: i64) -> String {
    if sent {
        ctx.tr.t("dev-outbox-sent")
    } else if failed {
        ctx.tr
            .t1("dev-outbox-failed", "error", error.unwrap_or_default())
    } else {
        ctx.tr.t_with(
            "dev-outbox-queued",
            &[("attempts", crate::i18n::FluentArg::Num(attempts))],
        )
    }
}

/// GET /dev/outbox/{id}: one message, its text part decoded and its links clickable.
pub async fn message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let Some(id) = id.parse::<i64>().ok().filter(|_| state.config.dev_mode) else {
        return crate::ops::not_found_page(&ctx);
    };
    let Some(mail) = state.store.mail_by_id(id).await? else {
        return crate::ops::not_found_page(&ctx);
    };
    let parsed = mail_parser::MessageParser::default().parse(mail.body.as_bytes());
    let text = parsed
        .as_ref()
        .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
        .unwrap_or_default();
    let links = text
        .split_whitespace()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches(['.', ',', ')', '>']).to_owned())
        .fold(Vec::<String>::new(), |mut acc, l| {
            if !acc.contains(&l) {
                acc.push(l);
            }
            acc
        });
    let page = DevMessage {
        ctx: PageCtx::new(&ctx, None),
        subject: mail.subject,
        recipient: mail.recipient,
        text,
        links,
        raw: mail.body,
    };
    pages::render(&ctx, StatusCode::OK, &page)
}
