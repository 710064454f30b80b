//! `oidc-rate`: OpenID Connect authorization-code exchanges at `/oidc/token`, then `/oidc/userinfo`
//! requests, per second, with latency percentiles.
//!
//! Set-up, not timed: one login through the HTML forms (no service: the "signed in" page), then
//! `--codes` authorization codes from `/oidc/authorize` with that SSO cookie, each with its own PKCE
//! verifier (S256). Timed: every code exchanged once at `/oidc/token` (confidential client,
//! `client_secret_basic`; each exchange signs an ID token), then `--userinfo-requests` requests
//! at `/oidc/userinfo`, cycling through the access tokens obtained. Codes must outlive the
//! set-up: run the server with `LIMEN_OIDC__CODE_LIFETIME_SECONDS=600` (the default is 60 s).

use crate::http::{
    Failure, Login, client, endpoint, failures_json, latency_json, latency_line, parse_base, phase,
    print_failures, query_param,
};
use crate::stats::{Summary, rate, round, summarise};
use anyhow::{Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::RngCore;
use reqwest::header::{AUTHORIZATION, COOKIE, LOCATION};
use reqwest::{Client, StatusCode, Url};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

const AUTHORIZE: &str = "GET /oidc/authorize";
const TOKEN: &str = "POST /oidc/token";
const USERINFO: &str = "GET /oidc/userinfo";

#[derive(Debug, clap::Args)]
pub struct OidcRateArgs {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    pub base_url: String,
    /// E-mail of an existing, active account.
    #[arg(long)]
    pub email: String,
    /// Its password.
    #[arg(long, env = "LIMEN_BENCH_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// A confidential OIDC client (`limen service add --protocol oidc`).
    #[arg(long)]
    pub client_id: String,
    /// Its secret (client_secret_basic).
    #[arg(long, env = "LIMEN_BENCH_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: String,
    /// A redirect URI registered for the client (never contacted).
    #[arg(long)]
    pub redirect_uri: String,
    /// Requested scopes.
    #[arg(long, default_value = "openid email profile")]
    pub scope: String,
    /// Authorization codes to obtain, then exchange.
    #[arg(long, default_value_t = 10_000)]
    pub codes: usize,
    /// Userinfo requests, cycling through the access tokens obtained (0: skip userinfo).
    #[arg(long, default_value_t = 20_000)]
    pub userinfo_requests: usize,
    /// Concurrent requests (in every phase).
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Upper bound on the whole run; unfinished work is abandoned and reported.
    #[arg(long, default_value_t = 600.0)]
    pub max_seconds: f64,
    /// With `--rate`, the exchanges run open-loop (`--codes` is then rate × (seconds + warm-up));
    /// the userinfo requests, if any, stay closed-loop.
    #[command(flatten)]
    pub open: crate::openloop::OpenLoopArgs,
}

/// A PKCE pair (RFC 7636): a 43-character verifier and its S256 challenge.
struct Pkce {
    verifier: String,
    challenge: String,
}

impl Pkce {
    fn new(rng: &mut impl RngCore) -> Self {
        let mut bytes = [0u8; 32];
        rng.fill_bytes(&mut bytes);
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        Self {
            challenge: s256(&verifier),
            verifier,
        }
    }
}

/// `BASE64URL(SHA256(verifier))`, RFC 7636 §4.2.
fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// application/x-www-form-urlencoded, as RFC 6749 §2.3.1 wants for Basic credentials.
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn basic_auth(client_id: &str, secret: &str) -> String {
    let pair = format!("{}:{}", form_encode(client_id), form_encode(secret));
    format!("Basic {}", STANDARD.encode(pair))
}

/// The `error` member of an OAuth JSON error answer, else "-".
fn oauth_error(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error")?.as_str().map(str::to_owned))
        .map(|e| e.chars().take(64).collect())
        .unwrap_or_else(|| "-".to_owned())
}

/// One code from the SSO session: 303 to the redirect URI with `code` and our `state`.
async fn authorize(
    client: &Client,
    url: Url,
    cookies: &str,
    redirect_uri: &str,
    state: &str,
) -> Result<String, Failure> {
    let resp = client
        .get(url)
        .header(COOKIE, cookies)
        .send()
        .await
        .map_err(|_| Failure::Transport(AUTHORIZE))?;
    let status = resp.status();
    if status != StatusCode::SEE_OTHER {
        return Err(Failure::Status(AUTHORIZE, status.as_u16()));
    }
    let location = resp
        .headers()
        .get(LOCATION)
        .and_then(|l| l.to_str().ok())
        .ok_or(Failure::Markup("Location header"))?;
    if !location.starts_with(redirect_uri) {
        // To the login page: the SSO session is not (or no longer) good for this client.
        return Err(Failure::Markup("redirect to the client"));
    }
    if let Some(error) = query_param(location, "error") {
        return Err(Failure::OAuth(AUTHORIZE, status.as_u16(), error));
    }
    if query_param(location, "state").as_deref() != Some(state) {
        return Err(Failure::Markup("state echoed in the redirect"));
    }
    query_param(location, "code").ok_or(Failure::Markup("code in the redirect"))
}

/// One authorization-code exchange; returns the access token.
async fn exchange(
    client: &Client,
    url: Url,
    authorization: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> Result<String, Failure> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("code_verifier", verifier),
    ];
    let resp = client
        .post(url)
        .header(AUTHORIZATION, authorization)
        .form(&form)
        .send()
        .await
        .map_err(|_| Failure::Transport(TOKEN))?;
    let status = resp.status();
    let body = resp.text().await.map_err(|_| Failure::Transport(TOKEN))?;
    if status != StatusCode::OK {
        return Err(Failure::OAuth(TOKEN, status.as_u16(), oauth_error(&body)));
    }
    let json: serde_json::Value =
        serde_json::from_str(&body).map_err(|_| Failure::Markup("JSON token answer"))?;
    if json.get("id_token").and_then(|v| v.as_str()).is_none() {
        return Err(Failure::Markup("id_token in the token answer"));
    }
    json.get("access_token")
        .and_then(|v| v.as_str())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or(Failure::Markup("access_token in the token answer"))
}

