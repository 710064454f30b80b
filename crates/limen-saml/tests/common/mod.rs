//! A test-only eIDAS node: builds responses as a real node would (assertion signed, then
//! encrypted for the SP with RSA-OAEP + AES-GCM, inside a signed Response), with a knob for every
//! rule the verifier enforces. Signatures are made here from templates (the XML-DSig structure
//! written out, then digest and signature filled in over the canonical forms), so that xmlsec1
//! can fill the very same templates in the oracle tests.

#![allow(dead_code)]

use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_saml::c14n::canonicalize;
use limen_saml::xml::{self, ns};
use limen_saml::{Binding, Loa, SpConfig, SpKeys};
use ring::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{self as sig, EcdsaKeyPair, RsaKeyPair};
use rsa::pkcs8::DecodePrivateKey;
use rsa::rand_core::{CryptoRng, RngCore};
use rsa::{Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub const SP_ENTITY: &str = "https://limen.example/upstream/eidas/metadata";
pub const ACS: &str = "https://limen.example/upstream/eidas/acs";
pub const IDP_ENTITY: &str = "https://eidas-connector.example.eu/ConnectorMetadata";
pub const IDP_SSO: &str = "https://eidas-connector.example.eu/SpecificConnector/ServiceProvider";
pub const REQUEST_ID: &str = "_4a6f0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f";
pub const PID: &str = "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier";
pub const FAMILY: &str = "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName";
pub const GIVEN: &str = "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName";
pub const DOB: &str = "http://eidas.europa.eu/attributes/naturalperson/DateOfBirth";

pub struct Keys {
    /// Limen (the SP).
    pub sp: SpKeys,
    /// The node: its P-256 key signs ECDSA, its RSA key signs PSS / PKCS#1.
    pub idp: SpKeys,
    /// Another party's keys, not pinned.
    pub other: SpKeys,
}

pub fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        sp: SpKeys::generate("Limen SP").expect("SP keys"),
        idp: SpKeys::generate("Test eIDAS node").expect("IdP keys"),
        other: SpKeys::generate("Someone else").expect("other keys"),
    })
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::parse("2026-03-01T10:00:00Z", &Rfc3339).unwrap()
}

pub fn instant(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

pub fn config() -> SpConfig {
    SpConfig {
        sp_entity_id: SP_ENTITY.into(),
        acs_url: ACS.into(),
        idp_entity_id: IDP_ENTITY.into(),
        idp_sso_url: IDP_SSO.into(),
        idp_certificates: vec![
            keys().idp.signing_cert_der.clone(),
            keys().idp.encryption_cert_der.clone(),
        ],
        sp_country: "BE".into(),
        sp_type: "public".into(),
        accepted_countries: vec![],
        allow_rsa_pkcs1: false,
        request_binding: Binding::Redirect,
    }
}

/// ring's generator for the rsa crate.
pub struct Rng;
impl RngCore for Rng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }
    fn next_u64(&mut self) -> u64 {
        let mut b = [0; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }
    fn fill_bytes(&mut self, d: &mut [u8]) {
        SystemRandom::new().fill(d).unwrap()
    }
    fn try_fill_bytes(&mut self, d: &mut [u8]) -> Result<(), rsa::rand_core::Error> {
        self.fill_bytes(d);
        Ok(())
    }
}
impl CryptoRng for Rng {}

