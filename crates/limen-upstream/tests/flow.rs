//! The relying party against a provider simulated in the test: discovery, key set and token
//! endpoint answered by a [`Fetch`] that records every request; ID tokens signed by in-test keys.

use limen_core::clock::ManualClock;
use limen_core::oidc::JwsAlg;
use limen_crypto::jose::{SigningKey, half_hash};
use limen_upstream::*;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

const ISSUER: &str = "https://op.example";
const CLIENT: &str = "limen-client";
const NOW: i64 = 1_750_000_000;

#[derive(Default)]
struct FakeOp {
    answers: Mutex<HashMap<String, HttpResponse>>,
    log: Mutex<Vec<HttpRequest>>,
}

impl FakeOp {
    fn answer(&self, url: &str, status: u16, body: Value) {
        self.answers.lock().unwrap().insert(
            url.to_owned(),
            HttpResponse {
                status,
                body: body.to_string(),
            },
        );
    }
    fn count(&self, url: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.url.as_str() == url)
            .count()
    }
    fn last(&self, url: &str) -> HttpRequest {
        self.log
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|r| r.url.as_str() == url)
            .cloned()
            .unwrap()
    }
    fn publish(&self, keys: &[&SigningKey]) {
        let keys: Vec<Value> = keys.iter().map(|k| k.public_jwk.clone()).collect();
        self.answer(&format!("{ISSUER}/jwks"), 200, json!({ "keys": keys }));
    }
}

impl Fetch for FakeOp {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, String> {
        self.log.lock().unwrap().push(request.clone());
        self.answers
            .lock()
            .unwrap()
            .get(request.url.as_str())
            .cloned()
            .ok_or_else(|| "connection refused".to_owned())
    }
}

fn discovery(issuer: &str) -> Value {
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{ISSUER}/authorize?tenant=x"),
        "token_endpoint": format!("{ISSUER}/token"),
        "jwks_uri": format!("{ISSUER}/jwks"),
        "userinfo_endpoint": format!("{ISSUER}/userinfo"),
    })
}

struct Setup {
    op: Arc<FakeOp>,
    clock: Arc<ManualClock>,
    client: UpstreamClient<Arc<FakeOp>>,
}

fn provider() -> Provider {
    let mut p = Provider::new("corp", "Corp", ISSUER, CLIENT);
    p.client_secret = Some(Secret::new("s3cret"));
    p.acr_values = vec!["urn:corp:mfa".into()];
    p.trust_email_verified = true;
    p
}

fn setup_with(p: Provider, keys: &[&SigningKey]) -> Setup {
    let op = Arc::new(FakeOp::default());
    op.answer(
        &format!("{ISSUER}/.well-known/openid-configuration"),
        200,
        discovery(ISSUER),
    );
    op.publish(keys);
    let clock = Arc::new(ManualClock::new(
        OffsetDateTime::from_unix_timestamp(NOW).unwrap(),
    ));
    let client = UpstreamClient::new(p, op.clone(), clock.clone()).unwrap();
    Setup { op, clock, client }
}

fn claims() -> Value {
    json!({
        "iss": ISSUER, "sub": "user-1", "aud": CLIENT, "exp": NOW + 300, "iat": NOW,
        "nonce": "n-1", "acr": "urn:corp:mfa", "email": "ann@example.org", "email_verified": true
    })
}

fn expect<'a>(acr: &'a [String], require: bool, at: Option<&'a str>) -> Expectations<'a> {
    Expectations {
        nonce: "n-1",
        acr_values: acr,
        require_acr: require,
        access_token: at,
    }
}

async fn validate(s: &Setup, token: &str) -> Result<serde_json::Map<String, Value>, UpstreamError> {
    let acr = vec!["urn:corp:mfa".to_owned()];
    let endpoints = s.client.endpoints().await?;
    s.client
        .validate_id_token(&endpoints, token, &expect(&acr, true, Some("at-1")))
        .await
}

fn with(change: impl FnOnce(&mut Value)) -> Value {
    let mut c = claims();
    change(&mut c);
    c
}

