//! Limen's domain: the things an identity provider talks about, and the rules that hold
//! between them, free of HTTP and SQL.
//!
//! - [`email`], [`name`]: parsed, normalised user input (invalid values are unrepresentable);
//! - [`group`]: the names of the groups accounts belong to (released to services);
//! - [`account`]: accounts, user types, statuses, assurance levels;
//! - [`strength`]: verification methods, the strengths they yield and the levels grouping them;
//! - [`service`]: the registry of services (CAS today, OpenID Connect later) and URL patterns;
//! - [`oidc`]: OpenID Connect client registrations and the `acr` vocabulary;
//! - [`session`]: the SSO session (ticket-granting ticket) and what it has proven;
//! - [`password`]: the password policy;
//! - [`clock`]: time, injected so that expiry is testable without sleeping.
//!
//! This crate must never perform I/O.

pub mod account;
pub mod admin;
pub mod clock;
pub mod email;
pub mod group;
pub mod name;
pub mod oidc;
pub mod password;
pub mod policy;
pub mod service;
pub mod session;
pub mod strength;
pub mod ticket;

pub use account::{Account, AccountStatus, AssuranceLevel, UserType};
pub use admin::{AdminRole, Capability};
pub use clock::{Clock, SystemClock};
pub use email::Email;
pub use group::GroupName;
pub use name::PersonName;
pub use policy::{MethodPolicy, MethodRule};
pub use service::{Service, ServiceProtocol, UrlPattern};
pub use session::{Proof, ProofDevice, SsoSession};
pub use strength::{AuthLevel, Method, Strength};
pub use ticket::{Ticket, TicketKind};
