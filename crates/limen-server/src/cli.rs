//! The command line: `serve`, `migrate`, `config check`, `user …`, `group …`, `service …`,
//! `keys …` and `token …` (in `token.rs`).
//! Every command takes `--database` and works while a server runs on the same database.

use crate::config::{self, Config};
use anyhow::{Context, anyhow, bail};
use clap::{Parser, Subcommand};
use limen_core::service::CasResponseFormat;
use limen_core::{
    AccountStatus, AssuranceLevel, Email, GroupName, PersonName, ServiceProtocol, UserType,
};
use limen_store::{AuditEntry, MembershipChange, NewAccount, NewService, Store, StoreError};
use serde_json::json;
use std::io::BufRead;
use std::path::PathBuf;

/// Prints a line; a closed pipe (`limen user list | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
pub(crate) use say;

#[derive(Debug, Parser)]
#[command(
    name = "limen",
    version,
    about = "Limen single sign-on server and identity provider"
)]
pub struct Args {
    /// Configuration file (default: ./limen.toml when present).
    #[arg(long, global = true, env = "LIMEN_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB (overrides the configuration).
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per process: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server.
    Serve {
        /// Address and port to listen on (default 127.0.0.1:8080).
        #[arg(long)]
        listen: Option<String>,
        /// Base URL users reach the server at (default http://LISTEN).
        #[arg(long)]
        public_url: Option<String>,
        /// Log format: text or json.
        #[arg(long)]
        log_format: Option<String>,
        /// Development mode: shows the mail outbox at /dev/outbox. Never for real users.
        #[arg(long)]
        dev: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Configuration commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage groups and their members (released to services as `groups`).
    Group {
        #[command(subcommand)]
        command: GroupCommand,
    },
    /// Manage the registry of services.
    Service {
        #[command(subcommand)]
        command: ServiceCommand,
    },
    /// Manage the OpenID Connect signing keys.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Manage the inventory of hardware tokens (HOTP, TOTP, OCRA).
    Token {
        #[command(subcommand)]
        command: crate::token::TokenCommand,
    },
    /// SMS: status, the daily budget's circuit breaker, an account's numbers.
    Sms {
        #[command(subcommand)]
        command: crate::sms::SmsCommand,
    },
    /// Upstream identity providers (eID, social networks): list, check, add, remove.
    Upstream {
        #[command(subcommand)]
        command: crate::upstream_cli::UpstreamCommand,
    },
    /// Who administers Limen: roles for accounts (the console) and clients (the admin API).
    Admin {
        #[command(subcommand)]
        command: crate::admin_cli::AdminCommand,
    },
    /// The audit log: verify its hash chain, export it (JSON lines, CSV; --follow for a SIEM),
    /// purge old rows.
    Audit {
        #[command(subcommand)]
        command: crate::audit_cli::AuditCommand,
    },
}

/// Ends the process with this status and no further message (what was to say is said).
#[derive(Debug)]
pub struct ExitWith(pub u8);

impl std::fmt::Display for ExitWith {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit status {}", self.0)
    }
}

impl std::error::Error for ExitWith {}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Load and validate the configuration, reach the database, and print the effective settings.
    Check,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        last_name: String,
        #[arg(long)]
        first_name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Internal user (default: by the configured internal e-mail domains).
        #[arg(long, conflicts_with = "external")]
        internal: bool,
        /// External user.
        #[arg(long)]
        external: bool,
        /// Identity assurance level: LOW, MEDIUM, HIGH or TOP (default LOW, TOP for internal users).
        #[arg(long)]
        assurance: Option<String>,
        /// Language of the e-mails sent to the user: one of the 24 official EU languages (bg, cs, da,
        /// de, el, en, es, et, fi, fr, ga, hr, hu, it, lt, lv, mt, nl, pl, pt, ro, sk, sl, sv).
        #[arg(long, default_value = "en")]
        email_language: String,
    },
    /// List accounts.
    List {
        #[arg(long, default_value_t = 100)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Show one account.
    Show { email: String },
    /// Lock an account: it can no longer sign in, and its sessions end now (with single logout).
    Lock { email: String },
    /// Unlock an account: lifts an operator's lock and the lockout after failed logins.
    Unlock { email: String },
    /// Set the identity assurance level of an account: LOW, MEDIUM, HIGH or TOP (services may
    /// ask for a minimum).
    SetAssurance { email: String, level: String },
    /// Set a new password, read from the first line of standard input.
    SetPassword { email: String },
    /// Delete an account: sessions end, personal data is erased.
    Delete { email: String },
    /// Remove every second factor of an account — security keys, trusted platforms, passkeys
    /// and every other method's devices (help desk: the user lost them). As PANIC does: every
    /// session ends, every OIDC grant is revoked, the audit log records it and the user is
    /// told by a security e-mail.
    RemoveKeys { email: String },
}

/// Groups (docs/GROUPS.md). Names are case-sensitive and compared as written.
#[derive(Debug, Subcommand)]
enum GroupCommand {
    /// Create a group.
    Add {
        /// 1 to 128 characters, no comma (services ask for groups as a comma list).
        name: String,
        /// What the group is for, shown by `group list`.
        #[arg(long)]
        description: Option<String>,
    },
    /// List the groups, with their member counts.
    List,
    /// Remove a group; its members leave it.
    Remove { name: String },
    /// Manage the members of a group.
    Member {
        #[command(subcommand)]
        command: MemberCommand,
    },
}

#[derive(Debug, Subcommand)]
enum MemberCommand {
    /// Put an account in a group.
    Add { group: String, email: String },
    /// Take an account out of a group.
    Remove { group: String, email: String },
    /// List the members of a group.
    List { group: String },
}

