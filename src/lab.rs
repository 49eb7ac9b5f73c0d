//! The scenario lab: the world editor's state ("Edit world"), scenario files
//! in and out (TOML, the format `mailsim run` reads), and running a world in
//! slices so that a long run never freezes the page. Plain Rust, tested
//! natively; `components::lab` only renders it.
//!
//! The editor shows every host of the world as it is after the scenario's
//! changes (the cast's hosts and the scenario's own), and writes back only
//! what differs from the cast, so the file it saves stays as short as the
//! built-in ones.

use crate::i18n::{num, t, ta};
use crate::story::Story;
use protocol_core::explain::Arg;
use protocol_core::scenario::{
    parse_delay, AccountSpec, Delay, DnsSpec, FaultSpec, HostSpec, LinkSpec, MxSpec, Percent,
    RetrySpec, Scenario, Step,
};
use protocol_core::sim::cast::{cast, cast_hosts};
use protocol_core::sim::{HostConfig, World};
use protocol_core::smtp::server::FaultStage;
use protocol_core::SimDuration;
use std::net::Ipv4Addr;

mod file;
pub use file::{parse_toml, stage_name, to_toml, STAGES};

/// One host as the editor shows it: its services and, for a server, its
/// policies. Lists are edited as comma-separated text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostEdit {
    pub id: String,
    pub name: String,
    pub ip: String,
    pub smtp: bool,
    pub submission: bool,
    pub pop3: bool,
    pub imap: bool,
    pub local_domains: String,
    pub relay_domains: String,
    /// `192.0.2.0/24, 198.51.100.7`
    pub relay_networks: String,
    pub smarthost: String,
    /// A duration (`5m`), or empty for no greylisting.
    pub greylist: String,
    /// Bytes, or empty for no limit.
    pub max_size: String,
    /// Accounts the scenario adds (the cast's own are in `cast_accounts`).
    pub accounts: Vec<AccountSpec>,
    /// The cast's accounts on this host: shown, not editable (a scenario
    /// file can add accounts, not remove them).
    pub cast_accounts: Vec<AccountSpec>,
    /// A host of the default cast (else the scenario adds it).
    pub in_cast: bool,
    /// The "open relay" switch: anyone may relay through this server
    /// without logging in.
    pub open_relay: bool,
    /// What the editor does not show (PIPELINING, bare LF, the host's
    /// own retry schedule), kept as the scenario had it.
    pub kept: HostSpec,
}

impl HostEdit {
    fn from_config(c: &HostConfig, cast: Option<&HostConfig>, spec: Option<&HostSpec>) -> HostEdit {
        let cast_accounts: Vec<AccountSpec> = cast
            .map(|k| k.accounts.iter().map(account_spec).collect())
            .unwrap_or_default();
        HostEdit {
            id: c.id.clone(),
            name: c.name.clone(),
            ip: c.ip.to_string(),
            smtp: c.smtp,
            submission: c.submission,
            pop3: c.pop3,
            imap: c.imap,
            local_domains: c.local_domains.join(", "),
            relay_domains: c.relay_domains.join(", "),
            relay_networks: c
                .relay_networks
                .iter()
                .map(|(ip, len)| format!("{ip}/{len}"))
                .collect::<Vec<_>>()
                .join(", "),
            smarthost: c.smarthost.clone().unwrap_or_default(),
            greylist: c.greylist.map(delay_text).unwrap_or_default(),
            max_size: c
                .max_message_size
                .map(|n| n.to_string())
                .unwrap_or_default(),
            accounts: c
                .accounts
                .iter()
                .skip(cast_accounts.len())
                .map(account_spec)
                .collect(),
            cast_accounts,
            in_cast: cast.is_some(),
            open_relay: c.open_relay,
            kept: HostSpec {
                pipelining: spec.and_then(|s| s.pipelining),
                bare_lf: spec.and_then(|s| s.bare_lf),
                retry: spec.and_then(|s| s.retry.clone()),
                footer: spec.and_then(|s| s.footer.clone()),
                check_senders: spec.and_then(|s| s.check_senders),
                forward: spec.map(|s| s.forward.clone()).unwrap_or_default(),
                spam: spec.and_then(|s| s.spam.clone()),
                dkim: spec.and_then(|s| s.dkim.clone()),
                ..HostSpec::default()
            },
        }
    }

    /// A server: something listens on a mail port.
    pub fn is_server(&self) -> bool {
        self.smtp || self.submission || self.pop3 || self.imap
    }

    /// "SMTP 25, submission 587, POP3 110, IMAP 143", or "no services".
    pub fn services(&self) -> String {
        let list: Vec<&str> = [
            (self.smtp, "SMTP on port 25"),
            (self.submission, "submission on port 587"),
            (self.pop3, "POP3 on port 110"),
            (self.imap, "IMAP on port 143"),
        ]
        .into_iter()
        .filter_map(|(on, s)| on.then_some(s))
        .collect();
        if list.is_empty() {
            "no mail services (a computer with a mail program)".into()
        } else {
            list.join(", ")
        }
    }

    /// Whether anyone may relay through this server (the "open relay" switch).
    pub fn open_relay(&self) -> bool {
        self.open_relay
    }

    pub fn set_open_relay(&mut self, on: bool) {
        self.open_relay = on;
    }

