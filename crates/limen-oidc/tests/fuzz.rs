//! Fuzz targets of the OpenID Connect crate (docs/FUZZING.md): form and query parameters, the
//! authorization request (OIDC Core §3.1.2.1, RFC 6749 §4.1.1, RFC 7636), client authentication
//! at the token endpoint (RFC 6749 §2.3.1 Basic, `client_secret_post`, and `private_key_jwt`
//! assertions, RFC 7523 §3) and PKCE verification.
//!
//! Properties: no panic on any input; the parameter reader agrees with a model (first value
//! wins, repetitions noticed); an accepted authorization request only narrows what the client is
//! registered for, and its continuation reads back as the same request; a client assertion is
//! accepted exactly when the model says so (registered key, allowed algorithm, right `iss`,
//! `sub`, `aud`, a sane `exp`, a `jti`), whatever its header claims.

#[path = "../../../tests/fuzz/support.rs"]
mod support;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use limen_core::oidc::{JwsAlg, OidcClient, SubjectType, TokenAuthMethod};
use limen_crypto::jose::SigningKey;
use limen_oidc::authorize::{self, AuthorizeParams};
use limen_oidc::client_auth::{self, ASSERTION_TYPE, ClientFields, Presented};
use limen_oidc::pkce;
use limen_oidc::{OAuthError, Params};
use proptest::prelude::*;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use serde_json::{Value, json};
use std::sync::OnceLock;
use support::{config, mutated, nasty_string};

const REDIRECT: &str = "https://rp.example.org/cb";
const TOKEN_ENDPOINT: &str = "https://limen.example/oidc/token";
const ISSUER: &str = "https://limen.example";
const NOW: i64 = 1_800_000_000;

fn client() -> OidcClient {
    OidcClient {
        service_id: 1,
        client_id: "rp".into(),
        secret_hash: Some(limen_crypto::sha256_hex(b"s3cret")),
        auth_method: TokenAuthMethod::ClientSecretBasic,
        redirect_uris: vec![REDIRECT.into(), "com.example.app:/cb".into()],
        post_logout_redirect_uris: vec![],
        pkce_required: false,
        signing_alg: JwsAlg::Es256,
        subject_type: SubjectType::Public,
        sector: "rp.example.org".into(),
        scopes: vec!["openid".into(), "email".into(), "profile".into()],
        consent: false,
        jwks: None,
        jwks_uri: None,
        backchannel_logout_uri: None,
        frontchannel_logout_uri: None,
    }
}

/// Form encoding of a value, sometimes with `+` for spaces, sometimes percent-encoding more than
/// needed, sometimes raw (as a sloppy client sends it).
fn encode(value: &str, style: u8) -> String {
    match style % 3 {
        0 => url::form_urlencoded::byte_serialize(value.as_bytes()).collect(),
        1 => value.bytes().map(|b| format!("%{b:02X}")).collect(),
        _ => value.to_owned(),
    }
}

fn param_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
            "code_challenge", "code_challenge_method", "response_mode", "prompt", "max_age",
            "login_hint", "ui_locales", "acr_values", "claims", "id_token_hint", "request",
            "request_uri", "registration", "client_secret", "client_assertion",
            "client_assertion_type", "grant_type", "code", "code_verifier",
        ]).prop_map(str::to_owned),
        1 => "[a-z_]{1,8}",
        1 => nasty_string(4),
    ]
}

