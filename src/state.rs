//! The app's state as plain structs, tested natively: the playback cursor,
//! the speed, the time compression of virtual gaps, and the views derived
//! from the trace at the cursor (inboxes, the message at this hop, the
//! state machine). Components only render these.

use protocol_core::explain::{Arg, English, Words};
use protocol_core::sim::view::{parse_headers, WorldView};
use protocol_core::sim::{Direction, EventKind, Parsed, Protocol, Role, TraceEvent};

/// Speeds offered by the speed control, multiplying the reading pace. At 1x
/// the seed story's 80 key steps take about 12 minutes (a class reading every
/// narration); 8x and 16x are for skimming a story already known.
pub const SPEEDS: [f64; 6] = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// The playback cursor: `position` events of the trace have happened, so the
/// current event is `position - 1` (none at 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Player {
    pub len: usize,
    pub position: usize,
    pub playing: bool,
    pub speed: usize,
    /// The furthest the cursor may go (`usize::MAX`: the end). Predict
    /// mode sets it to the step whose question is not answered yet, so no
    /// move (play, step, End, the scrubber, a click) shows that step.
    pub cap: usize,
}

impl Player {
    pub fn new(len: usize) -> Player {
        Player {
            len,
            position: 0,
            playing: false,
            speed: 1,
            cap: usize::MAX,
        }
    }
    /// The furthest position the cursor may reach now.
    pub fn limit(&self) -> usize {
        self.len.min(self.cap)
    }
    /// Stopped by Predict mode's cap, before the end.
    pub fn held(&self) -> bool {
        self.position >= self.limit() && self.limit() < self.len
    }
    /// Sets the cap and pulls the cursor back behind it.
    pub fn set_cap(&mut self, cap: usize) {
        self.cap = cap;
        if self.position > self.limit() {
            self.position = self.limit();
        }
        if self.held() {
            self.playing = false;
        }
    }
    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)]
    }
    pub fn current(&self) -> Option<usize> {
        self.position.checked_sub(1)
    }
    pub fn at_end(&self) -> bool {
        self.position >= self.len
    }
    pub fn step_forward(&mut self) {
        self.position = (self.position + 1).min(self.limit());
        if self.at_end() || self.held() {
            self.playing = false;
        }
    }
    pub fn step_back(&mut self) {
        self.playing = false;
        self.position = self.position.saturating_sub(1);
    }
    pub fn restart(&mut self) {
        self.playing = false;
        self.position = 0;
    }
    pub fn end(&mut self) {
        self.playing = false;
        self.position = self.limit();
    }
    /// Moves the cursor so that event `i` is the current one.
    pub fn select(&mut self, i: usize) {
        self.playing = false;
        self.position = (i + 1).min(self.limit());
    }
    /// Playing on to `position` (stops at the end).
    pub fn advance_to(&mut self, position: usize) {
        self.position = position.min(self.limit());
        if self.at_end() || self.held() {
            self.playing = false;
        }
    }
    pub fn seek(&mut self, position: usize) {
        self.position = position.min(self.limit());
    }
    pub fn play(&mut self) {
        if self.at_end() {
            self.position = 0;
        }
        self.playing = self.len > 0 && !self.held();
    }
    pub fn pause(&mut self) {
        self.playing = false;
    }
    pub fn toggle(&mut self) {
        if self.playing {
            self.pause()
        } else {
            self.play()
        }
    }
    /// The trace grew from `first_new` to `len` events (the telnet pane's
    /// world ran): play the new events, from the first one, so the cursor
    /// follows the newest event.
    pub fn follow(&mut self, first_new: usize, len: usize) {
        self.len = len;
        self.position = self.position.min(len);
        if first_new >= len {
            return;
        }
        if self.position <= first_new {
            self.position = (first_new + 1).min(self.limit());
        }
        self.playing = self.position < self.limit();
    }
    pub fn faster(&mut self) {
        self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
    }
    pub fn slower(&mut self) {
        self.speed = self.speed.saturating_sub(1);
    }
}

/// Gaps of virtual time at least this long are skipped with a caption.
pub const GAP_CAPTION_MIN_US: u64 = 5_000_000;
/// How long, at 1x, the "15 minutes later" caption stays up.
pub const GAP_CAPTION_MS: f64 = 1800.0;

/// Reading pace at 1x: the narration of a step is read at this many words
/// per minute (a slow, out-loud classroom pace); speed is a multiplier.
pub const WORDS_PER_MINUTE: f64 = 200.0;
/// No step is shown for less than this at 1x, however short its text.
pub const MIN_STEP_MS: f64 = 1800.0;
/// How long each step stays at 1x while the visualizer follows what was
/// just typed in the telnet pane: the log there has the text to read, the
/// map and the diagram only need to keep up.
pub const FOLLOW_MS: f64 = 700.0;

/// The narration of event `i` as one plain text: the line or summary, then
/// what it means (the core's explanation) or what the new state accepts.
/// The Narration panel shows these parts; playback times each step by it.
/// `name` turns a host id into the name a student reads.
pub fn narration_text(
    trace: &[TraceEvent],
    i: usize,
    name: &dyn Fn(&str) -> String,
    words: &dyn Words,
) -> String {
    let Some(e) = trace.get(i) else {
        return String::new();
    };
    let what = what_happened(e, name, words);
    match explanation_keys(trace, i)
        .first()
        .and_then(|k| protocol_core::explain::lookup(k))
    {
        Some(x) => format!("{what}. {}. {}", words.title(x), words.text(x)),
        None => format!(
            "{what}. {}",
            state_expects(e, words).unwrap_or_else(|| internal_step(words))
        ),
    }
}

/// The narration of a step with no explanation of its own.
pub fn internal_step(words: &dyn Words) -> String {
    words
        .say("narration-internal-step", &[])
        .unwrap_or_else(|| INTERNAL_STEP.to_string())
}

/// The core's one-line description of an event, with host ids turned into
/// the names a student reads (the core's text names hosts by id in these).
pub fn what_happened(e: &TraceEvent, name: &dyn Fn(&str) -> String, words: &dyn Words) -> String {
    match &e.kind {
        EventKind::HostState { host, up } => {
            let host = name(host);
            let (id, en) = if *up {
                ("narration-host-up", format!("{host} is up"))
            } else {
                ("narration-host-down", format!("{host} is down"))
            };
            words.say(id, &[("host", Arg::Str(&host))]).unwrap_or(en)
        }
        EventKind::Relayed {
            queue_id,
            to_host,
            rcpts,
            ..
        } => {
            let host = name(to_host);
            let rcpts = rcpts
                .iter()
                .map(|r| format!("<{r}>"))
                .collect::<Vec<_>>()
                .join(", ");
            words
                .say(
                    "narration-relayed",
                    &[
                        ("id", Arg::Str(queue_id)),
                        ("host", Arg::Str(&host)),
                        ("rcpts", Arg::Str(&rcpts)),
                    ],
                )
                .unwrap_or_else(|| format!("{queue_id} relayed to {host} for {rcpts}"))
        }
        _ => event_summary(e, words).unwrap_or_else(|| protocol_core::sim::render::describe(e).1),
    }
}

