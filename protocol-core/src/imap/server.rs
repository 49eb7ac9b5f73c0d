//! The IMAP server session, sans-IO (RFC 9051 §2-§7; accepts what RFC 3501
//! IMAP4rev1 clients send; RFC 7888 literals; RFC 2177 IDLE; RFC 6851 MOVE;
//! RFC 5161 ENABLE; RFC 4959 SASL-IR; RFC 4616 PLAIN; RFC 6154 special use).
//!
//! Implements: the greeting with `[CAPABILITY]` (§7.1.1); the states of §3
//! (Not Authenticated, Authenticated, Selected, Logout) as the
//! [`TRANSITIONS`] table, through which every command is dispatched;
//! CAPABILITY, NOOP, LOGOUT (§6.1); LOGIN and AUTHENTICATE PLAIN with or
//! without an initial response (§6.2); ENABLE IMAP4rev2 (§6.3.1); SELECT and
//! EXAMINE with EXISTS, FLAGS, `[PERMANENTFLAGS]`, `[UIDVALIDITY]`,
//! `[UIDNEXT]`, `[READ-WRITE]`/`[READ-ONLY]` and `[CLOSED]` (§6.3.2,
//! §6.3.3); CREATE, DELETE, RENAME, LIST, STATUS, APPEND with `[TRYCREATE]`
//! and `[APPENDUID]` (§6.3.4-§6.3.12); IDLE until DONE (§6.3.13, RFC 2177);
//! CLOSE, UNSELECT, EXPUNGE, UID EXPUNGE, SEARCH, FETCH, STORE, COPY, MOVE
//! and their UID forms (§6.4); untagged EXISTS/EXPUNGE/FETCH for changes
//! made by other sessions, never an EXPUNGE during FETCH, STORE or SEARCH
//! (§7.5.1); the autologout timer of at least 30 minutes (§5.4); line and
//! literal size limits (`[TOOBIG]`, RFC 7888 §4, RFC 4466 §2.2).
//!
//! IMAP4rev1 compatibility (RFC 9051 Appendix E): until the client sends
//! `ENABLE IMAP4rev2`, SELECT also sends `* 0 RECENT` and `[UNSEEN n]` and
//! SEARCH answers `* SEARCH`; afterwards SEARCH answers `* ESEARCH` and
//! SELECT sends `* LIST` instead.
//!
//! Deliberate differences:
//! * No TLS, so LOGIN and PLAIN are offered in the clear (RFC 9051 wants
//!   `LOGINDISABLED` without TLS): MailSim shows every line.
//! * A bare LF ends a line as well as CRLF, so hand-typed sessions work.
//! * A command in the wrong state gets `BAD` with the valid commands and the
//!   way there, generated from the table (RFC 9051 only says BAD).
//! * After `max_failed_logins` failed logins the server sends `* BYE` and
//!   closes, to slow password guessing.
//! * An over-long line is dropped as it comes (memory stays bounded) and
//!   answered with BAD once its end arrives; the session goes on.
//! * No keywords (only the five system flags) and no `\Recent`.
//!
//! Driving it: call `handle_*`, then drain `poll_output`, `poll_response`
//! and `poll_event`, then wait for input or `poll_timeout()`. After any
//! change to a mailbox made elsewhere (delivery, another session), call
//! [`ServerSession::handle_store_changed`] so an IDLE client hears at once.

use super::command::{
    self, peek_keyword, Command, CommandBody, FetchItem, SearchKey, SequenceSet, StatusItem,
    StoreMode, KEYWORDS,
};
use super::render;
use super::response::{literal_size, Code, Response, Status};
use super::store::{canonical_name, Flags, Folder, MailMessage, Mailstore, StoreError};
use crate::time::{SimDuration, SimTime};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

/// What CAPABILITY lists (after login, the same minus nothing: no TLS).
pub const CAPABILITIES: &str =
    "IMAP4rev2 IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+ ENABLE IDLE MOVE UIDPLUS UNSELECT";

/// Policy of one IMAP server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerConfig {
    pub hostname: String,
    /// Failed logins before `* BYE` and close; `0` means never close.
    pub max_failed_logins: u32,
    /// Autologout timer; RFC 9051 §5.4: at least 30 minutes.
    pub idle_timeout: SimDuration,
    /// Longest line with its CRLF; RFC 7162 §4 asks servers to take 8192.
    pub max_line: usize,
    /// Most literal octets in one command (APPEND's message).
    pub max_literal: usize,
}

impl ServerConfig {
    pub fn new(hostname: impl Into<String>) -> Self {
        ServerConfig {
            hostname: hostname.into(),
            max_failed_logins: 3,
            idle_timeout: SimDuration::from_mins(30),
            max_line: 8192,
            max_literal: 10 * 1024 * 1024,
        }
    }
}

/// The states of RFC 9051 §3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ImapState {
    NotAuthenticated,
    Authenticated,
    Selected,
    Logout,
}

/// The whole state machine, `(from, event, to)`. A command with no row for
/// the current state is refused with a BAD generated from this table, and
/// every state change is a row (debug-checked). Events in capitals are
/// commands; the others happen without one.
pub static TRANSITIONS: &[(ImapState, &str, ImapState)] = {
    use ImapState::*;
    &[
        (NotAuthenticated, "CAPABILITY", NotAuthenticated),
        (NotAuthenticated, "NOOP", NotAuthenticated),
        (NotAuthenticated, "LOGOUT", Logout),
        (NotAuthenticated, "LOGIN", Authenticated),
        (NotAuthenticated, "LOGIN", NotAuthenticated),
        (NotAuthenticated, "AUTHENTICATE", Authenticated),
        (NotAuthenticated, "AUTHENTICATE", NotAuthenticated),
        (NotAuthenticated, "too many failed logins", Logout),
        (NotAuthenticated, "autologout timer", Logout),
        (NotAuthenticated, "connection lost", Logout),
        (Authenticated, "CAPABILITY", Authenticated),
        (Authenticated, "NOOP", Authenticated),
        (Authenticated, "LOGOUT", Logout),
        (Authenticated, "ENABLE", Authenticated),
        (Authenticated, "SELECT", Selected),
        (Authenticated, "SELECT", Authenticated),
        (Authenticated, "EXAMINE", Selected),
        (Authenticated, "EXAMINE", Authenticated),
        (Authenticated, "CREATE", Authenticated),
        (Authenticated, "DELETE", Authenticated),
        (Authenticated, "RENAME", Authenticated),
        (Authenticated, "LIST", Authenticated),
        (Authenticated, "STATUS", Authenticated),
        (Authenticated, "APPEND", Authenticated),
        (Authenticated, "IDLE", Authenticated),
        (Authenticated, "autologout timer", Logout),
        (Authenticated, "connection lost", Logout),
        (Selected, "CAPABILITY", Selected),
        (Selected, "NOOP", Selected),
        (Selected, "LOGOUT", Logout),
        (Selected, "SELECT", Selected),
        (Selected, "SELECT", Authenticated),
        (Selected, "EXAMINE", Selected),
        (Selected, "EXAMINE", Authenticated),
        (Selected, "CREATE", Selected),
        (Selected, "DELETE", Selected),
        (Selected, "RENAME", Selected),
        (Selected, "LIST", Selected),
        (Selected, "STATUS", Selected),
        (Selected, "APPEND", Selected),
        (Selected, "IDLE", Selected),
        (Selected, "CHECK", Selected),
        (Selected, "CLOSE", Authenticated),
        (Selected, "UNSELECT", Authenticated),
        (Selected, "EXPUNGE", Selected),
        (Selected, "SEARCH", Selected),
        (Selected, "FETCH", Selected),
        (Selected, "STORE", Selected),
        (Selected, "COPY", Selected),
        (Selected, "MOVE", Selected),
        (Selected, "UID SEARCH", Selected),
        (Selected, "UID FETCH", Selected),
        (Selected, "UID STORE", Selected),
        (Selected, "UID COPY", Selected),
        (Selected, "UID MOVE", Selected),
        (Selected, "UID EXPUNGE", Selected),
        (Selected, "autologout timer", Logout),
        (Selected, "connection lost", Logout),
    ]
};

