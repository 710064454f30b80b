//! What a service provider sends through the browser (docs/SAML.md §4.2 steps 1–7 and the reading
//! of 8–13, §9.2): the HTTP-Redirect and HTTP-POST bindings decoded (SAML Bindings §3.4, §3.5), the
//! signature verified against the SP's pinned keys, then `AuthnRequest` (SAML Core §3.4.1),
//! `LogoutRequest` (Core §3.7.1) and `LogoutResponse` (Core §3.7.2, §3.2.2) read.
//!
//! The order is the design's: [`from_redirect`] / [`from_post`] decode (steps 1–3), [`issuer`]
//! reads the one value needed to choose the SP's keys (steps 4–5), and the `read_*` functions parse
//! the same text again under the guard, verify the signature of the root element (step 6) and read
//! nothing but that root and its descendants (step 7 on). What needs the registry or the store — the
//! ACS choice, NameID policy, the replay table, the strengths — is the caller's, from the values
//! returned here.
//!
//! Never: decode a Redirect query before splitting it, re-encode what a query signature covers,
//! inflate without a cap, read `KeyInfo`, or take any URL from a message as a place to send to.

use std::io::Read as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use flate2::read::DeflateDecoder;
use roxmltree::{Document, Node};
use time::OffsetDateTime;

use super::{Binding, NameId, NameIdFormat};
use crate::SamlError;
use crate::dsig::{self, PublicKey, SignatureAlgorithm};
use crate::sp::{MAX_RELAY_STATE, SKEW, parse_time};
use crate::xml::{self, ns};

/// Largest raw Redirect query string accepted, in bytes (SAML.md §4.2 step 1).
pub const MAX_QUERY: usize = 16 * 1024;
/// Largest `SAMLRequest` / `SAMLResponse` form field of the POST binding, in bytes of base64
/// (SAML.md §4.2 step 1).
pub const MAX_POST_BASE64: usize = 96 * 1024;
/// Longest message `ID` accepted, in characters (SAML.md §4.2 step 7).
pub const MAX_ID: usize = 256;

/// Which parameter carried the message (SAML Bindings §3.4.4, §3.5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// `SAMLRequest`: an `AuthnRequest` or a `LogoutRequest`.
    Request,
    /// `SAMLResponse`: a `LogoutResponse`.
    Response,
}

impl MessageKind {
    /// The parameter name of the bindings.
    pub fn parameter(self) -> &'static str {
        match self {
            MessageKind::Request => "SAMLRequest",
            MessageKind::Response => "SAMLResponse",
        }
    }
}

/// The signature of a Redirect-binding query (SAML Bindings §3.4.4.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerySignature {
    /// `SigAlg`, through the allowlist.
    pub algorithm: SignatureAlgorithm,
    /// `SAMLRequest=<raw>[&RelayState=<raw>]&SigAlg=<raw>` (or `SAMLResponse=…`), the bytes as
    /// they were received, never re-encoded.
    pub signed_octets: Vec<u8>,
    /// `Signature`, percent-decoded then base64-decoded.
    pub signature: Vec<u8>,
}

/// A decoded message, not yet trusted: nothing in `xml` may be used before a `read_*` function
/// has verified it (only [`issuer`] reads it before, to choose the keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub kind: MessageKind,
    pub binding: Binding,
    /// The message, UTF-8 XML (inflated for Redirect).
    pub xml: String,
    /// `RelayState` as decoded: at most 80 bytes, no control character; passed back unchanged
    /// (SAML Bindings §3.4.3, §3.5.3). `Some("")` when the parameter was present and empty.
    pub relay_state: Option<String>,
    /// Redirect binding with a `Signature` parameter; always `None` for POST.
    pub query_signature: Option<QuerySignature>,
}

/// The names of the Redirect parameters Limen reads; any other is ignored.
const PARAMETERS: [&str; 5] = [
    "SAMLRequest",
    "SAMLResponse",
    "RelayState",
    "SigAlg",
    "Signature",
];

