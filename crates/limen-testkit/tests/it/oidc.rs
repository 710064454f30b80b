//! The OpenID Connect provider over HTTP (docs/OIDC.md): the code flow through the login pages,
//! the token endpoint's refusals, refresh rotation, revocation, introspection, logout in every
//! direction, key rotation, consent and the demo client. Python's Authlib drives the same flows
//! in tests/interop; these tests pin the details.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use limen_core::oidc::{JwsAlg, SubjectType, TokenAuthMethod};
use limen_testkit::*;
use serde_json::{Value, json};
use sha2::Digest;

pub(crate) const CB: &str = "http://127.0.0.1:9/cb";
pub(crate) const EMAIL: &str = "jane@example.org";

pub(crate) struct Pkce {
    pub(crate) verifier: String,
    pub(crate) challenge: String,
}

pub(crate) fn pkce() -> Pkce {
    let verifier = limen_crypto::random_token(32);
    let challenge = URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
    Pkce {
        verifier,
        challenge,
    }
}

pub(crate) fn authorize_path(client_id: &str, extra: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", CB),
        ("scope", "openid profile email"),
        ("state", "st-1"),
        ("nonce", "n-1"),
    ];
    for (k, v) in extra {
        pairs.retain(|(x, _)| x != k);
        pairs.push((k, v));
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("/oidc/authorize?{query}")
}

