//! The SMTP server session, sans-IO: bytes in, replies and events out.
//!
//! Heads up: read RFC 5321 §3 (the SMTP procedures) and §4.1.4 (order of
//! commands) first; the state table [`TRANSITIONS`] is the summary.
//!
//! Implements: RFC 5321 §3.1 (greeting, 554 refusal then 503 until QUIT),
//! §3.3 (mail transaction), §4.1.1 (commands), §4.1.4 (order of commands,
//! EHLO/RSET reset the transaction), §4.2 and §4.3.2 (replies), §4.5.1
//! (postmaster always accepted), §4.5.2 (dot-unstuffing), §4.5.3.1 (size
//! limits: command line 512, text line 1000, 100 recipients buffered),
//! §4.5.3.2.7 (server timeout, 5 minutes), §6 (relay policy);
//! RFC 2920 PIPELINING (a batch is answered in order), RFC 1870 SIZE,
//! RFC 6152 8BITMIME, RFC 4954 AUTH PLAIN and LOGIN, RFC 6409 submission
//! (AUTH before MAIL), RFC 2034/3463 enhanced status codes.
//!
//! Deliberate choices and differences:
//! * End of data is CRLF "." CRLF and nothing else (§4.1.1.4). A message
//!   containing a bare LF or bare CR anywhere is REJECTED at its end with
//!   `554 5.6.0` (like chasquid; Postfix instead normalises). This closes
//!   "SMTP smuggling": a second message hidden behind `\n.\n` or similar can
//!   never be accepted separately, and the message carrying it is refused.
//! * A text line over 1000 octets (§4.5.3.1.6) rejects the message with
//!   `554 5.6.0` at the end of data (the RFC names no code; 5.6.0 "other
//!   media error" fits a message-content problem).
//! * A command line over 512 octets gets `500 5.5.2 Line too long`
//!   (§4.5.3.1.4 and §4.2.2's 500 "command line too long"); the session goes
//!   on. RFC 3463 has no "line too long" code for commands: X.5.6 is
//!   reserved by RFC 4954 for an over-long AUTH exchange line, so that is
//!   where we use it. The rest of an over-long line is discarded as it comes,
//!   so memory stays bounded however long the flood.
//! * An over-size message stops being buffered as soon as it passes the
//!   limit; only the last four bytes are kept to find the terminator, and
//!   `552 5.3.4` answers the final dot.
//! * Greeting, EHLO/HELO and 3xx replies carry no enhanced code (RFC 2034
//!   defines them for 2xx/4xx/5xx; the greeting precedes EHLO).
//! * The server does not add `Received:` (§4.4): the MTA that owns the
//!   policy does, with [`crate::message::received_header`].
//! * Commands end at LF with or without CR (robustness); only DATA is strict.

use super::command::{Command, CommandError};
use super::reply::{EnhancedCode, Reply};
use crate::address::{AddressError, Mailbox, ReversePath};
use crate::line::{Flow, Line, LineReceiver};
use crate::time::{SimDuration, SimTime};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::Ipv4Addr;
use std::sync::Arc;

/// RFC 5321 §4.5.3.1.4: command line, including CRLF.
pub const MAX_COMMAND_LINE: usize = 512;
/// RFC 5321 §4.5.3.1.6: text line, including CRLF.
pub const MAX_TEXT_LINE: usize = 1000;
/// RFC 4954 §4: an AUTH exchange line may be longer than a command line.
pub const MAX_AUTH_LINE: usize = 12_288;
/// The most the DATA buffer reserves up front from a client's `SIZE=`
/// (RFC 1870): 1 MiB. Beyond it the buffer grows with the bytes received.
pub const MAX_DATA_RESERVE: usize = 1 << 20;
/// RFC 5321 §4.5.3.2.5: each line of the message must arrive within 3
/// minutes of the previous one.
pub const DATA_LINE_TIMEOUT: SimDuration = SimDuration::from_mins(3);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServerMode {
    /// An MTA on port 25: accepts mail for its domains, relays by policy.
    Relay,
    /// A message submission agent on port 587 (RFC 6409): AUTH before MAIL.
    Submission,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VrfyMode {
    /// Say whether the user exists (250 / 550).
    Answer,
    /// `252 2.0.0`: "cannot verify, but will try to deliver" (§3.5.3).
    CannotVerify,
    /// Switched off (against address harvesting). Answered `252 2.0.0`, as
    /// RFC 5321 §7.3 requires of a site that disables VRFY or EXPN; 502
    /// (Postfix's `disable_vrfy_command`) would read as "no such user".
    Disabled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerConfig {
    pub hostname: String,
    pub mode: ServerMode,
    /// Domains delivered here (lower case).
    pub local_domains: BTreeSet<String>,
    /// Client networks allowed to relay without AUTH: (network, prefix length).
    pub relay_networks: Vec<(Ipv4Addr, u8)>,
    pub max_message_size: usize,
    pub max_recipients: usize,
    pub max_errors: u32,
    pub vrfy: VrfyMode,
    pub expn: VrfyMode,
    pub pipelining: bool,
    pub eightbitmime: bool,
    pub enhanced_status_codes: bool,
    pub auth: bool,
    pub idle_timeout: SimDuration,
    /// Greet with 554 and accept nothing but QUIT (§3.1).
    pub refuse_clients: bool,
    /// Read a bare LF in the message as if it were CRLF, as some servers
    /// "normalise" it. OFF by default, and only for the SMTP smuggling
    /// lesson: with it, `<LF>.<LF>` ends the message early and what
    /// follows is read as commands, so a second message hidden in the
    /// first is accepted (the 2023 "SMTP smuggling" attacks; RFC 5321
    /// §2.3.8 and §4.1.1.4 allow only CRLF "." CRLF to end the data).
    #[serde(default)]
    pub normalise_bare_lf: bool,
}

impl ServerConfig {
    /// Defaults: 10 MiB messages, 100 recipients (§4.5.3.1.8), 10 errors,
    /// VRFY 252, EXPN off, every extension on, AUTH on for submission only,
    /// 5 minute timeout (§4.5.3.2.7).
    pub fn new(hostname: impl Into<String>, mode: ServerMode) -> Self {
        ServerConfig {
            hostname: hostname.into(),
            mode,
            local_domains: BTreeSet::new(),
            relay_networks: Vec::new(),
            max_message_size: 10 * 1024 * 1024,
            max_recipients: 100,
            max_errors: 10,
            vrfy: VrfyMode::CannotVerify,
            expn: VrfyMode::Disabled,
            pipelining: true,
            eightbitmime: true,
            enhanced_status_codes: true,
            auth: mode == ServerMode::Submission,
            idle_timeout: SimDuration::from_mins(5),
            refuse_clients: false,
            normalise_bare_lf: false,
        }
    }

    fn is_local(&self, domain: &str) -> bool {
        self.local_domains
            .iter()
            .any(|d| d.eq_ignore_ascii_case(domain))
    }

    fn may_relay(&self, ip: Ipv4Addr) -> bool {
        self.relay_networks.iter().any(|&(net, len)| {
            let mask = if len == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(len.min(32)))
            };
            u32::from(ip) & mask == u32::from(net) & mask
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerInfo {
    pub ip: Ipv4Addr,
    pub port: u16,
}

/// What the server knows about one mail transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub from: ReversePath,
    pub to: Vec<Mailbox>,
    pub helo: String,
    pub peer: Ipv4Addr,
    pub authenticated: Option<String>,
    pub body_8bit: bool,
    /// The client greeted with EHLO (true) or HELO (false).
    #[serde(default)]
    pub esmtp: bool,
}

impl Envelope {
    /// The `with` clause of the `Received:` line (RFC 5321 §4.4, the
    /// protocol types of RFC 3848): `SMTP` after HELO, `ESMTP` after EHLO,
    /// `ESMTPA` after a successful AUTH.
    pub fn received_protocol(&self) -> &'static str {
        if self.authenticated.is_some() {
            "ESMTPA"
        } else if self.esmtp {
            "ESMTP"
        } else {
            "SMTP"
        }
    }
}

/// Decisions that belong to the host, not to the protocol.
pub trait ServerPolicy {
    fn authenticate(&mut self, username: &str, password: &str) -> bool;
    /// For local domains: `550 5.1.1` when false.
    fn mailbox_exists(&self, mailbox: &Mailbox) -> bool;
    /// An extra check once a recipient passed the relay rules (e.g.
    /// greylisting with `451 4.7.1`). A 2xx reply accepts with that text.
    fn check_rcpt(
        &mut self,
        _now: SimTime,
        _envelope: &Envelope,
        _rcpt: &Mailbox,
    ) -> Option<Reply> {
        None
    }
    /// Whether `check_rcpt` may say anything; when false the session skips
    /// building an envelope for it. A policy that overrides `check_rcpt`
    /// keeps the default `true`.
    fn checks_rcpt(&self) -> bool {
        true
    }
    /// Takes the unstuffed message; returns its queue id or a rejection.
    fn accept_message(
        &mut self,
        now: SimTime,
        envelope: &Envelope,
        data: Vec<u8>,
    ) -> Result<String, Reply>;
    fn vrfy(&self, _query: &str) -> Option<Mailbox> {
        None
    }
    /// A fault a scenario injects at `stage` ("chaos"), counted as used
    /// when returned: the session answers with it instead of its normal
    /// reply, keyed `fault.injected` (or `fault.drop`) so that the trace
    /// never passes it off as normal behaviour.
    fn inject(&mut self, _stage: FaultStage) -> Option<Injected> {
        None
    }
}

/// Where in an SMTP session an injected fault strikes: the greeting, the
/// reply to EHLO/HELO, MAIL, RCPT or DATA, or the reply after the final
/// dot (`end_of_data`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultStage {
    Greeting,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    EndOfData,
}

impl FaultStage {
    pub fn label(self) -> &'static str {
        match self {
            FaultStage::Greeting => "the greeting",
            FaultStage::Ehlo => "EHLO",
            FaultStage::Mail => "MAIL",
            FaultStage::Rcpt => "RCPT",
            FaultStage::Data => "DATA",
            FaultStage::EndOfData => "the final dot",
        }
    }
}

