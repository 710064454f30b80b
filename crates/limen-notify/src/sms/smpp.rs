//! The SMPP 3.4 client (SMPP v3.4 Issue 1.2): one persistent transmitter session with the SMSC,
//! opened lazily, kept behind a mutex and reopened after any failure.
//!
//! - `bind_transmitter` (§4.1.1) with `interface_version` 0x34, then one `submit_sm` (§4.4.1) per
//!   message: GSM 03.38 (`data_coding` 0x00) when the text allows, else UCS-2 (0x08, §5.2.19);
//!   in `short_message` up to 140 octets, beyond in the `message_payload` TLV (§5.3.2.32).
//! - The SMSC's own requests are answered whenever the client reads: `enquire_link` (§4.11) with
//!   its response, `unbind` (§4.2) with its response and the end of the session, anything else
//!   with `generic_nack` (§4.3). Before reusing a session idle longer than `enquire_link`, the
//!   client checks it with an `enquire_link` of its own.
//! - With `tls`, the session runs over TLS (tokio-rustls) from the first byte, the SMSC's
//!   certificate checked against the web PKI roots for `host`.
//! - Any I/O error, timeout, malformed PDU (`command_length` under 16 or over 64 KiB) or unbind
//!   ends the session: the message at hand is retried later (transient), on a new session.

use super::gsm;
use super::{Outcome, Outgoing, SmppSettings};
use crate::NotifyError;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::Mutex;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::ServerName;

// Command ids, §5.1.2.1.
const GENERIC_NACK: u32 = 0x8000_0000;
const BIND_TRANSMITTER: u32 = 0x0000_0002;
const BIND_TRANSMITTER_RESP: u32 = 0x8000_0002;
const SUBMIT_SM: u32 = 0x0000_0004;
const SUBMIT_SM_RESP: u32 = 0x8000_0004;
const UNBIND: u32 = 0x0000_0006;
const UNBIND_RESP: u32 = 0x8000_0006;
const ENQUIRE_LINK: u32 = 0x0000_0015;
const ENQUIRE_LINK_RESP: u32 = 0x8000_0015;
/// The high bit marks a response (§5.1.2.1).
const RESPONSE: u32 = 0x8000_0000;

/// §2.2.2 / §4.1.1: the version this client speaks.
const INTERFACE_VERSION: u8 = 0x34;
/// Every PDU starts with command_length, command_id, command_status and sequence_number (§3.2).
const HEADER_LEN: usize = 16;
/// The largest PDU accepted from the SMSC; a longer one ends the session.
const MAX_PDU: usize = 64 * 1024;
/// §5.3.2.32.
const TAG_MESSAGE_PAYLOAD: u16 = 0x0424;
/// The most octets sent in `short_message`; longer texts go in `message_payload`.
const SHORT_MESSAGE_MAX: usize = 140;
/// §5.1.3 ESME_RINVCMDID: the answer to a request this client does not handle.
const STATUS_INVALID_COMMAND: u32 = 0x0000_0003;

/// Field limits of §4.1.1 and §4.4.1, terminating NUL excluded.
const SYSTEM_ID_MAX: usize = 15;
const PASSWORD_MAX: usize = 8;
const SYSTEM_TYPE_MAX: usize = 12;
const ADDRESS_MAX: usize = 20;

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// One PDU (§3.2): its header fields and the body as octets.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pdu {
    command_id: u32,
    status: u32,
    sequence: u32,
    body: Vec<u8>,
}

impl Pdu {
    fn encode(&self) -> Vec<u8> {
        let length = (HEADER_LEN + self.body.len()) as u32;
        let mut out = Vec::with_capacity(HEADER_LEN + self.body.len());
        for field in [length, self.command_id, self.status, self.sequence] {
            out.extend_from_slice(&field.to_be_bytes());
        }
        out.extend_from_slice(&self.body);
        out
    }
}

