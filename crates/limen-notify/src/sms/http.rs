//! The templated HTTP(S) gateway: one request per message, built from the operator's template
//! (method, URL, query/form parameters or a JSON body with placeholders, static headers,
//! authentication), and an answer judged by its status (RFC 9110 §15) and body.
//!
//! Values are never escaped by hand: query and form values go through
//! `url::form_urlencoded` (WHATWG URL, `application/x-www-form-urlencoded`), JSON strings are
//! built as `serde_json` values. Substitution is one pass: a phone number or text that happens
//! to contain `{code}` is not substituted again.

use super::{HttpAuth, HttpMethod, HttpSmsSettings, Outcome, Outgoing};
use crate::NotifyError;
use reqwest::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use serde_json::Value;
use std::time::Duration;

/// The most of an answer read: enough for any provider's status, a bounded cost for a runaway one.
const ANSWER_LIMIT: usize = 64 * 1024;

/// How much of an answer an error text quotes.
const QUOTE_LIMIT: usize = 200;

/// The placeholders a template may use.
const PLACEHOLDERS: [&str; 8] = [
    "phone",
    "phone_digits",
    "text",
    "code",
    "sender",
    "id",
    "coding",
    "unicode",
];

pub(crate) struct HttpGateway {
    settings: HttpSmsSettings,
    headers: Vec<(HeaderName, HeaderValue)>,
    client: reqwest::Client,
}

impl HttpGateway {
    /// Checks the URL, templates, headers and pointer; errors name the setting.
    pub(crate) fn new(
        settings: HttpSmsSettings,
        client: reqwest::Client,
    ) -> Result<Self, NotifyError> {
        let bad =
            |what: &str, why: String| NotifyError::SmsConfig(format!("sms.http.{what}: {why}"));
        if !matches!(settings.url.scheme(), "http" | "https") || settings.url.host().is_none() {
            return Err(bad(
                "url",
                "must be an http:// or https:// URL with a host".into(),
            ));
        }
        if !settings.url.username().is_empty() || settings.url.password().is_some() {
            return Err(bad(
                "url",
                "must not hold credentials: use sms.http.auth or the parameters".into(),
            ));
        }
        if settings.timeout.is_zero() {
            return Err(bad("timeout", "must be positive".into()));
        }
        match settings.encoding {
            super::BodyEncoding::Json => {
                let Some(json) = &settings.json else {
                    return Err(bad("json", "is required with the json encoding".into()));
                };
                check_json(json).map_err(|why| bad("json", why))?;
                if !settings.params.is_empty() {
                    return Err(bad("params", "are not used with the json encoding".into()));
                }
            }
            super::BodyEncoding::Query | super::BodyEncoding::Form => {
                if settings.json.is_some() {
                    return Err(bad("json", "is only used with the json encoding".into()));
                }
                if settings.params.is_empty() {
                    return Err(bad("params", "must name at least one parameter".into()));
                }
                for (name, template) in &settings.params {
                    check_template(template).map_err(|why| bad(&format!("params.{name}"), why))?;
                }
            }
        }
        if settings.encoding == super::BodyEncoding::Form && settings.method == HttpMethod::Get {
            return Err(bad(
                "method",
                "GET has no body: use the query encoding".into(),
            ));
        }
        let mut headers = Vec::new();
        for (name, value) in &settings.headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| bad("headers", format!("{name:?}: {e}")))?;
            let mut value = HeaderValue::from_str(value)
                .map_err(|e| bad(&format!("headers.{name}"), e.to_string()))?;
            value.set_sensitive(true);
            headers.push((header, value));
        }
        if let Some(pointer) = &settings.reference_pointer
            && !pointer.is_empty()
            && !pointer.starts_with('/')
        {
            return Err(bad(
                "reference_pointer",
                "a JSON pointer (RFC 6901 §3) is empty or starts with /".into(),
            ));
        }
        for status in &settings.success_status {
            if !(100..=599).contains(status) {
                return Err(bad(
                    "success_status",
                    format!("{status} is not an HTTP status"),
                ));
            }
        }
        Ok(Self {
            settings,
            headers,
            client,
        })
    }

    /// `HTTP POST https://host/path`: never the query (it may hold credentials).
    pub(crate) fn describe(&self) -> String {
        let url = &self.settings.url;
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        // Never the path either: some providers put the account's key in it.
        format!(
            "HTTP {} {}://{}{port}",
            self.settings.method.as_str(),
            url.scheme(),
            url.host_str().unwrap_or_default(),
        )
    }

    /// The request's own timeout, and a little for reading a slow answer's last bytes.
    pub(crate) fn time_limit(&self) -> Duration {
        self.settings.timeout + Duration::from_secs(1)
    }

    pub(crate) async fn send(&self, message: &Outgoing<'_>) -> Outcome {
        let request = self.request(message);
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => return Outcome::Transient(request_failure(&e, self.settings.timeout)),
        };
        let status = response.status().as_u16();
        let body = match read_limited(response).await {
            Ok(body) => body,
            Err(e) => return Outcome::Transient(request_failure(&e, self.settings.timeout)),
        };
        redact(judge(&self.settings, status, &body), message)
    }

    fn request(&self, message: &Outgoing<'_>) -> reqwest::RequestBuilder {
        let method = match self.settings.method {
            HttpMethod::Get => reqwest::Method::GET,
            HttpMethod::Post => reqwest::Method::POST,
            HttpMethod::Put => reqwest::Method::PUT,
        };
        let mut url = self.settings.url.clone();
        let pairs = || {
            self.settings
                .params
                .iter()
                .map(|(name, template)| (name.as_str(), substitute(template, message)))
        };
        let mut body = None;
        match self.settings.encoding {
            super::BodyEncoding::Query => {
                url.query_pairs_mut().extend_pairs(pairs());
            }
            super::BodyEncoding::Form => {
                let form = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(pairs())
                    .finish();
                body = Some(("application/x-www-form-urlencoded", form.into_bytes()));
            }
            super::BodyEncoding::Json => {
                let json = self
                    .settings
                    .json
                    .as_ref()
                    .map(|template| fill_json(template, message))
                    .unwrap_or(Value::Null);
                body = Some(("application/json", json.to_string().into_bytes()));
            }
        }
        let mut request = self
            .client
            .request(method, url)
            .timeout(self.settings.timeout);
        for (name, value) in &self.headers {
            request = request.header(name.clone(), value.clone());
        }
        request = match &self.settings.auth {
            HttpAuth::None => request,
            HttpAuth::Basic { username, password } => request.basic_auth(username, Some(password)),
            HttpAuth::Bearer { token } => request.bearer_auth(token),
        };
        if let Some((content_type, bytes)) = body {
            request = request.header(CONTENT_TYPE, content_type).body(bytes);
        }
        request
    }
}

