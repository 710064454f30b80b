//! Open-loop load: requests sent at a fixed offered rate, whatever the server does.
//!
//! A closed loop (`phase`: N clients, each sending its next request when the previous one is
//! answered) slows down with the server, so a server that stalls for 50 ms is sent fewer requests
//! during the stall and the stall shows in a handful of samples only ("coordinated omission").
//! Here request `i` has an *intended* send time, `start + i / rate`, fixed before the run; a
//! dispatcher thread sleeps until each intended time and hands the request to the runtime, and
//! its latency is measured from the intended time, not from when it was actually sent. A request
//! held up by the client (its dispatcher late, the in-flight cap reached) is charged that delay
//! too. The report also gives the dispatch lag (actual − intended start) and the service time
//! (answer − actual start) so that a reader can tell the client's share from the server's.
//!
//! The in-flight cap bounds the connections the client opens (the server refuses more than
//! `http.max_connections_per_address`, 64 by default, from one address); when it is reached the
//! dispatcher waits for a request to finish — the waiting is charged to the requests that wait.

use crate::http::{Failure, failures_json, print_failures};
use crate::stats::{nearest_rank_ms, rate, round};
use anyhow::{Context, Result, anyhow, bail};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The options of an open-loop run, shared by `validate-rate` and `oidc-rate`.
#[derive(Debug, Clone, clap::Args)]
pub struct OpenLoopArgs {
    /// Open loop: requests offered per second, at fixed intervals (latency is measured from each
    /// request's intended send time). Without it the run is closed-loop (`--concurrency`).
    #[arg(long)]
    pub rate: Option<f64>,
    /// Open loop: measuring time, after the warm-up.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Open loop: seconds at the same rate before measuring (connections opened, caches warm);
    /// their requests are not counted.
    #[arg(long, default_value_t = 1.0)]
    pub warmup_seconds: f64,
    /// Open loop: most requests in flight at once (each needs a connection: keep it below the
    /// server's per-address connection cap, 64 by default).
    #[arg(long, default_value_t = 48)]
    pub max_in_flight: usize,
}

/// A checked open-loop plan: `warmup` requests, then `measured` ones, `1 / rate` apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    pub rate: f64,
    pub warmup: usize,
    pub measured: usize,
    pub max_in_flight: usize,
}

impl OpenLoopArgs {
    /// The plan, or `None` for a closed-loop run; refuses nonsense.
    pub fn plan(&self) -> Result<Option<Plan>> {
        let Some(rate) = self.rate else {
            return Ok(None);
        };
        if !(rate.is_finite() && rate > 0.0 && rate <= 1_000_000.0) {
            bail!("--rate must be in (0, 1000000]");
        }
        if !(self.seconds > 0.0 && self.seconds <= 3600.0) {
            bail!("--seconds must be in (0, 3600]");
        }
        if !(self.warmup_seconds >= 0.0 && self.warmup_seconds <= 600.0) {
            bail!("--warmup-seconds must be in [0, 600]");
        }
        if self.max_in_flight == 0 || self.max_in_flight > 10_000 {
            bail!("--max-in-flight must be in 1..=10000");
        }
        let count = |seconds: f64| (rate * seconds).round() as usize;
        let measured = count(self.seconds);
        if measured == 0 {
            bail!("--rate × --seconds must be at least one request");
        }
        if measured + count(self.warmup_seconds) > 10_000_000 {
            bail!("--rate × (--seconds + --warmup-seconds) must be at most 10000000 requests");
        }
        Ok(Some(Plan {
            rate,
            warmup: count(self.warmup_seconds),
            measured,
            max_in_flight: self.max_in_flight,
        }))
    }
}

impl Plan {
    pub fn total(&self) -> usize {
        self.warmup + self.measured
    }

    /// The intended send time of request `i`, as an offset from the start.
    pub fn offset(&self, i: usize) -> Duration {
        Duration::from_secs_f64(i as f64 / self.rate)
    }
}

/// What happened to one request.
#[derive(Debug, Clone, Copy)]
struct Record {
    index: usize,
    /// Actual start − intended start.
    lag: Duration,
    /// Answer − intended start: the latency reported.
    latency: Duration,
    /// Answer − actual start.
    service: Duration,
    /// Answer, as an offset from the start.
    done_at: Duration,
}

