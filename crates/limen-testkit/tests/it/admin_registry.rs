//! The admin API's registry (issue 21): services of every protocol, signing keys, upstreams and
//! the method policy — each endpoint by each role, ETags, pages, bad input answered by a 4xx
//! problem (never a 500), services registered through the API that then work, rotated keys that
//! are published, and no private key or sealed value in any answer.

use limen_core::AdminRole;
use limen_store::AuditFilter;
use limen_testkit::{TestApp, each_backend};
use limen_web::WebConfig;
use serde_json::{Value, json};
use std::sync::Mutex;

const PYSAML2: &str = include_str!("../../../limen-server/tests/data/saml/pysaml2-sp.xml");
const PYSAML2_ENTITY: &str = "https://travel.test-sp.example/saml2/metadata/";

/// A configured upstream, with a secret that must never be shown.
const UPSTREAM_SECRET: &str = "upstream-secret-never-shown";

fn with_upstream(c: &mut WebConfig) {
    let mut p = limen_upstream::Provider::new(
        "example",
        "Example ID",
        "https://id.example.org",
        "limen-at-example",
    );
    p.client_secret = Some(limen_upstream::Secret::new(UPSTREAM_SECRET));
    c.upstreams.push(p);
}

/// A client of the admin API: one token, and every body it received.
struct Api {
    base: String,
    token: String,
    http: reqwest::Client,
    seen: std::sync::Arc<Mutex<Vec<String>>>,
}

struct Answer {
    status: u16,
    etag: Option<String>,
    location: Option<String>,
    content_type: String,
    body: Value,
}

