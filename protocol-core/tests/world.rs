//! The simulated world end to end: golden traces of every built-in scenario,
//! determinism, "nothing lost", and the facts each story must show.

use protocol_core::scenario::{builtin, catalogue, Scenario};
use protocol_core::sim::render::transcript;
use protocol_core::sim::view::WorldView;
use protocol_core::sim::{EventKind, Parsed, TraceEvent, World};
use std::path::PathBuf;

fn run(name: &str) -> (Scenario, World) {
    let s = builtin(name).unwrap_or_else(|| panic!("no scenario {name}"));
    let w = s.run(None);
    (s, w)
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares with `tests/golden/<name>.txt`; on mismatch writes `<name>.txt.failed`.
/// `MAILSIM_BLESS=1` rewrites the golden files.
#[test]
fn golden_traces_of_every_builtin_scenario() {
    let dir = golden_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let bless = std::env::var("MAILSIM_BLESS").is_ok_and(|v| v == "1");
    let mut failed = Vec::new();
    for s in catalogue() {
        let w = s.run(None);
        let text = transcript(w.trace());
        let path = dir.join(format!("{}.txt", s.name));
        let failed_path = dir.join(format!("{}.txt.failed", s.name));
        if bless || !path.exists() {
            std::fs::write(&path, &text).unwrap();
            let _ = std::fs::remove_file(&failed_path);
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap();
        if want != text {
            std::fs::write(&failed_path, &text).unwrap();
            failed.push(format!(
                "{} (seed {}): see {}",
                s.name,
                s.seed,
                failed_path.display()
            ));
        } else {
            let _ = std::fs::remove_file(&failed_path);
        }
    }
    assert!(
        failed.is_empty(),
        "golden trace mismatch (MAILSIM_BLESS=1 to accept):\n{}",
        failed.join("\n")
    );
}

#[test]
fn the_same_seed_gives_a_byte_identical_trace() {
    for s in catalogue() {
        for seed in [s.seed, 0xDEAD_BEEF] {
            let a = serde_json::to_string(s.run(Some(seed)).trace()).unwrap();
            let b = serde_json::to_string(s.run(Some(seed)).trace()).unwrap();
            assert!(
                a == b,
                "scenario {} is not deterministic with seed {seed}",
                s.name
            );
        }
    }
}

/// Every message a mail program submitted and got 250 for ends up, for each
/// recipient, either in that recipient's mailbox (or, for a recipient with a
/// forwarding rule in `forwards`, in the mailbox it forwards to) or in a
/// bounce delivered to its sender: exactly once.
fn assert_nothing_lost(name: &str, seed: u64, trace: &[TraceEvent], forwards: &[(String, String)]) {
    // Messages the first hop accepted from a mail program (not from an MTA).
    let mut submitted: Vec<(String, String, String)> = Vec::new(); // (message-id, sender, rcpt)
    for e in trace {
        if let EventKind::Queued {
            from,
            rcpts,
            message_id: Some(mid),
            ..
        } = &e.kind
        {
            if from.is_empty() {
                continue;
            }
            let first = trace.iter().find(|x| matches!(&x.kind, EventKind::Queued { message_id: Some(m), .. } if m == mid)).map(|x| x.seq);
            if first == Some(e.seq) {
                for r in rcpts {
                    submitted.push((mid.clone(), from.clone(), r.clone()));
                }
            }
        }
    }
    for (mid, from, rcpt) in &submitted {
        let rcpt = &forwards
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case(rcpt))
            .map_or(rcpt.clone(), |(_, to)| to.clone());
        let delivered = trace
            .iter()
            .filter(|e| matches!(&e.kind, EventKind::Delivered { rcpt: r, message_id: Some(m), .. } if m == mid && r.eq_ignore_ascii_case(rcpt)))
            .count();
        let bounced = trace
            .iter()
            .filter(|e| matches!(&e.kind, EventKind::Delivered { rcpt: r, message, .. }
                // A bounce says `Action: failed`; a "delayed" notice
                // (RFC 3464 §2.3.3) is only a warning, not an outcome.
                if r.eq_ignore_ascii_case(from) && message.contains("Action: failed")
                   && message.contains("Final-Recipient: rfc822; ")
                   && message.contains(mid.as_str()) && message.contains(&format!("Final-Recipient: rfc822; {rcpt}"))))
            .count();
        assert_eq!(
            delivered + bounced,
            1,
            "{name} (seed {seed}): {mid} to {rcpt}: delivered {delivered}, bounced {bounced}"
        );
    }
    // And no queue is left holding anything.
    let v = WorldView::at(trace, trace.len());
    assert!(
        v.queues.values().all(|q| q.is_empty()),
        "{name} (seed {seed}): queues not empty: {:?}",
        v.queues
    );
}

#[test]
fn nothing_is_lost_in_any_scenario() {
    for s in catalogue() {
        for seed in [s.seed, 42, 7_777] {
            let w = s.run(Some(seed));
            let forwards: Vec<(String, String)> = s
                .hosts
                .iter()
                .flat_map(|h| h.forward.iter().map(|f| (f.from.clone(), f.to.clone())))
                .collect();
            assert_nothing_lost(&s.name, seed, w.trace(), &forwards);
        }
    }
}

fn lines(trace: &[TraceEvent]) -> Vec<(String, String, String)> {
    trace
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Line { text, .. } => Some((e.from.clone(), e.to.clone(), text.clone())),
            _ => None,
        })
        .collect()
}

fn replies(trace: &[TraceEvent], code: u16) -> Vec<String> {
    trace
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Line {
                text,
                parsed: Some(Parsed::Reply { code: c, .. }),
                ..
            } if *c == code => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn delivered(trace: &[TraceEvent], mailbox: &str) -> Vec<String> {
    trace
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Delivered {
                mailbox: m,
                message,
                ..
            } if m == mailbox => Some(message.clone()),
            _ => None,
        })
        .collect()
}

