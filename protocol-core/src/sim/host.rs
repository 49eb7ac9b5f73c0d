//! A host of the world: its name and address, the services it runs, and the
//! mail it holds (accounts, one mail store, queue). The SMTP server sessions
//! reach the host's data through [`SmtpPolicy`]; POP3 and IMAP sessions
//! share ONE store, [`MailState::store`] (an [`imap::MemoryMailstore`]: a
//! POP3 maildrop is the account's IMAP INBOX, see `imap::store`'s header).

use crate::address::{Mailbox, ReversePath};
use crate::imap;
use crate::message::{received_header, rfc5322_date};
use crate::mta::{self, QueueEntry};
use crate::pop3::server::{LockError, Maildrops, StoredMessage};
use crate::smtp::reply::{EnhancedCode, Reply};
use crate::smtp::server::{Envelope, FaultStage, Injected, ServerPolicy};
use crate::time::{SimDuration, SimTime};
use crate::vec_map::VecMap;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::sync::Arc;

/// A mail account: login for POP3 and submission, and its address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub login: String,
    pub password: String,
    pub address: String,
}

/// How a host is set up (built from the cast and the scenario).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostConfig {
    /// Short id used in the trace: `john-pc`, `isp`, `mx`.
    pub id: String,
    /// Its DNS name.
    pub name: String,
    pub ip: Ipv4Addr,
    /// An MTA on port 25.
    pub smtp: bool,
    /// A submission server on port 587 (AUTH required).
    pub submission: bool,
    /// A POP3 server on port 110.
    pub pop3: bool,
    /// An IMAP server on port 143 (RFC 9051), on the same store as POP3.
    pub imap: bool,
    /// The name the POP3 service greets with, if not the host's own (the
    /// ISP's is `pop.isp.example`: POP3 is not "the SMTP server").
    pub pop3_name: Option<String>,
    /// Domains whose mailboxes live here.
    pub local_domains: Vec<String>,
    /// Domains accepted and passed on (a backup MX, a filter).
    pub relay_domains: Vec<String>,
    /// Clients allowed to relay without AUTH.
    pub relay_networks: Vec<(Ipv4Addr, u8)>,
    /// Send everything that is not local to this host instead of using MX.
    pub smarthost: Option<String>,
    /// Greylisting: refuse an unknown (client, sender, recipient) with 451
    /// until it retries after this long.
    pub greylist: Option<SimDuration>,
    pub max_message_size: Option<usize>,
    pub accounts: Vec<Account>,
    /// Relay for anyone, from anywhere, without AUTH (the "open relay"
    /// switch of the lab: to show why nobody runs one, RFC 5321 §7.1).
    pub open_relay: bool,
    /// Offer PIPELINING (RFC 2920); on by default.
    pub pipelining: bool,
    /// Read a bare LF as CRLF in messages (the SMTP smuggling lesson's
    /// vulnerable server); see `smtp::server::ServerConfig::normalise_bare_lf`.
    pub normalise_bare_lf: bool,
    /// This host's own retry schedule, instead of the world's.
    pub retry: Option<mta::RetryPolicy>,
    /// This host's own "delayed" DSN time, instead of the world's.
    pub delay_warning: Option<SimDuration>,
    /// Reply overrides ("chaos") on this host's SMTP servers.
    pub faults: Vec<HostFault>,
    /// DKIM-sign its users' outgoing mail for this domain (RFC 6376 §5),
    /// with keys made from the world's seed: by default one Ed25519 key,
    /// published at `mail._domainkey.<domain>` ([`DKIM_SELECTOR`]).
    pub dkim_domain: Option<String>,
    /// How it signs: the algorithms (one signature each, in this order) and
    /// the canonicalisation. The default is what the world always did:
    /// ed25519-sha256 only, relaxed/relaxed.
    pub dkim: DkimSettings,
    /// Check SPF, DKIM and DMARC of the mail it receives from other
    /// servers, and record them in `Authentication-Results:`
    /// ([`super::sender_checks`]).
    pub check_senders: bool,
    /// A line it adds to the end of every message it relays (a virus
    /// scanner's note): it changes the body after any DKIM signature.
    pub footer: Option<String>,
    /// Forwarding rules: (lower-case address, where its mail goes instead).
    pub forwards: Vec<(String, String)>,
    /// A spam filter's rules ([`super::spam`]).
    pub spam: Option<super::spam::SpamRules>,
}

/// One injected fault of a host (from a scenario's `[[fault]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostFault {
    /// Only on this port (25 or 587); both when `None`.
    pub port: Option<u16>,
    pub stage: FaultStage,
    pub injected: Injected,
    /// The first this many times only; every time when `None`.
    pub times: Option<u32>,
}

