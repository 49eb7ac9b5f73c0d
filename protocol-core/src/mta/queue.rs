//! The MTA's queue decisions as a sans-IO state machine (the quinn-proto
//! shape: `handle_*` inputs, `poll_*` outputs, `now` an argument). The world
//! ([`crate::sim`]) only carries out what these say: it asks DNS, opens SMTP
//! sessions, writes the trace. Every decision about a queued message lives
//! here:
//!
//! * [`Delivery`]: one try of one message's recipients at one domain. Which
//!   host to ask next (RFC 5321 §5.1: MX records by preference, the implicit
//!   MX when there are none, the next MX after a failure), and what each
//!   failure means (RFC 3463 status codes: 4.4.1 no answer from the host,
//!   4.4.2 connection lost, 4.4.3 DNS did not answer, 4.4.4 no address,
//!   5.1.2 no such domain, 5.1.10 null MX, 5.4.6 routing loop; a reply's own code otherwise).
//! * [`QueueEntry::record`] and [`QueueEntry::settle`]: after a round, which
//!   recipients bounce, which wait for a retry and when (§4.5.4.1), and when
//!   to give up.
//! * [`QueueEntry::when_host_down`]: what a down host means for its queue.

use super::{Failure, QueueEntry, RetryPolicy};
use crate::address::Mailbox;
use crate::dns::{self, Answer, Mx, RecordType, Route};
use crate::smtp::client::{DeliveryOutcome, RcptOutcome};
use crate::smtp::reply::Reply;
use crate::time::{SimDuration, SimTime};
use crate::vec_map::VecMap;
use std::net::Ipv4Addr;

/// The reason a try failed when the MX or address question got no answer
/// (the page words it in the learner's language by this text).
pub const DNS_NO_ANSWER: &str = "DNS server did not answer";
/// The reason a try failed when the DNS server answered SERVFAIL.
pub const DNS_SERVFAIL: &str = "DNS server failed (SERVFAIL)";

/// How often a down host's queue is looked at again (the host itself does
/// nothing while down; the simulator polls on its behalf).
pub const DOWN_HOST_POLL: SimDuration = SimDuration::from_mins(5);

/// What the driver should do next for a [`Delivery`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Ask DNS for `name`, type `qtype`; give the answer to
    /// [`Delivery::handle_dns`] (`None` if the DNS server did not answer).
    Query { name: String, qtype: RecordType },
    /// Open an SMTP session to `ip` (the MX host `exchange`) for
    /// [`Delivery::recipients`]; report with [`Delivery::handle_outcome`],
    /// [`Delivery::handle_unreachable`] or [`Delivery::handle_lost`].
    Connect { ip: Ipv4Addr, exchange: String },
    /// Nothing more to try: take [`Delivery::finish`].
    Finished,
}

/// What a delivery is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Waiting {
    Mx,
    ImplicitA,
    ExchangeA,
    Session,
    Nothing,
}

/// One try of one queue entry's recipients at one destination domain,
/// host after host.
#[derive(Clone, Debug)]
pub struct Delivery {
    domain: String,
    /// This server's own name: an MX list that leads back here is a loop.
    self_name: String,
    /// Recipients still to deliver in this try.
    rcpts: Vec<String>,
    mxs: Vec<Mx>,
    idx: usize,
    waiting: Waiting,
    /// The last temporary failure of each recipient at the hosts tried.
    transient: VecMap<String, Failure>,
    permanent: Vec<Failure>,
    /// Why the try ended before any host was reached (DNS).
    reason: Option<String>,
    step: Option<Step>,
}

/// The end of a [`Delivery`]: the recipients that failed for good, and a
/// failure for each that failed only for now (to retry).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryResult {
    pub permanent: Vec<Failure>,
    pub transient: Vec<Failure>,
}