fn received_count(message: &str) -> usize {
    protocol_core::mta::hop_count(message.as_bytes())
}

#[test]
fn seed_story_john_to_dave_two_hops_fetched_and_deleted() {
    let (_, w) = run("seed-story");
    let t = w.trace();
    let msgs = delivered(t, "dave");
    assert_eq!(msgs.len(), 1);
    let m = &msgs[0];
    // Dave's server records its sender checks on top of its own Received
    // line (RFC 8601 §5): John's mail passes all three.
    #[cfg(feature = "dkim")]
    let results = "Authentication-Results: mail.dave.example;\r\n\tspf=pass smtp.mailfrom=john@isp.example;\r\n\tdkim=pass header.d=isp.example header.s=mail header.b=";
    #[cfg(not(feature = "dkim"))]
    let results = "Authentication-Results: mail.dave.example;\r\n\tspf=pass smtp.mailfrom=john@isp.example;\r\n\tdkim=none;";
    assert!(
        m.starts_with(&format!("Return-Path: <john@isp.example>\r\n{results}")),
        "{m}"
    );
    assert!(m.contains("\r\n\tdmarc=pass (p=reject dis=none) header.from=isp.example\r\nReceived: from smtp.isp.example"), "{m}");
    assert_eq!(
        received_count(m),
        2,
        "one Received per SMTP server: ISP, then Dave's MX"
    );
    assert!(
        m.contains("by smtp.isp.example with ESMTPA"),
        "the ISP records the authenticated submission"
    );
    for h in [
        "From: John <john@isp.example>",
        "To: Dave <dave@dave.example>",
        "Subject: ",
        "Date: ",
        "Message-ID: <",
    ] {
        assert!(m.contains(h), "missing {h}");
    }
    // The MX lookup, the AUTH, the POP3 download and the deletion all happened.
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::DnsQuery { name, qtype: protocol_core::dns::RecordType::MX, .. } if name == "dave.example")));
    assert!(replies(t, 235).len() == 1);
    assert!(t
        .iter()
        .any(|e| matches!(e.kind, EventKind::Retrieved { .. })));
    assert!(t
        .iter()
        .any(|e| matches!(e.kind, EventKind::Deleted { .. })));
    assert!(
        w.mailbox("mx", "dave").is_empty(),
        "DELE then QUIT empties the maildrop"
    );
    let view = WorldView::at(t, t.len());
    assert!(view.mailbox("mx", "dave").is_empty());
}

#[test]
fn stepping_back_gives_the_earlier_state() {
    let (_, w) = run("seed-story");
    let t = w.trace();
    let delivered_at = t
        .iter()
        .position(|e| matches!(e.kind, EventKind::Delivered { .. }))
        .unwrap();
    let deleted_at = t
        .iter()
        .position(|e| matches!(e.kind, EventKind::Deleted { .. }))
        .unwrap();
    assert_eq!(
        WorldView::at(t, delivered_at).mailbox("mx", "dave").len(),
        0
    );
    assert_eq!(
        WorldView::at(t, delivered_at + 1)
            .mailbox("mx", "dave")
            .len(),
        1
    );
    assert_eq!(
        WorldView::at(t, deleted_at + 1).mailbox("mx", "dave").len(),
        0
    );
    // Back again: the same state as before, because views are pure.
    assert_eq!(WorldView::at(t, deleted_at), WorldView::at(t, deleted_at));
    assert_eq!(WorldView::at(t, deleted_at).mailbox("mx", "dave").len(), 1);
    let queued_at = t
        .iter()
        .position(|e| matches!(e.kind, EventKind::Queued { .. }))
        .unwrap();
    assert_eq!(
        WorldView::at(t, queued_at + 1)
            .queues
            .get("isp")
            .map(|q| q.len()),
        Some(1)
    );
    let view = WorldView::at(t, queued_at + 1);
    assert_eq!(view.mailbox("mx", "dave").len(), 0);
    let s = &WorldView::at(t, 5).sessions;
    assert!(s.values().any(|s| s.open));
}

#[test]
fn unknown_recipient_bounces_into_johns_mailbox_and_john_fetches_it() {
    let (_, w) = run("unknown-recipient");
    let t = w.trace();
    assert!(
        replies(t, 550).iter().any(|r| r.contains("5.1.1")),
        "{:?}",
        replies(t, 550)
    );
    let bounces = delivered(t, "john");
    assert_eq!(bounces.len(), 1);
    let b = &bounces[0];
    assert!(
        b.starts_with("Return-Path: <>"),
        "a bounce has the null sender"
    );
    assert!(b.contains("multipart/report; report-type=delivery-status"));
    assert!(b.contains("Status: 5.1.1") && b.contains("mailbox does not exist"));
    // The bounce is queued by the server that wrote it: no 250 was sent
    // for it, so it is not explained as "took responsibility" (mta.queued).
    let queued: Vec<(&str, Option<&str>)> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Queued { from, .. } => Some((from.as_str(), e.explain.as_deref())),
            _ => None,
        })
        .collect();
    assert!(
        queued.contains(&("", Some("mta.bounce.queued"))),
        "{queued:?}"
    );
    assert!(
        queued
            .iter()
            .all(|(f, k)| f.is_empty() == (*k == Some("mta.bounce.queued"))),
        "{queued:?}"
    );
    // The exact reply, enhanced code included (RFC 3464 §2.3.6).
    assert!(b.contains("Diagnostic-Code: smtp; 550 5.1.1 "), "{b}");
    // John fetched it over POP3 from pop.isp.example:110 (the ISP, another name).
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::Retrieved { host, mailbox, .. } if host == "isp" && mailbox == "john")));
    assert!(delivered(t, "dave").is_empty());
}

