//! The IMAP transcript replayer, shared by the transcript tests and the
//! explanation coverage test (which counts the keys it reaches).

use protocol_core::explain;
use protocol_core::imap::{
    Flags, ImapState, Mailstore, MemoryMailstore, ServerConfig, ServerEvent, ServerSession,
    TRANSITIONS,
};
use protocol_core::SimTime;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug)]
pub enum Step {
    /// A directive, with its raw lines (for the `.failed` file).
    Directive(Directive, Vec<String>),
    Exchange {
        client_lines: Vec<String>,
        client: Vec<u8>,
        server: Vec<u8>,
    },
}

#[derive(Debug)]
pub enum Directive {
    Host(String),
    UidValidity(u32),
    Account(String, String),
    Message {
        user: String,
        folder: String,
        flags: Flags,
        data: Vec<u8>,
    },
    Open(u64, u64),
    Switch(u64),
    Drop,
    Timeout,
    Changed,
    ExpectClosed,
    ExpectMessages(String, String, usize),
}

pub fn parse(text: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() || line.starts_with('#') {
            steps.push(Step::Directive(
                Directive::Switch(u64::MAX),
                vec![line.to_string()],
            ));
            continue;
        }
        if let Some(d) = line.strip_prefix("! ") {
            let w: Vec<&str> = d.split(' ').collect();
            let mut raw = vec![line.to_string()];
            let dir = match w[0] {
                "host" => Directive::Host(w[1].into()),
                "uidvalidity" => Directive::UidValidity(w[1].parse().unwrap()),
                "account" => Directive::Account(w[1].into(), w[2].into()),
                "message" => {
                    let mut data = Vec::new();
                    while let Some(l) = lines.peek().and_then(|l| l.strip_prefix('|')) {
                        data.extend_from_slice(l.strip_prefix(' ').unwrap_or(l).as_bytes());
                        data.extend_from_slice(b"\r\n");
                        raw.push(lines.next().unwrap().to_string());
                    }
                    let mut flags = Flags::NONE;
                    if w[3] != "-" {
                        for f in w[3].split(',') {
                            flags = flags.union(Flags::from_name(f).expect("a system flag"));
                        }
                    }
                    Directive::Message {
                        user: w[1].into(),
                        folder: w[2].into(),
                        flags,
                        data,
                    }
                }
                "open" => Directive::Open(w[1].parse().unwrap(), w[2].parse().unwrap()),
                "switch" => Directive::Switch(w[1].parse().unwrap()),
                "drop" => Directive::Drop,
                "timeout" => Directive::Timeout,
                "changed" => Directive::Changed,
                "expect-closed" => Directive::ExpectClosed,
                "expect-messages" => {
                    Directive::ExpectMessages(w[1].into(), w[2].into(), w[3].parse().unwrap())
                }
                other => panic!("unknown directive {other}"),
            };
            steps.push(Step::Directive(dir, raw));
            continue;
        }
        let (who, rest) = line.split_at(2);
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let wire = format!("{rest}\r\n").into_bytes();
        let new_exchange = match steps.last() {
            Some(Step::Exchange { server, .. }) => who == "C:" && !server.is_empty(),
            _ => true,
        };
        if new_exchange {
            steps.push(Step::Exchange {
                client_lines: Vec::new(),
                client: Vec::new(),
                server: Vec::new(),
            });
        }
        let Some(Step::Exchange {
            client_lines,
            client,
            server,
        }) = steps.last_mut()
        else {
            unreachable!()
        };
        match who {
            "C:" => {
                client.extend_from_slice(&wire);
                client_lines.push(line.to_string());
            }
            "S:" => server.extend_from_slice(&wire),
            _ => panic!("bad line {line:?}"),
        }
    }
    steps
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    PerExchange,
    Pipelined,
    ByteByByte,
    RandomChunks(u64),
}

