//! OCRA, the OATH Challenge-Response Algorithm (RFC 6287): the challenge–response hardware
//! tokens ("Token CRAM"), and the mobile protocol's offline code
//! (`OCRA-1:HOTP-SHA256-8:QH64`, `docs/MOBILE-PROTOCOL.md` §5.2). The rest of the RFC is here
//! for later uses (e.g. transaction signing with time or session inputs).
//!
//! Suites: `OCRA-1:HOTP-{SHA1|SHA256|SHA512}-{0|4..10}:[C-]Q{A|N|H}{04..64}[-PSHA1|-PSHA256|
//! -PSHA512][-Snnn][-T{1..59S|1..59M|1..48H}]` (RFC 6287 §6), optional parts in that order.
//!
//! `OCRA = HOTP-H-t(K, suite ‖ 0x00 ‖ C ‖ Q ‖ P ‖ S ‖ T)` (RFC 6287 §5.1–5.2):
//! - `C`: the counter, 8 bytes big-endian;
//! - `Q`: the challenge, 128 bytes: a numeric challenge is converted to its hexadecimal form,
//!   and hexadecimal ones are taken nibble by nibble, left-justified and padded with zero
//!   nibbles; an alphanumeric one is its ASCII bytes, padded with zero bytes. The RFC's
//!   mutual mode concatenates two challenges (§7.2), so a question may be longer than the
//!   suite's `xx`; the only bound is the 128-byte field;
//! - `P`: the hash of the PIN or password (the caller hashes, with the suite's function);
//! - `S`: the session information, `nnn` bytes (shorter input is left-padded with zeros, as
//!   the RFC's reference code does);
//! - `T`: the number of time steps since the epoch, 8 bytes big-endian (see
//!   [`Suite::time_steps`]).
//!
//! then RFC 4226 §5.3's dynamic truncation to `t` decimal digits. For `t = 0` the RFC takes
//! the full HMAC (§5.1) without saying how to write it: this gives it in lower-case hex.

use ring::hmac;

use crate::Error;

/// The hash function of an HMAC-based OTP: HOTP and TOTP (RFC 6238 §1.2 allows SHA-256 and
/// SHA-512 besides RFC 4226's SHA-1) and OCRA's HMAC and `P` input share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha512,
}

impl Hash {
    /// `SHA1`, `SHA256` or `SHA512`, in any case.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Sha1, Self::Sha256, Self::Sha512]
            .into_iter()
            .find(|h| h.as_str().eq_ignore_ascii_case(s))
    }

    /// The name as OCRA suites write it: `SHA1`, `SHA256`, `SHA512`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    /// The suite grammar (RFC 6287 §6) spells the names in capitals only: the suite string
    /// is hashed as written, so one suite has one spelling.
    fn parse_exact(s: &str) -> Option<Self> {
        [Self::Sha1, Self::Sha256, Self::Sha512]
            .into_iter()
            .find(|h| h.as_str() == s)
    }

    /// Digest length in bytes.
    #[must_use]
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha512 => 64,
        }
    }

    pub(crate) fn hmac(self) -> hmac::Algorithm {
        match self {
            Self::Sha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
            Self::Sha256 => hmac::HMAC_SHA256,
            Self::Sha512 => hmac::HMAC_SHA512,
        }
    }

    /// The digest of `data` (for the `P` input: the hash of the PIN).
    #[must_use]
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let alg = match self {
            Self::Sha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            Self::Sha256 => &ring::digest::SHA256,
            Self::Sha512 => &ring::digest::SHA512,
        };
        ring::digest::digest(alg, data).as_ref().to_vec()
    }
}

/// How the challenge `Q` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionFormat {
    /// `A`: printable ASCII.
    Alphanumeric,
    /// `N`: decimal digits.
    Numeric,
    /// `H`: hexadecimal digits.
    Hex,
}

/// Largest `Snnn` accepted, in bytes (the RFC sets none; this bounds input).
pub const MAX_SESSION_LEN: u16 = 512;
/// The `Q` field is 128 bytes (RFC 6287 §5.1).
const Q_LEN: usize = 128;

/// A parsed OCRA suite (RFC 6287 §6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suite {
    text: String,
    hash: Hash,
    digits: u8,
    counter: bool,
    question_format: QuestionFormat,
    question_len: u8,
    pin: Option<Hash>,
    session_len: Option<u16>,
    time_step: Option<u64>,
}

fn number_in(s: &str, min: u32, max: u32) -> Option<u32> {
    // Decimal digits only, no sign, no leading zero (one spelling per number).
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse::<u32>().ok().filter(|n| (min..=max).contains(n))
}

