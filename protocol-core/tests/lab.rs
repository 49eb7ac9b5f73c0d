//! The scenario lab (issue 15): the facts each new lesson must show, and
//! what every new table of the format does to the world.

use protocol_core::scenario::{builtin, Scenario};
use protocol_core::sim::{EventKind, TraceEvent, World};
use protocol_core::time::SimDuration;

fn run(name: &str) -> World {
    builtin(name)
        .unwrap_or_else(|| panic!("no scenario {name}"))
        .run(None)
}

fn keyed<'a>(t: &'a [TraceEvent], key: &str) -> Vec<&'a TraceEvent> {
    t.iter()
        .filter(|e| e.explain.as_deref() == Some(key))
        .collect()
}

fn line_text(e: &TraceEvent) -> &str {
    match &e.kind {
        EventKind::Line { text, .. } => text,
        EventKind::Note { text, .. } => text,
        _ => "",
    }
}

/// (mailbox, message) of every final delivery.
fn deliveries(t: &[TraceEvent]) -> Vec<(String, String)> {
    t.iter()
        .filter_map(|e| match &e.kind {
            EventKind::Delivered {
                mailbox, message, ..
            } => Some((mailbox.clone(), message.clone())),
            _ => None,
        })
        .collect()
}

const HEAD: &str = "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n";
const SEND: &str = "\n[[step]]\nat = \"0s\"\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n";

fn parse(tail: &str) -> Scenario {
    Scenario::parse(&format!("{HEAD}{tail}{SEND}"), "lab.toml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn pipelining_names_the_batch_and_matches_each_reply_to_its_command() {
    let w = run("pipelining");
    let t = w.trace();
    let batches = keyed(t, "smtp.pipelining.batch");
    assert_eq!(batches.len(), 2, "john-pc -> isp and isp -> mx");
    assert!(
        line_text(batches[0]).contains("4 commands")
            && line_text(batches[0]).contains("MAIL, RCPT, RCPT, RCPT")
    );
    let replies = keyed(t, "smtp.pipelining.replies");
    assert_eq!(replies.len(), 2);
    // At Dave's server the third command, RCPT for the typo, gets the 550.
    let r = line_text(replies[1]);
    assert!(
        r.contains("3. RCPT TO:<dvae@dave.example> -> 550 5.1.1"),
        "{r}"
    );
    assert!(
        r.contains("4. RCPT TO:<postmaster@dave.example> -> 250"),
        "{r}"
    );
    // One refused recipient does not stop the others: Dave (and his
    // postmaster, the same account) get it, John gets one bounce for dvae.
    let d = deliveries(t);
    assert_eq!(d.iter().filter(|(m, _)| m == "dave").count(), 2);
    let bounces: Vec<_> = d
        .iter()
        .filter(|(m, msg)| m == "john" && msg.contains("Action: failed"))
        .collect();
    assert_eq!(bounces.len(), 1);
    assert!(bounces[0]
        .1
        .contains("Final-Recipient: rfc822; dvae@dave.example"));
}

#[test]
fn injected_faults_are_marked_and_the_sender_retries_through_them() {
    let w = run("injected-faults");
    let t = w.trace();
    let injected: Vec<&str> = keyed(t, "fault.injected")
        .into_iter()
        .map(line_text)
        .collect();
    assert_eq!(injected.len(), 2, "{injected:?}");
    assert!(injected[0].starts_with("421 4.3.2"));
    assert!(injected[1].starts_with("451 4.3.0"));
    assert_eq!(keyed(t, "fault.drop").len(), 1);
    // The ISP's own schedule: 5, 10, 20 minutes.
    let waits: Vec<SimDuration> = t
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::RetryScheduled { next, .. } => Some(*next - e.time),
            _ => None,
        })
        .collect();
    assert_eq!(
        waits,
        [5, 10, 20].map(SimDuration::from_mins).to_vec(),
        "per-host retry schedule"
    );
    // Each fault strikes once (counted across connections), then the
    // fourth attempt delivers, exactly once.
    let d = deliveries(t);
    assert_eq!(d.iter().filter(|(m, _)| m == "dave").count(), 1);
    assert!(!d.iter().any(|(m, _)| m == "john"), "no bounce");
}

