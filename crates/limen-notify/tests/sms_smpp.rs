//! The SMS sender over SMPP 3.4 against a small SMSC written here (tokio, 127.0.0.1) that
//! decodes what it receives field by field, independently of the client's codec.

use limen_core::Clock;
use limen_core::clock::ManualClock;
use limen_crypto::sealed::SecretBox;
use limen_notify::{RetryPolicy, SmppSettings, SmsSender, SmsSettings, SmsTransport};
use limen_store::Store;
use limen_store::testdb::each_backend;
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PHONE: &str = "+33612345678";

/// What the SMSC does with the next submit_sm.
#[derive(Clone)]
enum Act {
    Accept(&'static str),
    Refuse(u32),
    /// Accepts, then closes the connection.
    AcceptThenClose(&'static str),
    /// Sends its own enquire_link first and waits for the answer, then accepts.
    EnquireThenAccept(&'static str),
    /// Answers with generic_nack.
    Nack,
    /// Accepts, then sends unbind and closes once answered.
    AcceptThenUnbind(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Bind {
    system_id: String,
    password: String,
    system_type: String,
    interface_version: u8,
    addr_ton: u8,
    addr_npi: u8,
    address_range: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Submit {
    sequence: u32,
    service_type: String,
    source: (u8, u8, String),
    dest: (u8, u8, String),
    esm_class: u8,
    registered_delivery: u8,
    data_coding: u8,
    sm_length: u8,
    short_message: Vec<u8>,
    /// (tag, value) of each TLV.
    tlvs: Vec<(u16, Vec<u8>)>,
}

#[derive(Default)]
struct Log {
    binds: Vec<Bind>,
    submits: Vec<Submit>,
    enquire_answers: Vec<(u32, u32, u32)>,
    unbind_answers: usize,
}

struct Smsc {
    addr: SocketAddr,
    log: Arc<Mutex<Log>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Smsc {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Smsc {
    /// `bind_status`: the command_status of every bind_transmitter_resp.
    async fn start(script: Vec<Act>, bind_status: u32) -> Smsc {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Log::default()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let log2 = log.clone();
        let task = tokio::spawn(async move {
            loop {
                let (socket, _) = listener.accept().await.unwrap();
                // One session at a time, as a client with one session uses it.
                serve(socket, &log2, &script, bind_status).await;
            }
        });
        Smsc { addr, log, task }
    }

    fn binds(&self) -> Vec<Bind> {
        self.log.lock().unwrap().binds.clone()
    }

    fn submits(&self) -> Vec<Submit> {
        self.log.lock().unwrap().submits.clone()
    }
}

async fn read_pdu(socket: &mut TcpStream) -> Option<(u32, u32, u32, Vec<u8>)> {
    let mut header = [0u8; 16];
    socket.read_exact(&mut header).await.ok()?;
    let word = |i: usize| u32::from_be_bytes(header[i..i + 4].try_into().unwrap());
    let mut body = vec![0u8; word(0) as usize - 16];
    socket.read_exact(&mut body).await.ok()?;
    Some((word(4), word(8), word(12), body))
}

async fn write_pdu(socket: &mut TcpStream, id: u32, status: u32, seq: u32, body: &[u8]) {
    let mut out = Vec::new();
    for w in [16 + body.len() as u32, id, status, seq] {
        out.extend_from_slice(&w.to_be_bytes());
    }
    out.extend_from_slice(body);
    socket.write_all(&out).await.unwrap();
}

/// Reads the fields of a body in order.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    fn c_string(&mut self) -> String {
        let end = self.0.iter().position(|&b| b == 0).expect("NUL-terminated");
        let s = String::from_utf8(self.0[..end].to_vec()).unwrap();
        self.0 = &self.0[end + 1..];
        s
    }
    fn octet(&mut self) -> u8 {
        let b = self.0[0];
        self.0 = &self.0[1..];
        b
    }
    fn octets(&mut self, n: usize) -> Vec<u8> {
        let v = self.0[..n].to_vec();
        self.0 = &self.0[n..];
        v
    }
    fn short(&mut self) -> u16 {
        u16::from_be_bytes([self.octet(), self.octet()])
    }
}

async fn serve(
    mut socket: TcpStream,
    log: &Mutex<Log>,
    script: &Mutex<VecDeque<Act>>,
    bind_status: u32,
) {
    while let Some((id, _status, seq, body)) = read_pdu(&mut socket).await {
        let mut f = Fields(&body);
        match id {
            0x0000_0002 => {
                let bind = Bind {
                    system_id: f.c_string(),
                    password: f.c_string(),
                    system_type: f.c_string(),
                    interface_version: f.octet(),
                    addr_ton: f.octet(),
                    addr_npi: f.octet(),
                    address_range: f.c_string(),
                };
                assert!(f.0.is_empty(), "nothing after address_range");
                log.lock().unwrap().binds.push(bind);
                let body: &[u8] = if bind_status == 0 { b"TestSMSC\0" } else { b"" };
                write_pdu(&mut socket, 0x8000_0002, bind_status, seq, body).await;
            }
            0x0000_0004 => {
                let mut submit = Submit {
                    sequence: seq,
                    service_type: f.c_string(),
                    source: (f.octet(), f.octet(), f.c_string()),
                    dest: (f.octet(), f.octet(), f.c_string()),
                    esm_class: f.octet(),
                    registered_delivery: 0,
                    data_coding: 0,
                    sm_length: 0,
                    short_message: vec![],
                    tlvs: vec![],
                };
                let (_protocol_id, _priority) = (f.octet(), f.octet());
                assert_eq!(f.c_string(), "", "schedule_delivery_time");
                assert_eq!(f.c_string(), "", "validity_period");
                submit.registered_delivery = f.octet();
                let _replace_if_present = f.octet();
                submit.data_coding = f.octet();
                let _sm_default_msg_id = f.octet();
                submit.sm_length = f.octet();
                submit.short_message = f.octets(submit.sm_length as usize);
                while !f.0.is_empty() {
                    let tag = f.short();
                    let len = f.short() as usize;
                    submit.tlvs.push((tag, f.octets(len)));
                }
                log.lock().unwrap().submits.push(submit);
                let act = script
                    .lock()
                    .unwrap()
                    .pop_front()
                    .unwrap_or(Act::Accept("default"));
                match act {
                    Act::Accept(mid) => write_resp(&mut socket, seq, mid).await,
                    Act::Refuse(status) => {
                        write_pdu(&mut socket, 0x8000_0004, status, seq, b"").await;
                    }
                    Act::AcceptThenClose(mid) => {
                        write_resp(&mut socket, seq, mid).await;
                        return;
                    }
                    Act::EnquireThenAccept(mid) => {
                        write_pdu(&mut socket, 0x0000_0015, 0, 9000, b"").await;
                        let (rid, rstatus, rseq, rbody) = read_pdu(&mut socket).await.unwrap();
                        assert!(rbody.is_empty());
                        log.lock()
                            .unwrap()
                            .enquire_answers
                            .push((rid, rstatus, rseq));
                        write_resp(&mut socket, seq, mid).await;
                    }
                    Act::Nack => write_pdu(&mut socket, 0x8000_0000, 0x08, seq, b"").await,
                    Act::AcceptThenUnbind(mid) => {
                        write_resp(&mut socket, seq, mid).await;
                        write_pdu(&mut socket, 0x0000_0006, 0, 9001, b"").await;
                        // The client answers when it next reads: before its next submit_sm
                        // if the unbind has arrived by then, else while awaiting its response
                        // (which never comes: this session is over).
                        while let Some((rid, rstatus, rseq, _)) = read_pdu(&mut socket).await {
                            if (rid, rstatus, rseq) == (0x8000_0006, 0, 9001) {
                                log.lock().unwrap().unbind_answers += 1;
                                return;
                            }
                        }
                        return;
                    }
                }
            }
            0x0000_0015 => write_pdu(&mut socket, 0x8000_0015, 0, seq, b"").await,
            0x0000_0006 => {
                write_pdu(&mut socket, 0x8000_0006, 0, seq, b"").await;
                return;
            }
            other => panic!("unexpected command 0x{other:08X}"),
        }
    }
}

async fn write_resp(socket: &mut TcpStream, seq: u32, message_id: &str) {
    let body = [message_id.as_bytes(), b"\0"].concat();
    write_pdu(socket, 0x8000_0004, 0, seq, &body).await;
}

fn start() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
}

fn smpp(addr: SocketAddr) -> SmppSettings {
    SmppSettings {
        host: "127.0.0.1".into(),
        port: addr.port(),
        tls: false,
        system_id: "limen".into(),
        password: "s3cret".into(),
        system_type: "OTP".into(),
        source_ton: 5,
        source_npi: 0,
        dest_ton: 1,
        dest_npi: 1,
        timeout: std::time::Duration::from_secs(5),
        enquire_link: std::time::Duration::from_secs(3600),
    }
}

fn sender(store: &Store, settings: SmppSettings, clock: &Arc<ManualClock>) -> Arc<SmsSender> {
    let clock: Arc<dyn Clock> = clock.clone();
    SmsSender::new(
        store.clone(),
        SmsSettings {
            transport: SmsTransport::Smpp(settings),
            retry: RetryPolicy::default(),
            sender: "Limen".into(),
        },
        clock,
        reqwest::Client::new(),
        SecretBox::new(&[3u8; 32]),
    )
    .unwrap()
}

async fn queue(sms: &SmsSender, text: &str) -> i64 {
    sms.queue(
        PHONE,
        "login",
        text,
        Some("123456"),
        start() + Duration::minutes(10),
    )
    .await
    .unwrap()
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(start()))
}

#[tokio::test]
async fn binds_once_and_submits_gsm_texts_with_the_configured_addresses() {
    each_backend(|store| async move {
        let smsc = Smsc::start(vec![Act::Accept("msg-1"), Act::Accept("msg-2")], 0).await;
        let clock = clock();
        let sms = sender(&store, smpp(smsc.addr), &clock);
        assert_eq!(
            sms.describe(),
            format!("SMPP 127.0.0.1:{}", smsc.addr.port())
        );
        let a = queue(&sms, "Code: 123456 €[x]").await;
        let b = queue(&sms, "@ £").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 2);

        assert_eq!(
            smsc.binds(),
            vec![Bind {
                system_id: "limen".into(),
                password: "s3cret".into(),
                system_type: "OTP".into(),
                interface_version: 0x34,
                addr_ton: 0,
                addr_npi: 0,
                address_range: String::new(),
            }],
            "one session for both"
        );
        let submits = smsc.submits();
        assert_eq!(submits.len(), 2);
        let first = &submits[0];
        assert_eq!(first.service_type, "");
        assert_eq!(first.source, (5, 0, "Limen".into()));
        assert_eq!(first.dest, (1, 1, "33612345678".into()));
        assert_eq!((first.esm_class, first.registered_delivery), (0, 0));
        assert_eq!(first.data_coding, 0x00);
        let mut expected = b"Code: 123456 ".to_vec();
        expected.extend_from_slice(&[0x1B, 0x65, 0x1B, 0x3C, b'x', 0x1B, 0x3E]);
        assert_eq!(first.short_message, expected);
        assert_eq!(first.sm_length as usize, expected.len());
        assert!(first.tlvs.is_empty());
        assert_eq!(submits[1].short_message, vec![0x00, 0x20, 0x01]);
        assert!(
            submits[1].sequence > first.sequence,
            "sequence numbers increase"
        );

        let a = store.sms_by_id(a).await.unwrap().unwrap();
        assert_eq!(a.reference.as_deref(), Some("msg-1"));
        assert_eq!(a.body, "");
        let b = store.sms_by_id(b).await.unwrap().unwrap();
        assert_eq!(b.reference.as_deref(), Some("msg-2"));
    })
    .await;
}

#[tokio::test]
async fn other_scripts_go_as_ucs2_and_long_texts_in_message_payload() {
    each_backend(|store| async move {
        let smsc = Smsc::start(vec![], 0).await;
        let clock = clock();
        let sms = sender(&store, smpp(smsc.addr), &clock);
        queue(&sms, "Код 123456").await;
        let long = "Your Limen code is 123456. ".repeat(8);
        queue(&sms, &long).await;
        let long_ucs2 = "Ваш код 123456. ".repeat(5);
        queue(&sms, &long_ucs2).await;
        assert_eq!(sms.deliver_due().await.unwrap(), 3);
        let submits = smsc.submits();
        assert_eq!(submits[0].data_coding, 0x08);
        let utf16: Vec<u8> = "Код 123456"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(submits[0].short_message, utf16);

        assert_eq!(long.len(), 216);
        assert_eq!(submits[1].data_coding, 0x00);
        assert_eq!(submits[1].sm_length, 0);
        assert!(submits[1].short_message.is_empty());
        assert_eq!(submits[1].tlvs, vec![(0x0424, long.as_bytes().to_vec())]);

        assert_eq!(submits[2].data_coding, 0x08);
        assert_eq!(submits[2].sm_length, 0);
        let utf16: Vec<u8> = long_ucs2
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(utf16.len() > 140);
        assert_eq!(submits[2].tlvs, vec![(0x0424, utf16)]);
    })
    .await;
}

#[tokio::test]
async fn refusals_are_permanent_or_transient_by_status() {
    each_backend(|store| async move {
        let smsc = Smsc::start(vec![Act::Refuse(0x0B), Act::Refuse(0x58), Act::Nack], 0).await;
        let clock = clock();
        let sms = sender(&store, smpp(smsc.addr), &clock);
        let bad_number = queue(&sms, "a").await;
        let throttled = queue(&sms, "b").await;
        let nacked = queue(&sms, "c").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(bad_number).await.unwrap().unwrap();
        assert_eq!(row.failed_at, Some(start()));
        assert_eq!(
            row.last_error.as_deref(),
            Some("submit_sm refused: 0x0000000B ESME_RINVDSTADR")
        );
        let row = store.sms_by_id(throttled).await.unwrap().unwrap();
        assert!(row.failed_at.is_none());
        assert_eq!(
            row.last_error.as_deref(),
            Some("submit_sm refused: 0x00000058 ESME_RTHROTTLED")
        );
        assert_eq!(row.next_attempt_at, start() + Duration::seconds(30));
        let row = store.sms_by_id(nacked).await.unwrap().unwrap();
        assert!(row.failed_at.is_none());
        assert!(row.last_error.unwrap().starts_with("generic_nack"));

        clock.advance(Duration::seconds(30));
        assert_eq!(
            sms.deliver_due().await.unwrap(),
            2,
            "both retried and accepted"
        );
        assert_eq!(smsc.binds().len(), 1, "a refusal does not end the session");
    })
    .await;
}

#[tokio::test]
async fn a_closed_session_is_reopened_for_the_next_message() {
    each_backend(|store| async move {
        let smsc = Smsc::start(vec![Act::AcceptThenClose("m1"), Act::Accept("m2")], 0).await;
        let clock = clock();
        let sms = sender(&store, smpp(smsc.addr), &clock);
        queue(&sms, "one").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        let second = queue(&sms, "two").await;
        // The close is seen before the submit (reconnect at once) or by it (retried later).
        let mut delivered = sms.deliver_due().await.unwrap();
        if delivered == 0 {
            clock.advance(Duration::seconds(30));
            delivered = sms.deliver_due().await.unwrap();
        }
        assert_eq!(delivered, 1);
        assert_eq!(smsc.binds().len(), 2, "bound again");
        let row = store.sms_by_id(second).await.unwrap().unwrap();
        assert_eq!(row.reference.as_deref(), Some("m2"));
    })
    .await;
}

#[tokio::test]
async fn the_smscs_enquire_link_and_unbind_are_answered() {
    each_backend(|store| async move {
        let smsc = Smsc::start(
            vec![
                Act::EnquireThenAccept("m1"),
                Act::AcceptThenUnbind("m2"),
                Act::Accept("m3"),
            ],
            0,
        )
        .await;
        let clock = clock();
        let sms = sender(&store, smpp(smsc.addr), &clock);
        queue(&sms, "one").await;
        queue(&sms, "two").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 2);
        assert_eq!(
            smsc.log.lock().unwrap().enquire_answers,
            vec![(0x8000_0015, 0, 9000)],
            "enquire_link_resp, status 0, same sequence"
        );
        // The unbind waits in the socket until the session is used again: it is answered and
        // the message goes on a new session.
        let third = queue(&sms, "three").await;
        let mut delivered = sms.deliver_due().await.unwrap();
        if delivered == 0 {
            clock.advance(Duration::seconds(30));
            delivered = sms.deliver_due().await.unwrap();
        }
        assert_eq!(delivered, 1);
        assert_eq!(smsc.log.lock().unwrap().unbind_answers, 1);
        assert_eq!(smsc.binds().len(), 2);
        let row = store.sms_by_id(third).await.unwrap().unwrap();
        assert_eq!(row.reference.as_deref(), Some("m3"));
    })
    .await;
}

#[tokio::test]
async fn an_idle_session_is_checked_with_enquire_link_before_use() {
    each_backend(|store| async move {
        let smsc = Smsc::start(vec![], 0).await;
        let clock = clock();
        let mut settings = smpp(smsc.addr);
        settings.enquire_link = std::time::Duration::from_millis(1);
        let sms = sender(&store, settings, &clock);
        queue(&sms, "one").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        // Make sure the session has been idle longer than enquire_link.
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        queue(&sms, "two").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 1);
        let submits = smsc.submits();
        // bind 1, submit 2, enquire_link 3, submit 4.
        assert_eq!(
            submits.iter().map(|s| s.sequence).collect::<Vec<_>>(),
            vec![2, 4]
        );
        assert_eq!(smsc.binds().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_refused_bind_or_an_absent_smsc_is_retried() {
    each_backend(|store| async move {
        let smsc = Smsc::start(vec![], 0x0E).await;
        let clock = clock();
        let sms = sender(&store, smpp(smsc.addr), &clock);
        let id = queue(&sms, "one").await;
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert!(row.failed_at.is_none());
        assert_eq!(
            row.last_error.as_deref(),
            Some("bind_transmitter refused: 0x0000000E ESME_RINVPASWD")
        );
        assert!(smsc.submits().is_empty());

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let sms = sender(&store, smpp(addr), &clock);
        clock.advance(Duration::seconds(30));
        assert_eq!(sms.deliver_due().await.unwrap(), 0);
        let row = store.sms_by_id(id).await.unwrap().unwrap();
        assert!(row.failed_at.is_none());
        assert!(
            row.last_error
                .as_deref()
                .unwrap()
                .starts_with("SMPP connection:"),
            "{:?}",
            row.last_error
        );
    })
    .await;
}