/// How a message is signed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sig {
    None,
    EcdsaSha256,
    RsaPssSha256,
    RsaSha256,
    /// RSA PKCS#1 v1.5 over SHA-1 (xmldsig#rsa-sha1), a genuine one.
    RsaSha1,
    /// ECDSA P-256 by a key that is not pinned.
    OtherKey,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Digest {
    Sha256,
    Sha512,
    Sha1,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyTransport {
    /// rsa-oaep-mgf1p, SHA-1 digest by default (no DigestMethod).
    OaepMgf1p,
    /// rsa-oaep-mgf1p with DigestMethod SHA-256.
    OaepMgf1pSha256,
    /// xmlenc11#rsa-oaep with SHA-256 digest and MGF1-SHA-256.
    Oaep11Sha256,
    /// rsa-1_5 (refused).
    Rsa15,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Content {
    Aes128Gcm,
    Aes256Gcm,
    /// Labelled aes128-cbc (refused from the label, before any decryption).
    Aes128Cbc,
}

/// One response, every part adjustable. `Fx::default()` is a valid response.
#[derive(Clone)]
pub struct Fx {
    pub response_id: String,
    pub assertion_id: String,
    pub destination: Option<String>,
    pub response_issuer: String,
    pub assertion_issuer: String,
    pub in_response_to: Option<String>,
    pub scd_in_response_to: Option<String>,
    pub recipient: String,
    pub audiences: Vec<Vec<String>>,
    pub issue_instant: OffsetDateTime,
    pub not_before: OffsetDateTime,
    pub not_on_or_after: OffsetDateTime,
    pub scd_not_on_or_after: OffsetDateTime,
    pub status: String,
    pub loa: String,
    /// NameID content, raw XML.
    pub name_id: String,
    /// (Name, values as raw XML content, extra attributes on each AttributeValue).
    pub attributes: Vec<(String, Vec<(String, String)>)>,
    /// Raw XML appended to the assertion (after the AttributeStatement).
    pub assertion_extra: String,
    /// Raw XML put in the response between Status and EncryptedAssertion.
    pub response_extra: String,
    /// Raw XML put in the response's Extensions (before signing).
    pub response_extensions: String,
    pub response_sig: Sig,
    pub assertion_sig: Sig,
    pub digest: Digest,
    pub key_transport: KeyTransport,
    pub content: Content,
    /// Put the EncryptedKey beside EncryptedData instead of inside its KeyInfo.
    pub key_beside: bool,
    /// Applied to the signed assertion before encryption.
    pub assertion_hook: Option<fn(String) -> String>,
}

impl Default for Fx {
    fn default() -> Self {
        let t = now();
        Fx {
            response_id: "_resp0123456789".into(),
            assertion_id: "_assert0123456789".into(),
            destination: Some(ACS.into()),
            response_issuer: IDP_ENTITY.into(),
            assertion_issuer: IDP_ENTITY.into(),
            in_response_to: Some(REQUEST_ID.into()),
            scd_in_response_to: Some(REQUEST_ID.into()),
            recipient: ACS.into(),
            audiences: vec![vec![SP_ENTITY.into()]],
            issue_instant: t,
            not_before: t,
            not_on_or_after: t + time::Duration::minutes(5),
            scd_not_on_or_after: t + time::Duration::minutes(5),
            status: "urn:oasis:names:tc:SAML:2.0:status:Success".into(),
            loa: "http://eidas.europa.eu/LoA/substantial".into(),
            name_id: "ES/BE/99999999R".into(),
            attributes: vec![
                (PID.into(), vec![("ES/BE/99999999R".into(), String::new())]),
                (FAMILY.into(), vec![("García".into(), String::new())]),
                (GIVEN.into(), vec![("Lucía".into(), String::new())]),
                (DOB.into(), vec![("1985-04-12".into(), String::new())]),
            ],
            assertion_extra: String::new(),
            response_extra: String::new(),
            response_extensions: String::new(),
            response_sig: Sig::EcdsaSha256,
            assertion_sig: Sig::EcdsaSha256,
            digest: Digest::Sha256,
            key_transport: KeyTransport::OaepMgf1p,
            content: Content::Aes128Gcm,
            key_beside: false,
            assertion_hook: None,
        }
    }
}

pub const SIG_PLACE: &str = "{{SIGNATURE}}";

impl Fx {
    /// The assertion, with `{{SIGNATURE}}` where its signature goes (after Issuer).
    pub fn assertion_template(&self) -> String {
        let audiences: String = self
            .audiences
            .iter()
            .map(|list| {
                let inner: String = list
                    .iter()
                    .map(|a| format!("<saml2:Audience>{a}</saml2:Audience>"))
                    .collect();
                format!("<saml2:AudienceRestriction>{inner}</saml2:AudienceRestriction>")
            })
            .collect();
        let attributes: String = self
            .attributes
            .iter()
            .map(|(name, values)| {
                let values: String = values
                    .iter()
                    .map(|(v, extra)| {
                        format!("<saml2:AttributeValue{extra}>{v}</saml2:AttributeValue>")
                    })
                    .collect();
                format!(
                    "<saml2:Attribute FriendlyName=\"x\" Name=\"{name}\" \
                     NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\">{values}</saml2:Attribute>"
                )
            })
            .collect();
        let scd_irt = self
            .scd_in_response_to
            .as_ref()
            .map(|v| format!(" InResponseTo=\"{v}\""))
            .unwrap_or_default();
        format!(
            "<saml2:Assertion xmlns:saml2=\"{saml}\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
             ID=\"{id}\" IssueInstant=\"{ii}\" Version=\"2.0\">\
             <saml2:Issuer Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:entity\">{issuer}</saml2:Issuer>{SIG_PLACE}\
             <saml2:Subject><saml2:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">{name_id}</saml2:NameID>\
             <saml2:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">\
             <saml2:SubjectConfirmationData{scd_irt} NotOnOrAfter=\"{scd_noa}\" Recipient=\"{recipient}\"/>\
             </saml2:SubjectConfirmation></saml2:Subject>\
             <saml2:Conditions NotBefore=\"{nb}\" NotOnOrAfter=\"{noa}\">{audiences}</saml2:Conditions>\
             <saml2:AuthnStatement AuthnInstant=\"{ii}\"><saml2:AuthnContext>\
             <saml2:AuthnContextClassRef>{loa}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>\
             <saml2:AttributeStatement>{attributes}</saml2:AttributeStatement>{extra}</saml2:Assertion>",
            saml = ns::SAML,
            id = self.assertion_id,
            ii = instant(self.issue_instant),
            issuer = self.assertion_issuer,
            name_id = self.name_id,
            scd_noa = instant(self.scd_not_on_or_after),
            recipient = self.recipient,
            nb = instant(self.not_before),
            noa = instant(self.not_on_or_after),
            loa = self.loa,
            extra = self.assertion_extra,
        )
    }

    /// The response around `encrypted` (the EncryptedAssertion element), `{{SIGNATURE}}` after
    /// Issuer.
    pub fn response_template(&self, encrypted: &str) -> String {
        let destination = self
            .destination
            .as_ref()
            .map(|d| format!(" Destination=\"{d}\""))
            .unwrap_or_default();
        let irt = self
            .in_response_to
            .as_ref()
            .map(|v| format!(" InResponseTo=\"{v}\""))
            .unwrap_or_default();
        let extensions = if self.response_extensions.is_empty() {
            String::new()
        } else {
            format!(
                "<saml2p:Extensions>{}</saml2p:Extensions>",
                self.response_extensions
            )
        };
        format!(
            "<saml2p:Response xmlns:saml2p=\"{samlp}\" xmlns:saml2=\"{saml}\" ID=\"{id}\"{destination}{irt} \
             IssueInstant=\"{ii}\" Version=\"2.0\">\
             <saml2:Issuer Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:entity\">{issuer}</saml2:Issuer>{SIG_PLACE}{extensions}\
             <saml2p:Status><saml2p:StatusCode Value=\"{status}\"/></saml2p:Status>{extra}{encrypted}</saml2p:Response>",
            samlp = ns::SAMLP,
            saml = ns::SAML,
            id = self.response_id,
            ii = instant(self.issue_instant),
            issuer = self.response_issuer,
            status = self.status,
            extra = self.response_extra,
        )
    }

    /// The signed assertion (before encryption).
    pub fn signed_assertion(&self) -> String {
        let signed = sign(&self.assertion_template(), self.assertion_sig, self.digest);
        match self.assertion_hook {
            Some(hook) => hook(signed),
            None => signed,
        }
    }

    /// The whole signed response XML.
    pub fn response_xml(&self) -> String {
        let encrypted = encrypt(
            &self.signed_assertion(),
            &keys().sp,
            self.key_transport,
            self.content,
            self.key_beside,
        );
        sign(
            &self.response_template(&encrypted),
            self.response_sig,
            self.digest,
        )
    }

    pub fn b64(&self) -> String {
        B64.encode(self.response_xml())
    }
}

pub fn b64(xml: &str) -> String {
    B64.encode(xml)
}

fn sig_uri(s: Sig) -> &'static str {
    match s {
        Sig::EcdsaSha256 | Sig::OtherKey => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        Sig::RsaPssSha256 => "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        Sig::RsaSha256 => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        Sig::RsaSha1 => "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        Sig::None => unreachable!(),
    }
}

fn digest_uri(d: Digest) -> &'static str {
    match d {
        Digest::Sha256 => "http://www.w3.org/2001/04/xmlenc#sha256",
        Digest::Sha512 => "http://www.w3.org/2001/04/xmlenc#sha512",
        Digest::Sha1 => "http://www.w3.org/2000/09/xmldsig#sha1",
    }
}

