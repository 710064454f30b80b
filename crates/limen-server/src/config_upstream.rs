//! `[[upstream]]`: the identity providers users may sign in with (issue 19,
//! docs/FEDERATION.md §1). Each table is one `limen_upstream::Provider`; `preset` starts it from
//! a known provider (`google`, `microsoft`, `apple`, `github`, `facebook`) and the table's other
//! keys override the preset's.

use anyhow::{Context, bail};
use limen_upstream::{Provider, presets};
use limen_web::upstream::saml::{SamlEntry, SamlUpstream};
use serde_json::{Map, Value};

/// Keys a preset consumes, not `Provider` fields.
const PRESET_KEYS: [&str; 5] = ["preset", "tenant", "team_id", "key_id", "private_key_file"];

fn text<'a>(table: &'a Map<String, Value>, key: &str, id: &str) -> anyhow::Result<&'a str> {
    table
        .get(key)
        .and_then(Value::as_str)
        .with_context(|| format!("[[upstream]] {id}: preset needs {key}"))
}

/// The provider a preset starts from.
fn preset(name: &str, table: &Map<String, Value>, id: &str) -> anyhow::Result<Provider> {
    let client_id = text(table, "client_id", id)?;
    Ok(match name {
        "google" => presets::google(client_id, ""),
        "github" => presets::github(client_id, ""),
        "facebook" => presets::facebook(client_id, ""),
        "microsoft" => presets::microsoft(text(table, "tenant", id)?, client_id, ""),
        "apple" => presets::apple(
            client_id,
            text(table, "team_id", id)?,
            text(table, "key_id", id)?,
            std::path::Path::new(text(table, "private_key_file", id)?),
        ),
        other => bail!(
            "[[upstream]] {id}: unknown preset {other:?} (google, microsoft, apple, github, facebook)"
        ),
    })
}

/// One `[[upstream]]` table as a checked provider, its secret file read.
pub fn provider(entry: &Value) -> anyhow::Result<Provider> {
    let Some(table) = entry.as_object() else {
        bail!("[[upstream]] entries are tables");
    };
    let id = table
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("(no id)")
        .to_owned();
    let mut merged = match table.get("preset").and_then(Value::as_str) {
        Some(name) => {
            let mut p = preset(name, table, &id)?;
            if table.contains_key("client_secret") || table.contains_key("client_secret_file") {
                p.client_secret = None;
            }
            match serde_json::to_value(&p)? {
                Value::Object(map) => map,
                _ => bail!("[[upstream]] {id}: preset"),
            }
        }
        None => Map::new(),
    };
    for (k, v) in table {
        if !PRESET_KEYS.contains(&k.as_str()) {
            merged.insert(k.clone(), v.clone());
        }
    }
    if table.contains_key("preset") && !table.contains_key("name") {
        // The preset's own name ("Google") unless the table gives one.
    } else if !merged.contains_key("name") {
        merged.insert("name".into(), Value::String(id.clone()));
    }
    let mut provider: Provider = serde_json::from_value(Value::Object(merged))
        .with_context(|| format!("[[upstream]] {id}"))?;
    provider.load_secret_file()?;
    provider.check()?;
    Ok(provider)
}