/// HTTP-Redirect (SAML Bindings §3.4): the raw query string exactly as received (no leading
/// '?'). SAML.md §4.2 steps 1–3:
///
/// - at most [`MAX_QUERY`] bytes, split on `&` into raw `name=value` pairs **without decoding**;
/// - each of `SAMLRequest`, `SAMLResponse`, `RelayState`, `SigAlg`, `Signature` at most once (a
///   duplicate is refused: two parsers could pick different ones), a percent-encoded spelling of
///   one of these names refused for the same reason; exactly one of `SAMLRequest` and
///   `SAMLResponse`; other names ignored;
/// - the message percent-decoded (form rules: `+` is a space), base64-decoded, then inflated (raw
///   DEFLATE, RFC 1951, Bindings §3.4.4.1) through a reader capped at [`xml::MAX_BYTES`] + 1 bytes
///   of output, and UTF-8;
/// - `RelayState` at most 80 bytes decoded, UTF-8, no control character;
/// - with `Signature`: `SigAlg` required and allowlisted ([`SignatureAlgorithm::from_uri`]: SHA-1,
///   DSA, HMAC and unknown refused), and the signed octets kept as received. `SigAlg` without
///   `Signature` is refused (a message is signed or it is not).
///
/// The signature itself is verified by the `read_*` functions, with the SP's keys.
pub fn from_redirect(raw_query: &str) -> Result<Received, SamlError> {
    if raw_query.len() > MAX_QUERY {
        return Err(SamlError::Guard(format!(
            "query string of {} bytes, over {MAX_QUERY}",
            raw_query.len()
        )));
    }
    // The raw value of each parameter Limen reads, by its index in PARAMETERS.
    let mut found: [Option<&str>; 5] = [None; 5];
    for pair in raw_query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match PARAMETERS.iter().position(|p| *p == name) {
            Some(i) => {
                let slot = found
                    .get_mut(i)
                    .ok_or_else(|| SamlError::malformed("parameter index"))?;
                if slot.is_some() {
                    return Err(SamlError::malformed(format!(
                        "the query holds {name} more than once"
                    )));
                }
                *slot = Some(value);
            }
            None => {
                // A name that decodes to one of ours but is spelled otherwise: another parser
                // would read it as that parameter, this one would not (a differential).
                let decoded = percent_decode(name)?;
                if PARAMETERS
                    .iter()
                    .any(|p| p.as_bytes() == decoded.as_slice())
                {
                    return Err(SamlError::malformed(format!(
                        "the query holds a percent-encoded parameter name {name:?}"
                    )));
                }
            }
        }
    }
    let [request, response, relay_state, sig_alg, signature] = found;
    let (kind, raw_message) = match (request, response) {
        (Some(r), None) => (MessageKind::Request, r),
        (None, Some(r)) => (MessageKind::Response, r),
        (None, None) => {
            return Err(SamlError::malformed(
                "the query holds neither SAMLRequest nor SAMLResponse",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(SamlError::malformed(
                "the query holds both SAMLRequest and SAMLResponse",
            ));
        }
    };

    let deflated = B64
        .decode(percent_decode(raw_message)?)
        .map_err(|_| SamlError::malformed(format!("{} is not base64", kind.parameter())))?;
    let xml = inflate(&deflated)?;
    let relay = relay_state
        .map(|raw| relay_state_text(&percent_decode(raw)?))
        .transpose()?;

    let query_signature = match (signature, sig_alg) {
        (None, None) => None,
        (None, Some(_)) => {
            return Err(SamlError::malformed("SigAlg without Signature"));
        }
        (Some(_), None) => return Err(SamlError::signature("Signature without SigAlg")),
        (Some(raw_signature), Some(raw_alg)) => {
            let alg_uri = String::from_utf8(percent_decode(raw_alg)?)
                .map_err(|_| SamlError::malformed("SigAlg is not UTF-8"))?;
            let algorithm = SignatureAlgorithm::from_uri(&alg_uri)?;
            let signature = B64
                .decode(percent_decode(raw_signature)?)
                .map_err(|_| SamlError::signature("Signature is not base64"))?;
            // Bindings §3.4.4.1: the octets signed are the parameters as they travel, in this
            // order, joined by '&' — the received bytes, so that no re-encoding (`%2f` against
            // `%2F`) can break a valid signature or make two readings of one query.
            let mut signed = format!("{}={raw_message}", kind.parameter());
            if let Some(raw) = relay_state {
                signed.push_str("&RelayState=");
                signed.push_str(raw);
            }
            signed.push_str("&SigAlg=");
            signed.push_str(raw_alg);
            Some(QuerySignature {
                algorithm,
                signed_octets: signed.into_bytes(),
                signature,
            })
        }
    };

    Ok(Received {
        kind,
        binding: Binding::Redirect,
        xml,
        relay_state: relay,
        query_signature,
    })
}

/// HTTP-POST (SAML Bindings §3.5): the form's fields, already form-decoded by the web layer.
/// Exactly one of `saml_request` and `saml_response`; at most [`MAX_POST_BASE64`] bytes of base64
/// (whitespace tolerated: Bindings §3.5.4 lets senders wrap lines), UTF-8, not inflated.
/// `RelayState` as for [`from_redirect`].
pub fn from_post(
    saml_request: Option<&str>,
    saml_response: Option<&str>,
    relay_state: Option<&str>,
) -> Result<Received, SamlError> {
    let (kind, value) = match (saml_request, saml_response) {
        (Some(v), None) => (MessageKind::Request, v),
        (None, Some(v)) => (MessageKind::Response, v),
        (None, None) => {
            return Err(SamlError::malformed(
                "the form holds neither SAMLRequest nor SAMLResponse",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(SamlError::malformed(
                "the form holds both SAMLRequest and SAMLResponse",
            ));
        }
    };
    if value.len() > MAX_POST_BASE64 {
        return Err(SamlError::Guard(format!(
            "{} of {} bytes, over {MAX_POST_BASE64}",
            kind.parameter(),
            value.len()
        )));
    }
    let compact: Vec<u8> = value.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let bytes = B64
        .decode(compact)
        .map_err(|_| SamlError::malformed(format!("{} is not base64", kind.parameter())))?;
    let xml = String::from_utf8(bytes)
        .map_err(|_| SamlError::malformed(format!("{} is not UTF-8", kind.parameter())))?;
    let relay = relay_state
        .map(|r| relay_state_text(r.as_bytes()))
        .transpose()?;
    Ok(Received {
        kind,
        binding: Binding::Post,
        xml,
        relay_state: relay,
        query_signature: None,
    })
}

/// The `Issuer` of the message, read only to choose the SP's keys (SAML.md §4.2 step 5): the text
/// parsed under the guard, the root one of `samlp:AuthnRequest`, `samlp:LogoutRequest` (carried as
/// `SAMLRequest`) or `samlp:LogoutResponse` (as `SAMLResponse`), exactly one `saml:Issuer` child,
/// text only, `Format` absent or `…:nameid-format:entity` (Core §3.2.1, §8.3.6). Surrounding
/// whitespace is removed.
///
/// Nothing else may be read before the signature is verified; the caller looks the SP up by this
/// value and passes its keys to a `read_*` function, which reads the issuer again from the
/// verified root.
pub fn issuer(received: &Received) -> Result<String, SamlError> {
    let doc = xml::parse(&received.xml)?;
    let root = doc.root_element();
    let expected: &[&str] = match received.kind {
        MessageKind::Request => &["AuthnRequest", "LogoutRequest"],
        MessageKind::Response => &["LogoutResponse"],
    };
    if !expected.iter().any(|local| xml::is(root, ns::SAMLP, local)) {
        return Err(SamlError::malformed(format!(
            "{} carries a {} of namespace {:?}",
            received.kind.parameter(),
            root.tag_name().name(),
            root.tag_name().namespace().unwrap_or_default()
        )));
    }
    read_issuer(root)
}

/// What the caller knows of the SP and of itself.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    /// The URL the message must name as `Destination`, e.g. `{public_url}/saml/sso` or
    /// `{public_url}/saml/slo`.
    pub destination: &'a str,
    /// The SP's pinned signing keys (from its metadata). `KeyInfo` is never read.
    pub keys: &'a [PublicKey],
    /// An unsigned message is refused (the SP's `requests_signed`).
    pub require_signed: bool,
    pub now: OffsetDateTime,
}

/// `samlp:NameIDPolicy` (Core §3.4.1.1), as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameIdPolicy {
    pub format: Option<String>,
    pub sp_name_qualifier: Option<String>,
    pub allow_create: Option<bool>,
}

/// `RequestedAuthnContext@Comparison` (Core §3.3.2.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Exact,
    Minimum,
    Better,
    Maximum,
}

