//! The trace: the contract between the core and every front end
//! (DESIGN.md, "The trace"). An ordered list of [`TraceEvent`]s,
//! serde-serializable, identical for the same scenario, seed and inputs.

use crate::dns::{Answer, RecordType};
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A simulated TCP connection, numbered from 1 in the order they were opened.
pub type ConnId = u64;

/// Which way a line travels on a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Client to server: a command (or the message being sent).
    ToServer,
    /// Server to client: a reply (or a POP3 multi-line body).
    ToClient,
}

/// The application protocol spoken on a connection, chosen by the port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    Smtp,
    Pop3,
    Imap,
    Dns,
}

impl Protocol {
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Smtp => "SMTP",
            Protocol::Pop3 => "POP3",
            Protocol::Imap => "IMAP",
            Protocol::Dns => "DNS",
        }
    }
}

/// What the world understood a line to be (a light parse for the views; the
/// sessions themselves do the real parsing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Parsed {
    /// A command: the verb upper-cased as the RFC spells it, and its argument.
    Command { verb: String, arg: String },
    /// An SMTP reply line: the code, the enhanced status code if any, and
    /// whether more lines of the same reply follow (`250-`).
    Reply {
        code: u16,
        enhanced: Option<String>,
        more: bool,
    },
    /// A POP3 status line: `+OK` or `-ERR`.
    Status { ok: bool },
    /// A line of message text typed on a console during DATA.
    Data,
    /// A client line answering a 334 in an AUTH exchange (base64 of a user
    /// name or password, RFC 4954 §4): not a command.
    AuthAnswer,
}

impl Parsed {
    /// For a line a server session sent: `Some(true)` if it ends a reply
    /// that refuses (SMTP 4xx or 5xx, RFC 5321 §4.2.1; POP3 `-ERR`, RFC
    /// 1939 §3), `Some(false)` if it ends one that does not, `None` if it
    /// ends no reply (a `250-` line, a command). The values come from the
    /// session (see `sim::wire::ReplyMeta`), not from the text.
    pub fn ends_reply(&self) -> Option<bool> {
        match *self {
            Parsed::Reply {
                code, more: false, ..
            } => Some(code >= 400),
            Parsed::Status { ok } => Some(!ok),
            _ => None,
        }
    }
}

/// A session's state, typed by the machine it belongs to: the same value
/// the session's transition table has (serialized as the machine and the
/// state, e.g. `{"smtp_server": "Ready"}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    SmtpServer(crate::smtp::server::SmtpState),
    SmtpClient(crate::smtp::client::ClientState),
    Pop3Server(crate::pop3::Pop3State),
    /// The POP3 client's view of the session (RFC 1939's states).
    Pop3Client(crate::pop3::Pop3State),
    ImapServer(crate::imap::ImapState),
    /// The IMAP client's view of the session (RFC 9051's states).
    ImapClient(crate::imap::ImapState),
}

impl SessionState {
    /// The state's name as the trace and the UI show it, in one style for
    /// every machine: the RFC's own words where the RFC names its states
    /// (RFC 1939 §3: `Transaction`; RFC 9051 §3: `Not Authenticated`),
    /// ours where it does not (RFC 5321: `Ready`), each with a capital.
    pub fn name(self) -> String {
        match self {
            SessionState::SmtpServer(s) => s.name().to_string(),
            SessionState::SmtpClient(s) => s.name().to_string(),
            SessionState::Pop3Server(s) | SessionState::Pop3Client(s) => s.to_string(),
            SessionState::ImapServer(s) | SessionState::ImapClient(s) => s.to_string(),
        }
    }
}

impl std::fmt::Display for SessionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

/// Which end of a connection a session runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Client,
    Server,
}

/// Why a connection could not be opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreachable {
    HostDown,
    LinkDown,
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceEvent {
    /// Position in the trace, from 0.
    pub seq: u64,
    /// Virtual time at which it happened (for lines: when they were sent).
    pub time: SimTime,
    /// The host it starts from (host id, e.g. `john-pc`).
    pub from: String,
    /// The host it goes to; equal to `from` for things that happen inside one host.
    pub to: String,
    pub kind: EventKind,
    /// Key into the explanation table ([`crate::explain::lookup`]). A `Cow`
    /// so that the world can point at its static keys without allocating;
    /// it serializes as a plain string.
    pub explain: Option<Cow<'static, str>>,
}

