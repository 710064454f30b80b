//! GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and extension table, unpacked (one octet per
//! septet), as SMPP 3.4 `data_coding` 0x00 carries it; UCS-2 (UTF-16BE) otherwise (§5.2.19).

/// The default alphabet, indexed by septet (§6.2.1). 0x1B is the escape to the extension table,
/// never a character of its own.
const BASIC: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u{1b}', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

/// The extension table (§6.2.1.1): each is sent as 0x1B then its septet.
const EXTENSION: [(char, u8); 10] = [
    ('\u{c}', 0x0A),
    ('^', 0x14),
    ('{', 0x28),
    ('}', 0x29),
    ('\\', 0x2F),
    ('[', 0x3C),
    ('~', 0x3D),
    (']', 0x3E),
    ('|', 0x40),
    ('€', 0x65),
];

const ESCAPE: u8 = 0x1B;

/// SMPP 3.4 §5.2.19 `data_coding`: SMSC default alphabet (GSM 03.38 here).
pub(crate) const DATA_CODING_GSM: u8 = 0x00;
/// SMPP 3.4 §5.2.19 `data_coding`: UCS2 (ISO/IEC 10646), sent as UTF-16BE.
pub(crate) const DATA_CODING_UCS2: u8 = 0x08;

/// `text` in the GSM alphabet, one octet per septet, if every character has a place in it.
pub(crate) fn to_gsm(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c != '\u{1b}'
            && let Some(septet) = BASIC.iter().position(|&b| b == c)
        {
            // The table has 128 entries: the position fits in a septet.
            out.push(septet as u8);
        } else if let Some(&(_, septet)) = EXTENSION.iter().find(|(e, _)| *e == c) {
            out.extend_from_slice(&[ESCAPE, septet]);
        } else {
            return None;
        }
    }
    Some(out)
}

/// `text` in UTF-16BE: UCS-2 for the Basic Multilingual Plane, surrogate pairs beyond it.
pub(crate) fn to_ucs2(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// The best encoding of `text`: GSM when possible (more characters per message), else UCS-2.
pub(crate) fn encode(text: &str) -> (u8, Vec<u8>) {
    match to_gsm(text) {
        Some(octets) => (DATA_CODING_GSM, octets),
        None => (DATA_CODING_UCS2, to_ucs2(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_characters_take_one_octet() {
        assert_eq!(to_gsm("@A a0").unwrap(), vec![0x00, 0x41, 0x20, 0x61, 0x30]);
        assert_eq!(
            to_gsm("é£à§Δ\n").unwrap(),
            vec![0x05, 0x01, 0x7F, 0x5F, 0x10, 0x0A]
        );
    }

    #[test]
    fn extension_characters_are_escaped() {
        assert_eq!(to_gsm("€").unwrap(), vec![0x1B, 0x65]);
        assert_eq!(
            to_gsm("{}[]~|\\^").unwrap(),
            vec![
                0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x3D, 0x1B, 0x40, 0x1B, 0x2F,
                0x1B, 0x14
            ]
        );
    }

    #[test]
    fn other_characters_need_ucs2() {
        assert!(to_gsm("Привет").is_none());
        assert!(
            to_gsm("ç").is_none(),
            "only the capital Ç is in the alphabet"
        );
        assert!(to_gsm("`").is_none());
        assert!(
            to_gsm("\u{1b}").is_none(),
            "the escape itself is no character"
        );
        assert_eq!(encode("Ω1"), (DATA_CODING_GSM, vec![0x15, 0x31]));
        assert_eq!(encode("ç"), (DATA_CODING_UCS2, vec![0x00, 0xE7]));
        assert_eq!(to_ucs2("€😀"), vec![0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00]);
    }
}
