//! Security review of the SAML identity provider (issue 20, docs/SAML.md §12): each finding is
//! proven here by a test that failed on the reviewed code, beside its accepted twin. The findings
//! fixed in the same branch keep their test as a regression test; the others fail until fixed.
//!
//! Browsers are modelled as the tests' [`Browser`] (a cookie jar) with one addition: a form that
//! another site's page submits to Limen (an SP's auto-submitting form, Bindings §3.5.4) is a
//! cross-site POST, which carries none of Limen's cookies, since they are all `SameSite=Lax`
//! (RFC 6265bis §5.6.7.1: a Lax cookie goes with a cross-site request only when it is a
//! top-level navigation by a safe method), and which says `Sec-Fetch-Site: cross-site` (Fetch
//! Metadata). [`cross_site_post`] sends such a request; the cookies its answer sets are stored
//! by the browser all the same (RFC 6265bis §5.7: a top-level navigation may set any cookie),
//! which only a [`JarBrowser`] models; whatever page Limen answers with is then followed by the
//! browser itself on Limen's own origin, where its cookies do go ([`follow_on_limen`]).

use crate::oidc::{CB, authorize_path, code_via_login, exchange, tokens, userinfo};
use crate::plugin_factor::{answer, challenge_of, enrol};
use limen_core::oidc::{EIDAS_HIGH, EIDAS_LOW, SubjectType};
use limen_core::{AccountStatus, AssuranceLevel, Email, PersonName, Strength, UserType};
use limen_saml::dsig::PublicKey;
use limen_saml::idp::inbound::{Comparison, RequestedAuthnContext};
use limen_saml::idp::{AuthnContextStyle, status};
use limen_store::NewAccount;
use limen_store::testdb::test_databases;
use limen_testkit::factor::CodeFactor;
use limen_testkit::saml_sp::*;
use limen_testkit::*;
use std::sync::Arc;

const EMAIL: &str = "jane@example.org";
const CAS_APP: &str = "http://127.0.0.1:9/app/";

async fn setup(app: &TestApp) {
    app.add_user(EMAIL, Some("Jane"), "Doe").await;
    app.add_service("CAS app", "http://127.0.0.1:9/app/*", |_| {})
        .await;
}

/// Whether the browser's SSO session is alive: a CAS login answers with a ticket at once.
async fn session_alive(b: &Browser) -> bool {
    let page = b
        .get(&format!("/cas/login?service={}", encode(CAS_APP)))
        .await;
    match page.status {
        303 => page.ticket().is_some(),
        200 => false,
        other => panic!("CAS login answered {other}: {}", page.body),
    }
}

/// `req` signed by `sp`, sent over HTTP-Redirect (a top-level GET: the browser's cookies go).
async fn send(b: &Browser, sp: &TestSp, req: &AuthnRequest) -> Page {
    b.get(&format!(
        "/saml/sso?{}",
        sp.redirect_query("SAMLRequest", &req.xml(), None)
    ))
    .await
}

/// The login page's address a request was sent on to (`/cas/login?saml=…`).
fn continuation(page: &Page) -> String {
    assert_eq!(page.status, 303, "to the login page: {}", page.body);
    let to = page.location.clone().expect("a redirect");
    assert!(to.starts_with("/cas/login?saml="), "{to}");
    to
}

/// The verified Response of a page's form, with its assertion.
fn assertion_of(page: &Page, keys: &[PublicKey]) -> Assertion {
    let (_, response) = response_in(page, keys);
    assert_eq!(response.status, status::SUCCESS, "{response:?}");
    response.assertion.expect("an assertion")
}

/// A browser that signed in to `sp` over SAML; the assertion it got.
async fn signed_in_to(app: &TestApp, sp: &TestSp, keys: &[PublicKey]) -> (Browser, Assertion) {
    let b = app.browser();
    let login = continuation(&send(&b, sp, &sp.authn_request(app)).await);
    let a = assertion_of(&b.login_at(&login, EMAIL, PASSWORD).await, keys);
    (b, a)
}

