//! How a PSKC file protects its values (RFC 6030 §6): the encryption key (a pre-shared key
//! named by `ds:KeyName`, §6.1, or one derived from a password with PBKDF2, §6.2), the MAC key
//! it wraps (§6.1.1), and the AES-CBC decryption of each `EncryptedValue`, whose `ValueMAC` is
//! checked first.
//!
//! The key derivation and the MAC key's decryption happen once per file; each value then
//! costs one HMAC and a few AES blocks.

use std::num::NonZeroU32;

use aes::cipher::block_padding::NoPadding;
use aes::cipher::{BlockCipherDecrypt, BlockModeDecrypt, KeyInit, KeyIvInit};
use ring::{hmac, pbkdf2};
use zeroize::Zeroizing;

use super::xml::{Element, Ns, printable};
use super::{FileError, Protection, base64_value};
use crate::Secret;

/// Fewest PBKDF2 iterations accepted: RFC 6030's own example (§6.2) uses 1000, and anything
/// fewer is a password that an attacker tries as fast as the file is read.
pub const MIN_ITERATIONS: u32 = 1000;
/// Most PBKDF2 iterations accepted: about ten seconds of one core; more is a file that
/// would hold the importer up.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Longest `CipherValue` accepted, in bytes after base64: an IV and a 64-byte secret with its
/// padding need 96; a generous bound keeps hostile files from costing anything.
const MAX_CIPHERTEXT: usize = 1024;
/// Shortest MAC key accepted (HMAC keys shorter than 128 bits weaken the MAC, RFC 2104 §3).
const MIN_MAC_KEY: usize = 16;

const PBKDF2_URIS: [&str; 2] = [
    "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2",
    "http://www.w3.org/2009/xmlenc11#pbkdf2",
];

/// The AES-CBC variants of XML Encryption (RFC 6030 §6.1 requires AES-128-CBC; 192 and 256
/// are the same construction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aes {
    Cbc128,
    Cbc192,
    Cbc256,
}

impl Aes {
    fn of(uri: &str) -> Option<Self> {
        match uri {
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc" => Some(Self::Cbc128),
            "http://www.w3.org/2001/04/xmlenc#aes192-cbc" => Some(Self::Cbc192),
            "http://www.w3.org/2001/04/xmlenc#aes256-cbc" => Some(Self::Cbc256),
            _ => None,
        }
    }

    fn key_len(self) -> usize {
        match self {
            Self::Cbc128 => 16,
            Self::Cbc192 => 24,
            Self::Cbc256 => 32,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Cbc128 => "aes128-cbc",
            Self::Cbc192 => "aes192-cbc",
            Self::Cbc256 => "aes256-cbc",
        }
    }
}

/// An algorithm URI as people say it: the part after '#', made printable.
fn short_uri(uri: &str) -> String {
    printable(uri.rsplit('#').next().unwrap_or(uri), 80)
}

/// How many value MACs verified and how many did not, over a whole file: if none verifies,
/// the key is wrong (or everything was altered), which is one file-level answer rather than
/// one per package.
#[derive(Debug, Default)]
pub(super) struct MacTally {
    pub ok: usize,
    pub failed: usize,
}

/// The file's keys, once opened. `None`: the file has no such element. `Err`: why values
/// that need it cannot be read (reported for each package that has such values).
pub(super) struct Keys {
    encryption: Option<Result<Secret, String>>,
    mac: Option<Result<hmac::Key, String>>,
}

impl Keys {
    /// Opens the `EncryptionKey` and `MACMethod` of a `KeyContainer` with what the operator
    /// gave. A key that the file needs and was not given, a password that does not decrypt
    /// the MAC key, or bad derivation parameters refuse the whole file.
    pub fn open(container: &Element, protection: &Protection) -> Result<Self, FileError> {
        let encryption = match container
            .one(Ns::Pskc, "EncryptionKey")
            .map_err(FileError::NotPskc)?
        {
            None if matches!(protection, Protection::None) => None,
            // The operator expected a protected file; a plain one in its place is a
            // downgrade that nothing in the file can rule out.
            None => return Err(FileError::NotEncrypted),
            Some(ek) => Some(encryption_key(ek, protection)?),
        };
        let mac = match container
            .one(Ns::Pskc, "MACMethod")
            .map_err(FileError::NotPskc)?
        {
            None => None,
            Some(m) => Some(mac_key(m, encryption.as_ref())?),
        };
        Ok(Self { encryption, mac })
    }

