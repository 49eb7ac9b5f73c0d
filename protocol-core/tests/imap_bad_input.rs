//! Bad input and the answer each must get (one line per case, after
//! Stalwart's `cmd("RCPT TO:<x@y>", "250")`). Every case then checks that
//! the session still answers `z NOOP` (or is closed, as it should be), and
//! that every key it chose is in the explanation table.

mod common;

use common::imap_cases::*;
use protocol_core::imap::{ImapState, ServerConfig};

#[test]
fn bad_input_table() {
    assert!(!run_imap_cases().is_empty());
}

#[test]
fn an_over_long_line_is_refused_and_the_session_goes_on() {
    let mut config = ServerConfig::new("mail.dave.example");
    config.max_line = 64;
    let mut f = Fixture::new(ImapState::NotAuthenticated, config.clone());
    let mut line = b"a1 LOGIN ".to_vec();
    line.extend(std::iter::repeat_n(b'x', 100));
    line.extend_from_slice(b"\r\n");
    // In pieces, so the limit holds however the line arrives.
    let mut got = String::new();
    for piece in line.chunks(7) {
        got.push_str(&f.send(piece));
    }
    assert_eq!(got, "a1 BAD line too long (more than 64 octets)\r\n");
    assert_eq!(f.keys.last(), Some(&"imap.bad.line_too_long"));
    assert!(f.send(b"z NOOP\r\n").starts_with("z OK"));
    // Exactly at the limit is fine (64 octets with CRLF).
    let mut ok = b"a2 NOOP".to_vec();
    ok.extend(std::iter::repeat_n(b' ', 55));
    ok.extend_from_slice(b"\r\n");
    assert_eq!(ok.len(), 64);
    assert!(f.send(&ok).starts_with("a2 BAD NOOP: unexpected"));
}

#[test]
fn a_too_big_non_synchronising_literal_is_thrown_away() {
    let mut config = ServerConfig::new("mail.dave.example");
    config.max_literal = 100;
    let mut f = Fixture::new(ImapState::Authenticated, config);
    let mut input = b"a1 APPEND INBOX {200+}\r\n".to_vec();
    input.extend(std::iter::repeat_n(b'y', 200));
    input.extend_from_slice(b"\r\nz NOOP\r\n");
    let got = f.send(&input);
    assert_eq!(
        got,
        "a1 BAD [TOOBIG] literal too big: at most 100 octets\r\nz OK NOOP completed\r\n"
    );
    assert_eq!(
        protocol_core::imap::Mailstore::folder(&f.store, "dave", "INBOX")
            .unwrap()
            .messages
            .len(),
        2
    );
}
