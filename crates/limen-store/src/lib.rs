//! The only place that speaks SQL.
//!
//! One [`Store`] serves both backends through sqlx's `Any` driver: SQLite (the embedded default,
//! in WAL mode) and PostgreSQL (how Limen scales out: any number of nodes share one database).
//! Queries are written once in the SQL both understand (`$n` parameters, `RETURNING`,
//! `ON CONFLICT`); the schemas live in `migrations/{sqlite,postgres}` and differ only in types.
//! Times are stored as Unix seconds, lists as JSON text. Backend differences stay in this crate.

mod accounts;
mod admin;
mod audit;
mod captcha;
mod challenges;
mod checkpoint;
mod demo;
mod error;
mod groups;
pub mod hot_queries;
mod jobs;
mod links;
mod login_requests;
mod migrate;
mod mobile;
mod oidc;
mod outbox;
mod phones;
mod requests;
mod saml;
mod services;
mod sessions;
mod settings;
mod signing;
mod sms_outbox;
pub mod testdb;
mod throttle;
mod tickets;
mod tokens;
mod transactions;
mod tx;
mod upstream;
mod webauthn;

pub use accounts::NewAccount;
pub use admin::{AccountQuery, AdminClient, AdminGrant, LoginCount};
pub use audit::{AuditEntry, AuditFilter, AuditRow, ChainReport, GENESIS, row_hash};
pub use error::StoreError;
pub use groups::{Group, GroupMember, MembershipChange};
pub use links::{EmailLink, LinkPurpose, LinkState};
pub use login_requests::LoginRequest;
pub use mobile::{MobileChallenge, MobileDevice, MobileEnrolment, MobileStatus, NewMobileDevice};
pub use oidc::{
    CodeRedemption, Grant, NewTokenPair, RedeemedCode, RefreshUse, StoredKey, TokenInfo,
    TokenParties,
};
pub use outbox::{NewMail, QueuedMail};
pub use phones::{CodeAttempt, NewSmsCode, Phone, SmsCode};
pub use requests::{RequestKind, SelfServiceRequest};
pub use saml::{SamlKeyRow, SamlSpRow};
pub use services::NewService;
pub use sessions::{OidcLogout, SessionService, SessionSummary};
pub use signing::SignatureRequest;
pub use sms_outbox::{NewSms, QueuedSms};
pub use tickets::TakenTicket;
pub use tokens::{NewToken, StoredToken, TokenFilter, serial_is_typeable, serial_key};
pub use transactions::Transaction;
pub use tx::StoreTx;
pub use upstream::UpstreamLink;
pub use webauthn::{NewWebauthnCredential, WebauthnCredential};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite's background checkpoints (checkpoint.rs), stopped with the last clone.
    checkpoints: Option<Arc<checkpoint::StopOnDrop>>,
}