impl ImapState {
    /// The commands the table allows in this state, in table order.
    pub fn valid_commands(self) -> Vec<&'static str> {
        crate::machine::events_from(TRANSITIONS, self, |ev, _| KEYWORDS.contains(&ev))
    }

    /// Whether `keyword` (upper case) has a row for this state.
    pub fn allows(self, keyword: &str) -> bool {
        crate::machine::allows(TRANSITIONS, self, keyword)
    }

    /// The commands that lead from this state to one where `keyword` is
    /// allowed, found by walking the table (shortest way, table order).
    pub fn way_to(self, keyword: &str) -> Option<Vec<&'static str>> {
        let mut queue = VecDeque::from([(self, Vec::new())]);
        let mut seen = vec![self];
        while let Some((s, path)) = queue.pop_front() {
            if s.allows(keyword) {
                return Some(path);
            }
            // A command's first row from a state is its success.
            let mut firsts: Vec<&str> = Vec::new();
            for &(from, ev, to) in TRANSITIONS {
                if from != s || firsts.contains(&ev) {
                    continue;
                }
                firsts.push(ev);
                if KEYWORDS.contains(&ev) && !seen.contains(&to) && to != ImapState::Logout {
                    seen.push(to);
                    let mut p = path.clone();
                    p.push(ev);
                    queue.push_back((to, p));
                }
            }
        }
        None
    }

    /// Key in the explanation table for entering this state; none for Not
    /// Authenticated, which a session starts in and never re-enters (the
    /// greeting, `imap.ok.greeting`, explains it).
    pub fn explain_key(self) -> Option<&'static str> {
        match self {
            ImapState::NotAuthenticated => None,
            ImapState::Authenticated => Some("imap.state.Authenticated"),
            ImapState::Selected => Some("imap.state.Selected"),
            ImapState::Logout => Some("imap.state.Logout"),
        }
    }
}

/// Spelled as in RFC 9051 §3.
impl fmt::Display for ImapState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImapState::NotAuthenticated => "Not Authenticated",
            ImapState::Authenticated => "Authenticated",
            ImapState::Selected => "Selected",
            ImapState::Logout => "Logout",
        })
    }
}

/// What happened inside the server, for the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ServerEvent {
    CommandReceived {
        command: Command,
    },
    /// `key` is the explanation-table entry for this response.
    ResponseSent {
        first_line: String,
        key: &'static str,
    },
    StateChanged {
        from: ImapState,
        to: ImapState,
        event: &'static str,
    },
    LoggedIn {
        user: String,
    },
    LoginFailed {
        user: String,
    },
    Selected {
        folder: String,
        read_only: bool,
        exists: usize,
    },
    /// A message's flags changed through this session.
    FlagsChanged {
        folder: String,
        uid: u32,
        flags: Flags,
    },
    /// A message's body was sent (FETCH BODY[] and friends).
    Fetched {
        folder: String,
        uid: u32,
        seen_set: bool,
    },
    Appended {
        folder: String,
        uid: u32,
    },
    Copied {
        from: String,
        to: String,
        uids: Vec<u32>,
    },
    Expunged {
        folder: String,
        uids: Vec<u32>,
    },
    FolderCreated {
        folder: String,
    },
    FolderDeleted {
        folder: String,
    },
    FolderRenamed {
        from: String,
        to: String,
    },
    IdleStarted,
    IdleEnded,
    ProtocolError {
        key: &'static str,
        detail: String,
    },
    Closing,
}

/// One response the session sent: its explanation key and its length in
/// the bytes of `poll_output` (responses follow each other in order, so a
/// driver can cut the bytes into responses with these lengths).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentResponse {
    pub key: &'static str,
    pub len: usize,
}

/// The selected mailbox as this session knows it: its own sequence
/// numbers (§2.3.1.2) and the flags it last reported.
#[derive(Debug)]
struct View {
    folder: String,
    read_only: bool,
    uidvalidity: u32,
    uids: Vec<u32>,
    flags: Vec<Flags>,
    /// Highest UID announced with EXISTS.
    max_uid: u32,
}

/// What the next input line is.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Command,
    /// The SASL PLAIN response after `+ ` (tag of the AUTHENTICATE).
    SaslResponse(String),
    /// `DONE` (tag of the IDLE).
    Done(String),
}

/// One IMAP connection, server side.
#[derive(Debug)]
pub struct ServerSession {
    config: Arc<ServerConfig>,
    state: ImapState,
    expect: Expect,
    user: Option<String>,
    failed_logins: u32,
    view: Option<View>,
    /// `ENABLE IMAP4rev2` was sent.
    rev2: bool,
    /// The command being received: its lines and literals.
    buf: Vec<u8>,
    /// Where the current line starts in `buf`.
    line_start: usize,
    /// Literal octets still to come into `buf`.
    literal_left: usize,
    /// Dropping an over-long line (or a too-big literal, then its line).
    discarding: bool,
    discard_literal: usize,
    /// The BAD to send once the discarded line ends: (tag, text, key).
    discard_reply: Option<(Option<String>, String, &'static str)>,
    out: Vec<u8>,
    sent: VecDeque<SentResponse>,
    events: VecDeque<ServerEvent>,
    wire_events: bool,
    last_activity: SimTime,
}

impl ServerSession {
    /// A new connection; the greeting is queued at once (§7.1.1).
    pub fn new(config: Arc<ServerConfig>, now: SimTime) -> Self {
        let mut s = ServerSession {
            config,
            state: ImapState::NotAuthenticated,
            expect: Expect::Command,
            user: None,
            failed_logins: 0,
            view: None,
            rev2: false,
            buf: Vec::new(),
            line_start: 0,
            literal_left: 0,
            discarding: false,
            discard_literal: 0,
            discard_reply: None,
            out: Vec::new(),
            sent: VecDeque::new(),
            events: VecDeque::new(),
            wire_events: true,
            last_activity: now,
        };
        let text = format!("{} IMAP4rev2 server ready", s.config.hostname);
        s.status(
            None,
            Status::Ok,
            Some(Code::Capability(CAPABILITIES.into())),
            &text,
            "imap.ok.greeting",
        );
        s
    }

    pub fn state(&self) -> ImapState {
        self.state
    }
    pub fn is_closed(&self) -> bool {
        self.state == ImapState::Logout
    }
    pub fn is_idling(&self) -> bool {
        matches!(self.expect, Expect::Done(_))
    }
    /// The logged-in user, if any.
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }
    /// The selected folder, if any.
    pub fn selected(&self) -> Option<&str> {
        self.view.as_ref().map(|v| v.folder.as_str())
    }
    /// Off: no `CommandReceived`/`ResponseSent` events.
    pub fn set_wire_events(&mut self, on: bool) {
        self.wire_events = on;
    }

    pub fn poll_output(&mut self) -> Option<Vec<u8>> {
        (!self.out.is_empty()).then(|| std::mem::take(&mut self.out))
    }
    pub fn poll_event(&mut self) -> Option<ServerEvent> {
        self.events.pop_front()
    }
    /// The next response's key and length, in the order of the bytes.
    pub fn poll_response(&mut self) -> Option<SentResponse> {
        self.sent.pop_front()
    }
    /// When the autologout timer fires, unless input comes first.
    pub fn poll_timeout(&self) -> Option<SimTime> {
        (!self.is_closed()).then(|| self.last_activity + self.config.idle_timeout)
    }

    /// Autologout (§5.4): `* BYE` and close.
    pub fn handle_timeout(&mut self, now: SimTime, _store: &mut dyn Mailstore) {
        match self.poll_timeout() {
            Some(deadline) if now >= deadline => {
                let text = format!("autologout: no command for {}", self.config.idle_timeout);
                self.events.push_back(ServerEvent::ProtocolError {
                    key: "imap.bye.autologout",
                    detail: text.clone(),
                });
                self.status(None, Status::Bye, None, &text, "imap.bye.autologout");
                self.close("autologout timer");
            }
            _ => {}
        }
    }

