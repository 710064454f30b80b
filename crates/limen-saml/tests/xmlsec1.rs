//! xmlsec1 (the reference C implementation, which pysaml2 signs with) as an oracle for Limen's
//! exclusive C14N and XML-DSig, in both directions: xmlsec1 verifies documents Limen signed, and
//! Limen verifies documents xmlsec1 signed — SAML messages and generated documents with the
//! canonicalization's hard cases (FEDERATION.md §8.2). When xmlsec1 is not installed the tests
//! say so and return (CI installs it).

mod common;

use std::path::PathBuf;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use common::*;
use limen_saml::dsig::{self, DigestAlgorithm, PublicKey, SignatureAlgorithm, Signer};
use limen_saml::xml;
use limen_saml::{Loa, SpConfig, metadata, verify_response};

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

/// A scratch directory of this test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("limen-saml-{name}-{}", std::process::id()));
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

fn pem(label: &str, der: &[u8]) -> Vec<u8> {
    let body = B64.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out.into_bytes()
}

/// `xmlsec1 --verify` of `doc` with the key of `cert_der`; `id_node` names the element whose
/// `ID` attribute is an ID (`[namespace:]local`).
fn xmlsec1_verifies(scratch: &Scratch, doc: &str, cert_der: &[u8], id_node: &str) -> bool {
    let cert = scratch.write("cert.pem", &pem("CERTIFICATE", cert_der));
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

/// `xmlsec1 --sign` of the template `doc` (a `ds:Signature` with empty values) with `pkcs8`.
fn xmlsec1_sign(scratch: &Scratch, doc: &str, pkcs8: &[u8], id_node: &str) -> String {
    let key = scratch.write("key.pem", &pem("PRIVATE KEY", pkcs8));
    let file = scratch.write("template.xml", doc.as_bytes());
    let output = scratch.0.join("out.xml");
    let out = Command::new("xmlsec1")
        .arg("--sign")
        .arg("--privkey-pem")
        .arg(&key)
        .args(["--id-attr:ID", id_node])
        .arg("--output")
        .arg(&output)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmlsec1 --sign: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(output).unwrap()
}

/// xmlsec1's output without its XML declaration (an element to embed or encrypt).
fn strip_declaration(doc: &str) -> &str {
    match doc.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map(|(_, r)| r.trim_start())
            .unwrap_or(doc),
        None => doc,
    }
}

#[test]
fn xmlsec1_verifies_limen_metadata() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("metadata");
    let doc = metadata(&config(), &keys().sp, now()).unwrap();
    let node = "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor";
    assert!(xmlsec1_verifies(
        &scratch,
        &doc,
        &keys().sp.signing_cert_der,
        node
    ));
    // Twin: the oracle does refuse a changed document and another key.
    let changed = doc.replacen("index=\"0\"", "index=\"1\"", 1);
    assert!(!xmlsec1_verifies(
        &scratch,
        &changed,
        &keys().sp.signing_cert_der,
        node
    ));
    assert!(!xmlsec1_verifies(
        &scratch,
        &doc,
        &keys().other.signing_cert_der,
        node
    ));
}

#[test]
fn xmlsec1_verifies_limen_post_authn_request() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("authn");
    let cfg = SpConfig {
        request_binding: limen_saml::Binding::Post,
        ..config()
    };
    let req = limen_saml::authn_request(&cfg, &keys().sp, Loa::High, "r", now()).unwrap();
    let doc = String::from_utf8(B64.decode(req.post_form.unwrap().1).unwrap()).unwrap();
    let node = "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest";
    assert!(xmlsec1_verifies(
        &scratch,
        &doc,
        &keys().sp.signing_cert_der,
        node
    ));
    assert!(!xmlsec1_verifies(
        &scratch,
        &doc.replacen("ForceAuthn=\"true\"", "ForceAuthn=\"false\"", 1),
        &keys().sp.signing_cert_der,
        node
    ));
}

#[test]
fn limen_verifies_a_response_xmlsec1_signed_with_ecdsa() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("response-ecdsa");
    let b64 = xmlsec1_response(&scratch, Sig::EcdsaSha256, &keys().idp.signing_pkcs8);
    let id = verify(&b64).expect("accepted");
    assert_eq!(id.person_identifier, "ES/BE/99999999R");
    // Twin: the same response, one signed attribute changed, is refused.
    let xml = String::from_utf8(B64.decode(&b64).unwrap()).unwrap();
    assert!(
        verify(&b64_of(&xml.replacen(
            "Version=\"2.0\"",
            "Version=\"2.0\" Consent=\"x\"",
            1
        )))
        .is_err()
    );
}

