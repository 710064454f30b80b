//! The mobile device API (`/device/v1/…`, docs/MOBILE-PROTOCOL.md) and the live channels: the
//! devices' event stream (§6), Web Push wake-ups (§7), and the long polls of the pages that wait
//! for a device (the login's push and On Mobile pages, My account's enrolment page).
//!
//! Every rule is the engine's (`limen_authn::mobile`): these handlers read the request, call it
//! and answer JSON (or a signed object).

use crate::context::Ctx;
use crate::{AppState, WebError};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method as HttpMethod, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use limen_authn::mobile::{ApiError, ChallengeState, Mobile, Standing, Wakeup};
use limen_notify::push::{PushNotifier, PushOutcome, PushSubscription};
use limen_store::{MobileDevice, MobileStatus, Store};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// The header of a device's signed request (spec §4).
pub const PROOF_HEADER: &str = "limen-proof";
/// How long a waiting page's poll is held open.
const LONG_POLL: Duration = Duration::from_secs(25);
/// How often a held poll looks at the store (another node may have the news).
const STORE_TICK: Duration = Duration::from_secs(1);
/// How often an idle event stream looks at the store: news of this node arrives at once through
/// the hub; a request made on another node, or a removal there, within this (a thousand idle
/// devices cost 400 small queries a second).
const STREAM_TICK: Duration = Duration::from_secs(5);
/// The event stream's life (spec §6).
const STREAM_LIFE: Duration = Duration::from_secs(600);

/// What happened, for whoever waits on this node.
#[derive(Debug, Clone)]
pub enum HubEvent {
    Challenge {
        device: String,
        signed: String,
    },
    Answered(String),
    Enrolment(String),
    Revoked(String),
    /// A device opened a new stream: its older one ends.
    StreamReplaced(String),
}

/// Web Push deliveries in flight at once on a node; beyond, a wake-up is skipped (logged): the
/// device still sees the request on its live stream or when it asks.
const MAX_DELIVERIES: usize = 64;

/// The node's wake-ups: an in-process channel (the news of this node, at once) and Web Push.
/// Waiters also look at the store every second, so news from another node arrives too.
pub struct Hub {
    events: broadcast::Sender<HubEvent>,
    /// The one live stream each device may hold on this node (its generation): a new stream
    /// ends the previous one.
    streams: std::sync::Mutex<std::collections::HashMap<String, u64>>,
    next_stream: std::sync::atomic::AtomicU64,
    /// Web Push deliveries under way: bounded, a slow push service cannot pile them up.
    deliveries: Arc<tokio::sync::Semaphore>,
    push: Arc<dyn PushNotifier>,
    /// The VAPID public key devices subscribe with (spec §7), when Web Push is on.
    vapid: Option<String>,
    store: Store,
}

impl Hub {
    pub fn new(store: Store, push: Arc<dyn PushNotifier>, vapid: Option<String>) -> Arc<Self> {
        let (events, _) = broadcast::channel(1024);
        Arc::new(Self {
            events,
            streams: std::sync::Mutex::new(std::collections::HashMap::new()),
            next_stream: std::sync::atomic::AtomicU64::new(1),
            deliveries: Arc::new(tokio::sync::Semaphore::new(MAX_DELIVERIES)),
            push,
            vapid,
            store,
        })
    }

    pub fn subscribe(&self) -> broadcast::Receiver<HubEvent> {
        self.events.subscribe()
    }

    /// Registers a new stream for `device`; the previous one ends. Its generation.
    fn open_stream(&self, device: &str) -> u64 {
        let generation = self
            .next_stream
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut streams) = self.streams.lock() {
            streams.insert(device.to_owned(), generation);
        }
        self.send(HubEvent::StreamReplaced(device.to_owned()));
        generation
    }

    fn is_current(&self, device: &str, generation: u64) -> bool {
        self.streams
            .lock()
            .map(|s| s.get(device) == Some(&generation))
            .unwrap_or(false)
    }

    fn close_stream(&self, device: &str, generation: u64) {
        if let Ok(mut streams) = self.streams.lock()
            && streams.get(device) == Some(&generation)
        {
            streams.remove(device);
        }
    }

    fn send(&self, event: HubEvent) {
        // No receiver is not an error: nobody waits.
        let _ = self.events.send(event);
    }
}

