//! Fuzz targets of the OATH crate (docs/FUZZING.md): OCRA suite strings (RFC 6287 §6), OCRA
//! computation on any input, PSKC key containers (RFC 6030) and the CSV token import.
//!
//! Properties: no panic on any input; suite acceptance agrees with the grammar written as a
//! regular expression; a computed response verifies; a DTD is always refused; a plain container
//! built from random key packages gives back exactly the secrets of the packages it imports, and
//! accounts for every package (imported or refused with a reason).

#[path = "../../../tests/fuzz/support.rs"]
mod support;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use limen_oath::ocra::{self, Input, Suite};
use limen_oath::pskc::{self, FileError, Kind, Protection};
use limen_oath::{Secret, csv};
use proptest::prelude::*;
use support::{XmlNode, config, mutated, nasty_string, xml_document, xml_tree};

/// Pieces of suite strings: every legal piece, and near misses.
fn suite_like() -> impl Strategy<Value = String> {
    let hash = || {
        prop::sample::select(vec![
            "SHA1", "SHA256", "SHA512", "sha1", "SHA384", "SHA", "",
        ])
    };
    let digits = prop::sample::select(vec!["0", "4", "6", "8", "10", "11", "3", "06", "", "é"]);
    let counter = prop::sample::select(vec!["", "C-", "c-", "C"]);
    let q = (
        prop::sample::select(vec!["A", "N", "H", "X", ""]),
        prop::sample::select(vec!["04", "08", "10", "64", "65", "03", "4", "100", "é"]),
    )
        .prop_map(|(f, n)| format!("Q{f}{n}"));
    let p = proptest::option::of(hash().prop_map(|h| format!("-P{h}")));
    let s = proptest::option::of(
        prop::sample::select(vec!["064", "512", "513", "000", "1", "0640", "é12"])
            .prop_map(|n| format!("-S{n}")),
    );
    let t = proptest::option::of(
        (
            prop::sample::select(vec!["1", "30", "59", "60", "48", "49", "0", "01", "", "é"]),
            prop::sample::select(vec!["S", "M", "H", "D", "", "é", "ß"]),
        )
            .prop_map(|(n, u)| format!("-T{n}{u}")),
    );
    let order = any::<bool>();
    let version = prop::sample::select(vec!["OCRA-1", "OCRA-2", "ocra-1", ""]);
    let built = (version, hash(), digits, counter, q, p, s, t, order).prop_map(
        |(v, h, d, c, q, p, s, t, swap)| {
            let (p, s, t) = (
                p.unwrap_or_default(),
                s.unwrap_or_default(),
                t.unwrap_or_default(),
            );
            let tail = if swap {
                format!("{t}{s}{p}")
            } else {
                format!("{p}{s}{t}")
            };
            format!("{v}:HOTP-{h}-{d}:{c}{q}{tail}")
        },
    );
    prop_oneof![
        5 => built.clone(),
        1 => built.prop_flat_map(|s| mutated(s, &[":", "-", "Q", "T", "S", "P", "é", "€"])),
        1 => nasty_string(24),
    ]
}

/// RFC 6287 §6 with Limen's bounds, as one regular expression: the model of `Suite::parse`.
fn suite_model() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(concat!(
            r"^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(0|[4-9]|10):",
            r"(C-)?Q[ANH](0[4-9]|[1-5][0-9]|6[0-4])",
            r"(-P(SHA1|SHA256|SHA512))?",
            r"(-S(00[1-9]|0[1-9][0-9]|[1-4][0-9][0-9]|50[0-9]|51[0-2]))?",
            r"(-T(([1-9]|[1-5][0-9])[SM]|([1-9]|[1-3][0-9]|4[0-8])H))?$",
        ))
        .expect("model")
    })
}

proptest! {
    #![proptest_config(config(800))]

    /// `Suite::parse` (PSKC and CSV imports, the mobile protocol's offline suite) accepts
    /// exactly the grammar, and keeps the suite as written.
    #[test]
    fn fuzz_ocra_suite(s in suite_like()) {
        let parsed = Suite::parse(&s);
        prop_assert_eq!(parsed.is_ok(), suite_model().is_match(&s), "{:?} → {:?}", s, parsed);
        if let Ok(suite) = parsed {
            prop_assert_eq!(suite.as_str(), s.as_str());
        }
    }
}

