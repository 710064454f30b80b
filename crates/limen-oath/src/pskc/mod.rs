//! The PSKC importer (RFC 6030): reads the key file a token vendor ships with a batch of
//! hardware tokens, and gives the tokens it can use and, one line each, why it refuses the
//! others. It never stores anything and never logs a secret.
//!
//! What it reads, strictly:
//! - The file: at most [`MAX_BYTES`] (checked before parsing), UTF-8, no DOCTYPE (so no
//!   entities and nothing external), elements nested at most 32 deep, a `KeyContainer` in
//!   the PSKC namespace with `Version="1.0"` (§4). Elements are matched by namespace and local
//!   name, whatever their prefixes. Anything wrong here refuses the whole file
//!   ([`FileError`]).
//! - Protection (§6): values encrypted with AES-CBC (128, 192 or 256) under a pre-shared key
//!   (`ds:KeyName`, §6.1) or a key derived from a password with PBKDF2 (§6.2), each checked
//!   against its `ValueMAC` (HMAC-SHA-1/256/384/512 under the file's `MACKey`, §6.1.1) before
//!   it is decrypted. An encrypted value without a MAC is refused: RFC 6030 requires the MAC
//!   with these CBC ciphers, which alone do not detect tampering. In an encrypted file a
//!   secret must be encrypted too. Plain files are legal PSKC and are read (the caller may
//!   warn); a password or key given for a file that turns out plain refuses it. PBKDF2 runs
//!   once per file, so a file of thousands of tokens costs one derivation.
//! - Each `KeyPackage` (§4): the device's `SerialNo` (required, and unique in the file),
//!   `Manufacturer` and `Model`; the `Key`'s `Id`, `Issuer`, `FriendlyName`, algorithm and its
//!   parameters, `Secret` (16 to 64 bytes: RFC 4226 §4 R6 asks for at least 128 bits), and
//!   `Counter`, `Time`, `TimeInterval`, `TimeDrift`. Algorithms: HOTP
//!   (`urn:ietf:params:xml:ns:keyprov:pskc:hotp`, §10.1), TOTP (`…pskc:totp`) and OCRA
//!   (`…pskc:ocra`, with its suite in `AlgorithmParameters/Suite`, §4.3.4), each also in the
//!   `…pskc#hotp` / `#totp` / `#OCRA-1[:suite]` spellings of the algorithm-profiles draft that
//!   vendors still write. A key `Policy` (§5) whose elements are not understood, whose
//!   `KeyUsage` excludes this use, or that wants the server to check a PIN refuses the key, as
//!   §5 requires. `StartDate` and `ExpiryDate` are read past (not enforced). XML signatures
//!   (`Signature`, §7) are not verified.
//!
//! Anything wrong with one package is a [`PackageError`] naming it (1-based index and serial)
//! and the reason; the other packages still import.

mod protect;
#[cfg(test)]
mod tests;
mod xml;

use std::collections::HashSet;

use base64::Engine as _;
use zeroize::Zeroizing;

pub use protect::{MAX_ITERATIONS, MIN_ITERATIONS};
pub use xml::MAX_DEPTH;

use crate::ocra::{QuestionFormat, Suite};
use crate::{Hash, Secret};
use protect::{Keys, MacTally};
use xml::{Element, Ns, is_unsafe_char, is_xml_space, printable};

/// Largest file accepted, in bytes (far above the few megabytes of a batch of 10 000 tokens).
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// Shortest and longest secrets accepted, in bytes (RFC 4226 §4 R6: at least 128 bits; 64
/// bytes is SHA-512's block and OCRA's longest test key).
pub const SECRET_LEN: std::ops::RangeInclusive<usize> = 16..=64;

/// What the operator gives to open a protected file: nothing, the password of a
/// PBKDF2-protected file (its bytes as given), or a pre-shared AES key (raw bytes).
#[derive(Debug)]
pub enum Protection {
    None,
    Password(Secret),
    PreShared(Secret),
}