impl Api {
    /// An admin client holding `role`, and its token from the client credentials grant.
    async fn new(app: &TestApp, role: AdminRole, seen: &std::sync::Arc<Mutex<Vec<String>>>) -> Api {
        let name = format!("admin-{}", role.as_str());
        let (client, secret) = app
            .add_oidc_client(&name, "https://admin.example.org/cb", |_, _| {})
            .await;
        let service = app
            .store
            .service_by_name(&name)
            .await
            .expect("store")
            .expect("client service");
        app.store
            .grant_admin_client(service.id, role, "test", app.clock_now())
            .await
            .expect("grant");
        let http = reqwest::Client::new();
        let r = http
            .post(app.url("/oidc/token"))
            .basic_auth(&client.client_id, Some(&secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .expect("token request");
        assert_eq!(r.status(), 200, "token for {name}");
        let body: Value = r.json().await.expect("token JSON");
        Api {
            base: app.base.clone(),
            token: body["access_token"]
                .as_str()
                .expect("access token")
                .to_owned(),
            http,
            seen: seen.clone(),
        }
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> Answer {
        let url = format!("{}/admin/api/v1{path}", self.base);
        let mut req = self
            .http
            .request(method.parse().expect("method"), url)
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        let r = req.send().await.expect("API call");
        let header = |name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (etag, location) = (header("etag"), header("location"));
        let content_type = header("content-type").unwrap_or_default();
        let status = r.status().as_u16();
        let text = r.text().await.expect("body");
        self.seen.lock().expect("lock").push(text.clone());
        assert_ne!(status, 500, "{method} {path}: {text}");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        if status >= 400 {
            assert_eq!(
                content_type, "application/problem+json",
                "{method} {path} answered {status} without a problem: {body}"
            );
            assert_eq!(body["status"], status, "{body}");
        }
        Answer {
            status,
            etag,
            location,
            content_type,
            body,
        }
    }

    async fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Answer {
        self.call("POST", path, Some(body), None).await
    }
}

fn cas_body(name: &str, url: &str) -> Value {
    json!({"protocol": "cas", "name": name, "urls": [url]})
}

async fn audit_events(app: &TestApp, event: &str) -> Vec<limen_store::AuditEntry> {
    app.store
        .search_audit(
            &AuditFilter {
                event: Some(event.to_owned()),
                ..AuditFilter::default()
            },
            100,
        )
        .await
        .expect("audit")
        .into_iter()
        .map(|r| r.entry)
        .collect()
}

/// Helpdesk gets 403 on everything here; the auditor reads and changes nothing; the admin does
/// all; no token is a 401.
#[tokio::test]
async fn every_endpoint_by_every_role() {
    each_backend(with_upstream, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        let helpdesk = Api::new(&app, AdminRole::Helpdesk, &seen).await;
        let auditor = Api::new(&app, AdminRole::Auditor, &seen).await;
        let made = admin
            .post("/services", cas_body("Wiki", "https://wiki.example.org/*"))
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let etag = admin.get("/services/Wiki").await.etag.expect("ETag");

        let reads = [
            "/services",
            "/services/Wiki",
            "/keys",
            "/upstreams",
            "/upstreams/example",
            "/policy",
        ];
        for path in reads {
            assert_eq!(helpdesk.get(path).await.status, 403, "helpdesk GET {path}");
            assert_eq!(auditor.get(path).await.status, 200, "auditor GET {path}");
            assert_eq!(admin.get(path).await.status, 200, "admin GET {path}");
        }
        let writes: Vec<(&str, &str, Option<Value>)> = vec![
            (
                "POST",
                "/services",
                Some(cas_body("Other", "https://other.example.org/*")),
            ),
            (
                "PATCH",
                "/services/Wiki",
                Some(json!({"min_assurance": "HIGH"})),
            ),
            ("DELETE", "/services/Wiki", None),
            ("POST", "/services/admin-admin/secret", Some(json!({}))),
            ("POST", "/keys/rotate", Some(json!({"kind": "oidc"}))),
        ];
        for who in [&helpdesk, &auditor] {
            for (method, path, body) in &writes {
                let a = who.call(method, path, body.clone(), Some(&etag)).await;
                assert_eq!(a.status, 403, "{method} {path}: {}", a.body);
                assert!(
                    a.body["detail"]
                        .as_str()
                        .unwrap_or("")
                        .contains("ManageRegistry")
                );
            }
        }
        assert!(
            app.store.service_by_name("Other").await.unwrap().is_none(),
            "refused calls changed nothing"
        );
        // The admin may do each.
        let a = admin
            .call(
                "PATCH",
                "/services/Wiki",
                Some(json!({"min_assurance": "HIGH"})),
                Some(&etag),
            )
            .await;
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(
            admin
                .post("/keys/rotate", json!({"kind": "oidc"}))
                .await
                .status,
            200
        );
        // No token, a bad token.
        let r = reqwest::get(app.url("/admin/api/v1/services"))
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let r = reqwest::Client::new()
            .get(app.url("/admin/api/v1/keys"))
            .bearer_auth("not-a-token")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    })
    .await;
}

/// A CAS service registered through the API takes a login; a change is seen by the next
/// login; the audit log names the client that made it.
#[tokio::test]
async fn a_cas_service_made_by_the_api_works() {
    each_backend(limen_testkit::defaults, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        let service = "https://app.example.org/login";
        let made = admin
            .post(
                "/services",
                json!({
                    "protocol": "cas", "name": "App", "urls": ["https://app.example.org/*"],
                    "attributes": ["uid", "email", "groups"], "response_format": "ecas",
                    "accept_strengths": ["PASSWORD"]
                }),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        assert!(
            made.location
                .as_deref()
                .is_some_and(|l| l.ends_with("/admin/api/v1/services/App")),
            "{:?}",
            made.location
        );
        let s = &made.body["service"];
        assert_eq!(s["protocol"], "cas");
        assert_eq!(s["cas"]["response_format"], "ecas");
        assert_eq!(s["attributes"], json!(["uid", "email", "groups"]));
        assert!(made.body.get("client_secret").is_none());

        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let ticket = app.browser().ticket_for(service, "jane@example.org").await;
        let answer = app
            .cas_validate("serviceValidate", service, &ticket, "")
            .await;
        assert!(answer.contains("authenticationSuccess"), "{answer}");
        assert!(answer.contains("jane@example.org"), "{answer}");

        let created = audit_events(&app, "service.created").await;
        assert_eq!(created.len(), 1);
        assert_eq!(created[0].actor.as_deref(), Some("client:admin-admin"));
        assert_eq!(created[0].service.as_deref(), Some("App"));
    })
    .await;
}

/// An OpenID Connect client registered through the API: its secret is in the answer only and
/// authenticates it at the token endpoint; a new secret replaces it.
#[tokio::test]
async fn an_oidc_client_made_by_the_api_authenticates_and_its_secret_rotates() {
    each_backend(limen_testkit::defaults, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        let made = admin
            .post(
                "/services",
                json!({
                    "protocol": "oidc", "name": "Portal", "client_id": "portal",
                    "redirect_uris": ["https://portal.example.org/cb"],
                    "scopes": ["email", "groups"], "subject_type": "pairwise"
                }),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let secret = made.body["client_secret"]
            .as_str()
            .expect("secret")
            .to_owned();
        let o = &made.body["service"]["oidc"];
        assert_eq!(o["client_id"], "portal");
        assert_eq!(o["scopes"], json!(["openid", "email", "groups"]));
        assert_eq!(o["subject_type"], "pairwise");
        assert_eq!(o["sector"], "portal.example.org");
        // Shown once: not in the service's representation.
        let shown = admin.get("/services/Portal").await;
        assert!(!shown.body.to_string().contains(&secret));
        assert!(shown.body.get("client_secret").is_none());

        // RFC 6749 §5.2: a client that authenticates but may not use the grant is
        // unauthorized_client; one that does not authenticate is invalid_client.
        let token = |secret: String| {
            let url = app.url("/oidc/token");
            async move {
                let r = reqwest::Client::new()
                    .post(url)
                    .basic_auth("portal", Some(secret))
                    .form(&[("grant_type", "client_credentials")])
                    .send()
                    .await
                    .unwrap();
                let v: Value = r.json().await.unwrap();
                v["error"].as_str().unwrap_or_default().to_owned()
            }
        };
        assert_eq!(token(secret.clone()).await, "unauthorized_client");
        assert_eq!(token("wrong".into()).await, "invalid_client");

        let rotated = admin
            .post(
                "/services/Portal/secret",
                json!({"reason": "leaked in a log"}),
            )
            .await;
        assert_eq!(rotated.status, 200, "{}", rotated.body);
        let fresh = rotated.body["client_secret"].as_str().unwrap().to_owned();
        assert_ne!(fresh, secret);
        assert_eq!(
            token(secret).await,
            "invalid_client",
            "the old secret is dead"
        );
        assert_eq!(token(fresh).await, "unauthorized_client");
        let e = audit_events(&app, "service.secret_rotated").await;
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].actor.as_deref(), Some("client:admin-admin"));
        assert_eq!(e[0].detail["justification"], "leaked in a log");

        // A CAS service has no client secret; a public client neither.
        admin
            .post("/services", cas_body("Cas", "https://cas.example.org/*"))
            .await;
        assert_eq!(
            admin.post("/services/Cas/secret", json!({})).await.status,
            409
        );
        let public = admin
            .post(
                "/services",
                json!({"protocol": "oidc", "name": "Spa", "public": true,
                       "redirect_uris": ["https://spa.example.org/cb"]}),
            )
            .await;
        assert_eq!(public.status, 201, "{}", public.body);
        assert!(public.body.get("client_secret").is_none());
        assert_eq!(public.body["service"]["oidc"]["pkce_required"], true);
        assert_eq!(
            admin.post("/services/Spa/secret", json!({})).await.status,
            409
        );
        assert_eq!(
            admin
                .post("/services/Nobody/secret", json!({}))
                .await
                .status,
            404
        );
    })
    .await;
}

