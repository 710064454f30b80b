//! Reading an SP's metadata (docs/SAML.md §2.2, §2.3, §13.1): the metadata parse profile of
//! `xml::parse_with`, the real metadata of pysaml2 and mod_auth_mellon (tests/data/idp), and each
//! refusal of §2.2 beside its accepted twin.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_saml::SamlError;
use limen_saml::dsig::{self, DigestAlgorithm, PublicKey, SignatureAlgorithm, Signer};
use limen_saml::idp::sp_metadata::{self, MAX_METADATA, SpMetadata, check_endpoint_url};
use limen_saml::idp::{Acs, Binding, SloEndpoint, binding};
use limen_saml::xml::{self, Limits, ns};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const ENTITY: &str = "https://sp.example.org/sp";
const ACS: &str = "https://sp.example.org/acs";

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/idp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pem(name: &str) -> Vec<u8> {
    let body: String = data(name)
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    B64.decode(body).unwrap()
}

fn now() -> OffsetDateTime {
    OffsetDateTime::parse("2026-03-01T10:00:00Z", &Rfc3339).unwrap()
}

fn read(xml: &str) -> Result<SpMetadata, SamlError> {
    sp_metadata::read_sp_metadata(xml, now(), None)
}

fn malformed(r: Result<SpMetadata, SamlError>) -> String {
    match r {
        Err(SamlError::Malformed(m)) => m,
        other => panic!("not malformed: {other:?}"),
    }
}

// --- synthetic metadata ------------------------------------------------------------------------------

fn key_descriptor(use_: Option<&str>, cert_pem: &str, extra: &str) -> String {
    let use_attr = use_.map(|u| format!(" use=\"{u}\"")).unwrap_or_default();
    format!(
        "<md:KeyDescriptor{use_attr}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}\
         </ds:X509Certificate></ds:X509Data></ds:KeyInfo>{extra}</md:KeyDescriptor>",
        B64.encode(pem(cert_pem))
    )
}

fn post_acs(index: u16, location: &str) -> String {
    format!(
        "<md:AssertionConsumerService Binding=\"{}\" Location=\"{location}\" index=\"{index}\"/>",
        binding::POST
    )
}

/// An EntityDescriptor: `entity_attrs` and `sp_attrs` added, `children` inside the
/// SPSSODescriptor (a signing RSA key and one POST ACS unless given).
fn md(entity_attrs: &str, sp_attrs: &str, children: &str) -> String {
    format!(
        "<md:EntityDescriptor xmlns:md=\"{md}\" xmlns:ds=\"{ds}\" xmlns:alg=\"{alg}\" \
         entityID=\"{ENTITY}\"{entity_attrs}>\
         <md:SPSSODescriptor protocolSupportEnumeration=\"{samlp}\"{sp_attrs}>{children}\
         </md:SPSSODescriptor></md:EntityDescriptor>",
        md = ns::MD,
        ds = ns::DS,
        alg = ns::ALG,
        samlp = ns::SAMLP,
    )
}

fn basic_children() -> String {
    format!(
        "{}{}",
        key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
        post_acs(0, ACS)
    )
}

fn basic() -> String {
    md("", "", &basic_children())
}

// --- the parse profile (SAML.md §2.3) -------------------------------------------------------------

#[test]
fn metadata_profile_allows_comments_between_elements_only() {
    let between = "<!-- header --><r><!-- a --><a>x</a>\n  <!-- b -->\n<b/></r><!-- after -->";
    assert!(xml::parse_with(between, Limits::METADATA).is_ok());
    // Messages: no comment anywhere.
    assert!(matches!(xml::parse(between), Err(SamlError::Guard(_))));
    assert!(matches!(
        xml::parse_with(between, Limits::MESSAGE),
        Err(SamlError::Guard(_))
    ));
    // Beside text: refused by the guard.
    for beside in [
        "<r><a>x<!-- c --></a></r>",
        "<r><a><!-- c -->x</a></r>",
        "<r>text<!-- c --><a/></r>",
    ] {
        assert!(
            matches!(
                xml::parse_with(beside, Limits::METADATA),
                Err(SamlError::Guard(_))
            ),
            "{beside}"
        );
    }
    // Alone in an element whose text is read: the guard lets it through, `text` refuses it.
    let doc = xml::parse_with("<r><a><!-- c --></a><b>x</b></r>", Limits::METADATA).unwrap();
    let a = doc.root_element().first_element_child().unwrap();
    assert!(matches!(xml::text(a), Err(SamlError::Malformed(_))));
    let b = a.next_sibling_element().unwrap();
    assert_eq!(xml::text(b).unwrap(), "x");
}