#[test]
fn limen_verifies_a_response_xmlsec1_signed_with_rsa_pkcs1() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("response-rsa");
    let b64 = xmlsec1_response(&scratch, Sig::RsaSha256, &keys().idp.encryption_pkcs8);
    let allowing = SpConfig {
        allow_rsa_pkcs1: true,
        ..config()
    };
    verify_response(
        &allowing,
        &keys().sp,
        &b64,
        REQUEST_ID,
        Loa::Substantial,
        now(),
    )
    .expect("accepted with the opt-in");
    let e = verify(&b64).expect_err("refused without it");
    assert!(matches!(e, limen_saml::SamlError::Algorithm(_)), "{e}");
}

fn b64_of(xml: &str) -> String {
    B64.encode(xml)
}

/// The default fixture with both signatures made by xmlsec1 from templates.
fn xmlsec1_response(scratch: &Scratch, sig: Sig, pkcs8: &[u8]) -> String {
    let fx = Fx::default();
    let assertion = with_signature_template(&fx.assertion_template(), sig, Digest::Sha256);
    let signed = xmlsec1_sign(
        scratch,
        &assertion,
        pkcs8,
        "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
    );
    let encrypted = encrypt(
        strip_declaration(&signed),
        &keys().sp,
        KeyTransport::OaepMgf1p,
        Content::Aes128Gcm,
        false,
    );
    let response = with_signature_template(&fx.response_template(&encrypted), sig, Digest::Sha256);
    B64.encode(xmlsec1_sign(
        scratch,
        &response,
        pkcs8,
        "urn:oasis:names:tc:SAML:2.0:protocol:Response",
    ))
}

#[test]
fn inclusive_prefixes_and_ancestor_namespaces_agree_with_xmlsec1() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("inclusive");
    // The signed element is not the root: its namespaces come from ancestors, and `q` (unused in
    // it) is rendered only because the PrefixList names it.
    for prefix_list in ["", "q", "q #default"] {
        let inclusive = if prefix_list.is_empty() {
            String::new()
        } else {
            format!(
                "<ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"{prefix_list}\"/>"
            )
        };
        let template = signature_template("_inner", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256")
            .replace(
                "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                &format!("<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\">{inclusive}</ds:Transform>"),
            );
        let doc = format!(
            "<o:Outer xmlns:o=\"urn:o\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" xmlns=\"urn:default\" xml:lang=\"fr\">\
             <p:Inner ID=\"_inner\">{template}<child q:a=\"1\"/><p:x>t</p:x></p:Inner></o:Outer>"
        );
        let signed = xmlsec1_sign(&scratch, &doc, &keys().idp.signing_pkcs8, "urn:p:Inner");
        let parsed = xml::parse(&signed).unwrap();
        let inner = parsed
            .descendants()
            .find(|n| n.tag_name().name() == "Inner")
            .unwrap();
        let key = PublicKey::from_certificate(&keys().idp.signing_cert_der).unwrap();
        dsig::verify_enveloped(inner, std::slice::from_ref(&key), false)
            .unwrap_or_else(|e| panic!("PrefixList {prefix_list:?}: {e}"));
        // Twin: a changed namespace binding on an ancestor changes the canonical form.
        let rebound = signed.replacen("xmlns:p=\"urn:p\"", "xmlns:p=\"urn:p2\"", 1);
        let parsed = xml::parse(&rebound).unwrap();
        let inner = parsed
            .descendants()
            .find(|n| n.tag_name().name() == "Inner")
            .unwrap();
        assert!(dsig::verify_enveloped(inner, &[key], false).is_err());
    }
}

/// A small deterministic generator (a linear congruential generator: reproducible, no crate).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() % items.len()]
    }
}

const TEXTS: &[&str] = &[
    "x",
    "a &amp; b",
    "&lt;tag&gt;",
    "line&#13;&#10;feed",
    "tab\there",
    "&#9;",
    "  ",
    "é€😀 Ελένη",
    "\"quotes\" and 'apostrophes'",
    "&#x10348;",
    "]]&gt;",
    "a\r\nb",
];
const VALUES: &[&str] = &[
    "v",
    "&amp;&lt;&gt;&quot;",
    "x&#9;y&#13;z&#10;w",
    "literal\ttab",
    "é€😀",
    "",
    "  spaced  ",
    "'",
    ">",
];

