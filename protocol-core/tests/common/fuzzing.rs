//! Random protocol input, shared by the in-tree random test
//! (`tests/random_splits.rs`) and the cargo-fuzz targets (`fuzz/`, which
//! include this file by path). Self-contained: it uses only the public API.
//!
//! The smtp-proto idea: a random byte picks a token of the protocol's
//! alphabet (`MAIL FROM:<`, `\r\n`, `.`, a verb, an address) rather than a
//! raw byte, so that random input reaches deep states. Bytes `0xF0..` are an
//! escape: the next byte is sent as it is, so every byte string can still be
//! produced (and every transcript encoded into a seed, [`encode`]).
//! Two more tokens are not bytes: a chunk boundary (where the split run
//! cuts the input) and the passing of time (a session timeout may fire).
#![allow(dead_code)]

use protocol_core::imap;
use protocol_core::pop3;
use protocol_core::smtp::server as smtp;
use protocol_core::SimTime;
use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::sync::Arc;

/// One piece of a decoded input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Bytes(Vec<u8>),
    /// A chunk boundary for the split run (nothing for the whole run).
    Split,
    /// Time passes (seconds); a due session timeout fires.
    Tick(u64),
}

/// Escape byte: the next byte is literal.
pub const LITERAL: u8 = 0xF0;

const EXTRA: usize = 3; // Split, Tick(1), Tick(700)

pub const SMTP_ALPHABET: &[&str] = &[
    "\r\n",
    "\n",
    "\r",
    " ",
    ".",
    ":",
    "<",
    ">",
    "@",
    "=",
    "EHLO ",
    "HELO ",
    "MAIL FROM:<",
    "RCPT TO:<",
    "DATA",
    "QUIT",
    "RSET",
    "NOOP",
    "VRFY ",
    "EXPN ",
    "HELP",
    "STARTTLS",
    "AUTH PLAIN",
    "AUTH LOGIN",
    "AUTH CRAM-MD5",
    " AGpvaG4Aam9obi1wYXNz",
    "AGpvaG4Ad3Jvbmc=",
    "am9obg==",
    "am9obi1wYXNz",
    "*",
    "BDAT ",
    " LAST",
    " SIZE=",
    " BODY=8BITMIME",
    " SMTPUTF8",
    "9223372036854775807",
    "200000000000",
    "0",
    "1",
    "1999",
    "john@isp.example",
    "dave@dave.example",
    "postmaster",
    "postmaster@isp.example",
    "nobody@isp.example",
    "x@elsewhere.example",
    "<>",
    "john-pc.isp.example",
    "\r\n.\r\n",
    "\r\n..\r\n",
    "\n.\n",
    "Subject: hi\r\n",
    "\r\n\r\n",
    "From: <john@isp.example>\r\n",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "\u{e9}",
    "\0",
    "\t",
    "%",
    "\"a b\"@isp.example",
    "[192.0.2.10]",
    "mail from:<",
];

pub const POP3_ALPHABET: &[&str] = &[
    "\r\n",
    "\n",
    "\r",
    " ",
    "USER ",
    "PASS ",
    "dave",
    "dave-pass",
    "john",
    "wrong",
    "APOP ",
    "dave 00000000000000000000000000000000",
    "STAT",
    "LIST",
    "LIST ",
    "RETR ",
    "DELE ",
    "NOOP",
    "RSET",
    "QUIT",
    "TOP ",
    "UIDL",
    "UIDL ",
    "CAPA",
    "AUTH",
    "AUTH PLAIN",
    " AGRhdmUAZGF2ZS1wYXNz",
    "STLS",
    "UTF8",
    "LANG",
    "1",
    "2",
    "3",
    "0",
    "10",
    "-1",
    "4294967296",
    "99999999999999999999",
    "*",
    "=",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "\u{e9}",
    "\0",
    "\t",
    "user ",
    "retr ",
];

