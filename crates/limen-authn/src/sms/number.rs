//! Phone numbers as users type them, checked with the metadata of Google's libphonenumber
//! (the `phonenumber` crate): valid for their country, of a type that receives SMS, in a
//! country the operator allows; stored in E.164 (ITU-T E.164: `+`, country code, national
//! number, at most 15 digits).

use phonenumber::{Mode, PhoneNumber, Type};

/// A number that may receive SMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// `+` and digits.
    pub e164: String,
    /// ISO 3166-1 alpha-2 (libphonenumber's region).
    pub country: String,
    /// Grouped as the country writes it internationally (`+33 6 12 34 56 78`).
    pub international: String,
}

/// Why a typed number is refused. Each says only what the user typed is (never whether it is
/// on an account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a phone number in international form (`+`, country code, number).
    Invalid,
    /// A number, but not one that receives SMS for sure: premium rate, shared cost, toll
    /// free, VoIP, pager, UAN, fixed line, or a type libphonenumber does not know — the
    /// numbers SMS pumping (toll fraud) uses.
    NotMobile,
    /// A mobile number of a country outside `sms.allowed_countries`.
    Country,
}

impl NumberError {
    /// The message the page shows (a Fluent key).
    pub fn message_key(self) -> &'static str {
        match self {
            NumberError::Invalid => "sms-error-number-invalid",
            NumberError::NotMobile => "sms-error-number-type",
            NumberError::Country => "sms-error-country",
        }
    }
}

/// Longest input looked at: E.164 has 15 digits; with spaces, dots and a `+` a typed number
/// stays well under this.
const MAX_INPUT: usize = 40;

/// Parses what the user typed: a `+` (or `00`) then the country code and the number. Spaces,
/// dots, hyphens and parentheses are dropped (seed 003 asks users to leave them out; accepting
/// them costs nothing). Nothing else is accepted: a national number without its country code
/// is refused rather than guessed.
pub fn parse(input: &str, allowed_countries: &[String]) -> Result<Number, NumberError> {
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_INPUT {
        return Err(NumberError::Invalid);
    }
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '+' if i == 0 => {}
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '(' | ')' | '\u{a0}' | '/' => {}
            _ => return Err(NumberError::Invalid),
        }
    }
    let international = if trimmed.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else {
        return Err(NumberError::Invalid);
    };
    if international.len() < 6 || international.len() > 15 {
        return Err(NumberError::Invalid);
    }
    let parsed =
        phonenumber::parse(None, format!("+{international}")).map_err(|_| NumberError::Invalid)?;
    classify(&parsed, allowed_countries)
}

/// Checks a number read back from the store (the operator may have changed the rules since it
/// was added): the same checks as [`parse`].
pub fn recheck(e164: &str, allowed_countries: &[String]) -> Result<Number, NumberError> {
    parse(e164, allowed_countries)
}

fn classify(number: &PhoneNumber, allowed: &[String]) -> Result<Number, NumberError> {
    if !number.is_valid() || number.extension().is_some() {
        return Err(NumberError::Invalid);
    }
    match number.number_type(&phonenumber::metadata::DATABASE) {
        // FixedLineOrMobile: regions whose numbers do not tell (the NANP); none in the EU.
        Type::Mobile | Type::FixedLineOrMobile => {}
        _ => return Err(NumberError::NotMobile),
    }
    let country = number
        .country()
        .id()
        .map(|id| id.as_ref().to_owned())
        .ok_or(NumberError::Invalid)?;
    if !allowed.iter().any(|c| c.eq_ignore_ascii_case(&country)) {
        return Err(NumberError::Country);
    }
    Ok(Number {
        e164: number.format().mode(Mode::E164).to_string(),
        international: number.format().mode(Mode::International).to_string(),
        country,
    })
}

/// A stored number as its owner reads it (`+33 6 12 34 56 78`); as stored if it no longer
/// parses.
pub fn international(e164: &str) -> String {
    phonenumber::parse(None, e164)
        .map(|n| n.format().mode(Mode::International).to_string())
        .unwrap_or_else(|_| e164.to_owned())
}

