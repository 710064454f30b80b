//! `explain`: how the database runs each hot query (limen_store::hot_queries) — the SQL the
//! store runs, planned with values taken from the database (the middle account, a session, …).
//! On PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)`, each in a transaction rolled back; on SQLite
//! `EXPLAIN QUERY PLAN`. Prints Markdown: a summary table, then every plan.

use anyhow::{Result, anyhow};
use limen_store::hot_queries::{Explained, HotQuery, hot_queries};

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// sqlite://PATH or postgres://… (a database `limen serve` uses).
    #[arg(long)]
    pub database: String,
    /// PostgreSQL: plan only, without running the queries (no ANALYZE).
    #[arg(long)]
    pub no_analyze: bool,
}

pub async fn explain(args: ExplainArgs) -> Result<()> {
    let store = limen_store::Store::connect(&args.database)
        .await
        .map_err(|e| anyhow!("{}: {e}", limen_store::redact(&args.database)))?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let samples = store.hot_query_samples(now).await?;
    let queries = hot_queries(&samples);
    let mut explained: Vec<(HotQuery, Explained)> = Vec::with_capacity(queries.len());
    for q in queries {
        let e = store
            .explain(&q, !args.no_analyze, false)
            .await
            .map_err(|e| anyhow!("{}: {e}", q.name))?;
        explained.push((q, e));
    }
    store.close().await;

    let backend = store.backend().as_str();
    println!("### Query plans, {backend}\n");
    println!(
        "Planned with the account {} (id {}) and a live session; `full scans` lists the tables \
         read whole (a full scan of a table, or of an index that is not partial).\n",
        samples.email_key, samples.account_id
    );
    println!("| query | where | full scans | indexes used |");
    println!("|---|---|---|---|");
    let mut unexpected = 0;
    for (q, e) in &explained {
        let scans = if e.full_scans.is_empty() {
            "none".to_owned()
        } else {
            unexpected += 1;
            format!("**{}**", e.full_scans.join(", "))
        };
        let allowed = if q.may_scan.is_empty() {
            String::new()
        } else {
            format!(" (reads {} whole, by design)", q.may_scan.join(", "))
        };
        println!(
            "| {} | {} | {scans}{allowed} | {} |",
            q.name,
            q.path.as_str(),
            indexes_used(&e.plan).join(", ")
        );
    }
    println!();
    for (q, e) in &explained {
        println!("#### {} ({})\n", q.name, q.path.as_str());
        println!("```sql\n{}\n```\n", q.sql);
        let how = if e.analyzed {
            "EXPLAIN (ANALYZE, BUFFERS)"
        } else if store.backend() == limen_store::Backend::Sqlite {
            "EXPLAIN QUERY PLAN"
        } else {
            "EXPLAIN"
        };
        println!("{how}:\n\n```\n{}\n```\n", e.plan.join("\n"));
    }
    let out = serde_json::json!({
        "backend": backend,
        "queries": explained.len(),
        "with_full_scans": unexpected,
    });
    println!("{out}");
    Ok(())
}

/// The index names a plan mentions (SQLite `USING [COVERING] INDEX i`, `USING INTEGER PRIMARY
/// KEY`; PostgreSQL `… using i on t`, `Bitmap Index Scan on i`), in order, once each.
fn indexes_used(plan: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    };
    for line in plan {
        if line.contains("USING INTEGER PRIMARY KEY") {
            add("rowid");
        }
        for marker in [" INDEX ", " using ", "Bitmap Index Scan on "] {
            if let Some(rest) = line.split(marker).nth(1) {
                add(rest.split_whitespace().next().unwrap_or_default());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indexes_used;

    #[test]
    fn index_names_are_read_from_both_backends_plans() {
        let plan: Vec<String> = [
            "SEARCH accounts USING INDEX sqlite_autoindex_accounts_2 (email_key=?)",
            "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)",
            "  ->  Index Scan using oidc_tokens_pkey on oidc_tokens t  (cost=0.42..8.44 rows=1 width=8)",
            "        ->  Bitmap Index Scan on phones_account  (cost=0.00..4.30 rows=1 width=0)",
            "SEARCH x USING COVERING INDEX sqlite_autoindex_accounts_2 (email_key=?)",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        assert_eq!(
            indexes_used(&plan),
            vec![
                "sqlite_autoindex_accounts_2",
                "rowid",
                "oidc_tokens_pkey",
                "phones_account"
            ]
        );
    }
}
