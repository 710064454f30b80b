//! Micro-benchmark of the identity provider's Response writer (docs/SAML.md §14): build and sign
//! Responses in a loop, one thread, no HTTP, and print responses per second for RSA-3072 and
//! ECDSA P-256, both signatures or the assertion's only, and with encryption. It also prints the
//! cost of the re-parse and canonicalization `dsig::sign_enveloped` does per signature, the share
//! a signer working on the canonical text directly would save (SAML.md §7.2).
//!
//! ```text
//! cargo run --release -p limen-saml --example idp_bench [SECONDS_PER_FIGURE]
//! ```

use std::time::{Duration as StdDuration, Instant};

use limen_saml::SamlError;
use limen_saml::c14n::canonicalize;
use limen_saml::idp::response::{
    AssertionSpec, Attribute, EncryptFor, KeyTransport, SignWhat, success_response,
};
use limen_saml::idp::{NameId, NameIdFormat, Signer};
use limen_saml::keys::{IDP_RSA_BITS, IdpKey};
use limen_saml::xml;
use time::{Duration, OffsetDateTime};

const IDP: &str = "https://login.example.org/saml/metadata";
const SP: &str = "https://app.example.com/saml/metadata";

fn main() -> Result<(), SamlError> {
    let seconds: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .unwrap_or(2.0);
    let budget = StdDuration::from_secs_f64(seconds);

    let rsa = IdpKey::generate_rsa("Limen IdP", IDP_RSA_BITS)?;
    let ec = IdpKey::generate_p256("Limen IdP")?;
    let sp_encryption = IdpKey::generate_rsa("SP encryption", 3072)?;
    let (rsa_signer, ec_signer) = (rsa.signer()?, ec.signer()?);

    let name_id = NameId {
        value: "4c3a1b9e0f7d2a6b8e5c1d0f3a9b7e2c4d6f8a0b1c3e5d7f9a2b4c6e8d0f1a3b".into(),
        format: Some(NameIdFormat::Persistent.uri().into()),
        name_qualifier: Some(IDP.into()),
        sp_name_qualifier: Some(SP.into()),
    };
    // What a typical EU Login style SP receives (SAML.md §6.3).
    let attributes = vec![
        attribute("uid", &["jdupont"]),
        attribute("email", &["jean.dupont@example.org"]),
        attribute("firstName", &["Jean"]),
        attribute("lastName", &["Dupont"]),
        attribute("domain", &["external"]),
        attribute("assuranceLevel", &["20"]),
        attribute("authenticationLevel", &["MEDIUM"]),
        attribute("strength", &["PASSWORD_MOBILE_APP"]),
        attribute("groups", &["staff", "project-alpha", "readers"]),
    ];
    let now = OffsetDateTime::now_utc();
    let spec = AssertionSpec {
        idp_entity_id: IDP,
        sp_entity_id: SP,
        acs_url: "https://app.example.com/saml/acs",
        in_response_to: Some("_5f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100"),
        name_id: &name_id,
        session_index: "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9",
        authn_instant: now - Duration::minutes(3),
        session_not_on_or_after: Some(now + Duration::hours(8)),
        authn_context_class_ref: "PASSWORD_MOBILE_APP",
        attributes: &attributes,
        now,
        lifetime: Duration::minutes(5),
    };
    let encrypt = EncryptFor {
        certificate_der: sp_encryption.certificate_der.clone(),
        key_transport: KeyTransport::RsaOaep,
    };

    println!(
        "limen-saml IdP micro-bench: build + sign one Response, one thread, no HTTP, {seconds} s per figure"
    );
    println!(
        "{:<52} {:>12} {:>12} {:>8}",
        "variant", "responses/s", "µs each", "bytes"
    );
    let variants: [(&str, &Signer, SignWhat, Option<&EncryptFor>); 6] = [
        (
            "RSA-3072, Response + Assertion signed",
            &rsa_signer,
            SignWhat::Both,
            None,
        ),
        (
            "RSA-3072, Assertion signed",
            &rsa_signer,
            SignWhat::Assertion,
            None,
        ),
        (
            "ECDSA P-256, Response + Assertion signed",
            &ec_signer,
            SignWhat::Both,
            None,
        ),
        (
            "ECDSA P-256, Assertion signed",
            &ec_signer,
            SignWhat::Assertion,
            None,
        ),
        (
            "RSA-3072, both signed, encrypted (GCM, RSA-OAEP-3072)",
            &rsa_signer,
            SignWhat::Both,
            Some(&encrypt),
        ),
        (
            "ECDSA P-256, both signed, encrypted (GCM, OAEP)",
            &ec_signer,
            SignWhat::Both,
            Some(&encrypt),
        ),
    ];
    for (name, signer, sign, encrypt) in variants {
        let mut size = 0;
        let (count, elapsed) = run(budget, || {
            size = success_response(&spec, signer, sign, encrypt)?.len();
            Ok(())
        })?;
        print_row(name, count, elapsed, Some(size));
    }

    // What sign_enveloped adds per signature beyond the signature itself: it parses the text it
    // is given under the guard and canonicalizes it again to digest it.
    let sample = success_response(&spec, &ec_signer, SignWhat::Both, None)?;
    let (count, elapsed) = run(budget, || {
        let doc = xml::parse(&sample)?;
        std::hint::black_box(canonicalize(doc.root_element(), None, &[]));
        Ok(())
    })?;
    print_row(
        "re-parse + C14N of one signed Response (per signature)",
        count,
        elapsed,
        Some(sample.len()),
    );
    Ok(())
}

fn attribute(name: &str, values: &[&str]) -> Attribute {
    Attribute {
        name: name.into(),
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

/// Runs `f` until `budget` has passed (at least 5 times); the count and the time taken.
fn run(
    budget: StdDuration,
    mut f: impl FnMut() -> Result<(), SamlError>,
) -> Result<(u64, StdDuration), SamlError> {
    f()?; // warm-up
    let start = Instant::now();
    let mut count = 0u64;
    while count < 5 || start.elapsed() < budget {
        f()?;
        count += 1;
    }
    Ok((count, start.elapsed()))
}

fn print_row(name: &str, count: u64, elapsed: StdDuration, size: Option<usize>) {
    let per_second = count as f64 / elapsed.as_secs_f64();
    let micros = elapsed.as_secs_f64() * 1e6 / count as f64;
    let size = size.map(|s| s.to_string()).unwrap_or_default();
    println!("{name:<52} {per_second:>12.0} {micros:>12.1} {size:>8}");
}
