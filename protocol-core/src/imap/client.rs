//! The IMAP client: a mail program (Dave's phone, his laptop) keeping a
//! mailbox on the server, sans-IO (RFC 9051; RFC 2177 IDLE; RFC 6851
//! MOVE; RFC 7888 LITERAL+).
//!
//! Implements one visit: wait for the greeting (§7.1.1); `LOGIN` (§6.2.3);
//! optionally `CREATE` the folder to move mail into (§6.3.4); `SELECT INBOX` (§6.3.2),
//! taking EXISTS, `[UIDVALIDITY]` and `[UIDNEXT]`; `UID FETCH` of the
//! messages newer than those it has seen (§6.4.5, §6.4.9), with
//! `BODY.PEEK[]` (flags unchanged) or `BODY[]` (sets `\Seen` on the server,
//! for every device); then optionally `UID MOVE` them into a folder
//! (RFC 6851), or `UID STORE +FLAGS (\Deleted)` and `EXPUNGE` (§6.4.6,
//! §6.4.3); optionally `APPEND` a message the program wrote (the copy of a
//! sent reply into Sent, §6.3.12, with a `{n+}` literal of RFC 7888 so no
//! continuation is awaited); optionally `IDLE` (RFC 2177) until the server announces new
//! mail with `* n EXISTS`, then `DONE` and fetch it; `LOGOUT` (§6.1.3).
//!
//! Choices:
//! * One command at a time (tags `a1`, `a2`, ...): simpler to follow.
//! * What is "new": UIDs above the highest UID seen in an earlier visit,
//!   while UIDVALIDITY is unchanged (§2.3.1.1); a first visit, or a new
//!   UIDVALIDITY, fetches everything. Nothing is fetched when `[UIDNEXT]`
//!   says no message came since (a `UID FETCH n:*` would otherwise return
//!   the last old message, §6.4.9).
//! * A refused CREATE (the folder exists) is not an error; any other
//!   tagged NO or BAD ends the visit with LOGOUT.
//! * IDLE ends at the first EXISTS that announces more messages, or after
//!   `idle_for` (RFC 2177 asks clients to re-issue IDLE within 29 minutes).

use super::response::{Code, Response, ResponseParser, Status};
use super::server::ImapState;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::VecDeque;

/// The client's view of the session (the server's states, RFC 9051 §3),
/// `(from, event, to)`. The client dispatches through it: it names the
/// event, the table gives the next state (one row per `(from, event)`); an
/// event without a row is a bug in this file (a debug build stops, a
/// release build keeps the state). Events are what the client got.
pub static CLIENT_TRANSITIONS: &[(ImapState, &str, ImapState)] = {
    use ImapState::*;
    &[
        (NotAuthenticated, "OK to LOGIN", Authenticated),
        (NotAuthenticated, "LOGOUT sent", Logout),
        (NotAuthenticated, "session over", Logout),
        (Authenticated, "OK to SELECT", Selected),
        (Authenticated, "LOGOUT sent", Logout),
        (Authenticated, "session over", Logout),
        (Selected, "LOGOUT sent", Logout),
        (Selected, "session over", Logout),
    ]
};

/// What the mail program is asked to do on this visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientConfig {
    pub user: String,
    pub pass: String,
    /// `BODY.PEEK[]` (leaves `\Seen` alone) rather than `BODY[]`.
    pub peek: bool,
    /// Mark each fetched message `\Deleted` and EXPUNGE.
    pub delete: bool,
    /// `UID MOVE` the fetched messages into this folder (created first).
    pub move_to: Option<String>,
    /// `APPEND` this message (flagged `\Seen`) to this folder.
    pub append: Option<(String, Vec<u8>)>,
    /// After fetching, IDLE this long for new mail.
    pub idle_for: Option<SimDuration>,
    /// `(UIDVALIDITY, highest UID)` seen on earlier visits.
    pub seen: Option<(u32, u32)>,
    /// How long to wait for each response (not during IDLE).
    pub timeout: SimDuration,
}

impl ClientConfig {
    /// BODY[], nothing else, a first visit, 60 s timeout.
    pub fn new(user: impl Into<String>, pass: impl Into<String>) -> Self {
        ClientConfig {
            user: user.into(),
            pass: pass.into(),
            peek: false,
            delete: false,
            move_to: None,
            append: None,
            idle_for: None,
            seen: None,
            timeout: SimDuration::from_secs(60),
        }
    }
}

