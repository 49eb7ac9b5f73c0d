//! The telnet pane as a plain struct, tested natively: the pane's own
//! commands (`telnet HOST PORT`, `b64`, `help`, `quit`), the sessions as
//! tabs, the history, the hint line, and received bytes turned into lines.
//!
//! It drives a [`World`] only through the core's console API (`connect`,
//! `send_line`, `run_until_idle`, `take_received`, `is_open`, `close`):
//! every byte the learner types goes into the same server sessions the
//! scripted scenarios use, and shows up in the trace. Nothing here decides
//! what a server answers; the hint reads the core's state tables.

use crate::link::{JoinAt, TelnetAction};
use protocol_core::dns::Answer;
use protocol_core::line::{Flow, Line, LineReceiver};
use protocol_core::pop3::server::Pop3State;
use protocol_core::scenario::parse_delay;
use protocol_core::sim::trace::Unreachable;
use protocol_core::sim::wire::WIRE_LINE_CAP;
use protocol_core::sim::{
    ConnId, ConnectError, Direction, EventKind, HostConfig, Protocol, Role, SessionState, World,
};
use protocol_core::smtp::server::SmtpState;
use protocol_core::{SimDuration, SimTime};
use std::net::Ipv4Addr;

/// A line in the pane's own words: a message of `locales/*/ui.ftl` and its
/// arguments, put into words in the language shown each time it is drawn
/// (so a language switch rewords the log). `pre` goes before it as it is
/// (the help's command column). The lines on the wire and telnet's own
/// messages ("Trying …", "Connected to …") are no `Say`: they stay as typed
/// and received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Say {
    pub pre: String,
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Say {
    pub fn text(&self) -> String {
        // A duration ([`Dur`]) or a retry's reason ([`Reason`]) is written
        // in words of the language shown when the line is shown, so a note
        // reads right after a switch.
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                if let Some(us) = v.strip_prefix(DUR).and_then(|us| us.parse().ok()) {
                    (*k, duration_short(us))
                } else if let Some(r) = v.strip_prefix(REASON) {
                    (*k, crate::state::retry_reason_words(r))
                } else {
                    (*k, v.clone())
                }
            })
            .collect();
        let args: Vec<(&str, protocol_core::explain::Arg<'_>)> = args
            .iter()
            .map(|(k, v)| (*k, protocol_core::explain::Arg::Str(v)))
            .collect();
        format!("{}{}", self.pre, crate::i18n::ta(self.id, &args))
    }
}

/// How a [`Dur`] is kept in a [`Say`]'s arguments (never shown as is).
const DUR: &str = "\u{1}dur:";

/// How a [`Reason`] is kept in a [`Say`]'s arguments.
const REASON: &str = "\u{1}why:";

/// A queued retry's reason for [`say`], put in words of the language shown
/// when shown ([`crate::state::retry_reason_words`]).
pub struct Reason<'a>(pub &'a str);

impl std::fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{REASON}{}", self.0)
    }
}

/// A duration argument for [`say`], written as the pane shows it in the
/// language shown: "15 min", "2 h 30 min", "30 s" (nl "2 u", zh-CN
/// "2 小时"), as the core's `SimDuration` display rounds it.
pub struct Dur(pub SimDuration);

impl std::fmt::Display for Dur {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{DUR}{}", self.0.as_micros())
    }
}

/// `us` in the units of `SimDuration`'s display, in the language shown
/// (µs and ms are the same in every language).
pub fn duration_short(us: u64) -> String {
    if us < 999_500 {
        return SimDuration(us).to_string();
    }
    let unit = |id: &str, n: u64| crate::i18n::ta(id, &[("n", crate::i18n::num(n as usize))]);
    let secs = (us + 500_000) / 1_000_000;
    if secs < 60 {
        return unit("duration-short-s", secs);
    }
    let (big, small, id, small_id) = if secs < 3_600 {
        (
            secs / 60,
            secs % 60,
            "duration-short-min",
            "duration-short-s",
        )
    } else {
        let m = (secs + 30) / 60;
        (m / 60, m % 60, "duration-short-h", "duration-short-min")
    };
    match small {
        0 => unit(id, big),
        r => format!("{} {}", unit(id, big), unit(small_id, r)),
    }
}

/// A [`Say`] with `args` given as `(name, value)`.
pub fn say(id: &'static str, args: &[(&'static str, &dyn std::fmt::Display)]) -> Say {
    Say {
        pre: String::new(),
        id,
        args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    }
}

/// The hosts a learner can type from: (host id, label).
pub const SOURCES: [(&str, &str); 3] = [
    ("john-pc", "john-pc"),
    ("dave-pc", "dave-pc"),
    ("stranger", "stranger.example"),
];

/// The outsider of `mailsim serve`: a host on the Internet that is not a
/// customer of the ISP (so the ISP will not relay for it).
pub fn stranger() -> HostConfig {
    HostConfig::new(
        "stranger",
        "stranger.example",
        Ipv4Addr::new(203, 0, 113, 66),
    )
}

/// Lines kept per session; older ones scroll away.
pub const SCROLLBACK: usize = 3000;

/// The most lines one paste sends; a bigger paste is refused whole, so the
/// page never stalls on a pasted book.
pub const MAX_PASTE_LINES: usize = 1000;

/// Characters of one line shown in the output; the rest is summarised (the
/// server still gets the whole line).
pub const SHOWN_CHARS: usize = 4096;

fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            format!("{}… ({more} more characters not shown)", &text[..cut])
        }
    }
}

// ---- base64, for the AUTH helper ---------------------------------

/// Standard base64 (RFC 4648 §4); decoding takes the text with or without
/// its `=` padding, as learners copy it.
const B64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

pub fn b64_encode(bytes: &[u8]) -> String {
    base64::Engine::encode(&B64, bytes)
}

pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    base64::Engine::decode(&B64, text.trim()).ok()
}

/// `\0` in the helper's argument stands for a NUL byte (AUTH PLAIN's separator).
fn unescape_nul(s: &str) -> Vec<u8> {
    s.replace("\\0", "\0").into_bytes()
}

/// Bytes shown as text, NUL as `\0` and other control bytes as `^X`.
pub fn printable(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push(c),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push((c as u8 + b'@') as char);
            }
            '\u{7f}' => out.push_str("^?"),
            c => out.push(c),
        }
    }
    out
}

/// A duration as `wait` takes it: "15m", "2h", "90s".
fn short_duration(d: SimDuration) -> String {
    let s = d.as_micros().div_ceil(1_000_000);
    match s {
        s if s % 3600 == 0 && s > 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 && s > 0 => format!("{}m", s / 60),
        s if s >= 600 => format!("{}m", s.div_ceil(60)),
        s => format!("{s}s"),
    }
}

// ---- the pane's own commands --------------------------------------------------

/// What a line typed at the pane's prompt (not connected) means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaneCommand {
    Nothing,
    Open {
        host: String,
        port: u16,
    },
    Quit,
    Help,
    /// The base64 helper: lines to show (its results are no words: they
    /// stay as they are).
    B64(Vec<Result<String, Say>>),
    /// Let virtual time pass: this long, or (None) until the next queued work.
    Wait(Option<SimDuration>),
    /// A mistake, with the message a real tool would print (`Ok`: telnet's
    /// own, in English as telnet prints it) or the pane's (`Err`).
    Bad(Result<String, Say>),
}

impl PaneCommand {
    /// A mistake in the pane's own words.
    fn bad(s: Say) -> PaneCommand {
        PaneCommand::Bad(Err(s))
    }
}

/// A line that is either kept as it is or in the pane's words.
pub fn line_text(l: &Result<String, Say>) -> String {
    match l {
        Ok(t) => t.clone(),
        Err(s) => s.text(),
    }
}

