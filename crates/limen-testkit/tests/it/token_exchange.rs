//! RFC 8693 token exchange of an access token for a CAS service ticket (issue 13, item 7): a
//! client allowed it gets a ticket that the CAS service validates as usual; everything else is
//! refused with the RFC's error codes, and nothing is issued.

use crate::oidc::{CB, EMAIL, authorize_path, code_via_login, exchange, pkce, token_request};
use limen_testkit::*;
use serde_json::Value;

const SERVICE: &str = "http://127.0.0.1:9/api/";
const GRANT: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
const AT: &str = "urn:ietf:params:oauth:token-type:access_token";
const CAS: &str = "urn:ietf:params:oauth:token-type:cas_ticket";

/// An access token for Jane issued to client `id` (code flow through the login pages).
async fn access_token(app: &TestApp, b: &Browser, id: &str, secret: &str) -> String {
    let p = pkce();
    let path = authorize_path(
        id,
        &[
            ("code_challenge", &p.challenge),
            ("code_challenge_method", "S256"),
        ],
    );
    let code = code_via_login(b, &path).await;
    let (status, body) = exchange(app, (id, secret), &code, Some(&p.verifier)).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"]
        .as_str()
        .expect("access token")
        .to_owned()
}

async fn swap(
    app: &TestApp,
    client: (&str, &str),
    subject: &str,
    extra: &[(&str, &str)],
) -> (u16, Value) {
    let mut form = vec![
        ("grant_type", GRANT),
        ("subject_token", subject),
        ("subject_token_type", AT),
        ("requested_token_type", CAS),
        ("resource", SERVICE),
    ];
    for (k, v) in extra {
        form.retain(|(name, _)| name != k);
        if !v.is_empty() {
            form.push((k, v));
        }
    }
    let (status, body, _) = token_request(app, Some(client), &form).await;
    (status, body)
}

#[tokio::test]
async fn an_allowed_client_gets_a_ticket_the_service_validates() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user(EMAIL, Some("Jane"), "Doe").await;
        app.add_service("API", "http://127.0.0.1:9/api/*", |_| {})
            .await;
        let (rp, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        app.store
            .set_client_token_exchange(rp.service_id, true)
            .await
            .unwrap();
        let (other, other_secret) = app
            .add_oidc_client("other", "http://127.0.0.1:9/cb2", |_, c| {
                c.client_id = "other".into();
            })
            .await;
        let b = app.browser();
        let token = access_token(&app, &b, "rp", &secret).await;

        let (status, body) = swap(&app, ("rp", &secret), &token, &[]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["issued_token_type"], CAS);
        assert_eq!(body["token_type"], "N_A");
        let ticket = body["access_token"].as_str().expect("a ticket").to_owned();
        assert!(ticket.starts_with("ST-"), "{ticket}");
        let v = app
            .cas_validate("serviceValidate", SERVICE, &ticket, "")
            .await;
        assert!(
            v.contains(&format!("<cas:user>{}</cas:user>", jane.uid)),
            "{v}"
        );
        // Single use, as every ticket; and not a fresh login (renew refuses it).
        let again = app
            .cas_validate("serviceValidate", SERVICE, &ticket, "")
            .await;
        assert!(again.contains("INVALID_TICKET"), "{again}");
        let (_, body) = swap(&app, ("rp", &secret), &token, &[]).await;
        let renewed = app
            .cas_validate(
                "serviceValidate",
                SERVICE,
                body["access_token"].as_str().unwrap(),
                "&renew=true",
            )
            .await;
        assert!(renewed.contains("INVALID_TICKET"), "{renewed}");
        let audit = app.store.recent_audit(20).await.unwrap();
        assert!(
            audit.iter().any(|e| e.event == "oidc.token_exchange"),
            "{audit:?}"
        );

        // Refusals, each with RFC 8693 / RFC 6749 codes.
        let refused = |body: &Value, code: &str| {
            assert_eq!(body["error"], code, "{body}");
            assert!(body.get("access_token").is_none(), "{body}");
        };
        let (status, body) = swap(
            &app,
            ("rp", &secret),
            &token,
            &[("resource", "http://127.0.0.1:9/nowhere/")],
        )
        .await;
        assert_eq!(status, 400);
        refused(&body, "invalid_target");
        let (_, body) = swap(&app, ("rp", &secret), &token, &[("resource", "")]).await;
        refused(&body, "invalid_request");
        let (_, body) = swap(
            &app,
            ("rp", &secret),
            &token,
            &[("requested_token_type", AT)],
        )
        .await;
        refused(&body, "invalid_request");
        let (_, body) = swap(
            &app,
            ("rp", &secret),
            &token,
            &[(
                "subject_token_type",
                "urn:ietf:params:oauth:token-type:id_token",
            )],
        )
        .await;
        refused(&body, "invalid_request");
        let (_, body) = swap(&app, ("rp", &secret), &token, &[("actor_token", "x")]).await;
        refused(&body, "invalid_request");
        let (_, body) = swap(&app, ("rp", &secret), "not-a-token", &[]).await;
        refused(&body, "invalid_grant");
        let (status, body) = swap(&app, ("rp", "wrong"), &token, &[]).await;
        assert_eq!(status, 401);
        refused(&body, "invalid_client");
        // Another client, not allowed: unauthorized_client; allowed, but the token is not its
        // own: invalid_grant.
        let (_, body) = swap(&app, ("other", &other_secret), &token, &[]).await;
        refused(&body, "unauthorized_client");
        app.store
            .set_client_token_exchange(other.service_id, true)
            .await
            .unwrap();
        let (_, body) = swap(&app, ("other", &other_secret), &token, &[]).await;
        refused(&body, "invalid_grant");
        // An OIDC client is no CAS service.
        let (_, body) = swap(&app, ("rp", &secret), &token, &[("resource", CB)]).await;
        refused(&body, "invalid_target");

        // Signed out: the SSO session behind the token is gone, so is the exchange.
        let out = b.get("/cas/logout").await;
        assert!(out.status < 400, "{}", out.body);
        let (_, body) = swap(&app, ("rp", &secret), &token, &[]).await;
        refused(&body, "invalid_grant");
    })
    .await;
}

#[tokio::test]
async fn the_service_must_accept_the_sign_in() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, Some("Jane"), "Doe").await;
        app.add_service("Keys only", "http://127.0.0.1:9/api/*", |s| {
            s.accepted_strengths = vec![limen_core::Strength::PasswordWebauthn];
        })
        .await;
        let (rp, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        app.store
            .set_client_token_exchange(rp.service_id, true)
            .await
            .unwrap();
        let token = access_token(&app, &app.browser(), "rp", &secret).await;
        let (_, body) = swap(&app, ("rp", &secret), &token, &[]).await;
        assert_eq!(body["error"], "invalid_target", "{body}");
        let disco: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            disco["grant_types_supported"]
                .as_array()
                .unwrap()
                .contains(&Value::from(GRANT))
        );
    })
    .await;
}
