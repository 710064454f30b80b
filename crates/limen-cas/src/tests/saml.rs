use time::macros::{datetime, offset};

use super::dom::{Node, parse};
use super::{TRICKY, attrs, t0};
use crate::{
    ErrorCode, Failure, SamlContext, SamlRequest, Success, parse_saml_request, render_saml_response,
};

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SAMLP: &str = "urn:oasis:names:tc:SAML:1.0:protocol";
const SAML: &str = "urn:oasis:names:tc:SAML:1.0:assertion";
const CAS_ATTR_NS: &str = "http://www.ja-sig.org/products/cas/";

/// Exactly as sent by the Java CAS client (and CAS 3.0 §4.2.4, minus the
/// indentation).
const JAVA_CLIENT_REQUEST: &str = r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header/><SOAP-ENV:Body><samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1" RequestID="_192.168.16.51.1024506224022" IssueInstant="2002-06-19T17:03:44.022Z"><samlp:AssertionArtifact>ST-1-u4hrm3td92cLxpCvrjylcas.example.com</samlp:AssertionArtifact></samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;

fn expect_invalid(body: &str) -> Failure {
    match parse_saml_request(body) {
        Ok(r) => panic!("accepted {r:?} from\n{body}"),
        Err(f) => {
            assert_eq!(f.code, ErrorCode::InvalidRequest, "{f}");
            assert!(!f.message.is_empty());
            f
        }
    }
}

// ---- request parsing ----

#[test]
fn parses_java_client_envelope() {
    assert_eq!(
        parse_saml_request(JAVA_CLIENT_REQUEST),
        Ok(SamlRequest {
            request_id: "_192.168.16.51.1024506224022".to_string(),
            artifact: "ST-1-u4hrm3td92cLxpCvrjylcas.example.com".to_string(),
        })
    );
}

#[test]
fn parses_indented_spec_example_with_declaration() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">\n\
\t<SOAP-ENV:Header/>\n\
\t<SOAP-ENV:Body>\n\
\t\t<samlp:Request xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\" MajorVersion=\"1\" MinorVersion=\"1\" RequestID=\"_192.168.16.51.1024506224022\" IssueInstant=\"2002-06-19T17:03:44.022Z\">\n\
\t\t\t<samlp:AssertionArtifact>\n\t\t\t\tST-1-u4hrm3td92cLxpCvrjylcas.example.com\n\t\t\t</samlp:AssertionArtifact>\n\
\t\t</samlp:Request>\n\
\t</SOAP-ENV:Body>\n\
</SOAP-ENV:Envelope>\n";
    let r = parse_saml_request(body).unwrap();
    assert_eq!(r.request_id, "_192.168.16.51.1024506224022");
    assert_eq!(r.artifact, "ST-1-u4hrm3td92cLxpCvrjylcas.example.com");
}

#[test]
fn parses_other_prefixes_default_namespace_and_bare_request() {
    let body = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><Request xmlns="urn:oasis:names:tc:SAML:1.0:protocol" RequestID="r1"><AssertionArtifact>ST-abc</AssertionArtifact></Request></e:Body></e:Envelope>"#;
    let r = parse_saml_request(body).unwrap();
    assert_eq!(
        (r.request_id.as_str(), r.artifact.as_str()),
        ("r1", "ST-abc")
    );

    let bare = r#"<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" RequestID="r2"><samlp:AssertionArtifact><![CDATA[ST-cdata]]></samlp:AssertionArtifact></samlp:Request>"#;
    let r = parse_saml_request(bare).unwrap();
    assert_eq!(
        (r.request_id.as_str(), r.artifact.as_str()),
        ("r2", "ST-cdata")
    );
}

#[test]
fn artifact_syntax_is_not_checked_here() {
    let body = JAVA_CLIENT_REQUEST.replace(
        "ST-1-u4hrm3td92cLxpCvrjylcas.example.com",
        "not a ticket &amp; &lt;x&gt;",
    );
    assert_eq!(
        parse_saml_request(&body).unwrap().artifact,
        "not a ticket & <x>"
    );
}

