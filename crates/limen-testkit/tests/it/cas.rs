//! CAS protocol endpoints (CAS Protocol 3.0) on their success and failure paths.

use limen_testkit::*;
use time::Duration;

const APP: &str = "http://127.0.0.1:9/app/";
const OTHER: &str = "http://127.0.0.1:9/other/";

async fn setup(app: &TestApp) {
    app.add_user("jane@example.org", Some("Ελένη"), "Παπαδοπούλου")
        .await;
    app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
        .await;
    app.add_service("Other", "http://127.0.0.1:9/other/*", |_| {})
        .await;
}

#[tokio::test]
async fn unregistered_services_are_never_redirected_to() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        for path in [
            format!(
                "/cas/login?service={}",
                encode("https://evil.example/steal")
            ),
            format!(
                "/cas/login?service={}&gateway=true",
                encode("https://evil.example/steal")
            ),
            format!(
                "/cas/login?service={}",
                encode("http://127.0.0.1:9/appendix")
            ),
        ] {
            let page = b.get(&path).await;
            assert_eq!(page.status, 400, "{path}");
            assert!(page.location.is_none());
            assert!(page.contains("Unknown service"));
        }
        // Not even after signing in.
        let signed_in = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(signed_in.status, 200);
        let page = b
            .get(&format!(
                "/cas/login?service={}",
                encode("https://evil.example/")
            ))
            .await;
        assert_eq!(page.status, 400);
        assert!(page.location.is_none());
        // Nor from the logout page.
        let page = b
            .get(&format!(
                "/cas/logout?service={}",
                encode("https://evil.example/")
            ))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.location.is_none());
    })
    .await;
}

#[tokio::test]
async fn cas3_validation_releases_attributes_once() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        let ticket = b.ticket_for(APP, "jane@example.org").await;
        assert!(ticket.starts_with("ST-"));
        let body = app
            .cas_validate("p3/serviceValidate", APP, &ticket, "")
            .await;
        assert!(body.contains("<cas:authenticationSuccess>"), "{body}");
        assert!(
            body.contains("<cas:email>jane@example.org</cas:email>"),
            "{body}"
        );
        assert!(
            body.contains("<cas:firstName>Ελένη</cas:firstName>"),
            "{body}"
        );
        assert!(
            body.contains("<cas:lastName>Παπαδοπούλου</cas:lastName>"),
            "{body}"
        );
        assert!(
            body.contains("<cas:strength>PASSWORD</cas:strength>"),
            "{body}"
        );
        assert!(body.contains("<cas:domain>external</cas:domain>"), "{body}");
        // Replay: the ticket is gone.
        let replay = app
            .cas_validate("p3/serviceValidate", APP, &ticket, "")
            .await;
        assert!(replay.contains("code=\"INVALID_TICKET\""), "{replay}");
    })
    .await;
}

#[tokio::test]
async fn released_attributes_follow_the_registry() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", None, "Doe").await;
        app.add_service("Minimal", "http://127.0.0.1:9/min/*", |s| {
            s.released_attributes = vec!["uid".into()]
        })
        .await;
        let b = app.browser();
        let ticket = b
            .ticket_for("http://127.0.0.1:9/min/", "jane@example.org")
            .await;
        let body = app
            .cas_validate("p3/serviceValidate", "http://127.0.0.1:9/min/", &ticket, "")
            .await;
        assert!(body.contains("<cas:uid>"), "{body}");
        assert!(!body.contains("<cas:email>"), "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_ticket_is_bound_to_its_service() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        let ticket = b.ticket_for(APP, "jane@example.org").await;
        let body = app
            .cas_validate("serviceValidate", OTHER, &ticket, "")
            .await;
        assert!(body.contains("code=\"INVALID_SERVICE\""), "{body}");
        // §2.5.1: the ticket is invalidated by the attempt.
        let body = app.cas_validate("serviceValidate", APP, &ticket, "").await;
        assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");
    })
    .await;
}

#[tokio::test]
async fn malformed_requests_get_invalid_request() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        for query in ["", "?service=x", "?ticket=ST-x", "?service=&ticket="] {
            let body = reqwest::get(app.url(&format!("/cas/serviceValidate{query}")))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(body.contains("code=\"INVALID_REQUEST\""), "{query}: {body}");
        }
        let body = app
            .cas_validate("serviceValidate", APP, "not-a-ticket", "")
            .await;
        assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");
        let body = app
            .cas_validate("serviceValidate", APP, "ST-1", "&format=YAML")
            .await;
        assert!(body.contains("code=\"INVALID_REQUEST\""), "{body}");
        // CAS 1.0 has only yes and no.
        let body = reqwest::get(app.url("/cas/validate"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(body, "no\n\n");
    })
    .await;
}

