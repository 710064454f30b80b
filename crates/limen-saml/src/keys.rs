//! Limen's own SAML keys, each with a self-signed X.509 certificate for the metadata's
//! `KeyDescriptor`s: as a service provider (FEDERATION.md §5.2) an ECDSA P-256 signing key and an
//! RSA-3072 encryption key ([`SpKeys`]); as an identity provider (SAML.md §11) one signing key,
//! RSA or ECDSA P-256, per [`IdpKey`].
//! Nobody validates a chain of these certificates: a node pins them from the metadata, so the
//! certificates are the minimal v3 structure of RFC 5280 §4.1 without extensions.
//!
//! The caller stores the keys sealed (key store); this module only makes and reads them.

use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{self as sig, EcdsaKeyPair, KeyPair, RsaKeyPair};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::rand_core::{CryptoRng, RngCore};
use rsa::{RsaPrivateKey, RsaPublicKey};

use crate::SamlError;
use crate::der;
use crate::dsig::Signer;

/// Size of the encryption key (FEDERATION.md §5.2).
pub const ENCRYPTION_KEY_BITS: usize = 3072;
/// How long a generated certificate says it is valid. Informational: pinning, not validity, is
/// what a node checks; rotation is the key store's decision.
const CERTIFICATE_DAYS: i64 = 5 * 365;
/// The same for the identity provider's keys (SAML.md §11: ten years, informational, SPs pin).
const IDP_CERTIFICATE_DAYS: i64 = 10 * 365;
/// Size of the identity provider's RSA signing key (SAML.md §11, `SAML-RSA`).
pub const IDP_RSA_BITS: usize = 3072;
/// The RSA sizes [`IdpKey::generate_rsa`] makes: ring signs with 2048 to 8192 bits; above 4096,
/// generation takes minutes for no gain a SAML SP asks for.
const IDP_RSA_BITS_RANGE: std::ops::RangeInclusive<usize> = 2048..=4096;

/// Limen's keys as a service provider.
#[derive(Clone)]
pub struct SpKeys {
    /// ECDSA P-256 private key, PKCS#8 DER (ring).
    pub signing_pkcs8: Vec<u8>,
    /// Self-signed X.509 certificate of the signing key.
    pub signing_cert_der: Vec<u8>,
    /// RSA-3072 private key, PKCS#8 DER.
    pub encryption_pkcs8: Vec<u8>,
    /// Self-signed X.509 certificate of the encryption key.
    pub encryption_cert_der: Vec<u8>,
}

impl std::fmt::Debug for SpKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpKeys").finish_non_exhaustive()
    }
}

impl SpKeys {
    /// New keys and certificates whose subject and issuer are `CN=common_name`.
    pub fn generate(common_name: &str) -> Result<SpKeys, SamlError> {
        let rng = SystemRandom::new();
        let now = time::OffsetDateTime::now_utc();

        let signing_pkcs8 =
            EcdsaKeyPair::generate_pkcs8(&sig::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
                .map_err(|_| SamlError::Key("ECDSA key generation failed".into()))?
                .as_ref()
                .to_vec();
        let signing_cert_der =
            self_signed_ecdsa(&signing_pkcs8, common_name, now, CERTIFICATE_DAYS, &rng)?;

        let mut rsa_rng = RingRng(rng.clone());
        let rsa_key = RsaPrivateKey::new(&mut rsa_rng, ENCRYPTION_KEY_BITS)
            .map_err(|e| SamlError::Key(format!("RSA key generation: {e}")))?;
        let encryption_pkcs8 = rsa_key
            .to_pkcs8_der()
            .map_err(|e| SamlError::Key(format!("RSA key encoding: {e}")))?
            .as_bytes()
            .to_vec();
        let encryption_cert_der =
            self_signed_rsa(&encryption_pkcs8, common_name, now, CERTIFICATE_DAYS, &rng)?;

        Ok(SpKeys {
            signing_pkcs8,
            signing_cert_der,
            encryption_pkcs8,
            encryption_cert_der,
        })
    }

    /// The signer of AuthnRequests and metadata (ECDSA P-256, SHA-256).
    pub fn signer(&self) -> Result<Signer, SamlError> {
        Signer::ecdsa_p256(&self.signing_pkcs8, Some(self.signing_cert_der.clone()))
    }

    /// The RSA key that unwraps content-encryption keys.
    pub fn decryption_key(&self) -> Result<RsaPrivateKey, SamlError> {
        RsaPrivateKey::from_pkcs8_der(&self.encryption_pkcs8)
            .map_err(|e| SamlError::Key(format!("RSA encryption key: {e}")))
    }
}

/// One signing key of Limen as an identity provider (SAML.md §11: `SAML-RSA` or `SAML-EC`), with
/// the self-signed certificate its metadata `KeyDescriptor use="signing"` publishes. The caller
/// seals `pkcs8` under the master key; this type only makes and uses it.
#[derive(Clone)]
pub struct IdpKey {
    /// The private key, PKCS#8 DER (RSA, or ECDSA P-256).
    pub pkcs8: Vec<u8>,
    /// Self-signed X.509 certificate of the key (DER), `CN=` the name given at generation.
    pub certificate_der: Vec<u8>,
}

impl std::fmt::Debug for IdpKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdpKey").finish_non_exhaustive()
    }
}

