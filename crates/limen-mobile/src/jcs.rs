//! `JCS(v)`: the JSON Canonicalization Scheme of RFC 8785, restricted as spec §1 restricts
//! protocol values.
//!
//! - Object members are sorted by their names as arrays of UTF-16 code units (RFC 8785 §3.2.3),
//!   at every level; arrays keep their order.
//! - Strings are written as RFC 8785 §3.2.2.2 says: `"` and `\` escaped with a backslash,
//!   U+0008, U+0009, U+000A, U+000C, U+000D as `\b \t \n \f \r`, the other characters below
//!   U+0020 as `\u00xx` (lower-case hex), and everything else as itself in UTF-8.
//! - Numbers: only integers in ±(2^53 − 1) (spec §1, so a device needs no float formatting):
//!   they are written in plain decimal, which is what RFC 8785 §3.2.2.3 gives for them. Any
//!   other number (a fraction, or an integer the I-JSON range cannot hold) is refused.
//! - `true`, `false` and `null` are written as such (RFC 8785 §3.2.2.1). The protocol's
//!   messages never contain `null` (spec §1): their optional members are left out instead.

use serde_json::Value;

use crate::Error;

/// 2^53 − 1, the largest integer every JSON implementation holds exactly (RFC 7493 §2.2).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The RFC 8785 canonical form of `v`, as UTF-8 bytes.
pub fn canonical(v: &Value) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    write_value(v, &mut out)?;
    Ok(out)
}

fn write_value(v: &Value, out: &mut Vec<u8>) -> Result<(), Error> {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            let i = if let Some(i) = n.as_i64() {
                i
            } else if n.as_u64().is_some() {
                return Err(Error::Malformed("number out of range"));
            } else {
                return Err(Error::Malformed("number not an integer"));
            };
            if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) {
                return Err(Error::Malformed("number out of range"));
            }
            out.extend_from_slice(i.to_string().as_bytes());
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(members) => {
            let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
            // RFC 8785 §3.2.3: compare names as arrays of UTF-16 code units. This differs from
            // UTF-8 byte (and code point) order for characters above U+FFFF, whose surrogates
            // (D800–DFFF) sort before U+E000–U+FFFF.
            sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push(b'{');
            for (i, (name, value)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(name, out);
                out.push(b':');
                write_value(value, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// RFC 8785 §3.2.2.2 (which is ECMAScript's `JSON.stringify` for strings).
fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let mut buf = [0u8; 4];
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            '\r' => out.extend_from_slice(b"\\r"),
            c if u32::from(c) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes());
            }
            c => out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(v: &Value) -> String {
        String::from_utf8(canonical(v).unwrap()).unwrap()
    }

    #[test]
    fn rfc_8785_string_example() {
        // RFC 8785 §3.2.2: the "string" member of the example, as JSON text in the input ...
        let parsed: Value =
            serde_json::from_str(r#""\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/""#).unwrap();
        // ... and its canonical bytes, as §3.2.4 lists them in hexadecimal.
        let expected: &[u8] = &[
            0x22, 0xe2, 0x82, 0xac, 0x24, 0x5c, 0x75, 0x30, 0x30, 0x30, 0x66, 0x5c, 0x6e, 0x41,
            0x27, 0x42, 0x5c, 0x22, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x22, 0x2f, 0x22,
        ];
        assert_eq!(canonical(&parsed).unwrap(), expected);
        assert_eq!(text(&parsed), r#""€$\u000f\nA'B\"\\\\\"/""#);
    }

    #[test]
    fn rfc_8785_example_without_its_numbers() {
        // RFC 8785 §3.2.2's example with the "numbers" member left out (its numbers are
        // fractions and exponents, which the protocol refuses; see floats_are_refused).
        let parsed: Value = serde_json::from_str(
            r#"{
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }"#,
        )
        .unwrap();
        assert_eq!(
            text(&parsed),
            r#"{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn rfc_8785_sorting_example() {
        // RFC 8785 §3.2.3, the input as the RFC writes it ...
        let parsed: Value = serde_json::from_str(
            r#"{
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }"#,
        )
        .unwrap();
        // ... and the order the RFC gives for its values after sorting.
        assert_eq!(
            text(&parsed),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
             \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
             \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        );
    }

    #[test]
    fn every_control_character_is_escaped_and_nothing_else() {
        let all: String = (0u32..0x20)
            .chain([0x7f, 0x2028])
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(
            text(&Value::String(all)),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\
             \\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\
             \\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\u{7f}\u{2028}\""
        );
        assert_eq!(text(&json!("/<>&'")), "\"/<>&'\"");
    }

    #[test]
    fn nested_members_are_sorted_at_every_level_and_arrays_keep_their_order() {
        let v = json!({"b": [{"z": 1, "a": 2}, 3, "x"], "a": {"d": true, "c": false}, "": []});
        assert_eq!(
            text(&v),
            r#"{"":[],"a":{"c":false,"d":true},"b":[{"a":2,"z":1},3,"x"]}"#
        );
    }

    #[test]
    fn integers_in_the_safe_range_are_plain_decimal() {
        let v = json!([
            0,
            -0,
            1,
            -1,
            9007199254740991_i64,
            -9007199254740991_i64,
            1700000000
        ]);
        assert_eq!(
            text(&v),
            "[0,0,1,-1,9007199254740991,-9007199254740991,1700000000]"
        );
    }

    #[test]
    fn integers_beyond_the_safe_range_are_refused() {
        for v in [
            json!(9007199254740992_i64),
            json!(-9007199254740992_i64),
            json!(u64::MAX),
            json!(i64::MIN),
            json!({"a": [1, 9007199254740992_u64]}),
        ] {
            assert_eq!(
                canonical(&v),
                Err(Error::Malformed("number out of range")),
                "{v}"
            );
        }
    }

    #[test]
    fn floats_are_refused() {
        // The numbers of RFC 8785 §3.2.2's example: the protocol has no fractions or exponents.
        let parsed: Value = serde_json::from_str(
            "[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]",
        )
        .unwrap();
        for n in parsed.as_array().unwrap() {
            assert_eq!(
                canonical(n),
                Err(Error::Malformed("number not an integer")),
                "{n}"
            );
        }
        // Even a float with an integral value: "1.0" is not the integer 1 on the wire.
        let one: Value = serde_json::from_str("1.0").unwrap();
        assert!(canonical(&one).is_err());
        assert!(canonical(&json!({"a": {"b": [0.5]}})).is_err());
    }
}