#[test]
fn metadata_profile_keeps_the_rest_of_the_guard() {
    for (bad, what) in [
        ("<?pi x?><r/>", "processing instruction"),
        ("<r><?pi x?></r>", "processing instruction"),
        ("<r><a ID=\"x\"/><b ID=\"x\"/></r>", "duplicate ID"),
    ] {
        assert!(
            matches!(
                xml::parse_with(bad, Limits::METADATA),
                Err(SamlError::Guard(_))
            ),
            "{what}"
        );
    }
    assert!(matches!(
        xml::parse_with(
            "<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>",
            Limits::METADATA
        ),
        Err(SamlError::Malformed(_))
    ));
    let nest = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
    assert!(xml::parse_with(&nest(64), Limits::METADATA).is_ok());
    assert!(matches!(
        xml::parse_with(&nest(65), Limits::METADATA),
        Err(SamlError::Guard(_))
    ));
    let namespaces = |n: usize| {
        let decls: String = (0..n).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect();
        format!("<r{decls}/>")
    };
    assert!(xml::parse_with(&namespaces(60), Limits::METADATA).is_ok());
    assert!(matches!(
        xml::parse_with(&namespaces(70), Limits::METADATA),
        Err(SamlError::Guard(_))
    ));
}

#[test]
fn metadata_profile_size() {
    let sized = |len: usize| format!("<r>{}</r>", " ".repeat(len - 7));
    assert_eq!(sized(MAX_METADATA).len(), MAX_METADATA);
    assert!(xml::parse_with(&sized(MAX_METADATA), Limits::METADATA).is_ok());
    assert!(matches!(
        xml::parse_with(&sized(MAX_METADATA + 1), Limits::METADATA),
        Err(SamlError::Guard(_))
    ));
    // A message stays at 64 KiB.
    assert!(xml::parse(&sized(xml::MAX_BYTES)).is_ok());
    assert!(matches!(
        xml::parse(&sized(xml::MAX_BYTES + 1)),
        Err(SamlError::Guard(_))
    ));
    // Through the reader: padding between elements up to the limit.
    let doc = basic();
    let padded = |len: usize| {
        doc.replacen(
            "<md:SPSSODescriptor",
            &format!("{}<md:SPSSODescriptor", " ".repeat(len - doc.len())),
            1,
        )
    };
    read(&padded(MAX_METADATA)).expect("1 MiB");
    assert!(matches!(
        read(&padded(MAX_METADATA + 1)),
        Err(SamlError::Guard(_))
    ));
}

// --- real metadata ------------------------------------------------------------------------------

#[test]
fn pysaml2_metadata() {
    let m = read(&data("pysaml2-sp.xml")).unwrap();
    assert_eq!(m.entity_id, "https://sp.example.org/saml2/metadata");
    assert!(m.valid_until.is_some_and(|t| t > now()));
    assert!(m.authn_requests_signed);
    assert!(m.want_assertions_signed);
    let cert = pem("sp-rsa2048.crt");
    assert_eq!(m.signing_certificates, std::slice::from_ref(&cert));
    assert_eq!(m.encryption_certificate, Some(cert));
    assert!(m.encryption_methods.is_empty());
    assert_eq!(
        m.acs,
        [Acs {
            index: 1,
            location: "https://sp.example.org/saml2/acs/post".into(),
            is_default: false
        }]
    );
    assert_eq!(
        m.slo,
        [
            SloEndpoint {
                binding: Binding::Redirect,
                location: "https://sp.example.org/saml2/slo/redirect".into(),
                response_location: None
            },
            SloEndpoint {
                binding: Binding::Post,
                location: "https://sp.example.org/saml2/slo/post".into(),
                response_location: None
            }
        ]
    );
    assert_eq!(
        m.ignored,
        [
            "AssertionConsumerService index 2 (HTTP-Artifact) ignored",
            "SingleLogoutService (SOAP) ignored"
        ]
    );
    assert_eq!(
        m.name_id_formats,
        [
            "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
        ]
    );
    assert_eq!(
        m.requested_attributes,
        [
            "urn:oid:0.9.2342.19200300.100.1.1",
            "urn:oid:1.2.840.113549.1.9.1.1",
            "groups"
        ]
    );
    assert!(m.signing_methods.iter().any(|a| a == dsig::uri::RSA_SHA256));
    assert!(
        m.signing_methods
            .iter()
            .any(|a| a == dsig::uri::ECDSA_SHA256)
    );
    assert!(m.digest_methods.iter().any(|a| a == dsig::uri::SHA256));
    for der in &m.signing_certificates {
        PublicKey::from_certificate(der).unwrap();
    }
}