/// `samlp:RequestedAuthnContext` (Core §3.3.2.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedAuthnContext {
    /// `exact` when absent.
    pub comparison: Comparison,
    /// The `saml:AuthnContextClassRef` values, in order (whitespace around each removed).
    pub class_refs: Vec<String>,
    /// The request names `saml:AuthnContextDeclRef`s instead (Limen answers `NoAuthnContext`).
    pub decl_refs: bool,
}

/// A verified `samlp:AuthnRequest` (Core §3.4.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthnRequestIn {
    pub id: String,
    pub issuer: String,
    pub issue_instant: OffsetDateTime,
    pub destination: Option<String>,
    /// `AssertionConsumerServiceURL`, to be byte-compared with the registered ACS locations.
    pub acs_url: Option<String>,
    pub acs_index: Option<u16>,
    pub protocol_binding: Option<String>,
    pub name_id_policy: Option<NameIdPolicy>,
    pub force_authn: bool,
    pub is_passive: bool,
    pub requested_authn_context: Option<RequestedAuthnContext>,
    /// What the request asks that Limen does not do: `"Subject"`, `"Scoping"` (with
    /// `RequesterID` or `IDPList`). Not empty → the caller answers `Requester` /
    /// `RequestUnsupported` (SAML.md §4.2 step 11).
    pub unsupported: Vec<&'static str>,
    /// Whether the request was signed (and the signature verified).
    pub signed: bool,
}