/// The engine's [`Wakeup`], on the hub.
pub struct HubWake(pub Arc<Hub>);

impl Wakeup for HubWake {
    fn challenge(&self, device: &MobileDevice, signed: &str) {
        self.0.send(HubEvent::Challenge {
            device: device.device_id.clone(),
            signed: signed.to_owned(),
        });
        let Some((endpoint, p256dh, auth)) = device.push.clone() else {
            return;
        };
        let (Ok(p256dh), Ok(auth)) = (
            limen_mobile::b64::decode(&p256dh),
            limen_mobile::b64::decode(&auth),
        ) else {
            return;
        };
        let hub = self.0.clone();
        let device_id = device.device_id.clone();
        let Ok(permit) = hub.deliveries.clone().try_acquire_owned() else {
            tracing::warn!("too many web push deliveries under way: a wake-up was skipped");
            return;
        };
        // In the background: a slow push service never delays the login page.
        tokio::spawn(async move {
            let _permit = permit;
            let sub = PushSubscription {
                endpoint,
                p256dh,
                auth,
            };
            // Spec §7: no service, no user data; the device fetches its challenges.
            let payload = br#"{"v":1,"type":"challenge"}"#;
            match hub.push.wake(&sub, payload, 120).await {
                PushOutcome::Delivered => {}
                PushOutcome::Gone => {
                    if let Err(e) = hub.store.set_mobile_push(&device_id, None).await {
                        tracing::warn!(error = %e, "could not forget a gone push subscription");
                    }
                }
                PushOutcome::Failed(reason) => {
                    tracing::warn!(reason, "web push wake-up failed");
                }
            }
        });
    }

    fn answered(&self, challenge_id: &str) {
        self.0.send(HubEvent::Answered(challenge_id.to_owned()));
    }

    fn enrolment(&self, enrolment_id: &str) {
        self.0.send(HubEvent::Enrolment(enrolment_id.to_owned()));
    }

    fn revoked(&self, device_id: &str) {
        self.0.send(HubEvent::Revoked(device_id.to_owned()));
    }
}

fn mobile(state: &AppState) -> Result<&Arc<Mobile>, ApiError> {
    state.mobile().ok_or(ApiError::NotFound)
}

fn proof(headers: &HeaderMap) -> Option<&str> {
    headers.get(PROOF_HEADER).and_then(|v| v.to_str().ok())
}

/// The answer to a refused device request (spec §8).
fn refusal(e: ApiError) -> Response {
    if let ApiError::Internal(limen_authn::AuthnError::Store(store)) = &e
        && store.is_unavailable()
    {
        return crate::error::json_unavailable(&WebError::Internal(store.to_string()));
    }
    if let ApiError::Internal(inner) = &e {
        tracing::error!(error = %inner, "device API");
    }
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, axum::Json(serde_json::json!({"error": e.code()}))).into_response();
    if status == StatusCode::UNAUTHORIZED {
        let value = format!("Limen-Proof error=\"{}\"", e.code());
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn signed_object(status: StatusCode, signed: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/jose"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        signed,
    )
        .into_response()
}

fn json(value: serde_json::Value) -> Response {
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(value),
    )
        .into_response()
}

fn bounded(body: &Bytes) -> Result<(), ApiError> {
    if body.len() > limen_authn::mobile::MAX_BODY {
        Err(ApiError::TooLarge)
    } else {
        Ok(())
    }
}

fn answer(result: Result<Response, ApiError>) -> Response {
    result.unwrap_or_else(refusal)
}

