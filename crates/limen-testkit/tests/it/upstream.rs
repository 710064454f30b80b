//! Issue 19: signing in through an upstream OpenID Connect provider (a test provider on
//! loopback, `limen_testkit::oidc_op`), and the linking rules of docs/FEDERATION.md §2: an
//! upstream identity reaches an account only through a link made after proving the account;
//! an e-mail address alone never links nor signs in; a new ("virtual") account starts active
//! only with an address the upstream vouched for; links are listed, added and removed in My
//! account with the step-up of any factor, never the last way in; PANIC removes them.

use crate::plugin_factor::{answer, challenge_of, enrol};
use limen_core::Strength;
use limen_store::testdb::test_databases;
use limen_testkit::factor::CodeFactor;
use limen_testkit::oidc_op::{OpUser, TestOp};
use limen_testkit::{Browser, PASSWORD, Page, TestApp, encode};
use std::sync::Arc;

const SOCIAL_APP: &str = "https://social.example.org/app";
const STRONG_APP: &str = "https://strong.example.org/app";
const JANE: &str = "jane@example.org";

struct Fixture {
    app: TestApp,
    op: TestOp,
    factor: Arc<CodeFactor>,
}

async fn start() -> Vec<Fixture> {
    let mut out = Vec::new();
    for db in test_databases().await {
        let op = TestOp::start("limen", "op-secret").await;
        let provider = op.provider("testop", "Test OP");
        let factor = Arc::new(CodeFactor::default());
        let app = TestApp::start_with_factors(
            db,
            move |c| c.upstreams = vec![provider],
            vec![factor.clone()],
        )
        .await;
        app.add_service("Social app", "https://social.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::Password, Strength::SocialNetworks];
            s.released_attributes.push("employeeType".into());
        })
        .await;
        app.add_service("Strong app", "https://strong.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordToken];
        })
        .await;
        out.push(Fixture { app, op, factor });
    }
    out
}

fn login_path(service: &str) -> String {
    format!("/cas/login?service={}", encode(service))
}

/// From a page showing the upstream's button: the start form, the provider (which signs in
/// whoever the test set), and the callback; returns Limen's answer to the callback.
async fn through_upstream(b: &Browser, page: &Page) -> Page {
    assert!(
        page.body.contains("/upstream/testop/start"),
        "no upstream button: {}",
        page.body
    );
    let target = page.input_value("target").expect("the login to continue");
    let to_op = b
        .post(
            "/upstream/testop/start",
            &[
                ("csrf_token", page.csrf().as_str()),
                ("purpose", "login"),
                ("target", target.as_str()),
            ],
        )
        .await;
    follow_provider(b, to_op).await
}

/// The redirect to the provider, the provider's redirect back, and Limen's answer.
async fn follow_provider(b: &Browser, to_op: Page) -> Page {
    assert_eq!(to_op.status, 303, "to the provider: {}", to_op.body);
    let authorize = to_op.location.expect("authorization URL");
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    assert!(authorize.contains("nonce="), "{authorize}");
    let back = b.get(&authorize).await;
    assert_eq!(back.status, 303, "the provider's answer: {}", back.body);
    b.get(&back.location.expect("callback URL")).await
}

/// My account's "Link" button for the test provider, from the page `page` (its CSRF token).
async fn link_from_account(b: &Browser, page: &Page) -> Page {
    b.post(
        "/upstream/testop/start",
        &[
            ("csrf_token", page.csrf().as_str()),
            ("purpose", "link"),
            ("target", "/account/eids"),
        ],
    )
    .await
}

/// "Sign in to link it" on the choice page.
async fn sign_in_to_link(b: &Browser, choice: &Page) -> Page {
    b.post(
        "/upstream/link",
        &[
            ("csrf_token", choice.csrf().as_str()),
            ("tx", choice.input_value("tx").unwrap().as_str()),
            ("target", choice.input_value("target").unwrap().as_str()),
        ],
    )
    .await
}

async fn ticket_user(app: &TestApp, page: &Page, service: &str) -> String {
    assert_eq!(
        page.status, 303,
        "expected the service's ticket: {}",
        page.body
    );
    let ticket = page.ticket().expect("a ticket");
    let body = app
        .cas_validate("p3/serviceValidate", service, &ticket, "")
        .await;
    assert!(
        body.contains("<cas:strength>SOCIAL_NETWORKS</cas:strength>"),
        "{body}"
    );
    let start = body.find("<cas:user>").expect("a user") + "<cas:user>".len();
    let end = body[start..].find('<').unwrap() + start;
    body[start..end].to_owned()
}

/// "Create a new account" on the choice page, with the proposed values unless given.
async fn create(b: &Browser, choice: &Page, email: Option<&str>) -> Page {
    let email = email
        .map(str::to_owned)
        .or_else(|| choice.input_value("email"))
        .unwrap_or_default();
    b.post(
        "/upstream/create",
        &[
            ("csrf_token", choice.csrf().as_str()),
            ("tx", choice.input_value("tx").unwrap().as_str()),
            ("target", choice.input_value("target").unwrap().as_str()),
            ("first_name", "Upstream"),
            ("last_name", "User"),
            ("email", email.as_str()),
        ],
    )
    .await
}

