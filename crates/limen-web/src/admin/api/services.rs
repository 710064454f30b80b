//! The service registry (issue 21 item 1): CAS services, OpenID Connect clients and SAML service
//! providers — list, show, register, change, remove, and a new client secret. The rules are
//! those of `limen service add` ([`crate::registry`]); every change is audited with the caller
//! (`service.created`, `service.updated`, `service.deleted`, `service.secret_rotated`).
//!
//! Secrets: an OpenID Connect client's secret is in the answer that makes it (registration or
//! `POST …/secret`) and nowhere else — the registry keeps its SHA-256 only.

use super::accounts::{Action, reason_of};
use super::{
    ApiJson, ApiPath, ApiQuery, ApiResult, BASE, Caller, Paging, Problem, check_if_match, etag_of,
    json_with_etag, with_reason,
};
use crate::AppState;
use crate::context::ClientIp;
use crate::registry::{self, Invalid, saml as sp};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use limen_core::service::CasResponseFormat;
use limen_core::{Capability, Service, ServiceProtocol};
use limen_store::NewService;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, OpenApi, ToSchema};

impl From<Invalid> for Problem {
    fn from(e: Invalid) -> Problem {
        Problem::invalid(e.field, e.message)
    }
}

// ---------------------------------------------------------------------------------------------
// What is shown

/// A registered service.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceView {
    /// The name users see ("Requested by …"): the service's id in this API.
    pub name: String,
    /// cas, oidc or saml.
    pub protocol: String,
    /// Managed by Limen itself (the demo services): not changed through the API.
    pub builtin: bool,
    /// Accepted strengths (EU Login names); empty: every strength.
    pub accept_strengths: Vec<String>,
    /// The least identity assurance of accounts: LOW, MEDIUM, HIGH or TOP.
    pub min_assurance: String,
    /// Attributes released (CAS, SAML).
    pub attributes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cas: Option<CasView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oidc: Option<OidcView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saml: Option<SamlView>,
}

/// The CAS side of a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct CasView {
    /// URL patterns: exact URL, prefix ending in `*`, or `^…$`.
    pub urls: Vec<String>,
    /// Where single-logout requests go (absent: the URL each ticket was issued for).
    pub logout_url: Option<String>,
    pub single_logout: bool,
    /// URL patterns proxy-granting tickets may be sent to (CAS 3.0 §2.5.4).
    pub proxy_callbacks: Vec<String>,
    /// cas (CAS 3.0) or ecas (EU Login's format).
    pub response_format: String,
}

/// The OpenID Connect side of a service (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct OidcView {
    pub client_id: String,
    /// client_secret_basic, client_secret_post, private_key_jwt or none.
    pub token_auth_method: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub pkce_required: bool,
    /// ES256, RS256 or EdDSA.
    pub signing_alg: String,
    /// public or pairwise.
    pub subject_type: String,
    pub sector: String,
    pub scopes: Vec<String>,
    pub consent: bool,
    /// Whether a JWKS document is registered (private_key_jwt).
    pub has_jwks: bool,
    pub jwks_uri: Option<String>,
    pub backchannel_logout_uri: Option<String>,
    pub frontchannel_logout_uri: Option<String>,
    /// CAS services whose tickets the client may obtain by token exchange (RFC 8693).
    pub token_exchange_to: Vec<String>,
}

/// One assertion consumer service.
#[derive(Debug, Serialize, ToSchema)]
pub struct AcsView {
    pub index: u16,
    pub location: String,
    pub default: bool,
}

/// The SAML side of a service: what the registry trusts of the SP's metadata.
#[derive(Debug, Serialize, ToSchema)]
pub struct SamlView {
    pub entity_id: String,
    pub acs: Vec<AcsView>,
    /// Single logout endpoints: `<binding> <location>`.
    pub slo: Vec<String>,
    /// SHA-256 fingerprints of the SP's signing certificates.
    pub signing_certificates: Vec<String>,
    /// SHA-256 fingerprint of its encryption certificate.
    pub encryption_certificate: Option<String>,
    pub encrypt: bool,
    /// Allowed NameID formats, the first the default.
    pub nameid_formats: Vec<String>,
    /// rsa-sha256 or ecdsa-sha256.
    pub signing_alg: String,
    /// both, assertion or response.
    pub sign: String,
    /// strength or eidas.
    pub authn_context: String,
    pub requests_signed: bool,
    pub idp_initiated: bool,
    pub metadata_source: String,
    pub metadata_sha256: String,
}

