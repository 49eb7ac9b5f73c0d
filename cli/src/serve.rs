//! `mailsim serve`: the simulated world's servers on real loopback ports, so
//! that real mail programs (curl, swaks, Thunderbird, Python's smtplib and
//! poplib, fetchmail) talk to the very sessions the simulator animates.
//!
//! How it is put together:
//! * One thread runs a single event loop (`mio`: epoll on Linux) that owns
//!   the listeners, every real socket and the [`World`]. Virtual time
//!   follows real time (1 s of wall clock is 1 s of virtual time), so the
//!   RFC timeouts keep their RFC values (SMTP server 5 min, RFC 5321
//!   §4.5.3.2.7; POP3 autologout 10 min, RFC 1939 §3) and relays happen by
//!   themselves within milliseconds: the loop sleeps until a socket is ready
//!   or the world's next timer is due (`World::next_wakeup`).
//!   Virtual time zero is the moment serve starts, so every date the
//!   servers write is the wall clock's (in UTC, `+0000`).
//! * Each listening port stands for one simulated path: a real connection
//!   accepted on it becomes a simulated TCP connection from a chosen host of
//!   the world to a server of the world (`World::connect`). The bytes the
//!   real client sends are injected as they arrive (`World::send_bytes`);
//!   the bytes the simulated server sends are written back
//!   (`World::take_received`), and what the socket cannot take yet waits in
//!   a per-connection buffer until the socket is writable again.
//! * Back-pressure: at most [`READ_BUDGET`] bytes are read from one socket
//!   per turn of the loop, so a client flooding bytes is slowed down by TCP
//!   instead of filling memory; and a client that does not read its replies
//!   stalls nobody: once more than [`OUT_LIMIT`] bytes wait for it, its
//!   input is no longer read until it has drained them. Nor is the input
//!   of a client that sent more than [`LINE_LIMIT`] bytes without a line
//!   feed (the world keeps a partial line whole, for its trace).
//! * The world's DNS answers on a UDP port too ([`crate::dns`]): each
//!   question is answered from the zones as they are at that moment, and
//!   printed as a line of its own.
//! * Every trace event is printed in the transcript format of `mailsim run`
//!   as it happens, then dropped, so a long-running server keeps no history.

use mio::net::{TcpListener, TcpStream, UdpSocket};
use mio::{Events, Interest, Poll, Token, Waker};
use protocol_core::scenario::Scenario;
use protocol_core::sim::cast;
use protocol_core::sim::host::HostConfig;
use protocol_core::sim::render;
use protocol_core::sim::trace::ConnId;
use protocol_core::sim::World;
use protocol_core::time::{SimDuration, SimTime};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Host of the world that connections on the outside MX port come from.
pub const OUTSIDE_HOST: (&str, &str, Ipv4Addr) = (
    "stranger",
    "stranger.example",
    Ipv4Addr::new(203, 0, 113, 66),
);

/// One listening port and the simulated path it stands for.
#[derive(Clone, Debug)]
pub struct PortMap {
    pub listen: u16,
    /// The world host the connection comes from.
    pub from_host: &'static str,
    /// The DNS name and port it connects to inside the world.
    pub target: &'static str,
    pub target_port: u16,
    /// The command-line flag that changes `listen`, for error messages.
    pub flag: &'static str,
    pub what: &'static str,
}

/// Everything `mailsim serve` was asked to do.
pub struct ServeOptions {
    pub scenario: Option<Scenario>,
    pub seed: Option<u64>,
    pub bind: IpAddr,
    pub allow_remote: bool,
    pub ports: Vec<PortMap>,
    /// The UDP port of the world's DNS (`--dns-port`); `None`: no DNS port.
    pub dns_port: Option<u16>,
    /// Do not print trace events (benchmarks).
    pub quiet: bool,
    /// The most connections served at once; more are refused.
    pub max_connections: usize,
    /// The loop's clock (real time, or a test's).
    pub clock: Clock,
    /// Where the trace goes (standard output).
    pub trace_out: Box<dyn Write + Send>,
    /// Called with the listening addresses once bound (tests): the TCP
    /// ports in order, then the DNS port's, if any.
    pub on_ready: Option<Box<dyn FnOnce(Vec<SocketAddr>) + Send>>,
    /// Figures the loop keeps (tests, and anyone curious).
    pub stats: Arc<ServeStats>,
}

/// What the loop holds, as it goes.
#[derive(Default, Debug)]
pub struct ServeStats {
    /// The most bytes that ever waited for one client.
    pub peak_pending: AtomicUsize,
    /// Connections open now.
    pub open: AtomicUsize,
    /// Turns of the loop so far.
    pub turns: AtomicU64,
}

impl ServeOptions {
    /// The defaults for everything but what the user chose.
    pub fn new(ports: Vec<PortMap>) -> Self {
        ServeOptions {
            scenario: None,
            seed: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            allow_remote: false,
            ports,
            dns_port: None,
            quiet: false,
            max_connections: MAX_CONNECTIONS,
            clock: Clock::Real,
            trace_out: Box::new(io::stdout()),
            on_ready: None,
            stats: Arc::default(),
        }
    }
}

/// The time the loop goes by: real time since the start, or a clock a test
/// sets (microseconds since the start).
#[derive(Clone, Default)]
pub enum Clock {
    #[default]
    Real,
    #[cfg_attr(not(test), allow(dead_code))]
    Manual(Arc<AtomicU64>),
}