/// The OpenID Connect side of `service add --protocol oidc` (docs/OIDC.md).
#[derive(Debug, clap::Args)]
struct OidcArgs {
    /// Redirect URI, compared exactly. Repeatable; at least one.
    #[arg(long = "redirect-uri")]
    redirect_uris: Vec<String>,
    /// Where the client may send users after RP-initiated logout. Repeatable.
    #[arg(long = "post-logout-redirect-uri")]
    post_logout_redirect_uris: Vec<String>,
    /// A public client (browser or native app): no secret, PKCE with S256 required.
    #[arg(long)]
    public: bool,
    /// Require PKCE from a confidential client too.
    #[arg(long)]
    pkce_required: bool,
    /// client_secret_basic (default), client_secret_post, private_key_jwt, or none (= --public).
    #[arg(long)]
    token_auth_method: Option<String>,
    /// private_key_jwt: a file holding the client's public keys as a JWKS document.
    #[arg(long, conflicts_with = "jwks_uri")]
    jwks_file: Option<std::path::PathBuf>,
    /// private_key_jwt: where the client publishes its JWKS (https).
    #[arg(long)]
    jwks_uri: Option<String>,
    /// ID token signing algorithm: ES256 (default), RS256 or EdDSA. SAML: rsa-sha256 or
    /// ecdsa-sha256 (default: from the SP's metadata).
    #[arg(long)]
    signing_alg: Option<String>,
    /// public (default) or pairwise subject identifiers.
    #[arg(long)]
    subject_type: Option<String>,
    /// Pairwise sector (default: the host of the redirect URIs).
    #[arg(long)]
    sector: Option<String>,
    /// Scopes the client may obtain, comma-separated (default openid,profile,email).
    #[arg(long)]
    scopes: Option<String>,
    /// Ask users for consent before the first authorization.
    #[arg(long)]
    consent: bool,
    /// OpenID Connect Back-Channel Logout 1.0: where logout tokens are POSTed.
    #[arg(long)]
    backchannel_logout_uri: Option<String>,
    /// OpenID Connect Front-Channel Logout 1.0: loaded in an iframe at logout.
    #[arg(long)]
    frontchannel_logout_uri: Option<String>,
    /// A CAS service (by name) whose tickets the client may obtain by exchanging the access
    /// tokens it is issued (RFC 8693 token exchange, as EU Login offers API clients). Repeatable;
    /// a confidential client only.
    #[arg(long = "token-exchange-to")]
    token_exchange_to: Vec<String>,
    /// The client id (default: generated).
    #[arg(long)]
    client_id: Option<String>,
}

impl OidcArgs {
    /// The OpenID Connect options given (refused for a SAML service provider); `--signing-alg`
    /// is shared.
    fn given(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (flag, set) in [
            ("--redirect-uri", !self.redirect_uris.is_empty()),
            (
                "--post-logout-redirect-uri",
                !self.post_logout_redirect_uris.is_empty(),
            ),
            ("--public", self.public),
            ("--pkce-required", self.pkce_required),
            ("--token-auth-method", self.token_auth_method.is_some()),
            ("--jwks-file", self.jwks_file.is_some()),
            ("--jwks-uri", self.jwks_uri.is_some()),
            ("--subject-type", self.subject_type.is_some()),
            ("--sector", self.sector.is_some()),
            ("--scopes", self.scopes.is_some()),
            ("--consent", self.consent),
            (
                "--backchannel-logout-uri",
                self.backchannel_logout_uri.is_some(),
            ),
            (
                "--frontchannel-logout-uri",
                self.frontchannel_logout_uri.is_some(),
            ),
            ("--token-exchange-to", !self.token_exchange_to.is_empty()),
            ("--client-id", self.client_id.is_some()),
        ] {
            if set {
                out.push(flag);
            }
        }
        out
    }
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// List the signing keys (published and signing), OpenID Connect and SAML.
    List,
    /// Rotate a signing key. OpenID Connect: a new key signs now; the old one stays published
    /// until the tokens it signed have expired. SAML: a new key is published now and signs after
    /// `[saml] key_prepublish_days` (service providers must load the metadata before then).
    Rotate {
        /// ES256 (default), RS256, EdDSA, SAML-RSA or SAML-EC.
        #[arg(long, default_value = "ES256")]
        alg: String,
        /// SAML: the new key signs at once (a compromised key); SPs refuse responses until they
        /// load the metadata again.
        #[arg(long)]
        now: bool,
    },
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum ServiceCommand {
    /// Register a service: a CAS service (default), an OpenID Connect client (--protocol oidc) or
    /// a SAML service provider (--protocol saml, from its metadata).
    Add {
        /// Name shown to users ("Requested by …").
        #[arg(long)]
        name: String,
        /// cas, oidc or saml.
        #[arg(long, default_value = "cas")]
        protocol: String,
        /// CAS: URL pattern: exact URL, prefix ending in '*', or regex between '^' and '$'. Repeatable.
        #[arg(long = "url")]
        urls: Vec<String>,
        #[command(flatten)]
        oidc: OidcArgs,
        #[command(flatten)]
        saml: crate::saml_cli::SamlArgs,
        /// Accepted strengths, comma-separated (EU Login names; default: all).
        #[arg(long)]
        accept_strengths: Option<String>,
        /// Accepted authentication level (BASIC, MEDIUM, HIGH) instead of a strength list.
        #[arg(long, conflicts_with = "accept_strengths")]
        authentication_level: Option<String>,
        /// Minimum identity assurance level of accounts (LOW, MEDIUM, HIGH, TOP).
        #[arg(long, default_value = "LOW")]
        min_assurance: String,
        /// Released attributes, comma-separated.
        #[arg(long)]
        attributes: Option<String>,
        /// Where single-logout requests go (default: the URL each ticket was issued for).
        #[arg(long)]
        logout_url: Option<String>,
        /// Send back-channel single-logout requests to this service.
        #[arg(long)]
        single_logout: bool,
        /// URL pattern the service may receive proxy-granting tickets at. Repeatable.
        #[arg(long = "proxy-callback")]
        proxy_callbacks: Vec<String>,
        /// CAS: the format of the answers at /serviceValidate, /proxyValidate and /p3/*: cas
        /// (CAS 3.0, default) or ecas (EU Login's, for services written for EU Login; their
        /// default attributes are then EU Login's user details and groups).
        #[arg(long, default_value = "cas")]
        response_format: String,
    },
    /// List services.
    List,
    /// Give an OpenID Connect client a new secret (printed once; the old one stops working).
    NewSecret { name: String },
    /// Give a CAS service a secret for the transaction-signing API (docs/SIGNING.md; printed
    /// once, the old one stops working). OpenID Connect clients use their client credentials.
    SigningSecret { name: String },
    /// Show one service.
    Show { name: String },
    /// Re-read a SAML service provider's metadata from where it was registered from, with the
    /// same checks; shows what changed and keeps the choices made at registration.
    Refresh {
        name: String,
        /// Read it from here instead (and from now on).
        #[arg(long)]
        metadata: Option<String>,
        /// The PEM certificate the metadata must now be signed by (replaces the one pinned).
        #[arg(long)]
        metadata_certificate: Option<PathBuf>,
    },
    /// Remove a service.
    Remove { name: String },
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let config_path = args.config.clone();
    let mut config = config::load(args.config.as_deref())?;
    if let Some(db) = args.database {
        config.database = db;
    }
    match args.command {
        Command::Serve {
            listen,
            public_url,
            log_format,
            dev,
        } => {
            if dev {
                config.dev = true;
            }
            if let Some(l) = listen {
                config.listen = l;
            }
            if let Some(p) = public_url {
                config.public_url = p;
            }
            if let Some(f) = log_format {
                config.log_format = f;
            }
            config.validate()?;
            crate::serve::run(config).await
        }
        // Every other command is the operator at the server's machine: what it writes to the
        // audit log (through the engine) names `cli` as the actor, as the console names
        // `admin:<uid>` and the API `client:<client_id>`.
        command => {
            let scope = limen_authn::AuditScope {
                actor: Some("cli".into()),
                ..limen_authn::AuditScope::default()
            };
            limen_authn::with_audit_scope(scope, administer(config, config_path, command)).await
        }
    }
}

/// The commands other than `serve`.
async fn administer(
    config: Config,
    config_path: Option<PathBuf>,
    command: Command,
) -> anyhow::Result<()> {
    match command {
        Command::Serve { .. } => bail!("`serve` is not an administration command"),
        Command::Migrate => {
            let store = open(&config).await?;
            let applied = store.migrate().await?;
            say!(
                "{applied} migration(s) applied to {}",
                limen_store::redact(&config.database)
            );
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            let store = open(&config).await?;
            store.ping().await?;
            let mut shown = config.clone();
            shown.database = limen_store::redact(&shown.database);
            // Secrets are never printed.
            for secret in [
                &mut shown.mail.smtp.password,
                &mut shown.keys.master_key,
                &mut shown.metrics.token,
            ] {
                if !secret.is_empty() {
                    *secret = "(set)".into();
                }
            }
            say!(
                "configuration is valid; database reachable ({})",
                store.backend().as_str()
            );
            say!("public URL: {}", config.public_url());
            say!("{}", serde_json::to_string_pretty(&shown)?);
            Ok(())
        }
        Command::User { command } => user(&config, command).await,
        Command::Group { command } => group(&config, command).await,
        Command::Service { command } => service(&config, command).await,
        Command::Keys { command } => keys(&config, command).await,
        Command::Token { command } => crate::token::run(&config, command).await,
        Command::Sms { command } => crate::sms::run(&config, command).await,
        Command::Admin { command } => crate::admin_cli::run(&config, command).await,
        Command::Audit { command } => crate::audit_cli::run(&config, command).await,
        Command::Upstream { command } => {
            crate::upstream_cli::run(&config, config_path.as_deref(), command).await
        }
    }
}

/// Opens and migrates the database (commands may run before any server has).
pub async fn open(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database).await.with_context(|| {
        format!(
            "cannot open the database {}",
            limen_store::redact(&config.database)
        )
    })?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    Ok(store)
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        bail!("no password on standard input");
    }
    Ok(password)
}

