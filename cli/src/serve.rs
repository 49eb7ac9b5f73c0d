//! `mailsim serve`: the simulated world's servers on real loopback ports, so
//! that real mail programs (curl, swaks, Thunderbird, Python's smtplib and
//! poplib, fetchmail) talk to the very sessions the simulator animates.
//!
//! How it is put together:
//! * One thread owns the [`World`]. Virtual time follows real time (1 s of
//!   wall clock is 1 s of virtual time), so the RFC timeouts keep their RFC
//!   values (SMTP server 5 min, RFC 5321 §4.5.3.2.7; POP3 autologout 10 min,
//!   RFC 1939 §3) and relays happen by themselves within milliseconds.
//! * Each listening port stands for one simulated path: a real connection
//!   accepted on it becomes a simulated TCP connection from a chosen host of
//!   the world to a server of the world (`World::connect`). The bytes the
//!   real client sends are injected as they arrive; the bytes the simulated
//!   server sends are written back.
//! * Each real connection has a reader thread (socket -> world, through one
//!   bounded channel, so a client flooding bytes is slowed down by TCP
//!   instead of filling memory) and a writer thread (world -> socket, so a
//!   client that does not read cannot stall the world).
//! * Every trace event is printed in the transcript format of `mailsim run`
//!   as it happens, then dropped, so a long-running server keeps no history.

use protocol_core::scenario::Scenario;
use protocol_core::sim::cast;
use protocol_core::sim::host::HostConfig;
use protocol_core::sim::render;
use protocol_core::sim::trace::ConnId;
use protocol_core::sim::World;
use protocol_core::time::{SimDuration, SimTime};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::Arc;
use std::thread;
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

enum ToWorld {
    Opened {
        key: u64,
        port: usize,
        writer: Sender<Vec<u8>>,
        peer: SocketAddr,
    },
    Data {
        key: u64,
        bytes: Vec<u8>,
    },
    Eof {
        key: u64,
    },
}

struct Live {
    conn: ConnId,
    writer: Sender<Vec<u8>>,
    peer: SocketAddr,
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
        let target = world.hosts().find(|h| h.config.name == p.target).map(|h| h.config.id.clone());
        if let Some(target) = target {
            world.set_link(p.from_host, &target, SimDuration::ZERO, 0);
        }
    }
    world
}

