//! The IMAP bad-input table, shared by the bad-input test and the
//! explanation coverage test.

use protocol_core::explain;
use protocol_core::imap::{ImapState, MemoryMailstore, ServerConfig, ServerSession};
use protocol_core::SimTime;
use std::sync::Arc;

pub struct Fixture {
    pub session: ServerSession,
    pub store: MemoryMailstore,
    pub keys: Vec<&'static str>,
}

impl Fixture {
    pub fn new(state: ImapState, config: ServerConfig) -> Self {
        let mut store = MemoryMailstore::new();
        store.add_account("dave", "dave-pass");
        store.deliver("dave", b"Subject: one\r\n\r\nfirst\r\n".to_vec(), "d");
        store.deliver("dave", b"Subject: two\r\n\r\nsecond\r\n".to_vec(), "d");
        let mut f = Fixture {
            session: ServerSession::new(Arc::new(config), SimTime::ZERO),
            store,
            keys: Vec::new(),
        };
        f.output();
        if state != ImapState::NotAuthenticated {
            f.send(b"f1 LOGIN dave dave-pass\r\n");
        }
        if state == ImapState::Selected {
            f.send(b"f2 SELECT INBOX\r\n");
        }
        assert_eq!(f.session.state(), state);
        f
    }

    pub fn send(&mut self, bytes: &[u8]) -> String {
        self.session
            .handle_input(SimTime::from_micros(1), bytes, &mut self.store);
        self.output()
    }

    pub fn output(&mut self) -> String {
        while self.session.poll_event().is_some() {}
        while let Some(r) = self.session.poll_response() {
            self.keys.push(r.key);
        }
        String::from_utf8(self.session.poll_output().unwrap_or_default()).unwrap()
    }
}

