//! Authentication strength and identity assurance at CAS validation (issue 5): EU Login's
//! `acceptStrengths`, `authenticationLevel` and `assuranceLevel` validation parameters, its
//! `INVALID_STRENGTH` / `INVALID_USER` error codes, and its assurance-specific endpoints
//! `/laxValidate`, `/sponsorValidate`, `/interinstitutionalValidate` and `/strictValidate`
//! (ARCHITECTURE §1, §1b). Whatever the verdict, a validated ticket is spent (CAS 3.0 §3.1.1).
//!
//! Password logins give `PASSWORD` tickets. Tickets of stronger strengths are minted straight into
//! the store for a real SSO session, standing in for the logins that will issue them.

use limen_core::{AccountStatus, AssuranceLevel, Email, PersonName, Strength, Ticket, UserType};
use limen_store::NewAccount;
use limen_testkit::*;

const APP: &str = "http://127.0.0.1:9/app/";
const PASSWORD_ONLY: &str = "http://127.0.0.1:9/pwd/";
const SPONSORED: &str = "http://127.0.0.1:9/sponsored/";

const LOW: &str = "lou@example.org";
const MEDIUM: &str = "max@example.org";
const HIGH: &str = "hal@example.org";
const TOP: &str = "tina@limen.test";

const ENDPOINTS: [(&str, AssuranceLevel); 4] = [
    ("laxValidate", AssuranceLevel::Low),
    ("sponsorValidate", AssuranceLevel::Medium),
    ("interinstitutionalValidate", AssuranceLevel::High),
    ("strictValidate", AssuranceLevel::Top),
];

/// An active account with [`PASSWORD`] and the given identity assurance level.
async fn add_user_at(app: &TestApp, email: &str, assurance: AssuranceLevel) -> limen_core::Account {
    let email = Email::parse(email).expect("test e-mail");
    let hash = limen_crypto::PasswordHasher::new(
        limen_crypto::HashParams {
            memory_kib: 256,
            iterations: 1,
            parallelism: 1,
        },
        1,
    )
    .expect("hasher")
    .hash(PASSWORD)
    .await
    .expect("hash");
    app.store
        .create_account(
            NewAccount {
                user_type: UserType::for_email(&email, &["limen.test".to_owned()]),
                email,
                first_name: None,
                last_name: PersonName::parse("Tester").expect("last name"),
                status: AccountStatus::Active,
                assurance,
                email_locale: "en".into(),
                password_hash: Some(hash),
            },
            app.clock_now(),
        )
        .await
        .expect("create test account")
}

/// An open service (every strength, LOW and up), a password-only one and one for MEDIUM
/// assurance and up; one user per assurance level.
async fn setup(app: &TestApp) {
    app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
        .await;
    app.add_service("Password only", "http://127.0.0.1:9/pwd/*", |s| {
        s.accepted_strengths = vec![Strength::Password];
    })
    .await;
    app.add_service("Sponsored", "http://127.0.0.1:9/sponsored/*", |s| {
        s.min_assurance = AssuranceLevel::Medium;
    })
    .await;
    for (email, level) in [
        (LOW, AssuranceLevel::Low),
        (MEDIUM, AssuranceLevel::Medium),
        (HIGH, AssuranceLevel::High),
        (TOP, AssuranceLevel::Top),
    ] {
        add_user_at(app, email, level).await;
    }
}

/// A browser signed in as `email` (a password login, so `PASSWORD` tickets).
async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    let page = b.login(None, email, PASSWORD).await;
    assert_eq!(page.status, 200, "login of {email}: {}", page.body);
    b
}

/// A service ticket for `service` from the browser's SSO session.
async fn ticket(b: &Browser, service: &str) -> String {
    let page = b
        .get(&format!("/cas/login?service={}", encode(service)))
        .await;
    assert_eq!(page.status, 303, "SSO ticket for {service}: {}", page.body);
    page.ticket().expect("redirect carries a ticket")
}