#[test]
fn a_552_after_data_and_a_554_greeting_are_permanent() {
    let s = parse(
        "[[fault]]\nhost = \"mx\"\non = \"end_of_data\"\nreply = \"552 5.3.4 Injected: too big\"\n",
    );
    let t = s.run(None).into_trace();
    assert_eq!(keyed(&t, "fault.injected").len(), 1);
    let bounce = deliveries(&t)
        .into_iter()
        .find(|(m, msg)| m == "john" && msg.contains("Action: failed"))
        .expect("bounced to John");
    assert!(bounce.1.contains("Status: 5.3.4"), "{}", bounce.1);
    assert!(bounce.1.contains("552 5.3.4 Injected: too big"));

    let s = parse(
        "[[fault]]\nhost = \"mx\"\non = \"greeting\"\nreply = \"554 5.7.1 Injected: go away\"\n",
    );
    let t = s.run(None).into_trace();
    let f = keyed(&t, "fault.injected");
    assert!(line_text(f[0]).starts_with("554 5.7.1"));
    assert!(deliveries(&t)
        .iter()
        .any(|(m, msg)| m == "john" && msg.contains("Action: failed")));
}

#[test]
fn give_up_warns_once_after_four_hours_then_bounces_after_four_days() {
    let w = run("give-up");
    let t = w.trace();
    let warn = keyed(t, "mta.delayed");
    assert_eq!(warn.len(), 1);
    assert!(warn[0].time.as_micros() >= SimDuration::from_mins(4 * 60).as_micros());
    let d = deliveries(t);
    let notice = d
        .iter()
        .find(|(m, msg)| m == "john" && msg.contains("Action: delayed"))
        .expect("a delayed DSN in John's mailbox");
    assert!(notice
        .1
        .contains("Subject: Delayed Mail (still being retried)"));
    assert!(notice.1.contains("Will-Retry-Until: "));
    assert!(notice
        .1
        .contains("Final-Recipient: rfc822; dave@dave.example"));
    assert!(notice.1.contains("Status: 4.4.1"), "{}", notice.1);
    let gave_up = keyed(t, "mta.giveup");
    assert_eq!(gave_up.len(), 1);
    assert!(gave_up[0].time.as_micros() >= SimDuration::from_mins(4 * 24 * 60 - 10).as_micros());
    assert!(warn[0].seq < gave_up[0].seq);
    assert!(d
        .iter()
        .any(|(m, msg)| m == "john" && msg.contains("Action: failed")));
    assert!(!d.iter().any(|(m, _)| m == "dave"));
}

#[test]
fn null_mx_bounces_at_once_with_5_1_10() {
    let t = run("null-mx").into_trace();
    assert!(!t
        .iter()
        .any(|e| matches!(e.kind, EventKind::RetryScheduled { .. })));
    assert!(!t
        .iter()
        .any(|e| matches!(&e.kind, EventKind::ConnectionOpened { port: 25, .. })));
    assert_eq!(keyed(&t, "dns.answer.nullmx").len(), 1);
    let d = deliveries(&t);
    let b = d.iter().find(|(m, _)| m == "john").expect("bounce");
    assert!(b.1.contains("Status: 5.1.10"), "{}", b.1);
}

#[test]
fn mail_loop_stops_at_one_hundred_received_lines() {
    let t = run("mail-loop").into_trace();
    let loops = keyed(&t, "mta.loop");
    assert_eq!(loops.len(), 1);
    let relays = t
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Relayed { .. }))
        .count();
    assert!((98..=101).contains(&relays), "{relays} relays");
    let d = deliveries(&t);
    let b = d.iter().find(|(m, _)| m == "john").expect("bounce");
    assert!(b.1.contains("Status: 5.4.6"), "{}", b.1);
    let received = b.1.lines().filter(|l| l.starts_with("Received:")).count();
    assert!(
        received >= 100,
        "{received} Received lines in the returned message"
    );
}