/// (state, input, expected start of the answer, key of its last response,
/// closed afterwards)
pub const CASES: &[(ImapState, &[u8], &str, &str, bool)] = {
    use ImapState::{Authenticated as A, NotAuthenticated as N, Selected as S};
    &[
        // Wrong state, the text generated from the table.
        (N, b"a1 SELECT INBOX\r\n", "a1 BAD SELECT is not allowed in the Not Authenticated state (first LOGIN); valid now: CAPABILITY, NOOP, LOGOUT, LOGIN, AUTHENTICATE", "imap.bad.wrong_state", false),
        (N, b"a1 UID FETCH 1 FLAGS\r\n", "a1 BAD UID FETCH is not allowed in the Not Authenticated state (first LOGIN, then SELECT)", "imap.bad.wrong_state", false),
        (N, b"a1 fetch x y z\r\n", "a1 BAD FETCH is not allowed in the Not Authenticated state", "imap.bad.wrong_state", false),
        (A, b"a1 EXPUNGE\r\n", "a1 BAD EXPUNGE is not allowed in the Authenticated state (first SELECT)", "imap.bad.wrong_state", false),
        (A, b"a1 AUTHENTICATE PLAIN\r\n", "a1 BAD AUTHENTICATE is not allowed in the Authenticated state; valid now:", "imap.bad.wrong_state", false),
        (S, b"a1 ENABLE IMAP4rev2\r\n", "a1 BAD ENABLE is not allowed in the Selected state (first CLOSE)", "imap.bad.wrong_state", false),
        // Tags and commands.
        (N, b"\r\n", "* BAD empty line", "imap.bad.empty_line", false),
        (N, b"a1\r\n", "a1 BAD \"a1\" alone is not a command", "imap.bad.no_command", false),
        (N, b"(x NOOP\r\n", "* BAD a command starts with a tag", "imap.bad.no_tag", false),
        (N, b"+a NOOP\r\n", "* BAD a command starts with a tag", "imap.bad.no_tag", false),
        (N, b"NOOP\r\n", "NOOP BAD \"NOOP\" alone is not a command", "imap.bad.no_command", false),
        (N, b"LOGIN dave dave-pass\r\n", "LOGIN BAD every command starts with a tag", "imap.bad.missing_tag", false),
        (N, b"a1 HELO there\r\n", "a1 BAD unknown command \"HELO\"", "imap.bad.unknown_command", false),
        (N, b"a1 UID\r\n", "a1 BAD UID needs a command", "imap.bad.syntax", false),
        (S, b"a1 UID FROB 1\r\n", "a1 BAD unknown command \"UID\"", "imap.bad.unknown_command", false),
        // Arguments.
        (N, b"a1 LOGIN dave\r\n", "a1 BAD LOGIN: LOGIN needs a user name and a password (e.g. a1 LOGIN dave dave-pass)", "imap.bad.syntax", false),
        (N, b"a1 LOGIN \"dave dave-pass\r\n", "a1 BAD LOGIN: a quoted string has no closing \"", "imap.bad.syntax", false),
        (N, b"a1 NOOP extra\r\n", "a1 BAD NOOP: unexpected \" extra\" at the end", "imap.bad.syntax", false),
        (N, b"a1 LOGIN dave wrong\r\n", "a1 NO [AUTHENTICATIONFAILED] invalid user name or password", "imap.no.auth_failed", false),
        (N, b"a1 LOGIN x y\r\na2 LOGIN x y\r\na3 LOGIN x y\r\n", "a1 NO [AUTHENTICATIONFAILED]", "imap.bye.too_many_failures", true),
        (N, b"a1 AUTHENTICATE CRAM-MD5\r\n", "a1 NO [CANNOT] CRAM-MD5 is not offered", "imap.no.mechanism", false),
        (N, b"a1 AUTHENTICATE PLAIN\r\n!!!\r\n", "+ \r\na1 BAD the PLAIN response must be base64", "imap.bad.base64", false),
        (N, b"a1 AUTHENTICATE PLAIN ZGF2ZQ==\r\n", "a1 BAD the PLAIN response is authzid, NUL, user name, NUL, password", "imap.bad.base64", false),
        (N, b"a1 AUTHENTICATE PLAIN am9obgBkYXZlAGRhdmUtcGFzcw==\r\n", "a1 NO [AUTHORIZATIONFAILED]", "imap.no.authz", false),
        (A, b"a1 SELECT\r\n", "a1 BAD SELECT: an argument is missing (e.g. a1 SELECT INBOX)", "imap.bad.syntax", false),
        (A, b"a1 SELECT inbox2\r\n", "a1 NO [NONEXISTENT] no mailbox called \"inbox2\"", "imap.no.nonexistent", false),
        (A, b"a1 CREATE \"a*b\"\r\n", "a1 NO [CANNOT] \"a*b\" is not a valid mailbox name", "imap.no.bad_name", false),
        (A, b"a1 STATUS INBOX MESSAGES\r\n", "a1 BAD STATUS: the status items go in parentheses", "imap.bad.syntax", false),
        (A, b"a1 STATUS INBOX (COLOUR)\r\n", "a1 BAD STATUS: unknown status item COLOUR", "imap.bad.syntax", false),
        (A, b"a1 LIST (SPECIAL-USE) \"\" *\r\n", "a1 BAD LIST: LIST selection options are not supported", "imap.bad.syntax", false),
        (A, b"a1 APPEND INBOX (\\Recent) {3}\r\n", "+ ready for the literal", "imap.cont.literal", false),
        (A, b"a1 APPEND INBOX \"yesterday\" {1+}\r\nx\r\n", "a1 BAD APPEND: \"yesterday\" is not a date-time", "imap.bad.syntax", false),
        (A, b"a1 APPEND INBOX {3+}\r\nabc\r\n", "a1 OK [APPENDUID 1 3] APPEND completed", "imap.ok.append", false),
        (S, b"a1 FETCH 0 FLAGS\r\n", "a1 BAD FETCH: bad sequence set: numbers here start at 1, not 0", "imap.bad.sequence_set", false),
        (S, b"a1 FETCH 1:x FLAGS\r\n", "a1 BAD FETCH: bad sequence set", "imap.bad.sequence_set", false),
        (S, b"a1 FETCH 3 FLAGS\r\n", "a1 BAD no such message: messages are numbered 1 to 2", "imap.bad.no_such_message", false),
        (S, b"a1 UID FETCH 3:9 FLAGS\r\n", "a1 OK UID FETCH completed", "imap.ok.fetch", false),
        (S, b"a1 FETCH 1 (FLAGS\r\n", "a1 BAD FETCH: the fetch items end with )", "imap.bad.fetch", false),
        (S, b"a1 FETCH 1 COLOUR\r\n", "a1 BAD FETCH: unknown fetch item COLOUR", "imap.bad.fetch", false),
        (S, b"a1 FETCH 1 BINARY[]\r\n", "a1 BAD FETCH: fetch item BINARY is not supported", "imap.bad.fetch", false),
        (S, b"a1 FETCH 1 BODY.PEEK[4.TEXT]\r\n", "* 1 FETCH (BODY[4.TEXT] NIL)", "imap.ok.fetch", false),
        (S, b"a1 FETCH 1 BODY[HEADER]<0.0>\r\n", "a1 BAD FETCH: numbers here start at 1", "imap.bad.syntax", false),
        (S, b"a1 STORE 1 +FLAGS (\\Recent)\r\n", "a1 BAD STORE: \\Recent is not a flag you can set", "imap.bad.flag", false),
        (S, b"a1 STORE 1 +FLAGS ($Junk)\r\n", "a1 BAD STORE: keyword flags such as \"$Junk\" are not supported", "imap.bad.flag", false),
        (S, b"a1 STORE 1 COLOUR (\\Seen)\r\n", "a1 BAD STORE: STORE changes FLAGS, +FLAGS or -FLAGS, not COLOUR", "imap.bad.syntax", false),
        (S, b"a1 SEARCH\r\n", "a1 BAD SEARCH: an argument is missing", "imap.bad.syntax", false),
        (S, b"a1 SEARCH FROM\r\n", "a1 BAD SEARCH: search key FROM needs a value", "imap.bad.search", false),
        (S, b"a1 SEARCH SINCE 1-Jan-2026\r\n", "a1 BAD SEARCH: search key SINCE is not supported", "imap.bad.search", false),
        (S, b"a1 SEARCH PURPLE\r\n", "a1 BAD SEARCH: unknown search key PURPLE", "imap.bad.search", false),
        (S, b"a1 SEARCH CHARSET KOI8-R ALL\r\n", "a1 NO [BADCHARSET (UTF-8 US-ASCII)] charset KOI8-R is not supported", "imap.no.charset", false),
        (S, b"a1 COPY 1 Nowhere\r\n", "a1 NO [TRYCREATE] no mailbox called \"Nowhere\"", "imap.no.trycreate", false),
        (S, b"a1 IDLE\r\nSTOP\r\n", "+ idling, send DONE to stop\r\na1 BAD expected DONE to end IDLE", "imap.bad.expected_done", false),
        // Limits.
        (N, b"a1 LOGIN {99999999}\r\n", "a1 NO [TOOBIG] literal too big", "imap.no.too_big", false),
    ]
};

