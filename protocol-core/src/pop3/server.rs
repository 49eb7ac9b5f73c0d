//! The POP3 server session, sans-IO (RFC 1939 §3-§10; RFC 2449 §4-§6, §8;
//! RFC 3206 response codes).
//!
//! Implements: the greeting with an APOP timestamp (§4, §7); the
//! AUTHORIZATION state with USER/PASS, APOP and QUIT (§4, §6, §7); the
//! exclusive maildrop lock (§4, §8, via [`Maildrops::lock`]); the TRANSACTION
//! state with STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL (§5, §7); the
//! UPDATE state entered only by QUIT from TRANSACTION (§6); the autologout
//! timer (§3); CAPA (RFC 2449 §5) with the capabilities of §6 we really
//! have; response codes `[IN-USE]` (RFC 2449 §8.1.2), `[AUTH]` and
//! `[SYS/PERM]` (RFC 3206); command lines at most 255 octets (RFC 2449 §4).
//!
//! Deliberate differences:
//! * A bare LF ends a command line as well as CRLF, so hand-typed sessions
//!   from any terminal work.
//! * USER answers `+OK` for every name, so a stranger cannot probe which
//!   accounts exist (RFC 1939 §13 hints at this); the check happens at PASS.
//! * After `max_failed_logins` failed PASS/APOP attempts the server answers
//!   `-ERR [AUTH] ...` and closes, to slow password guessing (RFC 1939 §13
//!   leaves the policy to the server). `0` means never close.
//! * An over-long line gets `-ERR` once its end arrives and the session goes
//!   on; its bytes are dropped as they come, so memory stays bounded.
//!
//! Driving it: call `handle_*`, then drain `poll_output` and `poll_event`,
//! then wait for input or `poll_timeout()`.

use super::apop_digest;
use super::command::{Command, CommandError, KEYWORDS};
use super::response::{write_multiline_body, Response};
use crate::line::{Flow, Line, LineReceiver};
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::sync::Arc;

/// Policy of one POP3 server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerConfig {
    pub hostname: String,
    /// Failed logins before `-ERR` and close; `0` means never close.
    pub max_failed_logins: u32,
    /// Autologout timer; RFC 1939 §3: at least 10 minutes.
    pub idle_timeout: SimDuration,
    /// Offer APOP (a timestamp in the greeting, §7).
    pub apop: bool,
    /// Longest command line with its CRLF; RFC 2449 §4: 255 octets.
    pub max_line: usize,
}

impl ServerConfig {
    pub fn new(hostname: impl Into<String>) -> Self {
        ServerConfig {
            hostname: hostname.into(),
            max_failed_logins: 3,
            idle_timeout: SimDuration::from_mins(10),
            apop: true,
            max_line: 255,
        }
    }
}

/// One message in a maildrop, exactly as delivered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredMessage {
    /// Unique id for UIDL (§7): 1-70 characters in 0x21-0x7E.
    pub uid: String,
    /// The message with CRLF line endings; its length is the octet count
    /// STAT and LIST report (§11 asks for exact sizes).
    pub data: Vec<u8>,
}

/// Whether `uid` is a valid unique-id (RFC 1939 §7, UIDL).
pub fn valid_uid(uid: &str) -> bool {
    (1..=70).contains(&uid.len()) && uid.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// Why a maildrop could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LockError {
    NoSuchUser,
    /// Another session holds the maildrop (§4, §8).
    AlreadyLocked,
}

/// Where the server's accounts and maildrops live. The session calls it only
/// from inside `handle_*`, so a world can keep one store for many sessions.
pub trait Maildrops {
    fn check_password(&self, user: &str, pass: &str) -> bool;
    /// The shared secret for APOP (in MailSim, the password).
    fn apop_secret(&self, user: &str) -> Option<String>;
    /// Takes the exclusive-access lock (§4, §8) and returns a snapshot of the
    /// maildrop; mail delivered later is not seen until the next session.
    fn lock(&mut self, user: &str) -> Result<Vec<StoredMessage>, LockError>;
    fn unlock(&mut self, user: &str);
    /// Removes messages; only called in UPDATE after QUIT from TRANSACTION.
    fn delete(&mut self, user: &str, uids: &[String]);
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
struct Account {
    pass: String,
    messages: Vec<StoredMessage>,
    locked: bool,
}

/// Accounts, maildrops and locks in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MemoryMaildrops {
    accounts: BTreeMap<String, Account>,
}

