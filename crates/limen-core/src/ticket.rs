//! CAS tickets (CAS Protocol 3.0 §3): service tickets, proxy tickets and proxy-granting tickets.
//! The store keeps them under the SHA-256 of their value; a service or proxy ticket is removed
//! the moment it is validated, so it can never be used twice (§3.1.1, §3.2.1).

use crate::Strength;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketKind {
    Service,
    Proxy,
    ProxyGranting,
}

impl TicketKind {
    pub fn prefix(self) -> &'static str {
        match self {
            TicketKind::Service => "ST-",
            TicketKind::Proxy => "PT-",
            TicketKind::ProxyGranting => "PGT-",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            TicketKind::Service => "ST",
            TicketKind::Proxy => "PT",
            TicketKind::ProxyGranting => "PGT",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "ST" => Some(TicketKind::Service),
            "PT" => Some(TicketKind::Proxy),
            "PGT" => Some(TicketKind::ProxyGranting),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Ticket {
    pub kind: TicketKind,
    /// The SSO session the ticket came from; the ticket dies with it.
    pub session_id: String,
    pub account_id: i64,
    pub service_id: i64,
    /// The exact service URL the ticket was issued for (validation must present the same).
    pub service_url: String,
    pub strength: Strength,
    pub auth_at: OffsetDateTime,
    /// Issued from a fresh primary authentication (for `renew=true` validation, CAS 3.0 §2.5.1).
    pub from_new_login: bool,
    /// Proxy chain for PGTs and PTs, most recent first (CAS 3.0 §2.6.2).
    pub proxies: Vec<String>,
    /// EU Login `clientFingerprint`: the SHA-256 (hex) of the value the login request that led
    /// to this service ticket carried, which validation must present again; `None` for tickets
    /// from logins without one.
    pub client_fingerprint: Option<String>,
    /// The device that proved `strength` (a security key, a passkey), copied from the proof when
    /// the ticket was issued, for EU Login's `authenticationFactors`.
    pub device: Option<crate::ProofDevice>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

impl Ticket {
    /// The identity assurance its proof shows beyond the account's own: an eID proves who the
    /// person is (docs/FEDERATION.md §3.3) — LoA `substantial` MEDIUM, `high` HIGH; any other
    /// proof nothing (`Low`).
    pub fn proven_assurance(&self) -> crate::AssuranceLevel {
        if self.strength == crate::Strength::Eidas {
            crate::AssuranceLevel::of_eid(self.level())
        } else {
            crate::AssuranceLevel::Low
        }
    }

    /// The level its proof reached: the device's when set (an eID at LoA high), else the
    /// strength's.
    pub fn level(&self) -> crate::AuthLevel {
        self.device
            .as_ref()
            .and_then(|d| d.level)
            .unwrap_or_else(|| self.strength.level())
    }
}