#[tokio::test]
async fn cas1_and_json_responses() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        let ticket = b.ticket_for(APP, "jane@example.org").await;
        let uid = app
            .store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap()
            .uid;
        assert_eq!(
            app.cas_validate("validate", APP, &ticket, "").await,
            format!("yes\n{uid}\n")
        );
        assert_eq!(
            app.cas_validate("validate", APP, &ticket, "").await,
            "no\n\n"
        );

        let ticket = b
            .get(&format!("/cas/login?service={}", encode(OTHER)))
            .await
            .ticket()
            .expect("SSO ticket");
        let json: serde_json::Value = serde_json::from_str(
            &app.cas_validate("p3/serviceValidate", OTHER, &ticket, "&format=JSON")
                .await,
        )
        .unwrap();
        let success = &json["serviceResponse"]["authenticationSuccess"];
        assert_eq!(success["user"], uid.as_str());
        assert_eq!(success["attributes"]["email"][0], "jane@example.org");
        let json: serde_json::Value = serde_json::from_str(
            &app.cas_validate("p3/serviceValidate", OTHER, &ticket, "&format=json")
                .await,
        )
        .unwrap();
        assert_eq!(
            json["serviceResponse"]["authenticationFailure"]["code"],
            "INVALID_TICKET"
        );
    })
    .await;
}

#[tokio::test]
async fn tickets_expire() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        let ticket = b.ticket_for(APP, "jane@example.org").await;
        app.advance(Duration::seconds(61));
        let body = app.cas_validate("serviceValidate", APP, &ticket, "").await;
        assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");
    })
    .await;
}

#[tokio::test]
async fn single_sign_on_renew_and_gateway() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        // gateway without a session: back to the service, no ticket (§2.1.1).
        let page = b
            .get(&format!("/cas/login?service={}&gateway=true", encode(APP)))
            .await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location.as_deref(), Some(APP));

        let first = b.ticket_for(APP, "jane@example.org").await;
        // renew=true accepts a ticket from a fresh login.
        assert!(
            app.cas_validate("serviceValidate", APP, &first, "&renew=true")
                .await
                .contains("authenticationSuccess")
        );

        // SSO: another service gets a ticket without a password.
        let page = b
            .get(&format!("/cas/login?service={}", encode(OTHER)))
            .await;
        assert_eq!(page.status, 303, "{}", page.body);
        let sso_ticket = page.ticket().expect("ticket");
        // ... which renew=true validation refuses (§2.5.1).
        let body = app
            .cas_validate("serviceValidate", OTHER, &sso_ticket, "&renew=true")
            .await;
        assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");

        // gateway with a session: a ticket.
        let page = b
            .get(&format!("/cas/login?service={}&gateway=true", encode(APP)))
            .await;
        assert!(page.ticket().is_some());

        // renew=true on login: the password again, with the address already known.
        let page = b
            .get(&format!("/cas/login?service={}&renew=true", encode(APP)))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.contains("name=\"password\""));
        assert!(page.contains("jane@example.org"));
        let renewed = b.password_step(&page, "jane@example.org", PASSWORD).await;
        let ticket = renewed.ticket().expect("ticket after renew");
        assert!(
            app.cas_validate("serviceValidate", APP, &ticket, "&renew=true")
                .await
                .contains("authenticationSuccess")
        );
    })
    .await;
}

#[tokio::test]
async fn method_post_hands_the_ticket_over_in_a_form() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        b.login(None, "jane@example.org", PASSWORD).await;
        let page = b
            .get(&format!("/cas/login?service={}&method=POST", encode(APP)))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.location.is_none());
        assert!(page.contains(&format!("action=\"{APP}\"")), "{}", page.body);
        let marker = "name=\"ticket\" value=\"";
        let start = page.body.find(marker).expect("ticket field") + marker.len();
        let ticket = &page.body[start..start + page.body[start..].find('"').unwrap()];
        assert!(
            app.cas_validate("serviceValidate", APP, ticket, "")
                .await
                .contains("authenticationSuccess")
        );
    })
    .await;
}

