//! Scenarios: serde data (TOML) describing changes to the default cast and
//! what happens in it, and the built-in catalogue (`protocol-core/scenarios/`).
//!
//! ```toml
//! name = "greylisting"
//! title = "Greylisting: try again later"
//! goal = "A 451 reply is not a failure: the sending server keeps the message and retries."
//!
//! [[host]]               # changes a host of the cast (by id) or adds one
//! id = "mx"
//! greylist = "5m"
//!
//! [[step]]
//! at = "0s"
//! do = "send"            # send | fetch | imap | host_down | host_up | link_down | link_up
//! from = "john@isp.example"
//! to = ["dave@dave.example"]
//! ```
//!
//! The world editor's tables (issue 15), all optional: `[[link]]` (latency,
//! loss), `[[dns]]` (A, missing A, null MX, NXDOMAIN) and `[[fault]]`
//! (reply overrides), see [`lab`]; on `[[host]]` also `open_relay`,
//! `pipelining`, `bare_lf`, a `[host.retry]` and a `[host.dkim]`
//! ([`DkimSpec`]); `[retry] warn_after` (the "delayed" DSN); `raw` on a
//! `send` step. [`Scenario::to_toml`] writes a
//! scenario back, [`Scenario::check`] validates one that came as JSON or
//! from code; both formats read back as an equal scenario (tested for every
//! built-in).

pub mod lab;
pub use lab::{DnsSpec, FaultSpec, LinkSpec, Percent};

use crate::address::Mailbox;
use crate::mta::RetryPolicy;
use crate::sim::cast::{cast_hosts, world_with};
use crate::sim::{Account, FetchJob, HostConfig, ImapAppend, ImapJob, SendJob, World};
pub use crate::sim::{DkimAlgorithm, DkimCanonicalization};
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::Ipv4Addr;

/// The bounds a scenario file must keep, so that every run ends in bounded
/// time and memory (issue 16). The loader refuses a value outside them with
/// the line and the field.
///
/// Any time or duration (`at`, `greylist`, the retry `schedule`): 365 days.
pub const MAX_SCENARIO_TIME: SimDuration = SimDuration::from_mins(365 * 24 * 60);
/// `[retry] max_age`: 30 days (RFC 5321 §4.5.4.1 suggests 4-5).
pub const MAX_RETRY_AGE: SimDuration = SimDuration::from_mins(30 * 24 * 60);
/// Retries one message may get under `[retry]` before its `max_age`
/// (a `schedule` of `["1m"]` allows a `max_age` of up to 8 hours 20 min).
pub const MAX_SCENARIO_RETRIES: u32 = 500;
/// A `[[link]]`'s one-way `latency`: 10 s.
pub const MAX_LINK_LATENCY: SimDuration = SimDuration::from_secs(10);
/// `padding_lines`: 200,000 lines of about 70 bytes, some 14 MB.
pub const MAX_PADDING_LINES: usize = 200_000;

/// A duration written as `90s`, `15m`, `2h`, `1d`, `250ms` or a number of seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DelayRepr", into = "String")]
pub struct Delay(pub SimDuration);

#[derive(Deserialize)]
#[serde(untagged)]
enum DelayRepr {
    Secs(u64),
    Text(String),
}

impl TryFrom<DelayRepr> for Delay {
    type Error = String;
    fn try_from(r: DelayRepr) -> Result<Self, String> {
        match r {
            // Saturates: validation then refuses it, naming the field.
            DelayRepr::Secs(s) => Ok(Delay(SimDuration::from_secs(s))),
            DelayRepr::Text(t) => parse_delay(&t).map(Delay),
        }
    }
}

impl From<Delay> for String {
    fn from(d: Delay) -> String {
        format!("{}ms", d.0.as_micros() / 1000)
    }
}

/// `90s`, `15m`, `2h`, `1d`, `250ms`.
pub fn parse_delay(t: &str) -> Result<SimDuration, String> {
    let t = t.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{t:?} is not a duration: write e.g. \"90s\", \"15m\", \"2h\""))?;
    let per: u64 = match unit.trim() {
        "ms" => 1_000,
        "" | "s" => 1_000_000,
        "m" | "min" => 60_000_000,
        "h" => 3_600_000_000,
        "d" => 86_400_000_000,
        u => {
            return Err(format!(
                "unknown time unit {u:?} in {t:?}: use ms, s, m, h or d"
            ))
        }
    };
    n.checked_mul(per)
        .map(SimDuration)
        .ok_or_else(|| format!("{t:?} is too long a duration"))
}

/// A change to a host of the cast, or a new host.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostSpec {
    pub id: String,
    pub name: Option<String>,
    pub ip: Option<Ipv4Addr>,
    pub smtp: Option<bool>,
    pub submission: Option<bool>,
    pub pop3: Option<bool>,
    /// An IMAP server on port 143.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap: Option<bool>,
    pub local_domains: Option<Vec<String>>,
    pub relay_domains: Option<Vec<String>>,
    /// `"192.0.2.0/24"`
    pub relay_networks: Option<Vec<String>>,
    pub smarthost: Option<String>,
    pub greylist: Option<Delay>,
    pub max_message_size: Option<usize>,
    /// A line this relay adds to the end of every message it passes on
    /// (as virus scanners and mailing lists do): it breaks DKIM's body hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// Check SPF, DKIM and DMARC of the mail it receives from other servers
    /// (Dave's server does in the cast; a new receiving server can too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_senders: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountSpec>,
    /// Forwarding rules (`[[host.forward]]`): mail accepted for `from` is
    /// passed on to `to` instead of being delivered here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forward: Vec<ForwardSpec>,
    /// A spam filter's rules (`[host.spam]`): see [`crate::sim::spam`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spam: Option<SpamSpec>,
    /// Relay for anyone without AUTH (to show why nobody runs an open relay).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_relay: Option<bool>,
    /// Offer PIPELINING (RFC 2920); default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipelining: Option<bool>,
    /// `"refuse"` (default: a bare LF in a message is refused, RFC 5321
    /// §2.3.8) or `"normalise"` (read as CRLF: open to SMTP smuggling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bare_lf: Option<BareLf>,
    /// This server's own retry schedule (and delayed-DSN time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetrySpec>,
    /// How a signing host (one with a DKIM domain: the ISP in the cast)
    /// signs its users' mail (`[host.dkim]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dkim: Option<DkimSpec>,
}

/// A signing host's DKIM settings (`[host.dkim]`), each optional:
///
/// ```toml
/// [host.dkim]
/// algorithms = ["ed25519-sha256", "rsa-sha256"]   # default ["ed25519-sha256"]
/// canonicalization = "simple/simple"              # default "relaxed/relaxed"
/// ```
///
/// One signature per algorithm, the first on top; the Ed25519 key is at
/// selector `mail`, the RSA key (2048 bits, from the seed) at `rsa`.
/// rsa-sha256 needs the `dkim-rsa` feature, which the web app is built
/// without: there such a file is refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DkimSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithms: Option<Vec<DkimAlgorithm>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonicalization: Option<DkimCanonicalization>,
}

/// What a server does with a bare LF inside a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BareLf {
    /// Refuse the message (`554 5.6.0`): the only safe choice.
    Refuse,
    /// Treat it as CRLF, as some servers did: `<LF>.<LF>` then ends the
    /// message early, and a second message can be smuggled after it.
    Normalise,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountSpec {
    pub login: String,
    pub password: String,
    pub address: String,
}

/// One forwarding rule of a mail server: mail for `from` goes on to `to`,
/// with the envelope sender unchanged (RFC 5321 §3.9.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForwardSpec {
    pub from: String,
    pub to: String,
}

/// A spam filter's settings: the words it looks for and the score at which
/// a message counts as spam (the rules and their points are fixed: see
/// [`crate::sim::spam`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamSpec {
    /// Words that score against a message in its Subject or body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Points from which a message is marked as spam (default 5, as
    /// SpamAssassin's `required_score`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<u32>,
}

