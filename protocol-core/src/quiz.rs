//! Predict the reply: questions generated from a trace, for the page's
//! "Predict" mode. Before each server reply, each DNS answer and each of
//! the MTA's decisions (which MX host it tries, retry or bounce), the class
//! is asked what comes next.
//!
//! Nothing here is written per scenario. The choices come from:
//! - the RFCs' lists of the replies each command can get (SMTP: RFC 5321
//!   §4.3.2 and RFC 4954 §6; POP3: RFC 1939 §5, §7; IMAP: RFC 9051 §7.1),
//!   kept to the codes the explanation table explains, plus the
//!   wrong-order reply when the session's transition table has no row for
//!   the command in its current state;
//! - the explanation table's DNS answer kinds and MTA outcomes;
//! - the MX list the MTA was given (RFC 5321 §5.1).
//!
//! The order of the choices and which wrong ones are shown come from a
//! hash of a salt (the scenario's name) and the step, never from a random
//! source: the same scenario gives every student the same questions.

use crate::explain::{lookup, Arg, Explanation, Words};
use crate::sim::{Direction, EventKind, Parsed, Protocol, SessionState, TraceEvent};
use crate::vec_map::{VecMap, VecMapExt};

/// The most choices a question offers.
pub const MAX_CHOICES: usize = 4;

/// What a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A server's reply to a command (or its greeting).
    Reply(Protocol),
    /// The DNS server's answer.
    Dns,
    /// Which mail host an MTA tries (RFC 5321 §5.1).
    Mx,
    /// Retry, bounce or drop after a failed delivery (RFC 5321 §4.5.4.1, §6.1).
    Mta,
}

/// How a prompt or a choice reads in another language (see [`prompt_in`]
/// and [`label_in`]): a message of `locales/<lang>/ui.ftl` with its values,
/// or the choice's own explanation title after a status (`250`, `+OK`; empty:
/// the title alone). The English [`Question::prompt`] and [`Choice::label`]
/// stay what the order of the choices is hashed from, so every language
/// gets the same questions in the same order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    Message(&'static str, Vec<(&'static str, String)>),
    Title(String),
}

/// One choice: what the student reads, and the explanation it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub key: &'static str,
    pub say: Say,
}

/// One question, asked before event `event` of the trace is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub event: usize,
    pub topic: Topic,
    pub prompt: String,
    /// The prompt as a message for a translation.
    pub prompt_say: Say,
    pub choices: Vec<Choice>,
    /// The index of the right choice.
    pub answer: usize,
    /// What to read after answering: why the answer is what it is.
    pub explanation: &'static Explanation,
}

/// RFC 5321 §4.3.2: 500, 501, 503 and 421 can answer any command.
const SMTP_ANY: &[u16] = &[500, 501, 503, 421];

/// The replies RFC 5321 §4.3.2 (and RFC 4954 §6 for AUTH) lists for each
/// command; `greeting` is the connection opening, `end of message` the
/// final dot after DATA, `login answer` a line of an AUTH exchange.
fn smtp_replies(what: &str) -> &'static [u16] {
    match what {
        "greeting" => &[220, 554, 421],
        "EHLO" | "HELO" => &[250, 504, 550, 502, 501],
        "MAIL" => &[250, 552, 451, 452, 550, 553, 503, 455, 555, 530],
        "RCPT" => &[250, 251, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555],
        "DATA" => &[354, 503, 554, 451],
        "end of message" => &[250, 552, 554, 451, 452, 450, 550],
        "VRFY" => &[250, 251, 252, 550, 551, 553, 502, 504],
        "EXPN" => &[250, 252, 550, 500, 502, 504],
        "HELP" => &[211, 214, 502, 504],
        "AUTH" => &[334, 235, 535, 504, 503, 530, 538],
        "login answer" => &[334, 235, 535, 501],
        "RSET" | "NOOP" => &[250],
        "QUIT" => &[221],
        _ => &[500, 502],
    }
}