/// One token that can be imported.
#[derive(Debug)]
pub struct Token {
    /// Where it was in the file: the key package's position (1-based), or the CSV line.
    pub index: usize,
    /// The device's serial number as written (trimmed); unique within the file.
    pub serial: String,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub issuer: Option<String>,
    /// The `Id` of the `Key`.
    pub key_id: String,
    pub friendly_name: Option<String>,
    pub kind: Kind,
    pub secret: Secret,
}

/// The algorithm of a token and its state.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `counter`: the next counter value the token will use.
    Hotp {
        hash: Hash,
        digits: u8,
        counter: u64,
    },
    /// `period`: seconds per step (`Data/TimeInterval`, default 30); `drift`: in steps
    /// (`Data/TimeDrift`, default 0); `t0`: Unix time of step 0, from `Data/Time` (default 0).
    /// RFC 6030 leaves `Time`'s meaning to the algorithm's profile; vendors write 0, and
    /// reading it as RFC 6238's `T0` gives the same tokens.
    Totp {
        hash: Hash,
        digits: u8,
        period: u64,
        t0: u64,
        drift: i64,
    },
    /// `suite`: an OCRA suite that [`Suite::parse`] accepts; `counter`: the next counter
    /// (0 and unused if the suite has none).
    Ocra { suite: String, counter: u64 },
}

/// Why a whole file is refused.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("the file is {size} bytes; at most {max} are read")]
    TooLarge { size: usize, max: usize },
    #[error("the file has a DOCTYPE, which is refused (entities, external references)")]
    Doctype,
    #[error("the file is not UTF-8")]
    NotUtf8,
    #[error("the file is not well-formed XML: {0}")]
    NotXml(String),
    #[error("the file nests elements more than {0} deep")]
    TooDeep(usize),
    #[error("the file is not a PSKC key container: {0}")]
    NotPskc(String),
    #[error("the file holds no tokens")]
    Empty,
    #[error("the file is PSKC version {0:?}; only 1.0 is read")]
    Version(String),
    #[error("{0}")]
    KeyNeeded(String),
    #[error("a password or key was given, but the file is not encrypted")]
    NotEncrypted,
    #[error("the password or key does not open this file (or the file was altered)")]
    WrongKey,
    #[error("the file's encryption cannot be used: {0}")]
    Encryption(String),
}

/// Why one key package is not imported: its 1-based position among the file's packages (or
/// the line, for CSV), its serial number if it has a readable one, and a one-line reason.
#[derive(Debug, thiserror::Error)]
#[error("key package {index} ({}): {reason}", serial.as_deref().unwrap_or("no serial number"))]
pub struct PackageError {
    pub index: usize,
    pub serial: Option<String>,
    pub reason: String,
}

/// What a file holds: the tokens to import, the packages refused, and the format's version
/// (the `KeyContainer`'s `Version` for PSKC, `"csv"` for CSV).
#[derive(Debug)]
pub struct Parsed {
    pub tokens: Vec<Token>,
    pub errors: Vec<PackageError>,
    pub version: String,
}