pub struct Rng(u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

pub struct Run {
    config: ServerConfig,
    store: MemoryMailstore,
    sessions: BTreeMap<u64, ServerSession>,
    current: u64,
    now: SimTime,
    keys: Vec<&'static str>,
}

impl Run {
    pub fn session(&mut self) -> &mut ServerSession {
        self.sessions
            .get_mut(&self.current)
            .expect("no open session")
    }

    /// Drains output, checking keys, lengths and state changes.
    pub fn drain(&mut self) -> Vec<u8> {
        let s = self.sessions.get_mut(&self.current).unwrap();
        let mut out = Vec::new();
        while let Some(o) = s.poll_output() {
            out.extend(o);
        }
        let mut total = 0;
        while let Some(r) = s.poll_response() {
            assert!(
                explain::lookup(r.key).is_some(),
                "key {} is not in the table",
                r.key
            );
            total += r.len;
            self.keys.push(r.key);
        }
        assert_eq!(
            total,
            out.len(),
            "poll_response lengths must cover the bytes"
        );
        while let Some(e) = s.poll_event() {
            match e {
                ServerEvent::StateChanged { from, to, event } => {
                    assert!(
                        TRANSITIONS.contains(&(from, event, to)),
                        "{from:?} -{event}-> {to:?} is not a row"
                    );
                    self.keys.extend(to.explain_key());
                }
                ServerEvent::CommandReceived { command } => {
                    self.keys
                        .extend(protocol_core::imap::command_key(command.body.keyword()));
                }
                _ => {}
            }
        }
        out
    }

    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let now = self.now;
        let s = self.sessions.get_mut(&self.current).unwrap();
        s.handle_input(now, chunk, &mut self.store);
        self.drain()
    }
}

pub fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\u{21b5}\n")
}

pub fn server_lines(out: &mut String, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for l in text.split_terminator("\r\n") {
        if l.is_empty() {
            out.push_str("S:\n");
        } else {
            out.push_str(&format!("S: {l}\n"));
        }
    }
}

