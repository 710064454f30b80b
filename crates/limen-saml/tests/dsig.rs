//! The algorithm allowlist and the key types, one by one (RFC 6931 identifiers).

use limen_saml::SamlError;
use limen_saml::dsig::{DigestAlgorithm, PublicKey, SignatureAlgorithm};
use ring::rand::SystemRandom;
use ring::signature::{self as sig, EcdsaKeyPair, KeyPair};

#[test]
fn signature_algorithm_allowlist() {
    for uri in [
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
        "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    ] {
        assert_eq!(SignatureAlgorithm::from_uri(uri).expect(uri).uri(), uri);
    }
    for uri in [
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
        "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1",
    ] {
        assert!(
            matches!(SignatureAlgorithm::from_uri(uri), Err(SamlError::Algorithm(ref m)) if m.contains("SHA-1")),
            "{uri}"
        );
    }
    for uri in [
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-md5",
        "",
    ] {
        assert!(
            matches!(
                SignatureAlgorithm::from_uri(uri),
                Err(SamlError::Algorithm(_))
            ),
            "{uri}"
        );
    }
    assert!(SignatureAlgorithm::RsaSha256.is_rsa_pkcs1());
    assert!(!SignatureAlgorithm::RsaPssSha256.is_rsa_pkcs1());
}

#[test]
fn digest_allowlist() {
    for d in [
        DigestAlgorithm::Sha256,
        DigestAlgorithm::Sha384,
        DigestAlgorithm::Sha512,
    ] {
        assert_eq!(DigestAlgorithm::from_uri(d.uri()), Ok(d));
    }
    assert_eq!(
        DigestAlgorithm::from_uri("http://www.w3.org/2000/09/xmldsig#sha1"),
        Err(SamlError::Algorithm("SHA-1 digest".into()))
    );
}

#[test]
fn ecdsa_p384_and_key_type_matching() {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&sig::ECDSA_P384_SHA384_FIXED_SIGNING, &rng).unwrap();
    let key = EcdsaKeyPair::from_pkcs8(&sig::ECDSA_P384_SHA384_FIXED_SIGNING, pkcs8.as_ref(), &rng)
        .unwrap();
    let signature = key.sign(&rng, b"message").unwrap();
    let public = PublicKey::EcP384(key.public_key().as_ref().to_vec());
    assert!(public.verify(
        SignatureAlgorithm::EcdsaSha384,
        b"message",
        signature.as_ref()
    ));
    assert!(!public.verify(
        SignatureAlgorithm::EcdsaSha384,
        b"messagf",
        signature.as_ref()
    ));
    // The same bytes under another algorithm or key type do not verify.
    assert!(!public.verify(
        SignatureAlgorithm::EcdsaSha256,
        b"message",
        signature.as_ref()
    ));
    let as_rsa = PublicKey::Rsa(key.public_key().as_ref().to_vec());
    assert!(!as_rsa.verify(
        SignatureAlgorithm::RsaPssSha384,
        b"message",
        signature.as_ref()
    ));
}

#[test]
fn certificates_that_are_not_certificates() {
    assert!(matches!(
        PublicKey::from_certificate(b"not DER"),
        Err(SamlError::Key(_))
    ));
}