/// The result of one visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VisitOutcome {
    /// `(uid, flags as the server reported them, message)` in fetch order.
    pub fetched: Vec<(u32, String, Vec<u8>)>,
    /// Pass this as `seen` next time.
    pub seen: Option<(u32, u32)>,
    /// Untagged EXPUNGE responses heard (other devices' deletions).
    pub expunges_heard: usize,
    /// Why the visit stopped early, if it did.
    pub error: Option<String>,
}

/// What happened inside the client, for the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ClientEvent {
    /// The client took the row `(from, event, to)` of [`CLIENT_TRANSITIONS`].
    StateChanged {
        from: ImapState,
        event: &'static str,
        to: ImapState,
    },
    Fetched {
        uid: u32,
        flags: String,
    },
    Finished(VisitOutcome),
}

/// What the client is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Greeting,
    Login,
    Create,
    Append,
    Select,
    Fetch,
    Move,
    Store,
    Expunge,
    /// `+ idling` not yet received.
    IdleStart,
    Idling,
    /// DONE sent, waiting for IDLE's tagged OK.
    IdleDone,
    Logout,
    Done,
}

/// One IMAP connection, client side.
#[derive(Debug)]
pub struct ClientSession {
    config: ClientConfig,
    parser: ResponseParser,
    step: Step,
    state: ImapState,
    tag: u32,
    deadline: Option<SimTime>,
    idle_until: Option<SimTime>,
    exists: u32,
    uidvalidity: u32,
    uidnext: u32,
    /// Highest UID known (fetched, or below UIDNEXT at SELECT).
    top: u32,
    /// UIDs fetched in the current FETCH (for MOVE/STORE).
    batch: Vec<u32>,
    idled: bool,
    /// An EXISTS during IDLE announced more messages.
    grew: bool,
    outcome: VisitOutcome,
    out: Vec<u8>,
    events: VecDeque<ClientEvent>,
}

impl ClientSession {
    pub fn new(config: ClientConfig, now: SimTime) -> Self {
        let timeout = config.timeout;
        ClientSession {
            config,
            parser: ResponseParser::new(),
            step: Step::Greeting,
            state: ImapState::NotAuthenticated,
            tag: 0,
            deadline: Some(now + timeout),
            idle_until: None,
            exists: 0,
            uidvalidity: 0,
            uidnext: 0,
            top: 0,
            batch: Vec::new(),
            idled: false,
            grew: false,
            outcome: VisitOutcome::default(),
            out: Vec::new(),
            events: VecDeque::new(),
        }
    }

