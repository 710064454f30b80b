//! `limen token …`: the inventory of hardware tokens (issue 16) — import from PSKC (RFC 6030)
//! or CSV, list, show, assign, unassign, resync, lock, unlock, delete. The engine's functions
//! (`limen_authn::token`) do the work, as the admin API will; this file parses and prints.

use crate::cli::{ExitWith, app_state, find, open, say};
use crate::config::Config;
use anyhow::{Context, anyhow, bail};
use clap::Subcommand;
use limen_authn::token::{InventoryError, TokenFactor, Tokens};
use limen_core::Method;
use limen_oath::Secret;
use limen_oath::pskc::{self, Protection};
use limen_store::{StoredToken, TokenFilter};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Import tokens from a PSKC file (RFC 6030) or a CSV file (see docs/AUTHENTICATION.md).
    Import {
        file: PathBuf,
        /// File whose first line is the password the PSKC file's keys are protected with (PBKDF2).
        #[arg(long, conflicts_with = "key_file")]
        password_file: Option<PathBuf>,
        /// File whose first line is the pre-shared AES key, in hexadecimal.
        #[arg(long)]
        key_file: Option<PathBuf>,
        /// Import nothing if any key package is refused.
        #[arg(long)]
        all_or_nothing: bool,
        /// pskc or csv (default: csv when the file name ends in .csv).
        #[arg(long)]
        format: Option<String>,
    },
    /// List tokens, by serial number.
    List {
        /// A part of the serial number, of the holder's e-mail address or of the token's name.
        #[arg(long)]
        search: Option<String>,
        /// Only tokens assigned to nobody.
        #[arg(long)]
        unassigned: bool,
        #[arg(long, default_value_t = 1000)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Show one token (never its key).
    Show { serial: String },
    /// Assign a token to an account.
    Assign {
        serial: String,
        email: String,
        /// The name the holder sees (default: the serial number).
        #[arg(long)]
        name: Option<String>,
    },
    /// Take a token back from its holder.
    Unassign { serial: String },
    /// Resynchronise a token from two consecutive codes it shows.
    Resync {
        serial: String,
        code1: String,
        code2: String,
    },
    /// Lock a token: it refuses every code until unlocked.
    Lock { serial: String },
    /// Unlock a token: ends an administrator's lock and a lockout after wrong codes.
    Unlock { serial: String },
    /// Delete a token from the inventory.
    Delete { serial: String },
}

/// The first line of a file, without its line end; its bytes are zeroed when dropped.
fn first_line(path: &PathBuf) -> anyhow::Result<Secret> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let secret = Secret::new(bytes);
    let line = secret
        .expose()
        .split(|b| *b == b'\n')
        .next()
        .unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.is_empty() {
        bail!("{}: the first line is empty", path.display());
    }
    Ok(Secret::new(line.to_vec()))
}

fn state_of(t: &StoredToken) -> &'static str {
    if t.disabled {
        "disabled"
    } else if t.blocked(time::OffsetDateTime::now_utc()) {
        "locked"
    } else {
        "active"
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}

