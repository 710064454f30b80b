//! Security keys, trusted platforms and passkeys (issue 5, seeds 003/004), driven over HTTP with
//! the software authenticator of `limen_testkit::webauthn` playing the browser and the device:
//! registration in My account (with step-up for a second key, rename, delete, security
//! e-mails), login with password and key, step-up of a password session, `renew`, the device
//! choice, passwordless passkey login, and the refusals — deleted keys, keys of another
//! account, wrong origin or RP ID, replayed and expired ceremonies, counter regressions,
//! malformed answers and forged requests.
//!
//! The test server listens on `http://127.0.0.1:PORT`; its RP ID is `localhost` and its origin
//! `http://localhost:PORT` (`WebauthnConfig::for_public_url`), which the authenticator puts into
//! `clientDataJSON`.

use limen_core::{Email, Strength};
use limen_testkit::webauthn::{Attachment, SoftAuthenticator, SoftError};
use limen_testkit::*;
use serde_json::Value;

/// A service accepting only `PASSWORD_WEBAUTHN`.
pub const KEY_ONLY: &str = "http://127.0.0.1:9/strong/";
/// A service accepting every strength.
pub const OPEN: &str = "http://127.0.0.1:9/app/";

const JANE: &str = "jane@example.org";
const JOHN: &str = "john@example.org";

/// The AAGUID of the "YubiKey 5 Series" (FIDO Metadata Service), for the model column.
const YUBIKEY_5: [u8; 16] = [
    0xee, 0x88, 0x28, 0x79, 0x72, 0x1c, 0x49, 0x13, 0x97, 0x75, 0x3d, 0xfc, 0xce, 0x97, 0x07, 0x2a,
];

const MSG_OTHER_ACCOUNT: &str = "This security key belongs to another account.";
const MSG_EXPIRED: &str = "This verification took too long or was already used.";
const MSG_REFUSED: &str = "The answer of your device could not be verified.";
const MSG_UNKNOWN: &str = "This security key or passkey is not registered with any account";
const MSG_CLONED: &str = "This security key has been blocked: its signature counter went backwards";
const MSG_NOT_VERIFIED: &str = "Your device did not verify you (PIN, fingerprint or face).";
const MSG_CSRF: &str = "This form has expired or was sent from another site.";

// --- Helpers shared with strength_policy.rs ---------------------------------------------------

/// The WebAuthn origin of the test server: its port on `localhost`.
pub fn origin(app: &TestApp) -> String {
    let port = app
        .base
        .rsplit(':')
        .next()
        .expect("the base URL has a port");
    format!("http://localhost:{port}")
}

/// The two services most tests use: one requiring a key (releasing `authenticationLevel` too),
/// one open to every strength.
pub async fn services(app: &TestApp) {
    app.add_service("Strong", "http://127.0.0.1:9/strong/*", |s| {
        s.accepted_strengths = vec![Strength::PasswordWebauthn];
        s.released_attributes.push("authenticationLevel".into());
    })
    .await;
    app.add_service("App", "http://127.0.0.1:9/app/*", |s| {
        s.released_attributes.push("authenticationLevel".into());
    })
    .await;
}

fn html_unescape(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#x2f;", "/")
        .replace("&#x3d;", "=")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// A ceremony page's form: where it posts, its mode, and what the page hands the browser.
#[derive(Debug, Clone)]
pub struct Ceremony {
    pub action: String,
    pub mode: String,
    pub csrf: String,
    pub token: String,
    pub options: Value,
}

/// Reads `form#webauthn-ceremony` and its `script#webauthn-options`.
pub fn ceremony(page: &Page) -> Ceremony {
    let body = &page.body;
    let start = body
        .find("<form id=\"webauthn-ceremony\"")
        .unwrap_or_else(|| panic!("no ceremony form ({}): {body}", page.status));
    let end = body[start..].find('>').expect("the form tag ends") + start;
    let tag = &body[start..end];
    let attr = |name: &str| {
        let marker = format!(" {name}=\"");
        let from = tag.find(&marker).expect("attribute") + marker.len();
        let to = tag[from..].find('"').expect("attribute ends") + from;
        html_unescape(&tag[from..to])
    };
    let marker = "<script type=\"application/json\" id=\"webauthn-options\">";
    let from = body.find(marker).expect("options script") + marker.len();
    let to = body[from..].find("</script>").expect("script ends") + from;
    let options = serde_json::from_str(&body[from..to]).expect("the options are JSON");
    Ceremony {
        action: attr("action"),
        mode: attr("data-mode"),
        csrf: page.csrf(),
        token: page.input_value("ceremony").expect("ceremony token"),
        options,
    }
}

/// Posts `credential` as the page's script would.
pub async fn answer(b: &Browser, c: &Ceremony, credential: &Value) -> Page {
    answer_raw(
        b,
        c,
        &serde_json::to_string(credential).expect("credential JSON"),
    )
    .await
}

pub async fn answer_raw(b: &Browser, c: &Ceremony, credential: &str) -> Page {
    b.post(
        &c.action,
        &[
            ("csrf_token", c.csrf.as_str()),
            ("ceremony", c.token.as_str()),
            ("credential", credential),
        ],
    )
    .await
}

/// A browser signed in with the password (no service).
pub async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    let page = b.login(None, email, PASSWORD).await;
    assert_eq!(page.status, 200, "password login of {email}: {}", page.body);
    b
}

/// From My account: names a new device of `kind` and returns the registration ceremony page.
pub async fn start_adding(b: &Browser, kind: &str, name: &str) -> Page {
    let form = b.get(&format!("/account/webauthn/add?kind={kind}")).await;
    assert_eq!(
        form.status, 200,
        "add form: {:?} {}",
        form.location, form.body
    );
    let page = b
        .post(
            "/account/webauthn/add",
            &[
                ("csrf_token", form.csrf().as_str()),
                ("kind", kind),
                ("name", name),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "ceremony page: {}", page.body);
    page
}

/// Registers a device with `auth` from My account; asserts it was added.
pub async fn register(
    app: &TestApp,
    b: &Browser,
    auth: &mut SoftAuthenticator,
    kind: &str,
    name: &str,
) {
    let page = start_adding(b, kind, name).await;
    let c = ceremony(&page);
    assert_eq!(c.mode, "create");
    let credential = auth.create(&c.options, &origin(app)).expect("create");
    let done = answer(b, &c, &credential).await;
    assert_eq!(done.status, 303, "registration: {}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("/account/webauthn?added={kind}").as_str())
    );
    let list = b.get(&format!("/account/webauthn?added={kind}")).await;
    let said = match kind {
        "passkey" => "The passkey has been added.",
        "platform" => "The trusted platform has been added.",
        _ => "The security key has been added.",
    };
    assert!(list.text().contains(said), "{}", list.text());
}

/// A new browser, signed in with the password, registers a security key on `auth` for `email`.
pub async fn with_key(app: &TestApp, email: &str, auth: &mut SoftAuthenticator, name: &str) {
    let b = signed_in(app, email).await;
    register(app, &b, auth, "security_key", name).await;
}

/// The login URL of a service.
pub fn login_url(service: &str) -> String {
    format!("/cas/login?service={}", encode(service))
}

/// `path` (a login URL), then the e-mail step: the method page.
pub async fn method_page(b: &Browser, path: &str, email: &str) -> Page {
    let first = b.get(path).await;
    assert_eq!(first.status, 200, "login page: {}", first.body);
    b.post(
        &first.form_action(),
        &[
            ("csrf_token", first.csrf().as_str()),
            ("step", "email"),
            ("email", email),
        ],
    )
    .await
}

/// The methods offered by a method page, in page order.
pub fn offered(page: &Page) -> Vec<String> {
    let marker = "name=\"method\" value=\"";
    page.body
        .match_indices(marker)
        .map(|(i, _)| {
            let from = i + marker.len();
            let to = page.body[from..].find('"').expect("value ends") + from;
            page.body[from..to].to_owned()
        })
        .collect()
}

/// Submits the method page with the password and the key method.
pub async fn password_for_key(b: &Browser, page: &Page, email: &str, password: &str) -> Page {
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("step", "password"),
            ("method", "PASSWORD_WEBAUTHN"),
            ("email", email),
            ("password", password),
        ],
    )
    .await
}