impl ServiceView {
    async fn of(state: &AppState, s: &Service) -> Result<ServiceView, Problem> {
        let cas = (s.protocol == ServiceProtocol::Cas).then(|| CasView {
            urls: s.url_patterns.iter().map(ToString::to_string).collect(),
            logout_url: s.logout_url.clone(),
            single_logout: s.single_logout,
            proxy_callbacks: s.proxy_callbacks.iter().map(ToString::to_string).collect(),
            response_format: s.response_format.as_str().to_owned(),
        });
        let oidc = match state.store.oidc_client_of_service(s.id).await? {
            Some((_, c)) => {
                let mut targets = Vec::new();
                for id in state.store.client_exchange_targets(s.id).await? {
                    if let Some(t) = state.store.service_by_id(id).await? {
                        targets.push(t.name);
                    }
                }
                Some(OidcView {
                    client_id: c.client_id.clone(),
                    token_auth_method: c.auth_method.as_str().to_owned(),
                    pkce_required: c.requires_pkce(),
                    redirect_uris: c.redirect_uris,
                    post_logout_redirect_uris: c.post_logout_redirect_uris,
                    signing_alg: c.signing_alg.as_str().to_owned(),
                    subject_type: c.subject_type.as_str().to_owned(),
                    sector: c.sector,
                    scopes: c.scopes,
                    consent: c.consent,
                    has_jwks: c.jwks.is_some(),
                    jwks_uri: c.jwks_uri,
                    backchannel_logout_uri: c.backchannel_logout_uri,
                    frontchannel_logout_uri: c.frontchannel_logout_uri,
                    token_exchange_to: targets,
                })
            }
            None => None,
        };
        let saml = match state.store.saml_sp_of_service(s.id).await? {
            Some(row) => {
                let r = sp::stored_of(&row)
                    .map_err(|e| Problem::from(crate::WebError::Internal(e)))?
                    .record;
                let fp = |b64: &String| {
                    use base64::Engine as _;
                    base64::engine::general_purpose::STANDARD
                        .decode(b64.as_bytes())
                        .map(|der| sp::fingerprint(&der))
                        .unwrap_or_default()
                };
                Some(SamlView {
                    acs: r
                        .acs
                        .iter()
                        .map(|a| AcsView {
                            index: a.index,
                            location: a.location.clone(),
                            default: a.is_default,
                        })
                        .collect(),
                    slo: r
                        .slo
                        .iter()
                        .map(|e| {
                            let binding = match e.binding {
                                limen_saml::idp::Binding::Redirect => "HTTP-Redirect",
                                limen_saml::idp::Binding::Post => "HTTP-POST",
                            };
                            format!("{binding} {}", e.location)
                        })
                        .collect(),
                    signing_certificates: r.signing_certificates.iter().map(fp).collect(),
                    encryption_certificate: r.encryption_certificate.as_ref().map(fp),
                    encrypt: r.encrypt,
                    nameid_formats: r
                        .nameid_formats
                        .iter()
                        .map(|f| f.name().to_owned())
                        .collect(),
                    signing_alg: sp::signing_alg_name(r.signing_alg).to_owned(),
                    sign: sp::sign_name(r.sign).to_owned(),
                    authn_context: sp::authn_context_name(r.authn_context).to_owned(),
                    requests_signed: r.requests_signed,
                    idp_initiated: r.idp_initiated,
                    metadata_source: r.metadata_source,
                    metadata_sha256: r.metadata_sha256,
                    entity_id: r.entity_id,
                })
            }
            None => None,
        };
        Ok(ServiceView {
            name: s.name.clone(),
            protocol: s.protocol.as_str().to_owned(),
            builtin: s.builtin,
            accept_strengths: s
                .accepted_strengths
                .iter()
                .map(|x| x.as_str().to_owned())
                .collect(),
            min_assurance: s.min_assurance.as_str().to_owned(),
            attributes: s.released_attributes.clone(),
            cas,
            oidc,
            saml,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ServicePage {
    pub items: Vec<ServiceView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceSearch {
    /// cas, oidc or saml.
    pub protocol: Option<String>,
    /// Part of the name (case-insensitive).
    pub q: Option<String>,
}

/// The service of a name, or 404.
async fn by_name(state: &AppState, name: &str) -> Result<Service, Problem> {
    if name.chars().count() > 100 {
        return Err(Problem::not_found("service"));
    }
    state
        .store
        .service_by_name(name)
        .await?
        .ok_or_else(|| Problem::not_found("service"))
}

/// `/admin/api/v1/services/{name}`, the name percent-encoded as a path segment (RFC 3986 §3.3).
fn location_of(state: &AppState, name: &str) -> Option<HeaderValue> {
    let mut url = url::Url::parse(&state.config.public_url).ok()?;
    url.path_segments_mut()
        .ok()?
        .pop_if_empty()
        .extend(["admin", "api", "v1", "services", name]);
    HeaderValue::from_str(url.as_str()).ok()
}

/// A JSON list of words as the registry's comma list; a word may not hold a comma.
fn comma_list(field: &'static str, items: &[String]) -> Result<String, Problem> {
    if items.iter().any(|i| i.contains(',')) {
        return Err(Problem::invalid(field, "one value per item: no comma"));
    }
    Ok(items.join(","))
}

// ---------------------------------------------------------------------------------------------
// Reading

/// List services, by registration order.
#[utoipa::path(get, path = "/admin/api/v1/services", tag = "services", operation_id = "listServices",
    params(ServiceSearch, Paging),
    responses(
        (status = 200, description = "A page of services", body = ServicePage),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(search): ApiQuery<ServiceSearch>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> ApiResult<Json<ServicePage>> {
    caller.require(Capability::ReadRegistry)?;
    let limit = paging.limit()? as usize;
    let after = paging.cursor()?.unwrap_or(0);
    let protocol = match search.protocol.as_deref().filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => Some(registry::protocol(p)?),
    };
    let q = search
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_lowercase);
    // The registry is small (services, not users): read whole, filtered here.
    let found: Vec<Service> = state
        .store
        .list_services()
        .await?
        .into_iter()
        .filter(|s| s.id > after)
        .filter(|s| protocol.is_none_or(|p| s.protocol == p))
        .filter(|s| {
            q.as_deref()
                .is_none_or(|q| s.name.to_lowercase().contains(q))
        })
        .take(limit)
        .collect();
    let next_cursor = paging.next(found.len(), found.last().map(|s| s.id));
    let mut items = Vec::with_capacity(found.len());
    for s in &found {
        items.push(ServiceView::of(&state, s).await?);
    }
    Ok(Json(ServicePage { items, next_cursor }))
}

/// One service (with its ETag).
#[utoipa::path(get, path = "/admin/api/v1/services/{name}", tag = "services", operation_id = "getService",
    params(("name" = String, Path, description = "The service's name")),
    responses(
        (status = 200, description = "The service", body = ServiceView,
            headers(("ETag" = String, description = "Send it back as If-Match to change or remove the service"))),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(name): ApiPath<String>,
) -> ApiResult {
    caller.require(Capability::ReadRegistry)?;
    let s = by_name(&state, &name).await?;
    Ok(json_with_etag(
        StatusCode::OK,
        &ServiceView::of(&state, &s).await?,
    ))
}

// ---------------------------------------------------------------------------------------------
// Registering

/// A CAS service (as `limen service add`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCas {
    /// 1 to 100 printable characters, unique.
    pub name: String,
    /// URL patterns, at least one: exact URL, prefix ending in `*` (host and `/` included), or
    /// a regular expression between `^` and `$`.
    pub urls: Vec<String>,
    /// Accepted strengths (EU Login names; default: all).
    pub accept_strengths: Option<Vec<String>>,
    /// BASIC, MEDIUM or HIGH instead of a strength list.
    pub authentication_level: Option<String>,
    /// LOW (default), MEDIUM, HIGH or TOP.
    pub min_assurance: Option<String>,
    /// Released attributes (default: by the response format).
    pub attributes: Option<Vec<String>>,
    /// Where single-logout requests go (default: the URL each ticket was issued for).
    pub logout_url: Option<String>,
    #[serde(default)]
    pub single_logout: bool,
    #[serde(default)]
    pub proxy_callbacks: Vec<String>,
    /// cas (default) or ecas.
    pub response_format: Option<String>,
}

/// An OpenID Connect client (as `limen service add --protocol oidc`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOidc {
    pub name: String,
    /// Compared exactly; https (http on a loopback host) or a private-use scheme; no fragment.
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// A public client: no secret, PKCE with S256 required.
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub pkce_required: bool,
    /// client_secret_basic (default), client_secret_post, private_key_jwt or none.
    pub token_auth_method: Option<String>,
    /// private_key_jwt: the client's public keys, a JWKS document.
    #[schema(value_type = Option<Object>)]
    pub jwks: Option<serde_json::Value>,
    /// private_key_jwt: where the client publishes its JWKS.
    pub jwks_uri: Option<String>,
    /// ES256 (default), RS256 or EdDSA.
    pub signing_alg: Option<String>,
    /// public (default) or pairwise.
    pub subject_type: Option<String>,
    /// Pairwise sector (default: the host of the redirect URIs).
    pub sector: Option<String>,
    /// Scopes the client may obtain (default openid, profile, email; openid always).
    pub scopes: Option<Vec<String>>,
    #[serde(default)]
    pub consent: bool,
    pub backchannel_logout_uri: Option<String>,
    pub frontchannel_logout_uri: Option<String>,
    /// CAS services (by name) whose tickets the client may obtain by token exchange.
    #[serde(default)]
    pub token_exchange_to: Vec<String>,
    /// Default: generated.
    pub client_id: Option<String>,
    pub accept_strengths: Option<Vec<String>>,
    pub authentication_level: Option<String>,
    pub min_assurance: Option<String>,
}

/// A SAML service provider, from its metadata (as `limen service add --protocol saml`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSaml {
    pub name: String,
    /// The SP's SAML metadata (an `EntityDescriptor`), at most 1 MiB.
    pub metadata_xml: String,
    /// Allowed NameID formats, the first the default: persistent, transient, email (default:
    /// those the SP lists that Limen issues, email excepted, else persistent then transient).
    pub nameid: Option<Vec<String>>,
    /// auto (default: when the SP publishes an RSA encryption key), on or off.
    pub encrypt: Option<String>,
    /// rsa-sha256 or ecdsa-sha256 (default: from the SP's metadata).
    pub signing_alg: Option<String>,
    /// both (default; forced when encrypting), assertion or response.
    pub sign: Option<String>,
    /// strength (default) or eidas.
    pub authn_context: Option<String>,
    /// Limen may start a login for this SP (`/saml/init`).
    #[serde(default)]
    pub idp_initiated: bool,
    /// Refuse unsigned AuthnRequests (default: when the SP publishes a signing key or says
    /// AuthnRequestsSigned="true").
    pub require_signed_requests: Option<bool>,
    pub accept_strengths: Option<Vec<String>>,
    pub authentication_level: Option<String>,
    pub min_assurance: Option<String>,
    pub attributes: Option<Vec<String>>,
}

/// A new service: `protocol` says which.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "protocol", rename_all = "lowercase")]
pub enum NewServiceBody {
    Cas(NewCas),
    Oidc(NewOidc),
    Saml(NewSaml),
}

/// What a registration made.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub service: ServiceView,
    /// OpenID Connect: the client secret, in this answer only (Limen keeps its hash).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// What the operator should read (SAML: what the metadata made Limen decide).
    pub notes: Vec<String>,
}