/// A service ticket of `strength` for `email`'s SSO session, written straight into the store.
async fn minted(app: &TestApp, email: &str, service: &str, strength: Strength) -> String {
    let account = app
        .store
        .account_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .expect("account");
    let session_id = app
        .store
        .session_ids_of_account(account.id)
        .await
        .unwrap()
        .into_iter()
        .next()
        .expect("an SSO session (sign in first)");
    let registered = app
        .store
        .service_for_url(service)
        .await
        .unwrap()
        .expect("registered service");
    let now = app.clock_now();
    let ticket = limen_crypto::ticket(limen_core::TicketKind::Service.prefix());
    app.store
        .insert_ticket(
            &limen_crypto::sha256_hex(ticket.as_bytes()),
            &Ticket {
                kind: limen_core::TicketKind::Service,
                session_id,
                account_id: account.id,
                service_id: registered.id,
                service_url: service.to_owned(),
                strength,
                auth_at: now,
                from_new_login: true,
                proxies: Vec::new(),
                client_fingerprint: None,
                created_at: now,
                expires_at: now + time::Duration::seconds(30),
            },
        )
        .await
        .unwrap();
    ticket
}

fn succeeded(body: &str) -> bool {
    body.contains("<cas:authenticationSuccess>")
}

fn failed_with(body: &str, code: &str) -> bool {
    body.contains(&format!("<cas:authenticationFailure code=\"{code}\">"))
}

/// Validates at `/serviceValidate` with `extra`, expects `code`, then checks the ticket is gone.
async fn refused_and_spent(app: &TestApp, service: &str, ticket: &str, extra: &str, code: &str) {
    let body = app
        .cas_validate("serviceValidate", service, ticket, extra)
        .await;
    assert!(failed_with(&body, code), "{extra}: {body}");
    let retry = app
        .cas_validate("serviceValidate", service, ticket, "")
        .await;
    assert!(
        failed_with(&retry, "INVALID_TICKET"),
        "{extra} retry: {retry}"
    );
}

#[tokio::test]
async fn matching_strength_requests_pass() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = signed_in(&app, LOW).await;
        for extra in [
            "&acceptStrengths=PASSWORD",
            "&acceptStrengths=PASSWORD_WEBAUTHN,PASSWORD",
            "&acceptStrengths=password",
            // The deprecated EU Login alias of PASSWORD.
            "&acceptStrengths=STRONG",
            "&authenticationLevel=BASIC",
            "&authenticationLevel=basic",
            "&acceptStrengths=PASSWORD&authenticationLevel=BASIC",
            // Empty parameters are absent ones.
            "&acceptStrengths=&authenticationLevel=&assuranceLevel=",
        ] {
            let body = app
                .cas_validate("serviceValidate", APP, &ticket(&b, APP).await, extra)
                .await;
            assert!(succeeded(&body), "{extra}: {body}");
            assert!(
                body.contains("<cas:strength>PASSWORD</cas:strength>"),
                "{body}"
            );
        }
        // A service restricted to PASSWORD, asked for PASSWORD.
        let body = app
            .cas_validate(
                "serviceValidate",
                PASSWORD_ONLY,
                &ticket(&b, PASSWORD_ONLY).await,
                "&acceptStrengths=PASSWORD",
            )
            .await;
        assert!(succeeded(&body), "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_password_ticket_does_not_satisfy_a_stronger_request_and_is_spent() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = signed_in(&app, LOW).await;

        let t = ticket(&b, APP).await;
        let body = app
            .cas_validate(
                "serviceValidate",
                APP,
                &t,
                "&acceptStrengths=PASSWORD_WEBAUTHN",
            )
            .await;
        assert!(failed_with(&body, "INVALID_STRENGTH"), "{body}");
        // The message names what the ticket proves and what was asked.
        assert!(body.contains("strength PASSWORD "), "{body}");
        assert!(body.contains("acceptStrengths=PASSWORD_WEBAUTHN"), "{body}");
        assert!(!body.contains("<cas:user>"), "{body}");
        // Single use (CAS 3.0 §3.1.1): a retry, even without the parameter, finds nothing.
        let retry = app.cas_validate("serviceValidate", APP, &t, "").await;
        assert!(failed_with(&retry, "INVALID_TICKET"), "{retry}");

        for extra in [
            // STRONG_SMS is the deprecated name of PASSWORD_SMS.
            "&acceptStrengths=STRONG_SMS",
            "&acceptStrengths=PASSWORD_MOBILE_APP,PASSWORD_WEBAUTHN",
        ] {
            refused_and_spent(&app, APP, &ticket(&b, APP).await, extra, "INVALID_STRENGTH").await;
        }
        // Below the level asked: EU Login's INSUFFICIENT_AUTHENTICATION_LEVEL.
        for extra in [
            "&authenticationLevel=MEDIUM",
            "&authenticationLevel=HIGH",
            // Both apply: PASSWORD is listed but is below MEDIUM.
            "&acceptStrengths=PASSWORD,PASSWORD_WEBAUTHN&authenticationLevel=MEDIUM",
        ] {
            let code = "INSUFFICIENT_AUTHENTICATION_LEVEL";
            refused_and_spent(&app, APP, &ticket(&b, APP).await, extra, code).await;
        }

        // Every validation endpoint applies the request, CAS 1.0's included.
        for endpoint in [
            "proxyValidate",
            "p3/serviceValidate",
            "p3/proxyValidate",
            "laxValidate",
            "strictValidate",
        ] {
            let body = app
                .cas_validate(
                    endpoint,
                    APP,
                    &ticket(&b, APP).await,
                    "&authenticationLevel=MEDIUM",
                )
                .await;
            assert!(
                failed_with(&body, "INSUFFICIENT_AUTHENTICATION_LEVEL"),
                "{endpoint}: {body}"
            );
        }
        let body = app
            .cas_validate(
                "validate",
                APP,
                &ticket(&b, APP).await,
                "&acceptStrengths=PASSWORD_WEBAUTHN",
            )
            .await;
        assert_eq!(body, "no\n\n");
    })
    .await;
}

