//! Bad input, one row per case: what the client sends, the exact reply code
//! and enhanced code it must get, and whether the session still works after
//! (a following NOOP must get 250). Ideas from the aiosmtpd, Postfix and
//! smtplib test suites. Also: session-level limits, smuggling, and a check
//! that every key, code and verb the server emits is in the explanation table.

mod common;

use common::smtp_cases::*;
use common::*;
use protocol_core::smtp::server::*;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

#[test]
fn bad_input_table() {
    run_cases(&mut Vec::new());
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

/// Every refusal maps to a 4xx or 5xx reply whose enhanced code has the same
/// class (RFC 3463 §2), and to an entry of the explanation table.
#[test]
fn every_refusal_has_a_consistent_reply_and_an_entry() {
    use protocol_core::smtp::server::Refusal::*;
    let host = || "mx.example".to_string();
    let all = [
        Timeout { host: host() },
        AuthLineTooLong,
        LineTooLong,
        BadSequence("send MAIL FROM first".into()),
        NotImplemented("VERB command not implemented"),
        UnknownCommand,
        BadAddress {
            sender: true,
            too_long: false,
            reason: "x".into(),
        },
        BadAddress {
            sender: false,
            too_long: true,
            reason: "x".into(),
        },
        Syntax("Syntax error: x".into()),
        AuthRequired,
        ParamsNeedEhlo,
        UnknownParam {
            verb: "MAIL",
            name: "FOO".into(),
        },
        TooManyRecipients,
        UnknownUser { rcpt: "a@b".into() },
        RelayDenied { rcpt: "a@b".into() },
        HelpTopicUnknown,
        NoSuchUser { query: "x".into() },
        AuthMechanism,
        AuthCancelled,
        AuthMalformed("Malformed PLAIN response"),
        AuthFailed,
        MessageTooLarge,
        BareLineEnd,
        TextLineTooLong,
        TooManyErrors { host: host() },
    ];
    for r in all {
        let (code, esc, text, key, _) = r.parts();
        assert!((400..600).contains(&code), "{r:?}");
        let esc = esc.expect("every refusal has an enhanced code");
        assert_eq!(
            u16::from(esc.0),
            code / 100,
            "{r:?}: class of {code} and {esc}"
        );
        assert!(!text.is_empty());
        assert!(
            protocol_core::explain::lookup(key).is_some(),
            "{r:?}: {key}"
        );
    }
}
