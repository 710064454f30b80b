//! Verification of credentials and the SSO session life cycle, free of HTTP types.
//!
//! Rules that hold here: unknown, pending and deleted accounts cost the same time as real ones
//! and get the same answer (a dummy hash is verified); failures are counted per account and per
//! client address in the store, so a lockout holds across nodes; a locked or expired account is
//! only revealed to someone who knows its password.

use crate::{AppState, WebError, metrics::inc, slo};
use limen_core::{Account, AccountStatus, Email, Proof, SsoSession, Strength};
use limen_store::AuditEntry;
use time::OffsetDateTime;

pub enum PasswordOutcome {
    Success(Account),
    Invalid,
    Throttled {
        until: OffsetDateTime,
    },
    Locked,
    /// The right password, but older than the maximum age: it must be changed first.
    Expired(Account),
}

fn account_key(email: &Email) -> String {
    format!("acct:{}", limen_crypto::sha256_hex(email.key().as_bytes()))
}

fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// How long an attempt that reached the limit keeps the others out while it is verified: far
/// longer than a verification waits in the bounded hashing queue; after it, an attempt whose
/// node died mid-way simply counts as the failure it reserved.
const IN_FLIGHT_HOLD: time::Duration = time::Duration::seconds(60);

/// Gives back the places reserved under `keys`, each on its own: a store error on one is
/// logged and does not keep the others (a place not given back only counts as one failure, and a
/// hold ends by itself after [`IN_FLIGHT_HOLD`]).
async fn give_back(state: &AppState, keys: &[&str], hold: OffsetDateTime) {
    for key in keys {
        if let Err(e) = state.store.throttle_release(key, hold).await {
            tracing::error!(error = %e, "could not give back a login attempt's place");
        }
    }
}

async fn throttled(
    state: &AppState,
    key: &str,
    now: OffsetDateTime,
) -> Result<PasswordOutcome, WebError> {
    inc(&state.metrics.logins_throttled);
    let until = state
        .store
        .throttle_locked_until(key, now)
        .await?
        // Unlocked between the two statements: the next try will tell.
        .unwrap_or(now + time::Duration::seconds(1));
    Ok(PasswordOutcome::Throttled { until })
}

pub async fn verify_password(
    state: &AppState,
    email: &Email,
    password: &str,
    ip: &str,
) -> Result<PasswordOutcome, WebError> {
    let account = state.store.account_by_email(email).await?;
    verify_password_of(state, email, account, password, ip).await
}

/// [`verify_password`] for a caller that has already looked the address up (`account`, as
/// `Store::account_by_email` answered), so the login path reads the account once.
///
/// The attempt runs to its end in a task of its own: a client that disconnects (or a proxy that
/// gives up) while the hash waits drops this future, but not the task, so the places reserved for
/// the attempt are always settled — counted as a failure, or given back.
pub async fn verify_password_of(
    state: &AppState,
    email: &Email,
    account: Option<Account>,
    password: &str,
    ip: &str,
) -> Result<PasswordOutcome, WebError> {
    let (state, email, password, ip) = (
        state.clone(),
        email.clone(),
        password.to_owned(),
        ip.to_owned(),
    );
    tokio::spawn(async move { attempt(&state, &email, account, &password, &ip).await })
        .await
        .map_err(|e| WebError::Internal(format!("password attempt: {e}")))?
}

