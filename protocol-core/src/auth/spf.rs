//! SPF: may this IP address send mail for this domain? (RFC 7208)
//!
//! Implements `check_host(<ip>, <domain>, <sender>)` (RFC 7208 §4) as a
//! sans-IO evaluator: the record lookup and selection (§4.4, §4.5: exactly
//! one `v=spf1` TXT record, none -> `none`, several -> `permerror`), the
//! record syntax (§4.6, §12: any syntax error -> `permerror` before anything
//! is evaluated), the mechanisms `all`, `include`, `a`, `mx`, `ip4`, `ip6`,
//! `exists` and `ptr` (§5) with their qualifiers `+ - ~ ?` (§4.6.2), the
//! `redirect` modifier (§6.1; ignored `exp`, unknown modifiers skipped), the
//! limit of 10 terms that query DNS (§4.6.4, `permerror`), at most 10 MX
//! hosts per `mx` (§4.6.4), the limit of 2 void lookups (§4.6.4), DNS
//! timeouts as `temperror` (§2.6.6, §5), the HELO identity for a null
//! reverse-path and `postmaster` for a sender without local part (§2.3,
//! §2.4, §4.3), and macros in domain-specs (§7: letters s l o d i h v with
//! digit and `r` transformers and delimiters; `%% %_ %-`), with the
//! domain-spec syntax of §7.1 (visible ASCII only, a valid top label or a
//! macro at the end, a CIDR length only at the end of a term).
//!
//! Checked against the RFC 7208 test suite (`tests/rfc7208_suite.rs`): 173
//! of its 203 cases agree; the other 30 are the simplifications below (27
//! have an IPv6 client, 3 need PTR answers).
//!
//! Simplifications: the simulated world is IPv4 only, so `ip6` never matches
//! and AAAA is never asked; `ptr` (which §5.5 says not to use) counts as a
//! lookup and never matches, without asking PTR records; the `p` macro
//! expands to `unknown` (allowed by §7.3) and the explanation-only macros
//! `c r t` are refused as syntax errors; `exp=` is parsed but no explanation
//! is fetched (§6.2 is optional for the receiver); void lookups are counted
//! for `a`, `mx` and `exists`.

use super::{Evaluator, Question, Step};
use crate::dns::{normalize, Answer, RecordType};
use std::net::Ipv4Addr;

/// RFC 7208 §2.6 results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpfResult {
    None,
    Neutral,
    Pass,
    Fail,
    SoftFail,
    TempError,
    PermError,
}

impl SpfResult {
    /// The result's name in `Received-SPF` and RFC 8601 (`softfail`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SpfResult::None => "none",
            SpfResult::Neutral => "neutral",
            SpfResult::Pass => "pass",
            SpfResult::Fail => "fail",
            SpfResult::SoftFail => "softfail",
            SpfResult::TempError => "temperror",
            SpfResult::PermError => "permerror",
        }
    }
}

/// A mechanism's qualifier (RFC 7208 §4.6.2); `+` when none is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Pass,
    Fail,
    SoftFail,
    Neutral,
}

impl Qualifier {
    pub fn result(self) -> SpfResult {
        match self {
            Qualifier::Pass => SpfResult::Pass,
            Qualifier::Fail => SpfResult::Fail,
            Qualifier::SoftFail => SpfResult::SoftFail,
            Qualifier::Neutral => SpfResult::Neutral,
        }
    }
}

/// Which identity is checked (RFC 7208 §2.3, §2.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Identity {
    /// The MAIL FROM reverse-path's domain.
    MailFrom,
    /// The HELO/EHLO name (the reverse-path was null, `<>`).
    Helo,
}

/// One mechanism of a record (RFC 7208 §5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mechanism {
    All,
    Include(String),
    A { domain: Option<String>, cidr: u8 },
    Mx { domain: Option<String>, cidr: u8 },
    Ip4 { net: Ipv4Addr, cidr: u8 },
    Ip6(String),
    Exists(String),
    Ptr(Option<String>),
}

impl Mechanism {
    /// The mechanism's name as written (`ip4`, `include`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Mechanism::All => "all",
            Mechanism::Include(_) => "include",
            Mechanism::A { .. } => "a",
            Mechanism::Mx { .. } => "mx",
            Mechanism::Ip4 { .. } => "ip4",
            Mechanism::Ip6(_) => "ip6",
            Mechanism::Exists(_) => "exists",
            Mechanism::Ptr(_) => "ptr",
        }
    }
}

/// A parsed `v=spf1` record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// (qualifier, mechanism, the term as written).
    pub terms: Vec<(Qualifier, Mechanism, String)>,
    pub redirect: Option<String>,
    pub exp: Option<String>,
}

/// Is `txt` an SPF record (RFC 7208 §4.5: `v=spf1` then a space or the end)?
pub fn is_spf_record(txt: &str) -> bool {
    let t = txt.as_bytes();
    t.len() >= 6 && t[..6].eq_ignore_ascii_case(b"v=spf1") && (t.len() == 6 || t[6] == b' ')
}

