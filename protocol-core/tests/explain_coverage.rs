//! The explanation table against what the simulator really shows: every key
//! the trace of every built-in scenario carries is in the table, and a
//! report of the entries that nothing reaches.
//!
//! "Reached" means one of:
//! * carried by an event of a built-in scenario's trace (with its own seed
//!   and two others);
//! * shown by the web app's inspector for such an event besides its own key
//!   (`src/state.rs`, `explanation_keys`: the reply code's entry, the
//!   enhanced status code's, the command verb's);
//! * a command, reply code or enhanced code of a golden transcript
//!   (`tests/transcripts/{smtp,pop3}/*.txt`), as the inspector would show it;
//! * named as a string literal in a test under `tests/` (a test that drives a
//!   session down that path and checks the key);
//! * a field of a message in a mailbox at the end of a built-in scenario
//!   (`Received:` clauses, a bounce's report fields), as the message viewer
//!   explains it (`explain::message_field_keys`).
//!
//! Not counted: keys a session test reaches without naming them (the
//! session tests drain bytes, not keys). The list of entries reached by neither is kept in
//! `tests/golden/explain-unreached.txt`, so that a change to it is seen in
//! review; `MAILSIM_BLESS=1` rewrites it. Entries are never deleted here:
//! the list is for a person to decide on.

mod common;

use protocol_core::explain::{all, lookup};
use protocol_core::scenario::catalogue;
use protocol_core::sim::{EventKind, Parsed, Protocol};
use std::collections::BTreeSet;
use std::path::Path;

const SEEDS: [Option<u64>; 3] = [None, Some(42), Some(7_777)];

/// (scenario, key) for every keyed event of every built-in scenario.
fn scenario_keys() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in catalogue() {
        for seed in SEEDS {
            let w = s.run(seed);
            for e in w.trace() {
                if let Some(k) = e.explain.as_deref() {
                    out.push((s.name.clone(), k.to_string()));
                }
            }
        }
    }
    out
}

