//! CAS endpoints (CAS Protocol 3.0): ticket issue for the login pages, and the validation
//! endpoints `/validate` (§2.4), `/serviceValidate` and `/p3/serviceValidate` (§2.5, §2.8),
//! `/proxyValidate` and `/p3/proxyValidate` (§2.6, §2.9), `/proxy` (§2.7) and `/samlValidate`
//! (§4.2), plus EU Login's assurance-specific validation endpoints `/laxValidate`,
//! `/sponsorValidate`, `/interinstitutionalValidate` and `/strictValidate` (ARCHITECTURE §1b).
//! Rendering and parsing are [`limen_cas`]'s; this module applies the rules.
//!
//! Every validation also enforces EU Login's two separate axes (ARCHITECTURE §1): the
//! *authentication strength* the ticket proves, against what the service accepts narrowed by the
//! request's `acceptStrengths` / `authenticationLevel` (`INVALID_STRENGTH`), and the account's
//! *identity assurance level*, against the service's minimum, the endpoint's and the request's
//! `assuranceLevel` (`INVALID_USER`). CAS 3.0 §2.5.3 lets an implementation add error codes.

use crate::{AppState, WebError, metrics::inc};
use axum::extract::{Query, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use limen_cas::{ErrorCode, Failure, Format, Success};
use limen_core::policy::{StrengthRequestError, requested_strengths};
use limen_core::service::CasResponseFormat;
use limen_core::{
    Account, AssuranceLevel, Proof, Service, SsoSession, Strength, Ticket, TicketKind,
};
use serde::Deserialize;

/// Parameters of the validation endpoints: CAS 3.0 §2.5.1 (`service`, `ticket`, `pgtUrl`,
/// `renew`, `format`) and EU Login's optional additions (ARCHITECTURE §1b), read from the query
/// by [`ValidateRequest::parse`].
#[derive(Debug, Default)]
pub struct ValidateQuery {
    pub service: Option<String>,
    pub ticket: Option<String>,
    /// `pgtUrl`.
    pub pgt_url: Option<String>,
    pub renew: Option<String>,
    pub format: Option<String>,
    /// EU Login `acceptStrengths`: comma-separated strengths the service will take
    /// (`PASSWORD_WEBAUTHN,…`, the deprecated `STRONG*` aliases included); the ticket's strength
    /// must be one of them.
    pub accept_strengths: Option<String>,
    /// EU Login `authenticationLevel`: `BASIC`, `MEDIUM` or `HIGH`; the ticket's strength must be
    /// of that level or above.
    pub authentication_level: Option<String>,
    /// EU Login `assuranceLevel`: the least identity assurance the service will take, by name
    /// (`LOW`…`TOP`) or number (10…40); `0` / `NO_ASSURANCE` asks for nothing.
    pub assurance_level: Option<String>,
    /// EU Login `userDetails`: read (so that it counts as given once), and otherwise of no
    /// effect: the details released are the service's registered attributes either way, which
    /// for EU Login-format services default to EU Login's full set (docs/CAS.md).
    pub user_details: Option<String>,
    /// EU Login `groups`: a comma-separated list of group names, or `*`; only the account's groups
    /// among them are released.
    pub groups: Option<String>,
    /// EU Login `ticketTypes`: comma-separated `SERVICE`, `PROXY`: the kinds of ticket the client
    /// accepts.
    pub ticket_types: Option<String>,
    /// EU Login `clientFingerprint`: what a ticket issued from a login request that carried one
    /// must be validated with (login/request.rs).
    pub client_fingerprint: Option<String>,
}

/// A CAS boolean parameter: present and not "false" (CAS 3.0 §2.1.1 "if this parameter is set").
pub fn flag(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !v.eq_ignore_ascii_case("false") && v != "0")
}

/// At most this many `ticket` values of one request are spent (a request naming the parameter
/// more than once is refused, [`ValidateRequest`]); more would let one request cost many writes.
const MAX_TICKETS_SPENT: usize = 10;

/// A validation request's query, read by hand rather than with axum's `Query`: `Query` refuses a
/// parameter given twice with a 400 before the handler runs, which would leave the ticket alive.
/// CAS 3.0 §3.1.1 (service tickets) and §3.2 (proxy tickets): the ticket MUST be invalidated by
/// the validation attempt, "regardless of whether validation succeeded" — so every refusal,
/// early ones included, spends the ticket first.
#[derive(Debug, Default)]
pub struct ValidateRequest {
    pub query: ValidateQuery,
    /// The first parameter given more than once, if any: such a request is refused
    /// (`INVALID_REQUEST`), there being no telling which value the client meant.
    pub repeated: Option<String>,
    /// Every `ticket` value given, in order (usually one).
    pub tickets: Vec<String>,
}

impl ValidateRequest {
    pub fn parse(raw: Option<&str>) -> Self {
        let mut request = ValidateRequest::default();
        let q = &mut request.query;
        for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let slot = match name.as_ref() {
                "service" => &mut q.service,
                "ticket" => {
                    request.tickets.push(value.clone().into_owned());
                    &mut q.ticket
                }
                "pgtUrl" => &mut q.pgt_url,
                "renew" => &mut q.renew,
                "format" => &mut q.format,
                // `acceptedStrengths`: the spelling some published EU Login clients send.
                "acceptStrengths" | "acceptedStrengths" => &mut q.accept_strengths,
                "authenticationLevel" => &mut q.authentication_level,
                "assuranceLevel" => &mut q.assurance_level,
                "userDetails" => &mut q.user_details,
                "groups" => &mut q.groups,
                "ticketTypes" => &mut q.ticket_types,
                "clientFingerprint" => &mut q.client_fingerprint,
                _ => continue,
            };
            if slot.is_some() {
                request.repeated.get_or_insert_with(|| name.into_owned());
            } else {
                *slot = Some(value.into_owned());
            }
        }
        request
    }

    /// The refusal of a request with a repeated parameter, once its tickets are spent.
    async fn refuse_repeated(&self, state: &AppState) -> Result<Option<Failure>, WebError> {
        let Some(name) = &self.repeated else {
            return Ok(None);
        };
        for ticket in self.tickets.iter().take(MAX_TICKETS_SPENT) {
            spend(state, ticket).await?;
        }
        Ok(Some(Failure::new(
            ErrorCode::InvalidRequest,
            format!("the parameter '{}' is given more than once", shown(name)),
        )))
    }
}