/// The fields every protocol shares, checked as `limen service add` checks them.
fn common(
    name: &str,
    protocol: ServiceProtocol,
    accept: Option<&[String]>,
    level: Option<&str>,
    min_assurance: Option<&str>,
    attributes: Option<&[String]>,
    format: CasResponseFormat,
) -> Result<NewService, Problem> {
    if accept.is_some() && level.is_some() {
        return Err(Problem::invalid(
            "authentication_level",
            "give accept_strengths or authentication_level, not both",
        ));
    }
    let accept = accept
        .map(|a| comma_list("accept_strengths", a))
        .transpose()?;
    let attributes = attributes
        .map(|a| comma_list("attributes", a))
        .transpose()?;
    Ok(NewService {
        name: registry::service_name(name)?,
        protocol,
        url_patterns: Vec::new(),
        accepted_strengths: registry::accepted_strengths(accept.as_deref(), level)?,
        min_assurance: registry::min_assurance(min_assurance.unwrap_or("LOW"))?,
        released_attributes: registry::released_attributes(attributes.as_deref(), format)?,
        logout_url: None,
        single_logout: false,
        proxy_callbacks: Vec::new(),
    })
}

/// Register a service: a CAS service, an OpenID Connect client or a SAML service provider.
#[utoipa::path(post, path = "/admin/api/v1/services", tag = "services", operation_id = "createService",
    request_body = NewServiceBody,
    responses(
        (status = 201, description = "Registered (OIDC: the client secret is in this answer only)", body = Created,
            headers(("Location" = String, description = "The new service"))),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A service of this name (or client id, or entityID) exists", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> ApiResult {
    caller.require(Capability::ManageRegistry)?;
    match body.get("protocol") {
        None => {
            return Err(Problem::invalid(
                "protocol",
                "cas, oidc or saml is required",
            ));
        }
        Some(serde_json::Value::String(p)) => {
            registry::protocol(p)?;
        }
        Some(_) => return Err(Problem::invalid("protocol", "must be cas, oidc or saml")),
    }
    let body: NewServiceBody =
        serde_json::from_value(body).map_err(|e| Problem::invalid("body", e.to_string()))?;
    let (service, client_secret, notes) = match body {
        NewServiceBody::Cas(b) => (create_cas(&state, b).await?, None, Vec::new()),
        NewServiceBody::Oidc(b) => {
            let (s, secret) = create_oidc(&state, b).await?;
            (s, secret, Vec::new())
        }
        NewServiceBody::Saml(b) => {
            let (s, notes) = create_saml(&state, b).await?;
            (s, None, notes)
        }
    };
    let view = ServiceView::of(&state, &service).await?;
    state
        .authn
        .audit_raw(
            "service.created",
            None,
            &ip,
            json!({
                "service": service.name,
                "protocol": service.protocol.as_str(),
                "client_id": view.oidc.as_ref().map(|o| o.client_id.clone()),
                "entity_id": view.saml.as_ref().map(|s| s.entity_id.clone()),
            }),
        )
        .await;
    let mut r = (
        StatusCode::CREATED,
        Json(Created {
            service: view,
            client_secret,
            notes,
        }),
    )
        .into_response();
    if let Some(l) = location_of(&state, &service.name) {
        r.headers_mut().insert(header::LOCATION, l);
    }
    Ok(r)
}