#[test]
fn backup_mx_accepts_while_the_primary_is_down_and_forwards_later() {
    let (_, w) = run("backup-mx");
    let t = w.trace();
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::ConnectionUnreachable { port: 25, .. } if e.from == "isp" && e.to == "mx")));
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::Relayed { host, to_host, .. } if host == "isp" && to_host == "mx2")));
    assert!(t
        .iter()
        .any(|e| matches!(&e.kind, EventKind::RetryScheduled { host, .. } if host == "mx2")));
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::Relayed { host, to_host, .. } if host == "mx2" && to_host == "mx")));
    let msgs = delivered(t, "dave");
    assert_eq!(msgs.len(), 1);
    assert_eq!(received_count(&msgs[0]), 3, "ISP, backup MX, primary MX");
    assert!(msgs[0].contains("by mx2.dave.example"));
    // Delivered only after the primary came back at 40 min.
    let at = t
        .iter()
        .find(|e| matches!(e.kind, EventKind::Delivered { .. }))
        .unwrap()
        .time;
    assert!(at.as_micros() >= 40 * 60 * 1_000_000);
}

#[test]
fn greylisting_gets_451_then_delivers_on_retry() {
    let (_, w) = run("greylisting");
    let t = w.trace();
    let greylisted = t
        .iter()
        .position(
            |e| matches!(&e.kind, EventKind::Line { text, .. } if text.starts_with("451 4.7.1")),
        )
        .expect("a 451 4.7.1");
    let retry = t
        .iter()
        .position(|e| matches!(e.kind, EventKind::RetryScheduled { .. }))
        .expect("a retry");
    let delivered_at = t
        .iter()
        .position(|e| matches!(e.kind, EventKind::Delivered { .. }))
        .expect("delivered");
    assert!(greylisted < retry && retry < delivered_at);
    assert_eq!(delivered(t, "dave").len(), 1);
    assert!(t
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Note { text, .. } if text.contains("min later"))));
}

#[test]
fn open_relay_refused_and_submission_requires_auth_until_john_logs_in() {
    let (_, w) = run("open-relay");
    let t = w.trace();
    let l = lines(t);
    assert!(
        l.iter()
            .any(|(f, to, x)| f == "isp" && to == "stranger" && x.starts_with("550 5.7.1")),
        "{l:?}"
    );
    assert!(
        l.iter()
            .any(|(f, to, x)| f == "isp" && to == "john-pc" && x.starts_with("530")),
        "{l:?}"
    );
    // Only the logged-in try is accepted: one message, John's, delivered.
    let queued: Vec<&str> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Queued { host, from, .. } if host == "isp" => Some(from.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(queued, ["john@isp.example"], "only after AUTH");
    let auth_ok = l
        .iter()
        .position(|(f, to, x)| f == "isp" && to == "john-pc" && x.starts_with("235"));
    let refused = l.iter().position(|(_, _, x)| x.starts_with("530"));
    assert!(refused < auth_ok, "530 first, then the login");
    let msgs = delivered(t, "dave");
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0].contains("Second try, logged in"));
}

#[test]
fn spam_filter_adds_a_hop() {
    let (_, w) = run("spam-filter");
    let t = w.trace();
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::Relayed { host, to_host, .. } if host == "isp" && to_host == "filter")));
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::Relayed { host, to_host, .. } if host == "filter" && to_host == "mx")));
    let msgs = delivered(t, "dave");
    assert_eq!(received_count(&msgs[0]), 3);
    assert!(msgs[0].contains("by filter.dave.example"));
}

#[test]
fn pop3_leave_on_server_then_delete_from_the_phone() {
    let (_, w) = run("pop3-two-devices");
    let t = w.trace();
    let retrieved: Vec<(String, String)> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Retrieved { uid, .. } => Some((e.to.clone(), uid.clone())),
            _ => None,
        })
        .collect();
    let pc: Vec<_> = retrieved.iter().filter(|(h, _)| h == "dave-pc").collect();
    let phone: Vec<_> = retrieved
        .iter()
        .filter(|(h, _)| h == "dave-phone")
        .collect();
    assert_eq!(
        pc.len(),
        2,
        "the laptop downloads each message once (UIDL remembers): {retrieved:?}"
    );
    assert_eq!(
        phone.len(),
        2,
        "the phone still finds both on the server: {retrieved:?}"
    );
    assert_eq!(
        t.iter()
            .filter(|e| matches!(e.kind, EventKind::Deleted { .. }))
            .count(),
        2
    );
    assert!(w.mailbox("mx", "dave").is_empty());
}

#[test]
fn too_large_is_refused_with_552_and_bounced() {
    let (_, w) = run("too-large");
    let t = w.trace();
    assert!(!replies(t, 552).is_empty(), "a 552 from Dave's server");
    let b = delivered(t, "john");
    assert_eq!(b.len(), 1);
    assert!(
        b[0].contains("Status: 5.3.4") || b[0].contains("Status: 5.2.3"),
        "{}",
        b[0]
    );
    assert!(delivered(t, "dave").is_empty());
}

#[test]
fn nxdomain_bounces_at_once() {
    let (_, w) = run("no-such-domain");
    let t = w.trace();
    assert!(t.iter().any(|e| matches!(&e.kind, EventKind::DnsAnswer { answer: protocol_core::dns::Answer::NxDomain, name, .. } if name == "dave.exmaple")));
    assert!(
        !t.iter()
            .any(|e| matches!(&e.kind, EventKind::ConnectionOpened { port: 25, .. })),
        "no server to connect to"
    );
    let b = delivered(t, "john");
    assert_eq!(b.len(), 1);
    assert!(b[0].contains("Status: 5.1.2") && b[0].contains("does not exist"));
}

