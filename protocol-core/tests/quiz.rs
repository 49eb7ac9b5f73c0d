//! The Predict mode's question generator (`protocol_core::quiz`) over every
//! built-in scenario: one question per eligible step, the right answer
//! always offered, no duplicates, plausible wrong choices, and the same
//! questions for the same scenario.

use protocol_core::explain::lookup;
use protocol_core::quiz::{questions, Question, Topic, MAX_CHOICES};
use protocol_core::scenario::catalogue;
use protocol_core::sim::{Direction, EventKind, Parsed, Protocol, TraceEvent};
use std::collections::BTreeSet;

fn id(h: &str) -> String {
    h.to_string()
}

fn all() -> Vec<(String, Vec<TraceEvent>, Vec<Question>)> {
    catalogue()
        .into_iter()
        .map(|s| {
            let trace = s.run(None).trace().to_vec();
            let q = questions(&trace, &s.name, &id);
            (s.name.clone(), trace, q)
        })
        .collect()
}

#[test]
fn the_same_scenario_gives_the_same_questions_in_the_same_order() {
    for s in catalogue() {
        let a = questions(s.run(None).trace(), &s.name, &id);
        let b = questions(s.run(None).trace(), &s.name, &id);
        assert_eq!(a, b, "{}", s.name);
        assert!(!a.is_empty(), "{}: no questions", s.name);
    }
}

#[test]
fn the_salt_changes_the_order_of_choices_somewhere() {
    let s = protocol_core::scenario::builtin("seed-story").unwrap();
    let t = s.run(None).trace().to_vec();
    let a = questions(&t, "seed-story", &id);
    let b = questions(&t, "another name", &id);
    assert_eq!(a.len(), b.len());
    assert!(a.iter().zip(&b).any(|(x, y)| x.choices != y.choices));
    // The same steps are asked about, and the right answers are the same.
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.event, y.event);
        assert_eq!(x.choices[x.answer].key, y.choices[y.answer].key);
    }
}

#[test]
fn every_question_has_three_or_four_distinct_choices_including_the_right_one() {
    for (name, trace, qs) in all() {
        for q in &qs {
            let n = q.choices.len();
            assert!(
                (3..=MAX_CHOICES).contains(&n),
                "{name} #{}: {n} choices",
                q.event
            );
            let labels: BTreeSet<_> = q.choices.iter().map(|c| &c.label).collect();
            assert_eq!(
                labels.len(),
                n,
                "{name} #{}: duplicate choices {:?}",
                q.event,
                q.choices
            );
            assert!(q.answer < n);
            for c in &q.choices {
                assert!(
                    lookup(c.key).is_some(),
                    "{name}: choice {c:?} has no explanation"
                );
            }
            assert!(
                q.explanation.rfc.starts_with("RFC"),
                "{name} #{}: {:?}",
                q.event,
                q.explanation
            );
            // The right choice is what the trace then shows.
            let right = &q.choices[q.answer];
            match (&q.topic, &trace[q.event].kind) {
                (
                    Topic::Reply(Protocol::Smtp),
                    EventKind::Line {
                        parsed: Some(Parsed::Reply { code, .. }),
                        ..
                    },
                ) => {
                    assert!(
                        right.label.starts_with(&format!("{code} ")),
                        "{name}: {right:?} for {code}"
                    );
                }
                (Topic::Reply(_), EventKind::Line { text, .. }) => {
                    let word = right.label.split(' ').next().unwrap();
                    assert!(text.contains(word), "{name}: {right:?} for {text}");
                    assert_eq!(Some(right.key), trace[q.event].explain.as_deref());
                }
                (Topic::Dns, EventKind::DnsAnswer { answer, .. }) => {
                    assert_eq!(right.key, answer.explain_key())
                }
                (Topic::Mx, EventKind::DnsQuery { name: qname, .. }) => {
                    assert!(
                        right.label.starts_with(qname.as_str()),
                        "{name}: {right:?} for {qname}"
                    )
                }
                (Topic::Mta, EventKind::RetryScheduled { .. }) => {
                    assert_eq!(right.key, "mta.retry")
                }
                (Topic::Mta, EventKind::Bounced { .. }) => assert_eq!(right.key, "mta.bounce"),
                (Topic::Mta, EventKind::BounceDiscarded { .. }) => {
                    assert_eq!(right.key, "mta.bounce.discarded")
                }
                (t, k) => panic!("{name} #{}: topic {t:?} on {k:?}", q.event),
            }
        }
    }
}

