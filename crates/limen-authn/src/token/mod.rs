//! Hardware tokens (issue 16; seed 003's "Token" and "Token CRAM"): the OATH code tokens —
//! HOTP (RFC 4226) and TOTP (RFC 6238) — behind `PASSWORD_TOKEN`, and the OCRA (RFC 6287)
//! challenge–response tokens behind `PASSWORD_TOKEN_CRAM`.
//!
//! Tokens come from an inventory the operator imports (PSKC, RFC 6030, or a plain CSV file) and
//! assigns to accounts — or lets internal users bind themselves in My account with the token in
//! hand. A code is good once: the HOTP counter and the last TOTP step move forward in one
//! conditional statement each ([`limen_store`]), so the same code cannot pass twice, even on two
//! nodes at once. Each code takes one of the token's `max_failures` tries before it is compared
//! (a right one gives them back); when they are used up the token locks, for `lock_minutes` or
//! until an administrator unlocks it, and its holder is told by e-mail. Keys
//! are sealed under the master key, bound to the serial, and opened only to check a code, into
//! a buffer zeroed when dropped.

mod factor;
mod inventory;

pub use factor::TokenFactor;
pub use inventory::{ImportReport, InventoryError};

use crate::{AuthEvent, Authn, AuthnError, Notice};
use limen_core::Account;
use limen_crypto::sealed::SecretBox;
use limen_oath::{Hash, Secret, hotp, ocra, totp};
use limen_store::StoredToken;
use std::sync::Arc;
use time::OffsetDateTime;

/// `[tokens]`.
#[derive(Debug, Clone)]
pub struct TokenConfig {
    /// HOTP and counter-based OCRA: how many counters past the expected one a code may be
    /// (RFC 4226 §7.4, the look-ahead parameter `s`).
    pub hotp_window: u64,
    /// Resynchronisation with two consecutive codes: how far ahead they may be.
    pub hotp_resync_window: u64,
    /// TOTP: the steps accepted either side of the token's clock (RFC 6238 §5.2 recommends one).
    pub totp_window: u64,
    /// TOTP resynchronisation: how many steps either side two consecutive codes may be.
    pub totp_resync_window: u64,
    /// Wrong codes in a row before the token locks.
    pub max_failures: i64,
    /// How long it then stays locked; `None`: until an administrator unlocks it.
    pub lock: Option<time::Duration>,
    /// privacyIDEA's "autoresync": a code outside the window followed by the next code
    /// resynchronises the token by itself.
    pub auto_resync: bool,
}

impl Default for TokenConfig {
    fn default() -> Self {
        Self {
            hotp_window: 10,
            hotp_resync_window: 1000,
            totp_window: 1,
            totp_resync_window: 10,
            max_failures: 10,
            lock: Some(time::Duration::hours(1)),
            auto_resync: false,
        }
    }
}

/// What a typed code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Wrong,
    /// A code already used (or one step at or before the last used one).
    Replayed,
    /// The token refuses every code now (locked or disabled).
    Blocked,
    /// Not a code this token can show (length, characters): not counted as a guess.
    Malformed,
}

/// The tokens' shared part: configuration and the key that seals their secrets.
pub struct Tokens {
    sealer: SecretBox,
    config: TokenConfig,
}

/// A far date standing for "until an administrator unlocks it" (9999-12-31).
const FOREVER: i64 = 253_402_300_799;

impl Tokens {
    pub fn new(
        master_key: &[u8; limen_crypto::sealed::MASTER_KEY_LEN],
        config: TokenConfig,
    ) -> Self {
        Self {
            sealer: SecretBox::new(master_key),
            config,
        }
    }

    pub fn config(&self) -> &TokenConfig {
        &self.config
    }

    /// The two methods: `token` (HOTP and TOTP) and `token_cram` (OCRA).
    pub fn factors(self: &Arc<Self>) -> Vec<Arc<dyn crate::SecondFactor>> {
        vec![
            Arc::new(TokenFactor::new(limen_core::Method::Token, self.clone())),
            Arc::new(TokenFactor::new(
                limen_core::Method::TokenCram,
                self.clone(),
            )),
        ]
    }