    /// The client dropped the connection. Nothing is expunged: only
    /// EXPUNGE, CLOSE and MOVE remove messages (§6.4.2).
    pub fn handle_close(&mut self, _now: SimTime, _store: &mut dyn Mailstore) {
        if self.is_closed() {
            return;
        }
        self.events.push_back(ServerEvent::ProtocolError {
            key: "imap.bye.connection_lost",
            detail: "connection lost before LOGOUT; nothing is expunged".into(),
        });
        self.close("connection lost");
    }

    /// A mailbox changed outside this session (new mail, another session's
    /// STORE or EXPUNGE). While idling, the client hears at once (RFC 2177);
    /// otherwise it hears with its next command.
    pub fn handle_store_changed(&mut self, _now: SimTime, store: &mut dyn Mailstore) {
        if self.is_idling() {
            self.sync(store, true);
        }
    }

    /// Bytes from the client; commands are handled as they complete.
    pub fn handle_input(&mut self, now: SimTime, bytes: &[u8], store: &mut dyn Mailstore) {
        if self.is_closed() {
            return;
        }
        self.last_activity = now;
        let mut input = bytes;
        while !input.is_empty() && !self.is_closed() {
            if self.discard_literal > 0 {
                let n = self.discard_literal.min(input.len());
                self.discard_literal -= n;
                input = &input[n..];
                continue;
            }
            if self.literal_left > 0 {
                let n = self.literal_left.min(input.len());
                self.buf.extend_from_slice(&input[..n]);
                self.literal_left -= n;
                input = &input[n..];
                self.line_start = self.buf.len();
                continue;
            }
            let (part, complete) = match memchr::memchr(b'\n', input) {
                Some(i) => (&input[..=i], true),
                None => (input, false),
            };
            input = &input[part.len()..];
            self.take_line_part(part, complete, store);
        }
    }

    fn take_line_part(&mut self, part: &[u8], complete: bool, store: &mut dyn Mailstore) {
        let max = self.config.max_line;
        if !self.discarding && self.buf.len() - self.line_start + part.len() > max {
            // The tag is read from the line's first `max` octets, however
            // many of them had arrived before this part (else the reply's
            // tag depended on how the input was split).
            let mut head = self.buf[..self.buf.len().min(max)].to_vec();
            let room = max - head.len();
            head.extend_from_slice(&part[..part.len().min(room)]);
            let tag = peek_keyword(&head).map(|t| t.0);
            self.discard(
                tag,
                format!("line too long (more than {max} octets)"),
                "imap.bad.line_too_long",
            );
        }
        if self.discarding {
            if complete {
                self.discarding = false;
                if let Some((tag, text, key)) = self.discard_reply.take() {
                    self.events.push_back(ServerEvent::ProtocolError {
                        key,
                        detail: text.clone(),
                    });
                    self.status(tag.as_deref(), Status::Bad, None, &text, key);
                }
            }
            return;
        }
        self.buf.extend_from_slice(part);
        if !complete {
            return;
        }
        // The line without its CRLF.
        let mut end = self.buf.len() - 1;
        if end > self.line_start && self.buf[end - 1] == b'\r' {
            end -= 1;
        }
        if self.expect == Expect::Command {
            if let Some((n, sync)) = literal_size(&self.buf[self.line_start..end]) {
                return self.literal_announced(n, sync, end);
            }
        }
        let mut whole = std::mem::take(&mut self.buf);
        whole.truncate(end);
        self.line_start = 0;
        self.handle_line(&whole, store);
    }

    /// A line ended with `{n}` or `{n+}`: check the size (and the state,
    /// so a refused command costs no literal), then wait for the octets.
    fn literal_announced(&mut self, n: usize, sync: bool, line_end: usize) {
        let head = self.buf[..line_end].to_vec();
        let peek = peek_keyword(&head);
        let tag = peek.as_ref().map(|p| p.0.clone());
        let too_big = self.buf.len() + n > self.config.max_literal;
        if too_big {
            let text = format!(
                "literal too big: at most {} octets",
                self.config.max_literal
            );
            self.buf.clear();
            self.line_start = 0;
            if sync {
                // The client waits for "+", so it sends nothing more.
                self.status(
                    tag.as_deref(),
                    Status::No,
                    Some(Code::TooBig),
                    &text,
                    "imap.no.too_big",
                );
            } else {
                self.discard_literal = n;
                self.discarding = true;
                self.discard_reply =
                    Some((tag, format!("[TOOBIG] {text}"), "imap.bad.literal_too_big"));
            }
            return;
        }
        if sync {
            if let Some((tag, kw)) = &peek {
                if KEYWORDS.contains(&kw.as_str()) && !self.state.allows(kw) {
                    let (tag, kw) = (tag.clone(), kw.clone());
                    self.buf.clear();
                    self.line_start = 0;
                    return self.wrong_state(&tag, &kw);
                }
            }
            self.cont("ready for the literal", "imap.cont.literal");
        }
        self.literal_left = n;
        if n == 0 {
            self.line_start = self.buf.len();
        }
    }

    fn discard(&mut self, tag: Option<String>, text: String, key: &'static str) {
        self.discarding = true;
        self.buf.clear();
        self.line_start = 0;
        self.discard_reply = Some((tag, text, key));
    }

    fn handle_line(&mut self, line: &[u8], store: &mut dyn Mailstore) {
        match std::mem::replace(&mut self.expect, Expect::Command) {
            Expect::SaslResponse(tag) => return self.sasl_response(&tag, line, store),
            Expect::Done(tag) => return self.idle_done(&tag, line, store),
            Expect::Command => {}
        }
        if line.is_empty() {
            let text = "empty line: a command is a tag, a space and the command, e.g. a1 NOOP";
            return self.status(None, Status::Bad, None, text, "imap.bad.empty_line");
        }
        // The state first: a known command in the wrong state is refused
        // whatever its arguments are.
        if let Some((tag, kw)) = peek_keyword(line) {
            if KEYWORDS.contains(&kw.as_str()) && !self.state.allows(&kw) {
                return self.wrong_state(&tag, &kw);
            }
        }
        match command::parse(line) {
            Ok(cmd) => {
                if self.wire_events {
                    self.events.push_back(ServerEvent::CommandReceived {
                        command: cmd.clone(),
                    });
                }
                self.dispatch(cmd, store);
            }
            Err(e) => {
                self.events.push_back(ServerEvent::ProtocolError {
                    key: e.key,
                    detail: e.text.clone(),
                });
                self.status(e.tag.as_deref(), Status::Bad, None, &e.text, e.key);
            }
        }
    }

    fn wrong_state(&mut self, tag: &str, kw: &str) {
        let valid = self.state.valid_commands().join(", ");
        let way = match self.state.way_to(kw) {
            Some(p) if !p.is_empty() => format!(" (first {})", p.join(", then ")),
            _ => String::new(),
        };
        let text = format!(
            "{kw} is not allowed in the {} state{way}; valid now: {valid}",
            self.state
        );
        self.events.push_back(ServerEvent::ProtocolError {
            key: "imap.bad.wrong_state",
            detail: text.clone(),
        });
        self.status(Some(tag), Status::Bad, None, &text, "imap.bad.wrong_state");
    }

