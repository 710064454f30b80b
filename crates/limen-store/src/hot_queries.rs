//! The queries whose cost decides how Limen holds up with a million accounts: those a sign-in,
//! a request with the SSO cookie, a CAS validation, the OpenID Connect authorization, token and
//! userinfo endpoints run, and the background jobs that run every minute over tables that grow
//! with the users. Each entry is the very SQL text the store runs (the constants next to the
//! code that runs them), with arguments to plan it with.
//!
//! [`Store::explain`] asks the database how it runs one (`EXPLAIN QUERY PLAN` on SQLite;
//! `EXPLAIN`, or `EXPLAIN (ANALYZE, BUFFERS)` in a transaction rolled back, on PostgreSQL) and
//! names the tables it reads whole. The store's tests hold every entry to "no full scan" on both
//! backends; `limen-bench explain` prints the plans on a seeded database (scripts/bench-scale
//! --plans, docs/scale-figures.md). Nothing here runs in the server.

use crate::{Backend, Store, StoreError};
use sqlx::Row;

/// Where a query runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// The sign-in: the address step, the password step, the session and ticket it makes.
    SignIn,
    /// Any request with the SSO cookie (a ticket or a code for a signed-in user).
    Session,
    /// CAS validation (`/p3/serviceValidate`) and ticket issue.
    Cas,
    /// OpenID Connect: `/authorize`, `/token`, `/userinfo`.
    Oidc,
    /// A background job, once a minute on every node.
    Background,
}

impl Path {
    pub fn as_str(self) -> &'static str {
        match self {
            Path::SignIn => "sign-in",
            Path::Session => "SSO cookie",
            Path::Cas => "CAS",
            Path::Oidc => "OpenID Connect",
            Path::Background => "every minute",
        }
    }
}

/// An argument to plan a query with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
    /// SQL NULL in a text column.
    NullText,
}

/// One query, as the store runs it.
#[derive(Debug, Clone)]
pub struct HotQuery {
    pub name: &'static str,
    pub path: Path,
    pub sql: &'static str,
    pub args: Vec<Arg>,
    /// Tables this query may read whole, and why: tables whose size does not grow with the
    /// accounts (each reason is in docs/scale-figures.md).
    pub may_scan: &'static [&'static str],
}

/// Real values to plan with, found in the database when it has some (a seeded one): the
/// middle account, a session, a service, an OpenID Connect client, grant, code and access
/// token. Where there are none, values that match nothing (the plan is the same).
#[derive(Debug, Clone)]
pub struct Samples {
    pub account_id: i64,
    pub email_key: String,
    pub session_id: String,
    pub service_id: i64,
    pub client_id: String,
    pub grant_id: String,
    pub code_hash: String,
    pub access_token_hash: String,
    pub now: i64,
}