#[test]
fn console_talks_to_a_real_server_session() {
    let mut w = protocol_core::sim::cast::cast(1);
    let c = w
        .connect("john-pc", "mail.dave.example", 25)
        .expect("connect");
    w.run_until_idle();
    let greeting = String::from_utf8(w.take_received(c)).unwrap();
    assert!(greeting.starts_with("220 mail.dave.example"), "{greeting}");
    w.send_line(c, "EHLO john-pc.isp.example");
    w.send_line(c, "MAIL FROM:<john@isp.example>");
    w.send_line(c, "RCPT TO:<dave@dave.example>");
    w.send_line(c, "DATA");
    w.run_until_idle();
    let r = String::from_utf8(w.take_received(c)).unwrap();
    assert!(r.contains("354"), "{r}");
    w.send_line(c, "Subject: typed by hand");
    w.send_line(c, "");
    w.send_line(c, "hello");
    w.send_line(c, ".");
    w.send_line(c, "QUIT");
    w.run_until_idle();
    let r = String::from_utf8(w.take_received(c)).unwrap();
    assert!(r.contains("250 2.0.0") && r.contains("221"), "{r}");
    assert!(!w.is_open(c));
    let msgs = w.mailbox("mx", "dave");
    assert_eq!(msgs.len(), 1);
    // Typed lines are in the trace, one event per line, even inside DATA.
    let since = w.events_since(0);
    assert!(since.iter().any(|e| matches!(&e.kind, EventKind::Line { text, parsed: Some(Parsed::Data), .. } if text == "hello")));
    assert!(w.next_wakeup().is_none());
    // Errors: refused and unknown names.
    assert_eq!(
        w.connect("john-pc", "mail.dave.example", 80),
        Err(protocol_core::sim::ConnectError::Refused)
    );
    assert!(matches!(
        w.connect("john-pc", "nowhere.example", 25),
        Err(protocol_core::sim::ConnectError::UnknownName(_))
    ));
}

/// Types one message into `host:port` from `from`; returns the top
/// `Received:` value of what landed in `login`'s mailbox on `mbox_host`.
fn typed_received(
    hello: &[&str],
    from: &str,
    host: &str,
    port: u16,
    mbox_host: &str,
    login: &str,
) -> String {
    let mut w = protocol_core::sim::cast::cast(1);
    let c = w.connect(from, host, port).expect("connect");
    w.run_until_idle();
    for l in hello {
        w.send_line(c, l);
    }
    for l in [
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
        "DATA",
        "Subject: typed",
        "",
        "hi",
        ".",
        "QUIT",
    ] {
        w.send_line(c, l);
    }
    w.run_until_idle();
    let msgs = w.mailbox(mbox_host, login);
    assert_eq!(
        msgs.len(),
        1,
        "{}",
        String::from_utf8_lossy(&w.take_received(c))
    );
    let m = String::from_utf8(msgs[0].data.clone()).unwrap();
    protocol_core::mta::header_value(m.as_bytes(), "Received").unwrap()
}

/// RFC 5321 §4.4 and RFC 3848: the `with` clause names the protocol the
/// client really used: SMTP after HELO, ESMTP after EHLO, ESMTPA after AUTH.
#[test]
fn received_with_clause_follows_helo_ehlo_and_auth() {
    let helo = typed_received(
        &["HELO john-pc.isp.example"],
        "john-pc",
        "mail.dave.example",
        25,
        "mx",
        "dave",
    );
    assert!(helo.contains(" with SMTP id "), "{helo}");
    let ehlo = typed_received(
        &["EHLO john-pc.isp.example"],
        "john-pc",
        "mail.dave.example",
        25,
        "mx",
        "dave",
    );
    assert!(ehlo.contains(" with ESMTP id "), "{ehlo}");
    // Submitted with AUTH: the ISP's own Received line says ESMTPA (the
    // ISP relays it on, so the top line at Dave's is the MX's ESMTP one).
    let mut w = protocol_core::sim::cast::cast(1);
    let c = w
        .connect("john-pc", "smtp.isp.example", 587)
        .expect("connect");
    w.run_until_idle();
    for l in [
        "EHLO john-pc.isp.example",
        "AUTH PLAIN AGpvaG4Aam9obi1wYXNz",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
        "DATA",
        "Subject: typed",
        "",
        "hi",
        ".",
        "QUIT",
    ] {
        w.send_line(c, l);
    }
    w.run_until_idle();
    let msgs = w.mailbox("mx", "dave");
    assert_eq!(msgs.len(), 1);
    let m = String::from_utf8(msgs[0].data.clone()).unwrap();
    let received: Vec<&str> = m.lines().filter(|l| l.starts_with("\tby ")).collect();
    assert_eq!(received.len(), 2, "{m}");
    assert!(
        received[0].contains("by mail.dave.example with ESMTP id"),
        "{m}"
    );
    assert!(
        received[1].contains("by smtp.isp.example with ESMTPA id"),
        "{m}"
    );
}

/// Types a message with `hops` Received lines from john-pc into `host`
/// (port 25) for dave@dave.example; returns the world run to its end.
fn typed_with_hops(host: &str, hops: usize) -> protocol_core::sim::World {
    let mut w = protocol_core::sim::cast::cast(1);
    let c = w.connect("john-pc", host, 25).expect("connect");
    w.run_until_idle();
    for l in [
        "EHLO john-pc.isp.example",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
        "DATA",
    ] {
        w.send_line(c, l);
    }
    for i in 0..hops {
        w.send_line(
            c,
            &format!(
                "Received: from h{i}.example by h{}.example; Mon, 2 Nov 2026 09:00:00 +0000",
                i + 1
            ),
        );
    }
    for l in ["Subject: round and round", "", "hi", ".", "QUIT"] {
        w.send_line(c, l);
    }
    w.run_to_end();
    w
}

