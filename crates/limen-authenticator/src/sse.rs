//! A Server-Sent Events parser: the live channel of spec §6 is an event stream as WHATWG HTML
//! §9.2.6 ("Interpreting an event stream") defines it. The stream arrives in chunks cut
//! anywhere (inside a line, between the CR and the LF of a CRLF), so [`Parser`] keeps the
//! unfinished line between calls to [`Parser::feed`].
//!
//! What the standard says, and this does:
//! - lines end with CRLF, LF or CR;
//! - a line starting with `:` is a comment (the server's keep-alive), ignored;
//! - `field:value` (one space after the colon dropped), or a bare `field` with an empty value;
//! - `event` sets the event type, `data` appends the value and a LF to the data buffer, `id`
//!   sets the last event id (unless it contains NUL), `retry` (digits only) the reconnection
//!   time; other fields are ignored;
//! - an empty line dispatches the event: nothing if the data buffer is empty, else the data
//!   without its last LF, with the type `message` when none was given;
//! - a byte order mark at the very start is dropped; the text is decoded as UTF-8 with
//!   replacement characters for bad bytes;
//! - what is left when the stream ends (an event without its empty line) is discarded.
//!
//! Bounds (ours, not the standard's): a line or an event's data of more than [`MAX_LINE`]
//! bytes is an error, so a hostile stream cannot make us hold unbounded memory.

/// The longest line, and the longest data of one event, in bytes. A challenge is at most
/// 16 KiB (spec §4), so this leaves room.
pub const MAX_LINE: usize = 64 * 1024;

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event type (`message` when the stream named none).
    pub event: String,
    /// The data lines joined with LF.
    pub data: String,
    /// The last event id seen on the stream, if any.
    pub id: Option<String>,
}

/// A line or an event larger than [`MAX_LINE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("event stream line or event too long")]
pub struct TooLong;

/// The incremental parser. Feed it the bytes as they come.
#[derive(Debug, Default)]
pub struct Parser {
    line: Vec<u8>,
    /// The last byte seen was a CR: a LF right after it ends no other line.
    after_cr: bool,
    /// At least one byte was seen (the byte order mark is only dropped at the start).
    started: bool,
    event: String,
    data: String,
    last_id: Option<String>,
    retry: Option<u64>,
}

impl Parser {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The reconnection time the stream asked for, in milliseconds (`retry:`), if any.
    #[must_use]
    pub fn retry(&self) -> Option<u64> {
        self.retry
    }

