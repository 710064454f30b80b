//! The limits on sending SMS (toll fraud, SMS pumping, harassment of a number's owner), on by
//! default and held in the store, so that they count across nodes and restarts.
//!
//! Each counter is one atomic statement ([`limen_store::Store::throttle_fail`]: count, then
//! compare), so parallel requests cannot all pass one limit. Which limit refused is never told
//! to the user (one message for all): it would tell whether a number is being sent to by
//! others.

use super::SmsConfig;
use super::number::{self, Number};
use crate::{Authn, AuthnError, Refused};
use limen_core::Account;
use time::{Duration, OffsetDateTime, Time};

/// `[sms.limits]`.
#[derive(Debug, Clone)]
pub struct SmsLimits {
    pub per_number_hour: i64,
    pub per_number_day: i64,
    /// Numbers equal but for their last `prefix_free_digits` digits, counted together.
    pub per_prefix_hour: i64,
    pub prefix_free_digits: usize,
    pub per_account_day: i64,
    pub per_address_hour: i64,
    pub per_country_hour: i64,
    /// Every SMS of one UTC day; reached, SMS stop until the next day.
    pub daily_budget: i64,
}

impl Default for SmsLimits {
    fn default() -> Self {
        Self {
            per_number_hour: 5,
            per_number_day: 10,
            per_prefix_hour: 30,
            prefix_free_digits: 3,
            per_account_day: 10,
            per_address_hour: 20,
            per_country_hour: 300,
            daily_budget: 2000,
        }
    }
}

/// The throttle key of the circuit breaker.
pub const BREAKER: &str = "sms:breaker";
/// Longest wait the backoff asks for.
const MAX_WAIT: Duration = Duration::hours(1);

fn limit() -> Refused {
    Refused::new("sms-error-limit", "")
}

/// The client address as counted: an IPv6 address by its /64 (one subscriber's network:
/// anyone gets a whole /64 to choose from), an IPv4 address as it is.
fn address_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => ip.to_owned(),
    }
}

