//! The identity provider's single logout messages (SAML.md §9; Prof §4.4): the `LogoutRequest`
//! it sends to each SP of an ending session (Core §3.7.1), the `LogoutResponse` it answers an SP's
//! request with (Core §3.7.2), and how any outbound message travels through the browser: the
//! HTTP-Redirect URL with its query signature (Bind §3.4.4.1) or the HTTP-POST form value
//! (Bind §3.5.4).
//!
//! The messages are written in exclusive-C14N form by construction, like the Response
//! ([`crate::idp::response`], SAML.md §7.2). For the POST binding they carry an enveloped
//! signature after `saml:Issuer`; for the Redirect binding they carry none (Bind §3.4.4.1: the
//! signature is over the query) and [`redirect_url`] signs.

use std::io::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use time::{Duration, OffsetDateTime};

use crate::SamlError;
use crate::idp::response::{
    Writer, check_name_id, identifier, issuer, name_id, optional_identifier, sign_after_issuer,
    status_response, top_level_code,
};
use crate::idp::{Binding, NameId, Signer, instant, new_id};
use crate::xml::ns;

/// Longest `RelayState` (Bind §3.4.3, §3.5.3: 80 bytes).
pub const MAX_RELAY_STATE: usize = 80;

/// What a `LogoutRequest` to an SP says (Core §3.7.1).
#[derive(Debug, Clone)]
pub struct LogoutRequestSpec<'a> {
    pub idp_entity_id: &'a str,
    /// The SP's registered `SingleLogoutService` `Location` for the binding used.
    pub destination: &'a str,
    /// The NameID exactly as the assertion gave it (format and qualifiers included).
    pub name_id: &'a NameId,
    /// The `SessionIndex` the assertion gave this SP.
    pub session_index: Option<&'a str>,
    pub now: OffsetDateTime,
    /// `NotOnOrAfter` = now + lifetime.
    pub lifetime: Duration,
}

/// A `samlp:LogoutRequest` (Core §3.7.1): `Destination`, `ID`, `IssueInstant`, `NotOnOrAfter`,
/// `Issuer`, the `NameID` of the assertion and its `SessionIndex`. Returns (ID, XML): the caller
/// keeps the ID to match the SP's `LogoutResponse` (`InResponseTo`, SAML.md §9.4).
/// [`Binding::Post`]: an enveloped signature after `Issuer` (Bind §3.5.4); [`Binding::Redirect`]:
/// unsigned, to be signed in the query by [`redirect_url`] (Bind §3.4.4.1).
pub fn logout_request(
    spec: &LogoutRequestSpec<'_>,
    signer: &Signer,
    binding: Binding,
) -> Result<(String, String), SamlError> {
    identifier("the IdP entityID", spec.idp_entity_id)?;
    identifier("the Destination", spec.destination)?;
    check_name_id(spec.name_id)?;
    optional_identifier("the SessionIndex", spec.session_index)?;
    if spec.lifetime <= Duration::ZERO {
        return Err(SamlError::Config(format!(
            "LogoutRequest lifetime {} is not positive",
            spec.lifetime
        )));
    }
    let id = new_id()?;
    let now = instant(spec.now)?;
    let until = instant(spec.now + spec.lifetime)?;
    let mut w = Writer::new();
    w.open(
        "samlp:LogoutRequest",
        &[("samlp", ns::SAMLP)],
        &[
            ("Destination", Some(spec.destination)),
            ("ID", Some(&id)),
            ("IssueInstant", Some(&now)),
            ("NotOnOrAfter", Some(&until)),
            ("Version", Some("2.0")),
        ],
    );
    issuer(&mut w, spec.idp_entity_id, true);
    // A sibling of Issuer: it declares `saml` itself (SAML.md §7.2).
    name_id(&mut w, spec.name_id, true);
    if let Some(index) = spec.session_index {
        w.leaf("samlp:SessionIndex", &[], &[], index);
    }
    w.close("samlp:LogoutRequest");
    let xml = w.finish();
    let xml = match binding {
        Binding::Post => sign_after_issuer(&xml, signer)?,
        Binding::Redirect => xml,
    };
    Ok((id, xml))
}