    fn dispatch(&mut self, cmd: Command, store: &mut dyn Mailstore) {
        let Command { tag, body } = cmd;
        let kw = body.keyword();
        debug_assert!(self.state.allows(kw), "checked before parsing");
        let t = Some(tag.as_str());
        use CommandBody::{
            Append, Authenticate, Capability, Check, Close, Copy, Create, Delete, Enable, Examine,
            Expunge, Fetch, Idle, List, Login, Logout, Move, Noop, Rename, Search, Select, Store,
            UidExpunge, Unselect,
        };
        match body {
            Capability => {
                self.data(
                    format!("CAPABILITY {CAPABILITIES}").into_bytes(),
                    "imap.data.capability",
                );
                self.status(
                    t,
                    Status::Ok,
                    None,
                    "CAPABILITY completed",
                    "imap.ok.capability",
                );
            }
            Noop | Check => {
                self.sync(store, true);
                self.status(
                    t,
                    Status::Ok,
                    None,
                    &format!("{kw} completed"),
                    "imap.ok.noop",
                );
            }
            Logout => {
                let text = format!("{} IMAP4rev2 server logging out", self.config.hostname);
                self.status(None, Status::Bye, None, &text, "imap.bye.logout");
                self.status(t, Status::Ok, None, "LOGOUT completed", "imap.ok.logout");
                self.close("LOGOUT");
            }
            Login { user, pass } => self.login(&tag, user, &pass, "LOGIN", store),
            Authenticate { mechanism, initial } => {
                if mechanism != "PLAIN" {
                    let text = format!("{mechanism} is not offered; this server knows AUTH=PLAIN");
                    return self.status(
                        t,
                        Status::No,
                        Some(Code::Cannot),
                        &text,
                        "imap.no.mechanism",
                    );
                }
                match initial {
                    Some(i) => self.sasl_response(&tag, i.as_bytes(), store),
                    None => {
                        self.expect = Expect::SaslResponse(tag);
                        self.cont("", "imap.cont.sasl");
                    }
                }
            }
            Enable(exts) => {
                let mut on = Vec::new();
                for e in exts {
                    if e.eq_ignore_ascii_case("IMAP4rev2") && !self.rev2 {
                        self.rev2 = true;
                        on.push("IMAP4rev2");
                    }
                }
                let mut d = b"ENABLED".to_vec();
                for e in on {
                    d.push(b' ');
                    d.extend_from_slice(e.as_bytes());
                }
                self.data(d, "imap.data.enabled");
                self.status(t, Status::Ok, None, "ENABLE completed", "imap.ok.enable");
            }
            Select(m) => self.select(&tag, &m, false, store),
            Examine(m) => self.select(&tag, &m, true, store),
            Create(m) => self.create(&tag, &m, store),
            Delete(m) => self.delete(&tag, &m, store),
            Rename { from, to } => self.rename(&tag, &from, &to, store),
            List { reference, pattern } => self.list(&tag, &reference, &pattern, store),
            CommandBody::Status { mailbox, items } => {
                self.status_cmd(&tag, &mailbox, &items, store)
            }
            Append {
                mailbox,
                flags,
                date,
                message,
            } => self.append(&tag, &mailbox, flags, date, message, store),
            Idle => {
                self.expect = Expect::Done(tag);
                self.events.push_back(ServerEvent::IdleStarted);
                self.cont("idling, send DONE to stop", "imap.cont.idle");
                self.sync(store, true);
            }
            Close => {
                let mut text = "CLOSE completed".to_string();
                if let Some(v) = &self.view {
                    if !v.read_only {
                        let (user, folder) = (self.user_name(), v.folder.clone());
                        let uids = deleted_uids(store.folder(&user, &folder));
                        match store.expunge(&user, &folder, &uids) {
                            Ok(gone) if !gone.is_empty() => {
                                self.events.push_back(ServerEvent::Expunged { folder, uids: gone })
                            }
                            Ok(_) => {}
                            Err(_) => {
                                text = "CLOSE completed; messages marked \\Deleted stay because a POP3 session holds the mailbox".into()
                            }
                        }
                    }
                }
                self.view = None;
                self.status(t, Status::Ok, None, &text, "imap.ok.close");
                self.set_state(ImapState::Authenticated, "CLOSE");
            }
            Unselect => {
                self.view = None;
                self.status(
                    t,
                    Status::Ok,
                    None,
                    "UNSELECT completed",
                    "imap.ok.unselect",
                );
                self.set_state(ImapState::Authenticated, "UNSELECT");
            }
            Expunge => self.expunge(&tag, None, store),
            UidExpunge(set) => self.expunge(&tag, Some(set), store),
            Search { uid, charset, keys } => self.search(&tag, uid, charset, &keys, store),
            Fetch { uid, set, items } => self.fetch(&tag, uid, &set, &items, store),
            Store {
                uid,
                set,
                mode,
                silent,
                flags,
            } => self.store_flags(&tag, uid, &set, mode, silent, flags, store),
            Copy { uid, set, mailbox } => self.copy(&tag, uid, &set, &mailbox, false, store),
            Move { uid, set, mailbox } => self.copy(&tag, uid, &set, &mailbox, true, store),
        }
    }

    fn user_name(&self) -> String {
        self.user.clone().unwrap_or_default()
    }

    fn login(
        &mut self,
        tag: &str,
        user: String,
        pass: &str,
        via: &'static str,
        store: &mut dyn Mailstore,
    ) {
        if store.check_password(&user, pass) {
            self.events
                .push_back(ServerEvent::LoggedIn { user: user.clone() });
            self.user = Some(user);
            let text = format!("{via} completed, you are logged in");
            let code = Code::Capability(CAPABILITIES.into());
            self.status(
                Some(tag),
                Status::Ok,
                Some(code),
                &text,
                "imap.ok.logged_in",
            );
            self.set_state(ImapState::Authenticated, via);
            return;
        }
        self.failed_logins += 1;
        self.events.push_back(ServerEvent::LoginFailed { user });
        let text = "invalid user name or password";
        self.status(
            Some(tag),
            Status::No,
            Some(Code::AuthenticationFailed),
            text,
            "imap.no.auth_failed",
        );
        let max = self.config.max_failed_logins;
        if max > 0 && self.failed_logins >= max {
            self.status(
                None,
                Status::Bye,
                None,
                "too many failed logins, closing",
                "imap.bye.too_many_failures",
            );
            self.close("too many failed logins");
        }
    }

    /// The client's answer to `+ ` after AUTHENTICATE PLAIN (RFC 4616):
    /// base64 of `authzid NUL authcid NUL password`; `*` cancels.
    fn sasl_response(&mut self, tag: &str, line: &[u8], store: &mut dyn Mailstore) {
        let t = Some(tag);
        if line == b"*" {
            return self.status(
                t,
                Status::Bad,
                None,
                "AUTHENTICATE cancelled",
                "imap.bad.auth_cancelled",
            );
        }
        let decoded = base64::engine::general_purpose::STANDARD.decode(line.trim_ascii());
        let Ok(decoded) = decoded else {
            let text = "the PLAIN response must be base64 (see the telnet pane's b64 helper)";
            return self.status(t, Status::Bad, None, text, "imap.bad.base64");
        };
        let parts: Vec<&[u8]> = decoded.split(|&b| b == 0).collect();
        let [authz, user, pass] = parts.as_slice() else {
            let text = "the PLAIN response is authzid, NUL, user name, NUL, password";
            return self.status(t, Status::Bad, None, text, "imap.bad.base64");
        };
        let user = String::from_utf8_lossy(user).into_owned();
        if !authz.is_empty() && *authz != user.as_bytes() {
            let text = "you may only log in as yourself";
            return self.status(
                t,
                Status::No,
                Some(Code::AuthorizationFailed),
                text,
                "imap.no.authz",
            );
        }
        let pass = String::from_utf8_lossy(pass).into_owned();
        self.login(tag, user, &pass, "AUTHENTICATE", store);
    }

    fn idle_done(&mut self, tag: &str, line: &[u8], store: &mut dyn Mailstore) {
        self.events.push_back(ServerEvent::IdleEnded);
        if line.eq_ignore_ascii_case(b"DONE") {
            self.sync(store, true);
            self.status(
                Some(tag),
                Status::Ok,
                None,
                "IDLE terminated",
                "imap.ok.idle",
            );
        } else {
            let text = "expected DONE to end IDLE; IDLE ended";
            self.status(Some(tag), Status::Bad, None, text, "imap.bad.expected_done");
        }
    }