fn duplicate(e: limen_store::StoreError, name: &str) -> Problem {
    match e {
        limen_store::StoreError::Duplicate(what) => Problem::conflict(format!(
            "a service named {name:?} or with this {what} exists already"
        )),
        e => e.into(),
    }
}

async fn create_cas(state: &AppState, b: NewCas) -> Result<Service, Problem> {
    let format = registry::response_format(b.response_format.as_deref().unwrap_or("cas"))?;
    let mut new = common(
        &b.name,
        ServiceProtocol::Cas,
        b.accept_strengths.as_deref(),
        b.authentication_level.as_deref(),
        b.min_assurance.as_deref(),
        b.attributes.as_deref(),
        format,
    )?;
    if b.urls.is_empty() {
        return Err(Problem::invalid(
            "urls",
            "a CAS service needs at least one URL pattern",
        ));
    }
    new.url_patterns = registry::url_patterns("urls", &b.urls)?;
    registry::logout_url(b.logout_url.as_deref())?;
    new.logout_url = b.logout_url;
    new.single_logout = b.single_logout;
    new.proxy_callbacks = registry::url_patterns("proxy_callbacks", &b.proxy_callbacks)?;
    let s = state
        .store
        .create_service(&new, state.now())
        .await
        .map_err(|e| duplicate(e, &new.name))?;
    if format != CasResponseFormat::Cas {
        state
            .store
            .set_service_response_format(s.id, format)
            .await?;
    }
    by_name(state, &s.name).await
}

