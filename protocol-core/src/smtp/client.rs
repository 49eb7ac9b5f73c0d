//! The SMTP client session, sans-IO: delivers one message to one server.
//!
//! Implements: RFC 5321 §3.3 (mail transaction), §4.1.1 (commands), §4.2.5
//! (a 2xx after DATA takes responsibility; anything else per recipient),
//! §4.5.3.2 (timeouts), §4.5.4 (classify failures for retry); RFC 2920
//! PIPELINING (MAIL and every RCPT in one batch, DATA after their replies,
//! §3.1 of 2920), RFC 1870 SIZE, RFC 6152 8BITMIME, RFC 4954 AUTH PLAIN.
//!
//! Deliberate differences:
//! * One timeout (`ClientConfig::timeout`) for every wait instead of the
//!   per-command values of §4.5.3.2 (5 min, 2 min for DATA, 10 min after
//!   the dot): the world sets it, and one number is easier to teach.
//! * A 421 at any point ends the session without QUIT (the server is
//!   closing); other failures still send QUIT politely.
//! * Every not-yet-final recipient becomes `Transient` when the connection is
//!   lost or times out, including after the final dot (the server may
//!   have taken the message: a duplicate is better than a loss, §4.5.4.1/§6.1).

use super::command::Command;
use super::reply::{Reply, ReplyParser};
use crate::address::{Mailbox, ReversePath};
use crate::message::{crlf_size, dot_stuff};
use crate::time::{SimDuration, SimTime};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::Write as _;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientConfig {
    pub helo_name: String,
    /// (user, password) for AUTH PLAIN, used when the server offers AUTH.
    pub auth: Option<(String, String)>,
    pub use_pipelining: bool,
    pub use_size: bool,
    pub timeout: SimDuration,
    /// Send the message exactly as given, with no dot-stuffing and no
    /// repair of line ends (then CRLF "." CRLF). Only an attacker's program
    /// does this: the SMTP smuggling lesson (RFC 5321 §4.5.2 requires the
    /// stuffing, §2.3.8 CRLF line ends).
    #[serde(default)]
    pub raw_data: bool,
}

impl ClientConfig {
    /// No AUTH, PIPELINING and SIZE when offered, 5 minute timeout.
    pub fn new(helo_name: impl Into<String>) -> Self {
        ClientConfig {
            helo_name: helo_name.into(),
            auth: None,
            use_pipelining: true,
            use_size: true,
            timeout: SimDuration::from_mins(5),
            raw_data: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RcptOutcome {
    /// The server took responsibility (2xx after the final dot).
    Accepted(Reply),
    /// Try again later (4xx, lost connection, timeout).
    Transient(Reply),
    /// Do not try again; bounce (5xx).
    Permanent(Reply),
}

impl RcptOutcome {
    fn from_reply(r: Reply) -> Self {
        if r.is_positive_completion() {
            RcptOutcome::Accepted(r)
        } else if r.is_permanent() {
            RcptOutcome::Permanent(r)
        } else {
            RcptOutcome::Transient(r)
        }
    }
    pub fn reply(&self) -> &Reply {
        match self {
            RcptOutcome::Accepted(r) | RcptOutcome::Transient(r) | RcptOutcome::Permanent(r) => r,
        }
    }
}

/// The final result for every recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryOutcome {
    pub recipients: Vec<(Mailbox, RcptOutcome)>,
}

impl DeliveryOutcome {
    pub fn delivered(&self) -> Vec<&Mailbox> {
        self.filter(|o| matches!(o, RcptOutcome::Accepted(_)))
    }
    pub fn transient(&self) -> Vec<&Mailbox> {
        self.filter(|o| matches!(o, RcptOutcome::Transient(_)))
    }
    pub fn permanent(&self) -> Vec<&Mailbox> {
        self.filter(|o| matches!(o, RcptOutcome::Permanent(_)))
    }
    fn filter(&self, f: impl Fn(&RcptOutcome) -> bool) -> Vec<&Mailbox> {
        self.recipients
            .iter()
            .filter(|(_, o)| f(o))
            .map(|(m, _)| m)
            .collect()
    }
}

/// Client states, named for the reply being waited for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ClientState {
    Greeting,
    Ehlo,
    Helo,
    Auth,
    /// Waiting for the replies to MAIL and RCPT.
    Envelope,
    /// DATA sent, waiting for 354.
    Data,
    /// Message sent, waiting for the reply to the final dot.
    Body,
    /// QUIT sent.
    Quit,
    Closed,
}

impl ClientState {
    /// The variant's name, as `Debug` prints it (without formatting).
    pub fn name(self) -> &'static str {
        match self {
            ClientState::Greeting => "Greeting",
            ClientState::Ehlo => "Ehlo",
            ClientState::Helo => "Helo",
            ClientState::Auth => "Auth",
            ClientState::Envelope => "Envelope",
            ClientState::Data => "Data",
            ClientState::Body => "Body",
            ClientState::Quit => "Quit",
            ClientState::Closed => "Closed",
        }
    }
}