/// The core's one-line summary of an event (`render::describe`) in the
/// language of `words`: a message `event-...` keyed by the event's kind,
/// with the event's values as they are (ids, ports, names, DNS answers
/// and state names are the protocol's). `None`: a kind with no message (a
/// line on the wire, the message itself, IMAP's and the checks' own), or
/// `words` without it; the caller keeps the core's English. The English
/// messages read exactly as `describe` (a test checks it), so the CLI's
/// English and the page's agree.
pub fn event_summary(e: &TraceEvent, words: &dyn Words) -> Option<String> {
    use protocol_core::sim::trace::Unreachable;
    let angle = |v: &[String]| {
        v.iter()
            .map(|r| format!("<{r}>"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (id, args): (&str, Vec<(&str, String)>) = match &e.kind {
        EventKind::ConnectionOpened {
            conn,
            port,
            protocol,
        } => (
            "event-connected",
            vec![
                ("conn", conn.to_string()),
                ("port", port.to_string()),
                ("protocol", protocol.label().into()),
            ],
        ),
        EventKind::ConnectionRefused { port } => {
            ("event-refused", vec![("port", port.to_string())])
        }
        EventKind::ConnectionUnreachable { port, reason } => (
            match reason {
                Unreachable::HostDown => "event-unreachable-host",
                Unreachable::LinkDown => "event-unreachable-link",
            },
            vec![("port", port.to_string())],
        ),
        EventKind::ConnectionClosed { conn } => ("event-closed", vec![("conn", conn.to_string())]),
        EventKind::DnsQuery { id, name, qtype } => (
            "event-dns-query",
            vec![
                ("id", id.to_string()),
                ("name", name.clone()),
                ("qtype", qtype.to_string()),
            ],
        ),
        EventKind::DnsAnswer {
            id,
            name,
            qtype,
            answer,
        } => (
            "event-dns-answer",
            vec![
                ("id", id.to_string()),
                ("name", name.clone()),
                ("qtype", qtype.to_string()),
                // The answers without records in words; records as written.
                ("answer", answer_words(answer, words)),
            ],
        ),
        EventKind::StateChanged {
            conn, role, state, ..
        } => (
            if *role == Role::Client {
                "event-state-client"
            } else {
                "event-state-server"
            },
            vec![("conn", conn.to_string()), ("state", state.to_string())],
        ),
        EventKind::Queued {
            queue_id,
            from,
            rcpts,
            size,
            ..
        } => (
            "event-queued",
            vec![
                ("id", queue_id.clone()),
                ("from", from.clone()),
                ("rcpts", angle(rcpts)),
                ("size", size.to_string()),
            ],
        ),
        EventKind::RetryScheduled {
            queue_id,
            attempt,
            next,
            reason,
            ..
        } => (
            "event-retry",
            vec![
                ("id", queue_id.clone()),
                ("attempt", attempt.to_string()),
                ("reason", retry_reason_words(reason)),
                ("next", next.to_string()),
            ],
        ),
        EventKind::Delivered {
            queue_id,
            rcpt,
            mailbox,
            uid,
            ..
        } => (
            "event-delivered",
            vec![
                ("id", queue_id.clone()),
                ("rcpt", rcpt.clone()),
                ("mailbox", mailbox.clone()),
                ("uid", uid.clone()),
            ],
        ),
        EventKind::Bounced {
            queue_id,
            rcpts,
            to,
            bounce_id,
            ..
        } => (
            "event-bounced",
            vec![
                ("id", queue_id.clone()),
                ("rcpts", angle(rcpts)),
                ("to", to.clone()),
                ("bounce", bounce_id.clone()),
            ],
        ),
        EventKind::BounceDiscarded {
            queue_id, rcpts, ..
        } => (
            "event-bounce-discarded",
            vec![("id", queue_id.clone()), ("rcpts", angle(rcpts))],
        ),
        EventKind::Retrieved { mailbox, uid, .. } => (
            "event-retrieved",
            vec![("mailbox", mailbox.clone()), ("uid", uid.clone())],
        ),
        EventKind::Deleted { mailbox, uid, .. } => (
            "event-deleted",
            vec![("mailbox", mailbox.clone()), ("uid", uid.clone())],
        ),
        EventKind::LinkState { up } => (
            if *up {
                "event-link-up"
            } else {
                "event-link-down"
            },
            vec![],
        ),
        _ => return None,
    };
    let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::Str(v))).collect();
    words.say(id, &args)
}

/// The narration of a step with no explanation of its own.
pub const INTERNAL_STEP: &str =
    "A step inside one host: its mail program or server keeps track of where the session is.";

/// How long event `i` stays current at 1x: time to read its narration.
pub fn dwell_ms(trace: &[TraceEvent], i: usize) -> f64 {
    let words = narration_text(trace, i, &|h| h.to_string(), &English)
        .split_whitespace()
        .count();
    (words as f64 * 60_000.0 / WORDS_PER_MINUTE).max(MIN_STEP_MS)
}

/// A step worth stopping at in the "key steps" view: a line on the wire, a
/// DNS message, a connection, a queue or mailbox change. Sessions' state
/// changes (each program's own bookkeeping) and notes are passed over.
pub fn is_key_step(e: &TraceEvent) -> bool {
    !matches!(
        e.kind,
        EventKind::StateChanged { .. } | EventKind::Note { .. }
    )
}

/// The position after one step forward from `position`: the next event, or
/// with `key_only` the next key step (the end if there is none).
pub fn next_position(trace: &[TraceEvent], position: usize, key_only: bool) -> usize {
    let len = trace.len();
    (position + 1..=len)
        .find(|&p| !key_only || is_key_step(&trace[p - 1]))
        .unwrap_or(len)
        .max(position.min(len))
}

/// The position after one step back from `position` (0 if none is left).
pub fn prev_position(trace: &[TraceEvent], position: usize, key_only: bool) -> usize {
    (1..position.min(trace.len() + 1))
        .rev()
        .find(|&p| !key_only || is_key_step(&trace[p - 1]))
        .unwrap_or(0)
}

/// `position` moved on over the bookkeeping right after it (the sessions'
/// state changes a line caused): where the state machine has settled once
/// the current line has had its effect, as the key-steps view shows it.
pub fn settled(trace: &[TraceEvent], position: usize) -> usize {
    let mut p = position.max(1);
    while p < trace.len() && !is_key_step(&trace[p]) {
        p += 1;
    }
    p.min(trace.len()).max(position)
}

/// The virtual gap before event `i`, if long enough to be captioned.
pub fn gap_before(trace: &[TraceEvent], i: usize) -> Option<u64> {
    if i == 0 || i >= trace.len() {
        return None;
    }
    let gap = trace[i].time.0.saturating_sub(trace[i - 1].time.0);
    (gap >= GAP_CAPTION_MIN_US).then_some(gap)
}

/// Real milliseconds (at 1x) from showing event `position - 1` to showing
/// the event at `next - 1`: the time to read the current step, plus the
/// caption time when a long virtual gap is skipped. Long waits are
/// compressed to a caption; short ones (network latency) are not shown.
pub fn wait_before_next_ms(trace: &[TraceEvent], position: usize, next: usize) -> f64 {
    let dwell = match position.checked_sub(1) {
        Some(c) if c < trace.len() => dwell_ms(trace, c),
        _ => 600.0,
    };
    let gap = match (position.checked_sub(1), next.checked_sub(1)) {
        (Some(a), Some(b)) if a < b && b < trace.len() => {
            trace[b].time.0.saturating_sub(trace[a].time.0)
        }
        _ => 0,
    };
    dwell
        + if gap >= GAP_CAPTION_MIN_US {
            GAP_CAPTION_MS
        } else {
            0.0
        }
}

/// "15 minutes later", "2 hours later", "30 seconds later".
pub fn gap_caption(us: u64, words: &dyn Words) -> String {
    let d = duration_words(us, words);
    words
        .say("narration-later", &[("duration", Arg::Str(&d))])
        .unwrap_or_else(|| format!("{d} later"))
}

/// A queued retry's reason (the core's `x-mailsim; ...` and `smtp; ...`
/// diagnostics of each recipient, joined by `; `) in the language shown:
/// the kinds the core writes are put in words; a server's reply after
/// `smtp;` stays as it came, and so does a reason not known here.
pub fn retry_reason_words(reason: &str) -> String {
    use crate::i18n::{t, ta};
    let mut items: Vec<String> = Vec::new();
    for token in reason.split("; ") {
        match items.last_mut() {
            Some(last) if token != "x-mailsim" && token != "smtp" => {
                last.push_str("; ");
                last.push_str(token);
            }
            _ => items.push(token.to_string()),
        }
    }
    let connect_error = |e: &str| match e {
        "Connection refused" => t("reason-refused"),
        "No route to host (the host is down)" => t("reason-host-down"),
        "Network is unreachable (the link is down)" => t("reason-link-down"),
        e => e.to_string(),
    };
    let words = |why: &str| -> String {
        if why == protocol_core::mta::queue::DNS_NO_ANSWER {
            t("reason-dns-no-answer")
        } else if why == protocol_core::mta::queue::DNS_SERVFAIL {
            t("reason-dns-servfail")
        } else if why == "temporary failure" {
            t("reason-temporary")
        } else if let Some(ip) = why.strip_prefix("no host at ") {
            ta("reason-no-host", &[("ip", Arg::Str(ip))])
        } else if let Some((host, e)) = why
            .strip_prefix("connect to ")
            .and_then(|r| r.split_once(":25: "))
        {
            let e = connect_error(e);
            ta(
                "reason-connect",
                &[("host", Arg::Str(host)), ("why", Arg::Str(&e))],
            )
        } else {
            why.to_string()
        }
    };
    items
        .iter()
        .map(|i| match i.strip_prefix("x-mailsim; ") {
            Some(why) => format!("x-mailsim; {}", words(why)),
            None => i.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "15 minutes", "2 hours", "30 seconds", "250 ms".
pub fn duration_words(us: u64, words: &dyn Words) -> String {
    let s = us / 1_000_000;
    if s == 0 {
        return format!("{} ms", us / 1000);
    }
    let (n, unit) = if s < 60 {
        (s, "second")
    } else if s < 3600 {
        ((s + 30) / 60, "minute")
    } else if s < 86_400 {
        ((s + 1800) / 3600, "hour")
    } else {
        ((s + 43_200) / 86_400, "day")
    };
    words
        .say(&format!("duration-{unit}"), &[("n", Arg::Num(n as f64))])
        .unwrap_or_else(|| format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
}

/// The end of a scenario, summed up: the hops the message made, the virtual
/// time it all took, and where the mail is now.
#[derive(Clone, Debug, PartialEq)]
pub struct WrapUp {
    /// (from host id, to host id, protocol) of each transfer of message text.
    pub hops: Vec<(String, String, &'static str)>,
    pub took_us: u64,
    pub dave: usize,
    pub john: usize,
    pub queued: usize,
    pub bounces: usize,
}

pub fn wrap_up(trace: &[TraceEvent], snap: &Snapshot) -> WrapUp {
    let hops = trace
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Payload {
                protocol: Protocol::Smtp,
                dir: Direction::ToServer,
                ..
            } => Some((e.from.clone(), e.to.clone(), "SMTP")),
            EventKind::Payload {
                protocol: Protocol::Pop3,
                dir: Direction::ToClient,
                text,
                ..
            } if text.contains("\r\n\r\n") => Some((e.from.clone(), e.to.clone(), "POP3")),
            _ => None,
        })
        .collect();
    let took_us = match (trace.first(), trace.last()) {
        (Some(a), Some(b)) => b.time.0.saturating_sub(a.time.0),
        _ => 0,
    };
    WrapUp {
        hops,
        took_us,
        dave: snap.dave.len(),
        john: snap.john.len(),
        queued: snap.queues.iter().map(|(_, q)| q.len()).sum(),
        bounces: trace
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Bounced { .. }))
            .count(),
    }
}

/// Text with its line ends made visible: CR LF becomes `␍␊`.
pub fn show_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                out.push_str("␍␊\n");
            }
            '\r' => out.push('␍'),
            '\n' => out.push_str("␊\n"),
            c => out.push(c),
        }
    }
    out
}

/// The raw bytes of a line event as sent (text plus CR LF), with CR LF visible.
pub fn raw_line(e: &TraceEvent) -> Option<String> {
    match &e.kind {
        EventKind::Line { text, .. } => Some(format!("{text}␍␊")),
        EventKind::Payload { text, .. } => {
            let t = if text.ends_with("\r\n") {
                text.clone()
            } else {
                format!("{text}\r\n")
            };
            Some(show_crlf(&t).trim_end_matches('\n').to_string())
        }
        _ => None,
    }
}

/// The (name, value) fields the inspector lists for an event.
pub fn parsed_fields(e: &TraceEvent) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = Vec::new();
    let mut add = |k: &str, v: String| f.push((k.to_string(), v));
    match &e.kind {
        EventKind::Line {
            conn,
            dir,
            protocol,
            parsed,
            ..
        } => {
            add("Protocol", protocol.label().into());
            add("Connection", format!("#{conn}"));
            add(
                "Direction",
                crate::i18n::t(if *dir == Direction::ToServer {
                    "parsed-value-to-server"
                } else {
                    "parsed-value-to-client"
                }),
            );
            match parsed {
                Some(Parsed::Command { verb, arg }) => {
                    add("Command", verb.clone());
                    if !arg.is_empty() {
                        add("Argument", arg.clone());
                    }
                }
                Some(Parsed::Reply {
                    code,
                    enhanced,
                    more,
                }) => {
                    add("Reply code", code.to_string());
                    if let Some(esc) = enhanced {
                        add("Enhanced status", esc.clone());
                    }
                    add(
                        "Last line of reply",
                        crate::i18n::t(if *more {
                            "parsed-value-more-follow"
                        } else {
                            "parsed-value-yes"
                        }),
                    );
                }
                Some(Parsed::Status { ok }) => {
                    add("Status", if *ok { "+OK".into() } else { "-ERR".into() })
                }
                Some(Parsed::Data) => add("Kind", crate::i18n::t("parsed-value-message-text")),
                Some(Parsed::AuthAnswer) => {
                    add("Kind", crate::i18n::t("parsed-value-login-answer"))
                }
                None => {}
            }
        }
        EventKind::Payload {
            conn,
            protocol,
            text,
            lines,
            ..
        } => {
            add("Protocol", protocol.label().into());
            add("Connection", format!("#{conn}"));
            add(
                "Size",
                crate::i18n::ta(
                    "parsed-value-lines-bytes",
                    &[
                        ("lines", crate::i18n::num(*lines)),
                        ("bytes", crate::i18n::num(text.len())),
                    ],
                ),
            );
        }
        EventKind::DnsQuery { id, name, qtype } => {
            add("Query id", id.to_string());
            add("Name", name.clone());
            add("Type", qtype.to_string());
        }
        EventKind::DnsAnswer {
            id,
            name,
            qtype,
            answer,
        } => {
            add("Query id", id.to_string());
            add("Name", name.clone());
            add("Type", qtype.to_string());
            add("Answer", answer.to_string());
        }
        EventKind::ConnectionOpened {
            conn,
            port,
            protocol,
        } => {
            add("Connection", format!("#{conn}"));
            add("Port", port.to_string());
            add("Protocol", protocol.label().into());
        }
        EventKind::Queued {
            queue_id,
            from,
            rcpts,
            size,
            ..
        } => {
            add("Queue id", queue_id.clone());
            add("Envelope sender", format!("<{from}>"));
            add(
                "Recipients",
                rcpts
                    .iter()
                    .map(|r| format!("<{r}>"))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            add(
                "Size",
                crate::i18n::ta("parsed-value-bytes", &[("bytes", crate::i18n::num(*size))]),
            );
        }
        EventKind::RetryScheduled {
            attempt,
            next,
            reason,
            ..
        } => {
            add("Attempt", attempt.to_string());
            add("Next try at", next.to_string());
            add("Reason", retry_reason_words(reason));
        }
        EventKind::Bounced { reason, to, .. } => {
            add("Reason", reason.clone());
            add("Notification to", format!("<{to}>"));
        }
        EventKind::StateChanged {
            conn,
            protocol,
            role,
            state,
        } => {
            add("Connection", format!("#{conn} ({})", protocol.label()));
            add(
                "Side",
                crate::i18n::t(match role {
                    protocol_core::sim::Role::Client => "parsed-value-client",
                    protocol_core::sim::Role::Server => "parsed-value-server",
                }),
            );
            add("New state", state.name());
        }
        _ => {}
    }
    f
}