/// The query parameters of a redirect to the client.
fn params(page: &Page) -> Vec<(String, String)> {
    let location = page.location.as_deref().expect("a redirect");
    let url = url::Url::parse(location).expect("absolute redirect");
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn param(page: &Page, name: &str) -> Option<String> {
    params(page)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Follows an authorization request through the login pages (or, with an SSO session already,
/// straight back); returns the code.
pub(crate) async fn code_via_login(b: &Browser, path: &str) -> String {
    let first = b.get(path).await;
    assert_eq!(first.status, 303, "{}", first.body);
    let next = first.location.clone().expect("a redirect");
    if next.starts_with(CB) {
        return param(&first, "code").expect("a code");
    }
    assert!(next.starts_with("/cas/login?oidc="), "{next}");
    let done = b.login_at(&next, EMAIL, PASSWORD).await;
    assert_eq!(done.status, 303, "login answers the client: {}", done.body);
    assert!(done.location.as_deref().unwrap().starts_with(CB));
    assert_eq!(param(&done, "state").as_deref(), Some("st-1"));
    param(&done, "code").expect("a code")
}

pub(crate) struct Tokens {
    pub(crate) access: String,
    pub(crate) refresh: String,
    pub(crate) id: String,
}

pub(crate) async fn token_request(
    app: &TestApp,
    auth: Option<(&str, &str)>,
    form: &[(&str, &str)],
) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut req = reqwest::Client::new()
        .post(app.url("/oidc/token"))
        .form(form);
    if let Some((id, secret)) = auth {
        req = req.basic_auth(id, Some(secret));
    }
    let r = req.send().await.expect("token request");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let body: Value = r.json().await.expect("JSON answer");
    (status, body, headers)
}

pub(crate) async fn exchange(
    app: &TestApp,
    client: (&str, &str),
    code: &str,
    verifier: Option<&str>,
) -> (u16, Value) {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", CB),
    ];
    if let Some(v) = verifier {
        form.push(("code_verifier", v));
    }
    let (status, body, _) = token_request(app, Some(client), &form).await;
    (status, body)
}

pub(crate) fn tokens(body: &Value) -> Tokens {
    Tokens {
        access: body["access_token"].as_str().expect("access_token").into(),
        refresh: body["refresh_token"]
            .as_str()
            .expect("refresh_token")
            .into(),
        id: body["id_token"].as_str().expect("id_token").into(),
    }
}

async fn jwks(app: &TestApp) -> jsonwebtoken::jwk::JwkSet {
    reqwest::get(app.url("/oidc/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .expect("JWKS")
}

/// Verifies an ID token as a relying party would: signature by a published key, iss, aud, exp.
pub(crate) async fn verify(app: &TestApp, token: &str, aud: &str) -> Result<Value, String> {
    let header = jsonwebtoken::decode_header(token).map_err(|e| e.to_string())?;
    let set = jwks(app).await;
    let jwk = set
        .find(header.kid.as_deref().unwrap_or_default())
        .ok_or("kid not published")?;
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).map_err(|e| e.to_string())?;
    let mut v = jsonwebtoken::Validation::new(header.alg);
    v.set_audience(&[aud]);
    v.set_issuer(&[app.base.as_str()]);
    jsonwebtoken::decode::<Value>(token, &key, &v)
        .map(|d| d.claims)
        .map_err(|e| e.to_string())
}

pub(crate) async fn userinfo(app: &TestApp, access: &str) -> (u16, Value) {
    let r = reqwest::Client::new()
        .get(app.url("/oidc/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn back_channel(
    app: &TestApp,
    path: &str,
    client: (&str, &str),
    form: &[(&str, &str)],
) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(app.url(path))
        .basic_auth(client.0, Some(client.1))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_code_flow_through_the_login_pages() {
    each_backend(defaults, |app| async move {
        let account = app.add_user(EMAIL, Some("Jane"), "Doe").await;
        let (client, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let disco: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(disco["issuer"], app.base.as_str());
        assert_eq!(disco["token_endpoint"], app.url("/oidc/token"));

        let b = app.browser();
        let p = pkce();
        let code = code_via_login(
            &b,
            &authorize_path(
                &client.client_id,
                &[
                    ("code_challenge", &p.challenge),
                    ("code_challenge_method", "S256"),
                ],
            ),
        )
        .await;
        let (status, body) = exchange(&app, ("rp", &secret), &code, Some(&p.verifier)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["token_type"], "Bearer");
        let t = tokens(&body);
        let claims = verify(&app, &t.id, "rp").await.expect("a valid ID token");
        assert_eq!(claims["sub"], account.uid.as_str());
        assert_eq!(claims["nonce"], "n-1");
        assert_eq!(claims["acr"], "BASIC");
        assert_eq!(claims["amr"], json!(["pwd"]));
        assert_eq!(claims["email"], EMAIL);
        assert_eq!(claims["given_name"], "Jane");
        assert!(claims["auth_time"].as_i64().unwrap() <= claims["iat"].as_i64().unwrap());
        assert!(claims["sid"].as_str().is_some_and(|s| !s.is_empty()));
        // at_hash binds the access token (OIDC Core §3.1.3.6).
        assert_eq!(
            claims["at_hash"].as_str().unwrap(),
            limen_crypto::jose::half_hash(JwsAlg::Es256, &t.access)
        );
        let (status, info) = userinfo(&app, &t.access).await;
        assert_eq!(status, 200);
        assert_eq!(info["sub"], claims["sub"]);
        assert_eq!(info["family_name"], "Doe");
        assert_eq!(info["email_verified"], true);

        // With the SSO session, the next request is answered at once.
        let again = b.get(&authorize_path("rp", &[])).await;
        assert_eq!(again.status, 303);
        assert!(param(&again, "code").is_some());
        assert_eq!(param(&again, "iss").as_deref(), Some(app.base.as_str()));

        // A tampered ID token does not verify.
        let mut parts: Vec<String> = t.id.split('.').map(str::to_owned).collect();
        let mut payload: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
        payload["sub"] = json!("someone-else");
        parts[1] = URL_SAFE_NO_PAD.encode(payload.to_string());
        assert!(verify(&app, &parts.join("."), "rp").await.is_err());
    })
    .await;
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_grant() {
    each_backend(defaults, |app| async move {
        let account = app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let (_, body) = exchange(&app, ("rp", &secret), &code, None).await;
        let first = tokens(&body);
        let refresh = |token: String| {
            let app = &app;
            let secret = secret.clone();
            async move {
                token_request(
                    app,
                    Some(("rp", &secret)),
                    &[("grant_type", "refresh_token"), ("refresh_token", &token)],
                )
                .await
            }
        };
        let (status, body, _) = refresh(first.refresh.clone()).await;
        assert_eq!(status, 200, "{body}");
        let second = tokens(&body);
        assert_ne!(second.refresh, first.refresh);
        let claims = verify(&app, &second.id, "rp").await.unwrap();
        assert!(
            claims.get("nonce").is_none(),
            "a refreshed ID token carries no nonce"
        );
        // Scope can narrow on refresh, never widen.
        let (status, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &second.refresh),
                ("scope", "openid email"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["scope"], "openid email");
        let third = tokens(&body);
        // Reuse of an old refresh token: refused, and the whole family dies.
        let (status, body, _) = refresh(first.refresh.clone()).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant"))
        );
        let (status, body, _) = refresh(third.refresh.clone()).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant")),
            "newest revoked too"
        );
        assert_eq!(userinfo(&app, &third.access).await.0, 401);
        let trail = app.store.audit_of_account(account.id, 20).await.unwrap();
        assert!(
            trail
                .iter()
                .any(|(_, event)| event == "oidc.refresh_reused"),
            "{trail:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_token_endpoint_refuses_as_rfc_6749_says() {
    each_backend(defaults, |app| async move {
        let account = app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        let p = pkce();
        let with_pkce = [
            ("code_challenge", p.challenge.as_str()),
            ("code_challenge_method", "S256"),
        ];

        // Wrong secret: 401 invalid_client with a Basic challenge.
        let code = code_via_login(&b, &authorize_path("rp", &with_pkce)).await;
        let (status, body, headers) = token_request(
            &app,
            Some(("rp", "wrong")),
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", CB),
                ("code_verifier", &p.verifier),
            ],
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("invalid_client"))
        );
        assert!(headers.get("www-authenticate").is_some());
        assert_eq!(headers.get("cache-control").unwrap(), "no-store");
        // The code was not spent by the failed client authentication.
        let (status, body) = exchange(&app, ("rp", &secret), &code, Some(&p.verifier)).await;
        assert_eq!(status, 200, "{body}");
        let first = tokens(&body);
        // Replayed code: refused, and what it issued is revoked.
        let (status, body) = exchange(&app, ("rp", &secret), &code, Some(&p.verifier)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant"))
        );
        assert_eq!(userinfo(&app, &first.access).await.0, 401);
        let trail = app.store.audit_of_account(account.id, 20).await.unwrap();
        assert!(
            trail.iter().any(|(_, event)| event == "oidc.code_replayed"),
            "{trail:?}"
        );

        // PKCE mismatch and missing verifier.
        let code = code_via_login(&b, &authorize_path("rp", &with_pkce)).await;
        let (status, body) = exchange(&app, ("rp", &secret), &code, Some(&pkce().verifier)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant"))
        );
        // The refusal spent the code: the right verifier after a wrong one gets nothing.
        let (status, body) = exchange(&app, ("rp", &secret), &code, Some(&p.verifier)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_grant"))
        );
        let code = b.get(&authorize_path("rp", &with_pkce)).await;
        let code = param(&code, "code").unwrap();
        let (_, body) = exchange(&app, ("rp", &secret), &code, None).await;
        assert_eq!(body["error"], "invalid_grant");
        // A verifier without a challenge (PKCE downgrade) is refused too.
        let code = param(&b.get(&authorize_path("rp", &[])).await, "code").unwrap();
        let (_, body) = exchange(&app, ("rp", &secret), &code, Some(&p.verifier)).await;
        assert_eq!(body["error"], "invalid_grant");

        // Another redirect_uri at the token endpoint.
        let code = param(&b.get(&authorize_path("rp", &[])).await, "code").unwrap();
        let (_, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", "http://127.0.0.1:9/other"),
            ],
        )
        .await;
        assert_eq!(body["error"], "invalid_grant");

        // Expired code (60 s).
        let code = param(&b.get(&authorize_path("rp", &[])).await, "code").unwrap();
        app.advance(time::Duration::seconds(61));
        let (_, body) = exchange(&app, ("rp", &secret), &code, None).await;
        assert_eq!(body["error"], "invalid_grant");
        assert!(
            body["error_description"]
                .as_str()
                .unwrap()
                .contains("expired")
        );

        // Unknown grant type, unknown client, no authentication at all, a made-up code.
        let (status, body, _) =
            token_request(&app, Some(("rp", &secret)), &[("grant_type", "password")]).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("unsupported_grant_type"))
        );
        let (status, body, _) = token_request(
            &app,
            Some(("nobody", "x")),
            &[("grant_type", "authorization_code")],
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("invalid_client"))
        );
        let (status, _, _) =
            token_request(&app, None, &[("grant_type", "authorization_code")]).await;
        assert_eq!(status, 401);
        let (_, body) = exchange(&app, ("rp", &secret), "made-up", None).await;
        assert_eq!(body["error"], "invalid_grant");
        let (status, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "authorization_code"),
                ("code", "a"),
                ("code", "b"),
            ],
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_request"))
        );
    })
    .await;
}