#[tokio::test]
async fn service_strength_and_assurance_rules() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        app.add_service("Tokens only", "http://127.0.0.1:9/strong/*", |s| {
            s.accepted_strengths = vec![limen_core::Strength::PasswordToken];
        })
        .await;
        app.add_service("Staff only", "http://127.0.0.1:9/staff/*", |s| {
            s.min_assurance = limen_core::AssuranceLevel::Top;
        })
        .await;
        let b = app.browser();
        // No method the user could use: a clear page, no form, no ticket.
        let page = b
            .get(&format!(
                "/cas/login?service={}",
                encode("http://127.0.0.1:9/strong/")
            ))
            .await;
        let page = b
            .post(
                &page.form_action(),
                &[
                    ("csrf_token", &page.csrf()),
                    ("step", "email"),
                    ("email", "jane@example.org"),
                ],
            )
            .await;
        assert_eq!(page.status, 403);
        assert!(
            page.contains("None of the verification methods"),
            "{}",
            page.body
        );

        b.login(None, "jane@example.org", PASSWORD).await;
        let page = b
            .get(&format!(
                "/cas/login?service={}",
                encode("http://127.0.0.1:9/staff/")
            ))
            .await;
        assert_eq!(page.status, 403);
        assert!(page.location.is_none());
        assert!(page.contains("higher identity assurance"), "{}", page.body);
    })
    .await;
}

fn allow_http(c: &mut limen_web::WebConfig) {
    c.proxy_callback_allow_http = true;
}

/// Jane; a "Portal" service that may proxy to the callback URL pattern `{receiver}/pgt{suffix}`
/// (http allowed by [`allow_http`]), and a "Backend" service; the receiver and `{receiver}/pgt`.
async fn portal_and_backend(app: &TestApp, suffix: &str) -> (Receiver, String) {
    let callback = Receiver::start(200).await;
    let cb_url = format!("{}/pgt", callback.base);
    app.add_user("jane@example.org", None, "Doe").await;
    let cb_pattern = format!("{cb_url}{suffix}");
    app.add_service("Portal", "http://127.0.0.1:9/portal/*", move |s| {
        s.proxy_callbacks = vec![limen_core::UrlPattern::parse(&cb_pattern).unwrap()];
    })
    .await;
    app.add_service("Backend", "http://127.0.0.1:9/backend/*", |_| {})
        .await;
    (callback, cb_url)
}