    pub fn state(&self) -> ImapState {
        self.state
    }
    pub fn is_closed(&self) -> bool {
        self.step == Step::Done
    }
    pub fn poll_output(&mut self) -> Option<Vec<u8>> {
        (!self.out.is_empty()).then(|| std::mem::take(&mut self.out))
    }
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }
    pub fn poll_timeout(&self) -> Option<SimTime> {
        if self.step == Step::Idling {
            return self.idle_until;
        }
        self.deadline
    }

    pub fn handle_input(&mut self, now: SimTime, bytes: &[u8]) {
        if self.is_closed() {
            return;
        }
        self.parser.push(bytes);
        while let Some(raw) = self.parser.next_response() {
            let Some(r) = Response::parse(&raw) else {
                continue;
            };
            self.on_response(now, r, &raw);
            if self.is_closed() {
                return;
            }
        }
    }

    /// No answer in time: give up (or, in IDLE, stop idling).
    pub fn handle_timeout(&mut self, now: SimTime) {
        match self.step {
            Step::Idling => {
                self.out.extend_from_slice(b"DONE\r\n");
                self.step = Step::IdleDone;
                self.deadline = Some(now + self.config.timeout);
            }
            Step::Done => {}
            _ => {
                self.outcome.error = Some("no answer from the server".into());
                self.finish(now);
            }
        }
    }

    pub fn handle_close(&mut self, now: SimTime) {
        if !self.is_closed() {
            if self.step != Step::Logout {
                self.outcome.error = Some("the server closed the connection".into());
            }
            self.finish(now);
        }
    }

    /// Dispatches `event` through [`CLIENT_TRANSITIONS`]: the row from the
    /// current state gives the next one. The only way the state changes.
    /// In Logout nothing is left to change ("session over" after "LOGOUT
    /// sent" has no row and needs none).
    fn take(&mut self, event: &'static str) {
        let from = self.state;
        if from == ImapState::Logout {
            return;
        }
        match crate::machine::target(CLIENT_TRANSITIONS, from, event) {
            Some(to) => {
                self.state = to;
                self.events
                    .push_back(ClientEvent::StateChanged { from, event, to });
            }
            None => debug_assert!(
                false,
                "IMAP client: no row ({from:?}, {event:?}, _) in CLIENT_TRANSITIONS"
            ),
        }
    }

    fn finish(&mut self, _now: SimTime) {
        self.step = Step::Done;
        self.deadline = None;
        self.take("session over");
        if self.uidvalidity != 0 {
            self.outcome.seen = Some((self.uidvalidity, self.top));
        } else {
            self.outcome.seen = self.config.seen;
        }
        let o = std::mem::take(&mut self.outcome);
        self.events.push_back(ClientEvent::Finished(o));
    }

    fn send(&mut self, now: SimTime, step: Step, command: &str) {
        self.tag += 1;
        self.out
            .extend_from_slice(format!("a{} {command}\r\n", self.tag).as_bytes());
        self.step = step;
        self.deadline = Some(now + self.config.timeout);
    }

    fn on_response(&mut self, now: SimTime, r: Response, raw: &[u8]) {
        match r {
            Response::Continue(_) => {
                if self.step == Step::IdleStart {
                    self.step = Step::Idling;
                    self.deadline = None;
                    self.idle_until = self.config.idle_for.map(|d| now + d);
                }
            }
            Response::Data(d) => self.on_data(now, &d, raw),
            Response::Status {
                tag: None,
                status,
                code,
                ..
            } => {
                if self.step == Step::Greeting {
                    if status == Status::Ok {
                        let cmd = format!("LOGIN {} {}", self.config.user, self.config.pass);
                        self.send(now, Step::Login, &cmd);
                    } else {
                        self.outcome.error = Some("the server refused the connection".into());
                        self.finish(now);
                    }
                    return;
                }
                match code {
                    Some(Code::UidValidity(v)) => self.uidvalidity = v,
                    Some(Code::UidNext(n)) => self.uidnext = n,
                    _ => {}
                }
            }
            Response::Status {
                tag: Some(tag),
                status,
                text,
                ..
            } => {
                if tag != format!("a{}", self.tag) {
                    return;
                }
                let ok = status == Status::Ok;
                if !ok && self.step != Step::Create && self.step != Step::Logout {
                    self.outcome.error = Some(format!("{} {text}", status.as_str()));
                    return self.logout(now);
                }
                self.after_ok(now);
            }
        }
    }

    fn on_data(&mut self, now: SimTime, d: &[u8], _raw: &[u8]) {
        let text = String::from_utf8_lossy(d);
        let mut words = text.split(' ');
        let (Some(n), Some(what)) = (words.next(), words.next()) else {
            return;
        };
        let Ok(n) = n.parse::<u32>() else {
            return;
        };
        match what {
            "EXISTS" => {
                let more = n > self.exists;
                self.exists = n;
                if more && self.step == Step::Idling {
                    self.grew = true;
                    self.out.extend_from_slice(b"DONE\r\n");
                    self.step = Step::IdleDone;
                    self.deadline = Some(now + self.config.timeout);
                }
            }
            "EXPUNGE" => {
                self.exists = self.exists.saturating_sub(1);
                self.outcome.expunges_heard += 1;
            }
            "FETCH" if self.step == Step::Fetch => {
                let Some(uid) = fetch_uid(&text) else {
                    return;
                };
                let flags = fetch_flags(&text).unwrap_or_default();
                if let Some(body) = fetch_literal(d) {
                    self.top = self.top.max(uid);
                    self.batch.push(uid);
                    self.events.push_back(ClientEvent::Fetched {
                        uid,
                        flags: flags.clone(),
                    });
                    self.outcome.fetched.push((uid, flags, body.to_vec()));
                }
            }
            _ => {}
        }
    }

    /// The next command after a tagged OK (or an accepted NO to CREATE).
    fn after_ok(&mut self, now: SimTime) {
        match self.step {
            Step::Login => {
                self.take("OK to LOGIN");
                if let Some(f) = self.config.move_to.clone() {
                    self.send(now, Step::Create, &format!("CREATE {}", quote(&f)));
                } else {
                    self.send(now, Step::Select, "SELECT INBOX");
                }
            }
            Step::Create => self.send(now, Step::Select, "SELECT INBOX"),
            Step::Append => self.idle_or_logout(now),
            Step::Select => {
                self.take("OK to SELECT");
                self.fetch_new(now);
            }
            Step::Fetch => {
                let set = uid_set(&self.batch);
                match (&self.config.move_to, self.config.delete) {
                    (Some(f), _) if !set.is_empty() => {
                        let cmd = format!("UID MOVE {set} {}", quote(f));
                        self.send(now, Step::Move, &cmd);
                    }
                    (None, true) if !set.is_empty() => {
                        let cmd = format!("UID STORE {set} +FLAGS (\\Deleted)");
                        self.send(now, Step::Store, &cmd);
                    }
                    _ => self.append_or_idle(now),
                }
            }
            Step::Store => self.send(now, Step::Expunge, "EXPUNGE"),
            Step::Move | Step::Expunge => self.append_or_idle(now),
            Step::IdleDone if self.grew => self.fetch_new(now),
            Step::IdleDone => self.logout(now),
            Step::Logout => self.finish(now),
            Step::Greeting | Step::IdleStart | Step::Idling | Step::Done => {}
        }
    }

    fn append_or_idle(&mut self, now: SimTime) {
        match self.config.append.take() {
            Some((folder, data)) => {
                // LITERAL+ (RFC 7888): the octets follow at once.
                self.tag += 1;
                let head = format!(
                    "a{} APPEND {} (\\Seen) {{{}+}}\r\n",
                    self.tag,
                    quote(&folder),
                    data.len()
                );
                self.out.extend_from_slice(head.as_bytes());
                self.out.extend_from_slice(&data);
                self.out.extend_from_slice(b"\r\n");
                self.step = Step::Append;
                self.deadline = Some(now + self.config.timeout);
            }
            None => self.idle_or_logout(now),
        }
    }

    /// UID FETCH of what came since the last visit (or since the last
    /// fetch of this one), unless UIDNEXT says nothing did.
    fn fetch_new(&mut self, now: SimTime) {
        self.batch.clear();
        if self.top == 0 {
            if let Some((v, top)) = self.config.seen {
                if v == self.uidvalidity {
                    self.top = top;
                }
            }
        }
        let nothing_new = self.exists == 0 || (self.uidnext != 0 && self.uidnext <= self.top + 1);
        if nothing_new && self.step != Step::IdleDone {
            if self.exists == 0 {
                // Everything below UIDNEXT is gone: nothing to fetch later.
                self.top = self.top.max(self.uidnext.saturating_sub(1));
            }
            return self.append_or_idle(now);
        }
        let item = if self.config.peek {
            "BODY.PEEK[]"
        } else {
            "BODY[]"
        };
        let cmd = format!("UID FETCH {}:* (FLAGS {item})", self.top + 1);
        self.send(now, Step::Fetch, &cmd);
    }

    fn idle_or_logout(&mut self, now: SimTime) {
        if self.config.idle_for.is_some() && !self.idled {
            self.idled = true;
            return self.send(now, Step::IdleStart, "IDLE");
        }
        self.logout(now);
    }

    fn logout(&mut self, now: SimTime) {
        self.send(now, Step::Logout, "LOGOUT");
        self.take("LOGOUT sent");
    }
}