/// Takes (removes) a service or proxy ticket, if `ticket` is one by its syntax and exists: from
/// here on it cannot be validated again, whatever the caller decides (CAS 3.0 §3.1.1, §3.2).
/// Proxy-granting tickets are never taken here ([`limen_store::Store::take_ticket`]).
async fn spend(state: &AppState, ticket: &str) -> Result<Option<Ticket>, WebError> {
    match spendable_hash(ticket) {
        Some(hash) => Ok(state.store.take_ticket(&hash, state.now()).await?),
        None => Ok(None),
    }
}

/// [`spend`] for a validation: the ticket with its account and service, read together
/// ([`limen_store::Store::take_ticket_with_parties`]).
async fn spend_for_validation(
    state: &AppState,
    ticket: &str,
) -> Result<Option<limen_store::TakenTicket>, WebError> {
    match spendable_hash(ticket) {
        Some(hash) => Ok(state
            .store
            .take_ticket_with_parties(&hash, state.now())
            .await?),
        None => Ok(None),
    }
}

/// The stored form (SHA-256) of `ticket` if it is a service or proxy ticket by its syntax.
fn spendable_hash(ticket: &str) -> Option<String> {
    matches!(
        limen_cas::ticket_kind(ticket),
        Some(limen_cas::TicketKind::Service | limen_cas::TicketKind::Proxy)
    )
    .then(|| limen_crypto::sha256_hex(ticket.as_bytes()))
}

/// Issues a service ticket for `service_url` from `session` (CAS 3.0 §3.1) and records the visit
/// for single logout.
pub async fn issue_service_ticket(
    state: &AppState,
    session: &SsoSession,
    service: &Service,
    service_url: &str,
    proof: &Proof,
    from_new_login: bool,
    client_fingerprint: Option<String>,
) -> Result<String, WebError> {
    let now = state.now();
    let ticket = limen_crypto::ticket(TicketKind::Service.prefix());
    let row = Ticket {
        kind: TicketKind::Service,
        session_id: session.id.clone(),
        account_id: session.account_id,
        service_id: service.id,
        service_url: service_url.to_owned(),
        strength: proof.strength,
        auth_at: proof.at,
        from_new_login,
        proxies: Vec::new(),
        client_fingerprint,
        device: proof.device.clone(),
        created_at: now,
        expires_at: now + state.config.service_ticket_ttl,
    };
    state
        .store
        .insert_ticket(&limen_crypto::sha256_hex(ticket.as_bytes()), &row)
        .await?;
    state
        .store
        .add_session_service(&session.id, service.id, service_url, &ticket, now)
        .await?;
    inc(&state.metrics.tickets_issued);
    Ok(ticket)
}

/// Attributes released to `service` (CAS 3.0 §2.5.2 `<cas:attributes>`; the SAML IdP releases
/// the same, docs/SAML.md §6.3), in a stable order, for a proof of `strength` at `level`.
pub fn attributes(
    account: &Account,
    strength: Strength,
    level: limen_core::AuthLevel,
    service: &Service,
    groups: &[String],
) -> Vec<(String, Vec<String>)> {
    let value = |name: &str| -> Option<String> {
        match name {
            "uid" => Some(account.uid.clone()),
            "email" => Some(account.email.as_str().to_owned()),
            "firstName" => account.first_name.as_ref().map(|n| n.as_str().to_owned()),
            "lastName" => Some(account.last_name.as_str().to_owned()),
            "domain" | "employeeType" => Some(account.user_type.as_str().to_owned()),
            "strength" => Some(strength.as_str().to_owned()),
            "authenticationLevel" => Some(level.as_str().to_owned()),
            "assuranceLevel" => Some(account.assurance.number().to_string()),
            "locale" => Some(
                account
                    .ui_locale
                    .clone()
                    .unwrap_or_else(|| account.email_locale.clone()),
            ),
            _ => None,
        }
    };
    limen_core::service::RELEASABLE_ATTRIBUTES
        .iter()
        .filter(|name| service.releases(name))
        .filter_map(|name| match *name {
            // Multi-valued (CAS 3.0 §2.5.7: one element per value); none, no attribute.
            "groups" => (!groups.is_empty()).then(|| ("groups".to_owned(), groups.to_vec())),
            _ => value(name).map(|v| ((*name).to_owned(), vec![v])),
        })
        .collect()
}

/// EU Login's `domain` of an account: `external` for external (self-registered) users; for
/// internal users, their e-mail domain with its labels reversed, as EU Login names organisations
/// (`jane@ec.europa.eu` → `eu.europa.ec`).
fn ecas_domain(account: &Account) -> String {
    match account.user_type {
        limen_core::UserType::External => "external".to_owned(),
        limen_core::UserType::Internal => account
            .email
            .domain()
            .split('.')
            .rev()
            .collect::<Vec<_>>()
            .join("."),
    }
}

/// EU Login's `employeeType` (`employeeTypeType` of its schema): `f` (staff) for internal users,
/// `e` (extramuros external user) for the others, `v` (virtual) for an account made through an
/// eID or a social network that has no password (docs/FEDERATION.md §2.3; setting one makes it
/// an ordinary account).
fn ecas_employee_type(account: &Account) -> &'static str {
    if account.password_hash.is_none() {
        return "v";
    }
    match account.user_type {
        limen_core::UserType::Internal => "f",
        limen_core::UserType::External => "e",
    }
}

pub struct Validated {
    pub success: Success,
    pub ticket: Ticket,
    pub account: Account,
    pub service: Service,
    /// The account's groups released to the service, filtered by the request's `groups`.
    pub groups: Vec<String>,
}