/// Reads a PSKC file. See the module documentation for what is accepted.
pub fn parse(xml: &[u8], protection: &Protection) -> Result<Parsed, FileError> {
    let text = checked_text(xml)?;
    if has_doctype(text.as_bytes()) {
        return Err(FileError::Doctype);
    }
    let root = xml::parse(text)?;
    if !root.is(Ns::Pskc, "KeyContainer") {
        return Err(FileError::NotPskc(format!(
            "the root element is {}, not a KeyContainer in the PSKC namespace",
            printable(&root.name, 40)
        )));
    }
    let version = root
        .attr("Version")
        .ok_or_else(|| FileError::NotPskc("the KeyContainer has no Version".to_owned()))?;
    if version != "1.0" {
        return Err(FileError::Version(printable(version, 20)));
    }
    let packages: Vec<&Element> = root.all(&[Ns::Pskc], "KeyPackage").collect();
    if packages.is_empty() {
        return Err(FileError::Empty);
    }
    let keys = Keys::open(&root, protection)?;

    let mut parsed = Parsed {
        tokens: Vec::new(),
        errors: Vec::new(),
        version: version.to_owned(),
    };
    let mut serials = HashSet::new();
    let mut tally = MacTally::default();
    for (i, package) in packages.into_iter().enumerate() {
        let index = i + 1;
        let serial = serial_of(package);
        let result = serial
            .clone()
            .and_then(|serial| token(package, serial, &keys, &mut tally));
        let refuse = |reason: String| PackageError {
            index,
            serial: serial.as_ref().ok().cloned(),
            reason,
        };
        match result {
            Ok(token) if !serials.insert(token.serial.clone()) => {
                parsed.errors.push(refuse(
                    "the serial number is the same as an earlier package's".to_owned(),
                ));
            }
            Ok(token) => parsed.tokens.push(Token { index, ..token }),
            Err(reason) => parsed.errors.push(refuse(reason)),
        }
    }
    if tally.failed > 0 && tally.ok == 0 {
        return Err(FileError::WrongKey);
    }
    Ok(parsed)
}

/// The size, UTF-8 and byte-order-mark checks every import starts with.
pub(crate) fn checked_text(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge {
            size: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)
}

/// Any `<!DOCTYPE`, in any case and anywhere: the parser refuses one where XML allows it, and
/// this refuses the file before parsing even if one hides elsewhere.
fn has_doctype(bytes: &[u8]) -> bool {
    bytes
        .windows(9)
        .any(|w| w[0] == b'<' && w[1..].eq_ignore_ascii_case(b"!DOCTYPE"))
}

/// Base64 as XML Schema's `base64Binary` writes it: white space anywhere is ignored.
pub(crate) fn base64_value(text: &str) -> Option<Vec<u8>> {
    let compact: Zeroizing<String> =
        Zeroizing::new(text.chars().filter(|c| !is_xml_space(*c)).collect());
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .ok()
}

/// Checks a text value for display and storage: trimmed, not empty, at most `max`
/// characters, no control or invisible reordering characters.
pub(crate) fn clean_text(raw: &str, what: &str, max: usize) -> Result<String, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(format!("the {what} is empty"));
    }
    if t.chars().count() > max {
        return Err(format!("the {what} is longer than {max} characters"));
    }
    if t.chars().any(is_unsafe_char) {
        return Err(format!("the {what} contains control characters"));
    }
    Ok(t.to_owned())
}

/// Longest serial number accepted (vendors' are 6 to 20 characters).
pub(crate) const MAX_SERIAL: usize = 64;
/// Longest other text accepted (issuer, model, names).
const MAX_TEXT: usize = 256;

fn serial_of(package: &Element) -> Result<String, String> {
    let serial = package
        .one(Ns::Pskc, "DeviceInfo")?
        .map(|d| d.one(Ns::Pskc, "SerialNo"))
        .transpose()?
        .flatten()
        .ok_or("the package has no DeviceInfo/SerialNo")?;
    clean_text(&serial.text, "serial number", MAX_SERIAL)
}

/// An optional text child: absent or empty is `None`.
fn optional_text(
    parent: Option<&Element>,
    name: &str,
    what: &str,
) -> Result<Option<String>, String> {
    let Some(el) = parent.map(|p| p.one(Ns::Pskc, name)).transpose()?.flatten() else {
        return Ok(None);
    };
    if el.text.trim().is_empty() {
        return Ok(None);
    }
    clean_text(&el.text, what, MAX_TEXT).map(Some)
}

/// The algorithms a key may have, from its `Algorithm` URI.
enum Algorithm {
    Hotp,
    Totp,
    /// With the suite when the URI carries it (`…pskc#OCRA-1:HOTP-SHA1-6:QN08`).
    Ocra(Option<String>),
}

