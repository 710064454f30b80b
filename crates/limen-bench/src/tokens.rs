//! `tokens`: hardware-token verifications per second on one core, through the `limen_oath`
//! functions a token sign-in calls — HOTP with its look-ahead window (RFC 4226 §7.4), TOTP with
//! ±1 step (RFC 6238 §5.2, §6), OCRA with an 8-digit numeric question (RFC 6287, QN08).
//!
//! Each case is the worst one its window allows: the code that matches is the last candidate
//! (HOTP: `next + window`; TOTP: `current + window`). Every code is a published test vector or,
//! for HOTP counter 10, the value oathtool and pyotp give for the RFC 4226 seed; each is checked
//! to verify before it is measured, so the loop never times a refusal.

use crate::stats::{rate, round};
use anyhow::{Context, Result, bail};
use limen_oath::{Hash, hotp, ocra, totp};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct TokensArgs {
    /// Measuring time for each kind of token, in seconds.
    #[arg(long, default_value_t = 5.0)]
    pub seconds: f64,
}

/// The RFC 4226 Appendix D seed (also RFC 6238's SHA-1 seed and RFC 6287's 20-byte one).
const SEED20: &[u8] = b"12345678901234567890";
/// Limen's default look-ahead (`[tokens] hotp_window`).
const HOTP_WINDOW: u64 = 10;
/// HOTP of SEED20 at counter 10 (oathtool -c 10 and pyotp's HOTP.at(10) agree).
const HOTP_AT_10: &str = "403154";
/// Limen's default TOTP window in steps (`[tokens] totp_window`).
const TOTP_WINDOW: u64 = 1;
/// RFC 6238 Appendix B: SHA-1, 8 digits, T = 1111111109 s.
const TOTP_TIME: u64 = 1_111_111_109;
const TOTP_CODE: &str = "07081804";
/// RFC 6287 Appendix C: OCRA-1:HOTP-SHA1-6:QN08, Q = 00000000.
const OCRA_SUITE: &str = "OCRA-1:HOTP-SHA1-6:QN08";
const OCRA_QUESTION: &str = "00000000";
const OCRA_RESPONSE: &str = "237653";

struct Figure {
    name: &'static str,
    count: u64,
    elapsed: Duration,
}

/// Runs `verify` for `seconds` on this thread; every call must succeed.
fn measure(name: &'static str, seconds: f64, mut verify: impl FnMut() -> bool) -> Result<Figure> {
    if !verify() {
        bail!("{name}: the reference code does not verify");
    }
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(seconds);
    let mut count = 0u64;
    // The clock is read once per batch, not per verification.
    while Instant::now() < deadline {
        for _ in 0..64 {
            if !black_box(verify()) {
                bail!("{name}: a verification of the reference code failed");
            }
            count += 1;
        }
    }
    Ok(Figure {
        name,
        count,
        elapsed: start.elapsed(),
    })
}

pub fn run(args: &TokensArgs) -> Result<()> {
    if !(args.seconds > 0.0 && args.seconds <= 3600.0) {
        bail!("--seconds must be in (0, 3600]");
    }
    let totp_params = totp::Params {
        hash: Hash::Sha1,
        digits: 8,
        period: 30,
        t0: 0,
    };
    // One step before the vector's: its code is `current + 1`, the window's far end.
    let totp_now = TOTP_TIME - totp_params.period;
    let suite = ocra::Suite::parse(OCRA_SUITE).context("the OCRA suite")?;
    let input = ocra::Input {
        question: OCRA_QUESTION,
        ..ocra::Input::default()
    };

    println!(
        "limen_oath verifications on one core, {} s each: HOTP window {HOTP_WINDOW} (code at next + {HOTP_WINDOW}), \
         TOTP ±{TOTP_WINDOW} step (code at current + {TOTP_WINDOW}), OCRA {OCRA_SUITE}",
        args.seconds
    );
    let figures = [
        measure("hotp", args.seconds, || {
            hotp::verify(
                black_box(SEED20),
                Hash::Sha1,
                6,
                0,
                HOTP_WINDOW,
                black_box(HOTP_AT_10),
            ) == Some(HOTP_WINDOW)
        })?,
        measure("totp", args.seconds, || {
            totp::verify(
                black_box(SEED20),
                &totp_params,
                black_box(totp_now),
                0,
                None,
                TOTP_WINDOW,
                black_box(TOTP_CODE),
            )
            .is_some_and(|m| m.drift == 1)
        })?,
        measure("ocra", args.seconds, || {
            matches!(
                ocra::verify(&suite, black_box(SEED20), &input, black_box(OCRA_RESPONSE)),
                Ok(true)
            )
        })?,
    ];

    let mut json = serde_json::Map::new();
    json.insert("bench".into(), "tokens".into());
    json.insert("threads".into(), 1.into());
    json.insert("hotp_window".into(), HOTP_WINDOW.into());
    json.insert("totp_window".into(), TOTP_WINDOW.into());
    json.insert("ocra_suite".into(), OCRA_SUITE.into());
    for f in &figures {
        let per_second = rate(f.count, f.elapsed);
        println!(
            "{:<5} {:>10} verifications in {:.2} s: {:>12.0} verifications/s ({:.2} µs each)",
            f.name,
            f.count,
            f.elapsed.as_secs_f64(),
            per_second,
            f.elapsed.as_secs_f64() * 1e6 / f.count.max(1) as f64
        );
        json.insert(
            format!("{}_per_second", f.name),
            serde_json::json!(round(per_second, 0)),
        );
    }
    println!(
        "{}",
        serde_json::to_string(&serde_json::Value::Object(json)).context("JSON")?
    );
    Ok(())
}