/// The kinds of ticket a validation endpoint takes (EU Login `ticketTypes`, CAS 3.0 §2.5/§2.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketTypes {
    pub service: bool,
    pub proxy: bool,
}

impl TicketTypes {
    pub const SERVICE: TicketTypes = TicketTypes {
        service: true,
        proxy: false,
    };
    pub const BOTH: TicketTypes = TicketTypes {
        service: true,
        proxy: true,
    };

    /// What the request's `ticketTypes` asks for, within what the endpoint can take (`able`):
    /// absent or empty, `default`. An unknown type is an `INVALID_REQUEST`.
    fn requested(
        q: &ValidateQuery,
        able: TicketTypes,
        default: TicketTypes,
    ) -> Result<TicketTypes, Failure> {
        let Some(list) = q
            .ticket_types
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        else {
            return Ok(default);
        };
        let mut asked = TicketTypes {
            service: false,
            proxy: false,
        };
        for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            if item.eq_ignore_ascii_case("SERVICE") {
                asked.service = true;
            } else if item.eq_ignore_ascii_case("PROXY") {
                asked.proxy = true;
            } else {
                return Err(Failure::new(
                    ErrorCode::InvalidRequest,
                    format!(
                        "unknown ticket type '{}' in ticketTypes (SERVICE, PROXY)",
                        shown(item)
                    ),
                ));
            }
        }
        Ok(TicketTypes {
            service: asked.service && able.service,
            proxy: asked.proxy && able.proxy,
        })
    }
}

/// Validates a service ticket (and, when `accept_proxy`, a proxy ticket) for `service`.
pub async fn validate(
    state: &AppState,
    q: &ValidateQuery,
    accept_proxy: bool,
) -> Result<Result<Validated, Failure>, WebError> {
    let able = if accept_proxy {
        TicketTypes::BOTH
    } else {
        TicketTypes::SERVICE
    };
    validate_with_floor(state, q, able, able, AssuranceLevel::Low).await
}

/// [`validate`], with the kinds of ticket the endpoint can take (`able`) and takes when the
/// request's `ticketTypes` says nothing (`default`), and the least identity assurance the
/// endpoint itself demands (`floor`; EU Login's `/strictValidate` demands `TOP`, ...).
/// `AssuranceLevel::Low` demands nothing more.
pub async fn validate_with_floor(
    state: &AppState,
    q: &ValidateQuery,
    able: TicketTypes,
    default: TicketTypes,
    floor: AssuranceLevel,
) -> Result<Result<Validated, Failure>, WebError> {
    // CAS 3.0 §3.1.1 / §3.2: the attempt invalidates the ticket "regardless of whether
    // validation succeeded". It is taken before any check, so that no refusal — a missing
    // `service`, a proxy ticket where only service tickets go, anything below — leaves it alive.
    let taken = match q.ticket.as_deref() {
        Some(ticket) => spend_for_validation(state, ticket).await?,
        None => None,
    };
    let (Some(service_url), Some(ticket)) = (
        q.service.as_deref().filter(|s| !s.is_empty()),
        q.ticket.as_deref().filter(|t| !t.is_empty()),
    ) else {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidRequest,
            "both 'service' and 'ticket' are required",
        )));
    };
    let unrecognized = || {
        let shown: String = ticket.chars().take(80).collect();
        Failure::new(
            ErrorCode::InvalidTicket,
            format!("ticket '{shown}' not recognized"),
        )
    };
    let accepted = match TicketTypes::requested(q, able, default) {
        Ok(types) => types,
        Err(failure) => return Ok(Err(failure)),
    };
    let kind = limen_cas::ticket_kind(ticket);
    match kind {
        Some(limen_cas::TicketKind::Service) if accepted.service => {}
        Some(limen_cas::TicketKind::Proxy) if accepted.proxy => {}
        Some(limen_cas::TicketKind::Proxy) if !able.proxy => {
            // §2.5: /serviceValidate MUST NOT return proxy tickets. The ticket is spent all the
            // same (§3.2): it cannot be tried again at /proxyValidate.
            return Ok(Err(Failure::new(
                ErrorCode::InvalidTicketSpec,
                "proxy tickets are validated at /proxyValidate",
            )));
        }
        Some(limen_cas::TicketKind::Service | limen_cas::TicketKind::Proxy) => {
            // EU Login `ticketTypes` leaves this kind out; spent all the same (§3.1.1, §3.2).
            let kind = if kind == Some(limen_cas::TicketKind::Proxy) {
                "a proxy ticket"
            } else {
                "a service ticket"
            };
            return Ok(Err(Failure::new(
                ErrorCode::InvalidTicket,
                format!(
                    "{kind} is not among the ticket types accepted (ticketTypes={})",
                    shown(q.ticket_types.as_deref().unwrap_or("SERVICE"))
                ),
            )));
        }
        _ => {
            return Ok(Err(unrecognized()));
        }
    }
    // Taken above: replay fails from here on, whatever happens next (§3.1.1).
    let Some(limen_store::TakenTicket {
        ticket: row,
        account,
        service,
    }) = taken
    else {
        return Ok(Err(unrecognized()));
    };
    if row.service_url != service_url {
        // §2.5.1: a ticket presented for another service is invalidated and refused.
        return Ok(Err(Failure::new(
            ErrorCode::InvalidService,
            "the ticket was not issued for this service",
        )));
    }
    if flag(&q.renew) && !row.from_new_login {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidTicket,
            "the ticket was issued from a single sign-on session",
        )));
    }
    // EU Login `clientFingerprint` (docs/CAS.md, "Login requests"): a service ticket from a
    // login request that carried one validates only with it, and only such a ticket with one.
    if row.kind == TicketKind::Service
        && !crate::login::request::fingerprint_matches(
            row.client_fingerprint.as_deref(),
            q.client_fingerprint.as_deref(),
        )
    {
        // A stolen ticket presented by another client, or a ticket pushed into a victim's
        // browser: worth a line in the log (never the values).
        tracing::warn!(
            service_id = row.service_id,
            account_id = row.account_id,
            bound = row.client_fingerprint.is_some(),
            presented = q.client_fingerprint.is_some(),
            "ticket refused: client fingerprint mismatch"
        );
        return Ok(Err(Failure::new(
            ErrorCode::InvalidTicket,
            "the client fingerprint is not the one the login was started with",
        )));
    }
    let Some(mut account) = account else {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidTicket,
            "the account no longer exists",
        )));
    };
    // A ticket from an eID login is checked and released at the identity assurance the eID
    // shows, never below the account's own (docs/FEDERATION.md §3.3); the account row is not
    // changed.
    account.assurance = account.assurance.max(row.proven_assurance());
    if account.status != limen_core::AccountStatus::Active {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidTicket,
            "the account is not active",
        )));
    }
    let Some(service) = service else {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidService,
            "the service is no longer registered",
        )));
    };
    // The ticket is already gone: whatever these checks decide, it cannot be tried again with
    // other parameters (CAS 3.0 §3.1.1: invalidated "whether or not validation was successful").
    // A malformed `assuranceLevel` is reported before any strength verdict.
    let asked_assurance = match requested_assurance(q) {
        Ok(level) => level,
        Err(failure) => return Ok(Err(failure)),
    };
    if let Err(failure) = check_strength(q, &service, row.strength, row.level()) {
        return Ok(Err(failure));
    }
    if let Err(failure) = check_assurance(&service, &account, floor, asked_assurance) {
        return Ok(Err(failure));
    }
    let groups = if service.releases("groups") {
        released_groups(q, state.store.account_groups(account.id).await?)
    } else {
        Vec::new()
    };
    let mut success = Success {
        user: account.uid.clone(),
        attributes: attributes(&account, row.strength, row.level(), &service, &groups),
        proxy_granting_ticket_iou: None,
        proxies: row.proxies.clone(),
    };
    if let Some(pgt_url) = q.pgt_url.as_deref().filter(|u| !u.is_empty()) {
        match grant_proxy(state, &service, &row, pgt_url).await? {
            Ok(iou) => success.proxy_granting_ticket_iou = iou,
            Err(f) => return Ok(Err(f)),
        }
    }
    Ok(Ok(Validated {
        success,
        ticket: row,
        account,
        service,
        groups,
    }))
}