#[tokio::test]
async fn a_new_user_signs_in_with_the_upstream_and_gets_a_virtual_account() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        op.sign_in_next(OpUser::new("u-1", "newcomer@example.net"));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        assert_eq!(choice.status, 200, "{}", choice.body);
        assert!(
            choice.body.contains("upstream-create-form"),
            "{}",
            choice.body
        );
        assert_eq!(
            choice.input_value("email").as_deref(),
            Some("newcomer@example.net")
        );
        // Not signed in yet.
        assert_eq!(b.get("/account").await.status, 303);
        let done = create(&b, &choice, None).await;
        let uid = ticket_user(app, &done, SOCIAL_APP).await;
        let account = app.store.account_by_uid(&uid).await.unwrap().unwrap();
        assert_eq!(account.email.as_str(), "newcomer@example.net");
        assert!(account.password_hash.is_none());
        // EU Login's format calls it virtual.
        let again = b.get(&login_path(SOCIAL_APP)).await;
        let ticket = again.ticket().expect("the session is signed in");
        let ecas = app
            .cas_validate("laxValidate", SOCIAL_APP, &ticket, "")
            .await;
        assert!(
            ecas.contains("<cas:employeeType>v</cas:employeeType>"),
            "{ecas}"
        );
        // A new browser: the link signs the same account in at once.
        let b2 = app.browser();
        let first = b2.get(&login_path(SOCIAL_APP)).await;
        let direct = through_upstream(&b2, &first).await;
        assert_eq!(ticket_user(app, &direct, SOCIAL_APP).await, uid);
        // The choice page's transaction was used: posting it again finds nothing.
        let replay = create(&b, &choice, None).await;
        assert_eq!(replay.status, 400, "{}", replay.body);
    }
}

#[tokio::test]
async fn an_upstream_claiming_an_existing_accounts_address_does_not_get_in() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        let jane = app.add_user(JANE, Some("Jane"), "Doe").await;
        // A verified address, even: it links nothing.
        op.sign_in_next(OpUser::new("attacker", JANE));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        assert_eq!(choice.status, 200, "{}", choice.body);
        assert!(choice.body.contains("upstream-create-form"));
        assert_eq!(b.get("/account").await.status, 303, "not signed in");
        // "Create" with that address: the page every new address gets, and a mail to Jane.
        let done = create(&b, &choice, None).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains("Check your mailbox"), "{}", done.body);
        assert_eq!(b.get("/account").await.status, 303, "still not signed in");
        let mail = app.mail_to(JANE, 1).await;
        assert!(
            mail[0].text().contains("tried to create an account"),
            "{}",
            mail[0].text()
        );
        assert!(
            app.store
                .upstream_links_of(jane.id)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn an_identity_is_linked_only_after_the_account_is_proven_with_its_second_factor() {
    for f in start().await {
        let (app, op, factor) = (&f.app, &f.op, &f.factor);
        let jane = app.add_user(JANE, Some("Jane"), "Doe").await;
        enrol(app, &app.browser(), "Office token").await;
        op.sign_in_next(OpUser::new("jane-at-op", "jane.other@example.net"));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        let to_login = sign_in_to_link(&b, &choice).await;
        assert_eq!(to_login.status, 303, "{}", to_login.body);
        let login = to_login.location.unwrap();
        assert!(login.contains("renew=1"), "{login}");
        // The password alone proves too little for an account with a token.
        let signed = b.login_at(&login, JANE, PASSWORD).await;
        assert_eq!(signed.status, 303, "{}", signed.body);
        let finish = b.get(&signed.location.unwrap()).await;
        assert_eq!(finish.status, 303, "{}", finish.body);
        let step_up = finish.location.unwrap();
        // A token is a HIGH factor: adding or removing a way in needs one as strong.
        assert!(step_up.contains("authenticationLevel=HIGH"), "{step_up}");
        assert!(
            app.store
                .upstream_links_of(jane.id)
                .await
                .unwrap()
                .is_empty()
        );
        // The token too: then the link is made, to this account.
        let page = b.get(&step_up).await;
        let to_factor = b
            .post(
                &page.form_action(),
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_TOKEN"),
                    ("email", JANE),
                ],
            )
            .await;
        assert_eq!(to_factor.status, 200, "{}", to_factor.body);
        let secret = factor.secret(jane.id, "Office token").unwrap();
        let code = CodeFactor::response(&secret, &challenge_of(&to_factor));
        let proven = answer(&b, &to_factor, &code).await;
        assert_eq!(proven.status, 303, "{}", proven.body);
        let linked = b.get(&proven.location.unwrap()).await;
        assert_eq!(linked.status, 200, "{}", linked.body);
        assert!(linked.contains("Account linked"), "{}", linked.body);
        let links = app.store.upstream_links_of(jane.id).await.unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].subject, "jane-at-op");
        // Jane is told (after the token's own e-mail).
        let mail = app.mail_to(JANE, 2).await;
        assert!(mail.iter().any(|m| m.text().contains("testop")));
        // From now on the upstream signs Jane in — with a BASIC proof only.
        op.sign_in_next(OpUser::new("jane-at-op", "jane.other@example.net"));
        let b2 = app.browser();
        let first = b2.get(&login_path(SOCIAL_APP)).await;
        let direct = through_upstream(&b2, &first).await;
        assert_eq!(ticket_user(app, &direct, SOCIAL_APP).await, jane.uid);
        // A social network proof never satisfies a service that needs more: the method page.
        let strong = b2.get(&login_path(STRONG_APP)).await;
        assert_eq!(strong.status, 200, "{}", strong.body);
        assert!(strong.body.contains("PASSWORD_TOKEN"), "{}", strong.body);
        assert!(strong.ticket().is_none());
    }
}

