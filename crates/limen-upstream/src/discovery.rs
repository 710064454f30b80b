//! OpenID Connect Discovery 1.0 §4: the provider's configuration document, read and checked.

use crate::UpstreamError;
use crate::provider::acceptable_url;
use serde_json::Value;

/// How long a discovery document or a key set is reused before it is fetched again, in seconds.
pub const METADATA_TTL: i64 = 60 * 60;

/// The endpoints of one provider, from discovery or from the `[[upstream]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The `issuer` the document named (for Entra multi-tenant: the `{tenantid}` template).
    pub issuer: String,
    pub authorization_endpoint: url::Url,
    pub token_endpoint: url::Url,
    /// Absent only for plain OAuth 2 providers.
    pub jwks_uri: Option<url::Url>,
    pub userinfo_endpoint: Option<url::Url>,
    /// RFC 9207 §3: the provider puts `iss` in every authorization response
    /// (`authorization_response_iss_parameter_supported`); a callback without it is then refused.
    pub iss_parameter: bool,
}

/// Discovery §4.1: the document's URL — the issuer with `/.well-known/openid-configuration`
/// appended to its path (after removing one trailing `/`).
pub fn discovery_url(issuer: &str) -> Result<url::Url, UpstreamError> {
    let base = issuer.strip_suffix('/').unwrap_or(issuer);
    url::Url::parse(&format!("{base}/.well-known/openid-configuration"))
        .map_err(|_| UpstreamError::Config("the issuer is not a URL".into()))
}

fn endpoint(doc: &Value, name: &'static str) -> Result<Option<url::Url>, UpstreamError> {
    match doc.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => acceptable_url(s)
            .map(Some)
            .ok_or(UpstreamError::InsecureEndpoint(name)),
        Some(_) => Err(UpstreamError::BadDocument {
            what: "the discovery document",
            why: "an endpoint is not a string",
        }),
    }
}

/// Discovery §4.2–§4.3: parses the document and checks that its `issuer` is exactly
/// `expected_issuer` (a different value means another provider answered, or an impostor).
pub fn parse(body: &str, expected_issuer: &str) -> Result<Endpoints, UpstreamError> {
    let bad = |why| UpstreamError::BadDocument {
        what: "the discovery document",
        why,
    };
    let doc: Value = serde_json::from_str(body).map_err(|_| bad("not JSON"))?;
    let issuer = doc
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or(bad("no issuer"))?;
    if issuer != expected_issuer {
        return Err(UpstreamError::IssuerMismatch);
    }
    let required = |name: &'static str| -> Result<url::Url, UpstreamError> {
        endpoint(&doc, name)?.ok_or(bad("a required endpoint is missing"))
    };
    Ok(Endpoints {
        issuer: issuer.to_owned(),
        authorization_endpoint: required("authorization_endpoint")?,
        token_endpoint: required("token_endpoint")?,
        jwks_uri: Some(required("jwks_uri")?),
        userinfo_endpoint: endpoint(&doc, "userinfo_endpoint")?,
        iss_parameter: doc
            .get("authorization_response_iss_parameter_supported")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(issuer: &str) -> String {
        json!({
            "issuer": issuer,
            "authorization_endpoint": "https://op.example/authorize",
            "token_endpoint": "https://op.example/token",
            "jwks_uri": "https://op.example/jwks",
            "userinfo_endpoint": "https://op.example/userinfo"
        })
        .to_string()
    }

    #[test]
    fn the_document_url_follows_section_4_1() {
        assert_eq!(
            discovery_url("https://op.example").unwrap().as_str(),
            "https://op.example/.well-known/openid-configuration"
        );
        assert_eq!(
            discovery_url("https://op.example/tenant/v2.0/")
                .unwrap()
                .as_str(),
            "https://op.example/tenant/v2.0/.well-known/openid-configuration"
        );
    }

    #[test]
    fn the_issuer_must_be_exactly_the_configured_one() {
        let e = parse(&doc("https://op.example"), "https://op.example").unwrap();
        assert_eq!(e.token_endpoint.as_str(), "https://op.example/token");
        for other in [
            "https://op.example/",
            "https://evil.example",
            "HTTPS://op.example",
        ] {
            assert_eq!(
                parse(&doc(other), "https://op.example"),
                Err(UpstreamError::IssuerMismatch),
                "{other}"
            );
        }
    }

    #[test]
    fn incomplete_or_insecure_documents_are_refused() {
        let mut d: Value = serde_json::from_str(&doc("https://op.example")).unwrap();
        d["token_endpoint"] = json!("http://op.example/token");
        assert_eq!(
            parse(&d.to_string(), "https://op.example"),
            Err(UpstreamError::InsecureEndpoint("token_endpoint"))
        );
        d.as_object_mut().unwrap().remove("token_endpoint");
        assert!(matches!(
            parse(&d.to_string(), "https://op.example"),
            Err(UpstreamError::BadDocument { .. })
        ));
        assert!(parse("<html>", "https://op.example").is_err());
    }
}