impl Clock {
    fn elapsed(&self, start: Instant) -> Duration {
        match self {
            Clock::Real => start.elapsed(),
            Clock::Manual(us) => Duration::from_micros(us.load(Ordering::SeqCst)),
        }
    }
}

/// The default port mapping (the table).
pub fn default_ports(
    smtp: u16,
    submission: u16,
    mx: u16,
    pop3: u16,
    isp_pop3: u16,
    imap: u16,
) -> Vec<PortMap> {
    vec![
        PortMap { listen: smtp, from_host: "john-pc", target: "smtp.isp.example", target_port: 25, flag: "--smtp-port", what: "the ISP's mail server, port 25, as seen from John's computer (relays for the ISP's own network)" },
        PortMap { listen: submission, from_host: "john-pc", target: "smtp.isp.example", target_port: 587, flag: "--submission-port", what: "the ISP's submission port 587 (AUTH required)" },
        PortMap { listen: mx, from_host: OUTSIDE_HOST.0, target: "mail.dave.example", target_port: 25, flag: "--mx-port", what: "Dave's mail server, port 25, as seen from an outside host (stranger.example)" },
        PortMap { listen: pop3, from_host: "dave-pc", target: "mail.dave.example", target_port: 110, flag: "--pop3-port", what: "Dave's POP3 server, port 110 (Dave's mailbox)" },
        PortMap { listen: isp_pop3, from_host: "john-pc", target: "pop.isp.example", target_port: 110, flag: "--isp-pop3-port", what: "the ISP's POP3 server, port 110 (John's mailbox, where bounces land)" },
        PortMap { listen: imap, from_host: "dave-pc", target: "mail.dave.example", target_port: 143, flag: "--imap-port", what: "Dave's IMAP server, port 143 (the same mailbox as POP3 port 110)" },
    ]
}

/// Why serving could not start; `main` prints it and exits with code 2.
#[derive(Debug)]
pub struct ServeError(pub String);

/// Asks a running [`serve`] to stop (Ctrl+C, SIGTERM): sets a flag and
/// wakes the event loop, which then returns.
#[derive(Default)]
pub struct Stop {
    requested: AtomicBool,
    waker: OnceLock<Waker>,
}

impl Stop {
    pub fn request(&self) {
        self.requested.store(true, Ordering::SeqCst);
        if let Some(w) = self.waker.get() {
            let _ = w.wake();
        }
    }

    /// Wakes the loop for one more turn.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn wake(&self) {
        if let Some(w) = self.waker.get() {
            let _ = w.wake();
        }
    }

    fn is_requested(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
    }
}

/// Bytes read from one socket per turn of the loop, at most: a flooding
/// client waits in TCP, and every other client gets its turn.
pub const READ_BUDGET: usize = 64 * 1024;
/// Bytes waiting for a client that does not read, beyond which its input is
/// no longer read (so it cannot make the world produce more) until it drains.
pub const OUT_LIMIT: usize = 1024 * 1024;
/// Bytes without a line feed after which a client's input is no longer
/// read: no mail client sends such a line (SMTP's limit is 1,000 octets, a
/// POP3 command's 255), and the world keeps the partial line in memory. The
/// session's own timeout ends such a connection.
pub const LINE_LIMIT: usize = 4 * 1024 * 1024;

/// Connections served at once, at most (the defaults of Postfix's
/// `default_process_limit` is 100; a classroom needs more): a connection
/// beyond them gets `421 4.3.2` (SMTP) or `-ERR [SYS/TEMP]` (POP3) and is
/// closed.
pub const MAX_CONNECTIONS: usize = 1000;
/// A connection whose pending output has not moved for this long (the
/// client does not read) is closed and its buffer freed. Measured on the
/// loop's clock (real time, which virtual time follows).
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(60);
/// Trace text waiting for a slow standard output, at most; beyond it lines
/// are dropped, and a line says how many.
pub const TRACE_BUFFER: usize = 1024 * 1024;

/// The waker's token; listeners are `0..ports`, connections above.
const WAKER: Token = Token(usize::MAX);
/// The DNS port's token.
const DNS: Token = Token(usize::MAX - 1);
/// DNS questions answered per turn of the loop, at most, so that a flood of
/// them cannot starve the mail sessions.
const DNS_BUDGET: usize = 256;

/// One real connection and the simulated one it stands for.
struct Client {
    stream: TcpStream,
    conn: ConnId,
    /// Bytes of the simulated server not yet written, from `out_pos`.
    out: Vec<u8>,
    out_pos: usize,
    /// The socket may have input we have not read yet (edge-triggered).
    readable: bool,
    /// Bytes read since the last line feed.
    since_newline: usize,
    /// The socket may take more output (false after a write would block,
    /// until the next writable event).
    writable: bool,
    /// The socket failed (or the client stopped reading for
    /// [`WRITE_TIMEOUT`]): the connection is dropped, output and all.
    gone: bool,
    /// The real client shut down its sending side (a half-close, as
    /// `nc -N` does after its last command): nothing more will be read,
    /// but the input already read is still given to the world and
    /// everything the server answers is still written, until the server
    /// closes (after QUIT) or everything read is answered and written.
    eof: bool,
    /// The simulated server closed the connection: close the socket once
    /// `out` is written.
    server_closed: bool,
    /// Bytes read but not yet given to the world, from `in_pos`: the world
    /// is fed a line at a time and no further while more than
    /// [`OUT_LIMIT`] bytes wait for the client, so pipelined commands
    /// cannot make it produce more than that (plus one reply) at once.
    input: Vec<u8>,
    in_pos: usize,
    /// When `out` last shrank, or became non-empty (for [`WRITE_TIMEOUT`]).
    last_progress: Duration,
}

