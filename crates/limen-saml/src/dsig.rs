//! XML Signature (XML-DSig 1.1) as the SAML profile uses it: one enveloped signature, a direct
//! child of the signed element, with one `Reference` to that element's `ID`, exclusive C14N
//! (FEDERATION.md §5.3 steps 3–4). Verification against pinned keys only (`KeyInfo` is never
//! read), and signing with Limen's keys.
//!
//! Never: accept SHA-1 anywhere, a second reference or signature, a reference to anything but
//! the signed element itself, an `Object`, a transform outside `enveloped-signature` +
//! `xml-exc-c14n#`, or comments in canonical form (`#WithComments`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ring::rand::SystemRandom;
use ring::signature::{self as sig, EcdsaKeyPair, RsaKeyPair, UnparsedPublicKey};
use roxmltree::{Node, NodeType};

use crate::SamlError;
use crate::c14n;
use crate::xml::{self, ns};

/// Algorithm URIs (XML-DSig 1.1 §6; RFC 6931 for the `xmldsig-more` ones).
pub mod uri {
    pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
    pub const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
    pub const SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    pub const SHA512: &str = "http://www.w3.org/2001/04/xmlenc#sha512";
    pub const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
    pub const ECDSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    pub const ECDSA_SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    pub const RSA_PSS_SHA256: &str = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
    pub const RSA_PSS_SHA384: &str = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1";
    pub const RSA_PSS_SHA512: &str = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1";
    pub const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    pub const RSA_SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    pub const RSA_SHA512: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
}

/// A digest algorithm of the allowlist (SHA-256 and stronger; eIDAS crypto requirements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlgorithm {
    pub fn uri(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha256 => uri::SHA256,
            DigestAlgorithm::Sha384 => uri::SHA384,
            DigestAlgorithm::Sha512 => uri::SHA512,
        }
    }

    /// The algorithm of a `DigestMethod`; SHA-1 and anything unknown are refused.
    pub fn from_uri(value: &str) -> Result<Self, SamlError> {
        match value {
            uri::SHA256 => Ok(DigestAlgorithm::Sha256),
            uri::SHA384 => Ok(DigestAlgorithm::Sha384),
            uri::SHA512 => Ok(DigestAlgorithm::Sha512),
            uri::SHA1 => Err(SamlError::algorithm("SHA-1 digest")),
            other => Err(SamlError::algorithm(format!("digest {other}"))),
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let alg = match self {
            DigestAlgorithm::Sha256 => &ring::digest::SHA256,
            DigestAlgorithm::Sha384 => &ring::digest::SHA384,
            DigestAlgorithm::Sha512 => &ring::digest::SHA512,
        };
        ring::digest::digest(alg, data).as_ref().to_vec()
    }
}

/// A signature algorithm of the allowlist: RSASSA-PSS (RFC 6931 §2.3.10) and ECDSA with
/// `r‖s` fixed-width values (RFC 6931 §2.3.6) as eIDAS asks, and RSA PKCS#1 v1.5 (RFC 6931
/// §2.3.2) only for upstreams that opted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    EcdsaSha256,
    EcdsaSha384,
    RsaPssSha256,
    RsaPssSha384,
    RsaPssSha512,
    RsaSha256,
    RsaSha384,
    RsaSha512,
}