/// The DKIM selector of the world's signing hosts (their Ed25519 key).
pub const DKIM_SELECTOR: &str = "mail";
/// The selector of their RSA key, when they sign with rsa-sha256 too: one
/// key record per selector, so each algorithm needs a selector of its own
/// (RFC 8463 §6).
pub const DKIM_RSA_SELECTOR: &str = "rsa";
/// The size of the world's RSA keys: what RFC 8301 §3.2 asks signers for.
pub const DKIM_RSA_BITS: usize = 2048;

/// A DKIM signing algorithm a host can use (`[host.dkim] algorithms`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DkimAlgorithm {
    /// RFC 8463; always built in with the `dkim` feature.
    #[serde(rename = "ed25519-sha256")]
    Ed25519Sha256,
    /// RFC 6376 §3.3.1; needs the `dkim-rsa` feature (not in the web app).
    #[serde(rename = "rsa-sha256")]
    RsaSha256,
}

impl DkimAlgorithm {
    pub fn as_str(self) -> &'static str {
        match self {
            DkimAlgorithm::Ed25519Sha256 => "ed25519-sha256",
            DkimAlgorithm::RsaSha256 => "rsa-sha256",
        }
    }

    /// The selector its key is published under.
    pub fn selector(self) -> &'static str {
        match self {
            DkimAlgorithm::Ed25519Sha256 => DKIM_SELECTOR,
            DkimAlgorithm::RsaSha256 => DKIM_RSA_SELECTOR,
        }
    }

    /// Whether this build can sign with it.
    pub fn built_in(self) -> bool {
        match self {
            DkimAlgorithm::Ed25519Sha256 => cfg!(feature = "dkim"),
            DkimAlgorithm::RsaSha256 => cfg!(feature = "dkim-rsa"),
        }
    }
}

/// Header/body canonicalisation of a host's signatures (`c=`, RFC 6376
/// §3.4; `[host.dkim] canonicalization`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DkimCanonicalization {
    #[default]
    #[serde(rename = "relaxed/relaxed")]
    RelaxedRelaxed,
    #[serde(rename = "simple/simple")]
    SimpleSimple,
    #[serde(rename = "relaxed/simple")]
    RelaxedSimple,
    #[serde(rename = "simple/relaxed")]
    SimpleRelaxed,
}

impl DkimCanonicalization {
    pub const ALL: [DkimCanonicalization; 4] = [
        DkimCanonicalization::RelaxedRelaxed,
        DkimCanonicalization::SimpleSimple,
        DkimCanonicalization::RelaxedSimple,
        DkimCanonicalization::SimpleRelaxed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DkimCanonicalization::RelaxedRelaxed => "relaxed/relaxed",
            DkimCanonicalization::SimpleSimple => "simple/simple",
            DkimCanonicalization::RelaxedSimple => "relaxed/simple",
            DkimCanonicalization::SimpleRelaxed => "simple/relaxed",
        }
    }

    /// (header relaxed, body relaxed).
    pub fn relaxed(self) -> (bool, bool) {
        match self {
            DkimCanonicalization::RelaxedRelaxed => (true, true),
            DkimCanonicalization::SimpleSimple => (false, false),
            DkimCanonicalization::RelaxedSimple => (true, false),
            DkimCanonicalization::SimpleRelaxed => (false, true),
        }
    }
}

/// How a host with a [`HostConfig::dkim_domain`] signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DkimSettings {
    /// One signature per algorithm, the first on top.
    pub algorithms: Vec<DkimAlgorithm>,
    pub canonicalization: DkimCanonicalization,
}

impl Default for DkimSettings {
    fn default() -> Self {
        DkimSettings {
            algorithms: vec![DkimAlgorithm::Ed25519Sha256],
            canonicalization: DkimCanonicalization::RelaxedRelaxed,
        }
    }
}

impl HostConfig {
    pub fn new(id: &str, name: &str, ip: Ipv4Addr) -> Self {
        HostConfig {
            id: id.into(),
            name: name.into(),
            ip,
            smtp: false,
            submission: false,
            pop3: false,
            imap: false,
            pop3_name: None,
            local_domains: Vec::new(),
            relay_domains: Vec::new(),
            relay_networks: Vec::new(),
            smarthost: None,
            greylist: None,
            max_message_size: None,
            accounts: Vec::new(),
            open_relay: false,
            pipelining: true,
            normalise_bare_lf: false,
            retry: None,
            delay_warning: None,
            faults: Vec::new(),
            dkim_domain: None,
            dkim: DkimSettings::default(),
            check_senders: false,
            footer: None,
            forwards: Vec::new(),
            spam: None,
        }
    }
}

