use serde_json::{Value, json};

use super::dom::parse;
use super::{CAS, TRICKY, attrs, success};
use crate::{
    ErrorCode, Failure, Format, Success, render_proxy_response, render_service_response,
    render_validate_v1,
};

fn full_success() -> Result<Success, Failure> {
    Ok(Success {
        user: "jdoe".to_string(),
        attributes: attrs(&[
            ("email", &["jdoe@example.org"]),
            ("affiliation", &["staff", "faculty"]),
            ("firstName", &["John"]),
        ]),
        proxy_granting_ticket_iou: Some("PGTIOU-84678-8a9d".to_string()),
        proxies: vec![
            "https://proxy2/pgtUrl".to_string(),
            "https://proxy1/pgtUrl".to_string(),
        ],
    })
}

fn texts<'a>(nodes: impl Iterator<Item = &'a super::dom::Node>) -> Vec<&'a str> {
    nodes.map(|n| n.text.as_str()).collect()
}

// ---- CAS 1.0 /validate ----

#[test]
fn v1_yes_and_no() {
    assert_eq!(render_validate_v1(&success("jdoe")), "yes\njdoe\n");
    assert_eq!(
        render_validate_v1(&Err(Failure::new(ErrorCode::InvalidTicket, "nope"))),
        "no\n\n"
    );
}

#[test]
fn v1_user_cannot_forge_lines() {
    assert_eq!(
        render_validate_v1(&success("eve\nyes\r\nadmin")),
        "yes\neveyesadmin\n"
    );
    assert_eq!(render_validate_v1(&success("Ελένη")), "yes\nΕλένη\n");
}

// ---- XML service response ----

#[test]
fn xml_success_minimal_matches_spec_shape() {
    let xml = render_service_response(&success("username"), Format::Xml, true);
    let root = parse(&xml);
    assert_eq!(root.qname, "cas:serviceResponse");
    assert_eq!(root.attr("xmlns:cas"), Some(CAS));
    root.assert_all_in(CAS);
    assert_eq!(root.child_names(), ["authenticationSuccess"]);
    let ok = root.child(CAS, "authenticationSuccess");
    assert_eq!(ok.child_names(), ["user"]);
    assert_eq!(ok.child(CAS, "user").text, "username");
}

#[test]
fn xml_success_without_attributes_when_not_requested() {
    let xml = render_service_response(&full_success(), Format::Xml, false);
    let root = parse(&xml);
    let ok = root.child(CAS, "authenticationSuccess");
    assert_eq!(ok.child_names(), ["user", "proxyGrantingTicket", "proxies"]);
    assert!(!ok.has_child(CAS, "attributes"));
    assert!(!xml.contains("jdoe@example.org"));
}

#[test]
fn xml_success_full_in_schema_order() {
    let xml = render_service_response(&full_success(), Format::Xml, true);
    let root = parse(&xml);
    root.assert_all_in(CAS);
    let ok = root.child(CAS, "authenticationSuccess");
    // Appendix A AuthenticationSuccessType sequence.
    assert_eq!(
        ok.child_names(),
        ["user", "attributes", "proxyGrantingTicket", "proxies"]
    );
    assert_eq!(ok.child(CAS, "user").text, "jdoe");
    let a = ok.child(CAS, "attributes");
    assert_eq!(
        a.child_names(),
        ["email", "affiliation", "affiliation", "firstName"]
    );
    assert_eq!(
        texts(a.children.iter()),
        ["jdoe@example.org", "staff", "faculty", "John"]
    );
    assert_eq!(
        ok.child(CAS, "proxyGrantingTicket").text,
        "PGTIOU-84678-8a9d"
    );
    let proxies = ok.child(CAS, "proxies");
    assert_eq!(proxies.child_names(), ["proxy", "proxy"]);
    // Most recent proxy first, order kept (§2.6.2).
    assert_eq!(
        texts(proxies.children.iter()),
        ["https://proxy2/pgtUrl", "https://proxy1/pgtUrl"]
    );
}

#[test]
fn xml_pgtiou_without_proxies_and_proxies_without_pgtiou() {
    let r = Ok(Success {
        user: "u".into(),
        proxy_granting_ticket_iou: Some("PGTIOU-1".into()),
        ..Success::default()
    });
    let root = parse(&render_service_response(&r, Format::Xml, true));
    let ok = root.child(CAS, "authenticationSuccess");
    assert_eq!(ok.child_names(), ["user", "proxyGrantingTicket"]);

    let r = Ok(Success {
        user: "u".into(),
        proxies: vec!["https://p/cb".into()],
        ..Success::default()
    });
    let root = parse(&render_service_response(&r, Format::Xml, true));
    let ok = root.child(CAS, "authenticationSuccess");
    assert_eq!(ok.child_names(), ["user", "proxies"]);
    assert_eq!(
        ok.child(CAS, "proxies").child(CAS, "proxy").text,
        "https://p/cb"
    );
}