/// The figures of an open-loop run (the warm-up left out).
#[derive(Debug)]
pub struct OpenResult<T> {
    pub plan: Plan,
    /// Successful outcomes of the measured requests, in no particular order.
    pub items: Vec<T>,
    pub failures: BTreeMap<Failure, u64>,
    /// Measured requests answered per second: from the first one's intended start to the last
    /// answer.
    pub achieved_per_second: f64,
    /// Successful measured requests per second over the same span.
    pub ok_per_second: f64,
    pub span: Duration,
    pub latency: Percentiles,
    pub service: Percentiles,
    pub lag: Percentiles,
    /// The most requests that were in flight at once.
    pub peak_in_flight: usize,
    /// How many requests (warm-up included) found the in-flight cap reached.
    pub cap_waits: usize,
}

/// Nearest-rank percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Percentiles {
    pub count: usize,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub p999: f64,
    pub max: f64,
}

impl Percentiles {
    fn of(samples: &mut [Duration]) -> Self {
        samples.sort_unstable();
        Self {
            count: samples.len(),
            p50: nearest_rank_ms(samples, 500),
            p90: nearest_rank_ms(samples, 900),
            p99: nearest_rank_ms(samples, 990),
            p999: nearest_rank_ms(samples, 999),
            max: nearest_rank_ms(samples, 1000),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "p50_ms": round(self.p50, 3),
            "p90_ms": round(self.p90, 3),
            "p99_ms": round(self.p99, 3),
            "p999_ms": round(self.p999, 3),
            "max_ms": round(self.max, 3),
        })
    }

    fn line(&self, label: &str) -> String {
        format!(
            "{label} (ms): p50 {:.2}, p90 {:.2}, p99 {:.2}, p99.9 {:.2}, max {:.2}",
            self.p50, self.p90, self.p99, self.p999, self.max
        )
    }
}

/// Sends `job(i)` for every `i` in `0..plan.total()` at its intended time (see the module
/// documentation) and gathers the figures of the requests after the warm-up. Must be called
/// from within a multi-threaded Tokio runtime.
pub async fn run<T, F, Fut>(plan: Plan, job: F) -> Result<OpenResult<T>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, Failure>> + Send + 'static,
{
    struct Shared<T> {
        records: Vec<Record>,
        outcomes: Vec<(usize, Result<T, Failure>)>,
    }
    let total = plan.total();
    let shared = Arc::new(Mutex::new(Shared {
        records: Vec::with_capacity(total),
        outcomes: Vec::with_capacity(total),
    }));
    let slots = Arc::new(tokio::sync::Semaphore::new(plan.max_in_flight));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let job = Arc::new(job);
    let handle = tokio::runtime::Handle::current();

    // The dispatcher is an OS thread of its own: `std::thread::sleep` wakes within tens of
    // microseconds, where Tokio's timer has a resolution of a millisecond (at 2 000/s two
    // requests would leave together, each charged up to a millisecond it did not cost).
    let dispatcher = {
        let shared = Arc::clone(&shared);
        let slots = Arc::clone(&slots);
        let in_flight = Arc::clone(&in_flight);
        let peak = Arc::clone(&peak);
        let handle = handle.clone();
        std::thread::Builder::new()
            .name("open-loop dispatcher".into())
            .spawn(
                move || -> Result<(usize, Vec<tokio::task::JoinHandle<()>>)> {
                    let start = Instant::now();
                    let mut cap_waits = 0;
                    let mut tasks = Vec::with_capacity(total);
                    for i in 0..total {
                        let intended = start + plan.offset(i);
                        let now = Instant::now();
                        if intended > now {
                            std::thread::sleep(intended - now);
                        }
                        let permit = match Arc::clone(&slots).try_acquire_owned() {
                            Ok(permit) => permit,
                            Err(_) => {
                                cap_waits += 1;
                                handle
                                    .block_on(Arc::clone(&slots).acquire_owned())
                                    .map_err(|_| anyhow!("the in-flight semaphore was closed"))?
                            }
                        };
                        let shared = Arc::clone(&shared);
                        let in_flight = Arc::clone(&in_flight);
                        let peak = Arc::clone(&peak);
                        let job = Arc::clone(&job);
                        tasks.push(handle.spawn(async move {
                            let sent = Instant::now();
                            let now_in_flight = in_flight.fetch_add(1, Ordering::Relaxed) + 1;
                            peak.fetch_max(now_in_flight, Ordering::Relaxed);
                            let outcome = job(i).await;
                            let done = Instant::now();
                            in_flight.fetch_sub(1, Ordering::Relaxed);
                            drop(permit);
                            let record = Record {
                                index: i,
                                lag: sent.saturating_duration_since(intended),
                                latency: done.saturating_duration_since(intended),
                                service: done.saturating_duration_since(sent),
                                done_at: done.saturating_duration_since(start),
                            };
                            if let Ok(mut all) = shared.lock() {
                                all.records.push(record);
                                all.outcomes.push((i, outcome));
                            }
                        }));
                    }
                    Ok((cap_waits, tasks))
                },
            )
            .context("starting the dispatcher thread")?
    };
    let (cap_waits, tasks) = tokio::task::spawn_blocking(move || dispatcher.join())
        .await
        .context("waiting for the dispatcher")?
        .map_err(|_| anyhow!("the dispatcher thread panicked"))??;
    for task in tasks {
        task.await.context("a request task panicked")?;
    }
    let shared = Arc::try_unwrap(shared)
        .map_err(|_| anyhow!("request tasks still hold the results"))?
        .into_inner()
        .map_err(|_| anyhow!("a request task poisoned the results"))?;
    Ok(summarise(
        plan,
        shared.records,
        shared.outcomes,
        peak.load(Ordering::Relaxed),
        cap_waits,
    ))
}