impl MemoryMaildrops {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an account with an empty maildrop (or changes its password).
    pub fn add_account(&mut self, user: impl Into<String>, pass: impl Into<String>) {
        self.accounts.entry(user.into()).or_default().pass = pass.into();
    }

    /// Appends a message to `user`'s maildrop. False if there is no such
    /// account or `uid` is not a valid unique-id (§7); nothing is stored then.
    pub fn deliver(
        &mut self,
        user: &str,
        uid: impl Into<String>,
        data: impl Into<Vec<u8>>,
    ) -> bool {
        let uid = uid.into();
        match self.accounts.get_mut(user) {
            Some(acc) if valid_uid(&uid) => {
                acc.messages.push(StoredMessage {
                    uid,
                    data: data.into(),
                });
                true
            }
            _ => false,
        }
    }

    /// The messages in `user`'s maildrop (empty if no such account).
    pub fn messages(&self, user: &str) -> &[StoredMessage] {
        self.accounts
            .get(user)
            .map(|a| a.messages.as_slice())
            .unwrap_or(&[])
    }

    pub fn is_locked(&self, user: &str) -> bool {
        self.accounts.get(user).is_some_and(|a| a.locked)
    }
}

impl Maildrops for MemoryMaildrops {
    fn check_password(&self, user: &str, pass: &str) -> bool {
        self.accounts.get(user).is_some_and(|a| a.pass == pass)
    }

    fn apop_secret(&self, user: &str) -> Option<String> {
        self.accounts.get(user).map(|a| a.pass.clone())
    }

    fn lock(&mut self, user: &str) -> Result<Vec<StoredMessage>, LockError> {
        let acc = self.accounts.get_mut(user).ok_or(LockError::NoSuchUser)?;
        if acc.locked {
            return Err(LockError::AlreadyLocked);
        }
        acc.locked = true;
        Ok(acc.messages.clone())
    }

    fn unlock(&mut self, user: &str) {
        if let Some(acc) = self.accounts.get_mut(user) {
            acc.locked = false;
        }
    }

    fn delete(&mut self, user: &str, uids: &[String]) {
        if let Some(acc) = self.accounts.get_mut(user) {
            acc.messages.retain(|m| !uids.contains(&m.uid));
        }
    }
}

/// The states of RFC 1939 §3, plus `Closed` for a finished session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Pop3State {
    Authorization,
    Transaction,
    Update,
    Closed,
}

/// The whole state machine in one table, `(from, event, to)`: the server
/// refuses any command that has no row for the current state, and the UI
/// draws its diagram from it (after h11's `_state.py`). Events in capitals
/// are commands; the others are what happens without one.
pub static TRANSITIONS: &[(Pop3State, &str, Pop3State)] = {
    use Pop3State::*;
    &[
        (Authorization, "USER", Authorization),
        (Authorization, "PASS", Transaction),
        (Authorization, "PASS", Authorization),
        (Authorization, "APOP", Transaction),
        (Authorization, "APOP", Authorization),
        (Authorization, "CAPA", Authorization),
        (Authorization, "QUIT", Closed),
        (Authorization, "too many failed logins", Closed),
        (Authorization, "autologout timer", Closed),
        (Authorization, "connection lost", Closed),
        (Transaction, "STAT", Transaction),
        (Transaction, "LIST", Transaction),
        (Transaction, "RETR", Transaction),
        (Transaction, "DELE", Transaction),
        (Transaction, "NOOP", Transaction),
        (Transaction, "RSET", Transaction),
        (Transaction, "TOP", Transaction),
        (Transaction, "UIDL", Transaction),
        (Transaction, "CAPA", Transaction),
        (Transaction, "QUIT", Update),
        (Transaction, "autologout timer", Closed),
        (Transaction, "connection lost", Closed),
        (Update, "deleted marked messages", Closed),
    ]
};