impl Suite {
    /// Parses a suite string; anything outside the grammar above is
    /// `Error::Malformed("OCRA suite")`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        Self::parse_inner(s).ok_or(Error::Malformed("OCRA suite"))
    }

    fn parse_inner(s: &str) -> Option<Self> {
        let mut top = s.split(':');
        let (Some(version), Some(function), Some(data), None) =
            (top.next(), top.next(), top.next(), top.next())
        else {
            return None;
        };
        if version != "OCRA-1" {
            return None;
        }
        // CryptoFunction: HOTP-H-t.
        let (hash, digits) = function.strip_prefix("HOTP-")?.split_once('-')?;
        let hash = Hash::parse_exact(hash)?;
        let digits = if digits == "0" {
            0
        } else {
            number_in(digits, 4, 10)?
        };

        // DataInput: [C-]QFxx[-PH][-Snnn][-TG].
        let mut parts = data.split('-').peekable();
        let counter = parts.next_if_eq(&"C").is_some();
        let q = parts.next()?.strip_prefix('Q')?;
        let question_format = match q.as_bytes().first()? {
            b'A' => QuestionFormat::Alphanumeric,
            b'N' => QuestionFormat::Numeric,
            b'H' => QuestionFormat::Hex,
            _ => return None,
        };
        // xx is always two digits (04..64), so here a leading zero is allowed.
        let xx = q.get(1..)?;
        if xx.len() != 2 || !xx.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let question_len: u8 = xx.parse().ok().filter(|n| (4..=64).contains(n))?;

        let mut pin = None;
        let mut session_len = None;
        let mut time_step = None;
        // Each optional part at most once, in the order P, S, T.
        let mut stage = 0;
        for part in parts {
            if let Some(h) = part.strip_prefix('P') {
                if stage >= 1 {
                    return None;
                }
                stage = 1;
                pin = Some(Hash::parse_exact(h)?);
            } else if let Some(n) = part.strip_prefix('S') {
                if stage >= 2 || n.len() != 3 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                stage = 2;
                let n: u16 = n.parse().ok()?;
                if n == 0 || n > MAX_SESSION_LEN {
                    return None;
                }
                session_len = Some(n);
            } else if let Some(g) = part.strip_prefix('T') {
                if stage >= 3 {
                    return None;
                }
                stage = 3;
                // Checked: a last character of several bytes ("T1é") made `split_at` panic
                // (found by fuzzing: docs/FUZZING.md).
                let (count, unit) = g.split_at_checked(g.len().checked_sub(1)?)?;
                let step = match unit {
                    "S" => u64::from(number_in(count, 1, 59)?),
                    "M" => u64::from(number_in(count, 1, 59)?) * 60,
                    "H" => u64::from(number_in(count, 1, 48)?) * 3600,
                    _ => return None,
                };
                time_step = Some(step);
            } else {
                return None;
            }
        }
        Some(Self {
            text: s.to_owned(),
            hash,
            digits: u8::try_from(digits).ok()?,
            counter,
            question_format,
            question_len,
            pin,
            session_len,
            time_step,
        })
    }

    /// The suite string, as parsed (it is part of the HMAC input).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// The HMAC's hash function.
    #[must_use]
    pub fn hash(&self) -> Hash {
        self.hash
    }
    /// Digits of the response; 0 means the full HMAC (in hex).
    #[must_use]
    pub fn digits(&self) -> u8 {
        self.digits
    }
    /// Whether the suite has a counter `C`.
    #[must_use]
    pub fn has_counter(&self) -> bool {
        self.counter
    }
    /// The challenge's format.
    #[must_use]
    pub fn question_format(&self) -> QuestionFormat {
        self.question_format
    }
    /// The `xx` of `QFxx`: the length of one challenge.
    #[must_use]
    pub fn question_len(&self) -> u8 {
        self.question_len
    }
    /// The hash of the `P` input, if the suite has one.
    #[must_use]
    pub fn pin_hash(&self) -> Option<Hash> {
        self.pin
    }
    /// The `nnn` of `Snnn`, if the suite has a session input.
    #[must_use]
    pub fn session_len(&self) -> Option<u16> {
        self.session_len
    }
    /// The time step in seconds, if the suite has a `T` input.
    #[must_use]
    pub fn time_step_seconds(&self) -> Option<u64> {
        self.time_step
    }
    /// The `T` input for a Unix time: whole time steps since the epoch.
    #[must_use]
    pub fn time_steps(&self, unix_seconds: u64) -> Option<u64> {
        self.time_step.map(|step| unix_seconds / step)
    }
}

impl std::str::FromStr for Suite {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

/// The inputs of one computation. Each must be given if and only if the suite has it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    /// `C`.
    pub counter: Option<u64>,
    /// `Q`, in the suite's format (decimal digits for `N`, hex digits for `H`).
    pub question: &'a str,
    /// `P`: the hash of the PIN or password, with the suite's function.
    pub password_hash: Option<&'a [u8]>,
    /// `S`: at most `nnn` bytes.
    pub session: Option<&'a [u8]>,
    /// `T`: the number of time steps since the epoch ([`Suite::time_steps`]).
    pub timestamp: Option<u64>,
}

/// Writes hexadecimal digits into `q` as nibbles, left-justified.
fn put_nibbles(q: &mut [u8; Q_LEN], nibbles: &[u8]) -> Result<(), Error> {
    if nibbles.len() > 2 * Q_LEN {
        return Err(Error::TooLarge("OCRA question"));
    }
    for (i, n) in nibbles.iter().enumerate() {
        q[i / 2] |= if i % 2 == 0 { n << 4 } else { *n };
    }
    Ok(())
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The 128-byte `Q` field (RFC 6287 §5.1).
fn question_field(format: QuestionFormat, question: &str) -> Result<[u8; Q_LEN], Error> {
    const BAD: Error = Error::Malformed("OCRA question");
    if question.is_empty() {
        return Err(BAD);
    }
    if question.len() > 2 * Q_LEN + 64 {
        return Err(Error::TooLarge("OCRA question"));
    }
    let mut q = [0u8; Q_LEN];
    match format {
        QuestionFormat::Alphanumeric => {
            if !question.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(BAD);
            }
            if question.len() > Q_LEN {
                return Err(Error::TooLarge("OCRA question"));
            }
            q[..question.len()].copy_from_slice(question.as_bytes());
        }
        QuestionFormat::Hex => {
            let nibbles: Option<Vec<u8>> = question.bytes().map(hex_value).collect();
            put_nibbles(&mut q, &nibbles.ok_or(BAD)?)?;
        }
        QuestionFormat::Numeric => {
            if !question.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BAD);
            }
            // The number in base 256, big-endian: multiply by ten and add, digit by digit.
            let mut number: Vec<u8> = Vec::new();
            for d in question.bytes().map(|b| b - b'0') {
                let mut carry = u16::from(d);
                for byte in number.iter_mut().rev() {
                    let v = u16::from(*byte) * 10 + carry;
                    *byte = (v & 0xff) as u8;
                    carry = v >> 8;
                }
                if carry > 0 {
                    number.insert(0, carry as u8);
                }
            }
            // Its hexadecimal digits without leading zeros ("0" for zero), as the RFC's
            // reference code writes them (Java's BigInteger.toString(16)).
            let mut nibbles: Vec<u8> = number.iter().flat_map(|b| [b >> 4, b & 0x0f]).collect();
            let first = nibbles
                .iter()
                .position(|&n| n != 0)
                .unwrap_or(nibbles.len());
            nibbles.drain(..first);
            if nibbles.is_empty() {
                nibbles.push(0);
            }
            put_nibbles(&mut q, &nibbles)?;
        }
    }
    Ok(q)
}