#[test]
fn xml_tricky_values_round_trip() {
    let values: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    let r = Ok(Success {
        user: TRICKY[0].to_string(),
        attributes: vec![
            ("tricky".to_string(), values.clone()),
            ("displayName".to_string(), vec!["Ζωή 张伟".to_string()]),
        ],
        proxy_granting_ticket_iou: Some("PGTIOU-<&>".to_string()),
        proxies: vec!["https://p/cb?a=1&b='2'".to_string()],
    });
    let xml = render_service_response(&r, Format::Xml, true);
    let root = parse(&xml);
    let ok = root.child(CAS, "authenticationSuccess");
    assert_eq!(ok.child(CAS, "user").text, TRICKY[0]);
    let a = ok.child(CAS, "attributes");
    let tricky: Vec<&str> = a
        .children
        .iter()
        .filter(|c| c.local == "tricky")
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(tricky, TRICKY);
    assert_eq!(a.child(CAS, "displayName").text, "Ζωή 张伟");
    assert_eq!(ok.child(CAS, "proxyGrantingTicket").text, "PGTIOU-<&>");
    assert_eq!(
        ok.child(CAS, "proxies").child(CAS, "proxy").text,
        "https://p/cb?a=1&b='2'"
    );
}

#[test]
fn xml_illegal_characters_are_stripped() {
    let r = Ok(Success {
        user: "a\u{0}b\u{1}c\u{1b}d\u{FFFE}e\u{FFFF}f".to_string(),
        attributes: attrs(&[("x", &["\u{8}bell\u{7}"])]),
        ..Success::default()
    });
    let root = parse(&render_service_response(&r, Format::Xml, true));
    let ok = root.child(CAS, "authenticationSuccess");
    assert_eq!(ok.child(CAS, "user").text, "abcdef");
    assert_eq!(ok.child(CAS, "attributes").child(CAS, "x").text, "bell");

    let f = Err(Failure::new(
        ErrorCode::InvalidTicket,
        "bad\u{0}\u{c}ticket",
    ));
    let root = parse(&render_service_response(&f, Format::Xml, true));
    assert_eq!(root.child(CAS, "authenticationFailure").text, "badticket");
}

#[test]
fn xml_attribute_names_that_are_not_xml_names_are_skipped() {
    let r = Ok(Success {
        user: "u".into(),
        attributes: attrs(&[
            ("ok", &["1"]),
            ("bad name", &["2"]),
            ("1digit", &["3"]),
            ("a:b", &["4"]),
            ("x><y", &["5"]),
            ("", &["6"]),
            ("ελληνικά", &["7"]),
            ("名前", &["8"]),
            ("with-dash.dot_", &["9"]),
        ]),
        ..Success::default()
    });
    let xml = render_service_response(&r, Format::Xml, true);
    let root = parse(&xml);
    let a = root
        .child(CAS, "authenticationSuccess")
        .child(CAS, "attributes");
    assert_eq!(
        a.child_names(),
        ["ok", "ελληνικά", "名前", "with-dash.dot_"]
    );
    assert_eq!(texts(a.children.iter()), ["1", "7", "8", "9"]);

    // JSON can carry any name.
    let json: Value =
        serde_json::from_str(&render_service_response(&r, Format::Json, true)).unwrap();
    let a = &json["serviceResponse"]["authenticationSuccess"]["attributes"];
    assert_eq!(a["bad name"], json!(["2"]));
    assert_eq!(a["x><y"], json!(["5"]));
    assert_eq!(a[""], json!(["6"]));
}

#[test]
fn only_invalid_or_empty_attributes_means_no_attributes_element() {
    let r = Ok(Success {
        user: "u".into(),
        attributes: vec![
            ("bad name".to_string(), vec!["x".to_string()]),
            ("empty".to_string(), vec![]),
        ],
        ..Success::default()
    });
    let root = parse(&render_service_response(&r, Format::Xml, true));
    assert_eq!(
        root.child(CAS, "authenticationSuccess").child_names(),
        ["user"]
    );
}

#[test]
fn repeated_attribute_names_are_merged() {
    let r = Ok(Success {
        user: "u".into(),
        attributes: attrs(&[("g", &["a"]), ("h", &["x"]), ("g", &["b", "c"])]),
        ..Success::default()
    });
    let root = parse(&render_service_response(&r, Format::Xml, true));
    let a = root
        .child(CAS, "authenticationSuccess")
        .child(CAS, "attributes");
    assert_eq!(a.child_names(), ["g", "g", "g", "h"]);
    assert_eq!(texts(a.children.iter()), ["a", "b", "c", "x"]);
    let json: Value =
        serde_json::from_str(&render_service_response(&r, Format::Json, true)).unwrap();
    assert_eq!(
        json["serviceResponse"]["authenticationSuccess"]["attributes"],
        json!({"g": ["a", "b", "c"], "h": ["x"]})
    );
}