/// A triplet never retried is forgotten this long after its delay ended
/// (postgrey's `--retry-window`: 2 days).
pub const GREYLIST_RETRY_WINDOW: SimDuration = SimDuration::from_secs(2 * 24 * 3600);
/// A triplet that passed is remembered this long after it was last seen
/// (postgrey's `--max-age`: 35 days).
pub const GREYLIST_MAX_AGE: SimDuration = SimDuration::from_secs(35 * 24 * 3600);
/// The most triplets remembered. When the table is full of live entries, a
/// new triplet is refused with 451 without being recorded (it is tried
/// again after the next sweep), so a flood of made-up senders costs
/// bounded memory.
pub const GREYLIST_MAX_ENTRIES: usize = 100_000;
/// Expired triplets are swept this often, or this other often while the
/// table is full (a sweep visits every triplet: not at every insert).
const GREYLIST_SWEEP: SimDuration = SimDuration::from_secs(3600);
const GREYLIST_FULL_SWEEP: SimDuration = SimDuration::from_secs(60);

/// The greylisting table: (client IP, sender, recipient) -> when first and
/// last seen. A B-tree, so a look-up or insert stays O(log n) however many
/// triplets it holds (a sorted `Vec` moved the whole table on each insert).
#[derive(Debug, Default)]
pub struct Greylist {
    seen: std::collections::BTreeMap<(Ipv4Addr, String, String), GreySeen>,
    last_sweep: SimTime,
}

#[derive(Debug, Clone, Copy)]
struct GreySeen {
    first: SimTime,
    last: SimTime,
    passed: bool,
}

impl GreySeen {
    fn expired(&self, now: SimTime, delay: SimDuration) -> bool {
        if self.passed {
            now - self.last > GREYLIST_MAX_AGE
        } else {
            now - self.first > delay + GREYLIST_RETRY_WINDOW
        }
    }
}

impl Greylist {
    /// Whether this triplet may pass now; records it when first seen.
    pub fn passes(
        &mut self,
        now: SimTime,
        key: (Ipv4Addr, String, String),
        delay: SimDuration,
    ) -> bool {
        let full = self.seen.len() >= GREYLIST_MAX_ENTRIES;
        let since = now - self.last_sweep;
        if since >= GREYLIST_SWEEP || (full && since >= GREYLIST_FULL_SWEEP) {
            self.seen.retain(|_, e| !e.expired(now, delay));
            self.last_sweep = now;
        }
        match self.seen.get_mut(&key) {
            Some(e) if !e.expired(now, delay) => {
                if now - e.first >= delay {
                    e.passed = true;
                    e.last = now;
                    true
                } else {
                    false
                }
            }
            Some(e) => {
                *e = GreySeen {
                    first: now,
                    last: now,
                    passed: false,
                };
                false
            }
            None => {
                if self.seen.len() < GREYLIST_MAX_ENTRIES {
                    self.seen.insert(
                        key,
                        GreySeen {
                            first: now,
                            last: now,
                            passed: false,
                        },
                    );
                }
                false
            }
        }
    }

