//! Inbound SAML messages at the identity provider (docs/SAML.md §4.2, §9.2, §10, §13.1): the
//! HTTP-Redirect and HTTP-POST bindings, the query signature over the received bytes, the
//! enveloped signature, and the readers of AuthnRequest, LogoutRequest and LogoutResponse. Every
//! refusal stands beside its accepted twin.
//!
//! The SP's keys are the fixtures of tests/data/idp (an RSA-2048 key and a P-256 key made with
//! openssl); a third key, made here, is nobody's.

use std::io::Write as _;
use std::sync::OnceLock;
use std::time::Instant;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use limen_saml::SamlError;
use limen_saml::dsig::{self, DigestAlgorithm, PublicKey, SignatureAlgorithm, Signer};
use limen_saml::idp::inbound::{
    self, Comparison, Expect, MAX_POST_BASE64, MAX_QUERY, MessageKind, Received,
};
use limen_saml::idp::{Binding, status};
use limen_saml::xml::{self, ns};
use ring::rand::SystemRandom;
use ring::signature::{self as sig, EcdsaKeyPair};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const SSO: &str = "https://limen.example/saml/sso";
const SLO: &str = "https://limen.example/saml/slo";
const SP: &str = "https://sp.example.org/saml2/metadata";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

// --- keys and clock ------------------------------------------------------------------------------

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/idp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The DER inside a PEM file.
fn pem(name: &str) -> Vec<u8> {
    let body: String = data(name)
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    B64.decode(body).unwrap()
}

struct Keys {
    rsa: Signer,
    ecdsa: Signer,
    other: Signer,
    /// The SP's pinned keys: its RSA and P-256 certificates.
    pinned: Vec<PublicKey>,
    rsa_only: Vec<PublicKey>,
    ec_only: Vec<PublicKey>,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let rsa_cert = PublicKey::from_certificate(&pem("sp-rsa2048.crt")).unwrap();
        let ec_cert = PublicKey::from_certificate(&pem("sp-p256.crt")).unwrap();
        let rng = SystemRandom::new();
        let other =
            EcdsaKeyPair::generate_pkcs8(&sig::ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        Keys {
            rsa: Signer::rsa(&pem("sp-rsa2048.key"), SignatureAlgorithm::RsaSha256, None).unwrap(),
            ecdsa: Signer::ecdsa_p256(&pem("sp-p256.key"), None).unwrap(),
            other: Signer::ecdsa_p256(other.as_ref(), None).unwrap(),
            pinned: vec![rsa_cert.clone(), ec_cert.clone()],
            rsa_only: vec![rsa_cert],
            ec_only: vec![ec_cert],
        }
    })
}

fn now() -> OffsetDateTime {
    OffsetDateTime::parse("2026-03-01T10:00:00Z", &Rfc3339).unwrap()
}

