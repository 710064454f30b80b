//! The identity provider's single logout messages and outbound bindings (docs/SAML.md §9, §13.1):
//! `LogoutRequest` and `LogoutResponse` canonical by construction over generated values, signed
//! for POST and unsigned for Redirect; the Redirect URL (Bind §3.4.4.1) inflated, decoded and its
//! query signature verified over the octets as they appear, for RSA and ECDSA; xmlsec1 as an
//! independent verifier of the POST messages (skipped with a message when not installed).

use std::io::Read as _;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_saml::SamlError;
use limen_saml::c14n::canonicalize;
use limen_saml::dsig::{self, PublicKey, SignatureAlgorithm};
use limen_saml::idp::logout::{
    Field, LogoutRequestSpec, MAX_RELAY_STATE, logout_request, logout_response, post_value,
    redirect_url,
};
use limen_saml::idp::{Binding, NameId, NameIdFormat, status};
use limen_saml::keys::IdpKey;
use limen_saml::xml::{self, ns};
use roxmltree::Node;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const IDP: &str = "https://login.example.org/saml/metadata";
const SP: &str = "https://app.example.com/saml/metadata";
const SP_SLO: &str = "https://app.example.com/saml/slo";

struct Keys {
    rsa: IdpKey,
    ec: IdpKey,
    other_ec: IdpKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        rsa: IdpKey::generate_rsa("Limen IdP", 2048).unwrap(),
        ec: IdpKey::generate_p256("Limen IdP").unwrap(),
        other_ec: IdpKey::generate_p256("Someone else").unwrap(),
    })
}

fn now() -> OffsetDateTime {
    OffsetDateTime::parse("2026-05-04T10:20:30Z", &Rfc3339).unwrap()
}

fn public(key: &IdpKey) -> PublicKey {
    PublicKey::from_certificate(&key.certificate_der).unwrap()
}

fn transient() -> NameId {
    NameId {
        value: "_7a1f0e".into(),
        format: Some(NameIdFormat::Transient.uri().into()),
        name_qualifier: Some(IDP.into()),
        sp_name_qualifier: Some(SP.into()),
    }
}

fn request_spec(name_id: &NameId) -> LogoutRequestSpec<'_> {
    LogoutRequestSpec {
        idp_entity_id: IDP,
        destination: SP_SLO,
        name_id,
        session_index: Some("5e55i0n"),
        now: now(),
        lifetime: Duration::minutes(5),
    }
}

fn find<'a, 'i>(doc: &'a roxmltree::Document<'i>, ns: &str, local: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| xml::is(*n, ns, local))
        .unwrap_or_else(|| panic!("no {local}"))
}

fn element_names(node: Node<'_, '_>) -> Vec<String> {
    node.children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

fn strip_signatures(xml_text: &str) -> String {
    let doc = xml::parse(xml_text).unwrap();
    let mut ranges: Vec<_> = doc
        .descendants()
        .filter(|n| xml::is(*n, ns::DS, "Signature"))
        .map(|n| n.range())
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = xml_text.to_owned();
    for r in ranges {
        out.replace_range(r, "");
    }
    out
}

fn assert_canonical(s: &str) {
    let doc = xml::parse(s).unwrap_or_else(|e| panic!("{e}: {s}"));
    assert_eq!(
        canonicalize(doc.root_element(), None, &[]),
        s,
        "not canonical"
    );
}

fn verify(xml_text: &str, key: &IdpKey) -> Result<(), SamlError> {
    let doc = xml::parse(xml_text)?;
    dsig::verify_enveloped(doc.root_element(), &[public(key)], true)
}

/// A deterministic generator (linear congruential): reproducible, no crate.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn value(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Ελένη",
            "Жанна",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\r",
            "\t",
            "\n",
            "]]>",
            " ",
            "😀",
            "%2f",
            "%2F",
            "+",
            "=",
            "?",
        ];
        let mut out = String::from("x");
        for _ in 0..1 + self.next() % 6 {
            out.push_str(PIECES[self.next() % PIECES.len()]);
        }
        out
    }
}