#[tokio::test]
async fn requests_for_strengths_the_service_does_not_allow() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = signed_in(&app, LOW).await;
        for extra in [
            "&acceptStrengths=PASSWORD_WEBAUTHN",
            "&acceptStrengths=PASSWORD,PASSWORD_TOKEN",
            "&authenticationLevel=MEDIUM",
        ] {
            let t = ticket(&b, PASSWORD_ONLY).await;
            let body = app
                .cas_validate("serviceValidate", PASSWORD_ONLY, &t, extra)
                .await;
            assert!(failed_with(&body, "INVALID_STRENGTH"), "{extra}: {body}");
            assert!(body.contains("does not allow"), "{body}");
            assert!(body.contains("strength is PASSWORD"), "{body}");
            let retry = app
                .cas_validate("serviceValidate", PASSWORD_ONLY, &t, "")
                .await;
            assert!(failed_with(&retry, "INVALID_TICKET"), "{retry}");
        }
        // A ticket whose strength the service does not accept is refused even when the request
        // asks for nothing (the service's list is the widest the request can be).
        let t = minted(&app, LOW, PASSWORD_ONLY, Strength::PasswordWebauthn).await;
        refused_and_spent(&app, PASSWORD_ONLY, &t, "", "INVALID_STRENGTH").await;
    })
    .await;
}

#[tokio::test]
async fn stronger_tickets_satisfy_the_requests_they_meet() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        signed_in(&app, LOW).await;
        for extra in [
            "",
            "&acceptStrengths=PASSWORD_WEBAUTHN",
            "&acceptStrengths=PASSWORD_MOBILE_APP,PASSWORD_WEBAUTHN",
            "&authenticationLevel=BASIC",
            "&authenticationLevel=MEDIUM",
        ] {
            let t = minted(&app, LOW, APP, Strength::PasswordWebauthn).await;
            let body = app.cas_validate("serviceValidate", APP, &t, extra).await;
            assert!(succeeded(&body), "{extra}: {body}");
            assert!(
                body.contains("<cas:strength>PASSWORD_WEBAUTHN</cas:strength>"),
                "{body}"
            );
        }
        for extra in [
            "&acceptStrengths=PASSWORD",
            "&acceptStrengths=PASSWORD_TOKEN",
        ] {
            let t = minted(&app, LOW, APP, Strength::PasswordWebauthn).await;
            refused_and_spent(&app, APP, &t, extra, "INVALID_STRENGTH").await;
        }
        let t = minted(&app, LOW, APP, Strength::PasswordWebauthn).await;
        let code = "INSUFFICIENT_AUTHENTICATION_LEVEL";
        refused_and_spent(&app, APP, &t, "&authenticationLevel=HIGH", code).await;
        // STRONG_TOKEN, the deprecated name of PASSWORD_TOKEN.
        let t = minted(&app, LOW, APP, Strength::PasswordToken).await;
        let body = app
            .cas_validate(
                "serviceValidate",
                APP,
                &t,
                "&acceptStrengths=STRONG_TOKEN&authenticationLevel=HIGH",
            )
            .await;
        assert!(succeeded(&body), "{body}");
    })
    .await;
}