async fn userinfo(client: &Client, url: Url, access_token: &str) -> Result<(), Failure> {
    let resp = client
        .get(url)
        .header(AUTHORIZATION, format!("Bearer {access_token}"))
        .send()
        .await
        .map_err(|_| Failure::Transport(USERINFO))?;
    let status = resp.status();
    let body = resp
        .text()
        .await
        .map_err(|_| Failure::Transport(USERINFO))?;
    if status != StatusCode::OK {
        return Err(Failure::OAuth(
            USERINFO,
            status.as_u16(),
            oauth_error(&body),
        ));
    }
    let json: serde_json::Value =
        serde_json::from_str(&body).map_err(|_| Failure::Markup("JSON userinfo answer"))?;
    if json.get("sub").and_then(|v| v.as_str()).is_none() {
        return Err(Failure::Markup("sub in the userinfo answer"));
    }
    Ok(())
}

/// The figures of one timed phase.
struct Measured {
    ok: u64,
    failed: u64,
    failures: BTreeMap<Failure, u64>,
    elapsed: Duration,
    per_second: f64,
    latency: Summary,
}

impl Measured {
    fn new(
        ok: usize,
        failures: BTreeMap<Failure, u64>,
        mut latencies: Vec<Duration>,
        elapsed: Duration,
    ) -> Self {
        let ok = ok as u64;
        Self {
            ok,
            failed: failures.values().sum(),
            failures,
            elapsed,
            per_second: rate(ok, elapsed),
            latency: summarise(&mut latencies),
        }
    }

    /// `what`: the plural ("exchanges"), `unit`: the singular for the latency line.
    fn print(&self, what: &str, unit: &str) {
        println!(
            "{} {what} succeeded, {} failed, in {:.2} s: {:.1} {what}/s",
            self.ok,
            self.failed,
            self.elapsed.as_secs_f64(),
            self.per_second
        );
        println!("{}", latency_line(unit, &self.latency));
        print_failures(&self.failures);
    }