    /// Takes the next chunk of the stream and gives the events it completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<Event>, TooLong> {
        let mut out = Vec::new();
        for &b in chunk {
            if std::mem::take(&mut self.after_cr) && b == b'\n' {
                // The LF of a CRLF whose CR already ended the line.
                continue;
            }
            match b {
                b'\r' => {
                    self.after_cr = true;
                    self.end_line(&mut out)?;
                }
                b'\n' => self.end_line(&mut out)?,
                _ => {
                    if self.line.len() >= MAX_LINE {
                        return Err(TooLong);
                    }
                    self.line.push(b);
                }
            }
        }
        Ok(out)
    }

    fn end_line(&mut self, out: &mut Vec<Event>) -> Result<(), TooLong> {
        let raw = std::mem::take(&mut self.line);
        let decoded = String::from_utf8_lossy(&raw);
        let mut line: &str = &decoded;
        if !std::mem::replace(&mut self.started, true) {
            line = line.strip_prefix('\u{feff}').unwrap_or(line);
        }
        if line.is_empty() {
            self.dispatch(out);
            return Ok(());
        }
        if line.starts_with(':') {
            return Ok(());
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                if self.data.len() + value.len() + 1 > MAX_LINE {
                    return Err(TooLong);
                }
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            // Digits only; digits that overflow are no usable time, ignored like other values.
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(ms) = value.parse() {
                    self.retry = Some(ms);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self, out: &mut Vec<Event>) {
        let event = std::mem::take(&mut self.event);
        let mut data = std::mem::take(&mut self.data);
        if data.is_empty() {
            return;
        }
        data.pop(); // the LF after the last data line
        out.push(Event {
            event: if event.is_empty() {
                "message".to_owned()
            } else {
                event
            },
            data,
            id: self.last_id.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(event: &str, data: &str) -> Event {
        Event {
            event: event.to_owned(),
            data: data.to_owned(),
            id: None,
        }
    }

    fn all_at_once(stream: &[u8]) -> Vec<Event> {
        Parser::new().feed(stream).unwrap()
    }

    /// The same stream cut at every possible pair of places gives the same events.
    fn every_split(stream: &[u8]) -> Vec<Event> {
        let whole = all_at_once(stream);
        for i in 0..=stream.len() {
            for j in i..=stream.len() {
                let mut p = Parser::new();
                let mut got = p.feed(&stream[..i]).unwrap();
                got.extend(p.feed(&stream[i..j]).unwrap());
                got.extend(p.feed(&stream[j..]).unwrap());
                assert_eq!(got, whole, "split at {i} and {j}");
            }
        }
        whole
    }

    #[test]
    fn events_split_anywhere() {
        let stream =
            b"event: challenge\ndata: a.b.c\n\n: keep-alive\n\nevent: revoked\ndata: {}\n\n";
        assert_eq!(
            every_split(stream),
            [ev("challenge", "a.b.c"), ev("revoked", "{}")]
        );
        // Byte by byte too.
        let mut p = Parser::new();
        let mut got = Vec::new();
        for b in stream {
            got.extend(p.feed(std::slice::from_ref(b)).unwrap());
        }
        assert_eq!(got, [ev("challenge", "a.b.c"), ev("revoked", "{}")]);
    }

    #[test]
    fn comments_are_ignored_and_dispatch_nothing() {
        assert_eq!(all_at_once(b":\n\n: ping\n\n:data: x\n\n"), []);
        // A comment between the lines of an event does not end it.
        assert_eq!(
            all_at_once(b"data: one\n: in between\ndata: two\n\n"),
            [ev("message", "one\ntwo")]
        );
    }

    #[test]
    fn multi_line_data_and_field_forms() {
        let stream = b"data: first\ndata:second\ndata\ndata:  two spaces\n\n";
        assert_eq!(
            every_split(stream),
            [ev("message", "first\nsecond\n\n two spaces")]
        );
        // A bare `data` line is an event whose data is empty; an event type with no data
        // dispatches nothing and is forgotten.
        assert_eq!(
            all_at_once(b"data\n\nevent: lost\n\ndata: x\n\n"),
            [ev("message", ""), ev("message", "x")]
        );
        // Unknown fields are ignored; a value may contain colons.
        assert_eq!(
            all_at_once(b"foo: bar\nevent: challenge\ndata: a:b:c\n\n"),
            [ev("challenge", "a:b:c")]
        );
        // Field names are case-sensitive.
        assert_eq!(all_at_once(b"Data: x\n\n"), []);
    }

    #[test]
    fn crlf_and_cr_line_ends() {
        let crlf = b"event: challenge\r\ndata: a.b.c\r\n\r\nevent: revoked\r\ndata: {}\r\n\r\n";
        assert_eq!(
            every_split(crlf),
            [ev("challenge", "a.b.c"), ev("revoked", "{}")]
        );
        let cr = b"event: challenge\rdata: a.b.c\r\rdata: x\r\r";
        assert_eq!(
            every_split(cr),
            [ev("challenge", "a.b.c"), ev("message", "x")]
        );
        // Mixed; and a CR then a LF in the next chunk is one line end, not two.
        let mut p = Parser::new();
        assert_eq!(p.feed(b"data: a\r").unwrap(), []);
        assert_eq!(p.feed(b"\ndata: b\n\r").unwrap(), [ev("message", "a\nb")]);
        assert_eq!(p.feed(b"\n").unwrap(), []);
        assert_eq!(p.feed(b"data: c\n\n").unwrap(), [ev("message", "c")]);
    }

    #[test]
    fn byte_order_mark_only_at_the_start() {
        assert_eq!(
            every_split("\u{feff}data: x\n\n".as_bytes()),
            [ev("message", "x")]
        );
        // Elsewhere it is part of the line: here a field named "\u{feff}data", ignored.
        assert_eq!(
            all_at_once("data: x\n\n\u{feff}data: y\n\n".as_bytes()),
            [ev("message", "x")]
        );
    }

    #[test]
    fn ids_retry_and_bad_utf8() {
        let mut p = Parser::new();
        let got = p
            .feed(b"id: 7\ndata: a\n\ndata: b\n\nid: x\0y\nretry: 1500\ndata: c\n\nretry: 1s\n")
            .unwrap();
        let ids: Vec<Option<&str>> = got.iter().map(|e| e.id.as_deref()).collect();
        // The id persists across events; one containing NUL is ignored.
        assert_eq!(ids, [Some("7"), Some("7"), Some("7")]);
        assert_eq!(p.retry(), Some(1500));
        assert_eq!(
            all_at_once(b"data: \xff\xfeok\n\n"),
            [ev("message", "\u{fffd}\u{fffd}ok")]
        );
    }

    #[test]
    fn an_unfinished_event_is_not_dispatched() {
        let mut p = Parser::new();
        assert_eq!(p.feed(b"event: challenge\ndata: a.b.c\n").unwrap(), []);
        assert_eq!(p.feed(b"data: more").unwrap(), []);
    }

    #[test]
    fn overlong_lines_and_events_are_refused() {
        let mut p = Parser::new();
        let long = vec![b'a'; MAX_LINE];
        assert_eq!(p.feed(b"data: "), Ok(vec![]));
        assert_eq!(p.feed(&long), Err(TooLong));
        // Many short data lines add up to the same bound.
        let mut p = Parser::new();
        let line = format!("data: {}\n", "a".repeat(1000));
        let mut refused = false;
        for _ in 0..(MAX_LINE / 1000 + 1) {
            if p.feed(line.as_bytes()).is_err() {
                refused = true;
                break;
            }
        }
        assert!(refused);
        // A line of just MAX_LINE bytes is fine.
        let mut p = Parser::new();
        let data = "a".repeat(MAX_LINE - "data:".len());
        let got = p.feed(format!("data:{data}\n\n").as_bytes()).unwrap();
        assert_eq!(got[0].data, data);
    }
}
