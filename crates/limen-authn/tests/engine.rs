//! The authentication engine on its own: no HTTP, a real store on every backend
//! (`LIMEN_TEST_PG` adds PostgreSQL), a clock moved by hand, a fast password hasher, and a
//! second factor written here (`CodeFactor`, a challenge–response token) registered through the
//! public [`SecondFactor`] interface, as a method written outside the crate would be.

use limen_authn::{
    Actor, Answer, Authn, AuthnConfig, AuthnError, Binding, BoxFuture, Challenge, Client, Counted,
    Device, Effects, EnrolStart, Enrolment, FactorChange, Freshness, Issued, MfaChange, Notice,
    PanicOutcome, PasswordOutcome, Refusal, Refused, Requirement, Satisfaction, SecondFactor,
    SignedIn, Step, Verified,
};
use limen_core::clock::ManualClock;
use limen_core::{
    Account, AccountStatus, AssuranceLevel, AuthLevel, Email, Method, MethodRule, PersonName,
    ServiceProtocol, SsoSession, Strength, UrlPattern, UserType,
};
use limen_crypto::{HashParams, PasswordHasher};
use limen_store::testdb::each_backend;
use limen_store::{NewAccount, NewService, SessionService, Store};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const PASSWORD: &str = "correct horse battery staple";
const WRONG: &str = "not the password";
const INTERNAL_DOMAIN: &str = "internal.example.org";

const BROWSER: Client<'static> = Client {
    ip: "192.0.2.10",
    user_agent: "engine test",
    sso_token: None,
};

/// The same browser, with its SSO cookie.
fn with_cookie(cookie: &str) -> Client<'_> {
    Client {
        sso_token: Some(cookie),
        ..BROWSER
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

// ---------------------------------------------------------------------------------------------
// A test-only second factor: a code token showing a challenge, answered by the challenge
// reversed.
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct CodeFactor {
    devices: Mutex<HashMap<i64, Vec<Device>>>,
    next_id: AtomicI64,
    /// The devices of every challenge made, in order.
    challenged: Mutex<Vec<Vec<i64>>>,
}

fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

impl CodeFactor {
    /// A device added behind the engine's back (the setup of a test).
    fn add(&self, account: &Account, name: &str, now: OffsetDateTime) -> i64 {
        let id = 1000 + self.next_id.fetch_add(1, Ordering::SeqCst);
        lock(&self.devices)
            .entry(account.id)
            .or_default()
            .push(Device {
                id,
                kind: "code".into(),
                name: name.into(),
                detail: None,
                created_at: now,
                last_used_at: None,
                blocked: false,
            });
        id
    }

    fn of(&self, account: &Account) -> Vec<Device> {
        lock(&self.devices)
            .get(&account.id)
            .cloned()
            .unwrap_or_default()
    }

    fn last_challenged(&self) -> Vec<i64> {
        lock(&self.challenged).last().cloned().unwrap_or_default()
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
        Box::pin(async move { Ok(self.of(account)) })
    }

    fn challenge<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        devices: &'a [Device],
        _binding: &'a Binding,
        _context: &'a limen_authn::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let shown = limen_crypto::random_token(9);
            let ids: Vec<i64> = devices.iter().map(|d| d.id).collect();
            lock(&self.challenged).push(ids.clone());
            // The state: the expected answer, then the devices it may come from.
            let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
            let state = format!("{} {}", reversed(&shown), ids.join(","));
            let challenge = Challenge::Code {
                shown: Some(shown),
                sent_to: None,
                device: None,
            };
            Ok(Ok((challenge, state)))
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
            let (expected, ids) = state
                .split_once(' ')
                .ok_or_else(|| AuthnError::Internal("code state".into()))?;
            if *answer != Answer::Code(expected.to_owned()) {
                return Ok(Err(Refused::new("error-code-wrong", "wrong code")));
            }
            let first: Option<i64> = ids.split(',').find_map(|i| i.parse().ok());
            let mut all = lock(&self.devices);
            let Some(device) = all
                .get_mut(&account.id)
                .and_then(|ds| ds.iter_mut().find(|d| Some(d.id) == first))
            else {
                return Ok(Err(Refused::new("error-code-wrong", "device gone")));
            };
            device.last_used_at = Some(cx.now());
            Ok(Ok(Verified {
                device: device.id,
                user_verified: false,
                evidence: None,
            }))
        })
    }

    fn enrol_start<'a>(
        &'a self,
        _cx: &'a Authn,
        _account: &'a Account,
        _request: &'a Enrolment,
        _context: &'a limen_authn::Context,
    ) -> BoxFuture<'a, Result<Issued, AuthnError>> {
        Box::pin(async move {
            let secret = limen_crypto::random_token(9);
            let state = reversed(&secret);
            let challenge = Challenge::Code {
                shown: Some(secret),
                sent_to: None,
                device: None,
            };
            Ok(Ok((challenge, state)))
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
            if *answer != Answer::Code(state.to_owned()) {
                return Ok(Err(Refused::new("error-code-wrong", "wrong code")));
            }
            let id = self.add(account, &request.name, cx.now());
            let device = self
                .of(account)
                .into_iter()
                .find(|d| d.id == id)
                .ok_or_else(|| AuthnError::Internal("enrolled device".into()))?;
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
        Box::pin(async move {
            let mut all = lock(&self.devices);
            let found = all
                .get_mut(&account.id)
                .and_then(|ds| ds.iter_mut().find(|d| d.id == device));
            Ok(found.map(|d| d.name = name.to_owned()).is_some())
        })
    }

    fn remove<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
        device: i64,
    ) -> BoxFuture<'a, Result<Option<String>, AuthnError>> {
        Box::pin(async move {
            let mut all = lock(&self.devices);
            let Some(ds) = all.get_mut(&account.id) else {
                return Ok(None);
            };
            let Some(at) = ds.iter().position(|d| d.id == device) else {
                return Ok(None);
            };
            Ok(Some(ds.remove(at).name))
        })
    }

    fn remove_all<'a>(
        &'a self,
        _cx: &'a Authn,
        account: &'a Account,
    ) -> BoxFuture<'a, Result<Vec<String>, AuthnError>> {
        Box::pin(async move {
            let removed = lock(&self.devices).remove(&account.id).unwrap_or_default();
            Ok(removed.into_iter().map(|d| d.name).collect())
        })
    }
}