/// Replays; returns the transcript as the server really answered (per
/// exchange mode only) and whether it matched.
pub fn replay(path: &Path, steps: &[Step], mode: Mode) -> Vec<&'static str> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut run = Run {
        config: ServerConfig::new("localhost"),
        store: MemoryMailstore::new(),
        sessions: BTreeMap::new(),
        current: 0,
        now: SimTime::ZERO,
        keys: Vec::new(),
    };
    let mut rng = Rng(match mode {
        Mode::RandomChunks(seed) => seed | 1,
        _ => 1,
    });
    let mut actual = String::new();
    let mut mismatch: Option<String> = None;
    let mut i = 0;
    while i < steps.len() {
        match &steps[i] {
            Step::Directive(d, raw) => {
                for r in raw {
                    actual.push_str(r);
                    actual.push('\n');
                }
                match d {
                    Directive::Host(h) => run.config.hostname = h.clone(),
                    Directive::UidValidity(n) => {
                        run.store = std::mem::take(&mut run.store).with_first_uidvalidity(*n)
                    }
                    Directive::Account(u, p) => run.store.add_account(u.as_str(), p.as_str()),
                    Directive::Message {
                        user,
                        folder,
                        flags,
                        data,
                    } => {
                        run.store
                            .append(
                                user,
                                folder,
                                data.clone(),
                                *flags,
                                "23-Nov-2026 08:00:00 +0000".into(),
                            )
                            .expect("append");
                    }
                    Directive::Open(id, time) => {
                        run.now = SimTime::from_micros(*time);
                        run.current = *id;
                        let s = ServerSession::new(Arc::new(run.config.clone()), run.now);
                        run.sessions.insert(*id, s);
                    }
                    Directive::Switch(u64::MAX) => {}
                    Directive::Switch(id) => run.current = *id,
                    Directive::Drop => {
                        let now = run.now;
                        let s = run.sessions.get_mut(&run.current).unwrap();
                        s.handle_close(now, &mut run.store);
                        assert!(run.drain().is_empty());
                    }
                    Directive::Timeout => {
                        let s = run.session();
                        let at = s.poll_timeout().expect("an open session has a timeout");
                        let before = SimTime::from_micros(at.as_micros() - 1);
                        let s = run.sessions.get_mut(&run.current).unwrap();
                        s.handle_timeout(before, &mut run.store);
                        assert!(!s.is_closed(), "{name}: closed before its timeout");
                        s.handle_timeout(at, &mut run.store);
                    }
                    Directive::Changed => {
                        let now = run.now;
                        let s = run.sessions.get_mut(&run.current).unwrap();
                        s.handle_store_changed(now, &mut run.store);
                    }
                    Directive::ExpectClosed => {
                        assert!(run.session().is_closed(), "{name}: should be closed");
                        assert_eq!(run.session().state(), ImapState::Logout);
                    }
                    Directive::ExpectMessages(user, folder, n) => assert_eq!(
                        run.store
                            .folder(user, folder)
                            .map_or(0, |f| f.messages.len()),
                        *n,
                        "{name}: messages left in {user}'s {folder}"
                    ),
                }
                i += 1;
            }
            Step::Exchange { .. } => {
                let mut j = i;
                while matches!(steps.get(j), Some(Step::Exchange { .. })) {
                    j += 1;
                }
                let run_of = &steps[i..j];
                let mut exchanges = Vec::new();
                for s in run_of {
                    let Step::Exchange {
                        client_lines,
                        client,
                        server,
                    } = s
                    else {
                        unreachable!()
                    };
                    if client.is_empty() {
                        // Unprompted output: a greeting, IDLE news, a BYE.
                        let got = run.feed(b"");
                        server_lines(&mut actual, &got);
                        if got != *server && mismatch.is_none() {
                            mismatch = Some(format!(
                                "unprompted output\n--- expected\n{}--- got\n{}",
                                show(server),
                                show(&got)
                            ));
                        }
                    } else {
                        exchanges.push((client_lines, client, server));
                    }
                }
                if mode == Mode::PerExchange {
                    for (lines, client, server) in exchanges {
                        let got = run.feed(client);
                        for l in lines {
                            actual.push_str(l);
                            actual.push('\n');
                        }
                        server_lines(&mut actual, &got);
                        if got != *server && mismatch.is_none() {
                            mismatch = Some(format!(
                                "after {}\n--- expected\n{}--- got\n{}",
                                show(client).trim_end(),
                                show(server),
                                show(&got)
                            ));
                        }
                    }
                } else {
                    let client: Vec<u8> =
                        exchanges.iter().flat_map(|e| e.1.iter().copied()).collect();
                    let expected: Vec<u8> =
                        exchanges.iter().flat_map(|e| e.2.iter().copied()).collect();
                    let mut got = Vec::new();
                    let mut rest = client.as_slice();
                    while !rest.is_empty() {
                        let n = match mode {
                            Mode::Pipelined => rest.len(),
                            Mode::ByteByByte => 1,
                            _ => 1 + (rng.next() % 40) as usize,
                        }
                        .min(rest.len());
                        got.extend(run.feed(&rest[..n]));
                        rest = &rest[n..];
                    }
                    if got != expected {
                        panic!(
                            "{name}, mode {mode:?}: segment output\n--- expected\n{}--- got\n{}",
                            show(&expected),
                            show(&got)
                        );
                    }
                }
                i = j;
            }
        }
    }
    if let Some(m) = mismatch {
        let failed = path.with_extension("failed");
        std::fs::write(&failed, actual).unwrap();
        panic!("{name}: {m}\n(the whole answer is in {})", failed.display());
    }
    run.keys
}

pub fn transcripts() -> Vec<(PathBuf, Vec<Step>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts/imap");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let steps = parse(&std::fs::read_to_string(&p).unwrap());
            (p, steps)
        })
        .collect()
}

/// Every key the transcripts reach, one exchange at a time.
pub fn all_keys() -> std::collections::BTreeSet<&'static str> {
    let mut used = std::collections::BTreeSet::new();
    for (path, steps) in transcripts() {
        used.extend(replay(&path, &steps, Mode::PerExchange));
    }
    used
}