impl Pop3State {
    /// The commands the table allows in this state, in table order.
    pub fn valid_commands(self) -> Vec<&'static str> {
        crate::machine::events_from(TRANSITIONS, self, |ev, _| KEYWORDS.contains(&ev))
    }

    /// Whether `keyword` (upper case) has a row for this state.
    pub fn allows(self, keyword: &str) -> bool {
        crate::machine::allows(TRANSITIONS, self, keyword)
    }

    /// Key in the explanation table for entering this state; none for
    /// AUTHORIZATION, which a session starts in and never re-enters (the
    /// greeting, `pop3.ok.greeting`, explains it).
    pub fn explain_key(self) -> Option<&'static str> {
        match self {
            Pop3State::Authorization => None,
            Pop3State::Transaction => Some("pop3.state.Transaction"),
            Pop3State::Update => Some("pop3.state.Update"),
            Pop3State::Closed => Some("pop3.state.Closed"),
        }
    }
}

impl Pop3State {
    /// The RFC's own word for the state, written like every state name the
    /// learner reads (SMTP's `Ready`, IMAP's `Not Authenticated`): a capital
    /// first letter. RFC 1939 prints them in capitals (`TRANSACTION`);
    /// the explanation of each state says so.
    pub fn name(self) -> &'static str {
        match self {
            Pop3State::Authorization => "Authorization",
            Pop3State::Transaction => "Transaction",
            Pop3State::Update => "Update",
            Pop3State::Closed => "Closed",
        }
    }
}

impl fmt::Display for Pop3State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
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
        ok: bool,
        first_line: String,
        key: &'static str,
    },
    StateChanged {
        from: Pop3State,
        to: Pop3State,
    },
    LoggedIn {
        user: String,
        messages: usize,
        octets: usize,
    },
    LoginFailed {
        user: String,
    },
    Retrieved {
        user: String,
        uid: String,
    },
    MarkedDeleted {
        uid: String,
    },
    Updated {
        user: String,
        deleted: Vec<String>,
    },
    ProtocolError {
        key: &'static str,
        detail: String,
    },
    Closing,
}

/// Every way this server says `-ERR`, and in one match
/// ([`Refusal::parts`]) its text and explanation key. (POP3 counts only
/// failed logins toward closing the session; see `auth_failed`.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A command line over `max_line` octets (RFC 2449 §4).
    LineTooLong { max: usize },
    /// A line the command grammar refused (§3).
    Command(CommandError),
    /// A keyword POP3 does not have (§3).
    UnknownCommand { word: String },
    /// PASS without USER (§7).
    PassWithoutUser,
    /// APOP when the greeting offered no timestamp (§7).
    ApopDisabled,
    /// Another session holds the maildrop's lock (§4, §8; RFC 2449 IN-USE).
    Locked,
    /// The account has no maildrop behind it (RFC 3206 SYS/PERM).
    NoMaildrop { user: String },
    /// The `max_failed_logins`th failure; the server then closes.
    TooManyFailures,
    /// Wrong user name or password (§7; RFC 3206 AUTH).
    AuthFailed,
    /// A keyword the table has no row for in this state (§3).
    WrongState {
        keyword: String,
        state: Pop3State,
        valid: String,
    },
    /// A message marked with DELE (§5).
    AlreadyDeleted { n: u32 },
    /// A message number that is not in the maildrop (§5); `count` is how
    /// many there are (`None`: number 0, which never exists).
    NoSuchMessage { count: Option<usize> },
}

