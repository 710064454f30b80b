//! The library over real HTTP against a stand-in server: a small HTTP/1.1 listener on
//! loopback whose device API is written from docs/MOBILE-PROTOCOL.md with limen-mobile's
//! server-side functions (proof verification with `htu` compared exactly, a `jti` cache, the
//! ECDH and HKDF of the enrolment, the PIN check, display hash and approval MAC checks, signed
//! answers). Unlike the real server it can misbehave on purpose, so these tests show that the
//! device refuses what it must: a server key other than the link's, answers and receipts that
//! do not verify or are for something else, challenges signed by another key, a PIN check
//! answered with a result the protocol does not have (the PIN is then not changed).
//!
//! The real server is exercised by the integration tests of limen-testkit.

use limen_authenticator::{Authenticator, Challenge, DeviceInfo, Error, WatchEnd, load, save};
use limen_mobile::jwk::EcJwk;
use limen_mobile::jws::SigningKey;
use limen_mobile::messages::{
    self, AnswerRequest, ChallengeKind, ChallengePayload, ConfirmRequest, Decision, DenyReason,
    Display, EnrolAnswer, EnrolLink, EnrolRequest, Origin, PinCheckRequest, PinCheckResult,
    PushSubscription, Receipt, ReceiptResult, seal,
};
use limen_mobile::{TYP_CHALLENGE, TYP_ENROLMENT, TYP_RECEIPT, b64, ecdh, kdf, proof};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

const PIN: &str = "2468";

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// How the stand-in misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tamper {
    None,
    /// The enrolment answer names (and is signed by) a key other than the link's `sk`.
    AnswerOtherServerKey,
    /// The enrolment answer names the right key but another key signed it.
    AnswerSignedByOther,
    /// The enrolment answer is for another device id.
    AnswerOtherDevice,
    /// The enrolment answer is sent as JSON, not as a signed object.
    AnswerAsJson,
    /// Receipts are for another challenge.
    ReceiptOtherChallenge,
    /// Receipts are signed by another key.
    ReceiptSignedByOther,
    /// The pending list also holds a challenge signed by another key.
    ForgedPending,
    /// The PIN check is answered with a result the protocol does not have.
    PinAnswerUnknown,
}