/// Whether one more SMS may go to `number` for `account` from `ip`; counts it if so.
/// `proven`: the number is one of the account's (a sign-in or signing code), not a number
/// being added.
///
/// The counters of a proven number are the account's own (per account and number): nobody
/// else can use up what protects its owner's sign-in. A number being added is counted on keys
/// of its own, per number whatever the account (what bounds the SMS its owner can be sent by
/// strangers), per client address, and within half of the daily budget — so that adding
/// numbers, which a fresh account can do, can never spend what sign-ins need.
pub(crate) async fn admit(
    cx: &Authn,
    config: &SmsConfig,
    account: &Account,
    number: &Number,
    proven: bool,
    ip: &str,
) -> Result<Result<(), Refused>, AuthnError> {
    let store = cx.store();
    let now = cx.now();
    if store.throttle_locked_until(BREAKER, now).await?.is_some() {
        return Ok(Err(Refused::new(
            "sms-error-unavailable",
            "daily SMS budget exhausted (circuit breaker open)",
        )));
    }
    if let Some(until) = backoff(cx, config, account, now).await? {
        let wait = (until - now).whole_seconds().max(1);
        return Ok(Err(Refused::new(
            "sms-error-wait",
            format!("backoff: next code in {wait} s"),
        )));
    }
    let l = &config.limits;
    let hour = Duration::hours(1);
    let day = Duration::days(1);
    let today = now.date();
    let e164 = &number.e164;
    let mut counters = vec![(
        format!("sms:account:{}", account.id),
        day,
        l.per_account_day,
        "account",
    )];
    if proven {
        counters.extend([
            (
                format!("sms:number:h:{}:{e164}", account.id),
                hour,
                l.per_number_hour,
                "number (hour)",
            ),
            (
                format!("sms:number:d:{}:{e164}", account.id),
                day,
                l.per_number_day,
                "number (day)",
            ),
        ]);
    } else {
        counters.extend([
            (
                format!("sms:address:{}", address_key(ip)),
                hour,
                l.per_address_hour,
                "client address",
            ),
            (
                format!("sms:add:h:{e164}"),
                hour,
                l.per_number_hour,
                "number (hour)",
            ),
            (
                format!("sms:add:d:{e164}"),
                day,
                l.per_number_day,
                "number (day)",
            ),
            (
                format!("sms:day:add:{today}"),
                day,
                (l.daily_budget / 2).max(1),
                "numbers added (half the daily budget)",
            ),
        ]);
    }
    counters.extend([
        (
            format!("sms:prefix:{}", number::prefix(e164, l.prefix_free_digits)),
            hour,
            l.per_prefix_hour,
            "number range",
        ),
        (
            format!("sms:country:{}", number.country),
            hour,
            l.per_country_hour,
            "country",
        ),
    ]);
    for (key, window, max, what) in counters {
        if store.throttle_fail(&key, now, window).await? > max {
            let mut refused = limit();
            refused.reason = format!("limit per {what} reached");
            return Ok(Err(refused));
        }
    }
    // The global budget, per UTC day.
    let sent_today = store
        .throttle_fail(&format!("sms:day:{today}"), now, day)
        .await?;
    if sent_today > l.daily_budget {
        let tomorrow = OffsetDateTime::new_utc(today + Duration::days(1), Time::MIDNIGHT);
        store.throttle_fail(BREAKER, now, day).await?;
        store.throttle_lock(BREAKER, tomorrow).await?;
        // Said once, by the request that crossed the line.
        if sent_today == l.daily_budget + 1 {
            tracing::error!(
                budget = l.daily_budget,
                until = %tomorrow,
                "ALERT: the daily SMS budget is spent; no SMS will be sent until the next UTC day \
                 (circuit breaker open; `limen sms reset` reopens it)"
            );
            cx.audit_raw(
                "sms.budget_exhausted",
                None,
                ip,
                serde_json::json!({"budget": l.daily_budget, "until": tomorrow.unix_timestamp()}),
            )
            .await;
        }
        return Ok(Err(Refused::new(
            "sms-error-unavailable",
            "daily SMS budget exhausted",
        )));
    }
    Ok(Ok(()))
}

/// When the account may have its next code, if not now: after a code that was not used, the
/// user waits `resend_after`, then twice that after the next unused one, and so on — counting
/// every code left unused in the last 24 hours (up to an hour's wait). People who sign in at the
/// first code never wait; codes that were used do not reset the count (alternating a used code
/// with unused ones gains nothing).
async fn backoff(
    cx: &Authn,
    config: &SmsConfig,
    account: &Account,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, AuthnError> {
    let recent = cx
        .store()
        .sms_codes_since(account.id, now - Duration::days(1))
        .await?;
    let unused: Vec<OffsetDateTime> = recent
        .iter()
        .filter(|c| c.used_at.is_none())
        .map(|c| c.created_at)
        .collect();
    let Some(last) = unused.iter().max() else {
        return Ok(None);
    };
    let shift = u32::try_from(unused.len() - 1).unwrap_or(u32::MAX).min(16);
    let wait = config
        .resend_after
        .checked_mul(1_i32 << shift)
        .map_or(MAX_WAIT, |w| w.min(MAX_WAIT));
    let until = *last + wait;
    Ok((until > now).then_some(until))
}

/// Reopens the circuit breaker (the operator, after looking at why it tripped): SMS go out
/// again today, the day's count starting afresh.
pub async fn reset(cx: &Authn) -> Result<(), AuthnError> {
    cx.store().throttle_clear(BREAKER).await?;
    let today = cx.now().date();
    cx.store()
        .throttle_clear(&format!("sms:day:{today}"))
        .await?;
    cx.store()
        .throttle_clear(&format!("sms:day:add:{today}"))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::address_key;

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        assert_eq!(address_key("192.0.2.7"), "192.0.2.7");
        assert_eq!(
            address_key("2001:db8:1:2:aaaa::1"),
            address_key("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_ne!(
            address_key("2001:db8:1:2::1"),
            address_key("2001:db8:1:3::1")
        );
        assert_eq!(address_key("-"), "-");
    }
}