#[tokio::test]
async fn es256_and_rs256_tokens_verify() {
    for alg in [JwsAlg::Es256, JwsAlg::Rs256] {
        let key = SigningKey::generate(alg).unwrap();
        let s = setup_with(provider(), &[&key]);
        let token = key
            .sign(
                &with(|c| c["at_hash"] = json!(half_hash(alg, "at-1"))),
                "JWT",
            )
            .unwrap();
        let claims = validate(&s, &token).await.unwrap();
        assert_eq!(claims["sub"], "user-1", "{alg}");
    }
}

#[tokio::test]
async fn every_claim_rule_refuses() {
    let key = SigningKey::generate(JwsAlg::Es256).unwrap();
    let s = setup_with(provider(), &[&key]);
    type Change = fn(&mut Value);
    let cases: Vec<(Change, IdTokenError)> = vec![
        (
            |c| c["iss"] = json!("https://evil.example"),
            IdTokenError::WrongIssuer,
        ),
        (
            |c| c["iss"] = json!("https://op.example/"),
            IdTokenError::WrongIssuer,
        ),
        (
            |c| c["aud"] = json!("other-client"),
            IdTokenError::WrongAudience,
        ),
        (
            |c| c["aud"] = json!([CLIENT, "other"]),
            IdTokenError::MissingAzp,
        ),
        (
            |c| {
                c["aud"] = json!([CLIENT, "other"]);
                c["azp"] = json!("other");
            },
            IdTokenError::AzpMismatch,
        ),
        (|c| c["azp"] = json!("other"), IdTokenError::AzpMismatch),
        (|c| c["exp"] = json!(NOW - 61), IdTokenError::Expired),
        (|c| c["iat"] = json!(NOW + 120), IdTokenError::BadIssueTime),
        (|c| c["iat"] = json!(NOW - 7200), IdTokenError::BadIssueTime),
        (|c| c["nonce"] = json!("n-2"), IdTokenError::NonceMismatch),
        (
            |c| {
                c.as_object_mut().unwrap().remove("nonce");
            },
            IdTokenError::NonceMismatch,
        ),
        (
            |c| c["acr"] = json!("urn:corp:password"),
            IdTokenError::AcrTooLow,
        ),
        (
            |c| {
                c.as_object_mut().unwrap().remove("acr");
            },
            IdTokenError::AcrMissing,
        ),
        (
            |c| c["at_hash"] = json!(half_hash(JwsAlg::Es256, "another-token")),
            IdTokenError::AtHashMismatch,
        ),
        (
            |c| {
                c.as_object_mut().unwrap().remove("sub");
            },
            IdTokenError::MissingClaim("sub"),
        ),
        (
            |c| {
                c.as_object_mut().unwrap().remove("exp");
            },
            IdTokenError::MissingClaim("exp"),
        ),
    ];
    for (i, (change, expected)) in cases.into_iter().enumerate() {
        let token = key.sign(&with(change), "JWT").unwrap();
        assert_eq!(
            validate(&s, &token).await,
            Err(UpstreamError::IdToken(expected.clone())),
            "case {i}: {expected:?}"
        );
    }
    // Within the leeway, exp just past is still accepted.
    let token = key
        .sign(&with(|c| c["exp"] = json!(NOW - 30)), "JWT")
        .unwrap();
    assert!(validate(&s, &token).await.is_ok());
    // Not required: a low acr passes (the caller decides).
    let token = key
        .sign(&with(|c| c["acr"] = json!("urn:corp:password")), "JWT")
        .unwrap();
    let endpoints = s.client.endpoints().await.unwrap();
    assert!(
        s.client
            .validate_id_token(&endpoints, &token, &expect(&[], false, None))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_bad_signature_is_refused() {
    let key = SigningKey::generate(JwsAlg::Rs256).unwrap();
    let s = setup_with(provider(), &[&key]);
    let token = key.sign(&claims(), "JWT").unwrap();
    let other = key
        .sign(&with(|c| c["sub"] = json!("admin")), "JWT")
        .unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let forged_parts: Vec<&str> = other.split('.').collect();
    // The payload of one token with the signature of another.
    let forged = format!("{}.{}.{}", parts[0], forged_parts[1], parts[2]);
    assert_eq!(
        validate(&s, &forged).await,
        Err(IdTokenError::BadSignature.into())
    );
    assert_eq!(
        validate(&s, "not-a-jwt").await,
        Err(IdTokenError::Malformed.into())
    );
}

#[tokio::test]
async fn none_and_hmac_tokens_are_refused_before_any_key_is_used() {
    let key = SigningKey::generate(JwsAlg::Rs256).unwrap();
    let s = setup_with(provider(), &[&key]);
    let b64 = |v: &Value| limen_crypto::b64url(v.to_string().as_bytes());
    let none = format!("{}.{}.", b64(&json!({"alg": "none"})), b64(&claims()));
    assert_eq!(
        validate(&s, &none).await,
        Err(IdTokenError::AlgorithmNotAllowed.into())
    );
    // HS256 keyed with the public JWKS text: the classic confusion attack.
    let jwks = json!({"keys": [key.public_jwk.clone()]}).to_string();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(key.kid.clone());
    let hs = jsonwebtoken::encode(
        &header,
        &claims(),
        &jsonwebtoken::EncodingKey::from_secret(jwks.as_bytes()),
    )
    .unwrap();
    assert_eq!(
        validate(&s, &hs).await,
        Err(IdTokenError::AlgorithmNotAllowed.into())
    );
    // An asymmetric algorithm the entry does not allow.
    let mut rs_only = provider();
    rs_only.id_token_algs = vec!["RS256".into()];
    let ec = SigningKey::generate(JwsAlg::Es256).unwrap();
    let s = setup_with(rs_only, &[&ec]);
    let token = ec.sign(&claims(), "JWT").unwrap();
    assert_eq!(
        validate(&s, &token).await,
        Err(IdTokenError::AlgorithmNotAllowed.into())
    );
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_unknown_kids_are_rate_limited() {
    let old = SigningKey::generate(JwsAlg::Es256).unwrap();
    let new = SigningKey::generate(JwsAlg::Es256).unwrap();
    let s = setup_with(provider(), &[&old]);
    let jwks = format!("{ISSUER}/jwks");
    assert!(
        validate(&s, &old.sign(&claims(), "JWT").unwrap())
            .await
            .is_ok()
    );
    assert_eq!(s.op.count(&jwks), 1);
    // The provider rotates: the cached set lacks the new kid, one refresh finds it.
    s.op.publish(&[&old, &new]);
    assert!(
        validate(&s, &new.sign(&claims(), "JWT").unwrap())
            .await
            .is_ok()
    );
    assert_eq!(s.op.count(&jwks), 2);
    // A kid the provider never published: refused. The previous forced refresh was this
    // second, so no new request is made.
    let stranger = SigningKey::generate(JwsAlg::Es256).unwrap();
    let forged = stranger.sign(&claims(), "JWT").unwrap();
    assert_eq!(
        validate(&s, &forged).await,
        Err(IdTokenError::UnknownKey.into())
    );
    assert_eq!(s.op.count(&jwks), 2, "rate-limited: no refetch");
    // After the interval one refresh is allowed, and the kid is still unknown.
    s.clock
        .advance(time::Duration::seconds(KEY_REFRESH_INTERVAL));
    let forged = stranger
        .sign(
            &with(|c| {
                c["iat"] = json!(NOW + KEY_REFRESH_INTERVAL);
                c["exp"] = json!(NOW + 600);
            }),
            "JWT",
        )
        .unwrap();
    assert_eq!(
        validate(&s, &forged).await,
        Err(IdTokenError::UnknownKey.into())
    );
    assert_eq!(s.op.count(&jwks), 3);
    assert_eq!(
        validate(&s, &forged).await,
        Err(IdTokenError::UnknownKey.into())
    );
    assert_eq!(s.op.count(&jwks), 3);
}

#[tokio::test]
async fn discovery_with_another_issuer_is_refused_and_a_good_one_is_cached() {
    let key = SigningKey::generate(JwsAlg::Es256).unwrap();
    let s = setup_with(provider(), &[&key]);
    let url = format!("{ISSUER}/.well-known/openid-configuration");
    s.op.answer(&url, 200, discovery("https://impostor.example"));
    assert_eq!(
        s.client.endpoints().await,
        Err(UpstreamError::IssuerMismatch)
    );
    s.op.answer(&url, 200, discovery(ISSUER));
    assert!(s.client.endpoints().await.is_ok());
    assert!(s.client.endpoints().await.is_ok());
    assert_eq!(s.op.count(&url), 2, "the good document is reused");
    s.op.answer(&url, 500, json!({}));
    s.clock.advance(time::Duration::hours(2));
    assert_eq!(
        s.client.endpoints().await,
        Err(UpstreamError::Status {
            what: "the discovery document",
            status: 500
        })
    );
}

#[tokio::test]
async fn the_authorization_url_carries_every_parameter() {
    let key = SigningKey::generate(JwsAlg::Es256).unwrap();
    let s = setup_with(provider(), &[&key]);
    let options = AuthOptions {
        prompt: Some("login".into()),
        login_hint: Some("ann@example.org".into()),
        ..AuthOptions::default()
    };
    let (url, pending) = s
        .client
        .authorization_request("https://sso.example/upstream/corp/callback", &options)
        .await
        .unwrap();
    assert!(url.as_str().starts_with("https://op.example/authorize?"));
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(q["tenant"], "x", "the endpoint's own parameter is kept");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], CLIENT);
    assert_eq!(
        q["redirect_uri"],
        "https://sso.example/upstream/corp/callback"
    );
    assert_eq!(q["scope"], "openid email profile");
    assert_eq!(q["state"], pending.state);
    assert_eq!(q["nonce"], pending.nonce);
    assert_eq!(q["code_challenge"], pkce_challenge(&pending.code_verifier));
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["acr_values"], "urn:corp:mfa");
    assert_eq!(q["prompt"], "login");
    assert_eq!(q["login_hint"], "ann@example.org");
    assert!(!q.contains_key("code_verifier"));
    assert_eq!(pending.provider, "corp");
    assert_eq!(pending.created_at, NOW);
    assert!(!pending.require_acr);
    // The pending state survives a round trip through JSON (a sealed cookie or a store).
    let back: PendingLogin =
        serde_json::from_str(&serde_json::to_string(&pending).unwrap()).unwrap();
    assert_eq!(back, pending);
}

