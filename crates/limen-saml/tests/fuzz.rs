//! Fuzz targets of the SAML crate (docs/FUZZING.md): the HTTP-Redirect binding (query parameters,
//! base64, raw DEFLATE, the query signature, SAML Bindings §3.4), the HTTP-POST binding (§3.5),
//! the readers of AuthnRequest, LogoutRequest and LogoutResponse (SAML Core §3.4.1, §3.7),
//! SP metadata import (SAML Metadata §2.4.4), the eIDAS response the SP side verifies, and the
//! XML guard under all of them (DTDs, entities, comments, namespaces).
//!
//! Properties: no panic on any input, every refusal a `SamlError`; a DTD never passes (XXE,
//! billion laughs); a DEFLATE bomb stops at the size limit; a well-formed request built from
//! random parts decodes to exactly its XML and relay state, and its attributes read as the
//! model says; a query signature covers every signed byte (one changed byte, no signed read).

#[path = "../../../tests/fuzz/support.rs"]
mod support;

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use limen_saml::SamlError;
use limen_saml::dsig::{PublicKey, SignatureAlgorithm, Signer};
use limen_saml::idp::inbound::{self, Expect, MessageKind};
use limen_saml::idp::sp_metadata;
use limen_saml::xml::ns;
use proptest::prelude::*;
use std::io::Write as _;
use std::sync::OnceLock;
use support::{XmlNode, config, mutated, mutated_bytes, nasty_string, xml_document, xml_tree};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const SSO: &str = "https://limen.example/saml/sso";
const SP: &str = "https://sp.example.org/saml2/metadata";

fn pem(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/idp/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    B64.decode(body).expect("PEM body")
}

struct Keys {
    rsa: Signer,
    ecdsa: Signer,
    pinned: Vec<PublicKey>,
    cert_b64: String,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        rsa: Signer::rsa(&pem("sp-rsa2048.key"), SignatureAlgorithm::RsaSha256, None).expect("key"),
        ecdsa: Signer::ecdsa_p256(&pem("sp-p256.key"), None).expect("key"),
        pinned: vec![
            PublicKey::from_certificate(&pem("sp-rsa2048.crt")).expect("cert"),
            PublicKey::from_certificate(&pem("sp-p256.crt")).expect("cert"),
        ],
        cert_b64: B64.encode(pem("sp-rsa2048.crt")),
    })
}

fn now() -> OffsetDateTime {
    OffsetDateTime::parse("2026-03-01T10:00:00Z", &Rfc3339).expect("instant")
}

fn expect(require_signed: bool) -> Expect<'static> {
    Expect {
        destination: SSO,
        keys: &keys().pinned,
        require_signed,
        now: now(),
    }
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).expect("deflate");
    e.finish().expect("deflate")
}