async fn create_oidc(state: &AppState, b: NewOidc) -> Result<(Service, Option<String>), Problem> {
    let new = common(
        &b.name,
        ServiceProtocol::Oidc,
        b.accept_strengths.as_deref(),
        b.authentication_level.as_deref(),
        b.min_assurance.as_deref(),
        None,
        CasResponseFormat::Cas,
    )?;
    let scopes = b
        .scopes
        .as_deref()
        .map(|s| comma_list("scopes", s))
        .transpose()?;
    let registry::NewClient { client, secret } = registry::oidc_client(registry::OidcSpec {
        redirect_uris: b.redirect_uris,
        post_logout_redirect_uris: b.post_logout_redirect_uris,
        public: b.public,
        pkce_required: b.pkce_required,
        token_auth_method: b.token_auth_method,
        jwks: b.jwks.map(|j| j.to_string()),
        jwks_uri: b.jwks_uri,
        signing_alg: b.signing_alg,
        subject_type: b.subject_type,
        sector: b.sector,
        scopes,
        consent: b.consent,
        backchannel_logout_uri: b.backchannel_logout_uri,
        frontchannel_logout_uri: b.frontchannel_logout_uri,
        client_id: b.client_id,
        exchanges_tokens: !b.token_exchange_to.is_empty(),
    })?;
    let targets = registry::exchange_targets(&state.store, &b.token_exchange_to).await??;
    let (service, _) = state
        .store
        .create_oidc_client(&new, &client, state.now())
        .await
        .map_err(|e| duplicate(e, &new.name))?;
    if !targets.is_empty() {
        state
            .store
            .set_client_exchange_targets(service.id, &targets)
            .await?;
    }
    Ok((service, secret))
}