/// Runs every case; returns every key the sessions chose.
pub fn run_imap_cases() -> Vec<&'static str> {
    let mut all = Vec::new();
    for &(state, input, want, key, closed) in CASES {
        let mut f = Fixture::new(state, ServerConfig::new("mail.dave.example"));
        f.keys.clear();
        let got = f.send(input);
        let shown = String::from_utf8_lossy(input);
        assert!(
            got.starts_with(want),
            "{shown:?} in {state:?}:\n got  {got:?}\n want {want:?}"
        );
        assert_eq!(f.keys.last().copied(), Some(key), "{shown:?}: key");
        for k in &f.keys {
            assert!(explain::lookup(k).is_some(), "{k} is not in the table");
        }
        assert_eq!(f.session.is_closed(), closed, "{shown:?}: closed?");
        all.extend(f.keys.iter().copied());
        if !closed {
            // A literal waiting for its octets gets them first.
            if f.session.state() != ImapState::Logout
                && got.ends_with("+ ready for the literal\r\n")
            {
                f.send(b"abc\r\n");
            }
            let after = f.send(b"z NOOP\r\n");
            assert!(
                after.ends_with("z OK NOOP completed\r\n"),
                "{shown:?}: then NOOP got {after:?}"
            );
        }
    }
    all
}
