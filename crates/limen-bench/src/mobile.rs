//! `mobile`: the mobile app (issue 14) against a running server, with the reference device
//! library (`limen-authenticator`) as the phone. docs/MOBILE-PROTOCOL.md is what both follow.
//!
//! 1. Set-up: for each account given, a sign-in through the HTML forms, My account → "Add a
//!    mobile device" (`POST /account/mobile_app/add`), the enrolment link read from the page
//!    and [`Authenticator::enrol`] — the real enrolment (spec §3).
//! 2. `push`: full push logins per second — password choosing `PASSWORD_MOBILE_APP`, the
//!    approval page (its two-digit number), the device's `pending()` and `approve(number,
//!    PIN)`, the page's approval form, a 303 with a service ticket — with the latency of the
//!    whole cycle and of each part.
//! 3. `approve`: approvals per second on the approve call alone, over requests made first:
//!    once with the library's `approve` (which derives `P(PIN)` with Argon2id on the device,
//!    spec §2.1), once with `K'` derived beforehand (the server's cost alone).
//! 4. `live`: the live channels, one login at a time — from the approval page's answer to the
//!    device's `watch` seeing the request (spec §6), and from the device's approval answer to
//!    the page's long poll (`POST /cas/login/mobile/wait`) answering.
//! 5. `idle`: many `GET /device/v1/events` streams held open, with the server's resident memory,
//!    open files and CPU time read from `/proc/<pid>` (Linux).

use crate::http::{
    CSRF_MARKER, CookieJar, FORM_MARKER, Failure, Login, client, endpoint, failures_json,
    html_unescape, latency_json, latency_line, parse_base, phase, print_failures,
    ticket_from_location, value_after,
};
use crate::stats::{Summary, rate, round, summarise, summarise_signed};
use anyhow::{Context, Result, anyhow, bail};
use limen_authenticator::{Authenticator, CHALLENGES_PATH, Challenge, DeviceInfo, EVENTS_PATH};
use limen_mobile::jws::{Kid, SigningKey};
use limen_mobile::messages::{self, Decision, Receipt, ReceiptResult};
use limen_mobile::{TYP_RECEIPT, VERSION, b64, kdf, proof};
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, LOCATION};
use reqwest::{Client, StatusCode, Url};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The method chosen at the password step.
const METHOD: &str = "PASSWORD_MOBILE_APP";
/// How long the live-channel phase waits for one event or answer before counting a failure.
const LIVE_WAIT: Duration = Duration::from_secs(10);
/// How long a long poll is given to reach the server and park before the device approves.
const POLL_SETTLE: Duration = Duration::from_millis(100);
/// Streams being opened at once in the idle phase.
const OPEN_CONCURRENCY: usize = 32;
/// After the streams are opened, the server counts as settled when its CPU time stays under
/// this many seconds per second …
const SETTLED_CPU: f64 = 0.25;
/// … for this many seconds in a row …
const SETTLED_SECONDS: usize = 3;
/// … waiting at most this long.
const SETTLE_MAX: Duration = Duration::from_secs(900);

#[derive(Debug, clap::Args)]
pub struct MobileArgs {
    /// Base URL of the server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    pub base_url: String,
    /// A service URL registered on the server that accepts PASSWORD_MOBILE_APP.
    #[arg(long)]
    pub service: String,
    /// Existing, active accounts without a device, comma-separated: one device is enrolled for
    /// each, and push worker i signs in as account i mod n. The server lets at most 5
    /// password checks of one account run at once (throttle.account_max_failures), so give
    /// one account per worker.
    #[arg(long, value_delimiter = ',', required = true)]
    pub emails: Vec<String>,
    /// Their password (the same for all).
    #[arg(long, env = "LIMEN_BENCH_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// The devices' PIN.
    #[arg(long, default_value = "4821")]
    pub pin: String,
    /// Concurrent push logins (and approvals in the approve phases).
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Measuring time of the push phase.
    #[arg(long, default_value_t = 15.0)]
    pub seconds: f64,
    /// Requests approved in each approve-only phase (made first, through logins); 0 skips.
    #[arg(long, default_value_t = 400)]
    pub approvals: usize,
    /// Logins measured one at a time in the live-channel phase; 0 skips.
    #[arg(long, default_value_t = 200)]
    pub samples: usize,
    /// Event streams held open in the idle phase; 0 skips.
    #[arg(long, default_value_t = 1000)]
    pub streams: usize,
    /// How long they are held.
    #[arg(long, default_value_t = 30.0)]
    pub hold_seconds: f64,
    /// The idle phase's accounts, one device each (the server keeps one live stream per
    /// device): `{}` is replaced by 0, 1, … up to --streams − 1. They must exist, without a
    /// device.
    #[arg(long, default_value = "bench.idle{}@example.org")]
    pub idle_email_template: String,
    /// Enrolments at once in the idle phase's set-up (the server runs the PIN's Argon2id two
    /// at a time, with 8 waiting: beyond, 503).
    #[arg(long, default_value_t = 4)]
    pub enrol_concurrency: usize,
    /// Push logins one at a time, before the idle streams are opened and while they are held
    /// (the cost of activity on other devices with the streams open); 0 skips.
    #[arg(long, default_value_t = 20)]
    pub busy_logins: usize,
    /// The server's process id, for its memory, open files and CPU time (/proc/<pid>); without
    /// it the idle phase reports no server figures.
    #[arg(long)]
    pub server_pid: Option<u32>,
}

/// An enrolled device with what the benchmark needs beyond the library's calls.
struct Device {
    email: String,
    auth: Arc<Authenticator>,
    /// The device key, to sign the proofs of the idle streams (spec §4).
    key: SigningKey,
    /// `K' = M ⊕ P(PIN)` derived once (spec §2.1), for the approvals that leave the
    /// device-side Argon2id out.
    k: [u8; 32],
}

/// What the approval page (after the password) gives the browser.
struct ApprovalPage {
    action: Url,
    csrf: String,
    ceremony: String,
    /// The form's `approval` value ("I have approved").
    approval: String,
    /// The request's id, which the page shows for reference (`data-request`).
    challenge: String,
    number: String,
    jar: CookieJar,
}

fn device_failure(step: &'static str) -> impl FnOnce(limen_authenticator::Error) -> Failure {
    move |e| Failure::Device(step, e.to_string())
}

/// The text of the element whose start tag ends with `marker`, up to the next `<`.
fn element_text(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let rest = html.get(start..)?;
    let end = rest.find('<')?;
    Some(html_unescape(rest.get(..end)?.trim()))
}

