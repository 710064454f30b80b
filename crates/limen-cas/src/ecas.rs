//! EU Login's ticket-validation response format (the "ECAS" schema, namespace
//! `https://ecas.ec.europa.eu/cas/schemas`), used by `/laxValidate`,
//! `/sponsorValidate`, `/interinstitutionalValidate`, `/strictValidate`,
//! `/TicketValidationService` and, for services registered for it, by the
//! CAS 2.0/3.0 endpoints; and its login-request document (`/login/init`).
//!
//! What differs from CAS 3.0 (Appendix A):
//! * the namespace, and three attributes on the root element: `server`,
//!   `date` (`xsd:dateTime`) and `version` (`ecasServerAttributeGroup`);
//! * user details are direct children of `authenticationSuccess`, in the
//!   schema's sequence order (`authenticationSuccessType`), not inside
//!   `<cas:attributes>`; `uid` closes the details and is required whenever one
//!   of them is present;
//! * lists carry their length: `groups`, `strengths`,
//!   `authenticationFactors` and `proxies` have a `number` attribute;
//! * `strengths`, `sso` are always present; `loginDate`, `ticketType`
//!   describe the authentication and the ticket;
//! * error codes are EU Login's (`errorCode` in the schema): CAS codes that
//!   EU Login does not have are mapped to its nearest ([`ecas_code`]).
//!
//! The crate renders what it is given: which details, groups and strengths
//! are released is decided by the caller.

use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::timefmt::xsd_millis_utc;
use crate::xml::XmlWriter;
use crate::{ErrorCode, Failure, Format};

/// EU Login's response namespace.
pub const ECAS_NS: &str = "https://ecas.ec.europa.eu/cas/schemas";

/// The protocol version Limen's EU Login responses follow (the schema's
/// `version` attribute: "The ECAS protocol version used in this message").
pub const ECAS_PROTOCOL_VERSION: &str = "4.5";

/// The root element's `ecasServerAttributeGroup`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcasServer {
    /// The server's name and version (`server`).
    pub server: String,
    /// The server's clock when answering (`date`).
    pub date: OffsetDateTime,
}

/// The type of the validated ticket (`ticketType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EcasTicketType {
    /// A service ticket (`SERVICE`).
    Service,
    /// A proxy ticket (`PROXY`).
    Proxy,
}

impl EcasTicketType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            EcasTicketType::Service => "SERVICE",
            EcasTicketType::Proxy => "PROXY",
        }
    }
}

/// An authentication factor of the login (`authenticationFactors`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EcasFactor {
    /// `mobilePhoneNumber`: the number the SMS code went to (`PASSWORD_SMS`), in E.164.
    MobilePhoneNumber(String),
    /// `moniker`: the user name typed at the password step.
    Moniker(String),
    /// `tokenId`: the serial number of the hardware token used (`PASSWORD_TOKEN`).
    TokenId(String),
    /// `tokenCramId`: the serial number of the CRAM token used (`PASSWORD_TOKEN_CRAM`).
    TokenCramId(String),
    /// `eidasId`: the eIDAS `PersonIdentifier` of the eID used (`EIDAS`, issue 19).
    EidasId(String),
    /// `webAuthnDevice` (EU Login's `webAuthnDeviceType`): the security key or passkey used.
    WebAuthnDevice {
        /// `deviceName`: the name its owner gave it.
        name: String,
        /// `deviceIdentifier`: the server's identifier of the device.
        identifier: String,
        /// `deviceType`: the kind of device (`security_key`, `platform`, `passkey`).
        kind: String,
    },
}

