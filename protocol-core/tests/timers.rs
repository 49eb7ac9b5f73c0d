//! Session timeouts through the world's agenda: a deadline pushed back by
//! every line, idle console sessions, and a client that waits in vain.

use protocol_core::sim::cast::cast;
use protocol_core::sim::{EventKind, SendJob, World};
use protocol_core::time::{SimDuration, SimTime};

/// An idle console session: the server's deadline follows the last line.
fn idle_console() -> (World, Vec<Option<SimTime>>) {
    let mut w = cast(7);
    let c = w
        .connect("john-pc", "mail.dave.example", 25)
        .expect("connect");
    let mut wakeups = vec![];
    w.run_until_idle();
    wakeups.push(w.next_wakeup());
    w.send_line(c, "EHLO john-pc.isp.example");
    w.run_until_idle();
    wakeups.push(w.next_wakeup());
    for _ in 0..3 {
        w.run_until(w.now() + SimDuration::from_mins(2));
        wakeups.push(w.next_wakeup());
        w.send_line(c, "NOOP");
        w.run_until_idle();
        wakeups.push(w.next_wakeup());
    }
    w.run_to_end();
    wakeups.push(w.next_wakeup());
    (w, wakeups)
}

/// John submits a message for Dave on port 587, logged in.
fn johns_message(subject: &str) -> SendJob {
    SendJob {
        from_host: "john-pc".into(),
        server: "smtp.isp.example".into(),
        port: 587,
        auth: Some(("john".into(), "john-pass".into())),
        from: "john@isp.example".into(),
        to: vec!["dave@dave.example".into()],
        subject: subject.into(),
        body: "hello\n".into(),
    }
}

/// The link breaks mid-session: the client's timeout ends the attempt.
fn broken_link() -> World {
    let mut w = cast(3);
    w.schedule_send(SimTime::ZERO, johns_message("lost"));
    w.schedule_link_state(
        SimTime::ZERO + SimDuration::from_millis(12),
        "john-pc",
        "isp",
        false,
    );
    w.run_to_end();
    w
}

#[test]
fn a_pushed_back_deadline_fires_once_at_its_time() {
    let (w, wakeups) = idle_console();
    // Each NOOP moves the deadline to 5 minutes after it.
    let noop_at: Vec<SimTime> = w
        .trace()
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Line { text, .. } if text == "NOOP"))
        .map(|e| e.time)
        .collect();
    assert_eq!(noop_at.len(), 3);
    let closes: Vec<_> = w
        .trace()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::ConnectionClosed { .. }))
        .collect();
    assert_eq!(closes.len(), 1, "the session times out once");
    assert!(closes[0].time >= noop_at[2] + SimDuration::from_mins(5));
    // The wakeup follows the deadline: 5 minutes after the line arrived
    // (20 ms across the internet).
    assert_eq!(
        wakeups[4],
        Some(noop_at[0] + SimDuration::from_millis(20) + SimDuration::from_mins(5))
    );
    assert_eq!(*wakeups.last().unwrap(), None);
}

#[test]
fn a_client_gives_up_when_nothing_comes_back() {
    let w = broken_link();
    assert!(w
        .trace()
        .iter()
        .any(|e| matches!(e.kind, EventKind::ConnectionClosed { .. })));
}

/// `run_until_quiet` runs the quick work (the relay attempt) and leaves the
/// 15-minute retry in the agenda, so an open console session keeps its
/// clock; `run_until_idle` would jump to the retry and time the session out.
#[test]
fn run_until_quiet_leaves_a_far_retry_for_later() {
    let mut w = cast(5);
    w.schedule_host_state(SimTime::ZERO, "mx", false);
    w.schedule_send(SimTime::ZERO, johns_message("retry"));
    let c = w
        .connect("dave-pc", "smtp.isp.example", 25)
        .expect("connect");
    w.run_until_quiet(SimDuration::from_secs(60));
    let retry_at = w.next_work().expect("a retry is queued");
    assert!(
        retry_at >= SimTime::ZERO + SimDuration::from_mins(15),
        "{retry_at}"
    );
    assert!(
        w.now() < SimTime::ZERO + SimDuration::from_secs(60),
        "the clock stayed: {}",
        w.now()
    );
    assert!(w
        .trace()
        .iter()
        .any(|e| matches!(e.kind, EventKind::RetryScheduled { .. })));
    assert!(w.is_open(c), "the console session is still open");
    w.run_until_idle();
    assert!(w.now() >= retry_at, "run_until_idle goes on to the retry");
    assert!(
        !w.is_open(c),
        "and the idle console session timed out on the way"
    );
}
