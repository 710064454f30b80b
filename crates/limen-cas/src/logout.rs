//! Single logout (CAS 3.0 §2.3.3 and Appendix C): the SAML 2.0
//! `LogoutRequest` document POSTed by the server as the `logoutRequest`
//! parameter to every service of a ending SSO session.

use time::OffsetDateTime;

use crate::timefmt::rfc3339_utc;
use crate::xml::{XmlWriter, parse_document, trim_xml_space};

const SAMLP2_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML2_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
/// Appendix C: the NameID carries no information.
const NAME_ID_NOT_USED: &str = "@NOT_USED@";

/// Renders the back-channel logout document (CAS 3.0 §2.3.3, Appendix C):
///
/// ```xml
/// <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
///     xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
///     ID="[id]" Version="2.0" IssueInstant="[RFC 3339 UTC]">
///   <saml:NameID>@NOT_USED@</saml:NameID>
///   <samlp:SessionIndex>[service ticket]</samlp:SessionIndex>
/// </samlp:LogoutRequest>
/// ```
///
/// (without the line breaks). `id` should be random and an XML NCName
/// (e.g. `LR-` followed by random characters); `session_index` is the
/// service ticket that the service validated.
pub fn render_logout_request(
    id: &str,
    issue_instant: OffsetDateTime,
    session_index: &str,
) -> String {
    let issue_instant = rfc3339_utc(issue_instant);
    let mut w = XmlWriter::new();
    w.start(
        "samlp:LogoutRequest",
        &[
            ("xmlns:samlp", SAMLP2_NS),
            ("xmlns:saml", SAML2_NS),
            ("ID", id),
            ("Version", "2.0"),
            ("IssueInstant", &issue_instant),
        ],
    );
    w.leaf("saml:NameID", &[], NAME_ID_NOT_USED);
    w.leaf("samlp:SessionIndex", &[], session_index);
    w.end("samlp:LogoutRequest");
    w.finish()
}

/// For a CAS client (the built-in demo service): the `SessionIndex` (the
/// service ticket) of a received `logoutRequest` (CAS 3.0 §2.3.3.2), with
/// surrounding whitespace trimmed.
///
/// The root must be `samlp:LogoutRequest` in the SAML 2.0 protocol namespace
/// with a `samlp:SessionIndex` child holding text only; the first one is
/// taken if there are several. `None` for anything else: malformed XML,
/// over 64 KiB, any DTD, no or empty session index. The value is not checked
/// for ticket syntax.
pub fn parse_logout_request(xml: &str) -> Option<String> {
    let root = parse_document(xml).ok()?;
    if !root.is(SAMLP2_NS, "LogoutRequest") {
        return None;
    }
    let index = root.children_named(SAMLP2_NS, "SessionIndex").next()?;
    if !index.children.is_empty() {
        return None;
    }
    let value = trim_xml_space(&index.text);
    (!value.is_empty()).then(|| value.to_string())
}