/// Submits a step-up method page (no password).
pub async fn step_up(b: &Browser, page: &Page, email: &str) -> Page {
    b.post(
        &page.form_action(),
        &[
            ("csrf_token", page.csrf().as_str()),
            ("step", "method"),
            ("method", "PASSWORD_WEBAUTHN"),
            ("email", email),
        ],
    )
    .await
}

/// Answers the sign-in ceremony on `page` with `auth`.
pub async fn use_key(
    app: &TestApp,
    b: &Browser,
    page: &Page,
    auth: &mut SoftAuthenticator,
) -> Page {
    let c = ceremony(page);
    assert_eq!(c.mode, "get");
    let assertion = auth.get(&c.options, &origin(app)).expect("get");
    answer(b, &c, &assertion).await
}

/// The whole login with password and key to `path`; returns the last answer.
pub async fn login_with_key(
    app: &TestApp,
    b: &Browser,
    path: &str,
    email: &str,
    auth: &mut SoftAuthenticator,
) -> Page {
    let methods = method_page(b, path, email).await;
    assert_eq!(methods.status, 200, "method page: {}", methods.body);
    let page = password_for_key(b, &methods, email, PASSWORD).await;
    assert_eq!(page.status, 200, "after the password: {}", page.body);
    use_key(app, b, &page, auth).await
}

/// Validates the ticket `page` redirected with; asserts success and the strength and level.
pub async fn assert_ticket(
    app: &TestApp,
    page: &Page,
    service: &str,
    strength: &str,
    level: &str,
    extra: &str,
) {
    assert_eq!(page.status, 303, "expected a redirect: {}", page.body);
    let location = page.location.as_deref().unwrap_or_default();
    assert!(location.starts_with(service), "{location}");
    let ticket = page.ticket().expect("a ticket");
    let body = app
        .cas_validate("p3/serviceValidate", service, &ticket, extra)
        .await;
    assert!(body.contains("<cas:authenticationSuccess>"), "{body}");
    assert!(
        body.contains(&format!("<cas:strength>{strength}</cas:strength>")),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "<cas:authenticationLevel>{level}</cas:authenticationLevel>"
        )),
        "{body}"
    );
}

pub async fn account_id(app: &TestApp, email: &str) -> i64 {
    app.store
        .account_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .expect("account")
        .id
}

/// The devices listed on My account → security keys: (id, name).
pub fn devices(page: &Page) -> Vec<(String, String)> {
    page.body
        .split("<tr class=\"webauthn-device\" data-name=\"")
        .skip(1)
        .map(|row| {
            let name = html_unescape(&row[..row.find('"').expect("name ends")]);
            let marker = "name=\"id\" value=\"";
            let from = row.find(marker).expect("id") + marker.len();
            let to = row[from..].find('"').expect("id ends") + from;
            (row[from..to].to_owned(), name)
        })
        .collect()
}

/// The buttons of the device choice page: (device id, name).
pub fn choices(page: &Page) -> Vec<(String, String)> {
    let marker = "name=\"device\" value=\"";
    page.body
        .match_indices(marker)
        .map(|(i, _)| {
            let from = i + marker.len();
            let to = page.body[from..].find('"').expect("value ends") + from;
            let label_from = page.body[to..].find('>').expect("tag ends") + to + 1;
            let label_to = page.body[label_from..]
                .find("</button>")
                .expect("label ends")
                + label_from;
            // The button's text, without the markup around the name (`<span dir="auto">`).
            let mut label = String::new();
            let mut in_tag = false;
            for c in page.body[label_from..label_to].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => label.push(c),
                    _ => {}
                }
            }
            (page.body[from..to].to_owned(), html_unescape(&label))
        })
        .collect()
}

/// The first credential of `auth`, base64url as the server stores and lists it.
fn credential_id(auth: &SoftAuthenticator, nth: usize) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&auth.credential_ids()[nth])
}