    /// How many triplets are remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// The mail a host holds and the rules it applies.
#[derive(Debug)]
pub struct MailState {
    pub name: String,
    pub id: String,
    pub ip: Ipv4Addr,
    pub local_domains: BTreeSet<String>,
    pub relay_domains: BTreeSet<String>,
    pub smarthost: Option<String>,
    pub greylist: Option<SimDuration>,
    greylist_seen: Greylist,
    /// login -> account
    pub accounts: VecMap<String, Account>,
    /// lower-cased address -> login
    by_address: VecMap<String, String>,
    /// The login that receives this host's postmaster mail: see
    /// [`MailState::postmaster_account`].
    postmaster: Option<String>,
    /// Every account's folders: what POP3 calls the maildrop is the IMAP
    /// INBOX, and POP3's lock is the store's (RFC 1939 §4 versus RFC 9051's
    /// concurrent sessions, see `imap::store`).
    pub store: imap::MemoryMailstore,
    pub queue: VecMap<String, QueueEntry>,
    next_queue: u64,
    /// Messages accepted by the SMTP server since the world last looked.
    pub accepted: Vec<String>,
    /// Injected faults and how often each has struck.
    pub faults: Vec<(HostFault, u32)>,
    /// See [`HostConfig::check_senders`].
    pub check_senders: bool,
    /// See [`HostConfig::dkim_domain`].
    pub dkim_domain: Option<String>,
    /// [`HostConfig::dkim`] names rsa-sha256 (for the note of a build
    /// without it).
    pub dkim_rsa_wanted: bool,
    /// See [`HostConfig::footer`].
    pub footer: Option<String>,
    /// See [`HostConfig::forwards`].
    pub forwards: Vec<(String, String)>,
    /// See [`HostConfig::spam`].
    pub spam: Option<super::spam::SpamRules>,
    /// The signers for [`HostConfig::dkim_domain`], one per algorithm of
    /// [`HostConfig::dkim`] (made by the world, which knows the seed).
    #[cfg(feature = "dkim")]
    pub signers: Vec<crate::auth::dkim::Signer>,
    /// What the sender checks and the signer did since the world last
    /// looked, for its trace.
    #[cfg(feature = "auth")]
    pub auth_log: Vec<super::sender_checks::CheckLog>,
}

impl MailState {
    pub fn new(cfg: &HostConfig) -> Self {
        // Filled with `insert` rather than `collect`: collecting into a B-tree
        // sorts first, and each sort adds a few KB to the web bundle.
        let mut accounts = VecMap::new();
        let mut store = imap::MemoryMailstore::new();
        // The trace reports what IMAP removes (with its POP3 UIDL).
        store.track_removals();
        let mut by_address = VecMap::new();
        for a in &cfg.accounts {
            accounts.insert(a.login.clone(), a.clone());
        }
        for a in accounts.values() {
            store.add_account(a.login.clone(), a.password.clone());
            by_address.insert(a.address.to_ascii_lowercase(), a.login.clone());
        }
        let mut local_domains = BTreeSet::new();
        local_domains.extend(cfg.local_domains.iter().map(|d| d.to_ascii_lowercase()));
        let mut relay_domains = BTreeSet::new();
        relay_domains.extend(cfg.relay_domains.iter().map(|d| d.to_ascii_lowercase()));
        MailState {
            by_address,
            postmaster: cfg.accounts.first().map(|a| a.login.clone()),
            name: cfg.name.clone(),
            id: cfg.id.clone(),
            ip: cfg.ip,
            local_domains,
            relay_domains,
            smarthost: cfg.smarthost.clone(),
            greylist: cfg.greylist,
            greylist_seen: Greylist::default(),
            accounts,
            store,
            queue: VecMap::new(),
            next_queue: 0,
            accepted: Vec::new(),
            faults: cfg.faults.iter().map(|f| (f.clone(), 0)).collect(),
            check_senders: cfg.check_senders,
            dkim_domain: cfg.dkim_domain.clone(),
            dkim_rsa_wanted: cfg.dkim.algorithms.contains(&DkimAlgorithm::RsaSha256),
            footer: cfg.footer.clone(),
            forwards: cfg.forwards.clone(),
            spam: cfg.spam.clone(),
            #[cfg(feature = "dkim")]
            signers: Vec::new(),
            #[cfg(feature = "auth")]
            auth_log: Vec::new(),
        }
    }

    /// A fresh queue id: the host id in capitals and a counter (`ISP0001`).
    pub fn new_queue_id(&mut self) -> String {
        self.next_queue += 1;
        let prefix: String = self
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        format!("{prefix}{:04}", self.next_queue)
    }

    /// The account that owns `address`, if it lives here. The host's
    /// postmaster addresses (see [`MailState::is_postmaster`]) that no
    /// account owns by name belong to [`MailState::postmaster_account`].
    pub fn account_for(&self, address: &str) -> Option<&Account> {
        self.by_address
            .get(&address.to_ascii_lowercase())
            .and_then(|l| self.accounts.get(l))
            .or_else(|| {
                self.is_postmaster(address)
                    .then(|| self.postmaster_account())
                    .flatten()
            })
    }

    /// RFC 5321 §4.5.1: every SMTP host has a `postmaster`, and mail to
    /// `<postmaster>` (no domain, any case) or to `postmaster@` one of its
    /// local domains must be accepted and delivered. The rule here: the
    /// host's postmaster is its FIRST account (in the order of the cast and
    /// the scenario's `accounts`), unless an account has that postmaster
    /// address itself. `None` for a host without accounts (a backup MX or a
    /// filter): the world then passes bare `<postmaster>` on to
    /// `postmaster@` the first domain the host serves
    /// ([`MailState::postmaster_forward`]).
    pub fn postmaster_account(&self) -> Option<&Account> {
        self.postmaster.as_ref().and_then(|l| self.accounts.get(l))
    }