impl IdpKey {
    /// A new RSA key of `bits` (2048 to 4096; SAML.md §11 uses [`IDP_RSA_BITS`]) and its
    /// self-signed certificate (sha256WithRSAEncryption, ten years).
    pub fn generate_rsa(common_name: &str, bits: usize) -> Result<IdpKey, SamlError> {
        if !IDP_RSA_BITS_RANGE.contains(&bits) {
            return Err(SamlError::Key(format!(
                "RSA key of {bits} bits: 2048 to 4096 only"
            )));
        }
        let rng = SystemRandom::new();
        let key = RsaPrivateKey::new(&mut RingRng(rng.clone()), bits)
            .map_err(|e| SamlError::Key(format!("RSA key generation: {e}")))?;
        let pkcs8 = key
            .to_pkcs8_der()
            .map_err(|e| SamlError::Key(format!("RSA key encoding: {e}")))?
            .as_bytes()
            .to_vec();
        let now = time::OffsetDateTime::now_utc();
        let certificate_der =
            self_signed_rsa(&pkcs8, common_name, now, IDP_CERTIFICATE_DAYS, &rng)?;
        Ok(IdpKey {
            pkcs8,
            certificate_der,
        })
    }

    /// A new ECDSA P-256 key and its self-signed certificate (ecdsa-with-SHA256, ten years).
    pub fn generate_p256(common_name: &str) -> Result<IdpKey, SamlError> {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&sig::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| SamlError::Key("ECDSA key generation failed".into()))?
            .as_ref()
            .to_vec();
        let now = time::OffsetDateTime::now_utc();
        let certificate_der =
            self_signed_ecdsa(&pkcs8, common_name, now, IDP_CERTIFICATE_DAYS, &rng)?;
        Ok(IdpKey {
            pkcs8,
            certificate_der,
        })
    }

    /// The signer of this key, chosen by the certificate's key type (SAML.md §7.1): RSA
    /// PKCS#1 v1.5 with SHA-256 (`xmldsig-more#rsa-sha256`) or ECDSA P-256 with SHA-256
    /// (`xmldsig-more#ecdsa-sha256`); the certificate goes in each signature's `KeyInfo`.
    pub fn signer(&self) -> Result<Signer, SamlError> {
        match crate::dsig::PublicKey::from_certificate(&self.certificate_der)? {
            crate::dsig::PublicKey::Rsa(_) => Signer::rsa(
                &self.pkcs8,
                crate::dsig::SignatureAlgorithm::RsaSha256,
                Some(self.certificate_der.clone()),
            ),
            crate::dsig::PublicKey::EcP256(_) => {
                Signer::ecdsa_p256(&self.pkcs8, Some(self.certificate_der.clone()))
            }
            crate::dsig::PublicKey::EcP384(_) => Err(SamlError::Key(
                "an IdP key is RSA or ECDSA P-256, not P-384".into(),
            )),
        }
    }

    /// The key id SAML.md §11 keeps: the SHA-256 fingerprint of the certificate, lowercase hex.
    pub fn kid(&self) -> String {
        hex::encode(ring::digest::digest(
            &ring::digest::SHA256,
            &self.certificate_der,
        ))
    }
}

/// ring's system generator for the rsa crate (key generation, decryption blinding).
pub(crate) struct RingRng(pub(crate) SystemRandom);

impl RngCore for RingRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        // The operating system's generator does not fail once the process runs; if it ever
        // did, continuing with predictable bytes would be worse than stopping.
        if self.0.fill(dest).is_err() {
            panic!("the operating system's random generator failed");
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rsa::rand_core::Error> {
        self.0.fill(dest).map_err(|_| {
            rsa::rand_core::Error::new("the operating system's random generator failed")
        })
    }
}

impl CryptoRng for RingRng {}

