//! What the page plays: a trace from the core plus the hosts to draw it on.
//! Built only from the core's public API (scenarios, the world, its trace);
//! nothing here decides protocol behaviour.

use protocol_core::address::Mailbox;
use protocol_core::scenario::{builtin, catalogue, Scenario, Step};
use protocol_core::sim::{EventKind, TraceEvent, World};
use protocol_core::SimDuration;

/// How a host is drawn on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostRole {
    Computer,
    IspServer,
    DnsServer,
    MailServer,
}

impl HostRole {
    pub fn label(self) -> &'static str {
        match self {
            HostRole::Computer => "computer",
            HostRole::IspServer => "ISP server",
            HostRole::DnsServer => "DNS server",
            HostRole::MailServer => "mail server",
        }
    }
}

/// One host of the world, placed for the map and the sequence diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct HostInfo {
    pub id: String,
    pub name: String,
    pub ip: String,
    pub role: HostRole,
    /// The one name a student reads for this host everywhere (map, lanes,
    /// narration, inspector): the DNS name's first label, or the whole DNS
    /// name where two hosts share a first label.
    pub short: String,
    /// Position on the map, in a 1000 x 440 box.
    pub x: f64,
    pub y: f64,
}

/// A playable story: the scenario's words, its trace and its hosts.
#[derive(Clone, Debug)]
pub struct Story {
    pub name: String,
    pub title: String,
    pub goal: String,
    pub trace: Vec<TraceEvent>,
    /// In lifeline order (left to right).
    pub hosts: Vec<HostInfo>,
    /// Pairs of host indexes that talk to each other in the trace.
    pub links: Vec<(usize, usize)>,
    /// The seed the world ran with, for a scenario's story.
    pub seed: Option<u64>,
    /// The message written in the compose form, for its story.
    pub draft: Option<Draft>,
}

/// Who writes in the compose form, and how their mail program sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sender {
    /// John submits to his ISP on port 587, logged in.
    #[default]
    John,
    /// Dave replies: he submits to his own server on port 587, logged in
    /// (the compose story turns on submission there).
    Dave,
    /// An outside host with no account: it talks straight to the
    /// recipient's mail server on port 25, as any MTA may.
    Stranger,
}

impl Sender {
    pub const ALL: [(Sender, &'static str); 3] = [
        (Sender::John, "John <john@isp.example>"),
        (Sender::Dave, "Dave <dave@dave.example> (a reply)"),
        (Sender::Stranger, "a stranger <someone@stranger.example>"),
    ];
    pub fn key(self) -> &'static str {
        match self {
            Sender::John => "john",
            Sender::Dave => "dave",
            Sender::Stranger => "stranger",
        }
    }
    pub fn from_key(k: &str) -> Sender {
        match k {
            "dave" => Sender::Dave,
            "stranger" => Sender::Stranger,
            _ => Sender::John,
        }
    }
    /// Whom they write to unless told otherwise.
    pub fn default_to(self) -> &'static str {
        match self {
            Sender::Dave => "john@isp.example",
            _ => "dave@dave.example",
        }
    }
    /// How the message leaves, in words for the form.
    pub fn route(self) -> &'static str {
        match self {
            Sender::John => "sent through smtp.isp.example (port 587, logged in as john)",
            Sender::Dave => "sent through mail.dave.example (port 587, logged in as dave)",
            Sender::Stranger => {
                "sent from stranger.example straight to the recipient's mail server (port 25, no login)"
            }
        }
    }
    fn host(self) -> &'static str {
        match self {
            Sender::John => "john-pc",
            Sender::Dave => "dave-pc",
            Sender::Stranger => "stranger",
        }
    }
}