#[tokio::test]
async fn proxy_tickets_through_a_proxy_callback() {
    each_backend(allow_http, |app| async move {
        let (callback, cb_url) = portal_and_backend(&app, "*").await;
        let portal = "http://127.0.0.1:9/portal/";
        let b = app.browser();

        // An unauthorized callback is refused (§2.5.4).
        let ticket = b.ticket_for(portal, "jane@example.org").await;
        let body = app
            .cas_validate(
                "serviceValidate",
                portal,
                &ticket,
                &format!("&pgtUrl={}", encode("http://127.0.0.1:9/elsewhere")),
            )
            .await;
        assert!(body.contains("code=\"INVALID_PROXY_CALLBACK\""), "{body}");

        let page = b
            .get(&format!("/cas/login?service={}", encode(portal)))
            .await;
        let ticket = page.ticket().unwrap();
        let body = app
            .cas_validate(
                "serviceValidate",
                portal,
                &ticket,
                &format!("&pgtUrl={}", encode(&cb_url)),
            )
            .await;
        assert!(body.contains("<cas:proxyGrantingTicket>PGTIOU-"), "{body}");
        let delivered = callback.wait_for(1, 5).await;
        let query = delivered[0]
            .path_and_query
            .split_once('?')
            .unwrap()
            .1
            .to_owned();
        let pairs: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
        let iou = &pairs["pgtIou"];
        assert!(
            body.contains(iou.as_str()),
            "the IOU in the response matches the callback's"
        );
        let pgt = pairs["pgtId"].clone();

        // /proxy issues a PT for a registered target.
        let target = "http://127.0.0.1:9/backend/";
        let proxy = |pgt: String, target: String| {
            let url = app.url(&format!(
                "/cas/proxy?pgt={}&targetService={}",
                encode(&pgt),
                encode(&target)
            ));
            async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
        };
        let proxy_ticket = |body: String| {
            assert!(body.contains("<cas:proxyTicket>PT-"), "{body}");
            let start = body.find("PT-").unwrap();
            body[start..start + body[start..].find('<').unwrap()].to_owned()
        };
        let pt = proxy_ticket(proxy(pgt.clone(), target.into()).await);

        // A PT is refused by /serviceValidate (§2.5) and spent by the attempt (§3.2)...
        let refused = app.cas_validate("serviceValidate", target, &pt, "").await;
        assert!(
            refused.contains("code=\"INVALID_TICKET_SPEC\""),
            "{refused}"
        );
        assert!(
            app.cas_validate("p3/proxyValidate", target, &pt, "")
                .await
                .contains("code=\"INVALID_TICKET\"")
        );
        // ...and a fresh one is accepted by /proxyValidate, with the chain.
        let pt = proxy_ticket(proxy(pgt.clone(), target.into()).await);
        let body = app.cas_validate("p3/proxyValidate", target, &pt, "").await;
        assert!(body.contains("authenticationSuccess"), "{body}");
        assert!(
            body.contains(&format!("<cas:proxy>{cb_url}</cas:proxy>")),
            "{body}"
        );
        assert!(
            app.cas_validate("proxyValidate", target, &pt, "")
                .await
                .contains("INVALID_TICKET")
        );

        // /proxy failures.
        assert!(
            proxy(pgt.clone(), "https://evil.example/".into())
                .await
                .contains("code=\"UNAUTHORIZED_SERVICE\"")
        );
        assert!(
            proxy(
                "PGT-nonexistent-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into(),
                target.into()
            )
            .await
            .contains("code=\"INVALID_TICKET\"")
        );
        let body = reqwest::get(app.url("/cas/proxy"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("code=\"INVALID_REQUEST\""), "{body}");

        // The PGT dies with the SSO session.
        b.get("/cas/logout").await;
        assert!(
            proxy(pgt, target.into())
                .await
                .contains("code=\"INVALID_TICKET\"")
        );
    })
    .await;
}

#[tokio::test]
async fn proxy_callbacks_must_use_https_by_default() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", None, "Doe").await;
        app.add_service("Portal", "http://127.0.0.1:9/portal/*", |s| {
            s.proxy_callbacks =
                vec![limen_core::UrlPattern::parse("http://127.0.0.1:9/cb*").unwrap()];
        })
        .await;
        let portal = "http://127.0.0.1:9/portal/";
        let ticket = app.browser().ticket_for(portal, "jane@example.org").await;
        let body = app
            .cas_validate(
                "serviceValidate",
                portal,
                &ticket,
                &format!("&pgtUrl={}", encode("http://127.0.0.1:9/cb")),
            )
            .await;
        assert!(body.contains("code=\"INVALID_PROXY_CALLBACK\""), "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_failing_callback_means_no_pgt_but_a_valid_ticket() {
    each_backend(allow_http, |app| async move {
        let callback = Receiver::start(500).await;
        app.add_user("jane@example.org", None, "Doe").await;
        let pattern = format!("{}/*", callback.base);
        app.add_service("Portal", "http://127.0.0.1:9/portal/*", move |s| {
            s.proxy_callbacks = vec![limen_core::UrlPattern::parse(&pattern).unwrap()];
        })
        .await;
        let portal = "http://127.0.0.1:9/portal/";
        let ticket = app.browser().ticket_for(portal, "jane@example.org").await;
        let body = app
            .cas_validate(
                "serviceValidate",
                portal,
                &ticket,
                &format!("&pgtUrl={}", encode(&format!("{}/cb", callback.base))),
            )
            .await;
        assert!(body.contains("authenticationSuccess"), "{body}");
        assert!(!body.contains("proxyGrantingTicket"), "{body}");
    })
    .await;
}

fn saml_request(ticket: &str) -> String {
    format!(
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Header/><SOAP-ENV:Body>\
         <samlp:Request xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\" MajorVersion=\"1\" MinorVersion=\"1\" \
         RequestID=\"_req1\" IssueInstant=\"2026-01-01T00:00:00Z\"><samlp:AssertionArtifact>{ticket}</samlp:AssertionArtifact>\
         </samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    )
}

#[tokio::test]
async fn saml_validation() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let ticket = app.browser().ticket_for(APP, "jane@example.org").await;
        let client = reqwest::Client::new();
        let url = app.url(&format!("/cas/samlValidate?TARGET={}", encode(APP)));
        let body = client
            .post(&url)
            .body(saml_request(&ticket))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("samlp:Success"), "{body}");
        assert!(body.contains("InResponseTo=\"_req1\""), "{body}");
        assert!(body.contains("jane@example.org"), "{body}");
        assert!(body.contains("AttributeName=\"firstName\""), "{body}");
        let again = client
            .post(&url)
            .body(saml_request(&ticket))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!again.contains("samlp:Success"), "{again}");
        let garbage = client.post(&url).body("<not-soap").send().await.unwrap();
        assert_eq!(garbage.status(), 200);
        assert!(!garbage.text().await.unwrap().contains("samlp:Success"));
    })
    .await;
}