    /// The scenario's change to this host, or `None` when it is the cast's
    /// host unchanged. `base` is the cast's host (`None` for a new host).
    fn to_spec(&self, base: Option<&HostConfig>) -> Result<Option<HostSpec>, String> {
        let who = if self.name.is_empty() {
            self.id.clone()
        } else {
            self.name.clone()
        };
        let ip: Ipv4Addr = self.ip.trim().parse().map_err(|_| {
            ta(
                "lab-bad-ip",
                &[
                    ("host", Arg::Str(&who)),
                    ("value", Arg::Str(&format!("{:?}", self.ip))),
                ],
            )
        })?;
        let greylist = match self.greylist.trim() {
            "" => None,
            t => Some(parse_delay(t).map_err(|e| {
                ta(
                    "lab-bad-greylist",
                    &[("host", Arg::Str(&who)), ("why", Arg::Str(&e))],
                )
            })?),
        };
        let max_size = match self.max_size.trim() {
            "" => None,
            t => Some(t.parse::<usize>().map_err(|_| {
                ta(
                    "lab-bad-size",
                    &[
                        ("host", Arg::Str(&who)),
                        ("value", Arg::Str(&format!("{t:?}"))),
                    ],
                )
            })?),
        };
        let nets: Vec<String> = split_list(&self.relay_networks).map(String::from).collect();
        let local: Vec<String> = split_list(&self.local_domains).map(String::from).collect();
        let relay: Vec<String> = split_list(&self.relay_domains).map(String::from).collect();
        let smarthost = Some(self.smarthost.trim().to_string()).filter(|s| !s.is_empty());
        let empty = HostConfig::new(&self.id, "", Ipv4Addr::UNSPECIFIED);
        let b = base.unwrap_or(&empty);
        let base_nets: Vec<String> = b
            .relay_networks
            .iter()
            .map(|(ip, len)| format!("{ip}/{len}"))
            .collect();
        // A field is written when it differs from the cast (a new host:
        // from an empty host), so that the file says only what changed.
        let new = base.is_none();
        let spec = HostSpec {
            id: self.id.clone(),
            name: (new || self.name != b.name).then(|| self.name.clone()),
            ip: (new || ip != b.ip).then_some(ip),
            smtp: (self.smtp != b.smtp).then_some(self.smtp),
            submission: (self.submission != b.submission).then_some(self.submission),
            pop3: (self.pop3 != b.pop3).then_some(self.pop3),
            imap: (self.imap != b.imap).then_some(self.imap),
            local_domains: (local != b.local_domains).then_some(local),
            relay_domains: (relay != b.relay_domains).then_some(relay),
            relay_networks: (nets != base_nets).then_some(nets),
            smarthost: (smarthost != b.smarthost)
                .then(|| smarthost.clone())
                .flatten(),
            greylist: (greylist != b.greylist)
                .then_some(greylist)
                .flatten()
                .map(Delay),
            max_message_size: (max_size != b.max_message_size)
                .then_some(max_size)
                .flatten(),
            accounts: self.accounts.clone(),
            open_relay: (self.open_relay != b.open_relay).then_some(self.open_relay),
            ..self.kept.clone()
        };
        // A setting the cast has that the editor cleared cannot be written
        // (the format changes hosts; it cannot unset a value).
        if b.smarthost.is_some() && smarthost.is_none()
            || b.greylist.is_some() && greylist.is_none()
            || b.max_message_size.is_some() && max_size.is_none()
        {
            return Err(ta("lab-cannot-empty", &[("host", Arg::Str(&who))]));
        }
        let unchanged = HostSpec {
            id: self.id.clone(),
            ..HostSpec::default()
        };
        Ok((new || spec != unchanged).then_some(spec))
    }
}

fn account_spec(a: &protocol_core::sim::Account) -> AccountSpec {
    AccountSpec {
        login: a.login.clone(),
        password: a.password.clone(),
        address: a.address.clone(),
    }
}

/// The items of a comma- (or space-) separated list.
fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ' ', ';'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
}

/// A duration as a student writes it: `5m`, `2h`, `90s`, `250ms`.
pub fn delay_text(d: SimDuration) -> String {
    let us = d.as_micros();
    for (unit, per) in [
        ("d", 86_400_000_000u64),
        ("h", 3_600_000_000),
        ("m", 60_000_000),
        ("s", 1_000_000),
    ] {
        if us >= per && us.is_multiple_of(per) {
            return format!("{}{unit}", us / per);
        }
    }
    if us == 0 {
        "0s".into()
    } else {
        format!("{}ms", us / 1000)
    }
}

/// `20`, `2.5` as a [`Percent`] (parts per million), read without float
/// code (which would add several KB to the wasm).
pub fn parse_percent(t: &str) -> Result<Percent, String> {
    let t = t.trim();
    let bad = || ta("lab-bad-percent", &[("value", Arg::Str(&format!("{t:?}")))]);
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) || frac.len() > 4 {
        return Err(bad());
    }
    let whole: u32 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let mut f = frac.to_string();
    while f.len() < 4 {
        f.push('0');
    }
    let part: u32 = f.parse().map_err(|_| bad())?;
    match whole.checked_mul(10_000).and_then(|w| w.checked_add(part)) {
        Some(ppm) if ppm <= 1_000_000 => Ok(Percent(ppm)),
        _ => Err(bad()),
    }
}

/// A [`Percent`] as a file writes it: `20`, `2.5`.
pub fn percent_text(p: Percent) -> String {
    let (w, f) = (p.0 / 10_000, p.0 % 10_000);
    if f == 0 {
        w.to_string()
    } else {
        format!("{w}.{}", format!("{f:04}").trim_end_matches('0'))
    }
}

/// A host or link change at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    HostDown,
    HostUp,
    LinkDown,
    LinkUp,
}