#[tokio::test]
async fn malformed_values_are_invalid_requests() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = signed_in(&app, LOW).await;
        for extra in [
            "&acceptStrengths=BOGUS",
            "&acceptStrengths=PASSWORD,BOGUS",
            "&authenticationLevel=EXTREME",
            "&authenticationLevel=PASSWORD",
            "&assuranceLevel=SUPREME",
            "&assuranceLevel=50",
            "&assuranceLevel=BASIC",
            // A malformed value is reported even when another parameter would also fail.
            "&acceptStrengths=PASSWORD_WEBAUTHN&assuranceLevel=SUPREME",
        ] {
            refused_and_spent(&app, APP, &ticket(&b, APP).await, extra, "INVALID_REQUEST").await;
        }
        // The offending value comes back, escaped and shortened.
        let long = format!("<{}>", "X".repeat(500));
        let body = app
            .cas_validate(
                "serviceValidate",
                APP,
                &ticket(&b, APP).await,
                &format!("&acceptStrengths={}", encode(&long)),
            )
            .await;
        assert!(failed_with(&body, "INVALID_REQUEST"), "{body}");
        assert!(body.contains("&lt;XXX"), "{body}");
        assert!(!body.contains(&"X".repeat(100)), "{body}");
    })
    .await;
}

#[tokio::test]
async fn the_assurance_level_parameter() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let low = signed_in(&app, LOW).await;
        for extra in [
            "&assuranceLevel=10",
            "&assuranceLevel=LOW",
            "&assuranceLevel=low",
            // EU Login's 0, no assurance required.
            "&assuranceLevel=0",
            "&assuranceLevel=NO_ASSURANCE",
        ] {
            let body = app
                .cas_validate("serviceValidate", APP, &ticket(&low, APP).await, extra)
                .await;
            assert!(succeeded(&body), "{extra}: {body}");
        }
        for extra in [
            "&assuranceLevel=HIGH",
            "&assuranceLevel=30",
            "&assuranceLevel=MEDIUM",
            "&assuranceLevel=TOP",
        ] {
            refused_and_spent(&app, APP, &ticket(&low, APP).await, extra, "INVALID_USER").await;
        }
        let body = app
            .cas_validate(
                "serviceValidate",
                APP,
                &ticket(&low, APP).await,
                "&assuranceLevel=HIGH",
            )
            .await;
        assert!(
            body.contains("assurance level LOW (10) is below the required HIGH (30)"),
            "{body}"
        );

        let top = signed_in(&app, TOP).await;
        for extra in [
            "&assuranceLevel=40",
            "&assuranceLevel=TOP",
            "&assuranceLevel=HIGH",
        ] {
            let body = app
                .cas_validate("serviceValidate", APP, &ticket(&top, APP).await, extra)
                .await;
            assert!(succeeded(&body), "{extra}: {body}");
            assert!(
                body.contains("<cas:assuranceLevel>40</cas:assuranceLevel>"),
                "{body}"
            );
        }

        // The parameter raises the service's minimum, never lowers it.
        let medium = signed_in(&app, MEDIUM).await;
        let body = app
            .cas_validate(
                "serviceValidate",
                SPONSORED,
                &ticket(&medium, SPONSORED).await,
                "&assuranceLevel=LOW",
            )
            .await;
        assert!(succeeded(&body), "{body}");
        refused_and_spent(
            &app,
            SPONSORED,
            &ticket(&medium, SPONSORED).await,
            "&assuranceLevel=HIGH",
            "INVALID_USER",
        )
        .await;
        // A LOW account's ticket for the MEDIUM service (the login page would not issue one).
        let t = minted(&app, LOW, SPONSORED, Strength::Password).await;
        refused_and_spent(&app, SPONSORED, &t, "&assuranceLevel=LOW", "INVALID_USER").await;
    })
    .await;
}