impl EcasFactor {
    fn element(&self) -> &'static str {
        match self {
            EcasFactor::MobilePhoneNumber(_) => "mobilePhoneNumber",
            EcasFactor::Moniker(_) => "moniker",
            EcasFactor::TokenId(_) => "tokenId",
            EcasFactor::TokenCramId(_) => "tokenCramId",
            EcasFactor::EidasId(_) => "eidasId",
            EcasFactor::WebAuthnDevice { .. } => "webAuthnDevice",
        }
    }

    /// A structured factor's children, in the schema's order; empty for a text factor.
    fn children(&self) -> Vec<(&'static str, &str)> {
        match self {
            EcasFactor::MobilePhoneNumber(_)
            | EcasFactor::Moniker(_)
            | EcasFactor::TokenId(_)
            | EcasFactor::TokenCramId(_)
            | EcasFactor::EidasId(_) => Vec::new(),
            EcasFactor::WebAuthnDevice {
                name,
                identifier,
                kind,
            } => vec![
                ("deviceName", name),
                ("deviceIdentifier", identifier),
                ("deviceType", kind),
            ],
        }
    }

    fn xml(&self, w: &mut XmlWriter) {
        let element = format!("cas:{}", self.element());
        match self {
            EcasFactor::MobilePhoneNumber(v)
            | EcasFactor::Moniker(v)
            | EcasFactor::TokenId(v)
            | EcasFactor::TokenCramId(v)
            | EcasFactor::EidasId(v) => w.leaf(&element, &[], v),
            _ => {
                w.start(&element, &[]);
                for (name, value) in self.children() {
                    w.leaf(&format!("cas:{name}"), &[], value);
                }
                w.end(&element);
            }
        }
    }

    fn json(&self) -> Value {
        match self {
            EcasFactor::MobilePhoneNumber(v)
            | EcasFactor::Moniker(v)
            | EcasFactor::TokenId(v)
            | EcasFactor::TokenCramId(v)
            | EcasFactor::EidasId(v) => Value::from(v.as_str()),
            _ => Value::Object(
                self.children()
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), Value::from(v)))
                    .collect(),
            ),
        }
    }
}

/// The user details of `authenticationSuccessType` Limen can fill, in the
/// schema's order. `None` leaves the element out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EcasDetails {
    /// `email`.
    pub email: Option<String>,
    /// `employeeType` (`employeeTypeType`: `f`, `e`, `v`, ...).
    pub employee_type: Option<String>,
    /// `firstName`.
    pub first_name: Option<String>,
    /// `lastName`.
    pub last_name: Option<String>,
    /// `domain`.
    pub domain: Option<String>,
    /// `locale`.
    pub locale: Option<String>,
    /// `assuranceLevel`: 0, 10, 20, 30 or 40.
    pub assurance_level: Option<u16>,
    /// `uid` (= `user`) even when no other detail is given. It always closes the details when
    /// there are some: the schema requires it there.
    pub uid: bool,
}

impl EcasDetails {
    /// Whether `uid` and the details' sequence are left out.
    fn is_empty(&self) -> bool {
        !self.uid && self.entries().is_empty()
    }

    /// The details given, in the schema's order, as JSON values (`assuranceLevel` a number, the
    /// others strings); the XML writes each value's text.
    fn entries(&self) -> Vec<(&'static str, Value)> {
        let texts = [
            ("email", &self.email),
            ("employeeType", &self.employee_type),
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
            ("domain", &self.domain),
            ("locale", &self.locale),
        ];
        let mut out: Vec<(&'static str, Value)> = texts
            .into_iter()
            .filter_map(|(name, value)| value.as_deref().map(|v| (name, Value::from(v))))
            .collect();
        if let Some(level) = self.assurance_level {
            out.push(("assuranceLevel", Value::from(level)));
        }
        out
    }
}

/// A successful validation, as EU Login reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcasSuccess {
    /// `user`: the user's unique id (also `uid` when details are given).
    pub user: String,
    /// User details; when any is present, `uid` (= `user`) follows them.
    pub details: EcasDetails,
    /// `groups`: `None` leaves the element out, `Some(empty)` says
    /// `number="0"`.
    pub groups: Option<Vec<String>>,
    /// `authenticationLevel`: `BASIC`, `MEDIUM` or `HIGH`.
    pub authentication_level: Option<String>,
    /// `strengths`: the strengths of the authentication (at least one).
    pub strengths: Vec<String>,
    /// `authenticationFactors`; empty leaves the element out.
    pub factors: Vec<EcasFactor>,
    /// `loginDate`: when the user authenticated.
    pub login_date: Option<OffsetDateTime>,
    /// `sso`: the ticket came from an existing single sign-on session.
    pub sso: bool,
    /// `ticketType`.
    pub ticket_type: EcasTicketType,
    /// `proxyGrantingTicket`: the PGTIOU, when one was issued.
    pub proxy_granting_ticket_iou: Option<String>,
    /// `proxies`, most recent first; empty leaves the element out.
    pub proxies: Vec<String>,
}