/// The `id`s of a request's `allowCredentials` (or `excludeCredentials`).
fn listed_ids(options: &Value, member: &str) -> Vec<String> {
    options["publicKey"][member]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| c["id"].as_str().expect("id").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the browser is signed in (My account answers instead of sending it to the login).
async fn is_signed_in(b: &Browser) -> bool {
    b.get("/account").await.status == 200
}

/// Passwordless: the options for the sign-in page's script.
pub async fn passkey_options(b: &Browser, page: &Page) -> (String, Value) {
    let answer = b
        .post(
            "/cas/login/passkey/options",
            &[("csrf_token", page.csrf().as_str())],
        )
        .await;
    assert_eq!(answer.status, 200, "passkey options: {}", answer.body);
    let json: Value = serde_json::from_str(&answer.body).expect("JSON");
    (
        json["ceremony"].as_str().expect("ceremony").to_owned(),
        json["options"].clone(),
    )
}

/// Passwordless: posts the assertion to `/cas/login/passkey?service=…`.
pub async fn passkey_post(
    b: &Browser,
    service: &str,
    csrf: &str,
    ceremony: &str,
    credential: &str,
) -> Page {
    b.post(
        &format!("/cas/login/passkey?service={}", encode(service)),
        &[
            ("csrf_token", csrf),
            ("ceremony", ceremony),
            ("credential", credential),
        ],
    )
    .await
}

// --- My account ----------------------------------------------------------------------------

#[tokio::test]
async fn a_security_key_is_registered_listed_renamed_and_deleted_with_security_mails() {
    each_backend(defaults, |app| async move {
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let list = b.get("/account/webauthn").await;
        assert_eq!(list.status, 200);
        assert!(list.contains("id=\"no-devices\""));
        assert!(
            !list.contains("id=\"stronger-needed\""),
            "first key after a password login"
        );

        // The registration options: direct attestation, a roaming authenticator, our RP.
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform).with_aaguid(YUBIKEY_5);
        let page = start_adding(&b, "security_key", "My <blue> key").await;
        let c = ceremony(&page);
        assert_eq!(c.mode, "create");
        assert_eq!(c.action, "/account/webauthn/finish");
        let pk = &c.options["publicKey"];
        assert_eq!(pk["attestation"], "direct");
        assert_eq!(pk["rp"]["id"], "localhost");
        assert_eq!(pk["user"]["name"], JANE);
        assert_eq!(
            pk["authenticatorSelection"]["authenticatorAttachment"],
            "cross-platform"
        );
        assert!(listed_ids(&c.options, "excludeCredentials").is_empty());
        let created = key.create(&c.options, &origin(&app)).expect("create");
        let done = answer(&b, &c, &created).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(
            done.location.as_deref(),
            Some("/account/webauthn?added=security_key")
        );

        let list = b.get("/account/webauthn?added=security_key").await;
        assert_eq!(list.status, 200);
        assert!(list.text().contains("The security key has been added."));
        let rows = devices(&list);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1, "My <blue> key");
        assert!(
            list.body.contains("My &lt;blue&gt; key")
                || list.body.contains("My &#60;blue&#62; key")
        );
        assert!(!list.body.contains("<blue>"), "the name is escaped");
        let text = list.text();
        assert!(
            text.contains("<td class=\"device-kind\">Security key</td>"),
            "{text}"
        );
        assert!(
            text.contains("<td class=\"device-last-used\">never</td>"),
            "{text}"
        );
        assert!(
            text.contains("<td class=\"device-model\">YubiKey 5 Series</td>"),
            "the model is named from the AAGUID: {text}"
        );
        // What the store kept: packed (self) attestation, user verified, the AAGUID.
        let keys = app
            .store
            .webauthn_credentials(account_id(&app, JANE).await)
            .await
            .unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].attestation_format, "packed");
        assert_eq!(keys[0].kind, "security_key");
        assert!(keys[0].user_verified);
        assert_eq!(keys[0].credential_id, credential_id(&key, 0));
        assert_eq!(
            keys[0].aaguid.as_deref(),
            Some("ee882879-721c-4913-9775-3dfcce97072a")
        );
        let mail = &app.mail_to(JANE, 1).await[0];
        assert_eq!(
            mail.subject(),
            "A verification method was added to your account"
        );
        assert!(mail.text().contains("\"My <blue> key\""), "{}", mail.text());

        // Rename: a bad name is refused and changes nothing; a good one is told by e-mail.
        let id = rows[0].0.clone();
        let bad = b
            .post(
                "/account/webauthn/rename",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("id", id.as_str()),
                    ("name", "   "),
                ],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(
            bad.text()
                .contains("Give the device a name of 1 to 64 characters.")
        );
        let unknown = b
            .post(
                "/account/webauthn/rename",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("id", "999999"),
                    ("name", "Stolen"),
                ],
            )
            .await;
        assert_eq!(unknown.status, 404);
        assert!(
            unknown
                .text()
                .contains("There is no such device on your account.")
        );
        let renamed = b
            .post(
                "/account/webauthn/rename",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("id", id.as_str()),
                    ("name", "Office key"),
                ],
            )
            .await;
        assert_eq!(renamed.status, 303, "{}", renamed.body);
        assert_eq!(
            renamed.location.as_deref(),
            Some("/account/webauthn?renamed=1")
        );
        let list = b.get("/account/webauthn?renamed=1").await;
        assert!(list.text().contains("The device has been renamed."));
        assert_eq!(devices(&list), vec![(id.clone(), "Office key".to_owned())]);
        let mails = app.mail_to(JANE, 2).await;
        assert_eq!(
            mails[1].subject(),
            "A verification method of your account was renamed"
        );
        assert!(
            mails[1]
                .text()
                .contains("\"My <blue> key\" was renamed \"Office key\""),
            "{}",
            mails[1].text()
        );

        // Another account cannot delete it, even knowing its id.
        app.add_user(JOHN, Some("John"), "Roe").await;
        let john = signed_in(&app, JOHN).await;
        let john_page = john.get("/account/password").await;
        let refused = john
            .post(
                "/account/webauthn/delete",
                &[
                    ("csrf_token", john_page.csrf().as_str()),
                    ("id", id.as_str()),
                ],
            )
            .await;
        assert_eq!(refused.status, 404);
        assert_eq!(devices(&b.get("/account/webauthn").await).len(), 1);

        // Removing it needs a sign-in with it (this session proved the password only).
        let stepup = delete_key(&b, &list.csrf(), &id).await;
        let to = stepup.location.clone().expect("step-up");
        assert!(to.contains("authenticationLevel=MEDIUM"), "{to}");
        let methods = b.get(&to).await;
        let back = use_key(&app, &b, &step_up(&b, &methods, JANE).await, &mut key).await;
        assert_eq!(back.location.as_deref(), Some("/account/webauthn"));
        let list = b.get("/account/webauthn").await;
        let deleted = delete_key(&b, &list.csrf(), &id).await;
        assert_eq!(deleted.status, 303, "{}", deleted.body);
        assert_eq!(
            deleted.location.as_deref(),
            Some("/account/webauthn?deleted=1")
        );
        let list = b.get("/account/webauthn?deleted=1").await;
        assert!(list.text().contains("The device has been removed."));
        assert!(list.contains("id=\"no-devices\""));
        let mails = app.mail_to(JANE, 3).await;
        assert_eq!(
            mails[2].subject(),
            "A verification method was removed from your account"
        );
        assert!(mails[2].text().contains("\"Office key\""));
        assert_eq!(mails.len(), 3, "one e-mail per change, none for refusals");
        assert!(
            app.smtp
                .messages()
                .iter()
                .all(|m| !m.envelope_to.iter().any(|t| t == JOHN)),
            "nothing is sent to the other account"
        );
    })
    .await;
}

#[tokio::test]
async fn adding_a_second_key_needs_a_login_with_the_first() {
    each_backend(defaults, |app| async move {
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let mut first = SoftAuthenticator::new(Attachment::CrossPlatform);
        register(&app, &b, &mut first, "security_key", "First key").await;

        // The password session no longer suffices: the list says so, the form sends the
        // browser to the login page asking for MEDIUM, and the form post is refused alike.
        let list = b.get("/account/webauthn").await;
        assert!(list.contains("id=\"stronger-needed\""));
        let stepup =
            "/cas/login?next=%2Faccount%2Fwebauthn%2Fadd%3Fkind%3Dplatform&authenticationLevel=MEDIUM";
        let form = b.get("/account/webauthn/add?kind=platform").await;
        assert_eq!(form.status, 303);
        assert_eq!(form.location.as_deref(), Some(stepup));
        let forced = b
            .post(
                "/account/webauthn/add",
                &[
                    ("csrf_token", list.csrf().as_str()),
                    ("kind", "platform"),
                    ("name", "Laptop"),
                ],
            )
            .await;
        assert_eq!(forced.status, 303);
        assert_eq!(forced.location.as_deref(), Some(stepup));
        assert!(!forced.contains("webauthn-ceremony"));

        // The login page steps the session up with the first key, without the password.
        let login = b.get(stepup).await;
        assert_eq!(login.status, 200, "{}", login.body);
        assert!(login.contains("id=\"stepup-notice\""));
        assert!(!login.contains("name=\"password\""));
        assert_eq!(offered(&login), vec!["PASSWORD_WEBAUTHN"]);
        let page = step_up(&b, &login, JANE).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let back = use_key(&app, &b, &page, &mut first).await;
        assert_eq!(back.status, 303, "{}", back.body);
        assert_eq!(
            back.location.as_deref(),
            Some("/account/webauthn/add?kind=platform")
        );

        // Now the second one; the first is excluded (the same device cannot register twice).
        let mut second = SoftAuthenticator::new(Attachment::Platform);
        let page = start_adding(&b, "platform", "Laptop").await;
        let c = ceremony(&page);
        assert_eq!(
            c.options["publicKey"]["authenticatorSelection"]["authenticatorAttachment"],
            "platform"
        );
        assert_eq!(
            listed_ids(&c.options, "excludeCredentials"),
            vec![credential_id(&first, 0)]
        );
        let created = second.create(&c.options, &origin(&app)).expect("create");
        let done = answer(&b, &c, &created).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let list = b.get("/account/webauthn").await;
        let names: Vec<String> = devices(&list).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, vec!["First key", "Laptop"]);
        assert!(list.text().contains("<td class=\"device-kind\">Trusted platform</td>"));
        assert!(!list.contains("id=\"stronger-needed\""));
    })
    .await;
}

// --- Signing in --------------------------------------------------------------------------------