fn port_of(host: &str, p: &str) -> Result<u16, String> {
    match p.to_ascii_lowercase().as_str() {
        "smtp" => Ok(25),
        "submission" => Ok(587),
        "pop3" => Ok(110),
        "imap" => Ok(143),
        "telnet" => Ok(23),
        _ => p.parse::<u16>().ok().filter(|&n| n > 0).ok_or_else(|| {
            format!("telnet: could not resolve {host}/{p}: Servname not supported for ai_socktype")
        }),
    }
}

/// The `b64` helper: `b64 TEXT`, `b64 plain USER PASS`, `b64 -d TEXT`.
fn b64_command(args: &[&str]) -> PaneCommand {
    let usage = || PaneCommand::bad(say("telnet-b64-usage", &[]));
    match args {
        [] => usage(),
        ["-d", rest @ ..] if !rest.is_empty() => {
            let text = rest.join(" ");
            match b64_decode(&text) {
                Some(b) => PaneCommand::B64(vec![
                    Err(say("telnet-b64-decoded", &[("text", &text)])),
                    Ok(printable(&b)),
                ]),
                None => PaneCommand::bad(say(
                    "telnet-b64-not-base64",
                    &[("text", &format!("{text:?}"))],
                )),
            }
        }
        ["plain", user, pass] => {
            let enc = b64_encode(format!("\0{user}\0{pass}").as_bytes());
            PaneCommand::B64(vec![
                Err(say(
                    "telnet-b64-plain",
                    &[("text", &format!("\\0{user}\\0{pass}"))],
                )),
                Ok(enc.clone()),
                Err(say(
                    "telnet-b64-now-type",
                    &[("line", &format!("AUTH PLAIN {enc}"))],
                )),
            ])
        }
        ["plain", ..] => usage(),
        _ => {
            let text = args.join(" ");
            PaneCommand::B64(vec![
                Err(say("telnet-b64-encoded", &[("text", &text)])),
                Ok(b64_encode(&unescape_nul(&text))),
            ])
        }
    }
}

/// Parses a line typed at the pane's prompt.
pub fn parse_command(line: &str) -> PaneCommand {
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some((&first, args)) = words.split_first() else {
        return PaneCommand::Nothing;
    };
    match first.to_ascii_lowercase().as_str() {
        "telnet" | "open" | "nc" => match args {
            [] => PaneCommand::bad(say("telnet-usage-open", &[("cmd", &first)])),
            [host] if first == "nc" => {
                PaneCommand::bad(say("telnet-nc-no-port", &[("host", host)]))
            }
            [host] => PaneCommand::Open {
                host: host.to_string(),
                port: 23,
            },
            [host, port] => match port_of(host, port) {
                Ok(port) => PaneCommand::Open {
                    host: host.to_string(),
                    port,
                },
                Err(e) => PaneCommand::Bad(Ok(e)),
            },
            _ => PaneCommand::bad(say("telnet-usage-open-one", &[("cmd", &first)])),
        },
        "quit" | "exit" | "close" => PaneCommand::Quit,
        "help" | "?" => PaneCommand::Help,
        "b64" | "base64" => b64_command(args),
        "wait" | "sleep" => match args {
            [] => PaneCommand::Wait(None),
            [d] => match parse_delay(d) {
                Ok(d) if d > MAX_WAIT => PaneCommand::bad(say(
                    "telnet-wait-too-long",
                    &[("cmd", &first), ("most", &Dur(MAX_WAIT))],
                )),
                Ok(d) => PaneCommand::Wait(Some(d)),
                Err(e) => PaneCommand::Bad(Ok(format!("{first}: {e}"))),
            },
            _ => PaneCommand::bad(say("telnet-usage-wait", &[("cmd", &first)])),
        },
        _ => PaneCommand::bad(say("telnet-not-a-command", &[("cmd", &first)])),
    }
}

/// Whether a line typed while connected is for the pane (the base64 helper,
/// waiting) rather than for the server: `b64 …` and `wait …` are no SMTP or
/// POP3 commands.
fn is_local(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    matches!(first, "b64" | "base64" | "wait" | "sleep")
}

/// The longest `wait`: the MTA gives up on a message after 4 days.
pub const MAX_WAIT: SimDuration = SimDuration::from_mins(7 * 24 * 60);

/// Work due further ahead than this (a retry in 15 minutes) waits for the
/// learner's `wait`, so time never jumps past an open session by itself.
pub const HORIZON: SimDuration = SimDuration::from_secs(60);

/// The pane's help: (the command, as typed; the message that says what it
/// does). A line without a command is a sentence of its own.
const HELP: &[(&str, &str)] = &[
    ("", "telnet-help-intro"),
    ("telnet HOST PORT", "telnet-help-telnet"),
    ("b64 TEXT", "telnet-help-b64"),
    ("b64 plain U P", "telnet-help-b64-plain"),
    ("b64 -d TEXT", "telnet-help-b64-decode"),
    ("wait [DURATION]", "telnet-help-wait"),
    ("quit", "telnet-help-quit"),
    ("  ", "telnet-help-local"),
    ("help", "telnet-help-help"),
    ("", "telnet-help-keys"),
    ("", "telnet-help-ports"),
    ("", "telnet-help-servers"),
    ("", "telnet-help-john"),
    ("", "telnet-help-accounts"),
];

/// The help's lines: the commands in a column, what they do in the
/// language shown.
pub fn help() -> Vec<Say> {
    HELP.iter()
        .map(|&(cmd, id)| Say {
            pre: match cmd {
                "" | "  " => cmd.to_string(),
                _ => format!("  {cmd:<19}"),
            },
            id,
            args: Vec::new(),
        })
        .collect()
}

// ---- history --------------------------------------------------------------------

/// Earlier lines, recalled with the up and down arrows like a shell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    items: Vec<String>,
    /// Equal to `items.len()` when not browsing.
    pos: usize,
    draft: String,
}

