//! The three mobile methods as [`SecondFactor`]s, over one [`Mobile`].

use super::{Mobile, coarse_browser, coarse_network};
use crate::{
    Answer, Authn, AuthnError, Binding, BoxFuture, Challenge, Context, Device, Enrolment, Issued,
    Refused, SecondFactor, Verified,
};
use limen_core::{Account, Method};
use limen_crypto::constant_time_eq;
use limen_mobile::messages::{ChallengeKind, Display, Field, Origin, Transaction};
use limen_store::{MobileDevice, MobileStatus};
use std::sync::Arc;

/// One of the mobile methods: `mobile_app` (push), `software_token` (offline QR code) or
/// `on_mobile`. They share the account's devices; `mobile_app` manages them.
pub struct MobileFactor {
    method: Method,
    mobile: Arc<Mobile>,
}

impl MobileFactor {
    pub fn new(method: Method, mobile: Arc<Mobile>) -> Self {
        Self { method, mobile }
    }

    pub fn mobile(&self) -> &Arc<Mobile> {
        &self.mobile
    }

    /// What the device shows, as the server holds it: for a signature (issue 18) the
    /// transaction with every value, retyped ones included (spec §5.5). The challenge carries
    /// [`Display::as_sent`] of it; answers are checked against this one.
    fn display(context: &Context, binding: &Binding) -> Display {
        Display {
            service: if context.service.is_empty() {
                "Limen".into()
            } else {
                context.service.clone()
            },
            origin: Origin {
                ip: coarse_network(&context.ip),
                browser: coarse_browser(&context.user_agent),
            },
            tx: match binding {
                Binding::Sign(b) => Some(Transaction {
                    title: b.title.clone(),
                    fields: b
                        .fields
                        .iter()
                        .map(|f| Field {
                            label: f.label.clone(),
                            value: Some(f.value.clone()),
                            retype: f.retype,
                            pattern: f.pattern.clone().filter(|_| f.retype),
                        })
                        .collect(),
                }),
                Binding::Login | Binding::AddFactor => None,
            },
        }
    }

    /// The usable devices among `devices`, most recently used first.
    async fn chosen(
        &self,
        cx: &Authn,
        account: &Account,
        devices: &[Device],
    ) -> Result<Vec<MobileDevice>, AuthnError> {
        let mut chosen: Vec<MobileDevice> = self
            .mobile
            .devices_of(cx, account)
            .await?
            .into_iter()
            .filter(|d| d.status == MobileStatus::Active && devices.iter().any(|x| x.id == d.id))
            .collect();
        chosen.sort_by_key(|d| std::cmp::Reverse(d.last_used_at.unwrap_or(d.created_at)));
        Ok(chosen)
    }

    /// A push or On Mobile answer: the approved challenge, spent once.
    async fn verify_approval(
        &self,
        cx: &Authn,
        account: &Account,
        id: &str,
    ) -> Result<Result<Verified, Refused>, AuthnError> {
        let store = cx.store();
        let Some(c) = store
            .mobile_challenge(id)
            .await?
            .filter(|c| c.account_id == account.id)
        else {
            return Ok(Err(Refused::new("mobile-error-expired", "no challenge")));
        };
        let refused = match c.status.as_str() {
            "approved" => None,
            "denied" => Some(Refused::new("mobile-error-denied", "denied on the device")),
            "failed" => Some(Refused::new(
                "mobile-error-wrong-number",
                "wrong number or locked device",
            )),
            "pending" if cx.now() < c.expires_at => {
                Some(Refused::new("mobile-error-pending", "not answered yet"))
            }
            _ => Some(Refused::new("mobile-error-expired", "expired")),
        };
        if let Some(r) = refused {
            return Ok(Err(r));
        }
        let Some(spent) = store.spend_mobile_challenge(id).await? else {
            return Ok(Err(Refused::new("mobile-error-expired", "already used")));
        };
        let device = match spent.answered_by.as_deref() {
            Some(d) => store.mobile_device_by_device_id(d).await?,
            None => None,
        };
        // A signature's approval carries the device's own signed answer (spec §5.5).
        let evidence = match spent.evidence.as_deref() {
            Some(e) => Some(
                serde_json::from_str(e)
                    .map_err(|e| AuthnError::Internal(format!("mobile evidence: {e}")))?,
            ),
            None => None,
        };
        match device.filter(|d| d.account_id == account.id && d.status == MobileStatus::Active) {
            Some(d) => Ok(Ok(Verified {
                device: d.id,
                user_verified: true,
                evidence,
            })),
            None => Ok(Err(Refused::new(
                "mobile-error-device-removed",
                "the device is gone",
            ))),
        }
    }