/// For a state change, what the new state accepts, from the core's tables.
pub fn state_expects(e: &TraceEvent, words: &dyn Words) -> Option<String> {
    let EventKind::StateChanged {
        state,
        role: protocol_core::sim::Role::Server,
        ..
    } = &e.kind
    else {
        return None;
    };
    // The commands from the core's tables (not the events that need none,
    // such as a timeout); the state is the table's own value.
    use protocol_core::sim::SessionState as S;
    let uniq: Vec<&str> = match *state {
        S::SmtpServer(s) => s.expected_commands(),
        S::Pop3Server(s) => s.valid_commands(),
        S::ImapServer(s) => s.valid_commands(),
        _ => return None,
    };
    let state = state.to_string();
    Some(if uniq.is_empty() {
        words
            .say("narration-state-final", &[("state", Arg::Str(&state))])
            .unwrap_or_else(|| {
                format!("The server's session is now in state {state}: it is finished.")
            })
    } else {
        let commands = uniq.join(", ");
        words
            .say(
                "narration-state-accepts",
                &[("state", Arg::Str(&state)), ("commands", Arg::Str(&commands))],
            )
            .unwrap_or_else(|| {
                format!("The server's session is now in state {state}. From here it accepts: {commands}.")
            })
    })
}

/// Explanation keys worth showing for event `i`: its own (chosen by the core),
/// then the reply code's and enhanced status code's meanings.
pub fn explanation_keys(trace: &[TraceEvent], i: usize) -> Vec<String> {
    let Some(e) = trace.get(i) else {
        return Vec::new();
    };
    // The key the core's session chose comes first; nothing is guessed here.
    let mut keys: Vec<String> = e.explain.iter().map(|k| k.to_string()).collect();
    let mut more = |k: String| {
        if !keys.contains(&k) {
            keys.push(k)
        }
    };
    match &e.kind {
        EventKind::Line {
            protocol: Protocol::Smtp,
            parsed: Some(Parsed::Reply { code, enhanced, .. }),
            ..
        } => {
            more(format!("smtp.reply.{code}"));
            if let Some(esc) = enhanced {
                more(format!("smtp.esc.{esc}"));
            }
        }
        EventKind::Line {
            protocol,
            parsed: Some(Parsed::Command { verb, .. }),
            ..
        } => more(format!(
            "{}.cmd.{verb}",
            protocol.label().to_ascii_lowercase()
        )),
        _ => {}
    }
    keys.retain(|k| protocol_core::explain::lookup(k).is_some());
    keys
}

/// A message in somebody's inbox, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboxItem {
    pub uid: String,
    pub text: String,
    pub headers: Vec<(String, String)>,
    /// Still in the maildrop on the server.
    pub on_server: bool,
    /// The devices (client host ids) that downloaded it with POP3: each
    /// keeps its own copy, even after the server's is deleted.
    pub downloaded_to: Vec<String>,
    /// The devices that fetched its text over IMAP (the copy stays on the
    /// server; every device sees the same one).
    pub read_on: Vec<String>,
    /// Its IMAP flags on the server, once a session changed them.
    pub flags: Option<String>,
    /// The IMAP folder it was moved to (COPY or MOVE, then EXPUNGE from
    /// INBOX): still on the server, no longer in the maildrop POP3 reads.
    pub folder: Option<String>,
}

impl InboxItem {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The subject as a mail program shows it: encoded-words decoded,
    /// "(no subject)" when there is none.
    pub fn subject(&self) -> String {
        match self.header("Subject").map(str::trim) {
            Some(s) if !s.is_empty() => crate::words::decode(s).unwrap_or_else(|| s.to_string()),
            _ => "(no subject)".to_string(),
        }
    }
    pub fn received_count(&self) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Received"))
            .count()
    }
}

/// One message waiting in an MTA's queue: (queue id, from, recipients,
/// next attempt).
pub type QueueItem = (String, String, Vec<String>, Option<String>);

/// Everything the panels show at one cursor position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub view: WorldView,
    pub dave: Vec<InboxItem>,
    pub john: Vec<InboxItem>,
    /// Every MTA's queue at the cursor, the ISP's first (always, even when
    /// empty), then each other host that holds mail (a backup MX waiting
    /// for the primary, a relay retrying): (host id, its entries).
    pub queues: Vec<(String, Vec<QueueItem>)>,
}

/// A person's inbox at `position`: the messages in their maildrop on any
/// server, plus the ones their mail program has downloaded (which stay on
/// the computer after the server copy is deleted).
pub fn inbox(trace: &[TraceEvent], view: &WorldView, login: &str) -> Vec<InboxItem> {
    let upto = &trace[..view.position.min(trace.len())];
    let mut items: Vec<InboxItem> = Vec::new();
    // IMAP copies out of INBOX: (INBOX UIDs, the folder they went to).
    let mut copied: Vec<(Vec<u32>, String)> = Vec::new();
    for e in upto {
        match &e.kind {
            EventKind::Delivered {
                mailbox,
                uid,
                message,
                host,
                ..
            } if mailbox == login => {
                let on_server = view.mailbox(host, login).iter().any(|m| &m.uid == uid);
                items.push(InboxItem {
                    uid: uid.clone(),
                    headers: parse_headers(message),
                    text: message.clone(),
                    on_server,
                    downloaded_to: Vec::new(),
                    read_on: Vec::new(),
                    flags: None,
                    folder: None,
                });
            }
            // The device is the event's `to`: the client the server sent to.
            EventKind::Retrieved { mailbox, uid, .. } if mailbox == login => {
                if let Some(it) = items.iter_mut().find(|it| &it.uid == uid) {
                    if !it.downloaded_to.contains(&e.to) {
                        it.downloaded_to.push(e.to.clone());
                    }
                }
            }
            EventKind::Fetched { mailbox, uidl, .. } if mailbox == login => {
                if let Some(it) = items.iter_mut().find(|it| &it.uid == uidl) {
                    if !it.read_on.contains(&e.to) {
                        it.read_on.push(e.to.clone());
                    }
                }
            }
            EventKind::FlagsChanged {
                mailbox,
                uidl,
                flags,
                ..
            } if mailbox == login => {
                if let Some(it) = items.iter_mut().find(|it| &it.uid == uidl) {
                    it.flags = Some(flags.clone());
                }
            }
            EventKind::Copied {
                mailbox,
                from_folder,
                to_folder,
                uids,
                ..
            } if mailbox == login && from_folder == "INBOX" => {
                copied.push((uids.clone(), to_folder.clone()));
            }
            // Leaving INBOX after a copy is a move (UID MOVE is COPY then
            // EXPUNGE, RFC 6851 §3.3): the message is in the other folder.
            EventKind::Expunged {
                mailbox,
                folder,
                uid,
                uidl,
                ..
            } if mailbox == login && folder == "INBOX" => {
                let to = copied
                    .iter()
                    .rev()
                    .find(|(uids, _)| uids.contains(uid))
                    .map(|(_, to)| to.clone());
                if let Some(it) = items.iter_mut().find(|it| &it.uid == uidl) {
                    it.folder = to;
                }
            }
            _ => {}
        }
    }
    items.retain(|it| it.on_server || it.folder.is_some() || !it.downloaded_to.is_empty());
    items
}

impl Snapshot {
    pub fn at(trace: &[TraceEvent], position: usize) -> Snapshot {
        let view = WorldView::at(trace, position);
        let entries = |q: &protocol_core::vec_map::VecMap<
            String,
            protocol_core::sim::view::QueuedView,
        >|
         -> Vec<QueueItem> {
            q.iter()
                .map(|(id, m)| {
                    (
                        id.clone(),
                        m.from.clone(),
                        m.rcpts.clone(),
                        m.next_attempt.map(|t| t.to_string()),
                    )
                })
                .collect()
        };
        let mut queues = vec![(
            "isp".to_string(),
            view.queues.get("isp").map(entries).unwrap_or_default(),
        )];
        for (host, q) in view.queues.iter() {
            if host != "isp" && !q.is_empty() {
                queues.push((host.clone(), entries(q)));
            }
        }
        Snapshot {
            dave: inbox(trace, &view, "dave"),
            john: inbox(trace, &view, "john"),
            queues,
            view,
        }
    }
}

/// The message as it stands at this hop: the latest message text that
/// travelled (DATA payload, delivery, POP3 download) up to `position`,
/// with the envelope (MAIL FROM, RCPT TO) of the session that carried it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HopMessage {
    /// Where it is, e.g. "isp → mx (SMTP #2)".
    pub hop: String,
    pub mail_from: Option<String>,
    pub rcpt_to: Vec<String>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HopMessage {
    pub fn received_count(&self) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Received"))
            .count()
    }
}

fn split_message(text: &str) -> (Vec<(String, String)>, String) {
    let text = text
        .strip_suffix("\r\n.\r\n")
        .or_else(|| text.strip_suffix(".\r\n"))
        .unwrap_or(text);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (parse_headers(text), body.replace("\r\n", "\n"))
}

/// `name` turns a host id into the name a student reads.
pub fn hop_message(
    trace: &[TraceEvent],
    position: usize,
    name: &dyn Fn(&str) -> String,
) -> Option<HopMessage> {
    let upto = &trace[..position.min(trace.len())];
    let (i, e) = upto.iter().enumerate().rev().find(|(_, e)| match &e.kind {
        EventKind::Payload {
            protocol: Protocol::Smtp,
            dir: Direction::ToServer,
            ..
        } => true,
        EventKind::Payload {
            protocol: Protocol::Pop3,
            dir: Direction::ToClient,
            text,
            ..
        } => text.contains("\r\n\r\n"),
        EventKind::Delivered { .. } => true,
        _ => false,
    })?;
    let (text, hop, conn) = match &e.kind {
        EventKind::Payload {
            text,
            conn,
            protocol,
            ..
        } => (
            text.as_str(),
            format!(
                "{} → {} ({} #{conn})",
                name(&e.from),
                name(&e.to),
                protocol.label()
            ),
            Some(*conn),
        ),
        EventKind::Delivered {
            message,
            host,
            mailbox,
            ..
        } => (
            message.as_str(),
            format!("stored at {} in maildrop {mailbox}", name(host)),
            None,
        ),
        _ => unreachable!(),
    };
    let (headers, body) = split_message(text);
    let mut mail_from = None;
    let mut rcpt_to = Vec::new();
    // The envelope: from the carrying SMTP session, or for a stored or
    // downloaded message the Return-Path the final server added.
    let smtp_conn = conn.filter(|_| {
        matches!(
            e.kind,
            EventKind::Payload {
                protocol: Protocol::Smtp,
                ..
            }
        )
    });
    if let Some(c) = smtp_conn {
        for l in &upto[..i] {
            if let EventKind::Line {
                conn,
                parsed: Some(Parsed::Command { verb, arg }),
                ..
            } = &l.kind
            {
                if *conn == c && verb == "MAIL" {
                    mail_from = Some(arg.clone());
                    rcpt_to.clear();
                } else if *conn == c && verb == "RCPT" {
                    rcpt_to.push(arg.clone());
                }
            }
        }
    } else if let Some(rp) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Return-Path"))
    {
        mail_from = Some(format!("FROM:{}", rp.1));
        if let EventKind::Delivered { rcpt, .. } = &e.kind {
            rcpt_to.push(format!("TO:<{rcpt}>"));
        }
    }
    Some(HopMessage {
        hop,
        mail_from,
        rcpt_to,
        headers,
        body,
    })
}

