//! The world: hosts, links, simulated TCP, DNS over UDP port 53, the MTAs,
//! the mail programs of John and Dave, and the console that the telnet pane
//! and `mailsim serve` drive. One scheduler with a virtual clock (integer
//! microseconds) and one seeded RNG; ordered maps only. After turmoil: links
//! are keyed by an ordered pair with a state per direction, and a link's
//! verdict for a segment is "deliver after a delay" (lost segments are
//! retransmitted, which only costs time) or, when it is down, a reset.
//!
//! Simplifications, on purpose: the TCP handshake is one latency; a lost
//! segment costs one retransmission timeout; a connection to a down host
//! fails after [`CONNECT_TIMEOUT`]; DNS has no cache.

use super::host::{Host, HostConfig, SmtpPolicy};
use super::rng::SplitMix64;
use super::trace::*;
use super::wire::{Piece, ReplyMeta, Splitter};
use crate::address::{Mailbox, ReversePath};
use crate::dns::{Answer, RecordType, Zones};
use crate::message::rfc5322_date;
use crate::mta::{self, BounceInfo, Failure, RetryPolicy};
use crate::pop3;
use crate::smtp;
use crate::time::{SimDuration, SimTime};
use crate::vec_map::{VecMap, VecMapExt};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

/// How long a client waits for a SYN-ACK that never comes.
pub const CONNECT_TIMEOUT: SimDuration = SimDuration::from_secs(30);
/// How long a resolver waits for a DNS answer that never comes.
pub const DNS_TIMEOUT: SimDuration = SimDuration::from_secs(5);
/// A gap in the trace at least this long gets a narration note.
pub const NOTE_GAP: SimDuration = SimDuration::from_secs(60);

/// One direction of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkState {
    pub latency: SimDuration,
    /// Segments lost per million (each costs a retransmission).
    pub loss_ppm: u32,
    pub up: bool,
}

/// Why the console (or a program) could not connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectError {
    NoSuchHost(String),
    UnknownName(String),
    Refused,
    Unreachable(Unreachable),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::NoSuchHost(h) => write!(f, "no host called {h:?} in this world"),
            ConnectError::UnknownName(n) => write!(f, "{n}: Name or service not known (NXDOMAIN)"),
            ConnectError::Refused => f.write_str("Connection refused"),
            ConnectError::Unreachable(Unreachable::HostDown) => {
                f.write_str("No route to host (the host is down)")
            }
            ConnectError::Unreachable(Unreachable::LinkDown) => {
                f.write_str("Network is unreachable (the link is down)")
            }
        }
    }
}
impl std::error::Error for ConnectError {}

/// John's mail program sending one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendJob {
    pub from_host: String,
    /// Server name (resolved with DNS) or host id.
    pub server: String,
    pub port: u16,
    pub auth: Option<(String, String)>,
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// A mail program fetching with POP3.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchJob {
    pub host: String,
    pub server: String,
    pub port: u16,
    pub login: String,
    pub password: String,
    pub delete: bool,
    pub apop: bool,
}

type JobId = u64;
type AttemptId = u64;

#[derive(Debug)]
enum Job {
    Send(SendJob),
    Fetch(FetchJob),
}

/// What a DNS answer is for.
#[derive(Clone, Copy, Debug)]
enum DnsPurpose {
    Job(JobId),
    /// A question an MTA delivery asked (MX, implicit A, an MX host's A).
    Delivery(AttemptId),
}

/// One MTA delivery attempt: one queue entry, one destination domain. The
/// decisions are the sans-IO [`mta::Delivery`]'s; the world carries them out.
#[derive(Debug)]
struct Attempt {
    host: String,
    queue_id: String,
    delivery: mta::Delivery,
}

#[derive(Debug)]
enum ClientEnd {
    /// The telnet pane or `mailsim serve`: what the server sends waits in
    /// `rx` until the driver takes it.
    Console { rx: Vec<u8> },
    Smtp {
        session: Box<smtp::client::ClientSession>,
        purpose: SmtpPurpose,
        outcome: Option<smtp::client::DeliveryOutcome>,
    },
    Pop3 {
        session: Box<pop3::client::ClientSession>,
        job: JobId,
    },
}

#[derive(Clone, Copy, Debug)]
enum SmtpPurpose {
    Relay(AttemptId),
    Submit(JobId),
}

#[derive(Debug)]
enum ServerEnd {
    /// The SYN has not arrived yet.
    Pending,
    Smtp {
        session: Box<smtp::server::ServerSession>,
        submission: bool,
    },
    Pop3(Box<pop3::server::ServerSession>),
}

#[derive(Debug)]
struct Conn {
    client_host: String,
    server_host: String,
    client_port: u16,
    port: u16,
    protocol: Protocol,
    client: ClientEnd,
    server: ServerEnd,
    split: Splitter,
    /// Last scheduled arrival per direction, to keep segments in order.
    last_arrival: [SimTime; 2],
    /// Each end has closed its sending side: [client, server].
    closed: [bool; 2],
    close_traced: bool,
    finished: bool,
    /// Armed session timers: [client, server].
    timers: [Option<SimTime>; 2],
    /// The agenda keys the timers are due at (their sequence numbers taken
    /// when they were armed, as for any other action).
    timer_keys: [Option<(SimTime, u64)>; 2],
    /// The keys of the timers' entries in the agenda. A session pushes its
    /// deadline back on every line: rather than removing and inserting an
    /// entry each time, the entry stays where it is (earlier) and, when it
    /// comes up, moves on to `timer_keys` (see `Fate::Moved`).
    armed: [Option<(SimTime, u64)>; 2],
    states: [String; 2],
    /// The link states [to server, to client] as of `World::link_epoch`.
    links: Option<(u64, [LinkState; 2])>,
}

#[derive(Debug)]
enum Action {
    Syn {
        conn: ConnId,
    },
    Arrive {
        conn: ConnId,
        dir: Direction,
        bytes: Vec<u8>,
    },
    Fin {
        conn: ConnId,
        dir: Direction,
    },
    Timer {
        conn: ConnId,
        role: Role,
    },
    DnsAtServer {
        from: String,
        id: u16,
        name: String,
        qtype: RecordType,
        purpose: DnsPurpose,
    },
    DnsDone {
        purpose: DnsPurpose,
        answer: Option<Answer>,
    },
    ConnectFailed {
        attempt: AttemptId,
        reason: String,
    },
    JobConnectFailed {
        job: JobId,
    },
    QueueRun {
        host: String,
        queue_id: String,
    },
    StartJob {
        job: JobId,
    },
    HostState {
        host: String,
        up: bool,
    },
    LinkState {
        a: String,
        b: String,
        up: bool,
    },
}

/// What becomes of an agenda entry that comes up.
enum Fate {
    Run,
    /// A timer disarmed, or of a connection that is gone.
    Stale,
    /// A timer pushed back to this key.
    Moved((SimTime, u64)),
}

fn dir_index(dir: Direction) -> usize {
    match dir {
        Direction::ToServer => 0,
        Direction::ToClient => 1,
    }
}

/// The direction `role` sends in; its index is the role's own
/// (`dir_index(sends(r)) == r as usize`).
fn sends(role: Role) -> Direction {
    match role {
        Role::Client => Direction::ToServer,
        Role::Server => Direction::ToClient,
    }
}

/// The end that bytes travelling in `dir` arrive at.
fn receiver(dir: Direction) -> Role {
    match dir {
        Direction::ToServer => Role::Server,
        Direction::ToClient => Role::Client,
    }
}

/// One end of a simulated TCP connection: the session that runs there,
/// driven the same way whatever its protocol and side (the crate's sans-IO
/// contract: `handle_*` in, then the driver drains the outputs). `host` is
/// the host it runs on, where a server's policy and maildrops live.
trait Endpoint {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8], host: &mut Host);
    fn handle_close(&mut self, now: SimTime, host: &mut Host);
    fn handle_timeout(&mut self, now: SimTime, host: &mut Host);
    fn poll_timeout(&self) -> Option<SimTime>;
    /// The session has ended: its side of the connection closes.
    fn is_closed(&self) -> bool;
}

impl Endpoint for ServerEnd {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8], host: &mut Host) {
        match self {
            ServerEnd::Smtp {
                session,
                submission,
            } => {
                let mut policy = SmtpPolicy {
                    mail: &mut host.mail,
                    submission: *submission,
                };
                session.handle_input(now, bytes, &mut policy);
            }
            ServerEnd::Pop3(session) => session.handle_input(now, bytes, &mut host.mail),
            ServerEnd::Pending => {}
        }
    }
    fn handle_close(&mut self, now: SimTime, host: &mut Host) {
        match self {
            ServerEnd::Smtp { session, .. } => session.handle_close(now),
            ServerEnd::Pop3(session) => session.handle_close(now, &mut host.mail),
            ServerEnd::Pending => {}
        }
    }
    fn handle_timeout(&mut self, now: SimTime, host: &mut Host) {
        match self {
            ServerEnd::Smtp { session, .. } => session.handle_timeout(now),
            ServerEnd::Pop3(session) => session.handle_timeout(now, &mut host.mail),
            ServerEnd::Pending => {}
        }
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        match self {
            ServerEnd::Smtp { session, .. } => session.poll_timeout(),
            ServerEnd::Pop3(session) => session.poll_timeout(),
            ServerEnd::Pending => None,
        }
    }
    fn is_closed(&self) -> bool {
        match self {
            ServerEnd::Smtp { session, .. } => session.is_closed(),
            ServerEnd::Pop3(session) => session.is_closed(),
            ServerEnd::Pending => false,
        }
    }
}

