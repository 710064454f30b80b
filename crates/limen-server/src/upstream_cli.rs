//! `limen upstream …` (issue 19, docs/FEDERATION.md §1.2): the configured upstream identity
//! providers. The configuration file stays the source of truth: `add` checks an entry (and, for
//! OpenID Connect, fetches the provider's discovery document) before appending its
//! `[[upstream]]` table to the file, and prints the callback URL to register at the provider;
//! `remove` takes the table out, and refuses while accounts are linked through it unless
//! `--force` removes their links.

use crate::cli::{open, say};
use crate::config::Config;
use anyhow::{Context, bail};
use clap::Subcommand;
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

// Parsed once per process: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum UpstreamCommand {
    /// The configured upstreams: id, kind, what a sign-in proves, accounts linked.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Fetches an OpenID Connect provider's discovery document now, or shows an eIDAS node's
    /// SP side (metadata URL, ACS, pinned certificates).
    Check { id: String },
    /// Checks a new upstream and appends it to the configuration file.
    Add {
        id: String,
        /// oidc, oauth2 or saml_eidas.
        #[arg(long, default_value = "oidc")]
        kind: String,
        /// google, microsoft, apple, github or facebook (fills the provider's endpoints).
        #[arg(long)]
        preset: Option<String>,
        /// What the sign-in button says.
        #[arg(long)]
        name: Option<String>,
        /// OpenID Connect: the issuer (discovery at ISSUER/.well-known/openid-configuration).
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        client_id: Option<String>,
        /// A file holding the client secret (never the secret itself on the command line).
        #[arg(long)]
        client_secret_file: Option<PathBuf>,
        /// microsoft: the tenant (a tenant id, organizations, common, consumers).
        #[arg(long)]
        tenant: Option<String>,
        /// SOCIAL_NETWORKS (default) or EIDAS.
        #[arg(long)]
        strength: Option<String>,
        /// The provider's `email_verified` is believed (a new account's address needs no link).
        #[arg(long)]
        trust_email_verified: bool,
        /// First sign-ins may not create accounts (only link existing ones).
        #[arg(long)]
        no_sign_up: bool,
        /// saml_eidas: the node's entity id, SSO URL, signing certificate (PEM) and the
        /// destination country.
        #[arg(long)]
        idp_entity_id: Option<String>,
        #[arg(long)]
        idp_sso_url: Option<String>,
        #[arg(long)]
        idp_certificate: Vec<PathBuf>,
        #[arg(long)]
        sp_country: Option<String>,
        /// Do not fetch the discovery document (a provider not reachable from here yet).
        #[arg(long)]
        no_check: bool,
    },
    /// Removes an upstream from the configuration file.
    Remove {
        id: String,
        /// Also remove the links of the accounts that sign in through it (audited).
        #[arg(long)]
        force: bool,
    },
}

/// The file `add` and `remove` edit: `--config`, else `./limen.toml`.
fn config_file(explicit: Option<&Path>) -> PathBuf {
    explicit.map_or_else(|| PathBuf::from("limen.toml"), Path::to_path_buf)
}

fn entries(config: &Config) -> anyhow::Result<Vec<(String, String, String, String)>> {
    let (oidc, saml) = crate::config_upstream::upstreams(&config.upstream)?;
    let mut out: Vec<(String, String, String, String)> = oidc
        .iter()
        .map(|p| {
            let kind = match p.kind {
                limen_upstream::Kind::Oidc => "oidc",
                limen_upstream::Kind::Oauth2 => "oauth2",
            };
            (
                p.id.clone(),
                kind.to_owned(),
                p.name.clone(),
                p.strength.as_str().to_owned(),
            )
        })
        .collect();
    out.extend(saml.iter().map(|u| {
        (
            u.id().to_owned(),
            "saml_eidas".to_owned(),
            u.entry.name.clone(),
            "EIDAS".to_owned(),
        )
    }));
    Ok(out)
}

