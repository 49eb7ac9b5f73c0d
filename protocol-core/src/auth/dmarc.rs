//! DMARC: does the domain in `From:` stand behind this message? (RFC 7489)
//!
//! Implements: the policy record (§6.3 tags `v p sp adkim aspf pct`; §6.6.3
//! policy discovery: `_dmarc.<From domain>`, then `_dmarc.<organisational
//! domain>`, where `sp=` applies); identifier alignment of SPF and DKIM with
//! the `From:` domain, relaxed (same organisational domain) and strict
//! (identical) (§3.1); the result (`pass` when either aligned identifier
//! passed, §4.2) and the disposition `none`, `quarantine` or `reject`
//! (§6.6.4), with `pct` applied from a roll the caller draws (so the world's
//! seeded RNG decides, and traces stay reproducible).
//!
//! Simplifications: the organisational domain comes from a fixed rule (the
//! last label is the public suffix, plus a few two-label suffixes; see
//! [`super::organizational_domain`]) instead of the Public Suffix List; the
//! reporting tags (`rua ruf fo rf ri`) are parsed past and no reports are
//! sent; a record with an invalid or missing `p=` is treated as no record
//! (§6.6.3 lets a receiver apply `p=none` when `rua` is valid; MailSim sends
//! no reports, so both come out as "no policy"); the `From:` domain is the
//! first address of the single `From:` field ([`from_domain`]).

use super::{is_subdomain_or_same, organizational_domain, DkimOutcome, Evaluator, Question, Step};
use crate::auth::spf::{SpfOutcome, SpfResult};
use crate::dns::{normalize, Answer, RecordType};

/// What the domain owner asks receivers to do with failing mail (§6.3 `p=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    None,
    Quarantine,
    Reject,
}

impl Policy {
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::None => "none",
            Policy::Quarantine => "quarantine",
            Policy::Reject => "reject",
        }
    }

    fn parse(s: &str) -> Option<Policy> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Some(Policy::None),
            "quarantine" => Some(Policy::Quarantine),
            "reject" => Some(Policy::Reject),
            _ => None,
        }
    }

    /// The next milder policy (§6.6.4, when `pct` leaves a message out).
    fn milder(self) -> Policy {
        match self {
            Policy::Reject => Policy::Quarantine,
            _ => Policy::None,
        }
    }
}

/// Alignment mode (§3.1, `adkim=`/`aspf=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Alignment {
    Relaxed,
    Strict,
}

/// Is `id` aligned with the `From:` domain under `mode`?
pub fn aligned(id: &str, from: &str, mode: Alignment) -> bool {
    match mode {
        Alignment::Strict => normalize(id) == normalize(from),
        Alignment::Relaxed => organizational_domain(id) == organizational_domain(from),
    }
}

/// A parsed `v=DMARC1` record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DmarcRecord {
    pub p: Policy,
    pub sp: Option<Policy>,
    pub adkim: Alignment,
    pub aspf: Alignment,
    pub pct: u8,
}

/// Parses a record (§6.3, §6.4). `Err` says why it is not usable.
pub fn parse_record(txt: &str) -> Result<DmarcRecord, String> {
    let mut tags = txt.split(';').map(str::trim).filter(|t| !t.is_empty());
    match tags.next().and_then(|t| t.split_once('=')) {
        Some((v, val)) if v.trim() == "v" && val.trim() == "DMARC1" => {}
        _ => return Err("does not start with v=DMARC1".into()),
    }
    let mut rec = DmarcRecord {
        p: Policy::None,
        sp: None,
        adkim: Alignment::Relaxed,
        aspf: Alignment::Relaxed,
        pct: 100,
    };
    let mut have_p = false;
    for t in tags {
        let Some((k, v)) = t.split_once('=') else {
            return Err(format!("bad tag {t:?}"));
        };
        let v = v.trim();
        let mode = |v: &str| match v {
            "r" => Ok(Alignment::Relaxed),
            "s" => Ok(Alignment::Strict),
            _ => Err(format!("bad alignment mode {v:?}")),
        };
        match k.trim() {
            "p" => {
                rec.p = Policy::parse(v).ok_or(format!("bad p={v}"))?;
                have_p = true;
            }
            "sp" => rec.sp = Some(Policy::parse(v).ok_or(format!("bad sp={v}"))?),
            "adkim" => rec.adkim = mode(v)?,
            "aspf" => rec.aspf = mode(v)?,
            "pct" => {
                rec.pct = match v.parse::<u8>() {
                    Ok(n) if n <= 100 => n,
                    _ => return Err(format!("bad pct={v}")),
                }
            }
            _ => {} // rua, ruf, fo, rf, ri and unknown tags
        }
    }
    if !have_p {
        return Err("no p= tag".into());
    }
    Ok(rec)
}