/// A suite, a key, and the inputs of `ocra::Input`: counter, question, PIN hash, session,
/// time steps.
type OcraCase = (
    Suite,
    Vec<u8>,
    Option<u64>,
    String,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    Option<u64>,
);

/// A valid suite with the inputs it needs, some of them wrong.
fn ocra_case() -> impl Strategy<Value = OcraCase> {
    let hash = || prop::sample::select(vec!["SHA1", "SHA256", "SHA512"]);
    let valid = (
        hash(),
        prop::sample::select(vec!["0", "4", "6", "8", "10"]),
        any::<bool>(),
        prop::sample::select(vec!["A", "N", "H"]),
        4u8..=64,
        proptest::option::of(hash()),
        proptest::option::of(1u16..=512),
        proptest::option::of(prop::sample::select(vec![
            "1S", "59S", "1M", "30M", "1H", "48H",
        ])),
    )
        .prop_map(|(h, d, c, f, q, p, s, t)| {
            let mut suite = format!(
                "OCRA-1:HOTP-{h}-{d}:{}Q{f}{q:02}",
                if c { "C-" } else { "" }
            );
            if let Some(p) = p {
                suite.push_str(&format!("-P{p}"));
            }
            if let Some(s) = s {
                suite.push_str(&format!("-S{s:03}"));
            }
            if let Some(t) = t {
                suite.push_str(&format!("-T{t}"));
            }
            Suite::parse(&suite).expect("a valid suite")
        });
    valid.prop_flat_map(|suite| {
        let question = prop_oneof![
            "[0-9]{1,80}",
            "[0-9A-Fa-f]{1,140}",
            "[!-~]{1,130}",
            nasty_string(8)
        ];
        (
            Just(suite),
            prop::collection::vec(any::<u8>(), 0..70),
            proptest::option::of(any::<u64>()),
            question,
            proptest::option::of(prop::collection::vec(any::<u8>(), 0..70)),
            proptest::option::of(prop::collection::vec(any::<u8>(), 0..600)),
            proptest::option::of(any::<u64>()),
        )
    })
}

proptest! {
    #![proptest_config(config(300))]

    /// `ocra::compute` on any input: a response or an error, never a panic; a response has
    /// the suite's digits and verifies.
    #[test]
    fn fuzz_ocra_compute((suite, key, counter, question, pin, session, time) in ocra_case()) {
        let input = Input { counter, question: &question, password_hash: pin.as_deref(), session: session.as_deref(), timestamp: time };
        if let Ok(response) = ocra::compute(&suite, &key, &input) {
            if suite.digits() > 0 {
                prop_assert_eq!(response.len(), usize::from(suite.digits()));
                prop_assert!(response.bytes().all(|b| b.is_ascii_digit()));
            }
            prop_assert_eq!(ocra::verify(&suite, &key, &input, &response), Ok(true));
        }
        let _ = ocra::hashed_question(&suite, question.as_bytes());
        let _ = suite.time_steps(time.unwrap_or(u64::MAX));
    }
}

