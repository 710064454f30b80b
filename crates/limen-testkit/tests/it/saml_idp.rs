//! Limen as a SAML 2.0 identity provider over HTTP (docs/SAML.md §13.2): a test service provider
//! (`limen_testkit::saml_sp`) sends AuthnRequests through the browser, over HTTP-Redirect
//! (Bindings §3.4) and HTTP-POST (Bindings §3.5), and verifies the Responses Limen's form posts
//! to its ACS against the keys `/saml/metadata` publishes (Profiles §4.1.4). Every refusal of
//! SAML.md §4.2 sits beside its accepted twin; single logout (Profiles §4.4, SAML.md §9) is
//! driven both from the SP and from Limen, across CAS and OpenID Connect. Each test runs on
//! SQLite and, with `LIMEN_TEST_PG`, PostgreSQL (the replay table is the shared store's).

use crate::oidc::{CB, authorize_path, code_via_login, exchange, tokens, userinfo};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_core::Strength;
use limen_saml::dsig::{self, PublicKey};
use limen_saml::idp::{NameIdFormat, SignPolicy, SigningAlg, status};
use limen_saml::xml::{self, ns};
use limen_testkit::saml_sp::*;
use limen_testkit::*;
use time::Duration;

const EMAIL: &str = "jane@example.org";
/// The generic page of a refused request (SAML.md §4.2 "page").
const REFUSED: &str = "The application's sign-in request could not be accepted";
const PERSISTENT: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const TRANSIENT: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

async fn setup(app: &TestApp) {
    app.add_user(EMAIL, Some("Jane"), "Doe").await;
}

/// A browser with an SSO session (signed in at `/cas/login`).
async fn signed_in(app: &TestApp) -> Browser {
    let b = app.browser();
    let page = b.login(None, EMAIL, PASSWORD).await;
    assert_eq!(page.status, 200, "signed in: {}", page.body);
    b
}

/// GET /saml/sso with `query`.
async fn sso(b: &Browser, query: &str) -> Page {
    b.get(&format!("/saml/sso?{query}")).await
}

/// `req` signed by `sp` over HTTP-Redirect.
async fn send(b: &Browser, sp: &TestSp, req: &AuthnRequest, relay: Option<&str>) -> Page {
    sso(b, &sp.redirect_query("SAMLRequest", &req.xml(), relay)).await
}

/// The login page's address a request was sent on to (`/cas/login?saml=…`).
fn continuation(page: &Page) -> String {
    assert_eq!(page.status, 303, "to the login page: {}", page.body);
    let to = page.location.clone().expect("a redirect");
    assert!(to.starts_with("/cas/login?saml="), "{to}");
    to
}

/// Whether the request was accepted: the login page, or — with a session — the form at once.
fn accepted(page: &Page) -> bool {
    (page.status == 303
        && page
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("/cas/login?saml=")))
        || (page.status == 200 && auto_post(page).is_some())
}

/// A refusal by page (SAML.md §4.2 "page"): `status`, nothing posted or redirected to the SP,
/// the generic text, and the precise reason in the audit log — which must contain `reason`, so
/// that each refusal is proven to be refused for its own reason.
async fn refused(app: &TestApp, page: &Page, status: u16, reason: &str) {
    assert_eq!(page.status, status, "{reason}: {}", page.body);
    assert!(
        auto_post(page).is_none(),
        "{reason}: nothing is sent to the SP"
    );
    assert!(page.location.is_none(), "{reason}: no redirect");
    assert!(page.text().contains(REFUSED), "{reason}: {}", page.body);
    let audit = app.store.recent_audit(1).await.unwrap();
    let last = audit.first().expect("an audit entry");
    assert_eq!(last.event, "saml.request_refused", "{last:?}");
    let logged = last.detail["reason"].as_str().unwrap_or_default();
    assert!(
        logged.to_lowercase().contains(&reason.to_lowercase()),
        "refused for {logged:?}, expected {reason:?}"
    );
}

/// The Response of a page's form, verified; its assertion must be there and say Success.
fn assertion_of(page: &Page, keys: &[PublicKey]) -> (AutoPost, SamlResponse, Assertion) {
    let (form, response) = response_in(page, keys);
    assert_eq!(response.status, status::SUCCESS, "{response:?}");
    let assertion = response.assertion.clone().expect("an assertion");
    (form, response, assertion)
}

fn seconds(d: Duration) -> i64 {
    d.whole_seconds()
}