/// The number the approval page shows: `id="approval-number" …><strong>NN</strong>`.
fn shown_number(html: &str) -> Option<String> {
    let start = html.find("id=\"approval-number\"")?;
    let rest = html.get(start..)?;
    let number = element_text(rest, "<strong>")?;
    (number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

/// Reads the approval page.
fn approval_page(html: &str, page_url: &Url, jar: CookieJar) -> Result<ApprovalPage, Failure> {
    if !html.contains("id=\"mobile-approval\"") {
        return Err(Failure::Markup(
            "the approval page (device choice or refusal?)",
        ));
    }
    let action = value_after(html, FORM_MARKER).ok_or(Failure::Markup("approval form"))?;
    let action = page_url
        .join(&action)
        .map_err(|_| Failure::Markup("valid form action"))?;
    let csrf = value_after(html, CSRF_MARKER).ok_or(Failure::Markup("csrf_token"))?;
    let ceremony =
        value_after(html, "name=\"ceremony\" value=\"").ok_or(Failure::Markup("ceremony"))?;
    let approval = value_after(html, "name=\"approval\" value=\"")
        .ok_or(Failure::Markup("the approval field"))?;
    let challenge = value_after(html, "data-request=\"")
        .filter(|c| c.len() == 43)
        .ok_or(Failure::Markup("a push request (held after denials?)"))?;
    let number = shown_number(html).ok_or(Failure::Markup("the two-digit number"))?;
    Ok(ApprovalPage {
        action,
        csrf,
        ceremony,
        approval,
        challenge,
        number,
        jar,
    })
}

/// The login of `service` up to the approval page: the login page, the e-mail, the password
/// choosing the push method (the Argon2id verification happens here; the server makes the
/// request and wakes the device before answering).
async fn to_approval(login: &Login<'_>, service: &str) -> Result<ApprovalPage, Failure> {
    let start = endpoint(login.base, "/cas/login", &[("service", service)])
        .map_err(|_| Failure::Markup("valid base URL"))?;
    let (action, csrf, mut jar) = login.password_form(start).await?;
    let resp = login.password_as(action, &csrf, &mut jar, METHOD).await?;
    if resp.status() != StatusCode::OK {
        return Err(Failure::Status("POST password", resp.status().as_u16()));
    }
    let page_url = resp.url().clone();
    let html = resp
        .text()
        .await
        .map_err(|_| Failure::Transport("POST password"))?;
    approval_page(&html, &page_url, jar)
}

/// "I have approved": the page's approval form; a 303 to the service with a ticket.
async fn proceed(login: &Login<'_>, page: &mut ApprovalPage) -> Result<String, Failure> {
    let fields = [
        ("csrf_token", page.csrf.as_str()),
        ("ceremony", page.ceremony.as_str()),
        ("approval", page.approval.as_str()),
    ];
    let step = "POST approval";
    let resp = login
        .post(page.action.clone(), &fields, &mut page.jar, step)
        .await?;
    if resp.status() != StatusCode::SEE_OTHER {
        return Err(Failure::Status(step, resp.status().as_u16()));
    }
    resp.headers()
        .get(LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(ticket_from_location)
        .ok_or(Failure::NoTicket)
}

/// The device's request for `id` among its pending ones.
async fn find_request(device: &Authenticator, id: &str) -> Result<Challenge, Failure> {
    device
        .pending()
        .await
        .map_err(device_failure("device pending()"))?
        .into_iter()
        .find(|c| c.payload.id == id)
        .ok_or(Failure::Device(
            "device pending()",
            "the page's request is not among the device's".to_owned(),
        ))
}

fn check_receipt(step: &'static str, receipt: &Receipt) -> Result<(), Failure> {
    if receipt.result == ReceiptResult::Approved {
        Ok(())
    } else {
        Err(Failure::Device(
            step,
            format!("receipt {:?}", receipt.result),
        ))
    }
}

/// The library's approval (`P(PIN)` derived with Argon2id on the device, spec §2.1).
async fn approve(device: &Device, c: &Challenge, number: &str, pin: &str) -> Result<(), Failure> {
    let step = "device approve()";
    let receipt = device
        .auth
        .approve(c, number, pin)
        .await
        .map_err(device_failure(step))?;
    check_receipt(step, &receipt)
}

/// The same approval with `K'` derived beforehand: the request as `approve` sends it (spec
/// §5.1), through the library's `raw` (a fresh proof), and the receipt verified under the
/// pinned server key. Returns when the request was sent (after its body and proof were made)
/// and when its answer arrived.
async fn approve_with_key(
    device: &Device,
    c: &Challenge,
    number: &str,
) -> Result<(Instant, Instant), Failure> {
    let step = "approval request";
    let bad = |e: limen_mobile::Error| Failure::Device(step, e.to_string());
    let id = &c.payload.id;
    let dh = messages::display_hash(&c.payload.display).map_err(bad)?;
    let pin_proof = messages::approval_mac(
        &device.k,
        id,
        Decision::Approve,
        device.auth.device_id(),
        &dh,
        number,
    )
    .map_err(bad)?;
    let body = serde_json::json!({
        "v": VERSION,
        "decision": Decision::Approve.as_str(),
        "number": number,
        "dh": dh,
        "pin_proof": pin_proof,
    });
    let body = serde_json::to_vec(&body).map_err(|e| Failure::Device(step, e.to_string()))?;
    let path = format!("{CHALLENGES_PATH}/{id}");
    let sent = Instant::now();
    let (status, answer) = device
        .auth
        .raw("POST", &path, &body, None, None)
        .await
        .map_err(device_failure(step))?;
    let answered = Instant::now();
    if status != 200 {
        return Err(Failure::Status(step, status));
    }
    let signed = String::from_utf8(answer).map_err(|_| Failure::Markup("a receipt"))?;
    let receipt: Receipt =
        messages::open(signed.trim(), TYP_RECEIPT, &device.auth.state().server_key).map_err(bad)?;
    if receipt.challenge != *id || receipt.device != device.auth.device_id() {
        return Err(Failure::Device(
            step,
            "a receipt for another request".to_owned(),
        ));
    }
    check_receipt(step, &receipt)?;
    Ok((sent, answered))
}

// --- Set-up ---------------------------------------------------------------------------------------

/// Signs in as `email` (forms, SSO cookie), adds a device in My account and enrols the
/// library with the page's link (spec §3), then "Continue" on the enrolment page.
async fn enrol(
    browser: &Client,
    device_http: &Client,
    base: &Url,
    email: &str,
    password: &str,
    pin: &str,
    name: &str,
) -> Result<Device> {
    let login = Login {
        client: browser,
        base,
        email,
        password,
    };
    let mut jar = login
        .sign_in()
        .await
        .map_err(|f| anyhow!("signing in: {f}"))?;
    let list_url = endpoint(base, "/account/mobile_app", &[])?;
    let list = login
        .get(list_url, &mut jar, "GET /account/mobile_app")
        .await
        .map_err(|f| anyhow!("{f}"))?;
    if list.status() != StatusCode::OK {
        bail!("GET /account/mobile_app: HTTP {}", list.status().as_u16());
    }
    let html = list.text().await?;
    let csrf = value_after(&html, CSRF_MARKER).context("no csrf_token on /account/mobile_app")?;
    let add_url = endpoint(base, "/account/mobile_app/add", &[])?;
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("name", name),
        ("pin", pin),
        ("pin_again", pin),
    ];
    let page = login
        .post(add_url, &fields, &mut jar, "POST /account/mobile_app/add")
        .await
        .map_err(|f| anyhow!("{f}"))?;
    if page.status() != StatusCode::OK {
        bail!(
            "POST /account/mobile_app/add: HTTP {}",
            page.status().as_u16()
        );
    }
    let html = page.text().await?;
    let link = element_text(&html, "id=\"enrol-link\">")
        .context("no #enrol-link on the enrolment page")?;
    let enrolment_id = value_after(&html, "name=\"id\" value=\"").context("no enrolment id")?;
    let csrf = value_after(&html, CSRF_MARKER).context("no csrf_token on the enrolment page")?;

    let info = DeviceInfo {
        os: std::env::consts::OS.to_owned(),
        model: "limen-bench".to_owned(),
        app: format!("limen-bench {}", env!("CARGO_PKG_VERSION")),
    };
    let auth = Authenticator::enrol(device_http.clone(), &link, pin, &info)
        .await
        .context("Authenticator::enrol")?;

    let done_url = endpoint(base, "/account/mobile_app/done", &[])?;
    let fields = [("csrf_token", csrf.as_str()), ("id", enrolment_id.as_str())];
    let done = login
        .post(done_url, &fields, &mut jar, "POST /account/mobile_app/done")
        .await
        .map_err(|f| anyhow!("{f}"))?;
    if done.status() != StatusCode::SEE_OTHER {
        bail!(
            "POST /account/mobile_app/done: HTTP {}",
            done.status().as_u16()
        );
    }

    let state = auth.state();
    let der = b64::decode(&state.device_key).map_err(|e| anyhow!("device key: {e}"))?;
    let key = SigningKey::from_pkcs8(&der).map_err(|e| anyhow!("device key: {e}"))?;
    let salt = b64::decode_array::<16>(&state.salt).map_err(|e| anyhow!("salt: {e}"))?;
    let mask = b64::decode_array::<32>(&state.mask).map_err(|e| anyhow!("mask: {e}"))?;
    let p = kdf::pin_key(pin, &salt).map_err(|e| anyhow!("PIN key: {e}"))?;
    Ok(Device {
        email: email.to_owned(),
        auth: Arc::new(auth),
        key,
        k: kdf::mask(&mask, &p),
    })
}

// --- Phases -----------------------------------------------------------------------------------------

struct Shared {
    base: Url,
    service: String,
    password: String,
    pin: String,
    browser: Client,
    devices: Vec<Device>,
}

impl Shared {
    fn login(&self, i: usize) -> (Login<'_>, &Device) {
        let device = &self.devices[i % self.devices.len()];
        let login = Login {
            client: &self.browser,
            base: &self.base,
            email: &device.email,
            password: &self.password,
        };
        (login, device)
    }
}

#[derive(Default)]
struct PushTally {
    ok: u64,
    cycle: Vec<Duration>,
    page: Vec<Duration>,
    pending: Vec<Duration>,
    approve: Vec<Duration>,
    proceed: Vec<Duration>,
    failures: BTreeMap<Failure, u64>,
}

/// One push login; the durations of its parts are pushed to `tally` when it succeeds.
async fn push_cycle(shared: &Shared, i: usize, tally: &mut PushTally) -> Result<(), Failure> {
    let (login, device) = shared.login(i);
    let t0 = Instant::now();
    let mut page = to_approval(&login, &shared.service).await?;
    let t1 = Instant::now();
    let request = find_request(&device.auth, &page.challenge).await?;
    let t2 = Instant::now();
    approve(device, &request, &page.number, &shared.pin).await?;
    let t3 = Instant::now();
    proceed(&login, &mut page).await?;
    let t4 = Instant::now();
    tally.ok += 1;
    tally.cycle.push(t4 - t0);
    tally.page.push(t1 - t0);
    tally.pending.push(t2 - t1);
    tally.approve.push(t3 - t2);
    tally.proceed.push(t4 - t3);
    Ok(())
}

async fn push_phase(
    shared: &Arc<Shared>,
    concurrency: usize,
    seconds: f64,
    server: Option<&Proc>,
) -> Result<serde_json::Value> {
    println!(
        "push: {concurrency} concurrent push logins for {seconds} s (password → approval page → pending() → approve() → approval form → ticket)"
    );
    // Where the CPU goes: the server, and this process (the browsers and the devices).
    let me = Proc(std::process::id());
    let server_cpu_start = server.and_then(Proc::cpu_ticks);
    let bench_cpu_start = me.cpu_ticks();
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(seconds);
    let mut handles = Vec::with_capacity(concurrency);
    for w in 0..concurrency {
        let shared = Arc::clone(shared);
        handles.push(tokio::spawn(async move {
            let mut tally = PushTally::default();
            while Instant::now() < deadline {
                if let Err(f) = push_cycle(&shared, w, &mut tally).await {
                    *tally.failures.entry(f).or_default() += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
            tally
        }));
    }
    let mut total = PushTally::default();
    for handle in handles {
        let t = handle.await.context("a push worker panicked")?;
        total.ok += t.ok;
        total.cycle.extend(t.cycle);
        total.page.extend(t.page);
        total.pending.extend(t.pending);
        total.approve.extend(t.approve);
        total.proceed.extend(t.proceed);
        for (k, v) in t.failures {
            *total.failures.entry(k).or_default() += v;
        }
    }
    let elapsed = start.elapsed();
    let ticks = clock_ticks();
    let cpu_seconds = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => Some(round(b.saturating_sub(a) as f64 / ticks, 2)),
        _ => None,
    };
    let server_cpu = cpu_seconds(server_cpu_start, server.and_then(Proc::cpu_ticks));
    let bench_cpu = cpu_seconds(bench_cpu_start, me.cpu_ticks());
    let per_second = rate(total.ok, elapsed);
    let failed: u64 = total.failures.values().sum();
    let logins = total.ok;
    let per_login = |cpu: Option<f64>| {
        cpu.filter(|_| logins > 0)
            .map(|c| round(1000.0 * c / logins as f64, 1))
    };
    let cycle = summarise(&mut total.cycle);
    let page = summarise(&mut total.page);
    let pending = summarise(&mut total.pending);
    let approve = summarise(&mut total.approve);
    let proceed = summarise(&mut total.proceed);
    println!(
        "{} push logins, {failed} failed, in {:.2} s: {per_second:.2} logins/s",
        total.ok,
        elapsed.as_secs_f64()
    );
    println!("{}", latency_line("whole cycle", &cycle));
    println!(
        "{}",
        latency_line("  to the approval page (3 requests, Argon2id)", &page)
    );
    println!("{}", latency_line("  device pending()", &pending));
    println!(
        "{}",
        latency_line(
            "  device approve() (Argon2id of the PIN on the device)",
            &approve
        )
    );
    println!("{}", latency_line("  approval form → ticket", &proceed));
    println!(
        "CPU time over the {:.1} s: the server {} s ({} ms per login), limen-bench (browsers and devices) {} s ({} ms per login)",
        elapsed.as_secs_f64(),
        json_f(server_cpu),
        json_f(per_login(server_cpu)),
        json_f(bench_cpu),
        json_f(per_login(bench_cpu))
    );
    print_failures(&total.failures);
    if total.ok == 0 {
        bail!("no push login succeeded");
    }
    Ok(serde_json::json!({
        "concurrency": concurrency,
        "seconds": round(elapsed.as_secs_f64(), 3),
        "logins": total.ok,
        "failures": failed,
        "failure_kinds": failures_json(&total.failures),
        "per_second": round(per_second, 2),
        "p50_ms": round(cycle.p50_ms, 3),
        "p99_ms": round(cycle.p99_ms, 3),
        "cycle": latency_json(&cycle),
        "page": latency_json(&page),
        "pending": latency_json(&pending),
        "approve": latency_json(&approve),
        "proceed": latency_json(&proceed),
        "server_cpu_seconds": server_cpu,
        "bench_cpu_seconds": bench_cpu,
        "server_cpu_ms_per_login": per_login(server_cpu),
        "bench_cpu_ms_per_login": per_login(bench_cpu),
    }))
}

/// Makes `n` push requests (logins left at their approval pages) and gives each with the
/// device's view of it.
async fn make_requests(
    shared: &Arc<Shared>,
    n: usize,
    concurrency: usize,
) -> Result<(Vec<(usize, String, Challenge)>, f64)> {
    let made = {
        let shared = Arc::clone(shared);
        let deadline = Instant::now() + Duration::from_secs(100);
        phase(n, concurrency, deadline, move |i| {
            let shared = Arc::clone(&shared);
            async move {
                let (login, _) = shared.login(i);
                let page = to_approval(&login, &shared.service).await?;
                Ok((i % shared.devices.len(), page.challenge, page.number))
            }
        })
        .await?
    };
    print_failures(&made.failures);
    let made_rate = rate(made.items.len() as u64, made.elapsed);
    if made.items.len() < n {
        bail!(
            "only {} of {n} push requests could be made",
            made.items.len()
        );
    }
    // Each device's pending requests, verified by the library (one list per device).
    let mut seen: BTreeMap<String, Challenge> = BTreeMap::new();
    for device in &shared.devices {
        for c in device.auth.pending().await.context("device pending()")? {
            seen.insert(c.payload.id.clone(), c);
        }
    }
    let mut out = Vec::with_capacity(n);
    for (d, id, number) in made.items {
        let c = seen
            .remove(&id)
            .ok_or_else(|| anyhow!("a request made is not among its device's pending ones"))?;
        out.push((d, number, c));
    }
    Ok((out, made_rate))
}

async fn approve_phase(
    shared: &Arc<Shared>,
    n: usize,
    concurrency: usize,
    with_library: bool,
) -> Result<serde_json::Value> {
    let what = if with_library {
        "approve() (the library: Argon2id of the PIN on the device, then the request)"
    } else {
        "the approval request alone (K' derived beforehand)"
    };
    let (requests, made_rate) = make_requests(shared, n, concurrency).await?;
    println!(
        "approve: {n} requests made ({made_rate:.1}/s); approving them with {what}, {concurrency} at once"
    );
    let requests = Arc::new(requests);
    let deadline = Instant::now() + Duration::from_secs(100);
    let done = {
        let shared = Arc::clone(shared);
        let requests = Arc::clone(&requests);
        phase(n, concurrency, deadline, move |i| {
            let shared = Arc::clone(&shared);
            let requests = Arc::clone(&requests);
            async move {
                let (d, number, c) = &requests[i];
                let device = &shared.devices[*d];
                if with_library {
                    approve(device, c, number, &shared.pin).await
                } else {
                    approve_with_key(device, c, number).await.map(|_| ())
                }
            }
        })
        .await?
    };
    let ok = done.items.len() as u64;
    let failed: u64 = done.failures.values().sum();
    let per_second = rate(ok, done.elapsed);
    let mut latencies = done.latencies;
    let latency = summarise(&mut latencies);
    println!(
        "{ok} approvals, {failed} failed, in {:.2} s: {per_second:.1} approvals/s",
        done.elapsed.as_secs_f64()
    );
    println!("{}", latency_line("approval", &latency));
    print_failures(&done.failures);
    if ok == 0 {
        bail!("no approval succeeded");
    }
    Ok(serde_json::json!({
        "requests": n,
        "made_per_second": round(made_rate, 1),
        "approvals": ok,
        "failures": failed,
        "failure_kinds": failures_json(&done.failures),
        "seconds": round(done.elapsed.as_secs_f64(), 3),
        "per_second": round(per_second, 1),
        "p50_ms": round(latency.p50_ms, 3),
        "p99_ms": round(latency.p99_ms, 3),
        "latency": latency_json(&latency),
    }))
}

fn signed_json(s: &Summary, min: f64) -> serde_json::Value {
    serde_json::json!({
        "count": s.count,
        "min_ms": round(min, 3),
        "mean_ms": round(s.mean_ms, 3),
        "p50_ms": round(s.p50_ms, 3),
        "p90_ms": round(s.p90_ms, 3),
        "p99_ms": round(s.p99_ms, 3),
        "max_ms": round(s.max_ms, 3),
    })
}

fn signed_summary(label: &str, samples: &mut [f64]) -> serde_json::Value {
    let s = summarise_signed(samples);
    let min = samples.first().copied().unwrap_or_default();
    println!(
        "{label} (ms): min {min:.2}, p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms
    );
    signed_json(&s, min)
}

fn ms_between(later: Instant, earlier: Instant) -> f64 {
    if later >= earlier {
        (later - earlier).as_secs_f64() * 1000.0
    } else {
        -((earlier - later).as_secs_f64() * 1000.0)
    }
}

/// The page's long poll, from now until its answer: (when it answered, the state).
/// The page's long poll (`POST /cas/login/mobile/wait` with the page's CSRF token and login
/// transaction, as its script sends them), from now until its answer: (when it answered, the
/// state).
async fn long_poll(
    client: Client,
    url: Url,
    form: [(&'static str, String); 2],
    cookies: Option<String>,
) -> Result<(Instant, String), Failure> {
    let step = "POST /cas/login/mobile/wait";
    let mut req = client.post(url).form(&form);
    if let Some(c) = cookies {
        req = req.header(COOKIE, c);
    }
    let resp = req.send().await.map_err(|_| Failure::Transport(step))?;
    let answered = Instant::now();
    if resp.status() != StatusCode::OK {
        return Err(Failure::Status(step, resp.status().as_u16()));
    }
    let body: serde_json::Value = resp
        .json()
        .await
        .map_err(|_| Failure::Markup("a JSON state"))?;
    let state = body
        .get("state")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("")
        .to_owned();
    Ok((answered, state))
}

/// One login with both live channels: (device saw it − page answered, poll answered − device's
/// approval answered, poll answered − approval sent).
async fn live_sample(
    shared: &Shared,
    seen: &mut tokio::sync::mpsc::UnboundedReceiver<(Challenge, Instant)>,
) -> Result<(f64, f64, f64), Failure> {
    let (login, _) = shared.login(0);
    let device = &shared.devices[0];
    let mut page = to_approval(&login, &shared.service).await?;
    let page_at = Instant::now();
    let (request, seen_at) = loop {
        match tokio::time::timeout(LIVE_WAIT, seen.recv()).await {
            Ok(Some((c, at))) if c.payload.id == page.challenge => break (c, at),
            Ok(Some(_)) => {}
            Ok(None) => return Err(Failure::Device("device watch()", "ended".to_owned())),
            Err(_) => {
                return Err(Failure::Device(
                    "device watch()",
                    "the request did not arrive on the live channel".to_owned(),
                ));
            }
        }
    };
    let wait_url = endpoint(&shared.base, "/cas/login/mobile/wait", &[])
        .map_err(|_| Failure::Markup("valid base URL"))?;
    let form = [
        ("csrf_token", page.csrf.clone()),
        ("ceremony", page.ceremony.clone()),
    ];
    let poll = tokio::spawn(long_poll(
        shared.browser.clone(),
        wait_url,
        form,
        page.jar.header(),
    ));
    tokio::time::sleep(POLL_SETTLE).await;
    if poll.is_finished() {
        return Err(Failure::Markup(
            "a long poll still waiting when the device approves",
        ));
    }
    let (sent, answered) = approve_with_key(device, &request, &page.number).await?;
    let (polled, state) = match tokio::time::timeout(LIVE_WAIT, poll).await {
        Ok(Ok(result)) => result?,
        Ok(Err(_)) => return Err(Failure::Transport("POST /cas/login/mobile/wait (task)")),
        Err(_) => {
            return Err(Failure::Transport(
                "POST /cas/login/mobile/wait (no answer)",
            ));
        }
    };
    if state != "approved" {
        return Err(Failure::Device("long poll", format!("state {state:?}")));
    }
    proceed(&login, &mut page).await?;
    Ok((
        ms_between(seen_at, page_at),
        ms_between(polled, answered),
        ms_between(polled, sent),
    ))
}

async fn live_phase(shared: &Arc<Shared>, samples: usize) -> Result<serde_json::Value> {
    println!(
        "live: {samples} push logins one at a time; the device watches its event stream, the page holds its long poll"
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(Challenge, Instant)>();
    let watch_errors = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let device = Arc::clone(&shared.devices[0].auth);
        let errors = Arc::clone(&watch_errors);
        tokio::spawn(async move {
            loop {
                let tx = tx.clone();
                let end = device
                    .watch(move |c| tx.send((c, Instant::now())).is_ok())
                    .await;
                match end {
                    Ok(limen_authenticator::WatchEnd::Closed) => {}
                    Ok(_) => return,
                    Err(e) => {
                        eprintln!("device watch(): {e}");
                        errors.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }
        })
    };
    // A first login, not measured: the stream is open once its request arrives on it.
    live_sample(shared, &mut rx)
        .await
        .map_err(|f| anyhow!("the live channel's first login failed: {f}"))?;

    let mut device_seen = Vec::with_capacity(samples);
    let mut poll_after_answer = Vec::with_capacity(samples);
    let mut poll_after_sent = Vec::with_capacity(samples);
    let mut failures: BTreeMap<Failure, u64> = BTreeMap::new();
    let start = Instant::now();
    for _ in 0..samples {
        match live_sample(shared, &mut rx).await {
            Ok((seen, answer, sent)) => {
                device_seen.push(seen);
                poll_after_answer.push(answer);
                poll_after_sent.push(sent);
            }
            Err(f) => *failures.entry(f).or_default() += 1,
        }
    }
    watcher.abort();
    let elapsed = start.elapsed();
    let failed: u64 = failures.values().sum();
    println!(
        "{} samples, {failed} failed, in {:.2} s",
        device_seen.len(),
        elapsed.as_secs_f64()
    );
    let device = signed_summary(
        "device's watch() saw the request − the approval page's answer arrived",
        &mut device_seen,
    );
    let poll = signed_summary(
        "the long poll answered − the device's approval answer arrived",
        &mut poll_after_answer,
    );
    let poll_sent = signed_summary(
        "the long poll answered − the approval request was sent",
        &mut poll_after_sent,
    );
    print_failures(&failures);
    Ok(serde_json::json!({
        "samples": samples,
        "failures": failed,
        "failure_kinds": failures_json(&failures),
        "watch_errors": watch_errors.load(Ordering::Relaxed),
        "device": device,
        "poll": poll,
        "poll_from_sent": poll_sent,
    }))
}

// --- Idle streams -----------------------------------------------------------------------------------

/// The server process as /proc shows it (Linux): resident memory, CPU time, open files.
struct Proc(u32);

impl Proc {
    fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.0)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// utime + stime, in clock ticks (proc(5): fields 14 and 15 of /proc/<pid>/stat).
    fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.0)).ok()?;
        // The command name (field 2) is in parentheses and may hold spaces: count after it.
        let rest = stat.get(stat.rfind(')')? + 1..)?;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: u64 = fields.get(11)?.parse().ok()?;
        let stime: u64 = fields.get(12)?.parse().ok()?;
        Some(utime + stime)
    }

    fn open_files(&self) -> Option<usize> {
        Some(
            std::fs::read_dir(format!("/proc/{}/fd", self.0))
                .ok()?
                .count(),
        )
    }
}

/// The whole machine's busy CPU time (all processes), in clock ticks: user, nice, system,
/// irq, softirq and steal of the first line of /proc/stat (proc(5)).
fn machine_busy_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let fields: Vec<u64> = line
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    // user nice system idle iowait irq softirq steal …
    let pick = |i: usize| fields.get(i).copied().unwrap_or(0);
    Some(pick(0) + pick(1) + pick(2) + pick(5) + pick(6) + pick(7))
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when it cannot be asked).
fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|t| *t > 0.0)
        .unwrap_or(100.0)
}