pub const IMAP_ALPHABET: &[&str] = &[
    "\r\n",
    "\n",
    " ",
    "a1 ",
    "a2 ",
    "* ",
    "LOGIN ",
    "dave ",
    "dave-pass",
    "\"dave-pass\"",
    "wrong",
    "LOGOUT",
    "NOOP",
    "CAPABILITY",
    "ENABLE IMAP4rev2",
    "AUTHENTICATE PLAIN",
    " AGRhdmUAZGF2ZS1wYXNz",
    "AGRhdmUAZGF2ZS1wYXNz",
    "*",
    "SELECT ",
    "EXAMINE ",
    "INBOX",
    "Sent",
    "Trash",
    "\"New box\"",
    "CREATE ",
    "DELETE ",
    "RENAME ",
    "SUBSCRIBE ",
    "LIST ",
    "\"\" ",
    "%",
    "STATUS ",
    "(MESSAGES UIDNEXT UNSEEN)",
    "APPEND ",
    "{5}",
    "{5+}",
    "{0}",
    "{4294967296}",
    "hello",
    "(\\Seen) ",
    "FETCH ",
    "UID ",
    "1",
    "2",
    "3",
    "1:*",
    "2:4",
    "*:1",
    "4294967295",
    "0",
    ",",
    "(FLAGS UID RFC822.SIZE)",
    "BODY[]",
    "BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]",
    "BODY[TEXT]<0.10>",
    "ENVELOPE",
    "BODYSTRUCTURE",
    "STORE ",
    "+FLAGS ",
    "-FLAGS.SILENT ",
    "FLAGS ",
    "(\\Deleted)",
    "(\\Seen \\Flagged)",
    "SEARCH ",
    "ALL",
    "UNSEEN",
    "SUBJECT ",
    "FROM john",
    "OR ",
    "NOT ",
    "COPY ",
    "MOVE ",
    "EXPUNGE",
    "CLOSE",
    "UNSELECT",
    "IDLE",
    "DONE",
    "NAMESPACE",
    "ID NIL",
    "(",
    ")",
    "\"",
    "\\",
    "[",
    "]",
    "<",
    ">",
    "\u{e9}",
    "\0",
];

/// The alphabet of the `smtp_reply` fuzz target.
pub const REPLY_ALPHABET: &[&str] = &[
    "\r\n",
    "\n",
    " ",
    "-",
    "250",
    "250-",
    "220 ",
    "354 ",
    "421 ",
    "550 5.1.1 ",
    "2.0.0 ",
    "5.7.1",
    "999 ",
    "000",
    "25",
    "OK",
    "smtp.isp.example",
    "PIPELINING",
    "SIZE 10485760",
    "8BITMIME",
    "AUTH PLAIN LOGIN",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "\u{e9}",
    "\0",
    "\t",
];

/// The alphabet of the `pop3_response` fuzz target.
pub const POP3_RESPONSE_ALPHABET: &[&str] = &[
    "\r\n",
    "\n",
    ".",
    "..",
    "\r\n.\r\n",
    "+OK",
    "-ERR",
    " ",
    "[SYS/TEMP]",
    "[AUTH] ",
    "[IN-USE]",
    "2 320",
    "1 120",
    "Subject: x",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "+ ",
    "\u{e9}",
    "\0",
];

/// The alphabet of the `message` fuzz target.
pub const MESSAGE_ALPHABET: &[&str] = &[
    "\r\n",
    "\n",
    "\r",
    " ",
    "\t",
    ":",
    "Subject: ",
    "From: ",
    "To: ",
    "Received: from x by y;",
    "Content-Type: text/plain; charset=utf-8",
    "=?utf-8?B?w6k=?=",
    "=?iso-8859-1?Q?caf=E9?=",
    "=?",
    "?=",
    "\r\n\r\n",
    "\n\n",
    ".",
    "John <john@isp.example>",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "\u{e9}",
    "\0",
    "body line",
];

/// The alphabet of the `scenario` fuzz target.
pub const SCENARIO_ALPHABET: &[&str] = &[
    "\n",
    " = ",
    "\"",
    "[",
    "]",
    ", ",
    "name = \"f\"\ntitle = \"t\"\ngoal = \"g\"\n",
    "seed = ",
    "[[host]]\n",
    "id = \"",
    "name = \"",
    "ip = \"",
    "198.51.100.26",
    "192.0.2.25",
    "smtp = true\n",
    "submission = true\n",
    "local_domains = [\"",
    "relay_domains = [\"",
    "relay_networks = [\"",
    "192.0.2.0/24",
    "smarthost = \"",
    "greylist = \"5m\"\n",
    "max_message_size = ",
    "[[mx]]\n",
    "domain = \"dave.example\"\n",
    "preference = ",
    "host = \"",
    "[retry]\n",
    "schedule = [\"",
    "max_age = \"",
    "[[step]]\n",
    "at = \"",
    "at = ",
    "do = \"send\"\n",
    "do = \"fetch\"\n",
    "do = \"host_down\"\n",
    "do = \"host_up\"\n",
    "do = \"link_down\"\n",
    "do = \"link_up\"\n",
    "a = \"",
    "b = \"",
    "auth = [\"john\", \"john-pass\"]\n",
    "from = \"john@isp.example\"\n",
    "to = [\"dave@dave.example\"]\n",
    "to = [\"postmaster\", \"dave@dave.example\", \"dave@dave.example\"]\n",
    "server = \"mail.dave.example\"\n",
    "login = \"dave\"\npassword = \"dave-pass\"\n",
    "delete = true\n",
    "apop = true\n",
    "padding_lines = ",
    "port = ",
    "mx",
    "isp",
    "dns",
    "dave-pc",
    "john-pc",
    "mx2",
    "mail.dave.example",
    "mx2.dave.example",
    "smtp.isp.example",
    "dave.example",
    "0s",
    "1s",
    "40m",
    "1h",
    "2d",
    "100000d",
    "18446744073709s",
    "18446744073709551615",
    "0",
    "1",
    "10",
    "2000",
    "99999999999",
    "-1",
    "\"\n",
    "\u{e9}",
];