/// RFC 5321 §6.3: the Received-count loop threshold SHOULD be large,
/// "normally at least 100". 40 hops is a long but normal path; 100 is a loop.
#[test]
fn forty_received_lines_pass_one_hundred_is_a_loop() {
    // Relayed by the ISP and delivered at Dave's: 40 + 2 Received lines.
    let w = typed_with_hops("smtp.isp.example", 40);
    let dave = w.mailbox("mx", "dave");
    assert_eq!(dave.len(), 1);
    assert_eq!(received_count(&String::from_utf8_lossy(&dave[0].data)), 42);
    assert!(w.mailbox("isp", "john").is_empty(), "no bounce");
    assert!(!String::from_utf8_lossy(&dave[0].data).contains("5.4.6"));
    // 99 arriving at Dave's MX is still delivered; 100 is not.
    let w = typed_with_hops("mail.dave.example", 99);
    assert_eq!(w.mailbox("mx", "dave").len(), 1);
    for (host, hops) in [
        ("mail.dave.example", 100),
        ("smtp.isp.example", 100),
        ("mail.dave.example", 130),
    ] {
        let w = typed_with_hops(host, hops);
        assert!(
            w.mailbox("mx", "dave").is_empty(),
            "{host} {hops}: not delivered"
        );
        let john = w.mailbox("isp", "john");
        assert_eq!(john.len(), 1, "{host} {hops}: bounced to John");
        let b = String::from_utf8_lossy(&john[0].data);
        assert!(b.contains("Status: 5.4.6"), "{b}");
        assert!(b.contains("loop"), "{b}");
    }
}

/// John's mail, typed into the ISP's port 25 from john-pc, in `w` run to
/// its end; returns the bounce that came back to John.
fn give_up_bounce(mut w: protocol_core::sim::World) -> String {
    let c = w
        .connect("john-pc", "smtp.isp.example", 25)
        .expect("connect");
    w.run_until_idle();
    for l in [
        "EHLO john-pc.isp.example",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
        "DATA",
        "Subject: lunch",
        "",
        "Friday?",
        ".",
        "QUIT",
    ] {
        w.send_line(c, l);
    }
    w.run_to_end();
    assert!(w.mailbox("mx", "dave").is_empty());
    let john = w.mailbox("isp", "john");
    assert_eq!(john.len(), 1, "one give-up bounce");
    String::from_utf8(john[0].data.clone()).unwrap()
}

/// RFC 3463: a give-up reports the real problem, not a blanket 4.4.7. Dave's
/// server never answers: 4.4.1 (no answer from host), and the text must not
/// claim that it kept saying "try again later".
#[test]
fn give_up_when_the_server_never_answers_reports_4_4_1() {
    let mut w = protocol_core::sim::cast::cast(1);
    w.schedule_host_state(protocol_core::time::SimTime::ZERO, "mx", false);
    let b = give_up_bounce(w);
    assert!(b.contains("Action: failed\r\nStatus: 4.4.1\r\n"), "{b}");
    assert!(
        b.contains("Diagnostic-Code: x-mailsim; connect to mail.dave.example:25"),
        "{b}"
    );
    assert!(b.contains("could not be reached"), "{b}");
    assert!(
        !b.contains("Remote-MTA"),
        "no server reported anything: {b}"
    );
    assert!(
        !b.contains("try again later") && !b.contains("4.4.7"),
        "{b}"
    );
    assert!(b.contains("given up"), "{b}");
    // RET=FULL: the whole message is returned.
    assert!(
        b.contains("Content-Type: message/rfc822") && b.contains("Friday?"),
        "{b}"
    );
}

/// Dave's server answers 451 4.7.1 every time (greylisting that never lets
/// go): the DSN carries 4.7.1 and the exact last reply as Diagnostic-Code.
#[test]
fn give_up_after_4xx_replies_reports_the_last_reply() {
    let mut hosts = protocol_core::sim::cast::cast_hosts();
    let mx = hosts.iter_mut().find(|h| h.id == "mx").unwrap();
    mx.greylist = Some(protocol_core::time::SimDuration::from_mins(10 * 24 * 60));
    let b = give_up_bounce(protocol_core::sim::cast::world_with(1, hosts));
    assert!(b.contains("Action: failed\r\nStatus: 4.7.1\r\n"), "{b}");
    assert!(b.contains("Remote-MTA: dns; mail.dave.example\r\n"), "{b}");
    assert!(
        b.contains("Diagnostic-Code: smtp; 451 4.7.1 Greylisted, please try again later\r\n"),
        "{b}"
    );
    assert!(b.contains("answered 'try again later'"), "{b}");
    assert!(!b.contains("4.4.7"), "{b}");
}

#[test]
fn a_bad_scenario_file_names_file_line_and_problem() {
    let e = Scenario::parse(
        "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\nsed = 3\n",
        "my.toml",
    )
    .unwrap_err();
    let s = e.to_string();
    assert!(s.starts_with("my.toml:4:"), "{s}");
    assert!(s.contains("sed"), "{s}");
}

#[test]
fn every_explain_key_in_traces_is_in_the_table() {
    for s in catalogue() {
        for e in s.run(None).trace() {
            if let Some(k) = &e.explain {
                assert!(
                    protocol_core::explain::lookup(k).is_some(),
                    "{}: unknown key {k}",
                    s.name
                );
            }
        }
    }
}

/// Sends one message by hand on `port` of `server` from `from_host`, with
/// the given RCPT lines; returns every reply the server sent.
fn hand_send(w: &mut World, from_host: &str, server: &str, rcpts: &[&str]) -> String {
    let c = w.connect(from_host, server, 25).expect("connect");
    w.send_line(c, "EHLO client.example");
    w.send_line(c, "MAIL FROM:<john@isp.example>");
    for r in rcpts {
        w.send_line(c, &format!("RCPT TO:<{r}>"));
    }
    w.send_line(c, "DATA");
    w.run_until_idle();
    w.send_line(c, "Subject: by hand");
    w.send_line(c, "");
    w.send_line(c, "hello");
    w.send_line(c, ".");
    w.send_line(c, "QUIT");
    w.run_until_idle();
    String::from_utf8(w.take_received(c)).unwrap()
}

