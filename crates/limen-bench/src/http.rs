//! `login-rate` and `validate-rate`: HTTP load against a running Limen server; the login, the
//! phases and the report helpers that `oidc-rate` shares.

use crate::stats::{Summary, rate, round, summarise};
use anyhow::{Context, Result, anyhow, bail};
use reqwest::header::{COOKIE, HeaderMap, LOCATION, SET_COOKIE};
use reqwest::{Client, StatusCode, Url, redirect};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub(crate) const FORM_MARKER: &str = "<form method=\"post\" action=\"";
pub(crate) const CSRF_MARKER: &str = "<input type=\"hidden\" name=\"csrf_token\" value=\"";

#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    pub base_url: String,
    /// A service URL registered on the server.
    #[arg(long)]
    pub service: String,
    /// E-mail of an existing, active account.
    #[arg(long)]
    pub email: String,
    /// Its password.
    #[arg(long, env = "LIMEN_BENCH_PASSWORD", hide_env_values = true)]
    pub password: String,
}

#[derive(Debug, clap::Args)]
pub struct LoginRateArgs {
    #[command(flatten)]
    pub target: Target,
    /// Concurrent simulated browsers.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Measuring time.
    #[arg(long, default_value_t = 15.0)]
    pub seconds: f64,
}

#[derive(Debug, clap::Args)]
pub struct LoginBurstArgs {
    #[command(flatten)]
    pub target: Target,
    /// Password posts sent at the same moment (the forms are fetched beforehand).
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
}

#[derive(Debug, clap::Args)]
pub struct ValidateRateArgs {
    #[command(flatten)]
    pub target: Target,
    /// Tickets to mint, then validate.
    #[arg(long, default_value_t = 20_000)]
    pub tickets: usize,
    /// Concurrent requests (minting and validating).
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Upper bound on the whole run; unfinished work is abandoned and reported.
    #[arg(long, default_value_t = 600.0)]
    pub max_seconds: f64,
    /// With `--rate`, the validations run open-loop (`--tickets` is then rate × (seconds +
    /// warm-up)).
    #[command(flatten)]
    pub open: crate::openloop::OpenLoopArgs,
}

// --- Cookies, forms, URLs -----------------------------------------------------------------------

/// A minimal cookie jar for one host: name → value; attributes other than expiry are ignored.
#[derive(Debug, Clone, Default)]
pub struct CookieJar(BTreeMap<String, String>);