#[tokio::test]
async fn the_metadata_is_signed_by_a_key_it_publishes_and_names_the_endpoints() {
    each_backend(defaults, |app| async move {
        let md = idp_keys(&app).await;
        assert_eq!(
            md.content_type.as_deref(),
            Some("application/samlmetadata+xml")
        );
        assert!(!md.keys.is_empty());
        let doc = xml::parse_with(&md.xml, xml::Limits::METADATA).unwrap();
        let root = doc.root_element();
        assert!(xml::is(root, ns::MD, "EntityDescriptor"));
        assert_eq!(
            root.attribute("entityID"),
            Some(app.url("/saml/metadata").as_str())
        );
        let idp = xml::one_child(root, ns::MD, "IDPSSODescriptor").unwrap();
        let endpoints = |local: &str| -> Vec<(String, String)> {
            xml::children(idp, ns::MD, local)
                .map(|e| {
                    (
                        e.attribute("Binding").unwrap_or_default().to_owned(),
                        e.attribute("Location").unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        };
        let redirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect".to_owned();
        let post = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST".to_owned();
        assert_eq!(
            endpoints("SingleSignOnService"),
            vec![
                (redirect.clone(), app.url("/saml/sso")),
                (post.clone(), app.url("/saml/sso"))
            ]
        );
        assert_eq!(
            endpoints("SingleLogoutService"),
            vec![
                (redirect, app.url("/saml/slo")),
                (post, app.url("/saml/slo"))
            ]
        );

        // The refusals beside it: the same document verifies with no other key, and a changed
        // location breaks the signature.
        let other = TestSp::new("stranger");
        let stranger = [PublicKey::from_certificate(&other.certificate_der).unwrap()];
        assert!(dsig::verify_enveloped(root, &stranger, true).is_err());
        let altered = md
            .xml
            .replace(&app.url("/saml/sso"), "https://evil.example/saml/sso");
        let altered_doc = xml::parse_with(&altered, xml::Limits::METADATA).unwrap();
        assert!(dsig::verify_enveloped(altered_doc.root_element(), &md.keys, true).is_err());
    })
    .await;
}

/// SAML.md §3: SPs may cache the metadata an hour (`Cache-Control: public, max-age=3600`), as
/// `saml::metadata` sets it.
#[tokio::test]
async fn the_metadata_may_be_cached_for_an_hour() {
    each_backend(defaults, |app| async move {
        let r = reqwest::get(app.url("/saml/metadata")).await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["cache-control"], "public, max-age=3600");
        // Its twin: a page with personal data is never stored.
        let r = reqwest::get(app.url("/cas/login")).await.unwrap();
        assert_eq!(r.headers()["cache-control"], "no-store");
    })
    .await;
}

#[tokio::test]
async fn a_signed_redirect_request_signs_in_and_answers_the_registered_acs() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |s, _| {
            s.released_attributes = vec!["uid".into(), "email".into(), "firstName".into()];
        })
        .await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let req = sp.authn_request(&app);
        let page = send(&b, &sp, &req, Some("rs-1")).await;
        let login = continuation(&page);
        let done = b.login_at(&login, EMAIL, PASSWORD).await;
        assert_eq!(done.status, 200, "{}", done.body);
        assert_eq!(done.headers["cache-control"], "no-store");
        let (form, response, a) = assertion_of(&done, &keys);
        let now = app.clock_now();

        assert_eq!(
            form.action, sp.acs[0],
            "the default ACS of the registration"
        );
        assert_eq!(form.relay_state(), Some("rs-1"), "RelayState unchanged");
        assert_eq!(response.destination.as_deref(), Some(sp.acs[0].as_str()));
        assert_eq!(response.in_response_to.as_deref(), Some(req.id.as_str()));
        assert_eq!(
            response.issuer.as_deref(),
            Some(app.url("/saml/metadata").as_str())
        );
        assert!(response.assertion_signed);
        assert!(
            !response.response_signed,
            "registered with SignPolicy::Assertion"
        );

        assert_eq!(a.issuer, app.url("/saml/metadata"));
        assert_eq!(a.audiences, vec![sp.entity_id.clone()]);
        assert_eq!(a.recipient.as_deref(), Some(sp.acs[0].as_str()));
        assert_eq!(a.subject_in_response_to.as_deref(), Some(req.id.as_str()));
        let until = a.subject_not_on_or_after.expect("NotOnOrAfter");
        assert!(
            (299..=300).contains(&seconds(until - now)),
            "{until} vs {now}"
        );
        let until = a.not_on_or_after.expect("Conditions NotOnOrAfter");
        assert!(
            (299..=300).contains(&seconds(until - now)),
            "{until} vs {now}"
        );
        assert!(a.not_before.is_some_and(|t| t <= now));
        assert_eq!(a.name_id_format.as_deref(), Some(PERSISTENT));
        assert_eq!(
            a.name_qualifier.as_deref(),
            Some(app.url("/saml/metadata").as_str())
        );
        assert_eq!(a.sp_name_qualifier.as_deref(), Some(sp.entity_id.as_str()));
        assert!(
            !a.name_id.contains("jane"),
            "a pairwise identifier: {}",
            a.name_id
        );
        assert!(a.session_index.is_some());
        assert!(a.session_not_on_or_after.is_some_and(|t| t > now));
        assert!(a.authn_instant.is_some_and(|t| t <= now));
        assert_eq!(a.authn_context.as_deref(), Some("PASSWORD"));
        // Exactly the released set.
        assert_eq!(a.attribute_names(), vec!["email", "firstName", "uid"]);
        assert_eq!(a.attribute("email"), Some(&[EMAIL.to_owned()][..]));
        assert_eq!(a.attribute("firstName"), Some(&["Jane".to_owned()][..]));

        // The SP's own check has teeth: the assertion changed (another audience), or checked
        // with another key, and it is refused.
        let text = form.message().unwrap();
        let audience = format!(">{}</", sp.entity_id);
        assert!(text.contains(&audience));
        let altered = text.replacen(&audience, ">https://evil.example/</", 1);
        assert!(read_response(&altered, &keys).is_err());
        let stranger = [PublicKey::from_certificate(&sp.certificate_der).unwrap()];
        assert!(read_response(&text, &stranger).is_err());
    })
    .await;
}

#[tokio::test]
async fn a_signed_post_request_is_accepted_and_an_altered_or_unsigned_one_refused() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let post = |fields: Vec<(String, String)>| {
            let b = &b;
            async move {
                let pairs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                b.post("/saml/sso", &pairs).await
            }
        };

        // Unsigned while the SP signs its requests: refused.
        let req = sp.authn_request(&app);
        let page = post(sp.post_fields("SAMLRequest", &req.xml(), None, false)).await;
        refused(&app, &page, 400, "unsigned, and a signature is required").await;
        // Signed by another key: refused.
        let other = TestSp::new("other");
        let page = post(other.post_fields("SAMLRequest", &req.xml(), None, true)).await;
        refused(&app, &page, 400, "does not verify with any pinned key").await;
        // Signed, then altered (another ACS index): refused.
        let fields = sp.post_fields("SAMLRequest", &req.xml(), None, true);
        let signed = String::from_utf8(B64.decode(&fields[0].1).unwrap()).unwrap();
        let altered = signed.replacen("Version=\"2.0\"", "Version=\"2.0\" ForceAuthn=\"true\"", 1);
        assert_ne!(altered, signed);
        let page = post(vec![("SAMLRequest".into(), B64.encode(altered))]).await;
        refused(&app, &page, 400, "digest mismatch").await;

        // The twin: signed and intact (with its line breaks, as senders wrap base64).
        let mut fields = sp.post_fields("SAMLRequest", &req.xml(), Some("rs-post"), true);
        let wrapped: String = fields[0]
            .1
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\r\n");
        fields[0].1 = wrapped;
        let page = post(fields).await;
        let done = b.login_at(&continuation(&page), EMAIL, PASSWORD).await;
        let (form, response, a) = assertion_of(&done, &keys);
        assert_eq!(form.action, sp.acs[0]);
        assert_eq!(form.relay_state(), Some("rs-post"));
        assert_eq!(response.in_response_to.as_deref(), Some(req.id.as_str()));
        assert_eq!(a.subject_in_response_to.as_deref(), Some(req.id.as_str()));

        // An SP with a P-256 key signs its POST requests with ECDSA-SHA256: accepted too.
        let ec = TestSp::with_key("ec", KeyType::P256);
        ec.register(&app, |_, _| {}).await;
        let req = ec.authn_request(&app);
        let page = post(ec.post_fields("SAMLRequest", &req.xml(), None, true)).await;
        let (form, _, a) = assertion_of(&page, &keys);
        assert_eq!(form.action, ec.acs[0]);
        assert_eq!(a.audiences, vec![ec.entity_id.clone()]);
    })
    .await;
}

#[tokio::test]
async fn an_unknown_sp_gets_a_page_and_nothing_is_sent() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let known = TestSp::new("known");
        known.register(&app, |_, _| {}).await;
        let unknown = TestSp::new("unknown");
        let b = signed_in(&app).await;
        let page = send(&b, &unknown, &unknown.authn_request(&app), None).await;
        refused(&app, &page, 400, "unknown service provider").await;
        assert!(page.text().contains("is not registered"), "{}", page.body);
        // Its twin, registered, is answered.
        let page = send(&b, &known, &known.authn_request(&app), None).await;
        assert!(accepted(&page), "{}", page.body);
    })
    .await;
}

