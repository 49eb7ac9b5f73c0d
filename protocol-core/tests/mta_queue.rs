//! Case tables for the MTA's queue decisions (`mta::queue`), apart from any
//! world: what the hosts answer goes in; "relayed", "retry at T" or "bounce
//! with status X.Y.Z" comes out (RFC 5321 §4.5.4.1, §5.1, §6.1; RFC 3463).

use protocol_core::address::Mailbox;
use protocol_core::dns::{Answer, Mx, RecordType};
use protocol_core::mta::{Delivery, DeliveryResult, QueueEntry, RetryPolicy, Round, Step};
use protocol_core::smtp::client::{DeliveryOutcome, RcptOutcome};
use protocol_core::smtp::reply::{EnhancedCode, Reply};
use protocol_core::time::{SimDuration, SimTime};
use std::net::Ipv4Addr;

/// What one MX host does when the delivery gets to it.
#[derive(Clone, Debug)]
enum Host {
    /// Its A record is missing (NODATA).
    NoAddress,
    /// The DNS server does not answer the A question.
    DnsSilent,
    /// No answer to the connection attempt.
    Unreachable,
    /// The session breaks off before the outcome.
    Lost,
    /// The session ends with these replies, one per recipient, in order.
    Replies(Vec<Reply>),
}

fn ok() -> Reply {
    Reply::new(250, Some(EnhancedCode(2, 0, 0)), "OK queued")
}
fn grey() -> Reply {
    Reply::new(
        451,
        Some(EnhancedCode(4, 7, 1)),
        "Greylisted, try again later",
    )
}
fn unknown() -> Reply {
    Reply::new(550, Some(EnhancedCode(5, 1, 1)), "User unknown")
}
fn busy_no_esc() -> Reply {
    Reply::new(421, None, "Service not available")
}

fn mx(list: &[(u16, &str)]) -> Option<Answer> {
    Some(Answer::Mx {
        records: list
            .iter()
            .map(|&(preference, e)| Mx {
                preference,
                exchange: e.to_string(),
            })
            .collect(),
    })
}