/// Why a session ended or a request got no usable answer.
#[derive(Debug)]
enum LinkError {
    Io(std::io::Error),
    Closed,
    BadLength(u32),
    Unbound,
    Timeout(&'static str),
    Refused(&'static str, u32),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Io(e) => write!(f, "SMPP connection: {e}"),
            LinkError::Closed => f.write_str("the SMSC closed the connection"),
            LinkError::BadLength(n) => write!(f, "the SMSC sent a PDU of invalid length {n}"),
            LinkError::Unbound => f.write_str("the SMSC ended the session (unbind)"),
            LinkError::Timeout(what) => write!(f, "no {what} in time"),
            LinkError::Refused(what, status) => {
                write!(f, "{what} refused: {}", status_text(*status))
            }
        }
    }
}

impl From<std::io::Error> for LinkError {
    fn from(e: std::io::Error) -> Self {
        LinkError::Io(e)
    }
}

/// An open, bound session.
struct Link {
    stream: Box<dyn Io>,
    /// Octets read but not yet taken as PDUs.
    buf: Vec<u8>,
    last_sequence: u32,
    last_used: Instant,
    /// A request was under way when its caller was cancelled: the stream is mid-PDU, unusable.
    in_flight: bool,
}

impl Link {
    fn new(stream: Box<dyn Io>) -> Self {
        Self {
            stream,
            buf: Vec::new(),
            last_sequence: 0,
            last_used: Instant::now(),
            in_flight: false,
        }
    }

    /// §3.2: sequence numbers run from 1 to 0x7FFFFFFF; ours increase and wrap to 1.
    fn next_sequence(&mut self) -> u32 {
        self.last_sequence = if self.last_sequence >= 0x7FFF_FFFF {
            1
        } else {
            self.last_sequence + 1
        };
        self.last_sequence
    }

    async fn write(&mut self, pdu: &Pdu) -> Result<(), LinkError> {
        self.stream.write_all(&pdu.encode()).await?;
        self.stream.flush().await?;
        Ok(())
    }

    /// A whole PDU from the buffer, if one is there; a bad `command_length` is an error.
    fn take(&mut self) -> Result<Option<Pdu>, LinkError> {
        let Some(length) = self.buf.get(..4) else {
            return Ok(None);
        };
        let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]);
        let size = length as usize;
        if !(HEADER_LEN..=MAX_PDU).contains(&size) {
            return Err(LinkError::BadLength(length));
        }
        if self.buf.len() < size {
            return Ok(None);
        }
        let word = |at: usize| {
            u32::from_be_bytes([
                self.buf[at],
                self.buf[at + 1],
                self.buf[at + 2],
                self.buf[at + 3],
            ])
        };
        let pdu = Pdu {
            command_id: word(4),
            status: word(8),
            sequence: word(12),
            body: self.buf[HEADER_LEN..size].to_vec(),
        };
        self.buf.drain(..size);
        Ok(Some(pdu))
    }

    /// The next PDU, waiting for it. `read_buf` keeps what it read even if the wait is cut off.
    async fn read(&mut self) -> Result<Pdu, LinkError> {
        loop {
            if let Some(pdu) = self.take()? {
                return Ok(pdu);
            }
            if self.stream.read_buf(&mut self.buf).await? == 0 {
                return Err(LinkError::Closed);
            }
        }
    }

    /// Reads, without waiting, whatever the SMSC sent while the session was idle, and answers
    /// it; an error means the session is over (closed, unbound, broken).
    async fn drain(&mut self) -> Result<(), LinkError> {
        loop {
            let read = tokio::select! {
                biased;
                read = self.stream.read_buf(&mut self.buf) => Some(read),
                () = std::future::ready(()) => None,
            };
            match read {
                None => break,
                Some(Ok(0)) => return Err(LinkError::Closed),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e.into()),
            }
        }
        while let Some(pdu) = self.take()? {
            self.answer(&pdu).await?;
        }
        Ok(())
    }

    /// Answers a PDU the SMSC sent on its own: `enquire_link` (§4.11.2), `unbind` (§4.2.2, and
    /// the session ends), any other request with `generic_nack` (§4.3); stray responses are
    /// ignored.
    async fn answer(&mut self, pdu: &Pdu) -> Result<(), LinkError> {
        let reply = |command_id, status| Pdu {
            command_id,
            status,
            sequence: pdu.sequence,
            body: Vec::new(),
        };
        match pdu.command_id {
            ENQUIRE_LINK => self.write(&reply(ENQUIRE_LINK_RESP, 0)).await,
            UNBIND => {
                // The session ends whether or not the answer gets through.
                let _ = self.write(&reply(UNBIND_RESP, 0)).await;
                Err(LinkError::Unbound)
            }
            id if id & RESPONSE == 0 => {
                self.write(&reply(GENERIC_NACK, STATUS_INVALID_COMMAND))
                    .await
            }
            _ => Ok(()),
        }
    }

    /// Sends a request and waits for its response — the PDU with the same sequence number and
    /// `response_id`, or a `generic_nack` — answering the SMSC's own requests meanwhile.
    async fn request(
        &mut self,
        command_id: u32,
        body: Vec<u8>,
        response_id: u32,
    ) -> Result<Pdu, LinkError> {
        self.in_flight = true;
        let sequence = self.next_sequence();
        self.write(&Pdu {
            command_id,
            status: 0,
            sequence,
            body,
        })
        .await?;
        loop {
            let pdu = self.read().await?;
            if pdu.sequence == sequence
                && (pdu.command_id == response_id || pdu.command_id == GENERIC_NACK)
            {
                self.in_flight = false;
                self.last_used = Instant::now();
                return Ok(pdu);
            }
            self.answer(&pdu).await?;
        }
    }
}