#[tokio::test]
async fn eu_login_assurance_endpoints() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let users = [
            (LOW, AssuranceLevel::Low),
            (MEDIUM, AssuranceLevel::Medium),
            (HIGH, AssuranceLevel::High),
            (TOP, AssuranceLevel::Top),
        ];
        for (email, level) in users {
            let b = signed_in(&app, email).await;
            for (endpoint, floor) in ENDPOINTS {
                let t = ticket(&b, APP).await;
                let body = app.cas_validate(endpoint, APP, &t, "").await;
                if level >= floor {
                    assert!(succeeded(&body), "{email} at {endpoint}: {body}");
                    // EU Login's response (issue 13), the registered attributes included.
                    assert!(
                        body.contains("xmlns:cas=\"https://ecas.ec.europa.eu/cas/schemas\""),
                        "{body}"
                    );
                    assert!(
                        body.contains(&format!("<cas:email>{email}</cas:email>")),
                        "{body}"
                    );
                    assert!(
                        body.contains(&format!(
                            "<cas:assuranceLevel>{}</cas:assuranceLevel>",
                            level.number()
                        )),
                        "{body}"
                    );
                } else {
                    assert!(
                        failed_with(&body, "INVALID_USER"),
                        "{email} at {endpoint}: {body}"
                    );
                    assert!(body.contains(floor.as_str()), "{body}");
                }
                // Spent either way.
                let retry = app.cas_validate(endpoint, APP, &t, "").await;
                assert!(failed_with(&retry, "INVALID_TICKET"), "{retry}");
            }
        }

        let low = signed_in(&app, LOW).await;
        let top = signed_in(&app, TOP).await;
        // The request's own parameters apply there too.
        let body = app
            .cas_validate(
                "laxValidate",
                APP,
                &ticket(&low, APP).await,
                "&assuranceLevel=TOP",
            )
            .await;
        assert!(failed_with(&body, "INVALID_USER"), "{body}");
        let body = app
            .cas_validate(
                "strictValidate",
                APP,
                &ticket(&top, APP).await,
                "&acceptStrengths=PASSWORD_WEBAUTHN",
            )
            .await;
        assert!(failed_with(&body, "INVALID_STRENGTH"), "{body}");
        // ... and the other CAS rules: the service must match.
        let body = app
            .cas_validate(
                "strictValidate",
                "http://127.0.0.1:9/app/other",
                &ticket(&top, APP).await,
                "",
            )
            .await;
        assert!(failed_with(&body, "INVALID_SERVICE"), "{body}");

        // JSON, as at /serviceValidate.
        let response = reqwest::get(format!(
            "{}/cas/strictValidate?service={}&ticket={}&format=json",
            app.base,
            encode(APP),
            encode(&ticket(&top, APP).await)
        ))
        .await
        .unwrap();
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "application/json"
        );
        let json: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        let success = &json["serviceResponse"]["authenticationSuccess"];
        // EU Login's JSON form: details directly under authenticationSuccess.
        assert_eq!(success["email"], TOP, "{json}");
        assert_eq!(success["assuranceLevel"], 40, "{json}");
        let json: serde_json::Value = serde_json::from_str(
            &app.cas_validate(
                "strictValidate",
                APP,
                &ticket(&low, APP).await,
                "&format=json",
            )
            .await,
        )
        .unwrap();
        assert_eq!(
            json["serviceResponse"]["authenticationFailure"]["code"], "INVALID_USER",
            "{json}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_invalid_strength_failure_in_json() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let b = signed_in(&app, LOW).await;
        let t = ticket(&b, APP).await;
        let response = reqwest::get(format!(
            "{}/cas/p3/serviceValidate?service={}&ticket={}&{}",
            app.base,
            encode(APP),
            encode(&t),
            "format=JSON&acceptStrengths=PASSWORD_WEBAUTHN"
        ))
        .await
        .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "application/json"
        );
        let json: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        let failure = &json["serviceResponse"]["authenticationFailure"];
        assert_eq!(failure["code"], "INVALID_STRENGTH", "{json}");
        let description = failure["description"].as_str().expect("description");
        assert!(description.contains("PASSWORD "), "{description}");
        assert!(description.contains("PASSWORD_WEBAUTHN"), "{description}");
        assert!(
            json["serviceResponse"]
                .get("authenticationSuccess")
                .is_none()
        );
        let retry = app
            .cas_validate("p3/serviceValidate", APP, &t, "&format=json")
            .await;
        assert!(retry.contains("\"code\":\"INVALID_TICKET\""), "{retry}");
    })
    .await;
}