impl Delivery {
    /// A try for `rcpts` at `domain`, through `smarthost` if the server
    /// sends everything to one relay, else by the domain's MX records.
    pub fn new(domain: &str, rcpts: Vec<String>, self_name: &str, smarthost: Option<&str>) -> Self {
        let mut d = Delivery {
            domain: domain.to_string(),
            self_name: self_name.to_string(),
            rcpts,
            mxs: Vec::new(),
            idx: 0,
            waiting: Waiting::Mx,
            transient: VecMap::new(),
            permanent: Vec::new(),
            reason: None,
            step: None,
        };
        match smarthost {
            Some(sh) => {
                d.mxs = vec![Mx {
                    preference: 0,
                    exchange: sh.to_string(),
                }];
                d.query_exchange();
            }
            None => {
                d.step = Some(Step::Query {
                    name: domain.to_string(),
                    qtype: RecordType::MX,
                });
            }
        }
        d
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The recipients the next session should offer (RCPT TO).
    pub fn recipients(&self) -> &[String] {
        &self.rcpts
    }

    /// The MX host being tried.
    pub fn current_exchange(&self) -> Option<&str> {
        self.mxs.get(self.idx).map(|m| m.exchange.as_str())
    }

    /// The next thing to do, once.
    pub fn poll_step(&mut self) -> Option<Step> {
        self.step.take()
    }

    pub fn is_finished(&self) -> bool {
        self.waiting == Waiting::Nothing
    }

    /// The DNS answer to the last [`Step::Query`] (`None`: no answer).
    /// A SERVFAIL is a temporary failure like no answer (RFC 5321 §5.1:
    /// the message waits for the next try), said as such.
    pub fn handle_dns(&mut self, answer: Option<Answer>) {
        let servfail = answer == Some(Answer::ServFail);
        let answer = answer.and_then(Answer::usable);
        let no_answer = if servfail {
            DNS_SERVFAIL
        } else {
            DNS_NO_ANSWER
        };
        match (self.waiting, answer) {
            (Waiting::Mx | Waiting::ImplicitA, None) => {
                self.reason = Some(no_answer.into());
                self.end();
            }
            (Waiting::Mx, Some(Answer::NoData)) => {
                // No MX: the domain's own address is the implicit MX
                // (RFC 5321 §5.1).
                self.waiting = Waiting::ImplicitA;
                self.step = Some(Step::Query {
                    name: self.domain.clone(),
                    qtype: RecordType::A,
                });
            }
            (Waiting::Mx, Some(mx)) => self.route(&mx, None),
            (Waiting::ImplicitA, Some(a)) => self.route(&Answer::NoData, Some(&a)),
            (Waiting::ExchangeA, answer) => {
                let ip = match &answer {
                    Some(Answer::A { addrs }) => addrs.first().copied(),
                    _ => None,
                };
                match (ip, answer) {
                    (Some(ip), _) => {
                        self.waiting = Waiting::Session;
                        let exchange = self.current_exchange().unwrap_or_default().to_string();
                        self.step = Some(Step::Connect { ip, exchange });
                    }
                    // RFC 3463 §3.5: X.4.3 directory server failure,
                    // X.4.4 unable to route.
                    (None, None) => self.next_mx("4.4.3", no_answer.into(), None),
                    (None, Some(a)) => {
                        let why = format!("the MX host has no address ({a})");
                        self.next_mx("4.4.4", why, None)
                    }
                }
            }
            (Waiting::Session | Waiting::Nothing, _) => {}
        }
    }

    /// The host could not be reached (no host at the address, refused, no
    /// answer): 4.4.1, and on to the next MX.
    pub fn handle_unreachable(&mut self, reason: String) {
        if self.waiting == Waiting::Session {
            self.next_mx("4.4.1", reason, None);
        }
    }

    /// The session broke off before its outcome was known: 4.4.2, naming
    /// the MX host that was talking (RFC 3464 §2.3.5 Remote-MTA).
    pub fn handle_lost(&mut self, server_name: &str) {
        if self.waiting == Waiting::Session {
            let remote = self.current_exchange().map(str::to_string);
            self.next_mx("4.4.2", format!("connection to {server_name} lost"), remote);
        }
    }

    /// The session's outcome per recipient; returns those the server took
    /// responsibility for (relayed). 4xx recipients go on to the next MX
    /// (§5.1), 5xx ones fail for good.
    pub fn handle_outcome(
        &mut self,
        outcome: DeliveryOutcome,
        server_name: Option<&str>,
    ) -> Vec<String> {
        if self.waiting != Waiting::Session {
            return Vec::new();
        }
        let mut relayed = Vec::new();
        let mut still = Vec::new();
        for (mbox, result) in outcome.recipients {
            let rcpt = self
                .rcpts
                .iter()
                .find(|r| Mailbox::parse(r).ok().as_ref() == Some(&mbox))
                .cloned()
                .unwrap_or_else(|| mbox.to_string());
            let failure = |reply: &Reply, default: &str| Failure {
                rcpt: rcpt.clone(),
                status: reply
                    .enhanced
                    .map(|e| format!("{}.{}.{}", e.0, e.1, e.2))
                    .unwrap_or_else(|| default.to_string()),
                diagnostic: super::smtp_diagnostic(reply),
                remote_mta: server_name.map(str::to_string),
                explain: "mta.bounce",
            };
            match result {
                RcptOutcome::Accepted(_) => {
                    self.transient.remove(&rcpt);
                    relayed.push(rcpt);
                }
                RcptOutcome::Transient(reply) => {
                    self.transient
                        .insert(rcpt.clone(), failure(&reply, "4.0.0"));
                    still.push(rcpt);
                }
                RcptOutcome::Permanent(reply) => {
                    self.transient.remove(&rcpt);
                    self.permanent.push(failure(&reply, "5.0.0"));
                }
            }
        }
        self.rcpts = still;
        self.advance();
        relayed
    }

    /// The try is over: permanent failures to bounce, and one failure per
    /// recipient to retry (the last temporary one seen, or why no host was
    /// reached).
    pub fn finish(self) -> DeliveryResult {
        let reason = self.reason.unwrap_or_else(|| "temporary failure".into());
        let mut transient = Vec::new();
        for r in self.rcpts {
            let f = self.transient.get(&r).cloned().unwrap_or_else(|| Failure {
                rcpt: r.clone(),
                status: "4.4.3".into(),
                diagnostic: format!("x-mailsim; {reason}"),
                remote_mta: None,
                explain: "mta.retry",
            });
            transient.push(f);
        }
        DeliveryResult {
            permanent: self.permanent,
            transient,
        }
    }

    fn route(&mut self, mx: &Answer, a: Option<&Answer>) {
        let route = dns::route_from_answers(&self.domain, mx, a, &[self.self_name.as_str()]);
        let (status, diagnostic, explain) = match route {
            Route::Hosts(list) => {
                self.mxs = list;
                self.idx = 0;
                return self.query_exchange();
            }
            Route::NoSuchDomain => (
                "5.1.2",
                format!(
                    "x-mailsim; domain {} does not exist (DNS NXDOMAIN)",
                    self.domain
                ),
                "dns.answer.nxdomain",
            ),
            Route::NoMailHost => (
                "5.1.2",
                format!(
                    "x-mailsim; domain {} has no MX and no A record",
                    self.domain
                ),
                "dns.answer.nxdomain",
            ),
            Route::LoopsToSelf => (
                "5.4.6",
                format!("x-mailsim; mail for {} loops back to myself", self.domain),
                "mta.loop",
            ),
            // RFC 7505 §4.1: a null MX means no mail, at once (5.1.10).
            Route::NullMx => (
                "5.1.10",
                format!(
                    "x-mailsim; {} publishes a null MX: it accepts no mail",
                    self.domain
                ),
                "dns.answer.nullmx",
            ),
        };
        for rcpt in std::mem::take(&mut self.rcpts) {
            self.permanent.push(Failure {
                rcpt,
                status: status.into(),
                diagnostic: diagnostic.clone(),
                remote_mta: None,
                explain,
            });
        }
        self.transient = VecMap::new();
        self.end();
    }

    fn query_exchange(&mut self) {
        self.waiting = Waiting::ExchangeA;
        let name = self.mxs[self.idx].exchange.clone();
        self.step = Some(Step::Query {
            name,
            qtype: RecordType::A,
        });
    }

    /// The current host failed for every remaining recipient.
    fn next_mx(&mut self, status: &'static str, reason: String, remote: Option<String>) {
        for r in &self.rcpts {
            self.transient.insert(
                r.clone(),
                Failure {
                    rcpt: r.clone(),
                    status: status.into(),
                    diagnostic: format!("x-mailsim; {reason}"),
                    remote_mta: remote.clone(),
                    explain: "tcp.unreachable",
                },
            );
        }
        self.advance();
    }

    fn advance(&mut self) {
        self.idx += 1;
        if self.idx < self.mxs.len() && !self.rcpts.is_empty() {
            self.query_exchange();
        } else {
            self.end();
        }
    }

    fn end(&mut self) {
        self.waiting = Waiting::Nothing;
        self.step = Some(Step::Finished);
    }
}

/// What the start of a queue run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Round {
    /// Try these recipients now.
    Try(Vec<String>),
    /// The message carries too many `Received:` lines (RFC 5321 §6.3): it
    /// fails for good, for every pending recipient (already recorded).
    Loop,
    /// Tries are running already; nothing to start.
    Busy,
}