/// What the sender types in the compose form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub from: Sender,
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Draft {
    /// The recipients, or a message a mail program would show.
    pub fn recipients(&self) -> Result<Vec<String>, String> {
        let parts: Vec<&str> = self
            .to
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return Err(
                "Please enter at least one recipient in To, for example dave@dave.example.".into(),
            );
        }
        parts
            .into_iter()
            .map(|p| {
                // "Dave <dave@dave.example>": the address is the part in <>.
                let bare = match (p.rfind('<'), p.rfind('>')) {
                    (Some(a), Some(b)) if a < b => p[a + 1..b].trim(),
                    _ => p.trim_start_matches('<').trim_end_matches('>'),
                };
                if !bare.is_ascii() {
                    return Err(format!(
                        "The address {bare} has letters outside ASCII. Mail to it needs the \
                         SMTPUTF8 extension (RFC 6531), and the servers here do not offer it \
                         (it is not in their EHLO reply), so John's program cannot send it. \
                         Use an ASCII address, for example dave@dave.example."
                    ));
                }
                Mailbox::parse(bare).map(|m| m.to_string()).map_err(|e| {
                    format!("The address in To cannot be used: {e}. Check it and try again.")
                })
            })
            .collect()
    }
}

/// Lifeline / map order: senders left, the ISP, DNS, other mail servers, Dave's computers right.
const MAX_RANK: u32 = 8;

fn rank(id: &str, role: HostRole) -> u32 {
    match (id, role) {
        ("john-pc", _) => 0,
        ("dave-pc", _) => 7,
        (_, HostRole::Computer) if id.starts_with("dave-") => 8,
        (_, HostRole::Computer) => 1,
        (_, HostRole::IspServer) => 2,
        (_, HostRole::DnsServer) => 3,
        ("filter", _) => 4,
        ("mx", _) => 5,
        (_, HostRole::MailServer) => 6,
    }
}

impl Story {
    /// Runs a scenario to the end and lays out its hosts.
    pub fn from_scenario(s: &Scenario) -> Story {
        Story::from_scenario_seeded(s, None)
    }

    /// The same with another seed (`None`: the scenario's own).
    pub fn from_scenario_seeded(s: &Scenario, seed: Option<u64>) -> Story {
        let seed = seed.unwrap_or(s.seed);
        let mut story = Story::from_world(&s.name, &s.title, &s.goal, &s.run(Some(seed)));
        story.seed = Some(seed);
        story
    }

    /// A world's trace so far, with its hosts laid out.
    pub fn from_world(name: &str, title: &str, goal: &str, world: &World) -> Story {
        let trace = world.trace().to_vec();
        let answers_dns = |id: &str| {
            trace
                .iter()
                .any(|e| e.from == id && matches!(e.kind, EventKind::DnsAnswer { .. }))
        };
        let all: Vec<HostInfo> = world
            .hosts()
            .map(|h| {
                let c = &h.config;
                let role = if c.submission {
                    HostRole::IspServer
                } else if c.smtp || c.pop3 {
                    HostRole::MailServer
                } else if answers_dns(&c.id) || c.id == "dns" {
                    HostRole::DnsServer
                } else {
                    HostRole::Computer
                };
                HostInfo {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    ip: c.ip.to_string(),
                    role,
                    short: String::new(),
                    x: 0.0,
                    y: 0.0,
                }
            })
            .collect();
        // Ordered by (rank, id). `hosts()` yields them by id, so taking them
        // rank by rank keeps that order within a rank; a slice sort would add
        // several KB of sort code to the web bundle for a handful of hosts.
        let mut hosts = Vec::with_capacity(all.len());
        for r in 0..=MAX_RANK {
            hosts.extend(all.iter().filter(|h| rank(&h.id, h.role) == r).cloned());
        }
        layout(&mut hosts);
        let firsts: Vec<String> = hosts.iter().map(|h| first_label(&h.name)).collect();
        for (k, h) in hosts.iter_mut().enumerate() {
            let clash = firsts.iter().filter(|f| **f == firsts[k]).count() > 1;
            h.short = if clash {
                h.name.clone()
            } else {
                firsts[k].clone()
            };
        }
        let mut story = Story {
            name: name.into(),
            title: title.into(),
            goal: goal.into(),
            trace,
            hosts,
            links: Vec::new(),
            seed: None,
            draft: None,
        };
        story.add_links(0);
        story
    }

