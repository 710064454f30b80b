//! Security review of limen-saml (issue 19, branch `fedreview`): crafted responses against
//! `verify_response`. Each test puts a crafted document beside its valid twin (tests/common's
//! node), so that none passes because everything is refused.
//!
//! One test recorded a finding, fixed since and kept as a regression test:
//! - `an_unauthenticated_namespace_heavy_response_is_refused_before_the_whole_document_is_canonicalized`
//!   (the signature over SignedInfo is checked first; more than 64 namespaces in scope refuse).
//!
//! The others record wrapping and parser-differential attempts that the verifier withstands.

mod common;

use common::*;
use limen_saml::SamlError;

/// A `samlp:Response` of at most 64 KiB with `decls` namespace declarations on the root and
/// `elements` empty elements below it, carrying a structurally valid enveloped signature of the
/// root (one Reference to `#_x`, the two transforms, allowlisted algorithms) whose digest and
/// signature values are made up: what anyone can post to the ACS without the node's key.
fn namespace_heavy_unsigned_response(decls: usize, elements: usize) -> String {
    let declarations: String = (0..decls).map(|i| format!(" xmlns:a{i}=\"u\"")).collect();
    let children = "<b/>".repeat(elements);
    format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"{declarations} \
         ID=\"_x\" Version=\"2.0\">\
         <ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>\
         <ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>\
         <ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>\
         <ds:Reference URI=\"#_x\"><ds:Transforms>\
         <ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\
         <ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>\
         <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
         <ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>\
         <ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature><c>{children}</c></samlp:Response>"
    )
}

/// FINDING (MEDIUM, denial of service): `dsig::verify_enveloped` canonicalizes the whole signed
/// root to check the Reference's digest *before* it checks the signature over `SignedInfo`, and
/// `c14n::element` rebuilds the map of every in-scope namespace at every element. A response of
/// 64 KiB with ~2,000 namespace declarations on the root and ~8,000 empty elements therefore
/// costs O(declarations × elements) ≈ 16 million map insertions before any key is involved:
/// measured at ≈ 2.1 s of CPU per request in a release build (≈ 8 s in a debug build) on this
/// machine, against ≈ 8 ms for a real response. The ACS (`POST /upstream/{id}/acs`) runs it on
/// the async runtime's thread for anyone holding a RelayState (any anonymous `POST
/// /upstream/{id}/start` makes one, and a failed verification does not spend it), with no rate
/// limit: two such posts stall a two-core server.
///
/// W3C XML Signature Best Practices, Best Practice 1: "execute potentially dangerous operations
/// only after successfully authenticating the signature" — check the signature over the
/// (small) canonical `SignedInfo` first, and the Reference's digest only then; and/or bound the
/// namespace declarations in the guard (§5.3 step 1). Either way this crafted document must be
/// refused without the whole-document canonicalization whose failure is "digest mismatch".
#[test]
fn an_unauthenticated_namespace_heavy_response_is_refused_before_the_whole_document_is_canonicalized()
 {
    // The valid twin: a real response is accepted.
    verify(&Fx::default().b64()).expect("the valid twin is accepted");
    let xml = namespace_heavy_unsigned_response(2000, 8000);
    assert!(xml.len() <= limen_saml::xml::MAX_BYTES, "{}", xml.len());
    let refused = verify(&b64(&xml)).expect_err("made-up signature values are refused");
    assert!(
        !matches!(&refused, SamlError::Signature(why) if why == "digest mismatch"),
        "the anonymous document was canonicalized whole (the digest was compared before the \
         signature over SignedInfo was authenticated): {refused:?}"
    );
}

/// The same shape, small: refused whatever the order of the checks (a made-up signature).
#[test]
fn a_small_response_with_made_up_signature_values_is_refused() {
    verify(&Fx::default().b64()).expect("the valid twin is accepted");
    let refused = verify(&b64(&namespace_heavy_unsigned_response(3, 3))).unwrap_err();
    assert!(matches!(refused, SamlError::Signature(_)), "{refused:?}");
}