impl Refusal {
    /// The `-ERR` text and the explanation key.
    pub fn parts(&self) -> (String, &'static str) {
        use Refusal::*;
        match self {
            LineTooLong { max } => (
                format!("line too long (more than {max} octets)"),
                "pop3.err.line_too_long",
            ),
            Command(e) => (e.to_string(), e.explain_key()),
            UnknownCommand { word } => (
                format!("unknown command \"{word}\""),
                "pop3.err.unknown_command",
            ),
            PassWithoutUser => ("send USER first".into(), "pop3.err.pass_without_user"),
            ApopDisabled => (
                "APOP is not offered by this server; use USER and PASS".into(),
                "pop3.err.apop_disabled",
            ),
            Locked => ("[IN-USE] maildrop already locked".into(), "pop3.err.locked"),
            NoMaildrop { user } => (
                format!("[SYS/PERM] no maildrop for {user}"),
                "pop3.err.no_maildrop",
            ),
            TooManyFailures => (
                "[AUTH] too many failed logins, closing connection".into(),
                "pop3.err.too_many_failures",
            ),
            AuthFailed => (
                "[AUTH] invalid user name or password".into(),
                "pop3.err.auth_failed",
            ),
            WrongState {
                keyword,
                state,
                valid,
            } => (
                format!("{keyword} is not allowed in the {state} state; valid now: {valid}"),
                "pop3.err.wrong_state",
            ),
            AlreadyDeleted { n } => (
                format!("message {n} already deleted"),
                "pop3.err.already_deleted",
            ),
            NoSuchMessage { count } => {
                let text = match count {
                    None => "no such message, message numbers start at 1".to_string(),
                    Some(0) => "no such message, the maildrop is empty".to_string(),
                    Some(1) => "no such message, only message 1 exists".to_string(),
                    Some(n) => format!("no such message, only messages 1 to {n} exist"),
                };
                (text, "pop3.err.no_such_message")
            }
        }
    }
}

/// What the session decided about one status line it sent: the
/// explanation key it chose (which success, which refusal, QUIT into UPDATE
/// or QUIT before login), whether it is `+OK` (false: `-ERR`, a refusal)
/// and whether a multi-line body follows it (§3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentResponse {
    pub key: &'static str,
    pub ok: bool,
    pub multi: bool,
}

#[derive(Debug)]
struct Slot {
    msg: StoredMessage,
    deleted: bool,
}

/// One POP3 connection, server side.
#[derive(Debug)]
pub struct ServerSession {
    config: Arc<ServerConfig>,
    /// `<conn_id.time@host>` when APOP is offered.
    timestamp: Option<String>,
    state: Pop3State,
    /// Name given by USER, waiting for PASS.
    pending_user: Option<String>,
    failed_logins: u32,
    /// The user whose maildrop this session has locked.
    user: Option<String>,
    messages: Vec<Slot>,
    /// Command lines as they arrive, capped at `max_line`.
    lines: LineReceiver,
    out: Vec<u8>,
    /// One entry per status line in `out`, in order (see `poll_response`).
    sent: VecDeque<SentResponse>,
    events: VecDeque<ServerEvent>,
    /// Whether `CommandReceived`/`ResponseSent` are queued.
    wire_events: bool,
    last_activity: SimTime,
}

impl ServerSession {
    /// A new connection; the greeting is queued at once (§4).
    pub fn new(config: Arc<ServerConfig>, conn_id: u64, now: SimTime) -> Self {
        let timestamp = config
            .apop
            .then(|| format!("<{conn_id}.{}@{}>", now.as_micros(), config.hostname));
        let mut s = ServerSession {
            config,
            timestamp,
            state: Pop3State::Authorization,
            pending_user: None,
            failed_logins: 0,
            user: None,
            messages: Vec::new(),
            lines: LineReceiver::new(),
            out: Vec::new(),
            sent: VecDeque::new(),
            events: VecDeque::new(),
            wire_events: true,
            last_activity: now,
        };
        let greeting = match &s.timestamp {
            Some(ts) => format!("{} POP3 server ready {ts}", s.config.hostname),
            None => format!("{} POP3 server ready", s.config.hostname),
        };
        s.send(Response::Ok(greeting), "pop3.ok.greeting");
        s
    }