    /// Appends the events the world added since, for a world that keeps
    /// running (the telnet pane's).
    pub fn extend_from(&mut self, world: &World) {
        let from = self.trace.len();
        self.trace
            .extend_from_slice(world.events_since(from as u64));
        self.add_links(from);
    }

    /// Links for every pair of hosts that talk in events `from..`.
    fn add_links(&mut self, from: usize) {
        for e in &self.trace[from..] {
            if let (Some(a), Some(b)) = (self.host_index(&e.from), self.host_index(&e.to)) {
                if a != b {
                    let pair = (a.min(b), a.max(b));
                    if !self.links.contains(&pair) {
                        self.links.push(pair);
                    }
                }
            }
        }
    }

    /// The name a student reads for host `id` (its short DNS name); an id
    /// that is not a host of the story ("world") stays as it is.
    pub fn host_name(&self, id: &str) -> String {
        self.host_index(id)
            .map_or_else(|| id.to_string(), |k| self.hosts[k].short.clone())
    }

    pub fn host_index(&self, id: &str) -> Option<usize> {
        self.hosts.iter().position(|h| h.id == id)
    }
}

/// "mail" for "mail.dave.example".
pub fn first_label(name: &str) -> String {
    name.split('.').next().unwrap_or(name).to_string()
}

/// Places hosts: DNS servers on a top row, the rest left to right by rank,
/// hosts of equal rank stacked.
/// Hosts drawn on the top row rather than in the mail path: DNS servers,
/// outsiders (computers that are neither John's nor Dave's, such as the
/// stranger) on the left, and Dave's other devices on the right, so that no
/// link runs through another host's icon.
fn on_top(h: &HostInfo) -> bool {
    h.role == HostRole::DnsServer || matches!(rank(&h.id, h.role), 1 | 8)
}

fn layout(hosts: &mut [HostInfo]) {
    let (w, top, mid) = (1000.0, 50.0, 285.0);
    let mut columns: Vec<u32> = hosts
        .iter()
        .filter(|h| !on_top(h))
        .map(|h| rank(&h.id, h.role))
        .collect();
    columns.dedup();
    let n = columns.len().max(1) as f64;
    let dns: Vec<usize> = (0..hosts.len())
        .filter(|&i| hosts[i].role == HostRole::DnsServer)
        .collect();
    for (k, &i) in dns.iter().enumerate() {
        hosts[i].x = w * (k as f64 + 1.0) / (dns.len() as f64 + 1.0);
        hosts[i].y = top;
    }
    for (wanted, x0, step) in [(1, 210.0, 170.0), (8, 800.0, -170.0)] {
        let row: Vec<usize> = (0..hosts.len())
            .filter(|&i| on_top(&hosts[i]) && rank(&hosts[i].id, hosts[i].role) == wanted)
            .collect();
        for (k, &i) in row.iter().enumerate() {
            hosts[i].x = x0 + step * k as f64;
            hosts[i].y = top;
        }
    }
    for (c, rank_c) in columns.iter().enumerate() {
        let members: Vec<usize> = (0..hosts.len())
            .filter(|&i| !on_top(&hosts[i]) && rank(&hosts[i].id, hosts[i].role) == *rank_c)
            .collect();
        let m = members.len() as f64;
        for (k, &i) in members.iter().enumerate() {
            hosts[i].x = 110.0 + (w - 220.0) * c as f64 / (n - 1.0).max(1.0);
            hosts[i].y = mid + (k as f64 - (m - 1.0) / 2.0) * 120.0;
        }
    }
}

/// The sandbox story's name, title and goal.
pub const SANDBOX: (&str, &str, &str) = (
    "sandbox",
    "Sandbox (telnet)",
    "Type SMTP and POP3 yourself: telnet to any server in the Telnet pane and watch your lines travel.",
);

/// The name of the story of a scenario's world that the telnet pane joined.
pub fn joined_name(scenario: &str) -> String {
    format!("{scenario}+telnet")
}