#[test]
fn a_post_logout_request_is_signed_and_in_schema_order() {
    let name_id = transient();
    let spec = request_spec(&name_id);
    for key in [&keys().rsa, &keys().ec] {
        let (id, xml_text) = logout_request(&spec, &key.signer().unwrap(), Binding::Post).unwrap();
        assert_canonical(&strip_signatures(&xml_text));
        let doc = xml::parse(&xml_text).unwrap();
        let root = doc.root_element();
        assert!(xml::is(root, ns::SAMLP, "LogoutRequest"));
        assert_eq!(root.attribute("ID"), Some(id.as_str()));
        assert!(id.starts_with('_') && id.len() == 65);
        assert_eq!(root.attribute("Version"), Some("2.0"));
        assert_eq!(root.attribute("Destination"), Some(SP_SLO));
        assert_eq!(root.attribute("IssueInstant"), Some("2026-05-04T10:20:30Z"));
        assert_eq!(root.attribute("NotOnOrAfter"), Some("2026-05-04T10:25:30Z"));
        assert_eq!(
            element_names(root),
            ["Issuer", "Signature", "NameID", "SessionIndex"]
        );
        let name = find(&doc, ns::SAML, "NameID");
        assert_eq!(xml::text(name).unwrap(), "_7a1f0e");
        assert_eq!(
            name.attribute("Format"),
            Some(NameIdFormat::Transient.uri())
        );
        assert_eq!(name.attribute("NameQualifier"), Some(IDP));
        assert_eq!(name.attribute("SPNameQualifier"), Some(SP));
        assert_eq!(
            xml::text(find(&doc, ns::SAMLP, "SessionIndex")).unwrap(),
            "5e55i0n"
        );
        verify(&xml_text, key).unwrap();
        assert!(verify(&xml_text, &keys().other_ec).is_err());
        let changed = xml_text.replacen("_7a1f0e", "_7a1f0f", 1);
        assert!(matches!(
            verify(&changed, key),
            Err(SamlError::Signature(_))
        ));
    }
    // Twin: without a SessionIndex, none is written; a lifetime that is not positive is refused.
    let bare = LogoutRequestSpec {
        session_index: None,
        ..request_spec(&name_id)
    };
    let (_, xml_text) = logout_request(&bare, &keys().ec.signer().unwrap(), Binding::Post).unwrap();
    assert!(!xml_text.contains("SessionIndex"));
    let refused = LogoutRequestSpec {
        lifetime: Duration::ZERO,
        ..request_spec(&name_id)
    };
    assert!(matches!(
        logout_request(&refused, &keys().ec.signer().unwrap(), Binding::Post),
        Err(SamlError::Config(_))
    ));
}

#[test]
fn a_redirect_logout_request_is_unsigned_and_wholly_canonical() {
    let name_id = transient();
    let (id, xml_text) = logout_request(
        &request_spec(&name_id),
        &keys().ec.signer().unwrap(),
        Binding::Redirect,
    )
    .unwrap();
    // Bind §3.4.4.1: no enveloped signature with the Redirect binding.
    assert!(!xml_text.contains("Signature"));
    assert_canonical(&xml_text);
    let doc = xml::parse(&xml_text).unwrap();
    assert_eq!(doc.root_element().attribute("ID"), Some(id.as_str()));
    assert_eq!(
        element_names(doc.root_element()),
        ["Issuer", "NameID", "SessionIndex"]
    );
    assert!(matches!(
        verify(&xml_text, &keys().ec),
        Err(SamlError::Signature(_))
    ));
}

#[test]
fn logout_messages_are_canonical_over_generated_values() {
    for seed in 0..64u64 {
        let mut g = Gen(seed);
        let name_id = NameId {
            value: g.value(),
            format: (seed % 2 == 0).then(|| NameIdFormat::Persistent.uri().to_owned()),
            name_qualifier: (seed % 3 == 0).then(|| g.value()),
            sp_name_qualifier: Some(g.value()),
        };
        let idp = format!("{IDP}?{}", g.value());
        let destination = format!("{SP_SLO}?{}", g.value());
        let session_index = g.value();
        let spec = LogoutRequestSpec {
            idp_entity_id: &idp,
            destination: &destination,
            session_index: Some(&session_index),
            ..request_spec(&name_id)
        };
        let key = if seed % 2 == 0 {
            &keys().ec
        } else {
            &keys().rsa
        };
        let signer = key.signer().unwrap();
        let binding = if seed % 4 < 2 {
            Binding::Post
        } else {
            Binding::Redirect
        };
        let (_, request) = logout_request(&spec, &signer, binding).unwrap();
        assert_canonical(&strip_signatures(&request));
        let doc = xml::parse(&request).unwrap();
        assert_eq!(
            xml::text(find(&doc, ns::SAML, "NameID")).unwrap(),
            name_id.value
        );
        assert_eq!(
            find(&doc, ns::SAML, "NameID").attribute("SPNameQualifier"),
            name_id.sp_name_qualifier.as_deref()
        );
        assert_eq!(
            doc.root_element().attribute("Destination"),
            Some(destination.as_str())
        );

        let irt = g.value();
        let response = logout_response(
            &idp,
            &destination,
            Some(&irt),
            status::RESPONDER,
            Some(status::PARTIAL_LOGOUT),
            now(),
            &signer,
            binding,
        )
        .unwrap();
        assert_canonical(&strip_signatures(&response));
        let doc = xml::parse(&response).unwrap();
        assert_eq!(
            doc.root_element().attribute("InResponseTo"),
            Some(irt.as_str())
        );
        if binding == Binding::Post {
            verify(&response, key).unwrap();
            verify(&request, key).unwrap();
        }
    }
}

