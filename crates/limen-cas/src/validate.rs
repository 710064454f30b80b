//! Validation and proxy responses: CAS 1.0 `/validate`, CAS 2.0/3.0
//! `/serviceValidate`, `/proxyValidate`, `/p3/serviceValidate`,
//! `/p3/proxyValidate` and `/proxy`.

use serde_json::{Map, Value, json};

use crate::xml::{XmlWriter, is_ncname};
use crate::{Failure, Format, Success};

/// XML namespace of CAS 2.0/3.0 responses (CAS 3.0 Appendix A).
pub(crate) const CAS_NS: &str = "http://www.yale.edu/tp/cas";

/// CAS 1.0 `/validate` body (CAS 3.0 §2.4.2): `"yes\n<user>\n"` or
/// `"no\n\n"`.
///
/// §2.4.2 shows only `yes<LF>` / `no<LF>`; the user name on a second line
/// (and an empty second line on failure) is what CAS 1.0 clients read. The
/// format is line-based, so control characters (CR, LF, ...) are removed from
/// the user name: a user name can never forge a line.
pub fn render_validate_v1(result: &Result<Success, Failure>) -> String {
    match result {
        Ok(success) => {
            let user: String = success.user.chars().filter(|c| !c.is_control()).collect();
            format!("yes\n{user}\n")
        }
        Err(_) => "no\n\n".to_string(),
    }
}

/// Attributes that can be rendered: names appear once, in first-seen order,
/// with the values of repeated names merged; names without values are
/// dropped.
pub(crate) fn merged_attributes(attributes: &[(String, Vec<String>)]) -> Vec<(&str, Vec<&str>)> {
    let mut merged: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, values) in attributes {
        if values.is_empty() {
            continue;
        }
        let values = values.iter().map(String::as_str);
        match merged.iter_mut().find(|(n, _)| *n == name.as_str()) {
            Some((_, existing)) => existing.extend(values),
            None => merged.push((name.as_str(), values.collect())),
        }
    }
    merged
}

/// Response of `/serviceValidate`, `/proxyValidate` and `/p3/*`
/// (CAS 3.0 §2.5.2, §2.6.2, §2.8, §2.9; XML schema of Appendix A; JSON per
/// the examples of §2.5.2, §2.5.7 and §2.6.2).
///
/// `with_attributes` puts the released attributes in the response
/// (`<cas:attributes>`, CAS 3.0 §2.5.5 / §2.5.7); it is `true` for the
/// `/p3/*` endpoints (and for the CAS 2.0 endpoints only when the deployment
/// chooses to release attributes there).
///
/// XML: elements in the order of `AuthenticationSuccessType` (Appendix A):
/// `user`, `attributes`, `proxyGrantingTicket`, `proxies`. Each attribute
/// value is one `<cas:NAME>` element, a multi-valued attribute repeats the
/// element (§2.5.7). Attribute names that are not valid XML names (NCName)
/// cannot be element names and are left out of the XML response; the JSON
/// response keeps them, any string being a valid JSON key.
///
/// JSON: `{"serviceResponse":{"authenticationSuccess":{"user":..,
/// "proxyGrantingTicket":..,"proxies":[..],"attributes":{name:[values]}}}}`
/// or `{"serviceResponse":{"authenticationFailure":{"code":..,
/// "description":..}}}`. Attribute values are always arrays (even when
/// single-valued) so clients see one shape; object keys are emitted in
/// sorted order (JSON objects are unordered).
///
/// In both formats, `proxyGrantingTicket` is present only when a PGTIOU was
/// issued (§2.5.4 step 1/3), `proxies` only when non-empty (§2.6.2), and
/// attributes only when `with_attributes` and at least one has a value.
pub fn render_service_response(
    result: &Result<Success, Failure>,
    format: Format,
    with_attributes: bool,
) -> String {
    match format {
        Format::Xml => service_response_xml(result, with_attributes),
        Format::Json => service_response_json(result, with_attributes),
    }
}