#[tokio::test]
async fn a_service_requiring_a_key_gets_password_and_key() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;

        let b = app.browser();
        let methods = method_page(&b, &login_url(KEY_ONLY), JANE).await;
        assert_eq!(methods.status, 200);
        assert_eq!(offered(&methods), vec!["PASSWORD_WEBAUTHN"]);
        assert!(methods.contains("name=\"password\""));
        // A wrong password never reaches the key.
        let wrong = password_for_key(&b, &methods, JANE, "not the password").await;
        assert_eq!(wrong.status, 401);
        assert!(!wrong.contains("webauthn-ceremony"));
        // The password alone is refused for this service.
        let alone = b.password_step(&methods, JANE, PASSWORD).await;
        assert_eq!(alone.status, 400);
        assert!(
            alone
                .text()
                .contains("This verification method is not available here.")
        );
        assert!(alone.ticket().is_none());

        let page = password_for_key(&b, &methods, JANE, PASSWORD).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let c = ceremony(&page);
        assert_eq!(c.mode, "get");
        assert!(
            c.action.starts_with("/cas/login/webauthn?service="),
            "{}",
            c.action
        );
        assert_eq!(c.options["publicKey"]["rpId"], "localhost");
        assert_eq!(
            listed_ids(&c.options, "allowCredentials"),
            vec![credential_id(&key, 0)]
        );
        // Not signed in until the key answered.
        assert!(!is_signed_in(&b).await);
        let assertion = key.get(&c.options, &origin(&app)).expect("get");
        let done = answer(&b, &c, &assertion).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        assert_eq!(key.counter(&key.credential_ids()[0]), Some(1));

        // The session holds the key proof: the next ticket needs nothing more.
        let sso = b.get(&login_url(KEY_ONLY)).await;
        assert_ticket(&app, &sso, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        let open = b.get(&login_url(OPEN)).await;
        assert_ticket(&app, &open, OPEN, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        // The list shows the last use.
        let list = b.get("/account/webauthn").await;
        assert!(
            !list
                .text()
                .contains("<td class=\"device-last-used\">never</td>")
        );
    })
    .await;
}

#[tokio::test]
async fn a_password_session_is_stepped_up_without_the_password() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;

        let b = app.browser();
        let password = b.login(Some(OPEN), JANE, PASSWORD).await;
        assert_ticket(&app, &password, OPEN, "PASSWORD", "BASIC", "").await;

        let login = b.get(&login_url(KEY_ONLY)).await;
        assert_eq!(login.status, 200, "{}", login.body);
        assert!(login.contains("id=\"stepup-notice\""));
        assert!(login.contains("name=\"step\" value=\"method\""));
        assert!(
            !login.contains("name=\"password\""),
            "no password to retype"
        );
        assert_eq!(offered(&login), vec!["PASSWORD_WEBAUTHN"]);

        // A step-up form from a browser without that session is sent to the password.
        let stranger = app.browser();
        let first = stranger.get(&login_url(KEY_ONLY)).await;
        let forged = stranger
            .post(
                &login_url(KEY_ONLY),
                &[
                    ("csrf_token", first.csrf().as_str()),
                    ("step", "method"),
                    ("method", "PASSWORD_WEBAUTHN"),
                    ("email", JANE),
                ],
            )
            .await;
        assert_eq!(forged.status, 400);
        assert!(forged.text().contains("Please enter your password."));
        assert!(!forged.contains("webauthn-ceremony"));

        let page = step_up(&b, &login, JANE).await;
        assert_eq!(page.status, 200, "{}", page.body);
        // The step-up ceremony belongs to this browser's session.
        let c = ceremony(&page);
        let assertion = key.get(&c.options, &origin(&app)).expect("get");
        let elsewhere = answer(
            &stranger,
            &Ceremony {
                csrf: first.csrf(),
                ..c.clone()
            },
            &assertion,
        )
        .await;
        assert_eq!(elsewhere.status, 400);
        assert!(elsewhere.text().contains(MSG_EXPIRED));
        assert!(!is_signed_in(&stranger).await);

        let page = step_up(&b, &b.get(&login_url(KEY_ONLY)).await, JANE).await;
        let done = use_key(&app, &b, &page, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        // Stepped up, not restarted: the registering browser's session and this one.
        let sessions = app
            .store
            .session_ids_of_account(account_id(&app, JANE).await)
            .await
            .unwrap();
        assert_eq!(sessions.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn renew_asks_for_password_and_key_again() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;
        let b = app.browser();
        let first = login_with_key(&app, &b, &login_url(KEY_ONLY), JANE, &mut key).await;
        assert_ticket(&app, &first, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        // A ticket from the SSO session is not one from a new login.
        let sso = b.get(&login_url(KEY_ONLY)).await;
        let body = app
            .cas_validate(
                "p3/serviceValidate",
                KEY_ONLY,
                &sso.ticket().unwrap(),
                "&renew=true",
            )
            .await;
        assert!(body.contains("code=\"INVALID_TICKET\""), "{body}");

        let renew = format!("{}&renew=true", login_url(KEY_ONLY));
        let page = b.get(&renew).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(!page.contains("id=\"stepup-notice\""));
        assert!(page.contains("name=\"step\" value=\"password\""));
        assert!(page.contains("name=\"password\""));
        assert_eq!(offered(&page), vec!["PASSWORD_WEBAUTHN"]);
        // Neither the session's password proof nor its key proof stands in.
        let c = b.get(&renew).await;
        let skipped = step_up(&b, &c, JANE).await;
        assert_eq!(skipped.status, 400, "{}", skipped.body);
        assert!(!skipped.contains("webauthn-ceremony"));

        let ceremony_page = password_for_key(&b, &page, JANE, PASSWORD).await;
        assert_eq!(ceremony_page.status, 200, "{}", ceremony_page.body);
        assert!(ceremony(&ceremony_page).action.contains("renew=true"));
        let done = use_key(&app, &b, &ceremony_page, &mut key).await;
        assert_ticket(
            &app,
            &done,
            KEY_ONLY,
            "PASSWORD_WEBAUTHN",
            "MEDIUM",
            "&renew=true",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn with_several_keys_the_user_chooses_the_device() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut blue = SoftAuthenticator::new(Attachment::CrossPlatform);
        let mut green = SoftAuthenticator::new(Attachment::CrossPlatform);
        let b = signed_in(&app, JANE).await;
        register(&app, &b, &mut blue, "security_key", "Blue key").await;
        // The second key after stepping up with the first.
        let login = b
            .get("/cas/login?next=%2Faccount%2Fwebauthn&authenticationLevel=MEDIUM")
            .await;
        let page = step_up(&b, &login, JANE).await;
        let back = use_key(&app, &b, &page, &mut blue).await;
        assert_eq!(back.location.as_deref(), Some("/account/webauthn"));
        register(&app, &b, &mut green, "security_key", "Green key").await;

        let other = app.browser();
        let methods = method_page(&other, &login_url(KEY_ONLY), JANE).await;
        let choice = password_for_key(&other, &methods, JANE, PASSWORD).await;
        assert_eq!(choice.status, 200, "{}", choice.body);
        assert!(!choice.contains("webauthn-ceremony"));
        assert!(
            choice
                .form_action()
                .starts_with("/cas/login/webauthn/choose?service="),
            "{}",
            choice.form_action()
        );
        let listed = choices(&choice);
        let names: Vec<&str> = listed.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, vec!["Blue key", "Green key"]);
        let green_id = listed[1].0.clone();
        let token = choice.input_value("ceremony").unwrap();
        let chosen = other
            .post(
                &choice.form_action(),
                &[
                    ("csrf_token", choice.csrf().as_str()),
                    ("ceremony", token.as_str()),
                    ("device", green_id.as_str()),
                ],
            )
            .await;
        assert_eq!(chosen.status, 200, "{}", chosen.body);
        let c = ceremony(&chosen);
        assert_eq!(
            listed_ids(&c.options, "allowCredentials"),
            vec![credential_id(&green, 0)],
            "only the chosen device is asked"
        );
        // The blue key cannot answer for the green one.
        assert!(matches!(
            blue.get(&c.options, &origin(&app)),
            Err(SoftError::NotAllowed(_))
        ));
        // The choice is made once.
        let again = other
            .post(
                &choice.form_action(),
                &[
                    ("csrf_token", choice.csrf().as_str()),
                    ("ceremony", token.as_str()),
                    ("device", listed[0].0.as_str()),
                ],
            )
            .await;
        assert_eq!(again.status, 400);
        assert!(again.text().contains(MSG_EXPIRED));
        let done = use_key(&app, &other, &chosen, &mut green).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;

        // A device id of another account is no choice at all.
        app.add_user(JOHN, Some("John"), "Roe").await;
        let mut johns = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JOHN, &mut johns, "John's key").await;
        let johns_id = app
            .store
            .webauthn_credentials(account_id(&app, JOHN).await)
            .await
            .unwrap()[0]
            .id
            .to_string();
        let third = app.browser();
        let methods = method_page(&third, &login_url(KEY_ONLY), JANE).await;
        let choice = password_for_key(&third, &methods, JANE, PASSWORD).await;
        let foreign = third
            .post(
                &choice.form_action(),
                &[
                    ("csrf_token", choice.csrf().as_str()),
                    ("ceremony", choice.input_value("ceremony").unwrap().as_str()),
                    ("device", johns_id.as_str()),
                ],
            )
            .await;
        assert_eq!(foreign.status, 403, "{}", foreign.body);
        assert!(!foreign.contains("webauthn-ceremony"));
        assert!(!is_signed_in(&third).await);
    })
    .await;
}