    /// `postmaster` without a domain, or `postmaster@` a local domain
    /// (both compared without case, §4.5.1 and §2.4).
    pub fn is_postmaster(&self, address: &str) -> bool {
        match address.rsplit_once('@') {
            None => address.eq_ignore_ascii_case("postmaster"),
            Some((local, domain)) => {
                local.eq_ignore_ascii_case("postmaster") && self.is_local(domain)
            }
        }
    }

    /// Where a host without its own postmaster mailbox sends mail for bare
    /// `<postmaster>`: `postmaster@` its first local domain, else its first
    /// relay domain (lower case, sorted). `None` if it serves no domain.
    pub fn postmaster_forward(&self) -> Option<String> {
        self.local_domains
            .iter()
            .chain(&self.relay_domains)
            .next()
            .map(|d| format!("postmaster@{d}"))
    }

    pub fn is_local(&self, domain: &str) -> bool {
        self.local_domains.contains(&domain.to_ascii_lowercase())
    }

    /// Where a forwarding rule sends mail for `rcpt`, if one does.
    pub fn forward_of(&self, rcpt: &str) -> Option<&str> {
        let r = rcpt.to_ascii_lowercase();
        self.forwards
            .iter()
            .find(|(from, _)| *from == r)
            .map(|(_, to)| to.as_str())
    }

    /// Puts a message into the queue and returns its id.
    pub fn enqueue(
        &mut self,
        from: String,
        rcpts: Vec<String>,
        data: Vec<u8>,
        now: SimTime,
    ) -> String {
        let id = self.new_queue_id();
        self.enqueue_as(id, from, rcpts, data, now)
    }

    /// Queues under an id already taken with [`MailState::new_queue_id`]
    /// (a bounce is announced with the id it is then queued under).
    pub fn enqueue_as(
        &mut self,
        id: String,
        from: String,
        rcpts: Vec<String>,
        data: Vec<u8>,
        now: SimTime,
    ) -> String {
        self.queue.insert(
            id.clone(),
            QueueEntry {
                id: id.clone(),
                from,
                pending: rcpts,
                failed: Vec::new(),
                last_error: Vec::new(),
                data,
                arrived: now,
                failures: 0,
                active: 0,
            },
        );
        id
    }
}

fn reply(code: u16, esc: (u8, u16, u16), text: &str) -> Reply {
    Reply::new(code, Some(EnhancedCode(esc.0, esc.1, esc.2)), text)
}

/// The SMTP server's view of a host (one per `handle_*` call).
pub struct SmtpPolicy<'a> {
    pub mail: &'a mut MailState,
    /// Whether this is the submission port (587). The Received header's
    /// `with` clause comes from the session ([`Envelope::received_protocol`]).
    pub submission: bool,
    /// The world's zones, for the sender checks.
    pub zones: &'a crate::dns::Zones,
    /// Whether the DNS server can be reached now.
    pub dns_ok: bool,
}