fn service_response_xml(result: &Result<Success, Failure>, with_attributes: bool) -> String {
    let mut w = XmlWriter::new();
    w.start("cas:serviceResponse", &[("xmlns:cas", CAS_NS)]);
    match result {
        Ok(success) => {
            w.start("cas:authenticationSuccess", &[]);
            w.leaf("cas:user", &[], &success.user);
            if with_attributes {
                let attributes: Vec<_> = merged_attributes(&success.attributes)
                    .into_iter()
                    .filter(|(name, _)| is_ncname(name))
                    .collect();
                if !attributes.is_empty() {
                    // §2.5.5 / Appendix A: <cas:attributes> with one
                    // <cas:[attribute-name]> element per value.
                    w.start("cas:attributes", &[]);
                    for (name, values) in attributes {
                        let element = format!("cas:{name}");
                        for value in values {
                            w.leaf(&element, &[], value);
                        }
                    }
                    w.end("cas:attributes");
                }
            }
            if let Some(iou) = &success.proxy_granting_ticket_iou {
                w.leaf("cas:proxyGrantingTicket", &[], iou);
            }
            if !success.proxies.is_empty() {
                // §2.6.2: most recently visited proxy first; the order of
                // `proxies` is kept as given.
                w.start("cas:proxies", &[]);
                for proxy in &success.proxies {
                    w.leaf("cas:proxy", &[], proxy);
                }
                w.end("cas:proxies");
            }
            w.end("cas:authenticationSuccess");
        }
        Err(failure) => {
            // §2.5.2 / Appendix A AuthenticationFailureType: code attribute,
            // description as the element's text.
            w.leaf(
                "cas:authenticationFailure",
                &[("code", failure.code.as_str())],
                &failure.message,
            );
        }
    }
    w.end("cas:serviceResponse");
    w.finish()
}

fn failure_json(failure: &Failure) -> Value {
    json!({
        "code": failure.code.as_str(),
        "description": failure.message,
    })
}

fn service_response_json(result: &Result<Success, Failure>, with_attributes: bool) -> String {
    let body = match result {
        Ok(success) => {
            let mut obj = Map::new();
            obj.insert("user".to_string(), Value::from(success.user.as_str()));
            if let Some(iou) = &success.proxy_granting_ticket_iou {
                obj.insert("proxyGrantingTicket".to_string(), Value::from(iou.as_str()));
            }
            if !success.proxies.is_empty() {
                obj.insert("proxies".to_string(), Value::from(success.proxies.clone()));
            }
            if with_attributes {
                let attributes = merged_attributes(&success.attributes);
                if !attributes.is_empty() {
                    let map: Map<String, Value> = attributes
                        .into_iter()
                        .map(|(name, values)| (name.to_string(), Value::from(values)))
                        .collect();
                    obj.insert("attributes".to_string(), Value::Object(map));
                }
            }
            json!({ "authenticationSuccess": obj })
        }
        Err(failure) => json!({ "authenticationFailure": failure_json(failure) }),
    };
    json!({ "serviceResponse": body }).to_string()
}

/// Response of `/proxy` (CAS 3.0 §2.7.2): on success the proxy ticket
/// (`PT-...`), on failure the error code and description.
///
/// XML: `<cas:serviceResponse><cas:proxySuccess><cas:proxyTicket>PT-..
/// </cas:proxyTicket></cas:proxySuccess></cas:serviceResponse>` or
/// `<cas:proxyFailure code="...">message</cas:proxyFailure>` (Appendix A
/// `ProxySuccessType` / `ProxyFailureType`).
///
/// JSON: `{"serviceResponse":{"proxySuccess":{"proxyTicket":"PT-.."}}}` or
/// `{"serviceResponse":{"proxyFailure":{"code":..,"description":..}}}`. The
/// member names follow the XML element names; §2.7.2's lone JSON example
/// says `authenticationFailure` for a proxy failure, which contradicts its
/// own XML example and schema, so it is not followed.
pub fn render_proxy_response(result: &Result<String, Failure>, format: Format) -> String {
    match format {
        Format::Xml => {
            let mut w = XmlWriter::new();
            w.start("cas:serviceResponse", &[("xmlns:cas", CAS_NS)]);
            match result {
                Ok(ticket) => {
                    w.start("cas:proxySuccess", &[]);
                    w.leaf("cas:proxyTicket", &[], ticket);
                    w.end("cas:proxySuccess");
                }
                Err(failure) => w.leaf(
                    "cas:proxyFailure",
                    &[("code", failure.code.as_str())],
                    &failure.message,
                ),
            }
            w.end("cas:serviceResponse");
            w.finish()
        }
        Format::Json => {
            let body = match result {
                Ok(ticket) => json!({ "proxySuccess": { "proxyTicket": ticket } }),
                Err(failure) => json!({ "proxyFailure": failure_json(failure) }),
            };
            json!({ "serviceResponse": body }).to_string()
        }
    }
}
