use time::macros::{datetime, offset};

use super::dom::parse;
use super::t0;
use crate::{parse_logout_request, render_logout_request};

const SAMLP2: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML2: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const ST: &str = "ST-4HzBxhgJpb2sM0RiuXf3iWcKOnbWEWlIVCM7bHtVWzc";

#[test]
fn render_structure() {
    let xml = render_logout_request("LR-1-abcdef", t0(), ST);
    let root = parse(&xml);
    assert_eq!(root.qname, "samlp:LogoutRequest");
    assert_eq!(root.ns.as_deref(), Some(SAMLP2));
    assert_eq!(root.attr("xmlns:samlp"), Some(SAMLP2));
    assert_eq!(root.attr("xmlns:saml"), Some(SAML2));
    assert_eq!(root.attr("ID"), Some("LR-1-abcdef"));
    assert_eq!(root.attr("Version"), Some("2.0"));
    assert_eq!(root.attr("IssueInstant"), Some("2026-11-23T09:14:00Z"));
    assert_eq!(root.child_names(), ["NameID", "SessionIndex"]);
    let name_id = root.child(SAML2, "NameID");
    assert_eq!(name_id.qname, "saml:NameID");
    assert_eq!(name_id.text, "@NOT_USED@");
    let index = root.child(SAMLP2, "SessionIndex");
    assert_eq!(index.qname, "samlp:SessionIndex");
    assert_eq!(index.text, ST);
}

#[test]
fn render_exact_bytes() {
    assert_eq!(
        render_logout_request("LR-1", t0(), "ST-1"),
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" \
xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"LR-1\" Version=\"2.0\" \
IssueInstant=\"2026-11-23T09:14:00Z\"><saml:NameID>@NOT_USED@</saml:NameID>\
<samlp:SessionIndex>ST-1</samlp:SessionIndex></samlp:LogoutRequest>"
    );
}

#[test]
fn round_trip() {
    let instant = datetime!(2026-11-23 10:14:00.5).assume_offset(offset!(+1));
    let xml = render_logout_request("LR-2", instant, ST);
    assert!(xml.contains("IssueInstant=\"2026-11-23T09:14:00.5Z\""));
    assert_eq!(parse_logout_request(&xml).as_deref(), Some(ST));
}

#[test]
fn round_trip_escapes() {
    let weird = "ST-<&>\"'Ελληνικά";
    let xml = render_logout_request("\"><x/>", t0(), weird);
    let root = parse(&xml);
    assert_eq!(root.attr("ID"), Some("\"><x/>"));
    assert_eq!(parse_logout_request(&xml).as_deref(), Some(weird));
}

#[test]
fn parses_spec_appendix_c_layout() {
    // Appendix C: namespace of saml declared on NameID, whitespace everywhere.
    let xml = format!(
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"\n   \
ID=\"LR-12-abc\" Version=\"2.0\" IssueInstant=\"2026-11-23T09:14:00Z\">\n  \
<saml:NameID xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">\n    @NOT_USED@\n  </saml:NameID>\n  \
<samlp:SessionIndex>\n {ST}\n </samlp:SessionIndex>\n</samlp:LogoutRequest>\n"
    );
    assert_eq!(parse_logout_request(&xml).as_deref(), Some(ST));
}

#[test]
fn garbage_is_none() {
    let too_big = format!(
        "{}{}",
        render_logout_request("LR", t0(), ST),
        " ".repeat(64 * 1024)
    );
    let cases: Vec<String> = vec![
        String::new(),
        "logoutRequest".into(),
        "\u{0}\u{ffff}".into(),
        "<samlp:LogoutRequest".into(),
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">".into(),
        // Unbound prefix.
        "<samlp:LogoutRequest><samlp:SessionIndex>ST-1</samlp:SessionIndex></samlp:LogoutRequest>".into(),
        // Wrong namespace (SAML 1.0).
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\"><samlp:SessionIndex>ST-1</samlp:SessionIndex></samlp:LogoutRequest>".into(),
        // Wrong root.
        "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex>ST-1</samlp:SessionIndex></samlp:LogoutResponse>".into(),
        // No / empty / structured SessionIndex.
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>".into(),
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex> </samlp:SessionIndex></samlp:LogoutRequest>".into(),
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex>ST<b/>1</samlp:SessionIndex></samlp:LogoutRequest>".into(),
        // SessionIndex nested deeper, not a child of the root.
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><x><samlp:SessionIndex>ST-1</samlp:SessionIndex></x></samlp:LogoutRequest>".into(),
        // DTD / entities.
        "<!DOCTYPE x [<!ENTITY e \"ST-1\">]><samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex>&e;</samlp:SessionIndex></samlp:LogoutRequest>".into(),
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex>&e;</samlp:SessionIndex></samlp:LogoutRequest>".into(),
        // Mismatched tags.
        "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex>ST-1</samlp:Other></samlp:LogoutRequest>".into(),
        too_big,
    ];
    for xml in &cases {
        assert_eq!(parse_logout_request(xml), None, "{xml:.200}");
    }
}

#[test]
fn first_session_index_wins() {
    let xml = "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><samlp:SessionIndex>ST-a</samlp:SessionIndex><samlp:SessionIndex>ST-b</samlp:SessionIndex></samlp:LogoutRequest>";
    assert_eq!(parse_logout_request(xml).as_deref(), Some("ST-a"));
}