/// The keys the web app's inspector adds to an event's own (mirrors
/// `explanation_keys` in `src/state.rs`).
fn inspector_keys() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in catalogue() {
        for seed in SEEDS {
            for e in s.run(seed).trace() {
                if let EventKind::Line {
                    protocol,
                    parsed: Some(p),
                    ..
                } = &e.kind
                {
                    match p {
                        Parsed::Reply { code, enhanced, .. } if *protocol == Protocol::Smtp => {
                            out.insert(format!("smtp.reply.{code}"));
                            if let Some(esc) = enhanced {
                                out.insert(format!("smtp.esc.{esc}"));
                            }
                        }
                        Parsed::Command { verb, .. } => {
                            out.insert(format!(
                                "{}.cmd.{verb}",
                                protocol.label().to_ascii_lowercase()
                            ));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    out
}

/// The fields of every message in a mailbox at the end of every built-in
/// scenario that the message viewer explains.
fn message_keys() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in catalogue() {
        let t = s.run(None).trace().to_vec();
        let view = protocol_core::sim::view::WorldView::at(&t, t.len());
        for messages in view.mailboxes.values() {
            for m in messages {
                out.extend(
                    protocol_core::explain::message_field_keys(&m.text)
                        .into_iter()
                        .map(str::to_string),
                );
            }
        }
    }
    // A Received line with every clause, and a bounce's report.
    for k in [
        "field.received.for",
        "field.received.date",
        "dsn.remote_mta",
        "dsn.diagnostic_code",
    ] {
        assert!(out.contains(k), "no mailbox shows {k}: {out:?}");
    }
    out
}

/// Commands, reply codes and enhanced codes of the golden transcripts.
fn transcript_keys(tests: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for proto in ["smtp", "pop3"] {
        let dir = tests.join("transcripts").join(proto);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            for line in std::fs::read_to_string(&p).unwrap().lines() {
                if let Some(c) = line.strip_prefix("C: ") {
                    let verb = c.split([' ', ':']).next().unwrap_or("");
                    out.insert(format!("{proto}.cmd.{}", verb.to_ascii_uppercase()));
                } else if let Some(r) = line.strip_prefix("S: ").filter(|_| proto == "smtp") {
                    let (code, rest) = r.split_at(r.len().min(3));
                    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
                        out.insert(format!("smtp.reply.{code}"));
                        let esc = rest.get(1..).unwrap_or("").split(' ').next().unwrap_or("");
                        let parts: Vec<&str> = esc.split('.').collect();
                        if parts.len() == 3
                            && parts
                                .iter()
                                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                        {
                            out.insert(format!("smtp.esc.{esc}"));
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_key_in_every_builtin_scenario_is_in_the_table() {
    let keys = scenario_keys();
    assert!(keys.len() > 1000, "only {} keyed events", keys.len());
    let missing: BTreeSet<String> = keys
        .iter()
        .filter(|(_, k)| lookup(k).is_none())
        .map(|(s, k)| format!("{s}: {k}"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys not in the table:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_table_has_no_duplicate_keys_and_no_empty_fields() {
    let mut seen = BTreeSet::new();
    for x in all() {
        assert!(seen.insert(x.key), "{} twice", x.key);
        assert!(
            !x.title.is_empty() && !x.text.is_empty() && !x.rfc.is_empty(),
            "{}",
            x.key
        );
    }
}

/// Keys the SMTP and POP3 bad-input tables and limit sessions reach: the
/// refusal each session chose, the codes of its replies, the commands it
/// parsed, the POP3 responses' and states' keys.
fn session_keys() -> BTreeSet<String> {
    use protocol_core::pop3::ServerEvent as P;
    use protocol_core::smtp::server::ServerEvent as S;
    let mut out = BTreeSet::new();
    let mut smtp = Vec::new();
    common::smtp_cases::run_cases(&mut smtp);
    common::smtp_cases::limit_sessions(&mut smtp);
    for e in smtp {
        match e {
            S::ProtocolError { key, .. } => {
                out.insert(key.to_string());
            }
            S::ReplySent { reply } => {
                out.insert(reply.explanation_key());
                out.extend(reply.enhanced.map(|e| e.explanation_key()));
            }
            S::CommandReceived { command } => {
                out.insert(command.explanation_key());
            }
            _ => {}
        }
    }
    let mut pop3 = Vec::new();
    common::pop3_cases::run_pop3_cases(&mut pop3);
    for e in pop3 {
        match e {
            P::ResponseSent { key, .. } | P::ProtocolError { key, .. } => {
                out.insert(key.to_string());
            }
            P::StateChanged { to, .. } => {
                out.extend(to.explain_key().map(str::to_string));
            }
            _ => {}
        }
    }
    out
}

/// Every entry is reached by a built-in scenario (as an event's key or in
/// the web inspector), a golden transcript, the bad-input tables, or one of
/// the probes in `tests/common/probes.rs`; an entry nothing
/// reaches must be removed (issue 11).
#[test]
fn every_entry_is_reachable() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut reached: BTreeSet<String> = scenario_keys().into_iter().map(|(_, k)| k).collect();
    reached.extend(inspector_keys());
    reached.extend(transcript_keys(&tests));
    reached.extend(session_keys());
    reached.extend(message_keys());
    reached.extend(common::probes::keys());
    reached.extend(
        common::imap_replay::all_keys()
            .into_iter()
            .map(str::to_string),
    );
    reached.extend(
        common::imap_cases::run_imap_cases()
            .into_iter()
            .map(str::to_string),
    );
    let unreached: Vec<&str> = all()
        .map(|x| x.key)
        .filter(|k| !reached.contains(*k))
        .collect();
    assert!(
        unreached.is_empty(),
        "{} of {} entries are reached by nothing (add a probe that shows each, or remove it):\n{}",
        unreached.len(),
        all().count(),
        unreached.join("\n")
    );
}