#[test]
fn pysaml2_signed_metadata_with_a_pinned_certificate() {
    let signed = data("pysaml2-sp-signed.xml");
    let pinned = [PublicKey::from_certificate(&pem("sp-rsa2048.crt")).unwrap()];
    let m = sp_metadata::read_sp_metadata(&signed, now(), Some(&pinned)).unwrap();
    assert_eq!(m.entity_id, "https://sp.example.org/saml2/metadata");
    // Without a pin the document is trusted by the operator's choice, signature unread.
    read(&signed).expect("unpinned");

    // Pinned, but another key.
    let other = [PublicKey::from_certificate(&pem("sp-p256.crt")).unwrap()];
    assert!(matches!(
        sp_metadata::read_sp_metadata(&signed, now(), Some(&other)),
        Err(SamlError::Signature(_))
    ));
    // Pinned, but unsigned.
    assert!(matches!(
        sp_metadata::read_sp_metadata(&data("pysaml2-sp.xml"), now(), Some(&pinned)),
        Err(SamlError::Signature(_))
    ));
    // Pinned, and an ACS changed after signing.
    let altered = signed.replace(
        "https://sp.example.org/saml2/acs/post",
        "https://evil.example/acs/post",
    );
    assert_ne!(altered, signed);
    assert!(matches!(
        sp_metadata::read_sp_metadata(&altered, now(), Some(&pinned)),
        Err(SamlError::Signature(_))
    ));
    read(&altered).expect("unpinned: trusted as given");
}

#[test]
fn metadata_signed_by_limen_s_own_signer() {
    // ECDSA P-256 enveloped signature (dsig::sign_enveloped), pinned by the P-256 certificate.
    let signer = Signer::ecdsa_p256(&pem("sp-p256.key"), None).unwrap();
    let doc = md(" ID=\"_md1\"", "", &basic_children());
    let signed = dsig::sign_enveloped(&doc, &signer, DigestAlgorithm::Sha256, None).unwrap();
    let pinned = [PublicKey::from_certificate(&pem("sp-p256.crt")).unwrap()];
    sp_metadata::read_sp_metadata(&signed, now(), Some(&pinned)).unwrap();
    // A comment between elements does not change what was signed (exclusive C14N without
    // comments) and is accepted.
    let commented = signed.replacen("<md:SPSSODescriptor", "<!-- note --><md:SPSSODescriptor", 1);
    sp_metadata::read_sp_metadata(&commented, now(), Some(&pinned)).unwrap();
    let rsa = Signer::rsa(&pem("sp-rsa2048.key"), SignatureAlgorithm::RsaSha256, None).unwrap();
    let by_rsa = dsig::sign_enveloped(&doc, &rsa, DigestAlgorithm::Sha256, None).unwrap();
    assert!(matches!(
        sp_metadata::read_sp_metadata(&by_rsa, now(), Some(&pinned)),
        Err(SamlError::Signature(_))
    ));
}

#[test]
fn mellon_metadata() {
    let m = read(&data("mellon-sp.xml")).unwrap();
    assert_eq!(m.entity_id, "https://sp.example.org/mellon/metadata");
    assert_eq!(m.valid_until, None);
    assert!(m.authn_requests_signed);
    assert!(!m.want_assertions_signed);
    assert_eq!(m.signing_certificates.len(), 1);
    assert_eq!(
        m.encryption_certificate.as_ref(),
        m.signing_certificates.first()
    );
    assert_eq!(
        m.acs,
        [Acs {
            index: 0,
            location: "https://sp.example.org/mellon/postResponse".into(),
            is_default: false
        }]
    );
    assert_eq!(
        m.slo,
        [SloEndpoint {
            binding: Binding::Redirect,
            location: "https://sp.example.org/mellon/logout".into(),
            response_location: None
        }]
    );
    assert!(m.ignored.is_empty(), "{:?}", m.ignored);
    assert!(m.name_id_formats.is_empty());
}

