//! Every hot query is served by an index on both backends (no full scan of a table that grows
//! with the accounts), and the check itself finds a full scan where there is one.

use super::*;
use crate::testdb::each_backend;

const NOW: i64 = 1_800_000_000;

/// The `$n` placeholders a statement uses: its highest `n`.
fn placeholders(sql: &str) -> usize {
    let bytes = sql.as_bytes();
    let mut highest = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'$' {
            let digits: String = sql[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse::<usize>() {
                highest = highest.max(n);
            }
        }
    }
    highest
}

#[tokio::test]
async fn every_hot_query_uses_an_index_on_both_backends() {
    each_backend(|store| async move {
        // A few rows in the tables the samples come from, so that planning uses real values.
        let account = crate::testdb::account(&store, "hot@example.org").await;
        crate::testdb::service(&store, "Hot").await;
        let samples = store.hot_query_samples(NOW).await.unwrap();
        assert_eq!(samples.account_id, account);
        assert_eq!(samples.email_key, "hot@example.org");

        let queries = hot_queries(&samples);
        for path in [
            Path::SignIn,
            Path::Session,
            Path::Cas,
            Path::Oidc,
            Path::Background,
        ] {
            assert!(
                queries.iter().any(|q| q.path == path),
                "no query for {path:?}"
            );
        }
        let mut failures = Vec::new();
        for q in &queries {
            assert_eq!(placeholders(q.sql), q.args.len(), "{}: arguments", q.name);
            let explained = store.explain(q, false, true).await.unwrap();
            assert!(
                !explained.plan.is_empty() || q.sql.starts_with("INSERT"),
                "{}: no plan",
                q.name
            );
            if !explained.full_scans.is_empty() {
                failures.push(format!(
                    "{} ({}) reads {:?} whole:\n  {}\n  {}",
                    q.name,
                    store.backend().as_str(),
                    explained.full_scans,
                    q.sql,
                    explained.plan.join("\n  ")
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    })
    .await;
}

#[tokio::test]
async fn a_query_without_an_index_is_reported() {
    each_backend(|store| async move {
        let query = HotQuery {
            name: "by last name",
            path: Path::SignIn,
            sql: "SELECT id FROM accounts WHERE last_name = $1",
            args: vec![Arg::Text("Tester".into())],
            may_scan: &[],
        };
        let explained = store.explain(&query, false, true).await.unwrap();
        assert_eq!(
            explained.full_scans,
            vec!["accounts".to_owned()],
            "{:?}",
            explained.plan
        );
        // Allowed, it is not reported.
        let allowed = HotQuery {
            may_scan: &["accounts"],
            ..query
        };
        assert!(
            store
                .explain(&allowed, false, true)
                .await
                .unwrap()
                .full_scans
                .is_empty()
        );
        // The accounts not active are found by their partial index, not by reading them all.
        let inactive = HotQuery {
            name: "not active",
            path: Path::Background,
            sql: "SELECT id FROM accounts WHERE status <> 'active'",
            args: vec![],
            may_scan: &[],
        };
        let explained = store.explain(&inactive, false, true).await.unwrap();
        assert!(explained.full_scans.is_empty(), "{:?}", explained.plan);
    })
    .await;
}

#[tokio::test]
async fn explain_analyze_runs_writes_in_a_transaction_rolled_back() {
    each_backend(|store| async move {
        let account = crate::testdb::account(&store, "rolled@example.org").await;
        let samples = store.hot_query_samples(NOW).await.unwrap();
        let create = hot_queries(&samples)
            .into_iter()
            .find(|q| q.name == "session: create")
            .unwrap();
        let explained = store.explain(&create, true, false).await.unwrap();
        assert_eq!(explained.analyzed, store.backend() == Backend::Postgres);
        assert!(
            store
                .session_ids_of_account(account)
                .await
                .unwrap()
                .is_empty(),
            "the session EXPLAIN ANALYZE wrote was rolled back"
        );
        // An insert whose row refers to nothing cannot run: planned without ANALYZE instead.
        let code = hot_queries(&samples)
            .into_iter()
            .find(|q| q.name == "code: create")
            .unwrap();
        let explained = store.explain(&code, true, false).await.unwrap();
        assert!(!explained.analyzed);
    })
    .await;
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

#[test]
fn sqlite_scans_are_told_from_searches() {
    let partial = vec!["accounts_not_active".to_owned()];
    let plan = lines(
        "SEARCH accounts USING INDEX sqlite_autoindex_accounts_2 (email_key=?)\n\
         SCAN sso_sessions\n\
         LIST SUBQUERY 1\n\
         SCAN accounts USING COVERING INDEX accounts_not_active\n\
         SCAN t USING INDEX tokens_account\n\
         SCAN CONSTANT ROW\n\
         SCAN 2-ROW VALUES CLAUSE\n\
         USE TEMP B-TREE FOR ORDER BY",
    );
    assert_eq!(
        full_scans(Backend::Sqlite, &plan, &partial),
        vec!["sso_sessions".to_owned(), "t".to_owned()]
    );
}

#[test]
fn postgres_scans_are_told_from_index_lookups() {
    let partial = vec!["accounts_not_active".to_owned()];
    let plan = lines(
        "Nested Loop  (cost=0.57..16.61 rows=1 width=8)\n\
         \x20 ->  Index Scan using oidc_tokens_pkey on oidc_tokens t  (cost=0.29..8.30 rows=1 width=8)\n\
         \x20       Index Cond: (id = '00'::text)\n\
         \x20 ->  Seq Scan on oidc_grants g  (cost=0.00..8.30 rows=1 width=8)\n\
         \x20       Filter: (revoked_at IS NULL)\n\
         \x20 ->  Index Scan using accounts_pkey on accounts  (cost=0.42..50000.00 rows=5000 width=8)\n\
         \x20       Filter: (status <> 'active'::text)\n\
         \x20 ->  Index Only Scan using accounts_not_active on accounts a  (cost=0.42..50.00 rows=50 width=8)\n\
         \x20 ->  Bitmap Heap Scan on phones  (cost=4.3..8.3 rows=1 width=8)\n\
         \x20       Recheck Cond: (account_id = 1)\n\
         \x20       ->  Bitmap Index Scan on phones_account  (cost=0.00..4.30 rows=1 width=0)\n\
         \x20             Index Cond: (account_id = 1)",
    );
    assert_eq!(
        full_scans(Backend::Postgres, &plan, &partial),
        vec!["oidc_grants".to_owned(), "accounts".to_owned()]
    );
}
