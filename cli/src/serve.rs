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
//! * Every trace event is printed in the transcript format of `mailsim run`
//!   as it happens, then dropped, so a long-running server keeps no history.

use mio::net::{TcpListener, TcpStream};
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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
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
    /// Do not print trace events (benchmarks).
    pub quiet: bool,
}

/// The default port mapping (the table).
pub fn default_ports(
    smtp: u16,
    submission: u16,
    mx: u16,
    pop3: u16,
    isp_pop3: u16,
) -> Vec<PortMap> {
    vec![
        PortMap { listen: smtp, from_host: "john-pc", target: "smtp.isp.example", target_port: 25, flag: "--smtp-port", what: "the ISP's mail server, port 25, as seen from John's computer (relays for the ISP's own network)" },
        PortMap { listen: submission, from_host: "john-pc", target: "smtp.isp.example", target_port: 587, flag: "--submission-port", what: "the ISP's submission port 587 (AUTH required)" },
        PortMap { listen: mx, from_host: OUTSIDE_HOST.0, target: "mail.dave.example", target_port: 25, flag: "--mx-port", what: "Dave's mail server, port 25, as seen from an outside host (stranger.example)" },
        PortMap { listen: pop3, from_host: "dave-pc", target: "mail.dave.example", target_port: 110, flag: "--pop3-port", what: "Dave's POP3 server, port 110 (Dave's mailbox)" },
        PortMap { listen: isp_pop3, from_host: "john-pc", target: "smtp.isp.example", target_port: 110, flag: "--isp-pop3-port", what: "the ISP's POP3 server, port 110 (John's mailbox, where bounces land)" },
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

/// The waker's token; listeners are `0..ports`, connections above.
const WAKER: Token = Token(usize::MAX);

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
    /// The real client closed its side or the socket failed.
    gone: bool,
    /// The simulated server closed the connection: close the socket once
    /// `out` is written.
    server_closed: bool,
}

impl Client {
    fn pending(&self) -> usize {
        self.out.len() - self.out_pos
    }

    /// Whether its input should be read now.
    fn wants_read(&self) -> bool {
        self.readable
            && !self.gone
            && !self.server_closed
            && self.pending() <= OUT_LIMIT
            && self.since_newline <= LINE_LIMIT
    }

    /// Writes what it can of `out`; false if the socket failed.
    fn flush(&mut self) -> bool {
        while self.out_pos < self.out.len() {
            match self.stream.write(&self.out[self.out_pos..]) {
                Ok(0) => return false,
                Ok(n) => self.out_pos += n,
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
pub fn serve(opts: ServeOptions, stop: &Stop) -> Result<(), ServeError> {
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
    if !opts.bind.is_loopback() {
        eprintln!("WARNING: listening on {} (not loopback): anyone who can reach this machine can use these servers and their published passwords.", opts.bind);
    }

    let poll = Poll::new().map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    for (i, l) in listeners.iter_mut().enumerate() {
        poll.registry()
            .register(l, Token(i), Interest::READABLE)
            .map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    }
    let waker = Waker::new(poll.registry(), WAKER)
        .map_err(|e| ServeError(format!("cannot start the event loop: {e}")))?;
    let _ = stop.waker.set(waker);

    let world = build_world(opts.scenario.as_ref(), opts.seed, &opts.ports);
    print_banner(&opts, &world);
    run_loop(world, poll, listeners, &opts, stop);
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

/// The event loop: sockets in, the world, sockets out, the transcript.
fn run_loop(
    mut world: World,
    mut poll: Poll,
    listeners: Vec<TcpListener>,
    opts: &ServeOptions,
    stop: &Stop,
) {
    let start = Instant::now();
    let vnow = || SimTime::from_micros(start.elapsed().as_micros() as u64);
    let mut events = Events::with_capacity(1024);
    let mut clients: HashMap<Token, Client> = HashMap::new();
    let mut next_token = listeners.len();
    let mut printed: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    // Accepting failed (e.g. EMFILE, too many open connections): try again
    // at this time, once some have finished.
    let mut accept_retry: Option<Instant> = None;
    let mut accept_all = false;
    let stdout = io::stdout();

    while !stop.is_requested() {
        // Sleep until a socket is ready, the world's next timer, or a retry.
        let timeout = if clients.values().any(Client::wants_read) || accept_all {
            Duration::ZERO
        } else {
            let now = vnow();
            let mut t = world
                .next_wakeup()
                .map(|w| Duration::from_micros(w.as_micros().saturating_sub(now.as_micros())))
                .unwrap_or(Duration::from_secs(1))
                .min(Duration::from_secs(1));
            if let Some(at) = accept_retry {
                t = t.min(at.saturating_duration_since(Instant::now()));
            }
            t
        };
        if let Err(e) = poll.poll(&mut events, Some(timeout)) {
            if e.kind() != io::ErrorKind::Interrupted {
                eprintln!("serve: the event loop failed: {e}");
                break;
            }
        }
        if accept_retry.is_some_and(|at| Instant::now() >= at) {
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
                        accept_retry = Some(Instant::now() + Duration::from_millis(50));
                        break;
                    }
                };
                let _ = stream.set_nodelay(true);
                let p = &opts.ports[i];
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
                                server_closed: false,
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
            if !c.wants_read() {
                continue;
            }
            let mut budget = READ_BUDGET;
            while budget > 0 && c.since_newline <= LINE_LIMIT {
                match c.stream.read(&mut buf) {
                    Ok(0) => {
                        c.gone = true;
                        break;
                    }
                    Ok(n) => {
                        budget = budget.saturating_sub(n);
                        c.since_newline = match buf[..n].iter().rposition(|&b| b == b'\n') {
                            Some(i) => n - i - 1,
                            None => c.since_newline + n,
                        };
                        world.send_bytes(c.conn, &buf[..n]);
                        // Let the session answer before the next chunk, so
                        // pipelined input is answered in order at the right
                        // virtual time.
                        world.run_until(vnow());
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
        for (&t, c) in clients.iter_mut() {
            let fresh = world.take_received(c.conn);
            if !fresh.is_empty() {
                if c.out.is_empty() {
                    c.out = fresh;
                    c.out_pos = 0;
                } else {
                    c.out.extend_from_slice(&fresh);
                }
            }
            if !c.server_closed && !world.is_open(c.conn) {
                // The server's FIN arrived behind its last bytes.
                c.server_closed = true;
            }
            if c.pending() > 0 && c.writable && !c.flush() {
                c.gone = true;
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

        // Print the new events, then forget them: serve keeps no history.
        let new = world.events_since(printed);
        if let Some(last) = new.last() {
            printed = last.seq + 1;
            if !opts.quiet {
                let mut out = stdout.lock();
                let _ = out.write_all(render::transcript(new).as_bytes());
                let _ = out.flush();
            }
        }
        world.forget_trace_before(printed);
    }
    for (_, c) in clients {
        world.close(c.conn);
    }
    println!("MailSim serve stopped.");
}