// --- Passwordless passkey login -------------------------------------------------------------

#[tokio::test]
async fn a_passkey_signs_in_without_the_password() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut phone = SoftAuthenticator::new(Attachment::Platform);
        let b = signed_in(&app, JANE).await;
        let page = start_adding(&b, "passkey", "My phone").await;
        let c = ceremony(&page);
        let selection = &c.options["publicKey"]["authenticatorSelection"];
        assert_eq!(selection["residentKey"], "required");
        assert_eq!(selection["userVerification"], "required");
        // A device that cannot verify its user cannot make a passkey.
        let mut plain = SoftAuthenticator::new(Attachment::Platform).without_user_verification();
        assert!(matches!(
            plain.create(&c.options, &origin(&app)),
            Err(SoftError::NotAllowed(_))
        ));
        let created = phone.create(&c.options, &origin(&app)).expect("create");
        let done = answer(&b, &c, &created).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let list = b.get("/account/webauthn").await;
        assert!(
            list.text()
                .contains("<td class=\"device-kind\">Passkey</td>")
        );

        // A new browser: the e-mail page offers the passkey; no address, no password.
        let other = app.browser();
        let email_page = other.get(&login_url(KEY_ONLY)).await;
        assert_eq!(email_page.status, 200);
        assert!(email_page.contains("id=\"passkey-form\""));
        let (token, options) = passkey_options(&other, &email_page).await;
        assert_eq!(options["publicKey"]["userVerification"], "required");
        assert!(listed_ids(&options, "allowCredentials").is_empty());
        let assertion = phone.get(&options, &origin(&app)).expect("get");
        let done = passkey_post(
            &other,
            KEY_ONLY,
            &email_page.csrf(),
            &token,
            &serde_json::to_string(&assertion).unwrap(),
        )
        .await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        // Signed in as Jane.
        let account = other.get("/account/webauthn").await;
        assert_eq!(account.status, 200);
        assert_eq!(devices(&account).len(), 1);

        // Replaying the same answer is refused.
        let replay = passkey_post(
            &other,
            KEY_ONLY,
            &email_page.csrf(),
            &token,
            &serde_json::to_string(&assertion).unwrap(),
        )
        .await;
        assert_eq!(replay.status, 401, "{}", replay.body);
        assert!(replay.ticket().is_none());
        assert!(replay.text().contains(MSG_EXPIRED));
    })
    .await;
}

#[tokio::test]
async fn passwordless_login_needs_user_verification() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        // A plain key without PIN that keeps discoverable credentials anyway.
        let mut plain =
            SoftAuthenticator::new(Attachment::CrossPlatform).without_user_verification();
        let b = signed_in(&app, JANE).await;
        let page = start_adding(&b, "security_key", "Plain key").await;
        let mut c = ceremony(&page);
        c.options["publicKey"]["authenticatorSelection"]["residentKey"] = "required".into();
        let created = plain.create(&c.options, &origin(&app)).expect("create");
        let done = answer(&b, &c, &created).await;
        assert_eq!(done.status, 303, "{}", done.body);

        let other = app.browser();
        let email_page = other.get(&login_url(KEY_ONLY)).await;
        let (token, mut options) = passkey_options(&other, &email_page).await;
        // A browser finds no authenticator able to verify the user...
        assert!(matches!(
            plain.get(&options, &origin(&app)),
            Err(SoftError::NotAllowed(_))
        ));
        // ...and a client that asks the key anyway, without verification, is refused.
        options["publicKey"]["userVerification"] = "discouraged".into();
        let assertion = plain.get(&options, &origin(&app)).expect("get");
        let refused = passkey_post(
            &other,
            KEY_ONLY,
            &email_page.csrf(),
            &token,
            &serde_json::to_string(&assertion).unwrap(),
        )
        .await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(refused.ticket().is_none());
        assert!(refused.contains("id=\"webauthn-error\""));
        assert!(
            refused.text().contains(MSG_NOT_VERIFIED),
            "{}",
            refused.text()
        );
        assert!(!is_signed_in(&other).await);
    })
    .await;
}

// --- Refusals ---------------------------------------------------------------------------------

async fn delete_key(b: &Browser, csrf: &str, id: &str) -> Page {
    b.post(
        "/account/webauthn/delete",
        &[("csrf_token", csrf), ("id", id)],
    )
    .await
}

#[tokio::test]
async fn a_deleted_key_is_refused() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let mut phone = SoftAuthenticator::new(Attachment::Platform);
        register(&app, &b, &mut phone, "passkey", "My phone").await;

        // Second factor: the ceremony starts, the key is deleted meanwhile, the answer comes.
        let other = app.browser();
        let methods = method_page(&other, &login_url(KEY_ONLY), JANE).await;
        let page = password_for_key(&other, &methods, JANE, PASSWORD).await;
        let c = ceremony(&page);
        let assertion = phone.get(&c.options, &origin(&app)).expect("get");
        // A passwordless challenge taken before the deletion too.
        let third = app.browser();
        let email_page = third.get(&login_url(KEY_ONLY)).await;
        let (token, options) = passkey_options(&third, &email_page).await;
        let passwordless = phone.get(&options, &origin(&app)).expect("get");

        // Another browser signed in with the key.
        let keyed = app.browser();
        let done = login_with_key(&app, &keyed, &login_url(KEY_ONLY), JANE, &mut phone).await;
        assert!(done.ticket().is_some(), "{}", done.body);

        let list = b.get("/account/webauthn").await;
        let id = devices(&list)[0].0.clone();
        // A password session cannot remove the key (a stolen password would remove the key and
        // add the thief's): the user signs in with the key first.
        let refused = delete_key(&b, &list.csrf(), &id).await;
        assert_eq!(refused.status, 303);
        let stepup = refused.location.clone().expect("to the login page");
        assert!(stepup.contains("authenticationLevel=MEDIUM"), "{stepup}");
        assert_eq!(devices(&b.get("/account/webauthn").await).len(), 1);
        let methods = b.get(&stepup).await;
        assert!(methods.contains("id=\"stepup-notice\""), "{}", methods.body);
        let page = step_up(&b, &methods, JANE).await;
        let back = use_key(&app, &b, &page, &mut phone).await;
        assert_eq!(back.location.as_deref(), Some("/account/webauthn"));
        let list = b.get("/account/webauthn").await;
        let deleted = delete_key(&b, &list.csrf(), &id).await;
        assert_eq!(deleted.status, 303);
        assert_eq!(
            deleted.location.as_deref(),
            Some("/account/webauthn?deleted=1")
        );
        // Whoever used the key elsewhere is signed out; this session keeps its password proof
        // but not the key's: the key-only service gets no ticket from it.
        assert!(!is_signed_in(&keyed).await);
        assert!(is_signed_in(&b).await);
        let sso = b.get(&login_url(KEY_ONLY)).await;
        assert!(sso.ticket().is_none(), "{:?}", sso.location);
        assert!(sso.contains("id=\"no-method\""), "{}", sso.body);

        let refused = answer(&other, &c, &assertion).await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(refused.ticket().is_none());
        assert!(refused.text().contains(MSG_UNKNOWN), "{}", refused.text());
        assert!(!is_signed_in(&other).await);

        let refused = passkey_post(
            &third,
            KEY_ONLY,
            &email_page.csrf(),
            &token,
            &serde_json::to_string(&passwordless).unwrap(),
        )
        .await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(refused.ticket().is_none());
        assert!(refused.text().contains(MSG_UNKNOWN), "{}", refused.text());
        assert!(!is_signed_in(&third).await);

        // And from now on the key method is not offered; the key-only service says so.
        let methods = method_page(&app.browser(), &login_url(KEY_ONLY), JANE).await;
        assert_eq!(methods.status, 403);
        assert!(methods.contains("id=\"no-method\""));
    })
    .await;
}