async fn create_saml(state: &AppState, b: NewSaml) -> Result<(Service, Vec<String>), Problem> {
    use limen_saml::idp::sp_metadata::{MAX_METADATA, read_sp_metadata};
    let new = common(
        &b.name,
        ServiceProtocol::Saml,
        b.accept_strengths.as_deref(),
        b.authentication_level.as_deref(),
        b.min_assurance.as_deref(),
        b.attributes.as_deref(),
        CasResponseFormat::Cas,
    )?;
    let nameid = b
        .nameid
        .as_deref()
        .map(|n| comma_list("nameid", n))
        .transpose()?;
    let choices = sp::Choices::from_words(&sp::ChoiceWords {
        nameid: nameid.as_deref(),
        encrypt: b.encrypt.as_deref(),
        signing_alg: b.signing_alg.as_deref(),
        sign: b.sign.as_deref(),
        authn_context: b.authn_context.as_deref(),
        idp_initiated: b.idp_initiated,
        require_signed_requests: b
            .require_signed_requests
            .map(|y| if y { "yes" } else { "no" }),
    })?;
    if b.metadata_xml.len() > MAX_METADATA {
        return Err(Problem::invalid(
            "metadata_xml",
            format!("the metadata is over {MAX_METADATA} bytes"),
        ));
    }
    let sha256 = limen_crypto::sha256_hex(b.metadata_xml.as_bytes());
    let text = b
        .metadata_xml
        .strip_prefix('\u{feff}')
        .unwrap_or(&b.metadata_xml);
    let md = read_sp_metadata(text, state.now(), None)
        .map_err(|e| Problem::invalid("metadata_xml", format!("the metadata is refused: {e}")))?;
    let registered = sp::register(
        &state.store,
        new,
        &md,
        &choices,
        "admin API",
        &sha256,
        &[],
        state.now(),
    )
    .await;
    let sp::Registered { row, decision } = match registered {
        Ok(r) => r,
        Err(sp::RegisterError::Invalid(e)) => return Err(e.into()),
        Err(e @ sp::RegisterError::EntityRegistered { .. })
        | Err(e @ sp::RegisterError::Duplicate { .. }) => {
            return Err(Problem::conflict(e.to_string()));
        }
        Err(sp::RegisterError::Store(e)) => return Err(e.into()),
    };
    let mut notes: Vec<String> = md.ignored.iter().map(|n| format!("ignored: {n}")).collect();
    notes.extend(decision.notes);
    Ok((row.service, notes))
}

// ---------------------------------------------------------------------------------------------
// Changing

/// What may be changed on a service (fields left out stay as they are). The name, the protocol
/// and an OpenID Connect client's or SAML SP's own settings are not changed here: remove the
/// service and register it again (SAML: `limen service refresh` re-reads the metadata).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    /// Accepted strengths; an empty list: every strength.
    pub accept_strengths: Option<Vec<String>>,
    /// BASIC, MEDIUM or HIGH instead of a strength list.
    pub authentication_level: Option<String>,
    /// LOW, MEDIUM, HIGH or TOP.
    pub min_assurance: Option<String>,
    /// Released attributes (CAS, SAML).
    pub attributes: Option<Vec<String>>,
    /// CAS: URL patterns (at least one).
    pub urls: Option<Vec<String>>,
    /// CAS: where single-logout requests go; an empty string: the URL of each ticket.
    pub logout_url: Option<String>,
    /// CAS: send back-channel single-logout requests.
    pub single_logout: Option<bool>,
    /// CAS: URL patterns proxy-granting tickets may be sent to.
    pub proxy_callbacks: Option<Vec<String>>,
    /// CAS: cas or ecas.
    pub response_format: Option<String>,
    /// Why (kept in the audit log).
    pub reason: Option<String>,
}