/// Reads an `AuthnRequest` (SAML.md §4.2 steps 4–7, and the values of 8 and 10–13): parse under
/// the guard, root `samlp:AuthnRequest`, signature ([`Expect::require_signed`]), then the common
/// checks (`Version`, `ID`, `IssueInstant`, `Destination`, `Issuer`) and the request's own
/// attributes and children (Core §3.4.1): `AssertionConsumerServiceURL` and
/// `AssertionConsumerServiceIndex` are mutually exclusive, the index an xs:unsignedShort,
/// `ForceAuthn` and `IsPassive` xs:booleans, `RequestedAuthnContext` a known `Comparison` with
/// class references or declaration references (not both).
pub fn read_authn_request(
    received: &Received,
    expect: &Expect<'_>,
) -> Result<AuthnRequestIn, SamlError> {
    require_kind(received, MessageKind::Request)?;
    let doc = xml::parse(&received.xml)?;
    let root = root_named(&doc, "AuthnRequest")?;
    let signed = verify(received, root, expect, expect.require_signed)?;
    let common = read_common(root, signed, expect)?;

    let acs_url = root
        .attribute("AssertionConsumerServiceURL")
        .map(str::to_owned);
    let acs_index = root
        .attribute("AssertionConsumerServiceIndex")
        .map(|v| {
            v.trim().parse::<u16>().map_err(|_| {
                SamlError::malformed(format!(
                    "AssertionConsumerServiceIndex {v:?} is not an unsignedShort"
                ))
            })
        })
        .transpose()?;
    if acs_url.is_some() && acs_index.is_some() {
        return Err(SamlError::malformed(
            "AssertionConsumerServiceURL and AssertionConsumerServiceIndex are mutually exclusive \
             (SAML Core §3.4.1)",
        ));
    }

    let name_id_policy = xml::opt_child(root, ns::SAMLP, "NameIDPolicy")?
        .map(|policy| -> Result<NameIdPolicy, SamlError> {
            Ok(NameIdPolicy {
                format: policy.attribute("Format").map(str::to_owned),
                sp_name_qualifier: policy.attribute("SPNameQualifier").map(str::to_owned),
                allow_create: opt_boolean(policy, "AllowCreate")?,
            })
        })
        .transpose()?;

    let requested_authn_context = xml::opt_child(root, ns::SAMLP, "RequestedAuthnContext")?
        .map(read_requested_authn_context)
        .transpose()?;

    let mut unsupported = Vec::new();
    if xml::opt_child(root, ns::SAML, "Subject")?.is_some() {
        unsupported.push("Subject");
    }
    if let Some(scoping) = xml::opt_child(root, ns::SAMLP, "Scoping")?
        && (xml::children(scoping, ns::SAMLP, "RequesterID")
            .next()
            .is_some()
            || xml::children(scoping, ns::SAMLP, "IDPList")
                .next()
                .is_some())
    {
        unsupported.push("Scoping");
    }

    Ok(AuthnRequestIn {
        id: common.id,
        issuer: common.issuer,
        issue_instant: common.issue_instant,
        destination: common.destination,
        acs_url,
        acs_index,
        protocol_binding: root.attribute("ProtocolBinding").map(str::to_owned),
        name_id_policy,
        force_authn: opt_boolean(root, "ForceAuthn")?.unwrap_or(false),
        is_passive: opt_boolean(root, "IsPassive")?.unwrap_or(false),
        requested_authn_context,
        unsupported,
        signed,
    })
}