#[tokio::test]
async fn the_acs_comes_only_from_the_registration_by_url_or_index() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let b = signed_in(&app).await;

        let mut req = sp.authn_request(&app);
        req.acs_url = Some("https://app.sp.test/elsewhere".into());
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "is not in the registered metadata",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.acs_url = Some("https://APP.sp.test/acs2".into());
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "is not in the registered metadata",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.acs_index = Some(7);
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "index Some(7) is not in the registered metadata",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.acs_url = Some(sp.acs[1].clone());
        req.acs_index = Some(1);
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "mutually exclusive",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.acs_url = Some(sp.acs[1].clone());
        req.protocol_binding = Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact".into());
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "is not HTTP-POST",
        )
        .await;

        // The twins: the registered second ACS by URL, then by index.
        let mut req = sp.authn_request(&app);
        req.acs_url = Some(sp.acs[1].clone());
        req.protocol_binding = Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST".into());
        let (form, response, a) = assertion_of(&send(&b, &sp, &req, None).await, &keys);
        assert_eq!(form.action, sp.acs[1]);
        assert_eq!(response.destination.as_deref(), Some(sp.acs[1].as_str()));
        assert_eq!(a.recipient.as_deref(), Some(sp.acs[1].as_str()));
        let mut req = sp.authn_request(&app);
        req.acs_index = Some(1);
        let (form, _, a) = assertion_of(&send(&b, &sp, &req, None).await, &keys);
        assert_eq!(form.action, sp.acs[1]);
        assert_eq!(a.recipient.as_deref(), Some(sp.acs[1].as_str()));
        let mut req = sp.authn_request(&app);
        req.acs_index = Some(0);
        let (form, _, _) = assertion_of(&send(&b, &sp, &req, None).await, &keys);
        assert_eq!(form.action, sp.acs[0]);
    })
    .await;
}

/// A request of `sp` whose deflated base64 holds a '/' (so that its URL encoding holds `%2F`).
fn request_with_slash(app: &TestApp, sp: &TestSp) -> AuthnRequest {
    for _ in 0..200 {
        let req = sp.authn_request(app);
        if deflate_base64(&req.xml()).contains('/') {
            return req;
        }
    }
    panic!("no request with a '/' in its encoding in 200 tries");
}

/// `query` with the value of its first parameter changed by `f`.
fn with_first_value(query: &str, f: impl Fn(&str) -> String) -> String {
    let (first, rest) = query.split_once('&').unwrap();
    let (name, value) = first.split_once('=').unwrap();
    format!("{name}={}&{rest}", f(value))
}

#[tokio::test]
async fn query_signatures_cover_the_octets_as_received() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let b = signed_in(&app).await;

        // Signed by a key the SP did not register.
        let other = TestSp::new("other");
        let req = sp.authn_request(&app);
        let page = sso(&b, &other.redirect_query("SAMLRequest", &req.xml(), None)).await;
        refused(
            &app,
            &page,
            400,
            "does not verify with any of the SP's keys",
        )
        .await;

        // One bit of the signature flipped.
        let query = sp.redirect_query("SAMLRequest", &req.xml(), Some("rs"));
        let (head, raw_signature) = query.split_once("&Signature=").unwrap();
        let decoded: String = url::form_urlencoded::parse(format!("s={raw_signature}").as_bytes())
            .next()
            .unwrap()
            .1
            .into_owned();
        let mut signature = B64.decode(decoded).unwrap();
        signature[10] ^= 1;
        let flipped = format!("{head}&Signature={}", encode(&B64.encode(&signature)));
        refused(
            &app,
            &sso(&b, &flipped).await,
            400,
            "does not verify with any of the SP's keys",
        )
        .await;
        // The RelayState changed under the signature.
        let moved = query.replacen("RelayState=rs", "RelayState=rt", 1);
        refused(
            &app,
            &sso(&b, &moved).await,
            400,
            "does not verify with any of the SP's keys",
        )
        .await;
        // SHA-1 is refused whatever the signature.
        let sha1 = query.replacen(
            &encode(dsig::uri::RSA_SHA256),
            &encode("http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
            1,
        );
        assert_ne!(sha1, query);
        refused(&app, &sso(&b, &sha1).await, 400, "SHA-1 signature").await;
        // A parameter given twice.
        refused(
            &app,
            &sso(
                &b,
                &format!("{query}&SigAlg={}", encode(dsig::uri::RSA_SHA256)),
            )
            .await,
            400,
            "holds SigAlg more than once",
        )
        .await;
        // Untouched, it is accepted (the request was not burnt by the refusals above: the
        // signature is checked before the replay table).
        assert!(accepted(&sso(&b, &query).await));

        // `%2f` as the sender wrote and signed it: accepted, the octets as received.
        let req = request_with_slash(&app, &sp);
        let lower = redirect_query("SAMLRequest", &req.xml(), None, Some(sp.signer()), true);
        assert!(lower.contains("%2f"), "{lower}");
        let page = sso(&b, &lower).await;
        assert!(
            accepted(&page),
            "lower-case escapes signed as sent: {}",
            page.body
        );
        // Signed over `%2F`, re-encoded `%2f` on the way: the same message decoded, but not the
        // signed octets — refused (a verifier that re-encoded would have accepted it).
        let req = request_with_slash(&app, &sp);
        let upper = sp.redirect_query("SAMLRequest", &req.xml(), None);
        let reencoded = with_first_value(&upper, |v| v.replace("%2F", "%2f"));
        assert_ne!(reencoded, upper);
        refused(
            &app,
            &sso(&b, &reencoded).await,
            400,
            "does not verify with any of the SP's keys",
        )
        .await;
        assert!(accepted(&sso(&b, &upper).await), "its twin as signed");
    })
    .await;
}