/// POST /device/v1/enrol (spec §3 steps 3–4).
pub async fn enrol(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    answer(
        async {
            bounded(&body)?;
            let signed = mobile(&state)?
                .enrol_device(&state.authn, proof(&headers), "/device/v1/enrol", &body)
                .await?;
            Ok(signed_object(StatusCode::CREATED, signed))
        }
        .await,
    )
}

/// POST /device/v1/enrol/confirm (spec §3 steps 5–6).
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(
        async {
            bounded(&body)?;
            mobile(&state)?
                .confirm_enrolment(
                    &state.authn,
                    proof(&headers),
                    "/device/v1/enrol/confirm",
                    &body,
                    &ctx.client_ip,
                )
                .await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        .await,
    )
}

async fn device(
    state: &AppState,
    headers: &HeaderMap,
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<MobileDevice, ApiError> {
    device_in(state, headers, method, path, body, Standing::Active).await
}

/// The device whose proof signed this request (spec §4), in a state `standing` accepts.
async fn device_in(
    state: &AppState,
    headers: &HeaderMap,
    method: &str,
    path: &str,
    body: &[u8],
    standing: Standing,
) -> Result<MobileDevice, ApiError> {
    mobile(state)?
        .authenticate(&state.authn, proof(headers), method, path, body, standing)
        .await
}

/// GET /device/v1/challenges (spec §5.1).
pub async fn challenges(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(
        async {
            let path = "/device/v1/challenges";
            let d = device(&state, &headers, "GET", path, b"").await?;
            let list = mobile(&state)?.pending(&state.authn, &d).await?;
            Ok(json(serde_json::json!({"challenges": list})))
        }
        .await,
    )
}

/// GET /device/v1/challenges/{id} (On Mobile, spec §5.3).
pub async fn challenge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    answer(
        async {
            let path = format!("/device/v1/challenges/{id}");
            let d = device(&state, &headers, "GET", &path, b"").await?;
            let signed = mobile(&state)?.challenge_for(&state.authn, &d, &id).await?;
            Ok(signed_object(StatusCode::OK, signed))
        }
        .await,
    )
}

/// POST /device/v1/challenges/{id}: approve or deny (spec §5.1); a signed receipt.
pub async fn respond(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(
        async {
            bounded(&body)?;
            let path = format!("/device/v1/challenges/{id}");
            let d = device(&state, &headers, "POST", &path, &body).await?;
            let receipt = mobile(&state)?
                .answer(
                    &state.authn,
                    &d,
                    &id,
                    proof(&headers).unwrap_or_default(),
                    &body,
                    &ctx.client_ip,
                )
                .await?;
            Ok(signed_object(StatusCode::OK, receipt))
        }
        .await,
    )
}

/// POST /device/v1/pin (spec §5.4): `{"result": "ok" | "wrong_pin" | "locked"}`.
pub async fn pin(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(
        async {
            bounded(&body)?;
            let path = "/device/v1/pin";
            let d = device(&state, &headers, "POST", path, &body).await?;
            let result = mobile(&state)?
                .check_pin(&state.authn, &d, &body, &ctx.client_ip)
                .await?;
            Ok(json(serde_json::json!({ "result": result })))
        }
        .await,
    )
}