    /// Bytes from the client. Commands are handled in order as their lines
    /// complete, so pipelined commands (RFC 2449 §6.6) work.
    pub fn handle_input(&mut self, now: SimTime, bytes: &[u8], store: &mut dyn Maildrops) {
        if self.is_closed() {
            return;
        }
        // Autologout counts from the last complete command line: bytes
        // that do not finish a line (one every minute, say) do not keep a
        // session alive.
        if bytes.contains(&b'\n') {
            self.last_activity = now;
        }
        let max = self.config.max_line;
        let mut lines = std::mem::take(&mut self.lines);
        lines.feed(bytes, max, |line| {
            match line {
                Line::TooLong { .. } => {
                    let detail = format!("command line longer than {max} octets");
                    self.events.push_back(ServerEvent::ProtocolError {
                        key: "pop3.err.line_too_long",
                        detail,
                    });
                    self.refuse(Refusal::LineTooLong { max });
                }
                Line::Complete { text, .. } => self.handle_line(text, store),
            }
            if self.is_closed() {
                Flow::Stop
            } else {
                Flow::Continue
            }
        });
        self.lines = lines;
    }

    /// Call at or after `poll_timeout()`: autologout (§3). The session ends
    /// WITHOUT entering UPDATE, so nothing is deleted, and no response is sent.
    pub fn handle_timeout(&mut self, now: SimTime, store: &mut dyn Maildrops) {
        match self.poll_timeout() {
            Some(deadline) if now >= deadline => {
                let detail = format!(
                    "no command for {}: autologout, closing without entering Update (nothing deleted)",
                    self.config.idle_timeout
                );
                self.events.push_back(ServerEvent::ProtocolError {
                    key: "pop3.err.autologout",
                    detail,
                });
                self.close_without_update(store);
            }
            _ => {}
        }
    }

    /// The client dropped the connection: nothing is deleted (§6 only
    /// deletes after QUIT), and the maildrop is unlocked.
    pub fn handle_close(&mut self, _now: SimTime, store: &mut dyn Maildrops) {
        if self.is_closed() {
            return;
        }
        let detail = match self.state {
            Pop3State::Transaction => {
                "connection lost before QUIT: no Update, nothing deleted".to_string()
            }
            _ => "connection lost".to_string(),
        };
        self.events.push_back(ServerEvent::ProtocolError {
            key: "pop3.err.connection_lost",
            detail,
        });
        self.close_without_update(store);
    }

    /// All bytes queued for the client since the last call.
    pub fn poll_output(&mut self) -> Option<Vec<u8>> {
        (!self.out.is_empty()).then(|| std::mem::take(&mut self.out))
    }

    pub fn poll_event(&mut self) -> Option<ServerEvent> {
        self.events.pop_front()
    }

    /// The next status line's key and shape, one per status line in the
    /// bytes of `poll_output`, in the same order. Always kept (cheap), so
    /// that a driver showing the bytes shows the session's own meaning.
    pub fn poll_response(&mut self) -> Option<SentResponse> {
        self.sent.pop_front()
    }

    /// When the autologout timer fires, unless input comes first.
    pub fn poll_timeout(&self) -> Option<SimTime> {
        (!self.is_closed()).then(|| self.last_activity + self.config.idle_timeout)
    }

    pub fn is_closed(&self) -> bool {
        self.state == Pop3State::Closed
    }

    /// Off: no `CommandReceived`/`ResponseSent` events (a driver that sees the
    /// bytes anyway need not pay for a copy of every command and response).
    pub fn set_wire_events(&mut self, on: bool) {
        self.wire_events = on;
    }
    pub fn state(&self) -> Pop3State {
        self.state
    }