/// The domain of the message's `From:` field (RFC 7489 §3.1, §6.6.1): the
/// first address of the one `From:` field. `Err` when there is no `From:`,
/// more than one, or no domain in it.
pub fn from_domain(message: &[u8]) -> Result<String, String> {
    let text = crate::lossy(message);
    let head = match text.find("\r\n\r\n").or_else(|| text.find("\n\n")) {
        Some(i) => &text[..i],
        None => &text[..],
    };
    // Unfold, then look at each field.
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let unfolded = unfolded.replace("\n ", " ").replace("\n\t", " ");
    let froms: Vec<&str> = unfolded
        .lines()
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim().eq_ignore_ascii_case("from").then_some(value)
        })
        .collect();
    let value = match froms.as_slice() {
        [one] => *one,
        [] => return Err("the message has no From: field".into()),
        _ => return Err("the message has more than one From: field".into()),
    };
    let first = value.split(',').next().unwrap_or("");
    let addr = match (first.rfind('<'), first.rfind('>')) {
        (Some(a), Some(b)) if a < b => &first[a + 1..b],
        _ => first.trim(),
    };
    match addr.rsplit_once('@') {
        Some((_, d)) if !d.trim().is_empty() => Ok(normalize(d.trim())),
        _ => Err(format!("no domain in From: {}", value.trim())),
    }
}

/// RFC 7489 §11.2 / RFC 8601 results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DmarcResult {
    None,
    Pass,
    Fail,
    TempError,
}

impl DmarcResult {
    pub fn as_str(self) -> &'static str {
        match self {
            DmarcResult::None => "none",
            DmarcResult::Pass => "pass",
            DmarcResult::Fail => "fail",
            DmarcResult::TempError => "temperror",
        }
    }
}

/// What happened, for the trace and the narration.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DmarcEvent {
    /// The policy record found at `name`.
    Record { name: String, text: String },
    /// No (usable) record at `name`; `why` when one was there but broken.
    NoRecord { name: String, why: Option<String> },
    /// Nothing at the From domain: ask its organisational domain.
    OrgDomain { from: String, org: String },
    /// Was this passing identifier aligned with the From domain?
    Aligned {
        method: &'static str,
        domain: String,
        passed: bool,
        aligned: bool,
        mode: Alignment,
    },
    /// The result and what the receiver does with the message.
    Result {
        result: DmarcResult,
        disposition: Policy,
        key: &'static str,
    },
}

impl DmarcEvent {
    pub fn explain_key(&self) -> &'static str {
        match self {
            DmarcEvent::Record { .. } => "auth.dmarc.record",
            DmarcEvent::NoRecord { .. } => "auth.dmarc.record.none",
            DmarcEvent::OrgDomain { .. } => "auth.dmarc.orgdomain",
            DmarcEvent::Aligned {
                method: "spf",
                aligned: true,
                ..
            } => "auth.dmarc.align.spf",
            DmarcEvent::Aligned { aligned: true, .. } => "auth.dmarc.align.dkim",
            DmarcEvent::Aligned { .. } => "auth.dmarc.align.no",
            DmarcEvent::Result { key, .. } => key,
        }
    }
}

/// The outcome, for the receiver's decision and `Authentication-Results`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DmarcOutcome {
    pub result: DmarcResult,
    pub from_domain: String,
    /// The policy the record asks for (`sp=` for a subdomain), if any.
    pub policy: Option<Policy>,
    /// What the receiver applies: `none` for a pass or no policy.
    pub disposition: Policy,
    pub spf_aligned: bool,
    pub dkim_aligned: bool,
    pub key: &'static str,
}

