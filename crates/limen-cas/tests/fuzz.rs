//! Fuzz targets of the CAS protocol crate (docs/FUZZING.md): the `/samlValidate` body (SAML 1.1
//! in SOAP, CAS 3.0 §4.2), the single-logout document (§2.3.3, Appendix C), ticket syntax (§3),
//! the `format` parameter (§2.5.1), the redirect carrying a ticket (§2.2.4), and the responses
//! rendered from whatever the store and the request hold (§2.5.2, §2.6.2, §4.2.5).
//!
//! Properties: no panic on any input; DTDs are refused (XXE, billion laughs); a well-formed
//! request built from random parts reads back its parts; renderers always produce well-formed
//! XML or JSON that carries the values given; acceptance of tickets agrees with a model.

#[path = "../../../tests/fuzz/support.rs"]
mod support;

use limen_cas::{
    ErrorCode, Failure, Format, MAX_TICKET_BODY, MIN_TICKET_BODY, SamlContext, Success,
    parse_logout_request, parse_saml_request, render_logout_request, render_proxy_response,
    render_saml_response, render_service_response, service_url_with_ticket, ticket_kind,
};
use proptest::prelude::*;
use support::{config, mutated, nasty_string, xml_document, xml_tree};
use time::macros::datetime;

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const SAMLP1: &str = "urn:oasis:names:tc:SAML:1.0:protocol";
const SAMLP2: &str = "urn:oasis:names:tc:SAML:2.0:protocol";

/// XML 1.0 §2.2 `Char`, written out again here as the model of what survives a round trip.
fn xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn xml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r'])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn ticket_like() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "ST-", "PT-", "PGT-", "PGTIOU-", "TGT-", "st-", "ST", "OC-", "",
    ]);
    let body = prop_oneof![
        4 => "[A-Za-z0-9-]{30,40}",
        1 => "[A-Za-z0-9._-]{0,300}",
        1 => nasty_string(40),
    ];
    (prefix, body).prop_map(|(p, b)| format!("{p}{b}"))
}

/// A valid `/samlValidate` body with random namespace prefixes, SOAP version, white space,
/// comments and attribute order; and what the parser must read from it.
fn saml_request() -> impl Strategy<Value = (String, String, String)> {
    let prefix = prop::sample::select(vec!["samlp", "p", "SAMLP", "a.b", ""]);
    let soap = prop::sample::select(vec![
        Some(("SOAP-ENV", SOAP11)),
        Some(("s", SOAP12)),
        Some(("", SOAP11)),
        None,
    ]);
    let ws = prop::sample::select(vec!["", " ", "\n  ", "\r\n", "\t"]);
    let filler = prop::sample::select(vec!["", "<!-- c -->", "<?pi x?>"]);
    let id = prop_oneof!["_[0-9a-f]{8,32}", "[ -~]{1,20}"];
    let header = any::<bool>();
    (prefix, soap, ws, filler, id, ticket_like(), header).prop_map(
        |(prefix, soap, ws, filler, id, ticket, header)| {
            let q = |p: &str, local: &str| if p.is_empty() { local.to_owned() } else { format!("{p}:{local}") };
            let decl = |p: &str, ns: &str| if p.is_empty() { format!(" xmlns=\"{ns}\"") } else { format!(" xmlns:{p}=\"{ns}\"") };
            let request = format!(
                "<{r}{d} MajorVersion=\"1\" MinorVersion=\"1\" RequestID=\"{id}\" IssueInstant=\"2002-06-19T17:03:44.022Z\">{ws}{filler}<{a}>{ws}{t}{ws}</{a}>{ws}</{r}>",
                r = q(prefix, "Request"),
                d = decl(prefix, SAMLP1),
                id = escape(&id),
                a = q(prefix, "AssertionArtifact"),
                t = escape(&ticket),
            );
            let body = match soap {
                Some((sp, ns)) => format!(
                    "<{e}{d}>{h}{ws}<{b}>{ws}{request}{ws}</{b}>{filler}</{e}>",
                    e = q(sp, "Envelope"),
                    d = decl(sp, ns),
                    h = if header { format!("<{}/>", q(sp, "Header")) } else { String::new() },
                    b = q(sp, "Body"),
                ),
                None => request,
            };
            (body, id, ticket)
        },
    )
}

