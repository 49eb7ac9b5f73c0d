//! Print -> parse round trips for every `Command` and `Response`, the
//! multi-line body through `ResponseParser`, the RFC 1939 §7 APOP digest,
//! and the explanation table.

use protocol_core::explain;
use protocol_core::pop3::{apop_digest, Command, Pop3State, Reply, Response, ResponseParser};

fn every_command() -> Vec<Command> {
    vec![
        Command::User("mrose".into()),
        Command::Pass("tanstaaf".into()),
        Command::Pass("with spaces in it".into()),
        Command::Apop {
            name: "mrose".into(),
            digest: "c4c9334bac560ecc979e58001b3e22fb".into(),
        },
        Command::Quit,
        Command::Stat,
        Command::List(None),
        Command::List(Some(2)),
        Command::Retr(1),
        Command::Dele(4294967295),
        Command::Noop,
        Command::Rset,
        Command::Top { msg: 1, lines: 0 },
        Command::Uidl(None),
        Command::Uidl(Some(7)),
        Command::Capa,
        Command::Unknown("XTND XMIT".into()),
    ]
}

#[test]
fn every_command_round_trips() {
    for c in every_command() {
        let wire = c.to_string();
        assert_eq!(Command::parse(&wire), Ok(c.clone()), "{wire}");
    }
}

#[test]
fn keywords_are_case_insensitive() {
    assert_eq!(Command::parse("rEtR 3"), Ok(Command::Retr(3)));
    assert_eq!(
        Command::parse("top 1 5"),
        Ok(Command::Top { msg: 1, lines: 5 })
    );
}

#[test]
fn every_response_round_trips() {
    for r in [
        Response::Ok(String::new()),
        Response::Ok("2 320".into()),
        Response::Err("[IN-USE] maildrop already locked".into()),
        Response::Err(String::new()),
    ] {
        assert_eq!(Response::parse(&r.to_wire()), Ok(r.clone()));
    }
    assert_eq!(
        Response::Err("[IN-USE] maildrop already locked".into()).resp_code(),
        Some("IN-USE")
    );
    assert!(Response::parse(b"+OKAY\r\n").is_err());
    assert!(Response::parse(b"220 smtp\r\n").is_err());
}

#[test]
fn multi_line_body_survives_stuffing_in_any_chunking() {
    let body = b"From: a\r\n\r\n.\r\n..\r\n.hidden\r\nend .\r\n".to_vec();
    let reply = Reply::multi("12 octets", body.clone());
    let wire = reply.to_wire();
    assert!(wire.ends_with(b"\r\n..\r\n...\r\n..hidden\r\nend .\r\n.\r\n"));
    for chunk in 1..=wire.len() {
        let mut p = ResponseParser::new();
        p.expect(true);
        p.expect(false);
        let mut got = Vec::new();
        for piece in wire.chunks(chunk).chain([&b"-ERR no\r\n"[..]]) {
            p.push(piece);
            while let Some(r) = p.next_reply() {
                got.push(r.unwrap());
            }
        }
        assert_eq!(
            got,
            [reply.clone(), Reply::single(Response::Err("no".into()))],
            "chunk {chunk}"
        );
    }
}

#[test]
fn err_to_a_multi_line_command_is_single_line() {
    let mut p = ResponseParser::new();
    p.expect(true);
    p.expect(true);
    p.push(b"-ERR no such message\r\n+OK\r\n1 a\r\n.\r\n");
    assert_eq!(
        p.next_reply(),
        Some(Ok(Reply::single(Response::Err("no such message".into()))))
    );
    assert_eq!(
        p.next_reply().unwrap().unwrap().body,
        Some(b"1 a\r\n".to_vec())
    );
}

#[test]
fn rfc1939_apop_digest() {
    // RFC 1939 §7, the APOP example.
    assert_eq!(
        apop_digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"),
        "c4c9334bac560ecc979e58001b3e22fb"
    );
}

#[test]
fn explanations_cover_commands_states_and_are_unique() {
    let keys: Vec<&str> = explain::all()
        .filter(|e| e.key.starts_with("pop3."))
        .map(|e| e.key)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), keys.len(), "duplicate pop3 keys");
    for c in every_command()
        .iter()
        .filter(|c| !matches!(c, Command::Unknown(_)))
    {
        assert!(
            explain::lookup(c.explain_key()).is_some(),
            "{}",
            c.explain_key()
        );
    }
    for s in [Pop3State::Transaction, Pop3State::Update, Pop3State::Closed] {
        let key = s.explain_key().expect("a state a transition enters");
        assert!(explain::lookup(key).is_some(), "{key}");
    }
    // The start state is entered by no transition: the greeting explains it.
    assert_eq!(Pop3State::Authorization.explain_key(), None);
    assert!(!protocol_core::pop3::TRANSITIONS
        .iter()
        .any(|r| r.2 == Pop3State::Authorization && r.0 != Pop3State::Authorization));
    for e in explain::all().filter(|e| e.key.starts_with("pop3.")) {
        assert!(e.rfc.starts_with("RFC "), "{} has no RFC", e.key);
        assert!(
            !e.text.is_empty() && e.text.len() < 400,
            "{}: one or two sentences",
            e.key
        );
    }
}

/// Every key the server can emit, found by reading server.rs: a new
/// response without an explanation fails here.
#[test]
fn every_key_in_the_server_source_is_explained() {
    let src = concat!(
        include_str!("../src/pop3/server.rs"),
        include_str!("../src/pop3/command.rs"),
        include_str!("../src/pop3/client.rs")
    );
    let mut n = 0;
    for (at, _) in src.match_indices("\"pop3.") {
        let piece = src[at + 1..].split('"').next().unwrap();
        {
            n += 1;
            assert!(
                explain::lookup(piece).is_some(),
                "no explanation for {piece}"
            );
        }
    }
    assert!(n > 30, "found only {n} keys");
}
