//! Print then parse gives the same value: every Command variant and every
//! Reply shape.

use protocol_core::address::{Mailbox, ReversePath};
use protocol_core::smtp::command::Command;
use protocol_core::smtp::reply::{EnhancedCode, Reply};

#[test]
fn every_command_round_trips() {
    let dave = Mailbox::new("dave", "dave.example");
    let commands = vec![
        Command::Helo("john-pc.isp.example".into()),
        Command::Ehlo("[192.0.2.10]".into()),
        Command::Mail {
            from: ReversePath::Null,
            params: vec![],
        },
        Command::Mail {
            from: ReversePath::Mailbox(Mailbox::new("\"john smith\"", "isp.example")),
            params: vec![
                ("SIZE".into(), Some("1000".into())),
                ("BODY".into(), Some("8BITMIME".into())),
                ("X-FLAG".into(), None),
            ],
        },
        Command::Rcpt {
            to: dave.clone(),
            params: vec![],
        },
        Command::Rcpt {
            to: Mailbox::postmaster(),
            params: vec![("NOTIFY".into(), Some("NEVER".into()))],
        },
        Command::Rcpt {
            to: Mailbox::new("x", "[198.51.100.25]"),
            params: vec![],
        },
        Command::Data,
        Command::Rset,
        Command::Noop(None),
        Command::Noop(Some("are you there".into())),
        Command::Quit,
        Command::Help(None),
        Command::Help(Some("MAIL".into())),
        Command::Vrfy("dave".into()),
        Command::Expn("staff".into()),
        Command::Auth {
            mechanism: "PLAIN".into(),
            initial: None,
        },
        Command::Auth {
            mechanism: "PLAIN".into(),
            initial: Some("AGpvaG4Aam9obi1wYXNz".into()),
        },
        Command::Verb,
        Command::Unknown("XYZZY plugh".into()),
    ];
    for c in commands {
        let wire = c.to_string();
        assert_eq!(Command::parse(&wire), Ok(c.clone()), "{wire}");
        assert!(!c.verb().is_empty());
    }
}

#[test]
fn every_reply_shape_round_trips() {
    let esc = Some(EnhancedCode(5, 7, 1));
    let replies = vec![
        Reply::new(220, None, "smtp.isp.example ESMTP MailSim"),
        Reply::new(250, Some(EnhancedCode(2, 0, 0)), "OK queued as Q00001"),
        Reply::new(550, esc, "<dave@dave.example>: Relaying denied"),
        Reply::multi(
            250,
            None,
            vec![
                "smtp.isp.example Hello".into(),
                "PIPELINING".into(),
                "SIZE 10485760".into(),
                "HELP".into(),
            ],
        ),
        Reply::multi(550, esc, vec!["first".into(), "second".into()]),
        Reply::new(334, None, "VXNlcm5hbWU6"),
        Reply::new(334, None, ""),
        Reply::new(421, Some(EnhancedCode(4, 4, 2)), ""),
    ];
    for r in replies {
        let wire = r.to_wire();
        assert_eq!(Reply::parse(&wire), Ok(r.clone()), "{wire:?}");
        assert_eq!(format!("{r}\r\n"), wire);
    }
}