fn check_policy(
    password: &str,
    email: &Email,
    first: Option<&PersonName>,
    last: &PersonName,
) -> anyhow::Result<()> {
    let mut personal = vec![email.as_str(), last.as_str()];
    if let Some(f) = first {
        personal.push(f.as_str());
    }
    let problems = limen_core::password::check(password, &personal);
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        bail!("the password does not meet the policy: {}", list.join("; "));
    }
    Ok(())
}

fn hasher(config: &Config) -> anyhow::Result<limen_crypto::PasswordHasher> {
    limen_crypto::PasswordHasher::new(config.hash_params(), 1).map_err(|e| anyhow!("{e}"))
}

/// The application as the server builds it (engine, mail outbox, single logout), for commands
/// that must apply the same rules as the pages.
pub(crate) async fn app_state(
    config: &Config,
    store: Store,
) -> anyhow::Result<limen_web::AppState> {
    let mut web = config.web();
    let (master_key, _) = config.master_key()?;
    web.master_key = limen_web::MasterKey(master_key);
    limen_web::AppState::new(store, hasher(config)?, web, config.mail_settings()?)
        .await
        .map_err(|e| anyhow!("{e}"))
}

pub(crate) async fn find(store: &Store, email: &str) -> anyhow::Result<limen_core::Account> {
    // A lookup: an account stored before the address character rules (issue 11) can still be
    // shown, locked or deleted.
    let parsed = Email::parse_existing(email).map_err(|e| anyhow!("{email:?}: {e}"))?;
    store
        .account_by_email(&parsed)
        .await?
        .ok_or_else(|| anyhow!("no account with the e-mail address {email}"))
}

