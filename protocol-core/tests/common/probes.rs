//! Probes for the explanation coverage test: short sessions and worlds that
//! show the entries no built-in scenario, transcript or bad-input case
//! reaches. Each probe checks what it provoked (so it cannot pass by
//! naming a key) and returns the keys its sessions or world emitted.

use super::*;
use protocol_core::mta::RetryPolicy;
use protocol_core::pop3::{
    LockError, Maildrops, MemoryMaildrops, ServerConfig as Pop3Config, ServerEvent as P,
    ServerSession as Pop3Session, StoredMessage,
};
use protocol_core::sim::{cast, SendJob, World};
use protocol_core::smtp::server::{ServerEvent as S, ServerMode};
use protocol_core::time::{SimDuration, SimTime};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::sync::Arc;

/// Every key the probes reach.
pub fn keys() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    smtp(&mut out);
    pop3(&mut out);
    imap(&mut out);
    world(&mut out);
    // SPF, DKIM and DMARC: the case tables of tests/auth.rs, each checked.
    out.extend(super::auth_cases::keys());
    out
}

fn smtp_keys(h: &mut Harness, out: &mut BTreeSet<String>) {
    while let Some(e) = h.server.poll_event() {
        match e {
            S::ProtocolError { key, .. } => {
                out.insert(key.into());
            }
            S::ReplySent { reply } => {
                out.insert(reply.explanation_key());
                out.extend(reply.enhanced.map(|e| e.explanation_key()));
            }
            _ => {}
        }
    }
}

fn smtp(out: &mut BTreeSet<String>) {
    let submission = || {
        let mut c = isp_config(ServerMode::Submission);
        c.auth = true;
        let mut h = Harness::new(c, Ipv4Addr::new(192, 0, 2, 10));
        assert!(h.cmd("EHLO c.example").starts_with("250"));
        h
    };
    // An AUTH answer longer than the limit: 500 5.5.6.
    let mut h = submission();
    assert!(h.cmd("AUTH PLAIN").starts_with("334"));
    let long = "A".repeat(protocol_core::smtp::server::MAX_AUTH_LINE + 10);
    let got = h.cmd(&long);
    assert!(got.starts_with("500 5.5.6"), "{got}");
    smtp_keys(&mut h, out);
    // `*` cancels an AUTH exchange (RFC 4954 §4): 501.
    let mut h = submission();
    assert!(h.cmd("AUTH PLAIN").starts_with("334"));
    assert!(h.cmd("*").starts_with("501"));
    smtp_keys(&mut h, out);
    // A bare LF inside the message: 554 5.6.0 after the final dot.
    let mut h = Harness::new(isp_config(ServerMode::Relay), Ipv4Addr::new(192, 0, 2, 10));
    for line in [
        "EHLO c",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
    ] {
        assert!(h.cmd(line).starts_with("250"));
    }
    assert!(h.cmd("DATA").starts_with("354"));
    assert!(h.send(b"one\ntwo\r\n.\r\n").starts_with("554 5.6.0"));
    smtp_keys(&mut h, out);
}

/// A store whose accounts have no maildrop behind them (a broken server).
struct NoDrops;
impl Maildrops for NoDrops {
    fn check_password(&self, _: &str, _: &str) -> bool {
        true
    }
    fn apop_secret(&self, _: &str) -> Option<String> {
        None
    }
    fn lock(&mut self, _: &str) -> Result<Vec<StoredMessage>, LockError> {
        Err(LockError::NoSuchUser)
    }
    fn unlock(&mut self, _: &str) {}
    fn delete(&mut self, _: &str, _: &[String]) {}
}

fn pop3_session(apop: bool, id: u64) -> Pop3Session {
    let mut c = Pop3Config::new("mail.dave.example");
    c.apop = apop;
    let mut s = Pop3Session::new(Arc::new(c), id, SimTime::ZERO);
    s.poll_output();
    s
}

fn pop3_says(s: &mut Pop3Session, store: &mut dyn Maildrops, line: &str) -> String {
    s.handle_input(SimTime::ZERO, format!("{line}\r\n").as_bytes(), store);
    String::from_utf8(s.poll_output().unwrap_or_default()).unwrap()
}

fn pop3_keys(s: &mut Pop3Session, out: &mut BTreeSet<String>) {
    while let Some(e) = s.poll_event() {
        match e {
            P::ResponseSent { key, .. } | P::ProtocolError { key, .. } => {
                out.insert(key.into());
            }
            P::StateChanged { to, .. } => {
                out.extend(to.explain_key().map(str::to_string));
            }
            _ => {}
        }
    }
}