#[tokio::test]
async fn my_account_links_and_unlinks_with_step_up_and_panic_removes_links() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        let jane = app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        let signed = b
            .login_at("/cas/login?next=%2Faccount%2Feids", JANE, PASSWORD)
            .await;
        assert_eq!(signed.status, 303);
        let page = b.get("/account/eids").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("no-links"));
        op.sign_in_next(OpUser::new("jane-2", "jane@op.example"));
        let to_op = link_from_account(&b, &page).await;
        let back = follow_provider(&b, to_op).await;
        assert_eq!(back.status, 303, "{}", back.body);
        assert_eq!(back.location.as_deref(), Some("/account/eids?linked=1"));
        let page = b.get("/account/eids").await;
        assert!(page.body.contains("jane@op.example"), "{}", page.body);
        let link = &app.store.upstream_links_of(jane.id).await.unwrap()[0];
        // The same identity again: already Jane's, nothing added.
        op.sign_in_next(OpUser::new("jane-2", "jane@op.example"));
        let to_op = link_from_account(&b, &page).await;
        follow_provider(&b, to_op).await;
        assert_eq!(app.store.upstream_links_of(jane.id).await.unwrap().len(), 1);
        // Another account cannot take it.
        let john = app.add_user("john@example.org", Some("John"), "Roe").await;
        let bj = app.browser();
        bj.login_at(
            "/cas/login?next=%2Faccount%2Feids",
            "john@example.org",
            PASSWORD,
        )
        .await;
        let pj = bj.get("/account/eids").await;
        op.sign_in_next(OpUser::new("jane-2", "jane@op.example"));
        let to_op = link_from_account(&bj, &pj).await;
        let refused = follow_provider(&bj, to_op).await;
        assert_eq!(refused.status, 409, "{}", refused.body);
        assert!(
            app.store
                .upstream_links_of(john.id)
                .await
                .unwrap()
                .is_empty()
        );
        // Unlink: gone, and Jane is told.
        let removed = b
            .post(
                "/account/eids/remove",
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("id", &link.id.to_string()),
                ],
            )
            .await;
        assert_eq!(removed.status, 303, "{}", removed.body);
        assert!(
            app.store
                .upstream_links_of(jane.id)
                .await
                .unwrap()
                .is_empty()
        );
        // An unknown link id: a clear page, nothing else removed.
        let unknown = b
            .post(
                "/account/eids/remove",
                &[("csrf_token", page.csrf().as_str()), ("id", "nope")],
            )
            .await;
        assert_eq!(unknown.status, 404, "{}", unknown.body);
        // PANIC (the help desk's, the same engine call) removes links with the devices.
        app.store
            .add_upstream_link(
                jane.id,
                "testop",
                "SOCIAL_NETWORKS",
                op.issuer(),
                "x",
                "x",
                app.clock_now(),
            )
            .await
            .unwrap();
        let done = app
            .state
            .authn
            .remove_all_factors(&jane, limen_authn::Actor::Cli, &limen_authn::Client::CLI)
            .await
            .unwrap();
        assert!(
            done.removed.iter().any(|(_, n)| n.contains("testop")),
            "{done:?}"
        );
        assert!(
            app.store
                .upstream_links_of(jane.id)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_virtual_account_keeps_its_last_link_and_an_unvouched_address_waits_for_its_link() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        let mut user = OpUser::new("u-unverified", "unverified@example.net");
        // (Cloned below for each sign-in.)
        user.email_verified = false;
        op.sign_in_next(user.clone());
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        let pending = create(&b, &choice, None).await;
        assert_eq!(pending.status, 200, "{}", pending.body);
        assert!(pending.contains("Check your mailbox"));
        // Not usable before the link: the upstream sign-in says so.
        op.sign_in_next(user.clone());
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let refused = through_upstream(&b, &first).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        let link = app.link_in_mail("unverified@example.net", 1).await;
        let path = link
            .split_once("/upstream/")
            .map(|(_, p)| format!("/upstream/{p}"))
            .unwrap();
        // Someone else following the link (the address's owner, if an attacker made the
        // account with it) activates nothing: it takes the upstream identity the account was
        // made with, signing in in the same browser.
        let owner = app.browser();
        let page = owner.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(
            page.body.contains("/upstream/testop/start"),
            "{}",
            page.body
        );
        op.sign_in_next(OpUser::new("someone-else", "else@example.net"));
        let other = through_upstream(&owner, &page).await;
        assert_eq!(other.status, 200, "the choice page: {}", other.body);
        op.sign_in_next(user.clone());
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let still = through_upstream(&b, &first).await;
        assert_eq!(still.status, 403, "still pending: {}", still.body);
        // The link and the identity in one browser: active, signed in.
        let page = b.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        op.sign_in_next(user);
        let done = through_upstream(&b, &page).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert!(done.contains("Authentication succeeded"), "{}", done.body);
        // Spent.
        assert_eq!(b.get(&path).await.status, 410);
        let done = b.get(&login_path(SOCIAL_APP)).await;
        let uid = ticket_user(app, &done, SOCIAL_APP).await;
        let account = app.store.account_by_uid(&uid).await.unwrap().unwrap();
        // Its only way in cannot be removed.
        let page = b.get("/account/eids").await;
        let link = &app.store.upstream_links_of(account.id).await.unwrap()[0];
        let kept = b
            .post(
                "/account/eids/remove",
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("id", &link.id.to_string()),
                ],
            )
            .await;
        assert_eq!(kept.status, 409, "{}", kept.body);
        assert_eq!(
            app.store.upstream_links_of(account.id).await.unwrap().len(),
            1
        );
    }
}

