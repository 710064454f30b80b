//! TOTP, the time-based one-time password (RFC 6238): HOTP of the number of time steps.
//!
//! `T = (unix − T0) / X` (§4.2), `TOTP = HOTP(K, T)` with SHA-1, SHA-256 or SHA-512 (§1.2).
//! Hardware tokens keep their own clock, which drifts: the server remembers by how many steps
//! a token was off at its last good code (`drift`, §6) and looks around that, and refuses any
//! step at or before the last one used, so no code works twice (§5.2). The clock, the drift
//! and the last used step are the caller's, passed in and handed back in a [`Match`].

use ring::hmac;

use crate::hotp::DIGITS;
use crate::{Error, Hash, MAX_WINDOW, constant_time_eq, is_code};

/// A token's parameters (RFC 6238 §4.1): its hash, code length, time step `X` in seconds
/// (30 unless the token says otherwise) and `T0`, the Unix time of step 0 (usually 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub hash: Hash,
    pub digits: u8,
    pub period: u64,
    pub t0: u64,
}

impl Params {
    /// The parameters of most tokens and apps: SHA-1, 6 digits, 30 s, `T0 = 0`.
    pub const DEFAULT: Self = Self {
        hash: Hash::Sha1,
        digits: 6,
        period: 30,
        t0: 0,
    };

    fn check(&self) -> Result<(), Error> {
        if !DIGITS.contains(&self.digits) {
            return Err(Error::Unsupported("number of digits (6 to 10)"));
        }
        if self.period == 0 {
            return Err(Error::Unsupported("TOTP period of 0 seconds"));
        }
        Ok(())
    }
}

/// A code that matched: its time step, and the token's drift that this shows (the matched
/// step minus the server's current step, in steps), to store for next time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub step: u64,
    pub drift: i64,
}

/// The time step of `unix` (RFC 6238 §4.2): `(unix − t0) / period`, 0 before `t0` (and for a
/// period of 0, which [`totp`] refuses).
#[must_use]
pub fn step(p: &Params, unix: u64) -> u64 {
    unix.saturating_sub(p.t0).checked_div(p.period).unwrap_or(0)
}

/// The TOTP code at Unix time `unix` (RFC 6238 §4.2); digits outside 6..=10 or a period of 0
/// are `Error::Unsupported`.
pub fn totp(key: &[u8], p: &Params, unix: u64) -> Result<String, Error> {
    p.check()?;
    crate::hotp::hotp(key, p.hash, step(p, unix), p.digits)
}

/// The codes of the steps in `from..=to` (clamped to the step space), all computed, so the
/// work does not depend on which one matches.
fn codes(key: &[u8], p: &Params, from: i128, to: i128) -> Vec<(u64, String)> {
    let (lo, hi) = (from.max(0), to.min(i128::from(u64::MAX)));
    let (Ok(lo), Ok(hi)) = (u64::try_from(lo), u64::try_from(hi)) else {
        return Vec::new();
    };
    let key = hmac::Key::new(p.hash.hmac(), key);
    (lo..=hi)
        .map(|s| {
            let tag = hmac::sign(&key, &s.to_be_bytes());
            (s, crate::truncate(tag.as_ref(), p.digits))
        })
        .collect()
}

fn drift_of(step: u64, current: u64) -> i64 {
    let d = i128::from(step) - i128::from(current);
    i64::try_from(d).unwrap_or(if d < 0 { i64::MIN } else { i64::MAX })
}