impl SignatureAlgorithm {
    pub fn uri(self) -> &'static str {
        match self {
            SignatureAlgorithm::EcdsaSha256 => uri::ECDSA_SHA256,
            SignatureAlgorithm::EcdsaSha384 => uri::ECDSA_SHA384,
            SignatureAlgorithm::RsaPssSha256 => uri::RSA_PSS_SHA256,
            SignatureAlgorithm::RsaPssSha384 => uri::RSA_PSS_SHA384,
            SignatureAlgorithm::RsaPssSha512 => uri::RSA_PSS_SHA512,
            SignatureAlgorithm::RsaSha256 => uri::RSA_SHA256,
            SignatureAlgorithm::RsaSha384 => uri::RSA_SHA384,
            SignatureAlgorithm::RsaSha512 => uri::RSA_SHA512,
        }
    }

    /// The algorithm of a `SignatureMethod` (or a Redirect-binding `SigAlg`). SHA-1 forms, DSA,
    /// HMAC and anything unknown are refused.
    pub fn from_uri(value: &str) -> Result<Self, SamlError> {
        Ok(match value {
            uri::ECDSA_SHA256 => SignatureAlgorithm::EcdsaSha256,
            uri::ECDSA_SHA384 => SignatureAlgorithm::EcdsaSha384,
            uri::RSA_PSS_SHA256 => SignatureAlgorithm::RsaPssSha256,
            uri::RSA_PSS_SHA384 => SignatureAlgorithm::RsaPssSha384,
            uri::RSA_PSS_SHA512 => SignatureAlgorithm::RsaPssSha512,
            uri::RSA_SHA256 => SignatureAlgorithm::RsaSha256,
            uri::RSA_SHA384 => SignatureAlgorithm::RsaSha384,
            uri::RSA_SHA512 => SignatureAlgorithm::RsaSha512,
            other if other.contains("sha1") => {
                return Err(SamlError::algorithm(format!("SHA-1 signature {other}")));
            }
            other => return Err(SamlError::algorithm(format!("signature {other}"))),
        })
    }

    /// RSA PKCS#1 v1.5: outside the eIDAS profile, accepted only with `allow_rsa_pkcs1`.
    pub fn is_rsa_pkcs1(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::RsaSha256
                | SignatureAlgorithm::RsaSha384
                | SignatureAlgorithm::RsaSha512
        )
    }
}

/// A pinned verification key, read from an X.509 certificate (only its SubjectPublicKeyInfo is
/// used: pinning replaces any chain or validity check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// `RSAPublicKey` DER (RFC 8017 §A.1.1).
    Rsa(Vec<u8>),
    /// Uncompressed point on P-256.
    EcP256(Vec<u8>),
    /// Uncompressed point on P-384.
    EcP384(Vec<u8>),
}

impl PublicKey {
    /// The key of a DER certificate: RSA, or ECDSA on P-256 or P-384 (what ring verifies). Other
    /// curves (P-521, Brainpool) are refused with a message that says so.
    pub fn from_certificate(der: &[u8]) -> Result<Self, SamlError> {
        use x509_parser::oid_registry::{
            OID_EC_P256, OID_KEY_TYPE_EC_PUBLIC_KEY, OID_NIST_EC_P384, OID_PKCS1_RSAENCRYPTION,
        };
        use x509_parser::prelude::{FromDer, X509Certificate};
        let (rest, cert) = X509Certificate::from_der(der)
            .map_err(|e| SamlError::Key(format!("certificate: {e}")))?;
        if !rest.is_empty() {
            return Err(SamlError::Key("certificate: trailing bytes".into()));
        }
        let spki = cert.public_key();
        let key = spki.subject_public_key.data.to_vec();
        if spki.algorithm.algorithm == OID_PKCS1_RSAENCRYPTION {
            return Ok(PublicKey::Rsa(key));
        }
        if spki.algorithm.algorithm == OID_KEY_TYPE_EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok());
            return match curve {
                Some(c) if c == OID_EC_P256 => Ok(PublicKey::EcP256(key)),
                Some(c) if c == OID_NIST_EC_P384 => Ok(PublicKey::EcP384(key)),
                Some(c) => Err(SamlError::Key(format!(
                    "elliptic curve {c} is not supported (P-256 and P-384 only)"
                ))),
                None => Err(SamlError::Key("elliptic curve not named".into())),
            };
        }
        Err(SamlError::Key(format!(
            "public key algorithm {} is not supported (RSA, ECDSA P-256/P-384)",
            spki.algorithm.algorithm
        )))
    }

    /// Whether `signature` is `algorithm`'s signature of `message` by this key. A key of the
    /// wrong type for the algorithm does not verify, nor does ECDSA with a hash other than the
    /// curve's own (P-256 with SHA-256, P-384 with SHA-384: what ring offers with `r‖s`).
    pub fn verify(&self, algorithm: SignatureAlgorithm, message: &[u8], signature: &[u8]) -> bool {
        use SignatureAlgorithm as A;
        let (alg, key): (&dyn sig::VerificationAlgorithm, &[u8]) = match (self, algorithm) {
            (PublicKey::EcP256(k), A::EcdsaSha256) => (&sig::ECDSA_P256_SHA256_FIXED, k),
            (PublicKey::EcP384(k), A::EcdsaSha384) => (&sig::ECDSA_P384_SHA384_FIXED, k),
            (PublicKey::Rsa(k), A::RsaPssSha256) => (&sig::RSA_PSS_2048_8192_SHA256, k),
            (PublicKey::Rsa(k), A::RsaPssSha384) => (&sig::RSA_PSS_2048_8192_SHA384, k),
            (PublicKey::Rsa(k), A::RsaPssSha512) => (&sig::RSA_PSS_2048_8192_SHA512, k),
            (PublicKey::Rsa(k), A::RsaSha256) => (&sig::RSA_PKCS1_2048_8192_SHA256, k),
            (PublicKey::Rsa(k), A::RsaSha384) => (&sig::RSA_PKCS1_2048_8192_SHA384, k),
            (PublicKey::Rsa(k), A::RsaSha512) => (&sig::RSA_PKCS1_2048_8192_SHA512, k),
            _ => return false,
        };
        UnparsedPublicKey::new(alg, key)
            .verify(message, signature)
            .is_ok()
    }
}