/// A value that is often the right kind for its parameter.
fn param_value(name: &str) -> BoxedStrategy<String> {
    let fixed = |v: Vec<&'static str>| prop::sample::select(v).prop_map(str::to_owned).boxed();
    let specific = match name {
        "response_type" => fixed(vec![
            "code",
            "token",
            "id_token",
            "code id_token",
            "CODE",
            "",
        ]),
        "client_id" => fixed(vec!["rp", "other", "rp ", ""]),
        "redirect_uri" => fixed(vec![
            REDIRECT,
            "https://rp.example.org/cb/",
            "https://evil.test/cb",
            "com.example.app:/cb",
            "",
        ]),
        "scope" => prop::collection::vec(
            prop::sample::select(vec![
                "openid",
                "email",
                "profile",
                "phone",
                "offline_access",
                "OPENID",
                "",
            ]),
            0..5,
        )
        .prop_map(|v| v.join(" "))
        .boxed(),
        "code_challenge" => prop_oneof![
            "[A-Za-z0-9_-]{43}",
            "[A-Za-z0-9_~.-]{40,50}",
            nasty_string(43)
        ]
        .boxed(),
        "code_challenge_method" => fixed(vec!["S256", "plain", "s256", ""]),
        "response_mode" => fixed(vec!["query", "form_post", "fragment", ""]),
        "prompt" => prop::collection::vec(
            prop::sample::select(vec![
                "none",
                "login",
                "consent",
                "select_account",
                "create",
                "",
            ]),
            0..4,
        )
        .prop_map(|v| v.join(" "))
        .boxed(),
        "max_age" => prop_oneof![
            "-?[0-9]{1,20}",
            Just("9223372036854775808".to_owned()),
            Just("1e3".to_owned())
        ]
        .boxed(),
        "acr_values" => prop::collection::vec(
            prop::sample::select(vec![
                "BASIC",
                "MEDIUM",
                "HIGH",
                "PASSWORD_SMS",
                "http://eidas.europa.eu/LoA/high",
                "x",
            ]),
            0..4,
        )
        .prop_map(|v| v.join(" "))
        .boxed(),
        "claims" => claims_json().boxed(),
        _ => nasty_string(16).boxed(),
    };
    // MAX_PARAM is 2048 bytes.
    prop_oneof![6 => specific, 1 => nasty_string(12), 1 => (2040usize..2060).prop_map(|n| "é".repeat(n / 2))].boxed()
}

/// The `claims` request parameter (OIDC Core §5.5): objects that ask for `acr`, other shapes,
/// deep nesting, broken JSON.
fn claims_json() -> impl Strategy<Value = String> {
    let acr = (
        proptest::option::of(any::<bool>()),
        proptest::option::of(prop::sample::select(vec!["BASIC", "HIGH", "a b", "", "x"])),
        proptest::option::of(prop::collection::vec(
            prop::sample::select(vec!["MEDIUM", "HIGH", "a b", "", "y"]),
            0..3,
        )),
    )
        .prop_map(|(essential, value, values)| {
            let mut acr = serde_json::Map::new();
            if let Some(e) = essential {
                acr.insert("essential".into(), json!(e));
            }
            if let Some(v) = value {
                acr.insert("value".into(), json!(v));
            }
            if let Some(v) = values {
                acr.insert("values".into(), json!(v));
            }
            json!({"id_token": {"acr": acr}, "userinfo": {"email": null}}).to_string()
        });
    prop_oneof![
        4 => acr.clone(),
        1 => acr.prop_flat_map(|j| mutated(j, &["{", "}", "[", "]", "\"", ",", ":", "null", "\\u0000"])),
        1 => (1usize..300).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
        1 => prop::sample::select(vec!["[]", "null", "1", "\"s\"", "{\"id_token\":{\"acr\":[]}}"]).prop_map(str::to_owned),
    ]
}

/// A request body or query built from pairs: `(name, value, encoding style)`.
fn form() -> impl Strategy<Value = (Vec<(String, String)>, String)> {
    prop::collection::vec(
        param_name().prop_flat_map(|n| {
            let v = param_value(&n);
            (Just(n), v, any::<u8>())
        }),
        0..12,
    )
    .prop_map(|pairs| {
        let raw = pairs
            .iter()
            .map(|(n, v, style)| format!("{}={}", encode(n, 0), encode(v, *style)))
            .collect::<Vec<_>>()
            .join("&");
        (pairs.into_iter().map(|(n, v, _)| (n, v)).collect(), raw)
    })
}

/// A well-formed authorization request: every parameter given once, valid or not.
fn authorize_request() -> impl Strategy<Value = String> {
    let names = [
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
        "response_mode",
        "prompt",
        "max_age",
        "acr_values",
        "claims",
        "ui_locales",
        "login_hint",
    ];
    // The first four decide whether the rest is looked at: mostly right, so that most requests
    // get that far.
    let right = ["code", "rp", REDIRECT, "openid email"];
    let parts: Vec<BoxedStrategy<Option<String>>> = names
        .iter()
        .enumerate()
        .map(|(i, n)| match right.get(i) {
            Some(v) => prop_oneof![6 => Just(Some((*v).to_owned())), 1 => proptest::option::of(param_value(n))].boxed(),
            None => proptest::option::weighted(0.5, param_value(n)).boxed(),
        })
        .collect();
    parts.prop_map(move |values| {
        names
            .iter()
            .zip(values)
            .filter_map(|(n, v)| v.map(|v| format!("{n}={}", encode(&v, 0))))
            .collect::<Vec<_>>()
            .join("&")
    })
}