impl ServerPolicy for SmtpPolicy<'_> {
    fn authenticate(&mut self, username: &str, password: &str) -> bool {
        self.mail
            .accounts
            .get(username)
            .is_some_and(|a| a.password == password)
    }

    fn mailbox_exists(&self, mailbox: &Mailbox) -> bool {
        let domain = mailbox.domain.to_ascii_lowercase();
        // A backup MX or filter cannot know the users behind it: it accepts
        // every recipient of the domains it relays for.
        self.mail.relay_domains.contains(&domain)
            || self.mail.account_for(&mailbox.to_string()).is_some()
    }

    fn checks_rcpt(&self) -> bool {
        self.mail.greylist.is_some()
    }

    fn inject(&mut self, stage: FaultStage) -> Option<Injected> {
        let port = if self.submission { 587 } else { 25 };
        self.mail.inject(stage, port)
    }

    fn check_rcpt(&mut self, now: SimTime, envelope: &Envelope, rcpt: &Mailbox) -> Option<Reply> {
        let delay = self.mail.greylist?;
        if envelope.authenticated.is_some() {
            return None;
        }
        let from = match &envelope.from {
            ReversePath::Null => String::new(),
            ReversePath::Mailbox(m) => m.to_string().to_ascii_lowercase(),
        };
        let key = (envelope.peer, from, rcpt.to_string().to_ascii_lowercase());
        if self.mail.greylist_seen.passes(now, key, delay) {
            None
        } else {
            Some(reply(451, (4, 7, 1), "Greylisted, please try again later"))
        }
    }

    fn accept_message(
        &mut self,
        now: SimTime,
        envelope: &Envelope,
        data: Vec<u8>,
    ) -> Result<String, Reply> {
        #[cfg(feature = "auth")]
        let (data, spam) = self.check_and_sign(envelope, data)?;
        let data = match &self.mail.footer {
            Some(footer) => {
                #[cfg(feature = "auth")]
                self.mail
                    .auth_log
                    .push(super::sender_checks::CheckLog::Step {
                        method: "dkim",
                        key: "auth.relay.footer",
                        text: format!(
                            "{} adds a line to the end of the body: {footer}",
                            self.mail.name
                        ),
                    });
                let mut d = data;
                if !d.ends_with(b"\r\n") {
                    d.extend_from_slice(b"\r\n");
                }
                d.extend_from_slice(format!("{footer}\r\n").as_bytes());
                d
            }
            None => data,
        };
        let id = self.mail.new_queue_id();
        let with = envelope.received_protocol();
        let for_rcpt = (envelope.to.len() == 1).then(|| &envelope.to[0]);
        let value = received_header(
            &envelope.helo,
            envelope.peer,
            &self.mail.name,
            with,
            &id,
            for_rcpt,
            &rfc5322_date(now),
        );
        let data = mta::prepend_header(&data, &format!("Received: {value}"));
        #[cfg(feature = "auth")]
        let data = match &spam {
            // RFC 8601 §5: above the trace fields of this hop.
            Some((results, quarantine)) => {
                let data =
                    mta::prepend_header(&data, &format!("Authentication-Results: {results}"));
                if *quarantine {
                    mta::prepend_header(&data, "X-Spam-Flag: YES")
                } else {
                    data
                }
            }
            None => data,
        };
        #[cfg(feature = "auth")]
        let data = self.spam_filter(envelope, data, spam.as_ref());
        let from = match &envelope.from {
            ReversePath::Null => String::new(),
            ReversePath::Mailbox(m) => m.to_string(),
        };
        self.mail.queue.insert(
            id.clone(),
            QueueEntry {
                id: id.clone(),
                from,
                // A forwarding rule replaces the recipient; the envelope
                // sender stays (RFC 5321 §3.9.1), see `World::on_accepted`.
                pending: envelope
                    .to
                    .iter()
                    .map(|m| {
                        let r = m.to_string();
                        self.mail.forward_of(&r).map_or(r, str::to_string)
                    })
                    .collect(),
                failed: Vec::new(),
                last_error: Vec::new(),
                data,
                arrived: now,
                failures: 0,
                active: 0,
            },
        );
        self.mail.accepted.push(id.clone());
        Ok(id)
    }
}

