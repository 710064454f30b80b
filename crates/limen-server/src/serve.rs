//! `limen serve`: logging, database, the web application, background jobs and shutdown.

use crate::config::Config;
use anyhow::Context;
use std::time::Duration;
use tracing_subscriber::EnvFilter;

fn init_logging(config: &Config) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{},sqlx=warn", config.log_level)));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = if config.log_format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    init_logging(&config);
    // The development gateway keeps codes in the database for /dev/outbox: with SMS on, only
    // in development, never on a server users reach.
    if config.sms.gateway == "dev"
        && !config.dev
        && config
            .method_policy()?
            .rule(limen_core::Method::Sms)
            .enabled
    {
        anyhow::bail!(
            "[methods.sms] is enabled with sms.gateway = \"dev\": codes would be kept for \
             /dev/outbox, never sent. Set [sms] gateway = \"http\" or \"smpp\" \
             (docs/AUTHENTICATION.md, \"SMS\"), or run `limen serve --dev` for development"
        );
    }
    let store = crate::cli::open(&config).await?;
    let hasher = limen_crypto::PasswordHasher::with_queue(
        config.hash_params(),
        config.hash_workers(),
        config.hash_queue(),
    )?;
    let mail = config.mail_settings()?;
    let mut web = config.web();
    let (master_key, created) = config.master_key()?;
    if let Some(path) = created {
        tracing::warn!(%path, "created a new master key; back it up apart from the database");
    }
    web.master_key = limen_web::MasterKey(master_key);
    let state = limen_web::AppState::new(store.clone(), hasher, web, mail).await?;
    let mail_worker = state.mailer.spawn_worker(Duration::from_secs(5));
    // SMS are woken at once when queued; the poll picks up retries and other nodes' messages.
    let sms_worker = state.sms.spawn_worker(Duration::from_secs(2));
    let request_worker = limen_web::requests::spawn_worker(&state, Duration::from_secs(5));
    state.ensure_demo_service().await?;
    state.ensure_signing_key().await?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let public = config.public_url();
    tracing::info!(%addr, database = %limen_store::redact(&config.database), startup_ms = started.elapsed().as_millis() as u64, "listening on http://{addr}");
    eprintln!(
        "Limen listening on http://{addr} (public URL {public}), database {}",
        limen_store::redact(&config.database)
    );
    if store.count_accounts().await? == 0 {
        let register = if config.self_service.registration {
            format!(
                "\nNo account exists yet. Create one at {public}/cas/register (\"Create an account\" on the sign-in page){}, \
                 or from the command line (the password is read from standard input):\n",
                if config.dev && config.mail.transport == "directory" {
                    format!("; the e-mail with the link appears at {public}/dev/outbox")
                } else {
                    String::new()
                }
            )
        } else {
            "\nNo account exists yet. Create one (the password is read from standard input):\n"
                .to_owned()
        };
        eprintln!(
            "{register}\n    echo 'Choose-a-l0ng-Passphrase!' | limen user add --email you@example.org --last-name Doe --first-name Jane --password-stdin\n\
             \n(with the same --database, when you passed one to `serve`), then sign in:\n"
        );
    }
    if config.demo.enabled {
        eprintln!("Demo service (a CAS client that shows what services receive): {public}/demo/");
        eprintln!("Demo OpenID Connect client (shows an ID token's claims): {public}/demo/oidc");
        eprintln!(
            "Demo SAML service provider (shows the assertion's NameID and attributes): {public}/demo/saml"
        );
    }
    eprintln!("Sign-in page: {public}/cas/login   My sessions: {public}/account/sessions");
    eprintln!(
        "Authenticator app for phones (add it in My account, \"Manage my mobile devices\"): {public}/authenticator/"
    );
    eprintln!("Mail: {}", state.mailer.describe());
    if state.authn.is_live(limen_core::Method::Sms) {
        eprintln!("SMS (\"Mobile Phone + SMS\", on): {}", state.sms.describe());
    }
    if config.dev {
        eprintln!("Development mode: e-mails and SMS sent are listed at {public}/dev/outbox");
    }
    eprintln!();

    // Periodic jobs: every node ticks each minute, and a job runs on the one node that claims
    // it for the period in the database (limen-store's jobs.rs): never twice across nodes.
    let purge_state = state.clone();
    let node = node_name(addr);
    let purger = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            // Signing keys: checked at start and hourly; rotated when older than the period.
            if claim(&purge_state, "signing-key-rotation", HOURLY, &node).await {
                rotate_keys(&purge_state).await;
            }
            // The audit log's retention (`[admin] audit_retention_days`): at start and hourly.
            if let Some(keep) = purge_state.config.admin.audit_retention
                && claim(&purge_state, "audit-retention", HOURLY, &node).await
            {
                apply_audit_retention(&purge_state, keep).await;
            }
            // Idle and expired sessions (each ended once, with its single-logout fan-out), then
            // the purges of expired rows.
            if claim(&purge_state, "session-timeouts", MINUTELY, &node).await {
                match purge_state.end_expired_sessions().await {
                    Ok(n) if n > 0 => tracing::info!(ended = n, "ended expired SSO sessions"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "ending expired sessions failed"),
                }
            }
        }
    });
    let metrics_server = match config.metrics.listen.trim() {
        "" => {
            if config.metrics.token.is_empty() && public.starts_with("https://") {
                tracing::warn!(
                    "/metrics is public: set metrics.listen or metrics.token (docs/CONFIGURATION.md)"
                );
            }
            None
        }
        addr => {
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr} (metrics.listen)"))?;
            eprintln!("Metrics on http://{}/metrics", listener.local_addr()?);
            let state = state.clone();
            Some(tokio::spawn(async move {
                limen_web::serve_metrics(listener, state, shutdown_signal()).await
            }))
        }
    };
    // On SIGTERM/SIGINT: `/health` says "draining", no new connection is accepted, and the
    // requests in flight get `http.shutdown_grace_seconds` to finish (limen-web's server.rs).
    let draining = state.clone();
    let stop = async move {
        shutdown_signal().await;
        draining
            .draining
            .store(true, std::sync::atomic::Ordering::Relaxed);
        tracing::info!("asked to stop");
    };
    limen_web::serve(listener, state, stop).await?;
    if let Some(metrics) = metrics_server {
        metrics.abort();
    }
    purger.abort();
    mail_worker.abort();
    sms_worker.abort();
    request_worker.abort();
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Periods of the jobs, a little under the tick's multiple so that a late tick still finds
/// the job due: "hourly" runs every 59–60 minutes, "each minute" every 1–2 ticks at worst.
const HOURLY: time::Duration = time::Duration::minutes(59);
const MINUTELY: time::Duration = time::Duration::seconds(55);

