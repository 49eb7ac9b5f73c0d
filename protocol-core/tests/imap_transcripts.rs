//! Golden IMAP transcripts: every file in `tests/transcripts/imap/` is
//! replayed against `imap::ServerSession`, with the client's bytes fed four
//! ways (one exchange at a time, each run of exchanges in one call as a
//! pipelining client would, byte by byte, and in seeded random chunks).
//! Each way must give exactly the `S:` lines of the file. Along the way,
//! every response's key must be in the explanation table, the response
//! lengths from `poll_response` must add up to the bytes, and every state
//! change must be a row of `TRANSITIONS`.
//!
//! File format, one item per line:
//! * `C: text` / `S: text`: a line from the client / server (`S:` alone is
//!   an empty line); CRLF is added.
//! * `! host NAME`, `! account USER PASS`, `! uidvalidity N` (the first
//!   UIDVALIDITY handed out; before `account`),
//!   `! message USER FOLDER FLAGS` (FLAGS like `\Seen,\Flagged` or `-`)
//!   followed by `| line` lines: set up the store.
//! * `! open ID TIME_US`: a new connection (its greeting follows as `S:`).
//! * `! switch ID`, `! drop`, `! timeout`, `! changed` (the world tells the
//!   current session a mailbox changed), `! expect-closed`,
//!   `! expect-messages USER FOLDER N`.
//!
//! A mismatch writes `NAME.failed` beside the file with what the server
//! really said. A failing random-chunk run prints its seed; set `IMAP_SEED`.

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
enum Step {
    /// A directive, with its raw lines (for the `.failed` file).
    Directive(Directive, Vec<String>),
    Exchange {
        client_lines: Vec<String>,
        client: Vec<u8>,
        server: Vec<u8>,
    },
}

#[derive(Debug)]
enum Directive {
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

fn parse(text: &str) -> Vec<Step> {
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
enum Mode {
    PerExchange,
    Pipelined,
    ByteByByte,
    RandomChunks(u64),
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

struct Run {
    config: ServerConfig,
    store: MemoryMailstore,
    sessions: BTreeMap<u64, ServerSession>,
    current: u64,
    now: SimTime,
    keys: Vec<&'static str>,
}

impl Run {
    fn session(&mut self) -> &mut ServerSession {
        self.sessions
            .get_mut(&self.current)
            .expect("no open session")
    }

    /// Drains output, checking keys, lengths and state changes.
    fn drain(&mut self) -> Vec<u8> {
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
            if let ServerEvent::StateChanged { from, to, event } = e {
                assert!(
                    TRANSITIONS.contains(&(from, event, to)),
                    "{from:?} -{event}-> {to:?} is not a row"
                );
            }
        }
        out
    }

    fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let now = self.now;
        let s = self.sessions.get_mut(&self.current).unwrap();
        s.handle_input(now, chunk, &mut self.store);
        self.drain()
    }
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\u{21b5}\n")
}

fn server_lines(out: &mut String, bytes: &[u8]) {
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
fn replay(path: &Path, steps: &[Step], mode: Mode) -> Vec<&'static str> {
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

fn transcripts() -> Vec<(PathBuf, Vec<Step>)> {
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

#[test]
fn there_are_transcripts() {
    assert!(transcripts().len() >= 6);
}

#[test]
fn transcripts_one_exchange_at_a_time() {
    // Every file runs (and writes its .failed) before the test fails.
    let mut failed = Vec::new();
    for (path, steps) in transcripts() {
        if std::panic::catch_unwind(|| replay(&path, &steps, Mode::PerExchange)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "failed: {failed:?}");
}

#[test]
fn transcripts_pipelined() {
    for (path, steps) in transcripts() {
        replay(&path, &steps, Mode::Pipelined);
    }
}

#[test]
fn transcripts_byte_by_byte() {
    for (path, steps) in transcripts() {
        replay(&path, &steps, Mode::ByteByByte);
    }
}

#[test]
fn transcripts_random_chunks() {
    let seeds: Vec<u64> = match std::env::var("IMAP_SEED") {
        Ok(s) => vec![s.parse().expect("IMAP_SEED is a number")],
        Err(_) => (1..=16u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect(),
    };
    for (path, steps) in transcripts() {
        for &seed in &seeds {
            let result =
                std::panic::catch_unwind(|| replay(&path, &steps, Mode::RandomChunks(seed)));
            if let Err(e) = result {
                eprintln!("failing seed: IMAP_SEED={seed} ({})", path.display());
                std::panic::resume_unwind(e);
            }
        }
    }
}

/// The transcripts reach most of the table's response keys (the rest are
/// in the bad-input table); every command the table names has an entry.
#[test]
fn every_command_and_state_is_explained() {
    for kw in protocol_core::imap::command::KEYWORDS {
        assert!(
            protocol_core::imap::explain::command_key(kw).is_some(),
            "no imap.cmd entry for {kw}"
        );
    }
    for &(from, _, to) in TRANSITIONS {
        assert!(explain::lookup(from.explain_key()).is_some());
        assert!(explain::lookup(to.explain_key()).is_some());
    }
    let mut used = std::collections::BTreeSet::new();
    for (path, steps) in transcripts() {
        used.extend(replay(&path, &steps, Mode::PerExchange));
    }
    assert!(
        used.len() >= 40,
        "only {} keys reached: {used:?}",
        used.len()
    );
}
