//! `limen audit`: the audit log from the server's machine (issue 21 item 4, docs/ADMIN.md):
//! `verify` walks the hash chain, `export` writes the rows as JSON lines or CSV (once, or
//! `--follow`ing new rows as a feed for a SIEM), `purge` applies a retention by hand. The
//! retention the server applies hourly (`[admin] audit_retention_days`) is [`purge`] too.
//!
//! This module reads the log and removes its oldest rows through the store; it never writes a
//! row but through the engine ([`limen_authn::Authn::audit_raw`]), so that the actor comes from
//! the task's audit scope.

use crate::cli::{ExitWith, open, say};
use crate::config::Config;
use anyhow::{Context, anyhow, bail};
use clap::{Subcommand, ValueEnum};
use limen_store::{AuditRow, ChainReport, Store};
use limen_web::admin::export;
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain from its anchor to its head: exit status 0 when intact, 1 when a
    /// row was edited, removed or inserted (the first such row is named).
    Verify,
    /// Write the log, oldest first, as JSON lines (one object per row) or CSV (RFC 4180).
    Export {
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Only rows at or after this time (RFC 3339, e.g. 2025-06-01T00:00:00Z).
        #[arg(long)]
        since: Option<String>,
        /// Only rows before this time (RFC 3339).
        #[arg(long, conflicts_with = "follow")]
        until: Option<String>,
        /// Only this event; a name ending with "." is a prefix ("login." for every login event).
        #[arg(long)]
        event: Option<String>,
        /// Write to this file (created or emptied, readable by its owner only) instead of
        /// standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Keep running: write new rows as they are logged (checked every second) until
        /// interrupted (SIGINT, SIGTERM). A feed for a SIEM.
        #[arg(long)]
        follow: bool,
    },
    /// Remove the rows older than so many days now (the chain's anchor moves; the log still
    /// verifies). Asks no confirmation.
    Purge {
        #[arg(long)]
        older_than_days: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line (application/x-ndjson).
    Jsonl,
    /// RFC 4180: a header line, then a line per row; `detail` as compact JSON.
    Csv,
}

pub async fn run(config: &Config, command: AuditCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    match command {
        AuditCommand::Verify => verify(&store).await,
        AuditCommand::Export {
            format,
            since,
            until,
            event,
            output,
            follow,
        } => {
            let filter = Filter {
                since: since
                    .as_deref()
                    .map(|s| time_arg("--since", s))
                    .transpose()?,
                until: until
                    .as_deref()
                    .map(|s| time_arg("--until", s))
                    .transpose()?,
                event,
            };
            let out: Box<dyn Write + Send> = match &output {
                Some(path) => Box::new(create_private(path)?),
                None => Box::new(std::io::stdout()),
            };
            let mut exporter = Exporter {
                store: &store,
                format,
                filter,
                out: std::io::BufWriter::new(out),
                uids: HashMap::new(),
                after: 0,
            };
            match exporter.run(follow).await {
                // `limen audit export | head`: a reader that went away is not an error.
                Err(e)
                    if e.downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
                {
                    Ok(())
                }
                other => other,
            }
        }
        AuditCommand::Purge { older_than_days } => {
            if older_than_days == 0 {
                bail!("--older-than-days must be at least 1");
            }
            let state = crate::cli::app_state(config, store.clone()).await?;
            let before = state.now() - time::Duration::days(i64::from(older_than_days));
            let done = purge(&state.authn, before, true).await?;
            say!(
                "removed {} row(s) logged before {}",
                done.rows,
                rfc3339(before)
            );
            if let Some(id) = done.anchor_id {
                say!("the chain now starts after row {id}; `limen audit verify` checks the rest");
            }
            Ok(())
        }
    }
}

async fn verify(store: &Store) -> anyhow::Result<()> {
    match store.verify_audit().await? {
        ChainReport::Intact {
            rows,
            unchained,
            head,
            last_id,
        } => {
            say!("audit log intact: {rows} row(s) checked, up to row {last_id}");
            if unchained > 0 {
                say!(
                    "{unchained} older row(s) were written before the chain existed and cannot be checked"
                );
            }
            say!("head: {head} (row {last_id})");
            say!(
                "Record this hash, with its row number, somewhere the database's administrators \
                 cannot write (a ticket, a signed e-mail, your SIEM): the chain proves that no row \
                 up to it changed only as long as a later verification still ends in, or passes \
                 through, a hash you hold."
            );
            Ok(())
        }
        ChainReport::Broken { id, reason } => {
            say!("audit log BROKEN at row {id}: {reason}");
            say!(
                "The rows before it verify. Compare an earlier export (or your SIEM's copy) from \
                 row {id} on to see what was changed."
            );
            Err(ExitWith(1).into())
        }
    }
}

/// What `--since`, `--until` and `--event` keep.
#[derive(Debug, Default)]
struct Filter {
    since: Option<OffsetDateTime>,
    until: Option<OffsetDateTime>,
    event: Option<String>,
}

impl Filter {
    fn keeps(&self, row: &AuditRow) -> bool {
        let e = &row.entry;
        self.since.is_none_or(|t| e.at >= t)
            && self.until.is_none_or(|t| e.at < t)
            && self.event.as_deref().is_none_or(|want| {
                // As the store's search: a name ending with '.' is a prefix.
                if want.ends_with('.') {
                    e.event.starts_with(want)
                } else {
                    e.event == want
                }
            })
    }
}

const PAGE: i64 = 1000;

struct Exporter<'a, W: Write> {
    store: &'a Store,
    format: Format,
    filter: Filter,
    out: W,
    /// Account ids seen, and their uids (`None`: no such account).
    uids: HashMap<i64, Option<String>>,
    /// The last row written (or skipped).
    after: i64,
}