/// A verified `samlp:LogoutRequest` (Core §3.7.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutRequestIn {
    pub id: String,
    pub issuer: String,
    pub issue_instant: OffsetDateTime,
    pub destination: Option<String>,
    pub not_on_or_after: Option<OffsetDateTime>,
    pub name_id: NameId,
    pub session_indexes: Vec<String>,
    pub reason: Option<String>,
}

/// Reads a `LogoutRequest` (SAML.md §9.2). The signature is **always** required here, whatever
/// `expect.require_signed` (Prof §4.4.4.1: the requester must authenticate itself, and through a
/// browser only a signature does). `NotOnOrAfter`, when present, must not have passed (±
/// [`SKEW`]); the identifier must be a `saml:NameID` (`BaseID` and `EncryptedID` are refused:
/// Limen issues neither); `SessionIndex` 0..n.
pub fn read_logout_request(
    received: &Received,
    expect: &Expect<'_>,
) -> Result<LogoutRequestIn, SamlError> {
    require_kind(received, MessageKind::Request)?;
    let doc = xml::parse(&received.xml)?;
    let root = root_named(&doc, "LogoutRequest")?;
    let signed = verify(received, root, expect, true)?;
    let common = read_common(root, signed, expect)?;

    let not_on_or_after = parse_time(root, "NotOnOrAfter", "LogoutRequest")?;
    if let Some(t) = not_on_or_after
        && t <= expect.now - SKEW
    {
        return Err(SamlError::Time(format!(
            "LogoutRequest NotOnOrAfter {t} has passed"
        )));
    }

    for refused in ["BaseID", "EncryptedID"] {
        if xml::children(root, ns::SAML, refused).next().is_some() {
            return Err(SamlError::malformed(format!(
                "LogoutRequest identifies the principal by {refused}, which Limen does not \
                 support (NameID only)"
            )));
        }
    }
    let name_id = xml::one_child(root, ns::SAML, "NameID")?;
    let name_id = NameId {
        value: xml::text(name_id)?,
        format: name_id.attribute("Format").map(str::to_owned),
        name_qualifier: name_id.attribute("NameQualifier").map(str::to_owned),
        sp_name_qualifier: name_id.attribute("SPNameQualifier").map(str::to_owned),
    };
    if name_id.value.is_empty() {
        return Err(SamlError::malformed("LogoutRequest NameID is empty"));
    }
    let session_indexes = xml::children(root, ns::SAMLP, "SessionIndex")
        .map(xml::text)
        .collect::<Result<Vec<_>, _>>()?;

    Ok(LogoutRequestIn {
        id: common.id,
        issuer: common.issuer,
        issue_instant: common.issue_instant,
        destination: common.destination,
        not_on_or_after,
        name_id,
        session_indexes,
        reason: root.attribute("Reason").map(str::to_owned),
    })
}

/// A verified `samlp:LogoutResponse` (Core §3.7.2, of `StatusResponseType` §3.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutResponseIn {
    pub id: String,
    pub issuer: String,
    pub in_response_to: Option<String>,
    pub destination: Option<String>,
    /// The top-level `StatusCode@Value`.
    pub status: String,
    /// The nested second-level `StatusCode@Value`, if any.
    pub second_status: Option<String>,
}