#[tokio::test]
async fn callbacks_that_do_not_belong_to_this_browser_or_this_login_are_refused() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        op.sign_in_next(OpUser::new("u-9", "nine@example.net"));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let to_op = b
            .post(
                "/upstream/testop/start",
                &[
                    ("csrf_token", first.csrf().as_str()),
                    ("purpose", "login"),
                    ("target", first.input_value("target").unwrap().as_str()),
                ],
            )
            .await;
        let back = b.get(&to_op.location.unwrap()).await;
        let callback = back.location.unwrap();
        // Another browser (login CSRF, session swapping): refused, and the attempt is spent.
        let other = app.browser();
        other.get("/cas/login").await;
        let swapped = other.get(&callback).await;
        assert_eq!(swapped.status, 400, "{}", swapped.body);
        let spent = b.get(&callback).await;
        assert_eq!(spent.status, 400, "{}", spent.body);
        // No state, or an unknown one.
        let path = callback
            .split_once("/upstream/")
            .map(|(_, p)| format!("/upstream/{p}"))
            .unwrap();
        let no_state = b.get(path.split_once("state=").unwrap().0).await;
        assert_eq!(no_state.status, 400);
        // The provider refuses (the user cancelled): a page with the way back.
        op.refuse_with(Some("access_denied"));
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let denied = through_upstream(&b, &first).await;
        assert_eq!(denied.status, 400, "{}", denied.body);
        assert!(
            denied.body.contains("did not sign you in"),
            "{}",
            denied.body
        );
        op.refuse_with(None);
        // An ID token of another login (nonce): refused, nothing created.
        op.wrong_nonce(true);
        op.sign_in_next(OpUser::new("u-10", "ten@example.net"));
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let bad = through_upstream(&b, &first).await;
        assert_eq!(bad.status, 400, "{}", bad.body);
        assert!(bad.body.contains("could not be verified"), "{}", bad.body);
        assert_eq!(b.get("/account").await.status, 303);
        // An unknown upstream, and a forged form.
        let unknown = b
            .post(
                "/upstream/nope/start",
                &[("csrf_token", first.csrf().as_str()), ("purpose", "login")],
            )
            .await;
        assert_eq!(unknown.status, 404, "{}", unknown.body);
        let forged = b
            .post(
                "/upstream/testop/start",
                &[("csrf_token", "x"), ("purpose", "login")],
            )
            .await;
        assert_eq!(forged.status, 403, "{}", forged.body);
    }
}

#[tokio::test]
async fn a_service_that_needs_more_than_a_social_network_shows_no_button() {
    for f in start().await {
        let b = f.app.browser();
        let strong = b.get(&login_path(STRONG_APP)).await;
        assert_eq!(strong.status, 200);
        assert!(
            !strong.body.contains("/upstream/testop/start"),
            "{}",
            strong.body
        );
        let social = b.get(&login_path(SOCIAL_APP)).await;
        assert!(
            social.body.contains("/upstream/testop/start"),
            "{}",
            social.body
        );
        assert_eq!(f.op.authorizations(), 0);
    }
}

/// An eIDAS upstream whose node is not running: its pinned certificate is a fresh key's.
fn eidas_upstream() -> limen_web::upstream::saml::SamlUpstream {
    use base64::Engine as _;
    let keys = limen_saml::SpKeys::generate("test node").unwrap();
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64::engine::general_purpose::STANDARD.encode(&keys.signing_cert_der)
    );
    let path = std::env::temp_dir().join(format!(
        "limen-test-node-{}-{}.pem",
        std::process::id(),
        limen_crypto::random_token(6)
    ));
    std::fs::write(&path, pem).unwrap();
    let entry: limen_web::upstream::saml::SamlEntry = serde_json::from_value(serde_json::json!({
        "id": "eidas", "kind": "saml_eidas", "name": "Test eID",
        "idp_entity_id": "http://127.0.0.1:9/idp/metadata",
        "idp_sso_url": "http://127.0.0.1:9/idp/sso",
        "idp_certificates": [path], "sp_country": "BE",
    }))
    .unwrap();
    limen_web::upstream::saml::SamlUpstream::load(entry).unwrap()
}

