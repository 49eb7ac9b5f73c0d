//! Bad input and the exact answer each must get, after smtp-proto's and
//! Stalwart's tables. Every case then checks that the session still works
//! (NOOP in TRANSACTION, CAPA in AUTHORIZATION) or is closed, as it should.

mod common;

use common::pop3_cases::*;
use protocol_core::pop3::{Pop3State, ServerConfig, ServerEvent};
use protocol_core::SimTime;

#[test]
fn bad_input_table() {
    run_pop3_cases(&mut Vec::new());
}

#[test]
fn long_line_is_refused_and_session_continues() {
    let mut f = Fixture::transaction();
    // 255 octets with CRLF is allowed (RFC 2449 §4) ...
    let ok = format!("NOOP{}\r\n", " ".repeat(255 - 6));
    assert_eq!(f.send(ok.as_bytes()), "+OK\r\n");
    // ... 256 is not.
    let long = format!("NOOP{}\r\n", " ".repeat(256 - 6));
    assert_eq!(
        f.send(long.as_bytes()),
        "-ERR line too long (more than 255 octets)\r\n"
    );
    assert_eq!(f.send(b"STAT\r\n"), "+OK 2 47\r\n");
}

#[test]
fn one_megabyte_without_newline_keeps_memory_bounded() {
    let mut f = Fixture::transaction();
    let chunk = vec![b'A'; 64 * 1024];
    for _ in 0..16 {
        assert_eq!(f.send(&chunk), "", "no answer before the line ends");
    }
    assert_eq!(
        f.send(b"\r\nNOOP\r\n"),
        "-ERR line too long (more than 255 octets)\r\n+OK\r\n"
    );
    assert!(!f.session.is_closed());
}

#[test]
fn autologout_deletes_nothing_and_unlocks() {
    let mut f = Fixture::transaction();
    f.send(b"DELE 1\r\n");
    let at = f.session.poll_timeout().unwrap();
    assert_eq!(
        at,
        SimTime::from_micros(1) + ServerConfig::new("x").idle_timeout
    );
    f.session.handle_timeout(at, &mut f.store);
    assert!(f.session.is_closed());
    assert_eq!(f.output(), "", "autologout sends no response (§3)");
    assert_eq!(f.store.messages("dave").len(), 2);
    assert!(!f.store.is_locked("dave"));
}

#[test]
fn state_changes_follow_the_table() {
    let mut f = Fixture::transaction();
    f.send(b"DELE 1\r\nQUIT\r\n");
    let changes: Vec<(Pop3State, Pop3State)> = f
        .events
        .iter()
        .filter_map(|e| match e {
            ServerEvent::StateChanged { from, to } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    use Pop3State::*;
    assert_eq!(
        changes,
        [
            (Authorization, Transaction),
            (Transaction, Update),
            (Update, Closed)
        ]
    );
    for (from, to) in changes {
        assert!(
            protocol_core::pop3::TRANSITIONS
                .iter()
                .any(|&(a, _, b)| a == from && b == to),
            "{from} -> {to} is not in TRANSITIONS"
        );
    }
    assert!(f.events.contains(&ServerEvent::Updated {
        user: "dave".into(),
        deleted: vec!["uid-1".into()]
    }));
    assert_eq!(f.store.messages("dave").len(), 1);
}