enum Reply {
    Full {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// An event stream: these chunks, written one by one, then the connection closes.
    Stream(Vec<Vec<u8>>),
}

fn json(status: u16, value: &serde_json::Value) -> Reply {
    Reply::Full {
        status,
        content_type: "application/json",
        body: value.to_string().into_bytes(),
    }
}

fn refuse(status: u16, code: &str) -> Reply {
    json(status, &serde_json::json!({ "error": code }))
}

fn jose(status: u16, signed: String) -> Reply {
    Reply::Full {
        status,
        content_type: "application/jose",
        body: signed.into_bytes(),
    }
}

struct Request {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

#[derive(Default)]
struct Inner {
    /// device id → (device key, K, confirmed)
    devices: HashMap<String, (EcJwk, [u8; 32], bool)>,
    used_token: bool,
    jtis: HashSet<String>,
    /// id → (signed, payload, number, answered)
    challenges: HashMap<String, (String, ChallengePayload, String, bool)>,
    /// device id of each push challenge
    pushed_to: HashMap<String, String>,
    log: Vec<String>,
    tamper: Option<Tamper>,
    events: Vec<Vec<u8>>,
    push: Option<Option<PushSubscription>>,
    /// The `reason` of the last denial.
    reasons: Vec<Option<DenyReason>>,
}

struct StandIn {
    base: String,
    key: SigningKey,
    other: SigningKey,
    tok: String,
    salt: [u8; 16],
    /// `P(PIN)` of the PIN chosen "on the web page".
    pin_key: [u8; 32],
    inner: Mutex<Inner>,
}

impl StandIn {
    async fn start() -> Arc<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let salt = [4u8; 16];
        let this = Arc::new(Self {
            base,
            key: SigningKey::generate().unwrap(),
            other: SigningKey::generate().unwrap(),
            tok: b64::encode(&[3u8; 32]),
            salt,
            pin_key: kdf::pin_key(PIN, &salt).unwrap(),
            inner: Mutex::new(Inner::default()),
        });
        let server = this.clone();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let server = server.clone();
                tokio::spawn(async move { server.connection(socket).await });
            }
        });
        this
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap()
    }

    fn tamper(&self, t: Tamper) {
        self.inner().tamper = Some(t);
    }

    fn tampering(&self) -> Tamper {
        self.inner().tamper.unwrap_or(Tamper::None)
    }

    fn log(&self) -> Vec<String> {
        self.inner().log.clone()
    }

    fn link(&self, exp: i64) -> String {
        EnrolLink {
            v: 1,
            iss: self.base.clone(),
            tok: self.tok.clone(),
            salt: b64::encode(&self.salt),
            sk: self.key.thumbprint(),
            exp,
        }
        .to_link()
    }

    /// Makes a challenge (push: for `device`, with a number).
    fn challenge(
        &self,
        device: &str,
        kind: ChallengeKind,
        life: i64,
        iat: i64,
    ) -> (String, String) {
        let id = b64::encode(&rand_bytes());
        let payload = ChallengePayload {
            v: 1,
            iss: self.base.clone(),
            id: id.clone(),
            kind,
            iat,
            exp: iat + life,
            display: Display {
                service: "Staff portal".to_owned(),
                origin: Origin {
                    ip: "203.0.113.0/24".to_owned(),
                    browser: "Firefox on Linux".to_owned(),
                },
                tx: None,
            },
        };
        let signed = seal(&self.key, TYP_CHALLENGE, &payload).unwrap();
        let number = if kind == ChallengeKind::Push {
            "42"
        } else {
            ""
        }
        .to_owned();
        let mut inner = self.inner();
        inner
            .challenges
            .insert(id.clone(), (signed.clone(), payload, number, false));
        if kind == ChallengeKind::Push {
            inner.pushed_to.insert(id.clone(), device.to_owned());
        }
        (id, signed)
    }

    async fn connection(&self, mut socket: TcpStream) {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut first = lines.next().unwrap_or_default().split(' ');
        let method = first.next().unwrap_or_default().to_owned();
        let path = first.next().unwrap_or_default().to_owned();
        let headers: HashMap<String, String> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + 4 + length {
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buf[head_end + 4..head_end + 4 + length].to_vec();
        let reply = self.handle(Request {
            method,
            path,
            headers,
            body,
        });
        match reply {
            Reply::Full {
                status,
                content_type,
                body,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
            }
            Reply::Stream(chunks) => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
                let _ = socket.write_all(head.as_bytes()).await;
                for c in chunks {
                    let _ = socket.write_all(&c).await;
                    let _ = socket.flush().await;
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
            }
        }
        let _ = socket.shutdown().await;
    }

    /// Spec §4, as the server checks it. The device id, or the refusal.
    fn authenticate(&self, req: &Request, enrolling: bool) -> Result<String, Reply> {
        let Some(header) = req.headers.get("limen-proof") else {
            return Err(refuse(401, "missing_proof"));
        };
        let (h, _) = proof::peek(header).map_err(|_| refuse(401, "invalid_proof"))?;
        let kid = h.kid.ok_or_else(|| refuse(401, "invalid_proof"))?;
        let (key, _, confirmed) = self
            .inner()
            .devices
            .get(&kid)
            .cloned()
            .ok_or_else(|| refuse(401, "unknown_device"))?;
        if confirmed == enrolling {
            return Err(refuse(401, "unknown_device"));
        }
        let htu = format!("{}{}", self.base, req.path);
        let claims = proof::verify(header, &key, &req.method, &htu, &req.body, now())
            .map_err(|e| refuse(401, e.code()))?;
        if !self.inner().jtis.insert(claims.jti) {
            return Err(refuse(401, "replayed_proof"));
        }
        Ok(kid)
    }

    fn handle(&self, req: Request) -> Reply {
        self.inner()
            .log
            .push(format!("{} {}", req.method, req.path));
        let challenge_id = req
            .path
            .strip_prefix("/device/v1/challenges/")
            .map(str::to_owned);
        let result = match (req.method.as_str(), req.path.as_str(), challenge_id) {
            ("POST", "/device/v1/enrol", _) => self.enrol(&req),
            ("POST", "/device/v1/enrol/confirm", _) => self.confirm(&req),
            ("GET", "/device/v1/challenges", _) => self.pending(&req),
            ("GET", "/device/v1/events", _) => self
                .authenticate(&req, false)
                .map(|_| Reply::Stream(self.inner().events.clone())),
            ("PUT" | "DELETE", "/device/v1/push", _) => self.push(&req),
            ("POST", "/device/v1/pin", _) => self.pin(&req),
            ("DELETE", "/device/v1/device", _) => self.authenticate(&req, false).map(|device| {
                self.inner().devices.remove(&device);
                Reply::Full {
                    status: 204,
                    content_type: "text/plain",
                    body: Vec::new(),
                }
            }),
            ("GET", _, Some(id)) => self.authenticate(&req, false).and_then(|_| {
                self.inner()
                    .challenges
                    .get(&id)
                    .map(|c| jose(200, c.0.clone()))
                    .ok_or_else(|| refuse(404, "not_found"))
            }),
            ("POST", _, Some(id)) => self.answer(&req, &id),
            _ => Err(refuse(404, "not_found")),
        };
        result.unwrap_or_else(|r| r)
    }

    fn enrol(&self, req: &Request) -> Result<Reply, Reply> {
        let request: EnrolRequest =
            serde_json::from_slice(&req.body).map_err(|_| refuse(400, "bad_request"))?;
        request.check().map_err(|_| refuse(400, "bad_request"))?;
        let header = req
            .headers
            .get("limen-proof")
            .ok_or_else(|| refuse(401, "missing_proof"))?;
        let (h, _) = proof::peek(header).map_err(|_| refuse(401, "invalid_proof"))?;
        if h.jwk.as_ref() != Some(&request.device_key) || h.kid.is_some() {
            return Err(refuse(401, "invalid_proof"));
        }
        let htu = format!("{}{}", self.base, req.path);
        proof::verify(header, &request.device_key, "POST", &htu, &req.body, now())
            .map_err(|e| refuse(401, e.code()))?;
        if request.tok != self.tok {
            return Err(refuse(404, "not_found"));
        }
        if std::mem::replace(&mut self.inner().used_token, true) {
            return Err(refuse(409, "already_used"));
        }
        let f = ecdh::Ephemeral::generate().unwrap();
        let f_public = f.public_jwk();
        let z = f
            .agree(&request.ecdh_key)
            .map_err(|_| refuse(400, "bad_request"))?;
        let device_id = request.device_id();
        let k = kdf::offline_key(&z, &request.tok, &device_id);
        self.inner()
            .devices
            .insert(device_id.clone(), (request.device_key.clone(), k, false));
        let tamper = self.tampering();
        let signer = match tamper {
            Tamper::AnswerOtherServerKey | Tamper::AnswerSignedByOther => &self.other,
            _ => &self.key,
        };
        let answer = EnrolAnswer {
            v: 1,
            iss: self.base.clone(),
            device: if tamper == Tamper::AnswerOtherDevice {
                SigningKey::generate().unwrap().thumbprint()
            } else {
                device_id
            },
            ecdh_key: f_public,
            server_key: if tamper == Tamper::AnswerOtherServerKey {
                self.other.public_jwk()
            } else {
                self.key.public_jwk()
            },
            name: "Laptop".to_owned(),
            account: "jane@example.eu".to_owned(),
            iat: now(),
        };
        let signed = seal(signer, TYP_ENROLMENT, &answer).unwrap();
        if tamper == Tamper::AnswerAsJson {
            return Ok(Reply::Full {
                status: 201,
                content_type: "application/json",
                body: signed.into_bytes(),
            });
        }
        Ok(jose(201, signed))
    }

    fn confirm(&self, req: &Request) -> Result<Reply, Reply> {
        let device = self.authenticate(req, true)?;
        let request: ConfirmRequest =
            serde_json::from_slice(&req.body).map_err(|_| refuse(400, "bad_request"))?;
        request.check().map_err(|_| refuse(400, "bad_request"))?;
        let mut inner = self.inner();
        let entry = inner.devices.get_mut(&device).unwrap();
        if kdf::pin_check(&entry.1, &self.pin_key) == request.pin_check {
            entry.2 = true;
            Ok(Reply::Full {
                status: 204,
                content_type: "text/plain",
                body: Vec::new(),
            })
        } else {
            inner.devices.remove(&device);
            Err(refuse(409, "pin_mismatch"))
        }
    }

    fn pending(&self, req: &Request) -> Result<Reply, Reply> {
        let device = self.authenticate(req, false)?;
        let inner = self.inner();
        let mut list: Vec<String> = inner
            .challenges
            .iter()
            .filter(|(id, c)| !c.3 && inner.pushed_to.get(*id) == Some(&device))
            .map(|(_, c)| c.0.clone())
            .collect();
        if inner.tamper == Some(Tamper::ForgedPending) {
            let (_, c) = inner.challenges.iter().next().unwrap();
            list.push(seal(&self.other, TYP_CHALLENGE, &c.1).unwrap());
        }
        Ok(json(200, &serde_json::json!({ "challenges": list })))
    }

    fn push(&self, req: &Request) -> Result<Reply, Reply> {
        self.authenticate(req, false)?;
        let sub = if req.method == "PUT" {
            let sub: PushSubscription =
                serde_json::from_slice(&req.body).map_err(|_| refuse(400, "bad_request"))?;
            sub.check().map_err(|_| refuse(400, "bad_request"))?;
            Some(sub)
        } else {
            None
        };
        self.inner().push = Some(sub);
        Ok(Reply::Full {
            status: 204,
            content_type: "text/plain",
            body: Vec::new(),
        })
    }

    /// Spec §5.4, without counting tries (the real server's tests do).
    fn pin(&self, req: &Request) -> Result<Reply, Reply> {
        let device = self.authenticate(req, false)?;
        let request: PinCheckRequest =
            serde_json::from_slice(&req.body).map_err(|_| refuse(400, "bad_request"))?;
        request.check().map_err(|_| refuse(400, "bad_request"))?;
        if (now() - request.iat).abs() > 60 {
            return Err(refuse(400, "bad_request"));
        }
        let k = self.inner().devices[&device].1;
        let expected = messages::pin_check_mac(&k, &device, request.iat).unwrap();
        let result = if self.tampering() == Tamper::PinAnswerUnknown {
            "maybe"
        } else if expected == request.pin_proof {
            "ok"
        } else {
            "wrong_pin"
        };
        Ok(json(200, &serde_json::json!({ "result": result })))
    }

    fn answer(&self, req: &Request, id: &str) -> Result<Reply, Reply> {
        let device = self.authenticate(req, false)?;
        let request: AnswerRequest =
            serde_json::from_slice(&req.body).map_err(|_| refuse(400, "bad_request"))?;
        request.check().map_err(|_| refuse(400, "bad_request"))?;
        let mut inner = self.inner();
        if request.decision == Decision::Deny {
            inner.reasons.push(request.reason);
        }
        let k = inner.devices[&device].1;
        let tamper = inner.tamper;
        let (_, payload, number, answered) = inner
            .challenges
            .get_mut(id)
            .ok_or_else(|| refuse(404, "not_found"))?;
        let dh = messages::display_hash(&payload.display).unwrap();
        if dh != request.dh {
            return Err(refuse(400, "display_hash"));
        }
        let result = if *answered {
            ReceiptResult::Gone
        } else if request.decision == Decision::Deny {
            *answered = true;
            ReceiptResult::Denied
        } else {
            let expected =
                messages::approval_mac(&k, id, Decision::Approve, &device, &dh, &request.number)
                    .unwrap();
            if request.pin_proof.as_deref() != Some(expected.as_str()) {
                ReceiptResult::WrongPin
            } else if request.number != *number {
                *answered = true;
                ReceiptResult::WrongNumber
            } else {
                *answered = true;
                ReceiptResult::Approved
            }
        };
        let receipt = Receipt {
            v: 1,
            iss: self.base.clone(),
            challenge: if tamper == Some(Tamper::ReceiptOtherChallenge) {
                b64::encode(&rand_bytes())
            } else {
                id.to_owned()
            },
            device,
            decision: request.decision,
            result,
            iat: now(),
        };
        let signer = if tamper == Some(Tamper::ReceiptSignedByOther) {
            &self.other
        } else {
            &self.key
        };
        Ok(jose(200, seal(signer, TYP_RECEIPT, &receipt).unwrap()))
    }
}