/// The session state machine to draw for the current event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Machine {
    pub protocol: Protocol,
    pub conn: u64,
    /// States in table order.
    pub states: Vec<String>,
    /// (from, event, to), straight from the core's TRANSITIONS table.
    pub transitions: Vec<(String, String, String)>,
    pub current: Option<String>,
    /// The state before the last change, so the transition just taken is
    /// (previous, current).
    pub previous: Option<String>,
    /// Which side this is, and the host it runs on.
    pub role: Role,
    pub host: String,
}

/// Transitions from one state to one other state, merged: ("Ready", ["RSET", "EHLO"]).
pub type Edge = (String, Vec<String>);

/// A state's box in the drawn diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateBox {
    pub name: String,
    /// Events that keep the state (self loops).
    pub stays: Vec<String>,
    /// Edges drawn as text in the box: back up the main path, or to an end state.
    pub other: Vec<Edge>,
}

/// One row of the drawn diagram: a state of the main path, the states that
/// branch off it on the right (with the arrow there and, if any, back),
/// and the arrow down to the next row's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MachineRow {
    pub main: StateBox,
    /// (the branch's box, events main → branch, events branch → main)
    pub side: Vec<(StateBox, Vec<String>, Vec<String>)>,
    /// Events from this row's state to the next row's (empty for the last).
    pub down: Vec<String>,
}

/// Lays a transition table out as the diagram draws it: the main path
/// (from the first state, each state's first move to a new state, in table
/// order: Greeting, Ready, Mail, Rcpt, Data), branches beside the state
/// they leave from (Auth beside Ready), and the end states (no way out:
/// Closed) as the last rows. Every row of the table is in it once.
pub fn machine_rows(
    states: &[String],
    transitions: &[(String, String, String)],
) -> Vec<MachineRow> {
    let moves = |a: &str| -> Vec<String> {
        transitions
            .iter()
            .filter(|(x, _, y)| x == a && y != a)
            .map(|(_, _, y)| y.clone())
            .collect()
    };
    let is_end = |st: &str| moves(st).is_empty();
    // The main path.
    let mut chain: Vec<String> = Vec::new();
    let mut at = states.first().cloned();
    while let Some(st) = at {
        chain.push(st.clone());
        at = moves(&st)
            .into_iter()
            .find(|y| !is_end(y) && !chain.contains(y));
    }
    // Branches: the other states with a way out, beside their first parent.
    let mut side_of: Vec<(String, String)> = Vec::new();
    for st in states {
        if chain.contains(st) || is_end(st) {
            continue;
        }
        let parent = chain
            .iter()
            .find(|c| moves(c).contains(st))
            .cloned()
            .unwrap_or_else(|| chain[0].clone());
        side_of.push((st.clone(), parent));
    }
    let ends: Vec<String> = states.iter().filter(|s| is_end(s)).cloned().collect();
    let events = |a: &str, b: &str| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for (x, ev, y) in transitions {
            if x == a && y == b && !v.contains(ev) {
                v.push(ev.clone());
            }
        }
        v
    };
    // Edges a box lists as text: all but self loops and the drawn arrows.
    let boxed = |st: &str, drawn: &[String]| -> StateBox {
        let mut other: Vec<Edge> = Vec::new();
        for (x, _, y) in transitions {
            if x == st && y != st && !drawn.contains(y) && !other.iter().any(|(t, _)| t == y) {
                other.push((y.clone(), events(st, y)));
            }
        }
        StateBox {
            name: st.to_string(),
            stays: events(st, st),
            other,
        }
    };
    let mut rows = Vec::new();
    for (k, st) in chain.iter().enumerate() {
        let next = chain
            .get(k + 1)
            .or(ends.first().filter(|_| k + 1 == chain.len()));
        let sides: Vec<String> = side_of
            .iter()
            .filter(|(_, p)| p == st)
            .map(|(s, _)| s.clone())
            .collect();
        let mut drawn: Vec<String> = sides.clone();
        // The arrow down is drawn only to the next state of the main path
        // (the end state below the last is reached from many: listed).
        if let Some(n) = chain.get(k + 1) {
            drawn.push(n.clone());
        }
        let down = next
            .filter(|n| chain.contains(n))
            .map(|n| events(st, n))
            .unwrap_or_default();
        let side = sides
            .iter()
            .map(|b| {
                (
                    boxed(b, std::slice::from_ref(st)),
                    events(st, b),
                    events(b, st),
                )
            })
            .collect();
        rows.push(MachineRow {
            main: boxed(st, &drawn),
            side,
            down,
        });
    }
    for st in &ends {
        rows.push(MachineRow {
            main: boxed(st, &[]),
            side: Vec::new(),
            down: Vec::new(),
        });
    }
    rows
}

/// The server's state machine for the connection of event `current`, with
/// the state it is in after that event.
pub fn machine(trace: &[TraceEvent], view: &WorldView, current: usize) -> Option<Machine> {
    machine_of(trace, view, current, Role::Server)
}

/// The client's side of the same session, drawn from the client's own
/// table (`smtp::client::TRANSITIONS`, `pop3::client::CLIENT_TRANSITIONS`,
/// `imap::client::CLIENT_TRANSITIONS`): the table the client dispatches
/// through, so the drawing is the machine that ran.
pub fn client_machine(trace: &[TraceEvent], view: &WorldView, current: usize) -> Option<Machine> {
    machine_of(trace, view, current, Role::Client)
}

fn rows_of<S: Copy>(
    table: &[(S, &str, S)],
    name: impl Fn(S) -> String,
) -> Vec<(String, String, String)> {
    table
        .iter()
        .map(|(a, ev, b)| (name(*a), ev.to_string(), name(*b)))
        .collect()
}

fn machine_of(
    trace: &[TraceEvent],
    view: &WorldView,
    current: usize,
    role: Role,
) -> Option<Machine> {
    let e = trace.get(current)?;
    let conn = e.conn()?;
    let session = view.sessions.get(&conn)?;
    let protocol = session.protocol?;
    let transitions = match (protocol, role) {
        (Protocol::Smtp, Role::Server) => rows_of(protocol_core::smtp::server::TRANSITIONS, |s| {
            s.name().to_string()
        }),
        (Protocol::Smtp, Role::Client) => rows_of(protocol_core::smtp::client::TRANSITIONS, |s| {
            s.name().to_string()
        }),
        (Protocol::Pop3, Role::Server) => {
            rows_of(protocol_core::pop3::server::TRANSITIONS, |s| s.to_string())
        }
        (Protocol::Pop3, Role::Client) => {
            rows_of(protocol_core::pop3::client::CLIENT_TRANSITIONS, |s| {
                s.to_string()
            })
        }
        (Protocol::Imap, Role::Server) => {
            rows_of(protocol_core::imap::TRANSITIONS, |s| s.to_string())
        }
        (Protocol::Imap, Role::Client) => {
            rows_of(protocol_core::imap::client::CLIENT_TRANSITIONS, |s| {
                s.to_string()
            })
        }
        (Protocol::Dns, _) => return None,
    };
    let mut states: Vec<String> = Vec::new();
    for (a, _, b) in &transitions {
        for s in [a, b] {
            if !states.contains(s) {
                states.push(s.clone());
            }
        }
    }
    // Before the session reports a change, a fresh one is in the first state.
    let reported = match role {
        Role::Server => session.server_state,
        Role::Client => session.client_state,
    };
    let current_state = reported
        .map(|s| s.name())
        .or_else(|| states.first().cloned());
    Some(Machine {
        protocol,
        conn,
        role,
        states,
        transitions,
        current: current_state,
        previous: previous_state(trace, conn, view.position.max(current + 1) - 1, role),
        host: match role {
            Role::Server => session.server.clone(),
            Role::Client => session.client.clone(),
        },
    })
}

/// A session side's state before its latest change on `conn`, up to event `upto`.
fn previous_state(trace: &[TraceEvent], conn: u64, upto: usize, role: Role) -> Option<String> {
    let mut seen = trace[..=upto.min(trace.len().saturating_sub(1))]
        .iter()
        .rev()
        .filter_map(|e| match &e.kind {
            EventKind::StateChanged {
                conn: c,
                role: r,
                state,
                ..
            } if *c == conn && *r == role => Some(state.name()),
            _ => None,
        });
    seen.next()?;
    seen.next()
}

/// One step of the sender checks (SPF, DKIM, DMARC, issue 18) as the page
/// lists them: the method's tag and the server's own words, with the DNS
/// answers the checks used ("DNS") in their place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthStep {
    pub method: String,
    pub text: String,
    /// The step's explanation key (the page shows its title in the
    /// learner's language beside the server's own words).
    pub key: Option<String>,
}

/// The sender checks around event `i`, if it is one: every check step the
/// same server recorded at the same instant (the checks run at the end of
/// DATA, RFC 7489 §6.6.2), with the DNS questions and answers among them.
pub fn auth_block(trace: &[TraceEvent], i: usize) -> Vec<AuthStep> {
    // A check step, or a DNS question or answer of the checking server.
    let host = match trace.get(i) {
        Some(e) => match &e.kind {
            EventKind::SenderCheck { host, .. } => host,
            EventKind::DnsQuery { .. } => &e.from,
            EventKind::DnsAnswer { .. } => &e.to,
            _ => return Vec::new(),
        },
        None => return Vec::new(),
    };
    let time = trace[i].time;
    let part = |e: &TraceEvent| {
        e.time == time
            && match &e.kind {
                EventKind::SenderCheck { host: h, .. } => h == host,
                EventKind::DnsQuery { .. } => &e.from == host,
                EventKind::DnsAnswer { .. } => &e.to == host,
                _ => false,
            }
    };
    let mut a = i;
    while a > 0 && part(&trace[a - 1]) {
        a -= 1;
    }
    let mut b = i;
    while b + 1 < trace.len() && part(&trace[b + 1]) {
        b += 1;
    }
    let block = &trace[a..=b];
    if !block
        .iter()
        .any(|e| matches!(e.kind, EventKind::SenderCheck { .. }))
    {
        // A lookup of some other kind (an MX question), not the checks.
        return Vec::new();
    }
    block
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SenderCheck { method, text, .. } => Some(AuthStep {
                // The trace's `spf`, as the RFCs write it: SPF.
                method: method.to_ascii_uppercase(),
                text: text.clone(),
                key: e.explain.as_ref().map(|k| k.to_string()),
            }),
            // The answers only: the questions are in the check's own words.
            EventKind::DnsAnswer { .. } => Some(AuthStep {
                method: "DNS".into(),
                text: protocol_core::sim::render::describe(e).1,
                key: None,
            }),
            _ => None,
        })
        .collect()
}

