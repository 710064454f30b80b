//! A plain CSV import of OATH tokens, for vendors and tools that hand out seeds without PSKC.
//! Like the PSKC importer it stores nothing and logs nothing, and gives the same [`Parsed`]:
//! the tokens to import and, one line each, why it refuses the others.
//!
//! The format, one token per line (UTF-8, at most [`MAX_BYTES`](crate::pskc::MAX_BYTES)):
//!
//! ```text
//! # comment lines start with '#'; blank lines are skipped
//! serial,key,type,digits,param,hash        <- an optional header line (starts with "serial")
//! 1001,3132333435363738393031323334353637383930,hotp
//! 1002,base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,totp,8,60,SHA256
//! 1003,3132333435363738393031323334353637383930,ocra,,OCRA-1:HOTP-SHA1-6:QN08
//! ```
//!
//! `serial,key,type[,digits[,param[,hash]]]`, fields separated by commas, without quoting
//! (a field with a `"` is refused rather than guessed at), white space around fields ignored,
//! an empty field meaning its default:
//! - `serial`: the token's serial number, unique in the file (it is also the key id);
//! - `key`: the secret in hex, or in base32 (RFC 4648 §6, any case, padding and spaces
//!   optional) after `base32:`; 16 to 64 bytes;
//! - `type`: `hotp`, `totp` or `ocra`;
//! - `digits`: 6 to 10, default 6; for `ocra` the suite decides, and a value given must agree;
//! - `param`: for `hotp` the next counter (default 0); for `totp` the period, 30 or 60
//!   seconds (default 30); for `ocra` the suite (required);
//! - `hash`: `SHA1`, `SHA256` or `SHA512` (default `SHA1`); for `ocra` the suite decides, and
//!   a value given must agree.
//!
//! TOTP tokens get `T0 = 0` and no drift. A bad line is a [`PackageError`] whose index is the
//! line number (1-based, counting every line); the other lines still import.

use std::collections::HashSet;

use zeroize::Zeroizing;

use crate::ocra::Suite;
use crate::pskc::{FileError, Kind, MAX_SERIAL, PackageError, Parsed, SECRET_LEN, Token};
use crate::{Hash, Secret};

/// Reads a CSV file of tokens (see the module documentation).
pub fn parse(text: &[u8]) -> Result<Parsed, FileError> {
    let text = crate::pskc::checked_text(text)?;
    let mut parsed = Parsed {
        tokens: Vec::new(),
        errors: Vec::new(),
        version: "csv".to_owned(),
    };
    let mut serials = HashSet::new();
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let header = first
            && line
                .get(..6)
                .is_some_and(|s| s.eq_ignore_ascii_case("serial"));
        first = false;
        if header {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let serial = fields
            .first()
            .map(|s| crate::pskc::clean_text(s, "serial number", MAX_SERIAL))
            .unwrap_or_else(|| Err("the line is empty".to_owned()))
            .and_then(|s| {
                // A key in the first column (columns swapped) must not be echoed back as a
                // serial number in the refusal.
                if looks_like_key(&s) {
                    Err("the first field looks like a key, not a serial number: are the columns in order (serial,key,type…)?".to_owned())
                } else {
                    Ok(s)
                }
            });
        let refuse = |reason: String| PackageError {
            index: i + 1,
            serial: serial.as_ref().ok().cloned(),
            reason,
        };
        match serial.clone().and_then(|s| token(&fields, s)) {
            Ok(t) if !serials.insert(t.serial.clone()) => parsed.errors.push(refuse(
                "the serial number is the same as an earlier line's".to_owned(),
            )),
            Ok(t) => parsed.tokens.push(Token { index: i + 1, ..t }),
            Err(reason) => parsed.errors.push(refuse(reason)),
        }
    }
    if parsed.tokens.is_empty() && parsed.errors.is_empty() {
        return Err(FileError::Empty);
    }
    Ok(parsed)
}

