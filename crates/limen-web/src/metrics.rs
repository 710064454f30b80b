//! Prometheus metrics in the text exposition format: a handful of counters and one latency
//! histogram, kept in atomics (no lock on the request path).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
pub struct Metrics {
    pub logins_ok: AtomicU64,
    pub logins_failed: AtomicU64,
    pub logins_throttled: AtomicU64,
    pub tickets_issued: AtomicU64,
    pub validations_ok: AtomicU64,
    pub validations_failed: AtomicU64,
    pub logouts: AtomicU64,
    pub slo_sent: AtomicU64,
    pub slo_failed: AtomicU64,
    pub oidc_codes: AtomicU64,
    pub oidc_tokens: AtomicU64,
    pub oidc_token_errors: AtomicU64,
    pub oidc_userinfo: AtomicU64,
    responses: [AtomicU64; 5],
    bucket_counts: [AtomicU64; BUCKETS.len()],
    duration_micros_sum: AtomicU64,
    requests: AtomicU64,
}

impl Metrics {
    pub fn observe_request(&self, status: u16, elapsed: Duration) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.responses[class].fetch_add(1, Relaxed);
        self.requests.fetch_add(1, Relaxed);
        self.duration_micros_sum.fetch_add(
            u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
            Relaxed,
        );
        let secs = elapsed.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                self.bucket_counts[i].fetch_add(1, Relaxed);
            }
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let counter = |out: &mut String, name: &str, help: &str, series: &[(&str, &AtomicU64)]| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            for (labels, value) in series {
                let _ = writeln!(out, "{name}{labels} {}", value.load(Relaxed));
            }
        };
        counter(
            &mut out,
            "limen_logins_total",
            "Password login attempts by result.",
            &[
                ("{result=\"success\"}", &self.logins_ok),
                ("{result=\"failure\"}", &self.logins_failed),
                ("{result=\"throttled\"}", &self.logins_throttled),
            ],
        );
        counter(
            &mut out,
            "limen_tickets_issued_total",
            "CAS service and proxy tickets issued.",
            &[("", &self.tickets_issued)],
        );
        counter(
            &mut out,
            "limen_ticket_validations_total",
            "CAS ticket validations by result.",
            &[
                ("{result=\"success\"}", &self.validations_ok),
                ("{result=\"failure\"}", &self.validations_failed),
            ],
        );
        counter(
            &mut out,
            "limen_logouts_total",
            "SSO sessions ended by logout.",
            &[("", &self.logouts)],
        );
        counter(
            &mut out,
            "limen_single_logout_requests_total",
            "Back-channel logout requests by result.",
            &[
                ("{result=\"sent\"}", &self.slo_sent),
                ("{result=\"failed\"}", &self.slo_failed),
            ],
        );
        counter(
            &mut out,
            "limen_oidc_codes_issued_total",
            "OpenID Connect authorization codes issued.",
            &[("", &self.oidc_codes)],
        );
        counter(
            &mut out,
            "limen_oidc_token_requests_total",
            "OpenID Connect token endpoint requests by result.",
            &[
                ("{result=\"success\"}", &self.oidc_tokens),
                ("{result=\"error\"}", &self.oidc_token_errors),
            ],
        );
        counter(
            &mut out,
            "limen_oidc_userinfo_total",
            "OpenID Connect userinfo answers.",
            &[("", &self.oidc_userinfo)],
        );
        let classes = ["1xx", "2xx", "3xx", "4xx", "5xx"];
        let _ = writeln!(
            out,
            "# HELP limen_http_responses_total HTTP responses by status class.\n# TYPE limen_http_responses_total counter"
        );
        for (class, value) in classes.iter().zip(&self.responses) {
            let _ = writeln!(
                out,
                "limen_http_responses_total{{class=\"{class}\"}} {}",
                value.load(Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP limen_http_request_duration_seconds Time to answer HTTP requests.\n# TYPE limen_http_request_duration_seconds histogram"
        );
        for (bound, value) in BUCKETS.iter().zip(&self.bucket_counts) {
            let _ = writeln!(
                out,
                "limen_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                value.load(Relaxed)
            );
        }
        let total = self.requests.load(Relaxed);
        let _ = writeln!(
            out,
            "limen_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {total}"
        );
        let _ = writeln!(
            out,
            "limen_http_request_duration_seconds_sum {}",
            self.duration_micros_sum.load(Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "limen_http_request_duration_seconds_count {total}");
        out
    }
}

pub fn inc(counter: &AtomicU64) {
    counter.fetch_add(1, Relaxed);
}
