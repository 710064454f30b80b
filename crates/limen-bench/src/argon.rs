//! `argon2-rate`: how many Argon2id verifications per second this machine does.

use crate::stats::{rate, round};
use anyhow::{Context, Result, anyhow, bail};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Argon2Args {
    /// Memory cost in KiB (Limen's default: 19456, OWASP's recommendation).
    #[arg(long, default_value_t = 19_456)]
    pub memory_kib: u32,
    /// Time cost (passes).
    #[arg(long, default_value_t = 2)]
    pub iterations: u32,
    /// Lanes.
    #[arg(long, default_value_t = 1)]
    pub parallelism: u32,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Measuring time.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
}

const PASSWORD: &[u8] = b"Corr3ct-Horse-Battery!";

pub fn run(args: &Argon2Args) -> Result<()> {
    let threads = match args.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    if !(args.seconds > 0.0 && args.seconds <= 3600.0) {
        bail!("--seconds must be in (0, 3600]");
    }
    let params = Params::new(args.memory_kib, args.iterations, args.parallelism, None)
        .map_err(|e| anyhow!("invalid Argon2 parameters: {e}"))?;
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let salt = SaltString::encode_b64(b"limen-bench-salt").map_err(|e| anyhow!("salt: {e}"))?;
    let hash = hasher
        .hash_password(PASSWORD, &salt)
        .map_err(|e| anyhow!("hashing failed: {e}"))?
        .to_string();
    let parsed = PasswordHash::new(&hash).map_err(|e| anyhow!("PHC string: {e}"))?;

    // Warm-up, and a check that verification succeeds at all.
    let t0 = Instant::now();
    Argon2::default()
        .verify_password(PASSWORD, &parsed)
        .map_err(|e| anyhow!("verification of the bench hash failed: {e}"))?;
    let single = t0.elapsed();

    println!(
        "argon2id m={} KiB t={} p={}: one verification takes {:.1} ms; measuring {} thread(s) for {} s",
        args.memory_kib,
        args.iterations,
        args.parallelism,
        single.as_secs_f64() * 1000.0,
        threads,
        args.seconds
    );

    let total = AtomicU64::new(0);
    let failures = AtomicU64::new(0);
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(args.seconds);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let verifier = Argon2::default();
                while Instant::now() < deadline {
                    match verifier.verify_password(PASSWORD, &parsed) {
                        Ok(()) => total.fetch_add(1, Ordering::Relaxed),
                        Err(_) => failures.fetch_add(1, Ordering::Relaxed),
                    };
                }
            });
        }
    });
    let elapsed = start.elapsed();
    let count = total.load(Ordering::Relaxed);
    let failed = failures.load(Ordering::Relaxed);
    if failed > 0 {
        bail!("{failed} verification(s) of a correct password failed");
    }
    let per_second = rate(count, elapsed);
    println!(
        "{count} verifications in {:.2} s: {per_second:.2} verifications/s ({:.2}/s per thread)",
        elapsed.as_secs_f64(),
        per_second / threads as f64
    );
    let json = serde_json::json!({
        "bench": "argon2-rate",
        "memory_kib": args.memory_kib,
        "iterations": args.iterations,
        "parallelism": args.parallelism,
        "threads": threads,
        "seconds": round(elapsed.as_secs_f64(), 3),
        "verifications": count,
        "single_ms": round(single.as_secs_f64() * 1000.0, 2),
        "per_second": round(per_second, 2),
    });
    println!("{}", serde_json::to_string(&json).context("JSON")?);
    Ok(())
}