/// A response as the tests' `Page`.
async fn page_of(r: reqwest::Response) -> Page {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let location = headers
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = r.text().await.unwrap();
    Page {
        status,
        location,
        headers,
        body,
    }
}

/// The form an SP's page posts to Limen, as the browser sends it from that other site: none of
/// Limen's (`SameSite=Lax`) cookies, `Sec-Fetch-Site: cross-site`. With `jar`, the cookies the
/// answer sets are stored there, as the browser stores them.
async fn cross_site_post(
    app: &TestApp,
    path: &str,
    fields: &[(String, String)],
    jar: Option<&reqwest::cookie::Jar>,
) -> Page {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client
        .post(app.url(path))
        .header("sec-fetch-site", "cross-site")
        .form(fields)
        .send()
        .await
        .unwrap();
    if let Some(jar) = jar {
        let url = reqwest::Url::parse(&app.base).unwrap();
        for cookie in r.headers().get_all(reqwest::header::SET_COOKIE) {
            jar.add_cookie_str(cookie.to_str().unwrap(), &url);
        }
    }
    page_of(r).await
}

/// What a browser does on Limen's origin, for [`follow_on_limen`].
trait Nav {
    async fn get(&self, path: &str) -> Page;
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page;
}

impl Nav for Browser {
    async fn get(&self, path: &str) -> Page {
        Browser::get(self, path).await
    }
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Browser::post(self, path, form).await
    }
}

/// A browser whose cookie jar the test holds, so that the cookies of a cross-site answer land in
/// it ([`cross_site_post`] with its jar).
struct JarBrowser {
    base: String,
    client: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
}

impl JarBrowser {
    fn new(app: &TestApp) -> JarBrowser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        JarBrowser {
            base: app.base.clone(),
            client,
            jar,
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// The e-mail step then the password step from the login page at `path`.
    async fn login_at(&self, path: &str, email: &str, password: &str) -> Page {
        let first = Nav::get(self, path).await;
        assert_eq!(first.status, 200, "{}", first.body);
        let form = [
            ("csrf_token", first.csrf()),
            ("step", "email".into()),
            ("email", email.into()),
        ];
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let second = Nav::post(self, &first.form_action(), &refs).await;
        assert_eq!(second.status, 200, "{}", second.body);
        let form = [
            ("csrf_token", second.csrf()),
            ("step", "password".into()),
            ("method", "PASSWORD".into()),
            ("email", email.into()),
            ("password", password.into()),
        ];
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Nav::post(self, &second.form_action(), &refs).await
    }
}

impl Nav for JarBrowser {
    async fn get(&self, path: &str) -> Page {
        page_of(self.client.get(self.url(path)).send().await.unwrap()).await
    }
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        page_of(
            self.client
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
}

/// Follows what Limen asks the browser to do on Limen's own origin (an auto-submitting form or a
/// redirect to one of its paths), with the browser's cookies; stops at anything else.
async fn follow_on_limen(app: &TestApp, b: &impl Nav, mut page: Page) -> Page {
    let ours = |url: &str| url.starts_with('/') || url.starts_with(&app.base);
    for _ in 0..4 {
        if page.status == 200
            && let Some(form) = auto_post(&page)
            && ours(&form.action)
        {
            let fields: Vec<(&str, &str)> = form
                .fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            page = b.post(&form.action, &fields).await;
        } else if page.status == 303
            && let Some(to) = page.location.clone().filter(|l| ours(l))
        {
            page = b.get(&to).await;
        } else {
            break;
        }
    }
    page
}

// ---- Finding 1 (MEDIUM): POST-binding logout messages arrive without Limen's cookies ---------

/// A signed LogoutRequest that an SP posts to `/saml/slo` (HTTP-POST, which Limen's metadata
/// offers) comes from the SP's page: a cross-site POST, without the `SameSite=Lax` SSO cookie. It
/// must still end the session of the browser it names (SAML.md §9.2); today Limen sees no
/// session, answers `Success`, and the user stays signed in at Limen.
#[tokio::test]
async fn a_logout_request_posted_by_the_sp_ends_the_session() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;