#[test]
fn missing_or_empty_parts_are_invalid_request() {
    // No artifact.
    expect_invalid(&JAVA_CLIENT_REQUEST.replace(
        "<samlp:AssertionArtifact>ST-1-u4hrm3td92cLxpCvrjylcas.example.com</samlp:AssertionArtifact>",
        "",
    ));
    // Empty / whitespace-only artifact, self-closing artifact.
    expect_invalid(
        &JAVA_CLIENT_REQUEST.replace("ST-1-u4hrm3td92cLxpCvrjylcas.example.com", " \n\t "),
    );
    expect_invalid(&JAVA_CLIENT_REQUEST.replace(
        "<samlp:AssertionArtifact>ST-1-u4hrm3td92cLxpCvrjylcas.example.com</samlp:AssertionArtifact>",
        "<samlp:AssertionArtifact/>",
    ));
    // Two artifacts.
    expect_invalid(&JAVA_CLIENT_REQUEST.replace(
        "</samlp:Request>",
        "<samlp:AssertionArtifact>ST-2</samlp:AssertionArtifact></samlp:Request>",
    ));
    // Artifact with child elements.
    expect_invalid(
        &JAVA_CLIENT_REQUEST.replace("ST-1-u4hrm3td92cLxpCvrjylcas.example.com", "ST-1<x/>"),
    );
    // No / empty RequestID.
    expect_invalid(&JAVA_CLIENT_REQUEST.replace("RequestID=\"_192.168.16.51.1024506224022\"", ""));
    expect_invalid(&JAVA_CLIENT_REQUEST.replace(
        "RequestID=\"_192.168.16.51.1024506224022\"",
        "RequestID=\"  \"",
    ));
    // No Body, no Request, two Requests.
    expect_invalid(
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header/></SOAP-ENV:Envelope>"#,
    );
    expect_invalid(
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body/></SOAP-ENV:Envelope>"#,
    );
    let req = r#"<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" RequestID="r"><samlp:AssertionArtifact>ST-1</samlp:AssertionArtifact></samlp:Request>"#;
    expect_invalid(&format!(
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>{req}{req}</SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    ));
}

#[test]
fn wrong_namespaces_are_invalid_request() {
    // SAML 2.0 protocol namespace instead of 1.0.
    expect_invalid(&JAVA_CLIENT_REQUEST.replace(
        "urn:oasis:names:tc:SAML:1.0:protocol",
        "urn:oasis:names:tc:SAML:2.0:protocol",
    ));
    // Prefix used without declaration.
    expect_invalid(
        &JAVA_CLIENT_REQUEST.replace(" xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\"", ""),
    );
    // Unknown root.
    expect_invalid("<html><body>hi</body></html>");
}

#[test]
fn malformed_and_garbage_are_invalid_request() {
    for body in [
        "",
        "   ",
        "hello",
        "\u{0}\u{1}\u{2}",
        "<",
        "<<<>>>",
        "<a>",
        "<a></b>",
        "</a>",
        "<a/><b/>",
        "<a/>trailing",
        "text<a/>",
        "<a x='1' x='2'/>",
        "<a x=1/>",
        "<!-- only a comment -->",
        "<?xml version=\"1.0\"?>",
        "<a>&nbsp;</a>",
        "<a>&#0;</a>",
        "<a>\u{1}</a>",
        "<a b=\"\u{2}\"/>",
        "<![CDATA[x]]>",
        "{\"json\": true}",
    ] {
        expect_invalid(body);
    }
    // Truncated realistic request.
    expect_invalid(&JAVA_CLIENT_REQUEST[..JAVA_CLIENT_REQUEST.len() - 10]);
}

#[test]
fn any_dtd_is_rejected() {
    let billion_laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" RequestID="r"><samlp:AssertionArtifact>&lol3;</samlp:AssertionArtifact></samlp:Request>"#;
    let f = expect_invalid(billion_laughs);
    assert!(f.message.contains("DTD"), "{}", f.message);

    let xxe = r#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" RequestID="r"><samlp:AssertionArtifact>&x;</samlp:AssertionArtifact></samlp:Request>"#;
    expect_invalid(xxe);

    // Even a harmless DOCTYPE.
    let plain = format!("<!DOCTYPE SOAP-ENV:Envelope>{JAVA_CLIENT_REQUEST}");
    let f = expect_invalid(&plain);
    assert!(f.message.contains("DTD"), "{}", f.message);
}

