//! Golden POP3 transcripts: every file in `tests/transcripts/pop3/` is
//! replayed against `ServerSession`, with the client's bytes fed four ways
//! (one exchange at a time, a whole segment at once as a pipelining client
//! would, byte by byte, and in seeded random chunks). Each way must give
//! exactly the `S:` lines of the file.
//!
//! File format, one item per line:
//! * `C: text` / `S: text`: a line from the client / server (`S:` alone is
//!   an empty line); CRLF is added.
//! * `! host NAME`, `! account USER PASS`, `! message USER UID` followed by
//!   `| line` lines (`|` alone is an empty line): set up the server.
//! * `! open ID TIME_US`: a new connection (its greeting follows as `S:`).
//! * `! switch ID`, `! drop` (client hangs up), `! timeout` (the autologout
//!   timer fires), `! expect-closed`, `! expect-messages USER N`.
//!
//! A failing random-chunk run prints its seed; set `POP3_SEED` to rerun it.

use protocol_core::pop3::{MemoryMaildrops, ServerConfig, ServerSession};
use protocol_core::SimTime;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug)]
enum Step {
    Host(String),
    Account(String, String),
    Message {
        user: String,
        uid: String,
        data: Vec<u8>,
    },
    Open {
        id: u64,
        time: u64,
    },
    Switch(u64),
    /// Client lines, then the server lines that answer them.
    Exchange {
        client: Vec<u8>,
        server: Vec<u8>,
    },
    Drop,
    Timeout,
    ExpectClosed,
    ExpectMessages(String, usize),
}

fn parse(text: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(d) = line.strip_prefix("! ") {
            let w: Vec<&str> = d.split(' ').collect();
            steps.push(match w[0] {
                "host" => Step::Host(w[1].into()),
                "account" => Step::Account(w[1].into(), w[2].into()),
                "message" => {
                    let mut data = Vec::new();
                    while let Some(l) = lines.peek().and_then(|l| l.strip_prefix('|')) {
                        data.extend_from_slice(l.strip_prefix(' ').unwrap_or(l).as_bytes());
                        data.extend_from_slice(b"\r\n");
                        lines.next();
                    }
                    Step::Message {
                        user: w[1].into(),
                        uid: w[2].into(),
                        data,
                    }
                }
                "open" => Step::Open {
                    id: w[1].parse().unwrap(),
                    time: w[2].parse().unwrap(),
                },
                "switch" => Step::Switch(w[1].parse().unwrap()),
                "drop" => Step::Drop,
                "timeout" => Step::Timeout,
                "expect-closed" => Step::ExpectClosed,
                "expect-messages" => Step::ExpectMessages(w[1].into(), w[2].parse().unwrap()),
                other => panic!("unknown directive {other}"),
            });
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
                client: Vec::new(),
                server: Vec::new(),
            });
        }
        let Some(Step::Exchange { client, server }) = steps.last_mut() else {
            unreachable!()
        };
        match who {
            "C:" => client.extend_from_slice(&wire),
            "S:" => server.extend_from_slice(&wire),
            _ => panic!("bad line {line:?}"),
        }
    }
    steps
}

#[derive(Clone, Copy, Debug)]
enum Mode {
    /// Each exchange's client lines in one call.
    PerExchange,
    /// All client lines up to the next directive in one call (pipelining).
    Pipelined,
    ByteByByte,
    RandomChunks(u64),
}

/// xorshift64*: enough randomness for chunk sizes, no dependency.
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
    store: MemoryMaildrops,
    sessions: BTreeMap<u64, ServerSession>,
    current: u64,
    now: SimTime,
}

impl Run {
    fn session(&mut self) -> &mut ServerSession {
        self.sessions
            .get_mut(&self.current)
            .expect("no open session")
    }

    fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let now = self.now;
        let s = self
            .sessions
            .get_mut(&self.current)
            .expect("no open session");
        s.handle_input(now, chunk, &mut self.store);
        let mut out = Vec::new();
        while let Some(o) = s.poll_output() {
            out.extend(o);
        }
        while s.poll_event().is_some() {}
        out
    }
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\u{21b5}\n")
}

