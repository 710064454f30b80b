//! authn_request (both bindings), metadata, SP keys and their certificates, levels of assurance.

mod common;

use std::collections::HashMap;
use std::io::Read as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use common::*;
use limen_saml::dsig::{PublicKey, verify_enveloped};
use limen_saml::xml::{self, ns};
use limen_saml::{Binding, Loa, SamlError, authn_request, metadata};
use ring::signature::{self as sig, EcdsaKeyPair, KeyPair, UnparsedPublicKey};

fn sp_public_key() -> Vec<u8> {
    let rng = ring::rand::SystemRandom::new();
    EcdsaKeyPair::from_pkcs8(
        &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
        &keys().sp.signing_pkcs8,
        &rng,
    )
    .unwrap()
    .public_key()
    .as_ref()
    .to_vec()
}

#[test]
fn redirect_authn_request_round_trip() {
    let req = authn_request(&config(), &keys().sp, Loa::High, "relay-123", now()).unwrap();
    assert!(req.post_form.is_none());
    let url = req.redirect_url.expect("redirect binding");
    let (base, query) = url.split_once('?').unwrap();
    assert_eq!(base, IDP_SSO);

    // SAML Bindings §3.4.4.1: the signature covers the query up to "&Signature=", as sent.
    let (signed, _) = query.split_once("&Signature=").unwrap();
    let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(
        signed
            .split('&')
            .map(|p| p.split('=').next().unwrap())
            .collect::<Vec<_>>(),
        ["SAMLRequest", "RelayState", "SigAlg"]
    );
    assert_eq!(params["RelayState"], "relay-123");
    assert_eq!(
        params["SigAlg"],
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    );
    let signature = B64.decode(&params["Signature"]).unwrap();
    let key = UnparsedPublicKey::new(&sig::ECDSA_P256_SHA256_FIXED, sp_public_key());
    key.verify(signed.as_bytes(), &signature)
        .expect("signature over the query");
    // The twin: one changed byte of the query does not verify.
    let tampered = signed.replacen("relay-123", "relay-124", 1);
    assert!(key.verify(tampered.as_bytes(), &signature).is_err());

    // DEFLATE (RFC 1951, raw) then base64.
    let deflated = B64.decode(&params["SAMLRequest"]).unwrap();
    let mut text = String::new();
    flate2::read::DeflateDecoder::new(deflated.as_slice())
        .read_to_string(&mut text)
        .unwrap();
    let doc = xml::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(xml::is(root, ns::SAMLP, "AuthnRequest"));
    assert_eq!(root.attribute("ID"), Some(req.id.as_str()));
    assert!(req.id.starts_with('_') && req.id.len() == 65);
    assert_eq!(root.attribute("Version"), Some("2.0"));
    assert_eq!(root.attribute("IssueInstant"), Some("2026-03-01T10:00:00Z"));
    assert_eq!(root.attribute("Destination"), Some(IDP_SSO));
    assert_eq!(root.attribute("ForceAuthn"), Some("true"));
    assert_eq!(root.attribute("IsPassive"), Some("false"));
    assert_eq!(
        xml::text(xml::one_child(root, ns::SAML, "Issuer").unwrap()).unwrap(),
        SP_ENTITY
    );
    let policy = xml::one_child(root, ns::SAMLP, "NameIDPolicy").unwrap();
    assert_eq!(policy.attribute("AllowCreate"), Some("true"));
    assert_eq!(
        policy.attribute("Format"),
        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
    );
    let context = xml::one_child(root, ns::SAMLP, "RequestedAuthnContext").unwrap();
    assert_eq!(context.attribute("Comparison"), Some("minimum"));
    assert_eq!(
        xml::text(xml::one_child(context, ns::SAML, "AuthnContextClassRef").unwrap()).unwrap(),
        "http://eidas.europa.eu/LoA/high"
    );
    let extensions = xml::one_child(root, ns::SAMLP, "Extensions").unwrap();
    assert_eq!(
        xml::text(xml::one_child(extensions, ns::EIDAS, "SPType").unwrap()).unwrap(),
        "public"
    );
    let requested: Vec<_> = xml::children(
        xml::one_child(extensions, ns::EIDAS, "RequestedAttributes").unwrap(),
        ns::EIDAS,
        "RequestedAttribute",
    )
    .map(|a| {
        assert_eq!(a.attribute("isRequired"), Some("true"));
        assert_eq!(
            a.attribute("NameFormat"),
            Some("urn:oasis:names:tc:SAML:2.0:attrname-format:uri")
        );
        a.attribute("Name").unwrap().to_owned()
    })
    .collect();
    assert_eq!(requested, [PID, FAMILY, GIVEN, DOB]);
    // The redirect binding carries no XML signature.
    assert!(!doc.descendants().any(|n| xml::is(n, ns::DS, "Signature")));
}