#[tokio::test]
async fn unsigned_requests_are_refused_when_the_sp_signs_its_requests() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let signs = TestSp::new("signs");
        signs.register(&app, |_, _| {}).await;
        let lax = TestSp::new("lax");
        lax.register(&app, |_, r| r.requests_signed = false).await;
        let b = signed_in(&app).await;
        let unsigned = |sp: &TestSp| {
            redirect_query(
                "SAMLRequest",
                &sp.authn_request(&app).xml(),
                None,
                None,
                false,
            )
        };
        refused(
            &app,
            &sso(&b, &unsigned(&signs)).await,
            400,
            "unsigned, and a signature is required",
        )
        .await;
        let page = sso(&b, &unsigned(&lax)).await;
        assert!(accepted(&page), "unsigned where allowed: {}", page.body);
        // A signature is still checked where it is not required: a bad one is refused.
        let other = TestSp::new("other");
        let req = lax.authn_request(&app);
        let page = sso(&b, &other.redirect_query("SAMLRequest", &req.xml(), None)).await;
        refused(
            &app,
            &page,
            400,
            "does not verify with any of the SP's keys",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn a_request_id_is_accepted_once() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let b = app.browser();
        let query = sp.redirect_query("SAMLRequest", &sp.authn_request(&app).xml(), None);
        continuation(&sso(&b, &query).await);
        let again = sso(&b, &query).await;
        refused(&app, &again, 400, "request ID already received").await;
        assert!(again.text().contains("already used"), "{}", again.body);
        // Another browser, or a POST of the same ID: still the same ID of the same SP.
        let req = sp.authn_request(&app);
        continuation(&send(&b, &sp, &req, None).await);
        let fields = sp.post_fields("SAMLRequest", &req.xml(), None, true);
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        refused(
            &app,
            &app.browser().post("/saml/sso", &pairs).await,
            400,
            "request ID already received",
        )
        .await;
        // The same ID from another SP is that SP's own.
        let other = TestSp::new("other");
        other.register(&app, |_, _| {}).await;
        let mut theirs = other.authn_request(&app);
        theirs.id = req.id.clone();
        continuation(&send(&b, &other, &theirs, None).await);
    })
    .await;
}

#[tokio::test]
async fn issue_instants_beyond_the_skew_are_refused() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let b = signed_in(&app).await;
        let fresh = sp.authn_request(&app);
        let stale = sp.authn_request(&app);
        app.advance(Duration::minutes(2));
        assert!(
            accepted(&send(&b, &sp, &fresh, None).await),
            "2 minutes old"
        );
        app.advance(Duration::minutes(2));
        refused(
            &app,
            &send(&b, &sp, &stale, None).await,
            400,
            "is not within 3 minutes",
        )
        .await;
        // From the future the same.
        let mut early = sp.authn_request(&app);
        early.issue_instant = app.clock_now() + Duration::minutes(4);
        refused(
            &app,
            &send(&b, &sp, &early, None).await,
            400,
            "is not within 3 minutes",
        )
        .await;
        let mut early = sp.authn_request(&app);
        early.issue_instant = app.clock_now() + Duration::minutes(2);
        assert!(
            accepted(&send(&b, &sp, &early, None).await),
            "2 minutes ahead"
        );
    })
    .await;
}

#[tokio::test]
async fn the_destination_must_be_this_sso_endpoint() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let b = signed_in(&app).await;
        let mut req = sp.authn_request(&app);
        req.destination = Some("https://other-idp.example/saml/sso".into());
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "Destination mismatch",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.destination = Some(app.url("/saml/slo"));
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "Destination mismatch",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.destination = None;
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "(absent, on a signed message)",
        )
        .await;
        assert!(accepted(
            &send(&b, &sp, &sp.authn_request(&app), None).await
        ));
    })
    .await;
}

#[tokio::test]
async fn xml_bombs_are_refused_and_their_harmless_twins_accepted() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let b = signed_in(&app).await;

        // Entity expansion: refused at the DOCTYPE (no DTD at all), signed or not.
        let mut req = sp.authn_request(&app);
        req.prolog = Some(
            "<!DOCTYPE samlp:AuthnRequest [<!ENTITY a \"aaaaaaaaaa\">\
             <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\
             <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                .into(),
        );
        req.extensions = Some("<x:e xmlns:x=\"urn:x\">&c;</x:e>".into());
        refused(&app, &send(&b, &sp, &req, None).await, 400, "DTD").await;
        let mut req = sp.authn_request(&app);
        req.extensions = Some("<x:e xmlns:x=\"urn:x\">aaaaaaaaaa</x:e>".into());
        assert!(
            accepted(&send(&b, &sp, &req, None).await),
            "the same without DTD"
        );

        // Nesting: the root is depth 1, Extensions 2; 63 more elements make 65.
        let nested = |n: usize| {
            format!(
                "<x:e xmlns:x=\"urn:x\">{}{}</x:e>",
                "<x:e>".repeat(n - 1),
                "</x:e>".repeat(n - 1)
            )
        };
        let mut req = sp.authn_request(&app);
        req.extensions = Some(nested(63));
        refused(
            &app,
            &send(&b, &sp, &req, None).await,
            400,
            "nested deeper than 64",
        )
        .await;
        let mut req = sp.authn_request(&app);
        req.extensions = Some(nested(62));
        assert!(accepted(&send(&b, &sp, &req, None).await), "64 deep");

        // Size: 64 KiB + 1 after inflating, against exactly 64 KiB.
        let sized = |bytes: usize| {
            let mut req = sp.authn_request(&app);
            req.extensions = Some("<x:pad xmlns:x=\"urn:x\"></x:pad>".into());
            let bare = req.xml().len();
            req.extensions = Some(format!(
                "<x:pad xmlns:x=\"urn:x\">{}</x:pad>",
                "A".repeat(bytes - bare)
            ));
            assert_eq!(req.xml().len(), bytes);
            req
        };
        let big = sized(64 * 1024 + 1);
        refused(
            &app,
            &send(&b, &sp, &big, None).await,
            400,
            "inflates to more than 65536 bytes",
        )
        .await;
        let fits = sized(64 * 1024);
        assert!(accepted(&send(&b, &sp, &fits, None).await), "64 KiB");
    })
    .await;
}

#[tokio::test]
async fn relay_state_over_80_bytes_is_refused() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let b = signed_in(&app).await;
        let long = "r".repeat(81);
        refused(
            &app,
            &send(&b, &sp, &sp.authn_request(&app), Some(&long)).await,
            400,
            "RelayState of 81 bytes",
        )
        .await;
        let fits = "é".repeat(40);
        assert_eq!(fits.len(), 80);
        let page = send(&b, &sp, &sp.authn_request(&app), Some(&fits)).await;
        let (form, _, _) = assertion_of(&page, &keys);
        assert_eq!(
            form.relay_state(),
            Some(fits.as_str()),
            "passed back unchanged"
        );
    })
    .await;
}