/// What an injected fault does instead of the normal reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Injected {
    /// Answer this (4xx or 5xx; a 421 also closes, RFC 5321 §3.8).
    Reply(Reply),
    /// Close the connection without a word.
    Drop,
}

/// A policy from plain data, for tests and `mailsim serve`.
#[derive(Clone, Debug, Default)]
pub struct StaticPolicy {
    /// login -> password
    pub accounts: BTreeMap<String, String>,
    pub mailboxes: BTreeSet<Mailbox>,
    pub accepted: Vec<(Envelope, Vec<u8>)>,
    next_id: u64,
}

impl StaticPolicy {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn with_account(mut self, user: &str, password: &str) -> Self {
        self.accounts.insert(user.into(), password.into());
        self
    }
    /// Panics on a malformed address: this is for fixtures.
    pub fn with_mailbox(mut self, address: &str) -> Self {
        self.mailboxes
            .insert(Mailbox::parse(address).expect("fixture address"));
        self
    }
    fn find(&self, mailbox: &Mailbox) -> Option<&Mailbox> {
        self.mailboxes.iter().find(|m| {
            m.local.eq_ignore_ascii_case(&mailbox.local)
                && m.domain.eq_ignore_ascii_case(&mailbox.domain)
        })
    }
}

impl ServerPolicy for StaticPolicy {
    fn authenticate(&mut self, username: &str, password: &str) -> bool {
        self.accounts.get(username).is_some_and(|p| p == password)
    }
    fn mailbox_exists(&self, mailbox: &Mailbox) -> bool {
        self.find(mailbox).is_some()
    }
    fn accept_message(
        &mut self,
        _now: SimTime,
        envelope: &Envelope,
        data: Vec<u8>,
    ) -> Result<String, Reply> {
        self.next_id += 1;
        self.accepted.push((envelope.clone(), data));
        Ok(format!("Q{:05}", self.next_id))
    }
    fn vrfy(&self, query: &str) -> Option<Mailbox> {
        let q = query.trim_start_matches('<').trim_end_matches('>');
        match Mailbox::parse(q) {
            Ok(m) => self.find(&m).cloned(),
            Err(_) => self
                .mailboxes
                .iter()
                .find(|m| m.local.eq_ignore_ascii_case(q))
                .cloned(),
        }
    }
}

/// Session states, named for what the server expects next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SmtpState {
    /// Greeting sent; expects EHLO or HELO.
    Greeting,
    /// Greeted with 554 (§3.1); only QUIT is accepted.
    Refused,
    /// Client introduced itself; expects MAIL (or AUTH).
    Ready,
    /// In an AUTH exchange; expects a base64 response line.
    Auth,
    /// MAIL accepted; expects RCPT.
    Mail,
    /// At least one RCPT accepted; expects RCPT or DATA.
    Rcpt,
    /// 354 sent; reading the message until CRLF.CRLF.
    Data,
    /// 221 or 421 sent.
    Closed,
}

impl SmtpState {
    pub fn name(self) -> &'static str {
        match self {
            SmtpState::Greeting => "Greeting",
            SmtpState::Refused => "Refused",
            SmtpState::Ready => "Ready",
            SmtpState::Auth => "Auth",
            SmtpState::Mail => "Mail",
            SmtpState::Rcpt => "Rcpt",
            SmtpState::Data => "Data",
            SmtpState::Closed => "Closed",
        }
    }

    /// The commands worth suggesting in this state, from [`TRANSITIONS`]:
    /// those that move the session on, and those that stay but do the
    /// state's work (RCPT in Rcpt); not the "any time" commands of §4.1.4.
    pub fn expected_commands(self) -> Vec<&'static str> {
        crate::machine::events_from(TRANSITIONS, self, |ev, to| {
            is_command(ev) && (to != self || !ANY_TIME.contains(&ev))
        })
    }

    /// Whether the table has a row for `event` in this state.
    pub fn allows(self, event: &str) -> bool {
        crate::machine::allows(TRANSITIONS, self, event)
    }

    /// The commands that lead, by the fewest commands, from this state to
    /// one where `verb` is allowed (a breadth-first walk of the table).
    /// Empty when no state that allows it can be reached.
    pub fn first_steps_towards(self, verb: &str) -> Vec<&'static str> {
        // (state, the first command of the path that reached it)
        let mut frontier: Vec<(SmtpState, &'static str)> = Vec::new();
        let mut seen = vec![self];
        for &(from, ev, to) in TRANSITIONS {
            if from == self && is_command(ev) && !seen.contains(&to) {
                frontier.push((to, ev));
            }
        }
        while !frontier.is_empty() {
            let mut found: Vec<&'static str> = Vec::new();
            for &(st, first) in &frontier {
                if st.allows(verb) && !found.contains(&first) {
                    found.push(first);
                }
            }
            if !found.is_empty() {
                return found;
            }
            seen.extend(frontier.iter().map(|f| f.0));
            let mut next = Vec::new();
            for &(st, first) in &frontier {
                for &(from, ev, to) in TRANSITIONS {
                    if from == st && is_command(ev) && !seen.contains(&to) {
                        next.push((to, first));
                    }
                }
            }
            frontier = next;
        }
        Vec::new()
    }
}

/// Commands that RFC 5321 §4.1.4 allows at any time in a session; they
/// keep the state (RSET also ends a transaction).
pub const ANY_TIME: &[&str] = &["RSET", "NOOP", "HELP", "VRFY", "EXPN"];

/// Whether a table event is a command (upper-case verb) rather than
/// something that happens without one ("timeout", "end of message").
pub fn is_command(event: &str) -> bool {
    event.bytes().all(|b| b.is_ascii_uppercase())
}