/// Reads a `LogoutResponse` (SAML.md §9.4 step 3). The signature is required when
/// `expect.require_signed`. `Status/StatusCode@Value` required, one nested `StatusCode` read
/// (Core §3.2.2.2). Whether `InResponseTo` is the plan's is the caller's check.
pub fn read_logout_response(
    received: &Received,
    expect: &Expect<'_>,
) -> Result<LogoutResponseIn, SamlError> {
    require_kind(received, MessageKind::Response)?;
    let doc = xml::parse(&received.xml)?;
    let root = root_named(&doc, "LogoutResponse")?;
    let signed = verify(received, root, expect, expect.require_signed)?;
    let common = read_common(root, signed, expect)?;

    let status = xml::one_child(root, ns::SAMLP, "Status")?;
    let code = xml::one_child(status, ns::SAMLP, "StatusCode")?;
    let value = xml::required_attr(code, "Value")?;
    let second = xml::opt_child(code, ns::SAMLP, "StatusCode")?
        .map(|c| xml::required_attr(c, "Value").map(str::to_owned))
        .transpose()?;

    Ok(LogoutResponseIn {
        id: common.id,
        issuer: common.issuer,
        in_response_to: root.attribute("InResponseTo").map(str::to_owned),
        destination: common.destination,
        status: value.to_owned(),
        second_status: second,
    })
}

// --- shared steps ------------------------------------------------------------------------------

fn require_kind(received: &Received, kind: MessageKind) -> Result<(), SamlError> {
    if received.kind == kind {
        Ok(())
    } else {
        Err(SamlError::malformed(format!(
            "expected a {}, received a {}",
            kind.parameter(),
            received.kind.parameter()
        )))
    }
}

/// The root element, which must be `samlp:{local}` (by namespace, never by prefix).
fn root_named<'a, 'i>(doc: &'a Document<'i>, local: &str) -> Result<Node<'a, 'i>, SamlError> {
    let root = doc.root_element();
    if xml::is(root, ns::SAMLP, local) {
        Ok(root)
    } else {
        Err(SamlError::malformed(format!(
            "the root is {} of namespace {:?}, not samlp:{local}",
            root.tag_name().name(),
            root.tag_name().namespace().unwrap_or_default()
        )))
    }
}

/// SAML.md §4.2 step 6: whether the message is signed, after verifying the signature it carries.
///
/// - Redirect (Bindings §3.4.4.1): the XML must hold no `ds:Signature` at all (the binding removes
///   it; one left there could be checked by another reader instead of the query's); the query
///   signature, when present, over the received octets, by one of `expect.keys`.
/// - POST (Bindings §3.5.4): any `ds:Signature` in the document makes it
///   [`dsig::verify_enveloped`] of the root (which accepts exactly one, a direct child of the
///   root, referencing the root); RSA PKCS#1 v1.5 is accepted, as SPs sign `rsa-sha256`.
///
/// A signature that does not verify is refused even when none is required; unsigned with
/// `required` is refused.
fn verify(
    received: &Received,
    root: Node<'_, '_>,
    expect: &Expect<'_>,
    required: bool,
) -> Result<bool, SamlError> {
    let has_xml_signature = root
        .document()
        .descendants()
        .any(|n| xml::is(n, ns::DS, "Signature"));
    let signed = match received.binding {
        Binding::Redirect => {
            if has_xml_signature {
                return Err(SamlError::signature(
                    "a Redirect-binding message holds a ds:Signature element",
                ));
            }
            match &received.query_signature {
                None => false,
                Some(q) => {
                    if !expect
                        .keys
                        .iter()
                        .any(|k| k.verify(q.algorithm, &q.signed_octets, &q.signature))
                    {
                        return Err(SamlError::signature(
                            "the query signature does not verify with any of the SP's keys",
                        ));
                    }
                    true
                }
            }
        }
        Binding::Post => {
            if received.query_signature.is_some() {
                return Err(SamlError::signature(
                    "a query signature on a POST-binding message",
                ));
            }
            if has_xml_signature {
                dsig::verify_enveloped(root, expect.keys, true)?;
                true
            } else {
                false
            }
        }
    };
    if required && !signed {
        return Err(SamlError::signature(
            "unsigned, and a signature is required",
        ));
    }
    Ok(signed)
}