fn algorithm_of(uri: &str) -> Option<Algorithm> {
    const URN: &str = "urn:ietf:params:xml:ns:keyprov:pskc";
    let head = uri.get(..URN.len())?;
    if !head.eq_ignore_ascii_case(URN) {
        return None;
    }
    let rest = &uri[URN.len()..];
    let lower = rest.to_ascii_lowercase();
    match lower.as_str() {
        ":hotp" | "#hotp" => Some(Algorithm::Hotp),
        ":totp" | "#totp" => Some(Algorithm::Totp),
        ":ocra" | "#ocra-1" => Some(Algorithm::Ocra(None)),
        _ if lower.starts_with("#ocra-1:") => Some(Algorithm::Ocra(Some(rest[1..].to_owned()))),
        _ => None,
    }
}

/// The hash named by a HOTP or TOTP key's `AlgorithmParameters/Suite`: `HMAC-SHA256`,
/// `HMAC-SHA-256`, `SHA256` and the like.
fn hash_of_suite(suite: &str) -> Option<Hash> {
    let s = suite.trim();
    let s = match s.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("HMAC-") => &s[5..],
        _ => s,
    };
    Hash::parse(&s.replace('-', ""))
}

fn token(
    package: &Element,
    serial: String,
    keys: &Keys,
    tally: &mut MacTally,
) -> Result<Token, String> {
    let device = package.one(Ns::Pskc, "DeviceInfo")?;
    let manufacturer = optional_text(device, "Manufacturer", "manufacturer")?;
    let model = optional_text(device, "Model", "model")?;
    let key = package
        .one(Ns::Pskc, "Key")?
        .ok_or("the package has no Key")?;
    let key_id = clean_text(
        key.attr("Id").ok_or("the Key has no Id")?,
        "key Id",
        MAX_TEXT,
    )?;
    let uri = key.attr("Algorithm").ok_or("the Key has no Algorithm")?;
    let algorithm = algorithm_of(uri)
        .ok_or_else(|| format!("the algorithm {} is not supported", printable(uri, 100)))?;
    let issuer = optional_text(Some(key), "Issuer", "issuer")?;
    let friendly_name = optional_text(Some(key), "FriendlyName", "friendly name")?;
    check_policy(key, &algorithm)?;

    let data = key
        .one(Ns::Pskc, "Data")?
        .ok_or("the Key has no Data (keys held by reference are not supported)")?;
    let mut values = Values { keys, tally };
    let secret_el = data
        .one(Ns::Pskc, "Secret")?
        .ok_or("the Key has no Secret (keys held by reference are not supported)")?;
    let secret = values.secret(secret_el)?;
    if !SECRET_LEN.contains(&secret.len()) {
        return Err(format!(
            "the secret is {} bytes; 16 to 64 are accepted (RFC 4226 asks for at least 128 bits)",
            secret.len()
        ));
    }
    let params = key.one(Ns::Pskc, "AlgorithmParameters")?;
    let suite_text = params
        .map(|p| p.one(Ns::Pskc, "Suite"))
        .transpose()?
        .flatten()
        .map(|s| s.text.trim().to_owned())
        .filter(|s| !s.is_empty());
    let response = params
        .map(|p| p.one(Ns::Pskc, "ResponseFormat"))
        .transpose()?
        .flatten();
    let counter = values.unsigned(data, "Counter", "counter")?.unwrap_or(0);

    let kind = match algorithm {
        Algorithm::Hotp | Algorithm::Totp => {
            let hash = match &suite_text {
                None => Hash::Sha1,
                Some(s) => hash_of_suite(s)
                    .ok_or_else(|| format!("the hash {:?} is not supported", printable(s, 40)))?,
            };
            let digits = otp_digits(response)?;
            if matches!(algorithm, Algorithm::Hotp) {
                Kind::Hotp {
                    hash,
                    digits,
                    counter,
                }
            } else {
                let t0 = values.unsigned(data, "Time", "time")?.unwrap_or(0);
                let period = values
                    .unsigned(data, "TimeInterval", "time interval")?
                    .unwrap_or(30);
                if !(1..=3600).contains(&period) {
                    return Err(format!("the time interval {period} s is outside 1 to 3600"));
                }
                let drift = values.signed(data, "TimeDrift", "time drift")?.unwrap_or(0);
                Kind::Totp {
                    hash,
                    digits,
                    period,
                    t0,
                    drift,
                }
            }
        }
        Algorithm::Ocra(in_uri) => {
            let suite = match (in_uri, suite_text) {
                (Some(a), Some(b)) if a != b => {
                    return Err(
                        "the OCRA suite of the algorithm URI and of the Suite differ".to_owned(),
                    );
                }
                (Some(s), _) | (None, Some(s)) => s,
                (None, None) => return Err("the OCRA key has no Suite".to_owned()),
            };
            let parsed = Suite::parse(&suite)
                .map_err(|_| format!("the OCRA suite {:?} is malformed", printable(&suite, 80)))?;
            check_ocra_formats(&parsed, params, response)?;
            Kind::Ocra {
                counter: if parsed.has_counter() { counter } else { 0 },
                suite,
            }
        }
    };
    Ok(Token {
        index: 0,
        serial,
        manufacturer,
        model,
        issuer,
        key_id,
        friendly_name,
        kind,
        secret,
    })
}

