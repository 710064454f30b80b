//! XML Encryption 1.1 of one `EncryptedData` of `Type` Element: the content key wrapped with
//! RSA-OAEP (§5.5.2, `rsa-oaep-mgf1p` and `xmlenc11#rsa-oaep`), the content encrypted with AES-GCM
//! (§5.2.4: the IV is the first 12 bytes, the tag the last 16).
//!
//! - [`decrypt_element`]: Limen as a service provider reads an eIDAS node's encrypted assertion.
//! - [`encrypt_element`]: Limen as an identity provider encrypts an assertion for an SP (SAML.md
//!   §8): AES-256-GCM under a fresh key, the key wrapped for the SP's certificate.
//!
//! Never: RSA PKCS#1 v1.5 key transport (`rsa-1_5`, Bleichenbacher), CBC modes (Jager–Somorovsky
//! 2011), `CipherReference` (no URI is ever dereferenced), or an error that tells a key-unwrap
//! failure from a tag failure: both end in the same [`SamlError::Decryption`] after the same
//! work (an unwrap failure continues with a random key, FEDERATION.md §5.4).
//!
//! The caller decrypts only after the enclosing response's signature verified against the pinned
//! node key (FEDERATION.md §7, RUSTSEC-2023-0071): chosen ciphertexts cannot reach this code.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ring::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use roxmltree::Node;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};
use sha2::digest::DynDigest;

use crate::SamlError;
use crate::c14n::escape_attr;
use crate::dsig::PublicKey;
use crate::keys::RingRng;
use crate::xml::{self, ns};

/// Algorithm URIs (XML Encryption 1.1 §5).
pub mod uri {
    pub const ELEMENT: &str = "http://www.w3.org/2001/04/xmlenc#Element";
    pub const AES128_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    pub const AES256_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    pub const RSA_OAEP_MGF1P: &str = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    pub const RSA_OAEP: &str = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    pub const RSA_1_5: &str = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
    pub const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
    pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
    pub const SHA384: &str = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    pub const SHA512: &str = "http://www.w3.org/2001/04/xmlenc#sha512";
    pub const MGF1_SHA1: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    pub const MGF1_SHA224: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha224";
    pub const MGF1_SHA256: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
    pub const MGF1_SHA384: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha384";
    pub const MGF1_SHA512: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha512";
}

/// How the content key travels to the SP (XML Encryption 1.1 §5.5.2): OAEP with SHA-256, or
/// with SHA-1 as its padding hash for SPs that read nothing else. Never `rsa-1_5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyTransport {
    /// `xmlenc11#rsa-oaep`, `DigestMethod` SHA-256, `MGF` `mgf1sha256`: for SPs that list it.
    RsaOaep,
    /// `xmlenc#rsa-oaep-mgf1p` with its default digest: OAEP with SHA-1 as the label hash and
    /// in MGF1 (XML Encryption 1.0 §5.4.2). The one form every deployed XML Security Library reads
    /// (xmlsec1 1.2, hence pysaml2 and mod_auth_mellon/lasso on Debian 12, knows no other OAEP
    /// digest), so it is what SPs that do not list `xmlenc11#rsa-oaep` get. SHA-1 serves only as
    /// OAEP's padding hash here, where its collision weakness does not matter (RFC 8017 §7.1;
    /// NIST SP 800-131A Rev. 2 §9 keeps SHA-1 for such non-signature uses); never for a
    /// signature or a digest (SAML.md §8).
    RsaOaepMgf1p,
}

impl KeyTransport {
    pub fn uri(self) -> &'static str {
        match self {
            KeyTransport::RsaOaep => uri::RSA_OAEP,
            KeyTransport::RsaOaepMgf1p => uri::RSA_OAEP_MGF1P,
        }
    }
}

/// Smallest RSA key an assertion is encrypted for (the size SAML.md §2.2 requires of SP keys).
const MIN_RSA_BITS: usize = 2048;
const AES256_KEY_LEN: usize = 32;
const GCM_IV_LEN: usize = 12;
const GCM_TAG_LEN: usize = 16;
/// More wrapped keys than this in one message is not a real node's doing.
const MAX_ENCRYPTED_KEYS: usize = 4;

#[derive(Debug, Clone, Copy)]
enum Content {
    Aes128Gcm,
    Aes256Gcm,
}

