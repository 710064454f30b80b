//! `seed`: a database the size of a large deployment — a million accounts with their second
//! factors, a hundred thousand live SSO sessions — written fast, straight into a database the
//! server has migrated (the seeder migrates it first, as `limen serve` would), so that the
//! benchmark can measure the server on it (scripts/bench-scale).
//!
//! What the rows are is [`rows`]; how they are written is [`pg`] (COPY) and [`sqlite`]
//! (batched INSERTs). Each batch of accounts is one transaction with all their factors, so the
//! database is always in a state the server can use, even after an interrupted run.
//!
//! Every account has the same password, and the same Argon2id hash of it: one PHC string,
//! computed once at the server's default cost (m = 19 MiB, t = 2, p = 1) with a random salt. A
//! hash per account would cost ~40 ms of CPU each — eleven hours of one core for a million —
//! and buys nothing here: a login verifies one hash whatever the others are, and the column
//! has the size and form of a real one. (It does mean that one leaked hash opens every seeded
//! account: never seed a database real users reach.)
//!
//! Re-running is safe: the accounts already there are counted (account `i`'s address is known:
//! a binary search on the address index), and only those missing up to `--accounts` are added;
//! likewise live seeded sessions are counted (they come from 198.18.0.0/15) and topped up to
//! `--sessions`.

mod pg;
mod rows;
mod sqlite;

use crate::stats::round;
use anyhow::{Context as _, Result, anyhow, bail};
use limen_core::{AssuranceLevel, ServiceProtocol, UrlPattern};
use limen_crypto::sealed::SecretBox;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rows::{AccountBatch, Context, Profile, SessionBatch, Table};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// sqlite://PATH or postgres://… (the database `limen serve` uses).
    #[arg(long)]
    pub database: String,
    /// Seeded accounts wanted in all (those already there count).
    #[arg(long, default_value_t = 1_000_000)]
    pub accounts: u64,
    /// Live seeded SSO sessions wanted in all (those already there count).
    #[arg(long, default_value_t = 100_000)]
    pub sessions: u64,
    /// Accounts per transaction.
    #[arg(long, default_value_t = 20_000)]
    pub batch: usize,
    /// The server's master key file: the mobile devices' offline keys and the tokens' secrets
    /// are sealed under it, as the server seals them. Without it, under a throw-away key (the
    /// rows look the same; the server cannot open them).
    #[arg(long)]
    pub master_key: Option<PathBuf>,
    /// The password of every seeded account.
    #[arg(long, env = "LIMEN_BENCH_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// Argon2id memory cost in KiB (`[password] argon2_memory_kib`).
    #[arg(long, default_value_t = 19_456)]
    pub argon2_memory_kib: u32,
    /// Argon2id passes (`[password] argon2_iterations`).
    #[arg(long, default_value_t = 2)]
    pub argon2_iterations: u32,
    /// Argon2id lanes (`[password] argon2_parallelism`).
    #[arg(long, default_value_t = 1)]
    pub argon2_parallelism: u32,
    /// `[sso] max_lifetime_hours` of the server: sessions are made to live through the run.
    #[arg(long, default_value_t = 10)]
    pub session_lifetime_hours: i64,
    /// `[sso] idle_timeout_minutes` of the server.
    #[arg(long, default_value_t = 120)]
    pub session_idle_minutes: i64,
}

/// The services seeded sessions visited: plain CAS services (no logout URL, no single logout,
/// so that the end of a seeded session never calls out).
const SERVICES: &[(&str, &str)] = &[
    ("Seeded portal", "https://portal.example.org/"),
    ("Seeded intranet", "https://intranet.example.org/"),
    ("Seeded helpdesk", "https://helpdesk.example.org/"),
];

enum Db {
    Pg(pg::Pg),
    Sqlite(sqlite::Sqlite),
}

/// One method per operation, whichever the backend.
macro_rules! on_db {
    ($db:expr, $w:ident => $body:expr) => {
        match $db {
            Db::Pg($w) => $body,
            Db::Sqlite($w) => $body,
        }
    };
}

#[derive(Default)]
struct Tally {
    rows: BTreeMap<&'static str, u64>,
}

