//! The built-in scenarios, generated from `protocol-core/scenarios/*.toml`
//! by the test `scenario::tests::catalogue_data_matches_the_toml_files`
//! (`MAILSIM_BLESS=1 cargo test -p protocol-core catalogue_data` rewrites it).
//! Do not edit: edit the TOML files.

use super::*;

pub(super) fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: st("seed-story"),
            title: st("John writes to Dave"),
            goal: st("An email travels in hops: John's program submits it to his ISP, the ISP finds Dave's server through DNS MX and relays it, and Dave's program downloads it with POP3."),
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("unknown-recipient"),
            title: st("No such user: the bounce"),
            goal: st("When the receiving server answers 550 for a recipient, the sending server returns the message to its sender as a delivery status notification, from the null sender <>."),
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dvae@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: false, apop: false },
            ],
        },
        Scenario {
            name: st("backup-mx"),
            title: st("Primary MX down: the backup takes over"),
            goal: st("A domain can list several MX hosts: when the preferred one is down, mail goes to the backup, which keeps it and forwards it when the primary is back."),
            seed: 3,
            hosts: vec![
                HostSpec { id: st("mx2"), name: Some(st("mx2.dave.example")), ip: Some(Ipv4Addr::new(198, 51, 100, 26)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: Some(sts(&["dave.example"])), relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
            ],
            mx: vec![
                MxSpec { domain: st("dave.example"), preference: 10, host: st("mail.dave.example") },
                MxSpec { domain: st("dave.example"), preference: 20, host: st("mx2.dave.example") },
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::HostDown { at: Delay(SimDuration(0)), host: st("mx") },
                Step::Send { at: Delay(SimDuration(1000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::HostUp { at: Delay(SimDuration(2400000000)), host: st("mx") },
                Step::Fetch { at: Delay(SimDuration(3600000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("greylisting"),
            title: st("Greylisting: please try again later"),
            goal: st("A 4xx reply is a temporary failure: the sending server keeps the message in its queue and retries later, and the retry gets through."),
            seed: 4,
            hosts: vec![
                HostSpec { id: st("mx"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: Some(Delay(SimDuration(300000000))), max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(1800000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("open-relay"),
            title: st("Who may relay? Open relay refused, AUTH required"),
            goal: st("A mail server relays only for its own users: a stranger gets 550 5.7.1 on port 25, and even John gets 530 on port 587 until he logs in."),
            seed: 5,
            hosts: vec![
                HostSpec { id: st("stranger"), name: Some(st("stranger.example")), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("stranger"), server: st("smtp.isp.example"), port: 25, auth: None, from: st("offers@stranger.example"), to: sts(&["dave@dave.example"]), subject: st("You have won!"), body: st("Click here.\n"), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(10000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: None, from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(20000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Second try, logged in"), body: st("This time I logged in first.\n"), padding_lines: 0, raw: false },
            ],
        },
        Scenario {
            name: st("spam-filter"),
            title: st("An extra hop: the spam filter"),
            goal: st("Mail can pass through more than two servers: Dave's MX record points at a filter that checks each message, adds an X-Spam-Status header with its score and the tests that matched, and relays it to the real mail server; every hop adds a Received line. John's message scores 0. The stranger's lottery mail scores 6 for three suspicious words, so the filter also marks it X-Spam-Flag: YES for Dave's mail program."),
            seed: 6,
            hosts: vec![
                HostSpec { id: st("filter"), name: Some(st("filter.dave.example")), ip: Some(Ipv4Addr::new(198, 51, 100, 30)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: Some(sts(&["dave.example"])), relay_networks: None, smarthost: Some(st("mail.dave.example")), greylist: None, max_message_size: None, footer: None, check_senders: Some(true), accounts: vec![], forward: vec![], spam: Some(SpamSpec { keywords: sts(&["lottery", "winner", "prize"]), required: Some(5) }), open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
                HostSpec { id: st("stranger"), name: Some(st("stranger.example")), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
            ],
            mx: vec![
                MxSpec { domain: st("dave.example"), preference: 10, host: st("filter.dave.example") },
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(30000000)), from_host: st("stranger"), server: st("filter.dave.example"), port: 25, auth: None, from: st("claims@lottery.example"), to: sts(&["dave@dave.example"]), subject: st("You are a winner!"), body: st("Dear friend,\n\nyour address has won our lottery. To collect your prize, reply with your bank details.\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("pop3-two-devices"),
            title: st("POP3 on two devices: leave on server or delete"),
            goal: st("POP3 downloads mail; a device that leaves it on the server lets another device fetch it too, while DELE removes it for everyone when the session ends."),
            seed: 7,
            hosts: vec![
                HostSpec { id: st("dave-phone"), name: Some(st("dave-phone.dave.example")), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: false, apop: false },
                Step::Send { at: Delay(SimDuration(240000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Re: Lunch on Friday?"), body: st("Or Saturday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(360000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: false, apop: false },
                Step::Fetch { at: Delay(SimDuration(480000000)), host: st("dave-phone"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("too-large"),
            title: st("Message too large"),
            goal: st("Each server sets a size limit and announces it with SIZE: a message over the limit is refused with 552 and bounced to its sender."),
            seed: 8,
            hosts: vec![
                HostSpec { id: st("mx"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: Some(2000), footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Holiday photos"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 60, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: false, apop: false },
            ],
        },
        Scenario {
            name: st("no-such-domain"),
            title: st("A typo in the domain: NXDOMAIN"),
            goal: st("If DNS says the recipient's domain does not exist (NXDOMAIN), no server can ever take the message, so the sender's server bounces it at once."),
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.exmaple"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: false, apop: false },
            ],
        },
        Scenario {
            name: st("pop3-vs-imap"),
            title: st("POP3 versus IMAP on two devices"),
            goal: st("POP3 downloads mail to one device and, with DELE, removes it from the server, so the phone never sees it. IMAP keeps mail on the server: both devices see it, reading it on one sets \\Seen for the other, a deletion reaches the other at once, and IDLE pushes new mail to the phone as it arrives."),
            seed: 17,
            hosts: vec![
                HostSpec { id: st("dave-phone"), name: Some(st("dave-phone.dave.example")), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
                Step::Imap { at: Delay(SimDuration(240000000)), host: st("dave-phone"), server: st("mail.dave.example"), port: 143, login: st("dave"), password: st("dave-pass"), peek: false, delete: false, move_to: None, idle: None, append: None },
                Step::Send { at: Delay(SimDuration(360000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Dinner instead?"), body: st("Or dinner on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Imap { at: Delay(SimDuration(480000000)), host: st("dave-phone"), server: st("mail.dave.example"), port: 143, login: st("dave"), password: st("dave-pass"), peek: false, delete: false, move_to: None, idle: Some(Delay(SimDuration(600000000))), append: None },
                Step::Imap { at: Delay(SimDuration(600000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 143, login: st("dave"), password: st("dave-pass"), peek: true, delete: true, move_to: None, idle: None, append: None },
                Step::Send { at: Delay(SimDuration(720000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Cinema on Saturday?"), body: st("And the cinema on Saturday?\n\nJohn\n"), padding_lines: 0, raw: false },
            ],
        },
        Scenario {
            name: st("imap-folders"),
            title: st("Folders: filing a mail and keeping a copy of the reply in Sent"),
            goal: st("IMAP mail lives in folders on the server: the mail program moves John's message from INBOX into a folder of its own (CREATE, UID MOVE) and stores the copy of Dave's reply in Sent with APPEND. The folders are on the server: the phone, looking later, finds INBOX empty because the message now lives in Lunch."),
            seed: 18,
            hosts: vec![
                HostSpec { id: st("dave-phone"), name: Some(st("dave-phone.dave.example")), ip: Some(Ipv4Addr::new(198, 51, 100, 11)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Imap { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 143, login: st("dave"), password: st("dave-pass"), peek: false, delete: false, move_to: Some(st("Lunch")), idle: None, append: Some(AppendSpec { folder: st("Sent"), from: st("dave@dave.example"), to: sts(&["john@isp.example"]), subject: st("Re: Lunch on Friday?"), body: st("Friday is fine.\n\nDave\n") }) },
                Step::Imap { at: Delay(SimDuration(240000000)), host: st("dave-phone"), server: st("mail.dave.example"), port: 143, login: st("dave"), password: st("dave-pass"), peek: false, delete: false, move_to: None, idle: None, append: None },
            ],
        },
        Scenario {
            name: st("pipelining"),
            title: st("Pipelining: one batch of commands, replies in order"),
            goal: st("With PIPELINING a client sends MAIL and all its RCPT commands at once; the server answers each in turn, and the client matches the replies to its commands by their order, so one refused recipient does not stop the others."),
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example", "dvae@dave.example", "postmaster@dave.example"]), subject: st("Party on Saturday"), body: st("Hi all,\n\nparty at my place on Saturday!\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: false, apop: false },
            ],
        },
        Scenario {
            name: st("injected-faults"),
            title: st("Faults on purpose: 421, 451 and a dropped connection"),
            goal: st("A sending server must survive a receiving server that misbehaves: after a 421 greeting, a 451 to RCPT and a connection dropped after the final dot, it keeps the message and retries until it gets through. These faults are injected by the scenario; a healthy server would not do this."),
            seed: 25,
            hosts: vec![
                HostSpec { id: st("isp"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: Some(RetrySpec { schedule: vec![Delay(SimDuration(300000000)), Delay(SimDuration(600000000)), Delay(SimDuration(1200000000))], max_age: Delay(SimDuration(86400000000)), warn_after: None }), dkim: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
                FaultSpec { host: st("mx"), port: None, on: crate::smtp::server::FaultStage::Greeting, reply: Some(st("421 4.3.2 mail.dave.example Service not available, closing (injected)")), drop: false, times: Some(1) },
                FaultSpec { host: st("mx"), port: None, on: crate::smtp::server::FaultStage::Rcpt, reply: Some(st("451 4.3.0 Temporary failure, try again later (injected)")), drop: false, times: Some(1) },
                FaultSpec { host: st("mx"), port: None, on: crate::smtp::server::FaultStage::EndOfData, reply: None, drop: true, times: Some(1) },
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(3600000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("give-up"),
            title: st("Five days down: retries, a delay warning, then the bounce"),
            goal: st("A server that keeps a message must not give up at the first failure: it retries for days, warns the sender after a few hours that the mail is late (Action: delayed), and only bounces it when its time limit is reached."),
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
                Step::HostDown { at: Delay(SimDuration(0)), host: st("mx") },
                Step::Send { at: Delay(SimDuration(1000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(86400000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: true, apop: false },
                Step::Fetch { at: Delay(SimDuration(352800000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: true, apop: false },
                Step::HostUp { at: Delay(SimDuration(432000000000)), host: st("mx") },
            ],
        },
        Scenario {
            name: st("null-mx"),
            title: st("Null MX: a domain that takes no mail"),
            goal: st("A domain can say in DNS that it never receives email (a null MX, \"MX 0 .\"). The sending server then bounces at once with 5.1.10, instead of trying for days."),
            seed: 20,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
                DnsSpec::A { name: st("shop.example"), ip: Ipv4Addr::new(203, 0, 113, 80) },
                DnsSpec::NullMx { domain: st("shop.example") },
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["no-reply@shop.example"]), subject: st("Re: Your order 4711"), body: st("Hello,\n\nwhere is my parcel?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(300000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: false, apop: false },
            ],
        },
        Scenario {
            name: st("mail-loop"),
            title: st("A mail loop: two servers pass a message back and forth"),
            goal: st("A misconfiguration can make two servers relay a message to each other for ever. Each hop adds a Received line; at 100 of them a server stops the loop and bounces the message (RFC 5321 §6.3)."),
            seed: 21,
            hosts: vec![
                HostSpec { id: st("mx"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: Some(sts(&[])), relay_domains: Some(sts(&["dave.example"])), relay_networks: None, smarthost: Some(st("smtp.isp.example")), greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
                HostSpec { id: st("isp"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: Some(sts(&["192.0.2.0/24", "198.51.100.25/32"])), smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(600000000)), host: st("john-pc"), server: st("pop.isp.example"), port: 110, login: st("john"), password: st("john-pass"), delete: false, apop: false },
            ],
        },
        Scenario {
            name: st("lossy-link"),
            title: st("A lossy link: lost packets become delay"),
            goal: st("TCP resends every segment that is lost, so a bad network does not lose mail: it only makes it slower. Each retransmission waits for a timeout, and the delays add up."),
            seed: 22,
            hosts: vec![
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
                LinkSpec { a: st("isp"), b: st("mx"), latency: Some(Delay(SimDuration(40000))), loss_percent: Percent(300000) },
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("smtp-smuggling"),
            title: st("SMTP smuggling (2023): a hidden second message, refused"),
            goal: st("An attacker hides a second, forged message behind a fake end of data made of bare LFs (<LF>.<LF>). Only CR LF . CR LF ends a message (RFC 5321 §4.1.1.4), and a bare LF is not a line end (§2.3.8): Dave's server refuses the whole message, so nothing is smuggled."),
            seed: 24,
            hosts: vec![
                HostSpec { id: st("attacker"), name: Some(st("attacker.example")), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("attacker"), server: st("mail.dave.example"), port: 25, auth: None, from: st("news@attacker.example"), to: sts(&["dave@dave.example"]), subject: st("Our newsletter"), body: st("Hello Dave,\r\nhere is our newsletter.\r\n\n.\nMAIL FROM:<boss@dave.example>\nRCPT TO:<dave@dave.example>\nDATA\nFrom: The Boss <boss@dave.example>\nTo: Dave <dave@dave.example>\nSubject: Urgent: pay invoice 4711 today\n\nPlease pay invoice 4711 today. The Boss\r\n"), padding_lines: 0, raw: true },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("smtp-smuggling-vulnerable"),
            title: st("SMTP smuggling (2023): a server that normalises bare LF"),
            goal: st("The same attack against a server that reads a bare LF as a line end: <LF>.<LF> ends the first message early, the hidden commands run, and a forged message from the boss lands in Dave's mailbox. This is the vulnerability; do not run a server like this."),
            seed: 24,
            hosts: vec![
                HostSpec { id: st("attacker"), name: Some(st("attacker.example")), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
                HostSpec { id: st("mx"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: Some(BareLf::Normalise), retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("attacker"), server: st("mail.dave.example"), port: 25, auth: None, from: st("news@attacker.example"), to: sts(&["dave@dave.example"]), subject: st("Our newsletter"), body: st("Hello Dave,\r\nhere is our newsletter.\r\n\n.\nMAIL FROM:<boss@dave.example>\nRCPT TO:<dave@dave.example>\nDATA\nFrom: The Boss <boss@dave.example>\nTo: Dave <dave@dave.example>\nSubject: Urgent: pay invoice 4711 today\n\nPlease pay invoice 4711 today. The Boss\r\n"), padding_lines: 0, raw: true },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("forged-from"),
            title: st("Who really sent this? A forged From: refused by DMARC"),
            goal: st("Anyone can type From: john@isp.example, but Dave's server checks: SPF says the stranger's computer may not send mail for isp.example, there is no DKIM signature from isp.example, and isp.example's DMARC policy says reject, so the forgery gets 550 5.7.1 while John's real mail passes."),
            seed: 12,
            hosts: vec![
                HostSpec { id: st("stranger"), name: Some(st("stranger.example")), ip: Some(Ipv4Addr::new(203, 0, 113, 66)), smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
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
                Step::Send { at: Delay(SimDuration(0)), from_host: st("stranger"), server: st("mail.dave.example"), port: 25, auth: None, from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Urgent: send me your password"), body: st("Hi Dave,\n\nI lost my password, please send me yours.\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(60000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(180000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("altered-in-transit"),
            title: st("Changed on the way: the DKIM body hash fails"),
            goal: st("The ISP signs John's message with DKIM, then its virus scanner adds a line to the body on the way out. Dave's server computes the body's hash again: it no longer equals bh=, so DKIM fails. DMARC still passes, because SPF passes for isp.example: one aligned pass is enough."),
            seed: 13,
            hosts: vec![
                HostSpec { id: st("scanner"), name: Some(st("scan.isp.example")), ip: Some(Ipv4Addr::new(192, 0, 2, 30)), smtp: Some(true), submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: Some(sts(&["192.0.2.0/24"])), smarthost: None, greylist: None, max_message_size: None, footer: Some(st("-- Scanned for viruses by scan.isp.example")), check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
                HostSpec { id: st("isp"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: Some(st("scan.isp.example")), greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
            ],
            mx: vec![
                MxSpec { domain: st("isp.example"), preference: 20, host: st("scan.isp.example") },
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("forwarded"),
            title: st("Forwarded: SPF breaks, DKIM survives"),
            goal: st("Dave has his mail forwarded to his new address at elsewhere.example. Dave's server passes John's message on unchanged, with John's own envelope sender, so the last server sees mail for isp.example arrive from Dave's server: SPF fails. The ISP's DKIM signature still fits the unchanged message, so DKIM passes, and DMARC passes on DKIM."),
            seed: 14,
            hosts: vec![
                HostSpec { id: st("elsewhere"), name: Some(st("mail.elsewhere.example")), ip: Some(Ipv4Addr::new(203, 0, 113, 25)), smtp: Some(true), submission: None, pop3: Some(true), imap: None, local_domains: Some(sts(&["elsewhere.example"])), relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: Some(true), accounts: vec![AccountSpec { login: st("dave"), password: st("new-pass"), address: st("dave@elsewhere.example") }], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
                HostSpec { id: st("mx"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: None, relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![], forward: vec![ForwardSpec { from: st("dave@dave.example"), to: st("dave@elsewhere.example") }], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
            ],
            mx: vec![
                MxSpec { domain: st("elsewhere.example"), preference: 10, host: st("mail.elsewhere.example") },
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("john"), st("john-pass"))), from: st("john@isp.example"), to: sts(&["dave@dave.example"]), subject: st("Lunch on Friday?"), body: st("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(120000000)), host: st("dave-pc"), server: st("mail.elsewhere.example"), port: 110, login: st("dave"), password: st("new-pass"), delete: true, apop: false },
            ],
        },
        Scenario {
            name: st("strict-alignment"),
            title: st("Relaxed or strict: DMARC alignment for a subdomain"),
            goal: st("The ISP sends two newsletters from subdomains, both signed with DKIM by d=isp.example; the subdomains publish no SPF, so only DKIM can satisfy DMARC. shop.isp.example's policy uses relaxed alignment (adkim=r): isp.example and shop.isp.example share the organisational domain isp.example, so DMARC passes. news.isp.example's policy asks for strict alignment (adkim=s): isp.example is not exactly news.isp.example, so DMARC fails and Dave's server refuses it with 550 5.7.1."),
            seed: 15,
            hosts: vec![
                HostSpec { id: st("isp"), name: None, ip: None, smtp: None, submission: None, pop3: None, imap: None, local_domains: Some(sts(&["isp.example", "shop.isp.example", "news.isp.example"])), relay_domains: None, relay_networks: None, smarthost: None, greylist: None, max_message_size: None, footer: None, check_senders: None, accounts: vec![AccountSpec { login: st("shop"), password: st("shop-pass"), address: st("offers@shop.isp.example") }, AccountSpec { login: st("news"), password: st("news-pass"), address: st("newsletter@news.isp.example") }], forward: vec![], spam: None, open_relay: None, pipelining: None, bare_lf: None, retry: None, dkim: None },
            ],
            mx: vec![
            ],
            retry: None,
            links: vec![
            ],
            dns: vec![
                DnsSpec::Txt { name: st("_dmarc.shop.isp.example"), text: st("v=DMARC1; p=reject; adkim=r") },
                DnsSpec::Txt { name: st("_dmarc.news.isp.example"), text: st("v=DMARC1; p=reject; adkim=s") },
            ],
            faults: vec![
            ],
            steps: vec![
                Step::Send { at: Delay(SimDuration(0)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("shop"), st("shop-pass"))), from: st("offers@shop.isp.example"), to: sts(&["dave@dave.example"]), subject: st("This week's offers"), body: st("Hello Dave,\n\nthis week: 20% off all routers.\n\nYour ISP's shop\n"), padding_lines: 0, raw: false },
                Step::Send { at: Delay(SimDuration(60000000)), from_host: st("john-pc"), server: st("smtp.isp.example"), port: 587, auth: Some((st("news"), st("news-pass"))), from: st("newsletter@news.isp.example"), to: sts(&["dave@dave.example"]), subject: st("News from your ISP"), body: st("Hello Dave,\n\nour network will be faster from Monday.\n\nYour ISP\n"), padding_lines: 0, raw: false },
                Step::Fetch { at: Delay(SimDuration(180000000)), host: st("dave-pc"), server: st("mail.dave.example"), port: 110, login: st("dave"), password: st("dave-pass"), delete: true, apop: false },
            ],
        },
    ]
}