/// The sender checks behind the server's reply to a message (issue 18: a
/// refused message has no viewer, so its checks are shown at its `550`):
/// when event `i` is the first SMTP reply after the message on its
/// connection, the checks that server ran on it (RFC 7489 §6.6.2 at the end
/// of DATA; RFC 5321 §4.2.5 the reply to the final `.`). Empty otherwise,
/// for a message that no check ran on, and for a submission server that
/// only signed it.
pub fn auth_for_reply(trace: &[TraceEvent], i: usize) -> Vec<AuthStep> {
    let Some(EventKind::Line {
        conn,
        dir: Direction::ToClient,
        protocol: Protocol::Smtp,
        ..
    }) = trace.get(i).map(|e| &e.kind)
    else {
        return Vec::new();
    };
    let server = &trace[i].from;
    // Back to the message on this connection, with no other reply between.
    let mut checks = None;
    for j in (0..i).rev() {
        match &trace[j].kind {
            EventKind::Payload {
                conn: c,
                dir: Direction::ToServer,
                ..
            } if c == conn => {
                // Checks, not the sender's own DKIM signing at submission.
                let block = checks.map(|k| auth_block(trace, k)).unwrap_or_default();
                let checked = block
                    .iter()
                    .any(|st| st.method == "SPF" || st.method == "DMARC");
                return if checked { block } else { Vec::new() };
            }
            EventKind::Line { conn: c, .. } if c == conn => return Vec::new(),
            EventKind::SenderCheck { host, .. } if host == server && checks.is_none() => {
                checks = Some(j)
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The sender checks the receiving server ran on the message delivered as
/// `uid` (empty when none ran: a message from the server's own users, or a
/// world without them): the checks just before that server took the
/// message (its `Queued` event), at the same instant.
pub fn auth_for_delivery(trace: &[TraceEvent], uid: &str) -> Vec<AuthStep> {
    let Some((host, queue_id)) = trace.iter().find_map(|e| match &e.kind {
        EventKind::Delivered {
            uid: u,
            host,
            queue_id,
            ..
        } if u == uid => Some((host, queue_id)),
        _ => None,
    }) else {
        return Vec::new();
    };
    let Some(q) = trace.iter().position(|e| {
        matches!(&e.kind, EventKind::Queued { host: h, queue_id: id, .. } if h == host && id == queue_id)
    }) else {
        return Vec::new();
    };
    let time = trace[q].time;
    trace[..q]
        .iter()
        .rposition(|e| {
            e.time == time && matches!(&e.kind, EventKind::SenderCheck { host: h, .. } if h == host)
        })
        .map(|i| auth_block(trace, i))
        .unwrap_or_default()
}

/// One row of the sequence diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct SeqRow {
    pub index: usize,
    pub from: Option<usize>,
    pub to: Option<usize>,
    /// "smtp", "pop3", "dns", "tcp", "mta", "note"
    pub kind: &'static str,
    pub label: String,
    pub time: String,
}

pub fn kind_class(e: &TraceEvent) -> &'static str {
    match &e.kind {
        EventKind::Line { protocol, .. }
        | EventKind::Payload { protocol, .. }
        | EventKind::StateChanged { protocol, .. } => match protocol {
            Protocol::Smtp => "smtp",
            Protocol::Pop3 => "pop3",
            Protocol::Imap => "imap",
            Protocol::Dns => "dns",
        },
        EventKind::DnsQuery { .. } | EventKind::DnsAnswer { .. } => "dns",
        EventKind::ConnectionOpened { .. }
        | EventKind::ConnectionRefused { .. }
        | EventKind::ConnectionUnreachable { .. }
        | EventKind::ConnectionClosed { .. }
        | EventKind::ConnectionReset { .. } => "tcp",
        EventKind::Note { .. } => "note",
        EventKind::HostState { .. } | EventKind::LinkState { .. } => "net",
        _ => "mta",
    }
}

/// The short label of a packet / arrow: the line itself, or a summary.
pub fn short_label(e: &TraceEvent) -> String {
    match &e.kind {
        EventKind::Line { text, .. } => text.clone(),
        EventKind::Payload { text, lines, .. } => {
            let first = text.lines().next().unwrap_or("");
            crate::i18n::ta(
                "sequence-payload",
                &[
                    ("lines", crate::i18n::num(*lines)),
                    ("first", Arg::Str(first)),
                ],
            )
        }
        EventKind::DnsQuery { name, qtype, .. } => format!("{qtype}? {name}"),
        EventKind::DnsAnswer { qtype, answer, .. } => {
            format!(
                "{qtype}: {}",
                answer_words(answer, &*crate::i18n::catalog())
            )
        }
        // The core's summary, in the learner's language (the same words as
        // the narration's).
        _ => event_summary(e, &*crate::i18n::catalog())
            .unwrap_or_else(|| protocol_core::sim::render::describe(e).1),
    }
}

/// A DNS answer as the page shows it: records as written, the answers
/// without records (NODATA, NXDOMAIN, SERVFAIL) in the learner's words.
pub fn answer_words(answer: &protocol_core::dns::Answer, words: &dyn Words) -> String {
    use protocol_core::dns::Answer;
    match answer {
        Answer::NoData => words.say("dns-answer-nodata-words", &[]),
        Answer::NxDomain => words.say("dns-answer-nxdomain-words", &[]),
        Answer::ServFail => words.say("dns-answer-servfail-words", &[]),
        _ => None,
    }
    .unwrap_or_else(|| answer.to_string())
}

pub fn seq_row(trace: &[TraceEvent], hosts: &[crate::story::HostInfo], i: usize) -> SeqRow {
    let e = &trace[i];
    let idx = |id: &str| hosts.iter().position(|h| h.id == id);
    SeqRow {
        index: i,
        from: idx(&e.from),
        to: idx(&e.to),
        kind: kind_class(e),
        label: short_label(e),
        time: e.time.to_string(),
    }
}

/// The events drawn as rows of the sequence diagram: all but the sessions'
/// state changes, which ride as a badge on the row of the line that caused
/// them (the State machine tab and the narration still show each one).
pub fn shown_rows(trace: &[TraceEvent]) -> Vec<usize> {
    (0..trace.len())
        .filter(|&i| !matches!(trace[i].kind, EventKind::StateChanged { .. }))
        .collect()
}

/// The row that stands for event `i`: its own, or the last row before it.
pub fn row_for_event(rows: &[usize], i: usize) -> Option<usize> {
    rows.partition_point(|&e| e <= i).checked_sub(1)
}

/// The server states entered right after row `r`'s event (before the next
/// row's), for the row's badge: (the server's host id, "Mail").
pub fn states_after(trace: &[TraceEvent], rows: &[usize], r: usize) -> Vec<(String, String)> {
    let Some(&i) = rows.get(r) else {
        return Vec::new();
    };
    let end = rows.get(r + 1).copied().unwrap_or(trace.len());
    trace[i + 1..end]
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::StateChanged {
                role: protocol_core::sim::Role::Server,
                state,
                ..
            } => Some((e.from.clone(), state.name())),
            _ => None,
        })
        .collect()
}

/// The rows of a scrolled window `[first, last)` of the sequence diagram,
/// with `overscan` extra rows either side, clamped to the trace.
pub fn window(
    len: usize,
    scroll_top: f64,
    height: f64,
    row_h: f64,
    overscan: usize,
) -> (usize, usize) {
    if len == 0 || row_h <= 0.0 {
        return (0, 0);
    }
    let first = (scroll_top.max(0.0) / row_h).floor() as usize;
    let visible = (height.max(0.0) / row_h).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(len);
    let end = (first + visible + overscan).min(len);
    (start, end)
}