/// Checks `code` at Unix time `unix` (RFC 6238 §5.2, §6): the steps from
/// `current + drift − window` to `current + drift + window` are candidates (a window of 1,
/// one step either side, is RFC 6238's recommendation for network delay); any step at or
/// before `last_used` is refused, so a code cannot be replayed. Of several matching steps
/// the one closest to `current + drift` wins. Returns the step and the drift it shows
/// (matched − current) for the caller to store, or `None`. Every candidate is computed and
/// compared in constant time; `window` is clamped to [`MAX_WINDOW`]; bad parameters or a
/// code of the wrong form match nothing.
#[must_use]
pub fn verify(
    key: &[u8],
    p: &Params,
    unix: u64,
    drift: i64,
    last_used: Option<u64>,
    window: u64,
    code: &str,
) -> Option<Match> {
    p.check().ok()?;
    let current = step(p, unix);
    let centre = i128::from(current) + i128::from(drift);
    let window = i128::from(window.min(MAX_WINDOW));
    let candidates = codes(key, p, centre - window, centre + window);
    if !is_code(code, p.digits) {
        return None;
    }
    let mut best: Option<u64> = None;
    for (s, expected) in &candidates {
        let hit = constant_time_eq(expected.as_bytes(), code.as_bytes());
        let fresh = last_used.is_none_or(|used| *s > used);
        let closer =
            best.is_none_or(|b| (i128::from(*s) - centre).abs() < (i128::from(b) - centre).abs());
        if hit && fresh && closer {
            best = Some(*s);
        }
    }
    best.map(|s| Match {
        step: s,
        drift: drift_of(s, current),
    })
}

