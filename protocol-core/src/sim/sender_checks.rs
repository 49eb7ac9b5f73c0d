//! "Who really sent this?" in the world: the checks a receiving MTA makes at
//! the end of DATA, and the signature a sending MTA puts on its users' mail.
//!
//! * SPF (RFC 7208 §2.4) of the MAIL FROM identity, or of the HELO name
//!   when the reverse-path is null (§2.3);
//! * DKIM (RFC 6376 §6, ed25519-sha256 from RFC 8463) of every signature,
//!   with the `dkim` feature. Without it (the web page, for its bundle size)
//!   there is no cryptography: the report says so plainly and counts DKIM
//!   as `none` (RFC 8601 §2.7.1: no signature that could be checked);
//! * DMARC (RFC 7489 §6.6) for the `From:` domain, from the two results;
//!   the disposition is applied by the caller: `reject` is refused with
//!   `550 5.7.1` (§10.1 and RFC 7372 §3.2), `quarantine` goes to the Junk
//!   folder;
//! * the `Authentication-Results:` field (RFC 8601 §2.2) that records them.
//!
//! Pure: the zones come in as data, and the report lists every DNS question
//! with its answer and every evaluator event in order, for the world to put
//! in its trace. Simplification: the world makes these lookups at the
//! instant the message ends, without the network's latency (a real server
//! waits for each answer before its reply to DATA).

use crate::auth::{self, dmarc, spf, DkimOutcome, Evaluator, Step};
use crate::dns::{Answer, RecordType, Zones};
use crate::smtp::server::Envelope;
use std::net::Ipv4Addr;

/// One line of the report, in the order it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckLog {
    /// A DNS question an evaluator asked; `None`: the DNS server did not
    /// answer (it is down or cut off).
    Dns {
        name: String,
        qtype: RecordType,
        answer: Option<Answer>,
    },
    /// A check's step: `method` is `spf`, `dkim` or `dmarc`.
    Step {
        method: &'static str,
        text: String,
        key: &'static str,
    },
}

/// What the receiver does with the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Deliver,
    /// DMARC `p=quarantine`: accepted, filed as spam.
    Quarantine,
    /// DMARC `p=reject`: refused with this reply text (after `550 5.7.1`).
    Reject(String),
}

/// Everything the checks found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub log: Vec<CheckLog>,
    /// The value of the `Authentication-Results:` field.
    pub header: String,
    pub verdict: Verdict,
}

/// Runs one evaluator to the end: each question answered from `zones`
/// (or not at all when `dns_ok` is false), each event logged as it comes.
fn drive<E: Evaluator>(
    eval: &mut E,
    zones: &Zones,
    dns_ok: bool,
    log: &mut Vec<CheckLog>,
    mut drain: impl FnMut(&mut E, &mut Vec<CheckLog>),
) -> E::Output {
    loop {
        drain(eval, log);
        match eval.poll_step() {
            Step::Done(out) => {
                drain(eval, log);
                return out;
            }
            Step::Query(q) => {
                let answer = dns_ok.then(|| zones.query(&q.name, q.qtype));
                log.push(CheckLog::Dns {
                    name: q.name,
                    qtype: q.qtype,
                    answer: answer.clone(),
                });
                // A SERVFAIL is in the log as it came, and no answer to the
                // evaluator: a temperror (RFC 7208 §2.6.6).
                eval.handle_answer(answer.and_then(Answer::usable));
            }
        }
    }
}