pub async fn run(
    config: &Config,
    file: Option<&Path>,
    command: UpstreamCommand,
) -> anyhow::Result<()> {
    match command {
        UpstreamCommand::List { json } => {
            let store = open(config).await?;
            let mut rows = Vec::new();
            for (id, kind, name, strength) in entries(config)? {
                let links = store.count_upstream_links(&id).await?;
                rows.push(json!({"id": id, "kind": kind, "name": name, "strength": strength, "links": links}));
            }
            if json {
                say!("{}", serde_json::to_string_pretty(&rows)?);
            } else if rows.is_empty() {
                say!("no upstream is configured ([[upstream]] in the configuration file)");
            } else {
                for r in rows {
                    say!(
                        "{:<16} {:<10} {:<16} links: {:<5} {}",
                        r["id"].as_str().unwrap_or_default(),
                        r["kind"].as_str().unwrap_or_default(),
                        r["strength"].as_str().unwrap_or_default(),
                        r["links"],
                        r["name"].as_str().unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
        UpstreamCommand::Check { id } => check(config, &id).await,
        UpstreamCommand::Add {
            id,
            kind,
            preset,
            name,
            issuer,
            client_id,
            client_secret_file,
            tenant,
            strength,
            trust_email_verified,
            no_sign_up,
            idp_entity_id,
            idp_sso_url,
            idp_certificate,
            sp_country,
            no_check,
        } => {
            if entries(config)?.iter().any(|(i, ..)| *i == id) {
                bail!("an upstream {id:?} is already configured");
            }
            let mut t = Map::new();
            let mut put = |k: &str, v: Value| {
                t.insert(k.to_owned(), v);
            };
            put("id", json!(id));
            let has_name = name.is_some();
            if let Some(n) = name {
                put("name", json!(n));
            }
            if kind == "saml_eidas" {
                put("kind", json!(kind));
                put("idp_entity_id", json!(idp_entity_id.unwrap_or_default()));
                put("idp_sso_url", json!(idp_sso_url.unwrap_or_default()));
                put("idp_certificates", json!(idp_certificate));
                put("sp_country", json!(sp_country.unwrap_or_default()));
                if !has_name {
                    put("name", json!("eID"));
                }
            } else {
                match preset {
                    Some(p) => put("preset", json!(p)),
                    None => put("kind", json!(kind)),
                }
                if let Some(i) = issuer {
                    put("issuer", json!(i));
                }
                put("client_id", json!(client_id.unwrap_or_default()));
                if let Some(f) = client_secret_file {
                    let f = std::fs::canonicalize(&f)
                        .with_context(|| format!("cannot read {}", f.display()))?;
                    put("client_secret_file", json!(f));
                }
                if let Some(tn) = tenant {
                    put("tenant", json!(tn));
                }
                if let Some(s) = strength {
                    put("strength", json!(s.to_ascii_uppercase()));
                }
                if trust_email_verified {
                    put("trust_email_verified", json!(true));
                }
            }
            if no_sign_up {
                put("sign_up", json!(false));
            }
            let table = Value::Object(t.clone());
            let (oidc, _) = crate::config_upstream::upstreams(std::slice::from_ref(&table))?;
            if let Some(provider) = oidc.first()
                && !no_check
            {
                fetch_discovery(config, provider.clone()).await?;
            }
            let path = config_file(file);
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&toml_table(&t));
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            say!("added [[upstream]] {id} to {}", path.display());
            let base = format!("{}/upstream/{id}", config.public_url());
            if kind == "saml_eidas" {
                say!("SP metadata (the entity id): {base}/metadata");
                say!("assertion consumer service: {base}/acs");
            } else {
                say!("register this redirect URI at the provider: {base}/callback");
            }
            say!("restart the server for it to take effect");
            Ok(())
        }
        UpstreamCommand::Remove { id, force } => {
            let store = open(config).await?;
            let links = store.count_upstream_links(&id).await?;
            if links > 0 && !force {
                bail!(
                    "{links} account(s) sign in through {id}; `--force` removes their links too \
                     (an account with no password keeps no way in)"
                );
            }
            let path = config_file(file);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let Some(kept) = without_table(&text, &id) else {
                bail!(
                    "{} has no [[upstream]] table with id = {id:?} (set elsewhere? edit it there)",
                    path.display()
                );
            };
            if links > 0 {
                let accounts = store.delete_upstream_links_to(&id).await?;
                for account in &accounts {
                    let mut entry = limen_store::AuditEntry::new(
                        time::OffsetDateTime::now_utc(),
                        "upstream.unlink",
                        Some(*account),
                        json!({"upstream": id, "by": "cli"}),
                    );
                    entry.client_ip = Some("-".into());
                    entry.actor = Some("cli".into());
                    store.audit(&entry).await?;
                }
                say!("removed the links of {} account(s)", accounts.len());
            }
            std::fs::write(&path, kept)
                .with_context(|| format!("cannot write {}", path.display()))?;
            say!(
                "removed [[upstream]] {id} from {}; restart the server",
                path.display()
            );
            Ok(())
        }
    }
}

async fn fetch_discovery(
    config: &Config,
    provider: limen_upstream::Provider,
) -> anyhow::Result<()> {
    let http = limen_web::http_client::build(&config.web().http_client)
        .map_err(|e| anyhow::anyhow!("[http_client]: {e}"))?;
    let client = limen_upstream::UpstreamClient::new(
        provider,
        limen_upstream::ReqwestFetch(http),
        std::sync::Arc::new(limen_core::SystemClock),
    )?;
    let e = client
        .endpoints()
        .await
        .context("the provider's discovery document")?;
    say!("issuer: {}", e.issuer);
    say!("authorization endpoint: {}", e.authorization_endpoint);
    say!("token endpoint: {}", e.token_endpoint);
    if let Some(j) = &e.jwks_uri {
        say!("keys: {j}");
    }
    Ok(())
}

async fn check(config: &Config, id: &str) -> anyhow::Result<()> {
    let (oidc, saml) = crate::config_upstream::upstreams(&config.upstream)?;
    if let Some(p) = oidc.into_iter().find(|p| p.id == id) {
        return fetch_discovery(config, p).await;
    }
    if let Some(u) = saml.into_iter().find(|u| u.id() == id) {
        let base = format!("{}/upstream/{id}", config.public_url());
        say!(
            "node: {} (requests to {})",
            u.entry.idp_entity_id,
            u.entry.idp_sso_url
        );
        say!("SP metadata (the entity id): {base}/metadata");
        say!("assertion consumer service: {base}/acs");
        for der in &u.certificates {
            say!(
                "pinned certificate SHA-256: {}",
                limen_crypto::sha256_hex(der)
            );
        }
        say!("least level requested: {}", u.minimum.uri());
        return Ok(());
    }
    bail!("no upstream {id:?} is configured")
}

/// A TOML value from JSON (strings, booleans, numbers, arrays of them): JSON's string escapes
/// are TOML basic-string escapes.
fn toml_value(v: &Value) -> String {
    match v {
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", inner.join(", "))
        }
        other => other.to_string(),
    }
}

fn toml_table(t: &Map<String, Value>) -> String {
    let mut out = String::from("\n[[upstream]]\n");
    // `id` first, then the rest in a stable order.
    if let Some(id) = t.get("id") {
        out.push_str(&format!("id = {}\n", toml_value(id)));
    }
    for (k, v) in t.iter().filter(|(k, _)| *k != "id") {
        out.push_str(&format!("{k} = {}\n", toml_value(v)));
    }
    out
}

/// The file without the `[[upstream]]` table whose `id` is `id`; `None` when it has none.
fn without_table(text: &str, id: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let wanted = format!("id = {}", Value::String(id.to_owned()));
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "[[upstream]]" {
            let end = (i + 1..lines.len())
                .find(|j| is_header(lines[*j]))
                .unwrap_or(lines.len());
            if lines[i + 1..end].iter().any(|l| l.trim() == wanted) {
                let mut kept: Vec<&str> = lines[..i].to_vec();
                // A blank line that only separated the removed table goes with it.
                while kept.last().is_some_and(|l| l.trim().is_empty()) {
                    kept.pop();
                }
                kept.extend_from_slice(&lines[end..]);
                let mut s = kept.join("\n");
                s.push('\n');
                return Some(s);
            }
            i = end;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_written_and_taken_out_again() {
        let mut t = Map::new();
        t.insert("id".into(), json!("op"));
        t.insert("issuer".into(), json!("https://op.example/\"x\""));
        t.insert("scopes".into(), json!(["openid", "email"]));
        let text = format!("listen = \"127.0.0.1:8080\"\n{}", toml_table(&t));
        assert!(
            text.contains("issuer = \"https://op.example/\\\"x\\\"\""),
            "{text}"
        );
        let other = "\n[[upstream]]\nid = \"keep\"\nclient_id = \"c\"\n";
        let both = format!("{text}{other}\n[mail]\nfrom = \"x\"\n");
        let kept = without_table(&both, "op").unwrap();
        assert!(!kept.contains("id = \"op\""), "{kept}");
        assert!(
            kept.contains("id = \"keep\"") && kept.contains("[mail]"),
            "{kept}"
        );
        assert!(kept.starts_with("listen = "), "{kept}");
        assert!(without_table(&kept, "op").is_none());
    }
}