/// Parses a record (RFC 7208 §4.6, §12). `Err` holds what is wrong.
pub fn parse_record(txt: &str) -> Result<Record, String> {
    if !is_spf_record(txt) {
        return Err("not a v=spf1 record".into());
    }
    let mut rec = Record {
        terms: Vec::new(),
        redirect: None,
        exp: None,
    };
    for term in txt[6..].split(' ').filter(|t| !t.is_empty()) {
        // A modifier is `name=value` where name starts with a letter and has
        // no ':' or '/' before the '=' (RFC 7208 §12 "modifier").
        if let Some(eq) = term.find('=') {
            let name = &term[..eq];
            let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if is_name {
                let value = &term[eq + 1..];
                // Unknown modifiers take any macro-string; redirect and exp
                // take a domain-spec (§6.1, §6.2, §12).
                if name.eq_ignore_ascii_case("redirect") || name.eq_ignore_ascii_case("exp") {
                    check_domain_spec(value).map_err(|e| format!("{term}: {e}"))?;
                } else {
                    check_macro_string(value)?;
                }
                // Unknown modifiers are ignored (§6); redirect and exp at most once.
                let slot = match name.to_ascii_lowercase().as_str() {
                    "redirect" => &mut rec.redirect,
                    "exp" => &mut rec.exp,
                    _ => continue,
                };
                if slot.replace(value.to_string()).is_some() {
                    return Err(format!("two {name}= modifiers"));
                }
                continue;
            }
        }
        let (q, rest) = match term.as_bytes()[0] {
            b'+' => (Qualifier::Pass, &term[1..]),
            b'-' => (Qualifier::Fail, &term[1..]),
            b'~' => (Qualifier::SoftFail, &term[1..]),
            b'?' => (Qualifier::Neutral, &term[1..]),
            _ => (Qualifier::Pass, term),
        };
        let m = parse_mechanism(rest).map_err(|e| format!("{term}: {e}"))?;
        rec.terms.push((q, m, term.to_string()));
    }
    Ok(rec)
}

fn parse_mechanism(t: &str) -> Result<Mechanism, String> {
    let name_end = t.find([':', '/']).unwrap_or(t.len());
    let name = t[..name_end].to_ascii_lowercase();
    let rest = &t[name_end..];
    // `:domain-spec` then an optional CIDR length. A domain-spec may hold
    // any visible character but `%` (RFC 7208 §7.1), '/' and ':' among them,
    // so the CIDR length is only what ends the term (`/24`, `//64`,
    // `/24//64`).
    let (arg, cidr) = match rest.strip_prefix(':') {
        Some(r) => {
            let at = cidr_suffix_start(r);
            (Some(&r[..at]), &r[at..])
        }
        None => (None, rest),
    };
    if let Some(a) = arg {
        if a.is_empty() {
            return Err("empty argument after ':'".into());
        }
    }
    let no_cidr = |m: Mechanism| {
        if cidr.is_empty() {
            Ok(m)
        } else {
            Err("no CIDR length allowed here".to_string())
        }
    };
    let domain = |a: Option<&str>| -> Result<Option<String>, String> {
        if let Some(d) = a {
            check_domain_spec(d)?;
        }
        Ok(a.map(str::to_string))
    };
    match name.as_str() {
        "all" if arg.is_none() => no_cidr(Mechanism::All),
        "include" => match arg {
            Some(d) => no_cidr(Mechanism::Include(domain(Some(d))?.unwrap_or_default())),
            None => Err("include needs a domain".into()),
        },
        "exists" => match arg {
            Some(d) => no_cidr(Mechanism::Exists(domain(Some(d))?.unwrap_or_default())),
            None => Err("exists needs a domain".into()),
        },
        "ptr" => no_cidr(Mechanism::Ptr(domain(arg)?)),
        "a" | "mx" => {
            let cidr = dual_cidr(cidr)?;
            let domain = domain(arg)?;
            Ok(if name == "a" {
                Mechanism::A { domain, cidr }
            } else {
                Mechanism::Mx { domain, cidr }
            })
        }
        "ip4" => {
            let a = arg.ok_or("ip4 needs an address")?;
            let net: Ipv4Addr = a.parse().map_err(|_| format!("bad IPv4 address {a}"))?;
            let cidr = match cidr.strip_prefix('/') {
                None => 32,
                Some(n) => cidr_len(n, 32)?,
            };
            Ok(Mechanism::Ip4 { net, cidr })
        }
        "ip6" => {
            let a = arg.ok_or("ip6 needs an address")?;
            a.parse::<std::net::Ipv6Addr>()
                .map_err(|_| format!("bad IPv6 address {a}"))?;
            if let Some(n) = cidr.strip_prefix('/') {
                cidr_len(n, 128)?;
            }
            Ok(Mechanism::Ip6(a.to_string()))
        }
        _ => Err(format!("unknown mechanism {name}")),
    }
}