/// The event that ends a session early: a 421 reply, no reply in time
/// (§4.5.3.2), the connection lost, or a reply that does not parse.
const LOST: &str = "421, timeout or connection lost";

/// The client's machine as one table, `(from, event, to)`: every state
/// change the client makes is one of these rows (checked in debug builds
/// and by the tests), and the UI draws it. Events are what the client
/// received or found; the command it sends next follows from the target
/// state (Ehlo: EHLO sent, Envelope: MAIL and RCPT sent, ...).
pub static TRANSITIONS: &[(ClientState, &str, ClientState)] = {
    use ClientState::*;
    &[
        (Greeting, "220 greeting", Ehlo),
        (Greeting, "refusal", Quit),
        (Ehlo, "250 to EHLO", Auth),
        (Ehlo, "250 to EHLO", Envelope),
        (Ehlo, "250 to EHLO, no recipients", Quit),
        (Ehlo, "EHLO not known", Helo),
        (Ehlo, "refusal", Quit),
        (Helo, "250 to HELO", Envelope),
        (Helo, "250 to HELO, no recipients", Quit),
        (Helo, "refusal", Quit),
        (Auth, "235 logged in", Envelope),
        (Auth, "refusal", Quit),
        (Envelope, "replies to MAIL and RCPT", Data),
        (Envelope, "no recipient accepted", Quit),
        (Data, "354 go ahead", Body),
        (Data, "refusal", Quit),
        (Body, "reply to the final dot", Quit),
        (Envelope, "refusal", Quit),
        (Quit, "reply to QUIT", Closed),
        (Greeting, LOST, Closed),
        (Ehlo, LOST, Closed),
        (Helo, LOST, Closed),
        (Auth, LOST, Closed),
        (Envelope, LOST, Closed),
        (Data, LOST, Closed),
        (Body, LOST, Closed),
        (Quit, LOST, Closed),
    ]
};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ClientEvent {
    CommandSent {
        command: Command,
    },
    /// The message itself went out (dot-stuffed, `size` octets).
    MessageSent {
        size: usize,
    },
    ReplyReceived {
        reply: Reply,
    },
    /// The server sent something that is not a valid reply.
    BadReply {
        detail: String,
    },
    StateChanged {
        from: ClientState,
        to: ClientState,
    },
    Finished(DeliveryOutcome),
}

/// What a reply that arrives answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Greeting,
    Ehlo,
    Helo,
    Auth,
    Mail,
    Rcpt(usize),
    Data,
    Body,
    Quit,
}

#[derive(Debug)]
pub struct ClientSession {
    config: ClientConfig,
    from: ReversePath,
    rcpts: Vec<Mailbox>,
    message: Vec<u8>,
    state: ClientState,
    parser: ReplyParser,
    expect: VecDeque<Expect>,
    /// Per recipient: the RCPT reply, then the final outcome.
    rcpt_reply: Vec<Option<Reply>>,
    outcome: Vec<Option<RcptOutcome>>,
    mail_ok: bool,
    ext_pipelining: bool,
    ext_size: bool,
    ext_8bitmime: bool,
    ext_auth_plain: bool,
    out: VecDeque<Vec<u8>>,
    events: VecDeque<ClientEvent>,
    /// Whether `CommandSent`/`ReplyReceived` are queued (see `set_wire_events`).
    wire_events: bool,
    deadline: Option<SimTime>,
    finished: bool,
    closed: bool,
}