impl ChangeKind {
    pub const ALL: [(ChangeKind, &'static str, &'static str); 4] = [
        (ChangeKind::HostDown, "host_down", "lab-change-host-down"),
        (ChangeKind::HostUp, "host_up", "lab-change-host-up"),
        (ChangeKind::LinkDown, "link_down", "lab-change-link-down"),
        (ChangeKind::LinkUp, "link_up", "lab-change-link-up"),
    ];
    pub fn key(self) -> &'static str {
        ChangeKind::ALL
            .iter()
            .find(|k| k.0 == self)
            .map_or("", |k| k.1)
    }
    pub fn from_key(k: &str) -> ChangeKind {
        ChangeKind::ALL
            .iter()
            .find(|x| x.1 == k)
            .map_or(ChangeKind::HostDown, |x| x.0)
    }
    pub fn is_link(self) -> bool {
        matches!(self, ChangeKind::LinkDown | ChangeKind::LinkUp)
    }
}

/// One timed change: `a` is the host (or one end of the link, `b` the other).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub at: String,
    pub kind: ChangeKind,
    pub a: String,
    pub b: String,
}

/// A step of the scenario: a change the editor shows, or a step it keeps
/// as it is (mail programs sending and fetching), in the scenario's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepEdit {
    Change(Change),
    Kept(Step),
}

/// A row of the DNS table: an MX record. A preference-0 record for `.` is a
/// null MX (RFC 7505: "this domain receives no mail").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MxEdit {
    pub domain: String,
    pub preference: String,
    pub host: String,
}

/// The whole editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldEdit {
    pub name: String,
    pub title: String,
    pub goal: String,
    pub seed: u64,
    pub hosts: Vec<HostEdit>,
    pub mx: Vec<MxEdit>,
    /// Retry intervals, e.g. `15m, 30m, 1h`; empty for the servers' default.
    pub retry_schedule: String,
    pub retry_max_age: String,
    /// The "delayed" DSN time of `[retry]`, kept as the scenario had it.
    pub retry_warn_after: Option<Delay>,
    pub links: Vec<LinkEdit>,
    /// DNS changes beyond the MX table: an extra A record, a host without
    /// one, a null MX, a domain that does not exist.
    pub dns: Vec<DnsEdit>,
    /// Reply overrides ("chaos"): a server answering wrongly on purpose.
    pub faults: Vec<FaultEdit>,
    pub steps: Vec<StepEdit>,
}

/// A row of the "other DNS changes" table, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsEdit {
    /// `a`, `no_a`, `null_mx` or `nxdomain` (the scenario file's `type`).
    pub kind: String,
    /// The name (A, no A) or the domain (null MX, NXDOMAIN).
    pub name: String,
    /// The address of an A record, or the text of a TXT record.
    pub value: String,
}

impl DnsEdit {
    fn from_spec(d: &DnsSpec) -> DnsEdit {
        let (kind, name, value) = match d {
            DnsSpec::A { name, ip } => ("a", name, ip.to_string()),
            DnsSpec::NoA { name } => ("no_a", name, String::new()),
            DnsSpec::NullMx { domain } => ("null_mx", domain, String::new()),
            DnsSpec::Nxdomain { domain } => ("nxdomain", domain, String::new()),
            DnsSpec::Txt { name, text } => ("txt", name, text.clone()),
            DnsSpec::Servfail { name } => ("servfail", name, String::new()),
        };
        DnsEdit {
            kind: kind.into(),
            name: name.clone(),
            value,
        }
    }

    fn to_spec(&self, n: usize) -> Result<DnsSpec, String> {
        let name = self.name.trim().trim_end_matches('.').to_string();
        if name.is_empty() {
            return Err(ta("lab-dns-needs-name", &[("n", num(n))]));
        }
        Ok(match self.kind.as_str() {
            "a" => {
                let ip = self.value.trim().parse::<Ipv4Addr>().map_err(|_| {
                    ta(
                        "lab-dns-bad-ip",
                        &[
                            ("n", num(n)),
                            ("value", Arg::Str(&format!("{:?}", self.value.trim()))),
                        ],
                    )
                })?;
                DnsSpec::A { name, ip }
            }
            // The record's text as the domain's owner wrote it (an SPF list,
            // a DMARC policy); the world's checks read it as they find it.
            "txt" => DnsSpec::Txt {
                name,
                text: self.value.trim().to_string(),
            },
            "no_a" => DnsSpec::NoA { name },
            "null_mx" => DnsSpec::NullMx { domain: name },
            "servfail" => DnsSpec::Servfail { name },
            _ => DnsSpec::Nxdomain { domain: name },
        })
    }
}

/// A reply override, as typed: `reply` empty means "drop the connection".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultEdit {
    pub host: String,
    /// Kept from the file (25 or 587 only); the editor does not show it.
    pub port: Option<u16>,
    pub on: FaultStage,
    pub drop: bool,
    pub reply: String,
    /// How many times; empty for every time.
    pub times: String,
}

impl FaultEdit {
    fn from_spec(f: &FaultSpec) -> FaultEdit {
        FaultEdit {
            host: f.host.clone(),
            port: f.port,
            on: f.on,
            drop: f.drop,
            reply: f.reply.clone().unwrap_or_default(),
            times: f.times.map(|t| t.to_string()).unwrap_or_default(),
        }
    }

    fn to_spec(&self, n: usize) -> Result<FaultSpec, String> {
        let times = match self.times.trim() {
            "" => None,
            t => match t.parse::<u32>() {
                Ok(k) if k > 0 => Some(k),
                _ => {
                    return Err(ta(
                        "lab-fault-bad-times",
                        &[("n", num(n)), ("value", Arg::Str(t))],
                    ))
                }
            },
        };
        let reply = self.reply.trim();
        if !self.drop && reply.is_empty() {
            return Err(ta("lab-fault-needs-reply", &[("n", num(n))]));
        }
        Ok(FaultSpec {
            host: self.host.clone(),
            port: self.port,
            on: self.on,
            reply: (!self.drop).then(|| reply.to_string()),
            drop: self.drop,
            times,
        })
    }
}