    /// Whether the file encrypts its values (it has an `EncryptionKey`).
    pub fn encrypted(&self) -> bool {
        self.encryption.is_some()
    }

    /// The plaintext of an `EncryptedValue` (`what` names it in reasons): its `ValueMAC`
    /// (`mac`, the sibling element) is verified in constant time before anything is
    /// decrypted, so padding errors are only ever reported for authentic ciphertexts.
    pub fn decrypt(
        &self,
        value: &Element,
        mac: Option<&Element>,
        what: &str,
        tally: &mut MacTally,
    ) -> Result<Zeroizing<Vec<u8>>, String> {
        let (aes, data) = ciphertext(value, what)?;
        let key = match &self.encryption {
            None => {
                return Err(format!(
                    "the {what} is encrypted, but the file has no EncryptionKey"
                ));
            }
            Some(Err(reason)) => return Err(reason.clone()),
            Some(Ok(key)) => key,
        };
        let mac_key = match &self.mac {
            None => {
                return Err(format!(
                    "the {what} is encrypted without a MAC (the file has no MACMethod; RFC 6030 §6.1.1)"
                ));
            }
            Some(Err(reason)) => return Err(reason.clone()),
            Some(Ok(k)) => k,
        };
        let mac = mac.ok_or_else(|| format!("the {what} has no ValueMAC"))?;
        let tag = base64_value(&mac.text)
            .ok_or_else(|| format!("the ValueMAC of the {what} is not base64"))?;
        if hmac::verify(mac_key, &data, &tag).is_err() {
            tally.failed += 1;
            return Err(format!(
                "the MAC of the {what} does not verify (wrong password or key, or the file was altered)"
            ));
        }
        tally.ok += 1;
        decrypt(aes, key.expose(), &data).map_err(|e| match e {
            Undecryptable::KeyLength { have, need } => format!(
                "the {what} is encrypted with {}, which needs a {need}-byte key; the key is {have} bytes",
                aes.name()
            ),
            Undecryptable::Padding => format!("the {what} does not decrypt (bad padding)"),
        })
    }
}

fn encryption_key(
    ek: &Element,
    protection: &Protection,
) -> Result<Result<Secret, String>, FileError> {
    if let Some(derived) = ek
        .one(Ns::Xenc11, "DerivedKey")
        .map_err(FileError::Encryption)?
    {
        let Protection::Password(password) = protection else {
            return Err(FileError::KeyNeeded(
                "the file is encrypted with a key derived from a password (PBKDF2): a password is needed"
                    .to_owned(),
            ));
        };
        return pbkdf2_key(derived, password.expose())
            .map(Ok)
            .map_err(FileError::Encryption);
    }
    if ek
        .one(Ns::Ds, "X509Data")
        .map_err(FileError::Encryption)?
        .is_some()
    {
        return Ok(Err(
            "the file's values are encrypted to a certificate's public key (asymmetric key transport), which is not supported"
                .to_owned(),
        ));
    }
    if let Some(name) = ek.one(Ns::Ds, "KeyName").map_err(FileError::Encryption)? {
        let Protection::PreShared(key) = protection else {
            return Err(FileError::KeyNeeded(format!(
                "the file is encrypted with the pre-shared key named {:?}: that key is needed",
                printable(name.text.trim(), 64)
            )));
        };
        return Ok(Ok(key.clone()));
    }
    Ok(Err(
        "the file's EncryptionKey is of a kind that is not supported".to_owned(),
    ))
}

