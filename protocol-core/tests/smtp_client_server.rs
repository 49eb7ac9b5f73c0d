//! Our SMTP client against our SMTP server, for every combination of
//! PIPELINING x AUTH x SIZE, and the client's failure classification.

mod common;

use common::*;
use protocol_core::address::{Mailbox, ReversePath};
use protocol_core::smtp::client::*;
use protocol_core::smtp::server::*;
use protocol_core::time::{SimDuration, SimTime};
use std::net::Ipv4Addr;
use std::sync::Arc;

const MESSAGE: &[u8] = b"Subject: dots\r\n\r\n.starts with a dot\r\n..two dots\r\n.\r\nend\r\n";

/// Runs client and server until both are done; returns (outcome, client log, server policy).
fn converse(
    config: ServerConfig,
    ip: Ipv4Addr,
    client: ClientConfig,
    rcpts: &[&str],
    msg: &[u8],
) -> (DeliveryOutcome, String, StaticPolicy) {
    let mut policy = world_policy();
    let mut server = ServerSession::new(Arc::new(config), peer(ip), SimTime::ZERO);
    let rcpts = rcpts.iter().map(|r| Mailbox::parse(r).unwrap()).collect();
    let from = ReversePath::Mailbox(Mailbox::new("john", "isp.example"));
    let mut c = ClientSession::new(client, from, rcpts, msg.to_vec(), SimTime::ZERO);
    let mut log = String::new();
    let mut outcome = None;
    for _ in 0..100 {
        while let Some(b) = server.poll_output() {
            log.push_str(&format!("S: {}", String::from_utf8_lossy(&b)));
            c.handle_input(SimTime::ZERO, &b);
        }
        while let Some(b) = c.poll_output() {
            log.push_str(&format!("C: {}", String::from_utf8_lossy(&b)));
            server.handle_input(SimTime::ZERO, &b, &mut policy);
        }
        while let Some(e) = c.poll_event() {
            if let ClientEvent::Finished(o) = e {
                assert!(outcome.is_none(), "Finished twice");
                outcome = Some(o);
            }
        }
        if c.is_closed() && server.is_closed() {
            break;
        }
    }
    assert!(
        c.is_closed() && server.is_closed(),
        "session did not end:\n{log}"
    );
    (outcome.expect("no Finished event"), log, policy)
}

#[test]
fn every_combination_of_pipelining_auth_size() {
    for pipelining in [false, true] {
        for auth in [false, true] {
            for size in [false, true] {
                let label = format!("pipelining={pipelining} auth={auth} size={size}");
                let mut cfg = isp_config(if auth {
                    ServerMode::Submission
                } else {
                    ServerMode::Relay
                });
                cfg.pipelining = pipelining;
                let mut client = ClientConfig::new("john-pc.isp.example");
                client.use_size = size;
                if auth {
                    client.auth = Some(("john".into(), "john-pass".into()));
                }
                let (outcome, log, policy) = converse(
                    cfg,
                    Ipv4Addr::new(192, 0, 2, 10),
                    client,
                    &["dave@dave.example", "mary@isp.example"],
                    MESSAGE,
                );
                assert_eq!(outcome.delivered().len(), 2, "{label}\n{log}");
                assert_eq!(policy.accepted.len(), 1, "{label}");
                let (env, data) = &policy.accepted[0];
                assert_eq!(data, MESSAGE, "{label}: data after unstuffing");
                assert_eq!(
                    env.to,
                    vec![
                        Mailbox::new("dave", "dave.example"),
                        Mailbox::new("mary", "isp.example")
                    ]
                );
                assert_eq!(
                    env.authenticated.as_deref(),
                    auth.then_some("john"),
                    "{label}"
                );
                assert_eq!(log.contains("SIZE=57"), size, "{label}\n{log}");
                assert_eq!(log.contains("AUTH PLAIN"), auth, "{label}");
                // With pipelining MAIL and both RCPTs travel in one write.
                let batched = !log.contains("C: RCPT TO:")
                    && log.contains("\r\nRCPT TO:<dave@dave.example>\r\nRCPT TO:<mary");
                assert_eq!(batched, pipelining, "{label}\n{log}");
                assert!(
                    log.contains("C: ..starts with a dot\r\n")
                        || log.contains("\r\n..starts with a dot\r\n"),
                    "{label}: dot-stuffed"
                );
            }
        }
    }
}

#[test]
fn per_recipient_outcomes() {
    let (o, log, _) = converse(
        isp_config(ServerMode::Relay),
        Ipv4Addr::new(203, 0, 113, 66),
        ClientConfig::new("stranger.example"),
        &[
            "john@isp.example",
            "dave@dave.example",
            "nobody@isp.example",
        ],
        b"hi\r\n",
    );
    assert_eq!(
        o.delivered(),
        [&Mailbox::new("john", "isp.example")],
        "{log}"
    );
    assert_eq!(o.permanent().len(), 2);
    assert!(o.transient().is_empty());
}