#[tokio::test]
async fn is_passive_answers_at_once_with_the_session_or_no_passive() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;

        // No session: NoPassive to the ACS, never a page.
        let b = app.browser();
        let mut req = sp.authn_request(&app);
        req.is_passive = true;
        let page = send(&b, &sp, &req, Some("rs-p")).await;
        let (form, response) = response_in(&page, &keys);
        assert_eq!(form.action, sp.acs[0]);
        assert_eq!(form.relay_state(), Some("rs-p"));
        assert_eq!(response.status, status::RESPONDER);
        assert_eq!(response.second_status.as_deref(), Some(status::NO_PASSIVE));
        assert_eq!(response.in_response_to.as_deref(), Some(req.id.as_str()));
        assert_eq!(response.destination.as_deref(), Some(sp.acs[0].as_str()));
        assert!(response.assertion.is_none());
        assert!(response.response_signed, "an error Response is signed");

        // With a session: the assertion at once.
        let b = signed_in(&app).await;
        let mut req = sp.authn_request(&app);
        req.is_passive = true;
        let (_, response, a) = assertion_of(&send(&b, &sp, &req, None).await, &keys);
        assert_eq!(response.in_response_to.as_deref(), Some(req.id.as_str()));
        assert_eq!(a.audiences, vec![sp.entity_id.clone()]);
        // Passive and forced together cannot be met (a fresh proof is not passive).
        let mut req = sp.authn_request(&app);
        req.is_passive = true;
        req.force_authn = true;
        let (_, response) = response_in(&send(&b, &sp, &req, None).await, &keys);
        assert_eq!(response.second_status.as_deref(), Some(status::NO_PASSIVE));
    })
    .await;
}

#[tokio::test]
async fn requests_that_cannot_be_met_are_answered_with_their_status() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |s, _| s.accepted_strengths = vec![Strength::Password])
            .await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let status_of = |page: &Page| {
            let (form, r) = response_in(page, &keys);
            assert_eq!(form.action, sp.acs[0]);
            assert!(r.assertion.is_none());
            (r.status, r.second_status.unwrap_or_default())
        };

        // A strength the SP was not registered for: NoAuthnContext at once, no login page.
        let mut req = sp.authn_request(&app);
        req.authn_context = Some(("exact".into(), vec!["PASSWORD_SMS".into()]));
        let page = send(&b, &sp, &req, None).await;
        assert_eq!(
            status_of(&page),
            (status::RESPONDER.into(), status::NO_AUTHN_CONTEXT.into())
        );
        // A NameID format the SP may not have: InvalidNameIDPolicy.
        let mut req = sp.authn_request(&app);
        req.name_id_format = Some(EMAIL_FORMAT.into());
        assert_eq!(
            status_of(&send(&b, &sp, &req, None).await),
            (
                status::REQUESTER.into(),
                status::INVALID_NAMEID_POLICY.into()
            )
        );
        // A request about a given subject: RequestUnsupported.
        let mut req = sp.authn_request(&app);
        req.subject = Some(EMAIL.into());
        assert_eq!(
            status_of(&send(&b, &sp, &req, None).await),
            (status::REQUESTER.into(), status::REQUEST_UNSUPPORTED.into())
        );

        // The twins: PASSWORD, a persistent NameID, no Subject — signed in and answered.
        let mut req = sp.authn_request(&app);
        req.authn_context = Some(("exact".into(), vec!["PASSWORD".into()]));
        req.name_id_format = Some(PERSISTENT.into());
        let done = b
            .login_at(
                &continuation(&send(&b, &sp, &req, None).await),
                EMAIL,
                PASSWORD,
            )
            .await;
        let (_, _, a) = assertion_of(&done, &keys);
        assert_eq!(a.authn_context.as_deref(), Some("PASSWORD"));
        assert_eq!(a.name_id_format.as_deref(), Some(PERSISTENT));
        // An SP allowed e-mail NameIDs gets the address.
        let mail = TestSp::new("mail");
        mail.register(&app, |_, r| {
            r.nameid_formats = vec![NameIdFormat::Persistent, NameIdFormat::Email]
        })
        .await;
        let mut req = mail.authn_request(&app);
        req.name_id_format = Some(EMAIL_FORMAT.into());
        let (_, _, a) = assertion_of(&send(&b, &mail, &req, None).await, &keys);
        assert_eq!(a.name_id, EMAIL);
        assert_eq!(a.name_id_format.as_deref(), Some(EMAIL_FORMAT));
    })
    .await;
}

#[tokio::test]
async fn force_authn_asks_the_password_again() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let b = signed_in(&app).await;
        let (_, _, first) =
            assertion_of(&send(&b, &sp, &sp.authn_request(&app), None).await, &keys);
        app.advance(Duration::minutes(10));

        // Without ForceAuthn: at once, the proof of the session.
        let (_, _, again) =
            assertion_of(&send(&b, &sp, &sp.authn_request(&app), None).await, &keys);
        assert_eq!(again.authn_instant, first.authn_instant);
        // With it: the password step, directly (no e-mail to retype), then a fresh proof.
        let mut req = sp.authn_request(&app);
        req.force_authn = true;
        let login = continuation(&send(&b, &sp, &req, None).await);
        let form = b.get(&login).await;
        assert_eq!(form.status, 200);
        assert!(form.contains("name=\"password\""), "{}", form.body);
        assert!(
            auto_post(&form).is_none(),
            "no assertion before the password"
        );
        let done = b.password_step(&form, EMAIL, PASSWORD).await;
        let (_, response, fresh) = assertion_of(&done, &keys);
        assert_eq!(response.in_response_to.as_deref(), Some(req.id.as_str()));
        assert!(fresh.authn_instant > first.authn_instant, "{fresh:?}");
        // The session lived on: the same session index.
        assert_eq!(fresh.session_index, first.session_index);
    })
    .await;
}

/// An assertion with a transient NameID for `sp`, at once (the browser has a session).
async fn transient(app: &TestApp, b: &Browser, sp: &TestSp, keys: &[PublicKey]) -> Assertion {
    let mut req = sp.authn_request(app);
    req.name_id_format = Some(TRANSIENT.into());
    assertion_of(&send(b, sp, &req, None).await, keys).2
}

#[tokio::test]
async fn persistent_nameids_are_stable_per_sp_and_transient_ones_are_not() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let one = TestSp::new("one");
        one.register(&app, |_, _| {}).await;
        let two = TestSp::new("two");
        two.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let name_id = |page: &Page| assertion_of(page, &keys).2;

        let b1 = signed_in(&app).await;
        let b2 = signed_in(&app).await;
        let a1 = name_id(&send(&b1, &one, &one.authn_request(&app), None).await);
        let a2 = name_id(&send(&b2, &one, &one.authn_request(&app), None).await);
        assert_eq!(a1.name_id, a2.name_id, "one account, one SP, two logins");
        assert_ne!(a1.session_index, a2.session_index, "two sessions");
        let b = name_id(&send(&b1, &two, &two.authn_request(&app), None).await);
        assert_ne!(a1.name_id, b.name_id, "another SP, another identifier");
        assert_ne!(
            a1.session_index, b.session_index,
            "nor the same session index"
        );

        let t1 = transient(&app, &b1, &one, &keys).await;
        let t2 = transient(&app, &b1, &one, &keys).await;
        assert_eq!(t1.name_id_format.as_deref(), Some(TRANSIENT));
        assert_ne!(t1.name_id, t2.name_id, "transient: new each time");
        assert_ne!(t1.name_id, a1.name_id);
    })
    .await;
}