/// POP3 outcomes per command (RFC 1939 §5, §7; RFC 2449 §5), as
/// explanation keys: the `+OK` ones and the `-ERR` ones the RFC allows.
fn pop3_outcomes(what: &str) -> &'static [&'static str] {
    match what {
        // RFC 1939 §4: the greeting is always +OK; nothing to predict.
        "greeting" => &[],
        "USER" => &["pop3.ok.user", "pop3.err.no_maildrop", "pop3.err.syntax"],
        "PASS" => &[
            "pop3.ok.logged_in",
            "pop3.err.auth_failed",
            "pop3.err.locked",
            "pop3.err.pass_without_user",
        ],
        "APOP" => &[
            "pop3.ok.logged_in",
            "pop3.err.auth_failed",
            "pop3.err.apop_disabled",
            "pop3.err.locked",
        ],
        "RETR" | "TOP" | "DELE" => &[
            "pop3.ok.retr",
            "pop3.ok.top",
            "pop3.ok.dele",
            "pop3.err.no_such_message",
            "pop3.err.already_deleted",
            "pop3.err.not_a_number",
        ],
        "LIST" | "UIDL" | "STAT" => &[
            "pop3.ok.list",
            "pop3.ok.uidl",
            "pop3.ok.stat",
            "pop3.err.no_such_message",
        ],
        "QUIT" => &["pop3.ok.quit", "pop3.ok.quit_update"],
        "CAPA" => &["pop3.ok.capa", "pop3.err.unknown_command"],
        "NOOP" => &["pop3.ok.noop"],
        "RSET" => &["pop3.ok.rset"],
        _ => &["pop3.err.unknown_command", "pop3.err.syntax"],
    }
}

/// The `+OK` key that belongs to a command, so that RETR's choices offer
/// "Here is the message" and not TOP's or DELE's answer.
fn pop3_ok_for(what: &str) -> Option<&'static str> {
    Some(match what {
        "greeting" => "pop3.ok.greeting",
        "USER" => "pop3.ok.user",
        "PASS" | "APOP" => "pop3.ok.logged_in",
        "RETR" => "pop3.ok.retr",
        "TOP" => "pop3.ok.top",
        "DELE" => "pop3.ok.dele",
        "LIST" => "pop3.ok.list",
        "UIDL" => "pop3.ok.uidl",
        "STAT" => "pop3.ok.stat",
        "CAPA" => "pop3.ok.capa",
        "NOOP" => "pop3.ok.noop",
        "RSET" => "pop3.ok.rset",
        _ => return None,
    })
}

/// IMAP refusals per command (RFC 9051 §6, §7.1), as explanation keys;
/// every command can also get BAD for the wrong state or bad syntax.
fn imap_refusals(verb: &str) -> &'static [&'static str] {
    match verb {
        "LOGIN" | "AUTHENTICATE" => &["imap.no.auth_failed", "imap.no.mechanism"],
        "SELECT" | "EXAMINE" | "STATUS" | "DELETE" | "RENAME" => {
            &["imap.no.nonexistent", "imap.no.in_use"]
        }
        "CREATE" => &["imap.no.already_exists", "imap.no.bad_name"],
        "APPEND" | "COPY" | "MOVE" | "UID COPY" | "UID MOVE" => {
            &["imap.no.trycreate", "imap.no.too_big"]
        }
        "FETCH" | "UID FETCH" | "STORE" | "UID STORE" => {
            &["imap.bad.no_such_message", "imap.no.read_only"]
        }
        "EXPUNGE" | "UID EXPUNGE" | "CLOSE" => &["imap.no.read_only", "imap.no.selected"],
        _ => &["imap.bad.unknown_command"],
    }
}