/// The account's groups the request's EU Login `groups` parameter names: all of them when it is
/// absent, empty or `*`; otherwise those among the comma-separated names (compared exactly).
fn released_groups(q: &ValidateQuery, mut account_groups: Vec<String>) -> Vec<String> {
    if let Some(list) = q
        .groups
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "*")
    {
        // Names are compared as stored: trimmed and in Unicode NFC (`GroupName`); an item that
        // is no valid group name names no group.
        let asked: Vec<limen_core::GroupName> = list
            .split(',')
            .filter_map(|item| limen_core::GroupName::parse(item).ok())
            .collect();
        account_groups.retain(|g| asked.iter().any(|a| a.as_str() == g));
    }
    account_groups
}

/// At most 80 characters of a client-supplied value, for an error message.
pub(crate) fn shown(value: &str) -> String {
    value.chars().take(80).collect()
}

fn names(strengths: &[Strength]) -> String {
    strengths
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The ticket's strength against the service's accepted strengths narrowed by the request's
/// `acceptStrengths` and `authenticationLevel` (EU Login, ARCHITECTURE §1/§1b). An unknown name is
/// a malformed request (`INVALID_REQUEST`, CAS 3.0 §2.5.3); asking for a strength the service does
/// not allow, or holding a ticket of a strength outside the allowed set, is EU Login's
/// `INVALID_STRENGTH`. A request never widens what the service accepts.
fn check_strength(
    q: &ValidateQuery,
    service: &Service,
    proven: Strength,
    proven_level: limen_core::AuthLevel,
) -> Result<(), Failure> {
    let asked = || {
        let mut parts = Vec::new();
        if let Some(v) = q
            .accept_strengths
            .as_deref()
            .filter(|v| !v.trim().is_empty())
        {
            parts.push(format!("acceptStrengths={}", shown(v.trim())));
        }
        if let Some(v) = q
            .authentication_level
            .as_deref()
            .filter(|v| !v.trim().is_empty())
        {
            parts.push(format!("authenticationLevel={}", shown(v.trim())));
        }
        if parts.is_empty() {
            "the strengths the service accepts".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let allowed = match requested_strengths(
        &service.accepted_strengths,
        q.accept_strengths.as_deref(),
        q.authentication_level.as_deref(),
    ) {
        Ok(allowed) => allowed,
        Err(StrengthRequestError::Unknown(value)) => {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                format!(
                    "unknown authentication strength or level '{}'",
                    shown(&value)
                ),
            ));
        }
        Err(StrengthRequestError::NotAllowed(refused)) => {
            return Err(Failure::new(
                ErrorCode::InvalidStrength,
                format!(
                    "the service does not allow {} (asked: {}); the ticket's strength is {proven}",
                    names(&refused),
                    asked()
                ),
            ));
        }
    };
    let level_asked = q
        .authentication_level
        .as_deref()
        .map(str::trim)
        .and_then(|l| l.parse::<limen_core::AuthLevel>().ok());
    // An eID at LoA high proves HIGH (docs/FEDERATION.md §3.1): it passes a level it reaches
    // when the service and `acceptStrengths` take eIDs.
    let eid_reaches = proven == Strength::Eidas
        && level_asked.is_some_and(|l| proven_level >= l)
        && requested_strengths(
            &service.accepted_strengths,
            q.accept_strengths.as_deref(),
            None,
        )
        .is_ok_and(|s| s.contains(&Strength::Eidas));
    if allowed.contains(&proven) || eid_reaches {
        Ok(())
    } else if let Some(level) = level_asked.filter(|level| proven_level < *level) {
        // EU Login's code when the ticket's strength is below the `authenticationLevel` asked.
        Err(Failure::new(
            ErrorCode::InsufficientAuthenticationLevel,
            format!(
                "the ticket's strength {proven} is of level {}, below the {} asked for",
                proven_level.as_str(),
                level.as_str()
            ),
        ))
    } else {
        Err(Failure::new(
            ErrorCode::InvalidStrength,
            format!(
                "the ticket's strength {proven} is not among those asked for ({}: {})",
                asked(),
                names(&allowed)
            ),
        ))
    }
}

/// The request's `assuranceLevel` (EU Login, ARCHITECTURE §1b): a name or its number; absent,
/// empty, `0` and `NO_ASSURANCE` (EU Login's number 0) ask for nothing beyond the service's own
/// minimum. Anything else is an `INVALID_REQUEST` (CAS 3.0 §2.5.3).
fn requested_assurance(q: &ValidateQuery) -> Result<Option<AssuranceLevel>, Failure> {
    let value = q.assurance_level.as_deref();
    AssuranceLevel::requested(value).map_err(|_| {
        Failure::new(
            ErrorCode::InvalidRequest,
            format!(
                "unknown assurance level '{}'",
                shown(value.unwrap_or_default().trim())
            ),
        )
    })
}

/// The account's identity assurance against the highest of the service's minimum, the endpoint's
/// `floor` and the request's `assuranceLevel` (`requested`): below it, EU Login's `INVALID_USER`.
/// A separate axis from the strength: a TOP account with a password ticket passes here and may
/// fail [`check_strength`].
fn check_assurance(
    service: &Service,
    account: &Account,
    floor: AssuranceLevel,
    requested: Option<AssuranceLevel>,
) -> Result<(), Failure> {
    let required = service
        .min_assurance
        .max(floor)
        .max(requested.unwrap_or(AssuranceLevel::Low));
    if account.assurance >= required {
        Ok(())
    } else {
        Err(Failure::new(
            ErrorCode::InvalidUser,
            format!(
                "the account's identity assurance level {} ({}) is below the required {} ({})",
                account.assurance.as_str(),
                account.assurance.number(),
                required.as_str(),
                required.number()
            ),
        ))
    }
}

/// CAS 3.0 §2.5.4: checks the callback, sends it the PGT and its IOU, and keeps the PGT only if
/// the callback answered 200. `Ok(None)`: callback unreachable, validation succeeds without PGT.
async fn grant_proxy(
    state: &AppState,
    service: &Service,
    row: &Ticket,
    pgt_url: &str,
) -> Result<Result<Option<String>, Failure>, WebError> {
    // `may_proxy_to` refuses a URL with a control character (UrlPattern::matches): the URL
    // parser below would drop CR, LF and tabs and call another URL than the one matched.
    let https = pgt_url.starts_with("https://");
    let http_allowed = state.config.proxy_callback_allow_http && pgt_url.starts_with("http://");
    if !(https || http_allowed) || !service.may_proxy_to(pgt_url) {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidProxyCallback,
            "the proxy callback URL is not authorized for this service",
        )));
    }
    let Ok(mut callback) = url::Url::parse(pgt_url) else {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidProxyCallback,
            "the proxy callback URL is not valid",
        )));
    };
    let pgt = limen_crypto::ticket(TicketKind::ProxyGranting.prefix());
    let iou = limen_crypto::ticket("PGTIOU-");
    callback
        .query_pairs_mut()
        .append_pair("pgtIou", &iou)
        .append_pair("pgtId", &pgt);
    let delivered = match state.http.get(callback).send().await {
        Ok(r) if r.status() == reqwest::StatusCode::OK => true,
        Ok(r) => {
            tracing::warn!(
                service = %service.name,
                service_id = service.id,
                url = %pgt_url,
                status = r.status().as_u16(),
                "proxy callback refused the PGT"
            );
            false
        }
        Err(e) => {
            // Without the URL: its query holds the PGT.
            tracing::warn!(
                service = %service.name,
                service_id = service.id,
                url = %pgt_url,
                cause = %crate::http_client::failure_cause(&e.without_url()),
                "proxy callback unreachable"
            );
            false
        }
    };
    if !delivered {
        return Ok(Ok(None));
    }
    let now = state.now();
    let mut proxies = vec![pgt_url.to_owned()];
    proxies.extend(row.proxies.iter().cloned());
    let pgt_row = Ticket {
        kind: TicketKind::ProxyGranting,
        proxies,
        created_at: now,
        expires_at: now + state.config.proxy_granting_ticket_ttl,
        from_new_login: false,
        ..row.clone()
    };
    state
        .store
        .insert_ticket(&limen_crypto::sha256_hex(pgt.as_bytes()), &pgt_row)
        .await?;
    Ok(Ok(Some(iou)))
}