/// The whole code flow: callback checks, token request, ID token, mapping.
#[tokio::test]
async fn the_code_flow_completes_and_every_callback_check_holds() {
    let key = SigningKey::generate(JwsAlg::Rs256).unwrap();
    let s = setup_with(provider(), &[&key]);
    let options = AuthOptions {
        require_acr: Some(true),
        ..AuthOptions::default()
    };
    let (_, pending) = s
        .client
        .authorization_request("https://sso.example/cb", &options)
        .await
        .unwrap();
    let id_token = key
        .sign(
            &with(|c| {
                c["nonce"] = json!(pending.nonce);
                c["at_hash"] = json!(half_hash(JwsAlg::Rs256, "at-1"));
                c["amr"] = json!(["pwd", "otp"]);
            }),
            "JWT",
        )
        .unwrap();
    let token_url = format!("{ISSUER}/token");
    s.op.answer(
        &token_url,
        200,
        json!({"access_token": "at-1", "token_type": "Bearer", "id_token": id_token}),
    );
    let good = Callback {
        code: Some("code-1".into()),
        state: Some(pending.state.clone()),
        ..Callback::default()
    };

    let wrong_state = Callback {
        state: Some("other".into()),
        ..good.clone()
    };
    assert_eq!(
        s.client.complete(&pending, &wrong_state).await,
        Err(UpstreamError::StateMismatch)
    );
    let mix_up = Callback {
        iss: Some("https://evil.example".into()),
        ..good.clone()
    };
    assert_eq!(
        s.client.complete(&pending, &mix_up).await,
        Err(UpstreamError::CallbackIssuerMismatch)
    );
    let denied = Callback {
        code: None,
        error: Some("access_denied".into()),
        ..good.clone()
    };
    assert_eq!(
        s.client.complete(&pending, &denied).await,
        Err(UpstreamError::Denied {
            code: "access_denied".into()
        })
    );
    assert_eq!(
        s.op.count(&token_url),
        0,
        "no code is spent on a bad callback"
    );

    let identity = s.client.complete(&pending, &good).await.unwrap();
    assert_eq!(
        identity,
        UpstreamIdentity {
            provider: "corp".into(),
            issuer: ISSUER.into(),
            subject: "user-1".into(),
            email: Some("ann@example.org".into()),
            email_verified: true,
            given_name: None,
            family_name: None,
            name: None,
            locale: None,
            acr: Some("urn:corp:mfa".into()),
            amr: vec!["pwd".into(), "otp".into()],
        }
    );
    let request = s.op.last(&token_url);
    let form: HashMap<_, _> = request.form.iter().cloned().collect();
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["code"], "code-1");
    assert_eq!(form["redirect_uri"], "https://sso.example/cb");
    assert_eq!(form["code_verifier"], pending.code_verifier);
    assert!(
        !form.contains_key("client_secret"),
        "Basic, not in the body"
    );
    let basic = request
        .headers
        .iter()
        .find(|(n, _)| n == "authorization")
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(basic, "Basic bGltZW4tY2xpZW50OnMzY3JldA==");

    // The token endpoint's refusal is typed; an old attempt expires.
    s.op.answer(&token_url, 400, json!({"error": "invalid_grant"}));
    assert_eq!(
        s.client.complete(&pending, &good).await,
        Err(UpstreamError::TokenRefused {
            code: "invalid_grant".into()
        })
    );
    s.clock
        .advance(time::Duration::seconds(PENDING_LIFETIME + 1));
    assert_eq!(
        s.client.complete(&pending, &good).await,
        Err(UpstreamError::LoginExpired)
    );
}