#[tokio::test]
async fn bad_authorization_requests_are_never_redirected_to_unregistered_places() {
    each_backend(defaults, |app| async move {
        app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        for path in [
            "/oidc/authorize?response_type=code&scope=openid".to_owned(),
            "/oidc/authorize?response_type=code&scope=openid&client_id=nobody&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb".to_owned(),
            "/oidc/authorize?response_type=code&scope=openid&client_id=rp&redirect_uri=https%3A%2F%2Fevil.example%2Fcb".to_owned(),
            "/oidc/authorize?response_type=code&scope=openid&client_id=rp".to_owned(),
        ] {
            let page = b.get(&path).await;
            assert_eq!(page.status, 400, "{path}");
            assert!(page.location.is_none(), "{path}");
            assert!(page.text().contains("cannot be answered"), "{}", page.body);
        }
        // RFC 6749 §3.1: no parameter twice. A repeated client_id has no trustworthy answer...
        let page = b.get("/oidc/authorize?response_type=code&scope=openid&client_id=rp&client_id=rp&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb").await;
        assert_eq!((page.status, page.location.is_none()), (400, true));
        // ...any other is an invalid_request at the redirect URI.
        let page = b.get("/oidc/authorize?response_type=code&scope=openid&scope=email&client_id=rp&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&state=s9").await;
        assert_eq!(param(&page, "error").as_deref(), Some("invalid_request"));
        assert_eq!(param(&page, "state").as_deref(), Some("s9"));
        // Errors after the redirect URI is trusted go back to it, with state.
        for (extra, error) in [
            (vec![("scope", "email")], "invalid_scope"),
            (vec![("response_type", "token")], "unsupported_response_type"),
            (vec![("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), ("code_challenge_method", "plain")], "invalid_request"),
            (vec![("prompt", "none")], "login_required"),
            (vec![("request", "eyJhbGciOiJub25lIn0.e30.")], "request_not_supported"),
        ] {
            let mut q: Vec<(&str, &str)> = vec![("response_type", "code"), ("client_id", "rp"), ("redirect_uri", CB), ("scope", "openid"), ("state", "s9")];
            for (k, v) in &extra {
                q.retain(|(x, _)| x != k);
                q.push((k, v));
            }
            let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(q).finish();
            let page = b.get(&format!("/oidc/authorize?{query}")).await;
            assert_eq!(page.status, 303, "{error}: {}", page.body);
            assert_eq!(param(&page, "error").as_deref(), Some(error));
            assert_eq!(param(&page, "state").as_deref(), Some("s9"));
        }
    })
    .await;
}

#[tokio::test]
async fn public_clients_must_use_pkce_and_need_no_secret() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        app.add_oidc_client("spa", CB, |_, c| {
            c.auth_method = TokenAuthMethod::None;
            c.secret_hash = None;
        })
        .await;
        let b = app.browser();
        let page = b.get(&authorize_path("spa", &[])).await;
        assert_eq!(param(&page, "error").as_deref(), Some("invalid_request"));
        let p = pkce();
        let code = code_via_login(
            &b,
            &authorize_path(
                "spa",
                &[
                    ("code_challenge", &p.challenge),
                    ("code_challenge_method", "S256"),
                ],
            ),
        )
        .await;
        let (status, body, _) = token_request(
            &app,
            None,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", CB),
                ("client_id", "spa"),
                ("code_verifier", &p.verifier),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // A public client cannot introspect.
        let r = reqwest::Client::new()
            .post(app.url("/oidc/introspect"))
            .form(&[
                ("client_id", "spa"),
                ("token", body["access_token"].as_str().unwrap()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 401);
    })
    .await;
}

#[tokio::test]
async fn private_key_jwt_clients_sign_their_assertions() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let key = limen_crypto::jose::SigningKey::generate(JwsAlg::Es256).unwrap();
        let jwks = json!({"keys": [key.public_jwk.clone()]}).to_string();
        app.add_oidc_client("pkj", CB, |_, c| {
            c.auth_method = TokenAuthMethod::PrivateKeyJwt;
            c.secret_hash = None;
            c.jwks = Some(jwks);
        })
        .await;
        let b = app.browser();
        let now = app.clock_now().unix_timestamp();
        let assertion = |jti: &str, aud: &str| {
            key.sign(
                &json!({"iss": "pkj", "sub": "pkj", "aud": aud, "exp": now + 60, "jti": jti}),
                "JWT",
            )
            .unwrap()
        };
        let token_url = app.url("/oidc/token");
        let code = code_via_login(&b, &authorize_path("pkj", &[])).await;
        let a1 = assertion("j1", &token_url);
        let form = |code: &str, a: &str| {
            vec![
                ("grant_type".to_owned(), "authorization_code".to_owned()),
                ("code".to_owned(), code.to_owned()),
                ("redirect_uri".to_owned(), CB.to_owned()),
                (
                    "client_assertion_type".to_owned(),
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_owned(),
                ),
                ("client_assertion".to_owned(), a.to_owned()),
            ]
        };
        let post = |f: Vec<(String, String)>| {
            let url = token_url.clone();
            async move {
                let r = reqwest::Client::new()
                    .post(url)
                    .form(&f)
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.json::<Value>().await.unwrap())
            }
        };
        let (status, body) = post(form(&code, &a1)).await;
        assert_eq!(status, 200, "{body}");
        // The same assertion twice: a replay.
        let code = param(&b.get(&authorize_path("pkj", &[])).await, "code").unwrap();
        let (status, body) = post(form(&code, &a1)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("invalid_client"))
        );
        // Meant for someone else.
        let (status, _) = post(form(
            &code,
            &assertion("j2", "https://elsewhere.example/token"),
        ))
        .await;
        assert_eq!(status, 401);
        // The code survived both refusals.
        let (status, body) = post(form(&code, &assertion("j3", &token_url))).await;
        assert_eq!(status, 200, "{body}");
    })
    .await;
}