#[test]
fn redirect_without_relay_state_and_onto_a_url_with_a_query() {
    let cfg = limen_saml::SpConfig {
        idp_sso_url: format!("{IDP_SSO}?tenant=x"),
        ..config()
    };
    let req = authn_request(&cfg, &keys().sp, Loa::Substantial, "", now()).unwrap();
    let url = req.redirect_url.unwrap();
    assert!(url.starts_with(&format!("{IDP_SSO}?tenant=x&SAMLRequest=")));
    assert!(!url.contains("RelayState"));
}

#[test]
fn relay_state_over_80_bytes_is_refused() {
    authn_request(
        &config(),
        &keys().sp,
        Loa::Substantial,
        &"r".repeat(80),
        now(),
    )
    .expect("80 bytes");
    let e = authn_request(
        &config(),
        &keys().sp,
        Loa::Substantial,
        &"r".repeat(81),
        now(),
    )
    .expect_err("81 bytes");
    assert!(matches!(e, SamlError::Config(_)));
}

#[test]
fn post_authn_request_is_signed_after_its_issuer() {
    let cfg = limen_saml::SpConfig {
        request_binding: Binding::Post,
        ..config()
    };
    let req = authn_request(&cfg, &keys().sp, Loa::Substantial, "r", now()).unwrap();
    assert!(req.redirect_url.is_none());
    let (action, b64) = req.post_form.unwrap();
    assert_eq!(action, IDP_SSO);
    let text = String::from_utf8(B64.decode(b64).unwrap()).unwrap();
    let doc = xml::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("ID"), Some(req.id.as_str()));
    let children: Vec<_> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(&children[..3], ["Issuer", "Signature", "Extensions"]);
    let sp_key = PublicKey::from_certificate(&keys().sp.signing_cert_der).unwrap();
    verify_enveloped(root, std::slice::from_ref(&sp_key), false).expect("signed by the SP key");
    // Twin: another key does not verify it.
    let other = PublicKey::from_certificate(&keys().other.signing_cert_der).unwrap();
    assert!(verify_enveloped(root, &[other], false).is_err());
}

