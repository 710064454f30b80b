//! The SSO session (CAS's ticket-granting ticket): one per browser, shared by every service until
//! logout or timeout. It records what the user has proven and when, so that a service asking for
//! more gets a step-up rather than a new login.

use crate::Strength;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// One verification the user completed in this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    pub strength: Strength,
    #[serde(with = "time::serde::timestamp")]
    pub at: OffsetDateTime,
    /// The device that gave the proof (a security key, a passkey), for services told which
    /// factor was used (EU Login's `authenticationFactors`). Proofs recorded before it existed
    /// have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<ProofDevice>,
}

/// The device behind a proof, as services may be told of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofDevice {
    /// Limen's identifier of the device (stable while it is registered; not the credential).
    pub id: String,
    /// The method's sub-kind (`security_key`, `platform`, `passkey`).
    pub kind: String,
    /// The name its owner gave it.
    pub name: String,
    /// The level this proof reached when its strength's own level does not say it: an eID at
    /// the eIDAS level of assurance `high` proves `EIDAS` at HIGH (docs/FEDERATION.md §3.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<crate::AuthLevel>,
}

impl Proof {
    /// The level the proof reached: its device's when set (an eID at LoA high), else its
    /// strength's.
    pub fn level(&self) -> crate::AuthLevel {
        self.device
            .as_ref()
            .and_then(|d| d.level)
            .unwrap_or_else(|| self.strength.level())
    }
}

#[derive(Debug, Clone)]
pub struct SsoSession {
    /// SHA-256 of the cookie value: the store never holds the bearer secret itself.
    pub id: String,
    /// A short, non-secret reference shown to the user and used in URLs ("end this session").
    pub public_id: String,
    pub account_id: i64,
    pub proofs: Vec<Proof>,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub client_ip: String,
    pub user_agent: String,
}

/// Idle and absolute lifetimes of SSO sessions.
#[derive(Debug, Clone, Copy)]
pub struct SessionLifetime {
    pub idle: Duration,
    pub absolute: Duration,
}

impl SsoSession {
    pub fn is_expired(&self, lifetime: SessionLifetime, now: OffsetDateTime) -> bool {
        now - self.last_seen_at > lifetime.idle || now - self.created_at > lifetime.absolute
    }

    /// The strongest proof the service accepts, if any. "Strongest" is by level, then latest.
    pub fn best_proof_for(&self, accepts: impl Fn(&Proof) -> bool) -> Option<&Proof> {
        self.proofs
            .iter()
            .filter(|p| accepts(p))
            .max_by_key(|p| (p.level(), p.at))
    }

    /// Records a proof, replacing an older proof of the same strength.
    pub fn record(&mut self, proof: Proof) {
        self.proofs.retain(|p| p.strength != proof.strength);
        self.proofs.push(proof);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn session(created: OffsetDateTime) -> SsoSession {
        SsoSession {
            id: "x".into(),
            public_id: "p".into(),
            account_id: 1,
            proofs: vec![],
            created_at: created,
            last_seen_at: created,
            client_ip: "127.0.0.1".into(),
            user_agent: "test".into(),
        }
    }

    #[test]
    fn expires_on_idle_and_absolute_limits() {
        let t0 = datetime!(2026-01-01 8:00 UTC);
        let lifetime = SessionLifetime {
            idle: Duration::hours(2),
            absolute: Duration::hours(8),
        };
        let mut s = session(t0);
        assert!(!s.is_expired(lifetime, t0 + Duration::minutes(119)));
        assert!(s.is_expired(lifetime, t0 + Duration::minutes(121)));
        s.last_seen_at = t0 + Duration::hours(7);
        assert!(!s.is_expired(lifetime, t0 + Duration::hours(8)));
        assert!(s.is_expired(lifetime, t0 + Duration::hours(8) + Duration::seconds(1)));
    }

    #[test]
    fn picks_the_strongest_accepted_proof() {
        let t0 = datetime!(2026-01-01 8:00 UTC);
        let mut s = session(t0);
        s.record(Proof {
            strength: Strength::Password,
            at: t0,
            device: None,
        });
        s.record(Proof {
            strength: Strength::PasswordToken,
            at: t0 + Duration::minutes(1),
            device: None,
        });
        s.record(Proof {
            strength: Strength::Password,
            at: t0 + Duration::minutes(2),
            device: None,
        });
        assert_eq!(s.proofs.len(), 2);
        assert_eq!(
            s.best_proof_for(|_| true).unwrap().strength,
            Strength::PasswordToken
        );
        let only_pwd = s
            .best_proof_for(|p| p.strength == Strength::Password)
            .unwrap();
        assert_eq!(only_pwd.at, t0 + Duration::minutes(2));
        assert!(
            s.best_proof_for(|p| p.strength == Strength::PasswordSms)
                .is_none()
        );
        // An eID at LoA high outranks a token proof made later (HIGH either way, then newest):
        // its own level, not its strength's MEDIUM, is what counts.
        s.record(Proof {
            strength: Strength::Eidas,
            at: t0 - Duration::minutes(5),
            device: Some(ProofDevice {
                id: "BE/BE/1".into(),
                kind: "eidas".into(),
                name: "eID (BE)".into(),
                level: Some(crate::AuthLevel::High),
            }),
        });
        let best = s.best_proof_for(|_| true).unwrap();
        assert_eq!(best.strength, Strength::PasswordToken, "newer, same level");
        let eid = s.best_proof_for(|p| p.strength == Strength::Eidas).unwrap();
        assert_eq!(eid.level(), crate::AuthLevel::High);
        assert_eq!(
            Proof {
                strength: Strength::Eidas,
                at: t0,
                device: None
            }
            .level(),
            crate::AuthLevel::Medium
        );
    }
}