#[tokio::test]
async fn an_eidas_node_gets_signed_requests_and_forged_or_unsolicited_responses_are_refused() {
    for db in test_databases().await {
        let node = eidas_upstream();
        let app = TestApp::start(db, move |c| c.saml_upstreams = vec![node]).await;
        app.add_service("Medium app", "https://medium.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::Eidas, Strength::PasswordMobileApp];
        })
        .await;
        let b = app.browser();
        // The SP metadata, signed, naming the ACS.
        let metadata = b.get("/upstream/eidas/metadata").await;
        assert_eq!(metadata.status, 200);
        assert!(
            metadata.body.contains("/upstream/eidas/acs"),
            "{}",
            metadata.body
        );
        assert!(
            metadata.body.contains("<ds:SignatureValue>"),
            "{}",
            metadata.body
        );
        assert_eq!(b.get("/upstream/nope/metadata").await.status, 404);
        // A MEDIUM service shows the eID button; the start is a signed Redirect-binding request.
        let first = b
            .get("/cas/login?service=https%3A%2F%2Fmedium.example.org%2Fapp")
            .await;
        assert!(
            first.body.contains("/upstream/eidas/start"),
            "{}",
            first.body
        );
        let to_node = b
            .post(
                "/upstream/eidas/start",
                &[
                    ("csrf_token", first.csrf().as_str()),
                    ("purpose", "login"),
                    ("target", first.input_value("target").unwrap().as_str()),
                ],
            )
            .await;
        assert_eq!(to_node.status, 303, "{}", to_node.body);
        let url = url::Url::parse(&to_node.location.unwrap()).unwrap();
        assert_eq!(url.path(), "/idp/sso");
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        for k in ["SAMLRequest", "RelayState", "SigAlg", "Signature"] {
            assert!(q.contains_key(k), "{k} missing: {url}");
        }
        // A response the node never signed, for the pending request: refused, audited.
        let forged = b
            .post(
                "/upstream/eidas/acs",
                &[
                    ("SAMLResponse", "PHNhbWxwOlJlc3BvbnNlLz4="),
                    ("RelayState", q["RelayState"].as_str()),
                ],
            )
            .await;
        assert_eq!(forged.status, 400, "{}", forged.body);
        assert!(
            forged.body.contains("could not be verified"),
            "{}",
            forged.body
        );
        // Unsolicited (no pending request named): refused.
        let unsolicited = b
            .post(
                "/upstream/eidas/acs",
                &[
                    ("SAMLResponse", "PHNhbWxwOlJlc3BvbnNlLz4="),
                    ("RelayState", "x"),
                ],
            )
            .await;
        assert_eq!(unsolicited.status, 400, "{}", unsolicited.body);
        // Nobody is signed in.
        assert_eq!(b.get("/account").await.status, 303);
        let audit = app.store.recent_audit(50).await.unwrap();
        assert!(
            audit.iter().any(|e| e.event == "upstream.login.failure"),
            "{audit:?}"
        );
        app.stop().await;
    }
}

/// A browser whose SSO session (made in the store) holds one eID proof, at `level` (`None`:
/// LoA substantial, the strength's own MEDIUM).
async fn eid_session(app: &TestApp, level: Option<limen_core::AuthLevel>) -> (Browser, i64) {
    let account = app
        .add_user(
            &format!("eid-{}@example.org", limen_crypto::random_token(4)),
            None,
            "Eid",
        )
        .await;
    let now = app.clock_now();
    let token = limen_crypto::random_token(32);
    let session = limen_core::SsoSession {
        id: limen_crypto::sha256_hex(token.as_bytes()),
        public_id: limen_crypto::random_token(8),
        account_id: account.id,
        proofs: vec![limen_core::Proof {
            strength: Strength::Eidas,
            at: now,
            device: Some(limen_core::ProofDevice {
                id: "LU/BE/12345".into(),
                kind: "eidas".into(),
                name: "eID (LU)".into(),
                level,
            }),
        }],
        created_at: now,
        last_seen_at: now,
        client_ip: "127.0.0.1".into(),
        user_agent: "limen-testkit".into(),
    };
    app.store
        .create_session(&session, now + time::Duration::hours(8))
        .await
        .unwrap();
    // Each account its own eID (one identity links to one account).
    let subject = format!("LU/BE/{}", account.id);
    app.store
        .add_upstream_link(
            account.id, "eidas", "EIDAS", "node", &subject, "eID (LU)", now,
        )
        .await
        .unwrap()
        .expect("a new link");
    // The cookie header replaces the jar's: it carries the CSRF cookie as well.
    let cookies = format!(
        "limen_sso={token}; limen_csrf={}",
        limen_crypto::random_token(32)
    );
    let b = Browser::with_headers(&app.base, &[("cookie", &cookies)]);
    (b, account.id)
}

