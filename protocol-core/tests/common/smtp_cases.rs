//! The SMTP bad-input table and the limit sessions, shared by the
//! bad-input test and the explanation coverage test (which counts the keys
//! they reach).

use super::*;
use protocol_core::address::Mailbox;
use protocol_core::smtp::reply::Reply;
use protocol_core::smtp::server::*;
use protocol_core::time::{SimDuration, SimTime};
use std::net::Ipv4Addr;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub enum Setup {
    Fresh,
    Ehlo,
    Mail,
    Rcpt,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Cfg {
    Relay,
    Submission,
    RelayWithAuth,
    Stranger,
}

pub const OK: bool = true;
pub const CLOSED: bool = false;

/// (name, server, state before, input, expected "code esc", session goes on)
pub type Case = (&'static str, Cfg, Setup, Vec<u8>, &'static str, bool);

pub fn cases() -> Vec<Case> {
    let long_local = format!("RCPT TO:<{}@isp.example>", "a".repeat(65));
    let long_domain = format!(
        "MAIL FROM:<j@{}.example>",
        vec!["d".repeat(63); 4].join(".")
    );
    let long_path = format!(
        "RCPT TO:<{}@{}.{}.{}.example>",
        "a".repeat(60),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(63)
    );
    let mut flood = vec![b'A'; 1 << 20];
    flood.extend_from_slice(b"\r\n");
    let max_line = format!("NOOP {}", "x".repeat(505)); // 510 + CRLF = 512: allowed
    let over_line = format!("NOOP {}", "x".repeat(506)); // 513: too long
    let l = |s: &str| format!("{s}\r\n").into_bytes();
    use Cfg::*;
    use Setup::*;
    vec![
        (
            "missing colon after FROM",
            Relay,
            Ehlo,
            l("MAIL FROM <john@isp.example>"),
            "501 5.5.4",
            OK,
        ),
        (
            "unbalanced bracket",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example"),
            "501 5.5.4",
            OK,
        ),
        (
            "path without brackets",
            Relay,
            Ehlo,
            l("MAIL FROM:john@isp.example"),
            "501 5.5.4",
            OK,
        ),
        (
            "space in address",
            Relay,
            Ehlo,
            l("MAIL FROM:<jo hn@isp.example>"),
            "501 5.1.7",
            OK,
        ),
        (
            "sender without @",
            Relay,
            Ehlo,
            l("MAIL FROM:<john>"),
            "501 5.1.7",
            OK,
        ),
        (
            "empty recipient path",
            Relay,
            Mail,
            l("RCPT TO:<>"),
            "501 5.1.3",
            OK,
        ),
        (
            "double dot in domain",
            Relay,
            Mail,
            l("RCPT TO:<dave@dave..example>"),
            "501 5.1.3",
            OK,
        ),
        (
            "65-char local part",
            Relay,
            Mail,
            l(&long_local),
            "501 5.1.3",
            OK,
        ),
        (
            "256-char domain",
            Relay,
            Ehlo,
            l(&long_domain),
            "501 5.1.7",
            OK,
        ),
        ("path over 256", Relay, Mail, l(&long_path), "501 5.1.3", OK),
        (
            "RCPT without TO:",
            Relay,
            Mail,
            l("RCPT <dave@dave.example>"),
            "501 5.5.4",
            OK,
        ),
        (
            "bad SIZE value",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example> SIZE=big"),
            "501 5.5.4",
            OK,
        ),
        (
            "SIZE without value",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example> SIZE"),
            "555 5.5.4",
            OK,
        ),
        (
            "SIZE over the limit",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example> SIZE=999999999"),
            "552 5.3.4",
            OK,
        ),
        (
            "unknown MAIL parameter",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example> FOO=bar"),
            "555 5.5.4",
            OK,
        ),
        (
            "bad BODY value",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example> BODY=BINARYMIME"),
            "501 5.5.4",
            OK,
        ),
        (
            "unknown RCPT parameter",
            Relay,
            Mail,
            l("RCPT TO:<dave@dave.example> NOTIFY=NEVER"),
            "555 5.5.4",
            OK,
        ),
        (
            "malformed parameter",
            Relay,
            Ehlo,
            l("MAIL FROM:<john@isp.example> =x"),
            "501 5.5.4",
            OK,
        ),
        (
            "RCPT before MAIL",
            Relay,
            Ehlo,
            l("RCPT TO:<dave@dave.example>"),
            "503 5.5.1",
            OK,
        ),
        ("DATA before RCPT", Relay, Mail, l("DATA"), "503 5.5.1", OK),
        ("DATA before MAIL", Relay, Ehlo, l("DATA"), "503 5.5.1", OK),
        (
            "double MAIL",
            Relay,
            Mail,
            l("MAIL FROM:<john@isp.example>"),
            "503 5.5.1",
            OK,
        ),
        (
            "MAIL before EHLO",
            Relay,
            Fresh,
            l("MAIL FROM:<john@isp.example>"),
            "503 5.5.1",
            OK,
        ),
        (
            "AUTH without mechanism",
            Submission,
            Ehlo,
            l("AUTH"),
            "501 5.5.4",
            OK,
        ),
        (
            "unknown AUTH mechanism",
            Submission,
            Ehlo,
            l("AUTH CRAM-MD5"),
            "504 5.5.4",
            OK,
        ),
        (
            "bad base64 in AUTH",
            Submission,
            Ehlo,
            l("AUTH PLAIN !!!"),
            "501 5.5.2",
            OK,
        ),
        (
            "PLAIN without NULs",
            Submission,
            Ehlo,
            l("AUTH PLAIN am9obg=="),
            "501 5.5.2",
            OK,
        ),
        (
            "wrong password",
            Submission,
            Ehlo,
            l("AUTH PLAIN AGpvaG4Ad3Jvbmc="),
            "535 5.7.8",
            OK,
        ),
        (
            "AUTH when not offered",
            Relay,
            Ehlo,
            l("AUTH PLAIN"),
            "502 5.5.1",
            OK,
        ),
        (
            "AUTH before EHLO",
            Submission,
            Fresh,
            l("AUTH PLAIN"),
            "503 5.5.1",
            OK,
        ),
        (
            "AUTH in a transaction",
            RelayWithAuth,
            Mail,
            l("AUTH PLAIN"),
            "503 5.5.1",
            OK,
        ),
        (
            "MAIL without AUTH on 587",
            Submission,
            Ehlo,
            l("MAIL FROM:<john@isp.example>"),
            "530 5.7.0",
            OK,
        ),
        (
            "1 MB without a newline",
            Relay,
            Ehlo,
            flood,
            "500 5.5.2",
            OK,
        ),
        (
            "513-octet command line",
            Relay,
            Ehlo,
            l(&over_line),
            "500 5.5.2",
            OK,
        ),
        (
            "512-octet line is fine",
            Relay,
            Ehlo,
            l(&max_line),
            "250 2.0.0",
            OK,
        ),
        (
            "NUL inside the verb",
            Relay,
            Ehlo,
            b"NO\0OP\r\n".to_vec(),
            "500 5.5.2",
            OK,
        ),
        (
            "NUL in an argument",
            Relay,
            Fresh,
            b"HELO a\0b\r\n".to_vec(),
            "501 5.5.4",
            OK,
        ),
        (
            "8-bit in HELO",
            Relay,
            Fresh,
            "HELO café.example\r\n".as_bytes().to_vec(),
            "501 5.5.4",
            OK,
        ),
        (
            "8-bit verb",
            Relay,
            Ehlo,
            b"\xff\xfe\r\n".to_vec(),
            "500 5.5.2",
            OK,
        ),
        (
            "bare CR in a command",
            Relay,
            Ehlo,
            b"NOOP\rX\r\n".to_vec(),
            "500 5.5.2",
            OK,
        ),
        ("empty line", Relay, Ehlo, l(""), "500 5.5.2", OK),
        ("unknown verb", Relay, Ehlo, l("XYZZY"), "500 5.5.2", OK),
        (
            "STARTTLS is never offered",
            Relay,
            Ehlo,
            l("STARTTLS"),
            "500 5.5.2",
            OK,
        ),
        ("VERB", Relay, Ehlo, l("VERB"), "502 5.5.1", OK),
        (
            "HELO without domain",
            Relay,
            Fresh,
            l("HELO"),
            "501 5.5.4",
            OK,
        ),
        (
            "EHLO without domain",
            Relay,
            Fresh,
            l("EHLO"),
            "501 5.5.4",
            OK,
        ),
        (
            "DATA with an argument",
            Relay,
            Rcpt,
            l("DATA now"),
            "501 5.5.4",
            OK,
        ),
        (
            "QUIT with an argument",
            Relay,
            Ehlo,
            l("QUIT now"),
            "501 5.5.4",
            OK,
        ),
        (
            "VRFY without argument",
            Relay,
            Ehlo,
            l("VRFY"),
            "501 5.5.4",
            OK,
        ),
        (
            "EXPN is disabled: 252, not 502 (RFC 5321 §7.3)",
            Relay,
            Ehlo,
            l("EXPN staff"),
            "252 2.0.0",
            OK,
        ),
        (
            "HELP on an unknown topic",
            Relay,
            Ehlo,
            l("HELP FOO"),
            "504 5.5.1",
            OK,
        ),
        (
            "relay attempt by a stranger",
            Stranger,
            Mail,
            l("RCPT TO:<dave@dave.example>"),
            "550 5.7.1",
            OK,
        ),
        (
            "unknown local user",
            Stranger,
            Mail,
            l("RCPT TO:<nobody@isp.example>"),
            "550 5.1.1",
            OK,
        ),
        (
            "lower-case verbs are fine",
            Relay,
            Ehlo,
            l("noop"),
            "250 2.0.0",
            OK,
        ),
        (
            "bare-LF command line is accepted",
            Relay,
            Ehlo,
            b"NOOP\n".to_vec(),
            "250 2.0.0",
            OK,
        ),
        (
            "QUIT ends the session",
            Relay,
            Ehlo,
            l("QUIT"),
            "221 2.0.0",
            CLOSED,
        ),
    ]
}

pub fn config(cfg: Cfg) -> (ServerConfig, Ipv4Addr) {
    let mut c = isp_config(if cfg == Cfg::Submission {
        ServerMode::Submission
    } else {
        ServerMode::Relay
    });
    if cfg == Cfg::RelayWithAuth {
        c.auth = true;
    }
    let ip = if cfg == Cfg::Stranger {
        Ipv4Addr::new(203, 0, 113, 66)
    } else {
        Ipv4Addr::new(192, 0, 2, 10)
    };
    (c, ip)
}

pub fn setup(h: &mut Harness, s: Setup) {
    let steps: &[&str] = match s {
        Setup::Fresh => &[],
        Setup::Ehlo => &["EHLO client.example"],
        Setup::Mail => &["EHLO client.example", "MAIL FROM:<john@isp.example>"],
        Setup::Rcpt => &[
            "EHLO client.example",
            "MAIL FROM:<john@isp.example>",
            "RCPT TO:<john@isp.example>",
        ],
    };
    for step in steps {
        let r = h.cmd(step);
        assert!(r.starts_with('2'), "setup {step}: {r}");
    }
}

/// Every event of every session run here, for the explanation check.
pub fn run_cases(events: &mut Vec<ServerEvent>) {
    let cases = cases();
    assert!(cases.len() >= 40);
    for (name, cfg, s, input, expected, keeps_working) in cases {
        let (c, ip) = config(cfg);
        let mut h = Harness::new(c, ip);
        setup(&mut h, s);
        let out = h.send(&input);
        let first = out.split("\r\n").next().unwrap_or("");
        assert!(
            first.starts_with(&format!("{expected} ")),
            "{name}: expected {expected}, got {out:?}"
        );
        assert_eq!(
            out.matches("\r\n").count(),
            1,
            "{name}: exactly one reply, got {out:?}"
        );
        if keeps_working {
            assert_eq!(
                h.cmd("NOOP"),
                "250 2.0.0 OK\r\n",
                "{name}: session must go on"
            );
        } else {
            assert!(h.server.is_closed(), "{name}: session must be closed");
        }
        while let Some(e) = h.server.poll_event() {
            events.push(e);
        }
    }
}

pub fn data_session(c: ServerConfig) -> Harness {
    let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
    for step in [
        "EHLO c.example",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
    ] {
        h.cmd(step);
    }
    assert!(h.cmd("DATA").starts_with("354 "));
    h
}

/// Sessions that exercise limits; returns their events too.
pub fn limit_sessions(events: &mut Vec<ServerEvent>) {
    let mut keep = |h: &mut Harness| {
        while let Some(e) = h.server.poll_event() {
            events.push(e);
        }
    };
    // An over-size message: 552 at the end, session goes on, nothing stored.
    let mut c = isp_config(ServerMode::Relay);
    c.max_message_size = 1000;
    let mut h = data_session(c);
    for _ in 0..100 {
        assert_eq!(
            h.send(
                &[b'x'; 99]
                    .iter()
                    .chain(b"\r\n")
                    .copied()
                    .collect::<Vec<u8>>()
            ),
            ""
        );
    }
    assert_eq!(
        h.send(b".\r\n"),
        "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
    );
    assert_eq!(h.cmd("NOOP"), "250 2.0.0 OK\r\n");
    assert!(h.policy.accepted.is_empty());
    keep(&mut h);
    // A 1001-octet text line.
    let mut h = data_session(isp_config(ServerMode::Relay));
    let mut m = vec![b'y'; 999];
    m.extend_from_slice(b"\r\n.\r\n");
    assert!(h.send(&m).starts_with("554 5.6.0 "));
    let mut h2 = data_session(isp_config(ServerMode::Relay));
    assert!(
        h2.send(&m[1..]).starts_with("250 2.0.0 OK queued as"),
        "1000 octets incl. CRLF is allowed"
    );
    keep(&mut h);
    // Too many recipients.
    let mut c = isp_config(ServerMode::Relay);
    c.max_recipients = 2;
    let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
    h.cmd("EHLO c.example");
    h.cmd("MAIL FROM:<john@isp.example>");
    h.cmd("RCPT TO:<dave@dave.example>");
    h.cmd("RCPT TO:<mary@isp.example>");
    assert_eq!(
        h.cmd("RCPT TO:<john@isp.example>"),
        "452 4.5.3 Too many recipients\r\n"
    );
    keep(&mut h);
    // Too many errors: the third error closes with 421.
    let mut c = isp_config(ServerMode::Relay);
    c.max_errors = 3;
    let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
    h.cmd("BAD");
    h.cmd("BAD");
    assert_eq!(h.cmd("BAD"), "500 5.5.2 Syntax error, command unrecognized\r\n421 4.7.0 smtp.isp.example Error: too many errors\r\n");
    assert!(h.server.is_closed());
    keep(&mut h);
    // Idle timeout.
    let mut h = Harness::new(isp_config(ServerMode::Relay), Ipv4Addr::new(192, 0, 2, 10));
    let t = h.server.poll_timeout().unwrap();
    assert_eq!(t, SimTime::ZERO + SimDuration::from_mins(5));
    h.server
        .handle_timeout(SimTime::ZERO + SimDuration::from_mins(4));
    assert!(!h.server.is_closed());
    h.server.handle_timeout(t);
    assert_eq!(
        drain(&mut h.server),
        b"421 4.4.2 smtp.isp.example Error: timeout exceeded\r\n"
    );
    assert!(h.server.is_closed() && h.server.poll_timeout().is_none());
    keep(&mut h);
    // Peer goes away in the middle of DATA: nothing is delivered.
    let mut h = data_session(isp_config(ServerMode::Relay));
    h.send(b"Subject: half\r\n\r\nhalf a message\r\n");
    h.server.handle_close(SimTime::ZERO);
    assert!(h.server.is_closed() && h.policy.accepted.is_empty());
    keep(&mut h);
    // A policy hook that greylists.
    struct Grey(StaticPolicy);
    impl ServerPolicy for Grey {
        fn authenticate(&mut self, u: &str, p: &str) -> bool {
            self.0.authenticate(u, p)
        }
        fn mailbox_exists(&self, m: &Mailbox) -> bool {
            self.0.mailbox_exists(m)
        }
        fn check_rcpt(&mut self, _: SimTime, _: &Envelope, _: &Mailbox) -> Option<Reply> {
            Some(Reply::new(
                451,
                Some(protocol_core::smtp::EnhancedCode(4, 7, 1)),
                "Greylisted, try again later",
            ))
        }
        fn accept_message(
            &mut self,
            now: SimTime,
            e: &Envelope,
            d: Vec<u8>,
        ) -> Result<String, Reply> {
            self.0.accept_message(now, e, d)
        }
    }
    let mut p = Grey(world_policy());
    let mut s = ServerSession::new(
        Arc::new(isp_config(ServerMode::Relay)),
        peer(Ipv4Addr::new(192, 0, 2, 10)),
        SimTime::ZERO,
    );
    s.handle_input(
        SimTime::ZERO,
        b"EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<dave@dave.example>\r\n",
        &mut p,
    );
    let out = String::from_utf8(drain(&mut s)).unwrap();
    assert!(
        out.ends_with("451 4.7.1 Greylisted, try again later\r\n"),
        "{out}"
    );
    while let Some(e) = s.poll_event() {
        events.push(e);
    }
}
