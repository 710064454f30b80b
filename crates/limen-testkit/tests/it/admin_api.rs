//! The admin API (issue 21, docs/ADMIN.md §3) over HTTP: the client credentials grant that
//! gives its tokens (RFC 6749 §4.4), every endpoint of accounts, groups and admins called by each
//! role (the forbidden ones refused with 403), 401 for missing, bad, expired and revoked tokens,
//! ETags (428, 412), pages, bad input answered with problems (RFC 9457) and never a 500, audit
//! entries naming the client and keeping the reason, and the help desk's actions doing what
//! they say (a real lockout lifted, a real security key removed, sessions ended).

use limen_core::AdminRole;
use limen_core::oidc::TokenAuthMethod;
use limen_store::AuditFilter;
use limen_testkit::webauthn::{Attachment, SoftAuthenticator};
use limen_testkit::*;
use serde_json::{Value, json};

const API: &str = "/admin/api/v1";
const CB: &str = "http://127.0.0.1:9/cb";
const PROBLEM: &str = "application/problem+json";

/// What the API answered.
#[derive(Debug)]
struct Res {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
    text: String,
}

impl Res {
    fn content_type(&self) -> &str {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    fn etag(&self) -> String {
        self.header("etag").expect("an ETag")
    }

    /// Asserts a problem with `status`; returns its body.
    fn problem(&self, status: u16, what: &str) -> &Value {
        assert_eq!(self.status, status, "{what}: {}", self.text);
        assert_eq!(self.content_type(), PROBLEM, "{what}: {}", self.text);
        assert_eq!(self.body["status"], status, "{what}: {}", self.text);
        &self.body
    }

    /// The field a 422 names.
    fn field(&self) -> String {
        self.body["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// A request to the API with a bearer token, a JSON body and `If-Match`.
struct Call<'a> {
    method: reqwest::Method,
    path: String,
    token: Option<&'a str>,
    json: Option<Value>,
    raw: Option<(&'a str, String)>,
    if_match: Option<String>,
}

impl<'a> Call<'a> {
    fn new(method: &str, path: &str, token: Option<&'a str>) -> Self {
        Call {
            method: method.parse().expect("method"),
            path: format!("{API}{path}"),
            token,
            json: None,
            raw: None,
            if_match: None,
        }
    }

    fn json(mut self, body: Value) -> Self {
        self.json = Some(body);
        self
    }

    /// A body of any content type.
    fn raw(mut self, content_type: &'a str, body: &str) -> Self {
        self.raw = Some((content_type, body.to_owned()));
        self
    }

    fn if_match(mut self, tag: &str) -> Self {
        self.if_match = Some(tag.to_owned());
        self
    }

    async fn send(self, app: &TestApp) -> Res {
        let mut req = reqwest::Client::new().request(self.method, app.url(&self.path));
        if let Some(t) = self.token {
            req = req.bearer_auth(t);
        }
        if let Some(body) = &self.json {
            req = req.json(body);
        }
        if let Some((ct, body)) = self.raw {
            req = req.header("content-type", ct).body(body);
        }
        if let Some(tag) = self.if_match {
            req = req.header("if-match", tag);
        }
        let r = req.send().await.expect("API request");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Res {
            status,
            headers,
            body,
            text,
        }
    }
}

async fn get(app: &TestApp, token: &str, path: &str) -> Res {
    Call::new("GET", path, Some(token)).send(app).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Res {
    Call::new("POST", path, Some(token))
        .json(body)
        .send(app)
        .await
}

/// A confidential OpenID Connect client holding `role` (None: no role); its id and secret.
async fn admin_client(app: &TestApp, name: &str, role: Option<AdminRole>) -> (String, String) {
    let (client, secret) = app.add_oidc_client(name, CB, |_, _| {}).await;
    if let Some(role) = role {
        app.store
            .grant_admin_client(client.service_id, role, "test", app.clock_now())
            .await
            .expect("grant a role");
    }
    (client.client_id, secret)
}

/// The client credentials grant: the status and the answer.
async fn grant(app: &TestApp, auth: Option<(&str, &str)>, form: &[(&str, &str)]) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(app.url("/oidc/token"))
        .form(form);
    if let Some((id, secret)) = auth {
        req = req.basic_auth(id, Some(secret));
    }
    let r = req.send().await.expect("token request");
    let status = r.status().as_u16();
    (status, r.json().await.expect("JSON answer"))
}

async fn token_of(app: &TestApp, id: &str, secret: &str) -> String {
    let (status, body) = grant(
        app,
        Some((id, secret)),
        &[
            ("grant_type", "client_credentials"),
            ("scope", "limen-admin"),
        ],
    )
    .await;
    assert_eq!(status, 200, "token for {id}: {body}");
    assert_eq!(body["token_type"], "Bearer");
    body["access_token"].as_str().expect("a token").to_owned()
}

/// A client with `role` and its token.
async fn caller(app: &TestApp, name: &str, role: AdminRole) -> String {
    let (id, secret) = admin_client(app, name, Some(role)).await;
    token_of(app, &id, &secret).await
}

async fn uid_of(app: &TestApp, email: &str) -> String {
    app.store
        .account_by_email(&limen_core::Email::parse(email).expect("address"))
        .await
        .expect("store")
        .expect("the account")
        .uid
}

/// The newest audit entries of `event`.
async fn audit_of(app: &TestApp, event: &str) -> Vec<limen_store::AuditEntry> {
    app.store
        .search_audit(
            &AuditFilter {
                event: Some(event.into()),
                ..AuditFilter::default()
            },
            100,
        )
        .await
        .expect("audit search")
        .into_iter()
        .map(|r| r.entry)
        .collect()
}

#[tokio::test]
async fn the_client_credentials_grant_gives_tokens_to_confidential_clients_with_a_role() {
    each_backend(defaults, |app| async move {
        let (id, secret) = admin_client(&app, "ops-robot", Some(AdminRole::Helpdesk)).await;
        let (none_id, none_secret) = admin_client(&app, "no-role", None).await;
        app.add_oidc_client("spa", CB, |_, c| {
            c.auth_method = TokenAuthMethod::None;
            c.secret_hash = None;
        })
        .await;
        let cc = ("grant_type", "client_credentials");

        // A public client cannot keep a secret: §4.4 is not for it.
        let (status, body) = grant(&app, None, &[cc, ("client_id", "spa")]).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"], "unauthorized_client");
        // A confidential client without a role.
        let (status, body) =
            grant(&app, Some((none_id.as_str(), none_secret.as_str())), &[cc]).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"], "unauthorized_client");
        // A wrong secret.
        let (status, body) = grant(&app, Some((id.as_str(), "not-the-secret")), &[cc]).await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["error"], "invalid_client");
        // A scope this grant does not give (RFC 6749 §3.3).
        let (status, body) = grant(
            &app,
            Some((id.as_str(), secret.as_str())),
            &[cc, ("scope", "limen-admin openid")],
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"], "invalid_scope");

        // The right client: a token, no refresh token (§4.4.3), the role behind it.
        let (status, body) = grant(&app, Some((id.as_str(), secret.as_str())), &[cc]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["scope"], "limen-admin");
        assert!(body.get("refresh_token").is_none(), "{body}");
        assert!(body["expires_in"].as_i64().unwrap() > 0);
        let token = body["access_token"].as_str().unwrap();
        let me = get(&app, token, "/me").await;
        assert_eq!(me.status, 200, "{}", me.text);
        assert_eq!(me.body["role"], "helpdesk");
        assert_eq!(me.body["actor"], "client:ops-robot");
        // Issuing it is audited.
        let issued = audit_of(&app, "admin.token_issued").await;
        assert_eq!(issued.len(), 1);
        assert_eq!(issued[0].detail["client"], "ops-robot");
    })
    .await;
}

/// What each role's turn works on: its own accounts, group, person and client, so that one
/// role's changes never decide another's answers.
struct Targets {
    target: String,
    doomed: String,
    person: String,
    group: String,
    service: String,
}

async fn targets(app: &TestApp, role: &str) -> Targets {
    let target = app
        .add_user(
            &format!("target-{role}@example.org"),
            Some("Tess"),
            "Target",
        )
        .await;
    // Locked, so that unlocking has something to do.
    app.store
        .set_status(
            target.id,
            limen_core::AccountStatus::Locked,
            app.clock_now(),
        )
        .await
        .unwrap();
    let doomed = app
        .add_user(&format!("doomed-{role}@example.org"), None, "Doomed")
        .await;
    let person = app
        .add_user(&format!("person-{role}@example.org"), None, "Person")
        .await;
    let group = format!("staff-{role}");
    app.store
        .create_group(
            &limen_core::GroupName::parse(&group).unwrap(),
            None,
            app.clock_now(),
        )
        .await
        .unwrap();
    let service = format!("robot-{role}");
    admin_client(app, &service, None).await;
    Targets {
        target: target.uid,
        doomed: doomed.uid,
        person: person.uid,
        group,
        service,
    }
}

/// An endpoint called: method, path, body, whether it takes If-Match, the capability it needs
/// (read, helpdesk, manage, admins), and what it answers a role that has it.
type Endpoint = (&'static str, String, Option<Value>, bool, &'static str, u16);

/// Every endpoint of accounts.rs, groups.rs and admins.rs.
fn endpoints(role: &str, t: &Targets) -> Vec<Endpoint> {
    let (u, d, p, g, s) = (&t.target, &t.doomed, &t.person, &t.group, &t.service);
    let why = json!({"reason": format!("test of {role}")});
    vec![
        ("GET", "/accounts".into(), None, false, "read", 200),
        (
            "POST",
            "/accounts".into(),
            Some(json!({"email": format!("new-{role}@example.org"), "last_name": "New"})),
            false,
            "manage",
            201,
        ),
        ("GET", format!("/accounts/{u}"), None, false, "read", 200),
        (
            "PATCH",
            format!("/accounts/{u}"),
            Some(json!({"assurance": "MEDIUM"})),
            true,
            "manage",
            200,
        ),
        (
            "POST",
            format!("/accounts/{u}/unlock"),
            Some(why.clone()),
            false,
            "helpdesk",
            200,
        ),
        (
            "POST",
            format!("/accounts/{u}/password-reset"),
            Some(why.clone()),
            false,
            "helpdesk",
            200,
        ),
        (
            "POST",
            format!("/accounts/{u}/lock"),
            Some(why.clone()),
            false,
            "manage",
            200,
        ),
        (
            "GET",
            format!("/accounts/{u}/factors"),
            None,
            false,
            "read",
            200,
        ),
        // No such device: the role passes, the device is not found.
        (
            "DELETE",
            format!("/accounts/{u}/factors/PASSWORD_WEBAUTHN:999999"),
            None,
            false,
            "helpdesk",
            404,
        ),
        (
            "POST",
            format!("/accounts/{u}/factors/remove-all"),
            Some(why.clone()),
            false,
            "helpdesk",
            200,
        ),
        (
            "GET",
            format!("/accounts/{u}/sessions"),
            None,
            false,
            "read",
            200,
        ),
        (
            "POST",
            format!("/accounts/{u}/sessions/end"),
            Some(why.clone()),
            false,
            "helpdesk",
            200,
        ),
        (
            "GET",
            format!("/accounts/{u}/groups"),
            None,
            false,
            "read",
            200,
        ),
        (
            "DELETE",
            format!("/accounts/{d}?reason=gone"),
            None,
            true,
            "manage",
            204,
        ),
        ("GET", "/groups".into(), None, false, "read", 200),
        (
            "POST",
            "/groups".into(),
            Some(json!({"name": format!("new-{role}"), "description": "New"})),
            false,
            "manage",
            201,
        ),
        ("GET", format!("/groups/{g}"), None, false, "read", 200),
        (
            "PATCH",
            format!("/groups/{g}"),
            Some(json!({"description": "Changed"})),
            true,
            "manage",
            200,
        ),
        (
            "GET",
            format!("/groups/{g}/members"),
            None,
            false,
            "read",
            200,
        ),
        (
            "PUT",
            format!("/groups/{g}/members/{u}"),
            None,
            false,
            "manage",
            204,
        ),
        (
            "DELETE",
            format!("/groups/{g}/members/{u}"),
            None,
            false,
            "manage",
            204,
        ),
        ("DELETE", format!("/groups/{g}"), None, true, "manage", 204),
        ("GET", "/admins".into(), None, false, "admins", 200),
        (
            "PUT",
            format!("/admins/{p}"),
            Some(json!({"role": "auditor"})),
            false,
            "admins",
            200,
        ),
        ("DELETE", format!("/admins/{p}"), None, false, "admins", 204),
        (
            "PUT",
            format!("/admin-clients/{s}"),
            Some(json!({"role": "auditor"})),
            false,
            "admins",
            200,
        ),
        (
            "DELETE",
            format!("/admin-clients/{s}"),
            None,
            false,
            "admins",
            204,
        ),
    ]
}

/// Whether `role` may do what `needs` names (limen_core::AdminRole, docs/ADMIN.md §2).
fn may(role: &str, needs: &str) -> bool {
    match role {
        "admin" => true,
        "helpdesk" => matches!(needs, "read" | "helpdesk"),
        "auditor" => needs == "read",
        _ => false,
    }
}

#[tokio::test]
async fn every_endpoint_is_called_by_each_role_and_the_forbidden_ones_are_refused() {
    each_backend(defaults, |app| async move {
        for (role, r) in [
            ("auditor", AdminRole::Auditor),
            ("helpdesk", AdminRole::Helpdesk),
            ("admin", AdminRole::Admin),
        ] {
            let token = caller(&app, &format!("caller-{role}"), r).await;
            let t = targets(&app, role).await;
            let mut refused = 0;
            for (method, path, body, if_match, needs, ok) in endpoints(role, &t) {
                let mut call = Call::new(method, &path, Some(token.as_str()));
                if let Some(b) = body {
                    call = call.json(b);
                }
                if if_match {
                    call = call.if_match("*");
                }
                let res = call.send(&app).await;
                let what = format!("{role} {method} {path}");
                if may(role, needs) {
                    assert_eq!(res.status, ok, "{what}: {}", res.text);
                    if ok == 404 {
                        // The endpoint exists: the device is what was not found.
                        assert_eq!(
                            res.body["type"], "https://limen.invalid/problems/not-found",
                            "{what}"
                        );
                    }
                } else {
                    let p = res.problem(403, &what);
                    assert_eq!(p["type"], "https://limen.invalid/problems/forbidden");
                    refused += 1;
                }
            }
            let expected = match role {
                "auditor" => 19,
                "helpdesk" => 14,
                _ => 0,
            };
            assert_eq!(refused, expected, "{role}: refusals");
        }
        // What the refused calls would have done is not done: the auditor's and the help
        // desk's accounts, groups and grants are as they were.
        for role in ["auditor", "helpdesk"] {
            let new = limen_core::Email::parse(&format!("new-{role}@example.org")).unwrap();
            assert!(app.store.account_by_email(&new).await.unwrap().is_none());
            let doomed = uid_of(&app, &format!("doomed-{role}@example.org")).await;
            let a = app.store.account_by_uid(&doomed).await.unwrap().unwrap();
            assert_eq!(a.status, limen_core::AccountStatus::Active);
            let group = limen_core::GroupName::parse(&format!("staff-{role}")).unwrap();
            assert!(app.store.group(&group).await.unwrap().is_some());
        }
        // The help desk unlocked its target; the auditor's is still locked.
        let a = app
            .store
            .account_by_uid(&uid_of(&app, "target-auditor@example.org").await)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(a.status, limen_core::AccountStatus::Locked);
        let h = app
            .store
            .account_by_uid(&uid_of(&app, "target-helpdesk@example.org").await)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(h.status, limen_core::AccountStatus::Active);
        assert!(app.store.admins().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn missing_bad_expired_and_revoked_tokens_are_refused_with_401() {
    each_backend(defaults, |app| async move {
        app.add_user("jane@example.org", None, "Doe").await;
        let admin = caller(&app, "boss", AdminRole::Admin).await;
        let (id, secret) = admin_client(&app, "desk", Some(AdminRole::Helpdesk)).await;
        let desk = token_of(&app, &id, &secret).await;

        let none = Call::new("GET", "/accounts", None).send(&app).await;
        none.problem(401, "no token");
        assert!(
            none.header("www-authenticate")
                .is_some_and(|v| v.starts_with("Bearer")),
            "RFC 6750 §3"
        );
        let bad = get(&app, "not-a-token", "/accounts").await;
        bad.problem(401, "bad token");
        let long = get(&app, &"x".repeat(500), "/accounts").await;
        long.problem(401, "overlong token");
        let basic = reqwest::Client::new()
            .get(app.url(&format!("{API}/accounts")))
            .basic_auth("desk", Some(&secret))
            .send()
            .await
            .unwrap();
        assert_eq!(basic.status(), 401, "Basic is not a bearer token");
        assert_eq!(get(&app, &desk, "/accounts").await.status, 200);

        // Revoked through the API by an admin: the token stops at once.
        let revoke = Call::new(
            "DELETE",
            "/admin-clients/desk?reason=left",
            Some(admin.as_str()),
        )
        .send(&app)
        .await;
        assert_eq!(revoke.status, 204, "{}", revoke.text);
        get(&app, &desk, "/accounts")
            .await
            .problem(401, "revoked role");
        let entries = audit_of(&app, "admin.client_role_revoked").await;
        assert_eq!(entries[0].actor.as_deref(), Some("client:boss"));
        assert_eq!(entries[0].detail["justification"], "left");

        // Expired: the token lives 10 minutes by default.
        assert_eq!(get(&app, &admin, "/accounts").await.status, 200);
        app.advance(time::Duration::minutes(11));
        get(&app, &admin, "/accounts")
            .await
            .problem(401, "expired token");
    })
    .await;
}

#[tokio::test]
async fn etags_keep_updates_from_being_lost() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", Some("Jane"), "Doe").await;
        let admin = caller(&app, "boss", AdminRole::Admin).await;
        let path = format!("/accounts/{}", jane.uid);
        let read = get(&app, &admin, &path).await;
        assert_eq!(read.status, 200);
        let first = read.etag();

        let change = json!({"assurance": "HIGH", "last_name": "Dupont", "reason": "ticket 7"});
        let without = Call::new("PATCH", &path, Some(admin.as_str()))
            .json(change.clone())
            .send(&app)
            .await;
        without.problem(428, "no If-Match");
        let stale = Call::new("PATCH", &path, Some(admin.as_str()))
            .json(change.clone())
            .if_match("\"0123456789abcdef0123456789abcdef\"")
            .send(&app)
            .await;
        stale.problem(412, "stale If-Match");
        // Nothing changed so far.
        let a = app.store.account_by_id(jane.id).await.unwrap().unwrap();
        assert_eq!(a.assurance, limen_core::AssuranceLevel::Low);

        let done = Call::new("PATCH", &path, Some(admin.as_str()))
            .json(change.clone())
            .if_match(&first)
            .send(&app)
            .await;
        assert_eq!(done.status, 200, "{}", done.text);
        assert_eq!(done.body["assurance"], "HIGH");
        assert_eq!(done.body["last_name"], "Dupont");
        assert_eq!(done.body["first_name"], "Jane");
        let second = done.etag();
        assert_ne!(second, first);
        assert_eq!(get(&app, &admin, &path).await.etag(), second);
        // The other admin, still holding the first version, is stopped.
        let late = Call::new("PATCH", &path, Some(admin.as_str()))
            .json(json!({"first_name": ""}))
            .if_match(&first)
            .send(&app)
            .await;
        late.problem(412, "the first ETag after a change");
        // An empty first name removes it.
        let cleared = Call::new("PATCH", &path, Some(admin.as_str()))
            .json(json!({"first_name": ""}))
            .if_match(&second)
            .send(&app)
            .await;
        assert_eq!(cleared.status, 200, "{}", cleared.text);
        assert_eq!(cleared.body["first_name"], Value::Null);
        let entries = audit_of(&app, "account.details_changed").await;
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].detail["fields"], json!(["last_name"]));
        assert_eq!(entries[1].detail["justification"], "ticket 7");
        assert_eq!(entries[0].detail["fields"], json!(["first_name"]));

        // DELETE takes If-Match too.
        Call::new("DELETE", &path, Some(admin.as_str()))
            .send(&app)
            .await
            .problem(428, "delete without If-Match");
        Call::new("DELETE", &path, Some(admin.as_str()))
            .if_match(&first)
            .send(&app)
            .await
            .problem(412, "delete with a stale If-Match");

        // Groups: the same.
        let made = post(&app, &admin, "/groups", json!({"name": "Staff"})).await;
        assert_eq!(made.status, 201, "{}", made.text);
        assert_eq!(
            made.header("location").as_deref(),
            Some("/admin/api/v1/groups/Staff")
        );
        let tag = made.etag();
        Call::new("PATCH", "/groups/Staff", Some(admin.as_str()))
            .json(json!({"description": "x"}))
            .send(&app)
            .await
            .problem(428, "group without If-Match");
        let changed = Call::new("PATCH", "/groups/Staff", Some(admin.as_str()))
            .json(json!({"description": "Payroll"}))
            .if_match(&tag)
            .send(&app)
            .await;
        assert_eq!(changed.status, 200, "{}", changed.text);
        assert_eq!(changed.body["description"], "Payroll");
        Call::new("PATCH", "/groups/Staff", Some(admin.as_str()))
            .json(json!({}))
            .if_match(&changed.etag())
            .send(&app)
            .await
            .problem(422, "a patch without the description");
        Call::new("DELETE", "/groups/Staff", Some(admin.as_str()))
            .if_match(&tag)
            .send(&app)
            .await
            .problem(412, "group delete with a stale If-Match");
        let gone = Call::new("DELETE", "/groups/Staff", Some(admin.as_str()))
            .if_match(&changed.etag())
            .send(&app)
            .await;
        assert_eq!(gone.status, 204, "{}", gone.text);
        get(&app, &admin, "/groups/Staff")
            .await
            .problem(404, "deleted group");
    })
    .await;
}

/// Follows `next_cursor` from `first` to the end; every item's `key`.
async fn all_pages(app: &TestApp, token: &str, first: &str, key: &str) -> (usize, Vec<String>) {
    let mut seen = Vec::new();
    let mut pages = 0;
    let mut path = first.to_owned();
    loop {
        let page = get(app, token, &path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.text);
        pages += 1;
        let items = page.body["items"].as_array().unwrap();
        assert!(items.len() <= 2, "{path}: {}", page.text);
        seen.extend(items.iter().map(|i| i[key].as_str().unwrap().to_owned()));
        match page.body["next_cursor"].as_str() {
            Some(c) => path = format!("{first}&cursor={c}"),
            None => return (pages, seen),
        }
        assert!(pages < 10, "the pages never end");
    }
}

#[tokio::test]
async fn lists_come_in_pages_chained_by_cursors() {
    each_backend(defaults, |app| async move {
        let auditor = caller(&app, "reader", AdminRole::Auditor).await;
        app.add_user("someone-else@example.org", None, "Other")
            .await;
        for i in 0..5 {
            let a = app
                .add_user(&format!("pager{i}@example.org"), None, "Pager")
                .await;
            let name = limen_core::GroupName::parse(&format!("team-{i}")).unwrap();
            app.store
                .create_group(&name, None, app.clock_now())
                .await
                .unwrap();
            app.store
                .add_group_member(
                    &limen_core::GroupName::parse("team-0").unwrap(),
                    a.id,
                    app.clock_now(),
                )
                .await
                .unwrap();
        }
        let (pages, emails) = all_pages(&app, &auditor, "/accounts?q=pager&limit=2", "email").await;
        assert_eq!(pages, 3);
        let expected: Vec<String> = (0..5).map(|i| format!("pager{i}@example.org")).collect();
        assert_eq!(emails, expected, "in order, none twice, none missed");

        let (pages, groups) = all_pages(&app, &auditor, "/groups?limit=2", "name").await;
        assert_eq!(pages, 3);
        assert_eq!(groups, ["team-0", "team-1", "team-2", "team-3", "team-4"]);

        let (pages, members) =
            all_pages(&app, &auditor, "/groups/team-0/members?limit=2", "email").await;
        assert_eq!(pages, 3);
        assert_eq!(members, expected);

        // The whole list in one page by default; filters by status.
        let all = get(&app, &auditor, "/accounts?status=active").await;
        assert_eq!(all.body["items"].as_array().unwrap().len(), 6);
        assert_eq!(all.body["next_cursor"], Value::Null);
        let pending = get(&app, &auditor, "/accounts?status=pending").await;
        assert!(pending.body["items"].as_array().unwrap().is_empty());

        // Limits and cursors Limen did not give.
        for bad in ["limit=0", "limit=201", "cursor=x1", "cursor=c-4"] {
            let r = get(&app, &auditor, &format!("/accounts?{bad}")).await;
            r.problem(422, bad);
            let r = get(&app, &auditor, &format!("/groups?{bad}")).await;
            r.problem(422, bad);
        }
        get(&app, &auditor, "/accounts?limit=two")
            .await
            .problem(400, "limit=two");
    })
    .await;
}

#[tokio::test]
async fn bad_input_gets_a_problem_never_a_500() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", None, "Doe").await;
        let admin = caller(&app, "boss", AdminRole::Admin).await;
        let u = jane.uid.clone();
        let t = Some(admin.as_str());

        // Unknown or impossible uids and names.
        for path in [
            "/accounts/nobody".to_owned(),
            format!("/accounts/{}", "x".repeat(300)),
            "/accounts/%00%ff".to_owned(),
            "/accounts/nobody/factors".to_owned(),
            "/groups/nothing".to_owned(),
            "/groups/a%2Cb".to_owned(),
            "/groups/nothing/members".to_owned(),
        ] {
            let r = get(&app, &admin, &path).await;
            assert!(
                r.status == 404 || r.status == 400,
                "{path}: {} {}",
                r.status,
                r.text
            );
            assert_eq!(r.content_type(), PROBLEM, "{path}");
        }
        // A body that is not JSON, not an object of the right shape, not JSON at all.
        let path = format!("/accounts/{u}/unlock");
        Call::new("POST", &path, t)
            .raw("application/json", "{\"reason\": ")
            .send(&app)
            .await
            .problem(400, "malformed JSON");
        Call::new("POST", &path, t)
            .raw("text/plain", "reason=hello")
            .send(&app)
            .await
            .problem(415, "text/plain");
        Call::new("POST", &path, t)
            .send(&app)
            .await
            .problem(415, "no body");
        let r = post(&app, &admin, &path, json!({"reason": "x", "extra": 1})).await;
        r.problem(422, "unknown field");
        assert!(r.text.contains("extra"), "{}", r.text);
        post(&app, &admin, &path, json!({"reason": 42}))
            .await
            .problem(422, "a number for a string");
        // Reasons: too long, or with control characters.
        let r = post(&app, &admin, &path, json!({"reason": "x".repeat(501)})).await;
        r.problem(422, "long reason");
        assert_eq!(r.field(), "reason");
        let r = post(&app, &admin, &path, json!({"reason": "a\u{7}b"})).await;
        r.problem(422, "control character");
        assert_eq!(r.field(), "reason");
        let r = Call::new(
            "DELETE",
            &format!("/accounts/{u}?reason={}", "y".repeat(501)),
            t,
        )
        .if_match("*")
        .send(&app)
        .await;
        r.problem(422, "long reason in the query");
        // Enumerations: the field is named.
        for (path, method, body, field) in [
            (
                format!("/accounts/{u}"),
                "PATCH",
                json!({"assurance": "SUPREME"}),
                "assurance",
            ),
            (
                format!("/accounts/{u}"),
                "PATCH",
                json!({"last_name": ""}),
                "last_name",
            ),
            (
                format!("/accounts/{u}"),
                "PATCH",
                json!({"first_name": "<script>"}),
                "first_name",
            ),
            (
                "/accounts".to_owned(),
                "POST",
                json!({"email": "x@example.org", "last_name": "X", "user_type": "robot"}),
                "user_type",
            ),
            (
                "/accounts".to_owned(),
                "POST",
                json!({"email": "x@example.org", "last_name": "X", "assurance": "MAX"}),
                "assurance",
            ),
            (
                "/accounts".to_owned(),
                "POST",
                json!({"email": "x@example.org", "last_name": "X", "email_locale": "tlh"}),
                "email_locale",
            ),
            (
                "/accounts".to_owned(),
                "POST",
                json!({"email": "not an address", "last_name": "X"}),
                "email",
            ),
            (
                "/accounts".to_owned(),
                "POST",
                json!({"email": "x@example.org", "last_name": " "}),
                "last_name",
            ),
            ("/groups".to_owned(), "POST", json!({"name": "a,b"}), "name"),
            (
                "/groups".to_owned(),
                "POST",
                json!({"name": "ok", "description": "d".repeat(501)}),
                "description",
            ),
            (
                format!("/admins/{u}"),
                "PUT",
                json!({"role": "god"}),
                "role",
            ),
        ] {
            let r = Call::new(method, &path, t)
                .json(body)
                .if_match("*")
                .send(&app)
                .await;
            r.problem(422, &format!("{method} {path} {field}"));
            assert_eq!(r.field(), field, "{}", r.text);
        }
        get(&app, &admin, "/accounts?status=deleted")
            .await
            .problem(422, "status=deleted");
        get(&app, &admin, "/accounts?status=weird")
            .await
            .problem(422, "status=weird");
        // A missing required field.
        post(&app, &admin, "/accounts", json!({"email": "x@example.org"}))
            .await
            .problem(422, "no last name");
        // Factor ids Limen did not give.
        for id in [
            "12",
            "WEBAUTHN:1",
            "PASSWORD_WEBAUTHN:x",
            "PASSWORD_WEBAUTHN:-1",
            "%3A",
        ] {
            let r = Call::new("DELETE", &format!("/accounts/{u}/factors/{id}"), t)
                .send(&app)
                .await;
            r.problem(404, id);
        }
        // No such endpoint: a problem too.
        get(&app, &admin, "/accounts/x/nothing/here")
            .await
            .problem(404, "no endpoint");
        // Conflicts.
        let r = post(
            &app,
            &admin,
            "/accounts",
            json!({"email": "JANE@example.org", "last_name": "Doe"}),
        )
        .await;
        r.problem(409, "duplicate address");
        post(&app, &admin, "/groups", json!({"name": "g"})).await;
        post(&app, &admin, "/groups", json!({"name": "g"}))
            .await
            .problem(409, "duplicate group");
        post(&app, &admin, &format!("/accounts/{u}/unlock"), json!({}))
            .await
            .problem(409, "unlock of an account not locked");
        assert_eq!(
            post(&app, &admin, &format!("/accounts/{u}/lock"), json!({}))
                .await
                .status,
            200
        );
        post(&app, &admin, &format!("/accounts/{u}/lock"), json!({}))
            .await
            .problem(409, "lock of a locked account");
        post(
            &app,
            &admin,
            &format!("/accounts/{u}/password-reset"),
            json!({}),
        )
        .await
        .problem(409, "password link to a locked account");
        Call::new("DELETE", &format!("/groups/g/members/{u}"), t)
            .send(&app)
            .await
            .problem(404, "not a member");
        // Admin clients: a CAS service, a public client, the caller itself.
        app.add_service("Portal", "https://portal.example.org/*", |_| {})
            .await;
        app.add_oidc_client("spa", CB, |_, c| {
            c.auth_method = TokenAuthMethod::None;
            c.secret_hash = None;
        })
        .await;
        for service in ["Portal", "spa", "boss"] {
            let r = Call::new("PUT", &format!("/admin-clients/{service}"), t)
                .json(json!({"role": "admin"}))
                .send(&app)
                .await;
            r.problem(409, service);
        }
        Call::new("DELETE", "/admin-clients/boss", t)
            .send(&app)
            .await
            .problem(409, "revoking oneself");
        Call::new("PUT", "/admin-clients/nothing", t)
            .json(json!({"role": "admin"}))
            .send(&app)
            .await
            .problem(404, "no such service");
        Call::new("DELETE", &format!("/admins/{u}"), t)
            .send(&app)
            .await
            .problem(404, "no role to revoke");
        // A deleted account cannot be given a role; one it held can still be revoked.
        let deleted = app.add_user("gone@example.org", None, "Gone").await;
        let r = Call::new("PUT", &format!("/admins/{}", deleted.uid), t)
            .json(json!({"role": "auditor"}))
            .send(&app)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = Call::new("DELETE", &format!("/accounts/{}", deleted.uid), t)
            .if_match("*")
            .send(&app)
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        Call::new("PUT", &format!("/admins/{}", deleted.uid), t)
            .json(json!({"role": "auditor"}))
            .send(&app)
            .await
            .problem(404, "role for a deleted account");
        let r = Call::new("DELETE", &format!("/admins/{}", deleted.uid), t)
            .send(&app)
            .await;
        assert_eq!(
            r.status, 204,
            "revoking the role of a deleted account: {}",
            r.text
        );
        get(&app, &admin, &format!("/accounts/{}", deleted.uid))
            .await
            .problem(404, "a deleted account");
    })
    .await;
}