        // The twin: the same message over HTTP-Redirect (a top-level GET, cookies go) ends it.
        let (b, a) = signed_in_to(&app, &sp, &keys).await;
        assert!(session_alive(&b).await);
        let request = sp.logout_request(&app, &a);
        let query = sp.redirect_query("SAMLRequest", &request.xml(), Some("rs"));
        let page = b.get(&format!("/saml/slo?{query}")).await;
        let answer = read_redirect(page.location.as_deref().unwrap(), &keys).unwrap();
        assert_eq!(answer.status().as_deref(), Some(status::SUCCESS));
        assert!(
            !session_alive(&b).await,
            "the Redirect LogoutRequest ended it"
        );

        // Over HTTP-POST, as the SP's auto-submitting form sends it.
        let (b, a) = signed_in_to(&app, &sp, &keys).await;
        let request = sp.logout_request(&app, &a);
        let fields = sp.post_fields("SAMLRequest", &request.xml(), Some("rs"), true);
        let page = cross_site_post(&app, "/saml/slo", &fields, None).await;
        let last = follow_on_limen(&app, &b, page).await;
        assert_eq!(last.status, 303, "{}", last.body);
        let answer = read_redirect(last.location.as_deref().unwrap(), &keys).unwrap();
        assert_eq!(answer.endpoint, sp.slo);
        assert_eq!(answer.root_attr("InResponseTo"), Some(request.id.clone()));
        assert!(
            !session_alive(&b).await,
            "the SP was told Success, so the session it named must have ended"
        );
    })
    .await;
}

/// In Limen's logout chain (SAML.md §9.4) an SP may answer its LogoutRequest with a
/// LogoutResponse over HTTP-POST: a cross-site POST without the `SameSite=Lax` binding cookie.
/// The chain must go on to the next SP; today the answer is refused as coming "from another
/// browser" and the chain stops on an error page.
#[tokio::test]
async fn a_logout_response_posted_by_an_sp_continues_the_chain() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let one = TestSp::new("one");
        one.register(&app, |_, _| {}).await;
        let two = TestSp::new("two");
        two.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let (b, _) = signed_in_to(&app, &one, &keys).await;
        assertion_of(&send(&b, &two, &two.authn_request(&app)).await, &keys);

        let mut page = b.get("/cas/logout").await;
        let sps = [&one, &two];
        // The first SP answers over HTTP-Redirect (the twin: a top-level GET, cookies go), the
        // second over HTTP-POST from its own page.
        for (step, by_post) in [false, true].into_iter().enumerate() {
            assert_eq!(page.status, 303, "step {step}: {}", page.body);
            let to = page.location.clone().unwrap();
            let sp = sps
                .iter()
                .find(|sp| to.starts_with(&sp.slo))
                .unwrap_or_else(|| panic!("step {step}: sent to {to}"));
            let request = read_redirect(&to, &keys).unwrap();
            assert_eq!(request.root_name(), "LogoutRequest");
            let plan = request.relay_state.clone().unwrap();
            let id = request.root_attr("ID").unwrap();
            let xml = sp.logout_response(&app, &id, status::SUCCESS);
            page = if by_post {
                let fields = sp.post_fields("SAMLResponse", &xml, Some(&plan), true);
                let answered = cross_site_post(&app, "/saml/slo", &fields, None).await;
                follow_on_limen(&app, &b, answered).await
            } else {
                let query = sp.redirect_query("SAMLResponse", &xml, Some(&plan));
                b.get(&format!("/saml/slo?{query}")).await
            };
        }
        assert_eq!(
            page.status, 200,
            "the chain ends on the logout page: {}",
            page.body
        );
        assert!(
            page.text().contains("You have been logged out"),
            "{}",
            page.body
        );
        assert!(!page.text().contains("did not confirm"), "{}", page.body);
    })
    .await;
}