/// A HOTP or TOTP code length from `ResponseFormat` (§4.3.4): decimal, 6 to 10 digits,
/// without a check digit; 6 when absent (RFC 4226's default).
fn otp_digits(response: Option<&Element>) -> Result<u8, String> {
    let Some(format) = response else {
        return Ok(6);
    };
    let encoding = format.attr("Encoding").unwrap_or_default();
    if encoding != "DECIMAL" {
        return Err(format!(
            "the response encoding {:?} is not supported (DECIMAL only)",
            printable(encoding, 20)
        ));
    }
    if format.attr("CheckDigits") == Some("true") || format.attr("CheckDigits") == Some("1") {
        return Err("responses with a check digit are not supported".to_owned());
    }
    let length = format.attr("Length").unwrap_or_default();
    length
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|d| crate::hotp::DIGITS.contains(d))
        .ok_or_else(|| {
            format!(
                "the response length {:?} is not 6 to 10 digits",
                printable(length, 20)
            )
        })
}

/// An OCRA key's `ResponseFormat` and `ChallengeFormat`, when given, must say what its suite
/// says.
fn check_ocra_formats(
    suite: &Suite,
    params: Option<&Element>,
    response: Option<&Element>,
) -> Result<(), String> {
    if let Some(format) = response.filter(|_| suite.digits() > 0) {
        let length = format.attr("Length").map(str::trim);
        if length != Some(suite.digits().to_string().as_str())
            || format.attr("Encoding") != Some("DECIMAL")
        {
            return Err("the ResponseFormat does not match the OCRA suite".to_owned());
        }
    }
    let challenge = params
        .map(|p| p.one(Ns::Pskc, "ChallengeFormat"))
        .transpose()?
        .flatten();
    if let Some(format) = challenge {
        let expected = match suite.question_format() {
            QuestionFormat::Numeric => "DECIMAL",
            QuestionFormat::Hex => "HEXADECIMAL",
            QuestionFormat::Alphanumeric => "ALPHANUMERIC",
        };
        if format.attr("Encoding") != Some(expected) {
            return Err("the ChallengeFormat does not match the OCRA suite".to_owned());
        }
    }
    Ok(())
}

