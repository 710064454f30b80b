//! The SSO session life cycle: which session a browser's cookie names, signing in (proofs added
//! to the browser's session, or a new one), ending one (single logout, its OIDC grants revoked)
//! or all of an account's. The cookie itself is the web layer's: [`SignedIn::new_cookie`].

use crate::{Authn, AuthnError, Client};
use limen_core::{Account, AccountStatus, Proof, ProofDevice, SsoSession, Strength};

/// A successful sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session: SsoSession,
    pub account: Account,
    /// A new session was started: the value of the browser's new SSO cookie.
    pub new_cookie: Option<String>,
}

/// What ending a session set in motion.
pub struct Ended {
    /// Services told through the back channel.
    pub told: usize,
    /// Front-channel logout URIs for the browser to load (OpenID Connect Front-Channel Logout
    /// 1.0 §2).
    pub front_channel: Vec<String>,
    /// SAML service providers of the session, told through the browser (docs/SAML.md §9.4).
    pub saml: Vec<SamlParty>,
}

/// A SAML service provider a session signed in to: its service and what its LogoutRequest must
/// repeat (JSON, read by the web layer).
#[derive(Debug, Clone)]
pub struct SamlParty {
    pub service_id: i64,
    pub service_name: String,
    pub logout: String,
}

impl Authn {
    /// The SSO session a browser's cookie refers to, with its account, if both are still valid.
    /// A session that expired, or whose account is no longer active, is ended (with single
    /// logout) on sight.
    pub async fn current_session(
        &self,
        cookie: Option<&str>,
    ) -> Result<Option<(SsoSession, Account)>, AuthnError> {
        let Some(token) = cookie.filter(|c| !c.is_empty() && c.len() <= 128) else {
            return Ok(None);
        };
        let id = limen_crypto::sha256_hex(token.as_bytes());
        let Some(session) = self.store().session(&id).await? else {
            return Ok(None);
        };
        let now = self.now();
        let account = self
            .store()
            .account_by_id(session.account_id)
            .await?
            .filter(|a| a.status == AccountStatus::Active);
        match account {
            Some(account) if !session.is_expired(self.config().session, now) => {
                self.store().touch_session(&session.id, now).await?;
                Ok(Some((session, account)))
            }
            _ => {
                self.end_session(&session.id).await?;
                Ok(None)
            }
        }
    }

    /// The account of the browser's session, if it is still valid — without touching the
    /// session (a page that must not extend it: transaction signing) nor ending an expired one.
    pub async fn peek_session_account(
        &self,
        cookie: Option<&str>,
    ) -> Result<Option<Account>, AuthnError> {
        let Some(token) = cookie.filter(|c| !c.is_empty() && c.len() <= 128) else {
            return Ok(None);
        };
        let id = limen_crypto::sha256_hex(token.as_bytes());
        let Some(session) = self.store().session(&id).await? else {
            return Ok(None);
        };
        if session.is_expired(self.config().session, self.now()) {
            return Ok(None);
        }
        Ok(self
            .store()
            .account_by_id(session.account_id)
            .await?
            .filter(|a| a.status == AccountStatus::Active))
    }

    /// After a successful verification: adds the proofs to the browser's session when it
    /// belongs to the same account, or starts a new session (ending another account's: no
    /// session mix-up).
    pub async fn sign_in(
        &self,
        account: &Account,
        strengths: &[Strength],
        client: &Client<'_>,
    ) -> Result<SignedIn, AuthnError> {
        self.sign_in_with_device(account, strengths, None, client)
            .await
    }

