//! Issue 16, item 11: a client that sends a byte now and then (slowloris)
//! is timed out like a silent one. RFC 5321 §4.5.3.2 times each line, not
//! each byte; RFC 1939 §3's autologout counts from the last command.

mod common;

use common::*;
use protocol_core::pop3::{self, MemoryMaildrops};
use protocol_core::smtp::server::*;
use protocol_core::time::{SimDuration, SimTime};
use std::net::Ipv4Addr;
use std::sync::Arc;

fn at(mins: u64, secs: u64) -> SimTime {
    SimTime::ZERO + SimDuration::from_mins(mins) + SimDuration::from_secs(secs)
}

/// Sends `bytes` at `t`, then fires the timer if it is due at `check`:
/// what the client sees.
fn smtp_send_then_check(h: &mut Harness, t: SimTime, bytes: &[u8]) -> String {
    h.server.handle_input(t, bytes, &mut h.policy);
    String::from_utf8_lossy(&drain(&mut h.server)).into_owned()
}

fn smtp_fire(h: &mut Harness, check: SimTime) -> String {
    if h.server.poll_timeout().is_some_and(|d| d <= check) {
        h.server.handle_timeout(check);
    }
    String::from_utf8_lossy(&drain(&mut h.server)).into_owned()
}

#[test]
fn an_smtp_command_sent_a_byte_a_minute_times_out_after_5_minutes() {
    let mut h = Harness::new(isp_config(ServerMode::Relay), Ipv4Addr::new(192, 0, 2, 10));
    for (i, b) in b"NOOP".iter().enumerate() {
        let out = smtp_send_then_check(&mut h, at(i as u64 + 1, 0), &[*b]);
        assert_eq!(out, "");
    }
    // 4 minutes 59 after the greeting: still waiting for the line.
    assert_eq!(smtp_fire(&mut h, at(4, 59)), "");
    let out = smtp_fire(&mut h, at(5, 0));
    assert!(out.starts_with("421 4.4.2"), "{out:?}");
    assert!(h.server.is_closed());
}

#[test]
fn complete_smtp_lines_keep_the_session_alive() {
    let mut h = Harness::new(isp_config(ServerMode::Relay), Ipv4Addr::new(192, 0, 2, 10));
    for i in 1..=5 {
        let out = smtp_send_then_check(&mut h, at(4 * i, 0), b"NOOP\r\n");
        assert!(out.starts_with("250"), "{out:?}");
        assert_eq!(smtp_fire(&mut h, at(4 * i + 4, 59)), "");
    }
}

#[test]
fn a_message_line_in_data_must_arrive_within_3_minutes() {
    let mut h = Harness::new(isp_config(ServerMode::Relay), Ipv4Addr::new(192, 0, 2, 10));
    let t0 = SimTime::ZERO;
    for l in [
        "EHLO john-pc",
        "MAIL FROM:<john@isp.example>",
        "RCPT TO:<dave@dave.example>",
        "DATA",
    ] {
        smtp_send_then_check(&mut h, t0, format!("{l}\r\n").as_bytes());
    }
    // Whole lines every 2 minutes are fine.
    for i in 1..=4 {
        smtp_send_then_check(&mut h, at(2 * i, 0), b"a line\r\n");
        assert_eq!(smtp_fire(&mut h, at(2 * i + 2, 59)), "");
    }
    // A byte a minute is not a line.
    for i in 0..3 {
        smtp_send_then_check(&mut h, at(9 + i, 0), b"x");
    }
    assert_eq!(smtp_fire(&mut h, at(10, 59)), "");
    let out = smtp_fire(&mut h, at(11, 0));
    assert!(out.starts_with("421 4.4.2"), "{out:?}");
    assert!(h.policy.accepted.is_empty(), "nothing delivered");
}

#[test]
fn a_pop3_command_sent_a_byte_a_minute_is_autologged_out_after_10_minutes() {
    let mut store = MemoryMaildrops::new();
    store.add_account("dave", "dave-pass");
    let config = Arc::new(pop3::ServerConfig::new("mail.dave.example"));
    let mut s = pop3::ServerSession::new(config, 7, SimTime::ZERO);
    let mut out = Vec::new();
    let drain = |s: &mut pop3::ServerSession| {
        let mut o = Vec::new();
        while let Some(b) = s.poll_output() {
            o.extend_from_slice(&b);
        }
        String::from_utf8_lossy(&o).into_owned()
    };
    drain(&mut s);
    for (i, b) in b"USER dave".iter().enumerate() {
        s.handle_input(at(i as u64 + 1, 0), &[*b], &mut store);
        out.push(drain(&mut s));
    }
    assert!(out.iter().all(String::is_empty), "{out:?}");
    let deadline = s.poll_timeout().expect("a deadline");
    assert!(deadline <= at(10, 0), "{deadline:?}");
    s.handle_timeout(at(10, 0), &mut store);
    // §3: the autologout closes without a response (and without UPDATE).
    assert_eq!(drain(&mut s), "");
    assert!(s.is_closed());
}
