//! The eIDAS layer on top of SAML: levels of assurance (eIDAS SAML Message Format v1.2 §2.3,
//! Implementing Regulation (EU) 2015/1502) and the mandatory natural-person attributes (eIDAS
//! SAML Attribute Profile v1.2 §2.2), read from an assertion whose signature has been verified.
//!
//! Never: accept `low` or a `NotNotified` level, an attribute with two values (other than a name
//! with its Latin transliteration), or a PersonIdentifier minted for another destination country.

use roxmltree::Node;
use serde::{Deserialize, Serialize};

use crate::SamlError;
use crate::xml::{self, ns};

/// An eIDAS level of assurance Limen requests and accepts. `low` does not exist here: it is never
/// requested and always refused (FEDERATION.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Loa {
    Substantial,
    High,
}

const LOA_SUBSTANTIAL: &str = "http://eidas.europa.eu/LoA/substantial";
const LOA_HIGH: &str = "http://eidas.europa.eu/LoA/high";

impl Loa {
    /// The `AuthnContextClassRef` URI (eIDAS Message Format §2.3).
    pub fn uri(self) -> &'static str {
        match self {
            Loa::Substantial => LOA_SUBSTANTIAL,
            Loa::High => LOA_HIGH,
        }
    }

    /// The level of a returned `AuthnContextClassRef`: `substantial` or `high` only. `…/low`,
    /// the `NotNotified` forms and anything else are `None`.
    pub fn parse(uri: &str) -> Option<Loa> {
        match uri {
            LOA_SUBSTANTIAL => Some(Loa::Substantial),
            LOA_HIGH => Some(Loa::High),
            _ => None,
        }
    }
}

/// The natural-person attributes Limen requests, all mandatory in the eIDAS minimum data set
/// (Attribute Profile §2.2); the optional ones are not requested (data minimisation).
pub mod attribute {
    pub const PERSON_IDENTIFIER: &str =
        "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier";
    pub const FAMILY_NAME: &str =
        "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName";
    pub const GIVEN_NAME: &str = "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName";
    pub const DATE_OF_BIRTH: &str = "http://eidas.europa.eu/attributes/naturalperson/DateOfBirth";
    /// The four, in the order Limen requests them.
    pub const REQUESTED: [&str; 4] = [PERSON_IDENTIFIER, FAMILY_NAME, GIVEN_NAME, DATE_OF_BIRTH];
    /// `NameFormat` of every eIDAS attribute (SAML Core §8.2.2).
    pub const NAME_FORMAT_URI: &str = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
}

/// What a verified eIDAS response says about the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EidasIdentity {
    /// The whole PersonIdentifier, `XX/YY/…` (Attribute Profile §2.2.1): the link's subject.
    pub person_identifier: String,
    /// XX: the country whose scheme issued it.
    pub country: String,
    /// The family name as the node sent it: in the original script when it also sent a Latin
    /// transliteration.
    pub family_name: String,
    pub given_name: String,
    /// The Latin transliteration, when the name above is in another script (`LatinScript="false"`
    /// on the original, Attribute Profile §2.4).
    pub family_name_latin: Option<String>,
    pub given_name_latin: Option<String>,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
    pub loa: Loa,
    /// `Assertion@ID`, for the caller's replay table.
    pub assertion_id: String,
    /// Until when the caller must remember `assertion_id` (the later `NotOnOrAfter`, plus skew).
    pub not_on_or_after: time::OffsetDateTime,
    pub issuer: String,
}

/// The level of the assertion's one `AuthnStatement`, which must reach `requested`.
pub(crate) fn read_loa(authn_statement: Node<'_, '_>, requested: Loa) -> Result<Loa, SamlError> {
    let context = xml::one_child(authn_statement, ns::SAML, "AuthnContext")?;
    let class_ref = xml::text(xml::one_child(context, ns::SAML, "AuthnContextClassRef")?)?;
    let class_ref = class_ref.trim();
    let loa = Loa::parse(class_ref)
        .ok_or_else(|| SamlError::LevelOfAssurance(format!("{class_ref:?} is not accepted")))?;
    if loa < requested {
        return Err(SamlError::LevelOfAssurance(format!(
            "{} returned for a {} request",
            loa.uri(),
            requested.uri()
        )));
    }
    Ok(loa)
}

/// The mandatory attributes, from every `AttributeStatement` of the verified assertion.
pub(crate) struct Person {
    pub person_identifier: String,
    pub country: String,
    pub family_name: (String, Option<String>),
    pub given_name: (String, Option<String>),
    pub date_of_birth: String,
}

