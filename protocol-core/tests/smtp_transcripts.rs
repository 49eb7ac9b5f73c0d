//! Golden SMTP transcripts (tests/transcripts/smtp/*.txt; format in the
//! README there). Each is replayed with the client bytes fed whole, byte by
//! byte, and in seeded random chunks: the server output must be identical.
//! A mismatch writes `<name>.txt.failed` with the actual output.

mod common;

use common::*;
use protocol_core::smtp::server::*;
use protocol_core::time::SimTime;
use std::net::Ipv4Addr;
use std::path::Path;
use std::sync::Arc;

struct Transcript {
    config: ServerConfig,
    peer: Ipv4Addr,
    client: Vec<u8>,
    expected: String,
    accepted: Option<usize>,
}

fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        if b == b'\\' {
            match it.next() {
                Some(b'r') => out.push(b'\r'),
                Some(b'n') => out.push(b'\n'),
                Some(b'0') => out.push(0),
                Some(o) => out.push(o),
                None => out.push(b'\\'),
            }
        } else {
            out.push(b);
        }
    }
    out
}

fn load(text: &str) -> Transcript {
    let mut t = Transcript {
        config: isp_config(ServerMode::Relay),
        peer: Ipv4Addr::new(192, 0, 2, 10),
        client: Vec::new(),
        expected: String::new(),
        accepted: None,
    };
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("C:") {
            t.client
                .extend_from_slice(c.strip_prefix(' ').unwrap_or(c).as_bytes());
            t.client.extend_from_slice(b"\r\n");
        } else if let Some(c) = line.strip_prefix("C~ ") {
            t.client.extend_from_slice(&unescape(c));
        } else if let Some(s) = line.strip_prefix("S: ") {
            t.expected.push_str(s);
            t.expected.push_str("\r\n");
        } else if let Some(d) = line.strip_prefix("! ") {
            let (k, v) = d.split_once(' ').unwrap_or((d, ""));
            let c = &mut t.config;
            let mode = |v: &str| match v {
                "answer" => VrfyMode::Answer,
                "cannot" => VrfyMode::CannotVerify,
                _ => VrfyMode::Disabled,
            };
            match k {
                "host" => c.hostname = v.into(),
                "mode" => {
                    let m = if v == "submission" {
                        ServerMode::Submission
                    } else {
                        ServerMode::Relay
                    };
                    c.mode = m;
                    c.auth = m == ServerMode::Submission;
                }
                "local" => {
                    c.local_domains.insert(v.into());
                }
                "relaynet" if v == "none" => c.relay_networks.clear(),
                "relaynet" => {
                    let (ip, len) = v.split_once('/').unwrap();
                    c.relay_networks
                        .push((ip.parse().unwrap(), len.parse().unwrap()));
                }
                "peer" => t.peer = v.parse().unwrap(),
                "vrfy" => c.vrfy = mode(v),
                "expn" => c.expn = mode(v),
                "enhanced" => c.enhanced_status_codes = v == "on",
                "auth" => c.auth = v == "on",
                "refuse" => c.refuse_clients = true,
                "maxsize" => c.max_message_size = v.parse().unwrap(),
                "accepted" => t.accepted = Some(v.parse().unwrap()),
                other => panic!("unknown directive {other}"),
            }
        } else if !(line.starts_with('#') || line.trim().is_empty()) {
            panic!("bad transcript line: {line:?}");
        }
    }
    t
}

/// Runs the session over the given chunks; returns (output, messages accepted).
fn run(t: &Transcript, chunks: &[&[u8]]) -> (String, usize) {
    let mut policy = world_policy();
    let mut s = ServerSession::new(Arc::new(t.config.clone()), peer(t.peer), SimTime::ZERO);
    let mut out = drain(&mut s);
    for c in chunks {
        s.handle_input(SimTime::ZERO, c, &mut policy);
        out.extend(drain(&mut s));
    }
    s.handle_close(SimTime::ZERO);
    // The table is the machine: every change the session made is a row.
    while let Some(e) = s.poll_event() {
        if let ServerEvent::StateChanged { from, event, to } = e {
            assert!(
                TRANSITIONS.contains(&(from, event, to)),
                "({from:?}, {event:?}, {to:?}) is not a row of TRANSITIONS"
            );
        }
    }
    (String::from_utf8(out).unwrap(), policy.accepted.len())
}

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts/smtp");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "transcripts missing in {dir:?}");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let t = load(&std::fs::read_to_string(&path).unwrap());
        let (whole, accepted) = run(&t, &[&t.client]);
        if whole != t.expected {
            std::fs::write(path.with_extension("txt.failed"), &whole).unwrap();
            panic!("{name}: output differs (written to {name}.failed)\n--- expected\n{}\n--- actual\n{whole}", t.expected);
        }
        if let Some(n) = t.accepted {
            assert_eq!(accepted, n, "{name}: messages accepted");
        }
        let bytes: Vec<&[u8]> = t.client.chunks(1).collect();
        assert_eq!(
            run(&t, &bytes),
            (whole.clone(), accepted),
            "{name}: fed byte by byte"
        );
        for seed in 1..=40u64 {
            let chunks = random_chunks(&t.client, seed, 64);
            assert_eq!(
                run(&t, &chunks),
                (whole.clone(), accepted),
                "{name}: random chunks, seed {seed}"
            );
        }
    }
}
