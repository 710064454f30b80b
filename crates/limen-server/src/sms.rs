//! `limen sms …`: the SMS method's state for the operator (issue 17) — whether it is on, the
//! gateway, today's count against the daily budget, the circuit breaker, the outbox backlog —
//! reopening the breaker after a look at why it tripped, and an account's numbers for the help
//! desk. The engine's functions do the work; this file parses and prints.

use crate::cli::{app_state, find, open, say};
use crate::config::Config;
use anyhow::anyhow;
use clap::Subcommand;
use limen_core::Method;

#[derive(Debug, Subcommand)]
pub enum SmsCommand {
    /// Whether SMS is on, the gateway, today's SMS against the daily budget, the breaker.
    Status,
    /// Reopens the circuit breaker after the daily budget was spent (today's count restarts).
    Reset,
    /// The mobile phone numbers of an account.
    Phones { email: String },
}

pub async fn run(config: &Config, command: SmsCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    let state = app_state(config, store.clone()).await?;
    let cx = &state.authn;
    let now = cx.now();
    match command {
        SmsCommand::Status => {
            let rule = cx.policy().rule(Method::Sms);
            let on = if cx.is_live(Method::Sms) {
                "on".to_owned()
            } else if let Some(day) = rule.retire_on.filter(|d| *d <= now.date()) {
                format!("retired since {day}")
            } else {
                "off ([methods.sms] enabled = false)".to_owned()
            };
            say!("method: {on}");
            say!("gateway: {}", state.sms.describe());
            let today = store
                .throttle_count(&format!("sms:day:{}", now.date()))
                .await?;
            let budget = config.sms.limits.daily_budget;
            // Every SMS asked for counts, the refused ones too (the breaker's own count).
            say!("asked for today (UTC): {today}, daily budget {budget}");
            match store
                .throttle_locked_until(limen_authn::sms::guard::BREAKER, now)
                .await?
            {
                Some(until) => say!("circuit breaker: OPEN until {until} (`limen sms reset`)"),
                None => say!("circuit breaker: closed"),
            }
            say!("outbox backlog: {}", store.sms_backlog(now).await?);
        }
        SmsCommand::Reset => {
            limen_authn::sms::guard::reset(cx)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            cx.audit_raw(
                "sms.breaker_reset",
                None,
                "-",
                serde_json::json!({"by": "command line"}),
            )
            .await;
            say!("circuit breaker closed; today's SMS count starts again from 0");
        }
        SmsCommand::Phones { email } => {
            let account = find(&store, &email).await?;
            for p in store.phones_of(account.id).await? {
                let last = p
                    .last_used_at
                    .map_or_else(|| "-".to_owned(), |t| t.to_string());
                say!("{}\t{}\t{}\t{}", p.id, p.e164, p.label, last);
            }
        }
    }
    Ok(())
}