#[tokio::test]
async fn prompt_login_and_max_age_ask_for_the_password_without_the_address() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        code_via_login(&b, &authorize_path("rp", &[])).await;
        for extra in [vec![("prompt", "login")], vec![("max_age", "60")]] {
            app.advance(time::Duration::minutes(10));
            let page = b.get(&authorize_path("rp", &extra)).await;
            assert_eq!(page.status, 303);
            let login = page.location.unwrap();
            assert!(login.starts_with("/cas/login?oidc="), "{extra:?}: {login}");
            let form = b.get(&login).await;
            assert_eq!(form.status, 200);
            assert!(
                form.contains("name=\"password\""),
                "the password step, directly"
            );
            assert!(form.text().contains(EMAIL));
            let done = b.password_step(&form, EMAIL, PASSWORD).await;
            assert_eq!(done.status, 303, "{}", done.body);
            assert!(param(&done, "code").is_some());
        }
        // max_age=0 is prompt=login (OIDC Core errata set 2), even for a fresh session.
        let page = b.get(&authorize_path("rp", &[("max_age", "0")])).await;
        assert!(
            page.location
                .as_deref()
                .unwrap()
                .starts_with("/cas/login?oidc=")
        );
        // The request travels sealed: altered or expired, it is refused with a page.
        let page = b.get(&authorize_path("rp", &[("prompt", "login")])).await;
        let login = page.location.unwrap();
        let sealed = login.strip_prefix("/cas/login?oidc=").unwrap().to_owned();
        let (payload, mac) = sealed.rsplit_once('.').unwrap();
        let mut json: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        json["r"]["redirect_uri"] = json!("https://evil.example/cb");
        let forged = format!("{}.{mac}", URL_SAFE_NO_PAD.encode(json.to_string()));
        let page = b.get(&format!("/cas/login?oidc={forged}")).await;
        assert_eq!(page.status, 400);
        assert!(page.text().contains("expired or is not valid"));
        app.advance(time::Duration::minutes(31));
        let page = b.get(&login).await;
        assert_eq!(page.status, 400, "expired after 30 minutes");
        app.advance(time::Duration::minutes(-31));
        // max_age that the session meets: answered at once.
        let page = b.get(&authorize_path("rp", &[("max_age", "3600")])).await;
        assert!(param(&page, "code").is_some());
        // prompt=none with a session that is too old for max_age: login_required.
        app.advance(time::Duration::minutes(5));
        let page = b
            .get(&authorize_path(
                "rp",
                &[("prompt", "none"), ("max_age", "10")],
            ))
            .await;
        assert_eq!(param(&page, "error").as_deref(), Some("login_required"));
    })
    .await;
}

#[tokio::test]
async fn acr_requests_are_honoured_or_refused_properly() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        // A voluntary request for a strength the session has is echoed.
        let code = code_via_login(&b, &authorize_path("rp", &[("acr_values", "PASSWORD")])).await;
        let (_, body) = exchange(&app, ("rp", &secret), &code, None).await;
        let claims = verify(&app, body["id_token"].as_str().unwrap(), "rp")
            .await
            .unwrap();
        assert_eq!(claims["acr"], "PASSWORD");
        // Essential MEDIUM with a password-only session: no silent answer; a step-up is needed.
        let claims_param = r#"{"id_token":{"acr":{"essential":true,"values":["MEDIUM"]}}}"#;
        let page = b
            .get(&authorize_path(
                "rp",
                &[("prompt", "none"), ("claims", claims_param)],
            ))
            .await;
        assert_eq!(
            param(&page, "error").as_deref(),
            Some("interaction_required")
        );
        // An essential acr the client cannot ever meet.
        let (_, _) = app
            .add_oidc_client("pwd-only", CB, |s, _| {
                s.accepted_strengths = vec![limen_core::Strength::Password]
            })
            .await;
        let page = b
            .get(&authorize_path(
                "pwd-only",
                &[(
                    "claims",
                    r#"{"id_token":{"acr":{"essential":true,"values":["HIGH"]}}}"#,
                )],
            ))
            .await;
        assert_eq!(
            param(&page, "error").as_deref(),
            Some("unmet_authentication_requirements")
        );
    })
    .await;
}

#[tokio::test]
async fn revocation_and_introspection() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let (_, other_secret) = app.add_oidc_client("other", CB, |_, _| {}).await;
        let b = app.browser();
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let t = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1);
        let (status, info) = back_channel(
            &app,
            "/oidc/introspect",
            ("rp", &secret),
            &[("token", &t.access)],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(info["active"], true);
        assert_eq!(info["client_id"], "rp");
        assert_eq!(info["token_type"], "Bearer");
        // Another client learns nothing about it, and cannot revoke it.
        let (_, info) = back_channel(
            &app,
            "/oidc/introspect",
            ("other", &other_secret),
            &[("token", &t.access)],
        )
        .await;
        assert_eq!(info, json!({"active": false}));
        let (status, _) = back_channel(
            &app,
            "/oidc/revoke",
            ("other", &other_secret),
            &[("token", &t.access)],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(userinfo(&app, &t.access).await.0, 200);
        // Its own client revokes it.
        let (status, _) = back_channel(
            &app,
            "/oidc/revoke",
            ("rp", &secret),
            &[("token", &t.access), ("token_type_hint", "access_token")],
        )
        .await;
        assert_eq!(status, 200);
        let (status, body) = userinfo(&app, &t.access).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("invalid_token"))
        );
        let (_, info) = back_channel(
            &app,
            "/oidc/introspect",
            ("rp", &secret),
            &[("token", &t.access)],
        )
        .await;
        assert_eq!(info["active"], false);
        // Revoking the refresh token ends the grant.
        back_channel(
            &app,
            "/oidc/revoke",
            ("rp", &secret),
            &[("token", &t.refresh)],
        )
        .await;
        let (_, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &t.refresh),
            ],
        )
        .await;
        assert_eq!(body["error"], "invalid_grant");
        // Unknown tokens: 200 (RFC 7009 §2.2); wrong secret: 401.
        assert_eq!(
            back_channel(
                &app,
                "/oidc/revoke",
                ("rp", &secret),
                &[("token", "nonsense")]
            )
            .await
            .0,
            200
        );
        assert_eq!(
            back_channel(&app, "/oidc/revoke", ("rp", "bad"), &[("token", "x")])
                .await
                .0,
            401
        );
        assert_eq!(userinfo(&app, "nonsense").await.0, 401);
        // Browser-based clients may call these endpoints cross-origin (no cookies involved).
        let pre = reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, app.url("/oidc/userinfo"))
            .header("Origin", "https://spa.example")
            .header("Access-Control-Request-Headers", "authorization")
            .send()
            .await
            .unwrap();
        assert_eq!(pre.status().as_u16(), 204);
        assert_eq!(pre.headers()["access-control-allow-origin"], "*");
        assert!(
            pre.headers()
                .get("access-control-allow-credentials")
                .is_none()
        );
        let r = reqwest::Client::new()
            .get(app.url("/oidc/userinfo"))
            .bearer_auth("x")
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["access-control-allow-origin"], "*");
        // The login pages are not readable cross-origin.
        let r = reqwest::get(app.url("/cas/login")).await.unwrap();
        assert!(r.headers().get("access-control-allow-origin").is_none());
    })
    .await;
}

