//! verify_response against responses built by the test node (tests/common): one valid response
//! accepted, then every refusal of FEDERATION.md §8.2, each beside its valid twin so that no test
//! passes because everything is refused.

mod common;

use common::*;
use limen_saml::{Loa, SamlError, verify_response};

/// The valid twin is accepted and the other refused; returns the refusal.
fn twin(valid: &Fx, invalid: &Fx) -> SamlError {
    verify(&valid.b64()).expect("the valid twin is accepted");
    verify(&invalid.b64()).expect_err("the fixture is refused")
}

/// The same with the signed response XML changed afterwards by `edit`.
fn twin_edit(fx: &Fx, edit: impl Fn(&str) -> String) -> SamlError {
    let xml = fx.response_xml();
    verify(&b64(&xml)).expect("the valid twin is accepted");
    let edited = edit(&xml);
    assert_ne!(edited, xml, "the edit changed something");
    verify(&b64(&edited)).expect_err("the edited response is refused")
}

fn is_signature(e: &SamlError) -> bool {
    matches!(e, SamlError::Signature(_))
}

#[test]
fn valid_response_is_accepted() {
    let id = verify(&Fx::default().b64()).expect("accepted");
    assert_eq!(id.person_identifier, "ES/BE/99999999R");
    assert_eq!(id.country, "ES");
    assert_eq!(id.family_name, "García");
    assert_eq!(id.given_name, "Lucía");
    assert_eq!(id.family_name_latin, None);
    assert_eq!(id.date_of_birth, "1985-04-12");
    assert_eq!(id.loa, Loa::Substantial);
    assert_eq!(id.assertion_id, "_assert0123456789");
    assert_eq!(id.issuer, IDP_ENTITY);
    assert_eq!(id.not_on_or_after, now() + time::Duration::minutes(8));
}

#[test]
fn accepted_algorithm_variants() {
    for fx in [
        Fx {
            response_sig: Sig::RsaPssSha256,
            assertion_sig: Sig::RsaPssSha256,
            ..Fx::default()
        },
        Fx {
            digest: Digest::Sha512,
            ..Fx::default()
        },
        Fx {
            content: Content::Aes256Gcm,
            ..Fx::default()
        },
        Fx {
            key_transport: KeyTransport::OaepMgf1pSha256,
            ..Fx::default()
        },
        Fx {
            key_transport: KeyTransport::Oaep11Sha256,
            ..Fx::default()
        },
        Fx {
            key_beside: true,
            ..Fx::default()
        },
    ] {
        verify(&fx.b64()).expect("accepted");
    }
}

#[test]
fn assertion_using_a_prefix_declared_on_the_response() {
    // The decrypted assertion does not declare saml2 itself: it is in scope at the
    // EncryptedAssertion (declared on the Response), as XML Enc 1.1 §4.5 lets a node do.
    fn hook(signed: String) -> String {
        signed.replacen(
            " xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\"",
            "",
            1,
        )
    }
    let fx = Fx {
        assertion_hook: Some(hook),
        ..Fx::default()
    };
    assert!(!fx.signed_assertion().contains("xmlns:saml2"));
    verify(&fx.b64()).expect("accepted");
}

#[test]
fn non_latin_names_with_transliteration() {
    let fx = Fx {
        attributes: vec![
            (PID.into(), vec![("EL/BE/123456".into(), String::new())]),
            (
                FAMILY.into(),
                vec![
                    ("Παπαδοπούλου".into(), " LatinScript=\"false\"".into()),
                    ("Papadopoulou".into(), String::new()),
                ],
            ),
            (GIVEN.into(), vec![("Eleni".into(), String::new())]),
            (DOB.into(), vec![("1970-01-31".into(), String::new())]),
        ],
        ..Fx::default()
    };
    let id = verify(&fx.b64()).expect("accepted");
    assert_eq!(id.family_name, "Παπαδοπούλου");
    assert_eq!(id.family_name_latin.as_deref(), Some("Papadopoulou"));
    assert_eq!(id.country, "EL");
}

// --- Signatures -------------------------------------------------------------------------------