/// RFC 6030 §5: a key whose policy the recipient does not understand must not be used; a
/// `KeyUsage` list must include this key's use (`OTP` for HOTP and TOTP, `CR` for OCRA); a
/// PIN checked anywhere but on the device (`PINUsageMode` other than `Local`) is the server's
/// to check, which this server does not do for tokens.
fn check_policy(key: &Element, algorithm: &Algorithm) -> Result<(), String> {
    let Some(policy) = key.one(Ns::Pskc, "Policy")? else {
        return Ok(());
    };
    let mut usages = Vec::new();
    for child in &policy.children {
        match (child.ns, child.name.as_str()) {
            (Ns::Pskc, "StartDate" | "ExpiryDate") => {}
            (Ns::Pskc, "KeyUsage") => usages.push(child.text.trim()),
            (Ns::Pskc, "PINPolicy") => {
                let mode = child.attr("PINUsageMode").unwrap_or_default();
                if mode != "Local" {
                    return Err(format!(
                        "the PIN usage mode {:?} is not supported (only PINs checked by the token)",
                        printable(mode, 20)
                    ));
                }
            }
            _ => {
                return Err(format!(
                    "the key policy element {} is not understood, so the key must not be used (RFC 6030 §5)",
                    printable(&child.name, 40)
                ));
            }
        }
    }
    let needed = match algorithm {
        Algorithm::Hotp | Algorithm::Totp => "OTP",
        Algorithm::Ocra(_) => "CR",
    };
    if !usages.is_empty() && !usages.contains(&needed) {
        return Err(format!("the key policy does not allow the use {needed}"));
    }
    Ok(())
}

/// Reads the values of a `Data` element, plain or encrypted, counting MAC checks.
struct Values<'a> {
    keys: &'a Keys,
    tally: &'a mut MacTally,
}

enum Raw<'a> {
    Plain(&'a str),
    Decrypted(Zeroizing<Vec<u8>>),
}

impl Values<'_> {
    fn raw<'e>(&mut self, holder: &'e Element, what: &str) -> Result<Raw<'e>, String> {
        let plain = holder.one(Ns::Pskc, "PlainValue")?;
        let encrypted = holder.one(Ns::Pskc, "EncryptedValue")?;
        match (plain, encrypted) {
            (Some(p), None) => Ok(Raw::Plain(&p.text)),
            (None, Some(e)) => {
                let mac = holder.one(Ns::Pskc, "ValueMAC")?;
                self.keys
                    .decrypt(e, mac, what, self.tally)
                    .map(Raw::Decrypted)
            }
            (None, None) => Err(format!("the {what} has no value")),
            (Some(_), Some(_)) => Err(format!("the {what} is both plain and encrypted")),
        }
    }

    fn secret(&mut self, holder: &Element) -> Result<Secret, String> {
        match self.raw(holder, "secret")? {
            Raw::Plain(_) if self.keys.encrypted() => {
                Err("the secret is not encrypted, though the file is".to_owned())
            }
            Raw::Plain(text) => base64_value(text)
                .map(Secret::new)
                .ok_or_else(|| "the secret is not base64".to_owned()),
            Raw::Decrypted(mut bytes) => Ok(Secret::new(std::mem::take(&mut *bytes))),
        }
    }

    /// An integer value (`Counter`, `Time`, ...): decimal text when plain; when encrypted,
    /// the plaintext is its decimal text or its big-endian binary form (vendors write both).
    fn integer(&mut self, data: &Element, name: &str, what: &str) -> Result<Option<i128>, String> {
        let Some(holder) = data.one(Ns::Pskc, name)? else {
            return Ok(None);
        };
        let bad = || format!("the {what} is not an integer");
        let value = match self.raw(holder, what)? {
            Raw::Plain(text) => decimal(text.trim()).ok_or_else(bad)?,
            Raw::Decrypted(bytes) => match std::str::from_utf8(&bytes).ok().and_then(decimal) {
                Some(v) => v,
                None if (1..=8).contains(&bytes.len()) => {
                    let mut be = [0u8; 8];
                    be[8 - bytes.len()..].copy_from_slice(&bytes);
                    i128::from(u64::from_be_bytes(be))
                }
                None => return Err(bad()),
            },
        };
        Ok(Some(value))
    }

    fn unsigned(&mut self, data: &Element, name: &str, what: &str) -> Result<Option<u64>, String> {
        self.integer(data, name, what)?
            .map(|v| u64::try_from(v).map_err(|_| format!("the {what} is out of range")))
            .transpose()
    }

    fn signed(&mut self, data: &Element, name: &str, what: &str) -> Result<Option<i64>, String> {
        self.integer(data, name, what)?
            .map(|v| i64::try_from(v).map_err(|_| format!("the {what} is out of range")))
            .transpose()
    }
}

