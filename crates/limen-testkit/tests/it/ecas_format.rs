//! EU Login's response format (issue 13, items 3 and 4): its endpoints always answer in its
//! namespace; `/serviceValidate` does for services registered for it and keeps CAS 3.0 for the
//! others; `userDetails`, `groups`, `ticketTypes` and the failure codes. The schema validation of
//! these documents is done by the interop suite (tests/interop/test_eulogin_client.py, xmllint);
//! here the rules that decide what goes in.

use limen_core::GroupName;
use limen_core::service::CasResponseFormat;
use limen_testkit::*;

const STD: &str = "http://127.0.0.1:9/std/";
const EC: &str = "http://127.0.0.1:9/ec/";
const NARROW: &str = "http://127.0.0.1:9/narrow/";
const NS: &str = "xmlns:cas=\"https://ecas.ec.europa.eu/cas/schemas\"";

/// A standard service (default attributes), an EU Login one (its defaults: every detail and the
/// groups), an EU Login one releasing only `uid`; Jane in groups B-team and A-team, and a group
/// she is not in.
async fn setup(app: &TestApp) -> Browser {
    app.add_service("Standard", "http://127.0.0.1:9/std/*", |_| {})
        .await;
    let ec = app
        .add_service("EC", "http://127.0.0.1:9/ec/*", |s| {
            s.released_attributes = limen_core::service::ECAS_DEFAULT_ATTRIBUTES
                .iter()
                .map(|a| (*a).to_owned())
                .collect();
        })
        .await;
    let narrow = app
        .add_service("Narrow", "http://127.0.0.1:9/narrow/*", |s| {
            s.released_attributes = vec!["uid".into()];
        })
        .await;
    for s in [ec.id, narrow.id] {
        app.store
            .set_service_response_format(s, CasResponseFormat::Ecas)
            .await
            .unwrap();
    }
    let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;
    let now = app.clock_now();
    for g in ["B-team", "A-team", "Other"] {
        let name = GroupName::parse(g).unwrap();
        app.store.create_group(&name, None, now).await.unwrap();
        if g != "Other" {
            app.store
                .add_group_member(&name, jane.id, now)
                .await
                .unwrap();
        }
    }
    let b = app.browser();
    assert_eq!(
        b.login(None, "jane@example.org", PASSWORD).await.status,
        200
    );
    b
}

async fn ticket(b: &Browser, service: &str) -> String {
    let page = b
        .get(&format!("/cas/login?service={}", encode(service)))
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    page.ticket().expect("ticket")
}

fn order(body: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        let found = body[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order in {body}"));
        at += found + part.len();
    }
}

#[tokio::test]
async fn eu_login_endpoints_answer_in_its_namespace_and_order() {
    each_backend(|_| {}, |app| async move {
        let b = setup(&app).await;
        for endpoint in ["laxValidate", "TicketValidationService"] {
            let body = app
                .cas_validate(endpoint, EC, &ticket(&b, EC).await, "&userDetails=true")
                .await;
            assert!(body.starts_with(&format!("<cas:serviceResponse {NS} server=\"Limen ")), "{body}");
            assert!(body.contains(" version=\"4.5\""), "{body}");
            order(
                &body,
                &[
                    "<cas:authenticationSuccess><cas:user>n",
                    "<cas:email>jane@example.org</cas:email>",
                    "<cas:employeeType>e</cas:employeeType>",
                    "<cas:firstName>Jane</cas:firstName>",
                    "<cas:lastName>Doe</cas:lastName>",
                    "<cas:domain>external</cas:domain>",
                    "<cas:locale>en</cas:locale>",
                    "<cas:assuranceLevel>10</cas:assuranceLevel>",
                    "<cas:uid>n",
                    "<cas:groups number=\"2\"><cas:group>A-team</cas:group><cas:group>B-team</cas:group></cas:groups>",
                    "<cas:authenticationLevel>BASIC</cas:authenticationLevel>",
                    "<cas:strengths number=\"1\"><cas:strength>PASSWORD</cas:strength></cas:strengths>",
                    "<cas:authenticationFactors number=\"1\"><cas:moniker>jane@example.org</cas:moniker></cas:authenticationFactors>",
                    "<cas:loginDate>",
                    // The ticket came from the SSO session of the login above.
                    "<cas:sso>true</cas:sso>",
                    "<cas:ticketType>SERVICE</cas:ticketType>",
                ],
            );
            assert!(!body.contains("cas:attributes") && !body.contains("yale.edu"), "{body}");
        }
        // JSON mirrors it.
        let body = app
            .cas_validate("laxValidate", EC, &ticket(&b, EC).await, "&format=JSON&groups=*")
            .await;
        let v: serde_json::Value = serde_json::from_str(&body).expect(&body);
        let ok = &v["serviceResponse"]["authenticationSuccess"];
        assert_eq!(ok["email"], "jane@example.org", "{body}");
        assert_eq!(ok["groups"]["number"], 2);
        assert_eq!(ok["groups"]["group"], serde_json::json!(["A-team", "B-team"]));
        assert_eq!(ok["strengths"]["strength"][0], "PASSWORD");
        assert_eq!(ok["sso"], true);
        assert!(v["serviceResponse"]["date"].is_string());
    })
    .await;
}