async fn user(config: &Config, command: UserCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    match command {
        UserCommand::Add {
            email,
            last_name,
            first_name,
            password_stdin,
            internal,
            external,
            assurance,
            email_language,
        } => {
            let email = Email::parse(&email).map_err(|e| anyhow!("--email: {e}"))?;
            let last = PersonName::parse(&last_name).map_err(|e| anyhow!("--last-name: {e}"))?;
            let first = match first_name {
                Some(f) => {
                    PersonName::parse_optional(&f).map_err(|e| anyhow!("--first-name: {e}"))?
                }
                None => None,
            };
            let user_type = if internal {
                UserType::Internal
            } else if external {
                UserType::External
            } else {
                UserType::for_email(&email, &config.internal_domains)
            };
            let assurance: AssuranceLevel = match assurance {
                Some(a) => a.parse().map_err(|e: String| anyhow!("--assurance: {e}"))?,
                None if user_type == UserType::Internal => AssuranceLevel::Top,
                None => AssuranceLevel::Low,
            };
            let lang = limen_web::i18n::supported(&email_language).ok_or_else(|| {
                anyhow!(
                    "--email-language: {email_language:?} is not one of the 24 languages (bg, cs, \
                     da, de, el, en, es, et, fi, fr, ga, hr, hu, it, lt, lv, mt, nl, pl, pt, ro, \
                     sk, sl, sv)"
                )
            })?;
            let password_hash = if password_stdin {
                let password = limen_core::password::normalise(&read_password()?);
                check_policy(&password, &email, first.as_ref(), &last)?;
                Some(hasher(config)?.hash(&password).await?)
            } else {
                None
            };
            let status = if password_hash.is_some() {
                AccountStatus::Active
            } else {
                AccountStatus::Pending
            };
            let new = NewAccount {
                email,
                first_name: first,
                last_name: last,
                user_type,
                status,
                assurance,
                email_locale: lang.to_owned(),
                password_hash,
            };
            let account = match store.create_account(new, now()).await {
                Err(StoreError::Duplicate(_)) => {
                    bail!("an account with this e-mail address already exists")
                }
                other => other?,
            };
            audit_operator(
                &store,
                "account.created",
                Some(account.id),
                serde_json::json!({
                    "uid": account.uid,
                    "status": account.status.as_str(),
                    "user_type": account.user_type.as_str(),
                    "assurance": account.assurance.as_str(),
                }),
            )
            .await?;
            say!(
                "created {} <{}> uid={} ({}, {})",
                account.display_name(),
                account.email,
                account.uid,
                account.user_type.as_str(),
                account.status.as_str()
            );
            if account.status == AccountStatus::Pending {
                say!(
                    "no password yet: set one with `limen user set-password {}` (reads standard input)",
                    account.email
                );
            }
            Ok(())
        }
        UserCommand::List { limit, offset } => {
            for a in store.list_accounts(limit, offset).await? {
                say!(
                    "{}\t{}\t{}\t{}\t{}",
                    a.uid,
                    a.email,
                    a.display_name(),
                    a.user_type.as_str(),
                    a.status.as_str()
                );
            }
            Ok(())
        }
        UserCommand::Show { email } => {
            let a = find(&store, &email).await?;
            let idle = time::Duration::minutes(i64::from(config.sso.idle_timeout_minutes));
            let sessions = store.sessions_of_account(a.id, now(), now() - idle).await?;
            say!("uid:            {}", a.uid);
            say!("email:          {}", a.email.display());
            say!(
                "first name:     {}",
                a.first_name.as_ref().map(|n| n.as_str()).unwrap_or("-")
            );
            say!("last name:      {}", a.last_name);
            say!("type:           {}", a.user_type.as_str());
            say!("status:         {}", a.status.as_str());
            say!("assurance:      {}", a.assurance.as_str());
            say!("email language: {}", a.email_locale);
            say!(
                "password set:   {}",
                a.password_changed_at
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "never".into())
            );
            say!("created:        {}", a.created_at);
            say!("open sessions:  {}", sessions.len());
            let groups = store.account_groups(a.id).await?;
            say!(
                "groups:         {}",
                if groups.is_empty() {
                    "-".to_owned()
                } else {
                    groups.join(", ")
                }
            );
            let keys = store.webauthn_credentials(a.id).await?;
            say!("security keys:  {}", keys.len());
            for k in keys {
                say!(
                    "  {} {:?} ({}, model {}, added {}, last used {}{})",
                    k.id,
                    k.name,
                    k.kind,
                    k.aaguid.as_deref().unwrap_or("not disclosed"),
                    k.created_at,
                    k.last_used_at
                        .map(|t| t.to_string())
                        .unwrap_or_else(|| "never".into()),
                    if k.flagged_at.is_some() {
                        ", BLOCKED: counter went backwards"
                    } else {
                        ""
                    }
                );
            }
            Ok(())
        }
        UserCommand::Lock { email } => {
            let a = find(&store, &email).await?;
            if a.status == AccountStatus::Locked {
                bail!("{} is already locked", a.email);
            }
            // The engine's, as the console and the admin API: the sessions end now, with
            // single logout, and the audit log says `cli` did it.
            let state = app_state(config, store.clone()).await?;
            let ended = state
                .authn
                .admin_lock(&a, &limen_authn::Client::CLI)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            state.wait_for_logouts().await;
            say!(
                "locked {}; {ended} session(s) ended, the services told by single logout; \
                 `limen user unlock {}` lifts it",
                a.email,
                a.email
            );
            Ok(())
        }
        UserCommand::Unlock { email } => {
            let a = find(&store, &email).await?;
            let state = app_state(config, store.clone()).await?;
            match state
                .authn
                .admin_unlock(&a, &limen_authn::Client::CLI)
                .await
                .map_err(|e| anyhow!("{e}"))?
            {
                limen_authn::Unlocked::NotLocked => bail!(
                    "{} is neither locked nor locked out by failed logins (status: {})",
                    a.email,
                    a.status.as_str()
                ),
                limen_authn::Unlocked::Done {
                    status,
                    was_locked,
                    lockout_until,
                } => {
                    let mut what = Vec::new();
                    if was_locked {
                        what.push("the lock".to_owned());
                    }
                    if let Some(until) = lockout_until {
                        what.push(format!(
                            "the lockout after failed logins (until {})",
                            crate::audit_cli::rfc3339(until)
                        ));
                    }
                    say!(
                        "unlocked {}: lifted {}; status {}",
                        a.email,
                        what.join(" and "),
                        status.as_str()
                    );
                    if status == AccountStatus::Pending {
                        say!(
                            "no password yet: the user sets one with a link (\"Lost password?\"), or `limen user set-password {}`",
                            a.email
                        );
                    }
                }
            }
            Ok(())
        }
        UserCommand::SetAssurance { email, level } => {
            let level: AssuranceLevel = level
                .parse()
                .map_err(|e: String| anyhow!("LEVEL: {e} (LOW, MEDIUM, HIGH or TOP)"))?;
            let a = find(&store, &email).await?;
            if a.assurance == level {
                say!("{} is already {}", a.email, level.as_str());
                return Ok(());
            }
            let state = app_state(config, store.clone()).await?;
            state
                .authn
                .admin_set_assurance(&a, level, &limen_authn::Client::CLI)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            say!(
                "{}: assurance {} (was {})",
                a.email,
                level.as_str(),
                a.assurance.as_str()
            );
            Ok(())
        }
        UserCommand::SetPassword { email } => {
            let a = find(&store, &email).await?;
            let password = limen_core::password::normalise(&read_password()?);
            check_policy(&password, &a.email, a.first_name.as_ref(), &a.last_name)?;
            let hash = hasher(config)?.hash(&password).await?;
            store.set_password(a.id, &hash, now()).await?;
            audit_operator(
                &store,
                "password.changed",
                Some(a.id),
                serde_json::json!({}),
            )
            .await?;
            say!("password set for {}", a.email);
            Ok(())
        }
        UserCommand::Delete { email } => {
            let a = find(&store, &email).await?;
            let state = app_state(config, store.clone()).await?;
            let ended = state
                .authn
                .admin_delete(&a, &limen_authn::Client::CLI)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            state.wait_for_logouts().await;
            say!(
                "deleted {} (uid {}): personal data erased; {ended} session(s) ended, the services told by single logout",
                email,
                a.uid
            );
            Ok(())
        }
        UserCommand::RemoveKeys { email } => {
            let a = find(&store, &email).await?;
            // The engine's own function, as PANIC uses it: every device of every method goes,
            // every session ends (with single logout), every OIDC grant is revoked, the audit
            // log records it and the user gets a security e-mail (queued in the outbox).
            let state = app_state(config, store.clone()).await?;
            let done = state
                .authn
                .remove_all_factors(&a, limen_authn::Actor::Cli, &limen_authn::Client::CLI)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            state.wait_for_logouts().await;
            let names: Vec<&str> = done.removed.iter().map(|(_, n)| n.as_str()).collect();
            say!(
                "removed {} device(s) of {}{}; ended {} session(s); a security e-mail is queued",
                names.len(),
                a.email,
                if names.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", names.join(", "))
                },
                done.sessions
            );
            Ok(())
        }
    }
}