fn token(fields: &[&str], serial: String) -> Result<Token, String> {
    if fields.iter().any(|f| f.contains('"')) {
        return Err("quoted fields are not supported".to_owned());
    }
    if !(3..=6).contains(&fields.len()) {
        return Err(format!(
            "the line has {} fields; serial,key,type[,digits[,param[,hash]]] has 3 to 6",
            fields.len()
        ));
    }
    let field = |i: usize| fields.get(i).copied().filter(|f| !f.is_empty());
    let secret = secret(fields[1])?;
    let digits = field(3)
        .map(|d| {
            d.parse::<u8>()
                .ok()
                .filter(|d| crate::hotp::DIGITS.contains(d))
                .ok_or_else(|| format!("the digits {:?} are not 6 to 10", short(d)))
        })
        .transpose()?;
    let hash = field(5)
        .map(|h| {
            Hash::parse(h)
                .ok_or_else(|| format!("the hash {:?} is not SHA1, SHA256 or SHA512", short(h)))
        })
        .transpose()?;
    let kind = match fields[2].to_ascii_lowercase().as_str() {
        "hotp" => Kind::Hotp {
            hash: hash.unwrap_or(Hash::Sha1),
            digits: digits.unwrap_or(6),
            counter: field(4)
                .map(|c| {
                    c.parse::<u64>()
                        .map_err(|_| format!("the counter {:?} is not a number", short(c)))
                })
                .transpose()?
                .unwrap_or(0),
        },
        "totp" => Kind::Totp {
            hash: hash.unwrap_or(Hash::Sha1),
            digits: digits.unwrap_or(6),
            period: match field(4) {
                None | Some("30") => 30,
                Some("60") => 60,
                Some(p) => return Err(format!("the period {:?} is not 30 or 60", short(p))),
            },
            t0: 0,
            drift: 0,
        },
        "ocra" => {
            let text = field(4).ok_or("an ocra line needs its suite in the fifth field")?;
            let suite = Suite::parse(text)
                .map_err(|_| format!("the OCRA suite {:?} is malformed", short(text)))?;
            if digits.is_some_and(|d| d != suite.digits()) {
                return Err("the digits differ from the OCRA suite's".to_owned());
            }
            if hash.is_some_and(|h| h != suite.hash()) {
                return Err("the hash differs from the OCRA suite's".to_owned());
            }
            Kind::Ocra {
                suite: text.to_owned(),
                counter: 0,
            }
        }
        other => {
            return Err(format!(
                "the type {:?} is not hotp, totp or ocra",
                short(other)
            ));
        }
    };
    Ok(Token {
        index: 0,
        key_id: serial.clone(),
        serial,
        manufacturer: None,
        model: None,
        issuer: None,
        friendly_name: None,
        kind,
        secret,
    })
}