fn respond(body: String, format: Format) -> Response {
    let content_type = match format {
        Format::Xml => "application/xml; charset=utf-8",
        Format::Json => "application/json",
    };
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

fn count(state: &AppState, ok: bool) {
    inc(if ok {
        &state.metrics.validations_ok
    } else {
        &state.metrics.validations_failed
    });
}

/// `/validate` (CAS 1.0, §2.4): `yes\n<user>\n` or `no\n\n`.
pub async fn validate_v1(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let request = ValidateRequest::parse(raw.as_deref());
    let result = match request.refuse_repeated(&state).await? {
        Some(refused) => Err(refused),
        None => {
            let q = ValidateQuery {
                pgt_url: None,
                ..request.query
            };
            validate(&state, &q, false).await?.map(|v| v.success)
        }
    };
    count(&state, result.is_ok());
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        limen_cas::render_validate_v1(&result),
    )
        .into_response())
}

/// Which response format a validation endpoint answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// CAS 3.0, or EU Login's for services registered with `--response-format ecas`
    /// (`/serviceValidate`, `/proxyValidate`, `/p3/*`).
    ByService,
    /// Always EU Login's (`/laxValidate`, `/sponsorValidate`, `/interinstitutionalValidate`,
    /// `/strictValidate`, `/TicketValidationService`).
    EuLogin,
}

