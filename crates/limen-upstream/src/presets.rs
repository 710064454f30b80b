//! Ready-made entries for the providers people use. Each function fills the issuer or endpoints,
//! scopes, claim mapping and trust; the operator supplies what the provider's console gives
//! (said on each). The redirect URI to register there is the caller's callback URL.

use crate::UpstreamError;
use crate::provider::{AppleKey, IssuerRule, Kind, Provider, Secret, TokenAuth, UserinfoMapper};
use base64::Engine as _;

/// Google (OpenID Connect). The operator needs an OAuth client of type "Web application" from
/// the Google Cloud console (APIs & Services → Credentials): its client id and secret, with the
/// redirect URI registered there. `email_verified` is trusted: Google only sets it for addresses
/// whose ownership it checked. Google documents that `iss` may also be `accounts.google.com`
/// without the scheme; the exact rule here accepts only `https://accounts.google.com`, which is
/// what its code flow issues.
pub fn google(client_id: &str, client_secret: &str) -> Provider {
    let mut p = Provider::new("google", "Google", "https://accounts.google.com", client_id);
    p.client_secret = Some(Secret::new(client_secret));
    p.trust_email_verified = true;
    p.id_token_algs = vec!["RS256".into()];
    p
}

/// The tenant id Microsoft uses for personal accounts (the `consumers` endpoint's issuer).
pub const ENTRA_CONSUMERS_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Microsoft Entra ID (OpenID Connect, v2.0 endpoints). The operator needs an app registration
/// (Entra admin center → App registrations): its Application (client) id, a client secret
/// ("Certificates & secrets"), the redirect URI of type "Web", and the tenant:
///
/// - a tenant id (GUID) or verified domain: only that organisation's accounts; the issuer is
///   `https://login.microsoftonline.com/{tenant}/v2.0`, compared exactly (give the GUID: the
///   issuer Entra writes in tokens always carries the GUID, never the domain);
/// - `organizations` or `common`: any organisation (and, for `common`, personal accounts).
///   Their discovery document names the issuer `https://login.microsoftonline.com/{tenantid}/v2.0`
///   literally, so exact matching cannot work; [`IssuerRule::EntraMultiTenant`] requires each
///   token's `iss` to be that template with `{tenantid}` replaced by the token's own `tid` claim,
///   and `allowed_tenants` can list the tenants let in. Anyone with a tenant can create one, so
///   leaving the list empty means "any Microsoft organisation";
/// - `consumers`: personal Microsoft accounts, whose issuer is the fixed tenant
///   [`ENTRA_CONSUMERS_TENANT`].
///
/// Entra's `email` claim is not verified by Microsoft (any tenant admin can set it), so it is
/// never trusted. `sub` is pairwise (per application); it is still the stable key for this
/// client. Given and family names need the optional claims `given_name`/`family_name`
/// configured in the app registration ("Token configuration").
pub fn microsoft(tenant: &str, client_id: &str, client_secret: &str) -> Provider {
    let (issuer, rule) = match tenant {
        "common" | "organizations" => (
            format!("https://login.microsoftonline.com/{tenant}/v2.0"),
            IssuerRule::EntraMultiTenant,
        ),
        "consumers" => (
            format!("https://login.microsoftonline.com/{ENTRA_CONSUMERS_TENANT}/v2.0"),
            IssuerRule::Exact,
        ),
        _ => (
            format!("https://login.microsoftonline.com/{tenant}/v2.0"),
            IssuerRule::Exact,
        ),
    };
    let mut p = Provider::new("microsoft", "Microsoft", &issuer, client_id);
    p.issuer_rule = rule;
    p.client_secret = Some(Secret::new(client_secret));
    p.token_auth_method = TokenAuth::ClientSecretPost;
    p.trust_email_verified = false;
    p.id_token_algs = vec!["RS256".into()];
    p
}