fn mib(kib: Option<u64>) -> serde_json::Value {
    kib.map_or(serde_json::Value::Null, |k| {
        serde_json::json!(round(k as f64 / 1024.0, 1))
    })
}

/// Opens one event stream with a fresh proof (spec §4, §6).
async fn open_stream(client: &Client, device: &Device) -> Result<reqwest::Response, Failure> {
    let step = "GET /device/v1/events";
    let state = device.auth.state();
    let url = format!("{}{EVENTS_PATH}", state.iss);
    let now = time_now();
    let proof = proof::make(&device.key, Kid::Id(&state.device), "GET", &url, b"", now)
        .map_err(|e| Failure::Device(step, e.to_string()))?;
    let resp = client
        .get(&url)
        .header(limen_authenticator::PROOF_HEADER, proof)
        .header(ACCEPT, "text/event-stream")
        .send()
        .await
        .map_err(|_| Failure::Transport(step))?;
    if resp.status() != StatusCode::OK {
        return Err(Failure::Status(step, resp.status().as_u16()));
    }
    let is_stream = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    if !is_stream {
        return Err(Failure::Markup("an event stream"));
    }
    Ok(resp)
}

fn time_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[derive(Default)]
struct StreamCounts {
    opened: AtomicUsize,
    failed: AtomicUsize,
    /// Streams that received at least one byte (the server's keep-alive comment comes after
    /// 25 s of silence).
    heard: AtomicUsize,
    /// Streams that ended (closed by the server, or broken).
    ended: AtomicUsize,
}