impl Content {
    fn key_len(self) -> usize {
        match self {
            Content::Aes128Gcm => 16,
            Content::Aes256Gcm => 32,
        }
    }

    fn ring(self) -> &'static aead::Algorithm {
        match self {
            Content::Aes128Gcm => &aead::AES_128_GCM,
            Content::Aes256Gcm => &aead::AES_256_GCM,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn boxed(self) -> Box<dyn DynDigest + Send + Sync> {
        match self {
            Hash::Sha1 => Box::new(sha1::Sha1::default()),
            Hash::Sha224 => Box::new(sha2::Sha224::default()),
            Hash::Sha256 => Box::new(sha2::Sha256::default()),
            Hash::Sha384 => Box::new(sha2::Sha384::default()),
            Hash::Sha512 => Box::new(sha2::Sha512::default()),
        }
    }
}

/// One `EncryptedKey`, read before anything is decrypted.
struct WrappedKey {
    digest: Hash,
    mgf: Hash,
    cipher: Vec<u8>,
}

/// The plaintext of `encrypted_data` (an `xenc:EncryptedData` of `Type` Element). The content key
/// is in an `EncryptedKey` of its `KeyInfo`, or among `beside` (SAML Core §2.2.4 lets an
/// `EncryptedAssertion` carry `EncryptedKey`s next to the `EncryptedData`).
pub fn decrypt_element(
    encrypted_data: Node<'_, '_>,
    beside: &[Node<'_, '_>],
    key: &RsaPrivateKey,
) -> Result<Vec<u8>, SamlError> {
    if !xml::is(encrypted_data, ns::XENC, "EncryptedData") {
        return Err(SamlError::malformed("not an EncryptedData"));
    }
    if encrypted_data.attribute("Type") != Some(uri::ELEMENT) {
        return Err(SamlError::malformed("EncryptedData is not of Type Element"));
    }
    let method = xml::one_child(encrypted_data, ns::XENC, "EncryptionMethod")?;
    let content = match xml::required_attr(method, "Algorithm")? {
        uri::AES128_GCM => Content::Aes128Gcm,
        uri::AES256_GCM => Content::Aes256Gcm,
        other => return Err(SamlError::algorithm(format!("content encryption {other}"))),
    };
    let ciphertext = cipher_value(encrypted_data)?;

    let mut key_nodes: Vec<Node<'_, '_>> = Vec::new();
    if let Some(info) = xml::opt_child(encrypted_data, ns::DS, "KeyInfo")? {
        key_nodes.extend(xml::children(info, ns::XENC, "EncryptedKey"));
    }
    key_nodes.extend(beside.iter().copied());
    if key_nodes.is_empty() {
        return Err(SamlError::malformed("no EncryptedKey"));
    }
    if key_nodes.len() > MAX_ENCRYPTED_KEYS {
        return Err(SamlError::malformed("too many EncryptedKey elements"));
    }
    let wrapped = key_nodes
        .into_iter()
        .map(wrapped_key)
        .collect::<Result<Vec<_>, _>>()?;

    let rng = SystemRandom::new();
    let mut content_key = None;
    for w in &wrapped {
        let padding = Oaep {
            digest: w.digest.boxed(),
            mgf_digest: w.mgf.boxed(),
            label: None,
        };
        if let Ok(k) = key.decrypt_blinded(&mut RingRng(rng.clone()), padding, &w.cipher)
            && k.len() == content.key_len()
        {
            content_key = Some(k);
            break;
        }
    }
    // No oracle: a failed unwrap goes on with a random key and fails at the tag like a bad tag.
    let content_key = match content_key {
        Some(k) => k,
        None => {
            let mut k = vec![0u8; content.key_len()];
            rng.fill(&mut k).map_err(|_| SamlError::Decryption)?;
            k
        }
    };

    if ciphertext.len() < GCM_IV_LEN + GCM_TAG_LEN {
        return Err(SamlError::Decryption);
    }
    let (iv, sealed) = ciphertext.split_at(GCM_IV_LEN);
    let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| SamlError::Decryption)?;
    let unbound =
        UnboundKey::new(content.ring(), &content_key).map_err(|_| SamlError::Decryption)?;
    let mut buffer = sealed.to_vec();
    let plaintext = LessSafeKey::new(unbound)
        .open_in_place(nonce, Aad::empty(), &mut buffer)
        .map_err(|_| SamlError::Decryption)?;
    Ok(plaintext.to_vec())
}