/// Issue 16 item 4: the same recipient named twice (or with the domain in
/// another case) in one transaction gets 250 each time, and one copy is
/// delivered (RFC 5321 §3.3 lets the server drop duplicates).
#[test]
fn duplicate_recipients_get_one_copy() {
    let mut w = protocol_core::sim::cast::cast(1);
    let r = hand_send(
        &mut w,
        "john-pc",
        "mail.dave.example",
        &[
            "dave@dave.example",
            "dave@dave.example",
            "dave@DAVE.Example",
        ],
    );
    assert_eq!(r.matches("250 2.1.5").count(), 3, "{r}");
    assert!(r.contains("250 2.0.0 OK queued as"), "{r}");
    assert_eq!(w.mailbox("mx", "dave").len(), 1, "{r}");
    w.run_until_idle();
    assert!(w.queue("mx").is_empty());
}

/// Issue 16 item 3 (RFC 5321 §4.5.1): `<postmaster>` without a domain, in
/// any case, and `postmaster@` a local domain are accepted and delivered to
/// the receiving host's postmaster (its first account), never bounced and
/// never lost; the same with a smarthost configured.
#[test]
fn postmaster_is_accepted_and_delivered_to_the_hosts_postmaster() {
    for smarthost in [false, true] {
        let mut w = if smarthost {
            let s = Scenario::parse(
                "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n[[host]]\nid = \"mx\"\nsmarthost = \"smtp.isp.example\"\n",
                "sh.toml",
            )
            .unwrap();
            s.build(None)
        } else {
            protocol_core::sim::cast::cast(1)
        };
        for rcpts in [
            &["postmaster"][..],
            &["PostMaster"],
            &["postmaster@dave.example"],
            &["POSTMASTER@Dave.Example", "postmaster"],
        ] {
            let before = w.mailbox("mx", "dave").len();
            let r = hand_send(&mut w, "john-pc", "mail.dave.example", rcpts);
            assert_eq!(
                r.matches("250 2.1.5").count(),
                rcpts.len(),
                "{rcpts:?}: {r}"
            );
            assert!(r.contains("250 2.0.0 OK queued as"), "{rcpts:?}: {r}");
            w.run_until_idle();
            // Two postmaster addresses of one host are two recipients of
            // one mailbox: a copy each.
            assert_eq!(
                w.mailbox("mx", "dave").len(),
                before + rcpts.len(),
                "smarthost {smarthost}, {rcpts:?}: not in the postmaster's mailbox"
            );
            assert!(w.queue("mx").is_empty(), "{rcpts:?}");
        }
        // The ISP's postmaster is John.
        let r = hand_send(&mut w, "john-pc", "smtp.isp.example", &["postmaster"]);
        assert!(r.contains("250 2.0.0 OK queued as"), "{r}");
        w.run_until_idle();
        assert_eq!(w.mailbox("isp", "john").len(), 1);
        let t = w.trace();
        assert!(
            !t.iter()
                .any(|e| matches!(e.kind, EventKind::Bounced { .. })),
            "smarthost {smarthost}: something bounced"
        );
    }
}

/// A backup MX without mailboxes of its own passes its postmaster's mail on
/// to the postmaster of the domain it serves.
#[test]
fn postmaster_of_a_host_without_mailboxes_reaches_its_domains_postmaster() {
    let (_, mut w) = run("backup-mx");
    let before = w.mailbox("mx", "dave").len();
    let r = hand_send(&mut w, "john-pc", "mx2.dave.example", &["postmaster"]);
    assert!(r.contains("250 2.0.0 OK queued as"), "{r}");
    w.run_until_idle();
    let after = w.mailbox("mx", "dave");
    assert_eq!(after.len(), before + 1);
    let text = String::from_utf8_lossy(&after[before].data).into_owned();
    assert!(text.contains("Subject: by hand"), "{text}");
    assert!(w.queue("mx2").is_empty() && w.queue("mx").is_empty());
}

/// A world with one message from John delivered to Dave (no one fetches).
fn world_with_mail_for_dave() -> World {
    let mut w = protocol_core::sim::cast::cast(1);
    w.schedule_send(
        protocol_core::SimTime::ZERO,
        protocol_core::sim::SendJob {
            from_host: "john-pc".into(),
            server: "smtp.isp.example".into(),
            port: 587,
            auth: Some(("john".into(), "john-pass".into())),
            from: "john@isp.example".into(),
            to: vec!["dave@dave.example".into()],
            subject: "Lunch on Friday?".into(),
            body: "Hi Dave\n".into(),
        },
    );
    w.run_until_idle();
    assert_eq!(w.mailbox("mx", "dave").len(), 1);
    w
}

fn said(w: &mut World, c: u64, lines: &[&str]) -> String {
    for l in lines {
        w.send_line(c, l);
    }
    w.run_until_idle();
    String::from_utf8(w.take_received(c)).unwrap()
}