/// A SAML service provider from its metadata, with `limen service add --protocol saml`'s
/// defaults; the same entityID twice is a conflict; metadata that does not read is a 422.
#[tokio::test]
async fn a_saml_sp_from_its_metadata() {
    each_backend(limen_testkit::defaults, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        let made = admin
            .post(
                "/services",
                json!({"protocol": "saml", "name": "Travel", "metadata_xml": PYSAML2}),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let s = &made.body["service"]["saml"];
        assert_eq!(s["entity_id"], PYSAML2_ENTITY);
        // The CLI's defaults for this SP (saml_cli.rs, pysaml2_defaults): encrypted (it
        // publishes an encryption key), both signed, signed requests required.
        assert_eq!(s["encrypt"], true);
        assert_eq!(s["sign"], "both");
        assert_eq!(s["requests_signed"], true);
        assert_eq!(s["metadata_source"], "admin API");
        assert!(s["acs"].as_array().is_some_and(|a| !a.is_empty()));
        assert!(made.body["service"].get("cas").is_none());
        let row = app.store.saml_sp(PYSAML2_ENTITY).await.unwrap().expect("SP row");
        assert_eq!(row.service.name, "Travel");

        let again = admin
            .post(
                "/services",
                json!({"protocol": "saml", "name": "Travel 2", "metadata_xml": PYSAML2}),
            )
            .await;
        assert_eq!(again.status, 409, "{}", again.body);
        assert!(again.body["detail"].as_str().unwrap().contains("already registered"));

        for bad in [
            "",
            "not XML at all",
            "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>",
            &PYSAML2[..PYSAML2.len() / 2],
        ] {
            let a = admin
                .post(
                    "/services",
                    json!({"protocol": "saml", "name": "Bad", "metadata_xml": bad}),
                )
                .await;
            assert_eq!(a.status, 422, "{bad:?}: {}", a.body);
            assert_eq!(a.body["errors"][0]["field"], "metadata_xml");
        }
        let a = admin
            .post(
                "/services",
                json!({"protocol": "saml", "name": "Bad", "metadata_xml": PYSAML2, "encrypt": "maybe"}),
            )
            .await;
        assert_eq!(a.status, 422);
        assert_eq!(a.body["errors"][0]["field"], "encrypt");
        let a = admin
            .post(
                "/services",
                json!({"protocol": "saml", "name": "Bad", "metadata_xml": PYSAML2, "urls": ["https://x.example.org/"]}),
            )
            .await;
        assert_eq!(a.status, 422, "a CAS field for a SAML SP: {}", a.body);
        // PATCH of a CAS-only field on an SP: refused with the field named.
        let etag = admin.get("/services/Travel").await.etag.unwrap();
        let a = admin
            .call(
                "PATCH",
                "/services/Travel",
                Some(json!({"single_logout": true})),
                Some(&etag),
            )
            .await;
        assert_eq!(a.status, 422);
        assert_eq!(a.body["errors"][0]["field"], "single_logout");
    })
    .await;
}