fn summarise<T>(
    plan: Plan,
    records: Vec<Record>,
    outcomes: Vec<(usize, Result<T, Failure>)>,
    peak_in_flight: usize,
    cap_waits: usize,
) -> OpenResult<T> {
    let measured: Vec<Record> = records
        .into_iter()
        .filter(|r| r.index >= plan.warmup)
        .collect();
    let mut items = Vec::with_capacity(measured.len());
    let mut failures: BTreeMap<Failure, u64> = BTreeMap::new();
    for (i, outcome) in outcomes {
        if i < plan.warmup {
            continue;
        }
        match outcome {
            Ok(item) => items.push(item),
            Err(f) => *failures.entry(f).or_default() += 1,
        }
    }
    let first = plan.offset(plan.warmup);
    let last = measured.iter().map(|r| r.done_at).max().unwrap_or(first);
    let span = last.saturating_sub(first);
    let pick = |f: fn(&Record) -> Duration| {
        let mut v: Vec<Duration> = measured.iter().map(f).collect();
        Percentiles::of(&mut v)
    };
    let latency = pick(|r| r.latency);
    let service = pick(|r| r.service);
    let lag = pick(|r| r.lag);
    OpenResult {
        plan,
        achieved_per_second: rate(measured.len() as u64, span),
        ok_per_second: rate(items.len() as u64, span),
        span,
        items,
        failures,
        latency,
        service,
        lag,
        peak_in_flight,
        cap_waits,
    }
}

impl<T> OpenResult<T> {
    pub fn failed(&self) -> u64 {
        self.failures.values().sum()
    }

