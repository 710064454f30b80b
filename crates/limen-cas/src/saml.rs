//! SAML 1.1 ticket validation, `/samlValidate` (CAS 3.0 §4.2).

use time::OffsetDateTime;

use crate::timefmt::rfc3339_utc;
use crate::validate::merged_attributes;
use crate::xml::{Element, XmlWriter, parse_document, trim_xml_space};
use crate::{ErrorCode, Failure, Success};

/// SOAP 1.1 envelope namespace (the one CAS clients use, §4.2.4).
const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2 envelope namespace, accepted on input only.
const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// SAML 1.0 and 1.1 protocol namespace.
const SAMLP_NS: &str = "urn:oasis:names:tc:SAML:1.0:protocol";
/// SAML 1.0 and 1.1 assertion namespace.
const SAML_NS: &str = "urn:oasis:names:tc:SAML:1.0:assertion";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// `AttributeNamespace` of CAS attributes (§4.2.5 example).
const CAS_ATTRIBUTE_NS: &str = "http://www.ja-sig.org/products/cas/";
/// Subject confirmation by artifact: the service ticket (§4.2.5 example).
const CONFIRMATION_ARTIFACT: &str = "urn:oasis:names:tc:SAML:1.0:cm:artifact";

/// What CAS needs from a `/samlValidate` request body (CAS 3.0 §4.2.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamlRequest {
    /// `RequestID` of `samlp:Request`, echoed as `InResponseTo`.
    pub request_id: String,
    /// Text of `samlp:AssertionArtifact`: the service ticket, whitespace
    /// trimmed. Its syntax is *not* checked here (see [`crate::ticket_kind`]).
    pub artifact: String,
}

fn invalid_request(message: impl Into<String>) -> Failure {
    Failure::new(ErrorCode::InvalidRequest, message)
}

/// Parses the POST body of `/samlValidate` (CAS 3.0 §4.2.2–§4.2.4): a SOAP
/// envelope whose body holds one `samlp:Request` (SAML 1.0/1.1 protocol
/// namespace) with a `RequestID` attribute and one `samlp:AssertionArtifact`.
/// A bare `samlp:Request` document (no SOAP envelope) is accepted too.
///
/// Every problem is an `INVALID_REQUEST` failure: a body over 64 KiB, any DTD
/// (hence any entity declaration), malformed XML, a missing or empty
/// `RequestID` or artifact, or several requests or artifacts. The
/// `IssueInstant` that §4.2.3 marks as required is not checked since CAS does
/// not use it. The artifact's ticket syntax is the caller's job.
pub fn parse_saml_request(body: &str) -> Result<SamlRequest, Failure> {
    let root = parse_document(body).map_err(|e| invalid_request(e.describe()))?;

    let request: &Element = if root.is(SOAP11_NS, "Envelope") || root.is(SOAP12_NS, "Envelope") {
        let soap_ns = root.ns.as_deref().unwrap_or(SOAP11_NS);
        let soap_body = root
            .only_child(soap_ns, "Body")
            .ok_or_else(|| invalid_request("SOAP envelope without exactly one Body"))?;
        soap_body
            .only_child(SAMLP_NS, "Request")
            .ok_or_else(|| invalid_request("SOAP Body without exactly one samlp:Request"))?
    } else if root.is(SAMLP_NS, "Request") {
        &root
    } else {
        return Err(invalid_request(
            "not a SAML 1.1 samlp:Request nor a SOAP envelope",
        ));
    };

    // §4.2.3: RequestID [REQUIRED].
    let request_id = request
        .attr("RequestID")
        .map(trim_xml_space)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| invalid_request("samlp:Request without a RequestID"))?;

    // §4.2.3: samlp:AssertionArtifact [REQUIRED], the service ticket.
    let artifact = request
        .only_child(SAMLP_NS, "AssertionArtifact")
        .ok_or_else(|| invalid_request("samlp:Request without exactly one AssertionArtifact"))?;
    if !artifact.children.is_empty() {
        return Err(invalid_request("AssertionArtifact must contain text only"));
    }
    let ticket = trim_xml_space(&artifact.text);
    if ticket.is_empty() {
        return Err(invalid_request("empty AssertionArtifact"));
    }

    Ok(SamlRequest {
        request_id: request_id.to_string(),
        artifact: ticket.to_string(),
    })
}

