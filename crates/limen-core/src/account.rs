//! Accounts: who a user is to Limen, independent of how they prove it.

use crate::{Email, PersonName};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserType {
    Internal,
    External,
}

impl UserType {
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::Internal => "internal",
            UserType::External => "external",
        }
    }
    /// Internal when the e-mail domain (or a parent domain) is configured as internal.
    pub fn for_email(email: &Email, internal_domains: &[String]) -> UserType {
        let domain = email.domain();
        let internal = internal_domains.iter().any(|d| {
            let d = d.trim().trim_start_matches('@').to_ascii_lowercase();
            !d.is_empty() && (domain == d || domain.ends_with(&format!(".{d}")))
        });
        if internal {
            UserType::Internal
        } else {
            UserType::External
        }
    }
}

impl FromStr for UserType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "internal" => Ok(UserType::Internal),
            "external" => Ok(UserType::External),
            other => Err(format!("unknown user type {other:?}")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    /// Registered, no password set yet.
    Pending,
    Active,
    /// Locked by an administrator: cannot sign in.
    Locked,
    /// Deleted: personal data removed, the row kept for the audit trail.
    Deleted,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Active => "active",
            AccountStatus::Locked => "locked",
            AccountStatus::Deleted => "deleted",
        }
    }
}

impl FromStr for AccountStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(AccountStatus::Pending),
            "active" => Ok(AccountStatus::Active),
            "locked" => Ok(AccountStatus::Locked),
            "deleted" => Ok(AccountStatus::Deleted),
            other => Err(format!("unknown account status {other:?}")),
        }
    }
}

/// How well Limen knows who the account holder is — a separate axis from authentication
/// strength. EU Login publishes it as a number (`assuranceLevel` 0/10/20/30/40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AssuranceLevel {
    /// Self-registered.
    Low,
    /// Sponsored.
    Medium,
    /// Other institutions.
    High,
    /// Internal staff.
    Top,
}

impl AssuranceLevel {
    /// The identity assurance an eID login shows, by the level its eIDAS level of assurance gave
    /// the proof (docs/FEDERATION.md §3.3): `substantial` (MEDIUM) → MEDIUM, `high` → HIGH; never
    /// TOP (staff are vouched for by their organisation, not by an eID).
    pub fn of_eid(level: crate::AuthLevel) -> AssuranceLevel {
        match level {
            crate::AuthLevel::High => AssuranceLevel::High,
            crate::AuthLevel::Medium => AssuranceLevel::Medium,
            crate::AuthLevel::Basic => AssuranceLevel::Low,
        }
    }

    /// EU Login's `assuranceLevel` request parameter (ARCHITECTURE §1b), at login and at
    /// validation alike: a name or its number; absent, empty, `0` and `NO_ASSURANCE` (EU Login's
    /// number 0) ask for nothing (`Ok(None)`). Anything else is an error.
    pub fn requested(value: Option<&str>) -> Result<Option<AssuranceLevel>, String> {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        if value == "0" || value.eq_ignore_ascii_case("NO_ASSURANCE") {
            return Ok(None);
        }
        value.parse().map(Some)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AssuranceLevel::Low => "LOW",
            AssuranceLevel::Medium => "MEDIUM",
            AssuranceLevel::High => "HIGH",
            AssuranceLevel::Top => "TOP",
        }
    }
    pub fn number(self) -> u8 {
        match self {
            AssuranceLevel::Low => 10,
            AssuranceLevel::Medium => 20,
            AssuranceLevel::High => 30,
            AssuranceLevel::Top => 40,
        }
    }
}

impl FromStr for AssuranceLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "LOW" | "10" => Ok(AssuranceLevel::Low),
            "MEDIUM" | "20" => Ok(AssuranceLevel::Medium),
            "HIGH" | "30" => Ok(AssuranceLevel::High),
            "TOP" | "40" => Ok(AssuranceLevel::Top),
            other => Err(format!("unknown assurance level {other:?}")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    /// Public, stable, opaque user name released to services (EU Login's `uid`, e.g. `n007vcq4`).
    pub uid: String,
    pub email: Email,
    pub first_name: Option<PersonName>,
    pub last_name: PersonName,
    pub user_type: UserType,
    pub status: AccountStatus,
    pub assurance: AssuranceLevel,
    /// Language of the e-mails Limen sends to this user.
    pub email_locale: String,
    pub ui_locale: Option<String>,
    pub password_hash: Option<String>,
    pub password_changed_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    /// My account "Always require multi-factor authentication": no session of this account
    /// satisfies a service with the password alone.
    pub mfa_always: bool,
}

impl Account {
    pub fn display_name(&self) -> String {
        match &self.first_name {
            Some(first) => format!("{first} {}", self.last_name),
            None => self.last_name.to_string(),
        }
    }

    /// Whether the password is older than the configured maximum age.
    pub fn password_expired(&self, max_age_days: Option<u32>, now: OffsetDateTime) -> bool {
        match (max_age_days, self.password_changed_at) {
            (Some(days), Some(changed)) => now - changed > time::Duration::days(i64::from(days)),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_requested_assurance_of_nothing_is_none() {
        for nothing in [None, Some(""), Some("  "), Some("0"), Some("no_assurance")] {
            assert_eq!(AssuranceLevel::requested(nothing), Ok(None), "{nothing:?}");
        }
        assert_eq!(
            AssuranceLevel::requested(Some(" 30 ")),
            Ok(Some(AssuranceLevel::High))
        );
        assert_eq!(
            AssuranceLevel::requested(Some("top")),
            Ok(Some(AssuranceLevel::Top))
        );
        assert!(AssuranceLevel::requested(Some("5")).is_err());
    }

    #[test]
    fn internal_domains_match_exactly_or_as_parents() {
        let domains = vec!["ec.europa.eu".to_owned(), "@limen.test".to_owned()];
        let t = |e: &str| UserType::for_email(&Email::parse(e).unwrap(), &domains);
        assert_eq!(t("a@ec.europa.eu"), UserType::Internal);
        assert_eq!(t("a@sub.ec.europa.eu"), UserType::Internal);
        assert_eq!(t("a@LIMEN.test"), UserType::Internal);
        assert_eq!(t("a@notec.europa.eu"), UserType::External);
        assert_eq!(t("a@gmail.com"), UserType::External);
    }

    #[test]
    fn assurance_levels_order_and_number() {
        assert!(AssuranceLevel::Low < AssuranceLevel::Top);
        assert_eq!(AssuranceLevel::Medium.number(), 20);
        assert_eq!("40".parse::<AssuranceLevel>().unwrap(), AssuranceLevel::Top);
    }
}