/// An extra (or changed) MX record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MxSpec {
    pub domain: String,
    pub preference: u16,
    pub host: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySpec {
    pub schedule: Vec<Delay>,
    pub max_age: Delay,
    /// Send the sender one "delayed" DSN (RFC 3464 `Action: delayed`) when
    /// a message is still queued this long after it arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_after: Option<Delay>,
}

impl RetrySpec {
    fn policy(&self) -> RetryPolicy {
        RetryPolicy {
            schedule: self.schedule.iter().map(|d| d.0).collect(),
            max_age: self.max_age.0,
        }
    }
}

/// One scripted thing that happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// A mail program submits a message.
    Send {
        at: Delay,
        #[serde(default = "default_from_host")]
        from_host: String,
        #[serde(default = "default_submit_server")]
        server: String,
        #[serde(default = "default_submit_port")]
        port: u16,
        /// `[login, password]`; omit to send without AUTH.
        auth: Option<(String, String)>,
        from: String,
        to: Vec<String>,
        #[serde(default = "default_subject")]
        subject: String,
        #[serde(default = "default_body")]
        body: String,
        /// Extra body lines of filler text (for the message-too-large story).
        #[serde(default, skip_serializing_if = "is_zero_usize")]
        padding_lines: usize,
        /// Send the message exactly as written: no dot-stuffing, and a bare
        /// LF in `body` stays a bare LF. Only an attacker's own program does
        /// this (the SMTP smuggling lesson).
        #[serde(default, skip_serializing_if = "is_false")]
        raw: bool,
    },
    /// A mail program downloads with POP3.
    Fetch {
        at: Delay,
        host: String,
        server: String,
        #[serde(default = "default_pop3_port")]
        port: u16,
        login: String,
        password: String,
        #[serde(default)]
        delete: bool,
        #[serde(default)]
        apop: bool,
    },
    /// A mail program visits its mailbox with IMAP (port 143).
    Imap {
        at: Delay,
        host: String,
        #[serde(default = "default_imap_server")]
        server: String,
        #[serde(default = "default_imap_port")]
        port: u16,
        login: String,
        password: String,
        /// `BODY.PEEK[]`: reading does not set `\Seen`.
        #[serde(default)]
        peek: bool,
        /// `\Deleted` and EXPUNGE what was fetched.
        #[serde(default)]
        delete: bool,
        /// Move what was fetched into this folder (created first).
        #[serde(default)]
        move_to: Option<String>,
        /// IDLE this long after fetching, waiting for new mail.
        #[serde(default)]
        idle: Option<Delay>,
        /// A message the program writes and APPENDs to a folder.
        #[serde(default)]
        append: Option<AppendSpec>,
    },
    HostDown {
        at: Delay,
        host: String,
    },
    HostUp {
        at: Delay,
        host: String,
    },
    LinkDown {
        at: Delay,
        a: String,
        b: String,
    },
    LinkUp {
        at: Delay,
        a: String,
        b: String,
    },
}

/// What an `imap` step APPENDs: a message the mail program composes (the
/// copy of a mail it sent, for `Sent`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendSpec {
    pub folder: String,
    pub from: String,
    pub to: Vec<String>,
    #[serde(default = "default_subject")]
    pub subject: String,
    #[serde(default = "default_body")]
    pub body: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero_usize(n: &usize) -> bool {
    *n == 0
}
fn default_imap_server() -> String {
    "mail.dave.example".into()
}
fn default_imap_port() -> u16 {
    143
}
fn default_from_host() -> String {
    "john-pc".into()
}
fn default_submit_server() -> String {
    "smtp.isp.example".into()
}
fn default_submit_port() -> u16 {
    587
}
fn default_pop3_port() -> u16 {
    110
}
fn default_subject() -> String {
    "Lunch on Friday?".into()
}
fn default_body() -> String {
    "Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".into()
}

impl Step {
    pub fn at(&self) -> SimDuration {
        match self {
            Step::Send { at, .. }
            | Step::Fetch { at, .. }
            | Step::Imap { at, .. }
            | Step::HostDown { at, .. }
            | Step::HostUp { at, .. }
            | Step::LinkDown { at, .. }
            | Step::LinkUp { at, .. } => at.0,
        }
    }
}

/// A whole scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    pub title: String,
    /// One sentence: what the learner should take away.
    pub goal: String,
    #[serde(default)]
    pub seed: u64,
    #[serde(default, rename = "host", skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<HostSpec>,
    /// Replaces the cast's MX records of each domain it names (`host = "."`
    /// with preference 0 is a null MX).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mx: Vec<MxSpec>,
    pub retry: Option<RetrySpec>,
    /// Latency and loss of links (`[[link]]`).
    #[serde(default, rename = "link", skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkSpec>,
    /// Other DNS changes (`[[dns]]`): A records, missing A, null MX, NXDOMAIN.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns: Vec<DnsSpec>,
    /// Reply overrides, "chaos" (`[[fault]]`).
    #[serde(default, rename = "fault", skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<FaultSpec>,
    // Empty lists are left out when written, so that a TOML writer puts
    // no plain value after a table.
    #[serde(default, rename = "step", skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

/// A scenario file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(feature = "toml")]
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

/// The line of the `[header]` table, for validation errors.
fn table_line(src: &str, header: &str) -> Option<usize> {
    let pat = format!("[{header}]");
    src.lines()
        .position(|l| l.trim_start().starts_with(&pat))
        .map(|i| i + 1)
}

/// Whether `d` is within `max`, as an error naming `what` otherwise.
fn within(d: SimDuration, max: SimDuration, what: &str) -> Result<(), String> {
    if d <= max {
        return Ok(());
    }
    Err(format!(
        "{what} is {}; at most {} days are allowed, so that the run ends",
        if d == SimDuration::MAX {
            "too long a time".to_string()
        } else {
            format!("{} days", d.as_secs() / 86_400)
        },
        max.as_secs() / 86_400
    ))
}

/// A `[host.dkim]` table: a signing host, at least one algorithm, each
/// once, each built into this MailSim.
fn check_dkim(d: &DkimSpec, signs: bool) -> Result<(), String> {
    if !signs {
        return Err(
            "this host does not DKIM-sign (only a host with a DKIM domain does: the ISP's server \"isp\" in the cast)".into(),
        );
    }
    let Some(algs) = &d.algorithms else {
        return Ok(());
    };
    if algs.is_empty() {
        return Err("`algorithms` is empty: name at least one, like [\"ed25519-sha256\"]".into());
    }
    for (n, a) in algs.iter().enumerate() {
        if algs[..n].contains(a) {
            return Err(format!("`algorithms` names {:?} twice", a.as_str()));
        }
        if !a.built_in() {
            return Err(format!(
                "{:?} is not built into this MailSim (the web page is built without RSA to stay small): use \"ed25519-sha256\" here, or run the file with the command-line mailsim",
                a.as_str()
            ));
        }
    }
    Ok(())
}

/// The bounds of a `[retry]` table (the scenario's or a host's).
fn check_retry(r: &RetrySpec) -> Result<(), String> {
    if r.schedule.is_empty() {
        return Err("`schedule` needs at least one interval, e.g. [\"15m\", \"1h\"]".into());
    }
    for d in &r.schedule {
        if d.0 < crate::mta::MIN_RETRY_INTERVAL {
            return Err(format!(
                "`schedule`: a retry interval of {} would retry at one instant; at least 1 s",
                d.0
            ));
        }
        within(d.0, MAX_SCENARIO_TIME, "a `schedule` interval")?;
    }
    within(r.max_age.0, MAX_RETRY_AGE, "`max_age`")?;
    if let Some(w) = r.warn_after {
        within(w.0, MAX_RETRY_AGE, "`warn_after`")?;
    }
    if r.policy().retries_before_give_up() > MAX_SCENARIO_RETRIES {
        return Err(format!(
            "`schedule` and `max_age` would retry a message more than {MAX_SCENARIO_RETRIES} times: use longer intervals or a shorter max_age"
        ));
    }
    Ok(())
}

