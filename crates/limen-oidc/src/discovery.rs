//! Provider metadata (OpenID Connect Discovery 1.0 §3, RFC 8414 §2).

use limen_core::oidc::{Acr, JwsAlg, SCOPES};
use serde_json::{Value, json};

/// `languages`: the BCP 47 tags of the languages the pages and the claims are offered in
/// (Discovery §3 `ui_locales_supported`, `claims_locales_supported`).
pub fn metadata(issuer: &str, languages: &[&str]) -> Value {
    let at = |path: &str| format!("{issuer}{path}");
    let algs: Vec<&str> = JwsAlg::ALL.iter().map(|a| a.as_str()).collect();
    json!({
        "issuer": issuer,
        "authorization_endpoint": at("/oidc/authorize"),
        "token_endpoint": at("/oidc/token"),
        "userinfo_endpoint": at("/oidc/userinfo"),
        "jwks_uri": at("/oidc/jwks"),
        "revocation_endpoint": at("/oidc/revoke"),
        "introspection_endpoint": at("/oidc/introspect"),
        "end_session_endpoint": at("/oidc/logout"),
        "scopes_supported": SCOPES,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "form_post"],
        "grant_types_supported": [
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:token-exchange"
        ],
        "subject_types_supported": ["public", "pairwise"],
        "id_token_signing_alg_values_supported": algs,
        "token_endpoint_auth_methods_supported":
            ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
        "token_endpoint_auth_signing_alg_values_supported": ["ES256", "ES384", "RS256", "PS256", "EdDSA"],
        "revocation_endpoint_auth_methods_supported":
            ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        "introspection_endpoint_auth_methods_supported":
            ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "sid", "azp",
            "email", "email_verified", "given_name", "family_name", "name", "locale", "groups"
        ],
        "claims_parameter_supported": true,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "acr_values_supported": Acr::supported(),
        "prompt_values_supported": ["none", "login", "consent", "select_account"],
        "ui_locales_supported": languages,
        "claims_locales_supported": languages,
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "frontchannel_logout_supported": true,
        "frontchannel_logout_session_supported": true,
        "authorization_response_iss_parameter_supported": true,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn endpoints_live_under_the_issuer() {
        let m = super::metadata("https://login.example.org", &["en", "fr"]);
        assert_eq!(m["issuer"], "https://login.example.org");
        assert_eq!(m["token_endpoint"], "https://login.example.org/oidc/token");
        assert!(
            m["acr_values_supported"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v == "MEDIUM")
        );
        assert_eq!(
            m["code_challenge_methods_supported"],
            serde_json::json!(["S256"])
        );
        for (list, value) in [
            ("scopes_supported", "groups"),
            ("claims_supported", "groups"),
        ] {
            assert!(
                m[list].as_array().unwrap().iter().any(|v| v == value),
                "{list}"
            );
        }
    }
}