#[test]
fn comments_between_elements_of_real_metadata() {
    let mellon = data("mellon-sp.xml");
    let commented = format!(
        "<!-- Generated by mellon_create_metadata -->\n{}",
        mellon
            .replacen(
                "<KeyDescriptor use=\"signing\">",
                "<!-- signing --><KeyDescriptor use=\"signing\">",
                1
            )
            .replacen("<ds:X509Data>", "<!-- x509 --><ds:X509Data>", 1)
            .replacen("</SPSSODescriptor>", "<!-- end --></SPSSODescriptor>", 1)
    );
    assert_eq!(read(&commented).unwrap(), read(&mellon).unwrap());

    // Inside a value read as text: refused.
    let in_certificate = mellon.replacen(
        "<ds:X509Certificate>MIID",
        "<ds:X509Certificate><!-- c -->MIID",
        1,
    );
    assert!(matches!(read(&in_certificate), Err(SamlError::Guard(_))));
    let pysaml2 = data("pysaml2-sp.xml");
    let format = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    let split = pysaml2.replacen(
        format,
        "urn:oasis:names:tc:SAML:2.0:nameid-format:<!-- x -->persistent",
        1,
    );
    assert!(matches!(read(&split), Err(SamlError::Guard(_))));
    let only_comment = pysaml2.replacen(format, "<!-- persistent -->", 1);
    assert!(matches!(read(&only_comment), Err(SamlError::Malformed(_))));
    // In the entityID: an attribute value cannot hold markup at all.
    let in_entity_id = mellon.replacen(
        "entityID=\"https://sp.example.org/mellon/metadata\"",
        "entityID=\"https://sp.example.org/<!-- x -->mellon/metadata\"",
        1,
    );
    assert!(matches!(read(&in_entity_id), Err(SamlError::Malformed(_))));
}

// --- refusals of SAML.md §2.2 -------------------------------------------------------------------

#[test]
fn aggregate_is_refused() {
    let m = malformed(read(&data("pysaml2-sp-entities.xml")));
    assert!(m.contains("EntitiesDescriptor"), "{m}");
    read(&data("pysaml2-sp.xml")).expect("twin");
    let other_root = basic().replace("md:EntityDescriptor", "md:AffiliationDescriptor");
    assert!(malformed(read(&other_root)).contains("not md:EntityDescriptor"));
    let wrong_ns = basic().replacen(ns::MD, "urn:evil:metadata", 1);
    malformed(read(&wrong_ns));
}

#[test]
fn exactly_one_sp_sso_descriptor() {
    read(&basic()).expect("twin");
    let none = format!(
        "<md:EntityDescriptor xmlns:md=\"{}\" entityID=\"{ENTITY}\"></md:EntityDescriptor>",
        ns::MD
    );
    assert!(malformed(read(&none)).contains("no SPSSODescriptor"));
    let sp = basic();
    let start = sp.find("<md:SPSSODescriptor").unwrap();
    let end = sp.find("</md:EntityDescriptor>").unwrap();
    let two = format!("{}{}{}", &sp[..end], &sp[start..end], &sp[end..]);
    assert!(malformed(read(&two)).contains("more than one"));
    // Another role beside it is noted, not refused.
    let with_idp = sp.replacen(
        "</md:EntityDescriptor>",
        &format!(
            "<md:IDPSSODescriptor protocolSupportEnumeration=\"{}\"/></md:EntityDescriptor>",
            ns::SAMLP
        ),
        1,
    );
    assert_eq!(
        read(&with_idp).unwrap().ignored,
        ["IDPSSODescriptor ignored"]
    );
}