/// The line of the `n`-th (0-based) `[[header]]` table, for validation errors.
fn nth_table_line(src: &str, header: &str, n: usize) -> Option<usize> {
    let pat = format!("[[{header}]]");
    src.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(&pat))
        .nth(n)
        .map(|(i, _)| i + 1)
}

impl Scenario {
    /// Parses and checks a scenario; `file` names it in errors.
    #[cfg(feature = "toml")]
    pub fn parse(src: &str, file: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = toml::from_str(src).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_col(src, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            ScenarioError {
                file: file.to_string(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        scenario.validate(src, file)?;
        Ok(scenario)
    }

    /// Checks a scenario that did not come from a TOML file (JSON, or one
    /// built in code, e.g. by the page's world editor) against the same
    /// rules as [`Scenario::parse`]; errors then carry no line number.
    /// Available without the `toml` feature.
    pub fn check(&self, file: &str) -> Result<(), ScenarioError> {
        self.validate("", file)
    }

    /// [`Scenario::check`] with the file's text, for line numbers: the web
    /// app reads TOML files with a reader of its own and checks them here.
    pub fn validate(&self, src: &str, file: &str) -> Result<(), ScenarioError> {
        let err = |line: Option<usize>, message: String| ScenarioError {
            file: file.to_string(),
            line,
            column: None,
            message,
        };
        let mut ids: Vec<String> = cast_hosts().into_iter().map(|h| h.id).collect();
        // The world's hosts as the table so far makes them, to check addresses.
        let mut world = cast_hosts();
        for (i, h) in self.hosts.iter().enumerate() {
            if !ids.contains(&h.id) {
                if h.name.is_none() || h.ip.is_none() {
                    return Err(err(
                        nth_table_line(src, "host", i),
                        format!("new host {:?} needs a `name` and an `ip`", h.id),
                    ));
                }
                ids.push(h.id.clone());
            }
            for n in h.relay_networks.iter().flatten() {
                parse_network(n).map_err(|m| err(nth_table_line(src, "host", i), m))?;
            }
            if let Some(g) = h.greylist {
                let what = format!("host {:?}: `greylist`", h.id);
                within(g.0, MAX_SCENARIO_TIME, &what)
                    .map_err(|m| err(nth_table_line(src, "host", i), m))?;
            }
            for f in &h.forward {
                for (what, a) in [("from", &f.from), ("to", &f.to)] {
                    if let Err(e) = Mailbox::parse(a) {
                        return Err(err(
                            nth_table_line(src, "host", i),
                            format!(
                                "host {:?}: forward `{what}` {a:?} is not an address like \"dave@dave.example\": {e}",
                                h.id
                            ),
                        ));
                    }
                }
            }
            if let Some(r) = &h.retry {
                check_retry(r).map_err(|m| {
                    err(
                        nth_table_line(src, "host", i),
                        format!("host {:?}: `retry`: {m}", h.id),
                    )
                })?;
            }
            // Two hosts at one IP address would make the network ambiguous
            // (issue 16: a new host silently took another host's address).
            if let Some(ip) = h.ip {
                if let Some(other) = world.iter().find(|o| o.ip == ip && o.id != h.id) {
                    return Err(err(
                        nth_table_line(src, "host", i),
                        format!(
                            "host {:?}: `ip` {ip} is already the address of host {:?}; every host needs an address of its own",
                            h.id, other.id
                        ),
                    ));
                }
            }
            match world.iter_mut().find(|o| o.id == h.id) {
                Some(o) => apply(o, h),
                None => {
                    let mut o = HostConfig::new(
                        &h.id,
                        h.name.as_deref().unwrap_or(""),
                        h.ip.unwrap_or(Ipv4Addr::UNSPECIFIED),
                    );
                    apply(&mut o, h);
                    world.push(o);
                }
            }
            if let Some(d) = &h.dkim {
                let signs = world
                    .iter()
                    .any(|o| o.id == h.id && o.dkim_domain.is_some());
                check_dkim(d, signs).map_err(|m| {
                    err(
                        nth_table_line(src, "host", i),
                        format!("host {:?}: `dkim`: {m}", h.id),
                    )
                })?;
            }
        }
        if let Some(r) = &self.retry {
            check_retry(r).map_err(|m| err(table_line(src, "retry"), m))?;
        }
        self.validate_lab(src, file, &ids, &world)?;
        for (i, s) in self.steps.iter().enumerate() {
            let what = format!("step {}: `at`", i + 1);
            within(s.at(), MAX_SCENARIO_TIME, &what)
                .map_err(|m| err(nth_table_line(src, "step", i), m))?;
            if let Step::Imap { idle: Some(d), .. } = s {
                let what = format!("step {}: `idle`", i + 1);
                within(d.0, MAX_SCENARIO_TIME, &what)
                    .map_err(|m| err(nth_table_line(src, "step", i), m))?;
            }
            if let Step::Send { padding_lines, .. } = s {
                if *padding_lines > MAX_PADDING_LINES {
                    return Err(err(
                        nth_table_line(src, "step", i),
                        format!(
                            "step {}: `padding_lines` is {padding_lines}; at most {MAX_PADDING_LINES} are allowed",
                            i + 1
                        ),
                    ));
                }
            }
            let hosts: Vec<&String> = match s {
                Step::Send { from_host, .. } => vec![from_host],
                Step::Fetch { host, .. } | Step::Imap { host, .. } => vec![host],
                Step::HostDown { host, .. } | Step::HostUp { host, .. } => vec![host],
                Step::LinkDown { a, b, .. } | Step::LinkUp { a, b, .. } => vec![a, b],
            };
            for h in hosts {
                if !ids.contains(h) {
                    return Err(err(
                        nth_table_line(src, "step", i),
                        format!(
                            "step {} names host {h:?}, which is not in this world (hosts: {})",
                            i + 1,
                            ids.join(", ")
                        ),
                    ));
                }
            }
            if let Step::Send { to, from, .. } = s {
                if to.is_empty() {
                    return Err(err(
                        nth_table_line(src, "step", i),
                        format!("step {}: `to` needs at least one address", i + 1),
                    ));
                }
                // Refused here rather than sent as `invalid@invalid` or
                // dropped without a word (issue 16).
                if let Err(e) = Mailbox::parse(from) {
                    return Err(err(
                        nth_table_line(src, "step", i),
                        format!(
                            "step {}: `from` {from:?} is not an address like \"john@isp.example\": {e}",
                            i + 1
                        ),
                    ));
                }
                for t in to {
                    if let Err(e) = parse_recipient(t) {
                        return Err(err(
                            nth_table_line(src, "step", i),
                            format!(
                                "step {}: `to` {t:?} is not an address like \"dave@dave.example\": {e}",
                                i + 1
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks the lab tables: `[[link]]`, `[[dns]]` and `[[fault]]`.
    fn validate_lab(
        &self,
        src: &str,
        file: &str,
        ids: &[String],
        world: &[HostConfig],
    ) -> Result<(), ScenarioError> {
        let err = |table: &str, i: usize, message: String| ScenarioError {
            file: file.to_string(),
            line: nth_table_line(src, table, i),
            column: None,
            message,
        };
        let known = |h: &String| {
            ids.contains(h).then_some(()).ok_or_else(|| {
                format!(
                    "names host {h:?}, which is not in this world (hosts: {})",
                    ids.join(", ")
                )
            })
        };
        for (i, l) in self.links.iter().enumerate() {
            let what = |m: String| err("link", i, format!("link {}: {m}", i + 1));
            known(&l.a).map_err(what)?;
            known(&l.b).map_err(what)?;
            if l.a == l.b {
                return Err(what("`a` and `b` must be two different hosts".into()));
            }
            if let Some(d) = l.latency {
                if d.0 > MAX_LINK_LATENCY {
                    return Err(what(format!(
                        "`latency` is {}; at most {} (a one-way trip across the world is about 0.1 s)",
                        d.0, MAX_LINK_LATENCY
                    )));
                }
            }
        }
        for (i, d) in self.dns.iter().enumerate() {
            let name = match d {
                DnsSpec::A { name, .. }
                | DnsSpec::NoA { name }
                | DnsSpec::Txt { name, .. }
                | DnsSpec::Servfail { name } => name,
                DnsSpec::NullMx { domain } | DnsSpec::Nxdomain { domain } => domain,
            };
            if crate::dns::normalize(name).is_empty() {
                return Err(err("dns", i, format!("dns {}: the name is empty", i + 1)));
            }
        }
        for (i, f) in self.faults.iter().enumerate() {
            let what = |m: String| err("fault", i, format!("fault {}: {m}", i + 1));
            known(&f.host).map_err(what)?;
            f.injected().map_err(what)?;
            let h = world.iter().find(|h| h.id == f.host);
            let ports: Vec<u16> = h
                .map(|h| {
                    [(h.smtp, 25), (h.submission, 587)]
                        .into_iter()
                        .filter_map(|(on, p)| on.then_some(p))
                        .collect()
                })
                .unwrap_or_default();
            match f.port {
                Some(p) if !ports.contains(&p) => {
                    return Err(what(format!(
                        "host {:?} has no SMTP server on port {p} (it has: {ports:?})",
                        f.host
                    )))
                }
                None if ports.is_empty() => {
                    return Err(what(format!("host {:?} runs no SMTP server", f.host)))
                }
                _ => {}
            }
            if f.times == Some(0) {
                return Err(what(
                    "`times` = 0 would never strike: omit it for always, or give 1 or more".into(),
                ));
            }
        }
        Ok(())
    }

    /// The scenario as a TOML file that [`Scenario::parse`] reads back
    /// as an equal scenario.
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> Result<String, String> {
        toml::to_string(self).map_err(|e| e.to_string())
    }

    /// The world this scenario describes, with its steps scheduled.
    pub fn build(&self, seed: Option<u64>) -> World {
        let mut hosts = cast_hosts();
        for spec in &self.hosts {
            let i = match hosts.iter().position(|h| h.id == spec.id) {
                Some(i) => i,
                None => {
                    hosts.push(HostConfig::new(
                        &spec.id,
                        spec.name.as_deref().unwrap_or(""),
                        spec.ip.unwrap_or(Ipv4Addr::UNSPECIFIED),
                    ));
                    hosts.len() - 1
                }
            };
            apply(&mut hosts[i], spec);
        }
        for f in &self.faults {
            let (Some(h), Ok(injected)) = (hosts.iter_mut().find(|h| h.id == f.host), f.injected())
            else {
                continue; // refused by `parse`; a hand-built scenario skips it
            };
            h.faults.push(crate::sim::HostFault {
                port: f.port,
                stage: f.on,
                injected,
                times: f.times,
            });
        }
        let mut w = world_with(seed.unwrap_or(self.seed), hosts);
        // A scenario that lists MX records for a domain replaces the cast's.
        for mx in &self.mx {
            w.zones_mut().remove(&mx.domain, crate::dns::RecordType::MX);
        }
        for mx in &self.mx {
            w.zones_mut().add_mx(&mx.domain, mx.preference, &mx.host);
        }
        // The names whose TXT records the scenario sets: the first entry for
        // a name replaces the cast's records, the next ones add to it (two
        // SPF records at one name are a lesson of their own: permerror,
        // RFC 7208 §4.5).
        let mut txt_set: Vec<&str> = Vec::new();
        for d in &self.dns {
            use crate::dns::RecordType;
            let z = w.zones_mut();
            match d {
                DnsSpec::A { name, ip } => z.add_a(name, *ip),
                DnsSpec::NoA { name } => z.remove(name, RecordType::A),
                DnsSpec::NullMx { domain } => {
                    z.remove(domain, RecordType::MX);
                    z.add_mx(domain, 0, ".");
                }
                DnsSpec::Nxdomain { domain } => {
                    for t in [RecordType::A, RecordType::MX, RecordType::TXT] {
                        z.remove(domain, t);
                    }
                }
                DnsSpec::Txt { name, text } => {
                    if !txt_set.contains(&name.as_str()) {
                        txt_set.push(name);
                        z.remove(name, RecordType::TXT);
                    }
                    z.add_txt(name, text);
                }
                DnsSpec::Servfail { name } => z.add_servfail(name),
            }
        }
        for l in &self.links {
            let latency = l
                .latency
                .map_or_else(|| w.link(&l.a, &l.b).latency, |d| d.0);
            w.set_link(&l.a, &l.b, latency, l.loss_percent.ppm());
        }
        if let Some(r) = &self.retry {
            w.set_retry_policy(r.policy());
            w.set_delay_warning(r.warn_after.map(|d| d.0));
        }
        for step in &self.steps {
            let at = SimTime::ZERO + step.at();
            match step.clone() {
                Step::Send {
                    from_host,
                    server,
                    port,
                    auth,
                    from,
                    to,
                    subject,
                    mut body,
                    padding_lines,
                    raw,
                    ..
                } => {
                    for i in 0..padding_lines {
                        body.push_str(&format!("{i:06} The quick brown fox jumps over the lazy dog, again and again.\n"));
                    }
                    let job = SendJob {
                        from_host,
                        server,
                        port,
                        auth,
                        from,
                        to,
                        subject,
                        body,
                    };
                    if raw {
                        w.schedule_send_raw(at, job);
                    } else {
                        w.schedule_send(at, job);
                    }
                }
                Step::Fetch {
                    host,
                    server,
                    port,
                    login,
                    password,
                    delete,
                    apop,
                    ..
                } => w.schedule_fetch(
                    at,
                    FetchJob {
                        host,
                        server,
                        port,
                        login,
                        password,
                        delete,
                        apop,
                    },
                ),
                Step::Imap {
                    host,
                    server,
                    port,
                    login,
                    password,
                    peek,
                    delete,
                    move_to,
                    idle,
                    append,
                    ..
                } => w.schedule_imap(
                    at,
                    ImapJob {
                        host,
                        server,
                        port,
                        login,
                        password,
                        peek,
                        delete,
                        move_to,
                        idle: idle.map(|d| d.0),
                        append: append.map(|a| ImapAppend {
                            folder: a.folder,
                            from: a.from,
                            to: a.to,
                            subject: a.subject,
                            body: a.body,
                        }),
                    },
                ),
                Step::HostDown { host, .. } => w.schedule_host_state(at, &host, false),
                Step::HostUp { host, .. } => w.schedule_host_state(at, &host, true),
                Step::LinkDown { a, b, .. } => w.schedule_link_state(at, &a, &b, false),
                Step::LinkUp { a, b, .. } => w.schedule_link_state(at, &a, &b, true),
            }
        }
        w
    }

    /// Builds the world and runs it until nothing is left to do.
    pub fn run(&self, seed: Option<u64>) -> World {
        let mut w = self.build(seed);
        w.run_until_idle();
        w
    }
}

/// A recipient of a `send` step: an address, or the bare `postmaster` of
/// RFC 5321 §4.1.1.3 (any case).
pub fn parse_recipient(t: &str) -> Result<Mailbox, crate::address::AddressError> {
    if t.eq_ignore_ascii_case("postmaster") {
        return Ok(Mailbox::new(t, ""));
    }
    Mailbox::parse(t)
}

fn parse_network(s: &str) -> Result<(Ipv4Addr, u8), String> {
    let (ip, len) = s.split_once('/').unwrap_or((s, "32"));
    let ip: Ipv4Addr = ip
        .parse()
        .map_err(|_| format!("{s:?} is not a network like \"192.0.2.0/24\""))?;
    let len: u8 = len
        .parse()
        .ok()
        .filter(|l| *l <= 32)
        .ok_or_else(|| format!("{s:?}: prefix length must be 0-32"))?;
    Ok((ip, len))
}

fn apply(h: &mut HostConfig, s: &HostSpec) {
    if let Some(v) = &s.name {
        h.name = v.clone();
    }
    if let Some(v) = s.ip {
        h.ip = v;
    }
    if let Some(v) = s.smtp {
        h.smtp = v;
    }
    if let Some(v) = s.submission {
        h.submission = v;
    }
    if let Some(v) = s.pop3 {
        h.pop3 = v;
    }
    if let Some(v) = s.imap {
        h.imap = v;
    }
    if let Some(v) = &s.local_domains {
        h.local_domains = v.clone();
    }
    if let Some(v) = &s.relay_domains {
        h.relay_domains = v.clone();
    }
    if let Some(v) = &s.relay_networks {
        h.relay_networks = v.iter().filter_map(|n| parse_network(n).ok()).collect();
    }
    if let Some(v) = &s.smarthost {
        h.smarthost = Some(v.clone());
    }
    if let Some(v) = s.greylist {
        h.greylist = Some(v.0);
    }
    if let Some(v) = s.max_message_size {
        h.max_message_size = Some(v);
    }
    if let Some(v) = s.open_relay {
        h.open_relay = v;
    }
    if let Some(v) = s.pipelining {
        h.pipelining = v;
    }
    if let Some(v) = s.bare_lf {
        h.normalise_bare_lf = v == BareLf::Normalise;
    }
    if let Some(r) = &s.retry {
        h.retry = Some(r.policy());
        h.delay_warning = r.warn_after.map(|d| d.0);
    }
    if let Some(v) = &s.footer {
        h.footer = Some(v.clone());
    }
    if let Some(v) = s.check_senders {
        h.check_senders = v;
    }
    for f in &s.forward {
        h.forwards.push((f.from.to_ascii_lowercase(), f.to.clone()));
    }
    if let Some(d) = &s.dkim {
        if let Some(a) = &d.algorithms {
            h.dkim.algorithms = a.clone();
        }
        if let Some(c) = d.canonicalization {
            h.dkim.canonicalization = c;
        }
    }
    if let Some(v) = &s.spam {
        h.spam = Some(crate::sim::spam::SpamRules {
            keywords: v.keywords.clone(),
            required: v.required.unwrap_or(crate::sim::spam::DEFAULT_REQUIRED),
        });
    }
    for a in &s.accounts {
        h.accounts.push(Account {
            login: a.login.clone(),
            password: a.password.clone(),
            address: a.address.clone(),
        });
    }
}

/// The built-in catalogue, in teaching order: (file name, TOML text).
#[cfg(feature = "toml")]
pub const CATALOGUE: &[(&str, &str)] = &[
    (
        "seed-story.toml",
        include_str!("../scenarios/seed-story.toml"),
    ),
    (
        "unknown-recipient.toml",
        include_str!("../scenarios/unknown-recipient.toml"),
    ),
    (
        "backup-mx.toml",
        include_str!("../scenarios/backup-mx.toml"),
    ),
    (
        "greylisting.toml",
        include_str!("../scenarios/greylisting.toml"),
    ),
    (
        "open-relay.toml",
        include_str!("../scenarios/open-relay.toml"),
    ),
    (
        "spam-filter.toml",
        include_str!("../scenarios/spam-filter.toml"),
    ),
    (
        "pop3-two-devices.toml",
        include_str!("../scenarios/pop3-two-devices.toml"),
    ),
    (
        "too-large.toml",
        include_str!("../scenarios/too-large.toml"),
    ),
    (
        "no-such-domain.toml",
        include_str!("../scenarios/no-such-domain.toml"),
    ),
    (
        "pop3-vs-imap.toml",
        include_str!("../scenarios/pop3-vs-imap.toml"),
    ),
    (
        "imap-folders.toml",
        include_str!("../scenarios/imap-folders.toml"),
    ),
    (
        "pipelining.toml",
        include_str!("../scenarios/pipelining.toml"),
    ),
    (
        "injected-faults.toml",
        include_str!("../scenarios/injected-faults.toml"),
    ),
    ("give-up.toml", include_str!("../scenarios/give-up.toml")),
    ("null-mx.toml", include_str!("../scenarios/null-mx.toml")),
    (
        "mail-loop.toml",
        include_str!("../scenarios/mail-loop.toml"),
    ),
    (
        "lossy-link.toml",
        include_str!("../scenarios/lossy-link.toml"),
    ),
    (
        "smtp-smuggling.toml",
        include_str!("../scenarios/smtp-smuggling.toml"),
    ),
    (
        "smtp-smuggling-vulnerable.toml",
        include_str!("../scenarios/smtp-smuggling-vulnerable.toml"),
    ),
    (
        "forged-from.toml",
        include_str!("../scenarios/forged-from.toml"),
    ),
    (
        "altered-in-transit.toml",
        include_str!("../scenarios/altered-in-transit.toml"),
    ),
    (
        "forwarded.toml",
        include_str!("../scenarios/forwarded.toml"),
    ),
    (
        "strict-alignment.toml",
        include_str!("../scenarios/strict-alignment.toml"),
    ),
];

/// Every built-in scenario, parsed (a broken one is a bug: tests parse them all).
pub fn catalogue() -> Vec<Scenario> {
    // Built from the TOML files at development time (see `catalogue_data`),
    // so the web app carries no TOML parser and parses nothing at start-up.
    let mut all = catalogue_data::scenarios();
    // A lesson about the sender checks only where the build can show it
    // (the page leaves them out for its bundle size, see Cargo.toml): a
    // forged mail delivered without a word would teach the wrong thing.
    all.retain(|s| match NEEDS.iter().find(|(name, _)| *name == s.name) {
        Some((_, need)) => *need,
        None => true,
    });
    all
}

/// Built-in scenarios that need the sender checks, and whether this build
/// has what they need.
const NEEDS: &[(&str, bool)] = &[
    ("forged-from", cfg!(feature = "auth")),
    ("altered-in-transit", cfg!(feature = "dkim")),
    ("forwarded", cfg!(feature = "dkim")),
    ("strict-alignment", cfg!(feature = "dkim")),
];

/// A built-in scenario by name.
pub fn builtin(name: &str) -> Option<Scenario> {
    catalogue().into_iter().find(|s| s.name == name)
}

/// `String::from`, never inlined: the generated catalogue calls it for
/// every text, and one shared call is smaller in the wasm than an inlined
/// allocation and copy at each of them.
#[inline(never)]
fn st(v: &str) -> String {
    v.to_string()
}

/// A list of texts, the same way (see [`st`]).
#[inline(never)]
fn sts(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| st(x)).collect()
}

// Generated code, checked by a test; rustfmt would only make it differ.
#[rustfmt::skip]
mod catalogue_data;

/// Writes scenarios as the Rust code of `catalogue_data.rs`.
#[cfg(all(test, feature = "toml"))]
fn to_rust(scenarios: &[Scenario]) -> String {
    use std::fmt::Write;
    fn s(v: &str) -> String {
        format!("st({v:?})")
    }
    fn opt<T>(v: &Option<T>, f: impl Fn(&T) -> String) -> String {
        v.as_ref()
            .map_or("None".into(), |x| format!("Some({})", f(x)))
    }
    fn strings(v: &[String]) -> String {
        format!(
            "sts(&[{}])",
            v.iter()
                .map(|x| format!("{x:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
    fn delay(d: &Delay) -> String {
        format!("Delay(SimDuration({}))", d.0.as_micros())
    }
    fn retry_spec(r: &RetrySpec) -> String {
        format!(
            "RetrySpec {{ schedule: vec![{}], max_age: {}, warn_after: {} }}",
            r.schedule.iter().map(delay).collect::<Vec<_>>().join(", "),
            delay(&r.max_age),
            opt(&r.warn_after, delay)
        )
    }
    fn dkim_spec(d: &DkimSpec) -> String {
        format!(
            "DkimSpec {{ algorithms: {}, canonicalization: {} }}",
            opt(&d.algorithms, |a| format!(
                "vec![{}]",
                a.iter()
                    .map(|x| format!("DkimAlgorithm::{x:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            opt(&d.canonicalization, |c| format!(
                "DkimCanonicalization::{c:?}"
            ))
        )
    }
    fn ip4(ip: &Ipv4Addr) -> String {
        let [a, b, c, d] = ip.octets();
        format!("Ipv4Addr::new({a}, {b}, {c}, {d})")
    }
    let mut o = String::from(
        "//! The built-in scenarios, generated from `protocol-core/scenarios/*.toml`\n\
         //! by the test `scenario::tests::catalogue_data_matches_the_toml_files`\n\
         //! (`MAILSIM_BLESS=1 cargo test -p protocol-core catalogue_data` rewrites it).\n\
         //! Do not edit: edit the TOML files.\n\n\
         use super::*;\n\n\
         pub(super) fn scenarios() -> Vec<Scenario> {\n    vec![\n",
    );
    for sc in scenarios {
        let _ = writeln!(o, "        Scenario {{");
        let _ = writeln!(o, "            name: {},\n            title: {},\n            goal: {},\n            seed: {},", s(&sc.name), s(&sc.title), s(&sc.goal), sc.seed);
        let _ = writeln!(o, "            hosts: vec![");
        for h in &sc.hosts {
            let ip = opt(&h.ip, ip4);
            let accounts: Vec<String> = h
                .accounts
                .iter()
                .map(|a| {
                    format!(
                        "AccountSpec {{ login: {}, password: {}, address: {} }}",
                        s(&a.login),
                        s(&a.password),
                        s(&a.address)
                    )
                })
                .collect();
            let forward: Vec<String> = h
                .forward
                .iter()
                .map(|f| format!("ForwardSpec {{ from: {}, to: {} }}", s(&f.from), s(&f.to)))
                .collect();
            let spam = opt(&h.spam, |x| {
                format!(
                    "SpamSpec {{ keywords: {}, required: {:?} }}",
                    strings(&x.keywords),
                    x.required
                )
            });
            let _ = writeln!(
                o,
                "                HostSpec {{ id: {}, name: {}, ip: {ip}, smtp: {:?}, submission: {:?}, pop3: {:?}, imap: {:?}, local_domains: {}, relay_domains: {}, relay_networks: {}, smarthost: {}, greylist: {}, max_message_size: {:?}, footer: {}, check_senders: {:?}, accounts: vec![{}], forward: vec![{}], spam: {spam}, open_relay: {:?}, pipelining: {:?}, bare_lf: {}, retry: {}, dkim: {} }},",
                s(&h.id), opt(&h.name, |x| s(x)), h.smtp, h.submission, h.pop3, h.imap,
                opt(&h.local_domains, |x| strings(x)), opt(&h.relay_domains, |x| strings(x)), opt(&h.relay_networks, |x| strings(x)),
                opt(&h.smarthost, |x| s(x)), opt(&h.greylist, delay), h.max_message_size, opt(&h.footer, |x| s(x)), h.check_senders, accounts.join(", "),
                forward.join(", "), h.open_relay, h.pipelining, opt(&h.bare_lf, |b| format!("BareLf::{b:?}")), opt(&h.retry, retry_spec),
                opt(&h.dkim, dkim_spec)
            );
        }
        let _ = writeln!(o, "            ],\n            mx: vec![");
        for m in &sc.mx {
            let _ = writeln!(
                o,
                "                MxSpec {{ domain: {}, preference: {}, host: {} }},",
                s(&m.domain),
                m.preference,
                s(&m.host)
            );
        }
        let retry = opt(&sc.retry, retry_spec);
        let _ = writeln!(
            o,
            "            ],\n            retry: {retry},\n            links: vec!["
        );
        for l in &sc.links {
            let _ = writeln!(
                o,
                "                LinkSpec {{ a: {}, b: {}, latency: {}, loss_percent: Percent({}) }},",
                s(&l.a), s(&l.b), opt(&l.latency, delay), l.loss_percent.0
            );
        }
        let _ = writeln!(o, "            ],\n            dns: vec![");
        for d in &sc.dns {
            let line = match d {
                DnsSpec::A { name, ip } => {
                    format!("DnsSpec::A {{ name: {}, ip: {} }}", s(name), ip4(ip))
                }
                DnsSpec::NoA { name } => format!("DnsSpec::NoA {{ name: {} }}", s(name)),
                DnsSpec::NullMx { domain } => {
                    format!("DnsSpec::NullMx {{ domain: {} }}", s(domain))
                }
                DnsSpec::Nxdomain { domain } => {
                    format!("DnsSpec::Nxdomain {{ domain: {} }}", s(domain))
                }
                DnsSpec::Servfail { name } => {
                    format!("DnsSpec::Servfail {{ name: {} }}", s(name))
                }
                DnsSpec::Txt { name, text } => {
                    format!("DnsSpec::Txt {{ name: {}, text: {} }}", s(name), s(text))
                }
            };
            let _ = writeln!(o, "                {line},");
        }
        let _ = writeln!(o, "            ],\n            faults: vec![");
        for f in &sc.faults {
            let _ = writeln!(
                o,
                "                FaultSpec {{ host: {}, port: {:?}, on: crate::smtp::server::FaultStage::{:?}, reply: {}, drop: {}, times: {:?} }},",
                s(&f.host), f.port, f.on, opt(&f.reply, |x| s(x)), f.drop, f.times
            );
        }
        let _ = writeln!(o, "            ],\n            steps: vec![");
        for st in &sc.steps {
            let line = match st {
                Step::Send { at, from_host, server, port, auth, from, to, subject, body, padding_lines, raw } => format!(
                    "Step::Send {{ at: {}, from_host: {}, server: {}, port: {port}, auth: {}, from: {}, to: {}, subject: {}, body: {}, padding_lines: {padding_lines}, raw: {raw} }}",
                    delay(at), s(from_host), s(server), opt(auth, |(u, p)| format!("({}, {})", s(u), s(p))), s(from), strings(to), s(subject), s(body)
                ),
                Step::Fetch { at, host, server, port, login, password, delete, apop } => format!(
                    "Step::Fetch {{ at: {}, host: {}, server: {}, port: {port}, login: {}, password: {}, delete: {delete}, apop: {apop} }}",
                    delay(at), s(host), s(server), s(login), s(password)
                ),
                Step::Imap { at, host, server, port, login, password, peek, delete, move_to, idle, append } => format!(
                    "Step::Imap {{ at: {}, host: {}, server: {}, port: {port}, login: {}, password: {}, peek: {peek}, delete: {delete}, move_to: {}, idle: {}, append: {} }}",
                    delay(at), s(host), s(server), s(login), s(password), opt(move_to, |x| s(x)), opt(idle, delay),
                    opt(append, |a| format!("AppendSpec {{ folder: {}, from: {}, to: {}, subject: {}, body: {} }}", s(&a.folder), s(&a.from), strings(&a.to), s(&a.subject), s(&a.body)))
                ),
                Step::HostDown { at, host } => format!("Step::HostDown {{ at: {}, host: {} }}", delay(at), s(host)),
                Step::HostUp { at, host } => format!("Step::HostUp {{ at: {}, host: {} }}", delay(at), s(host)),
                Step::LinkDown { at, a, b } => format!("Step::LinkDown {{ at: {}, a: {}, b: {} }}", delay(at), s(a), s(b)),
                Step::LinkUp { at, a, b } => format!("Step::LinkUp {{ at: {}, a: {}, b: {} }}", delay(at), s(a), s(b)),
            };
            let _ = writeln!(o, "                {line},");
        }
        let _ = writeln!(o, "            ],\n        }},");
    }
    o.push_str("    ]\n}\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_delay("15m"), Ok(SimDuration::from_mins(15)));
        assert_eq!(parse_delay("250ms"), Ok(SimDuration::from_millis(250)));
        assert!(parse_delay("soon").is_err());
        assert!(parse_delay("3y").unwrap_err().contains("unknown time unit"));
        assert!(parse_delay("99999999999999d")
            .unwrap_err()
            .contains("too long"));
    }

    #[test]
    fn every_builtin_parses_and_names_are_unique() {
        let c = catalogue();
        let left_out = NEEDS.iter().filter(|(_, has)| !has).count();
        assert_eq!(c.len() + left_out, CATALOGUE.len());
        assert_eq!(CATALOGUE.len(), 23);
        for (name, has) in NEEDS {
            assert_eq!(c.iter().any(|s| s.name == *name), *has, "{name}");
        }
        let mut names: Vec<&str> = c.iter().map(|s| s.name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), c.len());
    }

    #[test]
    fn syntax_errors_name_file_line_and_problem() {
        let src = "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n\n[[step]]\nat = \"soon\"\ndo = \"host_down\"\nhost = \"mx\"\n";
        let e = Scenario::parse(src, "bad.toml").unwrap_err();
        assert_eq!(e.file, "bad.toml");
        assert_eq!(e.line, Some(5), "{e}"); // the [[step]] table that holds the bad value
        assert!(e.message.contains("not a duration"), "{e}");
        let e = Scenario::parse("name = \"x\"\ntitle = 3\n", "b.toml").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    const HEAD: &str = "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n";

    /// Issue 16 item 7: a sender that is not an address used to be sent as
    /// `invalid@invalid`; an unparsable recipient was dropped without a word.
    #[test]
    fn bad_addresses_in_a_send_are_refused_with_their_line() {
        let send = |from: &str, to: &str| {
            format!("{HEAD}\n[[step]]\nat = 0\ndo = \"send\"\nfrom = {from:?}\nto = [\"dave@dave.example\", {to:?}]\n")
        };
        let e =
            Scenario::parse(&send("not an address", "dave@dave.example"), "s.toml").unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        let m = e.to_string();
        assert!(
            m.contains("`from`") && m.contains("\"not an address\""),
            "{m}"
        );
        let e = Scenario::parse(&send("", "dave@dave.example"), "s.toml").unwrap_err();
        assert!(e.to_string().contains("`from`"), "{e}");
        let e = Scenario::parse(&send("john@isp.example", "dave@"), "s.toml").unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        let m = e.to_string();
        assert!(m.contains("`to`") && m.contains("\"dave@\""), "{m}");
        // Good addresses, and the bare postmaster of RFC 5321 §4.1.1.3, pass.
        Scenario::parse(&send("john@isp.example", "Postmaster"), "s.toml").unwrap();
    }

    /// Issue 16 item 7: two hosts cannot share an IP address.
    #[test]
    fn a_host_that_takes_another_hosts_address_is_refused() {
        let src = format!("{HEAD}\n[[host]]\nid = \"mx2\"\nname = \"mx2.dave.example\"\nip = \"198.51.100.26\"\n\n[[host]]\nid = \"evil\"\nname = \"evil.example\"\nip = \"192.0.2.25\"\n");
        let e = Scenario::parse(&src, "s.toml").unwrap_err();
        assert_eq!(e.line, Some(10), "{e}");
        let m = e.to_string();
        assert!(
            m.contains("192.0.2.25") && m.contains("\"isp\"") && m.contains("\"evil\""),
            "{m}"
        );
        // Moving a cast host onto another's address is refused too...
        let src = format!("{HEAD}\n[[host]]\nid = \"mx\"\nip = \"192.0.2.53\"\n");
        let e = Scenario::parse(&src, "s.toml").unwrap_err();
        assert!(e.to_string().contains("\"dns\""), "{e}");
        // ...but keeping one's own address is fine.
        let src = format!("{HEAD}\n[[host]]\nid = \"mx\"\nip = \"198.51.100.25\"\n");
        Scenario::parse(&src, "s.toml").unwrap();
    }

    #[test]
    fn unknown_hosts_in_steps_are_reported_with_their_line() {
        let src = "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n\n[[step]]\nat = 0\ndo = \"host_down\"\nhost = \"mars\"\n";
        let e = Scenario::parse(src, "s.toml").unwrap_err();
        assert_eq!(e.line, Some(5));
        assert!(
            e.to_string()
                .starts_with("s.toml:5: step 1 names host \"mars\""),
            "{e}"
        );
    }

    /// Issue 15: one format both ways. Every built-in scenario written back
    /// as TOML (and as JSON) reads back as an equal scenario, whose run
    /// gives the identical trace.
    #[cfg(feature = "toml")]
    #[test]
    fn every_builtin_round_trips_through_toml_and_json() {
        for (file, src) in CATALOGUE {
            let a = Scenario::parse(src, file).unwrap();
            let text = a.to_toml().unwrap_or_else(|e| panic!("{file}: {e}"));
            let b = Scenario::parse(&text, file)
                .unwrap_or_else(|e| panic!("{file} written back does not parse: {e}\n{text}"));
            assert_eq!(a, b, "{file}: TOML round trip differs\n{text}");
            let json = serde_json::to_string(&a).unwrap();
            let c: Scenario = serde_json::from_str(&json).unwrap();
            assert_eq!(a, c, "{file}: JSON round trip differs\n{json}");
            let (ta, tb) = (a.run(None), b.run(None));
            assert_eq!(ta.trace(), tb.trace(), "{file}: traces differ");
            assert!(!ta.trace().is_empty());
        }
    }

    /// The lab's tables (links, DNS, faults, host switches) survive the
    /// round trip too, with every field set.
    #[cfg(feature = "toml")]
    #[test]
    fn the_lab_tables_round_trip() {
        let src = format!(
            "{HEAD}seed = 3\n\n[retry]\nschedule = [\"10m\"]\nmax_age = \"1d\"\nwarn_after = \"4h\"\n\n[[host]]\nid = \"mx\"\nopen_relay = true\npipelining = false\nbare_lf = \"normalise\"\n[host.retry]\nschedule = [\"5m\", \"1h\"]\nmax_age = \"2d\"\n\n[[link]]\na = \"isp\"\nb = \"mx\"\nlatency = \"40ms\"\nloss_percent = 12.5\n\n[[dns]]\ntype = \"a\"\nname = \"www.dave.example\"\nip = \"198.51.100.80\"\n\n[[dns]]\ntype = \"no_a\"\nname = \"mail.dave.example\"\n\n[[dns]]\ntype = \"null_mx\"\ndomain = \"noreply.example\"\n\n[[dns]]\ntype = \"nxdomain\"\ndomain = \"isp.example\"\n\n[[fault]]\nhost = \"mx\"\nport = 25\non = \"rcpt\"\nreply = \"451 4.3.0 Injected\"\ntimes = 2\n\n[[fault]]\nhost = \"isp\"\non = \"end_of_data\"\ndrop = true\n\n[[step]]\nat = 0\ndo = \"send\"\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\nraw = true\nbody = \"a\\nb\\n\"\n"
        );
        let a = Scenario::parse(&src, "lab.toml").unwrap();
        assert_eq!(a.links[0].loss_percent, Percent(125_000));
        assert_eq!(a.dns.len(), 4);
        assert!(a.faults[1].drop);
        assert_eq!(a.hosts[0].bare_lf, Some(BareLf::Normalise));
        let text = a.to_toml().unwrap();
        assert_eq!(Scenario::parse(&text, "lab.toml").unwrap(), a, "{text}");
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), a);
    }

    /// Issues 18 and 12: a forwarding rule, a spam filter's settings and a
    /// TXT record survive the round trip; the spam threshold defaults to
    /// SpamAssassin's 5; a rule with a bad address is refused.
    #[cfg(feature = "toml")]
    #[test]
    fn forwarding_spam_and_txt_settings_round_trip() {
        let src = format!(
            "{HEAD}\n[[host]]\nid = \"mx\"\ncheck_senders = false\n[host.spam]\nkeywords = [\"win\", \"free money\"]\n\n[[host.forward]]\nfrom = \"Dave@dave.example\"\nto = \"dave@elsewhere.example\"\n\n[[dns]]\ntype = \"txt\"\nname = \"_dmarc.isp.example\"\ntext = \"v=DMARC1; p=none\"\n"
        );
        let a = Scenario::parse(&src, "f.toml").unwrap();
        let text = a.to_toml().unwrap();
        assert_eq!(Scenario::parse(&text, "f.toml").unwrap(), a, "{text}");
        let w = a.build(None);
        let mx = &w.host("mx").unwrap().config;
        assert!(!mx.check_senders);
        assert_eq!(
            mx.forwards,
            [(
                "dave@dave.example".to_string(),
                "dave@elsewhere.example".to_string()
            )]
        );
        let spam = mx.spam.as_ref().unwrap();
        assert_eq!((spam.keywords.len(), spam.required), (2, 5));
        assert_eq!(
            w.zones()
                .query("_dmarc.isp.example", crate::dns::RecordType::TXT),
            crate::dns::Answer::Txt {
                records: vec!["v=DMARC1; p=none".into()]
            },
            "the cast's p=reject is replaced"
        );
        let e = Scenario::parse(
            &format!("{HEAD}\n[[host]]\nid = \"mx\"\n[[host.forward]]\nfrom = \"dave\"\nto = \"x@y.example\"\n"),
            "f.toml",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.contains("forward `from` \"dave\""), "{e}");
    }

    /// Issue 18: `[host.dkim]` survives the TOML and JSON round trips and
    /// reaches the host; a table that cannot sign is refused with its line.
    #[cfg(feature = "toml")]
    #[test]
    fn dkim_settings_round_trip_and_bad_ones_are_refused() {
        let src = format!(
            "{HEAD}\n[[host]]\nid = \"isp\"\n[host.dkim]\nalgorithms = [\"ed25519-sha256\"]\ncanonicalization = \"simple/relaxed\"\n"
        );
        let a = Scenario::parse(&src, "d.toml").unwrap();
        let text = a.to_toml().unwrap();
        assert_eq!(Scenario::parse(&text, "d.toml").unwrap(), a, "{text}");
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            json.contains("\"dkim\":{\"algorithms\":[\"ed25519-sha256\"],\"canonicalization\":\"simple/relaxed\"}"),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), a);
        let w = a.build(None);
        let isp = &w.host("isp").unwrap().config;
        assert_eq!(
            isp.dkim.canonicalization,
            DkimCanonicalization::SimpleRelaxed
        );
        assert_eq!(isp.dkim.algorithms, [DkimAlgorithm::Ed25519Sha256]);
        // Without the table: what the world always did.
        let w = Scenario::parse(HEAD, "d.toml").unwrap().build(None);
        assert_eq!(
            w.host("isp").unwrap().config.dkim,
            crate::sim::DkimSettings::default()
        );
        let bad = |tail: &str| {
            Scenario::parse(&format!("{HEAD}\n[[host]]\n{tail}"), "d.toml").unwrap_err()
        };
        for (tail, want) in [
            ("id = \"isp\"\n[host.dkim]\nalgorithms = []\n", "`algorithms` is empty"),
            (
                "id = \"isp\"\n[host.dkim]\nalgorithms = [\"ed25519-sha256\", \"ed25519-sha256\"]\n",
                "names \"ed25519-sha256\" twice",
            ),
            ("id = \"mx\"\n[host.dkim]\n", "host \"mx\": `dkim`: this host does not DKIM-sign"),
            ("id = \"isp\"\n[host.dkim]\nalgorithms = [\"rsa-sha1\"]\n", "unknown variant `rsa-sha1`"),
            ("id = \"isp\"\n[host.dkim]\ncanonicalization = \"relaxed\"\n", "unknown variant `relaxed`"),
            ("id = \"isp\"\n[host.dkim]\nselector = \"x\"\n", "unknown field `selector`"),
            #[cfg(not(feature = "dkim-rsa"))]
            (
                "id = \"isp\"\n[host.dkim]\nalgorithms = [\"rsa-sha256\"]\n",
                "\"rsa-sha256\" is not built into this MailSim",
            ),
        ] {
            let e = bad(tail);
            assert!(e.message.contains(want), "{tail}: {e}");
            assert!(e.line.is_some(), "{tail}: {e}");
        }
    }

    /// Bad lab tables are refused with their line.
    #[cfg(feature = "toml")]
    #[test]
    fn bad_lab_tables_are_refused_with_their_line() {
        let bad = |tail: &str| Scenario::parse(&format!("{HEAD}\n{tail}"), "s.toml").unwrap_err();
        let e = bad("[[link]]\na = \"isp\"\nb = \"mars\"\n");
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.message.contains("\"mars\""), "{e}");
        let e = bad("[[link]]\na = \"isp\"\nb = \"mx\"\nloss_percent = 120\n");
        assert!(e.message.contains("percentage"), "{e}");
        let e = bad("[[fault]]\nhost = \"mx\"\non = \"rcpt\"\n");
        assert!(e.message.contains("`reply`"), "{e}");
        let e = bad("[[fault]]\nhost = \"mx\"\non = \"rcpt\"\nreply = \"250 OK\"\n");
        assert!(e.message.contains("4xx"), "{e}");
        let e = bad("[[fault]]\nhost = \"mx\"\non = \"greeting\"\nreply = \"451 no\"\n");
        assert!(e.message.contains("421 or 554"), "{e}");
        let e = bad("[[fault]]\nhost = \"mx\"\nport = 587\non = \"rcpt\"\ndrop = true\n");
        assert!(e.message.contains("port 587"), "{e}");
        let e = bad("[[fault]]\nhost = \"dns\"\non = \"rcpt\"\ndrop = true\n");
        assert!(e.message.contains("no SMTP server"), "{e}");
        let e = bad("[[dns]]\ntype = \"cname\"\nname = \"x\"\n");
        assert_eq!(e.line, Some(6), "{e}");
        assert!(e.message.contains("null_mx"), "{e}");
    }

    /// The generated catalogue is exactly what parsing the TOML files gives.
    #[cfg(feature = "toml")]
    #[test]
    fn catalogue_data_matches_the_toml_files() {
        let parsed: Vec<Scenario> = CATALOGUE
            .iter()
            .map(|(file, src)| {
                Scenario::parse(src, &format!("scenarios/{file}"))
                    .unwrap_or_else(|e| panic!("built-in scenario: {e}"))
            })
            .collect();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/scenario/catalogue_data.rs"
        );
        let code = to_rust(&parsed);
        if std::env::var_os("MAILSIM_BLESS").is_some() {
            std::fs::write(path, &code).expect("write catalogue_data.rs");
        }
        assert_eq!(catalogue_data::scenarios(), parsed, "catalogue_data.rs is stale: run MAILSIM_BLESS=1 cargo test -p protocol-core catalogue_data");
        assert_eq!(
            std::fs::read_to_string(path).expect("read catalogue_data.rs"),
            code,
            "catalogue_data.rs is not what the generator writes"
        );
    }
}