proptest! {
    #![proptest_config(config(500))]

    /// `Params::parse` agrees with the model: decoded pairs, the first value of each name wins,
    /// names given more than once are listed once, in order; empty values read as absent.
    #[test]
    fn fuzz_params_model((pairs, raw) in form()) {
        let p = Params::parse(raw.as_bytes());
        let decoded: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
        // The encoder of `form` may leave `&`, `=`, `%` or `+` raw: compare with what a form
        // decoder reads, and with the pairs themselves when the encoding was faithful.
        if decoded.len() == pairs.len() && decoded.iter().zip(&pairs).all(|(a, b)| a == b) {
            prop_assert_eq!(&decoded, &pairs);
        }
        let mut repeated: Vec<String> = Vec::new();
        for (i, (name, value)) in decoded.iter().enumerate() {
            let first = decoded.iter().position(|(n, _)| n == name) == Some(i);
            if first {
                prop_assert_eq!(p.get(name), (!value.is_empty()).then(|| value.clone()));
            } else if !repeated.contains(name) {
                repeated.push(name.clone());
            }
        }
        prop_assert_eq!(&p.repeated, &repeated);
        prop_assert_eq!(p.repetition_error().is_some(), !repeated.is_empty());
    }

    /// The authorization endpoint's checks (OIDC Core §3.1.2.1): never a panic; what is
    /// accepted is narrower than the client's registration, and the continuation of an accepted
    /// request (the detour through registration or a lost password) reads back as the same
    /// request.
    #[test]
    fn fuzz_authorize(raw in prop_oneof![
        3 => authorize_request(),
        1 => form().prop_map(|(_, raw)| raw),
        1 => authorize_request().prop_flat_map(|q| mutated(q, &["&", "=", "%", "+", "%00", "&scope=openid"])),
    ]) {
        let p = Params::parse(raw.as_bytes());
        let params = AuthorizeParams::from_params(&p);
        let client = client();
        let Ok(redirect) = authorize::redirect_uri(&params, &client) else { return Ok(()); };
        prop_assert!(client.redirect_uris.contains(&redirect));
        let Ok(req) = authorize::validate(&params, &client, redirect) else { return Ok(()); };
        prop_assert!(req.scopes.iter().any(|s| s == "openid"));
        prop_assert!(req.scopes.iter().all(|s| client.scopes.contains(s)));
        let mut unique = req.scopes.clone();
        unique.dedup();
        prop_assert_eq!(unique.len(), req.scopes.len());
        prop_assert!(!(req.prompt_none && (req.prompt_login || req.prompt_consent)));
        prop_assert!(req.max_age.is_none_or(|m| m >= 0));
        if let Some(c) = &req.code_challenge {
            prop_assert!(pkce::valid_challenge(c));
        }

        let continuation = req.continuation();
        // Found by this target, not changed (docs/FUZZING.md): parameters within MAX_PARAM can
        // make a continuation longer than the 8192 bytes `continuation_target` reads.
        if continuation.len() > 8192 {
            prop_assert!(authorize::continuation_target(&continuation).is_none());
            return Ok(());
        }
        let (id, uri) = authorize::continuation_target(&continuation).expect("our continuation is recognised");
        prop_assert_eq!(id, req.client_id.clone());
        prop_assert_eq!(uri, req.redirect_uri.clone());
        let query = continuation.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let again_params = AuthorizeParams::from_params(&Params::parse(query.as_bytes()));
        let again = authorize::validate(&again_params, &client, req.redirect_uri.clone())
            .map_err(|(e, _)| TestCaseError::fail(format!("continuation refused: {e:?}: {continuation}")))?;
        prop_assert_eq!(&again.scopes, &req.scopes);
        prop_assert_eq!(&again.state, &req.state);
        prop_assert_eq!(&again.nonce, &req.nonce);
        prop_assert_eq!(&again.code_challenge, &req.code_challenge);
        prop_assert_eq!(again.response_mode, req.response_mode);
        prop_assert_eq!(again.prompt_consent, req.prompt_consent);
        prop_assert_eq!(&again.ui_locales, &req.ui_locales);
        prop_assert_eq!(&again.acr_values, &req.acr_values, "{}", continuation);
        // An essential `acr` without values has no effect (`acceptable_strengths`) and is not
        // carried over.
        prop_assert!(again.acr_essential == req.acr_essential || req.acr_values.is_empty());
    }

    /// PKCE (RFC 7636 §4.1, §4.6): a verifier matches exactly the challenge computed from it,
    /// and only a well-formed verifier matches anything.
    #[test]
    fn fuzz_pkce(verifier in prop_oneof!["[A-Za-z0-9._~-]{43,128}", "[A-Za-z0-9._~-]{0,130}", nasty_string(50)],
                 other in "[A-Za-z0-9_-]{43}") {
        let challenge = URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()));
        let well_formed = (43..=128).contains(&verifier.len())
            && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        prop_assert_eq!(pkce::verify(&verifier, &challenge), well_formed);
        prop_assert!(pkce::valid_challenge(&challenge));
        prop_assert_eq!(pkce::verify(&verifier, &other), well_formed && other == challenge);
    }
}

