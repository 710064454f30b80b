//! What must be proven, whatever the protocol: CAS builds a [`Requirement`] from the service and
//! `acceptStrengths`/`authenticationLevel`, OpenID Connect from `acr_values`, `max_age` and
//! `prompt`, My account from a level; SAML and transaction signing will build theirs. One rule
//! then decides whether a session satisfies it ([`Authn::check`]).

use crate::{Authn, AuthnError};
use limen_core::{Account, AssuranceLevel, AuthLevel, Method, Proof, SsoSession, Strength};

/// How recent the proof must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Freshness {
    /// Any proof of the session.
    #[default]
    Session,
    /// OpenID Connect Core §3.1.2.1: `prompt=login` (prove again) or `max_age` seconds
    /// (`0` = prove again, errata set 2).
    Fresh {
        max_age: Option<i64>,
        prompt_login: bool,
    },
}

/// What a login must end with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The strengths that satisfy it (a method that is not live never does, whatever this
    /// says).
    pub allowed: Vec<Strength>,
    /// The account's identity assurance must be at least this.
    pub min_assurance: AssuranceLevel,
    pub freshness: Freshness,
    /// The name of the service asking (shown on a device that approves the login; empty for
    /// Limen's own pages).
    pub service: String,
    /// An `EIDAS` proof at level HIGH (an eID at LoA `high`) satisfies it, though `EIDAS` is not
    /// in `allowed` (whose strengths are HIGH by their own level): a requirement of level HIGH
    /// where the service accepts eIDs (docs/FEDERATION.md §3.1).
    pub eidas_high: bool,
}

/// Whether a session satisfies a requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Satisfaction {
    /// Yes, with this proof (the strongest accepted, then the latest).
    Satisfied(Proof),
    /// The account is known but must prove more (or, with MFA always, a second factor).
    StepUp,
    /// A proof is there but not fresh enough.
    Reauthenticate,
    /// No proof can help: the account's identity assurance is too low.
    InsufficientAssurance,
}

impl Requirement {
    /// Any of these strengths.
    pub fn strengths(allowed: Vec<Strength>) -> Self {
        Self {
            allowed,
            min_assurance: AssuranceLevel::Low,
            freshness: Freshness::Session,
            service: String::new(),
            eidas_high: false,
        }
    }

    /// Any strength of this level or above (Limen's own pages); at HIGH, an eID at LoA high too.
    pub fn level(level: AuthLevel) -> Self {
        Self::strengths(level.strengths()).with_eidas_high(level >= AuthLevel::High)
    }

    /// Whether an `EIDAS` proof at level HIGH satisfies it ([`Requirement::eidas_high`]).
    pub fn with_eidas_high(mut self, on: bool) -> Self {
        self.eidas_high = on;
        self
    }

    pub fn with_assurance(mut self, min: AssuranceLevel) -> Self {
        self.min_assurance = min;
        self
    }

    pub fn with_freshness(mut self, freshness: Freshness) -> Self {
        self.freshness = freshness;
        self
    }

    /// The service's name, for a device to show.
    pub fn for_service(mut self, name: impl Into<String>) -> Self {
        self.service = name.into();
        self
    }
}

impl Authn {
    /// Whether a proof of this strength satisfies the requirement: allowed, and its method is
    /// live (enabled, wired, not retired) — a proof made with a retired method no longer
    /// counts.
    pub fn accepts(&self, req: &Requirement, strength: Strength) -> bool {
        req.allowed.contains(&strength) && self.is_live(Method::for_strength(strength))
    }

    /// Whether this proof satisfies the requirement: its strength does, or it is an eID at
    /// level HIGH and the requirement takes those ([`Requirement::eidas_high`]).
    pub fn accepts_proof(&self, req: &Requirement, proof: &Proof) -> bool {
        self.accepts(req, proof.strength)
            || (req.eidas_high
                && proof.strength == Strength::Eidas
                && proof.level() >= AuthLevel::High
                && self.is_live(Method::Eid))
    }

    /// Whether a sign-in through an upstream of this strength can satisfy the requirement (the
    /// login page's buttons): an eID may, at LoA high, where only `eidas_high` lets it in.
    pub fn accepts_upstream(&self, req: &Requirement, strength: Strength) -> bool {
        self.accepts(req, strength)
            || (req.eidas_high && strength == Strength::Eidas && self.is_live(Method::Eid))
    }

    /// Every strength that satisfies the requirement today.
    pub fn accepted(&self, req: &Requirement) -> Vec<Strength> {
        Strength::ALL
            .into_iter()
            .filter(|s| self.accepts(req, *s))
            .collect()
    }

    /// Whether a strength comes from a live second factor (a wired method other than the
    /// password).
    pub fn is_second_factor(&self, strength: Strength) -> bool {
        let method = Method::for_strength(strength);
        self.factor(method).is_some() && self.is_live(method)
    }

    /// "Always require multi-factor authentication" holds for this account: it is set, and the
    /// account has a usable second factor to end its logins with (an account whose only key
    /// is blocked is not locked out by it).
    pub async fn mfa_applies(&self, account: &Account) -> Result<bool, AuthnError> {
        if !account.mfa_always {
            return Ok(false);
        }
        Ok(!self.usable_factors(Some(account)).await?.is_empty())
    }

    /// The strengths a login of this account may end with: those the requirement accepts,
    /// without the password alone when MFA always applies — and, when that leaves nothing (a
    /// service accepting only `PASSWORD`), every live second factor: the login still ends
    /// with one, and the service gets the password proof it asked for.
    pub(crate) fn login_strengths(&self, req: &Requirement, mfa: bool) -> Vec<Strength> {
        let accepted = self.accepted(req);
        if !mfa {
            return accepted;
        }
        let second: Vec<Strength> = accepted
            .iter()
            .copied()
            .filter(|s| self.is_second_factor(*s))
            .collect();
        if !second.is_empty() {
            return second;
        }
        Strength::ALL
            .into_iter()
            .filter(|s| self.is_second_factor(*s))
            .collect()
    }

    /// Whether `session` (of `account`) satisfies `req`. `just_signed_in`: the proofs were
    /// made by this very login, so freshness holds.
    pub async fn check(
        &self,
        req: &Requirement,
        session: &SsoSession,
        account: &Account,
        just_signed_in: bool,
    ) -> Result<Satisfaction, AuthnError> {
        let best = session
            .best_proof_for(|p| self.accepts_proof(req, p))
            .cloned();
        // An eID proves who the person is too (docs/FEDERATION.md §3.3): the login it ends shows
        // the assurance of its level, never below the account's own.
        let shown = match &best {
            Some(p) if p.strength == Strength::Eidas => {
                account.assurance.max(AssuranceLevel::of_eid(p.level()))
            }
            _ => account.assurance,
        };
        if shown < req.min_assurance {
            return Ok(Satisfaction::InsufficientAssurance);
        }
        let Some(proof) = best else {
            return Ok(Satisfaction::StepUp);
        };
        if self.mfa_applies(account).await?
            && !session
                .proofs
                .iter()
                .any(|p| self.is_second_factor(p.strength))
        {
            return Ok(Satisfaction::StepUp);
        }
        if let Freshness::Fresh {
            max_age,
            prompt_login,
        } = req.freshness
        {
            let too_old = max_age
                .is_some_and(|max| max == 0 || (self.now() - proof.at).whole_seconds() > max);
            if !just_signed_in && (prompt_login || too_old) {
                return Ok(Satisfaction::Reauthenticate);
            }
        }
        Ok(Satisfaction::Satisfied(proof))
    }
}