/// The state machine as one table (h11 style): (from, event, to). It is
/// the machine: the server refuses a command without a row for its state
/// (503, with a hint built from the table), and every state change it makes
/// is one of these rows (checked in debug builds and by the tests). A
/// refused command keeps the state and is not listed. Events in capitals
/// are commands; the others happen without one: "login answer" is a line
/// of an AUTH exchange (RFC 4954 §4), "end of message" the final
/// CRLF.CRLF (§4.1.1.4), "timeout" the server's timer (§4.5.3.2.7), "too
/// many errors" the server's own limit, "connection lost" the client
/// going away, "refuses service" the 554 greeting (§3.1).
pub static TRANSITIONS: &[(SmtpState, &str, SmtpState)] = {
    use SmtpState::*;
    &[
        (Greeting, "EHLO", Ready),
        (Greeting, "HELO", Ready),
        (Greeting, "RSET", Greeting),
        (Greeting, "NOOP", Greeting),
        (Greeting, "HELP", Greeting),
        (Greeting, "VRFY", Greeting),
        (Greeting, "EXPN", Greeting),
        (Greeting, "QUIT", Closed),
        (Greeting, "refuses service", Refused),
        (Greeting, "too many errors", Closed),
        (Greeting, "timeout", Closed),
        (Greeting, "connection lost", Closed),
        (Greeting, "injected fault", Closed),
        (Refused, "QUIT", Closed),
        (Refused, "too many errors", Closed),
        (Refused, "timeout", Closed),
        (Refused, "connection lost", Closed),
        (Ready, "MAIL", Mail),
        (Ready, "AUTH", Auth),
        (Ready, "AUTH", Ready),
        (Ready, "EHLO", Ready),
        (Ready, "HELO", Ready),
        (Ready, "RSET", Ready),
        (Ready, "NOOP", Ready),
        (Ready, "HELP", Ready),
        (Ready, "VRFY", Ready),
        (Ready, "EXPN", Ready),
        (Ready, "QUIT", Closed),
        (Ready, "too many errors", Closed),
        (Ready, "timeout", Closed),
        (Ready, "connection lost", Closed),
        (Ready, "injected fault", Closed),
        (Auth, "login answer", Ready),
        (Auth, "login answer", Auth),
        (Auth, "timeout", Closed),
        (Auth, "connection lost", Closed),
        (Mail, "RCPT", Rcpt),
        (Mail, "RSET", Ready),
        (Mail, "EHLO", Ready),
        (Mail, "HELO", Ready),
        (Mail, "NOOP", Mail),
        (Mail, "HELP", Mail),
        (Mail, "VRFY", Mail),
        (Mail, "EXPN", Mail),
        (Mail, "QUIT", Closed),
        (Mail, "too many errors", Closed),
        (Mail, "timeout", Closed),
        (Mail, "connection lost", Closed),
        (Mail, "injected fault", Closed),
        (Rcpt, "RCPT", Rcpt),
        (Rcpt, "DATA", Data),
        (Rcpt, "RSET", Ready),
        (Rcpt, "EHLO", Ready),
        (Rcpt, "HELO", Ready),
        (Rcpt, "NOOP", Rcpt),
        (Rcpt, "HELP", Rcpt),
        (Rcpt, "VRFY", Rcpt),
        (Rcpt, "EXPN", Rcpt),
        (Rcpt, "QUIT", Closed),
        (Rcpt, "too many errors", Closed),
        (Rcpt, "timeout", Closed),
        (Rcpt, "connection lost", Closed),
        (Rcpt, "injected fault", Closed),
        (Data, "end of message", Ready),
        (Data, "timeout", Closed),
        (Data, "connection lost", Closed),
    ]
};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ServerEvent {
    CommandReceived {
        command: Command,
    },
    /// A line of an AUTH exchange (base64, shown as received).
    AuthResponseReceived {
        line: String,
    },
    ReplySent {
        reply: Reply,
    },
    /// The session took the row `(from, event, to)` of [`TRANSITIONS`].
    StateChanged {
        from: SmtpState,
        event: &'static str,
        to: SmtpState,
    },
    Authenticated {
        user: String,
    },
    MessageAccepted {
        envelope: Envelope,
        queue_id: String,
        size: usize,
    },
    /// Every error reply; `key` is in the explanation table.
    ProtocolError {
        key: &'static str,
        detail: String,
    },
    Closing,
}

