//! Issue 16, CI coverage without nightly flags: seeded random inputs over
//! each protocol's alphabet (see `common/fuzzing.rs`, shared with the
//! cargo-fuzz targets in `fuzz/`), fed to the SMTP, POP3 and IMAP server
//! sessions whole, at random chunk boundaries and byte by byte: no panic,
//! and the same output, close and store every time. Half the inputs are
//! mutated transcripts (deep states), half are fresh random token strings.
//! A failure names the seed and prints the input.

#[path = "common/fuzzing.rs"]
mod fuzzing;

use fuzzing::*;
use std::path::Path;

/// xorshift64*, so that a failure is reproduced from its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn transcripts(dir: &str, alphabet: &[&str]) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("transcripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            encode(
                &transcript_client_bytes(&std::fs::read_to_string(p).unwrap()),
                alphabet,
            )
        })
        .collect()
}

/// One input: a mutated seed, or fresh tokens. The first byte is the
/// configuration byte.
fn input(rng: &mut Rng, seeds: &[Vec<u8>], alphabet: &[&str]) -> Vec<u8> {
    let tokens = alphabet.len() + 3;
    let mut v = vec![rng.next() as u8];
    if rng.below(2) == 0 && !seeds.is_empty() {
        v.extend_from_slice(&seeds[rng.below(seeds.len())]);
        for _ in 0..1 + rng.below(6) {
            if v.len() < 2 {
                break;
            }
            let at = 1 + rng.below(v.len() - 1);
            match rng.below(4) {
                0 => {
                    v.remove(at);
                }
                1 => v.insert(at, rng.below(tokens) as u8),
                2 => v[at] = rng.below(tokens) as u8,
                _ => {
                    // Cut the tail: a lost connection mid-command.
                    v.truncate(at);
                }
            }
        }
    } else {
        for _ in 0..rng.below(60) {
            if rng.below(20) == 0 {
                v.extend_from_slice(&[LITERAL, rng.next() as u8]);
            } else {
                v.push(rng.below(tokens) as u8);
            }
        }
    }
    v
}

fn campaign(name: &str, dir: &str, alphabet: &[&str], run: fn(&[u8], Feed) -> String, n: u64) {
    let seeds = transcripts(dir, alphabet);
    assert!(!seeds.is_empty(), "no {dir} transcripts");
    // The seeds themselves first.
    for s in &seeds {
        let mut v = vec![0u8];
        v.extend_from_slice(s);
        check_splits(name, &v, run);
    }
    for seed in 1..=n {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let data = input(&mut rng, &seeds, alphabet);
        let r = std::panic::catch_unwind(|| check_splits(name, &data, run));
        if let Err(e) = r {
            eprintln!("{name}: failed at seed {seed}, input {data:?}");
            std::panic::resume_unwind(e);
        }
    }
}

#[test]
fn smtp_server_random_input_whole_and_split_agree() {
    campaign("smtp", "smtp", SMTP_ALPHABET, smtp_run, 4000);
}

#[test]
fn pop3_server_random_input_whole_and_split_agree() {
    campaign("pop3", "pop3", POP3_ALPHABET, pop3_run, 4000);
}

#[test]
fn imap_server_random_input_whole_and_split_agree() {
    campaign("imap", "imap", IMAP_ALPHABET, imap_run, 4000);
}

/// The alphabet mapping round-trips: a transcript's encoding decodes to
/// its own bytes (so the corpus seeds are the transcripts).
#[test]
fn encoded_transcripts_decode_to_their_bytes() {
    for (dir, alphabet) in [
        ("smtp", SMTP_ALPHABET),
        ("pop3", POP3_ALPHABET),
        ("imap", IMAP_ALPHABET),
    ] {
        let dir_path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts")
            .join(dir);
        for e in std::fs::read_dir(dir_path).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let bytes = transcript_client_bytes(&std::fs::read_to_string(&p).unwrap());
            let decoded: Vec<u8> = decode(&encode(&bytes, alphabet), alphabet)
                .into_iter()
                .flat_map(|p| match p {
                    Piece::Bytes(b) => b,
                    _ => Vec::new(),
                })
                .collect();
            assert_eq!(decoded, bytes, "{}", p.display());
        }
    }
}

