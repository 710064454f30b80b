//! Issue 21: the admin API's tokens and audit endpoints through the real server, with access
//! tokens from the client credentials grant — what each role may do, a real PSKC file (RFC 6030
//! figure 6) imported, assigned, resynchronised with codes from `limen_oath`, locked, unlocked
//! and deleted; the audit log searched in pages with filters, exported as CSV and JSON lines
//! (read back), formula injection neutralised, the hash chain verified before and after an
//! edit made with SQL, and the dashboard's figures.

use limen_core::{AccountStatus, AdminRole};
use limen_oath::{Hash, hotp};
use limen_store::AuditEntry;
use limen_testkit::{TestApp, defaults, each_backend};
use reqwest::Method;
use serde_json::{Value, json};
use time::OffsetDateTime;

const STAFF: &str = "kim@limen.test";
const OTHER: &str = "lee@limen.test";
/// RFC 4226 Appendix D's key, which RFC 6030's figures 6 and 7 carry.
const KEY20: &str = "3132333435363738393031323334353637383930";
/// RFC 6030 figure 6: a HOTP token (serial 987654321, 8 digits, counter 0) under the
/// pre-shared AES key below; figure 7: the same token under the password "qwerty".
const FIGURE6: &str = include_str!("../../../limen-oath/tests/pskc/rfc6030-figure6.xml");
const FIGURE7: &str = include_str!("../../../limen-oath/tests/pskc/rfc6030-figure7.xml");
const FIGURE6_KEY: &str = "12345678901234567890123456789012";