// Object identifiers (RFC 5480 §2.1.1, RFC 5758 §3.2, RFC 8017 §A.2.4, X.520).
const OID_EC_PUBLIC_KEY: &[u64] = &[1, 2, 840, 10045, 2, 1];
const OID_P256: &[u64] = &[1, 2, 840, 10045, 3, 1, 7];
const OID_ECDSA_SHA256: &[u64] = &[1, 2, 840, 10045, 4, 3, 2];
const OID_SHA256_RSA: &[u64] = &[1, 2, 840, 113549, 1, 1, 11];
const OID_COMMON_NAME: &[u64] = &[2, 5, 4, 3];

pub(crate) fn self_signed_ecdsa(
    pkcs8: &[u8],
    common_name: &str,
    now: time::OffsetDateTime,
    days: i64,
    rng: &SystemRandom,
) -> Result<Vec<u8>, SamlError> {
    let key = EcdsaKeyPair::from_pkcs8(&sig::ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8, rng)
        .map_err(|e| SamlError::Key(format!("ECDSA key: {e}")))?;
    let spki = der::sequence(&[
        &der::sequence(&[&der::oid(OID_EC_PUBLIC_KEY), &der::oid(OID_P256)]),
        &der::bit_string(key.public_key().as_ref()),
    ]);
    // ECDSA signature algorithms have absent parameters (RFC 5758 §3.2).
    let algorithm = der::sequence(&[&der::oid(OID_ECDSA_SHA256)]);
    let tbs = tbs_certificate(&algorithm, &spki, common_name, now, days, rng)?;
    let signature = key
        .sign(rng, &tbs)
        .map_err(|_| SamlError::Key("certificate signing failed".into()))?;
    Ok(der::sequence(&[
        &tbs,
        &algorithm,
        &der::bit_string(signature.as_ref()),
    ]))
}

pub(crate) fn self_signed_rsa(
    pkcs8: &[u8],
    common_name: &str,
    now: time::OffsetDateTime,
    days: i64,
    rng: &SystemRandom,
) -> Result<Vec<u8>, SamlError> {
    let private = RsaPrivateKey::from_pkcs8_der(pkcs8)
        .map_err(|e| SamlError::Key(format!("RSA key: {e}")))?;
    let spki = RsaPublicKey::from(&private)
        .to_public_key_der()
        .map_err(|e| SamlError::Key(format!("RSA public key encoding: {e}")))?
        .as_bytes()
        .to_vec();
    // sha256WithRSAEncryption takes NULL parameters (RFC 8017 §A.2.4).
    let algorithm = der::sequence(&[&der::oid(OID_SHA256_RSA), &der::null()]);
    let tbs = tbs_certificate(&algorithm, &spki, common_name, now, days, rng)?;
    let signer =
        RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| SamlError::Key(format!("RSA key: {e}")))?;
    let mut signature = vec![0u8; signer.public().modulus_len()];
    signer
        .sign(&sig::RSA_PKCS1_SHA256, rng, &tbs, &mut signature)
        .map_err(|_| SamlError::Key("certificate signing failed".into()))?;
    Ok(der::sequence(&[
        &tbs,
        &algorithm,
        &der::bit_string(&signature),
    ]))
}

/// TBSCertificate (RFC 5280 §4.1.2): v3, a random positive serial, `CN=common_name` as issuer and
/// subject, valid from an hour ago (clock skew) for `days`.
fn tbs_certificate(
    algorithm: &[u8],
    spki: &[u8],
    common_name: &str,
    now: time::OffsetDateTime,
    days: i64,
    rng: &SystemRandom,
) -> Result<Vec<u8>, SamlError> {
    let mut serial = [0u8; 16];
    rng.fill(&mut serial)
        .map_err(|_| SamlError::Key("random generator failed".into()))?;
    serial[0] &= 0x7f; // positive (§4.1.2.2), at most 20 octets
    serial[0] |= 0x01; // and never zero-led, so its length is fixed
    let name = der::sequence(&[&der::set(&[&der::sequence(&[
        &der::oid(OID_COMMON_NAME),
        &der::utf8_string(common_name),
    ])])]);
    let validity = der::sequence(&[
        &der::time(now - time::Duration::hours(1)),
        &der::time(now + time::Duration::days(days)),
    ]);
    let version = der::explicit(0, &der::unsigned_integer(&[2]));
    Ok(der::sequence(&[
        &version,
        &der::unsigned_integer(&serial),
        algorithm,
        &name,
        &validity,
        &name,
        spki,
    ]))
}