impl Client {
    fn pending(&self) -> usize {
        self.out.len() - self.out_pos
    }

    /// Whether its input should be read now.
    fn wants_read(&self) -> bool {
        self.readable
            && !self.gone
            && !self.eof
            && !self.server_closed
            && self.pending() <= OUT_LIMIT
            && self.since_newline <= LINE_LIMIT
            && self.in_pos == self.input.len()
    }

    /// Whether the loop should not sleep: input to read, or held-back
    /// input that may be given to the world now.
    fn has_work(&self) -> bool {
        self.wants_read()
            || (self.in_pos < self.input.len() && self.pending() <= OUT_LIMIT && !self.gone)
    }

    /// Gives the world the unread input, a line at a time, until it is all
    /// given or the client's pending output passes [`OUT_LIMIT`]; each
    /// line is answered before the next (in order, at the right time).
    fn feed(&mut self, world: &mut World, now: SimTime, clock_now: Duration) {
        while self.in_pos < self.input.len() && self.pending() <= OUT_LIMIT {
            let rest = &self.input[self.in_pos..];
            let n = memchr_lf(rest).map_or(rest.len(), |i| i + 1);
            world.send_bytes(self.conn, &rest[..n]);
            self.in_pos += n;
            world.run_until(now);
            self.take_output(world, clock_now);
        }
        if self.in_pos == self.input.len() {
            self.input.clear();
            self.in_pos = 0;
        }
    }

    /// Moves what the world's server sent into `out`.
    fn take_output(&mut self, world: &mut World, clock_now: Duration) {
        let fresh = world.take_received(self.conn);
        if fresh.is_empty() {
            return;
        }
        if self.pending() == 0 {
            self.last_progress = clock_now;
        }
        if self.out.is_empty() {
            self.out = fresh;
            self.out_pos = 0;
        } else {
            self.out.extend_from_slice(&fresh);
        }
    }