/// The right answer to a code challenge.
fn right(challenge: &Challenge) -> Answer {
    match challenge {
        Challenge::Code {
            shown: Some(shown), ..
        } => Answer::Code(reversed(shown)),
        other => panic!("not a code challenge: {other:?}"),
    }
}

fn wrong() -> Answer {
    Answer::Code("certainly not the code".into())
}

// ---------------------------------------------------------------------------------------------
// Effects that remember what they were asked to do.
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct RecordingEffects {
    notices: Mutex<Vec<(i64, Notice)>>,
    /// One entry per single logout: the names of the services told.
    logouts: Mutex<Vec<Vec<String>>>,
    counted: Mutex<Vec<Counted>>,
}

/// The token of the last PANIC link sent to `account`.
fn last_panic_link(effects: &RecordingEffects, account: i64) -> String {
    effects
        .notices()
        .into_iter()
        .rev()
        .find_map(|(id, n)| match n {
            Notice::PanicConfirm { token, .. } if id == account => Some(token),
            _ => None,
        })
        .expect("a PANIC link was sent")
}

impl RecordingEffects {
    fn notices(&self) -> Vec<(i64, Notice)> {
        lock(&self.notices).clone()
    }
    fn logouts(&self) -> usize {
        lock(&self.logouts).len()
    }
    fn verdicts(&self) -> Vec<Counted> {
        lock(&self.counted).clone()
    }
}

impl Effects for RecordingEffects {
    fn logout(&self, visited: Vec<SessionService>) -> usize {
        let told = visited.len();
        lock(&self.logouts).push(visited.into_iter().map(|v| v.service_name).collect());
        told
    }

    fn counted(&self, verdict: Counted) {
        lock(&self.counted).push(verdict);
    }

    fn notify<'a>(
        &'a self,
        account: &'a Account,
        notice: Notice,
    ) -> BoxFuture<'a, Result<(), AuthnError>> {
        lock(&self.notices).push((account.id, notice));
        Box::pin(async { Ok(()) })
    }
}

// ---------------------------------------------------------------------------------------------
// The fixture.
// ---------------------------------------------------------------------------------------------

struct Fx {
    authn: Authn,
    store: Store,
    clock: Arc<ManualClock>,
    effects: Arc<RecordingEffects>,
    codes: Arc<CodeFactor>,
    hasher: PasswordHasher,
}

fn fast_hasher() -> PasswordHasher {
    PasswordHasher::new(
        HashParams {
            memory_kib: 256,
            iterations: 1,
            parallelism: 1,
        },
        2,
    )
    .expect("hasher")
}

fn config() -> AuthnConfig {
    let mut config = AuthnConfig::new("https://login.example.org");
    config.internal_domains = vec![INTERNAL_DOMAIN.to_owned()];
    // The test factor stands in as `token`, which is for staff only by default: here, for
    // everyone.
    config
        .methods
        .set(Method::Token, limen_core::MethodRule::default());
    config
}

impl Fx {
    fn new(store: Store) -> Self {
        let clock = Arc::new(ManualClock::new(datetime!(2026-05-04 10:00 UTC)));
        let effects = Arc::new(RecordingEffects::default());
        let codes = Arc::new(CodeFactor::default());
        let hasher = fast_hasher();
        let authn = Self::engine(&store, &hasher, &clock, &effects, &codes, config());
        Self {
            authn,
            store,
            clock,
            effects,
            codes,
            hasher,
        }
    }

    fn engine(
        store: &Store,
        hasher: &PasswordHasher,
        clock: &Arc<ManualClock>,
        effects: &Arc<RecordingEffects>,
        codes: &Arc<CodeFactor>,
        config: AuthnConfig,
    ) -> Authn {
        Authn::new(
            store.clone(),
            hasher.clone(),
            clock.clone(),
            config,
            effects.clone(),
        )
        .with_factor(codes.clone())
    }

    /// Another engine on the same store, clock, effects and devices, with other settings.
    fn engine_with(&self, configure: impl FnOnce(&mut AuthnConfig)) -> Authn {
        let mut config = config();
        configure(&mut config);
        Self::engine(
            &self.store,
            &self.hasher,
            &self.clock,
            &self.effects,
            &self.codes,
            config,
        )
    }

    fn now(&self) -> OffsetDateTime {
        self.authn.now()
    }

    /// An active account with [`PASSWORD`]; internal when its domain is.
    async fn account(&self, email: &str) -> Account {
        let email = Email::parse(email).expect("test e-mail");
        let hash = self.hasher.hash(PASSWORD).await.expect("hash");
        let account = self
            .store
            .create_account(
                NewAccount {
                    user_type: UserType::for_email(&email, &self.authn.config().internal_domains),
                    email,
                    first_name: Some(PersonName::parse("Ada").expect("name")),
                    last_name: PersonName::parse("Lovelace").expect("name"),
                    status: AccountStatus::Active,
                    assurance: AssuranceLevel::Low,
                    email_locale: "en".into(),
                    password_hash: None,
                },
                self.now(),
            )
            .await
            .expect("create account");
        self.store
            .set_password(account.id, &hash, self.now())
            .await
            .expect("set password");
        self.reload(&account).await
    }

    async fn reload(&self, account: &Account) -> Account {
        self.store
            .account_by_id(account.id)
            .await
            .expect("read account")
            .expect("account exists")
    }

    fn add_device(&self, account: &Account, name: &str) -> i64 {
        self.codes.add(account, name, self.now())
    }

    /// Signs in with the password alone, in a new browser.
    async fn password_login(&self, account: &Account) -> SignedIn {
        let step = self
            .authn
            .submit_password(&any(), &account.email, Method::Password, PASSWORD, &BROWSER)
            .await
            .expect("submit password");
        let Step::SignedIn(signed_in) = step else {
            panic!("password login: {step:?}");
        };
        assert!(
            signed_in.new_cookie.is_some(),
            "a new browser: a new cookie"
        );
        signed_in
    }