/// 32 bytes that differ from call to call (a fresh key's thumbprint is random enough).
fn rand_bytes() -> [u8; 32] {
    b64::decode_array::<32>(&SigningKey::generate().unwrap().thumbprint()).unwrap()
}

fn info() -> DeviceInfo {
    DeviceInfo {
        os: "Linux".to_owned(),
        model: "Desktop".to_owned(),
        app: "limen-authenticator test".to_owned(),
    }
}

async fn enrolled(server: &StandIn) -> Authenticator {
    Authenticator::enrol(
        reqwest::Client::new(),
        &server.link(now() + 300),
        PIN,
        &info(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn enrol_then_approve_deny_and_wrong_answers() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    let state = auth.state().clone();
    assert_eq!(state.iss, server.base);
    assert_eq!(state.name, "Laptop");
    assert_eq!(state.account, "jane@example.eu");
    assert_eq!(state.server_key, server.key.public_jwk());
    assert_eq!(
        server.log(),
        ["POST /device/v1/enrol", "POST /device/v1/enrol/confirm"]
    );
    // The device's mask opens to the server's K with the right PIN (and to nothing useful
    // with another).
    let k = server.inner().devices[auth.device_id()].1;
    let m = b64::decode_array::<32>(&state.mask).unwrap();
    assert_eq!(kdf::mask(&m, &kdf::pin_key(PIN, &server.salt).unwrap()), k);
    assert_ne!(
        kdf::mask(&m, &kdf::pin_key("2469", &server.salt).unwrap()),
        k
    );
    // The link is single-use.
    let again = Authenticator::enrol(
        reqwest::Client::new(),
        &server.link(now() + 300),
        PIN,
        &info(),
    )
    .await;
    assert!(matches!(
        again,
        Err(Error::Server { status: 409, ref code }) if code == "already_used"
    ));

    // Nothing pending yet; then one push challenge.
    assert!(auth.pending().await.unwrap().is_empty());
    let (id, signed) = server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let pending = auth.pending().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].signed, signed);
    assert_eq!(pending[0].payload.id, id);
    let c = &pending[0];

    // A wrong PIN: the server says so, the challenge stays open.
    let r = auth.approve(c, "42", "2469").await.unwrap();
    assert_eq!(r.result, ReceiptResult::WrongPin);
    assert_eq!(r.challenge, id);
    assert_eq!(r.device, auth.device_id());
    // The right PIN and number.
    let r = auth.approve(c, "42", PIN).await.unwrap();
    assert_eq!(r.result, ReceiptResult::Approved);
    assert_eq!(r.decision, Decision::Approve);
    // Answered once.
    assert_eq!(
        auth.approve(c, "42", PIN).await.unwrap().result,
        ReceiptResult::Gone
    );

    // Saved, loaded, and the device still works: a wrong number, then a denial.
    let dir = std::env::temp_dir().join(format!("limen-auth-standin-{}", std::process::id()));
    let file = dir.join("device.json");
    save(&file, auth.state()).unwrap();
    let reloaded = Authenticator::from_state(reqwest::Client::new(), load(&file).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let c = reloaded.pending().await.unwrap().remove(0);
    assert_eq!(
        reloaded.approve(&c, "41", PIN).await.unwrap().result,
        ReceiptResult::WrongNumber
    );
    server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let c = reloaded.pending().await.unwrap().remove(0);
    let r = reloaded.deny(&c).await.unwrap();
    assert_eq!(
        (r.decision, r.result),
        (Decision::Deny, ReceiptResult::Denied)
    );

    // A display changed on the device is refused by the server (400 display_hash).
    server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let mut c = reloaded.pending().await.unwrap().remove(0);
    c.payload.display.service = "Something else".to_owned();
    assert!(matches!(
        reloaded.approve(&c, "42", PIN).await,
        Err(Error::Server { status: 400, ref code }) if code == "display_hash"
    ));

    // Bad numbers and PINs are refused before anything is sent.
    let before = server.log().len();
    for bad in ["420", "4a", "٤٢"] {
        assert!(matches!(
            reloaded.approve(&c, bad, PIN).await,
            Err(Error::Input(_))
        ));
    }
    assert!(matches!(
        reloaded.approve(&c, "42", "24x8").await,
        Err(Error::Input(_))
    ));
    assert_eq!(server.log().len(), before);
}

#[tokio::test]
async fn on_mobile_challenges_are_fetched_by_id() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    let (id, signed) = server.challenge("", ChallengeKind::OnMobile, 120, now());
    let c: Challenge = auth.fetch(&id).await.unwrap();
    assert_eq!(c.signed, signed);
    assert_eq!(c.payload.kind, ChallengeKind::OnMobile);
    assert_eq!(
        auth.approve(&c, "", PIN).await.unwrap().result,
        ReceiptResult::Approved
    );
    // Unknown: the server's 404; malformed ids never reach the server.
    let unknown = b64::encode(&[9u8; 32]);
    assert!(matches!(
        auth.fetch(&unknown).await,
        Err(Error::Server { status: 404, ref code }) if code == "not_found"
    ));
    let before = server.log().len();
    for bad in ["", "../enrol", "abc", &format!("{unknown}/x")] {
        assert!(
            matches!(auth.fetch(bad).await, Err(Error::Input(_))),
            "{bad}"
        );
    }
    assert_eq!(server.log().len(), before);
    // An offline challenge is not answered on line.
    let (offline, _) = server.challenge("", ChallengeKind::Offline, 120, now());
    assert!(matches!(
        auth.fetch(&offline).await,
        Err(Error::WrongKind(_))
    ));
}