/// Bad input is a 4xx problem naming the field, and writes nothing.
#[tokio::test]
async fn bad_input_is_a_problem_never_a_500() {
    each_backend(limen_testkit::defaults, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        let before = app.store.list_services().await.unwrap().len();
        let cases: Vec<(Value, u16, &str)> = vec![
            (json!({"name": "X", "urls": ["https://x.example.org/"]}), 422, "protocol"),
            (json!({"protocol": "ldap", "name": "X"}), 422, "protocol"),
            (json!({"protocol": 7, "name": "X"}), 422, "protocol"),
            (cas_body("X", "https://x.example.org*"), 422, "urls"),
            (cas_body("X", "^https://x"), 422, "urls"),
            (cas_body("X", "javascript:alert(1)"), 422, "urls"),
            (cas_body("X", "https://x.example.org/a\r\nb"), 422, "urls"),
            (json!({"protocol": "cas", "name": "X", "urls": []}), 422, "urls"),
            (cas_body("", "https://x.example.org/"), 422, "name"),
            (cas_body(&"n".repeat(101), "https://x.example.org/"), 422, "name"),
            (
                json!({"protocol": "cas", "name": "X", "urls": ["https://x.example.org/"], "attributes": ["password"]}),
                422,
                "attributes",
            ),
            (
                json!({"protocol": "cas", "name": "X", "urls": ["https://x.example.org/"], "accept_strengths": ["NOPE"]}),
                422,
                "accept_strengths",
            ),
            (
                json!({"protocol": "cas", "name": "X", "urls": ["https://x.example.org/"], "min_assurance": "ULTRA"}),
                422,
                "min_assurance",
            ),
            (
                json!({"protocol": "cas", "name": "X", "urls": ["https://x.example.org/"], "colour": "red"}),
                422,
                "body",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": ["https://rp.example.org/cb#frag"]}),
                422,
                "redirect_uris",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": []}),
                422,
                "redirect_uris",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": ["https://rp.example.org/cb"], "scopes": ["admin"]}),
                422,
                "scopes",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": ["https://rp.example.org/cb"], "token_auth_method": "private_key_jwt"}),
                422,
                "token_auth_method",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": ["https://rp.example.org/cb"],
                       "token_auth_method": "private_key_jwt", "jwks": {"keys": [{"kty": "EC", "d": "secret"}]}}),
                422,
                "jwks",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": ["https://rp.example.org/cb"], "token_exchange_to": ["Nobody"]}),
                422,
                "token_exchange_to",
            ),
            (
                json!({"protocol": "oidc", "name": "X", "redirect_uris": ["https://rp.example.org/cb"], "urls": ["https://x.example.org/"]}),
                422,
                "body",
            ),
        ];
        for (body, status, field) in cases {
            let a = admin.post("/services", body.clone()).await;
            assert_eq!(a.status, status, "{body}: {}", a.body);
            assert_eq!(a.body["errors"][0]["field"], field, "{body}: {}", a.body);
        }
        // Not JSON, not the media type.
        let url = format!("{}/admin/api/v1/services", app.base);
        let r = reqwest::Client::new()
            .post(&url)
            .bearer_auth(&admin.token)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let r = reqwest::Client::new()
            .post(&url)
            .bearer_auth(&admin.token)
            .body("protocol=cas")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 415);
        assert_eq!(app.store.list_services().await.unwrap().len(), before);

        // The same name twice, and a client id already taken: 409.
        assert_eq!(
            admin.post("/services", cas_body("Dup", "https://dup.example.org/")).await.status,
            201
        );
        let a = admin.post("/services", cas_body("Dup", "https://dup2.example.org/")).await;
        assert_eq!(a.status, 409, "{}", a.body);
        let a = admin
            .post(
                "/services",
                json!({"protocol": "oidc", "name": "Dup", "redirect_uris": ["https://rp.example.org/cb"]}),
            )
            .await;
        assert_eq!(a.status, 409, "{}", a.body);
        let a = admin
            .post(
                "/services",
                json!({"protocol": "oidc", "name": "Other", "client_id": "admin-admin",
                       "redirect_uris": ["https://rp.example.org/cb"]}),
            )
            .await;
        assert_eq!(a.status, 409, "{}", a.body);

        // Keys: unknown kinds and algorithms.
        for (body, field) in [
            (json!({"kind": "pgp"}), "kind"),
            (json!({"kind": "oidc", "alg": "HS256"}), "alg"),
            (json!({"kind": "saml", "alg": "ES256"}), "alg"),
            (json!({"kind": "oidc", "immediately": true}), "immediately"),
        ] {
            let a = admin.post("/keys/rotate", body.clone()).await;
            assert_eq!(a.status, 422, "{body}: {}", a.body);
            assert_eq!(a.body["errors"][0]["field"], field);
        }
        assert_eq!(admin.get("/upstreams/nobody").await.status, 404);
        assert_eq!(admin.get("/services/Nobody").await.status, 404);
        assert_eq!(admin.get(&format!("/services/{}", "x".repeat(300))).await.status, 404);
    })
    .await;
}

