//! The RFC 6030 figures, and hostile or broken files made from them or built here.

use base64::Engine as _;
use ring::hmac;

use super::protect::testing::encrypt;
use super::*;
use crate::hotp;

const FIGURE2: &str = include_str!("../../tests/pskc/rfc6030-figure2.xml");
const FIGURE3: &str = include_str!("../../tests/pskc/rfc6030-figure3.xml");
const FIGURE4: &str = include_str!("../../tests/pskc/rfc6030-figure4.xml");
const FIGURE5: &str = include_str!("../../tests/pskc/rfc6030-figure5.xml");
const FIGURE6: &str = include_str!("../../tests/pskc/rfc6030-figure6.xml");
const FIGURE7: &str = include_str!("../../tests/pskc/rfc6030-figure7.xml");
const FIGURE8: &str = include_str!("../../tests/pskc/rfc6030-figure8.xml");
const FIGURE9: &str = include_str!("../../tests/pskc/rfc6030-figure9.xml");
const FIGURE10: &str = include_str!("../../tests/pskc/rfc6030-figure10.xml");

/// The secret of figures 3 to 10: ASCII "12345678901234567890".
const RFC_SECRET: &str = "3132333435363738393031323334353637383930";
/// Figure 6's pre-shared key and MAC key.
const PSK: &str = "12345678901234567890123456789012";
const MAC_KEY: &str = "1122334455667788990011223344556677889900";

fn pre_shared(key_hex: &str) -> Protection {
    Protection::PreShared(Secret::new(hex::decode(key_hex).unwrap()))
}

fn password(p: &str) -> Protection {
    Protection::Password(Secret::new(p.as_bytes().to_vec()))
}

fn read(xml: &str, protection: &Protection) -> Parsed {
    parse(xml.as_bytes(), protection).unwrap()
}

fn only_token(parsed: &Parsed) -> &Token {
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.tokens.len(), 1);
    &parsed.tokens[0]
}

fn only_error(parsed: Parsed) -> PackageError {
    assert!(parsed.tokens.is_empty(), "{:?}", parsed.tokens);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    parsed.errors.into_iter().next().unwrap()
}

// ---------------------------------------------------------------------------------------------
// The figures
// ---------------------------------------------------------------------------------------------

#[test]
fn figure_2_minimal_has_no_serial_number() {
    // The minimal container names no device: nothing to import it as.
    let parsed = read(FIGURE2, &Protection::None);
    assert_eq!(parsed.version, "1.0");
    let e = only_error(parsed);
    assert_eq!((e.index, e.serial.as_deref()), (1, None));
    assert_eq!(e.reason, "the package has no DeviceInfo/SerialNo");
    assert_eq!(
        e.to_string(),
        "key package 1 (no serial number): the package has no DeviceInfo/SerialNo"
    );
    // With a serial number, its 4-byte secret is still too short.
    let with_serial = FIGURE2.replace(
        "<KeyPackage>",
        "<KeyPackage><DeviceInfo><SerialNo>1</SerialNo></DeviceInfo>",
    );
    let e = only_error(read(&with_serial, &Protection::None)).reason;
    assert_eq!(
        e,
        "the secret is 4 bytes; 16 to 64 are accepted (RFC 4226 asks for at least 128 bits)"
    );
}

#[test]
fn figure_3_plain_hotp_key() {
    let parsed = read(FIGURE3, &Protection::None);
    let t = only_token(&parsed);
    assert_eq!(t.serial, "987654321");
    assert_eq!(t.manufacturer.as_deref(), Some("Manufacturer"));
    assert_eq!(t.model, None);
    assert_eq!(t.issuer.as_deref(), Some("Issuer"));
    assert_eq!(t.key_id, "12345678");
    assert_eq!(t.friendly_name, None);
    assert_eq!(
        t.kind,
        Kind::Hotp {
            hash: Hash::Sha1,
            digits: 8,
            counter: 0
        }
    );
    assert_eq!(hex::encode(t.secret.expose()), RFC_SECRET);
    // The secret is RFC 4226's: its first code is Appendix D's, at 8 digits.
    assert_eq!(
        hotp::hotp(t.secret.expose(), Hash::Sha1, 0, 8).unwrap(),
        "84755224"
    );
    assert_eq!(format!("{t:?}").matches("Secret(20 bytes)").count(), 1);
    assert!(!format!("{t:?}").contains("49, 50"));
}

#[test]
fn figure_4_key_by_reference_is_refused() {
    let e = only_error(read(FIGURE4, &Protection::None));
    assert_eq!(e.serial.as_deref(), Some("987654321"));
    assert_eq!(
        e.reason,
        "the Key has no Secret (keys held by reference are not supported)"
    );
}

#[test]
fn figure_5_pin_policy_local_is_fine_and_the_pin_key_is_refused() {
    let parsed = read(FIGURE5, &Protection::None);
    assert_eq!(parsed.tokens.len(), 1);
    assert_eq!(parsed.tokens[0].key_id, "12345678");
    assert_eq!(parsed.errors.len(), 1);
    let e = &parsed.errors[0];
    assert_eq!((e.index, e.serial.as_deref()), (2, Some("987654321")));
    assert_eq!(
        e.reason,
        "the algorithm urn:ietf:params:xml:ns:keyprov:pskc:pin is not supported"
    );
}