    fn json(&self, count_key: &str) -> serde_json::Value {
        serde_json::json!({
            count_key: self.ok,
            "failures": self.failed,
            "failure_kinds": failures_json(&self.failures),
            "seconds": round(self.elapsed.as_secs_f64(), 3),
            "per_second": round(self.per_second, 1),
            "p50_ms": round(self.latency.p50_ms, 3),
            "p99_ms": round(self.latency.p99_ms, 3),
            "max_ms": round(self.latency.max_ms, 3),
            "latency": latency_json(&self.latency),
        })
    }
}

pub async fn oidc_rate(args: OidcRateArgs) -> Result<()> {
    if args.concurrency == 0 || args.concurrency > 1024 {
        bail!("--concurrency must be in 1..=1024");
    }
    if args.codes == 0 || args.codes > 1_000_000 {
        bail!("--codes must be in 1..=1000000");
    }
    if args.userinfo_requests > 10_000_000 {
        bail!("--userinfo-requests must be in 0..=10000000");
    }
    if !(args.max_seconds > 0.0 && args.max_seconds <= 7200.0) {
        bail!("--max-seconds must be in (0, 7200]");
    }
    let plan = args.open.plan()?;
    let wanted = plan.map_or(args.codes, |p| p.total());
    let deadline = Instant::now() + Duration::from_secs_f64(args.max_seconds);
    let base = parse_base(&args.base_url)?;
    let client = client(plan.map_or(args.concurrency, |p| p.max_in_flight.max(args.concurrency)))?;

    let jar = Login {
        client: &client,
        base: &base,
        email: &args.email,
        password: &args.password,
    }
    .sign_in()
    .await
    .map_err(|f| anyhow!("the login failed: {f}"))?;
    let cookies = Arc::new(
        jar.header()
            .ok_or_else(|| anyhow!("the login set no cookie: no SSO session"))?,
    );

    // --- set-up: the codes (not timed) ---
    let pkce: Vec<Pkce> = {
        let mut rng = rand::thread_rng();
        (0..wanted).map(|_| Pkce::new(&mut rng)).collect()
    };
    let authorize_urls = pkce
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let state = format!("s{i}");
            let nonce = format!("n{i}");
            endpoint(
                &base,
                "/oidc/authorize",
                &[
                    ("response_type", "code"),
                    ("client_id", args.client_id.as_str()),
                    ("redirect_uri", args.redirect_uri.as_str()),
                    ("scope", args.scope.as_str()),
                    ("state", state.as_str()),
                    ("nonce", nonce.as_str()),
                    ("code_challenge", p.challenge.as_str()),
                    ("code_challenge_method", "S256"),
                ],
            )
        })
        .collect::<Result<Vec<Url>>>()?;
    println!(
        "oidc-rate: obtaining {wanted} authorization codes for client {} with the SSO cookie ({} concurrent)",
        args.client_id, args.concurrency
    );
    let minted = {
        let client = client.clone();
        let urls = Arc::new(authorize_urls);
        let redirect_uri = Arc::new(args.redirect_uri.clone());
        let cookies = Arc::clone(&cookies);
        phase(wanted, args.concurrency, deadline, move |i| {
            let client = client.clone();
            let urls = Arc::clone(&urls);
            let redirect_uri = Arc::clone(&redirect_uri);
            let cookies = Arc::clone(&cookies);
            async move {
                let url = urls.get(i).cloned().ok_or(Failure::Markup("work item"))?;
                let code =
                    authorize(&client, url, &cookies, &redirect_uri, &format!("s{i}")).await?;
                Ok((code, i))
            }
        })
        .await?
    };
    let mint_failed: u64 = minted.failures.values().sum();
    let mint_rate = rate(minted.items.len() as u64, minted.elapsed);
    println!(
        "obtained {} codes ({mint_failed} failed) in {:.2} s: {mint_rate:.1} authorizations/s",
        minted.items.len(),
        minted.elapsed.as_secs_f64()
    );
    print_failures(&minted.failures);
    if minted.items.is_empty() {
        bail!("no authorization code could be obtained");
    }
    let codes_obtained = minted.items.len();
    if let Some(plan) = plan {
        if codes_obtained < wanted {
            bail!("only {codes_obtained} of the {wanted} codes the open loop needs were obtained");
        }
        let authorization = basic_auth(&args.client_id, &args.client_secret);
        return exchange_open(
            plan,
            client,
            endpoint(&base, "/oidc/token", &[])?,
            minted.items,
            pkce,
            authorization,
            args.redirect_uri.clone(),
            mint_rate,
        )
        .await;
    }

    // --- timed: the exchanges ---
    println!(
        "exchanging {codes_obtained} codes at /oidc/token ({} concurrent)",
        args.concurrency
    );
    let token_url = endpoint(&base, "/oidc/token", &[])?;
    let exchanged = {
        let client = client.clone();
        let codes = Arc::new(minted.items);
        let pkce = Arc::new(pkce);
        let authorization = Arc::new(basic_auth(&args.client_id, &args.client_secret));
        let redirect_uri = Arc::new(args.redirect_uri.clone());
        phase(codes.len(), args.concurrency, deadline, move |i| {
            let client = client.clone();
            let url = token_url.clone();
            let codes = Arc::clone(&codes);
            let pkce = Arc::clone(&pkce);
            let authorization = Arc::clone(&authorization);
            let redirect_uri = Arc::clone(&redirect_uri);
            async move {
                let (code, n) = codes.get(i).ok_or(Failure::Markup("work item"))?;
                let verifier = &pkce.get(*n).ok_or(Failure::Markup("work item"))?.verifier;
                exchange(&client, url, &authorization, code, &redirect_uri, verifier).await
            }
        })
        .await?
    };
    let tokens = exchanged.items;
    let token = Measured::new(
        tokens.len(),
        exchanged.failures,
        exchanged.latencies,
        exchanged.elapsed,
    );
    token.print("exchanges", "exchange");
    if token
        .failures
        .keys()
        .any(|f| matches!(f, Failure::OAuth(_, _, e) if e == "invalid_grant"))
    {
        println!(
            "  note: invalid_grant may be expired codes; run the server with \
             LIMEN_OIDC__CODE_LIFETIME_SECONDS=600"
        );
    }
    let mut timed_out = minted.timed_out || exchanged.timed_out;

    // --- timed: userinfo ---
    let info = if args.userinfo_requests > 0 && !tokens.is_empty() {
        println!(
            "{} userinfo requests with {} access tokens ({} concurrent)",
            args.userinfo_requests,
            tokens.len(),
            args.concurrency
        );
        let url = endpoint(&base, "/oidc/userinfo", &[])?;
        let tokens = Arc::new(tokens);
        let result = {
            let client = client.clone();
            let tokens = Arc::clone(&tokens);
            phase(
                args.userinfo_requests,
                args.concurrency,
                deadline,
                move |i| {
                    let client = client.clone();
                    let url = url.clone();
                    let tokens = Arc::clone(&tokens);
                    async move {
                        let token = tokens
                            .get(i % tokens.len())
                            .ok_or(Failure::Markup("work item"))?;
                        userinfo(&client, url, token).await
                    }
                },
            )
            .await?
        };
        timed_out |= result.timed_out;
        let measured = Measured::new(
            result.items.len(),
            result.failures,
            result.latencies,
            result.elapsed,
        );
        measured.print("userinfo requests", "userinfo");
        Some((measured, tokens.len()))
    } else {
        None
    };
    if timed_out {
        println!(
            "warning: --max-seconds {} reached, the run was cut short",
            args.max_seconds
        );
    }

    let json = serde_json::json!({
        "bench": "oidc-rate",
        "concurrency": args.concurrency,
        "scope": args.scope,
        "codes_requested": args.codes,
        "codes_obtained": codes_obtained,
        "authorize_failures": mint_failed,
        "authorize_failure_kinds": failures_json(&minted.failures),
        "authorize_per_second": round(mint_rate, 1),
        "token": token.json("exchanges"),
        "userinfo": info.as_ref().map(|(m, pool)| {
            let mut v = m.json("requests");
            v["token_pool"] = serde_json::json!(pool);
            v
        }),
        "timed_out": timed_out,
    });
    println!("{}", serde_json::to_string(&json)?);
    if token.ok == 0 {
        bail!("no code exchange succeeded");
    }
    if info.as_ref().is_some_and(|(m, _)| m.ok == 0) {
        bail!("no userinfo request succeeded");
    }
    Ok(())
}