/// The server attributes of an EU Login response (`ecasServerAttributeGroup`). `server` names
/// the software without its version (EU Login puts its environment there): the version would
/// only help an attacker pick exploits.
pub(crate) fn ecas_server(state: &AppState) -> limen_cas::EcasServer {
    limen_cas::EcasServer {
        server: "Limen".to_owned(),
        date: state.now(),
    }
}

/// The EU Login user details of `account` for `service` (docs/CAS.md, "EU Login clients"): those
/// the service is registered to release (`--attributes`), with or without `userDetails=true`.
/// A service registered with the EU Login format is given EU Login's full set by default
/// (`ECAS_DEFAULT_ATTRIBUTES`); `userDetails` never widens a registration.
fn ecas_details(account: &Account, service: &Service) -> limen_cas::EcasDetails {
    let give = |name: &str| service.releases(name);
    let pick = |name: &str, value: String| service.releases(name).then_some(value);
    limen_cas::EcasDetails {
        email: pick("email", account.email.as_str().to_owned()),
        employee_type: pick("employeeType", ecas_employee_type(account).to_owned()),
        first_name: account
            .first_name
            .as_ref()
            .and_then(|n| pick("firstName", n.as_str().to_owned())),
        last_name: pick("lastName", account.last_name.as_str().to_owned()),
        domain: pick("domain", ecas_domain(account)),
        locale: pick(
            "locale",
            account
                .ui_locale
                .clone()
                .unwrap_or_else(|| account.email_locale.clone()),
        ),
        assurance_level: give("assuranceLevel").then_some(u16::from(account.assurance.number())),
        uid: give("uid"),
    }
}

/// A validation's outcome in EU Login's terms.
///
/// `authenticationFactors` is released only to services given the `authenticationFactors`
/// attribute (EU Login-format services are, by default): the `moniker` is the e-mail address
/// typed at the password step, so it needs `email` too; `webAuthnDevice` is the name the user
/// gave the key that proved the ticket's strength (copied into the ticket when it was issued).
fn ecas_success(v: &Validated) -> limen_cas::EcasSuccess {
    let strength = v.ticket.strength;
    let mut factors = Vec::new();
    if v.service.releases("authenticationFactors") {
        if v.service.releases("email") && strength.amr().contains(&"pwd") {
            factors.push(limen_cas::EcasFactor::Moniker(
                v.account.email.as_str().to_owned(),
            ));
        }
        // The token's serial number: `tokenId` / `tokenCramId` (the proof's device id is the
        // serial for tokens).
        if let Some(device) = v.ticket.device.as_ref() {
            match strength {
                Strength::PasswordToken => {
                    factors.push(limen_cas::EcasFactor::TokenId(device.id.clone()))
                }
                Strength::PasswordTokenCram => {
                    factors.push(limen_cas::EcasFactor::TokenCramId(device.id.clone()))
                }
                // An eID's PersonIdentifier (docs/FEDERATION.md §6): the proof's device id.
                Strength::Eidas => factors.push(limen_cas::EcasFactor::EidasId(device.id.clone())),
                // EU Login's own PASSWORD_SMS answer names the number before the moniker.
                Strength::PasswordSms => factors.insert(
                    0,
                    limen_cas::EcasFactor::MobilePhoneNumber(device.id.clone()),
                ),
                _ => {}
            }
        }
        // The other methods' factor elements (mobileDevice, ...) come with them.
        if let Some(device) = v
            .ticket
            .device
            .clone()
            .filter(|_| strength == Strength::PasswordWebauthn)
        {
            factors.push(limen_cas::EcasFactor::WebAuthnDevice {
                name: device.name,
                identifier: device.id,
                kind: device.kind,
            });
        }
    }
    limen_cas::EcasSuccess {
        user: v.success.user.clone(),
        details: ecas_details(&v.account, &v.service),
        groups: v.service.releases("groups").then(|| v.groups.clone()),
        // The strength (which the schema requires) and its level describe the sign-in, not the
        // person: every service is told them, as in the CAS 3.0 format's checks.
        authentication_level: Some(v.ticket.level().as_str().to_owned()),
        strengths: vec![strength.as_str().to_owned()],
        factors,
        login_date: Some(v.ticket.auth_at),
        sso: !v.ticket.from_new_login,
        ticket_type: if v.ticket.kind == TicketKind::Proxy {
            limen_cas::EcasTicketType::Proxy
        } else {
            limen_cas::EcasTicketType::Service
        },
        proxy_granting_ticket_iou: v.success.proxy_granting_ticket_iou.clone(),
        proxies: v.success.proxies.clone(),
    }
}

/// Whether a refusal at a [`Answer::ByService`] endpoint goes out in EU Login's format: when
/// the `service` URL belongs to a service registered for it. Looked up on refusals only (a
/// success knows its service), so the common path costs nothing more.
async fn refusal_in_ecas(
    state: &AppState,
    answer: Answer,
    q: &ValidateQuery,
) -> Result<bool, WebError> {
    if answer == Answer::EuLogin {
        return Ok(true);
    }
    let Some(url) = q.service.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(false);
    };
    Ok(state
        .store
        .service_for_url(url)
        .await?
        .is_some_and(|s| s.response_format == CasResponseFormat::Ecas))
}

async fn validate_endpoint(
    state: AppState,
    raw: Option<String>,
    able: TicketTypes,
    default: TicketTypes,
    floor: AssuranceLevel,
    answer: Answer,
) -> Result<Response, WebError> {
    let request = ValidateRequest::parse(raw.as_deref());
    let q = &request.query;
    // Refusals that come before validation proper still spend the ticket (§3.1.1, §3.2), and
    // are rendered in XML, the default format (§2.5.1).
    let early = match request.refuse_repeated(&state).await? {
        Some(refused) => Some(refused),
        None => match Format::parse(q.format.as_deref()) {
            Ok(_) => None,
            Err(refused) => {
                if let Some(ticket) = q.ticket.as_deref() {
                    spend(&state, ticket).await?;
                }
                Some(refused)
            }
        },
    };
    if let Some(refused) = early {
        count(&state, false);
        let body = if refusal_in_ecas(&state, answer, q).await? {
            limen_cas::render_ecas_response(&Err(refused), Format::Xml, &ecas_server(&state))
        } else {
            limen_cas::render_service_response(&Err(refused), Format::Xml, false)
        };
        return Ok(respond(body, Format::Xml));
    }
    let format = Format::parse(q.format.as_deref()).unwrap_or_default();
    let result = validate_with_floor(&state, q, able, default, floor).await?;
    count(&state, result.is_ok());
    let ecas = match &result {
        Ok(v) => answer == Answer::EuLogin || v.service.response_format == CasResponseFormat::Ecas,
        Err(_) => refusal_in_ecas(&state, answer, q).await?,
    };
    let body = if ecas {
        let result = result.map(|v| ecas_success(&v));
        limen_cas::render_ecas_response(&result, format, &ecas_server(&state))
    } else {
        limen_cas::render_service_response(&result.map(|v| v.success), format, true)
    };
    Ok(respond(body, format))
}