    /// Seals a token's key for the store, bound to its serial.
    pub fn seal(&self, serial: &str, key: &Secret) -> String {
        self.sealer
            .seal(key.expose(), limen_store::serial_key(serial).as_bytes())
    }

    /// A token's key, opened only for as long as a code is checked.
    fn secret(&self, t: &StoredToken) -> Result<Secret, AuthnError> {
        self.sealer
            .open(&t.secret, t.serial_key.as_bytes())
            .map(Secret::new)
            .map_err(|e| AuthnError::Internal(format!("token {}: {e}", t.serial)))
    }

    fn hash(t: &StoredToken) -> Result<Hash, AuthnError> {
        Hash::parse(&t.algorithm).ok_or_else(|| {
            AuthnError::Internal(format!("token {}: hash {:?}", t.serial, t.algorithm))
        })
    }

    fn digits(t: &StoredToken) -> u8 {
        u8::try_from(t.digits).unwrap_or(0)
    }

    fn totp_params(t: &StoredToken) -> Result<totp::Params, AuthnError> {
        Ok(totp::Params {
            hash: Self::hash(t)?,
            digits: Self::digits(t),
            period: u64::try_from(t.period).unwrap_or(30).max(1),
            t0: u64::try_from(t.t0).unwrap_or(0),
        })
    }

    fn unix(now: OffsetDateTime) -> u64 {
        u64::try_from(now.unix_timestamp()).unwrap_or(0)
    }