/// `/n` for IPv4, optionally `//m` for IPv6 (kept for syntax, not used).
fn dual_cidr(c: &str) -> Result<u8, String> {
    if c.is_empty() {
        return Ok(32);
    }
    if let Some(v6) = c.strip_prefix("//") {
        cidr_len(v6, 128)?;
        return Ok(32);
    }
    let c = c.strip_prefix('/').ok_or("bad CIDR length")?;
    let (v4, v6) = match c.find("//") {
        Some(i) => (&c[..i], Some(&c[i + 2..])),
        None => (c, None),
    };
    if let Some(v6) = v6 {
        cidr_len(v6, 128)?;
    }
    cidr_len(v4, 32)
}

fn cidr_len(n: &str, max: u8) -> Result<u8, String> {
    if n.is_empty() || n.len() > 3 || (n.len() > 1 && n.starts_with('0')) {
        return Err(format!("bad CIDR length /{n}"));
    }
    match n.parse::<u8>() {
        Ok(v) if v <= max => Ok(v),
        _ => Err(format!("bad CIDR length /{n}")),
    }
}

/// Where a trailing dual-cidr-length (`/n`, `//m`, `/n//m`) starts in
/// `r`, or `r.len()` when there is none (RFC 7208 §5.6, §12).
fn cidr_suffix_start(r: &str) -> usize {
    let digits_before = |end: usize| {
        let d = r[..end]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        (d > 0).then(|| end - d)
    };
    let mut end = r.len();
    // `//m`
    if let Some(start) = digits_before(end) {
        if r[..start].ends_with("//") {
            end = start - 2;
        }
    }
    // `/n`
    if let Some(start) = digits_before(end) {
        if r[..start].ends_with('/') && !r[..start].ends_with("//") {
            end = start - 1;
        }
    }
    end
}

/// Checks the macro syntax of a macro-string (RFC 7208 §7.1): macros, and
/// literals that are visible US-ASCII (`%x21-24 / %x26-7E`, so no control
/// character, no NUL and nothing beyond ASCII, §3.1).
fn check_macro_string(s: &str) -> Result<(), String> {
    if let Some(c) = s.chars().find(|c| !('!'..='~').contains(c)) {
        return Err(format!(
            "U+{:04X} is not a visible ASCII character (RFC 7208 §7.1)",
            c as u32
        ));
    }
    expand(s, &MacroVars::default()).map(|_| ())
}

/// Checks a domain-spec (RFC 7208 §7.1): a macro-string that ends in a
/// macro-expand or in `.` toplabel (optionally a final `.`), where a
/// toplabel is letters, digits and inner hyphens, not all digits. So
/// `example.com:8080`, `abc.123`, `example.-com` and `-all` are not
/// domain-specs, and `foo:bar/baz.example.com` is one.
fn check_domain_spec(s: &str) -> Result<(), String> {
    check_macro_string(s)?;
    let t = s.strip_suffix('.').unwrap_or(s);
    let ends_in_macro = t.ends_with('}')
        || ((t.ends_with("%%") || t.ends_with("%_") || t.ends_with("%-"))
            && !t[..t.len() - 2].ends_with('%'));
    if ends_in_macro {
        return Ok(());
    }
    let Some((_, top)) = t.rsplit_once('.') else {
        return Err(format!(
            "{s:?} is not a domain (no \".\" before its last label)"
        ));
    };
    let b = top.as_bytes();
    let ok = !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b.iter().any(u8::is_ascii_alphabetic);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\u{201c}{s}\u{201d} does not end in a valid top label"
        ))
    }
}

/// The values the macros expand to (RFC 7208 §7.3).
#[derive(Default)]
struct MacroVars {
    sender: String,
    local: String,
    sender_domain: String,
    domain: String,
    ip: String,
    helo: String,
}

/// Expands the macros of a macro-string (RFC 7208 §7).
fn expand(s: &str, v: &MacroVars) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('_') => out.push(' '),
            Some('-') => out.push_str("%20"),
            Some('{') => {
                let mut body = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => body.push(c),
                        None => return Err("unterminated macro".into()),
                    }
                }
                out.push_str(&expand_one(&body, v)?);
            }
            _ => return Err("bad '%' in macro-string".into()),
        }
    }
    Ok(out)
}

fn expand_one(body: &str, v: &MacroVars) -> Result<String, String> {
    let mut it = body.chars();
    let letter = it.next().ok_or("empty macro")?;
    let value = match letter.to_ascii_lowercase() {
        's' => v.sender.clone(),
        'l' => v.local.clone(),
        'o' => v.sender_domain.clone(),
        'd' => v.domain.clone(),
        'i' => v.ip.clone(),
        'v' => "in-addr".to_string(),
        'h' => v.helo.clone(),
        'p' => "unknown".to_string(),
        _ => return Err(format!("macro letter {letter} not allowed here")),
    };
    let rest: String = it.collect();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let mut rest = &rest[digits.len()..];
    let reverse = rest.starts_with(['r', 'R']);
    if reverse {
        rest = &rest[1..];
    }
    if !rest.chars().all(|c| ".-+,/_=".contains(c)) {
        return Err(format!("bad macro transformer in %{{{body}}}"));
    }
    let delims: &str = if rest.is_empty() { "." } else { rest };
    let mut parts: Vec<&str> = value.split(|c| delims.contains(c)).collect();
    if reverse {
        parts.reverse();
    }
    if !digits.is_empty() {
        let n: usize = digits.parse().map_err(|_| "bad macro digits")?;
        if n == 0 {
            return Err("macro digits must not be 0".into());
        }
        if parts.len() > n {
            parts = parts.split_off(parts.len() - n);
        }
    }
    Ok(parts.join("."))
}

