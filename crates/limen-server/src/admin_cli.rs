//! `limen admin`: who administers Limen (issue 21, docs/ADMIN.md §2). The first admin is made
//! here, on the server's machine; then the console and the API do the rest.

use crate::cli::{find, open};
use crate::config::Config;
use anyhow::{anyhow, bail};
use clap::Subcommand;
use limen_core::{AdminRole, ServiceProtocol};
use limen_store::Store;
use serde_json::json;

macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Give an account a role in the console: admin, helpdesk or auditor.
    Grant {
        email: String,
        #[arg(long)]
        role: String,
    },
    /// Take an account's role away.
    Revoke { email: String },
    /// Everyone and every program holding a role.
    List,
    /// Programs of the admin API: OpenID Connect clients with the client credentials grant.
    Client {
        #[command(subcommand)]
        command: ClientCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Let a confidential OpenID Connect client (by service name) call the admin API with a role.
    Grant {
        service: String,
        #[arg(long)]
        role: String,
    },
    /// Take the role away; its access tokens stop working at once.
    Revoke { service: String },
}

fn role(s: &str) -> anyhow::Result<AdminRole> {
    s.parse().map_err(|e: String| anyhow!(e))
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

async fn audit(store: &Store, event: &str, account_id: Option<i64>, detail: serde_json::Value) {
    let mut entry = limen_store::AuditEntry::new(now(), event, account_id, detail);
    entry.actor = Some("cli".into());
    entry.client_ip = Some(limen_authn::Client::CLI.ip.to_owned());
    if let Err(e) = store.audit(&entry).await {
        eprintln!("warning: the change is made, but the audit log could not be written: {e}");
    }
}

pub async fn run(config: &Config, command: AdminCommand) -> anyhow::Result<()> {
    let store = open(config).await?;
    match command {
        AdminCommand::Grant { email, role: r } => {
            let r = role(&r)?;
            let a = find(&store, &email).await?;
            if a.status == limen_core::AccountStatus::Deleted {
                bail!("{email} is deleted");
            }
            store.grant_admin(a.id, r, "cli", now()).await?;
            audit(
                &store,
                "admin.role_granted",
                Some(a.id),
                json!({"role": r.as_str()}),
            )
            .await;
            say!(
                "{} is now {r}; the console is at {}/admin/ (it asks for one of: {})",
                a.email,
                config.public_url(),
                config
                    .web()
                    .admin
                    .console_strengths
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok(())
        }
        AdminCommand::Revoke { email } => {
            let a = find(&store, &email).await?;
            if !store.revoke_admin(a.id).await? {
                bail!("{} holds no role", a.email);
            }
            audit(&store, "admin.role_revoked", Some(a.id), json!({})).await;
            say!("{} no longer holds a role", a.email);
            Ok(())
        }
        AdminCommand::List => {
            let people = store.admins().await?;
            let programs = store.admin_clients().await?;
            if people.is_empty() && programs.is_empty() {
                say!(
                    "no one holds a role: `limen admin grant EMAIL --role admin` makes the first admin"
                );
            }
            for g in people {
                say!(
                    "{:<9} {} (uid {}), granted by {}",
                    g.role.as_str(),
                    g.account.email,
                    g.account.uid,
                    g.granted_by
                );
            }
            for c in programs {
                say!(
                    "{:<9} client {} (service {:?}), granted by {}",
                    c.role.as_str(),
                    c.client_id,
                    c.service_name,
                    c.granted_by
                );
            }
            Ok(())
        }
        AdminCommand::Client {
            command: ClientCommand::Grant { service, role: r },
        } => {
            let r = role(&r)?;
            let s = store
                .service_by_name(&service)
                .await?
                .ok_or_else(|| anyhow!("no service named {service:?}"))?;
            if s.protocol != ServiceProtocol::Oidc {
                bail!("{service:?} is not an OpenID Connect client");
            }
            let Some((_, client)) = store.oidc_client_of_service(s.id).await? else {
                bail!("{service:?} is not an OpenID Connect client");
            };
            // RFC 6749 §4.4: the client credentials grant is for confidential clients.
            if client.is_public() {
                bail!("{service:?} is a public client: the admin API needs a confidential one");
            }
            store.grant_admin_client(s.id, r, "cli", now()).await?;
            audit(
                &store,
                "admin.client_role_granted",
                None,
                json!({"client": client.client_id, "role": r.as_str()}),
            )
            .await;
            say!(
                "client {} may call {}/admin/api/v1 as {r}: POST {}/oidc/token with grant_type=client_credentials",
                client.client_id,
                config.public_url(),
                config.public_url()
            );
            Ok(())
        }
        AdminCommand::Client {
            command: ClientCommand::Revoke { service },
        } => {
            let s = store
                .service_by_name(&service)
                .await?
                .ok_or_else(|| anyhow!("no service named {service:?}"))?;
            if !store.revoke_admin_client(s.id).await? {
                bail!("{service:?} holds no role");
            }
            audit(
                &store,
                "admin.client_role_revoked",
                None,
                json!({"service": s.name}),
            )
            .await;
            say!("{service:?} no longer holds a role; its tokens are revoked");
            Ok(())
        }
    }
}