/// Every way this server refuses, and in one match ([`Refusal::parts`])
/// what each means: its reply (code, enhanced code, text), its explanation
/// key, and whether it counts toward `max_errors` (a client that keeps
/// sending nonsense is cut off; a refused recipient or a message that is
/// too big is not a mistake of the protocol, so it does not count).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Silent for too long (§4.5.3.2.7); the server then closes.
    Timeout { host: String },
    /// An AUTH answer over `MAX_AUTH_LINE` (RFC 4954 §4).
    AuthLineTooLong,
    /// A command line over 512 octets (§4.5.3.1.4).
    LineTooLong,
    /// A command the table has no row for in this state (§4.1.4).
    BadSequence(String),
    /// A known command this server does not offer (VERB, AUTH when off).
    NotImplemented(&'static str),
    /// Not an SMTP command at all (§4.2.4).
    UnknownCommand,
    /// A malformed address in MAIL (`sender`) or RCPT.
    BadAddress {
        sender: bool,
        too_long: bool,
        reason: String,
    },
    /// A known verb with bad arguments.
    Syntax(String),
    /// MAIL on the submission port before AUTH (RFC 6409 §4.3, RFC 4954 §6).
    AuthRequired,
    /// MAIL parameters after HELO: parameters are extensions, offered only
    /// to a client that said EHLO (§4.1.1.11, §2.2).
    ParamsNeedEhlo,
    /// A MAIL or RCPT parameter this server does not know (§4.1.1.11).
    UnknownParam { verb: &'static str, name: String },
    /// More recipients than `max_recipients` (§4.5.3.1.10).
    TooManyRecipients,
    /// A local recipient nobody has (§3.3).
    UnknownUser { rcpt: String },
    /// A remote recipient for a client that may not relay (§7.9).
    RelayDenied { rcpt: String },
    /// HELP for a topic the server has no text for.
    HelpTopicUnknown,
    /// VRFY or EXPN of a name that does not exist (§3.5).
    NoSuchUser { query: String },
    /// An AUTH mechanism the server does not offer (RFC 4954 §4).
    AuthMechanism,
    /// `*` in an AUTH exchange (RFC 4954 §4).
    AuthCancelled,
    /// An AUTH answer that is not base64, or a malformed PLAIN answer.
    AuthMalformed(&'static str),
    /// Wrong user name or password (RFC 4954 §6).
    AuthFailed,
    /// SIZE or the message itself over the limit (RFC 1870 §6.1, §4.5.3.1.9).
    MessageTooLarge,
    /// A bare CR or LF in the message (§2.3.8, §4.1.1.4).
    BareLineEnd,
    /// A text line over 1,000 octets (§4.5.3.1.6).
    TextLineTooLong,
    /// The `max_errors`th counted refusal: 421, and the server closes.
    TooManyErrors { host: String },
}

impl Refusal {
    /// (code, enhanced code, text, explanation key, counts toward max_errors)
    pub fn parts(&self) -> (u16, Option<EnhancedCode>, String, &'static str, bool) {
        use Refusal::*;
        let e = |a, b, c| Some(EnhancedCode(a, b, c));
        match self {
            Timeout { host } => (
                421,
                e(4, 4, 2),
                format!("{host} Error: timeout exceeded"),
                "smtp.error.timeout",
                false,
            ),
            AuthLineTooLong => (
                500,
                e(5, 5, 6),
                "Authentication exchange line is too long".into(),
                "smtp.error.auth_line_too_long",
                true,
            ),
            LineTooLong => (
                500,
                e(5, 5, 2),
                "Line too long".into(),
                "smtp.error.line_too_long",
                true,
            ),
            BadSequence(what) => (
                503,
                e(5, 5, 1),
                format!("Bad sequence of commands: {what}"),
                "smtp.error.bad_sequence",
                true,
            ),
            NotImplemented(text) => (
                502,
                e(5, 5, 1),
                (*text).into(),
                "smtp.error.not_implemented",
                true,
            ),
            UnknownCommand => (
                500,
                e(5, 5, 2),
                "Syntax error, command unrecognized".into(),
                "smtp.error.unknown_command",
                true,
            ),
            BadAddress {
                sender,
                too_long,
                reason,
            } => {
                let (esc, who) = if *sender {
                    (e(5, 1, 7), "sender")
                } else {
                    (e(5, 1, 3), "recipient")
                };
                let key = if *too_long {
                    "smtp.error.path_too_long"
                } else {
                    "smtp.error.bad_address"
                };
                (501, esc, format!("Bad {who} address: {reason}"), key, true)
            }
            Syntax(text) => (501, e(5, 5, 4), text.clone(), "smtp.error.syntax", true),
            AuthRequired => (
                530,
                e(5, 7, 0),
                "Authentication required".into(),
                "smtp.error.auth_required",
                true,
            ),
            ParamsNeedEhlo => (
                555,
                e(5, 5, 4),
                "MAIL parameters need EHLO, not HELO".into(),
                "smtp.error.unknown_param",
                true,
            ),
            UnknownParam { verb, name } => (
                555,
                e(5, 5, 4),
                format!("{verb} parameter {name} not recognized or not implemented"),
                "smtp.error.unknown_param",
                true,
            ),
            TooManyRecipients => (
                452,
                e(4, 5, 3),
                "Too many recipients".into(),
                "smtp.error.too_many_recipients",
                false,
            ),
            UnknownUser { rcpt } => (
                550,
                e(5, 1, 1),
                format!("<{rcpt}>: Recipient address rejected: User unknown"),
                "smtp.error.unknown_user",
                false,
            ),
            RelayDenied { rcpt } => (
                550,
                e(5, 7, 1),
                format!("<{rcpt}>: Relaying denied"),
                "smtp.error.relay_denied",
                false,
            ),
            HelpTopicUnknown => (
                504,
                e(5, 5, 1),
                "HELP topic unknown".into(),
                "smtp.error.syntax",
                true,
            ),
            NoSuchUser { query } => (
                550,
                e(5, 1, 1),
                format!("{query}: no such user"),
                "smtp.error.unknown_user",
                false,
            ),
            AuthMechanism => (
                504,
                e(5, 5, 4),
                "Unrecognized authentication type".into(),
                "smtp.error.auth_mechanism",
                true,
            ),
            AuthCancelled => (
                501,
                e(5, 0, 0),
                "Authentication cancelled".into(),
                "smtp.error.auth_cancelled",
                true,
            ),
            AuthMalformed(text) => (
                501,
                e(5, 5, 2),
                (*text).into(),
                "smtp.error.auth_bad_base64",
                true,
            ),
            AuthFailed => (
                535,
                e(5, 7, 8),
                "Authentication credentials invalid".into(),
                "smtp.error.auth_failed",
                true,
            ),
            MessageTooLarge => (
                552,
                e(5, 3, 4),
                "Message size exceeds fixed maximum message size".into(),
                "smtp.error.message_too_large",
                false,
            ),
            BareLineEnd => (
                554,
                e(5, 6, 0),
                "Message rejected: bare LF or bare CR is not allowed (lines must end with CRLF)"
                    .into(),
                "smtp.error.bare_lf",
                false,
            ),
            TextLineTooLong => (
                554,
                e(5, 6, 0),
                format!("Message rejected: a line is longer than {MAX_TEXT_LINE} characters"),
                "smtp.error.text_line_too_long",
                false,
            ),
            TooManyErrors { host } => (
                421,
                e(4, 7, 0),
                format!("{host} Error: too many errors"),
                "smtp.error.too_many_errors",
                false,
            ),
        }
    }
}

/// One reply on its way to the client, with what the session decided
/// about it (see [`ServerSession::poll_transmit`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transmit {
    /// The reply as sent, all its lines.
    pub bytes: Vec<u8>,
    /// The explanation key the session chose for the reply.
    pub key: Option<&'static str>,
    /// A key per line, where lines mean different things (EHLO: one per
    /// extension keyword); empty when `key` covers every line.
    pub line_keys: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum AuthStep {
    Plain,
    LoginUser,
    LoginPass { user: String },
}

/// One SMTP server connection. Drive it as the crate docs say: `handle_*`,
/// then drain `poll_output`, `poll_event`, then wait for `poll_timeout`.
#[derive(Debug)]
pub struct ServerSession {
    config: Arc<ServerConfig>,
    peer: PeerInfo,
    state: SmtpState,
    esmtp: bool,
    helo: String,
    authenticated: Option<String>,
    from: Option<ReversePath>,
    to: Vec<Mailbox>,
    body_8bit: bool,
    auth_step: Option<AuthStep>,
    /// Command lines (and AUTH answers) as they arrive, capped.
    lines: LineReceiver,
    /// DATA bytes as received, behind a virtual leading CRLF so that the
    /// terminator is always the five bytes CRLF.CRLF.
    data: Vec<u8>,
    data_overflow: bool,
    /// The client's SIZE= declaration, to size the DATA buffer once (at most
    /// [`MAX_DATA_RESERVE`] of it is reserved up front).
    size_hint: usize,
    errors: u32,
    /// Each reply's bytes with the explanation key the session chose for it.
    out: VecDeque<Transmit>,
    events: VecDeque<ServerEvent>,
    /// Whether `CommandReceived`/`ReplySent` are queued (see `set_wire_events`).
    wire_events: bool,
    last_activity: SimTime,
    closed: bool,
    /// With `normalise_bare_lf`: the message now ending was ended by a
    /// bare-LF terminator (`<LF>.<LF>` or a mix), not CRLF.CRLF.
    ended_by_bare_lf: bool,
    /// With `normalise_bare_lf`: a message of this session ended at a
    /// bare-LF terminator, so every later one came out of its text: smuggled.
    smuggling: bool,
}

const END_OF_DATA: &[u8] = b"\r\n.\r\n";

/// "A", "A or B", "A, B or C".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn esc(a: u8, b: u16, c: u16) -> Option<EnhancedCode> {
    Some(EnhancedCode(a, b, c))
}

impl ServerSession {
    /// Opens the session and queues the greeting (220, or 554 when refusing).
    pub fn new(config: Arc<ServerConfig>, peer: PeerInfo, now: SimTime) -> Self {
        let mut s = ServerSession {
            config,
            peer,
            state: SmtpState::Greeting,
            esmtp: false,
            helo: String::new(),
            authenticated: None,
            from: None,
            to: Vec::new(),
            body_8bit: false,
            auth_step: None,
            lines: LineReceiver::new(),
            data: Vec::new(),
            data_overflow: false,
            size_hint: 0,
            errors: 0,
            out: VecDeque::new(),
            events: VecDeque::new(),
            wire_events: true,
            last_activity: now,
            closed: false,
            ended_by_bare_lf: false,
            smuggling: false,
        };
        let host = s.config.hostname.clone();
        if s.config.refuse_clients {
            s.send(Reply::new(
                554,
                None,
                format!("{host} ESMTP MailSim: no SMTP service here"),
            ));
            s.transition("refuses service", SmtpState::Refused);
        } else {
            s.send(Reply::new(220, None, format!("{host} ESMTP MailSim")));
        }
        s
    }

    pub fn state(&self) -> SmtpState {
        self.state
    }

    /// Replaces the greeting not yet sent with an injected fault (a 421 or
    /// 554 greeting, or a connection closed at once); see
    /// [`ServerPolicy::inject`]. The driver calls it before polling output.
    pub fn inject_greeting(&mut self, injected: Injected) {
        self.out.clear();
        self.events
            .retain(|e| !matches!(e, ServerEvent::ReplySent { .. }));
        if let Injected::Reply(r) = &injected {
            if r.code == 554 && self.state == SmtpState::Greeting {
                self.events.push_back(ServerEvent::ProtocolError {
                    key: "fault.injected",
                    detail: r.text(),
                });
                self.send_keyed(r.clone(), Some("fault.injected"));
                return self.transition("refuses service", SmtpState::Refused);
            }
        }
        self.injected(injected);
    }

    /// Carries out an injected fault: its reply (a 421 also closes, RFC
    /// 5321 §3.8), or a close without a reply.
    fn injected(&mut self, injected: Injected) {
        match injected {
            Injected::Drop => {
                self.events.push_back(ServerEvent::ProtocolError {
                    key: "fault.drop",
                    detail: "connection dropped (injected fault)".into(),
                });
                self.data = Vec::new();
                self.reset_transaction();
                self.close("injected fault");
            }
            Injected::Reply(r) => {
                let closes = r.code == 421;
                self.events.push_back(ServerEvent::ProtocolError {
                    key: "fault.injected",
                    detail: r.text(),
                });
                self.send_keyed(r, Some("fault.injected"));
                if closes {
                    self.reset_transaction();
                    self.close("injected fault");
                }
            }
        }
    }
    /// Off: no `CommandReceived`/`ReplySent` events (a driver that sees the
    /// bytes anyway need not pay for a copy of every command and reply).
    /// Replies already queued (the greeting) keep their events.
    pub fn set_wire_events(&mut self, on: bool) {
        self.wire_events = on;
    }
    pub fn is_closed(&self) -> bool {
        self.closed
    }
    pub fn authenticated_user(&self) -> Option<&str> {
        self.authenticated.as_deref()
    }
    pub fn poll_output(&mut self) -> Option<Vec<u8>> {
        self.out.pop_front().map(|t| t.bytes)
    }
    /// One reply's bytes, with the explanation key this session chose for
    /// it: the refusal's own entry for an error, the reply's enhanced code
    /// or code otherwise. The world puts the key on the reply's trace lines.
    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.out.pop_front()
    }
    pub fn poll_event(&mut self) -> Option<ServerEvent> {
        self.events.pop_front()
    }
    pub fn poll_timeout(&self) -> Option<SimTime> {
        (!self.closed).then(|| self.last_activity + self.timeout())
    }

    /// How long the line being waited for may take (RFC 5321 §4.5.3.2),
    /// from the end of the previous line: a command, `idle_timeout` (5
    /// minutes, §4.5.3.2.7); a line of the message in DATA, at most 3
    /// minutes (the data block timeout of §4.5.3.2.5). Bytes that do not
    /// complete a line do not extend it, so a client sending one byte at a
    /// time (slowloris) is timed out like a silent one.
    fn timeout(&self) -> SimDuration {
        if self.state == SmtpState::Data {
            self.config.idle_timeout.min(DATA_LINE_TIMEOUT)
        } else {
            self.config.idle_timeout
        }
    }

    /// The peer went away. A half-received message is dropped, never delivered.
    pub fn handle_close(&mut self, _now: SimTime) {
        if !self.closed {
            self.data = Vec::new();
            self.close("connection lost");
        }
    }

    /// Idle timeout (§4.5.3.2.7): 421 4.4.2, then close.
    pub fn handle_timeout(&mut self, now: SimTime) {
        if self.closed || now < self.last_activity + self.timeout() {
            return;
        }
        self.data = Vec::new();
        let host = self.config.hostname.clone();
        self.refuse(Refusal::Timeout { host });
        self.close("timeout");
    }

    /// Feeds bytes from the client. Any split of the same bytes gives the same output.
    pub fn handle_input(&mut self, now: SimTime, bytes: &[u8], policy: &mut dyn ServerPolicy) {
        // The deadline runs from the end of the last complete line.
        if memchr::memchr(b'\n', bytes).is_some() {
            self.last_activity = now;
        }
        let mut input = bytes;
        while !input.is_empty() && !self.closed {
            if self.state == SmtpState::Data {
                let used = self.ingest_data(input);
                input = &input[used..];
                if self.state == SmtpState::Data {
                    break;
                }
                self.finish_data(now, policy);
                continue;
            }
            // Lines, through the one line receiver, until the state changes
            // (DATA reads the following bytes as the message; an AUTH
            // exchange has a longer line limit).
            let limit = if self.state == SmtpState::Auth {
                MAX_AUTH_LINE
            } else {
                MAX_COMMAND_LINE
            };
            let state = self.state;
            let mut lines = std::mem::take(&mut self.lines);
            let used = lines.feed(input, limit, |line| {
                match line {
                    Line::TooLong { .. } => self.line_too_long(),
                    Line::Complete { text, .. } => self.process_line(now, text, policy),
                }
                if self.state == state && !self.closed {
                    Flow::Continue
                } else {
                    Flow::Stop
                }
            });
            self.lines = lines;
            input = &input[used..];
        }
    }

    fn line_too_long(&mut self) {
        if self.state == SmtpState::Auth {
            self.auth_step = None;
            self.transition("login answer", SmtpState::Ready);
            self.refuse(Refusal::AuthLineTooLong);
        } else {
            self.refuse(Refusal::LineTooLong);
        }
    }

    // --- output helpers: the one place that maps errors to replies ---------

    /// A reply explained by its enhanced status code, or else by its code.
    fn send(&mut self, reply: Reply) {
        let key = reply.static_key();
        self.send_keyed(reply, key);
    }

    fn send_keyed(&mut self, mut reply: Reply, key: Option<&'static str>) {
        if !self.config.enhanced_status_codes {
            reply.enhanced = None;
        }
        self.out.push_back(Transmit {
            bytes: reply.to_wire().into_bytes(),
            key,
            line_keys: Vec::new(),
        });
        if self.wire_events {
            self.events.push_back(ServerEvent::ReplySent { reply });
        }
    }

    fn ok(&mut self, code: u16, e: Option<EnhancedCode>, text: impl Into<String>) {
        self.send(Reply::new(code, e, text));
    }

    /// Sends the reply of a refusal ([`Refusal::parts`]); a counted one
    /// may be the `max_errors`th, and then the server says 421 and closes.
    fn refuse(&mut self, r: Refusal) {
        let (code, e, text, key, counts) = r.parts();
        self.events.push_back(ServerEvent::ProtocolError {
            key,
            detail: text.clone(),
        });
        self.send_keyed(Reply::new(code, e, text), Some(key));
        if counts {
            self.errors += 1;
            if self.errors >= self.config.max_errors && !self.closed {
                let host = self.config.hostname.clone();
                let (code, e, text, key, _) = Refusal::TooManyErrors { host }.parts();
                self.events.push_back(ServerEvent::ProtocolError {
                    key,
                    detail: "too many errors".into(),
                });
                self.send_keyed(Reply::new(code, e, text), Some(key));
                self.close("too many errors");
            }
        }
    }

    fn close(&mut self, event: &'static str) {
        self.closed = true;
        self.transition(event, SmtpState::Closed);
        self.events.push_back(ServerEvent::Closing);
    }

    /// Takes the row `(state, event, to)` of [`TRANSITIONS`]: the only way
    /// the state changes. A row the table lacks is a bug in this file (a
    /// debug build stops on it; the tests run every transcript, scenario
    /// and bad-input case through here).
    fn transition(&mut self, event: &'static str, to: SmtpState) {
        debug_assert!(
            TRANSITIONS.contains(&(self.state, event, to)),
            "SMTP server: ({:?}, {event:?}, {to:?}) is not a row of TRANSITIONS",
            self.state
        );
        if self.state != to {
            self.events.push_back(ServerEvent::StateChanged {
                from: self.state,
                event,
                to,
            });
            self.state = to;
        }
    }

    /// Takes the one row for a command that has a single target here.
    fn take(&mut self, verb: &'static str) {
        let row = TRANSITIONS
            .iter()
            .find(|r| r.0 == self.state && r.1 == verb);
        if let Some(&(_, ev, to)) = row {
            self.transition(ev, to);
        }
    }

    /// The refusal of a command the table has no row for in this state:
    /// 503 with the way there, found in the table (RFC 5321 §4.1.4: the
    /// commands come in order).
    fn wrong_state(&mut self, verb: &'static str) {
        let steps = self.state.first_steps_towards(verb);
        let spell = |v: &str| match v {
            "MAIL" => "MAIL FROM".to_string(),
            "RCPT" => "RCPT TO".to_string(),
            v => v.to_string(),
        };
        let what = if steps.is_empty() {
            let valid: Vec<String> = self
                .state
                .expected_commands()
                .iter()
                .map(|v| spell(v))
                .collect();
            let why = match self.state {
                SmtpState::Refused => "this server refused the session",
                _ => "nothing leads there from here",
            };
            format!("{why}; only {} is accepted", or_list(&valid))
        } else {
            let steps: Vec<String> = steps.iter().map(|v| spell(v)).collect();
            format!("send {} first", or_list(&steps))
        };
        self.bad_sequence(&what);
    }

    fn reset_transaction(&mut self) {
        self.from = None;
        self.to.clear();
        self.body_8bit = false;
    }

    fn envelope(&self) -> Envelope {
        Envelope {
            from: self.from.clone().unwrap_or(ReversePath::Null),
            to: self.to.clone(),
            helo: self.helo.clone(),
            peer: self.peer.ip,
            authenticated: self.authenticated.clone(),
            body_8bit: self.body_8bit,
            esmtp: self.esmtp,
        }
    }

    fn bad_sequence(&mut self, what: &str) {
        self.refuse(Refusal::BadSequence(what.to_string()));
    }

    // --- commands ------------------------------------------------------------

    /// One complete line (without its line ending, within the cap).
    fn process_line(&mut self, now: SimTime, body: &[u8], policy: &mut dyn ServerPolicy) {
        if self.state == SmtpState::Auth {
            return self.auth_response(body, policy);
        }
        let text = crate::lossy(body);
        let cmd = match Command::parse(&text) {
            Ok(c) => c,
            Err(e) => return self.command_error(e),
        };
        if self.wire_events {
            self.events.push_back(ServerEvent::CommandReceived {
                command: cmd.clone(),
            });
        }
        // The table gates every command it knows; an unknown verb is not a
        // question of state (500 or 502 below).
        let verb = cmd.verb();
        if !matches!(cmd, Command::Verb | Command::Unknown(_)) && !self.state.allows(verb) {
            return self.wrong_state(verb);
        }
        let stage = match cmd {
            Command::Helo(_) | Command::Ehlo(_) => Some(FaultStage::Ehlo),
            Command::Mail { .. } => Some(FaultStage::Mail),
            Command::Rcpt { .. } => Some(FaultStage::Rcpt),
            Command::Data => Some(FaultStage::Data),
            _ => None,
        };
        if let Some(injected) = stage.and_then(|st| policy.inject(st)) {
            return self.injected(injected);
        }
        match cmd {
            Command::Helo(d) => self.hello(d, false),
            Command::Ehlo(d) => self.hello(d, true),
            Command::Mail { from, params } => self.mail(from, params),
            Command::Rcpt { to, params } => self.rcpt(now, to, params, policy),
            Command::Data => self.data_cmd(),
            Command::Rset => {
                self.reset_transaction();
                self.ok(250, esc(2, 0, 0), "OK");
                self.take("RSET");
            }
            Command::Noop(_) => self.ok(250, esc(2, 0, 0), "OK"),
            Command::Quit => {
                let text = format!("{} closing connection", self.config.hostname);
                self.ok(221, esc(2, 0, 0), text);
                self.close("QUIT");
            }
            Command::Help(topic) => self.help(topic),
            Command::Vrfy(q) => self.vrfy(q, self.config.vrfy, "VRFY", policy),
            Command::Expn(q) => self.vrfy(q, self.config.expn, "EXPN", policy),
            Command::Auth { mechanism, initial } => self.auth(mechanism, initial, policy),
            Command::Verb => self.refuse(Refusal::NotImplemented("VERB command not implemented")),
            Command::Unknown(_) => self.refuse(Refusal::UnknownCommand),
        }
    }

    fn command_error(&mut self, e: CommandError) {
        match e {
            CommandError::UnknownVerb { .. } => self.refuse(Refusal::UnknownCommand),
            CommandError::Syntax {
                verb,
                reason,
                address: Some(a),
            } => {
                let too_long = matches!(
                    a,
                    AddressError::LocalPartTooLong { .. }
                        | AddressError::DomainTooLong { .. }
                        | AddressError::PathTooLong { .. }
                );
                self.refuse(Refusal::BadAddress {
                    sender: verb == "MAIL",
                    too_long,
                    reason,
                })
            }
            CommandError::Syntax { reason, .. } => {
                self.refuse(Refusal::Syntax(format!("Syntax error: {reason}")))
            }
        }
    }

    fn hello(&mut self, domain: String, esmtp: bool) {
        self.reset_transaction();
        self.esmtp = esmtp;
        self.helo = domain;
        let c = Arc::clone(&self.config);
        // Built by pushing pieces (no `format!`): every session says hello.
        let mut first = String::with_capacity(c.hostname.len() + self.helo.len() + 26);
        // RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets with its
        // CRLF. A command line may carry a 505-octet domain, so the echo is
        // cut to what fits ("250-" + text + CRLF); the session keeps it whole.
        let fixed = 4 + c.hostname.len() + " Hello ".len() + " [255.255.255.255]".len() + 2;
        let room = crate::smtp::reply::MAX_REPLY_LINE.saturating_sub(fixed);
        let mut echo = self.helo.as_str();
        if echo.len() > room {
            let mut end = room;
            while !echo.is_char_boundary(end) {
                end -= 1;
            }
            echo = &echo[..end];
        }
        for part in [c.hostname.as_str(), " Hello ", echo, " ["] {
            first.push_str(part);
        }
        for (i, o) in self.peer.ip.octets().into_iter().enumerate() {
            if i > 0 {
                first.push('.');
            }
            crate::message::push_u64(&mut first, u64::from(o));
        }
        first.push(']');
        // Each extension line is explained by its own entry (RFC 5321
        // §4.1.1.1: one keyword per line after the first).
        let mut line_keys = Vec::new();
        let reply = if esmtp {
            let mut lines = Vec::with_capacity(7);
            lines.push(first);
            line_keys.push("smtp.cmd.EHLO");
            let mut ext = |lines: &mut Vec<String>, line: String, key| {
                lines.push(line);
                line_keys.push(key);
            };
            if c.pipelining {
                ext(&mut lines, "PIPELINING".into(), "smtp.ext.PIPELINING");
            }
            let mut size = String::from("SIZE ");
            crate::message::push_u64(&mut size, c.max_message_size as u64);
            ext(&mut lines, size, "smtp.ext.SIZE");
            if c.eightbitmime {
                ext(&mut lines, "8BITMIME".into(), "smtp.ext.8BITMIME");
            }
            if c.enhanced_status_codes {
                let k = "smtp.ext.ENHANCEDSTATUSCODES";
                ext(&mut lines, "ENHANCEDSTATUSCODES".into(), k);
            }
            if c.auth {
                ext(&mut lines, "AUTH PLAIN LOGIN".into(), "smtp.ext.AUTH");
            }
            ext(&mut lines, "HELP".into(), "smtp.ext.HELP");
            Reply::multi(250, None, lines)
        } else {
            Reply::new(250, None, first)
        };
        let key = reply.static_key();
        self.out.push_back(Transmit {
            bytes: reply.to_wire().into_bytes(),
            key,
            line_keys,
        });
        if self.wire_events {
            self.events.push_back(ServerEvent::ReplySent { reply });
        }
        self.transition(if esmtp { "EHLO" } else { "HELO" }, SmtpState::Ready);
    }

    fn mail(&mut self, from: ReversePath, params: Vec<(String, Option<String>)>) {
        if self.config.mode == ServerMode::Submission && self.authenticated.is_none() {
            return self.refuse(Refusal::AuthRequired);
        }
        let mut body_8bit = false;
        let mut size_hint = 0;
        for (k, v) in &params {
            let v = v.as_deref();
            match (k.as_str(), v) {
                _ if !self.esmtp => {
                    return self.refuse(Refusal::ParamsNeedEhlo);
                }
                ("SIZE", Some(n)) => match n.parse::<u64>() {
                    Ok(n) if n > self.config.max_message_size as u64 => return self.too_large(),
                    Ok(n) => size_hint = n as usize,
                    Err(_) => {
                        return self.refuse(Refusal::Syntax("Syntax error: bad SIZE value".into()))
                    }
                },
                ("BODY", Some(b))
                    if self.config.eightbitmime && b.eq_ignore_ascii_case("8BITMIME") =>
                {
                    body_8bit = true
                }
                ("BODY", Some(b)) if b.eq_ignore_ascii_case("7BIT") => body_8bit = false,
                ("BODY", Some(_)) if self.config.eightbitmime => {
                    return self.refuse(Refusal::Syntax(
                        "Syntax error: BODY must be 7BIT or 8BITMIME".into(),
                    ));
                }
                ("AUTH", Some(_)) if self.config.auth => {} // RFC 4954 §5: accepted, not used
                _ => {
                    let name = k.clone();
                    return self.refuse(Refusal::UnknownParam { verb: "MAIL", name });
                }
            }
        }
        self.ok(250, esc(2, 1, 0), format!("Sender {from} OK"));
        self.from = Some(from);
        self.body_8bit = body_8bit;
        self.size_hint = size_hint;
        self.transition("MAIL", SmtpState::Mail);
    }

    fn rcpt(
        &mut self,
        now: SimTime,
        to: Mailbox,
        params: Vec<(String, Option<String>)>,
        policy: &mut dyn ServerPolicy,
    ) {
        if let Some((k, _)) = params.first() {
            let name = k.clone();
            return self.refuse(Refusal::UnknownParam { verb: "RCPT", name });
        }
        // RFC 5321 §3.3: a server may drop duplicate recipients. One that
        // is already in the transaction is acknowledged again and not added,
        // so it is delivered once (issue 16: 100 RCPTs of one mailbox used
        // to store 100 copies). It does not count toward the limit below.
        if self.to.iter().any(|m| m.same_mailbox(&to)) {
            let text = format!("Recipient <{to}> OK (already a recipient)");
            self.ok(250, esc(2, 1, 5), text);
            return self.transition("RCPT", SmtpState::Rcpt);
        }
        if self.to.len() >= self.config.max_recipients {
            return self.refuse(Refusal::TooManyRecipients);
        }
        let postmaster = to.is_bare_postmaster()
            || (to.local.eq_ignore_ascii_case("postmaster") && self.config.is_local(&to.domain));
        if !postmaster {
            if self.config.is_local(&to.domain) {
                if !policy.mailbox_exists(&to) {
                    let rcpt = to.to_string();
                    return self.refuse(Refusal::UnknownUser { rcpt });
                }
            } else if !(self.config.may_relay(self.peer.ip) || self.authenticated.is_some()) {
                let rcpt = to.to_string();
                return self.refuse(Refusal::RelayDenied { rcpt });
            }
            // The envelope is a copy: only made for a policy that looks.
            let check = policy.checks_rcpt().then(|| self.envelope());
            if let Some(r) = check.and_then(|env| policy.check_rcpt(now, &env, &to)) {
                if !r.is_positive_completion() {
                    self.events.push_back(ServerEvent::ProtocolError {
                        key: "smtp.error.policy",
                        detail: r.text(),
                    });
                    let key = r.esc_key().or(Some("smtp.error.policy"));
                    return self.send_keyed(r, key);
                }
                self.send(r);
                self.to.push(to);
                return self.transition("RCPT", SmtpState::Rcpt);
            }
        }
        self.ok(250, esc(2, 1, 5), format!("Recipient <{to}> OK"));
        self.to.push(to);
        self.transition("RCPT", SmtpState::Rcpt);
    }

    fn data_cmd(&mut self) {
        self.ok(354, None, "End data with <CR><LF>.<CR><LF>");
        self.data.clear();
        // SIZE= is the client's claim, not a promise: never reserve more
        // than a small buffer from it (issue 16: SIZE=9223372036854775807
        // panicked, SIZE=200000000000 aborted the process). Larger messages
        // grow the buffer as their bytes actually arrive.
        let reserve = self
            .size_hint
            .min(self.config.max_message_size)
            .min(MAX_DATA_RESERVE);
        self.data.reserve(reserve + 8);
        self.data.extend_from_slice(b"\r\n");
        self.data_overflow = false;
        self.transition("DATA", SmtpState::Data);
    }

    fn help(&mut self, topic: Option<String>) {
        let text = match topic.as_deref().map(str::to_ascii_uppercase).as_deref() {
            None => "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY EXPN AUTH",
            Some("EHLO") => "EHLO <your host name>: introduce yourself and list extensions",
            Some("HELO") => "HELO <your host name>: introduce yourself (no extensions)",
            Some("MAIL") => "MAIL FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME]: start a message",
            Some("RCPT") => "RCPT TO:<recipient>: add a recipient (repeat for each)",
            Some("DATA") => "DATA: then send the message, ending with a line with only a dot",
            Some("RSET") => "RSET: forget the message in progress",
            Some("NOOP") => "NOOP: do nothing, the server answers OK",
            Some("QUIT") => "QUIT: say goodbye and close the connection",
            Some("HELP") => "HELP [command]: show help",
            Some("VRFY") => "VRFY <name>: ask whether a mailbox exists",
            Some("EXPN") => "EXPN <list>: ask who is on a mailing list",
            Some("AUTH") => "AUTH PLAIN|LOGIN [initial-response]: log in",
            Some(_) => return self.refuse(Refusal::HelpTopicUnknown),
        };
        self.ok(214, esc(2, 0, 0), text);
    }

    fn vrfy(&mut self, query: String, mode: VrfyMode, verb: &str, policy: &mut dyn ServerPolicy) {
        match mode {
            // §7.3: a site that switches VRFY or EXPN off MUST answer 252,
            // not a code that reads as a failed (or successful) check.
            VrfyMode::Disabled => self.ok(
                252,
                esc(2, 0, 0),
                format!("{verb} is disabled here: nothing verified, but RCPT TO will be tried"),
            ),
            // 2.0.0, not 2.1.5 ("destination address valid", RFC 3463
            // §3.2): a 252 has verified nothing (§3.5.3).
            VrfyMode::CannotVerify => self.ok(
                252,
                esc(2, 0, 0),
                format!("Cannot {verb} user, but will accept message and attempt delivery"),
            ),
            VrfyMode::Answer => match policy.vrfy(&query) {
                Some(m) => self.ok(250, esc(2, 1, 5), format!("<{m}>")),
                None => self.refuse(Refusal::NoSuchUser { query }),
            },
        }
    }

    // --- AUTH (RFC 4954) -----------------------------------------------------

    fn auth(&mut self, mechanism: String, initial: Option<String>, policy: &mut dyn ServerPolicy) {
        if !self.config.auth {
            return self.refuse(Refusal::NotImplemented("AUTH not available"));
        }
        // Guards beyond the table (RFC 4954 §4): one AUTH per session, and
        // only after EHLO.
        if self.authenticated.is_some() {
            return self.bad_sequence("already authenticated");
        }
        if !self.esmtp {
            return self.bad_sequence("send EHLO first (AUTH is an extension)");
        }
        let step = match mechanism.as_str() {
            "PLAIN" => AuthStep::Plain,
            "LOGIN" => AuthStep::LoginUser,
            _ => {
                return self.refuse(Refusal::AuthMechanism);
            }
        };
        // The state becomes Auth only when a 334 challenge goes out; an
        // initial response answered at once keeps Ready (no Auth flicker).
        self.auth_step = Some(step);
        match initial {
            Some(i) => self.auth_step(i.as_bytes(), policy),
            None => self.challenge(),
        }
    }

    fn challenge(&mut self) {
        let text = match self.auth_step {
            Some(AuthStep::LoginUser) => "VXNlcm5hbWU6", // "Username:"
            Some(AuthStep::LoginPass { .. }) => "UGFzc3dvcmQ6", // "Password:"
            _ => "",
        };
        self.send(Reply::new(334, None, text));
        let event = self.auth_event();
        self.transition(event, SmtpState::Auth);
    }

    fn auth_response(&mut self, line: &[u8], policy: &mut dyn ServerPolicy) {
        self.events.push_back(ServerEvent::AuthResponseReceived {
            line: String::from_utf8_lossy(line).into_owned(),
        });
        self.auth_step(line, policy);
    }

    fn auth_done(&mut self) {
        self.auth_step = None;
        let event = self.auth_event();
        self.transition(event, SmtpState::Ready);
    }

    /// What moves the machine in an AUTH exchange: the command itself (with
    /// its initial response), or a line answering a 334.
    fn auth_event(&self) -> &'static str {
        if self.state == SmtpState::Auth {
            "login answer"
        } else {
            "AUTH"
        }
    }

    fn auth_step(&mut self, line: &[u8], policy: &mut dyn ServerPolicy) {
        if line == b"*" {
            self.auth_done();
            return self.refuse(Refusal::AuthCancelled);
        }
        // "=" is an empty initial response (RFC 4954 §4).
        let decoded = if line == b"=" {
            Ok(Vec::new())
        } else {
            base64::engine::general_purpose::STANDARD.decode(line)
        };
        let Ok(decoded) = decoded else {
            self.auth_done();
            return self.refuse(Refusal::AuthMalformed(
                "Cannot decode response (not base64)",
            ));
        };
        let step = self.auth_step.take();
        let (user, pass) = match step {
            Some(AuthStep::Plain) => {
                // authzid NUL authcid NUL passwd (RFC 4616)
                let parts: Vec<&[u8]> = decoded.split(|&b| b == 0).collect();
                if parts.len() != 3 {
                    self.auth_done();
                    return self.refuse(Refusal::AuthMalformed("Malformed PLAIN response"));
                }
                (
                    String::from_utf8_lossy(parts[1]).into_owned(),
                    String::from_utf8_lossy(parts[2]).into_owned(),
                )
            }
            Some(AuthStep::LoginUser) => {
                self.auth_step = Some(AuthStep::LoginPass {
                    user: String::from_utf8_lossy(&decoded).into_owned(),
                });
                return self.challenge();
            }
            Some(AuthStep::LoginPass { user }) => {
                (user, String::from_utf8_lossy(&decoded).into_owned())
            }
            None => return,
        };
        self.auth_done();
        if policy.authenticate(&user, &pass) {
            self.authenticated = Some(user.clone());
            self.events.push_back(ServerEvent::Authenticated { user });
            self.ok(235, esc(2, 7, 0), "Authentication successful");
        } else {
            self.refuse(Refusal::AuthFailed);
        }
    }

    // --- DATA ----------------------------------------------------------------

    /// Takes message bytes; returns how many were used. Leaves the Data
    /// state when CRLF.CRLF was found (the rest of `input` is commands).
    ///
    /// The size that counts against `max_message_size` is the message as
    /// received (dot-stuffed), up to and including the CRLF before the final
    /// dot. The verdict depends only on that size, never on how the bytes
    /// were split into reads (issue 16: a message and its terminator in one
    /// read used to skip the check).
    fn ingest_data(&mut self, input: &[u8]) -> usize {
        let start = self.data.len().saturating_sub(END_OF_DATA.len() - 1);
        self.data.extend_from_slice(input);
        let found = if self.config.normalise_bare_lf {
            find_lenient_end(&self.data[start..])
        } else {
            memchr::memmem::find(&self.data[start..], END_OF_DATA)
                .map(|p| (p, 2, END_OF_DATA.len()))
        };
        if let Some((p, line_end, term)) = found {
            let end = start + p; // the line end before the dot
            let after = self.data.len() - (end + term);
            // `data[2..end + line_end]` is the message (behind the virtual CRLF).
            if end > self.config.max_message_size {
                self.data_overflow = true;
            }
            self.ended_by_bare_lf = term != END_OF_DATA.len();
            self.data.truncate(end + line_end); // keep the last line's end
            self.transition("end of message", SmtpState::Ready);
            return input.len() - after;
        }
        // No terminator yet, so it ends at the earliest one byte from now:
        // the message is at least `data.len() - 4` bytes long. Over the
        // limit for sure: stop buffering (bounded memory), and keep only
        // the tail that can still hold the start of the terminator.
        let keep = END_OF_DATA.len() - 1;
        if self.data_overflow || self.data.len().saturating_sub(keep) > self.config.max_message_size
        {
            self.data_overflow = true;
            let cut = self.data.len() - keep;
            self.data.drain(..cut);
        }
        input.len()
    }

    /// `552 5.3.4`: the declared SIZE (RFC 1870 §6.1) or the data itself
    /// (RFC 5321 §4.5.3.1.9, "552 Too much mail data") is over the limit.
    fn too_large(&mut self) {
        self.refuse(Refusal::MessageTooLarge)
    }

    fn finish_data(&mut self, now: SimTime, policy: &mut dyn ServerPolicy) {
        let raw = std::mem::take(&mut self.data);
        let ended_by_bare_lf = std::mem::take(&mut self.ended_by_bare_lf);
        if let Some(injected) = policy.inject(FaultStage::EndOfData) {
            self.reset_transaction();
            return self.injected(injected);
        }
        if self.data_overflow {
            self.reset_transaction();
            return self.too_large();
        }
        let mut message = raw;
        if self.config.normalise_bare_lf {
            normalise_line_ends(&mut message);
        }
        match unstuff_in_place(&mut message) {
            Err(DataError::BareLineEnd) => {
                self.reset_transaction();
                self.refuse(Refusal::BareLineEnd)
            }
            Err(DataError::LineTooLong) => {
                self.reset_transaction();
                self.refuse(Refusal::TextLineTooLong)
            }
            Ok(()) => {
                // The transaction ends here: move its parts, do not copy them.
                let envelope = Envelope {
                    from: self.from.take().unwrap_or(ReversePath::Null),
                    to: std::mem::take(&mut self.to),
                    helo: self.helo.clone(),
                    peer: self.peer.ip,
                    authenticated: self.authenticated.clone(),
                    body_8bit: self.body_8bit,
                    esmtp: self.esmtp,
                };
                self.reset_transaction();
                let size = message.len();
                match policy.accept_message(now, &envelope, message) {
                    Ok(queue_id) => {
                        // This 250 is the moment responsibility passes (§6.1).
                        let r = Reply::new(250, esc(2, 0, 0), format!("OK queued as {queue_id}"));
                        // With `normalise_bare_lf`: the message cut short by
                        // a bare-LF terminator, and the ones smuggled after it.
                        let key = if ended_by_bare_lf {
                            "smtp.ok.normalised"
                        } else if self.smuggling {
                            "smtp.ok.smuggled"
                        } else {
                            "smtp.ok.queued"
                        };
                        self.smuggling |= ended_by_bare_lf;
                        self.send_keyed(r, Some(key));
                        self.events.push_back(ServerEvent::MessageAccepted {
                            envelope,
                            queue_id,
                            size,
                        });
                    }
                    Err(r) => {
                        self.events.push_back(ServerEvent::ProtocolError {
                            key: "smtp.error.policy",
                            detail: r.text(),
                        });
                        let key = r.esc_key().or(Some("smtp.error.policy"));
                        self.send_keyed(r, key);
                    }
                }
            }
        }
    }
}