fn pop3(out: &mut BTreeSet<String>) {
    let mut store = MemoryMaildrops::new();
    store.add_account("dave", "dave-pass");
    store.deliver("dave", "u1", b"Subject: a\r\n\r\nbody\r\n".to_vec());
    // TOP and RSET, then a second session finds the maildrop locked.
    let mut s = pop3_session(true, 1);
    assert!(pop3_says(&mut s, &mut store, "USER dave").starts_with("+OK"));
    assert!(pop3_says(&mut s, &mut store, "PASS dave-pass").starts_with("+OK"));
    assert!(pop3_says(&mut s, &mut store, "TOP 1 0").starts_with("+OK"));
    assert!(pop3_says(&mut s, &mut store, "RSET").starts_with("+OK"));
    let long = format!("NOOP {}", "x".repeat(300));
    assert!(pop3_says(&mut s, &mut store, &long).starts_with("-ERR line too long"));
    let mut second = pop3_session(true, 2);
    assert!(pop3_says(&mut second, &mut store, "USER dave").starts_with("+OK"));
    assert!(pop3_says(&mut second, &mut store, "PASS dave-pass").contains("[IN-USE]"));
    pop3_keys(&mut second, out);
    // The client vanishes: the lock is released, nothing deleted (§6).
    s.handle_close(SimTime::ZERO, &mut store);
    pop3_keys(&mut s, out);
    // Silence: the autologout timer (§3) closes without UPDATE.
    let mut s = pop3_session(true, 3);
    assert!(pop3_says(&mut s, &mut store, "USER dave").starts_with("+OK"));
    let at = s.poll_timeout().unwrap();
    s.handle_timeout(at, &mut store);
    assert!(s.is_closed());
    pop3_keys(&mut s, out);
    // APOP at a server that offers none.
    let mut s = pop3_session(false, 4);
    assert!(pop3_says(
        &mut s,
        &mut store,
        "APOP dave 0123456789abcdef0123456789abcdef"
    )
    .starts_with("-ERR"));
    pop3_keys(&mut s, out);
    // A right password, but no maildrop behind the account.
    let mut s = pop3_session(true, 5);
    let mut broken = NoDrops;
    assert!(pop3_says(&mut s, &mut broken, "USER x").starts_with("+OK"));
    assert!(pop3_says(&mut s, &mut broken, "PASS y").contains("[SYS/PERM]"));
    pop3_keys(&mut s, out);
}

fn trace_keys(w: &World, out: &mut BTreeSet<String>) {
    out.extend(
        w.trace()
            .iter()
            .filter_map(|e| e.explain.as_deref().map(str::to_string)),
    );
}

fn john_sends(w: &mut World, at: SimTime, to: &str) {
    w.schedule_send(
        at,
        SendJob {
            from_host: "john-pc".into(),
            server: "smtp.isp.example".into(),
            port: 587,
            auth: Some(("john".into(), "john-pass".into())),
            from: "john@isp.example".into(),
            to: vec![to.into()],
            subject: "probe".into(),
            body: "hello".into(),
        },
    );
}

/// Types `lines` on a console connection from john-pc and runs the world.
fn type_lines(w: &mut World, target: &str, port: u16, lines: &[&str]) -> String {
    let c = w.connect("john-pc", target, port).unwrap();
    w.run_until_idle();
    for l in lines {
        w.send_line(c, l);
        w.run_until_idle();
    }
    String::from_utf8_lossy(&w.take_received(c)).into_owned()
}