const XML_TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "=",
    "&",
    "&amp;",
    "&lol;",
    "<!DOCTYPE r>",
    "<![CDATA[x]]>",
    "<!--",
    "-->",
    "<?x?>",
    " xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\"",
    " xmlns=\"\"",
    "<samlp:AssertionArtifact>ST-2</samlp:AssertionArtifact>",
    "<samlp:Request RequestID=\"2\">",
    "</samlp:Request>",
    "samlp:",
    "xmlns",
    ":",
];

/// The document less its comments and CDATA sections, where `<!DOCTYPE` is only text
/// (XML 1.0 §2.5, §2.7): what is left is where a DTD would be markup.
fn markup(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let next = [("<!--", "-->"), ("<![CDATA[", "]]>")]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, open, close)))
            .min_by_key(|&(at, _, _)| at);
        let Some((at, open, close)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        match rest[at + open.len()..].find(close) {
            Some(end) => rest = &rest[at + open.len() + end + close.len()..],
            None => return out,
        }
    }
}

fn cas_tree() -> BoxedStrategy<support::XmlNode> {
    xml_tree(
        vec![
            "SOAP-ENV:Envelope",
            "SOAP-ENV:Body",
            "SOAP-ENV:Header",
            "samlp:Request",
            "samlp:AssertionArtifact",
            "samlp:LogoutRequest",
            "samlp:SessionIndex",
            "saml:NameID",
            "x:y",
            "Request",
            "a",
            "undeclared:Body",
        ],
        vec![
            "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"",
            "xmlns:samlp",
            "xmlns:saml",
            "xmlns",
            "RequestID",
            "ID",
            "xmlns:x",
            "x:RequestID",
        ],
        vec![
            SOAP11,
            SOAP12,
            SAMLP1,
            SAMLP2,
            "ST-0123456789abcdef0123456789abcdef",
            "r1",
            " ",
            "",
        ],
        5,
    )
}