/// FNV-1a over the salt and the step: the same for every student.
fn hash(salt: &str, event: usize, extra: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt
        .bytes()
        .chain((event as u64).to_le_bytes())
        .chain(extra.bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Picks the right choice and up to three wrong ones from `pool` (in the
/// hash's order, so each step shows its own mix), then orders them by the
/// hash. `must` is a wrong choice shown first (the state table's refusal).
/// None when fewer than three distinct choices remain.
fn build(
    salt: &str,
    event: usize,
    right: Choice,
    must: Option<Choice>,
    pool: Vec<Choice>,
) -> Option<(Vec<Choice>, usize)> {
    let mut pool = pool;
    order_by(&mut pool, |c| hash(salt, event, &c.label));
    let mut chosen = vec![right.clone()];
    for c in must.into_iter().chain(pool) {
        if chosen.len() == MAX_CHOICES {
            break;
        }
        if !chosen.iter().any(|x| x.label == c.label) {
            chosen.push(c);
        }
    }
    if chosen.len() < 3 {
        return None;
    }
    order_by(&mut chosen, |c| {
        hash(salt, event, &format!("order {}", c.label))
    });
    let answer = chosen.iter().position(|c| *c == right)?;
    Some((chosen, answer))
}

/// Orders a handful of choices by a key. An insertion sort: the slice
/// sorts cost several KB of wasm (README, "Bundle size"), and n <= 16.
fn order_by(v: &mut [Choice], key: impl Fn(&Choice) -> u64) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

fn smtp_choice(code: u16) -> Option<Choice> {
    let key = smtp_reply_key(code)?;
    Some(Choice {
        label: format!("{code} ({})", lookup(key)?.title),
        key,
        say: Say::Title(code.to_string()),
    })
}

/// The explanation key of a reply code, if the table explains it.
fn smtp_reply_key(code: u16) -> Option<&'static str> {
    lookup(&format!("smtp.reply.{code}")).map(|e| e.key)
}

/// The choices for explanation keys, those the table has.
fn keyed_choices(keys: &[&'static str]) -> Vec<Choice> {
    let mut v = Vec::new();
    for k in keys {
        v.extend(keyed_choice(k));
    }
    v
}

fn keyed_choice(key: &'static str) -> Option<Choice> {
    let e = lookup(key)?;
    let status = match key.split('.').nth(1) {
        Some("ok") if key.starts_with("pop3.") => "+OK",
        Some("err") => "-ERR",
        Some("ok") => "OK",
        Some("no") => "NO",
        Some("bad") => "BAD",
        Some("bye") => "BYE",
        _ => "",
    };
    let title = e.title.strip_prefix("DNS answer: ").unwrap_or(e.title);
    let label = if status.is_empty() {
        upper_first(title)
    } else {
        format!("{status} ({title})")
    };
    Some(Choice {
        label,
        key: e.key,
        say: Say::Title(status.to_string()),
    })
}

fn upper_first(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(f) = s.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    s
}

/// What a server is waiting to answer on one connection.
#[derive(Default)]
struct Conn {
    protocol: Option<Protocol>,
    /// Commands (or the greeting) not answered yet, oldest first.
    pending: Vec<(String, String)>,
    /// A multi-line SMTP reply has begun (its first line was asked).
    in_reply: bool,
    server_state: Option<SessionState>,
    /// IMAP: the tag and verb of the last command.
    imap_cmd: Option<(String, String)>,
}

/// The MX list an MTA host was last given, for the "which MX" question.
struct MxSeen {
    domain: String,
    /// (preference, exchange), lowest first; empty for NODATA (no MX: the
    /// domain's own A record is used, RFC 5321 §5.1).
    records: Vec<(u16, String)>,
    failed_since: bool,
}

/// The questions for a trace, one per eligible step, in trace order.
/// `salt` (the scenario's name) picks the wrong choices and the order;
/// `name` turns a host id into the name a student reads.
pub fn questions(trace: &[TraceEvent], salt: &str, name: &dyn Fn(&str) -> String) -> Vec<Question> {
    let mut out = Vec::new();
    let mut conns: VecMap<u64, Conn> = VecMap::new();
    let mut mx_seen: VecMap<String, MxSeen> = VecMap::new();
    for (i, e) in trace.iter().enumerate() {
        if let Some(q) = question_at(trace, i, salt, name, &mut conns, &mut mx_seen) {
            out.push(q);
        }
        track(e, &mut conns, &mut mx_seen);
    }
    out
}

/// Keeps the per-connection and per-host bookkeeping up to date after `e`.
fn track(e: &TraceEvent, conns: &mut VecMap<u64, Conn>, mx_seen: &mut VecMap<String, MxSeen>) {
    match &e.kind {
        EventKind::ConnectionOpened { conn, protocol, .. } => {
            let c = conns.get_or_default(*conn);
            c.protocol = Some(*protocol);
            if *protocol != Protocol::Imap {
                c.pending.push(("greeting".into(), String::new()));
            }
        }
        EventKind::ConnectionRefused { .. } | EventKind::ConnectionUnreachable { .. } => {
            if let Some(m) = mx_seen.get_mut(&e.from) {
                m.failed_since = true;
            }
        }
        EventKind::Line {
            conn,
            dir: Direction::ToServer,
            text,
            parsed,
            protocol,
        } => {
            let c = conns.get_or_default(*conn);
            match (protocol, parsed) {
                (Protocol::Imap, Some(Parsed::Command { verb, .. })) => {
                    let tag = text.split(' ').next().unwrap_or("").to_string();
                    c.imap_cmd = Some((tag, verb.clone()));
                }
                (_, Some(Parsed::Command { verb, .. })) => {
                    c.pending.push((verb.clone(), text.clone()))
                }
                (_, Some(Parsed::AuthAnswer)) => c
                    .pending
                    .push(("login answer".into(), "a line of the login".into())),
                _ => {}
            }
        }
        EventKind::Payload {
            conn,
            dir: Direction::ToServer,
            protocol: Protocol::Smtp,
            ..
        } => {
            conns.get_or_default(*conn).pending.push((
                "end of message".into(),
                "the message and its final dot".into(),
            ));
        }
        EventKind::Line {
            conn,
            dir: Direction::ToClient,
            parsed,
            ..
        } => {
            let c = conns.get_or_default(*conn);
            // The last line of a reply (or a POP3 status line) answers the
            // oldest command waiting.
            let done = match parsed {
                Some(Parsed::Reply { more, .. }) => {
                    c.in_reply = *more;
                    !more
                }
                Some(Parsed::Status { .. }) => true,
                _ => false,
            };
            if done && !c.pending.is_empty() {
                c.pending.remove(0);
            }
        }
        EventKind::StateChanged {
            conn,
            role: crate::sim::Role::Server,
            state,
            ..
        } => {
            conns.get_or_default(*conn).server_state = Some(*state);
        }
        EventKind::DnsAnswer {
            name,
            qtype,
            answer,
            ..
        } if *qtype == crate::dns::RecordType::MX => {
            let records = match answer {
                crate::dns::Answer::Mx { records } => records
                    .iter()
                    .filter(|r| !r.exchange.is_empty())
                    .map(|r| (r.preference, r.exchange.clone()))
                    .collect(),
                _ => Vec::new(),
            };
            let usable = !records.is_empty() || *answer == crate::dns::Answer::NoData;
            if usable {
                mx_seen.insert(
                    e.to.clone(),
                    MxSeen {
                        domain: name.clone(),
                        records,
                        failed_since: false,
                    },
                );
            } else {
                mx_seen.remove(&e.to);
            }
        }
        _ => {}
    }
}

fn question_at(
    trace: &[TraceEvent],
    i: usize,
    salt: &str,
    name: &dyn Fn(&str) -> String,
    conns: &mut VecMap<u64, Conn>,
    mx_seen: &mut VecMap<String, MxSeen>,
) -> Option<Question> {
    let e = &trace[i];
    let own = e.explain.as_deref().and_then(lookup);
    match &e.kind {
        EventKind::Line {
            conn,
            dir: Direction::ToClient,
            protocol,
            text,
            parsed,
        } => {
            let c = conns.get(conn)?;
            let server = name(&e.from);
            match (protocol, parsed) {
                (Protocol::Smtp, Some(Parsed::Reply { code, .. })) if !c.in_reply => {
                    // An injected fault (the lab's "chaos") is the scenario's
                    // choice, not the protocol's: nothing to predict.
                    if e.explain.as_deref() == Some("fault.injected") {
                        return None;
                    }
                    let (what, line) = c.pending.first()?;
                    let right = smtp_choice(*code)?;
                    let refused = match c.server_state {
                        Some(SessionState::SmtpServer(s)) => {
                            crate::smtp::server::is_command(what) && !s.allows(what)
                        }
                        _ => false,
                    };
                    let must = if refused { smtp_choice(503) } else { None };
                    // The greeting answers no command: no 500 or 503 for it.
                    let any = if what == "greeting" {
                        &[][..]
                    } else {
                        SMTP_ANY
                    };
                    let mut pool = Vec::new();
                    for &code in smtp_replies(what).iter().chain(any) {
                        pool.extend(smtp_choice(code));
                    }
                    let (choices, answer) = build(salt, i, right, must, pool)?;
                    Some(Question {
                        event: i,
                        topic: Topic::Reply(Protocol::Smtp),
                        prompt: reply_prompt(&server, what, line),
                        prompt_say: reply_say(&server, what, line),
                        choices,
                        answer,
                        explanation: own.or_else(|| lookup(smtp_reply_key(*code)?))?,
                    })
                }
                (Protocol::Pop3, Some(Parsed::Status { .. })) => {
                    let (what, line) = c.pending.first()?;
                    let right = keyed_choice(e.explain.as_deref().and_then(lookup)?.key)?;
                    let refused = match c.server_state {
                        Some(SessionState::Pop3Server(s)) => what != "greeting" && !s.allows(what),
                        _ => false,
                    };
                    let must = if refused {
                        keyed_choice("pop3.err.wrong_state")
                    } else {
                        None
                    };
                    // A command's own +OK, its -ERRs, and the wrong-state one.
                    let ok_own = pop3_ok_for(what);
                    if what == "greeting" {
                        return None;
                    }
                    let mut keys = vec!["pop3.err.wrong_state"];
                    for &k in pop3_outcomes(what) {
                        if !k.starts_with("pop3.ok.") || Some(k) == ok_own || what == "QUIT" {
                            keys.push(k);
                        }
                    }
                    let pool = keyed_choices(&keys);
                    let (choices, answer) = build(salt, i, right, must, pool)?;
                    Some(Question {
                        event: i,
                        topic: Topic::Reply(Protocol::Pop3),
                        prompt: reply_prompt(&server, what, line),
                        prompt_say: reply_say(&server, what, line),
                        choices,
                        answer,
                        explanation: own?,
                    })
                }
                (Protocol::Imap, None) => {
                    let (tag, verb) = c.imap_cmd.as_ref()?;
                    let rest = text.strip_prefix(tag.as_str())?.strip_prefix(' ')?;
                    if !["OK", "NO", "BAD"].iter().any(|s| rest.starts_with(s)) {
                        return None;
                    }
                    let right = keyed_choice(own?.key)?;
                    let ok = format!("imap.ok.{}", verb.to_ascii_lowercase().replace(' ', "_"));
                    let ok = lookup(&ok).map(|x| x.key);
                    let mut keys = vec!["imap.bad.wrong_state", "imap.bad.syntax"];
                    keys.extend(ok);
                    keys.extend_from_slice(imap_refusals(verb));
                    let pool = keyed_choices(&keys);
                    let (choices, answer) = build(salt, i, right, None, pool)?;
                    Some(Question {
                        event: i,
                        topic: Topic::Reply(Protocol::Imap),
                        prompt: format!(
                            "{server} has received {tag} {verb}. How does its tagged answer (the line starting {tag}) begin?"
                        ),
                        prompt_say: Say::Message(
                            "quiz-imap-tagged",
                            vec![
                                ("server", server.clone()),
                                ("tag", tag.clone()),
                                ("verb", verb.clone()),
                            ],
                        ),
                        choices,
                        answer,
                        explanation: own?,
                    })
                }
                _ => None,
            }
        }
        EventKind::DnsAnswer {
            name: qname,
            qtype,
            answer,
            ..
        } => {
            use crate::dns::RecordType;
            let kinds: &[&str] = match qtype {
                RecordType::MX => &[
                    "dns.answer.mx",
                    "dns.answer.nullmx",
                    "dns.answer.nodata",
                    "dns.answer.nxdomain",
                ],
                RecordType::A => &["dns.answer.a", "dns.answer.nodata", "dns.answer.nxdomain"],
                _ => &["dns.answer.txt", "dns.answer.nodata", "dns.answer.nxdomain"],
            };
            let right = keyed_choice(answer.explain_key())?;
            let pool = keyed_choices(kinds);
            let (choices, answer_ix) = build(salt, i, right, None, pool)?;
            Some(Question {
                event: i,
                topic: Topic::Dns,
                prompt: format!(
                    "{} asked DNS for the {qtype} records of {qname}. What kind of answer comes back?",
                    name(&e.to)
                ),
                prompt_say: Say::Message(
                    "quiz-dns",
                    vec![
                        ("host", name(&e.to)),
                        ("qtype", qtype.to_string()),
                        ("name", qname.to_string()),
                    ],
                ),
                choices,
                answer: answer_ix,
                explanation: lookup(answer.explain_key())?,
            })
        }
        EventKind::DnsQuery {
            name: qname,
            qtype: crate::dns::RecordType::A,
            ..
        } => {
            let seen = mx_seen.get(&e.from)?;
            let host = name(&e.from);
            let domain_itself = format!("{} itself (its own A record)", seen.domain);
            let label_of = |p: u16, x: &str| format!("{x} (MX {p})");
            let own_a = Say::Message("quiz-choice-own-a", vec![("domain", seen.domain.clone())]);
            let say_of = |p: u16, x: &str| {
                Say::Message(
                    "quiz-choice-mx",
                    vec![("host", x.to_string()), ("pref", p.to_string())],
                )
            };
            let right = if seen.records.is_empty() {
                if *qname != seen.domain {
                    return None;
                }
                Choice {
                    label: domain_itself.clone(),
                    key: "dns.answer.nodata",
                    say: own_a.clone(),
                }
            } else {
                let (p, x) = seen.records.iter().find(|(_, x)| x == qname)?;
                Choice {
                    label: label_of(*p, x),
                    key: "dns.answer.mx",
                    say: say_of(*p, x),
                }
            };
            let mut pool: Vec<Choice> = seen
                .records
                .iter()
                .map(|(p, x)| Choice {
                    label: label_of(*p, x),
                    key: "dns.answer.mx",
                    say: say_of(*p, x),
                })
                .collect();
            pool.push(Choice {
                label: domain_itself,
                key: "dns.answer.nodata",
                say: own_a,
            });
            pool.push(Choice {
                label: "None: it bounces the message at once".into(),
                key: "mta.bounce",
                say: Say::Message("quiz-choice-bounce-now", Vec::new()),
            });
            let lowest = seen.records.first().map(|r| r.1.as_str());
            let why = if !seen.records.is_empty()
                && lowest != Some(qname.as_str())
                && seen.failed_since
            {
                "tcp.unreachable"
            } else {
                right.key
            };
            let list_empty = seen.records.is_empty();
            let list = if list_empty {
                "no MX records".to_string()
            } else {
                seen.records
                    .iter()
                    .map(|(p, x)| format!("MX {p} {x}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (choices, answer) = build(salt, i, right, None, pool)?;
            // Asked once per lookup: a retry brings a new MX answer.
            if let Some(m) = mx_seen.get_mut(&e.from) {
                m.failed_since = false;
            }
            Some(Question {
                event: i,
                topic: Topic::Mx,
                prompt: format!(
                    "{host} has mail for {} ({list}). Which mail host does it look up now, to connect to it?",
                    seen_domain(mx_seen, &e.from)
                ),
                prompt_say: if list_empty {
                    Say::Message(
                        "quiz-mx-none",
                        vec![("host", host.clone()), ("domain", seen_domain(mx_seen, &e.from))],
                    )
                } else {
                    Say::Message(
                        "quiz-mx",
                        vec![
                            ("host", host.clone()),
                            ("domain", seen_domain(mx_seen, &e.from)),
                            ("list", list.clone()),
                        ],
                    )
                },
                choices,
                answer,
                explanation: lookup(why)?,
            })
        }
        EventKind::RetryScheduled { host, rcpts, .. }
        | EventKind::Bounced { host, rcpts, .. }
        | EventKind::BounceDiscarded { host, rcpts, .. } => {
            let key = match e.kind {
                EventKind::RetryScheduled { .. } => "mta.retry",
                EventKind::Bounced { .. } => "mta.bounce",
                _ => "mta.bounce.discarded",
            };
            let outcomes = ["mta.retry", "mta.bounce", "mta.bounce.discarded"];
            let label = |k: &str| match k {
                "mta.retry" => "Keep it in the queue and try again later",
                "mta.bounce" => "Give up and send a bounce to the sender",
                _ => "Drop it without a bounce",
            };
            let choice = |k: &'static str| Choice {
                label: label(k).to_string(),
                key: k,
                say: Say::Message(
                    match k {
                        "mta.retry" => "quiz-choice-retry",
                        "mta.bounce" => "quiz-choice-bounce",
                        _ => "quiz-choice-drop",
                    },
                    Vec::new(),
                ),
            };
            let right = choice(key);
            let mut pool = Vec::new();
            for k in outcomes {
                pool.push(choice(k));
            }
            let (choices, answer) = build(salt, i, right, None, pool)?;
            Some(Question {
                event: i,
                topic: Topic::Mta,
                prompt: format!(
                    "{} could not deliver the message for {} yet. What does it do now?",
                    name(host),
                    rcpts.join(", ")
                ),
                prompt_say: Say::Message(
                    "quiz-mta",
                    vec![("host", name(host)), ("rcpts", rcpts.join(", "))],
                ),
                choices,
                answer,
                explanation: own.or_else(|| lookup(key))?,
            })
        }
        _ => None,
    }
}

fn seen_domain(mx_seen: &VecMap<String, MxSeen>, host: &str) -> String {
    mx_seen
        .get(host)
        .map(|m| m.domain.clone())
        .unwrap_or_default()
}

fn reply_say(server: &str, what: &str, line: &str) -> Say {
    let id = match what {
        "greeting" => "quiz-greeting",
        "end of message" => "quiz-end-of-message",
        "login answer" => "quiz-login-answer",
        _ => "quiz-reply",
    };
    Say::Message(
        id,
        vec![("server", server.to_string()), ("line", line.to_string())],
    )
}

fn say_in(say: &Say, key: &str, english: &str, words: &dyn Words) -> String {
    match say {
        Say::Message(id, args) => {
            let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::Str(v))).collect();
            words.say(id, &args).unwrap_or_else(|| english.to_string())
        }
        Say::Title(status) => {
            let Some(x) = lookup(key) else {
                return english.to_string();
            };
            let title = words.title(x);
            // A DNS answer's title is "DNS answer: address": the kind alone.
            let title = if key.starts_with("dns.answer.") {
                title
                    .split_once([':', '：'])
                    .map_or(title.trim(), |(_, t)| t.trim())
                    .to_string()
            } else {
                title.into_owned()
            };
            if status.is_empty() {
                // ASCII only: char::to_uppercase brings Unicode tables into
                // the wasm (README, "Bundle size"); Chinese has no case.
                upper_first(&title)
            } else {
                format!("{status} ({title})")
            }
        }
    }
}

/// The question's prompt in the language of `words` (English: [`Question::prompt`]).
pub fn prompt_in(q: &Question, words: &dyn Words) -> String {
    say_in(&q.prompt_say, q.explanation.key, &q.prompt, words)
}

/// A choice's label in the language of `words` (English: [`Choice::label`]).
pub fn label_in(c: &Choice, words: &dyn Words) -> String {
    say_in(&c.say, c.key, &c.label, words)
}

fn reply_prompt(server: &str, what: &str, line: &str) -> String {
    match what {
        "greeting" => {
            format!("A client has just connected to {server}. How does {server} greet it?")
        }
        "end of message" => {
            format!("{server} has received the message and its final dot. What does it answer?")
        }
        "login answer" => {
            format!("{server} has received a line of the login. What does it answer?")
        }
        _ => format!("{server} has received \"{line}\". What does it answer?"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_salted() {
        assert_eq!(hash("a", 1, "x"), hash("a", 1, "x"));
        assert_ne!(hash("a", 1, "x"), hash("b", 1, "x"));
        assert_ne!(hash("a", 1, "x"), hash("a", 2, "x"));
    }

    #[test]
    fn build_keeps_the_right_choice_and_drops_duplicates() {
        let c = |l: &str| Choice {
            label: l.into(),
            key: "smtp.reply.250",
            say: Say::Title("250".into()),
        };
        let (v, a) = build(
            "s",
            3,
            c("A"),
            None,
            vec![c("A"), c("B"), c("C"), c("D"), c("E")],
        )
        .unwrap();
        assert_eq!(v.len(), MAX_CHOICES);
        assert_eq!(v[a].label, "A");
        assert!(build("s", 3, c("A"), None, vec![c("A"), c("B")]).is_none());
    }
}
