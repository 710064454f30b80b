//! What tokens and userinfo say (OIDC Core §2, §5.1, §5.3; Back-Channel Logout 1.0 §2.4).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use limen_core::Account;
use limen_core::oidc::{OidcClient, SubjectType};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The authentication facts of a grant, fixed at login and repeated in every ID token issued
/// from it (OIDC Core §12.2: a refreshed ID token keeps `auth_time`, `acr`, `amr`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthFacts {
    pub auth_time: i64,
    pub acr: String,
    pub amr: Vec<String>,
    pub strength: String,
    pub nonce: Option<String>,
}

/// `sub` for this client: the account's stable `uid`, or for pairwise clients
/// base64url(HMAC-SHA256(key, sector ‖ 0x00 ‖ uid)) — stable per sector, unlinkable across
/// sectors without the key (OIDC Core §8.1).
pub fn subject(client: &OidcClient, uid: &str, pairwise_key: &[u8]) -> String {
    match client.subject_type {
        SubjectType::Public => uid.to_owned(),
        SubjectType::Pairwise => URL_SAFE_NO_PAD.encode(limen_crypto::hmac_sha256(
            pairwise_key,
            format!("{}\u{0}{uid}", client.sector).as_bytes(),
        )),
    }
}

/// The user claims of the granted scopes (OIDC Core §5.4). Every account's address was proven
/// by a link sent to it (registration, address change) or set by an operator, so
/// `email_verified` is true.
///
/// `groups` (the account's groups, as EU Login releases them) is a JSON array of names, present
/// — empty for an account in no group — exactly when the `groups` scope was granted, which only
/// a client registered with that scope can be (authorize.rs). `groups` is read only then.
pub fn user_claims(account: &Account, scopes: &[String], groups: &[String]) -> Map<String, Value> {
    let mut out = Map::new();
    let has = |s: &str| scopes.iter().any(|x| x == s);
    if has("email") {
        out.insert("email".into(), json!(account.email.as_str()));
        out.insert("email_verified".into(), json!(true));
    }
    if has("profile") {
        if let Some(first) = &account.first_name {
            out.insert("given_name".into(), json!(first.as_str()));
        }
        out.insert("family_name".into(), json!(account.last_name.as_str()));
        out.insert("name".into(), json!(account.display_name()));
        let locale = account
            .ui_locale
            .clone()
            .unwrap_or_else(|| account.email_locale.clone());
        out.insert("locale".into(), json!(locale));
    }
    if has("groups") {
        out.insert("groups".into(), json!(groups));
    }
    out
}

/// Inputs of an ID token.
pub struct IdToken<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub sub: &'a str,
    pub sid: &'a str,
    pub facts: &'a AuthFacts,
    /// Whether to repeat the nonce (the first ID token of a grant; not refreshed ones).
    pub with_nonce: bool,
    pub at_hash: Option<String>,
    pub iat: i64,
    pub exp: i64,
    pub user: Map<String, Value>,
}

pub fn id_token_claims(t: &IdToken<'_>) -> Value {
    let mut c = Map::new();
    c.insert("iss".into(), json!(t.issuer));
    c.insert("sub".into(), json!(t.sub));
    c.insert("aud".into(), json!(t.client_id));
    c.insert("azp".into(), json!(t.client_id));
    c.insert("exp".into(), json!(t.exp));
    c.insert("iat".into(), json!(t.iat));
    c.insert("auth_time".into(), json!(t.facts.auth_time));
    if t.with_nonce
        && let Some(nonce) = &t.facts.nonce
    {
        c.insert("nonce".into(), json!(nonce));
    }
    c.insert("acr".into(), json!(t.facts.acr));
    c.insert("amr".into(), json!(t.facts.amr));
    c.insert("sid".into(), json!(t.sid));
    if let Some(h) = &t.at_hash {
        c.insert("at_hash".into(), json!(h));
    }
    for (k, v) in &t.user {
        c.insert(k.clone(), v.clone());
    }
    Value::Object(c)
}

/// OpenID Connect Back-Channel Logout 1.0 §2.4: a logout token never carries a nonce, and names
/// the event.
/// It must name `sub` or `sid` (§2.4); Limen always names the session.
pub fn logout_token_claims(
    issuer: &str,
    client_id: &str,
    sub: Option<&str>,
    sid: &str,
    iat: i64,
    jti: &str,
) -> Value {
    let mut t = json!({
        "iss": issuer,
        "aud": client_id,
        "iat": iat,
        "exp": iat + 120,
        "jti": jti,
        "sid": sid,
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
    });
    if let Some(sub) = sub {
        t["sub"] = json!(sub);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authorize::tests_support::client;

    #[test]
    fn pairwise_subjects_differ_per_sector_and_are_stable() {
        let mut a = client();
        a.subject_type = SubjectType::Pairwise;
        let mut b = a.clone();
        b.sector = "other.example.org".into();
        let key = b"k".repeat(32);
        let s1 = subject(&a, "uid-1", &key);
        assert_eq!(s1, subject(&a, "uid-1", &key));
        assert_ne!(s1, subject(&b, "uid-1", &key));
        assert_ne!(s1, subject(&a, "uid-2", &key));
        assert_ne!(s1, "uid-1");
        assert_eq!(s1.len(), 43);
        a.subject_type = SubjectType::Public;
        assert_eq!(subject(&a, "uid-1", &key), "uid-1");
    }

    #[test]
    fn groups_are_claimed_only_with_their_scope() {
        let account = limen_core::Account {
            id: 1,
            uid: "n007vcq4".into(),
            email: limen_core::Email::parse("jane@example.org").unwrap(),
            first_name: None,
            last_name: limen_core::PersonName::parse("Doe").unwrap(),
            user_type: limen_core::UserType::External,
            status: limen_core::AccountStatus::Active,
            assurance: limen_core::AssuranceLevel::Low,
            email_locale: "en".into(),
            ui_locale: None,
            password_hash: None,
            password_changed_at: None,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            mfa_always: false,
        };
        let groups = vec!["DIGIT-A3".to_owned(), "Staff".to_owned()];
        let scopes = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let with = user_claims(&account, &scopes(&["openid", "groups"]), &groups);
        assert_eq!(with["groups"], json!(["DIGIT-A3", "Staff"]));
        assert!(with.get("email").is_none());
        let none = user_claims(&account, &scopes(&["openid", "groups"]), &[]);
        assert_eq!(none["groups"], json!([]));
        let without = user_claims(&account, &scopes(&["openid", "email"]), &groups);
        assert!(without.get("groups").is_none());
    }

    #[test]
    fn logout_tokens_have_the_event_and_no_nonce() {
        let t = logout_token_claims("https://op", "rp", Some("u"), "s", 100, "j");
        assert_eq!(t["sub"], "u");
        assert!(t.get("nonce").is_none());
        assert!(t["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
        assert_eq!(t["sid"], "s");
    }
}
