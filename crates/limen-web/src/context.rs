//! What every browser-facing handler needs to know about the request: the language, the CSRF
//! cookie, the SSO cookie, the client's address and user agent. Cookies are read and written here
//! and nowhere else.

use crate::AppState;
use crate::i18n::{self, Tr};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

pub const SSO: &str = "limen_sso";
pub const CSRF: &str = "limen_csrf";
pub const LANG: &str = "limen_lang";
pub const EMAIL: &str = "limen_email";
pub const DEMO: &str = "limen_demo";

const YEAR: i64 = 365 * 24 * 3600;

pub struct Ctx {
    pub tr: Tr,
    pub secure: bool,
    cookies: Vec<(String, String)>,
    /// The CSRF cookie value (new if the browser had none).
    csrf_cookie: String,
    csrf_key: std::sync::Arc<[u8]>,
    pub client_ip: String,
    pub user_agent: String,
    /// Path and query of the request, for the language links.
    pub path_and_query: String,
    set_cookies: Vec<String>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let secure = state.config.secure_cookies();
        let cookies = parse_cookies(&parts.headers);
        let find = |name: &str| -> Option<String> {
            let full = cookie_name(name, secure);
            cookies
                .iter()
                .find(|(k, _)| *k == full)
                .map(|(_, v)| v.clone())
        };
        let query = parts.uri.query().unwrap_or_default();
        let requested_lang = url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "lang" || k == "locale")
            .and_then(|(_, v)| i18n::supported(&v));
        let mut set_cookies = Vec::new();
        let lang = match requested_lang {
            Some(lang) => {
                set_cookies.push(build_cookie(LANG, lang, secure, Some(YEAR)));
                lang
            }
            None => find(LANG)
                .and_then(|c| i18n::supported(&c))
                .or_else(|| {
                    parts
                        .headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok())
                        .and_then(i18n::negotiate)
                })
                .unwrap_or(i18n::DEFAULT_LANGUAGE),
        };
        let csrf_cookie = match find(CSRF).filter(|c| c.len() >= 32 && c.len() <= 64) {
            Some(c) => c,
            None => {
                let fresh = limen_crypto::random_token(32);
                set_cookies.push(build_cookie(CSRF, &fresh, secure, None));
                fresh
            }
        };
        let client_ip = client_ip(parts, state);
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect();
        Ok(Ctx {
            tr: Tr::new(lang),
            secure,
            cookies,
            csrf_cookie,
            csrf_key: state.csrf_key.clone(),
            client_ip,
            user_agent,
            path_and_query: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".into()),
            set_cookies,
        })
    }
}

impl Ctx {
    pub fn cookie(&self, name: &str) -> Option<&str> {
        let full = cookie_name(name, self.secure);
        self.cookies
            .iter()
            .find(|(k, _)| *k == full)
            .map(|(_, v)| v.as_str())
    }

    pub fn set_cookie(&mut self, name: &str, value: &str, max_age: Option<i64>) {
        self.set_cookies
            .push(build_cookie(name, value, self.secure, max_age));
    }

    pub fn remember_email(&mut self, email: &str) {
        let encoded: String = url::form_urlencoded::byte_serialize(email.as_bytes()).collect();
        self.set_cookie(EMAIL, &encoded, Some(YEAR));
    }

