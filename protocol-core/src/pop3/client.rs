//! The POP3 client: a mail program fetching a maildrop, sans-IO
//! (RFC 1939 §3-§8; RFC 2449 §5 CAPA).
//!
//! Implements the usual fetch: wait for the greeting (§4) and take its APOP
//! timestamp (§7); CAPA (RFC 2449 §5); APOP, or USER and PASS (§7); STAT
//! (§5); UIDL (§7); RETR for each message not fetched before; DELE if the
//! user wants server copies removed; QUIT, which makes the server delete in
//! its UPDATE state (§6). Leaving mail on the server works as §8 (Scaling and
//! Operational Considerations) and the UIDL text of §7 describe: the client remembers the unique-ids it has
//! fetched and skips them next time.
//!
//! Deliberate differences / choices:
//! * One command at a time, no pipelining: simpler to follow in the trace.
//! * If CAPA works and does not list UIDL, or UIDL answers `-ERR`, every
//!   message is fetched and reported with an empty uid (there is nothing
//!   to remember it by).
//! * `known_uids` in the outcome keeps only uids still on the server (so
//!   the memory does not grow forever) plus what was just fetched; uids of
//!   messages deleted by this session's QUIT are dropped.
//! * After an error in TRANSACTION the client still sends QUIT, so the
//!   DELE commands that did succeed take effect (their messages were saved).

use super::apop_digest;
use super::command::Command;
use super::response::{Reply, ResponseParser};
use super::server::Pop3State;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::{BTreeSet, VecDeque};
use std::io::Write as _;

/// The client's view of the session (RFC 1939's states, as the server
/// has them), `(from, event, to)`. The client dispatches through it: it
/// names the event, the table gives the next state (one row per
/// `(from, event)`); an event without a row is a bug in this file (a debug
/// build stops, a release build keeps the state). Events are what the
/// client got.
pub static CLIENT_TRANSITIONS: &[(Pop3State, &str, Pop3State)] = {
    use Pop3State::*;
    &[
        (Authorization, "+OK to PASS or APOP", Transaction),
        (Authorization, "session over", Closed),
        (Transaction, "+OK to QUIT", Update),
        (Transaction, "session over", Closed),
        (Update, "session over", Closed),
    ]
};

/// What the mail program is asked to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientConfig {
    pub user: String,
    pub pass: String,
    /// Log in with APOP when the greeting offers a timestamp.
    pub use_apop: bool,
    /// DELE each message after retrieving it (classic POP3).
    pub delete_after_retrieve: bool,
    /// Unique-ids fetched in earlier sessions: skipped (leave-on-server).
    pub known_uids: BTreeSet<String>,
    /// How long to wait for each response.
    pub timeout: SimDuration,
}

impl ClientConfig {
    /// USER/PASS, leave on server, nothing known, 60 s timeout.
    pub fn new(user: impl Into<String>, pass: impl Into<String>) -> Self {
        ClientConfig {
            user: user.into(),
            pass: pass.into(),
            use_apop: false,
            delete_after_retrieve: false,
            known_uids: BTreeSet::new(),
            timeout: SimDuration::from_secs(60),
        }
    }
}

/// The result of one fetch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FetchOutcome {
    /// `(uid, message)` in the order retrieved; uid is empty without UIDL.
    pub retrieved: Vec<(String, Vec<u8>)>,
    /// Pass this as `known_uids` next time (leave-on-server).
    pub known_uids: BTreeSet<String>,
    /// Why the fetch stopped early, if it did.
    pub error: Option<String>,
}

/// What happened inside the client, for the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClientEvent {
    CommandSent {
        command: Command,
    },
    ResponseReceived {
        ok: bool,
        first_line: String,
    },
    /// The client took the row `(from, event, to)` of [`CLIENT_TRANSITIONS`].
    StateChanged {
        from: Pop3State,
        event: &'static str,
        to: Pop3State,
    },
    Retrieved {
        number: u32,
        uid: String,
        data: Vec<u8>,
    },
    /// The server confirmed QUIT, so a message marked with DELE is gone.
    Deleted {
        uid: String,
    },
    Finished(FetchOutcome),
}

/// What the client is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Greeting,
    Capa,
    User,
    Pass,
    Apop,
    Stat,
    Uidl,
    /// Index into `queue`.
    Retr(usize),
    Dele(usize),
    Quit,
    Done,
}

/// One POP3 connection, client side.
#[derive(Debug)]
pub struct ClientSession {
    config: ClientConfig,
    parser: ResponseParser,
    step: Step,
    state: Pop3State,
    now: SimTime,
    deadline: Option<SimTime>,
    timestamp: Option<String>,
    /// Capabilities from CAPA; `None` if the server does not know CAPA.
    capabilities: Option<Vec<String>>,
    message_count: u32,
    /// Messages to fetch: `(number, uid)`.
    queue: Vec<(u32, String)>,
    /// All uids on the server when we logged in, if UIDL worked.
    server_uids: Option<BTreeSet<String>>,
    retrieved: Vec<(String, Vec<u8>)>,
    marked: Vec<String>,
    error: Option<String>,
    out: Vec<u8>,
    events: VecDeque<ClientEvent>,
    /// Whether `CommandSent`/`ResponseReceived` are queued.
    wire_events: bool,
}