const NO_MATCH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hot queries, with `samples` as arguments.
pub fn hot_queries(s: &Samples) -> Vec<HotQuery> {
    use Arg::{Int, NullText, Text};
    let t = |v: &str| Text(v.to_owned());
    let now = s.now;
    let throttle_key = format!("account:{}", s.email_key);
    let q = |name, path, sql: &'static str, args: Vec<Arg>| HotQuery {
        name,
        path,
        sql,
        args,
        may_scan: &[],
    };
    let mut list = vec![
        // --- sign-in: the address step, then the factors it offers
        q(
            "account by e-mail",
            Path::SignIn,
            crate::accounts::ACCOUNT_BY_EMAIL.as_str(),
            vec![t(&s.email_key)],
        ),
        q(
            "security keys of an account",
            Path::SignIn,
            crate::webauthn::WEBAUTHN_OF_ACCOUNT.as_str(),
            vec![Int(s.account_id)],
        ),
        q(
            "mobile devices of an account",
            Path::SignIn,
            crate::mobile::DEVICES_OF_ACCOUNT.as_str(),
            vec![Int(s.account_id)],
        ),
        q(
            "phones of an account",
            Path::SignIn,
            crate::phones::PHONES_OF_ACCOUNT.as_str(),
            vec![Int(s.account_id)],
        ),
        q(
            "hardware tokens of an account",
            Path::SignIn,
            crate::tokens::TOKENS_OF_ACCOUNT.as_str(),
            vec![Int(s.account_id)],
        ),
        q(
            "upstream links of an account",
            Path::SignIn,
            crate::upstream::UPSTREAM_OF_ACCOUNT.as_str(),
            vec![Int(s.account_id)],
        ),
        // --- the password step
        q(
            "throttle: reserve an attempt",
            Path::SignIn,
            crate::throttle::THROTTLE_RESERVE,
            vec![
                t(&throttle_key),
                Int(now),
                Int(now - 900),
                Int(5),
                Int(now + 60),
            ],
        ),
        q(
            "throttle: give the attempt back",
            Path::SignIn,
            crate::throttle::THROTTLE_RELEASE,
            vec![t(&throttle_key), Int(now + 60)],
        ),
        q(
            "throttle: clear",
            Path::SignIn,
            crate::throttle::THROTTLE_CLEAR,
            vec![t(&throttle_key)],
        ),
        q(
            "audit: head of the chain",
            Path::SignIn,
            crate::audit::AUDIT_HEAD,
            vec![],
        ),
        q(
            "audit: append",
            Path::SignIn,
            crate::audit::AUDIT_INSERT,
            vec![
                Int(i64::MAX / 2),
                Int(now),
                t("login.success"),
                Int(s.account_id),
                t("198.18.0.1"),
                t("{}"),
                t("user"),
                t("Mozilla/5.0"),
                t("Benchmark"),
                t(NO_MATCH),
                t(NO_MATCH),
            ],
        ),
        q(
            "session: create",
            Path::SignIn,
            crate::sessions::SESSION_INSERT,
            vec![
                t(&NO_MATCH.replace('0', "1")),
                t("explain-session"),
                Int(s.account_id),
                t("[]"),
                Int(now),
                Int(now),
                Int(now + 36_000),
                t("198.18.0.1"),
                t("Mozilla/5.0"),
            ],
        ),
        // --- requests with the SSO cookie
        q(
            "session by cookie",
            Path::Session,
            crate::sessions::SESSION_BY_ID.as_str(),
            vec![t(&s.session_id)],
        ),
        q(
            "session: record activity",
            Path::Session,
            crate::sessions::SESSION_TOUCH,
            vec![Int(now), t(&s.session_id), Int(now - 60)],
        ),
        q(
            "session: service visited",
            Path::Session,
            crate::sessions::SESSION_SERVICE_INSERT,
            vec![
                t(&s.session_id),
                Int(s.service_id),
                t("https://portal.example.org/app"),
                t("ST-explain"),
                Int(now),
            ],
        ),
        // --- CAS
        q(
            "ticket: issue",
            Path::Cas,
            crate::tickets::TICKET_INSERT.as_str(),
            vec![
                t(NO_MATCH),
                t("ST"),
                t(&s.session_id),
                Int(s.account_id),
                Int(s.service_id),
                t("https://portal.example.org/app"),
                t("PASSWORD"),
                Int(now),
                Int(1),
                t("[]"),
                NullText,
                NullText,
                Int(now),
                Int(now + 60),
            ],
        ),
        q(
            "ticket: validate (take)",
            Path::Cas,
            crate::tickets::TICKET_TAKE.as_str(),
            vec![t(NO_MATCH)],
        ),
        q(
            "service by id",
            Path::Cas,
            crate::services::SERVICE_BY_ID.as_str(),
            vec![Int(s.service_id)],
        ),
        q(
            "account by id",
            Path::Cas,
            crate::accounts::ACCOUNT_BY_ID.as_str(),
            vec![Int(s.account_id)],
        ),
        // --- OpenID Connect
        q(
            "client by client_id",
            Path::Oidc,
            crate::oidc::CLIENT_BY_CLIENT_ID.as_str(),
            vec![t(&s.client_id)],
        ),
        q(
            "grant: create",
            Path::Oidc,
            crate::oidc::GRANT_INSERT,
            vec![
                t(&NO_MATCH.replace('0', "2")),
                Int(s.service_id),
                Int(s.account_id),
                t(&s.session_id),
                t("explain-sid"),
                t("openid email"),
                t("{}"),
                Int(0),
                Int(now),
                Int(now + 36_000),
            ],
        ),
        q(
            "code: create",
            Path::Oidc,
            crate::oidc::CODE_INSERT,
            vec![
                t(&NO_MATCH.replace('0', "3")),
                t(&s.grant_id),
                t("https://rp.example.org/cb"),
                t("challenge"),
                Int(now + 60),
            ],
        ),
        q(
            "code: redeem",
            Path::Oidc,
            crate::oidc::CODE_REDEEM,
            vec![Int(now), t(&s.code_hash)],
        ),
        q(
            "grant by id",
            Path::Oidc,
            crate::oidc::GRANT_BY_ID.as_str(),
            vec![t(&s.grant_id)],
        ),
        q(
            "tokens: create",
            Path::Oidc,
            crate::oidc::TOKEN_PAIR_INSERT,
            vec![
                t(&NO_MATCH.replace('0', "4")),
                t(&s.grant_id),
                t("openid email"),
                Int(now),
                Int(now + 300),
                t(&NO_MATCH.replace('0', "5")),
                Int(now + 86_400),
            ],
        ),
        q(
            "access token for userinfo",
            Path::Oidc,
            crate::oidc::VALID_TOKEN.as_str(),
            vec![t(&s.access_token_hash), Int(now)],
        ),
        // --- every minute
        HotQuery {
            // The live sessions are the table: reading them all is the job (bounded by the
            // users signed in, not by the accounts). The accounts are read by their index.
            may_scan: &["sso_sessions"],
            ..q(
                "sessions to end (timeouts, inactive accounts)",
                Path::Background,
                crate::sessions::EXPIRED_SESSION_IDS,
                vec![Int(now), Int(now - 7200)],
            )
        },
        q(
            "purge: tickets",
            Path::Background,
            crate::PURGE_TICKETS,
            vec![Int(now)],
        ),
        q(
            "purge: login transactions",
            Path::Background,
            crate::PURGE_TRANSACTIONS,
            vec![Int(now)],
        ),
        q(
            "purge: sessions",
            Path::Background,
            crate::PURGE_SESSIONS,
            vec![Int(now)],
        ),
        HotQuery {
            // One row per address or account that failed (or is signing in) within a day:
            // bounded by the day's traffic, not by the accounts.
            may_scan: &["throttle"],
            ..q(
                "purge: throttle counters",
                Path::Background,
                crate::PURGE_THROTTLE,
                vec![Int(now), Int(now - 86_400)],
            )
        },
        q(
            "purge: unconfirmed mobile devices",
            Path::Background,
            crate::mobile::PURGE_PENDING_DEVICES,
            vec![Int(now)],
        ),
    ];
    let names = [
        "purge: codes",
        "purge: tokens",
        "purge: grants",
        "purge: assertion ids",
        "purge: signing keys",
    ];
    for (name, sql) in names.into_iter().zip(crate::oidc::OIDC_PURGES) {
        let mut purge = q(name, Path::Background, sql, vec![Int(now)]);
        if name == "purge: signing keys" {
            // A handful of rows.
            purge.may_scan = &["oidc_keys"];
        }
        list.push(purge);
    }
    list
}