    /// An offline code (spec §5.2): spent whatever the outcome; a wrong code counts as a wrong
    /// PIN for every active device of the account.
    async fn verify_code(
        &self,
        cx: &Authn,
        account: &Account,
        id: &str,
        code: &str,
    ) -> Result<Result<Verified, Refused>, AuthnError> {
        let store = cx.store();
        let typed: String = code
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let Some(c) = store
            .consume_mobile_challenge(id)
            .await?
            .filter(|c| c.account_id == account.id && c.kind == "offline")
        else {
            return Ok(Err(Refused::new("mobile-error-expired", "no challenge")));
        };
        if c.status != "pending" || cx.now() >= c.expires_at {
            return Ok(Err(Refused::new("mobile-error-expired", "expired")));
        }
        if typed.len() != 8 || !typed.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Err(Refused::new(
                "mobile-error-code-format",
                "not 8 digits",
            )));
        }
        // Spec §5.2: the code covers the whole payload as signed (not as this version reads it),
        // with the true value of every retyped field put in (§5.5): a device on which the user
        // typed another value makes another code.
        let (_, mut payload) = limen_mobile::jws::peek(&c.signed)
            .map_err(|e| AuthnError::Internal(format!("mobile challenge: {e}")))?;
        let truth: Display = serde_json::from_str(&c.display)
            .map_err(|e| AuthnError::Internal(format!("mobile display: {e}")))?;
        if let Some(tx) = &truth.tx {
            let values: Vec<&str> = tx
                .retyped()
                .map(|f| f.value.as_deref().unwrap_or_default())
                .collect();
            limen_mobile::messages::fill_payload_values(&mut payload, &values)
                .map_err(|e| AuthnError::Internal(format!("mobile challenge: {e}")))?;
        }
        let devices: Vec<MobileDevice> = self
            .mobile
            .devices_of(cx, account)
            .await?
            .into_iter()
            .filter(|d| d.status == MobileStatus::Active)
            .collect();
        let mut found = None;
        for d in &devices {
            let k = self.mobile.offline_key(d)?;
            let expected = limen_mobile::messages::offline_code_of_value(&k, &payload)
                .map_err(|e| AuthnError::Internal(format!("mobile code: {e}")))?;
            if constant_time_eq(expected.as_bytes(), typed.as_bytes()) && found.is_none() {
                found = Some(d);
            }
        }
        if let Some(d) = found {
            store.mobile_pin_success(&d.device_id).await?;
            store.touch_mobile_device(&d.device_id, cx.now()).await?;
            return Ok(Ok(Verified {
                device: d.id,
                user_verified: true,
                evidence: None,
            }));
        }
        // A wrong code is not held against the devices: it may come from anyone who has the
        // password (who could otherwise lock them all). The engine bounds typed answers per
        // login and per account instead (spec §5.2).
        Ok(Err(Refused::new("mobile-error-wrong-code", "wrong code")))
    }
}

impl SecondFactor for MobileFactor {
    fn method(&self) -> Method {
        self.method
    }

    fn devices_of(&self) -> Method {
        Method::MobileApp
    }

    fn challenge_sends(&self) -> bool {
        self.method == Method::MobileApp
    }

    fn blocked_means_compromised(&self) -> bool {
        // Locked by wrong PINs, which a thief of the phone can cause: removing it needs the
        // same proof as any device.
        false
    }

    fn offers_device_choice(&self) -> bool {
        // Push goes to the phone the user picks (seed 003); a QR code or a link is answered by
        // whichever device scans or opens it.
        self.method == Method::MobileApp
    }