/// The fix of finding 1 posts a cookie-less POST message again from Limen's own page: that page
/// sets no cookie (a fresh CSRF cookie would replace the one the browser did not send), the
/// message goes on unchanged and is refused as ever when it must be, and a message already sent
/// again is read as it is (no loop).
#[tokio::test]
async fn a_resent_logout_message_is_checked_as_ever_and_resent_once() {
    // Bodies up to 1 MiB reach the handlers (64 KiB by default): the re-post has a cap of its own.
    fn large_bodies(c: &mut limen_web::WebConfig) {
        c.http.max_body_bytes = 1024 * 1024;
    }
    each_backend(large_bodies, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let (b, a) = signed_in_to(&app, &sp, &keys).await;

        // Unsigned: posted again, then refused, and the session lives on.
        let request = sp.logout_request(&app, &a);
        let fields = sp.post_fields("SAMLRequest", &request.xml(), None, false);
        let resent = cross_site_post(&app, "/saml/slo", &fields, None).await;
        assert_eq!(resent.status, 200, "{}", resent.body);
        assert!(resent.headers.get("set-cookie").is_none(), "no cookie set");
        assert_eq!(resent.headers["cache-control"], "no-store");
        let form = auto_post(&resent).expect("a form posting it again");
        assert_eq!(form.action, "/saml/slo");
        assert_eq!(form.field("SAMLRequest"), Some(fields[0].1.as_str()));
        let last = follow_on_limen(&app, &b, resent).await;
        assert_eq!(last.status, 400, "{}", last.body);
        assert!(auto_post(&last).is_none() && last.location.is_none());
        let audit = app.store.recent_audit(1).await.unwrap();
        let reason = audit[0].detail["reason"].as_str().unwrap_or_default();
        assert!(reason.contains("unsigned"), "{reason}");
        assert!(session_alive(&b).await, "nothing ended");

        // Too large to be a message (96 KiB of base64 at most): refused as it came, never echoed
        // in a page.
        let huge = vec![("SAMLRequest".to_owned(), "A".repeat(400 * 1024))];
        let page = cross_site_post(&app, "/saml/slo", &huge, None).await;
        assert_eq!(page.status, 400, "{}", page.body);
        assert!(page.body.len() < 64 * 1024);

        // Already sent again and still without cookies: read as it is (this browser has no
        // session: Success, nothing ends), never sent around again.
        let request = sp.logout_request(&app, &a);
        let mut fields = sp.post_fields("SAMLRequest", &request.xml(), None, true);
        fields.push(("LimenResent".into(), "1".into()));
        let page = cross_site_post(&app, "/saml/slo", &fields, None).await;
        assert_eq!(page.status, 303, "{}", page.body);
        let answer = read_redirect(page.location.as_deref().unwrap(), &keys).unwrap();
        assert_eq!(answer.status().as_deref(), Some(status::SUCCESS));
        assert!(
            session_alive(&b).await,
            "another browser's session lives on"
        );
    })
    .await;
}

// ---- Finding 2 (LOW): POST-binding AuthnRequests arrive without Limen's cookies -------------

/// `IsPassive` (Core §3.4.1, SAML.md §4.4) over HTTP-POST from the SP's page: the browser has a
/// session that satisfies the request, so the answer is the assertion at once. Read without the
/// session cookie (a cross-site POST), the answer was `NoPassive`.
#[tokio::test]
async fn a_passive_request_posted_by_the_sp_is_answered_from_the_session() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let (b, first) = signed_in_to(&app, &sp, &keys).await;
        // The twin: over HTTP-Redirect (a top-level GET, cookies go), at once.
        let mut req = sp.authn_request(&app);
        req.is_passive = true;
        assert_eq!(
            assertion_of(&send(&b, &sp, &req).await, &keys).name_id,
            first.name_id
        );

        let mut req = sp.authn_request(&app);
        req.is_passive = true;
        let fields = sp.post_fields("SAMLRequest", &req.xml(), Some("rs-p"), true);
        let page = cross_site_post(&app, "/saml/sso", &fields, None).await;
        let last = follow_on_limen(&app, &b, page).await;
        let (form, response) = response_in(&last, &keys);
        assert_eq!(
            response.status,
            status::SUCCESS,
            "the session satisfies the request: {response:?}"
        );
        assert_eq!(response.in_response_to.as_deref(), Some(req.id.as_str()));
        assert_eq!(form.relay_state(), Some("rs-p"));
        assert_eq!(response.assertion.unwrap().name_id, first.name_id);
    })
    .await;
}