/// After a round: what to tell the sender and when to try again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settlement {
    /// The recipients that failed for good, for one bounce (RFC 3464).
    pub bounce: Vec<Failure>,
    /// The bounce is a give-up: the message is too old to retry.
    pub gave_up: bool,
    /// Try again at this time.
    pub retry: Option<Retry>,
    /// Nothing is left to do: the entry leaves the queue.
    pub done: bool,
}

/// A retry the queue scheduled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    pub at: SimTime,
    /// How many rounds have failed so far.
    pub attempt: u32,
    pub rcpts: Vec<String>,
    /// The last failures, as one line.
    pub reason: String,
}

impl QueueEntry {
    /// Starts a round: takes the pending recipients, unless the message
    /// loops (then they all fail with 5.4.6).
    pub fn start_round(&mut self, max_hops: usize) -> Round {
        if self.active > 0 {
            return Round::Busy;
        }
        let pending = std::mem::take(&mut self.pending);
        if !super::is_loop(&self.data, max_hops) {
            return Round::Try(pending);
        }
        let hops = super::hop_count(&self.data).saturating_sub(1);
        for rcpt in pending {
            self.failed.push(Failure {
                rcpt,
                status: "5.4.6".into(),
                diagnostic: format!(
                    "x-mailsim; mail loop? it arrived with {hops} Received headers (limit {max_hops})"
                ),
                remote_mta: None,
                explain: "mta.loop",
            });
        }
        Round::Loop
    }