#[test]
fn xml_failure_every_code() {
    for code in ErrorCode::ALL {
        let f = Err(Failure::new(
            code,
            "Ticket <ST-1> & \"friends\" not recognized",
        ));
        let xml = render_service_response(&f, Format::Xml, true);
        let root = parse(&xml);
        root.assert_all_in(CAS);
        assert_eq!(root.child_names(), ["authenticationFailure"]);
        let fail = root.child(CAS, "authenticationFailure");
        assert_eq!(fail.attr("code"), Some(code.as_str()));
        assert_eq!(fail.text, "Ticket <ST-1> & \"friends\" not recognized");
        assert!(fail.children.is_empty());
    }
}

// ---- JSON service response ----

#[test]
fn json_success_full() {
    let s = render_service_response(&full_success(), Format::Json, true);
    let v: Value = serde_json::from_str(&s).unwrap();
    assert_eq!(
        v,
        json!({"serviceResponse": {"authenticationSuccess": {
            "user": "jdoe",
            "proxyGrantingTicket": "PGTIOU-84678-8a9d",
            "proxies": ["https://proxy2/pgtUrl", "https://proxy1/pgtUrl"],
            "attributes": {
                "email": ["jdoe@example.org"],
                "affiliation": ["staff", "faculty"],
                "firstName": ["John"]
            }
        }}})
    );
}

#[test]
fn json_success_minimal_and_without_attributes() {
    let v: Value = serde_json::from_str(&render_service_response(
        &success("username"),
        Format::Json,
        true,
    ))
    .unwrap();
    assert_eq!(
        v,
        json!({"serviceResponse": {"authenticationSuccess": {"user": "username"}}})
    );
    let v: Value = serde_json::from_str(&render_service_response(
        &full_success(),
        Format::Json,
        false,
    ))
    .unwrap();
    let ok = &v["serviceResponse"]["authenticationSuccess"];
    assert!(ok.get("attributes").is_none());
    assert_eq!(ok["proxyGrantingTicket"], "PGTIOU-84678-8a9d");
}

#[test]
fn json_failure() {
    let f = Err(Failure::new(
        ErrorCode::InvalidTicket,
        "Ticket ST-1856339-aA5Yuvrxzpv8Tau1cYQ7 not recognized",
    ));
    let v: Value = serde_json::from_str(&render_service_response(&f, Format::Json, true)).unwrap();
    assert_eq!(
        v,
        json!({"serviceResponse": {"authenticationFailure": {
            "code": "INVALID_TICKET",
            "description": "Ticket ST-1856339-aA5Yuvrxzpv8Tau1cYQ7 not recognized"
        }}})
    );
}

#[test]
fn json_tricky_values_round_trip() {
    let values: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    let user = "\"}],\"user\":\"admin\u{0}";
    let r = Ok(Success {
        user: user.to_string(),
        attributes: vec![("tricky".to_string(), values.clone())],
        ..Success::default()
    });
    let v: Value = serde_json::from_str(&render_service_response(&r, Format::Json, true)).unwrap();
    let ok = &v["serviceResponse"]["authenticationSuccess"];
    assert_eq!(ok["user"], user);
    assert_eq!(ok["attributes"]["tricky"], json!(values));
}

// ---- /proxy ----

#[test]
fn proxy_success_xml_and_json() {
    let r = Ok("PT-1856392-b98xZrQN4p90ASrw96c8".to_string());
    let root = parse(&render_proxy_response(&r, Format::Xml));
    root.assert_all_in(CAS);
    assert_eq!(root.qname, "cas:serviceResponse");
    assert_eq!(root.child_names(), ["proxySuccess"]);
    let ok = root.child(CAS, "proxySuccess");
    assert_eq!(ok.child_names(), ["proxyTicket"]);
    assert_eq!(
        ok.child(CAS, "proxyTicket").text,
        "PT-1856392-b98xZrQN4p90ASrw96c8"
    );

    let v: Value = serde_json::from_str(&render_proxy_response(&r, Format::Json)).unwrap();
    assert_eq!(
        v,
        json!({"serviceResponse": {"proxySuccess": {"proxyTicket": "PT-1856392-b98xZrQN4p90ASrw96c8"}}})
    );
}

#[test]
fn proxy_failure_xml_and_json() {
    let msg = "'pgt' and 'targetService' parameters are both required <&>";
    let r = Err(Failure::new(ErrorCode::InvalidRequest, msg));
    let root = parse(&render_proxy_response(&r, Format::Xml));
    root.assert_all_in(CAS);
    assert_eq!(root.child_names(), ["proxyFailure"]);
    let fail = root.child(CAS, "proxyFailure");
    assert_eq!(fail.attr("code"), Some("INVALID_REQUEST"));
    assert_eq!(fail.text, msg);

    let v: Value = serde_json::from_str(&render_proxy_response(&r, Format::Json)).unwrap();
    assert_eq!(
        v,
        json!({"serviceResponse": {"proxyFailure": {"code": "INVALID_REQUEST", "description": msg}}})
    );
}

#[test]
fn proxy_ticket_is_escaped() {
    let r = Ok("PT-<evil>&".to_string());
    let root = parse(&render_proxy_response(&r, Format::Xml));
    assert_eq!(
        root.child(CAS, "proxySuccess")
            .child(CAS, "proxyTicket")
            .text,
        "PT-<evil>&"
    );
}
