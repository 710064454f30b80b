//! # limen-cas — the CAS protocol as pure functions
//!
//! This crate owns the *wire format* of the CAS protocol as described by the
//! Apereo "CAS Protocol 3.0 Specification" (which also specifies CAS 1.0 and
//! 2.0), plus the SAML 1.1 `/samlValidate` exchange of its §4.2 and the single
//! logout document of its §2.3.3 / Appendix C:
//!
//! * parsing what CAS clients send us that is more than a plain query
//!   parameter: the `format` parameter ([`Format::parse`]), the SOAP/SAML 1.1
//!   `/samlValidate` body ([`parse_saml_request`]), the back-channel
//!   `logoutRequest` document ([`parse_logout_request`], for our own demo
//!   client), ticket syntax ([`ticket_kind`]);
//! * rendering every response body: CAS 1.0 `/validate`
//!   ([`render_validate_v1`]), CAS 2.0/3.0 `/serviceValidate`,
//!   `/proxyValidate`, `/p3/*` in XML and JSON ([`render_service_response`]),
//!   `/proxy` ([`render_proxy_response`]), `/samlValidate`
//!   ([`render_saml_response`]), the SLO `logoutRequest`
//!   ([`render_logout_request`]), and the redirect target carrying a service
//!   ticket ([`service_url_with_ticket`]).
//!
//! ## What this crate must never do
//!
//! * No I/O of any kind: no HTTP, no SQL, no files, no clock, no randomness.
//!   Identifiers and timestamps are passed in by the caller; the web layer
//!   (axum) decides status codes and headers.
//! * No policy: it does not decide whether a ticket is valid, whether a
//!   service is authorised or which attributes are released. It renders the
//!   decision it is handed ([`Success`] / [`Failure`]).
//! * No panics and no `unwrap()` on input data, whatever the input: every
//!   parser returns an error (or `None`) for garbage, oversize input, DTDs and
//!   entity declarations.
//! * No hand-built JSON (serde_json only) and no unescaped XML: every text
//!   node and attribute value is escaped and stripped of characters that are
//!   illegal in XML 1.0, so every rendered document is well-formed.

#![warn(missing_docs)]

mod ecas;
mod logout;
mod saml;
mod ticket;
mod timefmt;
mod validate;
mod xml;

#[cfg(test)]
mod tests;

use std::fmt;

pub use ecas::{
    ECAS_NS, ECAS_PROTOCOL_VERSION, EcasDetails, EcasFactor, EcasServer, EcasSuccess,
    EcasTicketType, ecas_code, render_ecas_proxy_response, render_ecas_response,
    render_login_request, render_signature_request,
};
pub use logout::{parse_logout_request, render_logout_request};
pub use saml::{SamlContext, SamlRequest, parse_saml_request, render_saml_response};
pub use ticket::{
    MAX_TICKET_BODY, MIN_TICKET_BODY, TicketKind, service_url_with_ticket, ticket_kind,
};
pub use validate::{render_proxy_response, render_service_response, render_validate_v1};

/// Error codes of CAS 3.0 §2.5.3 (validation) and §2.7.3 (`/proxy`), plus
/// EU Login's additions (`INVALID_STRENGTH`, `INVALID_USER`,
/// `INSUFFICIENT_AUTHENTICATION_LEVEL`). §2.5.3 explicitly allows
/// implementations to add codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `INVALID_REQUEST`: not all of the required request parameters were
    /// present (§2.5.3, §2.7.3).
    InvalidRequest,
    /// `INVALID_TICKET_SPEC`: failure to meet the requirements of the
    /// validation specification (§2.5.3).
    InvalidTicketSpec,
    /// `UNAUTHORIZED_SERVICE_PROXY`: the service is not authorised to perform
    /// proxy authentication (§2.5.3).
    UnauthorizedServiceProxy,
    /// `UNAUTHORIZED_SERVICE`: the service is unauthorised to perform the
    /// proxy request (§2.7.3).
    UnauthorizedService,
    /// `INVALID_PROXY_CALLBACK`: the proxy callback is invalid or does not
    /// meet the security requirements (§2.5.3).
    InvalidProxyCallback,
    /// `INVALID_TICKET`: the ticket was not valid, or `renew` was set and the
    /// ticket did not come from an initial login (§2.5.3).
    InvalidTicket,
    /// `INVALID_SERVICE`: the ticket was valid but issued for another service
    /// (§2.5.3).
    InvalidService,
    /// `INTERNAL_ERROR`: an internal error occurred (§2.5.3, §2.7.3).
    InternalError,
    /// `INVALID_STRENGTH` (EU Login): the authentication strength does not
    /// satisfy the one requested.
    InvalidStrength,
    /// `INVALID_USER` (EU Login): the user is not allowed for this service.
    InvalidUser,
    /// `INSUFFICIENT_AUTHENTICATION_LEVEL` (EU Login): the authentication
    /// level is below the one requested.
    InsufficientAuthenticationLevel,
}