    /// One try of the round ended.
    pub fn record(&mut self, result: DeliveryResult) {
        self.failed.extend(result.permanent);
        for f in result.transient {
            self.last_error.retain(|x| x.rcpt != f.rcpt);
            self.pending.push(f.rcpt.clone());
            self.last_error.push(f);
        }
        self.active = self.active.saturating_sub(1);
    }

    /// After every try of a round ended (`None` while some still run):
    /// bounce what failed for good; retry what failed for now, or give it
    /// up when the next try would be too late (§4.5.4.1). A give-up
    /// reports the last real problem (RFC 3463: 4.4.1 no answer, or the
    /// last 4xx reply's code), 4.4.7 "delivery time expired" only when
    /// none is known.
    pub fn settle(&mut self, now: SimTime, retry: &RetryPolicy) -> Option<Settlement> {
        if self.active > 0 {
            return None;
        }
        let mut s = Settlement {
            bounce: std::mem::take(&mut self.failed),
            ..Settlement::default()
        };
        if !self.pending.is_empty() {
            self.failures += 1;
            match retry.next_attempt(self.arrived, now, self.failures) {
                Some(at) => {
                    let reason = self
                        .last_error
                        .iter()
                        .map(|f| f.diagnostic.clone())
                        .collect::<Vec<_>>()
                        .join("; ");
                    s.retry = Some(Retry {
                        at,
                        attempt: self.failures,
                        rcpts: self.pending.clone(),
                        reason,
                    });
                }
                None => {
                    s.gave_up = true;
                    for r in std::mem::take(&mut self.pending) {
                        let f = self.last_error.iter().find(|f| f.rcpt == r).cloned();
                        let mut f = f.unwrap_or_else(|| Failure {
                            rcpt: r.clone(),
                            status: "4.4.7".into(),
                            diagnostic: "x-mailsim; delivery time expired".into(),
                            remote_mta: None,
                            explain: "mta.giveup",
                        });
                        f.explain = "mta.giveup";
                        s.bounce.push(f);
                    }
                }
            }
        }
        s.done = self.pending.is_empty();
        Some(s)
    }

    /// The host is down when a run comes up: look again after
    /// [`DOWN_HOST_POLL`], but only while the message is younger than the
    /// give-up age; `None` means wait, without polling, for the host to
    /// come back (then it is tried once more and, failing, given up). A
    /// host that never comes back so leaves its mail in its queue, and the
    /// run ends (issue 16).
    pub fn when_host_down(&self, now: SimTime, retry: &RetryPolicy) -> Option<SimTime> {
        let at = now + DOWN_HOST_POLL;
        (at - self.arrived <= retry.max_age && at != now).then_some(at)
    }
}