/// Port 143 of mail.dave.example is the same store as POP3 on 110: a
/// message expunged over IMAP is gone for POP3, POP3's lock makes IMAP's
/// EXPUNGE wait (`NO [INUSE]`), and a session in IDLE hears of new mail at
/// once (RFC 2177). The trace has IMAP lines with the server's keys, the
/// literal of a FETCH as a payload, and the store's changes.
#[test]
fn imap_on_port_143_shares_the_pop3_maildrop() {
    let mut w = world_with_mail_for_dave();
    let c = w.connect("dave-pc", "mail.dave.example", 143).unwrap();
    w.run_until_idle();
    let g = String::from_utf8(w.take_received(c)).unwrap();
    assert!(g.starts_with("* OK [CAPABILITY IMAP4rev2"), "{g}");
    let r = said(&mut w, c, &["a1 LOGIN dave dave-pass", "a2 SELECT INBOX"]);
    assert!(
        r.contains("* 1 EXISTS") && r.contains("a2 OK [READ-WRITE]"),
        "{r}"
    );
    // A phone in IDLE.
    let p = w.connect("dave-pc", "mail.dave.example", 143).unwrap();
    let r = said(
        &mut w,
        p,
        &["p1 LOGIN dave dave-pass", "p2 SELECT INBOX", "p3 IDLE"],
    );
    assert!(r.ends_with("+ idling, send DONE to stop\r\n"), "{r}");
    // POP3 logs in and holds the lock: IMAP may read and flag, not expunge.
    let pop = w.connect("dave-pc", "mail.dave.example", 110).unwrap();
    let r = said(&mut w, pop, &["USER dave", "PASS dave-pass"]);
    assert!(r.contains("+OK"), "{r}");
    let r = said(
        &mut w,
        c,
        &[
            "a3 FETCH 1 (BODY[])",
            "a4 STORE 1 +FLAGS (\\Deleted)",
            "a5 EXPUNGE",
        ],
    );
    assert!(r.contains("a3 OK") && r.contains("a4 OK"), "{r}");
    assert!(r.contains("a5 NO [INUSE]"), "{r}");
    // The phone was told at once that the flags changed.
    let r = String::from_utf8(w.take_received(p)).unwrap();
    assert!(r.contains("* 1 FETCH (FLAGS (\\Seen"), "{r}");
    let r = said(&mut w, pop, &["QUIT"]);
    assert!(r.contains("+OK"), "{r}");
    let r = said(&mut w, c, &["a6 EXPUNGE"]);
    assert!(r.contains("* 1 EXPUNGE") && r.contains("a6 OK"), "{r}");
    assert!(w.mailbox("mx", "dave").is_empty(), "gone for POP3 too");
    let r = String::from_utf8(w.take_received(p)).unwrap();
    assert!(r.contains("* 1 EXPUNGE"), "{r}");
    // New mail: the phone hears EXISTS at once, without a command.
    w.schedule_send(
        w.now(),
        protocol_core::sim::SendJob {
            from_host: "john-pc".into(),
            server: "smtp.isp.example".into(),
            port: 587,
            auth: Some(("john".into(), "john-pass".into())),
            from: "john@isp.example".into(),
            to: vec!["dave@dave.example".into()],
            subject: "Second".into(),
            body: "Again\n".into(),
        },
    );
    w.run_until_idle();
    let r = String::from_utf8(w.take_received(p)).unwrap();
    assert_eq!(r, "* 1 EXISTS\r\n");
    let pop = w.connect("dave-pc", "mail.dave.example", 110).unwrap();
    let r = said(
        &mut w,
        pop,
        &["USER dave", "PASS dave-pass", "STAT", "QUIT"],
    );
    assert!(r.contains("+OK 1 "), "POP3 sees only the new one: {r}");
    // The trace.
    let t = w.trace();
    let has = |f: &dyn Fn(&EventKind) -> bool, key: &str| {
        t.iter()
            .any(|e| f(&e.kind) && e.explain.as_deref() == Some(key))
    };
    assert!(has(
        &|k| matches!(k, EventKind::Line { protocol: protocol_core::sim::Protocol::Imap, text, .. } if text.starts_with("a2 OK")),
        "imap.ok.select"
    ));
    assert!(has(
        &|k| matches!(k, EventKind::Line { text, parsed: Some(Parsed::Command { verb, .. }), .. } if text.starts_with("a4 ") && verb == "STORE"),
        "imap.cmd.STORE"
    ));
    assert!(has(
        &|k| matches!(k, EventKind::Payload { protocol: protocol_core::sim::Protocol::Imap, text, .. } if text.contains("Subject: Lunch on Friday?")),
        "imap.data.fetch"
    ));
    assert!(has(
        &|k| matches!(k, EventKind::Fetched { seen_set: true, .. }),
        "imap.fetched"
    ));
    assert!(has(
        &|k| matches!(k, EventKind::FlagsChanged { .. }),
        "imap.flags_changed"
    ));
    assert!(has(
        &|k| matches!(k, EventKind::Expunged { folder, .. } if folder == "INBOX"),
        "imap.expunged"
    ));
    assert!(has(
        &|k| matches!(k, EventKind::StateChanged { protocol: protocol_core::sim::Protocol::Imap, state, .. } if state.name() == "Selected"),
        "imap.state.Selected"
    ));
    // The event-sourced view agrees with the store.
    let v = WorldView::at(t, t.len());
    assert_eq!(v.mailbox("mx", "dave").len(), 1);
}

/// APPEND and MOVE over the console: the store's changes are in the trace
/// (and a MOVE out of INBOX is an expunge there, RFC 9051 §6.4.8).
#[test]
fn imap_append_and_move_are_in_the_trace() {
    let mut w = world_with_mail_for_dave();
    let c = w.connect("dave-pc", "mail.dave.example", 143).unwrap();
    w.run_until_idle();
    w.take_received(c);
    let r = said(
        &mut w,
        c,
        &[
            "a1 LOGIN dave dave-pass",
            "a2 CREATE Archive",
            "a3 APPEND Sent (\\Seen) {18+}",
            "Subject: sent\r\n\r\nx",
            "a4 SELECT INBOX",
            "a5 UID MOVE 1 Archive",
            "a6 LOGOUT",
        ],
    );
    assert!(r.contains("a3 OK [APPENDUID") && r.contains("a5 OK"), "{r}");
    let t = w.trace();
    let key_of = |f: &dyn Fn(&EventKind) -> bool| {
        t.iter()
            .find(|e| f(&e.kind))
            .and_then(|e| e.explain.as_deref())
    };
    assert_eq!(
        key_of(&|k| matches!(k, EventKind::Appended { folder, .. } if folder == "Sent")),
        Some("imap.appended")
    );
    assert_eq!(
        key_of(&|k| matches!(k, EventKind::Copied { to_folder, .. } if to_folder == "Archive")),
        Some("imap.copied")
    );
    assert_eq!(
        key_of(&|k| matches!(k, EventKind::Expunged { folder, .. } if folder == "INBOX")),
        Some("imap.expunged")
    );
    // The appended message is one payload in the trace.
    assert!(t.iter().any(
        |e| matches!(&e.kind, EventKind::Payload { text, .. } if text == "Subject: sent\r\n\r\nx")
    ));
    assert!(w.mailbox("mx", "dave").is_empty());
}