pub(crate) struct SmppClient {
    settings: SmppSettings,
    sender: String,
    /// With `tls`: the connector (web PKI roots) and the name the certificate must bear.
    tls: Option<(tokio_rustls::TlsConnector, ServerName<'static>)>,
    link: Mutex<Option<Link>>,
}

impl SmppClient {
    /// Checks the field lengths of §4.1.1 and §4.4.1; errors name the setting.
    pub(crate) fn new(settings: SmppSettings, sender: &str) -> Result<Self, NotifyError> {
        let bad = |what: &str, why: String| NotifyError::SmsConfig(format!("{what}: {why}"));
        if settings.host.trim().is_empty() {
            return Err(bad("sms.smpp.host", "must not be empty".into()));
        }
        if settings.port == 0 {
            return Err(bad("sms.smpp.port", "must not be 0".into()));
        }
        for (what, value, max, section) in [
            (
                "sms.smpp.system_id",
                &settings.system_id,
                SYSTEM_ID_MAX,
                "§4.1.1",
            ),
            (
                "sms.smpp.password",
                &settings.password,
                PASSWORD_MAX,
                "§4.1.1",
            ),
            (
                "sms.smpp.system_type",
                &settings.system_type,
                SYSTEM_TYPE_MAX,
                "§4.1.1",
            ),
            (
                "sms.sender",
                &sender.to_owned(),
                ADDRESS_MAX,
                "§4.4.1 source_addr",
            ),
        ] {
            c_octet_string(value, max)
                .map_err(|why| bad(what, format!("{why} (SMPP 3.4 {section})")))?;
        }
        if settings.system_id.is_empty() {
            return Err(bad("sms.smpp.system_id", "must not be empty".into()));
        }
        if settings.timeout.is_zero() {
            return Err(bad("sms.smpp.timeout", "must be positive".into()));
        }
        if settings.enquire_link.is_zero() {
            return Err(bad("sms.smpp.enquire_link", "must be positive".into()));
        }
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        Self::with_roots(settings, sender, roots)
    }