#[test]
fn valid_until() {
    let until = |t: OffsetDateTime| format!(" validUntil=\"{}\"", t.format(&Rfc3339).unwrap());
    let future = read(&md(
        &until(now() + Duration::days(1)),
        "",
        &basic_children(),
    ))
    .unwrap();
    assert_eq!(future.valid_until, Some(now() + Duration::days(1)));
    assert!(matches!(
        read(&md(
            &until(now() - Duration::seconds(1)),
            "",
            &basic_children()
        )),
        Err(SamlError::Time(_))
    ));
    assert!(matches!(
        read(&md(
            "",
            &until(now() - Duration::days(1)),
            &basic_children()
        )),
        Err(SamlError::Time(_))
    ));
    read(&md(
        "",
        &until(now() + Duration::days(1)),
        &basic_children(),
    ))
    .expect("twin");
    malformed(read(&md(" validUntil=\"soon\"", "", &basic_children())));
    // The real fixture, read after it expired.
    let pysaml2 = data("pysaml2-sp.xml");
    let expiry = read(&pysaml2).unwrap().valid_until.unwrap();
    assert!(matches!(
        sp_metadata::read_sp_metadata(&pysaml2, expiry + Duration::seconds(1), None),
        Err(SamlError::Time(_))
    ));
}

#[test]
fn protocol_support_enumeration() {
    let with = |p: &str| basic().replacen(ns::SAMLP, p, 1);
    read(&with(&format!(
        "urn:oasis:names:tc:SAML:1.1:protocol {}",
        ns::SAMLP
    )))
    .expect("both");
    let m = malformed(read(&with("urn:oasis:names:tc:SAML:1.1:protocol")));
    assert!(m.contains("protocolSupportEnumeration"), "{m}");
    malformed(read(&with(&format!("{}x", ns::SAMLP))));
}

#[test]
fn flags_are_xs_booleans() {
    let m = read(&md(
        "",
        " AuthnRequestsSigned=\"1\" WantAssertionsSigned=\"false\"",
        &basic_children(),
    ))
    .unwrap();
    assert!(m.authn_requests_signed && !m.want_assertions_signed);
    let defaults = read(&basic()).unwrap();
    assert!(!defaults.authn_requests_signed && !defaults.want_assertions_signed);
    malformed(read(&md(
        "",
        " AuthnRequestsSigned=\"yes\"",
        &basic_children(),
    )));
    malformed(read(&md(
        "",
        " WantAssertionsSigned=\"\"",
        &basic_children(),
    )));
}

#[test]
fn entity_id_rules() {
    let with = |id: &str| {
        basic().replacen(
            &format!("entityID=\"{ENTITY}\""),
            &format!("entityID=\"{id}\""),
            1,
        )
    };
    read(&with("urn:mace:example.org:sp")).expect("a URN is an absolute URI");
    let longest = format!("https://sp.example.org/{}", "a".repeat(1024 - 23));
    assert_eq!(longest.len(), 1024);
    assert_eq!(read(&with(&longest)).unwrap().entity_id, longest);
    for bad in [
        format!("{longest}a"),
        "sp.example.org".into(),
        "/relative/path".into(),
        String::new(),
        "https://sp.example.org/a b".into(),
        "https://sp.example.org/a&#x9;b".into(),
        "https://sp.example.org/a&#x85;b".into(),
    ] {
        malformed(read(&with(&bad)));
    }
    malformed(read(&basic().replacen(
        &format!(" entityID=\"{ENTITY}\""),
        "",
        1,
    )));
}

#[test]
fn post_acs_required() {
    let artifact = format!(
        "{}<md:AssertionConsumerService Binding=\"{}\" Location=\"{ACS}\" index=\"0\"/>",
        key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
        binding::ARTIFACT
    );
    let m = malformed(read(&md("", "", &artifact)));
    assert!(m.contains("HTTP-POST"), "{m}");
    let both = format!("{artifact}{}", post_acs(1, ACS));
    let m = read(&md("", "", &both)).unwrap();
    assert_eq!(m.acs.len(), 1);
    assert_eq!(
        m.ignored,
        ["AssertionConsumerService index 0 (HTTP-Artifact) ignored"]
    );
}

