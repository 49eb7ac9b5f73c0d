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
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
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
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dvae@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "backup-mx".into(),
            title: "Primary MX down: the backup takes over".into(),
            goal: "A domain can list several MX hosts: when the preferred one is down, mail goes to the backup, which keeps it and forwards it when the primary is back.".into(),
            seed: 3,
            hosts: vec![
                HostSpec { id: "mx2".into(), name: Some("mx2.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 26)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: Some(vec!["dave.example".into()]), relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
                MxSpec { domain: "dave.example".into(), preference: 10, host: "mail.dave.example".into() },
                MxSpec { domain: "dave.example".into(), preference: 20, host: "mx2.dave.example".into() },
            ],
            retry: None,
            steps: vec![
                Step::HostDown { at: Delay(SimDuration(0)), host: "mx".into() },
                Step::Send { at: Delay(SimDuration(1000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
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
                HostSpec { id: "mx".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: Some(Delay(SimDuration(300000000))), max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(1800000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "open-relay".into(),
            title: "Who may relay? Open relay refused, AUTH required".into(),
            goal: "A mail server relays only for its own users: a stranger gets 550 5.7.1 on port 25, and even John gets 530 on port 587 until he logs in.".into(),
            seed: 5,
            hosts: vec![
                HostSpec { id: "stranger".into(), name: Some("stranger.example".into()), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "stranger".into(), server: "smtp.isp.example".into(), port: 25, auth: None, from: "offers@stranger.example".into(), to: vec!["dave@dave.example".into()], subject: "You have won!".into(), body: "Click here.\n".into(), padding_lines: 0 },
                Step::Send { at: Delay(SimDuration(10000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: None, from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Send { at: Delay(SimDuration(20000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Second try, logged in".into(), body: "This time I logged in first.\n".into(), padding_lines: 0 },
            ],
        },
        Scenario {
            name: "spam-filter".into(),
            title: "An extra hop: the spam filter".into(),
            goal: "Mail can pass through more than two servers: Dave's MX record points at a filter that checks the message and relays it to the real mail server, and every hop adds a Received line.".into(),
            seed: 6,
            hosts: vec![
                HostSpec { id: "filter".into(), name: Some("filter.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 30)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: Some(vec!["dave.example".into()]), relay_networks: None, smarthost: Some("mail.dave.example".into()), greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
                MxSpec { domain: "dave.example".into(), preference: 10, host: "filter.dave.example".into() },
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "pop3-two-devices".into(),
            title: "POP3 on two devices: leave on server or delete".into(),
            goal: "POP3 downloads mail; a device that leaves it on the server lets another device fetch it too, while DELE removes it for everyone when the session ends.".into(),
            seed: 7,
            hosts: vec![
                HostSpec { id: "dave-phone".into(), name: Some("dave-phone.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: false, apop: false },
                Step::Send { at: Delay(SimDuration(240000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Re: Lunch on Friday?".into(), body: "Or Saturday?\n\nJohn\n".into(), padding_lines: 0 },
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
                HostSpec { id: "mx".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: Some(2000), footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Holiday photos".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 60 },
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
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.exmaple".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: "john-pc".into(), server: "pop.isp.example".into(), port: 110, login: "john".into(), password: "john-pass".into(), delete: false, apop: false },
            ],
        },
        Scenario {
            name: "pop3-vs-imap".into(),
            title: "POP3 versus IMAP on two devices".into(),
            goal: "POP3 downloads mail to one device and, with DELE, removes it from the server, so the phone never sees it. IMAP keeps mail on the server: both devices see it, reading it on one sets \\Seen for the other, a deletion reaches the other at once, and IDLE pushes new mail to the phone as it arrives.".into(),
            seed: 17,
            hosts: vec![
                HostSpec { id: "dave-phone".into(), name: Some("dave-phone.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
                Step::Imap { at: Delay(SimDuration(240000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: None, idle: None, append: None },
                Step::Send { at: Delay(SimDuration(360000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Dinner instead?".into(), body: "Or dinner on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Imap { at: Delay(SimDuration(480000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: None, idle: Some(Delay(SimDuration(600000000))), append: None },
                Step::Imap { at: Delay(SimDuration(600000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: true, delete: true, move_to: None, idle: None, append: None },
                Step::Send { at: Delay(SimDuration(720000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Cinema on Saturday?".into(), body: "And the cinema on Saturday?\n\nJohn\n".into(), padding_lines: 0 },
            ],
        },
        Scenario {
            name: "imap-folders".into(),
            title: "Folders: filing a mail and keeping a copy of the reply in Sent".into(),
            goal: "IMAP mail lives in folders on the server: the mail program moves John's message from INBOX into a folder of its own (CREATE, UID MOVE) and stores the copy of Dave's reply in Sent with APPEND. The folders are on the server: the phone, looking later, finds INBOX empty because the message now lives in Lunch.".into(),
            seed: 18,
            hosts: vec![
                HostSpec { id: "dave-phone".into(), name: Some("dave-phone.dave.example".into()), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Imap { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: Some("Lunch".into()), idle: None, append: Some(AppendSpec { folder: "Sent".into(), from: "dave@dave.example".into(), to: vec!["john@isp.example".into()], subject: "Re: Lunch on Friday?".into(), body: "Friday is fine.\n\nDave\n".into() }) },
                Step::Imap { at: Delay(SimDuration(240000000)), host: "dave-phone".into(), server: "mail.dave.example".into(), port: 143, login: "dave".into(), password: "dave-pass".into(), peek: false, delete: false, move_to: None, idle: None, append: None },
            ],
        },
        Scenario {
            name: "forged-from".into(),
            title: "Who really sent this? A forged From: refused by DMARC".into(),
            goal: "Anyone can type From: john@isp.example, but Dave's server checks: SPF says the stranger's computer may not send mail for isp.example, there is no DKIM signature from isp.example, and isp.example's DMARC policy says reject, so the forgery gets 550 5.7.1 while John's real mail passes.".into(),
            seed: 12,
            hosts: vec![
                HostSpec { id: "stranger".into(), name: Some("stranger.example".into()), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "stranger".into(), server: "mail.dave.example".into(), port: 25, auth: None, from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Urgent: send me your password".into(), body: "Hi Dave,\n\nI lost my password, please send me yours.\n\nJohn\n".into(), padding_lines: 0 },
                Step::Send { at: Delay(SimDuration(60000000)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(180000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
        Scenario {
            name: "altered-in-transit".into(),
            title: "Changed on the way: the DKIM body hash fails".into(),
            goal: "The ISP signs John's message with DKIM, then its virus scanner adds a line to the body on the way out. Dave's server computes the body's hash again: it no longer equals bh=, so DKIM fails. DMARC still passes, because SPF passes for isp.example: one aligned pass is enough.".into(),
            seed: 13,
            hosts: vec![
                HostSpec { id: "scanner".into(), name: Some("scan.isp.example".into()), ip: Some(Ipv4Addr::new(192, 0, 2, 30)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: Some(vec!["192.0.2.0/24".into()]), smarthost: None, greylist: None, max_message_size: None, footer: Some("-- Scanned for viruses by scan.isp.example".into()), accounts: vec![] },
                HostSpec { id: "isp".into(), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: Some("scan.isp.example".into()), greylist: None, max_message_size: None, footer: None, accounts: vec![] },
            ],
            mx: vec![
                MxSpec { domain: "isp.example".into(), preference: 20, host: "scan.isp.example".into() },
            ],
            retry: None,
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: "john-pc".into(), server: "smtp.isp.example".into(), port: 587, auth: Some(("john".into(), "john-pass".into())), from: "john@isp.example".into(), to: vec!["dave@dave.example".into()], subject: "Lunch on Friday?".into(), body: "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into(), padding_lines: 0 },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: "dave-pc".into(), server: "mail.dave.example".into(), port: 110, login: "dave".into(), password: "dave-pass".into(), delete: true, apop: false },
            ],
        },
    ]
}