pub(crate) fn read_person(
    assertion: Node<'_, '_>,
    sp_country: &str,
    accepted_countries: &[String],
) -> Result<Person, SamlError> {
    let attributes: Vec<Node<'_, '_>> = xml::children(assertion, ns::SAML, "AttributeStatement")
        .flat_map(|s| xml::children(s, ns::SAML, "Attribute"))
        .collect();
    let values = |name: &str| -> Result<Vec<Node<'_, '_>>, SamlError> {
        let mut found = attributes
            .iter()
            .filter(|a| a.attribute("Name") == Some(name));
        let attr = match (found.next(), found.next()) {
            (None, _) => return Err(SamlError::Attribute(format!("{name} is missing"))),
            (Some(_), Some(_)) => {
                return Err(SamlError::Attribute(format!("{name} is given twice")));
            }
            (Some(a), None) => *a,
        };
        if attr.attribute("NameFormat") != Some(attribute::NAME_FORMAT_URI) {
            return Err(SamlError::Attribute(format!(
                "{name} has a NameFormat other than uri"
            )));
        }
        Ok(xml::children(attr, ns::SAML, "AttributeValue").collect())
    };
    let single = |name: &str| -> Result<String, SamlError> {
        match values(name)?.as_slice() {
            [one] => Ok(xml::text(*one)?),
            [] => Err(SamlError::Attribute(format!("{name} has no value"))),
            _ => Err(SamlError::Attribute(format!(
                "{name} has more than one value"
            ))),
        }
    };
    // A name is one value, or an original (`LatinScript="false"`) with its transliteration.
    let name = |name: &str| -> Result<(String, Option<String>), SamlError> {
        match values(name)?.as_slice() {
            [one] => Ok((xml::text(*one)?, None)),
            [a, b] => {
                let original = |n: &Node<'_, '_>| n.attribute("LatinScript") == Some("false");
                match (original(a), original(b)) {
                    (true, false) => Ok((xml::text(*a)?, Some(xml::text(*b)?))),
                    (false, true) => Ok((xml::text(*b)?, Some(xml::text(*a)?))),
                    _ => Err(SamlError::Attribute(format!(
                        "{name} has more than one value"
                    ))),
                }
            }
            [] => Err(SamlError::Attribute(format!("{name} has no value"))),
            _ => Err(SamlError::Attribute(format!(
                "{name} has more than one value"
            ))),
        }
    };

    let person_identifier = single(attribute::PERSON_IDENTIFIER)?.trim().to_owned();
    let country = check_person_identifier(&person_identifier, sp_country, accepted_countries)?;
    let family_name = name(attribute::FAMILY_NAME)?;
    let given_name = name(attribute::GIVEN_NAME)?;
    for (label, value) in [
        ("family name", &family_name.0),
        ("given name", &given_name.0),
    ] {
        if value.trim().is_empty() {
            return Err(SamlError::Attribute(format!("empty {label}")));
        }
    }
    let date_of_birth = single(attribute::DATE_OF_BIRTH)?.trim().to_owned();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if date_of_birth.len() != 10 || time::Date::parse(&date_of_birth, format).is_err() {
        return Err(SamlError::Attribute(format!(
            "DateOfBirth {date_of_birth:?} is not a YYYY-MM-DD date"
        )));
    }
    Ok(Person {
        person_identifier,
        country,
        family_name,
        given_name,
        date_of_birth,
    })
}

/// `XX/YY/identifier` (Attribute Profile §2.2.1): XX and YY two capital letters, YY our
/// `sp_country` (an identifier minted for another destination is refused), XX in
/// `accepted_countries` when that list is not empty. Returns XX.
fn check_person_identifier(
    value: &str,
    sp_country: &str,
    accepted_countries: &[String],
) -> Result<String, SamlError> {
    let mut parts = value.splitn(3, '/');
    let (Some(xx), Some(yy), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(SamlError::Attribute(format!(
            "PersonIdentifier {value:?} is not XX/YY/identifier"
        )));
    };
    if !is_country_code(xx) || !is_country_code(yy) || id.is_empty() || value.len() > 1024 {
        return Err(SamlError::Attribute(format!(
            "PersonIdentifier {value:?} is not XX/YY/identifier"
        )));
    }
    if yy != sp_country {
        return Err(SamlError::Attribute(format!(
            "PersonIdentifier is for destination {yy}, not {sp_country}"
        )));
    }
    if !accepted_countries.is_empty() && !accepted_countries.iter().any(|c| c == xx) {
        return Err(SamlError::Attribute(format!(
            "PersonIdentifier country {xx} is not accepted"
        )));
    }
    Ok(xx.to_owned())
}

/// Two capital letters: a country as eIDAS writes it (ISO 3166-1 alpha-2, with EL for Greece).
pub(crate) fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}