/// Binds every port, prints the mapping, then serves until `stop` is set.
pub fn serve(opts: ServeOptions, stop: Arc<AtomicBool>) -> Result<(), ServeError> {
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
        let l = TcpListener::bind(addr).map_err(|e| {
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
        listeners.push(l);
    }
    if !opts.bind.is_loopback() {
        eprintln!("WARNING: listening on {} (not loopback): anyone who can reach this machine can use these servers and their published passwords.", opts.bind);
    }

    let world = build_world(opts.scenario.as_ref(), opts.seed, &opts.ports);
    print_banner(&opts, &world);

    // One bounded channel from every reader to the world: backpressure.
    let (tx, rx) = mpsc::sync_channel::<ToWorld>(256);
    let next_key = Arc::new(std::sync::atomic::AtomicU64::new(1));
    for (i, l) in listeners.into_iter().enumerate() {
        let tx = tx.clone();
        let stop = stop.clone();
        let next_key = next_key.clone();
        thread::Builder::new()
            .name(format!("accept-{}", opts.ports[i].listen))
            .spawn(move || accept_loop(l, i, tx, stop, next_key))
            .map_err(|e| ServeError(format!("cannot start a thread: {e}")))?;
    }
    drop(tx);
    run_world(world, rx, &opts, stop);
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

fn accept_loop(
    l: TcpListener,
    port: usize,
    tx: SyncSender<ToWorld>,
    stop: Arc<AtomicBool>,
    next_key: Arc<std::sync::atomic::AtomicU64>,
) {
    // A blocking accept: polling a non-blocking listener added up to its
    // sleep to every connection set-up (smtp-source opens one per message).
    // Blocked accepts end with the process once the world thread stops.
    while !stop.load(Ordering::Relaxed) {
        match l.accept() {
            Ok((stream, peer)) => {
                let key = next_key.fetch_add(1, Ordering::Relaxed);
                let _ = stream.set_nodelay(true);
                let (wtx, wrx) = mpsc::channel::<Vec<u8>>();
                let Ok(write_half) = stream.try_clone() else {
                    continue;
                };
                if tx
                    .send(ToWorld::Opened {
                        key,
                        port,
                        writer: wtx,
                        peer,
                    })
                    .is_err()
                {
                    return;
                }
                let _ = thread::Builder::new()
                    .name(format!("write-{key}"))
                    .spawn(move || writer_loop(write_half, wrx));
                let tx = tx.clone();
                let _ = thread::Builder::new()
                    .name(format!("read-{key}"))
                    .spawn(move || reader_loop(stream, key, tx));
            }
            // e.g. EMFILE: too many open connections; let some finish.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn reader_loop(mut stream: TcpStream, key: u64, tx: SyncSender<ToWorld>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if tx
                    .send(ToWorld::Data {
                        key,
                        bytes: buf[..n].to_vec(),
                    })
                    .is_err()
                {
                    return;
                }
            }
        }
    }
    let _ = tx.send(ToWorld::Eof { key });
}

/// Writes what the world sends; when the world drops its sender (the
/// simulated server closed), flushes and closes the socket.
fn writer_loop(mut stream: TcpStream, rx: Receiver<Vec<u8>>) {
    for chunk in rx {
        if stream.write_all(&chunk).is_err() {
            break;
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

fn run_world(mut world: World, rx: Receiver<ToWorld>, opts: &ServeOptions, stop: Arc<AtomicBool>) {
    let start = Instant::now();
    let vnow = |start: Instant| SimTime::from_micros(start.elapsed().as_micros() as u64);
    let mut live: BTreeMap<u64, Live> = BTreeMap::new();
    let mut printed: u64 = 0;
    let stdout = io::stdout();

    while !stop.load(Ordering::Relaxed) {
        // Sleep until the next message, the world's next timer, or 50 ms.
        let now = vnow(start);
        let wait = world
            .next_wakeup()
            .map(|t| Duration::from_micros(t.as_micros().saturating_sub(now.as_micros())))
            .unwrap_or(Duration::from_millis(50))
            .min(Duration::from_millis(50));
        let first = match rx.recv_timeout(wait) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        world.run_until(vnow(start));
        for msg in first
            .into_iter()
            .chain(std::iter::from_fn(|| rx.try_recv().ok()))
        {
            match msg {
                ToWorld::Opened {
                    key,
                    port,
                    writer,
                    peer,
                } => {
                    let p = &opts.ports[port];
                    match world.connect(p.from_host, p.target, p.target_port) {
                        Ok(conn) => {
                            live.insert(key, Live { conn, writer, peer });
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
                ToWorld::Data { key, bytes } => {
                    if let Some(l) = live.get(&key) {
                        world.send_bytes(l.conn, &bytes);
                    }
                }
                ToWorld::Eof { key } => {
                    if let Some(l) = live.remove(&key) {
                        world.close(l.conn);
                    }
                }
            }
            // Let the sessions answer before the next chunk, so pipelined
            // input is answered in order at the right virtual time.
            world.run_until(vnow(start));
        }
        world.run_until(vnow(start));

        // World -> sockets.
        live.retain(|_, l| {
            let out = world.take_received(l.conn);
            if !out.is_empty() && l.writer.send(out).is_err() {
                world.close(l.conn);
                return false;
            }
            // Dropping the writer closes the real socket once it is flushed.
            world.is_open(l.conn)
        });

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
    for (_, l) in live {
        let _ = l.peer;
        world.close(l.conn);
    }
    println!("MailSim serve stopped.");
}