/// The OCRA response of `suite` under `key` for `input`.
pub fn compute(suite: &Suite, key: &[u8], input: &Input<'_>) -> Result<String, Error> {
    let mut data = Vec::with_capacity(suite.text.len() + 1 + 8 + Q_LEN + 64 + 512 + 8);
    data.extend_from_slice(suite.text.as_bytes());
    data.push(0x00);
    match (suite.counter, input.counter) {
        (true, Some(c)) => data.extend_from_slice(&c.to_be_bytes()),
        (false, None) => {}
        _ => return Err(Error::Malformed("OCRA counter")),
    }
    data.extend_from_slice(&question_field(suite.question_format, input.question)?);
    match (suite.pin, input.password_hash) {
        (Some(h), Some(p)) if p.len() == h.output_len() => data.extend_from_slice(p),
        (None, None) => {}
        _ => return Err(Error::Malformed("OCRA password hash")),
    }
    match (suite.session_len, input.session) {
        (Some(n), Some(s)) if s.len() <= usize::from(n) => {
            data.resize(data.len() + usize::from(n) - s.len(), 0);
            data.extend_from_slice(s);
        }
        (None, None) => {}
        _ => return Err(Error::Malformed("OCRA session")),
    }
    match (suite.time_step, input.timestamp) {
        (Some(_), Some(t)) => data.extend_from_slice(&t.to_be_bytes()),
        (None, None) => {}
        _ => return Err(Error::Malformed("OCRA timestamp")),
    }

    let tag = hmac::sign(&hmac::Key::new(suite.hash.hmac(), key), &data);
    if suite.digits == 0 {
        return Ok(hex::encode(tag.as_ref()));
    }
    Ok(crate::truncate(tag.as_ref(), suite.digits))
}

/// A random challenge for `suite`: exactly `xx` characters of its question format, drawn
/// uniformly from the operating system's generator. `N`: decimal digits; `H`: lower-case hex;
/// `A`: capital letters and digits. RFC 6287 §5.1 allows any printable ASCII for `A`, but
/// people type these challenges into a token's keypad or read them aloud, so they get the
/// 36 characters that no one confuses with punctuation (about 5.2 bits each).
///
/// # Panics
/// Only if the operating system's random generator fails, as every use of `OsRng` does.
#[must_use]
pub fn challenge(suite: &Suite) -> String {
    use rand::Rng;
    const DIGITS: &[u8] = b"0123456789";
    const HEX: &[u8] = b"0123456789abcdef";
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let alphabet = match suite.question_format {
        QuestionFormat::Numeric => DIGITS,
        QuestionFormat::Hex => HEX,
        QuestionFormat::Alphanumeric => ALNUM,
    };
    let mut rng = rand::rngs::OsRng;
    (0..suite.question_len)
        .map(|_| char::from(alphabet[rng.gen_range(0..alphabet.len())]))
        .collect()
}

/// The question that carries transaction data (RFC 6287 §7.3, signature modes: the challenge
/// is derived from what is signed), made from SHA-256(`data`) — SHA-256 rather than the suite's
/// hash, so one piece of data gives one question whatever the token's HMAC:
///
/// - `QH`: its lower-case hex, cut to the suite's `xx` digits (its 64 digits cover the largest
///   `xx`);
/// - `QN`: the hash read as a big-endian unsigned integer, modulo 10^`xx`, written in decimal
///   with leading zeros to exactly `xx` digits — the question a keypad token takes (RFC 6287
///   §5.1: a numeric `Q` is a decimal number of up to `xx` digits, which the token turns into
///   hexadecimal). 2^256 is about 1.2 × 10^77, so even `QN64` keeps 64 digits of the hash and
///   the remainder's bias is below 10^-13;
/// - `QA`: `Error::Unsupported` — a token's alphanumeric keypad varies, and no mapping of the
///   hash to characters is one every token takes.
pub fn hashed_question(suite: &Suite, data: &[u8]) -> Result<String, Error> {
    let digest = Hash::Sha256.digest(data);
    let len = usize::from(suite.question_len);
    match suite.question_format {
        QuestionFormat::Hex => {
            let hex = hex::encode(digest);
            Ok(hex[..len.min(hex.len())].to_owned())
        }
        QuestionFormat::Numeric => Ok(decimal_tail(&digest, len)),
        QuestionFormat::Alphanumeric => Err(Error::Unsupported(
            "OCRA question format for a hashed question",
        )),
    }
}