/// The name of the telnet pane's story: the sandbox's, or the joined one's.
pub fn console_story_name(c: &crate::telnet::Console) -> String {
    if c.world_name == SANDBOX.0 {
        SANDBOX.0.to_string()
    } else {
        joined_name(&c.world_name)
    }
}

/// The story of the telnet pane's world: the sandbox, or a joined scenario.
/// In the empty sandbox, the links of the usual mail path are drawn already.
pub fn console_story(c: &crate::telnet::Console) -> Story {
    if c.world_name == SANDBOX.0 {
        let mut s = Story::from_world(SANDBOX.0, SANDBOX.1, SANDBOX.2, c.world());
        for (a, b) in [
            ("john-pc", "isp"),
            ("isp", "dns"),
            ("isp", "mx"),
            ("mx", "dave-pc"),
            ("stranger", "mx"),
        ] {
            if let (Some(a), Some(b)) = (s.host_index(a), s.host_index(b)) {
                let pair = (a.min(b), a.max(b));
                if !s.links.contains(&pair) {
                    s.links.push(pair);
                }
            }
        }
        s
    } else {
        let goal = builtin(&c.world_name).map(|s| s.goal).unwrap_or_default();
        Story::from_world(
            &joined_name(&c.world_name),
            &format!("{} + telnet", c.world_title),
            &goal,
            c.world(),
        )
    }
}

/// The built-in scenarios: (name, title, goal).
pub fn scenario_list() -> Vec<(String, String, String)> {
    catalogue()
        .into_iter()
        .map(|s| (s.name, s.title, s.goal))
        .collect()
}

/// A built-in scenario by name, played.
pub fn builtin_story(name: &str) -> Option<Story> {
    builtin(name).map(|s| Story::from_scenario(&s))
}

/// The seed story with John's own message.
/// John's own message as a story, and, when his server refused it, what
/// his mail program would tell him ("Your message was not sent: ...").
pub fn composed_story(draft: &Draft) -> Result<(Story, Option<String>), String> {
    let to = draft.recipients()?;
    let mut s = builtin("seed-story").ok_or("the seed story is missing from the catalogue")?;
    let sender = draft.from;
    for step in &mut s.steps {
        if let Step::Send {
            to: t,
            subject,
            body,
            from_host,
            server,
            port,
            auth,
            from,
            ..
        } = step
        {
            *t = to.clone();
            // Header fields are ASCII: the mail program writes RFC 2047 words.
            *subject = crate::words::encode(&draft.subject);
            *body = draft.body.clone();
            match sender {
                Sender::John => {}
                Sender::Dave => {
                    *from_host = "dave-pc".into();
                    *server = "mail.dave.example".into();
                    *auth = Some(("dave".into(), "dave-pass".into()));
                    *from = "dave@dave.example".into();
                }
                Sender::Stranger => {
                    *from_host = "stranger".into();
                    *server = if to.iter().all(|r| r.ends_with("@isp.example")) {
                        "smtp.isp.example".into()
                    } else {
                        "mail.dave.example".into()
                    };
                    *port = 25;
                    *auth = None;
                    *from = "someone@stranger.example".into();
                }
            }
        }
    }
    // The extra cast: Dave's server takes submissions; the stranger exists.
    // Built from `Default`, so that new fields of the format keep their
    // "unchanged" value here.
    let spec = |id: &str| protocol_core::scenario::HostSpec {
        id: id.into(),
        ..Default::default()
    };
    match sender {
        Sender::John => {}
        Sender::Dave => s.hosts.push(protocol_core::scenario::HostSpec {
            submission: Some(true),
            ..spec("mx")
        }),
        Sender::Stranger => s.hosts.push(protocol_core::scenario::HostSpec {
            name: Some("stranger.example".into()),
            ip: Some(std::net::Ipv4Addr::new(203, 0, 113, 66)),
            ..spec("stranger")
        }),
    }
    // Whoever it was written to checks their mail: Dave (the seed story's
    // fetch) for dave.example, John for isp.example.
    let fetch_at = s.steps.iter().find_map(|st| match st {
        Step::Fetch { at, .. } => Some(*at),
        _ => None,
    });
    let to_dave = to.iter().any(|r| r.ends_with("@dave.example"));
    let to_john = to.iter().any(|r| r.ends_with("@isp.example"));
    if !to_dave {
        s.steps.retain(|st| !matches!(st, Step::Fetch { .. }));
    }
    if let (true, Some(at)) = (to_john, fetch_at) {
        s.steps.push(Step::Fetch {
            at,
            host: "john-pc".into(),
            server: "smtp.isp.example".into(),
            port: 110,
            login: "john".into(),
            password: "john-pass".into(),
            delete: false,
            apop: false,
        });
    }
    s.name = "compose".into();
    let subject = if draft.subject.trim().is_empty() {
        "(no subject)"
    } else {
        &draft.subject
    };
    let who = match sender {
        Sender::John => "John's",
        Sender::Dave => "Dave's",
        Sender::Stranger => "The stranger's",
    };
    s.title = format!("{who} message: {subject}");
    let mut story = Story::from_scenario(&s);
    story.draft = Some(draft.clone());
    let refusal = refusal(&story, sender.host());
    if let Some(r) = &refusal {
        story.title = format!("{who} message, not sent: {subject}");
        story.goal = r.clone();
    }
    Ok((story, refusal))
}