/// Applies a change to a copy of the service; returns the names of the fields changed.
fn apply(s: &mut Service, p: &ServicePatch) -> Result<Vec<&'static str>, Problem> {
    let mut changed = Vec::new();
    if p.accept_strengths.is_some() && p.authentication_level.is_some() {
        return Err(Problem::invalid(
            "authentication_level",
            "give accept_strengths or authentication_level, not both",
        ));
    }
    if let Some(list) = &p.accept_strengths {
        let list = comma_list("accept_strengths", list)?;
        s.accepted_strengths = registry::accepted_strengths(Some(&list), None)?;
        changed.push("accept_strengths");
    }
    if let Some(level) = &p.authentication_level {
        s.accepted_strengths = registry::accepted_strengths(None, Some(level))?;
        changed.push("accept_strengths");
    }
    if let Some(level) = &p.min_assurance {
        s.min_assurance = registry::min_assurance(level)?;
        changed.push("min_assurance");
    }
    if let Some(list) = &p.attributes {
        if s.protocol == ServiceProtocol::Oidc {
            return Err(Problem::invalid(
                "attributes",
                "an OpenID Connect client's claims follow its scopes",
            ));
        }
        let list = comma_list("attributes", list)?;
        s.released_attributes = registry::released_attributes(Some(&list), s.response_format)?;
        changed.push("attributes");
    }
    let cas_only = [
        ("urls", p.urls.is_some()),
        ("logout_url", p.logout_url.is_some()),
        ("single_logout", p.single_logout.is_some()),
        ("proxy_callbacks", p.proxy_callbacks.is_some()),
        ("response_format", p.response_format.is_some()),
    ];
    if s.protocol != ServiceProtocol::Cas
        && let Some((field, _)) = cas_only.iter().find(|(_, set)| *set)
    {
        return Err(Problem::invalid(field, "only for CAS services"));
    }
    if let Some(urls) = &p.urls {
        if urls.is_empty() {
            return Err(Problem::invalid(
                "urls",
                "a CAS service needs at least one URL pattern",
            ));
        }
        s.url_patterns = registry::url_patterns("urls", urls)?;
        changed.push("urls");
    }
    if let Some(u) = &p.logout_url {
        let u = Some(u.trim()).filter(|u| !u.is_empty());
        registry::logout_url(u)?;
        s.logout_url = u.map(str::to_owned);
        changed.push("logout_url");
    }
    if let Some(on) = p.single_logout {
        s.single_logout = on;
        changed.push("single_logout");
    }
    if let Some(list) = &p.proxy_callbacks {
        s.proxy_callbacks = registry::url_patterns("proxy_callbacks", list)?;
        changed.push("proxy_callbacks");
    }
    if let Some(f) = &p.response_format {
        s.response_format = registry::response_format(f)?;
        changed.push("response_format");
    }
    Ok(changed)
}