/// How the database runs one query.
#[derive(Debug, Clone)]
pub struct Explained {
    /// The plan as the database prints it, a line each.
    pub plan: Vec<String>,
    /// `EXPLAIN (ANALYZE, BUFFERS)`: the query was run (in a transaction rolled back).
    pub analyzed: bool,
    /// The tables read whole (a full scan of the table, or of an index that is not partial),
    /// less those the query may scan.
    pub full_scans: Vec<String>,
}

impl Store {
    /// Values from this database to plan the hot queries with (see [`Samples`]).
    pub async fn hot_query_samples(&self, now: i64) -> Result<Samples, StoreError> {
        let text = |sql: &'static str| async move {
            Ok::<_, StoreError>(
                sqlx::query(sql)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| r.try_get::<String, _>(0))
                    .transpose()?,
            )
        };
        let account = sqlx::query(
            "SELECT id, email_key FROM accounts WHERE status = 'active' \
             AND id >= (SELECT (MIN(id) + MAX(id)) / 2 FROM accounts) ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let (account_id, email_key) = match account {
            Some(r) => (r.try_get(0)?, r.try_get(1)?),
            None => (1, "nobody@example.org".to_owned()),
        };
        let service_id: Option<i64> = sqlx::query("SELECT MIN(id) FROM services")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        Ok(Samples {
            account_id,
            email_key,
            session_id: text("SELECT id FROM sso_sessions ORDER BY id LIMIT 1")
                .await?
                .unwrap_or_else(|| NO_MATCH.to_owned()),
            service_id: service_id.unwrap_or(1),
            client_id: text("SELECT client_id FROM oidc_clients ORDER BY client_id LIMIT 1")
                .await?
                .unwrap_or_else(|| "no-such-client".to_owned()),
            grant_id: text("SELECT id FROM oidc_grants ORDER BY id LIMIT 1")
                .await?
                .unwrap_or_else(|| NO_MATCH.to_owned()),
            code_hash: text("SELECT id FROM oidc_codes ORDER BY id LIMIT 1")
                .await?
                .unwrap_or_else(|| NO_MATCH.to_owned()),
            access_token_hash: text(
                "SELECT id FROM oidc_tokens WHERE kind = 'access' ORDER BY id LIMIT 1",
            )
            .await?
            .unwrap_or_else(|| NO_MATCH.to_owned()),
            now,
        })
    }

    /// Plans `query` (see the module's documentation). `analyze` runs it on PostgreSQL, in a
    /// transaction that is rolled back; should it fail there (an insert whose row refers to
    /// nothing on this database), the plan is given without ANALYZE. `no_seqscan` plans on
    /// PostgreSQL with sequential scans disabled, so that the plan uses an index whenever one
    /// can serve the query, whatever the size of the tables (the tests' empty databases).
    pub async fn explain(
        &self,
        query: &HotQuery,
        analyze: bool,
        no_seqscan: bool,
    ) -> Result<Explained, StoreError> {
        let partial = self.partial_indexes().await?;
        let (plan, analyzed) = match self.backend {
            Backend::Sqlite => (
                self.plan_lines(
                    &format!("EXPLAIN QUERY PLAN {}", query.sql),
                    query,
                    no_seqscan,
                    "detail",
                )
                .await?,
                false,
            ),
            Backend::Postgres => {
                let analyzed = if analyze {
                    self.plan_lines(
                        &format!("EXPLAIN (ANALYZE, BUFFERS) {}", query.sql),
                        query,
                        no_seqscan,
                        "QUERY PLAN",
                    )
                    .await
                    .ok()
                } else {
                    None
                };
                match analyzed {
                    Some(plan) => (plan, true),
                    None => (
                        self.plan_lines(
                            &format!("EXPLAIN {}", query.sql),
                            query,
                            no_seqscan,
                            "QUERY PLAN",
                        )
                        .await?,
                        false,
                    ),
                }
            }
        };
        let full_scans = full_scans(self.backend, &plan, &partial)
            .into_iter()
            .filter(|t| !query.may_scan.contains(&t.as_str()))
            .collect();
        Ok(Explained {
            plan,
            analyzed,
            full_scans,
        })
    }

    /// Runs one EXPLAIN in a transaction that is rolled back (EXPLAIN ANALYZE of a write
    /// really writes), and returns the column `column` of its rows.
    async fn plan_lines(
        &self,
        sql: &str,
        query: &HotQuery,
        no_seqscan: bool,
        column: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut tx = self.pool.begin().await?;
        if no_seqscan && self.backend == Backend::Postgres {
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut *tx)
                .await?;
        }
        if self.backend == Backend::Sqlite {
            // EXPLAIN QUERY PLAN runs no statement, so nothing makes the connection notice a
            // schema changed since it last read it (the migrations, on another connection):
            // one real read does, before the plan is made.
            sqlx::query("SELECT 1 FROM sqlite_schema LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        }
        let mut q = sqlx::query(sql);
        for arg in &query.args {
            q = match arg {
                Arg::Text(v) => q.bind(v.as_str()),
                Arg::Int(v) => q.bind(*v),
                Arg::NullText => q.bind(None::<String>),
            };
        }
        let rows = q.fetch_all(&mut *tx).await;
        tx.rollback().await?;
        rows?
            .iter()
            .map(|r| r.try_get::<String, _>(column).map_err(Into::into))
            .collect()
    }

    /// The names of the partial indexes (`CREATE INDEX … WHERE …`): reading one whole reads
    /// only the rows its condition keeps.
    async fn partial_indexes(&self) -> Result<Vec<String>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"
            }
            Backend::Postgres => {
                "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE i.indpred IS NOT NULL AND n.nspname = current_schema()"
            }
        };
        sqlx::query(sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.try_get::<String, _>(0).map_err(Into::into))
            .collect()
    }
}

