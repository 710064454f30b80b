//! In-crate tests. Every rendered XML document is re-parsed with quick-xml by
//! [`dom::parse`] (independent of the crate's own reader) and its structure
//! checked element by element.

mod codes;
mod dom;
mod logout;
mod robustness;
mod saml;
mod ticket;
mod validate;
mod xml;

use time::OffsetDateTime;
use time::macros::datetime;

use crate::{Failure, Success};

pub(crate) const CAS: &str = "http://www.yale.edu/tp/cas";

pub(crate) fn t0() -> OffsetDateTime {
    datetime!(2026-11-23 09:14:00 UTC)
}

pub(crate) fn success(user: &str) -> Result<Success, Failure> {
    Ok(Success {
        user: user.to_string(),
        ..Success::default()
    })
}

pub(crate) fn attrs(list: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    list.iter()
        .map(|(n, vs)| (n.to_string(), vs.iter().map(|v| v.to_string()).collect()))
        .collect()
}

/// Values with every character that needs escaping, non-Latin scripts, and
/// a CR LF pair.
pub(crate) const TRICKY: &[&str] = &[
    "<b>bold</b> & \"quoted\" 'single'",
    "Ελληνικά κείμενο",
    "中文测试",
    "]]> </cas:user> <!-- x -->",
    "line1\r\nline2\ttab",
    "&amp; &#x41; &lt;",
];
