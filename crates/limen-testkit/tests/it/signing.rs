//! Issue 18: transaction signing through the real server, on both backends — a CAS service
//! and an OpenID Connect client ask for signatures over the API, a user signs on the signing page
//! (here with SMS; the other methods in sign_methods.rs, sign_mobile.rs and the interop suite),
//! the service redeems the one-time result and verifies the receipt with the published key set;
//! My account lists the signature, serves its receipt and takes "This was not me"; and every
//! refusal of the API and of the pages.

use crate::sms::{PHONE, add_number, sms_on};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use limen_testkit::{Browser, PASSWORD, TestApp, each_backend};
use serde_json::{Value, json};

const USER: &str = "signer@example.org";
const OTHER: &str = "other@example.org";
const RETURN: &str = "https://registry.example.org/signed";

/// A CAS service with a signing secret: (its API user name, the secret).
pub(crate) async fn registry(app: &TestApp, ecas: bool) -> (String, String) {
    let name = if ecas { "Registry ecas" } else { "Registry" };
    let service = app
        .add_service(name, "https://registry.example.org/*", |_| {})
        .await;
    if ecas {
        app.store
            .set_service_response_format(service.id, limen_core::service::CasResponseFormat::Ecas)
            .await
            .unwrap();
    }
    let secret = limen_crypto::random_token(32);
    app.store
        .set_signing_secret(service.id, &limen_crypto::sha256_hex(secret.as_bytes()))
        .await
        .unwrap();
    (format!("cas-{}", service.id), secret)
}

pub(crate) fn basic(user: &str, secret: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{secret}")))
}

fn transfer(uid: &str) -> Value {
    json!({
        "user": uid,
        "title": "Transfer of allowances",
        "fields": [
            {"label": "Amount", "value": "100 EUA"},
            {"label": "To account", "value": "EU-100-5", "retype": true, "pattern": "EU-[0-9]+-[0-9]+"}
        ],
        "return_url": RETURN,
    })
}

async fn api_post(
    app: &TestApp,
    path: &str,
    auth: &str,
    body: &Value,
) -> (u16, String, Option<String>) {
    let r = reqwest::Client::new()
        .post(app.url(path))
        .header("Authorization", auth)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, r.text().await.unwrap(), location)
}

pub(crate) async fn create(app: &TestApp, auth: &str, body: &Value) -> (u16, Value) {
    let (status, text, _) = api_post(app, "/sign/api/v1/requests", auth, body).await;
    (
        status,
        serde_json::from_str(&text).unwrap_or(json!({"raw": text})),
    )
}

async fn redeem(app: &TestApp, auth: &str, handle: &str) -> (u16, Value) {
    let (status, text, _) =
        api_post(app, "/sign/api/v1/result", auth, &json!({"result": handle})).await;
    (status, serde_json::from_str(&text).unwrap())
}

/// The path of a request's signing page.
pub(crate) fn page_path(created: &Value) -> String {
    let url = created["url"].as_str().unwrap();
    let path = url.split_once("//").unwrap().1;
    path[path.find('/').unwrap()..].to_owned()
}

/// The result handle a return URL carries.
fn handle_in(location: &str) -> String {
    assert!(location.starts_with(RETURN), "{location}");
    let url = url::Url::parse(location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "result")
        .map(|(_, v)| v.into_owned())
        .expect("a result handle")
}

/// A user with an SMS number, signed in in the returned browser.
async fn user_with_phone(app: &TestApp) -> (limen_core::Account, Browser) {
    let account = app.add_user(USER, Some("Sig"), "Ner").await;
    let b = app.browser();
    b.login(None, USER, PASSWORD).await;
    let added = add_number(app, &b, PHONE, PHONE, 1).await;
    assert_eq!(added.status, 303, "{}", added.body);
    (account, b)
}