/// Turns fuzzer bytes into pieces over `alphabet` (byte order kept).
pub fn decode(data: &[u8], alphabet: &[&str]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let push = |out: &mut Vec<Piece>, b: &[u8]| match out.last_mut() {
        Some(Piece::Bytes(v)) => v.extend_from_slice(b),
        _ => out.push(Piece::Bytes(b.to_vec())),
    };
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        if b >= LITERAL {
            if let Some(&lit) = data.get(i) {
                i += 1;
                push(&mut out, &[lit]);
            }
            continue;
        }
        let k = b as usize % (alphabet.len() + EXTRA);
        match k.checked_sub(alphabet.len()) {
            None => push(&mut out, alphabet[k].as_bytes()),
            Some(0) => out.push(Piece::Split),
            Some(1) => out.push(Piece::Tick(1)),
            _ => out.push(Piece::Tick(700)),
        }
    }
    out
}

/// Encodes bytes as fuzzer input over `alphabet` (longest token first,
/// literals otherwise), with a chunk boundary after every line: corpus
/// seeds from the transcripts.
pub fn encode(bytes: &[u8], alphabet: &[&str]) -> Vec<u8> {
    assert!(alphabet.len() + EXTRA <= LITERAL as usize);
    let split = alphabet.len() as u8;
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let best = alphabet
            .iter()
            .enumerate()
            .filter(|(_, t)| bytes[i..].starts_with(t.as_bytes()))
            .max_by_key(|(_, t)| t.len());
        match best {
            Some((k, t)) => {
                out.push(k as u8);
                i += t.len();
                if t.ends_with('\n') {
                    out.push(split);
                }
            }
            None => {
                out.extend_from_slice(&[LITERAL, bytes[i]]);
                i += 1;
            }
        }
    }
    out
}

/// How the same pieces are given to a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    /// All bytes between two ticks in one call.
    Whole,
    /// One call per piece (cut at every chunk boundary).
    AtSplits,
    /// One call per byte.
    ByteByByte,
}

/// Calls `input` with the bytes as `feed` cuts them, and `tick` with each
/// passing of time, in order.
fn drive(pieces: &[Piece], feed: Feed, mut input: impl FnMut(&[u8]), mut tick: impl FnMut(u64)) {
    let mut pending: Vec<u8> = Vec::new();
    for p in pieces {
        match p {
            Piece::Bytes(b) => match feed {
                Feed::Whole => pending.extend_from_slice(b),
                Feed::AtSplits => input(b),
                Feed::ByteByByte => b.chunks(1).for_each(&mut input),
            },
            Piece::Split => {}
            Piece::Tick(s) => {
                if !pending.is_empty() {
                    input(&std::mem::take(&mut pending));
                }
                tick(*s);
            }
        }
    }
    if !pending.is_empty() {
        input(&pending);
    }
}

/// The first byte picks a server configuration; the rest are pieces.
fn config_byte(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&c, rest)) => (c, rest),
        None => (0, data),
    }
}

/// An SMTP server session over the input: everything it sent, whether it
/// closed, and every message it accepted.
pub fn smtp_run(data: &[u8], feed: Feed) -> String {
    let (c, rest) = config_byte(data);
    let pieces = decode(rest, SMTP_ALPHABET);
    smtp_run_pieces(c, &pieces, feed)
}