/// 32 hexadecimal digits or more (a 128-bit key), or a `base32:` key.
fn looks_like_key(s: &str) -> bool {
    s.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("base32:"))
        || (s.len() >= 32 && s.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A field for an error message: printable, and short.
fn short(s: &str) -> String {
    s.chars()
        .take(40)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn secret(field: &str) -> Result<Secret, String> {
    let bytes = match field.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("base32:") => {
            base32(&field[7..]).ok_or("the key is not base32")?
        }
        _ => Zeroizing::new(hex::decode(field).map_err(|_| "the key is not hex")?),
    };
    if !SECRET_LEN.contains(&bytes.len()) {
        return Err(format!(
            "the key is {} bytes; 16 to 64 are accepted (RFC 4226 asks for at least 128 bits)",
            bytes.len()
        ));
    }
    Ok(Secret::new(bytes.to_vec()))
}

/// RFC 4648 §6 base32, as authenticator seeds are written: any case, spaces anywhere,
/// padding optional; the unused low bits of the last character must be zero (one spelling
/// per key).
fn base32(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let chars: Vec<u8> = text.bytes().filter(|b| *b != b' ').collect();
    let end = chars.iter().rposition(|b| *b != b'=').map_or(0, |p| p + 1);
    let (body, padding) = chars.split_at(end);
    if padding.len() > 6 || (!padding.is_empty() && !chars.len().is_multiple_of(8)) {
        return None;
    }
    if !matches!(body.len() % 8, 0 | 2 | 4 | 5 | 7) {
        return None;
    }
    let mut out = Zeroizing::new(Vec::with_capacity(body.len() * 5 / 8));
    let (mut acc, mut bits) = (0u64, 0u32);
    for &c in body {
        let v = match c.to_ascii_uppercase() {
            c @ b'A'..=b'Z' => c - b'A',
            c @ b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        acc = (acc << 5) | u64::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if acc & ((1 << bits) - 1) != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod swapped_columns {
    use super::*;

    #[test]
    fn a_key_in_the_serial_column_is_not_echoed() {
        let key = "3132333435363738393031323334353637383930";
        let parsed = parse(format!("{key},T1,hotp\n").as_bytes()).unwrap();
        assert!(parsed.tokens.is_empty());
        let e = &parsed.errors[0];
        assert_eq!(e.serial, None);
        assert!(!e.to_string().contains(key), "{e}");
        assert!(e.reason.contains("columns"), "{e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_HEX: &str = "3132333435363738393031323334353637383930";
    /// RFC 4648 §10's "foobar" vectors, and the RFC 4226 key in base32.
    const KEY_B32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn base32_rfc_4648_vectors() {
        for (enc, dec) in [
            ("", ""),
            ("MY======", "f"),
            ("MZXQ====", "fo"),
            ("MZXW6===", "foo"),
            ("MZXW6YQ=", "foob"),
            ("MZXW6YTB", "fooba"),
            ("MZXW6YTBOI======", "foobar"),
            ("mzxw6ytboi", "foobar"),
            ("MZXW 6YTB OI", "foobar"),
        ] {
            assert_eq!(&**base32(enc).unwrap(), dec.as_bytes(), "{enc}");
        }
        for bad in [
            "M", "MZX", "MZXW6Y", "MZ======", "MY=====", "MZXW6YT1", "MZXQ===", "MZ=Q",
        ] {
            assert!(base32(bad).is_none(), "{bad}");
        }
        assert_eq!(hex::encode(&*base32(KEY_B32).unwrap()), KEY_HEX);
    }

    #[test]
    fn lines_of_every_type() {
        let text = format!(
            "# exported 2024-01-01\n\
             Serial,Key,Type,Digits,Param,Hash\n\
             \n\
             1001,{KEY_HEX},hotp\n\
             1002 , base32:{KEY_B32} , TOTP , 8 , 60 , sha256\n\
             1003,{KEY_HEX},ocra,,OCRA-1:HOTP-SHA1-6:QN08\n\
             1004,{KEY_HEX},hotp,8,42,SHA512\n\
             1005,{KEY_HEX},totp,,,\r\n"
        );
        let parsed = parse(text.as_bytes()).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.version, "csv");
        let kinds: Vec<(&str, &Kind)> = parsed
            .tokens
            .iter()
            .map(|t| (t.serial.as_str(), &t.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    "1001",
                    &Kind::Hotp {
                        hash: Hash::Sha1,
                        digits: 6,
                        counter: 0
                    }
                ),
                (
                    "1002",
                    &Kind::Totp {
                        hash: Hash::Sha256,
                        digits: 8,
                        period: 60,
                        t0: 0,
                        drift: 0
                    }
                ),
                (
                    "1003",
                    &Kind::Ocra {
                        suite: "OCRA-1:HOTP-SHA1-6:QN08".to_owned(),
                        counter: 0
                    }
                ),
                (
                    "1004",
                    &Kind::Hotp {
                        hash: Hash::Sha512,
                        digits: 8,
                        counter: 42
                    }
                ),
                (
                    "1005",
                    &Kind::Totp {
                        hash: Hash::Sha1,
                        digits: 6,
                        period: 30,
                        t0: 0,
                        drift: 0
                    }
                ),
            ]
        );
        for t in &parsed.tokens {
            assert_eq!(hex::encode(t.secret.expose()), KEY_HEX);
            assert_eq!(t.key_id, t.serial);
            assert_eq!((&t.manufacturer, &t.issuer), (&None, &None));
        }
    }

    #[test]
    fn bad_lines_say_why_with_their_line_number() {
        let text = format!(
            "serial,key,type\n\
             ok,{KEY_HEX},hotp\n\
             a,{KEY_HEX}\n\
             b,{KEY_HEX},hotp,6,0,SHA1,extra\n\
             c,313233,hotp\n\
             d,xyz,hotp\n\
             e,base32:GEZDG1,hotp\n\
             f,{KEY_HEX},motp\n\
             g,{KEY_HEX},hotp,5\n\
             h,{KEY_HEX},totp,6,45\n\
             i,{KEY_HEX},ocra\n\
             j,{KEY_HEX},ocra,8,OCRA-1:HOTP-SHA1-6:QN08\n\
             k,{KEY_HEX},ocra,,OCRA-1:HOTP-SHA1-6:QN08,SHA256\n\
             l,{KEY_HEX},ocra,,OCRA-9\n\
             m,{KEY_HEX},hotp,6,-1\n\
             n,{KEY_HEX},hotp,,,MD5\n\
             \"o\",{KEY_HEX},hotp\n\
             ok,{KEY_HEX},totp\n\
             ,{KEY_HEX},hotp\n\
             p\u{7},{KEY_HEX},hotp\n"
        );
        let parsed = parse(text.as_bytes()).unwrap();
        assert_eq!(parsed.tokens.len(), 1);
        let errors: Vec<(usize, Option<&str>, &str)> = parsed
            .errors
            .iter()
            .map(|e| (e.index, e.serial.as_deref(), e.reason.as_str()))
            .collect();
        let few = "the line has 2 fields; serial,key,type[,digits[,param[,hash]]] has 3 to 6";
        let many = "the line has 7 fields; serial,key,type[,digits[,param[,hash]]] has 3 to 6";
        assert_eq!(
            errors,
            [
                (3, Some("a"), few),
                (4, Some("b"), many),
                (
                    5,
                    Some("c"),
                    "the key is 3 bytes; 16 to 64 are accepted (RFC 4226 asks for at least 128 bits)"
                ),
                (6, Some("d"), "the key is not hex"),
                (7, Some("e"), "the key is not base32"),
                (8, Some("f"), "the type \"motp\" is not hotp, totp or ocra"),
                (9, Some("g"), "the digits \"5\" are not 6 to 10"),
                (10, Some("h"), "the period \"45\" is not 30 or 60"),
                (
                    11,
                    Some("i"),
                    "an ocra line needs its suite in the fifth field"
                ),
                (12, Some("j"), "the digits differ from the OCRA suite's"),
                (13, Some("k"), "the hash differs from the OCRA suite's"),
                (14, Some("l"), "the OCRA suite \"OCRA-9\" is malformed"),
                (15, Some("m"), "the counter \"-1\" is not a number"),
                (
                    16,
                    Some("n"),
                    "the hash \"MD5\" is not SHA1, SHA256 or SHA512"
                ),
                (17, Some("\"o\""), "quoted fields are not supported"),
                (
                    18,
                    Some("ok"),
                    "the serial number is the same as an earlier line's"
                ),
                (19, None, "the serial number is empty"),
                (20, None, "the serial number contains control characters"),
            ]
        );
        assert_eq!(
            parsed.errors[0].to_string(),
            format!("key package 3 (a): {few}")
        );
    }

    #[test]
    fn whole_file_refusals() {
        assert!(matches!(parse(b""), Err(FileError::Empty)));
        assert!(matches!(
            parse(b"# nothing\n\nserial,key,type\n"),
            Err(FileError::Empty)
        ));
        assert!(matches!(parse(b"1,\xff\xfe,hotp"), Err(FileError::NotUtf8)));
        let big = vec![b'#'; crate::pskc::MAX_BYTES + 1];
        assert!(matches!(parse(&big), Err(FileError::TooLarge { .. })));
        // A header is only a header on the first line.
        let late = format!("1,{KEY_HEX},hotp\nserial,{KEY_HEX},hotp\n");
        assert_eq!(parse(late.as_bytes()).unwrap().tokens.len(), 2);
    }
}
