//! The one door to the network. Everything this crate asks of a provider (discovery, key set,
//! token, user info) is an [`HttpRequest`] handed to a [`Fetch`]: tests answer with canned
//! documents; [`ReqwestFetch`] sends it with the caller's `reqwest::Client` — in Limen the one
//! built from `[http_client]` (its trusted roots and timeouts, redirects never followed), so this
//! crate never builds a client of its own.

use std::future::Future;

/// Answers longer than this are refused: a discovery document, a key set or a token response is
/// a few KiB; a provider sending megabytes is broken or hostile.
pub const MAX_ANSWER: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// An outgoing call. `form` is sent as `application/x-www-form-urlencoded` (RFC 6749 §4.1.3).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: url::Url,
    pub headers: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
}

/// Requests carry secrets (client secret, code, verifier, bearer token): only the method and URL
/// are shown.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} {}", self.method, self.url)
    }
}

impl HttpRequest {
    pub fn get(url: url::Url) -> Self {
        Self {
            method: Method::Get,
            url,
            headers: vec![("accept".into(), "application/json".into())],
            form: Vec::new(),
        }
    }

    pub fn post_form(url: url::Url, form: Vec<(String, String)>) -> Self {
        Self {
            method: Method::Post,
            url,
            headers: vec![("accept".into(), "application/json".into())],
            form,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers
            .push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }
}

/// A provider's answer: the status and the body, read whole (at most [`MAX_ANSWER`] bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

/// Sends a request and reads the answer. The error is a cause safe to log (no body, no secret).
pub trait Fetch: Send + Sync {
    fn fetch(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, String>> + Send;
}

/// A shared fetcher (one per process, many providers) fetches the same way.
impl<T: Fetch> Fetch for std::sync::Arc<T> {
    fn fetch(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, String>> + Send {
        T::fetch(self, request)
    }
}

/// [`Fetch`] over a `reqwest::Client` the caller built (Limen: `limen_web::http_client::build`).
#[derive(Debug, Clone)]
pub struct ReqwestFetch(pub reqwest::Client);

impl Fetch for ReqwestFetch {
    async fn fetch(&self, request: HttpRequest) -> Result<HttpResponse, String> {
        let mut builder = match request.method {
            Method::Get => self.0.get(request.url),
            Method::Post => self.0.post(request.url).form(&request.form),
        };
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let response = builder
            .send()
            .await
            .map_err(|e| error_chain(&e.without_url()))?;
        let status = response.status().as_u16();
        let body = read_capped(response, MAX_ANSWER).await?;
        Ok(HttpResponse { status, body })
    }
}

/// Reads the body chunk by chunk and stops as soon as it passes `max`, so a hostile server cannot
/// make us buffer more than that (a `Content-Length` can lie or be absent).
async fn read_capped(mut response: reqwest::Response, max: usize) -> Result<String, String> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| error_chain(&e.without_url()))?
    {
        if body.len() + chunk.len() > max {
            return Err(format!("answer over {} KiB", max / 1024));
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| "answer is not UTF-8".to_owned())
}

/// The error and every cause beneath it, each once (the outermost message alone rarely says
/// whether DNS, TCP, TLS trust or a timeout failed).
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
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