/// The server lines sent to `host` on IMAP connections, in order.
fn imap_lines_to(t: &[TraceEvent], host: &str) -> Vec<(u64, String)> {
    t.iter()
        .filter_map(|e| match &e.kind {
            EventKind::Line {
                protocol: protocol_core::sim::Protocol::Imap,
                dir: protocol_core::sim::Direction::ToClient,
                text,
                ..
            } if e.to == host => Some((e.time.as_micros(), text.clone())),
            _ => None,
        })
        .collect()
}

/// What "POP3 versus IMAP on two devices" promises.
#[test]
fn pop3_versus_imap_on_two_devices() {
    let (_, w) = run("pop3-vs-imap");
    let t = w.trace();
    // Part 1: POP3 with DELE: the first message is downloaded once and gone
    // before the phone looks: the phone's SELECT finds INBOX empty.
    let retrieved: Vec<&TraceEvent> = t
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Retrieved { .. }))
        .collect();
    assert_eq!(retrieved.len(), 1);
    assert_eq!(retrieved[0].to, "dave-pc");
    let phone = imap_lines_to(t, "dave-phone");
    let first_select = phone
        .iter()
        .find(|(_, l)| l.ends_with(" EXISTS"))
        .expect("the phone selected INBOX");
    assert_eq!(
        first_select.1, "* 0 EXISTS",
        "the phone never sees the POP3 mail"
    );
    // Part 2: both devices fetch the second message over IMAP.
    let fetches: Vec<(u32, bool)> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Fetched { uid, seen_set, .. } => Some((*uid, *seen_set)),
            _ => None,
        })
        .collect();
    // The phone (BODY[]) sets \Seen; the laptop (PEEK) fetches the same
    // message later and is told it was read; then the phone gets the third.
    assert_eq!(fetches, [(2, true), (2, false), (3, true)], "{fetches:?}");
    let laptop = imap_lines_to(t, "dave-pc");
    assert!(
        laptop
            .iter()
            .any(|(_, l)| l.starts_with("* 1 FETCH (UID 2 FLAGS (\\Seen) BODY[]")),
        "read on the phone, \\Seen on the laptop: {laptop:?}"
    );
    // The laptop's deletion reaches the idling phone at once (same instant).
    let expunged = t
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Expunged { uid: 2, .. }))
        .expect("expunged");
    assert!(
        phone
            .iter()
            .any(|(at, l)| l == "* 1 EXPUNGE" && *at == expunged.time.as_micros()),
        "{phone:?}"
    );
    // IDLE: the phone hears EXISTS the moment the third message is delivered.
    let delivered: Vec<&TraceEvent> = t
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Delivered { .. }))
        .collect();
    assert_eq!(delivered.len(), 3);
    let third = delivered[2].time.as_micros();
    assert!(
        phone
            .iter()
            .any(|(at, l)| l == "* 1 EXISTS" && *at == third),
        "{phone:?}"
    );
    // In the end: one message on the server, read (\Seen) on the phone.
    let mx = w.host("mx").unwrap();
    use protocol_core::imap::Mailstore as _;
    let inbox = mx.mail.store.folder("dave", "INBOX").unwrap();
    assert_eq!(inbox.messages.len(), 1);
    assert!(inbox.messages[0]
        .flags
        .contains(protocol_core::imap::Flags::SEEN));
    assert_eq!(w.mailbox("mx", "dave").len(), 1, "and POP3 would see it");
}

/// What "Folders" promises: the message moves from INBOX into a folder of
/// its own, the reply's copy is APPENDed to Sent, the phone finds INBOX empty.
#[test]
fn imap_folders_move_and_append() {
    let (_, w) = run("imap-folders");
    let t = w.trace();
    assert!(t.iter().any(|e| matches!(&e.kind,
        EventKind::Copied { from_folder, to_folder, .. } if from_folder == "INBOX" && to_folder == "Lunch")));
    assert!(t.iter().any(|e| matches!(&e.kind,
        EventKind::Expunged { folder, .. } if folder == "INBOX")));
    assert!(t.iter().any(|e| matches!(&e.kind,
        EventKind::Appended { folder, .. } if folder == "Sent")));
    use protocol_core::imap::Mailstore as _;
    let store = &w.host("mx").unwrap().mail.store;
    let lunch = store.folder("dave", "Lunch").expect("created");
    assert_eq!(lunch.messages.len(), 1);
    assert!(String::from_utf8_lossy(&lunch.messages[0].data).contains("Subject: Lunch on Friday?"));
    let sent = store.folder("dave", "Sent").unwrap();
    assert_eq!(sent.messages.len(), 1);
    let reply = String::from_utf8_lossy(&sent.messages[0].data).into_owned();
    assert!(
        reply.contains("Subject: Re: Lunch on Friday?")
            && reply.contains("From: Dave <dave@dave.example>"),
        "{reply}"
    );
    assert!(sent.messages[0]
        .flags
        .contains(protocol_core::imap::Flags::SEEN));
    assert!(store.folder("dave", "INBOX").unwrap().messages.is_empty());
    let phone = imap_lines_to(t, "dave-phone");
    assert!(phone.iter().any(|(_, l)| l == "* 0 EXISTS"), "{phone:?}");
    // The view of Dave's INBOX is empty too.
    let v = WorldView::at(t, t.len());
    assert!(v.mailbox("mx", "dave").is_empty());
}