/// Checks a message that arrived with `envelope` (the data as received,
/// without this host's own `Received:`). `authserv_id` is the checking
/// host's name (RFC 8601 §2.5).
pub fn check_message(
    zones: &Zones,
    dns_ok: bool,
    authserv_id: &str,
    envelope: &Envelope,
    data: &[u8],
) -> CheckReport {
    let mut log = Vec::new();
    // ---- SPF
    let reverse = match &envelope.from {
        crate::address::ReversePath::Null => None,
        crate::address::ReversePath::Mailbox(m) => Some(m.to_string()),
    };
    let mut spf_eval =
        spf::SpfEval::for_mail_from(envelope.peer, reverse.as_deref(), &envelope.helo);
    let spf_out = drive(&mut spf_eval, zones, dns_ok, &mut log, |e, log| {
        while let Some(ev) = e.poll_event() {
            log.push(CheckLog::Step {
                method: "spf",
                key: ev.explain_key(),
                text: describe_spf(&ev),
            });
        }
    });
    // ---- DKIM
    let dkim = check_dkim(zones, dns_ok, data, &mut log);
    // ---- DMARC
    let (dmarc_out, verdict) = match dmarc::from_domain(data) {
        Ok(from) => {
            let mut d = dmarc::DmarcEval::new(&from, Some(&spf_out), &dkim, 0);
            let out = drive(&mut d, zones, dns_ok, &mut log, |e, log| {
                while let Some(ev) = e.poll_event() {
                    log.push(CheckLog::Step {
                        method: "dmarc",
                        key: ev.explain_key(),
                        text: describe_dmarc(&ev),
                    });
                }
            });
            let verdict = match out.disposition {
                dmarc::Policy::Reject => Verdict::Reject(format!(
                    "{from} asks receivers to refuse mail that neither SPF nor DKIM proves is from {from} (DMARC p=reject)"
                )),
                dmarc::Policy::Quarantine => Verdict::Quarantine,
                dmarc::Policy::None => Verdict::Deliver,
            };
            (out, verdict)
        }
        Err(why) => {
            log.push(CheckLog::Step {
                method: "dmarc",
                key: "auth.dmarc.none",
                text: format!("DMARC: none ({why})"),
            });
            (
                dmarc::DmarcOutcome {
                    result: dmarc::DmarcResult::None,
                    from_domain: String::new(),
                    policy: None,
                    disposition: dmarc::Policy::None,
                    spf_aligned: false,
                    dkim_aligned: false,
                    key: "auth.dmarc.none",
                },
                Verdict::Deliver,
            )
        }
    };
    let header = auth::authentication_results(authserv_id, &spf_out, &dkim, &dmarc_out);
    CheckReport {
        log,
        header,
        verdict,
    }
}

#[cfg(feature = "dkim")]
fn check_dkim(
    zones: &Zones,
    dns_ok: bool,
    data: &[u8],
    log: &mut Vec<CheckLog>,
) -> Vec<DkimOutcome> {
    let mut v = auth::dkim::DkimVerifier::new(data);
    drive(&mut v, zones, dns_ok, log, |e, log| {
        while let Some(ev) = e.poll_event() {
            log.push(CheckLog::Step {
                method: "dkim",
                key: ev.explain_key(),
                text: describe_dkim(&ev),
            });
        }
    });
    v.results().iter().map(|r| r.outcome.clone()).collect()
}

/// No cryptography in this build: say so, and check nothing.
#[cfg(not(feature = "dkim"))]
fn check_dkim(
    _zones: &Zones,
    _dns_ok: bool,
    data: &[u8],
    log: &mut Vec<CheckLog>,
) -> Vec<DkimOutcome> {
    let signed = crate::mta::header_value(data, "DKIM-Signature").is_some();
    log.push(CheckLog::Step {
        method: "dkim",
        key: "auth.dkim.unavailable",
        text: if signed {
            "DKIM: not checked in this build (the page has no signature code); counted as none".into()
        } else {
            "DKIM: not checked in this build (the page has no signature code); there is no signature anyway".into()
        },
    });
    Vec::new()
}

