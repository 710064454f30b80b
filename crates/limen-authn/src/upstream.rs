//! Signing in through an upstream identity provider (issue 19, docs/FEDERATION.md): a social
//! network account (`SOCIAL_NETWORKS`, BASIC) or a national eID (`EIDAS`: MEDIUM, or HIGH at the
//! eIDAS level of assurance `high`, carried by the proof's device).
//!
//! The protocols (OpenID Connect, OAuth 2, SAML) are the web layer's, with `limen-upstream` and
//! `limen-saml`; the engine decides what an identity that came back may do:
//! - a **linked** identity signs its account in, with a proof of the upstream's strength;
//! - an **unlinked** one waits in a transaction while the user either proves an existing account
//!   (the normal login: password and the account's second factor when it has one) — the link is
//!   then made to *that* account — or creates a new, "virtual" account;
//! - the e-mail address an upstream sends is never compared with any account's: it links nothing
//!   and signs no one in (§2.1). A verified one only lets a *new* account skip Limen's own
//!   confirmation link.
//!
//! Links are made and removed from My account with the same step-up as any factor, and PANIC
//! removes them with the devices.

use crate::{AuthEvent, Authn, AuthnError, Client, Notice, SignedIn};
use limen_core::{
    Account, AccountStatus, AssuranceLevel, AuthLevel, Email, Method, PersonName, ProofDevice,
    SsoSession, Strength, UserType,
};
use limen_store::{NewAccount, UpstreamLink};
use serde::{Deserialize, Serialize};

/// Transaction purposes (in `authn_transactions`).
mod purpose {
    /// The browser is at the upstream; the row is keyed by the OAuth `state` / SAML `RelayState`.
    pub const AWAY: &str = "upstream";
    /// An unlinked identity came back and waits for "link" or "create".
    pub const PENDING: &str = "upstream_pending";
}

/// How long the browser may stay at the upstream (an eID with a card reader and a PIN takes
/// longer than the other methods' five minutes), and how long an unlinked identity waits.
pub const UPSTREAM_TTL: time::Duration = time::Duration::minutes(15);

/// Why the browser was sent to the upstream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Purpose {
    /// Signing in (or stepping up) for the login continuing at `target`.
    Login,
    /// Linking the identity to the signed-in account (My account).
    Link { account: i64, session: String },
}

/// What is kept while the browser is at the upstream.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Away {
    /// The `[[upstream]]` id: the callback's must equal it (mix-up, RFC 9700 §4.4).
    pub upstream: String,
    pub purpose: Purpose,
    /// A keyed digest (HMAC) of the browser's CSRF cookie: the callback must come from the same
    /// browser (RFC 6749 §10.12).
    pub browser: String,
    /// The local path the login continues at (`/cas/login?…`, `/account/eids`).
    pub target: String,
    /// The protocol's own state (the OIDC nonce and PKCE verifier; the SAML request id).
    pub protocol: serde_json::Value,
}

/// An identity an upstream vouched for, after the protocol's checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrived {
    pub upstream: String,
    /// What a sign-in through it proves (`SOCIAL_NETWORKS` or `EIDAS`).
    pub strength: Strength,
    /// The level it proves when the strength's own does not say (an eID at LoA high: HIGH).
    #[serde(default)]
    pub level: Option<AuthLevel>,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    /// The upstream vouched for the address and is trusted to (docs/FEDERATION.md §2.1).
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub locale: Option<String>,
    /// What My account shows of the link (the upstream's address or name, `eID (BE)`).
    pub display: String,
    /// Whether the upstream lets a first sign-in create an account.
    pub sign_up: bool,
}

impl Arrived {
    fn method(&self) -> Method {
        if self.strength == Strength::Eidas {
            Method::Eid
        } else {
            Method::Social
        }
    }

    /// The audit log names an identity by the SHA-256 of its subject, never the subject itself.
    fn audit_detail(&self, extra: serde_json::Value) -> serde_json::Value {
        let mut detail = serde_json::json!({
            "upstream": self.upstream,
            "subject_sha256": limen_crypto::sha256_hex(format!("{}\n{}", self.issuer, self.subject).as_bytes()),
        });
        if let (Some(map), serde_json::Value::Object(more)) = (detail.as_object_mut(), extra) {
            map.extend(more);
        }
        detail
    }
}