impl Endpoint for ClientEnd {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8], _host: &mut Host) {
        match self {
            ClientEnd::Console { rx } => rx.extend_from_slice(bytes),
            ClientEnd::Smtp { session, .. } => session.handle_input(now, bytes),
            ClientEnd::Pop3 { session, .. } => session.handle_input(now, bytes),
        }
    }
    fn handle_close(&mut self, now: SimTime, _host: &mut Host) {
        match self {
            ClientEnd::Console { .. } => {}
            ClientEnd::Smtp { session, .. } => session.handle_close(now),
            ClientEnd::Pop3 { session, .. } => session.handle_close(now),
        }
    }
    fn handle_timeout(&mut self, now: SimTime, _host: &mut Host) {
        match self {
            ClientEnd::Console { .. } => {}
            ClientEnd::Smtp { session, .. } => session.handle_timeout(now),
            ClientEnd::Pop3 { session, .. } => session.handle_timeout(now),
        }
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        match self {
            ClientEnd::Console { .. } => None,
            ClientEnd::Smtp { session, .. } => session.poll_timeout(),
            ClientEnd::Pop3 { session, .. } => session.poll_timeout(),
        }
    }
    fn is_closed(&self) -> bool {
        match self {
            ClientEnd::Console { .. } => false,
            ClientEnd::Smtp { session, .. } => session.is_closed(),
            ClientEnd::Pop3 { session, .. } => session.is_closed(),
        }
    }
}

impl Conn {
    /// The session at one end.
    fn end(&mut self, role: Role) -> &mut dyn Endpoint {
        match role {
            Role::Client => &mut self.client,
            Role::Server => &mut self.server,
        }
    }

    /// The host one end runs on.
    fn host(&self, role: Role) -> &str {
        match role {
            Role::Client => &self.client_host,
            Role::Server => &self.server_host,
        }
    }
}

/// The whole simulated world.
#[derive(Debug)]
pub struct World {
    now: SimTime,
    rng: SplitMix64,
    seed: u64,
    agenda: BTreeMap<(SimTime, u64), Action>,
    agenda_seq: u64,
    hosts: VecMap<String, Host>,
    by_ip: VecMap<Ipv4Addr, String>,
    zones: Zones,
    dns_host: Option<String>,
    /// from -> to -> state (nested so that lookups borrow `&str`s).
    links: VecMap<String, VecMap<String, LinkState>>,
    /// Bumped whenever a link or host changes, so that connections know
    /// when their cached link states are out of date.
    link_epoch: u64,
    /// Boxed: a connection is taken out of the map while it is worked on,
    /// and moving a pointer is cheaper than moving the whole `Conn`.
    conns: VecMap<ConnId, Box<Conn>>,
    next_conn: ConnId,
    next_port: u16,
    next_dns_id: u16,
    jobs: BTreeMap<JobId, Job>,
    next_job: JobId,
    attempts: VecMap<AttemptId, Attempt>,
    next_attempt: AttemptId,
    /// POP3 leave-on-server: UIDs each (device host, login) has seen.
    known_uids: VecMap<(String, String), BTreeSet<String>>,
    retry: RetryPolicy,
    /// Queue entries (host, queue id) of a down host that are past their
    /// give-up age: no longer polled, run again when the host comes up.
    parked: BTreeSet<(String, String)>,
    max_hops: usize,
    trace: Vec<TraceEvent>,
    /// Sequence number of `trace[0]`: events before it were forgotten
    /// ([`World::forget_trace_before`]) by a long-running driver.
    trace_base: u64,
    next_message: u64,
    /// Bytes received by console connections, kept after they close.
    console_rx: VecMap<ConnId, Vec<u8>>,
    /// Reused buffer for building explanation keys without allocating.
    explain_scratch: String,
    /// Reused buffer for the pieces of a segment (see `transmit`).
    pieces: Vec<Piece>,
}

impl World {
    /// An empty world (no hosts). See [`super::cast`] for the default cast.
    pub fn new(seed: u64) -> Self {
        World {
            now: SimTime::ZERO,
            rng: SplitMix64::new(seed),
            seed,
            agenda: BTreeMap::new(),
            agenda_seq: 0,
            hosts: VecMap::new(),
            by_ip: VecMap::new(),
            zones: Zones::new(),
            dns_host: None,
            links: VecMap::new(),
            link_epoch: 0,
            conns: VecMap::new(),
            next_conn: 1,
            next_port: 49152,
            next_dns_id: 1,
            jobs: BTreeMap::new(),
            next_job: 1,
            attempts: VecMap::new(),
            next_attempt: 1,
            known_uids: VecMap::new(),
            retry: RetryPolicy::default(),
            parked: BTreeSet::new(),
            max_hops: mta::DEFAULT_MAX_HOPS,
            trace: Vec::new(),
            trace_base: 0,
            next_message: 0,
            console_rx: VecMap::new(),
            explain_scratch: String::new(),
            pieces: Vec::new(),
        }
    }

    // ---- setting up -------------------------------------------------------

    /// Adds (or replaces) a host and its A record.
    pub fn add_host(&mut self, config: HostConfig) {
        self.link_epoch += 1;
        self.zones.add_a(&config.name, config.ip);
        self.by_ip.insert(config.ip, config.id.clone());
        self.hosts.insert(config.id.clone(), Host::new(config));
    }

    /// The host that answers DNS questions (UDP port 53).
    pub fn set_dns_host(&mut self, id: &str) {
        self.dns_host = Some(id.to_string());
    }

    pub fn zones_mut(&mut self) -> &mut Zones {
        &mut self.zones
    }

    pub fn zones(&self) -> &Zones {
        &self.zones
    }

    pub fn set_retry_policy(&mut self, retry: RetryPolicy) {
        self.retry = retry;
    }

    pub fn set_max_hops(&mut self, hops: usize) {
        self.max_hops = hops;
    }

    /// Sets both directions of the link between `a` and `b`.
    pub fn set_link(&mut self, a: &str, b: &str, latency: SimDuration, loss_ppm: u32) {
        self.link_epoch += 1;
        for (x, y) in [(a, b), (b, a)] {
            let up = self.link(x, y).up;
            self.links.get_or_default(x.to_string()).insert(
                y.to_string(),
                LinkState {
                    latency,
                    loss_ppm,
                    up,
                },
            );
        }
    }

    /// The state of the direction `from` -> `to`. Without an explicit entry:
    /// 1 ms inside one /24 network, 20 ms across the internet.
    pub fn link(&self, from: &str, to: &str) -> LinkState {
        if let Some(l) = self.links.get(from).and_then(|m| m.get(to)) {
            return *l;
        }
        let same_net = match (self.hosts.get(from), self.hosts.get(to)) {
            (Some(a), Some(b)) => a.config.ip.octets()[..3] == b.config.ip.octets()[..3],
            _ => false,
        };
        let latency = if from == to {
            SimDuration::ZERO
        } else if same_net {
            SimDuration::from_millis(1)
        } else {
            SimDuration::from_millis(20)
        };
        LinkState {
            latency,
            loss_ppm: 0,
            up: true,
        }
    }

    fn set_link_up(&mut self, a: &str, b: &str, up: bool) {
        self.link_epoch += 1;
        for (x, y) in [(a, b), (b, a)] {
            let mut l = self.link(x, y);
            l.up = up;
            self.links
                .get_or_default(x.to_string())
                .insert(y.to_string(), l);
        }
    }

    pub fn host(&self, id: &str) -> Option<&Host> {
        self.hosts.get(id)
    }

    pub fn hosts(&self) -> impl Iterator<Item = &Host> {
        self.hosts.values()
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    // ---- scheduling from scripts ------------------------------------------

    pub fn schedule_send(&mut self, at: SimTime, job: SendJob) {
        let id = self.new_job(Job::Send(job));
        self.schedule(at, Action::StartJob { job: id });
    }

    pub fn schedule_fetch(&mut self, at: SimTime, job: FetchJob) {
        let id = self.new_job(Job::Fetch(job));
        self.schedule(at, Action::StartJob { job: id });
    }

    pub fn schedule_host_state(&mut self, at: SimTime, host: &str, up: bool) {
        self.schedule(
            at,
            Action::HostState {
                host: host.into(),
                up,
            },
        );
    }

    pub fn schedule_link_state(&mut self, at: SimTime, a: &str, b: &str, up: bool) {
        self.schedule(
            at,
            Action::LinkState {
                a: a.into(),
                b: b.into(),
                up,
            },
        );
    }

    fn new_job(&mut self, job: Job) -> JobId {
        let id = self.next_job;
        self.next_job += 1;
        self.jobs.insert(id, job);
        id
    }

    fn schedule(&mut self, at: SimTime, action: Action) -> (SimTime, u64) {
        self.agenda_seq += 1;
        let key = (at.max(self.now), self.agenda_seq);
        self.agenda.insert(key, action);
        key
    }

    // ---- running ------------------------------------------------------------

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
    }

