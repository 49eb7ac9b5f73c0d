//! The POP3 client against the POP3 server, wired back to back: delete
//! mode, leave-on-server with UIDL memory, APOP and USER/PASS, and a message
//! full of leading dots that must come back byte for byte.

use protocol_core::pop3::{
    ClientConfig, ClientEvent, ClientSession, Command, FetchOutcome, MemoryMaildrops, ServerConfig,
    ServerSession,
};
use protocol_core::SimTime;
use std::sync::Arc;

/// Runs one connection to the end; returns the outcome and the commands sent.
fn fetch(
    store: &mut MemoryMaildrops,
    config: ClientConfig,
    server_config: ServerConfig,
) -> (FetchOutcome, Vec<Command>) {
    let now = SimTime::from_micros(5_000_000);
    let mut server = ServerSession::new(Arc::new(server_config), 42, now);
    let mut client = ClientSession::new(config, now);
    let mut commands = Vec::new();
    let mut outcome = None;
    for _ in 0..1000 {
        let mut moved = false;
        while let Some(bytes) = server.poll_output() {
            moved = true;
            client.handle_input(now, &bytes);
        }
        while let Some(bytes) = client.poll_output() {
            moved = true;
            server.handle_input(now, &bytes, store);
        }
        while server.poll_event().is_some() {}
        while let Some(e) = client.poll_event() {
            match e {
                ClientEvent::CommandSent { command } => commands.push(command),
                ClientEvent::Finished(o) => outcome = Some(o),
                _ => {}
            }
        }
        if !moved {
            break;
        }
    }
    if server.is_closed() && !client.is_closed() {
        client.handle_close(now);
        while let Some(e) = client.poll_event() {
            if let ClientEvent::Finished(o) = e {
                outcome = Some(o);
            }
        }
    }
    if !server.is_closed() {
        server.handle_close(now, store);
    }
    (outcome.expect("client finished"), commands)
}

fn dave_store() -> MemoryMaildrops {
    let mut s = MemoryMaildrops::new();
    s.add_account("dave", "dave-pass");
    s.deliver("dave", "uid-a", b"Subject: A\r\n\r\nalpha\r\n".to_vec());
    s.deliver("dave", "uid-b", b"Subject: B\r\n\r\nbeta\r\n".to_vec());
    s
}

fn keywords(cmds: &[Command]) -> Vec<String> {
    cmds.iter().map(|c| c.to_string()).collect()
}

#[test]
fn delete_mode_empties_the_mailbox() {
    let mut store = dave_store();
    let mut config = ClientConfig::new("dave", "dave-pass");
    config.delete_after_retrieve = true;
    let (out, cmds) = fetch(&mut store, config, ServerConfig::new("mail.dave.example"));
    assert_eq!(out.error, None);
    assert_eq!(out.retrieved.len(), 2);
    assert_eq!(
        out.retrieved[0],
        ("uid-a".to_string(), b"Subject: A\r\n\r\nalpha\r\n".to_vec())
    );
    assert!(store.messages("dave").is_empty());
    assert!(out.known_uids.is_empty(), "deleted messages need no memory");
    assert_eq!(
        keywords(&cmds),
        [
            "CAPA",
            "USER dave",
            "PASS dave-pass",
            "STAT",
            "UIDL",
            "RETR 1",
            "DELE 1",
            "RETR 2",
            "DELE 2",
            "QUIT"
        ]
    );
    assert!(!store.is_locked("dave"));
}

#[test]
fn leave_on_server_fetches_only_new_mail() {
    let mut store = dave_store();
    let server = || ServerConfig::new("mail.dave.example");
    let (first, _) = fetch(&mut store, ClientConfig::new("dave", "dave-pass"), server());
    assert_eq!(first.error, None);
    assert_eq!(first.retrieved.len(), 2);
    assert_eq!(
        store.messages("dave").len(),
        2,
        "leave-on-server deletes nothing"
    );

    let mut again = ClientConfig::new("dave", "dave-pass");
    again.known_uids = first.known_uids.clone();
    let (second, cmds) = fetch(&mut store, again.clone(), server());
    assert!(second.retrieved.is_empty());
    assert!(!cmds.iter().any(|c| matches!(c, Command::Retr(_))));

    store.deliver("dave", "uid-c", b"Subject: C\r\n\r\nnew\r\n".to_vec());
    let (third, cmds) = fetch(&mut store, again, server());
    assert_eq!(
        third.retrieved,
        [("uid-c".to_string(), b"Subject: C\r\n\r\nnew\r\n".to_vec())]
    );
    assert!(cmds.contains(&Command::Retr(3)));
    assert_eq!(third.known_uids.len(), 3);
}

#[test]
fn known_uids_forget_messages_gone_from_the_server() {
    let mut store = dave_store();
    let mut config = ClientConfig::new("dave", "dave-pass");
    config.known_uids = ["uid-a".to_string(), "uid-long-gone".to_string()].into();
    let (out, _) = fetch(&mut store, config, ServerConfig::new("mail.dave.example"));
    assert_eq!(out.retrieved.len(), 1);
    assert_eq!(
        out.known_uids,
        ["uid-a".to_string(), "uid-b".to_string()].into()
    );
}