/// The idle phase's settings.
struct IdleSettings {
    streams: usize,
    hold_seconds: f64,
    /// E-mail of the i-th idle account: `{}` replaced by i.
    email_template: String,
    enrol_concurrency: usize,
    busy_logins: usize,
}

/// Push logins one at a time (account 0, the library's approve): the server's CPU time per
/// login and the cycle's latency — before the idle streams are opened and while they are held.
async fn busy(shared: &Shared, n: usize, server: Option<&Proc>) -> serde_json::Value {
    let ticks = clock_ticks();
    let cpu_start = server.and_then(Proc::cpu_ticks);
    let start = Instant::now();
    let mut tally = PushTally::default();
    for _ in 0..n {
        if let Err(f) = push_cycle(shared, 0, &mut tally).await {
            *tally.failures.entry(f).or_default() += 1;
        }
    }
    let elapsed = start.elapsed();
    let cpu = match (cpu_start, server.and_then(Proc::cpu_ticks)) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) as f64 / ticks),
        _ => None,
    };
    let per_login = cpu
        .filter(|_| tally.ok > 0)
        .map(|c| round(1000.0 * c / tally.ok as f64, 1));
    let cycle = summarise(&mut tally.cycle);
    let failed: u64 = tally.failures.values().sum();
    println!(
        "  {} push logins one at a time ({failed} failed) in {:.2} s: server CPU {} ms per login; {}",
        tally.ok,
        elapsed.as_secs_f64(),
        json_f(per_login),
        latency_line("cycle", &cycle)
    );
    print_failures(&tally.failures);
    serde_json::json!({
        "logins": tally.ok,
        "failures": failed,
        "failure_kinds": failures_json(&tally.failures),
        "seconds": round(elapsed.as_secs_f64(), 3),
        "server_cpu_seconds": cpu.map(|c| round(c, 3)),
        "server_cpu_ms_per_login": per_login,
        "cycle": latency_json(&cycle),
    })
}