impl History {
    pub fn push(&mut self, line: &str) {
        if !line.trim().is_empty() && self.items.last().map(String::as_str) != Some(line) {
            self.items.push(line.to_string());
        }
        self.pos = self.items.len();
        self.draft.clear();
    }
    /// The older line to show, keeping what was being typed as the draft.
    pub fn up(&mut self, current: &str) -> Option<String> {
        if self.pos == self.items.len() {
            self.draft = current.to_string();
        }
        self.pos = self.pos.checked_sub(1)?;
        Some(self.items[self.pos].clone())
    }
    pub fn down(&mut self) -> Option<String> {
        if self.pos >= self.items.len() {
            return None;
        }
        self.pos += 1;
        Some(
            self.items
                .get(self.pos)
                .cloned()
                .unwrap_or_else(|| self.draft.clone()),
        )
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

// ---- sessions ---------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// What the learner typed at the pane's prompt.
    Command,
    /// A line the learner sent to the server.
    Sent,
    /// A line the server sent.
    Received,
    /// A line the server sent that reports an error (4xx, 5xx, -ERR).
    ReceivedError,
    /// telnet's own messages ("Trying …", "Connected to …").
    Info,
    /// telnet's errors.
    Error,
    /// The pane explaining something (pipelining, the base64 helper).
    Note,
}

impl LineKind {
    pub fn class(self) -> &'static str {
        match self {
            LineKind::Command => "t-cmd",
            LineKind::Sent => "t-sent",
            LineKind::Received => "t-recv",
            LineKind::ReceivedError => "t-recv t-err",
            LineKind::Info => "t-info",
            LineKind::Error => "t-error",
            LineKind::Note => "t-note",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutLine {
    /// Unique in the console, for keyed rendering.
    pub key: u64,
    pub kind: LineKind,
    /// The line as it came or was typed (empty for a line in the pane's words).
    raw: String,
    /// The pane's own words, put into words in the language shown.
    say: Option<Say>,
    /// The world's trace length when the line came: it was caused by the
    /// events before that. Predict mode hides a server line while a
    /// question on one of those events is unanswered.
    pub upto: usize,
}

impl OutLine {
    /// The line as shown: as it came, or in the language shown.
    pub fn text(&self) -> String {
        match &self.say {
            Some(s) => s.text(),
            None => self.raw.clone(),
        }
    }
}

/// One tab: at most one connection at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: u32,
    pub conn: Option<ConnId>,
    /// The host and port as typed.
    pub target: Option<(String, u16)>,
    /// The id of the host the connection reached (the tab names it as the
    /// map and the lanes do).
    pub server: Option<String>,
    pub protocol: Option<Protocol>,
    /// The server session's state, from the trace's StateChanged events
    /// (the core's own typed value).
    pub state: Option<SessionState>,
    pub lines: Vec<OutLine>,
    /// The server's bytes, cut into lines by the core's line receiver.
    rx: LineReceiver,
    /// The last reply refused the command (4xx, 5xx, -ERR), as the server
    /// session decided it (the trace's reply lines), not read from the text.
    pub last_refused: bool,
}

impl Session {
    pub fn connected(&self) -> bool {
        self.conn.is_some()
    }
    /// "mail.dave.example:25", or "not connected".
    pub fn title(&self) -> String {
        match (&self.target, self.conn) {
            (Some((h, p)), Some(_)) => format!("{h}:{p}"),
            (Some((h, p)), None) => format!("{h}:{p} (closed)"),
            _ => "not connected".into(),
        }
    }
    /// The tab's label: "smtp:587", "mail:25 ✕" once closed, "new"; the
    /// host as `name` (the story's `host_name`) calls the host reached.
    pub fn short_title(&self, name: &dyn Fn(&str) -> String) -> String {
        match (&self.target, &self.server) {
            (Some((_, p)), Some(id)) => {
                format!(
                    "{}:{p}{}",
                    name(id),
                    if self.conn.is_some() { "" } else { " ✕" }
                )
            }
            (Some((h, p)), None) => format!("{h}:{p}"),
            _ => "new".into(),
        }
    }
    /// The server's state as the core names it; a fresh session is in the
    /// table's first state until the server reports a change.
    pub fn server_state(&self) -> Option<SessionState> {
        self.state.or_else(|| match self.protocol? {
            Protocol::Smtp => Some(SessionState::SmtpServer(SmtpState::Greeting)),
            Protocol::Pop3 => Some(SessionState::Pop3Server(Pop3State::Authorization)),
            Protocol::Imap => Some(SessionState::ImapServer(
                protocol_core::imap::ImapState::NotAuthenticated,
            )),
            Protocol::Dns => None,
        })
    }
}

/// The hint line under the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub text: String,
    /// The last command was refused: the hint says what would be accepted.
    pub alert: bool,
}

/// IMAP: the commands the table allows now, each after a tag of the
/// client's choosing (RFC 9051 §2.2.1).
fn imap_hint(st: protocol_core::imap::ImapState, refused: &str) -> String {
    use protocol_core::imap::ImapState;
    let state = st.to_string();
    let valid = st.valid_commands().join(", ");
    let id = match st {
        ImapState::NotAuthenticated => "telnet-hint-imap-login",
        ImapState::Selected => "telnet-hint-imap-selected",
        ImapState::Logout => "telnet-hint-imap-logout",
        _ => "telnet-hint-imap",
    };
    let refused = if st == ImapState::Logout { "" } else { refused };
    format!(
        "{refused}{}",
        say(id, &[("state", &state), ("valid", &valid)]).text()
    )
}

/// What the server accepts now, from the core's transition tables, in the
/// language shown (the state and command names are the protocol's).
pub fn hint_for(s: &Session) -> Hint {
    let not_connected = || Hint {
        text: crate::i18n::t("telnet-hint-not-connected"),
        alert: false,
    };
    if !s.connected() {
        return not_connected();
    }
    let (Some(_), Some(state)) = (s.protocol, s.server_state()) else {
        return not_connected();
    };
    let refused = if s.last_refused {
        crate::i18n::t("telnet-hint-refused") + " "
    } else {
        String::new()
    };
    let text = match state {
        SessionState::SmtpServer(SmtpState::Data) => crate::i18n::t("telnet-hint-smtp-data"),
        SessionState::SmtpServer(SmtpState::Auth) => crate::i18n::t("telnet-hint-smtp-auth"),
        SessionState::SmtpServer(SmtpState::Closed) => crate::i18n::t("telnet-hint-smtp-closed"),
        SessionState::SmtpServer(st) => format!(
            "{refused}{}",
            say(
                "telnet-hint-smtp",
                &[
                    ("state", &st.name()),
                    ("expects", &st.expected_commands().join(", "))
                ]
            )
            .text()
        ),
        SessionState::Pop3Server(st) if !st.valid_commands().is_empty() => format!(
            "{refused}{}",
            say(
                "telnet-hint-pop3",
                &[("state", &st), ("valid", &st.valid_commands().join(", "))]
            )
            .text()
        ),
        SessionState::Pop3Server(st) => say("telnet-hint-pop3-ending", &[("state", &st)]).text(),
        SessionState::ImapServer(st) => imap_hint(st, &refused),
        other => format!("state {other}"),
    };
    Hint {
        text,
        alert: s.last_refused,
    }
}

// ---- the console -----------------------------------------------------------------------

/// The pane: a world, the learner's sessions in it, and the history.
pub struct Console {
    world: World,
    /// "sandbox", or the name of the scenario whose world was joined.
    pub world_name: String,
    pub world_title: String,
    /// The host the learner types from (a host id).
    pub source: String,
    pub sessions: Vec<Session>,
    pub active: usize,
    pub history: History,
    next_tab: u32,
    next_key: u64,
    /// Trace events already looked at for state changes.
    seen: usize,
    /// The server sessions' own word on the reply lines that came in the
    /// last run: (connection, the line, whether its reply refused).
    verdicts: Vec<(ConnId, String, bool)>,
    /// Everything done in the pane since it was made, in order: replayed
    /// on a fresh sandbox it rebuilds the same sessions and world (the
    /// address bar's link carries it, see `crate::link`).
    pub actions: Vec<TelnetAction>,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("world_name", &self.world_name)
            .field("sessions", &self.sessions.len())
            .finish()
    }
}

/// The sandbox: the cast, DNS and accounts, the outsider, empty mailboxes, no traffic.
pub fn sandbox_world() -> World {
    let mut w = protocol_core::sim::cast::cast(1);
    w.add_host(stranger());
    w
}

/// A scenario's world as it stands at the visualizer's cursor: run to the
/// time of the cursor's event (`None`: before the first event), so a learner
/// can join in the middle of the story. The same seed gives the trace the
/// visualizer shows; events at that very instant come along. The rest of the
/// script still happens, around what the learner types.
pub fn scenario_world_at(s: &protocol_core::scenario::Scenario, at: Option<SimTime>) -> World {
    let mut w = s.build(None);
    if let Some(t) = at {
        w.run_until(t);
    }
    w
}

impl Console {
    pub fn new(world: World, name: &str, title: &str) -> Console {
        let mut c = Console {
            seen: world.trace().len(),
            world,
            world_name: name.into(),
            world_title: title.into(),
            source: "john-pc".into(),
            sessions: Vec::new(),
            active: 0,
            history: History::default(),
            next_tab: 1,
            next_key: 0,
            verdicts: Vec::new(),
            actions: Vec::new(),
        };
        c.new_tab();
        c.actions.clear();
        c
    }

    /// Does `a` again (replaying a link); it is logged like the original.
    pub fn apply(&mut self, a: &TelnetAction) {
        match a {
            TelnetAction::Enter(t) => self.enter(t),
            TelnetAction::Escape => self.escape(),
            TelnetAction::NewTab => self.new_tab(),
            TelnetAction::Select(i) => self.select(*i),
            TelnetAction::Source(h) => self.set_source(h),
            TelnetAction::Join(at) => self.join(at.clone()),
        }
    }