#[tokio::test]
async fn a_key_of_another_account_is_refused() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        app.add_user(JOHN, Some("John"), "Roe").await;
        let mut janes = SoftAuthenticator::new(Attachment::CrossPlatform);
        let mut johns = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut janes, "Jane's key").await;
        with_key(&app, JOHN, &mut johns, "John's key").await;

        // John's password, then Jane's key (a client that asks it despite allowCredentials).
        let b = app.browser();
        let methods = method_page(&b, &login_url(KEY_ONLY), JOHN).await;
        let page = password_for_key(&b, &methods, JOHN, PASSWORD).await;
        let c = ceremony(&page);
        let mut tampered = c.options.clone();
        tampered["publicKey"]["allowCredentials"][0]["id"] = credential_id(&janes, 0).into();
        let assertion = janes.get(&tampered, &origin(&app)).expect("get");
        let refused = answer(&b, &c, &assertion).await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(refused.ticket().is_none());
        assert!(
            refused.text().contains(MSG_OTHER_ACCOUNT),
            "{}",
            refused.text()
        );
        assert!(!is_signed_in(&b).await);
        // A new challenge is offered; John's own key answers it.
        let retry = ceremony(&refused);
        assert_ne!(retry.token, c.token);
        let assertion = johns.get(&retry.options, &origin(&app)).expect("get");
        let done = answer(&b, &retry, &assertion).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        let body = app
            .cas_validate(
                "p3/serviceValidate",
                KEY_ONLY,
                &b.get(&login_url(KEY_ONLY)).await.ticket().unwrap(),
                "",
            )
            .await;
        assert!(
            body.contains(&format!("<cas:email>{JOHN}</cas:email>")),
            "{body}"
        );
    })
    .await;
}

#[tokio::test]
async fn answers_for_another_origin_or_rp_id_are_refused() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);

        // Registration from a phishing origin, or signed for another RP ID: nothing is added.
        let page = start_adding(&b, "security_key", "Blue key").await;
        let c = ceremony(&page);
        let port = origin(&app).rsplit(':').next().unwrap().to_owned();
        let created = key
            .create(&c.options, &format!("http://evil.example:{port}"))
            .expect("create");
        let refused = answer(&b, &c, &created).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(refused.text().contains(MSG_REFUSED), "{}", refused.text());
        let page = start_adding(&b, "security_key", "Blue key").await;
        let c = ceremony(&page);
        key.sign_for_rp_id(Some("evil.example".into()));
        let created = key.create(&c.options, &origin(&app)).expect("create");
        let refused = answer(&b, &c, &created).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert!(refused.text().contains(MSG_REFUSED));
        assert!(
            b.get("/account/webauthn")
                .await
                .contains("id=\"no-devices\"")
        );

        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        register(&app, &b, &mut key, "security_key", "Blue key").await;
        let other = app.browser();
        let methods = method_page(&other, &login_url(KEY_ONLY), JANE).await;
        let mut page = password_for_key(&other, &methods, JANE, PASSWORD).await;
        let next_port = port.parse::<u32>().unwrap() + 1;
        for bad_origin in [
            format!("http://localhost:{next_port}"),
            format!("https://localhost:{port}"),
            format!("http://127.0.0.1:{port}"),
            format!("http://evil.example:{port}"),
        ] {
            let c = ceremony(&page);
            let assertion = key.get(&c.options, &bad_origin).expect("get");
            let refused = answer(&other, &c, &assertion).await;
            assert_eq!(refused.status, 401, "{bad_origin}: {}", refused.body);
            assert!(refused.ticket().is_none());
            assert!(refused.text().contains(MSG_REFUSED), "{bad_origin}");
            // The next try gets a new challenge.
            assert_ne!(ceremony(&refused).token, c.token);
            page = refused;
        }
        // The right origin, but signed for another RP ID.
        let c = ceremony(&page);
        key.sign_for_rp_id(Some("example.org".into()));
        let assertion = key.get(&c.options, &origin(&app)).expect("get");
        let refused = answer(&other, &c, &assertion).await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(refused.text().contains(MSG_REFUSED));
        assert!(!is_signed_in(&other).await);
        let done = use_key(&app, &other, &refused, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
    })
    .await;
}

#[tokio::test]
async fn a_ceremony_is_answered_once_and_in_time() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);

        // Registration: expired after five minutes; nothing added.
        let page = start_adding(&b, "security_key", "Late key").await;
        let c = ceremony(&page);
        let created = key.create(&c.options, &origin(&app)).expect("create");
        app.advance(time::Duration::minutes(5) + time::Duration::seconds(1));
        let late = answer(&b, &c, &created).await;
        assert_eq!(late.status, 400, "{}", late.body);
        assert!(late.text().contains(MSG_EXPIRED));
        assert!(
            b.get("/account/webauthn")
                .await
                .contains("id=\"no-devices\"")
        );
        // Registration belongs to the session that started it: another browser signed in to
        // the same account cannot finish it.
        let page = start_adding(&b, "security_key", "Blue key").await;
        let c = ceremony(&page);
        let created = key.create(&c.options, &origin(&app)).expect("create");
        let twin = signed_in(&app, JANE).await;
        let twin_csrf = twin.get("/account/password").await.csrf();
        let elsewhere = answer(
            &twin,
            &Ceremony {
                csrf: twin_csrf,
                ..c.clone()
            },
            &created,
        )
        .await;
        assert_eq!(elsewhere.status, 400, "{}", elsewhere.body);
        assert!(elsewhere.text().contains(MSG_EXPIRED));
        assert!(
            b.get("/account/webauthn")
                .await
                .contains("id=\"no-devices\"")
        );
        // Registration replayed: the second answer finds no ceremony.
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let page = start_adding(&b, "security_key", "Blue key").await;
        let c = ceremony(&page);
        let created = key.create(&c.options, &origin(&app)).expect("create");
        assert_eq!(answer(&b, &c, &created).await.status, 303);
        let replay = answer(&b, &c, &created).await;
        assert_eq!(replay.status, 400);
        assert!(replay.text().contains(MSG_EXPIRED));
        assert_eq!(devices(&b.get("/account/webauthn").await).len(), 1);

        // Sign-in replayed: the first answer signs in, the same one again is refused.
        let other = app.browser();
        let methods = method_page(&other, &login_url(KEY_ONLY), JANE).await;
        let page = password_for_key(&other, &methods, JANE, PASSWORD).await;
        let c = ceremony(&page);
        let assertion = key.get(&c.options, &origin(&app)).expect("get");
        let done = answer(&other, &c, &assertion).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        let replay = answer(&other, &c, &assertion).await;
        assert_eq!(replay.status, 400, "{}", replay.body);
        assert!(replay.ticket().is_none());
        assert!(replay.text().contains(MSG_EXPIRED));
        // Replayed from another browser, too.
        let thief = app.browser();
        let thief_page = thief.get(&login_url(KEY_ONLY)).await;
        let stolen = answer(
            &thief,
            &Ceremony {
                csrf: thief_page.csrf(),
                ..c.clone()
            },
            &assertion,
        )
        .await;
        assert_eq!(stolen.status, 400);
        assert!(!is_signed_in(&thief).await);

        // Sign-in expired.
        let late_browser = app.browser();
        let methods = method_page(&late_browser, &login_url(KEY_ONLY), JANE).await;
        let page = password_for_key(&late_browser, &methods, JANE, PASSWORD).await;
        let c = ceremony(&page);
        let assertion = key.get(&c.options, &origin(&app)).expect("get");
        app.advance(time::Duration::minutes(6));
        let late = answer(&late_browser, &c, &assertion).await;
        assert_eq!(late.status, 400, "{}", late.body);
        assert!(late.ticket().is_none());
        assert!(late.text().contains(MSG_EXPIRED));
        assert!(!is_signed_in(&late_browser).await);

        // Passwordless: expired, and replayed.
        let mut phone = SoftAuthenticator::new(Attachment::Platform);
        let step = b
            .get("/cas/login?next=%2Faccount%2Fwebauthn&authenticationLevel=MEDIUM")
            .await;
        let page = step_up(&b, &step, JANE).await;
        let back = use_key(&app, &b, &page, &mut key).await;
        assert_eq!(back.status, 303, "{}", back.body);
        register(&app, &b, &mut phone, "passkey", "Phone").await;
        let p = app.browser();
        let email_page = p.get(&login_url(KEY_ONLY)).await;
        let (token, options) = passkey_options(&p, &email_page).await;
        let assertion =
            serde_json::to_string(&phone.get(&options, &origin(&app)).unwrap()).unwrap();
        app.advance(time::Duration::minutes(6));
        let late = passkey_post(&p, KEY_ONLY, &email_page.csrf(), &token, &assertion).await;
        assert_eq!(late.status, 401, "{}", late.body);
        assert!(late.text().contains(MSG_EXPIRED));
        let (token, options) = passkey_options(&p, &email_page).await;
        let assertion =
            serde_json::to_string(&phone.get(&options, &origin(&app)).unwrap()).unwrap();
        let done = passkey_post(&p, KEY_ONLY, &email_page.csrf(), &token, &assertion).await;
        assert_eq!(done.status, 303, "{}", done.body);
        let replay = passkey_post(&p, KEY_ONLY, &email_page.csrf(), &token, &assertion).await;
        assert_eq!(replay.status, 401);
        assert!(replay.ticket().is_none());
        assert!(replay.text().contains(MSG_EXPIRED));
    })
    .await;
}