#[test]
fn acs_indexes_and_defaults() {
    let children = format!(
        "{}<md:AssertionConsumerService Binding=\"{post}\" Location=\"{ACS}/a\"/>\
         <md:AssertionConsumerService Binding=\"{post}\" Location=\"{ACS}/b\" isDefault=\"true\"/>\
         <md:AssertionConsumerService Binding=\"{post}\" Location=\"{ACS}/c\" index=\"7\" isDefault=\"0\"/>",
        key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
        post = binding::POST
    );
    let m = read(&md("", "", &children)).unwrap();
    assert_eq!(
        m.acs,
        [
            Acs {
                index: 0,
                location: format!("{ACS}/a"),
                is_default: false
            },
            Acs {
                index: 1,
                location: format!("{ACS}/b"),
                is_default: true
            },
            Acs {
                index: 7,
                location: format!("{ACS}/c"),
                is_default: false
            },
        ]
    );
    let duplicate = format!(
        "{}{}{}",
        basic_children(),
        post_acs(3, ACS),
        post_acs(3, ACS)
    );
    assert!(malformed(read(&md("", "", &duplicate))).contains("two AssertionConsumerServices"));
    // A positional index colliding with an explicit one is a duplicate too.
    let collide = format!(
        "{}{}<md:AssertionConsumerService Binding=\"{}\" Location=\"{ACS}\"/>",
        key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
        post_acs(1, ACS),
        binding::POST
    );
    malformed(read(&md("", "", &collide)));
    for bad in ["65536", "-1", "x"] {
        let c = basic_children().replacen("index=\"0\"", &format!("index=\"{bad}\""), 1);
        malformed(read(&md("", "", &c)));
    }
    let c = basic_children().replacen("index=\"0\"", "index=\"0\" isDefault=\"yes\"", 1);
    malformed(read(&md("", "", &c)));
}