    fn select(&mut self, tag: &str, name: &str, read_only: bool, store: &mut dyn Mailstore) {
        let kw = if read_only { "EXAMINE" } else { "SELECT" };
        let was_selected = self.view.take().is_some();
        if was_selected {
            // §7.1: the old mailbox is closed (without expunging) first.
            self.status(
                None,
                Status::Ok,
                Some(Code::Closed),
                "previous mailbox closed",
                "imap.ok.closed",
            );
        }
        let user = self.user_name();
        let Some(f) = store.folder(&user, name) else {
            let text = format!("no mailbox called \"{name}\"; LIST shows the ones there are");
            self.status(
                Some(tag),
                Status::No,
                Some(Code::Nonexistent),
                &text,
                "imap.no.nonexistent",
            );
            return self.set_state(ImapState::Authenticated, kw);
        };
        let view = View {
            folder: f.name.clone(),
            read_only,
            uidvalidity: f.uidvalidity,
            uids: f.messages.iter().map(|m| m.uid).collect(),
            flags: f.messages.iter().map(|m| m.flags).collect(),
            max_uid: f.uidnext.saturating_sub(1),
        };
        let (exists, uidvalidity, uidnext) = (f.messages.len(), f.uidvalidity, f.uidnext);
        let first_unseen = f
            .messages
            .iter()
            .position(|m| !m.flags.contains(Flags::SEEN));
        let (folder, special) = (f.name.clone(), f.special_use);
        self.data(format!("{exists} EXISTS").into_bytes(), "imap.data.exists");
        if !self.rev2 {
            self.data(b"0 RECENT".to_vec(), "imap.data.recent");
        }
        self.data(
            b"FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)".to_vec(),
            "imap.data.flags",
        );
        let perm = if read_only {
            ""
        } else {
            "\\Seen \\Answered \\Flagged \\Deleted \\Draft"
        };
        let text = if read_only {
            "no flags can be changed (EXAMINE)"
        } else {
            "these flags can be changed"
        };
        self.status(
            None,
            Status::Ok,
            Some(Code::PermanentFlags(perm.into())),
            text,
            "imap.ok.permanentflags",
        );
        if let (false, Some(i)) = (self.rev2, first_unseen) {
            let text = format!("message {} is the first unseen", i + 1);
            self.status(
                None,
                Status::Ok,
                Some(Code::Unseen(i as u32 + 1)),
                &text,
                "imap.ok.unseen",
            );
        }
        self.status(
            None,
            Status::Ok,
            Some(Code::UidValidity(uidvalidity)),
            "UIDs valid",
            "imap.ok.uidvalidity",
        );
        self.status(
            None,
            Status::Ok,
            Some(Code::UidNext(uidnext)),
            "predicted next UID",
            "imap.ok.uidnext",
        );
        if self.rev2 {
            let line = format!("LIST ({special}) \"/\" {}", command::quote(&folder));
            self.data(line.into_bytes(), "imap.data.list");
        }
        self.view = Some(view);
        let (code, key) = if read_only {
            (Code::ReadOnly, "imap.ok.examine")
        } else {
            (Code::ReadWrite, "imap.ok.select")
        };
        self.status(
            Some(tag),
            Status::Ok,
            Some(code),
            &format!("{kw} completed"),
            key,
        );
        self.events.push_back(ServerEvent::Selected {
            folder,
            read_only,
            exists,
        });
        self.set_state(ImapState::Selected, kw);
    }

    fn store_error(&mut self, tag: &str, e: StoreError, name: &str) {
        let t = Some(tag);
        match e {
            StoreError::NoSuchFolder => {
                let text = format!("no mailbox called \"{name}\"");
                self.status(
                    t,
                    Status::No,
                    Some(Code::Nonexistent),
                    &text,
                    "imap.no.nonexistent",
                )
            }
            StoreError::AlreadyExists => {
                let text = format!("a mailbox called \"{name}\" already exists");
                self.status(
                    t,
                    Status::No,
                    Some(Code::AlreadyExists),
                    &text,
                    "imap.no.already_exists",
                )
            }
            StoreError::Protected => {
                let text = "INBOX cannot be deleted";
                self.status(t, Status::No, Some(Code::Cannot), text, "imap.no.inbox")
            }
            StoreError::Locked => {
                let text =
                    "a POP3 session holds this mailbox; messages cannot be removed until it ends";
                self.status(t, Status::No, Some(Code::InUse), text, "imap.no.in_use")
            }
        }
    }