/// A domain the evaluation may look up: non-empty labels of at most 63
/// octets, at most 253 octets, at least two labels (RFC 7208 §4.3).
fn valid_domain(d: &str) -> bool {
    let d = d.trim_end_matches('.');
    d.len() <= 253 && d.contains('.') && d.split('.').all(|l| !l.is_empty() && l.len() <= 63)
}

/// What happened, for the trace and the narration.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpfEvent {
    /// The check starts (which identity, which domain, which address).
    Check {
        identity: Identity,
        domain: String,
        ip: Ipv4Addr,
    },
    /// The SPF record found at `domain` (`depth` 0 at the start, 1 inside
    /// an include, ...).
    Record {
        domain: String,
        text: String,
        depth: usize,
    },
    /// No SPF record at `domain`.
    NoRecord { domain: String, depth: usize },
    /// One mechanism was tried: did the address match?
    Mechanism {
        domain: String,
        term: String,
        /// `all`, `ip4`, ... (the explanation key is `auth.spf.mech.<name>`).
        name: &'static str,
        matched: bool,
        /// What was compared, in a few words.
        detail: String,
        depth: usize,
    },
    /// No mechanism matched, so the record's `redirect=` takes over.
    Redirect {
        domain: String,
        target: String,
        depth: usize,
    },
    /// The final result.
    Result {
        result: SpfResult,
        reason: Option<String>,
        key: &'static str,
    },
}

impl SpfEvent {
    pub fn explain_key(&self) -> &'static str {
        match self {
            SpfEvent::Check {
                identity: Identity::MailFrom,
                ..
            } => "auth.spf.check.mailfrom",
            SpfEvent::Check {
                identity: Identity::Helo,
                ..
            } => "auth.spf.check.helo",
            SpfEvent::Record { .. } => "auth.spf.record",
            SpfEvent::NoRecord { .. } => "auth.spf.record.none",
            SpfEvent::Mechanism { name, .. } => match *name {
                "all" => "auth.spf.mech.all",
                "include" => "auth.spf.mech.include",
                "a" => "auth.spf.mech.a",
                "mx" => "auth.spf.mech.mx",
                "ip4" => "auth.spf.mech.ip4",
                "ip6" => "auth.spf.mech.ip6",
                "exists" => "auth.spf.mech.exists",
                _ => "auth.spf.mech.ptr",
            },
            SpfEvent::Redirect { .. } => "auth.spf.redirect",
            SpfEvent::Result { key, .. } => key,
        }
    }
}

/// The result of a check, as DMARC and `Authentication-Results` use it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SpfOutcome {
    pub result: SpfResult,
    pub identity: Identity,
    /// The domain checked (MAIL FROM's domain, or the HELO name).
    pub domain: String,
    /// The sender checked (`postmaster@helo` for the HELO identity).
    pub sender: String,
    /// Why, in a few words, when it is not simply the matching mechanism.
    pub reason: Option<String>,
    /// The explanation key of the result (`auth.spf.pass`,
    /// `auth.spf.permerror.lookups`, ...).
    pub key: &'static str,
    /// DNS-querying terms counted against the limit of 10.
    pub lookups: u32,
    pub void_lookups: u32,
}

/// At most 10 terms that query DNS (RFC 7208 §4.6.4).
pub const MAX_LOOKUPS: u32 = 10;
/// At most 2 lookups that find nothing (RFC 7208 §4.6.4).
pub const MAX_VOID_LOOKUPS: u32 = 2;
/// At most 10 MX hosts looked at by one `mx` (RFC 7208 §4.6.4).
pub const MAX_MX_HOSTS: usize = 10;

struct Frame {
    domain: String,
    record: Option<Record>,
    at: usize,
    /// The record came from an `include:` (None or no record -> permerror).
    included: bool,
    /// The record came from a `redirect=` (no record -> permerror).
    via_redirect: bool,
}

enum Wait {
    Nothing,
    Record,
    A {
        cidr: u8,
    },
    Exists,
    Mx {
        cidr: u8,
    },
    MxHost {
        hosts: Vec<String>,
        next: usize,
        cidr: u8,
    },
}

/// The sans-IO `check_host()` evaluator. See the module docs and
/// [`super`] for the driving loop.
pub struct SpfEval {
    ip: Ipv4Addr,
    vars: MacroVars,
    identity: Identity,
    stack: Vec<Frame>,
    wait: Wait,
    question: Option<Question>,
    lookups: u32,
    voids: u32,
    events: Vec<SpfEvent>,
    drained: usize,
    outcome: Option<SpfOutcome>,
}