#[tokio::test]
async fn actions_are_audited_with_the_client_and_the_reason() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", None, "Doe").await;
        let (id, secret) = admin_client(&app, "boss", Some(AdminRole::Admin)).await;
        let admin = token_of(&app, &id, &secret).await;
        let u = &jane.uid;
        let lock = post(
            &app,
            &admin,
            &format!("/accounts/{u}/lock"),
            json!({"reason": "ticket 42"}),
        )
        .await;
        assert_eq!(lock.status, 200, "{}", lock.text);
        assert_eq!(lock.body["account"]["status"], "locked");
        let unlock = post(
            &app,
            &admin,
            &format!("/accounts/{u}/unlock"),
            json!({"reason": "ticket 43"}),
        )
        .await;
        assert_eq!(unlock.status, 200, "{}", unlock.text);
        assert_eq!(unlock.body["account"]["status"], "active");
        let end = post(
            &app,
            &admin,
            &format!("/accounts/{u}/sessions/end"),
            json!({"reason": "ticket 44"}),
        )
        .await;
        assert_eq!(end.status, 200, "{}", end.text);
        let created = post(
            &app,
            &admin,
            "/groups",
            json!({"name": "Staff", "reason": "ticket 45"}),
        )
        .await;
        assert_eq!(created.status, 201, "{}", created.text);
        let put = Call::new(
            "PUT",
            &format!("/groups/Staff/members/{u}?reason=ticket%2046"),
            Some(admin.as_str()),
        )
        .send(&app)
        .await;
        assert_eq!(put.status, 204, "{}", put.text);
        let groups = get(&app, &admin, &format!("/accounts/{u}/groups")).await;
        assert_eq!(groups.body["items"], json!([{"name": "Staff"}]));
        let role = Call::new("PUT", &format!("/admins/{u}"), Some(admin.as_str()))
            .json(json!({"role": "helpdesk", "reason": "ticket 47"}))
            .send(&app)
            .await;
        assert_eq!(role.status, 200, "{}", role.text);
        assert_eq!(role.body["granted_by"], "client:boss");
        assert_eq!(role.body["role"], "helpdesk");
        let list = get(&app, &admin, "/admins").await;
        assert_eq!(list.body["people"][0]["uid"], *u);
        assert_eq!(list.body["clients"][0]["client_id"], "boss");
        let assurance = Call::new("PATCH", &format!("/accounts/{u}"), Some(admin.as_str()))
            .json(json!({"assurance": "TOP", "reason": "ticket 48"}))
            .if_match("*")
            .send(&app)
            .await;
        assert_eq!(assurance.status, 200, "{}", assurance.text);

        for (event, reason) in [
            ("account.locked", "ticket 42"),
            ("account.unlocked", "ticket 43"),
            ("sessions.ended_by_operator", "ticket 44"),
            ("group.create", "ticket 45"),
            ("group.member.add", "ticket 46"),
            ("admin.role_granted", "ticket 47"),
            ("account.assurance", "ticket 48"),
        ] {
            let entries = audit_of(&app, event).await;
            assert_eq!(entries.len(), 1, "{event}");
            let e = &entries[0];
            assert_eq!(e.actor.as_deref(), Some("client:boss"), "{event}");
            assert_eq!(e.detail["justification"], reason, "{event}");
            if event != "group.create" {
                assert_eq!(e.account_id, Some(jane.id), "{event}");
            }
        }
        // The chain still holds after all that.
        assert!(matches!(
            app.store.verify_audit().await.unwrap(),
            limen_store::ChainReport::Intact { .. }
        ));
    })
    .await;
}

