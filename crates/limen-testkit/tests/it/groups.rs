//! Groups (issue 13 item 5) as users and clients see them: My account lists the account's
//! groups; the OpenID Connect `groups` claim goes only to clients registered with the `groups`
//! scope that ask for it. (The command line is tested in limen-server/tests/cli.rs, the store in
//! limen-store/src/groups.rs.)

use crate::oidc::{
    CB, EMAIL, authorize_path, code_via_login, exchange, token_request, tokens, userinfo, verify,
};
use limen_core::GroupName;
use limen_testkit::*;
use serde_json::{Value, json};

async fn put_in(app: &TestApp, account_id: i64, groups: &[&str]) {
    for g in groups {
        let name = GroupName::parse(g).expect("group name");
        if app.store.group(&name).await.unwrap().is_none() {
            app.store
                .create_group(&name, None, app.clock_now())
                .await
                .unwrap();
        }
        app.store
            .add_group_member(&name, account_id, app.clock_now())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn my_account_lists_the_groups() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user(EMAIL, Some("Jane"), "Doe").await;
        let bob = app.add_user("bob@example.org", None, "Roe").await;
        let b = app.browser();
        assert_eq!(b.login(None, EMAIL, PASSWORD).await.status, 200);

        let page = b.get("/account").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("Your groups"), "{}", page.body);
        assert!(page.contains("You do not belong to any group."));

        put_in(&app, jane.id, &["Staff", "<b>R&D</b>", "DIGIT-A3"]).await;
        put_in(&app, bob.id, &["Bob's only"]).await;
        let page = b.get("/account").await;
        assert_eq!(page.status, 200);
        assert!(!page.contains("You do not belong to any group."));
        assert!(page.contains("Some services are told which of these groups you belong to."));
        // Sorted by name, escaped, and only Jane's.
        let items: Vec<&str> = page
            .body
            .split("<li>")
            .skip(1)
            .filter_map(|s| s.split("</li>").next())
            .filter(|s| !s.contains("<a "))
            .collect();
        assert_eq!(
            items,
            ["&#60;b&#62;R&#38;D&#60;/b&#62;", "DIGIT-A3", "Staff"],
            "{}",
            page.body
        );
        assert!(!page.contains("<b>R&D</b>"));
        assert!(!page.contains("Bob"));

        // In French too.
        let fr = Browser::with_language(app.base.as_str(), Some("fr"));
        assert_eq!(fr.login(None, EMAIL, PASSWORD).await.status, 200);
        let page = fr.get("/account").await;
        assert!(page.contains("Vos groupes"), "{}", page.body);
        assert!(page.contains("<li>DIGIT-A3</li>"));
        let none = Browser::with_language(app.base.as_str(), Some("fr"));
        assert_eq!(
            none.login(None, "bob@example.org", PASSWORD).await.status,
            200
        );
        app.store
            .remove_group_member(&GroupName::parse("Bob's only").unwrap(), bob.id)
            .await
            .unwrap();
        let page = none.get("/account").await;
        assert!(
            page.contains("Vous n&#39;êtes membre d&#39;aucun groupe."),
            "{}",
            page.body
        );
    })
    .await;
}

/// The `groups` claim: in the ID token and userinfo when the client is registered with the
/// scope and asked for it; never otherwise. Userinfo reads the groups when it answers.
#[tokio::test]
async fn the_groups_claim_needs_the_scope_registered_and_asked() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user(EMAIL, Some("Jane"), "Doe").await;
        put_in(&app, jane.id, &["Staff", "DIGIT-A3"]).await;
        let (_, allowed) = app
            .add_oidc_client("allowed", CB, |_, c| c.scopes.push("groups".into()))
            .await;
        let (_, plain) = app.add_oidc_client("plain", CB, |_, _| {}).await;
        let disco: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for list in ["scopes_supported", "claims_supported"] {
            assert!(
                disco[list].as_array().unwrap().contains(&json!("groups")),
                "{list}: {disco}"
            );
        }

        let b = app.browser();
        let grant = |client: &'static str, secret: String, scope: &'static str| {
            let (app, b) = (&app, &b);
            async move {
                let code = code_via_login(b, &authorize_path(client, &[("scope", scope)])).await;
                let (status, body) = exchange(app, (client, &secret), &code, None).await;
                assert_eq!(status, 200, "{body}");
                let t = tokens(&body);
                let id = verify(app, &t.id, client).await.expect("a valid ID token");
                let (status, info) = userinfo(app, &t.access).await;
                assert_eq!(status, 200, "{info}");
                (body, t, id, info)
            }
        };

        // Registered and asked: both carry the names, sorted.
        let (body, t, id, info) = grant("allowed", allowed.clone(), "openid email groups").await;
        assert_eq!(body["scope"], "openid email groups");
        assert_eq!(id["groups"], json!(["DIGIT-A3", "Staff"]));
        assert_eq!(info["groups"], json!(["DIGIT-A3", "Staff"]));
        assert_eq!(info["email"], EMAIL);
        // Read when asked: a membership removed since is gone from userinfo.
        app.store
            .remove_group_member(&GroupName::parse("Staff").unwrap(), jane.id)
            .await
            .unwrap();
        assert_eq!(
            userinfo(&app, &t.access).await.1["groups"],
            json!(["DIGIT-A3"])
        );
        // A refresh that narrows the scope drops the claim.
        let (status, body, _) = token_request(
            &app,
            Some(("allowed", &allowed)),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &t.refresh),
                ("scope", "openid email"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let narrowed = verify(&app, tokens(&body).id.as_str(), "allowed")
            .await
            .unwrap();
        assert!(narrowed.get("groups").is_none(), "{narrowed}");

        // Registered, not asked: no claim.
        let (_, _, id, info) = grant("allowed", allowed.clone(), "openid email").await;
        assert!(id.get("groups").is_none(), "{id}");
        assert!(info.get("groups").is_none(), "{info}");

        // Asked, not registered: the scope is not granted, and no claim.
        let (body, _, id, info) = grant("plain", plain.clone(), "openid email groups").await;
        assert_eq!(body["scope"], "openid email");
        assert!(id.get("groups").is_none(), "{id}");
        assert!(info.get("groups").is_none(), "{info}");

        // An account in no group gets an empty list, not a missing claim.
        app.store
            .remove_group_member(&GroupName::parse("DIGIT-A3").unwrap(), jane.id)
            .await
            .unwrap();
        let (_, _, id, info) = grant("allowed", allowed.clone(), "openid groups").await;
        assert_eq!(id["groups"], json!([]));
        assert_eq!(info["groups"], json!([]));
    })
    .await;
}

/// A client that asks for consent names the groups among what it asks to see.
#[tokio::test]
async fn the_consent_page_names_the_groups_scope() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, None, "Doe").await;
        app.add_oidc_client("asks", CB, |_, c| {
            c.consent = true;
            c.scopes.push("groups".into());
        })
        .await;
        let b = app.browser();
        let first = b
            .get(&authorize_path("asks", &[("scope", "openid groups")]))
            .await;
        let next = first.location.clone().expect("to the login page");
        let page = b.login_at(&next, EMAIL, PASSWORD).await;
        assert_eq!(page.status, 200, "the consent page: {}", page.body);
        assert!(page.contains("id=\"consent-scopes\""));
        assert!(
            page.contains("see the groups you belong to"),
            "{}",
            page.body
        );
    })
    .await;
}
