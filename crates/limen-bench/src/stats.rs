//! Latency summaries.

use std::time::Duration;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// Nearest-rank percentiles of `samples` (sorted in place).
pub fn summarise(samples: &mut [Duration]) -> Summary {
    if samples.is_empty() {
        return Summary::default();
    }
    samples.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = samples.len();
    let pick = |p: usize| {
        // Nearest rank: the smallest sample with at least p% of the samples at or below it.
        let rank = (p * n).div_ceil(100).clamp(1, n);
        ms(samples[rank - 1])
    };
    let total: f64 = samples.iter().map(|d| ms(*d)).sum();
    Summary {
        count: n,
        mean_ms: total / n as f64,
        p50_ms: pick(50),
        p90_ms: pick(90),
        p99_ms: pick(99),
        max_ms: ms(samples[n - 1]),
    }
}

/// Nearest-rank percentiles of signed differences in milliseconds (sorted in place): for
/// "how long after X did Y happen" where Y may come first (then the value is negative).
/// `max_ms` is the largest; `p50`, `p90` and `p99` as in [`summarise`].
pub fn summarise_signed(samples: &mut [f64]) -> Summary {
    if samples.is_empty() {
        return Summary::default();
    }
    samples.sort_unstable_by(f64::total_cmp);
    let n = samples.len();
    let pick = |p: usize| samples[(p * n).div_ceil(100).clamp(1, n) - 1];
    Summary {
        count: n,
        mean_ms: samples.iter().sum::<f64>() / n as f64,
        p50_ms: pick(50),
        p90_ms: pick(90),
        p99_ms: pick(99),
        max_ms: samples[n - 1],
    }
}

/// The nearest-rank `per_mille`/1000 quantile of `sorted` (ascending) in milliseconds; 0 when
/// empty. 1000 is the maximum.
pub fn nearest_rank_ms(sorted: &[Duration], per_mille: usize) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let rank = (per_mille * n).div_ceil(1000).clamp(1, n);
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// `a / b`, 0 when `b` is 0.
pub fn rate(count: u64, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 { count as f64 / secs } else { 0.0 }
}

/// Rounds for the JSON output.
pub fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let s = summarise(&mut samples);
        assert_eq!(s.count, 100);
        assert_eq!(s.p50_ms, 50.0);
        assert_eq!(s.p90_ms, 90.0);
        assert_eq!(s.p99_ms, 99.0);
        assert_eq!(s.max_ms, 100.0);
        assert!((s.mean_ms - 50.5).abs() < 1e-9);
    }

    #[test]
    fn small_and_empty_inputs() {
        assert_eq!(summarise(&mut []).count, 0);
        let mut one = [Duration::from_millis(7)];
        let s = summarise(&mut one);
        assert_eq!((s.p50_ms, s.p99_ms, s.max_ms), (7.0, 7.0, 7.0));
    }

    #[test]
    fn signed_percentiles() {
        // -50..=49 ms, shuffled: the nearest ranks of 100 samples.
        let mut samples: Vec<f64> = (0..100).map(|i| f64::from((i * 37) % 100 - 50)).collect();
        let s = summarise_signed(&mut samples);
        assert_eq!(s.count, 100);
        assert_eq!(s.p50_ms, -1.0);
        assert_eq!(s.p90_ms, 39.0);
        assert_eq!(s.p99_ms, 48.0);
        assert_eq!(s.max_ms, 49.0);
        assert!((s.mean_ms + 0.5).abs() < 1e-9);
        assert_eq!(summarise_signed(&mut []).count, 0);
        let mut one = [-3.5];
        let s = summarise_signed(&mut one);
        assert_eq!((s.p50_ms, s.p99_ms, s.max_ms), (-3.5, -3.5, -3.5));
    }

    #[test]
    fn per_mille_ranks() {
        let samples: Vec<Duration> = (1..=2000).map(Duration::from_millis).collect();
        assert_eq!(nearest_rank_ms(&samples, 500), 1000.0);
        assert_eq!(nearest_rank_ms(&samples, 990), 1980.0);
        assert_eq!(nearest_rank_ms(&samples, 999), 1998.0);
        assert_eq!(nearest_rank_ms(&samples, 1000), 2000.0);
        assert_eq!(nearest_rank_ms(&samples, 0), 1.0);
        assert_eq!(nearest_rank_ms(&[], 990), 0.0);
        // Ten samples: p99.9 is the largest.
        assert_eq!(nearest_rank_ms(&samples[..10], 999), 10.0);
    }

    #[test]
    fn rates() {
        assert_eq!(rate(10, Duration::from_secs(2)), 5.0);
        assert_eq!(rate(10, Duration::ZERO), 0.0);
        assert_eq!(round(1.23456, 2), 1.23);
    }
}