    /// The APOP timestamp offered in the greeting, if any.
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.as_deref()
    }

    /// One complete command line, without its line ending.
    fn handle_line(&mut self, line: &[u8], store: &mut dyn Maildrops) {
        let parsed = std::str::from_utf8(line)
            .map_err(|_| CommandError::NotPrintable)
            .and_then(Command::parse);
        match parsed {
            Ok(command) => {
                if self.wire_events {
                    self.events.push_back(ServerEvent::CommandReceived {
                        command: command.clone(),
                    });
                }
                self.dispatch(command, store);
            }
            Err(e) => {
                // A known keyword in the wrong state is the more useful
                // answer than a complaint about its arguments.
                let word = String::from_utf8_lossy(line)
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase();
                if KEYWORDS.contains(&word.as_str()) && !self.state.allows(&word) {
                    return self.wrong_state(&word);
                }
                self.events.push_back(ServerEvent::ProtocolError {
                    key: e.explain_key(),
                    detail: e.to_string(),
                });
                match e {
                    CommandError::NumberTooLarge { .. } => self.no_such_message(),
                    e => self.refuse(Refusal::Command(e)),
                }
            }
        }
    }

    fn dispatch(&mut self, command: Command, store: &mut dyn Maildrops) {
        if let Command::Unknown(line) = &command {
            let word = line.split(' ').next().unwrap_or("").to_string();
            return self.refuse(Refusal::UnknownCommand { word });
        }
        if !self.state.allows(command.keyword()) {
            return self.wrong_state(command.keyword());
        }
        match command {
            Command::User(name) => {
                let text = format!("{name} accepted, now send PASS");
                self.pending_user = Some(name);
                self.send(Response::Ok(text), "pop3.ok.user");
            }
            Command::Pass(pass) => match self.pending_user.take() {
                None => self.refuse(Refusal::PassWithoutUser),
                Some(user) if store.check_password(&user, &pass) => self.login(user, store),
                Some(user) => self.auth_failed(user, store),
            },
            Command::Apop { name, digest } => {
                self.pending_user = None;
                let Some(ts) = self.timestamp.clone() else {
                    return self.refuse(Refusal::ApopDisabled);
                };
                let good = store
                    .apop_secret(&name)
                    .is_some_and(|s| apop_digest(&ts, &s) == digest.to_ascii_lowercase());
                if good {
                    self.login(name, store)
                } else {
                    self.auth_failed(name, store)
                }
            }
            Command::Capa => {
                let body: &[u8] =
                    b"TOP\r\nUIDL\r\nUSER\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\nIMPLEMENTATION MailSim\r\n";
                self.send_multi("capability list follows".into(), body, "pop3.ok.capa");
            }
            Command::Quit if self.state == Pop3State::Authorization => {
                let text = format!("{} POP3 server signing off", self.config.hostname);
                self.send(Response::Ok(text), "pop3.ok.quit");
                self.close_without_update(store);
            }
            Command::Quit => self.update(store),
            Command::Stat => {
                let (n, octets) = self.totals();
                self.send(Response::Ok(format!("{n} {octets}")), "pop3.ok.stat");
            }
            Command::List(None) => {
                let (n, octets) = self.totals();
                let mut body = String::new();
                for (i, s) in self.live() {
                    body.push_str(&format!("{} {}\r\n", i + 1, s.msg.data.len()));
                }
                let text = format!("{} ({octets} octets)", plural(n, "message"));
                self.send_multi(text, body.as_bytes(), "pop3.ok.list");
            }
            Command::List(Some(n)) => {
                if let Some(i) = self.lookup(n) {
                    let size = self.messages[i].msg.data.len();
                    self.send(Response::Ok(format!("{n} {size}")), "pop3.ok.list");
                }
            }
            Command::Retr(n) => {
                if let Some(i) = self.lookup(n) {
                    let msg = std::mem::take(&mut self.messages[i].msg.data);
                    self.send_multi(format!("{} octets", msg.len()), &msg, "pop3.ok.retr");
                    self.messages[i].msg.data = msg;
                    let user = self.user.clone().unwrap_or_default();
                    let uid = self.messages[i].msg.uid.clone();
                    self.events.push_back(ServerEvent::Retrieved { user, uid });
                }
            }
            Command::Top { msg: n, lines } => {
                if let Some(i) = self.lookup(n) {
                    let top = top_of(&self.messages[i].msg.data, lines).to_vec();
                    self.send_multi("top of message follows".into(), &top, "pop3.ok.top");
                }
            }
            Command::Dele(n) => {
                if let Some(i) = self.lookup(n) {
                    self.messages[i].deleted = true;
                    let uid = self.messages[i].msg.uid.clone();
                    self.events.push_back(ServerEvent::MarkedDeleted { uid });
                    self.send(Response::Ok(format!("message {n} deleted")), "pop3.ok.dele");
                }
            }
            Command::Noop => self.send(Response::Ok(String::new()), "pop3.ok.noop"),
            Command::Rset => {
                for s in &mut self.messages {
                    s.deleted = false;
                }
                let (n, octets) = self.totals();
                let text = format!("maildrop has {} ({octets} octets)", plural(n, "message"));
                self.send(Response::Ok(text), "pop3.ok.rset");
            }
            Command::Uidl(None) => {
                let mut body = String::new();
                for (i, s) in self.live() {
                    body.push_str(&format!("{} {}\r\n", i + 1, s.msg.uid));
                }
                self.send_multi(
                    "unique-id listing follows".into(),
                    body.as_bytes(),
                    "pop3.ok.uidl",
                );
            }
            Command::Uidl(Some(n)) => {
                if let Some(i) = self.lookup(n) {
                    let text = format!("{n} {}", self.messages[i].msg.uid);
                    self.send(Response::Ok(text), "pop3.ok.uidl");
                }
            }
            Command::Unknown(_) => unreachable!("answered above"),
        }
    }

    fn login(&mut self, user: String, store: &mut dyn Maildrops) {
        match store.lock(&user) {
            Ok(messages) => {
                self.messages = messages
                    .into_iter()
                    .map(|msg| Slot {
                        msg,
                        deleted: false,
                    })
                    .collect();
                let (n, octets) = self.totals();
                let text = format!(
                    "{user}'s maildrop has {} ({octets} octets)",
                    plural(n, "message")
                );
                self.user = Some(user.clone());
                self.send(Response::Ok(text), "pop3.ok.logged_in");
                self.events.push_back(ServerEvent::LoggedIn {
                    user,
                    messages: n,
                    octets,
                });
                self.set_state(Pop3State::Transaction);
            }
            Err(LockError::AlreadyLocked) => self.refuse(Refusal::Locked),
            Err(LockError::NoSuchUser) => self.refuse(Refusal::NoMaildrop { user }),
        }
    }

    fn auth_failed(&mut self, user: String, store: &mut dyn Maildrops) {
        self.failed_logins += 1;
        self.events.push_back(ServerEvent::LoginFailed { user });
        let max = self.config.max_failed_logins;
        if max > 0 && self.failed_logins >= max {
            self.refuse(Refusal::TooManyFailures);
            self.close_without_update(store);
        } else {
            self.refuse(Refusal::AuthFailed);
        }
    }

    /// QUIT from TRANSACTION (§6): delete what is marked, unlock, say goodbye.
    fn update(&mut self, store: &mut dyn Maildrops) {
        self.set_state(Pop3State::Update);
        let user = self.user.take().unwrap_or_default();
        let deleted: Vec<String> = self
            .messages
            .iter()
            .filter(|s| s.deleted)
            .map(|s| s.msg.uid.clone())
            .collect();
        if !deleted.is_empty() {
            store.delete(&user, &deleted);
        }
        store.unlock(&user);
        let left = self.messages.len() - deleted.len();
        self.events
            .push_back(ServerEvent::Updated { user, deleted });
        let host = &self.config.hostname;
        let text = if left == 0 {
            format!("{host} POP3 server signing off (maildrop empty)")
        } else {
            format!(
                "{host} POP3 server signing off ({} left)",
                plural(left, "message")
            )
        };
        self.send(Response::Ok(text), "pop3.ok.quit_update");
        self.set_state(Pop3State::Closed);
        self.events.push_back(ServerEvent::Closing);
    }

    fn close_without_update(&mut self, store: &mut dyn Maildrops) {
        if let Some(user) = self.user.take() {
            store.unlock(&user);
        }
        self.set_state(Pop3State::Closed);
        self.events.push_back(ServerEvent::Closing);
    }

    fn wrong_state(&mut self, keyword: &str) {
        let valid = self.state.valid_commands().join(", ");
        let (keyword, state) = (keyword.to_string(), self.state);
        self.refuse(Refusal::WrongState {
            keyword,
            state,
            valid,
        });
    }

    /// Index of message `n`, or `None` after answering `-ERR` (§5: a
    /// message number must exist and not be marked as deleted).
    fn lookup(&mut self, n: u32) -> Option<usize> {
        let i = (n as usize).checked_sub(1);
        match i.and_then(|i| self.messages.get(i)) {
            Some(s) if s.deleted => {
                self.refuse(Refusal::AlreadyDeleted { n });
                None
            }
            Some(_) => i,
            None if n == 0 => {
                self.refuse(Refusal::NoSuchMessage { count: None });
                None
            }
            None => {
                self.no_such_message();
                None
            }
        }
    }

    fn no_such_message(&mut self) {
        let count = Some(self.messages.len());
        self.refuse(Refusal::NoSuchMessage { count });
    }

    /// Sends the `-ERR` of a refusal ([`Refusal::parts`]).
    fn refuse(&mut self, r: Refusal) {
        let (text, key) = r.parts();
        self.send(Response::Err(text), key);
    }

    /// Messages not marked as deleted, with their 0-based index.
    fn live(&self) -> impl Iterator<Item = (usize, &Slot)> {
        self.messages.iter().enumerate().filter(|(_, s)| !s.deleted)
    }

    /// Count and octets of the messages not marked as deleted (§5 STAT).
    fn totals(&self) -> (usize, usize) {
        self.live()
            .fold((0, 0), |(n, o), (_, s)| (n + 1, o + s.msg.data.len()))
    }

    fn set_state(&mut self, to: Pop3State) {
        let from = self.state;
        if from != to {
            // The table is the machine: every change is one of its rows.
            debug_assert!(
                TRANSITIONS.iter().any(|r| r.0 == from && r.2 == to),
                "POP3 server: {from:?} -> {to:?} is not a row of TRANSITIONS"
            );
            self.state = to;
            self.events
                .push_back(ServerEvent::StateChanged { from, to });
        }
    }

    fn send(&mut self, status: Response, key: &'static str) {
        self.send_status(status, key, false);
    }

    /// One status line; `multi` when a multi-line body follows it.
    fn send_status(&mut self, status: Response, key: &'static str, multi: bool) {
        self.sent.push_back(SentResponse {
            key,
            ok: status.is_ok(),
            multi,
        });
        status.write_wire(&mut self.out);
        if self.wire_events {
            self.events.push_back(ServerEvent::ResponseSent {
                ok: status.is_ok(),
                first_line: status.to_string(),
                key,
            });
        }
    }

    fn send_multi(&mut self, text: String, body: &[u8], key: &'static str) {
        self.send_status(Response::Ok(text), key, true);
        write_multiline_body(&mut self.out, body);
    }
}