/// `/serviceValidate` and `/p3/serviceValidate` (§2.5, §2.8). Both release attributes, as CAS 3.0
/// clients expect and CAS 2.0 clients ignore. Services registered with `--response-format ecas`
/// get EU Login's format.
pub async fn service_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let only = TicketTypes::SERVICE;
    validate_endpoint(
        state,
        raw,
        only,
        only,
        AssuranceLevel::Low,
        Answer::ByService,
    )
    .await
}

/// `/proxyValidate` and `/p3/proxyValidate` (§2.6, §2.9): service and proxy tickets.
pub async fn proxy_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let both = TicketTypes::BOTH;
    validate_endpoint(
        state,
        raw,
        both,
        both,
        AssuranceLevel::Low,
        Answer::ByService,
    )
    .await
}

/// EU Login's validation endpoints (ARCHITECTURE §1b), answered in EU Login's format (namespace
/// `https://ecas.ec.europa.eu/cas/schemas`, details directly under `authenticationSuccess`;
/// `format=JSON` too): `/laxValidate` (LOW and up; `/TicketValidationService` is its older
/// name), `/sponsorValidate` (MEDIUM: sponsored accounts and up), `/interinstitutionalValidate`
/// (HIGH) and `/strictValidate` (TOP: internal staff). Each takes service tickets, and proxy
/// tickets when `ticketTypes` includes `PROXY`; `pgtUrl`, `renew`, `userDetails`, `groups`,
/// `ticketTypes` and the strength and assurance parameters. An account below the endpoint's
/// assurance gets `INVALID_USER`, and the ticket is spent all the same (§3.1.1).
async fn eu_login_endpoint(
    state: AppState,
    raw: Option<String>,
    floor: AssuranceLevel,
) -> Result<Response, WebError> {
    validate_endpoint(
        state,
        raw,
        TicketTypes::BOTH,
        TicketTypes::SERVICE,
        floor,
        Answer::EuLogin,
    )
    .await
}

/// The parameters of an EU Login validation request: the query, and the form body of a POST
/// (some published EU Login clients post them). A parameter given in both counts as given twice
/// and is refused ([`ValidateRequest`]). A body that is not UTF-8 is read lossily: its
/// parameters then fail as unknown tickets or services, never as a 500.
fn with_form_body(raw: Option<String>, body: &[u8]) -> Option<String> {
    if body.is_empty() {
        return raw;
    }
    let body = String::from_utf8_lossy(body);
    Some(match raw.filter(|q| !q.is_empty()) {
        Some(q) => format!("{q}&{body}"),
        None => body.into_owned(),
    })
}

/// `/laxValidate` and `/TicketValidationService`: any identity assurance.
pub async fn lax_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    eu_login_endpoint(state, with_form_body(raw, &body), AssuranceLevel::Low).await
}

/// `/sponsorValidate`: [`lax_validate`] for MEDIUM assurance and up.
pub async fn sponsor_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    eu_login_endpoint(state, with_form_body(raw, &body), AssuranceLevel::Medium).await
}

/// `/interinstitutionalValidate`: [`lax_validate`] for HIGH assurance and up.
pub async fn interinstitutional_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    eu_login_endpoint(state, with_form_body(raw, &body), AssuranceLevel::High).await
}

/// `/strictValidate`: [`lax_validate`] for TOP assurance (internal staff) only.
pub async fn strict_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    eu_login_endpoint(state, with_form_body(raw, &body), AssuranceLevel::Top).await
}

#[derive(Debug, Deserialize)]
pub struct ProxyQuery {
    pgt: Option<String>,
    #[serde(rename = "targetService")]
    target_service: Option<String>,
    format: Option<String>,
}

/// `/proxy` (§2.7): a proxy ticket for `targetService` from a proxy-granting ticket.
pub async fn proxy(
    State(state): State<AppState>,
    Query(q): Query<ProxyQuery>,
) -> Result<Response, WebError> {
    let format = Format::parse(q.format.as_deref()).unwrap_or(Format::Xml);
    let (result, ecas) = match granting_ticket(&state, &q).await? {
        Err(refused) => (Err(refused), false),
        Ok((granting, target)) => {
            // Answered in EU Login's format when the proxy-granting ticket belongs to a service
            // registered for it.
            let ecas = state
                .store
                .service_by_id(granting.service_id)
                .await?
                .is_some_and(|s| s.response_format == CasResponseFormat::Ecas);
            (issue_proxy_ticket(&state, granting, target).await?, ecas)
        }
    };
    let body = if ecas {
        limen_cas::render_ecas_proxy_response(&result, format, &ecas_server(&state))
    } else {
        limen_cas::render_proxy_response(&result, format)
    };
    Ok(respond(body, format))
}