#[test]
fn apop_login_when_offered() {
    let mut store = dave_store();
    let mut config = ClientConfig::new("dave", "dave-pass");
    config.use_apop = true;
    let (out, cmds) = fetch(&mut store, config, ServerConfig::new("mail.dave.example"));
    assert_eq!(out.error, None);
    assert!(matches!(&cmds[1], Command::Apop { name, .. } if name == "dave"));
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::Pass(_))),
        "APOP never sends the password"
    );
    assert_eq!(out.retrieved.len(), 2);
}

#[test]
fn apop_falls_back_to_user_pass_without_timestamp() {
    let mut store = dave_store();
    let mut config = ClientConfig::new("dave", "dave-pass");
    config.use_apop = true;
    let mut server = ServerConfig::new("mail.dave.example");
    server.apop = false;
    let (out, cmds) = fetch(&mut store, config, server);
    assert_eq!(out.error, None);
    assert_eq!(cmds[1], Command::User("dave".into()));
}

#[test]
fn wrong_password_finishes_with_error() {
    let mut store = dave_store();
    let (out, cmds) = fetch(
        &mut store,
        ClientConfig::new("dave", "nope"),
        ServerConfig::new("mail.dave.example"),
    );
    assert_eq!(
        out.error.as_deref(),
        Some("login failed: [AUTH] invalid user name or password")
    );
    assert_eq!(cmds.last(), Some(&Command::Quit));
    assert_eq!(store.messages("dave").len(), 2);
}

#[test]
fn locked_maildrop_is_reported() {
    let mut store = dave_store();
    use protocol_core::pop3::Maildrops;
    store.lock("dave").unwrap();
    let (out, _) = fetch(
        &mut store,
        ClientConfig::new("dave", "dave-pass"),
        ServerConfig::new("mail.dave.example"),
    );
    assert_eq!(
        out.error.as_deref(),
        Some("login failed: [IN-USE] maildrop already locked")
    );
}

#[test]
fn leading_dots_survive_byte_stuffing_exactly() {
    let mut store = MemoryMaildrops::new();
    store.add_account("dave", "dave-pass");
    let tricky = b"Subject: dots\r\n\r\n.\r\n..\r\n.\r\n.hidden\r\n...three\r\nend.\r\n.".to_vec();
    // The last line has no CRLF: the server adds one so "." can end the
    // response, so the client gets it back with CRLF.
    store.deliver("dave", "uid-dots", tricky.clone());
    let big: Vec<u8> = (0..20_000)
        .flat_map(|i| format!(".line {i}\r\n").into_bytes())
        .collect();
    store.deliver("dave", "uid-big", big.clone());
    let (out, _) = fetch(
        &mut store,
        ClientConfig::new("dave", "dave-pass"),
        ServerConfig::new("mail.dave.example"),
    );
    assert_eq!(out.error, None);
    let mut expected = tricky;
    expected.extend_from_slice(b"\r\n");
    assert_eq!(out.retrieved[0].1, expected);
    assert_eq!(out.retrieved[1].1, big);
}

#[test]
fn client_times_out_on_a_silent_server() {
    let mut client = ClientSession::new(ClientConfig::new("dave", "dave-pass"), SimTime::ZERO);
    let at = client.poll_timeout().unwrap();
    client.handle_timeout(at);
    assert!(client.is_closed());
    let finished = std::iter::from_fn(|| client.poll_event()).find_map(|e| match e {
        ClientEvent::Finished(o) => Some(o),
        _ => None,
    });
    assert_eq!(
        finished.unwrap().error.as_deref(),
        Some("no response within 1 min")
    );
}

/// A download that keeps arriving is not a silent server: the client's
/// timeout counts from the last bytes received (found by running our client
/// against a real, slow server: it gave up mid-RETR after 60 s).
#[test]
fn a_slow_but_steady_retr_does_not_time_out() {
    let mut store = MemoryMaildrops::new();
    store.add_account("dave", "dave-pass");
    let body: String = (0..40).map(|i| format!("line {i}\r\n")).collect();
    store.deliver(
        "dave",
        "uid-a",
        format!("Subject: slow\r\n\r\n{body}").into_bytes(),
    );
    let mut now = SimTime::from_micros(1);
    let mut server = ServerSession::new(Arc::new(ServerConfig::new("x")), 1, now);
    let mut client = ClientSession::new(ClientConfig::new("dave", "dave-pass"), now);
    let mut outcome = None;
    for _ in 0..10_000 {
        let mut moved = false;
        while let Some(bytes) = server.poll_output() {
            moved = true;
            // The server's bytes come 16 at a time, 20 s apart: 20 minutes
            // for the message, far over the 60 s timeout, never silent.
            for chunk in bytes.chunks(16) {
                now += protocol_core::SimDuration::from_secs(20);
                client.handle_timeout(now);
                assert!(!client.is_closed(), "timed out while bytes kept coming");
                client.handle_input(now, chunk);
            }
        }
        while let Some(bytes) = client.poll_output() {
            moved = true;
            server.handle_input(now, &bytes, &mut store);
        }
        while server.poll_event().is_some() {}
        while let Some(e) = client.poll_event() {
            if let ClientEvent::Finished(o) = e {
                outcome = Some(o);
            }
        }
        if !moved {
            break;
        }
    }
    let o = outcome.expect("the client finished");
    assert_eq!(o.error, None);
    assert_eq!(o.retrieved.len(), 1);
}