impl CookieJar {
    pub fn absorb(&mut self, headers: &HeaderMap) {
        for value in headers.get_all(SET_COOKIE) {
            let Ok(text) = value.to_str() else { continue };
            let mut parts = text.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let expired = parts.any(|attr| {
                let attr = attr.trim();
                attr.eq_ignore_ascii_case("max-age=0")
                    || attr
                        .get(..8)
                        .is_some_and(|p| p.eq_ignore_ascii_case("max-age="))
                        && attr[8..].trim().starts_with('-')
            });
            let value = value.trim().trim_matches('"');
            if expired || value.is_empty() {
                self.0.remove(name);
            } else {
                self.0.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub fn header(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let pairs: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        Some(pairs.join("; "))
    }
}

/// The value of the attribute that starts right after `marker`, HTML-unescaped.
pub(crate) fn value_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let rest = html.get(start..)?;
    let end = rest.find('"')?;
    Some(html_unescape(rest.get(..end)?))
}

/// Undoes the escaping a template engine applies inside attribute values.
pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &tail[1..end];
            let ch = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = entity.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            ch.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Percent-decoding of a query value (`+` is a space).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `ticket` parameter of a redirect to the service.
pub fn ticket_from_location(location: &str) -> Option<String> {
    query_param(location, "ticket")
}

/// The (non-empty, decoded) query parameter `name` of a URL.
pub fn query_param(location: &str, name: &str) -> Option<String> {
    let query = location.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| percent_decode(v))
        .filter(|t| !t.is_empty())
}

pub(crate) fn endpoint(base: &Url, path: &str, query: &[(&str, &str)]) -> Result<Url> {
    let joined = format!("{}{}", base.as_str().trim_end_matches('/'), path);
    if query.is_empty() {
        return Url::parse(&joined).with_context(|| format!("bad URL {joined}"));
    }
    Url::parse_with_params(&joined, query).with_context(|| format!("bad URL {joined}"))
}

pub(crate) fn client(concurrency: usize) -> Result<Client> {
    Client::builder()
        .redirect(redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .no_proxy()
        .pool_max_idle_per_host(concurrency.max(1) * 2)
        .build()
        .context("building the HTTP client")
}

// --- The login flow ---------------------------------------------------------------------------------

/// Why a login or validation did not succeed, grouped for the report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Failure {
    Transport(&'static str),
    Status(&'static str, u16),
    Markup(&'static str),
    NoTicket,
    NotSuccess,
    /// An OAuth 2.0 error answer: the step, the HTTP status and the `error` code.
    OAuth(&'static str, u16, String),
    /// The mobile device (limen-authenticator) failed or was answered otherwise than expected:
    /// the step and what happened.
    Device(&'static str, String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Transport(step) => write!(f, "{step}: transport error"),
            Failure::Status(step, code) => write!(f, "{step}: HTTP {code}"),
            Failure::Markup(what) => write!(f, "missing {what}"),
            Failure::NoTicket => write!(f, "redirect without a ticket"),
            Failure::NotSuccess => write!(f, "no authenticationSuccess"),
            Failure::OAuth(step, code, error) => write!(f, "{step}: HTTP {code} {error}"),
            Failure::Device(step, what) => write!(f, "{step}: {what}"),
        }
    }
}

/// One browser's login through the HTML forms.
pub struct Login<'a> {
    pub client: &'a Client,
    pub base: &'a Url,
    pub email: &'a str,
    pub password: &'a str,
}

impl Login<'_> {
    pub(crate) async fn get(
        &self,
        url: Url,
        jar: &mut CookieJar,
        step: &'static str,
    ) -> Result<reqwest::Response, Failure> {
        let mut req = self.client.get(url);
        if let Some(cookies) = jar.header() {
            req = req.header(COOKIE, cookies);
        }
        let resp = req.send().await.map_err(|_| Failure::Transport(step))?;
        jar.absorb(resp.headers());
        Ok(resp)
    }

    pub(crate) async fn post(
        &self,
        url: Url,
        form: &[(&str, &str)],
        jar: &mut CookieJar,
        step: &'static str,
    ) -> Result<reqwest::Response, Failure> {
        let mut req = self.client.post(url).form(form);
        if let Some(cookies) = jar.header() {
            req = req.header(COOKIE, cookies);
        }
        let resp = req.send().await.map_err(|_| Failure::Transport(step))?;
        jar.absorb(resp.headers());
        Ok(resp)
    }

    /// Reads a 200 login page and returns (absolute form action, csrf token).
    async fn form(
        &self,
        resp: reqwest::Response,
        step: &'static str,
    ) -> Result<(Url, String), Failure> {
        let status = resp.status();
        let page_url = resp.url().clone();
        if status != StatusCode::OK {
            return Err(Failure::Status(step, status.as_u16()));
        }
        let html = resp.text().await.map_err(|_| Failure::Transport(step))?;
        let action = value_after(&html, FORM_MARKER).ok_or(Failure::Markup("login form"))?;
        let csrf = value_after(&html, CSRF_MARKER).ok_or(Failure::Markup("csrf_token"))?;
        let action = page_url
            .join(&action)
            .map_err(|_| Failure::Markup("valid form action"))?;
        Ok((action, csrf))
    }

    /// The three steps with a fresh cookie jar from `start` (a /cas/login URL); returns the
    /// answer to the password step and the jar (SSO session).
    async fn steps(&self, start: Url) -> Result<(reqwest::Response, CookieJar), Failure> {
        let (action, csrf, mut jar) = self.password_form(start).await?;
        let done = self.password(action, &csrf, &mut jar).await?;
        Ok((done, jar))
    }

    /// The first two steps: the password form's action, its CSRF token and the cookies.
    pub(crate) async fn password_form(
        &self,
        start: Url,
    ) -> Result<(Url, String, CookieJar), Failure> {
        let mut jar = CookieJar::default();
        let page = self.get(start, &mut jar, "GET /cas/login").await?;
        let (action, csrf) = self.form(page, "GET /cas/login").await?;

        let fields = [
            ("csrf_token", csrf.as_str()),
            ("email", self.email),
            ("step", "email"),
        ];
        let page = self.post(action, &fields, &mut jar, "POST email").await?;
        let (action, csrf) = self.form(page, "POST email").await?;
        Ok((action, csrf, jar))
    }

    /// The password step.
    async fn password(
        &self,
        action: Url,
        csrf: &str,
        jar: &mut CookieJar,
    ) -> Result<reqwest::Response, Failure> {
        self.password_as(action, csrf, jar, "PASSWORD").await
    }

    /// The password step, choosing `method` (an EU Login strength, e.g. `PASSWORD_MOBILE_APP`).
    pub(crate) async fn password_as(
        &self,
        action: Url,
        csrf: &str,
        jar: &mut CookieJar,
        method: &str,
    ) -> Result<reqwest::Response, Failure> {
        let fields = [
            ("csrf_token", csrf),
            ("email", self.email),
            ("step", "password"),
            ("method", method),
            ("password", self.password),
        ];
        self.post(action, &fields, jar, "POST password").await
    }

    /// A login for `service`; returns the ticket and the jar (SSO session).
    async fn run(&self, service: &str) -> Result<(String, CookieJar), Failure> {
        let start = endpoint(self.base, "/cas/login", &[("service", service)])
            .map_err(|_| Failure::Markup("valid base URL"))?;
        let (done, jar) = self.steps(start).await?;
        if done.status() != StatusCode::SEE_OTHER {
            return Err(Failure::Status("POST password", done.status().as_u16()));
        }
        let ticket = done
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
            .and_then(ticket_from_location)
            .ok_or(Failure::NoTicket)?;
        Ok((ticket, jar))
    }

    /// A login without a service (the "you are signed in" page); returns the SSO cookies.
    pub async fn sign_in(&self) -> Result<CookieJar, Failure> {
        let start = endpoint(self.base, "/cas/login", &[])
            .map_err(|_| Failure::Markup("valid base URL"))?;
        let (done, jar) = self.steps(start).await?;
        if done.status() != StatusCode::OK {
            return Err(Failure::Status("POST password", done.status().as_u16()));
        }
        // A refused password answers 200 too, with the password form again.
        let html = done
            .text()
            .await
            .map_err(|_| Failure::Transport("POST password"))?;
        if html.contains("name=\"password\"") {
            return Err(Failure::Markup("signed-in page (password refused?)"));
        }
        Ok(jar)
    }
}

/// A ticket for the service from an existing SSO session (no redirect followed).
async fn mint(client: &Client, url: Url, cookies: &str) -> Result<String, Failure> {
    let resp = client
        .get(url)
        .header(COOKIE, cookies)
        .send()
        .await
        .map_err(|_| Failure::Transport("GET /cas/login (SSO)"))?;
    if resp.status() != StatusCode::SEE_OTHER {
        return Err(Failure::Status(
            "GET /cas/login (SSO)",
            resp.status().as_u16(),
        ));
    }
    resp.headers()
        .get(LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(ticket_from_location)
        .ok_or(Failure::NoTicket)
}

async fn validate(client: &Client, base: &Url, service: &str, ticket: &str) -> Result<(), Failure> {
    let url = endpoint(
        base,
        "/cas/p3/serviceValidate",
        &[("service", service), ("ticket", ticket)],
    )
    .map_err(|_| Failure::Markup("valid base URL"))?;
    let step = "GET /cas/p3/serviceValidate";
    let resp = client
        .get(url)
        .send()
        .await
        .map_err(|_| Failure::Transport(step))?;
    let status = resp.status();
    let body = resp.text().await.map_err(|_| Failure::Transport(step))?;
    if status != StatusCode::OK {
        return Err(Failure::Status(step, status.as_u16()));
    }
    if !body.contains("authenticationSuccess") {
        return Err(Failure::NotSuccess);
    }
    Ok(())
}

pub(crate) fn parse_base(raw: &str) -> Result<Url> {
    let base = Url::parse(raw).with_context(|| format!("--base-url {raw:?} is not a URL"))?;
    if !matches!(base.scheme(), "http" | "https") {
        bail!("--base-url must be http(s)");
    }
    Ok(base)
}

pub(crate) fn failures_json(failures: &BTreeMap<Failure, u64>) -> serde_json::Value {
    failures
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

pub(crate) fn print_failures(failures: &BTreeMap<Failure, u64>) {
    for (failure, count) in failures {
        println!("  failure: {failure} × {count}");
    }
}

pub(crate) fn latency_line(label: &str, s: &Summary) -> String {
    format!(
        "{label} latency (ms): mean {:.2}, p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        s.mean_ms, s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms
    )
}

pub(crate) fn latency_json(s: &Summary) -> serde_json::Value {
    serde_json::json!({
        "mean_ms": round(s.mean_ms, 3),
        "p50_ms": round(s.p50_ms, 3),
        "p90_ms": round(s.p90_ms, 3),
        "p99_ms": round(s.p99_ms, 3),
        "max_ms": round(s.max_ms, 3),
    })
}

// --- login-rate -------------------------------------------------------------------------------------

#[derive(Default)]
struct WorkerTally {
    ok: u64,
    latencies: Vec<Duration>,
    failures: BTreeMap<Failure, u64>,
}

/// `login-burst`: `requests` browsers reach the password form one after the other, then all post
/// the password at once; prints how each was answered (200/303 signed in, 429 throttled, 503
/// hashing queue full, ...). With `scripts/memory` it shows what a burst costs the server.
pub async fn login_burst(args: LoginBurstArgs) -> Result<()> {
    if args.requests == 0 || args.requests > 2000 {
        bail!("--requests must be in 1..=2000");
    }
    let base = parse_base(&args.target.base_url)?;
    let client = client(args.requests)?;
    let target = Arc::new(args.target.clone());
    let login = Login {
        client: &client,
        base: &base,
        email: &target.email,
        password: &target.password,
    };
    let start = endpoint(&base, "/cas/login", &[("service", target.service.as_str())])?;
    let mut forms = Vec::with_capacity(args.requests);
    for _ in 0..args.requests {
        forms.push(
            login
                .password_form(start.clone())
                .await
                .map_err(|f| anyhow!("fetching a password form failed: {f}"))?,
        );
    }
    println!(
        "login-burst: {} password posts at once against {base}",
        args.requests
    );
    let t0 = Instant::now();
    let mut handles = Vec::with_capacity(args.requests);
    for (action, csrf, mut jar) in forms {
        let client = client.clone();
        let base = base.clone();
        let target = Arc::clone(&target);
        handles.push(tokio::spawn(async move {
            let login = Login {
                client: &client,
                base: &base,
                email: &target.email,
                password: &target.password,
            };
            match login.password(action, &csrf, &mut jar).await {
                Ok(resp) => resp.status().as_u16().to_string(),
                Err(f) => f.to_string(),
            }
        }));
    }
    let mut answers: BTreeMap<String, u64> = BTreeMap::new();
    for handle in handles {
        *answers
            .entry(handle.await.context("a request task panicked")?)
            .or_default() += 1;
    }
    let elapsed = t0.elapsed();
    println!("answered in {:.2} s: {answers:?}", elapsed.as_secs_f64());
    let json = serde_json::json!({
        "bench": "login-burst",
        "requests": args.requests,
        "seconds": round(elapsed.as_secs_f64(), 3),
        "answers": answers,
    });
    println!("{json}");
    Ok(())
}

pub async fn login_rate(args: LoginRateArgs) -> Result<()> {
    if args.concurrency == 0 || args.concurrency > 1024 {
        bail!("--concurrency must be in 1..=1024");
    }
    if !(args.seconds > 0.0 && args.seconds <= 3600.0) {
        bail!("--seconds must be in (0, 3600]");
    }
    let base = parse_base(&args.target.base_url)?;
    let client = client(args.concurrency)?;
    let target = Arc::new(args.target.clone());

    // One login first: fail fast, with the reason, when the set-up is wrong.
    Login {
        client: &client,
        base: &base,
        email: &target.email,
        password: &target.password,
    }
    .run(&target.service)
    .await
    .map_err(|f| anyhow!("the first login failed: {f}"))?;

    println!(
        "login-rate: {} concurrent browsers for {} s against {} (service {})",
        args.concurrency, args.seconds, base, target.service
    );
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(args.seconds);
    let mut handles = Vec::with_capacity(args.concurrency);
    for _ in 0..args.concurrency {
        let client = client.clone();
        let base = base.clone();
        let target = Arc::clone(&target);
        handles.push(tokio::spawn(async move {
            let login = Login {
                client: &client,
                base: &base,
                email: &target.email,
                password: &target.password,
            };
            let mut tally = WorkerTally::default();
            while Instant::now() < deadline {
                let t0 = Instant::now();
                match login.run(&target.service).await {
                    Ok(_) => {
                        tally.ok += 1;
                        tally.latencies.push(t0.elapsed());
                    }
                    Err(failure) => {
                        *tally.failures.entry(failure).or_default() += 1;
                        // Do not spin on an error answered at once (e.g. throttling).
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                }
            }
            tally
        }));
    }
    let mut total = WorkerTally::default();
    for handle in handles {
        let tally = handle.await.context("a worker panicked")?;
        total.ok += tally.ok;
        total.latencies.extend(tally.latencies);
        for (k, v) in tally.failures {
            *total.failures.entry(k).or_default() += v;
        }
    }
    let elapsed = start.elapsed();
    let per_second = rate(total.ok, elapsed);
    let failed: u64 = total.failures.values().sum();
    let latency = summarise(&mut total.latencies);
    println!(
        "{} successful logins, {failed} failed, in {:.2} s: {per_second:.2} logins/s",
        total.ok,
        elapsed.as_secs_f64()
    );
    println!("{}", latency_line("login", &latency));
    print_failures(&total.failures);
    let json = serde_json::json!({
        "bench": "login-rate",
        "concurrency": args.concurrency,
        "seconds": round(elapsed.as_secs_f64(), 3),
        "logins": total.ok,
        "failures": failed,
        "failure_kinds": failures_json(&total.failures),
        "per_second": round(per_second, 2),
        "latency": latency_json(&latency),
    });
    println!("{}", serde_json::to_string(&json)?);
    if total.ok == 0 {
        bail!("no login succeeded");
    }
    Ok(())
}

// --- validate-rate ----------------------------------------------------------------------------------

pub(crate) struct PhaseResult<T> {
    pub items: Vec<T>,
    pub latencies: Vec<Duration>,
    pub failures: BTreeMap<Failure, u64>,
    pub elapsed: Duration,
    pub timed_out: bool,
}

/// Runs `job(i)` for i in 0..n on `concurrency` tasks, stopping at `deadline`.
pub(crate) async fn phase<T, F, Fut>(
    n: usize,
    concurrency: usize,
    deadline: Instant,
    job: F,
) -> Result<PhaseResult<T>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, Failure>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let job = Arc::new(job);
    let shared = Arc::new(Mutex::new(PhaseResult {
        items: Vec::with_capacity(n),
        latencies: Vec::with_capacity(n),
        failures: BTreeMap::new(),
        elapsed: Duration::ZERO,
        timed_out: false,
    }));
    let start = Instant::now();
    let mut handles = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let next = Arc::clone(&next);
        let job = Arc::clone(&job);
        let shared = Arc::clone(&shared);
        handles.push(tokio::spawn(async move {
            let mut items = Vec::new();
            let mut latencies = Vec::new();
            let mut failures: BTreeMap<Failure, u64> = BTreeMap::new();
            let mut timed_out = false;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                if Instant::now() >= deadline {
                    timed_out = true;
                    break;
                }
                let t0 = Instant::now();
                let outcome = job(i).await;
                latencies.push(t0.elapsed());
                match outcome {
                    Ok(item) => items.push(item),
                    Err(f) => *failures.entry(f).or_default() += 1,
                }
            }
            if let Ok(mut all) = shared.lock() {
                all.items.extend(items);
                all.latencies.extend(latencies);
                for (k, v) in failures {
                    *all.failures.entry(k).or_default() += v;
                }
                all.timed_out |= timed_out;
            }
        }));
    }
    for handle in handles {
        handle.await.context("a worker panicked")?;
    }
    let elapsed = start.elapsed();
    let mut result = Arc::try_unwrap(shared)
        .map_err(|_| anyhow!("workers still hold the results"))?
        .into_inner()
        .map_err(|_| anyhow!("a worker poisoned the results"))?;
    result.elapsed = elapsed;
    Ok(result)
}

pub async fn validate_rate(args: ValidateRateArgs) -> Result<()> {
    if args.concurrency == 0 || args.concurrency > 1024 {
        bail!("--concurrency must be in 1..=1024");
    }
    if args.tickets == 0 || args.tickets > 10_000_000 {
        bail!("--tickets must be in 1..=10000000");
    }
    if !(args.max_seconds > 0.0 && args.max_seconds <= 7200.0) {
        bail!("--max-seconds must be in (0, 7200]");
    }
    let plan = args.open.plan()?;
    let wanted = plan.map_or(args.tickets, |p| p.total());
    let deadline = Instant::now() + Duration::from_secs_f64(args.max_seconds);
    let base = parse_base(&args.target.base_url)?;
    let client = client(plan.map_or(args.concurrency, |p| p.max_in_flight.max(args.concurrency)))?;
    let service = args.target.service.clone();

    let (_first_ticket, jar) = Login {
        client: &client,
        base: &base,
        email: &args.target.email,
        password: &args.target.password,
    }
    .run(&service)
    .await
    .map_err(|f| anyhow!("the login failed: {f}"))?;
    let cookies = jar
        .header()
        .ok_or_else(|| anyhow!("the login set no cookie: no SSO session to mint tickets from"))?;
    let mint_url = endpoint(&base, "/cas/login", &[("service", service.as_str())])?;

    println!(
        "validate-rate: minting {wanted} tickets for {service} with the SSO cookie ({} concurrent)",
        args.concurrency
    );
    let minted = {
        let client = client.clone();
        let cookies = Arc::new(cookies);
        phase(wanted, args.concurrency, deadline, move |_| {
            let client = client.clone();
            let url = mint_url.clone();
            let cookies = Arc::clone(&cookies);
            async move { mint(&client, url, &cookies).await }
        })
        .await?
    };
    let mint_failed: u64 = minted.failures.values().sum();
    let mint_rate = rate(minted.items.len() as u64, minted.elapsed);
    println!(
        "minted {} tickets ({mint_failed} failed) in {:.2} s: {mint_rate:.1} tickets/s",
        minted.items.len(),
        minted.elapsed.as_secs_f64()
    );
    print_failures(&minted.failures);
    if minted.items.is_empty() {
        bail!("no ticket could be minted");
    }
    if let Some(plan) = plan {
        if minted.items.len() < wanted {
            bail!(
                "only {} of the {wanted} tickets the open loop needs were minted",
                minted.items.len()
            );
        }
        return validate_open(plan, client, base, service, minted.items, mint_rate).await;
    }

    println!(
        "validating {} tickets at /cas/p3/serviceValidate ({} concurrent)",
        minted.items.len(),
        args.concurrency
    );
    let tickets = Arc::new(minted.items);
    let validated = {
        let client = client.clone();
        let base = base.clone();
        let service = service.clone();
        let tickets = Arc::clone(&tickets);
        phase(tickets.len(), args.concurrency, deadline, move |i| {
            let client = client.clone();
            let base = base.clone();
            let service = service.clone();
            let tickets = Arc::clone(&tickets);
            async move {
                let ticket = tickets.get(i).ok_or(Failure::NoTicket)?;
                validate(&client, &base, &service, ticket).await
            }
        })
        .await?
    };
    let mut latencies = validated.latencies;
    let latency = summarise(&mut latencies);
    let ok = validated.items.len() as u64;
    let failed: u64 = validated.failures.values().sum();
    let per_second = rate(ok, validated.elapsed);
    println!(
        "{ok} validations succeeded, {failed} failed, in {:.2} s: {per_second:.1} validations/s",
        validated.elapsed.as_secs_f64()
    );
    println!("{}", latency_line("validation", &latency));
    print_failures(&validated.failures);
    let timed_out = minted.timed_out || validated.timed_out;
    if timed_out {
        println!(
            "warning: --max-seconds {} reached, the run was cut short",
            args.max_seconds
        );
    }
    let json = serde_json::json!({
        "bench": "validate-rate",
        "concurrency": args.concurrency,
        "tickets_requested": args.tickets,
        "tickets_minted": tickets.len(),
        "mint_failures": mint_failed,
        "mint_per_second": round(mint_rate, 1),
        "validations": ok,
        "failures": failed,
        "failure_kinds": failures_json(&validated.failures),
        "seconds": round(validated.elapsed.as_secs_f64(), 3),
        "per_second": round(per_second, 1),
        "p50_ms": round(latency.p50_ms, 3),
        "p99_ms": round(latency.p99_ms, 3),
        "max_ms": round(latency.max_ms, 3),
        "latency": latency_json(&latency),
        "timed_out": timed_out,
    });
    println!("{}", serde_json::to_string(&json)?);
    Ok(())
}

/// `validate-rate --rate R`: the minted tickets validated open-loop, one each at its intended
/// time (see [`crate::openloop`]).
async fn validate_open(
    plan: crate::openloop::Plan,
    client: Client,
    base: Url,
    service: String,
    tickets: Vec<String>,
    mint_rate: f64,
) -> Result<()> {
    println!(
        "validating open-loop at /cas/p3/serviceValidate: {:.0}/s, {} + {} warm-up requests, at most {} in flight",
        plan.rate, plan.measured, plan.warmup, plan.max_in_flight
    );
    let tickets = Arc::new(tickets);
    let result = {
        let tickets = Arc::clone(&tickets);
        crate::openloop::run(plan, move |i| {
            let client = client.clone();
            let base = base.clone();
            let service = service.clone();
            let tickets = Arc::clone(&tickets);
            async move {
                let ticket = tickets.get(i).ok_or(Failure::NoTicket)?;
                validate(&client, &base, &service, ticket).await
            }
        })
        .await?
    };
    result.print("validations");
    let mut json = result.json();
    json["bench"] = serde_json::json!("validate-rate");
    json["mint_per_second"] = serde_json::json!(round(mint_rate, 1));
    println!("{}", serde_json::to_string(&json)?);
    if result.items.is_empty() {
        bail!("no validation succeeded");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn unescapes_attribute_values() {
        assert_eq!(
            html_unescape("/cas/login?service=a&amp;b=c"),
            "/cas/login?service=a&b=c"
        );
        assert_eq!(html_unescape("&lt;&gt;&quot;&#39;&#x2F;&apos;"), "<>\"'/'");
        assert_eq!(
            html_unescape("AT&T & co &unknown; &#xZZ;"),
            "AT&T & co &unknown; &#xZZ;"
        );
        assert_eq!(html_unescape("trailing &"), "trailing &");
    }

    #[test]
    fn finds_the_form_and_token() {
        let html = r#"<form method="post" action="/cas/login?service=http%3A%2F%2Fa&amp;renew=true">
            <input type="hidden" name="csrf_token" value="abc&amp;123">"#;
        assert_eq!(
            value_after(html, FORM_MARKER).as_deref(),
            Some("/cas/login?service=http%3A%2F%2Fa&renew=true")
        );
        assert_eq!(value_after(html, CSRF_MARKER).as_deref(), Some("abc&123"));
        assert_eq!(value_after("<p>nothing</p>", CSRF_MARKER), None);
        assert_eq!(
            value_after(
                r#"<input type="hidden" name="csrf_token" value="unterminated"#,
                CSRF_MARKER
            ),
            None
        );
    }

    #[test]
    fn takes_the_ticket_from_the_redirect() {
        assert_eq!(
            ticket_from_location("http://a/app?ticket=ST-1-abc").as_deref(),
            Some("ST-1-abc")
        );
        assert_eq!(
            ticket_from_location("http://a/app?x=1&ticket=ST-2%2Dz#frag").as_deref(),
            Some("ST-2-z")
        );
        assert_eq!(ticket_from_location("http://a/app"), None);
        assert_eq!(ticket_from_location("http://a/app?ticket="), None);
        assert_eq!(ticket_from_location("http://a/app?noticket=ST-1"), None);
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%41+b%+1"), "%zzA b% 1");
    }

    #[test]
    fn cookie_jar_sets_replaces_and_expires() {
        let mut jar = CookieJar::default();
        let mut headers = HeaderMap::new();
        headers.append(
            SET_COOKIE,
            HeaderValue::from_static("a=1; Path=/; HttpOnly"),
        );
        headers.append(SET_COOKIE, HeaderValue::from_static("b=2"));
        jar.absorb(&headers);
        assert_eq!(jar.header().as_deref(), Some("a=1; b=2"));
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, HeaderValue::from_static("a=; Max-Age=0"));
        headers.append(SET_COOKIE, HeaderValue::from_static("b=3; Secure"));
        jar.absorb(&headers);
        assert_eq!(jar.header().as_deref(), Some("b=3"));
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, HeaderValue::from_static("b=x; max-age=-1"));
        jar.absorb(&headers);
        assert_eq!(jar.header(), None);
    }

    #[test]
    fn endpoints_keep_a_base_path_and_encode_the_query() -> Result<()> {
        let base = Url::parse("http://127.0.0.1:8080/")?;
        let url = endpoint(&base, "/cas/login", &[("service", "http://a/b?c=d&e")])?;
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/cas/login?service=http%3A%2F%2Fa%2Fb%3Fc%3Dd%26e"
        );
        let base = Url::parse("http://127.0.0.1:8080/sso")?;
        assert_eq!(
            endpoint(&base, "/health", &[])?.as_str(),
            "http://127.0.0.1:8080/sso/health"
        );
        Ok(())
    }
}