    pub fn into_trace(self) -> Vec<TraceEvent> {
        self.trace
    }

    /// The events with `seq >= seq`.
    pub fn events_since(&self, seq: u64) -> &[TraceEvent] {
        let i = (seq.saturating_sub(self.trace_base) as usize).min(self.trace.len());
        &self.trace[i..]
    }

    /// Forgets the events with `seq` below `seq` (the most recent event is
    /// always kept, for the "N minutes later" notes). `mailsim serve` prints
    /// events and then forgets them, so a server that runs for days keeps no
    /// history; sequence numbers go on counting.
    pub fn forget_trace_before(&mut self, seq: u64) {
        let n =
            (seq.saturating_sub(self.trace_base) as usize).min(self.trace.len().saturating_sub(1));
        self.trace.drain(..n);
        self.trace_base += n as u64;
    }

    /// What to do with the agenda entry `key`.
    fn fate(&self, key: (SimTime, u64), action: &Action) -> Fate {
        match action {
            Action::Timer { conn, role, .. } => {
                let i = if *role == Role::Client { 0 } else { 1 };
                match self.conns.get(conn) {
                    Some(c) if c.armed[i] == Some(key) => match c.timer_keys[i] {
                        Some(k) if k == key => Fate::Run,
                        Some(k) => Fate::Moved(k),
                        None => Fate::Stale,
                    },
                    _ => Fate::Stale,
                }
            }
            _ => Fate::Run,
        }
    }