    /// Signs in with the password and the token (the first device when there are several), in
    /// a new browser.
    async fn token_login(&self, account: &Account) -> SignedIn {
        let mut step = self
            .authn
            .submit_password(&any(), &account.email, Method::Token, PASSWORD, &BROWSER)
            .await
            .expect("submit password");
        if let Step::ChooseDevice { tx, devices, .. } = &step {
            step = self
                .authn
                .choose_device(tx, Some(devices[0].id), &BROWSER)
                .await
                .expect("choose device");
        }
        let Step::Challenge { tx, challenge, .. } = step else {
            panic!("token login: {step:?}");
        };
        let step = self
            .authn
            .answer(&tx, &right(&challenge), &BROWSER)
            .await
            .expect("answer");
        let Step::SignedIn(signed_in) = step else {
            panic!("token answer: {step:?}");
        };
        signed_in
    }

    /// The session a cookie names now, if any.
    async fn session(&self, cookie: &str) -> Option<SsoSession> {
        self.authn
            .current_session(Some(cookie))
            .await
            .expect("current session")
            .map(|(s, _)| s)
    }
}

/// A requirement any strength satisfies.
fn any() -> Requirement {
    Requirement::strengths(Strength::ALL.to_vec())
}

fn strengths(session: &SsoSession) -> Vec<Strength> {
    session.proofs.iter().map(|p| p.strength).collect()
}

fn cookie(signed_in: &SignedIn) -> String {
    signed_in.new_cookie.clone().expect("a new cookie")
}

fn email(s: &str) -> Email {
    Email::parse(s).expect("test e-mail")
}