/// RFC 3339, UTC.
fn when(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

fn time_or_dash(t: Option<time::OffsetDateTime>) -> String {
    t.map_or_else(|| "-".to_owned(), when)
}

fn refused(e: InventoryError) -> anyhow::Error {
    anyhow!("{e}")
}

pub async fn run(config: &Config, command: TokenCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    if let TokenCommand::List {
        search,
        unassigned,
        limit,
        offset,
    } = &command
    {
        let filter = TokenFilter {
            search: search.clone(),
            unassigned_only: *unassigned,
            limit: *limit,
            offset: *offset,
        };
        for (t, holder) in store.tokens(&filter).await? {
            say!(
                "{}\t{}\t{}\t{}\t{}",
                t.serial,
                t.kind,
                state_of(&t),
                holder.as_deref().unwrap_or("-"),
                or_dash(&t.name)
            );
        }
        return Ok(());
    }
    if let TokenCommand::Show { serial } = &command {
        let t = store
            .token_by_serial(serial)
            .await?
            .ok_or_else(|| anyhow!("no token with the serial number {}", serial.trim()))?;
        let holder = match t.account_id {
            Some(id) => store
                .account_by_id(id)
                .await?
                .map(|a| a.email.as_str().to_owned()),
            None => None,
        };
        say!("serial: {}", t.serial);
        say!("kind: {}", t.kind);
        say!("algorithm: {}", t.algorithm);
        say!("digits: {}", t.digits);
        match t.kind.as_str() {
            "totp" => {
                say!("period: {}", t.period);
                say!("drift: {}", t.drift);
            }
            "ocra" => {
                say!("suite: {}", t.suite);
                say!("counter: {}", t.counter);
            }
            _ => say!("counter: {}", t.counter),
        }
        say!("manufacturer: {}", or_dash(&t.manufacturer));
        say!("model: {}", or_dash(&t.model));
        say!("account: {}", holder.as_deref().unwrap_or("-"));
        say!("name: {}", or_dash(&t.name));
        say!("failures: {}", t.failures);
        say!("state: {}", state_of(&t));
        say!("locked_until: {}", time_or_dash(t.locked_until));
        say!("created: {}", when(t.created_at));
        say!("last_used: {}", time_or_dash(t.last_used_at));
        return Ok(());
    }
    let state = app_state(config, store.clone()).await?;
    let cx = &state.authn;
    let tokens: &Tokens = cx
        .factor_as::<TokenFactor>(Method::Token)
        .ok_or_else(|| anyhow!("tokens are not wired in this build"))?
        .tokens();
    let engine = |e: limen_authn::AuthnError| anyhow!("{e}");
    match command {
        TokenCommand::Import {
            file,
            password_file,
            key_file,
            all_or_nothing,
            format,
        } => {
            let csv = match format.as_deref().map(str::to_ascii_lowercase).as_deref() {
                Some("csv") => true,
                Some("pskc") => false,
                Some(other) => bail!("--format {other:?}: pskc or csv"),
                None => file
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv")),
            };
            // The size is checked before the file is read (a hostile file is not loaded).
            let size = std::fs::metadata(&file)
                .with_context(|| format!("cannot read {}", file.display()))?
                .len();
            if size > pskc::MAX_BYTES as u64 {
                bail!(
                    "{}: {size} bytes is more than the {} bytes an import takes",
                    file.display(),
                    pskc::MAX_BYTES
                );
            }
            // A plain file holds the keys themselves: its buffer is zeroed when dropped.
            let bytes = zeroize::Zeroizing::new(
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?,
            );
            let parsed = if csv {
                limen_oath::csv::parse(&bytes)
            } else {
                let protection = match (&password_file, &key_file) {
                    (Some(p), _) => Protection::Password(first_line(p)?),
                    (_, Some(k)) => {
                        let line = first_line(k)?;
                        let text = std::str::from_utf8(line.expose())
                            .map_err(|_| anyhow!("--key-file: not hexadecimal"))?;
                        let key = hex::decode(text.trim())
                            .map_err(|_| anyhow!("--key-file: not hexadecimal"))?;
                        Protection::PreShared(Secret::new(key))
                    }
                    _ => Protection::None,
                };
                pskc::parse(&bytes, &protection)
            }
            .map_err(|e| anyhow!("{}: {e}", file.display()))?;
            let total = parsed.tokens.len() + parsed.errors.len();
            let source = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let report = tokens
                .import(cx, parsed, all_or_nothing, &source)
                .await
                .map_err(engine)?;
            for (index, serial, reason) in &report.refused {
                say!(
                    "refused: key package {index} ({}): {reason}",
                    serial.as_deref().unwrap_or("?")
                );
            }
            say!(
                "imported {} token(s), refused {}",
                report.imported.len(),
                report.refused.len()
            );
            if !report.committed {
                if all_or_nothing && !report.refused.is_empty() {
                    bail!(
                        "nothing imported (--all-or-nothing, {} refused)",
                        report.refused.len()
                    );
                }
                if total == 0 {
                    bail!("{}: the file holds no key package", file.display());
                }
                bail!("nothing imported");
            }
            if !report.refused.is_empty() {
                return Err(ExitWith(2).into());
            }
            Ok(())
        }
        TokenCommand::Assign {
            serial,
            email,
            name,
        } => {
            let account = find(&store, &email).await?;
            let t = tokens
                .assign(cx, &serial, &account, name.as_deref())
                .await
                .map_err(engine)?
                .map_err(refused)?;
            say!(
                "token {} assigned to {} as {:?}",
                t.serial,
                account.email,
                t.name
            );
            Ok(())
        }
        TokenCommand::Unassign { serial } => {
            let t = tokens
                .unassign(cx, &serial)
                .await
                .map_err(engine)?
                .map_err(refused)?;
            say!("token {} unassigned", t.serial);
            Ok(())
        }
        TokenCommand::Resync {
            serial,
            code1,
            code2,
        } => {
            let t = tokens
                .resync_serial(cx, &serial, &code1, &code2)
                .await
                .map_err(engine)?
                .map_err(refused)?;
            say!("token {} resynchronised", t.serial);
            Ok(())
        }
        TokenCommand::Lock { serial } => {
            let t = tokens
                .set_locked(cx, &serial, true)
                .await
                .map_err(engine)?
                .map_err(refused)?;
            say!("token {} locked", t.serial);
            Ok(())
        }
        TokenCommand::Unlock { serial } => {
            let t = tokens
                .set_locked(cx, &serial, false)
                .await
                .map_err(engine)?
                .map_err(refused)?;
            say!("token {} unlocked", t.serial);
            Ok(())
        }
        TokenCommand::Delete { serial } => {
            let t = tokens
                .delete(cx, &serial)
                .await
                .map_err(engine)?
                .map_err(refused)?;
            say!("token {} deleted", t.serial);
            Ok(())
        }
        TokenCommand::List { .. } | TokenCommand::Show { .. } => Ok(()),
    }
}