/// "1 message", "2 messages".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The header, the blank line and the first `lines` lines of the body
/// (§7 TOP). A message without a blank line is all header.
fn top_of(data: &[u8], lines: u32) -> &[u8] {
    let mut end = 0;
    let mut in_body = false;
    let mut body_lines = 0u32;
    for line in data.split_inclusive(|&b| b == b'\n') {
        if in_body {
            if body_lines >= lines {
                break;
            }
            body_lines += 1;
        } else if line == b"\r\n" || line == b"\n" {
            in_body = true;
        }
        end += line.len();
    }
    &data[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_takes_header_blank_line_and_n_body_lines() {
        let m = b"A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\n";
        assert_eq!(top_of(m, 0), b"A: 1\r\nB: 2\r\n\r\n");
        assert_eq!(top_of(m, 2), b"A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n");
        assert_eq!(top_of(m, 99), m);
        assert_eq!(top_of(b"A: 1\r\n", 3), b"A: 1\r\n");
    }

    #[test]
    fn valid_commands_come_from_the_table() {
        assert_eq!(
            Pop3State::Authorization.valid_commands(),
            ["USER", "PASS", "APOP", "CAPA", "QUIT"]
        );
        assert!(Pop3State::Transaction.valid_commands().contains(&"RETR"));
        assert!(Pop3State::Update.valid_commands().is_empty());
    }

    #[test]
    fn uid_rules() {
        assert!(valid_uid("whqtswO00WBw418f9t5JxYwZ"));
        assert!(!valid_uid(""));
        assert!(!valid_uid("has space"));
        assert!(!valid_uid(&"x".repeat(71)));
    }
}