/// Reads the answer's body, at most [`ANSWER_LIMIT`] bytes of it.
async fn read_limited(mut response: reqwest::Response) -> Result<String, reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = ANSWER_LIMIT - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= ANSWER_LIMIT {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// The outcome an answer means. A `failure_body` text wins over any status: the operator says
/// it is a refusal. Then a success status needs `success_body` (if set); otherwise 408, 429
/// and 5xx may pass (RFC 9110 §15.5.9, RFC 6585 §4, RFC 9110 §15.6) and the rest will not.
pub(crate) fn judge(settings: &HttpSmsSettings, status: u16, body: &str) -> Outcome {
    let quoted = || format!("HTTP {status}: {}", quote(body));
    if settings
        .failure_body
        .iter()
        .any(|f| body.contains(f.as_str()))
    {
        return Outcome::Permanent(format!("refused, {}", quoted()));
    }
    let success = if settings.success_status.is_empty() {
        (200..300).contains(&status)
    } else {
        settings.success_status.contains(&status)
    };
    if success {
        if let Some(expected) = &settings.success_body
            && !body.contains(expected.as_str())
        {
            return Outcome::Permanent(format!("unexpected answer, {}", quoted()));
        }
        return Outcome::Delivered(reference(settings.reference_pointer.as_deref(), body));
    }
    match status {
        408 | 429 | 500..=599 => Outcome::Transient(quoted()),
        _ => Outcome::Permanent(quoted()),
    }
}

/// The provider's id of the message at `pointer` in a JSON answer: a string, or a number
/// written out. `None` when absent: the message was accepted all the same.
fn reference(pointer: Option<&str>, body: &str) -> Option<String> {
    let pointer = pointer?;
    let answer: Value = serde_json::from_str(body).ok()?;
    match answer.pointer(pointer)? {
        Value::String(s) if !s.is_empty() => Some(s.chars().take(QUOTE_LIMIT).collect()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An outcome's error text without what the message carried: a provider that echoes the
/// request would otherwise put a live code (and the number and text) into the outbox's error
/// and the log.
fn redact(outcome: Outcome, message: &Outgoing<'_>) -> Outcome {
    let clean = |error: String| {
        let digits = message.to.trim_start_matches('+');
        // Longest first: the code may be part of the text, or of the number.
        let mut secrets = [message.text, message.to, digits, message.code];
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets
            .iter()
            .filter(|s| s.len() >= 4)
            .fold(error, |e, secret| e.replace(secret, "[…]"))
    };
    match outcome {
        Outcome::Transient(e) => Outcome::Transient(clean(e)),
        Outcome::Permanent(e) => Outcome::Permanent(clean(e)),
        delivered => delivered,
    }
}

/// The start of an answer for an error text, on one line.
fn quote(body: &str) -> String {
    let head: String = body.trim().chars().take(QUOTE_LIMIT).collect();
    head.replace(['\r', '\n'], " ")
}

/// Why a request got no answer, without its URL (its query may hold credentials).
fn request_failure(error: &reqwest::Error, timeout: Duration) -> String {
    if error.is_timeout() {
        return format!("no answer within {} s", timeout.as_secs_f32());
    }
    let mut text = if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        "request failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

/// The value of a placeholder for one message, `None` for an unknown name.
fn value_of(name: &str, message: &Outgoing<'_>) -> Option<String> {
    Some(match name {
        "phone" => message.to.to_owned(),
        "phone_digits" => message.to.trim_start_matches('+').to_owned(),
        "text" => message.text.to_owned(),
        "code" => message.code.to_owned(),
        "sender" => message.sender.to_owned(),
        "id" => message.id.to_string(),
        // Whether the text needs UCS-2 (3GPP TS 23.038): Kannel's `coding` (0: the GSM 7-bit
        // alphabet, 2: UCS-2) and a yes/no flag for providers that take one. A text that fits
        // the GSM alphabet is not sent as UCS-2, which would split it into more (paid) parts.
        "coding" => if super::gsm::to_gsm(message.text).is_some() {
            "0"
        } else {
            "2"
        }
        .to_owned(),
        "unicode" => if super::gsm::to_gsm(message.text).is_some() {
            "false"
        } else {
            "true"
        }
        .to_owned(),
        _ => return None,
    })
}

/// Replaces every known `{name}` in `template`, in one left-to-right pass: substituted values
/// are never scanned again. Other braces are kept as they are.
pub(crate) fn substitute(template: &str, message: &Outgoing<'_>) -> String {
    let mut out = String::with_capacity(template.len() + message.text.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, value_of(&after[..close], message)?)))
        {
            Some((close, value)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Refuses a `{word}` that is not a placeholder: a typo would otherwise be sent as it is.
fn check_template(template: &str) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            let word =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            if word && !PLACEHOLDERS.contains(&name) {
                return Err(format!(
                    "unknown placeholder {{{name}}} (known: {})",
                    PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
                ));
            }
        }
        rest = after;
    }
    Ok(())
}

fn check_json(value: &Value) -> Result<(), String> {
    match value {
        Value::String(s) => check_template(s),
        Value::Array(items) => items.iter().try_for_each(check_json),
        Value::Object(fields) => fields.values().try_for_each(check_json),
        _ => Ok(()),
    }
}

/// The JSON template with placeholders substituted inside string values (keys are kept).
fn fill_json(template: &Value, message: &Outgoing<'_>) -> Value {
    match template {
        Value::String(s) => Value::String(substitute(s, message)),
        Value::Array(items) => Value::Array(items.iter().map(|v| fill_json(v, message)).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), fill_json(v, message)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::BodyEncoding;
    use super::*;

    fn message() -> Outgoing<'static> {
        Outgoing {
            id: 7,
            to: "+33612345678",
            text: "Code {code} & more",
            code: "123456",
            sender: "Limen",
        }
    }

    fn settings() -> HttpSmsSettings {
        HttpSmsSettings {
            method: HttpMethod::Post,
            url: url::Url::parse("https://sms.example/send?key=secret").unwrap(),
            encoding: BodyEncoding::Form,
            params: vec![("to".into(), "{phone}".into())],
            json: None,
            headers: vec![],
            auth: HttpAuth::None,
            success_status: vec![],
            success_body: None,
            failure_body: vec![],
            reference_pointer: None,
            timeout: Duration::from_secs(5),
        }
    }

    #[test]
    fn substitution_is_one_pass_and_keeps_other_braces() {
        let m = message();
        assert_eq!(
            substitute("{phone}/{phone_digits}/{text}/{code}/{sender}/{id}", &m),
            "+33612345678/33612345678/Code {code} & more/123456/Limen/7"
        );
        assert_eq!(substitute("{coding} {unicode}", &m), "0 false");
        let polish = Outgoing {
            text: "Kod dla Łodzi",
            ..message()
        };
        assert_eq!(substitute("{coding} {unicode}", &polish), "2 true");
        let french = Outgoing {
            text: "Code à saisir, ne le communiquez jamais : é è ù",
            ..message()
        };
        assert_eq!(substitute("{coding}", &french), "0");
        assert_eq!(substitute("{x} {", &m), "{x} {");
        assert_eq!(substitute("{{code}}", &m), "{123456}");
        assert_eq!(substitute("", &m), "");
    }

    #[test]
    fn unknown_placeholders_are_refused_at_startup() {
        assert!(check_template("{phone} {code}").is_ok());
        assert!(
            check_template("{\"a\": 1} {X}").is_ok(),
            "not a placeholder word"
        );
        let err = check_template("to={phnoe}").unwrap_err();
        assert!(err.contains("{phnoe}"), "{err}");
        let mut s = settings();
        s.params = vec![("to".into(), "{telephone}".into())];
        let Err(e) = HttpGateway::new(s, reqwest::Client::new()) else {
            panic!("accepted")
        };
        assert!(e.to_string().contains("sms.http.params.to"), "{e}");
    }

    #[test]
    fn settings_are_checked_and_errors_name_them() {
        let client = reqwest::Client::new();
        let check = |s: HttpSmsSettings| match HttpGateway::new(s, client.clone()) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        };
        let mut s = settings();
        s.url = url::Url::parse("ftp://sms.example/x").unwrap();
        assert!(check(s).contains("sms.http.url"));
        let mut s = settings();
        s.url = url::Url::parse("https://user:pw@sms.example/x").unwrap();
        assert!(check(s).contains("sms.http.url"));
        let mut s = settings();
        s.encoding = BodyEncoding::Json;
        assert!(check(s).contains("sms.http.json"));
        let mut s = settings();
        s.method = HttpMethod::Get;
        assert!(check(s).contains("sms.http.method"));
        let mut s = settings();
        s.headers = vec![("X-Key".into(), "a\nb".into())];
        assert!(check(s).contains("sms.http.headers.X-Key"));
        let mut s = settings();
        s.reference_pointer = Some("id".into());
        assert!(check(s).contains("sms.http.reference_pointer"));
        let mut s = settings();
        s.success_status = vec![2000];
        assert!(check(s).contains("sms.http.success_status"));
        assert_eq!(check(settings()), "");
    }

    #[test]
    fn describe_never_shows_the_query() {
        let g = HttpGateway::new(settings(), reqwest::Client::new()).unwrap();
        assert_eq!(g.describe(), "HTTP POST https://sms.example");
    }

    #[test]
    fn errors_never_quote_the_code_the_number_or_the_text() {
        let m = message();
        let echoed = Outcome::Permanent(
            "HTTP 400: bad to=+33612345678 (33612345678) text=Code {code} & more code=123456"
                .into(),
        );
        let Outcome::Permanent(e) = redact(echoed, &m) else {
            panic!("still permanent");
        };
        assert_eq!(e, "HTTP 400: bad to=[…] ([…]) text=[…] code=[…]");
        assert_eq!(
            redact(Outcome::Delivered(Some("123456".into())), &m),
            Outcome::Delivered(Some("123456".into()))
        );
    }

    #[test]
    fn answers_are_judged_by_status_and_body() {
        let mut s = settings();
        assert_eq!(judge(&s, 200, "ok"), Outcome::Delivered(None));
        assert!(matches!(judge(&s, 503, "busy"), Outcome::Transient(e) if e == "HTTP 503: busy"));
        assert!(matches!(judge(&s, 408, ""), Outcome::Transient(_)));
        assert!(matches!(judge(&s, 429, ""), Outcome::Transient(_)));
        assert!(matches!(judge(&s, 400, "bad"), Outcome::Permanent(e) if e == "HTTP 400: bad"));
        assert!(matches!(judge(&s, 302, ""), Outcome::Permanent(_)));
        s.success_status = vec![202];
        assert!(matches!(judge(&s, 200, ""), Outcome::Permanent(_)));
        s.success_body = Some("Accepted".into());
        s.failure_body = vec!["ERR".into()];
        assert_eq!(
            judge(&s, 202, "0: Accepted for delivery"),
            Outcome::Delivered(None)
        );
        assert!(
            matches!(judge(&s, 202, "3: Queued"), Outcome::Permanent(e) if e.starts_with("unexpected answer, HTTP 202"))
        );
        assert!(matches!(
            judge(&s, 202, "Accepted ERR"),
            Outcome::Permanent(_)
        ));
        assert!(matches!(judge(&s, 503, "ERR"), Outcome::Permanent(_)));
        let long = "x".repeat(500);
        let Outcome::Transient(e) = judge(&s, 500, &long) else {
            panic!()
        };
        assert_eq!(e.len(), "HTTP 500: ".len() + 200);
    }

    #[test]
    fn the_reference_comes_from_the_pointer() {
        let mut s = settings();
        s.reference_pointer = Some("/messages/0/id".into());
        let body = r#"{"messages":[{"id":"abc-1"}]}"#;
        assert_eq!(
            judge(&s, 200, body),
            Outcome::Delivered(Some("abc-1".into()))
        );
        assert_eq!(
            judge(&s, 200, r#"{"messages":[{"id":42}]}"#),
            Outcome::Delivered(Some("42".into()))
        );
        assert_eq!(judge(&s, 200, "not json"), Outcome::Delivered(None));
        assert_eq!(judge(&s, 200, r#"{"other":1}"#), Outcome::Delivered(None));
    }
}