#[tokio::test]
async fn logout_reaches_clients_from_either_protocol() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let receiver = Receiver::start(200).await;
        let (_, secret) = app
            .add_oidc_client("rp", CB, |_, c| {
                c.backchannel_logout_uri = Some(format!("{}/bcl", receiver.base));
                c.frontchannel_logout_uri = Some("http://127.0.0.1:9/fcl".into());
                c.post_logout_redirect_uris = vec!["http://127.0.0.1:9/bye".into()];
            })
            .await;
        app.add_service("CAS app", "http://127.0.0.1:9/app/", |_| {}).await;
        let b = app.browser();
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let t = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1);
        let sid = verify(&app, &t.id, "rp").await.unwrap()["sid"].clone();

        // RP-initiated logout with an id_token_hint of this session: no question asked.
        let q = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("id_token_hint", &t.id)
            .append_pair("post_logout_redirect_uri", "http://127.0.0.1:9/bye")
            .append_pair("state", "bye-state")
            .finish();
        let page = b.get(&format!("/oidc/logout?{q}")).await;
        assert_eq!(page.status, 200, "front-channel page first");
        assert!(page.body.contains("http://127.0.0.1:9/fcl?iss="), "{}", page.body);
        let csp = page.headers.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("frame-src http://127.0.0.1:9"), "{csp}");
        assert!(page.text().contains("http://127.0.0.1:9/bye?state=bye-state"));
        let got = receiver.wait_for(1, 5).await;
        assert_eq!(got.len(), 1);
        let token = got[0].body.strip_prefix("logout_token=").expect("a logout token");
        let header = jsonwebtoken::decode_header(token).unwrap();
        assert_eq!(header.typ.as_deref(), Some("logout+jwt"));
        let claims = verify(&app, token, "rp").await.expect("signed by a published key");
        assert_eq!(claims["sid"], sid);
        assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
        assert!(claims.get("nonce").is_none());
        assert_eq!(userinfo(&app, &t.access).await.0, 401, "online tokens end with the session");
        let page = b.get(&authorize_path("rp", &[("prompt", "none")])).await;
        assert_eq!(param(&page, "error").as_deref(), Some("login_required"));

        // CAS logout ends the OIDC client's session too; an offline grant survives it.
        let code = code_via_login(&b, &authorize_path("rp", &[("scope", "openid offline_access")])).await;
        let offline = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1);
        let code = param(&b.get(&authorize_path("rp", &[])).await, "code").unwrap();
        let online = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1);
        let page = b.get("/cas/logout?service=http%3A%2F%2F127.0.0.1%3A9%2Fapp%2F").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("/fcl?iss="));
        assert_eq!(receiver.wait_for(2, 5).await.len(), 2, "one logout token per client and session");
        assert_eq!(userinfo(&app, &online.access).await.0, 401);
        let (status, body, _) = token_request(&app, Some(("rp", &secret)), &[("grant_type", "refresh_token"), ("refresh_token", &offline.refresh)]).await;
        assert_eq!(status, 200, "offline_access outlives the session: {body}");

        // Without a hint the user is asked; an unregistered return address is refused.
        let b2 = app.browser();
        b2.login(None, EMAIL, PASSWORD).await;
        let page = b2.get("/oidc/logout?client_id=rp&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fbye").await;
        assert_eq!(page.status, 200);
        assert!(page.contains("name=\"confirm\""));
        let page = b2.get("/oidc/logout?client_id=rp&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F").await;
        assert_eq!(page.status, 400);
        assert!(page.location.is_none());
        let page = b2.get("/oidc/logout?id_token_hint=not.a.token").await;
        assert_eq!(page.status, 400);
    })
    .await;
}

#[tokio::test]
async fn rotated_keys_stay_published_until_their_tokens_expire() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let before = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1).id;
        let old_kid = jsonwebtoken::decode_header(&before).unwrap().kid.unwrap();
        // Rotation is due after 90 days.
        assert!(app.state.rotate_due_keys().await.unwrap().is_empty());
        app.advance(time::Duration::days(90));
        let rotated = app.state.rotate_due_keys().await.unwrap();
        assert_eq!(rotated.len(), 1);
        let b = app.browser();
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let after = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1).id;
        let new_kid = jsonwebtoken::decode_header(&after).unwrap().kid.unwrap();
        assert_eq!(new_kid, rotated[0]);
        assert_ne!(new_kid, old_kid);
        let set = jwks(&app).await;
        assert!(set.find(&old_kid).is_some() && set.find(&new_kid).is_some());
        // The old key still verifies what it signed (its exp aside: the clock moved 90 days).
        let header = jsonwebtoken::decode_header(&before).unwrap();
        let key = jsonwebtoken::DecodingKey::from_jwk(set.find(&old_kid).unwrap()).unwrap();
        let mut v = jsonwebtoken::Validation::new(header.alg);
        v.validate_exp = false;
        v.set_audience(&["rp"]);
        assert!(jsonwebtoken::decode::<Value>(&before, &key, &v).is_ok());
        // Once its tokens have expired, it leaves the JWKS.
        app.advance(time::Duration::hours(2));
        app.state.keys.invalidate();
        let set = jwks(&app).await;
        assert!(set.find(&old_kid).is_none());
        assert!(set.find(&new_kid).is_some());
    })
    .await;
}

#[tokio::test]
async fn clients_can_use_rs256_or_eddsa_and_pairwise_subjects() {
    each_backend(defaults, |app| async move {
        let account = app.add_user(EMAIL, None, "Doe").await;
        let (_, s1) = app
            .add_oidc_client("rsa", CB, |_, c| c.signing_alg = JwsAlg::Rs256)
            .await;
        let (_, s2) = app
            .add_oidc_client("ed", CB, |_, c| {
                c.signing_alg = JwsAlg::EdDsa;
                c.subject_type = SubjectType::Pairwise;
            })
            .await;
        let (_, s3) = app
            .add_oidc_client("ed2", CB, |_, c| {
                c.subject_type = SubjectType::Pairwise;
                c.sector = "other.example.org".into();
            })
            .await;
        let b = app.browser();
        let mut subs = Vec::new();
        for (id, secret, alg) in [
            ("rsa", &s1, "RS256"),
            ("ed", &s2, "EdDSA"),
            ("ed2", &s3, "ES256"),
        ] {
            let code = if subs.is_empty() {
                code_via_login(&b, &authorize_path(id, &[])).await
            } else {
                param(&b.get(&authorize_path(id, &[])).await, "code").unwrap()
            };
            let body = exchange(&app, (id, secret), &code, None).await.1;
            let t = tokens(&body);
            assert_eq!(
                format!("{:?}", jsonwebtoken::decode_header(&t.id).unwrap().alg),
                alg
            );
            let claims = verify(&app, &t.id, id)
                .await
                .expect("verifies with the JWKS");
            let (_, info) = userinfo(&app, &t.access).await;
            assert_eq!(info["sub"], claims["sub"]);
            subs.push(claims["sub"].as_str().unwrap().to_owned());
        }
        assert_eq!(subs[0], account.uid);
        assert_ne!(subs[1], account.uid);
        assert_ne!(subs[1], subs[2], "pairwise subjects differ per sector");
    })
    .await;
}