#[test]
fn wrong_password_is_permanent_for_all() {
    let mut client = ClientConfig::new("john-pc.isp.example");
    client.auth = Some(("john".into(), "nope".into()));
    let (o, log, p) = converse(
        isp_config(ServerMode::Submission),
        Ipv4Addr::new(192, 0, 2, 10),
        client,
        &["dave@dave.example"],
        b"x\r\n",
    );
    assert_eq!(o.permanent().len(), 1, "{log}");
    assert_eq!(o.recipients[0].1.reply().code, 535);
    assert!(p.accepted.is_empty());
}

#[test]
fn falls_back_to_helo_and_sends_8bit() {
    // A server that refuses EHLO: we fake one with a tiny scripted peer.
    let from = ReversePath::Mailbox(Mailbox::new("john", "isp.example"));
    let mut c = ClientSession::new(
        ClientConfig::new("c.example"),
        from,
        vec![Mailbox::new("dave", "dave.example")],
        "é\r\n".into(),
        SimTime::ZERO,
    );
    let mut sent = String::new();
    for reply in [
        "220 old.example\r\n",
        "502 no EHLO here\r\n",
        "250 old.example\r\n",
        "250 ok\r\n",
        "250 ok\r\n",
        "354 go\r\n",
        "250 queued\r\n",
        "221 bye\r\n",
    ] {
        c.handle_input(SimTime::ZERO, reply.as_bytes());
        while let Some(b) = c.poll_output() {
            sent.push_str(&String::from_utf8_lossy(&b));
        }
    }
    assert!(
        sent.starts_with("EHLO c.example\r\nHELO c.example\r\nMAIL FROM:<john@isp.example>\r\n"),
        "{sent}"
    );
    assert!(
        !sent.contains("BODY="),
        "no 8BITMIME offered, no BODY param"
    );
    assert!(c.is_closed());
}

#[test]
fn transient_failures_timeout_and_lost_connection() {
    let mk = || {
        let from = ReversePath::Mailbox(Mailbox::new("john", "isp.example"));
        ClientSession::new(
            ClientConfig::new("c.example"),
            from,
            vec![Mailbox::new("dave", "dave.example")],
            b"x\r\n".to_vec(),
            SimTime::ZERO,
        )
    };
    let finished = |c: &mut ClientSession| {
        let mut out = None;
        while let Some(e) = c.poll_event() {
            if let ClientEvent::Finished(o) = e {
                out = Some(o);
            }
        }
        out.expect("finished")
    };
    // Timeout while waiting for the greeting.
    let mut c = mk();
    let t = c.poll_timeout().unwrap();
    assert_eq!(t, SimTime::ZERO + SimDuration::from_mins(5));
    c.handle_timeout(t);
    assert_eq!(finished(&mut c).transient().len(), 1);
    assert!(c.is_closed());
    // Connection lost after the dot.
    let mut c = mk();
    for r in [
        "220 x\r\n",
        "250 x\r\n",
        "250 ok\r\n",
        "250 ok\r\n",
        "354 go\r\n",
    ] {
        c.handle_input(SimTime::ZERO, r.as_bytes());
    }
    c.handle_close(SimTime::ZERO);
    assert_eq!(finished(&mut c).transient().len(), 1);
    // 451 greylisting on RCPT.
    let mut c = mk();
    for r in [
        "220 x\r\n",
        "250 x\r\n",
        "250 ok\r\n",
        "451 4.7.1 try later\r\n",
    ] {
        c.handle_input(SimTime::ZERO, r.as_bytes());
    }
    let o = finished(&mut c);
    assert_eq!(o.transient().len(), 1);
    assert_eq!(o.recipients[0].1.reply().code, 451);
    // A 421 closes at once.
    let mut c = mk();
    c.handle_input(SimTime::ZERO, b"421 4.3.2 shutting down\r\n");
    assert!(c.is_closed());
    assert_eq!(finished(&mut c).transient().len(), 1);
}

#[test]
fn mixed_code_reply_is_handled_as_broken_server() {
    let from = ReversePath::Null;
    let mut c = ClientSession::new(
        ClientConfig::new("c.example"),
        from,
        vec![Mailbox::new("dave", "dave.example")],
        b"x\r\n".to_vec(),
        SimTime::ZERO,
    );
    c.handle_input(SimTime::ZERO, b"220-a\r\n250 b\r\n");
    assert!(c.is_closed());
}