pub fn smtp_run_pieces(c: u8, pieces: &[Piece], feed: Feed) -> String {
    let mode = if c & 1 == 0 {
        smtp::ServerMode::Relay
    } else {
        smtp::ServerMode::Submission
    };
    let mut config = smtp::ServerConfig::new("smtp.isp.example", mode);
    config.local_domains.insert("isp.example".into());
    if c & 2 == 0 {
        config
            .relay_networks
            .push((Ipv4Addr::new(192, 0, 2, 0), 24));
    }
    if c & 4 != 0 {
        config.max_message_size = 2000;
    }
    let ip = if c & 8 == 0 {
        Ipv4Addr::new(192, 0, 2, 10)
    } else {
        Ipv4Addr::new(203, 0, 113, 66)
    };
    let policy = std::cell::RefCell::new(
        smtp::StaticPolicy::new()
            .with_account("john", "john-pass")
            .with_mailbox("john@isp.example")
            .with_mailbox("dave@dave.example")
            .with_mailbox("postmaster@isp.example"),
    );
    let now = std::cell::Cell::new(SimTime::ZERO);
    let s = std::cell::RefCell::new(smtp::ServerSession::new(
        Arc::new(config),
        smtp::PeerInfo { ip, port: 40_000 },
        now.get(),
    ));
    let out = std::cell::RefCell::new(Vec::new());
    let drain = |s: &mut smtp::ServerSession| {
        while let Some(b) = s.poll_output() {
            out.borrow_mut().extend_from_slice(&b);
        }
        while s.poll_event().is_some() {}
    };
    drain(&mut s.borrow_mut());
    drive(
        pieces,
        feed,
        |b| {
            let mut s = s.borrow_mut();
            s.handle_input(now.get(), b, &mut *policy.borrow_mut());
            drain(&mut s);
        },
        |secs| {
            now.set(now.get() + protocol_core::SimDuration::from_secs(secs));
            let mut s = s.borrow_mut();
            if s.poll_timeout().is_some_and(|t| t <= now.get()) {
                s.handle_timeout(now.get());
            }
            drain(&mut s);
        },
    );
    let mut s = s.into_inner();
    let closed = s.is_closed();
    s.handle_close(now.get());
    drain(&mut s);
    let mut r = String::from_utf8_lossy(&out.into_inner()).into_owned();
    let _ = write!(
        r,
        "\n-- closed: {closed}\n-- accepted: {:?}",
        policy.into_inner().accepted
    );
    r
}

/// A POP3 server session (Dave's maildrop, two messages) over the input.
pub fn pop3_run(data: &[u8], feed: Feed) -> String {
    let (c, rest) = config_byte(data);
    let pieces = decode(rest, POP3_ALPHABET);
    let mut store = pop3::MemoryMaildrops::new();
    store.add_account("dave", "dave-pass");
    store.deliver(
        "dave",
        "uid-1",
        b"Subject: one\r\n\r\nfirst\r\n.dot\r\n".to_vec(),
    );
    store.deliver("dave", "uid-2", b"Subject: two\r\n\r\nsecond\r\n".to_vec());
    let mut config = pop3::ServerConfig::new("mail.dave.example");
    if c & 1 != 0 {
        config.max_failed_logins = 1;
    }
    let now = std::cell::Cell::new(SimTime::ZERO);
    let s = std::cell::RefCell::new(pop3::ServerSession::new(Arc::new(config), 7, now.get()));
    let out = std::cell::RefCell::new(Vec::new());
    let store = std::cell::RefCell::new(store);
    let drain = |s: &mut pop3::ServerSession| {
        while let Some(b) = s.poll_output() {
            out.borrow_mut().extend_from_slice(&b);
        }
        while s.poll_event().is_some() {}
    };
    drain(&mut s.borrow_mut());
    drive(
        &pieces,
        feed,
        |b| {
            let mut s = s.borrow_mut();
            s.handle_input(now.get(), b, &mut *store.borrow_mut());
            drain(&mut s);
        },
        |secs| {
            now.set(now.get() + protocol_core::SimDuration::from_secs(secs));
            let mut s = s.borrow_mut();
            if s.poll_timeout().is_some_and(|t| t <= now.get()) {
                s.handle_timeout(now.get(), &mut *store.borrow_mut());
            }
            drain(&mut s);
        },
    );
    let mut s = s.into_inner();
    let closed = s.is_closed();
    s.handle_close(now.get(), &mut *store.borrow_mut());
    drain(&mut s);
    let mut r = String::from_utf8_lossy(&out.into_inner()).into_owned();
    let _ = write!(
        r,
        "\n-- closed: {closed}\n-- store: {:?}",
        store.into_inner()
    );
    r
}