/// An answer of the API.
struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: not JSON ({}): {}", self.status, self.body))
    }

    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// A problem (RFC 9457) with this status: its body.
    fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), "application/problem+json");
        let p = self.json();
        assert_eq!(p["status"], status);
        p
    }

    /// The field a 422 names.
    fn invalid_field(&self) -> String {
        let p = self.problem(422);
        p["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// A program with an admin role, holding an access token from the client credentials grant.
struct Api {
    base: String,
    token: String,
    /// How the audit log names it.
    actor: String,
    http: reqwest::Client,
}

impl Api {
    async fn new(app: &TestApp, name: &str, role: AdminRole) -> Api {
        let (client, secret) = app
            .add_oidc_client(name, "https://ops.example.org/cb", |_, _| {})
            .await;
        app.store
            .grant_admin_client(client.service_id, role, "test", app.clock_now())
            .await
            .unwrap();
        let http = reqwest::Client::new();
        let r = http
            .post(app.url("/oidc/token"))
            .basic_auth(&client.client_id, Some(&secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let answer: Value = r.json().await.unwrap();
        Api {
            base: app.url("/admin/api/v1"),
            token: answer["access_token"].as_str().unwrap().to_owned(),
            actor: format!("client:{}", client.client_id),
            http,
        }
    }

    /// The same server without a token.
    fn anonymous(&self) -> Api {
        Api {
            base: self.base.clone(),
            token: String::new(),
            actor: String::new(),
            http: self.http.clone(),
        }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if !self.token.is_empty() {
            req = req.bearer_auth(&self.token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let r = req.send().await.unwrap();
        Reply {
            status: r.status().as_u16(),
            headers: r.headers().clone(),
            body: r.text().await.unwrap(),
        }
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }

    /// A request body sent as it is, with this media type.
    async fn post_raw(&self, path: &str, content_type: &str, body: &str) -> Reply {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .header("content-type", content_type)
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        Reply {
            status: r.status().as_u16(),
            headers: r.headers().clone(),
            body: r.text().await.unwrap(),
        }
    }
}

fn code(counter: u64, digits: u8) -> String {
    hotp::hotp(&hex::decode(KEY20).unwrap(), Hash::Sha1, counter, digits).unwrap()
}

async fn import_csv(api: &Api, csv: &str) -> Reply {
    api.post(
        "/tokens/import",
        json!({"format": "csv", "content": csv, "all_or_nothing": true}),
    )
    .await
}

/// The entries about `uid` with this event, newest first.
async fn entries(api: &Api, event: &str, uid: &str) -> Vec<Value> {
    let r = api.get(&format!("/audit?event={event}&uid={uid}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["items"].as_array().unwrap().clone()
}

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap()
}

/// An entry written straight into the chain, as the engine would.
async fn write(
    app: &TestApp,
    when: OffsetDateTime,
    event: &str,
    account: Option<i64>,
    adjust: impl FnOnce(&mut AuditEntry),
) {
    let mut e = AuditEntry::new(when, event, account, json!({"method": "PASSWORD"}));
    e.actor = Some("user".into());
    e.client_ip = Some("192.0.2.10".into());
    e.user_agent = Some("Mozilla/5.0".into());
    adjust(&mut e);
    app.store.audit(&e).await.unwrap();
}

/// RFC 4180 read simply: quoted fields with doubled quotes, CRLF after every record.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty(), "a quote inside an unquoted field: {text}");
                quoted = true;
            }
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("a bare LF outside quotes: {text:?}"),
            c => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

/// Who may do what: the help desk resynchronises, locks and unlocks tokens but does not import,
/// assign, unassign or delete, and does not read the audit log; the auditor reads tokens and the
/// log and changes nothing; without a token, nothing. A refusal changes nothing.
#[tokio::test]
async fn roles_on_tokens_and_the_audit_log() {
    each_backend(defaults, |app| async move {
        let staff = app.add_user(STAFF, Some("Kim"), "Staff").await;
        let admin = Api::new(&app, "ops-admin", AdminRole::Admin).await;
        let helpdesk = Api::new(&app, "ops-helpdesk", AdminRole::Helpdesk).await;
        let auditor = Api::new(&app, "ops-auditor", AdminRole::Auditor).await;
        let r = import_csv(
            &admin,
            &format!("R-1001,{KEY20},hotp\nR-1002,{KEY20},hotp\n"),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);

        // Reading the inventory: all three roles (ReadAccounts).
        for api in [&admin, &helpdesk, &auditor] {
            let list = api.get("/tokens").await;
            assert_eq!(list.status, 200, "{}", list.body);
            assert_eq!(list.json()["items"].as_array().unwrap().len(), 2);
            assert_eq!(api.get("/tokens/R-1001").await.status, 200);
        }

        // What only ManageAccounts may do.
        let assign = json!({"uid": staff.uid});
        let csv = json!({"format": "csv", "content": format!("R-1003,{KEY20},hotp\n")});
        for api in [&helpdesk, &auditor] {
            let p = api.post("/tokens/import", csv.clone()).await.problem(403);
            assert!(
                p["detail"].as_str().unwrap().contains("ManageAccounts"),
                "{p}"
            );
            api.post("/tokens/R-1001/assign", assign.clone())
                .await
                .problem(403);
            api.post("/tokens/R-1001/unassign", json!({}))
                .await
                .problem(403);
            api.delete("/tokens/R-1001").await.problem(403);
        }
        // What the help desk may do and the auditor may not (Helpdesk).
        for path in ["/tokens/R-1002/lock", "/tokens/R-1002/unlock"] {
            auditor.post(path, json!({})).await.problem(403);
        }
        let resync = json!({"first": code(30, 6), "second": code(31, 6), "reason": "ticket 17"});
        auditor
            .post("/tokens/R-1002/resync", resync.clone())
            .await
            .problem(403);
        // ... and what the refusals left: nothing changed.
        let t = admin.get("/tokens/R-1001").await.json();
        assert!(t["holder"].is_null(), "{t}");
        let t = admin.get("/tokens/R-1002").await.json();
        assert_eq!(
            (t["state"].as_str(), t["counter"].as_i64()),
            (Some("active"), Some(0))
        );
        assert!(admin.get("/tokens/R-1003").await.status == 404);

        let r = helpdesk.post("/tokens/R-1002/resync", resync).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["token"]["counter"], 32);
        let r = helpdesk.post("/tokens/R-1002/lock", json!({})).await;
        assert_eq!(r.json()["token"]["state"], "disabled", "{}", r.body);
        let r = helpdesk.post("/tokens/R-1002/unlock", json!({})).await;
        assert_eq!(r.json()["token"]["state"], "active", "{}", r.body);

        // The audit log: ReadAudit only.
        for path in ["/audit", "/audit/export", "/audit/verify", "/stats"] {
            helpdesk.get(path).await.problem(403);
            let r = auditor.get(path).await;
            assert_eq!(r.status, 200, "{path}: {}", r.body);
            assert_eq!(admin.get(path).await.status, 200, "{path}");
        }
        // The help desk's resync is in the log, by its client, with its reason.
        let items = auditor.get("/audit?event=token.resynced").await.json()["items"].clone();
        assert_eq!(items.as_array().unwrap().len(), 1, "{items}");
        assert_eq!(items[0]["actor"], helpdesk.actor.as_str());
        assert_eq!(items[0]["detail"]["serial"], "R-1002");
        assert_eq!(items[0]["detail"]["justification"], "ticket 17");
        assert_eq!(items[0]["detail"]["by"], "admin");

        // No token, or a wrong one.
        let nobody = admin.anonymous();
        for path in [
            "/tokens",
            "/tokens/R-1001",
            "/audit",
            "/audit/export",
            "/stats",
        ] {
            let r = nobody.get(path).await;
            r.problem(401);
            assert!(r.header("www-authenticate").starts_with("Bearer"));
        }
        let forged = Api {
            token: "x".repeat(43),
            ..admin.anonymous()
        };
        forged.post("/tokens/import", csv).await.problem(401);
    })
    .await;
}

/// A real PSKC file through the API: imported under its pre-shared key, shown without its key,
/// assigned (with the holder told), resynchronised with codes computed by `limen_oath`, locked,
/// unlocked, unassigned and deleted — each step audited with the caller and the reason.
#[tokio::test]
async fn pskc_import_assign_resync_lock_unlock_delete() {
    each_backend(defaults, |app| async move {
        let staff = app.add_user(STAFF, Some("Kim"), "Staff").await;
        let other = app.add_user(OTHER, Some("Lee"), "Other").await;
        let admin = Api::new(&app, "ops-admin", AdminRole::Admin).await;

        // The wrong key, then the right one.
        let r = admin
            .post(
                "/tokens/import",
                json!({"format": "pskc", "content": FIGURE6, "preshared_key_hex": "00".repeat(16)}),
            )
            .await;
        assert_eq!(r.invalid_field(), "preshared_key_hex", "{}", r.body);
        let r = admin
            .post(
                "/tokens/import",
                json!({"format": "pskc", "content": FIGURE6, "preshared_key_hex": FIGURE6_KEY}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json(), json!({"imported": ["987654321"], "refused": []}));
        // Figure 7 holds the same serial: refused as already in the inventory, nothing imported.
        let r = admin
            .post(
                "/tokens/import",
                json!({"format": "pskc", "content": FIGURE7, "password": "qwerty"}),
            )
            .await;
        let p = r.problem(422);
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("987654321"),
            "{p}"
        );
        assert!(r.body.contains("already in the inventory"), "{}", r.body);
        let imported = entries(&admin, "token.imported", "").await;
        assert_eq!(imported.len(), 1, "{imported:?}");
        assert_eq!(imported[0]["actor"], admin.actor.as_str());
        assert_eq!(imported[0]["detail"]["source"], "admin API (PSKC)");

        // Shown, never with its key.
        let r = admin.get("/tokens/987654321").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let t = r.json();
        assert_eq!(t["kind"], "hotp");
        assert_eq!(t["digits"], 8);
        assert_eq!(t["counter"], 0);
        assert_eq!(t["manufacturer"], "Manufacturer");
        assert_eq!(t["state"], "active");
        assert!(t["holder"].is_null());
        for secret in [
            KEY20,
            "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=",
            "12345678901234567890",
        ] {
            assert!(!r.body.contains(secret), "the key leaks: {}", r.body);
        }
        assert!(t.get("secret").is_none());
        let list = admin.get("/tokens?q=98765&unassigned=true").await.json();
        assert_eq!(list["items"][0]["serial"], "987654321");

        // Assigned, with a name and a reason; the holder is told.
        let r = admin
            .post(
                "/tokens/987654321/assign",
                json!({"uid": staff.uid, "name": "Desk token", "reason": "new starter"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let t = &r.json()["token"];
        assert_eq!(t["holder"]["uid"], staff.uid.as_str());
        assert_eq!(t["holder"]["email"], STAFF);
        assert_eq!(t["name"], "Desk token");
        let mail = app.mail_to(STAFF, 1).await;
        assert_eq!(mail.len(), 1);
        let assigned = entries(&admin, "token.assigned", &staff.uid).await;
        assert_eq!(assigned.len(), 1);
        assert_eq!(assigned[0]["uid"], staff.uid.as_str());
        assert_eq!(assigned[0]["actor"], admin.actor.as_str());
        assert_eq!(assigned[0]["detail"]["justification"], "new starter");
        assert_eq!(assigned[0]["detail"]["by"], "admin");
        // The same account again is fine; another is a conflict; an unknown one is invalid.
        let again = admin
            .post("/tokens/987654321/assign", json!({"uid": staff.uid}))
            .await;
        assert_eq!(again.status, 200);
        let p = admin
            .post("/tokens/987654321/assign", json!({"uid": other.uid}))
            .await
            .problem(409);
        assert!(p["detail"].as_str().unwrap().contains(STAFF), "{p}");
        let r = admin
            .post("/tokens/987654321/assign", json!({"uid": "nobody"}))
            .await;
        assert_eq!(r.invalid_field(), "uid");
        let r = admin
            .post(
                "/tokens/987654321/assign",
                json!({"uid": staff.uid, "name": "x".repeat(65)}),
            )
            .await;
        assert_eq!(r.invalid_field(), "name");
        admin
            .post("/tokens/555/assign", json!({"uid": staff.uid}))
            .await
            .problem(404);

        // Resynchronised: the token drifted to counter 500.
        let wrong = admin
            .post(
                "/tokens/987654321/resync",
                json!({"first": code(500, 8), "second": code(502, 8)}),
            )
            .await;
        assert_eq!(wrong.invalid_field(), "first", "{}", wrong.body);
        let r = admin
            .post(
                "/tokens/987654321/resync",
                json!({"first": code(500, 8), "second": code(501, 8), "reason": "drifted"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["done"], "resynchronised");
        assert_eq!(r.json()["token"]["counter"], 502);
        // Codes that cannot be codes.
        let r = admin
            .post(
                "/tokens/987654321/resync",
                json!({"first": "", "second": code(503, 8)}),
            )
            .await;
        assert_eq!(r.invalid_field(), "first");

        // Locked, then unlocked.
        let r = admin
            .post("/tokens/987654321/lock", json!({"reason": "lost"}))
            .await;
        assert_eq!(r.json()["token"]["state"], "disabled", "{}", r.body);
        let r = admin
            .post("/tokens/987654321/unlock", json!({"reason": "found"}))
            .await;
        assert_eq!(r.json()["token"]["state"], "active", "{}", r.body);
        let locks = entries(&admin, "token.", &staff.uid).await;
        let events: Vec<&str> = locks.iter().map(|e| e["event"].as_str().unwrap()).collect();
        assert_eq!(
            events,
            [
                "token.unlocked",
                "token.disabled",
                "token.resynced",
                "token.assigned"
            ]
        );
        assert_eq!(locks[0]["detail"]["justification"], "found");
        assert_eq!(locks[1]["detail"]["justification"], "lost");

        // Unassigned (twice: the second is a conflict), then deleted.
        let r = admin
            .post("/tokens/987654321/unassign", json!({"reason": "left"}))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.json()["token"]["holder"].is_null());
        admin
            .post("/tokens/987654321/unassign", json!({}))
            .await
            .problem(409);
        let r = admin.delete("/tokens/987654321?reason=broken").await;
        assert_eq!(r.status, 204, "{}", r.body);
        admin.get("/tokens/987654321").await.problem(404);
        admin.delete("/tokens/987654321").await.problem(404);
        let deleted = entries(&admin, "token.deleted", "").await;
        assert_eq!(deleted[0]["detail"]["justification"], "broken");
    })
    .await;
}

/// Bad input is a 4xx problem naming what is wrong, never a 500; an OCRA token has no codes
/// to resynchronise; a CSV file with a bad line imports the rest, or nothing when asked.
#[tokio::test]
async fn import_refusals_and_bad_input() {
    each_backend(defaults, |app| async move {
        let admin = Api::new(&app, "ops-admin", AdminRole::Admin).await;
        let bad_line = format!(
            "C-1,{KEY20},hotp\nC-2,nothex,hotp\nC-3,{KEY20},ocra,,OCRA-1:HOTP-SHA1-6:QN08\n"
        );
        let r = import_csv(&admin, &bad_line).await;
        let p = r.problem(422);
        assert_eq!(p["errors"].as_array().unwrap().len(), 1, "{p}");
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with("key package 2 (C-2)"),
            "{p}"
        );
        assert_eq!(admin.get("/tokens").await.json()["items"], json!([]));
        let r = admin
            .post("/tokens/import", json!({"format": "csv", "content": bad_line}))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let report = r.json();
        assert_eq!(report["imported"], json!(["C-1", "C-3"]));
        assert_eq!(report["refused"][0]["index"], 2);
        assert_eq!(report["refused"][0]["serial"], "C-2");

        admin
            .post(
                "/tokens/C-3/resync",
                json!({"first": "123456", "second": "654321"}),
            )
            .await
            .problem(409);

        for (body, field) in [
            (json!({"format": "xml", "content": "x"}), "format"),
            (json!({"format": "pskc", "content": "<not xml"}), "content"),
            (json!({"format": "pskc", "content": ""}), "content"),
            (
                json!({"format": "csv", "content": "a", "password": "p"}),
                "password",
            ),
            (
                json!({"format": "pskc", "content": FIGURE6, "password": "p", "preshared_key_hex": "00"}),
                "preshared_key_hex",
            ),
            (
                json!({"format": "pskc", "content": FIGURE6, "preshared_key_hex": "zz"}),
                "preshared_key_hex",
            ),
            (json!({"format": "pskc", "content": FIGURE6}), "password"),
            (
                json!({"format": "pskc", "content": FIGURE7, "password": "wrong"}),
                "password",
            ),
        ] {
            let r = admin.post("/tokens/import", body.clone()).await;
            assert_eq!(r.invalid_field(), field, "{body}: {}", r.body);
        }
        // The body's shape: unknown fields, wrong types, not JSON, not said to be JSON.
        let r = admin
            .post(
                "/tokens/import",
                json!({"format": "csv", "content": "", "secret": 1}),
            )
            .await;
        r.problem(422);
        admin
            .post("/tokens/import", json!({"format": "csv"}))
            .await
            .problem(422);
        admin
            .post_raw("/tokens/import", "application/json", "{not json")
            .await
            .problem(400);
        admin
            .post_raw("/tokens/import", "text/plain", "{}")
            .await
            .problem(415);
        // Too large for the body limit.
        let big = json!({"format": "csv", "content": "#".repeat(70 * 1024)});
        let r = admin.post("/tokens/import", big).await;
        assert_eq!(r.status, 413, "{}", r.body);

        // Actions: reasons, serials, pages.
        let r = admin
            .post("/tokens/C-1/lock", json!({"reason": "x".repeat(501)}))
            .await;
        assert_eq!(r.invalid_field(), "reason");
        let r = admin
            .post("/tokens/C-1/lock", json!({"reason": "a\u{7}b"}))
            .await;
        assert_eq!(r.invalid_field(), "reason");
        admin
            .post("/tokens/C-1/lock", json!({"why": "x"}))
            .await
            .problem(422);
        for serial in ["%2F%2F", "a%20b%2Fc", &"9".repeat(101)] {
            admin.get(&format!("/tokens/{serial}")).await.problem(404);
        }
        assert_eq!(
            admin.get("/tokens?limit=0").await.invalid_field(),
            "limit"
        );
        assert_eq!(
            admin.get("/tokens?cursor=zz").await.invalid_field(),
            "cursor"
        );
        admin.get("/tokens?unassigned=maybe").await.problem(400);
        assert_eq!(admin.get("/tokens?q=C%00").await.invalid_field(), "q");
        admin.get("/tokens/C%001").await.problem(404);
        let r = admin
            .post("/tokens/C-1/assign", json!({"uid": "a\u{0}b"}))
            .await;
        assert_eq!(r.invalid_field(), "uid");
        let r = admin
            .post(
                "/tokens/C-1/resync",
                json!({"first": "12\u{0}3456", "second": "123456"}),
            )
            .await;
        assert_eq!(r.invalid_field(), "first");
        let r = admin
            .post(
                "/tokens/import",
                json!({"format": "csv", "content": "Z-1\u{0},00,hotp\n"}),
            )
            .await;
        r.problem(422);
        let page = admin.get("/tokens?limit=1").await.json();
        assert_eq!(page["items"][0]["serial"], "C-1");
        let cursor = page["next_cursor"].as_str().unwrap().to_owned();
        let next = admin
            .get(&format!("/tokens?limit=1&cursor={cursor}"))
            .await
            .json();
        assert_eq!(next["items"][0]["serial"], "C-3");
        assert_eq!(next["items"][0]["suite"], "OCRA-1:HOTP-SHA1-6:QN08");
        let last = admin
            .get(&format!(
                "/tokens?limit=1&cursor={}",
                next["next_cursor"].as_str().unwrap()
            ))
            .await
            .json();
        assert_eq!(last, json!({"items": [], "next_cursor": null}));
        let r = admin
            .post(
                "/tokens/import",
                json!({"format": "pskc", "content": FIGURE6, "preshared_key_hex": FIGURE6_KEY, "password": null}),
            )
            .await;
        assert_eq!(r.status, 200, "null is absent: {}", r.body);
    })
    .await;
}

/// Search: newest first, keyset pages that neither skip nor repeat, and every filter; an
/// unknown uid finds nothing; bad times, limits and cursors are 422.
#[tokio::test]
async fn audit_search_filters_and_pages() {
    each_backend(defaults, |app| async move {
        let kim = app.add_user(STAFF, Some("Kim"), "Staff").await;
        let lee = app.add_user(OTHER, Some("Lee"), "Other").await;
        let auditor = Api::new(&app, "ops-auditor", AdminRole::Auditor).await;
        let t0 = 1_700_000_000;
        for i in 0..7 {
            let event = if i % 2 == 0 {
                "login.success"
            } else {
                "login.failure"
            };
            write(&app, at(t0 + i * 60), event, Some(kim.id), |e| {
                e.service = Some(if i < 3 { "Wiki" } else { "Mail" }.into());
            })
            .await;
        }
        write(&app, at(t0 + 30), "logout", Some(lee.id), |e| {
            e.client_ip = Some("2001:db8::7".into());
            e.actor = Some("admin:someone".into());
        })
        .await;

        // Pages of three, newest first, for Kim.
        let mut seen = Vec::new();
        let mut path = format!("/audit?uid={}&limit=3", kim.uid);
        loop {
            let page = auditor.get(&path).await.json();
            for item in page["items"].as_array().unwrap() {
                assert_eq!(item["uid"], kim.uid.as_str());
                assert_eq!(item["hash"].as_str().unwrap().len(), 64);
                seen.push((
                    item["id"].as_i64().unwrap(),
                    item["at"].as_str().unwrap().to_owned(),
                ));
            }
            match page["next_cursor"].as_str() {
                Some(c) => path = format!("/audit?uid={}&limit=3&cursor={c}", kim.uid),
                None => break,
            }
        }
        assert_eq!(seen.len(), 7, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 > w[1].0), "{seen:?}");
        assert_eq!(seen[0].1, "2023-11-14T22:19:20Z");
        assert_eq!(seen[6].1, "2023-11-14T22:13:20Z");

        let count = |path: String| {
            let api = &auditor;
            async move {
                let r = api.get(&path).await;
                assert_eq!(r.status, 200, "{path}: {}", r.body);
                r.json()["items"].as_array().unwrap().len()
            }
        };
        let kim_uid = &kim.uid;
        assert_eq!(
            count(format!("/audit?uid={kim_uid}&event=login.success")).await,
            4
        );
        assert_eq!(count(format!("/audit?uid={kim_uid}&event=login.")).await, 7);
        assert_eq!(count(format!("/audit?uid={kim_uid}&event=login")).await, 0);
        assert_eq!(count(format!("/audit?uid={kim_uid}&service=Wiki")).await, 3);
        assert_eq!(count("/audit?ip=2001:db8::7".into()).await, 1);
        assert_eq!(count("/audit?actor=admin:someone".into()).await, 1);
        assert_eq!(
            count(format!(
                "/audit?uid={kim_uid}&since=2023-11-14T22:15:20Z&until=2023-11-14T22:18:20Z"
            ))
            .await,
            3
        );
        // An offset, its + written %2B.
        assert_eq!(
            count(format!(
                "/audit?uid={kim_uid}&since=2023-11-14T23:15:20%2B01:00"
            ))
            .await,
            5
        );
        let lee_entries = auditor.get(&format!("/audit?uid={}", lee.uid)).await.json();
        let item = &lee_entries["items"][0];
        assert_eq!(item["event"], "logout");
        assert_eq!(item["client_ip"], "2001:db8::7");
        assert_eq!(item["user_agent"], "Mozilla/5.0");
        assert_eq!(item["detail"], json!({"method": "PASSWORD"}));
        assert!(item["service"].is_null());
        assert_eq!(
            auditor.get("/audit?uid=nobody").await.json(),
            json!({"items": [], "next_cursor": null})
        );
        // Entries without an account name none.
        let issued = auditor.get("/audit?event=admin.token_issued").await.json();
        assert!(issued["items"][0]["uid"].is_null(), "{issued}");

        for (path, field) in [
            ("/audit?since=yesterday", "since"),
            ("/audit?until=2023-11-14", "until"),
            ("/audit?since=2023-11-14T23:15:20+01:00", "since"),
            ("/audit?limit=201", "limit"),
            ("/audit?cursor=c-1", "cursor"),
            ("/audit/export?format=xml", "format"),
            ("/audit/export?limit=100001", "limit"),
            ("/audit/export?cursor=abc", "cursor"),
        ] {
            assert_eq!(auditor.get(path).await.invalid_field(), field, "{path}");
        }
        // Control characters (PostgreSQL refuses NUL in text): a 422, not a database error.
        for field in ["event", "uid", "actor", "service", "ip"] {
            let r = auditor.get(&format!("/audit?{field}=a%00b")).await;
            assert_eq!(r.invalid_field(), field, "{}", r.body);
            let r = auditor.get(&format!("/audit/export?{field}=%01")).await;
            assert_eq!(r.invalid_field(), field, "{}", r.body);
        }
        let long = "e".repeat(201);
        assert_eq!(
            auditor
                .get(&format!("/audit?event={long}"))
                .await
                .invalid_field(),
            "event"
        );
        auditor.get("/audit?limit=ten").await.problem(400);
        auditor.get("/audit/nothing").await.problem(404);
    })
    .await;
}

/// Export: CSV (RFC 4180, read back here) and JSON lines, as attachments; formula injection
/// neutralised; more rows than a page, in order, none twice; a limit and a cursor to go on;
/// the export itself is in the log.
#[tokio::test]
async fn audit_export_csv_and_json_lines() {
    each_backend(defaults, |app| async move {
        let kim = app.add_user(STAFF, Some("Kim"), "Staff").await;
        let lee = app.add_user(OTHER, Some("Lee"), "Other").await;
        let auditor = Api::new(&app, "ops-auditor", AdminRole::Auditor).await;
        let t0 = 1_700_000_000;
        write(&app, at(t0), "login.failure", Some(kim.id), |e| {
            e.user_agent = Some("=HYPERLINK(\"http://evil.example\",\"x\")".into());
            e.detail = json!({"note": "a, \"b\"\nc", "method": "PASSWORD"});
        })
        .await;
        write(&app, at(t0 + 1), "login.success", Some(kim.id), |e| {
            e.user_agent = Some("+1+2".into());
            e.service = Some("@SUM(A1)".into());
        })
        .await;
        write(&app, at(t0 + 2), "logout", Some(kim.id), |e| {
            e.actor = Some("-cmd".into());
            e.client_ip = Some("2001:db8::1".into());
            e.user_agent = None;
        })
        .await;

        let r = auditor
            .get(&format!("/audit/export?format=csv&uid={}", kim.uid))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.header("content-type").starts_with("text/csv"));
        let disposition = r.header("content-disposition");
        assert!(
            disposition.starts_with("attachment; filename=\"limen-audit-")
                && disposition.ends_with(".csv\""),
            "{disposition}"
        );
        // The formula is one quoted cell, with its quote marks doubled and a leading '.
        assert!(
            r.body
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","),
            "{}",
            r.body
        );
        let records = parse_csv(&r.body);
        assert_eq!(
            records[0],
            [
                "id",
                "at",
                "event",
                "uid",
                "actor",
                "client_ip",
                "user_agent",
                "service",
                "detail",
                "hash"
            ]
        );
        assert_eq!(records.len(), 4, "{records:?}");
        assert!(records.iter().all(|r| r.len() == 10));
        let (logout, success, failure) = (&records[1], &records[2], &records[3]);
        assert_eq!(logout[2], "logout");
        assert_eq!(logout[3], kim.uid);
        assert_eq!(logout[4], "'-cmd");
        assert_eq!(logout[5], "2001:db8::1");
        assert_eq!(logout[6], "");
        assert_eq!(success[1], "2023-11-14T22:13:21Z");
        assert_eq!(success[6], "'+1+2");
        assert_eq!(success[7], "'@SUM(A1)");
        assert_eq!(failure[6], "'=HYPERLINK(\"http://evil.example\",\"x\")");
        let detail: Value = serde_json::from_str(&failure[8]).unwrap();
        assert_eq!(detail, json!({"note": "a, \"b\"\nc", "method": "PASSWORD"}));
        assert!(!failure[8].contains(": "), "compact JSON: {}", failure[8]);
        let ids: Vec<i64> = records[1..].iter().map(|r| r[0].parse().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");

        // JSON lines: the items GET /audit gives, one a line.
        let r = auditor
            .get(&format!("/audit/export?format=jsonl&uid={}", kim.uid))
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), "application/x-ndjson");
        assert!(r.header("content-disposition").ends_with(".jsonl\""));
        let lines: Vec<Value> = r
            .body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let listed = auditor.get(&format!("/audit?uid={}", kim.uid)).await.json();
        assert_eq!(Value::Array(lines), listed["items"]);
        assert!(r.body.ends_with('\n'));
        // Nothing matches: an empty file (CSV: the header alone).
        let r = auditor.get("/audit/export?format=csv&uid=nobody").await;
        assert_eq!(
            r.body,
            "id,at,event,uid,actor,client_ip,user_agent,service,detail,hash\r\n"
        );
        assert_eq!(auditor.get("/audit/export?uid=nobody").await.body, "");

        // More rows than a page of the stream (1000), newest first, none twice.
        let n = 1203;
        for i in 0..n {
            write(&app, at(t0 + 100 + i), "bulk.test", Some(lee.id), |_| {}).await;
        }
        let r = auditor.get(&format!("/audit/export?uid={}", lee.uid)).await;
        let ids: Vec<i64> = r
            .body
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_i64()
                    .unwrap()
            })
            .collect();
        assert_eq!(ids.len(), n as usize);
        assert!(
            ids.windows(2).all(|w| w[0] > w[1]),
            "newest first, none twice"
        );
        // A limit, then the rest from the cursor.
        let r = auditor
            .get(&format!(
                "/audit/export?format=csv&limit=1100&uid={}",
                lee.uid
            ))
            .await;
        let first = parse_csv(&r.body);
        assert_eq!(first.len(), 1101);
        let last_id = &first[1100][0];
        let r = auditor
            .get(&format!(
                "/audit/export?format=csv&uid={}&cursor=c{last_id}",
                lee.uid
            ))
            .await;
        let rest = parse_csv(&r.body);
        assert_eq!(rest.len(), 1 + 103);
        let ids: Vec<i64> = first[1..]
            .iter()
            .chain(&rest[1..])
            .map(|r| r[0].parse().unwrap())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "the rest follows on");

        // Each export is in the log, by whom and with which filters.
        let exports = auditor
            .get(&format!(
                "/audit?event=audit.exported&actor={}",
                auditor.actor
            ))
            .await
            .json();
        let exports = exports["items"].as_array().unwrap();
        assert_eq!(exports.len(), 7, "{exports:?}");
        assert_eq!(exports[0]["detail"]["cursor"], format!("c{last_id}"));
        assert_eq!(exports[1]["detail"]["limit"], 1100);
        assert_eq!(exports[1]["detail"]["format"], "csv");
    })
    .await;
}

/// Verification: intact, then — the append-only guard dropped and a row edited with SQL, as
/// someone with full database access could — broken at that row. And the dashboard's figures.
#[tokio::test]
async fn verify_finds_an_edited_row_and_stats_count() {
    each_backend(defaults, |app| async move {
        let kim = app.add_user(STAFF, Some("Kim"), "Staff").await;
        let lee = app.add_user(OTHER, Some("Lee"), "Other").await;
        let gus = app.add_user("gus@example.org", None, "Guest").await;
        app.store
            .set_status(lee.id, AccountStatus::Locked, app.clock_now())
            .await
            .unwrap();
        app.store
            .set_status(gus.id, AccountStatus::Pending, app.clock_now())
            .await
            .unwrap();
        let auditor = Api::new(&app, "ops-auditor", AdminRole::Auditor).await;
        let now = app.clock_now();
        for back in [10, 70, 75] {
            write(
                &app,
                now - time::Duration::minutes(back),
                "login.success",
                Some(kim.id),
                |_| {},
            )
            .await;
        }
        write(
            &app,
            now - time::Duration::minutes(5),
            "login.failure",
            Some(kim.id),
            |e| {
                e.detail = json!({"method": "PASSWORD_TOKEN", "reason": "wrong code"});
            },
        )
        .await;
        write(
            &app,
            now - time::Duration::hours(25),
            "login.success",
            Some(kim.id),
            |_| {},
        )
        .await;

        let stats = auditor.get("/stats").await.json();
        assert_eq!(stats["accounts"], 3, "{stats}");
        assert_eq!(stats["locked"], 1);
        assert_eq!(stats["pending"], 1);
        assert_eq!(stats["live_sessions"], 0);
        assert_eq!(stats["sms_backlog"], 0);
        assert!(stats["mail_backlog"].as_i64().is_some());
        let logins = stats["logins"].as_array().unwrap();
        let total = |event: &str, method: &str| -> i64 {
            logins
                .iter()
                .filter(|l| l["event"] == event && l["method"] == method)
                .map(|l| l["count"].as_i64().unwrap())
                .sum()
        };
        assert_eq!(total("login.success", "PASSWORD"), 3, "{stats}");
        assert_eq!(total("login.failure", "PASSWORD_TOKEN"), 1);
        for l in logins {
            let hour = l["hour"].as_str().unwrap();
            assert!(hour.ends_with(":00:00Z"), "{hour}");
        }
        // A session makes one live.
        let b = app.browser();
        b.login(None, STAFF, limen_testkit::PASSWORD).await;
        assert_eq!(auditor.get("/stats").await.json()["live_sessions"], 1);

        let r = auditor.get("/audit/verify").await;
        assert_eq!(r.status, 200, "{}", r.body);
        let report = r.json();
        assert_eq!(report["intact"], true, "{report}");
        let last_id = report["last_id"].as_i64().unwrap();
        assert_eq!(report["rows"].as_i64().unwrap(), last_id);
        assert_eq!(report["unchained"], 0);
        assert_eq!(report["head"].as_str().unwrap().len(), 64);
        assert!(report.get("broken_at").is_none());
        let head = report["head"].as_str().unwrap();
        let newest = auditor.get("/audit?limit=1").await.json();
        assert_eq!(newest["items"][0]["id"], last_id);
        assert_eq!(newest["items"][0]["hash"], head);

        // Someone with SQL access edits an old entry.
        let failure = auditor
            .get(&format!("/audit?uid={}&event=login.failure", kim.uid))
            .await
            .json();
        let edited = failure["items"][0]["id"].as_i64().unwrap();
        limen_store::testdb::drop_audit_guard(&app.store).await;
        limen_store::testdb::execute(
            &app.store,
            &format!(
                "UPDATE audit_log SET detail = '{{\"method\":\"PASSWORD\"}}' WHERE id = {edited}"
            ),
        )
        .await;
        let report = auditor.get("/audit/verify").await.json();
        assert_eq!(report["intact"], false, "{report}");
        assert_eq!(report["broken_at"], edited);
        assert!(
            report["reason"].as_str().unwrap().contains("edited"),
            "{report}"
        );
        assert!(report.get("head").is_none());
    })
    .await;
}

/// The OpenAPI document describes these endpoints: every operation with its own id, the
/// import's body limit, the export's two media types and its Content-Disposition.
#[tokio::test]
async fn the_openapi_document_describes_tokens_and_audit() {
    each_backend(defaults, |app| async move {
        let doc: Value = reqwest::get(app.url("/admin/api/v1/openapi.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = &doc["paths"];
        let mut ids = Vec::new();
        for (path, methods) in [
            ("/admin/api/v1/tokens", &["get"][..]),
            ("/admin/api/v1/tokens/import", &["post"]),
            ("/admin/api/v1/tokens/{serial}", &["get", "delete"]),
            ("/admin/api/v1/tokens/{serial}/assign", &["post"]),
            ("/admin/api/v1/tokens/{serial}/unassign", &["post"]),
            ("/admin/api/v1/tokens/{serial}/resync", &["post"]),
            ("/admin/api/v1/tokens/{serial}/lock", &["post"]),
            ("/admin/api/v1/tokens/{serial}/unlock", &["post"]),
            ("/admin/api/v1/audit", &["get"]),
            ("/admin/api/v1/audit/export", &["get"]),
            ("/admin/api/v1/audit/verify", &["get"]),
            ("/admin/api/v1/stats", &["get"]),
        ] {
            for m in methods {
                let op = &paths[path][m];
                ids.push(
                    op["operationId"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{m} {path}")),
                );
                for status in ["401", "403"] {
                    let problem = &op["responses"][status]["content"]["application/problem+json"];
                    assert!(problem.is_object(), "{m} {path} {status}");
                }
            }
        }
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        let import = &doc["components"]["schemas"]["ImportRequest"];
        assert_eq!(import["properties"]["content"]["maxLength"], 60000);
        assert!(
            import["description"].as_str().unwrap().contains("64 KiB"),
            "{import}"
        );
        let export = &paths["/admin/api/v1/audit/export"]["get"]["responses"]["200"];
        assert!(export["content"]["text/csv"].is_object(), "{export}");
        assert!(export["content"]["application/x-ndjson"].is_object());
        assert!(export["headers"]["Content-Disposition"].is_object());
        let token = &doc["components"]["schemas"]["TokenView"]["properties"];
        assert!(token.get("secret").is_none() && token.get("key").is_none());
    })
    .await;
}
