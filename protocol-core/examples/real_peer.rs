//! Puts our sans-IO clients on real TCP sockets, to meet real servers
//! (Postfix, Dovecot; `tests/interop/test_real_peers.py` drives it):
//!
//! ```sh
//! cargo run --release -p protocol-core --example real_peer -- smtp-send \
//!     --server 127.0.0.1:2525 --from john@isp.example --to dave@dave.example \
//!     [--to ...] [--auth USER PASS] [--helo NAME] [--no-pipelining] [--no-size] \
//!     (--subject S --body B | --message-file FILE) [--timeout SECS]
//! cargo run --release -p protocol-core --example real_peer -- pop3-fetch \
//!     --server 127.0.0.1:2110 --user dave --pass dave-pass [--delete] [--apop] \
//!     [--uids FILE] [--save DIR] [--timeout SECS]
//! cargo run --release -p protocol-core --example real_peer -- imap-fetch \
//!     --server 127.0.0.1:2143 --user dave --pass dave-pass [--peek] [--delete] \
//!     [--move-to FOLDER] [--append FOLDER FILE] [--seen UIDVALIDITY:UID] \
//!     [--save DIR] [--timeout SECS]
//! ```
//!
//! Prints every line sent (`C: `) and received (`S: `), then the outcome
//! (`outcome: ...` lines). `--message-file` sends the file's bytes as they
//! are (the client dot-stuffs them); `--subject`/`--body` build a message
//! with From, To, Date and Message-ID (bare LF in the body becomes CRLF).
//! `--uids FILE` is the POP3 client's memory for leave-on-server: the
//! unique-ids it knows are read from FILE (one a line, if it exists) and
//! written back at the end. `--save DIR` writes each downloaded message to
//! `DIR/<n>.eml` (n from 1, in download order) exactly as received.
//!
//! Exit status: 0 when every recipient was accepted / the fetch ended
//! without error, 1 otherwise, 2 for a usage error or no connection. std::net only, one
//! blocking socket: `now` is the real time since start (in microseconds),
//! and the read timeout is the session's `poll_timeout`.

use protocol_core::address::{Mailbox, ReversePath};
use protocol_core::imap::client as imap;
use protocol_core::pop3;
use protocol_core::smtp::client as smtp;
use protocol_core::{SimDuration, SimTime};
use std::collections::BTreeSet;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// What the driver needs of a sans-IO client session.
trait Session {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8]);
    fn handle_timeout(&mut self, now: SimTime);
    fn handle_close(&mut self, now: SimTime);
    fn poll_output(&mut self) -> Option<Vec<u8>>;
    fn poll_timeout(&self) -> Option<SimTime>;
    fn is_closed(&self) -> bool;
    /// Takes the queued events; true once the session reported its outcome.
    fn drain_events(&mut self) -> bool;
}

struct Smtp {
    session: smtp::ClientSession,
    outcome: Option<smtp::DeliveryOutcome>,
}

impl Session for Smtp {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8]) {
        self.session.handle_input(now, bytes)
    }
    fn handle_timeout(&mut self, now: SimTime) {
        self.session.handle_timeout(now)
    }
    fn handle_close(&mut self, now: SimTime) {
        self.session.handle_close(now)
    }
    fn poll_output(&mut self) -> Option<Vec<u8>> {
        self.session.poll_output()
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        self.session.poll_timeout()
    }
    fn is_closed(&self) -> bool {
        self.session.is_closed()
    }
    fn drain_events(&mut self) -> bool {
        while let Some(e) = self.session.poll_event() {
            match e {
                smtp::ClientEvent::Finished(o) => self.outcome = Some(o),
                smtp::ClientEvent::BadReply { detail } => println!("!: bad reply: {detail}"),
                _ => {}
            }
        }
        self.outcome.is_some()
    }
}

struct Pop3 {
    session: pop3::ClientSession,
    outcome: Option<pop3::FetchOutcome>,
}

impl Session for Pop3 {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8]) {
        self.session.handle_input(now, bytes)
    }
    fn handle_timeout(&mut self, now: SimTime) {
        self.session.handle_timeout(now)
    }
    fn handle_close(&mut self, now: SimTime) {
        self.session.handle_close(now)
    }
    fn poll_output(&mut self) -> Option<Vec<u8>> {
        self.session.poll_output()
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        self.session.poll_timeout()
    }
    fn is_closed(&self) -> bool {
        self.session.is_closed()
    }
    fn drain_events(&mut self) -> bool {
        while let Some(e) = self.session.poll_event() {
            match e {
                pop3::ClientEvent::Finished(o) => self.outcome = Some(o),
                pop3::ClientEvent::Deleted { uid } => println!("!: deleted on the server: {uid}"),
                _ => {}
            }
        }
        self.outcome.is_some()
    }
}