    fn create(&mut self, tag: &str, name: &str, store: &mut dyn Mailstore) {
        let name = name.strip_suffix('/').unwrap_or(name);
        if name.is_empty()
            || name.starts_with('/')
            || name.contains(['*', '%'])
            || name.contains("//")
        {
            let text = format!("\"{name}\" is not a valid mailbox name (no *, % or empty parts)");
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::Cannot),
                &text,
                "imap.no.bad_name",
            );
        }
        let user = self.user_name();
        match store.create(&user, name) {
            Ok(()) => {
                let folder = canonical_name(name).to_string();
                self.events.push_back(ServerEvent::FolderCreated { folder });
                self.done(tag, "CREATE completed", "imap.ok.create", store);
            }
            Err(e) => self.store_error(tag, e, name),
        }
    }

    fn delete(&mut self, tag: &str, name: &str, store: &mut dyn Mailstore) {
        if self.selected() == Some(canonical_name(name)) {
            let text = "cannot delete the selected mailbox; CLOSE it first";
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::InUse),
                text,
                "imap.no.selected",
            );
        }
        let user = self.user_name();
        match store.delete(&user, name) {
            Ok(()) => {
                self.events.push_back(ServerEvent::FolderDeleted {
                    folder: canonical_name(name).into(),
                });
                self.done(tag, "DELETE completed", "imap.ok.delete", store);
            }
            Err(e) => self.store_error(tag, e, name),
        }
    }

    fn rename(&mut self, tag: &str, from: &str, to: &str, store: &mut dyn Mailstore) {
        if self.selected() == Some(canonical_name(from)) {
            let text = "cannot rename the selected mailbox; CLOSE it first";
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::InUse),
                text,
                "imap.no.selected",
            );
        }
        let user = self.user_name();
        let result = store.rename(&user, from, to);
        match result {
            Ok(()) => {
                let (from, to) = (canonical_name(from).into(), canonical_name(to).into());
                self.events
                    .push_back(ServerEvent::FolderRenamed { from, to });
                self.done(tag, "RENAME completed", "imap.ok.rename", store);
            }
            Err(StoreError::AlreadyExists) => self.store_error(tag, StoreError::AlreadyExists, to),
            Err(e) => self.store_error(tag, e, from),
        }
    }

    fn list(&mut self, tag: &str, reference: &str, pattern: &str, store: &mut dyn Mailstore) {
        if pattern.is_empty() {
            // §6.3.9: the hierarchy delimiter and the root.
            self.data(b"LIST (\\Noselect) \"/\" \"\"".to_vec(), "imap.data.list");
            return self.done(tag, "LIST completed", "imap.ok.list", store);
        }
        let full = format!("{reference}{pattern}");
        let user = self.user_name();
        let names = store.folder_names(&user);
        for name in &names {
            if !wildcard_match(full.as_bytes(), name.as_bytes(), name == "INBOX") {
                continue;
            }
            let children = names.iter().any(|n| {
                n.len() > name.len() + 1
                    && n.starts_with(name.as_str())
                    && n.as_bytes()[name.len()] == b'/'
            });
            let mut attrs = if children {
                "\\HasChildren".to_string()
            } else {
                "\\HasNoChildren".to_string()
            };
            if let Some(f) = store.folder(&user, name) {
                if !f.special_use.is_empty() {
                    attrs.push(' ');
                    attrs.push_str(f.special_use);
                }
            }
            let line = format!("LIST ({attrs}) \"/\" {}", command::quote(name));
            self.data(line.into_bytes(), "imap.data.list");
        }
        self.done(tag, "LIST completed", "imap.ok.list", store);
    }

    fn status_cmd(
        &mut self,
        tag: &str,
        name: &str,
        items: &[StatusItem],
        store: &mut dyn Mailstore,
    ) {
        let user = self.user_name();
        let Some(f) = store.folder(&user, name) else {
            return self.store_error(tag, StoreError::NoSuchFolder, name);
        };
        let mut parts = Vec::new();
        for &i in items {
            let n = match i {
                StatusItem::Messages => f.messages.len() as u64,
                StatusItem::UidNext => f.uidnext.into(),
                StatusItem::UidValidity => f.uidvalidity.into(),
                StatusItem::Unseen => f.unseen() as u64,
                StatusItem::Deleted => deleted_uids(Some(f)).len() as u64,
                StatusItem::Size => f.messages.iter().map(|m| m.data.len() as u64).sum(),
                StatusItem::Recent => 0,
            };
            parts.push(format!("{} {n}", i.name()));
        }
        let line = format!("STATUS {} ({})", command::quote(&f.name), parts.join(" "));
        self.data(line.into_bytes(), "imap.data.status");
        self.done(tag, "STATUS completed", "imap.ok.status", store);
    }

    fn append(
        &mut self,
        tag: &str,
        name: &str,
        flags: Flags,
        date: Option<String>,
        message: Vec<u8>,
        store: &mut dyn Mailstore,
    ) {
        let user = self.user_name();
        if store.folder(&user, name).is_none() {
            let text = format!("no mailbox called \"{name}\"; CREATE it first");
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::TryCreate),
                &text,
                "imap.no.trycreate",
            );
        }
        let date = date.unwrap_or_else(|| imap_date(self.last_activity));
        match store.append(&user, name, message, flags, date) {
            Ok((uidvalidity, uid)) => {
                let folder = canonical_name(name).to_string();
                self.events.push_back(ServerEvent::Appended { folder, uid });
                self.sync(store, true);
                let code = Code::AppendUid { uidvalidity, uid };
                self.status(
                    Some(tag),
                    Status::Ok,
                    Some(code),
                    "APPEND completed",
                    "imap.ok.append",
                );
            }
            Err(e) => self.store_error(tag, e, name),
        }
    }

    /// Sequence numbers (1-based) of the view matching `set`.
    fn resolve(&self, set: &SequenceSet, uid: bool) -> Vec<usize> {
        let Some(v) = &self.view else {
            return Vec::new();
        };
        if uid {
            let largest = v.uids.last().copied().unwrap_or(0);
            (0..v.uids.len())
                .filter(|&i| set.contains(v.uids[i], largest))
                .map(|i| i + 1)
                .collect()
        } else {
            let n = v.uids.len() as u32;
            (1..=n)
                .filter(|&i| set.contains(i, n))
                .map(|i| i as usize)
                .collect()
        }
    }

    /// A message number beyond the mailbox is an error for the non-UID
    /// forms (§6.4.5: "BAD - invalid sequence set"); UID sets may name
    /// UIDs that are gone.
    fn check_seq(&mut self, tag: &str, set: &SequenceSet, uid: bool) -> bool {
        if uid {
            return true;
        }
        let n = self.view.as_ref().map_or(0, |v| v.uids.len() as u32);
        let bad = set.0.iter().any(|&(a, b)| {
            [a, b]
                .iter()
                .any(|x| matches!(x, command::SeqNum::Value(v) if *v > n))
                || (n == 0 && [a, b].contains(&command::SeqNum::Star))
        });
        if bad {
            let text = match n {
                0 => "no such message: the mailbox is empty".to_string(),
                1 => "no such message: only message 1 exists".to_string(),
                n => format!("no such message: messages are numbered 1 to {n}"),
            };
            self.status(
                Some(tag),
                Status::Bad,
                None,
                &text,
                "imap.bad.no_such_message",
            );
        }
        !bad
    }

    fn fetch(
        &mut self,
        tag: &str,
        uid: bool,
        set: &SequenceSet,
        items: &[FetchItem],
        store: &mut dyn Mailstore,
    ) {
        if !self.check_seq(tag, set, uid) {
            return;
        }
        let seqs = self.resolve(set, uid);
        let user = self.user_name();
        let (folder, read_only) = match &self.view {
            Some(v) => (v.folder.clone(), v.read_only),
            None => return,
        };
        let sets_seen = !read_only
            && items.iter().any(|i| {
                matches!(
                    i,
                    FetchItem::Section { peek: false, .. }
                        | FetchItem::Rfc822
                        | FetchItem::Rfc822Text
                )
            });
        let body_sent = items.iter().any(|i| {
            matches!(
                i,
                FetchItem::Section { .. }
                    | FetchItem::Rfc822
                    | FetchItem::Rfc822Text
                    | FetchItem::Rfc822Header
            )
        });
        for seq in seqs {
            let msg_uid = self.view.as_ref().map_or(0, |v| v.uids[seq - 1]);
            let Some(mut flags) = store
                .folder(&user, &folder)
                .and_then(|f| f.get(msg_uid))
                .map(|m| m.flags)
            else {
                continue; // expunged by another session, not yet reported
            };
            let mut seen_set = false;
            if sets_seen && !flags.contains(Flags::SEEN) {
                flags = flags.union(Flags::SEEN);
                store.set_flags(&user, &folder, msg_uid, flags);
                seen_set = true;
                self.events.push_back(ServerEvent::FlagsChanged {
                    folder: folder.clone(),
                    uid: msg_uid,
                    flags,
                });
            }
            if let Some(v) = &mut self.view {
                v.flags[seq - 1] = flags;
            }
            let Some(m) = store.folder(&user, &folder).and_then(|f| f.get(msg_uid)) else {
                continue;
            };
            let mut out = format!("{seq} FETCH (").into_bytes();
            let mut first = true;
            let mut sep = |out: &mut Vec<u8>| {
                if !first {
                    out.push(b' ');
                }
                first = false;
            };
            if uid && !items.contains(&FetchItem::Uid) {
                sep(&mut out);
                out.extend_from_slice(format!("UID {}", m.uid).as_bytes());
            }
            for item in items {
                sep(&mut out);
                fetch_item(&mut out, item, m);
            }
            if seen_set && !items.contains(&FetchItem::Flags) {
                sep(&mut out);
                out.extend_from_slice(format!("FLAGS ({})", m.flags).as_bytes());
            }
            out.push(b')');
            self.data(out, "imap.data.fetch");
            if body_sent {
                self.events.push_back(ServerEvent::Fetched {
                    folder: folder.clone(),
                    uid: msg_uid,
                    seen_set,
                });
            }
        }
        self.sync(store, uid);
        self.status(
            Some(tag),
            Status::Ok,
            None,
            &format!("{}FETCH completed", if uid { "UID " } else { "" }),
            "imap.ok.fetch",
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn store_flags(
        &mut self,
        tag: &str,
        uid: bool,
        set: &SequenceSet,
        mode: StoreMode,
        silent: bool,
        flags: Flags,
        store: &mut dyn Mailstore,
    ) {
        if !self.check_seq(tag, set, uid) {
            return;
        }
        let Some(v) = &self.view else { return };
        if v.read_only {
            let text = "the mailbox is read-only (EXAMINE); SELECT it to change flags";
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::ReadOnly),
                text,
                "imap.no.read_only",
            );
        }
        let folder = v.folder.clone();
        let user = self.user_name();
        for seq in self.resolve(set, uid) {
            let msg_uid = self.view.as_ref().map_or(0, |v| v.uids[seq - 1]);
            let Some(old) = store
                .folder(&user, &folder)
                .and_then(|f| f.get(msg_uid))
                .map(|m| m.flags)
            else {
                continue;
            };
            let new = match mode {
                StoreMode::Replace => flags,
                StoreMode::Add => old.union(flags),
                StoreMode::Remove => old.minus(flags),
            };
            if new != old {
                store.set_flags(&user, &folder, msg_uid, new);
                self.events.push_back(ServerEvent::FlagsChanged {
                    folder: folder.clone(),
                    uid: msg_uid,
                    flags: new,
                });
            }
            if let Some(v) = &mut self.view {
                v.flags[seq - 1] = new;
            }
            if !silent {
                let line = if uid {
                    format!("{seq} FETCH (UID {msg_uid} FLAGS ({new}))")
                } else {
                    format!("{seq} FETCH (FLAGS ({new}))")
                };
                self.data(line.into_bytes(), "imap.data.fetch");
            }
        }
        self.sync(store, uid);
        let text = format!("{}STORE completed", if uid { "UID " } else { "" });
        self.status(Some(tag), Status::Ok, None, &text, "imap.ok.store");
    }

    fn copy(
        &mut self,
        tag: &str,
        uid: bool,
        set: &SequenceSet,
        to: &str,
        is_move: bool,
        store: &mut dyn Mailstore,
    ) {
        if !self.check_seq(tag, set, uid) {
            return;
        }
        let Some(v) = &self.view else { return };
        let kw = match (uid, is_move) {
            (false, false) => "COPY",
            (true, false) => "UID COPY",
            (false, true) => "MOVE",
            (true, true) => "UID MOVE",
        };
        if is_move && v.read_only {
            let text = "the mailbox is read-only (EXAMINE); MOVE needs SELECT";
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::ReadOnly),
                text,
                "imap.no.read_only",
            );
        }
        let from = v.folder.clone();
        let user = self.user_name();
        if store.folder(&user, to).is_none() {
            let text = format!("no mailbox called \"{to}\"; CREATE it first");
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::TryCreate),
                &text,
                "imap.no.trycreate",
            );
        }
        let uids: Vec<u32> = self
            .resolve(set, uid)
            .iter()
            .map(|&s| self.view.as_ref().map_or(0, |v| v.uids[s - 1]))
            .collect();
        if is_move && !uids.is_empty() && store.is_locked(&user, &from) {
            // Refused before copying, so a refused MOVE leaves no copy.
            return self.store_error(tag, StoreError::Locked, &from);
        }
        let (uidvalidity, pairs) = match store.copy(&user, &from, &uids, to) {
            Ok(r) => r,
            Err(e) => return self.store_error(tag, e, to),
        };
        let to_name = canonical_name(to).to_string();
        self.events.push_back(ServerEvent::Copied {
            from: from.clone(),
            to: to_name,
            uids: pairs.iter().map(|p| p.0).collect(),
        });
        let code = (!pairs.is_empty()).then(|| Code::CopyUid {
            uidvalidity,
            from: SequenceSet::compact(&pairs.iter().map(|p| p.0).collect::<Vec<_>>()),
            to: SequenceSet::compact(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()),
        });
        let done = format!("{kw} completed");
        if !is_move {
            self.sync(store, uid);
            return self.status(Some(tag), Status::Ok, code, &done, "imap.ok.copy");
        }
        self.status(None, Status::Ok, code, "moved", "imap.ok.copyuid");
        let moved: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        match store.expunge(&user, &from, &moved) {
            Ok(gone) if !gone.is_empty() => self.events.push_back(ServerEvent::Expunged {
                folder: from,
                uids: gone,
            }),
            Ok(_) => {}
            Err(e) => return self.store_error(tag, e, &from),
        }
        self.sync(store, true);
        self.status(Some(tag), Status::Ok, None, &done, "imap.ok.move");
    }

    fn expunge(&mut self, tag: &str, only: Option<SequenceSet>, store: &mut dyn Mailstore) {
        let Some(v) = &self.view else { return };
        let kw = if only.is_some() {
            "UID EXPUNGE"
        } else {
            "EXPUNGE"
        };
        if v.read_only {
            let text = "the mailbox is read-only (EXAMINE); nothing expunged";
            return self.status(
                Some(tag),
                Status::No,
                Some(Code::ReadOnly),
                text,
                "imap.no.read_only",
            );
        }
        let folder = v.folder.clone();
        let user = self.user_name();
        let mut uids = deleted_uids(store.folder(&user, &folder));
        if let Some(set) = only {
            let largest = v.uids.last().copied().unwrap_or(0);
            uids.retain(|&u| set.contains(u, largest));
        }
        match store.expunge(&user, &folder, &uids) {
            Ok(gone) => {
                if !gone.is_empty() {
                    self.events
                        .push_back(ServerEvent::Expunged { folder, uids: gone });
                }
                self.sync(store, true);
                self.status(
                    Some(tag),
                    Status::Ok,
                    None,
                    &format!("{kw} completed"),
                    "imap.ok.expunge",
                );
            }
            Err(e) => self.store_error(tag, e, &folder),
        }
    }

    fn search(
        &mut self,
        tag: &str,
        uid: bool,
        charset: Option<String>,
        keys: &[SearchKey],
        store: &mut dyn Mailstore,
    ) {
        if let Some(c) = &charset {
            if c != "UTF-8" && c != "US-ASCII" {
                let text = format!("charset {c} is not supported");
                return self.status(
                    Some(tag),
                    Status::No,
                    Some(Code::BadCharset),
                    &text,
                    "imap.no.charset",
                );
            }
        }
        let user = self.user_name();
        let Some(v) = &self.view else { return };
        let Some(f) = store.folder(&user, &v.folder) else {
            return;
        };
        let n = v.uids.len() as u32;
        let largest_uid = v.uids.last().copied().unwrap_or(0);
        let mut hits = Vec::new();
        for (i, &u) in v.uids.iter().enumerate() {
            let Some(m) = f.get(u) else { continue };
            let ctx = Ctx {
                seq: i as u32 + 1,
                n,
                largest_uid,
                m,
            };
            if keys.iter().all(|k| matches(k, &ctx)) {
                hits.push(if uid { u } else { i as u32 + 1 });
            }
        }
        let line = if self.rev2 {
            let mut l = format!(
                "ESEARCH (TAG {}){}",
                quote_tag(tag),
                if uid { " UID" } else { "" }
            );
            if !hits.is_empty() {
                l.push_str(" ALL ");
                l.push_str(&SequenceSet::compact(&hits));
            }
            l
        } else {
            let mut l = "SEARCH".to_string();
            for h in &hits {
                l.push_str(&format!(" {h}"));
            }
            l
        };
        let key = if self.rev2 {
            "imap.data.esearch"
        } else {
            "imap.data.search"
        };
        self.data(line.into_bytes(), key);
        self.sync(store, uid);
        let text = format!(
            "{}SEARCH completed ({})",
            if uid { "UID " } else { "" },
            plural(hits.len(), "match", "matches")
        );
        self.status(Some(tag), Status::Ok, None, &text, "imap.ok.search");
    }

    /// Tells the client what changed in the selected mailbox since it last
    /// heard (§7.5.1): EXPUNGE for messages gone (only if `expunge_ok`),
    /// FETCH FLAGS for flags changed elsewhere, EXISTS for new messages.
    fn sync(&mut self, store: &dyn Mailstore, expunge_ok: bool) {
        let user = self.user_name();
        let Some(mut v) = self.view.take() else {
            return;
        };
        let Some(f) = store
            .folder(&user, &v.folder)
            .filter(|f| f.uidvalidity == v.uidvalidity)
        else {
            // Deleted or renamed under us: nothing more to report.
            self.view = Some(v);
            return;
        };
        if expunge_ok {
            let mut i = 0;
            while i < v.uids.len() {
                if f.get(v.uids[i]).is_none() {
                    v.uids.remove(i);
                    v.flags.remove(i);
                    self.data(
                        format!("{} EXPUNGE", i + 1).into_bytes(),
                        "imap.data.expunge",
                    );
                } else {
                    i += 1;
                }
            }
        }
        for i in 0..v.uids.len() {
            if let Some(m) = f.get(v.uids[i]) {
                if m.flags != v.flags[i] {
                    v.flags[i] = m.flags;
                    self.data(
                        format!("{} FETCH (FLAGS ({}))", i + 1, m.flags).into_bytes(),
                        "imap.data.fetch",
                    );
                }
            }
        }
        let new: Vec<&MailMessage> = f.messages.iter().filter(|m| m.uid > v.max_uid).collect();
        if !new.is_empty() {
            for m in new {
                v.uids.push(m.uid);
                v.flags.push(m.flags);
                v.max_uid = m.uid;
            }
            self.data(
                format!("{} EXISTS", v.uids.len()).into_bytes(),
                "imap.data.exists",
            );
        }
        self.view = Some(v);
    }

    /// Tagged OK after a command that changes no messages of the view.
    fn done(&mut self, tag: &str, text: &str, key: &'static str, store: &mut dyn Mailstore) {
        self.sync(store, true);
        self.status(Some(tag), Status::Ok, None, text, key);
    }

    fn close(&mut self, event: &'static str) {
        self.view = None;
        self.expect = Expect::Command;
        self.set_state(ImapState::Logout, event);
        self.events.push_back(ServerEvent::Closing);
    }

    fn set_state(&mut self, to: ImapState, event: &'static str) {
        let from = self.state;
        if from != to {
            debug_assert!(
                TRANSITIONS.contains(&(from, event, to)),
                "IMAP server: {from:?} -{event}-> {to:?} is not a row of TRANSITIONS"
            );
            self.state = to;
            self.events
                .push_back(ServerEvent::StateChanged { from, to, event });
        }
    }

    fn push(&mut self, r: Response, key: &'static str) {
        let before = self.out.len();
        r.write_wire(&mut self.out);
        self.sent.push_back(SentResponse {
            key,
            len: self.out.len() - before,
        });
        if self.wire_events {
            let end =
                memchr::memchr(b'\r', &self.out[before..]).map_or(self.out.len(), |i| before + i);
            let first_line = String::from_utf8_lossy(&self.out[before..end]).into_owned();
            self.events
                .push_back(ServerEvent::ResponseSent { first_line, key });
        }
    }

    fn status(
        &mut self,
        tag: Option<&str>,
        status: Status,
        code: Option<Code>,
        text: &str,
        key: &'static str,
    ) {
        let r = Response::Status {
            tag: tag.map(str::to_string),
            status,
            code,
            text: text.to_string(),
        };
        self.push(r, key);
    }

    fn data(&mut self, d: Vec<u8>, key: &'static str) {
        self.push(Response::Data(d), key);
    }

    fn cont(&mut self, text: &str, key: &'static str) {
        self.push(Response::Continue(text.into()), key);
    }
}