/// The kinds of event (DESIGN.md lists them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The three-way handshake completed; `from` is the client.
    ConnectionOpened {
        conn: ConnId,
        port: u16,
        protocol: Protocol,
    },
    /// Nothing listens on that port: the server host answered with RST.
    ConnectionRefused { port: u16 },
    /// The host or the link is down: no answer at all.
    ConnectionUnreachable { port: u16, reason: Unreachable },
    /// One side closed the connection (`from` is the side that closed).
    ConnectionClosed { conn: ConnId },
    /// The connection was torn down without a proper close.
    ConnectionReset { conn: ConnId, reason: String },
    /// One command or reply line, without its CRLF.
    Line {
        conn: ConnId,
        dir: Direction,
        protocol: Protocol,
        text: String,
        parsed: Option<Parsed>,
    },
    /// A block of text sent as one unit: the message after DATA (up to and
    /// including the final `.`), or the body of a POP3 multi-line response.
    Payload {
        conn: ConnId,
        dir: Direction,
        protocol: Protocol,
        text: String,
        lines: usize,
    },
    /// A DNS question over UDP port 53.
    DnsQuery {
        id: u16,
        name: String,
        qtype: RecordType,
    },
    /// The DNS server's response.
    DnsAnswer {
        id: u16,
        name: String,
        qtype: RecordType,
        answer: Answer,
    },
    /// A session's state machine moved.
    StateChanged {
        conn: ConnId,
        protocol: Protocol,
        role: Role,
        state: SessionState,
    },
    /// An MTA took responsibility for a message (RFC 5321 §6.1).
    Queued {
        host: String,
        queue_id: String,
        from: String,
        rcpts: Vec<String>,
        size: usize,
        message_id: Option<String>,
    },
    /// A delivery attempt failed temporarily; another is scheduled.
    RetryScheduled {
        host: String,
        queue_id: String,
        rcpts: Vec<String>,
        attempt: u32,
        next: SimTime,
        reason: String,
    },
    /// The next host accepted the message for these recipients.
    Relayed {
        host: String,
        queue_id: String,
        rcpts: Vec<String>,
        to_host: String,
        remote_id: Option<String>,
    },
    /// Final delivery into a maildrop; `message` is the stored text.
    Delivered {
        host: String,
        queue_id: String,
        rcpt: String,
        mailbox: String,
        uid: String,
        message_id: Option<String>,
        message: String,
    },
    /// Delivery failed for good: a delivery status notification goes to `to`.
    Bounced {
        host: String,
        queue_id: String,
        rcpts: Vec<String>,
        to: String,
        reason: String,
        bounce_id: String,
    },
    /// Delivery failed for good, but the message was itself a bounce (null
    /// reverse-path), so no notification is sent (RFC 5321 §6.1).
    BounceDiscarded {
        host: String,
        queue_id: String,
        rcpts: Vec<String>,
        reason: String,
    },
    /// A POP3 client downloaded a message.
    Retrieved {
        host: String,
        mailbox: String,
        uid: String,
    },
    /// A POP3 server removed a message in the UPDATE state.
    Deleted {
        host: String,
        mailbox: String,
        uid: String,
    },
    /// An IMAP client was sent a message's text (FETCH BODY[] or
    /// BODY.PEEK[]); `seen_set`: the fetch set `\Seen` (no PEEK).
    /// Emitted from the server to the client host that fetched, as
    /// `Retrieved` is; `uidl` is the message's POP3 unique-id (what
    /// `Delivered` called it), so one message can be followed across both
    /// protocols and devices.
    Fetched {
        host: String,
        mailbox: String,
        folder: String,
        uid: u32,
        uidl: String,
        seen_set: bool,
    },
    /// A message's flags changed through an IMAP session (STORE, or a
    /// FETCH that set `\Seen`); `flags` as IMAP prints them. From the
    /// server to the client host whose session changed them; `uidl` as in
    /// `Fetched`.
    FlagsChanged {
        host: String,
        mailbox: String,
        folder: String,
        uid: u32,
        uidl: String,
        flags: String,
    },
    /// IMAP APPEND stored a message in a folder.
    Appended {
        host: String,
        mailbox: String,
        folder: String,
        uid: u32,
    },
    /// IMAP COPY or MOVE put copies of these messages into `to`.
    Copied {
        host: String,
        mailbox: String,
        from_folder: String,
        to_folder: String,
        uids: Vec<u32>,
    },
    /// A message left a folder through IMAP: removed for good (EXPUNGE,
    /// CLOSE), or moved (the second half of MOVE, RENAME of INBOX). `uidl`
    /// is what POP3 knew it as: a message that left INBOX is gone for POP3.
    Expunged {
        host: String,
        mailbox: String,
        folder: String,
        uid: u32,
        uidl: String,
    },
    /// A host went down or came back.
    HostState { host: String, up: bool },
    /// A link direction went down or came back.
    LinkState { up: bool },
    /// One step of a receiving server's sender checks (SPF, DKIM, DMARC:
    /// `method`), or of a sending server's DKIM signing, in plain words.
    SenderCheck {
        host: String,
        method: String,
        text: String,
    },
    /// A narration aid, e.g. "15 min later".
    Note {
        text: String,
        gap: Option<SimDuration>,
    },
}

impl TraceEvent {
    /// The connection this event belongs to, if any.
    pub fn conn(&self) -> Option<ConnId> {
        match &self.kind {
            EventKind::ConnectionOpened { conn, .. }
            | EventKind::ConnectionClosed { conn }
            | EventKind::ConnectionReset { conn, .. }
            | EventKind::Line { conn, .. }
            | EventKind::Payload { conn, .. }
            | EventKind::StateChanged { conn, .. } => Some(*conn),
            _ => None,
        }
    }
}