#[tokio::test]
async fn consent_form_post_and_assurance() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        app.add_oidc_client("asks", CB, |_, c| c.consent = true)
            .await;
        app.add_oidc_client("strict", CB, |s, _| {
            s.min_assurance = limen_core::AssuranceLevel::High
        })
        .await;
        let b = app.browser();
        let first = b.get(&authorize_path("asks", &[])).await;
        let done = b
            .login_at(first.location.as_deref().unwrap(), EMAIL, PASSWORD)
            .await;
        assert_eq!(done.status, 200, "the consent page");
        assert!(done.contains("id=\"consent-scopes\""));
        let request = done.input_value("request").unwrap();
        let allowed = b
            .post(
                "/oidc/consent",
                &[
                    ("csrf_token", &done.csrf()),
                    ("request", &request),
                    ("decision", "allow"),
                ],
            )
            .await;
        assert_eq!(allowed.status, 303);
        assert!(param(&allowed, "code").is_some());
        // Remembered: no second question; unless prompt=consent; and a refusal is access_denied.
        let page = b.get(&authorize_path("asks", &[])).await;
        assert!(param(&page, "code").is_some());
        let page = b
            .get(&authorize_path("asks", &[("prompt", "consent")]))
            .await;
        let form = b.get(page.location.as_deref().unwrap()).await;
        assert!(form.contains("id=\"consent-scopes\""));
        let denied = b
            .post(
                "/oidc/consent",
                &[
                    ("csrf_token", &form.csrf()),
                    ("request", &form.input_value("request").unwrap()),
                    ("decision", "deny"),
                ],
            )
            .await;
        assert_eq!(param(&denied, "error").as_deref(), Some("access_denied"));
        let page = b
            .get(&authorize_path(
                "asks",
                &[("prompt", "none"), ("scope", "openid offline_access")],
            ))
            .await;
        assert_eq!(param(&page, "error").as_deref(), Some("consent_required"));

        // response_mode=form_post: a page that posts the code.
        let page = b
            .get(&authorize_path("asks", &[("response_mode", "form_post")]))
            .await;
        assert_eq!(page.status, 200);
        assert!(
            page.body
                .contains(&format!("action=\"{}\"", CB.replace('/', "&#x2f;")))
                || page.body.contains(&format!("action=\"{CB}\""))
        );
        assert!(page.input_value("code").is_some());
        assert_eq!(page.input_value("state").as_deref(), Some("st-1"));

        // A client demanding more assurance than a self-registered account has.
        let page = b.get(&authorize_path("strict", &[])).await;
        let page = b.get(page.location.as_deref().unwrap()).await;
        assert_eq!(page.status, 403);
        let page = b
            .get(&authorize_path("strict", &[("prompt", "none")]))
            .await;
        assert_eq!(param(&page, "error").as_deref(), Some("access_denied"));
    })
    .await;
}

#[tokio::test]
async fn the_demo_client_shows_a_verified_id_token() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, Some("Jane"), "Doe").await;
        let b = app.browser();
        let intro = b.get("/demo/oidc").await;
        assert_eq!(intro.status, 200);
        assert!(intro.contains("id=\"demo-oidc-start\""));
        let start = b.get("/demo/oidc?start=1").await;
        assert_eq!(start.status, 303);
        let authorize = start.location.unwrap();
        assert!(authorize.starts_with("/oidc/authorize?"));
        let to_login = b.get(&authorize).await;
        let done = b
            .login_at(to_login.location.as_deref().unwrap(), EMAIL, PASSWORD)
            .await;
        assert_eq!(done.status, 303, "{}", done.body);
        let callback = done.location.unwrap();
        assert!(callback.starts_with(&app.url("/demo/oidc/callback?code=")));
        let page = b.get(&callback).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let text = page.text();
        assert!(text.contains("id=\"id-token-claims\""));
        assert!(text.contains(&format!("\"email\": \"{EMAIL}\"")));
        assert!(text.contains("\"acr\": \"BASIC\""));
        // The callback is single-use: its state is spent.
        let again = b.get(&callback).await;
        assert_eq!(again.status, 400);
    })
    .await;
}

#[tokio::test]
async fn a_new_user_registering_from_an_oidc_login_ends_at_the_client() {
    use crate::register::{NEW_PASSWORD, fields, register, set_password};
    each_backend(defaults, |app| async move {
        app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        let first = b.get(&authorize_path("rp", &[("prompt", "login")])).await;
        let login = b.get(first.location.as_deref().unwrap()).await;
        // "Create an account" carries the request (as a continuation of /oidc/authorize).
        let marker = "href=\"/cas/register?service=";
        let start = login.body.find(marker).expect("register link") + marker.len() - "/cas/register?service=".len();
        let end = login.body[start..].find('"').unwrap() + start;
        let href = login.body[start..end].replace("&amp;", "&");
        let service: String = url::form_urlencoded::parse(href.split_once('?').unwrap().1.as_bytes())
            .find(|(k, _)| k == "service")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        assert!(service.starts_with("/oidc/authorize?"), "{service}");
        assert!(!service.contains("prompt=login"));
        let done = register(&app, &b, Some(&service), fields("new.user@example.org", &[])).await;
        assert_eq!(done.status, 200, "{}", done.body);
        let link = app.link_in_mail("new.user@example.org", 1).await;
        let done = set_password(&b, &link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        // "Proceed" goes back through the login page to the authorization request, answered now.
        let proceed = format!("/cas/login?service={}", encode(&service));
        assert!(done.text().contains(&proceed), "{}", done.body);
        let step = b.get(&proceed).await;
        assert_eq!(step.location.as_deref(), Some(service.as_str()));
        let answered = b.get(&service).await;
        assert_eq!(answered.status, 303);
        assert_eq!(param(&answered, "state").as_deref(), Some("st-1"));
        assert!(param(&answered, "code").is_some());
        // A continuation for an unregistered redirect URI is dropped like any unknown service.
        let forged = "/oidc/authorize?response_type=code&client_id=rp&redirect_uri=https%3A%2F%2Fevil.example%2F&scope=openid";
        let page = b.get(&format!("/cas/login?service={}", encode(forged))).await;
        assert_eq!(page.status, 400);
        assert!(page.location.is_none());
    })
    .await;
}

#[tokio::test]
async fn a_password_change_revokes_offline_grants_made_elsewhere() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        // A client holds an offline refresh token from one browser...
        let elsewhere = app.browser();
        let code = code_via_login(
            &elsewhere,
            &authorize_path("rp", &[("scope", "openid offline_access")]),
        )
        .await;
        let offline = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1);
        // ...and the user, suspecting something, changes the password in another.
        let b = app.browser();
        b.login(None, EMAIL, PASSWORD).await;
        let here = code_via_login(&b, &authorize_path("rp", &[])).await;
        let kept = tokens(&exchange(&app, ("rp", &secret), &here, None).await.1);
        let form = b.get("/account/password").await;
        let done = b
            .post(
                "/account/password",
                &[
                    ("csrf_token", &form.csrf()),
                    ("current_password", PASSWORD),
                    ("new_password", "Tr0mbone-Lantern-Quietly"),
                    ("confirm_password", "Tr0mbone-Lantern-Quietly"),
                ],
            )
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let (_, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &offline.refresh),
            ],
        )
        .await;
        assert_eq!(
            body["error"], "invalid_grant",
            "the offline grant is revoked"
        );
        // The browser that made the change keeps its own.
        assert_eq!(userinfo(&app, &kept.access).await.0, 200);
    })
    .await;
}

