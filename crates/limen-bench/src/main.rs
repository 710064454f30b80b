//! `limen-bench`: throughput figures for Limen.
//!
//! - `argon2-rate`: raw Argon2id verifications per second on this machine — the ceiling of any
//!   password login rate;
//! - `login-rate`: full three-step HTML form logins per second against a running server;
//! - `validate-rate`: CAS 3 service-ticket validations per second, with latency percentiles;
//! - `oidc-rate`: OpenID Connect authorization-code exchanges at `/oidc/token` and `/oidc/userinfo`
//!   requests per second, each with latency percentiles;
//! - `mobile`: the mobile app — devices enrolled through My account, push logins per second,
//!   approvals per second, the live channels' latencies, idle device event streams held open;
//! - `tokens`: hardware-token (HOTP, TOTP, OCRA) verifications per second on one core;
//! - `saml-sp`, `saml-rate`: the bench as a SAML service provider — its key and metadata, then
//!   SAML assertions issued per second at `/saml/sso`, with latency percentiles;
//! - `seed`: not a load — a million accounts with their second factors and a hundred thousand
//!   live SSO sessions written into a database, for the benchmarks at scale;
//! - `explain`: the plans of the store's hot queries on a database (limen_store::hot_queries).
//!
//! Every subcommand prints human-readable lines, then one JSON line with the figures. Load is
//! bounded in time and count; point it only at a server you run yourself on loopback.

mod argon;
mod explain;
mod http;
mod mobile;
mod oidc;
mod openloop;
mod saml;
mod seed;
mod stats;
mod tokens;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "limen-bench",
    version,
    about = "Benchmarks for a Limen server (loopback only)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Raw Argon2id hash verifications per second, on all threads.
    #[command(name = "argon2-rate")]
    Argon2(argon::Argon2Args),
    /// Full form logins per second (fresh cookie jar per login).
    #[command(name = "login-rate")]
    Login(http::LoginRateArgs),
    /// Many password posts at the same moment; how each was answered.
    #[command(name = "login-burst")]
    Burst(http::LoginBurstArgs),
    /// Service-ticket validations per second at /cas/p3/serviceValidate, with latencies.
    #[command(name = "validate-rate")]
    Validate(http::ValidateRateArgs),
    /// OIDC code exchanges per second at /oidc/token, then /oidc/userinfo requests per second,
    /// with latencies.
    #[command(name = "oidc-rate")]
    Oidc(oidc::OidcRateArgs),
    /// The mobile app: push logins/s, approvals/s, live-channel latencies, idle event streams.
    #[command(name = "mobile")]
    Mobile(mobile::MobileArgs),
    /// Hardware-token verifications per second on one core (HOTP, TOTP, OCRA; no server).
    #[command(name = "tokens")]
    Tokens(tokens::TokensArgs),
    /// Writes a SAML service provider's key and metadata for `saml-rate` (register the metadata
    /// with `limen service add --protocol saml --metadata DIR/metadata.xml`).
    #[command(name = "saml-sp")]
    SamlSp(saml::SamlSpArgs),
    /// SAML assertions issued per second at /saml/sso (pre-signed POST AuthnRequests), with
    /// latencies.
    #[command(name = "saml-rate")]
    Saml(saml::SamlRateArgs),
    /// Accounts with second factors and live SSO sessions written into a database (PostgreSQL
    /// COPY, SQLite batched INSERTs), for benchmarks at scale.
    #[command(name = "seed")]
    Seed(seed::SeedArgs),
    /// How the database runs the store's hot queries (EXPLAIN), as Markdown.
    #[command(name = "explain")]
    Explain(explain::ExplainArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Argon2(args) => argon::run(&args),
        Command::Login(args) => runtime()?.block_on(http::login_rate(args)),
        Command::Burst(args) => runtime()?.block_on(http::login_burst(args)),
        Command::Validate(args) => runtime()?.block_on(http::validate_rate(args)),
        Command::Oidc(args) => runtime()?.block_on(oidc::oidc_rate(args)),
        Command::Mobile(args) => runtime()?.block_on(mobile::mobile(args)),
        Command::Tokens(args) => tokens::run(&args),
        Command::SamlSp(args) => saml::write_sp(&args),
        Command::Saml(args) => runtime()?.block_on(saml::saml_rate(args)),
        Command::Seed(args) => runtime()?.block_on(seed::seed(args)),
        Command::Explain(args) => runtime()?.block_on(explain::explain(args)),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}
