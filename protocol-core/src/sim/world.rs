//! The world: the part that wires the others together. It owns the hosts,
//! the agenda and the trace, runs the agenda ([`World::run_until`] and
//! friends), and hands each due action to the module whose concern it is:
//!
//! | module | concern |
//! |---|---|
//! | `agenda` | what is due when (time, then order of scheduling) |
//! | `network` | links: latency, loss as retransmission delay, up/down |
//! | `tcp` | connections, their two `Endpoint`s, segments, FIN, reset, session timers |
//! | `resolver` | DNS questions and answers over UDP port 53 |
//! | `relay` | the MTAs: accepting, local delivery, carrying out [`crate::mta::queue`]'s decisions |
//! | `agents` | the mail programs (submission, POP3 fetching) |
//! | `console` | raw connections driven by the telnet pane and `mailsim serve` |
//!
//! One virtual clock (integer microseconds) and one seeded RNG; ordered
//! maps only. Simplifications, on purpose: the TCP handshake is one
//! latency; a lost segment costs one retransmission timeout; a connection
//! to a down host fails after [`CONNECT_TIMEOUT`]; DNS has no cache.

use super::host::{Host, HostConfig, SmtpPolicy};
use super::rng::SplitMix64;
use super::trace::*;
use super::wire::{Piece, ReplyMeta, Splitter};
use crate::address::{Mailbox, ReversePath};
use crate::dns::{Answer, RecordType, Zones};
use crate::imap;
use crate::message::rfc5322_date;
use crate::mta::{self, BounceInfo, Failure, RetryPolicy};
use crate::pop3;
use crate::smtp;
use crate::time::{SimDuration, SimTime};
use crate::vec_map::{VecMap, VecMapExt};
use agenda::Agenda;
pub use network::LinkState;
use network::Network;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

mod agenda;
mod agents;
mod console;
mod network;
mod relay;
mod resolver;
mod tcp;

/// How long a client waits for a SYN-ACK that never comes.
pub const CONNECT_TIMEOUT: SimDuration = SimDuration::from_secs(30);
/// How long a resolver waits for a DNS answer that never comes.
pub const DNS_TIMEOUT: SimDuration = SimDuration::from_secs(5);
/// A gap in the trace at least this long gets a narration note.
pub const NOTE_GAP: SimDuration = SimDuration::from_secs(60);

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

/// A mail program's IMAP visit (Dave's phone, or his laptop set up for
/// IMAP): see [`imap::client`] for what it sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImapJob {
    pub host: String,
    pub server: String,
    pub port: u16,
    pub login: String,
    pub password: String,
    /// `BODY.PEEK[]` rather than `BODY[]` (which sets `\Seen`).
    pub peek: bool,
    /// `\Deleted` and EXPUNGE what was fetched.
    pub delete: bool,
    /// `UID MOVE` what was fetched into this folder (created first).
    pub move_to: Option<String>,
    /// A message the program writes and APPENDs (a copy of a sent mail).
    pub append: Option<ImapAppend>,
    /// IDLE this long after fetching, for new mail.
    pub idle: Option<SimDuration>,
}

/// A message an IMAP job composes and APPENDs to `folder`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImapAppend {
    pub folder: String,
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

type JobId = u64;
type AttemptId = u64;