#[tokio::test]
async fn a_signature_counter_going_back_blocks_the_key() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue key").await;
        let b = app.browser();
        let done = login_with_key(&app, &b, &login_url(KEY_ONLY), JANE, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;
        let id = key.credential_ids()[0].clone();
        assert_eq!(key.counter(&id), Some(1));

        // A clone of the key, still at the counter the server has seen.
        key.set_counter(&id, 0);
        let clone = app.browser();
        let refused = login_with_key(&app, &clone, &login_url(KEY_ONLY), JANE, &mut key).await;
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert!(refused.ticket().is_none());
        assert!(refused.text().contains(MSG_CLONED), "{}", refused.text());
        assert!(!is_signed_in(&clone).await);

        // Blocked: shown in My account, and not usable any more (even with a good counter).
        let list = b.get("/account/webauthn").await;
        assert_eq!(list.status, 200);
        assert!(
            list.text()
                .contains("blocked: it may have been copied; remove it and register it again"),
            "{}",
            list.text()
        );
        key.set_counter(&id, 100);
        let again = app.browser();
        let methods = method_page(&again, &login_url(KEY_ONLY), JANE).await;
        let page = password_for_key(&again, &methods, JANE, PASSWORD).await;
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(!page.contains("webauthn-ceremony"));
        assert!(
            page.text()
                .contains("You have no usable security key or trusted platform.")
        );

        // A blocked key can be removed after a password sign-in alone, as its message says
        // (an unblocked one needs a sign-in with a key first).
        let pw = signed_in(&app, JANE).await;
        let list = pw.get("/account/webauthn").await;
        let kid = devices(&list)[0].0.clone();
        let deleted = delete_key(&pw, &list.csrf(), &kid).await;
        assert_eq!(
            deleted.location.as_deref(),
            Some("/account/webauthn?deleted=1")
        );
        assert!(devices(&pw.get("/account/webauthn").await).is_empty());
    })
    .await;
}

#[tokio::test]
async fn malformed_answers_get_a_clear_refusal_never_an_error() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let junk = [
            String::new(),
            "not JSON".to_owned(),
            "{}".to_owned(),
            r#"{"id": 1, "rawId": [], "type": "public-key", "response": null}"#.to_owned(),
            r#"{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"},"extensions":{}}"#.to_owned(),
            "[".repeat(10_000),
        ];

        // Registration.
        for credential in &junk {
            let page = start_adding(&b, "security_key", "Blue key").await;
            let c = ceremony(&page);
            let refused = answer_raw(&b, &c, credential).await;
            assert_eq!(refused.status, 400, "{credential:.40}: {}", refused.body);
            assert!(refused.text().contains(MSG_REFUSED), "{credential:.40}");
        }
        assert!(b.get("/account/webauthn").await.contains("id=\"no-devices\""));
        // Too large for a form: refused before anything reads it.
        let page = start_adding(&b, "security_key", "Blue key").await;
        let huge = answer_raw(&b, &ceremony(&page), &"x".repeat(70 * 1024)).await;
        assert!(huge.status >= 400 && huge.status < 500, "{}", huge.status);
        register(&app, &b, &mut key, "security_key", "Blue key").await;

        // Second factor: each time the page says so and offers a new challenge.
        let other = app.browser();
        let methods = method_page(&other, &login_url(KEY_ONLY), JANE).await;
        let mut page = password_for_key(&other, &methods, JANE, PASSWORD).await;
        for credential in &junk {
            let c = ceremony(&page);
            let refused = answer_raw(&other, &c, credential).await;
            assert_eq!(refused.status, 401, "{credential:.40}: {}", refused.body);
            assert!(refused.text().contains(MSG_REFUSED), "{credential:.40}");
            page = refused;
        }
        // The ceremony page of a refusal waits for the user (no automatic retry).
        assert!(page.contains("data-autostart=\"false\""));
        let done = use_key(&app, &other, &page, &mut key).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;

        // Passwordless.
        let p = app.browser();
        let email_page = p.get(&login_url(KEY_ONLY)).await;
        for credential in &junk {
            let (token, _) = passkey_options(&p, &email_page).await;
            let refused = passkey_post(&p, KEY_ONLY, &email_page.csrf(), &token, credential).await;
            assert_eq!(refused.status, 401, "{credential:.40}: {}", refused.body);
            assert!(refused.contains("id=\"webauthn-error\""));
            assert!(refused.text().contains(MSG_REFUSED), "{credential:.40}");
        }
        // Ceremony tokens that cannot be ours.
        for token in ["", "a b", &"x".repeat(500)] {
            let refused = passkey_post(&p, KEY_ONLY, &email_page.csrf(), token, "{}").await;
            assert_eq!(refused.status, 401);
            assert!(refused.text().contains(MSG_EXPIRED));
        }
        assert!(!is_signed_in(&p).await);
    })
    .await;
}

