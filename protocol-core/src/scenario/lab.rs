//! The parts of the scenario format that the world editor ("the lab",
//! issue 15) edits besides hosts and steps: links, DNS changes and reply
//! overrides ("chaos"). All are additive: a file without them means what
//! it always meant.
//!
//! ```toml
//! [[link]]                 # both directions of the link between two hosts
//! a = "isp"
//! b = "mx"
//! latency = "40ms"         # one way; default 1 ms in one /24, else 20 ms
//! loss_percent = 20        # segments lost and resent (TCP retransmission)
//!
//! [[dns]]                  # type = a | no_a | null_mx | nxdomain | txt
//! type = "null_mx"
//! domain = "noreply.example"
//!
//! [[fault]]                # an injected fault (shown as such in the trace)
//! host = "mx"
//! on = "rcpt"              # greeting | ehlo | mail | rcpt | data | end_of_data
//! reply = "451 4.3.0 Injected: try again later"   # or drop = true
//! times = 2                # the first 2 times only; omit for always
//! ```

use super::Delay;
use crate::smtp::reply::{EnhancedCode, Reply};
use crate::smtp::server::{FaultStage, Injected};
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

/// A percentage, kept as parts per million so that a scenario stays `Eq`.
/// Written as a number (`20`, `2.5`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Percent(pub u32);

impl TryFrom<f64> for Percent {
    type Error = String;
    fn try_from(p: f64) -> Result<Self, String> {
        if !(0.0..=100.0).contains(&p) {
            return Err(format!("{p} is not a percentage from 0 to 100"));
        }
        Ok(Percent((p * 10_000.0).round() as u32))
    }
}

impl From<Percent> for f64 {
    fn from(p: Percent) -> f64 {
        f64::from(p.0) / 10_000.0
    }
}

impl Percent {
    pub fn ppm(self) -> u32 {
        self.0
    }
}

fn is_zero(p: &Percent) -> bool {
    p.0 == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The latency and loss of the link between hosts `a` and `b`, both ways.
/// A lost segment is sent again after a timeout (TCP retransmission): the
/// student sees loss as delay, and each retransmission as a trace note.
/// Which segments are lost comes from the scenario's seed, so a rerun
/// loses the same ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpec {
    pub a: String,
    pub b: String,
    /// One-way latency; the default of the world when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<Delay>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub loss_percent: Percent,
}

/// A change to the DNS zones of the cast (MX records are `[[mx]]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DnsSpec {
    /// An (extra) A record.
    A { name: String, ip: Ipv4Addr },
    /// Every A record of `name` removed (a mail host without an address).
    NoA { name: String },
    /// `domain MX 0 .`: the domain receives no mail (RFC 7505).
    NullMx { domain: String },
    /// Every record of `domain` removed: the name does not exist (NXDOMAIN).
    Nxdomain { domain: String },
    /// A TXT record of `name` (an SPF rule, a DMARC policy at
    /// `_dmarc.domain`). The scenario's TXT entries for a name replace the
    /// cast's records there; several entries for one name are several
    /// records.
    Txt { name: String, text: String },
    /// The DNS server fails every question about `name` (SERVFAIL, RFC 1035
    /// §4.1.1 RCODE 2): a broken zone. Mail to it waits in the queue, and
    /// its SPF, DKIM key or DMARC policy is a temperror.
    Servfail { name: String },
}

/// A reply override on one server: instead of its normal answer at `on`,
/// the server sends `reply` (or drops the connection, `drop = true`), the
/// first `times` times (every time when omitted). Counted per host, across
/// connections, so "451 on RCPT for the first 2 tries" spans the retries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    pub host: String,
    /// Only on this port (25 or 587); both when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    pub on: FaultStage,
    /// The reply, e.g. `"421 4.3.2 Injected: closing"`: a 4xx or 5xx code,
    /// an optional enhanced code, a text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// Close the connection without answering.
    #[serde(default, skip_serializing_if = "is_false")]
    pub drop: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

/// One reply line written by hand: three digits, an optional enhanced code
/// whose class matches (RFC 3463), a text. (Not `Reply::parse`: that one
/// reads wire replies, and a second copy of it would cost wasm size.)
fn parse_reply(r: &str) -> Option<Reply> {
    let r = r.trim();
    let (code, rest) = r.split_at_checked(3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let code: u16 = code.parse().ok()?;
    let rest = rest.trim_start();
    let (first, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    match EnhancedCode::parse(first) {
        Some(e) if u16::from(e.0) == code / 100 => Some(Reply::new(code, Some(e), tail.trim())),
        _ => Some(Reply::new(code, None, rest)),
    }
}

impl FaultSpec {
    /// What the server does instead, or why the fault is not usable.
    pub fn injected(&self) -> Result<Injected, String> {
        match (&self.reply, self.drop) {
            (Some(_), true) => Err("a fault has a `reply` or `drop = true`, not both".into()),
            (None, false) => Err(
                "a fault needs a `reply` (e.g. \"451 4.3.0 try again later\") or `drop = true`"
                    .into(),
            ),
            (None, true) => Ok(Injected::Drop),
            (Some(r), false) => {
                let reply = parse_reply(r).ok_or_else(|| {
                    format!("`reply` {r:?} is not a reply like \"451 4.3.0 try again later\"")
                })?;
                if !(400..600).contains(&reply.code) {
                    return Err(format!(
                        "`reply` {r:?}: an injected fault answers 4xx (try later) or 5xx (refused)"
                    ));
                }
                if self.on == FaultStage::Greeting && !matches!(reply.code, 421 | 554) {
                    return Err(format!(
                        "`reply` {r:?}: a greeting can only be refused with 421 or 554 (RFC 5321 §3.1, §4.3.2)"
                    ));
                }
                Ok(Injected::Reply(reply))
            }
        }
    }
}
