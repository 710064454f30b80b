//! [`SmtpSink`]: a real SMTP server on 127.0.0.1 that keeps every message it accepts, so tests
//! send mail through a genuine network conversation and read back what a mailbox would get.
//!
//! It speaks enough of RFC 5321 for ordinary clients (lettre, Python's smtplib): EHLO/HELO,
//! MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, VRFY, QUIT, and AUTH PLAIN (RFC 4616) /
//! LOGIN when started with credentials (RFC 4954). Tests can make it misbehave like a real
//! server: [`SmtpSink::stop`] (connections refused), [`SmtpSink::fail_next`] (a transient `451`),
//! and recipients at `@reject.invalid` are refused with a permanent `550`.
//! It never relays anything anywhere.

use mail_parser::{HeaderValue, MessageParser, PartType};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

/// Recipients in this domain are refused with `550` (a permanent failure, RFC 5321 §4.2.1).
pub const REJECTED_DOMAIN: &str = "reject.invalid";

/// RFC 5321 §4.5.3.1.6 allows text lines of 1000 octets; anything far beyond is not SMTP.
const LINE_LIMIT: u64 = 64 * 1024;

/// A message as the sink received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The `MAIL FROM` reverse-path, without angle brackets (empty for the null path).
    pub envelope_from: String,
    /// Every accepted `RCPT TO` forward-path, without angle brackets.
    pub envelope_to: Vec<String>,
    /// The message after dot-unstuffing, lines joined by CRLF.
    pub raw: String,
}

impl ReceivedMail {
    fn parsed(&self) -> mail_parser::Message<'_> {
        MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("the sink received something that is not a message")
    }

    /// A header field's value, decoded (RFC 2047 encoded-words, address lists as
    /// `Name <address>, …`, dates in RFC 5322 form).
    pub fn header(&self, name: &str) -> Option<String> {
        let parsed = self.parsed();
        let value = parsed.header(name)?;
        Some(match value {
            HeaderValue::Text(text) => text.to_string(),
            HeaderValue::TextList(list) => list.join(", "),
            HeaderValue::Address(address) => address
                .iter()
                .map(|a| match (&a.name, &a.address) {
                    (Some(n), Some(addr)) => format!("{n} <{addr}>"),
                    (None, Some(addr)) => addr.to_string(),
                    (Some(n), None) => n.to_string(),
                    (None, None) => String::new(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            HeaderValue::DateTime(date) => date.to_rfc822(),
            HeaderValue::ContentType(ct) => match ct.subtype() {
                Some(sub) => format!("{}/{sub}", ct.ctype()),
                None => ct.ctype().to_owned(),
            },
            HeaderValue::Received(_) | HeaderValue::Empty => {
                parsed.header_raw(name)?.trim().to_owned()
            }
        })
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The decoded `text/plain` part (empty if there is none).
    pub fn text(&self) -> String {
        self.part(|body| match body {
            PartType::Text(text) => Some(text.to_string()),
            _ => None,
        })
    }

    /// The decoded `text/html` part (empty if there is none).
    pub fn html(&self) -> String {
        self.part(|body| match body {
            PartType::Html(html) => Some(html.to_string()),
            _ => None,
        })
    }

    fn part(&self, pick: impl Fn(&PartType<'_>) -> Option<String>) -> String {
        self.parsed()
            .parts
            .iter()
            .find_map(|p| pick(&p.body))
            .unwrap_or_default()
    }

    /// Every `http://` or `https://` URL in the text part, in order.
    pub fn links(&self) -> Vec<String> {
        let text = self.text();
        let mut links = Vec::new();
        let mut rest = text.as_str();
        while let Some(start) = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min()
        {
            let tail = &rest[start..];
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
                .unwrap_or(tail.len());
            let link = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            links.push(link.to_owned());
            rest = &tail[end..];
        }
        links
    }
}

struct Shared {
    credentials: Option<(String, String)>,
    messages: Mutex<Vec<ReceivedMail>>,
    fail_next: AtomicUsize,
    arrived: Notify,
}

impl Shared {
    fn messages(&self) -> Vec<ReceivedMail> {
        self.messages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A local SMTP server; see the module documentation.
pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Shared>,
    server: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpSink {
    /// Listens on a free port; accepts mail without authentication.
    pub async fn start() -> SmtpSink {
        Self::launch(None).await
    }

    /// Listens on a free port; requires `AUTH` with these credentials before `MAIL`.
    pub async fn start_with_auth(user: &str, pass: &str) -> SmtpSink {
        Self::launch(Some((user.to_owned(), pass.to_owned()))).await
    }

    async fn launch(credentials: Option<(String, String)>) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the SMTP sink");
        let port = listener.local_addr().expect("sink address").port();
        let shared = Arc::new(Shared {
            credentials,
            messages: Mutex::new(Vec::new()),
            fail_next: AtomicUsize::new(0),
            arrived: Notify::new(),
        });
        let server = tokio::spawn(serve(listener, Arc::clone(&shared)));
        SmtpSink {
            port,
            shared,
            server: Mutex::new(Some(server)),
        }
    }

    /// "The mail server is down": closes the listener and every open connection, so new
    /// connections are refused. Messages received so far are kept.
    pub async fn stop(&self) {
        let server = self
            .server
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(server) = server {
            server.abort();
            let _ = server.await;
        }
    }

    /// Listens again on the same port after [`SmtpSink::stop`].
    pub async fn restart(&self) {
        if self
            .server
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
        {
            return;
        }
        let mut tries = 0;
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(listener) => break listener,
                Err(_) if tries < 100 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err(e) => panic!("cannot listen again on port {}: {e}", self.port),
            }
        };
        let server = tokio::spawn(serve(listener, Arc::clone(&self.shared)));
        *self.server.lock().unwrap_or_else(PoisonError::into_inner) = Some(server);
    }

    /// Answers the next `n` transactions' `MAIL` command with a transient `451`.
    pub fn fail_next(&self, n: usize) {
        self.shared.fail_next.store(n, Ordering::SeqCst);
    }

    /// Every message accepted so far, in order of arrival.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.shared.messages()
    }

    /// Waits until at least `n` messages have arrived or `seconds` have passed, and returns all
    /// messages received by then (so a test can assert on the count).
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            let arrived = self.shared.arrived.notified();
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.messages();
            }
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(server) = self
            .server
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            server.abort();
        }
    }
}