impl SpfEval {
    /// The check a receiver makes at MAIL FROM (RFC 7208 §2.4): the
    /// reverse-path's domain, or, when the reverse-path is null (`None`),
    /// the HELO name with `postmaster` as local part (§2.3).
    pub fn for_mail_from(ip: Ipv4Addr, reverse_path: Option<&str>, helo: &str) -> Self {
        match reverse_path {
            Some(path) if !path.is_empty() => {
                let (local, domain) = match path.rsplit_once('@') {
                    Some((l, d)) if !l.is_empty() => (l, d),
                    Some((_, d)) => ("postmaster", d),
                    None => ("postmaster", path),
                };
                Self::check_host(ip, domain, &format!("{local}@{domain}"), helo)
            }
            _ => {
                let mut e = Self::check_host(ip, helo, &format!("postmaster@{helo}"), helo);
                e.identity = Identity::Helo;
                if let Some(SpfEvent::Check { identity, .. }) = e.events.first_mut() {
                    *identity = Identity::Helo;
                }
                e
            }
        }
    }

    /// The check of the HELO identity on its own (RFC 7208 §2.3).
    pub fn for_helo(ip: Ipv4Addr, helo: &str) -> Self {
        Self::for_mail_from(ip, None, helo)
    }

    /// `check_host(ip, domain, sender)` (RFC 7208 §4.1).
    pub fn check_host(ip: Ipv4Addr, domain: &str, sender: &str, helo: &str) -> Self {
        let domain = normalize(domain);
        let (local, sender_domain) = sender.rsplit_once('@').unwrap_or(("postmaster", sender));
        let mut e = SpfEval {
            ip,
            vars: MacroVars {
                sender: sender.to_string(),
                local: local.to_string(),
                sender_domain: sender_domain.to_string(),
                domain: domain.clone(),
                ip: ip.to_string(),
                helo: helo.to_string(),
            },
            identity: Identity::MailFrom,
            stack: Vec::new(),
            wait: Wait::Nothing,
            question: None,
            lookups: 0,
            voids: 0,
            events: vec![SpfEvent::Check {
                identity: Identity::MailFrom,
                domain: domain.clone(),
                ip,
            }],
            drained: 0,
            outcome: None,
        };
        if !valid_domain(&domain) {
            e.finish(
                SpfResult::None,
                Some(format!("{domain} is not a domain that can be looked up")),
                "auth.spf.none",
            );
        } else {
            e.stack.push(Frame {
                domain,
                record: None,
                at: 0,
                included: false,
                via_redirect: false,
            });
        }
        e
    }

    /// The next event since the last call, if any.
    pub fn poll_event(&mut self) -> Option<SpfEvent> {
        let e = self.events.get(self.drained).cloned();
        if e.is_some() {
            self.drained += 1;
        }
        e
    }

    /// Everything that happened so far.
    pub fn events(&self) -> &[SpfEvent] {
        &self.events
    }

    pub fn outcome(&self) -> Option<&SpfOutcome> {
        self.outcome.as_ref()
    }

    fn depth(&self) -> usize {
        self.stack.len().saturating_sub(1)
    }

    fn ask(&mut self, name: String, qtype: RecordType, wait: Wait) {
        self.question = Some(Question { name, qtype });
        self.wait = wait;
    }

    fn finish(&mut self, result: SpfResult, reason: Option<String>, key: &'static str) {
        self.stack.clear();
        self.question = None;
        self.wait = Wait::Nothing;
        self.events.push(SpfEvent::Result {
            result,
            reason: reason.clone(),
            key,
        });
        self.outcome = Some(SpfOutcome {
            result,
            identity: self.identity,
            domain: self.vars.domain.clone(),
            sender: self.vars.sender.clone(),
            reason,
            key,
            lookups: self.lookups,
            void_lookups: self.voids,
        });
    }

    fn permerror(&mut self, key: &'static str, reason: String) {
        self.finish(SpfResult::PermError, Some(reason), key);
    }

    /// Counts one DNS-querying term; false (and permerror) past the limit.
    fn count_lookup(&mut self) -> bool {
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS {
            self.permerror(
                "auth.spf.permerror.lookups",
                format!("more than {MAX_LOOKUPS} DNS lookups"),
            );
            return false;
        }
        true
    }

    /// Counts a lookup that found nothing; false (and permerror) past 2.
    fn count_void(&mut self) -> bool {
        self.voids += 1;
        if self.voids > MAX_VOID_LOOKUPS {
            self.permerror(
                "auth.spf.permerror.void",
                format!("more than {MAX_VOID_LOOKUPS} lookups found nothing"),
            );
            return false;
        }
        true
    }

    /// For `a`, `mx` and `exists`: the domain to ask, or `None` when the
    /// expansion is not a domain that can be looked up. That mechanism then
    /// does not match (as the RFC 7208 test suite's `invalid-hello-macro`
    /// and `require-valid-helo` expect: a lookup of a name that cannot exist
    /// finds nothing), where `include` and `redirect` give permerror (§5.2,
    /// §6.1).
    fn lookup_target(&mut self, spec: Option<&str>) -> Option<String> {
        self.expand_target(spec, true)
    }

    /// Expands a domain-spec with the current frame's `%{d}`.
    fn target(&mut self, spec: Option<&str>) -> Option<String> {
        self.expand_target(spec, false)
    }