/// Every `[[upstream]]` table: the OpenID Connect and OAuth 2 providers, and the eIDAS nodes
/// (`kind = "saml_eidas"`); ids must be unique.
pub fn upstreams(entries: &[Value]) -> anyhow::Result<(Vec<Provider>, Vec<SamlUpstream>)> {
    let mut oidc: Vec<Provider> = Vec::new();
    let mut saml: Vec<SamlUpstream> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for entry in entries {
        let id = if entry.get("kind").and_then(Value::as_str) == Some("saml_eidas") {
            let id = entry.get("id").and_then(Value::as_str).unwrap_or("(no id)");
            let parsed: SamlEntry = serde_json::from_value(entry.clone())
                .with_context(|| format!("[[upstream]] {id}"))?;
            let upstream = SamlUpstream::load(parsed).map_err(anyhow::Error::msg)?;
            let id = upstream.id().to_owned();
            saml.push(upstream);
            id
        } else {
            let p = provider(entry)?;
            let id = p.id.clone();
            oidc.push(p);
            id
        };
        if ids.contains(&id) {
            bail!("[[upstream]] {id}: the id is used twice");
        }
        ids.push(id);
    }
    Ok((oidc, saml))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_plain_entry_reads_its_secret_file() {
        let dir = std::env::temp_dir().join(format!("limen-upstream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret");
        std::fs::write(&secret, "s3cret\n").unwrap();
        let p = provider(&json!({
            "id": "op", "name": "Our OP", "issuer": "https://op.example.org",
            "client_id": "limen", "client_secret_file": secret,
        }))
        .unwrap();
        assert_eq!(p.client_secret.as_ref().unwrap().expose(), "s3cret");
        assert_eq!(p.strength, limen_core::Strength::SocialNetworks);
        assert!(p.sign_up);
    }

    #[test]
    fn a_preset_fills_the_provider_and_the_table_overrides_it() {
        let p = provider(&json!({
            "id": "google", "preset": "google", "client_id": "123.apps",
            "client_secret": "x", "sign_up": false,
        }))
        .unwrap();
        assert_eq!(p.issuer, "https://accounts.google.com");
        assert_eq!(p.name, "Google");
        assert!(p.trust_email_verified);
        assert!(!p.sign_up);
        let p = provider(&json!({
            "id": "entra", "preset": "microsoft", "tenant": "organizations",
            "client_id": "c", "client_secret": "x", "allowed_tenants": ["t1"],
        }))
        .unwrap();
        assert_eq!(p.issuer_rule, limen_upstream::IssuerRule::EntraMultiTenant);
        assert_eq!(p.allowed_tenants, ["t1"]);
    }

    #[test]
    fn an_eidas_node_needs_its_pinned_certificate_and_never_low() {
        let refused = |v: Value, what: &str| {
            let e = format!("{:#}", upstreams(&[v]).unwrap_err());
            assert!(e.contains(what), "{e}");
        };
        let node = |extra: Value| {
            let mut v = json!({
                "id": "eidas", "kind": "saml_eidas", "name": "eID",
                "idp_entity_id": "https://node.example.eu/metadata",
                "idp_sso_url": "https://node.example.eu/sso",
                "idp_certificates": [], "sp_country": "BE",
            });
            v.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            v
        };
        refused(node(json!({})), "must be pinned");
        refused(
            node(json!({"idp_certificates": ["/nonexistent/node.pem"]})),
            "cannot read",
        );
        refused(node(json!({"minimum_loa": "low"})), "low is never accepted");
        refused(
            node(json!({"idp_sso_url": "http://node.example.eu/sso"})),
            "https",
        );
        refused(node(json!({"colour": "red"})), "unknown field");
        refused(node(json!({"sp_country": "be"})), "two capital letters");
        refused(node(json!({"sp_type": "secret"})), "public or private");
        // A real certificate (Limen's own SP certificate serves as one) is accepted.
        let keys = limen_saml::SpKeys::generate("test node").unwrap();
        let pem = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                &keys.signing_cert_der
            )
        );
        let path = std::env::temp_dir().join(format!("limen-node-{}.pem", std::process::id()));
        std::fs::write(&path, pem).unwrap();
        let (oidc, saml) = upstreams(&[node(json!({"idp_certificates": [path]}))]).unwrap();
        assert!(oidc.is_empty());
        assert_eq!(saml[0].minimum, limen_saml::Loa::Substantial);
        assert_eq!(saml[0].certificates.len(), 1);
    }

    #[test]
    fn bad_entries_are_refused_with_their_id() {
        let refused = |v: Value, what: &str| {
            let e = format!("{:#}", upstreams(&[v]).unwrap_err());
            assert!(e.contains(what), "{e}");
        };
        refused(
            json!({"id": "x", "preset": "myspace", "client_id": "c"}),
            "unknown preset",
        );
        // A preset without its secret (the preset's own is empty).
        refused(
            json!({"id": "g", "preset": "google", "client_id": "c"}),
            "client_secret is empty",
        );
        refused(
            json!({"id": "x", "issuer": "https://op.example", "client_id": "c", "client_secret": "s", "colour": "red"}),
            "unknown field",
        );
        refused(
            json!({"id": "x", "issuer": "http://op.example", "client_id": "c", "client_secret": "s"}),
            "https",
        );
        refused(
            json!({"id": "x", "issuer": "https://op.example", "client_id": "c", "client_secret": "s", "strength": "PASSWORD"}),
            "SOCIAL_NETWORKS or EIDAS",
        );
        refused(
            json!({"id": "x", "issuer": "https://op.example", "client_id": "c", "client_secret_file": "/nonexistent/limen"}),
            "cannot read",
        );
        let one = json!({"id": "x", "issuer": "https://op.example", "client_id": "c", "client_secret": "s"});
        let e = upstreams(&[one.clone(), one]).unwrap_err().to_string();
        assert!(e.contains("used twice"), "{e}");
    }
}