/// Sign in with Apple (OpenID Connect). The operator needs, from the Apple Developer account:
/// the Services ID (the client id, with the domain and return URL registered), the Team ID, and
/// a key enabled for "Sign in with Apple" — its Key ID and the `AuthKey_<KeyID>.p8` file, which
/// Apple lets you download only once. There is no static client secret: for each token request
/// Limen signs a short ES256 JWT with that key ([`apple_client_secret`]).
///
/// Apple requires `response_mode=form_post` when the name or e-mail is asked for, so the
/// callback arrives as a POST. The name is never in the ID token: Apple posts it once, as the
/// `user` form field of the very first sign-in only. `email_verified` (the string `"true"`) is
/// trusted; the address may be a private relay (`…@privaterelay.appleid.com`).
pub fn apple(client_id: &str, team_id: &str, key_id: &str, key_file: &std::path::Path) -> Provider {
    let mut p = Provider::new("apple", "Apple", "https://appleid.apple.com", client_id);
    p.apple_key = Some(AppleKey {
        team_id: team_id.into(),
        key_id: key_id.into(),
        private_key_file: key_file.to_owned(),
    });
    p.token_auth_method = TokenAuth::ClientSecretPost;
    p.scopes = vec!["openid".into(), "email".into(), "name".into()];
    p.response_mode = Some("form_post".into());
    p.trust_email_verified = true;
    p.id_token_algs = vec!["RS256".into()];
    p
}

/// GitHub (plain OAuth 2: no ID token). The operator needs an OAuth App (Settings → Developer
/// settings → OAuth Apps): client id, a client secret and the callback URL. The subject is the
/// numeric user `id` (the login name can change hands). The e-mail is the primary address of
/// `/user/emails` (scope `user:email`), verified when GitHub says so.
pub fn github(client_id: &str, client_secret: &str) -> Provider {
    let mut p = Provider::new("github", "GitHub", "https://github.com", client_id);
    p.kind = Kind::Oauth2;
    p.client_secret = Some(Secret::new(client_secret));
    p.token_auth_method = TokenAuth::ClientSecretPost;
    p.scopes = vec!["read:user".into(), "user:email".into()];
    p.authorization_endpoint = Some("https://github.com/login/oauth/authorize".into());
    p.token_endpoint = Some("https://github.com/login/oauth/access_token".into());
    p.userinfo_endpoint = Some("https://api.github.com/user".into());
    p.emails_endpoint = Some("https://api.github.com/user/emails".into());
    p.userinfo_mapper = UserinfoMapper::Github;
    p.claims.subject = "id".into();
    p.trust_email_verified = true;
    p
}

/// Facebook (plain OAuth 2 with the Graph API). The operator needs a Meta app with "Facebook
/// Login": the App ID (client id), the App Secret and the valid OAuth redirect URI. The subject
/// is the app-scoped user `id`. The Graph API gives no verified flag, so the address is never
/// marked verified.
pub fn facebook(client_id: &str, client_secret: &str) -> Provider {
    let mut p = Provider::new(
        "facebook",
        "Facebook",
        "https://www.facebook.com",
        client_id,
    );
    p.kind = Kind::Oauth2;
    p.client_secret = Some(Secret::new(client_secret));
    p.token_auth_method = TokenAuth::ClientSecretPost;
    p.scopes = vec!["public_profile".into(), "email".into()];
    p.authorization_endpoint = Some("https://www.facebook.com/v19.0/dialog/oauth".into());
    p.token_endpoint = Some("https://graph.facebook.com/v19.0/oauth/access_token".into());
    p.userinfo_endpoint = Some(
        "https://graph.facebook.com/v19.0/me?fields=id,name,first_name,last_name,email".into(),
    );
    p.claims.subject = "id".into();
    p.claims.given_name = "first_name".into();
    p.claims.family_name = "last_name".into();
    p.trust_email_verified = false;
    p
}