fn replay(name: &str, steps: &[Step], mode: Mode) {
    let mut run = Run {
        config: ServerConfig::new("localhost"),
        store: MemoryMaildrops::new(),
        sessions: BTreeMap::new(),
        current: 0,
        now: SimTime::ZERO,
    };
    let mut rng = Rng(match mode {
        Mode::RandomChunks(seed) => seed | 1,
        _ => 1,
    });
    let fail = |what: &str, expected: &[u8], got: &[u8]| -> ! {
        panic!(
            "{name}, mode {mode:?} (rerun random chunks with POP3_SEED): {what}\n--- expected\n{}--- got\n{}",
            show(expected),
            show(got)
        )
    };
    let mut i = 0;
    while i < steps.len() {
        match &steps[i] {
            Step::Host(h) => run.config.hostname = h.clone(),
            Step::Account(u, p) => run.store.add_account(u.as_str(), p.as_str()),
            Step::Message { user, uid, data } => {
                assert!(
                    run.store.deliver(user, uid.as_str(), data.clone()),
                    "{name}: deliver {uid}"
                )
            }
            Step::Open { id, time } => {
                run.now = SimTime::from_micros(*time);
                run.current = *id;
                let s = ServerSession::new(Arc::new(run.config.clone()), *id, run.now);
                run.sessions.insert(*id, s);
            }
            Step::Switch(id) => run.current = *id,
            Step::Drop => {
                let now = run.now;
                let s = run.sessions.get_mut(&run.current).unwrap();
                s.handle_close(now, &mut run.store);
            }
            Step::Timeout => {
                let s = run.sessions.get_mut(&run.current).unwrap();
                let at = s.poll_timeout().expect("an open session has a timeout");
                s.handle_timeout(SimTime::from_micros(at.as_micros() - 1), &mut run.store);
                assert!(!s.is_closed(), "{name}: closed before its timeout");
                s.handle_timeout(at, &mut run.store);
                if let Some(out) = s.poll_output() {
                    fail("autologout must send nothing", b"", &out);
                }
            }
            Step::ExpectClosed => assert!(
                run.session().is_closed(),
                "{name}: session should be closed"
            ),
            Step::ExpectMessages(user, n) => {
                assert_eq!(
                    run.store.messages(user).len(),
                    *n,
                    "{name}: messages left for {user}"
                )
            }
            Step::Exchange { .. } => {
                // The run of exchanges up to the next directive.
                let mut j = i;
                while matches!(steps.get(j), Some(Step::Exchange { .. })) {
                    j += 1;
                }
                let run_of = &steps[i..j];
                let mut greeting_or_first = Vec::new();
                for s in run_of {
                    let Step::Exchange { client, server } = s else {
                        unreachable!()
                    };
                    if client.is_empty() {
                        // A greeting: already queued by `open`.
                        greeting_or_first.extend(run.feed(b""));
                        if greeting_or_first != *server {
                            fail("greeting", server, &greeting_or_first);
                        }
                        greeting_or_first.clear();
                    }
                }
                let exchanges: Vec<(&Vec<u8>, &Vec<u8>)> = run_of
                    .iter()
                    .filter_map(|s| match s {
                        Step::Exchange { client, server } if !client.is_empty() => {
                            Some((client, server))
                        }
                        _ => None,
                    })
                    .collect();
                match mode {
                    Mode::PerExchange => {
                        for (client, server) in exchanges {
                            let got = run.feed(client);
                            if got != *server {
                                fail(&format!("after {}", show(client).trim_end()), server, &got);
                            }
                        }
                    }
                    _ => {
                        let client: Vec<u8> = exchanges
                            .iter()
                            .flat_map(|(c, _)| c.iter().copied())
                            .collect();
                        let expected: Vec<u8> = exchanges
                            .iter()
                            .flat_map(|(_, s)| s.iter().copied())
                            .collect();
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
                            fail("segment output", &expected, &got);
                        }
                    }
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

fn transcripts() -> Vec<(String, Vec<Step>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts/pop3");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, parse(&std::fs::read_to_string(&p).unwrap()))
        })
        .collect()
}

#[test]
fn there_are_transcripts() {
    assert!(transcripts().len() >= 8);
}

#[test]
fn transcripts_one_exchange_at_a_time() {
    for (name, steps) in transcripts() {
        replay(&name, &steps, Mode::PerExchange);
    }
}

#[test]
fn transcripts_pipelined() {
    for (name, steps) in transcripts() {
        replay(&name, &steps, Mode::Pipelined);
    }
}

#[test]
fn transcripts_byte_by_byte() {
    for (name, steps) in transcripts() {
        replay(&name, &steps, Mode::ByteByByte);
    }
}

#[test]
fn transcripts_random_chunks() {
    let seeds: Vec<u64> = match std::env::var("POP3_SEED") {
        Ok(s) => vec![s.parse().expect("POP3_SEED is a number")],
        Err(_) => (1..=16u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect(),
    };
    for (name, steps) in transcripts() {
        for &seed in &seeds {
            let result =
                std::panic::catch_unwind(|| replay(&name, &steps, Mode::RandomChunks(seed)));
            if let Err(e) = result {
                eprintln!("failing seed: POP3_SEED={seed} ({name})");
                std::panic::resume_unwind(e);
            }
        }
    }
}