fn describe_spf(ev: &spf::SpfEvent) -> String {
    use spf::SpfEvent as E;
    match ev {
        E::Check {
            identity: spf::Identity::MailFrom,
            domain,
            ip,
        } => format!("SPF: may {ip} send mail for {domain} (the MAIL FROM domain)?"),
        E::Check { domain, ip, .. } => {
            format!("SPF: no MAIL FROM address, so: may {ip} use the HELO name {domain}?")
        }
        E::Record { domain, text, .. } => format!("SPF record of {domain}: {text}"),
        E::NoRecord { domain, .. } => format!("SPF: {domain} has no SPF record"),
        E::Mechanism {
            term,
            matched,
            detail,
            ..
        } => format!(
            "SPF rule {term}: {} ({detail})",
            if *matched { "matches" } else { "no match" }
        ),
        E::Redirect { target, .. } => format!("SPF: no rule matched; redirect to {target}"),
        E::Result { result, reason, .. } => match reason {
            Some(r) => format!("SPF result: {} ({r})", result.as_str()),
            None => format!("SPF result: {}", result.as_str()),
        },
    }
}

#[cfg(feature = "dkim")]
fn describe_dkim(ev: &auth::dkim::DkimEvent) -> String {
    use auth::dkim::DkimEvent as E;
    match ev {
        E::NoSignature => "DKIM: the message has no DKIM-Signature".into(),
        E::Signature {
            domain,
            selector,
            algorithm,
            canon,
            headers,
        } => format!(
            "DKIM signature by d={domain} (selector {selector}, {algorithm}, {canon}) over the headers {headers}"
        ),
        E::Key { name, text } => format!("DKIM key at {name}: {text}"),
        E::BodyHash {
            computed,
            claimed,
            matched,
            length,
        } => {
            if *matched {
                format!("DKIM body hash of {length} octets: {computed}, the same as bh=")
            } else {
                format!("DKIM body hash of {length} octets: {computed}, but bh= says {claimed}: the body changed")
            }
        }
        E::Headers { canonical } => format!("DKIM: the signed header text is\n{canonical}"),
        E::Result {
            domain,
            result,
            reason,
            ..
        } => match reason {
            Some(r) => format!("DKIM result for {domain}: {result} ({r})"),
            None => format!("DKIM result for {domain}: {result}"),
        },
    }
}

fn describe_dmarc(ev: &dmarc::DmarcEvent) -> String {
    use dmarc::DmarcEvent as E;
    match ev {
        E::Record { name, text } => format!("DMARC policy at {name}: {text}"),
        E::NoRecord { name, why: None } => format!("DMARC: no policy at {name}"),
        E::NoRecord { name, why: Some(w) } => format!("DMARC: no usable policy at {name} ({w})"),
        E::OrgDomain { from, org } => {
            format!("DMARC: {from} has no policy of its own; asking {org}")
        }
        E::Aligned {
            method,
            domain,
            passed,
            aligned,
            mode,
        } => {
            let m = method.to_ascii_uppercase();
            let mode = match mode {
                dmarc::Alignment::Relaxed => "relaxed",
                dmarc::Alignment::Strict => "strict",
            };
            match (passed, aligned) {
                (true, true) => format!("DMARC: {m} passed for {domain}, which fits the From domain ({mode} alignment)"),
                (true, false) => format!("DMARC: {m} passed for {domain}, which does not fit the From domain ({mode} alignment)"),
                _ => format!("DMARC: {m} did not pass for {domain}, so it does not count"),
            }
        }
        E::Result {
            result,
            disposition,
            ..
        } => format!(
            "DMARC result: {} (what the server does: {})",
            result.as_str(),
            match disposition {
                dmarc::Policy::None => "deliver",
                dmarc::Policy::Quarantine => "put it in the Junk folder",
                dmarc::Policy::Reject => "refuse it",
            }
        ),
    }
}

/// Whether `peer` is one of the checking host's own servers: an address
/// of a name under its organisational domain (a backup MX or a spam filter
/// of dave.example passing mail on to mail.dave.example). Such mail was
/// received from the outside by that server; checking SPF again here
/// would test the filter's address, not the sender's (RFC 7208 §2.2: SPF
/// is checked at the border).
pub fn is_own_server(zones: &Zones, self_name: &str, peer: Ipv4Addr) -> bool {
    let org = auth::organizational_domain(self_name);
    zones
        .a_records()
        .any(|(name, ip)| *ip == peer && auth::organizational_domain(name) == org)
}