/// No lost update: 428 without If-Match, 412 with a stale one, 200 with the current one; a
/// delete needs it too; each change is audited with the caller and the reason.
#[tokio::test]
async fn etags_guard_changes_and_deletes() {
    each_backend(limen_testkit::defaults, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        admin
            .post("/services", cas_body("Wiki", "https://wiki.example.org/*"))
            .await;
        let read = admin.get("/services/Wiki").await;
        let etag = read.etag.clone().expect("ETag");
        let change = json!({
            "min_assurance": "MEDIUM", "authentication_level": "HIGH",
            "urls": ["https://wiki.example.org/*", "https://wiki2.example.org/"],
            "single_logout": true, "logout_url": "https://wiki.example.org/slo",
            "reason": "ticket 42"
        });
        let a = admin
            .call("PATCH", "/services/Wiki", Some(change.clone()), None)
            .await;
        assert_eq!(a.status, 428);
        let a = admin
            .call(
                "PATCH",
                "/services/Wiki",
                Some(change.clone()),
                Some("\"stale\""),
            )
            .await;
        assert_eq!(a.status, 412);
        let a = admin
            .call("PATCH", "/services/Wiki", Some(change.clone()), Some(&etag))
            .await;
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.body["min_assurance"], "MEDIUM");
        assert_eq!(
            a.body["accept_strengths"].as_array().map(Vec::len),
            Some(
                "HIGH"
                    .parse::<limen_core::AuthLevel>()
                    .unwrap()
                    .strengths()
                    .len()
            )
        );
        assert_eq!(a.body["cas"]["urls"].as_array().map(Vec::len), Some(2));
        assert_eq!(a.body["cas"]["single_logout"], true);
        let new_etag = a.etag.expect("ETag of the change");
        assert_ne!(new_etag, etag);
        assert_eq!(
            admin.get("/services/Wiki").await.etag.as_deref(),
            Some(new_etag.as_str())
        );
        // The first writer's tag is stale now.
        let a = admin
            .call(
                "PATCH",
                "/services/Wiki",
                Some(json!({"min_assurance": "LOW"})),
                Some(&etag),
            )
            .await;
        assert_eq!(a.status, 412);
        // Bad values are refused with the tag current.
        for (body, field) in [
            (json!({"urls": []}), "urls"),
            (json!({"urls": ["not a url"]}), "urls"),
            (
                json!({"accept_strengths": ["PASSWORD"], "authentication_level": "HIGH"}),
                "authentication_level",
            ),
            (json!({"response_format": "xml"}), "response_format"),
            (json!({"reason": "a\u{7}b"}), "reason"),
        ] {
            let a = admin
                .call(
                    "PATCH",
                    "/services/Wiki",
                    Some(body.clone()),
                    Some(&new_etag),
                )
                .await;
            assert_eq!(a.status, 422, "{body}: {}", a.body);
            assert_eq!(a.body["errors"][0]["field"], field);
        }
        let a = admin
            .call(
                "PATCH",
                "/services/Wiki",
                Some(json!({"name": "Renamed"})),
                Some(&new_etag),
            )
            .await;
        assert_eq!(a.status, 422, "the name is not changed: {}", a.body);
        let updated = audit_events(&app, "service.updated").await;
        assert_eq!(updated.len(), 1, "refused changes are not audited");
        assert_eq!(updated[0].actor.as_deref(), Some("client:admin-admin"));
        assert_eq!(updated[0].detail["justification"], "ticket 42");

        // Built-in services (the demo) are Limen's own.
        let demo = app
            .store
            .list_services()
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.builtin)
            .expect("the demo service");
        let path = format!(
            "/services/{}",
            limen_testkit::encode(&demo.name).replace('+', "%20")
        );
        let tag = admin.get(&path).await.etag.expect("demo ETag");
        let a = admin
            .call(
                "PATCH",
                &path,
                Some(json!({"min_assurance": "HIGH"})),
                Some(&tag),
            )
            .await;
        assert_eq!(a.status, 409, "{}", a.body);

        // Delete: 428, 412, then 204 and gone.
        assert_eq!(
            admin
                .call("DELETE", "/services/Wiki", None, None)
                .await
                .status,
            428
        );
        assert_eq!(
            admin
                .call("DELETE", "/services/Wiki", None, Some(&etag))
                .await
                .status,
            412
        );
        let a = admin
            .call(
                "DELETE",
                "/services/Wiki?reason=retired",
                None,
                Some(&new_etag),
            )
            .await;
        assert_eq!(a.status, 204);
        assert_eq!(admin.get("/services/Wiki").await.status, 404);
        let deleted = audit_events(&app, "service.deleted").await;
        assert_eq!(deleted.len(), 1);
        assert_eq!(deleted[0].detail["justification"], "retired");
        assert_eq!(deleted[0].service.as_deref(), Some("Wiki"));
    })
    .await;
}