fn group_name(input: &str) -> anyhow::Result<GroupName> {
    GroupName::parse(input).map_err(|e| anyhow!("invalid group name {input:?}: {e}"))
}

/// Records what the operator did at the command line (accounts made, passwords set, groups
/// changed: groups decide what services are told) in the audit log, as the help desk's doing.
async fn audit_operator(
    store: &Store,
    event: &str,
    account_id: Option<i64>,
    mut detail: serde_json::Value,
) -> anyhow::Result<()> {
    detail["by"] = "cli".into();
    store
        .audit(&AuditEntry {
            client_ip: Some(limen_authn::Client::CLI.ip.to_owned()),
            actor: Some("cli".into()),
            ..AuditEntry::new(now(), event, account_id, detail)
        })
        .await
        .context("the change is made, but the audit log could not be written")
}

const MAX_DESCRIPTION_CHARS: usize = 500;

async fn group(config: &Config, command: GroupCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    match command {
        GroupCommand::Add { name, description } => {
            let name = group_name(&name)?;
            let description = description
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty());
            if let Some(d) = &description
                && (d.chars().any(char::is_control) || d.chars().count() > MAX_DESCRIPTION_CHARS)
            {
                bail!(
                    "--description must be at most {MAX_DESCRIPTION_CHARS} characters, without control characters"
                );
            }
            match store
                .create_group(&name, description.as_deref(), now())
                .await
            {
                Err(StoreError::Duplicate(_)) => {
                    bail!("a group named {:?} already exists", name.as_str())
                }
                other => other?,
            };
            audit_operator(
                &store,
                "group.create",
                None,
                serde_json::json!({"group": name.as_str(), "description": description}),
            )
            .await?;
            say!("created group {:?}", name.as_str());
            Ok(())
        }
        GroupCommand::List => {
            for g in store.list_groups().await? {
                say!(
                    "{}\t{} member(s)\t{}",
                    g.name,
                    g.members,
                    g.description.as_deref().unwrap_or("")
                );
            }
            Ok(())
        }
        GroupCommand::Remove { name } => {
            let name = group_name(&name)?;
            let members = match store.delete_group(&name).await {
                Err(StoreError::NotFound) => bail!("no group named {:?}", name.as_str()),
                other => other?,
            };
            audit_operator(
                &store,
                "group.delete",
                None,
                serde_json::json!({"group": name.as_str(), "members": members}),
            )
            .await?;
            say!(
                "removed group {:?}; {members} member(s) left it",
                name.as_str()
            );
            Ok(())
        }
        GroupCommand::Member { command } => group_member(&store, command).await,
    }
}

async fn group_member(store: &Store, command: MemberCommand) -> anyhow::Result<()> {
    match command {
        MemberCommand::Add { group, email } => {
            let name = group_name(&group)?;
            let a = find(store, &email).await?;
            match store.add_group_member(&name, a.id, now()).await? {
                MembershipChange::Done => {}
                MembershipChange::Unchanged => {
                    bail!("{} is already a member of {:?}", a.email, name.as_str())
                }
                MembershipChange::NoSuchGroup => bail!("no group named {:?}", name.as_str()),
                MembershipChange::NoSuchAccount => {
                    bail!("no account with the e-mail address {email}")
                }
            }
            audit_operator(
                store,
                "group.member.add",
                Some(a.id),
                serde_json::json!({"group": name.as_str()}),
            )
            .await?;
            say!("added {} to {:?}", a.email, name.as_str());
            Ok(())
        }
        MemberCommand::Remove { group, email } => {
            let name = group_name(&group)?;
            let a = find(store, &email).await?;
            match store.remove_group_member(&name, a.id).await? {
                MembershipChange::Done => {}
                MembershipChange::Unchanged => {
                    bail!("{} is not a member of {:?}", a.email, name.as_str())
                }
                MembershipChange::NoSuchGroup => bail!("no group named {:?}", name.as_str()),
                MembershipChange::NoSuchAccount => {
                    bail!("no account with the e-mail address {email}")
                }
            }
            audit_operator(
                store,
                "group.member.remove",
                Some(a.id),
                serde_json::json!({"group": name.as_str()}),
            )
            .await?;
            say!("removed {} from {:?}", a.email, name.as_str());
            Ok(())
        }
        MemberCommand::List { group } => {
            let name = group_name(&group)?;
            let Some(members) = store.group_members(&name).await? else {
                bail!("no group named {:?}", name.as_str());
            };
            for m in members {
                say!("{}\t{}\tadded {}", m.uid, m.email, m.added_at);
            }
            Ok(())
        }
    }
}