    /// Writes what it can of `out`; false if the socket failed.
    fn flush(&mut self, clock_now: Duration) -> bool {
        while self.out_pos < self.out.len() {
            match self.stream.write(&self.out[self.out_pos..]) {
                Ok(0) => return false,
                Ok(n) => {
                    self.out_pos += n;
                    self.last_progress = clock_now;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.writable = false;
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
        if self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
        } else if self.out_pos > 64 * 1024 && self.out_pos * 2 > self.out.len() {
            self.out.drain(..self.out_pos);
            self.out_pos = 0;
        }
        true
    }

    /// Closes the real socket after the server's last bytes: FIN first, then
    /// whatever the client still sent is read and dropped (closing a socket
    /// with unread input would send a reset, which may destroy the sign-off
    /// on its way).
    fn close_gracefully(mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        let mut sink = [0u8; 4096];
        for _ in 0..16 {
            match self.stream.read(&mut sink) {
                Ok(n) if n > 0 => {}
                _ => break,
            }
        }
    }
}

/// Builds the world `serve` runs: the quiet cast (no scripted traffic), or a
/// scenario with its script; plus the outside host the MX port comes from.
pub fn build_world(scenario: Option<&Scenario>, seed: Option<u64>, ports: &[PortMap]) -> World {
    let mut world = match scenario {
        Some(s) => s.build(seed),
        None => cast::cast(seed.unwrap_or(1)),
    };
    if world.host(OUTSIDE_HOST.0).is_none() {
        let (id, name, ip) = OUTSIDE_HOST;
        world.add_host(HostConfig::new(id, name, ip));
    }
    // The real client already crossed a real network to reach us; the
    // simulated latency of its path (1-20 ms per line) would only slow it
    // down, in real time, once more. Relays between the world's own servers
    // keep their simulated latency.
    for p in ports {
        let target = world
            .hosts()
            .find(|h| h.config.name == p.target)
            .map(|h| h.config.id.clone());
        if let Some(target) = target {
            world.set_link(p.from_host, &target, SimDuration::ZERO, 0);
        }
    }
    world
}

/// Binds every port, prints the mapping, then serves until `stop` is requested.
pub fn serve(mut opts: ServeOptions, stop: &Stop) -> Result<(), ServeError> {
    if !opts.bind.is_loopback() && !opts.allow_remote {
        return Err(ServeError(format!(
            "refusing to listen on {}: it is not a loopback address, and this teaching server has published passwords.\n\
             Use --bind 127.0.0.1 (the default), or add --allow-remote if you really mean to expose it.",
            opts.bind
        )));
    }
    let mut listeners = Vec::new();
    for p in &opts.ports {
        let addr = SocketAddr::new(opts.bind, p.listen);
        let l = std::net::TcpListener::bind(addr)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|e| {
                let why = if e.kind() == io::ErrorKind::AddrInUse {
                    "the port is already in use".to_string()
                } else {
                    e.to_string()
                };
                ServeError(format!(
                    "cannot listen on {addr} for {}:{} ({why}). Choose another port with {} N.",
                    p.target, p.target_port, p.flag
                ))
            })?;
        listeners.push(TcpListener::from_std(l));
    }
    let mut dns = match opts.dns_port {
        None => None,
        Some(port) => {
            let addr = SocketAddr::new(opts.bind, port);
            let s = std::net::UdpSocket::bind(addr)
                .and_then(|s| s.set_nonblocking(true).map(|()| s))
                .map_err(|e| {
                    let why = if e.kind() == io::ErrorKind::AddrInUse {
                        "the port is already in use".to_string()
                    } else {
                        e.to_string()
                    };
                    ServeError(format!(
                        "cannot listen on {addr} (UDP) for the world's DNS ({why}). Choose another port with --dns-port N."
                    ))
                })?;
            Some(UdpSocket::from_std(s))
        }
    };
    if !opts.bind.is_loopback() {
        eprintln!("WARNING: listening on {} (not loopback): anyone who can reach this machine can use these servers and their published passwords.", opts.bind);
    }

    let poll = Poll::new().map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    for (i, l) in listeners.iter_mut().enumerate() {
        poll.registry()
            .register(l, Token(i), Interest::READABLE)
            .map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    }
    if let Some(d) = dns.as_mut() {
        poll.registry()
            .register(d, DNS, Interest::READABLE)
            .map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    }
    let waker = Waker::new(poll.registry(), WAKER)
        .map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    let _ = stop.waker.set(waker);

    if matches!(opts.clock, Clock::Real) {
        // Virtual time zero is now: the dates the servers write (Received:,
        // the Date: of a scenario's messages, IMAP's and the DSNs') are the
        // wall clock's, in UTC, instead of the simulation's fixed day.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        protocol_core::message::set_sim_epoch(i64::try_from(now).unwrap_or(i64::MAX));
    }
    let world = build_world(opts.scenario.as_ref(), opts.seed, &opts.ports);
    print_banner(&opts, &world);
    if let Some(ready) = opts.on_ready.take() {
        let mut addrs: Vec<SocketAddr> = listeners
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .collect();
        addrs.extend(dns.as_ref().and_then(|d| d.local_addr().ok()));
        ready(addrs);
    }
    let trace_out = std::mem::replace(&mut opts.trace_out, Box::new(io::sink()));
    let trace = TraceOut::start(trace_out);
    run_loop(world, poll, listeners, dns, &opts, stop, &trace);
    trace.push("MailSim serve stopped.\n");
    trace.finish(Duration::from_secs(1));
    Ok(())
}

fn print_banner(opts: &ServeOptions, world: &World) {
    println!(
        "MailSim serve: the simulated servers on real ports ({}).",
        match &opts.scenario {
            Some(s) => format!("scenario {:?} playing", s.name),
            None => "a quiet world: the cast, DNS, accounts, empty mailboxes".to_string(),
        }
    );
    println!();
    for p in &opts.ports {
        println!(
            "  {}:{:<5} -> {}:{:<3} from {:<8} {}",
            opts.bind, p.listen, p.target, p.target_port, p.from_host, p.what
        );
    }
    if let Some(port) = opts.dns_port {
        println!(
            "  {}:{:<5} -> ns.example:53 (UDP)  the world's DNS: A, MX and TXT of the simulated zones (try: dig @{} -p {} MX dave.example)",
            opts.bind, port, opts.bind, port
        );
    }
    println!();
    println!("Accounts (teaching passwords, published on purpose):");
    for h in world.hosts() {
        for a in &h.config.accounts {
            println!(
                "  {:<20} login {:<6} password {:<10} on {}",
                a.address, a.login, a.password, h.config.name
            );
        }
    }
    println!();
    println!("Every event of the world follows, as `mailsim run` prints it. Ctrl+C stops.");
    println!();
}

/// The printed trace, written by a thread of its own, so that a standard
/// output nobody reads (`mailsim serve | sleep 1000`) never blocks the event
/// loop: at most [`TRACE_BUFFER`] bytes wait; beyond that, lines are dropped
/// and counted, and a line says how many once there is room again.
struct TraceOut {
    shared: Arc<(Mutex<TraceBuf>, Condvar)>,
}

#[derive(Default)]
struct TraceBuf {
    text: String,
    dropped: u64,
    /// The writer is in the middle of a write (for `finish`).
    writing: bool,
    done: bool,
}

impl TraceOut {
    fn start(mut sink: Box<dyn Write + Send>) -> Self {
        let shared = Arc::new((Mutex::new(TraceBuf::default()), Condvar::new()));
        let s = shared.clone();
        std::thread::spawn(move || {
            let (lock, cv) = &*s;
            loop {
                let text = {
                    let mut b = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while b.text.is_empty() && !b.done {
                        b = cv.wait(b).unwrap_or_else(|e| e.into_inner());
                    }
                    if b.text.is_empty() {
                        return;
                    }
                    b.writing = true;
                    std::mem::take(&mut b.text)
                };
                let failed = sink
                    .write_all(text.as_bytes())
                    .and_then(|()| sink.flush())
                    .is_err();
                let mut b = lock.lock().unwrap_or_else(|e| e.into_inner());
                b.writing = false;
                cv.notify_all();
                if failed {
                    // Standard output closed: nothing more can be shown.
                    b.done = true;
                    return;
                }
            }
        });
        TraceOut { shared }
    }