    pub fn remembered_email(&self) -> Option<String> {
        let raw = self.cookie(EMAIL)?;
        url::form_urlencoded::parse(format!("e={raw}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    }

    pub fn clear_cookie(&mut self, name: &str) {
        self.set_cookies
            .push(build_cookie(name, "", self.secure, Some(0)));
    }

    /// The token that forms must carry: a MAC of the CSRF cookie ("signed double submit").
    pub fn csrf_token(&self) -> String {
        limen_crypto::hmac_sha256_hex(&self.csrf_key, self.csrf_cookie.as_bytes())
    }

    /// A keyed digest of this browser's CSRF cookie (the one minted for this response, on a
    /// first visit): what ties server-side state to one browser (EU Login login requests)
    /// without storing the cookie. The NUL in the label keeps it apart from the CSRF tokens
    /// made with the same key (a cookie value cannot hold a NUL).
    pub fn browser_binding(&self) -> String {
        let mut data = b"\0browser\0".to_vec();
        data.extend_from_slice(self.csrf_cookie.as_bytes());
        limen_crypto::hmac_sha256_hex(&self.csrf_key, &data)
    }

    /// Checks a submitted CSRF token against the browser's cookie, in constant time.
    pub fn csrf_ok(&self, submitted: &str) -> bool {
        // A cookie we just minted cannot have been used to build a form.
        let had_cookie = self.cookie(CSRF).is_some();
        had_cookie
            && limen_crypto::constant_time_eq(self.csrf_token().as_bytes(), submitted.as_bytes())
    }

    /// Language links for the current page.
    pub fn language_links(&self) -> Vec<crate::pages::LangLink> {
        let (path, query) = self
            .path_and_query
            .split_once('?')
            .unwrap_or((&self.path_and_query, ""));
        i18n::LANGUAGES
            .iter()
            .map(|(code, label)| {
                let mut ser = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                    if k != "lang" && k != "locale" {
                        ser.append_pair(&k, &v);
                    }
                }
                ser.append_pair("lang", code);
                crate::pages::LangLink {
                    code,
                    label,
                    href: format!("{path}?{}", ser.finish()),
                    current: *code == self.tr.lang(),
                }
            })
            .collect()
    }

    fn apply(&self, mut response: Response) -> Response {
        for c in &self.set_cookies {
            if let Ok(v) = HeaderValue::from_str(c) {
                response.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        response
    }

    pub fn html(&self, status: StatusCode, body: String) -> Response {
        self.apply((status, Html(body)).into_response())
    }

    /// 303 See Other: after a POST the browser follows with GET.
    ///
    /// Callers pass registered URLs (matched by the registry, which refuses control characters)
    /// or URLs they built themselves. Should a location with a control character reach this
    /// point all the same, the answer is a 400 page, never a 303 without `Location` (RFC 9110
    /// §15.4.4 expects one) nor a header that a CR LF would split (RFC 9110 §5.5, RFC 7230
    /// §3.2.4): `HeaderValue` refuses CR, LF, NUL, the rest of C0 but tab, and DEL; tabs and C1
    /// controls are refused here too, as the registry does.
    pub fn redirect(&self, location: &str) -> Response {
        let value = Some(location)
            .filter(|l| !limen_core::service::has_control_character(l))
            .and_then(|l| HeaderValue::from_str(l).ok());
        let Some(value) = value else {
            tracing::error!(
                location = ?location.chars().take(200).collect::<String>(),
                "refused to redirect to a location with a control character"
            );
            let text = vec![self.tr.t("error-bad-request")];
            return crate::pages::message(
                self,
                StatusCode::BAD_REQUEST,
                None,
                "error-page-title",
                text,
                None,
            )
            .unwrap_or_else(IntoResponse::into_response);
        };
        let mut response = StatusCode::SEE_OTHER.into_response();
        response.headers_mut().insert(header::LOCATION, value);
        self.apply(response)
    }
}

/// The client's address: the peer's, or — when the peer is a trusted reverse proxy — the last
/// `X-Forwarded-For` entry that is not itself a trusted proxy (each proxy appends the address
/// it received the request from; entries left of the first untrusted one are the client's own
/// claims and are ignored).
fn client_ip(parts: &Parts, state: &AppState) -> String {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let Some(peer) = peer else {
        return "unknown".into();
    };
    forwarded_client(
        peer,
        parts.headers.get_all("x-forwarded-for"),
        &state.config.trusted_proxies,
    )
    .to_string()
}

fn forwarded_client(
    peer: IpAddr,
    headers: axum::http::header::GetAll<'_, axum::http::HeaderValue>,
    trusted: &[ipnet::IpNet],
) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return peer;
    }
    // Several header lines are one list, in order (RFC 9110 §5.3). Each entry is read on its
    // own, from the raw bytes: a client's garbage in the part it wrote (a proxy appends to the
    // line it received) spoils only its own entries, not the address the proxy added.
    let entries: Vec<&[u8]> = headers
        .iter()
        .flat_map(|v| v.as_bytes().split(|b| *b == b','))
        .map(<[u8]>::trim_ascii)
        .collect();
    let mut client = peer;
    for entry in entries.iter().rev() {
        let Some(ip) = entry_address(entry) else {
            // Garbage from an untrusted hop: stop at the last address a trusted proxy saw.
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    canonical(client)
}

/// The address of one `X-Forwarded-For` entry: a bare address, or one with a port as some
/// proxies write it (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn entry_address(entry: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(entry).ok()?;
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// An IPv4 address that reached an IPv6 socket (`::ffff:a.b.c.d`) counts as the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Only the client's address, for endpoints that need nothing else of [`Ctx`] (the token
/// endpoint): no cookies, no language.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, state)))
    }
}

pub fn cookie_name(name: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    }
}

/// `__Host-` cookies (RFC 6265bis §4.1.3.2): Secure, Path=/, no Domain. Plain names on http://
/// for development only, since browsers refuse Secure cookies there.
fn build_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> String {
    let mut c = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax",
        cookie_name(name, secure)
    );
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    c
}