/// DELETE /device/v1/device (spec §3.7): the device unlinks itself, whatever its state (an
/// active one is locked, not removed).
pub async fn unlink(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(
        async {
            bounded(&body)?;
            let path = "/device/v1/device";
            let d = device_in(&state, &headers, "DELETE", path, &body, Standing::Any).await?;
            mobile(&state)?
                .unlink(&state.authn, &d, &ctx.client_ip)
                .await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        .await,
    )
}

/// GET /device/v1/push (spec §7): the VAPID key to subscribe with, `null` when this server
/// sends no Web Push.
pub async fn push_key(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer(
        async {
            device(&state, &headers, "GET", "/device/v1/push", b"").await?;
            Ok(json(serde_json::json!({"vapid_key": state.hub().vapid})))
        }
        .await,
    )
}

/// PUT and DELETE /device/v1/push (spec §7).
pub async fn push(
    State(state): State<AppState>,
    method: HttpMethod,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(
        async {
            bounded(&body)?;
            let m = method.as_str();
            let d = device(&state, &headers, m, "/device/v1/push", &body).await?;
            let body = (method == HttpMethod::PUT).then_some(&body[..]);
            mobile(&state)?.set_push(&state.authn, &d, body).await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        .await,
    )
}

/// GET /device/v1/events: the live channel (spec §6).
pub async fn events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let d = match device(&state, &headers, "GET", "/device/v1/events", b"").await {
        Ok(d) => d,
        Err(e) => return refusal(e),
    };
    let rx = state.hub().subscribe();
    let generation = state.hub().open_stream(&d.device_id);
    let stream = EventStream {
        state: state.clone(),
        generation,
        device: d,
        rx,
        sent: HashSet::new(),
        deadline: tokio::time::Instant::now() + STREAM_LIFE,
        next_look: tokio::time::Instant::now(),
        done: false,
    };
    let events = futures_util::stream::unfold(stream, |mut s| async move {
        let next = s.next().await?;
        Some((Ok::<_, std::convert::Infallible>(next), s))
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(25)))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

struct EventStream {
    state: AppState,
    /// This stream's generation for its device ([`Hub::open_stream`]).
    generation: u64,
    device: MobileDevice,
    rx: broadcast::Receiver<HubEvent>,
    /// Challenges already sent on this stream.
    sent: HashSet<String>,
    deadline: tokio::time::Instant,
    /// When the store is read next.
    next_look: tokio::time::Instant,
    done: bool,
}

impl EventStream {
    /// The next event, or `None` when the stream ends (its time is up, or the device is gone).
    async fn next(&mut self) -> Option<Event> {
        if self.done {
            return None;
        }
        // First, and on every tick: what the store holds (news from any node).
        loop {
            if !self
                .state
                .hub()
                .is_current(&self.device.device_id, self.generation)
            {
                // A newer stream of the same device took over.
                return None;
            }
            // The store is read at the start and then every STREAM_TICK, never because of
            // another device's news (a thousand idle streams would each read it).
            if tokio::time::Instant::now() >= self.next_look {
                if let Some(event) = self.look_in_store().await {
                    return Some(event);
                }
                if self.done {
                    return None;
                }
                self.next_look = tokio::time::Instant::now() + STREAM_TICK;
            }
            tokio::select! {
                _ = tokio::time::sleep_until(self.deadline) => return None,
                _ = tokio::time::sleep_until(self.next_look) => continue,
                received = self.rx.recv() => match received {
                    Ok(HubEvent::Challenge { device, signed }) if device == self.device.device_id => {
                        if let Some(id) = challenge_id(&signed)
                            && self.sent.insert(id)
                        {
                            return Some(Event::default().event("challenge").data(signed));
                        }
                    }
                    Ok(HubEvent::Revoked(device)) if device == self.device.device_id => {
                        self.done = true;
                        return Some(Event::default().event("revoked").data("{}"));
                    }
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            }
        }
    }

    /// A pending challenge not yet sent, or the revocation of a device that is gone.
    async fn look_in_store(&mut self) -> Option<Event> {
        let store = self.state.store();
        match store
            .mobile_device_by_device_id(&self.device.device_id)
            .await
        {
            Ok(Some(d)) if d.status == MobileStatus::Active => {}
            Ok(_) => {
                self.done = true;
                return Some(Event::default().event("revoked").data("{}"));
            }
            Err(e) => {
                tracing::warn!(error = %e, "event stream: store");
                return None;
            }
        }
        let now = self.state.now();
        let pending = store
            .pending_mobile_challenges(&self.device.device_id, now)
            .await
            .unwrap_or_default();
        for c in pending {
            if self.sent.insert(c.id.clone()) {
                return Some(Event::default().event("challenge").data(c.signed));
            }
        }
        None
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        self.state
            .hub()
            .close_stream(&self.device.device_id, self.generation);
    }
}

fn challenge_id(signed: &str) -> Option<String> {
    let (_, payload) = limen_mobile::jws::peek(signed).ok()?;
    payload.get("id")?.as_str().map(str::to_owned)
}

#[derive(Debug, Deserialize)]
pub struct WaitQuery {
    #[serde(default)]
    id: String,
    /// The state the page shows: the answer comes when it is another.
    #[serde(default)]
    seen: String,
}

#[derive(Debug, Deserialize)]
pub struct WaitForm {
    #[serde(default)]
    csrf_token: String,
    /// The login transaction's token (as the page's form carries it): the challenge waited for
    /// is the transaction's own.
    #[serde(default)]
    ceremony: String,
}

/// POST /cas/login/mobile/wait (`csrf_token`, `ceremony`): the login page's long poll on its
/// challenge, `{"state": "pending" | "approved" | "denied" | "failed" | "expired"}`. A POST:
/// the transaction's token stays out of URLs and logs.
pub async fn wait_challenge(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(form): axum::Form<WaitForm>,
) -> Result<Response, WebError> {
    let Some(mobile) = state.mobile() else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if !ctx.csrf_ok(&form.csrf_token) {
        return Ok(StatusCode::FORBIDDEN.into_response());
    }
    let client = crate::authn::client(&ctx);
    let Some((_, id)) = state.authn.login_challenge(&form.ceremony, &client).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let mut rx = state.hub().subscribe();
    let until = tokio::time::Instant::now() + LONG_POLL;
    loop {
        let now = mobile.challenge_state(&state.authn, &id).await?;
        let Some(s) = now else {
            return Ok(StatusCode::NOT_FOUND.into_response());
        };
        if s != ChallengeState::Pending || tokio::time::Instant::now() >= until {
            return Ok(json(serde_json::json!({"state": s.as_str()})));
        }
        wait_for(
            &mut rx,
            until,
            |e| matches!(e, HubEvent::Answered(answered) if *answered == id),
        )
        .await;
    }
}

/// Waits until `until`, the next store tick, or a matching event.
async fn wait_for(
    rx: &mut broadcast::Receiver<HubEvent>,
    until: tokio::time::Instant,
    matching: impl Fn(&HubEvent) -> bool,
) {
    let tick = tokio::time::Instant::now() + STORE_TICK;
    loop {
        tokio::select! {
            _ = tokio::time::sleep_until(until.min(tick)) => return,
            received = rx.recv() => match received {
                Ok(e) if matching(&e) => return,
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return,
            },
        }
    }
}

/// GET /account/mobile/wait?id=…&seen=…: the enrolment page's long poll, answered when the
/// state is not `seen`.
/// `{"state": "open" | "scanned" | "done" | "pin_mismatch" | "expired"}`.
pub async fn wait_enrolment(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<WaitQuery>,
) -> Result<Response, WebError> {
    let Some(mobile) = state.mobile() else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let Some((_, account)) = crate::authn::current_session(&state, &ctx).await? else {
        return Ok(StatusCode::UNAUTHORIZED.into_response());
    };
    let mut rx = state.hub().subscribe();
    let until = tokio::time::Instant::now() + LONG_POLL;
    loop {
        let now = mobile
            .enrolment_state(&state.authn, &account, &q.id)
            .await?;
        if now.as_str() != q.seen || tokio::time::Instant::now() >= until {
            return Ok(json(serde_json::json!({"state": now.as_str()})));
        }
        wait_for(
            &mut rx,
            until,
            |e| matches!(e, HubEvent::Enrolment(id) if *id == q.id),
        )
        .await;
    }
}