    /// The client with the trust anchors for TLS given: the web PKI roots, or a test CA.
    fn with_roots(
        settings: SmppSettings,
        sender: &str,
        roots: rustls::RootCertStore,
    ) -> Result<Self, NotifyError> {
        let tls = if settings.tls {
            let name = ServerName::try_from(settings.host.clone()).map_err(|e| {
                NotifyError::SmsConfig(format!("sms.smpp.host: not a TLS server name: {e}"))
            })?;
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let config = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| NotifyError::SmsConfig(format!("sms.smpp.tls: {e}")))?
                .with_root_certificates(roots)
                .with_no_client_auth();
            Some((tokio_rustls::TlsConnector::from(Arc::new(config)), name))
        } else {
            None
        };
        Ok(Self {
            settings,
            sender: sender.to_owned(),
            tls,
            link: Mutex::new(None),
        })
    }

    /// `SMPP host:port`, `(TLS)` when encrypted; never the credentials.
    pub(crate) fn describe(&self) -> String {
        let tls = if self.settings.tls { " (TLS)" } else { "" };
        format!("SMPP {}:{}{tls}", self.settings.host, self.settings.port)
    }

    /// Connecting, binding, checking the link and submitting: each bounded by the timeout, and
    /// one more for waiting behind another message.
    pub(crate) fn time_limit(&self) -> Duration {
        self.settings.timeout * 5
    }

    pub(crate) async fn send(&self, message: &Outgoing<'_>) -> Outcome {
        let body = match self.submit_body(message) {
            Ok(body) => body,
            Err(why) => return Outcome::Permanent(why),
        };
        let mut slot = self.link.lock().await;
        if let Err(e) = self.ready(&mut slot).await {
            *slot = None;
            return Outcome::Transient(e.to_string());
        }
        let Some(link) = slot.as_mut() else {
            return Outcome::Transient("no SMPP session".into());
        };
        let answer = tokio::time::timeout(
            self.settings.timeout,
            link.request(SUBMIT_SM, body, SUBMIT_SM_RESP),
        )
        .await;
        match answer {
            Err(_) => {
                *slot = None;
                Outcome::Transient(LinkError::Timeout("submit_sm_resp").to_string())
            }
            Ok(Err(e)) => {
                *slot = None;
                Outcome::Transient(e.to_string())
            }
            Ok(Ok(pdu)) => judge(&pdu),
        }
    }

    /// Leaves a usable bound session in `slot`: the current one if it is still alive (what the
    /// SMSC sent meanwhile answered, an `enquire_link` after long idleness), else a new one.
    async fn ready(&self, slot: &mut Option<Link>) -> Result<(), LinkError> {
        if let Some(link) = slot.as_mut() {
            let alive = !link.in_flight && link.drain().await.is_ok() && self.check(link).await;
            if !alive {
                *slot = None;
            }
        }
        if slot.is_none() {
            *slot = Some(self.connect().await?);
        }
        Ok(())
    }

    /// After `enquire_link` of idleness, asks the SMSC whether the session still stands (§4.11).
    async fn check(&self, link: &mut Link) -> bool {
        if link.last_used.elapsed() < self.settings.enquire_link {
            return true;
        }
        let answer = tokio::time::timeout(
            self.settings.timeout,
            link.request(ENQUIRE_LINK, Vec::new(), ENQUIRE_LINK_RESP),
        )
        .await;
        matches!(answer, Ok(Ok(pdu)) if pdu.command_id == ENQUIRE_LINK_RESP && pdu.status == 0)
    }