/// Resynchronisation (RFC 6238 §6): two codes of consecutive steps `s` and `s + 1`, both
/// within `current ± window`, with `s + 1` after `last_used`. For a token whose clock has
/// drifted further than [`verify`]'s window: two consecutive codes are a far stronger proof
/// than one, so `window` can be wide. Returns the [`Match`] of `s + 1` (the step to store as
/// last used, and the drift to store), preferring the pair closest to the current step.
#[must_use]
pub fn resync(
    key: &[u8],
    p: &Params,
    unix: u64,
    last_used: Option<u64>,
    window: u64,
    code1: &str,
    code2: &str,
) -> Option<Match> {
    p.check().ok()?;
    let current = step(p, unix);
    let window = i128::from(window.min(MAX_WINDOW));
    let centre = i128::from(current);
    let candidates = codes(key, p, centre - window, centre + window);
    if !is_code(code1, p.digits) || !is_code(code2, p.digits) {
        return None;
    }
    let mut best: Option<u64> = None;
    for pair in candidates.windows(2) {
        let [(_, first), (s2, second)] = pair else {
            continue;
        };
        let hit = constant_time_eq(first.as_bytes(), code1.as_bytes())
            & constant_time_eq(second.as_bytes(), code2.as_bytes());
        let fresh = last_used.is_none_or(|used| *s2 > used);
        let closer =
            best.is_none_or(|b| (i128::from(*s2) - centre).abs() < (i128::from(b) - centre).abs());
        if hit && fresh && closer {
            best = Some(*s2);
        }
    }
    best.map(|s| Match {
        step: s,
        drift: drift_of(s, current),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 Appendix B: the seeds are ASCII digit strings as long as each hash's output
    // (20, 32 and 64 bytes, as the Appendix A code has them; the table's prose names only
    // the 20-byte one, which the RFC's errata correct).
    const SEED20: &[u8] = b"12345678901234567890";
    const SEED32: &[u8] = b"12345678901234567890123456789012";
    const SEED64: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

    fn params(hash: Hash, digits: u8) -> Params {
        Params {
            hash,
            digits,
            ..Params::DEFAULT
        }
    }

    #[test]
    fn rfc_6238_appendix_b() {
        // (time, T as hex, TOTP, mode): all 18 rows.
        let table: [(u64, &str, &str, Hash); 18] = [
            (59, "0000000000000001", "94287082", Hash::Sha1),
            (59, "0000000000000001", "46119246", Hash::Sha256),
            (59, "0000000000000001", "90693936", Hash::Sha512),
            (1_111_111_109, "00000000023523EC", "07081804", Hash::Sha1),
            (1_111_111_109, "00000000023523EC", "68084774", Hash::Sha256),
            (1_111_111_109, "00000000023523EC", "25091201", Hash::Sha512),
            (1_111_111_111, "00000000023523ED", "14050471", Hash::Sha1),
            (1_111_111_111, "00000000023523ED", "67062674", Hash::Sha256),
            (1_111_111_111, "00000000023523ED", "99943326", Hash::Sha512),
            (1_234_567_890, "000000000273EF07", "89005924", Hash::Sha1),
            (1_234_567_890, "000000000273EF07", "91819424", Hash::Sha256),
            (1_234_567_890, "000000000273EF07", "93441116", Hash::Sha512),
            (2_000_000_000, "0000000003F940AA", "69279037", Hash::Sha1),
            (2_000_000_000, "0000000003F940AA", "90698825", Hash::Sha256),
            (2_000_000_000, "0000000003F940AA", "38618901", Hash::Sha512),
            (20_000_000_000, "0000000027BC86AA", "65353130", Hash::Sha1),
            (20_000_000_000, "0000000027BC86AA", "77737706", Hash::Sha256),
            (20_000_000_000, "0000000027BC86AA", "47863826", Hash::Sha512),
        ];
        for (time, t, code, hash) in table {
            let p = params(hash, 8);
            let seed = match hash {
                Hash::Sha1 => SEED20,
                Hash::Sha256 => SEED32,
                Hash::Sha512 => SEED64,
            };
            assert_eq!(format!("{:016X}", step(&p, time)), t, "{time}");
            assert_eq!(totp(seed, &p, time).unwrap(), code, "{time} {hash:?}");
        }
    }

    #[test]
    fn steps_count_from_t0() {
        let p = Params {
            t0: 1000,
            period: 60,
            ..Params::DEFAULT
        };
        assert_eq!(step(&p, 0), 0);
        assert_eq!(step(&p, 999), 0);
        assert_eq!(step(&p, 1059), 0);
        assert_eq!(step(&p, 1060), 1);
        assert_eq!(step(&p, u64::MAX), (u64::MAX - 1000) / 60);
        let zero = Params {
            period: 0,
            ..Params::DEFAULT
        };
        assert_eq!(step(&zero, 1000), 0);
        assert_eq!(
            totp(SEED20, &zero, 1000),
            Err(Error::Unsupported("TOTP period of 0 seconds"))
        );
        assert_eq!(
            totp(SEED20, &params(Hash::Sha1, 5), 1000),
            Err(Error::Unsupported("number of digits (6 to 10)"))
        );
        assert_eq!(verify(SEED20, &zero, 59, 0, None, 1, "287082"), None);
    }

    /// The 6-digit code of step `s` (period 30, T0 0).
    fn at(s: u64) -> String {
        totp(SEED20, &Params::DEFAULT, s * 30).unwrap()
    }

    #[test]
    fn verify_accepts_one_step_either_side_by_default() {
        let p = Params::DEFAULT;
        let now = 1000 * 30 + 7; // step 1000
        let v = |code: &str| verify(SEED20, &p, now, 0, None, 1, code);
        assert_eq!(
            v(&at(1000)),
            Some(Match {
                step: 1000,
                drift: 0
            })
        );
        assert_eq!(
            v(&at(999)),
            Some(Match {
                step: 999,
                drift: -1
            })
        );
        assert_eq!(
            v(&at(1001)),
            Some(Match {
                step: 1001,
                drift: 1
            })
        );
        assert_eq!(v(&at(998)), None);
        assert_eq!(v(&at(1002)), None);
        assert_eq!(verify(SEED20, &p, now, 0, None, 0, &at(999)), None);
        for bad in ["", "12345", "1234567", "12345a", " 123456"] {
            assert_eq!(v(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn verify_refuses_replay_and_earlier_steps() {
        let p = Params::DEFAULT;
        let now = 1000 * 30;
        let code = at(1000);
        let first = verify(SEED20, &p, now, 0, None, 1, &code).unwrap();
        assert_eq!(first.step, 1000);
        // The same code again, even a second later in the same step: refused.
        assert_eq!(
            verify(SEED20, &p, now + 1, 0, Some(first.step), 1, &code),
            None
        );
        // An older code still inside the window: refused too.
        assert_eq!(verify(SEED20, &p, now, 0, Some(1000), 1, &at(999)), None);
        // The next step's code is fine.
        assert_eq!(
            verify(SEED20, &p, now + 30, 0, Some(1000), 1, &at(1001)),
            Some(Match {
                step: 1001,
                drift: 0
            })
        );
    }

    #[test]
    fn verify_looks_around_the_known_drift() {
        let p = Params::DEFAULT;
        let now = 1000 * 30;
        // A token known to run 5 steps fast.
        assert_eq!(
            verify(SEED20, &p, now, 5, None, 1, &at(1006)),
            Some(Match {
                step: 1006,
                drift: 6
            })
        );
        assert_eq!(
            verify(SEED20, &p, now, 5, None, 1, &at(1004)),
            Some(Match {
                step: 1004,
                drift: 4
            })
        );
        assert_eq!(verify(SEED20, &p, now, 5, None, 1, &at(1000)), None);
        assert_eq!(verify(SEED20, &p, now, 5, None, 1, &at(1007)), None);
        // And one 3 steps slow; near step 0 the window simply stops there.
        assert_eq!(
            verify(SEED20, &p, now, -3, None, 1, &at(996)),
            Some(Match {
                step: 996,
                drift: -4
            })
        );
        assert_eq!(
            verify(SEED20, &p, 30, -2, None, 1, &at(0)),
            Some(Match { step: 0, drift: -1 })
        );
        assert_eq!(verify(SEED20, &p, 30, -3, None, 1, &at(0)), None);
        // Absurd drifts do not overflow.
        assert_eq!(verify(SEED20, &p, now, i64::MAX, None, 1, &at(1000)), None);
        assert_eq!(verify(SEED20, &p, now, i64::MIN, None, 1, &at(1000)), None);
        assert_eq!(
            verify(SEED20, &p, u64::MAX, i64::MAX, None, 5, &at(1000)),
            None
        );
    }

    #[test]
    fn verify_prefers_the_candidate_closest_to_the_expected_step() {
        // Find two steps near each other with the same code, and check that the one
        // nearer the centre is taken whichever side it is on.
        let p = Params::DEFAULT;
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0..200_000u64)
            .find_map(|s| seen.insert(at(s), s).map(|earlier| (earlier, s)))
            .expect("a repeated code among 200 000 steps");
        let code = at(a);
        let window = b - a;
        // Centre at a: a is closer.
        let m = verify(SEED20, &p, a * 30, 0, None, window, &code).unwrap();
        assert_eq!(m.step, a);
        // Centre at b: b is closer, though a comes first in the window.
        let m = verify(SEED20, &p, b * 30, 0, None, window, &code).unwrap();
        assert_eq!((m.step, m.drift), (b, 0));
        // With a used, b is the only fresh one.
        let m = verify(SEED20, &p, a * 30, 0, Some(a), window, &code).unwrap();
        assert_eq!(m.step, b);
    }

    #[test]
    fn resync_finds_a_far_drifted_token() {
        let p = Params::DEFAULT;
        let now = 10_000 * 30;
        // The token runs 40 steps slow.
        let r = |last, window, a: &str, b: &str| resync(SEED20, &p, now, last, window, a, b);
        assert_eq!(
            r(None, 100, &at(9960), &at(9961)),
            Some(Match {
                step: 9961,
                drift: -39
            })
        );
        // Both codes must be inside current ± window.
        assert_eq!(
            r(None, 40, &at(9960), &at(9961)),
            Some(Match {
                step: 9961,
                drift: -39
            })
        );
        assert_eq!(r(None, 39, &at(9960), &at(9961)), None);
        assert_eq!(
            r(None, 1, &at(10_000), &at(10_001)),
            Some(Match {
                step: 10_001,
                drift: 1
            })
        );
        assert_eq!(r(None, 1, &at(10_001), &at(10_002)), None);
        // Not consecutive or swapped: refused.
        assert_eq!(r(None, 100, &at(9960), &at(9962)), None);
        assert_eq!(r(None, 100, &at(9961), &at(9960)), None);
        // The second step must come after the last one used.
        assert_eq!(r(Some(9961), 100, &at(9960), &at(9961)), None);
        assert_eq!(
            r(Some(9960), 100, &at(9960), &at(9961)),
            Some(Match {
                step: 9961,
                drift: -39
            })
        );
        assert_eq!(r(None, 100, "12345", &at(9961)), None);
    }
}
