//! Text renderings of a trace for the terminal and for golden files:
//! a transcript (one line per event), a ladder (an ASCII sequence
//! diagram with one column per host), and a narrated worksheet (every
//! event followed by its explanation).

use super::trace::{ConnId, Direction, EventKind, TraceEvent, Unreachable};
use crate::explain::{Arg, Words};

/// What one event says, in one line (without time and hosts).
pub fn describe(e: &TraceEvent) -> (String, String) {
    match &e.kind {
        EventKind::ConnectionOpened {
            conn,
            port,
            protocol,
        } => (
            "TCP".into(),
            format!("#{conn} connected to port {port} ({})", protocol.label()),
        ),
        EventKind::ConnectionRefused { port } => (
            "TCP".into(),
            format!("connection to port {port} refused (RST)"),
        ),
        EventKind::ConnectionUnreachable { port, reason } => {
            let why = match reason {
                Unreachable::HostDown => "the host is down",
                Unreachable::LinkDown => "the network link is down",
            };
            ("TCP".into(), format!("port {port} unreachable: {why}"))
        }
        EventKind::ConnectionClosed { conn } => ("TCP".into(), format!("#{conn} closed")),
        EventKind::ConnectionReset { conn, reason } => {
            ("TCP".into(), format!("#{conn} reset: {reason}"))
        }
        EventKind::Line {
            dir,
            protocol,
            text,
            ..
        } => {
            let arrow = if *dir == Direction::ToServer {
                "C:"
            } else {
                "S:"
            };
            (protocol.label().into(), format!("{arrow} {text}"))
        }
        EventKind::Payload {
            dir,
            protocol,
            text,
            lines,
            ..
        } => {
            let arrow = if *dir == Direction::ToServer {
                "C:"
            } else {
                "S:"
            };
            let first = text.lines().next().unwrap_or("");
            (
                protocol.label().into(),
                format!("{arrow} [{lines} lines, {} bytes] {first} ...", text.len()),
            )
        }
        EventKind::DnsQuery { id, name, qtype } => {
            ("DNS".into(), format!("query #{id} {name} {qtype}?"))
        }
        EventKind::DnsAnswer {
            id,
            name,
            qtype,
            answer,
        } => (
            "DNS".into(),
            format!("answer #{id} {name} {qtype}: {answer}"),
        ),
        EventKind::StateChanged {
            conn,
            protocol,
            role,
            state,
        } => (
            protocol.label().into(),
            format!(
                "#{conn} {} state -> {state}",
                if *role == super::trace::Role::Client {
                    "client"
                } else {
                    "server"
                }
            ),
        ),
        EventKind::Queued {
            queue_id,
            from,
            rcpts,
            size,
            ..
        } => (
            "MTA".into(),
            format!(
                "queued {queue_id} from <{from}> to {} ({size} bytes)",
                angle(rcpts)
            ),
        ),
        EventKind::RetryScheduled {
            queue_id,
            attempt,
            next,
            reason,
            ..
        } => (
            "MTA".into(),
            format!("{queue_id} attempt {attempt} failed ({reason}); retry at {next}"),
        ),
        EventKind::Relayed {
            queue_id,
            rcpts,
            to_host,
            ..
        } => (
            "MTA".into(),
            format!("{queue_id} relayed to {to_host} for {}", angle(rcpts)),
        ),
        EventKind::Delivered {
            queue_id,
            rcpt,
            mailbox,
            uid,
            ..
        } => (
            "MTA".into(),
            format!("{queue_id} delivered to <{rcpt}> in maildrop {mailbox} (uid {uid})"),
        ),
        EventKind::Bounced {
            queue_id,
            rcpts,
            to,
            bounce_id,
            ..
        } => (
            "MTA".into(),
            format!(
                "{queue_id} bounced for {}: notification {bounce_id} to <{to}>",
                angle(rcpts)
            ),
        ),
        EventKind::BounceDiscarded {
            queue_id, rcpts, ..
        } => (
            "MTA".into(),
            format!(
                "{queue_id} failed for {}; a bounce is never bounced",
                angle(rcpts)
            ),
        ),
        EventKind::Retrieved { mailbox, uid, .. } => {
            ("POP3".into(), format!("{mailbox} retrieved {uid}"))
        }
        EventKind::Deleted { mailbox, uid, .. } => {
            ("POP3".into(), format!("{mailbox}: {uid} deleted"))
        }
        EventKind::Fetched {
            mailbox,
            folder,
            uid,
            seen_set,
            ..
        } => (
            "IMAP".into(),
            format!(
                "{mailbox}/{folder} UID {uid} fetched{}",
                if *seen_set {
                    ", now \\Seen"
                } else {
                    " (PEEK: flags unchanged)"
                }
            ),
        ),
        EventKind::FlagsChanged {
            mailbox,
            folder,
            uid,
            flags,
            ..
        } => (
            "IMAP".into(),
            format!("{mailbox}/{folder} UID {uid} flags ({flags})"),
        ),
        EventKind::Appended {
            mailbox,
            folder,
            uid,
            ..
        } => (
            "IMAP".into(),
            format!("{mailbox}/{folder} UID {uid} appended"),
        ),
        EventKind::Copied {
            mailbox,
            from_folder,
            to_folder,
            uids,
            ..
        } => (
            "IMAP".into(),
            format!(
                "{mailbox}/{from_folder} UID {} copied to {to_folder}",
                uids.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        EventKind::Expunged {
            mailbox,
            folder,
            uid,
            uidl,
            ..
        } => (
            "IMAP".into(),
            format!("{mailbox}/{folder} UID {uid} expunged (POP3 UIDL {uidl})"),
        ),
        EventKind::HostState { host, up } => (
            "NET".into(),
            format!("{host} is {}", if *up { "up" } else { "down" }),
        ),
        EventKind::LinkState { up } => (
            "NET".into(),
            format!("link {}", if *up { "up" } else { "down" }),
        ),
        EventKind::Note { text, .. } => ("NOTE".into(), format!("... {text} ...")),
        EventKind::SenderCheck { method, text, .. } => {
            // A signature or canonical header text spans lines: the first
            // line, and how many follow (the trace JSON has them all).
            let mut lines = text.lines();
            let first = lines.next().unwrap_or("");
            let more = lines.count();
            let text = if more > 0 {
                format!("{first} [+{more} lines]")
            } else {
                first.to_string()
            };
            (method.to_ascii_uppercase(), text)
        }
    }
}

fn angle(v: &[String]) -> String {
    v.iter()
        .map(|r| format!("<{r}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per event: `time  from -> to  PROTOCOL  text`.
pub fn transcript(trace: &[TraceEvent]) -> String {
    let mut out = String::new();
    for e in trace {
        let (proto, text) = describe(e);
        let hosts = if e.from == e.to {
            e.from.clone()
        } else {
            format!("{} -> {}", e.from, e.to)
        };
        out.push_str(&format!(
            "{}  {:<18} {:<5} {}\n",
            e.time, hosts, proto, text
        ));
    }
    out
}

/// An ASCII sequence diagram: one column per host, in order of appearance.
pub fn ladder(trace: &[TraceEvent]) -> String {
    let mut hosts: Vec<&str> = Vec::new();
    for e in trace {
        for h in [e.from.as_str(), e.to.as_str()] {
            if h != "world" && !hosts.contains(&h) {
                hosts.push(h);
            }
        }
    }
    const W: usize = 14;
    let col = |i: usize| 13 + i * W + W / 2;
    let width = 13 + hosts.len() * W;
    let mut out = String::new();
    let mut header = " ".repeat(13);
    for h in &hosts {
        header.push_str(&format!("{:^W$}", truncate(h, W - 1)));
    }
    out.push_str(header.trim_end());
    out.push('\n');
    for e in trace {
        let mut row: Vec<char> = " ".repeat(width).chars().collect();
        for (i, _) in hosts.iter().enumerate() {
            row[col(i)] = '|';
        }
        let t = e.time.to_string();
        for (k, c) in t.chars().enumerate() {
            row[k] = c;
        }
        let (_, text) = describe(e);
        let a = hosts.iter().position(|h| *h == e.from);
        let b = hosts.iter().position(|h| *h == e.to);
        match (a, b) {
            (Some(a), Some(b)) if a != b => {
                let (l, r) = (col(a.min(b)), col(a.max(b)));
                for c in row.iter_mut().take(r).skip(l + 1) {
                    *c = '-';
                }
                if a < b {
                    row[r - 1] = '>';
                } else {
                    row[l + 1] = '<';
                }
            }
            (Some(a), _) => row[col(a)] = '*',
            _ => {}
        }
        let line: String = row.into_iter().collect();
        out.push_str(&format!("{}  {}\n", line.trim_end(), text));
    }
    out
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The trace as `mailsim run --format json` prints it: the events as
/// serde writes them, pretty-printed. The web app's "Download trace" calls
/// it too, so the two files have the same shape.
#[cfg(feature = "json")]
pub fn json(trace: &[TraceEvent]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(trace)
}

/// The worksheet: every event of the trace as in [`transcript`], each
/// followed by its explanation (the entry its `explain` key names).
///
/// So that it stays readable, an entry is printed in full (title, RFC
/// section, text) with a number `[n]` the first time the run meets it;
/// every later event with the same entry gets one line, `see [n] title ·
/// section`, and an event with the same entry as the keyed event just
/// before it on the same connection (a reply and the body it announced)
/// gets nothing more. The messages and multi-line bodies a payload event carries are
/// shown in full under it (up to [`PAYLOAD_LINES`] lines), so that the
/// `Received:` lines can be read growing hop by hop. Events without a key
/// (a client session's state moving) get no explanation. A key that is not
/// in the table is printed as `(no explanation for KEY)`, never hidden.
pub fn narrated(title: &str, goal: &str, trace: &[TraceEvent]) -> String {
    narrated_in(title, goal, trace, &crate::explain::English)
}

/// [`narrated`] in the language of `words`: the explanations and the
/// worksheet's own sentences are translated (message ids `worksheet-*` in
/// `locales/<lang>/ui.ftl`); the protocol lines, hosts and times are not.
pub fn narrated_in(title: &str, goal: &str, trace: &[TraceEvent], words: &dyn Words) -> String {
    let say = |id: &str, args: &[(&str, Arg<'_>)], english: String| {
        words.say(id, args).unwrap_or(english)
    };
    let mut out = String::new();
    out.push_str(&say(
        "worksheet-heading",
        &[("title", Arg::Str(title))],
        format!("MailSim worksheet: {title}"),
    ));
    out.push('\n');
    out.push_str(&wrap(goal, "", WIDTH));
    out.push('\n');
    out.push_str(&wrap(
        &say(
            "worksheet-how-to-read",
            &[],
            "How to read it: each event (virtual time, from -> to, protocol, what happened) is followed by \
             its explanation. An explanation is printed in full, with a number [n], the first time it \
             comes up; later events that mean the same thing say \"see [n]\". C: is a line the client \
             sent, S: a line the server sent."
                .into(),
        ),
        "",
        WIDTH,
    ));
    out.push('\n');
    let mut seen: Vec<&str> = Vec::new();
    let mut last: Option<(ConnId, &str)> = None;
    for e in trace {
        let (proto, text) = match &e.kind {
            // The payload's lines follow in full: the headline only counts them.
            EventKind::Payload {
                dir, text, lines, ..
            } => {
                let arrow = if *dir == Direction::ToServer {
                    "C:"
                } else {
                    "S:"
                };
                let proto = describe(e).0;
                let size = say(
                    "worksheet-payload-size",
                    &[
                        ("lines", Arg::Num(*lines as f64)),
                        ("bytes", Arg::Num(text.len() as f64)),
                    ],
                    format!("{lines} lines, {} bytes", text.len()),
                );
                (proto, format!("{arrow} [{size}]"))
            }
            _ => describe(e),
        };
        let hosts = if e.from == e.to {
            e.from.clone()
        } else {
            format!("{} -> {}", e.from, e.to)
        };
        out.push_str(&format!(
            "{}  {:<18} {:<5} {}\n",
            e.time, hosts, proto, text
        ));
        if let EventKind::Payload { text, .. } = &e.kind {
            let lines: Vec<&str> = text.lines().collect();
            for l in lines.iter().take(PAYLOAD_LINES) {
                out.push_str(format!("{PAYLOAD_INDENT}| {l}").trim_end());
                out.push('\n');
            }
            if lines.len() > PAYLOAD_LINES {
                let more = lines.len() - PAYLOAD_LINES;
                let more = say(
                    "worksheet-more-lines",
                    &[("count", Arg::Num(more as f64))],
                    format!("{more} more lines"),
                );
                out.push_str(&format!("{PAYLOAD_INDENT}| ... ({more})\n"));
            }
        }
        let Some(key) = e.explain.as_deref() else {
            continue;
        };
        // The same entry as the keyed event just before, on the same
        // connection (a reply and the body it announced, a command and the
        // first line of its answer): the explanation above covers it.
        let here = e.conn().map(|c| (c, key));
        let repeat = here.is_some() && here == last;
        last = here;
        if repeat {
            continue;
        }
        match crate::explain::lookup(key) {
            None => {
                let none = say(
                    "worksheet-no-explanation",
                    &[("key", Arg::Str(key))],
                    format!("no explanation for {key}"),
                );
                out.push_str(&format!("    ({none})\n"));
            }
            Some(x) => match seen.iter().position(|k| *k == x.key) {
                Some(i) => {
                    let see = say("worksheet-see", &[], "see".into());
                    let title = words.title(x);
                    out.push_str(&format!("    {see} [{}] {title} · {}\n", i + 1, x.rfc));
                }
                None => {
                    seen.push(x.key);
                    let title = words.title(x);
                    out.push_str(&format!("    [{}] {title} · {}\n", seen.len(), x.rfc));
                    out.push_str(&wrap(&words.text(x), "        ", WIDTH));
                }
            },
        }
    }
    out
}

/// The width the worksheet's prose is wrapped to.
const WIDTH: usize = 78;
/// How many lines of a payload (a message, a POP3 listing) the worksheet shows.
pub const PAYLOAD_LINES: usize = 80;
const PAYLOAD_INDENT: &str = "      ";

/// `text` wrapped at word boundaries to `width` columns, each line starting
/// with `indent` and ending with a newline. A word longer than a line gets a
/// line of its own.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    if text.chars().any(is_wide) {
        return wrap_wide(text, indent, width);
    }
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.chars().count() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A character a terminal shows two columns wide: CJK ideographs, kana,
/// hangul, CJK punctuation and full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Punctuation that must not start a line (Chinese line breaking: a
/// comma or closing bracket stays with the character before it).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】”’,.;:?!)]".contains(c)
}

/// [`wrap`] for text with Chinese (or other wide) characters, which has no
/// spaces between words: a line may break between two wide characters or
/// at a space, never inside a run of Latin letters (`EHLO`, `RFC 5321`
/// stay whole) and never before closing punctuation. Wide characters count
/// two columns.
fn wrap_wide(text: &str, indent: &str, width: usize) -> String {
    // Units that may not be split: a wide character (with any closing
    // punctuation after it), a run of other non-space characters, or a space.
    let mut units: Vec<(String, usize)> = Vec::new();
    for c in text.chars() {
        let w = if is_wide(c) { 2 } else { 1 };
        let glue = match units.last() {
            None => false,
            Some((last, _)) => {
                let l = last.chars().last().unwrap_or(' ');
                if c.is_whitespace() || l.is_whitespace() {
                    false
                } else if no_line_start(c) {
                    true
                } else {
                    !is_wide(c) && !is_wide(l)
                }
            }
        };
        match units.last_mut() {
            Some((s, n)) if glue => {
                s.push(c);
                *n += w;
            }
            _ => units.push((c.to_string(), w)),
        }
    }
    let room = width.saturating_sub(indent.chars().count()).max(1);
    let mut out = String::new();
    let mut line = String::new();
    let mut used = 0;
    for (u, w) in units {
        let space = u.chars().all(char::is_whitespace);
        if space {
            if !line.is_empty() && used < room {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        if used + w > room && !line.is_empty() {
            out.push_str(indent);
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
            used = 0;
        }
        line.push_str(&u);
        used += w;
    }
    if !line.trim().is_empty() {
        out.push_str(indent);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_between_characters_and_keeps_latin_words_whole() {
        let w = wrap("客户端发送 EHLO 命令，服务器回答 250。", "  ", 14);
        assert_eq!(w, "  客户端发送\n  EHLO 命令，\n  服务器回答\n  250。\n");
        for line in w.lines() {
            let cols: usize = line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum();
            assert!(cols <= 14, "{line:?}");
            assert!(!line.trim_start().starts_with('，'));
        }
    }

    #[test]
    fn wrap_keeps_to_the_width_and_never_splits_a_word() {
        let w = wrap("aaa bbb ccc dddddddddd e", "  ", 10);
        assert_eq!(w, "  aaa bbb\n  ccc\n  dddddddddd\n  e\n");
        assert_eq!(wrap("", "  ", 10), "");
    }
}