/// `oidc-rate --rate R`: the codes exchanged open-loop, one each at its intended time (see
/// [`crate::openloop`]).
#[allow(clippy::too_many_arguments)]
async fn exchange_open(
    plan: crate::openloop::Plan,
    client: Client,
    token_url: Url,
    codes: Vec<(String, usize)>,
    pkce: Vec<Pkce>,
    authorization: String,
    redirect_uri: String,
    mint_rate: f64,
) -> Result<()> {
    println!(
        "exchanging open-loop at /oidc/token: {:.0}/s, {} + {} warm-up requests, at most {} in flight",
        plan.rate, plan.measured, plan.warmup, plan.max_in_flight
    );
    let codes = Arc::new(codes);
    let pkce = Arc::new(pkce);
    let authorization = Arc::new(authorization);
    let redirect_uri = Arc::new(redirect_uri);
    let result = crate::openloop::run(plan, move |i| {
        let client = client.clone();
        let url = token_url.clone();
        let codes = Arc::clone(&codes);
        let pkce = Arc::clone(&pkce);
        let authorization = Arc::clone(&authorization);
        let redirect_uri = Arc::clone(&redirect_uri);
        async move {
            let (code, n) = codes.get(i).ok_or(Failure::Markup("work item"))?;
            let verifier = &pkce.get(*n).ok_or(Failure::Markup("work item"))?.verifier;
            exchange(&client, url, &authorization, code, &redirect_uri, verifier).await
        }
    })
    .await?;
    result.print("exchanges");
    let json = serde_json::json!({
        "bench": "oidc-rate",
        "authorize_per_second": round(mint_rate, 1),
        "token": result.json(),
    });
    println!("{}", serde_json::to_string(&json)?);
    if result.items.is_empty() {
        bail!("no code exchange succeeded");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn pkce_verifiers_are_43_url_safe_characters_and_distinct() {
        let mut rng = rand::thread_rng();
        let a = Pkce::new(&mut rng);
        let b = Pkce::new(&mut rng);
        assert_eq!(a.verifier.len(), 43);
        assert!(
            a.verifier
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_ne!(a.verifier, b.verifier);
        assert_eq!(a.challenge, s256(&a.verifier));
    }

    #[test]
    fn basic_credentials_are_form_encoded() {
        assert_eq!(form_encode("a-b_c.d*e"), "a-b_c.d*e");
        assert_eq!(form_encode("a b:c%/é"), "a+b%3Ac%25%2F%C3%A9");
        // RFC 6749 §2.3.1 example credentials.
        assert_eq!(
            basic_auth("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw"),
            "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3"
        );
    }

    #[test]
    fn reads_oauth_errors_and_redirect_parameters() {
        assert_eq!(
            oauth_error(r#"{"error":"invalid_grant","error_description":"x"}"#),
            "invalid_grant"
        );
        assert_eq!(oauth_error("<html>"), "-");
        let location = "http://127.0.0.1:9/cb?code=abc%2Bd&state=s7&iss=http%3A%2F%2F127.0.0.1";
        assert_eq!(query_param(location, "code").as_deref(), Some("abc+d"));
        assert_eq!(query_param(location, "state").as_deref(), Some("s7"));
        assert_eq!(query_param(location, "error"), None);
    }
}