#[test]
fn figure_6_pre_shared_aes_key() {
    let parsed = read(FIGURE6, &pre_shared(PSK));
    let t = only_token(&parsed);
    assert_eq!(hex::encode(t.secret.expose()), RFC_SECRET);
    assert_eq!(
        t.kind,
        Kind::Hotp {
            hash: Hash::Sha1,
            digits: 8,
            counter: 0
        }
    );
    assert_eq!(
        (t.serial.as_str(), t.key_id.as_str()),
        ("987654321", "12345678")
    );
}

#[test]
fn figure_6_needs_its_key() {
    let needs = |p: &Protection| match parse(FIGURE6.as_bytes(), p) {
        Err(FileError::KeyNeeded(m)) => m,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        needs(&Protection::None),
        "the file is encrypted with the pre-shared key named \"Pre-shared-key\": that key is needed"
    );
    needs(&password("qwerty"));
    // A wrong key of the right length does not decrypt the MAC key.
    assert!(matches!(
        parse(
            FIGURE6.as_bytes(),
            &pre_shared("12345678901234567890123456789013")
        ),
        Err(FileError::WrongKey)
    ));
    // A key of the wrong length for the MAC key's AES-128.
    match parse(FIGURE6.as_bytes(), &pre_shared(&PSK.repeat(2))) {
        Err(FileError::Encryption(m)) => assert!(m.contains("needs a 16-byte key"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn figure_7_pbkdf2_password() {
    let parsed = read(FIGURE7, &password("qwerty"));
    let t = only_token(&parsed);
    assert_eq!(hex::encode(t.secret.expose()), RFC_SECRET);
    assert_eq!(t.serial, "987654321");
    assert_eq!(t.key_id, "123456");
    assert_eq!(t.issuer.as_deref(), Some("Example-Issuer"));
    assert_eq!(t.manufacturer.as_deref(), Some("TokenVendorAcme"));
    // No Counter in the figure: a new HOTP token starts at 0.
    assert_eq!(
        t.kind,
        Kind::Hotp {
            hash: Hash::Sha1,
            digits: 8,
            counter: 0
        }
    );
}

#[test]
fn figure_7_wrong_or_missing_password() {
    for wrong in ["qwertz", "", "QWERTY", "qwerty\n"] {
        assert!(
            matches!(
                parse(FIGURE7.as_bytes(), &password(wrong)),
                Err(FileError::WrongKey)
            ),
            "{wrong:?}"
        );
    }
    assert!(matches!(
        parse(FIGURE7.as_bytes(), &Protection::None),
        Err(FileError::KeyNeeded(m)) if m.contains("PBKDF2")
    ));
    assert!(matches!(
        parse(FIGURE7.as_bytes(), &pre_shared(PSK)),
        Err(FileError::KeyNeeded(_))
    ));
}

#[test]
fn figures_6_and_7_intermediate_keys() {
    // The keys the RFC's text gives: figure 7's derived key, and both MAC keys.
    let root = xml::parse(FIGURE7).unwrap();
    let ek = root.one(Ns::Pskc, "EncryptionKey").unwrap().unwrap();
    let derived = ek.one(Ns::Xenc11, "DerivedKey").unwrap().unwrap();
    let key = protect::testing::pbkdf2(derived, b"qwerty");
    assert_eq!(
        hex::encode(key.expose()),
        "651e63cd57008476af1ff6422cd02e41"
    );
    assert_eq!(
        hex::encode(protect::testing::mac_key(&root, key.expose())),
        "bdaab8d648e850d25a3289364f7d7eaaf53ce581"
    );
    let root6 = xml::parse(FIGURE6).unwrap();
    assert_eq!(
        hex::encode(protect::testing::mac_key(
            &root6,
            &hex::decode(PSK).unwrap()
        )),
        MAC_KEY
    );
}

#[test]
fn figure_8_asymmetric_encryption_is_refused_per_package() {
    let e = only_error(read(FIGURE8, &Protection::None));
    assert_eq!(e.serial.as_deref(), Some("987654321"));
    assert_eq!(
        e.reason,
        "the secret is encrypted with rsa_1_5, which is not supported (AES-CBC only)"
    );
}

#[test]
fn figure_9_signature_is_read_past() {
    let parsed = read(FIGURE9, &Protection::None);
    let t = only_token(&parsed);
    // Serial numbers are text: the leading zero stays.
    assert_eq!(t.serial, "0755225266");
    assert_eq!(
        t.kind,
        Kind::Hotp {
            hash: Hash::Sha1,
            digits: 6,
            counter: 0
        }
    );
}

#[test]
fn figure_10_bulk_with_a_duplicate_serial() {
    let parsed = read(FIGURE10, &Protection::None);
    let serials: Vec<&str> = parsed.tokens.iter().map(|t| t.serial.as_str()).collect();
    assert_eq!(serials, ["654321", "123456", "9999999"]);
    assert!(
        parsed
            .tokens
            .iter()
            .all(|t| hex::encode(t.secret.expose()) == RFC_SECRET)
    );
    let e = &parsed.errors[..];
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].index, e[0].serial.as_deref()), (4, Some("9999999")));
    assert_eq!(
        e[0].reason,
        "the serial number is the same as an earlier package's"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile and broken files
// ---------------------------------------------------------------------------------------------

#[test]
fn oversized_file_is_refused_before_parsing() {
    // 33 MiB of something that would be slow to parse if it were parsed.
    let mut big = b"<KeyContainer>".to_vec();
    big.resize(33 * 1024 * 1024, b'<');
    match parse(&big, &Protection::None) {
        Err(FileError::TooLarge { size, max }) => {
            assert_eq!((size, max), (33 * 1024 * 1024, MAX_BYTES));
        }
        other => panic!("{other:?}"),
    }
    let mut exact = FIGURE3.as_bytes().to_vec();
    exact.resize(MAX_BYTES, b' ');
    assert_eq!(parse(&exact, &Protection::None).unwrap().tokens.len(), 1);
}

#[test]
fn doctype_and_billion_laughs_are_refused() {
    let laughs = FIGURE3.replacen(
        "<KeyContainer",
        "<!DOCTYPE KeyContainer [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<KeyContainer",
        1,
    );
    assert!(matches!(
        parse(laughs.as_bytes(), &Protection::None),
        Err(FileError::Doctype)
    ));
    let external = FIGURE3.replacen(
        "<KeyContainer",
        "<!DOCTYPE KeyContainer SYSTEM \"http://example.com/x.dtd\"><KeyContainer",
        1,
    );
    assert!(matches!(
        parse(external.as_bytes(), &Protection::None),
        Err(FileError::Doctype)
    ));
    // An entity used without a declaration is not XML.
    let undeclared = FIGURE3.replace("Issuer</Issuer>", "&c;</Issuer>");
    assert!(matches!(
        parse(undeclared.as_bytes(), &Protection::None),
        Err(FileError::NotXml(_))
    ));
}

#[test]
fn truncated_files_are_refused() {
    for cut in [10, FIGURE6.len() / 2, FIGURE6.len() - 20] {
        let r = parse(&FIGURE6.as_bytes()[..cut], &pre_shared(PSK));
        assert!(matches!(r, Err(FileError::NotXml(_))), "{cut}: {r:?}");
    }
    assert!(matches!(
        parse(b"", &Protection::None),
        Err(FileError::NotXml(_))
    ));
}

#[test]
fn non_utf8_and_non_pskc_files_are_refused() {
    let mut latin1 = FIGURE3.as_bytes().to_vec();
    latin1.extend_from_slice(b"<!-- \xe9 -->");
    assert!(matches!(
        parse(&latin1, &Protection::None),
        Err(FileError::NotUtf8)
    ));
    let utf16: Vec<u8> = FIGURE3.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(parse(&utf16, &Protection::None).is_err());
    // A byte-order mark is fine.
    let bom = [b"\xef\xbb\xbf".as_slice(), FIGURE3.as_bytes()].concat();
    assert_eq!(parse(&bom, &Protection::None).unwrap().tokens.len(), 1);

    let not_pskc = |xml: &str| match parse(xml.as_bytes(), &Protection::None) {
        Err(FileError::NotPskc(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(not_pskc("<KeyContainer Version='1.0'/>").contains("not a KeyContainer"));
    // The draft format's namespace is another one.
    assert!(
        not_pskc(&FIGURE3.replace(
            "urn:ietf:params:xml:ns:keyprov:pskc\"",
            "urn:ietf:params:xml:ns:keyprov:pskc:1.0\""
        ))
        .contains("PSKC namespace")
    );
    assert_eq!(
        not_pskc(&FIGURE3.replace("Version=\"1.0\"", "")),
        "the KeyContainer has no Version"
    );
    assert!(matches!(
        parse(
            b"<KeyContainer xmlns='urn:ietf:params:xml:ns:keyprov:pskc' Version='1.0'/>",
            &Protection::None
        ),
        Err(FileError::Empty)
    ));
    match parse(
        FIGURE3
            .replace("Version=\"1.0\"", "Version=\"2.0\"")
            .as_bytes(),
        &Protection::None,
    ) {
        Err(FileError::Version(v)) => assert_eq!(v, "2.0"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_password_for_a_plain_file_is_refused() {
    assert!(matches!(
        parse(FIGURE3.as_bytes(), &password("qwerty")),
        Err(FileError::NotEncrypted)
    ));
    assert!(matches!(
        parse(FIGURE3.as_bytes(), &pre_shared(PSK)),
        Err(FileError::NotEncrypted)
    ));
}

/// Figure 6's key package, with another serial and with `edit` applied.
fn figure6_package(serial: &str, edit: impl Fn(&str) -> String) -> String {
    let start = FIGURE6.find("<KeyPackage>").unwrap();
    let end = FIGURE6.find("</KeyPackage>").unwrap() + "</KeyPackage>".len();
    edit(&FIGURE6[start..end].replace("987654321", serial))
}

/// Figure 6 with its package replaced by `packages`.
fn figure6_with(packages: &[String]) -> String {
    let start = FIGURE6.find("<KeyPackage>").unwrap();
    let end = FIGURE6.find("</KeyPackage>").unwrap() + "</KeyPackage>".len();
    format!(
        "{}{}{}",
        &FIGURE6[..start],
        packages.concat(),
        &FIGURE6[end..]
    )
}

#[test]
fn tampered_mac_or_ciphertext_is_refused() {
    let good = figure6_package("1", |p| p.to_owned());
    let bad_mac = figure6_package("2", |p| p.replace("Su+NvtQf", "Su+NvtQg"));
    let bad_ct = figure6_package("3", |p| p.replace("mNPCMl8jwZqIUqGv", "mNPCMl8jwZqIUqGw"));
    let bad_iv = figure6_package("4", |p| {
        p.replace("AAECAwQFBgcICQoLDA0OD", "AQECAwQFBgcICQoLDA0OD")
    });
    let parsed = read(
        &figure6_with(&[good, bad_mac, bad_ct, bad_iv]),
        &pre_shared(PSK),
    );
    assert_eq!(parsed.tokens.len(), 1);
    assert_eq!(parsed.tokens[0].serial, "1");
    let reasons: Vec<(usize, &str)> = parsed
        .errors
        .iter()
        .map(|e| (e.index, e.reason.as_str()))
        .collect();
    let mac =
        "the MAC of the secret does not verify (wrong password or key, or the file was altered)";
    assert_eq!(reasons, [(2, mac), (3, mac), (4, mac)]);
    // When no MAC verifies at all, the key is wrong or the whole file altered: one answer.
    let alone = figure6_with(&[figure6_package("2", |p| p.replace("Su+NvtQf", "Su+NvtQg"))]);
    assert!(matches!(
        parse(alone.as_bytes(), &pre_shared(PSK)),
        Err(FileError::WrongKey)
    ));
}

#[test]
fn unknown_encryption_algorithms_are_refused_per_package() {
    let with = |alg: &str| {
        figure6_package("2", |p| {
            p.replace("xmlenc#aes128-cbc", &format!("xmlenc#{alg}"))
        })
    };
    let parsed = read(
        &figure6_with(&[
            figure6_package("1", |p| p.to_owned()),
            with("kw-aes128"),
            with("tripledes-cbc"),
            with("rsa-oaep-mgf1p"),
        ]),
        &pre_shared(PSK),
    );
    assert_eq!(parsed.tokens.len(), 1);
    let reasons: Vec<&str> = parsed.errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "the secret is encrypted with kw-aes128, which is not supported (AES-CBC only)",
            "the secret is encrypted with tripledes-cbc, which is not supported (AES-CBC only)",
            "the secret is encrypted with rsa-oaep-mgf1p, which is not supported (AES-CBC only)",
        ]
    );
}

#[test]
fn encrypted_values_need_a_mac() {
    // Figure 6 without its MACMethod: CBC alone does not show tampering.
    let start = FIGURE6.find("<MACMethod").unwrap();
    let end = FIGURE6.find("</MACMethod>").unwrap() + "</MACMethod>".len();
    let no_mac = format!("{}{}", &FIGURE6[..start], &FIGURE6[end..]);
    let e = only_error(read(&no_mac, &pre_shared(PSK)));
    assert_eq!(
        e.reason,
        "the secret is encrypted without a MAC (the file has no MACMethod; RFC 6030 §6.1.1)"
    );
    // Or without the value's ValueMAC.
    let start = FIGURE6.find("<ValueMAC>").unwrap();
    let end = FIGURE6.find("</ValueMAC>").unwrap() + "</ValueMAC>".len();
    let no_value_mac = format!("{}{}", &FIGURE6[..start], &FIGURE6[end..]);
    assert_eq!(
        only_error(read(&no_value_mac, &pre_shared(PSK))).reason,
        "the secret has no ValueMAC"
    );
    // An unknown MAC algorithm.
    let md5 = FIGURE6.replace(
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#hmac-md5",
    );
    assert_eq!(
        only_error(read(&md5, &pre_shared(PSK))).reason,
        "the file's MAC algorithm hmac-md5 is not supported"
    );
}

#[test]
fn a_plain_secret_in_an_encrypted_file_is_refused() {
    let plain = figure6_package("2", |p| {
        let start = p.find("<EncryptedValue>").unwrap();
        let end = p.find("</ValueMAC>").unwrap() + "</ValueMAC>".len();
        format!(
            "{}<PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue>{}",
            &p[..start],
            &p[end..]
        )
    });
    let parsed = read(
        &figure6_with(&[figure6_package("1", |p| p.to_owned()), plain]),
        &pre_shared(PSK),
    );
    assert_eq!(parsed.tokens.len(), 1);
    assert_eq!(
        parsed.errors[0].reason,
        "the secret is not encrypted, though the file is"
    );
}

// ---------------------------------------------------------------------------------------------
// Files built here: other algorithms, ciphers and parameters
// ---------------------------------------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// An `EncryptedValue` and its `ValueMAC` (HMAC-SHA-1) for `plaintext`.
fn encrypted(key: &[u8], mac_key: &[u8], plaintext: &[u8], padding: Option<&[u8]>) -> String {
    let alg = match key.len() {
        16 => "aes128-cbc",
        24 => "aes192-cbc",
        _ => "aes256-cbc",
    };
    let data = encrypt(key, [0x42; 16], plaintext, padding);
    let tag = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, mac_key),
        &data,
    );
    format!(
        "<EncryptedValue><xenc:EncryptionMethod Algorithm='http://www.w3.org/2001/04/xmlenc#{alg}'/>\
         <xenc:CipherData><xenc:CipherValue>{}</xenc:CipherValue></xenc:CipherData></EncryptedValue>\
         <ValueMAC>{}</ValueMAC>",
        b64(&data),
        b64(tag.as_ref())
    )
}

/// A container whose values are protected by `key` (given by `encryption_key`, the
/// `EncryptionKey` element's content) and the MAC key `mac_key`.
fn container(encryption_key: &str, key: &[u8], mac_key: &[u8], packages: &str) -> String {
    let alg = match key.len() {
        16 => "aes128-cbc",
        24 => "aes192-cbc",
        _ => "aes256-cbc",
    };
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n\
         <KeyContainer Version='1.0' xmlns='urn:ietf:params:xml:ns:keyprov:pskc'\n\
           xmlns:ds='http://www.w3.org/2000/09/xmldsig#' xmlns:xenc='http://www.w3.org/2001/04/xmlenc#'\n\
           xmlns:xenc11='http://www.w3.org/2009/xmlenc11#' xmlns:pkcs5='http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#'>\n\
         <EncryptionKey>{encryption_key}</EncryptionKey>\n\
         <MACMethod Algorithm='http://www.w3.org/2000/09/xmldsig#hmac-sha1'><MACKey>\
         <xenc:EncryptionMethod Algorithm='http://www.w3.org/2001/04/xmlenc#{alg}'/>\
         <xenc:CipherData><xenc:CipherValue>{}</xenc:CipherValue></xenc:CipherData></MACKey></MACMethod>\n\
         {packages}</KeyContainer>",
        b64(&encrypt(key, [0x24; 16], mac_key, None))
    )
}

fn package(serial: &str, algorithm: &str, params: &str, data: &str) -> String {
    format!(
        "<KeyPackage><DeviceInfo><Manufacturer>Acme</Manufacturer><Model>T1</Model>\
         <SerialNo>{serial}</SerialNo></DeviceInfo>\
         <Key Id='k{serial}' Algorithm='urn:ietf:params:xml:ns:keyprov:pskc{algorithm}'>\
         <Issuer>Example</Issuer><FriendlyName>Token {serial}</FriendlyName>{params}\
         <Data>{data}</Data></Key></KeyPackage>\n"
    )
}

fn pbkdf2_key(salt: &[u8], iterations: u32, prf: &str) -> String {
    format!(
        "<xenc11:DerivedKey><xenc11:KeyDerivationMethod \
         Algorithm='http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2'>\
         <pkcs5:PBKDF2-params><Salt><Specified>{}</Specified></Salt>\
         <IterationCount>{iterations}</IterationCount><KeyLength>16</KeyLength>{prf}\
         </pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod></xenc11:DerivedKey>",
        b64(salt)
    )
}

fn derive(password: &[u8], salt: &[u8], iterations: u32, alg: ring::pbkdf2::Algorithm) -> [u8; 16] {
    let mut key = [0u8; 16];
    ring::pbkdf2::derive(
        alg,
        std::num::NonZeroU32::new(iterations).unwrap(),
        salt,
        password,
        &mut key,
    );
    key
}

const SECRET32: &[u8] = b"12345678901234567890123456789012";
const MAC32: &[u8] = b"0123456789abcdef0123456789abcdef";

#[test]
fn totp_and_ocra_keys_with_encrypted_data() {
    let key = [7u8; 32];
    let secret = encrypted(&key, MAC32, SECRET32, None);
    let time = encrypted(&key, MAC32, &1_000_000u64.to_be_bytes(), None);
    let drift = encrypted(&key, MAC32, b"-2", None);
    let counter = encrypted(&key, MAC32, &[0x01, 0x00], None);
    let packages = [
        package(
            "T1",
            ":totp",
            "<AlgorithmParameters><Suite>HMAC-SHA256</Suite>\
             <ResponseFormat Length='8' Encoding='DECIMAL'/></AlgorithmParameters>",
            &format!(
                "<Secret>{secret}</Secret><Time>{time}</Time>\
                 <TimeInterval><PlainValue>60</PlainValue></TimeInterval>\
                 <TimeDrift>{drift}</TimeDrift>"
            ),
        ),
        package("T2", "#totp", "", &format!("<Secret>{secret}</Secret>")),
        package(
            "O1",
            ":ocra",
            "<AlgorithmParameters><Suite>OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1</Suite>\
             <ChallengeFormat Encoding='DECIMAL' Min='8' Max='8'/>\
             <ResponseFormat Length='8' Encoding='DECIMAL'/></AlgorithmParameters>\
             <Policy><KeyUsage>CR</KeyUsage></Policy>",
            &format!("<Secret>{secret}</Secret><Counter>{counter}</Counter>"),
        ),
        package(
            "O2",
            "#OCRA-1:HOTP-SHA1-6:QA10",
            "",
            &format!("<Secret>{secret}</Secret><Counter><PlainValue>7</PlainValue></Counter>"),
        ),
        package(
            "H1",
            "#hotp",
            "<AlgorithmParameters><Suite>HMAC-SHA512</Suite></AlgorithmParameters>",
            &format!("<Secret>{secret}</Secret><Counter><PlainValue>12</PlainValue></Counter>"),
        ),
    ]
    .concat();
    let xml = container("<ds:KeyName>k</ds:KeyName>", &key, MAC32, &packages);
    let parsed = read(&xml, &Protection::PreShared(Secret::new(key.to_vec())));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let kinds: Vec<(&str, &Kind)> = parsed
        .tokens
        .iter()
        .map(|t| (t.serial.as_str(), &t.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "T1",
                &Kind::Totp {
                    hash: Hash::Sha256,
                    digits: 8,
                    period: 60,
                    t0: 1_000_000,
                    drift: -2
                }
            ),
            (
                "T2",
                &Kind::Totp {
                    hash: Hash::Sha1,
                    digits: 6,
                    period: 30,
                    t0: 0,
                    drift: 0
                }
            ),
            (
                "O1",
                &Kind::Ocra {
                    suite: "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1".to_owned(),
                    counter: 256
                }
            ),
            (
                "O2",
                &Kind::Ocra {
                    suite: "OCRA-1:HOTP-SHA1-6:QA10".to_owned(),
                    counter: 0
                }
            ),
            (
                "H1",
                &Kind::Hotp {
                    hash: Hash::Sha512,
                    digits: 6,
                    counter: 12
                }
            ),
        ]
    );
    let t = &parsed.tokens[0];
    assert_eq!(t.secret.expose(), SECRET32);
    assert_eq!(
        (
            t.manufacturer.as_deref(),
            t.model.as_deref(),
            t.friendly_name.as_deref()
        ),
        (Some("Acme"), Some("T1"), Some("Token T1"))
    );
    assert_eq!(t.key_id, "kT1");
}

#[test]
fn bad_padding_behind_a_good_mac_is_refused() {
    let key = [9u8; 16];
    let bad = encrypted(
        &key,
        MAC32,
        SECRET32,
        Some(&[3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4]),
    );
    let zero = encrypted(&key, MAC32, SECRET32, Some(&[0; 16]));
    let good = encrypted(&key, MAC32, SECRET32, None);
    let packages = [
        package("1", ":hotp", "", &format!("<Secret>{good}</Secret>")),
        package("2", ":hotp", "", &format!("<Secret>{bad}</Secret>")),
        package("3", ":hotp", "", &format!("<Secret>{zero}</Secret>")),
    ]
    .concat();
    let xml = container("<ds:KeyName>k</ds:KeyName>", &key, MAC32, &packages);
    let parsed = read(&xml, &Protection::PreShared(Secret::new(key.to_vec())));
    assert_eq!(parsed.tokens.len(), 1);
    let reasons: Vec<&str> = parsed.errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "the secret does not decrypt (bad padding)",
            "the secret does not decrypt (bad padding)"
        ]
    );
}

#[test]
fn aes_192_and_256_and_pbkdf2_with_sha256() {
    for key in [vec![1u8; 24], vec![2u8; 32]] {
        let secret = encrypted(&key, MAC32, SECRET32, None);
        let xml = container(
            "<ds:KeyName>k</ds:KeyName>",
            &key,
            MAC32,
            &package("1", ":hotp", "", &format!("<Secret>{secret}</Secret>")),
        );
        let parsed = read(&xml, &Protection::PreShared(Secret::new(key.clone())));
        assert_eq!(only_token(&parsed).secret.expose(), SECRET32);
    }
    let salt = b"saltsaltsalt";
    let key = derive(b"pw", salt, 2000, ring::pbkdf2::PBKDF2_HMAC_SHA256);
    let secret = encrypted(&key, MAC32, SECRET32, None);
    let xml = container(
        &pbkdf2_key(
            salt,
            2000,
            "<PRF Algorithm='http://www.w3.org/2001/04/xmldsig-more#hmac-sha256'/>",
        ),
        &key,
        MAC32,
        &package("1", ":hotp", "", &format!("<Secret>{secret}</Secret>")),
    );
    assert_eq!(
        only_token(&read(&xml, &password("pw"))).secret.expose(),
        SECRET32
    );
    // The same file read with the default PRF (HMAC-SHA-1) derives another key.
    let sha1 = xml.replace(
        "<PRF Algorithm='http://www.w3.org/2001/04/xmldsig-more#hmac-sha256'/>",
        "",
    );
    assert!(matches!(
        parse(sha1.as_bytes(), &password("pw")),
        Err(FileError::WrongKey)
    ));
}

#[test]
fn pbkdf2_parameters_are_bounded() {
    let key = derive(b"pw", b"salt", 1000, ring::pbkdf2::PBKDF2_HMAC_SHA1);
    let file = |params: &str| {
        container(
            params,
            &key,
            MAC32,
            &package(
                "1",
                ":hotp",
                "",
                "<Secret><PlainValue>AA==</PlainValue></Secret>",
            ),
        )
    };
    let refusal = |params: &str| match parse(file(params).as_bytes(), &password("pw")) {
        Err(FileError::Encryption(m)) => m,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refusal(&pbkdf2_key(b"salt", 999, "")),
        "the PBKDF2 IterationCount 999 is outside 1000 to 10000000"
    );
    assert_eq!(
        refusal(&pbkdf2_key(b"salt", 10_000_001, "")),
        "the PBKDF2 IterationCount 10000001 is outside 1000 to 10000000"
    );
    assert_eq!(
        refusal(&pbkdf2_key(b"salt", 1000, "").replace("<KeyLength>16", "<KeyLength>17")),
        "the PBKDF2 KeyLength 17 is not an AES key length (16, 24 or 32)"
    );
    assert_eq!(
        refusal(&pbkdf2_key(
            b"salt",
            1000,
            "<PRF Algorithm='http://www.w3.org/2001/04/xmldsig-more#hmac-md5'/>"
        )),
        "the PBKDF2 PRF hmac-md5 is not supported"
    );
    assert_eq!(
        refusal(&pbkdf2_key(b"salt", 1000, "").replace("pkcs-5v2-0#pbkdf2", "pkcs-5v2-0#pbkdf1")),
        "the key derivation pbkdf1 is not supported (PBKDF2 only)"
    );
    assert_eq!(
        refusal(&pbkdf2_key(b"", 1000, "")),
        "the PBKDF2 salt must be 1 to 1024 bytes"
    );
    assert_eq!(
        refusal(
            &pbkdf2_key(b"salt", 1000, "").replace("<IterationCount>1000</IterationCount>", "")
        ),
        "PBKDF2 needs an IterationCount"
    );
}

#[test]
fn policies_that_are_not_understood_refuse_the_key() {
    let plain = "<Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>";
    let with_policy = |serial: &str, alg: &str, policy: &str| {
        package(serial, alg, &format!("<Policy>{policy}</Policy>"), plain)
    };
    let xml = format!(
        "<KeyContainer Version='1.0' xmlns='urn:ietf:params:xml:ns:keyprov:pskc'>{}</KeyContainer>",
        [
            with_policy(
                "1",
                ":hotp",
                "<KeyUsage>OTP</KeyUsage><StartDate>2006-05-01T00:00:00Z</StartDate>"
            ),
            with_policy("2", ":hotp", "<KeyUsage>CR</KeyUsage>"),
            with_policy("3", ":hotp", "<PINPolicy PINUsageMode='Prepend'/>"),
            with_policy(
                "4",
                ":hotp",
                "<NumberOfTransactions>5</NumberOfTransactions>"
            ),
            with_policy("5", ":hotp", "<PINPolicy MinLength='4'/>"),
            with_policy("6", "#OCRA-1:HOTP-SHA1-6:QN08", "<KeyUsage>OTP</KeyUsage>"),
        ]
        .concat()
    );
    let parsed = read(&xml, &Protection::None);
    assert_eq!(parsed.tokens.len(), 1);
    let reasons: Vec<(usize, &str)> = parsed
        .errors
        .iter()
        .map(|e| (e.index, e.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (2, "the key policy does not allow the use OTP"),
            (
                3,
                "the PIN usage mode \"Prepend\" is not supported (only PINs checked by the token)"
            ),
            (
                4,
                "the key policy element NumberOfTransactions is not understood, so the key must not be used (RFC 6030 §5)"
            ),
            (
                5,
                "the PIN usage mode \"\" is not supported (only PINs checked by the token)"
            ),
            (6, "the key policy does not allow the use CR"),
        ]
    );
}

#[test]
fn bad_packages_say_why_and_the_rest_import() {
    let plain = "<Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>";
    let long = b64(&[5u8; 65]);
    let packages = [
        package("ok", ":hotp", "", plain),
        package("a", ":hotp", "<AlgorithmParameters><ResponseFormat Length='5' Encoding='DECIMAL'/></AlgorithmParameters>", plain),
        package("b", ":hotp", "<AlgorithmParameters><ResponseFormat Length='6' Encoding='HEXADECIMAL'/></AlgorithmParameters>", plain),
        package("c", ":hotp", "", &format!("<Secret><PlainValue>{long}</PlainValue></Secret>")),
        package("d", ":hotp", "", "<Secret><PlainValue>not base64!</PlainValue></Secret>"),
        package("e", ":hotp", "", &format!("{plain}<Counter><PlainValue>-1</PlainValue></Counter>")),
        package("f", ":totp", "", &format!("{plain}<TimeInterval><PlainValue>0</PlainValue></TimeInterval>")),
        package("g", ":ocra", "", plain),
        package("h", ":ocra", "<AlgorithmParameters><Suite>OCRA-1:HOTP-SHA1-6:QN08</Suite><ResponseFormat Length='8' Encoding='DECIMAL'/></AlgorithmParameters>", plain),
        package("i", ":ocra", "<AlgorithmParameters><Suite>OCRA-2:nonsense</Suite></AlgorithmParameters>", plain),
        package("j", ":totp", "<AlgorithmParameters><Suite>HMAC-MD5</Suite></AlgorithmParameters>", plain),
        package("k\u{1b}[31m", ":hotp", "", plain),
        package("l", ":hotp", "", &format!("{plain}{plain}")),
        package("m", ":hotp", "<AlgorithmParameters><ResponseFormat Length='6' Encoding='DECIMAL' CheckDigits='true'/></AlgorithmParameters>", plain),
        package("n", "#OCRA-1:HOTP-SHA1-6:QN08", "<AlgorithmParameters><Suite>OCRA-1:HOTP-SHA1-6:QN10</Suite></AlgorithmParameters>", plain),
    ]
    .concat();
    let xml = format!(
        "<KeyContainer Version='1.0' xmlns='urn:ietf:params:xml:ns:keyprov:pskc'>{packages}</KeyContainer>"
    );
    let parsed = read(&xml, &Protection::None);
    assert_eq!(parsed.tokens.len(), 1);
    assert_eq!(parsed.tokens[0].serial, "ok");
    let reasons: Vec<(Option<&str>, &str)> = parsed
        .errors
        .iter()
        .map(|e| (e.serial.as_deref(), e.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (Some("a"), "the response length \"5\" is not 6 to 10 digits"),
            (
                Some("b"),
                "the response encoding \"HEXADECIMAL\" is not supported (DECIMAL only)"
            ),
            (
                Some("c"),
                "the secret is 65 bytes; 16 to 64 are accepted (RFC 4226 asks for at least 128 bits)"
            ),
            (Some("d"), "the secret is not base64"),
            (Some("e"), "the counter is out of range"),
            (Some("f"), "the time interval 0 s is outside 1 to 3600"),
            (Some("g"), "the OCRA key has no Suite"),
            (
                Some("h"),
                "the ResponseFormat does not match the OCRA suite"
            ),
            (Some("i"), "the OCRA suite \"OCRA-2:nonsense\" is malformed"),
            (Some("j"), "the hash \"HMAC-MD5\" is not supported"),
            (None, "the serial number contains control characters"),
            (Some("l"), "more than one Secret in Data"),
            (Some("m"), "responses with a check digit are not supported"),
            (
                Some("n"),
                "the OCRA suite of the algorithm URI and of the Suite differ"
            ),
        ]
    );
    // Reasons and serials print on one line, without the terminal escape.
    for e in &parsed.errors {
        assert!(!e.to_string().contains(['\n', '\u{1b}']), "{e}");
    }
}

#[test]
fn ten_thousand_tokens_derive_the_key_once() {
    // A vendor-sized batch: PBKDF2 and the MAC key once, then an HMAC and an AES decryption
    // per token. (Its speed is measured in release, not asserted here.)
    let salt = b"0123456789abcdef";
    let key = derive(
        b"batch password",
        salt,
        100_000,
        ring::pbkdf2::PBKDF2_HMAC_SHA1,
    );
    let mut packages = String::new();
    for i in 0..10_000u32 {
        let mut secret = SECRET32.to_vec();
        secret[..4].copy_from_slice(&i.to_be_bytes());
        let value = encrypted(&key, MAC32, &secret, None);
        packages.push_str(&package(
            &format!("SN{i:06}"),
            ":hotp",
            "<AlgorithmParameters><ResponseFormat Length='6' Encoding='DECIMAL'/></AlgorithmParameters>",
            &format!("<Secret>{value}</Secret><Counter><PlainValue>0</PlainValue></Counter>"),
        ));
    }
    let xml = container(&pbkdf2_key(salt, 100_000, ""), &key, MAC32, &packages);
    let started = std::time::Instant::now();
    let parsed = read(&xml, &password("batch password"));
    eprintln!(
        "parsed {} tokens ({} bytes) in {:?}",
        parsed.tokens.len(),
        xml.len(),
        started.elapsed()
    );
    assert!(parsed.errors.is_empty());
    assert_eq!(parsed.tokens.len(), 10_000);
    let last = &parsed.tokens[9_999];
    assert_eq!(last.serial, "SN009999");
    assert_eq!(&last.secret.expose()[..4], &9_999u32.to_be_bytes());
}