async fn idle_phase(
    shared: &Arc<Shared>,
    settings: &IdleSettings,
    device_http: &Client,
    server: Option<Proc>,
) -> Result<serde_json::Value> {
    let streams = settings.streams;
    let hold_seconds = settings.hold_seconds;
    let ticks = clock_ticks();
    let client = Client::builder()
        .no_proxy()
        .connect_timeout(Duration::from_secs(10))
        .pool_max_idle_per_host(0)
        .build()
        .context("building the streams' HTTP client")?;
    let rss = || server.as_ref().and_then(Proc::rss_kib);
    let cpu = || server.as_ref().and_then(Proc::cpu_ticks);
    let files = || server.as_ref().and_then(Proc::open_files);
    let cpu_seconds = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) as f64 / ticks),
        _ => None,
    };

    // The server keeps one live stream per device (a new one ends the old): a device for each
    // stream, each on an account of its own (a second device of an account needs a step-up
    // with the first).
    println!(
        "idle: enrolling {streams} devices, one per account ({}), {} at a time",
        settings.email_template, settings.enrol_concurrency
    );
    let rss_enrol_start = rss();
    let cpu_enrol_start = cpu();
    let enrolled = {
        let shared = Arc::clone(shared);
        let device_http = device_http.clone();
        let template = settings.email_template.clone();
        let deadline = Instant::now() + Duration::from_secs(1200);
        phase(streams, settings.enrol_concurrency, deadline, move |i| {
            let shared = Arc::clone(&shared);
            let device_http = device_http.clone();
            let email = template.replace("{}", &i.to_string());
            async move {
                enrol(
                    &shared.browser,
                    &device_http,
                    &shared.base,
                    &email,
                    &shared.password,
                    &shared.pin,
                    &format!("idle {i}"),
                )
                .await
                .map_err(|e| Failure::Device("enrolment", format!("{e:#}")))
            }
        })
        .await?
    };
    let enrol_cpu = cpu_seconds(cpu_enrol_start, cpu());
    let rss_enrolled = rss();
    let enrol_rate = rate(enrolled.items.len() as u64, enrolled.elapsed);
    let mut enrol_latencies = enrolled.latencies;
    let enrol_latency = summarise(&mut enrol_latencies);
    let enrol_failed: u64 = enrolled.failures.values().sum();
    println!(
        "{} devices enrolled ({enrol_failed} failed) in {:.2} s: {enrol_rate:.1}/s; server RSS {} → {} MiB, server CPU {} s",
        enrolled.items.len(),
        enrolled.elapsed.as_secs_f64(),
        mib(rss_enrol_start),
        mib(rss_enrolled),
        json_f(enrol_cpu.map(|c| round(c, 2)))
    );
    println!("{}", latency_line("enrolment", &enrol_latency));
    print_failures(&enrolled.failures);
    let enrol_json = serde_json::json!({
        "requested": streams,
        "enrolled": enrolled.items.len(),
        "failures": enrol_failed,
        "failure_kinds": failures_json(&enrolled.failures),
        "concurrency": settings.enrol_concurrency,
        "seconds": round(enrolled.elapsed.as_secs_f64(), 3),
        "per_second": round(enrol_rate, 1),
        "latency": latency_json(&enrol_latency),
        "server_cpu_seconds": enrol_cpu.map(|c| round(c, 3)),
        "server_cpu_ms_per_enrolment": enrol_cpu
            .filter(|_| !enrolled.items.is_empty())
            .map(|c| round(1000.0 * c / enrolled.items.len() as f64, 1)),
        "rss_before_mib": mib(rss_enrol_start),
        "rss_after_mib": mib(rss_enrolled),
    });
    let idle_devices = Arc::new(enrolled.items);
    if idle_devices.is_empty() {
        bail!("no device could be enrolled for the idle streams");
    }
    let streams = idle_devices.len();

    // The server at rest first, as a reference for the CPU time with the streams held.
    let quiet = Duration::from_secs_f64(hold_seconds.min(10.0));
    let cpu_quiet_start = cpu();
    tokio::time::sleep(quiet).await;
    let cpu_quiet = cpu_seconds(cpu_quiet_start, cpu());
    println!("push logins with no stream open:");
    let busy_before = busy(shared, settings.busy_logins, server.as_ref()).await;
    let (rss_before, files_before) = (rss(), files());
    println!(
        "idle: opening {streams} event streams, one per device, {OPEN_CONCURRENCY} at a time, holding them {hold_seconds} s"
    );
    let cpu_open_start = cpu();

    let counts = Arc::new(StreamCounts::default());
    let open_latencies = Arc::new(Mutex::new(Vec::with_capacity(streams)));
    let open_failures: Arc<Mutex<BTreeMap<Failure, u64>>> = Arc::default();
    let gate = Arc::new(tokio::sync::Semaphore::new(OPEN_CONCURRENCY));
    let start = Instant::now();
    let mut handles = Vec::with_capacity(streams);
    for i in 0..streams {
        let idle_devices = Arc::clone(&idle_devices);
        let client = client.clone();
        let counts = Arc::clone(&counts);
        let gate = Arc::clone(&gate);
        let open_latencies = Arc::clone(&open_latencies);
        let open_failures = Arc::clone(&open_failures);
        handles.push(tokio::spawn(async move {
            let device = &idle_devices[i];
            let opened = {
                let Ok(_permit) = gate.acquire().await else {
                    return;
                };
                let t0 = Instant::now();
                let opened = open_stream(&client, device).await;
                if let Ok(mut l) = open_latencies.lock() {
                    l.push(t0.elapsed());
                }
                opened
            };
            let mut resp = match opened {
                Ok(r) => r,
                Err(f) => {
                    if let Ok(mut m) = open_failures.lock() {
                        *m.entry(f).or_default() += 1;
                    }
                    counts.failed.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            };
            counts.opened.fetch_add(1, Ordering::Relaxed);
            let mut heard = false;
            while let Ok(Some(_chunk)) = resp.chunk().await {
                if !heard {
                    heard = true;
                    counts.heard.fetch_add(1, Ordering::Relaxed);
                }
            }
            counts.ended.fetch_add(1, Ordering::Relaxed);
        }));
    }
    let open_deadline = start + Duration::from_secs(600);
    while counts.opened.load(Ordering::Relaxed) + counts.failed.load(Ordering::Relaxed) < streams {
        if Instant::now() >= open_deadline {
            for h in &handles {
                h.abort();
            }
            bail!(
                "only {} of {streams} streams were opened (or refused) within 600 s",
                counts.opened.load(Ordering::Relaxed) + counts.failed.load(Ordering::Relaxed)
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let open_elapsed = start.elapsed();
    let cpu_open = cpu_seconds(cpu_open_start, cpu());
    let opened = counts.opened.load(Ordering::Relaxed);
    let open_rate = rate(opened as u64, open_elapsed);
    let mut open_latencies = open_latencies
        .lock()
        .map(|mut l| std::mem::take(&mut *l))
        .unwrap_or_default();
    let open_latency = summarise(&mut open_latencies);
    let open_failures = open_failures.lock().map(|m| m.clone()).unwrap_or_default();
    println!(
        "{opened} streams open ({} refused) in {:.2} s: {open_rate:.1}/s",
        counts.failed.load(Ordering::Relaxed),
        open_elapsed.as_secs_f64()
    );
    println!("{}", latency_line("opening a stream", &open_latency));
    print_failures(&open_failures);

    // After the answers, the server may still be working for the new streams: wait until its
    // CPU time stays under SETTLED_CPU per second for SETTLED_SECONDS seconds in a row (at
    // most SETTLE_MAX), so that the hold below measures streams at rest.
    let settle_start = Instant::now();
    let cpu_settle_start = cpu();
    let machine_settle_start = machine_busy_ticks();
    let mut settle_by_second = Vec::new();
    let mut calm = 0;
    let mut last_cpu = cpu_settle_start;
    // The lowest RSS seen from the opening to the end of the hold: below the figure before
    // the opening, the allocator gave memory back meanwhile (e.g. the enrolments' Argon2id
    // areas) and the difference says nothing about the streams.
    let mut rss_low = rss();
    while server.is_some() && calm < SETTLED_SECONDS && settle_start.elapsed() < SETTLE_MAX {
        tokio::time::sleep(Duration::from_secs(1)).await;
        rss_low = rss_low.min(rss());
        let now = cpu();
        let second = cpu_seconds(last_cpu, now);
        last_cpu = now;
        settle_by_second.push(second.map(|c| round(c, 2)));
        if second.is_some_and(|c| c < SETTLED_CPU) {
            calm += 1;
        } else {
            calm = 0;
        }
    }
    let settled = calm >= SETTLED_SECONDS;
    // The busy part: up to the first of the calm seconds.
    let settle_seconds = settle_by_second.len().saturating_sub(calm);
    let cpu_settle = cpu_seconds(cpu_settle_start, cpu());
    let machine_settle = cpu_seconds(machine_settle_start, machine_busy_ticks());
    if server.is_some() {
        println!(
            "after opening, the server was busy for {settle_seconds} s{}: {} s of its CPU time ({} s of the whole machine's); by second: {}",
            if settled {
                ""
            } else {
                " (and still was: gave up)"
            },
            json_f(cpu_settle.map(|c| round(c, 2))),
            json_f(machine_settle.map(|c| round(c, 2))),
            settle_by_second
                .iter()
                .map(|c| json_f(*c))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }

    // Held: the server's memory each second, its CPU time over the whole hold.
    let hold = Duration::from_secs_f64(hold_seconds);
    let files_open = files();
    let cpu_hold_start = cpu();
    let machine_hold_start = machine_busy_ticks();
    let hold_start = Instant::now();
    let mut rss_peak = rss();
    // The server's CPU time second by second: when the streams' own work after opening ends.
    let mut cpu_by_second = Vec::new();
    let mut last_cpu = cpu_hold_start;
    while hold_start.elapsed() < hold {
        tokio::time::sleep(Duration::from_secs(1).min(hold.saturating_sub(hold_start.elapsed())))
            .await;
        let now_rss = rss();
        rss_peak = rss_peak.max(now_rss);
        rss_low = rss_low.min(now_rss);
        let now = cpu();
        cpu_by_second.push(cpu_seconds(last_cpu, now).map(|c| round(c, 2)));
        last_cpu = now;
    }
    let cpu_held = cpu_seconds(cpu_hold_start, cpu());
    let machine_held = cpu_seconds(machine_hold_start, machine_busy_ticks());
    let held_for = hold_start.elapsed();
    let (rss_held, files_held) = (rss(), files());
    let still_open = opened.saturating_sub(counts.ended.load(Ordering::Relaxed));
    let heard = counts.heard.load(Ordering::Relaxed);
    println!("push logins while the {opened} streams are held:");
    let busy_held = busy(shared, settings.busy_logins, server.as_ref()).await;
    let still_open_after_busy = opened.saturating_sub(counts.ended.load(Ordering::Relaxed));

    // Closed by the client; the server lets its side go when it notices.
    let close_start = Instant::now();
    for h in &handles {
        h.abort();
    }
    for h in handles {
        let _ = h.await;
    }
    drop(client);
    let mut released_after = None;
    let release_deadline = close_start + Duration::from_secs(40);
    while Instant::now() < release_deadline {
        match (files(), files_before) {
            (Some(now), Some(before)) if now <= before + 4 => {
                released_after = Some(close_start.elapsed());
                break;
            }
            (None, _) | (_, None) => break,
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let (rss_after, files_after) = (rss(), files());

    let per_stream_kib = match (rss_before, rss_held, rss_low) {
        // 1 MiB of slack for the allocator's own movements.
        (Some(a), Some(b), Some(low)) if opened > 0 && low + 1024 >= a => {
            Some(b.saturating_sub(a) as f64 / opened as f64)
        }
        _ => None,
    };
    let cpu_percent =
        |cpu: Option<f64>, over: Duration| cpu.map(|c| round(100.0 * c / over.as_secs_f64(), 2));
    if server.is_some() {
        println!(
            "server RSS (MiB): before {}, held {} (peak {}, low {}), after closing {}; per stream {}; open files: before {}, held {}, after {}",
            mib(rss_before),
            mib(rss_held),
            mib(rss_peak),
            mib(rss_low),
            mib(rss_after),
            per_stream_kib.map_or_else(
                || "- (the allocator gave memory back meanwhile)".to_owned(),
                |k| format!("{k:.1} KiB")
            ),
            json_opt(files_before),
            json_opt(files_held),
            json_opt(files_after)
        );
        println!(
            "server CPU: {} s opening them; {} s over the {:.1} s held ({}% of one core); at rest before: {} s over {:.1} s",
            json_f(cpu_open.map(|c| round(c, 3))),
            json_f(cpu_held.map(|c| round(c, 3))),
            held_for.as_secs_f64(),
            json_f(cpu_percent(cpu_held, held_for)),
            json_f(cpu_quiet.map(|c| round(c, 3))),
            quiet.as_secs_f64()
        );
        let series: Vec<String> = cpu_by_second.iter().map(|c| json_f(*c)).collect();
        println!(
            "server CPU s in each second of the hold: {}; the whole machine's CPU over the hold: {} s",
            series.join(" "),
            json_f(machine_held.map(|c| round(c, 2)))
        );
    }
    println!(
        "{still_open} of {opened} streams still open at the end of the hold; {heard} received bytes (keep-alive comments); the server released them {}",
        released_after.map_or_else(
            || "— not seen".to_owned(),
            |d| format!("{:.1} s after they were closed", d.as_secs_f64())
        )
    );
    Ok(serde_json::json!({
        "enrol": enrol_json,
        "busy_before": busy_before,
        "busy_held": busy_held,
        "streams": streams,
        "opened": opened,
        "open_cpu_seconds": cpu_open.map(|c| round(c, 3)),
        "still_open_after_busy": still_open_after_busy,
        "refused": counts.failed.load(Ordering::Relaxed),
        "failure_kinds": failures_json(&open_failures),
        "open_seconds": round(open_elapsed.as_secs_f64(), 3),
        "open_per_second": round(open_rate, 1),
        "open_latency": latency_json(&open_latency),
        "hold_seconds": round(held_for.as_secs_f64(), 3),
        "still_open": still_open,
        "heard": heard,
        "rss_before_mib": mib(rss_before),
        "rss_held_mib": mib(rss_held),
        "rss_peak_mib": mib(rss_peak),
        "rss_low_mib": mib(rss_low),
        "rss_after_mib": mib(rss_after),
        "rss_per_stream_kib": per_stream_kib.map(|k| round(k, 1)),
        "files_before": files_before,
        "files_open": files_open,
        "files_held": files_held,
        "files_after": files_after,
        "released_seconds": released_after.map(|d| round(d.as_secs_f64(), 2)),
        "cpu_held_seconds": cpu_held.map(|c| round(c, 3)),
        "cpu_held_percent": cpu_percent(cpu_held, held_for),
        "cpu_held_by_second": cpu_by_second,
        "machine_cpu_held_seconds": machine_held.map(|c| round(c, 3)),
        "settled": settled,
        "settle_seconds": settle_seconds,
        "settle_cpu_seconds": cpu_settle.map(|c| round(c, 3)),
        "settle_machine_cpu_seconds": machine_settle.map(|c| round(c, 3)),
        "settle_cpu_by_second": settle_by_second,
        "cpu_quiet_seconds": cpu_quiet.map(|c| round(c, 3)),
        "cpu_quiet_percent": cpu_percent(cpu_quiet, quiet),
        "quiet_seconds": round(quiet.as_secs_f64(), 3),
    }))
}

fn json_opt(v: Option<usize>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

fn json_f(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

// --- The subcommand -----------------------------------------------------------------------------------

pub async fn mobile(args: MobileArgs) -> Result<()> {
    if args.concurrency == 0 || args.concurrency > 256 {
        bail!("--concurrency must be in 1..=256");
    }
    if args.emails.is_empty() || args.emails.iter().any(|e| e.trim().is_empty()) {
        bail!("--emails: at least one account, none empty");
    }
    if args.concurrency > 4 * args.emails.len() {
        bail!(
            "--concurrency {} over {} account(s): the server checks at most 5 passwords of one account at once; give more accounts",
            args.concurrency,
            args.emails.len()
        );
    }
    if !(args.seconds > 0.0 && args.seconds <= 3600.0) {
        bail!("--seconds must be in (0, 3600]");
    }
    if !(args.hold_seconds > 0.0 && args.hold_seconds <= 3600.0) {
        bail!("--hold-seconds must be in (0, 3600]");
    }
    if args.approvals > 100_000 || args.samples > 100_000 || args.streams > 20_000 {
        bail!("--approvals and --samples at most 100000, --streams at most 20000");
    }
    if args.streams > 0 && !args.idle_email_template.contains("{}") {
        bail!("--idle-email-template must contain {{}} (replaced by the account's number)");
    }
    if args.enrol_concurrency == 0 || args.enrol_concurrency > 64 || args.busy_logins > 10_000 {
        bail!("--enrol-concurrency must be in 1..=64, --busy-logins at most 10000");
    }
    let base = parse_base(&args.base_url)?;
    let browser = client(args.concurrency + 4)?;
    let device_http = Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(args.concurrency * 2 + 4)
        .build()
        .context("building the devices' HTTP client")?;

    let server = args.server_pid.map(Proc);
    let rss = || mib(server.as_ref().and_then(Proc::rss_kib));
    let mut rss_steps = serde_json::Map::new();
    rss_steps.insert("start".into(), rss());
    println!(
        "mobile: enrolling {} device(s) through My account and the device API",
        args.emails.len()
    );
    let t0 = Instant::now();
    let mut devices = Vec::with_capacity(args.emails.len());
    for (i, email) in args.emails.iter().enumerate() {
        let name = format!("bench {i}");
        devices.push(
            enrol(
                &browser,
                &device_http,
                &base,
                email.trim(),
                &args.password,
                &args.pin,
                &name,
            )
            .await
            .with_context(|| format!("enrolling a device for {}", email.trim()))?,
        );
    }
    let setup_seconds = t0.elapsed().as_secs_f64();
    println!(
        "{} device(s) enrolled in {setup_seconds:.2} s",
        devices.len()
    );
    rss_steps.insert("enrolled".into(), rss());

    let shared = Arc::new(Shared {
        base,
        service: args.service.clone(),
        password: args.password.clone(),
        pin: args.pin.clone(),
        browser,
        devices,
    });
    // One push login first: fail fast, with the reason, when the set-up is wrong.
    {
        let mut tally = PushTally::default();
        push_cycle(&shared, 0, &mut tally)
            .await
            .map_err(|f| anyhow!("the first push login failed: {f}"))?;
    }

    let push = push_phase(&shared, args.concurrency, args.seconds, server.as_ref()).await?;
    rss_steps.insert("push".into(), rss());
    let (approve_library, approve_request) = if args.approvals > 0 {
        (
            approve_phase(&shared, args.approvals, args.concurrency, true).await?,
            approve_phase(&shared, args.approvals, args.concurrency, false).await?,
        )
    } else {
        (serde_json::Value::Null, serde_json::Value::Null)
    };
    rss_steps.insert("approve".into(), rss());
    let live = if args.samples > 0 {
        live_phase(&shared, args.samples).await?
    } else {
        serde_json::Value::Null
    };
    rss_steps.insert("live".into(), rss());
    if server.is_some() {
        println!(
            "server RSS (MiB) after each step: {}",
            serde_json::Value::Object(rss_steps.clone())
        );
    }
    let idle = if args.streams > 0 {
        let settings = IdleSettings {
            streams: args.streams,
            hold_seconds: args.hold_seconds,
            email_template: args.idle_email_template.clone(),
            enrol_concurrency: args.enrol_concurrency,
            busy_logins: args.busy_logins,
        };
        idle_phase(&shared, &settings, &device_http, server).await?
    } else {
        serde_json::Value::Null
    };
    let json = serde_json::json!({
        "bench": "mobile",
        "devices": shared.devices.len(),
        "setup_seconds": round(setup_seconds, 3),
        "server_rss_mib": rss_steps,
        "push": push,
        "approve_library": approve_library,
        "approve_request": approve_request,
        "live": live,
        "idle": idle,
    });
    println!("{}", serde_json::to_string(&json)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<main><section class="card" id="mobile-approval" data-wait="/cas/login/mobile/wait" data-wait-post data-state="pending" data-request="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">
  <p class="number-match" id="approval-number" aria-label="Number 07"><strong>07</strong></p>
  <form method="post" action="/cas/login/mobile_app?service=http%3A%2F%2Fa&amp;x=1" id="approval-form" data-proceed>
    <input type="hidden" name="csrf_token" value="tok&amp;en">
    <input type="hidden" name="ceremony" value="cer">
    <input type="hidden" name="approval" value="1">
  </form></section></main>"#;

    #[test]
    fn reads_the_approval_page() -> Result<()> {
        let url = Url::parse("http://127.0.0.1:1/cas/login?service=x")?;
        let page = approval_page(PAGE, &url, CookieJar::default()).map_err(|f| anyhow!("{f}"))?;
        assert_eq!(
            page.action.as_str(),
            "http://127.0.0.1:1/cas/login/mobile_app?service=http%3A%2F%2Fa&x=1"
        );
        assert_eq!(page.csrf, "tok&en");
        assert_eq!(page.ceremony, "cer");
        assert_eq!(page.approval, "1");
        assert_eq!(page.challenge, "A".repeat(43));
        assert_eq!(page.number, "07");
        Ok(())
    }

    #[test]
    fn refuses_pages_without_a_request() -> Result<()> {
        let url = Url::parse("http://127.0.0.1:1/cas/login")?;
        // Push held (denials): no request id and no number.
        let held = PAGE
            .replace("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "")
            .replace("<strong>07</strong>", "");
        assert!(matches!(
            approval_page(&held, &url, CookieJar::default()),
            Err(Failure::Markup(_))
        ));
        // Another page (e.g. the password form again).
        assert!(matches!(
            approval_page(
                "<form method=\"post\" action=\"/cas/login\">",
                &url,
                CookieJar::default()
            ),
            Err(Failure::Markup(_))
        ));
        // A number that is not two digits.
        let odd = PAGE.replace("<strong>07</strong>", "<strong>7x</strong>");
        assert!(approval_page(&odd, &url, CookieJar::default()).is_err());
        Ok(())
    }

    #[test]
    fn reads_the_enrolment_link() {
        let html = r#"<p><code class="link" id="enrol-link">limen://enrol?p=ab&amp;c</code></p>"#;
        assert_eq!(
            element_text(html, "id=\"enrol-link\">").as_deref(),
            Some("limen://enrol?p=ab&c")
        );
        assert_eq!(element_text("<p>none</p>", "id=\"enrol-link\">"), None);
    }

    #[test]
    fn signed_differences() {
        let t = Instant::now();
        let later = t + Duration::from_millis(5);
        assert!((ms_between(later, t) - 5.0).abs() < 1e-9);
        assert!((ms_between(t, later) + 5.0).abs() < 1e-9);
    }

    #[test]
    fn reads_its_own_process() {
        // This test process stands in for the server.
        let me = Proc(std::process::id());
        if cfg!(target_os = "linux") {
            assert!(me.rss_kib().is_some_and(|k| k > 0));
            assert!(me.cpu_ticks().is_some());
            assert!(me.open_files().is_some_and(|n| n >= 3));
        }
        assert!(Proc(u32::MAX).rss_kib().is_none());
        if cfg!(target_os = "linux") {
            // The machine's busy time is read, and does not go back.
            let a = machine_busy_ticks().expect("/proc/stat");
            assert!(machine_busy_ticks().expect("/proc/stat") >= a);
        }
        assert!(clock_ticks() > 0.0);
    }
}