#[tokio::test]
async fn an_eid_at_loa_high_proves_high_and_one_at_substantial_is_sent_back_for_high() {
    for db in test_databases().await {
        let node = eidas_upstream();
        let app = TestApp::start(db, move |c| c.saml_upstreams = vec![node]).await;
        app.add_service("eID app", "https://eid.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::Eidas, Strength::PasswordToken];
            s.released_attributes.push("authenticationFactors".into());
        })
        .await;
        let service = "https://eid.example.org/app";
        let high = format!(
            "/cas/login?service={}&authenticationLevel=HIGH",
            encode(service)
        );
        // LoA high: a ticket, which says HIGH and names the eID.
        let (b, _) = eid_session(&app, Some(limen_core::AuthLevel::High)).await;
        let page = b.get(&high).await;
        assert_eq!(page.status, 303, "{}", page.body);
        let ticket = page.ticket().unwrap();
        let ecas = app
            .cas_validate("laxValidate", service, &ticket, "&authenticationLevel=HIGH")
            .await;
        assert!(ecas.contains("<cas:authenticationLevel>HIGH<"), "{ecas}");
        assert!(ecas.contains("<cas:strength>EIDAS<"), "{ecas}");
        assert!(ecas.contains("<cas:eidasId>LU/BE/12345<"), "{ecas}");
        // LoA substantial: MEDIUM, so a HIGH login steps up — the eID button asks the node
        // for `high`.
        let (b, _) = eid_session(&app, None).await;
        let page = b.get(&high).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.ticket().is_none());
        assert!(page.body.contains("/upstream/eidas/start"), "{}", page.body);
        let to_node = b
            .post(
                "/upstream/eidas/start",
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("purpose", "login"),
                    ("target", page.input_value("target").unwrap().as_str()),
                ],
            )
            .await;
        assert_eq!(to_node.status, 303, "{}", to_node.body);
        assert!(authn_request_of(&to_node).contains("http://eidas.europa.eu/LoA/high"));
        // The same session is enough where MEDIUM is: a ticket at MEDIUM; its request asked
        // `substantial`.
        let medium = format!("/cas/login?service={}", encode(service));
        let page = b.get(&medium).await;
        assert_eq!(page.status, 303, "{}", page.body);
        let ecas = app
            .cas_validate("laxValidate", service, &page.ticket().unwrap(), "")
            .await;
        assert!(ecas.contains("<cas:authenticationLevel>MEDIUM<"), "{ecas}");
        // A HIGH validation refuses the substantial ticket.
        let page = b.get(&medium).await;
        let refused = app
            .cas_validate(
                "laxValidate",
                service,
                &page.ticket().unwrap(),
                "&authenticationLevel=HIGH",
            )
            .await;
        assert!(
            refused.contains("INSUFFICIENT_AUTHENTICATION_LEVEL"),
            "{refused}"
        );
        // Identity assurance (docs/FEDERATION.md §3.3): a self-registered account (LOW) signed in
        // with an eID shows MEDIUM at substantial and HIGH at high — a service that needs MEDIUM
        // assurance takes it, and is told the raised level; the account row is unchanged.
        app.add_service("Assured app", "https://assured.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::Eidas, Strength::Password];
            s.min_assurance = limen_core::AssuranceLevel::Medium;
        })
        .await;
        let assured = "https://assured.example.org/app";
        for (level, number) in [(None, "20"), (Some(limen_core::AuthLevel::High), "30")] {
            let (b, account) = eid_session(&app, level).await;
            let page = b
                .get(&format!("/cas/login?service={}", encode(assured)))
                .await;
            assert_eq!(page.status, 303, "{}", page.body);
            let ecas = app
                .cas_validate("laxValidate", assured, &page.ticket().unwrap(), "")
                .await;
            assert!(
                ecas.contains(&format!("<cas:assuranceLevel>{number}<")),
                "{ecas}"
            );
            let row = app.store.account_by_id(account).await.unwrap().unwrap();
            assert_eq!(row.assurance, limen_core::AssuranceLevel::Low);
        }
        // The twin: the same LOW account with a password proof is refused for its assurance.
        let low = app.add_user("low@example.org", None, "Low").await;
        let b = app.browser();
        let page = b.login(Some(assured), low.email.as_str(), PASSWORD).await;
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.ticket().is_none());
        app.stop().await;
    }
}

/// The AuthnRequest a Redirect-binding URL carries (DEFLATE, base64), as XML text.
fn authn_request_of(page: &Page) -> String {
    use base64::Engine as _;
    use std::io::Read as _;
    let url = url::Url::parse(page.location.as_deref().unwrap()).unwrap();
    let raw = url
        .query_pairs()
        .find(|(k, _)| k == "SAMLRequest")
        .unwrap()
        .1
        .into_owned();
    let deflated = base64::engine::general_purpose::STANDARD
        .decode(raw)
        .unwrap();
    let mut xml = String::new();
    flate2::read::DeflateDecoder::new(deflated.as_slice())
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[tokio::test]
async fn a_social_session_changes_no_way_into_an_account_with_a_password() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        let jane = app.add_user(JANE, Some("Jane"), "Doe").await;
        app.store
            .add_upstream_link(
                jane.id,
                "testop",
                "SOCIAL_NETWORKS",
                op.issuer(),
                "jane-op",
                "jane@op",
                app.clock_now(),
            )
            .await
            .unwrap();
        // Signed in through the social network only.
        op.sign_in_next(OpUser::new("jane-op", "jane@op.example"));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let done = through_upstream(&b, &first).await;
        assert_eq!(ticket_user(app, &done, SOCIAL_APP).await, jane.uid);
        let page = b.get("/account/eids").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("stronger-needed"), "{}", page.body);
        // Linking another identity: sent to sign in with the password first, not to the provider.
        let link = link_from_account(&b, &page).await;
        assert_eq!(link.status, 303, "{}", link.body);
        assert!(
            link.location.as_deref().unwrap().starts_with("/cas/login?"),
            "{:?}",
            link.location
        );
        // Unlinking: the same.
        let id = app.store.upstream_links_of(jane.id).await.unwrap()[0].id;
        let unlink = b
            .post(
                "/account/eids/remove",
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("id", &id.to_string()),
                ],
            )
            .await;
        assert_eq!(unlink.status, 303, "{}", unlink.body);
        assert!(
            unlink
                .location
                .as_deref()
                .unwrap()
                .starts_with("/cas/login?")
        );
        assert_eq!(app.store.upstream_links_of(jane.id).await.unwrap().len(), 1);
        // The password proven, the same session may.
        let proven = b
            .login_at("/cas/login?next=%2Faccount%2Feids&renew=1", JANE, PASSWORD)
            .await;
        assert_eq!(proven.status, 303, "{}", proven.body);
        let unlink = b
            .post(
                "/account/eids/remove",
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("id", &id.to_string()),
                ],
            )
            .await;
        assert_eq!(unlink.location.as_deref(), Some("/account/eids?removed=1"));
    }
}