/// A number as the login page shows it: the country code and the last `visible` digits, the
/// others hidden (`+33 • •• •• 56 78`): enough for its owner to tell two numbers apart, not
/// enough to learn it from a page left open.
pub fn masked(e164: &str) -> String {
    let international = international(e164);
    const VISIBLE: usize = 4;
    let total = international.chars().filter(char::is_ascii_digit).count();
    let code_digits = international.split([' ', '-']).next().map_or(0, |first| {
        first.chars().filter(char::is_ascii_digit).count()
    });
    let mut seen = 0;
    international
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return if c == '-' { ' ' } else { c };
            }
            seen += 1;
            if seen <= code_digits || seen > total.saturating_sub(VISIBLE) {
                c
            } else {
                '•'
            }
        })
        .collect()
}

/// The number without its last `free` digits: numbers sharing it are counted together (SMS
/// pumping walks through a range of numbers of one operator).
pub fn prefix(e164: &str, free: usize) -> String {
    let keep = e164.len().saturating_sub(free).max(4.min(e164.len()));
    e164[..keep].to_owned()
}

/// The countries of the European Union and the European Economic Area: the default allow-list.
pub const EU_EEA: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn eu() -> Vec<String> {
        EU_EEA.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn mobile_numbers_are_kept_in_e164() {
        let n = parse("+33 6 12 34 56 78", &eu()).unwrap();
        assert_eq!(n.e164, "+33612345678");
        assert_eq!(n.country, "FR");
        assert_eq!(n.international, "+33 6 12 34 56 78");
        assert_eq!(parse("0033612345678", &eu()).unwrap().e164, "+33612345678");
        assert_eq!(
            parse("+32 (470) 12.34.56", &eu()).unwrap().e164,
            "+32470123456"
        );
        assert_eq!(parse("+4915112345678", &eu()).unwrap().country, "DE");
    }

    #[test]
    fn what_is_not_an_international_number_is_refused() {
        for bad in [
            "",
            "   ",
            "0612345678",
            "+",
            "+33",
            "+33 6 12 34 56 78 90 12 34",
            "+33612345678x",
            "+33 6 12 34 56 7a",
            "tel:+33612345678",
            "++33612345678",
            "+33 6 12 34 56 78;ext=1",
        ] {
            assert_eq!(parse(bad, &eu()), Err(NumberError::Invalid), "{bad:?}");
        }
        assert_eq!(parse(&"1".repeat(100), &eu()), Err(NumberError::Invalid));
    }

    #[test]
    fn numbers_that_serve_toll_fraud_are_refused() {
        // Premium rate, toll free, shared cost and fixed lines in France; a Belgian premium
        // number.
        for (n, why) in [
            ("+33899123456", "premium rate"),
            ("+33800123456", "toll free"),
            ("+33810123456", "shared cost"),
            ("+33123456789", "fixed line"),
            ("+3290012345", "premium rate (BE)"),
        ] {
            assert_eq!(parse(n, &eu()), Err(NumberError::NotMobile), "{why}");
        }
    }

    #[test]
    fn countries_outside_the_allow_list_are_refused() {
        assert_eq!(parse("+41791234567", &eu()), Err(NumberError::Country));
        assert_eq!(parse("+12015550123", &eu()), Err(NumberError::Country));
        let ch = vec!["CH".to_owned()];
        assert_eq!(parse("+41791234567", &ch).unwrap().country, "CH");
        assert_eq!(parse("+33612345678", &ch), Err(NumberError::Country));
    }

    #[test]
    fn masking_keeps_the_country_code_and_the_last_digits() {
        assert_eq!(masked("+33612345678"), "+33 • •• •• 56 78");
        assert_eq!(masked("+32470123456"), "+32 ••• •• 34 56");
        let m = masked("+4915112345678");
        assert!(m.starts_with("+49 ") && m.ends_with("5678"), "{m}");
        assert!(!m.contains("1511"), "{m}");
    }

    #[test]
    fn prefixes_drop_the_last_digits() {
        assert_eq!(prefix("+33612345678", 3), "+33612345");
        assert_eq!(prefix("+33612345678", 0), "+33612345678");
        assert_eq!(prefix("+336", 10), "+336");
    }
}