#[test]
fn a_logout_response_carries_its_status_and_is_signed_for_post() {
    for key in [&keys().rsa, &keys().ec] {
        let signer = key.signer().unwrap();
        let xml_text = logout_response(
            IDP,
            SP_SLO,
            Some("_req1"),
            status::SUCCESS,
            None,
            now(),
            &signer,
            Binding::Post,
        )
        .unwrap();
        let doc = xml::parse(&xml_text).unwrap();
        let root = doc.root_element();
        assert!(xml::is(root, ns::SAMLP, "LogoutResponse"));
        assert_eq!(element_names(root), ["Issuer", "Signature", "Status"]);
        assert_eq!(root.attribute("InResponseTo"), Some("_req1"));
        assert_eq!(root.attribute("Destination"), Some(SP_SLO));
        assert_eq!(
            find(&doc, ns::SAMLP, "StatusCode").attribute("Value"),
            Some(status::SUCCESS)
        );
        assert_eq!(xml_text.matches("<samlp:StatusCode ").count(), 1);
        verify(&xml_text, key).unwrap();
        let changed = xml_text.replacen("_req1", "_req2", 1);
        assert!(verify(&changed, key).is_err());

        let partial = logout_response(
            IDP,
            SP_SLO,
            Some("_req1"),
            status::RESPONDER,
            Some(status::PARTIAL_LOGOUT),
            now(),
            &signer,
            Binding::Redirect,
        )
        .unwrap();
        assert_canonical(&partial);
        assert!(!partial.contains("Signature"));
        let doc = xml::parse(&partial).unwrap();
        let top = find(&doc, ns::SAMLP, "StatusCode");
        assert_eq!(top.attribute("Value"), Some(status::RESPONDER));
        assert_eq!(
            top.first_element_child().and_then(|c| c.attribute("Value")),
            Some(status::PARTIAL_LOGOUT)
        );
        assert!(!partial.contains("StatusMessage"));

        // Refused: a second-level code at the top, a destination XML cannot carry.
        assert!(matches!(
            logout_response(
                IDP,
                SP_SLO,
                None,
                status::PARTIAL_LOGOUT,
                None,
                now(),
                &signer,
                Binding::Post
            ),
            Err(SamlError::Config(_))
        ));
        assert!(matches!(
            logout_response(
                IDP,
                "https://sp/\u{1}",
                None,
                status::SUCCESS,
                None,
                now(),
                &signer,
                Binding::Post
            ),
            Err(SamlError::Config(_))
        ));
    }
}

/// The raw `name=value` pairs of a URL's query, in order, not decoded.
fn raw_pairs(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').unwrap().1;
    query
        .split('&')
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap();
            (n.to_owned(), v.to_owned())
        })
        .collect()
}

fn url_decode(value: &str) -> String {
    url::form_urlencoded::parse(format!("v={value}").as_bytes())
        .next()
        .unwrap()
        .1
        .into_owned()
}

fn inflate(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::DeflateDecoder::new(bytes)
        .read_to_string(&mut out)
        .unwrap();
    out
}

/// Verifies a Redirect-binding URL as an SP does (Bind §3.4.4.1): the octets signed are the
/// parameters as received, `field`, `RelayState` when present, `SigAlg`, joined by `&`.
/// Returns (message XML, RelayState).
fn check_redirect(
    url: &str,
    field: &str,
    key: &PublicKey,
) -> Result<(String, Option<String>), String> {
    let pairs = raw_pairs(url);
    let names: Vec<&str> = pairs
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| [field, "RelayState", "SigAlg", "Signature"].contains(n))
        .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let relay = get("RelayState");
    let expected: Vec<&str> = if relay.is_some() {
        vec![field, "RelayState", "SigAlg", "Signature"]
    } else {
        vec![field, "SigAlg", "Signature"]
    };
    if names != expected {
        return Err(format!("parameters {names:?}"));
    }
    let message = get(field).ok_or("no message")?;
    let sig_alg = get("SigAlg").ok_or("no SigAlg")?;
    let mut signed = format!("{field}={message}");
    if let Some(r) = &relay {
        signed.push_str(&format!("&RelayState={r}"));
    }
    signed.push_str(&format!("&SigAlg={sig_alg}"));
    let algorithm =
        SignatureAlgorithm::from_uri(&url_decode(&sig_alg)).map_err(|e| e.to_string())?;
    let signature = B64
        .decode(url_decode(&get("Signature").ok_or("no Signature")?))
        .map_err(|e| e.to_string())?;
    if !key.verify(algorithm, signed.as_bytes(), &signature) {
        return Err("signature".into());
    }
    let deflated = B64
        .decode(url_decode(&message))
        .map_err(|e| e.to_string())?;
    Ok((inflate(&deflated), relay.map(|r| url_decode(&r))))
}