async fn service(config: &Config, command: ServiceCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    match command {
        ServiceCommand::Add {
            name,
            protocol,
            urls,
            oidc,
            saml,
            accept_strengths,
            authentication_level,
            min_assurance,
            attributes,
            logout_url,
            single_logout,
            proxy_callbacks,
            response_format,
        } => {
            use limen_web::registry;
            let cli = |e: registry::Invalid| anyhow!("{}", e.for_cli());
            let response_format = registry::response_format(&response_format).map_err(cli)?;
            let name = registry::service_name(&name).map_err(cli)?;
            let protocol = registry::protocol(&protocol).map_err(cli)?;
            if protocol == ServiceProtocol::Saml {
                let mut foreign = oidc.given();
                for (flag, set) in [
                    ("--url", !urls.is_empty()),
                    ("--logout-url", logout_url.is_some()),
                    ("--single-logout", single_logout),
                    ("--proxy-callback", !proxy_callbacks.is_empty()),
                    (
                        "--response-format",
                        response_format != CasResponseFormat::Cas,
                    ),
                ] {
                    if set {
                        foreign.push(flag);
                    }
                }
                crate::saml_cli::refuse_foreign(&foreign)?;
            } else if let Some(flag) = saml.given().first() {
                bail!("{flag} is for SAML service providers (--protocol saml)");
            }
            match protocol {
                ServiceProtocol::Cas if urls.is_empty() => {
                    bail!("a CAS service needs at least one --url")
                }
                ServiceProtocol::Oidc if !urls.is_empty() => {
                    bail!("an OpenID Connect client takes --redirect-uri, not --url")
                }
                _ => {}
            }
            let url_patterns = registry::url_patterns("urls", &urls).map_err(cli)?;
            let accepted_strengths = registry::accepted_strengths(
                accept_strengths.as_deref(),
                authentication_level.as_deref(),
            )
            .map_err(cli)?;
            let min_assurance = registry::min_assurance(&min_assurance).map_err(cli)?;
            let released_attributes =
                registry::released_attributes(attributes.as_deref(), response_format)
                    .map_err(cli)?;
            registry::logout_url(logout_url.as_deref()).map_err(cli)?;
            let proxy_callbacks =
                registry::url_patterns("proxy_callbacks", &proxy_callbacks).map_err(cli)?;
            let new = NewService {
                name,
                protocol,
                url_patterns,
                accepted_strengths,
                min_assurance,
                released_attributes,
                logout_url,
                single_logout,
                proxy_callbacks,
            };
            if protocol == ServiceProtocol::Oidc {
                if response_format != CasResponseFormat::Cas {
                    bail!("--response-format is for CAS services");
                }
                return add_oidc_client(&store, new, oidc).await;
            }
            if protocol == ServiceProtocol::Saml {
                let service_name = new.name.clone();
                let lines = crate::saml_cli::add(
                    &store,
                    config,
                    new,
                    &saml,
                    oidc.signing_alg.as_deref(),
                    now(),
                )
                .await?;
                for line in lines {
                    say!("{line}");
                }
                audit_operator(
                    &store,
                    "service.created",
                    None,
                    json!({"service": service_name, "protocol": "saml"}),
                )
                .await?;
                return Ok(());
            }
            let s = match store.create_service(&new, now()).await {
                Err(StoreError::Duplicate(_)) => {
                    bail!("a service named {:?} already exists", new.name)
                }
                other => other?,
            };
            if response_format != CasResponseFormat::Cas {
                store
                    .set_service_response_format(s.id, response_format)
                    .await?;
            }
            say!("registered service {:?} (id {})", s.name, s.id);
            audit_operator(
                &store,
                "service.created",
                None,
                json!({"service": s.name, "protocol": "cas"}),
            )
            .await
        }
        ServiceCommand::List => {
            let entities = crate::saml_cli::entity_ids(&store).await?;
            for s in store.list_services().await? {
                let patterns: Vec<String> = match entities.get(&s.id) {
                    Some(entity) => vec![format!("SAML {entity}")],
                    None => s.url_patterns.iter().map(ToString::to_string).collect(),
                };
                say!(
                    "{}\t{}\t{}{}",
                    s.id,
                    s.name,
                    patterns.join(" "),
                    if s.builtin { "\t(built-in)" } else { "" }
                );
            }
            Ok(())
        }
        ServiceCommand::Show { name } => {
            let s = store
                .service_by_name(&name)
                .await?
                .ok_or_else(|| anyhow!("no service named {name:?}"))?;
            let list = |v: Vec<String>| {
                if v.is_empty() {
                    "-".to_owned()
                } else {
                    v.join(", ")
                }
            };
            say!("id:                 {}", s.id);
            say!("name:               {}", s.name);
            say!("protocol:           {}", s.protocol.as_str());
            say!(
                "URL patterns:       {}",
                list(s.url_patterns.iter().map(ToString::to_string).collect())
            );
            say!(
                "accepted strengths: {}",
                if s.accepted_strengths.is_empty() {
                    "all".to_owned()
                } else {
                    list(
                        s.accepted_strengths
                            .iter()
                            .map(ToString::to_string)
                            .collect(),
                    )
                }
            );
            say!("minimum assurance:  {}", s.min_assurance.as_str());
            if s.protocol == ServiceProtocol::Cas {
                say!(
                    "attributes:         {}",
                    list(s.released_attributes.clone())
                );
                say!("response format:    {}", s.response_format.as_str());
                say!(
                    "single logout:      {}",
                    if s.single_logout {
                        s.logout_url.as_deref().unwrap_or("to each service URL")
                    } else {
                        "no"
                    }
                );
                say!(
                    "proxy callbacks:    {}",
                    list(s.proxy_callbacks.iter().map(ToString::to_string).collect())
                );
            }
            say!("built-in:           {}", s.builtin);
            if s.protocol == ServiceProtocol::Saml {
                for line in crate::saml_cli::show(&store, &config.public_url(), &s).await? {
                    say!("{line}");
                }
            }
            if let Some((_, c)) = store.oidc_client_of_service(s.id).await? {
                say!("client id:          {}", c.client_id);
                say!("auth method:        {}", c.auth_method.as_str());
                let mut targets = Vec::new();
                for id in store.client_exchange_targets(s.id).await? {
                    if let Some(t) = store.service_by_id(id).await? {
                        targets.push(t.name);
                    }
                }
                say!("token exchange to:  {}", list(targets));
                say!("redirect URIs:      {}", list(c.redirect_uris.clone()));
                say!(
                    "logout redirects:   {}",
                    list(c.post_logout_redirect_uris.clone())
                );
                say!("PKCE required:      {}", c.requires_pkce());
                say!("signing alg:        {}", c.signing_alg);
                say!(
                    "subject type:       {} (sector {})",
                    c.subject_type.as_str(),
                    c.sector
                );
                say!("scopes:             {}", list(c.scopes.clone()));
                say!("consent:            {}", c.consent);
                say!(
                    "back-channel:       {}",
                    c.backchannel_logout_uri.as_deref().unwrap_or("-")
                );
                say!(
                    "front-channel:      {}",
                    c.frontchannel_logout_uri.as_deref().unwrap_or("-")
                );
            }
            Ok(())
        }
        ServiceCommand::Refresh {
            name,
            metadata,
            metadata_certificate,
        } => {
            let lines = crate::saml_cli::refresh(
                &store,
                config,
                &name,
                metadata.as_deref(),
                metadata_certificate.as_deref(),
                now(),
            )
            .await?;
            for line in lines {
                say!("{line}");
            }
            audit_operator(
                &store,
                "service.updated",
                None,
                json!({"service": name, "changed": ["metadata"]}),
            )
            .await
        }
        ServiceCommand::NewSecret { name } => {
            let s = store
                .service_by_name(&name)
                .await?
                .ok_or_else(|| anyhow!("no service named {name:?}"))?;
            let Some((_, c)) = store.oidc_client_of_service(s.id).await? else {
                bail!("{name:?} is not an OpenID Connect client");
            };
            if !c.auth_method.uses_secret() {
                bail!(
                    "{name:?} does not authenticate with a secret ({})",
                    c.auth_method.as_str()
                );
            }
            let (secret, hash) = limen_web::registry::new_client_secret();
            store.set_client_secret(s.id, &hash).await?;
            audit_operator(
                &store,
                "service.secret_rotated",
                None,
                json!({"service": s.name, "client_id": c.client_id}),
            )
            .await?;
            say!("client_id: {}", c.client_id);
            say!("client_secret: {secret}");
            say!("(shown once: Limen keeps only its hash)");
            Ok(())
        }
        ServiceCommand::SigningSecret { name } => {
            let s = store
                .service_by_name(&name)
                .await?
                .ok_or_else(|| anyhow!("no service named {name:?}"))?;
            if s.protocol != limen_core::ServiceProtocol::Cas {
                bail!(
                    "{name:?} is an OpenID Connect client: it calls the signing API with its own client credentials"
                );
            }
            // 256 random bits: a SHA-256 of it is all that is kept, as for client secrets.
            let secret = limen_crypto::random_token(32);
            store
                .set_signing_secret(s.id, &limen_crypto::sha256_hex(secret.as_bytes()))
                .await?;
            audit_operator(
                &store,
                "service.signing_secret_rotated",
                None,
                json!({"service": s.name}),
            )
            .await?;
            say!("client_id: cas-{}", s.id);
            say!("secret: {secret}");
            eprintln!("(shown once: Limen keeps only its hash)");
            Ok(())
        }
        ServiceCommand::Remove { name } => {
            match store.remove_service(&name).await {
                Err(StoreError::NotFound) => bail!("no service named {name:?}"),
                other => other?,
            }
            say!("removed service {name:?}");
            audit_operator(&store, "service.deleted", None, json!({"service": name})).await
        }
    }
}