/// The tables a plan reads whole: on SQLite `SCAN t` (with or without an index: without a
/// condition it visits every row); on PostgreSQL a `Seq Scan`, or an index scan without an
/// `Index Cond` — unless over a partial index. Aliases are reported as the plan names them.
pub fn full_scans(backend: Backend, plan: &[String], partial: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    match backend {
        Backend::Sqlite => {
            for line in plan {
                let Some(rest) = line.trim().strip_prefix("SCAN ") else {
                    continue;
                };
                // A constant row, a VALUES list, a subquery's result: not a table.
                if rest.starts_with("CONSTANT ROW")
                    || rest.contains("VALUES CLAUSE")
                    || rest.starts_with('(')
                {
                    continue;
                }
                let table = rest.split_whitespace().next().unwrap_or_default();
                let over_partial = rest
                    .split(" INDEX ")
                    .nth(1)
                    .and_then(|i| i.split_whitespace().next())
                    .is_some_and(|i| partial.iter().any(|p| p == i));
                if !over_partial {
                    out.push(table.to_owned());
                }
            }
        }
        Backend::Postgres => {
            // A node is the first line or a line with "->"; the lines after it, up to the next
            // node, are its details ("Index Cond: …", "Filter: …", "Buffers: …").
            let is_node = |n: usize, l: &str| n == 0 || l.contains("->");
            for (n, line) in plan.iter().enumerate() {
                if !is_node(n, line) {
                    continue;
                }
                let node = line.trim().trim_start_matches("->").trim();
                let details: Vec<&String> = plan[n + 1..]
                    .iter()
                    .take_while(|l| !l.contains("->"))
                    .collect();
                if let Some(rest) = node.strip_prefix("Seq Scan on ") {
                    out.push(
                        rest.split_whitespace()
                            .next()
                            .unwrap_or_default()
                            .to_owned(),
                    );
                    continue;
                }
                let index_scan = [
                    "Index Scan using ",
                    "Index Only Scan using ",
                    "Index Scan Backward using ",
                    "Index Only Scan Backward using ",
                ]
                .iter()
                .find_map(|p| node.strip_prefix(p));
                if let Some(rest) = index_scan {
                    let index = rest.split_whitespace().next().unwrap_or_default();
                    let table = rest
                        .split(" on ")
                        .nth(1)
                        .and_then(|t| t.split_whitespace().next())
                        .unwrap_or_default();
                    let has_cond = details.iter().any(|d| d.trim().starts_with("Index Cond:"));
                    if !has_cond && !partial.iter().any(|p| p == index) {
                        out.push(table.to_owned());
                    }
                }
                if let Some(rest) = node.strip_prefix("Bitmap Index Scan on ") {
                    let index = rest.split_whitespace().next().unwrap_or_default();
                    let has_cond = details.iter().any(|d| d.trim().starts_with("Index Cond:"));
                    if !has_cond && !partial.iter().any(|p| p == index) {
                        out.push(index.to_owned());
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