    /// Human-readable lines; `what` is the plural ("validations").
    pub fn print(&self, what: &str) {
        println!(
            "open loop: {} {what} offered at {:.0}/s ({} warm-up not counted): {} succeeded, {} failed; \
             answered {:.1}/s over {:.2} s",
            self.plan.measured,
            self.plan.rate,
            self.plan.warmup,
            self.items.len(),
            self.failed(),
            self.achieved_per_second,
            self.span.as_secs_f64()
        );
        println!(
            "{}",
            self.latency.line("latency from the intended send time")
        );
        println!(
            "{}",
            self.service.line("service time (from the actual send)")
        );
        println!("{}", self.lag.line("dispatch lag (actual − intended)"));
        println!(
            "in flight: peak {} (cap {}), cap reached {} times",
            self.peak_in_flight, self.plan.max_in_flight, self.cap_waits
        );
        print_failures(&self.failures);
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "mode": "open",
            "offered_per_second": round(self.plan.rate, 1),
            "warmup_requests": self.plan.warmup,
            "requests": self.plan.measured,
            "ok": self.items.len(),
            "failures": self.failed(),
            "failure_kinds": failures_json(&self.failures),
            "seconds": round(self.span.as_secs_f64(), 3),
            "per_second": round(self.achieved_per_second, 1),
            "ok_per_second": round(self.ok_per_second, 1),
            "p50_ms": round(self.latency.p50, 3),
            "p99_ms": round(self.latency.p99, 3),
            "p999_ms": round(self.latency.p999, 3),
            "max_ms": round(self.latency.max, 3),
            "latency": self.latency.json(),
            "service_time": self.service.json(),
            "dispatch_lag": self.lag.json(),
            "peak_in_flight": self.peak_in_flight,
            "max_in_flight": self.plan.max_in_flight,
            "cap_waits": self.cap_waits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(rate: Option<f64>) -> OpenLoopArgs {
        OpenLoopArgs {
            rate,
            seconds: 2.0,
            warmup_seconds: 0.5,
            max_in_flight: 8,
        }
    }

    #[test]
    fn plans_and_refusals() -> Result<()> {
        assert_eq!(args(None).plan()?, None);
        let plan = args(Some(100.0))
            .plan()?
            .ok_or_else(|| anyhow!("no plan"))?;
        assert_eq!((plan.warmup, plan.measured, plan.total()), (50, 200, 250));
        assert_eq!(plan.offset(0), Duration::ZERO);
        assert_eq!(plan.offset(150), Duration::from_millis(1500));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 2e6] {
            assert!(args(Some(bad)).plan().is_err(), "rate {bad} accepted");
        }
        let mut a = args(Some(100.0));
        a.max_in_flight = 0;
        assert!(a.plan().is_err());
        let mut a = args(Some(0.1));
        a.seconds = 1.0;
        assert!(a.plan().is_err(), "a plan of no request accepted");
        let mut a = args(Some(1e6));
        a.seconds = 3600.0;
        assert!(a.plan().is_err(), "a plan of 3.6e9 requests accepted");
        Ok(())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_follow_the_schedule_and_latency_counts_from_the_intended_time() -> Result<()>
    {
        // 200/s for 0.25 s after 0.05 s of warm-up; every 10th request fails; the cap (2) is far
        // below what a 30 ms job needs at 200/s (6 in flight), so requests wait for a slot and
        // the wait is charged to them: latency > service time, and the rate is held by the cap
        // (2 / 30 ms ≈ 67/s), not by the offer.
        let plan = Plan {
            rate: 200.0,
            warmup: 10,
            measured: 50,
            max_in_flight: 2,
        };
        let started = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&started);
        let t0 = Instant::now();
        let result = run(plan, move |i| {
            let seen = Arc::clone(&seen);
            async move {
                if let Ok(mut s) = seen.lock() {
                    s.push(i);
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
                if i % 10 == 3 {
                    Err(Failure::NotSuccess)
                } else {
                    Ok(i)
                }
            }
        })
        .await?;
        let mut started = started.lock().map_err(|_| anyhow!("poisoned"))?.clone();
        started.sort_unstable();
        assert_eq!(
            started,
            (0..60).collect::<Vec<_>>(),
            "every request sent once"
        );
        assert_eq!(result.items.len() + result.failed() as usize, 50);
        assert_eq!(result.failed(), 5, "warm-up failures are not counted");
        assert!(result.items.iter().all(|&i| i >= 10));
        assert_eq!(result.peak_in_flight, 2);
        assert!(result.cap_waits > 0);
        // 60 requests two at a time, 30 ms each: at least 0.9 s in all.
        assert!(t0.elapsed() >= Duration::from_millis(900));
        assert!(result.service.p50 >= 30.0);
        assert!(
            result.latency.max > result.service.max + 100.0,
            "the wait for a slot is charged: {:?} vs {:?}",
            result.latency,
            result.service
        );
        assert!(result.achieved_per_second < 100.0);
        Ok(())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_uncapped_fast_job_is_sent_at_the_offered_rate() -> Result<()> {
        let plan = Plan {
            rate: 500.0,
            warmup: 0,
            measured: 250,
            max_in_flight: 64,
        };
        let t0 = Instant::now();
        let result = run(plan, |i| async move { Ok::<usize, Failure>(i) }).await?;
        // The last request is due at 249 / 500 s = 0.498 s: the run cannot end before it.
        assert!(t0.elapsed() >= Duration::from_millis(498));
        assert_eq!(result.items.len(), 250);
        assert_eq!(result.cap_waits, 0);
        assert_eq!(result.latency.count, 250);
        Ok(())
    }
}
