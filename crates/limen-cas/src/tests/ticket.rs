use crate::{TicketKind, service_url_with_ticket, ticket_kind};

const BODY32: &str = "abcdefghijABCDEFGHIJ0123456789-_";

#[test]
fn every_prefix() {
    let cases = [
        ("ST-", TicketKind::Service),
        ("PT-", TicketKind::Proxy),
        ("PGT-", TicketKind::ProxyGranting),
        ("PGTIOU-", TicketKind::ProxyGrantingIou),
        ("TGT-", TicketKind::TicketGranting),
    ];
    for (prefix, kind) in cases {
        assert_eq!(kind.prefix(), prefix);
        assert_eq!(
            ticket_kind(&format!("{prefix}{BODY32}")),
            Some(kind),
            "{prefix}"
        );
    }
    assert_eq!(TicketKind::ALL.len(), cases.len());
}

#[test]
fn spec_example_artifact_is_well_formed() {
    // CAS 3.0 §4.2.4: 37 characters after "ST-", dots included.
    assert_eq!(
        ticket_kind("ST-1-u4hrm3td92cLxpCvrjylcas.example.com"),
        Some(TicketKind::Service)
    );
}

#[test]
fn length_bounds() {
    for prefix in ["ST-", "PT-", "PGT-", "PGTIOU-", "TGT-"] {
        let ok_min = format!("{prefix}{}", "a".repeat(32));
        let ok_max = format!("{prefix}{}", "a".repeat(256));
        let short = format!("{prefix}{}", "a".repeat(31));
        let long = format!("{prefix}{}", "a".repeat(257));
        assert!(ticket_kind(&ok_min).is_some(), "{ok_min}");
        assert!(ticket_kind(&ok_max).is_some());
        assert_eq!(ticket_kind(&short), None, "{short}");
        assert_eq!(ticket_kind(&long), None);
        assert_eq!(ticket_kind(prefix), None);
    }
}

#[test]
fn malformed() {
    let body = "a".repeat(40);
    for t in [
        String::new(),
        "ST".to_string(),
        "ST-".to_string(),
        "ST-short".to_string(),
        format!("st-{body}"),
        format!("XT-{body}"),
        format!("LT-{body}"),
        format!("TGC-{body}"),
        format!("ST{body}"),
        format!(" ST-{body}"),
        format!("ST-{body} "),
        format!("ST-{body}\n"),
        format!("ST-{body}/"),
        format!("ST-{body}+="),
        format!("ST-{body}%41"),
        format!("ST-{body}<x>"),
        format!("ST-{}", "é".repeat(20)),
        format!("ST-{}", "中".repeat(40)),
        format!("ST-{body}\u{0}"),
        format!("PGTIOU{body}"),
    ] {
        assert_eq!(ticket_kind(&t), None, "{t:?}");
    }
}

#[test]
fn pgt_and_pgtiou_are_distinguished() {
    assert_eq!(
        ticket_kind(&format!("PGT-IOU{BODY32}")),
        Some(TicketKind::ProxyGranting)
    );
    assert_eq!(
        ticket_kind(&format!("PGTIOU-{BODY32}")),
        Some(TicketKind::ProxyGrantingIou)
    );
}

#[test]
fn url_without_query() {
    assert_eq!(
        service_url_with_ticket("https://app.example.org/cas/login", "ST-1-abc"),
        "https://app.example.org/cas/login?ticket=ST-1-abc"
    );
    assert_eq!(
        service_url_with_ticket("https://app.example.org", "ST-1"),
        "https://app.example.org?ticket=ST-1"
    );
}

#[test]
fn url_with_query() {
    assert_eq!(
        service_url_with_ticket("https://app.example.org/p?a=1&b=two", "ST-1"),
        "https://app.example.org/p?a=1&b=two&ticket=ST-1"
    );
}

#[test]
fn url_ending_with_question_mark_or_ampersand() {
    assert_eq!(
        service_url_with_ticket("https://app.example.org/p?", "ST-1"),
        "https://app.example.org/p?ticket=ST-1"
    );
    assert_eq!(
        service_url_with_ticket("https://app.example.org/p?a=1&", "ST-1"),
        "https://app.example.org/p?a=1&ticket=ST-1"
    );
}

#[test]
fn url_with_fragment() {
    assert_eq!(
        service_url_with_ticket("https://app.example.org/spa#/route?x=1", "ST-1"),
        "https://app.example.org/spa?ticket=ST-1#/route?x=1"
    );
    assert_eq!(
        service_url_with_ticket("https://app.example.org/p?a=1#frag#more", "ST-1"),
        "https://app.example.org/p?a=1&ticket=ST-1#frag#more"
    );
    assert_eq!(
        service_url_with_ticket("https://app.example.org/p?#", "ST-1"),
        "https://app.example.org/p?ticket=ST-1#"
    );
    // A '?' only inside the fragment is not a query.
    assert_eq!(
        service_url_with_ticket("https://app.example.org/#?q", "ST-1"),
        "https://app.example.org/?ticket=ST-1#?q"
    );
}

#[test]
fn ticket_value_is_percent_encoded() {
    assert_eq!(
        service_url_with_ticket("https://a/", "ST-1 2&x=y#z/é~._-"),
        "https://a/?ticket=ST-1%202%26x%3Dy%23z%2F%C3%A9~._-"
    );
    assert_eq!(service_url_with_ticket("", "ST-1"), "?ticket=ST-1");
}