/// An unlinked identity waiting for "link" or "create": bound to the browser it came back to,
/// and to the time it did (the login that proves an account for it must come after).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Waiting {
    arrived: Arrived,
    browser: String,
    /// Unix seconds.
    since: i64,
}

/// What came of an identity that came back.
#[derive(Debug)]
pub enum Outcome {
    /// A linked identity: signed in.
    SignedIn(Box<SignedIn>),
    /// Not linked yet: the choice page ("I have an account" / "Create an account") for the
    /// identity waiting under `tx`.
    Unlinked { tx: String, arrived: Box<Arrived> },
    /// Linked to the signed-in account (from My account, or after proving the account).
    Linked {
        account: Box<Account>,
        display: String,
    },
    /// The identity is already linked to this same account.
    AlreadyYours,
    /// The identity is linked to another account.
    LinkedElsewhere,
    /// The linked account cannot sign in (locked, pending, deleted).
    AccountUnusable,
    /// The method (social networks, eID) is not for this account's user type.
    MethodUnavailable,
    /// The session that asked for the link is gone or is another account's, or it does not
    /// hold a proof strong enough to change the account's ways in.
    StepUp(AuthLevel),
    /// The transaction is gone (used, expired, another browser's).
    Gone,
}

/// What creating an account from an unlinked identity came to.
#[derive(Debug)]
pub enum Created {
    /// Created with the upstream's verified address, linked and signed in.
    SignedIn(Box<SignedIn>),
    /// Created pending: Limen's link to confirm the address was sent to `email` (or, when an
    /// account already holds that address, its owner was told instead — the same answer).
    CheckMailbox {
        email: Email,
        /// The confirmation link's token to mail (`None`: the address is taken; the owner
        /// gets the "someone tried" e-mail instead).
        activation: Option<(Box<Account>, String)>,
        taken: Option<Box<Account>>,
    },
    /// The upstream does not allow creating accounts.
    NotAllowed,
    Gone,
}

/// The names and address the user confirmed on the "create an account" page.
#[derive(Debug, Clone)]
pub struct NewVirtualAccount {
    pub first_name: Option<PersonName>,
    pub last_name: PersonName,
    pub email: Email,
    pub locale: String,
}

/// How long the link confirming a virtual account's address is valid (registration's rule).
pub const ACTIVATION_TTL: time::Duration = time::Duration::hours(24);

impl Authn {
    /// Whether an upstream method is live (wired: some `[[upstream]]` of its strength is
    /// configured; enabled; not retired).
    pub fn upstream_live(&self, strength: Strength) -> bool {
        let method = if strength == Strength::Eidas {
            Method::Eid
        } else {
            Method::Social
        };
        self.is_live(method)
    }

    /// Keeps `away` until the browser comes back with `state` (the OAuth `state`, SAML
    /// `RelayState`): the row is keyed by its SHA-256.
    pub async fn upstream_leave(&self, state: &str, away: &Away) -> Result<(), AuthnError> {
        let (account, session) = match &away.purpose {
            Purpose::Login => (None, None),
            Purpose::Link { account, session } => (Some(*account), Some(session.clone())),
        };
        let json = crate::transaction::to_json(away)?;
        self.keep_token(state, purpose::AWAY, account, session, json, UPSTREAM_TTL)
            .await
    }

    /// Takes back what [`Authn::upstream_leave`] kept, once: for the same upstream and the
    /// same browser only (`browser`: the SHA-256 of its CSRF cookie).
    pub async fn upstream_return(
        &self,
        state: &str,
        upstream: &str,
        browser: &str,
    ) -> Result<Option<Away>, AuthnError> {
        let Some(t) = self.take(state, purpose::AWAY).await? else {
            return Ok(None);
        };
        let Ok(away) = serde_json::from_str::<Away>(&t.state) else {
            return Ok(None);
        };
        let same_browser =
            limen_crypto::constant_time_eq(away.browser.as_bytes(), browser.as_bytes());
        Ok((away.upstream == upstream && same_browser).then_some(away))
    }