enum Wait {
    Nothing,
    FromDomain,
    OrgDomain,
}

/// The sans-IO DMARC evaluator, run after SPF and DKIM (at the end of DATA).
pub struct DmarcEval {
    from: String,
    spf: Option<(SpfResult, String)>,
    dkim: Vec<DkimOutcome>,
    pct_roll: u8,
    wait: Wait,
    question: Option<Question>,
    events: Vec<DmarcEvent>,
    drained: usize,
    outcome: Option<DmarcOutcome>,
}

impl DmarcEval {
    /// `from_domain`: see [`from_domain`]. `spf`: the SPF outcome of the
    /// MAIL FROM identity (an SPF pass of the HELO identity does not count,
    /// §4.1). `dkim`: every signature's result. `pct_roll`: a number in
    /// 0..100 from the world's RNG; the policy applies when it is below `pct`.
    pub fn new(
        from_domain: &str,
        spf: Option<&SpfOutcome>,
        dkim: &[DkimOutcome],
        pct_roll: u8,
    ) -> Self {
        let from = normalize(from_domain);
        DmarcEval {
            question: Some(Question {
                name: format!("_dmarc.{from}"),
                qtype: RecordType::TXT,
            }),
            from,
            spf: spf
                .filter(|s| s.identity == super::spf::Identity::MailFrom)
                .map(|s| (s.result, s.domain.clone())),
            dkim: dkim.to_vec(),
            pct_roll,
            wait: Wait::FromDomain,
            events: Vec::new(),
            drained: 0,
            outcome: None,
        }
    }

    pub fn poll_event(&mut self) -> Option<DmarcEvent> {
        let e = self.events.get(self.drained).cloned();
        if e.is_some() {
            self.drained += 1;
        }
        e
    }

    pub fn events(&self) -> &[DmarcEvent] {
        &self.events
    }

    pub fn outcome(&self) -> Option<&DmarcOutcome> {
        self.outcome.as_ref()
    }

    fn finish(
        &mut self,
        result: DmarcResult,
        policy: Option<Policy>,
        disposition: Policy,
        spf: bool,
        dkim: bool,
    ) {
        let key = match (result, disposition) {
            (DmarcResult::Pass, _) => "auth.dmarc.pass",
            (DmarcResult::None, _) => "auth.dmarc.none",
            (DmarcResult::TempError, _) => "auth.dmarc.temperror",
            (DmarcResult::Fail, Policy::None) => "auth.dmarc.fail.none",
            (DmarcResult::Fail, Policy::Quarantine) => "auth.dmarc.fail.quarantine",
            (DmarcResult::Fail, Policy::Reject) => "auth.dmarc.fail.reject",
        };
        self.events.push(DmarcEvent::Result {
            result,
            disposition,
            key,
        });
        self.outcome = Some(DmarcOutcome {
            result,
            from_domain: self.from.clone(),
            policy,
            disposition,
            spf_aligned: spf,
            dkim_aligned: dkim,
            key,
        });
    }

    fn apply(&mut self, rec: DmarcRecord, at_org: bool) {
        let (spf_ok, spf_dom) = match &self.spf {
            Some((r, d)) => (*r == SpfResult::Pass, d.clone()),
            None => (false, String::new()),
        };
        let spf_aligned = spf_ok && aligned(&spf_dom, &self.from, rec.aspf);
        if !spf_dom.is_empty() {
            self.events.push(DmarcEvent::Aligned {
                method: "spf",
                domain: spf_dom,
                passed: spf_ok,
                aligned: spf_aligned,
                mode: rec.aspf,
            });
        }
        let mut dkim_aligned = false;
        for d in &self.dkim {
            let passed = d.result == "pass";
            let al = passed && aligned(&d.domain, &self.from, rec.adkim);
            dkim_aligned |= al;
            self.events.push(DmarcEvent::Aligned {
                method: "dkim",
                domain: d.domain.clone(),
                passed,
                aligned: al,
                mode: rec.adkim,
            });
        }
        // sp= is for subdomains, found through the organisational domain.
        let policy = if at_org {
            rec.sp.unwrap_or(rec.p)
        } else {
            rec.p
        };
        if spf_aligned || dkim_aligned {
            self.finish(
                DmarcResult::Pass,
                Some(policy),
                Policy::None,
                spf_aligned,
                dkim_aligned,
            );
        } else {
            let applied = if self.pct_roll < rec.pct {
                policy
            } else {
                policy.milder()
            };
            self.finish(DmarcResult::Fail, Some(policy), applied, false, false);
        }
    }
}