#[tokio::test]
async fn the_sealed_continuation_is_single_use_and_bound_to_its_browser() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;

        // Used once, then replayed (back button, copied URL): no second assertion.
        let b = app.browser();
        let login = continuation(&send(&b, &sp, &sp.authn_request(&app), None).await);
        let done = b.login_at(&login, EMAIL, PASSWORD).await;
        assertion_of(&done, &keys);
        let replayed = b.get(&login).await;
        refused(&app, &replayed, 400, "already answered").await;
        assert!(
            replayed.text().contains("already used"),
            "{}",
            replayed.body
        );

        // Opened in another browser (the link sent to a victim), who signs in there: refused.
        let attacker = app.browser();
        let login = continuation(&send(&attacker, &sp, &sp.authn_request(&app), None).await);
        let victim = app.browser();
        let page = victim.login_at(&login, EMAIL, PASSWORD).await;
        refused(&app, &page, 403, "started in another browser").await;
        assert!(page.text().contains("another browser"), "{}", page.body);
        // The browser that brought it still can (the refusal consumed nothing).
        let page = attacker.login_at(&login, EMAIL, PASSWORD).await;
        assertion_of(&page, &keys);

        // An altered continuation is no request at all.
        let altered = login.replacen("saml=", "saml=x", 1);
        let page = app.browser().get(&altered).await;
        assert!(page.status >= 400, "{}", page.body);
        assert!(auto_post(&page).is_none());
    })
    .await;
}

#[tokio::test]
async fn what_is_signed_follows_the_registration() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let both = TestSp::new("both");
        both.register(&app, |_, r| r.sign = SignPolicy::Both).await;
        let response_only = TestSp::new("resp");
        response_only
            .register(&app, |_, r| r.sign = SignPolicy::Response)
            .await;
        let ec = TestSp::new("ec");
        ec.register(&app, |_, r| r.signing_alg = SigningAlg::EcdsaSha256)
            .await;
        let rsa_keys = idp_keys(&app).await.keys;
        let b = signed_in(&app).await;

        // Both: two signatures, each checked apart, and the assertion by verify_enveloped on a
        // copy without the outer one (verify_enveloped wants one signature per document).
        let page = send(&b, &both, &both.authn_request(&app), None).await;
        let (form, r, _) = assertion_of(&page, &rsa_keys);
        assert!(r.response_signed && r.assertion_signed);
        let text = form.message().unwrap();
        let doc = xml::parse(&text).unwrap();
        assert!(
            dsig::verify_enveloped(doc.root_element(), &rsa_keys, true).is_err(),
            "verify_enveloped refuses a document with two signatures"
        );
        // Response only.
        let page = send(&b, &response_only, &response_only.authn_request(&app), None).await;
        let (_, r, _) = assertion_of(&page, &rsa_keys);
        assert!(r.response_signed && !r.assertion_signed);

        // ECDSA-SHA256: not verifiable with the RSA key alone; the metadata publishes the EC key
        // from the first request on (SPs pin the metadata they loaded), and with it it verifies.
        let page = send(&b, &ec, &ec.authn_request(&app), None).await;
        let form = auto_post(&page).expect("a form");
        let text = form.message().unwrap();
        assert!(text.contains(dsig::uri::ECDSA_SHA256), "{text}");
        let rsa_only: Vec<PublicKey> = rsa_keys
            .iter()
            .filter(|k| matches!(k, PublicKey::Rsa(_)))
            .cloned()
            .collect();
        assert!(read_response(&text, &rsa_only).is_err());
        assert!(
            rsa_keys.len() > rsa_only.len(),
            "the EC certificate is published from the first metadata"
        );
        let r = read_response(&text, &rsa_keys).unwrap();
        assert_eq!(r.status, status::SUCCESS);
    })
    .await;
}

#[tokio::test]
async fn idp_initiated_sign_in_only_for_sps_registered_for_it() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let closed = TestSp::new("closed");
        closed.register(&app, |_, _| {}).await;
        let open = TestSp::new("open");
        open.register(&app, |_, r| r.idp_initiated = true).await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let init = |sp: &TestSp, relay: &str| {
            format!(
                "/saml/init?sp={}&RelayState={}",
                encode(&sp.entity_id),
                encode(relay)
            )
        };
        refused(
            &app,
            &b.get(&init(&closed, "/x")).await,
            400,
            "IdP-initiated sign-in is not enabled",
        )
        .await;
        refused(
            &app,
            &b.get("/saml/init?sp=https%3A%2F%2Fnobody.sp.test%2Fmetadata")
                .await,
            400,
            "unknown service provider",
        )
        .await;
        refused(
            &app,
            &b.get(&init(&open, &"r".repeat(81))).await,
            400,
            "RelayState over 80 bytes",
        )
        .await;

        let page = b.get(&init(&open, "/welcome")).await;
        let done = b.login_at(&continuation(&page), EMAIL, PASSWORD).await;
        let (form, response, a) = assertion_of(&done, &keys);
        assert_eq!(form.action, open.acs[0]);
        assert_eq!(form.relay_state(), Some("/welcome"));
        assert_eq!(response.in_response_to, None, "unsolicited");
        assert_eq!(a.subject_in_response_to, None);
        assert_eq!(a.audiences, vec![open.entity_id.clone()]);
        // With the session, at once; not single use (there is no request ID to bind).
        let (_, _, again) = assertion_of(&b.get(&init(&open, "/welcome")).await, &keys);
        assert_eq!(again.name_id, a.name_id);
    })
    .await;
}

/// A CAS service login: `true` when the session answered with a ticket at once.
async fn cas_signed_in(b: &Browser, service: &str) -> bool {
    let page = b
        .get(&format!("/cas/login?service={}", encode(service)))
        .await;
    match page.status {
        303 => page.ticket().is_some(),
        200 => false,
        other => panic!("CAS login answered {other}: {}", page.body),
    }
}