/// `Authorization` header values: `Basic` in any case with form-encoded id and secret (RFC 6749
/// §2.3.1), broken base64, missing colons, non-ASCII bytes, other schemes.
fn authorization() -> impl Strategy<Value = Option<String>> {
    let scheme = prop::sample::select(vec![
        "Basic ",
        "basic ",
        "BASIC ",
        "Basic  ",
        "Bearer ",
        "Basic",
        "Básic ",
        "Basi\u{e9}",
        "",
    ]);
    let id = prop_oneof![Just("rp".to_owned()), nasty_string(8)];
    let secret = prop_oneof![Just("s3cret".to_owned()), nasty_string(8)];
    let credentials = (id, secret, any::<bool>()).prop_map(|(i, s, colon)| {
        let enc = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
        STANDARD.encode(if colon {
            format!("{}:{}", enc(&i), enc(&s))
        } else {
            enc(&i)
        })
    });
    let value = prop_oneof![
        4 => credentials,
        1 => "[A-Za-z0-9+/=]{0,20}",
        1 => nasty_string(10),
    ];
    proptest::option::of((scheme, value).prop_map(|(s, v)| format!("{s}{v}")))
}

proptest! {
    #![proptest_config(config(500))]

    /// `client_auth::presented`: exactly one method or a refusal, never a panic; Basic
    /// credentials read back as they were encoded.
    #[test]
    fn fuzz_client_credentials(
        header in authorization(),
        id in proptest::option::of(prop_oneof![Just("rp".to_owned()), nasty_string(6)]),
        secret in proptest::option::of(nasty_string(6)),
        assertion_type in proptest::option::of(prop_oneof![Just(ASSERTION_TYPE.to_owned()), nasty_string(6)]),
        assertion in proptest::option::of(jwt_like()),
    ) {
        let fields = ClientFields { client_id: id, client_secret: secret, client_assertion_type: assertion_type, client_assertion: assertion };
        if let Ok(p) = client_auth::presented(header.as_deref(), &fields) {
            let from_header_or_jwt = matches!(p, Presented::Basic { .. } | Presented::Assertion { .. });
            prop_assert!(!p.client_id().is_empty() || from_header_or_jwt);
            if let Presented::Basic { client_id, secret } = &p {
                let h = header.as_deref().expect("Basic needs the header");
                let decoded = String::from_utf8(STANDARD.decode(h[6..].trim()).expect("base64")).expect("UTF-8");
                let (i, s) = decoded.split_once(':').expect("a colon");
                let dec = |v: &str| url::form_urlencoded::parse(format!("x={v}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default();
                prop_assert_eq!(client_id, &dec(i));
                prop_assert_eq!(secret, &dec(s));
            }
            let _ = client_auth::check_method(&client(), &p);
        }
    }
}

// --- private_key_jwt (RFC 7523 §3) ----------------------------------------------------------------

struct Keys {
    client: SigningKey,
    client_pair: EcdsaKeyPair,
    other_pair: EcdsaKeyPair,
    jwks: String,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let client = SigningKey::generate(JwsAlg::Es256).expect("key");
        let rng = SystemRandom::new();
        let pair = |der: &[u8]| {
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &rng).expect("key")
        };
        let other =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).expect("key");
        let jwks = json!({"keys": [client.public_jwk]}).to_string();
        Keys {
            client_pair: pair(client.private_der()),
            other_pair: pair(other.as_ref()),
            client,
            jwks,
        }
    })
}