/// The proxy-granting ticket a `/proxy` request names and its `targetService`, or why not.
async fn granting_ticket<'q>(
    state: &AppState,
    q: &'q ProxyQuery,
) -> Result<Result<(Ticket, &'q str), Failure>, WebError> {
    let (Some(pgt), Some(target)) = (
        q.pgt.as_deref().filter(|s| !s.is_empty()),
        q.target_service.as_deref().filter(|s| !s.is_empty()),
    ) else {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidRequest,
            "both 'pgt' and 'targetService' are required",
        )));
    };
    if limen_cas::ticket_kind(pgt) != Some(limen_cas::TicketKind::ProxyGranting) {
        return Ok(Err(Failure::new(
            ErrorCode::InvalidTicket,
            "not a proxy-granting ticket",
        )));
    }
    match state
        .store
        .proxy_granting_ticket(&limen_crypto::sha256_hex(pgt.as_bytes()), state.now())
        .await?
    {
        Some(granting) => Ok(Ok((granting, target))),
        None => Ok(Err(Failure::new(
            ErrorCode::InvalidTicket,
            "proxy-granting ticket not recognized",
        ))),
    }
}

/// A proxy ticket for `target` from `granting` (CAS 3.0 §2.7), or why not.
async fn issue_proxy_ticket(
    state: &AppState,
    granting: Ticket,
    target: &str,
) -> Result<Result<String, Failure>, WebError> {
    // The registry never matches a URL with a control character (UrlPattern::matches): no
    // proxy ticket for a target that could not be redirected to (RFC 9110 §5.5).
    let Some(target_service) = state.store.service_for_url(target).await? else {
        return Ok(Err(Failure::new(
            ErrorCode::UnauthorizedService,
            "the target service is not registered",
        )));
    };
    let now = state.now();
    let pt = limen_crypto::ticket(TicketKind::Proxy.prefix());
    let row = Ticket {
        kind: TicketKind::Proxy,
        service_id: target_service.id,
        service_url: target.to_owned(),
        created_at: now,
        expires_at: now + state.config.service_ticket_ttl,
        from_new_login: false,
        ..granting
    };
    state
        .store
        .insert_ticket(&limen_crypto::sha256_hex(pt.as_bytes()), &row)
        .await?;
    inc(&state.metrics.tickets_issued);
    Ok(Ok(pt))
}

/// `/samlValidate` (§4.2): a SOAP-wrapped SAML 1.1 request naming the ticket; `TARGET` is the
/// service. The query and the body are read by hand, so that no early refusal (`TARGET` given
/// twice, a body that is not UTF-8) leaves a ticket it named alive (CAS 3.0 §3.1.1).
pub async fn saml_validate(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let now = state.now();
    let response_id = format!("_{}", limen_crypto::random_token(16));
    let mut targets = url::form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes())
        .filter(|(name, _)| name == "TARGET")
        .map(|(_, value)| value.into_owned());
    let target = targets.next().unwrap_or_default();
    let target_repeated = targets.next().is_some();
    let utf8 = std::str::from_utf8(&body).is_ok();
    let (request_id, result) = match limen_cas::parse_saml_request(&String::from_utf8_lossy(&body))
    {
        Err(f) => (String::new(), Err(f)),
        Ok(req) if target_repeated || !utf8 => {
            spend(&state, &req.artifact).await?;
            let why = if utf8 {
                "the parameter 'TARGET' is given more than once"
            } else {
                "the request is not UTF-8"
            };
            (
                req.request_id,
                Err(Failure::new(ErrorCode::InvalidRequest, why)),
            )
        }
        Ok(req) => {
            let vq = ValidateQuery {
                service: Some(target.clone()),
                ticket: Some(req.artifact),
                ..ValidateQuery::default()
            };
            (req.request_id, validate(&state, &vq, false).await?)
        }
    };
    count(&state, result.is_ok());
    let auth_instant = result.as_ref().map(|v| v.ticket.auth_at).unwrap_or(now);
    let ctx = limen_cas::SamlContext {
        response_id: &response_id,
        in_response_to: &request_id,
        issue_instant: now,
        // A few seconds of allowance for clients whose clocks lag.
        not_before: now - time::Duration::seconds(5),
        not_on_or_after: now + time::Duration::seconds(60),
        issuer: &state.config.public_url,
        audience: &target,
        auth_instant,
        auth_method: "urn:oasis:names:tc:SAML:1.0:am:password",
    };
    let body = limen_cas::render_saml_response(&result.map(|v| v.success), &ctx);
    Ok(([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response())
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_queries_are_read_by_hand() {
        let r = ValidateRequest::parse(Some(
            "service=https%3A%2F%2Fa.example.org%2F&ticket=ST-1&pgtUrl=https%3A%2F%2Fp%2F&renew=true&format=JSON&acceptStrengths=PASSWORD&authenticationLevel=BASIC&assuranceLevel=10&other=x",
        ));
        assert_eq!(r.repeated, None);
        assert_eq!(r.tickets, ["ST-1"]);
        let q = &r.query;
        assert_eq!(q.service.as_deref(), Some("https://a.example.org/"));
        assert_eq!(q.ticket.as_deref(), Some("ST-1"));
        assert_eq!(q.pgt_url.as_deref(), Some("https://p/"));
        assert_eq!(q.renew.as_deref(), Some("true"));
        assert_eq!(q.format.as_deref(), Some("JSON"));
        assert_eq!(q.accept_strengths.as_deref(), Some("PASSWORD"));
        assert_eq!(q.authentication_level.as_deref(), Some("BASIC"));
        assert_eq!(q.assurance_level.as_deref(), Some("10"));

        let r = ValidateRequest::parse(Some("ticket=ST-1&service=a&ticket=ST-2&service=b"));
        assert_eq!(r.repeated.as_deref(), Some("ticket"));
        assert_eq!(r.tickets, ["ST-1", "ST-2"]);
        assert_eq!(r.query.service.as_deref(), Some("a"));

        let r = ValidateRequest::parse(None);
        assert!(r.query.ticket.is_none() && r.tickets.is_empty() && r.repeated.is_none());
        // An empty value is a value (as with serde's Option<String>): `service=` is present.
        let r = ValidateRequest::parse(Some("service=&ticket=%FF"));
        assert_eq!(r.query.service.as_deref(), Some(""));
        assert_eq!(r.query.ticket.as_deref(), Some("\u{FFFD}"));
    }
}