impl ClientSession {
    /// A new connection; the client waits for the greeting.
    pub fn new(config: ClientConfig, now: SimTime) -> Self {
        let deadline = Some(now + config.timeout);
        ClientSession {
            config,
            parser: ResponseParser::new(),
            step: Step::Greeting,
            state: Pop3State::Authorization,
            now,
            deadline,
            timestamp: None,
            capabilities: None,
            message_count: 0,
            queue: Vec::new(),
            server_uids: None,
            retrieved: Vec::new(),
            marked: Vec::new(),
            error: None,
            out: Vec::new(),
            events: VecDeque::new(),
            wire_events: true,
        }
    }

    pub fn handle_input(&mut self, now: SimTime, bytes: &[u8]) {
        if self.is_closed() {
            return;
        }
        self.now = now;
        // The timeout counts from the last bytes received, as in the SMTP
        // client: a long RETR that keeps arriving is not a silent server.
        if !bytes.is_empty() && self.deadline.is_some() {
            self.deadline = Some(now + self.config.timeout);
        }
        self.parser.push(bytes);
        while !self.is_closed() {
            match self.parser.next_reply() {
                None => break,
                Some(Ok(reply)) => {
                    if self.wire_events {
                        self.events.push_back(ClientEvent::ResponseReceived {
                            ok: reply.status.is_ok(),
                            first_line: reply.status.to_string(),
                        });
                    }
                    self.on_reply(reply);
                }
                Some(Err(e)) => {
                    self.error = Some(format!("unreadable response: {e}"));
                    self.finish();
                }
            }
        }
    }

    /// Call at or after `poll_timeout()`: the server took too long.
    pub fn handle_timeout(&mut self, now: SimTime) {
        if self.deadline.is_some_and(|d| now >= d) && !self.is_closed() {
            self.now = now;
            self.error
                .get_or_insert_with(|| format!("no response within {}", self.config.timeout));
            self.finish();
        }
    }

    /// The server closed the connection.
    pub fn handle_close(&mut self, now: SimTime) {
        if !self.is_closed() {
            self.now = now;
            self.error
                .get_or_insert_with(|| "connection closed before QUIT was answered".to_string());
            self.finish();
        }
    }

    pub fn poll_output(&mut self) -> Option<Vec<u8>> {
        (!self.out.is_empty()).then(|| std::mem::take(&mut self.out))
    }

    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<SimTime> {
        self.deadline
    }

    pub fn is_closed(&self) -> bool {
        self.step == Step::Done
    }

    /// Off: no `CommandSent`/`ResponseReceived` events (a driver that sees the
    /// bytes anyway need not pay for a copy of every command and response).
    pub fn set_wire_events(&mut self, on: bool) {
        self.wire_events = on;
    }
    pub fn state(&self) -> Pop3State {
        self.state
    }