proptest! {
    #![proptest_config(config(500))]

    /// A valid `/samlValidate` body in any of its legitimate spellings is read: the parser
    /// returns its `RequestID` and artifact, trimmed of XML white space.
    #[test]
    fn fuzz_saml_validate_reads_valid_requests((body, id, ticket) in saml_request()) {
        let expect_id = xml_trim(&id).to_owned();
        let expect_ticket = xml_trim(&ticket).to_owned();
        let legal = id.chars().chain(ticket.chars()).all(xml_char);
        match parse_saml_request(&body) {
            Ok(req) => {
                prop_assert!(legal, "accepted a character XML forbids: {body:?}");
                prop_assert_eq!(req.request_id, expect_id);
                prop_assert_eq!(req.artifact, expect_ticket);
            }
            Err(f) => {
                prop_assert_eq!(f.code, ErrorCode::InvalidRequest);
                prop_assert!(!legal || expect_id.is_empty() || expect_ticket.is_empty(), "refused {body:?}: {f}");
            }
        }
    }

    /// Near-valid `/samlValidate` bodies (flipped, truncated, duplicated, with markup inserted)
    /// and logout documents: refused with `INVALID_REQUEST` or read, never a panic; a document
    /// with a DTD is always refused.
    #[test]
    fn fuzz_saml_validate_mutated(body in saml_request().prop_flat_map(|(b, _, _)| mutated(b, XML_TOKENS))) {
        match parse_saml_request(&body) {
            Ok(req) => {
                prop_assert!(!markup(&body).contains("<!DOCTYPE"));
                prop_assert!(!req.request_id.is_empty() && !req.artifact.is_empty());
            }
            Err(f) => prop_assert_eq!(f.code, ErrorCode::InvalidRequest),
        }
        let _ = parse_logout_request(&body);
    }

    /// Structure-aware documents over CAS's vocabulary, with hostile DTDs, entity and
    /// character references, comments, CDATA, processing instructions and namespaces.
    #[test]
    fn fuzz_cas_xml_documents((doc, has_dtd) in xml_document(cas_tree())) {
        let saml = parse_saml_request(&doc);
        let logout = parse_logout_request(&doc);
        if has_dtd {
            prop_assert!(saml.is_err(), "a DTD was accepted: {doc}");
            prop_assert!(logout.is_none(), "a DTD was accepted: {doc}");
        }
        if let Ok(req) = saml {
            prop_assert!(!req.artifact.contains('<') || doc.contains("&lt;") || doc.contains("CDATA"));
        }
    }

    /// `render_logout_request` → `parse_logout_request` gives back the session index, less the
    /// characters XML cannot hold and the surrounding white space.
    #[test]
    fn fuzz_logout_round_trip(index in prop_oneof![ticket_like(), nasty_string(30)], id in "[A-Za-z][A-Za-z0-9-]{0,20}") {
        let doc = render_logout_request(&id, datetime!(2026-01-01 00:00 UTC), &index);
        let kept: String = index.chars().filter(|&c| xml_char(c)).collect();
        let expected = xml_trim(&kept);
        prop_assert_eq!(parse_logout_request(&doc), (!expected.is_empty()).then(|| expected.to_owned()));
    }

    /// Ticket syntax (CAS 3.0 §3, §3.7) agrees with the model: a known prefix, then
    /// `MIN_TICKET_BODY..=MAX_TICKET_BODY` characters of `[A-Za-z0-9._-]`.
    #[test]
    fn fuzz_ticket_kind(ticket in prop_oneof![ticket_like(), ticket_like().prop_flat_map(|t| mutated(t, &["-", "ST-", "."]))]) {
        let model = ["PGTIOU-", "ST-", "PT-", "PGT-", "TGT-"].iter().find_map(|p| {
            let body = ticket.strip_prefix(p)?;
            ((MIN_TICKET_BODY..=MAX_TICKET_BODY).contains(&body.len())
                && body.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
            .then_some(*p)
        });
        prop_assert_eq!(ticket_kind(&ticket).map(|k| k.prefix()), model);
    }

    /// `format` (CAS 3.0 §2.5.1): XML or JSON in any ASCII case, nothing else.
    #[test]
    fn fuzz_format(value in prop_oneof!["(?i)(xml|json)", nasty_string(6), "[xXmMlLjJsSoOnN ]{0,5}"]) {
        let model = match value.to_ascii_lowercase().as_str() {
            "xml" => Some(Format::Xml),
            "json" => Some(Format::Json),
            _ => None,
        };
        prop_assert_eq!(Format::parse(Some(&value)).ok(), model);
    }

    /// The redirect carrying a ticket (§2.2.4): the service URL is kept byte for byte, the
    /// ticket is one query parameter that decodes to itself, and a fragment stays last.
    #[test]
    fn fuzz_service_url_with_ticket(
        base in "https://[a-z]{1,8}\\.example/[a-z/]{0,8}",
        query in prop::sample::select(vec!["", "?", "?a=1", "?a=1&", "?ticket=old"]),
        fragment in prop::sample::select(vec!["", "#", "#x", "#a?b&c"]),
        ticket in prop_oneof![ticket_like(), nasty_string(12)],
    ) {
        let service = format!("{base}{query}{fragment}");
        let url = service_url_with_ticket(&service, &ticket);
        let head = [base.as_str(), query].concat();
        prop_assert!(url.starts_with(&head));
        prop_assert!(url.ends_with(fragment));
        let parsed = url::Url::parse(&url).expect("a URL");
        let tickets: Vec<String> = parsed.query_pairs().filter(|(k, _)| k == "ticket").map(|(_, v)| v.into_owned()).collect();
        prop_assert_eq!(tickets.last(), Some(&ticket));
    }
}

fn attribute_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_.-]{0,12}",
        prop::sample::select(vec!["1bad", "a:b", "x y", "<", "", "é", "xmlns"])
            .prop_map(str::to_owned),
        nasty_string(6),
    ]
}

fn success() -> impl Strategy<Value = Success> {
    (
        nasty_string(20),
        prop::collection::vec(
            (
                attribute_name(),
                prop::collection::vec(nasty_string(12), 0..3),
            ),
            0..5,
        ),
        proptest::option::of(ticket_like()),
        prop::collection::vec(nasty_string(20), 0..3),
    )
        .prop_map(|(user, attributes, iou, proxies)| Success {
            user,
            attributes,
            proxy_granting_ticket_iou: iou,
            proxies,
        })
}