/// Accepts connections until aborted; aborting drops the listener and, with the `JoinSet`,
/// every open session.
async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut sessions = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    let _ = stream.set_nodelay(true);
                    sessions.spawn(Session::new(stream, Arc::clone(&shared)).run());
                }
            }
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
}

struct Session {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
    shared: Arc<Shared>,
    greeted: bool,
    authenticated: bool,
    from: Option<String>,
    to: Vec<String>,
}

/// What a command asks of the session loop.
enum Next {
    Continue,
    Close,
}

impl Session {
    fn new(stream: TcpStream, shared: Arc<Shared>) -> Self {
        let (read, writer) = stream.into_split();
        Session {
            reader: BufReader::new(read),
            writer,
            shared,
            greeted: false,
            authenticated: false,
            from: None,
            to: Vec::new(),
        }
    }

    async fn run(mut self) {
        // RFC 5321 §4.3.1: the server speaks first.
        if self.reply("220 limen-testkit ESMTP ready").await.is_err() {
            return;
        }
        while let Some(line) = self.line().await {
            match self.command(&String::from_utf8_lossy(&line)).await {
                Ok(Next::Continue) => {}
                Ok(Next::Close) | Err(_) => break,
            }
        }
        let _ = self.writer.shutdown().await;
    }

    /// One line without its CRLF (a bare LF is tolerated); `None` at end of stream or if the
    /// peer sends an endless line.
    async fn line(&mut self) -> Option<Vec<u8>> {
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(LINE_LIMIT)
            .read_until(b'\n', &mut buf)
            .await
            .ok()?;
        if n == 0 || buf.last() != Some(&b'\n') {
            return None;
        }
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Some(buf)
    }