#[test]
fn a_redirect_url_is_deflated_encoded_and_signed_over_its_own_octets() {
    let name_id = transient();
    for key in [&keys().rsa, &keys().ec] {
        let signer = key.signer().unwrap();
        let (_, xml_text) =
            logout_request(&request_spec(&name_id), &signer, Binding::Redirect).unwrap();
        let relay = "back to /app?x=1&y=é+z/%2F";
        let url =
            redirect_url(SP_SLO, Field::SamlRequest, &xml_text, Some(relay), &signer).unwrap();
        assert!(url.starts_with(&format!("{SP_SLO}?SAMLRequest=")));
        let (message, relay_read) = check_redirect(&url, "SAMLRequest", &public(key)).unwrap();
        assert_eq!(message, xml_text);
        assert_eq!(relay_read.as_deref(), Some(relay));
        let sig_alg = url_decode(&raw_pairs(&url)[2].1);
        assert_eq!(sig_alg, signer.algorithm().uri());

        // Twins: another key; one changed octet in the signed part (RelayState); the same
        // signature over a re-encoded query (%2F → %2f).
        assert_eq!(
            check_redirect(&url, "SAMLRequest", &public(&keys().other_ec)).unwrap_err(),
            "signature"
        );
        let changed = url.replacen("RelayState=back", "RelayState=Back", 1);
        assert_eq!(
            check_redirect(&changed, "SAMLRequest", &public(key)).unwrap_err(),
            "signature"
        );
        assert!(url.contains("%252F"));
        let reencoded = url.replacen("%252F", "%252f", 1);
        assert_eq!(
            check_redirect(&reencoded, "SAMLRequest", &public(key)).unwrap_err(),
            "signature"
        );

        // A LogoutResponse, without RelayState.
        let response = logout_response(
            IDP,
            SP_SLO,
            Some("_r"),
            status::SUCCESS,
            None,
            now(),
            &signer,
            Binding::Redirect,
        )
        .unwrap();
        let url = redirect_url(SP_SLO, Field::SamlResponse, &response, None, &signer).unwrap();
        assert!(!url.contains("RelayState"));
        let (message, relay_read) = check_redirect(&url, "SAMLResponse", &public(key)).unwrap();
        assert_eq!(message, response);
        assert_eq!(relay_read, None);
    }
}

#[test]
fn a_redirect_url_keeps_the_locations_own_query() {
    let signer = keys().ec.signer().unwrap();
    let xml_text = "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"></samlp:LogoutResponse>";
    for (location, prefix) in [
        (
            "https://sp.example/slo",
            "https://sp.example/slo?SAMLResponse=",
        ),
        (
            "https://sp.example/slo?idp=limen",
            "https://sp.example/slo?idp=limen&SAMLResponse=",
        ),
        (
            "https://sp.example/slo?",
            "https://sp.example/slo?SAMLResponse=",
        ),
        (
            "https://sp.example/slo?a=1&",
            "https://sp.example/slo?a=1&SAMLResponse=",
        ),
    ] {
        let url = redirect_url(location, Field::SamlResponse, xml_text, None, &signer).unwrap();
        assert!(url.starts_with(prefix), "{url}");
        let (message, _) = check_redirect(&url, "SAMLResponse", &public(&keys().ec)).unwrap();
        assert_eq!(message, xml_text);
    }
    // Refused: a fragment (the query would be part of it), a location XML cannot carry.
    assert!(matches!(
        redirect_url(
            "https://sp.example/slo#top",
            Field::SamlResponse,
            xml_text,
            None,
            &signer
        ),
        Err(SamlError::Config(_))
    ));
    assert!(matches!(
        redirect_url("", Field::SamlResponse, xml_text, None, &signer),
        Err(SamlError::Config(_))
    ));
}