/// RFC 5321 §4.3.2's reply codes per command, written out again here from
/// the RFC so that a change to the generator's table shows up.
fn smtp_codes_allowed(verb: &str) -> &'static [u16] {
    match verb {
        "EHLO" | "HELO" => &[250, 504, 550, 502, 501, 500, 503, 421],
        "MAIL" => &[
            250, 552, 451, 452, 550, 553, 503, 455, 555, 530, 500, 501, 421,
        ],
        "RCPT" => &[
            250, 251, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555, 500, 501, 421,
        ],
        "DATA" => &[354, 503, 554, 451, 500, 501, 421],
        "QUIT" => &[221, 500, 501, 503, 421],
        "end of message" => &[250, 552, 554, 451, 452, 450, 550, 500, 501, 503, 421],
        _ => &[],
    }
}

#[test]
fn smtp_choices_are_codes_the_command_can_get() {
    let mut checked = 0;
    for (name, trace, qs) in all() {
        for q in qs
            .iter()
            .filter(|q| q.topic == Topic::Reply(Protocol::Smtp))
        {
            // The command this reply answers: the latest client command on
            // the connection (the scenarios pipeline at most MAIL+RCPT).
            let EventKind::Line { conn, .. } = trace[q.event].kind else {
                unreachable!()
            };
            let verb = trace[..q.event].iter().rev().find_map(|e| match &e.kind {
                EventKind::Line {
                    conn: c,
                    dir: Direction::ToServer,
                    parsed: Some(Parsed::Command { verb, .. }),
                    ..
                } if *c == conn => Some(verb.clone()),
                EventKind::Payload {
                    conn: c,
                    dir: Direction::ToServer,
                    ..
                } if *c == conn => Some("end of message".to_string()),
                _ => None,
            });
            let Some(verb) = verb else { continue };
            let allowed = smtp_codes_allowed(&verb);
            if allowed.is_empty() || verb == "RCPT" || verb == "MAIL" {
                // MAIL and RCPT travel together (pipelining): either may be answered.
                let both: Vec<u16> = smtp_codes_allowed("MAIL")
                    .iter()
                    .chain(smtp_codes_allowed("RCPT"))
                    .copied()
                    .collect();
                if verb == "RCPT" || verb == "MAIL" {
                    for c in &q.choices {
                        let code: u16 = c.label[..3].parse().unwrap();
                        assert!(
                            both.contains(&code),
                            "{name} #{}: {code} after {verb}",
                            q.event
                        );
                    }
                    checked += 1;
                }
                continue;
            }
            for c in &q.choices {
                let code: u16 = c.label[..3].parse().unwrap();
                assert!(
                    allowed.contains(&code),
                    "{name} #{}: {code} is not a reply to {verb}: {:?}",
                    q.event,
                    q.choices
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} SMTP questions checked");
}

/// The steps a class is asked about, found here without the generator:
/// the first line of every SMTP reply to a command (or the greeting) that
/// is waiting for one, unless the reply is an injected fault (the lab's
/// replies to commands smuggled inside a message answer no visible command),
/// every POP3 status line, every IMAP tagged answer, every DNS answer,
/// and every retry or bounce.
fn eligible(trace: &[TraceEvent]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut in_reply = BTreeSet::new();
    let mut tags = std::collections::BTreeMap::new();
    let mut greeted = BTreeSet::new();
    // SMTP: how many commands (the greeting counts as one) wait for a reply.
    let mut waiting = std::collections::BTreeMap::<u64, usize>::new();
    for (i, e) in trace.iter().enumerate() {
        match &e.kind {
            EventKind::ConnectionOpened {
                conn,
                protocol: Protocol::Smtp,
                ..
            } => {
                waiting.insert(*conn, 1);
            }
            EventKind::Line {
                conn,
                dir: Direction::ToServer,
                protocol: Protocol::Smtp,
                parsed: Some(Parsed::Command { .. } | Parsed::AuthAnswer),
                ..
            }
            | EventKind::Payload {
                conn,
                dir: Direction::ToServer,
                protocol: Protocol::Smtp,
                ..
            } => {
                *waiting.entry(*conn).or_default() += 1;
            }
            EventKind::Line {
                conn,
                dir: Direction::ToClient,
                protocol: Protocol::Smtp,
                parsed: Some(Parsed::Reply { more, .. }),
                ..
            } => {
                let w = waiting.entry(*conn).or_default();
                if !in_reply.contains(conn)
                    && *w > 0
                    && e.explain.as_deref() != Some("fault.injected")
                {
                    out.insert(i);
                }
                if *more {
                    in_reply.insert(*conn);
                } else {
                    in_reply.remove(conn);
                    *w = w.saturating_sub(1);
                }
            }
            // Not the greeting: RFC 1939 §4 makes it always +OK.
            EventKind::Line {
                conn,
                dir: Direction::ToClient,
                protocol: Protocol::Pop3,
                parsed: Some(Parsed::Status { .. }),
                ..
            } => {
                let greeting = greeted.insert(*conn);
                if !greeting {
                    out.insert(i);
                }
            }
            EventKind::Line {
                conn,
                dir: Direction::ToServer,
                protocol: Protocol::Imap,
                text,
                ..
            } => {
                tags.insert(*conn, text.split(' ').next().unwrap_or("").to_string());
            }
            EventKind::Line {
                conn,
                dir: Direction::ToClient,
                protocol: Protocol::Imap,
                text,
                ..
            } => {
                let tagged = tags.get(conn).is_some_and(|t| {
                    ["OK", "NO", "BAD"]
                        .iter()
                        .any(|s| text.starts_with(&format!("{t} {s}")))
                });
                if tagged {
                    out.insert(i);
                }
            }
            EventKind::DnsAnswer { .. }
            | EventKind::RetryScheduled { .. }
            | EventKind::Bounced { .. }
            | EventKind::BounceDiscarded { .. } => {
                out.insert(i);
            }
            _ => {}
        }
    }
    out
}

#[test]
fn one_question_per_eligible_step_in_every_builtin_scenario() {
    for (name, trace, qs) in all() {
        let asked: Vec<usize> = qs.iter().map(|q| q.event).collect();
        let set: BTreeSet<usize> = asked.iter().copied().collect();
        assert_eq!(set.len(), asked.len(), "{name}: two questions on one step");
        assert!(
            asked.windows(2).all(|w| w[0] < w[1]),
            "{name}: not in trace order"
        );
        let want = eligible(&trace);
        let missing: Vec<_> = want
            .difference(&set)
            .map(|&i| format!("#{i} {:?}", trace[i].kind))
            .collect();
        assert!(missing.is_empty(), "{name}: no question at {missing:#?}");
        // The only other questions are which MX host an MTA looks up.
        for q in qs.iter().filter(|q| !want.contains(&q.event)) {
            assert_eq!(q.topic, Topic::Mx, "{name} #{}", q.event);
        }
    }
}

#[test]
fn the_backup_mx_story_asks_which_mx_twice_with_the_list_and_the_fallback() {
    let s = protocol_core::scenario::builtin("backup-mx").unwrap();
    let t = s.run(None).trace().to_vec();
    let mx: Vec<_> = questions(&t, &s.name, &id)
        .into_iter()
        .filter(|q| q.topic == Topic::Mx)
        .collect();
    let first = &mx[0];
    assert_eq!(
        first.choices[first.answer].label,
        "mail.dave.example (MX 10)"
    );
    assert!(first
        .choices
        .iter()
        .any(|c| c.label == "mx2.dave.example (MX 20)"));
    // After mail.dave.example did not answer, the next MX; the explanation says why.
    let second = &mx[1];
    assert_eq!(
        second.choices[second.answer].label,
        "mx2.dave.example (MX 20)"
    );
    assert_eq!(second.explanation.key, "tcp.unreachable");
}