#[tokio::test]
async fn a_signed_logout_request_from_the_sp_ends_the_session() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let sp = TestSp::new("app");
        sp.register(&app, |_, _| {}).await;
        let cas = "http://127.0.0.1:9/app/";
        app.add_service("CAS app", "http://127.0.0.1:9/app/*", |_| {})
            .await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let login = continuation(&send(&b, &sp, &sp.authn_request(&app), None).await);
        let (_, _, a) = assertion_of(&b.login_at(&login, EMAIL, PASSWORD).await, &keys);
        assert!(cas_signed_in(&b, cas).await);

        // Unsigned: refused, and the session lives on.
        let unsigned = sp.logout_request(&app, &a);
        let query = redirect_query("SAMLRequest", &unsigned.xml(), None, None, false);
        refused(
            &app,
            &b.get(&format!("/saml/slo?{query}")).await,
            400,
            "unsigned, and a signature is required",
        )
        .await;
        // Signed by another key: the same.
        let other = TestSp::new("other");
        let forged = sp.logout_request(&app, &a);
        let query = other.redirect_query("SAMLRequest", &forged.xml(), None);
        refused(
            &app,
            &b.get(&format!("/saml/slo?{query}")).await,
            400,
            "does not verify with any of the SP's keys",
        )
        .await;
        assert!(cas_signed_in(&b, cas).await, "nothing ended");
        // Signed, but sent to another endpoint: refused.
        let mut elsewhere = sp.logout_request(&app, &a);
        elsewhere.destination = Some(app.url("/saml/sso"));
        let query = sp.redirect_query("SAMLRequest", &elsewhere.xml(), None);
        refused(
            &app,
            &b.get(&format!("/saml/slo?{query}")).await,
            400,
            "Destination mismatch",
        )
        .await;
        // Signed, for another principal or another session of it: Success all the same, and
        // nothing ends (an error would tell the sender which sessions exist, SAML.md §9.2).
        let mut someone_else = sp.logout_request(&app, &a);
        someone_else.name_id = "_someone-else".into();
        let mut other_session = sp.logout_request(&app, &a);
        other_session.session_index = Some("_another-session".into());
        for request in [someone_else, other_session] {
            let query = sp.redirect_query("SAMLRequest", &request.xml(), None);
            let page = b.get(&format!("/saml/slo?{query}")).await;
            assert_eq!(page.status, 303, "{}", page.body);
            let answer = read_redirect(page.location.as_deref().unwrap(), &keys).unwrap();
            assert_eq!(answer.endpoint, sp.slo);
            assert_eq!(answer.status().as_deref(), Some(status::SUCCESS));
            assert_eq!(answer.root_attr("InResponseTo"), Some(request.id.clone()));
            assert!(cas_signed_in(&b, cas).await, "nothing ended");
        }

        // Signed: the session ends, and the SP gets a signed LogoutResponse Success.
        let request = sp.logout_request(&app, &a);
        let query = sp.redirect_query("SAMLRequest", &request.xml(), Some("slo-rs"));
        let page = b.get(&format!("/saml/slo?{query}")).await;
        assert_eq!(page.status, 303, "{}", page.body);
        let to = page.location.clone().unwrap();
        let answer = read_redirect(&to, &keys).expect("a LogoutResponse signed by the IdP");
        assert_eq!(answer.endpoint, sp.slo);
        assert_eq!(answer.field, "SAMLResponse");
        assert_eq!(answer.root_name(), "LogoutResponse");
        assert_eq!(answer.status().as_deref(), Some(status::SUCCESS));
        assert_eq!(answer.root_attr("InResponseTo"), Some(request.id.clone()));
        assert_eq!(answer.root_attr("Destination"), Some(sp.slo.clone()));
        assert_eq!(answer.relay_state.as_deref(), Some("slo-rs"));
        assert_eq!(
            answer.text_of(ns::SAML, "Issuer"),
            Some(app.url("/saml/metadata"))
        );
        assert!(
            !cas_signed_in(&b, cas).await,
            "the CAS login asks credentials again"
        );
        // A new SAML request goes to the login page again.
        continuation(&send(&b, &sp, &sp.authn_request(&app), None).await);
        // The same LogoutRequest again: a replay, refused.
        refused(
            &app,
            &b.get(&format!("/saml/slo?{query}")).await,
            400,
            "LogoutRequest ID already received",
        )
        .await;
    })
    .await;
}

/// Follows Limen's logout chain: each redirect to an SP's SLO endpoint is answered by that SP
/// with a signed LogoutResponse (or by `answer`'s choice); returns the SPs visited and the last
/// page.
async fn follow_chain(
    app: &TestApp,
    b: &Browser,
    mut page: Page,
    sps: &[(&TestSp, &Assertion)],
    keys: &[PublicKey],
    unsigned_for: Option<&str>,
) -> (Vec<String>, Page) {
    let mut visited = Vec::new();
    while page.status == 303 {
        let to = page.location.clone().unwrap();
        let Some((sp, a)) = sps.iter().find(|(sp, _)| to.starts_with(&sp.slo)) else {
            break;
        };
        let request = read_redirect(&to, keys).expect("a LogoutRequest signed by the IdP");
        assert_eq!(request.root_name(), "LogoutRequest");
        assert_eq!(request.root_attr("Destination"), Some(sp.slo.clone()));
        assert_eq!(request.text_of(ns::SAML, "NameID"), Some(a.name_id.clone()));
        assert_eq!(request.text_of(ns::SAMLP, "SessionIndex"), a.session_index);
        let plan = request.relay_state.clone().expect("the plan's RelayState");
        let id = request.root_attr("ID").unwrap();
        let xml = sp.logout_response(app, &id, status::SUCCESS);
        let query = if unsigned_for == Some(sp.entity_id.as_str()) {
            redirect_query("SAMLResponse", &xml, Some(&plan), None, false)
        } else {
            // The right response in another browser (the plan is bound to this one), and a
            // response to another request, are refused first; the plan stays as it was.
            let elsewhere = sp.redirect_query("SAMLResponse", &xml, Some(&plan));
            refused(
                app,
                &app.browser().get(&format!("/saml/slo?{elsewhere}")).await,
                400,
                "in another browser than its logout",
            )
            .await;
            let wrong = sp.logout_response(app, "_not-the-request", status::SUCCESS);
            let q = sp.redirect_query("SAMLResponse", &wrong, Some(&plan));
            refused(
                app,
                &b.get(&format!("/saml/slo?{q}")).await,
                400,
                "InResponseTo does not match",
            )
            .await;
            sp.redirect_query("SAMLResponse", &xml, Some(&plan))
        };
        visited.push(sp.entity_id.clone());
        page = b.get(&format!("/saml/slo?{query}")).await;
    }
    (visited, page)
}

