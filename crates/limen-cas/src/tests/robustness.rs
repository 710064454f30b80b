//! No panics on any input: truncations, byte flips and random token soup fed
//! to every parser (deterministic PRNG, no extra dependency).

use crate::{Format, parse_logout_request, parse_saml_request, render_logout_request, ticket_kind};

const SAML_REQ: &str = r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header/><SOAP-ENV:Body><samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1" RequestID="_192.168.16.51.1024506224022" IssueInstant="2002-06-19T17:03:44.022Z"><samlp:AssertionArtifact>ST-1-u4hrm3td92cLxpCvrjylcas.example.com</samlp:AssertionArtifact></samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn feed(input: &str) {
    let _ = parse_saml_request(input);
    let _ = parse_logout_request(input);
    let _ = ticket_kind(input);
    let _ = Format::parse(Some(input));
}

fn logout_doc() -> String {
    render_logout_request(
        "LR-1",
        super::t0(),
        "ST-abcdefghijklmnopqrstuvwxyz0123456789",
    )
}

#[test]
fn every_truncation() {
    for doc in [SAML_REQ.to_string(), logout_doc()] {
        for (i, _) in doc.char_indices() {
            feed(&doc[..i]);
            feed(&doc[i..]);
        }
    }
}

#[test]
fn byte_substitutions() {
    let specials = [
        '<', '>', '&', '"', '\'', '/', '=', '!', '?', ':', ';', '#', '\u{0}', ']', '[', 'x', ' ',
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for doc in [SAML_REQ.to_string(), logout_doc()] {
        let chars: Vec<char> = doc.chars().collect();
        for _ in 0..3000 {
            let mut mutated = chars.clone();
            for _ in 0..=rng.below(3) {
                let i = rng.below(mutated.len());
                match rng.below(3) {
                    0 => mutated[i] = specials[rng.below(specials.len())],
                    1 => {
                        mutated.remove(i);
                    }
                    _ => mutated.insert(i, specials[rng.below(specials.len())]),
                }
            }
            let s: String = mutated.into_iter().collect();
            feed(&s);
        }
    }
}

#[test]
fn token_soup() {
    let tokens = [
        "<",
        ">",
        "</",
        "/>",
        "<a",
        "<samlp:Request",
        "<samlp:AssertionArtifact>",
        "</samlp:AssertionArtifact>",
        "</samlp:Request>",
        " xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\"",
        " xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"",
        " RequestID=\"r\"",
        "<samlp:LogoutRequest",
        "<samlp:SessionIndex>",
        "</samlp:SessionIndex>",
        "</samlp:LogoutRequest>",
        "<!DOCTYPE",
        "<!ENTITY",
        "&",
        "&amp;",
        "&#",
        "&#x10FFFF;",
        "&#xD800;",
        ";",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?",
        "?>",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "ST-",
        "Ω",
        "中",
        "\u{0}",
        "\u{FEFF}",
        "xmlns",
        ":",
        "a",
    ];
    let mut rng = XorShift(42);
    for _ in 0..5000 {
        let mut s = String::new();
        for _ in 0..rng.below(40) {
            s.push_str(tokens[rng.below(tokens.len())]);
        }
        feed(&s);
    }
}
