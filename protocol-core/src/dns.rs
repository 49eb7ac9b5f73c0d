//! DNS as the mail system uses it: A, MX and TXT records, answers with
//! NXDOMAIN and NODATA, and the RFC 5321 §5.1 routing rule built on them.
//!
//! Implements: RFC 1034 §3.6 and RFC 1035 §3.3.9 (MX RDATA: preference and
//! exchange), the NXDOMAIN / NODATA distinction of RFC 2308 §2, and mail
//! routing per RFC 974 as updated by RFC 5321 §5.1 (MX records in order of
//! preference, lowest first; no MX records -> the domain's own A record as an
//! implicit MX of preference 0; a relay that finds itself in the list drops
//! its own entry and every less preferred one). TXT records (RFC 1035
//! §3.3.14) carry SPF, DKIM keys and DMARC policies for `auth`.
//!
//! Deliberate simplifications: one authoritative server answers every zone
//! (ns.example in the default cast), so there is no delegation, no CNAME, no
//! caching and no TTL; ties between equal preferences keep the zone file's
//! order instead of being randomised, so traces stay reproducible. A TXT
//! record is kept as one string: on the wire it is a sequence of
//! character-strings of at most 255 octets each, which SPF (RFC 7208 §3.3)
//! and DKIM (RFC 6376 §3.6.2.2) join without separators, so one string is
//! what every consumer here sees.

use crate::vec_map::{VecMap, VecMapExt};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::Ipv4Addr;

/// The record types the simulator knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RecordType {
    A,
    MX,
    TXT,
}

impl RecordType {
    /// The explanation key of a question of this type.
    pub fn query_key(self) -> &'static str {
        match self {
            RecordType::A => "dns.query.a",
            RecordType::MX => "dns.query.mx",
            RecordType::TXT => "dns.query.txt",
        }
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecordType::A => "A",
            RecordType::MX => "MX",
            RecordType::TXT => "TXT",
        })
    }
}

/// One MX record: lower preference is tried first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mx {
    pub preference: u16,
    pub exchange: String,
}

/// The answer section of a response, as the trace shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rcode", rename_all = "snake_case")]
pub enum Answer {
    /// NOERROR with address records.
    A { addrs: Vec<Ipv4Addr> },
    /// NOERROR with MX records, sorted by preference.
    Mx { records: Vec<Mx> },
    /// NOERROR with TXT records, each one string (see the module docs).
    Txt { records: Vec<String> },
    /// NOERROR, but the name has no record of the asked type (RFC 2308 §2.2).
    NoData,
    /// The name does not exist at all (RFC 1035 §4.1.1 RCODE 3).
    NxDomain,
    /// The server could not answer for this name (RFC 1035 §4.1.1 RCODE 2,
    /// "Server failure"): a broken zone, set by a scenario's
    /// `[[dns]] type = "servfail"`. Every asker treats it as a temporary
    /// failure, as it treats no answer at all: the MTA tries again later
    /// (RFC 5321 §5.1), SPF gives temperror (RFC 7208 §2.6.6, §5), DKIM
    /// temperror for the key (RFC 6376 §6.1.2), DMARC temperror (RFC 7489
    /// §6.6.3).
    #[serde(rename = "servfail")]
    ServFail,
}

impl Answer {
    /// The explanation key for this answer.
    pub fn explain_key(&self) -> &'static str {
        match self {
            Answer::A { .. } => "dns.answer.a",
            Answer::Mx { records } if records.len() == 1 && records[0].exchange.is_empty() => {
                "dns.answer.nullmx"
            }
            Answer::Mx { .. } => "dns.answer.mx",
            Answer::Txt { .. } => "dns.answer.txt",
            Answer::NoData => "dns.answer.nodata",
            Answer::NxDomain => "dns.answer.nxdomain",
            Answer::ServFail => "dns.answer.servfail",
        }
    }

    /// The answer an evaluator or the MTA can use: `None` for a server
    /// failure, which they treat as no answer (a temporary failure).
    pub fn usable(self) -> Option<Answer> {
        (self != Answer::ServFail).then_some(self)
    }
}