#[derive(Debug, Clone)]
enum Signature {
    ClientKey,
    OtherKey,
    Empty,
    Garbage(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Assertion {
    alg: Value,
    kid: Option<Value>,
    iss: Option<Value>,
    sub: Option<Value>,
    aud: Option<Value>,
    exp: Option<Value>,
    jti: Option<Value>,
    signature: Signature,
}

/// Mostly the right value, else one of the wrong ones: about one assertion in five is
/// acceptable, so that both sides of the model are exercised.
fn mostly<T: std::fmt::Debug + Clone + 'static>(right: T, wrong: Vec<T>) -> BoxedStrategy<T> {
    prop_oneof![8 => Just(right), 1 => prop::sample::select(wrong)].boxed()
}

fn assertion() -> impl Strategy<Value = Assertion> {
    let alg = mostly(
        json!("ES256"),
        vec![
            json!("none"),
            json!("None"),
            json!("HS256"),
            json!("RS256"),
            json!("ES384"),
            json!("EdDSA"),
            json!(null),
            json!(1),
        ],
    );
    let kid = mostly(
        Some(json!("RIGHT")),
        vec![None, Some(json!("wrong")), Some(json!("")), Some(json!(7))],
    );
    let name = || {
        mostly(
            Some(json!("rp")),
            vec![
                None,
                Some(json!("other")),
                Some(json!("")),
                Some(json!(["rp"])),
                Some(json!(null)),
            ],
        )
    };
    let aud = mostly(
        Some(json!(TOKEN_ENDPOINT)),
        vec![
            None,
            Some(json!(ISSUER)),
            Some(json!([TOKEN_ENDPOINT, "x"])),
            Some(json!("https://evil.test")),
            Some(json!([])),
            Some(json!(1)),
        ],
    );
    let exp = prop_oneof![
        6 => (-100i64..4000).prop_map(|d| Some(json!(NOW + d))),
        1 => prop::sample::select(vec![None, Some(json!(i64::MAX)), Some(json!(i64::MIN)), Some(json!(u64::MAX)), Some(json!(1e300)), Some(json!(-1e300)), Some(json!("1800000000")), Some(json!(NOW as f64 + 0.5)), Some(json!(null))]),
    ];
    let jti = prop_oneof![
        8 => Just(Some(json!("j1"))),
        1 => prop::sample::select(vec![None, Some(json!("")), Some(json!(5))]),
        1 => (255usize..259).prop_map(|n| Some(json!("j".repeat(n)))),
    ];
    let signature = prop_oneof![
        8 => Just(Signature::ClientKey),
        1 => Just(Signature::OtherKey),
        1 => Just(Signature::Empty),
        1 => prop::collection::vec(any::<u8>(), 0..80).prop_map(Signature::Garbage),
    ];
    (alg, kid, name(), name(), aud, exp, jti, signature).prop_map(
        |(alg, kid, iss, sub, aud, exp, jti, signature)| Assertion {
            alg,
            kid,
            iss,
            sub,
            aud,
            exp,
            jti,
            signature,
        },
    )
}

impl Assertion {
    fn encode(&self) -> String {
        let k = keys();
        let mut header = serde_json::Map::new();
        header.insert("alg".into(), self.alg.clone());
        header.insert("typ".into(), json!("JWT"));
        if let Some(kid) = &self.kid {
            header.insert(
                "kid".into(),
                if *kid == json!("RIGHT") {
                    json!(k.client.kid)
                } else {
                    kid.clone()
                },
            );
        }
        let mut claims = serde_json::Map::new();
        for (name, v) in [
            ("iss", &self.iss),
            ("sub", &self.sub),
            ("aud", &self.aud),
            ("exp", &self.exp),
            ("jti", &self.jti),
        ] {
            if let Some(v) = v {
                claims.insert(name.into(), v.clone());
            }
        }
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(Value::Object(header).to_string()),
            URL_SAFE_NO_PAD.encode(Value::Object(claims).to_string())
        );
        let rng = SystemRandom::new();
        let sig = match &self.signature {
            Signature::ClientKey => k
                .client_pair
                .sign(&rng, input.as_bytes())
                .expect("sign")
                .as_ref()
                .to_vec(),
            Signature::OtherKey => k
                .other_pair
                .sign(&rng, input.as_bytes())
                .expect("sign")
                .as_ref()
                .to_vec(),
            Signature::Empty => Vec::new(),
            Signature::Garbage(g) => g.clone(),
        };
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
    }

