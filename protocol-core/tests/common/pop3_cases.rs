//! The POP3 bad-input table, shared by the bad-input test and the
//! explanation coverage test (which counts the keys it reaches).

use protocol_core::explain;
use protocol_core::pop3::{MemoryMaildrops, Pop3State, ServerConfig, ServerEvent, ServerSession};
use protocol_core::SimTime;
use std::sync::Arc;

pub struct Fixture {
    pub session: ServerSession,
    pub store: MemoryMaildrops,
    pub events: Vec<ServerEvent>,
}

impl Fixture {
    /// A fresh connection to mail.dave.example, greeting read.
    pub fn authorization() -> Self {
        let mut store = MemoryMaildrops::new();
        store.add_account("dave", "dave-pass");
        store.deliver("dave", "uid-1", b"Subject: one\r\n\r\nfirst\r\n".to_vec());
        store.deliver("dave", "uid-2", b"Subject: two\r\n\r\nsecond\r\n".to_vec());
        let config = Arc::new(ServerConfig::new("mail.dave.example"));
        let mut f = Fixture {
            session: ServerSession::new(config, 7, SimTime::ZERO),
            store,
            events: Vec::new(),
        };
        f.output();
        f
    }

    /// Logged in as dave with two messages.
    pub fn transaction() -> Self {
        let mut f = Self::authorization();
        f.send(b"USER dave\r\nPASS dave-pass\r\n");
        assert_eq!(f.session.state(), Pop3State::Transaction);
        f
    }

    pub fn send(&mut self, bytes: &[u8]) -> String {
        self.session
            .handle_input(SimTime::from_micros(1), bytes, &mut self.store);
        self.output()
    }