/// Everything a SAML 1.1 response needs that is not the validation result.
/// The caller supplies identifiers and instants: this crate has no clock and
/// no randomness.
#[derive(Debug, Clone, Copy)]
pub struct SamlContext<'a> {
    /// `ResponseID`; should be an XML NCName such as `_` followed by random
    /// hex. The `AssertionID` is derived from it as `{response_id}-assertion`.
    pub response_id: &'a str,
    /// `InResponseTo`: the request's `RequestID`. Omitted when empty (the
    /// request could not be parsed).
    pub in_response_to: &'a str,
    /// `IssueInstant` of the response and the assertion.
    pub issue_instant: OffsetDateTime,
    /// The assertion's `NotBefore`. The Java CAS client tolerates only 1 s of
    /// clock skew by default, so callers backdate this by a few seconds.
    pub not_before: OffsetDateTime,
    /// The assertion's `NotOnOrAfter`.
    pub not_on_or_after: OffsetDateTime,
    /// The assertion's `Issuer` (e.g. the server's host name).
    pub issuer: &'a str,
    /// The service URL (`TARGET`): the `Audience` and the response's
    /// `Recipient` (omitted when empty).
    pub audience: &'a str,
    /// `AuthenticationInstant`: when the user authenticated.
    pub auth_instant: OffsetDateTime,
    /// `AuthenticationMethod`, e.g. `urn:oasis:names:tc:SAML:1.0:am:password`.
    pub auth_method: &'a str,
}

fn write_subject(w: &mut XmlWriter, user: &str) {
    w.start("saml:Subject", &[]);
    w.leaf("saml:NameIdentifier", &[], user);
    w.start("saml:SubjectConfirmation", &[]);
    w.leaf("saml:ConfirmationMethod", &[], CONFIRMATION_ARTIFACT);
    w.end("saml:SubjectConfirmation");
    w.end("saml:Subject");
}

/// Top-level and second-level SAML 1.1 status codes for a failure.
/// SAML 1.1 (oasis-sstc-saml-core-1.1 §3.4.3.1) allows only `Success`,
/// `VersionMismatch`, `Requester` and `Responder` at the top level;
/// `RequestDenied` is a second-level code.
fn failure_status(code: crate::ErrorCode) -> (&'static str, Option<&'static str>) {
    match code {
        ErrorCode::InvalidRequest | ErrorCode::InvalidTicketSpec => ("samlp:Requester", None),
        ErrorCode::InternalError => ("samlp:Responder", None),
        _ => ("samlp:Responder", Some("samlp:RequestDenied")),
    }
}

