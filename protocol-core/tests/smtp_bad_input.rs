//! Bad input, one row per case: what the client sends, the exact reply code
//! and enhanced code it must get, and whether the session still works after
//! (a following NOOP must get 250). Ideas from the aiosmtpd, Postfix and
//! smtplib test suites. Also: session-level limits, smuggling, and a check
//! that every key, code and verb the server emits is in the explanation table.

mod common;

use common::*;
use protocol_core::address::Mailbox;
use protocol_core::smtp::reply::Reply;
use protocol_core::smtp::server::*;
use protocol_core::time::{SimDuration, SimTime};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::sync::Arc;

#[derive(Clone, Copy)]
enum Setup {
    Fresh,
    Ehlo,
    Mail,
    Rcpt,
}

#[derive(Clone, Copy, PartialEq)]
enum Cfg {
    Relay,
    Submission,
    RelayWithAuth,
    Stranger,
}

const OK: bool = true;
const CLOSED: bool = false;

/// (name, server, state before, input, expected "code esc", session goes on)
type Case = (&'static str, Cfg, Setup, Vec<u8>, &'static str, bool);

fn cases() -> Vec<Case> {
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

fn config(cfg: Cfg) -> (ServerConfig, Ipv4Addr) {
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

fn setup(h: &mut Harness, s: Setup) {
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
fn run_cases(events: &mut Vec<ServerEvent>) {
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

#[test]
fn bad_input_table() {
    run_cases(&mut Vec::new());
}

fn data_session(c: ServerConfig) -> Harness {
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
fn limit_sessions(events: &mut Vec<ServerEvent>) {
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

#[test]
fn limits() {
    limit_sessions(&mut Vec::new());
}

/// Each smuggling sequence hides a second message behind a fake end of data.
#[test]
fn smuggling_never_delivers_a_hidden_message() {
    let seqs: &[&[u8]] = &[
        b"\n.\n",
        b"\n.\r\n",
        b"\r.\r",
        b"\r.\r\n",
        b"\r\n.\n",
        b"\n.\r",
        b"\r\n.\r",
        b"\r\n.\r\r\n",
        b"\r\n.\n\r\n",
        b"\r\r\n.\r\r\n",
        b"\r\n\x00.\r\n",
    ];
    for seq in seqs {
        let mut data = b"Subject: innocent\r\n\r\nhello".to_vec();
        data.extend_from_slice(seq);
        data.extend_from_slice(b"MAIL FROM:<evil@x.example>\r\nRCPT TO:<dave@dave.example>\r\nDATA\r\nSubject: smuggled\r\n\r\nforged\r\n.\r\nNOOP\r\n");
        for chunked in [false, true] {
            let mut h = data_session(isp_config(ServerMode::Relay));
            if chunked {
                for c in random_chunks(&data, seq.len() as u64, 7) {
                    h.send(c);
                }
            } else {
                h.send(&data);
            }
            assert!(h.policy.accepted.len() <= 1, "{seq:?}");
            for (env, body) in &h.policy.accepted {
                assert!(
                    !env.from.to_string().contains("evil"),
                    "{seq:?}: smuggled envelope accepted"
                );
                assert!(
                    !String::from_utf8_lossy(body).starts_with("Subject: smuggled"),
                    "{seq:?}"
                );
            }
            assert_eq!(h.cmd("NOOP"), "250 2.0.0 OK\r\n");
        }
    }
    // Control: with a real end of data, the second message IS a second
    // message, so the test above would notice if the server were fooled.
    let mut h = data_session(isp_config(ServerMode::Relay));
    h.send(b"hello\r\n.\r\nMAIL FROM:<evil@x.example>\r\nRCPT TO:<dave@dave.example>\r\nDATA\r\nforged\r\n.\r\n");
    assert_eq!(h.policy.accepted.len(), 2);
}

/// RFC 5321 §7.3: a site that disables VRFY or EXPN MUST answer 252, not a
/// code that could be read as "verified" or "no such user"; and 252 verifies
/// nothing, so its enhanced code is 2.0.0, not 2.1.5 "address valid".
#[test]
fn disabled_vrfy_and_expn_answer_252() {
    let mut c = isp_config(ServerMode::Relay);
    c.vrfy = VrfyMode::Disabled;
    c.expn = VrfyMode::Disabled;
    c.max_errors = 2;
    let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
    h.cmd("EHLO client.example");
    for (line, verb) in [
        ("EXPN staff", "EXPN"),
        ("VRFY nobody", "VRFY"),
        ("EXPN x", "EXPN"),
    ] {
        let r = h.cmd(line);
        assert!(r.starts_with("252 2.0.0 "), "{line}: {r}");
        assert!(r.contains(verb) && r.contains("disabled"), "{r}");
    }
    // Not counted as errors: with max_errors 2 the session would be gone.
    assert!(!h.server.is_closed());
    assert_eq!(h.cmd("NOOP"), "250 2.0.0 OK\r\n");
    while let Some(e) = h.server.poll_event() {
        assert!(!matches!(e, ServerEvent::ProtocolError { .. }), "{e:?}");
    }
}

/// Every keyword the server can announce in its EHLO reply is explained by
/// its own entry, chosen by the server for that line (`Transmit::line_keys`).
#[test]
fn every_ehlo_keyword_is_explained() {
    let mut c = isp_config(ServerMode::Submission);
    c.auth = true;
    let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
    h.server
        .handle_input(h.now, b"EHLO client.example\r\n", &mut h.policy);
    let t = h.server.poll_transmit().expect("the EHLO reply");
    let text = String::from_utf8(t.bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert_eq!(t.line_keys.len(), lines.len());
    for (line, key) in lines.iter().zip(&t.line_keys).skip(1) {
        let keyword = line[4..].split(' ').next().unwrap();
        assert_eq!(*key, format!("smtp.ext.{keyword}"), "{line}");
        assert!(protocol_core::explain::lookup(key).is_some(), "{key}");
    }
    assert_eq!(t.line_keys[0], "smtp.cmd.EHLO");
}

#[test]
fn every_emitted_key_is_explained() {
    let mut events = Vec::new();
    run_cases(&mut events);
    limit_sessions(&mut events);
    let mut missing = BTreeSet::new();
    let mut check = |k: String| {
        if protocol_core::explain::lookup(&k).is_none() {
            missing.insert(k);
        }
    };
    for e in &events {
        match e {
            ServerEvent::ProtocolError { key, .. } => check(key.to_string()),
            ServerEvent::ReplySent { reply } => {
                check(reply.explanation_key());
                if let Some(esc) = reply.enhanced {
                    check(esc.explanation_key());
                }
            }
            ServerEvent::CommandReceived { command } => check(command.explanation_key()),
            _ => {}
        }
    }
    for verb in [
        "HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT", "HELP", "VRFY", "EXPN",
        "AUTH", "VERB",
    ] {
        check(format!("smtp.cmd.{verb}"));
    }
    assert!(
        missing.is_empty(),
        "not in the explanation table: {missing:?}"
    );
}

/// Issue 16 item 2: a client's SIZE= is a claim, not an allocation request.
/// With a huge `max_message_size`, a SIZE near `i64::MAX` (which used to
/// panic with "capacity overflow") or of 200 GB (which used to abort the
/// process on allocation) must not hurt the server: DATA gets 354 and the
/// (small) message is accepted.
#[test]
fn a_huge_declared_size_does_not_kill_the_server() {
    for size in [
        "9223372036854775807",
        "200000000000",
        "18446744073709551615",
    ] {
        let mut c = isp_config(ServerMode::Relay);
        c.max_message_size = usize::MAX;
        let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
        h.cmd("EHLO c.example");
        let r = h.cmd(&format!("MAIL FROM:<a@b.example> SIZE={size}"));
        assert!(r.starts_with("250 "), "SIZE={size}: {r}");
        assert!(h.cmd("RCPT TO:<dave@dave.example>").starts_with("250 "));
        assert!(h.cmd("DATA").starts_with("354 "), "SIZE={size}");
        let r = h.send(b"Subject: small\r\n\r\nnot that big after all\r\n.\r\n");
        assert!(r.starts_with("250 2.0.0 OK queued as"), "SIZE={size}: {r}");
        assert_eq!(h.policy.accepted.len(), 1);
        assert_eq!(h.cmd("NOOP"), "250 2.0.0 OK\r\n");
    }
}

/// Issue 16 item 4: 150 RCPTs of one mailbox (over the 100-recipient limit)
/// all get 250, and the message carries that recipient once; other
/// recipients are still counted against the limit.
#[test]
fn duplicate_recipients_are_removed() {
    let mut h = Harness::new(isp_config(ServerMode::Relay), Ipv4Addr::new(192, 0, 2, 10));
    h.cmd("EHLO c.example");
    h.cmd("MAIL FROM:<john@isp.example>");
    for i in 0..150 {
        let rcpt = if i % 2 == 0 {
            "dave@dave.example"
        } else {
            "dave@Dave.EXAMPLE"
        };
        let r = h.cmd(&format!("RCPT TO:<{rcpt}>"));
        assert!(r.starts_with("250 2.1.5"), "RCPT {i}: {r}");
    }
    assert!(h.cmd("RCPT TO:<mary@isp.example>").starts_with("250 2.1.5"));
    assert!(h.cmd("DATA").starts_with("354 "));
    assert!(h
        .send(b"Subject: once\r\n\r\nhi\r\n.\r\n")
        .starts_with("250 2.0.0"));
    let to: Vec<String> = h.policy.accepted[0]
        .0
        .to
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(to, ["dave@dave.example", "mary@isp.example"]);
}

/// Issue 16 item 5: the size limit does not depend on how the bytes are
/// split. The same DATA bytes, followed by a NOOP, fed whole, byte by byte
/// and in random chunks give the same replies: 552 for 14 KB against a
/// 2,000-byte limit, and at the edge 250 for a message of exactly the limit
/// (counted as received, with its final CRLF) and 552 for one byte more.
#[test]
fn the_size_limit_does_not_depend_on_the_split() {
    let body = |len: usize| {
        // Lines of 100 bytes (98 + CRLF); the first takes the rest.
        let mut m = Vec::new();
        let mut line = 100 + len % 100;
        while m.len() < len {
            m.extend(std::iter::repeat_n(b'x', line - 2));
            m.extend_from_slice(b"\r\n");
            line = 100;
        }
        assert_eq!(m.len(), len);
        m.extend_from_slice(b".\r\nNOOP\r\n");
        m
    };
    let run = |input: &[u8], chunks: Vec<&[u8]>| {
        let mut c = isp_config(ServerMode::Relay);
        c.max_message_size = 2000;
        let mut h = data_session(c);
        let mut out = String::new();
        if chunks.is_empty() {
            out.push_str(&h.send(input));
        }
        for c in chunks {
            out.push_str(&h.send(c));
        }
        (out, h.policy.accepted.len())
    };
    for (len, want) in [
        (14_000, "552 5.3.4"),
        (2_001, "552 5.3.4"),
        (2_000, "250 2.0.0"),
        (1_999, "250 2.0.0"),
        (2_002, "552 5.3.4"),
        (2_004, "552 5.3.4"),
    ] {
        let input = body(len);
        let whole = run(&input, Vec::new());
        assert!(whole.0.starts_with(want), "{len} whole: {}", whole.0);
        assert!(whole.0.ends_with("250 2.0.0 OK\r\n"), "{len}: {}", whole.0);
        assert_eq!(whole.1, usize::from(want.starts_with("250")), "{len}");
        let bytes = run(&input, input.chunks(1).collect());
        assert_eq!(bytes, whole, "{len}: byte by byte differs from whole");
        for seed in 1..=20 {
            let chunked = run(&input, random_chunks(&input, seed, 3000));
            assert_eq!(chunked, whole, "{len}: chunks of seed {seed} differ");
        }
    }
}