fn deleted_uids(f: Option<&Folder>) -> Vec<u32> {
    f.map(|f| {
        f.messages
            .iter()
            .filter(|m| m.flags.contains(Flags::DELETED))
            .map(|m| m.uid)
            .collect()
    })
    .unwrap_or_default()
}

fn quote_tag(tag: &str) -> String {
    format!("\"{}\"", tag.replace('\\', "\\\\").replace('"', "\\\""))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `%` matches anything but the delimiter, `*` anything (§6.3.9); INBOX
/// matches case-insensitively.
fn wildcard_match(pat: &[u8], name: &[u8], ci: bool) -> bool {
    match pat.first() {
        None => name.is_empty(),
        Some(b'*') => (0..=name.len()).any(|i| wildcard_match(&pat[1..], &name[i..], ci)),
        Some(b'%') => (0..=name.len())
            .take_while(|&i| i == 0 || name[i - 1] != b'/')
            .any(|i| wildcard_match(&pat[1..], &name[i..], ci)),
        Some(&c) => match name.first() {
            Some(&d) if c == d || (ci && c.eq_ignore_ascii_case(&d)) => {
                wildcard_match(&pat[1..], &name[1..], ci)
            }
            _ => false,
        },
    }
}

/// The INTERNALDATE of virtual time `t`: `23-Nov-2026 09:00:00 +0000`.
pub fn imap_date(t: SimTime) -> String {
    // From "Mon, 23 Nov 2026 09:00:00 +0000".
    let d = crate::message::rfc5322_date(t);
    let p: Vec<&str> = d.split(' ').collect();
    format!("{}-{}-{} {} {}", p[1], p[2], p[3], p[4], p[5])
}

struct Ctx<'a> {
    seq: u32,
    n: u32,
    largest_uid: u32,
    m: &'a MailMessage,
}