#[test]
fn unsigned_response() {
    let e = twin(
        &Fx::default(),
        &Fx {
            response_sig: Sig::None,
            ..Fx::default()
        },
    );
    assert_eq!(e, SamlError::Signature("unsigned".into()));
}

#[test]
fn response_signed_by_another_key() {
    let e = twin(
        &Fx::default(),
        &Fx {
            response_sig: Sig::OtherKey,
            ..Fx::default()
        },
    );
    assert!(is_signature(&e), "{e}");
}

#[test]
fn assertion_signed_by_another_key() {
    let e = twin(
        &Fx::default(),
        &Fx {
            assertion_sig: Sig::OtherKey,
            ..Fx::default()
        },
    );
    assert!(is_signature(&e), "{e}");
}

#[test]
fn signature_value_altered() {
    let e = twin_edit(&Fx::default(), |xml| {
        let start = xml.find("<ds:SignatureValue>").unwrap() + "<ds:SignatureValue>".len();
        let mut bytes = xml.as_bytes().to_vec();
        bytes[start + 5] = if bytes[start + 5] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn digest_value_altered() {
    let e = twin_edit(&Fx::default(), |xml| {
        let start = xml.find("<ds:DigestValue>").unwrap() + "<ds:DigestValue>".len();
        let mut bytes = xml.as_bytes().to_vec();
        bytes[start] = if bytes[start] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    });
    // The DigestValue is inside SignedInfo: the signature over SignedInfo, checked first, fails.
    assert_eq!(
        e,
        SamlError::Signature("the signature value does not verify with any pinned key".into())
    );
}

#[test]
fn signed_content_altered() {
    let e = twin_edit(&Fx::default(), |xml| {
        xml.replace("IssueInstant=\"2026", "IssueInstant=\"2027")
    });
    assert_eq!(e, SamlError::Signature("digest mismatch".into()));
}

#[test]
fn canonicalization_with_comments() {
    let e = twin_edit(&Fx::default(), |xml| {
        xml.replacen(
            "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
            "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#WithComments\"/>",
            1,
        )
    });
    assert!(
        matches!(e, SamlError::Algorithm(ref m) if m.contains("WithComments")),
        "{e}"
    );
}

#[test]
fn key_info_is_ignored() {
    use base64::Engine as _;
    let key_info = |der: &[u8]| {
        format!(
            "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>",
            base64::engine::general_purpose::STANDARD.encode(der)
        )
    };
    // Signed by the pinned key, KeyInfo naming another certificate: accepted (KeyInfo unread).
    let pinned = Fx::default().response_xml().replacen(
        "</ds:Signature>",
        &key_info(&keys().other.signing_cert_der),
        1,
    );
    verify(&b64(&pinned)).expect("accepted");
    // Signed by another key that KeyInfo carries: refused all the same.
    let other = Fx {
        response_sig: Sig::OtherKey,
        ..Fx::default()
    }
    .response_xml()
    .replacen(
        "</ds:Signature>",
        &key_info(&keys().other.signing_cert_der),
        1,
    );
    let e = verify(&b64(&other)).expect_err("refused");
    assert!(is_signature(&e), "{e}");
}

#[test]
fn unsigned_assertion_inside_signed_response() {
    let e = twin(
        &Fx::default(),
        &Fx {
            assertion_sig: Sig::None,
            ..Fx::default()
        },
    );
    assert_eq!(e, SamlError::Signature("unsigned".into()));
}

// --- Wrapping (XSW1–XSW8 as SAML Raider numbers them, adapted to a signed response around an
// --- encrypted, signed assertion) ----------------------------------------------------------------

/// The signed Response element of `xml` and its Signature element, as text.
fn split_signature(xml: &str) -> (String, String) {
    let start = xml.find("<ds:Signature ").unwrap();
    let end = xml.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let signature = xml[start..end].to_owned();
    let unsigned = format!("{}{}", &xml[..start], &xml[end..]);
    (unsigned, signature)
}

#[test]
fn xsw1_signed_response_wrapped_in_an_evil_response() {
    // The evil root carries the original signature (referencing the original ID) and the original
    // signed response inside its Extensions.
    let e = twin_edit(&Fx::default(), |xml| {
        let (_, signature) = split_signature(xml);
        let evil = Fx {
            response_id: "_evil".into(),
            ..Fx::default()
        }
        .response_template("")
        .replace(SIG_PLACE, &signature);
        evil.replace(
            "<saml2p:Status>",
            &format!("<saml2p:Extensions>{xml}</saml2p:Extensions><saml2p:Status>"),
        )
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn xsw2_signed_response_detached_beside_evil_content() {
    // The original response moved into the signature's place as a sibling structure: the root
    // is an evil response with a different ID whose Signature references the hidden original.
    let e = twin_edit(&Fx::default(), |xml| {
        let (unsigned, signature) = split_signature(xml);
        let evil = Fx {
            response_id: "_evil".into(),
            ..Fx::default()
        }
        .response_template("")
        .replace(SIG_PLACE, &signature);
        evil.replace(
            "</saml2p:Response>",
            &format!("{unsigned}</saml2p:Response>"),
        )
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn xsw_duplicated_id() {
    // The evil root takes the signed element's ID: two elements with one ID.
    let e = twin_edit(&Fx::default(), |xml| {
        format!(
            "<saml2p:Response xmlns:saml2p=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_resp0123456789\">\
             <saml2p:Extensions>{xml}</saml2p:Extensions></saml2p:Response>"
        )
    });
    assert_eq!(
        e,
        SamlError::Guard("the ID \"_resp0123456789\" appears twice".into())
    );
}

#[test]
fn xsw_signature_moved_into_object() {
    // The signed response hidden in a ds:Object of the signature of an evil root (XSW5-like).
    let e = twin_edit(&Fx::default(), |xml| {
        let (_, signature) = split_signature(xml);
        let with_object = signature.replace(
            "</ds:Signature>",
            &format!(
                "<ds:Object>{}</ds:Object></ds:Signature>",
                xml.replace("_resp0123456789", "_hidden")
            ),
        );
        Fx::default()
            .response_template("")
            .replace(SIG_PLACE, &with_object)
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn signature_referencing_a_non_root_element() {
    // A correct signature over the Issuer (given an ID), placed under the root.
    let e = twin_edit(&Fx::default(), |_| {
        let fx = Fx::default();
        let template = fx.response_template(&encrypt(
            &fx.signed_assertion(),
            &keys().sp,
            KeyTransport::OaepMgf1p,
            Content::Aes128Gcm,
            false,
        ));
        // Sign a standalone Issuer, then put that signed Issuer and its signature in the response.
        let issuer = format!(
            "<saml2:Issuer xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_issuer\">{IDP_ENTITY}</saml2:Issuer>"
        );
        let signed_issuer = sign(
            &issuer.replace(">https", &format!(">{SIG_PLACE}https")),
            Sig::EcdsaSha256,
            Digest::Sha256,
        );
        let (_, signature) = split_signature(&signed_issuer);
        template.replace(SIG_PLACE, &signature)
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn two_references() {
    let e = twin_edit(&Fx::default(), |xml| {
        let start = xml.find("<ds:Reference ").unwrap();
        let end = xml.find("</ds:Reference>").unwrap() + "</ds:Reference>".len();
        let reference = &xml[start..end];
        format!("{}{reference}{}", &xml[..end], &xml[end..])
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn two_signatures() {
    let e = twin_edit(&Fx::default(), |xml| {
        let (_, signature) = split_signature(xml);
        xml.replacen("<saml2p:Status>", &format!("{signature}<saml2p:Status>"), 1)
    });
    assert_eq!(e, SamlError::Signature("more than one Signature".into()));
}

#[test]
fn signature_not_a_direct_child() {
    let e = twin_edit(&Fx::default(), |xml| {
        let (unsigned, signature) = split_signature(xml);
        unsigned.replacen(
            "<saml2p:Status>",
            &format!("<saml2p:Extensions>{signature}</saml2p:Extensions><saml2p:Status>"),
            1,
        )
    });
    assert!(is_signature(&e), "{e}");
}

#[test]
fn xsw_evil_assertion_wrapping_the_signed_one() {
    // Inside the encryption: an evil assertion with the original signature, the signed assertion
    // hidden in its Advice (XSW7/8-like).
    fn hook(signed: String) -> String {
        let start = signed.find("<ds:Signature ").unwrap();
        let end = signed.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
        let signature = &signed[start..end];
        let evil = Fx {
            assertion_id: "_evil".into(),
            attributes: vec![
                (PID.into(), vec![("ES/BE/ATTACKER".into(), String::new())]),
                (FAMILY.into(), vec![("Evil".into(), String::new())]),
                (GIVEN.into(), vec![("Eve".into(), String::new())]),
                (DOB.into(), vec![("1985-04-12".into(), String::new())]),
            ],
            ..Fx::default()
        }
        .assertion_template()
        .replace(SIG_PLACE, signature);
        evil.replace(
            "<saml2:Subject>",
            &format!("<saml2:Advice>{signed}</saml2:Advice><saml2:Subject>"),
        )
    }
    let e = twin(
        &Fx::default(),
        &Fx {
            assertion_hook: Some(hook),
            ..Fx::default()
        },
    );
    assert!(is_signature(&e), "{e}");
}

#[test]
fn xsw_evil_assertion_beside_the_signed_one() {
    fn hook(signed: String) -> String {
        format!("{signed}{}", signed.replace("_assert0123456789", "_evil"))
    }
    let e = twin(
        &Fx::default(),
        &Fx {
            assertion_hook: Some(hook),
            ..Fx::default()
        },
    );
    assert!(matches!(e, SamlError::Malformed(_)), "{e}");
}

#[test]
fn plain_assertion_beside_the_encrypted_one() {
    let fx = Fx::default();
    // Unsigned: refused by the "no plain Assertion" rule (FEDERATION.md §5.3 step 5).
    let plain = sign(&fx.assertion_template(), Sig::None, Digest::Sha256);
    let e = twin(
        &fx,
        &Fx {
            response_extra: plain,
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Malformed(ref m) if m.contains("plain Assertion")),
        "{e}"
    );
    // Signed: its signature is already one too many in the response document.
    let e = twin(
        &fx,
        &Fx {
            response_extra: fx.signed_assertion(),
            ..Fx::default()
        },
    );
    assert_eq!(e, SamlError::Signature("more than one Signature".into()));
}

#[test]
fn plain_assertion_instead_of_the_encrypted_one() {
    for assertion_sig in [Sig::None, Sig::EcdsaSha256] {
        let e = twin_edit(&Fx::default(), |_| {
            let fx = Fx {
                assertion_sig,
                ..Fx::default()
            };
            sign(
                &fx.response_template(&fx.signed_assertion()),
                Sig::EcdsaSha256,
                Digest::Sha256,
            )
        });
        assert!(
            matches!(e, SamlError::Malformed(_) | SamlError::Signature(_)),
            "{e}"
        );
        if assertion_sig == Sig::None {
            assert!(
                matches!(e, SamlError::Malformed(ref m) if m.contains("plain Assertion")),
                "{e}"
            );
        }
    }
}

// --- Comments, processing instructions, DTDs, limits --------------------------------------------

#[test]
fn comment_in_name_id() {
    let e = twin(
        &Fx::default(),
        &Fx {
            name_id: "ES/BE/99999999R<!---->.evil".into(),
            ..Fx::default()
        },
    );
    assert_eq!(e, SamlError::Guard("a comment".into()));
}

#[test]
fn comment_in_person_identifier() {
    let mut fx = Fx::default();
    fx.attributes[0].1[0].0 = "ES/BE/999<!-- x -->99999R".into();
    let e = twin(&Fx::default(), &fx);
    assert_eq!(e, SamlError::Guard("a comment".into()));
}

#[test]
fn processing_instruction_in_text() {
    let mut fx = Fx::default();
    fx.attributes[1].1[0].0 = "Garc<?x y?>ía".into();
    let e = twin(&Fx::default(), &fx);
    assert_eq!(e, SamlError::Guard("a processing instruction".into()));
}

#[test]
fn comment_in_the_response() {
    let e = twin_edit(&Fx::default(), |xml| {
        xml.replacen("<saml2p:Status>", "<!-- hi --><saml2p:Status>", 1)
    });
    assert_eq!(e, SamlError::Guard("a comment".into()));
}

#[test]
fn dtd_internal_entity() {
    let e = twin_edit(&Fx::default(), |xml| {
        format!("<!DOCTYPE saml2p:Response [<!ENTITY e \"x\">]>{xml}")
    });
    assert!(
        matches!(e, SamlError::Malformed(ref m) if m.contains("DTD")),
        "{e}"
    );
}

#[test]
fn dtd_external_entity() {
    let e = twin_edit(&Fx::default(), |xml| {
        format!("<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{xml}").replacen(
            "<saml2p:Status>",
            "<saml2p:Status>&xxe;",
            1,
        )
    });
    assert!(
        matches!(e, SamlError::Malformed(ref m) if m.contains("DTD")),
        "{e}"
    );
}

#[test]
fn deep_nesting() {
    let nest = |n: usize| {
        format!(
            "{}{}",
            "<x:a xmlns:x=\"urn:x\">".repeat(n),
            "</x:a>".repeat(n)
        )
    };
    // The Extensions sit at depth 2: 60 more levels stay within 64, 70 do not.
    let e = twin(
        &Fx {
            response_extensions: nest(60),
            ..Fx::default()
        },
        &Fx {
            response_extensions: nest(70),
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Guard(ref m) if m.contains("deeper")),
        "{e}"
    );
}

#[test]
fn very_deep_nesting_does_not_overflow() {
    let depth = 20_000;
    let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let e = verify(&b64(&xml)).expect_err("refused");
    assert!(
        matches!(e, SamlError::Guard(_) | SamlError::Malformed(_)),
        "{e}"
    );
}

#[test]
fn oversized_body() {
    let filler = |n: usize| format!("<x:f xmlns:x=\"urn:x\">{}</x:f>", "a".repeat(n));
    let e = twin(
        &Fx {
            response_extensions: filler(30_000),
            ..Fx::default()
        },
        &Fx {
            response_extensions: filler(70_000),
            ..Fx::default()
        },
    );
    assert!(matches!(e, SamlError::Guard(_)), "{e}");
}

#[test]
fn not_base64_and_not_a_response() {
    assert!(matches!(verify("%%%"), Err(SamlError::Malformed(_))));
    let other = sign(
        &Fx::default()
            .response_template("")
            .replace("saml2p:Response", "saml2p:LogoutResponse"),
        Sig::EcdsaSha256,
        Digest::Sha256,
    );
    assert!(matches!(verify(&b64(&other)), Err(SamlError::Malformed(_))));
    verify(&Fx::default().b64()).expect("valid twin");
}

// --- Destination, issuer, recipient, audience, InResponseTo, status ---------------------------------

fn mismatch(e: &SamlError) -> &'static str {
    match e {
        SamlError::Mismatch { what, .. } => what,
        other => panic!("not a mismatch: {other}"),
    }
}

#[test]
fn wrong_destination() {
    let e = twin(
        &Fx::default(),
        &Fx {
            destination: Some("https://evil.example/acs".into()),
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Response Destination");
    let e = twin(
        &Fx::default(),
        &Fx {
            destination: None,
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Response Destination");
}

#[test]
fn wrong_issuers() {
    let e = twin(
        &Fx::default(),
        &Fx {
            response_issuer: "https://evil.example".into(),
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Response Issuer");
    let e = twin(
        &Fx::default(),
        &Fx {
            assertion_issuer: "https://evil.example".into(),
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Assertion Issuer");
}

#[test]
fn wrong_recipient() {
    let e = twin(
        &Fx::default(),
        &Fx {
            recipient: "https://evil.example/acs".into(),
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "SubjectConfirmationData Recipient");
}

#[test]
fn wrong_audience() {
    let e = twin(
        &Fx::default(),
        &Fx {
            audiences: vec![vec!["https://evil.example".into()]],
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Audience");
    let e = twin(
        &Fx::default(),
        &Fx {
            audiences: vec![],
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Audience");
}

#[test]
fn second_audience_restriction_without_us() {
    let valid = Fx {
        audiences: vec![
            vec![SP_ENTITY.into()],
            vec!["https://other.example".into(), SP_ENTITY.into()],
        ],
        ..Fx::default()
    };
    let invalid = Fx {
        audiences: vec![vec![SP_ENTITY.into()], vec!["https://other.example".into()]],
        ..Fx::default()
    };
    assert_eq!(mismatch(&twin(&valid, &invalid)), "Audience");
}

#[test]
fn in_response_to_wrong_or_missing() {
    let e = twin(
        &Fx::default(),
        &Fx {
            in_response_to: Some("_other".into()),
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Response InResponseTo");
    // Unsolicited.
    let e = twin(
        &Fx::default(),
        &Fx {
            in_response_to: None,
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "Response InResponseTo");
    let e = twin(
        &Fx::default(),
        &Fx {
            scd_in_response_to: Some("_other".into()),
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "SubjectConfirmationData InResponseTo");
    let e = twin(
        &Fx::default(),
        &Fx {
            scd_in_response_to: None,
            ..Fx::default()
        },
    );
    assert_eq!(mismatch(&e), "SubjectConfirmationData InResponseTo");
    // A response to another pending request.
    let e = verify_response(
        &config(),
        &keys().sp,
        &Fx::default().b64(),
        "_another",
        Loa::Substantial,
        now(),
    )
    .expect_err("refused");
    assert_eq!(mismatch(&e), "Response InResponseTo");
}

#[test]
fn status_other_than_success() {
    let e = twin(
        &Fx::default(),
        &Fx {
            status: "urn:oasis:names:tc:SAML:2.0:status:Responder".into(),
            ..Fx::default()
        },
    );
    assert_eq!(
        e.status_code(),
        Some("urn:oasis:names:tc:SAML:2.0:status:Responder")
    );
    assert_eq!(SamlError::Decryption.status_code(), None);
}

#[test]
fn two_authn_statements() {
    let extra = "<saml2:AuthnStatement AuthnInstant=\"2026-03-01T10:00:00Z\"><saml2:AuthnContext>\
                 <saml2:AuthnContextClassRef>http://eidas.europa.eu/LoA/high</saml2:AuthnContextClassRef>\
                 </saml2:AuthnContext></saml2:AuthnStatement>";
    let e = twin(
        &Fx::default(),
        &Fx {
            assertion_extra: extra.into(),
            ..Fx::default()
        },
    );
    assert!(matches!(e, SamlError::Malformed(_)), "{e}");
}

// --- Time ----------------------------------------------------------------------------------------

#[test]
fn expired_beyond_skew() {
    let t = now();
    let minutes = time::Duration::minutes;
    // NotOnOrAfter 2 minutes ago: within the 3 minute skew; 4 minutes ago: expired.
    let e = twin(
        &Fx {
            not_on_or_after: t - minutes(2),
            scd_not_on_or_after: t - minutes(2),
            ..Fx::default()
        },
        &Fx {
            not_on_or_after: t - minutes(4),
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Time(ref m) if m.contains("Conditions")),
        "{e}"
    );
    let e = twin(
        &Fx {
            scd_not_on_or_after: t - minutes(2),
            ..Fx::default()
        },
        &Fx {
            scd_not_on_or_after: t - minutes(4),
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Time(ref m) if m.contains("SubjectConfirmationData")),
        "{e}"
    );
}

#[test]
fn not_yet_valid_beyond_skew() {
    let t = now();
    let minutes = time::Duration::minutes;
    let e = twin(
        &Fx {
            not_before: t + minutes(2),
            ..Fx::default()
        },
        &Fx {
            not_before: t + minutes(4),
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Time(ref m) if m.contains("NotBefore")),
        "{e}"
    );
}

#[test]
fn issue_instant_beyond_skew() {
    let t = now();
    let minutes = time::Duration::minutes;
    for (ok, bad) in [(minutes(2), minutes(4)), (-minutes(2), -minutes(4))] {
        let e = twin(
            &Fx {
                issue_instant: t + ok,
                ..Fx::default()
            },
            &Fx {
                issue_instant: t + bad,
                ..Fx::default()
            },
        );
        assert!(
            matches!(e, SamlError::Time(ref m) if m.contains("IssueInstant")),
            "{e}"
        );
    }
}

// --- Level of assurance ----------------------------------------------------------------------------

#[test]
fn loa_low_and_not_notified() {
    for loa in [
        "http://eidas.europa.eu/LoA/low",
        "http://eidas.europa.eu/NotNotified/LoA/high",
        "http://eidas.europa.eu/NotNotified/LoA/substantial",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    ] {
        let e = twin(
            &Fx::default(),
            &Fx {
                loa: loa.into(),
                ..Fx::default()
            },
        );
        assert!(matches!(e, SamlError::LevelOfAssurance(_)), "{loa}: {e}");
    }
}

#[test]
fn substantial_for_a_high_request() {
    let high = Fx {
        loa: "http://eidas.europa.eu/LoA/high".into(),
        ..Fx::default()
    };
    let substantial = Fx::default();
    let verify_high = |fx: &Fx| {
        verify_response(
            &config(),
            &keys().sp,
            &fx.b64(),
            REQUEST_ID,
            Loa::High,
            now(),
        )
    };
    assert_eq!(verify_high(&high).expect("high for high").loa, Loa::High);
    assert!(matches!(
        verify_high(&substantial),
        Err(SamlError::LevelOfAssurance(_))
    ));
    // high also satisfies a substantial request.
    assert_eq!(
        verify(&high.b64()).expect("high for substantial").loa,
        Loa::High
    );
}

// --- Algorithms ------------------------------------------------------------------------------------

#[test]
fn rsa_sha1_signature() {
    let e = twin(
        &Fx {
            response_sig: Sig::RsaPssSha256,
            ..Fx::default()
        },
        &Fx {
            response_sig: Sig::RsaSha1,
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Algorithm(ref m) if m.contains("SHA-1")),
        "{e}"
    );
}

#[test]
fn sha1_digest() {
    let e = twin(
        &Fx::default(),
        &Fx {
            digest: Digest::Sha1,
            ..Fx::default()
        },
    );
    assert_eq!(e, SamlError::Algorithm("SHA-1 digest".into()));
}

#[test]
fn rsa_1_5_key_transport() {
    let e = twin(
        &Fx::default(),
        &Fx {
            key_transport: KeyTransport::Rsa15,
            ..Fx::default()
        },
    );
    assert_eq!(e, SamlError::Algorithm("rsa-1_5 key transport".into()));
}

#[test]
fn aes_cbc_content() {
    let e = twin(
        &Fx::default(),
        &Fx {
            content: Content::Aes128Cbc,
            ..Fx::default()
        },
    );
    assert!(
        matches!(e, SamlError::Algorithm(ref m) if m.contains("aes128-cbc")),
        "{e}"
    );
}

#[test]
fn rsa_pkcs1_only_with_opt_in() {
    let fx = Fx {
        response_sig: Sig::RsaSha256,
        assertion_sig: Sig::RsaSha256,
        ..Fx::default()
    };
    let e = verify(&fx.b64()).expect_err("refused without the opt-in");
    assert!(
        matches!(e, SamlError::Algorithm(ref m) if m.contains("allow_rsa_pkcs1")),
        "{e}"
    );
    let cfg = limen_saml::SpConfig {
        allow_rsa_pkcs1: true,
        ..config()
    };
    verify_response(
        &cfg,
        &keys().sp,
        &fx.b64(),
        REQUEST_ID,
        Loa::Substantial,
        now(),
    )
    .expect("accepted with the opt-in");
}

#[test]
fn decryption_failure_is_uniform() {
    // Encrypted for another key: the unwrap fails, and the refusal says no more than that.
    let e = twin_edit(&Fx::default(), |_| {
        let fx = Fx::default();
        let encrypted = encrypt(
            &fx.signed_assertion(),
            &keys().other,
            KeyTransport::OaepMgf1p,
            Content::Aes128Gcm,
            false,
        );
        sign(
            &fx.response_template(&encrypted),
            Sig::EcdsaSha256,
            Digest::Sha256,
        )
    });
    assert_eq!(e, SamlError::Decryption);
    // A tampered ciphertext (tag failure) ends in the very same error.
    let e = twin_edit(&Fx::default(), |_| {
        let fx = Fx::default();
        let encrypted = encrypt(
            &fx.signed_assertion(),
            &keys().sp,
            KeyTransport::OaepMgf1p,
            Content::Aes128Gcm,
            false,
        );
        let start =
            encrypted.rfind("<xenc:CipherValue>").unwrap() + "<xenc:CipherValue>".len() + 30;
        let mut bytes = encrypted.into_bytes();
        bytes[start] = if bytes[start] == b'A' { b'B' } else { b'A' };
        let encrypted = String::from_utf8(bytes).unwrap();
        sign(
            &fx.response_template(&encrypted),
            Sig::EcdsaSha256,
            Digest::Sha256,
        )
    });
    assert_eq!(e, SamlError::Decryption);
}

// --- Attributes ------------------------------------------------------------------------------------

#[test]
fn missing_attribute() {
    for index in 0..4 {
        let mut fx = Fx::default();
        fx.attributes.remove(index);
        let e = twin(&Fx::default(), &fx);
        assert!(
            matches!(e, SamlError::Attribute(ref m) if m.contains("missing")),
            "{e}"
        );
    }
}

#[test]
fn two_valued_attribute() {
    for index in 0..4 {
        let mut fx = Fx::default();
        let first = fx.attributes[index].1[0].clone();
        fx.attributes[index].1.push(first);
        let e = twin(&Fx::default(), &fx);
        assert!(
            matches!(e, SamlError::Attribute(ref m) if m.contains("more than one")),
            "{e}"
        );
    }
    // The same attribute given twice.
    let mut fx = Fx::default();
    let dup = fx.attributes[0].clone();
    fx.attributes.push(dup);
    let e = twin(&Fx::default(), &fx);
    assert!(
        matches!(e, SamlError::Attribute(ref m) if m.contains("twice")),
        "{e}"
    );
}

#[test]
fn malformed_date_of_birth() {
    let mut fx = Fx::default();
    fx.attributes[3].1[0].0 = "12/04/1985".into();
    let e = twin(&Fx::default(), &fx);
    assert!(
        matches!(e, SamlError::Attribute(ref m) if m.contains("DateOfBirth")),
        "{e}"
    );
}

#[test]
fn person_identifier_of_another_destination_country() {
    let mut fx = Fx::default();
    fx.attributes[0].1[0].0 = "ES/FR/99999999R".into();
    let e = twin(&Fx::default(), &fx);
    assert!(
        matches!(e, SamlError::Attribute(ref m) if m.contains("destination FR")),
        "{e}"
    );
    let mut fx = Fx::default();
    fx.attributes[0].1[0].0 = "99999999R".into();
    assert!(matches!(twin(&Fx::default(), &fx), SamlError::Attribute(_)));
}

#[test]
fn country_not_in_accepted_countries() {
    let accepting = |countries: &[&str]| limen_saml::SpConfig {
        accepted_countries: countries.iter().map(|c| c.to_string()).collect(),
        ..config()
    };
    let b64 = Fx::default().b64();
    verify_response(
        &accepting(&["ES", "PT"]),
        &keys().sp,
        &b64,
        REQUEST_ID,
        Loa::Substantial,
        now(),
    )
    .expect("ES accepted");
    let e = verify_response(
        &accepting(&["PT"]),
        &keys().sp,
        &b64,
        REQUEST_ID,
        Loa::Substantial,
        now(),
    )
    .expect_err("ES refused");
    assert!(
        matches!(e, SamlError::Attribute(ref m) if m.contains("country ES")),
        "{e}"
    );
}

// --- peek_in_response_to ---------------------------------------------------------------------------

#[test]
fn peek_in_response_to() {
    assert_eq!(
        limen_saml::peek_in_response_to(&Fx::default().b64()).as_deref(),
        Some(REQUEST_ID)
    );
    assert_eq!(
        limen_saml::peek_in_response_to(
            &Fx {
                in_response_to: None,
                ..Fx::default()
            }
            .b64()
        ),
        None
    );
    assert_eq!(limen_saml::peek_in_response_to("not base64!"), None);
    assert_eq!(
        limen_saml::peek_in_response_to(&b64("<a InResponseTo=\"x\"/>")),
        None
    );
    let with_comment =
        Fx::default()
            .response_xml()
            .replacen("<saml2p:Status>", "<!--c--><saml2p:Status>", 1);
    assert_eq!(limen_saml::peek_in_response_to(&b64(&with_comment)), None);
}