#[test]
fn oversize_is_rejected_before_parsing() {
    // Padding inside the document: 64 KiB + 1 byte.
    let pad = " ".repeat(64 * 1024 + 1 - JAVA_CLIENT_REQUEST.len());
    let body = format!("{JAVA_CLIENT_REQUEST}{pad}");
    assert_eq!(body.len(), 64 * 1024 + 1);
    let f = expect_invalid(&body);
    assert!(f.message.contains("larger"), "{}", f.message);
    // Exactly 64 KiB is still fine.
    let ok = &body[..64 * 1024];
    assert!(parse_saml_request(ok).is_ok());
    // Megabytes of garbage.
    expect_invalid(&"<a>".repeat(1_000_000));
}

#[test]
fn deep_nesting_is_rejected() {
    let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    expect_invalid(&deep);
}

// ---- response rendering ----

fn ctx<'a>(in_response_to: &'a str) -> SamlContext<'a> {
    SamlContext {
        response_id: "_5c94b5431c540365e5a70b2874b75996",
        in_response_to,
        issue_instant: t0(),
        not_before: t0() - time::Duration::seconds(5),
        not_on_or_after: datetime!(2026-11-23 09:14:30 UTC),
        issuer: "sso.example.eu",
        audience: "https://some-service.example.com/app/?a=1&b=2",
        auth_instant: datetime!(2026-11-23 09:13:59.741 UTC),
        auth_method: "urn:oasis:names:tc:SAML:1.0:am:password",
    }
}

fn response_of(root: &Node) -> &Node {
    assert_eq!(root.qname, "SOAP-ENV:Envelope");
    assert_eq!(root.ns.as_deref(), Some(SOAP));
    assert_eq!(root.child_names(), ["Header", "Body"]);
    assert!(root.child(SOAP, "Header").children.is_empty());
    let body = root.child(SOAP, "Body");
    assert_eq!(body.child_names(), ["Response"]);
    let resp = body.child(SAMLP, "Response");
    assert_eq!(resp.attr("MajorVersion"), Some("1"));
    assert_eq!(resp.attr("MinorVersion"), Some("1"));
    assert_eq!(
        resp.attr("ResponseID"),
        Some("_5c94b5431c540365e5a70b2874b75996")
    );
    assert_eq!(resp.attr("IssueInstant"), Some("2026-11-23T09:14:00Z"));
    resp
}

fn subject_user(stmt: &Node) -> String {
    let subject = stmt.child(SAML, "Subject");
    assert_eq!(
        subject
            .child(SAML, "SubjectConfirmation")
            .child(SAML, "ConfirmationMethod")
            .text,
        "urn:oasis:names:tc:SAML:1.0:cm:artifact"
    );
    subject.child(SAML, "NameIdentifier").text.clone()
}