#[tokio::test]
async fn ceremony_posts_without_the_csrf_token_are_refused() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);

        // Registration: refused without the token, the ceremony still usable with it.
        let page = start_adding(&b, "security_key", "Blue key").await;
        let c = ceremony(&page);
        let created = key.create(&c.options, &origin(&app)).expect("create");
        let json = serde_json::to_string(&created).unwrap();
        for csrf in ["", "0123456789abcdef"] {
            let forged = b
                .post(
                    "/account/webauthn/finish",
                    &[
                        ("csrf_token", csrf),
                        ("ceremony", &c.token),
                        ("credential", &json),
                    ],
                )
                .await;
            assert_eq!(forged.status, 403, "{}", forged.body);
            assert!(forged.text().contains(MSG_CSRF));
        }
        let no_field = b
            .post(
                "/account/webauthn/finish",
                &[
                    ("ceremony", c.token.as_str()),
                    ("credential", json.as_str()),
                ],
            )
            .await;
        assert_eq!(no_field.status, 403);
        assert!(
            b.get("/account/webauthn")
                .await
                .contains("id=\"no-devices\"")
        );
        let done = answer(&b, &c, &created).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(app.mail_to(JANE, 1).await.len(), 1);

        // The other My-account forms.
        let list = b.get("/account/webauthn").await;
        let id = devices(&list)[0].0.clone();
        for (path, name) in [
            ("/account/webauthn/rename", "Renamed"),
            ("/account/webauthn/delete", ""),
            ("/account/webauthn/add", "Another"),
        ] {
            let forged = b
                .post(
                    path,
                    &[
                        ("id", id.as_str()),
                        ("name", name),
                        ("kind", "security_key"),
                    ],
                )
                .await;
            assert_eq!(forged.status, 403, "{path}: {}", forged.body);
            assert!(forged.text().contains(MSG_CSRF), "{path}");
        }
        assert_eq!(
            devices(&b.get("/account/webauthn").await),
            vec![(id, "Blue key".to_owned())]
        );

        // Second factor.
        let other = app.browser();
        let methods = method_page(&other, &login_url(KEY_ONLY), JANE).await;
        let page = password_for_key(&other, &methods, JANE, PASSWORD).await;
        let c = ceremony(&page);
        let assertion = key.get(&c.options, &origin(&app)).expect("get");
        let forged = answer(
            &other,
            &Ceremony {
                csrf: String::new(),
                ..c.clone()
            },
            &assertion,
        )
        .await;
        assert_eq!(forged.status, 403, "{}", forged.body);
        assert!(forged.text().contains(MSG_CSRF));
        assert!(!is_signed_in(&other).await);
        let done = answer(&other, &c, &assertion).await;
        assert_ticket(&app, &done, KEY_ONLY, "PASSWORD_WEBAUTHN", "MEDIUM", "").await;

        // Passwordless: the options and the answer.
        let p = app.browser();
        let email_page = p.get(&login_url(KEY_ONLY)).await;
        let options = p
            .post("/cas/login/passkey/options", &[("csrf_token", "")])
            .await;
        assert_eq!(options.status, 403);
        let (token, _) = passkey_options(&p, &email_page).await;
        let forged = passkey_post(&p, KEY_ONLY, "", &token, "{}").await;
        assert_eq!(forged.status, 403);
        assert!(forged.text().contains(MSG_CSRF));
        assert!(!is_signed_in(&p).await);
        assert_eq!(
            app.mail_to(JANE, 1).await.len(),
            1,
            "no e-mail for refused forms"
        );
    })
    .await;
}

/// A password page left open in one tab while the same browser signed in from another: the
/// password typed there still signs in (the session's password proof does not turn the form
/// into a step-up).
#[tokio::test]
async fn a_password_page_left_open_in_another_tab_still_works() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = app.browser();
        let stale = method_page(&b, &login_url(OPEN), JANE).await;
        assert!(stale.contains("name=\"password\""));
        let other_tab = b.login(Some(OPEN), JANE, PASSWORD).await;
        assert!(other_tab.ticket().is_some(), "{}", other_tab.body);
        let done = b.password_step(&stale, JANE, PASSWORD).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(done.ticket().is_some());
        // A wrong password there shows the password form again, not a step-up page.
        let wrong = b.password_step(&stale, JANE, "not the password").await;
        assert_eq!(wrong.status, 401, "{}", wrong.body);
        assert!(wrong.contains("name=\"password\""));
        assert!(!wrong.contains("id=\"stepup-notice\""));
    })
    .await;
}

fn two_passwordless_challenges_per_hour(c: &mut limen_web::WebConfig) {
    c.webauthn.passwordless_per_client_per_hour = 2;
}

/// Passwordless challenges are rows in the store until they expire: a client address gets a
/// bounded number per hour, then 429; an hour later, more.
#[tokio::test]
async fn passwordless_challenges_are_bounded_per_client() {
    each_backend(two_passwordless_challenges_per_hour, |app| async move {
        services(&app).await;
        let b = app.browser();
        let page = b.get(&login_url(OPEN)).await;
        passkey_options(&b, &page).await;
        passkey_options(&b, &page).await;
        let refused = b
            .post(
                "/cas/login/passkey/options",
                &[("csrf_token", page.csrf().as_str())],
            )
            .await;
        assert_eq!(refused.status, 429, "{}", refused.body);
        app.advance(time::Duration::minutes(61));
        passkey_options(&b, &page).await;
    })
    .await;
}

/// CAS 3.0 §2.1.1 `gateway`: a session that lacks the strength the service demands is not
/// stepped up (that would ask for credentials): back to the service, without a ticket.
#[tokio::test]
async fn gateway_never_steps_up() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let b = signed_in(&app, JANE).await;
        let page = b
            .get(&format!("{}&gateway=true", login_url(KEY_ONLY)))
            .await;
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(page.location.as_deref(), Some(KEY_ONLY));
        // With a strength it accepts, gateway gives a ticket as usual.
        let page = b.get(&format!("{}&gateway=true", login_url(OPEN))).await;
        assert!(page.ticket().is_some(), "{:?}", page.location);
    })
    .await;
}

/// EU Login's `authenticationFactors` name the key that proved the strength (issue 13): the
/// e-mail typed at the password step as `moniker`, then the key (its name, id and kind) as `webAuthnDevice`,
/// escaped; a ticket from the same SSO session says the same, with `sso` true.
#[tokio::test]
async fn eu_login_responses_name_the_key_used() {
    each_backend(defaults, |app| async move {
        services(&app).await;
        // Factors go only to services given them (EU Login-format services are by default).
        let ec = "http://127.0.0.1:9/ec/";
        app.add_service("EC keys", "http://127.0.0.1:9/ec/*", |s| {
            s.accepted_strengths = vec![Strength::PasswordWebauthn];
            s.released_attributes = limen_core::service::ECAS_DEFAULT_ATTRIBUTES
                .iter()
                .map(|a| (*a).to_owned())
                .collect();
        })
        .await;
        app.add_user(JANE, Some("Jane"), "Doe").await;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        with_key(&app, JANE, &mut key, "Blue <key>").await;
        let b = app.browser();
        let first = login_with_key(&app, &b, &login_url(ec), JANE, &mut key).await;
        let body = app
            .cas_validate("laxValidate", ec, &first.ticket().expect("ticket"), "")
            .await;
        assert!(
            body.contains(
                "<cas:authenticationFactors number=\"2\"><cas:moniker>jane@example.org</cas:moniker><cas:webAuthnDevice><cas:deviceName>Blue &lt;key&gt;</cas:deviceName><cas:deviceIdentifier>"
            ),
            "{body}"
        );
        assert!(body.contains("<cas:sso>false</cas:sso>"), "{body}");
        let sso = b.get(&login_url(ec)).await;
        let body = app
            .cas_validate("laxValidate", ec, &sso.ticket().expect("ticket"), "")
            .await;
        assert!(
            body.contains("<cas:deviceName>Blue &lt;key&gt;</cas:deviceName>"),
            "{body}"
        );
        assert!(
            body.contains("<cas:deviceType>security_key</cas:deviceType></cas:webAuthnDevice>"),
            "{body}"
        );
        assert!(body.contains("<cas:sso>true</cas:sso>"), "{body}");
        // A service not given the factors (the defaults) is told neither the key nor the moniker.
        let t = b.get(&login_url(KEY_ONLY)).await.ticket().expect("ticket");
        let body = app.cas_validate("laxValidate", KEY_ONLY, &t, "").await;
        assert!(body.contains("<cas:strength>PASSWORD_WEBAUTHN<"), "{body}");
        assert!(!body.contains("authenticationFactors"), "{body}");
    })
    .await;
}