#[test]
fn endpoint_url_rules() {
    for ok in [
        "https://sp.example.org/acs",
        "https://sp.example.org:8443/saml/acs?x=1",
        "HTTPS://sp.example.org/acs",
        "http://127.0.0.1:8080/acs",
        "http://localhost/acs",
        "http://[::1]:9000/acs",
    ] {
        check_endpoint_url(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    let long = format!("https://sp.example.org/{}", "a".repeat(2048 - 23));
    assert_eq!(long.len(), 2048);
    check_endpoint_url(&long).expect("2048 bytes");
    for bad in [
        format!("{long}a"),
        "http://sp.example.org/acs".into(),
        "http://127.0.0.2/acs".into(),
        "http://localhost.evil.example/acs".into(),
        "https://sp.example.org/acs#frag".into(),
        "https://sp.example.org/a\tb".into(),
        "https://sp.example.org/a\nb".into(),
        "https://sp.example.org/a\u{85}b".into(),
        "https://sp.example.org/a b".into(),
        " https://sp.example.org/acs".into(),
        "https://user:pw@sp.example.org/acs".into(),
        "https://sp.example.org@evil.example/acs".into(),
        "https:sp.example.org/acs".into(),
        "javascript:alert(1)".into(),
        "ftp://sp.example.org/acs".into(),
        "/acs".into(),
        "https://".into(),
        String::new(),
    ] {
        assert!(
            matches!(check_endpoint_url(&bad), Err(SamlError::Malformed(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn endpoint_urls_in_metadata() {
    let acs = |url: &str| {
        md(
            "",
            "",
            &format!(
                "{}{}",
                key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
                post_acs(0, url)
            ),
        )
    };
    read(&acs("http://127.0.0.1:8080/acs")).expect("loopback http");
    malformed(read(&acs("http://sp.example.org/acs")));
    malformed(read(&acs("https://sp.example.org/acs#x")));
    malformed(read(&acs("https://sp.example.org/a&#xA;b")));

    let slo = |attrs: &str, binding_uri: &str| {
        md(
            "",
            "",
            &format!(
                "{}<md:SingleLogoutService Binding=\"{binding_uri}\" {attrs}/>{}",
                key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
                post_acs(0, ACS)
            ),
        )
    };
    let m = read(&slo(
        "Location=\"https://sp.example.org/slo\" ResponseLocation=\"https://sp.example.org/slo/r\"",
        binding::POST,
    ))
    .unwrap();
    assert_eq!(
        m.slo,
        [SloEndpoint {
            binding: Binding::Post,
            location: "https://sp.example.org/slo".into(),
            response_location: Some("https://sp.example.org/slo/r".into())
        }]
    );
    malformed(read(&slo(
        "Location=\"http://sp.example.org/slo\"",
        binding::REDIRECT,
    )));
    malformed(read(&slo(
        "Location=\"https://sp.example.org/slo\" ResponseLocation=\"https://sp.example.org/r#x\"",
        binding::REDIRECT,
    )));
    // Ignored endpoints are not checked: Limen never sends anything there.
    let soap = read(&slo(
        "Location=\"http://sp.example.org/soap\"",
        binding::SOAP,
    ))
    .unwrap();
    assert!(soap.slo.is_empty());
    assert_eq!(soap.ignored, ["SingleLogoutService (SOAP) ignored"]);
}

#[test]
fn signing_key_types_and_sizes() {
    let with_key = |use_: Option<&str>, cert: &str| {
        md(
            "",
            "",
            &format!("{}{}", key_descriptor(use_, cert, ""), post_acs(0, ACS)),
        )
    };
    for ok in ["sp-rsa2048.crt", "sp-p256.crt"] {
        let m = read(&with_key(Some("signing"), ok)).unwrap();
        assert_eq!(m.signing_certificates, [pem(ok)]);
        assert_eq!(m.encryption_certificate, None);
    }
    for bad in ["rsa1024.crt", "ec-p521.crt", "ed25519.crt"] {
        for use_ in [Some("signing"), None] {
            let r = read(&with_key(use_, bad));
            assert!(matches!(r, Err(SamlError::Key(_))), "{bad} {use_:?}: {r:?}");
        }
    }
    // An encryption-only key that cannot encrypt is noted, not refused.
    let m = read(&md(
        "",
        "",
        &format!(
            "{}{}{}",
            key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
            key_descriptor(Some("encryption"), "rsa1024.crt", ""),
            post_acs(0, ACS)
        ),
    ))
    .unwrap();
    assert_eq!(m.encryption_certificate, None);
    assert!(m.ignored[0].contains("1024 bits"), "{:?}", m.ignored);
    // A certificate that does not parse: refused whatever its use.
    let garbage = "<md:KeyDescriptor use=\"encryption\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\
         AAAA</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
    assert!(matches!(
        read(&md("", "", &format!("{}{garbage}", basic_children()))),
        Err(SamlError::Key(_))
    ));
    let not_base64 = garbage.replace("AAAA", "!!");
    malformed(read(&md(
        "",
        "",
        &format!("{}{not_base64}", basic_children()),
    )));
}

#[test]
fn key_descriptor_uses() {
    let methods = "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>\
                   <md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\"/>";
    // Use-less RSA: both; use-less EC: signing only, noted; a second RSA encryption key: noted.
    let m = read(&md(
        "",
        "",
        &format!(
            "{}{}{}{}",
            key_descriptor(None, "sp-p256.crt", ""),
            key_descriptor(None, "sp-rsa2048.crt", methods),
            key_descriptor(Some("encryption"), "sp-rsa2048.crt", ""),
            post_acs(0, ACS)
        ),
    ))
    .unwrap();
    assert_eq!(
        m.signing_certificates,
        [pem("sp-p256.crt"), pem("sp-rsa2048.crt")]
    );
    assert_eq!(m.encryption_certificate, Some(pem("sp-rsa2048.crt")));
    assert_eq!(
        m.encryption_methods,
        [
            "http://www.w3.org/2009/xmlenc11#aes256-gcm",
            "http://www.w3.org/2009/xmlenc11#rsa-oaep"
        ]
    );
    assert_eq!(m.ignored.len(), 2, "{:?}", m.ignored);
    assert!(m.ignored[0].contains("elliptic-curve"));
    assert!(m.ignored[1].contains("another RSA encryption key"));
    // The same certificate twice for signing is pinned once.
    let twice = read(&md(
        "",
        "",
        &format!(
            "{}{}",
            key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
            basic_children()
        ),
    ))
    .unwrap();
    assert_eq!(twice.signing_certificates.len(), 1);
    // No key at all is accepted (an SP that signs nothing).
    let keyless = read(&md("", "", &post_acs(0, ACS))).unwrap();
    assert!(keyless.signing_certificates.is_empty());

    malformed(read(&md(
        "",
        "",
        &format!(
            "{}{}",
            key_descriptor(Some("both"), "sp-rsa2048.crt", ""),
            post_acs(0, ACS)
        ),
    )));
    let no_certificate = "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:KeyName>k</ds:KeyName>\
                          </ds:KeyInfo></md:KeyDescriptor>";
    assert!(
        malformed(read(&md(
            "",
            "",
            &format!("{no_certificate}{}", post_acs(0, ACS))
        )))
        .contains("X509Certificate")
    );
    // A chain: the first certificate is the key, the rest is noted.
    let chain = format!(
        "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}\
         </ds:X509Certificate><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data>\
         </ds:KeyInfo></md:KeyDescriptor>{}",
        B64.encode(pem("sp-rsa2048.crt")),
        B64.encode(pem("rsa1024.crt")),
        post_acs(0, ACS)
    );
    let m = read(&md("", "", &chain)).unwrap();
    assert_eq!(m.signing_certificates, [pem("sp-rsa2048.crt")]);
    assert_eq!(
        m.ignored,
        ["KeyDescriptor 1: 1 certificate(s) after the first ignored"]
    );
}

#[test]
fn algorithm_support_extensions() {
    let doc = basic()
        .replacen(
            "<md:SPSSODescriptor",
            &format!(
                "<md:Extensions><alg:DigestMethod Algorithm=\"{}\"/>\
                 <alg:SigningMethod Algorithm=\"{}\"/></md:Extensions><md:SPSSODescriptor",
                dsig::uri::SHA256,
                dsig::uri::ECDSA_SHA256
            ),
            1,
        )
        .replacen(
            "<md:KeyDescriptor",
            &format!(
                "<md:Extensions><alg:SigningMethod Algorithm=\"{}\"/>\
                 <alg:SigningMethod Algorithm=\"{}\"/></md:Extensions><md:KeyDescriptor",
                dsig::uri::RSA_SHA256,
                dsig::uri::ECDSA_SHA256
            ),
            1,
        );
    let m = read(&doc).unwrap();
    assert_eq!(
        m.signing_methods,
        [dsig::uri::ECDSA_SHA256, dsig::uri::RSA_SHA256]
    );
    assert_eq!(m.digest_methods, [dsig::uri::SHA256]);
    assert!(read(&basic()).unwrap().signing_methods.is_empty());
}

#[test]
fn doctype_is_refused() {
    let mellon = data("mellon-sp.xml");
    read(&mellon).expect("twin");
    let with_dtd = format!("<!DOCTYPE EntityDescriptor [<!ENTITY e \"x\">]>{mellon}");
    malformed(read(&with_dtd));
    let external =
        format!("<!DOCTYPE EntityDescriptor SYSTEM \"http://evil.example/x.dtd\">{mellon}");
    malformed(read(&external));
}

#[test]
fn requested_attributes_and_name_id_formats() {
    let children = format!(
        "{}<md:NameIDFormat> urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress </md:NameIDFormat>\
         {}<md:AttributeConsumingService index=\"0\"><md:ServiceName xml:lang=\"en\">x</md:ServiceName>\
         <md:RequestedAttribute Name=\"uid\"/><md:RequestedAttribute Name=\"email\"/></md:AttributeConsumingService>\
         <md:AttributeConsumingService index=\"1\"><md:ServiceName xml:lang=\"en\">y</md:ServiceName>\
         <md:RequestedAttribute Name=\"email\"/><md:RequestedAttribute Name=\"groups\"/></md:AttributeConsumingService>",
        key_descriptor(Some("signing"), "sp-rsa2048.crt", ""),
        post_acs(0, ACS)
    );
    let m = read(&md("", "", &children)).unwrap();
    assert_eq!(
        m.name_id_formats,
        ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"]
    );
    assert_eq!(m.requested_attributes, ["uid", "email", "groups"]);
    malformed(read(&md(
        "",
        "",
        &children.replacen(
            "<md:RequestedAttribute Name=\"uid\"/>",
            "<md:RequestedAttribute/>",
            1,
        ),
    )));
    malformed(read(&md(
        "",
        "",
        &children.replacen(" urn:oasis", "<x/>urn:oasis", 1),
    )));
}