#[test]
fn saml_success_structure() {
    let r = Ok(Success {
        user: "johnq".to_string(),
        attributes: attrs(&[
            ("uid", &["12345"]),
            ("eduPersonAffiliation", &["staff", "member"]),
            ("empty", &[]),
        ]),
        proxy_granting_ticket_iou: None,
        proxies: vec![],
    });
    let xml = render_saml_response(&r, &ctx("_192.168.16.51.1024506224022"));
    let root = parse(&xml);
    let resp = response_of(&root);
    assert_eq!(
        resp.attr("InResponseTo"),
        Some("_192.168.16.51.1024506224022")
    );
    assert_eq!(
        resp.attr("Recipient"),
        Some("https://some-service.example.com/app/?a=1&b=2")
    );
    assert_eq!(resp.child_names(), ["Status", "Assertion"]);

    let status = resp.child(SAMLP, "Status");
    assert_eq!(status.child_names(), ["StatusCode"]);
    let code = status.child(SAMLP, "StatusCode");
    assert_eq!(code.attr("Value"), Some("samlp:Success"));
    // The QName value's prefix is bound to the protocol namespace.
    assert_eq!(resp.attr("xmlns:samlp"), Some(SAMLP));

    let a = resp.child(SAML, "Assertion");
    assert_eq!(
        a.attr("AssertionID"),
        Some("_5c94b5431c540365e5a70b2874b75996-assertion")
    );
    assert_eq!(a.attr("IssueInstant"), Some("2026-11-23T09:14:00Z"));
    assert_eq!(a.attr("Issuer"), Some("sso.example.eu"));
    assert_eq!(a.attr("MajorVersion"), Some("1"));
    assert_eq!(a.attr("MinorVersion"), Some("1"));
    assert_eq!(
        a.child_names(),
        [
            "Conditions",
            "AuthenticationStatement",
            "AttributeStatement"
        ]
    );

    let cond = a.child(SAML, "Conditions");
    assert_eq!(cond.attr("NotBefore"), Some("2026-11-23T09:13:55Z"));
    assert_eq!(cond.attr("NotOnOrAfter"), Some("2026-11-23T09:14:30Z"));
    assert_eq!(
        cond.child(SAML, "AudienceRestrictionCondition")
            .child(SAML, "Audience")
            .text,
        "https://some-service.example.com/app/?a=1&b=2"
    );

    let authn = a.child(SAML, "AuthenticationStatement");
    assert_eq!(
        authn.attr("AuthenticationInstant"),
        Some("2026-11-23T09:13:59.741Z")
    );
    assert_eq!(
        authn.attr("AuthenticationMethod"),
        Some("urn:oasis:names:tc:SAML:1.0:am:password")
    );
    assert_eq!(subject_user(authn), "johnq");

    let attr_stmt = a.child(SAML, "AttributeStatement");
    assert_eq!(subject_user(attr_stmt), "johnq");
    let attributes: Vec<&Node> = attr_stmt
        .children
        .iter()
        .filter(|c| c.local == "Attribute")
        .collect();
    assert_eq!(attributes.len(), 2, "attribute without values is left out");
    let rendered: Vec<(String, Vec<String>)> = attributes
        .iter()
        .map(|at| {
            assert_eq!(at.ns.as_deref(), Some(SAML));
            assert_eq!(at.attr("AttributeNamespace"), Some(CAS_ATTR_NS));
            let values = at
                .children
                .iter()
                .map(|v| {
                    assert_eq!(v.ns.as_deref(), Some(SAML));
                    assert_eq!(v.local, "AttributeValue");
                    assert_eq!(v.attr("xsi:type"), Some("xsd:string"));
                    v.text.clone()
                })
                .collect();
            (at.attr("AttributeName").unwrap().to_string(), values)
        })
        .collect();
    assert_eq!(
        rendered,
        attrs(&[
            ("uid", &["12345"]),
            ("eduPersonAffiliation", &["staff", "member"])
        ])
    );
}

#[test]
fn saml_success_without_attributes_has_no_attribute_statement() {
    let r = Ok(Success {
        user: "johnq".to_string(),
        ..Success::default()
    });
    let root = parse(&render_saml_response(&r, &ctx("r1")));
    let a = response_of(&root).child(SAML, "Assertion");
    assert_eq!(a.child_names(), ["Conditions", "AuthenticationStatement"]);
}

#[test]
fn saml_tricky_values_round_trip() {
    let values: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
    let r = Ok(Success {
        user: "Ζωή <&> 张伟".to_string(),
        attributes: vec![
            ("tricky".to_string(), values.clone()),
            (
                "name with \"quotes\" & <brackets>".to_string(),
                vec!["v".to_string()],
            ),
        ],
        ..Success::default()
    });
    let c = SamlContext {
        issuer: "iss\"<&>'",
        in_response_to: "\"><evil/>",
        ..ctx("")
    };
    let root = parse(&render_saml_response(&r, &c));
    let resp = response_of(&root);
    assert_eq!(resp.attr("InResponseTo"), Some("\"><evil/>"));
    let a = resp.child(SAML, "Assertion");
    assert_eq!(a.attr("Issuer"), Some("iss\"<&>'"));
    assert_eq!(
        subject_user(a.child(SAML, "AuthenticationStatement")),
        "Ζωή <&> 张伟"
    );
    let stmt = a.child(SAML, "AttributeStatement");
    let attributes: Vec<&Node> = stmt
        .children
        .iter()
        .filter(|c| c.local == "Attribute")
        .collect();
    assert_eq!(attributes[0].attr("AttributeName"), Some("tricky"));
    let got: Vec<&str> = attributes[0]
        .children
        .iter()
        .map(|v| v.text.as_str())
        .collect();
    assert_eq!(got, TRICKY);
    assert_eq!(
        attributes[1].attr("AttributeName"),
        Some("name with \"quotes\" & <brackets>")
    );
}