#[tokio::test]
async fn single_logout_reaches_every_service_that_asked() {
    each_backend(defaults, |app| async move {
        let listener = Receiver::start(200).await;
        app.add_user("jane@example.org", None, "Doe").await;
        let slo_base = listener.base.clone();
        app.add_service("Listens", &format!("{slo_base}/app/*"), |s| {
            s.single_logout = true
        })
        .await;
        app.add_service("Silent", "http://127.0.0.1:9/silent/*", |_| {})
            .await;
        let b = app.browser();
        let service = format!("{slo_base}/app/page");
        let ticket = b.ticket_for(&service, "jane@example.org").await;
        let silent = b
            .get(&format!(
                "/cas/login?service={}",
                encode("http://127.0.0.1:9/silent/")
            ))
            .await;
        assert!(silent.ticket().is_some());

        let page = b.get("/cas/logout").await;
        assert_eq!(page.status, 200);
        assert!(
            page.contains("The service you used has been told"),
            "{}",
            page.body
        );
        let got = listener.wait_for(1, 5).await;
        assert_eq!(got.len(), 1, "only the service that asked is told");
        assert_eq!(got[0].method, "POST");
        assert_eq!(got[0].path_and_query, "/app/page");
        let form: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(got[0].body.as_bytes())
                .into_owned()
                .collect();
        assert_eq!(
            limen_cas::parse_logout_request(&form["logoutRequest"]).as_deref(),
            Some(ticket.as_str())
        );

        // The session is gone: the next login asks for credentials.
        let page = b
            .get(&format!("/cas/login?service={}", encode(&service)))
            .await;
        assert_eq!(page.status, 200);
        assert!(page.ticket().is_none());
    })
    .await;
}

#[tokio::test]
async fn logout_redirects_only_to_registered_services() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        b.login(None, "jane@example.org", PASSWORD).await;
        let page = b.get(&format!("/cas/logout?service={}", encode(APP))).await;
        assert_eq!(page.status, 303);
        assert_eq!(page.location.as_deref(), Some(APP));
    })
    .await;
}

#[tokio::test]
async fn the_demo_service_shows_attributes_and_honours_single_logout() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let b = app.browser();
        let page = b.get("/demo/").await;
        assert_eq!(page.status, 303);
        let login = page.location.unwrap();
        assert!(login.starts_with("/cas/login?service="), "{login}");
        let service = app.url("/demo/");
        let ticket_page = b.login(Some(&service), "jane@example.org", PASSWORD).await;
        let back = ticket_page.location.clone().unwrap();
        assert!(back.starts_with(&service));
        let page = b.get(&back).await;
        assert_eq!(page.location.as_deref(), Some("/demo/"));
        let page = b.get("/demo/").await;
        assert_eq!(page.status, 200);
        assert!(
            page.contains("<td>email</td><td>jane@example.org</td>"),
            "{}",
            page.body
        );
        assert!(
            page.contains("<td>strength</td><td>PASSWORD</td>"),
            "{}",
            page.body
        );

        // A bad ticket is explained, not a 500.
        let page = b
            .get("/demo/?ticket=ST-forged-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
            .await;
        assert_eq!(page.status, 401);

        // Logout: the demo is told over the back channel and forgets the session.
        b.get(&format!("/cas/logout?service={}", encode(&service)))
            .await;
        let mut signed_out = false;
        for _ in 0..100 {
            if b.get("/demo/").await.status == 303 {
                signed_out = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(signed_out, "single logout should end the demo session");
    })
    .await;
}

#[tokio::test]
async fn expired_sessions_are_ended_with_single_logout() {
    each_backend(defaults, |app| async move {
        let listener = Receiver::start(200).await;
        app.add_user("jane@example.org", None, "Doe").await;
        app.add_service("Listens", &format!("{}/app/*", listener.base), |s| {
            s.single_logout = true
        })
        .await;
        let b = app.browser();
        let ticket = b
            .ticket_for(&format!("{}/app/", listener.base), "jane@example.org")
            .await;
        assert_eq!(
            app.state.end_expired_sessions().await.unwrap(),
            0,
            "a fresh session is kept"
        );
        app.advance(Duration::hours(2) + Duration::minutes(1));
        assert_eq!(app.state.end_expired_sessions().await.unwrap(), 1);
        let got = listener.wait_for(1, 5).await;
        assert_eq!(got.len(), 1);
        assert!(
            got[0].body.contains(&encode(&ticket)) || got[0].body.contains(&ticket),
            "{}",
            got[0].body
        );
    })
    .await;
}