#[test]
fn a_lossy_link_retransmits_and_only_delays() {
    let s = builtin("lossy-link").unwrap();
    let t = s.run(None).into_trace();
    let notes = keyed(&t, "net.retransmit");
    assert!(notes.len() >= 3, "{} retransmissions", notes.len());
    assert!(line_text(notes[0]).contains("later than without loss"));
    // Same seed, same losses.
    assert_eq!(s.run(None).trace(), &t[..]);
    let delivered_at = |t: &[TraceEvent]| {
        t.iter()
            .find(|e| matches!(e.kind, EventKind::Delivered { .. }))
            .map(|e| e.time)
            .expect("delivered")
    };
    let mut clean = s.clone();
    clean.links[0].loss_percent = Default::default();
    let c = clean.run(None).into_trace();
    assert!(keyed(&c, "net.retransmit").is_empty());
    assert!(delivered_at(&t) > delivered_at(&c), "loss costs time");
    assert_eq!(
        deliveries(&t).len(),
        deliveries(&c).len(),
        "and loses nothing"
    );
}

#[test]
fn smuggling_is_refused_by_default_and_accepted_by_a_normalising_server() {
    let t = run("smtp-smuggling").into_trace();
    let refused = keyed(&t, "smtp.error.bare_lf");
    assert_eq!(refused.len(), 1);
    assert!(line_text(refused[0]).starts_with("554 5.6.0"));
    assert!(deliveries(&t).is_empty(), "nothing reaches Dave");

    let t = run("smtp-smuggling-vulnerable").into_trace();
    assert_eq!(keyed(&t, "smtp.ok.normalised").len(), 1);
    assert_eq!(keyed(&t, "smtp.ok.smuggled").len(), 1);
    let d = deliveries(&t);
    assert_eq!(d.len(), 2);
    assert!(d[0].1.contains("Return-Path: <news@attacker.example>"));
    // The first message was cut at <LF>.<LF>: the hidden commands are not in it.
    assert!(!d[0].1.contains("MAIL FROM:<boss@dave.example>"));
    assert!(d[1].1.contains("Return-Path: <boss@dave.example>"));
    assert!(d[1].1.contains("Subject: Urgent: pay invoice 4711 today"));
}

#[test]
fn the_open_relay_switch_lets_a_stranger_relay() {
    let stranger =
        "[[host]]\nid = \"stranger\"\nname = \"stranger.example\"\nip = \"203.0.113.66\"\n";
    let send = "\n[[step]]\nat = \"0s\"\ndo = \"send\"\nfrom_host = \"stranger\"\nport = 25\nfrom = \"offers@stranger.example\"\nto = [\"dave@dave.example\"]\n";
    let closed = Scenario::parse(&format!("{HEAD}{stranger}{send}"), "r.toml").unwrap();
    let t = closed.run(None).into_trace();
    assert!(deliveries(&t).is_empty());
    let open = Scenario::parse(
        &format!("{HEAD}{stranger}\n[[host]]\nid = \"isp\"\nopen_relay = true\n{send}"),
        "r.toml",
    )
    .unwrap();
    let t = open.run(None).into_trace();
    assert_eq!(
        deliveries(&t).len(),
        1,
        "an open relay passes the stranger's mail on"
    );
}

#[test]
fn dns_tables_change_the_zones() {
    // NXDOMAIN for Dave's domain: bounced at once.
    let t = parse("[[dns]]\ntype = \"nxdomain\"\ndomain = \"dave.example\"\n")
        .run(None)
        .into_trace();
    assert_eq!(keyed(&t, "dns.answer.nxdomain").len(), 1);
    assert!(deliveries(&t)
        .iter()
        .any(|(m, msg)| m == "john" && msg.contains("Status: 5.1.2")));
    // The mail host without an A record: no connection, the message waits.
    let t = parse("[[dns]]\ntype = \"no_a\"\nname = \"mail.dave.example\"\n")
        .run(None)
        .into_trace();
    assert!(!t
        .iter()
        .any(|e| matches!(&e.kind, EventKind::ConnectionOpened { port: 25, .. })));
    assert!(t
        .iter()
        .any(|e| matches!(e.kind, EventKind::RetryScheduled { .. })));
    // A new A record is answered.
    let w = parse("[[dns]]\ntype = \"a\"\nname = \"www.dave.example\"\nip = \"198.51.100.80\"\n")
        .build(None);
    assert_eq!(
        w.zones().address_of("www.dave.example"),
        Some("198.51.100.80".parse().unwrap())
    );
}