    /// A typed code, as the token shows it: spaces dropped; `None` when it cannot be one of
    /// this token's codes.
    fn clean(t: &StoredToken, code: &str) -> Option<String> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let digits = usize::try_from(t.digits).ok()?;
        let ok = if t.kind == "ocra" && digits == 0 {
            // RFC 6287 §5.1: t = 0 is the full HMAC, written in hexadecimal.
            !code.is_empty() && code.len() <= 128 && code.chars().all(|c| c.is_ascii_hexdigit())
        } else {
            code.len() == digits && code.chars().all(|c| c.is_ascii_digit())
        };
        ok.then(|| code.to_ascii_lowercase())
    }

    /// Checks a code of a token (for OCRA, the response to `question`) and records the outcome:
    /// a right code moves the counter or the step (once). With `counted`, the code first takes
    /// one of the token's tries (RFC 4226 §7.3, throttling: taken before the comparison, so
    /// that parallel guesses share them); a wrong one keeps it and the last one locks the token
    /// (with an audit entry and the holder's e-mail). Binding an unassigned token is not
    /// counted on the token — anyone could lock the inventory so — but per account.
    pub async fn check(
        &self,
        cx: &Authn,
        t: &StoredToken,
        code: &str,
        question: Option<&str>,
        holder: Option<&Account>,
        counted: bool,
    ) -> Result<Verdict, AuthnError> {
        let now = cx.now();
        if t.blocked(now) {
            return Ok(Verdict::Blocked);
        }
        let Some(code) = Self::clean(t, code) else {
            return Ok(Verdict::Malformed);
        };
        // A CRAM answer without its question (the page's state lost) is no guess either.
        if t.kind == "ocra" && question.is_none() {
            return Ok(Verdict::Malformed);
        }
        if counted
            && cx
                .store()
                .reserve_token_try(t.id, self.config.max_failures, now)
                .await?
                .is_none()
        {
            return Ok(Verdict::Blocked);
        }
        let key = self.secret(t)?;
        let c = &self.config;
        let store = cx.store();
        let counter = u64::try_from(t.counter).unwrap_or(0);
        let verdict = match t.kind.as_str() {
            "hotp" => {
                let (hash, digits) = (Self::hash(t)?, Self::digits(t));
                match hotp::verify(key.expose(), hash, digits, counter, c.hotp_window, &code) {
                    Some(m) => used(store.use_token_counter(t.id, as_i64(m), now).await?),
                    None if c.auto_resync => {
                        let far = hotp::verify(
                            key.expose(),
                            hash,
                            digits,
                            counter,
                            c.hotp_resync_window,
                            &code,
                        );
                        self.auto_resync(cx, t, far.map(as_i64), |m| {
                            store.use_token_counter(t.id, m, now)
                        })
                        .await?
                    }
                    None => hotp_replay_or_wrong(&key, hash, digits, counter, c.hotp_window, &code),
                }
            }
            "totp" => {
                let p = Self::totp_params(t)?;
                let last = t.last_step.and_then(|s| u64::try_from(s).ok());
                let unix = Self::unix(now);
                match totp::verify(key.expose(), &p, unix, t.drift, last, c.totp_window, &code) {
                    // A clock further off than a resynchronisation reaches needs one (the drift
                    // does not creep without bound, one step per login).
                    Some(m) if m.drift.unsigned_abs() > c.totp_resync_window => Verdict::Wrong,
                    Some(m) => used(
                        store
                            .use_token_step(t.id, as_i64(m.step), m.drift, now)
                            .await?,
                    ),
                    None if c.auto_resync => {
                        let far = totp::verify(
                            key.expose(),
                            &p,
                            unix,
                            0,
                            last,
                            c.totp_resync_window,
                            &code,
                        );
                        self.auto_resync(cx, t, far.map(|m| as_i64(m.step)), |s| {
                            let drift = s - as_i64(totp::step(&p, unix));
                            store.use_token_step(t.id, s, drift, now)
                        })
                        .await?
                    }
                    None => totp_replay_or_wrong(&key, &p, unix, t, c.totp_window, &code),
                }
            }
            "ocra" => {
                let suite = suite_of(t)?;
                let question = question.unwrap_or_default();
                let timestamp = suite.time_steps(Self::unix(now));
                let input = ocra::Input {
                    question,
                    timestamp,
                    ..ocra::Input::default()
                };
                if suite.has_counter() {
                    match ocra::verify_counter(
                        &suite,
                        key.expose(),
                        &input,
                        counter,
                        c.hotp_window,
                        &code,
                    )
                    .map_err(|e| AuthnError::Internal(format!("token {}: {e}", t.serial)))?
                    {
                        Some(m) => used(store.use_token_counter(t.id, as_i64(m), now).await?),
                        None => Verdict::Wrong,
                    }
                } else if ocra::verify(&suite, key.expose(), &input, &code)
                    .map_err(|e| AuthnError::Internal(format!("token {}: {e}", t.serial)))?
                {
                    store.token_used(t.id, now).await?;
                    Verdict::Right
                } else {
                    Verdict::Wrong
                }
            }
            other => {
                return Err(AuthnError::Internal(format!(
                    "token {}: kind {other:?}",
                    t.serial
                )));
            }
        };
        match verdict {
            Verdict::Wrong if counted => self.failed(cx, t, holder).await?,
            // A code already used is no guess: its try is given back.
            Verdict::Replayed if counted => cx.store().release_token_try(t.id).await?,
            _ => {}
        }
        Ok(verdict)
    }

    /// Automatic resynchronisation: a code `far` beyond the window is remembered; the code of
    /// the very next counter or step then resynchronises the token (two consecutive codes, as
    /// an administrator's resync needs). Until then the code counts as wrong.
    async fn auto_resync<F, Fut>(
        &self,
        cx: &Authn,
        t: &StoredToken,
        far: Option<i64>,
        apply: F,
    ) -> Result<Verdict, AuthnError>
    where
        F: FnOnce(i64) -> Fut,
        Fut: std::future::Future<Output = Result<bool, limen_store::StoreError>>,
    {
        let Some(m) = far else {
            return Ok(Verdict::Wrong);
        };
        if t.pending_resync == Some(m - 1) {
            let done = apply(m).await?;
            if done {
                cx.audit_raw(
                    "token.resynced",
                    t.account_id,
                    "-",
                    serde_json::json!({"serial": t.serial, "by": "auto"}),
                )
                .await;
            }
            return Ok(used(done));
        }
        cx.store().set_token_pending_resync(t.id, Some(m)).await?;
        Ok(Verdict::Wrong)
    }

    /// A wrong code kept its try; when the tries are used up the token locks, and its holder
    /// is told.
    async fn failed(
        &self,
        cx: &Authn,
        t: &StoredToken,
        holder: Option<&Account>,
    ) -> Result<(), AuthnError> {
        let until = match self.config.lock {
            Some(d) => cx.now().checked_add(d).unwrap_or_else(forever),
            None => forever(),
        };
        let locked = cx
            .store()
            .token_try_failed(t.id, self.config.max_failures, until)
            .await?;
        if locked {
            let name = display_name(t);
            cx.audit(
                AuthEvent::TokenLocked {
                    serial: t.serial.clone(),
                },
                t.account_id,
                "-",
            )
            .await;
            if let Some(account) = holder {
                let unlocks = self.config.lock.map(|_| until);
                let notice = Notice::TokenLocked {
                    name,
                    until: unlocks,
                };
                cx.tell(account, notice).await;
            }
        }
        Ok(())
    }

    /// Resynchronises a token from two consecutive codes (`limen token resync`, binding in My
    /// account). Returns whether they matched (and the token moved forward).
    pub async fn resync(
        &self,
        cx: &Authn,
        t: &StoredToken,
        code1: &str,
        code2: &str,
    ) -> Result<bool, AuthnError> {
        let (Some(c1), Some(c2)) = (Self::clean(t, code1), Self::clean(t, code2)) else {
            return Ok(false);
        };
        let key = self.secret(t)?;
        let now = cx.now();
        let store = cx.store();
        match t.kind.as_str() {
            "hotp" => {
                let counter = u64::try_from(t.counter).unwrap_or(0);
                let m = hotp::resync(
                    key.expose(),
                    Self::hash(t)?,
                    Self::digits(t),
                    counter,
                    self.config.hotp_resync_window,
                    &c1,
                    &c2,
                );
                match m {
                    Some(second) => Ok(store
                        .resync_token(t.id, Some(as_i64(second).saturating_add(1)), None, now)
                        .await?),
                    None => Ok(false),
                }
            }
            "totp" => {
                let p = Self::totp_params(t)?;
                let last = t.last_step.and_then(|s| u64::try_from(s).ok());
                let m = totp::resync(
                    key.expose(),
                    &p,
                    Self::unix(now),
                    last,
                    self.config.totp_resync_window,
                    &c1,
                    &c2,
                );
                match m {
                    Some(m) => Ok(store
                        .resync_token(t.id, None, Some((as_i64(m.step), m.drift)), now)
                        .await?),
                    None => Ok(false),
                }
            }
            _ => Ok(false),
        }
    }
}