#[tokio::test]
async fn locking_an_account_ends_its_sessions_and_tickets() {
    each_backend(defaults, |app| async move {
        let listener = Receiver::start(200).await;
        let jane = app.add_user("jane@example.org", None, "Doe").await;
        let service = format!("{}/app/", listener.base);
        app.add_service("Listens", &format!("{service}*"), |s| {
            s.single_logout = true
        })
        .await;
        let b = app.browser();
        b.ticket_for(&service, "jane@example.org").await;
        let pending = b
            .get(&format!("/cas/login?service={}", encode(&service)))
            .await
            .ticket()
            .unwrap();
        app.store
            .set_status(jane.id, limen_core::AccountStatus::Locked, app.clock_now())
            .await
            .unwrap();
        // An outstanding ticket no longer validates.
        assert!(
            app.cas_validate("serviceValidate", &service, &pending, "")
                .await
                .contains("INVALID_TICKET")
        );
        assert_eq!(app.state.end_expired_sessions().await.unwrap(), 1);
        assert_eq!(
            listener.wait_for(2, 5).await.len(),
            2,
            "one logout request per ticket issued"
        );
        let page = b
            .get(&format!("/cas/login?service={}", encode(&service)))
            .await;
        assert_eq!(page.status, 200, "signed out: the form again");
        assert!(page.ticket().is_none());
    })
    .await;
}

/// Service URLs carrying a control character: CR and LF (header injection), NUL, the rest of C0,
/// DEL, and a C1 control (U+0085, "next line"). None of them may reach a `Location` header
/// (RFC 9110 §5.5; RFC 3986 has no place for them in a URI either).
fn urls_with_control_characters(base: &str) -> Vec<String> {
    [
        "\r\nSet-Cookie: injected=1",
        "\r",
        "\n",
        "\0",
        "\t",
        "\u{1}",
        "\u{1f}",
        "\u{7f}",
        "\u{85}",
    ]
    .iter()
    .map(|c| format!("{base}page{c}end"))
    .collect()
}

fn tickets_issued(app: &TestApp) -> u64 {
    app.state
        .metrics
        .tickets_issued
        .load(std::sync::atomic::Ordering::SeqCst)
}