#[tokio::test]
async fn github_signs_in_with_the_user_info_and_its_verified_primary_address() {
    let op = Arc::new(FakeOp::default());
    op.answer(
        "https://github.com/login/oauth/access_token",
        200,
        json!({"access_token": "gho_1", "token_type": "bearer", "scope": "read:user,user:email"}),
    );
    op.answer(
        "https://api.github.com/user",
        200,
        json!({"id": 583231, "login": "octocat", "name": "The Octocat", "email": "public@example.org"}),
    );
    op.answer(
        "https://api.github.com/user/emails",
        200,
        json!([{"email": "octo@example.org", "primary": true, "verified": true}]),
    );
    let clock = Arc::new(ManualClock::new(
        OffsetDateTime::from_unix_timestamp(NOW).unwrap(),
    ));
    let client =
        UpstreamClient::new(presets::github("gh-id", "gh-secret"), op.clone(), clock).unwrap();
    let (url, pending) = client
        .authorization_request("https://sso.example/cb", &AuthOptions::default())
        .await
        .unwrap();
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert!(!q.contains_key("nonce"), "plain OAuth 2 has no nonce");
    assert_eq!(q["scope"], "read:user user:email");
    let identity = client
        .complete(
            &pending,
            &Callback {
                code: Some("c".into()),
                state: Some(pending.state.clone()),
                ..Callback::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(identity.issuer, "https://github.com");
    assert_eq!(identity.subject, "583231");
    assert_eq!(identity.email.as_deref(), Some("octo@example.org"));
    assert!(identity.email_verified);
    assert_eq!(identity.name.as_deref(), Some("The Octocat"));
    let user = op.last("https://api.github.com/user");
    assert!(
        user.headers
            .contains(&("authorization".into(), "Bearer gho_1".into()))
    );
    let token = op.last("https://github.com/login/oauth/access_token");
    let form: HashMap<_, _> = token.form.iter().cloned().collect();
    assert_eq!(form["client_secret"], "gh-secret");

    // GitHub answers a refused code with HTTP 200 and an error member.
    op.answer(
        "https://github.com/login/oauth/access_token",
        200,
        json!({"error": "bad_verification_code"}),
    );
    let again = client
        .complete(
            &pending,
            &Callback {
                code: Some("c".into()),
                state: Some(pending.state.clone()),
                ..Callback::default()
            },
        )
        .await;
    assert_eq!(
        again,
        Err(UpstreamError::TokenRefused {
            code: "bad_verification_code".into()
        })
    );
}