    async fn reply(&mut self, text: &str) -> std::io::Result<()> {
        // One write per reply: split writes meet Nagle's algorithm and delayed ACKs.
        self.writer
            .write_all(format!("{text}\r\n").as_bytes())
            .await
    }

    /// RFC 5321 §4.1.4: RSET, EHLO and HELO abandon any transaction in progress.
    fn reset(&mut self) {
        self.from = None;
        self.to.clear();
    }

    async fn command(&mut self, line: &str) -> std::io::Result<Next> {
        let (verb, arg) = match line.split_once(' ') {
            Some((verb, arg)) => (verb.to_ascii_uppercase(), arg.trim()),
            None => (line.trim().to_ascii_uppercase(), ""),
        };
        match verb.as_str() {
            "EHLO" | "HELO" if arg.is_empty() => {
                self.reply("501 5.5.4 Domain name required").await?
            }
            "EHLO" => {
                self.greeted = true;
                self.reset();
                // RFC 5321 §4.1.1.1: multiline 250 reply, one extension per line.
                let mut lines = vec![
                    format!("limen-testkit greets {arg}"),
                    "8BITMIME".to_owned(),
                    "SMTPUTF8".to_owned(),
                ];
                if self.shared.credentials.is_some() {
                    lines.push("AUTH PLAIN LOGIN".to_owned());
                }
                lines.push("ENHANCEDSTATUSCODES".to_owned());
                let last = lines.len() - 1;
                let reply = lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("250{}{l}", if i == last { ' ' } else { '-' }))
                    .collect::<Vec<_>>()
                    .join("\r\n");
                self.reply(&reply).await?;
            }
            "HELO" => {
                self.greeted = true;
                self.reset();
                self.reply("250 limen-testkit").await?;
            }
            "MAIL" => self.mail(arg).await?,
            "RCPT" => self.rcpt(arg).await?,
            "DATA" => self.data().await?,
            "AUTH" => self.auth(arg).await?,
            "RSET" => {
                self.reset();
                self.reply("250 2.0.0 OK").await?;
            }
            "NOOP" => self.reply("250 2.0.0 OK").await?,
            "VRFY" => {
                self.reply("252 2.1.5 Cannot VRFY user, but will accept message")
                    .await?
            }
            "QUIT" => {
                self.reply("221 2.0.0 Bye").await?;
                return Ok(Next::Close);
            }
            _ => self.reply("500 5.5.2 Command not recognized").await?,
        }
        Ok(Next::Continue)
    }

    /// `MAIL FROM:<reverse-path> [parameters]` (RFC 5321 §4.1.1.2); parameters such as
    /// `BODY=8BITMIME` (RFC 6152) and `SMTPUTF8` (RFC 6531) are accepted and ignored.
    async fn mail(&mut self, arg: &str) -> std::io::Result<()> {
        if !self.greeted {
            return self.reply("503 5.5.1 Send EHLO first").await;
        }
        if self.shared.credentials.is_some() && !self.authenticated {
            return self.reply("530 5.7.0 Authentication required").await;
        }
        if self.from.is_some() {
            return self.reply("503 5.5.1 Nested MAIL command").await;
        }
        let Some(path) = path_after(arg, "FROM:") else {
            return self.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await;
        };
        let fail = self
            .shared
            .fail_next
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if fail {
            return self
                .reply("451 4.3.0 Temporary failure, please try again later")
                .await;
        }
        self.from = Some(path);
        self.reply("250 2.1.0 OK").await
    }

    /// `RCPT TO:<forward-path>` (RFC 5321 §4.1.1.3).
    async fn rcpt(&mut self, arg: &str) -> std::io::Result<()> {
        if self.from.is_none() {
            return self.reply("503 5.5.1 Need MAIL before RCPT").await;
        }
        let Some(path) = path_after(arg, "TO:").filter(|p| !p.is_empty()) else {
            return self.reply("501 5.5.4 Syntax: RCPT TO:<address>").await;
        };
        let rejected = path
            .rsplit_once('@')
            .is_some_and(|(_, domain)| domain.eq_ignore_ascii_case(REJECTED_DOMAIN));
        if rejected {
            return self
                .reply("550 5.1.1 Mailbox unavailable: no such user here")
                .await;
        }
        self.to.push(path);
        self.reply("250 2.1.5 OK").await
    }

    /// `DATA` (RFC 5321 §4.1.1.4): the message ends with a line holding a single dot; a leading
    /// dot added by the client's transparency procedure is removed (§4.5.2).
    async fn data(&mut self) -> std::io::Result<()> {
        if self.from.is_none() {
            return self.reply("503 5.5.1 Need MAIL command").await;
        }
        if self.to.is_empty() {
            return self.reply("554 5.5.1 No valid recipients").await;
        }
        self.reply("354 End data with <CR><LF>.<CR><LF>").await?;
        let mut raw: Vec<u8> = Vec::new();
        loop {
            let Some(line) = self.line().await else {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            };
            if line == b"." {
                break;
            }
            let line = line.strip_prefix(b".").unwrap_or(&line);
            raw.extend_from_slice(line);
            raw.extend_from_slice(b"\r\n");
        }
        let mail = ReceivedMail {
            envelope_from: self.from.take().unwrap_or_default(),
            envelope_to: std::mem::take(&mut self.to),
            raw: String::from_utf8_lossy(&raw).into_owned(),
        };
        let queued = {
            let mut messages = self
                .shared
                .messages
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            messages.push(mail);
            messages.len()
        };
        self.shared.arrived.notify_waiters();
        self.reply(&format!("250 2.0.0 OK: queued as {queued}"))
            .await
    }

    /// `AUTH mechanism [initial-response]` (RFC 4954 §4), for PLAIN (RFC 4616) and LOGIN.
    async fn auth(&mut self, arg: &str) -> std::io::Result<()> {
        let Some((user, pass)) = self.shared.credentials.clone() else {
            return self.reply("502 5.5.1 AUTH not available").await;
        };
        if !self.greeted {
            return self.reply("503 5.5.1 Send EHLO first").await;
        }
        if self.authenticated {
            return self.reply("503 5.5.1 Already authenticated").await;
        }
        if self.from.is_some() {
            return self
                .reply("503 5.5.1 AUTH not allowed during a transaction")
                .await;
        }
        let (mechanism, initial) = match arg.split_once(' ') {
            Some((m, initial)) => (m.to_ascii_uppercase(), Some(initial.trim().to_owned())),
            None => (arg.to_ascii_uppercase(), None),
        };
        let given = match mechanism.as_str() {
            "PLAIN" => {
                let Some(response) = self.challenge("", initial).await? else {
                    return self.reply("501 5.7.0 Authentication cancelled").await;
                };
                let Some(decoded) = decode_base64(&response) else {
                    return self.reply("501 5.5.2 Cannot decode response").await;
                };
                // authzid NUL authcid NUL passwd
                let mut fields = decoded.split(|b| *b == 0);
                match (fields.next(), fields.next(), fields.next(), fields.next()) {
                    (Some(_), Some(u), Some(p), None) => (u.to_vec(), p.to_vec()),
                    _ => return self.reply("501 5.5.2 Malformed PLAIN response").await,
                }
            }
            "LOGIN" => {
                let Some(u) = self.challenge("VXNlcm5hbWU6", initial).await? else {
                    return self.reply("501 5.7.0 Authentication cancelled").await;
                };
                let Some(p) = self.challenge("UGFzc3dvcmQ6", None).await? else {
                    return self.reply("501 5.7.0 Authentication cancelled").await;
                };
                match (decode_base64(&u), decode_base64(&p)) {
                    (Some(u), Some(p)) => (u, p),
                    _ => return self.reply("501 5.5.2 Cannot decode response").await,
                }
            }
            _ => {
                return self
                    .reply("504 5.5.4 Unrecognized authentication type")
                    .await;
            }
        };
        if given.0 == user.as_bytes() && given.1 == pass.as_bytes() {
            self.authenticated = true;
            self.reply("235 2.7.0 Authentication successful").await
        } else {
            self.reply("535 5.7.8 Authentication credentials invalid")
                .await
        }
    }

    /// The client's base64 answer: the initial response if one was given, otherwise the line
    /// sent after a `334` challenge. `None` when the client cancels with `*` (RFC 4954 §4).
    async fn challenge(
        &mut self,
        prompt: &str,
        initial: Option<String>,
    ) -> std::io::Result<Option<String>> {
        let response = match initial {
            Some(initial) => initial,
            None => {
                self.reply(&format!("334 {prompt}")).await?;
                let line = self.line().await.ok_or(std::io::ErrorKind::UnexpectedEof)?;
                String::from_utf8_lossy(&line).trim().to_owned()
            }
        };
        Ok((response != "*").then_some(response))
    }
}

