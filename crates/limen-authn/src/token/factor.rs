//! `token` (HOTP and TOTP tokens: seed 003's "Token") and `token_cram` (OCRA tokens: "Token
//! CRAM") as [`SecondFactor`]s.
//!
//! Login: the account's tokens of the method are its devices; with several the user clicks the
//! one in hand, then types its code (or, CRAM, the token's response to the challenge shown).
//! My account: a token of the inventory is bound by its serial and proof that it is in hand —
//! two consecutive codes (which also resynchronise it), or the response to a challenge. Whether
//! a serial exists, belongs to someone else or is of the other kind is never told: every such
//! case ends in the same refusal after the codes.

use super::{Tokens, Verdict, display_name, suite_of};
use crate::{
    Answer, Authn, AuthnError, Binding, BoxFuture, Challenge, Context, Device, Enrolment, Issued,
    Refused, SecondFactor, Verified,
};
use limen_core::{Account, Method};
use limen_oath::{hotp, ocra};
use limen_store::StoredToken;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The question shown when binding a CRAM token that cannot be bound (unknown serial, another
/// account's, the wrong kind): the most common suite's form, so the page looks the same.
const DECOY_SUITE: &str = "OCRA-1:HOTP-SHA1-8:QN08";

/// Binding attempts (right or wrong) per account and hour.
const BIND_TRIES: i64 = 5;
const BIND_WINDOW: time::Duration = time::Duration::hours(1);

pub struct TokenFactor {
    method: Method,
    tokens: Arc<Tokens>,
}

/// What the engine keeps between a challenge and its answer.
#[derive(Debug, Serialize, Deserialize)]
struct State {
    /// The tokens that may answer (login), or the serial being bound (enrolment).
    #[serde(default)]
    ids: Vec<i64>,
    #[serde(default)]
    serial: Option<String>,
    /// CRAM: the question shown.
    #[serde(default)]
    question: Option<String>,
}

impl TokenFactor {
    pub fn new(method: Method, tokens: Arc<Tokens>) -> Self {
        Self { method, tokens }
    }

    pub fn tokens(&self) -> &Arc<Tokens> {
        &self.tokens
    }

    /// Whether a token of this kind is this method's.
    fn takes(&self, t: &StoredToken) -> bool {
        match self.method {
            Method::TokenCram => t.kind == "ocra",
            _ => t.kind == "hotp" || t.kind == "totp",
        }
    }

    async fn own(&self, cx: &Authn, account: &Account) -> Result<Vec<StoredToken>, AuthnError> {
        Ok(cx
            .store()
            .tokens_of(account.id)
            .await?
            .into_iter()
            .filter(|t| self.takes(t))
            .collect())
    }

    fn device(&self, cx: &Authn, t: &StoredToken) -> Device {
        Device {
            id: t.id,
            kind: t.kind.clone(),
            name: display_name(t),
            detail: Some(t.serial.clone()),
            created_at: t.assigned_at.unwrap_or(t.created_at),
            last_used_at: t.last_used_at,
            blocked: t.blocked(cx.now()),
        }
    }

    /// A question for an OCRA suite: random for a login; for a signature, derived from the
    /// transaction's digest (RFC 6287 §7.3, the signature modes: the challenge carries what is
    /// signed) by [`ocra::hashed_question`] over the digest's text (`txn_hash`, 43 base64url
    /// characters) — `QH` suites: the first `xx` hex digits of its SHA-256; `QN` suites: its
    /// SHA-256 as a big-endian integer modulo 10^`xx`, zero-padded to `xx` digits. A service
    /// holding the receipt recomputes the question from `txn_hash` alone. `None`: the suite
    /// cannot carry a transaction (`QA`).
    fn question(suite: &ocra::Suite, binding: &Binding) -> Option<String> {
        match binding {
            Binding::Sign(sign) => ocra::hashed_question(suite, sign.digest.as_bytes()).ok(),
            _ => Some(ocra::challenge(suite)),
        }
    }

    /// Whether a token's suite can carry a transaction's question ([`Self::question`]).
    fn can_sign(t: &StoredToken) -> bool {
        suite_of(t).is_ok_and(|s| s.question_format() != ocra::QuestionFormat::Alphanumeric)
    }

    /// A token this account may bind: in the inventory, of this method, nobody's, usable.
    async fn bindable(&self, cx: &Authn, serial: &str) -> Result<Option<StoredToken>, AuthnError> {
        Ok(cx
            .store()
            .token_by_serial(serial)
            .await?
            .filter(|t| self.takes(t) && t.account_id.is_none() && !t.blocked(cx.now())))
    }
}

/// A signature asked of tokens none of which can carry a transaction's question.
fn cannot_sign() -> Refused {
    Refused::new("token-error-cannot-sign", "suite cannot bind a transaction")
}

fn state_json(s: &State) -> Result<String, AuthnError> {
    serde_json::to_string(s).map_err(|e| AuthnError::Internal(e.to_string()))
}

impl SecondFactor for TokenFactor {
    fn method(&self) -> Method {
        self.method
    }

    // A wrong PIN-less code proves nothing about compromise; a locked token is unlocked by the
    // help desk or by time, and is removed with the same proof as any other.
    fn blocked_means_compromised(&self) -> bool {
        false
    }

    fn proof_id(&self, device: &Device) -> String {
        device
            .detail
            .clone()
            .unwrap_or_else(|| device.id.to_string())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn devices<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<Device>, AuthnError>> {
        Box::pin(async move {
            Ok(self
                .own(cx, account)
                .await?
                .iter()
                .map(|t| self.device(cx, t))
                .collect())
        })
    }

    fn challenge<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        devices: &'a [Device],
        binding: &'a Binding,
        _context: &'a Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let mut usable: Vec<StoredToken> = self
                .own(cx, account)
                .await?
                .into_iter()
                .filter(|t| !t.blocked(cx.now()) && devices.iter().any(|d| d.id == t.id))
                .collect();
            if self.method == Method::TokenCram && binding.is_sign() && !usable.is_empty() {
                // A signature needs a question derived from the transaction: tokens whose
                // suite takes letters cannot be given one (no mapping of a hash to letters
                // is one every keypad takes), and are honestly refused rather than shown a
                // random question that would bind nothing.
                usable.retain(Self::can_sign);
                if usable.is_empty() {
                    return Ok(Err(cannot_sign()));
                }
            }
            let mut question = None;
            if self.method == Method::TokenCram
                && let Some(first) = usable.first()
            {
                // One question for every token that takes it (same form and length).
                let suite = suite_of(first)?;
                let form = (suite.question_format(), suite.question_len());
                let Some(q) = Self::question(&suite, binding) else {
                    return Ok(Err(cannot_sign()));
                };
                question = Some(q);
                usable.retain(|t| {
                    suite_of(t).is_ok_and(|s| (s.question_format(), s.question_len()) == form)
                });
            }
            let device = match usable.as_slice() {
                [one] => Some(one.serial.clone()),
                _ => None,
            };
            let state = State {
                ids: usable.iter().map(|t| t.id).collect(),
                serial: None,
                question: question.clone(),
            };
            Ok(Ok((
                Challenge::Code {
                    shown: question,
                    sent_to: None,
                    device,
                },
                state_json(&state)?,
            )))
        })
    }

    fn verify<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Verified, Refused>, AuthnError>> {
        Box::pin(async move {
            let Ok(state) = serde_json::from_str::<State>(state) else {
                return Ok(Err(Refused::new("token-error-expired", "bad state")));
            };
            let Answer::Code(code) = answer else {
                return Ok(Err(Refused::new("token-error-wrong", "no code")));
            };
            // The most telling refusal among the tokens tried: a used code, then a wrong one,
            // then a malformed one; locked when every token refused for that.
            let mut outcome = (
                0,
                Refused::new("token-error-locked", "every token is locked"),
            );
            let mut tell = |rank: u8, refused: Refused| {
                if rank > outcome.0 {
                    outcome = (rank, refused);
                }
            };
            for id in state.ids {
                let Some(t) = cx
                    .store()
                    .token_by_id(id)
                    .await?
                    .filter(|t| t.account_id == Some(account.id) && self.takes(t))
                else {
                    continue;
                };
                let verdict = self
                    .tokens
                    .check(cx, &t, code, state.question.as_deref(), Some(account), true)
                    .await?;
                match verdict {
                    Verdict::Right => {
                        return Ok(Ok(Verified {
                            device: t.id,
                            user_verified: false,
                            evidence: None,
                        }));
                    }
                    Verdict::Replayed => {
                        tell(3, Refused::new("token-error-replayed", "code already used"))
                    }
                    Verdict::Wrong => {
                        let locked_now = cx
                            .store()
                            .token_by_id(t.id)
                            .await?
                            .is_some_and(|t| t.blocked(cx.now()));
                        tell(
                            2,
                            if locked_now {
                                Refused::new("token-error-locked", "wrong code; token locked")
                            } else {
                                Refused::new("token-error-wrong", "wrong code")
                            },
                        );
                    }
                    Verdict::Malformed => tell(
                        1,
                        Refused::new(
                            if self.method == Method::TokenCram {
                                "token-error-format-response"
                            } else {
                                "token-error-format"
                            },
                            "not a code of this token",
                        ),
                    ),
                    Verdict::Blocked => {}
                }
            }
            Ok(Err(outcome.1))
        })
    }

    fn enrol_start<'a>(
        &'a self,
        cx: &'a Authn,
        _account: &'a Account,
        request: &'a Enrolment,
        _context: &'a crate::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let serial = request.reference.clone().unwrap_or_default();
            let serial = serial.trim().to_owned();
            let token = self.bindable(cx, &serial).await?;
            let question = if self.method == Method::TokenCram {
                let suite = match &token {
                    Some(t) => suite_of(t)?,
                    // Not bindable: a question shaped like the inventory's CRAM tokens' (the
                    // latest imported), so that its shape does not tell.
                    None => {
                        let sample = cx.store().latest_ocra_suite().await?;
                        sample
                            .and_then(|s| ocra::Suite::parse(&s).ok())
                            .map_or_else(
                                || {
                                    ocra::Suite::parse(DECOY_SUITE)
                                        .map_err(|e| AuthnError::Internal(e.to_string()))
                                },
                                Ok,
                            )?
                    }
                };
                Some(ocra::challenge(&suite))
            } else {
                None
            };
            let state = State {
                ids: Vec::new(),
                serial: Some(serial.clone()),
                question: question.clone(),
            };
            Ok(Ok((
                Challenge::Code {
                    shown: question,
                    sent_to: None,
                    device: Some(serial),
                },
                state_json(&state)?,
            )))
        })
    }

    fn enrol_finish<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Device, Refused>, AuthnError>> {
        Box::pin(async move {
            let refused = |reason: &str| Ok(Err(Refused::new("token-error-bind", reason)));
            let Ok(state) = serde_json::from_str::<State>(state) else {
                return refused("bad state");
            };
            let Answer::Code(code) = answer else {
                return refused("no code");
            };
            // Tries per account, whatever the serial (known or not, so that both cost the
            // same): a token of the inventory is not locked by someone else's wrong codes.
            let now = cx.now();
            let tries = cx
                .store()
                .throttle_fail(&format!("token-bind:{}", account.id), now, BIND_WINDOW)
                .await?;
            if tries > BIND_TRIES {
                return Ok(Err(Refused::new(
                    "token-error-bind-throttled",
                    "too many binding attempts",
                )));
            }
            let Some(t) = self
                .bindable(cx, state.serial.as_deref().unwrap_or_default())
                .await?
            else {
                // As much work as checking a real token's codes, so that the time taken does
                // not tell which serials exist.
                let decoy = [0u8; 20];
                let window = self.tokens.config().hotp_resync_window;
                let _ = std::hint::black_box(hotp::resync(
                    &decoy,
                    limen_oath::Hash::Sha1,
                    6,
                    0,
                    window,
                    "000000",
                    "000000",
                ));
                return refused("no such token free to bind");
            };
            let proven = if self.method == Method::TokenCram {
                self.tokens
                    .check(cx, &t, code, state.question.as_deref(), None, false)
                    .await?
                    == Verdict::Right
            } else {
                // Two consecutive codes: they prove the token is in hand and resynchronise it.
                let mut codes = code.split([' ', ',', '\n']).filter(|c| !c.is_empty());
                match (codes.next(), codes.next(), codes.next()) {
                    (Some(c1), Some(c2), None) => self.tokens.resync(cx, &t, c1, c2).await?,
                    _ => false,
                }
            };
            if !proven {
                return refused("wrong codes");
            }
            let name = if request.name.is_empty() {
                t.serial.clone()
            } else {
                request.name.clone()
            };
            if !cx
                .store()
                .assign_token(t.id, account.id, &name, cx.now())
                .await?
            {
                return refused("bound by someone else meanwhile");
            }
            let t = cx.store().token_by_id(t.id).await?.unwrap_or(t);
            Ok(Ok(self.device(cx, &t)))
        })
    }

    fn rename<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
        name: &'a str,
    ) -> BoxFuture<'a, Result<bool, AuthnError>> {
        Box::pin(async move {
            if !self.own(cx, account).await?.iter().any(|t| t.id == device) {
                return Ok(false);
            }
            Ok(cx.store().rename_token(device, account.id, name).await?)
        })
    }

    fn remove<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
    ) -> BoxFuture<'a, Result<Option<String>, AuthnError>> {
        Box::pin(async move {
            let Some(t) = self
                .own(cx, account)
                .await?
                .into_iter()
                .find(|t| t.id == device)
            else {
                return Ok(None);
            };
            // Back to the inventory, usable again by whoever holds it and can bind it.
            let done = cx
                .store()
                .unassign_token(t.id, Some(account.id), false)
                .await?;
            Ok(done.then(|| display_name(&t)))
        })
    }

    fn remove_all<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<String>, AuthnError>> {
        Box::pin(async move {
            // PANIC, the help desk (the store does the same when an account is deleted): the
            // tokens leave the account
            // disabled — whoever holds them now cannot bind them until the help desk has
            // them back and unlocks them.
            let mut names = Vec::new();
            for t in self.own(cx, account).await? {
                if cx
                    .store()
                    .unassign_token(t.id, Some(account.id), true)
                    .await?
                {
                    names.push(display_name(&t));
                }
            }
            Ok(names)
        })
    }
}