#[derive(Debug)]
enum Job {
    Send(SendJob),
    Fetch(FetchJob),
    Imap(ImapJob),
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
    Imap {
        session: Box<imap::client::ClientSession>,
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
    Imap(Box<imap::ServerSession>),
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
    states: [Option<SessionState>; 2],
    /// The link states [to server, to client] as of the network's epoch.
    links: Option<(u64, [LinkState; 2])>,
    /// A pipelined batch of SMTP commands (RFC 2920) still being answered:
    /// each command and, once it came, its reply (see `transmit`).
    batch: Vec<(String, Option<String>)>,
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
    /// The peer of a crashed host learns that the connection is gone, after
    /// the last bytes the host sent before it died (issue 16).
    Reset {
        conn: ConnId,
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

/// The whole simulated world.
#[derive(Debug)]
pub struct World {
    now: SimTime,
    rng: SplitMix64,
    seed: u64,
    agenda: Agenda<Action>,
    hosts: VecMap<String, Host>,
    by_ip: VecMap<Ipv4Addr, String>,
    zones: Zones,
    dns_host: Option<String>,
    network: Network,
    /// Boxed: a connection is taken out of the map while it is worked on,
    /// and moving a pointer is cheaper than moving the whole `Conn`.
    conns: VecMap<ConnId, Box<Conn>>,
    next_conn: ConnId,
    next_port: u16,
    next_dns_id: u16,
    jobs: VecMap<JobId, Job>,
    next_job: JobId,
    attempts: VecMap<AttemptId, Attempt>,
    next_attempt: AttemptId,
    /// POP3 leave-on-server: UIDs each (device host, login) has seen.
    known_uids: VecMap<(String, String), BTreeSet<String>>,
    /// IMAP: (UIDVALIDITY, highest UID) each (device host, login) has seen.
    imap_seen: VecMap<(String, String), (u32, u32)>,
    retry: RetryPolicy,
    /// Send a "delayed" DSN (RFC 3464 `Action: delayed`) for a message
    /// still queued this long after it arrived (per host: `delay_warning`).
    delay_warning: Option<SimDuration>,
    /// Queue entries (host, queue id) already warned about.
    warned: VecMap<(String, String), ()>,
    /// Send jobs whose message goes out exactly as written (no
    /// dot-stuffing, bare LFs kept): an attacker's own program.
    raw_jobs: VecMap<JobId, ()>,
    /// Queue entries (host, queue id) of a down host that are past their
    /// give-up age: no longer polled, run again when the host comes up.
    parked: VecMap<(String, String), ()>,
    max_hops: usize,
    trace: Vec<TraceEvent>,
    /// Sequence number of `trace[0]`: events before it were forgotten
    /// ([`World::forget_trace_before`]) by a long-running driver.
    trace_base: u64,
    next_message: u64,
    /// Bytes received by console connections, kept after they close.
    console_rx: VecMap<ConnId, Vec<u8>>,
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
            agenda: Agenda::default(),
            hosts: VecMap::new(),
            by_ip: VecMap::new(),
            zones: Zones::new(),
            dns_host: None,
            network: Network::default(),
            conns: VecMap::new(),
            next_conn: 1,
            next_port: 49152,
            next_dns_id: 1,
            jobs: VecMap::new(),
            next_job: 1,
            attempts: VecMap::new(),
            next_attempt: 1,
            known_uids: VecMap::new(),
            imap_seen: VecMap::new(),
            retry: RetryPolicy::default(),
            delay_warning: None,
            warned: VecMap::new(),
            raw_jobs: VecMap::new(),
            parked: VecMap::new(),
            max_hops: mta::DEFAULT_MAX_HOPS,
            trace: Vec::new(),
            trace_base: 0,
            next_message: 0,
            console_rx: VecMap::new(),
            pieces: Vec::new(),
        }
    }

    // ---- setting up -------------------------------------------------------

    /// Adds (or replaces) a host and its A record.
    pub fn add_host(&mut self, config: HostConfig) {
        self.network.epoch += 1;
        self.zones.add_a(&config.name, config.ip);
        self.by_ip.insert(config.ip, config.id.clone());
        #[allow(unused_mut)]
        let mut host = Host::new(config);
        // The host's DKIM key: made from the world's seed, so the same seed
        // gives the same signatures; its public half goes into DNS.
        // One key (and selector) per algorithm; an algorithm this build
        // lacks (rsa-sha256 without `dkim-rsa`, as in the web app) is left
        // out here, and a scenario asking for it is refused by its checks.
        #[cfg(feature = "dkim")]
        if let Some(domain) = host.config.dkim_domain.clone() {
            use super::host::DkimAlgorithm;
            use crate::auth::dkim::{Canon, PrivateKey, Signer};
            let settings = host.config.dkim.clone();
            let (h, b) = settings.canonicalization.relaxed();
            let canon = |relaxed: bool| {
                if relaxed {
                    Canon::Relaxed
                } else {
                    Canon::Simple
                }
            };
            for alg in settings.algorithms {
                let selector = alg.selector();
                let key = match alg {
                    DkimAlgorithm::Ed25519Sha256 => {
                        PrivateKey::ed25519_from_seed(self.seed, &domain, selector)
                    }
                    #[cfg(feature = "dkim-rsa")]
                    DkimAlgorithm::RsaSha256 => PrivateKey::rsa_from_seed(
                        self.seed,
                        &domain,
                        selector,
                        super::host::DKIM_RSA_BITS,
                    ),
                    #[cfg(not(feature = "dkim-rsa"))]
                    DkimAlgorithm::RsaSha256 => continue,
                };
                let name = format!("{selector}._domainkey.{domain}");
                self.zones.remove(&name, RecordType::TXT);
                self.zones.add_txt(&name, &key.dns_txt());
                let mut signer = Signer::new(&domain, selector, key);
                signer.header_canon = canon(h);
                signer.body_canon = canon(b);
                host.mail.signers.push(signer);
            }
        }
        self.hosts.insert(host.config.id.clone(), host);
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

    /// Warn the sender with a "delayed" DSN when a message is still queued
    /// this long after it arrived (RFC 3464 `Action: delayed`; Postfix's
    /// `delay_warning_time`). A host's own `delay_warning` wins.
    pub fn set_delay_warning(&mut self, after: Option<SimDuration>) {
        self.delay_warning = after;
    }

    /// The retry schedule of `host`: its own, or the world's.
    pub(super) fn retry_for(&self, host: &str) -> RetryPolicy {
        self.hosts
            .get(host)
            .and_then(|h| h.config.retry.clone())
            .unwrap_or_else(|| self.retry.clone())
    }

    pub fn set_max_hops(&mut self, hops: usize) {
        self.max_hops = hops;
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

    /// A send whose message goes out byte for byte as composed, the body
    /// as written: no dot-stuffing and no repair of line ends (a bare LF
    /// stays one). What an attacker's own SMTP program sends; the SMTP
    /// smuggling lesson needs it.
    pub fn schedule_send_raw(&mut self, at: SimTime, job: SendJob) {
        let id = self.new_job(Job::Send(job));
        self.raw_jobs.insert(id, ());
        self.schedule(at, Action::StartJob { job: id });
    }

    pub fn schedule_fetch(&mut self, at: SimTime, job: FetchJob) {
        let id = self.new_job(Job::Fetch(job));
        self.schedule(at, Action::StartJob { job: id });
    }

    pub fn schedule_imap(&mut self, at: SimTime, job: ImapJob) {
        let id = self.new_job(Job::Imap(job));
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

    fn schedule(&mut self, at: SimTime, action: Action) -> agenda::Key {
        self.agenda.schedule(at, self.now, action)
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
        for (key, a) in self.agenda.iter() {
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
        while let Some(((t, s), _)) = self.agenda.first() {
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
                .map(|(k, _)| k);
            let Some((t, s)) = next else { break };
            if t > self.now + horizon {
                break;
            }
            while let Some(((tt, ss), _)) = self.agenda.first() {
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

    /// [`World::run_until_idle`] a slice at a time, for a page that must not
    /// freeze while a long world runs: performs at most `max` due actions,
    /// in the same order as `run_until_idle`, and returns `true` once
    /// nothing is left to do but session timeouts. Calling it until it
    /// returns `true` leaves the same world as one `run_until_idle`.
    pub fn run_until_idle_for(&mut self, max: usize) -> bool {
        for _ in 0..max {
            let next = self
                .agenda
                .iter()
                .find(|(_, a)| !matches!(a, Action::Timer { .. }))
                .map(|(k, _)| k);
            let (Some(next), Some((first, _))) = (next, self.agenda.first()) else {
                return true;
            };
            let action = if first < next {
                self.pop_due(first)
            } else {
                self.agenda.remove(&next)
            };
            if let Some(a) = action {
                self.advance(first.0);
                self.perform(a);
            }
        }
        self.agenda
            .iter()
            .all(|(_, a)| matches!(a, Action::Timer { .. }))
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
                        .keys()
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
                        self.crash_end(id, &host);
                    }
                }
            }
            Action::Reset { conn } => self.reset(conn, "the host went down"),
            Action::LinkState { a, b, up } => {
                self.set_link_up(&a, &b, up);
                self.emit(&a, &b, EventKind::LinkState { up }, None);
            }
        }
    }

    // ---- looking inside -----------------------------------------------------

    /// The messages in a maildrop now.
    pub fn mailbox(&self, host: &str, login: &str) -> Vec<pop3::server::StoredMessage> {
        self.hosts
            .get(host)
            .map(|h| h.mail.maildrop(login))
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

#[cfg(test)]
mod tests {
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