impl Tally {
    fn add(&mut self, table: &Table) {
        *self.rows.entry(table.name).or_default() += table.rows.len() as u64;
    }
    fn total(&self) -> u64 {
        self.rows.values().sum()
    }
}

pub async fn seed(args: SeedArgs) -> Result<()> {
    if args.batch == 0 || args.batch > 1_000_000 {
        bail!("--batch must be in 1..=1000000");
    }
    if args.accounts > 100_000_000 {
        bail!("--accounts must be at most 100000000");
    }
    if args.session_lifetime_hours < 4 || args.session_idle_minutes < 30 {
        bail!(
            "sessions are made to stay alive for hours: --session-lifetime-hours must be at least 4 and --session-idle-minutes at least 30"
        );
    }
    if args.password.is_empty() {
        bail!("the password (LIMEN_BENCH_PASSWORD) is empty");
    }
    let started = Instant::now();

    // The schema, and the services sessions visit, through the store: as the server makes them.
    let store = limen_store::Store::connect(&args.database)
        .await
        .map_err(|e| anyhow!("{}: {e}", limen_store::redact(&args.database)))?;
    store.migrate().await.context("migrating the database")?;
    let services = ensure_services(&store).await?;
    let backend = store.backend();
    store.close().await;

    let t = Instant::now();
    let params = limen_crypto::HashParams {
        memory_kib: args.argon2_memory_kib,
        iterations: args.argon2_iterations,
        parallelism: args.argon2_parallelism,
    };
    let hasher = limen_crypto::PasswordHasher::new(params, 1)
        .map_err(|e| anyhow!("Argon2id parameters: {e}"))?;
    let password_hash = hasher
        .hash(&args.password)
        .await
        .map_err(|e| anyhow!("hashing the password: {e}"))?;
    let hash_seconds = t.elapsed().as_secs_f64();

    let master_key = match &args.master_key {
        Some(path) => {
            limen_crypto::sealed::read_master_key(path).map_err(|e| anyhow!("--master-key: {e}"))?
        }
        None => limen_crypto::sealed::generate_master_key(),
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let cx = Context {
        password_hash,
        sealer: SecretBox::new(&master_key),
        now,
        session_lifetime: args.session_lifetime_hours * 3600,
        session_idle: args.session_idle_minutes * 60,
    };
    let mut rng = StdRng::from_entropy();

    let mut db = match backend {
        limen_store::Backend::Postgres => Db::Pg(pg::Pg::connect(&args.database).await?),
        limen_store::Backend::Sqlite => Db::Sqlite(sqlite::Sqlite::connect(&args.database).await?),
    };

    // --- accounts ---------------------------------------------------------------------------
    let existing = count_seeded(&mut db).await?;
    println!(
        "seed: {} ({}): {existing} seeded accounts already; {} wanted",
        backend.as_str(),
        limen_store::redact(&args.database),
        args.accounts
    );
    let mut tally = Tally::default();
    let mut new_active: Vec<(i64, u64)> = Vec::new();
    let t = Instant::now();
    let mut next = existing;
    // The rows of batch k + 1 are made on another thread while batch k is written: making them
    // and writing them each take a core. Ids are relative until the batch's transaction gives
    // the first one.
    let cx = Arc::new(cx);
    let make = |from: u64| {
        let cx = Arc::clone(&cx);
        let count = args.accounts.saturating_sub(from).min(args.batch as u64) as usize;
        tokio::task::spawn_blocking(move || {
            rows::account_batch(&cx, &mut StdRng::from_entropy(), from, 0, count)
        })
    };
    let mut pending = (next < args.accounts).then(|| make(next));
    while let Some(task) = pending.take() {
        let mut batch: AccountBatch = task.await.context("making a batch of rows")?;
        let count = batch.accounts.rows.len();
        let after = next + count as u64;
        if after < args.accounts {
            pending = Some(make(after));
        }
        on_db!(&mut db, w => w.begin().await)?;
        let first_id = on_db!(&mut db, w => w.next_account_id().await)?;
        batch.shift_ids(first_id);
        for table in batch.tables() {
            on_db!(&mut db, w => w.write(table).await)?;
            tally.add(table);
        }
        if let Db::Pg(w) = &mut db {
            w.accounts_written(first_id + count as i64 - 1).await?;
        }
        on_db!(&mut db, w => w.commit().await)?;
        new_active.extend_from_slice(&batch.active);
        next += count as u64;
        let elapsed = t.elapsed().as_secs_f64();
        println!(
            "  accounts {next}/{}: {} rows in {elapsed:.1} s ({:.0} rows/s)",
            args.accounts,
            tally.total(),
            tally.total() as f64 / elapsed
        );
    }
    let accounts_seconds = t.elapsed().as_secs_f64();
    let account_rows = tally.total();

    // --- sessions ---------------------------------------------------------------------------
    let live = on_db!(&mut db, w => w.live_seeded_sessions(now).await)?;
    let wanted = args
        .sessions
        .saturating_sub(u64::try_from(live).unwrap_or(0));
    let pool: Vec<(i64, Option<u64>)> = if new_active.is_empty() {
        // Accounts of an earlier run: which factors they have is not known here.
        on_db!(&mut db, w => w.active_account_ids().await)?
            .into_iter()
            .map(|id| (id, None))
            .collect()
    } else {
        new_active.iter().map(|(id, i)| (*id, Some(*i))).collect()
    };
    if wanted > 0 && pool.is_empty() {
        bail!("no active account to give sessions to: seed accounts first (--accounts)");
    }
    println!("seed: {live} live seeded sessions already; adding {wanted}");
    let t = Instant::now();
    let mut added = 0u64;
    while added < wanted {
        let count = (wanted - added).min(args.batch as u64) as usize;
        let batch: SessionBatch = rows::session_batch(&cx, &mut rng, &pool, &services, count);
        on_db!(&mut db, w => w.begin().await)?;
        for table in [&batch.sessions, &batch.services] {
            on_db!(&mut db, w => w.write(table).await)?;
            tally.add(table);
        }
        on_db!(&mut db, w => w.commit().await)?;
        added += count as u64;
    }
    let sessions_seconds = t.elapsed().as_secs_f64();
    let session_rows = tally.total() - account_rows;
    if wanted > 0 {
        println!(
            "  sessions {added}: {session_rows} rows in {sessions_seconds:.1} s ({:.0} rows/s)",
            session_rows as f64 / sessions_seconds
        );
    }

    // --- the state the server expects ---------------------------------------------------------
    let t = Instant::now();
    match &mut db {
        Db::Pg(w) => {
            let tables: Vec<&str> = tally.rows.keys().copied().collect();
            w.finish(&tables).await?;
        }
        Db::Sqlite(w) => w.finish().await?,
    }
    let finish_seconds = t.elapsed().as_secs_f64();
    let total_accounts = next;
    let probe = probe(&mut db, total_accounts).await?;
    on_db!(db, w => w.close().await)?;

    let seconds = started.elapsed().as_secs_f64();
    let rows_written = tally.total();
    println!(
        "seed: {rows_written} rows in {seconds:.1} s ({:.0} rows/s over the whole run; hash {hash_seconds:.2} s, {} {finish_seconds:.1} s)",
        rows_written as f64 / seconds,
        match backend {
            limen_store::Backend::Postgres => "VACUUM (ANALYZE)",
            limen_store::Backend::Sqlite => "checkpoint",
        }
    );
    if let Some((i, email, factors)) = &probe {
        println!(
            "seed: account {i} (the middle one) is {email}, with {}",
            factors.join(", ")
        );
    }
    let per_second = |rows: u64, s: f64| {
        if s > 0.0 {
            round(rows as f64 / s, 0)
        } else {
            0.0
        }
    };
    let out = serde_json::json!({
        "backend": backend.as_str(),
        "accounts": {
            "existing": existing,
            "added": total_accounts - existing,
            "total": total_accounts,
            "rows": account_rows,
            "seconds": round(accounts_seconds, 2),
            "rows_per_second": per_second(account_rows, accounts_seconds),
        },
        "sessions": {
            "existing": live,
            "added": added,
            "rows": session_rows,
            "seconds": round(sessions_seconds, 2),
            "rows_per_second": per_second(session_rows, sessions_seconds),
        },
        "tables": tally.rows,
        "rows": rows_written,
        "seconds": round(seconds, 2),
        "rows_per_second": per_second(rows_written, seconds),
        "hash_seconds": round(hash_seconds, 3),
        "finish_seconds": round(finish_seconds, 2),
        "probe": probe.map(|(i, email, factors)| serde_json::json!({
            "index": i, "email": email, "factors": factors,
        })),
    });
    println!("{out}");
    Ok(())
}

/// How many seeded accounts exist: accounts 0, 1, … were written in order, batch after batch,
/// so the count is the first index whose address is not there (a binary search on the index
/// of `email_key`).
async fn count_seeded(db: &mut Db) -> Result<u64> {
    if !seeded_exists(db, 0).await? {
        return Ok(0);
    }
    let mut low = 0u64; // exists
    let mut high = 1u64;
    while seeded_exists(db, high).await? {
        low = high;
        high = high.saturating_mul(2);
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if seeded_exists(db, mid).await? {
            low = mid;
        } else {
            high = mid;
        }
    }
    Ok(high)
}

async fn seeded_exists(db: &mut Db, i: u64) -> Result<bool> {
    let key = rows::email(i).key();
    on_db!(db, w => w.account_exists(&key).await)
}

/// The account the benchmark signs in as: the first active one with a second factor from the
/// middle of the seeded accounts on — an ordinary account, neither the first nor the last
/// written. (index, address, factors)
async fn probe(db: &mut Db, total: u64) -> Result<Option<(u64, String, Vec<&'static str>)>> {
    let mut i = total / 2;
    while i < total {
        let profile = Profile::of(i);
        if profile.status == "active" && profile.has_factor() {
            let email = rows::email(i);
            if !seeded_exists(db, i).await? {
                bail!(
                    "seeded account {i} ({}) is missing: the seeded accounts are not contiguous",
                    email.key()
                );
            }
            return Ok(Some((i, email.as_str().to_owned(), profile.factors())));
        }
        i += 1;
    }
    Ok(None)
}

/// The seeded services, registered through the store if missing: (id, URL prefix).
async fn ensure_services(store: &limen_store::Store) -> Result<Vec<(i64, String)>> {
    let now = time::OffsetDateTime::now_utc();
    let mut out = Vec::new();
    for (name, prefix) in SERVICES {
        let service = match store.service_by_name(name).await? {
            Some(s) => s,
            None => store
                .create_service(
                    &limen_store::NewService {
                        name: (*name).to_owned(),
                        protocol: ServiceProtocol::Cas,
                        url_patterns: vec![
                            UrlPattern::parse(&format!("{prefix}*"))
                                .map_err(|e| anyhow!("{prefix}: {e}"))?,
                        ],
                        accepted_strengths: Vec::new(),
                        min_assurance: AssuranceLevel::Low,
                        released_attributes: vec!["uid".into(), "email".into()],
                        logout_url: None,
                        single_logout: false,
                        proxy_callbacks: Vec::new(),
                    },
                    now,
                )
                .await
                .with_context(|| format!("registering the service {name}"))?,
        };
        out.push((service.id, (*prefix).to_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHash, PasswordVerifier};
    use limen_store::testdb::{TestDb, postgres_url};
    use sqlx::Row;

    const PASSWORD: &str = "Seeded-Passw0rd!";

    fn args(database: &str, accounts: u64, sessions: u64) -> SeedArgs {
        SeedArgs {
            database: database.to_owned(),
            accounts,
            sessions,
            batch: 200,
            master_key: None,
            password: PASSWORD.to_owned(),
            // Cheap for the test; the hash's form is the same.
            argon2_memory_kib: 64,
            argon2_iterations: 1,
            argon2_parallelism: 1,
            session_lifetime_hours: 10,
            session_idle_minutes: 120,
        }
    }

    /// Seeds, then reads everything back through the store, as the server does.
    async fn seeds_what_the_server_reads(url: &str) {
        seed(args(url, 450, 60)).await.unwrap();
        let store = limen_store::Store::connect(url).await.unwrap();
        // Locked and pending accounts count; none is deleted.
        assert_eq!(store.count_accounts().await.unwrap(), 450);
        for i in [0u64, 1, 3, 5, 25, 199, 200, 449] {
            let profile = Profile::of(i);
            let account = store
                .account_by_email(&rows::email(i))
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("account {i}"));
            assert_eq!(account.status.as_str(), profile.status, "account {i}");
            assert_eq!(account.uid, rows::uid(i));
            let keys = store.webauthn_credentials(account.id).await.unwrap();
            assert_eq!(
                keys.len(),
                usize::from(profile.webauthn_keys),
                "account {i}"
            );
            assert_eq!(
                store.mobile_devices(account.id).await.unwrap().len(),
                usize::from(profile.mobile),
                "account {i}"
            );
            assert_eq!(
                store.phones_of(account.id).await.unwrap().len(),
                usize::from(profile.phones),
                "account {i}"
            );
            assert_eq!(
                store.tokens_of(account.id).await.unwrap().len(),
                usize::from(profile.token),
                "account {i}"
            );
            match account.password_hash {
                Some(hash) => argon2::Argon2::default()
                    .verify_password(PASSWORD.as_bytes(), &PasswordHash::new(&hash).unwrap())
                    .unwrap(),
                None => assert_eq!(profile.status, "pending"),
            }
        }

        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(url).await.unwrap();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let live = |pool: sqlx::AnyPool| async move {
            sqlx::query("SELECT COUNT(*) FROM sso_sessions WHERE expires_at > $1")
                .bind(now + 3 * 3600)
                .fetch_one(&pool)
                .await
                .unwrap()
                .try_get::<i64, _>(0)
                .unwrap()
        };
        assert_eq!(live(pool.clone()).await, 60);
        let ids: Vec<String> = sqlx::query("SELECT id FROM sso_sessions ORDER BY id LIMIT 5")
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get(0).unwrap())
            .collect();
        for id in ids {
            let session = store.session(&id).await.unwrap().unwrap();
            assert!(!session.proofs.is_empty());
            let owner = store
                .account_by_id(session.account_id)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(owner.status, limen_core::AccountStatus::Active);
            assert!(!store.session_services(&id).await.unwrap().is_empty());
        }

        // Again: nothing to add. Then more: only the difference, after the others.
        seed(args(url, 450, 60)).await.unwrap();
        assert_eq!(store.count_accounts().await.unwrap(), 450);
        assert_eq!(live(pool.clone()).await, 60);
        seed(args(url, 520, 70)).await.unwrap();
        assert_eq!(store.count_accounts().await.unwrap(), 520);
        assert_eq!(live(pool.clone()).await, 70);
        assert!(
            store
                .account_by_email(&rows::email(519))
                .await
                .unwrap()
                .is_some()
        );
        // The server's own inserts still get fresh ids after the seeded ones.
        let id = store
            .create_account(
                limen_store::NewAccount {
                    email: limen_core::Email::parse("after.seeding@example.org").unwrap(),
                    first_name: None,
                    last_name: limen_core::PersonName::parse("After").unwrap(),
                    user_type: limen_core::UserType::External,
                    status: limen_core::AccountStatus::Active,
                    assurance: limen_core::AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: None,
                },
                time::OffsetDateTime::now_utc(),
            )
            .await
            .unwrap()
            .id;
        assert_eq!(id, 521);
        pool.close().await;
        store.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn seeded_databases_are_what_the_server_reads_on_both_backends() {
        let db = TestDb::sqlite().await.unwrap();
        seeds_what_the_server_reads(&db.url).await;
        db.cleanup().await;
        if let Some(server) = postgres_url() {
            let db = TestDb::postgres(&server).await.unwrap();
            seeds_what_the_server_reads(&db.url).await;
            db.cleanup().await;
        }
    }

    #[tokio::test]
    async fn bad_arguments_are_refused_with_a_reason() {
        let mut a = args("sqlite:///nonexistent/never.db", 10, 1);
        a.batch = 0;
        assert!(seed(a).await.unwrap_err().to_string().contains("--batch"));
        let mut a = args("sqlite:///nonexistent/never.db", 10, 1);
        a.password = String::new();
        assert!(seed(a).await.unwrap_err().to_string().contains("password"));
        let a = args("mysql://localhost/x", 10, 1);
        assert!(
            seed(a)
                .await
                .unwrap_err()
                .to_string()
                .contains("unsupported database URL")
        );
    }
}