    /// Moves the pane to the sandbox or into a built-in scenario's world,
    /// run to a time (joining the story at the visualizer's cursor) or to
    /// its end. An unknown scenario changes nothing.
    pub fn join(&mut self, at: JoinAt) {
        let (world, name, title) = match &at {
            JoinAt::Sandbox => (
                sandbox_world(),
                "sandbox".to_string(),
                "Sandbox (telnet)".to_string(),
            ),
            JoinAt::At(n, _) | JoinAt::End(n) => {
                let Some(sc) = protocol_core::scenario::builtin(n) else {
                    return;
                };
                let world = match &at {
                    JoinAt::At(_, t) => scenario_world_at(&sc, t.map(SimTime::from_micros)),
                    _ => sc.run(None),
                };
                (world, sc.name, sc.title)
            }
        };
        self.switch_world(world, &name, &title);
        self.actions.push(TelnetAction::Join(at));
    }

    pub fn sandbox() -> Console {
        Console::new(sandbox_world(), "sandbox", "Sandbox (telnet)")
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// Moves the pane to another world; its open connections belong to the old one.
    pub fn switch_world(&mut self, mut world: World, name: &str, title: &str) {
        if world.host("stranger").is_none() {
            world.add_host(stranger());
        }
        for i in 0..self.sessions.len() {
            if self.sessions[i].conn.take().is_some() {
                self.push_say(i, LineKind::Info, say("telnet-moved-world", &[]));
            }
        }
        self.world = world;
        self.seen = self.world.trace().len();
        self.world_name = name.into();
        self.world_title = title.into();
        let at = self.world.now();
        let n = self.world.trace().len();
        let a = self.active;
        // A built-in scenario's title in the language shown now.
        let title = crate::i18n::story_words(name, title, "").0;
        self.push_say(
            a,
            LineKind::Note,
            say(
                "telnet-joined-world",
                &[("title", &title), ("time", &at), ("events", &n)],
            ),
        );
    }

    pub fn active_session(&self) -> &Session {
        &self.sessions[self.active]
    }

    pub fn hint(&self) -> Hint {
        hint_for(self.active_session())
    }

    /// The prompt shown before the input.
    pub fn prompt(&self) -> String {
        let s = self.active_session();
        match (&s.target, s.conn) {
            (Some((h, p)), Some(_)) => format!("{h}:{p}"),
            _ => format!("{}$", self.source),
        }
    }

    pub fn new_tab(&mut self) {
        self.actions.push(TelnetAction::NewTab);
        let id = self.next_tab;
        self.next_tab += 1;
        self.sessions.push(Session {
            id,
            conn: None,
            target: None,
            server: None,
            protocol: None,
            state: None,
            lines: Vec::new(),
            rx: LineReceiver::new(),
            last_refused: false,
        });
        self.active = self.sessions.len() - 1;
        let src = self.source_label();
        self.push_say(
            self.active,
            LineKind::Note,
            say("telnet-new-session", &[("id", &id), ("host", &src)]),
        );
    }

    pub fn select(&mut self, i: usize) {
        if i < self.sessions.len() {
            self.actions.push(TelnetAction::Select(i));
            self.active = i;
        }
    }

    pub fn set_source(&mut self, id: &str) {
        if self.world.host(id).is_some() {
            self.actions.push(TelnetAction::Source(id.to_string()));
            self.source = id.to_string();
            let src = self.source_label();
            let a = self.active;
            self.push_say(
                a,
                LineKind::Note,
                say("telnet-new-source", &[("host", &src)]),
            );
        }
    }

    fn source_label(&self) -> String {
        match self.world.host(&self.source) {
            Some(h) => format!("{} ({})", h.config.name, h.config.ip),
            None => self.source.clone(),
        }
    }

    fn push(&mut self, i: usize, kind: LineKind, text: &str) {
        self.push_line(i, kind, shown(text), None);
    }

    /// A line in the pane's own words.
    fn push_say(&mut self, i: usize, kind: LineKind, s: Say) {
        self.push_line(i, kind, String::new(), Some(s));
    }

    fn push_line(&mut self, i: usize, kind: LineKind, raw: String, say: Option<Say>) {
        let key = self.next_key;
        self.next_key += 1;
        let upto = self.world.trace().len();
        let s = &mut self.sessions[i];
        s.lines.push(OutLine {
            key,
            kind,
            raw,
            say,
            upto,
        });
        if s.lines.len() > SCROLLBACK {
            let extra = s.lines.len() - SCROLLBACK;
            s.lines.drain(..extra);
        }
    }

    /// What the learner pressed Enter on (or pasted): one or more lines.
    /// Connected, each line goes to the server with CR LF, all at once, and
    /// then the world runs until idle; not connected, each line is a pane
    /// command.
    pub fn enter(&mut self, text: &str) {
        self.actions.push(TelnetAction::Enter(text.to_string()));
        let text = text.strip_suffix('\n').unwrap_or(text);
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        if lines.len() > MAX_PASTE_LINES {
            let a = self.active;
            let msg = say(
                "telnet-paste-too-long",
                &[("lines", &lines.len()), ("most", &MAX_PASTE_LINES)],
            );
            self.push_say(a, LineKind::Error, msg);
            return;
        }
        let mut batch = 0usize;
        let mut batch_state: Option<SessionState> = None;
        for line in lines {
            self.history.push(line);
            let a = self.active;
            match self.sessions[a].conn {
                Some(conn) if !is_local(line) => {
                    if batch == 0 {
                        batch_state = self.sessions[a].server_state();
                    }
                    self.push(a, LineKind::Sent, &printable(line.as_bytes()));
                    self.world.send_line(conn, line);
                    batch += 1;
                }
                _ => {
                    if batch > 0 {
                        self.end_batch(batch, batch_state.take());
                        batch = 0;
                    }
                    self.pane_command(line);
                }
            }
        }
        if batch > 0 {
            self.end_batch(batch, batch_state);
        }
    }

    fn end_batch(&mut self, lines: usize, state: Option<SessionState>) {
        let a = self.active;
        let proto = self.sessions[a].protocol;
        if lines > 1 && state != Some(SessionState::SmtpServer(SmtpState::Data)) {
            let id = match proto {
                Some(Protocol::Pop3) => "telnet-pipelining-pop3",
                Some(Protocol::Imap) => "telnet-pipelining-imap",
                _ => "telnet-pipelining-smtp",
            };
            self.push_say(a, LineKind::Note, say(id, &[("lines", &lines)]));
        }
        self.run();
    }

    fn pane_command(&mut self, line: &str) {
        let a = self.active;
        let connected = self.sessions[a].connected();
        if !line.trim().is_empty() || !connected {
            self.push(a, LineKind::Command, &printable(line.as_bytes()));
        }
        match parse_command(line) {
            PaneCommand::Nothing => {}
            PaneCommand::Help => {
                for h in help() {
                    self.push_say(a, LineKind::Note, h);
                }
            }
            PaneCommand::B64(out) => {
                for l in out {
                    match l {
                        Ok(t) => self.push(a, LineKind::Note, &t),
                        Err(s) => self.push_say(a, LineKind::Note, s),
                    }
                }
            }
            PaneCommand::Bad(Ok(e)) => self.push(a, LineKind::Error, &e),
            PaneCommand::Bad(Err(e)) => self.push_say(a, LineKind::Error, e),
            PaneCommand::Quit => self.quit_tab(),
            PaneCommand::Wait(d) => self.wait(d),
            PaneCommand::Open { host, port } => self.open(&host, port),
        }
    }

    fn quit_tab(&mut self) {
        if self.sessions.len() > 1 {
            self.sessions.remove(self.active);
            self.active = self.active.min(self.sessions.len() - 1);
        } else {
            let a = self.active;
            self.sessions[a].lines.clear();
            self.sessions[a].target = None;
            self.sessions[a].server = None;
            self.push_say(a, LineKind::Note, say("telnet-tab-closed", &[]));
        }
    }

    fn open(&mut self, host: &str, port: u16) {
        let a = self.active;
        let before = self.world.trace().len();
        let result = self.world.connect(&self.source.clone(), host, port);
        // The address telnet tries: from the DNS answer, the typed IP, or the host id.
        let ip = self.world.trace()[before..]
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::DnsAnswer {
                    answer: Answer::A { addrs },
                    ..
                } => addrs.first().copied(),
                _ => None,
            })
            .or_else(|| host.parse::<Ipv4Addr>().ok())
            .or_else(|| self.world.host(host).map(|h| h.config.ip));
        let trying = |c: &mut Console| {
            if let Some(ip) = ip {
                c.push(a, LineKind::Info, &format!("Trying {ip}..."));
            }
        };
        match result {
            Ok(conn) => {
                trying(self);
                self.push(a, LineKind::Info, &format!("Connected to {host}."));
                self.push(a, LineKind::Info, "Escape character is '^]'.");
                let s = &mut self.sessions[a];
                s.conn = Some(conn);
                s.target = Some((host.to_string(), port));
                s.protocol = Some(match port {
                    110 => Protocol::Pop3,
                    143 => Protocol::Imap,
                    _ => Protocol::Smtp,
                });
                s.state = None;
                s.rx = LineReceiver::new();
                s.last_refused = false;
                self.run();
                self.sessions[a].server = self.world.trace()[before..]
                    .iter()
                    .find(|e| matches!(e.kind, EventKind::ConnectionOpened { conn: c, .. } if c == conn))
                    .map(|e| e.to.clone());
            }
            Err(ConnectError::UnknownName(_)) => self.push(
                a,
                LineKind::Error,
                &format!("telnet: could not resolve {host}: Name or service not known"),
            ),
            Err(ConnectError::NoSuchHost(h)) => self.push_say(
                a,
                LineKind::Error,
                say("telnet-no-such-host", &[("host", &h)]),
            ),
            Err(e) => {
                trying(self);
                let why = match e {
                    ConnectError::Refused => "Connection refused",
                    ConnectError::Unreachable(Unreachable::LinkDown) => "Network is unreachable",
                    _ => "No route to host",
                };
                self.push(
                    a,
                    LineKind::Error,
                    &format!("telnet: Unable to connect to remote host: {why}"),
                );
            }
        }
    }

    /// `wait`: lets virtual time pass, so queued retries happen (and an idle
    /// open session may time out, as it would on a real server).
    fn wait(&mut self, d: Option<SimDuration>) {
        let a = self.active;
        let now = self.world.now();
        let until = match d {
            Some(d) => now + d,
            None => match self.world.next_work() {
                Some(t) if t > now => t,
                _ => {
                    self.push_say(a, LineKind::Note, say("telnet-wait-nothing", &[]));
                    return;
                }
            },
        };
        let d = until.saturating_since(now);
        self.push_say(
            a,
            LineKind::Note,
            say(
                "telnet-time-passes",
                &[("duration", &Dur(d)), ("from", &now), ("until", &until)],
            ),
        );
        self.world.run_until(until);
        self.run();
    }

    /// The clock of this world.
    pub fn now(&self) -> SimTime {
        self.world.now()
    }

    /// Ctrl+]: telnet's escape, then quit: closes the active connection.
    pub fn escape(&mut self) {
        self.actions.push(TelnetAction::Escape);
        let a = self.active;
        let Some(conn) = self.sessions[a].conn else {
            self.push_say(a, LineKind::Note, say("telnet-nothing-to-close", &[]));
            return;
        };
        self.collect(a, conn);
        self.world.close(conn);
        self.sessions[a].conn = None;
        self.run();
        self.push(a, LineKind::Info, "^]");
        self.push(a, LineKind::Info, "telnet> quit");
        self.push(a, LineKind::Info, "Connection closed.");
    }

    /// Received bytes of connection `conn` into session `i`'s lines.
    fn collect(&mut self, i: usize, conn: ConnId) {
        let bytes = self.world.take_received(conn);
        if bytes.is_empty() {
            return;
        }
        // The same line receiver as the sessions and the trace, with the
        // trace's cap: a longer line is shown as a note, not kept.
        let mut rx = std::mem::take(&mut self.sessions[i].rx);
        let mut got: Vec<Vec<u8>> = Vec::new();
        rx.feed(&bytes, WIRE_LINE_CAP, |line| {
            got.push(match line {
                Line::Complete { text, .. } => text.to_vec(),
                Line::TooLong { .. } => b"[a line of more than 64 KiB: not shown]".to_vec(),
            });
            Flow::Continue
        });
        self.sessions[i].rx = rx;
        for line in got {
            self.received(i, &line);
        }
    }

    fn received(&mut self, i: usize, line: &[u8]) {
        let text = printable(line);
        // Red for a line that ends a refusing reply, as the server session
        // decided it (SMTP 4xx/5xx, POP3 -ERR, IMAP tagged NO or BAD: the
        // trace's reply lines, see `run`). A line the sessions did not
        // judge (an SMTP "550-" line before the last) goes by its code.
        let conn = self.sessions[i].conn;
        let verdict = conn.and_then(|c| {
            let k = self
                .verdicts
                .iter()
                .position(|(vc, t, _)| *vc == c && t.as_bytes() == line)?;
            Some(self.verdicts.remove(k).2)
        });
        let refused = verdict.unwrap_or_else(|| {
            text.starts_with("-ERR")
                || (text.len() >= 3
                    && text.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                    && matches!(text.as_bytes()[0], b'4' | b'5'))
        });
        self.push(
            i,
            if refused {
                LineKind::ReceivedError
            } else {
                LineKind::Received
            },
            &text,
        );
    }

    /// Runs the world until only session timeouts are left, then reads what
    /// arrived on every session and notices closed connections.
    pub fn run(&mut self) {
        self.world.run_until_quiet(HORIZON);
        let trace = self.world.trace();
        let mut changes: Vec<(ConnId, SessionState)> = Vec::new();
        let mut refusals: Vec<(ConnId, bool)> = Vec::new();
        let mut retries: Vec<Say> = Vec::new();
        let mut verdicts = Vec::new();
        for e in &trace[self.seen.min(trace.len())..] {
            match &e.kind {
                EventKind::StateChanged {
                    conn,
                    role: Role::Server,
                    state,
                    ..
                } => changes.push((*conn, *state)),
                // The server session's own word on each reply it sent.
                EventKind::Line {
                    conn,
                    dir: Direction::ToClient,
                    parsed,
                    text,
                    protocol,
                } => {
                    // SMTP and POP3: the reply's code or status as the session
                    // sent it. IMAP: the session's explanation key of the
                    // response (imap.no.*, imap.bad.*: RFC 9051 §7.1); a
                    // tagged line ends the command.
                    let (verdict, ends) = match parsed {
                        Some(p) => (p.ends_reply(), p.ends_reply().is_some()),
                        None if *protocol == Protocol::Imap => {
                            let refused = e.explain.as_deref().is_some_and(|k| {
                                k.starts_with("imap.no.") || k.starts_with("imap.bad.")
                            });
                            (
                                Some(refused),
                                !text.starts_with("* ") && !text.starts_with("+ "),
                            )
                        }
                        None => (None, false),
                    };
                    if let Some(refused) = verdict {
                        if ends {
                            refusals.push((*conn, refused));
                        }
                        let line = text.trim_end_matches(['\r', '\n']).to_string();
                        verdicts.push((*conn, line, refused));
                    }
                }
                EventKind::RetryScheduled {
                    host, next, reason, ..
                } => {
                    let name = self
                        .world
                        .host(host)
                        .map_or(host.as_str(), |h| h.config.name.as_str());
                    let wait = next.saturating_since(self.world.now());
                    retries.push(say(
                        "telnet-retry-queued",
                        &[
                            ("host", &name),
                            ("reason", &Reason(reason)),
                            ("next", next),
                            ("wait", &Dur(wait)),
                            ("short", &short_duration(wait)),
                        ],
                    ));
                }
                _ => {}
            }
        }
        self.seen = trace.len();
        for (conn, state) in changes {
            if let Some(s) = self.sessions.iter_mut().find(|s| s.conn == Some(conn)) {
                s.state = Some(state);
            }
        }
        for (conn, refused) in refusals {
            if let Some(s) = self.sessions.iter_mut().find(|s| s.conn == Some(conn)) {
                s.last_refused = refused;
            }
        }

        self.verdicts = verdicts;
        for i in 0..self.sessions.len() {
            let Some(conn) = self.sessions[i].conn else {
                continue;
            };
            self.collect(i, conn);
            if !self.world.is_open(conn) {
                let rest = self.sessions[i].rx.take_pending();
                if !rest.is_empty() {
                    self.received(i, &rest);
                }
                self.sessions[i].conn = None;
                self.push(i, LineKind::Info, "Connection closed by foreign host.");
            }
        }
        self.verdicts.clear();
        let a = self.active;
        for r in retries {
            self.push_say(a, LineKind::Note, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_red_as_the_server_session_judged_it_imap_too() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 143");
        c.enter("a1 LOGIN dave wrong-password");
        c.enter("a2 LOGIN dave dave-pass");
        c.enter("a3 SELECT NoSuchFolder");
        let kind = |tag: &str| {
            c.active_session()
                .lines
                .iter()
                .rev()
                .find(|l| l.text().starts_with(tag))
                .map(|l| l.kind)
        };
        // IMAP's NO has no number to read it from: the session's verdict.
        assert_eq!(kind("a1 NO"), Some(LineKind::ReceivedError));
        assert_eq!(kind("a2 OK"), Some(LineKind::Received));
        assert_eq!(kind("a3 NO"), Some(LineKind::ReceivedError));
        assert!(c.verdicts.is_empty(), "nothing is kept between runs");
    }

    #[test]
    fn base64_case_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"\0john\0john-pass", "AGpvaG4Aam9obi1wYXNz"),
            (b"Username:", "VXNlcm5hbWU6"),
        ];
        for (raw, enc) in cases {
            assert_eq!(b64_encode(raw), *enc, "{raw:?}");
            assert_eq!(b64_decode(enc).as_deref(), Some(*raw), "{enc}");
        }
        assert_eq!(b64_decode("not base64!"), None);
    }

    #[test]
    fn pane_commands_case_table() {
        use PaneCommand::*;
        let open = |h: &str, p| Open {
            host: h.into(),
            port: p,
        };
        let cases: Vec<(&str, PaneCommand)> = vec![
            ("", Nothing),
            ("   ", Nothing),
            ("telnet mail.dave.example 25", open("mail.dave.example", 25)),
            ("open smtp.isp.example 587", open("smtp.isp.example", 587)),
            ("nc 198.51.100.25 110", open("198.51.100.25", 110)),
            ("TELNET mx smtp", open("mx", 25)),
            (
                "telnet mail.dave.example pop3",
                open("mail.dave.example", 110),
            ),
            ("telnet mail.dave.example", open("mail.dave.example", 23)),
            ("quit", Quit),
            ("help", Help),
        ];
        for (line, want) in cases {
            assert_eq!(parse_command(line), want, "{line:?}");
        }
        let bad = [
            ("telnet", "usage: telnet HOST PORT"),
            ("nc mx", "missing port"),
            ("telnet mx 99999", "could not resolve mx/99999"),
            ("telnet mx banana", "Servname not supported"),
            ("telnet a b c", "one host, one port"),
            ("EHLO me", "not a command of this pane"),
            ("b64", "usage: b64"),
            ("b64 -d ***", "not base64"),
        ];
        for (line, want) in bad {
            match parse_command(line) {
                Bad(e) => assert!(line_text(&e).contains(want), "{line:?}: {e:?}"),
                other => panic!("{line:?}: {other:?}"),
            }
        }
        let helper = [
            ("b64 \\0john\\0john-pass", "AGpvaG4Aam9obi1wYXNz"),
            (
                "b64 plain john john-pass",
                "AUTH PLAIN AGpvaG4Aam9obi1wYXNz",
            ),
            ("b64 -d VXNlcm5hbWU6", "Username:"),
            ("b64 -d AGpvaG4Aam9obi1wYXNz", "\\0john\\0john-pass"),
        ];
        for (line, want) in helper {
            match parse_command(line) {
                B64(out) => assert!(
                    out.iter().any(|l| line_text(l).contains(want)),
                    "{line:?}: {out:?}"
                ),
                other => panic!("{line:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn history_goes_up_and_down_keeping_the_draft() {
        let mut h = History::default();
        assert_eq!(h.up("x"), None);
        for l in [
            "EHLO me",
            "MAIL FROM:<a@b>",
            "MAIL FROM:<a@b>",
            "",
            "RCPT TO:<c@d>",
        ] {
            h.push(l);
        }
        assert_eq!(h.len(), 3, "empty lines and repeats are not kept");
        assert_eq!(h.up("DA").as_deref(), Some("RCPT TO:<c@d>"));
        assert_eq!(h.up("").as_deref(), Some("MAIL FROM:<a@b>"));
        assert_eq!(h.up("").as_deref(), Some("EHLO me"));
        assert_eq!(h.up(""), None, "stays at the oldest");
        assert_eq!(h.down().as_deref(), Some("MAIL FROM:<a@b>"));
        assert_eq!(h.down().as_deref(), Some("RCPT TO:<c@d>"));
        assert_eq!(h.down().as_deref(), Some("DA"), "back to the draft");
        assert_eq!(h.down(), None);
    }

    fn texts(c: &Console) -> Vec<String> {
        c.active_session().lines.iter().map(OutLine::text).collect()
    }

    fn typed(c: &mut Console, lines: &[&str]) {
        for l in lines {
            c.enter(l);
        }
    }

    fn all(c: &Console) -> String {
        texts(c).join("\n")
    }

    #[test]
    fn connect_errors_look_like_telnet() {
        let mut c = Console::sandbox();
        // (command, lines that must appear)
        let cases: &[(&str, &[&str])] = &[
            (
                "telnet nowhere.example 25",
                &["telnet: could not resolve nowhere.example: Name or service not known"],
            ),
            (
                "telnet mail.dave.example 23",
                &[
                    "Trying 198.51.100.25...",
                    "telnet: Unable to connect to remote host: Connection refused",
                ],
            ),
            (
                "telnet ns.example 25",
                &[
                    "Trying 192.0.2.53...",
                    "telnet: Unable to connect to remote host: Connection refused",
                ],
            ),
            (
                "telnet 10.9.9.9 25",
                &[
                    "Trying 10.9.9.9...",
                    "telnet: Unable to connect to remote host: No route to host",
                ],
            ),
        ];
        for (cmd, want) in cases {
            c.enter(cmd);
            let out = all(&c);
            for w in *want {
                assert!(out.contains(w), "{cmd}: {out}");
            }
            assert!(!c.active_session().connected(), "{cmd}");
        }
        // The lookup and the refusal are in the trace, like everything else.
        let t = c.world().trace();
        assert!(t.iter().any(
            |e| matches!(&e.kind, EventKind::DnsQuery { name, .. } if name == "nowhere.example")
        ));
        assert!(t
            .iter()
            .any(|e| matches!(e.kind, EventKind::ConnectionRefused { port: 23 })));
    }

    #[test]
    fn a_whole_session_by_typing_smtp_then_pop3() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        let out = all(&c);
        for w in [
            "Trying 198.51.100.25...",
            "Connected to mail.dave.example.",
            "Escape character is '^]'.",
        ] {
            assert!(out.contains(w), "{out}");
        }
        assert!(texts(&c).last().unwrap().starts_with("220 "), "{out}");
        assert_eq!(
            c.hint().text,
            "SMTP, state Greeting: the server expects EHLO, HELO, QUIT"
        );
        typed(&mut c, &["EHLO john-pc.isp.example", "DATA"]);
        assert!(texts(&c).last().unwrap().starts_with("503"), "{}", all(&c));
        let h = c.hint();
        assert!(
            h.alert && h.text.contains("state Ready") && h.text.contains("MAIL"),
            "{h:?}"
        );
        typed(
            &mut c,
            &[
                "MAIL FROM:<john@isp.example>",
                "RCPT TO:<dave@dave.example>",
                "DATA",
            ],
        );
        assert!(!c.hint().alert);
        assert!(c.hint().text.contains("state Data"), "{:?}", c.hint());
        typed(&mut c, &["Subject: typed by hand", "", "Hello Dave.", "."]);
        assert!(texts(&c).last().unwrap().starts_with("250"), "{}", all(&c));
        c.enter("QUIT");
        let out = all(&c);
        assert!(out.ends_with("Connection closed by foreign host."), "{out}");
        assert!(out.contains("\n221 "), "{out}");
        assert!(!c.active_session().connected());
        // POP3 from Dave's computer.
        c.set_source("dave-pc");
        typed(
            &mut c,
            &[
                "telnet mail.dave.example 110",
                "USER dave",
                "PASS dave-pass",
                "RETR 1",
            ],
        );
        let out = all(&c);
        assert!(out.contains("Subject: typed by hand"), "{out}");
        assert!(out.contains("Received: from"), "{out}");
        assert!(
            c.hint()
                .text
                .starts_with("POP3, state Transaction: valid now STAT"),
            "{:?}",
            c.hint()
        );
    }

    #[test]
    fn the_isp_relays_by_itself_and_john_authenticates_on_587() {
        let mut c = Console::sandbox();
        typed(
            &mut c,
            &[
                "telnet smtp.isp.example 587",
                "EHLO john-pc",
                "MAIL FROM:<john@isp.example>",
            ],
        );
        assert!(
            texts(&c).last().unwrap().starts_with("530"),
            "submission wants AUTH first: {}",
            all(&c)
        );
        c.enter("b64 \\0john\\0john-pass");
        assert!(texts(&c).iter().any(|l| l == "AGpvaG4Aam9obi1wYXNz"));
        assert!(
            c.active_session().connected(),
            "the helper is not sent to the server"
        );
        typed(&mut c, &["AUTH PLAIN AGpvaG4Aam9obi1wYXNz"]);
        assert!(texts(&c).last().unwrap().starts_with("235"), "{}", all(&c));
        typed(
            &mut c,
            &[
                "MAIL FROM:<john@isp.example>",
                "RCPT TO:<dave@dave.example>",
                "DATA",
                "Subject: relayed",
                "",
                "hi",
                ".",
                "QUIT",
            ],
        );
        // The ISP relayed to mail.dave.example without anyone typing.
        let t = c.world().trace();
        assert!(
            t.iter()
                .any(|e| matches!(&e.kind, EventKind::Relayed { host, .. } if host == "isp")),
            "relayed"
        );
        assert_eq!(c.world().mailbox("mx", "dave").len(), 1);
    }

    #[test]
    fn pasted_lines_go_one_by_one_with_a_note_on_pipelining() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        c.enter("EHLO me\r\nMAIL FROM:<a@isp.example>\r\nRCPT TO:<dave@dave.example>\r\n");
        let out = all(&c);
        assert!(
            out.contains("3 lines went out at once") && out.contains("RFC 2920"),
            "{out}"
        );
        let replies = texts(&c).iter().filter(|l| l.starts_with("250 ")).count();
        assert_eq!(replies, 3, "one final reply per command, in order: {out}");
        // A message body is not pipelining.
        c.enter("DATA");
        let notes = |c: &Console| texts(c).iter().filter(|l| l.contains("pipelining")).count();
        c.enter("Subject: x\n\nbody\n.");
        assert_eq!(notes(&c), 1);
    }

    #[test]
    fn long_lines_and_markup_are_just_text() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        let long = "X".repeat(2000);
        c.enter(&long);
        assert!(
            texts(&c).last().unwrap().starts_with("500 5.5.2"),
            "{}",
            all(&c)
        );
        assert!(c.active_session().connected(), "the session goes on");
        c.enter("<script>alert(1)</script>");
        assert!(texts(&c).iter().any(|l| l == "<script>alert(1)</script>"));
        c.enter("EHLO ok");
        assert!(texts(&c).last().unwrap().starts_with("250 "), "{}", all(&c));
    }

    #[test]
    fn huge_pastes_are_refused_and_huge_lines_are_shortened_on_screen() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        let events = c.world().trace().len();
        c.enter(&"NOOP\n".repeat(MAX_PASTE_LINES + 1));
        assert!(
            texts(&c)
                .last()
                .unwrap()
                .starts_with("Nothing was sent: the pasted text has 1001 lines"),
            "{}",
            all(&c)
        );
        assert_eq!(
            c.world().trace().len(),
            events,
            "nothing went on the network"
        );
        c.enter(&"NOOP\n".repeat(MAX_PASTE_LINES));
        assert_eq!(
            texts(&c).iter().filter(|l| l.starts_with("250 ")).count(),
            MAX_PASTE_LINES
        );
        let huge = "é".repeat(100_000);
        c.enter(&huge);
        let sent = c
            .active_session()
            .lines
            .iter()
            .rev()
            .find(|l| l.kind == LineKind::Sent)
            .unwrap()
            .text();
        assert!(
            sent.ends_with("… (95904 more characters not shown)"),
            "{}",
            &sent[sent.len() - 60..]
        );
        assert!(
            texts(&c).last().unwrap().starts_with("500 5.5.2"),
            "the server got it all and refused it"
        );
        c.enter("NOOP");
        assert!(texts(&c).last().unwrap().starts_with("250 "));
    }

    #[test]
    fn telnet_to_port_143_speaks_imap_with_tag_hints() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example imap");
        assert_eq!(c.prompt(), "mail.dave.example:143");
        assert!(texts(&c)
            .iter()
            .any(|t| t.starts_with("* OK [CAPABILITY IMAP4rev2")));
        assert!(hint_for(c.active_session())
            .text
            .contains("a1 LOGIN dave dave-pass"));
        c.enter("a1 LOGIN dave dave-pass");
        assert!(texts(&c).last().unwrap().starts_with("a1 OK"));
        let h = hint_for(c.active_session()).text;
        assert!(
            h.starts_with("IMAP, state Authenticated") && h.contains("SELECT"),
            "{h}"
        );
        c.enter("a2 SELECT INBOX");
        assert!(texts(&c).last().unwrap().starts_with("a2 OK [READ-WRITE]"));
        c.enter("a3 LOGOUT");
        assert!(texts(&c).iter().any(|t| t.starts_with("a3 OK")));
    }

    #[test]
    fn escape_closes_and_quit_at_the_prompt_closes_the_tab() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 110");
        assert_eq!(c.prompt(), "mail.dave.example:110");
        c.escape();
        assert!(
            texts(&c).last().unwrap() == "Connection closed." && !c.active_session().connected()
        );
        assert_eq!(c.prompt(), "john-pc$");
        assert!(c
            .world()
            .trace()
            .iter()
            .any(|e| matches!(e.kind, EventKind::ConnectionClosed { .. })));
        c.new_tab();
        c.enter("telnet mail.dave.example 25");
        assert_eq!((c.sessions.len(), c.active), (2, 1));
        c.select(0);
        c.enter("quit");
        assert_eq!((c.sessions.len(), c.active), (1, 0));
        assert!(
            c.active_session().connected(),
            "the other tab's connection stays open"
        );
        assert_eq!(c.active_session().title(), "mail.dave.example:25");
        // The tab names the host as the map and the lanes do (the story's host_name).
        let story = crate::story::console_story(&c);
        let name = |h: &str| story.host_name(h);
        assert_eq!(c.active_session().server.as_deref(), Some("mx"));
        assert_eq!(c.active_session().short_title(&name), "mail:25");
        c.escape();
        assert_eq!(c.active_session().short_title(&name), "mail:25 ✕");
    }

    #[test]
    fn joining_mid_story_dave_reads_the_message_before_his_program_does() {
        let s = protocol_core::scenario::builtin("seed-story").unwrap();
        let full = s.run(None);
        let delivered = full
            .trace()
            .iter()
            .find(|e| matches!(e.kind, EventKind::Delivered { .. }))
            .unwrap();
        let mut c = Console::sandbox();
        c.switch_world(
            scenario_world_at(&s, Some(delivered.time)),
            "seed-story",
            "John writes to Dave",
        );
        assert!(
            all(&c).contains("the rest of its script still happens"),
            "{}",
            all(&c)
        );
        assert_eq!(
            c.world().mailbox("mx", "dave").len(),
            1,
            "delivered, not yet downloaded"
        );
        c.set_source("dave-pc");
        typed(
            &mut c,
            &[
                "telnet mail.dave.example 110",
                "USER dave",
                "PASS dave-pass",
                "STAT",
            ],
        );
        assert!(
            texts(&c).last().unwrap().starts_with("+OK 1 "),
            "{}",
            all(&c)
        );
        // At the start, nothing has happened yet.
        c.switch_world(
            scenario_world_at(&s, None),
            "seed-story",
            "John writes to Dave",
        );
        assert_eq!(c.world().trace().len(), 0);
    }

    #[test]
    fn joining_a_scenario_world_keeps_its_mailboxes() {
        let s = protocol_core::scenario::builtin("seed-story").unwrap();
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        c.switch_world(s.run(None), "seed-story", "John writes to Dave");
        assert!(!c.active_session().connected());
        c.set_source("dave-pc");
        typed(
            &mut c,
            &[
                "telnet mail.dave.example 110",
                "USER dave",
                "PASS dave-pass",
                "STAT",
            ],
        );
        // Dave's program downloaded and deleted the message in the script.
        assert!(
            texts(&c).last().unwrap().starts_with("+OK 0"),
            "{}",
            all(&c)
        );
    }

    /// A duration in a note is in the language shown when it is shown (the
    /// same note after a switch), the `wait 15m` command it suggests is not.
    #[test]
    fn durations_in_notes_speak_the_language_shown() {
        use protocol_core::i18n::Lang;
        let s = protocol_core::scenario::builtin("greylisting").unwrap();
        let mut c = Console::sandbox();
        c.switch_world(s.run(None), "greylisting", "Greylisting");
        for l in [
            "telnet smtp.isp.example 587",
            "EHLO john-pc",
            "AUTH PLAIN AGpvaG4Aam9obi1wYXNz",
            "MAIL FROM:<newcomer@isp.example>",
            "RCPT TO:<dave@dave.example>",
            "DATA",
            "Subject: greylisted",
            "",
            "hi",
            ".",
            "QUIT",
            "wait",
        ] {
            c.enter(l);
        }
        for (lang, queued, passes) in [
            (Lang::En, ", 15 min from now.", "Time passes: 15 min ("),
            (Lang::Nl, ", over 15 min.", "De tijd verstrijkt: 15 min ("),
            (Lang::ZhCn, "，即 15 分钟 之后。", "时间流逝：15 分钟（"),
        ] {
            crate::i18n::use_locale_files(lang);
            let out = texts(&c).join("\n");
            crate::i18n::use_locale_files(Lang::En);
            assert!(
                out.contains(queued) && out.contains(passes),
                "{lang:?}: {out}"
            );
            assert!(out.contains("wait 15m"), "{lang:?}: the command as typed");
            assert!(!out.contains("\u{1}"), "{lang:?}: {out}");
        }
        for (us, en, nl, zh) in [
            (30_000_000, "30 s", "30 s", "30 秒"),
            (9_000_000_000, "2 h 30 min", "2 u 30 min", "2 小时 30 分钟"),
            (250_000, "250 ms", "250 ms", "250 ms"),
            (7 * 86_400_000_000, "168 h", "168 u", "168 小时"),
        ] {
            assert_eq!(duration_short(us), SimDuration(us).to_string());
            for (lang, want) in [(Lang::En, en), (Lang::Nl, nl), (Lang::ZhCn, zh)] {
                crate::i18n::use_locale_files(lang);
                let got = duration_short(us);
                crate::i18n::use_locale_files(Lang::En);
                assert_eq!(got, want, "{lang:?}");
            }
        }
    }

    #[test]
    fn a_retry_waits_for_wait_and_never_times_out_the_open_session() {
        // Joined greylisting world: a new sender is greylisted at mx, so the
        // ISP queues the message and retries 15 minutes later.
        let s = protocol_core::scenario::builtin("greylisting").unwrap();
        let mut c = Console::sandbox();
        c.switch_world(s.run(None), "greylisting", "Greylisting");
        let start = c.now();
        for l in [
            "telnet smtp.isp.example 587",
            "EHLO john-pc",
            "AUTH PLAIN AGpvaG4Aam9obi1wYXNz",
            "MAIL FROM:<newcomer@isp.example>",
            "RCPT TO:<dave@dave.example>",
            "DATA",
            "Subject: greylisted",
            "",
            "hi",
            ".",
        ] {
            c.enter(l);
        }
        let out = texts(&c).join("\n");
        assert!(
            out.contains("smtp.isp.example keeps the message in its queue"),
            "{out}"
        );
        assert!(out.contains("try wait, or wait 15m"), "{out}");
        assert!(
            c.now().saturating_since(start) < SimDuration::from_secs(60),
            "the clock did not jump: {}",
            c.now()
        );
        c.enter("NOOP");
        assert!(
            texts(&c).last().unwrap().starts_with("250 "),
            "the session is still open: {}",
            texts(&c).join("\n")
        );
        assert_eq!(
            c.world().mailbox("mx", "dave").len(),
            0,
            "greylisted, not delivered yet"
        );
        c.enter("QUIT");
        c.enter("wait");
        let out = texts(&c).join("\n");
        assert!(out.contains("Time passes: 15 min"), "{out}");
        assert_eq!(
            c.world().mailbox("mx", "dave").len(),
            1,
            "the retry got through: {out}"
        );
        c.enter("wait");
        assert!(texts(&c)
            .last()
            .unwrap()
            .starts_with("Nothing is waiting to happen"));
    }

    #[test]
    fn waiting_with_an_idle_session_times_it_out_like_a_real_server() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        c.enter("wait 4m");
        assert!(
            c.active_session().connected(),
            "5 minutes is the RFC 5321 §4.5.3.2 timeout"
        );
        c.enter("wait 2m");
        let out = texts(&c).join("\n");
        assert!(out.contains("\n421 "), "{out}");
        assert!(out.ends_with("Connection closed by foreign host."), "{out}");
        for (line, want) in [
            ("wait soon", "not a duration"),
            ("wait 30d", "at most"),
            ("wait 1 2", "usage"),
        ] {
            c.enter(line);
            assert!(
                texts(&c).last().unwrap().contains(want),
                "{line}: {:?}",
                texts(&c).last()
            );
        }
    }
}