/// A sign-in under way in one tab must finish there although another SP's AuthnRequest arrived
/// meanwhile by HTTP-POST (another tab). That cross-site POST carried no binding cookie, and the
/// answer set a fresh one, which the browser stored over the first: the first sign-in was then
/// refused as "started in another browser".
#[tokio::test]
async fn a_posted_request_leaves_the_browsers_pending_sign_in_alone() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let one = TestSp::new("one");
        one.register(&app, |_, _| {}).await;
        let two = TestSp::new("two");
        two.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let start = |sp: &TestSp| {
            format!(
                "/saml/sso?{}",
                sp.redirect_query("SAMLRequest", &sp.authn_request(&app).xml(), None)
            )
        };

        // The twin: the other SP's request by HTTP-Redirect (cookies go).
        let x = JarBrowser::new(&app);
        let login = continuation(&Nav::get(&x, &start(&one)).await);
        continuation(&Nav::get(&x, &start(&two)).await);
        let a = assertion_of(&x.login_at(&login, EMAIL, PASSWORD).await, &keys);
        assert_eq!(a.audiences, vec![one.entity_id.clone()]);

        // By HTTP-POST from the other SP's page.
        let x = JarBrowser::new(&app);
        let login = continuation(&Nav::get(&x, &start(&one)).await);
        let req = two.authn_request(&app);
        let fields = two.post_fields("SAMLRequest", &req.xml(), None, true);
        let page = cross_site_post(&app, "/saml/sso", &fields, Some(&x.jar)).await;
        follow_on_limen(&app, &x, page).await;
        let done = x.login_at(&login, EMAIL, PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        let a = assertion_of(&done, &keys);
        assert_eq!(a.audiences, vec![one.entity_id.clone()]);
    })
    .await;
}

// ---- Finding 3 (LOW): concurrent first uses each generate a signing key -------------------------

/// The IdP's keys are made on first use (SAML.md §11), and the first use can be anyone's
/// `GET /saml/metadata` (which makes the RSA and the ECDSA key). Concurrent first requests must
/// make one key of each, not one each per request (an RSA-3072 generation is seconds of CPU, and
/// every key made is published for good).
#[tokio::test]
async fn concurrent_first_requests_make_one_signing_key() {
    each_backend(defaults, |app| async move {
        let count = |app: Arc<TestApp>, alg: &'static str| async move {
            app.store
                .saml_keys(app.clock_now())
                .await
                .unwrap()
                .into_iter()
                .filter(|k| k.alg == alg)
                .count()
        };
        assert_eq!(count(app.clone(), "SAML-RSA").await, 0, "a fresh server");
        let gets: Vec<_> = (0..4)
            .map(|_| {
                let url = app.url("/saml/metadata");
                tokio::spawn(async move { reqwest::get(url).await.unwrap().status().as_u16() })
            })
            .collect();
        for get in gets {
            assert_eq!(get.await.unwrap(), 200);
        }
        for alg in ["SAML-RSA", "SAML-EC"] {
            assert!(
                count(app.clone(), alg).await <= 1,
                "at most one {alg} key for four concurrent first requests"
            );
        }
        assert_eq!(count(app.clone(), "SAML-RSA").await, 1);
        // The twin: once they exist, later requests use them.
        let md = idp_keys(&app).await;
        let stored = count(app.clone(), "SAML-RSA").await + count(app.clone(), "SAML-EC").await;
        assert_eq!(md.certificates.len(), stored, "every key made is published");
        assert!(stored <= 2, "{stored} keys");
    })
    .await;
}

// ---- Finding 4 (MEDIUM): an eIDAS level of assurance claimed beyond the identity's -------------