    /// Connects and binds as a transmitter (§4.1.1).
    async fn connect(&self) -> Result<Link, LinkError> {
        let s = &self.settings;
        let tcp = tokio::time::timeout(
            s.timeout,
            tokio::net::TcpStream::connect((s.host.as_str(), s.port)),
        )
        .await
        .map_err(|_| LinkError::Timeout("connection to the SMSC"))??;
        tcp.set_nodelay(true)?;
        let stream: Box<dyn Io> = match &self.tls {
            None => Box::new(tcp),
            Some((connector, name)) => Box::new(
                tokio::time::timeout(s.timeout, connector.connect(name.clone(), tcp))
                    .await
                    .map_err(|_| LinkError::Timeout("TLS handshake with the SMSC"))??,
            ),
        };
        let mut link = Link::new(stream);
        let answer = tokio::time::timeout(
            s.timeout,
            link.request(BIND_TRANSMITTER, self.bind_body(), BIND_TRANSMITTER_RESP),
        )
        .await
        .map_err(|_| LinkError::Timeout("bind_transmitter_resp"))??;
        if answer.command_id != BIND_TRANSMITTER_RESP || answer.status != 0 {
            return Err(LinkError::Refused("bind_transmitter", answer.status));
        }
        tracing::debug!(smsc = %self.describe(), "SMPP session bound");
        Ok(link)
    }

    /// §4.1.1: system_id, password, system_type, interface_version, addr_ton, addr_npi,
    /// address_range (empty: a transmitter receives nothing).
    fn bind_body(&self) -> Vec<u8> {
        let s = &self.settings;
        let mut body = Vec::new();
        put_c_string(&mut body, &s.system_id);
        put_c_string(&mut body, &s.password);
        put_c_string(&mut body, &s.system_type);
        body.extend_from_slice(&[INTERFACE_VERSION, 0, 0]);
        put_c_string(&mut body, "");
        body
    }

    /// §4.4.1, in its order. The text goes in `short_message` when it fits in 140 octets, else
    /// in `message_payload` with `sm_length` 0 (§5.3.2.32: the two are never used together).
    fn submit_body(&self, message: &Outgoing<'_>) -> Result<Vec<u8>, String> {
        let s = &self.settings;
        let destination = message.to.trim_start_matches('+');
        if destination.is_empty() || destination.len() > ADDRESS_MAX {
            return Err("the destination number does not fit destination_addr".into());
        }
        let (data_coding, octets) = gsm::encode(message.text);
        let mut body = Vec::with_capacity(64 + octets.len());
        put_c_string(&mut body, ""); // service_type: the SMSC's default
        body.extend_from_slice(&[s.source_ton, s.source_npi]);
        put_c_string(&mut body, &self.sender);
        body.extend_from_slice(&[s.dest_ton, s.dest_npi]);
        put_c_string(&mut body, destination);
        // esm_class (default mode), protocol_id, priority_flag
        body.extend_from_slice(&[0, 0, 0]);
        put_c_string(&mut body, ""); // schedule_delivery_time: now
        put_c_string(&mut body, ""); // validity_period: the SMSC's default
        // registered_delivery (no receipt), replace_if_present_flag, data_coding, sm_default_msg_id
        body.extend_from_slice(&[0, 0, data_coding, 0]);
        if octets.len() <= SHORT_MESSAGE_MAX {
            body.push(octets.len() as u8);
            body.extend_from_slice(&octets);
        } else {
            let length = u16::try_from(octets.len())
                .ok()
                .filter(|&n| usize::from(n) + body.len() + 5 + HEADER_LEN <= MAX_PDU)
                .ok_or_else(|| "the text is too long for one SMPP message".to_owned())?;
            body.push(0);
            body.extend_from_slice(&TAG_MESSAGE_PAYLOAD.to_be_bytes());
            body.extend_from_slice(&length.to_be_bytes());
            body.extend_from_slice(&octets);
        }
        Ok(body)
    }
}