/// Verifies the enveloped signature of `signed` (the root of its document, or the one element of
/// a decrypted assertion) against `keys` — FEDERATION.md §5.3 steps 3 and 4:
///
/// - exactly one `ds:Signature` in the whole document, a direct child of `signed`;
/// - it holds `SignedInfo`, `SignatureValue` and at most a `KeyInfo` (ignored), nothing else;
/// - `SignedInfo` holds one `CanonicalizationMethod` (`xml-exc-c14n#`), one allowlisted
///   `SignatureMethod` and exactly one `Reference`, whose `URI` is `#` + `signed`'s `ID`, with the
///   transforms `enveloped-signature` then `xml-exc-c14n#` and an allowlisted `DigestMethod`;
/// - the digest of the canonical `signed` without the signature matches (XML-DSig 1.1 §3.2.1),
///   and the signature over the canonical `SignedInfo` verifies with one of `keys` (§3.2.2).
///
/// Only after this returns `Ok` may anything in `signed` be read.
pub fn verify_enveloped(
    signed: Node<'_, '_>,
    keys: &[PublicKey],
    allow_rsa_pkcs1: bool,
) -> Result<(), SamlError> {
    let id = signed
        .attribute("ID")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| SamlError::signature("the signed element has no ID"))?;

    let mut signatures = signed
        .document()
        .descendants()
        .filter(|n| xml::is(*n, ns::DS, "Signature"));
    let signature = match (signatures.next(), signatures.next()) {
        (None, _) => return Err(SamlError::signature("unsigned")),
        (Some(_), Some(_)) => return Err(SamlError::signature("more than one Signature")),
        (Some(s), None) => s,
    };
    if signature.parent() != Some(signed) {
        return Err(SamlError::signature(
            "the Signature is not a direct child of the signed element",
        ));
    }

    let parts = elements(signature)?;
    let (signed_info, signature_value) = match parts.as_slice() {
        [si, sv] | [si, sv, _] => (*si, *sv),
        _ => return Err(SamlError::signature("unexpected Signature content")),
    };
    if !xml::is(signed_info, ns::DS, "SignedInfo")
        || !xml::is(signature_value, ns::DS, "SignatureValue")
        || parts
            .get(2)
            .is_some_and(|k| !xml::is(*k, ns::DS, "KeyInfo"))
    {
        return Err(SamlError::signature(
            "Signature must hold SignedInfo, SignatureValue and at most KeyInfo",
        ));
    }

    let info = elements(signed_info)?;
    let [c14n_method, signature_method, reference] = info.as_slice() else {
        return Err(SamlError::signature(
            "SignedInfo must hold exactly CanonicalizationMethod, SignatureMethod, one Reference",
        ));
    };
    if !xml::is(*c14n_method, ns::DS, "CanonicalizationMethod")
        || !xml::is(*signature_method, ns::DS, "SignatureMethod")
        || !xml::is(*reference, ns::DS, "Reference")
    {
        return Err(SamlError::signature("unexpected SignedInfo content"));
    }
    let info_prefixes = exc_c14n_method(*c14n_method)?;

    let algorithm =
        SignatureAlgorithm::from_uri(xml::required_attr(*signature_method, "Algorithm")?)?;
    if !elements(*signature_method)?.is_empty() {
        return Err(SamlError::signature(
            "SignatureMethod parameters are not accepted",
        ));
    }
    if algorithm.is_rsa_pkcs1() && !allow_rsa_pkcs1 {
        return Err(SamlError::algorithm(format!(
            "{} (RSA PKCS#1 v1.5) without allow_rsa_pkcs1",
            algorithm.uri()
        )));
    }

    let reference_uri = reference.attribute("URI").unwrap_or_default();
    if reference_uri.strip_prefix('#') != Some(id) {
        return Err(SamlError::signature(format!(
            "the Reference {reference_uri:?} is not the signed element #{id}"
        )));
    }
    let ref_parts = elements(*reference)?;
    let [transforms, digest_method, digest_value] = ref_parts.as_slice() else {
        return Err(SamlError::signature(
            "Reference must hold Transforms, DigestMethod, DigestValue",
        ));
    };
    if !xml::is(*transforms, ns::DS, "Transforms")
        || !xml::is(*digest_method, ns::DS, "DigestMethod")
        || !xml::is(*digest_value, ns::DS, "DigestValue")
    {
        return Err(SamlError::signature("unexpected Reference content"));
    }
    let transform_list = elements(*transforms)?;
    let [enveloped, exc] = transform_list.as_slice() else {
        return Err(SamlError::signature(
            "the transforms must be enveloped-signature then xml-exc-c14n#",
        ));
    };
    if !xml::is(*enveloped, ns::DS, "Transform")
        || enveloped.attribute("Algorithm") != Some(uri::ENVELOPED)
        || !elements(*enveloped)?.is_empty()
        || !xml::is(*exc, ns::DS, "Transform")
    {
        return Err(SamlError::signature(
            "the transforms must be enveloped-signature then xml-exc-c14n#",
        ));
    }
    let reference_prefixes = exc_c14n_method(*exc)?;
    let digest_alg = DigestAlgorithm::from_uri(xml::required_attr(*digest_method, "Algorithm")?)?;
    let expected_digest = xml::base64_text(*digest_value)?;

    // The signature over the canonical SignedInfo first (small, whatever the document): a
    // message no pinned key signed is refused before its whole body is canonicalized (W3C XML
    // Signature Best Practices, BP 1). XML-DSig 1.1 §3.2.2.
    let canonical_info = c14n::canonicalize(signed_info, None, &info_prefixes);
    let value = xml::base64_text(signature_value)?;
    if !keys
        .iter()
        .any(|k| k.verify(algorithm, canonical_info.as_bytes(), &value))
    {
        return Err(SamlError::signature(
            "the signature value does not verify with any pinned key",
        ));
    }
    // §3.2.1: then the reference, over the canonical signed element without the signature.
    let canonical = c14n::canonicalize(signed, Some(signature.id()), &reference_prefixes);
    if digest_alg.digest(canonical.as_bytes()) != expected_digest {
        return Err(SamlError::signature("digest mismatch"));
    }
    Ok(())
}