/// Verifies a receipt with the key set at /oidc/jwks only (as a service would, offline once it
/// has the keys), returning its claims.
async fn verify_receipt(app: &TestApp, jws: &str, audience: &str) -> Value {
    let header = jsonwebtoken::decode_header(jws).unwrap();
    assert_eq!(header.typ.as_deref(), Some("limen-sign-receipt+jwt"));
    let jwks: jsonwebtoken::jwk::JwkSet = reqwest::get(app.url("/oidc/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jwk = jwks
        .find(header.kid.as_deref().unwrap())
        .expect("the key is published");
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
    let mut validation = jsonwebtoken::Validation::new(header.alg);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[app.base.as_str()]);
    validation.required_spec_claims = ["iss", "aud", "sub"]
        .into_iter()
        .map(String::from)
        .collect();
    validation.validate_exp = false;
    let claims: Value = jsonwebtoken::decode(jws, &key, &validation).unwrap().claims;
    // The data's hash is the hash of its RFC 8785 form.
    let canonical = limen_mobile::jcs::canonical(&claims["txn"]).unwrap();
    assert_eq!(
        claims["txn_hash"].as_str().unwrap(),
        URL_SAFE_NO_PAD.encode(limen_crypto::sha256(&canonical))
    );
    claims
}

/// The signing page, the password with SMS, and the code from the `nth` SMS: the response to
/// the code (a 303 to the service when right).
async fn sign_with_sms(app: &TestApp, s: &Browser, path: &str, nth: usize) -> limen_testkit::Page {
    let page = s.get(path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let code_page = s
        .post(
            path,
            &[
                ("csrf_token", page.csrf().as_str()),
                ("method", "sms"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(code_page.status, 200, "{}", code_page.body);
    assert!(
        code_page.contains("id=\"sign-summary\""),
        "{}",
        code_page.body
    );
    let code = app.sms_code(PHONE, nth).await;
    s.post(
        &code_page.form_action(),
        &[
            ("csrf_token", code_page.csrf().as_str()),
            (
                "ceremony",
                code_page.input_value("ceremony").unwrap().as_str(),
            ),
            ("code", &code),
        ],
    )
    .await
}

#[tokio::test]
async fn a_cas_service_has_a_transfer_signed_by_sms_and_verifies_the_receipt() {
    each_backend(sms_on, |app| async move {
        let (user, secret) = registry(&app, false).await;
        let auth = basic(&user, &secret);
        let (account, b) = user_with_phone(&app).await;
        let (status, created) = create(&app, &auth, &transfer(&account.uid)).await;
        assert_eq!(status, 201, "{created}");
        let id = created["request_id"].as_str().unwrap().to_owned();
        assert!(id.starts_with("SR-") && id.len() == 46, "{id}");
        assert!(
            created["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/sign/{id}"))
        );

        // A browser with no session signs: the page shows exactly the fields.
        let s = app.browser();
        let path = page_path(&created);
        let page = s.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("Requested by Registry"), "{}", page.body);
        assert!(page.contains("Transfer of allowances"));
        assert!(
            page.contains("<th scope=\"row\">To account</th><td>EU-100-5"),
            "{}",
            page.body
        );
        assert_eq!(
            page.headers
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store")
        );
        let done = sign_with_sms(&app, &s, &path, 2).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let handle = handle_in(done.location.as_deref().unwrap());
        let text = app.sms_to(PHONE, 2).await.pop().unwrap();
        assert!(
            text.contains("Registry"),
            "the SMS names the service: {text}"
        );

        // Signing made no session: My account still asks to sign in.
        let account_page = s.get("/account").await;
        assert_eq!(account_page.status, 303);
        assert!(account_page.location.unwrap().contains("/cas/login"));

        // The service redeems the result once and verifies the receipt with the JWKS alone.
        let (status, result) = redeem(&app, &auth, &handle).await;
        assert_eq!(status, 200, "{result}");
        assert_eq!(result["status"], "signed");
        assert_eq!(result["request_id"], id.as_str());
        let jws = result["receipt"].as_str().unwrap().to_owned();
        let claims = verify_receipt(&app, &jws, &user).await;
        assert_eq!(claims["jti"], id.as_str());
        assert_eq!(claims["sub"], account.uid.as_str());
        assert_eq!(claims["method"], "PASSWORD_SMS");
        assert_eq!(claims["txn"]["service"], "Registry");
        assert_eq!(claims["txn"]["fields"][1]["value"], "EU-100-5");
        assert_eq!(claims["txn"]["fields"][1]["retype"], true);
        assert!(claims["device"]["name"].is_string(), "{claims}");
        let (status, again) = redeem(&app, &auth, &handle).await;
        assert_eq!(
            (status, again["error"].as_str()),
            (400, Some("invalid_grant")),
            "a replayed handle"
        );

        // The status endpoint keeps the receipt for the service that asked.
        let st: Value = reqwest::Client::new()
            .get(app.url(&format!("/sign/api/v1/requests/{id}")))
            .header("Authorization", &auth)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            (st["status"].as_str(), st["receipt"].as_str()),
            (Some("signed"), Some(jws.as_str()))
        );

        // The page of a finished request says so.
        assert_eq!(s.get(&path).await.status, 410);

        // My account lists it, serves the same receipt, and takes "This was not me" once.
        let list = b.get("/account/signatures").await;
        assert_eq!(list.status, 200);
        assert!(
            list.contains(&format!("data-request=\"{id}\"")),
            "{}",
            list.body
        );
        assert!(list.contains("Transfer of allowances"));
        let file = b.get(&format!("/account/signatures/{id}/receipt")).await;
        assert_eq!(file.status, 200);
        assert_eq!(file.body, jws);
        assert_eq!(
            file.headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/jwt")
        );
        let mails_before = app.mail_to(USER, 0).await.len();
        let reported = b
            .post(
                &format!("/account/signatures/{id}/report"),
                &[("csrf_token", list.csrf().as_str())],
            )
            .await;
        assert_eq!(reported.status, 303, "{}", reported.body);
        let after = b.get(reported.location.as_deref().unwrap()).await;
        assert!(after.contains("id=\"signatures-notice\""));
        assert!(after.contains("class=\"reported\""));
        // The security e-mail names the transaction (mail is delivered by a worker: wait).
        let mut named = false;
        for _ in 0..200 {
            let mails = app.mail_to(USER, mails_before).await;
            if mails
                .iter()
                .any(|m| m.text().contains("Transfer of allowances"))
            {
                named = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(named, "a security e-mail names the reported transaction");
        let twice = b
            .post(
                &format!("/account/signatures/{id}/report"),
                &[("csrf_token", list.csrf().as_str())],
            )
            .await;
        assert_eq!(twice.status, 404);
        // Another account sees none of it.
        app.add_user(OTHER, None, "Other").await;
        let o = app.browser();
        o.login(None, OTHER, PASSWORD).await;
        assert_eq!(
            o.get(&format!("/account/signatures/{id}/receipt"))
                .await
                .status,
            404
        );
        let their = o.get("/account/signatures").await;
        assert!(!their.contains(&id));
    })
    .await;
}

#[tokio::test]
async fn the_api_refuses_bad_requests_and_callers() {
    each_backend(sms_on, |app| async move {
        let (user, secret) = registry(&app, false).await;
        let auth = basic(&user, &secret);
        let account = app.add_user(USER, None, "Ner").await;
        let ok = transfer(&account.uid);

        for bad in [
            basic(&user, "wrong"),
            basic("cas-999", &secret),
            basic("nobody", "x"),
        ] {
            let (status, body) = create(&app, &bad, &ok).await;
            assert_eq!(
                (status, body["error"].as_str()),
                (401, Some("invalid_client")),
                "{body}"
            );
        }
        let with = |f: &dyn Fn(&mut Value)| {
            let mut v = ok.clone();
            f(&mut v);
            v
        };
        let cases: Vec<(&str, Value)> = vec![
            ("empty title", with(&|v| v["title"] = json!(" "))),
            ("long title", with(&|v| v["title"] = json!("x".repeat(201)))),
            ("no fields", with(&|v| v["fields"] = json!([]))),
            (
                "21 fields",
                with(&|v| v["fields"] = json!(vec![json!({"label": "a", "value": "b"}); 21])),
            ),
            (
                "control character",
                with(&|v| v["fields"][0]["value"] = json!("10\u{0}0")),
            ),
            (
                "pattern not matched",
                with(&|v| v["fields"][1]["value"] = json!("XX-1")),
            ),
            (
                "bad pattern",
                with(&|v| v["fields"][1]["pattern"] = json!("(")),
            ),
            (
                "another origin",
                with(&|v| v["return_url"] = json!("https://evil.example/signed")),
            ),
            (
                "not http",
                with(&|v| v["return_url"] = json!("javascript:alert(1)")),
            ),
            (
                "a strength that cannot sign",
                with(&|v| v["strengths"] = json!(["PASSWORD"])),
            ),
            (
                "TOTP cannot sign",
                with(&|v| v["strengths"] = json!(["PASSWORD_TOKEN"])),
            ),
            ("too short", with(&|v| v["expires_in"] = json!(10))),
            ("too long", with(&|v| v["expires_in"] = json!(7200))),
            ("unknown member", with(&|v| v["amount"] = json!(1))),
            ("not JSON", json!("just a string")),
        ];
        for (what, body) in cases {
            let (status, got) = create(&app, &auth, &body).await;
            assert_eq!(
                (status, got["error"].as_str()),
                (400, Some("invalid_request")),
                "{what}: {got}"
            );
        }
        for user_name in ["nobody-at-all", ""] {
            let (status, got) = create(&app, &auth, &with(&|v| v["user"] = json!(user_name))).await;
            assert_eq!(
                (status, got["error"].as_str()),
                (400, Some("unknown_user")),
                "{got}"
            );
        }
        // Nothing was stored by any refusal.
        assert!(
            app.store
                .signature_requests_of(account.id, 10)
                .await
                .unwrap()
                .is_empty()
        );

        // A handle that is not this service's (another service's, or made up).
        let (other_user, other_secret) = {
            let s = app
                .add_service("Other", "https://other.example.org/*", |_| {})
                .await;
            let secret = limen_crypto::random_token(32);
            app.store
                .set_signing_secret(s.id, &limen_crypto::sha256_hex(secret.as_bytes()))
                .await
                .unwrap();
            (format!("cas-{}", s.id), secret)
        };
        let (status, created) = create(&app, &auth, &ok).await;
        assert_eq!(status, 201);
        let s = app.browser();
        let path = page_path(&created);
        let page = s.get(&path).await;
        let cancelled = s
            .post(
                &format!("{path}/cancel"),
                &[("csrf_token", page.csrf().as_str())],
            )
            .await;
        assert_eq!(cancelled.status, 303, "{}", cancelled.body);
        let handle = handle_in(cancelled.location.as_deref().unwrap());
        let (status, got) = redeem(&app, &basic(&other_user, &other_secret), &handle).await;
        assert_eq!(
            (status, got["error"].as_str()),
            (400, Some("invalid_grant"))
        );
        let (status, got) = redeem(&app, &auth, "made-up").await;
        assert_eq!(
            (status, got["error"].as_str()),
            (400, Some("invalid_grant"))
        );
        let (status, got) = redeem(&app, &auth, &handle).await;
        assert_eq!(
            (status, got["status"].as_str()),
            (200, Some("cancelled")),
            "{got}"
        );
        assert!(got.get("receipt").is_none());
        // The other service cannot read this one's requests.
        let st = reqwest::Client::new()
            .get(app.url(&format!(
                "/sign/api/v1/requests/{}",
                created["request_id"].as_str().unwrap()
            )))
            .header("Authorization", basic(&other_user, &other_secret))
            .send()
            .await
            .unwrap();
        assert_eq!(st.status().as_u16(), 404);
    })
    .await;
}

#[tokio::test]
async fn an_ecas_service_gets_eu_login_s_answer() {
    each_backend(sms_on, |app| async move {
        let (user, secret) = registry(&app, true).await;
        let account = app.add_user(USER, None, "Ner").await;
        let (status, body, location) = api_post(
            &app,
            "/sign/api/v1/requests",
            &basic(&user, &secret),
            &transfer(&account.uid),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        assert!(
            body.contains(
                "<userConfirmationSignatureRequest xmlns=\"https://ecas.ec.europa.eu/cas/schemas\""
            ),
            "{body}"
        );
        let id = body
            .split("<signatureRequestId>")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .unwrap();
        assert!(location.unwrap().ends_with(&format!("/sign/{id}")));
        let (status, body, _) = api_post(
            &app,
            "/sign/api/v1/requests",
            &basic(&user, &secret),
            &transfer("nobody"),
        )
        .await;
        assert_eq!(status, 400);
        assert!(
            body.contains("<signatureRequestFailure code=\"INVALID_USER\">"),
            "{body}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_oidc_client_asks_with_its_client_credentials() {
    each_backend(sms_on, |app| async move {
        let (client, secret) = app
            .add_oidc_client("registry-rp", "https://registry.example.org/cb", |_, _| {})
            .await;
        let (public, _) = app
            .add_oidc_client("spa", "https://registry.example.org/spa", |_, c| {
                c.auth_method = limen_core::oidc::TokenAuthMethod::None;
                c.secret_hash = None;
            })
            .await;
        let (pairwise, pairwise_secret) = app
            .add_oidc_client("pairwise-rp", "https://registry.example.org/pw", |_, c| {
                c.subject_type = limen_core::oidc::SubjectType::Pairwise;
            })
            .await;
        let account = app.add_user(USER, None, "Ner").await;
        let auth = basic(&client.client_id, &secret);
        let (status, created) = create(&app, &auth, &transfer(&account.uid)).await;
        assert_eq!(status, 201, "{created}");
        // client_secret_post works too.
        let mut post = transfer(&account.uid);
        post["client_id"] = json!(client.client_id);
        post["client_secret"] = json!(secret);
        let r = reqwest::Client::new()
            .post(app.url("/sign/api/v1/requests"))
            .json(&post)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);
        // A public client holds no secret: refused.
        let mut public_body = transfer(&account.uid);
        public_body["client_id"] = json!(public.client_id);
        let r = reqwest::Client::new()
            .post(app.url("/sign/api/v1/requests"))
            .json(&public_body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 401);
        // A pairwise client names the user by its own sub, found among the accounts it was
        // granted: none yet, so the uid means nothing to it.
        let (status, got) = create(
            &app,
            &basic(&pairwise.client_id, &pairwise_secret),
            &transfer(&account.uid),
        )
        .await;
        assert_eq!((status, got["error"].as_str()), (400, Some("unknown_user")));
    })
    .await;
}

#[tokio::test]
async fn the_signing_pages_refuse_what_they_must() {
    each_backend(sms_on, |app| async move {
        let (user, secret) = registry(&app, false).await;
        let auth = basic(&user, &secret);
        let (account, b) = user_with_phone(&app).await;
        let s = app.browser();
        assert_eq!(s.get("/sign/SR-unknown").await.status, 404);

        // A browser signed in as someone else is refused, and nothing changes.
        app.add_user(OTHER, None, "Other").await;
        let o = app.browser();
        o.login(None, OTHER, PASSWORD).await;
        let (_, created) = create(&app, &auth, &transfer(&account.uid)).await;
        let path = page_path(&created);
        let other = o.get(&path).await;
        assert_eq!(other.status, 403, "{}", other.body);
        // The named user's own browser (signed in) may sign: the page shows.
        assert_eq!(b.get(&path).await.status, 200);

        // A method the request does not accept.
        let mut only_keys = transfer(&account.uid);
        only_keys["strengths"] = json!(["PASSWORD_WEBAUTHN"]);
        let (_, keys_only) = create(&app, &auth, &only_keys).await;
        let kpath = page_path(&keys_only);
        let kpage = s.get(&kpath).await;
        assert_eq!(kpage.status, 200);
        assert!(kpage.contains("id=\"sign-error\""), "no method this user has: {}", kpage.body);
        let refused = s
            .post(&kpath, &[("csrf_token", kpage.csrf().as_str()), ("method", "sms"), ("password", PASSWORD)])
            .await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert_eq!(app.sms_count(PHONE).await, 1, "no SMS was sent");

        // A wrong password: the form again, no SMS.
        let page = s.get(&path).await;
        let wrong = s
            .post(&path, &[("csrf_token", page.csrf().as_str()), ("method", "sms"), ("password", "nope")])
            .await;
        assert_eq!(wrong.status, 401, "{}", wrong.body);
        assert!(wrong.contains("id=\"sign-error\""));
        assert_eq!(app.sms_count(PHONE).await, 1);

        // A wrong code: the same code page again, an error shown.
        let page = s.get(&path).await;
        let code_page = s
            .post(&path, &[("csrf_token", page.csrf().as_str()), ("method", "sms"), ("password", PASSWORD)])
            .await;
        let bad = s
            .post(
                &code_page.form_action(),
                &[
                    ("csrf_token", code_page.csrf().as_str()),
                    ("ceremony", code_page.input_value("ceremony").unwrap().as_str()),
                    ("code", "AAA-AAA-AAA"),
                ],
            )
            .await;
        assert_eq!(bad.status, 401, "{}", bad.body);
        assert!(bad.contains("id=\"sign-summary\""));

        // A login's transaction cannot be answered on a signing page (nor the reverse): the
        // signing page's ceremony posted to the login's SMS route is gone.
        let login_try = s
            .post(
                "/cas/login/sms",
                &[
                    ("csrf_token", bad.csrf().as_str()),
                    ("ceremony", bad.input_value("ceremony").unwrap().as_str()),
                    ("code", &app.sms_code(PHONE, 2).await),
                ],
            )
            .await;
        assert_ne!(login_try.status, 303, "{}", login_try.body);
        assert_eq!(s.get("/account").await.status, 303, "no session came of it");

        // Data changed in the store after the request: nothing can be signed.
        let (_, changed) = create(&app, &auth, &transfer(&account.uid)).await;
        let cid = changed["request_id"].as_str().unwrap();
        let tampered = r#"[{"label":"Amount","value":"100000 EUA"},{"label":"To account","value":"EU-100-5","retype":true,"pattern":"EU-[0-9]+-[0-9]+"}]"#;
        limen_store::testdb::execute(
            &app.store,
            &format!("UPDATE signature_requests SET fields = '{tampered}' WHERE id = '{cid}'"),
        )
        .await;
        assert_eq!(s.get(&page_path(&changed)).await.status, 409);

        // An expired request.
        let mut short = transfer(&account.uid);
        short["expires_in"] = json!(60);
        let (_, expiring) = create(&app, &auth, &short).await;
        app.advance(time::Duration::seconds(61));
        assert_eq!(s.get(&page_path(&expiring)).await.status, 410);
        let st: Value = reqwest::Client::new()
            .get(app.url(&format!("/sign/api/v1/requests/{}", expiring["request_id"].as_str().unwrap())))
            .header("Authorization", &auth)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(st["status"], "expired");
    })
    .await;
}

#[tokio::test]
async fn the_demo_service_signs_a_transfer_and_shows_the_verified_receipt() {
    each_backend(sms_on, |app| async move {
        app.state.ensure_demo_service().await.unwrap();
        let (_, b) = user_with_phone(&app).await;
        // Signed in to the demo service (a CAS login through /demo/).
        let demo = app.url("/demo/");
        let sso = b
            .get(&format!(
                "/cas/login?service={}",
                limen_testkit::encode(&demo)
            ))
            .await;
        assert_eq!(sso.status, 303, "{}", sso.body);
        let ticket = sso.ticket().expect("a ticket for the demo");
        let opened = b.get(&format!("/demo/?ticket={ticket}")).await;
        assert_eq!(opened.status, 303, "{}", opened.body);
        let form = b.get("/demo/sign").await;
        assert_eq!(form.status, 200, "{}", form.body);
        assert!(form.contains("id=\"transfer-form\""));
        let bad = b
            .post(
                "/demo/sign",
                &[
                    ("csrf_token", form.csrf().as_str()),
                    ("amount", "5 EUA"),
                    ("beneficiary", "nowhere"),
                ],
            )
            .await;
        assert_eq!(
            bad.status, 400,
            "a beneficiary the pattern refuses: {}",
            bad.body
        );
        let sent = b
            .post(
                "/demo/sign",
                &[
                    ("csrf_token", form.csrf().as_str()),
                    ("amount", "250 EUA"),
                    ("beneficiary", "EU-100-7"),
                ],
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let path = sent.location.unwrap();
        assert!(path.starts_with("/sign/SR-"), "{path}");
        let done = sign_with_sms(&app, &b, &path, 2).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let back = done.location.unwrap();
        assert!(back.contains("/demo/sign/done?result="), "{back}");
        // The return URL opened by another demo user's browser (sent to them): their demo does
        // not take this signature for theirs (the request was not their session's).
        app.add_user(OTHER, None, "Other").await;
        let o = app.browser();
        let other_ticket = o.ticket_for(&demo, OTHER).await;
        assert_eq!(
            o.get(&format!("/demo/?ticket={other_ticket}")).await.status,
            303
        );
        let stolen = o.get(&back).await;
        assert_eq!(stolen.status, 400, "{}", stolen.body);
        assert!(!stolen.contains("id=\"receipt-verified\""));

        // The user's own browser, for a second transfer: the verified receipt.
        let form = b.get("/demo/sign").await;
        let sent = b
            .post(
                "/demo/sign",
                &[
                    ("csrf_token", form.csrf().as_str()),
                    ("amount", "250 EUA"),
                    ("beneficiary", "EU-100-7"),
                ],
            )
            .await;
        let done = sign_with_sms(&app, &b, sent.location.as_deref().unwrap(), 3).await;
        let back = done.location.unwrap();
        let shown = b.get(&back).await;
        assert_eq!(shown.status, 200, "{}", shown.body);
        assert!(shown.contains("id=\"receipt-verified\""), "{}", shown.body);
        assert!(shown.contains("250 EUA") && shown.contains("EU-100-7"));
        // The result is spent.
        assert_eq!(b.get(&back).await.status, 400);
    })
    .await;
}

fn sms_on_with_max_age(c: &mut limen_web::WebConfig) {
    sms_on(c);
    c.password_max_age_days = Some(180);
}

#[tokio::test]
async fn an_expired_password_signs_nothing_and_a_service_is_limited_per_hour() {
    each_backend(sms_on_with_max_age, |app| async move {
        let (user, secret) = registry(&app, false).await;
        let auth = basic(&user, &secret);
        let (account, _) = user_with_phone(&app).await;
        // An expired password: changed first, as at login; no SMS goes out.
        let (_, created) = create(&app, &auth, &transfer(&account.uid)).await;
        app.advance(time::Duration::days(181));
        let s = app.browser();
        let path = page_path(&created);
        let mut short = transfer(&account.uid);
        short["expires_in"] = json!(3600);
        let (_, live) = create(&app, &auth, &short).await;
        let lpath = page_path(&live);
        let page = s.get(&lpath).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let refused = s
            .post(
                &lpath,
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("method", "sms"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(
            refused.contains("Your password has expired"),
            "{}",
            refused.body
        );
        assert_eq!(
            app.sms_count(PHONE).await,
            1,
            "only the number's own code was sent"
        );
        assert_eq!(
            s.get(&path).await.status,
            410,
            "the first request expired meanwhile"
        );

        // 1000 requests an hour per service, then 429 slow_down (the counter filled directly).
        let service_id: i64 = user.trim_start_matches("cas-").parse().unwrap();
        let key = format!("sign:create:{service_id}");
        let now = app.clock_now();
        let so_far = app.store.throttle_count(&key).await.unwrap();
        assert_eq!(so_far, 1, "the request created after the clock moved");
        for _ in so_far..999 {
            app.store
                .throttle_fail(&key, now, time::Duration::hours(1))
                .await
                .unwrap();
        }
        let (status, _) = create(&app, &auth, &transfer(&account.uid)).await;
        assert_eq!(status, 201, "the 1000th of the hour");
        let (status, got) = create(&app, &auth, &transfer(&account.uid)).await;
        assert_eq!(
            (status, got["error"].as_str()),
            (429, Some("slow_down")),
            "{got}"
        );
    })
    .await;
}