impl ErrorCode {
    /// Every error code, in declaration order.
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::InvalidRequest,
        ErrorCode::InvalidTicketSpec,
        ErrorCode::UnauthorizedServiceProxy,
        ErrorCode::UnauthorizedService,
        ErrorCode::InvalidProxyCallback,
        ErrorCode::InvalidTicket,
        ErrorCode::InvalidService,
        ErrorCode::InternalError,
        ErrorCode::InvalidStrength,
        ErrorCode::InvalidUser,
        ErrorCode::InsufficientAuthenticationLevel,
    ];

    /// The wire value, used as the `code` attribute / JSON field
    /// (CAS 3.0 §2.5.3).
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "INVALID_REQUEST",
            ErrorCode::InvalidTicketSpec => "INVALID_TICKET_SPEC",
            ErrorCode::UnauthorizedServiceProxy => "UNAUTHORIZED_SERVICE_PROXY",
            ErrorCode::UnauthorizedService => "UNAUTHORIZED_SERVICE",
            ErrorCode::InvalidProxyCallback => "INVALID_PROXY_CALLBACK",
            ErrorCode::InvalidTicket => "INVALID_TICKET",
            ErrorCode::InvalidService => "INVALID_SERVICE",
            ErrorCode::InternalError => "INTERNAL_ERROR",
            ErrorCode::InvalidStrength => "INVALID_STRENGTH",
            ErrorCode::InvalidUser => "INVALID_USER",
            ErrorCode::InsufficientAuthenticationLevel => "INSUFFICIENT_AUTHENTICATION_LEVEL",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed request: an error code and a human-readable description
/// (CAS 3.0 §2.5.3: "it is RECOMMENDED that CAS provide a more detailed
/// message as the body of the `<cas:authenticationFailure>` block").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error code.
    pub code: ErrorCode,
    /// The description sent to the CAS client. It is escaped when rendered,
    /// but it is sent as is: never put secrets in it.
    pub message: String,
}

impl Failure {
    /// Convenience constructor.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Failure {}

/// A successful validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Success {
    /// The authenticated user (`<cas:user>`, CAS 3.0 §2.5.2).
    pub user: String,
    /// Released attributes, in order; multi-valued allowed. Names are CAS
    /// attribute names (e.g. "email", "firstName"). See
    /// [`render_service_response`] for how names that are not valid XML names
    /// are handled.
    pub attributes: Vec<(String, Vec<String>)>,
    /// PGTIOU when a proxy-granting ticket was issued (CAS 3.0 §2.5.4 / §2.6.2)
    pub proxy_granting_ticket_iou: Option<String>,
    /// Proxy chain for proxy tickets, most recent proxy first (§2.6.2)
    pub proxies: Vec<String>,
}

/// Response format of the validation endpoints (CAS 3.0 §2.5.1 `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// XML per the schema of Appendix A (the default).
    #[default]
    Xml,
    /// JSON per the examples of §2.5.2 / §2.5.7 / §2.6.2.
    Json,
}

impl Format {
    /// Parses the `format` request parameter (CAS 3.0 §2.5.1): absent means
    /// `XML`; `XML` and `JSON` are accepted case-insensitively; any other
    /// value (including the empty string) is an `INVALID_REQUEST`, which
    /// §2.5.1 says MUST be returned "as is described in section 2.5.3". The
    /// caller renders that failure in XML, the default format.
    pub fn parse(param: Option<&str>) -> Result<Format, Failure> {
        match param {
            None => Ok(Format::Xml),
            Some(v) if v.eq_ignore_ascii_case("XML") => Ok(Format::Xml),
            Some(v) if v.eq_ignore_ascii_case("JSON") => Ok(Format::Json),
            Some(_) => Err(Failure::new(
                ErrorCode::InvalidRequest,
                "Unsupported format: the format parameter must be XML or JSON",
            )),
        }
    }
}