/// How this node signs the jobs it ran (`jobs.last_run_by`): host, listening address, process.
fn node_name(addr: std::net::SocketAddr) -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "localhost".into());
    format!("{host} {addr} pid {}", std::process::id())
}

/// Claims `job` for this period; `false` when another node has it or the database fails.
async fn claim(state: &limen_web::AppState, job: &str, every: time::Duration, node: &str) -> bool {
    match state.store.claim_job(job, state.now(), every, node).await {
        Ok(claimed) => claimed,
        Err(e) => {
            tracing::warn!(job, error = %e, "could not claim a periodic job");
            false
        }
    }
}

/// OIDC signing keys, then SAML's (docs/SAML.md §11: pre-published, so SPs can load them in
/// time). Other nodes see the new keys within their 5 s key cache.
async fn rotate_keys(state: &limen_web::AppState) {
    match state.rotate_due_keys().await {
        Ok(kids) if !kids.is_empty() => tracing::info!(?kids, "rotated signing keys"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "signing key rotation failed"),
    }
    let saml = &state.config.saml;
    let Some(every) = saml.key_rotation else {
        return;
    };
    match limen_web::saml::keys::rotate_due(
        &state.store,
        state.saml_keys.sealer(),
        state.now(),
        every,
        saml.key_prepublish,
        saml.key_overlap,
        &state.config.public_url,
    )
    .await
    {
        Ok(done) if !done.is_empty() => {
            state.saml_keys.invalidate();
            for r in done {
                tracing::warn!(
                    kid = %r.kid,
                    activates_at = %r.activates_at,
                    replaces = ?r.retired,
                    "new SAML signing key, published now: SAML service providers must load {}/saml/metadata before it signs",
                    state.config.public_url
                );
            }
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "SAML signing key rotation failed"),
    }
}

/// Removes the audit rows older than `keep`; the purge is itself audited, by `system`.
async fn apply_audit_retention(state: &limen_web::AppState, keep: time::Duration) {
    let scope = limen_authn::AuditScope {
        actor: Some("system".into()),
        ..limen_authn::AuditScope::default()
    };
    let purge = crate::audit_cli::purge(&state.authn, state.now() - keep, false);
    match limen_authn::with_audit_scope(scope, purge).await {
        Ok(done) if done.rows > 0 => tracing::info!(
            rows = done.rows,
            anchor_id = ?done.anchor_id,
            "audit log retention: removed the oldest rows"
        ),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "audit log retention failed"),
    }
}

/// Resolves at SIGINT (Ctrl-C) or SIGTERM.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