/// Pages follow one another without loss or repeat; filters by protocol and name.
#[tokio::test]
async fn services_come_in_pages() {
    each_backend(limen_testkit::defaults, |app| async move {
        let seen = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        for i in 0..5 {
            let a = admin
                .post(
                    "/services",
                    cas_body(&format!("Page {i}"), &format!("https://p{i}.example.org/")),
                )
                .await;
            assert_eq!(a.status, 201);
        }
        let all = app.store.list_services().await.unwrap().len();
        let mut names = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let path = match &cursor {
                Some(c) => format!("/services?limit=2&cursor={c}"),
                None => "/services?limit=2".to_owned(),
            };
            let page = admin.get(&path).await;
            assert_eq!(page.status, 200, "{}", page.body);
            let items = page.body["items"].as_array().unwrap().clone();
            assert!(items.len() <= 2);
            names.extend(items.iter().map(|s| s["name"].as_str().unwrap().to_owned()));
            pages += 1;
            match page.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
            assert!(pages < 20, "pages never end");
        }
        assert_eq!(names.len(), all, "{names:?}");
        let mut unique = names.clone();
        unique.dedup();
        assert_eq!(unique.len(), all, "no repeats");

        let cas = admin.get("/services?protocol=cas&q=page").await;
        assert_eq!(
            cas.body["items"].as_array().unwrap().len(),
            5,
            "{}",
            cas.body
        );
        let oidc = admin.get("/services?protocol=oidc").await;
        assert!(
            oidc.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["protocol"] == "oidc" && s.get("oidc").is_some())
        );
        for (path, status) in [
            ("/services?limit=0", 422),
            ("/services?limit=201", 422),
            ("/services?limit=x", 400),
            ("/services?cursor=zzz", 422),
            ("/services?protocol=ldap", 422),
        ] {
            assert_eq!(admin.get(path).await.status, status, "{path}");
        }
    })
    .await;
}