/// The DNS and hosts of one case: the MX answer, the implicit-MX A answer,
/// and each exchange with what it does.
struct World {
    mx: Option<Answer>,
    implicit_a: Option<Answer>,
    hosts: Vec<(&'static str, Host)>,
}

/// Drives a delivery to its end; returns the relayed recipients, the hosts
/// connected to in order, the DNS questions asked, and the result.
fn drive(mut d: Delivery, w: &World) -> (Vec<String>, Vec<String>, Vec<String>, DeliveryResult) {
    let (mut relayed, mut tried, mut asked) = (Vec::new(), Vec::new(), Vec::new());
    let host_of = |name: &str| w.hosts.iter().find(|h| h.0 == name).map(|h| &h.1);
    for _ in 0..100 {
        match d.poll_step().expect("a delivery always says what to do") {
            Step::Query { name, qtype } => {
                asked.push(format!("{name} {qtype:?}"));
                let answer = match qtype {
                    RecordType::MX => w.mx.clone(),
                    _ if name == d.domain() && w.hosts.iter().all(|h| h.0 != name) => {
                        w.implicit_a.clone()
                    }
                    _ => match host_of(&name) {
                        Some(Host::NoAddress) => Some(Answer::NoData),
                        Some(Host::DnsSilent) => None,
                        Some(_) => Some(Answer::A {
                            addrs: vec![Ipv4Addr::new(198, 51, 100, 25)],
                        }),
                        None => Some(Answer::NxDomain),
                    },
                };
                d.handle_dns(answer);
            }
            Step::Connect { exchange, .. } => {
                tried.push(exchange.clone());
                match host_of(&exchange).cloned().unwrap_or(Host::Unreachable) {
                    Host::Unreachable | Host::NoAddress | Host::DnsSilent => {
                        d.handle_unreachable(format!("connect to {exchange}:25: no answer"))
                    }
                    Host::Lost => d.handle_lost(&exchange),
                    Host::Replies(replies) => {
                        let recipients = d
                            .recipients()
                            .iter()
                            .zip(replies)
                            .map(|(r, reply)| {
                                let outcome = match reply.code / 100 {
                                    2 => RcptOutcome::Accepted(reply),
                                    4 => RcptOutcome::Transient(reply),
                                    _ => RcptOutcome::Permanent(reply),
                                };
                                (Mailbox::parse(r).unwrap(), outcome)
                            })
                            .collect();
                        relayed.extend(
                            d.handle_outcome(DeliveryOutcome { recipients }, Some(&exchange)),
                        );
                    }
                }
            }
            Step::Finished => return (relayed, tried, asked, d.finish()),
        }
    }
    panic!("the delivery did not finish");
}

fn entry(rcpts: &[&str], arrived: SimTime) -> QueueEntry {
    QueueEntry {
        id: "ISP0001".into(),
        from: "john@isp.example".into(),
        pending: rcpts.iter().map(|s| s.to_string()).collect(),
        failed: Vec::new(),
        last_error: Vec::new(),
        data: b"Received: from a by b\r\nSubject: x\r\n\r\nhi\r\n".to_vec(),
        arrived,
        failures: 0,
        active: 0,
    }
}

/// The expected end of a round.
#[derive(Debug, PartialEq)]
enum Want {
    /// Everyone relayed; the entry leaves the queue.
    Done,
    /// Retry after this wait, the last failure of the first pending
    /// recipient having this status.
    Retry(SimDuration, String),
    /// Bounce these statuses (in recipient order); `true` if given up.
    Bounce(Vec<String>, bool),
}

fn retry(m: u64, status: &str) -> Want {
    Want::Retry(mins(m), status.to_string())
}

fn bounce(statuses: &[&str], gave_up: bool) -> Want {
    Want::Bounce(statuses.iter().map(|s| s.to_string()).collect(), gave_up)
}

const DAVE: &str = "dave@dave.example";
const BROWN: &str = "brown@dave.example";

fn mins(m: u64) -> SimDuration {
    SimDuration::from_mins(m)
}

#[test]
fn a_round_at_one_domain_case_table() {
    use Host::*;
    let now = SimTime::ZERO + mins(60);
    let fresh = SimTime::ZERO + mins(59);
    let old = SimTime::ZERO; // with a give-up age of 30 minutes, below
    let two = mx(&[(10, "mx1.dave.example"), (20, "mx2.dave.example")]);
    #[rustfmt::skip]
    let cases: Vec<(&str, World, &[&str], SimTime, &[&str], Want)> = vec![
        ("first MX accepts",
         World { mx: two.clone(), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![ok()]))] },
         &[DAVE], fresh, &["mx1.dave.example"], Want::Done),
        ("first MX unreachable, backup accepts (RFC 5321 §5.1)",
         World { mx: two.clone(), implicit_a: None, hosts: vec![("mx1.dave.example", Unreachable), ("mx2.dave.example", Replies(vec![ok()]))] },
         &[DAVE], fresh, &["mx1.dave.example", "mx2.dave.example"], Want::Done),
        ("greylisted at the first MX, backup unreachable: retry in 15 min, last problem 4.4.1",
         World { mx: two.clone(), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![grey()])), ("mx2.dave.example", Unreachable)] },
         &[DAVE], fresh, &["mx1.dave.example", "mx2.dave.example"], retry(15, "4.4.1")),
        ("greylisted at the only MX: retry, status the reply's own 4.7.1",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![grey()]))] },
         &[DAVE], fresh, &["mx1.dave.example"], retry(15, "4.7.1")),
        ("a 4xx without an enhanced code is 4.0.0",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![busy_no_esc()]))] },
         &[DAVE], fresh, &["mx1.dave.example"], retry(15, "4.0.0")),
        ("one recipient unknown (550 5.1.1), the other accepted: bounce just that one",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![ok(), unknown()]))] },
         &[DAVE, BROWN], fresh, &["mx1.dave.example"], bounce(&["5.1.1"], false)),
        ("a 5xx is not tried at the backup MX",
         World { mx: two.clone(), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![unknown()])), ("mx2.dave.example", Replies(vec![ok()]))] },
         &[DAVE], fresh, &["mx1.dave.example"], bounce(&["5.1.1"], false)),
        ("the domain does not exist (NXDOMAIN): bounce 5.1.2 at once",
         World { mx: Some(Answer::NxDomain), implicit_a: None, hosts: vec![] },
         &[DAVE], fresh, &[], bounce(&["5.1.2"], false)),
        ("no MX: the domain's own A record is the implicit MX",
         World { mx: Some(Answer::NoData), implicit_a: Some(Answer::A { addrs: vec![Ipv4Addr::new(198, 51, 100, 25)] }), hosts: vec![("dave.example", Replies(vec![ok()]))] },
         &[DAVE], fresh, &["dave.example"], Want::Done),
        ("neither MX nor A: bounce 5.1.2",
         World { mx: Some(Answer::NoData), implicit_a: Some(Answer::NoData), hosts: vec![] },
         &[DAVE], fresh, &[], bounce(&["5.1.2"], false)),
        ("a null MX (MX 0 .): the domain takes no mail, bounce 5.1.10 at once (RFC 7505)",
         World { mx: mx(&[(0, "")]), implicit_a: None, hosts: vec![] },
         &[DAVE], fresh, &[], bounce(&["5.1.10"], false)),
        ("the only MX is this server itself: a loop, 5.4.6",
         World { mx: mx(&[(10, "smtp.isp.example")]), implicit_a: None, hosts: vec![] },
         &[DAVE], fresh, &[], bounce(&["5.4.6"], false)),
        ("the DNS server does not answer the MX question: retry, 4.4.3",
         World { mx: None, implicit_a: None, hosts: vec![] },
         &[DAVE], fresh, &[], retry(15, "4.4.3")),
        ("the MX host has no address, the backup accepts",
         World { mx: two.clone(), implicit_a: None, hosts: vec![("mx1.dave.example", NoAddress), ("mx2.dave.example", Replies(vec![ok()]))] },
         &[DAVE], fresh, &["mx2.dave.example"], Want::Done),
        ("every MX host lacks an address: retry, 4.4.4",
         World { mx: two.clone(), implicit_a: None, hosts: vec![("mx1.dave.example", NoAddress), ("mx2.dave.example", NoAddress)] },
         &[DAVE], fresh, &[], retry(15, "4.4.4")),
        ("the A question for the MX host goes unanswered: 4.4.3",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", DnsSilent)] },
         &[DAVE], fresh, &[], retry(15, "4.4.3")),
        ("the connection breaks off: retry, 4.4.2",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", Lost)] },
         &[DAVE], fresh, &["mx1.dave.example"], retry(15, "4.4.2")),
        ("too old to retry after greylisting: give up with the reply's 4.7.1",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", Replies(vec![grey()]))] },
         &[DAVE], old, &["mx1.dave.example"], bounce(&["4.7.1"], true)),
        ("too old to retry, host never answered: give up with 4.4.1, not 4.4.7",
         World { mx: mx(&[(10, "mx1.dave.example")]), implicit_a: None, hosts: vec![("mx1.dave.example", Unreachable)] },
         &[DAVE], old, &["mx1.dave.example"], bounce(&["4.4.1"], true)),
    ];
    let policy = RetryPolicy {
        max_age: mins(30),
        ..RetryPolicy::default()
    };
    for (name, world, rcpts, arrived, want_tried, want) in cases {
        let mut e = entry(rcpts, arrived);
        let Round::Try(pending) = e.start_round(100) else {
            panic!("{name}: the round did not start");
        };
        e.active = 1;
        let d = Delivery::new("dave.example", pending, "smtp.isp.example", None);
        let (relayed, tried, _, result) = drive(d, &world);
        assert_eq!(tried, want_tried, "{name}: hosts tried");
        e.record(result);
        let s = e.settle(now, &policy).expect("every try ended");
        let got = match (&s.retry, s.bounce.is_empty()) {
            (Some(r), true) => {
                let status = e
                    .last_error
                    .iter()
                    .find(|f| f.rcpt == r.rcpts[0])
                    .unwrap()
                    .status
                    .clone();
                assert_eq!(r.attempt, 1, "{name}");
                assert!(!s.done, "{name}: an entry waiting for a retry stays queued");
                Want::Retry(r.at - now, status)
            }
            (None, false) => Want::Bounce(
                s.bounce.iter().map(|f| f.status.clone()).collect(),
                s.gave_up,
            ),
            (None, true) => {
                assert!(s.done, "{name}: nothing pending, the entry leaves");
                assert_eq!(relayed.len(), rcpts.len(), "{name}: everyone relayed");
                Want::Done
            }
            (Some(_), false) => panic!("{name}: both a retry and a bounce"),
        };
        assert_eq!(got, want, "{name}");
        if let Want::Bounce(..) = got {
            assert_eq!(
                relayed.len() + s.bounce.len(),
                rcpts.len(),
                "{name}: each recipient once"
            );
        }
    }
}

