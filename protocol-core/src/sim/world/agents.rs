//! The mail programs: John's (and anyone's) SMTP submission of a
//! composed message, POP3 fetching, and IMAP visits (Dave's phone), as
//! scripted agents.

use super::*;

impl World {
    // ---- the mail programs --------------------------------------------------

    pub(super) fn start_job(&mut self, job: JobId) {
        let (host, server) = match self.jobs.get(&job) {
            Some(Job::Send(s)) => (s.from_host.clone(), s.server.clone()),
            Some(Job::Fetch(f)) => (f.host.clone(), f.server.clone()),
            Some(Job::Imap(j)) => (j.host.clone(), j.server.clone()),
            None => return,
        };
        if let Some(h) = self.hosts.get(&server) {
            let ip = h.config.ip;
            return self.job_connect(job, ip);
        }
        self.dns_query(&host, &server, RecordType::A, DnsPurpose::Job(job));
    }

    /// An RFC 5322 message as John's mail program writes it.
    pub(super) fn compose(&mut self, s: &SendJob) -> Vec<u8> {
        use crate::message::push_u64;
        self.next_message += 1;
        let host_name = self
            .hosts
            .get(&s.from_host)
            .map_or(s.from_host.as_str(), |h| h.config.name.as_str());
        // `Local <addr>` with the local part's first letter upper-cased.
        let display = |m: &mut String, addr: &str| {
            let local = addr.split('@').next().unwrap_or(addr);
            let mut chars = local.chars();
            if let Some(c) = chars.next() {
                m.push(c.to_ascii_uppercase());
            }
            m.push_str(chars.as_str());
            m.push_str(" <");
            m.push_str(addr);
            m.push('>');
        };
        // Pushed piece by piece (no `format!`): one message per job.
        let mut m = String::with_capacity(256 + s.body.len() + s.subject.len());
        m.push_str("From: ");
        display(&mut m, &s.from);
        m.push_str("\r\nTo: ");
        for (i, t) in s.to.iter().enumerate() {
            if i > 0 {
                m.push_str(", ");
            }
            display(&mut m, t);
        }
        m.push_str("\r\nSubject: ");
        m.push_str(&s.subject);
        m.push_str("\r\nDate: ");
        m.push_str(&rfc5322_date(self.now));
        m.push_str("\r\nMessage-ID: <");
        // Seconds since 1970 a day after virtual time zero: unique across
        // the runs of `mailsim serve`, which moves time zero to its start.
        let base = (crate::message::sim_epoch() + 86_400).max(0) as u64;
        push_u64(&mut m, self.now.as_micros() / 1_000_000 + base);
        m.push('.');
        push_u64(&mut m, self.next_message);
        m.push('@');
        m.push_str(host_name);
        m.push_str(">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        for line in s.body.lines() {
            m.push_str(line);
            m.push_str("\r\n");
        }
        m.into_bytes()
    }

    /// The message of a raw send job: the headers as [`World::compose`]
    /// writes them, then the body byte for byte (bare LFs kept).
    pub(super) fn compose_raw(&mut self, s: &SendJob) -> Vec<u8> {
        let mut head = self.compose(&SendJob {
            body: String::new(),
            ..s.clone()
        });
        head.extend_from_slice(s.body.as_bytes());
        head
    }

    pub(super) fn job_connect(&mut self, job: JobId, ip: Ipv4Addr) {
        let Some(target) = self.by_ip.get(&ip).cloned() else {
            self.jobs.remove(&job);
            return;
        };
        let (host, port) = match self.jobs.get(&job) {
            Some(Job::Send(s)) => (s.from_host.clone(), s.port),
            Some(Job::Fetch(f)) => (f.host.clone(), f.port),
            Some(Job::Imap(j)) => (j.host.clone(), j.port),
            None => return,
        };
        let protocol = match self.check_connect(&host, &target, port) {
            Ok(p) => p,
            Err(err) => {
                self.trace_connect_error(&host, &target, port, &err);
                self.schedule(self.now, Action::JobConnectFailed { job });
                return;
            }
        };
        let client = match self.jobs.get(&job) {
            Some(Job::Send(s)) => {
                let s = s.clone();
                let raw = self.raw_jobs.contains_key(&job);
                let data = if raw {
                    self.compose_raw(&s)
                } else {
                    self.compose(&s)
                };
                let from = ReversePath::Mailbox(
                    Mailbox::parse(&s.from).unwrap_or_else(|_| Mailbox::new("invalid", "invalid")),
                );
                let rcpts =
                    s.to.iter()
                        .filter_map(|t| crate::scenario::parse_recipient(t).ok())
                        .collect();
                let mut config =
                    smtp::client::ClientConfig::new(self.hosts[&host].config.name.clone());
                config.auth = s.auth.clone();
                config.raw_data = raw;
                let mut session =
                    smtp::client::ClientSession::new(config, from, rcpts, data, self.now);
                session.set_wire_events(false);
                ClientEnd::Smtp {
                    session: Box::new(session),
                    purpose: SmtpPurpose::Submit(job),
                    outcome: None,
                }
            }
            Some(Job::Fetch(f)) => {
                let mut config =
                    pop3::client::ClientConfig::new(f.login.clone(), f.password.clone());
                config.use_apop = f.apop;
                config.delete_after_retrieve = f.delete;
                config.known_uids = self
                    .known_uids
                    .get(&(f.host.clone(), f.login.clone()))
                    .cloned()
                    .unwrap_or_default();
                let mut session = pop3::client::ClientSession::new(config, self.now);
                session.set_wire_events(false);
                ClientEnd::Pop3 {
                    session: Box::new(session),
                    job,
                }
            }
            Some(Job::Imap(j)) => {
                let j = j.clone();
                let mut config = imap::client::ClientConfig::new(j.login.clone(), j.password);
                config.peek = j.peek;
                config.delete = j.delete;
                config.move_to = j.move_to;
                config.idle_for = j.idle;
                config.seen = self.imap_seen.get(&(j.host.clone(), j.login)).copied();
                if let Some(a) = j.append {
                    let data = self.compose(&SendJob {
                        from_host: j.host.clone(),
                        server: j.server.clone(),
                        port: j.port,
                        auth: None,
                        from: a.from,
                        to: a.to,
                        subject: a.subject,
                        body: a.body,
                    });
                    config.append = Some((a.folder, data));
                }
                ClientEnd::Imap {
                    session: Box::new(imap::client::ClientSession::new(config, self.now)),
                    job,
                }
            }
            None => return,
        };
        self.open(&host, &target, port, protocol, client);
    }
}