/// The EU Login error code for a failure: EU Login's own codes pass through;
/// CAS codes its schema does not list are mapped to the nearest it has
/// (`INVALID_TICKET_SPEC` → `INVALID_TICKET`, `INVALID_PROXY_CALLBACK` and
/// `UNAUTHORIZED_SERVICE_PROXY` → `INVALID_PROXY_CALLBACK_URL`,
/// `UNAUTHORIZED_SERVICE` → `INVALID_SERVICE`).
pub fn ecas_code(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::InvalidTicketSpec => "INVALID_TICKET",
        ErrorCode::InvalidProxyCallback | ErrorCode::UnauthorizedServiceProxy => {
            "INVALID_PROXY_CALLBACK_URL"
        }
        ErrorCode::UnauthorizedService => "INVALID_SERVICE",
        other => other.as_str(),
    }
}

fn root_attrs(server: &EcasServer) -> [(&'static str, String); 4] {
    [
        ("xmlns:cas", ECAS_NS.to_owned()),
        ("server", server.server.clone()),
        ("date", xsd_millis_utc(server.date)),
        ("version", ECAS_PROTOCOL_VERSION.to_owned()),
    ]
}

fn start_root(w: &mut XmlWriter, name: &str, server: &EcasServer) {
    let attrs = root_attrs(server);
    let refs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    w.start(name, &refs);
}

fn list_xml(w: &mut XmlWriter, list: &str, item: &str, values: &[String]) {
    let number = values.len().to_string();
    w.start(list, &[("number", &number)]);
    for v in values {
        w.leaf(item, &[], v);
    }
    w.end(list);
}

/// The response of a validation in EU Login's format, XML or JSON.
///
/// XML follows `serviceResponse` / `authenticationSuccessType` /
/// `authenticationFailureType` of the EU Login schema. JSON mirrors it:
/// `{"serviceResponse": {"server", "date", "version",
/// "authenticationSuccess": {"user", details..., "uid", "groups": {"number",
/// "group": [..]}, "authenticationLevel", "strengths": {"number", "strength":
/// [..]}, "authenticationFactors": {"number", "moniker": [..], ...},
/// "loginDate", "sso", "ticketType", "proxyGrantingTicket", "proxies":
/// {"number", "proxy": [..]}}}}` or `"authenticationFailure": {"code",
/// "description"}`.
pub fn render_ecas_response(
    result: &Result<EcasSuccess, Failure>,
    format: Format,
    server: &EcasServer,
) -> String {
    match format {
        Format::Xml => ecas_xml(result, server),
        Format::Json => ecas_json(result, server),
    }
}

fn ecas_xml(result: &Result<EcasSuccess, Failure>, server: &EcasServer) -> String {
    let mut w = XmlWriter::new();
    start_root(&mut w, "cas:serviceResponse", server);
    match result {
        Ok(s) => {
            w.start("cas:authenticationSuccess", &[]);
            w.leaf("cas:user", &[], &s.user);
            if !s.details.is_empty() {
                for (name, value) in s.details.entries() {
                    let text = match &value {
                        Value::String(text) => text.clone(),
                        number => number.to_string(),
                    };
                    w.leaf(&format!("cas:{name}"), &[], &text);
                }
                w.leaf("cas:uid", &[], &s.user);
            }
            if let Some(groups) = &s.groups {
                list_xml(&mut w, "cas:groups", "cas:group", groups);
            }
            if let Some(level) = &s.authentication_level {
                w.leaf("cas:authenticationLevel", &[], level);
            }
            list_xml(&mut w, "cas:strengths", "cas:strength", &s.strengths);
            if !s.factors.is_empty() {
                let number = s.factors.len().to_string();
                w.start("cas:authenticationFactors", &[("number", &number)]);
                for factor in &s.factors {
                    factor.xml(&mut w);
                }
                w.end("cas:authenticationFactors");
            }
            if let Some(at) = s.login_date {
                w.leaf("cas:loginDate", &[], &xsd_millis_utc(at));
            }
            w.leaf("cas:sso", &[], if s.sso { "true" } else { "false" });
            w.leaf("cas:ticketType", &[], s.ticket_type.as_str());
            if let Some(iou) = &s.proxy_granting_ticket_iou {
                w.leaf("cas:proxyGrantingTicket", &[], iou);
            }
            if !s.proxies.is_empty() {
                list_xml(&mut w, "cas:proxies", "cas:proxy", &s.proxies);
            }
            w.end("cas:authenticationSuccess");
        }
        Err(f) => w.leaf(
            "cas:authenticationFailure",
            &[("code", ecas_code(f.code))],
            &f.message,
        ),
    }
    w.end("cas:serviceResponse");
    w.finish()
}

fn list_json(item: &str, values: &[String]) -> Value {
    json!({ "number": values.len(), item: values })
}

fn server_json(server: &EcasServer) -> Map<String, Value> {
    let mut obj = Map::new();
    obj.insert("server".into(), Value::from(server.server.as_str()));
    obj.insert("date".into(), Value::from(xsd_millis_utc(server.date)));
    obj.insert("version".into(), Value::from(ECAS_PROTOCOL_VERSION));
    obj
}

fn ecas_json(result: &Result<EcasSuccess, Failure>, server: &EcasServer) -> String {
    let mut root = server_json(server);
    match result {
        Ok(s) => {
            let mut o = Map::new();
            o.insert("user".into(), Value::from(s.user.as_str()));
            if !s.details.is_empty() {
                for (name, value) in s.details.entries() {
                    o.insert(name.into(), value);
                }
                o.insert("uid".into(), Value::from(s.user.as_str()));
            }
            if let Some(groups) = &s.groups {
                o.insert("groups".into(), list_json("group", groups));
            }
            if let Some(level) = &s.authentication_level {
                o.insert("authenticationLevel".into(), Value::from(level.as_str()));
            }
            o.insert("strengths".into(), list_json("strength", &s.strengths));
            if !s.factors.is_empty() {
                let mut f = Map::new();
                f.insert("number".into(), Value::from(s.factors.len()));
                for factor in &s.factors {
                    let entry = f
                        .entry(factor.element())
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(items) = entry {
                        items.push(factor.json());
                    }
                }
                o.insert("authenticationFactors".into(), Value::Object(f));
            }
            if let Some(at) = s.login_date {
                o.insert("loginDate".into(), Value::from(xsd_millis_utc(at)));
            }
            o.insert("sso".into(), Value::from(s.sso));
            o.insert("ticketType".into(), Value::from(s.ticket_type.as_str()));
            if let Some(iou) = &s.proxy_granting_ticket_iou {
                o.insert("proxyGrantingTicket".into(), Value::from(iou.as_str()));
            }
            if !s.proxies.is_empty() {
                o.insert("proxies".into(), list_json("proxy", &s.proxies));
            }
            root.insert("authenticationSuccess".into(), Value::Object(o));
        }
        Err(f) => {
            root.insert(
                "authenticationFailure".into(),
                json!({ "code": ecas_code(f.code), "description": f.message }),
            );
        }
    }
    json!({ "serviceResponse": root }).to_string()
}

/// Opens a root element with EU Login's root attributes and its namespace as the default one.
fn start_default_ns(w: &mut XmlWriter, name: &str, server: &EcasServer) {
    let attrs = root_attrs(server);
    let refs: Vec<(&str, &str)> = attrs
        .iter()
        .map(|(k, v)| (if *k == "xmlns:cas" { "xmlns" } else { *k }, v.as_str()))
        .collect();
    w.start(name, &refs);
}

/// The answer to a login request (`/login/init`): the schema's `loginRequest`
/// element, with `loginRequestSuccess/loginRequestId` or
/// `loginRequestFailure code=...`, and the root attributes of EU Login's
/// documents.
///
/// The namespace is the default one, so that the element names carry no
/// prefix: published EU Login clients that look the elements up by their bare
/// names (or strip `cas:` first) read it as they read EU Login's, and
/// namespace-aware ones see the same qualified names.
pub fn render_login_request(result: &Result<String, Failure>, server: &EcasServer) -> String {
    let mut w = XmlWriter::new();
    start_default_ns(&mut w, "loginRequest", server);
    match result {
        Ok(id) => {
            w.start("loginRequestSuccess", &[]);
            w.leaf("loginRequestId", &[], id);
            w.end("loginRequestSuccess");
        }
        Err(f) => w.leaf(
            "loginRequestFailure",
            &[("code", ecas_code(f.code))],
            &f.message,
        ),
    }
    w.end("loginRequest");
    w.finish()
}

/// The answer to a signature request (issue 18) in EU Login's format: the schema's
/// `userConfirmationSignatureRequest` element ("since 1.5") holding `signatureRequestId` or
/// `signatureRequestFailure code=...`, with the root attributes of EU Login's documents and the
/// default namespace, as [`render_login_request`].
pub fn render_signature_request(result: &Result<String, Failure>, server: &EcasServer) -> String {
    let mut w = XmlWriter::new();
    start_default_ns(&mut w, "userConfirmationSignatureRequest", server);
    match result {
        Ok(id) => w.leaf("signatureRequestId", &[], id),
        Err(f) => w.leaf(
            "signatureRequestFailure",
            &[("code", ecas_code(f.code))],
            &f.message,
        ),
    }
    w.end("userConfirmationSignatureRequest");
    w.finish()
}

/// The response of `/proxy` in EU Login's format (`proxySuccessType`,
/// `proxyFailureType`).
pub fn render_ecas_proxy_response(
    result: &Result<String, Failure>,
    format: Format,
    server: &EcasServer,
) -> String {
    match format {
        Format::Xml => {
            let mut w = XmlWriter::new();
            start_root(&mut w, "cas:serviceResponse", server);
            match result {
                Ok(ticket) => {
                    w.start("cas:proxySuccess", &[]);
                    w.leaf("cas:proxyTicket", &[], ticket);
                    w.end("cas:proxySuccess");
                }
                Err(f) => w.leaf(
                    "cas:proxyFailure",
                    &[("code", ecas_code(f.code))],
                    &f.message,
                ),
            }
            w.end("cas:serviceResponse");
            w.finish()
        }
        Format::Json => {
            let mut root = server_json(server);
            match result {
                Ok(ticket) => root.insert("proxySuccess".into(), json!({ "proxyTicket": ticket })),
                Err(f) => root.insert(
                    "proxyFailure".into(),
                    json!({ "code": ecas_code(f.code), "description": f.message }),
                ),
            };
            json!({ "serviceResponse": root }).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn server() -> EcasServer {
        EcasServer {
            server: "Limen 0.1.0".into(),
            date: datetime!(2026-12-05 16:00:00.123 UTC),
        }
    }

    fn full() -> EcasSuccess {
        EcasSuccess {
            user: "n0012345".into(),
            details: EcasDetails {
                email: Some("jane@example.org".into()),
                employee_type: Some("e".into()),
                first_name: Some("Jane".into()),
                last_name: Some("Doe <&>".into()),
                domain: Some("external".into()),
                locale: Some("en".into()),
                assurance_level: Some(10),
                uid: false,
            },
            groups: Some(vec!["A".into(), "B".into()]),
            authentication_level: Some("MEDIUM".into()),
            strengths: vec!["PASSWORD_WEBAUTHN".into()],
            factors: vec![
                EcasFactor::Moniker("jane@example.org".into()),
                EcasFactor::WebAuthnDevice {
                    name: "My key".into(),
                    identifier: "7".into(),
                    kind: "security_key".into(),
                },
            ],
            login_date: Some(datetime!(2026-12-05 15:59:00 UTC)),
            sso: false,
            ticket_type: EcasTicketType::Service,
            proxy_granting_ticket_iou: Some("PGTIOU-x".into()),
            proxies: vec![],
        }
    }

    #[test]
    fn success_in_the_schema_order() {
        let xml = render_ecas_response(&Ok(full()), Format::Xml, &server());
        assert!(xml.starts_with(
            "<cas:serviceResponse xmlns:cas=\"https://ecas.ec.europa.eu/cas/schemas\" server=\"Limen 0.1.0\" date=\"2026-12-05T16:00:00.123Z\" version=\"4.5\">"
        ), "{xml}");
        let order = [
            "<cas:user>n0012345<",
            "<cas:email>",
            "<cas:employeeType>e<",
            "<cas:firstName>",
            "<cas:lastName>Doe &lt;&amp;&gt;<",
            "<cas:domain>external<",
            "<cas:locale>en<",
            "<cas:assuranceLevel>10<",
            "<cas:uid>n0012345<",
            "<cas:groups number=\"2\"><cas:group>A</cas:group><cas:group>B</cas:group></cas:groups>",
            "<cas:authenticationLevel>MEDIUM<",
            "<cas:strengths number=\"1\"><cas:strength>PASSWORD_WEBAUTHN</cas:strength></cas:strengths>",
            "<cas:authenticationFactors number=\"2\"><cas:moniker>jane@example.org</cas:moniker><cas:webAuthnDevice><cas:deviceName>My key</cas:deviceName><cas:deviceIdentifier>7</cas:deviceIdentifier><cas:deviceType>security_key</cas:deviceType></cas:webAuthnDevice>",
            "<cas:loginDate>2026-12-05T15:59:00.000Z<",
            "<cas:sso>false<",
            "<cas:ticketType>SERVICE<",
            "<cas:proxyGrantingTicket>PGTIOU-x<",
        ];
        let mut at = 0;
        for part in order {
            let found = xml[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part} after {at}: {xml}"));
            at += found + part.len();
        }
        assert!(!xml.contains("cas:proxies"));
        assert!(!xml.contains("cas:attributes"));
    }

    #[test]
    fn no_details_means_no_uid() {
        let s = EcasSuccess {
            details: EcasDetails::default(),
            groups: None,
            factors: vec![],
            ..full()
        };
        let xml = render_ecas_response(&Ok(s.clone()), Format::Xml, &server());
        assert!(
            !xml.contains("cas:uid") && !xml.contains("cas:groups"),
            "{xml}"
        );
        assert!(!xml.contains("authenticationFactors"));
        let json: Value =
            serde_json::from_str(&render_ecas_response(&Ok(s), Format::Json, &server()))
                .expect("json");
        let ok = &json["serviceResponse"]["authenticationSuccess"];
        assert_eq!(ok["user"], "n0012345");
        assert!(ok.get("uid").is_none());
        assert_eq!(ok["strengths"]["number"], 1);
        assert_eq!(ok["strengths"]["strength"][0], "PASSWORD_WEBAUTHN");
        assert_eq!(json["serviceResponse"]["version"], ECAS_PROTOCOL_VERSION);
    }

    #[test]
    fn json_mirrors_the_xml() {
        let json: Value =
            serde_json::from_str(&render_ecas_response(&Ok(full()), Format::Json, &server()))
                .expect("json");
        let ok = &json["serviceResponse"]["authenticationSuccess"];
        assert_eq!(ok["assuranceLevel"], 10);
        assert_eq!(ok["uid"], "n0012345");
        assert_eq!(ok["groups"], json!({"number": 2, "group": ["A", "B"]}));
        assert_eq!(ok["authenticationFactors"]["number"], 2);
        assert_eq!(
            ok["authenticationFactors"]["webAuthnDevice"][0]["deviceName"],
            "My key"
        );
        assert_eq!(
            ok["authenticationFactors"]["moniker"][0],
            "jane@example.org"
        );
        assert_eq!(ok["sso"], false);
        assert_eq!(ok["ticketType"], "SERVICE");
    }

    #[test]
    fn failures_use_eu_login_codes() {
        for (code, wire) in [
            (ErrorCode::InvalidTicketSpec, "INVALID_TICKET"),
            (
                ErrorCode::InvalidProxyCallback,
                "INVALID_PROXY_CALLBACK_URL",
            ),
            (ErrorCode::UnauthorizedService, "INVALID_SERVICE"),
            (ErrorCode::InvalidUser, "INVALID_USER"),
            (
                ErrorCode::InsufficientAuthenticationLevel,
                "INSUFFICIENT_AUTHENTICATION_LEVEL",
            ),
        ] {
            let xml =
                render_ecas_response(&Err(Failure::new(code, "no <way>")), Format::Xml, &server());
            assert!(
                xml.contains(&format!(
                    "<cas:authenticationFailure code=\"{wire}\">no &lt;way&gt;</cas:authenticationFailure>"
                )),
                "{xml}"
            );
            let json: Value = serde_json::from_str(&render_ecas_response(
                &Err(Failure::new(code, "x")),
                Format::Json,
                &server(),
            ))
            .expect("json");
            assert_eq!(
                json["serviceResponse"]["authenticationFailure"]["code"],
                wire
            );
        }
    }

    #[test]
    fn login_request_documents() {
        let ok = render_login_request(&Ok("LR-abc".into()), &server());
        assert!(ok.starts_with(
            "<loginRequest xmlns=\"https://ecas.ec.europa.eu/cas/schemas\" server=\"Limen 0.1.0\" date=\"2026-12-05T16:00:00.123Z\" version=\"4.5\">"
        ), "{ok}");
        assert!(ok.ends_with("<loginRequestSuccess><loginRequestId>LR-abc</loginRequestId></loginRequestSuccess></loginRequest>"), "{ok}");
        let no = render_login_request(
            &Err(Failure::new(
                ErrorCode::InvalidService,
                "a <b> & \"c\"\u{1}\u{FFFF}\n",
            )),
            &server(),
        );
        assert!(no.contains(
            "<loginRequestFailure code=\"INVALID_SERVICE\">a &lt;b&gt; &amp; &quot;c&quot;\n</loginRequestFailure>"
        ), "{no}");
    }

    #[test]
    fn signature_request_answers_use_the_schema_element_names() {
        let ok = render_signature_request(&Ok("SR-abc".into()), &server());
        assert!(ok.starts_with(
            "<userConfirmationSignatureRequest xmlns=\"https://ecas.ec.europa.eu/cas/schemas\" server=\"Limen 0.1.0\""
        ), "{ok}");
        assert!(
            ok.ends_with(
                "<signatureRequestId>SR-abc</signatureRequestId></userConfirmationSignatureRequest>"
            ),
            "{ok}"
        );
        let no = render_signature_request(
            &Err(Failure::new(ErrorCode::InvalidUser, "no <such> user")),
            &server(),
        );
        assert!(no.contains(
            "<signatureRequestFailure code=\"INVALID_USER\">no &lt;such&gt; user</signatureRequestFailure>"
        ), "{no}");
    }
}