/// Keys: a rotated OIDC key is published at /oidc/jwks at once; a SAML rotation publishes the
/// next key; every answer shows public parts only.
#[tokio::test]
async fn rotated_keys_are_published_and_private_parts_never_shown() {
    each_backend(with_upstream, |app| async move {
        let seen: std::sync::Arc<Mutex<Vec<String>>> = Default::default();
        let admin = Api::new(&app, AdminRole::Admin, &seen).await;
        let auditor = Api::new(&app, AdminRole::Auditor, &seen).await;
        let jwks = || async {
            reqwest::get(app.url("/oidc/jwks"))
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        };
        let first = jwks().await;
        let rotated = admin
            .post(
                "/keys/rotate",
                json!({"kind": "oidc", "alg": "ES256", "reason": "yearly"}),
            )
            .await;
        assert_eq!(rotated.status, 200, "{}", rotated.body);
        let kid = rotated.body["kid"].as_str().unwrap().to_owned();
        let published = jwks().await;
        assert!(
            published["keys"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kid"] == kid),
            "{kid} not in {published}"
        );
        for old in first["keys"].as_array().unwrap() {
            assert!(
                published["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kid"] == old["kid"]),
                "the replaced key stays published"
            );
        }
        let saml = admin
            .post("/keys/rotate", json!({"kind": "saml", "alg": "SAML-EC"}))
            .await;
        assert_eq!(saml.status, 200, "{}", saml.body);
        let saml_kid = saml.body["kid"].as_str().unwrap().to_owned();

        let keys = auditor.get("/keys").await;
        assert_eq!(keys.status, 200);
        let items = keys.body["items"].as_array().unwrap();
        let oidc = items
            .iter()
            .find(|k| k["kid"] == kid)
            .expect("new OIDC key listed");
        assert_eq!(oidc["kind"], "oidc");
        assert_eq!(oidc["use"], "sig");
        assert_eq!(oidc["state"], "current");
        assert!(oidc["public_jwk"]["x"].is_string());
        assert!(oidc["public_jwk"].get("d").is_none());
        let sk = items
            .iter()
            .find(|k| k["kid"] == saml_kid)
            .expect("new SAML key listed");
        assert_eq!(sk["alg"], "SAML-EC");
        assert!(sk["certificate"].is_string() && sk["fingerprint"].is_string());
        let audit = audit_events(&app, "key.rotated").await;
        assert_eq!(audit.len(), 2);
        assert!(
            audit
                .iter()
                .all(|e| e.actor.as_deref() == Some("client:admin-admin"))
        );

        // Read everything else once more, then look at every body received.
        for path in ["/services", "/upstreams", "/upstreams/example", "/policy"] {
            assert_eq!(auditor.get(path).await.status, 200, "{path}");
        }
        let now = app.clock_now();
        let mut secrets: Vec<String> = app
            .store
            .signing_keys(now)
            .await
            .unwrap()
            .into_iter()
            .map(|k| k.sealed)
            .collect();
        secrets.extend(
            app.store
                .saml_keys(now)
                .await
                .unwrap()
                .into_iter()
                .map(|k| k.sealed),
        );
        assert!(secrets.len() >= 2);
        secrets.push(UPSTREAM_SECRET.to_owned());
        for body in seen.lock().unwrap().iter() {
            assert!(!body.contains("PRIVATE KEY"), "{body}");
            for s in &secrets {
                assert!(!body.contains(s.as_str()), "a secret in {body}");
            }
        }
    })
    .await;
}