#[cfg(feature = "auth")]
impl SmtpPolicy<'_> {
    /// A spam filter's rules ([`super::spam`]) on a message from another
    /// server: each test that matched goes into the trace, and the
    /// `X-Spam-Status:` header on top of the message names them with the
    /// score (`X-Spam-Flag: YES` from the required score on). `checked`:
    /// this host's own `Authentication-Results:` value, if it wrote one.
    fn spam_filter(
        &mut self,
        envelope: &Envelope,
        data: Vec<u8>,
        checked: Option<&(String, bool)>,
    ) -> Vec<u8> {
        use super::sender_checks::CheckLog;
        let Some(rules) = &self.mail.spam else {
            return data;
        };
        if self.submission || envelope.authenticated.is_some() {
            return data;
        }
        let report = super::spam::score(rules, &data, checked.map(|(ar, _)| ar.as_str()));
        for s in &report.signals {
            self.mail.auth_log.push(CheckLog::Step {
                method: "spam",
                key: s.key,
                text: format!("Spam test {} (+{}): {}", s.test, s.points, s.why),
            });
        }
        let status = report.status();
        let spam = report.is_spam();
        self.mail.auth_log.push(CheckLog::Step {
            method: "spam",
            key: if spam {
                "spam.verdict.spam"
            } else {
                "spam.verdict.clean"
            },
            text: format!(
                "{} gives the message {} points; {} or more make it spam. X-Spam-Status: {status}",
                self.mail.name, report.score, report.required
            ),
        });
        let data = mta::prepend_header(&data, &format!("X-Spam-Status: {status}"));
        // A DMARC quarantine has already flagged it.
        if spam && !checked.is_some_and(|(_, quarantined)| *quarantined) {
            mta::prepend_header(&data, "X-Spam-Flag: YES")
        } else {
            data
        }
    }

    /// The sender checks of a message that came from another server (when
    /// the host makes them), then the DKIM signature of one of its own
    /// users' messages (when it signs). `Err`: DMARC says reject. The
    /// `Some` is the `Authentication-Results:` value and whether the
    /// message is quarantined.
    fn check_and_sign(
        &mut self,
        envelope: &Envelope,
        data: Vec<u8>,
    ) -> Result<(Vec<u8>, Option<(String, bool)>), Reply> {
        use super::sender_checks::{self as checks, CheckLog, Verdict};
        let mut results = None;
        let from_user = self.submission || envelope.authenticated.is_some();
        if self.mail.check_senders && !from_user {
            if checks::is_own_server(self.zones, &self.mail.name, envelope.peer) {
                self.mail.auth_log.push(CheckLog::Step {
                    method: "spf",
                    key: "auth.skip.own-server",
                    text: format!(
                        "{} does not check the sender again: {} is one of its own domain's servers, which received the message from the outside",
                        self.mail.name, envelope.helo
                    ),
                });
            } else {
                let report = checks::check_message(
                    self.zones,
                    self.dns_ok,
                    &self.mail.name,
                    envelope,
                    &data,
                );
                self.mail.auth_log.extend(report.log);
                self.mail.auth_log.push(CheckLog::Step {
                    method: "auth",
                    key: "auth.results",
                    text: format!("Authentication-Results: {}", report.header),
                });
                match report.verdict {
                    Verdict::Reject(text) => return Err(reply(550, (5, 7, 1), &text)),
                    Verdict::Quarantine => results = Some((report.header, true)),
                    Verdict::Deliver => results = Some((report.header, false)),
                }
            }
        }
        #[cfg(feature = "dkim")]
        let data = match self.mail.signers.first() {
            Some(first)
                if from_user
                    && crate::auth::dmarc::from_domain(&data)
                        .is_ok_and(|d| crate::auth::is_subdomain_or_same(&d, &first.domain)) =>
            {
                // Each signature covers the message as the user sent it
                // (`h=` never names DKIM-Signature); the first is on top.
                let mut out = Vec::new();
                for signer in &self.mail.signers {
                    let field = signer.sign(&data);
                    self.mail.auth_log.push(CheckLog::Step {
                        method: "dkim",
                        key: "auth.dkim.sign",
                        text: format!(
                            "{} signs the message with DKIM:\n{}",
                            self.mail.name,
                            field.trim_end()
                        ),
                    });
                    out.extend_from_slice(field.as_bytes());
                }
                out.extend_from_slice(&crate::auth::dkim::to_crlf(&data));
                out
            }
            _ => data,
        };
        // The world made no RSA key in a build without `dkim-rsa` (the web
        // page); a scenario file asking for one is refused before it runs,
        // and a host set up by hand says what it left out.
        #[cfg(all(feature = "dkim", not(feature = "dkim-rsa")))]
        if from_user && self.mail.dkim_domain.is_some() && self.mail.dkim_rsa_wanted {
            self.mail.auth_log.push(CheckLog::Step {
                method: "dkim",
                key: "auth.dkim.unavailable",
                text: format!(
                    "{} would also sign with rsa-sha256, but this build has no RSA code (the web page leaves it out): only its Ed25519 signature is added",
                    self.mail.name
                ),
            });
        }
        #[cfg(not(feature = "dkim"))]
        if let (Some(domain), true) = (&self.mail.dkim_domain, from_user) {
            self.mail.auth_log.push(CheckLog::Step {
                method: "dkim",
                key: "auth.dkim.unavailable",
                text: format!(
                    "{} would sign this message with DKIM for {domain}, but this build has no signature code: it goes unsigned",
                    self.mail.name
                ),
            });
        }
        Ok((data, results))
    }
}

impl MailState {
    /// The first injected fault for `stage` on `port` that has strikes
    /// left, counted as used.
    pub fn inject(&mut self, stage: FaultStage, port: u16) -> Option<Injected> {
        let (f, used) = self.faults.iter_mut().find(|(f, used)| {
            f.stage == stage
                && f.port.is_none_or(|p| p == port)
                && f.times.is_none_or(|t| *used < t)
        })?;
        *used += 1;
        Some(f.injected.clone())
    }