    fn expand_target(&mut self, spec: Option<&str>, invalid_is_no_match: bool) -> Option<String> {
        let frame_domain = self.stack.last().map(|f| f.domain.clone())?;
        let Some(spec) = spec else {
            return Some(frame_domain);
        };
        self.vars.domain = frame_domain;
        let expanded = expand(spec, &self.vars);
        self.vars.domain = self.stack[0].domain.clone();
        match expanded {
            Ok(d) if valid_domain(&d) => Some(normalize(&d)),
            Ok(d) if invalid_is_no_match => {
                self.mechanism_done(
                    false,
                    format!("{d:?} is not a domain that can be looked up, so no match"),
                );
                None
            }
            Ok(d) => {
                self.permerror(
                    "auth.spf.permerror.syntax",
                    format!("{d:?} is not a valid domain"),
                );
                None
            }
            Err(e) => {
                self.permerror("auth.spf.permerror.syntax", e);
                None
            }
        }
    }

    fn mechanism_done(&mut self, matched: bool, detail: String) {
        let depth = self.depth();
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        let Some(rec) = &frame.record else { return };
        let (q, m, term) = rec.terms[frame.at].clone();
        self.events.push(SpfEvent::Mechanism {
            domain: frame.domain.clone(),
            term,
            name: m.name(),
            matched,
            detail,
            depth,
        });
        if matched {
            self.frame_result(q.result(), None);
        } else {
            frame.at += 1;
        }
    }

    /// The current frame ended with `result`: give it to the include that
    /// asked, or finish.
    fn frame_result(&mut self, result: SpfResult, reason: Option<String>) {
        let frame = self.stack.pop();
        if self.stack.is_empty() {
            let key = match result {
                SpfResult::None => "auth.spf.none",
                SpfResult::Neutral => "auth.spf.neutral",
                SpfResult::Pass => "auth.spf.pass",
                SpfResult::Fail => "auth.spf.fail",
                SpfResult::SoftFail => "auth.spf.softfail",
                // Errors finish at once (`finish`), never through here;
                // these two arms only keep the match whole.
                SpfResult::TempError => "auth.spf.temperror",
                SpfResult::PermError => "auth.spf.permerror.syntax",
            };
            self.finish(result, reason, key);
            return;
        }
        // An include's result (RFC 7208 §5.2 table).
        let domain = frame.map(|f| f.domain).unwrap_or_default();
        match result {
            SpfResult::Pass => self.mechanism_done(true, format!("{domain} gave pass")),
            SpfResult::Fail | SpfResult::SoftFail | SpfResult::Neutral => self.mechanism_done(
                false,
                format!("{domain} gave {}, so no match", result.as_str()),
            ),
            SpfResult::TempError => self.finish(result, reason, "auth.spf.temperror"),
            SpfResult::PermError => self.finish(result, reason, "auth.spf.permerror.syntax"),
            SpfResult::None => self.permerror(
                "auth.spf.permerror.no-record",
                format!("include:{domain} has no SPF record"),
            ),
        }
    }

    /// Runs until a question is needed or the result is known.
    fn advance(&mut self) {
        while self.outcome.is_none() && self.question.is_none() {
            let depth = self.depth();
            let Some(frame) = self.stack.last_mut() else {
                return;
            };
            let Some(rec) = &frame.record else {
                let name = frame.domain.clone();
                self.ask(name, RecordType::TXT, Wait::Record);
                return;
            };
            if frame.at >= rec.terms.len() {
                match rec.redirect.clone() {
                    Some(spec) => {
                        let from = frame.domain.clone();
                        if !self.count_lookup() {
                            return;
                        }
                        let Some(target) = self.target(Some(&spec)) else {
                            return;
                        };
                        self.events.push(SpfEvent::Redirect {
                            domain: from,
                            target: target.clone(),
                            depth,
                        });
                        let f = self.stack.last_mut().expect("a frame");
                        *f = Frame {
                            domain: target,
                            record: None,
                            at: 0,
                            included: f.included,
                            via_redirect: true,
                        };
                    }
                    None => {
                        self.frame_result(SpfResult::Neutral, Some("no mechanism matched".into()))
                    }
                }
                continue;
            }
            let (_, m, _) = rec.terms[frame.at].clone();
            match m {
                Mechanism::All => self.mechanism_done(true, "all always matches".into()),
                Mechanism::Ip4 { net, cidr } => {
                    let matched = in_net(self.ip, net, cidr);
                    let detail = format!(
                        "{} {} {net}/{cidr}",
                        self.ip,
                        if matched { "is in" } else { "is not in" }
                    );
                    self.mechanism_done(matched, detail);
                }
                Mechanism::Ip6(net) => self.mechanism_done(
                    false,
                    format!("{} is an IPv4 address, {net} is IPv6", self.ip),
                ),
                Mechanism::Ptr(_) => {
                    if self.count_lookup() {
                        self.mechanism_done(
                            false,
                            "ptr is deprecated; MailSim does not look up PTR records".into(),
                        );
                    }
                }
                Mechanism::Include(spec) => {
                    if !self.count_lookup() {
                        continue;
                    }
                    let Some(target) = self.target(Some(&spec)) else {
                        continue;
                    };
                    self.stack.push(Frame {
                        domain: target,
                        record: None,
                        at: 0,
                        included: true,
                        via_redirect: false,
                    });
                }
                Mechanism::A { domain, cidr } => {
                    if !self.count_lookup() {
                        continue;
                    }
                    if let Some(t) = self.lookup_target(domain.as_deref()) {
                        self.ask(t, RecordType::A, Wait::A { cidr });
                    }
                }
                Mechanism::Exists(spec) => {
                    if !self.count_lookup() {
                        continue;
                    }
                    if let Some(t) = self.lookup_target(Some(&spec)) {
                        self.ask(t, RecordType::A, Wait::Exists);
                    }
                }
                Mechanism::Mx { domain, cidr } => {
                    if !self.count_lookup() {
                        continue;
                    }
                    if let Some(t) = self.lookup_target(domain.as_deref()) {
                        self.ask(t, RecordType::MX, Wait::Mx { cidr });
                    }
                }
            }
        }
    }