/// The DER inside a `-----BEGIN PRIVATE KEY-----` PEM block (RFC 7468 §10), as Apple's `.p8`.
pub fn pkcs8_from_pem(pem: &str) -> Option<Vec<u8>> {
    let body: String = pem
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != "-----BEGIN PRIVATE KEY-----")
        .skip(1)
        .take_while(|l| *l != "-----END PRIVATE KEY-----")
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .ok()?;
    (!der.is_empty()).then_some(der)
}

/// How long an Apple client secret lives: it is made per token request, so minutes suffice
/// (Apple accepts up to six months).
pub const APPLE_SECRET_LIFETIME: i64 = 5 * 60;

/// Apple's client secret: a JWT signed ES256 with the Sign in with Apple key, header `kid` =
/// Key ID, claims `iss` = Team ID, `sub` = the Services ID, `aud` = `https://appleid.apple.com`,
/// `iat` now and a short `exp` (Apple, "Creating a client secret").
pub fn apple_client_secret(
    team_id: &str,
    key_id: &str,
    client_id: &str,
    pkcs8: &[u8],
    now: i64,
) -> Result<String, UpstreamError> {
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    header.kid = Some(key_id.to_owned());
    header.typ = None;
    let claims = serde_json::json!({
        "iss": team_id,
        "sub": client_id,
        "aud": "https://appleid.apple.com",
        "iat": now,
        "exp": now + APPLE_SECRET_LIFETIME,
    });
    let key = jsonwebtoken::EncodingKey::from_ec_der(pkcs8);
    jsonwebtoken::encode(&header, &claims, &key)
        .map_err(|e| UpstreamError::ClientSecret(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_core::oidc::JwsAlg;

    #[test]
    fn every_preset_is_a_valid_entry() {
        let key = std::path::Path::new("/etc/limen/AuthKey_ABC123DEFG.p8");
        let presets = [
            google("g", "s"),
            microsoft("72f988bf-86f1-41af-91ab-2d7cd011db47", "m", "s"),
            microsoft("organizations", "m", "s"),
            microsoft("consumers", "m", "s"),
            apple("org.example.sso", "TEAM123456", "ABC123DEFG", key),
            github("gh", "s"),
            facebook("fb", "s"),
        ];
        for p in presets {
            assert_eq!(p.check(), Ok(()), "{}", p.id);
        }
        assert_eq!(
            microsoft("organizations", "m", "s").issuer_rule,
            IssuerRule::EntraMultiTenant
        );
        assert_eq!(
            microsoft("consumers", "m", "s").issuer,
            format!("https://login.microsoftonline.com/{ENTRA_CONSUMERS_TENANT}/v2.0")
        );
        assert!(!microsoft("common", "m", "s").trust_email_verified);
        assert!(!facebook("f", "s").trust_email_verified);
    }

    #[test]
    fn the_apple_client_secret_is_an_es256_jwt_apple_can_verify() {
        let key = limen_crypto::jose::SigningKey::generate(JwsAlg::Es256).unwrap();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            base64::engine::general_purpose::STANDARD.encode(key.private_der())
        );
        let der = pkcs8_from_pem(&pem).unwrap();
        let jwt = apple_client_secret(
            "TEAM123456",
            "ABC123DEFG",
            "org.example.sso",
            &der,
            1_700_000_000,
        )
        .unwrap();
        let header = jsonwebtoken::decode_header(&jwt).unwrap();
        assert_eq!(header.alg, jsonwebtoken::Algorithm::ES256);
        assert_eq!(header.kid.as_deref(), Some("ABC123DEFG"));
        let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
        v.set_audience(&["https://appleid.apple.com"]);
        v.validate_exp = false;
        let data =
            jsonwebtoken::decode::<serde_json::Value>(&jwt, &key.decoding_key().unwrap(), &v)
                .unwrap();
        assert_eq!(data.claims["iss"], "TEAM123456");
        assert_eq!(data.claims["sub"], "org.example.sso");
        assert_eq!(data.claims["exp"], 1_700_000_000 + APPLE_SECRET_LIFETIME);
        assert_eq!(pkcs8_from_pem("no pem here"), None);
    }
}