    /// RFC 7523 §3 and Limen's rules, independently: when must this assertion be accepted?
    fn acceptable(&self) -> bool {
        let is = |v: &Option<Value>, s: &str| v.as_ref().is_some_and(|v| v == &json!(s));
        let aud_ok = match &self.aud {
            Some(Value::String(a)) => a == TOKEN_ENDPOINT || a == ISSUER,
            Some(Value::Array(list)) => list.iter().any(|a| a == TOKEN_ENDPOINT || a == ISSUER),
            _ => false,
        };
        // `exp` as Limen reads it: a JSON integer that fits an i64. RFC 7519 §2 lets a
        // NumericDate have a fraction; Limen refuses one (no client library sends it).
        let exp = match &self.exp {
            Some(Value::Number(n)) => n.as_i64(),
            _ => None,
        };
        let kid_ok = match &self.kid {
            None => true,
            Some(k) => k == &json!("RIGHT"),
        };
        let jti_ok = matches!(&self.jti, Some(Value::String(j)) if !j.is_empty() && j.len() <= 256);
        self.alg == json!("ES256")
            && kid_ok
            && matches!(self.signature, Signature::ClientKey)
            && is(&self.iss, "rp")
            && is(&self.sub, "rp")
            && aud_ok
            && exp.is_some_and(|e| e.saturating_add(30) >= NOW && e <= NOW + 3660)
            && jti_ok
    }
}

/// Compact-JWS look-alikes for the parsers that read one without verifying it.
fn jwt_like() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => assertion().prop_map(|a| a.encode()),
        1 => assertion().prop_flat_map(|a| mutated(a.encode(), &[".", "..", "=", "+", "/", "eyJ"])),
        1 => nasty_string(20),
    ]
}

proptest! {
    #![proptest_config(config(300))]

    /// `verify_assertion` accepts exactly the assertions the model accepts: the client's own
    /// key, ES256 (never `none`, never an HMAC keyed with public material), the right `kid` or
    /// none, `iss` = `sub` = client id, our audience, an `exp` neither past nor over an hour
    /// ahead (huge, negative and fractional values included), a `jti` of at most 256 bytes.
    #[test]
    fn fuzz_private_key_jwt(a in assertion()) {
        let jwt = a.encode();
        let mut c = client();
        c.auth_method = TokenAuthMethod::PrivateKeyJwt;
        let result = client_auth::verify_assertion(&jwt, &c, &keys().jwks, &[TOKEN_ENDPOINT, ISSUER], NOW);
        prop_assert_eq!(result.is_ok(), a.acceptable(), "{:?} → {:?}", a, result);
        if let Err(e) = result {
            prop_assert_eq!(e.error, "invalid_client");
        }
    }

    /// Mangled assertions and key sets: refused with `invalid_client`, never a panic.
    #[test]
    fn fuzz_private_key_jwt_mangled(jwt in jwt_like(), jwks in prop_oneof![
        3 => Just(keys().jwks.clone()),
        1 => Just(keys().jwks.clone()).prop_flat_map(|j| mutated(j, &["{", "}", "\"kty\":\"RSA\"", "\"crv\":\"P-384\"", ","])),
    ]) {
        let mut c = client();
        c.auth_method = TokenAuthMethod::PrivateKeyJwt;
        if let Err(e) = client_auth::verify_assertion(&jwt, &c, &jwks, &[TOKEN_ENDPOINT], NOW) {
            prop_assert_eq!(e.error, "invalid_client");
        }
    }
}

/// Found by `fuzz_client_credentials`: an `Authorization` value whose 6th byte fell inside a
/// character panicked (`h[..6]`); it is now simply not Basic.
#[test]
fn fuzz_found_authorization_cut_inside_a_character() {
    let fields = ClientFields {
        client_id: Some("rp".into()),
        ..ClientFields::default()
    };
    for header in ["\u{202A}\u{10FFFF}Aa", "Basi\u{e9}xyz", "Básic cnA6cw=="] {
        let p =
            client_auth::presented(Some(header), &fields).expect("no Basic: the body's client_id");
        assert_eq!(
            p,
            Presented::None {
                client_id: "rp".into()
            },
            "{header:?}"
        );
    }
}