/// The last `len` decimal digits of the big-endian unsigned integer `number`, zero-padded:
/// `number mod 10^len`. Long division by ten, once per digit, lowest digit first.
fn decimal_tail(number: &[u8], len: usize) -> String {
    let mut n = number.to_vec();
    let mut digits = Vec::with_capacity(len);
    for _ in 0..len {
        let mut remainder = 0u16;
        for byte in &mut n {
            let v = remainder * 256 + u16::from(*byte);
            // v < 2560, so v / 10 < 256.
            *byte = (v / 10) as u8;
            remainder = v % 10;
        }
        digits.push(char::from(b'0' + remainder as u8));
    }
    digits.iter().rev().collect()
}

/// Whether `response` is the OCRA response of `suite` under `key` for `input`, compared in
/// constant time. Errors are those of [`compute`] (inputs that do not fit the suite); a
/// response of the wrong form is simply `false`. Full-HMAC suites (`t = 0`) accept the hex in
/// either case.
pub fn verify(suite: &Suite, key: &[u8], input: &Input<'_>, response: &str) -> Result<bool, Error> {
    let expected = compute(suite, key, input)?;
    let response = normalise_response(suite, response);
    Ok(crate::constant_time_eq(
        expected.as_bytes(),
        response.as_bytes(),
    ))
}

/// The look-ahead of a counter suite (`C`), as RFC 4226 §7.4 does for HOTP: the first counter
/// in `next..=next+window` whose response is `response`, or `None`. `input` must not carry a
/// counter (this supplies it). Every candidate is computed and compared in constant time, so
/// the time taken does not tell which one matched; `window` is clamped to
/// [`MAX_WINDOW`](crate::MAX_WINDOW).
pub fn verify_counter(
    suite: &Suite,
    key: &[u8],
    input: &Input<'_>,
    next: u64,
    window: u64,
    response: &str,
) -> Result<Option<u64>, Error> {
    if !suite.counter || input.counter.is_some() {
        return Err(Error::Malformed("OCRA counter"));
    }
    let response = normalise_response(suite, response);
    let last = next.saturating_add(window.min(crate::MAX_WINDOW));
    let mut found = None;
    for counter in next..=last {
        let expected = compute(
            suite,
            key,
            &Input {
                counter: Some(counter),
                ..*input
            },
        )?;
        let hit = crate::constant_time_eq(expected.as_bytes(), response.as_bytes());
        if hit && found.is_none() {
            found = Some(counter);
        }
    }
    Ok(found)
}