/// An `xs:integer` literal of at most 20 digits, with an optional sign.
fn decimal(s: &str) -> Option<i128> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn algorithm_uris() {
        let is = |uri: &str| match algorithm_of(uri) {
            Some(Algorithm::Hotp) => "hotp".to_owned(),
            Some(Algorithm::Totp) => "totp".to_owned(),
            Some(Algorithm::Ocra(s)) => format!("ocra {s:?}"),
            None => "none".to_owned(),
        };
        assert_eq!(is("urn:ietf:params:xml:ns:keyprov:pskc:hotp"), "hotp");
        assert_eq!(is("urn:ietf:params:xml:ns:keyprov:pskc#hotp"), "hotp");
        assert_eq!(is("urn:ietf:params:xml:ns:keyprov:pskc:totp"), "totp");
        assert_eq!(is("urn:ietf:params:xml:ns:keyprov:pskc#totp"), "totp");
        assert_eq!(is("URN:IETF:params:xml:ns:keyprov:pskc:HOTP"), "hotp");
        assert_eq!(is("urn:ietf:params:xml:ns:keyprov:pskc:ocra"), "ocra None");
        assert_eq!(
            is("urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1"),
            "ocra None"
        );
        assert_eq!(
            is("urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1:HOTP-SHA512-8:C-QN08"),
            "ocra Some(\"OCRA-1:HOTP-SHA512-8:C-QN08\")"
        );
        for other in [
            "urn:ietf:params:xml:ns:keyprov:pskc:pin",
            "urn:ietf:params:xml:ns:keyprov:pskc:hotpx",
            "urn:ietf:params:xml:ns:keyprov:pskc",
            "http://www.yubico.com/#yubikey-aes",
            "hotp",
            "",
            "urn:ietf:params:xml:ns:keyprov:pskc:\u{e9}",
        ] {
            assert_eq!(is(other), "none", "{other}");
        }
    }

    #[test]
    fn suite_hash_names() {
        for (s, h) in [
            ("HMAC-SHA1", Hash::Sha1),
            ("HMAC-SHA-256", Hash::Sha256),
            ("hmac-sha512", Hash::Sha512),
            ("SHA256", Hash::Sha256),
            (" SHA-1 ", Hash::Sha1),
        ] {
            assert_eq!(hash_of_suite(s), Some(h), "{s}");
        }
        for bad in ["", "HMAC-", "HMAC-MD5", "SHA384", "HMAC-SHA1-6"] {
            assert_eq!(hash_of_suite(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal("0"), Some(0));
        assert_eq!(decimal("-4"), Some(-4));
        assert_eq!(decimal("+4"), Some(4));
        assert_eq!(decimal("18446744073709551615"), Some(i128::from(u64::MAX)));
        for bad in ["", "-", "1.5", "0x10", "1 2", "123456789012345678901", "٣"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn doctype_is_found_anywhere_in_any_case() {
        assert!(has_doctype(b"<!DOCTYPE a>"));
        assert!(has_doctype(b"<a><![CDATA[<!doctype]]></a>"));
        assert!(!has_doctype(b"<a>DOCTYPE</a>"));
        assert!(!has_doctype(b"<!DOCTYP"));
    }

    #[test]
    fn text_values_are_cleaned() {
        assert_eq!(clean_text("  12 34 \n", "serial", 10).unwrap(), "12 34");
        assert!(clean_text("   ", "serial", 10).is_err());
        assert!(clean_text("12345678901", "serial", 10).is_err());
        assert!(clean_text("12\u{7}3", "serial", 10).is_err());
        assert!(clean_text("12\u{202e}3", "serial", 10).is_err());
    }
}