#[test]
fn saml_failure_structure() {
    let f = Err(Failure::new(
        ErrorCode::InvalidTicket,
        "Ticket ST-1 not recognized <&>",
    ));
    let root = parse(&render_saml_response(&f, &ctx("_req")));
    let resp = response_of(&root);
    assert_eq!(resp.attr("InResponseTo"), Some("_req"));
    assert_eq!(resp.child_names(), ["Status"], "no assertion on failure");
    let status = resp.child(SAMLP, "Status");
    assert_eq!(status.child_names(), ["StatusCode", "StatusMessage"]);
    let top = status.child(SAMLP, "StatusCode");
    assert_eq!(top.attr("Value"), Some("samlp:Responder"));
    assert_eq!(
        top.child(SAMLP, "StatusCode").attr("Value"),
        Some("samlp:RequestDenied")
    );
    assert_eq!(
        status.child(SAMLP, "StatusMessage").text,
        "Ticket ST-1 not recognized <&>"
    );
}

#[test]
fn saml_failure_status_codes() {
    for code in ErrorCode::ALL {
        let f = Err(Failure::new(code, "m"));
        let root = parse(&render_saml_response(&f, &ctx("")));
        let resp = response_of(&root);
        assert_eq!(resp.attr("InResponseTo"), None, "omitted when unknown");
        let top = resp.child(SAMLP, "Status").child(SAMLP, "StatusCode");
        let sub = top.children.first().and_then(|c| c.attr("Value"));
        let expected = match code {
            ErrorCode::InvalidRequest | ErrorCode::InvalidTicketSpec => ("samlp:Requester", None),
            ErrorCode::InternalError => ("samlp:Responder", None),
            _ => ("samlp:Responder", Some("samlp:RequestDenied")),
        };
        assert_eq!((top.attr("Value").unwrap(), sub), expected, "{code}");
    }
}

#[test]
fn saml_timestamps_are_utc_z_with_at_most_milliseconds() {
    let c = SamlContext {
        // 10:14 at +01:00 is 09:14 UTC.
        issue_instant: datetime!(2026-11-23 10:14:00.123456789).assume_offset(offset!(+1)),
        not_before: datetime!(2026-11-23 10:14:00.123456789).assume_offset(offset!(+1)),
        not_on_or_after: datetime!(2026-11-23 09:14:30.5 UTC),
        auth_instant: datetime!(2026-11-22 23:59:59).assume_offset(offset!(-2)),
        ..ctx("r")
    };
    let root = parse(&render_saml_response(&super::success("u"), &c));
    let resp = response_of_loose(&root);
    assert_eq!(resp.attr("IssueInstant"), Some("2026-11-23T09:14:00.123Z"));
    let a = resp.child(SAML, "Assertion");
    let cond = a.child(SAML, "Conditions");
    assert_eq!(cond.attr("NotBefore"), Some("2026-11-23T09:14:00.123Z"));
    assert_eq!(cond.attr("NotOnOrAfter"), Some("2026-11-23T09:14:30.5Z"));
    assert_eq!(
        a.child(SAML, "AuthenticationStatement")
            .attr("AuthenticationInstant"),
        Some("2026-11-23T01:59:59Z")
    );
}

fn response_of_loose(root: &Node) -> &Node {
    root.child(SOAP, "Body").child(SAMLP, "Response")
}

#[test]
fn saml_extreme_timestamps_do_not_panic() {
    let c = SamlContext {
        issue_instant: time::OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT)
            .replace_offset(offset!(-23:59:59)),
        not_on_or_after: time::OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT),
        ..ctx("r")
    };
    let root = parse(&render_saml_response(&super::success("u"), &c));
    let resp = response_of_loose(&root);
    let issue = resp.attr("IssueInstant").unwrap();
    assert!(issue.ends_with('Z'), "{issue}");
}

#[test]
fn saml_request_response_round_trip() {
    let req = parse_saml_request(JAVA_CLIENT_REQUEST).unwrap();
    let c = ctx(&req.request_id);
    let root = parse(&render_saml_response(&super::success("jdoe"), &c));
    assert_eq!(
        response_of(&root).attr("InResponseTo"),
        Some("_192.168.16.51.1024506224022")
    );
}