/// The scroll offset that brings row `i` into view (None when it already is).
pub fn scroll_to_row(i: usize, scroll_top: f64, height: f64, row_h: f64) -> Option<f64> {
    let top = i as f64 * row_h;
    let bottom = top + row_h;
    if top < scroll_top {
        Some((top - row_h).max(0.0))
    } else if bottom > scroll_top + height {
        Some((bottom - height + row_h * 2.0).max(0.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::builtin_story;

    /// A broken zone (SERVFAIL): the answer and the retry's reason read as
    /// the core's in English, and in the learner's words in Dutch and
    /// Chinese; so do NODATA's.
    #[test]
    fn servfail_and_nodata_are_worded_in_the_language_shown() {
        use protocol_core::i18n::Lang;
        // The words of a language, from its files (crate::i18n's test helper).
        let words_of = |lang: Lang| {
            crate::i18n::use_locale_files(lang);
            let c = crate::i18n::catalog();
            crate::i18n::use_locale_files(Lang::En);
            c
        };
        let (en, nl, zh) = (words_of(Lang::En), words_of(Lang::Nl), words_of(Lang::ZhCn));
        let mut w = protocol_core::sim::cast::cast(1);
        w.zones_mut().add_servfail("dave.example");
        w.zones_mut()
            .add_a("nomx.example", std::net::Ipv4Addr::new(198, 51, 100, 25));
        for to in ["dave@dave.example", "dave@nomx.example"] {
            w.schedule_send(
                protocol_core::time::SimTime::ZERO,
                protocol_core::sim::SendJob {
                    from_host: "john-pc".into(),
                    server: "smtp.isp.example".into(),
                    port: 587,
                    auth: Some(("john".into(), "john-pass".into())),
                    from: "john@isp.example".into(),
                    to: vec![to.into()],
                    subject: "s".into(),
                    body: "b".into(),
                },
            );
        }
        w.run_until(protocol_core::time::SimTime::ZERO + protocol_core::SimDuration::from_secs(60));
        let answer = |want: &dyn Fn(&protocol_core::dns::Answer) -> bool| {
            w.trace()
                .iter()
                .find(|e| matches!(&e.kind, EventKind::DnsAnswer { answer, .. } if want(answer)))
                .expect("such an answer")
                .clone()
        };
        let sf = answer(&|a| *a == protocol_core::dns::Answer::ServFail);
        let nd = answer(&|a| *a == protocol_core::dns::Answer::NoData);
        for (e, nl_words, zh_words) in [
            (
                &sf,
                "SERVFAIL (de server kon niet antwoorden)",
                "SERVFAIL（服务器无法应答）",
            ),
            (
                &nd,
                "NOERROR, geen records (NODATA)",
                "NOERROR，没有记录（NODATA）",
            ),
        ] {
            assert_eq!(
                event_summary(e, &*en).unwrap(),
                protocol_core::sim::render::describe(e).1
            );
            assert!(event_summary(e, &*nl).unwrap().ends_with(nl_words));
            assert!(event_summary(e, &*zh).unwrap().ends_with(zh_words));
        }
        let reason = w
            .trace()
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::RetryScheduled { reason, .. } if reason.contains("SERVFAIL") => {
                    Some(reason.clone())
                }
                _ => None,
            })
            .expect("a retry after SERVFAIL");
        assert_eq!(retry_reason_words(&reason), reason);
        // The diagram's and the map's labels: the same words.
        let opened = w
            .trace()
            .iter()
            .find(|e| matches!(e.kind, EventKind::ConnectionOpened { .. }))
            .unwrap()
            .clone();
        let en_label = short_label(&opened);
        assert_eq!(en_label, protocol_core::sim::render::describe(&opened).1);
        assert_eq!(
            short_label(&sf),
            "MX: SERVFAIL (the server could not answer)"
        );
        crate::i18n::use_locale_files(Lang::Nl);
        let nl_reason = retry_reason_words(&reason);
        let (nl_label, nl_sf) = (short_label(&opened), short_label(&sf));
        crate::i18n::use_locale_files(Lang::En);
        assert!(
            nl_reason.contains("de DNS-server faalde (SERVFAIL)"),
            "{nl_reason}"
        );
        assert_ne!(nl_label, en_label);
        assert_eq!(nl_sf, "MX: SERVFAIL (de server kon niet antwoorden)");
    }

    /// The page's event summaries read, in English, exactly as the core's
    /// `describe` (the CLI's transcript), and in Dutch and Chinese not.
    #[test]
    fn event_summaries_in_english_are_the_cores_and_translated_otherwise() {
        use protocol_core::i18n::{Catalog, Lang};
        let en = Catalog::english();
        let read = |tag: &str| {
            std::fs::read_to_string(format!(
                "{}/locales/{tag}/ui.ftl",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let nl = Catalog::new(Lang::Nl, &[&read("nl")]).0;
        let zh = Catalog::new(Lang::ZhCn, &[&read("zh-CN")]).0;
        let (mut said, mut kinds) = (0, std::collections::HashSet::new());
        for sc in protocol_core::scenario::catalogue() {
            let world = sc.run(None);
            for e in world.trace() {
                let Some(text) = event_summary(e, &en) else {
                    continue;
                };
                said += 1;
                kinds.insert(std::mem::discriminant(&e.kind));
                assert_eq!(
                    text,
                    protocol_core::sim::render::describe(e).1,
                    "{}",
                    sc.name
                );
                for c in [&nl, &zh] {
                    let t = event_summary(e, c).unwrap();
                    assert_ne!(t, text, "{:?} {}", c.lang(), sc.name);
                }
            }
        }
        assert!(said > 500 && kinds.len() >= 12, "{said} {}", kinds.len());
    }

    #[test]
    fn player_case_table() {
        type Op = fn(&mut Player);
        let cases: &[(&str, usize, Op, usize, bool)] = &[
            // name, start position (len 10), op, want position, want playing
            ("forward from start", 0, Player::step_forward, 1, false),
            ("forward clamps at end", 10, Player::step_forward, 10, false),
            ("back from start stays", 0, Player::step_back, 0, false),
            ("back", 5, Player::step_back, 4, false),
            ("restart", 7, Player::restart, 0, false),
            ("end", 3, Player::end, 10, false),
            ("play at end starts over", 10, Player::play, 0, true),
            ("play mid-way", 4, Player::play, 4, true),
            ("select moves to event", 0, |p| p.select(6), 7, false),
            ("select clamps", 0, |p| p.select(60), 10, false),
            ("seek clamps", 0, |p| p.seek(99), 10, false),
        ];
        for (name, start, op, want_pos, want_playing) in cases {
            let mut p = Player::new(10);
            p.position = *start;
            op(&mut p);
            assert_eq!(
                (p.position, p.playing),
                (*want_pos, *want_playing),
                "{name}"
            );
        }
    }

    #[test]
    fn follow_plays_the_new_events_case_table() {
        // (position, playing, len before, first new, len after) -> (position, playing)
        let cases = [
            ((0, false, 0), (0, 4), (1, true)),
            ((10, false, 10), (10, 14), (11, true)),
            ((3, false, 10), (10, 14), (11, true)),
            ((12, true, 14), (14, 20), (15, true)),
            ((14, false, 14), (14, 15), (15, false)),
            ((5, false, 10), (10, 10), (5, false)),
        ];
        for ((pos, playing, len), (first, new_len), want) in cases {
            let mut p = Player {
                len,
                position: pos,
                playing,
                speed: 2,
                cap: usize::MAX,
            };
            p.follow(first, new_len);
            assert_eq!((p.position, p.playing), want, "{pos} {first} {new_len}");
            assert_eq!(p.len, new_len);
        }
    }

    #[test]
    fn playing_stops_at_the_end_and_empty_traces_never_play() {
        let mut p = Player::new(2);
        p.play();
        p.step_forward();
        assert!(p.playing);
        p.step_forward();
        assert!(!p.playing && p.at_end());
        let mut empty = Player::new(0);
        empty.play();
        assert!(!empty.playing);
    }

    #[test]
    fn speeds_clamp() {
        let mut p = Player::new(1);
        assert_eq!(p.speed_factor(), 1.0);
        for _ in 0..9 {
            p.faster();
        }
        assert_eq!(p.speed_factor(), 16.0);
        for _ in 0..9 {
            p.slower();
        }
        assert_eq!(p.speed_factor(), 0.5);
    }

    #[test]
    fn gap_captions_case_table() {
        let cases = [
            (5_000_000, "5 seconds later"),
            (60_000_000, "1 minute later"),
            (119_743_000, "2 minutes later"),
            (900_000_000, "15 minutes later"),
            (3_600_000_000, "1 hour later"),
            (7_200_000_000, "2 hours later"),
            (86_400_000_000, "1 day later"),
        ];
        for (us, want) in cases {
            assert_eq!(gap_caption(us, &English), want, "{us}");
        }
    }

    #[test]
    fn long_virtual_gaps_are_compressed_to_a_caption() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        // Milliseconds of network latency are not shown at all ...
        let short: Vec<usize> = (1..t.len())
            .filter(|&i| gap_before(t, i).is_none())
            .collect();
        for &i in &short {
            assert!(
                wait_before_next_ms(t, i, i + 1)
                    < wait_before_next_ms(t, i, i + 1) + GAP_CAPTION_MS
                    && wait_before_next_ms(t, i, i + 1) == dwell_ms(t, i - 1),
                "{i}"
            );
        }
        // ... and the two-minute wait before Dave checks his mail is one caption.
        let long: Vec<usize> = (1..t.len())
            .filter(|&i| gap_before(t, i).is_some())
            .collect();
        assert_eq!(long.len(), 1, "one long gap in the seed story");
        let i = long[0];
        assert_eq!(
            gap_caption(gap_before(t, i).unwrap(), &English),
            "2 minutes later"
        );
        assert_eq!(
            wait_before_next_ms(t, i, i + 1),
            dwell_ms(t, i - 1) + GAP_CAPTION_MS
        );
        assert!(
            wait_before_next_ms(t, i, i + 1) < 20_000.0,
            "two virtual minutes take seconds, not minutes"
        );
        let greylist = builtin_story("greylisting").unwrap();
        let caps: Vec<String> = (1..greylist.trace.len())
            .filter_map(|i| gap_before(&greylist.trace, i))
            .map(|g| gap_caption(g, &English))
            .collect();
        assert!(!caps.is_empty(), "greylisting waits before retrying");
    }

    #[test]
    fn each_message_says_which_device_has_it_and_by_which_protocol() {
        // Issues 12 and 17: the two-devices lesson shows who downloaded
        // what (POP3), who read what over IMAP, and the server's flags.
        let s = builtin_story("pop3-vs-imap").unwrap();
        let t = &s.trace;
        let by_subject = |pos: usize, subject: &str| {
            Snapshot::at(t, pos)
                .dave
                .into_iter()
                .find(|m| m.subject() == subject)
        };
        let end = t.len();
        let lunch = by_subject(end, "Lunch on Friday?").expect("the laptop keeps its copy");
        assert_eq!(lunch.downloaded_to, ["dave-pc"]);
        assert!(!lunch.on_server && lunch.read_on.is_empty());
        // The phone fetches the second mail over IMAP: \Seen on the server.
        let fetched = position_after(t, |k| {
            matches!(k, EventKind::Fetched { seen_set: true, .. })
        });
        assert_eq!(t[fetched - 1].to, "dave-phone");
        let dinner = by_subject(fetched, "Dinner instead?").expect("on the server");
        assert!(dinner.on_server && dinner.downloaded_to.is_empty());
        assert_eq!(dinner.read_on, ["dave-phone"]);
        assert_eq!(dinner.flags.as_deref(), Some("\\Seen"));
        // The laptop deletes it over IMAP: gone from the server, and no
        // device kept a POP3 copy, so it leaves the inbox.
        assert!(by_subject(end, "Dinner instead?").is_none());
    }

    #[test]
    fn the_sender_checks_of_a_message_are_listed_step_by_step() {
        // Issue 18: the receiving server's SPF, DKIM and DMARC steps for
        // John's delivered mail, with the DNS answers they used.
        let s = builtin_story("seed-story").unwrap();
        let uid = Snapshot::at(&s.trace, s.trace.len()).dave[0].uid.clone();
        let steps = auth_for_delivery(&s.trace, &uid);
        let methods: Vec<&str> = steps.iter().map(|st| st.method.as_str()).collect();
        for m in ["SPF", "DKIM", "DMARC", "DNS"] {
            assert!(methods.contains(&m), "{m} in {methods:?}");
        }
        let first = |m: &str| methods.iter().position(|x| *x == m).unwrap();
        assert!(
            first("SPF") < first("DKIM") && first("DKIM") < first("DMARC"),
            "{methods:?}"
        );
        assert!(
            steps.iter().any(|st| st.text == "SPF result: pass"),
            "{steps:?}"
        );
        assert!(
            steps
                .iter()
                .any(|st| st.method == "DNS" && st.text.contains("v=spf1 mx -all")),
            "{steps:?}"
        );
        // The stranger's forgery is refused: the inspector lists the same
        // block at any of its steps, ending in DMARC's fail.
        let f = builtin_story("forged-from").unwrap();
        let i = f
            .trace
            .iter()
            .position(|e| matches!(&e.kind, EventKind::SenderCheck { text, .. } if text.starts_with("SPF result")))
            .unwrap();
        let block = auth_block(&f.trace, i);
        assert!(
            block.iter().any(|st| st.text == "SPF result: fail"),
            "{block:?}"
        );
        assert!(
            block
                .iter()
                .any(|st| st.text.starts_with("DMARC result: fail")),
            "{block:?}"
        );
        assert_eq!(
            block,
            auth_block(&f.trace, i + 1),
            "the same block from a neighbouring step"
        );
        // No check, no list: an event outside the checks.
        assert!(auth_block(&f.trace, 0).is_empty());
        // The refusal itself (the 550 to the message) shows the same block.
        let refusal = f
            .trace
            .iter()
            .position(|e| {
                matches!(&e.kind, EventKind::Line { dir: Direction::ToClient, text, .. }
                    if text.starts_with("550 5.7.1"))
            })
            .expect("the forgery is refused with 550 5.7.1");
        assert_eq!(auth_for_reply(&f.trace, refusal), block);
        // Not for the replies before the message, nor in a world whose
        // server runs no checks on John's mail (the submission server).
        let ehlo_reply = f
            .trace
            .iter()
            .position(|e| matches!(&e.kind, EventKind::Line { dir: Direction::ToClient, text, .. } if text.starts_with("250")))
            .unwrap();
        assert!(auth_for_reply(&f.trace, ehlo_reply).is_empty());
        assert!(auth_for_reply(&f.trace, refusal - 1).is_empty() || refusal == 0);
        // In the seed story, Dave's server's 250 to John's relayed message
        // shows the checks that passed.
        let seed = &s.trace;
        let accepted = (0..seed.len())
            .find(|&k| !auth_for_reply(seed, k).is_empty())
            .expect("a reply with checks");
        assert!(
            matches!(&seed[accepted].kind, EventKind::Line { text, .. } if text.starts_with("250"))
        );
        let got = auth_for_reply(seed, accepted);
        assert!(
            got.iter().any(|st| st.text == "SPF result: pass"),
            "{} {:?} {got:?}",
            seed[accepted].from,
            seed[accepted].kind
        );
    }

    #[test]
    fn a_message_moved_to_a_folder_is_still_on_the_server_there() {
        let s = builtin_story("imap-folders").unwrap();
        let t = &s.trace;
        let end = Snapshot::at(t, t.len());
        let m = end
            .dave
            .iter()
            .find(|m| m.subject() == "Lunch on Friday?")
            .expect("still listed");
        assert_eq!(m.folder.as_deref(), Some("Lunch"));
        assert!(!m.on_server, "no longer in INBOX, the maildrop POP3 reads");
        assert_eq!(m.read_on, ["dave-pc"]);
        // Before the move it is in INBOX.
        let moved = position_after(t, |k| matches!(k, EventKind::Expunged { .. }));
        let before = Snapshot::at(t, moved - 1);
        let m = before
            .dave
            .iter()
            .find(|m| m.subject() == "Lunch on Friday?")
            .unwrap();
        assert!(m.on_server && m.folder.is_none());
    }

    #[test]
    fn the_backup_mx_queue_is_shown_while_it_holds_the_mail() {
        // Issue 12: the message waiting at mx2 for the primary must appear in
        // a panel, not only in the trace.
        let s = builtin_story("backup-mx").unwrap();
        let t = &s.trace;
        let queued = position_after(
            t,
            |k| matches!(k, EventKind::Queued { host, .. } if host != "isp"),
        );
        let EventKind::Queued { host, queue_id, .. } = &t[queued - 1].kind else {
            unreachable!()
        };
        let snap = Snapshot::at(t, queued);
        assert_eq!(snap.queues[0].0, "isp", "the ISP's queue comes first");
        let (_, at_backup) = snap
            .queues
            .iter()
            .find(|(h, _)| h == host)
            .expect("the backup MX's queue is in the snapshot");
        assert_eq!(at_backup[0].0, *queue_id);
        // Once the backup has passed it on, its queue leaves the panel again.
        let relayed = position_after(
            t,
            |k| matches!(k, EventKind::Relayed { host: h, .. } if h == host),
        );
        assert!(Snapshot::at(t, relayed)
            .queues
            .iter()
            .all(|(h, _)| h != host));
    }

    #[test]
    fn crlf_is_made_visible() {
        assert_eq!(show_crlf("a\r\nb\r\n"), "a␍␊\nb␍␊\n");
        let s = builtin_story("seed-story").unwrap();
        let ehlo = s
            .trace
            .iter()
            .find(|e| matches!(&e.kind, EventKind::Line { text, .. } if text.starts_with("EHLO")))
            .unwrap();
        assert_eq!(raw_line(ehlo).unwrap(), "EHLO john-pc.isp.example␍␊");
        let data = s
            .trace
            .iter()
            .find(|e| matches!(&e.kind, EventKind::Payload { .. }))
            .unwrap();
        let raw = raw_line(data).unwrap();
        assert!(raw.ends_with(".␍␊"), "{raw}");
        assert!(raw.lines().all(|l| l.ends_with("␍␊")), "{raw}");
    }

    fn position_after(t: &[TraceEvent], pred: impl Fn(&EventKind) -> bool) -> usize {
        t.iter().position(|e| pred(&e.kind)).expect("event") + 1
    }

    #[test]
    fn daves_inbox_follows_the_cursor() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let delivered = position_after(t, |k| matches!(k, EventKind::Delivered { .. }));
        let retrieved = position_after(t, |k| matches!(k, EventKind::Retrieved { .. }));
        let deleted = position_after(t, |k| matches!(k, EventKind::Deleted { .. }));
        // (position, messages in Dave's inbox, on server, downloaded)
        let cases = [
            (0, 0, false, false),
            (delivered - 1, 0, false, false),
            (delivered, 1, true, false),
            (retrieved, 1, true, true),
            (deleted, 1, false, true),
            (t.len(), 1, false, true),
        ];
        for (pos, n, on_server, downloaded) in cases {
            let snap = Snapshot::at(t, pos);
            assert_eq!(snap.dave.len(), n, "at {pos}");
            if let Some(m) = snap.dave.first() {
                assert_eq!(
                    (m.on_server, !m.downloaded_to.is_empty()),
                    (on_server, downloaded),
                    "at {pos}"
                );
                assert_eq!(
                    m.received_count(),
                    2,
                    "the ISP and Dave's server each added a Received line"
                );
                assert_eq!(m.header("Subject"), Some("Lunch on Friday?"));
            }
            assert!(snap.john.is_empty());
        }
        // The ISP's queue holds the message from acceptance until the relay.
        let queued = position_after(
            t,
            |k| matches!(k, EventKind::Queued { host, .. } if host == "isp"),
        );
        let relayed = position_after(t, |k| matches!(k, EventKind::Relayed { .. }));
        assert!(Snapshot::at(t, queued - 1).queues[0].1.is_empty());
        assert_eq!(Snapshot::at(t, queued).queues[0].1.len(), 1);
        assert_eq!(Snapshot::at(t, relayed - 1).queues[0].1.len(), 1);
        assert!(Snapshot::at(t, relayed).queues[0].1.is_empty());
    }

    #[test]
    fn unknown_recipient_bounces_into_johns_inbox() {
        let s = builtin_story("unknown-recipient").unwrap();
        let end = Snapshot::at(&s.trace, s.trace.len());
        assert_eq!(end.john.len(), 1);
        assert_eq!(
            end.john[0]
                .header("From")
                .map(|f| f.contains("MAILER-DAEMON") || f.contains("Mail")),
            Some(true),
            "{:?}",
            end.john[0].headers
        );
        assert!(end.dave.is_empty());
    }

    #[test]
    fn received_lines_grow_hop_by_hop() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let payloads: Vec<usize> = t
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                matches!(
                    e.kind,
                    EventKind::Payload {
                        protocol: Protocol::Smtp,
                        ..
                    }
                )
            })
            .map(|(i, _)| i + 1)
            .collect();
        let delivered = position_after(t, |k| matches!(k, EventKind::Delivered { .. }));
        let id = |h: &str| h.to_string();
        assert_eq!(hop_message(t, 0, &id), None);
        let cases = [
            (payloads[0], 0, "john-pc → isp"),
            (payloads[1], 1, "isp → mx"),
            (delivered, 2, "stored at mx"),
        ];
        for (pos, received, hop) in cases {
            let m = hop_message(t, pos, &id).unwrap();
            assert_eq!(m.received_count(), received, "at {pos}: {:?}", m.headers);
            assert!(m.hop.starts_with(hop), "{}", m.hop);
            assert_eq!(
                m.mail_from
                    .as_deref()
                    .map(|f| f.contains("john@isp.example")),
                Some(true)
            );
            assert_eq!(m.rcpt_to.len(), 1);
            assert!(m.body.contains("lunch on Friday"), "{}", m.body);
        }
    }

    #[test]
    fn state_machine_comes_from_the_core_table_with_the_current_state() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let data = t
            .iter()
            .position(|e| matches!(&e.kind, EventKind::Line { text, .. } if text == "DATA"))
            .unwrap();
        let view = WorldView::at(t, data + 1);
        let m = machine(t, &view, data).unwrap();
        assert_eq!(m.protocol, Protocol::Smtp);
        assert_eq!(
            m.transitions.len(),
            protocol_core::smtp::server::TRANSITIONS.len()
        );
        assert_eq!(m.current.as_deref(), Some("Rcpt"));
        assert!(m.states.iter().any(|s| s == "Data"));
        assert_eq!((m.role, m.host.as_str()), (Role::Server, "isp"));
        // The client's side of the same session, from the client's table.
        let c = client_machine(t, &view, data).unwrap();
        assert_eq!((c.role, c.host.as_str()), (Role::Client, "john-pc"));
        assert_eq!(
            c.transitions.len(),
            protocol_core::smtp::client::TRANSITIONS.len()
        );
        assert_eq!(
            c.current.as_deref(),
            Some("Data"),
            "DATA sent, waiting for 354"
        );
        assert_eq!(c.previous.as_deref(), Some("Envelope"));
        let retr = t
            .iter()
            .position(|e| matches!(&e.kind, EventKind::Line { text, .. } if text == "RETR 1"))
            .unwrap();
        let m = machine(t, &WorldView::at(t, retr + 1), retr).unwrap();
        assert_eq!(
            (m.protocol, m.current.as_deref()),
            (Protocol::Pop3, Some("Transaction"))
        );
        let c = client_machine(t, &WorldView::at(t, retr + 1), retr).unwrap();
        assert_eq!(
            (c.host.as_str(), c.current.as_deref()),
            ("dave-pc", Some("Transaction"))
        );
        let dns = t
            .iter()
            .position(|e| matches!(e.kind, EventKind::DnsQuery { .. }))
            .unwrap();
        assert!(machine(t, &WorldView::at(t, dns + 1), dns).is_none());
    }

    #[test]
    fn explanations_include_reply_meanings() {
        let s = builtin_story("seed-story").unwrap();
        let i354 = s
            .trace
            .iter()
            .position(
                |e| matches!(&e.kind, EventKind::Line { text, .. } if text.starts_with("354")),
            )
            .unwrap();
        let e354 = &s.trace[i354];
        let keys = explanation_keys(&s.trace, i354);
        assert!(keys.iter().any(|k| k == "smtp.reply.354"), "{keys:?}");
        let fields = parsed_fields(e354);
        assert!(fields.contains(&("Reply code".into(), "354".into())));
    }

    /// The inspector's values in words (a direction, a yes/no, a size) in
    /// the language shown; the line's own parts (a code, a verb) as sent.
    #[test]
    fn parsed_values_speak_the_language_shown() {
        use protocol_core::i18n::Lang;
        let s = builtin_story("seed-story").unwrap();
        let find = |want: &str| {
            s.trace
                .iter()
                .find(|e| matches!(&e.kind, EventKind::Line { text, .. } if text.starts_with(want)))
                .unwrap()
        };
        let field = |e: &TraceEvent, k: &str| {
            parsed_fields(e)
                .into_iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v)
                .unwrap()
        };
        for (lang, up, down, last) in [
            (Lang::En, "client to server", "server to client", "yes"),
            (
                Lang::Nl,
                "van client naar server",
                "van server naar client",
                "ja",
            ),
            (Lang::ZhCn, "从客户端到服务器", "从服务器到客户端", "是"),
        ] {
            crate::i18n::use_locale_files(lang);
            let got = (
                field(find("EHLO"), "Direction"),
                field(find("354"), "Direction"),
                field(find("354"), "Last line of reply"),
                field(find("354"), "Reply code"),
                field(find("EHLO"), "Command"),
            );
            crate::i18n::use_locale_files(Lang::En);
            let want = (up, down, last, "354", "EHLO");
            assert_eq!(
                got,
                (
                    want.0.into(),
                    want.1.into(),
                    want.2.into(),
                    want.3.into(),
                    want.4.into()
                ),
                "{lang:?}"
            );
        }
    }

    /// A retry's reason: the core's own kinds in words of the language
    /// shown, a server's reply (`smtp; 451 ...`) as it came; in English
    /// exactly the core's text, for every retry of every built-in story.
    #[test]
    fn retry_reasons_speak_the_language_shown() {
        use protocol_core::i18n::Lang;
        let r = "x-mailsim; connect to mail.dave.example:25: Connection refused; smtp; 451 4.7.1 Greylisted; try later; x-mailsim; temporary failure";
        assert_eq!(retry_reason_words(r), r);
        for (lang, want) in [
            (Lang::Nl, "x-mailsim; verbinden met mail.dave.example:25: Connection refused (verbinding geweigerd); smtp; 451 4.7.1 Greylisted; try later; x-mailsim; tijdelijke fout"),
            (Lang::ZhCn, "x-mailsim; 连接 mail.dave.example:25：Connection refused（连接被拒绝）; smtp; 451 4.7.1 Greylisted; try later; x-mailsim; 临时故障"),
        ] {
            crate::i18n::use_locale_files(lang);
            let got = retry_reason_words(r);
            crate::i18n::use_locale_files(Lang::En);
            assert_eq!(got, want);
        }
        let mut mapped = 0;
        for (name, _, _) in crate::story::scenario_list() {
            let s = builtin_story(&name).unwrap();
            for e in &s.trace {
                if let EventKind::RetryScheduled { reason, .. } = &e.kind {
                    assert_eq!(retry_reason_words(reason), *reason, "{name}");
                    crate::i18n::use_locale_files(Lang::Nl);
                    let nl = retry_reason_words(reason);
                    crate::i18n::use_locale_files(Lang::En);
                    mapped += usize::from(nl != *reason);
                }
            }
        }
        assert!(
            mapped > 0,
            "some built-in retry has a reason of the core's own"
        );
    }

    #[test]
    fn events_without_a_key_get_the_matching_table_entry() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let find = |pred: &dyn Fn(&TraceEvent) -> bool| t.iter().position(pred).unwrap();
        let text_is = |want: &'static str| move |e: &TraceEvent| matches!(&e.kind, EventKind::Line { text, .. } if text.starts_with(want));
        // (event, wanted first key)
        let cases: Vec<(usize, &str)> = vec![
            (
                find(&|e| {
                    matches!(
                        e.kind,
                        EventKind::Payload {
                            protocol: Protocol::Smtp,
                            ..
                        }
                    )
                }),
                "smtp.cmd.DATA",
            ),
            (
                find(&text_is("+OK mail.dave.example POP3 server ready")),
                "pop3.ok.greeting",
            ),
            (find(&text_is("+OK dave's maildrop")), "pop3.ok.logged_in"),
            // The RETR reply, "+OK <size> octets" (the size grows with the
            // headers the servers add, Authentication-Results among them).
            (
                find(
                    &|e| matches!(&e.kind, EventKind::Line { text, .. } if text.starts_with("+OK ") && text.ends_with(" octets")),
                ),
                "pop3.ok.retr",
            ),
            (
                find(
                    &|e| matches!(&e.kind, EventKind::Payload { protocol: Protocol::Pop3, text, .. } if text.starts_with("Return-Path")),
                ),
                "pop3.ok.retr",
            ),
            (
                find(
                    &|e| matches!(&e.kind, EventKind::StateChanged { protocol: Protocol::Pop3, state, .. } if state.name() == "Update"),
                ),
                "pop3.state.Update",
            ),
        ];
        for (i, want) in cases {
            assert_eq!(
                explanation_keys(t, i).first().map(String::as_str),
                Some(want),
                "event {i}: {:?}",
                t[i].kind
            );
        }
        let ready = find(
            &|e| matches!(&e.kind, EventKind::StateChanged { protocol: Protocol::Smtp, role: protocol_core::sim::Role::Server, state, .. } if state.name() == "Ready"),
        );
        let expects = state_expects(&t[ready], &English).unwrap();
        assert!(
            expects.contains("MAIL") && expects.contains("QUIT"),
            "{expects}"
        );
    }

    #[test]
    fn sequence_window_case_table() {
        // (len, scroll_top, height, row_h, overscan) -> (start, end)
        let cases = [
            ((0, 0.0, 500.0, 40.0, 5), (0, 0)),
            ((100, 0.0, 400.0, 40.0, 5), (0, 16)),
            ((100, 400.0, 400.0, 40.0, 5), (5, 26)),
            ((100, 3900.0, 400.0, 40.0, 5), (92, 100)),
            ((1000, 20000.0, 600.0, 40.0, 10), (490, 526)),
        ];
        for ((len, top, h, row, over), want) in cases {
            assert_eq!(window(len, top, h, row, over), want, "{len} {top}");
        }
        assert_eq!(scroll_to_row(5, 0.0, 400.0, 40.0), None);
        assert_eq!(scroll_to_row(20, 0.0, 400.0, 40.0), Some(520.0));
        assert_eq!(scroll_to_row(2, 400.0, 400.0, 40.0), Some(40.0));
    }

    #[test]
    fn state_changes_ride_on_the_row_of_the_line_that_caused_them() {
        let s = builtin_story("seed-story").unwrap();
        let rows = shown_rows(&s.trace);
        assert!(rows.len() < s.trace.len());
        assert!(rows
            .iter()
            .all(|&i| !matches!(s.trace[i].kind, EventKind::StateChanged { .. })));
        // Every event maps to a row at or before it; a state change maps to
        // the row just before it, and that row carries the new state.
        for (i, e) in s.trace.iter().enumerate() {
            let Some(r) = row_for_event(&rows, i) else {
                assert!(
                    matches!(e.kind, EventKind::StateChanged { .. }),
                    "only leading state changes have no row"
                );
                continue;
            };
            assert!(
                rows[r] <= i && rows.get(r + 1).is_none_or(|&n| n > i),
                "{i}"
            );
            if let EventKind::StateChanged {
                role: protocol_core::sim::Role::Server,
                state,
                ..
            } = &e.kind
            {
                assert!(
                    states_after(&s.trace, &rows, r).contains(&(e.from.clone(), state.name())),
                    "{i}: {state}"
                );
            }
        }
    }

    #[test]
    fn sequence_rows_name_their_lifelines() {
        let s = builtin_story("seed-story").unwrap();
        let r0 = seq_row(&s.trace, &s.hosts, 0);
        assert_eq!((r0.from, r0.to, r0.kind), (Some(0), Some(2), "dns"));
        assert_eq!(r0.label, "A? smtp.isp.example");
        let note = s
            .trace
            .iter()
            .position(|e| matches!(e.kind, EventKind::Note { .. }))
            .unwrap();
        let rn = seq_row(&s.trace, &s.hosts, note);
        assert_eq!((rn.from, rn.kind), (None, "note"));
    }

    #[test]
    fn time_per_step_follows_the_length_of_its_narration() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let words = |i: usize| {
            narration_text(t, i, &|h| h.to_string(), &English)
                .split_whitespace()
                .count()
        };
        let (long, short) = (0..t.len()).fold((0, 0), |(l, sh), i| {
            (
                if words(i) > words(l) { i } else { l },
                if words(i) < words(sh) { i } else { sh },
            )
        });
        assert!(
            words(long) > 2 * words(short),
            "{} vs {}",
            words(long),
            words(short)
        );
        assert!(dwell_ms(t, long) > dwell_ms(t, short));
        // 27 words at the reading pace take about 8 seconds at 1x.
        assert!(dwell_ms(t, long) >= words(long) as f64 * 60_000.0 / WORDS_PER_MINUTE);
        for i in 0..t.len() {
            assert!(dwell_ms(t, i) >= MIN_STEP_MS, "{i}");
        }
    }

    #[test]
    fn key_steps_pass_over_state_changes_both_ways() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let keys: Vec<usize> = (0..=t.len())
            .scan(0, |p, _| {
                let here = *p;
                *p = next_position(t, *p, true);
                Some(here)
            })
            .collect();
        let internal = t.iter().filter(|e| !is_key_step(e)).count();
        assert!(
            internal >= 20,
            "the seed story has internal steps: {internal}"
        );
        for w in keys.windows(2) {
            if w[0] == w[1] {
                assert_eq!(w[0], t.len(), "only the end repeats");
                continue;
            }
            assert!(is_key_step(&t[w[1] - 1]) || w[1] == t.len(), "{w:?}");
            assert_eq!(prev_position(t, w[1], true), w[0], "back retraces forward");
        }
        // Without key_only every event is a step.
        assert_eq!(next_position(t, 3, false), 4);
        assert_eq!(prev_position(t, 4, false), 3);
        assert_eq!(prev_position(t, 0, true), 0);
        assert_eq!(next_position(t, t.len(), true), t.len());
    }

    #[test]
    fn wrap_up_counts_hops_time_and_where_the_mail_is() {
        let s = builtin_story("seed-story").unwrap();
        let t = &s.trace;
        let w = wrap_up(t, &Snapshot::at(t, t.len()));
        let hops: Vec<(&str, &str, &str)> = w
            .hops
            .iter()
            .map(|(a, b, p)| (a.as_str(), b.as_str(), *p))
            .collect();
        assert_eq!(
            hops,
            [
                ("john-pc", "isp", "SMTP"),
                ("isp", "mx", "SMTP"),
                ("mx", "dave-pc", "POP3")
            ]
        );
        assert_eq!((w.dave, w.john, w.queued, w.bounces), (1, 0, 0, 0));
        assert!(w.took_us > 60_000_000, "Dave checks his mail minutes later");
        let b = builtin_story("unknown-recipient").unwrap();
        let w = wrap_up(&b.trace, &Snapshot::at(&b.trace, b.trace.len()));
        assert_eq!((w.dave, w.john, w.bounces), (0, 1, 1));
        assert_eq!(duration_words(250_000, &English), "250 ms");
        assert_eq!(duration_words(120_000_000, &English), "2 minutes");
    }

    #[test]
    fn the_drawn_machine_has_every_table_row_once_in_protocol_order() {
        let smtp: Vec<(String, String, String)> = protocol_core::smtp::server::TRANSITIONS
            .iter()
            .map(|(a, ev, b)| (a.name().to_string(), ev.to_string(), b.name().to_string()))
            .collect();
        let pop3: Vec<(String, String, String)> = protocol_core::pop3::server::TRANSITIONS
            .iter()
            .map(|(a, ev, b)| (a.to_string(), ev.to_string(), b.to_string()))
            .collect();
        // The clients' own tables (issue 13: each side gets its diagram).
        let smtp_client = rows_of(protocol_core::smtp::client::TRANSITIONS, |s| {
            s.name().to_string()
        });
        let pop3_client = rows_of(protocol_core::pop3::client::CLIENT_TRANSITIONS, |s| {
            s.to_string()
        });
        let imap_client = rows_of(protocol_core::imap::client::CLIENT_TRANSITIONS, |s| {
            s.to_string()
        });
        for (table, main, sides) in [
            (
                &smtp_client,
                vec![
                    "Greeting", "Ehlo", "Auth", "Envelope", "Data", "Body", "Quit", "Closed",
                ],
                vec!["Helo"],
            ),
            (
                &pop3_client,
                vec!["Authorization", "Transaction", "Update", "Closed"],
                vec![],
            ),
            (
                &imap_client,
                vec!["Not Authenticated", "Authenticated", "Selected", "Logout"],
                vec![],
            ),
            (
                &smtp,
                vec!["Greeting", "Ready", "Mail", "Rcpt", "Data", "Closed"],
                vec!["Refused", "Auth"],
            ),
            (
                &pop3,
                vec!["Authorization", "Transaction", "Update", "Closed"],
                vec![],
            ),
        ] {
            let mut states: Vec<String> = Vec::new();
            for (a, _, b) in table.iter() {
                for s in [a, b] {
                    if !states.contains(s) {
                        states.push(s.clone());
                    }
                }
            }
            let rows = machine_rows(&states, table);
            let names: Vec<&str> = rows.iter().map(|r| r.main.name.as_str()).collect();
            assert_eq!(names, main);
            let side: Vec<&str> = rows
                .iter()
                .flat_map(|r| r.side.iter().map(|s| s.0.name.as_str()))
                .collect();
            assert_eq!(side, sides);
            // Every (from, event, to) of the table is drawn or listed exactly once.
            let mut shown: Vec<(String, String, String)> = Vec::new();
            let add_box = |b: &StateBox, shown: &mut Vec<(String, String, String)>| {
                for ev in &b.stays {
                    shown.push((b.name.clone(), ev.clone(), b.name.clone()));
                }
                for (to, evs) in &b.other {
                    for ev in evs {
                        shown.push((b.name.clone(), ev.clone(), to.clone()));
                    }
                }
            };
            for (k, r) in rows.iter().enumerate() {
                add_box(&r.main, &mut shown);
                for ev in &r.down {
                    shown.push((
                        r.main.name.clone(),
                        ev.clone(),
                        rows[k + 1].main.name.clone(),
                    ));
                }
                for (b, there, back) in &r.side {
                    add_box(b, &mut shown);
                    for ev in there {
                        shown.push((r.main.name.clone(), ev.clone(), b.name.clone()));
                    }
                    for ev in back {
                        shown.push((b.name.clone(), ev.clone(), r.main.name.clone()));
                    }
                }
            }
            let mut want = table.clone();
            want.sort();
            want.dedup();
            shown.sort();
            assert_eq!(shown, want);
        }
    }
}