#[tokio::test]
async fn a_pin_other_than_the_pages_fails_the_enrolment() {
    let server = StandIn::start().await;
    let r = Authenticator::enrol(
        reqwest::Client::new(),
        &server.link(now() + 300),
        "1357",
        &info(),
    )
    .await;
    assert!(matches!(
        r,
        Err(Error::Server { status: 409, ref code }) if code == "pin_mismatch"
    ));
    assert!(server.inner().devices.is_empty());
}

#[tokio::test]
async fn enrolment_answers_that_do_not_verify_are_refused() {
    for (tamper, expect) in [
        (Tamper::AnswerOtherServerKey, "key mismatch"),
        (Tamper::AnswerSignedByOther, "bad signature"),
        (Tamper::AnswerOtherDevice, "other device"),
        (Tamper::AnswerAsJson, "not jose"),
    ] {
        let server = StandIn::start().await;
        server.tamper(tamper);
        let r = Authenticator::enrol(
            reqwest::Client::new(),
            &server.link(now() + 300),
            PIN,
            &info(),
        )
        .await;
        let ok = match (&r, expect) {
            (Err(Error::ServerKeyMismatch), "key mismatch") => true,
            (
                Err(Error::Protocol {
                    source: limen_mobile::Error::BadSignature,
                    ..
                }),
                "bad signature",
            ) => true,
            (Err(Error::Unexpected(m)), "other device") => m.contains("another device"),
            (Err(Error::Unexpected(m)), "not jose") => m.contains("application/jose"),
            _ => false,
        };
        assert!(ok, "{tamper:?}: {r:?}");
        // It never confirmed: no PIN check left the device.
        assert_eq!(server.log(), ["POST /device/v1/enrol"], "{tamper:?}");
    }
}