/// Found by this test (seed 17): an over-long IMAP line got `* BAD` when it
/// came in one read and `<tag> BAD` when its start had arrived before; the
/// tag is now read from the line's first `max_line` octets either way.
#[test]
fn an_over_long_imap_line_gets_its_tag_however_it_is_split() {
    use protocol_core::imap::{MemoryMailstore, ServerConfig, ServerSession};
    use protocol_core::SimTime;
    let line = format!("a1 NOOP {}\r\na2 NOOP\r\n", "x".repeat(200));
    let run = |chunk: usize| {
        let mut config = ServerConfig::new("mail.dave.example");
        config.max_line = 100;
        let mut store = MemoryMailstore::new();
        let mut s = ServerSession::new(std::sync::Arc::new(config), SimTime::ZERO);
        for c in line.as_bytes().chunks(chunk) {
            s.handle_input(SimTime::ZERO, c, &mut store);
        }
        let mut out = Vec::new();
        while let Some(b) = s.poll_output() {
            out.extend_from_slice(&b);
        }
        String::from_utf8(out).unwrap()
    };
    let whole = run(line.len());
    assert!(
        whole.contains("\r\na1 BAD line too long (more than 100 octets)\r\na2 OK"),
        "{whole}"
    );
    for chunk in [1, 7, 50, 99, 100, 101] {
        assert_eq!(run(chunk), whole, "chunks of {chunk}");
    }
}

/// Writes the cargo-fuzz seed corpus (the transcripts and scenario files,
/// encoded over each target's alphabet) into `$FUZZ_SEEDS_DIR/<target>/`;
/// `scripts/fuzz.sh` runs it. Ignored in the normal tests.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let Ok(dir) = std::env::var("FUZZ_SEEDS_DIR") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read_dir = |sub: &str, ext: &str| -> Vec<String> {
        let mut v: Vec<_> = std::fs::read_dir(root.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        v.sort();
        v.iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    };
    let mut seeds: Vec<(&str, Vec<u8>)> = Vec::new();
    for (proto, alphabet) in [
        ("smtp", SMTP_ALPHABET),
        ("pop3", POP3_ALPHABET),
        ("imap", IMAP_ALPHABET),
    ] {
        for t in read_dir(&format!("tests/transcripts/{proto}"), "txt") {
            let client = transcript_client_bytes(&t);
            for config in [0u8, 1, 4, 8] {
                let mut v = vec![config];
                v.extend(encode(&client, alphabet));
                seeds.push((
                    ["smtp_session", "pop3_session", "imap_session"][["smtp", "pop3", "imap"]
                        .iter()
                        .position(|p| *p == proto)
                        .unwrap()],
                    v,
                ));
            }
            for line in client.split(|&b| b == b'\n') {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let target = match proto {
                    "smtp" => "smtp_command",
                    "pop3" => "pop3_command",
                    _ => "imap_command",
                };
                seeds.push((target, encode(line, alphabet)));
            }
            let server: Vec<u8> = t
                .lines()
                .filter_map(|l| l.strip_prefix("S: ").or(l.strip_prefix("S:")))
                .flat_map(|l| format!("{l}\r\n").into_bytes())
                .collect();
            match proto {
                "smtp" => {
                    seeds.push(("smtp_reply", encode(&server, REPLY_ALPHABET)));
                    seeds.push(("message", encode(&client, MESSAGE_ALPHABET)));
                }
                "pop3" => {
                    for multi in [0u8, 0x55, 0xff] {
                        let mut v = vec![multi];
                        v.extend(encode(&server, POP3_RESPONSE_ALPHABET));
                        seeds.push(("pop3_response", v));
                    }
                    seeds.push(("message", encode(&server, MESSAGE_ALPHABET)));
                }
                _ => {}
            }
        }
    }
    for s in read_dir("scenarios", "toml") {
        let mut v = vec![1u8];
        v.extend(encode(s.as_bytes(), SCENARIO_ALPHABET));
        seeds.push(("scenario", v));
    }
    for (i, (target, data)) in seeds.iter().enumerate() {
        let d = Path::new(&dir).join(target);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(format!("seed-{i:04}")), data).unwrap();
    }
    eprintln!("{} seeds written to {dir}", seeds.len());
}