/// Held: re-binding the assertion namespace's prefix on an inner element after signing (the
/// reader would see another namespace there) changes the canonical form, so the digest fails.
#[test]
fn prefix_rebinding_inside_the_signed_response_is_refused() {
    let fx = Fx::default();
    let xml = fx.response_xml();
    verify(&b64(&xml)).expect("the valid twin is accepted");
    let rebound = xml.replacen(
        "<saml2p:Status>",
        "<saml2p:Status xmlns:saml2p=\"urn:example:not-saml\">",
        1,
    );
    assert_ne!(rebound, xml);
    let refused = verify(&b64(&rebound)).unwrap_err();
    assert!(matches!(refused, SamlError::Signature(_)), "{refused:?}");
}

/// Held: what canonical XML leaves out (an unused namespace declaration, a default namespace
/// no element uses, attribute order and quotes) may change without changing what is read.
#[test]
fn declarations_the_canonical_form_ignores_change_nothing_that_is_read() {
    let fx = Fx::default();
    let xml = fx.response_xml();
    let valid = verify(&b64(&xml)).expect("the valid twin is accepted");
    let noise = xml.replacen(
        "<saml2p:Response ",
        "<saml2p:Response xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\" xmlns:evil=\"urn:x\" ",
        1,
    );
    assert_ne!(noise, xml);
    let same = verify(&b64(&noise)).expect("an unused declaration is not signed content");
    assert_eq!(same, valid);
}

/// Held: a second `Attribute` with the PersonIdentifier's name, in a second
/// `AttributeStatement`, is refused (not "first wins" nor "last wins").
#[test]
fn person_identifier_in_a_second_attribute_statement_is_refused() {
    let valid = Fx::default();
    let twice = Fx {
        assertion_extra: format!(
            "<saml2:AttributeStatement><saml2:Attribute Name=\"{PID}\" \
             NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\">\
             <saml2:AttributeValue>ES/BE/EVIL</saml2:AttributeValue></saml2:Attribute>\
             </saml2:AttributeStatement>"
        ),
        ..Fx::default()
    };
    verify(&valid.b64()).expect("the valid twin is accepted");
    let refused = verify(&twice.b64()).unwrap_err();
    assert!(matches!(refused, SamlError::Attribute(_)), "{refused:?}");
}

/// Held: an assertion nested in the signed assertion's `Advice` (another person) is never read:
/// the identity is the outer assertion's.
#[test]
fn an_assertion_in_advice_is_not_read() {
    let fx = Fx {
        assertion_extra: format!(
            "<saml2:Advice><saml2:Assertion ID=\"_inner\" Version=\"2.0\" IssueInstant=\"{}\">\
         <saml2:Issuer>{IDP_ENTITY}</saml2:Issuer><saml2:AttributeStatement>\
         <saml2:Attribute Name=\"{PID}\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\">\
         <saml2:AttributeValue>ES/BE/EVIL</saml2:AttributeValue></saml2:Attribute>\
         </saml2:AttributeStatement></saml2:Assertion></saml2:Advice>",
            instant(now())
        ),
        ..Fx::default()
    };
    let id = verify(&fx.b64()).expect("accepted");
    assert_eq!(id.person_identifier, "ES/BE/99999999R");
}

/// Held: entity and character references and CDATA are read as the text they stand for, the
/// same text the signature covered (one tree for both).
#[test]
fn character_references_and_cdata_read_as_signed() {
    let mut fx = Fx::default();
    fx.attributes[0].1[0].0 = "ES/BE/<![CDATA[9999]]>&#57;&#x39;99R".into();
    let id = verify(&fx.b64()).expect("accepted");
    assert_eq!(id.person_identifier, "ES/BE/99999999R");
}

/// Held: `ID` and `Id` carrying the same value are duplicates for the guard.
#[test]
fn the_same_id_under_two_spellings_is_refused() {
    let fx = Fx::default();
    let xml = fx.response_xml();
    verify(&b64(&xml)).expect("the valid twin is accepted");
    let twice = xml.replacen(
        "<saml2p:Status>",
        &format!("<saml2p:Status Id=\"{}\">", fx.response_id),
        1,
    );
    let refused = verify(&b64(&twice)).unwrap_err();
    assert!(matches!(refused, SamlError::Guard(_)), "{refused:?}");
}