/// Change a service (needs `If-Match`).
#[utoipa::path(patch, path = "/admin/api/v1/services/{name}", tag = "services", operation_id = "updateService",
    params(("name" = String, Path, description = "The service's name"),
           ("If-Match" = String, Header, description = "The ETag of the service as read")),
    request_body = ServicePatch,
    responses(
        (status = 200, description = "The service as changed", body = ServiceView),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A built-in service", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiPath(name): ApiPath<String>,
    ApiJson(change): ApiJson<ServicePatch>,
) -> ApiResult {
    caller.require(Capability::ManageRegistry)?;
    let current = by_name(&state, &name).await?;
    check_if_match(
        &headers,
        &etag_of(&ServiceView::of(&state, &current).await?),
    )?;
    if current.builtin {
        return Err(Problem::conflict(
            "a built-in service is managed by Limen itself",
        ));
    }
    let reason = reason_of(change.reason.as_deref())?;
    let mut next = current.clone();
    let changed = apply(&mut next, &change)?;
    if !changed.is_empty() {
        let updated = state.store.update_service(&next).await?;
        with_reason(
            reason,
            state.authn.audit_raw(
                "service.updated",
                None,
                &ip,
                json!({"service": updated.name, "changed": changed}),
            ),
        )
        .await;
    }
    let s = by_name(&state, &name).await?;
    Ok(json_with_etag(
        StatusCode::OK,
        &ServiceView::of(&state, &s).await?,
    ))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RemoveQuery {
    /// Why (kept in the audit log; at most 500 characters).
    pub reason: Option<String>,
}

/// Remove a service (needs `If-Match`): its tickets, grants and tokens go with it.
#[utoipa::path(delete, path = "/admin/api/v1/services/{name}", tag = "services", operation_id = "deleteService",
    params(("name" = String, Path, description = "The service's name"),
           ("If-Match" = String, Header, description = "The ETag of the service as read"),
           RemoveQuery),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "Bad parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid reason", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiPath(name): ApiPath<String>,
    ApiQuery(q): ApiQuery<RemoveQuery>,
) -> ApiResult {
    caller.require(Capability::ManageRegistry)?;
    let s = by_name(&state, &name).await?;
    let view = ServiceView::of(&state, &s).await?;
    check_if_match(&headers, &etag_of(&view))?;
    let reason = reason_of(q.reason.as_deref())?;
    state.store.remove_service(&s.name).await?;
    with_reason(
        reason,
        state.authn.audit_raw(
            "service.deleted",
            None,
            &ip,
            json!({"service": s.name, "protocol": s.protocol.as_str()}),
        ),
    )
    .await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A new client secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewSecret {
    pub client_id: String,
    /// Shown once: Limen keeps only its hash; the previous secret stops working now.
    pub client_secret: String,
}

/// Give an OpenID Connect client a new secret (the old one stops working).
#[utoipa::path(post, path = "/admin/api/v1/services/{name}/secret", tag = "services", operation_id = "rotateServiceSecret",
    params(("name" = String, Path, description = "The service's name")),
    request_body = Action,
    responses(
        (status = 200, description = "The new secret, in this answer only", body = NewSecret),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a client that authenticates with a secret", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn new_secret(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiPath(name): ApiPath<String>,
    ApiJson(action): ApiJson<Action>,
) -> ApiResult<Json<NewSecret>> {
    caller.require(Capability::ManageRegistry)?;
    let s = by_name(&state, &name).await?;
    let reason = reason_of(action.reason.as_deref())?;
    let Some((_, c)) = state.store.oidc_client_of_service(s.id).await? else {
        return Err(Problem::conflict("not an OpenID Connect client"));
    };
    if !c.auth_method.uses_secret() {
        return Err(Problem::conflict(format!(
            "this client does not authenticate with a secret ({})",
            c.auth_method.as_str()
        )));
    }
    let (secret, hash) = registry::new_client_secret();
    state.store.set_client_secret(s.id, &hash).await?;
    with_reason(
        reason,
        state.authn.audit_raw(
            "service.secret_rotated",
            None,
            &ip,
            json!({"service": s.name, "client_id": c.client_id}),
        ),
    )
    .await;
    Ok(Json(NewSecret {
        client_id: c.client_id,
        client_secret: secret,
    }))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, show, create, patch, delete, new_secret),
    components(schemas(
        ServiceView,
        CasView,
        OidcView,
        SamlView,
        AcsView,
        ServicePage,
        NewServiceBody,
        NewCas,
        NewOidc,
        NewSaml,
        Created,
        ServicePatch,
        NewSecret
    )),
    modifiers(&ProtocolTag)
)]
pub struct Doc;

/// `NewServiceBody` is internally tagged: serde reads `protocol` and hands the rest of the
/// object to `NewCas`/`NewOidc`/`NewSaml`, whose unknown fields are refused. utoipa describes
/// each variant as `allOf: [NewCas, {protocol}]`, and `NewCas` alone says no property but its
/// own — so no body could match. The tag belongs to each variant's object: declared there.
struct ProtocolTag;

impl utoipa::Modify for ProtocolTag {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
        let Some(components) = doc.components.as_mut() else {
            return;
        };
        for (name, tag) in [("NewCas", "cas"), ("NewOidc", "oidc"), ("NewSaml", "saml")] {
            if let Some(RefOr::T(Schema::Object(obj))) = components.schemas.get_mut(name) {
                obj.properties.insert(
                    "protocol".to_owned(),
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some([tag]))
                        .into(),
                );
                if !obj.required.iter().any(|r| r == "protocol") {
                    obj.required.push("protocol".to_owned());
                }
            }
        }
    }
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/services"), get(list).post(create))
        .route(
            &format!("{BASE}/services/{{name}}"),
            get(show).patch(patch).delete(delete),
        )
        .route(
            &format!("{BASE}/services/{{name}}/secret"),
            post(new_secret),
        )
}
