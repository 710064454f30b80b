//! The authenticator web app (issue 15) at `/authenticator/`: an installable web application
//! (W3C Web App Manifest, Service Workers) that implements docs/MOBILE-PROTOCOL.md in the
//! browser. Its files are compiled into the binary; this module serves them with their own
//! Content-Security-Policy (WebAssembly for the PIN's Argon2id, the camera for QR codes) and
//! with validators, so that the service worker (sw.js) can keep the app usable offline and
//! pick up a new version as soon as the server has one.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// The app's policy: the site's strict one (security.rs) plus what the app needs and no more —
/// `'wasm-unsafe-eval'` to compile the vendored Argon2id (CSP Level 3 §6.1.1; no `eval`),
/// `worker-src 'self'` for sw.js, `manifest-src 'self'`. The camera's stream is given to the
/// video element as an object (`srcObject`), which no fetch directive governs.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                       manifest-src 'self'; worker-src 'self'; base-uri 'none'; \
                       form-action 'none'; frame-ancestors 'none'";

/// The camera only for this origin's own pages (W3C Permissions Policy); the rest of the site
/// keeps `camera=()`.
pub const PERMISSIONS: &str = "camera=(self), microphone=(), geolocation=()";

struct File {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! app_file {
    ($name:literal, $type:literal) => {
        File {
            name: $name,
            content_type: $type,
            body: include_bytes!(concat!("../static/authenticator/", $name)),
        }
    };
}

const TEXT: &str = "text/plain; charset=utf-8";

/// Every file of the app. sw.js precaches the same list (`PRECACHE` there), and a test checks
/// that the two agree.
static FILES: &[File] = &[
    app_file!("index.html", "text/html; charset=utf-8"),
    app_file!("app.css", "text/css; charset=utf-8"),
    app_file!("app.js", "text/javascript; charset=utf-8"),
    app_file!("protocol.js", "text/javascript; charset=utf-8"),
    app_file!("i18n.js", "text/javascript; charset=utf-8"),
    // Made from locales/*/authenticator.ftl when first served ([`TEXTS_JSON`]).
    File {
        name: "texts.json",
        content_type: "application/json",
        body: b"",
    },
    app_file!("store.js", "text/javascript; charset=utf-8"),
    app_file!("qr.js", "text/javascript; charset=utf-8"),
    app_file!("sw.js", "text/javascript; charset=utf-8"),
    app_file!("manifest.webmanifest", "application/manifest+json"),
    app_file!("icon.svg", "image/svg+xml"),
    app_file!("icon-192.png", "image/png"),
    app_file!("icon-512.png", "image/png"),
    app_file!("vendor/argon2.umd.min.js", "text/javascript; charset=utf-8"),
    app_file!("vendor/jsQR.min.js", "text/javascript; charset=utf-8"),
    app_file!("vendor/LICENSE-hash-wasm.txt", "text/plain; charset=utf-8"),
    app_file!("vendor/LICENSE-jsQR.txt", "text/plain; charset=utf-8"),
];

/// The app's version: a digest of all its files. sw.js carries it (its `__VERSION__`), so a
/// server with any changed file has a changed service worker, which the browser installs
/// (Service Workers §4.4 "Update": byte comparison of the script).
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut h = Sha256::new();
    for f in FILES {
        // sw.js as written (it carries this version); the texts as made.
        let body = if f.name == "texts.json" {
            &TEXTS_JSON
        } else {
            f.body
        };
        h.update(f.name.as_bytes());
        h.update((body.len() as u64).to_be_bytes());
        h.update(body);
    }
    hex::encode(&h.finalize()[..8])
});

/// The app's texts in every language, as i18n.js reads them: `{"languages": [[code, own
/// name], …], "texts": {code: {key: text}}}`, each text made by Fluent from
/// `locales/<code>/authenticator.ftl` with its variables left as `{name}` placeholders, which
/// the app fills in (i18n.js `t`). One file for all 24 languages (about 60 kB gzipped), kept by
/// the service worker with the others: the language can change offline.
static TEXTS_JSON: LazyLock<Vec<u8>> = LazyLock::new(|| {
    use crate::i18n::{FluentArg, LANGUAGES, Tr};
    let placeholders: Vec<(&str, FluentArg)> = ["name", "account", "label", "code"]
        .into_iter()
        .map(|v| (v, FluentArg::Str(format!("{{{v}}}"))))
        .collect();
    let keys: Vec<&str> =
        crate::i18n::message_ids(include_str!("../locales/en/authenticator.ftl")).collect();
    let mut texts = serde_json::Map::new();
    for (code, _) in LANGUAGES {
        let tr = Tr::new(code);
        let one: serde_json::Map<String, serde_json::Value> = keys
            .iter()
            .map(|k| ((*k).to_owned(), tr.t_with(k, &placeholders).into()))
            .collect();
        texts.insert((*code).to_owned(), one.into());
    }
    serde_json::to_vec(&serde_json::json!({
        "languages": LANGUAGES,
        "texts": texts,
    }))
    .unwrap_or_default()
});