#[test]
fn the_query_is_encoded_as_re_encoding_sps_rebuild_it() {
    // RFC 3986 unreserved kept (`~` too), `*` and every other byte %XX uppercase, space `+`:
    // what pysaml2's urlencode rebuilds before it verifies.
    let signer = keys().rsa.signer().unwrap();
    let url = redirect_url(
        SP_SLO,
        Field::SamlRequest,
        "<a></a>",
        Some("a*b~c é/+&x=1-._"),
        &signer,
    )
    .unwrap();
    let pairs = raw_pairs(&url);
    assert_eq!(pairs[1].0, "RelayState");
    assert_eq!(pairs[1].1, "a%2Ab~c+%C3%A9%2F%2B%26x%3D1-._");
    assert_eq!(
        pairs[2].1,
        "http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256"
    );
    assert!(!pairs[0].1.contains(['+', '/', '=']));
    let (_, relay) = check_redirect(&url, "SAMLRequest", &public(&keys().rsa)).unwrap();
    assert_eq!(relay.as_deref(), Some("a*b~c é/+&x=1-._"));
}

#[test]
fn relay_state_is_at_most_80_bytes() {
    let signer = keys().ec.signer().unwrap();
    let at_limit = "é".repeat(MAX_RELAY_STATE / 2);
    assert_eq!(at_limit.len(), 80);
    let url = redirect_url(
        SP_SLO,
        Field::SamlRequest,
        "<a></a>",
        Some(&at_limit),
        &signer,
    )
    .unwrap();
    let (_, relay) = check_redirect(&url, "SAMLRequest", &public(&keys().ec)).unwrap();
    assert_eq!(relay.as_deref(), Some(at_limit.as_str()));
    let over = format!("{at_limit}x");
    assert!(matches!(
        redirect_url(SP_SLO, Field::SamlRequest, "<a></a>", Some(&over), &signer),
        Err(SamlError::Config(m)) if m.contains("81")
    ));
}

#[test]
fn the_post_value_is_the_base64_of_the_message() {
    let name_id = transient();
    let (_, xml_text) = logout_request(
        &request_spec(&name_id),
        &keys().ec.signer().unwrap(),
        Binding::Post,
    )
    .unwrap();
    let value = post_value(&xml_text);
    assert!(!value.contains('\n'));
    assert_eq!(B64.decode(&value).unwrap(), xml_text.as_bytes());
}

// ---- xmlsec1 as an oracle --------------------------------------------------------------------

fn xmlsec1_installed() -> bool {
    let found = Command::new("xmlsec1")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: xmlsec1 not installed");
    }
    found
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("limen-saml-idp-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pem(der: &[u8]) -> Vec<u8> {
    let body = B64.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out.into_bytes()
}

fn xmlsec1_verifies(scratch: &Scratch, doc: &str, cert_der: &[u8], id_node: &str) -> bool {
    let cert = scratch.write("cert.pem", &pem(cert_der));
    let file = scratch.write("signed.xml", doc.as_bytes());
    let out = Command::new("xmlsec1")
        .arg("--verify")
        .arg("--pubkey-cert-pem")
        .arg(&cert)
        .args(["--id-attr:ID", id_node])
        .arg(&file)
        .output()
        .unwrap();
    if !out.status.success() {
        eprintln!("xmlsec1 --verify: {}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

#[test]
fn xmlsec1_verifies_limen_post_logout_messages() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("logout");
    let name_id = transient();
    for key in [&keys().rsa, &keys().ec] {
        let signer = key.signer().unwrap();
        let (_, request) = logout_request(&request_spec(&name_id), &signer, Binding::Post).unwrap();
        let node = "urn:oasis:names:tc:SAML:2.0:protocol:LogoutRequest";
        assert!(xmlsec1_verifies(
            &scratch,
            &request,
            &key.certificate_der,
            node
        ));
        let changed = request.replacen("5e55i0n", "5e55i0m", 1);
        assert!(!xmlsec1_verifies(
            &scratch,
            &changed,
            &key.certificate_der,
            node
        ));

        let response = logout_response(
            IDP,
            SP_SLO,
            Some("_req"),
            status::RESPONDER,
            Some(status::PARTIAL_LOGOUT),
            now(),
            &signer,
            Binding::Post,
        )
        .unwrap();
        let node = "urn:oasis:names:tc:SAML:2.0:protocol:LogoutResponse";
        assert!(xmlsec1_verifies(
            &scratch,
            &response,
            &key.certificate_der,
            node
        ));
        assert!(!xmlsec1_verifies(
            &scratch,
            &response,
            &keys().other_ec.certificate_der,
            node
        ));
    }
}