struct Imap {
    session: imap::ClientSession,
    outcome: Option<imap::VisitOutcome>,
}

impl Session for Imap {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8]) {
        self.session.handle_input(now, bytes)
    }
    fn handle_timeout(&mut self, now: SimTime) {
        self.session.handle_timeout(now)
    }
    fn handle_close(&mut self, now: SimTime) {
        self.session.handle_close(now)
    }
    fn poll_output(&mut self) -> Option<Vec<u8>> {
        self.session.poll_output()
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        self.session.poll_timeout()
    }
    fn is_closed(&self) -> bool {
        self.session.is_closed()
    }
    fn drain_events(&mut self) -> bool {
        while let Some(e) = self.session.poll_event() {
            match e {
                imap::ClientEvent::Finished(o) => self.outcome = Some(o),
                imap::ClientEvent::Fetched { uid, flags } => {
                    println!("!: fetched uid {uid}, flags {flags}")
                }
                imap::ClientEvent::StateChanged { from, event, to } => {
                    println!("!: state {from:?} -{event}-> {to:?}")
                }
            }
        }
        self.outcome.is_some()
    }
}

/// Prints a stream of bytes as lines with a prefix, keeping a partial
/// last line until its end arrives (the core's line receiver, uncapped:
/// every byte is shown).
struct Printer {
    prefix: &'static str,
    rx: protocol_core::line::LineReceiver,
}

impl Printer {
    fn new(prefix: &'static str) -> Self {
        Printer {
            prefix,
            rx: protocol_core::line::LineReceiver::new(),
        }
    }
    fn feed(&mut self, bytes: &[u8]) {
        use protocol_core::line::{Flow, Line};
        let prefix = self.prefix;
        self.rx.feed(bytes, usize::MAX, |line| {
            if let Line::Complete { text, .. } = line {
                println!("{prefix}{}", String::from_utf8_lossy(text));
            }
            Flow::Continue
        });
    }
    fn flush(&mut self) {
        let rest = self.rx.take_pending();
        if !rest.is_empty() {
            println!(
                "{}{} (no line end)",
                self.prefix,
                String::from_utf8_lossy(&rest)
            );
        }
    }
}

/// Runs `session` on `stream` until it is closed (or reported its outcome
/// and the server hung up).
fn drive(stream: &mut TcpStream, session: &mut dyn Session) {
    let start = Instant::now();
    let now = || SimTime::from_micros(start.elapsed().as_micros() as u64);
    let (mut sent, mut received) = (Printer::new("C: "), Printer::new("S: "));
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        while let Some(bytes) = session.poll_output() {
            sent.feed(&bytes);
            if let Err(e) = stream.write_all(&bytes) {
                println!("!: write failed: {e}");
                session.handle_close(now());
                break;
            }
        }
        session.drain_events();
        if session.is_closed() {
            break;
        }
        let wait = match session.poll_timeout() {
            Some(deadline) => {
                let left = deadline.saturating_since(now()).as_micros();
                if left == 0 {
                    println!("!: no answer in time");
                    session.handle_timeout(now());
                    continue;
                }
                Duration::from_micros(left)
            }
            None => Duration::from_secs(3600),
        };
        // A zero read timeout is refused by std: at least 1 ms.
        let _ = stream.set_read_timeout(Some(wait.max(Duration::from_millis(1))));
        match stream.read(&mut buf) {
            Ok(0) => {
                received.flush();
                println!("!: the server closed the connection");
                session.handle_close(now());
            }
            Ok(n) => {
                received.feed(&buf[..n]);
                session.handle_input(now(), &buf[..n]);
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                // Loop: the deadline check above calls handle_timeout when due.
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => {
                println!("!: read failed: {e}");
                session.handle_close(now());
            }
        }
    }
    received.flush();
    sent.flush();
}

fn connect(server: &str) -> Result<TcpStream, String> {
    let addrs: Vec<_> = server
        .to_socket_addrs()
        .map_err(|e| format!("{server}: {e}"))?
        .collect();
    let mut last = format!("{server}: no address");
    for a in addrs {
        match TcpStream::connect_timeout(&a, Duration::from_secs(10)) {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                println!("!: connected to {a}");
                return Ok(s);
            }
            Err(e) => last = format!("{a}: {e}"),
        }
    }
    Err(last)
}

/// Command-line arguments: flags with 0, 1 or 2 values.
struct Args(Vec<String>);