/// Zone-file style text: `MX 10 mail.dave.example`, `A 198.51.100.25`, `NXDOMAIN`.
impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::A { addrs } => {
                let list: Vec<String> = addrs.iter().map(|a| format!("A {a}")).collect();
                f.write_str(&list.join(", "))
            }
            Answer::Mx { records } => {
                let list: Vec<String> = records
                    .iter()
                    .map(|m| {
                        // The root name "." (a null MX, RFC 7505) is stored empty.
                        let host = if m.exchange.is_empty() {
                            "."
                        } else {
                            &m.exchange
                        };
                        format!("MX {} {host}", m.preference)
                    })
                    .collect();
                f.write_str(&list.join(", "))
            }
            Answer::Txt { records } => {
                let list: Vec<String> = records.iter().map(|t| format!("TXT {t:?}")).collect();
                f.write_str(&list.join(", "))
            }
            Answer::NoData => f.write_str("NOERROR, no records (NODATA)"),
            Answer::NxDomain => f.write_str("NXDOMAIN"),
            Answer::ServFail => f.write_str("SERVFAIL (the server could not answer)"),
        }
    }
}

/// Every zone of the world, as the one authoritative server holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zones {
    a: VecMap<String, Vec<Ipv4Addr>>,
    mx: VecMap<String, Vec<Mx>>,
    /// Absent from older scenario files and from worlds without TXT records.
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    txt: VecMap<String, Vec<String>>,
    /// Names the server fails to answer for (SERVFAIL, RFC 1035 §4.1.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    servfail: Vec<String>,
}

/// Domain names compare without case (RFC 1035 §2.3.3) and without a final dot.
pub fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl Zones {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_a(&mut self, name: &str, addr: Ipv4Addr) {
        let list = self.a.get_or_default(normalize(name));
        if !list.contains(&addr) {
            list.push(addr);
        }
    }

    pub fn add_mx(&mut self, domain: &str, preference: u16, exchange: &str) {
        let list = self.mx.get_or_default(normalize(domain));
        list.retain(|m| m.exchange != normalize(exchange));
        // The list stays sorted by preference; equal preferences keep
        // insertion order (see module docs). Inserting in place, rather than
        // pushing and sorting, keeps the sort code out of the web bundle.
        let at = list.partition_point(|m| m.preference <= preference);
        list.insert(
            at,
            Mx {
                preference,
                exchange: normalize(exchange),
            },
        );
    }

    /// Adds one TXT record (the joined text; see the module docs).
    pub fn add_txt(&mut self, name: &str, text: &str) {
        let list = self.txt.get_or_default(normalize(name));
        if !list.iter().any(|t| t == text) {
            list.push(text.to_string());
        }
    }

    /// Makes the server fail every question about `name` (SERVFAIL).
    pub fn add_servfail(&mut self, name: &str) {
        let n = normalize(name);
        if !self.servfail.contains(&n) {
            self.servfail.push(n);
        }
    }

    /// Whether the server fails questions about `name`.
    pub fn fails(&self, name: &str) -> bool {
        let n = normalize(name);
        self.servfail.contains(&n)
    }

    /// Removes every record of `rtype` at `name`.
    pub fn remove(&mut self, name: &str, rtype: RecordType) {
        match rtype {
            RecordType::A => self.a.remove(&normalize(name)),
            RecordType::MX => self.mx.remove(&normalize(name)).map(|_| Vec::new()),
            RecordType::TXT => self.txt.remove(&normalize(name)).map(|_| Vec::new()),
        };
    }

    /// A name exists when it owns any record. (No empty non-terminals: every
    /// name the simulator asks about either owns records or does not exist.)
    pub fn exists(&self, name: &str) -> bool {
        let n = normalize(name);
        self.a.contains_key(&n) || self.mx.contains_key(&n) || self.txt.contains_key(&n)
    }

    /// The authoritative answer to one question.
    pub fn query(&self, name: &str, rtype: RecordType) -> Answer {
        let n = normalize(name);
        // `n` is normalized already: no second copy per question.
        if self.servfail.contains(&n) {
            return Answer::ServFail;
        }
        if !self.exists(&n) {
            return Answer::NxDomain;
        }
        match rtype {
            RecordType::A => match self.a.get(&n) {
                Some(addrs) if !addrs.is_empty() => Answer::A {
                    addrs: addrs.clone(),
                },
                _ => Answer::NoData,
            },
            RecordType::MX => match self.mx.get(&n) {
                Some(records) if !records.is_empty() => Answer::Mx {
                    records: records.clone(),
                },
                _ => Answer::NoData,
            },
            RecordType::TXT => match self.txt.get(&n) {
                Some(records) if !records.is_empty() => Answer::Txt {
                    records: records.clone(),
                },
                _ => Answer::NoData,
            },
        }
    }

    /// The first address of `name`, if it has one.
    pub fn address_of(&self, name: &str) -> Option<Ipv4Addr> {
        self.a
            .get(&normalize(name))
            .and_then(|v| v.first().copied())
    }

    /// All A records (name, address), for listings.
    pub fn a_records(&self) -> impl Iterator<Item = (&str, &Ipv4Addr)> {
        self.a
            .iter()
            .flat_map(|(n, v)| v.iter().map(move |a| (n.as_str(), a)))
    }

    /// All TXT records (name, text), for listings.
    pub fn txt_records(&self) -> impl Iterator<Item = (&str, &str)> {
        self.txt
            .iter()
            .flat_map(|(n, v)| v.iter().map(move |t| (n.as_str(), t.as_str())))
    }

    /// All MX records (domain, record), for listings.
    pub fn mx_records(&self) -> impl Iterator<Item = (&str, &Mx)> {
        self.mx
            .iter()
            .flat_map(|(n, v)| v.iter().map(move |m| (n.as_str(), m)))
    }
}