/// A link's latency and loss, as the editor shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkEdit {
    pub a: String,
    pub b: String,
    /// One way, e.g. `40ms`; empty for the world's default.
    pub latency: String,
    /// Percent of segments lost (each resent after a timeout), e.g. `20`.
    pub loss: String,
}

/// The cast's MX records, as (domain, preference, host).
fn cast_mx() -> Vec<(String, u16, String)> {
    cast(0)
        .zones()
        .mx_records()
        .map(|(d, m)| (d.to_string(), m.preference, m.exchange.clone()))
        .collect()
}

impl WorldEdit {
    /// The editor for a scenario.
    pub fn from_scenario(s: &Scenario) -> WorldEdit {
        let cast = cast_hosts();
        let world = s.build(None);
        let mut hosts: Vec<HostEdit> = Vec::new();
        // The cast's hosts in cast order, then the scenario's new ones in its order.
        for k in &cast {
            if let Some(h) = world.host(&k.id) {
                let spec = s.hosts.iter().rev().find(|x| x.id == k.id);
                hosts.push(HostEdit::from_config(&h.config, Some(k), spec));
            }
        }
        for spec in &s.hosts {
            if !hosts.iter().any(|h| h.id == spec.id) {
                if let Some(h) = world.host(&spec.id) {
                    hosts.push(HostEdit::from_config(&h.config, None, Some(spec)));
                }
            }
        }
        let mut mx: Vec<MxEdit> = Vec::new();
        let listed = |d: &str| s.mx.iter().any(|m| m.domain == d);
        let mut done: Vec<String> = Vec::new();
        for (domain, pref, host) in cast_mx() {
            if listed(&domain) {
                if !done.contains(&domain) {
                    mx.extend(s.mx.iter().filter(|m| m.domain == domain).map(mx_edit));
                    done.push(domain);
                }
            } else {
                mx.push(MxEdit {
                    domain,
                    preference: pref.to_string(),
                    host,
                });
            }
        }
        for m in &s.mx {
            if !done.contains(&m.domain) && !cast_mx().iter().any(|c| c.0 == m.domain) {
                mx.push(mx_edit(m));
            }
        }
        let (retry_schedule, retry_max_age) = match &s.retry {
            Some(r) => (
                r.schedule
                    .iter()
                    .map(|d| delay_text(d.0))
                    .collect::<Vec<_>>()
                    .join(", "),
                delay_text(r.max_age.0),
            ),
            None => (String::new(), String::new()),
        };
        let steps = s
            .steps
            .iter()
            .map(|st| {
                let change = |kind, at: &Delay, a: &str, b: &str| {
                    StepEdit::Change(Change {
                        at: delay_text(at.0),
                        kind,
                        a: a.into(),
                        b: b.into(),
                    })
                };
                match st {
                    Step::HostDown { at, host } => change(ChangeKind::HostDown, at, host, ""),
                    Step::HostUp { at, host } => change(ChangeKind::HostUp, at, host, ""),
                    Step::LinkDown { at, a, b } => change(ChangeKind::LinkDown, at, a, b),
                    Step::LinkUp { at, a, b } => change(ChangeKind::LinkUp, at, a, b),
                    other => StepEdit::Kept(other.clone()),
                }
            })
            .collect();
        WorldEdit {
            name: s.name.clone(),
            title: s.title.clone(),
            goal: s.goal.clone(),
            seed: s.seed,
            hosts,
            mx,
            retry_schedule,
            retry_max_age,
            retry_warn_after: s.retry.as_ref().and_then(|r| r.warn_after),
            links: s
                .links
                .iter()
                .map(|l| LinkEdit {
                    a: l.a.clone(),
                    b: l.b.clone(),
                    latency: l.latency.map(|d| delay_text(d.0)).unwrap_or_default(),
                    loss: if l.loss_percent.ppm() == 0 {
                        String::new()
                    } else {
                        percent_text(l.loss_percent)
                    },
                })
                .collect(),
            dns: s.dns.iter().map(DnsEdit::from_spec).collect(),
            faults: s.faults.iter().map(FaultEdit::from_spec).collect(),
            steps,
        }
    }