impl Args {
    fn take(&mut self, flag: &str, n: usize) -> Result<Option<Vec<String>>, String> {
        let Some(i) = self.0.iter().position(|a| a == flag) else {
            return Ok(None);
        };
        if i + n >= self.0.len() {
            return Err(format!("{flag} needs {n} value(s)"));
        }
        let values: Vec<String> = self.0.drain(i..=i + n).skip(1).collect();
        Ok(Some(values))
    }
    fn one(&mut self, flag: &str) -> Result<Option<String>, String> {
        Ok(self.take(flag, 1)?.map(|mut v| v.remove(0)))
    }
    fn all(&mut self, flag: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        while let Some(v) = self.one(flag)? {
            out.push(v);
        }
        Ok(out)
    }
    fn flag(&mut self, flag: &str) -> Result<bool, String> {
        Ok(self.take(flag, 0)?.is_some())
    }
    fn required(&mut self, flag: &str) -> Result<String, String> {
        self.one(flag)?.ok_or_else(|| format!("{flag} is required"))
    }
    fn timeout(&mut self) -> Result<Option<SimDuration>, String> {
        self.one("--timeout")?
            .map(|t| {
                t.parse::<u64>()
                    .map(SimDuration::from_secs)
                    .map_err(|_| format!("--timeout {t}: seconds expected"))
            })
            .transpose()
    }
    fn done(&self) -> Result<(), String> {
        match self.0.first() {
            Some(a) => Err(format!("unexpected argument {a:?}")),
            None => Ok(()),
        }
    }
}

/// RFC 5322 §3.3 date of the current time, in UTC.
fn rfc5322_date() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (h, m, s) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{weekday}, {day} {} {year} {h:02}:{m:02}:{s:02} +0000",
        months[(month - 1) as usize]
    )
}

fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

