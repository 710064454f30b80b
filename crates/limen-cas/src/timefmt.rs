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