#[tokio::test]
async fn bad_links_and_pins_send_nothing() {
    let server = StandIn::start().await;
    let expired = Authenticator::enrol(
        reqwest::Client::new(),
        &server.link(now() - 1),
        PIN,
        &info(),
    )
    .await;
    assert!(matches!(expired, Err(Error::Expired("enrolment link"))));
    let bad_pin = Authenticator::enrol(
        reqwest::Client::new(),
        &server.link(now() + 300),
        "12 34",
        &info(),
    )
    .await;
    assert!(matches!(bad_pin, Err(Error::Input(_))));
    let long_model = DeviceInfo {
        model: "x".repeat(65),
        ..info()
    };
    let bad_info = Authenticator::enrol(
        reqwest::Client::new(),
        &server.link(now() + 300),
        PIN,
        &long_model,
    )
    .await;
    assert!(matches!(bad_info, Err(Error::Input(_))));
    assert!(server.log().is_empty());
}

#[tokio::test]
async fn receipts_and_challenges_that_do_not_verify_are_refused() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let c = auth.pending().await.unwrap().remove(0);

    server.tamper(Tamper::ReceiptOtherChallenge);
    assert!(matches!(auth.deny(&c).await, Err(Error::Unexpected(_))));
    server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    server.tamper(Tamper::ReceiptSignedByOther);
    let c = auth
        .pending()
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.payload.id != c.payload.id)
        .unwrap();
    assert!(matches!(
        auth.approve(&c, "42", PIN).await,
        Err(Error::Protocol {
            source: limen_mobile::Error::BadSignature,
            ..
        })
    ));

    // A forged challenge in the list makes the list an error, not a shorter list.
    server.tamper(Tamper::ForgedPending);
    assert!(matches!(
        auth.pending().await,
        Err(Error::Protocol {
            source: limen_mobile::Error::BadSignature,
            ..
        })
    ));
    server.tamper(Tamper::None);

    // One that has expired by the device's clock is left out.
    let (old, _) = server.challenge(auth.device_id(), ChallengeKind::Push, 120, now() - 200);
    assert!(
        auth.pending()
            .await
            .unwrap()
            .iter()
            .all(|x| x.payload.id != old)
    );
}