    /// What [`Authn::upstream_leave`] kept, without taking it nor checking the browser: the
    /// SAML assertion consumer service, which a cross-site POST reaches without the browser's
    /// cookies (the GET it redirects to checks them).
    pub async fn upstream_peek(
        &self,
        state: &str,
        upstream: &str,
    ) -> Result<Option<Away>, AuthnError> {
        let Some(id) = crate::token_id(state) else {
            return Ok(None);
        };
        let Some(t) = self
            .store()
            .peek_transaction(&id, purpose::AWAY, self.now())
            .await?
        else {
            return Ok(None);
        };
        Ok(serde_json::from_str::<Away>(&t.state)
            .ok()
            .filter(|a| a.upstream == upstream))
    }

    /// Moves what is kept under `state` to a new token, with `away` (the SAML ACS records the
    /// verified identity there): the old token (`RelayState`, which the browser that started the
    /// login knows) redeems nothing any more; the new one travels only in the answer to the
    /// browser that posted the response. `None` when `state` was taken meanwhile.
    pub async fn upstream_replace(
        &self,
        state: &str,
        away: &Away,
    ) -> Result<Option<String>, AuthnError> {
        if self.take(state, purpose::AWAY).await?.is_none() {
            return Ok(None);
        }
        let fresh = limen_crypto::random_token(32);
        self.upstream_leave(&fresh, away).await?;
        Ok(Some(fresh))
    }

    /// An identity came back for `away`: signs in, links, or keeps it waiting. `activation`:
    /// the token of the link that confirms a pending account's address, when this browser
    /// followed it ([`Authn::upstream_activation`]); a pending account linked to this identity
    /// becomes active only with it — the address's owner and the upstream identity, proven in
    /// the same browser.
    pub async fn upstream_arrived(
        &self,
        away: &Away,
        arrived: Arrived,
        activation: Option<&str>,
        client: &Client<'_>,
    ) -> Result<Outcome, AuthnError> {
        if arrived.upstream != away.upstream || !self.upstream_live(arrived.strength) {
            return Ok(Outcome::Gone);
        }
        let existing = self
            .store()
            .upstream_link(&arrived.upstream, &arrived.issuer, &arrived.subject)
            .await?;
        match &away.purpose {
            Purpose::Link { account, session } => {
                let Some((s, a)) = self.current_session(client.sso_token).await? else {
                    return Ok(Outcome::StepUp(AuthLevel::Basic));
                };
                if s.id != *session || a.id != *account {
                    return Ok(Outcome::Gone);
                }
                self.link(&s, &a, &arrived, existing, client).await
            }
            Purpose::Login => match existing {
                Some(link) => {
                    self.sign_in_linked(link, &arrived, activation, client)
                        .await
                }
                None => {
                    self.audit_raw(
                        "upstream.unlinked",
                        None,
                        client.ip,
                        arrived.audit_detail(serde_json::json!({})),
                    )
                    .await;
                    let waiting = Waiting {
                        arrived: arrived.clone(),
                        browser: away.browser.clone(),
                        since: self.now().unix_timestamp(),
                    };
                    let json = crate::transaction::to_json(&waiting)?;
                    let tx = self
                        .keep_for(purpose::PENDING, None, None, json, UPSTREAM_TTL)
                        .await?;
                    Ok(Outcome::Unlinked {
                        tx,
                        arrived: Box::new(arrived),
                    })
                }
            },
        }
    }

    async fn sign_in_linked(
        &self,
        link: UpstreamLink,
        arrived: &Arrived,
        activation: Option<&str>,
        client: &Client<'_>,
    ) -> Result<Outcome, AuthnError> {
        if let Some(token) = activation {
            self.activate_pending(token, link.account_id, client)
                .await?;
        }
        let Some(account) = self.active_account(Some(link.account_id)).await? else {
            self.audit_raw(
                "upstream.login.failure",
                Some(link.account_id),
                client.ip,
                arrived.audit_detail(serde_json::json!({"reason": "account not active"})),
            )
            .await;
            return Ok(Outcome::AccountUnusable);
        };
        // `[methods.social]` / `[methods.eid]` `user_types`: the account's type may not use it.
        if self.method_status(arrived.method(), &account)
            != limen_core::policy::MethodStatus::Usable
        {
            return Ok(Outcome::MethodUnavailable);
        }
        self.store().upstream_link_used(link.id, self.now()).await?;
        self.audit(
            AuthEvent::LoginSuccess {
                method: arrived.method(),
            },
            Some(account.id),
            client.ip,
        )
        .await;
        let device = proof_device(arrived, &link);
        let signed_in = self
            .sign_in_with_device(&account, &[arrived.strength], Some(&device), client)
            .await?;
        Ok(Outcome::SignedIn(Box::new(signed_in)))
    }