/// `"Work stuff"` for a name with a space, the name itself otherwise.
fn quote(name: &str) -> String {
    if name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b))
    {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `1,3,7` (the sequence-set syntax of §9).
fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn fetch_uid(text: &str) -> Option<u32> {
    let i = text.find("UID ")?;
    let rest = &text[i + 4..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

fn fetch_flags(text: &str) -> Option<String> {
    let i = text.find("FLAGS (")?;
    let rest = &text[i + 7..];
    Some(rest[..rest.find(')')?].to_string())
}

/// The octets of the first literal in a FETCH response.
fn fetch_literal(d: &[u8]) -> Option<&[u8]> {
    let lf = d.iter().position(|&b| b == b'\n')?;
    let line = d[..lf].strip_suffix(b"\r").unwrap_or(&d[..lf]);
    let (n, _) = super::response::literal_size(line)?;
    d.get(lf + 1..lf + 1 + n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imap::{MemoryMailstore, ServerConfig, ServerSession};
    use std::sync::Arc;

    /// Runs a client against a server over one store until the client is
    /// done; `between` is called once the client idles (to deliver mail).
    fn visit(
        config: ClientConfig,
        store: &mut MemoryMailstore,
        mut between: impl FnMut(&mut MemoryMailstore),
    ) -> (VisitOutcome, String) {
        let now = SimTime::ZERO;
        let mut s = ServerSession::new(Arc::new(ServerConfig::new("mail.dave.example")), now);
        let mut c = ClientSession::new(config, now);
        let mut wire = String::new();
        let mut idled_once = false;
        for _ in 0..100 {
            while let Some(b) = s.poll_output() {
                wire.push_str(&String::from_utf8_lossy(&b));
                c.handle_input(now, &b);
            }
            if let Some(b) = c.poll_output() {
                wire.push_str(&String::from_utf8_lossy(&b));
                s.handle_input(now, &b, store);
                continue;
            }
            if c.step == Step::Idling {
                if !idled_once {
                    idled_once = true;
                    between(store);
                    s.handle_store_changed(now, store);
                } else {
                    c.handle_timeout(now);
                }
                continue;
            }
            if c.is_closed() {
                break;
            }
        }
        let mut outcome = None;
        while let Some(e) = c.poll_event() {
            if let ClientEvent::Finished(o) = e {
                outcome = Some(o);
            }
        }
        (outcome.expect("finished"), wire)
    }

    fn store_with(n: usize) -> MemoryMailstore {
        let mut st = MemoryMailstore::new();
        st.add_account("dave", "dave-pass");
        for i in 0..n {
            st.deliver(
                "dave",
                format!("Subject: m{i}\r\n\r\nhi\r\n"),
                "1-Jan-2026 00:00:00 +0000",
            );
        }
        st
    }

    #[test]
    fn fetches_with_body_sets_seen_and_a_second_visit_fetches_nothing_old() {
        use crate::imap::Mailstore;
        let mut st = store_with(2);
        let (o, wire) = visit(ClientConfig::new("dave", "dave-pass"), &mut st, |_| {});
        assert_eq!(o.error, None, "{wire}");
        assert_eq!(o.fetched.len(), 2);
        assert!(wire.contains("a3 UID FETCH 1:* (FLAGS BODY[])"), "{wire}");
        let inbox = st.folder("dave", "INBOX").unwrap();
        assert!(inbox
            .messages
            .iter()
            .all(|m| m.flags.contains(crate::imap::Flags::SEEN)));
        let mut again = ClientConfig::new("dave", "dave-pass");
        again.seen = o.seen;
        let (o2, wire) = visit(again, &mut st, |_| {});
        assert!(o2.fetched.is_empty() && !wire.contains("FETCH"), "{wire}");
        assert!(wire.contains("LOGOUT"), "{wire}");
    }

    #[test]
    fn peek_leaves_flags_and_delete_expunges() {
        use crate::imap::Mailstore;
        let mut st = store_with(1);
        let mut cfg = ClientConfig::new("dave", "dave-pass");
        cfg.peek = true;
        cfg.delete = true;
        let (o, wire) = visit(cfg, &mut st, |_| {});
        assert_eq!(o.fetched.len(), 1, "{wire}");
        assert!(wire.contains("BODY.PEEK[]") && wire.contains("UID STORE 1 +FLAGS (\\Deleted)"));
        assert!(wire.contains("* 1 EXPUNGE"), "{wire}");
        assert!(st.folder("dave", "INBOX").unwrap().messages.is_empty());
    }

    #[test]
    fn idle_hears_new_mail_at_once_and_fetches_it() {
        let mut st = store_with(0);
        let mut cfg = ClientConfig::new("dave", "dave-pass");
        cfg.idle_for = Some(SimDuration::from_mins(10));
        let (o, wire) = visit(cfg, &mut st, |st| {
            st.deliver(
                "dave",
                "Subject: new\r\n\r\nx\r\n",
                "1-Jan-2026 00:00:00 +0000",
            );
        });
        assert!(
            wire.contains("+ idling") && wire.contains("* 1 EXISTS\r\nDONE\r\n"),
            "{wire}"
        );
        assert_eq!(o.fetched.len(), 1, "{wire}");
        assert!(o.fetched[0].2.starts_with(b"Subject: new"));
    }

    #[test]
    fn move_to_a_folder_and_append_to_sent() {
        use crate::imap::Mailstore;
        let mut st = store_with(1);
        let mut cfg = ClientConfig::new("dave", "dave-pass");
        cfg.move_to = Some("Lunch".into());
        cfg.append = Some(("Sent".into(), b"Subject: Re: m0\r\n\r\nyes\r\n".to_vec()));
        let (o, wire) = visit(cfg, &mut st, |_| {});
        assert_eq!(o.error, None, "{wire}");
        assert!(
            wire.contains("a2 CREATE Lunch") && wire.contains("UID MOVE 1 Lunch"),
            "{wire}"
        );
        assert_eq!(st.folder("dave", "Lunch").unwrap().messages.len(), 1);
        assert_eq!(st.folder("dave", "Sent").unwrap().messages.len(), 1);
        assert!(st.folder("dave", "INBOX").unwrap().messages.is_empty());
    }

    #[test]
    fn a_wrong_password_ends_the_visit_with_an_error() {
        let mut st = store_with(1);
        let (o, _) = visit(ClientConfig::new("dave", "nope"), &mut st, |_| {});
        assert!(o.error.unwrap().starts_with("NO"));
        assert!(o.fetched.is_empty());
    }
}