/// The outcome a `submit_sm_resp` (§4.4.2) or `generic_nack` means. The message_id is the
/// reference; the body is absent when the status is an error (§4.4.2).
fn judge(pdu: &Pdu) -> Outcome {
    if pdu.command_id == GENERIC_NACK {
        return Outcome::Transient(format!("generic_nack: {}", status_text(pdu.status)));
    }
    if pdu.status == 0 {
        let id = pdu.body.split(|&b| b == 0).next().unwrap_or_default();
        // §4.4.2: a C-Octet String of at most 65 octets; a longer one is cut there.
        let id: String = String::from_utf8_lossy(id).chars().take(64).collect();
        return Outcome::Delivered((!id.is_empty()).then_some(id));
    }
    let error = format!("submit_sm refused: {}", status_text(pdu.status));
    match pdu.status {
        // Throttled, queue full, system error, bind failed: the SMSC, not the message, is at
        // fault; ESME_RX_T_APPN is by definition temporary.
        0x58 | 0x14 | 0x08 | 0x0D | 0x64 => Outcome::Transient(error),
        _ => Outcome::Permanent(error),
    }
}

/// `0x0000000B ESME_RINVDSTADR`: the status in hex and its name from §5.1.3.
fn status_text(status: u32) -> String {
    let name = match status {
        0x00 => "ESME_ROK",
        0x01 => "ESME_RINVMSGLEN",
        0x02 => "ESME_RINVCMDLEN",
        0x03 => "ESME_RINVCMDID",
        0x04 => "ESME_RINVBNDSTS",
        0x05 => "ESME_RALYBND",
        0x06 => "ESME_RINVPRTFLG",
        0x07 => "ESME_RINVREGDLVFLG",
        0x08 => "ESME_RSYSERR",
        0x0A => "ESME_RINVSRCADR",
        0x0B => "ESME_RINVDSTADR",
        0x0C => "ESME_RINVMSGID",
        0x0D => "ESME_RBINDFAIL",
        0x0E => "ESME_RINVPASWD",
        0x0F => "ESME_RINVSYSID",
        0x11 => "ESME_RCANCELFAIL",
        0x13 => "ESME_RREPLACEFAIL",
        0x14 => "ESME_RMSGQFUL",
        0x15 => "ESME_RINVSERTYP",
        0x33 => "ESME_RINVNUMDESTS",
        0x34 => "ESME_RINVDLNAME",
        0x40 => "ESME_RINVDESTFLAG",
        0x42 => "ESME_RINVSUBREP",
        0x43 => "ESME_RINVESMCLASS",
        0x44 => "ESME_RCNTSUBDL",
        0x45 => "ESME_RSUBMITFAIL",
        0x48 => "ESME_RINVSRCTON",
        0x49 => "ESME_RINVSRCNPI",
        0x50 => "ESME_RINVDSTTON",
        0x51 => "ESME_RINVDSTNPI",
        0x53 => "ESME_RINVSYSTYP",
        0x54 => "ESME_RINVREPFLAG",
        0x55 => "ESME_RINVNUMMSGS",
        0x58 => "ESME_RTHROTTLED",
        0x61 => "ESME_RINVSCHED",
        0x62 => "ESME_RINVEXPIRY",
        0x63 => "ESME_RINVDFTMSGID",
        0x64 => "ESME_RX_T_APPN",
        0x65 => "ESME_RX_P_APPN",
        0x66 => "ESME_RX_R_APPN",
        0x67 => "ESME_RQUERYFAIL",
        0xC0 => "ESME_RINVOPTPARSTREAM",
        0xC1 => "ESME_ROPTPARNOTALLWD",
        0xC2 => "ESME_RINVPARLEN",
        0xC3 => "ESME_RMISSINGOPTPARAM",
        0xC4 => "ESME_RINVOPTPARAMVAL",
        0xFE => "ESME_RDELIVERYFAILURE",
        0xFF => "ESME_RUNKNOWNERR",
        _ => "unknown status",
    };
    format!("0x{status:08X} {name}")
}