/// Where mail for a domain goes, per RFC 5321 §5.1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Hosts to try in order: (preference, host name).
    Hosts(Vec<Mx>),
    /// The domain does not exist: a permanent failure (bounce, 5.1.2).
    NoSuchDomain,
    /// The domain exists but has neither MX nor A records: permanent (5.1.2).
    NoMailHost,
    /// This relay is the most preferred MX itself and no better host is
    /// listed: mail would loop back to us (5.4.6).
    LoopsToSelf,
    /// The domain says it accepts no mail: a single MX of preference 0 for
    /// the root name "." (a null MX, RFC 7505 §3): permanent, 5.1.10.
    NullMx,
}

/// Turns the MX answer (and, for NODATA, the domain's A answer) into the list
/// of hosts to try. `self_names` are the relay's own host names: RFC 5321
/// §5.1 says it must drop its own entry and all entries with an equal or
/// higher preference value.
pub fn route_from_answers(
    domain: &str,
    mx: &Answer,
    a: Option<&Answer>,
    self_names: &[&str],
) -> Route {
    match mx {
        Answer::NxDomain => Route::NoSuchDomain,
        Answer::Mx { records } if records.len() == 1 && records[0].exchange.is_empty() => {
            Route::NullMx
        }
        Answer::Mx { records } => {
            let mine = records
                .iter()
                .filter(|m| self_names.iter().any(|s| normalize(s) == m.exchange))
                .map(|m| m.preference)
                .min();
            let kept: Vec<Mx> = records
                .iter()
                .filter(|m| mine.is_none_or(|p| m.preference < p))
                .cloned()
                .collect();
            if kept.is_empty() {
                Route::LoopsToSelf
            } else {
                Route::Hosts(kept)
            }
        }
        // No MX: the domain itself is an implicit MX of preference 0, if it
        // has an address.
        // (A SERVFAIL never gets here: the queue treats it as no answer,
        // a temporary failure. Routed as "no MX" it would at worst try the
        // domain's own address.)
        Answer::NoData | Answer::A { .. } | Answer::Txt { .. } | Answer::ServFail => match a {
            Some(Answer::A { .. }) => Route::Hosts(vec![Mx {
                preference: 0,
                exchange: normalize(domain),
            }]),
            _ => Route::NoMailHost,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones() -> Zones {
        let mut z = Zones::new();
        z.add_a("mail.dave.example", Ipv4Addr::new(198, 51, 100, 25));
        z.add_a("mx2.dave.example", Ipv4Addr::new(198, 51, 100, 26));
        z.add_mx("dave.example", 20, "mx2.dave.example");
        z.add_mx("Dave.Example.", 10, "mail.dave.example");
        z.add_a("plain.example", Ipv4Addr::new(203, 0, 113, 9));
        z
    }

    #[test]
    fn mx_answers_come_sorted_by_preference() {
        let z = zones();
        let Answer::Mx { records } = z.query("DAVE.example", RecordType::MX) else {
            panic!()
        };
        assert_eq!(records[0].exchange, "mail.dave.example");
        assert_eq!(records[1].preference, 20);
        assert_eq!(
            z.query("dave.example", RecordType::MX).to_string(),
            "MX 10 mail.dave.example, MX 20 mx2.dave.example"
        );
    }

    #[test]
    fn nxdomain_and_nodata_differ() {
        let z = zones();
        assert_eq!(z.query("nowhere.example", RecordType::MX), Answer::NxDomain);
        assert_eq!(z.query("plain.example", RecordType::MX), Answer::NoData);
        assert_eq!(z.query("dave.example", RecordType::A), Answer::NoData);
    }

    #[test]
    fn no_mx_falls_back_to_the_a_record() {
        let z = zones();
        let route = route_from_answers(
            "plain.example",
            &z.query("plain.example", RecordType::MX),
            Some(&z.query("plain.example", RecordType::A)),
            &[],
        );
        assert_eq!(
            route,
            Route::Hosts(vec![Mx {
                preference: 0,
                exchange: "plain.example".into()
            }])
        );
        assert_eq!(
            route_from_answers("x.example", &Answer::NxDomain, None, &[]),
            Route::NoSuchDomain
        );
    }

    #[test]
    fn txt_records_are_answered_and_removed() {
        let mut z = zones();
        assert_eq!(z.query("dave.example", RecordType::TXT), Answer::NoData);
        z.add_txt("Dave.Example.", "v=spf1 mx -all");
        z.add_txt("dave.example", "v=spf1 mx -all");
        z.add_txt("_dmarc.dave.example", "v=DMARC1; p=reject");
        assert!(z.exists("_dmarc.dave.example"));
        let txt = z.query("dave.example", RecordType::TXT);
        assert_eq!(txt.to_string(), "TXT \"v=spf1 mx -all\"");
        assert_eq!(txt.explain_key(), "dns.answer.txt");
        // A TXT-only name exists: asking it for an address is NODATA.
        assert_eq!(
            z.query("_dmarc.dave.example", RecordType::A),
            Answer::NoData
        );
        assert_eq!(z.txt_records().count(), 2);
        z.remove("_dmarc.dave.example", RecordType::TXT);
        assert_eq!(
            z.query("_dmarc.dave.example", RecordType::TXT),
            Answer::NxDomain
        );
        // The MX answer is unchanged by TXT records at the same name.
        assert!(matches!(
            z.query("dave.example", RecordType::MX),
            Answer::Mx { .. }
        ));
    }

    #[test]
    fn a_backup_mx_only_tries_better_hosts() {
        let z = zones();
        let mx = z.query("dave.example", RecordType::MX);
        let Route::Hosts(h) = route_from_answers("dave.example", &mx, None, &["mx2.dave.example"])
        else {
            panic!()
        };
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].exchange, "mail.dave.example");
        assert_eq!(
            route_from_answers("dave.example", &mx, None, &["mail.dave.example"]),
            Route::LoopsToSelf
        );
    }
}