    /// The scenario the editor describes, or what is wrong, in words.
    pub fn to_scenario(&self) -> Result<Scenario, String> {
        let cast = cast_hosts();
        let mut hosts = Vec::new();
        for h in &self.hosts {
            let base = cast.iter().find(|c| c.id == h.id);
            if let Some(spec) = h.to_spec(base)? {
                hosts.push(spec);
            }
        }
        let mut mx = Vec::new();
        let cast_mx = cast_mx();
        let mut domains: Vec<&str> = Vec::new();
        for m in &self.mx {
            let domain = m.domain.trim();
            if domain.is_empty() {
                return Err(t("lab-mx-needs-domain"));
            }
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        for d in &domains {
            let rows: Vec<(String, u16, String)> = self
                .mx
                .iter()
                .filter(|m| m.domain.trim() == *d)
                .map(|m| {
                    let pref = m.preference.trim().parse::<u16>().map_err(|_| {
                        ta(
                            "lab-mx-bad-preference",
                            &[
                                ("value", Arg::Str(&format!("{:?}", m.preference))),
                                ("domain", Arg::Str(d)),
                            ],
                        )
                    })?;
                    let host = m.host.trim();
                    if host.is_empty() {
                        return Err(ta("lab-mx-needs-host", &[("domain", Arg::Str(d))]));
                    }
                    Ok((d.to_string(), pref, host.to_string()))
                })
                .collect::<Result<_, String>>()?;
            let cast_rows: Vec<(String, u16, String)> =
                cast_mx.iter().filter(|c| c.0 == *d).cloned().collect();
            if rows != cast_rows {
                mx.extend(rows.into_iter().map(|(domain, preference, host)| MxSpec {
                    domain,
                    preference,
                    host,
                }));
            }
        }
        for (d, _, _) in &cast_mx {
            if !domains.contains(&d.as_str()) {
                return Err(ta("lab-mx-keep-one", &[("domain", Arg::Str(d))]));
            }
        }
        let retry = match (self.retry_schedule.trim(), self.retry_max_age.trim()) {
            ("", "") => None,
            (sched, age) => {
                let schedule = split_list(sched)
                    .map(|t| parse_delay(t).map(Delay))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| ta("lab-bad-retry", &[("why", Arg::Str(&e))]))?;
                if schedule.is_empty() {
                    return Err(t("lab-retry-empty"));
                }
                let max_age = parse_delay(if age.is_empty() { "4d" } else { age })
                    .map(Delay)
                    .map_err(|e| ta("lab-bad-give-up", &[("why", Arg::Str(&e))]))?;
                Some(RetrySpec {
                    schedule,
                    max_age,
                    warn_after: self.retry_warn_after,
                })
            }
        };
        let ids: Vec<&str> = self.hosts.iter().map(|h| h.id.as_str()).collect();
        let steps = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, st)| match st {
                StepEdit::Kept(s) => Ok(s.clone()),
                StepEdit::Change(c) => {
                    // Numbered as the editor's table numbers them (changes
                    // only, not the mail program steps kept around them).
                    let i = self.steps[..i]
                        .iter()
                        .filter(|s| matches!(s, StepEdit::Change(_)))
                        .count();
                    let at = Delay(parse_delay(&c.at).map_err(|e| {
                        ta(
                            "lab-change-bad-time",
                            &[("n", num(i + 1)), ("why", Arg::Str(&e))],
                        )
                    })?);
                    for h in [&c.a].into_iter().chain(c.kind.is_link().then_some(&c.b)) {
                        if !ids.contains(&h.as_str()) {
                            return Err(ta("lab-change-needs-host", &[("n", num(i + 1))]));
                        }
                    }
                    let (a, b) = (c.a.clone(), c.b.clone());
                    Ok(match c.kind {
                        ChangeKind::HostDown => Step::HostDown { at, host: a },
                        ChangeKind::HostUp => Step::HostUp { at, host: a },
                        ChangeKind::LinkDown => Step::LinkDown { at, a, b },
                        ChangeKind::LinkUp => Step::LinkUp { at, a, b },
                    })
                }
            })
            .collect::<Result<Vec<_>, String>>()?;
        let links = self
            .links
            .iter()
            .map(|l| {
                let latency = match l.latency.trim() {
                    "" => None,
                    t => Some(Delay(parse_delay(t).map_err(|e| {
                        ta(
                            "lab-link-bad-latency",
                            &[
                                ("a", Arg::Str(&l.a)),
                                ("b", Arg::Str(&l.b)),
                                ("why", Arg::Str(&e)),
                            ],
                        )
                    })?)),
                };
                let loss = match l.loss.trim() {
                    "" => Percent::default(),
                    t => parse_percent(t).map_err(|e| {
                        ta(
                            "lab-link-bad-loss",
                            &[
                                ("a", Arg::Str(&l.a)),
                                ("b", Arg::Str(&l.b)),
                                ("why", Arg::Str(&e)),
                            ],
                        )
                    })?,
                };
                if !ids.contains(&l.a.as_str()) || !ids.contains(&l.b.as_str()) {
                    return Err(t("lab-links-need-hosts"));
                }
                Ok(LinkSpec {
                    a: l.a.clone(),
                    b: l.b.clone(),
                    latency,
                    loss_percent: loss,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let s = Scenario {
            name: self.name.clone(),
            title: self.title.clone(),
            goal: self.goal.clone(),
            seed: self.seed,
            hosts,
            mx,
            retry,
            links,
            dns: self
                .dns
                .iter()
                .enumerate()
                .map(|(k, d)| d.to_spec(k + 1))
                .collect::<Result<_, _>>()?,
            faults: self
                .faults
                .iter()
                .enumerate()
                .map(|(k, f)| f.to_spec(k + 1))
                .collect::<Result<_, _>>()?,
            steps,
        };
        s.validate("", "the edited world").map_err(|e| e.message)?;
        Ok(s)
    }

    /// Adds a change (now: at 0 s) for host `a`.
    pub fn add_change(&mut self, kind: ChangeKind, at: &str, a: &str, b: &str) {
        self.steps.push(StepEdit::Change(Change {
            at: at.into(),
            kind,
            a: a.into(),
            b: b.into(),
        }));
    }

    /// The hosts' names by id, for the editor's pickers.
    pub fn host_choices(&self) -> Vec<(String, String)> {
        self.hosts
            .iter()
            .map(|h| (h.id.clone(), h.name.clone()))
            .collect()
    }
}

fn mx_edit(m: &MxSpec) -> MxEdit {
    MxEdit {
        domain: m.domain.clone(),
        preference: m.preference.to_string(),
        host: m.host.clone(),
    }
}

/// A world being run a slice at a time: the page runs a slice, lets the
/// browser draw and handle input, and runs the next.
pub struct Run {
    world: World,
    name: String,
    title: String,
    goal: String,
    /// Actions performed so far (for the progress line).
    pub done: usize,
}

/// Actions per call of [`Run::slice`], between two looks at the clock: in
/// the release wasm 200 actions took 15-41 ms (measured in Chromium on a
/// busy 2-core machine), so 16 take about 1-3 ms, and a slice of the page's
/// 12 ms budget overruns it by that much at most.
pub const SLICE: usize = 16;

impl Run {
    pub fn new(s: &Scenario) -> Run {
        Run {
            world: s.build(None),
            name: s.name.clone(),
            title: s.title.clone(),
            goal: s.goal.clone(),
            done: 0,
        }
    }
    /// Runs up to `max` actions; `true` when the world is idle.
    pub fn slice(&mut self, max: usize) -> bool {
        self.done += max;
        self.world.run_until_idle_for(max)
    }
    /// Events in the trace so far.
    pub fn events(&self) -> usize {
        self.world.trace().len()
    }
    pub fn finish(self) -> Story {
        Story::from_world(&self.name, &self.title, &self.goal, &self.world)
    }
}

/// The bulk world for performance checks: the seed story's message sent
/// (and fetched) every five minutes, as many times as it takes for a trace
/// of about `min_events` events (at most 10,000 messages).
pub fn bench_scenario(min_events: usize) -> Scenario {
    let with = |n: usize| {
        let mut s = protocol_core::scenario::builtin("seed-story").expect("the seed story");
        let base = std::mem::take(&mut s.steps);
        for k in 0..n {
            for st in &base {
                let mut st = st.clone();
                if let Step::Send { at, .. } | Step::Fetch { at, .. } = &mut st {
                    at.0 = SimDuration(at.0.as_micros() + k as u64 * 300_000_000);
                }
                s.steps.push(st);
            }
        }
        s.name = "bench".into();
        s.title = format!("{n} messages, one after another");
        s.goal = "A long world, to check that the page stays quick.".into();
        s
    };
    let one = with(1).run(None).trace().len().max(1);
    with(min_events.div_ceil(one).clamp(1, 10_000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol_core::scenario::{builtin, catalogue};

    #[test]
    fn every_builtin_round_trips_through_the_editor() {
        for s in catalogue() {
            let e = WorldEdit::from_scenario(&s);
            let mut back = e
                .to_scenario()
                .unwrap_or_else(|m| panic!("{}: {m}", s.name));
            // The editor writes hosts in the cast's order; the world is the same.
            let mut s = s.clone();
            s.hosts.sort_by(|a, b| a.id.cmp(&b.id));
            back.hosts.sort_by(|a, b| a.id.cmp(&b.id));
            assert_eq!(back, s, "{}", s.name);
        }
    }

    #[test]
    fn the_editor_shows_the_world_after_the_scenarios_changes() {
        let e = WorldEdit::from_scenario(&builtin("backup-mx").unwrap());
        let mx2 = e
            .hosts
            .iter()
            .find(|h| h.id == "mx2")
            .expect("mx2 is listed");
        assert!(!mx2.in_cast && mx2.smtp && mx2.relay_domains == "dave.example");
        let mx = e.hosts.iter().find(|h| h.id == "mx").unwrap();
        assert_eq!(
            mx.services(),
            "SMTP on port 25, POP3 on port 110, IMAP on port 143"
        );
        assert_eq!(mx.cast_accounts.len(), 1);
        let isp = e.hosts.iter().find(|h| h.id == "isp").unwrap();
        assert_eq!(isp.relay_networks, "192.0.2.0/24");
        let dave_mx: Vec<(&str, &str)> =
            e.mx.iter()
                .filter(|m| m.domain == "dave.example")
                .map(|m| (m.preference.as_str(), m.host.as_str()))
                .collect();
        assert_eq!(
            dave_mx,
            [("10", "mail.dave.example"), ("20", "mx2.dave.example")]
        );
        let grey = WorldEdit::from_scenario(&builtin("greylisting").unwrap());
        assert_eq!(
            grey.hosts.iter().find(|h| h.id == "mx").unwrap().greylist,
            "5m"
        );
    }

    #[test]
    fn edits_become_the_scenarios_changes() {
        let mut e = WorldEdit::from_scenario(&builtin("seed-story").unwrap());
        e.add_change(ChangeKind::HostDown, "0s", "mx", "");
        e.add_change(ChangeKind::HostUp, "20m", "mx", "");
        let mx = e.hosts.iter_mut().find(|h| h.id == "mx").unwrap();
        mx.greylist = "2m".into();
        mx.max_size = "5000".into();
        mx.set_open_relay(true);
        assert!(mx.open_relay());
        mx.accounts.push(AccountSpec {
            login: "eve".into(),
            password: "eve-pass".into(),
            address: "eve@dave.example".into(),
        });
        e.retry_schedule = "5m, 10m".into();
        e.retry_max_age = "1h".into();
        let s = e.to_scenario().unwrap();
        assert_eq!(s.hosts.len(), 1, "only mx changed: {:?}", s.hosts);
        let h = &s.hosts[0];
        assert_eq!(h.greylist, Some(Delay(SimDuration::from_mins(2))));
        assert_eq!(h.max_message_size, Some(5000));
        assert_eq!(h.open_relay, Some(true));
        assert_eq!(h.relay_networks, None);
        assert_eq!(h.accounts.len(), 1);
        assert_eq!(h.name, None, "unchanged fields are not written");
        assert_eq!(
            s.retry.as_ref().map(|r| r.schedule.len()),
            Some(2),
            "{:?}",
            s.retry
        );
        assert!(matches!(s.steps[2], Step::HostDown { ref host, .. } if host == "mx"));
        // And back: the editor reads what it wrote.
        let again = WorldEdit::from_scenario(&s);
        assert_eq!(again.to_scenario().unwrap(), s);
        let mx = again.hosts.iter().find(|h| h.id == "mx").unwrap();
        assert!(mx.open_relay());
    }

    #[test]
    fn mail_waits_in_the_isp_queue_while_daves_server_is_down() {
        let mut e = WorldEdit::from_scenario(&builtin("seed-story").unwrap());
        e.add_change(ChangeKind::HostDown, "0s", "mx", "");
        e.add_change(ChangeKind::HostUp, "20m", "mx", "");
        let w = e.to_scenario().unwrap().run(None);
        use protocol_core::sim::EventKind;
        let up = w
            .trace()
            .iter()
            .position(
                |ev| matches!(&ev.kind, EventKind::HostState { host, up: true } if host == "mx"),
            )
            .expect("mx comes back up");
        let delivered = w
            .trace()
            .iter()
            .position(|ev| matches!(ev.kind, EventKind::Delivered { .. }) && ev.from == "mx")
            .expect("delivered in the end");
        assert!(delivered > up, "delivered only after mx is back up");
        assert!(w.trace()[..up]
            .iter()
            .any(|ev| matches!(ev.kind, EventKind::Queued { .. }) && ev.from == "isp"));
    }

    fn fault(reply: &str, times: &str) -> FaultEdit {
        FaultEdit {
            host: "mx".into(),
            port: None,
            on: FaultStage::Rcpt,
            drop: false,
            reply: reply.into(),
            times: times.into(),
        }
    }

    fn dns(kind: &str, name: &str, value: &str) -> DnsEdit {
        DnsEdit {
            kind: kind.into(),
            name: name.into(),
            value: value.into(),
        }
    }

    #[test]
    fn faults_and_dns_changes_typed_in_the_editor_run() {
        use protocol_core::sim::EventKind;
        // A 451 on RCPT for the first try, and Dave's MX host without an
        // address: both reach the world, the fault narrated as injected.
        let mut e = WorldEdit::from_scenario(&builtin("seed-story").unwrap());
        e.faults
            .push(fault("451 4.3.0 Injected: try again later", "1"));
        let s = e.to_scenario().unwrap();
        assert_eq!(s.faults[0].times, Some(1));
        assert_eq!(
            s.faults[0].reply.as_deref(),
            Some("451 4.3.0 Injected: try again later")
        );
        let w = s.run(None);
        assert!(w.trace().iter().any(|ev| ev.explain.as_deref() == Some("fault.injected")
            && matches!(&ev.kind, EventKind::Line { text, .. } if text.starts_with("451 4.3.0 Injected"))));
        let mut e = WorldEdit::from_scenario(&builtin("seed-story").unwrap());
        e.dns.push(dns("no_a", "mail.dave.example", ""));
        let s = e.to_scenario().unwrap();
        assert_eq!(
            s.dns,
            [DnsSpec::NoA {
                name: "mail.dave.example".into()
            }]
        );
        let w = s.run(None);
        assert!(w
            .trace()
            .iter()
            .any(|ev| matches!(ev.kind, EventKind::Bounced { .. })
                || matches!(ev.kind, EventKind::RetryScheduled { .. })));
    }

    #[test]
    fn bad_input_is_refused_in_words() {
        let base = WorldEdit::from_scenario(&builtin("seed-story").unwrap());
        let cases: &[(&dyn Fn(&mut WorldEdit), &str)] = &[
            (
                &|e| e.hosts[3].greylist = "soon".into(),
                "greylisting delay",
            ),
            (&|e| e.hosts[3].max_size = "big".into(), "size limit"),
            (&|e| e.hosts[3].ip = "1.2.3".into(), "not an IPv4 address"),
            (&|e| e.mx[0].preference = "-1".into(), "preference"),
            (&|e| e.mx[0].host = " ".into(), "mail server name"),
            (
                &|e| e.mx.retain(|m| m.domain != "dave.example"),
                "dave.example needs at least one MX",
            ),
            (&|e| e.retry_schedule = "often".into(), "Retry schedule"),
            (
                &|e| e.add_change(ChangeKind::HostDown, "later", "mx", ""),
                "the time",
            ),
            (
                &|e| e.add_change(ChangeKind::LinkDown, "1m", "mx", ""),
                "choose a host",
            ),
            (&|e| e.hosts[3].greylist.clear(), ""),
            (&|e| e.faults.push(fault("451 4.3.0 Try later", "2")), ""),
            (
                &|e| e.faults.push(fault("451 4.3.0 Try later", "twice")),
                "not a number of times",
            ),
            (&|e| e.faults.push(fault("", "")), "write the reply"),
            (
                &|e| e.faults.push(fault("250 fine", "")),
                // The core's own check: an override must be an error reply.
                "answers 4xx (try later) or 5xx",
            ),
            (
                &|e| {
                    let mut f = fault("", "1");
                    f.drop = true;
                    e.faults.push(f)
                },
                "",
            ),
            (
                &|e| e.dns.push(dns("a", "www.dave.example", "198.51.100.40")),
                "",
            ),
            (
                &|e| e.dns.push(dns("a", "www.dave.example", "near mail")),
                "not an IPv4 address",
            ),
            (&|e| e.dns.push(dns("nxdomain", " ", "")), "needs a name"),
        ];
        for (edit, want) in cases {
            let mut e = base.clone();
            edit(&mut e);
            match e.to_scenario() {
                Err(m) => assert!(!want.is_empty() && m.contains(want), "{m:?} lacks {want:?}"),
                Ok(_) => assert!(want.is_empty(), "accepted, but should say {want:?}"),
            }
        }
    }

    /// The editor's own messages come in the language shown; the scenario
    /// reader's reason inside one stays in English (it is the CLI's too).
    #[test]
    fn bad_input_is_refused_in_the_language_shown() {
        use protocol_core::i18n::Lang;
        let base = WorldEdit::from_scenario(&builtin("seed-story").unwrap());
        let cases: [(&dyn Fn(&mut WorldEdit), Lang, &str); 6] = [
            (
                &|e| e.hosts[3].ip = "1.2.3".into(),
                Lang::Nl,
                "het adres \"1.2.3\" is geen IPv4-adres zoals 192.0.2.25",
            ),
            (
                &|e| e.add_change(ChangeKind::LinkDown, "1m", "mx", ""),
                Lang::Nl,
                "Wijziging 1: kies een host",
            ),
            (
                &|e| {
                    e.links.push(LinkEdit {
                        a: "isp".into(),
                        b: "mx".into(),
                        latency: "40ms".into(),
                        loss: "120".into(),
                    })
                },
                Lang::Nl,
                "Verbinding isp – mx: het verlies: \"120\" is geen percentage van 0 tot 100",
            ),
            (
                &|e| e.hosts[3].ip = "1.2.3".into(),
                Lang::ZhCn,
                "地址 \"1.2.3\" 不是 IPv4 地址（应类似 192.0.2.25）",
            ),
            (
                &|e| e.retry_schedule = "often".into(),
                Lang::ZhCn,
                "重试计划：",
            ),
            (
                &|e| e.mx[0].host = " ".into(),
                Lang::ZhCn,
                "的 MX 记录需要一个邮件服务器的名称（空 MX 写 \".\"）",
            ),
        ];
        for (edit, lang, want) in cases {
            crate::i18n::use_locale_files(lang);
            let mut e = base.clone();
            edit(&mut e);
            let m = e.to_scenario().unwrap_err();
            crate::i18n::use_locale_files(Lang::En);
            assert!(m.contains(want), "{m:?} lacks {want:?}");
        }
        let (nl, zh) = (Lang::Nl, Lang::ZhCn);
        for (lang, kind, stage) in [
            (nl, "verbinding valt uit", "na RCPT TO"),
            (zh, "链路断开", "在 RCPT TO 之后"),
        ] {
            crate::i18n::use_locale_files(lang);
            let got = (
                crate::i18n::t(ChangeKind::ALL[2].2),
                crate::i18n::t("lab-stage-rcpt"),
            );
            crate::i18n::use_locale_files(Lang::En);
            assert_eq!(got, (kind.to_string(), stage.to_string()));
        }
    }

    #[test]
    fn percentages_read_and_write_as_the_clis_parser_does() {
        for (t, ppm, back) in [
            ("20", 200_000, "20"),
            ("2.5", 25_000, "2.5"),
            ("0.0001", 1, "0.0001"),
            ("100", 1_000_000, "100"),
            ("30.50", 305_000, "30.5"),
        ] {
            let p = parse_percent(t).unwrap();
            assert_eq!(p, Percent(ppm), "{t}");
            assert_eq!(
                p,
                Percent::try_from(t.parse::<f64>().unwrap()).unwrap(),
                "{t}"
            );
            assert_eq!(percent_text(p), back);
        }
        for t in ["", ".", "101", "-1", "1e2", "2.00001", "x"] {
            assert!(parse_percent(t).is_err(), "{t:?}");
        }
    }

    #[test]
    fn durations_are_written_in_the_largest_exact_unit() {
        for (us, t) in [
            (0, "0s"),
            (300_000_000, "5m"),
            (90_000_000, "90s"),
            (250_000, "250ms"),
            (86_400_000_000, "1d"),
        ] {
            assert_eq!(delay_text(SimDuration(us)), t);
            assert_eq!(parse_delay(t).unwrap(), SimDuration(us));
        }
    }

    /// One format: what the page writes, the CLI's parser (the `toml` crate)
    /// reads as the same scenario, and the page reads every built-in file as
    /// the CLI does.
    #[test]
    fn toml_round_trips_both_ways_with_the_clis_parser() {
        for (file, src) in protocol_core::scenario::CATALOGUE {
            let cli = Scenario::parse(src, file).unwrap();
            let page = parse_toml(src, file).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(page, cli, "{file}");
            let written = to_toml(&page);
            let back = Scenario::parse(&written, file).unwrap_or_else(|e| panic!("{e}\n{written}"));
            assert_eq!(back, cli, "{file}:\n{written}");
            assert_eq!(parse_toml(&written, file).unwrap(), cli);
        }
    }

    #[test]
    fn a_bad_file_is_refused_with_its_name_and_line() {
        let e = parse_toml("name = \"x\"\ntitle = 3\n", "mine.toml").unwrap_err();
        // A field of the wrong type: the file, the table's line, the field.
        assert!(e.starts_with("mine.toml:1: `title`"), "{e}");
        let e = parse_toml(
            "name = \"x\"\ntitle = \"t\"\ngoal = \"g\"\n\n[[step]]\nat = 0\ndo = \"host_down\"\nhost = \"mars\"\n",
            "mine.toml",
        )
        .unwrap_err();
        assert!(
            e.starts_with("mine.toml:5: step 1 names host \"mars\""),
            "{e}"
        );
    }

    #[test]
    fn the_bench_world_has_about_the_events_asked_for() {
        let n = bench_scenario(1000).run(None).trace().len();
        assert!((1000..1200).contains(&n), "{n}");
    }

    #[test]
    fn a_sliced_run_gives_the_same_story() {
        let s = builtin("backup-mx").unwrap();
        let whole = Story::from_scenario(&s);
        let mut r = Run::new(&s);
        let mut slices = 0;
        while !r.slice(5) {
            slices += 1;
        }
        assert!(slices > 5);
        let sliced = r.finish();
        assert_eq!(sliced.trace, whole.trace);
        assert_eq!(sliced.hosts, whole.hosts);
    }
}