/// `service add --protocol oidc`: checks the OIDC arguments and prints the credentials once.
async fn add_oidc_client(
    store: &limen_store::Store,
    new: NewService,
    a: OidcArgs,
) -> anyhow::Result<()> {
    use limen_web::registry;
    let cli = |e: registry::Invalid| anyhow!("{}", e.for_cli());
    let jwks = match &a.jwks_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("--jwks-file {}", path.display()))?,
        ),
        None => None,
    };
    let registry::NewClient { client, secret } = registry::oidc_client(registry::OidcSpec {
        redirect_uris: a.redirect_uris,
        post_logout_redirect_uris: a.post_logout_redirect_uris,
        public: a.public,
        pkce_required: a.pkce_required,
        token_auth_method: a.token_auth_method,
        jwks,
        jwks_uri: a.jwks_uri,
        signing_alg: a.signing_alg,
        subject_type: a.subject_type,
        sector: a.sector,
        scopes: a.scopes,
        consent: a.consent,
        backchannel_logout_uri: a.backchannel_logout_uri,
        frontchannel_logout_uri: a.frontchannel_logout_uri,
        client_id: a.client_id,
        exchanges_tokens: !a.token_exchange_to.is_empty(),
    })
    .map_err(cli)?;
    let exchange_targets = registry::exchange_targets(store, &a.token_exchange_to)
        .await?
        .map_err(cli)?;
    let (service, client) = match store.create_oidc_client(&new, &client, now()).await {
        Err(StoreError::Duplicate(what)) => {
            bail!("a service with this name or {what} already exists")
        }
        other => other?,
    };
    if !exchange_targets.is_empty() {
        store
            .set_client_exchange_targets(service.id, &exchange_targets)
            .await?;
    }
    say!(
        "registered OpenID Connect client {:?} (id {})",
        service.name,
        service.id
    );
    audit_operator(
        store,
        "service.created",
        None,
        json!({"service": service.name, "protocol": "oidc", "client_id": client.client_id}),
    )
    .await?;
    say!("client_id: {}", client.client_id);
    if let Some(secret) = secret {
        say!("client_secret: {secret}");
        say!("(shown once: Limen keeps only its hash)");
    }
    Ok(())
}