fn world(out: &mut BTreeSet<String>) {
    // A domain with no MX record: the ISP asks, DNS answers NODATA, the
    // domain's own address is used (RFC 5321 §5.1).
    let mut w = cast::cast(1);
    w.zones_mut()
        .add_a("nomx.example", Ipv4Addr::new(198, 51, 100, 25));
    john_sends(&mut w, SimTime::ZERO, "dave@nomx.example");
    w.run_to_end();
    assert!(w
        .trace()
        .iter()
        .any(|e| e.explain.as_deref() == Some("dns.answer.nodata")));
    trace_keys(&w, out);

    // A domain that publishes a null MX (RFC 7505): bounced at once, 5.1.10.
    let mut w = cast::cast(5);
    w.zones_mut().add_mx("nomail.example", 0, ".");
    john_sends(&mut w, SimTime::ZERO, "dave@nomail.example");
    w.run_to_end();
    let shown = |k: &str| w.trace().iter().any(|e| e.explain.as_deref() == Some(k));
    assert!(shown("dns.answer.nullmx"));
    let bounce = w.mailbox("isp", "john");
    assert!(String::from_utf8_lossy(&bounce[0].data).contains("Status: 5.1.10"));
    trace_keys(&w, out);

    // A broken zone (SERVFAIL, RFC 1035 §4.1.1): a temporary failure, so
    // the ISP keeps the message and asks again at each retry (RFC 5321
    // §5.1), instead of bouncing it at once as for NXDOMAIN.
    let mut w = cast::cast(7);
    w.zones_mut().add_servfail("dave.example");
    john_sends(&mut w, SimTime::ZERO, "dave@dave.example");
    w.run_to_end();
    let servfails = w
        .trace()
        .iter()
        .filter(|e| e.explain.as_deref() == Some("dns.answer.servfail"))
        .count();
    assert!(
        servfails >= 2,
        "asked again after the first SERVFAIL: {servfails}"
    );
    assert!(w.mailbox("dave", "dave").is_empty());
    trace_keys(&w, out);

    // AUTH LOGIN typed by hand: the lines answering each 334 are login
    // answers in the trace, not (unknown) commands.
    let mut w = cast::cast(6);
    let got = type_lines(
        &mut w,
        "smtp.isp.example",
        587,
        &["EHLO john-pc", "AUTH LOGIN", "am9obg==", "am9obi1wYXNz"],
    );
    assert!(got.contains("\r\n235 "), "{got}");
    let answers: Vec<_> = w
        .trace()
        .iter()
        .filter(|e| {
            matches!(
                &e.kind,
                protocol_core::sim::EventKind::Line {
                    parsed: Some(protocol_core::sim::Parsed::AuthAnswer),
                    ..
                }
            )
        })
        .map(|e| e.explain.as_deref())
        .collect();
    assert_eq!(answers, [Some("smtp.auth.answer"); 2]);
    trace_keys(&w, out);

    // Nothing listens on dave-pc's port 25; an unknown command; a reset
    // when mail.dave.example goes down in the middle of a session.
    let mut w = cast::cast(2);
    assert!(w.connect("john-pc", "dave-pc.dave.example", 25).is_err());
    let got = type_lines(&mut w, "mail.dave.example", 25, &["EHLO john-pc", "FOO"]);
    assert!(got.contains("\r\n500 "), "{got}");
    let typed = w.trace().iter().rev().find(
        |e| matches!(&e.kind, protocol_core::sim::EventKind::Line { text, .. } if text == "FOO"),
    );
    assert_eq!(
        typed.and_then(|e| e.explain.as_deref()),
        Some("smtp.cmd.UNKNOWN")
    );
    let c = w.connect("john-pc", "mail.dave.example", 25).unwrap();
    w.run_until_idle();
    let now = w.now();
    w.schedule_host_state(now, "mx", false);
    w.run_until_idle();
    assert!(!w.is_open(c));
    trace_keys(&w, out);

    // A message that already went round a loop 100 times (RFC 5321 §6.3);
    // and a bounce that cannot be delivered either (its sender's domain does
    // not exist), so it is dropped (§6.1: a bounce is never bounced).
    let mut w = cast::cast(3);
    let received = "Received: from a by b; Tue, 1 Dec 2026 00:00:00 +0000\r\n".repeat(100);
    let data = format!("{received}Subject: loop\r\n\r\nround and round\r\n.");
    let mut lines = vec![
        "EHLO john-pc",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
        "DATA",
    ];
    lines.extend(data.split("\r\n"));
    type_lines(&mut w, "mail.dave.example", 25, &lines);
    let lines = [
        "EHLO john-pc",
        "MAIL FROM:<ghost@nosuch.example>",
        "RCPT TO:<someone@nosuch2.example>",
        "DATA",
        "Subject: nobody home",
        "",
        "hello",
        ".",
    ];
    type_lines(&mut w, "smtp.isp.example", 25, &lines);
    w.run_to_end();
    for k in ["mta.loop", "mta.bounce.discarded"] {
        assert!(
            w.trace().iter().any(|e| e.explain.as_deref() == Some(k)),
            "{k}"
        );
    }
    trace_keys(&w, out);

    // A spam filter's rules that the spam-filter lesson's two messages do
    // not meet: a message typed by hand from john-pc (not in isp.example's
    // SPF: fail), with a DKIM-Signature whose body hash is wrong (fail), a
    // DMARC policy of p=none (so DMARC fails without a refusal), and no
    // Date or Message-ID line.
    #[cfg(feature = "dkim")]
    {
        let mut hosts = cast::cast_hosts();
        let mx = hosts.iter_mut().find(|h| h.id == "mx").unwrap();
        mx.spam = Some(protocol_core::sim::spam::SpamRules {
            keywords: vec!["prize".into()],
            required: 5,
        });
        let mut w = cast::world_with(8, hosts);
        w.zones_mut()
            .remove("_dmarc.isp.example", protocol_core::dns::RecordType::TXT);
        w.zones_mut()
            .add_txt("_dmarc.isp.example", "v=DMARC1; p=none");
        let lines = [
            "EHLO john-pc.isp.example",
            "MAIL FROM:<john@isp.example>",
            "RCPT TO:<dave@dave.example>",
            "DATA",
            "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=isp.example; s=mail; h=from:subject; bh=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=; b=AAAA",
            "From: John <john@isp.example>",
            "Subject: no date, no id",
            "",
            "hello",
            ".",
            "QUIT",
        ];
        let got = type_lines(&mut w, "mail.dave.example", 25, &lines);
        assert!(got.contains("\r\n250 2.0.0 "), "{got}");
        let m = String::from_utf8_lossy(&w.mailbox("mx", "dave")[0].data).into_owned();
        assert!(
            m.contains("X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9 required=5 tests=SPF_FAIL,DKIM_FAIL,DMARC_FAIL,MISSING_DATE,MISSING_MID\r\n"),
            "{m}"
        );
        trace_keys(&w, out);
    }

    // Dave's server is down for good: the ISP gives up (§4.5.4.1).
    let mut w = cast::cast(4);
    w.set_retry_policy(RetryPolicy {
        schedule: vec![SimDuration::from_mins(5)],
        max_age: SimDuration::from_mins(30),
    });
    w.schedule_host_state(SimTime::ZERO, "mx", false);
    john_sends(&mut w, SimTime::ZERO, "dave@dave.example");
    w.run_to_end();
    assert!(w
        .trace()
        .iter()
        .any(|e| e.explain.as_deref() == Some("mta.giveup")));
    trace_keys(&w, out);
}

