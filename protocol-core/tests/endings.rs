//! Issue 16 item 6: every scenario ends. A world where a server never comes
//! back, a zero retry interval, a huge give-up age, a time near the end of
//! the clock, a huge padding: each runs to an end in bounded time and
//! memory, or the loader refuses it with an error naming the field.

use protocol_core::mta::RetryPolicy;
use protocol_core::scenario::Scenario;
use protocol_core::sim::EventKind;
use protocol_core::time::{SimDuration, SimTime};

/// Runs `f` on its own thread and fails if it takes over a minute (a world
/// stuck at one instant would otherwise hang the test instead of failing).
fn within_a_minute(f: impl FnOnce() + Send + 'static) {
    let (tx, rx) = std::sync::mpsc::channel();
    let h = std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(()) => h.join().unwrap(),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(h.join().unwrap_err())
        }
        Err(_) => panic!("still running after a minute: the world does not end"),
    }
}

const HEAD: &str = "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n";

fn send_at(at: &str) -> String {
    format!("\n[[step]]\nat = {at}\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n")
}

/// Runs a world for at most a year of virtual time and at most `max_events`
/// trace events, then says whether anything is still scheduled.
fn runs_to_an_end(s: &Scenario, max_events: usize) -> protocol_core::sim::World {
    let mut w = s.build(None);
    let year = SimTime::ZERO + SimDuration::from_mins(365 * 24 * 60);
    let mut t = SimTime::ZERO;
    while w.next_work().is_some_and(|n| n <= year) {
        t += SimDuration::from_mins(60);
        w.run_until(t);
        assert!(
            w.trace().len() <= max_events,
            "{} events by {t}: the world is not ending",
            w.trace().len()
        );
    }
    assert_eq!(
        w.next_work(),
        None,
        "still scheduled after a year of virtual time"
    );
    w
}

/// The minimal case of the issue: the ISP loses DNS, John sends, the ISP
/// goes down for good. The queued message waits in the dead host; the run
/// ends (the ISP does not poll its queue for ever).
#[test]
fn a_server_that_never_comes_back_does_not_keep_the_world_running() {
    let src = format!(
        "{HEAD}\n[[step]]\nat = 1087\ndo = \"link_down\"\na = \"isp\"\nb = \"dns\"\n{}\n[[step]]\nat = 3554\ndo = \"host_down\"\nhost = \"isp\"\n",
        send_at("2794")
    );
    let s = Scenario::parse(&src, "dead.toml").unwrap();
    let w = runs_to_an_end(&s, 10_000);
    // Accepted by the ISP, and still in its queue (not lost, not delivered).
    assert!(w
        .trace()
        .iter()
        .any(|e| matches!(e.kind, EventKind::Queued { .. })));
    assert_eq!(w.queue("isp").len(), 1);
}

/// The same dead host, brought back after the give-up age: the message is
/// bounced to John then (given up), not lost and not retried for ever.
#[test]
fn a_host_that_comes_back_after_the_give_up_age_bounces_what_expired() {
    let src = format!(
        "{HEAD}\n[retry]\nschedule = [\"15m\"]\nmax_age = \"2h\"\n\n[[step]]\nat = 1087\ndo = \"link_down\"\na = \"isp\"\nb = \"dns\"\n{}\n[[step]]\nat = 3554\ndo = \"host_down\"\nhost = \"isp\"\n\n[[step]]\nat = \"2d\"\ndo = \"host_up\"\nhost = \"isp\"\n",
        send_at("2794")
    );
    let s = Scenario::parse(&src, "back.toml").unwrap();
    let w = runs_to_an_end(&s, 10_000);
    assert!(w.queue("isp").is_empty());
    let bounce = w.mailbox("isp", "john");
    assert_eq!(bounce.len(), 1);
    // The give-up names the real problem (RFC 3463 X.4.3, directory
    // server failure: the ISP never reached DNS), not just "expired".
    let text = String::from_utf8_lossy(&bounce[0].data).into_owned();
    assert!(text.contains("Status: 4.4.3"), "{text}");
}