#[tokio::test]
async fn a_virtual_account_is_offered_its_upstream_alone_with_its_address_as_hint() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        op.sign_in_next(OpUser::new("v-1", "virtual@example.net"));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        create(&b, &choice, None).await;
        // Another browser, identifier first: no password field, the upstream's button, which
        // hints the address to the provider.
        let b2 = app.browser();
        let method = b2
            .password_page_at(&login_path(SOCIAL_APP), "virtual@example.net")
            .await;
        assert!(
            !method.body.contains("name=\"password\""),
            "{}",
            method.body
        );
        assert!(
            method.body.contains("/upstream/testop/start"),
            "{}",
            method.body
        );
        let to_op = b2
            .post(
                "/upstream/testop/start",
                &[
                    ("csrf_token", method.csrf().as_str()),
                    ("purpose", "login"),
                    ("target", method.input_value("target").unwrap().as_str()),
                    (
                        "login_hint",
                        method.input_value("login_hint").unwrap().as_str(),
                    ),
                ],
            )
            .await;
        let authorize = to_op.location.clone().unwrap();
        assert!(
            authorize.contains("login_hint=virtual%40example.net"),
            "{authorize}"
        );
        op.sign_in_next(OpUser::new("v-1", "virtual@example.net"));
        let done = follow_provider(&b2, to_op).await;
        assert_eq!(done.status, 303, "{}", done.body);
        // An account with a password still gets its password form beside its upstream.
        let jane = app.add_user(JANE, Some("Jane"), "Doe").await;
        app.store
            .add_upstream_link(
                jane.id,
                "testop",
                "SOCIAL_NETWORKS",
                op.issuer(),
                "j",
                "j",
                app.clock_now(),
            )
            .await
            .unwrap();
        let method = app
            .browser()
            .password_page_at(&login_path(SOCIAL_APP), JANE)
            .await;
        assert!(method.body.contains("name=\"password\""), "{}", method.body);
        assert!(
            method.body.contains("/upstream/testop/start"),
            "{}",
            method.body
        );
    }
}

#[tokio::test]
async fn an_upstream_method_not_for_the_accounts_user_type_signs_it_in_nowhere() {
    for db in test_databases().await {
        let op = TestOp::start("limen", "op-secret").await;
        let provider = op.provider("testop", "Test OP");
        let app = TestApp::start(db, move |c| {
            c.upstreams = vec![provider];
            c.methods.set(
                limen_core::Method::Social,
                limen_core::MethodRule {
                    user_types: vec![limen_core::UserType::Internal],
                    ..limen_core::MethodRule::default()
                },
            );
        })
        .await;
        app.add_service("Social app", "https://social.example.org/*", |s| {
            s.accepted_strengths = vec![Strength::Password, Strength::SocialNetworks];
        })
        .await;
        let jane = app.add_user(JANE, Some("Jane"), "Doe").await;
        app.store
            .add_upstream_link(
                jane.id,
                "testop",
                "SOCIAL_NETWORKS",
                op.issuer(),
                "j",
                "j",
                app.clock_now(),
            )
            .await
            .unwrap();
        op.sign_in_next(OpUser::new("j", JANE));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let refused = through_upstream(&b, &first).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(
            refused.body.contains("not offered to your account"),
            "{}",
            refused.body
        );
        assert_eq!(b.get("/account").await.status, 303);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_virtual_account_links_a_second_identity_by_signing_in_with_its_first() {
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        // A virtual account, through identity A.
        op.sign_in_next(OpUser::new("first-id", "twice@example.net"));
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        let uid = ticket_user(app, &create(&b, &choice, None).await, SOCIAL_APP).await;
        let account = app.store.account_by_uid(&uid).await.unwrap().unwrap();
        // Identity B comes back unlinked in a new browser: "Sign in to link it", with A.
        let b2 = app.browser();
        op.sign_in_next(OpUser::new("second-id", "other@example.net"));
        let first = b2.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b2, &first).await;
        let to_login = sign_in_to_link(&b2, &choice).await;
        let login = b2.get(&to_login.location.unwrap()).await;
        assert_eq!(login.status, 200, "{}", login.body);
        op.sign_in_next(OpUser::new("first-id", "twice@example.net"));
        let signed = through_upstream(&b2, &login).await;
        assert_eq!(signed.status, 303, "{}", signed.body);
        let finish = b2.get(&signed.location.unwrap()).await;
        assert_eq!(finish.status, 200, "{}", finish.body);
        assert!(finish.contains("Account linked"), "{}", finish.body);
        let subjects: Vec<String> = app
            .store
            .upstream_links_of(account.id)
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.subject)
            .collect();
        assert_eq!(subjects, ["first-id", "second-id"]);
    }
}

