use crate::{ErrorCode, Failure, Format};

#[test]
fn every_error_code_string() {
    let expected = [
        (ErrorCode::InvalidRequest, "INVALID_REQUEST"),
        (ErrorCode::InvalidTicketSpec, "INVALID_TICKET_SPEC"),
        (
            ErrorCode::UnauthorizedServiceProxy,
            "UNAUTHORIZED_SERVICE_PROXY",
        ),
        (ErrorCode::UnauthorizedService, "UNAUTHORIZED_SERVICE"),
        (ErrorCode::InvalidProxyCallback, "INVALID_PROXY_CALLBACK"),
        (ErrorCode::InvalidTicket, "INVALID_TICKET"),
        (ErrorCode::InvalidService, "INVALID_SERVICE"),
        (ErrorCode::InternalError, "INTERNAL_ERROR"),
        (ErrorCode::InvalidStrength, "INVALID_STRENGTH"),
        (ErrorCode::InvalidUser, "INVALID_USER"),
        (
            ErrorCode::InsufficientAuthenticationLevel,
            "INSUFFICIENT_AUTHENTICATION_LEVEL",
        ),
    ];
    assert_eq!(expected.len(), ErrorCode::ALL.len());
    for (code, s) in expected {
        assert_eq!(code.as_str(), s);
        assert_eq!(code.to_string(), s);
        assert!(ErrorCode::ALL.contains(&code));
    }
}

#[test]
fn failure_display() {
    let f = Failure::new(ErrorCode::InvalidTicket, "Ticket ST-1 not recognized");
    assert_eq!(f.to_string(), "INVALID_TICKET: Ticket ST-1 not recognized");
}

#[test]
fn format_parse() {
    assert_eq!(Format::parse(None), Ok(Format::Xml));
    for v in ["XML", "xml", "Xml"] {
        assert_eq!(Format::parse(Some(v)), Ok(Format::Xml), "{v}");
    }
    for v in ["JSON", "json", "Json"] {
        assert_eq!(Format::parse(Some(v)), Ok(Format::Json), "{v}");
    }
    for v in ["", "yaml", "XML ", " json", "JSONP", "x\u{0}ml", "ｊｓｏｎ"] {
        let err = Format::parse(Some(v)).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidRequest, "{v:?}");
    }
    assert_eq!(Format::default(), Format::Xml);
}