/// The XML-DSig template (values empty) for the element whose ID is `id`.
pub fn signature_template(id: &str, sig_alg: &str, digest_alg: &str) -> String {
    format!(
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>\
         <ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>\
         <ds:SignatureMethod Algorithm=\"{sig_alg}\"/><ds:Reference URI=\"#{id}\"><ds:Transforms>\
         <ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\
         <ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>\
         <ds:DigestMethod Algorithm=\"{digest_alg}\"/><ds:DigestValue></ds:DigestValue></ds:Reference>\
         </ds:SignedInfo><ds:SignatureValue></ds:SignatureValue></ds:Signature>"
    )
}

/// `template` with its `{{SIGNATURE}}` replaced by the template of a signature of the root.
pub fn with_signature_template(template: &str, s: Sig, d: Digest) -> String {
    if s == Sig::None {
        return template.replace(SIG_PLACE, "");
    }
    let unsigned = template.replace(SIG_PLACE, "");
    let doc = roxmltree::Document::parse(&unsigned).unwrap();
    let id = doc.root_element().attribute("ID").unwrap().to_owned();
    template.replace(
        SIG_PLACE,
        &signature_template(&id, sig_uri(s), digest_uri(d)),
    )
}

/// Signs the root of `template` (XML-DSig 1.1 §3.1.1–3.1.2, done here independently of
/// limen_saml::dsig): fills DigestValue over the canonical root without its signature, then
/// SignatureValue over the canonical SignedInfo as it stands in the document.
pub fn sign(template: &str, s: Sig, d: Digest) -> String {
    let xml = with_signature_template(template, s, d);
    if s == Sig::None {
        return xml;
    }
    // Parsed without the guard: the test node signs whatever it is told to, limits included.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let signature = root
        .children()
        .find(|n| xml::is(*n, ns::DS, "Signature"))
        .unwrap();
    let canonical = canonicalize(root, Some(signature.id()), &[]);
    let digest = match d {
        Digest::Sha256 => ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes()),
        Digest::Sha512 => ring::digest::digest(&ring::digest::SHA512, canonical.as_bytes()),
        Digest::Sha1 => ring::digest::digest(
            &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            canonical.as_bytes(),
        ),
    };
    let xml = xml.replacen(
        "<ds:DigestValue></ds:DigestValue>",
        &format!(
            "<ds:DigestValue>{}</ds:DigestValue>",
            B64.encode(digest.as_ref())
        ),
        1,
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let signed_info = doc
        .descendants()
        .find(|n| xml::is(*n, ns::DS, "SignedInfo"))
        .unwrap();
    let canonical_info = canonicalize(signed_info, None, &[]);
    let value = raw_sign(s, canonical_info.as_bytes());
    xml.replacen(
        "<ds:SignatureValue></ds:SignatureValue>",
        &format!(
            "<ds:SignatureValue>{}</ds:SignatureValue>",
            B64.encode(value)
        ),
        1,
    )
}