/// A `samlp:LogoutResponse` (Core §3.7.2) to an SP's `LogoutRequest`: `Destination` (its
/// `ResponseLocation` or `Location`), `InResponseTo`, the status (`top` one of Core §3.2.2.2's
/// top-level codes, `second` nested in it, e.g. `Responder` + `PartialLogout`), no
/// `StatusMessage`. Signed as [`logout_request`] is, by binding.
#[allow(clippy::too_many_arguments)]
pub fn logout_response(
    idp_entity_id: &str,
    destination: &str,
    in_response_to: Option<&str>,
    top: &str,
    second: Option<&str>,
    now: OffsetDateTime,
    signer: &Signer,
    binding: Binding,
) -> Result<String, SamlError> {
    identifier("the IdP entityID", idp_entity_id)?;
    identifier("the Destination", destination)?;
    optional_identifier("InResponseTo", in_response_to)?;
    top_level_code(top)?;
    optional_identifier("the second-level status code", second)?;
    let xml = status_response(
        "samlp:LogoutResponse",
        &new_id()?,
        idp_entity_id,
        destination,
        in_response_to,
        top,
        second,
        now,
    )?;
    match binding {
        Binding::Post => sign_after_issuer(&xml, signer),
        Binding::Redirect => Ok(xml),
    }
}

/// Which query parameter carries the message (Bind §3.4.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    SamlRequest,
    SamlResponse,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::SamlRequest => "SAMLRequest",
            Field::SamlResponse => "SAMLResponse",
        }
    }
}

/// The HTTP-Redirect binding URL of an unsigned message (Bind §3.4.4.1): `xml` raw-DEFLATEd
/// (RFC 1951), base64, URL-encoded as `field`; `RelayState` when given (at most 80 bytes,
/// Bind §3.4.3); `SigAlg` the signer's algorithm; `Signature` the base64 signature over exactly
/// the octets `field=…[&RelayState=…]&SigAlg=…` built here, URL-encoded as they appear in the
/// URL. `location` (from the SP's metadata) may hold a query already: the parameters are then
/// appended after `&`. A `location` with a fragment is refused (the query would land in it).
pub fn redirect_url(
    location: &str,
    field: Field,
    xml: &str,
    relay_state: Option<&str>,
    signer: &Signer,
) -> Result<String, SamlError> {
    identifier("the Location", location)?;
    if location.contains('#') {
        return Err(SamlError::Config(format!(
            "the Location {location:?} has a fragment"
        )));
    }
    if let Some(relay_state) = relay_state
        && relay_state.len() > MAX_RELAY_STATE
    {
        return Err(SamlError::Config(format!(
            "RelayState of {} bytes, over {MAX_RELAY_STATE}",
            relay_state.len()
        )));
    }
    let mut deflater = DeflateEncoder::new(Vec::new(), Compression::default());
    deflater
        .write_all(xml.as_bytes())
        .map_err(|e| SamlError::Config(format!("DEFLATE: {e}")))?;
    let deflated = deflater
        .finish()
        .map_err(|e| SamlError::Config(format!("DEFLATE: {e}")))?;

    // Bind §3.4.4.1: the signed octets are the parameters as they appear in the URL, in this
    // order, joined by '&'.
    let mut query = String::with_capacity(deflated.len() * 2 + 512);
    query.push_str(field.name());
    query.push('=');
    query.push_str(&url_encode(&B64.encode(deflated)));
    if let Some(relay_state) = relay_state {
        query.push_str("&RelayState=");
        query.push_str(&url_encode(relay_state));
    }
    query.push_str("&SigAlg=");
    query.push_str(&url_encode(signer.algorithm().uri()));
    let signature = B64.encode(signer.sign(query.as_bytes())?);
    query.push_str("&Signature=");
    query.push_str(&url_encode(&signature));

    let separator = match location.find('?') {
        None => "?",
        Some(_) if location.ends_with('?') || location.ends_with('&') => "",
        Some(_) => "&",
    };
    Ok(format!("{location}{separator}{query}"))
}

/// The HTTP-POST binding value of the `SAMLRequest` or `SAMLResponse` form field: the XML
/// (signed, for this binding) in base64 (Bind §3.5.4).
pub fn post_value(xml: &str) -> String {
    B64.encode(xml.as_bytes())
}

/// A query value percent-encoded as `application/x-www-form-urlencoded`: the RFC 3986
/// unreserved characters (ALPHA, DIGIT, `-`, `.`, `_`, `~`) kept, space as `+`, every other byte
/// as `%XX` in uppercase. SPs that verify the query signature on the raw query (Bind §3.4.4.1:
/// lasso, OpenSAML, SimpleSAMLphp) accept any encoding; those that decode and re-encode first
/// (pysaml2's `urlencode`, which keeps `~` and encodes `*`) rebuild exactly these octets, so a
/// `RelayState` holding `*` or `~` still verifies there.
fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