    /// Makes the link for the signed-in `session`, which must hold a proof at least as strong
    /// as the account's strongest factor (the rule for adding any factor).
    async fn link(
        &self,
        session: &SsoSession,
        account: &Account,
        arrived: &Arrived,
        existing: Option<UpstreamLink>,
        client: &Client<'_>,
    ) -> Result<Outcome, AuthnError> {
        if let Some(link) = existing {
            return Ok(if link.account_id == account.id {
                Outcome::AlreadyYours
            } else {
                self.audit_raw(
                    "upstream.link.failure",
                    Some(account.id),
                    client.ip,
                    arrived.audit_detail(serde_json::json!({"reason": "linked elsewhere"})),
                )
                .await;
                Outcome::LinkedElsewhere
            });
        }
        let (needed, has) = self.may_change_factors(session, account).await?;
        if !has {
            return Ok(Outcome::StepUp(needed));
        }
        let Some(link) = self.add_link(account.id, arrived).await? else {
            // Linked by a concurrent request in between.
            return Ok(Outcome::LinkedElsewhere);
        };
        self.audit_raw(
            "upstream.link",
            Some(account.id),
            client.ip,
            arrived.audit_detail(serde_json::json!({"link": link.id})),
        )
        .await;
        let name = link_name(&link);
        self.tell(account, Notice::FactorAdded { name }).await;
        Ok(Outcome::Linked {
            account: Box::new(account.clone()),
            display: link.display,
        })
    }

    /// The unlinked identity waiting under `tx` for this browser (`browser`: the digest of its
    /// CSRF cookie), without taking it (the choice page, its forms).
    pub async fn upstream_pending(
        &self,
        tx: &str,
        browser: &str,
    ) -> Result<Option<Arrived>, AuthnError> {
        Ok(self.waiting(tx, browser).await?.map(|w| w.arrived))
    }

    async fn waiting(&self, tx: &str, browser: &str) -> Result<Option<Waiting>, AuthnError> {
        let Some(id) = crate::token_id(tx) else {
            return Ok(None);
        };
        let Some(t) = self
            .store()
            .peek_transaction(&id, purpose::PENDING, self.now())
            .await?
        else {
            return Ok(None);
        };
        Ok(serde_json::from_str::<Waiting>(&t.state)
            .ok()
            .filter(|w| limen_crypto::constant_time_eq(w.browser.as_bytes(), browser.as_bytes())))
    }

    /// "I have an account": the login this browser just finished (`session`, for `account`)
    /// proves the account; the waiting identity is linked to it — if the session holds a proof
    /// as strong as the account's strongest factor (password, and its second factor when it has
    /// one). Takes the waiting identity.
    pub async fn upstream_link_pending(
        &self,
        tx: &str,
        browser: &str,
        session: &SsoSession,
        account: &Account,
        client: &Client<'_>,
    ) -> Result<Outcome, AuthnError> {
        // This browser's, and proven by a login made after the identity came back (a session
        // that merely existed — a kiosk's, another person's — proves nothing for it).
        let Some(waiting) = self.waiting(tx, browser).await? else {
            return Ok(Outcome::Gone);
        };
        // An account without a password proves itself through its own upstreams.
        let fresh = session.proofs.iter().any(|p| {
            p.at.unix_timestamp() >= waiting.since
                && (account.password_hash.is_none()
                    || !matches!(p.strength, Strength::SocialNetworks | Strength::Eidas))
        });
        if !fresh {
            return Ok(Outcome::StepUp(AuthLevel::Basic));
        }
        if self.take(tx, purpose::PENDING).await?.is_none() {
            return Ok(Outcome::Gone);
        }
        let arrived = waiting.arrived.clone();
        if !self.upstream_live(arrived.strength) {
            return Ok(Outcome::Gone);
        }
        let existing = self
            .store()
            .upstream_link(&arrived.upstream, &arrived.issuer, &arrived.subject)
            .await?;
        let outcome = self
            .link(session, account, &arrived, existing, client)
            .await?;
        if let Outcome::StepUp(_) = outcome {
            // Not proven enough yet: the identity keeps waiting (the page asks for the second
            // factor, then comes back).
            let json = crate::transaction::to_json(&waiting)?;
            self.keep_token(tx, purpose::PENDING, None, None, json, UPSTREAM_TTL)
                .await?;
        }
        Ok(outcome)
    }