fn form(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// An `AuthnRequest`'s optional attributes and children, as written by some SP.
#[derive(Debug, Clone)]
struct AuthnParts {
    id: String,
    force_authn: Option<&'static str>,
    is_passive: Option<&'static str>,
    acs_index: Option<String>,
    acs_url: Option<&'static str>,
    comparison: Option<&'static str>,
    class_refs: Vec<&'static str>,
    issuer_ws: &'static str,
}

impl AuthnParts {
    fn xml(&self) -> String {
        let mut attrs = String::new();
        let mut put = |name: &str, v: &Option<String>| {
            if let Some(v) = v {
                attrs.push_str(&format!(" {name}=\"{}\"", limen_saml::xml::escape(v)));
            }
        };
        put("ForceAuthn", &self.force_authn.map(str::to_owned));
        put("IsPassive", &self.is_passive.map(str::to_owned));
        put("AssertionConsumerServiceIndex", &self.acs_index);
        put(
            "AssertionConsumerServiceURL",
            &self.acs_url.map(str::to_owned),
        );
        let mut children = String::new();
        if !self.class_refs.is_empty() || self.comparison.is_some() {
            let cmp = self
                .comparison
                .map(|c| format!(" Comparison=\"{c}\""))
                .unwrap_or_default();
            children.push_str(&format!("<samlp:RequestedAuthnContext{cmp}>"));
            for r in &self.class_refs {
                children.push_str(&format!(
                    "<saml:AuthnContextClassRef>{r}</saml:AuthnContextClassRef>"
                ));
            }
            children.push_str("</samlp:RequestedAuthnContext>");
        }
        format!(
            "<samlp:AuthnRequest xmlns:samlp=\"{samlp}\" xmlns:saml=\"{saml}\" ID=\"{id}\" \
             Version=\"2.0\" IssueInstant=\"2026-03-01T10:00:00Z\" Destination=\"{SSO}\"{attrs}>\
             <saml:Issuer>{ws}{SP}{ws}</saml:Issuer>{children}</samlp:AuthnRequest>",
            samlp = ns::SAMLP,
            saml = ns::SAML,
            id = limen_saml::xml::escape(&self.id),
            ws = self.issuer_ws,
        )
    }

    /// xs:boolean (XML Schema 2 §3.2.2.1): true, false, 1, 0; white space collapsed.
    fn boolean(v: Option<&str>) -> Result<bool, ()> {
        match v.map(|v| v.trim_matches([' ', '\t', '\n', '\r'])) {
            None => Ok(false),
            Some("true" | "1") => Ok(true),
            Some("false" | "0") => Ok(false),
            Some(_) => Err(()),
        }
    }
}

fn authn_parts() -> impl Strategy<Value = AuthnParts> {
    let boolean = proptest::option::of(prop::sample::select(vec![
        "true", "false", "1", "0", " true ", "TRUE", "yes", "",
    ]));
    (
        prop_oneof![4 => "_[0-9a-f]{8,40}", 1 => "[A-Za-z_][A-Za-z0-9._-]{0,20}", 1 => "[a-z]{255,258}"],
        boolean.clone(),
        boolean,
        proptest::option::of(prop_oneof![(0u32..70000).prop_map(|n| n.to_string()), Just(" 1 ".to_owned()), Just("-1".to_owned()), Just("+1".to_owned()), Just("1e2".to_owned())]),
        proptest::option::of(prop::sample::select(vec!["https://sp.example.org/acs", "", "javascript:alert(1)"])),
        proptest::option::of(prop::sample::select(vec!["exact", "minimum", "better", "maximum", "EXACT", ""])),
        prop::collection::vec(prop::sample::select(vec!["http://eidas.europa.eu/LoA/high", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport", " x "]), 0..3),
        prop::sample::select(vec!["", " ", "\n\t"]),
    )
        .prop_map(|(id, force_authn, is_passive, acs_index, acs_url, comparison, class_refs, issuer_ws)| AuthnParts {
            id, force_authn, is_passive, acs_index, acs_url, comparison, class_refs, issuer_ws,
        })
}

/// A Redirect query carrying `xml`: optional relay state, optional signature over the very bytes
/// sent (Bindings §3.4.4.1), parameters in the order SPs send them.
fn redirect_query(xml: &str, relay: Option<&str>, signer: Option<&Signer>) -> String {
    let mut q = format!("SAMLRequest={}", form(&B64.encode(deflate(xml.as_bytes()))));
    if let Some(r) = relay {
        q.push_str(&format!("&RelayState={}", form(r)));
    }
    if let Some(s) = signer {
        q.push_str(&format!("&SigAlg={}", form(s.algorithm().uri())));
        let signature = s.sign(q.as_bytes()).expect("sign");
        q.push_str(&format!("&Signature={}", form(&B64.encode(signature))));
    }
    q
}

fn relay_state() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        prop_oneof![4 => "[ -~]{0,80}", 1 => nasty_string(20), 1 => "[a-z]{79,82}"],
    )
}

/// The relay state rule (SAML Bindings §3.4.3): at most 80 bytes, no control character.
fn relay_ok(r: &str) -> bool {
    r.len() <= 80 && !r.chars().any(char::is_control)
}

const QUERY_TOKENS: &[&str] = &[
    "&",
    "=",
    "%",
    "%2",
    "+",
    "SAMLRequest=",
    "SAMLResponse=x",
    "RelayState=",
    "SigAlg=",
    "Signature=",
    "SAML%52equest=",
    "&&",
    "%00",
];

proptest! {
    #![proptest_config(config(200))]

    /// A Redirect request built from random parts decodes to exactly its XML and relay state;
    /// its attributes read as XML Schema's model says; when signed, it reads as signed.
    #[test]
    fn fuzz_redirect_authn_request(parts in authn_parts(), relay in relay_state(), signer in 0u8..3) {
        let xml = parts.xml();
        let signer = match signer { 0 => None, 1 => Some(&keys().rsa), _ => Some(&keys().ecdsa) };
        let query = redirect_query(&xml, relay.as_deref(), signer);
        let received = inbound::from_redirect(&query);
        if relay.as_deref().is_some_and(|r| !relay_ok(r)) {
            prop_assert!(received.is_err());
            return Ok(());
        }
        let received = received.map_err(|e| TestCaseError::fail(format!("{e}: {query}")))?;
        prop_assert_eq!(&received.xml, &xml);
        prop_assert_eq!(&received.relay_state, &relay);
        prop_assert_eq!(received.kind, MessageKind::Request);
        let issuer = inbound::issuer(&received).ok();
        prop_assert_eq!(issuer.as_deref(), Some(SP));
        let read = inbound::read_authn_request(&received, &expect(signer.is_some()));
        let index_ok = parts.acs_index.as_deref().is_none_or(|v| v.trim().parse::<u16>().is_ok());
        let exclusive = parts.acs_index.is_none() || parts.acs_url.is_none();
        let id_ok = parts.id.len() <= inbound::MAX_ID;
        let booleans = AuthnParts::boolean(parts.force_authn).and_then(|f| AuthnParts::boolean(parts.is_passive).map(|p| (f, p)));
        match &read {
            Ok(r) => {
                prop_assert!(index_ok && exclusive && id_ok && booleans.is_ok(), "{:?} accepted: {}", parts, xml);
                prop_assert_eq!(r.signed, signer.is_some());
                prop_assert_eq!(&r.id, &parts.id);
                prop_assert_eq!(r.issuer.as_str(), SP);
                prop_assert_eq!(Ok((r.force_authn, r.is_passive)), booleans);
                prop_assert_eq!(r.acs_index, parts.acs_index.as_deref().and_then(|v| v.trim().parse().ok()));
            }
            Err(_) => prop_assert!(
                !(index_ok && exclusive && id_ok && booleans.is_ok()) || parts.comparison.is_some() || !parts.class_refs.is_empty(),
                "{:?} refused: {:?}", parts, read
            ),
        }
    }

    /// A signed Redirect query with one byte changed in what the signature covers (the message,
    /// the relay state, the algorithm) never reads as a signed request.
    #[test]
    fn fuzz_redirect_signature_covers_the_query(parts in authn_parts(), at in any::<prop::sample::Index>(), byte in b'!'..=b'~') {
        let query = redirect_query(&parts.xml(), Some("/app"), Some(&keys().ecdsa));
        let signed_len = query.find("&Signature=").expect("signed");
        let mut bytes = query.clone().into_bytes();
        let i = at.index(signed_len);
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let Ok(changed) = String::from_utf8(bytes) else { return Ok(()); };
        let read = inbound::from_redirect(&changed).and_then(|r| inbound::read_authn_request(&r, &expect(false)));
        prop_assert!(!read.is_ok_and(|r| r.signed), "a changed query read as signed: {changed}");
    }

    /// Near-valid queries: parameters flipped, dropped, duplicated, percent-encoded names:
    /// refused or read, never a panic.
    #[test]
    fn fuzz_redirect_mutated(query in (authn_parts(), relay_state()).prop_flat_map(|(p, r)| {
        mutated(redirect_query(&p.xml(), r.as_deref(), Some(&keys().rsa)), QUERY_TOKENS)
    })) {
        if let Ok(received) = inbound::from_redirect(&query) {
            prop_assert!(received.relay_state.as_deref().is_none_or(relay_ok));
            let _ = inbound::issuer(&received);
            let _ = inbound::read_authn_request(&received, &expect(false));
            let _ = inbound::read_logout_request(&received, &expect(false));
            let _ = inbound::read_logout_response(&received, &expect(false));
        }
    }

    /// DEFLATE (RFC 1951) streams: mangled ones are refused, bombs stop at the size limit.
    #[test]
    fn fuzz_redirect_deflate(
        payload in prop_oneof![
            (authn_parts(), any::<bool>()).prop_flat_map(|(p, _)| mutated_bytes(deflate(p.xml().as_bytes()))),
            prop::sample::select(bombs().to_vec()),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
    ) {
        let query = format!("SAMLRequest={}", form(&B64.encode(&payload)));
        match inbound::from_redirect(&query) {
            Ok(r) => prop_assert!(r.xml.len() <= limen_saml::xml::MAX_BYTES),
            Err(e) => prop_assert!(matches!(e, SamlError::Malformed(_) | SamlError::Guard(_)), "{e}"),
        }
    }
}

/// Raw DEFLATE streams of 1 and 4 MiB of spaces (a few KiB each), made once: the message limit
/// is 64 KiB.
fn bombs() -> &'static [Vec<u8>] {
    static BOMBS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    BOMBS.get_or_init(|| {
        [1usize, 4]
            .iter()
            .map(|mib| deflate(&vec![b' '; mib << 20]))
            .collect()
    })
}

fn saml_tree() -> BoxedStrategy<XmlNode> {
    xml_tree(
        vec![
            "samlp:AuthnRequest",
            "samlp:LogoutRequest",
            "samlp:LogoutResponse",
            "saml:Issuer",
            "saml:NameID",
            "samlp:SessionIndex",
            "samlp:Status",
            "samlp:StatusCode",
            "samlp:NameIDPolicy",
            "samlp:RequestedAuthnContext",
            "saml:AuthnContextClassRef",
            "ds:Signature",
            "ds:SignedInfo",
            "ds:Reference",
            "samlp:Scoping",
            "saml:Subject",
            "saml:BaseID",
            "x:Other",
            "AuthnRequest",
        ],
        vec![
            "xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"",
            "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"",
            "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"",
            "xmlns",
            "xmlns:x",
            "ID",
            "Id",
            "Version",
            "IssueInstant",
            "Destination",
            "Value",
            "Format",
            "ForceAuthn",
            "AssertionConsumerServiceIndex",
            "NotOnOrAfter",
            "InResponseTo",
            "URI",
        ],
        vec![
            "_id1",
            "2.0",
            "2026-03-01T10:00:00Z",
            SSO,
            SP,
            "urn:oasis:names:tc:SAML:2.0:status:Success",
            "#_id1",
            "9999-12-31T23:59:59Z",
            "-1",
            "65536",
        ],
        5,
    )
}

/// Wraps a generated root in the namespaces the readers look for, so that documents get past
/// the root check more often.
fn with_namespaces(node: XmlNode) -> XmlNode {
    match node {
        XmlNode::Element {
            name,
            mut attrs,
            children,
        } => {
            attrs.insert(0, ("xmlns:samlp".into(), ns::SAMLP.into()));
            attrs.insert(1, ("xmlns:saml".into(), ns::SAML.into()));
            attrs.insert(2, ("xmlns:ds".into(), ns::DS.into()));
            XmlNode::Element {
                name,
                attrs,
                children,
            }
        }
        other => other,
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Structure-aware documents over SAML's vocabulary through the POST binding and every
    /// reader: hostile DTDs always refused, never a panic.
    #[test]
    fn fuzz_post_documents(
        (doc, has_dtd) in xml_document(saml_tree().prop_map(with_namespaces).boxed()),
        response in any::<bool>(),
        wrap in any::<bool>(),
    ) {
        let mut b64 = B64.encode(&doc);
        if wrap {
            // Bindings §3.5.4 lets senders wrap base64 lines.
            b64 = b64.as_bytes().chunks(76).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("\r\n");
        }
        let received = if response { inbound::from_post(None, Some(&b64), Some("r")) } else { inbound::from_post(Some(&b64), None, None) };
        let received = received.map_err(|e| TestCaseError::fail(format!("POST decoding of valid base64 refused: {e}")))?;
        prop_assert_eq!(&received.xml, &doc);
        let issuer = inbound::issuer(&received);
        let authn = inbound::read_authn_request(&received, &expect(false));
        let logout = inbound::read_logout_request(&received, &expect(false));
        let logout_response = inbound::read_logout_response(&received, &expect(false));
        if has_dtd {
            prop_assert!(issuer.is_err() && authn.is_err() && logout.is_err() && logout_response.is_err());
        }
        prop_assert!(limen_saml::xml::parse(&doc).is_err() || !has_dtd);
    }

    /// Mangled POST fields: not base64, not UTF-8, over the size limit, both or neither field.
    #[test]
    fn fuzz_post_fields(
        request in proptest::option::of(prop_oneof![nasty_string(40), "[A-Za-z0-9+/= \r\n]{0,80}"]),
        response in proptest::option::of(nasty_string(20)),
        relay in proptest::option::of(nasty_string(90)),
    ) {
        if let Ok(r) = inbound::from_post(request.as_deref(), response.as_deref(), relay.as_deref()) {
            prop_assert!(request.is_some() != response.is_some());
            prop_assert!(r.relay_state.as_deref().is_none_or(relay_ok));
        }
    }
}

/// SP metadata (SAML Metadata §2.4.4) as generators write it, with awkward endpoints and keys.
fn metadata() -> impl Strategy<Value = String> {
    let binding = prop::sample::select(vec![
        "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
        "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
        "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact",
        "",
    ]);
    let location = prop::sample::select(vec![
        "https://sp.example.org/acs",
        "http://sp.example.org/acs",
        "javascript:alert(1)",
        "https://sp.example.org/acs#f",
        "",
        "https://sp.example.org/a\tcs",
        "/relative",
    ]);
    let index = prop_oneof![
        (0u32..70000).prop_map(|n| n.to_string()),
        Just("-1".to_owned()),
        Just("x".to_owned())
    ];
    let acs = (binding.clone(), location.clone(), index, proptest::option::of(prop::sample::select(vec!["true", "false", "maybe"])))
        .prop_map(|(b, l, i, d)| {
            let default = d.map(|d| format!(" isDefault=\"{d}\"")).unwrap_or_default();
            format!("<md:AssertionConsumerService Binding=\"{b}\" Location=\"{l}\" index=\"{i}\"{default}/>")
        });
    let slo = (binding, location)
        .prop_map(|(b, l)| format!("<md:SingleLogoutService Binding=\"{b}\" Location=\"{l}\"/>"));
    let key = (proptest::option::of(prop::sample::select(vec!["signing", "encryption", "other"])), prop_oneof![
        3 => Just(keys().cert_b64.clone()),
        1 => Just(keys().cert_b64.clone()).prop_flat_map(|c| mutated(c, &["=", " ", "\n", "A"])),
        1 => "[A-Za-z0-9+/]{0,40}",
    ])
        .prop_map(|(u, cert)| {
            let u = u.map(|u| format!(" use=\"{u}\"")).unwrap_or_default();
            format!("<md:KeyDescriptor{u}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>")
        });
    let child = prop_oneof![3 => acs, 1 => slo, 2 => key, 1 => Just("<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>".to_owned())];
    let valid_until = prop::sample::select(vec![
        "",
        " validUntil=\"2030-01-01T00:00:00Z\"",
        " validUntil=\"2000-01-01T00:00:00Z\"",
        " validUntil=\"soon\"",
    ]);
    (prop::collection::vec(child, 0..6), valid_until, prop::sample::select(vec!["https://sp.example.org/sp", "", "x"])).prop_map(|(children, until, entity)| {
        format!(
            "<md:EntityDescriptor xmlns:md=\"{md}\" xmlns:ds=\"{ds}\" entityID=\"{entity}\"{until}>\
             <md:SPSSODescriptor protocolSupportEnumeration=\"{samlp}\">{}</md:SPSSODescriptor></md:EntityDescriptor>",
            children.concat(),
            md = ns::MD,
            ds = ns::DS,
            samlp = ns::SAMLP,
        )
    })
}

proptest! {
    #![proptest_config(config(200))]

    /// Metadata import (the admin's upload, or a fetch from the SP): refused or read, never a
    /// panic; what is read has an entity id and endpoints that pass the endpoint check.
    #[test]
    fn fuzz_sp_metadata(xml in prop_oneof![
        3 => metadata(),
        1 => metadata().prop_flat_map(|m| mutated(m, &["<", ">", "</md:SPSSODescriptor>", "<!DOCTYPE x>", "<!-- c -->", "&", "\""])),
        1 => metadata().prop_map(|m| format!("{}{m}", support::HOSTILE_PROLOGS[0])),
    ]) {
        if let Ok(md) = sp_metadata::read_sp_metadata(&xml, now(), None) {
            prop_assert!(!xml.contains("<!DOCTYPE"));
            prop_assert!(!md.entity_id.is_empty());
            for acs in &md.acs {
                prop_assert!(sp_metadata::check_endpoint_url(&acs.location).is_ok(), "{:?}", acs);
            }
        }
    }
}

/// The eIDAS response the SP side verifies (SAML Core §3.3, eIDAS SAML Message Format 1.2), as
/// the browser posts it: the valid one of tests/common, mutated as text before base64.
fn valid_response_xml() -> &'static str {
    static XML: OnceLock<String> = OnceLock::new();
    XML.get_or_init(|| common::Fx::default().response_xml())
}

/// A mutated eIDAS response is refused with a `SamlError`, never a panic, and a change inside
/// the signed response never verifies. (A plain test running proptest itself: the fixture, slow
/// to build, is checked once first.)
#[test]
fn fuzz_sp_response() {
    let valid = valid_response_xml();
    common::verify(&B64.encode(valid)).expect("the fixture verifies");
    let tokens: &'static [&'static str] = &[
        "<",
        ">",
        "\"",
        "=",
        "<!-- c -->",
        "<!DOCTYPE r>",
        "&amp;",
        "xmlns:x=\"y\"",
    ];
    let mut cfg = config(40);
    cfg.source_file = Some(file!());
    let mut runner = proptest::test_runner::TestRunner::new(cfg);
    let outcome = runner.run(&mutated(valid.to_owned(), tokens), |xml| {
        let b64 = B64.encode(&xml);
        let _ = limen_saml::peek_in_response_to(&b64);
        if common::verify(&b64).is_ok() {
            // Only changes outside what is signed and parsed may pass: white space around the
            // root is the one such place, so the text must be the same otherwise.
            prop_assert_eq!(xml.trim(), valid.trim());
        }
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}