#[tokio::test]
async fn the_live_channel() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    let (id, signed) = server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let (old, old_signed) =
        server.challenge(auth.device_id(), ChallengeKind::Push, 120, now() - 500);
    // Cut in awkward places, CRLF, a comment, an unknown event, an expired challenge (skipped).
    let stream = format!(
        ": welcome\r\n\r\nevent: hello\r\ndata: x\r\n\r\nevent: challenge\r\ndata: {old_signed}\r\n\r\nevent: challenge\r\ndata: {signed}\r\n\r\nevent: revoked\r\ndata: {{}}\r\n\r\n"
    )
    .into_bytes();
    server.inner().events = stream.chunks(13).map(<[u8]>::to_vec).collect();
    let mut seen = Vec::new();
    let end = auth
        .watch(|c| {
            seen.push(c.payload.id);
            true
        })
        .await
        .unwrap();
    assert_eq!(end, WatchEnd::Revoked);
    assert_eq!(seen, std::slice::from_ref(&id));
    assert!(!seen.contains(&old));

    // The callback stops it.
    let mut calls = 0;
    let end = auth
        .watch(|_| {
            calls += 1;
            false
        })
        .await
        .unwrap();
    assert_eq!((end, calls), (WatchEnd::Stopped, 1));

    // The server ends the stream: Closed.
    server.inner().events = vec![b": ping\n\n".to_vec()];
    assert_eq!(auth.watch(|_| true).await.unwrap(), WatchEnd::Closed);

    // A forged challenge on the stream is an error.
    let forged = seal(
        &server.other,
        TYP_CHALLENGE,
        &server.inner().challenges[&id].1.clone(),
    )
    .unwrap();
    server.inner().events = vec![format!("event: challenge\ndata: {forged}\n\n").into_bytes()];
    assert!(matches!(
        auth.watch(|_| true).await,
        Err(Error::Protocol { .. })
    ));
}