/// An OCRA token's suite (checked at import: an error here means a corrupt row).
fn suite_of(t: &StoredToken) -> Result<ocra::Suite, AuthnError> {
    ocra::Suite::parse(&t.suite)
        .map_err(|e| AuthnError::Internal(format!("token {}: {e}", t.serial)))
}

/// The name a token goes by: the one its holder gave, else its serial.
pub fn display_name(t: &StoredToken) -> String {
    if t.name.is_empty() {
        t.serial.clone()
    } else {
        t.name.clone()
    }
}

fn forever() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(FOREVER).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn as_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn used(moved: bool) -> Verdict {
    if moved {
        Verdict::Right
    } else {
        Verdict::Replayed
    }
}

/// An HOTP code the window refused: a replay when it is the code of one of the `window`
/// counters just used, else wrong.
fn hotp_replay_or_wrong(
    key: &Secret,
    hash: Hash,
    digits: u8,
    counter: u64,
    window: u64,
    code: &str,
) -> Verdict {
    if counter == 0 {
        return Verdict::Wrong;
    }
    let start = counter.saturating_sub(window.max(1));
    match hotp::verify(key.expose(), hash, digits, start, counter - 1 - start, code) {
        Some(_) => Verdict::Replayed,
        None => Verdict::Wrong,
    }
}

/// A TOTP code the window refused: a replay when it is the code of a step already used (the
/// user typed the same code twice, or someone replays it), else wrong. Only the steps of the
/// window are looked at.
fn totp_replay_or_wrong(
    key: &Secret,
    p: &totp::Params,
    unix: u64,
    t: &StoredToken,
    window: u64,
    code: &str,
) -> Verdict {
    let Some(last) = t.last_step.and_then(|s| u64::try_from(s).ok()) else {
        return Verdict::Wrong;
    };
    // The same window, without the replay guard: a match now can only be a used step.
    match totp::verify(key.expose(), p, unix, t.drift, None, window, code) {
        Some(m) if m.step <= last => Verdict::Replayed,
        _ => Verdict::Wrong,
    }
}