    /// Takes the first agenda entry if it is due now: a timer whose deadline
    /// was pushed back goes back into the agenda at its real key.
    fn pop_due(&mut self, key: (SimTime, u64)) -> Option<Action> {
        let action = self.agenda.remove(&key)?;
        match self.fate(key, &action) {
            Fate::Run => Some(action),
            Fate::Stale => None,
            Fate::Moved(k) => {
                let Action::Timer { conn, role, .. } = action else {
                    unreachable!("only timers move")
                };
                let i = if role == Role::Client { 0 } else { 1 };
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.armed[i] = Some(k);
                }
                self.agenda.insert(k, Action::Timer { conn, role });
                None
            }
        }
    }

    /// When something is next due (a session timeout included).
    pub fn next_wakeup(&self) -> Option<SimTime> {
        // A timer that will move is due at its real key; the agenda is in
        // key order and real keys are later, so stop at the first entry due
        // where it stands.
        let mut moved: Option<SimTime> = None;
        for (&key, a) in &self.agenda {
            match self.fate(key, a) {
                Fate::Run => return Some(moved.map_or(key.0, |m| m.min(key.0))),
                Fate::Moved(k) => moved = Some(moved.map_or(k.0, |m| m.min(k.0))),
                Fate::Stale => {}
            }
        }
        moved
    }

    /// Runs every event due at or before `until`; the clock ends at `until`.
    pub fn run_until(&mut self, until: SimTime) {
        while let Some((&(t, s), _)) = self.agenda.first_key_value() {
            if t > until {
                break;
            }
            let Some(action) = self.pop_due((t, s)) else {
                continue;
            };
            self.advance(t);
            self.perform(action);
        }
        self.now = self.now.max(until);
    }

    /// Runs until nothing is left to do but session timeouts (an idle
    /// console connection waits for its user, not for its timeout).
    pub fn run_until_idle(&mut self) {
        self.run_until_quiet(SimDuration::MAX);
    }

    /// Like [`World::run_until_idle`], but leaves work that is due more than
    /// `horizon` after the clock (an MTA's retry in 15 minutes) in the
    /// agenda, and the clock where the last quick event left it. For a world
    /// with a person typing in it: a retry must not make time jump past that
    /// person's open session (whose timeout would then fire at once);
    /// [`World::run_until`] lets the time pass when the person asks to.
    pub fn run_until_quiet(&mut self, horizon: SimDuration) {
        loop {
            let next = self
                .agenda
                .iter()
                .find(|(_, a)| !matches!(a, Action::Timer { .. }))
                .map(|(k, _)| *k);
            let Some((t, s)) = next else { break };
            if t > self.now + horizon {
                break;
            }
            while let Some((&(tt, ss), _)) = self.agenda.first_key_value() {
                if (tt, ss) >= (t, s) {
                    break;
                }
                if let Some(a) = self.pop_due((tt, ss)) {
                    self.advance(tt);
                    self.perform(a);
                }
            }
            if let Some(a) = self.agenda.remove(&(t, s)) {
                self.advance(t);
                self.perform(a);
            }
        }
    }

    /// When the next work other than a session timeout is due (a queued
    /// message's retry, a scheduled host or link change), if any.
    pub fn next_work(&self) -> Option<SimTime> {
        self.agenda
            .iter()
            .find(|(_, a)| !matches!(a, Action::Timer { .. }))
            .map(|(k, _)| k.0)
    }

    /// Runs everything, timeouts included, until nothing is scheduled.
    pub fn run_to_end(&mut self) {
        self.run_until(SimTime(u64::MAX));
    }

    fn advance(&mut self, t: SimTime) {
        if let Some(last) = self.trace.last() {
            let gap = t - last.time;
            if gap >= NOTE_GAP {
                let time = t;
                self.now = t;
                self.emit_at(
                    time,
                    "world",
                    "world",
                    EventKind::Note {
                        text: format!("{gap} later"),
                        gap: Some(gap),
                    },
                    Some("world.wait"),
                );
            }
        }
        self.now = self.now.max(t);
    }

    fn emit_at(
        &mut self,
        time: SimTime,
        from: &str,
        to: &str,
        kind: EventKind,
        explain: Option<&'static str>,
    ) {
        let seq = self.trace_base + self.trace.len() as u64;
        let explain = explain.map(std::borrow::Cow::Borrowed);
        self.trace.push(TraceEvent {
            seq,
            time,
            from: from.to_string(),
            to: to.to_string(),
            kind,
            explain,
        });
    }

    fn emit(&mut self, from: &str, to: &str, kind: EventKind, explain: Option<&'static str>) {
        self.emit_at(self.now, from, to, kind, explain);
    }

    fn perform(&mut self, action: Action) {
        match action {
            Action::Syn { conn } => self.on_syn(conn),
            Action::Arrive { conn, dir, bytes } => self.on_arrive(conn, dir, &bytes),
            Action::Fin { conn, dir } => self.on_fin(conn, dir),
            Action::Timer { conn, role, .. } => self.on_timer(conn, role),
            Action::DnsAtServer {
                from,
                id,
                name,
                qtype,
                purpose,
            } => self.on_dns_at_server(from, id, name, qtype, purpose),
            Action::DnsDone { purpose, answer } => self.on_dns_done(purpose, answer),
            Action::ConnectFailed { attempt, reason } => {
                if let Some(a) = self.attempts.get_mut(&attempt) {
                    a.delivery.handle_unreachable(reason);
                    self.drive(attempt);
                }
            }
            Action::JobConnectFailed { job } => {
                self.jobs.remove(&job);
            }
            Action::QueueRun { host, queue_id } => self.queue_run(&host, &queue_id),
            Action::StartJob { job } => self.start_job(job),
            Action::HostState { host, up } => {
                if let Some(h) = self.hosts.get_mut(&host) {
                    h.up = up;
                }
                if up {
                    let woken: Vec<(String, String)> = self
                        .parked
                        .iter()
                        .filter(|(h, _)| *h == host)
                        .cloned()
                        .collect();
                    for (h, queue_id) in woken {
                        self.parked.remove(&(h.clone(), queue_id.clone()));
                        self.schedule(self.now, Action::QueueRun { host: h, queue_id });
                    }
                }
                self.emit(
                    &host,
                    &host,
                    EventKind::HostState {
                        host: host.clone(),
                        up,
                    },
                    Some(if up { "net.host.up" } else { "net.host.down" }),
                );
                if !up {
                    let ids: Vec<ConnId> = self
                        .conns
                        .iter()
                        .filter(|(_, c)| c.client_host == host || c.server_host == host)
                        .map(|(id, _)| *id)
                        .collect();
                    for id in ids {
                        self.reset(id, "the host went down");
                    }
                }
            }
            Action::LinkState { a, b, up } => {
                self.set_link_up(&a, &b, up);
                self.emit(&a, &b, EventKind::LinkState { up }, None);
            }
        }
    }

    // ---- DNS ------------------------------------------------------------------

    fn dns_query(&mut self, from: &str, name: &str, qtype: RecordType, purpose: DnsPurpose) {
        let id = self.next_dns_id;
        self.next_dns_id = self.next_dns_id.wrapping_add(1).max(1);
        let server = self.dns_host.clone().unwrap_or_else(|| from.to_string());
        let key = if qtype == RecordType::MX {
            "dns.query.mx"
        } else {
            "dns.query.a"
        };
        self.emit(
            from,
            &server,
            EventKind::DnsQuery {
                id,
                name: name.to_string(),
                qtype,
            },
            Some(key),
        );
        // Each link looked up once (a lookup is several map searches).
        let (there, back) = (self.link(from, &server), self.link(&server, from));
        let reachable = self.hosts.get(&server).is_some_and(|h| h.up) && there.up && back.up;
        if reachable {
            let at = self.now + self.link_delay(there);
            self.schedule(
                at,
                Action::DnsAtServer {
                    from: from.to_string(),
                    id,
                    name: name.to_string(),
                    qtype,
                    purpose,
                },
            );
        } else {
            self.schedule(
                self.now + DNS_TIMEOUT,
                Action::DnsDone {
                    purpose,
                    answer: None,
                },
            );
        }
    }

    fn on_dns_at_server(
        &mut self,
        from: String,
        id: u16,
        name: String,
        qtype: RecordType,
        purpose: DnsPurpose,
    ) {
        let server = self.dns_host.clone().unwrap_or_else(|| from.clone());
        let answer = self.zones.query(&name, qtype);
        let key = answer.explain_key();
        self.emit(
            &server,
            &from,
            EventKind::DnsAnswer {
                id,
                name,
                qtype,
                answer: answer.clone(),
            },
            Some(key),
        );
        let at = self.now + self.segment_delay(&server, &from);
        self.schedule(
            at,
            Action::DnsDone {
                purpose,
                answer: Some(answer),
            },
        );
    }

    fn on_dns_done(&mut self, purpose: DnsPurpose, answer: Option<Answer>) {
        match purpose {
            DnsPurpose::Job(job) => {
                let target = match answer {
                    Some(Answer::A { addrs }) => addrs.first().copied(),
                    _ => None,
                };
                match target {
                    Some(ip) => self.job_connect(job, ip),
                    None => {
                        self.jobs.remove(&job);
                    }
                }
            }
            DnsPurpose::Delivery(att) => {
                if let Some(a) = self.attempts.get_mut(&att) {
                    a.delivery.handle_dns(answer);
                    self.drive(att);
                }
            }
        }
    }

    /// Resolves a name or host id for the console, synchronously, with the
    /// DNS exchange in the trace when a name was looked up.
    fn resolve_now(&mut self, from: &str, target: &str) -> Result<String, ConnectError> {
        if self.hosts.contains_key(target) {
            return Ok(target.to_string());
        }
        if let Ok(ip) = target.parse::<Ipv4Addr>() {
            return self
                .by_ip
                .get(&ip)
                .cloned()
                .ok_or(ConnectError::Unreachable(Unreachable::HostDown));
        }
        let id = self.next_dns_id;
        self.next_dns_id = self.next_dns_id.wrapping_add(1).max(1);
        let server = self.dns_host.clone().unwrap_or_else(|| from.to_string());
        self.emit(
            from,
            &server,
            EventKind::DnsQuery {
                id,
                name: target.to_string(),
                qtype: RecordType::A,
            },
            Some("dns.query.a"),
        );
        let answer = self.zones.query(target, RecordType::A);
        self.emit(
            &server,
            from,
            EventKind::DnsAnswer {
                id,
                name: target.to_string(),
                qtype: RecordType::A,
                answer: answer.clone(),
            },
            Some(answer.explain_key()),
        );
        match answer {
            Answer::A { addrs } => self
                .by_ip
                .get(&addrs[0])
                .cloned()
                .ok_or(ConnectError::Unreachable(Unreachable::HostDown)),
            _ => Err(ConnectError::UnknownName(target.to_string())),
        }
    }

    // ---- TCP ------------------------------------------------------------------

    fn segment_delay(&mut self, from: &str, to: &str) -> SimDuration {
        let l = self.link(from, to);
        self.link_delay(l)
    }

    /// The link states of a connection [to server, to client], cached on it:
    /// a lookup is up to three searches of string-keyed maps.
    fn conn_links(&self, c: &mut Conn) -> [LinkState; 2] {
        match c.links {
            Some((epoch, l)) if epoch == self.link_epoch => l,
            _ => {
                let l = [
                    self.link(&c.client_host, &c.server_host),
                    self.link(&c.server_host, &c.client_host),
                ];
                c.links = Some((self.link_epoch, l));
                l
            }
        }
    }

    fn link_delay(&mut self, l: LinkState) -> SimDuration {
        let mut d = l.latency;
        // A lost segment is retransmitted after a timeout (RFC 6298 §2: at
        // least 1 s; we use 200 ms + 2 RTT, like Linux's minimum RTO).
        while self.rng.chance_ppm(l.loss_ppm) {
            d = d + SimDuration::from_millis(200) + SimDuration(4 * l.latency.0);
        }
        d
    }

    /// Checks whether `client` can open a connection to `server:port` now.
    fn check_connect(
        &self,
        client: &str,
        server: &str,
        port: u16,
    ) -> Result<Protocol, ConnectError> {
        let h = self
            .hosts
            .get(server)
            .ok_or_else(|| ConnectError::NoSuchHost(server.to_string()))?;
        if !self.hosts.get(client).is_some_and(|c| c.up) || !h.up {
            return Err(ConnectError::Unreachable(Unreachable::HostDown));
        }
        if !self.link(client, server).up || !self.link(server, client).up {
            return Err(ConnectError::Unreachable(Unreachable::LinkDown));
        }
        match port {
            25 if h.smtp.is_some() => Ok(Protocol::Smtp),
            587 if h.submission.is_some() => Ok(Protocol::Smtp),
            110 if h.pop3.is_some() => Ok(Protocol::Pop3),
            _ => Err(ConnectError::Refused),
        }
    }

    fn trace_connect_error(&mut self, client: &str, server: &str, port: u16, err: &ConnectError) {
        match err {
            ConnectError::Refused => self.emit(
                client,
                server,
                EventKind::ConnectionRefused { port },
                Some("tcp.refused"),
            ),
            ConnectError::Unreachable(r) => self.emit(
                client,
                server,
                EventKind::ConnectionUnreachable {
                    port,
                    reason: r.clone(),
                },
                Some("tcp.unreachable"),
            ),
            _ => {}
        }
    }

    /// Opens a connection; the server side starts when the SYN arrives.
    fn open(
        &mut self,
        client_host: &str,
        server_host: &str,
        port: u16,
        protocol: Protocol,
        client: ClientEnd,
    ) -> ConnId {
        let id = self.next_conn;
        self.next_conn += 1;
        let client_port = self.next_port;
        self.next_port = if self.next_port == u16::MAX {
            49152
        } else {
            self.next_port + 1
        };
        let raw = matches!(client, ClientEnd::Console { .. });
        self.conns.insert(
            id,
            Box::new(Conn {
                client_host: client_host.to_string(),
                server_host: server_host.to_string(),
                client_port,
                port,
                protocol,
                client,
                server: ServerEnd::Pending,
                split: Splitter::new(protocol, raw),
                last_arrival: [self.now; 2],
                closed: [false; 2],
                close_traced: false,
                finished: false,
                timers: [None; 2],
                timer_keys: [None; 2],
                armed: [None; 2],
                states: [String::new(), String::new()],
                links: None,
            }),
        );
        let at = self.now + self.segment_delay(client_host, server_host);
        self.schedule(at, Action::Syn { conn: id });
        id
    }

    fn on_syn(&mut self, id: ConnId) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        let Some(host) = self.hosts.get(&c.server_host) else {
            return;
        };
        let client_ip = self
            .hosts
            .get(&c.client_host)
            .map(|h| h.config.ip)
            .unwrap_or(Ipv4Addr::UNSPECIFIED);
        let peer = smtp::server::PeerInfo {
            ip: client_ip,
            port: c.client_port,
        };
        // The trace is made from the bytes: the sessions' copies of every
        // command and reply would only be thrown away.
        let smtp_server = |config: &std::sync::Arc<smtp::server::ServerConfig>| {
            let mut s = smtp::server::ServerSession::new(config.clone(), peer, self.now);
            s.set_wire_events(false);
            Box::new(s)
        };
        c.server = match c.port {
            25 => ServerEnd::Smtp {
                session: smtp_server(host.smtp.as_ref().expect("checked")),
                submission: false,
            },
            587 => ServerEnd::Smtp {
                session: smtp_server(host.submission.as_ref().expect("checked")),
                submission: true,
            },
            _ => {
                let mut s = pop3::server::ServerSession::new(
                    host.pop3.clone().expect("checked"),
                    id,
                    self.now,
                );
                s.set_wire_events(false);
                ServerEnd::Pop3(Box::new(s))
            }
        };
        let (from, to) = (c.client_host.clone(), c.server_host.clone());
        self.emit(
            &from,
            &to,
            EventKind::ConnectionOpened {
                conn: id,
                port: c.port,
                protocol: c.protocol,
            },
            Some("tcp.open"),
        );
        self.pump(id, c);
    }

    fn transmit(&mut self, id: ConnId, c: &mut Conn, dir: Direction, bytes: Vec<u8>) {
        let link = self.conn_links(c)[dir_index(dir)];
        let (from, to) = match dir {
            Direction::ToServer => (c.client_host.as_str(), c.server_host.as_str()),
            Direction::ToClient => (c.server_host.as_str(), c.client_host.as_str()),
        };
        let mut pieces = std::mem::take(&mut self.pieces);
        c.split.feed_into(dir, &bytes, &mut pieces);
        for piece in pieces.drain(..) {
            let kind;
            let key;
            match piece {
                Piece::Line {
                    text,
                    parsed,
                    key: chosen,
                } => {
                    key = chosen.or_else(|| self.explain_key(c.protocol, &parsed));
                    kind = EventKind::Line {
                        conn: id,
                        dir,
                        protocol: c.protocol,
                        text,
                        parsed,
                    };
                }
                Piece::Payload {
                    text,
                    lines,
                    key: chosen,
                } => {
                    key = chosen;
                    kind = EventKind::Payload {
                        conn: id,
                        dir,
                        protocol: c.protocol,
                        text,
                        lines,
                    };
                }
            }
            self.emit(from, to, kind, key);
        }
        self.pieces = pieces;
        if !link.up {
            // Nothing gets through: the sender gives up on the connection.
            return;
        }
        let at = (self.now + self.link_delay(link)).max(c.last_arrival[dir_index(dir)]);
        c.last_arrival[dir_index(dir)] = at;
        self.schedule(
            at,
            Action::Arrive {
                conn: id,
                dir,
                bytes,
            },
        );
    }

    fn on_arrive(&mut self, id: ConnId, dir: Direction, bytes: &[u8]) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        let at = receiver(dir);
        if !c.closed[at as usize] {
            if let Some(host) = self.hosts.get_mut(c.host(at)) {
                c.end(at).handle_input(self.now, bytes, host);
            }
        }
        self.pump(id, c);
    }

    /// The FIN of `dir`'s sender arrived: the receiving session learns
    /// that the peer has gone.
    fn on_fin(&mut self, id: ConnId, dir: Direction) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        self.close_end(&mut c, receiver(dir));
        self.pump(id, c);
    }

    fn on_timer(&mut self, id: ConnId, role: Role) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        if let Some(host) = self.hosts.get_mut(c.host(role)) {
            c.end(role).handle_timeout(self.now, host);
        }
        self.pump(id, c);
    }

    /// Tells the session at `role` that the connection is gone, once.
    fn close_end(&mut self, c: &mut Conn, role: Role) {
        if !c.closed[role as usize] {
            if let Some(host) = self.hosts.get_mut(c.host(role)) {
                c.end(role).handle_close(self.now, host);
            }
            c.closed[role as usize] = true;
        }
    }

    /// Tears a connection down at once (a host went down, a link broke).
    fn reset(&mut self, id: ConnId, reason: &str) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        if !c.close_traced {
            c.close_traced = true;
            let (a, b) = (c.client_host.clone(), c.server_host.clone());
            self.emit(
                &a,
                &b,
                EventKind::ConnectionReset {
                    conn: id,
                    reason: reason.to_string(),
                },
                Some("tcp.reset"),
            );
        }
        self.close_end(&mut c, Role::Server);
        self.close_end(&mut c, Role::Client);
        // Drain events (e.g. the client's Finished) but send nothing more.
        self.drain_events(id, &mut c);
        self.finish_conn(id, c);
    }

    /// Moves everything the two sessions produced onto the network and into
    /// the trace, handles their events, closes, and re-arms timers.
    fn pump(&mut self, id: ConnId, mut c: Box<Conn>) {
        loop {
            let mut progressed = false;
            let server_open = !c.closed[Role::Server as usize];
            while let Some(bytes) = server_output(&mut c.server, &mut c.split, server_open) {
                if server_open {
                    self.transmit(id, &mut c, Direction::ToClient, bytes);
                }
                progressed = true;
            }
            while let Some(bytes) = client_output(&mut c.client) {
                if !c.closed[Role::Client as usize] {
                    self.transmit(id, &mut c, Direction::ToServer, bytes);
                }
                progressed = true;
            }
            progressed |= self.drain_events(id, &mut c);
            if !progressed {
                break;
            }
        }
        // Closing: a session that has ended closes its side of the
        // connection (the server's first, as the trace has always shown).
        for role in [Role::Server, Role::Client] {
            if c.end(role).is_closed() && !c.closed[role as usize] {
                c.closed[role as usize] = true;
                self.trace_close(id, &mut c, role);
                let dir = sends(role);
                let i = dir_index(dir);
                let at = (self.now + self.conn_links(&mut c)[i].latency).max(c.last_arrival[i]);
                self.schedule(at, Action::Fin { conn: id, dir });
            }
        }
        if c.closed == [true; 2] {
            self.finish_conn(id, c);
            return;
        }
        // Timers.
        for role in [Role::Client, Role::Server] {
            let i = role as usize;
            let w = if c.closed[i] {
                None
            } else {
                c.end(role).poll_timeout()
            };
            if w != c.timers[i] {
                c.timers[i] = w;
                // The key is taken now, exactly as `schedule` would.
                c.timer_keys[i] = w.map(|at| {
                    self.agenda_seq += 1;
                    (at.max(self.now), self.agenda_seq)
                });
                match (c.armed[i], c.timer_keys[i]) {
                    // Pushed back: the armed entry moves on when it comes up.
                    (Some(old), Some(new)) if old <= new => {}
                    (old, new) => {
                        if let Some(old) = old {
                            self.agenda.remove(&old);
                        }
                        if let Some(new) = new {
                            self.agenda.insert(new, Action::Timer { conn: id, role });
                        }
                        c.armed[i] = new;
                    }
                }
            }
        }
        self.conns.insert(id, c);
    }

    fn trace_close(&mut self, id: ConnId, c: &mut Conn, by: Role) {
        if c.close_traced {
            return;
        }
        c.close_traced = true;
        let (a, b) = match by {
            Role::Client => (c.client_host.as_str(), c.server_host.as_str()),
            Role::Server => (c.server_host.as_str(), c.client_host.as_str()),
        };
        self.emit(
            a,
            b,
            EventKind::ConnectionClosed { conn: id },
            Some("tcp.close"),
        );
    }

    /// Handles the sessions' events; true if any came.
    fn drain_events(&mut self, id: ConnId, c: &mut Conn) -> bool {
        let mut any = false;
        let proto = c.protocol;
        // Server events.
        loop {
            let mut state_key = None;
            let state = match &mut c.server {
                ServerEnd::Smtp { session, .. } => match session.poll_event() {
                    None => break,
                    Some(smtp::server::ServerEvent::StateChanged { to, .. }) => {
                        Some(Cow::Borrowed(to.name()))
                    }
                    Some(smtp::server::ServerEvent::MessageAccepted {
                        envelope,
                        queue_id,
                        size,
                    }) => {
                        self.on_accepted(&c.server_host, &queue_id, &envelope, size);
                        None
                    }
                    Some(_) => None,
                },
                ServerEnd::Pop3(session) => match session.poll_event() {
                    None => break,
                    Some(pop3::server::ServerEvent::StateChanged { to, .. }) => {
                        state_key = Some(to.explain_key());
                        Some(Cow::Owned(to.to_string()))
                    }
                    Some(pop3::server::ServerEvent::Retrieved { user, uid }) => {
                        let (h, cl) = (c.server_host.clone(), c.client_host.clone());
                        self.emit(
                            &h,
                            &cl,
                            EventKind::Retrieved {
                                host: h.clone(),
                                mailbox: user,
                                uid,
                            },
                            Some("pop3.retrieved"),
                        );
                        None
                    }
                    Some(pop3::server::ServerEvent::Updated { user, deleted }) => {
                        let h = c.server_host.clone();
                        for uid in deleted {
                            self.emit(
                                &h,
                                &h,
                                EventKind::Deleted {
                                    host: h.clone(),
                                    mailbox: user.clone(),
                                    uid,
                                },
                                Some("pop3.deleted"),
                            );
                        }
                        None
                    }
                    Some(_) => None,
                },
                ServerEnd::Pending => break,
            };
            any = true;
            if let Some(state) = state {
                if c.states[1] != *state {
                    c.states[1].clear();
                    c.states[1].push_str(&state);
                    let h = c.server_host.as_str();
                    self.emit(
                        h,
                        h,
                        EventKind::StateChanged {
                            conn: id,
                            protocol: proto,
                            role: Role::Server,
                            state: state.into_owned(),
                        },
                        state_key,
                    );
                }
            }
        }
        // Client events.
        loop {
            let state = match &mut c.client {
                ClientEnd::Console { .. } => break,
                ClientEnd::Smtp {
                    session,
                    outcome,
                    purpose,
                } => match session.poll_event() {
                    None => break,
                    Some(smtp::client::ClientEvent::StateChanged { to, .. }) => {
                        Some(Cow::Borrowed(to.name()))
                    }
                    Some(smtp::client::ClientEvent::Finished(o)) => {
                        // The relay knows the outcome as soon as the last reply
                        // came; QUIT is only politeness.
                        match *purpose {
                            SmtpPurpose::Relay(att) => {
                                *outcome = Some(smtp::client::DeliveryOutcome {
                                    recipients: Vec::new(),
                                });
                                self.attempt_result(att, Some(o), &c.server_host);
                            }
                            SmtpPurpose::Submit(_) => *outcome = Some(o),
                        }
                        None
                    }
                    Some(_) => None,
                },
                ClientEnd::Pop3 { session, job } => match session.poll_event() {
                    None => break,
                    Some(pop3::client::ClientEvent::StateChanged { to, .. }) => {
                        Some(Cow::Owned(to.to_string()))
                    }
                    Some(pop3::client::ClientEvent::Finished(o)) => {
                        if let Some(Job::Fetch(f)) = self.jobs.get(job) {
                            self.known_uids
                                .insert((f.host.clone(), f.login.clone()), o.known_uids);
                        }
                        None
                    }
                    Some(_) => None,
                },
            };
            any = true;
            if let Some(state) = state {
                if c.states[0] != *state {
                    c.states[0].clear();
                    c.states[0].push_str(&state);
                    let h = c.client_host.as_str();
                    self.emit(
                        h,
                        h,
                        EventKind::StateChanged {
                            conn: id,
                            protocol: proto,
                            role: Role::Client,
                            state: state.into_owned(),
                        },
                        None,
                    );
                }
            }
        }
        any
    }

    /// Both sides are closed: settle whatever the connection was for.
    fn finish_conn(&mut self, id: ConnId, mut c: Box<Conn>) {
        if c.finished {
            return;
        }
        c.finished = true;
        for key in c.armed.iter_mut().filter_map(Option::take) {
            self.agenda.remove(&key);
        }
        c.timer_keys = [None; 2];
        let done = ClientEnd::Console { rx: Vec::new() };
        match std::mem::replace(&mut c.client, done) {
            ClientEnd::Smtp {
                purpose: SmtpPurpose::Relay(att),
                outcome: None,
                ..
            } => self.attempt_result(att, None, &c.server_host),
            ClientEnd::Smtp {
                purpose: SmtpPurpose::Relay(_),
                ..
            } => {}
            ClientEnd::Smtp {
                purpose: SmtpPurpose::Submit(job),
                ..
            }
            | ClientEnd::Pop3 { job, .. } => {
                self.jobs.remove(&job);
            }
            ClientEnd::Console { rx } => {
                // What the console has not taken yet outlives the
                // connection, until it is taken (then the entry goes).
                if !rx.is_empty() {
                    self.console_rx.insert(id, rx);
                }
            }
        }
    }

    // ---- the MTA ----------------------------------------------------------------

    fn on_accepted(
        &mut self,
        host: &str,
        queue_id: &str,
        envelope: &smtp::server::Envelope,
        size: usize,
    ) {
        let Some(h) = self.hosts.get_mut(host) else {
            return;
        };
        h.mail.accepted.retain(|q| q != queue_id);
        let message_id = h
            .mail
            .queue
            .get(queue_id)
            .and_then(|e| mta::header_value(&e.data, "Message-ID"));
        let from = match &envelope.from {
            ReversePath::Null => String::new(),
            ReversePath::Mailbox(m) => m.to_string(),
        };
        let rcpts = envelope.to.iter().map(|m| m.to_string()).collect();
        self.emit(
            host,
            host,
            EventKind::Queued {
                host: host.to_string(),
                queue_id: queue_id.to_string(),
                from,
                rcpts,
                size,
                message_id,
            },
            Some("mta.queued"),
        );
        self.schedule(
            self.now,
            Action::QueueRun {
                host: host.to_string(),
                queue_id: queue_id.to_string(),
            },
        );
    }

    /// Queues a message the host made itself (a bounce) and traces it.
    fn enqueue_local(
        &mut self,
        host: &str,
        from: String,
        rcpts: Vec<String>,
        data: Vec<u8>,
    ) -> String {
        let now = self.now;
        let h = self.hosts.get_mut(host).expect("host");
        let size = data.len();
        let message_id = mta::header_value(&data, "Message-ID");
        let id = h.mail.enqueue(from.clone(), rcpts.clone(), data, now);
        self.emit(
            host,
            host,
            EventKind::Queued {
                host: host.to_string(),
                queue_id: id.clone(),
                from,
                rcpts,
                size,
                message_id,
            },
            // Not `mta.queued`: no client was answered 250 for this one.
            Some("mta.bounce.queued"),
        );
        self.schedule(
            now,
            Action::QueueRun {
                host: host.to_string(),
                queue_id: id.clone(),
            },
        );
        id
    }

    fn queue_run(&mut self, host: &str, queue_id: &str) {
        let now = self.now;
        let max_hops = self.max_hops;
        let Some(h) = self.hosts.get_mut(host) else {
            return;
        };
        if !h.up {
            let Some(entry) = h.mail.queue.get(queue_id) else {
                return;
            };
            let (host, queue_id) = (host.to_string(), queue_id.to_string());
            match entry.when_host_down(now, &self.retry) {
                Some(at) => {
                    self.schedule(at, Action::QueueRun { host, queue_id });
                }
                None => {
                    self.parked.insert((host, queue_id));
                }
            }
            return;
        }
        let Some(entry) = h.mail.queue.get_mut(queue_id) else {
            return;
        };
        let pending = match entry.start_round(max_hops) {
            mta::Round::Busy => return,
            mta::Round::Loop => return self.settle(host, queue_id),
            mta::Round::Try(pending) => pending,
        };
        // Local recipients first, then one attempt per remote domain.
        let mut remote: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut local = Vec::new();
        for mut rcpt in pending {
            // Bare `<postmaster>` (RFC 5321 §4.5.1) is this host's: its
            // postmaster account, or, for a host without accounts, the
            // postmaster of the first domain it serves (see
            // `MailState::postmaster_account`).
            if !rcpt.contains('@') && h.mail.is_postmaster(&rcpt) {
                if h.mail.postmaster_account().is_none() {
                    if let Some(fwd) = h.mail.postmaster_forward() {
                        rcpt = fwd;
                    }
                }
                if !rcpt.contains('@') {
                    local.push(rcpt);
                    continue;
                }
            }
            let domain = mta::domain_of(&rcpt);
            if h.mail.is_local(&domain) || domain.is_empty() {
                local.push(rcpt);
            } else {
                remote.entry(domain).or_default().push(rcpt);
            }
        }
        for rcpt in local {
            self.deliver_local(host, queue_id, &rcpt);
        }
        let h = self.hosts.get_mut(host).expect("host");
        let entry = h.mail.queue.get_mut(queue_id).expect("entry");
        entry.active += remote.len();
        let self_name = h.config.name.clone();
        let smarthost = h.mail.smarthost.clone();
        for (domain, rcpts) in remote {
            let att = self.next_attempt;
            self.next_attempt += 1;
            let delivery = mta::Delivery::new(&domain, rcpts, &self_name, smarthost.as_deref());
            self.attempts.insert(
                att,
                Attempt {
                    host: host.to_string(),
                    queue_id: queue_id.to_string(),
                    delivery,
                },
            );
            self.drive(att);
        }
        self.settle(host, queue_id);
    }

    /// Carries out what an attempt's [`mta::Delivery`] asks for next.
    fn drive(&mut self, att: AttemptId) {
        let Some(a) = self.attempts.get_mut(&att) else {
            return;
        };
        match a.delivery.poll_step() {
            None => {}
            Some(mta::Step::Query { name, qtype }) => {
                let host = a.host.clone();
                self.dns_query(&host, &name, qtype, DnsPurpose::Delivery(att));
            }
            Some(mta::Step::Connect { ip, .. }) => self.attempt_connect(att, ip),
            Some(mta::Step::Finished) => {
                let a = self.attempts.remove(&att).expect("attempt");
                let result = a.delivery.finish();
                if let Some(e) = self
                    .hosts
                    .get_mut(&a.host)
                    .and_then(|h| h.mail.queue.get_mut(&a.queue_id))
                {
                    e.record(result);
                }
                self.settle(&a.host, &a.queue_id);
            }
        }
    }

    fn deliver_local(&mut self, host: &str, queue_id: &str, rcpt: &str) {
        let h = self.hosts.get_mut(host).expect("host");
        let entry = h.mail.queue.get(queue_id).expect("entry");
        let login = h.mail.account_for(rcpt).map(|a| a.login.clone());
        let Some(login) = login else {
            let e = h.mail.queue.get_mut(queue_id).expect("entry");
            e.failed.push(Failure {
                rcpt: rcpt.to_string(),
                status: "5.1.1".into(),
                diagnostic: format!("x-mailsim; no mailbox for <{rcpt}> at {}", h.mail.name),
                remote_mta: None,
                explain: "smtp.esc.5.1.1",
            });
            return;
        };
        let data = mta::prepend_header(&entry.data, &mta::return_path(&entry.from));
        let message_id = mta::header_value(&data, "Message-ID");
        let drop = h
            .mail
            .maildrops
            .get_or_insert_with(login.clone(), || super::host::Maildrop {
                messages: Vec::new(),
                locked: false,
            });
        let uid = format!("{queue_id}.{}", drop.messages.len() + 1);
        let text = crate::lossy(&data).into_owned();
        drop.messages.push(pop3::server::StoredMessage {
            uid: uid.clone(),
            data,
        });
        self.emit(
            host,
            host,
            EventKind::Delivered {
                host: host.to_string(),
                queue_id: queue_id.to_string(),
                rcpt: rcpt.to_string(),
                mailbox: login,
                uid,
                message_id,
                message: text,
            },
            Some("mta.delivered"),
        );
    }

    fn attempt_connect(&mut self, att: AttemptId, ip: Ipv4Addr) {
        let Some(a) = self.attempts.get_mut(&att) else {
            return;
        };
        let host = a.host.clone();
        let Some(target) = self.by_ip.get(&ip).cloned() else {
            a.delivery.handle_unreachable(format!("no host at {ip}"));
            return self.drive(att);
        };
        match self.check_connect(&host, &target, 25) {
            Ok(protocol) => {
                let a = &self.attempts[&att];
                let e = &self.hosts[&host].mail.queue[&a.queue_id];
                let from = if e.from.is_empty() {
                    ReversePath::Null
                } else {
                    ReversePath::Mailbox(
                        Mailbox::parse(&e.from)
                            .unwrap_or_else(|_| Mailbox::new("postmaster", "invalid")),
                    )
                };
                let rcpts: Vec<Mailbox> = a
                    .delivery
                    .recipients()
                    .iter()
                    .filter_map(|r| Mailbox::parse(r).ok())
                    .collect();
                let config = smtp::client::ClientConfig::new(self.hosts[&host].config.name.clone());
                let mut session =
                    smtp::client::ClientSession::new(config, from, rcpts, e.data.clone(), self.now);
                session.set_wire_events(false);
                let client = ClientEnd::Smtp {
                    session: Box::new(session),
                    purpose: SmtpPurpose::Relay(att),
                    outcome: None,
                };
                self.open(&host, &target, 25, protocol, client);
            }
            Err(err) => {
                self.trace_connect_error(&host, &target, 25, &err);
                let delay = match err {
                    ConnectError::Refused => {
                        self.link(&host, &target).latency + self.link(&target, &host).latency
                    }
                    _ => CONNECT_TIMEOUT,
                };
                let reason = format!("connect to {}:25: {err}", self.hosts[&target].config.name);
                self.schedule(
                    self.now + delay,
                    Action::ConnectFailed {
                        attempt: att,
                        reason,
                    },
                );
            }
        }
    }

    /// An SMTP session of an attempt ended (`None`: before its outcome).
    fn attempt_result(
        &mut self,
        att: AttemptId,
        outcome: Option<smtp::client::DeliveryOutcome>,
        server_host: &str,
    ) {
        let remote = self.hosts.get(server_host).map(|h| h.config.name.clone());
        let Some(a) = self.attempts.get_mut(&att) else {
            return;
        };
        let Some(outcome) = outcome else {
            a.delivery
                .handle_lost(remote.as_deref().unwrap_or_default());
            return self.drive(att);
        };
        let relayed = a.delivery.handle_outcome(outcome, remote.as_deref());
        let (host, qid) = (a.host.clone(), a.queue_id.clone());
        if !relayed.is_empty() {
            self.emit(
                &host,
                server_host,
                EventKind::Relayed {
                    host: host.clone(),
                    queue_id: qid,
                    rcpts: relayed,
                    to_host: server_host.to_string(),
                    remote_id: None,
                },
                Some("mta.relayed"),
            );
        }
        self.drive(att);
    }

    /// After every attempt of a round ended: bounce, retry or forget, as
    /// the queue entry decides ([`mta::QueueEntry::settle`]).
    fn settle(&mut self, host: &str, queue_id: &str) {
        let now = self.now;
        let Some(e) = self
            .hosts
            .get_mut(host)
            .and_then(|h| h.mail.queue.get_mut(queue_id))
        else {
            return;
        };
        let Some(settled) = e.settle(now, &self.retry) else {
            return;
        };
        if let Some(r) = settled.retry {
            self.emit(
                host,
                host,
                EventKind::RetryScheduled {
                    host: host.into(),
                    queue_id: queue_id.into(),
                    rcpts: r.rcpts,
                    attempt: r.attempt,
                    next: r.at,
                    reason: r.reason,
                },
                Some("mta.retry"),
            );
            self.schedule(
                r.at,
                Action::QueueRun {
                    host: host.into(),
                    queue_id: queue_id.into(),
                },
            );
        }
        if !settled.bounce.is_empty() {
            self.bounce(host, queue_id, settled.bounce, settled.gave_up);
        }
        if settled.done {
            if let Some(h) = self.hosts.get_mut(host) {
                h.mail.queue.remove(queue_id);
            }
        }
    }

    fn bounce(&mut self, host: &str, queue_id: &str, failed: Vec<Failure>, gave_up: bool) {
        let now = self.now;
        let h = self.hosts.get_mut(host).expect("host");
        let e = h.mail.queue.get(queue_id).expect("entry");
        let rcpts: Vec<String> = failed.iter().map(|f| f.rcpt.clone()).collect();
        let reason = failed
            .iter()
            .map(|f| format!("<{}>: {}", f.rcpt, f.diagnostic))
            .collect::<Vec<_>>()
            .join("; ");
        let explain = if gave_up { "mta.giveup" } else { "mta.bounce" };
        if e.is_bounce() {
            self.emit(
                host,
                host,
                EventKind::BounceDiscarded {
                    host: host.into(),
                    queue_id: queue_id.into(),
                    rcpts,
                    reason,
                },
                Some("mta.bounce.discarded"),
            );
            return;
        }
        let to = e.from.clone();
        let arrival = rfc5322_date(e.arrived);
        let original = e.data.clone();
        let name = h.mail.name.clone();
        let bounce_id = h.mail.new_queue_id();
        let data = mta::build_bounce(
            &BounceInfo {
                reporting_mta: &name,
                queue_id,
                to: &to,
                arrival_date: &arrival,
                date: &rfc5322_date(now),
                bounce_id: &bounce_id,
                gave_up,
            },
            &original,
            &failed,
        );
        self.emit(
            host,
            host,
            EventKind::Bounced {
                host: host.into(),
                queue_id: queue_id.into(),
                rcpts,
                to: to.clone(),
                reason,
                bounce_id,
            },
            Some(explain),
        );
        self.enqueue_local(host, String::new(), vec![to], data);
    }

    // ---- the mail programs --------------------------------------------------

    fn start_job(&mut self, job: JobId) {
        let (host, server) = match self.jobs.get(&job) {
            Some(Job::Send(s)) => (s.from_host.clone(), s.server.clone()),
            Some(Job::Fetch(f)) => (f.host.clone(), f.server.clone()),
            None => return,
        };
        if let Some(h) = self.hosts.get(&server) {
            let ip = h.config.ip;
            return self.job_connect(job, ip);
        }
        self.dns_query(&host, &server, RecordType::A, DnsPurpose::Job(job));
    }

    /// An RFC 5322 message as John's mail program writes it.
    fn compose(&mut self, s: &SendJob) -> Vec<u8> {
        use crate::message::push_u64;
        self.next_message += 1;
        let host_name = self
            .hosts
            .get(&s.from_host)
            .map_or(s.from_host.as_str(), |h| h.config.name.as_str());
        // `Local <addr>` with the local part's first letter upper-cased.
        let display = |m: &mut String, addr: &str| {
            let local = addr.split('@').next().unwrap_or(addr);
            let mut chars = local.chars();
            if let Some(c) = chars.next() {
                m.push(c.to_ascii_uppercase());
            }
            m.push_str(chars.as_str());
            m.push_str(" <");
            m.push_str(addr);
            m.push('>');
        };
        // Pushed piece by piece (no `format!`): one message per job.
        let mut m = String::with_capacity(256 + s.body.len() + s.subject.len());
        m.push_str("From: ");
        display(&mut m, &s.from);
        m.push_str("\r\nTo: ");
        for (i, t) in s.to.iter().enumerate() {
            if i > 0 {
                m.push_str(", ");
            }
            display(&mut m, t);
        }
        m.push_str("\r\nSubject: ");
        m.push_str(&s.subject);
        m.push_str("\r\nDate: ");
        m.push_str(&rfc5322_date(self.now));
        m.push_str("\r\nMessage-ID: <");
        push_u64(&mut m, self.now.as_micros() / 1_000_000 + 1_795_510_800);
        m.push('.');
        push_u64(&mut m, self.next_message);
        m.push('@');
        m.push_str(host_name);
        m.push_str(">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        for line in s.body.lines() {
            m.push_str(line);
            m.push_str("\r\n");
        }
        m.into_bytes()
    }

    fn job_connect(&mut self, job: JobId, ip: Ipv4Addr) {
        let Some(target) = self.by_ip.get(&ip).cloned() else {
            self.jobs.remove(&job);
            return;
        };
        let (host, port) = match self.jobs.get(&job) {
            Some(Job::Send(s)) => (s.from_host.clone(), s.port),
            Some(Job::Fetch(f)) => (f.host.clone(), f.port),
            None => return,
        };
        let protocol = match self.check_connect(&host, &target, port) {
            Ok(p) => p,
            Err(err) => {
                self.trace_connect_error(&host, &target, port, &err);
                self.schedule(self.now, Action::JobConnectFailed { job });
                return;
            }
        };
        let client = match self.jobs.get(&job) {
            Some(Job::Send(s)) => {
                let s = s.clone();
                let data = self.compose(&s);
                let from = ReversePath::Mailbox(
                    Mailbox::parse(&s.from).unwrap_or_else(|_| Mailbox::new("invalid", "invalid")),
                );
                let rcpts =
                    s.to.iter()
                        .filter_map(|t| crate::scenario::parse_recipient(t).ok())
                        .collect();
                let mut config =
                    smtp::client::ClientConfig::new(self.hosts[&host].config.name.clone());
                config.auth = s.auth.clone();
                let mut session =
                    smtp::client::ClientSession::new(config, from, rcpts, data, self.now);
                session.set_wire_events(false);
                ClientEnd::Smtp {
                    session: Box::new(session),
                    purpose: SmtpPurpose::Submit(job),
                    outcome: None,
                }
            }
            Some(Job::Fetch(f)) => {
                let mut config =
                    pop3::client::ClientConfig::new(f.login.clone(), f.password.clone());
                config.use_apop = f.apop;
                config.delete_after_retrieve = f.delete;
                config.known_uids = self
                    .known_uids
                    .get(&(f.host.clone(), f.login.clone()))
                    .cloned()
                    .unwrap_or_default();
                let mut session = pop3::client::ClientSession::new(config, self.now);
                session.set_wire_events(false);
                ClientEnd::Pop3 {
                    session: Box::new(session),
                    job,
                }
            }
            None => return,
        };
        self.open(&host, &target, port, protocol, client);
    }

    // ---- the console (telnet pane, `mailsim serve`) ------------------------------

    /// Opens a raw connection from `from_host` to `target:port`, where
    /// `target` is a host id, a DNS name (looked up, in the trace) or an IP.
    /// The server's greeting arrives after the network latency: run the
    /// world, then [`World::take_received`].
    pub fn connect(
        &mut self,
        from_host: &str,
        target: &str,
        port: u16,
    ) -> Result<ConnId, ConnectError> {
        if !self.hosts.contains_key(from_host) {
            return Err(ConnectError::NoSuchHost(from_host.to_string()));
        }
        let server = self.resolve_now(from_host, target)?;
        match self.check_connect(from_host, &server, port) {
            Ok(protocol) => {
                let console = ClientEnd::Console { rx: Vec::new() };
                Ok(self.open(from_host, &server, port, protocol, console))
            }
            Err(e) => {
                self.trace_connect_error(from_host, &server, port, &e);
                Err(e)
            }
        }
    }

    /// Sends raw bytes on a console connection (they appear in the trace).
    pub fn send_bytes(&mut self, conn: ConnId, bytes: &[u8]) {
        let Some(mut c) = self.conns.remove(&conn) else {
            return;
        };
        if matches!(c.client, ClientEnd::Console { .. }) && !c.closed[Role::Client as usize] {
            self.transmit(conn, &mut c, Direction::ToServer, bytes.to_vec());
        }
        self.conns.insert(conn, c);
    }

    /// Sends one line, adding CRLF.
    pub fn send_line(&mut self, conn: ConnId, line: &str) {
        let mut b = Vec::with_capacity(line.len() + 2);
        b.extend_from_slice(line.as_bytes());
        b.extend_from_slice(b"\r\n");
        self.send_bytes(conn, &b);
    }

    /// The bytes the server sent to this console connection since the last call.
    pub fn take_received(&mut self, conn: ConnId) -> Vec<u8> {
        match self.conns.get_mut(&conn).map(|c| &mut c.client) {
            Some(ClientEnd::Console { rx }) => std::mem::take(rx),
            // Closed: what was left when it closed, once (no entry is kept
            // for a connection whose bytes were all taken).
            _ => self.console_rx.remove(&conn).unwrap_or_default(),
        }
    }

    /// Whether the console connection is still open at the console's end:
    /// neither closed by [`World::close`] nor closed by the server with its
    /// FIN arrived. The FIN travels behind the server's last bytes, so once
    /// this is false, [`World::take_received`] has everything (a `221` or
    /// `+OK` sign-off included).
    pub fn is_open(&self, conn: ConnId) -> bool {
        self.conns
            .get(&conn)
            .is_some_and(|c| !c.closed[Role::Client as usize])
    }

    /// Closes a console connection from the client side.
    pub fn close(&mut self, conn: ConnId) {
        let Some(mut c) = self.conns.remove(&conn) else {
            return;
        };
        if !c.closed[Role::Client as usize] {
            c.closed[Role::Client as usize] = true;
            self.trace_close(conn, &mut c, Role::Client);
            let at = (self.now + self.conn_links(&mut c)[0].latency).max(c.last_arrival[0]);
            self.schedule(
                at,
                Action::Fin {
                    conn,
                    dir: Direction::ToServer,
                },
            );
        }
        if c.closed[Role::Server as usize] {
            self.finish_conn(conn, c);
        } else {
            self.conns.insert(conn, c);
        }
    }

    // ---- looking inside -----------------------------------------------------

    /// The messages in a maildrop now.
    pub fn mailbox(&self, host: &str, login: &str) -> Vec<pop3::server::StoredMessage> {
        self.hosts
            .get(host)
            .and_then(|h| h.mail.maildrops.get(login))
            .map(|d| d.messages.clone())
            .unwrap_or_default()
    }

    /// Queue ids waiting on a host now.
    pub fn queue(&self, host: &str) -> Vec<String> {
        self.hosts
            .get(host)
            .map(|h| h.mail.queue.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// The server's next output, with what the session decided about each
/// reply in it handed to the splitter first (unless nothing will be sent),
/// so that the trace lines carry the session's own explanation keys.
fn server_output(s: &mut ServerEnd, split: &mut Splitter, sending: bool) -> Option<Vec<u8>> {
    match s {
        ServerEnd::Smtp { session, .. } => {
            let t = session.poll_transmit()?;
            if sending {
                split.expect_reply(ReplyMeta {
                    key: t.key,
                    line_keys: t.line_keys,
                    multi: false,
                });
            }
            Some(t.bytes)
        }
        ServerEnd::Pop3(s) => {
            let bytes = s.poll_output()?;
            while let Some(r) = s.poll_response() {
                if sending {
                    split.expect_reply(ReplyMeta {
                        key: Some(r.key),
                        line_keys: Vec::new(),
                        multi: r.multi,
                    });
                }
            }
            Some(bytes)
        }
        ServerEnd::Pending => None,
    }
}

fn client_output(c: &mut ClientEnd) -> Option<Vec<u8>> {
    match c {
        ClientEnd::Console { .. } => None,
        ClientEnd::Smtp { session, .. } => session.poll_output(),
        ClientEnd::Pop3 { session, .. } => session.poll_output(),
    }
}

impl World {
    /// The explanation key of a line, if the table has one.
    /// A command's key, by its verb. Replies carry the key their server
    /// session chose (see `server_output`); only commands come here.
    fn explain_key(&mut self, protocol: Protocol, parsed: &Option<Parsed>) -> Option<&'static str> {
        match (protocol, parsed.as_ref()?) {
            (Protocol::Smtp, Parsed::Command { verb, .. }) => {
                self.explain_cached(format_args!("smtp.cmd.{verb}"))
            }
            (Protocol::Pop3, Parsed::Command { verb, .. }) => {
                self.explain_cached(format_args!("pop3.cmd.{verb}"))
            }
            _ => None,
        }
    }

    /// Looks a key up through the memo; the key is built in a reused buffer
    /// and only allocated when it is seen for the first time.
    fn explain_cached(&mut self, key: std::fmt::Arguments<'_>) -> Option<&'static str> {
        use std::fmt::Write;
        self.explain_scratch.clear();
        let _ = self.explain_scratch.write_fmt(key);
        thread_local! {
            /// Memo of explanation-table lookups (the table is searched
            /// linearly). Shared by the worlds of a thread: the answer
            /// depends on the key only, so sharing cannot change a trace.
            static MEMO: std::cell::RefCell<BTreeMap<String, Option<&'static str>>> = const { std::cell::RefCell::new(BTreeMap::new()) };
        }
        let key = self.explain_scratch.as_str();
        MEMO.with_borrow_mut(|memo| {
            if let Some(v) = memo.get(key) {
                return *v;
            }
            let v = crate::explain::lookup(key).map(|e| e.key);
            // Verbs typed on a console can be anything: bound the memo.
            if memo.len() < 4096 {
                memo.insert(key.to_string(), v);
            }
            v
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16: every console connection ever made used to leave an entry
    /// behind. Now only bytes not yet taken outlive a connection.
    #[test]
    fn console_connections_leave_nothing_behind_once_read() {
        let mut w = crate::sim::cast::cast(1);
        for _ in 0..50 {
            let c = w.connect("john-pc", "mail.dave.example", 25).unwrap();
            w.run_until_idle();
            w.send_line(c, "QUIT");
            w.run_until_idle();
            assert!(!w.is_open(c));
            let got = String::from_utf8(w.take_received(c)).unwrap();
            assert!(got.starts_with("220 ") && got.contains("\r\n221 "), "{got}");
            assert!(w.take_received(c).is_empty(), "the bytes come once");
        }
        assert!(
            w.console_rx.is_empty(),
            "{} entries kept",
            w.console_rx.len()
        );
        assert!(w.conns.is_empty());
    }
}