/// A C-Octet String (§3.1): ASCII without NUL, at most `max` octets before the terminating NUL.
fn c_octet_string(value: &str, max: usize) -> Result<(), String> {
    if !value.bytes().all(|b| b.is_ascii() && b != 0) {
        return Err("must be ASCII without NUL".into());
    }
    if value.len() > max {
        return Err(format!("at most {max} octets, got {}", value.len()));
    }
    Ok(())
}

fn put_c_string(out: &mut Vec<u8>, value: &str) {
    out.extend_from_slice(value.as_bytes());
    out.push(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SmppSettings {
        SmppSettings {
            host: "127.0.0.1".into(),
            port: 2775,
            tls: false,
            system_id: "limen".into(),
            password: "secret".into(),
            system_type: String::new(),
            source_ton: 5,
            source_npi: 0,
            dest_ton: 1,
            dest_npi: 1,
            timeout: Duration::from_secs(5),
            enquire_link: Duration::from_secs(30),
        }
    }

    fn error_of(settings: SmppSettings, sender: &str) -> String {
        match SmppClient::new(settings, sender) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn field_lengths_follow_the_spec_and_errors_name_the_setting() {
        assert_eq!(error_of(settings(), "Limen"), "");
        let mut s = settings();
        s.system_id = "a".repeat(15);
        s.password = "b".repeat(8);
        s.system_type = "c".repeat(12);
        assert_eq!(error_of(s, &"1".repeat(20)), "", "the maxima themselves");
        let mut s = settings();
        s.system_id = "a".repeat(16);
        assert!(error_of(s, "Limen").contains("sms.smpp.system_id: at most 15 octets"));
        let mut s = settings();
        s.password = "123456789".into();
        assert!(error_of(s, "Limen").contains("sms.smpp.password: at most 8 octets"));
        let mut s = settings();
        s.system_type = "c".repeat(13);
        assert!(error_of(s, "Limen").contains("sms.smpp.system_type"));
        assert!(error_of(settings(), &"1".repeat(21)).contains("sms.sender"));
        assert!(error_of(settings(), "Limén").contains("sms.sender: must be ASCII"));
        let mut s = settings();
        s.password = "pass\0".into();
        assert!(error_of(s, "Limen").contains("sms.smpp.password"));
        let mut s = settings();
        s.tls = true;
        assert_eq!(error_of(s, "Limen"), "");
    }

    #[test]
    fn the_bind_body_is_laid_out_as_in_section_4_1_1() {
        let client = SmppClient::new(settings(), "Limen").unwrap();
        assert_eq!(client.bind_body(), b"limen\0secret\0\0\x34\0\0\0".to_vec());
        assert_eq!(client.describe(), "SMPP 127.0.0.1:2775");
    }

    #[test]
    fn pdus_encode_with_their_length_and_decode_back() {
        let pdu = Pdu {
            command_id: SUBMIT_SM,
            status: 0,
            sequence: 7,
            body: vec![1, 2, 3],
        };
        let bytes = pdu.encode();
        assert_eq!(&bytes[..4], &19u32.to_be_bytes());
        let mut link = Link::new(Box::new(tokio::io::empty()));
        link.buf = bytes[..10].to_vec();
        assert_eq!(link.take().unwrap(), None, "incomplete");
        link.buf = [bytes.clone(), bytes[..3].to_vec()].concat();
        assert_eq!(link.take().unwrap(), Some(pdu));
        assert_eq!(link.buf.len(), 3, "the rest stays");
        link.buf = 15u32.to_be_bytes().to_vec();
        assert!(matches!(link.take(), Err(LinkError::BadLength(15))));
        link.buf = (64 * 1024 + 1u32).to_be_bytes().to_vec();
        assert!(matches!(link.take(), Err(LinkError::BadLength(_))));
    }

    #[test]
    fn sequence_numbers_wrap_to_one() {
        let mut link = Link::new(Box::new(tokio::io::empty()));
        assert_eq!(link.next_sequence(), 1);
        assert_eq!(link.next_sequence(), 2);
        link.last_sequence = 0x7FFF_FFFF;
        assert_eq!(link.next_sequence(), 1);
    }

    #[test]
    fn responses_are_judged_by_status() {
        let resp = |status, body: &[u8]| Pdu {
            command_id: SUBMIT_SM_RESP,
            status,
            sequence: 1,
            body: body.to_vec(),
        };
        assert_eq!(
            judge(&resp(0, b"abc\0")),
            Outcome::Delivered(Some("abc".into()))
        );
        assert_eq!(judge(&resp(0, b"")), Outcome::Delivered(None));
        assert_eq!(
            judge(&resp(0x0B, b"")),
            Outcome::Permanent("submit_sm refused: 0x0000000B ESME_RINVDSTADR".into())
        );
        assert_eq!(
            judge(&resp(0x58, b"")),
            Outcome::Transient("submit_sm refused: 0x00000058 ESME_RTHROTTLED".into())
        );
        for transient in [0x14, 0x08, 0x0D] {
            assert!(matches!(
                judge(&resp(transient, b"")),
                Outcome::Transient(_)
            ));
        }
        assert!(
            matches!(judge(&resp(0x1234, b"")), Outcome::Permanent(e) if e.contains("0x00001234 unknown status"))
        );
        let nack = Pdu {
            command_id: GENERIC_NACK,
            status: 2,
            sequence: 1,
            body: vec![],
        };
        assert!(matches!(judge(&nack), Outcome::Transient(e) if e.contains("ESME_RINVCMDLEN")));
    }

    /// A TLS SMSC on 127.0.0.1 with a certificate from a CA made here: the client binds and
    /// submits through TLS when it trusts the CA, and fails (transient) when it does not.
    #[tokio::test]
    async fn tls_sessions_check_the_certificate() {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = rcgen::Issuer::new(ca, ca_key);
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["localhost".into()])
            .unwrap()
            .signed_by(&key, &issuer)
            .unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let smsc = tokio::spawn(async move {
            let mut binds = 0;
            loop {
                let (tcp, _) = listener.accept().await.unwrap();
                let Ok(tls) = acceptor.accept(tcp).await else {
                    continue;
                };
                let mut link = Link::new(Box::new(tls));
                while let Ok(pdu) = link.read().await {
                    let (id, body): (u32, &[u8]) = match pdu.command_id {
                        BIND_TRANSMITTER => {
                            binds += 1;
                            assert!(pdu.body.starts_with(b"limen\0secret\0"));
                            (BIND_TRANSMITTER_RESP, b"TLS-SMSC\0")
                        }
                        SUBMIT_SM => (SUBMIT_SM_RESP, b"tls-1\0"),
                        other => panic!("unexpected 0x{other:08X}"),
                    };
                    let reply = Pdu {
                        command_id: id,
                        status: 0,
                        sequence: pdu.sequence,
                        body: body.to_vec(),
                    };
                    link.write(&reply).await.unwrap();
                    if id == SUBMIT_SM_RESP {
                        assert_eq!(binds, 1);
                    }
                }
            }
        });
        let mut s = settings();
        s.host = "localhost".into();
        s.port = port;
        s.tls = true;
        let message = Outgoing {
            id: 1,
            to: "+33612345678",
            text: "Code 123456",
            code: "123456",
            sender: "Limen",
        };

        let stranger = SmppClient::new(s.clone(), "Limen").unwrap();
        assert_eq!(stranger.describe(), format!("SMPP localhost:{port} (TLS)"));
        let Outcome::Transient(error) = stranger.send(&message).await else {
            panic!("a certificate from an unknown CA was accepted")
        };
        assert!(error.starts_with("SMPP connection:"), "{error}");

        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca_cert.der().clone()).unwrap();
        let client = SmppClient::with_roots(s, "Limen", roots).unwrap();
        assert_eq!(
            client.send(&message).await,
            Outcome::Delivered(Some("tls-1".into()))
        );
        smsc.abort();
    }
}