/// What every inbound message carries (Core §3.2.1 `RequestAbstractType`, §3.2.2
/// `StatusResponseType`).
struct Common {
    id: String,
    issuer: String,
    issue_instant: OffsetDateTime,
    destination: Option<String>,
}

/// SAML.md §4.2 step 7 and the issuer: `Version="2.0"`; `ID` an xs:ID of at most [`MAX_ID`]
/// characters; `IssueInstant` within ±[`SKEW`] of now; `Destination` required when signed
/// (Bindings §3.4.5.2, §3.5.5.2) and, when present, byte-equal to `expect.destination`; exactly
/// one `Issuer` as [`issuer`] reads it.
fn read_common(root: Node<'_, '_>, signed: bool, expect: &Expect<'_>) -> Result<Common, SamlError> {
    let what = root.tag_name().name();
    match root.attribute("Version") {
        Some("2.0") => {}
        other => {
            return Err(SamlError::malformed(format!(
                "{what} Version {other:?} is not 2.0"
            )));
        }
    }
    let id = xml::required_attr(root, "ID")?;
    if id.chars().count() > MAX_ID {
        return Err(SamlError::malformed(format!(
            "{what} ID of {} characters, over {MAX_ID}",
            id.chars().count()
        )));
    }
    if !is_ncname(id) {
        return Err(SamlError::malformed(format!(
            "{what} ID {id:?} is not an xs:ID"
        )));
    }
    let issue_instant = parse_time(root, "IssueInstant", what)?
        .ok_or_else(|| SamlError::malformed(format!("{what} has no IssueInstant")))?;
    if issue_instant > expect.now + SKEW || issue_instant < expect.now - SKEW {
        return Err(SamlError::Time(format!(
            "{what} IssueInstant {issue_instant} is not within 3 minutes of {}",
            expect.now
        )));
    }
    let destination = root.attribute("Destination");
    match destination {
        Some(d) if d != expect.destination => {
            return Err(SamlError::Mismatch {
                what: "Destination",
                expected: expect.destination.to_owned(),
                found: d.to_owned(),
            });
        }
        None if signed => {
            return Err(SamlError::Mismatch {
                what: "Destination",
                expected: expect.destination.to_owned(),
                found: "(absent, on a signed message)".to_owned(),
            });
        }
        _ => {}
    }
    Ok(Common {
        id: id.to_owned(),
        issuer: read_issuer(root)?,
        issue_instant,
        destination: destination.map(str::to_owned),
    })
}

/// The one `saml:Issuer` child: text only, `Format` absent or entity (Core §3.2.1, §8.3.6).
fn read_issuer(root: Node<'_, '_>) -> Result<String, SamlError> {
    let issuer = xml::one_child(root, ns::SAML, "Issuer")?;
    if let Some(format) = issuer.attribute("Format")
        && format != NameIdFormat::ENTITY
    {
        return Err(SamlError::malformed(format!(
            "Issuer Format {format:?} is not {}",
            NameIdFormat::ENTITY
        )));
    }
    let value = xml::text(issuer)?;
    let value = value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    if value.is_empty() {
        return Err(SamlError::malformed("Issuer is empty"));
    }
    Ok(value.to_owned())
}