    /// "Create an account" for the waiting identity (docs/FEDERATION.md §2.3).
    pub async fn upstream_create_account(
        &self,
        tx: &str,
        browser: &str,
        form: NewVirtualAccount,
        client: &Client<'_>,
    ) -> Result<Created, AuthnError> {
        let Some(arrived) = self.upstream_pending(tx, browser).await? else {
            return Ok(Created::Gone);
        };
        if !arrived.sign_up {
            return Ok(Created::NotAllowed);
        }
        let Some(t) = self.take(tx, purpose::PENDING).await? else {
            return Ok(Created::Gone);
        };
        drop(t);
        // The address counts as confirmed only when the upstream vouched for it and the user
        // kept it unchanged.
        let vouched = arrived.email_verified
            && arrived
                .email
                .as_deref()
                .and_then(|e| Email::parse(e).ok())
                .is_some_and(|e| e == form.email);
        if let Some(owner) = self.store().account_by_email(&form.email).await? {
            // Never linked, never signed in: the owner is told (registration's rule), and the
            // page says the same as for a new address when the address was not vouched for.
            self.audit_raw(
                "upstream.create.taken",
                Some(owner.id),
                client.ip,
                arrived.audit_detail(serde_json::json!({})),
            )
            .await;
            return Ok(Created::CheckMailbox {
                email: form.email,
                activation: None,
                taken: Some(Box::new(owner)),
            });
        }
        let user_type = UserType::for_email(&form.email, &self.config().internal_domains);
        let new = NewAccount {
            email: form.email.clone(),
            first_name: form.first_name,
            last_name: form.last_name,
            user_type,
            status: if vouched {
                AccountStatus::Active
            } else {
                AccountStatus::Pending
            },
            assurance: AssuranceLevel::Low,
            email_locale: form.locale,
            password_hash: None,
        };
        let account = match self.store().create_account(new, self.now()).await {
            Ok(a) => a,
            // Created in between by someone else: the same answer as a taken address.
            Err(limen_store::StoreError::Duplicate(_)) => {
                return Ok(Created::CheckMailbox {
                    email: form.email,
                    activation: None,
                    taken: None,
                });
            }
            Err(e) => return Err(e.into()),
        };
        let Some(link) = self.add_link(account.id, &arrived).await? else {
            // The identity was linked meanwhile (another tab): undo the account.
            self.store().delete_account(account.id, self.now()).await?;
            return Ok(Created::Gone);
        };
        self.audit_raw(
            "upstream.account.create",
            Some(account.id),
            client.ip,
            arrived.audit_detail(serde_json::json!({"vouched": vouched, "link": link.id})),
        )
        .await;
        if !vouched {
            let token = limen_crypto::random_token(32);
            let now = self.now();
            let email_link = limen_store::EmailLink {
                id: limen_crypto::sha256_hex(token.as_bytes()),
                purpose: limen_store::LinkPurpose::Activate,
                account_id: account.id,
                new_email: None,
                service: None,
                created_at: now,
                expires_at: now + ACTIVATION_TTL,
                used_at: None,
            };
            self.store().create_link(&email_link).await?;
            return Ok(Created::CheckMailbox {
                email: form.email,
                activation: Some((Box::new(account), token)),
                taken: None,
            });
        }
        let device = proof_device(&arrived, &link);
        let signed_in = self
            .sign_in_with_device(&account, &[arrived.strength], Some(&device), client)
            .await?;
        Ok(Created::SignedIn(Box::new(signed_in)))
    }

    /// The pending account a confirmation link is for, while the link is valid (not used):
    /// the page that asks its holder to sign in with the upstream in the same browser.
    pub async fn upstream_activation(&self, token: &str) -> Result<Option<Account>, AuthnError> {
        let Some(link) = self
            .valid_link(token, limen_store::LinkPurpose::Activate)
            .await?
        else {
            return Ok(None);
        };
        Ok(self
            .store()
            .account_by_id(link.account_id)
            .await?
            .filter(|a| a.status == AccountStatus::Pending))
    }