/// The element children of `node`; any text other than whitespace is refused (a signature's
/// structure carries no text of its own).
fn elements<'a, 'i>(node: Node<'a, 'i>) -> Result<Vec<Node<'a, 'i>>, SamlError> {
    let mut out = Vec::new();
    for child in node.children() {
        match child.node_type() {
            NodeType::Element => out.push(child),
            NodeType::Text if child.text().unwrap_or_default().trim().is_empty() => {}
            _ => {
                return Err(SamlError::signature(format!(
                    "unexpected content in {}",
                    node.tag_name().name()
                )));
            }
        }
    }
    Ok(out)
}

/// An exclusive C14N method element (`CanonicalizationMethod` or `Transform`): its `Algorithm`
/// must be `xml-exc-c14n#` (never `#WithComments`), its only possible child an
/// `InclusiveNamespaces` whose `PrefixList` is returned (Exc-C14N §3).
fn exc_c14n_method<'a>(node: Node<'a, '_>) -> Result<Vec<&'a str>, SamlError> {
    if node.attribute("Algorithm") != Some(uri::EXC_C14N) {
        return Err(SamlError::algorithm(format!(
            "canonicalization {}",
            node.attribute("Algorithm").unwrap_or_default()
        )));
    }
    match elements(node)?.as_slice() {
        [] => Ok(Vec::new()),
        [inclusive] if xml::is(*inclusive, ns::EC, "InclusiveNamespaces") => Ok(c14n::prefix_list(
            inclusive.attribute("PrefixList").unwrap_or_default(),
        )),
        _ => Err(SamlError::signature(
            "unexpected canonicalization parameters",
        )),
    }
}