fn gen_element(g: &mut Gen, depth: usize, out: &mut String) {
    let name = *g.pick(&["p1:e", "p2:f", "e", "p3:g", "e"]);
    out.push('<');
    out.push_str(name);
    if name.starts_with("p3:") {
        // Declared locally each time, with one of two URIs: superfluous and rebound declarations.
        out.push_str(&format!(" xmlns:p3=\"urn:p3-{}\"", g.next() % 2));
    }
    match g.next() % 5 {
        0 => out.push_str(" xmlns=\"\""),
        1 => out.push_str(" xmlns=\"urn:d2\""),
        _ => {}
    }
    let mut used = Vec::new();
    for _ in 0..g.next() % 4 {
        let attr = *g.pick(&["a", "b", "p1:c", "p2:c", "xml:lang", "Z"]);
        if !used.contains(&attr) {
            used.push(attr);
            out.push_str(&format!(" {attr}=\"{}\"", g.pick(VALUES)));
        }
    }
    out.push('>');
    if depth < 4 {
        for _ in 0..g.next() % 4 {
            if g.next().is_multiple_of(2) {
                let text: &&str = g.pick(TEXTS);
                out.push_str(text);
            } else {
                gen_element(g, depth + 1, out);
            }
        }
    }
    out.push_str(&format!("</{name}>"));
}

/// A document with the canonicalization's hard cases; `{{SIGNATURE}}` first in the root.
fn gen_document(seed: u64) -> (String, &'static str) {
    let mut g = Gen(seed);
    let (open, close, node) = match seed % 3 {
        0 => ("<r:Root xmlns:r=\"urn:r\"", "</r:Root>", "urn:r:Root"),
        1 => ("<Root xmlns=\"urn:d\"", "</Root>", "urn:d:Root"),
        _ => ("<Root", "</Root>", "Root"),
    };
    let mut out = format!(
        "{open} xmlns:p1=\"urn:p1\" xmlns:p2=\"urn:p2\" xmlns:unused=\"urn:unused\" ID=\"_g{seed}\" b=\"{}\">{SIG_PLACE}",
        g.pick(VALUES)
    );
    for _ in 0..1 + g.next() % 4 {
        gen_element(&mut g, 1, &mut out);
    }
    out.push_str(close);
    (out, node)
}

#[test]
fn generated_documents_agree_with_xmlsec1_both_ways() {
    if !xmlsec1_installed() {
        return;
    }
    let scratch = Scratch::new("generated");
    let idp_key = PublicKey::from_certificate(&keys().idp.signing_cert_der).unwrap();
    let limen_signer = Signer::ecdsa_p256(&keys().sp.signing_pkcs8, None).unwrap();
    for seed in 0..24u64 {
        let (template, node) = gen_document(seed);

        // Limen signs, xmlsec1 verifies.
        let unsigned = template.replace(SIG_PLACE, "");
        let signed =
            dsig::sign_enveloped(&unsigned, &limen_signer, DigestAlgorithm::Sha256, None).unwrap();
        assert!(
            xmlsec1_verifies(&scratch, &signed, &keys().sp.signing_cert_der, node),
            "xmlsec1 refused Limen's signature of {unsigned}"
        );

        // xmlsec1 signs, Limen verifies.
        let with_template = template.replace(
            SIG_PLACE,
            &signature_template(
                &format!("_g{seed}"),
                SignatureAlgorithm::EcdsaSha256.uri(),
                DigestAlgorithm::Sha256.uri(),
            ),
        );
        let by_xmlsec1 = xmlsec1_sign(&scratch, &with_template, &keys().idp.signing_pkcs8, node);
        let doc = xml::parse(&by_xmlsec1).unwrap();
        dsig::verify_enveloped(doc.root_element(), std::slice::from_ref(&idp_key), false)
            .unwrap_or_else(|e| panic!("Limen refused xmlsec1's signature of {by_xmlsec1}: {e}"));
    }
    // Twin: a document changed after xmlsec1 signed it is refused by Limen.
    let (template, node) = gen_document(1);
    let with_template = template.replace(
        SIG_PLACE,
        &signature_template(
            "_g1",
            SignatureAlgorithm::EcdsaSha256.uri(),
            DigestAlgorithm::Sha256.uri(),
        ),
    );
    let signed = xmlsec1_sign(&scratch, &with_template, &keys().idp.signing_pkcs8, node);
    let changed = signed.replacen("xmlns:p2=\"urn:p2\"", "xmlns:p2=\"urn:changed\"", 1);
    let doc = xml::parse(&changed).unwrap();
    assert!(dsig::verify_enveloped(doc.root_element(), &[idp_key], false).is_err());
}