fn smtp_send(mut args: Args) -> Result<bool, String> {
    let server = args.required("--server")?;
    let from = args.required("--from")?;
    let to = args.all("--to")?;
    let auth = args.take("--auth", 2)?;
    let helo = args.one("--helo")?;
    let no_pipelining = args.flag("--no-pipelining")?;
    let no_size = args.flag("--no-size")?;
    let subject = args.one("--subject")?;
    let body = args.one("--body")?;
    let file = args.one("--message-file")?;
    let timeout = args.timeout()?;
    args.done()?;
    if to.is_empty() {
        return Err("at least one --to is required".into());
    }
    let from_path = if from.is_empty() || from == "<>" {
        ReversePath::Null
    } else {
        ReversePath::Mailbox(Mailbox::parse(&from).map_err(|e| format!("--from {from}: {e}"))?)
    };
    let rcpts = to
        .iter()
        .map(|t| Mailbox::parse(t).map_err(|e| format!("--to {t}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let message = match (file, subject, body) {
        (Some(f), None, None) => std::fs::read(&f).map_err(|e| format!("{f}: {e}"))?,
        (None, subject, body) => {
            let stamp = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_micros());
            let domain = from.rsplit('@').next().unwrap_or("localhost");
            format!(
                "From: <{from}>\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{stamp}.real-peer@{domain}>\r\n\r\n{}",
                to.iter().map(|t| format!("<{t}>")).collect::<Vec<_>>().join(", "),
                subject.unwrap_or_default(),
                rfc5322_date(),
                crlf(&body.unwrap_or_default()),
            )
            .into_bytes()
        }
        _ => return Err("--message-file does not go with --subject or --body".into()),
    };
    let mut config = smtp::ClientConfig::new(helo.unwrap_or_else(|| "real-peer.localhost".into()));
    config.use_pipelining = !no_pipelining;
    config.use_size = !no_size;
    config.auth = auth.map(|mut v| (v.remove(0), v.remove(0)));
    if let Some(t) = timeout {
        config.timeout = t;
    }
    let mut stream = connect(&server)?;
    let mut s = Smtp {
        session: smtp::ClientSession::new(config, from_path, rcpts, message, SimTime::ZERO),
        outcome: None,
    };
    drive(&mut stream, &mut s);
    let outcome = s.outcome.ok_or("the session ended without an outcome")?;
    let mut all = true;
    for (rcpt, o) in &outcome.recipients {
        let word = match o {
            smtp::RcptOutcome::Accepted(_) => "accepted",
            smtp::RcptOutcome::Transient(_) => "transient",
            smtp::RcptOutcome::Permanent(_) => "permanent",
        };
        all &= word == "accepted";
        let r = o.reply();
        println!("outcome: {rcpt} {word} {} {}", r.code, r.text());
    }
    Ok(all)
}

fn pop3_fetch(mut args: Args) -> Result<bool, String> {
    let server = args.required("--server")?;
    let user = args.required("--user")?;
    let pass = args.required("--pass")?;
    let delete = args.flag("--delete")?;
    let apop = args.flag("--apop")?;
    let uids = args.one("--uids")?.map(PathBuf::from);
    let save = args.one("--save")?.map(PathBuf::from);
    let timeout = args.timeout()?;
    args.done()?;
    let mut config = pop3::ClientConfig::new(user, pass);
    config.delete_after_retrieve = delete;
    config.use_apop = apop;
    if let Some(t) = timeout {
        config.timeout = t;
    }
    if let Some(path) = &uids {
        if let Ok(text) = std::fs::read_to_string(path) {
            config.known_uids = text
                .lines()
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect::<BTreeSet<_>>();
        }
    }
    let mut stream = connect(&server)?;
    let mut p = Pop3 {
        session: pop3::ClientSession::new(config, SimTime::ZERO),
        outcome: None,
    };
    drive(&mut stream, &mut p);
    let outcome = p.outcome.ok_or("the session ended without an outcome")?;
    if let Some(dir) = &save {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    for (i, (uid, data)) in outcome.retrieved.iter().enumerate() {
        println!(
            "outcome: retrieved {} uid={uid} bytes={}",
            i + 1,
            data.len()
        );
        if let Some(dir) = &save {
            let path = dir.join(format!("{}.eml", i + 1));
            std::fs::write(&path, data).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    println!("outcome: {} message(s) retrieved", outcome.retrieved.len());
    let known: Vec<&str> = outcome.known_uids.iter().map(String::as_str).collect();
    println!("outcome: known uids: {}", known.join(" "));
    if let Some(path) = &uids {
        let mut text = known.join("\n");
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    match &outcome.error {
        Some(e) => {
            println!("outcome: error: {e}");
            Ok(false)
        }
        None => Ok(true),
    }
}

fn imap_fetch(mut args: Args) -> Result<bool, String> {
    let server = args.required("--server")?;
    let user = args.required("--user")?;
    let pass = args.required("--pass")?;
    let peek = args.flag("--peek")?;
    let delete = args.flag("--delete")?;
    let move_to = args.one("--move-to")?;
    let append = args.take("--append", 2)?;
    let seen = args.one("--seen")?;
    let save = args.one("--save")?.map(PathBuf::from);
    let timeout = args.timeout()?;
    args.done()?;
    let mut config = imap::ClientConfig::new(user, pass);
    config.peek = peek;
    config.delete = delete;
    config.move_to = move_to;
    if let Some(v) = append {
        let data = std::fs::read(&v[1]).map_err(|e| format!("{}: {e}", v[1]))?;
        config.append = Some((v[0].clone(), data));
    }
    if let Some(s) = seen {
        let bad = || format!("--seen {s}: UIDVALIDITY:UID expected");
        let (v, u) = s.split_once(':').ok_or_else(bad)?;
        config.seen = Some((v.parse().map_err(|_| bad())?, u.parse().map_err(|_| bad())?));
    }
    if let Some(t) = timeout {
        config.timeout = t;
    }
    let mut stream = connect(&server)?;
    let mut p = Imap {
        session: imap::ClientSession::new(config, SimTime::ZERO),
        outcome: None,
    };
    drive(&mut stream, &mut p);
    let outcome = p.outcome.ok_or("the session ended without an outcome")?;
    if let Some(dir) = &save {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    for (i, (uid, flags, data)) in outcome.fetched.iter().enumerate() {
        println!(
            "outcome: fetched {} uid={uid} flags={flags} bytes={}",
            i + 1,
            data.len()
        );
        if let Some(dir) = &save {
            let path = dir.join(format!("{}.eml", i + 1));
            std::fs::write(&path, data).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    println!("outcome: {} message(s) fetched", outcome.fetched.len());
    if let Some((v, u)) = outcome.seen {
        println!("outcome: seen {v}:{u}");
    }
    match &outcome.error {
        Some(e) => {
            println!("outcome: error: {e}");
            Ok(false)
        }
        None => Ok(true),
    }
}

fn main() -> ExitCode {
    let mut argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.is_empty() {
        eprintln!(
            "usage: real_peer smtp-send|pop3-fetch|imap-fetch --server HOST:PORT ... (see the file's header)"
        );
        return ExitCode::from(2);
    }
    let command = argv.remove(0);
    let args = Args(argv);
    let result = match command.as_str() {
        "smtp-send" => smtp_send(args),
        "pop3-fetch" => pop3_fetch(args),
        "imap-fetch" => imap_fetch(args),
        other => Err(format!(
            "unknown subcommand {other:?}: smtp-send, pop3-fetch or imap-fetch"
        )),
    };
    // Flush what the driver printed before the exit status.
    let _ = std::io::stdout().flush();
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("real_peer: {e}");
            ExitCode::from(2)
        }
    }
}