#[tokio::test]
async fn a_created_account_gets_its_password_link_and_a_reset_link_can_be_sent() {
    each_backend(defaults, |app| async move {
        let admin = caller(&app, "boss", AdminRole::Admin).await;
        let desk = caller(&app, "desk", AdminRole::Helpdesk).await;
        let r = post(
            &app,
            &admin,
            "/accounts",
            json!({"email": "new@limen.test", "first_name": "Nina", "last_name": "New",
                   "email_locale": "fr", "reason": "new hire"}),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let uid = r.body["uid"].as_str().unwrap().to_owned();
        assert_eq!(
            r.header("location"),
            Some(format!("/admin/api/v1/accounts/{uid}"))
        );
        assert_eq!(r.body["status"], "pending");
        assert_eq!(r.body["has_password"], false);
        // As `limen user add`: internal by the domain, and then TOP.
        assert_eq!(r.body["user_type"], "internal");
        assert_eq!(r.body["assurance"], "TOP");
        assert_eq!(r.body["email_locale"], "fr");
        assert_eq!(
            get(&app, &admin, &format!("/accounts/{uid}")).await.etag(),
            r.etag()
        );
        let created = audit_of(&app, "account.created").await;
        assert_eq!(created[0].actor.as_deref(), Some("client:boss"));
        assert_eq!(created[0].detail["justification"], "new hire");

        // The link sets the first password.
        let link = app.link_in_mail("new@limen.test", 1).await;
        assert!(link.contains("/cas/password/new?key="), "{link}");
        let b = app.browser();
        let form = b.get(&link).await;
        assert_eq!(form.status, 200, "{}", form.body);

        // The help desk sends a password link; the worker mails it.
        let external = app.add_user("ext@example.org", None, "Ext").await;
        let r = post(
            &app,
            &desk,
            &format!("/accounts/{}/password-reset", external.uid),
            json!({"reason": "forgot it on the phone"}),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let link = app.link_in_mail("ext@example.org", 1).await;
        assert!(link.contains("/cas/password/new?key="), "{link}");
        let sent = audit_of(&app, "account.password_link_sent").await;
        assert_eq!(sent[0].actor.as_deref(), Some("client:desk"));
        assert_eq!(sent[0].detail["justification"], "forgot it on the phone");
        assert_eq!(sent[0].detail["link"], "reset");
    })
    .await;
}

#[tokio::test]
async fn unlock_lifts_a_real_lockout_of_failed_logins() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", None, "Doe").await;
        let desk = caller(&app, "desk", AdminRole::Helpdesk).await;
        let path = format!("/accounts/{}", jane.uid);
        assert_eq!(
            get(&app, &desk, &path).await.body["locked_out_until"],
            Value::Null
        );
        let b = app.browser();
        for _ in 0..5 {
            let page = b.login(None, "jane@example.org", "wrong password").await;
            assert_ne!(page.status, 303, "{}", page.body);
        }
        // Locked out now: even the right password is refused.
        b.login(None, "jane@example.org", PASSWORD).await;
        assert_ne!(b.get("/account").await.status, 200, "the lockout holds");
        let shown = get(&app, &desk, &path).await;
        assert!(shown.body["locked_out_until"].is_string(), "{}", shown.text);
        assert_eq!(shown.body["status"], "active");

        let r = post(
            &app,
            &desk,
            &format!("{path}/unlock"),
            json!({"reason": "called the desk"}),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["account"]["locked_out_until"], Value::Null);
        let entry = &audit_of(&app, "account.unlocked").await[0];
        assert_eq!(entry.detail["was_locked"], false);
        assert!(entry.detail["lockout_until"].is_i64());
        assert_eq!(entry.actor.as_deref(), Some("client:desk"));

        // The right password works again.
        let b = app.browser();
        let page = b.login(None, "jane@example.org", PASSWORD).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(b.get("/account").await.status, 200);
    })
    .await;
}