/// The `AuthnContextClassRef` a Jane of identity assurance `assurance` gets from an SP registered
/// with `--authn-context eidas` and PASSWORD_TOKEN only, after signing in with her token (a HIGH
/// strength); one per backend.
async fn eidas_class_ref_for(assurance: AssuranceLevel) -> Vec<String> {
    let mut refs = Vec::new();
    for db in test_databases().await {
        let factor = Arc::new(CodeFactor::default());
        let app = TestApp::start_with_factors(db, |_| {}, vec![factor.clone()]).await;
        let email = Email::parse(EMAIL).unwrap();
        let hash = limen_crypto::PasswordHasher::new(
            limen_crypto::HashParams {
                memory_kib: 256,
                iterations: 1,
                parallelism: 1,
            },
            1,
        )
        .unwrap()
        .hash(PASSWORD)
        .await
        .unwrap();
        let account = app
            .store
            .create_account(
                NewAccount {
                    user_type: UserType::External,
                    email,
                    first_name: None,
                    last_name: PersonName::parse("Doe").unwrap(),
                    status: AccountStatus::Active,
                    assurance,
                    email_locale: "en".into(),
                    password_hash: Some(hash),
                },
                app.clock_now(),
            )
            .await
            .unwrap();
        enrol(&app, &app.browser(), "Office token").await;
        let secret = factor.secret(account.id, "Office token").unwrap();
        let sp = TestSp::new("eidas");
        sp.register(&app, |s, r| {
            s.accepted_strengths = vec![Strength::PasswordToken];
            s.released_attributes = vec!["strength".into()];
            r.authn_context = AuthnContextStyle::Eidas;
        })
        .await;
        let keys = idp_keys(&app).await.keys;

        let b = app.browser();
        let login = continuation(&send(&b, &sp, &sp.authn_request(&app)).await);
        let methods = b.password_page_at(&login, EMAIL).await;
        let challenge = b
            .post(
                &methods.form_action(),
                &[
                    ("csrf_token", methods.csrf().as_str()),
                    ("step", "password"),
                    ("method", "PASSWORD_TOKEN"),
                    ("email", EMAIL),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(challenge.status, 200, "{}", challenge.body);
        let code = CodeFactor::response(&secret, &challenge_of(&challenge));
        let done = answer(&b, &challenge, &code).await;
        let a = assertion_of(&done, &keys);
        assert_eq!(
            a.attribute("strength"),
            Some(&["PASSWORD_TOKEN".to_owned()][..])
        );
        refs.push(a.authn_context.expect("an AuthnContextClassRef"));
        app.stop().await;
    }
    refs
}

/// `http://eidas.europa.eu/LoA/high` says how well the identity is known as much as how it was
/// authenticated: SAML.md §4.3 refuses it to an account below HIGH assurance when an SP asks for
/// it. Unasked, an SP registered with `--authn-context eidas` must not be told it either for a
/// self-registered (LOW) account that merely used a HIGH strength.
#[tokio::test]
async fn the_eidas_level_answered_is_capped_by_the_identity_assurance() {
    // The twin: an account of HIGH assurance with a HIGH strength is at LoA high.
    for class_ref in eidas_class_ref_for(AssuranceLevel::High).await {
        assert_eq!(class_ref, EIDAS_HIGH);
    }
    for class_ref in eidas_class_ref_for(AssuranceLevel::Low).await {
        assert_eq!(
            class_ref, EIDAS_LOW,
            "a LOW-assurance identity is at most LoA low, whatever its strength"
        );
    }
}

// ---- Finding 5 (LOW): an eID at LoA high never satisfies a request for LoA high ----------------

/// SAML.md §4.3: `http://eidas.europa.eu/LoA/high` (and `HIGH`) is "as HIGH, with eidas_high (an
/// eID at LoA high counts)" where the SP takes eIDs — as for CAS `authenticationLevel=HIGH` and
/// Limen's own pages. `EIDAS` is a MEDIUM strength, so it is never among the HIGH strengths the
/// request names, and requiring it there left `eidas_high` always false.
#[test]
fn an_eid_at_loa_high_counts_for_a_request_of_loa_high() {
    use limen_web::saml::context::wanted;
    let asks = |refs: &[&str]| RequestedAuthnContext {
        comparison: Comparison::Exact,
        class_refs: refs.iter().map(|s| (*s).to_owned()).collect(),
        decl_refs: false,
    };
    for refs in [[EIDAS_HIGH], ["HIGH"]] {
        let w = wanted(&[], AssuranceLevel::Low, true, Some(&asks(&refs))).unwrap();
        assert!(w.eidas_high, "{refs:?} where the SP takes eIDs");
        // The twins: an SP that does not take eIDs, or a request below HIGH.
        let w = wanted(
            &[Strength::PasswordToken],
            AssuranceLevel::Low,
            false,
            Some(&asks(&refs)),
        )
        .unwrap();
        assert!(!w.eidas_high, "{refs:?} where the SP takes no eID");
    }
    let w = wanted(&[], AssuranceLevel::Low, true, Some(&asks(&["MEDIUM"]))).unwrap();
    assert!(!w.eidas_high);
}

// ---- Finding 6 (LOW): the persistent NameID is OIDC's pairwise subject --------------------------

/// The persistent NameID is OIDC's pairwise `sub` function with the entityID as sector and the
/// same key (SAML.md §6.2). Default OIDC sectors are hosts and cannot equal an entityID (an
/// absolute URI), but `limen client add --sector` takes any string: a client given an SP's
/// entityID as sector then receives, for every user, exactly the NameID that SP receives, and the
/// two parties can join their users without the user or Limen's key.
#[tokio::test]
async fn an_oidc_sector_never_yields_the_nameid_of_a_saml_sp() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let (b, a) = signed_in_to(&app, &sp, &keys).await;
        assert_eq!(
            a.name_id_format.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
        );
        let sub = |client: &'static str, secret: String| {
            let (app, b) = (app.clone(), &b);
            async move {
                let code = code_via_login(b, &authorize_path(client, &[])).await;
                let t = tokens(&exchange(&app, (client, &secret), &code, None).await.1);
                let (status, info) = userinfo(&app, &t.access).await;
                assert_eq!(status, 200);
                info["sub"].as_str().unwrap().to_owned()
            }
        };
        // The twin: a pairwise client of its default sector (its host).
        let (_, secret) = app
            .add_oidc_client("rp", CB, |_, c| c.subject_type = SubjectType::Pairwise)
            .await;
        assert_ne!(sub("rp", secret).await, a.name_id);
        // A client whose sector was given as the SP's entityID.
        let entity = sp.entity_id.clone();
        let (_, secret) = app
            .add_oidc_client("twin", CB, move |_, c| {
                c.subject_type = SubjectType::Pairwise;
                c.sector = entity;
            })
            .await;
        assert_ne!(
            sub("twin", secret).await,
            a.name_id,
            "an OIDC client and a SAML SP never share a user's identifier"
        );
    })
    .await;
}