#[test]
fn metadata_is_signed_and_complete() {
    let text = metadata(&config(), &keys().sp, now()).unwrap();
    let doc = xml::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(xml::is(root, ns::MD, "EntityDescriptor"));
    assert_eq!(root.attribute("entityID"), Some(SP_ENTITY));
    assert_eq!(root.attribute("validUntil"), Some("2026-03-08T10:00:00Z"));
    let sp_key = PublicKey::from_certificate(&keys().sp.signing_cert_der).unwrap();
    verify_enveloped(root, &[sp_key], false).expect("signed by the SP key");
    let other = PublicKey::from_certificate(&keys().other.signing_cert_der).unwrap();
    assert!(verify_enveloped(root, &[other], false).is_err());

    let sso = xml::one_child(root, ns::MD, "SPSSODescriptor").unwrap();
    assert_eq!(sso.attribute("AuthnRequestsSigned"), Some("true"));
    assert_eq!(sso.attribute("WantAssertionsSigned"), Some("true"));
    let acs = xml::one_child(sso, ns::MD, "AssertionConsumerService").unwrap();
    assert_eq!(acs.attribute("Location"), Some(ACS));
    assert_eq!(
        acs.attribute("Binding"),
        Some("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST")
    );
    let certificate = |usage: &str| {
        let descriptor = xml::children(sso, ns::MD, "KeyDescriptor")
            .find(|k| k.attribute("use") == Some(usage))
            .unwrap();
        let cert = descriptor
            .descendants()
            .find(|n| xml::is(*n, ns::DS, "X509Certificate"))
            .unwrap();
        (xml::base64_text(cert).unwrap(), descriptor)
    };
    assert_eq!(certificate("signing").0, keys().sp.signing_cert_der);
    let (encryption, descriptor) = certificate("encryption");
    assert_eq!(encryption, keys().sp.encryption_cert_der);
    let methods: Vec<_> = xml::children(descriptor, ns::MD, "EncryptionMethod")
        .map(|m| m.attribute("Algorithm").unwrap())
        .collect();
    assert!(methods.contains(&"http://www.w3.org/2009/xmlenc11#aes256-gcm"));
    assert!(methods.contains(&"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"));
    assert!(
        !methods
            .iter()
            .any(|m| m.contains("cbc") || m.contains("1_5"))
    );
    let extensions = xml::one_child(root, ns::MD, "Extensions").unwrap();
    assert_eq!(
        xml::text(xml::one_child(extensions, ns::EIDAS, "SPType").unwrap()).unwrap(),
        "public"
    );
}

#[test]
fn invalid_configuration_is_refused() {
    for cfg in [
        limen_saml::SpConfig {
            sp_country: "be".into(),
            ..config()
        },
        limen_saml::SpConfig {
            sp_type: "both".into(),
            ..config()
        },
    ] {
        assert!(matches!(
            metadata(&cfg, &keys().sp, now()),
            Err(SamlError::Config(_))
        ));
    }
    metadata(&config(), &keys().sp, now()).expect("valid twin");
}

#[test]
fn generated_certificates_are_self_signed_x509() {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let keys = &keys().sp;
    for (der, alg) in [
        (
            &keys.signing_cert_der,
            &sig::ECDSA_P256_SHA256_ASN1 as &dyn sig::VerificationAlgorithm,
        ),
        (&keys.encryption_cert_der, &sig::RSA_PKCS1_2048_8192_SHA256),
    ] {
        let (rest, cert) = X509Certificate::from_der(der).expect("parses");
        assert!(rest.is_empty());
        assert_eq!(cert.version().0, 2, "v3");
        assert_eq!(cert.subject().to_string(), "CN=Limen SP");
        assert_eq!(cert.issuer().to_string(), "CN=Limen SP");
        assert!(cert.validity().is_valid());
        let spki = cert.public_key().subject_public_key.data.to_vec();
        let tbs: &[u8] = cert.tbs_certificate.as_ref();
        UnparsedPublicKey::new(alg, &spki)
            .verify(tbs, &cert.signature_value.data)
            .expect("self-signature verifies");
    }
    // The signing certificate carries the signing key.
    assert!(matches!(
        PublicKey::from_certificate(&keys.signing_cert_der),
        Ok(PublicKey::EcP256(k)) if k == sp_public_key()
    ));
    assert!(matches!(
        PublicKey::from_certificate(&keys.encryption_cert_der),
        Ok(PublicKey::Rsa(_))
    ));
}

#[test]
fn levels_of_assurance() {
    assert_eq!(
        Loa::parse("http://eidas.europa.eu/LoA/substantial"),
        Some(Loa::Substantial)
    );
    assert_eq!(
        Loa::parse("http://eidas.europa.eu/LoA/high"),
        Some(Loa::High)
    );
    assert_eq!(Loa::parse("http://eidas.europa.eu/LoA/low"), None);
    assert_eq!(
        Loa::parse("http://eidas.europa.eu/NotNotified/LoA/high"),
        None
    );
    assert!(Loa::Substantial < Loa::High);
    for loa in [Loa::Substantial, Loa::High] {
        assert_eq!(Loa::parse(loa.uri()), Some(loa));
    }
}