/// `plaintext_xml` (one element, e.g. a signed `saml:Assertion`) encrypted for the RSA key of
/// `recipient_certificate_der`, as an `xenc:EncryptedData Type="…#Element"` (XML Encryption 1.1
/// §3.4) that carries its `xenc:EncryptedKey` inline in `ds:KeyInfo` (§3.5.1, §4.4):
///
/// - content: AES-256-GCM (§5.2.4) under a fresh random key, a random 96-bit IV, the
///   `CipherValue` being IV ‖ ciphertext ‖ 128-bit tag, no additional data;
/// - key: RSA-OAEP (§5.5.2) as `transport` says (SHA-256 digest and MGF1-SHA-256, or
///   rsa-oaep-mgf1p's SHA-1 defaults), no `OAEPparams`; the recipient key must be RSA of at
///   least 2048 bits.
///
/// The result is written in exclusive-C14N form (SAML.md §7.2): each namespace declared on the
/// topmost element that uses it (`xenc` on `EncryptedData`, `ds` on `KeyInfo`, `xenc11` on `MGF`),
/// start and end tags, no whitespace, so it can be embedded in a signed Response as is. Never
/// CBC, never `rsa-1_5` (SAML.md §8).
pub fn encrypt_element(
    plaintext_xml: &str,
    recipient_certificate_der: &[u8],
    transport: KeyTransport,
) -> Result<String, SamlError> {
    let public = match PublicKey::from_certificate(recipient_certificate_der)? {
        PublicKey::Rsa(pkcs1) => RsaPublicKey::from_pkcs1_der(&pkcs1)
            .map_err(|e| SamlError::Key(format!("encryption certificate: RSA key: {e}")))?,
        PublicKey::EcP256(_) | PublicKey::EcP384(_) => {
            return Err(SamlError::Key(
                "encryption certificate: the key is not RSA (RSA-OAEP key transport)".into(),
            ));
        }
    };
    let bits = public.n().bits();
    if bits < MIN_RSA_BITS {
        return Err(SamlError::Key(format!(
            "encryption certificate: RSA key of {bits} bits, under {MIN_RSA_BITS}"
        )));
    }

    let rng = SystemRandom::new();
    let random = |len: usize| -> Result<Vec<u8>, SamlError> {
        let mut bytes = vec![0u8; len];
        rng.fill(&mut bytes)
            .map_err(|_| SamlError::Key("random generator failed".into()))?;
        Ok(bytes)
    };
    let content_key = random(AES256_KEY_LEN)?;
    let iv = random(GCM_IV_LEN)?;

    // §5.2.4: the IV first, then the ciphertext with the tag appended.
    let nonce = Nonce::try_assume_unique_for_key(&iv)
        .map_err(|_| SamlError::Key("AES-GCM nonce".into()))?;
    let sealing = LessSafeKey::new(
        UnboundKey::new(&aead::AES_256_GCM, &content_key)
            .map_err(|_| SamlError::Key("AES-256-GCM key".into()))?,
    );
    let mut sealed = plaintext_xml.as_bytes().to_vec();
    sealing
        .seal_in_place_append_tag(nonce, Aad::empty(), &mut sealed)
        .map_err(|_| SamlError::Key("AES-256-GCM encryption failed".into()))?;
    let mut cipher = iv;
    cipher.extend_from_slice(&sealed);

    // §5.5.2. Encryption with the public key holds no secret to time (RUSTSEC-2023-0071 is about
    // decryption).
    let hash = match transport {
        KeyTransport::RsaOaep => Hash::Sha256,
        KeyTransport::RsaOaepMgf1p => Hash::Sha1,
    };
    let padding = Oaep {
        digest: hash.boxed(),
        mgf_digest: hash.boxed(),
        label: None,
    };
    let wrapped = public
        .encrypt(&mut RingRng(rng.clone()), padding, &content_key)
        .map_err(|e| SamlError::Key(format!("RSA-OAEP key transport: {e}")))?;

    let mut out = String::with_capacity(cipher.len() * 4 / 3 + wrapped.len() * 4 / 3 + 1024);
    out.push_str("<xenc:EncryptedData xmlns:xenc=\"");
    escape_attr(ns::XENC, &mut out);
    out.push_str("\" Type=\"");
    escape_attr(uri::ELEMENT, &mut out);
    out.push_str("\"><xenc:EncryptionMethod Algorithm=\"");
    escape_attr(uri::AES256_GCM, &mut out);
    out.push_str("\"></xenc:EncryptionMethod><ds:KeyInfo xmlns:ds=\"");
    escape_attr(ns::DS, &mut out);
    out.push_str("\"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm=\"");
    escape_attr(transport.uri(), &mut out);
    out.push_str("\">");
    if transport == KeyTransport::RsaOaep {
        out.push_str("<ds:DigestMethod Algorithm=\"");
        escape_attr(uri::SHA256, &mut out);
        out.push_str("\"></ds:DigestMethod>");
        out.push_str("<xenc11:MGF xmlns:xenc11=\"");
        escape_attr(ns::XENC11, &mut out);
        out.push_str("\" Algorithm=\"");
        escape_attr(uri::MGF1_SHA256, &mut out);
        out.push_str("\"></xenc11:MGF>");
    }
    out.push_str("</xenc:EncryptionMethod><xenc:CipherData><xenc:CipherValue>");
    out.push_str(&B64.encode(&wrapped));
    out.push_str("</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>");
    out.push_str("<xenc:CipherData><xenc:CipherValue>");
    out.push_str(&B64.encode(&cipher));
    out.push_str("</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>");
    Ok(out)
}