/// Found by `fuzz_private_key_jwt_mangled`: a validly signed assertion with `exp` = i64::MAX
/// overflowed `exp + 30` (a panic in debug builds); it is refused as too far in the future.
#[test]
fn fuzz_found_assertion_exp_at_i64_max() {
    for exp in [json!(i64::MAX), json!(i64::MIN)] {
        let a = Assertion {
            alg: json!("ES256"),
            kid: Some(json!("RIGHT")),
            iss: Some(json!("rp")),
            sub: Some(json!("rp")),
            aud: Some(json!(TOKEN_ENDPOINT)),
            exp: Some(exp),
            jti: Some(json!("j1")),
            signature: Signature::ClientKey,
        };
        let mut c = client();
        c.auth_method = TokenAuthMethod::PrivateKeyJwt;
        let e =
            client_auth::verify_assertion(&a.encode(), &c, &keys().jwks, &[TOKEN_ENDPOINT], NOW)
                .expect_err("refused");
        assert_eq!(e.error, "invalid_client");
    }
}

/// The request read back from its continuation (the detour through registration or a lost
/// password), as the authorization endpoint would read it.
fn resumed(req: &authorize::AuthRequest) -> Result<authorize::AuthRequest, OAuthError> {
    let continuation = req.continuation();
    let query = continuation
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default();
    authorize::validate(
        &AuthorizeParams::from_params(&Params::parse(query.as_bytes())),
        &client(),
        REDIRECT.into(),
    )
    .map_err(|(e, _)| e)
}

/// Found by `fuzz_authorize`: `acr` values from the claims parameter holding a space (or empty)
/// were split (or dropped) by the continuation's `acr_values`; they now travel as claims.
#[test]
fn fuzz_found_continuation_keeps_acr_values_with_spaces() {
    let raw = "response_type=code&client_id=rp&redirect_uri=https%3A%2F%2Frp.example.org%2Fcb&scope=openid\
               &claims=%7B%22id_token%22%3A%7B%22acr%22%3A%7B%22values%22%3A%5B%22a+b%22%2C%22%22%5D%7D%7D%7D";
    let params = AuthorizeParams::from_params(&Params::parse(raw.as_bytes()));
    let req = authorize::validate(&params, &client(), REDIRECT.into()).expect("valid");
    assert_eq!(req.acr_values, ["a b", ""]);
    let again = resumed(&req).expect("valid");
    assert_eq!(again.acr_values, req.acr_values);
    assert!(!again.acr_essential);
}

/// Found by `fuzz_authorize` (scripts/fuzz, 2026-12-07): an essential `acr` (claims) with long
/// `acr_values` put the values into the continuation's claims parameter, which then exceeded
/// the 2048-byte limit the request itself had passed: the detour through registration refused
/// it. Values now stay in the form they came in, and each form is never longer than the
/// request's own.
#[test]
fn fuzz_found_continuation_of_long_essential_acr_values_stays_within_the_limits() {
    let long: String = "é".repeat(1000);
    let cases = [
        (
            format!(
                "&acr_values={long}&claims={{\"id_token\":{{\"acr\":{{\"essential\":true}}}}}}"
            ),
            true,
        ),
        (
            format!(
                "&claims={{\"id_token\":{{\"acr\":{{\"value\":\"{} x\"}}}}}}",
                &long[..2000 - 30]
            ),
            false,
        ),
    ];
    for (extra, essential) in cases {
        let raw = format!(
            "response_type=code&client_id=rp&redirect_uri=https%3A%2F%2Frp.example.org%2Fcb&scope=openid{}",
            extra
                .replace('{', "%7B")
                .replace('}', "%7D")
                .replace('"', "%22")
                .replace(' ', "+")
        );
        let params = AuthorizeParams::from_params(&Params::parse(raw.as_bytes()));
        let req = authorize::validate(&params, &client(), REDIRECT.into()).expect("valid");
        assert_eq!(req.acr_essential, essential);
        let again = resumed(&req).unwrap_or_else(|e| panic!("continuation refused: {e:?}"));
        assert_eq!(again.acr_values, req.acr_values);
        assert_eq!(again.acr_essential, essential);
    }
}
