//! The authenticator web app's files at `/authenticator/` (issue 15): each served with its type,
//! its own Content-Security-Policy and Permissions-Policy (the rest of the site keeps the strict
//! ones), validators and revalidation; the service worker's version and precache list agree with
//! the files the server has; the manifest makes it installable. The app's behaviour is tested in
//! a real browser by tests/interop/test_authenticator_pwa.py.

use limen_store::testdb::TestDb;
use limen_testkit::*;

async fn app() -> TestApp {
    TestApp::start(TestDb::sqlite().await.expect("SQLite"), defaults).await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn h<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{} has no {name}", r.url()))
        .to_str()
        .unwrap()
}

/// The app's texts (texts.json, made from locales/*/authenticator.ftl): the 24 languages each
/// in its own name, every language with every key, variables left as `{name}` placeholders.
#[tokio::test]
async fn the_apps_texts_come_in_every_language_from_the_fluent_files() {
    let app = app().await;
    let r = client()
        .get(app.url("/authenticator/texts.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    let languages: Vec<(String, String)> =
        serde_json::from_value(body["languages"].clone()).unwrap();
    assert_eq!(languages.len(), 24);
    assert!(languages.contains(&("fr".into(), "français".into())));
    assert!(languages.contains(&("el".into(), "ελληνικά".into())));
    let en = body["texts"]["en"].as_object().unwrap();
    assert!(en.len() > 100, "{}", en.len());
    assert_eq!(en["app-name"], "Limen Authenticator");
    assert_eq!(body["texts"]["fr"]["app-name"], "Authentificateur Limen");
    assert!(en["enrol-done"].as_str().unwrap().contains("{name}"));
    assert!(en["enrol-done"].as_str().unwrap().contains("{account}"));
    for (code, _) in &languages {
        let texts = body["texts"][code].as_object().unwrap();
        let mut keys: Vec<_> = texts.keys().collect();
        let mut want: Vec<_> = en.keys().collect();
        keys.sort();
        want.sort();
        assert_eq!(keys, want, "{code}");
        // No key shown for a text: every one was found (in the language or in English).
        for (k, v) in texts {
            assert_ne!(v.as_str(), Some(k.as_str()), "{code}: {k}");
        }
    }
}

#[tokio::test]
async fn every_file_is_served_with_its_type_and_the_apps_policies() {
    let app = app().await;
    let c = client();
    let names: Vec<&str> = limen_web::authenticator::file_names().collect();
    assert!(names.contains(&"index.html") && names.contains(&"sw.js"));
    for name in &names {
        let r = c
            .get(app.url(&format!("/authenticator/{name}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{name}");
        let ty = h(&r, "content-type").to_owned();
        let want = match name.rsplit('.').next().unwrap() {
            "html" => "text/html",
            "css" => "text/css",
            "js" => "text/javascript",
            "webmanifest" => "application/manifest+json",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "txt" => "text/plain",
            "json" => "application/json",
            other => panic!("a file type the test does not know: {other}"),
        };
        assert!(ty.starts_with(want), "{name}: {ty}");
        let csp = h(&r, "content-security-policy");
        for part in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "connect-src 'self'",
            "worker-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{name}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert_eq!(
            h(&r, "permissions-policy"),
            "camera=(self), microphone=(), geolocation=()"
        );
        assert_eq!(h(&r, "cache-control"), "no-cache", "{name}");
        assert_eq!(h(&r, "x-content-type-options"), "nosniff");
        assert!(h(&r, "etag").starts_with('"'));
        assert!(!r.bytes().await.unwrap().is_empty(), "{name} is empty");
    }
    // The rest of the site keeps the strict policies: no camera, no WebAssembly, no storing.
    let login = c.get(app.url("/cas/login")).send().await.unwrap();
    assert_eq!(
        h(&login, "permissions-policy"),
        "camera=(), microphone=(), geolocation=()"
    );
    assert!(!h(&login, "content-security-policy").contains("wasm"));
    assert_eq!(h(&login, "cache-control"), "no-store");
    // Only the app's files keep a Cache-Control of their own.
    let jwks = c.get(app.url("/oidc/jwks")).send().await.unwrap();
    assert_eq!(h(&jwks, "cache-control"), "no-store");
}

#[tokio::test]
async fn the_shell_redirects_revalidates_and_refuses_what_is_not_a_file() {
    let app = app().await;
    let c = client();
    let r = c.get(app.url("/authenticator")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 308);
    assert_eq!(h(&r, "location"), "/authenticator/");

    let r = c.get(app.url("/authenticator/")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let etag = h(&r, "etag").to_owned();
    let body = r.text().await.unwrap();
    assert!(body.contains(r#"<link rel="manifest" href="manifest.webmanifest">"#));
    assert!(body.contains(r#"<script type="module" src="app.js">"#));
    // RFC 9110 §13.1.2: the same validator → 304 without a body; another one → the file.
    let r = c
        .get(app.url("/authenticator/"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 304);
    assert_eq!(h(&r, "etag"), etag);
    assert!(r.bytes().await.unwrap().is_empty());
    let r = c
        .get(app.url("/authenticator/"))
        .header("if-none-match", "\"not-this-one\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    for path in [
        "/authenticator/nothing.js",
        "/authenticator/vendor/",
        "/authenticator/vendor",
        "/authenticator/%2e%2e/Cargo.toml",
        "/authenticator/..%2f..%2fCargo.toml",
        "/authenticator/INDEX.HTML",
    ] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 404, "{path}");
    }
    let r = c
        .post(app.url("/authenticator/app.js"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 405);
}

#[tokio::test]
async fn the_service_worker_names_this_version_and_precaches_every_file() {
    let app = app().await;
    let sw = client()
        .get(app.url("/authenticator/sw.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let version = limen_web::authenticator::version();
    assert_eq!(version.len(), 16);
    assert!(sw.contains(&format!("const VERSION = \"{version}\";")));
    assert!(!sw.contains("__VERSION__"));
    // The PRECACHE list: every file but the worker itself, with the shell as "./".
    let list = sw
        .split("const PRECACHE = [")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .expect("PRECACHE in sw.js");
    let mut cached: Vec<String> = list
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    cached.sort();
    let mut want: Vec<String> = limen_web::authenticator::file_names()
        .filter(|n| *n != "sw.js")
        .map(|n| {
            if n == "index.html" {
                "./".to_owned()
            } else {
                n.to_owned()
            }
        })
        .collect();
    want.sort();
    assert_eq!(cached, want);
}

#[tokio::test]
async fn the_manifest_makes_it_installable() {
    let app = app().await;
    let c = client();
    let m: serde_json::Value = c
        .get(app.url("/authenticator/manifest.webmanifest"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(m["start_url"], "/authenticator/");
    assert_eq!(m["scope"], "/authenticator/");
    assert_eq!(m["display"], "standalone");
    assert!(m["name"].as_str().is_some_and(|n| !n.is_empty()));
    // Installability (Chromium and the W3C manifest): PNG icons of 192 and 512 pixels.
    let icons = m["icons"].as_array().unwrap();
    for size in [192u32, 512] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == format!("{size}x{size}"))
            .unwrap_or_else(|| panic!("no {size} px icon"));
        let src = icon["src"].as_str().unwrap();
        let png = c
            .get(app.url(&format!("/authenticator/{src}")))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        // PNG signature, then IHDR's width and height (PNG §11.2.2).
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), size);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), size);
    }
}

#[tokio::test]
async fn files_are_gzipped_for_browsers_that_accept_it() {
    use std::io::Read;
    let app = app().await;
    let c = client();
    let get = |path: &'static str, accept: &'static str| {
        let c = c.clone();
        let url = app.url(path);
        async move {
            let mut req = c.get(url);
            if !accept.is_empty() {
                req = req.header("accept-encoding", accept);
            }
            req.send().await.unwrap()
        }
    };
    let plain = get("/authenticator/app.js", "").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(h(&plain, "vary"), "accept-encoding");
    let plain_etag = h(&plain, "etag").to_owned();
    let plain_body = plain.bytes().await.unwrap();

    let gz = get("/authenticator/app.js", "br;q=1.0, gzip;q=0.8").await;
    assert_eq!(h(&gz, "content-encoding"), "gzip");
    assert_eq!(h(&gz, "vary"), "accept-encoding");
    let gz_etag = h(&gz, "etag").to_owned();
    assert_ne!(
        gz_etag, plain_etag,
        "each representation has its own validator"
    );
    let gz_body = gz.bytes().await.unwrap();
    assert!(
        gz_body.len() * 2 < plain_body.len(),
        "{} → {}",
        plain_body.len(),
        gz_body.len()
    );
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz_body[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain_body);
    // The gzip validator revalidates the gzip representation only.
    let r = c
        .get(app.url("/authenticator/app.js"))
        .header("accept-encoding", "gzip")
        .header("if-none-match", &gz_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 304);
    let r = c
        .get(app.url("/authenticator/app.js"))
        .header("if-none-match", &gz_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    // q=0 refuses gzip (RFC 9110 §12.5.3), also beside a `*` that would otherwise allow it.
    for refusing in ["gzip;q=0, identity", "gzip;q=0, *", "gzip; Q=0", "br"] {
        let refused = get("/authenticator/app.js", refusing).await;
        assert!(
            refused.headers().get("content-encoding").is_none(),
            "{refusing}"
        );
    }
    let any = get("/authenticator/app.js", "*").await;
    assert_eq!(h(&any, "content-encoding"), "gzip");
    // Pages with secrets in them are never compressed (BREACH).
    let login = get("/cas/login", "gzip").await;
    assert!(login.headers().get("content-encoding").is_none());
}