impl ClientSession {
    pub fn new(
        config: ClientConfig,
        envelope_from: ReversePath,
        rcpts: Vec<Mailbox>,
        message: Vec<u8>,
        now: SimTime,
    ) -> Self {
        let n = rcpts.len();
        let deadline = Some(now + config.timeout);
        ClientSession {
            config,
            from: envelope_from,
            rcpts,
            message,
            state: ClientState::Greeting,
            parser: ReplyParser::new(),
            expect: VecDeque::from([Expect::Greeting]),
            rcpt_reply: vec![None; n],
            outcome: vec![None; n],
            mail_ok: false,
            ext_pipelining: false,
            ext_size: false,
            ext_8bitmime: false,
            ext_auth_plain: false,
            out: VecDeque::new(),
            events: VecDeque::new(),
            wire_events: true,
            deadline,
            finished: false,
            closed: false,
        }
    }

    pub fn state(&self) -> ClientState {
        self.state
    }
    /// Off: no `CommandSent`/`ReplyReceived` events (a driver that sees the
    /// bytes anyway need not pay for a copy of every command and reply).
    pub fn set_wire_events(&mut self, on: bool) {
        self.wire_events = on;
    }
    pub fn is_closed(&self) -> bool {
        self.closed
    }
    pub fn poll_output(&mut self) -> Option<Vec<u8>> {
        self.out.pop_front()
    }
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }
    pub fn poll_timeout(&self) -> Option<SimTime> {
        if self.closed {
            None
        } else {
            self.deadline
        }
    }

    /// The connection is gone: every recipient without a final answer is Transient.
    pub fn handle_close(&mut self, _now: SimTime) {
        if self.closed {
            return;
        }
        self.finish_remaining(Reply::new(421, None, "connection lost"));
        self.close(LOST);
    }

    /// No reply in time (§4.5.3.2): give up on this connection, Transient.
    pub fn handle_timeout(&mut self, now: SimTime) {
        if self.closed || self.deadline.is_none_or(|d| now < d) {
            return;
        }
        self.finish_remaining(Reply::new(421, None, "timeout waiting for the server"));
        self.close(LOST);
    }

    pub fn handle_input(&mut self, now: SimTime, bytes: &[u8]) {
        if self.closed {
            return;
        }
        self.parser.push(bytes);
        while let Some(r) = self.parser.next_reply() {
            match r {
                Ok(reply) => {
                    if self.wire_events {
                        self.events.push_back(ClientEvent::ReplyReceived {
                            reply: reply.clone(),
                        });
                    }
                    self.on_reply(now, reply);
                }
                Err(e) => {
                    // A broken server: treat like a lost connection.
                    self.events.push_back(ClientEvent::BadReply {
                        detail: e.to_string(),
                    });
                    self.finish_remaining(Reply::new(
                        421,
                        None,
                        format!("bad reply from server: {e}"),
                    ));
                    self.close(LOST);
                }
            }
            if self.closed {
                return;
            }
        }
        self.deadline = (!self.expect.is_empty()).then(|| now + self.config.timeout);
    }

    // --- internals -------------------------------------------------------------

    /// Takes the row `(state, event, to)` of [`TRANSITIONS`]: the only way
    /// the state changes.
    fn set_state(&mut self, event: &'static str, to: ClientState) {
        debug_assert!(
            TRANSITIONS.contains(&(self.state, event, to)),
            "SMTP client: ({:?}, {event:?}, {to:?}) is not a row of TRANSITIONS",
            self.state
        );
        if self.state != to {
            self.events.push_back(ClientEvent::StateChanged {
                from: self.state,
                to,
            });
            self.state = to;
        }
    }

    fn close(&mut self, event: &'static str) {
        self.closed = true;
        self.expect.clear();
        self.set_state(event, ClientState::Closed);
    }

    fn send(&mut self, command: Command, expect: Expect) {
        // Sized up front: `to_string` would grow the buffer several times.
        let mut line = Vec::with_capacity(64);
        let _ = write!(line, "{command}\r\n");
        self.out.push_back(line);
        if self.wire_events {
            self.events.push_back(ClientEvent::CommandSent { command });
        }
        self.expect.push_back(expect);
    }

    /// Gives every recipient without a final outcome the class of `reply`.
    fn finish_remaining(&mut self, reply: Reply) {
        for i in 0..self.outcome.len() {
            if self.outcome[i].is_none() {
                self.outcome[i] = Some(if reply.is_permanent() {
                    RcptOutcome::Permanent(reply.clone())
                } else {
                    RcptOutcome::Transient(reply.clone())
                });
            }
        }
        self.report();
    }

    fn report(&mut self) {
        if self.finished || self.outcome.iter().any(Option::is_none) {
            return;
        }
        self.finished = true;
        let recipients = self
            .rcpts
            .iter()
            .cloned()
            .zip(self.outcome.iter().map(|o| o.clone().expect("all final")))
            .collect();
        self.events
            .push_back(ClientEvent::Finished(DeliveryOutcome { recipients }));
    }

    /// Ends the transaction with `reply`'s class for the rest, then QUIT.
    fn fail_and_quit(&mut self, reply: Reply) {
        self.finish_remaining(reply);
        self.quit("refusal");
    }

    fn quit(&mut self, event: &'static str) {
        self.expect.clear();
        self.send(Command::Quit, Expect::Quit);
        self.set_state(event, ClientState::Quit);
    }

    fn on_reply(&mut self, now: SimTime, reply: Reply) {
        let Some(expect) = self.expect.pop_front() else {
            return; // an unsolicited reply: ignore it
        };
        if reply.code == 421 && expect != Expect::Quit {
            self.finish_remaining(reply);
            return self.close(LOST);
        }
        match expect {
            Expect::Greeting => {
                if reply.code == 220 {
                    self.send(Command::Ehlo(self.config.helo_name.clone()), Expect::Ehlo);
                    self.set_state("220 greeting", ClientState::Ehlo);
                } else {
                    self.fail_and_quit(reply);
                }
            }
            Expect::Ehlo => {
                if reply.is_positive_completion() {
                    self.read_extensions(&reply);
                    self.after_hello(now, true);
                } else if matches!(reply.code, 500 | 501 | 502 | 504 | 550) {
                    // Old server without EHLO (§3.2): fall back to HELO.
                    self.send(Command::Helo(self.config.helo_name.clone()), Expect::Helo);
                    self.set_state("EHLO not known", ClientState::Helo);
                } else {
                    self.fail_and_quit(reply);
                }
            }
            Expect::Helo => {
                if reply.is_positive_completion() {
                    self.after_hello(now, false);
                } else {
                    self.fail_and_quit(reply);
                }
            }
            Expect::Auth => {
                if reply.is_positive_completion() {
                    self.send_envelope("235 logged in");
                } else if reply.is_transient() {
                    self.fail_and_quit(reply);
                } else {
                    // 535 and other 5xx: wrong credentials will not fix themselves.
                    let r = if reply.is_permanent() {
                        reply
                    } else {
                        Reply::new(554, None, reply.text())
                    };
                    self.fail_and_quit(r);
                }
            }
            Expect::Mail => {
                self.mail_ok = reply.is_positive_completion();
                if !self.mail_ok {
                    // With pipelining the RCPT replies are still to come: they
                    // are read (and ignored) before QUIT goes out.
                    self.finish_remaining(reply);
                    if !self.expect.iter().any(|e| matches!(e, Expect::Rcpt(_))) {
                        self.quit("refusal");
                    }
                } else if !self.ext_pipelining || !self.config.use_pipelining {
                    self.send_rcpt(0);
                }
            }
            Expect::Rcpt(i) => {
                if self.mail_ok {
                    if reply.is_positive_completion() {
                        self.rcpt_reply[i] = Some(reply);
                    } else {
                        self.outcome[i] = Some(RcptOutcome::from_reply(reply));
                    }
                }
                let last = i + 1 == self.rcpts.len();
                let pipelined = self.ext_pipelining && self.config.use_pipelining;
                if !last && !pipelined && self.mail_ok {
                    self.send_rcpt(i + 1);
                } else if last {
                    if !self.mail_ok {
                        self.quit("refusal");
                    } else if self.rcpt_reply.iter().any(Option::is_some) {
                        self.send(Command::Data, Expect::Data);
                        self.set_state("replies to MAIL and RCPT", ClientState::Data);
                    } else {
                        self.report();
                        self.quit("no recipient accepted");
                    }
                }
            }
            Expect::Data => {
                if reply.code == 354 {
                    let payload = if self.config.raw_data {
                        let mut p = self.message.clone();
                        if !p.ends_with(b"\r\n") {
                            p.extend_from_slice(b"\r\n");
                        }
                        p.extend_from_slice(b".\r\n");
                        p
                    } else {
                        dot_stuff(&self.message)
                    };
                    self.events.push_back(ClientEvent::MessageSent {
                        size: payload.len(),
                    });
                    self.out.push_back(payload);
                    self.expect.push_back(Expect::Body);
                    self.set_state("354 go ahead", ClientState::Body);
                } else {
                    self.finish_remaining(reply);
                    self.quit("refusal");
                }
            }
            Expect::Body => {
                // §4.2.5: the reply to the dot is for every accepted recipient.
                self.finish_remaining_from(reply);
                self.quit("reply to the final dot");
            }
            Expect::Quit => self.close("reply to QUIT"),
        }
    }

    fn finish_remaining_from(&mut self, reply: Reply) {
        for o in self.outcome.iter_mut().filter(|o| o.is_none()) {
            *o = Some(RcptOutcome::from_reply(reply.clone()));
        }
        self.report();
    }

    fn read_extensions(&mut self, reply: &Reply) {
        for line in reply.lines.iter().skip(1) {
            let mut words = line.split_ascii_whitespace();
            match words.next().map(str::to_ascii_uppercase).as_deref() {
                Some("PIPELINING") => self.ext_pipelining = true,
                Some("SIZE") => self.ext_size = true,
                Some("8BITMIME") => self.ext_8bitmime = true,
                Some("AUTH") => {
                    self.ext_auth_plain = words.any(|w| w.eq_ignore_ascii_case("PLAIN"))
                }
                _ => {}
            }
        }
    }

    fn after_hello(&mut self, _now: SimTime, ehlo: bool) {
        let (hello, nobody) = if ehlo {
            ("250 to EHLO", "250 to EHLO, no recipients")
        } else {
            ("250 to HELO", "250 to HELO, no recipients")
        };
        if self.rcpts.is_empty() {
            self.finish_remaining(Reply::new(250, None, "no recipients"));
            return self.quit(nobody);
        }
        match (&self.config.auth, self.ext_auth_plain) {
            (Some((user, pass)), true) => {
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{pass}"));
                let cmd = Command::Auth {
                    mechanism: "PLAIN".into(),
                    initial: Some(token),
                };
                self.send(cmd, Expect::Auth);
                self.set_state(hello, ClientState::Auth);
            }
            _ => self.send_envelope(hello),
        }
    }

    fn send_envelope(&mut self, event: &'static str) {
        let mut params = Vec::new();
        if self.ext_size && self.config.use_size {
            // RFC 1870: the size with CRLF line ends, without dot-stuffing.
            let size = crlf_size(&self.message);
            params.push(("SIZE".to_string(), Some(size.to_string())));
        }
        if self.ext_8bitmime && !self.message.is_ascii() {
            params.push(("BODY".to_string(), Some("8BITMIME".to_string())));
        }
        self.send(
            Command::Mail {
                from: self.from.clone(),
                params,
            },
            Expect::Mail,
        );
        self.set_state(event, ClientState::Envelope);
        if self.ext_pipelining && self.config.use_pipelining {
            // RFC 2920: the whole envelope in one batch; DATA after the replies.
            let mut batch = self.out.pop_back().expect("MAIL just queued");
            for i in 0..self.rcpts.len() {
                let cmd = Command::Rcpt {
                    to: self.rcpts[i].clone(),
                    params: vec![],
                };
                let _ = write!(batch, "{cmd}\r\n");
                if self.wire_events {
                    self.events
                        .push_back(ClientEvent::CommandSent { command: cmd });
                }
                self.expect.push_back(Expect::Rcpt(i));
            }
            self.out.push_back(batch);
        }
    }

    fn send_rcpt(&mut self, i: usize) {
        let cmd = Command::Rcpt {
            to: self.rcpts[i].clone(),
            params: vec![],
        };
        self.send(cmd, Expect::Rcpt(i));
    }
}