#[tokio::test]
async fn service_urls_with_control_characters_are_unknown_services() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        let signed_in = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(signed_in.status, 200);
        let before = tickets_issued(&app);
        for url in urls_with_control_characters(APP) {
            for extra in ["", "&gateway=true", "&method=POST", "&renew=true"] {
                let path = format!("/cas/login?service={}{extra}", encode(&url));
                let page = b.get(&path).await;
                assert_eq!(page.status, 400, "{url:?}{extra}: {}", page.body);
                assert!(page.location.is_none(), "{url:?}{extra}");
                assert!(page.contains("Unknown service"), "{url:?}{extra}");
                assert!(
                    page.headers
                        .get("set-cookie")
                        .is_none_or(|c| { !c.to_str().unwrap_or_default().contains("injected") })
                );
            }
            // The password form posted for such a service: refused before any sign-in.
            let signed_out = app.browser();
            let form = signed_out.get("/cas/login").await;
            let page = signed_out
                .post(
                    &format!("/cas/login?service={}", encode(&url)),
                    &[
                        ("csrf_token", &form.csrf()),
                        ("step", "password"),
                        ("method", "PASSWORD"),
                        ("email", "jane@example.org"),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(page.status, 400, "{url:?}: {}", page.body);
            assert!(page.location.is_none(), "{url:?}");
            assert!(page.contains("Unknown service"), "{url:?}");
        }
        assert_eq!(tickets_issued(&app), before, "no ticket was issued");
        // In the user's language, like any unknown service.
        let fr = Browser::with_language(&app.base, Some("fr"));
        let page = fr
            .get(&format!(
                "/cas/login?service={}",
                encode(&format!("{APP}a\r\nb"))
            ))
            .await;
        assert_eq!(page.status, 400);
        assert!(page.contains("Service inconnu"), "{}", page.body);
        // The same registered prefix without the control character still gets its ticket.
        let page = b
            .get(&format!(
                "/cas/login?service={}",
                encode(&format!("{APP}page"))
            ))
            .await;
        assert_eq!(page.status, 303);
        assert!(page.ticket().is_some());
        assert_eq!(tickets_issued(&app), before + 1);
        // Logout never sends the browser to such a URL (nor answers a 303 without Location).
        let page = b
            .get(&format!(
                "/cas/logout?service={}",
                encode(&format!("{APP}a\r\nb"))
            ))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.location.is_none());
        for url in urls_with_control_characters(APP) {
            let page = b
                .get(&format!("/cas/logout?service={}", encode(&url)))
                .await;
            assert_eq!(page.status, 200, "{url:?}");
            assert!(page.location.is_none(), "{url:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn proxy_urls_with_control_characters_are_refused() {
    each_backend(allow_http, |app| async move {
        let (callback, cb_url) = portal_and_backend(&app, "/*").await;
        let portal = "http://127.0.0.1:9/portal/";
        let b = app.browser();
        b.login(None, "jane@example.org", PASSWORD).await;
        let b = &b;
        let ticket_for_portal = || async move {
            b.get(&format!("/cas/login?service={}", encode(portal)))
                .await
                .ticket()
                .expect("SSO ticket")
        };

        // pgtUrl: refused as not authorized, and nothing is sent to it.
        for pgt_url in urls_with_control_characters(&format!("{cb_url}/")) {
            let body = app
                .cas_validate(
                    "serviceValidate",
                    portal,
                    &ticket_for_portal().await,
                    &format!("&pgtUrl={}", encode(&pgt_url)),
                )
                .await;
            assert!(
                body.contains("code=\"INVALID_PROXY_CALLBACK\""),
                "{pgt_url:?}: {body}"
            );
        }
        assert!(
            callback.requests().is_empty(),
            "no PGT delivered: {:?}",
            callback.requests()
        );

        // A real PGT, then targetService with a control character: no proxy ticket.
        let body = app
            .cas_validate(
                "serviceValidate",
                portal,
                &ticket_for_portal().await,
                &format!("&pgtUrl={}", encode(&format!("{cb_url}/cb"))),
            )
            .await;
        assert!(body.contains("<cas:proxyGrantingTicket>PGTIOU-"), "{body}");
        let delivered = callback.wait_for(1, 5).await;
        let query = delivered[0].path_and_query.split_once('?').unwrap().1;
        let pgt = url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "pgtId")
            .unwrap()
            .1
            .into_owned();
        let before = tickets_issued(&app);
        for target in urls_with_control_characters("http://127.0.0.1:9/backend/") {
            let body = reqwest::get(app.url(&format!(
                "/cas/proxy?pgt={}&targetService={}",
                encode(&pgt),
                encode(&target)
            )))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
            assert!(
                body.contains("code=\"UNAUTHORIZED_SERVICE\""),
                "{target:?}: {body}"
            );
            assert!(!body.contains("PT-"), "{body}");
        }
        assert_eq!(tickets_issued(&app), before, "no proxy ticket was issued");
    })
    .await;
}

/// CAS 3.0 §3.1.1 / §3.2: a service or proxy ticket is invalidated by the first validation
/// attempt "regardless of whether validation succeeded". Every refusal, the early ones included
/// (unknown `format`, missing `service`, a proxy ticket where only service tickets go, a
/// parameter given twice), spends it: the next, correct attempt is refused.
#[tokio::test]
async fn every_refused_validation_spends_the_ticket() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = app.browser();
        b.login(None, "jane@example.org", PASSWORD).await;
        let (app, b): (&TestApp, &Browser) = (&app, &b);
        let fresh = || async move {
            b.get(&format!("/cas/login?service={}", encode(APP)))
                .await
                .ticket()
                .expect("SSO ticket")
        };
        let get = |path: String| async move {
            let r = reqwest::get(app.url(&path)).await.unwrap();
            let status = r.status().as_u16();
            (status, r.text().await.unwrap())
        };
        let still_valid = |ticket: String| async move {
            app.cas_validate("serviceValidate", APP, &ticket, "")
                .await
                .contains("authenticationSuccess")
        };
        // A control: an untouched ticket validates.
        assert!(still_valid(fresh().await).await);

        let endpoints = [
            "validate",
            "serviceValidate",
            "p3/serviceValidate",
            "proxyValidate",
            "p3/proxyValidate",
            "laxValidate",
            "sponsorValidate",
            "interinstitutionalValidate",
            "strictValidate",
        ];
        for endpoint in endpoints {
            let mut refusals = vec![
                // No service.
                "/cas/{endpoint}?ticket={ticket}".to_owned(),
                "/cas/{endpoint}?ticket={ticket}&service=".to_owned(),
                // A parameter given twice.
                "/cas/{endpoint}?ticket={ticket}&service={app}&service={app}".to_owned(),
                "/cas/{endpoint}?ticket={ticket}&service={app}&renew=true&renew=false".to_owned(),
            ];
            if endpoint != "validate" {
                // CAS 1.0 has no format parameter.
                refusals.push("/cas/{endpoint}?ticket={ticket}&service={app}&format=YAML".into());
                refusals.push("/cas/{endpoint}?ticket={ticket}&service={app}&format=".into());
            }
            for template in refusals {
                let ticket = fresh().await;
                let path = template
                    .replace("{endpoint}", endpoint)
                    .replace("{ticket}", &ticket)
                    .replace("{app}", &encode(APP));
                let (status, body) = get(path.clone()).await;
                assert!(status < 500, "{path}: {status} {body}");
                assert!(
                    !body.contains("authenticationSuccess") && !body.starts_with("yes"),
                    "{path}: {body}"
                );
                assert!(!still_valid(ticket).await, "{path} left the ticket valid");
            }
        }

        // SAML 1.1: without TARGET, or with TARGET twice.
        let client = reqwest::Client::new();
        for query in ["", "?TARGET=", "?TARGET={app}&TARGET={app}"] {
            let ticket = fresh().await;
            let url = app.url(&format!(
                "/cas/samlValidate{}",
                query.replace("{app}", &encode(APP))
            ));
            let r = client
                .post(&url)
                .body(saml_request(&ticket))
                .send()
                .await
                .unwrap();
            assert!(r.status().as_u16() < 500, "{query}");
            assert!(
                !r.text().await.unwrap().contains("samlp:Success"),
                "{query}"
            );
            assert!(!still_valid(ticket).await, "samlValidate{query}");
        }
        // A body that is not UTF-8 (a stray byte in an attribute) but names a ticket.
        let ticket = fresh().await;
        let mut body = saml_request(&ticket).into_bytes();
        let at = body.windows(5).position(|w| w == b"_req1").unwrap();
        body[at + 4] = 0xFF;
        let r = client
            .post(app.url(&format!("/cas/samlValidate?TARGET={}", encode(APP))))
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(!r.text().await.unwrap().contains("samlp:Success"));
        assert!(
            !still_valid(ticket).await,
            "samlValidate with a non-UTF-8 body"
        );
    })
    .await;
}

