//! The clients run on their tables (issue 11): each client table has one
//! row per `(state, event)` (so the table, not the code, picks the next
//! state), and every row is taken by some conversation below. The
//! conversations are scripted server lines fed one at a time; a
//! conversation that ends with `Close` loses the connection there.
//! `tests/trace_keys.rs` checks the other half: every client state change
//! in the built-in scenarios is a row.

use protocol_core::address::{Mailbox, ReversePath};
use protocol_core::imap::client::{self as imap, CLIENT_TRANSITIONS as IMAP};
use protocol_core::machine::single_target_per_event;
use protocol_core::pop3::client::{self as pop3, CLIENT_TRANSITIONS as POP3};
use protocol_core::smtp::client::{self as smtp, TRANSITIONS as SMTP};
use protocol_core::SimTime;
use std::collections::BTreeSet;
use std::fmt::Debug;

/// One scripted server line, or the connection lost at that point.
enum Step {
    Line(&'static str),
    Close,
}
use Step::{Close, Line};

fn now() -> SimTime {
    SimTime::from_micros(1_000_000)
}

/// The rows a conversation took, in order.
type Rows<S> = Vec<(S, &'static str, S)>;

fn smtp_rows(auth: bool, rcpts: usize, script: &[Step]) -> Rows<smtp::ClientState> {
    let mut config = smtp::ClientConfig::new("client.example");
    config.use_pipelining = false;
    if auth {
        config.auth = Some(("john".into(), "pw".into()));
    }
    let to: Vec<Mailbox> = (0..rcpts)
        .map(|i| Mailbox::parse(&format!("u{i}@b.example")).unwrap())
        .collect();
    let from = ReversePath::parse("<a@a.example>").unwrap();
    let mut c = smtp::ClientSession::new(config, from, to, b"Hi\r\n".to_vec(), now());
    let mut rows = Vec::new();
    for step in script {
        match step {
            Line(l) => c.handle_input(now(), format!("{l}\r\n").as_bytes()),
            Close => c.handle_close(now()),
        }
        while let Some(e) = c.poll_event() {
            if let smtp::ClientEvent::StateChanged { from, event, to } = e {
                rows.push((from, event, to));
            }
        }
    }
    rows
}

fn pop3_rows(script: &[Step]) -> Rows<protocol_core::pop3::Pop3State> {
    let mut c = pop3::ClientSession::new(pop3::ClientConfig::new("dave", "pw"), now());
    let mut rows = Vec::new();
    for step in script {
        match step {
            Line(l) => c.handle_input(now(), format!("{l}\r\n").as_bytes()),
            Close => c.handle_close(now()),
        }
        while let Some(e) = c.poll_event() {
            if let pop3::ClientEvent::StateChanged { from, event, to } = e {
                rows.push((from, event, to));
            }
        }
    }
    rows
}

fn imap_rows(script: &[Step]) -> Rows<protocol_core::imap::ImapState> {
    let mut c = imap::ClientSession::new(imap::ClientConfig::new("dave", "pw"), now());
    let mut rows = Vec::new();
    for step in script {
        match step {
            Line(l) => c.handle_input(now(), format!("{l}\r\n").as_bytes()),
            Close => c.handle_close(now()),
        }
        while let Some(e) = c.poll_event() {
            if let imap::ClientEvent::StateChanged { from, event, to } = e {
                rows.push((from, event, to));
            }
        }
    }
    rows
}

/// Every row of `table` was taken, and nothing else was.
fn covers<S: Copy + Ord + Debug>(table: &[(S, &'static str, S)], taken: Vec<Rows<S>>) {
    assert!(single_target_per_event(table), "{table:?}");
    let taken: BTreeSet<_> = taken.into_iter().flatten().collect();
    let rows: BTreeSet<_> = table.iter().copied().collect();
    for r in &taken {
        assert!(rows.contains(r), "taken but not a row: {r:?}");
    }
    let missing: Vec<_> = rows.difference(&taken).collect();
    assert!(missing.is_empty(), "rows never taken: {missing:?}");
}

#[test]
fn every_row_of_the_smtp_client_table_is_taken() {
    let ehlo_auth = "250-s.example\r\n250 AUTH PLAIN";
    let mut runs = vec![
        // The whole way with a login.
        smtp_rows(
            true,
            1,
            &[
                Line("220 s"),
                Line(ehlo_auth),
                Line("235 ok"),
                Line("250 sender ok"),
                Line("250 rcpt ok"),
                Line("354 go"),
                Line("250 queued"),
                Line("221 bye"),
            ],
        ),
        smtp_rows(false, 1, &[Line("554 go away"), Line("221 bye")]),
        smtp_rows(false, 0, &[Line("220 s"), Line("250 s")]),
        smtp_rows(false, 1, &[Line("220 s"), Line("554 no")]),
        smtp_rows(
            false,
            1,
            &[Line("220 s"), Line("502 no EHLO"), Line("250 s")],
        ),
        smtp_rows(
            false,
            0,
            &[Line("220 s"), Line("502 no EHLO"), Line("250 s")],
        ),
        smtp_rows(false, 1, &[Line("220 s"), Line("502 no"), Line("554 no")]),
        smtp_rows(true, 1, &[Line("220 s"), Line(ehlo_auth), Line("535 bad")]),
        smtp_rows(false, 1, &[Line("220 s"), Line("250 s"), Line("550 no")]),
        smtp_rows(
            false,
            1,
            &[Line("220 s"), Line("250 s"), Line("250 ok"), Line("550 no")],
        ),
        smtp_rows(
            false,
            1,
            &[
                Line("220 s"),
                Line("250 s"),
                Line("250 ok"),
                Line("250 ok"),
                Line("554 no"),
            ],
        ),
    ];
    // The connection lost in every state.
    let ways: [&[Step]; 8] = [
        &[Close],
        &[Line("220 s"), Close],
        &[Line("220 s"), Line("502 no"), Close],
        &[Line("220 s"), Line(ehlo_auth), Close],
        &[Line("220 s"), Line("250 s"), Close],
        &[
            Line("220 s"),
            Line("250 s"),
            Line("250 ok"),
            Line("250 ok"),
            Close,
        ],
        &[
            Line("220 s"),
            Line("250 s"),
            Line("250 ok"),
            Line("250 ok"),
            Line("354 go"),
            Close,
        ],
        &[
            Line("220 s"),
            Line("250 s"),
            Line("250 ok"),
            Line("250 ok"),
            Line("354 go"),
            Line("250 queued"),
            Close,
        ],
    ];
    for script in ways {
        runs.push(smtp_rows(true, 1, script));
    }
    covers(SMTP, runs);
}

#[test]
fn every_row_of_the_pop3_client_table_is_taken() {
    let login = [
        Line("+OK ready"),
        Line("-ERR no CAPA"),
        Line("+OK user"),
        Line("+OK logged in"),
    ];
    let with = |tail: &[Step]| {
        let mut v: Vec<Step> = login
            .iter()
            .map(|s| match s {
                Line(l) => Line(l),
                Close => Close,
            })
            .collect();
        v.extend(tail.iter().map(|s| match s {
            Line(l) => Line(l),
            Close => Close,
        }));
        v
    };
    covers(
        POP3,
        vec![
            // STAT: empty, so QUIT, which enters UPDATE (RFC 1939 §6).
            pop3_rows(&with(&[Line("+OK 0 0"), Line("+OK bye")])),
            pop3_rows(&[Line("+OK ready"), Close]),
            pop3_rows(&with(&[Close])),
        ],
    );
}

#[test]
fn every_row_of_the_imap_client_table_is_taken() {
    covers(
        IMAP,
        vec![
            // Log in, select an empty INBOX, log out (RFC 9051 §3).
            imap_rows(&[
                Line("* OK ready"),
                Line("a1 OK logged in"),
                Line("* 0 EXISTS"),
                Line("a2 OK selected"),
                Line("* BYE"),
                Line("a3 OK bye"),
            ]),
            imap_rows(&[Line("* OK ready"), Line("a1 NO bad password")]),
            imap_rows(&[Line("* OK ready"), Close]),
            imap_rows(&[Line("* OK ready"), Line("a1 OK"), Line("a2 NO no INBOX")]),
            imap_rows(&[Line("* OK ready"), Line("a1 OK"), Close]),
            imap_rows(&[
                Line("* OK ready"),
                Line("a1 OK"),
                // One new message: the client fetches it, and the line drops.
                Line("* 1 EXISTS"),
                Line("a2 OK"),
                Close,
            ]),
        ],
    );
}