#[tokio::test]
async fn push_subscription() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    let mut point = vec![0x04];
    point.extend([1u8; 64]);
    let sub = PushSubscription {
        v: 1,
        endpoint: "https://push.example.net/wpush/abc".to_owned(),
        p256dh: b64::encode(&point),
        auth: b64::encode(&[2u8; 16]),
    };
    auth.set_push(Some(&sub)).await.unwrap();
    assert_eq!(server.inner().push, Some(Some(sub.clone())));
    auth.set_push(None).await.unwrap();
    assert_eq!(server.inner().push, Some(None));
    // A bad subscription is refused here.
    let before = server.log().len();
    let bad = PushSubscription {
        endpoint: "http://push.example.net/x".to_owned(),
        ..sub
    };
    assert!(matches!(
        auth.set_push(Some(&bad)).await,
        Err(Error::Input(_))
    ));
    assert_eq!(server.log().len(), before);
}

#[tokio::test]
async fn raw_requests_for_refusal_tests() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    let (status, body) = auth
        .raw("GET", "/device/v1/challenges", b"", None, None)
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        serde_json::json!({"challenges": []})
    );
    // The same jti twice: the second is a replay.
    let jti = b64::encode(&[8u8; 16]);
    let first = auth
        .raw("GET", "/device/v1/challenges", b"", Some(&jti), None)
        .await
        .unwrap();
    assert_eq!(first.0, 200);
    let (status, body) = auth
        .raw("GET", "/device/v1/challenges", b"", Some(&jti), None)
        .await
        .unwrap();
    assert_eq!(status, 401);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        serde_json::json!({"error": "replayed_proof"})
    );
    // An old proof is stale.
    let (status, body) = auth
        .raw("GET", "/device/v1/challenges", b"", None, Some(now() - 61))
        .await
        .unwrap();
    assert_eq!(status, 401);
    assert!(String::from_utf8_lossy(&body).contains("stale"));
    // Server refusals through the library are Error::Server with the code.
    server.inner().devices.clear();
    assert!(matches!(
        auth.pending().await,
        Err(Error::Server { status: 401, ref code }) if code == "unknown_device"
    ));
}