/// Full-HMAC responses are hex, which people may type in capitals; decimal ones are as given.
fn normalise_response(suite: &Suite, response: &str) -> String {
    if suite.digits == 0 {
        response.to_ascii_lowercase()
    } else {
        response.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6287 Appendix C: the keys are ASCII digit strings ("Standard 20Byte" is
    // 3132333435363738393031323334353637383930, and so on).
    const KEY20: &[u8] = b"12345678901234567890";
    const KEY32: &[u8] = b"12345678901234567890123456789012";
    const KEY64: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";
    // Appendix C: "PIN (1234) SHA1 hash value".
    const PIN_1234_SHA1: &str = "7110eda4d09e062aa5e4a390b0a572ac0d2c0220";

    fn run(suite: &str, key: &[u8], input: Input<'_>) -> String {
        compute(&Suite::parse(suite).unwrap(), key, &input).unwrap()
    }

    fn q(question: &str) -> Input<'_> {
        Input {
            question,
            ..Input::default()
        }
    }

    #[test]
    fn the_pin_hash_of_appendix_c() {
        assert_eq!(hex::encode(Hash::Sha1.digest(b"1234")), PIN_1234_SHA1);
    }

    #[test]
    fn rfc_6287_c1_hotp_sha1_6_qn08() {
        let expected = [
            "237653", "243178", "653583", "740991", "608993", "388898", "816933", "224598",
            "750600", "294470",
        ];
        for (i, want) in expected.iter().enumerate() {
            let question = i.to_string().repeat(8);
            assert_eq!(
                run("OCRA-1:HOTP-SHA1-6:QN08", KEY20, q(&question)),
                *want,
                "{question}"
            );
        }
    }

    #[test]
    fn rfc_6287_c1_hotp_sha256_8_c_qn08_psha1() {
        let pin = hex::decode(PIN_1234_SHA1).unwrap();
        let expected = [
            "65347737", "86775851", "78192410", "71565254", "10104329", "65983500", "70069104",
            "91771096", "75011558", "08522129",
        ];
        for (c, want) in expected.iter().enumerate() {
            let input = Input {
                counter: Some(c as u64),
                question: "12345678",
                password_hash: Some(&pin),
                ..Input::default()
            };
            assert_eq!(
                run("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1", KEY32, input),
                *want,
                "C={c}"
            );
        }
    }

    #[test]
    fn rfc_6287_c1_hotp_sha256_8_qn08_psha1() {
        let pin = hex::decode(PIN_1234_SHA1).unwrap();
        let expected = ["83238735", "01501458", "17957585", "86776967", "86807031"];
        for (i, want) in expected.iter().enumerate() {
            let question = i.to_string().repeat(8);
            let input = Input {
                question: &question,
                password_hash: Some(&pin),
                ..Input::default()
            };
            assert_eq!(
                run("OCRA-1:HOTP-SHA256-8:QN08-PSHA1", KEY32, input),
                *want,
                "{question}"
            );
        }
    }

    #[test]
    fn rfc_6287_c1_hotp_sha512_8_c_qn08() {
        let expected = [
            "07016083", "63947962", "70123924", "25341727", "33203315", "34205738", "44343969",
            "51946085", "20403879", "31409299",
        ];
        for (i, want) in expected.iter().enumerate() {
            let question = i.to_string().repeat(8);
            let input = Input {
                counter: Some(i as u64),
                question: &question,
                ..Input::default()
            };
            assert_eq!(
                run("OCRA-1:HOTP-SHA512-8:C-QN08", KEY64, input),
                *want,
                "{question}"
            );
        }
    }

    #[test]
    fn rfc_6287_c1_hotp_sha512_8_qn08_t1m() {
        let suite = Suite::parse("OCRA-1:HOTP-SHA512-8:QN08-T1M").unwrap();
        // T = 0x132d0b6 minutes, the RFC's time (2008-03-25 12:06 UTC, Unix 1206446760).
        let t = suite.time_steps(1_206_446_760).unwrap();
        assert_eq!(t, 0x132d0b6);
        let expected = ["95209754", "55907591", "22048402", "24218844", "36209546"];
        for (i, want) in expected.iter().enumerate() {
            let question = i.to_string().repeat(8);
            let input = Input {
                question: &question,
                timestamp: Some(t),
                ..Input::default()
            };
            assert_eq!(compute(&suite, KEY64, &input).unwrap(), *want, "{question}");
        }
    }

    #[test]
    fn rfc_6287_c2_mutual_sha256() {
        // Server: Q = client challenge ‖ server challenge; client: the other way round.
        let server = ["28247970", "01984843", "65387857", "03351211", "83412541"];
        let client = ["15510767", "90175646", "33777207", "95285278", "28934924"];
        for i in 0..5 {
            let (cli, srv) = (format!("CLI2222{i}"), format!("SRV1111{i}"));
            let sq = format!("{cli}{srv}");
            let cq = format!("{srv}{cli}");
            assert_eq!(
                run("OCRA-1:HOTP-SHA256-8:QA08", KEY32, q(&sq)),
                server[i],
                "{sq}"
            );
            assert_eq!(
                run("OCRA-1:HOTP-SHA256-8:QA08", KEY32, q(&cq)),
                client[i],
                "{cq}"
            );
        }
    }

    #[test]
    fn rfc_6287_c2_mutual_sha512_with_pin() {
        let pin = hex::decode(PIN_1234_SHA1).unwrap();
        let server = ["79496648", "76831980", "12250499", "90856481", "12761449"];
        let client = ["18806276", "70020315", "01600026", "18951020", "32528969"];
        for i in 0..5 {
            let (cli, srv) = (format!("CLI2222{i}"), format!("SRV1111{i}"));
            let sq = format!("{cli}{srv}");
            assert_eq!(
                run("OCRA-1:HOTP-SHA512-8:QA08", KEY64, q(&sq)),
                server[i],
                "{sq}"
            );
            let cq = format!("{srv}{cli}");
            let input = Input {
                question: &cq,
                password_hash: Some(&pin),
                ..Input::default()
            };
            assert_eq!(
                run("OCRA-1:HOTP-SHA512-8:QA08-PSHA1", KEY64, input),
                client[i],
                "{cq}"
            );
        }
    }

    #[test]
    fn rfc_6287_c3_plain_signature() {
        let expected = ["53095496", "04110475", "31331128", "76028668", "46554205"];
        for (i, want) in expected.iter().enumerate() {
            let question = format!("SIG1{i}000");
            assert_eq!(
                run("OCRA-1:HOTP-SHA256-8:QA08", KEY32, q(&question)),
                *want,
                "{question}"
            );
        }
        let timed = ["77537423", "31970405", "10235557", "95213541", "65360607"];
        for (i, want) in timed.iter().enumerate() {
            let question = format!("SIG1{i}00000");
            let input = Input {
                question: &question,
                timestamp: Some(0x132d0b6),
                ..Input::default()
            };
            assert_eq!(
                run("OCRA-1:HOTP-SHA512-8:QA10-T1M", KEY64, input),
                *want,
                "{question}"
            );
        }
    }

    #[test]
    fn hex_questions_are_nibbles_left_justified() {
        // A numeric question is its hex form: 12345678 = 0xBC614E (the suite string is part of
        // the HMAC input, so compare the Q fields rather than codes of QN and QH suites).
        let field = question_field(QuestionFormat::Hex, "bc614e").unwrap();
        assert_eq!(
            field,
            question_field(QuestionFormat::Numeric, "12345678").unwrap()
        );
        assert_eq!(&field[..4], &[0xbc, 0x61, 0x4e, 0x00]);
        // 33333333 = 0x1FCA055: seven nibbles, so the last byte is 0x50 (Appendix C's table
        // of binary challenges shows 1f ca 05 50).
        let field = question_field(QuestionFormat::Numeric, "33333333").unwrap();
        assert_eq!(&field[..5], &[0x1f, 0xca, 0x05, 0x50, 0x00]);
        // Case does not matter in hex.
        assert_eq!(
            question_field(QuestionFormat::Hex, "ABCdef").unwrap(),
            question_field(QuestionFormat::Hex, "abcDEF").unwrap()
        );
        // Zero is all zero bytes; leading zeros of a number do not count.
        assert_eq!(
            question_field(QuestionFormat::Numeric, "00000000").unwrap(),
            [0u8; 128]
        );
        assert_eq!(
            question_field(QuestionFormat::Numeric, "0012").unwrap(),
            question_field(QuestionFormat::Numeric, "12").unwrap()
        );
        // A 64-digit hex question fills 32 bytes.
        let sixty_four = "f".repeat(64);
        let field = question_field(QuestionFormat::Hex, &sixty_four).unwrap();
        assert_eq!(&field[..33], &[[0xffu8; 32].as_slice(), &[0]].concat()[..]);
    }

    #[test]
    fn truncation_lengths() {
        let code = |digits: &str| run(&format!("OCRA-1:HOTP-SHA256-{digits}:QN08"), KEY32, q("1"));
        for d in 4..=10 {
            let c = code(&d.to_string());
            assert_eq!(c.len(), d, "{c}");
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
        // t = 0: the whole HMAC-SHA-256, in hex.
        let full = code("0");
        assert_eq!(full.len(), 64);
        assert!(full.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn suites_of_the_grammar_parse() {
        let s = Suite::parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1").unwrap();
        assert_eq!(
            (
                s.hash(),
                s.digits(),
                s.has_counter(),
                s.question_format(),
                s.question_len()
            ),
            (Hash::Sha256, 8, true, QuestionFormat::Numeric, 8)
        );
        assert_eq!(s.pin_hash(), Some(Hash::Sha1));
        assert_eq!((s.session_len(), s.time_step_seconds()), (None, None));
        assert_eq!(s.as_str(), "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1");
        let s: Suite = "OCRA-1:HOTP-SHA512-0:QH64-PSHA512-S128-T48H"
            .parse()
            .unwrap();
        assert_eq!(
            (s.digits(), s.question_format(), s.question_len()),
            (0, QuestionFormat::Hex, 64)
        );
        assert_eq!(
            (s.session_len(), s.time_step_seconds()),
            (Some(128), Some(48 * 3600))
        );
        for ok in [
            "OCRA-1:HOTP-SHA256-8:QH64",
            "OCRA-1:HOTP-SHA1-4:QA04",
            "OCRA-1:HOTP-SHA1-10:C-QH32-S064",
            "OCRA-1:HOTP-SHA256-6:QN10-T30S",
            "OCRA-1:HOTP-SHA256-6:C-QA64-PSHA256-S001-T59M",
        ] {
            assert!(Suite::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn suites_outside_the_grammar_are_refused() {
        for bad in [
            "",
            "OCRA-2:HOTP-SHA1-6:QN08",
            "ocra-1:HOTP-SHA1-6:QN08",
            "OCRA-1:TOTP-SHA1-6:QN08",
            "OCRA-1:HOTP-MD5-6:QN08",
            "OCRA-1:HOTP-SHA1-3:QN08",
            "OCRA-1:HOTP-SHA1-11:QN08",
            "OCRA-1:HOTP-SHA1-06:QN08",
            "OCRA-1:HOTP-SHA1:QN08",
            "OCRA-1:HOTP-SHA1-6",
            "OCRA-1:HOTP-SHA1-6:QN08:",
            "OCRA-1:HOTP-SHA1-6:",
            "OCRA-1:HOTP-SHA1-6:C",
            "OCRA-1:HOTP-SHA1-6:QN03",
            "OCRA-1:HOTP-SHA1-6:QN65",
            "OCRA-1:HOTP-SHA1-6:QN8",
            "OCRA-1:HOTP-SHA1-6:QX08",
            "OCRA-1:HOTP-SHA1-6:QN08-",
            "OCRA-1:HOTP-SHA1-6:QN08-C",
            "OCRA-1:HOTP-SHA1-6:PSHA1-QN08",
            "OCRA-1:HOTP-SHA1-6:QN08-PSHA384",
            "OCRA-1:HOTP-SHA1-6:QN08-PSHA1-PSHA1",
            "OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1",
            "OCRA-1:HOTP-SHA1-6:QN08-S64",
            "OCRA-1:HOTP-SHA1-6:QN08-S000",
            "OCRA-1:HOTP-SHA1-6:QN08-S513",
            "OCRA-1:HOTP-SHA1-6:QN08-T0M",
            "OCRA-1:HOTP-SHA1-6:QN08-T60S",
            "OCRA-1:HOTP-SHA1-6:QN08-T49H",
            "OCRA-1:HOTP-SHA1-6:QN08-T01M",
            "OCRA-1:HOTP-SHA1-6:QN08-T1D",
            "OCRA-1:HOTP-SHA1-6:QN08-T",
            "OCRA-1:HOTP-SHA1-6:qn08",
        ] {
            assert_eq!(
                Suite::parse(bad),
                Err(Error::Malformed("OCRA suite")),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn inputs_must_match_the_suite() {
        let with_all = Suite::parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1-S004-T1M").unwrap();
        let pin = Hash::Sha1.digest(b"1234");
        let full = Input {
            counter: Some(1),
            question: "12345678",
            password_hash: Some(&pin),
            session: Some(b"abcd"),
            timestamp: Some(5),
        };
        let code = compute(&with_all, KEY32, &full).unwrap();
        // A shorter session is left-padded with zeros.
        let short = compute(
            &with_all,
            KEY32,
            &Input {
                session: Some(b"bcd"),
                ..full
            },
        )
        .unwrap();
        let padded = compute(
            &with_all,
            KEY32,
            &Input {
                session: Some(b"\0bcd"),
                ..full
            },
        )
        .unwrap();
        assert_eq!(short, padded);
        assert_ne!(short, code);
        for (input, what) in [
            (
                Input {
                    counter: None,
                    ..full
                },
                "OCRA counter",
            ),
            (
                Input {
                    password_hash: None,
                    ..full
                },
                "OCRA password hash",
            ),
            (
                Input {
                    password_hash: Some(&pin[..19]),
                    ..full
                },
                "OCRA password hash",
            ),
            (
                Input {
                    session: None,
                    ..full
                },
                "OCRA session",
            ),
            (
                Input {
                    session: Some(b"abcde"),
                    ..full
                },
                "OCRA session",
            ),
            (
                Input {
                    timestamp: None,
                    ..full
                },
                "OCRA timestamp",
            ),
            (
                Input {
                    question: "1234567a",
                    ..full
                },
                "OCRA question",
            ),
            (
                Input {
                    question: "",
                    ..full
                },
                "OCRA question",
            ),
        ] {
            assert_eq!(
                compute(&with_all, KEY32, &input),
                Err(Error::Malformed(what)),
                "{what}"
            );
        }
        let bare = Suite::parse("OCRA-1:HOTP-SHA1-6:QA08").unwrap();
        for (input, what) in [
            (
                Input {
                    counter: Some(0),
                    ..q("ABC")
                },
                "OCRA counter",
            ),
            (
                Input {
                    password_hash: Some(&pin),
                    ..q("ABC")
                },
                "OCRA password hash",
            ),
            (
                Input {
                    session: Some(b""),
                    ..q("ABC")
                },
                "OCRA session",
            ),
            (
                Input {
                    timestamp: Some(0),
                    ..q("ABC")
                },
                "OCRA timestamp",
            ),
            (q("AB C"), "OCRA question"),
            (q("ABÇ"), "OCRA question"),
        ] {
            assert_eq!(
                compute(&bare, KEY20, &input),
                Err(Error::Malformed(what)),
                "{what}"
            );
        }
        assert_eq!(
            compute(&bare, KEY20, &q(&"A".repeat(129))),
            Err(Error::TooLarge("OCRA question"))
        );
        assert!(compute(&bare, KEY20, &q(&"A".repeat(128))).is_ok());
        let hex = Suite::parse("OCRA-1:HOTP-SHA1-6:QH64").unwrap();
        assert_eq!(
            compute(&hex, KEY20, &q("12g4")),
            Err(Error::Malformed("OCRA question"))
        );
        assert_eq!(
            compute(&hex, KEY20, &q(&"f".repeat(257))),
            Err(Error::TooLarge("OCRA question"))
        );
        let num = Suite::parse("OCRA-1:HOTP-SHA1-6:QN64").unwrap();
        // 309 nines exceed 2^1024, i.e. 256 hex digits.
        assert_eq!(
            compute(&num, KEY20, &q(&"9".repeat(309))),
            Err(Error::TooLarge("OCRA question"))
        );
        assert!(compute(&num, KEY20, &q(&"9".repeat(300))).is_ok());
    }

    #[test]
    fn hash_names() {
        for h in [Hash::Sha1, Hash::Sha256, Hash::Sha512] {
            assert_eq!(Hash::parse(h.as_str()), Some(h));
            assert_eq!(Hash::parse(&h.as_str().to_ascii_lowercase()), Some(h));
        }
        assert_eq!(Hash::parse("Sha256"), Some(Hash::Sha256));
        for bad in ["", "SHA-1", "SHA384", "MD5", "SHA1 ", "HMAC-SHA1"] {
            assert_eq!(Hash::parse(bad), None, "{bad:?}");
        }
        // The suite grammar keeps its capitals: the suite string is part of the HMAC input.
        assert_eq!(
            Suite::parse("OCRA-1:HOTP-sha1-6:QN08"),
            Err(Error::Malformed("OCRA suite"))
        );
        assert_eq!(
            Suite::parse("OCRA-1:HOTP-SHA1-6:QN08-Psha1"),
            Err(Error::Malformed("OCRA suite"))
        );
    }

    #[test]
    fn challenges_have_the_suite_format_and_length() {
        let cases = [
            ("OCRA-1:HOTP-SHA1-6:QN08", 8, b"0123456789".as_slice()),
            ("OCRA-1:HOTP-SHA1-6:QN04", 4, b"0123456789".as_slice()),
            (
                "OCRA-1:HOTP-SHA256-8:QH64",
                64,
                b"0123456789abcdef".as_slice(),
            ),
            (
                "OCRA-1:HOTP-SHA256-8:C-QA10",
                10,
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".as_slice(),
            ),
        ];
        for (suite, len, alphabet) in cases {
            let suite = Suite::parse(suite).unwrap();
            let c = challenge(&suite);
            assert_eq!(c.len(), len, "{c}");
            assert!(c.bytes().all(|b| alphabet.contains(&b)), "{c}");
            // Each one is a valid question of its suite.
            let input = Input {
                counter: suite.has_counter().then_some(0),
                question: &c,
                ..Input::default()
            };
            assert!(compute(&suite, KEY32, &input).is_ok());
        }
        // 256 random bits: two draws never agree in practice.
        let suite = Suite::parse("OCRA-1:HOTP-SHA256-8:QH64").unwrap();
        assert_ne!(challenge(&suite), challenge(&suite));
    }

    #[test]
    fn hashed_questions_are_sha256_hex_cut_to_the_suite_length() {
        // FIPS 180-2 Appendix B.1: SHA-256("abc").
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let qh64 = Suite::parse("OCRA-1:HOTP-SHA256-8:QH64").unwrap();
        assert_eq!(hashed_question(&qh64, b"abc").unwrap(), abc);
        let qh08 = Suite::parse("OCRA-1:HOTP-SHA1-6:C-QH08").unwrap();
        assert_eq!(hashed_question(&qh08, b"abc").unwrap(), &abc[..8]);
        assert_eq!(
            hashed_question(&Suite::parse("OCRA-1:HOTP-SHA256-8:QA08").unwrap(), b"abc"),
            Err(Error::Unsupported(
                "OCRA question format for a hashed question"
            ))
        );
    }

    #[test]
    fn hashed_numeric_questions_are_the_hash_modulo_a_power_of_ten() {
        // int(SHA-256("abc"), 16) = 84342368487090800366523834928142263660104883695016514377
        // 462985829716817089965 (Python's arbitrary-precision integers); its last digits, with
        // the leading zero of the 64-digit tail kept.
        let q = |suite: &str| hashed_question(&Suite::parse(suite).unwrap(), b"abc").unwrap();
        assert_eq!(q("OCRA-1:HOTP-SHA1-6:QN08"), "17089965");
        assert_eq!(q("OCRA-1:HOTP-SHA1-6:QN04"), "9965");
        assert_eq!(
            q("OCRA-1:HOTP-SHA256-8:QN64"),
            "0800366523834928142263660104883695016514377462985829716817089965"
        );
        // Another input, another question; every question is digits of the suite's length.
        let other = hashed_question(&Suite::parse("OCRA-1:HOTP-SHA1-6:QN08").unwrap(), b"abd");
        assert_ne!(other.as_deref().unwrap(), "17089965");
        assert!(other.unwrap().bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(decimal_tail(&[0; 32], 6), "000000");
        assert_eq!(decimal_tail(&[0x01, 0x00], 5), "00256");
    }

    /// A token given a hashed numeric question answers what this computes: the responses below
    /// are those of the Python `oath` package 1.4.5 (`oath._ocra.str2ocrasuite(suite)(key,
    /// Q=question)`, an independent OCRA implementation), including a question with a leading
    /// zero, which a token reads as a number (RFC 6287 §5.1).
    #[test]
    fn hashed_numeric_questions_get_the_responses_of_another_implementation() {
        let key20 = b"12345678901234567890";
        let cases: [(&str, &[u8], &str); 3] = [
            ("OCRA-1:HOTP-SHA1-6:QN08", key20, "517542"),
            ("OCRA-1:HOTP-SHA256-8:QN08", KEY32, "99130728"),
            ("OCRA-1:HOTP-SHA256-8:QN64", KEY32, "52557852"),
        ];
        for (suite, key, response) in cases {
            let suite = Suite::parse(suite).unwrap();
            let question = hashed_question(&suite, b"abc").unwrap();
            assert_eq!(compute(&suite, key, &q(&question)).unwrap(), response);
        }
        // The question of a transaction digest's text (43 base64url characters).
        let suite = Suite::parse("OCRA-1:HOTP-SHA1-6:QN08").unwrap();
        let question =
            hashed_question(&suite, b"q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c").unwrap();
        assert_eq!(question, "29441523");
        assert_eq!(compute(&suite, key20, &q(&question)).unwrap(), "581307");
    }

    #[test]
    fn verify_compares_with_the_computed_response() {
        let suite = Suite::parse("OCRA-1:HOTP-SHA1-6:QN08").unwrap();
        // Appendix C: Q = 11111111 gives 243178.
        let input = q("11111111");
        assert_eq!(verify(&suite, KEY20, &input, "243178"), Ok(true));
        for wrong in ["243179", "237653", "24317", "2431780", "", "24317 8"] {
            assert_eq!(verify(&suite, KEY20, &input, wrong), Ok(false), "{wrong:?}");
        }
        assert_eq!(
            verify(&suite, KEY20, &q("1111111x"), "243178"),
            Err(Error::Malformed("OCRA question"))
        );
        // Full-HMAC responses are hex, in either case.
        let full = Suite::parse("OCRA-1:HOTP-SHA256-0:QN08").unwrap();
        let hmac = compute(&full, KEY32, &input).unwrap();
        assert_eq!(verify(&full, KEY32, &input, &hmac), Ok(true));
        assert_eq!(
            verify(&full, KEY32, &input, &hmac.to_ascii_uppercase()),
            Ok(true)
        );
        assert_eq!(verify(&full, KEY32, &input, &hmac[..63]), Ok(false));
    }

    #[test]
    fn counter_look_ahead_finds_the_counter_up_to_the_window_edge() {
        let suite = Suite::parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1").unwrap();
        let pin = hex::decode(PIN_1234_SHA1).unwrap();
        let input = Input {
            question: "12345678",
            password_hash: Some(&pin),
            ..Input::default()
        };
        // Appendix C: C = 9 gives 08522129, C = 4 gives 10104329.
        let run = |next, window, response| {
            verify_counter(&suite, KEY32, &input, next, window, response).unwrap()
        };
        assert_eq!(run(0, 9, "08522129"), Some(9));
        assert_eq!(run(0, 8, "08522129"), None);
        assert_eq!(run(9, 0, "08522129"), Some(9));
        assert_eq!(run(5, 10, "10104329"), None);
        assert_eq!(run(4, 0, "10104329"), Some(4));
        assert_eq!(run(0, 9, "1010432"), None);
        // Near the end of the counter space the window stops at u64::MAX.
        assert_eq!(run(u64::MAX - 1, 10, "08522129"), None);
        // The counter is this function's to supply, and only counter suites have one.
        let with_counter = Input {
            counter: Some(1),
            ..input
        };
        assert_eq!(
            verify_counter(&suite, KEY32, &with_counter, 0, 9, "08522129"),
            Err(Error::Malformed("OCRA counter"))
        );
        let plain = Suite::parse("OCRA-1:HOTP-SHA1-6:QN08").unwrap();
        assert_eq!(
            verify_counter(&plain, KEY20, &q("11111111"), 0, 9, "243178"),
            Err(Error::Malformed("OCRA counter"))
        );
    }
}