    /// Queues `text` (whole lines), or drops it if the buffer is full.
    fn push(&self, text: &str) {
        let (lock, cv) = &*self.shared;
        let mut b = lock.lock().unwrap_or_else(|e| e.into_inner());
        if b.text.len() + text.len() > TRACE_BUFFER {
            b.dropped += text.lines().count() as u64;
            return;
        }
        if b.dropped > 0 {
            let note = format!(
                "[serve: {} trace lines dropped: standard output was not being read]\n",
                b.dropped
            );
            b.text.push_str(&note);
            b.dropped = 0;
        }
        b.text.push_str(text);
        cv.notify_all();
    }

    /// Waits, at most `limit`, for what is queued to be written.
    fn finish(&self, limit: Duration) {
        let (lock, cv) = &*self.shared;
        let deadline = Instant::now() + limit;
        let mut b = lock.lock().unwrap_or_else(|e| e.into_inner());
        b.done = true;
        cv.notify_all();
        while (!b.text.is_empty() || b.writing) && Instant::now() < deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            b = cv
                .wait_timeout(b, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

fn memchr_lf(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// What a refused connection is told (RFC 5321 §3.8 and §4.2.3; RFC 2449
/// §8.1.2 for POP3's `[SYS/TEMP]`; RFC 9051 §7.1.5 BYE with RFC 5530's
/// `[UNAVAILABLE]` for IMAP).
fn too_many(p: &PortMap) -> String {
    if p.target_port == 143 {
        return "* BYE [UNAVAILABLE] Too many connections, try again later\r\n".to_string();
    }
    if p.target_port == 110 {
        "-ERR [SYS/TEMP] Too many connections, try again later\r\n".to_string()
    } else {
        format!(
            "421 4.3.2 {} Too many connections, try again later\r\n",
            p.target
        )
    }
}

/// The event loop: sockets in, the world, sockets out, the transcript.
fn run_loop(
    mut world: World,
    mut poll: Poll,
    listeners: Vec<TcpListener>,
    mut dns: Option<UdpSocket>,
    opts: &ServeOptions,
    stop: &Stop,
    trace: &TraceOut,
) {
    let start = Instant::now();
    let clock = opts.clock.clone();
    let elapsed = || clock.elapsed(start);
    let vnow = || SimTime::from_micros(elapsed().as_micros() as u64);
    let mut events = Events::with_capacity(1024);
    let mut clients: HashMap<Token, Client> = HashMap::new();
    let mut next_token = listeners.len();
    let mut printed: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    // Accepting failed (e.g. EMFILE, too many open connections): try again
    // at this time, once some have finished.
    let mut accept_retry: Option<Duration> = None;
    let mut accept_all = false;
    // The DNS socket may hold questions not read yet (edge-triggered).
    let mut dns_readable = false;

    while !stop.is_requested() {
        // Sleep until a socket is ready, the world's next timer, or a retry.
        let timeout = if clients.values().any(Client::has_work) || accept_all || dns_readable {
            Duration::ZERO
        } else {
            let now = vnow();
            let mut t = world
                .next_wakeup()
                .map(|w| Duration::from_micros(w.as_micros().saturating_sub(now.as_micros())))
                .unwrap_or(Duration::from_secs(1))
                .min(Duration::from_secs(1));
            if let Some(at) = accept_retry {
                t = t.min(at.saturating_sub(elapsed()));
            }
            t
        };
        if let Err(e) = poll.poll(&mut events, Some(timeout)) {
            if e.kind() != io::ErrorKind::Interrupted {
                eprintln!("serve: the event loop failed: {e}");
                break;
            }
        }
        if accept_retry.is_some_and(|at| elapsed() >= at) {
            accept_retry = None;
            accept_all = true;
        }

        // Readiness.
        let mut to_accept: Vec<usize> = Vec::new();
        for ev in events.iter() {
            let t = ev.token();
            if t == WAKER {
                continue;
            }
            if t == DNS {
                dns_readable = true;
                continue;
            }
            if t.0 < listeners.len() {
                to_accept.push(t.0);
            } else if let Some(c) = clients.get_mut(&t) {
                if ev.is_readable() || ev.is_read_closed() || ev.is_error() {
                    c.readable = true;
                }
                if ev.is_writable() || ev.is_write_closed() || ev.is_error() {
                    c.writable = true;
                }
            }
        }
        if accept_all {
            accept_all = false;
            to_accept = (0..listeners.len()).collect();
        }
        world.run_until(vnow());

        // DNS questions, answered from the zones as they are now.
        if let (Some(sock), true) = (dns.as_mut(), dns_readable) {
            let mut lines = String::new();
            for _ in 0..DNS_BUDGET {
                match sock.recv_from(&mut buf) {
                    Ok((n, peer)) => {
                        if let Some(reply) = crate::dns::answer(world.zones(), &buf[..n]) {
                            // UDP: an answer the socket cannot take now is
                            // lost, as on any network; the client asks again.
                            let _ = sock.send_to(&reply.bytes, peer);
                            lines
                                .push_str(&format!("DNS  {peer} asks ns.example: {}\n", reply.log));
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        dns_readable = false;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    // An ICMP error from an earlier answer's client: not ours to mend.
                    Err(_) => {}
                }
            }
            if !opts.quiet && !lines.is_empty() {
                trace.push(&lines);
            }
        }

        // New connections.
        for i in to_accept {
            loop {
                let (mut stream, peer) = match listeners[i].accept() {
                    Ok(a) => a,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted
                        ) =>
                    {
                        continue
                    }
                    Err(_) => {
                        accept_retry = Some(elapsed() + Duration::from_millis(50));
                        break;
                    }
                };
                let _ = stream.set_nodelay(true);
                let p = &opts.ports[i];
                if clients.len() >= opts.max_connections {
                    // Refused before the world sees it: a fresh socket takes
                    // one short line without blocking.
                    let _ = stream.write(too_many(p).as_bytes());
                    let _ = stream.shutdown(Shutdown::Write);
                    continue;
                }
                match world.connect(p.from_host, p.target, p.target_port) {
                    Ok(conn) => {
                        let token = Token(next_token);
                        next_token += 1;
                        if poll
                            .registry()
                            .register(&mut stream, token, Interest::READABLE | Interest::WRITABLE)
                            .is_err()
                        {
                            world.close(conn);
                            continue;
                        }
                        clients.insert(
                            token,
                            Client {
                                stream,
                                conn,
                                out: Vec::new(),
                                out_pos: 0,
                                readable: true,
                                since_newline: 0,
                                writable: true,
                                gone: false,
                                eof: false,
                                server_closed: false,
                                input: Vec::new(),
                                in_pos: 0,
                                last_progress: elapsed(),
                            },
                        );
                    }
                    Err(e) => {
                        // The real client sees its connection closed at once.
                        eprintln!(
                            "serve: {peer} on port {}: {}:{} from {}: {e}",
                            p.listen, p.target, p.target_port, p.from_host
                        );
                    }
                }
            }
        }
        world.run_until(vnow());

        // Sockets -> world.
        for c in clients.values_mut() {
            let (now, clock_now) = (vnow(), elapsed());
            // Input held back while the client's output was over the limit.
            c.feed(&mut world, now, clock_now);
            if !c.wants_read() {
                continue;
            }
            let mut budget = READ_BUDGET;
            while budget > 0 && c.wants_read() {
                match c.stream.read(&mut buf) {
                    Ok(0) => {
                        // A half-close: what was read, and what the server
                        // answers, must still go through (issue 16, item 1).
                        c.eof = true;
                        break;
                    }
                    Ok(n) => {
                        budget = budget.saturating_sub(n);
                        c.since_newline = match buf[..n].iter().rposition(|&b| b == b'\n') {
                            Some(i) => n - i - 1,
                            None => c.since_newline + n,
                        };
                        c.input.extend_from_slice(&buf[..n]);
                        c.feed(&mut world, vnow(), elapsed());
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        c.readable = false;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => {
                        c.gone = true;
                        break;
                    }
                }
            }
        }
        world.run_until(vnow());

        // World -> sockets.
        let mut done: Vec<Token> = Vec::new();
        let clock_now = elapsed();
        for (&t, c) in clients.iter_mut() {
            c.take_output(&mut world, clock_now);
            if !c.server_closed && !world.is_open(c.conn) {
                // The server's FIN arrived behind its last bytes.
                c.server_closed = true;
            }
            if c.pending() > 0 && c.writable && !c.flush(clock_now) {
                c.gone = true;
            }
            if c.pending() > 0 && clock_now.saturating_sub(c.last_progress) >= WRITE_TIMEOUT {
                // The client takes none of its replies: it is let go, and
                // what waited for it with it.
                c.gone = true;
            }
            if c.eof && !c.gone && !c.server_closed && c.in_pos == c.input.len() && c.pending() == 0
            {
                // Half-closed, everything read answered and written: the
                // client's FIN reaches the simulated server (a POP3 session
                // without QUIT is not committed, and its maildrop is
                // unlocked at once, as a real server does on EOF), and the
                // socket is closed. The world answers each line fed at once
                // (these paths have no simulated latency: `build_world`),
                // so no answer is still on its way.
                world.close(c.conn);
                c.server_closed = true;
            }
            if c.gone || (c.server_closed && c.pending() == 0) {
                done.push(t);
            }
        }
        for t in done {
            if let Some(c) = clients.remove(&t) {
                if c.gone {
                    // The real client went away: so does the simulated one
                    // (mid-DATA, nothing is delivered).
                    world.close(c.conn);
                } else {
                    c.close_gracefully();
                }
            }
        }

        let peak = clients.values().map(Client::pending).max().unwrap_or(0);
        opts.stats.peak_pending.fetch_max(peak, Ordering::Relaxed);
        opts.stats.open.store(clients.len(), Ordering::Relaxed);
        opts.stats.turns.fetch_add(1, Ordering::SeqCst);

        // Print the new events, then forget them: serve keeps no history.
        let new = world.events_since(printed);
        if let Some(last) = new.last() {
            printed = last.seq + 1;
            if !opts.quiet {
                trace.push(&render::transcript(new));
            }
        }
        world.forget_trace_before(printed);
    }
    for (_, c) in clients {
        world.close(c.conn);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::net::TcpStream as StdStream;

    struct Running {
        addrs: Vec<SocketAddr>,
        stop: Arc<Stop>,
        clock: Arc<AtomicU64>,
        stats: Arc<ServeStats>,
        thread: Option<std::thread::JoinHandle<()>>,
    }

    impl Drop for Running {
        fn drop(&mut self) {
            self.stop.request();
            if let Some(t) = self.thread.take() {
                let _ = t.join();
            }
        }
    }

    /// `serve` on ephemeral ports, on a clock the test moves.
    fn start(max_connections: usize) -> Running {
        let clock = Arc::new(AtomicU64::new(0));
        let (tx, rx) = std::sync::mpsc::channel();
        let mut opts = ServeOptions::new(default_ports(0, 0, 0, 0, 0, 0));
        opts.quiet = true;
        opts.max_connections = max_connections;
        opts.clock = Clock::Manual(clock.clone());
        opts.on_ready = Some(Box::new(move |a| {
            let _ = tx.send(a);
        }));
        let stats = opts.stats.clone();
        let stop = Arc::new(Stop::default());
        let s = stop.clone();
        let thread = std::thread::spawn(move || serve(opts, &s).expect("serve"));
        let addrs = rx.recv().expect("bound");
        Running {
            addrs,
            stop,
            clock,
            stats,
            thread: Some(thread),
        }
    }

    impl Running {
        /// Moves the clock on, then waits for the loop to take two turns.
        fn advance(&self, secs: u64) {
            self.clock.fetch_add(secs * 1_000_000, Ordering::SeqCst);
            let turns = self.stats.turns.load(Ordering::SeqCst);
            for _ in 0..1000 {
                self.stop.wake();
                if self.stats.turns.load(Ordering::SeqCst) >= turns + 2 {
                    return;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            panic!("the loop is stuck");
        }
    }

    fn connect(addr: SocketAddr) -> (BufReader<StdStream>, StdStream) {
        let s = StdStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        (BufReader::new(s.try_clone().unwrap()), s)
    }

    fn line(r: &mut BufReader<StdStream>) -> String {
        let mut l = String::new();
        r.read_line(&mut l).expect("a line within 30 s");
        l
    }

    /// Sends Dave a message of `size` bytes through the MX port.
    fn deliver(addr: SocketAddr, size: usize) {
        let (mut r, mut w) = connect(addr);
        assert!(line(&mut r).starts_with("220"));
        w.write_all(
            b"HELO t\r\nMAIL FROM:<a@stranger.example>\r\nRCPT TO:<dave@dave.example>\r\nDATA\r\n",
        )
        .unwrap();
        for want in ["250", "250", "250", "354"] {
            let l = line(&mut r);
            assert!(l.starts_with(want), "{l}");
        }
        let body_line = format!("{}\r\n", "x".repeat(98));
        let mut msg = b"Subject: big\r\n\r\n".to_vec();
        while msg.len() < size {
            msg.extend_from_slice(body_line.as_bytes());
        }
        msg.extend_from_slice(b".\r\nQUIT\r\n");
        w.write_all(&msg).unwrap();
        assert!(line(&mut r).starts_with("250"));
    }

    fn pop3_login(addr: SocketAddr) -> (BufReader<StdStream>, StdStream) {
        let (mut r, mut w) = connect(addr);
        assert!(line(&mut r).starts_with("+OK"));
        w.write_all(b"USER dave\r\nPASS dave-pass\r\n").unwrap();
        assert!(line(&mut r).starts_with("+OK"));
        assert!(line(&mut r).starts_with("+OK"));
        (r, w)
    }

    const RETRS: usize = 200;
    const SIZE: usize = 100_000;

    /// Item 8: 200 pipelined `RETR 1` of a 100 KB message (20 MB of
    /// replies) in one write, read only once they are all sent. The
    /// server produces them as the client takes them, and every one
    /// arrives whole, in order.
    #[test]
    fn pipelined_retr_is_answered_as_the_client_reads() {
        let s = start(MAX_CONNECTIONS);
        deliver(s.addrs[2], SIZE);
        let (mut r, mut w) = pop3_login(s.addrs[3]);
        w.write_all("RETR 1\r\n".repeat(RETRS).as_bytes()).unwrap();
        w.write_all(b"QUIT\r\n").unwrap();
        // Before, the whole read was answered at once: 20 MB waited.
        let mut all = line(&mut r).into_bytes();
        r.read_to_end(&mut all).expect("everything, then the close");
        let text = String::from_utf8_lossy(&all);
        assert_eq!(text.matches("+OK ").count(), RETRS + 1, "RETRs and QUIT");
        assert_eq!(text.matches("\r\n.\r\n").count(), RETRS);
        assert!(text.contains("signing off"));
        let peak = s.stats.peak_pending.load(Ordering::Relaxed);
        assert!(peak <= OUT_LIMIT + 2 * SIZE, "{peak} bytes waited");
    }

    /// Item 9: a client that sends 200 RETR and never reads is closed once
    /// its output has not moved for 60 s, and its buffer is freed.
    #[test]
    fn a_client_that_never_reads_is_closed_after_60_s() {
        let s = start(MAX_CONNECTIONS);
        deliver(s.addrs[2], SIZE);
        let (mut r, mut w) = pop3_login(s.addrs[3]);
        w.write_all("RETR 1\r\n".repeat(RETRS).as_bytes()).unwrap();
        // The first reply is out: the server is stuck on a full socket.
        assert!(line(&mut r).starts_with("+OK"));
        s.advance(59);
        let (mut r2, mut w2) = connect(s.addrs[3]);
        assert!(line(&mut r2).starts_with("+OK"), "the loop still answers");
        w2.write_all(b"QUIT\r\n").unwrap();
        assert!(line(&mut r2).starts_with("+OK"));
        // The kernel's socket buffers take some more as time goes on; the
        // connection is closed 60 s after they are full.
        for _ in 0..100 {
            s.advance(61);
            if s.stats.open.load(Ordering::Relaxed) == 0 {
                break;
            }
        }
        assert_eq!(s.stats.open.load(Ordering::Relaxed), 0, "closed");
        // What the socket held arrives, then the connection ends (EOF or
        // reset) instead of the rest of the 20 MB.
        let mut got = Vec::new();
        let _ = r.read_to_end(&mut got);
        assert!(got.len() < RETRS * SIZE / 2, "{} bytes", got.len());
        // The server closed and freed it.
        let (mut r3, _w3) = connect(s.addrs[3]);
        assert!(line(&mut r3).starts_with("+OK"));
    }

    /// Counts Dave's messages with a fresh POP3 session (STAT).
    fn stat(addr: SocketAddr) -> String {
        let (mut r, mut w) = pop3_login(addr);
        w.write_all(b"STAT\r\nQUIT\r\n").unwrap();
        let l = line(&mut r);
        assert!(line(&mut r).starts_with("+OK"));
        l
    }

    const BIG: usize = 6_000_000;

    /// Item 1: `USER`, `PASS`, `RETR 1`, `DELE 1`, `QUIT`, then the client
    /// shuts down its sending side (`nc -N`). The whole 6 MB message, its
    /// final `.`, the DELE and QUIT replies all arrive before the close;
    /// the message was deleted (QUIT came) and was also downloaded.
    #[test]
    fn a_half_closed_client_still_gets_all_its_replies() {
        let s = start(MAX_CONNECTIONS);
        deliver(s.addrs[2], BIG);
        let (mut r, mut w) = connect(s.addrs[3]);
        w.write_all(b"USER dave\r\nPASS dave-pass\r\nRETR 1\r\nDELE 1\r\nQUIT\r\n")
            .unwrap();
        w.shutdown(Shutdown::Write).unwrap();
        // A slow reader: the server's socket stays full, so what is still
        // pending when the FIN is seen cannot all be written at once.
        let mut all = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let n = r.read(&mut chunk).expect("everything, then the close");
            if n == 0 {
                break;
            }
            all.extend_from_slice(&chunk[..n]);
            std::thread::sleep(Duration::from_micros(500));
        }
        let text = String::from_utf8_lossy(&all);
        assert!(all.len() > BIG, "only {} bytes arrived", all.len());
        assert_eq!(text.matches("\r\n.\r\n").count(), 1, "the final dot");
        let tail = &text[text.rfind("\r\n.\r\n").unwrap() + 5..];
        let replies: Vec<&str> = tail.lines().collect();
        assert_eq!(replies.len(), 2, "{tail:?}");
        assert!(replies[0].starts_with("+OK"), "DELE: {tail:?}");
        assert!(replies[1].contains("signing off"), "QUIT: {tail:?}");
        assert!(stat(s.addrs[3]).starts_with("+OK 0 "), "deleted at QUIT");
    }

    /// Item 1, without QUIT: the half-closed client still gets its RETR and
    /// DELE replies; then the connection ends as a lost one, so the DELE is
    /// not committed (RFC 1939 §6) and the message is still there.
    #[test]
    fn a_half_close_without_quit_keeps_the_message() {
        let s = start(MAX_CONNECTIONS);
        deliver(s.addrs[2], BIG);
        let (mut r, mut w) = connect(s.addrs[3]);
        w.write_all(b"USER dave\r\nPASS dave-pass\r\nRETR 1\r\nDELE 1\r\n")
            .unwrap();
        w.shutdown(Shutdown::Write).unwrap();
        let mut all = Vec::new();
        let mut chunk = [0u8; 65536];
        while !String::from_utf8_lossy(&all).contains("\r\n.\r\n+OK") || !all.ends_with(b"\r\n") {
            let n = r.read(&mut chunk).expect("the replies");
            assert!(n > 0, "closed after {} bytes", all.len());
            all.extend_from_slice(&chunk[..n]);
        }
        assert!(all.len() > BIG, "only {} bytes arrived", all.len());
        let mut rest = Vec::new();
        r.read_to_end(&mut rest).expect("then the close");
        assert!(rest.is_empty(), "{:?}", String::from_utf8_lossy(&rest));
        assert!(
            stat(s.addrs[3]).starts_with("+OK 1 "),
            "not deleted without QUIT"
        );
    }

    /// Item 11: beyond the cap, SMTP gets 421 and POP3 -ERR, then EOF.
    #[test]
    fn connections_beyond_the_cap_are_refused() {
        let s = start(2);
        let (mut a, _wa) = connect(s.addrs[0]);
        assert!(line(&mut a).starts_with("220"));
        let (mut b, _wb) = connect(s.addrs[3]);
        assert!(line(&mut b).starts_with("+OK"));
        let (mut c, _wc) = connect(s.addrs[0]);
        let l = line(&mut c);
        assert!(l.starts_with("421 4.3.2 "), "{l}");
        assert_eq!(line(&mut c), "", "then closed");
        let (mut d, _wd) = connect(s.addrs[3]);
        let l = line(&mut d);
        assert!(l.starts_with("-ERR [SYS/TEMP] "), "{l}");
        assert_eq!(line(&mut d), "");
    }
}