    fn answers_can_be_guessed(&self) -> bool {
        // A typed code can be guessed; an approval is a signature over the PIN's proof, whose
        // wrong PINs the device counts.
        self.method == Method::SoftwareToken
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
                .mobile
                .devices_of(cx, account)
                .await?
                .iter()
                .map(Mobile::device)
                .collect())
        })
    }

    fn challenge<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        devices: &'a [Device],
        binding: &'a Binding,
        context: &'a Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let display = Self::display(context, binding);
            match self.method {
                Method::MobileApp => {
                    if self.mobile.push_held(cx, account).await? {
                        // Push fatigue (spec §8): no request goes out this hour.
                        let challenge = Challenge::Approval {
                            id: String::new(),
                            number: None,
                            link: None,
                            web_link: None,
                            notice: Some("mobile-notice-push-held"),
                        };
                        return Ok(Ok((challenge, String::new())));
                    }
                    let chosen = self.chosen(cx, account, devices).await?;
                    let Some(device) = chosen.first() else {
                        return Err(AuthnError::Internal("mobile: no device".into()));
                    };
                    let c = self
                        .mobile
                        .make_challenge(cx, account, ChallengeKind::Push, Some(device), display)
                        .await?;
                    let challenge = Challenge::Approval {
                        id: c.id.clone(),
                        number: Some(c.number.clone()),
                        link: None,
                        web_link: None,
                        notice: None,
                    };
                    Ok(Ok((challenge, c.id)))
                }
                Method::SoftwareToken => {
                    let c = self
                        .mobile
                        .make_challenge(cx, account, ChallengeKind::Offline, None, display)
                        .await?;
                    let link = limen_mobile::messages::challenge_link(&c.signed);
                    Ok(Ok((Challenge::Scan { link, wait: None }, c.id)))
                }
                _ => {
                    let c = self
                        .mobile
                        .make_challenge(cx, account, ChallengeKind::OnMobile, None, display)
                        .await?;
                    let issuer = &self.mobile.config().issuer;
                    let challenge = Challenge::Approval {
                        id: c.id.clone(),
                        number: None,
                        link: Some(limen_mobile::messages::on_mobile_link(issuer, &c.id)),
                        web_link: Some(limen_mobile::messages::web_app_link(issuer, &c.id)),
                        notice: None,
                    };
                    Ok(Ok((challenge, c.id)))
                }
            }
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
            if state.is_empty() {
                return Ok(Err(Refused::new(
                    "mobile-notice-push-held",
                    "push held (denials)",
                )));
            }
            match (self.method, answer) {
                (Method::SoftwareToken, Answer::Code(code)) => {
                    self.verify_code(cx, account, state, code).await
                }
                (Method::MobileApp | Method::OnMobile, Answer::Device) => {
                    self.verify_approval(cx, account, state).await
                }
                _ => Ok(Err(Refused::new(
                    "mobile-error-expired",
                    "wrong answer kind",
                ))),
            }
        })
    }

    fn enrol_start<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        request: &'a Enrolment,
        _context: &'a crate::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let pin = request.secret.as_deref().unwrap_or_default();
            let session = request.session_id.as_deref().unwrap_or_default();
            let (id, link) = self
                .mobile
                .start_enrolment(cx, account, &request.name, pin, session)
                .await?;
            Ok(Ok((
                Challenge::Scan {
                    link,
                    wait: Some(id.clone()),
                },
                id,
            )))
        })
    }

    fn enrol_finish<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        _request: &'a Enrolment,
        _state: &'a str,
        _answer: &'a Answer,
    ) -> BoxFuture<'a, Result<Result<Device, Refused>, AuthnError>> {
        // The enrolment ends on the device (spec §3 step 6), which records it.
        Box::pin(async move {
            Ok(Err(Refused::new(
                "mobile-error-enrol-on-device",
                "finished by the device",
            )))
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
            Ok(cx
                .store()
                .rename_mobile_device(account.id, device, name)
                .await?)
        })
    }

    fn remove<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
        device: i64,
    ) -> BoxFuture<'a, Result<Option<String>, AuthnError>> {
        Box::pin(async move {
            let removed = cx.store().delete_mobile_device(account.id, device).await?;
            Ok(removed.map(|d| {
                self.mobile.wake().revoked(&d.device_id);
                d.name
            }))
        })
    }

    fn remove_all<'a>(
        &'a self,
        cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<String>, AuthnError>> {
        Box::pin(async move {
            // The devices are the push method's; the other two share them.
            if self.method != Method::MobileApp {
                return Ok(Vec::new());
            }
            // Enrolments under way go too: a QR code shown before PANIC adds nothing after it.
            cx.store().delete_mobile_enrolments(account.id).await?;
            let removed = cx.store().delete_mobile_devices(account.id).await?;
            Ok(removed
                .into_iter()
                .filter(|d| d.status != MobileStatus::Pending)
                .map(|d| {
                    self.mobile.wake().revoked(&d.device_id);
                    d.name
                })
                .collect())
        })
    }
}