#[test]
fn a_smarthost_is_asked_for_its_address_instead_of_the_mx() {
    let d = Delivery::new(
        "dave.example",
        vec![DAVE.into()],
        "smtp.isp.example",
        Some("relay.isp.example"),
    );
    let world = World {
        mx: None,
        implicit_a: None,
        hosts: vec![("relay.isp.example", Host::Replies(vec![ok()]))],
    };
    let (relayed, tried, asked, result) = drive(d, &world);
    assert_eq!(asked, ["relay.isp.example A"]);
    assert_eq!(tried, ["relay.isp.example"]);
    assert_eq!(relayed, [DAVE]);
    assert_eq!(result, DeliveryResult::default());
}

#[test]
fn the_retry_waits_grow_with_each_failed_round_then_give_up() {
    // Default schedule: 15, 30, 60, 120, 240, then 480 min; four days.
    let policy = RetryPolicy::default();
    let mut e = entry(&[DAVE], SimTime::ZERO);
    let mut now = SimTime::ZERO;
    let mut waits = Vec::new();
    loop {
        let Round::Try(pending) = e.start_round(100) else {
            panic!()
        };
        e.active = 1;
        let d = Delivery::new("dave.example", pending, "smtp.isp.example", None);
        let world = World {
            mx: None,
            implicit_a: None,
            hosts: vec![],
        };
        e.record(drive(d, &world).3);
        let s = e.settle(now, &policy).unwrap();
        match s.retry {
            Some(r) => {
                waits.push((r.at - now).as_secs() / 60);
                now = r.at;
            }
            None => {
                assert!(s.gave_up && s.done);
                assert_eq!(s.bounce[0].status, "4.4.3");
                break;
            }
        }
    }
    assert_eq!(&waits[..6], [15, 30, 60, 120, 240, 480]);
    assert!(waits[6..].iter().all(|&w| w == 480));
    let total: u64 = waits.iter().sum();
    assert!(total <= 4 * 24 * 60, "gave up after {total} min");
    assert!(
        total + 480 > 4 * 24 * 60,
        "gave up too early, after {total} min"
    );
}

#[test]
fn a_down_host_polls_its_queue_only_within_the_give_up_age() {
    let policy = RetryPolicy {
        max_age: mins(60),
        ..RetryPolicy::default()
    };
    let e = entry(&[DAVE], SimTime::ZERO);
    let at = |m| SimTime::ZERO + mins(m);
    assert_eq!(e.when_host_down(at(0), &policy), Some(at(5)));
    assert_eq!(e.when_host_down(at(55), &policy), Some(at(60)));
    assert_eq!(
        e.when_host_down(at(56), &policy),
        None,
        "parked until the host is up"
    );
}

#[test]
fn a_message_with_a_hundred_received_lines_loops() {
    let mut e = entry(&[DAVE, BROWN], SimTime::ZERO);
    e.data = "Received: x\r\n".repeat(101).into_bytes();
    assert_eq!(e.start_round(100), Round::Loop);
    let s = e.settle(SimTime::ZERO, &RetryPolicy::default()).unwrap();
    let statuses: Vec<&str> = s.bounce.iter().map(|f| f.status.as_str()).collect();
    assert_eq!(statuses, ["5.4.6", "5.4.6"]);
    assert!(s.done && !s.gave_up && s.retry.is_none());
}
