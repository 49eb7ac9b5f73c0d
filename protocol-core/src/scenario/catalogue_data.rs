//! The built-in scenarios, generated from `protocol-core/scenarios/*.toml`
//! by the test `scenario::tests::catalogue_data_matches_the_toml_files`
//! (`MAILSIM_BLESS=1 cargo test -p protocol-core catalogue_data` rewrites it).
//! Do not edit: edit the TOML files.

use super::*;

pub(super) fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "seed-story".into(),
            title: "John writes to Dave".into(),
            goal: "An email travels in hops: John's program submits it to his ISP, the ISP finds Dave's server through DNS MX and relays it, and Dave's program downloads it with POP3.".into(),
            seed: 1,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "unknown-recipient".into(),
            title: "No such user: the bounce".into(),
            goal: "When the receiving server answers 550 for a recipient, the sending server returns the message to its sender as a delivery status notification, from the null sender <>.".into(),
            seed: 2,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dvae@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "backup-mx".into(),
            title: "Primary MX down: the backup takes over".into(),
            goal: "A domain can list several MX hosts: when the preferred one is down, mail goes to the backup, which keeps it and forwards it when the primary is back.".into(),
            seed: 3,
            hosts: vec![
                HostSpec { id: "mx2".into(), name: Some("mx2.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 26)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: Some(vec!["dave.example".into()]), relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
                MxSpec { domain: "dave.example".into(), preference: 10, host: "mail.dave.example".into() },
                MxSpec { domain: "dave.example".into(), preference: 20, host: "mx2.dave.example".into() },
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::HostDown { at: Delay(SimDuration(0)), host: "mx".into() },
                Step::Send { at: Delay(SimDuration(1000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::HostUp { at: Delay(SimDuration(2400000000)), host: "mx".into() },
                Step::Fetch { at: Delay(SimDuration(3600000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "greylisting".into(),
            title: "Greylisting: please try again later".into(),
            goal: "A 4xx reply is a temporary failure: the sending server keeps the message in its queue and retries later, and the retry gets through.".into(),
            seed: 4,
            hosts: vec![
                HostSpec { id: "mx".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: Some(Delay(SimDuration(300000000))), max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(1800000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "open-relay".into(),
            title: "Who may relay? Open relay refused, AUTH required".into(),
            goal: "A mail server relays only for its own users: a stranger gets 550 5.7.1 on port 25, and even John gets 530 on port 587 until he logs in.".into(),
            seed: 5,
            hosts: vec![
                HostSpec { id: "stranger".into(), name: Some("stranger.example".into()), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "stranger".into(), server: "smtp.isp.example".into(), port: 25, auth: None, from: "offers@stranger.example".into(), to: vec!["dave@dave.example".into()], subject: "You have won!".into(), body: "Click here.\n".into(), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(10000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: None, from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(20000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Second try, logged in".into(), body: "This time I logged in first.\n".into(), padding_lines: 0, raw: false },
            ],
        },
        Scenario {
            name: "spam-filter".into(),
            title: "An extra hop: the spam filter".into(),
            goal: "Mail can pass through more than two servers: Dave's MX record points at a filter that checks the message and relays it to the real mail server, and every hop adds a Received line.".into(),
            seed: 6,
            hosts: vec![
                HostSpec { id: "filter".into(), name: Some("filter.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 30)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: Some(vec!["dave.example".into()]), relay_networks: None, smarthost: Some("mail.dave.example".into()), greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
                MxSpec { domain: "dave.example".into(), preference: 10, host: "filter.dave.example".into() },
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "pop3-two-devices".into(),
            title: "POP3 on two devices: leave on server or delete".into(),
            goal: "POP3 downloads mail; a device that leaves it on the server lets another device fetch it too, while DELE removes it for everyone when the session ends.".into(),
            seed: 7,
            hosts: vec![
                HostSpec { id: "dave-phone".into(), name: Some("dave-phone.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: false, apop: false },
                Step::Send { at: Delay(SimDuration(240000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Re: Lunch on Friday?".into(), body: "Or Saturday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(360000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: false, apop: false },
                Step::Fetch { at: Delay(SimDuration(480000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "too-large".into(),
            title: "Message too large".into(),
            goal: "Each server sets a size limit and announces it with SIZE: a message over the limit is refused with 552 and bounced to its sender.".into(),
            seed: 8,
            hosts: vec![
                HostSpec { id: "mx".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: Some(2000), accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Holiday photos".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 60, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "no-such-domain".into(),
            title: "A typo in the domain: NXDOMAIN".into(),
            goal: "If DNS says the recipient's domain does not exist (NXDOMAIN), no server can ever take the message, so the sender's server bounces it at once.".into(),
            seed: 9,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.exmaple".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "pop3-vs-imap".into(),
            title: "POP3 versus IMAP on two devices".into(),
            goal: "POP3 downloads mail to one device and, with DELE, removes it from the server, so the phone never sees it. IMAP keeps mail on the server: both devices see it, reading it on one sets \\Seen for the other, a deletion reaches the other at once, and IDLE pushes new mail to the phone as it arrives.".into(),
            seed: 17,
            hosts: vec![
                HostSpec { id: "dave-phone".into(), name: Some("dave-phone.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
                Step::Imap { at: Delay(SimDuration(240000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: None, idle: None, append: None },
                Step::Send { at: Delay(SimDuration(360000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Dinner instead?".into(), body: "Or dinner on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Imap { at: Delay(SimDuration(480000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: None, idle: Some(Delay(SimDuration(600000000))), append: None },
                Step::Imap { at: Delay(SimDuration(600000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: true, delete: true, move_to: None, idle: None, append: None },
                Step::Send { at: Delay(SimDuration(720000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Cinema on Saturday?".into(), body: "And the cinema on Saturday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
            ],
        },
        Scenario {
            name: "imap-folders".into(),
            title: "Folders: filing a mail and keeping a copy of the reply in Sent".into(),
            goal: "IMAP mail lives in folders on the server: the mail program moves John's message from INBOX into a folder of its own (CREATE, UID MOVE) and stores the copy of Dave's reply in Sent with APPEND. The folders are on the server: the phone, looking later, finds INBOX empty because the message now lives in Lunch.".into(),
            seed: 18,
            hosts: vec![
                HostSpec { id: "dave-phone".into(), name: Some("dave-phone.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Imap { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: Some("Lunch".into()), idle: None, append: Some(AppendSpec { folder: "Sent".into(), from: "dave@dave.example".into(), to: vec!["john@isp.example".into()], subject: "Re: Lunch on Friday?".into(), body: "Friday is fine.\n\nDave\n".into() }) },
                Step::Imap { at: Delay(SimDuration(240000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: None, idle: None, append: None },
            ],
        },
        Scenario {
            name: "pipelining".into(),
            title: "Pipelining: one batch of commands, replies in order".into(),
            goal: "With PIPELINING a client sends MAIL and all its RCPT commands at once; the server answers each in turn, and the client matches the replies to its commands by their order, so one refused recipient does not stop the others.".into(),
            seed: 23,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into(), "dvae@dave.example".into(), "postmaster@dave.example".into()], subject: "Party on Saturday".into(), body: "Hi all,\n\nparty at my place on Saturday!\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "injected-faults".into(),
            title: "Faults on purpose: 421, 451 and a dropped connection".into(),
            goal: "A sending server must survive a receiving server that misbehaves: after a 421 greeting, a 451 to RCPT and a connection dropped after the final dot, it keeps the message and retries until it gets through. These faults are injected by the scenario; a healthy server would not do this.".into(),
            seed: 25,
            hosts: vec![
                HostSpec { id: "isp".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: Some(RetrySpec { schedule: vec![Delay(SimDuration(300000000)), Delay(SimDuration(600000000)), Delay(SimDuration(1200000000))], max_age: Delay(SimDuration(86400000000)), warn_after: None }) },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
                FaultSpec { host: "mx".into(), port: None, on: crate::smtp::server::FaultStage::Greeting, reply: Some("421 4.3.2 mail.dave.example Service not available, closing (injected)".into()), drop: false, times: Some(1) },
                FaultSpec { host: "mx".into(), port: None, on: crate::smtp::server::FaultStage::Rcpt, reply: Some("451 4.3.0 Temporary failure, try again later (injected)".into()), drop: false, times: Some(1) },
                FaultSpec { host: "mx".into(), port: None, on: crate::smtp::server::FaultStage::EndOfData, reply: None, drop: true, times: Some(1) },
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(3600000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "give-up".into(),
            title: "Five days down: retries, a delay warning, then the bounce".into(),
            goal: "A server that keeps a message must not give up at the first failure: it retries for days, warns the sender after a few hours that the mail is late (Action: delayed), and only bounces it when its time limit is reached.".into(),
            seed: 19,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: Some(RetrySpec { schedule: vec![Delay(SimDuration(900000000)), Delay(SimDuration(1800000000)), Delay(SimDuration(3600000000)), Delay(SimDuration(7200000000)), Delay(SimDuration(14400000000)), Delay(SimDuration(28800000000))], max_age: Delay(SimDuration(345600000000)), warn_after: Some(Delay(SimDuration(14400000000))) }),
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::HostDown { at: Delay(SimDuration(0)), host: "mx".into() },
                Step::Send { at: Delay(SimDuration(1000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(86400000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: true, apop: false },
                Step::Fetch { at: Delay(SimDuration(352800000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: true, apop: false },
                Step::HostUp { at: Delay(SimDuration(432000000000)), host: "mx".into() },
            ],
        },
        Scenario {
            name: "null-mx".into(),
            title: "Null MX: a domain that takes no mail".into(),
            goal: "A domain can say in DNS that it never receives email (a null MX, \"MX 0 .\"). The sending server then bounces at once with 5.1.10, instead of trying for days.".into(),
            seed: 20,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
                DnsSpec::A { name: "shop.example".into(), ip: Ipv4Addr::new(203, 0, 113, 80) },
                DnsSpec::NullMx { domain: "shop.example".into() },
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["no-reply@shop.example".into()], subject: "Re: Your order 4711".into(), body: "Hello,\n\nwhere is my parcel?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "mail-loop".into(),
            title: "A mail loop: two servers pass a message back and forth".into(),
            goal: "A misconfiguration can make two servers relay a message to each other for ever. Each hop adds a Received line; at 100 of them a server stops the loop and bounces the message (RFC 5321 §6.3).".into(),
            seed: 21,
            hosts: vec![
                HostSpec { id: "mx".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: Some(vec![]), relay_domains: Some(vec!["dave.example".into()]), relay_networks: None, smarthost: Some("smtp.isp.example".into()), greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
                HostSpec { id: "isp".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: Some(vec!["192.0.2.0/24".into(), "198.51.100.25/32".into()]), smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(600000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "lossy-link".into(),
            title: "A lossy link: lost packets become delay".into(),
            goal: "TCP resends every segment that is lost, so a bad network does not lose mail: it only makes it slower. Each retransmission waits for a timeout, and the delays add up.".into(),
            seed: 22,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
                LinkSpec { a: "isp".into(), b: "mx".into(), latency: Some(Delay(SimDuration(40000))), loss_percent: Percent(300000) },
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "smtp-smuggling".into(),
            title: "SMTP smuggling (2023): a hidden second message, refused".into(),
            goal: "An attacker hides a second, forged message behind a fake end of data made of bare LFs (<LF>.<LF>). Only CR LF . CR LF ends a message (RFC 5321 §4.1.1.4), and a bare LF is not a line end (§2.3.8): Dave's server refuses the whole message, so nothing is smuggled.".into(),
            seed: 24,
            hosts: vec![
                HostSpec { id: "attacker".into(), name: Some("attacker.example".into()), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "attacker".into(), server: "mail.dave.example".into(), port: 25, auth: None, from: "news@attacker.example".into(), to: vec!["dave@dave.example".into()], subject: "Our newsletter".into(), body: "Hello Dave,\r\nhere is our newsletter.\r\n\n.\nMAIL FROM:<boss@dave.example>\nRCPT TO:<dave@dave.example>\nDATA\nFrom: The Boss <boss@dave.example>\nTo: Dave <dave@dave.example>\nSubject: Urgent: pay invoice 4711 today\n\nPlease pay invoice 4711 today. The Boss\r\n".into(), padding_lines: 0, raw: true },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "smtp-smuggling-vulnerable".into(),
            title: "SMTP smuggling (2023): a server that normalises bare LF".into(),
            goal: "The same attack against a server that reads a bare LF as a line end: <LF>.<LF> ends the first message early, the hidden commands run, and a forged message from the boss lands in Dave's mailbox. This is the vulnerability; do not run a server like this.".into(),
            seed: 24,
            hosts: vec![
                HostSpec { id: "attacker".into(), name: Some("attacker.example".into()), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: None, retry: None },
                HostSpec { id: "mx".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, accounts: vec![], open_relay: None, pipelining: None, bare_lf: Some(BareLf::Normalise), retry: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "attacker".into(), server: "mail.dave.example".into(), port: 25, auth: None, from: "news@attacker.example".into(), to: vec!["dave@dave.example".into()], subject: "Our newsletter".into(), body: "Hello Dave,\r\nhere is our newsletter.\r\n\n.\nMAIL FROM:<boss@dave.example>\nRCPT TO:<dave@dave.example>\nDATA\nFrom: The Boss <boss@dave.example>\nTo: Dave <dave@dave.example>\nSubject: Urgent: pay invoice 4711 today\n\nPlease pay invoice 4711 today. The Boss\r\n".into(), padding_lines: 0, raw: true },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
    ]
}