    /// Activates `account` with the confirmation link `token` (spent), if it is that account's
    /// and still valid; nothing otherwise.
    async fn activate_pending(
        &self,
        token: &str,
        account: i64,
        client: &Client<'_>,
    ) -> Result<(), AuthnError> {
        let Some(pending) = self.upstream_activation(token).await? else {
            return Ok(());
        };
        let id = limen_crypto::sha256_hex(token.as_bytes());
        if pending.id != account || !self.store().consume_link(&id, self.now()).await? {
            return Ok(());
        }
        self.store()
            .set_status(account, AccountStatus::Active, self.now())
            .await?;
        self.audit_raw(
            "upstream.account.activate",
            Some(account),
            client.ip,
            serde_json::json!({}),
        )
        .await;
        Ok(())
    }

    /// The account's links.
    pub async fn upstream_links(&self, account: &Account) -> Result<Vec<UpstreamLink>, AuthnError> {
        Ok(self.store().upstream_links_of(account.id).await?)
    }

    /// Removes one of the account's links: the same step-up as removing a factor, and never the
    /// last way in of an account without a password.
    pub async fn upstream_unlink(
        &self,
        session: &SsoSession,
        account: &Account,
        link: i64,
        client: &Client<'_>,
    ) -> Result<Unlink, AuthnError> {
        let links = self.store().upstream_links_of(account.id).await?;
        let Some(found) = links.iter().find(|l| l.id == link) else {
            return Ok(Unlink::NotFound);
        };
        if account.password_hash.is_none() && links.len() <= 1 {
            return Ok(Unlink::LastWayIn);
        }
        let (needed, has) = self.may_change_factors(session, account).await?;
        if !has {
            return Ok(Unlink::StepUp(needed));
        }
        let Some(removed) = self
            .store()
            .delete_upstream_link(account.id, found.id)
            .await?
        else {
            return Ok(Unlink::NotFound);
        };
        self.audit_raw(
            "upstream.unlink",
            Some(account.id),
            client.ip,
            serde_json::json!({"upstream": removed.upstream, "link": removed.id}),
        )
        .await;
        // Whoever signed in through it elsewhere is signed out.
        self.end_sessions_of_account(account.id, Some(&session.id))
            .await?;
        let name = link_name(&removed);
        self.tell(account, Notice::FactorRemoved { name: name.clone() })
            .await;
        Ok(Unlink::Done { name })
    }

    /// Removes every link of the account (PANIC, the help desk): their names. An account
    /// without a password keeps its links (they are its only way in; it has no PANIC).
    pub(crate) async fn remove_all_links(
        &self,
        account: &Account,
    ) -> Result<Vec<String>, AuthnError> {
        if account.password_hash.is_none() {
            return Ok(Vec::new());
        }
        let removed = self.store().delete_upstream_links_of(account.id).await?;
        Ok(removed.iter().map(link_name).collect())
    }
}

impl Authn {
    /// Stores the link of `arrived` to an account; `None` when the identity is linked already.
    async fn add_link(
        &self,
        account: i64,
        arrived: &Arrived,
    ) -> Result<Option<UpstreamLink>, AuthnError> {
        Ok(self
            .store()
            .add_upstream_link(
                account,
                &arrived.upstream,
                arrived.strength.as_str(),
                &arrived.issuer,
                &arrived.subject,
                &arrived.display,
                self.now(),
            )
            .await?)
    }
}

/// What unlinking came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlink {
    Done {
        name: String,
    },
    StepUp(AuthLevel),
    /// The account has no password and this is its only link.
    LastWayIn,
    NotFound,
}

/// How e-mails and lists name a link.
pub fn link_name(link: &UpstreamLink) -> String {
    format!("{} ({})", link.upstream, link.display)
}

/// The proof's device, as services may be told of it: an eID's `PersonIdentifier` (EU Login's
/// `eidasId`), or Limen's id of a social network link (never the provider's subject).
fn proof_device(arrived: &Arrived, link: &UpstreamLink) -> ProofDevice {
    ProofDevice {
        id: if arrived.strength == Strength::Eidas {
            arrived.subject.clone()
        } else {
            format!("upstream:{}", link.id)
        },
        kind: arrived.upstream.clone(),
        name: link.display.clone(),
        level: arrived
            .level
            .filter(|_| arrived.strength == Strength::Eidas),
    }
}
