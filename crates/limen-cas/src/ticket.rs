//! Ticket syntax (CAS 3.0 §3) and the redirect carrying a service ticket
//! (§2.2.4).

/// The kinds of tickets, by prefix (CAS 3.0 §3.1–§3.4, §3.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketKind {
    /// `ST-`: service ticket (§3.1.1: "MUST begin with the characters ST-").
    Service,
    /// `PT-`: proxy ticket (§3.2.1).
    Proxy,
    /// `PGT-`: proxy-granting ticket (§3.3.1).
    ProxyGranting,
    /// `PGTIOU-`: proxy-granting ticket IOU (§3.4.1).
    ProxyGrantingIou,
    /// `TGT-`: ticket-granting ticket (§3.8.1).
    TicketGranting,
}

impl TicketKind {
    /// Every kind. `ProxyGrantingIou` comes before `ProxyGranting` so that
    /// prefix matching tries the longer prefix first.
    pub const ALL: [TicketKind; 5] = [
        TicketKind::Service,
        TicketKind::Proxy,
        TicketKind::ProxyGrantingIou,
        TicketKind::ProxyGranting,
        TicketKind::TicketGranting,
    ];

    /// The prefix, dash included.
    pub fn prefix(self) -> &'static str {
        match self {
            TicketKind::Service => "ST-",
            TicketKind::Proxy => "PT-",
            TicketKind::ProxyGranting => "PGT-",
            TicketKind::ProxyGrantingIou => "PGTIOU-",
            TicketKind::TicketGranting => "TGT-",
        }
    }
}

/// Shortest ticket body (after the prefix) accepted. §3.1.1 requires
/// services to accept tickets of up to 32 characters; ours carry more
/// random data than that.
pub const MIN_TICKET_BODY: usize = 32;
/// Longest ticket body accepted: §3.1.1–§3.4.1 RECOMMEND supporting tickets
/// of up to 256 characters.
pub const MAX_TICKET_BODY: usize = 256;

/// §3.7: tickets contain only `A-Z a-z 0-9` and `-`; Limen issues nothing
/// else. `_` and `.` are tolerated when reading (the spec's own §4.2.4
/// example artifact contains dots, and tickets issued by earlier versions
/// of Limen were base64url): a ticket is looked up by its digest, so a tolerated
/// character can never make a forged ticket valid.
fn is_ticket_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// The kind of a ticket from its syntax (CAS 3.0 §3): one of the prefixes
/// `ST-`, `PT-`, `PGT-`, `PGTIOU-`, `TGT-` followed by
/// [`MIN_TICKET_BODY`]..=[`MAX_TICKET_BODY`] characters of
/// `[A-Za-z0-9-_.]`. `None` means malformed, which the caller maps to
/// `INVALID_TICKET_SPEC` or `INVALID_TICKET` as the endpoint requires.
/// This says nothing about whether the ticket exists.
pub fn ticket_kind(ticket: &str) -> Option<TicketKind> {
    TicketKind::ALL.into_iter().find_map(|kind| {
        let body = ticket.strip_prefix(kind.prefix())?;
        let ok = (MIN_TICKET_BODY..=MAX_TICKET_BODY).contains(&body.len())
            && body.bytes().all(is_ticket_char);
        ok.then_some(kind)
    })
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn push_percent_encoded(out: &mut String, value: &str) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
}

/// The URL the browser is redirected to after login (CAS 3.0 §2.2.4: the
/// request "MUST include a valid service ticket, passed as the HTTP request
/// parameter, `ticket`").
///
/// Appends `ticket=<percent-encoded ticket>` to the query: with `?` when the
/// URL has no query, with nothing when it ends with `?` or `&`, with `&`
/// otherwise. A fragment stays at the end: the parameter goes before the
/// first `#`. The rest of the URL is kept byte for byte (the service URL was
/// matched against the service registry as is); an existing `ticket`
/// parameter is not removed.
pub fn service_url_with_ticket(service: &str, ticket: &str) -> String {
    let (base, fragment) = match service.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (service, None),
    };
    let mut out = String::with_capacity(service.len() + ticket.len() + 16);
    out.push_str(base);
    if !base.contains('?') {
        out.push('?');
    } else if !(base.ends_with('?') || base.ends_with('&')) {
        out.push('&');
    }
    out.push_str("ticket=");
    push_percent_encoded(&mut out, ticket);
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}