    /// [`Authn::sign_in`], naming the device that proved the strengths other than the password.
    pub async fn sign_in_with_device(
        &self,
        account: &Account,
        strengths: &[Strength],
        device: Option<&ProofDevice>,
        client: &Client<'_>,
    ) -> Result<SignedIn, AuthnError> {
        let existing = self
            .current_session(client.sso_token)
            .await?
            .map(|(session, _)| session);
        let now = self.now();
        let proofs: Vec<Proof> = strengths
            .iter()
            .map(|s| Proof {
                strength: *s,
                at: now,
                device: (*s != Strength::Password)
                    .then(|| device.cloned())
                    .flatten(),
            })
            .collect();
        if let Some(mut session) = existing {
            if session.account_id == account.id {
                for proof in proofs {
                    session.record(proof);
                }
                session.last_seen_at = now;
                self.store().save_session_proofs(&session).await?;
                return Ok(SignedIn {
                    session,
                    account: account.clone(),
                    new_cookie: None,
                });
            }
            self.end_session(&session.id).await?;
        }
        // The cookie's value is a ticket-granting ticket: `TGT-` and CAS 3.0 §3.7 characters
        // (§3.8); only its digest is stored.
        let token = limen_crypto::ticket("TGT-");
        let session = SsoSession {
            id: limen_crypto::sha256_hex(token.as_bytes()),
            public_id: limen_crypto::random_token(12),
            account_id: account.id,
            proofs,
            created_at: now,
            last_seen_at: now,
            client_ip: client.ip.to_owned(),
            user_agent: client.user_agent.to_owned(),
        };
        self.store()
            .create_session(&session, now + self.config().session.absolute)
            .await?;
        Ok(SignedIn {
            session,
            account: account.clone(),
            new_cookie: Some(token),
        })
    }

    /// Ends a session and tells every service it visited (CAS 3.0 §2.3.3, OpenID Connect
    /// Back-Channel Logout 1.0). Returns how many services were told.
    pub async fn end_session(&self, session_id: &str) -> Result<usize, AuthnError> {
        Ok(self.end_session_reporting(session_id).await?.told)
    }

    /// Ends a session: its online OIDC grants are revoked (their tokens with them), every
    /// service is told through the back channel, and the front-channel URIs are returned for
    /// the page.
    pub async fn end_session_reporting(&self, session_id: &str) -> Result<Ended, AuthnError> {
        let visited = self.store().end_session(session_id).await?;
        self.store()
            .end_session_grants(session_id, self.now())
            .await?;
        let mut front_channel: Vec<String> = Vec::new();
        for v in &visited {
            if let Some(oidc) = &v.oidc
                && let Some(uri) = &oidc.frontchannel_uri
                && let Ok(mut url) = url::Url::parse(uri)
            {
                // §2: iss and sid, so the client knows which session ends.
                url.query_pairs_mut()
                    .append_pair("iss", &self.config().issuer)
                    .append_pair("sid", &v.sid);
                let url = url.to_string();
                if !front_channel.contains(&url) {
                    front_channel.push(url);
                }
            }
        }
        let saml = visited
            .iter()
            .filter_map(|v| {
                v.saml.as_ref().map(|logout| SamlParty {
                    service_id: v.service_id,
                    service_name: v.service_name.clone(),
                    logout: logout.clone(),
                })
            })
            .collect();
        let told = self.effects().logout(visited);
        Ok(Ended {
            told,
            front_channel,
            saml,
        })
    }

    /// Ends every session of an account but `except` (the browser that made the change), with
    /// single logout, and revokes its OpenID Connect grants but those of `except` — offline
    /// ones included: after a password reset or change, no refresh token issued before
    /// survives elsewhere. Returns how many sessions were ended.
    pub async fn end_sessions_of_account(
        &self,
        account_id: i64,
        except: Option<&str>,
    ) -> Result<usize, AuthnError> {
        let ids = self.store().session_ids_of_account(account_id).await?;
        let mut ended = 0;
        for id in ids.iter().filter(|id| Some(id.as_str()) != except) {
            self.end_session(id).await?;
            ended += 1;
        }
        self.store()
            .revoke_grants_of_account(account_id, except, self.now())
            .await?;
        Ok(ended)
    }

    /// Drops the proofs of `strength` from every live session of the account (its method was
    /// removed: what it proved no longer holds).
    pub(crate) async fn strip_proofs(
        &self,
        account_id: i64,
        strength: Strength,
    ) -> Result<(), AuthnError> {
        for id in self.store().session_ids_of_account(account_id).await? {
            if let Some(mut session) = self.store().session(&id).await?
                && session.proofs.iter().any(|p| p.strength == strength)
            {
                session.proofs.retain(|p| p.strength != strength);
                self.store().save_session_proofs(&session).await?;
            }
        }
        Ok(())
    }
}