impl<W: Write> Exporter<'_, W> {
    async fn run(&mut self, follow: bool) -> anyhow::Result<()> {
        if self.format == Format::Csv {
            self.out.write_all(export::csv_header().as_bytes())?;
        }
        self.drain().await?;
        if !follow {
            return Ok(());
        }
        let stop = crate::serve::shutdown_signal();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                () = &mut stop => return Ok(()),
                () = tokio::time::sleep(std::time::Duration::from_secs(1)) => self.drain().await?,
            }
        }
    }

    /// Writes every row logged after the last one written, and flushes.
    async fn drain(&mut self) -> anyhow::Result<()> {
        loop {
            let page = self.store.audit_after(self.after, PAGE).await?;
            let full = page.len() as i64 == PAGE;
            for row in page {
                self.after = row.id;
                if !self.filter.keeps(&row) {
                    continue;
                }
                let uid = self.uid_of(row.entry.account_id).await?;
                // The same bytes as the admin API's and the console's exports.
                let record = export::AuditRecord::of(&row, uid.as_deref());
                let line = match self.format {
                    Format::Jsonl => export::json_line(&record),
                    Format::Csv => export::csv_row(&record),
                };
                self.out.write_all(line.as_bytes())?;
            }
            self.out.flush()?;
            if !full {
                return Ok(());
            }
        }
    }

    async fn uid_of(&mut self, account_id: Option<i64>) -> anyhow::Result<Option<String>> {
        let Some(id) = account_id else {
            return Ok(None);
        };
        if let Some(uid) = self.uids.get(&id) {
            return Ok(uid.clone());
        }
        // Deleted accounts keep their uid: their history stays attributable.
        let uid = self.store.account_uids(&[id]).await?.remove(&id);
        self.uids.insert(id, uid.clone());
        Ok(uid)
    }
}

fn time_arg(flag: &str, value: &str) -> anyhow::Result<OffsetDateTime> {
    OffsetDateTime::parse(value, &Rfc3339).map_err(|e| {
        anyhow!("{flag}: {value:?} is not an RFC 3339 time such as 2025-06-01T00:00:00Z ({e})")
    })
}

pub(crate) use limen_web::admin::rfc3339;

/// A new file only its owner may read: the log names people and their addresses.
fn create_private(path: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .with_context(|| format!("--output {}", path.display()))
}

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purged {
    pub rows: u64,
    /// The last removed row the chain now starts after, and its hash (`None` when the oldest
    /// remaining row predates the chain).
    pub anchor_id: Option<i64>,
    pub anchor_hash: Option<String>,
}

/// Retention: removes the rows logged before `before` and records it (`audit.purged`, with the
/// rows removed and the new anchor) — when rows went, or always when `always_audit` (an
/// operator's command). The actor is the task's audit scope's.
pub async fn purge(
    authn: &limen_authn::Authn,
    before: OffsetDateTime,
    always_audit: bool,
) -> anyhow::Result<Purged> {
    let store = authn.store();
    let rows = store.purge_audit(before).await?;
    // The oldest row left links to the anchor (rows appended meanwhile come after it); when
    // none is left, the chain's head is the anchor.
    let (anchor_id, anchor_hash) = match store.audit_after(0, 1).await?.into_iter().next() {
        Some(first) => match first.prev_hash {
            Some(prev) => (Some(first.id - 1), Some(prev)),
            None => (None, None),
        },
        None => match store.verify_audit().await? {
            ChainReport::Intact { head, last_id, .. } => (Some(last_id), Some(head)),
            ChainReport::Broken { .. } => (None, None),
        },
    };
    if rows > 0 || always_audit {
        authn
            .audit_raw(
                "audit.purged",
                None,
                limen_authn::Client::CLI.ip,
                json!({
                    "rows": rows,
                    "before": rfc3339(before),
                    "anchor_id": anchor_id,
                    "anchor_hash": anchor_hash,
                }),
            )
            .await;
    }
    Ok(Purged {
        rows,
        anchor_id,
        anchor_hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_store::AuditEntry;

    fn row(detail: serde_json::Value, user_agent: &str) -> AuditRow {
        let mut entry = AuditEntry::new(
            OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
            "login.failure",
            Some(7),
            detail,
        );
        entry.user_agent = Some(user_agent.into());
        entry.client_ip = Some("192.0.2.1".into());
        AuditRow {
            id: 12,
            entry,
            prev_hash: Some("aa".into()),
            hash: Some("bb".into()),
        }
    }

    #[test]
    fn event_filters_are_exact_or_prefixes() {
        let r = row(json!({}), "x");
        let by = |e: &str| Filter {
            event: Some(e.into()),
            ..Filter::default()
        };
        assert!(by("login.failure").keeps(&r));
        assert!(by("login.").keeps(&r));
        assert!(!by("login").keeps(&r));
        assert!(!by("login.success").keeps(&r));
        let at = r.entry.at;
        let window = Filter {
            since: Some(at),
            until: Some(at + time::Duration::seconds(1)),
            event: None,
        };
        assert!(window.keeps(&r));
        let later = Filter {
            since: Some(at + time::Duration::seconds(1)),
            ..Filter::default()
        };
        assert!(!later.keeps(&r));
        let until = Filter {
            until: Some(at),
            ..Filter::default()
        };
        assert!(!until.keeps(&r), "--until is exclusive");
    }

    #[test]
    fn times_must_be_rfc3339() {
        assert!(time_arg("--since", "2025-06-01T00:00:00Z").is_ok());
        assert!(time_arg("--since", "2025-06-01T02:00:00+02:00").is_ok());
        let err = time_arg("--since", "yesterday").unwrap_err().to_string();
        assert!(err.contains("--since") && err.contains("RFC 3339"), "{err}");
    }
}