#[tokio::test]
async fn service_validate_follows_the_registration() {
    each_backend(
        |_| {},
        |app| async move {
            let b = setup(&app).await;
            let body = app
                .cas_validate("serviceValidate", EC, &ticket(&b, EC).await, "")
                .await;
            assert!(
                body.contains(NS) && body.contains("<cas:strengths number=\"1\">"),
                "{body}"
            );
            let body = app
                .cas_validate("p3/serviceValidate", STD, &ticket(&b, STD).await, "")
                .await;
            assert!(
                body.contains("http://www.yale.edu/tp/cas") && body.contains("<cas:attributes>"),
                "{body}"
            );
            // A refusal follows the service named too, even without a ticket row.
            let body = app
                .cas_validate("serviceValidate", EC, "ST-unknown", "")
                .await;
            assert!(
                body.contains(NS) && body.contains("code=\"INVALID_TICKET\""),
                "{body}"
            );
            let body = app
                .cas_validate("serviceValidate", STD, "ST-unknown", "")
                .await;
            assert!(
                body.contains("yale.edu") && body.contains("code=\"INVALID_TICKET\""),
                "{body}"
            );
            // The standard service at an EU Login endpoint: EU Login's format, its registered
            // attributes only (the defaults have no groups), userDetails cannot widen them.
            let body = app
                .cas_validate(
                    "laxValidate",
                    STD,
                    &ticket(&b, STD).await,
                    "&userDetails=true&groups=*",
                )
                .await;
            assert!(body.contains(NS) && body.contains("<cas:email>"), "{body}");
            assert!(
                !body.contains("cas:groups") && !body.contains("cas:employeeType"),
                "{body}"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn details_and_groups_are_what_the_service_may_have() {
    each_backend(
        |_| {},
        |app| async move {
            let b = setup(&app).await;
            // Only uid registered: without userDetails, user and uid; groups not released at all.
            let body = app
                .cas_validate(
                    "laxValidate",
                    NARROW,
                    &ticket(&b, NARROW).await,
                    "&groups=*",
                )
                .await;
            assert!(
                body.contains("<cas:uid>") && !body.contains("<cas:email>"),
                "{body}"
            );
            assert!(!body.contains("cas:groups"), "{body}");
            // An EU Login service asking userDetails gets the full set (EU Login's clients do).
            let body = app
                .cas_validate(
                    "laxValidate",
                    NARROW,
                    &ticket(&b, NARROW).await,
                    "&userDetails=true",
                )
                .await;
            assert!(
                body.contains("<cas:email>") && body.contains("<cas:domain>"),
                "{body}"
            );
            // groups=NAME: only the account's among those named; an unknown or foreign group is
            // not revealed.
            let body = app
                .cas_validate(
                    "laxValidate",
                    EC,
                    &ticket(&b, EC).await,
                    "&groups=B-team,Other,Nope",
                )
                .await;
            assert!(
                body.contains(
                    "<cas:groups number=\"1\"><cas:group>B-team</cas:group></cas:groups>"
                ),
                "{body}"
            );
            let body = app
                .cas_validate("laxValidate", EC, &ticket(&b, EC).await, "&groups=Other")
                .await;
            assert!(
                body.contains("<cas:groups number=\"0\"></cas:groups>"),
                "{body}"
            );
            // Names are compared in Unicode NFC, as stored: a decomposed É names the group.
        let equipe = GroupName::parse("\u{c9}quipe").unwrap();
        let now = app.clock_now();
        app.store.create_group(&equipe, None, now).await.unwrap();
        let jane = app
            .store
            .account_by_email(&limen_core::Email::parse("jane@example.org").unwrap())
            .await
            .unwrap()
            .unwrap();
        app.store
            .add_group_member(&equipe, jane.id, now)
            .await
            .unwrap();
        let body = app
            .cas_validate("laxValidate", EC, &ticket(&b, EC).await, "&groups=E%CC%81quipe")
            .await;
        assert!(
            body.contains("<cas:groups number=\"1\"><cas:group>\u{c9}quipe</cas:group>"),
            "{body}"
        );
        // Standard CAS 3.0: groups are a multi-valued attribute for services given them.
            app.add_service("Std groups", "http://127.0.0.1:9/stdg/*", |s| {
                s.released_attributes = vec!["uid".into(), "groups".into()];
            })
            .await;
            let stdg = "http://127.0.0.1:9/stdg/";
            let body = app
                .cas_validate("p3/serviceValidate", stdg, &ticket(&b, stdg).await, "")
                .await;
            assert!(
                body.contains("<cas:groups>A-team</cas:groups><cas:groups>B-team</cas:groups><cas:groups>\u{c9}quipe</cas:groups>"),
                "{body}"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn ticket_types_and_failure_codes() {
    each_backend(
        |_| {},
        |app| async move {
            let b = setup(&app).await;
            // Unknown ticket type: INVALID_REQUEST, and the ticket is spent.
            let t = ticket(&b, EC).await;
            let body = app
                .cas_validate("laxValidate", EC, &t, "&ticketTypes=DESKTOPX")
                .await;
            assert!(body.contains("code=\"INVALID_REQUEST\""), "{body}");
            let again = app.cas_validate("laxValidate", EC, &t, "").await;
            assert!(again.contains("code=\"INVALID_TICKET\""), "{again}");
            // ticketTypes=PROXY only: a service ticket is refused, and spent.
            let t = ticket(&b, EC).await;
            let body = app
                .cas_validate("laxValidate", EC, &t, "&ticketTypes=PROXY")
                .await;
            assert!(
                body.contains("code=\"INVALID_TICKET\"") && body.contains("ticketTypes=PROXY"),
                "{body}"
            );
            assert!(
                app.cas_validate("laxValidate", EC, &t, "")
                    .await
                    .contains("INVALID_TICKET")
            );
            // A proxy-ticket-looking value at an EU Login endpoint without PROXY: INVALID_TICKET
            // (EU Login has no INVALID_TICKET_SPEC).
            let body = app
                .cas_validate("laxValidate", EC, &format!("PT-{}", "a".repeat(43)), "")
                .await;
            assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");
            // Levels and assurance.
            let body = app
                .cas_validate(
                    "laxValidate",
                    EC,
                    &ticket(&b, EC).await,
                    "&authenticationLevel=HIGH",
                )
                .await;
            assert!(
                body.contains("code=\"INSUFFICIENT_AUTHENTICATION_LEVEL\""),
                "{body}"
            );
            let body = app
                .cas_validate(
                    "laxValidate",
                    EC,
                    &ticket(&b, EC).await,
                    "&assuranceLevel=TOP",
                )
                .await;
            assert!(body.contains("code=\"INVALID_USER\""), "{body}");
            let body = app
                .cas_validate("strictValidate", EC, &ticket(&b, EC).await, "")
                .await;
            assert!(
                body.contains(NS) && body.contains("code=\"INVALID_USER\""),
                "{body}"
            );
            let body = app
                .cas_validate(
                    "laxValidate",
                    EC,
                    &ticket(&b, EC).await,
                    "&acceptStrengths=PASSWORD_SMS",
                )
                .await;
            assert!(body.contains("code=\"INVALID_STRENGTH\""), "{body}");
            // A ticket for another service.
            let body = app
                .cas_validate("laxValidate", STD, &ticket(&b, EC).await, "")
                .await;
            assert!(body.contains("code=\"INVALID_SERVICE\""), "{body}");
            // A bad format is refused in XML, in EU Login's namespace at its endpoints.
            let body = app
                .cas_validate("laxValidate", EC, &ticket(&b, EC).await, "&format=YAML")
                .await;
            assert!(
                body.contains(NS) && body.contains("code=\"INVALID_REQUEST\""),
                "{body}"
            );
        },
    )
    .await;
}

/// Some published EU Login clients POST the validation parameters, and spell `acceptStrengths`
/// `acceptedStrengths`: both are read; a parameter in both the query and the body is refused.
#[tokio::test]
async fn validation_parameters_may_be_posted() {
    each_backend(
        |_| {},
        |app| async move {
            let b = setup(&app).await;
            let client = reqwest::Client::new();
            let post = |query: String, body: String| {
                let client = client.clone();
                let url = app.url(&format!("/cas/laxValidate{query}"));
                async move {
                    client
                        .post(url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await
                        .unwrap()
                        .text()
                        .await
                        .unwrap()
                }
            };
            let t = ticket(&b, EC).await;
            let body = post(
                String::new(),
                format!("service={}&ticket={t}&groups=A-team", encode(EC)),
            )
            .await;
            assert!(body.contains("<cas:group>A-team</cas:group>"), "{body}");
            let t = ticket(&b, EC).await;
            let body = post(
                format!("?service={}", encode(EC)),
                format!("ticket={t}&acceptedStrengths=PASSWORD_SMS"),
            )
            .await;
            assert!(body.contains("code=\"INVALID_STRENGTH\""), "{body}");
            let t = ticket(&b, EC).await;
            let body = post(
                format!("?service={}&ticket={t}", encode(EC)),
                format!("service={}", encode(EC)),
            )
            .await;
            assert!(
                body.contains("code=\"INVALID_REQUEST\"") && body.contains("&apos;service&apos;"),
                "{body}"
            );
            // Spent all the same.
            let again = app.cas_validate("laxValidate", EC, &t, "").await;
            assert!(again.contains("code=\"INVALID_TICKET\""), "{again}");
        },
    )
    .await;
}