/// sw.js with its version filled in.
static SERVICE_WORKER: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let body = FILES
        .iter()
        .find(|f| f.name == "sw.js")
        .map(|f| f.body)
        .unwrap_or_default();
    String::from_utf8_lossy(body)
        .replace("__VERSION__", &VERSION)
        .into_bytes()
});

/// Strong validators (RFC 9110 §8.8.3) per file, from the content.
static ETAGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|f| hex::encode(&Sha256::digest(body_of(f))[..12]))
        .collect()
});

/// gzip (RFC 1952) of each file, made once: the app's files hold no secret, so compressing
/// them cannot leak one (unlike pages with CSRF tokens: BREACH). A file that would not shrink
/// by a tenth is sent as it is.
static GZIPPED: LazyLock<Vec<Option<Vec<u8>>>> = LazyLock::new(|| {
    use std::io::Write;
    FILES
        .iter()
        .map(|f| {
            let body = body_of(f);
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(body).ok()?;
            let gz = e.finish().ok()?;
            (gz.len() * 10 < body.len() * 9).then_some(gz)
        })
        .collect()
});

fn body_of(file: &File) -> &'static [u8] {
    match file.name {
        "sw.js" => &SERVICE_WORKER,
        "texts.json" => &TEXTS_JSON,
        _ => file.body,
    }
}

/// Whether the request accepts gzip (RFC 9110 §12.5.3): gzip's own weight when it is listed,
/// else `*`'s; `q=0` refuses.
fn accepts_gzip(request: &HeaderMap) -> bool {
    let mut gzip = None;
    let mut any = None;
    for item in request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default();
        let weight = parts
            .find_map(|p| {
                let (name, value) = p.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("q")
                    .then(|| value.trim().parse::<f32>().ok())
                    .flatten()
            })
            .unwrap_or(1.0);
        if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            gzip = Some(weight);
        } else if coding == "*" {
            any = Some(weight);
        }
    }
    gzip.or(any).is_some_and(|q| q > 0.0)
}

/// The app's version string (the digest above).
pub fn version() -> &'static str {
    &VERSION
}

/// The names of the app's files, for tests and for sw.js' precache list check.
pub fn file_names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|f| f.name)
}

/// `/authenticator` → `/authenticator/` (the manifest's scope ends with a slash).
pub async fn redirect() -> Redirect {
    Redirect::permanent("/authenticator/")
}

/// `/authenticator/`: the app's shell.
pub async fn index(headers: HeaderMap) -> Response {
    serve("index.html", &headers)
}

/// `/authenticator/{*file}`.
pub async fn file(Path(name): Path<String>, headers: HeaderMap) -> Response {
    serve(&name, &headers)
}

fn serve(name: &str, request: &HeaderMap) -> Response {
    let Some(i) = FILES.iter().position(|f| f.name == name) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, TEXT)],
            "not found\n",
        )
            .into_response();
    };
    let file = &FILES[i];
    // A representation's validator (RFC 9110 §8.8.3): the gzip one has its own.
    let gzip = GZIPPED[i].as_deref().filter(|_| accepts_gzip(request));
    let etag = if gzip.is_some() {
        format!("\"{}-gz\"", ETAGS[i])
    } else {
        format!("\"{}\"", ETAGS[i])
    };
    // RFC 9110 §13.1.2: If-None-Match with a matching entity tag (weak comparison) → 304.
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == etag || t == "*")
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type),
            )],
            gzip.unwrap_or(body_of(file)),
        )
            .into_response();
        if gzip.is_some() {
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        r
    };
    let h = response.headers_mut();
    if GZIPPED[i].is_some() {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    // Always revalidated (a 304 costs a round trip and no body): the service worker serves
    // the app offline; the HTTP cache must never keep an old sw.js or app.js alive.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS),
    );
    response
}