fn instant(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

fn expect(destination: &'static str, require_signed: bool) -> Expect<'static> {
    Expect {
        destination,
        keys: &keys().pinned,
        require_signed,
        now: now(),
    }
}

fn sso(require_signed: bool) -> Expect<'static> {
    expect(SSO, require_signed)
}

// --- messages ----------------------------------------------------------------------------------

/// An AuthnRequest: `attrs` added to the root, `children` after the Issuer.
fn authn(attrs: &str, children: &str) -> String {
    format!(
        "<samlp:AuthnRequest xmlns:samlp=\"{samlp}\" xmlns:saml=\"{saml}\" ID=\"_req1\" \
         Version=\"2.0\" IssueInstant=\"{ii}\" Destination=\"{SSO}\"{attrs}>\
         <saml:Issuer>{SP}</saml:Issuer>{children}</samlp:AuthnRequest>",
        samlp = ns::SAMLP,
        saml = ns::SAML,
        ii = instant(now()),
    )
}

fn plain_authn() -> String {
    authn("", "")
}

fn logout_request(attrs: &str, children: &str) -> String {
    format!(
        "<samlp:LogoutRequest xmlns:samlp=\"{samlp}\" xmlns:saml=\"{saml}\" ID=\"_lr1\" \
         Version=\"2.0\" IssueInstant=\"{ii}\" Destination=\"{SLO}\"{attrs}>\
         <saml:Issuer>{SP}</saml:Issuer>{children}</samlp:LogoutRequest>",
        samlp = ns::SAMLP,
        saml = ns::SAML,
        ii = instant(now()),
    )
}

const NAME_ID: &str = "<saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\" \
     NameQualifier=\"https://limen.example/saml/metadata\" SPNameQualifier=\"https://sp.example.org/saml2/metadata\">\
     a1b2c3</saml:NameID>";

fn logout_response(attrs: &str, status: &str) -> String {
    format!(
        "<samlp:LogoutResponse xmlns:samlp=\"{samlp}\" xmlns:saml=\"{saml}\" ID=\"_lresp1\" \
         Version=\"2.0\" IssueInstant=\"{ii}\" Destination=\"{SLO}\" InResponseTo=\"_ours\"{attrs}>\
         <saml:Issuer>{SP}</saml:Issuer>{status}</samlp:LogoutResponse>",
        samlp = ns::SAMLP,
        saml = ns::SAML,
        ii = instant(now()),
    )
}

fn success() -> String {
    format!(
        "<samlp:Status><samlp:StatusCode Value=\"{}\"/></samlp:Status>",
        status::SUCCESS
    )
}

fn deflate(xml: &[u8]) -> Vec<u8> {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
    e.write_all(xml).unwrap();
    e.finish().unwrap()
}

/// Form encoding as a sender writes it (uppercase hex, `+` for space).
fn enc(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Builds a Redirect query: `param=<deflated, base64, encoded>[&RelayState=…]`, signed over those
/// very bytes when a signer is given (Bindings §3.4.4.1).
fn redirect(param: &str, xml: &str, relay_raw: Option<&str>, signer: Option<&Signer>) -> String {
    let mut q = format!("{param}={}", enc(&B64.encode(deflate(xml.as_bytes()))));
    if let Some(r) = relay_raw {
        q.push_str("&RelayState=");
        q.push_str(r);
    }
    if let Some(s) = signer {
        q.push_str("&SigAlg=");
        q.push_str(&enc(s.algorithm().uri()));
        let signature = s.sign(q.as_bytes()).unwrap();
        q.push_str("&Signature=");
        q.push_str(&enc(&B64.encode(signature)));
    }
    q
}

fn redirect_request(xml: &str, signer: Option<&Signer>) -> String {
    redirect("SAMLRequest", xml, Some("%2Fapp"), signer)
}

fn post_signed(xml: &str, signer: &Signer) -> String {
    B64.encode(
        dsig::sign_enveloped(
            xml,
            signer,
            DigestAlgorithm::Sha256,
            Some((ns::SAML, "Issuer")),
        )
        .unwrap(),
    )
}

fn read_redirect(query: &str, e: &Expect<'_>) -> Result<inbound::AuthnRequestIn, SamlError> {
    inbound::read_authn_request(&inbound::from_redirect(query)?, e)
}

fn read_post(b64: &str, e: &Expect<'_>) -> Result<inbound::AuthnRequestIn, SamlError> {
    inbound::read_authn_request(&inbound::from_post(Some(b64), None, None)?, e)
}

/// A signed Redirect AuthnRequest of `xml`, read with signatures required.
fn signed_authn(xml: &str) -> Result<inbound::AuthnRequestIn, SamlError> {
    read_redirect(&redirect_request(xml, Some(&keys().rsa)), &sso(true))
}

fn is_guard(r: &Result<impl std::fmt::Debug, SamlError>) -> bool {
    matches!(r, Err(SamlError::Guard(_)))
}

fn is_malformed(r: &Result<impl std::fmt::Debug, SamlError>) -> bool {
    matches!(r, Err(SamlError::Malformed(_)))
}

fn is_signature(r: &Result<impl std::fmt::Debug, SamlError>) -> bool {
    matches!(r, Err(SamlError::Signature(_)))
}

// --- HTTP-Redirect: decoding (SAML.md §4.2 steps 1–3) ---------------------------------------------

#[test]
fn redirect_unsigned_request_read_when_signatures_are_not_required() {
    let q = redirect_request(&plain_authn(), None);
    let received = inbound::from_redirect(&q).unwrap();
    assert_eq!(received.kind, MessageKind::Request);
    assert_eq!(received.binding, Binding::Redirect);
    assert_eq!(received.relay_state.as_deref(), Some("/app"));
    assert_eq!(received.query_signature, None);
    assert_eq!(received.xml, plain_authn());
    assert_eq!(inbound::issuer(&received).unwrap(), SP);
    let request = inbound::read_authn_request(&received, &sso(false)).unwrap();
    assert_eq!(request.id, "_req1");
    assert_eq!(request.issuer, SP);
    assert_eq!(request.issue_instant, now());
    assert_eq!(request.destination.as_deref(), Some(SSO));
    assert!(!request.signed);
    assert!(!request.force_authn && !request.is_passive);
    assert_eq!(request.acs_url, None);
    assert_eq!(request.acs_index, None);
    assert_eq!(request.name_id_policy, None);
    assert_eq!(request.requested_authn_context, None);
    assert!(request.unsupported.is_empty());

    // Unsigned while the SP's requests must be signed: refused.
    assert!(is_signature(&inbound::read_authn_request(
        &received,
        &sso(true)
    )));
}

#[test]
fn redirect_query_size_limit() {
    let base = redirect_request(&plain_authn(), None);
    let pad = |total: usize| {
        let filler = total - base.len() - "&x=".len();
        format!("{base}&x={}", "a".repeat(filler))
    };
    let at_limit = pad(MAX_QUERY);
    assert_eq!(at_limit.len(), MAX_QUERY);
    read_redirect(&at_limit, &sso(false)).expect("16 KiB accepted, other names ignored");
    assert!(is_guard(&inbound::from_redirect(&pad(MAX_QUERY + 1))));
}

#[test]
fn redirect_duplicated_parameters_are_refused() {
    let signed = redirect_request(&plain_authn(), Some(&keys().rsa));
    read_redirect(&signed, &sso(true)).expect("twin");
    let first = |name: &str| {
        signed
            .split('&')
            .find(|p| p.starts_with(&format!("{name}=")))
            .unwrap()
            .to_owned()
    };
    for name in ["SAMLRequest", "RelayState", "SigAlg", "Signature"] {
        let doubled = format!("{signed}&{}", first(name));
        let r = inbound::from_redirect(&doubled);
        assert!(
            matches!(r, Err(SamlError::Malformed(ref m)) if m.contains("more than once")),
            "{name}: {r:?}"
        );
        // The same value again under another name is ignored.
        let renamed = format!("{signed}&X{}", first(name));
        read_redirect(&renamed, &sso(true)).expect(name);
    }
    let response = redirect("SAMLResponse", &logout_response("", &success()), None, None);
    inbound::from_redirect(&response).expect("twin");
    assert!(is_malformed(&inbound::from_redirect(&format!(
        "{response}&{response}"
    ))));
}

#[test]
fn redirect_needs_exactly_one_message() {
    let request = redirect("SAMLRequest", &plain_authn(), None, None);
    let response = redirect("SAMLResponse", &logout_response("", &success()), None, None);
    assert_eq!(
        inbound::from_redirect(&request).unwrap().kind,
        MessageKind::Request
    );
    assert_eq!(
        inbound::from_redirect(&response).unwrap().kind,
        MessageKind::Response
    );
    assert!(is_malformed(&inbound::from_redirect(&format!(
        "{request}&{response}"
    ))));
    assert!(is_malformed(&inbound::from_redirect(
        "RelayState=x&foo=bar"
    )));
    assert!(is_malformed(&inbound::from_redirect("")));
}

#[test]
fn redirect_percent_encoded_parameter_name_is_refused() {
    let q = redirect_request(&plain_authn(), None);
    let decoy = redirect(
        "SAMLRequest",
        &authn(" ForceAuthn=\"true\"", ""),
        None,
        None,
    );
    // `SAML%52equest` is `SAMLRequest` to a parser that decodes names first.
    let encoded_name = decoy.replacen("SAMLRequest", "SAML%52equest", 1);
    assert!(is_malformed(&inbound::from_redirect(&format!(
        "{q}&{encoded_name}"
    ))));
    // An unrelated name, encoded or not, is ignored.
    let request = read_redirect(&format!("{q}&f%6Fo=bar&baz"), &sso(false)).unwrap();
    assert!(!request.force_authn);
}

#[test]
fn redirect_percent_decoding_follows_form_rules() {
    let xml = plain_authn();
    let ok = |relay: &str| {
        inbound::from_redirect(&redirect("SAMLRequest", &xml, Some(relay), None))
            .map(|r| r.relay_state)
    };
    assert_eq!(ok("a+b%20c%2fd").unwrap().as_deref(), Some("a b c/d"));
    assert_eq!(ok("").unwrap().as_deref(), Some(""));
    for bad in ["%zz", "%2", "abc%", "%+f", "%-1"] {
        assert!(is_malformed(&ok(bad)), "{bad}");
    }
}

#[test]
fn redirect_message_encodings() {
    let good = B64.encode(deflate(plain_authn().as_bytes()));
    let read = |b64: &str| read_redirect(&format!("SAMLRequest={}", enc(b64)), &sso(false));
    read(&good).expect("twin");
    assert!(is_malformed(&read("not base64!")));
    // Base64 of plain XML: not DEFLATE.
    assert!(is_malformed(&read(&B64.encode("<a/>".repeat(20)))));
    // DEFLATE of bytes that are not UTF-8.
    assert!(is_malformed(&read(
        &B64.encode(deflate(&[0x3c, 0xff, 0xfe, 0x3e]))
    )));
    // Whitespace inside the Redirect base64 is not tolerated (an encoder writes none).
    let spaced = format!("{} {}", &good[..10], &good[10..]);
    assert!(is_malformed(&read(&spaced)));
}

#[test]
fn inflate_bombs_stop_at_the_cap() {
    for (compressed, inflated) in [(1usize << 10, 1usize << 20), (10 << 10, 10 << 20)] {
        let bomb = deflate(&vec![b'a'; inflated]);
        assert!(bomb.len() <= compressed + 200, "{}", bomb.len());
        let q = format!("SAMLRequest={}", enc(&B64.encode(&bomb)));
        assert!(q.len() <= MAX_QUERY, "{}", q.len());
        let started = Instant::now();
        let r = inbound::from_redirect(&q);
        assert!(
            matches!(r, Err(SamlError::Guard(ref m)) if m.contains("inflates")),
            "{r:?}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }
}

#[test]
fn inflation_stops_at_the_cap_before_reading_the_rest() {
    // 1 MiB of output, then a block header of the reserved type (BFINAL=1, BTYPE=11): a reader
    // that inflated everything would reach it and fail on it; the capped reader stops at
    // 64 KiB + 1 bytes, long before, and refuses the size.
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&vec![b'a'; 1 << 20]).unwrap();
    encoder.flush().unwrap();
    let mut stream = encoder.get_ref().clone();
    stream.push(0b0000_0111);
    let q = format!("SAMLRequest={}", enc(&B64.encode(&stream)));
    let r = inbound::from_redirect(&q);
    assert!(
        matches!(r, Err(SamlError::Guard(ref m)) if m.contains("inflates")),
        "{r:?}"
    );
    // Twin: the same corruption after a small message is met, and refused as such.
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(plain_authn().as_bytes()).unwrap();
    encoder.flush().unwrap();
    let mut stream = encoder.get_ref().clone();
    stream.push(0b0000_0111);
    let q = format!("SAMLRequest={}", enc(&B64.encode(&stream)));
    assert!(is_malformed(&inbound::from_redirect(&q)));
}

/// An AuthnRequest of exactly `len` bytes (an Extensions element padded with text).
fn authn_of_len(len: usize) -> String {
    let shell = authn(
        "",
        "<samlp:Extensions><x:pad xmlns:x=\"urn:x\"></x:pad></samlp:Extensions>",
    );
    let fill = len - shell.len();
    authn(
        "",
        &format!(
            "<samlp:Extensions><x:pad xmlns:x=\"urn:x\">{}</x:pad></samlp:Extensions>",
            "p".repeat(fill)
        ),
    )
}

#[test]
fn inflated_message_size_limit() {
    let at = authn_of_len(xml::MAX_BYTES);
    assert_eq!(at.len(), xml::MAX_BYTES);
    read_redirect(&redirect_request(&at, None), &sso(false)).expect("64 KiB accepted");
    let over = authn_of_len(xml::MAX_BYTES + 1);
    assert!(is_guard(&inbound::from_redirect(&redirect_request(
        &over, None
    ))));
    // The same through POST: the guard of the parse.
    read_post(&B64.encode(&at), &sso(false)).expect("64 KiB accepted");
    assert!(is_guard(&read_post(&B64.encode(&over), &sso(false))));
}

#[test]
fn relay_state_rules() {
    let xml = plain_authn();
    let with = |raw: &str| inbound::from_redirect(&redirect("SAMLRequest", &xml, Some(raw), None));
    let eighty = "r".repeat(80);
    assert_eq!(with(&eighty).unwrap().relay_state, Some(eighty.clone()));
    assert!(is_malformed(&with(&"r".repeat(81))));
    // 80 bytes decoded, whatever the encoded length.
    assert_eq!(
        with(&"%C3%A9".repeat(40)).unwrap().relay_state,
        Some("é".repeat(40))
    );
    assert!(is_malformed(&with(&"%C3%A9".repeat(41))));
    assert!(is_malformed(&with("a%0Ab")));
    assert!(is_malformed(&with("a%7Fb")));
    assert!(is_malformed(&with("a%C2%85b"))); // U+0085, a C1 control
    assert!(is_malformed(&with("%FF")));

    let b64 = B64.encode(&xml);
    let post = |relay: &str| inbound::from_post(Some(&b64), None, Some(relay));
    assert_eq!(post(&eighty).unwrap().relay_state, Some(eighty));
    assert!(is_malformed(&post(&"r".repeat(81))));
    assert!(is_malformed(&post("a\rb")));
    assert_eq!(
        inbound::from_post(Some(&b64), None, None)
            .unwrap()
            .relay_state,
        None
    );
}

// --- HTTP-Redirect: the query signature (SAML.md §4.2 step 6, Bindings §3.4.4.1) ----------------

#[test]
fn redirect_signed_rsa_sha256_and_ecdsa_sha256() {
    for signer in [&keys().rsa, &keys().ecdsa] {
        let q = redirect_request(&plain_authn(), Some(signer));
        let received = inbound::from_redirect(&q).unwrap();
        let qs = received.query_signature.as_ref().unwrap();
        assert_eq!(qs.algorithm, signer.algorithm());
        let signed_part = q.split("&Signature=").next().unwrap();
        assert_eq!(qs.signed_octets, signed_part.as_bytes());
        let request = inbound::read_authn_request(&received, &sso(true)).unwrap();
        assert!(request.signed);
    }
}

#[test]
fn redirect_signature_by_another_key() {
    let good = redirect_request(&plain_authn(), Some(&keys().ecdsa));
    read_redirect(&good, &sso(true)).expect("twin");
    let other = redirect_request(&plain_authn(), Some(&keys().other));
    assert!(is_signature(&read_redirect(&other, &sso(true))));
    // A bad signature is refused even where none is required.
    assert!(is_signature(&read_redirect(&other, &sso(false))));
    // A key of the wrong type for SigAlg does not verify.
    let only_rsa = Expect {
        keys: &keys().rsa_only,
        ..sso(true)
    };
    assert!(is_signature(&read_redirect(&good, &only_rsa)));
    let only_ec = Expect {
        keys: &keys().ec_only,
        ..sso(true)
    };
    read_redirect(&good, &only_ec).expect("twin");
    let none = Expect {
        keys: &[],
        ..sso(false)
    };
    assert!(is_signature(&read_redirect(&good, &none)));
}

#[test]
fn redirect_signed_octets_are_the_received_bytes() {
    // The sender encoded '/' as lowercase %2f and signed those bytes.
    let q = redirect(
        "SAMLRequest",
        &plain_authn(),
        Some("%2fapp%2fhome"),
        Some(&keys().rsa),
    );
    let request = inbound::from_redirect(&q).unwrap();
    assert_eq!(request.relay_state.as_deref(), Some("/app/home"));
    inbound::read_authn_request(&request, &sso(true)).expect("valid as received");
    // The same query with the bytes re-encoded as %2F (what a decode-then-encode would send):
    // the decoded values are identical, the signed octets are not.
    let reencoded = q.replace("%2fapp%2fhome", "%2Fapp%2Fhome");
    let request = inbound::from_redirect(&reencoded).unwrap();
    assert_eq!(request.relay_state.as_deref(), Some("/app/home"));
    assert!(is_signature(&inbound::read_authn_request(
        &request,
        &sso(true)
    )));
}

#[test]
fn redirect_signature_covers_relay_state_and_message() {
    let q = redirect(
        "SAMLRequest",
        &plain_authn(),
        Some("%2Fapp"),
        Some(&keys().rsa),
    );
    read_redirect(&q, &sso(true)).expect("twin");
    assert!(is_signature(&read_redirect(
        &q.replace("RelayState=%2Fapp", "RelayState=%2Fevil"),
        &sso(true)
    )));
    // RelayState dropped: the octets no longer match.
    assert!(is_signature(&read_redirect(
        &q.replace("&RelayState=%2Fapp", ""),
        &sso(true)
    )));
    // Parameters in another order are read the same (the octets are rebuilt in the order of
    // the binding, from the raw values).
    let mut parts: Vec<&str> = q.split('&').collect();
    parts.reverse();
    read_redirect(&parts.join("&"), &sso(true)).expect("any order");
    // Another message under the same signature.
    let signature_part = q.split("&SigAlg=").nth(1).unwrap();
    let swapped = format!(
        "SAMLRequest={}&RelayState=%2Fapp&SigAlg={signature_part}",
        enc(&B64.encode(deflate(authn(" ForceAuthn=\"true\"", "").as_bytes())))
    );
    assert!(is_signature(&read_redirect(&swapped, &sso(true))));
}

#[test]
fn redirect_sig_alg_allowlist() {
    let q = redirect_request(&plain_authn(), Some(&keys().rsa));
    read_redirect(&q, &sso(true)).expect("twin");
    for weak in [
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
        "urn:unknown",
    ] {
        let changed = q.replace(&enc(RSA_SHA256), &enc(weak));
        assert!(
            matches!(
                inbound::from_redirect(&changed),
                Err(SamlError::Algorithm(_))
            ),
            "{weak}"
        );
    }
}

#[test]
fn redirect_signature_and_sig_alg_go_together() {
    let q = redirect_request(&plain_authn(), Some(&keys().rsa));
    let (without_signature, _) = q.split_once("&Signature=").unwrap();
    let sig_alg = format!("&SigAlg={}", enc(RSA_SHA256));
    let without_sig_alg = q.replace(&sig_alg, "");
    inbound::from_redirect(&q).expect("twin");
    assert!(is_malformed(&inbound::from_redirect(without_signature)));
    assert!(is_signature(&inbound::from_redirect(&without_sig_alg)));
    assert!(is_malformed(&inbound::from_redirect(&format!(
        "{without_signature}&Signature=%%%"
    ))));
    assert!(is_signature(&inbound::from_redirect(&format!(
        "{without_signature}&Signature=not-base64"
    ))));
}

#[test]
fn redirect_message_holding_an_xml_signature_is_refused() {
    // An enveloped-signed request sent through Redirect, with a valid query signature too.
    let signed_xml = dsig::sign_enveloped(
        &plain_authn(),
        &keys().rsa,
        DigestAlgorithm::Sha256,
        Some((ns::SAML, "Issuer")),
    )
    .unwrap();
    let q = redirect_request(&signed_xml, Some(&keys().rsa));
    let r = read_redirect(&q, &sso(true));
    assert!(
        matches!(r, Err(SamlError::Signature(ref m)) if m.contains("ds:Signature")),
        "{r:?}"
    );
    read_redirect(
        &redirect_request(&plain_authn(), Some(&keys().rsa)),
        &sso(true),
    )
    .expect("twin");
}

// --- HTTP-POST (Bindings §3.5) ---------------------------------------------------------------------

#[test]
fn post_signed_request_rsa_sha256_and_ecdsa() {
    for signer in [&keys().rsa, &keys().ecdsa] {
        let b64 = post_signed(&plain_authn(), signer);
        let received = inbound::from_post(Some(&b64), None, Some("state")).unwrap();
        assert_eq!(received.binding, Binding::Post);
        assert_eq!(received.relay_state.as_deref(), Some("state"));
        let request = inbound::read_authn_request(&received, &sso(true)).unwrap();
        assert!(request.signed);
        assert_eq!(request.issuer, SP);
    }
}

#[test]
fn post_base64_with_line_breaks_is_accepted() {
    let b64 = post_signed(&plain_authn(), &keys().rsa);
    let wrapped: String = b64
        .as_bytes()
        .chunks(76)
        .map(|c| format!("{}\r\n", std::str::from_utf8(c).unwrap()))
        .collect();
    read_post(&wrapped, &sso(true)).expect("line breaks tolerated");
    assert!(is_malformed(&read_post(&format!("{b64}*"), &sso(true))));
}

#[test]
fn post_size_limit() {
    let b64 = B64.encode(plain_authn());
    let padded = |len: usize| format!("{b64}{}", " ".repeat(len - b64.len()));
    read_post(&padded(MAX_POST_BASE64), &sso(false)).expect("96 KiB accepted");
    assert!(is_guard(&inbound::from_post(
        Some(&padded(MAX_POST_BASE64 + 1)),
        None,
        None
    )));
}

#[test]
fn post_unsigned_and_badly_signed() {
    let b64 = B64.encode(plain_authn());
    let request = read_post(&b64, &sso(false)).unwrap();
    assert!(!request.signed);
    assert!(is_signature(&read_post(&b64, &sso(true))));

    let other = post_signed(&plain_authn(), &keys().other);
    assert!(is_signature(&read_post(&other, &sso(true))));
    assert!(is_signature(&read_post(&other, &sso(false))));

    // Signed, then altered.
    let signed = String::from_utf8(
        B64.decode(post_signed(&plain_authn(), &keys().rsa))
            .unwrap(),
    )
    .unwrap();
    read_post(&B64.encode(&signed), &sso(true)).expect("twin");
    let altered = signed.replace("Version=\"2.0\"", "Version=\"2.0\" ForceAuthn=\"true\"");
    assert!(is_signature(&read_post(&B64.encode(altered), &sso(false))));
    // A signature that is not a child of the root (here inside Extensions) is refused even
    // where none is required: any ds:Signature is verified.
    let moved = plain_authn().replace(
        &format!("<saml:Issuer>{SP}</saml:Issuer>"),
        &format!(
            "<saml:Issuer>{SP}</saml:Issuer><samlp:Extensions>{}</samlp:Extensions>",
            signature_of(&signed)
        ),
    );
    assert!(is_signature(&read_post(&B64.encode(moved), &sso(false))));
}

fn signature_of(signed: &str) -> &str {
    let start = signed.find("<ds:Signature").unwrap();
    let end = signed.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    &signed[start..end]
}

#[test]
fn post_query_signature_is_refused() {
    let mut received = inbound::from_post(Some(&B64.encode(plain_authn())), None, None).unwrap();
    inbound::read_authn_request(&received, &sso(false)).expect("twin");
    received.query_signature =
        inbound::from_redirect(&redirect_request(&plain_authn(), Some(&keys().rsa)))
            .unwrap()
            .query_signature;
    assert!(is_signature(&inbound::read_authn_request(
        &received,
        &sso(false)
    )));
}

#[test]
fn post_encodings_and_fields() {
    let b64 = B64.encode(plain_authn());
    assert_eq!(
        inbound::from_post(Some(&b64), None, None).unwrap().kind,
        MessageKind::Request
    );
    assert_eq!(
        inbound::from_post(None, Some(&b64), None).unwrap().kind,
        MessageKind::Response
    );
    assert!(is_malformed(&inbound::from_post(
        Some(&b64),
        Some(&b64),
        None
    )));
    assert!(is_malformed(&inbound::from_post(None, None, Some("x"))));
    assert!(is_malformed(&inbound::from_post(
        Some(&B64.encode([0x3c, 0xff, 0x3e])),
        None,
        None
    )));
    // POST is not inflated: a deflated body is not XML.
    assert!(is_malformed(&read_post(
        &B64.encode(deflate(plain_authn().as_bytes())),
        &sso(false)
    )));
}

// --- issuer() (step 5) ------------------------------------------------------------------------------

fn post_received(xml: &str) -> Received {
    inbound::from_post(Some(&B64.encode(xml)), None, None).unwrap()
}

#[test]
fn issuer_rules() {
    let issuer_of = |xml: &str| inbound::issuer(&post_received(xml));
    assert_eq!(issuer_of(&plain_authn()).unwrap(), SP);
    let replace_issuer =
        |with: &str| plain_authn().replace(&format!("<saml:Issuer>{SP}</saml:Issuer>"), with);
    assert_eq!(
        issuer_of(&replace_issuer(&format!(
            "<saml:Issuer Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:entity\">\n {SP}\n</saml:Issuer>"
        )))
        .unwrap(),
        SP
    );
    for bad in [
        String::new(),
        format!("<saml:Issuer>{SP}</saml:Issuer><saml:Issuer>{SP}</saml:Issuer>"),
        format!(
            "<saml:Issuer Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified\">{SP}</saml:Issuer>"
        ),
        format!("<saml:Issuer><b>{SP}</b></saml:Issuer>"),
        "<saml:Issuer> </saml:Issuer>".into(),
        // Issuer in another namespace does not count.
        format!("<samlp:Issuer>{SP}</samlp:Issuer>"),
    ] {
        assert!(is_malformed(&issuer_of(&replace_issuer(&bad))), "{bad}");
    }
    // A comment inside the Issuer: refused by the guard.
    assert!(is_guard(&issuer_of(&replace_issuer(&format!(
        "<saml:Issuer>{SP}<!-- x --></saml:Issuer>"
    )))));
}

#[test]
fn issuer_of_each_message_kind() {
    let lr = logout_request("", NAME_ID);
    let lresp = logout_response("", &success());
    assert_eq!(inbound::issuer(&post_received(&lr)).unwrap(), SP);
    let response = inbound::from_post(None, Some(&B64.encode(&lresp)), None).unwrap();
    assert_eq!(inbound::issuer(&response).unwrap(), SP);
    // A LogoutResponse as SAMLRequest, a request as SAMLResponse, a Response: refused.
    assert!(is_malformed(&inbound::issuer(&post_received(&lresp))));
    let as_response = inbound::from_post(None, Some(&B64.encode(plain_authn())), None).unwrap();
    assert!(is_malformed(&inbound::issuer(&as_response)));
    let samlp_response = plain_authn().replace("samlp:AuthnRequest", "samlp:Response");
    assert!(is_malformed(&inbound::issuer(&post_received(
        &samlp_response
    ))));
}

// --- common checks (step 7) ------------------------------------------------------------------------

#[test]
fn root_by_namespace_not_prefix() {
    let other_prefix = plain_authn()
        .replace("samlp:", "p:")
        .replace("xmlns:samlp", "xmlns:p");
    signed_authn(&other_prefix).expect("any prefix");
    let default_ns = plain_authn()
        .replace("samlp:", "")
        .replace("xmlns:samlp", "xmlns");
    signed_authn(&default_ns).expect("default namespace");
    let wrong_ns = plain_authn().replace(ns::SAMLP, "urn:evil:protocol");
    assert!(is_malformed(&signed_authn(&wrong_ns)));
}

#[test]
fn version_and_id() {
    signed_authn(&plain_authn()).expect("twin");
    assert!(is_malformed(&signed_authn(
        &plain_authn().replace("Version=\"2.0\"", "Version=\"1.1\"")
    )));
    assert!(is_malformed(&signed_authn(
        &plain_authn().replace("Version=\"2.0\"", "")
    )));
    assert!(is_malformed(&signed_authn(
        &plain_authn().replace(" ID=\"_req1\"", "")
    )));
    let id = |v: &str| plain_authn().replace("ID=\"_req1\"", &format!("ID=\"{v}\""));
    let longest = format!("_{}", "a".repeat(255));
    assert_eq!(signed_authn(&id(&longest)).unwrap().id, longest);
    assert!(is_malformed(&signed_authn(&id(&format!(
        "_{}",
        "a".repeat(256)
    )))));
    signed_authn(&id("a-b.c_d")).expect("an NCName");
    signed_authn(&id("_ä")).expect("non-ASCII name characters");
    for bad in ["", "1abc", "-a", "a:b", "a b", ".a"] {
        assert!(is_malformed(&signed_authn(&id(bad))), "{bad:?}");
    }
}

#[test]
fn issue_instant_window() {
    let at = |t: OffsetDateTime| plain_authn().replace(&instant(now()), &instant(t));
    for ok in [
        Duration::minutes(2),
        Duration::minutes(-2),
        Duration::minutes(3),
    ] {
        signed_authn(&at(now() + ok)).expect("within the skew");
    }
    for late in [
        Duration::minutes(4),
        Duration::minutes(-4),
        Duration::days(1),
    ] {
        assert!(
            matches!(signed_authn(&at(now() + late)), Err(SamlError::Time(_))),
            "{late}"
        );
    }
    assert!(is_malformed(&signed_authn(
        &plain_authn().replace(&instant(now()), "yesterday")
    )));
    assert!(is_malformed(&signed_authn(
        &plain_authn().replace(&format!(" IssueInstant=\"{}\"", instant(now())), "")
    )));
}

#[test]
fn destination_rules() {
    let without = plain_authn().replace(&format!(" Destination=\"{SSO}\""), "");
    let elsewhere = plain_authn().replace(SSO, "https://evil.example/saml/sso");
    let case = plain_authn().replace(SSO, "https://LIMEN.example/saml/sso");
    signed_authn(&plain_authn()).expect("twin");
    // Signed: required.
    let r = signed_authn(&without);
    assert!(
        matches!(
            r,
            Err(SamlError::Mismatch {
                what: "Destination",
                ..
            })
        ),
        "{r:?}"
    );
    // Unsigned: optional, but compared when present.
    let unsigned = |xml: &str| read_redirect(&redirect_request(xml, None), &sso(false));
    assert_eq!(unsigned(&without).unwrap().destination, None);
    for wrong in [&elsewhere, &case] {
        assert!(matches!(
            unsigned(wrong),
            Err(SamlError::Mismatch {
                what: "Destination",
                ..
            })
        ));
        assert!(matches!(
            signed_authn(wrong),
            Err(SamlError::Mismatch {
                what: "Destination",
                ..
            })
        ));
    }
}

// --- AuthnRequest (Core §3.4.1) ---------------------------------------------------------------------

#[test]
fn acs_url_and_index_are_mutually_exclusive() {
    let url = " AssertionConsumerServiceURL=\"https://sp.example.org/saml2/acs/post\"";
    let index = " AssertionConsumerServiceIndex=\"3\"";
    let r = signed_authn(&authn(url, "")).unwrap();
    assert_eq!(
        r.acs_url.as_deref(),
        Some("https://sp.example.org/saml2/acs/post")
    );
    assert_eq!(r.acs_index, None);
    let r = signed_authn(&authn(index, "")).unwrap();
    assert_eq!(r.acs_index, Some(3));
    assert!(is_malformed(&signed_authn(&authn(
        &format!("{url}{index}"),
        ""
    ))));
    let with_index = |v: &str| authn(&format!(" AssertionConsumerServiceIndex=\"{v}\""), "");
    assert_eq!(
        signed_authn(&with_index("65535")).unwrap().acs_index,
        Some(65535)
    );
    for bad in ["65536", "-1", "x", ""] {
        assert!(is_malformed(&signed_authn(&with_index(bad))), "{bad}");
    }
}

#[test]
fn protocol_binding_is_read() {
    let r = signed_authn(&authn(
        " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact\"",
        "",
    ))
    .unwrap();
    assert_eq!(
        r.protocol_binding.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact")
    );
}

#[test]
fn force_authn_and_is_passive_are_xs_booleans() {
    for (v, b) in [("true", true), ("1", true), ("false", false), ("0", false)] {
        let r = signed_authn(&authn(
            &format!(" ForceAuthn=\"{v}\" IsPassive=\"{v}\""),
            "",
        ))
        .unwrap();
        assert_eq!((r.force_authn, r.is_passive), (b, b), "{v}");
    }
    for bad in ["yes", "TRUE", "", "2"] {
        assert!(
            is_malformed(&signed_authn(&authn(&format!(" ForceAuthn=\"{bad}\""), ""))),
            "{bad}"
        );
        assert!(
            is_malformed(&signed_authn(&authn(&format!(" IsPassive=\"{bad}\""), ""))),
            "{bad}"
        );
    }
}

#[test]
fn name_id_policy() {
    let r = signed_authn(&authn(
        "",
        "<samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:transient\" \
         SPNameQualifier=\"https://sp.example.org/saml2/metadata\" AllowCreate=\"1\"/>",
    ))
    .unwrap();
    let policy = r.name_id_policy.unwrap();
    assert_eq!(
        policy.format.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
    );
    assert_eq!(policy.sp_name_qualifier.as_deref(), Some(SP));
    assert_eq!(policy.allow_create, Some(true));
    let empty = signed_authn(&authn("", "<samlp:NameIDPolicy/>"))
        .unwrap()
        .name_id_policy
        .unwrap();
    assert_eq!(
        (empty.format, empty.sp_name_qualifier, empty.allow_create),
        (None, None, None)
    );
    assert!(is_malformed(&signed_authn(&authn(
        "",
        "<samlp:NameIDPolicy AllowCreate=\"maybe\"/>"
    ))));
    assert!(is_malformed(&signed_authn(&authn(
        "",
        "<samlp:NameIDPolicy/><samlp:NameIDPolicy/>"
    ))));
}

fn rac(attrs: &str, inner: &str) -> String {
    authn(
        "",
        &format!("<samlp:RequestedAuthnContext{attrs}>{inner}</samlp:RequestedAuthnContext>"),
    )
}

fn class_ref(v: &str) -> String {
    format!("<saml:AuthnContextClassRef>{v}</saml:AuthnContextClassRef>")
}

#[test]
fn requested_authn_context() {
    let two = format!(
        "{}{}",
        class_ref("PASSWORD_MOBILE_APP"),
        class_ref("\n  urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport\n")
    );
    let r = signed_authn(&rac("", &two))
        .unwrap()
        .requested_authn_context
        .unwrap();
    assert_eq!(r.comparison, Comparison::Exact);
    assert_eq!(
        r.class_refs,
        [
            "PASSWORD_MOBILE_APP",
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
        ]
    );
    assert!(!r.decl_refs);
    for (v, c) in [
        ("exact", Comparison::Exact),
        ("minimum", Comparison::Minimum),
        ("better", Comparison::Better),
        ("maximum", Comparison::Maximum),
    ] {
        let r = signed_authn(&rac(&format!(" Comparison=\"{v}\""), &class_ref("HIGH")))
            .unwrap()
            .requested_authn_context
            .unwrap();
        assert_eq!(r.comparison, c);
    }
    for bad in ["atleast", "Minimum", ""] {
        assert!(
            is_malformed(&signed_authn(&rac(
                &format!(" Comparison=\"{bad}\""),
                &class_ref("HIGH")
            ))),
            "{bad}"
        );
    }
    let decl = signed_authn(&rac(
        "",
        "<saml:AuthnContextDeclRef>urn:decl</saml:AuthnContextDeclRef>",
    ))
    .unwrap()
    .requested_authn_context
    .unwrap();
    assert!(decl.decl_refs);
    assert!(decl.class_refs.is_empty());
    // Both kinds, none, markup in a value, an empty value, a foreign child: refused.
    for bad in [
        format!(
            "{}<saml:AuthnContextDeclRef>urn:decl</saml:AuthnContextDeclRef>",
            class_ref("HIGH")
        ),
        String::new(),
        class_ref("<b>HIGH</b>"),
        class_ref(" "),
        format!("{}<saml:Other>x</saml:Other>", class_ref("HIGH")),
    ] {
        assert!(is_malformed(&signed_authn(&rac("", &bad))), "{bad}");
    }
}

#[test]
fn unsupported_parts_are_listed() {
    let subject = "<saml:Subject><saml:NameID>someone</saml:NameID></saml:Subject>";
    let r = signed_authn(&authn("", subject)).unwrap();
    assert_eq!(r.unsupported, ["Subject"]);
    let with_requester = "<samlp:Scoping><samlp:RequesterID>https://proxy.example</samlp:RequesterID></samlp:Scoping>";
    assert_eq!(
        signed_authn(&authn("", with_requester))
            .unwrap()
            .unsupported,
        ["Scoping"]
    );
    let with_list = "<samlp:Scoping><samlp:IDPList><samlp:IDPEntry ProviderID=\"https://idp.example\"/></samlp:IDPList></samlp:Scoping>";
    assert_eq!(
        signed_authn(&authn("", &format!("{subject}{with_list}")))
            .unwrap()
            .unsupported,
        ["Subject", "Scoping"]
    );
    // Scoping with only a ProxyCount asks nothing Limen cannot do.
    assert!(
        signed_authn(&authn("", "<samlp:Scoping ProxyCount=\"1\"/>"))
            .unwrap()
            .unsupported
            .is_empty()
    );
    // Extensions are ignored.
    assert!(
        signed_authn(&authn(
            "",
            "<samlp:Extensions><x:y xmlns:x=\"urn:x\">z</x:y></samlp:Extensions>"
        ))
        .unwrap()
        .unsupported
        .is_empty()
    );
}

#[test]
fn only_an_authn_request_is_read_as_one() {
    let lr = logout_request("", NAME_ID);
    let q = redirect_request(&lr, Some(&keys().rsa));
    let received = inbound::from_redirect(&q).unwrap();
    assert!(is_malformed(&inbound::read_authn_request(
        &received,
        &sso(true)
    )));
    let as_response = inbound::from_redirect(&redirect(
        "SAMLResponse",
        &plain_authn(),
        None,
        Some(&keys().rsa),
    ))
    .unwrap();
    assert!(is_malformed(&inbound::read_authn_request(
        &as_response,
        &sso(true)
    )));
}

// --- XML bombs and the guard (SAML.md §10) ----------------------------------------------------------

#[test]
fn entity_expansion_is_refused() {
    let bomb = format!(
        "<!DOCTYPE samlp:AuthnRequest [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\
         <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>{}",
        authn(
            "",
            "<samlp:Extensions><x:y xmlns:x=\"urn:x\">&c;</x:y></samlp:Extensions>"
        )
    );
    assert!(is_malformed(&read_redirect(
        &redirect_request(&bomb, None),
        &sso(false)
    )));
    assert!(is_malformed(&read_post(&B64.encode(&bomb), &sso(false))));
    assert!(is_malformed(&inbound::issuer(&post_received(&bomb))));
    let external = format!(
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>{}",
        authn("", "")
    );
    assert!(is_malformed(&read_post(
        &B64.encode(&external),
        &sso(false)
    )));
    read_post(&B64.encode(plain_authn()), &sso(false)).expect("twin");
}

#[test]
fn nesting_depth() {
    // The root is at depth 1 and Extensions at 2: n more levels reach 2 + n.
    let nest = |n: usize| {
        authn(
            "",
            &format!(
                "<samlp:Extensions>{}{}</samlp:Extensions>",
                "<x:a xmlns:x=\"urn:x\">".repeat(n),
                "</x:a>".repeat(n)
            ),
        )
    };
    signed_authn(&nest(62)).expect("64 deep");
    assert!(is_guard(&signed_authn(&nest(63))));
    let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let r = read_post(&B64.encode(deep), &sso(false));
    assert!(is_guard(&r) || is_malformed(&r), "{r:?}");
}

#[test]
fn comments_and_processing_instructions_are_refused_in_messages() {
    signed_authn(&plain_authn()).expect("twin");
    for bad in [
        plain_authn().replace("</saml:Issuer>", "</saml:Issuer><!-- between -->"),
        plain_authn().replace(SP, &format!("{SP}<!---->")),
        plain_authn().replace("</saml:Issuer>", "</saml:Issuer><?pi x?>"),
    ] {
        assert!(is_guard(&signed_authn(&bad)), "{bad}");
    }
}

#[test]
fn duplicated_ids_are_refused() {
    let dup = authn(
        "",
        "<samlp:Extensions><x:y xmlns:x=\"urn:x\" ID=\"_req1\"/></samlp:Extensions>",
    );
    assert!(is_guard(&signed_authn(&dup)));
    signed_authn(&dup.replace("ID=\"_req1\"/>", "ID=\"_other\"/>")).expect("twin");
}

// --- LogoutRequest (Core §3.7.1, SAML.md §9.2) ------------------------------------------------------

fn slo(require_signed: bool) -> Expect<'static> {
    expect(SLO, require_signed)
}

fn read_lr(
    xml: &str,
    signer: Option<&Signer>,
    e: &Expect<'_>,
) -> Result<inbound::LogoutRequestIn, SamlError> {
    inbound::read_logout_request(&inbound::from_redirect(&redirect_request(xml, signer))?, e)
}

#[test]
fn logout_request_read() {
    let xml = logout_request(
        &format!(
            " NotOnOrAfter=\"{}\" Reason=\"urn:oasis:names:tc:SAML:2.0:logout:user\"",
            instant(now() + Duration::minutes(5))
        ),
        &format!(
            "{NAME_ID}<samlp:SessionIndex>s1</samlp:SessionIndex><samlp:SessionIndex>s2</samlp:SessionIndex>"
        ),
    );
    let r = read_lr(&xml, Some(&keys().ecdsa), &slo(false)).unwrap();
    assert_eq!(r.id, "_lr1");
    assert_eq!(r.issuer, SP);
    assert_eq!(r.issue_instant, now());
    assert_eq!(r.destination.as_deref(), Some(SLO));
    assert_eq!(r.not_on_or_after, Some(now() + Duration::minutes(5)));
    assert_eq!(r.name_id.value, "a1b2c3");
    assert_eq!(
        r.name_id.format.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
    );
    assert_eq!(
        r.name_id.name_qualifier.as_deref(),
        Some("https://limen.example/saml/metadata")
    );
    assert_eq!(r.name_id.sp_name_qualifier.as_deref(), Some(SP));
    assert_eq!(r.session_indexes, ["s1", "s2"]);
    assert_eq!(
        r.reason.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:logout:user")
    );

    // POST, enveloped signature.
    let post = inbound::from_post(Some(&post_signed(&xml, &keys().rsa)), None, None).unwrap();
    inbound::read_logout_request(&post, &slo(false)).expect("POST");

    let minimal = read_lr(&logout_request("", NAME_ID), Some(&keys().rsa), &slo(true)).unwrap();
    assert!(minimal.session_indexes.is_empty());
    assert_eq!(minimal.not_on_or_after, None);
    assert_eq!(minimal.reason, None);
}

#[test]
fn logout_request_signature_is_always_required() {
    let xml = logout_request("", NAME_ID);
    read_lr(&xml, Some(&keys().rsa), &slo(false)).expect("twin");
    assert!(is_signature(&read_lr(&xml, None, &slo(false))));
    assert!(is_signature(&read_lr(&xml, None, &slo(true))));
    let post = inbound::from_post(Some(&B64.encode(&xml)), None, None).unwrap();
    assert!(is_signature(&inbound::read_logout_request(
        &post,
        &slo(false)
    )));
    assert!(is_signature(&read_lr(
        &xml,
        Some(&keys().other),
        &slo(false)
    )));
}

#[test]
fn logout_request_destination_and_time() {
    let without = logout_request("", NAME_ID).replace(&format!(" Destination=\"{SLO}\""), "");
    assert!(matches!(
        read_lr(&without, Some(&keys().rsa), &slo(false)),
        Err(SamlError::Mismatch {
            what: "Destination",
            ..
        })
    ));
    // The SSO endpoint is not the SLO endpoint.
    assert!(matches!(
        read_lr(&logout_request("", NAME_ID), Some(&keys().rsa), &sso(false)),
        Err(SamlError::Mismatch {
            what: "Destination",
            ..
        })
    ));
    let until = |d: Duration| {
        logout_request(
            &format!(" NotOnOrAfter=\"{}\"", instant(now() + d)),
            NAME_ID,
        )
    };
    read_lr(&until(Duration::minutes(-2)), Some(&keys().rsa), &slo(true)).expect("within skew");
    assert!(matches!(
        read_lr(&until(Duration::minutes(-4)), Some(&keys().rsa), &slo(true)),
        Err(SamlError::Time(_))
    ));
    let stale = logout_request("", NAME_ID)
        .replace(&instant(now()), &instant(now() - Duration::minutes(4)));
    assert!(matches!(
        read_lr(&stale, Some(&keys().rsa), &slo(true)),
        Err(SamlError::Time(_))
    ));
}

#[test]
fn logout_request_identifier() {
    read_lr(&logout_request("", NAME_ID), Some(&keys().rsa), &slo(true)).expect("twin");
    for bad in [
        String::new(),
        format!("{NAME_ID}{NAME_ID}"),
        "<saml:BaseID xsi:type=\"x\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>"
            .into(),
        "<saml:EncryptedID><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"/></saml:EncryptedID>"
            .into(),
        "<saml:NameID></saml:NameID>".into(),
        "<saml:NameID>a<b/>c</saml:NameID>".into(),
        format!("{NAME_ID}<samlp:SessionIndex><x/></samlp:SessionIndex>"),
    ] {
        assert!(
            is_malformed(&read_lr(&logout_request("", &bad), Some(&keys().rsa), &slo(true))),
            "{bad}"
        );
    }
}

// --- LogoutResponse (Core §3.7.2, §3.2.2) -----------------------------------------------------------

fn read_lresp(
    xml: &str,
    signer: Option<&Signer>,
    e: &Expect<'_>,
) -> Result<inbound::LogoutResponseIn, SamlError> {
    inbound::read_logout_response(
        &inbound::from_redirect(&redirect("SAMLResponse", xml, Some("plan-1"), signer))?,
        e,
    )
}

#[test]
fn logout_response_read() {
    let partial = format!(
        "<samlp:Status><samlp:StatusCode Value=\"{}\"><samlp:StatusCode Value=\"{}\"/>\
         </samlp:StatusCode><samlp:StatusMessage>some</samlp:StatusMessage></samlp:Status>",
        status::RESPONDER,
        status::PARTIAL_LOGOUT
    );
    let r = read_lresp(
        &logout_response("", &partial),
        Some(&keys().rsa),
        &slo(true),
    )
    .unwrap();
    assert_eq!(r.id, "_lresp1");
    assert_eq!(r.issuer, SP);
    assert_eq!(r.in_response_to.as_deref(), Some("_ours"));
    assert_eq!(r.destination.as_deref(), Some(SLO));
    assert_eq!(r.status, status::RESPONDER);
    assert_eq!(r.second_status.as_deref(), Some(status::PARTIAL_LOGOUT));
    let received = inbound::from_redirect(&redirect(
        "SAMLResponse",
        &logout_response("", &success()),
        Some("plan-1"),
        None,
    ))
    .unwrap();
    assert_eq!(received.relay_state.as_deref(), Some("plan-1"));

    let ok = read_lresp(&logout_response("", &success()), None, &slo(false)).unwrap();
    assert_eq!(ok.status, status::SUCCESS);
    assert_eq!(ok.second_status, None);
    // Unsigned where the SP signs: refused.
    assert!(is_signature(&read_lresp(
        &logout_response("", &success()),
        None,
        &slo(true)
    )));
    // POST, enveloped.
    let post = inbound::from_post(
        None,
        Some(&post_signed(
            &logout_response("", &success()),
            &keys().ecdsa,
        )),
        None,
    )
    .unwrap();
    assert!(inbound::read_logout_response(&post, &slo(true)).is_ok());
}

#[test]
fn logout_response_status_is_required() {
    read_lresp(&logout_response("", &success()), None, &slo(false)).expect("twin");
    for bad in [
        String::new(),
        "<samlp:Status></samlp:Status>".into(),
        "<samlp:Status><samlp:StatusCode/></samlp:Status>".into(),
        format!(
            "<samlp:Status><samlp:StatusCode Value=\"{}\"><samlp:StatusCode/></samlp:StatusCode></samlp:Status>",
            status::RESPONDER
        ),
        format!("{}{}", success(), success()),
    ] {
        assert!(
            is_malformed(&read_lresp(&logout_response("", &bad), None, &slo(false))),
            "{bad}"
        );
    }
}

#[test]
fn logout_response_kind_and_root() {
    let as_request = inbound::from_redirect(&redirect(
        "SAMLRequest",
        &logout_response("", &success()),
        None,
        None,
    ))
    .unwrap();
    assert!(is_malformed(&inbound::read_logout_response(
        &as_request,
        &slo(false)
    )));
    assert!(is_malformed(&inbound::read_logout_request(
        &as_request,
        &slo(false)
    )));
    let lr_as_response = inbound::from_redirect(&redirect(
        "SAMLResponse",
        &logout_request("", NAME_ID),
        None,
        None,
    ))
    .unwrap();
    assert!(is_malformed(&inbound::read_logout_response(
        &lr_as_response,
        &slo(false)
    )));
}

// --- pysaml2's own messages (tests/data/idp, made by make_pysaml2_fixtures.py) ---------------------

/// The `key=value` lines of a fixture.
fn fixture(name: &str) -> std::collections::HashMap<String, String> {
    data(name)
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The clock of a fixture: its own IssueInstant (read here, test side, without the library).
fn issued_at(received: &Received) -> OffsetDateTime {
    let doc = roxmltree::Document::parse(&received.xml).unwrap();
    let at = doc.root_element().attribute("IssueInstant").unwrap();
    OffsetDateTime::parse(at, &Rfc3339).unwrap()
}

fn pysaml2_keys() -> Vec<PublicKey> {
    keys().rsa_only.clone()
}

#[test]
fn pysaml2_redirect_authn_request() {
    let f = fixture("pysaml2-authn-redirect.txt");
    let received = inbound::from_redirect(&f["query"]).unwrap();
    let pysaml2 = pysaml2_keys();
    let e = Expect {
        destination: SSO,
        keys: &pysaml2,
        require_signed: true,
        now: issued_at(&received),
    };
    assert_eq!(received.relay_state.as_deref(), Some("/app/home?x=1"));
    assert_eq!(inbound::issuer(&received).unwrap(), SP);
    let request = inbound::read_authn_request(&received, &e).unwrap();
    assert!(request.signed);
    assert_eq!(request.id, f["id"]);
    assert_eq!(request.issuer, SP);
    assert_eq!(
        request.acs_url.as_deref(),
        Some("https://sp.example.org/saml2/acs/post")
    );
    assert_eq!(
        request.protocol_binding.as_deref(),
        Some(limen_saml::idp::binding::POST)
    );
    // Twins: the RelayState altered; the SP's other key only; four minutes later.
    let altered = inbound::from_redirect(&f["query"].replace("%2Fhome", "%2Fevil")).unwrap();
    assert!(is_signature(&inbound::read_authn_request(&altered, &e)));
    let ec = Expect {
        keys: &keys().ec_only,
        ..e
    };
    assert!(is_signature(&inbound::read_authn_request(&received, &ec)));
    let late = Expect {
        now: e.now + Duration::minutes(4),
        ..e
    };
    assert!(matches!(
        inbound::read_authn_request(&received, &late),
        Err(SamlError::Time(_))
    ));
}

#[test]
fn pysaml2_post_authn_request() {
    let f = fixture("pysaml2-authn-post.txt");
    let received =
        inbound::from_post(Some(&f["SAMLRequest"]), None, Some(&f["RelayState"])).unwrap();
    let pysaml2 = pysaml2_keys();
    let e = Expect {
        destination: SSO,
        keys: &pysaml2,
        require_signed: true,
        now: issued_at(&received),
    };
    let request = inbound::read_authn_request(&received, &e).unwrap();
    assert!(request.signed);
    assert_eq!(request.id, f["id"]);
    assert_eq!(received.relay_state.as_deref(), Some("/app/home?x=1"));
    // Twin: one character of the signed request changed.
    let xml = received.xml.replace(
        "ProviderName=\"pysaml2 test SP\"",
        "ProviderName=\"pysaml2 test SQ\"",
    );
    assert_ne!(xml, received.xml);
    let altered = inbound::from_post(Some(&B64.encode(xml)), None, None).unwrap();
    assert!(is_signature(&inbound::read_authn_request(&altered, &e)));
}

#[test]
fn pysaml2_redirect_logout_request() {
    let f = fixture("pysaml2-logout-redirect.txt");
    let received = inbound::from_redirect(&f["query"]).unwrap();
    let pysaml2 = pysaml2_keys();
    let e = Expect {
        destination: SLO,
        keys: &pysaml2,
        require_signed: false,
        now: issued_at(&received),
    };
    let request = inbound::read_logout_request(&received, &e).unwrap();
    assert_eq!(request.id, f["id"]);
    assert_eq!(request.name_id.value, "a1b2c3d4");
    assert_eq!(request.name_id.sp_name_qualifier.as_deref(), Some(SP));
    assert_eq!(request.session_indexes, ["3f2a", "9c1b"]);
    assert_eq!(
        request.reason.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:logout:user")
    );
    // Twin: the same message with its signature parameters dropped.
    let unsigned = f["query"].split("&SigAlg=").next().unwrap().to_owned();
    let received = inbound::from_redirect(&unsigned).unwrap();
    assert!(is_signature(&inbound::read_logout_request(&received, &e)));
}