/// The `/samlValidate` response (CAS 3.0 §4.2.5): a SOAP 1.1 envelope with a
/// SAML 1.1 `samlp:Response`.
///
/// On success: `Status` `samlp:Success`, and one `saml:Assertion` with
/// `Conditions` (`NotBefore`, `NotOnOrAfter`,
/// `AudienceRestrictionCondition`/`Audience` = service URL), an
/// `AuthenticationStatement` and, when at least one attribute has a value, an
/// `AttributeStatement` with one `saml:Attribute` per attribute
/// (`AttributeNamespace` `http://www.ja-sig.org/products/cas/`, one
/// `AttributeValue` per value; repeated names are merged as in
/// [`crate::render_service_response`]; the name is an attribute value, so any
/// name can be carried). Both statements carry a `Subject` whose
/// `NameIdentifier` is the user, confirmed by artifact.
///
/// On failure: no assertion; a `Status` with `samlp:Requester` (for
/// `INVALID_REQUEST` / `INVALID_TICKET_SPEC`) or `samlp:Responder` as the
/// top-level code, a nested `samlp:RequestDenied` code for refusals
/// (invalid ticket, service, user, ...), and the failure message as
/// `StatusMessage`.
///
/// Timestamps are RFC 3339 in UTC with a `Z` suffix.
pub fn render_saml_response(result: &Result<Success, Failure>, ctx: &SamlContext<'_>) -> String {
    let issue_instant = rfc3339_utc(ctx.issue_instant);
    let not_before = rfc3339_utc(ctx.not_before);
    let mut w = XmlWriter::new();
    w.start("SOAP-ENV:Envelope", &[("xmlns:SOAP-ENV", SOAP11_NS)]);
    w.empty("SOAP-ENV:Header", &[]);
    w.start("SOAP-ENV:Body", &[]);

    let mut response_attrs: Vec<(&str, &str)> = vec![
        ("xmlns:samlp", SAMLP_NS),
        ("xmlns:saml", SAML_NS),
        ("xmlns:xsd", XSD_NS),
        ("xmlns:xsi", XSI_NS),
        ("IssueInstant", &issue_instant),
        ("MajorVersion", "1"),
        ("MinorVersion", "1"),
        ("ResponseID", ctx.response_id),
    ];
    if !ctx.in_response_to.is_empty() {
        response_attrs.push(("InResponseTo", ctx.in_response_to));
    }
    if !ctx.audience.is_empty() {
        response_attrs.push(("Recipient", ctx.audience));
    }
    w.start("samlp:Response", &response_attrs);

    match result {
        Ok(success) => {
            w.start("samlp:Status", &[]);
            w.empty("samlp:StatusCode", &[("Value", "samlp:Success")]);
            w.end("samlp:Status");

            let assertion_id = format!("{}-assertion", ctx.response_id);
            w.start(
                "saml:Assertion",
                &[
                    ("AssertionID", &assertion_id),
                    ("IssueInstant", &issue_instant),
                    ("Issuer", ctx.issuer),
                    ("MajorVersion", "1"),
                    ("MinorVersion", "1"),
                ],
            );

            let not_on_or_after = rfc3339_utc(ctx.not_on_or_after);
            w.start(
                "saml:Conditions",
                &[
                    ("NotBefore", &not_before),
                    ("NotOnOrAfter", &not_on_or_after),
                ],
            );
            w.start("saml:AudienceRestrictionCondition", &[]);
            w.leaf("saml:Audience", &[], ctx.audience);
            w.end("saml:AudienceRestrictionCondition");
            w.end("saml:Conditions");

            let auth_instant = rfc3339_utc(ctx.auth_instant);
            w.start(
                "saml:AuthenticationStatement",
                &[
                    ("AuthenticationInstant", &auth_instant),
                    ("AuthenticationMethod", ctx.auth_method),
                ],
            );
            write_subject(&mut w, &success.user);
            w.end("saml:AuthenticationStatement");

            // SAML 1.1 requires at least one Attribute per AttributeStatement
            // and at least one AttributeValue per Attribute.
            let attributes = merged_attributes(&success.attributes);
            if !attributes.is_empty() {
                w.start("saml:AttributeStatement", &[]);
                write_subject(&mut w, &success.user);
                for (name, values) in attributes {
                    w.start(
                        "saml:Attribute",
                        &[
                            ("AttributeName", name),
                            ("AttributeNamespace", CAS_ATTRIBUTE_NS),
                        ],
                    );
                    for value in values {
                        w.leaf("saml:AttributeValue", &[("xsi:type", "xsd:string")], value);
                    }
                    w.end("saml:Attribute");
                }
                w.end("saml:AttributeStatement");
            }
            w.end("saml:Assertion");
        }
        Err(failure) => {
            let (top, sub) = failure_status(failure.code);
            w.start("samlp:Status", &[]);
            match sub {
                Some(sub) => {
                    w.start("samlp:StatusCode", &[("Value", top)]);
                    w.empty("samlp:StatusCode", &[("Value", sub)]);
                    w.end("samlp:StatusCode");
                }
                None => w.empty("samlp:StatusCode", &[("Value", top)]),
            }
            w.leaf("samlp:StatusMessage", &[], &failure.message);
            w.end("samlp:Status");
        }
    }

    w.end("samlp:Response");
    w.end("SOAP-ENV:Body");
    w.end("SOAP-ENV:Envelope");
    w.finish()
}