fn cipher_value(node: Node<'_, '_>) -> Result<Vec<u8>, SamlError> {
    let data = xml::one_child(node, ns::XENC, "CipherData")?;
    if xml::opt_child(data, ns::XENC, "CipherReference")?.is_some() {
        return Err(SamlError::malformed("CipherReference is not accepted"));
    }
    xml::base64_text(xml::one_child(data, ns::XENC, "CipherValue")?)
}

/// Reads an `EncryptedKey`: RSA-OAEP with its digest (default SHA-1) and, for the XML Enc 1.1
/// identifier, its MGF (default MGF1 with SHA-1) — §5.5.2. `rsa-1_5` and anything else refused.
fn wrapped_key(node: Node<'_, '_>) -> Result<WrappedKey, SamlError> {
    let method = xml::one_child(node, ns::XENC, "EncryptionMethod")?;
    let algorithm = xml::required_attr(method, "Algorithm")?;
    let generic = match algorithm {
        uri::RSA_OAEP_MGF1P => false,
        uri::RSA_OAEP => true,
        uri::RSA_1_5 => return Err(SamlError::algorithm("rsa-1_5 key transport")),
        other => return Err(SamlError::algorithm(format!("key transport {other}"))),
    };
    if xml::opt_child(method, ns::XENC, "OAEPparams")?.is_some() {
        return Err(SamlError::algorithm("OAEPparams are not accepted"));
    }
    let digest = match xml::opt_child(method, ns::DS, "DigestMethod")? {
        None => Hash::Sha1,
        Some(d) => match xml::required_attr(d, "Algorithm")? {
            uri::SHA1 => Hash::Sha1,
            uri::SHA256 => Hash::Sha256,
            uri::SHA384 => Hash::Sha384,
            uri::SHA512 => Hash::Sha512,
            other => return Err(SamlError::algorithm(format!("OAEP digest {other}"))),
        },
    };
    let mgf = match xml::opt_child(method, ns::XENC11, "MGF")? {
        None => Hash::Sha1,
        Some(_) if !generic => {
            return Err(SamlError::algorithm("rsa-oaep-mgf1p has no MGF parameter"));
        }
        Some(m) => match xml::required_attr(m, "Algorithm")? {
            uri::MGF1_SHA1 => Hash::Sha1,
            uri::MGF1_SHA224 => Hash::Sha224,
            uri::MGF1_SHA256 => Hash::Sha256,
            uri::MGF1_SHA384 => Hash::Sha384,
            uri::MGF1_SHA512 => Hash::Sha512,
            other => return Err(SamlError::algorithm(format!("OAEP MGF {other}"))),
        },
    };
    Ok(WrappedKey {
        digest,
        mgf,
        cipher: cipher_value(node)?,
    })
}