#[tokio::test]
async fn the_pin_is_checked_before_it_is_changed() {
    let server = StandIn::start().await;
    let mut auth = enrolled(&server).await;
    let mask = auth.state().mask.clone();
    assert_eq!(auth.check_pin(PIN).await.unwrap(), PinCheckResult::Ok);
    assert_eq!(
        auth.check_pin("1111").await.unwrap(),
        PinCheckResult::WrongPin
    );

    // New PINs the device refuses, before asking the server.
    let before = server.log().len();
    for (old, new) in [
        (PIN, "123"),
        (PIN, "12a4"),
        (PIN, "1234567890123"),
        ("24680", "1357"),
    ] {
        assert!(
            matches!(auth.change_pin(old, new).await, Err(Error::Input(_))),
            "{old} → {new}"
        );
    }
    assert_eq!(server.log().len(), before);
    assert_eq!(auth.state().mask, mask);

    // A wrong current PIN changes nothing.
    assert_eq!(
        auth.change_pin("9999", "1357").await.unwrap(),
        PinCheckResult::WrongPin
    );
    assert_eq!(auth.state().mask, mask);
    assert_eq!(server.log().last().unwrap(), "POST /device/v1/pin");

    // An answer the protocol does not have changes nothing either.
    server.tamper(Tamper::PinAnswerUnknown);
    assert!(matches!(
        auth.change_pin(PIN, "1357").await,
        Err(Error::Unexpected(_))
    ));
    assert_eq!(auth.state().mask, mask);
    server.inner().tamper = None;

    // The right one: K is masked under the new PIN, which now works, and the old one not.
    assert_eq!(
        auth.change_pin(PIN, "13579").await.unwrap(),
        PinCheckResult::Ok
    );
    assert_ne!(auth.state().mask, mask);
    assert_eq!(auth.check_pin("13579").await.unwrap(), PinCheckResult::Ok);
    assert_eq!(auth.check_pin(PIN).await.unwrap(), PinCheckResult::WrongPin);
    // The approval MAC is made with the same K as before: the stand-in accepts it.
    server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    let c = auth.pending().await.unwrap().remove(0);
    let r = auth.approve(&c, "42", "13579").await.unwrap();
    assert_eq!(r.result, ReceiptResult::Approved);
}

#[tokio::test]
async fn a_denial_can_say_not_me_and_the_device_unlinks() {
    let server = StandIn::start().await;
    let auth = enrolled(&server).await;
    for _ in 0..2 {
        server.challenge(auth.device_id(), ChallengeKind::Push, 120, now());
    }
    let mut pending = auth.pending().await.unwrap();
    let r = auth.deny(&pending.remove(0)).await.unwrap();
    assert_eq!(r.result, ReceiptResult::Denied);
    let r = auth.deny_not_me(&pending.remove(0)).await.unwrap();
    assert_eq!(r.result, ReceiptResult::Denied);
    assert_eq!(server.inner().reasons, [None, Some(DenyReason::NotMe)]);

    auth.unlink().await.unwrap();
    assert_eq!(server.log().last().unwrap(), "DELETE /device/v1/device");
    assert!(server.inner().devices.is_empty());
    assert!(matches!(
        auth.unlink().await,
        Err(Error::Server { status: 401, ref code }) if code == "unknown_device"
    ));
}