/// A local HTTP server answering `body` as JSON at `/jwks`; returns that URL.
async fn serve_jwks(body: String) -> String {
    let app = axum::Router::new().route(
        "/jwks",
        axum::routing::get(move || {
            let body = body.clone();
            async move { ([("content-type", "application/json")], body) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/jwks", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    url
}

#[tokio::test]
async fn private_key_jwt_keys_can_be_fetched_from_the_clients_jwks_uri() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let key = limen_crypto::jose::SigningKey::generate(JwsAlg::EdDsa).unwrap();
        let uri = serve_jwks(json!({"keys": [key.public_jwk.clone()]}).to_string()).await;
        for (id, jwks_uri) in [("fetched", uri.as_str()), ("unreachable", "http://127.0.0.1:9/jwks")] {
            let jwks_uri = jwks_uri.to_owned();
            app.add_oidc_client(id, CB, move |_, c| {
                c.auth_method = TokenAuthMethod::PrivateKeyJwt;
                c.secret_hash = None;
                c.jwks_uri = Some(jwks_uri);
            })
            .await;
        }
        let b = app.browser();
        let now = app.clock_now().unix_timestamp();
        for (id, expected) in [("fetched", 200), ("unreachable", 401)] {
            let code = code_via_login(&b, &authorize_path(id, &[])).await;
            let assertion = key
                .sign(&json!({"iss": id, "sub": id, "aud": app.url("/oidc/token"), "exp": now + 60, "jti": id}), "JWT")
                .unwrap();
            let r = reqwest::Client::new()
                .post(app.url("/oidc/token"))
                .form(&[
                    ("grant_type", "authorization_code"),
                    ("code", code.as_str()),
                    ("redirect_uri", CB),
                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                    ("client_assertion", assertion.as_str()),
                ])
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body: Value = r.json().await.unwrap();
            assert_eq!(status, expected, "{id}: {body}");
            if expected == 401 {
                assert_eq!(body["error"], "invalid_client");
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_locked_account_gets_no_tokens_and_its_grant_is_revoked() {
    each_backend(defaults, |app| async move {
        let account = app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let b = app.browser();
        let first = code_via_login(&b, &authorize_path("rp", &[])).await;
        let t = tokens(&exchange(&app, ("rp", &secret), &first, None).await.1);
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let now = app.clock_now();
        app.store
            .set_status(account.id, limen_core::AccountStatus::Locked, now)
            .await
            .unwrap();
        let (_, body) = exchange(&app, ("rp", &secret), &code, None).await;
        assert_eq!(body["error"], "invalid_grant");
        assert_eq!(userinfo(&app, &t.access).await.0, 401);
        let (_, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &t.refresh),
            ],
        )
        .await;
        assert_eq!(body["error"], "invalid_grant");
        // Unlocked again, the refused refresh token stays revoked.
        app.store
            .set_status(account.id, limen_core::AccountStatus::Active, now)
            .await
            .unwrap();
        let (_, body, _) = token_request(
            &app,
            Some(("rp", &secret)),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &t.refresh),
            ],
        )
        .await;
        assert_eq!(body["error"], "invalid_grant");
    })
    .await;
}

#[tokio::test]
async fn consent_and_logout_confirmation_need_the_csrf_token() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        app.add_oidc_client("asks", CB, |_, c| {
            c.consent = true;
            c.post_logout_redirect_uris = vec!["http://127.0.0.1:9/bye".into()];
        })
        .await;
        let b = app.browser();
        let first = b.get(&authorize_path("asks", &[])).await;
        let consent = b
            .login_at(first.location.as_deref().unwrap(), EMAIL, PASSWORD)
            .await;
        let request = consent.input_value("request").unwrap();
        let forged = b
            .post(
                "/oidc/consent",
                &[
                    ("csrf_token", "forged"),
                    ("request", &request),
                    ("decision", "allow"),
                ],
            )
            .await;
        assert_eq!(forged.status, 403);
        assert!(forged.location.is_none());
        // A forged confirmation of logout ends nothing: the question is asked again.
        let forged = b
            .post(
                "/oidc/logout",
                &[
                    ("csrf_token", "forged"),
                    ("confirm", "yes"),
                    ("client_id", "asks"),
                ],
            )
            .await;
        assert_eq!(forged.status, 200);
        assert!(forged.contains("name=\"confirm\""));
        let still = b.get("/cas/login").await;
        assert!(
            still.contains("Authentication succeeded"),
            "still signed in"
        );
    })
    .await;
}