fn parse_cookies(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: &str) -> Ctx {
        Ctx {
            tr: Tr::new(lang),
            secure: false,
            cookies: Vec::new(),
            csrf_cookie: "c".repeat(32),
            csrf_key: std::sync::Arc::from(&b"k"[..]),
            client_ip: "127.0.0.1".into(),
            user_agent: String::new(),
            path_and_query: "/cas/login".into(),
            set_cookies: vec![build_cookie(LANG, lang, false, Some(YEAR))],
        }
    }

    #[test]
    fn redirects_carry_their_location() {
        let r = ctx("en").redirect("https://app.example.org/a b?ticket=ST-1");
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()[header::LOCATION],
            "https://app.example.org/a b?ticket=ST-1"
        );
        assert!(r.headers().contains_key(header::SET_COOKIE));
    }

    /// The last line of defence: never a 303 without `Location`, never a split header.
    #[test]
    fn a_location_with_a_control_character_is_a_400_page() {
        for c in ['\r', '\n', '\0', '\t', '\u{1}', '\u{7f}', '\u{85}'] {
            let r = ctx("fr").redirect(&format!("https://app.example.org/a{c}b?ticket=ST-1"));
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{c:?}");
            assert!(!r.headers().contains_key(header::LOCATION), "{c:?}");
            assert!(r.headers().contains_key(header::SET_COOKIE), "{c:?}");
        }
    }

    fn client(peer: &str, xff: &[&str], trusted: &[&str]) -> String {
        let mut headers = HeaderMap::new();
        for v in xff {
            headers.append("x-forwarded-for", v.parse().unwrap());
        }
        let trusted: Vec<ipnet::IpNet> = trusted.iter().map(|t| t.parse().unwrap()).collect();
        forwarded_client(
            peer.parse().unwrap(),
            headers.get_all("x-forwarded-for"),
            &trusted,
        )
        .to_string()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        // No trusted proxy: the header is ignored, whoever sends it.
        assert_eq!(client("203.0.113.9", &["198.51.100.1"], &[]), "203.0.113.9");
        // A client that is not the proxy cannot choose its address.
        let proxies = ["10.0.0.0/8", "::1/128"];
        assert_eq!(
            client("203.0.113.9", &["198.51.100.1"], &proxies),
            "203.0.113.9"
        );
        // Through the proxy: the address it saw.
        assert_eq!(
            client("10.1.2.3", &["198.51.100.1"], &proxies),
            "198.51.100.1"
        );
        // A forged entry left of the real one is skipped.
        assert_eq!(
            client("10.1.2.3", &["1.2.3.4, 198.51.100.1"], &proxies),
            "198.51.100.1"
        );
        // Two proxies in a row, and the list split over two header lines.
        assert_eq!(
            client("10.1.2.3", &["6.6.6.6, 198.51.100.1", "10.9.9.9"], &proxies),
            "198.51.100.1"
        );
        // Garbage: the last address a trusted proxy reported, or the proxy itself.
        assert_eq!(client("10.1.2.3", &["nonsense"], &proxies), "10.1.2.3");
        assert_eq!(
            client("10.1.2.3", &["198.51.100.1, 10.0.0.5, bad"], &proxies),
            "10.1.2.3"
        );
        // A client's bytes that are not text spoil only its own entry, not the address the
        // proxy appended to the same line.
        let mut headers = HeaderMap::new();
        headers.append(
            "x-forwarded-for",
            axum::http::HeaderValue::from_bytes(b"\x80\xff, 198.51.100.9").unwrap(),
        );
        let trusted: Vec<ipnet::IpNet> = proxies.iter().map(|t| t.parse().unwrap()).collect();
        let seen = forwarded_client(
            "10.1.2.3".parse().unwrap(),
            headers.get_all("x-forwarded-for"),
            &trusted,
        );
        assert_eq!(seen.to_string(), "198.51.100.9");
        // Entries with a port.
        assert_eq!(
            client("10.1.2.3", &["198.51.100.1:4711"], &proxies),
            "198.51.100.1"
        );
        assert_eq!(
            client("10.1.2.3", &["[2001:db8::7]:4711"], &proxies),
            "2001:db8::7"
        );
        // No header at all through the proxy: the proxy.
        assert_eq!(client("::1", &[], &proxies), "::1");
        // IPv4 mapped into IPv6 counts as IPv4.
        assert_eq!(
            client("::ffff:10.0.0.1", &["::ffff:198.51.100.7"], &proxies),
            "198.51.100.7"
        );
    }
}