pub fn raw_sign(s: Sig, message: &[u8]) -> Vec<u8> {
    let rng = SystemRandom::new();
    let k = keys();
    match s {
        Sig::EcdsaSha256 | Sig::OtherKey => {
            let pkcs8 = if s == Sig::OtherKey {
                &k.other.signing_pkcs8
            } else {
                &k.idp.signing_pkcs8
            };
            let key = EcdsaKeyPair::from_pkcs8(&sig::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8, &rng)
                .unwrap();
            key.sign(&rng, message).unwrap().as_ref().to_vec()
        }
        Sig::RsaPssSha256 | Sig::RsaSha256 => {
            let key = RsaKeyPair::from_pkcs8(&k.idp.encryption_pkcs8).unwrap();
            let mut out = vec![0; key.public().modulus_len()];
            let padding: &'static dyn sig::RsaEncoding = if s == Sig::RsaPssSha256 {
                &sig::RSA_PSS_SHA256
            } else {
                &sig::RSA_PKCS1_SHA256
            };
            key.sign(padding, &rng, message, &mut out).unwrap();
            out
        }
        Sig::RsaSha1 => {
            let key = RsaPrivateKey::from_pkcs8_der(&k.idp.encryption_pkcs8).unwrap();
            let hash = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, message);
            // DigestInfo prefix of SHA-1 (RFC 8017 §9.2, note 1).
            let prefix: Box<[u8]> = Box::new([
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
                0x14,
            ]);
            let scheme = Pkcs1v15Sign {
                hash_len: Some(20),
                prefix,
            };
            key.sign(scheme, hash.as_ref()).unwrap()
        }
        Sig::None => unreachable!(),
    }
}