/// The address inside `FROM:<…>` / `TO:<…>`, after the keyword (case-insensitive, spaces
/// tolerated as many clients send them).
fn path_after(arg: &str, keyword: &str) -> Option<String> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    let inner = rest.strip_prefix('<')?;
    let end = inner.find('>')?;
    Some(inner[..end].to_owned())
}

/// Base64 (RFC 4648 §4), as SASL responses carry it; `=` alone stands for an empty response
/// (RFC 4954 §4).
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    if text == "=" {
        return Some(Vec::new());
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut bits: u32 = 0;
    let mut count = 0;
    let data = text.trim_end_matches('=');
    if !text.len().is_multiple_of(4) || text.len() - data.len() > 2 {
        return None;
    }
    for c in data.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line-oriented client that checks each reply code, as a test of the sink itself.
    struct Client {
        reader: BufReader<OwnedReadHalf>,
        writer: OwnedWriteHalf,
    }

    impl Client {
        async fn connect(sink: &SmtpSink) -> (Client, String) {
            let stream = TcpStream::connect(("127.0.0.1", sink.port)).await.unwrap();
            let (read, writer) = stream.into_split();
            let mut client = Client {
                reader: BufReader::new(read),
                writer,
            };
            let greeting = client.read_reply().await;
            (client, greeting)
        }

        /// A whole reply, multiline ones included (RFC 5321 §4.2.1: `250-` continues, `250 `
        /// ends).
        async fn read_reply(&mut self) -> String {
            let mut all = String::new();
            loop {
                let mut line = String::new();
                self.reader.read_line(&mut line).await.unwrap();
                assert!(line.ends_with("\r\n"), "replies end with CRLF: {line:?}");
                all.push_str(&line);
                if line.as_bytes().get(3) != Some(&b'-') {
                    return all;
                }
            }
        }

        async fn send(&mut self, line: &str) -> String {
            self.writer
                .write_all(format!("{line}\r\n").as_bytes())
                .await
                .unwrap();
            self.read_reply().await
        }

        async fn expect(&mut self, line: &str, code: &str) -> String {
            let reply = self.send(line).await;
            assert!(reply.starts_with(code), "{line} → {reply}");
            reply
        }
    }

    #[tokio::test]
    async fn a_plain_transaction_with_dot_unstuffing() {
        let sink = SmtpSink::start().await;
        let (mut c, greeting) = Client::connect(&sink).await;
        assert!(greeting.starts_with("220 "));
        let ehlo = c.expect("EHLO client.example", "250").await;
        assert!(ehlo.contains("250-8BITMIME") && ehlo.contains("SMTPUTF8"));
        assert!(!ehlo.contains("AUTH"), "no AUTH without credentials");
        c.expect("MAIL FROM:<a@example.org> BODY=8BITMIME", "250")
            .await;
        c.expect("RCPT TO:<b@example.org>", "250").await;
        c.expect("rcpt to: <c@example.org>", "250").await;
        c.expect("DATA", "354").await;
        c.writer
            .write_all(b"Subject: dots\r\n\r\n..leading dot\r\n.\r\n")
            .await
            .unwrap();
        assert!(c.read_reply().await.starts_with("250"));
        c.expect("QUIT", "221").await;

        let mail = sink.wait_for(1, 5).await.remove(0);
        assert_eq!(mail.envelope_from, "a@example.org");
        assert_eq!(mail.envelope_to, ["b@example.org", "c@example.org"]);
        assert_eq!(mail.raw, "Subject: dots\r\n\r\n.leading dot\r\n");
        assert_eq!(mail.subject(), "dots");
    }

    #[tokio::test]
    async fn commands_out_of_sequence_are_refused() {
        let sink = SmtpSink::start().await;
        let (mut c, _) = Client::connect(&sink).await;
        c.expect("MAIL FROM:<a@example.org>", "503").await;
        c.expect("HELO client.example", "250").await;
        c.expect("RCPT TO:<b@example.org>", "503").await;
        c.expect("DATA", "503").await;
        c.expect("FROB", "500").await;
        c.expect("MAIL TO:<a@example.org>", "501").await;
        c.expect("AUTH PLAIN AGxpbWVuAHMzY3JldA==", "502").await;
        c.expect("MAIL FROM:<a@example.org>", "250").await;
        c.expect("MAIL FROM:<a@example.org>", "503").await;
        c.expect("DATA", "554").await;
        c.expect("RCPT TO:<nobody@reject.invalid>", "550").await;
        c.expect("RSET", "250").await;
        c.expect("RCPT TO:<b@example.org>", "503").await;
        c.expect("NOOP", "250").await;
        c.expect("VRFY someone", "252").await;
        sink.fail_next(1);
        c.expect("MAIL FROM:<a@example.org>", "451").await;
        c.expect("MAIL FROM:<a@example.org>", "250").await;
        c.expect("QUIT", "221").await;
        assert!(sink.messages().is_empty());
    }

    #[tokio::test]
    async fn auth_plain_and_login() {
        let sink = SmtpSink::start_with_auth("limen", "s3cret").await;
        let (mut c, _) = Client::connect(&sink).await;
        let ehlo = c.expect("EHLO client.example", "250").await;
        assert!(ehlo.contains("AUTH PLAIN LOGIN"));
        c.expect("MAIL FROM:<a@example.org>", "530").await;
        c.expect("AUTH PLAIN AGxpbWVuAHdyb25n", "535").await;
        c.expect("AUTH CRAM-MD5", "504").await;
        c.expect("AUTH PLAIN", "334").await;
        c.expect("*", "501").await;
        c.expect("AUTH PLAIN not-base64!", "501").await;
        c.expect("AUTH PLAIN", "334").await;
        c.expect("AGxpbWVuAHMzY3JldA==", "235").await;
        c.expect("AUTH PLAIN AGxpbWVuAHMzY3JldA==", "503").await;
        c.expect("MAIL FROM:<a@example.org>", "250").await;
        c.expect("QUIT", "221").await;

        let (mut c, _) = Client::connect(&sink).await;
        c.expect("EHLO client.example", "250").await;
        let prompt = c.expect("AUTH LOGIN", "334").await;
        assert_eq!(prompt, "334 VXNlcm5hbWU6\r\n");
        c.expect("bGltZW4=", "334 UGFzc3dvcmQ6").await;
        c.expect("czNjcmV0", "235").await;
        c.expect("MAIL FROM:<a@example.org>", "250").await;

        let (mut c, _) = Client::connect(&sink).await;
        c.expect("EHLO client.example", "250").await;
        c.expect("AUTH LOGIN bGltZW4=", "334 UGFzc3dvcmQ6").await;
        c.expect("d3Jvbmc=", "535").await;
    }

    #[tokio::test]
    async fn stop_refuses_connections_and_restart_listens_again() {
        let sink = SmtpSink::start().await;
        let (mut open, _) = Client::connect(&sink).await;
        open.expect("EHLO client.example", "250").await;
        sink.stop().await;
        assert!(TcpStream::connect(("127.0.0.1", sink.port)).await.is_err());
        let mut rest = Vec::new();
        let _ = open.reader.read_to_end(&mut rest).await;
        assert!(rest.is_empty(), "open sessions are closed too");
        sink.restart().await;
        let (mut c, greeting) = Client::connect(&sink).await;
        assert!(greeting.starts_with("220"));
        c.expect("QUIT", "221").await;
    }

    #[tokio::test]
    async fn wait_for_gives_up_after_its_deadline() {
        let sink = SmtpSink::start().await;
        let started = std::time::Instant::now();
        assert!(sink.wait_for(1, 1).await.is_empty());
        assert!(started.elapsed() >= Duration::from_secs(1));
    }

    #[test]
    fn reads_parts_headers_and_links() {
        let mail = ReceivedMail {
            envelope_from: String::new(),
            envelope_to: vec![],
            raw: "From: =?utf-8?b?zpXOu86tzr3Otw==?= <eleni@example.org>\r\n\
                  Subject: =?utf-8?q?R=C3=A9initialiser?=\r\n\
                  MIME-Version: 1.0\r\n\
                  Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
                  --b\r\nContent-Type: text/plain; charset=utf-8\r\n\
                  Content-Transfer-Encoding: quoted-printable\r\n\r\n\
                  Voir https://sso.example.org/r?t=1&x=2. Puis (http://x.example/y).\r\n\
                  --b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
                  <p>html</p>\r\n--b--\r\n"
                .into(),
        };
        assert_eq!(mail.subject(), "Réinitialiser");
        assert_eq!(
            mail.header("from").as_deref(),
            Some("Ελένη <eleni@example.org>")
        );
        assert_eq!(mail.header("X-Missing"), None);
        assert_eq!(mail.html(), "<p>html</p>");
        assert_eq!(
            mail.links(),
            ["https://sso.example.org/r?t=1&x=2", "http://x.example/y"]
        );
    }

    #[test]
    fn base64_decoding() {
        assert_eq!(decode_base64("bGltZW4=").unwrap(), b"limen");
        assert_eq!(decode_base64("czNjcmV0").unwrap(), b"s3cret");
        assert_eq!(
            decode_base64("AGxpbWVuAHMzY3JldA==").unwrap(),
            b"\0limen\0s3cret"
        );
        assert_eq!(decode_base64("=").unwrap(), b"");
        assert!(decode_base64("abc").is_none());
        assert!(decode_base64("ab!d").is_none());
    }

    /// A client this project did not write: Python's smtplib, when a Python is installed.
    #[tokio::test]
    async fn python_smtplib_can_send_with_auth() {
        if std::process::Command::new("python3")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("python3 not installed: smtplib check skipped");
            return;
        }
        let sink = SmtpSink::start_with_auth("limen", "s3cret").await;
        let script = format!(
            "import smtplib\n\
             from email.message import EmailMessage\n\
             m = EmailMessage()\n\
             m['From'] = 'Λίμεν <no-reply@example.org>'\n\
             m['To'] = 'user@example.org'\n\
             m['Subject'] = 'Γεια σου 你好'\n\
             m.set_content('Line one\\n.starts with a dot\\nhttps://example.org/a\\n')\n\
             s = smtplib.SMTP('127.0.0.1', {port}, timeout=10)\n\
             s.login('limen', 's3cret')\n\
             s.send_message(m)\n\
             s.quit()\n",
            port = sink.port
        );
        let status = tokio::task::spawn_blocking(move || {
            std::process::Command::new("python3")
                .arg("-c")
                .arg(script)
                .status()
        })
        .await
        .unwrap()
        .unwrap();
        assert!(status.success());
        let mail = sink.wait_for(1, 10).await.remove(0);
        assert_eq!(mail.envelope_from, "no-reply@example.org");
        assert_eq!(mail.envelope_to, ["user@example.org"]);
        assert_eq!(mail.subject(), "Γεια σου 你好");
        assert_eq!(
            mail.text().replace("\r\n", "\n"),
            "Line one\n.starts with a dot\nhttps://example.org/a\n"
        );
        assert_eq!(mail.links(), ["https://example.org/a"]);
    }
}
