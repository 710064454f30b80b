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

    let purge_state = state.clone();
    let purger = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        let mut minutes: u64 = 0;
        loop {
            tick.tick().await;
            // Signing keys: checked at start and hourly; rotated when older than the period.
            if minutes.is_multiple_of(60) {
                match purge_state.rotate_due_keys().await {
                    Ok(kids) if !kids.is_empty() => tracing::info!(?kids, "rotated signing keys"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "signing key rotation failed"),
                }
                // SAML keys (docs/SAML.md §11): pre-published, so SPs can load them in time.
                let saml = &purge_state.config.saml;
                if let Some(every) = saml.key_rotation {
                    match limen_web::saml::keys::rotate_due(
                        &purge_state.store,
                        purge_state.saml_keys.sealer(),
                        purge_state.now(),
                        every,
                        saml.key_prepublish,
                        saml.key_overlap,
                        &purge_state.config.public_url,
                    )
                    .await
                    {
                        Ok(done) if !done.is_empty() => {
                            purge_state.saml_keys.invalidate();
                            for r in done {
                                tracing::warn!(
                                    kid = %r.kid,
                                    activates_at = %r.activates_at,
                                    replaces = ?r.retired,
                                    "new SAML signing key, published now: SAML service providers must load {}/saml/metadata before it signs",
                                    purge_state.config.public_url
                                );
                            }
                        }
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = %e, "SAML signing key rotation failed"),
                    }
                }
            }
            // The audit log's retention (`[admin] audit_retention_days`): at start and hourly.
            if minutes.is_multiple_of(60)
                && let Some(keep) = purge_state.config.admin.audit_retention
            {
                apply_audit_retention(&purge_state, keep).await;
            }
            minutes += 1;
            match purge_state.end_expired_sessions().await {
                Ok(n) if n > 0 => tracing::info!(ended = n, "ended expired SSO sessions"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "ending expired sessions failed"),
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
    limen_web::serve(listener, state, shutdown_signal()).await?;
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