fn read_requested_authn_context(node: Node<'_, '_>) -> Result<RequestedAuthnContext, SamlError> {
    let comparison = match node.attribute("Comparison") {
        None | Some("exact") => Comparison::Exact,
        Some("minimum") => Comparison::Minimum,
        Some("better") => Comparison::Better,
        Some("maximum") => Comparison::Maximum,
        Some(other) => {
            return Err(SamlError::malformed(format!(
                "RequestedAuthnContext Comparison {other:?} is not exact, minimum, better or \
                 maximum"
            )));
        }
    };
    let mut class_refs = Vec::new();
    let mut decl_refs = false;
    for child in node.children().filter(|c| c.is_element()) {
        if xml::is(child, ns::SAML, "AuthnContextClassRef") {
            let value = xml::text(child)?;
            let value = value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
            if value.is_empty() {
                return Err(SamlError::malformed("an empty AuthnContextClassRef"));
            }
            class_refs.push(value.to_owned());
        } else if xml::is(child, ns::SAML, "AuthnContextDeclRef") {
            xml::text(child)?;
            decl_refs = true;
        } else {
            return Err(SamlError::malformed(format!(
                "RequestedAuthnContext holds {}",
                child.tag_name().name()
            )));
        }
    }
    // Core §3.3.2.2.1: a choice of one or more class references or one or more declaration
    // references.
    match (class_refs.is_empty(), decl_refs) {
        (true, false) => Err(SamlError::malformed("an empty RequestedAuthnContext")),
        (false, true) => Err(SamlError::malformed(
            "RequestedAuthnContext mixes AuthnContextClassRef and AuthnContextDeclRef",
        )),
        _ => Ok(RequestedAuthnContext {
            comparison,
            class_refs,
            decl_refs,
        }),
    }
}

/// An optional xs:boolean attribute (XML Schema 2 §3.2.2: `true`, `false`, `1`, `0`, whitespace
/// collapsed); any other value is refused.
fn opt_boolean(node: Node<'_, '_>, name: &str) -> Result<Option<bool>, SamlError> {
    node.attribute(name)
        .map(
            |v| match v.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(SamlError::malformed(format!(
                    "{} {name} {v:?} is not an xs:boolean",
                    node.tag_name().name()
                ))),
            },
        )
        .transpose()
}

/// Whether `value` is an xs:ID (an NCName, Namespaces in XML §3): a letter or `_` first, then
/// letters, digits, `.`, `-`, `_`; characters outside ASCII are taken as name characters unless
/// they are whitespace or controls.
fn is_ncname(value: &str) -> bool {
    let name_char = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '.' | '-' | '_')
            || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
    };
    let mut chars = value.chars();
    match chars.next() {
        Some(first)
            if first.is_ascii_alphabetic()
                || first == '_'
                || (!first.is_ascii() && first.is_alphabetic()) =>
        {
            chars.all(name_char)
        }
        _ => false,
    }
}

/// Percent-decoding with the form rules (URL Standard, application/x-www-form-urlencoded): `+` is
/// a space, `%XX` a byte. A `%` not followed by two hexadecimal digits is refused rather than kept
/// (SAML senders encode every `%`).
fn percent_decode(raw: &str) -> Result<Vec<u8>, SamlError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        SamlError::malformed("a '%' not followed by two hex digits in the query")
                    })?;
                out.push(hex);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Raw DEFLATE (RFC 1951; Bindings §3.4.4.1) through a reader that stops at [`xml::MAX_BYTES`] + 1
/// bytes of output: a bomb is cut at the cap, never inflated whole. Then UTF-8.
fn inflate(deflated: &[u8]) -> Result<String, SamlError> {
    let cap = u64::try_from(xml::MAX_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut out = Vec::new();
    DeflateDecoder::new(deflated)
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| SamlError::malformed(format!("the message is not raw DEFLATE: {e}")))?;
    if out.len() > xml::MAX_BYTES {
        return Err(SamlError::Guard(format!(
            "the message inflates to more than {} bytes",
            xml::MAX_BYTES
        )));
    }
    String::from_utf8(out).map_err(|_| SamlError::malformed("the inflated message is not UTF-8"))
}

/// `RelayState` decoded: at most 80 bytes (Bindings §3.4.3, §3.5.3), UTF-8, no control character.
fn relay_state_text(bytes: &[u8]) -> Result<String, SamlError> {
    if bytes.len() > MAX_RELAY_STATE {
        return Err(SamlError::malformed(format!(
            "RelayState of {} bytes, over {MAX_RELAY_STATE}",
            bytes.len()
        )));
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| SamlError::malformed("RelayState is not UTF-8"))?;
    if text.chars().any(char::is_control) {
        return Err(SamlError::malformed("RelayState holds a control character"));
    }
    Ok(text.to_owned())
}