enum DataError {
    BareLineEnd,
    LineTooLong,
}

/// The first end of data a server that "normalises" bare LF would see:
/// CRLF "." CRLF, or the same with either line end a bare LF. Returns (where
/// the line end before the dot starts, its length, the terminator's length).
fn find_lenient_end(hay: &[u8]) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    for pat in [&b"\n.\r\n"[..], &b"\n.\n"[..]] {
        if let Some(p) = memchr::memmem::find(hay, pat) {
            let crlf = p > 0 && hay[p - 1] == b'\r';
            let (at, le) = if crlf { (p - 1, 2) } else { (p, 1) };
            let cand = (at, le, le + pat.len() - 1);
            if best.is_none_or(|b| cand.0 < b.0) {
                best = Some(cand);
            }
        }
    }
    best
}

/// Every bare LF (one without a CR before it) made CRLF, in place: what a
/// server that "normalises" line ends does (only with `normalise_bare_lf`).
fn normalise_line_ends(buf: &mut Vec<u8>) {
    let bare = buf
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' && (i == 0 || buf[i - 1] != b'\r'))
        .count();
    if bare == 0 {
        return;
    }
    let mut out = Vec::with_capacity(buf.len() + bare);
    for (i, &b) in buf.iter().enumerate() {
        if b == b'\n' && (i == 0 || buf[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    *buf = out;
}

/// Checks the message as received (`buf[2..]`, ending with CRLF) and turns
/// it into the message in place: removes the virtual leading CRLF and the
/// stuffed dots, refuses bare CR/LF and lines over 1000 octets. One
/// `memchr` pass over LFs and one over CRs; no second buffer.
fn unstuff_in_place(buf: &mut Vec<u8>) -> Result<(), DataError> {
    let raw = &buf[2..];
    let mut line_start = 0;
    let mut lines = 0usize;
    let mut dots = 0usize;
    for lf in memchr::memchr_iter(b'\n', raw) {
        // Every LF must follow a CR (no bare LF).
        if lf == line_start || raw[lf - 1] != b'\r' {
            return Err(DataError::BareLineEnd);
        }
        if lf + 1 - line_start > MAX_TEXT_LINE {
            return Err(DataError::LineTooLong);
        }
        dots += usize::from(raw[line_start] == b'.');
        lines += 1;
        line_start = lf + 1;
    }
    // As many CRs as line ends: so no CR stands alone.
    if memchr::memchr_iter(b'\r', raw).count() != lines {
        return Err(DataError::BareLineEnd);
    }
    if dots == 0 {
        buf.drain(..2);
        return Ok(());
    }
    // Compact line by line, dropping each line's leading stuffed dot.
    let mut w = 0;
    let mut r = 2;
    let end = buf.len();
    while r < end {
        let next = memchr::memchr(b'\n', &buf[r..end]).map_or(end, |p| r + p + 1);
        let from = if buf[r] == b'.' { r + 1 } else { r };
        buf.copy_within(from..next, w);
        w += next - from;
        r = next;
    }
    buf.truncate(w);
    Ok(())
}