/// The first error reply the sender's mail program got, told as it would
/// tell them: the server's reply line and what it means.
fn refusal(story: &Story, sender_host: &str) -> Option<String> {
    let (i, e, text, code) = story
        .trace
        .iter()
        .enumerate()
        .find_map(|(i, e)| match &e.kind {
            EventKind::Line {
                text,
                parsed:
                    Some(protocol_core::sim::Parsed::Reply {
                        code, more: false, ..
                    }),
                ..
            } if e.to == sender_host && *code >= 400 => Some((i, e, text, *code)),
            _ => None,
        })?;
    let meaning = crate::state::explanation_keys(&story.trace, i)
        .iter()
        .filter_map(|k| protocol_core::explain::lookup(k))
        .map(|x| format!("{}: {}", x.title, x.text))
        .next()
        .unwrap_or_default();
    Some(format!(
        "Your message was not sent{}: {} replied \"{text}\". {meaning}",
        if code < 500 { " yet" } else { "" },
        story.host_name(&e.from),
    ))
}

/// A long trace for performance checks: the seed story's send repeated
/// every five minutes until the trace has at least `min_events` events.
pub fn bench_story(min_events: usize) -> Story {
    let base = builtin("seed-story").expect("seed story");
    let send = base
        .steps
        .iter()
        .find(|s| matches!(s, Step::Send { .. }))
        .cloned()
        .expect("a send step");
    let fetch = base
        .steps
        .iter()
        .find(|s| matches!(s, Step::Fetch { .. }))
        .cloned()
        .expect("a fetch step");
    let mut n = 1;
    loop {
        let mut s = base.clone();
        s.steps.clear();
        for k in 0..n {
            let shift = |st: &Step| -> Step {
                let mut st = st.clone();
                let extra = SimDuration(k as u64 * 300_000_000);
                match &mut st {
                    Step::Send { at, .. } | Step::Fetch { at, .. } => {
                        at.0 = SimDuration(at.0.as_micros() + extra.as_micros())
                    }
                    _ => {}
                }
                st
            };
            s.steps.push(shift(&send));
            s.steps.push(shift(&fetch));
        }
        s.name = "bench".into();
        s.title = format!("{n} messages, one after another");
        let story = Story::from_scenario(&s);
        if story.trace.len() >= min_events || n >= 64 {
            return story;
        }
        n = (n * min_events / story.trace.len().max(1)).max(n + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_recipients_case_table() {
        let cases: &[(&str, Result<&[&str], &str>)] = &[
            ("dave@dave.example", Ok(&["dave@dave.example"])),
            (" <dave@dave.example> ", Ok(&["dave@dave.example"])),
            ("Dave <dave@dave.example>", Ok(&["dave@dave.example"])),
            (
                "dave@dave.example, john@isp.example",
                Ok(&["dave@dave.example", "john@isp.example"]),
            ),
            ("", Err("at least one recipient")),
            ("dave", Err("needs an @")),
            ("dave@", Err("domain after the @ is missing")),
            ("da ve@dave.example", Err("spaces")),
        ];
        for (to, want) in cases {
            let d = Draft {
                to: to.to_string(),
                ..Default::default()
            };
            match (d.recipients(), want) {
                (Ok(got), Ok(w)) => assert_eq!(
                    got,
                    w.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    "{to:?}"
                ),
                (Err(got), Err(w)) => assert!(got.contains(w), "{to:?}: {got}"),
                (got, want) => panic!("{to:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn seed_story_hosts_are_laid_out_by_role() {
        let s = builtin_story("seed-story").unwrap();
        let ids: Vec<&str> = s.hosts.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["john-pc", "isp", "dns", "mx", "dave-pc"]);
        let roles: Vec<HostRole> = s.hosts.iter().map(|h| h.role).collect();
        assert_eq!(
            roles,
            [
                HostRole::Computer,
                HostRole::IspServer,
                HostRole::DnsServer,
                HostRole::MailServer,
                HostRole::Computer
            ]
        );
        assert!(
            s.hosts[0].x < s.hosts[1].x
                && s.hosts[1].x < s.hosts[3].x
                && s.hosts[3].x < s.hosts[4].x
        );
        assert!(s.hosts[2].y < s.hosts[0].y, "DNS sits above the mail path");
        assert!(
            s.links.contains(&(0, 1)) && s.links.contains(&(1, 3)) && s.links.contains(&(3, 4))
        );
    }

    #[test]
    fn composed_story_carries_johns_subject_and_body() {
        let d = Draft {
            from: Sender::John,
            to: "dave@dave.example".into(),
            subject: "Chess tonight".into(),
            body: "Bring the board.\n".into(),
        };
        let (s, refused) = composed_story(&d).unwrap();
        assert_eq!(refused, None);
        let delivered = s.trace.iter().find_map(|e| match &e.kind {
            EventKind::Delivered { message, .. } => Some(message.clone()),
            _ => None,
        });
        let m = delivered.expect("delivered");
        assert!(m.contains("Subject: Chess tonight"), "{m}");
        assert!(m.contains("Bring the board."), "{m}");
        assert!(composed_story(&Draft {
            to: "nobody".into(),
            ..d
        })
        .is_err());
    }

    #[test]
    fn a_non_ascii_subject_travels_as_encoded_words() {
        let d = Draft {
            from: Sender::John,
            to: "dave@dave.example".into(),
            subject: "Grüße 🍕".into(),
            body: "Bis Freitag!\n".into(),
        };
        let (s, refused) = composed_story(&d).unwrap();
        assert_eq!(refused, None);
        let m = s
            .trace
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::Delivered { message, .. } => Some(message.clone()),
                _ => None,
            })
            .expect("delivered");
        let subject = m.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert_eq!(subject, "Subject: =?UTF-8?B?R3LDvMOfZSDwn42V?=");
        assert_eq!(
            crate::words::decode(&subject[9..]).as_deref(),
            Some("Grüße 🍕")
        );
    }

    #[test]
    fn dave_replies_and_a_stranger_writes_straight_to_the_mx() {
        let delivered = |s: &Story| -> Vec<(String, String)> {
            s.trace
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Delivered { host, mailbox, .. } => {
                        Some((host.clone(), mailbox.clone()))
                    }
                    _ => None,
                })
                .collect()
        };
        let reply = Draft {
            from: Sender::Dave,
            to: Sender::Dave.default_to().into(),
            subject: "Re: Lunch".into(),
            body: "Yes!\n".into(),
        };
        let (s, refused) = composed_story(&reply).unwrap();
        assert_eq!(refused, None, "Dave logs in on his server's port 587");
        assert_eq!(delivered(&s), [("isp".to_string(), "john".to_string())]);
        assert!(
            s.trace
                .iter()
                .any(|e| matches!(e.kind, EventKind::Retrieved { .. }) && e.to == "john-pc"),
            "John downloads Dave's reply"
        );
        let spam = Draft {
            from: Sender::Stranger,
            ..reply.clone()
        };
        let (s, refused) = composed_story(&Draft {
            to: "dave@dave.example".into(),
            ..spam
        })
        .unwrap();
        assert_eq!(
            refused, None,
            "the MX takes mail for its own domain from anyone"
        );
        assert_eq!(delivered(&s), [("mx".to_string(), "dave".to_string())]);
        assert!(s.host_index("stranger").is_some());
    }

    #[test]
    fn a_refused_message_says_why_as_johns_program_would() {
        let d = Draft {
            from: Sender::John,
            to: "Dave <dave@dave.example>".into(),
            subject: String::new(),
            body: format!("{}\n", "x".repeat(5000)),
        };
        let (s, refused) = composed_story(&d).unwrap();
        let r = refused.expect("a 5,000-character line is refused");
        assert!(
            r.starts_with("Your message was not sent: smtp replied \"5"),
            "{r}"
        );
        assert_eq!(s.goal, r, "the story's narration says it too");
        assert!(s.title.contains("(no subject)"), "{}", s.title);
        // A 12 MB body: above the ISP's SIZE limit (10,485,760 octets), so
        // 552 (RFC 1870 §6; RFC 5321 §4.5.3.1.9), said the same way.
        let big = Draft {
            body: format!("{}\n", "x".repeat(76)).repeat(12 * 1024 * 1024 / 77),
            ..d.clone()
        };
        let (big_story, refused) = composed_story(&big).unwrap();
        let r = refused.expect("a 12 MB message is refused");
        assert!(
            r.starts_with("Your message was not sent: smtp replied \"552"),
            "{r}"
        );
        assert_eq!(big_story.goal, r);
        let e = Draft {
            to: "dävid@dave.example".into(),
            ..d
        }
        .recipients()
        .unwrap_err();
        assert!(e.contains("SMTPUTF8") && e.contains("RFC 6531"), "{e}");
    }

    #[test]
    fn every_builtin_scenario_plays_and_lays_out() {
        for (name, _, _) in scenario_list() {
            let s = builtin_story(&name).unwrap();
            assert!(!s.trace.is_empty(), "{name}");
            for h in &s.hosts {
                assert!(
                    (0.0..=1000.0).contains(&h.x) && (0.0..=440.0).contains(&h.y),
                    "{name}: {h:?}"
                );
            }
        }
    }

    #[test]
    fn no_host_sits_on_johns_way_to_his_isp_and_daves_devices_stay_right() {
        let sandbox = console_story(&crate::telnet::Console::sandbox());
        for s in [
            sandbox,
            builtin_story("open-relay").unwrap(),
            builtin_story("pop3-two-devices").unwrap(),
        ] {
            let at = |id: &str| {
                s.hosts
                    .iter()
                    .find(|h| h.id == id)
                    .unwrap_or_else(|| panic!("{}: {id}", s.name))
            };
            let (john, isp) = (at("john-pc"), at("isp"));
            for h in &s.hosts {
                let on_path = (h.y - john.y).abs() < 60.0 && h.x > john.x && h.x < isp.x;
                assert!(
                    !on_path,
                    "{}: {} is drawn between john-pc and the ISP",
                    s.name, h.id
                );
            }
            if let Some(phone) = s.hosts.iter().find(|h| h.id == "dave-phone") {
                let (mx, pc) = (at("mx"), at("dave-pc"));
                assert!(
                    phone.x > mx.x,
                    "{}: Dave's phone is drawn on Dave's side",
                    s.name
                );
                assert!(
                    (phone.y - pc.y).abs() > 60.0,
                    "{}: the phone's link to mx does not run through dave-pc",
                    s.name
                );
            }
        }
    }

    #[test]
    fn bench_story_reaches_a_thousand_events() {
        let s = bench_story(1000);
        assert!(s.trace.len() >= 1000, "{}", s.trace.len());
    }
}