    /// The messages POP3 would list for `login` now (its INBOX), with their
    /// UIDLs.
    pub fn maildrop(&self, login: &str) -> Vec<StoredMessage> {
        use imap::Mailstore as _;
        self.store
            .folder(login, "INBOX")
            .map(|f| {
                f.messages
                    .iter()
                    .map(|m| StoredMessage {
                        uid: m.uidl(f.uidvalidity),
                        data: m.data.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// POP3 is served from the host's one store (its INBOX).
impl Maildrops for MailState {
    fn check_password(&self, user: &str, pass: &str) -> bool {
        Maildrops::check_password(&self.store, user, pass)
    }

    fn apop_secret(&self, user: &str) -> Option<String> {
        self.store.apop_secret(user)
    }

    fn lock(&mut self, user: &str) -> Result<Vec<StoredMessage>, LockError> {
        self.store.lock(user)
    }

    fn unlock(&mut self, user: &str) {
        self.store.unlock(user)
    }

    fn delete(&mut self, user: &str, uids: &[String]) {
        Maildrops::delete(&mut self.store, user, uids)
    }
}

/// Everything about one host.
#[derive(Debug)]
pub struct Host {
    pub config: HostConfig,
    pub up: bool,
    pub smtp: Option<Arc<crate::smtp::server::ServerConfig>>,
    pub submission: Option<Arc<crate::smtp::server::ServerConfig>>,
    pub pop3: Option<Arc<crate::pop3::server::ServerConfig>>,
    pub imap: Option<Arc<imap::ServerConfig>>,
    pub mail: MailState,
}

impl Host {
    pub fn new(config: HostConfig) -> Self {
        use crate::smtp::server::{ServerConfig, ServerMode};
        let mut accept = BTreeSet::new();
        accept.extend(config.local_domains.iter().map(|d| d.to_ascii_lowercase()));
        accept.extend(config.relay_domains.iter().map(|d| d.to_ascii_lowercase()));
        let make = |mode| {
            let mut c = ServerConfig::new(config.name.clone(), mode);
            c.local_domains = accept.clone();
            c.relay_networks = config.relay_networks.clone();
            if config.open_relay {
                // 0.0.0.0/0: every client may relay.
                c.relay_networks.push((Ipv4Addr::UNSPECIFIED, 0));
            }
            c.pipelining = config.pipelining;
            c.normalise_bare_lf = config.normalise_bare_lf;
            if let Some(max) = config.max_message_size {
                c.max_message_size = max;
            }
            Arc::new(c)
        };
        Host {
            smtp: config.smtp.then(|| make(ServerMode::Relay)),
            submission: config.submission.then(|| make(ServerMode::Submission)),
            pop3: config.pop3.then(|| {
                let name = config
                    .pop3_name
                    .clone()
                    .unwrap_or_else(|| config.name.clone());
                Arc::new(crate::pop3::server::ServerConfig::new(name))
            }),
            imap: config
                .imap
                .then(|| Arc::new(imap::ServerConfig::new(config.name.clone()))),
            mail: MailState::new(&config),
            up: true,
            config,
        }
    }
}

#[cfg(test)]
mod greylist_tests {
    use super::*;

    fn key(i: u32) -> (Ipv4Addr, String, String) {
        (
            Ipv4Addr::from(0xCB00_7100 + (i % 200)),
            format!("s{i}@x.example"),
            "dave@dave.example".into(),
        )
    }

    fn at_secs(s: u64) -> SimTime {
        SimTime::ZERO + SimDuration::from_secs(s)
    }

    #[test]
    fn a_retry_after_the_delay_passes_and_a_late_one_is_greylisted_again() {
        let delay = SimDuration::from_secs(300);
        let mut g = Greylist::default();
        assert!(!g.passes(at_secs(0), key(1), delay));
        assert!(!g.passes(at_secs(299), key(1), delay));
        assert!(g.passes(at_secs(300), key(1), delay));
        // Passed: still known a month later.
        assert!(g.passes(at_secs(30 * 86400), key(1), delay));
        // Never retried within the window: forgotten, greylisted afresh.
        assert!(!g.passes(at_secs(0), key(2), delay));
        let late = 300 + 2 * 86400 + 1;
        assert!(!g.passes(at_secs(late), key(2), delay));
        assert!(!g.passes(at_secs(late + 299), key(2), delay));
        assert!(g.passes(at_secs(late + 300), key(2), delay));
    }

    #[test]
    fn the_table_forgets_expired_triplets_and_stays_bounded() {
        let delay = SimDuration::from_secs(300);
        let mut g = Greylist::default();
        // A new triplet every 10 s for 5 days, none retried: at most the
        // retry window's worth (plus a sweep period) is remembered.
        let mut most = 0;
        for i in 0..5 * 8640u32 {
            g.passes(at_secs(10 * u64::from(i)), key(i), delay);
            most = most.max(g.len());
        }
        assert!(most <= (2 * 86400 + 300 + 3600) / 10 + 1, "{most}");
        // A flood within one instant is capped.
        let mut g = Greylist::default();
        for i in 0..GREYLIST_MAX_ENTRIES as u32 + 1000 {
            g.passes(at_secs(10), key(i), delay);
        }
        assert_eq!(g.len(), GREYLIST_MAX_ENTRIES);
    }
}