/// PBKDF2 (RFC 8018 §5.2) with the parameters of a `DerivedKey` (RFC 6030 §6.2): the salt,
/// iteration count and key length are required; the PRF defaults to HMAC-SHA-1.
fn pbkdf2_key(derived: &Element, password: &[u8]) -> Result<Secret, String> {
    let method = derived
        .one(Ns::Xenc11, "KeyDerivationMethod")?
        .ok_or("the DerivedKey has no KeyDerivationMethod")?;
    let algorithm = method.attr("Algorithm").unwrap_or_default();
    if !PBKDF2_URIS.contains(&algorithm) {
        return Err(format!(
            "the key derivation {} is not supported (PBKDF2 only)",
            short_uri(algorithm)
        ));
    }
    // The parameters' children are unqualified in RFC 6030's example (the PKCS #5 schema's
    // local elements), which puts them in the PSKC namespace when that is the default one;
    // XML Encryption 1.1 qualifies them.
    const PARAM_NS: [Ns; 4] = [Ns::None, Ns::Pskc, Ns::Pkcs5, Ns::Xenc11];
    let params = method
        .one_of(&[Ns::Pkcs5, Ns::Xenc11], "PBKDF2-params")?
        .ok_or("the KeyDerivationMethod has no PBKDF2-params")?;
    let salt = params
        .one_of(&PARAM_NS, "Salt")?
        .and_then(|s| s.one_of(&PARAM_NS, "Specified").ok().flatten())
        .ok_or("PBKDF2 needs a Salt/Specified")?;
    let salt = base64_value(&salt.text).ok_or("the PBKDF2 salt is not base64")?;
    if salt.is_empty() || salt.len() > 1024 {
        return Err("the PBKDF2 salt must be 1 to 1024 bytes".to_owned());
    }
    let number = |name: &str| -> Result<u32, String> {
        let el = params
            .one_of(&PARAM_NS, name)?
            .ok_or_else(|| format!("PBKDF2 needs an {name}"))?;
        el.text
            .trim()
            .parse()
            .map_err(|_| format!("the PBKDF2 {name} is not a number"))
    };
    let iterations = number("IterationCount")?;
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
        return Err(format!(
            "the PBKDF2 IterationCount {iterations} is outside {MIN_ITERATIONS} to {MAX_ITERATIONS}"
        ));
    }
    let key_length = number("KeyLength")?;
    if ![16, 24, 32].contains(&key_length) {
        return Err(format!(
            "the PBKDF2 KeyLength {key_length} is not an AES key length (16, 24 or 32)"
        ));
    }
    let prf = match params
        .one_of(&PARAM_NS, "PRF")?
        .and_then(|p| p.attr("Algorithm"))
    {
        None => pbkdf2::PBKDF2_HMAC_SHA1,
        Some(uri) => match hmac_of(uri, true) {
            Some(HmacKind::Sha1) => pbkdf2::PBKDF2_HMAC_SHA1,
            Some(HmacKind::Sha256) => pbkdf2::PBKDF2_HMAC_SHA256,
            Some(HmacKind::Sha512) => pbkdf2::PBKDF2_HMAC_SHA512,
            Some(HmacKind::Sha384) | None => {
                return Err(format!(
                    "the PBKDF2 PRF {} is not supported",
                    short_uri(uri)
                ));
            }
        },
    };
    let iterations = NonZeroU32::new(iterations).ok_or("the PBKDF2 IterationCount is 0")?;
    let mut key = vec![0u8; key_length as usize];
    pbkdf2::derive(prf, iterations, &salt, password, &mut key);
    Ok(Secret::new(key))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HmacKind {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

/// The HMAC URIs of XML Signature (RFC 6931 §2.2); `pkcs5` also admits the PKCS #5 schema's
/// own names for PBKDF2's PRF.
fn hmac_of(uri: &str, pkcs5: bool) -> Option<HmacKind> {
    let (base, fragment) = uri.split_once('#')?;
    let base_ok = match fragment {
        "hmac-sha1" => {
            base == "http://www.w3.org/2000/09/xmldsig"
                || (pkcs5 && base == "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0")
        }
        _ => base == "http://www.w3.org/2001/04/xmldsig-more",
    };
    if !base_ok {
        return None;
    }
    match fragment {
        "hmac-sha1" => Some(HmacKind::Sha1),
        "hmac-sha256" => Some(HmacKind::Sha256),
        "hmac-sha384" => Some(HmacKind::Sha384),
        "hmac-sha512" => Some(HmacKind::Sha512),
        _ => None,
    }
}

fn mac_key(
    method: &Element,
    encryption: Option<&Result<Secret, String>>,
) -> Result<Result<hmac::Key, String>, FileError> {
    let uri = method.attr("Algorithm").unwrap_or_default();
    let algorithm = match hmac_of(uri, false) {
        Some(HmacKind::Sha1) => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        Some(HmacKind::Sha256) => hmac::HMAC_SHA256,
        Some(HmacKind::Sha384) => hmac::HMAC_SHA384,
        Some(HmacKind::Sha512) => hmac::HMAC_SHA512,
        None => {
            return Ok(Err(format!(
                "the file's MAC algorithm {} is not supported",
                short_uri(uri)
            )));
        }
    };
    let Some(wrapped) = method
        .one(Ns::Pskc, "MACKey")
        .map_err(FileError::Encryption)?
    else {
        return Ok(Err("the file's MACMethod has no MACKey".to_owned()));
    };
    let key = match encryption {
        None => {
            return Ok(Err(
                "the file's MAC key is encrypted, but the file has no EncryptionKey".to_owned(),
            ));
        }
        Some(Err(reason)) => return Ok(Err(reason.clone())),
        Some(Ok(key)) => key,
    };
    let (aes, data) = ciphertext(wrapped, "MAC key").map_err(FileError::Encryption)?;
    let mac_key = decrypt(aes, key.expose(), &data).map_err(|e| match e {
        // Nothing authenticates the MAC key itself: a wrong key shows as bad padding
        // (255 times in 256), or else as value MACs that do not verify.
        Undecryptable::Padding => FileError::WrongKey,
        Undecryptable::KeyLength { have, need } => FileError::Encryption(format!(
            "the MAC key is encrypted with {}, which needs a {need}-byte key; the key given is {have} bytes",
            aes.name()
        )),
    })?;
    if mac_key.len() < MIN_MAC_KEY {
        return Err(FileError::Encryption(format!(
            "the MAC key is {} bytes; at least {MIN_MAC_KEY} are needed",
            mac_key.len()
        )));
    }
    Ok(Ok(hmac::Key::new(algorithm, &mac_key)))
}

/// The algorithm and `IV ‖ ciphertext` of an `EncryptedValue` or `MACKey` (XML Encryption's
/// `EncryptionMethod` and `CipherData/CipherValue`; RFC 6030 §6.1 puts the IV first).
fn ciphertext(encrypted: &Element, what: &str) -> Result<(Aes, Vec<u8>), String> {
    let method = encrypted
        .one(Ns::Xenc, "EncryptionMethod")?
        .ok_or_else(|| format!("the encrypted {what} has no EncryptionMethod"))?;
    let uri = method.attr("Algorithm").unwrap_or_default();
    let aes = Aes::of(uri).ok_or_else(|| {
        format!(
            "the {what} is encrypted with {}, which is not supported (AES-CBC only)",
            short_uri(uri)
        )
    })?;
    let data = encrypted
        .one(Ns::Xenc, "CipherData")?
        .ok_or_else(|| format!("the encrypted {what} has no CipherData"))?;
    let value = data.one(Ns::Xenc, "CipherValue")?.ok_or_else(|| {
        format!("the encrypted {what} has no CipherValue (references to values elsewhere are not supported)")
    })?;
    let bytes = base64_value(&value.text)
        .ok_or_else(|| format!("the CipherValue of the {what} is not base64"))?;
    if bytes.len() < 32 || !bytes.len().is_multiple_of(16) || bytes.len() > MAX_CIPHERTEXT {
        return Err(format!(
            "the CipherValue of the {what} is {} bytes, not an IV and whole AES blocks",
            bytes.len()
        ));
    }
    Ok((aes, bytes))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Undecryptable {
    KeyLength { have: usize, need: usize },
    Padding,
}

/// AES-CBC decryption of `IV ‖ ciphertext` (the caller checked it is 2 or more blocks), then
/// PKCS #7 unpadding, strictly: the last byte `n` is 1 to 16 and the last `n` bytes all equal
/// `n` (XML Encryption §5.2 allows arbitrary padding bytes, but RFC 6030's producers and every
/// tool pad with PKCS #7, and a strict check refuses more damaged data).
fn decrypt(aes: Aes, key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Undecryptable> {
    if key.len() != aes.key_len() {
        return Err(Undecryptable::KeyLength {
            have: key.len(),
            need: aes.key_len(),
        });
    }
    let (iv, ciphertext) = data.split_at(16);
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    let done = match aes {
        Aes::Cbc128 => cbc_decrypt::<aes::Aes128>(key, iv, &mut buf),
        Aes::Cbc192 => cbc_decrypt::<aes::Aes192>(key, iv, &mut buf),
        Aes::Cbc256 => cbc_decrypt::<aes::Aes256>(key, iv, &mut buf),
    };
    if !done {
        return Err(Undecryptable::Padding);
    }
    let n = buf.last().copied().unwrap_or(0);
    let pad = usize::from(n);
    if n == 0 || pad > 16 || pad > buf.len() || buf[buf.len() - pad..].iter().any(|&b| b != n) {
        return Err(Undecryptable::Padding);
    }
    let len = buf.len() - pad;
    buf.truncate(len);
    Ok(buf)
}

fn cbc_decrypt<C: BlockCipherDecrypt + KeyInit>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> bool {
    match cbc::Decryptor::<C>::new_from_slices(key, iv) {
        Ok(d) => d.decrypt_padded::<NoPadding>(buf).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
pub(super) mod testing {
    //! Encryption, for tests that build protected files, and the steps of decryption.
    use aes::cipher::block_padding::NoPadding;
    use aes::cipher::{BlockModeEncrypt, KeyIvInit};

    use super::{Element, Ns, Secret, ciphertext, decrypt, pbkdf2_key};

    /// The PBKDF2 key of a `DerivedKey`.
    pub fn pbkdf2(derived: &Element, password: &[u8]) -> Secret {
        pbkdf2_key(derived, password).unwrap()
    }

    /// The decrypted `MACKey` of a container, under `key`.
    pub fn mac_key(container: &Element, key: &[u8]) -> Vec<u8> {
        let method = container.one(Ns::Pskc, "MACMethod").unwrap().unwrap();
        let wrapped = method.one(Ns::Pskc, "MACKey").unwrap().unwrap();
        let (aes, data) = ciphertext(wrapped, "MAC key").unwrap();
        decrypt(aes, key, &data).unwrap().to_vec()
    }

    /// `IV ‖ AES-CBC(key, IV, plaintext ‖ padding)`, with `padding` as given (a test of bad
    /// padding passes its own) or PKCS #7 when `None`.
    pub fn encrypt(key: &[u8], iv: [u8; 16], plaintext: &[u8], padding: Option<&[u8]>) -> Vec<u8> {
        let mut buf = plaintext.to_vec();
        match padding {
            Some(p) => buf.extend_from_slice(p),
            None => {
                let n = 16 - plaintext.len() % 16;
                buf.extend(std::iter::repeat_n(n as u8, n));
            }
        }
        let len = buf.len();
        let out = match key.len() {
            16 => cbc::Encryptor::<aes::Aes128>::new_from_slices(key, &iv)
                .unwrap()
                .encrypt_padded::<NoPadding>(&mut buf, len)
                .unwrap()
                .to_vec(),
            24 => cbc::Encryptor::<aes::Aes192>::new_from_slices(key, &iv)
                .unwrap()
                .encrypt_padded::<NoPadding>(&mut buf, len)
                .unwrap()
                .to_vec(),
            _ => cbc::Encryptor::<aes::Aes256>::new_from_slices(key, &iv)
                .unwrap()
                .encrypt_padded::<NoPadding>(&mut buf, len)
                .unwrap()
                .to_vec(),
        };
        [iv.as_slice(), &out].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_is_checked_strictly() {
        let key = [7u8; 16];
        let iv = [1u8; 16];
        let ok = testing::encrypt(&key, iv, b"0123456789", None);
        assert_eq!(&**decrypt(Aes::Cbc128, &key, &ok).unwrap(), b"0123456789");
        let full = testing::encrypt(&key, iv, &[9u8; 16], None);
        assert_eq!(decrypt(Aes::Cbc128, &key, &full).unwrap().len(), 16);
        for bad in [
            [0u8; 6].as_slice(),
            &[5, 5, 5, 5, 5, 6],
            &[6, 6, 6, 6, 5, 6],
            &[17; 6],
        ] {
            let data = testing::encrypt(&key, iv, b"0123456789", Some(bad));
            assert_eq!(
                decrypt(Aes::Cbc128, &key, &data),
                Err(Undecryptable::Padding),
                "{bad:?}"
            );
        }
        assert_eq!(
            decrypt(Aes::Cbc256, &key, &ok),
            Err(Undecryptable::KeyLength { have: 16, need: 32 })
        );
        let key24 = [3u8; 24];
        let data = testing::encrypt(&key24, iv, b"abc", None);
        assert_eq!(&**decrypt(Aes::Cbc192, &key24, &data).unwrap(), b"abc");
    }

    #[test]
    fn hmac_uris() {
        assert_eq!(
            hmac_of("http://www.w3.org/2000/09/xmldsig#hmac-sha1", false),
            Some(HmacKind::Sha1)
        );
        assert_eq!(
            hmac_of("http://www.w3.org/2001/04/xmldsig-more#hmac-sha512", false),
            Some(HmacKind::Sha512)
        );
        assert_eq!(
            hmac_of(
                "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#hmac-sha1",
                true
            ),
            Some(HmacKind::Sha1)
        );
        assert_eq!(
            hmac_of(
                "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#hmac-sha1",
                false
            ),
            None
        );
        assert_eq!(
            hmac_of("http://www.w3.org/2000/09/xmldsig#hmac-sha256", false),
            None
        );
        assert_eq!(
            hmac_of("http://www.w3.org/2001/04/xmldsig-more#hmac-md5", false),
            None
        );
        assert_eq!(hmac_of("hmac-sha1", false), None);
    }
}
