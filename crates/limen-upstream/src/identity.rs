//! Claims (from an ID token or a user-info answer) mapped onto [`UpstreamIdentity`]. The
//! identity is keyed by issuer and subject only: an e-mail address is an attribute, never who the
//! user is, and `email_verified` is true only when the provider says so *and* the entry trusts
//! this provider for it.

use crate::provider::{ClaimMapping, Provider};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Longest attribute value kept; longer ones (a broken or hostile provider) are dropped.
const MAX_VALUE: usize = 256;

/// Who signed in upstream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpstreamIdentity {
    /// The `[[upstream]]` id.
    pub provider: String,
    /// The issuer the subject belongs to (for Entra multi-tenant: the tenant's issuer).
    pub issuer: String,
    /// The provider's stable identifier of the user (`sub`; GitHub's and Facebook's numeric
    /// `id`). With `issuer`, the only key an account may be linked by.
    pub subject: String,
    pub email: Option<String>,
    /// True only if the provider asserted it and `trust_email_verified` is set.
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub name: Option<String>,
    /// BCP 47 tag as the provider sent it (OIDC Core §5.1 `locale`).
    pub locale: Option<String>,
    /// OIDC Core §2 `acr` of the upstream authentication, if the ID token had one.
    pub acr: Option<String>,
    /// RFC 8176 `amr` values, if the ID token had them.
    pub amr: Vec<String>,
}

/// A string value, or a number written out (GitHub and Facebook ids are numbers), kept only if
/// short and free of control characters.
fn attribute(claims: &Map<String, Value>, name: &str) -> Option<String> {
    let value = match claims.get(name)? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!value.is_empty() && value.len() <= MAX_VALUE && !value.chars().any(char::is_control))
        .then_some(value)
}

/// `email_verified` is a boolean in OIDC Core §5.1; Apple sends the string `"true"`.
fn asserted_true(claims: &Map<String, Value>, name: &str) -> bool {
    match claims.get(name) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true",
        _ => false,
    }
}

/// Maps claims through the provider's [`ClaimMapping`]. `None` when there is no subject.
pub(crate) fn map_claims(
    provider: &Provider,
    issuer: &str,
    claims: &Map<String, Value>,
) -> Option<UpstreamIdentity> {
    let m: &ClaimMapping = &provider.claims;
    let subject = attribute(claims, &m.subject)?;
    let email = attribute(claims, &m.email).filter(|e| e.contains('@'));
    let email_verified = email.is_some()
        && provider.trust_email_verified
        && asserted_true(claims, &m.email_verified);
    let amr = match claims.get("amr") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .filter(|v| v.len() <= 32)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    Some(UpstreamIdentity {
        provider: provider.id.clone(),
        issuer: issuer.to_owned(),
        subject,
        email,
        email_verified,
        given_name: attribute(claims, &m.given_name),
        family_name: attribute(claims, &m.family_name),
        name: attribute(claims, &m.name),
        locale: attribute(claims, &m.locale),
        acr: attribute(claims, "acr"),
        amr,
    })
}

/// GitHub's `/user/emails` answer: the primary address if it is verified (a list of
/// `{email, primary, verified}`).
pub(crate) fn github_primary_email(answer: &Value) -> Option<(String, bool)> {
    let list = answer.as_array()?;
    let primary = list
        .iter()
        .find(|e| e.get("primary").and_then(Value::as_bool) == Some(true))?;
    let email = primary.get("email").and_then(Value::as_str)?;
    if email.len() > MAX_VALUE || !email.contains('@') {
        return None;
    }
    let verified = primary.get("verified").and_then(Value::as_bool) == Some(true);
    Some((email.to_owned(), verified))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn email_is_verified_only_when_asserted_and_trusted() {
        let mut p = Provider::new("g", "G", "https://op.example", "c");
        let c = claims(json!({"sub": "42", "email": "a@example.org", "email_verified": true}));
        let untrusted = map_claims(&p, "https://op.example", &c).unwrap();
        assert_eq!(untrusted.email.as_deref(), Some("a@example.org"));
        assert!(!untrusted.email_verified, "not trusted: never verified");
        p.trust_email_verified = true;
        assert!(
            map_claims(&p, "https://op.example", &c)
                .unwrap()
                .email_verified
        );
        for flag in [json!(false), json!("false"), json!(1), Value::Null] {
            let c = claims(json!({"sub": "42", "email": "a@example.org", "email_verified": flag}));
            assert!(!map_claims(&p, "i", &c).unwrap().email_verified, "{flag}");
        }
        let apple =
            claims(json!({"sub": "42", "email": "a@example.org", "email_verified": "true"}));
        assert!(map_claims(&p, "i", &apple).unwrap().email_verified);
        let no_mail = claims(json!({"sub": "42", "email_verified": true}));
        assert!(!map_claims(&p, "i", &no_mail).unwrap().email_verified);
    }

    #[test]
    fn the_subject_is_the_sub_never_the_email_and_overrides_apply() {
        let mut p = Provider::new("gh", "GH", "https://github.com", "c");
        assert!(map_claims(&p, "i", &claims(json!({"email": "a@example.org"}))).is_none());
        p.claims.subject = "id".into();
        p.claims.email = "mail".into();
        p.claims.locale = "lang".into();
        let c = claims(json!({
            "id": 583231, "mail": "a@example.org", "lang": "fr-BE",
            "given_name": "Ann", "family_name": "Lee\u{7}", "name": "x".repeat(300),
            "acr": "urn:x", "amr": ["pwd", "mfa"]
        }));
        let id = map_claims(&p, "https://github.com", &c).unwrap();
        assert_eq!(id.subject, "583231");
        assert_eq!(id.issuer, "https://github.com");
        assert_eq!(id.provider, "gh");
        assert_eq!(id.email.as_deref(), Some("a@example.org"));
        assert_eq!(id.locale.as_deref(), Some("fr-BE"));
        assert_eq!(id.given_name.as_deref(), Some("Ann"));
        assert_eq!(id.family_name, None, "control characters are refused");
        assert_eq!(id.name, None, "over-long values are dropped");
        assert_eq!(id.acr.as_deref(), Some("urn:x"));
        assert_eq!(id.amr, ["pwd", "mfa"]);
    }

    #[test]
    fn github_primary_email_is_found() {
        let answer = json!([
            {"email": "old@example.org", "primary": false, "verified": true},
            {"email": "me@example.org", "primary": true, "verified": false}
        ]);
        assert_eq!(
            github_primary_email(&answer),
            Some(("me@example.org".into(), false))
        );
        assert_eq!(github_primary_email(&json!({"message": "x"})), None);
    }
}