/// An IMAP server session (Dave's account, three messages) over the input.
pub fn imap_run(data: &[u8], feed: Feed) -> String {
    let (c, rest) = config_byte(data);
    let pieces = decode(rest, IMAP_ALPHABET);
    let mut store = imap::MemoryMailstore::new();
    store.add_account("dave", "dave-pass");
    let date = "23-Nov-2026 07:00:00 +0000";
    store.deliver(
        "dave",
        &b"Subject: one\r\nFrom: john@isp.example\r\n\r\nfirst\r\n"[..],
        date,
    );
    store.deliver("dave", &b"Subject: two\r\n\r\nsecond\r\n"[..], date);
    store.deliver("dave", &b"no header\r\n"[..], date);
    let mut config = imap::ServerConfig::new("mail.dave.example");
    if c & 1 != 0 {
        config.max_line = 100;
        config.max_literal = 20;
    }
    let now = std::cell::Cell::new(SimTime::ZERO);
    let s = std::cell::RefCell::new(imap::ServerSession::new(Arc::new(config), now.get()));
    let out = std::cell::RefCell::new(Vec::new());
    let store = std::cell::RefCell::new(store);
    let drain = |s: &mut imap::ServerSession| {
        while let Some(b) = s.poll_output() {
            out.borrow_mut().extend_from_slice(&b);
        }
        while s.poll_event().is_some() {}
    };
    drain(&mut s.borrow_mut());
    drive(
        &pieces,
        feed,
        |b| {
            let mut s = s.borrow_mut();
            s.handle_input(now.get(), b, &mut *store.borrow_mut());
            drain(&mut s);
        },
        |secs| {
            now.set(now.get() + protocol_core::SimDuration::from_secs(secs));
            let mut s = s.borrow_mut();
            if s.poll_timeout().is_some_and(|t| t <= now.get()) {
                s.handle_timeout(now.get(), &mut *store.borrow_mut());
            }
            drain(&mut s);
        },
    );
    let mut s = s.into_inner();
    let closed = s.is_closed();
    s.handle_close(now.get(), &mut *store.borrow_mut());
    drain(&mut s);
    let mut r = String::from_utf8_lossy(&out.into_inner()).into_owned();
    let _ = write!(
        r,
        "\n-- closed: {closed}\n-- store: {:?}",
        store.into_inner()
    );
    r
}

/// Whole, at the input's own chunk boundaries, and byte by byte: the same.
pub fn check_splits(name: &str, data: &[u8], run: fn(&[u8], Feed) -> String) {
    check_feeds(name, data, run, &[Feed::AtSplits, Feed::ByteByByte]);
}

/// Fuzz inputs longer than this are not also fed byte by byte.
pub const FUZZ_BYTE_BY_BYTE_MAX: usize = 256;

/// What the session fuzz targets check: whole and at the input's own chunk
/// boundaries always, and byte by byte too for inputs of at most
/// [`FUZZ_BYTE_BY_BYTE_MAX`] bytes. The chunk boundaries are the fuzzer's to
/// choose (the alphabet's split token), so any split can still be found;
/// feeding a 4 KB input (often 10 KB once decoded) one byte per call made
/// the IMAP target 60 to 200 times slower per input (measured natively over
/// its corpus), 71 executions a second under AddressSanitizer on this machine.
pub fn check_splits_fuzz(name: &str, data: &[u8], run: fn(&[u8], Feed) -> String) {
    if data.len() <= FUZZ_BYTE_BY_BYTE_MAX {
        check_splits(name, data, run);
    } else {
        check_feeds(name, data, run, &[Feed::AtSplits]);
    }
}

fn check_feeds(name: &str, data: &[u8], run: fn(&[u8], Feed) -> String, feeds: &[Feed]) {
    let whole = run(data, Feed::Whole);
    for &feed in feeds {
        let other = run(data, feed);
        if other != whole {
            panic!(
                "{name}: {feed:?} differs from Whole for input {data:?}\n--- whole:\n{whole}\n--- {feed:?}:\n{other}"
            );
        }
    }
}

/// The client bytes of a transcript (`C:` lines with CRLF, `C~` raw with
/// escapes), for corpus seeds.
pub fn transcript_client_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(l) = line.strip_prefix("C: ") {
            out.extend_from_slice(l.as_bytes());
            out.extend_from_slice(b"\r\n");
        } else if let Some(l) = line.strip_prefix("C~ ") {
            let mut chars = l.chars();
            while let Some(ch) = chars.next() {
                if ch == '\\' {
                    match chars.next() {
                        Some('r') => out.push(b'\r'),
                        Some('n') => out.push(b'\n'),
                        Some('\\') => out.push(b'\\'),
                        Some(o) => out.extend_from_slice(o.to_string().as_bytes()),
                        None => {}
                    }
                } else {
                    out.extend_from_slice(ch.to_string().as_bytes());
                }
            }
        } else if let Some(l) = line.strip_prefix("C:") {
            out.extend_from_slice(l.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}