/// OpenID Connect step-up to a security key: a client asking for an essential `MEDIUM` acr from
/// a password session gets the key step (with the password again: an OIDC request decides its
/// own freshness), then an ID token with `acr` MEDIUM and `amr` naming the hardware key.
#[tokio::test]
async fn an_essential_medium_acr_steps_a_password_session_up_to_a_security_key() {
    use crate::webauthn::{password_for_key, use_key, with_key};
    use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, EMAIL, &mut key, "Blue key").await;
        let b = app.browser();
        let code = code_via_login(&b, &authorize_path("rp", &[("acr_values", "PASSWORD")])).await;
        let (_, body) = exchange(&app, ("rp", &secret), &code, None).await;
        let claims = verify(&app, body["id_token"].as_str().unwrap(), "rp")
            .await
            .unwrap();
        assert_eq!(claims["acr"], "PASSWORD");

        let claims_param = r#"{"id_token":{"acr":{"essential":true,"values":["MEDIUM"]}}}"#;
        let first = b
            .get(&authorize_path("rp", &[("claims", claims_param)]))
            .await;
        let next = first.location.clone().expect("to the login page");
        assert!(next.starts_with("/cas/login?oidc="), "{next}");
        let methods = b.get(&next).await;
        assert_eq!(methods.status, 200, "{}", methods.body);
        // Only the key qualifies; the address is not asked again.
        assert!(methods.contains("value=\"PASSWORD_WEBAUTHN\""));
        assert!(!methods.contains("value=\"PASSWORD\""));
        assert!(!methods.contains("name=\"step\" value=\"email\""));
        let page = password_for_key(&b, &methods, EMAIL, PASSWORD).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let done = use_key(&app, &b, &page, &mut key).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(done.location.as_deref().unwrap().starts_with(CB));
        let code = param(&done, "code").expect("a code");
        let (status, body) = exchange(&app, ("rp", &secret), &code, None).await;
        assert_eq!(status, 200, "{body}");
        let claims = verify(&app, body["id_token"].as_str().unwrap(), "rp")
            .await
            .unwrap();
        assert_eq!(claims["acr"], "MEDIUM");
        let amr: Vec<&str> = claims["amr"]
            .as_array()
            .expect("amr")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert!(amr.contains(&"hwk") && amr.contains(&"mfa"), "{amr:?}");
    })
    .await;
}

/// WebAuthn retires tomorrow; sessions last long enough to see it happen.
fn retire_webauthn_tomorrow(c: &mut limen_web::WebConfig) {
    c.methods.set(
        limen_core::Method::Webauthn,
        limen_core::MethodRule {
            retire_on: Some(time::OffsetDateTime::now_utc().date() + time::Duration::days(1)),
            ..limen_core::MethodRule::default()
        },
    );
    c.session = limen_core::session::SessionLifetime {
        idle: time::Duration::days(5),
        absolute: time::Duration::days(5),
    };
}

/// A key proof made before a method's retirement stops counting for OpenID Connect clients on
/// the day: a silent request for MEDIUM then needs interaction.
#[tokio::test]
async fn a_retired_method_no_longer_counts_for_oidc_clients() {
    use crate::webauthn::{password_for_key, use_key, with_key};
    use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
    each_backend(retire_webauthn_tomorrow, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        app.add_oidc_client("rp", CB, |_, _| {}).await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, EMAIL, &mut key, "Blue key").await;
        let b = app.browser();
        let medium = r#"{"id_token":{"acr":{"essential":true,"values":["MEDIUM"]}}}"#;
        let first = b.get(&authorize_path("rp", &[("claims", medium)])).await;
        let methods = b.get(first.location.as_deref().expect("login")).await;
        let page = password_for_key(&b, &methods, EMAIL, PASSWORD).await;
        let done = use_key(&app, &b, &page, &mut key).await;
        assert!(param(&done, "code").is_some(), "{:?}", done.location);
        // The same day, silently: the key proof counts.
        let silent = authorize_path("rp", &[("claims", medium), ("prompt", "none")]);
        let page = b.get(&silent).await;
        assert!(param(&page, "code").is_some(), "{:?}", page.location);
        // After the retirement day: it does not.
        app.advance(time::Duration::days(2));
        let page = b.get(&silent).await;
        assert_eq!(param(&page, "code"), None);
        assert_eq!(
            param(&page, "error").as_deref(),
            Some("interaction_required"),
            "{:?}",
            page.location
        );
    })
    .await;
}

/// A redirect or post-logout URI holding a control character (registered before such URIs were
/// refused at registration) is never used: `url` would silently drop CR, LF and tabs and
/// percent-encode the rest, sending the code to an address other than the registered one. Nor
/// does a self-service continuation with a control character reach a `Location` header.
#[tokio::test]
async fn redirect_uris_with_control_characters_are_never_used() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        let bad = format!("{CB}/x\r\nSet-Cookie: injected=1");
        let bad_logout = format!("{CB}/bye\u{0}");
        let logout_uri = bad_logout.clone();
        app.add_oidc_client("rp", &bad, move |_, c| {
            c.post_logout_redirect_uris = vec![logout_uri];
        })
        .await;
        app.add_oidc_client("good", CB, |_, _| {}).await;
        let b = app.browser();
        b.login(None, EMAIL, PASSWORD).await;
        let codes = || {
            app.state
                .metrics
                .oidc_codes
                .load(std::sync::atomic::Ordering::SeqCst)
        };
        let before = codes();
        for mode in ["query", "form_post"] {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs([
                    ("response_type", "code"),
                    ("client_id", "rp"),
                    ("redirect_uri", bad.as_str()),
                    ("scope", "openid"),
                    ("state", "st-1"),
                    ("response_mode", mode),
                ])
                .finish();
            let page = b.get(&format!("/oidc/authorize?{query}")).await;
            assert_eq!(page.status, 400, "{mode}: {}", page.body);
            assert!(page.location.is_none(), "{mode}: {:?}", page.location);
            assert!(page.text().contains("cannot be answered"), "{}", page.body);
        }
        assert_eq!(codes(), before, "no code was issued");

        // A continuation of a registered client's request with a CR/LF in it.
        let continuation = format!(
            "/oidc/authorize?response_type=code&client_id=good&redirect_uri={}&scope=openid&state=a\r\nSet-Cookie: injected=1",
            encode(CB)
        );
        let page = b
            .get(&format!("/cas/login?service={}", encode(&continuation)))
            .await;
        assert_eq!(page.status, 400, "{}", page.body);
        assert!(page.location.is_none());

        // RP-initiated logout to the registered (bad) post-logout URI: refused, no redirect.
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("client_id", "rp"),
                ("post_logout_redirect_uri", bad_logout.as_str()),
            ])
            .finish();
        let page = app.browser().get(&format!("/oidc/logout?{query}")).await;
        assert_eq!(page.status, 400, "{}", page.body);
        assert!(page.location.is_none());
    })
    .await;
}
