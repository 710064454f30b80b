//! The audit log's export formats (issue 21 item 4): one [`AuditRecord`] per row, written as a
//! JSON line ([`json_line`], for a SIEM) or a CSV record ([`csv_header`], [`csv_row`], for a
//! spreadsheet). The admin API's `/audit/export`, the console's export and `limen audit export`
//! all write rows with these functions, so the three give the same bytes for the same rows.
//!
//! What this module must never do: read the store, or write anything but the text of a row.

use crate::admin::rfc3339;
use limen_store::AuditRow;
use serde::Serialize;
use utoipa::ToSchema;

/// One entry of the audit log, as the API lists it and the exports write it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditRecord {
    /// The entry's place in the chain (ids are gapless and grow with time).
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What happened, e.g. `login.success`, `token.assigned`.
    pub event: String,
    /// The uid of the account the event is about, if any.
    pub uid: Option<String>,
    /// Who acted: `user`, `cli`, `admin:<uid>`, `client:<client_id>`, `system`.
    pub actor: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    /// The service the event is about (its name).
    pub service: Option<String>,
    /// The event's details (an object; `justification` holds an operator's reason).
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    /// SHA-256 (hex) of the previous entry's hash and this entry: the hash chain.
    pub hash: Option<String>,
}

impl AuditRecord {
    /// The record of a stored row whose account has the uid `uid`.
    pub fn of(row: &AuditRow, uid: Option<&str>) -> AuditRecord {
        let e = &row.entry;
        AuditRecord {
            id: row.id,
            at: rfc3339(e.at),
            event: e.event.clone(),
            uid: uid.map(str::to_owned),
            actor: e.actor.clone(),
            client_ip: e.client_ip.clone(),
            user_agent: e.user_agent.clone(),
            service: e.service.clone(),
            detail: e.detail.clone(),
            hash: row.hash.clone(),
        }
    }
}

/// The record as one line of JSON, ending with `\n` (JSON Lines, `application/x-ndjson`).
pub fn json_line(record: &AuditRecord) -> String {
    let mut line = serde_json::to_string(record).unwrap_or_else(|_| "{}".to_owned());
    line.push('\n');
    line
}

/// The CSV header record (RFC 4180 §2 item 3), one column per field, ending with CRLF.
pub fn csv_header() -> &'static str {
    "id,at,event,uid,actor,client_ip,user_agent,service,detail,hash\r\n"
}

/// The record as one CSV record (RFC 4180 §2), ending with CRLF; `detail` is compact JSON.
pub fn csv_row(record: &AuditRecord) -> String {
    let detail = serde_json::to_string(&record.detail).unwrap_or_default();
    let id = record.id.to_string();
    let fields: [&str; 10] = [
        &id,
        &record.at,
        &record.event,
        record.uid.as_deref().unwrap_or(""),
        record.actor.as_deref().unwrap_or(""),
        record.client_ip.as_deref().unwrap_or(""),
        record.user_agent.as_deref().unwrap_or(""),
        record.service.as_deref().unwrap_or(""),
        &detail,
        record.hash.as_deref().unwrap_or(""),
    ];
    let mut line = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum());
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        csv_field(&mut line, field);
    }
    line.push_str("\r\n");
    line
}

/// Appends one field. A value a spreadsheet would run as a formula (one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return: OWASP's "CSV injection") gets a leading `'`, so
/// that it shows as text; RFC 4180 §2 items 6 and 7: a field holding a comma, a double quote,
/// CR or LF is enclosed in double quotes, and its double quotes are doubled.
fn csv_field(out: &mut String, value: &str) {
    let guard = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = value.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use limen_store::AuditEntry;
    use serde_json::json;

    fn record(event: &str, user_agent: &str, detail: serde_json::Value) -> AuditRecord {
        let mut entry = AuditEntry::new(
            time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
            event,
            Some(3),
            detail,
        );
        entry.actor = Some("client:ops".into());
        entry.client_ip = Some("192.0.2.7".into());
        entry.user_agent = Some(user_agent.into());
        let row = AuditRow {
            id: 42,
            entry,
            prev_hash: Some("00".into()),
            hash: Some("ab".into()),
        };
        AuditRecord::of(&row, Some("jdoe"))
    }

    #[test]
    fn csv_quotes_what_rfc_4180_asks_and_nothing_else() {
        let r = record(
            "login.success",
            "Mozilla, \"quoted\"\nnext",
            json!({"a": 1}),
        );
        assert_eq!(
            csv_row(&r),
            "42,2027-01-15T08:00:00Z,login.success,jdoe,client:ops,192.0.2.7,\
             \"Mozilla, \"\"quoted\"\"\nnext\",,\"{\"\"a\"\":1}\",ab\r\n"
        );
        assert_eq!(csv_header().split(',').count(), 10);
    }

    #[test]
    fn csv_neutralises_formulas() {
        for (ua, cell) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("a=b", "a=b"),
        ] {
            let line = csv_row(&record("x", ua, json!({})));
            let cell_at = line
                .find(cell)
                .unwrap_or_else(|| panic!("{cell} in {line}"));
            assert!(line[..cell_at].ends_with("192.0.2.7,"), "{line}");
        }
    }

    #[test]
    fn json_lines_are_one_compact_object_each() {
        let r = record("login.failure", "curl\n", json!({"reason": "wrong"}));
        let line = json_line(&r);
        assert!(line.ends_with('\n'));
        assert_eq!(line.matches('\n').count(), 1);
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["uid"], "jdoe");
        assert_eq!(back["detail"]["reason"], "wrong");
        assert_eq!(back["at"], "2027-01-15T08:00:00Z");
        assert_eq!(back["user_agent"], "curl\n");
    }
}
