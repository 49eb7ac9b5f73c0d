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

mod common;

use common::imap_replay::*;
use protocol_core::explain;
use protocol_core::imap::TRANSITIONS;

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
            protocol_core::imap::command_key(kw).is_some(),
            "no imap.cmd entry for {kw}"
        );
    }
    for &(from, _, to) in TRANSITIONS {
        for st in [from, to] {
            assert!(st
                .explain_key()
                .is_none_or(|k| explain::lookup(k).is_some()));
        }
        if from != to {
            assert!(
                to.explain_key().is_some(),
                "{to:?} is entered: it needs an entry"
            );
        }
    }
    let used = all_keys();
    assert!(
        used.len() >= 40,
        "only {} keys reached: {used:?}",
        used.len()
    );
}