    fn on_reply(&mut self, reply: Reply) {
        let ok = reply.status.is_ok();
        let text = reply.status.text().to_string();
        match self.step {
            Step::Greeting if ok => {
                self.timestamp = apop_timestamp(&text);
                self.send(Command::Capa, Step::Capa);
            }
            Step::Greeting => {
                self.error = Some(format!("server refused the connection: {text}"));
                self.finish();
            }
            Step::Capa => {
                self.capabilities = ok.then(|| {
                    reply
                        .body_lines()
                        .map(|l| String::from_utf8_lossy(l).to_ascii_uppercase())
                        .collect()
                });
                match (&self.timestamp, self.config.use_apop) {
                    (Some(ts), true) => {
                        let digest = apop_digest(ts, &self.config.pass);
                        self.send(
                            Command::Apop {
                                name: self.config.user.clone(),
                                digest,
                            },
                            Step::Apop,
                        );
                    }
                    _ => self.send(Command::User(self.config.user.clone()), Step::User),
                }
            }
            Step::User | Step::Pass | Step::Apop if !ok => {
                self.fail(format!("login failed: {text}"))
            }
            Step::User => self.send(Command::Pass(self.config.pass.clone()), Step::Pass),
            Step::Pass | Step::Apop => {
                self.take("+OK to PASS or APOP");
                self.send(Command::Stat, Step::Stat);
            }
            Step::Stat if ok => {
                self.message_count = text
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let has_uidl = self
                    .capabilities
                    .as_ref()
                    .is_none_or(|c| c.iter().any(|c| c == "UIDL"));
                if self.message_count == 0 {
                    self.send(Command::Quit, Step::Quit);
                } else if has_uidl {
                    self.send(Command::Uidl(None), Step::Uidl);
                } else {
                    self.fetch_all();
                }
            }
            Step::Uidl if ok => {
                let listing: Vec<(u32, String)> = reply
                    .body_lines()
                    .filter_map(|l| {
                        let l = String::from_utf8_lossy(l);
                        let (n, uid) = l.split_once(' ')?;
                        Some((n.parse().ok()?, uid.to_string()))
                    })
                    .collect();
                let mut uids = BTreeSet::new(); // extend, not collect: no sort code
                uids.extend(listing.iter().map(|(_, u)| u.clone()));
                self.server_uids = Some(uids);
                self.queue = listing
                    .into_iter()
                    .filter(|(_, u)| !self.config.known_uids.contains(u))
                    .collect();
                self.next_message(0);
            }
            Step::Uidl => self.fetch_all(),
            Step::Retr(i) if ok => {
                let (number, uid) = self.queue[i].clone();
                let data = reply.body.unwrap_or_default();
                self.events.push_back(ClientEvent::Retrieved {
                    number,
                    uid: uid.clone(),
                    data: data.clone(),
                });
                self.retrieved.push((uid, data));
                if self.config.delete_after_retrieve {
                    self.send(Command::Dele(number), Step::Dele(i));
                } else {
                    self.next_message(i + 1);
                }
            }
            Step::Dele(i) if ok => {
                self.marked.push(self.queue[i].1.clone());
                self.next_message(i + 1);
            }
            Step::Stat | Step::Retr(_) | Step::Dele(_) => {
                let cmd = match self.step {
                    Step::Stat => "STAT".to_string(),
                    Step::Retr(i) => format!("RETR {}", self.queue[i].0),
                    Step::Dele(i) => format!("DELE {}", self.queue[i].0),
                    _ => unreachable!(),
                };
                self.fail(format!("{cmd} failed: {text}"));
            }
            Step::Quit => {
                if ok && self.state == Pop3State::Transaction {
                    // §6: the server deleted the marked messages in UPDATE.
                    self.take("+OK to QUIT");
                    for uid in self.marked.clone() {
                        self.events.push_back(ClientEvent::Deleted { uid });
                    }
                } else if !ok {
                    self.error
                        .get_or_insert_with(|| format!("QUIT failed: {text}"));
                }
                self.finish();
            }
            Step::Done => {}
        }
    }

    /// Without UIDL, fetch every message; there are no uids to remember.
    fn fetch_all(&mut self) {
        self.queue = (1..=self.message_count)
            .map(|n| (n, String::new()))
            .collect();
        self.next_message(0);
    }

    fn next_message(&mut self, i: usize) {
        match self.queue.get(i) {
            Some(&(n, _)) => self.send(Command::Retr(n), Step::Retr(i)),
            None => self.send(Command::Quit, Step::Quit),
        }
    }

    /// Record the error, then QUIT politely.
    fn fail(&mut self, error: String) {
        self.error.get_or_insert(error);
        self.send(Command::Quit, Step::Quit);
    }

    fn send(&mut self, command: Command, next: Step) {
        let _ = write!(self.out, "{command}\r\n");
        self.parser.expect(command.expects_multiline());
        if self.wire_events {
            self.events.push_back(ClientEvent::CommandSent { command });
        }
        self.step = next;
        self.deadline = Some(self.now + self.config.timeout);
    }

    /// Dispatches `event` through [`CLIENT_TRANSITIONS`]: the row from the
    /// current state gives the next one. The only way the client's view of
    /// the session changes.
    fn take(&mut self, event: &'static str) {
        let from = self.state;
        match crate::machine::target(CLIENT_TRANSITIONS, from, event) {
            Some(to) => {
                self.state = to;
                self.events
                    .push_back(ClientEvent::StateChanged { from, event, to });
            }
            None => debug_assert!(
                false,
                "POP3 client: no row ({from:?}, {event:?}, _) in CLIENT_TRANSITIONS"
            ),
        }
    }

    fn finish(&mut self) {
        // Known before, plus retrieved now; minus what the server no longer
        // lists and, once QUIT succeeded, minus the marked messages (gone
        // from the server). Filtered on the way in rather than with
        // `retain`/`remove`, which would add B-tree removal code to the web
        // bundle for this one set.
        let gone = |u: &String| {
            self.server_uids
                .as_ref()
                .is_some_and(|on_server| !on_server.contains(u))
                || (self.state == Pop3State::Update && self.marked.contains(u))
        };
        let mut known = BTreeSet::new();
        known.extend(
            self.config
                .known_uids
                .iter()
                .chain(
                    self.retrieved
                        .iter()
                        .map(|(u, _)| u)
                        .filter(|u| !u.is_empty()),
                )
                .filter(|u| !gone(u))
                .cloned(),
        );
        self.take("session over");
        self.step = Step::Done;
        self.deadline = None;
        let outcome = FetchOutcome {
            retrieved: std::mem::take(&mut self.retrieved),
            known_uids: known,
            error: self.error.clone(),
        };
        self.events.push_back(ClientEvent::Finished(outcome));
    }
}

/// The `<...>` timestamp in a greeting's text, if any (§7).
fn apop_timestamp(text: &str) -> Option<String> {
    let start = text.find('<')?;
    let end = start + text[start..].find('>')?;
    Some(text[start..=end].to_string())
}