fn result() -> impl Strategy<Value = Result<Success, Failure>> {
    prop_oneof![
        3 => success().prop_map(Ok),
        1 => (prop::sample::select(ErrorCode::ALL.to_vec()), nasty_string(30))
            .prop_map(|(code, message)| Err(Failure::new(code, message))),
    ]
}

fn text_of<'a>(doc: &'a roxmltree::Document<'a>, local: &str) -> Option<String> {
    doc.descendants()
        .find(|n| n.tag_name().name() == local)
        .map(|n| n.text().unwrap_or_default().to_owned())
}

proptest! {
    #![proptest_config(config(300))]

    /// Whatever the store and the request put in a response (user names, attribute names and
    /// values, messages with markup, controls, lone CRs), the XML is well-formed and carries the
    /// user as given (less what XML cannot hold), and the JSON is valid and exact.
    #[test]
    fn fuzz_rendered_responses(result in result(), with_attributes in any::<bool>(), pt in nasty_string(12)) {
        let xml = render_service_response(&result, Format::Xml, with_attributes);
        let doc = roxmltree::Document::parse(&xml).map_err(|e| TestCaseError::fail(format!("{e}: {xml}")))?;
        let json: serde_json::Value = serde_json::from_str(&render_service_response(&result, Format::Json, with_attributes))
            .expect("valid JSON");
        if let Ok(s) = &result {
            let kept: String = s.user.chars().filter(|&c| xml_char(c)).collect();
            prop_assert_eq!(text_of(&doc, "user"), Some(kept));
            prop_assert_eq!(json["serviceResponse"]["authenticationSuccess"]["user"].as_str(), Some(s.user.as_str()));
        }
        let ctx = SamlContext {
            response_id: "_r",
            in_response_to: &pt,
            issue_instant: datetime!(2026-01-01 00:00 UTC),
            not_before: datetime!(2026-01-01 00:00 UTC),
            not_on_or_after: datetime!(2026-01-01 00:01 UTC),
            issuer: "limen.test",
            audience: &pt,
            auth_instant: datetime!(2026-01-01 00:00 UTC),
            auth_method: "urn:oasis:names:tc:SAML:1.0:am:password",
        };
        let saml = render_saml_response(&result, &ctx);
        prop_assert!(roxmltree::Document::parse(&saml).is_ok(), "{}", saml);
        let proxy: Result<String, Failure> = result.as_ref().map(|_| pt.clone()).map_err(Clone::clone);
        prop_assert!(roxmltree::Document::parse(&render_proxy_response(&proxy, Format::Xml)).is_ok());
        prop_assert!(serde_json::from_str::<serde_json::Value>(&render_proxy_response(&proxy, Format::Json)).is_ok());
    }
}

/// Found by `fuzz_saml_validate_mutated` (CI, 2026-12-06): quick-xml reads a literal `<` inside
/// an attribute value through, so a `RequestID` holding `<!DOCTYPE r>` was accepted and echoed.
/// XML 1.0 §3.1 [10] forbids `<` in an attribute value: the document is malformed and refused;
/// the same value written as `&lt;` is legal and read as text.
#[test]
fn fuzz_found_markup_in_an_attribute_value_is_refused() {
    let body = |id: &str| {
        format!(
            "<Envelope xmlns=\"{SOAP11}\"><Header/><Body><samlp:Request xmlns:samlp=\"{SAMLP1}\" \
             MajorVersion=\"1\" MinorVersion=\"1\" RequestID=\"{id}\"><samlp:AssertionArtifact>\
             PGTIOU-14--RbpB-w-7--r634Q6-ypD7d--vVV85</samlp:AssertionArtifact></samlp:Request>\
             </Body></Envelope>"
        )
    };
    for bad in ["<!DOCTYPE r>..EOW(*t$*", "a<b", "<"] {
        let refused = parse_saml_request(&body(bad)).expect_err(bad);
        assert_eq!(refused.code, ErrorCode::InvalidRequest, "{bad}");
    }
    let read = parse_saml_request(&body("&lt;!DOCTYPE r&gt;")).expect("escaped markup is text");
    assert_eq!(read.request_id, "<!DOCTYPE r>");
}