enum SignerKey {
    Ecdsa(EcdsaKeyPair),
    Rsa(RsaKeyPair),
}

/// A private key that signs XML (enveloped signatures) and Redirect-binding queries.
pub struct Signer {
    key: SignerKey,
    algorithm: SignatureAlgorithm,
    certificate_der: Option<Vec<u8>>,
    rng: SystemRandom,
}

impl Signer {
    /// ECDSA P-256 with SHA-256 (`xmldsig-more#ecdsa-sha256`), from a PKCS#8 DER key. The
    /// certificate, when given, is written in `KeyInfo` (for readers that want it; Limen's own
    /// verification never reads it).
    pub fn ecdsa_p256(pkcs8: &[u8], certificate_der: Option<Vec<u8>>) -> Result<Self, SamlError> {
        let rng = SystemRandom::new();
        let key = EcdsaKeyPair::from_pkcs8(&sig::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8, &rng)
            .map_err(|e| SamlError::Key(format!("ECDSA P-256 key: {e}")))?;
        Ok(Signer {
            key: SignerKey::Ecdsa(key),
            algorithm: SignatureAlgorithm::EcdsaSha256,
            certificate_der,
            rng,
        })
    }

    /// RSA (2048 to 8192 bits), from a PKCS#8 DER key, signing with `algorithm` (a PSS or a
    /// PKCS#1 v1.5 form).
    pub fn rsa(
        pkcs8: &[u8],
        algorithm: SignatureAlgorithm,
        certificate_der: Option<Vec<u8>>,
    ) -> Result<Self, SamlError> {
        if matches!(
            algorithm,
            SignatureAlgorithm::EcdsaSha256 | SignatureAlgorithm::EcdsaSha384
        ) {
            return Err(SamlError::Key("an RSA key cannot sign ECDSA".into()));
        }
        let key =
            RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| SamlError::Key(format!("RSA key: {e}")))?;
        Ok(Signer {
            key: SignerKey::Rsa(key),
            algorithm,
            certificate_der,
            rng: SystemRandom::new(),
        })
    }

    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The signature of `message`, as XML-DSig encodes it (ECDSA: `r‖s`, RFC 6931 §2.3.6).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SamlError> {
        match &self.key {
            SignerKey::Ecdsa(key) => key
                .sign(&self.rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| SamlError::Key("ECDSA signing failed".into())),
            SignerKey::Rsa(key) => {
                let padding: &'static dyn sig::RsaEncoding = match self.algorithm {
                    SignatureAlgorithm::RsaPssSha256 => &sig::RSA_PSS_SHA256,
                    SignatureAlgorithm::RsaPssSha384 => &sig::RSA_PSS_SHA384,
                    SignatureAlgorithm::RsaPssSha512 => &sig::RSA_PSS_SHA512,
                    SignatureAlgorithm::RsaSha256 => &sig::RSA_PKCS1_SHA256,
                    SignatureAlgorithm::RsaSha384 => &sig::RSA_PKCS1_SHA384,
                    SignatureAlgorithm::RsaSha512 => &sig::RSA_PKCS1_SHA512,
                    SignatureAlgorithm::EcdsaSha256 | SignatureAlgorithm::EcdsaSha384 => {
                        return Err(SamlError::Key("an RSA key cannot sign ECDSA".into()));
                    }
                };
                let mut out = vec![0u8; key.public().modulus_len()];
                key.sign(padding, &self.rng, message, &mut out)
                    .map_err(|_| SamlError::Key("RSA signing failed".into()))?;
                Ok(out)
            }
        }
    }
}