async fn attempt(
    state: &AppState,
    email: &Email,
    account: Option<Account>,
    password: &str,
    ip: &str,
) -> Result<PasswordOutcome, WebError> {
    let now = state.now();
    let store = &state.store;
    let t = &state.config.throttle;
    let (akey, ikey) = (account_key(email), address_key(ip));
    // Both places are reserved before the password is hashed, so that a burst of parallel
    // guesses — on this node or any other sharing the store — gets at most the limit's worth
    // of verifications (ARCHITECTURE §6). The client address first: a locked address spends
    // none of the account's places.
    let hold = now + IN_FLIGHT_HOLD;
    let Some(by_address) = store
        .throttle_reserve(&ikey, now, t.address_window, t.address_max_failures, hold)
        .await?
    else {
        return throttled(state, &ikey, now).await;
    };
    let by_account = match store
        .throttle_reserve(&akey, now, t.account_window, t.account_max_failures, hold)
        .await
    {
        Ok(Some(n)) => n,
        Ok(None) => {
            give_back(state, &[&ikey], hold).await;
            return throttled(state, &akey, now).await;
        }
        Err(e) => {
            give_back(state, &[&ikey], hold).await;
            return Err(e.into());
        }
    };

    let stored = account
        .as_ref()
        .filter(|a| matches!(a.status, AccountStatus::Active | AccountStatus::Locked))
        .and_then(|a| a.password_hash.clone());
    let password = limen_core::password::normalise(password);
    let verification = match state.hasher.verify(&password, stored.as_deref()).await {
        Ok(v) => v,
        Err(e) => {
            // Not verified (the hashing queue is full, say): not a failure either.
            give_back(state, &[&akey, &ikey], hold).await;
            return Err(e.into());
        }
    };

    if !verification.ok {
        inc(&state.metrics.logins_failed);
        // The reservations stay as the failures they turned out to be.
        if by_account >= t.account_max_failures {
            let doublings = u32::try_from(by_account - t.account_max_failures)
                .unwrap_or(u32::MAX)
                .min(16);
            let lock =
                (t.account_base_lock * 2_i32.saturating_pow(doublings)).min(t.account_max_lock);
            store.throttle_lock(&akey, now + lock).await?;
        }
        if by_address >= t.address_max_failures {
            store.throttle_lock(&ikey, now + t.address_lock).await?;
        }
        audit(
            state,
            "login.failure",
            account.as_ref().map(|a| a.id),
            ip,
            serde_json::json!({"method": "PASSWORD"}),
        )
        .await;
        return Ok(PasswordOutcome::Invalid);
    }

    // The right password: the account starts afresh, the address gets its place back (even
    // when the first fails: each key is settled on its own).
    let cleared = store.throttle_clear(&akey).await;
    give_back(state, &[&ikey], hold).await;
    cleared?;
    let Some(account) = account else {
        // verify() never succeeds without a stored hash.
        return Ok(PasswordOutcome::Invalid);
    };
    if verification.needs_rehash
        && let (Some(old), Ok(new)) = (stored.as_deref(), state.hasher.hash(&password).await)
    {
        store.rehash_password(account.id, old, &new).await?;
    }
    if account.status == AccountStatus::Locked {
        audit(
            state,
            "login.refused.locked",
            Some(account.id),
            ip,
            serde_json::json!({}),
        )
        .await;
        return Ok(PasswordOutcome::Locked);
    }
    if account.password_expired(state.config.password_max_age_days, now) {
        audit(
            state,
            "login.refused.password_expired",
            Some(account.id),
            ip,
            serde_json::json!({}),
        )
        .await;
        return Ok(PasswordOutcome::Expired(account));
    }
    inc(&state.metrics.logins_ok);
    audit(
        state,
        "login.success",
        Some(account.id),
        ip,
        serde_json::json!({"method": "PASSWORD"}),
    )
    .await;
    Ok(PasswordOutcome::Success(account))
}

/// Records a security event; a failure to write the audit log is logged, not shown.
pub async fn audit(
    state: &AppState,
    event: &str,
    account_id: Option<i64>,
    ip: &str,
    detail: serde_json::Value,
) {
    let entry = AuditEntry {
        at: state.now(),
        event: event.to_owned(),
        account_id,
        client_ip: Some(ip.to_owned()),
        detail,
    };
    if let Err(e) = state.store.audit(&entry).await {
        tracing::error!(error = %e, event, "could not write the audit log");
    }
}

/// The SSO session a browser's cookie refers to, with its account, if both are still valid.
/// A session that expired, or whose account is no longer active, is ended (with single logout)
/// on sight.
pub async fn current_session(
    state: &AppState,
    cookie: Option<&str>,
) -> Result<Option<(SsoSession, Account)>, WebError> {
    let Some(token) = cookie.filter(|c| !c.is_empty() && c.len() <= 128) else {
        return Ok(None);
    };
    let id = limen_crypto::sha256_hex(token.as_bytes());
    let Some(session) = state.store.session(&id).await? else {
        return Ok(None);
    };
    let now = state.now();
    let account = state
        .store
        .account_by_id(session.account_id)
        .await?
        .filter(|a| a.status == AccountStatus::Active);
    match account {
        Some(account) if !session.is_expired(state.config.session, now) => {
            state.store.touch_session(&session.id, now).await?;
            Ok(Some((session, account)))
        }
        _ => {
            end_session(state, &session.id).await?;
            Ok(None)
        }
    }
}

