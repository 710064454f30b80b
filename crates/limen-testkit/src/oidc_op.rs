//! A small OpenID Connect provider on loopback, for the federation tests (issue 19): discovery,
//! an authorization endpoint that signs in whoever the test says (no login page), a token
//! endpoint that checks the client's secret, the code, the redirect URI and the PKCE verifier
//! (RFC 7636 §4.6), and a JWKS with one P-256 key signing ES256 ID tokens. The interoperability
//! suite signs in through real providers (npm `oidc-provider`, `oidc-provider-mock`); this one
//! lets the Rust tests run the linking rules on both database backends without Node or Python.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Who the next authorization signs in, and how.
#[derive(Debug, Clone)]
pub struct OpUser {
    pub sub: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
}

impl OpUser {
    /// A user with a verified address and names.
    pub fn new(sub: &str, email: &str) -> Self {
        Self {
            sub: sub.into(),
            email: Some(email.into()),
            email_verified: true,
            given_name: Some("Upstream".into()),
            family_name: Some("User".into()),
        }
    }
}

struct Issued {
    user: OpUser,
    nonce: String,
    challenge: String,
    redirect_uri: String,
}

struct Inner {
    issuer: String,
    client_id: String,
    secret: String,
    key: EcdsaKeyPair,
    jwk: Value,
    next: Mutex<Option<OpUser>>,
    /// The authorization endpoint answers with this `error` instead of a code.
    refuse: Mutex<Option<String>>,
    /// The ID token's nonce is replaced (a token that belongs to another login).
    wrong_nonce: Mutex<bool>,
    codes: Mutex<HashMap<String, Issued>>,
    authorizations: Mutex<usize>,
}

/// The running provider; stops with the test's runtime.
#[derive(Clone)]
pub struct TestOp(Arc<Inner>);

impl TestOp {
    pub async fn start(client_id: &str, secret: &str) -> TestOp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let issuer = format!("http://{}", listener.local_addr().expect("address"));
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .expect("P-256 key");
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
            .expect("P-256 key");
        let public = key.public_key().as_ref();
        let jwk = json!({
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": "k1",
            "x": URL_SAFE_NO_PAD.encode(&public[1..33]),
            "y": URL_SAFE_NO_PAD.encode(&public[33..65]),
        });
        let op = TestOp(Arc::new(Inner {
            issuer,
            client_id: client_id.into(),
            secret: secret.into(),
            key,
            jwk,
            next: Mutex::new(None),
            refuse: Mutex::new(None),
            wrong_nonce: Mutex::new(false),
            codes: Mutex::new(HashMap::new()),
            authorizations: Mutex::new(0),
        }));
        let app = axum::Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/jwks", get(jwks))
            .with_state(op.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        op
    }

    pub fn issuer(&self) -> &str {
        &self.0.issuer
    }

    /// The next authorization signs this user in.
    pub fn sign_in_next(&self, user: OpUser) {
        *self.0.next.lock().unwrap() = Some(user);
    }

    /// The next authorizations answer `error` (RFC 6749 §4.1.2.1), or codes again with `None`.
    pub fn refuse_with(&self, error: Option<&str>) {
        *self.0.refuse.lock().unwrap() = error.map(str::to_owned);
    }

    /// ID tokens carry another login's nonce.
    pub fn wrong_nonce(&self, on: bool) {
        *self.0.wrong_nonce.lock().unwrap() = on;
    }

    /// Authorization requests received.
    pub fn authorizations(&self) -> usize {
        *self.0.authorizations.lock().unwrap()
    }

    /// The `[[upstream]]` entry for this provider.
    pub fn provider(&self, id: &str, name: &str) -> limen_upstream::Provider {
        let mut p = limen_upstream::Provider::new(id, name, &self.0.issuer, &self.0.client_id);
        p.client_secret = Some(limen_upstream::Secret::new(&self.0.secret));
        p.trust_email_verified = true;
        p.id_token_algs = vec!["ES256".into()];
        p
    }
}

async fn discovery(State(op): State<TestOp>) -> Response {
    let i = &op.0.issuer;
    axum::Json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
    }))
    .into_response()
}

async fn jwks(State(op): State<TestOp>) -> Response {
    axum::Json(json!({"keys": [op.0.jwk.clone()]})).into_response()
}

async fn authorize(State(op): State<TestOp>, Query(q): Query<HashMap<String, String>>) -> Response {
    *op.0.authorizations.lock().unwrap() += 1;
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    if get("client_id") != op.0.client_id || get("code_challenge_method") != "S256" {
        return (StatusCode::BAD_REQUEST, "bad request").into_response();
    }
    let redirect_uri = get("redirect_uri");
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    if let Some(error) = op.0.refuse.lock().unwrap().clone() {
        let to = format!(
            "{redirect_uri}{sep}error={}&state={}&iss={}",
            enc(&error),
            enc(&get("state")),
            enc(&op.0.issuer)
        );
        return Redirect::to(&to).into_response();
    }
    let Some(user) = op.0.next.lock().unwrap().clone() else {
        return (StatusCode::FORBIDDEN, "no user set").into_response();
    };
    let code = limen_crypto::random_token(16);
    op.0.codes.lock().unwrap().insert(
        code.clone(),
        Issued {
            user,
            nonce: get("nonce"),
            challenge: get("code_challenge"),
            redirect_uri: redirect_uri.clone(),
        },
    );
    let to = format!(
        "{redirect_uri}{sep}code={}&state={}&iss={}",
        enc(&code),
        enc(&get("state")),
        enc(&op.0.issuer)
    );
    Redirect::to(&to).into_response()
}

async fn token(
    State(op): State<TestOp>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{}:{}", op.0.client_id, op.0.secret))
    );
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let refuse =
        |e: &str| (StatusCode::BAD_REQUEST, axum::Json(json!({"error": e}))).into_response();
    if auth != expected {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let Some(issued) = op.0.codes.lock().unwrap().remove(&get("code")) else {
        return refuse("invalid_grant");
    };
    let challenge = URL_SAFE_NO_PAD.encode(limen_crypto::sha256(get("code_verifier").as_bytes()));
    if challenge != issued.challenge || get("redirect_uri") != issued.redirect_uri {
        return refuse("invalid_grant");
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let nonce = if *op.0.wrong_nonce.lock().unwrap() {
        "another-login".to_owned()
    } else {
        issued.nonce
    };
    let u = issued.user;
    let claims = json!({
        "iss": op.0.issuer, "sub": u.sub, "aud": op.0.client_id, "iat": now, "exp": now + 300,
        "nonce": nonce, "email": u.email, "email_verified": u.email_verified,
        "given_name": u.given_name, "family_name": u.family_name,
    });
    let header =
        URL_SAFE_NO_PAD.encode(json!({"alg": "ES256", "typ": "JWT", "kid": "k1"}).to_string());
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let input = format!("{header}.{payload}");
    let rng = ring::rand::SystemRandom::new();
    let sig = op.0.key.sign(&rng, input.as_bytes()).expect("sign");
    let id_token = format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()));
    axum::Json(json!({
        "access_token": limen_crypto::random_token(16),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}