fn matches(k: &SearchKey, c: &Ctx) -> bool {
    let header = || render::split(&c.m.data).0;
    match k {
        SearchKey::All | SearchKey::Old => true,
        SearchKey::New | SearchKey::Recent => false,
        SearchKey::Flag(f) => c.m.flags.contains(*f),
        SearchKey::NotFlag(f) => !c.m.flags.contains(*f),
        SearchKey::Header(h, s) => {
            render::header_value(header(), h).is_some_and(|v| render::contains_ci(v.as_bytes(), s))
        }
        SearchKey::Body(s) => render::contains_ci(render::split(&c.m.data).1, s),
        SearchKey::Text(s) => render::contains_ci(&c.m.data, s),
        SearchKey::Larger(n) => c.m.data.len() > *n as usize,
        SearchKey::Smaller(n) => c.m.data.len() < *n as usize,
        SearchKey::Uid(set) => set.contains(c.m.uid, c.largest_uid),
        SearchKey::Seq(set) => set.contains(c.seq, c.n),
        SearchKey::Not(k) => !matches(k, c),
        SearchKey::Or(a, b) => matches(a, c) || matches(b, c),
        SearchKey::And(v) => v.iter().all(|k| matches(k, c)),
    }
}

fn fetch_item(out: &mut Vec<u8>, item: &FetchItem, m: &MailMessage) {
    use command::{Section, SectionText};
    let section = |out: &mut Vec<u8>, name: &str, s: &Section, partial: Option<(u32, u32)>| {
        out.extend_from_slice(name.as_bytes());
        match render::section(&m.data, s) {
            None => out.extend_from_slice(b" NIL"),
            Some(bytes) => {
                let bytes: &[u8] = &bytes;
                let bytes = match partial {
                    Some((start, len)) => {
                        out.extend_from_slice(format!("<{start}>").as_bytes());
                        let a = (start as usize).min(bytes.len());
                        let b = a.saturating_add(len as usize).min(bytes.len());
                        &bytes[a..b]
                    }
                    None => bytes,
                };
                out.push(b' ');
                render::literal(out, bytes);
            }
        }
    };
    match item {
        FetchItem::Flags => out.extend_from_slice(format!("FLAGS ({})", m.flags).as_bytes()),
        FetchItem::Uid => out.extend_from_slice(format!("UID {}", m.uid).as_bytes()),
        FetchItem::InternalDate => {
            out.extend_from_slice(format!("INTERNALDATE \"{}\"", m.internal_date).as_bytes())
        }
        FetchItem::Rfc822Size => {
            out.extend_from_slice(format!("RFC822.SIZE {}", m.data.len()).as_bytes())
        }
        FetchItem::Envelope => {
            out.extend_from_slice(b"ENVELOPE ");
            render::envelope(out, &m.data);
        }
        FetchItem::BodyStructure => {
            out.extend_from_slice(b"BODYSTRUCTURE ");
            render::body_structure(out, &m.data, true);
        }
        FetchItem::Body => {
            out.extend_from_slice(b"BODY ");
            render::body_structure(out, &m.data, false);
        }
        FetchItem::Section {
            section: s,
            partial,
            ..
        } => section(out, &format!("BODY[{s}]"), s, *partial),
        FetchItem::Rfc822 => section(out, "RFC822", &Section::default(), None),
        FetchItem::Rfc822Header => section(
            out,
            "RFC822.HEADER",
            &Section {
                part: vec![],
                text: Some(SectionText::Header),
            },
            None,
        ),
        FetchItem::Rfc822Text => section(
            out,
            "RFC822.TEXT",
            &Section {
                part: vec![],
                text: Some(SectionText::Text),
            },
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_to_a_command_is_found_in_the_table() {
        use ImapState::*;
        assert_eq!(
            NotAuthenticated.way_to("FETCH"),
            Some(vec!["LOGIN", "SELECT"])
        );
        assert_eq!(Selected.way_to("ENABLE"), Some(vec!["CLOSE"]));
        assert_eq!(Authenticated.way_to("LOGIN"), None);
        assert_eq!(
            NotAuthenticated.valid_commands(),
            ["CAPABILITY", "NOOP", "LOGOUT", "LOGIN", "AUTHENTICATE"]
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match(b"*", b"Work/2026", false));
        assert!(!wildcard_match(b"%", b"Work/2026", false));
        assert!(wildcard_match(b"Work/%", b"Work/2026", false));
        assert!(wildcard_match(b"inbox", b"INBOX", true));
    }

    #[test]
    fn internal_date_format() {
        assert_eq!(imap_date(SimTime::ZERO), "23-Nov-2026 09:00:00 +0000");
    }
}