impl Evaluator for DmarcEval {
    type Output = DmarcOutcome;

    fn poll_step(&mut self) -> Step<DmarcOutcome> {
        if let Some(q) = &self.question {
            return Step::Query(q.clone());
        }
        Step::Done(self.outcome.clone().expect("finished"))
    }

    fn handle_answer(&mut self, answer: Option<Answer>) {
        let Some(q) = self.question.take() else {
            return;
        };
        let at_org = matches!(self.wait, Wait::OrgDomain);
        self.wait = Wait::Nothing;
        let Some(answer) = answer else {
            self.finish(DmarcResult::TempError, None, Policy::None, false, false);
            return;
        };
        let records: Vec<&String> = match &answer {
            Answer::Txt { records } => records
                .iter()
                .filter(|t| t.trim_start().starts_with("v=DMARC1"))
                .collect(),
            _ => Vec::new(),
        };
        let parsed = match records.as_slice() {
            [one] => parse_record(one).map(|r| (r, (*one).clone())),
            [] => Err(String::new()),
            _ => Err("more than one DMARC record".into()),
        };
        match parsed {
            Ok((rec, text)) => {
                self.events.push(DmarcEvent::Record { name: q.name, text });
                self.apply(rec, at_org);
            }
            Err(why) => {
                self.events.push(DmarcEvent::NoRecord {
                    name: q.name,
                    why: (!why.is_empty()).then_some(why),
                });
                let org = organizational_domain(&self.from);
                if !at_org && org != self.from && is_subdomain_or_same(&self.from, &org) {
                    self.events.push(DmarcEvent::OrgDomain {
                        from: self.from.clone(),
                        org: org.clone(),
                    });
                    self.question = Some(Question {
                        name: format!("_dmarc.{org}"),
                        qtype: RecordType::TXT,
                    });
                    self.wait = Wait::OrgDomain;
                } else {
                    self.finish(DmarcResult::None, None, Policy::None, false, false);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_parse() {
        let r = parse_record(
            "v=DMARC1; p=reject; sp=quarantine; adkim=s; pct=50; rua=mailto:x@y.example",
        )
        .unwrap();
        assert_eq!(
            (r.p, r.sp, r.adkim, r.aspf, r.pct),
            (
                Policy::Reject,
                Some(Policy::Quarantine),
                Alignment::Strict,
                Alignment::Relaxed,
                50
            )
        );
        assert!(parse_record("v=DMARC1; rua=mailto:x@y.example").is_err());
        assert!(parse_record("p=reject; v=DMARC1").is_err());
        assert!(parse_record("v=DMARC1; p=bounce").is_err());
    }

    #[test]
    fn from_domains() {
        assert_eq!(
            from_domain(b"From: John <John@ISP.example>\r\nTo: d@x\r\n\r\nhi").unwrap(),
            "isp.example"
        );
        assert_eq!(
            from_domain(b"Subject: x\r\nfrom:\r\n john@isp.example\r\n\r\n").unwrap(),
            "isp.example"
        );
        assert!(from_domain(b"From: a@b.example\r\nFrom: c@d.example\r\n\r\n").is_err());
        assert!(from_domain(b"To: a@b.example\r\n\r\nFrom: x@y.example").is_err());
    }

    #[test]
    fn alignment_modes() {
        assert!(aligned(
            "news.isp.example",
            "isp.example",
            Alignment::Relaxed
        ));
        assert!(!aligned(
            "news.isp.example",
            "isp.example",
            Alignment::Strict
        ));
        assert!(aligned("ISP.example", "isp.example", Alignment::Strict));
        assert!(!aligned("isp2.example", "isp.example", Alignment::Relaxed));
    }
}