/// A dead MX with the default schedule: retried, then given up, ends.
#[test]
fn a_dead_mx_is_given_up_and_the_run_ends() {
    let src = format!(
        "{HEAD}\n[[step]]\nat = 0\ndo = \"host_down\"\nhost = \"mx\"\n{}",
        send_at("1")
    );
    let w = runs_to_an_end(&Scenario::parse(&src, "mx.toml").unwrap(), 10_000);
    assert_eq!(w.mailbox("isp", "john").len(), 1, "the give-up bounce");
}

/// What the loader refuses, and the field each error names.
#[test]
fn numbers_that_would_never_end_are_refused_naming_the_field() {
    let dead_mx = format!(
        "\n[[step]]\nat = 0\ndo = \"host_down\"\nhost = \"mx\"\n{}",
        send_at("1")
    );
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{HEAD}\n[retry]\nschedule = [\"0s\"]\nmax_age = \"1d\"\n{dead_mx}"),
            "schedule",
        ),
        (
            format!("{HEAD}\n[retry]\nschedule = [\"1s\"]\nmax_age = \"1d\"\n{dead_mx}"),
            "schedule",
        ),
        (
            format!("{HEAD}\n[retry]\nschedule = [\"15m\"]\nmax_age = \"100000d\"\n{dead_mx}"),
            "max_age",
        ),
        (
            format!("{HEAD}\n[retry]\nschedule = []\nmax_age = \"1d\"\n{dead_mx}"),
            "schedule",
        ),
        (format!("{HEAD}{}", send_at("\"18446744073709s\"")), "at"),
        (format!("{HEAD}{}", send_at("18446744073709")), "at"),
        (format!("{HEAD}{}", send_at("9223372036854775807")), "at"),
        (format!("{HEAD}{}", send_at("18446744073709551615")), "at"),
        (
            format!("{HEAD}{}padding_lines = 100000000\n", send_at("0")),
            "padding_lines",
        ),
        (
            format!("{HEAD}\n[[host]]\nid = \"mx\"\ngreylist = \"100000d\"\n"),
            "greylist",
        ),
    ];
    for (src, field) in cases {
        let e = Scenario::parse(&src, "bad.toml")
            .err()
            .unwrap_or_else(|| panic!("accepted:\n{src}"));
        let m = e.to_string();
        assert!(m.starts_with("bad.toml:"), "{m}");
        assert!(e.line.is_some(), "no line: {m}");
        assert!(m.contains(field), "{m}\n does not name `{field}`:\n{src}");
    }
}

/// The bounds themselves are usable: a year-long `at`, a 30-day give-up,
/// a 1-minute retry interval with an 8-hour give-up.
#[test]
fn numbers_inside_the_bounds_are_accepted() {
    for src in [
        format!("{HEAD}{}", send_at("\"365d\"")),
        format!("{HEAD}\n[retry]\nschedule = [\"15m\", \"8h\"]\nmax_age = \"30d\"\n"),
        format!("{HEAD}\n[retry]\nschedule = [\"1m\"]\nmax_age = \"8h\"\n"),
        format!("{HEAD}{}padding_lines = 200000\n", send_at("0")),
    ] {
        Scenario::parse(&src, "ok.toml").unwrap_or_else(|e| panic!("{e}\n{src}"));
    }
}

/// A world built in code (no loader) with a zero retry interval and a huge
/// give-up age still ends: the core waits at least a second between tries
/// and gives up after a bounded number of them.
#[test]
fn the_core_bounds_retries_without_the_loader() {
    within_a_minute(core_bounds);
}

fn core_bounds() {
    let src = format!(
        "{HEAD}\n[[step]]\nat = 0\ndo = \"host_down\"\nhost = \"mx\"\n{}",
        send_at("1")
    );
    let s = Scenario::parse(&src, "mx.toml").unwrap();
    let mut w = s.build(None);
    w.set_retry_policy(RetryPolicy {
        schedule: vec![SimDuration::ZERO],
        max_age: SimDuration::MAX,
    });
    let mut steps = 0;
    while w.next_work().is_some() {
        steps += 1;
        assert!(
            steps < 10_000,
            "not ending: {} events at {}",
            w.trace().len(),
            w.now()
        );
        w.run_until(w.now() + SimDuration::from_mins(60));
    }
    assert_eq!(w.mailbox("isp", "john").len(), 1, "the give-up bounce");
    assert!(w.trace().len() < 200_000, "{} events", w.trace().len());
}