/// Signs the root element of `xml` with an enveloped signature (XML-DSig 1.1 §3.1): exclusive
/// C14N, `enveloped-signature`, one `Reference` to the root's `ID`. The `ds:Signature` is inserted
/// right after the root's first child element when that is `{after.0}after.1` (SAML's `Issuer`,
/// which must precede it), otherwise as the root's first child.
pub fn sign_enveloped(
    xml: &str,
    signer: &Signer,
    digest: DigestAlgorithm,
    after: Option<(&str, &str)>,
) -> Result<String, SamlError> {
    let doc = xml::parse(xml)?;
    let root = doc.root_element();
    let id = xml::required_attr(root, "ID")?;
    let canonical = c14n::canonicalize(root, None, &[]);
    let digest_value = B64.encode(digest.digest(canonical.as_bytes()));

    let info_children = format!(
        "<ds:CanonicalizationMethod Algorithm=\"{exc}\"/>\
         <ds:SignatureMethod Algorithm=\"{alg}\"/>\
         <ds:Reference URI=\"#{id}\"><ds:Transforms>\
         <ds:Transform Algorithm=\"{env}\"/><ds:Transform Algorithm=\"{exc}\"/>\
         </ds:Transforms><ds:DigestMethod Algorithm=\"{dig}\"/>\
         <ds:DigestValue>{digest_value}</ds:DigestValue></ds:Reference>",
        exc = uri::EXC_C14N,
        alg = signer.algorithm.uri(),
        id = xml::escape(id),
        env = uri::ENVELOPED,
        dig = digest.uri(),
    );
    // Exclusive C14N of SignedInfo renders only the `ds` declaration it uses, wherever it is
    // declared: the standalone form below canonicalizes exactly as it will inside the document.
    let standalone = format!(
        "<ds:SignedInfo xmlns:ds=\"{}\">{info_children}</ds:SignedInfo>",
        ns::DS
    );
    let info_doc = xml::parse(&standalone)?;
    let canonical_info = c14n::canonicalize(info_doc.root_element(), None, &[]);
    let signature_value = B64.encode(signer.sign(canonical_info.as_bytes())?);
    let key_info = signer
        .certificate_der
        .as_deref()
        .map(x509_key_info)
        .unwrap_or_default();
    let signature = format!(
        "<ds:Signature xmlns:ds=\"{}\"><ds:SignedInfo>{info_children}</ds:SignedInfo>\
         <ds:SignatureValue>{signature_value}</ds:SignatureValue>{key_info}</ds:Signature>",
        ns::DS
    );

    let first = root.first_element_child();
    let position = match (first, after) {
        (Some(child), Some((after_ns, after_local))) if xml::is(child, after_ns, after_local) => {
            child.range().end
        }
        _ => root
            .first_child()
            .map(|c| c.range().start)
            .ok_or_else(|| SamlError::malformed("the element to sign is empty"))?,
    };
    let mut out = String::with_capacity(xml.len() + signature.len());
    out.push_str(xml.get(..position).unwrap_or_default());
    out.push_str(&signature);
    out.push_str(xml.get(position..).unwrap_or_default());
    Ok(out)
}

/// `ds:KeyInfo` carrying one certificate (XML-DSig 1.1 §4.5.4), `ds` bound by the caller.
pub fn x509_key_info(der: &[u8]) -> String {
    format!(
        "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>",
        B64.encode(der)
    )
}