/// Upstreams and the policy come from the configuration file, read-only.
#[tokio::test]
async fn upstreams_and_policy_are_read_from_the_configuration() {
    each_backend(with_upstream, |app| async move {
        let seen = Default::default();
        let auditor = Api::new(&app, AdminRole::Auditor, &seen).await;
        let list = auditor.get("/upstreams").await;
        assert_eq!(list.body["items"][0]["id"], "example");
        assert_eq!(list.body["items"][0]["kind"], "oidc");
        assert_eq!(list.body["items"][0]["strength"], "SOCIAL_NETWORKS");
        assert_eq!(list.body["items"][0]["links"], 0);
        let one = auditor.get("/upstreams/example").await;
        assert_eq!(one.body["client_id"], "limen-at-example");
        assert_eq!(one.content_type, "application/json");
        let policy = auditor.get("/policy").await;
        let methods = policy.body["methods"].as_array().unwrap();
        assert_eq!(methods.len(), limen_core::Method::ALL.len());
        let sms = methods.iter().find(|m| m["method"] == "sms").unwrap();
        assert_eq!(sms["enabled"], false, "SMS is off by default");
        assert_eq!(sms["live"], false);
        let token = methods.iter().find(|m| m["method"] == "token").unwrap();
        assert_eq!(token["user_types"], json!(["internal"]));
        let password = methods.iter().find(|m| m["method"] == "password").unwrap();
        assert_eq!(password["live"], true);
        // Read-only: no route changes them.
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            for path in ["/policy", "/upstreams/example"] {
                let r = reqwest::Client::new()
                    .request(
                        method.parse().unwrap(),
                        app.url(&format!("/admin/api/v1{path}")),
                    )
                    .bearer_auth(&auditor.token)
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 405, "{method} {path}");
            }
        }
    })
    .await;
}

/// The OpenAPI document lists every registry operation.
#[tokio::test]
async fn the_openapi_document_describes_the_registry() {
    each_backend(limen_testkit::defaults, |app| async move {
        let doc: Value = reqwest::get(app.url("/admin/api/v1/openapi.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let text = doc.to_string();
        for op in [
            "listServices",
            "getService",
            "createService",
            "updateService",
            "deleteService",
            "rotateServiceSecret",
            "listKeys",
            "rotateKey",
            "listUpstreams",
            "getUpstream",
            "getPolicy",
        ] {
            assert!(text.contains(&format!("\"{op}\"")), "{op} missing");
        }
        assert!(doc["components"]["schemas"]["NewServiceBody"].is_object());
    })
    .await;
}