/// `<saml2:EncryptedAssertion>` holding `plaintext` encrypted for `sp` (XML Enc 1.1 §3–5).
pub fn encrypt(
    plaintext: &str,
    sp: &SpKeys,
    kt: KeyTransport,
    content: Content,
    beside: bool,
) -> String {
    let rng = SystemRandom::new();
    let key_len = if content == Content::Aes256Gcm {
        32
    } else {
        16
    };
    let mut key = vec![0u8; key_len];
    rng.fill(&mut key).unwrap();
    let mut iv = [0u8; 12];
    rng.fill(&mut iv).unwrap();
    let alg = if key_len == 32 {
        &aead::AES_256_GCM
    } else {
        &aead::AES_128_GCM
    };
    let sealing = LessSafeKey::new(UnboundKey::new(alg, &key).unwrap());
    let mut data = plaintext.as_bytes().to_vec();
    sealing
        .seal_in_place_append_tag(Nonce::assume_unique_for_key(iv), Aad::empty(), &mut data)
        .unwrap();
    let mut cipher = iv.to_vec();
    cipher.extend_from_slice(&data);

    let public = RsaPublicKey::from(&RsaPrivateKey::from_pkcs8_der(&sp.encryption_pkcs8).unwrap());
    let (method, wrapped) = match kt {
        KeyTransport::OaepMgf1p => (
            "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>".to_owned(),
            public.encrypt(&mut Rng, Oaep::new::<sha1::Sha1>(), &key).unwrap(),
        ),
        KeyTransport::OaepMgf1pSha256 => (
            "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\">\
             <ds:DigestMethod xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
             </xenc:EncryptionMethod>".to_owned(),
            public
                .encrypt(&mut Rng, Oaep::new_with_mgf_hash::<sha2::Sha256, sha1::Sha1>(), &key)
                .unwrap(),
        ),
        KeyTransport::Oaep11Sha256 => (
            "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\">\
             <ds:DigestMethod xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
             <xenc11:MGF xmlns:xenc11=\"http://www.w3.org/2009/xmlenc11#\" Algorithm=\"http://www.w3.org/2009/xmlenc11#mgf1sha256\"/>\
             </xenc:EncryptionMethod>".to_owned(),
            public
                .encrypt(&mut Rng, Oaep::new::<sha2::Sha256>(), &key)
                .unwrap(),
        ),
        KeyTransport::Rsa15 => (
            "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-1_5\"/>".to_owned(),
            public.encrypt(&mut Rng, Pkcs1v15Encrypt, &key).unwrap(),
        ),
    };
    let encrypted_key = format!(
        "<xenc:EncryptedKey xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">{method}\
         <xenc:CipherData><xenc:CipherValue>{}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>",
        B64.encode(wrapped)
    );
    let content_uri = match content {
        Content::Aes128Gcm => "http://www.w3.org/2009/xmlenc11#aes128-gcm",
        Content::Aes256Gcm => "http://www.w3.org/2009/xmlenc11#aes256-gcm",
        Content::Aes128Cbc => "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
    };
    let (inside, outside) = if beside {
        (String::new(), encrypted_key)
    } else {
        (
            format!(
                "<ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">{encrypted_key}</ds:KeyInfo>"
            ),
            String::new(),
        )
    };
    format!(
        "<saml2:EncryptedAssertion><xenc:EncryptedData xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\" \
         Type=\"http://www.w3.org/2001/04/xmlenc#Element\">\
         <xenc:EncryptionMethod Algorithm=\"{content_uri}\"/>{inside}\
         <xenc:CipherData><xenc:CipherValue>{}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>{outside}\
         </saml2:EncryptedAssertion>",
        B64.encode(cipher)
    )
}

/// Verifies with the default configuration, at `now()`, for a `substantial` request.
pub fn verify(b64: &str) -> Result<limen_saml::EidasIdentity, limen_saml::SamlError> {
    limen_saml::verify_response(
        &config(),
        &keys().sp,
        b64,
        REQUEST_ID,
        Loa::Substantial,
        now(),
    )
}