#[tokio::test]
async fn a_first_password_for_a_pending_account_drops_the_links_of_whoever_made_it() {
    use crate::register::{NEW_PASSWORD, set_password};
    for f in start().await {
        let (app, op) = (&f.app, &f.op);
        app.add_service("App", "http://127.0.0.1:9/app/*", |_| {})
            .await;
        // Someone's upstream identity makes a pending account with an address it did not
        // vouch for.
        let mut intruder = OpUser::new("intruder", "owner@example.net");
        intruder.email_verified = false;
        op.sign_in_next(intruder.clone());
        let b = app.browser();
        let first = b.get(&login_path(SOCIAL_APP)).await;
        let choice = through_upstream(&b, &first).await;
        let pending = create(&b, &choice, None).await;
        assert!(pending.contains("Check your mailbox"), "{}", pending.body);
        let email = limen_core::Email::parse("owner@example.net").unwrap();
        let account = app.store.account_by_email(&email).await.unwrap().unwrap();
        assert_eq!(
            app.store.upstream_links_of(account.id).await.unwrap().len(),
            1
        );
        // The address's owner uses "Lost password?" and chooses a password.
        let owner = app.browser();
        let sent = crate::password::ask_reset(app, &owner, "owner@example.net").await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mails = app.mail_to("owner@example.net", 2).await;
        let link = mails
            .iter()
            .flat_map(|m| m.links())
            .find(|l| l.contains("/cas/password/new"))
            .expect("the first-password link");
        let done = set_password(&owner, &link, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        let account = app.store.account_by_id(account.id).await.unwrap().unwrap();
        assert_eq!(account.status, limen_core::AccountStatus::Active);
        // The intruder's identity no longer enters it: its link is gone.
        assert!(
            app.store
                .upstream_links_of(account.id)
                .await
                .unwrap()
                .is_empty()
        );
        op.sign_in_next(intruder);
        let b2 = app.browser();
        let first = b2.get(&login_path(SOCIAL_APP)).await;
        let again = through_upstream(&b2, &first).await;
        assert_eq!(again.status, 200, "{}", again.body);
        assert!(
            again.body.contains("upstream-create-form"),
            "{}",
            again.body
        );
    }
}

#[tokio::test]
async fn the_assertion_consumer_service_is_bounded_per_client_address() {
    for db in test_databases().await {
        let node = eidas_upstream();
        let app = TestApp::start(db, move |c| c.saml_upstreams = vec![node]).await;
        let b = app.browser();
        let post = || {
            b.post(
                "/upstream/eidas/acs",
                &[
                    ("SAMLResponse", "PHNhbWxwOlJlc3BvbnNlLz4="),
                    ("RelayState", "x"),
                ],
            )
        };
        // 30 a minute are answered (refused: nothing pending), the next is not even read.
        for _ in 0..30 {
            assert_eq!(post().await.status, 400);
        }
        let bounded = post().await;
        assert_eq!(bounded.status, 429, "{}", bounded.body);
        // A minute later, answered again.
        app.advance(time::Duration::minutes(2));
        assert_eq!(post().await.status, 400);
        app.stop().await;
    }
}

#[tokio::test]
async fn an_openid_client_asking_high_takes_an_eid_at_loa_high_and_is_told_high() {
    use crate::oidc::{CB, authorize_path, exchange, verify};
    for db in test_databases().await {
        let node = eidas_upstream();
        let app = TestApp::start(db, move |c| c.saml_upstreams = vec![node]).await;
        let (_, secret) = app
            .add_oidc_client("eid-rp", CB, |s, _| {
                s.accepted_strengths = vec![Strength::Eidas, Strength::PasswordToken];
            })
            .await;
        let path = authorize_path("eid-rp", &[("acr_values", "HIGH")]);
        // LoA high: the session answers at once, and the ID token says HIGH.
        let (b, _) = eid_session(&app, Some(limen_core::AuthLevel::High)).await;
        let answer = b.get(&path).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        let to = url::Url::parse(answer.location.as_deref().unwrap()).unwrap();
        assert!(to.as_str().starts_with(CB), "{to}");
        let code = to
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("a code");
        let (status, body) = exchange(&app, ("eid-rp", &secret), &code, None).await;
        assert_eq!(status, 200, "{body}");
        let claims = verify(&app, body["id_token"].as_str().unwrap(), "eid-rp")
            .await
            .unwrap();
        assert_eq!(claims["acr"], "HIGH", "{claims}");
        // LoA substantial: not enough; the login pages ask for more.
        let (b, _) = eid_session(&app, None).await;
        let answer = b.get(&path).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        assert!(
            answer
                .location
                .as_deref()
                .unwrap()
                .starts_with("/cas/login?oidc="),
            "{:?}",
            answer.location
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_form_post_callback_goes_on_as_a_get_for_configured_upstreams_only() {
    for f in start().await {
        let b = f.app.browser();
        // Apple's response_mode=form_post: the answer is carried to the GET (where the browser's
        // cookies come), its four parameters only.
        let posted = b
            .post(
                "/upstream/testop/callback",
                &[
                    ("code", "c-1"),
                    ("state", "s-1"),
                    ("user", "{}"),
                    ("iss", "x"),
                ],
            )
            .await;
        assert_eq!(posted.status, 303, "{}", posted.body);
        assert_eq!(
            posted.location.as_deref(),
            Some("/upstream/testop/callback?code=c-1&iss=x&state=s-1")
        );
        // An upstream that is not configured: refused, no redirect.
        let unknown = b
            .post("/upstream/nope/callback", &[("code", "c"), ("state", "s")])
            .await;
        assert_eq!(unknown.status, 404, "{}", unknown.body);
        assert!(unknown.location.is_none());
    }
}