// ---------------------------------------------------------------------------------------------
// 1. The login transaction.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn login_transaction_from_identification_to_signed_in() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;

        // Identification, before any device: the password, and the token to register.
        let before = fx
            .authn
            .situation(&any(), &a.email, &BROWSER, false)
            .await
            .unwrap();
        assert_eq!(before.account.as_ref().map(|x| x.id), Some(a.id));
        assert_eq!(before.offer.usable, vec![Method::Password]);
        assert_eq!(before.offer.to_register, vec![Method::Token]);
        assert!(before.password_known.is_none());

        // An unknown address gets exactly the offer of an account with the password alone.
        let unknown = fx
            .authn
            .situation(&any(), &email("nobody@example.com"), &BROWSER, false)
            .await
            .unwrap();
        assert!(unknown.account.is_none());
        assert_eq!(unknown.offer, before.offer);

        // The token can't be chosen before it is enrolled.
        let step = fx
            .authn
            .submit_password(&any(), &a.email, Method::Token, PASSWORD, &BROWSER)
            .await
            .unwrap();
        assert!(
            matches!(step, Step::Refused(Refusal::MethodUnavailable)),
            "{step:?}"
        );

        // Enrolment from a password session, through the engine.
        let first = fx.password_login(&a).await;
        let start = fx
            .authn
            .enrol_start(
                Method::Token,
                &first.session,
                &a,
                Enrolment {
                    name: "  My token ".into(),
                    kind: None,
                    reference: None,
                    secret: None,
                    session_id: None,
                },
                &Client::CLI,
            )
            .await
            .unwrap();
        let EnrolStart::Started { tx, challenge } = start else {
            panic!("enrol start: {start:?}");
        };
        let client = with_cookie(first.new_cookie.as_deref().unwrap());
        let (method, device) = fx
            .authn
            .enrol_finish(&tx, &first.session, &a, &right(&challenge), &client)
            .await
            .unwrap()
            .expect("enrolled");
        assert_eq!(method, Method::Token);
        assert_eq!(device.name, "My token");
        assert_eq!(
            fx.effects.notices().last(),
            Some(&(
                a.id,
                Notice::FactorAdded {
                    name: "My token".into()
                }
            ))
        );

        // Identification now offers the token too.
        let after = fx
            .authn
            .situation(&any(), &a.email, &BROWSER, false)
            .await
            .unwrap();
        assert_eq!(after.offer.usable, vec![Method::Password, Method::Token]);
        assert!(after.offer.to_register.is_empty());

        // The password with the token chosen: the challenge, not yet a session.
        let sessions_before = fx.store.session_ids_of_account(a.id).await.unwrap().len();
        let step = fx
            .authn
            .submit_password(&any(), &a.email, Method::Token, PASSWORD, &BROWSER)
            .await
            .unwrap();
        let Step::Challenge {
            tx: tx1,
            method,
            challenge,
            error,
            account,
        } = step
        else {
            panic!("challenge expected: {step:?}");
        };
        assert_eq!(method, Method::Token);
        assert!(error.is_none());
        assert_eq!(account.id, a.id);
        assert!(matches!(
            challenge,
            Challenge::Code {
                shown: Some(_),
                sent_to: None,
                device: None,
            }
        ));
        assert_eq!(fx.codes.last_challenged(), vec![device.id]);
        assert_eq!(
            fx.store.session_ids_of_account(a.id).await.unwrap().len(),
            sessions_before,
            "no session before the second factor"
        );

        // A wrong answer: the challenge again, with the error, under a new token.
        let step = fx.authn.answer(&tx1, &wrong(), &BROWSER).await.unwrap();
        let Step::Challenge {
            tx: tx2,
            challenge: challenge2,
            error,
            ..
        } = step
        else {
            panic!("challenge again expected: {step:?}");
        };
        assert_eq!(error.map(|e| e.message_key), Some("error-code-wrong"));
        assert_ne!(tx2, tx1, "a new transaction");
        assert_ne!(challenge2, challenge, "a new challenge");

        // The first token is spent: even the right answer to it is refused.
        let step = fx
            .authn
            .answer(&tx1, &right(&challenge), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");

        // The right answer to the new challenge signs in.
        let step = fx
            .authn
            .answer(&tx2, &right(&challenge2), &BROWSER)
            .await
            .unwrap();
        let Step::SignedIn(signed_in) = step else {
            panic!("signed in expected: {step:?}");
        };
        assert_eq!(signed_in.account.id, a.id);
        assert_eq!(
            strengths(&signed_in.session),
            vec![Strength::Password, Strength::PasswordToken]
        );
        let new_cookie = cookie(&signed_in);
        let stored = fx
            .session(&new_cookie)
            .await
            .expect("the session is stored");
        assert_eq!(stored.id, signed_in.session.id);
        assert_eq!(
            strengths(&stored),
            vec![Strength::Password, Strength::PasswordToken]
        );
        assert!(stored.proofs.iter().all(|p| p.at == fx.now()));

        // And the answered token is spent too.
        let step = fx
            .authn
            .answer(&tx2, &right(&challenge2), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");
        // Not a token at all.
        let step = fx
            .authn
            .answer("no such token", &right(&challenge2), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 2. Step-up.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn step_up_adds_the_factor_to_the_same_session() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        let device = fx.add_device(&a, "Token");
        let high = Requirement::level(AuthLevel::High);

        let first = fx.password_login(&a).await;
        let c = cookie(&first);
        assert_eq!(strengths(&first.session), vec![Strength::Password]);

        // The page knows the password is proven: only the token is shown.
        let situation = fx
            .authn
            .situation(&high, &a.email, &with_cookie(&c), false)
            .await
            .unwrap();
        assert_eq!(
            situation.password_known.as_ref().map(|s| &s.id),
            Some(&first.session.id)
        );
        assert_eq!(situation.shown(), vec![Method::Token]);

        let step = fx
            .authn
            .step_up(&high, &a.email, Method::Token, &with_cookie(&c), false)
            .await
            .unwrap();
        let Step::Challenge { tx, challenge, .. } = step else {
            panic!("step-up challenge: {step:?}");
        };
        assert_eq!(fx.codes.last_challenged(), vec![device]);
        let step = fx
            .authn
            .answer(&tx, &right(&challenge), &with_cookie(&c))
            .await
            .unwrap();
        let Step::SignedIn(stepped) = step else {
            panic!("step-up answer: {step:?}");
        };
        assert!(
            stepped.new_cookie.is_none(),
            "the same session, no new cookie"
        );
        assert_eq!(stepped.session.id, first.session.id);
        assert_eq!(
            strengths(&stepped.session),
            vec![Strength::Password, Strength::PasswordToken]
        );
        let stored = fx.session(&c).await.expect("still signed in");
        assert_eq!(
            strengths(&stored),
            vec![Strength::Password, Strength::PasswordToken]
        );
        assert_eq!(
            fx.authn.check(&high, &stored, &a, false).await.unwrap(),
            Satisfaction::Satisfied(stored.proofs[1].clone())
        );
        assert_eq!(
            fx.store.session_ids_of_account(a.id).await.unwrap().len(),
            1
        );
        // The audit log tells the step-up from the login that started the session.
        let logins = |account_id| {
            let store = fx.store.clone();
            async move {
                let filter = limen_store::AuditFilter {
                    event: Some("login.success".into()),
                    account_id: Some(account_id),
                    ..limen_store::AuditFilter::default()
                };
                store
                    .search_audit(&filter, 10)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| r.entry.detail)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            logins(a.id).await,
            vec![
                serde_json::json!({"method": "PASSWORD_TOKEN", "step_up": true}),
                serde_json::json!({"method": "PASSWORD"}),
            ]
        );
        // The same factor in a new browser starts a session: a login, not a step-up.
        let fresh = fx.token_login(&a).await;
        assert!(fresh.new_cookie.is_some());
        assert_eq!(
            logins(a.id).await[0],
            serde_json::json!({"method": "PASSWORD_TOKEN"})
        );
        fx.authn.end_session(&fresh.session.id).await.unwrap();

        // A step-up transaction answered from a browser without the session: gone.
        let step = fx
            .authn
            .step_up(&high, &a.email, Method::Token, &with_cookie(&c), false)
            .await
            .unwrap();
        let Step::Challenge { tx, challenge, .. } = step else {
            panic!("step-up challenge: {step:?}");
        };
        let step = fx
            .authn
            .answer(&tx, &right(&challenge), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");

        // ... or from another browser of the same account, with a session of its own.
        let other = fx.password_login(&a).await;
        let other_cookie = cookie(&other);
        let step = fx
            .authn
            .step_up(&high, &a.email, Method::Token, &with_cookie(&c), false)
            .await
            .unwrap();
        let Step::Challenge { tx, challenge, .. } = step else {
            panic!("step-up challenge: {step:?}");
        };
        let step = fx
            .authn
            .answer(&tx, &right(&challenge), &with_cookie(&other_cookie))
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");
        let other_now = fx.session(&other_cookie).await.expect("other session");
        assert_eq!(strengths(&other_now), vec![Strength::Password]);

        // Without a session, or for a fresh login: the password is needed.
        for (client, fresh) in [(BROWSER, false), (with_cookie(&c), true)] {
            let step = fx
                .authn
                .step_up(&high, &a.email, Method::Token, &client, fresh)
                .await
                .unwrap();
            assert!(
                matches!(step, Step::Refused(Refusal::PasswordNeeded)),
                "{step:?}"
            );
        }

        // Another account's session does not step this one up.
        let b = fx.account("bob@example.com").await;
        let b_in = fx.password_login(&b).await;
        let b_cookie = cookie(&b_in);
        let step = fx
            .authn
            .step_up(
                &high,
                &a.email,
                Method::Token,
                &with_cookie(&b_cookie),
                false,
            )
            .await
            .unwrap();
        assert!(
            matches!(step, Step::Refused(Refusal::PasswordNeeded)),
            "{step:?}"
        );

        // A method the account has not enrolled (or that is not wired here).
        for method in [Method::Token, Method::Webauthn] {
            let step = fx
                .authn
                .step_up(&any(), &b.email, method, &with_cookie(&b_cookie), false)
                .await
                .unwrap();
            assert!(
                matches!(step, Step::Refused(Refusal::MethodUnavailable)),
                "{method:?}: {step:?}"
            );
        }
        let b_now = fx.session(&b_cookie).await.expect("b's session");
        assert_eq!(strengths(&b_now), vec![Strength::Password]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 3. Expiry.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_challenge_expires_after_the_transaction_lifetime() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        fx.add_device(&a, "Token");
        assert_eq!(fx.authn.config().transaction_ttl, Duration::minutes(5));

        let (fx, a) = (&fx, &a);
        let challenge_now = move || async move {
            let step = fx
                .authn
                .submit_password(&any(), &a.email, Method::Token, PASSWORD, &BROWSER)
                .await
                .unwrap();
            let Step::Challenge { tx, challenge, .. } = step else {
                panic!("challenge: {step:?}");
            };
            (tx, challenge)
        };

        // Just inside the lifetime: accepted.
        let (tx, challenge) = challenge_now().await;
        fx.clock
            .advance(Duration::minutes(5) - Duration::seconds(1));
        let step = fx
            .authn
            .answer(&tx, &right(&challenge), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::SignedIn(_)), "{step:?}");

        // Past it: gone, even with the right answer.
        let (tx, challenge) = challenge_now().await;
        fx.clock
            .advance(Duration::minutes(5) + Duration::seconds(1));
        let step = fx
            .authn
            .answer(&tx, &right(&challenge), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");

        // A device choice expires the same way.
        fx.add_device(a, "Second token");
        let step = fx
            .authn
            .submit_password(&any(), &a.email, Method::Token, PASSWORD, &BROWSER)
            .await
            .unwrap();
        let Step::ChooseDevice { tx, devices, .. } = step else {
            panic!("choose: {step:?}");
        };
        fx.clock.advance(Duration::minutes(6));
        let step = fx
            .authn
            .choose_device(&tx, Some(devices[0].id), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 4. Choosing a device.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn several_devices_are_chosen_from() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        let blue = fx.add_device(&a, "Blue");
        let red = fx.add_device(&a, "Red");
        let b = fx.account("bob@example.com").await;
        let bobs = fx.add_device(&b, "Bob's");

        let (fx, a) = (&fx, &a);
        let choose = move || async move {
            let step = fx
                .authn
                .submit_password(&any(), &a.email, Method::Token, PASSWORD, &BROWSER)
                .await
                .unwrap();
            let Step::ChooseDevice {
                tx,
                method,
                devices,
                account,
            } = step
            else {
                panic!("device choice: {step:?}");
            };
            assert_eq!(method, Method::Token);
            assert_eq!(account.id, a.id);
            let listed: Vec<(i64, String)> = devices.into_iter().map(|d| (d.id, d.name)).collect();
            assert_eq!(listed, vec![(blue, "Blue".into()), (red, "Red".into())]);
            tx
        };

        // The red one: its challenge is for it alone, and it is the one used.
        let tx = choose().await;
        let challenges = lock(&fx.codes.challenged).len();
        let step = fx
            .authn
            .choose_device(&tx, Some(red), &BROWSER)
            .await
            .unwrap();
        let Step::Challenge {
            tx: answer_tx,
            challenge,
            ..
        } = step
        else {
            panic!("challenge: {step:?}");
        };
        assert_eq!(lock(&fx.codes.challenged).len(), challenges + 1);
        assert_eq!(fx.codes.last_challenged(), vec![red]);
        // The choice is spent.
        let step = fx
            .authn
            .choose_device(&tx, Some(red), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");
        let step = fx
            .authn
            .answer(&answer_tx, &right(&challenge), &BROWSER)
            .await
            .unwrap();
        let Step::SignedIn(signed_in) = step else {
            panic!("signed in: {step:?}");
        };
        assert_eq!(
            strengths(&signed_in.session),
            vec![Strength::Password, Strength::PasswordToken]
        );
        let used: Vec<(i64, bool)> = fx
            .codes
            .of(a)
            .iter()
            .map(|d| (d.id, d.last_used_at.is_some()))
            .collect();
        assert_eq!(used, vec![(blue, false), (red, true)]);

        // A device the account does not have (unknown, or another account's).
        for id in [999_999, bobs] {
            let tx = choose().await;
            let step = fx
                .authn
                .choose_device(&tx, Some(id), &BROWSER)
                .await
                .unwrap();
            assert!(
                matches!(step, Step::Refused(Refusal::NoDevice(Method::Token))),
                "{id}: {step:?}"
            );
        }

        // No device named: the choice again, under a new token.
        let tx = choose().await;
        let step = fx.authn.choose_device(&tx, None, &BROWSER).await.unwrap();
        let Step::ChooseDevice { tx: again, .. } = step else {
            panic!("the choice again: {step:?}");
        };
        assert_ne!(again, tx);

        // A choice token is not a challenge token.
        let step = fx
            .authn
            .answer(&again, &Answer::Code("x".into()), &BROWSER)
            .await
            .unwrap();
        assert!(matches!(step, Step::Refused(Refusal::Gone)), "{step:?}");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 5. Requirements.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn requirements_are_checked_against_the_session() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        fx.add_device(&a, "Token");
        let high = Requirement::level(AuthLevel::High);
        let basic = Requirement::level(AuthLevel::Basic);

        let pwd = fx.password_login(&a).await.session;
        assert_eq!(
            fx.authn.check(&high, &pwd, &a, true).await.unwrap(),
            Satisfaction::StepUp
        );
        assert_eq!(
            fx.authn.check(&basic, &pwd, &a, false).await.unwrap(),
            Satisfaction::Satisfied(pwd.proofs[0].clone())
        );

        let both = fx.token_login(&a).await.session;
        let token_proof = both
            .proofs
            .iter()
            .find(|p| p.strength == Strength::PasswordToken)
            .cloned()
            .expect("token proof");
        assert_eq!(
            fx.authn.check(&high, &both, &a, false).await.unwrap(),
            Satisfaction::Satisfied(token_proof.clone())
        );
        // The strongest accepted proof is the one given, for a requirement accepting both.
        assert_eq!(
            fx.authn.check(&basic, &both, &a, false).await.unwrap(),
            Satisfaction::Satisfied(token_proof.clone())
        );

        // The account's identity assurance is too low: no proof helps.
        let assured = high.clone().with_assurance(AssuranceLevel::Medium);
        assert_eq!(
            fx.authn.check(&assured, &both, &a, true).await.unwrap(),
            Satisfaction::InsufficientAssurance
        );

        // Freshness: max_age 60 s.
        let fresh = high.clone().with_freshness(Freshness::Fresh {
            max_age: Some(60),
            prompt_login: false,
        });
        fx.clock.advance(Duration::seconds(60));
        assert_eq!(
            fx.authn.check(&fresh, &both, &a, false).await.unwrap(),
            Satisfaction::Satisfied(token_proof.clone()),
            "60 s old is still fresh enough"
        );
        fx.clock.advance(Duration::seconds(1));
        assert_eq!(
            fx.authn.check(&fresh, &both, &a, false).await.unwrap(),
            Satisfaction::Reauthenticate
        );
        assert_eq!(
            fx.authn.check(&fresh, &both, &a, true).await.unwrap(),
            Satisfaction::Satisfied(token_proof.clone())
        );
        // prompt=login, max_age=0: always again, unless this very login made the proof.
        for freshness in [
            Freshness::Fresh {
                max_age: None,
                prompt_login: true,
            },
            Freshness::Fresh {
                max_age: Some(0),
                prompt_login: false,
            },
        ] {
            let req = high.clone().with_freshness(freshness);
            assert_eq!(
                fx.authn.check(&req, &both, &a, false).await.unwrap(),
                Satisfaction::Reauthenticate,
                "{freshness:?}"
            );
            assert_eq!(
                fx.authn.check(&req, &both, &a, true).await.unwrap(),
                Satisfaction::Satisfied(token_proof.clone()),
                "{freshness:?}"
            );
        }

        // The token retired (yesterday): its proof no longer counts.
        let yesterday = fx.now().date().previous_day().expect("a day before");
        let retired = fx.engine_with(|c| {
            c.methods.set(
                Method::Token,
                MethodRule {
                    retire_on: Some(yesterday),
                    ..MethodRule::default()
                },
            );
        });
        assert!(!retired.is_live(Method::Token));
        assert_eq!(
            retired.check(&high, &both, &a, true).await.unwrap(),
            Satisfaction::StepUp
        );
        let password_proof = both.proofs[0].clone();
        assert_eq!(password_proof.strength, Strength::Password);
        assert_eq!(
            retired.check(&basic, &both, &a, true).await.unwrap(),
            Satisfaction::Satisfied(password_proof)
        );
        // Retiring tomorrow: still live today.
        let tomorrow = fx.now().date().next_day().expect("a day after");
        let retiring = fx.engine_with(|c| {
            c.methods.set(
                Method::Token,
                MethodRule {
                    retire_on: Some(tomorrow),
                    ..MethodRule::default()
                },
            );
        });
        assert_eq!(
            retiring.check(&high, &both, &a, true).await.unwrap(),
            Satisfaction::Satisfied(token_proof)
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 6. Lockout.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn wrong_passwords_lock_the_account_out_for_a_while() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        let t0 = fx.now();
        let submit = |password: &'static str| {
            let authn = fx.authn.clone();
            let email = a.email.clone();
            async move {
                authn
                    .submit_password(&any(), &email, Method::Password, password, &BROWSER)
                    .await
                    .unwrap()
            }
        };

        for i in 1..=5 {
            let step = submit(WRONG).await;
            assert!(
                matches!(step, Step::Refused(Refusal::Credentials)),
                "failure {i}: {step:?}"
            );
        }
        // The sixth attempt, with the right password: throttled, until a minute after the
        // fifth failure.
        let step = submit(PASSWORD).await;
        let Step::Refused(Refusal::Throttled { until }) = step else {
            panic!("throttled expected: {step:?}");
        };
        assert_eq!(until, t0 + Duration::minutes(1));
        assert!(matches!(
            fx.authn
                .check_password(&a.email, PASSWORD, BROWSER.ip)
                .await
                .unwrap(),
            PasswordOutcome::Throttled { until: u } if u == until
        ));
        assert_eq!(fx.effects.verdicts().last(), Some(&Counted::LoginThrottled));
        assert!(
            fx.store
                .session_ids_of_account(a.id)
                .await
                .unwrap()
                .is_empty()
        );

        // Still locked a second before the end.
        fx.clock.advance(Duration::seconds(59));
        assert!(matches!(
            submit(PASSWORD).await,
            Step::Refused(Refusal::Throttled { .. })
        ));

        // Past the lock: one more failure locks for twice as long...
        fx.clock.advance(Duration::seconds(2));
        let step = submit(WRONG).await;
        assert!(
            matches!(step, Step::Refused(Refusal::Credentials)),
            "{step:?}"
        );
        let step = submit(PASSWORD).await;
        let Step::Refused(Refusal::Throttled { until }) = step else {
            panic!("throttled again expected: {step:?}");
        };
        assert_eq!(until, fx.now() + Duration::minutes(2));

        // ... and past that, the right password works, and the count starts afresh.
        fx.clock
            .advance(Duration::minutes(2) + Duration::seconds(1));
        let step = submit(PASSWORD).await;
        assert!(matches!(step, Step::SignedIn(_)), "{step:?}");
        for _ in 1..=4 {
            assert!(matches!(
                submit(WRONG).await,
                Step::Refused(Refusal::Credentials)
            ));
        }
        assert!(matches!(submit(PASSWORD).await, Step::SignedIn(_)));

        // An unknown address: the very answer a wrong password gets.
        let unknown = email("nobody@example.com");
        let step = fx
            .authn
            .submit_password(&any(), &unknown, Method::Password, PASSWORD, &BROWSER)
            .await
            .unwrap();
        assert!(
            matches!(step, Step::Refused(Refusal::Credentials)),
            "{step:?}"
        );
        assert!(matches!(
            fx.authn
                .check_password(&unknown, PASSWORD, BROWSER.ip)
                .await
                .unwrap(),
            PasswordOutcome::Invalid
        ));
        let step = fx
            .authn
            .submit_password(&any(), &a.email, Method::Password, WRONG, &BROWSER)
            .await
            .unwrap();
        assert!(
            matches!(step, Step::Refused(Refusal::Credentials)),
            "{step:?}"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 7. PANIC.
// ---------------------------------------------------------------------------------------------

fn service(name: &str, host: &str, accepted: Vec<Strength>) -> NewService {
    NewService {
        name: name.into(),
        protocol: ServiceProtocol::Cas,
        url_patterns: vec![UrlPattern::parse(&format!("https://{host}/*")).expect("pattern")],
        accepted_strengths: accepted,
        min_assurance: AssuranceLevel::Low,
        released_attributes: Vec::new(),
        logout_url: None,
        single_logout: false,
        proxy_callbacks: Vec::new(),
    }
}

#[tokio::test]
async fn panic_removes_every_device_and_ends_every_session() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let now = fx.now();
        for s in [
            service(
                "Token only",
                "token.example.net",
                vec![Strength::PasswordToken],
            ),
            service("Password", "password.example.net", vec![Strength::Password]),
            service("Anything", "any.example.net", Vec::new()),
        ] {
            fx.store.create_service(&s, now).await.expect("service");
        }
        let ext = fx.account("ext@example.com").await;
        assert_eq!(ext.user_type, UserType::External);
        fx.add_device(&ext, "Key 1");
        fx.add_device(&ext, "Key 2");
        let c1 = cookie(&fx.password_login(&ext).await);
        let c2 = cookie(&fx.token_login(&ext).await);
        let staff = fx.account(&format!("staff@{INTERNAL_DOMAIN}")).await;
        assert_eq!(staff.user_type, UserType::Internal);
        fx.add_device(&staff, "Staff key");

        let intact = |what: &'static str| {
            let (fx, ext, c1, c2) = (&fx, &ext, c1.clone(), c2.clone());
            async move {
                assert_eq!(fx.codes.of(ext).len(), 2, "{what}: devices kept");
                assert!(fx.session(&c1).await.is_some(), "{what}: session 1 kept");
                assert!(fx.session(&c2).await.is_some(), "{what}: session 2 kept");
                assert!(
                    !fx.effects
                        .notices()
                        .iter()
                        .any(|(_, n)| matches!(n, Notice::AllFactorsRemoved { .. })),
                    "{what}: no notice"
                );
            }
        };

        let outcome = fx
            .authn
            .panic(&ext, WRONG, true, &with_cookie(&c1))
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::Password(Refusal::Credentials));
        intact("wrong password").await;

        let outcome = fx
            .authn
            .panic(&ext, PASSWORD, false, &with_cookie(&c1))
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::NotConfirmed);
        intact("not confirmed").await;

        let outcome = fx
            .authn
            .panic(&staff, PASSWORD, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::NotAllowed);
        assert_eq!(fx.codes.of(&staff).len(), 1, "staff keep their key");
        intact("internal").await;

        let logouts = fx.effects.logouts();
        let outcome = fx
            .authn
            .panic(&ext, PASSWORD, true, &with_cookie(&c1))
            .await
            .unwrap();
        // The right password only sends the link: nothing is removed until it is followed.
        assert_eq!(outcome, PanicOutcome::Requested);
        assert_eq!(
            fx.codes.of(&ext).len(),
            2,
            "removed before the link was followed"
        );
        assert!(fx.session(&c1).await.is_some());
        let token = last_panic_link(&fx.effects, ext.id);
        assert_eq!(
            fx.authn
                .panic_confirm("not-a-link", &BROWSER)
                .await
                .unwrap(),
            PanicOutcome::Gone
        );
        let outcome = fx.authn.panic_confirm(&token, &BROWSER).await.unwrap();
        let PanicOutcome::Done(report) = outcome else {
            panic!("PANIC done expected: {outcome:?}");
        };
        assert_eq!(
            report.removed.removed,
            vec![
                (Method::Token, "Key 1".to_owned()),
                (Method::Token, "Key 2".to_owned())
            ]
        );
        assert_eq!(report.removed.sessions, 2);
        assert_eq!(report.unreachable, vec!["Token only".to_owned()]);
        assert!(fx.codes.of(&ext).is_empty());
        assert!(fx.session(&c1).await.is_none());
        assert!(fx.session(&c2).await.is_none());
        assert!(
            fx.store
                .session_ids_of_account(ext.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(fx.effects.logouts(), logouts + 2, "single logout of both");
        assert!(fx.effects.notices().contains(&(
            ext.id,
            Notice::AllFactorsRemoved {
                names: vec!["Key 1".into(), "Key 2".into()],
                by: Actor::User,
            }
        )));
        assert_eq!(fx.codes.of(&staff).len(), 1, "another account's key stays");
        // The link is used once.
        assert_eq!(
            fx.authn.panic_confirm(&token, &BROWSER).await.unwrap(),
            PanicOutcome::Gone
        );
        // The password alone still signs in.
        fx.password_login(&ext).await;

        // A link not followed within the hour is gone.
        let outcome = fx
            .authn
            .panic(&ext, PASSWORD, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::Requested);
        let late = last_panic_link(&fx.effects, ext.id);
        fx.clock.advance(Duration::hours(1) + Duration::seconds(1));
        assert_eq!(
            fx.authn.panic_confirm(&late, &BROWSER).await.unwrap(),
            PanicOutcome::Gone
        );

        // Three a day.
        let outcome = fx
            .authn
            .panic(&ext, PASSWORD, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::Requested, "{outcome:?}");
        let outcome = fx
            .authn
            .panic(&ext, PASSWORD, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::TooMany);
        // The next day, again.
        fx.clock.advance(Duration::hours(24) + Duration::seconds(1));
        let outcome = fx
            .authn
            .panic(&ext, PASSWORD, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(outcome, PanicOutcome::Requested, "{outcome:?}");
        // From the sign-in page (no session): the address and the password; an unknown
        // address is answered as a wrong password.
        let unknown = limen_core::Email::parse("nobody@example.org").unwrap();
        assert_eq!(
            fx.authn
                .panic_for_email(&unknown, PASSWORD, true, &BROWSER)
                .await
                .unwrap(),
            PanicOutcome::Password(Refusal::Credentials)
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 8. "Always require multi-factor authentication".
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn mfa_always_requires_the_second_factor_everywhere() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        let password_only = Requirement::strengths(vec![Strength::Password]);
        let pwd_in = fx.password_login(&a).await;
        let pwd_cookie = cookie(&pwd_in);

        // Not without a usable device.
        let change = fx
            .authn
            .set_mfa_always(&pwd_in.session, &a, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(change, MfaChange::NoFactor);
        assert!(!fx.reload(&a).await.mfa_always);

        let device = fx.add_device(&a, "Token");
        let change = fx
            .authn
            .set_mfa_always(&pwd_in.session, &a, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(change, MfaChange::Done);
        assert_eq!(
            fx.effects.notices().last(),
            Some(&(a.id, Notice::MfaAlways { on: true }))
        );
        let a = fx.reload(&a).await;
        assert!(a.mfa_always);

        // A service accepting the password alone: the login still ends with the token.
        let situation = fx
            .authn
            .situation(&password_only, &a.email, &BROWSER, false)
            .await
            .unwrap();
        assert_eq!(situation.offer.usable, vec![Method::Token]);
        let step = fx
            .authn
            .submit_password(
                &password_only,
                &a.email,
                Method::Password,
                PASSWORD,
                &BROWSER,
            )
            .await
            .unwrap();
        assert!(
            matches!(step, Step::Refused(Refusal::MethodUnavailable)),
            "{step:?}"
        );

        // A session with the password alone does not do, even just signed in.
        let pwd_session = fx.session(&pwd_cookie).await.expect("password session");
        for just in [false, true] {
            assert_eq!(
                fx.authn
                    .check(&password_only, &pwd_session, &a, just)
                    .await
                    .unwrap(),
                Satisfaction::StepUp
            );
        }

        // With the token: the service gets the password proof it asked for.
        let step = fx
            .authn
            .submit_password(&password_only, &a.email, Method::Token, PASSWORD, &BROWSER)
            .await
            .unwrap();
        let Step::Challenge { tx, challenge, .. } = step else {
            panic!("challenge: {step:?}");
        };
        let step = fx
            .authn
            .answer(&tx, &right(&challenge), &BROWSER)
            .await
            .unwrap();
        let Step::SignedIn(token_in) = step else {
            panic!("signed in: {step:?}");
        };
        let token_cookie = cookie(&token_in);
        let Satisfaction::Satisfied(proof) = fx
            .authn
            .check(&password_only, &token_in.session, &a, true)
            .await
            .unwrap()
        else {
            panic!("satisfied expected");
        };
        assert_eq!(proof.strength, Strength::Password);

        // Turning it off needs the second factor.
        let change = fx
            .authn
            .set_mfa_always(&pwd_session, &a, false, &BROWSER)
            .await
            .unwrap();
        assert_eq!(change, MfaChange::StepUp(AuthLevel::High));
        assert!(fx.reload(&a).await.mfa_always);
        let token_session = fx.session(&token_cookie).await.expect("token session");
        let change = fx
            .authn
            .set_mfa_always(&token_session, &a, false, &BROWSER)
            .await
            .unwrap();
        assert_eq!(change, MfaChange::Done);
        assert_eq!(
            fx.effects.notices().last(),
            Some(&(a.id, Notice::MfaAlways { on: false }))
        );
        let a = fx.reload(&a).await;
        assert!(!a.mfa_always);
        assert!(matches!(
            fx.authn
                .check(&password_only, &pwd_session, &a, false)
                .await
                .unwrap(),
            Satisfaction::Satisfied(_)
        ));

        // On again; removing the last device turns it off by itself.
        let change = fx
            .authn
            .set_mfa_always(&token_session, &a, true, &BROWSER)
            .await
            .unwrap();
        assert_eq!(change, MfaChange::Done);
        let a = fx.reload(&a).await;
        assert!(a.mfa_always);
        let change = fx
            .authn
            .remove_factor(
                Method::Token,
                &token_session,
                &a,
                device,
                &with_cookie(&token_cookie),
            )
            .await
            .unwrap();
        assert_eq!(
            change,
            FactorChange::Done {
                name: "Token".into()
            }
        );
        let a = fx.reload(&a).await;
        assert!(!a.mfa_always);
        // And the password alone signs in again.
        fx.password_login(&a).await;
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// 9. Removing a device.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn removing_a_device_signs_out_the_other_sessions() {
    each_backend(|store| async move {
        let fx = Fx::new(store);
        let a = fx.account("ada@example.com").await;
        let first = fx.add_device(&a, "Token A");
        let second = fx.add_device(&a, "Token B");

        let pwd_cookie = cookie(&fx.password_login(&a).await);
        let token_cookie = cookie(&fx.token_login(&a).await);
        let client = with_cookie(&token_cookie);

        // From a session with the password alone: the strongest level first.
        let pwd_session = fx.session(&pwd_cookie).await.expect("password session");
        let change = fx
            .authn
            .remove_factor(
                Method::Token,
                &pwd_session,
                &a,
                first,
                &with_cookie(&pwd_cookie),
            )
            .await
            .unwrap();
        assert_eq!(change, FactorChange::StepUp(AuthLevel::High));
        assert_eq!(fx.codes.of(&a).len(), 2);
        assert!(fx.session(&pwd_cookie).await.is_some());

        // An unknown device.
        let token_session = fx.session(&token_cookie).await.expect("token session");
        let change = fx
            .authn
            .remove_factor(Method::Token, &token_session, &a, 999_999, &client)
            .await
            .unwrap();
        assert_eq!(change, FactorChange::NotFound);

        // From the token session: the other sessions end, this one keeps its proof while a
        // device of the method remains.
        let other_token_cookie = cookie(&fx.token_login(&a).await);
        let logouts = fx.effects.logouts();
        let change = fx
            .authn
            .remove_factor(Method::Token, &token_session, &a, first, &client)
            .await
            .unwrap();
        assert_eq!(
            change,
            FactorChange::Done {
                name: "Token A".into()
            }
        );
        let left: Vec<i64> = fx.codes.of(&a).iter().map(|d| d.id).collect();
        assert_eq!(left, vec![second]);
        assert!(fx.session(&pwd_cookie).await.is_none());
        assert!(fx.session(&other_token_cookie).await.is_none());
        assert_eq!(fx.effects.logouts(), logouts + 2);
        let current = fx
            .session(&token_cookie)
            .await
            .expect("current session kept");
        assert_eq!(
            strengths(&current),
            vec![Strength::Password, Strength::PasswordToken]
        );
        assert_eq!(
            fx.effects.notices().last(),
            Some(&(
                a.id,
                Notice::FactorRemoved {
                    name: "Token A".into()
                }
            ))
        );

        // The last device: its proof is stripped from the current session too.
        let another_cookie = cookie(&fx.password_login(&a).await);
        let change = fx
            .authn
            .remove_factor(Method::Token, &current, &a, second, &client)
            .await
            .unwrap();
        assert_eq!(
            change,
            FactorChange::Done {
                name: "Token B".into()
            }
        );
        assert!(fx.codes.of(&a).is_empty());
        assert!(fx.session(&another_cookie).await.is_none());
        let current = fx
            .session(&token_cookie)
            .await
            .expect("current session kept");
        assert_eq!(strengths(&current), vec![Strength::Password]);
        assert_eq!(
            fx.store.session_ids_of_account(a.id).await.unwrap(),
            vec![current.id.clone()]
        );
        assert_eq!(
            fx.effects.notices().last(),
            Some(&(
                a.id,
                Notice::FactorRemoved {
                    name: "Token B".into()
                }
            ))
        );
        // The session now satisfies no HIGH requirement.
        assert_eq!(
            fx.authn
                .check(&Requirement::level(AuthLevel::High), &current, &a, false)
                .await
                .unwrap(),
            Satisfaction::StepUp
        );
    })
    .await;
}