    fn on_answer(&mut self, answer: Option<Answer>) {
        let Some(q) = self.question.take() else {
            return;
        };
        let wait = std::mem::replace(&mut self.wait, Wait::Nothing);
        let Some(answer) = answer else {
            self.finish(
                SpfResult::TempError,
                Some(format!(
                    "no usable DNS answer (none, or SERVFAIL) for {} {}",
                    q.qtype, q.name
                )),
                "auth.spf.temperror",
            );
            return;
        };
        let depth = self.depth();
        match wait {
            Wait::Nothing => {}
            Wait::Record => {
                let records: Vec<String> = match &answer {
                    Answer::Txt { records } => records
                        .iter()
                        .filter(|t| is_spf_record(t))
                        .cloned()
                        .collect(),
                    _ => Vec::new(),
                };
                let frame = self.stack.last_mut().expect("a frame");
                match records.len() {
                    0 => {
                        let (included, redirected) = (frame.included, frame.via_redirect);
                        self.events.push(SpfEvent::NoRecord {
                            domain: q.name.clone(),
                            depth,
                        });
                        if redirected {
                            self.permerror(
                                "auth.spf.permerror.no-record",
                                format!("redirect={} has no SPF record", q.name),
                            );
                        } else if included {
                            self.frame_result(SpfResult::None, None);
                        } else {
                            self.frame_result(
                                SpfResult::None,
                                Some(format!("{} publishes no SPF record", q.name)),
                            );
                        }
                    }
                    1 => {
                        self.events.push(SpfEvent::Record {
                            domain: q.name.clone(),
                            text: records[0].clone(),
                            depth,
                        });
                        match parse_record(&records[0]) {
                            Ok(rec) => frame.record = Some(rec),
                            Err(e) => self.permerror(
                                "auth.spf.permerror.syntax",
                                format!("bad record at {}: {e}", q.name),
                            ),
                        }
                    }
                    n => self.permerror(
                        "auth.spf.permerror.multiple",
                        format!("{} has {n} SPF records", q.name),
                    ),
                }
            }
            Wait::A { cidr } => match answer {
                Answer::A { addrs } => {
                    let hit = addrs.iter().find(|a| in_net(self.ip, **a, cidr));
                    let detail = match hit {
                        Some(a) => format!("{} has address {a}: {} matches", q.name, self.ip),
                        None => format!("{} has {} but not {}", q.name, list(&addrs), self.ip),
                    };
                    self.mechanism_done(hit.is_some(), detail);
                }
                _ => {
                    if self.count_void() {
                        self.mechanism_done(false, format!("{} has no address", q.name));
                    }
                }
            },
            Wait::Exists => match answer {
                Answer::A { .. } => {
                    self.mechanism_done(true, format!("{} exists (has an address)", q.name))
                }
                _ => {
                    if self.count_void() {
                        self.mechanism_done(false, format!("{} has no address", q.name));
                    }
                }
            },
            Wait::Mx { cidr } => match answer {
                Answer::Mx { records } if records.len() > MAX_MX_HOSTS => self.permerror(
                    "auth.spf.permerror.lookups",
                    format!("{} has more than {MAX_MX_HOSTS} MX hosts", q.name),
                ),
                Answer::Mx { records } => {
                    let hosts: Vec<String> = records.into_iter().map(|m| m.exchange).collect();
                    let first = hosts[0].clone();
                    self.ask(
                        first,
                        RecordType::A,
                        Wait::MxHost {
                            hosts,
                            next: 0,
                            cidr,
                        },
                    );
                }
                _ => {
                    if self.count_void() {
                        self.mechanism_done(false, format!("{} has no MX records", q.name));
                    }
                }
            },
            Wait::MxHost { hosts, next, cidr } => {
                let hit = match &answer {
                    Answer::A { addrs } => addrs.iter().any(|a| in_net(self.ip, *a, cidr)),
                    _ => false,
                };
                if hit {
                    self.mechanism_done(true, format!("MX host {} is {}", q.name, self.ip));
                } else if next + 1 < hosts.len() {
                    let name = hosts[next + 1].clone();
                    self.ask(
                        name,
                        RecordType::A,
                        Wait::MxHost {
                            hosts,
                            next: next + 1,
                            cidr,
                        },
                    );
                } else {
                    self.mechanism_done(
                        false,
                        format!("{} is none of the MX hosts {}", self.ip, hosts.join(", ")),
                    );
                }
            }
        }
    }
}