/// One key package of a plain container.
#[derive(Debug, Clone)]
struct Package {
    serial: String,
    algorithm: &'static str,
    length: Option<&'static str>,
    secret: Vec<u8>,
    counter: Option<String>,
    interval: Option<&'static str>,
    suite: Option<String>,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

impl Package {
    fn xml(&self) -> String {
        let length = self.length.map(|l| format!("<AlgorithmParameters><ResponseFormat Length=\"{l}\" Encoding=\"DECIMAL\"/>{}</AlgorithmParameters>",
            self.suite.as_ref().map(|s| format!("<Suite>{}</Suite>", escape(s))).unwrap_or_default())).unwrap_or_default();
        let counter = self
            .counter
            .as_ref()
            .map(|c| format!("<Counter><PlainValue>{c}</PlainValue></Counter>"))
            .unwrap_or_default();
        let interval = self
            .interval
            .map(|i| format!("<TimeInterval><PlainValue>{i}</PlainValue></TimeInterval>"))
            .unwrap_or_default();
        format!(
            "<KeyPackage><DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>{serial}</SerialNo></DeviceInfo>\
             <Key Id=\"k{serial}\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:{alg}\">{length}\
             <Data><Secret><PlainValue>{secret}</PlainValue></Secret>{counter}{interval}</Data></Key></KeyPackage>",
            serial = escape(&self.serial),
            alg = escape(self.algorithm),
            secret = B64.encode(&self.secret),
        )
    }
}

fn package() -> impl Strategy<Value = Package> {
    (
        prop_oneof![4 => "[0-9]{1,4}", 1 => Just(String::new()), 1 => "[A-Za-z0-9 ._-]{1,70}"],
        prop::sample::select(vec!["hotp", "totp", "OCRA-1:HOTP-SHA1-6:QN08", "unknown"]),
        proptest::option::of(prop::sample::select(vec!["6", "8", "10", "4", "x", ""])),
        prop_oneof![4 => prop::collection::vec(any::<u8>(), 16..=64), 1 => prop::collection::vec(any::<u8>(), 0..80)],
        proptest::option::of(prop_oneof![(0u64..1000).prop_map(|c| c.to_string()), Just("-1".to_owned()), Just("18446744073709551616".to_owned())]),
        proptest::option::of(prop::sample::select(vec!["30", "60", "0", "-30", "x"])),
        proptest::option::of(suite_like()),
    )
        .prop_map(|(serial, algorithm, length, secret, counter, interval, suite)| Package { serial, algorithm, length, secret, counter, interval, suite })
}

fn container(packages: &[Package]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">{}</KeyContainer>",
        packages.iter().map(Package::xml).collect::<String>()
    )
}

proptest! {
    #![proptest_config(config(250))]

    /// A plain container of random packages: every package is imported or refused with a
    /// reason; an imported token has its package's serial and exact secret, and a serial is
    /// imported at most once.
    #[test]
    fn fuzz_pskc_packages(packages in prop::collection::vec(package(), 1..5)) {
        let xml = container(&packages);
        match pskc::parse(xml.as_bytes(), &Protection::None) {
            Ok(parsed) => {
                prop_assert_eq!(parsed.tokens.len() + parsed.errors.len(), packages.len());
                for t in &parsed.tokens {
                    let p = &packages[t.index - 1];
                    prop_assert_eq!(&t.serial, p.serial.trim());
                    prop_assert_eq!(t.secret.expose(), p.secret.as_slice());
                    prop_assert!((16..=64).contains(&t.secret.len()));
                    if let Kind::Ocra { suite, .. } = &t.kind {
                        prop_assert!(Suite::parse(suite).is_ok());
                    }
                }
                let mut serials: Vec<&str> = parsed.tokens.iter().map(|t| t.serial.as_str()).collect();
                serials.sort_unstable();
                let before = serials.len();
                serials.dedup();
                prop_assert_eq!(before, serials.len());
            }
            Err(e) => prop_assert!(matches!(e, FileError::Empty), "{e}: {xml}"),
        }
    }
}

fn pskc_tree() -> BoxedStrategy<XmlNode> {
    xml_tree(
        vec![
            "KeyContainer",
            "KeyPackage",
            "DeviceInfo",
            "SerialNo",
            "Key",
            "Data",
            "Secret",
            "PlainValue",
            "EncryptedValue",
            "ValueMAC",
            "Counter",
            "AlgorithmParameters",
            "ResponseFormat",
            "EncryptionKey",
            "MACMethod",
            "MACKey",
            "xenc:EncryptionMethod",
            "xenc:CipherData",
            "xenc:CipherValue",
            "ds:KeyName",
            "pskc:KeyPackage",
        ],
        vec![
            "xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"",
            "xmlns",
            "xmlns:pskc",
            "xmlns:xenc",
            "Version",
            "Id",
            "Algorithm",
            "Length",
            "Encoding",
        ],
        vec![
            "urn:ietf:params:xml:ns:keyprov:pskc",
            "1.0",
            "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=",
            "0",
            "1",
            "urn:ietf:params:xml:ns:keyprov:pskc:hotp",
            "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
            "8",
            "DECIMAL",
            "AAAA",
        ],
        6,
    )
}

/// The RFC 6030 figures in tests/pskc, with the protection that opens each.
fn figures() -> Vec<(String, u8)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pskc");
    (2..=10)
        .map(|n| {
            let text =
                std::fs::read_to_string(format!("{dir}/rfc6030-figure{n}.xml")).expect("figure");
            (text, n)
        })
        .collect()
}