#[tokio::test]
async fn a_proxy_ticket_refused_at_service_validate_is_spent() {
    each_backend(allow_http, |app| async move {
        let (callback, cb_url) = portal_and_backend(&app, "*").await;
        let portal = "http://127.0.0.1:9/portal/";
        let target = "http://127.0.0.1:9/backend/";
        let ticket = app.browser().ticket_for(portal, "jane@example.org").await;
        let body = app
            .cas_validate(
                "serviceValidate",
                portal,
                &ticket,
                &format!("&pgtUrl={}", encode(&cb_url)),
            )
            .await;
        assert!(body.contains("<cas:proxyGrantingTicket>PGTIOU-"), "{body}");
        let delivered = callback.wait_for(1, 5).await;
        let query = delivered[0].path_and_query.split_once('?').unwrap().1;
        let pgt = url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "pgtId")
            .unwrap()
            .1
            .into_owned();
        let (app, pgt) = (&*app, &pgt);
        let proxy_ticket = || async move {
            let body = reqwest::get(app.url(&format!(
                "/cas/proxy?pgt={}&targetService={}",
                encode(pgt),
                encode(target)
            )))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
            let start = body.find("PT-").expect("a proxy ticket");
            body[start..start + body[start..].find('<').unwrap()].to_owned()
        };
        // A control: an untouched proxy ticket validates at /proxyValidate.
        let pt = proxy_ticket().await;
        assert!(
            app.cas_validate("proxyValidate", target, &pt, "")
                .await
                .contains("authenticationSuccess")
        );
        // Refused where only service tickets go (§2.5), and spent by that refusal (§3.2).
        for endpoint in [
            "serviceValidate",
            "p3/serviceValidate",
            "validate",
            "laxValidate",
            "strictValidate",
        ] {
            let pt = proxy_ticket().await;
            let refused = app.cas_validate(endpoint, target, &pt, "").await;
            assert!(
                !refused.contains("authenticationSuccess") && !refused.starts_with("yes"),
                "{endpoint}: {refused}"
            );
            let after = app.cas_validate("p3/proxyValidate", target, &pt, "").await;
            assert!(
                after.contains("code=\"INVALID_TICKET\""),
                "{endpoint} left the proxy ticket valid: {after}"
            );
        }
        // An unknown format at /proxyValidate spends it too.
        let pt = proxy_ticket().await;
        let refused = app
            .cas_validate("proxyValidate", target, &pt, "&format=YAML")
            .await;
        assert!(refused.contains("code=\"INVALID_REQUEST\""), "{refused}");
        let after = app.cas_validate("proxyValidate", target, &pt, "").await;
        assert!(after.contains("code=\"INVALID_TICKET\""), "{after}");
    })
    .await;
}