async fn keys(config: &Config, command: KeysCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    let (master, _) = config.master_key()?;
    let sealer = limen_crypto::sealed::SecretBox::new(&master);
    let web = config.web();
    match command {
        KeysCommand::List => {
            let keys = store.signing_keys(now()).await?;
            if keys.is_empty() {
                say!("no OpenID Connect signing key yet (one is created on first use)");
            }
            for k in keys {
                let state = match (k.retired_at, k.publish_until) {
                    (None, _) => "signing".to_owned(),
                    (Some(_), Some(until)) => format!("published until {until}"),
                    (Some(_), None) => "retired".to_owned(),
                };
                say!("{}\t{}\tcreated {}\t{}", k.kid, k.alg, k.created_at, state);
            }
            for line in crate::saml_cli::key_lines(&store, now()).await? {
                say!("{line}");
            }
            Ok(())
        }
        KeysCommand::Rotate { alg, now: at_once } => {
            if let Some(saml) = limen_web::saml::keys::parse_alg(&alg.to_ascii_uppercase()) {
                let lines = crate::saml_cli::rotate(
                    &store,
                    &sealer,
                    &config.saml.settings()?,
                    &config.public_url(),
                    saml,
                    at_once,
                    now(),
                )
                .await?;
                for line in lines {
                    say!("{line}");
                }
                return audit_operator(
                    &store,
                    "key.rotated",
                    None,
                    json!({"kind": "saml", "alg": alg.to_ascii_uppercase(), "immediately": at_once}),
                )
                .await;
            }
            if at_once {
                bail!(
                    "--now is for SAML keys (SAML-RSA, SAML-EC): OpenID Connect keys always rotate at once"
                );
            }
            let alg: limen_core::oidc::JwsAlg =
                alg.parse().map_err(|e: String| anyhow!("--alg: {e}"))?;
            let key =
                limen_web::oidc::keys::rotate(&store, &sealer, alg, now(), web.oidc.key_overlap())
                    .await
                    .map_err(|e| anyhow!("{e}"))?;
            say!("new signing key: {} ({})", key.kid, alg);
            audit_operator(
                &store,
                "key.rotated",
                None,
                json!({"kind": "oidc", "kid": key.kid, "alg": alg.as_str()}),
            )
            .await?;
            say!(
                "running servers use it within seconds; the previous key stays published for {} minutes",
                web.oidc.key_overlap().whole_minutes()
            );
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_store::testdb::TestDb;

    async fn limen(db: &str, args: &[&str]) -> anyhow::Result<()> {
        let mut argv = vec!["limen", "--database", db];
        argv.extend_from_slice(args);
        run(Args::try_parse_from(argv)?).await
    }

    /// A URL with a control character would end up in a `Location` header (or a back-channel
    /// request): `service add` refuses it, whichever option carries it.
    #[tokio::test]
    async fn service_add_refuses_urls_with_control_characters() {
        let db = TestDb::sqlite().await.expect("test database");
        let controls = ["\r\n", "\r", "\n", "\0", "\t", "\u{1}", "\u{7f}", "\u{85}"];
        for c in controls {
            let exact = format!("https://app.example.org/a{c}b");
            let prefix = format!("https://app.example.org/a{c}b/*");
            let regex = format!("^https://app\\.example\\.org/a{c}b$");
            for (flag, value) in [
                ("--url", exact.as_str()),
                ("--url", prefix.as_str()),
                ("--url", regex.as_str()),
                ("--logout-url", exact.as_str()),
                ("--proxy-callback", prefix.as_str()),
            ] {
                let mut args = vec!["service", "add", "--name", "Bad"];
                if flag != "--url" {
                    args.extend(["--url", "https://app.example.org/*"]);
                }
                args.extend([flag, value]);
                let err = limen(&db.url, &args)
                    .await
                    .expect_err(&format!("{flag} {value:?} must be refused"));
                assert!(
                    err.to_string().contains("control character"),
                    "{flag} {value:?}: {err}"
                );
            }
            let uri = format!("https://rp.example.org/cb{c}x");
            for flag in [
                "--redirect-uri",
                "--post-logout-redirect-uri",
                "--backchannel-logout-uri",
                "--frontchannel-logout-uri",
            ] {
                let mut args = vec!["service", "add", "--name", "BadRp", "--protocol", "oidc"];
                if flag != "--redirect-uri" {
                    args.extend(["--redirect-uri", "https://rp.example.org/cb"]);
                }
                args.extend([flag, uri.as_str()]);
                let err = limen(&db.url, &args)
                    .await
                    .expect_err(&format!("{flag} {uri:?} must be refused"));
                assert!(
                    err.to_string().contains("control character"),
                    "{flag} {uri:?}: {err}"
                );
            }
        }
        let store = Store::connect(&db.url).await.expect("store");
        assert!(
            store.list_services().await.expect("services").is_empty(),
            "nothing was registered"
        );
        store.close().await;
        // The same URLs without the control character are taken.
        limen(
            &db.url,
            &[
                "service",
                "add",
                "--name",
                "Good",
                "--url",
                "https://app.example.org/ab",
            ],
        )
        .await
        .expect("a clean URL is registered");
        db.cleanup().await;
    }
}