// ---- Finding 7 (LOW): /saml/init is not throttled -----------------------------------------------

/// Every answer of `/saml/init` to a signed-in browser is a Response signed at once (RSA-3072,
/// once or twice) and a session-service row: a client address gets no more of them per minute
/// than of `/saml/sso` (`saml.sso_per_minute`, SAML.md §12), whose budget it shares.
#[tokio::test]
async fn idp_initiated_sign_ins_share_the_per_address_limit() {
    fn three_a_minute(c: &mut limen_web::WebConfig) {
        c.saml.sso_per_minute = 3;
    }
    each_backend(three_a_minute, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("open");
        sp.register(&app, |_, r| r.idp_initiated = true).await;
        let keys = idp_keys(&app).await.keys;
        let (b, _) = signed_in_to(&app, &sp, &keys).await; // one request of /saml/sso
        let init = format!("/saml/init?sp={}", encode(&sp.entity_id));
        for _ in 0..2 {
            assertion_of(&b.get(&init).await, &keys);
        }
        let page = b.get(&init).await;
        assert_eq!(page.status, 429, "{}", page.body);
        assert!(auto_post(&page).is_none());
        // /saml/sso has spent the same budget.
        let page = send(&b, &sp, &sp.authn_request(&app)).await;
        assert_eq!(page.status, 429, "{}", page.body);
        // A minute later, again.
        app.advance(time::Duration::seconds(61));
        assertion_of(&b.get(&init).await, &keys);
    })
    .await;
}
