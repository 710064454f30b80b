//! Timestamps for SAML documents: RFC 3339, UTC, `Z` suffix, at most
//! millisecond precision (SAML 1.1 / 2.0 `xs:dateTime` "SHOULD NOT" carry a
//! time zone other than UTC; Java CAS clients parse milliseconds).

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Formats `t` as e.g. `2026-11-23T09:14:00Z` or `2026-11-23T09:14:00.25Z`.
/// Never panics: instants outside RFC 3339's year range 0000..=9999 are
/// clamped to its bounds.
pub(crate) fn rfc3339_utc(t: OffsetDateTime) -> String {
    let clamp = || {
        if t.year() >= 0 {
            "9999-12-31T23:59:59Z".to_string()
        } else {
            "0000-01-01T00:00:00Z".to_string()
        }
    };
    let Some(utc) = t.checked_to_offset(UtcOffset::UTC) else {
        return clamp();
    };
    let utc = utc
        .replace_nanosecond(u32::from(utc.millisecond()) * 1_000_000)
        .unwrap_or(utc);
    utc.format(&Rfc3339).unwrap_or_else(|_| clamp())
}

/// Formats `t` with exactly three fractional digits, e.g. `2026-11-23T09:14:00.250Z`: EU Login's
/// documents always carry milliseconds, and clients that parse them with a fixed pattern expect
/// them. Clamped to years 0000..=9999 like [`rfc3339_utc`].
pub(crate) fn xsd_millis_utc(t: OffsetDateTime) -> String {
    let Some(utc) = t.checked_to_offset(UtcOffset::UTC) else {
        return rfc3339_utc(t);
    };
    if !(0..=9999).contains(&utc.year()) {
        return rfc3339_utc(t);
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second(),
        utc.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn milliseconds_are_always_three_digits() {
        assert_eq!(
            xsd_millis_utc(datetime!(2026-12-05 16:00:00.5 +01:00)),
            "2026-12-05T15:00:00.500Z"
        );
        assert_eq!(
            xsd_millis_utc(datetime!(2026-12-05 16:00:00 UTC)),
            "2026-12-05T16:00:00.000Z"
        );
    }
}