/// After a successful verification: adds the proofs to the browser's session when it belongs to
/// the same account, or starts a new session (ending another account's: no session mix-up) and
/// sets its cookie. Returns the session.
pub async fn sign_in(
    state: &AppState,
    ctx: &mut crate::context::Ctx,
    account: &Account,
    strengths: &[Strength],
) -> Result<SsoSession, WebError> {
    let existing = current_session(state, ctx.cookie(crate::context::SSO))
        .await?
        .map(|(session, _)| session);
    let now = state.now();
    let proofs: Vec<Proof> = strengths
        .iter()
        .map(|s| Proof {
            strength: *s,
            at: now,
        })
        .collect();
    if let Some(mut session) = existing {
        if session.account_id == account.id {
            for proof in proofs {
                session.record(proof);
            }
            session.last_seen_at = now;
            state.store.save_session_proofs(&session).await?;
            return Ok(session);
        }
        end_session(state, &session.id).await?;
    }
    let token = limen_crypto::random_token(32);
    let session = SsoSession {
        id: limen_crypto::sha256_hex(token.as_bytes()),
        public_id: limen_crypto::random_token(12),
        account_id: account.id,
        proofs,
        created_at: now,
        last_seen_at: now,
        client_ip: ctx.client_ip.clone(),
        user_agent: ctx.user_agent.clone(),
    };
    state
        .store
        .create_session(&session, now + state.config.session.absolute)
        .await?;
    ctx.set_cookie(crate::context::SSO, &token, None);
    Ok(session)
}

/// Ends a session and tells every service it visited (CAS 3.0 §2.3.3, OpenID Connect
/// Back-Channel Logout 1.0). Returns how many services were told.
pub async fn end_session(state: &AppState, session_id: &str) -> Result<usize, WebError> {
    Ok(end_session_reporting(state, session_id).await?.told)
}

/// What ending a session set in motion.
pub struct Ended {
    /// Services told through the back channel.
    pub told: usize,
    /// Front-channel logout URIs for the browser to load (OpenID Connect Front-Channel Logout 1.0 §2).
    pub front_channel: Vec<String>,
}

/// Ends a session: its online OIDC grants are revoked (their tokens with them), every service
/// is told through the back channel, and the front-channel URIs are returned for the page.
pub async fn end_session_reporting(state: &AppState, session_id: &str) -> Result<Ended, WebError> {
    let visited = state.store.end_session(session_id).await?;
    state
        .store
        .end_session_grants(session_id, state.now())
        .await?;
    let mut front_channel: Vec<String> = Vec::new();
    for v in &visited {
        if let Some(oidc) = &v.oidc
            && let Some(uri) = &oidc.frontchannel_uri
            && let Ok(mut url) = url::Url::parse(uri)
        {
            // §2: iss and sid, so the client knows which session ends.
            url.query_pairs_mut()
                .append_pair("iss", &state.config.public_url)
                .append_pair("sid", &v.sid);
            let url = url.to_string();
            if !front_channel.contains(&url) {
                front_channel.push(url);
            }
        }
    }
    let told = slo::notify(state, visited);
    Ok(Ended {
        told,
        front_channel,
    })
}

/// Ends every session of an account but `except` (the browser that made the change), with
/// single logout, and revokes its OpenID Connect grants but those of `except` — offline ones
/// included: after a password reset or change, no refresh token issued before survives
/// elsewhere. Returns how many sessions were ended.
pub async fn end_sessions_of_account(
    state: &AppState,
    account_id: i64,
    except: Option<&str>,
) -> Result<usize, WebError> {
    let ids = state.store.session_ids_of_account(account_id).await?;
    let mut ended = 0;
    for id in ids.iter().filter(|id| Some(id.as_str()) != except) {
        end_session(state, id).await?;
        ended += 1;
    }
    state
        .store
        .revoke_grants_of_account(account_id, except, state.now())
        .await?;
    Ok(ended)
}