fn imap(out: &mut BTreeSet<String>) {
    use protocol_core::imap::{
        Mailstore, MemoryMailstore, ServerConfig as ImapConfig, ServerEvent as I,
        ServerSession as ImapSession,
    };
    fn keys(s: &mut ImapSession, out: &mut BTreeSet<String>) {
        while let Some(r) = s.poll_response() {
            out.insert(r.key.into());
        }
        while let Some(e) = s.poll_event() {
            if let I::ProtocolError { key, .. } = e {
                out.insert(key.into());
            }
        }
    }
    fn say(s: &mut ImapSession, store: &mut dyn Mailstore, bytes: &[u8]) -> String {
        s.handle_input(SimTime::ZERO, bytes, store);
        let mut o = Vec::new();
        while let Some(b) = s.poll_output() {
            o.extend(b);
        }
        String::from_utf8_lossy(&o).into_owned()
    }
    let mut store = MemoryMailstore::new();
    store.add_account("dave", "dave-pass");
    store.deliver(
        "dave",
        b"Subject: x\r\n\r\nhi\r\n".to_vec(),
        "01-Dec-2026 00:00:00 +0000",
    );
    let config = Arc::new(ImapConfig::new("mail.dave.example"));
    let mut s = ImapSession::new(config.clone(), SimTime::ZERO);
    keys(&mut s, out);
    assert!(say(
        &mut s,
        &mut store,
        b"a LOGIN dave dave-pass\r\nb SELECT INBOX\r\n"
    )
    .contains("b OK"));
    // POP3 holds the maildrop: IMAP may look, but not remove (NO [INUSE]).
    let mut pop = pop3_session(false, 9);
    assert!(pop3_says(&mut pop, &mut store, "USER dave").starts_with("+OK"));
    assert!(pop3_says(&mut pop, &mut store, "PASS dave-pass").starts_with("+OK"));
    let got = say(
        &mut s,
        &mut store,
        b"c STORE 1 +FLAGS (\\Deleted)\r\nd EXPUNGE\r\n",
    );
    assert!(got.contains("d NO [INUSE]"), "{got}");
    // An over-long line; a non-synchronising literal that is too big.
    let long = format!("e NOOP {}\r\n", "x".repeat(100_000));
    let got = say(&mut s, &mut store, long.as_bytes());
    assert!(got.contains("BAD line too long"), "{got}");
    keys(&mut s, out);
    let mut small = ImapConfig::new("mail.dave.example");
    small.max_literal = 100;
    let mut s = ImapSession::new(Arc::new(small), SimTime::ZERO);
    let mut input = b"a LOGIN dave dave-pass\r\nf APPEND INBOX {200+}\r\n".to_vec();
    input.extend([b'y'; 200]);
    input.extend_from_slice(b"\r\n");
    let got = say(&mut s, &mut store, &input);
    assert!(got.contains("f BAD [TOOBIG]"), "{got}");
    keys(&mut s, out);
    // The client vanishes: nothing is expunged.
    let mut s = ImapSession::new(config, SimTime::ZERO);
    s.handle_close(SimTime::ZERO, &mut store);
    keys(&mut s, out);
}