#[tokio::test]
async fn logout_at_limen_chains_through_every_saml_sp_and_ends_cas_and_oidc_too() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let one = TestSp::new("one");
        one.register(&app, |_, _| {}).await;
        let two = TestSp::new("two");
        two.register(&app, |_, _| {}).await;
        let listener = Receiver::start(200).await;
        let cas = format!("{}/app/page", listener.base);
        app.add_service("Listens", &format!("{}/app/*", listener.base), |s| {
            s.single_logout = true
        })
        .await;
        let (_, secret) = app.add_oidc_client("rp", CB, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;

        let b = app.browser();
        let login = continuation(&send(&b, &one, &one.authn_request(&app), None).await);
        let (_, _, a1) = assertion_of(&b.login_at(&login, EMAIL, PASSWORD).await, &keys);
        let (_, _, a2) = assertion_of(&send(&b, &two, &two.authn_request(&app), None).await, &keys);
        let ticket_page = b.get(&format!("/cas/login?service={}", encode(&cas))).await;
        let ticket = ticket_page.ticket().expect("a CAS ticket");
        let code = code_via_login(&b, &authorize_path("rp", &[])).await;
        let t = tokens(&exchange(&app, ("rp", &secret), &code, None).await.1);
        assert_eq!(userinfo(&app, &t.access).await.0, 200);

        let page = b.get("/cas/logout").await;
        let (visited, last) =
            follow_chain(&app, &b, page, &[(&one, &a1), (&two, &a2)], &keys, None).await;
        let mut sorted = visited.clone();
        sorted.sort();
        assert_eq!(sorted, vec![one.entity_id.clone(), two.entity_id.clone()]);
        assert_eq!(last.status, 200, "{}", last.body);
        assert!(
            last.text().contains("You have been logged out"),
            "{}",
            last.body
        );
        assert!(!last.text().contains("did not confirm"), "{}", last.body);

        // CAS heard it on the back channel, the OIDC grant ended, the session is gone.
        let got = listener.wait_for(1, 5).await;
        assert_eq!(got.len(), 1);
        let form: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(got[0].body.as_bytes())
                .into_owned()
                .collect();
        assert_eq!(
            limen_cas::parse_logout_request(&form["logoutRequest"]).as_deref(),
            Some(ticket.as_str())
        );
        assert_eq!(userinfo(&app, &t.access).await.0, 401);
        assert!(!cas_signed_in(&b, &cas).await);
        continuation(&send(&b, &one, &one.authn_request(&app), None).await);
    })
    .await;
}

#[tokio::test]
async fn an_unverified_logout_response_leaves_its_sp_named_on_the_page() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let one = TestSp::new("one");
        one.register(&app, |_, _| {}).await;
        let two = TestSp::new("two");
        two.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let login = continuation(&send(&b, &one, &one.authn_request(&app), None).await);
        let (_, _, a1) = assertion_of(&b.login_at(&login, EMAIL, PASSWORD).await, &keys);
        let (_, _, a2) = assertion_of(&send(&b, &two, &two.authn_request(&app), None).await, &keys);
        let page = b.get("/cas/logout").await;
        let (visited, last) = follow_chain(
            &app,
            &b,
            page,
            &[(&one, &a1), (&two, &a2)],
            &keys,
            Some(&two.entity_id),
        )
        .await;
        assert_eq!(visited.len(), 2);
        assert_eq!(last.status, 200, "{}", last.body);
        let text = last.text();
        assert!(text.contains("did not confirm"), "{text}");
        assert!(text.contains("two.sp.test"), "{text}");
        assert!(!text.contains("one.sp.test"), "{text}");
        // The session ended all the same.
        continuation(&send(&b, &one, &one.authn_request(&app), None).await);
    })
    .await;
}

#[tokio::test]
async fn an_sp_initiated_logout_tells_the_other_saml_sp_before_answering() {
    each_backend(defaults, |app| async move {
        setup(&app).await;
        let one = TestSp::new("one");
        one.register(&app, |_, _| {}).await;
        let two = TestSp::new("two");
        two.register(&app, |_, _| {}).await;
        let keys = idp_keys(&app).await.keys;
        let b = app.browser();
        let login = continuation(&send(&b, &one, &one.authn_request(&app), None).await);
        let (_, _, a1) = assertion_of(&b.login_at(&login, EMAIL, PASSWORD).await, &keys);
        let (_, _, a2) = assertion_of(&send(&b, &two, &two.authn_request(&app), None).await, &keys);

        let request = one.logout_request(&app, &a1);
        let query = one.redirect_query("SAMLRequest", &request.xml(), Some("from-one"));
        let page = b.get(&format!("/saml/slo?{query}")).await;
        // Two first (the initiator is not asked), then one's answer.
        let (visited, last) = follow_chain(&app, &b, page, &[(&two, &a2)], &keys, None).await;
        assert_eq!(visited, vec![two.entity_id.clone()]);
        assert_eq!(last.status, 303, "{}", last.body);
        let answer = read_redirect(last.location.as_deref().unwrap(), &keys).unwrap();
        assert_eq!(answer.endpoint, one.slo);
        assert_eq!(answer.status().as_deref(), Some(status::SUCCESS));
        assert_eq!(answer.root_attr("InResponseTo"), Some(request.id.clone()));
        assert_eq!(answer.relay_state.as_deref(), Some("from-one"));
    })
    .await;
}

#[tokio::test]
async fn the_demo_sp_shows_a_verified_assertion_once() {
    each_backend(defaults, |app| async move {
        app.add_user(EMAIL, Some("Jane"), "Doe").await;
        let b = app.browser();
        let intro = b.get("/demo/saml").await;
        assert_eq!(intro.status, 200);
        assert!(intro.contains("id=\"demo-saml-start\""));
        let start = b.get("/demo/saml?start=1").await;
        assert_eq!(start.status, 303);
        let sso = start.location.unwrap();
        assert!(sso.starts_with("/saml/sso?SAMLRequest="), "{sso}");
        let to_login = b.get(&sso).await;
        let done = b
            .login_at(to_login.location.as_deref().unwrap(), EMAIL, PASSWORD)
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        let form = auto_post(&done).expect("the auto-post form");
        assert_eq!(form.action, app.url("/demo/saml/acs"));
        let fields: Vec<(&str, &str)> = form
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = b.post("/demo/saml/acs", &fields).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.contains("id=\"saml-name-id\""), "{}", page.body);
        assert!(page.text().contains(EMAIL), "the email attribute is shown");
        assert!(
            page.text().contains("PASSWORD"),
            "the authentication context"
        );
        // The demo answers each of its requests once: the same Response again is refused.
        let again = b.post("/demo/saml/acs", &fields).await;
        assert_eq!(again.status, 400);
        // A Response altered after signing is refused (a fresh request: only the signature is wrong).
        let start = b.get("/demo/saml?start=1").await;
        let again_login = b.get(start.location.as_deref().unwrap()).await;
        let form2 = auto_post(&again_login).expect("signed in: the form at once");
        let tampered: Vec<(String, String)> = form2
            .fields
            .iter()
            .map(|(k, v)| {
                if k == "SAMLResponse" {
                    let xml = String::from_utf8(B64.decode(v).unwrap()).unwrap();
                    assert!(xml.contains(EMAIL));
                    (
                        k.clone(),
                        B64.encode(xml.replace(EMAIL, "mallory@example.org")),
                    )
                } else {
                    (k.clone(), v.clone())
                }
            })
            .collect();
        let forged: Vec<(&str, &str)> = tampered
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let refused = b.post("/demo/saml/acs", &forged).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(refused.text().contains("digest"), "{}", refused.body);
    })
    .await;
}