fn list(addrs: &[Ipv4Addr]) -> String {
    let v: Vec<String> = addrs.iter().map(|a| a.to_string()).collect();
    v.join(", ")
}

/// Is `ip` inside `net/cidr`?
pub fn in_net(ip: Ipv4Addr, net: Ipv4Addr, cidr: u8) -> bool {
    if cidr == 0 {
        return true;
    }
    let mask = u32::MAX << (32 - u32::from(cidr.min(32)));
    (u32::from(ip) & mask) == (u32::from(net) & mask)
}

impl Evaluator for SpfEval {
    type Output = SpfOutcome;

    fn poll_step(&mut self) -> Step<SpfOutcome> {
        self.advance();
        if let Some(q) = &self.question {
            return Step::Query(q.clone());
        }
        Step::Done(self.outcome.clone().expect("finished"))
    }

    fn handle_answer(&mut self, answer: Option<Answer>) {
        self.on_answer(answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cidr_length_is_only_what_ends_the_term() {
        for (arg, domain) in [
            ("example.com/24", "example.com"),
            ("example.com//64", "example.com"),
            ("example.com/24//64", "example.com"),
            ("foo:bar/baz.example.com", "foo:bar/baz.example.com"),
            ("x.example/2a", "x.example/2a"),
        ] {
            assert_eq!(&arg[..cidr_suffix_start(arg)], domain, "{arg}");
        }
        assert!(parse_record("v=spf1 a:foo:bar/baz.example.com -all").is_ok());
        for bad in [
            "v=spf1 a:example.com:8080",
            "v=spf1 mx:abc.123",
            "v=spf1 a:example.-com",
            "v=spf1 a:foo.example.com\0",
            "v=spf1 redirect=-all",
            "v=spf1 exp= -all",
            "v=spf1 a:\u{ef}garbage.example.net",
        ] {
            assert!(parse_record(bad).is_err(), "{bad} should be refused");
        }
        assert!(parse_record("v=spf1 exists:%{i}.%{l1r+-}._spf.%{d}").is_ok());
    }

    #[test]
    fn records_parse_and_refuse() {
        let r = parse_record("v=spf1 ip4:192.0.2.0/24 a mx:isp.example/24 ~all redirect=x.example")
            .unwrap();
        assert_eq!(r.terms.len(), 4);
        assert_eq!(r.redirect.as_deref(), Some("x.example"));
        assert_eq!(r.terms[3].0, Qualifier::SoftFail);
        for bad in [
            "v=spf1 ip4:192.0.2.0/33",
            "v=spf1 foo",
            "v=spf1 include",
            "v=spf1 a:",
            "v=spf1 redirect=a.example redirect=b.example",
            "v=spf1 include:%{z}.example",
            "v=spf1 ip4:300.1.1.1",
            "v=spf1 all/24",
        ] {
            assert!(parse_record(bad).is_err(), "{bad}");
        }
        assert!(!is_spf_record("v=spf10 -all"));
        assert!(is_spf_record("V=SPF1"));
    }

    #[test]
    fn macros_expand_as_rfc_7208_section_7_4_shows() {
        let v = MacroVars {
            sender: "strong-bad@email.example.com".into(),
            local: "strong-bad".into(),
            sender_domain: "email.example.com".into(),
            domain: "email.example.com".into(),
            ip: "192.0.2.3".into(),
            helo: "mx.example.org".into(),
        };
        for (m, want) in [
            ("%{s}", "strong-bad@email.example.com"),
            ("%{o}", "email.example.com"),
            ("%{d}", "email.example.com"),
            ("%{d4}", "email.example.com"),
            ("%{d3}", "email.example.com"),
            ("%{d2}", "example.com"),
            ("%{d1}", "com"),
            ("%{dr}", "com.example.email"),
            ("%{d2r}", "example.email"),
            ("%{l}", "strong-bad"),
            ("%{l-}", "strong.bad"),
            ("%{lr}", "strong-bad"),
            ("%{lr-}", "bad.strong"),
            ("%{l1r-}", "strong"),
            (
                "%{ir}.%{v}._spf.%{d2}",
                "3.2.0.192.in-addr._spf.example.com",
            ),
            ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
        ] {
            assert_eq!(expand(m, &v).unwrap(), want, "{m}");
        }
    }

    #[test]
    fn cidr_matching() {
        let ip = Ipv4Addr::new(192, 0, 2, 10);
        assert!(in_net(ip, Ipv4Addr::new(192, 0, 2, 0), 24));
        assert!(!in_net(ip, Ipv4Addr::new(192, 0, 3, 0), 24));
        assert!(in_net(ip, Ipv4Addr::new(10, 0, 0, 0), 0));
        assert!(in_net(ip, ip, 32));
    }
}