    pub fn output(&mut self) -> String {
        while let Some(e) = self.session.poll_event() {
            self.events.push(e);
        }
        String::from_utf8(self.session.poll_output().unwrap_or_default()).unwrap()
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum After {
    /// The session answers the next command normally.
    Works,
    Closed,
}

/// (state, input, expected start of the answer, After)
pub const CASES: &[(Pop3State, &[u8], &str, After)] = {
    use After::*;
    use Pop3State::{Authorization as A, Transaction as T};
    &[
        // Wrong state.
        (A, b"STAT\r\n", "-ERR STAT is not allowed in the Authorization state; valid now: USER, PASS, APOP, CAPA, QUIT", Works),
        (A, b"RETR 1\r\n", "-ERR RETR is not allowed in the Authorization state", Works),
        (A, b"RETR abc\r\n", "-ERR RETR is not allowed in the Authorization state", Works),
        (T, b"USER dave\r\n", "-ERR USER is not allowed in the Transaction state; valid now: STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, CAPA, QUIT", Works),
        (T, b"APOP dave 0123456789abcdef0123456789abcdef\r\n", "-ERR APOP is not allowed in the Transaction state", Works),
        (T, b"PASS x\r\n", "-ERR PASS is not allowed in the Transaction state", Works),
        // Authorization mistakes.
        (A, b"PASS dave-pass\r\n", "-ERR send USER first", Works),
        (A, b"USER\r\n", "-ERR USER needs an argument: USER name", Works),
        (A, b"USER dave extra\r\n", "-ERR too many arguments for USER: USER name", Works),
        (A, b"APOP dave nothex\r\n", "-ERR APOP: digest \"nothex\" must be 32 hexadecimal digits", Works),
        (A, b"APOP dave 0123456789abcdef0123456789abcdef\r\n", "-ERR [AUTH] invalid user name or password", Works),
        (A, b"USER nobody\r\nPASS x\r\n", "+OK nobody accepted, now send PASS\r\n-ERR [AUTH] invalid user name or password", Works),
        // Message numbers.
        (T, b"RETR 0\r\n", "-ERR no such message, message numbers start at 1", Works),
        (T, b"RETR 3\r\n", "-ERR no such message, only messages 1 to 2 exist", Works),
        (T, b"RETR -1\r\n", "-ERR RETR: \"-1\" is not a message number", Works),
        (T, b"RETR abc\r\n", "-ERR RETR: \"abc\" is not a message number", Works),
        (T, b"RETR 99999999999\r\n", "-ERR no such message, only messages 1 to 2 exist", Works),
        (T, b"DELE 1\r\nDELE 1\r\n", "+OK message 1 deleted\r\n-ERR message 1 already deleted", Works),
        (T, b"DELE 1\r\nLIST 1\r\n", "+OK message 1 deleted\r\n-ERR message 1 already deleted", Works),
        (T, b"DELE 2\r\nTOP 2 1\r\n", "+OK message 2 deleted\r\n-ERR message 2 already deleted", Works),
        (T, b"UIDL 9\r\n", "-ERR no such message, only messages 1 to 2 exist", Works),
        (T, b"TOP 1\r\n", "-ERR TOP needs an argument: TOP msg n", Works),
        (T, b"TOP 1 x\r\n", "-ERR TOP: \"x\" is not a message number", Works),
        (T, b"RETR\r\n", "-ERR RETR needs an argument: RETR msg", Works),
        (T, b"RETR 1 2\r\n", "-ERR too many arguments for RETR: RETR msg", Works),
        (T, b"STAT now\r\n", "-ERR too many arguments for STAT: STAT", Works),
        (T, b"LIST  1\r\n", "-ERR LIST: separate arguments with exactly one space", Works),
        // Syntax.
        (A, b"HELO there\r\n", "-ERR unknown command \"HELO\"", Works),
        (T, b"EHLO x\r\n", "-ERR unknown command \"EHLO\"", Works),
        (T, b"\r\n", "-ERR empty command line", Works),
        (T, b"NOOP\x01\r\n", "-ERR command contains characters that are not printable ASCII", Works),
        (A, b"USER \xff\xfe\r\n", "-ERR command contains characters that are not printable ASCII", Works),
        (A, b"USER aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", "-ERR USER: argument is 41 characters, at most 40 allowed", Works),
        // Case-insensitive keywords and a bare LF are fine.
        (T, b"stat\n", "+OK 2 ", Works),
        (T, b"LIST \r\n", "+OK 2 messages", Works),
        // Three failures close the connection.
        (A, b"USER dave\r\nPASS a\r\nUSER dave\r\nPASS b\r\nUSER dave\r\nPASS c\r\n", "+OK dave accepted, now send PASS\r\n-ERR [AUTH] invalid user name or password\r\n+OK dave accepted, now send PASS\r\n-ERR [AUTH] invalid user name or password\r\n+OK dave accepted, now send PASS\r\n-ERR [AUTH] too many failed logins, closing connection\r\n", Closed),
        // QUIT in AUTHORIZATION closes without UPDATE.
        (A, b"QUIT\r\n", "+OK mail.dave.example POP3 server signing off\r\n", Closed),
    ]
};

/// Runs every case; the events of every session go to `events`.
pub fn run_pop3_cases(events: &mut Vec<ServerEvent>) {
    assert!(CASES.len() >= 20);
    for &(state, input, expected, after) in CASES {
        let mut f = match state {
            Pop3State::Authorization => Fixture::authorization(),
            _ => Fixture::transaction(),
        };
        let shown = String::from_utf8_lossy(input);
        let got = f.send(input);
        assert!(
            got.starts_with(expected),
            "input {shown:?}\n expected start {expected:?}\n got {got:?}"
        );
        match after {
            After::Closed => assert!(f.session.is_closed(), "input {shown:?}: should close"),
            After::Works if state == Pop3State::Transaction => {
                assert_eq!(
                    f.send(b"NOOP\r\n"),
                    "+OK\r\n",
                    "input {shown:?}: session should still work"
                )
            }
            After::Works => assert!(
                f.send(b"CAPA\r\n")
                    .starts_with("+OK capability list follows\r\n"),
                "input {shown:?}: session should still work"
            ),
        }
        // Every response the server sent has an explanation.
        for e in &f.events {
            if let ServerEvent::ResponseSent { key, .. } | ServerEvent::ProtocolError { key, .. } =
                e
            {
                assert!(explain::lookup(key).is_some(), "no explanation for {key}");
            }
        }
        events.append(&mut f.events);
    }
}