impl Store {
    /// Connects to `sqlite://PATH` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(url, checkpoint::Checkpointer::DEFAULT).await
    }

    pub(crate) async fn connect_with(
        url: &str,
        checkpointer: checkpoint::Checkpointer,
    ) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(StoreError::Config("sqlite URL without a path".into()));
            }
            if path != ":memory:"
                && let Some(parent) = std::path::Path::new(path)
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(parent).map_err(|e| {
                    StoreError::Config(format!("cannot create {}: {e}", parent.display()))
                })?;
            }
            (Backend::Sqlite, format!("sqlite://{path}?mode=rwc"))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::Config(format!(
                "unsupported database URL {:?}: use sqlite://PATH or postgres://…",
                redact(url)
            )));
        };
        let options =
            AnyConnectOptions::from_str(&url).map_err(|e| StoreError::Config(e.to_string()))?;
        let pool_options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            // A SQLite connection is a file handle: nothing at the other end can hang up, so
            // the ping sqlx sends before lending a connection is a thread round trip for
            // nothing (docs/flamegraphs/README.md). A PostgreSQL connection can be dead after
            // a restart or a failover (docs/SCALING.md): that ping stays.
            .test_before_acquire(backend == Backend::Postgres);
        let pool_options = match backend {
            Backend::Sqlite => pool_options.after_connect(move |conn, _meta| {
                // No checkpoint inside a request: the store's own task makes them; the log
                // file, once restarted, is cut back to `keep_bytes` (checkpoint.rs).
                let pragmas = format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                     PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {};",
                    checkpointer.keep_bytes
                );
                Box::pin(async move {
                    conn.execute(pragmas.as_str()).await?;
                    Ok(())
                })
            }),
            Backend::Postgres => pool_options,
        };
        let checkpoints = (backend == Backend::Sqlite).then(|| checkpointer.start(options.clone()));
        let pool = pool_options.connect_with(options).await?;
        Ok(Self {
            pool,
            backend,
            checkpoints,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations of this backend, in order, each in its own transaction.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        migrate::run(&self.pool, self.backend).await
    }

    /// For health checks.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// For health checks: whether the database takes writes. A PostgreSQL hot standby (still
    /// replaying, `pg_is_in_recovery()`) answers reads but refuses every write; SQLite always
    /// takes them (a full disk shows on the write itself).
    pub async fn writable(&self) -> Result<bool, StoreError> {
        match self.backend {
            Backend::Sqlite => {
                self.ping().await?;
                Ok(true)
            }
            Backend::Postgres => {
                let (recovery,): (bool,) = sqlx::query_as("SELECT pg_is_in_recovery()")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(!recovery)
            }
        }
    }

    /// Removes expired sessions and tickets, stale throttle entries, and whatever else has
    /// outlived its use (challenges, OpenID Connect grants, login requests, links, the mobile
    /// authenticator's enrolments, challenges and proof `jti`s).
    pub async fn purge_expired(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        let t = now.unix_timestamp();
        let mut removed = 0;
        removed += sqlx::query(PURGE_TICKETS)
            .bind(t)
            .execute(&self.pool)
            .await?
            .rows_affected();
        removed += sqlx::query(PURGE_TRANSACTIONS)
            .bind(t)
            .execute(&self.pool)
            .await?
            .rows_affected();
        removed += sqlx::query(PURGE_SESSIONS)
            .bind(t)
            .execute(&self.pool)
            .await?
            .rows_affected();
        removed += sqlx::query(PURGE_THROTTLE)
            .bind(t)
            .bind(t - 86_400)
            .execute(&self.pool)
            .await?
            .rows_affected();
        removed += self.purge_challenges(now).await?;
        removed += self.purge_captcha_uses(now).await?;
        removed += self.purge_oidc(now).await?;
        removed += self.purge_login_requests(now).await?;
        removed += self.purge_mobile(now).await?;
        removed += self.purge_admin_tokens(now).await?;
        // Kept a week past expiry, so that a late click says "expired" rather than "unknown".
        removed += self.purge_links(now - time::Duration::days(7)).await?;
        Ok(removed)
    }

    pub async fn close(&self) {
        if let Some(c) = &self.checkpoints {
            c.stop();
        }
        self.pool.close().await;
    }
}

/// Hides a password in a database URL before it is shown or logged.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("****"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

// The purge of [`Store::purge_expired`] (every minute), listed in [`crate::hot_queries`].
pub(crate) const PURGE_TICKETS: &str = "DELETE FROM tickets WHERE expires_at < $1";
pub(crate) const PURGE_TRANSACTIONS: &str = "DELETE FROM authn_transactions WHERE expires_at <= $1";
pub(crate) const PURGE_SESSIONS: &str = "DELETE FROM sso_sessions WHERE expires_at < $1";
pub(crate) const PURGE_THROTTLE: &str =
    "DELETE FROM throttle WHERE locked_until < $1 AND window_start < $2";

/// How far in this node's future a ticket's or code's creation time may lie (nodes whose clocks
/// differ a little) before it is refused like an expired one. A clock stepped back by more
/// would otherwise stretch a ticket's life by the size of the step (docs/SCALING.md, "Clocks").
pub const CLOCK_SKEW: time::Duration = time::Duration::seconds(30);

/// True when `created` lies more than [`CLOCK_SKEW`] after `now`.
pub fn issued_in_future(created: OffsetDateTime, now: OffsetDateTime) -> bool {
    created > now + CLOCK_SKEW
}

pub(crate) fn ts(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub(crate) fn from_ts(t: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(t).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