#[tokio::test]
async fn factors_are_listed_and_removed_one_or_all_ending_sessions() {
    each_backend(defaults, |app| async move {
        let jane = app.add_user("jane@example.org", None, "Doe").await;
        let desk = caller(&app, "desk", AdminRole::Helpdesk).await;
        let auditor = caller(&app, "reader", AdminRole::Auditor).await;
        let u = &jane.uid;
        let mut key = SoftAuthenticator::new(Attachment::CrossPlatform);
        let b = crate::webauthn::signed_in(&app, "jane@example.org").await;
        crate::webauthn::register(&app, &b, &mut key, "security_key", "Blue key").await;
        let other = crate::webauthn::signed_in(&app, "jane@example.org").await;

        let list = get(&app, &auditor, &format!("/accounts/{u}/factors")).await;
        assert_eq!(list.status, 200, "{}", list.text);
        let items = list.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{}", list.text);
        assert_eq!(items[0]["method"], "PASSWORD_WEBAUTHN");
        assert_eq!(items[0]["kind"], "security_key");
        assert_eq!(items[0]["name"], "Blue key");
        assert_eq!(items[0]["blocked"], false);
        let id = items[0]["id"].as_str().unwrap().to_owned();
        assert!(id.starts_with("PASSWORD_WEBAUTHN:"), "{id}");
        let sessions = get(&app, &auditor, &format!("/accounts/{u}/sessions")).await;
        let live = sessions.body["items"].as_array().unwrap();
        assert_eq!(live.len(), 2, "{}", sessions.text);
        assert!(
            live[0]["methods"]
                .as_array()
                .unwrap()
                .contains(&json!("PASSWORD"))
        );
        assert_eq!(live[0]["browser"], "limen-testkit");

        // One factor: the key goes, every session ends.
        let r = Call::new(
            "DELETE",
            &format!("/accounts/{u}/factors/{id}?reason=lost%20key"),
            Some(desk.as_str()),
        )
        .send(&app)
        .await;
        assert_eq!(r.status, 204, "{}", r.text);
        assert!(
            app.store
                .webauthn_credentials(jane.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert_ne!(b.get("/account").await.status, 200, "the session ended");
        assert_ne!(other.get("/account").await.status, 200, "the session ended");
        let removed = audit_of(&app, "webauthn.delete").await;
        assert_eq!(removed[0].actor.as_deref(), Some("client:desk"));
        assert_eq!(removed[0].detail["justification"], "lost key");
        // Again: it is gone.
        Call::new(
            "DELETE",
            &format!("/accounts/{u}/factors/{id}"),
            Some(desk.as_str()),
        )
        .send(&app)
        .await
        .problem(404, "a removed factor");

        // All of them: a new key, a new session, then remove-all.
        let b = crate::webauthn::signed_in(&app, "jane@example.org").await;
        let mut key2 = SoftAuthenticator::new(Attachment::CrossPlatform);
        crate::webauthn::register(&app, &b, &mut key2, "security_key", "Red key").await;
        assert_eq!(
            app.store.webauthn_credentials(jane.id).await.unwrap().len(),
            1
        );
        let r = post(
            &app,
            &desk,
            &format!("/accounts/{u}/factors/remove-all"),
            json!({"reason": "lost everything"}),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.body["removed"],
            json!([{"method": "PASSWORD_WEBAUTHN", "name": "Red key"}])
        );
        assert!(
            r.body["sessions_ended"].as_u64().unwrap() >= 1,
            "{}",
            r.text
        );
        assert!(
            app.store
                .webauthn_credentials(jane.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert_ne!(b.get("/account").await.status, 200, "the session ended");
        let list = get(&app, &auditor, &format!("/accounts/{u}/factors")).await;
        assert!(list.body["items"].as_array().unwrap().is_empty());
        let sessions = get(&app, &auditor, &format!("/accounts/{u}/sessions")).await;
        assert!(
            sessions.body["items"].as_array().unwrap().is_empty(),
            "{}",
            sessions.text
        );
        let all = &audit_of(&app, "factors.remove_all").await[0];
        assert_eq!(all.actor.as_deref(), Some("client:desk"));
        assert_eq!(all.detail["justification"], "lost everything");
        assert_eq!(all.detail["by"], "admin");
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_describes_these_endpoints() {
    each_backend(defaults, |app| async move {
        let r = reqwest::get(app.url(&format!("{API}/openapi.json")))
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let doc: Value = r.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        let paths = doc["paths"].as_object().unwrap();
        let mut ids = Vec::new();
        for op in paths.values().flat_map(|p| p.as_object().unwrap().values()) {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                ids.push(id.to_owned());
            }
        }
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "operation ids are unique: {ids:?}");
        for (path, method, id) in [
            ("/admin/api/v1/accounts", "post", "createAccount"),
            ("/admin/api/v1/accounts/{uid}", "delete", "deleteAccount"),
            ("/admin/api/v1/accounts/{uid}/lock", "post", "lockAccount"),
            (
                "/admin/api/v1/accounts/{uid}/password-reset",
                "post",
                "sendPasswordLink",
            ),
            (
                "/admin/api/v1/accounts/{uid}/factors",
                "get",
                "listAccountFactors",
            ),
            (
                "/admin/api/v1/accounts/{uid}/factors/{id}",
                "delete",
                "removeAccountFactor",
            ),
            (
                "/admin/api/v1/accounts/{uid}/factors/remove-all",
                "post",
                "removeAllAccountFactors",
            ),
            (
                "/admin/api/v1/accounts/{uid}/sessions",
                "get",
                "listAccountSessions",
            ),
            (
                "/admin/api/v1/accounts/{uid}/sessions/end",
                "post",
                "endAccountSessions",
            ),
            (
                "/admin/api/v1/accounts/{uid}/groups",
                "get",
                "listAccountGroups",
            ),
            ("/admin/api/v1/groups", "get", "listGroups"),
            ("/admin/api/v1/groups", "post", "createGroup"),
            ("/admin/api/v1/groups/{name}", "patch", "updateGroup"),
            ("/admin/api/v1/groups/{name}", "delete", "deleteGroup"),
            (
                "/admin/api/v1/groups/{name}/members",
                "get",
                "listGroupMembers",
            ),
            (
                "/admin/api/v1/groups/{name}/members/{uid}",
                "put",
                "addGroupMember",
            ),
            (
                "/admin/api/v1/groups/{name}/members/{uid}",
                "delete",
                "removeGroupMember",
            ),
            ("/admin/api/v1/admins", "get", "listAdmins"),
            ("/admin/api/v1/admins/{uid}", "put", "grantAdmin"),
            ("/admin/api/v1/admins/{uid}", "delete", "revokeAdmin"),
            (
                "/admin/api/v1/admin-clients/{service}",
                "put",
                "grantAdminClient",
            ),
            (
                "/admin/api/v1/admin-clients/{service}",
                "delete",
                "revokeAdminClient",
            ),
        ] {
            let op = &doc["paths"][path][method];
            assert_eq!(op["operationId"], id, "{method} {path}");
            // Every refusal is a problem.
            for (status, answer) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    assert!(
                        answer["content"].get(PROBLEM).is_some(),
                        "{method} {path} {status}"
                    );
                }
            }
            assert!(op["responses"].get("401").is_some(), "{method} {path}");
            assert!(op["responses"].get("403").is_some(), "{method} {path}");
        }
        assert!(doc["components"]["schemas"].get("FactorView").is_some());
        assert!(doc["components"]["schemas"].get("GroupView").is_some());
        assert!(doc["components"]["schemas"].get("Admins").is_some());
    })
    .await;
}