fn protection_for(figure: u8) -> Protection {
    match figure {
        6 => Protection::PreShared(Secret::new(
            hex::decode("12345678901234567890123456789012").expect("hex"),
        )),
        7 => Protection::Password(Secret::new(b"qwerty".to_vec())),
        _ => Protection::None,
    }
}

proptest! {
    #![proptest_config(config(250))]

    /// Structure-aware documents over PSKC's vocabulary and mutated RFC figures: never a panic,
    /// a DTD always refused before anything else is read.
    #[test]
    fn fuzz_pskc_documents(
        doc in prop_oneof![
            2 => xml_document(pskc_tree()).prop_map(|(d, _)| (d, 0u8)),
            3 => prop::sample::select(figures()).prop_flat_map(|(text, n)| {
                mutated(text, &["<", ">", "</Key>", "<!DOCTYPE x>", "&", "=\"", "<!-- -->", "<?pi?>", "AAAA"]).prop_map(move |t| (t, n))
            }),
        ],
    ) {
        let (text, figure) = doc;
        let result = pskc::parse(text.as_bytes(), &protection_for(figure));
        if text.contains("<!DOCTYPE") {
            prop_assert!(result.is_err(), "a DTD was accepted");
        }
        if let Ok(parsed) = result {
            for t in &parsed.tokens {
                prop_assert!((16..=64).contains(&t.secret.len()));
            }
        }
    }
}

fn csv_line() -> impl Strategy<Value = String> {
    let serial = prop_oneof!["[0-9]{1,6}", Just("serial".to_owned()), nasty_string(4)];
    let key = prop_oneof![
        prop::collection::vec(any::<u8>(), 16..=64).prop_map(hex::encode),
        Just("base32:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".to_owned()),
        "base32:[A-Za-z2-7= ]{0,60}",
        nasty_string(10),
    ];
    let kind = prop::sample::select(vec!["hotp", "totp", "ocra", "TOTP", "x", ""]);
    let digits = prop::sample::select(vec!["", "6", "8", "10", "11", "x"]);
    let param = prop_oneof![
        Just(String::new()),
        Just("30".to_owned()),
        Just("60".to_owned()),
        "[0-9]{1,22}",
        suite_like()
    ];
    let hash = prop::sample::select(vec!["", "SHA1", "sha256", "SHA512", "MD5"]);
    let fields = (serial, key, kind, digits, param, hash, 3usize..=7);
    prop_oneof![
        6 => fields.prop_map(|(s, k, t, d, p, h, n)| [s, k, t.to_owned(), d.to_owned(), p, h.to_owned(), "extra".to_owned()][..n].join(",")),
        1 => Just("# comment".to_owned()),
        1 => Just(String::new()),
        1 => nasty_string(30),
    ]
}

proptest! {
    #![proptest_config(config(300))]

    /// The CSV import: every line that is not blank, a comment or the header is a token or a
    /// refusal with its line number; never a panic.
    #[test]
    fn fuzz_csv(lines in prop::collection::vec(csv_line(), 0..8), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        if let Ok(parsed) = csv::parse(text.as_bytes()) {
            for e in &parsed.errors {
                prop_assert!(e.index >= 1 && e.index <= text.lines().count());
            }
            for t in &parsed.tokens {
                prop_assert!((16..=64).contains(&t.secret.len()));
            }
        }
    }
}

/// Found by `fuzz_ocra_compute`: a time step whose last character takes several bytes
/// (`-T60ß`) made `Suite::parse` panic cutting inside it; it is now a malformed suite.
#[test]
fn fuzz_found_suite_time_step_ending_in_a_wide_character() {
    for s in [
        "OCRA-1:HOTP-SHA1-6:QN08-T60ß",
        "OCRA-1:HOTP-SHA1-6:QN08-T1é",
        "OCRA-1:HOTP-SHA1-6:QN08-T€",
    ] {
        assert_eq!(
            Suite::parse(s),
            Err(limen_oath::Error::Malformed("OCRA suite")),
            "{s}"
        );
    }
    assert!(Suite::parse("OCRA-1:HOTP-SHA1-6:QN08-T1M").is_ok());
}
