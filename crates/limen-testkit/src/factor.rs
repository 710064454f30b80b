//! A second factor written outside the engine, through its public interface only — the proof
//! that the next methods plug in without touching the login controller (issue 12). It stands
//! for a challenge–response token (`PASSWORD_TOKEN`): each device has a secret; the page shows
//! a challenge; the right response is [`CodeFactor::response`]. Devices live in memory.

use limen_authn::{
    Answer, Authn, AuthnError, Binding, BoxFuture, Challenge, Device, Enrolment, Issued, Refused,
    SecondFactor, Verified,
};
use limen_core::{Account, Method};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct CodeFactor {
    /// Per account: (device, secret).
    devices: Mutex<HashMap<i64, Vec<(Device, String)>>>,
    next_id: Mutex<i64>,
}

impl CodeFactor {
    /// What a device with `secret` answers to `challenge`.
    pub fn response(secret: &str, challenge: &str) -> String {
        format!("{secret}{challenge}").chars().rev().collect()
    }

    /// The secret of an account's device, by name (what the physical token would hold).
    pub fn secret(&self, account: i64, name: &str) -> Option<String> {
        self.lock()
            .get(&account)?
            .iter()
            .find(|(d, _)| d.name == name)
            .map(|(_, s)| s.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Vec<(Device, String)>>> {
        self.devices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecondFactor for CodeFactor {
    fn method(&self) -> Method {
        Method::Token
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn devices<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<Device>, AuthnError>> {
        let list = self
            .lock()
            .get(&account.id)
            .map(|v| v.iter().map(|(d, _)| d.clone()).collect())
            .unwrap_or_default();
        Box::pin(async move { Ok(list) })
    }

    fn challenge<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
        devices: &'a [Device],
        _binding: &'a Binding,
        _context: &'a limen_authn::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        let challenge = limen_crypto::random_token(6);
        // The state: every acceptable response, with its device.
        let expected: Vec<(i64, String)> = self
            .lock()
            .get(&account.id)
            .map(|v| {
                v.iter()
                    .filter(|(d, _)| devices.iter().any(|x| x.id == d.id))
                    .map(|(d, s)| (d.id, Self::response(s, &challenge)))
                    .collect()
            })
            .unwrap_or_default();
        Box::pin(async move {
            let state = serde_json::to_string(&expected)
                .map_err(|e| AuthnError::Internal(e.to_string()))?;
            Ok(Ok((
                Challenge::Code {
                    shown: Some(challenge),
                    sent_to: None,
                    device: None,
                },
                state,
            )))
        })
    }

    fn verify<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        state: &'a str,
        answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Verified, Refused>, AuthnError>> {
        Box::pin(async move {
            let expected: Vec<(i64, String)> = serde_json::from_str(state).unwrap_or_default();
            let Answer::Code(code) = answer else {
                return Ok(Err(Refused::new("error-code-wrong", "not a code")));
            };
            Ok(match expected.iter().find(|(_, r)| r == code) {
                Some((device, _)) => Ok(Verified {
                    device: *device,
                    user_verified: false,
                    evidence: None,
                }),
                None => Err(Refused::new("error-code-wrong", "wrong code")),
            })
        })
    }

    fn enrol_start<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        _request: &'a Enrolment,
        _context: &'a limen_authn::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        // The token's secret, shown once (as an import would give it).
        let secret = limen_crypto::random_token(8);
        Box::pin(async move {
            Ok(Ok((
                Challenge::Code {
                    shown: Some(secret.clone()),
                    sent_to: None,
                    device: None,
                },
                secret,
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
            // The user proves they hold the token: the response to the challenge "0".
            if *answer != Answer::Code(Self::response(state, "0")) {
                return Ok(Err(Refused::new(
                    "error-code-wrong",
                    "wrong enrolment code",
                )));
            }
            let id = {
                let mut next = self
                    .next_id
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                *next += 1;
                *next
            };
            let device = Device {
                id,
                kind: "token".into(),
                name: request.name.clone(),
                detail: None,
                created_at: cx.now(),
                last_used_at: None,
                blocked: false,
            };
            self.lock()
                .entry(account.id)
                .or_default()
                .push((device.clone(), state.to_owned()));
            Ok(Ok(device))
        })
    }

    fn rename<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
        device: i64,
        name: &'a str,
    ) -> BoxFuture<'a, Result<bool, AuthnError>> {
        let mut map = self.lock();
        let found = map
            .get_mut(&account.id)
            .and_then(|v| v.iter_mut().find(|(d, _)| d.id == device));
        let done = match found {
            Some((d, _)) => {
                d.name = name.to_owned();
                true
            }
            None => false,
        };
        Box::pin(async move { Ok(done) })
    }

    fn remove<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
        device: i64,
    ) -> BoxFuture<'a, Result<Option<String>, AuthnError>> {
        let mut map = self.lock();
        let removed = map.get_mut(&account.id).and_then(|v| {
            let at = v.iter().position(|(d, _)| d.id == device)?;
            Some(v.remove(at).0.name)
        });
        Box::pin(async move { Ok(removed) })
    }

    fn remove_all<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<String>, AuthnError>> {
        let names = self
            .lock()
            .remove(&account.id)
            .map(|v| v.into_iter().map(|(d, _)| d.name).collect())
            .unwrap_or_default();
        Box::pin(async move { Ok(names) })
    }
}
