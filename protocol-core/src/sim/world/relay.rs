//! The MTAs in the world: taking responsibility for a message (the
//! `Queued` event), local delivery, and carrying out what the sans-IO
//! [`crate::mta::queue`] decides (DNS questions, SMTP sessions to the next
//! host, retries, bounces).

use super::*;

impl World {
    // ---- the MTA ----------------------------------------------------------------

    pub(super) fn on_accepted(
        &mut self,
        host: &str,
        queue_id: &str,
        envelope: &smtp::server::Envelope,
        size: usize,
    ) {
        let Some(h) = self.hosts.get_mut(host) else {
            return;
        };
        h.mail.accepted.retain(|q| q != queue_id);
        let message_id = h
            .mail
            .queue
            .get(queue_id)
            .and_then(|e| mta::header_value(&e.data, "Message-ID"));
        let from = match &envelope.from {
            ReversePath::Null => String::new(),
            ReversePath::Mailbox(m) => m.to_string(),
        };
        let rcpts: Vec<String> = envelope.to.iter().map(|m| m.to_string()).collect();
        // Forwarding rules (see `SmtpPolicy::accept_message`): the queue
        // holds the new recipients, and the trace says why, first.
        let name = h.config.name.clone();
        let sender = if from.is_empty() {
            "<>".to_string()
        } else {
            format!("<{from}>")
        };
        let mut queued = Vec::with_capacity(rcpts.len());
        let mut forwarded = Vec::new();
        for r in rcpts {
            match h.mail.forward_of(&r) {
                Some(to) => {
                    forwarded.push((r, to.to_string()));
                    queued.push(to.to_string());
                }
                None => queued.push(r),
            }
        }
        for (rcpt, to) in forwarded {
            self.emit(
                host,
                host,
                EventKind::Note {
                    text: format!(
                        "{name} has a forwarding rule: mail for <{rcpt}> goes on to <{to}>. It sends the message on unchanged, with the same envelope sender {sender} (no SRS)"
                    ),
                    gap: None,
                },
                Some("mta.forward"),
            );
        }
        self.emit(
            host,
            host,
            EventKind::Queued {
                host: host.to_string(),
                queue_id: queue_id.to_string(),
                from,
                rcpts: queued,
                size,
                message_id,
            },
            Some("mta.queued"),
        );
        self.schedule(
            self.now,
            Action::QueueRun {
                host: host.to_string(),
                queue_id: queue_id.to_string(),
            },
        );
    }

    /// Queues a message the host made itself (a bounce) and traces it.
    pub(super) fn enqueue_local(
        &mut self,
        host: &str,
        id: String,
        from: String,
        rcpts: Vec<String>,
        data: Vec<u8>,
    ) -> String {
        // Not `mta.queued`: no client was answered 250 for this one.
        self.enqueue_own(host, id, from, rcpts, data, "mta.bounce.queued")
    }

    /// Queues a notice the host wrote itself, traced with `key`.
    pub(super) fn enqueue_own(
        &mut self,
        host: &str,
        id: String,
        from: String,
        rcpts: Vec<String>,
        data: Vec<u8>,
        key: &'static str,
    ) -> String {
        let now = self.now;
        let h = self.hosts.get_mut(host).expect("host");
        let size = data.len();
        let message_id = mta::header_value(&data, "Message-ID");
        let id = h
            .mail
            .enqueue_as(id, from.clone(), rcpts.clone(), data, now);
        self.emit(
            host,
            host,
            EventKind::Queued {
                host: host.to_string(),
                queue_id: id.clone(),
                from,
                rcpts,
                size,
                message_id,
            },
            Some(key),
        );
        self.schedule(
            now,
            Action::QueueRun {
                host: host.to_string(),
                queue_id: id.clone(),
            },
        );
        id
    }

    pub(super) fn queue_run(&mut self, host: &str, queue_id: &str) {
        let now = self.now;
        let max_hops = self.max_hops;
        let Some(h) = self.hosts.get_mut(host) else {
            return;
        };
        if !h.up {
            let retry = self.retry_for(host);
            let Some(entry) = self
                .hosts
                .get(host)
                .and_then(|h| h.mail.queue.get(queue_id))
            else {
                return;
            };
            let at = entry.when_host_down(now, &retry);
            let (host, queue_id) = (host.to_string(), queue_id.to_string());
            match at {
                Some(at) => {
                    self.schedule(at, Action::QueueRun { host, queue_id });
                }
                None => {
                    self.parked.insert((host, queue_id), ());
                }
            }
            return;
        }
        let Some(entry) = h.mail.queue.get_mut(queue_id) else {
            return;
        };
        let pending = match entry.start_round(max_hops) {
            mta::Round::Busy => return,
            mta::Round::Loop => return self.settle(host, queue_id),
            mta::Round::Try(pending) => pending,
        };
        // Local recipients first, then one attempt per remote domain.
        let mut remote: VecMap<String, Vec<String>> = VecMap::new();
        let mut local = Vec::new();
        for mut rcpt in pending {
            // Bare `<postmaster>` (RFC 5321 §4.5.1) is this host's: its
            // postmaster account, or, for a host without accounts, the
            // postmaster of the first domain it serves (see
            // `MailState::postmaster_account`).
            if !rcpt.contains('@') && h.mail.is_postmaster(&rcpt) {
                if h.mail.postmaster_account().is_none() {
                    if let Some(fwd) = h.mail.postmaster_forward() {
                        rcpt = fwd;
                    }
                }
                if !rcpt.contains('@') {
                    local.push(rcpt);
                    continue;
                }
            }
            let domain = mta::domain_of(&rcpt);
            if h.mail.is_local(&domain) || domain.is_empty() {
                local.push(rcpt);
            } else {
                remote.get_or_default(domain).push(rcpt);
            }
        }
        for rcpt in local {
            self.deliver_local(host, queue_id, &rcpt);
        }
        let h = self.hosts.get_mut(host).expect("host");
        let entry = h.mail.queue.get_mut(queue_id).expect("entry");
        entry.active += remote.len();
        let self_name = h.config.name.clone();
        let smarthost = h.mail.smarthost.clone();
        for (domain, rcpts) in remote {
            let att = self.next_attempt;
            self.next_attempt += 1;
            let delivery = mta::Delivery::new(&domain, rcpts, &self_name, smarthost.as_deref());
            self.attempts.insert(
                att,
                Attempt {
                    host: host.to_string(),
                    queue_id: queue_id.to_string(),
                    delivery,
                },
            );
            self.drive(att);
        }
        self.settle(host, queue_id);
    }

    /// Carries out what an attempt's [`mta::Delivery`] asks for next.
    pub(super) fn drive(&mut self, att: AttemptId) {
        let Some(a) = self.attempts.get_mut(&att) else {
            return;
        };
        match a.delivery.poll_step() {
            None => {}
            Some(mta::Step::Query { name, qtype }) => {
                let host = a.host.clone();
                self.dns_query(&host, &name, qtype, DnsPurpose::Delivery(att));
            }
            Some(mta::Step::Connect { ip, .. }) => self.attempt_connect(att, ip),
            Some(mta::Step::Finished) => {
                let a = self.attempts.remove(&att).expect("attempt");
                let result = a.delivery.finish();
                if let Some(e) = self
                    .hosts
                    .get_mut(&a.host)
                    .and_then(|h| h.mail.queue.get_mut(&a.queue_id))
                {
                    e.record(result);
                }
                self.settle(&a.host, &a.queue_id);
            }
        }
    }

    pub(super) fn deliver_local(&mut self, host: &str, queue_id: &str, rcpt: &str) {
        let h = self.hosts.get_mut(host).expect("host");
        let entry = h.mail.queue.get(queue_id).expect("entry");
        let login = h.mail.account_for(rcpt).map(|a| a.login.clone());
        let Some(login) = login else {
            let e = h.mail.queue.get_mut(queue_id).expect("entry");
            e.failed.push(Failure {
                rcpt: rcpt.to_string(),
                status: "5.1.1".into(),
                diagnostic: format!("x-mailsim; no mailbox for <{rcpt}> at {}", h.mail.name),
                remote_mta: None,
                explain: "smtp.esc.5.1.1",
            });
            return;
        };
        let data = mta::prepend_header(&entry.data, &mta::return_path(&entry.from));
        let message_id = mta::header_value(&data, "Message-ID");
        let text = crate::lossy(&data).into_owned();
        // The same UIDL POP3 has always shown (queue id and the message's
        // place in the INBOX), kept in the one store IMAP shares.
        if !h.mail.store.has_account(&login) {
            let pass = h.mail.accounts.get(&login).map(|a| a.password.clone());
            h.mail
                .store
                .add_account(login.clone(), pass.unwrap_or_default());
        }
        let inbox_len = {
            use crate::imap::Mailstore as _;
            h.mail
                .store
                .folder(&login, "INBOX")
                .map_or(0, |f| f.messages.len())
        };
        let uid = format!("{queue_id}.{}", inbox_len + 1);
        let date = crate::imap::server::imap_date(self.now);
        h.mail
            .store
            .deliver_with_uidl(&login, data, &date, uid.clone());
        self.emit(
            host,
            host,
            EventKind::Delivered {
                host: host.to_string(),
                queue_id: queue_id.to_string(),
                rcpt: rcpt.to_string(),
                mailbox: login.clone(),
                uid,
                message_id,
                message: text,
            },
            Some("mta.delivered"),
        );
        self.store_changed(Some((host.to_string(), login)), None);
    }

    pub(super) fn attempt_connect(&mut self, att: AttemptId, ip: Ipv4Addr) {
        let Some(a) = self.attempts.get_mut(&att) else {
            return;
        };
        let host = a.host.clone();
        let Some(target) = self.by_ip.get(&ip).cloned() else {
            a.delivery.handle_unreachable(format!("no host at {ip}"));
            return self.drive(att);
        };
        match self.check_connect(&host, &target, 25) {
            Ok(protocol) => {
                let a = &self.attempts[&att];
                let e = &self.hosts[&host].mail.queue[&a.queue_id];
                let from = if e.from.is_empty() {
                    ReversePath::Null
                } else {
                    ReversePath::Mailbox(
                        Mailbox::parse(&e.from)
                            .unwrap_or_else(|_| Mailbox::new("postmaster", "invalid")),
                    )
                };
                let rcpts: Vec<Mailbox> = a
                    .delivery
                    .recipients()
                    .iter()
                    .filter_map(|r| Mailbox::parse(r).ok())
                    .collect();
                let config = smtp::client::ClientConfig::new(self.hosts[&host].config.name.clone());
                let mut session =
                    smtp::client::ClientSession::new(config, from, rcpts, e.data.clone(), self.now);
                session.set_wire_events(false);
                let client = ClientEnd::Smtp {
                    session: Box::new(session),
                    purpose: SmtpPurpose::Relay(att),
                    outcome: None,
                };
                self.open(&host, &target, 25, protocol, client);
            }
            Err(err) => {
                self.trace_connect_error(&host, &target, 25, &err);
                let delay = match err {
                    ConnectError::Refused => {
                        self.link(&host, &target).latency + self.link(&target, &host).latency
                    }
                    _ => CONNECT_TIMEOUT,
                };
                let reason = format!("connect to {}:25: {err}", self.hosts[&target].config.name);
                self.schedule(
                    self.now + delay,
                    Action::ConnectFailed {
                        attempt: att,
                        reason,
                    },
                );
            }
        }
    }

    /// An SMTP session of an attempt ended (`None`: before its outcome).
    pub(super) fn attempt_result(
        &mut self,
        att: AttemptId,
        outcome: Option<smtp::client::DeliveryOutcome>,
        server_host: &str,
    ) {
        let remote = self.hosts.get(server_host).map(|h| h.config.name.clone());
        let Some(a) = self.attempts.get_mut(&att) else {
            return;
        };
        let Some(outcome) = outcome else {
            a.delivery
                .handle_lost(remote.as_deref().unwrap_or_default());
            return self.drive(att);
        };
        let relayed = a.delivery.handle_outcome(outcome, remote.as_deref());
        let (host, qid) = (a.host.clone(), a.queue_id.clone());
        if !relayed.is_empty() {
            self.emit(
                &host,
                server_host,
                EventKind::Relayed {
                    host: host.clone(),
                    queue_id: qid,
                    rcpts: relayed,
                    to_host: server_host.to_string(),
                    remote_id: None,
                },
                Some("mta.relayed"),
            );
        }
        self.drive(att);
    }

    /// After every attempt of a round ended: bounce, retry or forget, as
    /// the queue entry decides ([`mta::QueueEntry::settle`]).
    pub(super) fn settle(&mut self, host: &str, queue_id: &str) {
        let now = self.now;
        let retry = self.retry_for(host);
        let Some(e) = self
            .hosts
            .get_mut(host)
            .and_then(|h| h.mail.queue.get_mut(queue_id))
        else {
            return;
        };
        let Some(settled) = e.settle(now, &retry) else {
            return;
        };
        if settled.done {
            self.warned
                .remove(&(host.to_string(), queue_id.to_string()));
        }
        if let Some(r) = settled.retry {
            let rcpts = r.rcpts.clone();
            self.emit(
                host,
                host,
                EventKind::RetryScheduled {
                    host: host.into(),
                    queue_id: queue_id.into(),
                    rcpts: r.rcpts,
                    attempt: r.attempt,
                    next: r.at,
                    reason: r.reason,
                },
                Some("mta.retry"),
            );
            self.schedule(
                r.at,
                Action::QueueRun {
                    host: host.into(),
                    queue_id: queue_id.into(),
                },
            );
            self.maybe_warn_delayed(host, queue_id, &rcpts);
        }
        if !settled.bounce.is_empty() {
            self.bounce(host, queue_id, settled.bounce, settled.gave_up);
        }
        if settled.done {
            if let Some(h) = self.hosts.get_mut(host) {
                h.mail.queue.remove(queue_id);
            }
        }
    }

    pub(super) fn bounce(
        &mut self,
        host: &str,
        queue_id: &str,
        failed: Vec<Failure>,
        gave_up: bool,
    ) {
        let now = self.now;
        let h = self.hosts.get_mut(host).expect("host");
        let e = h.mail.queue.get(queue_id).expect("entry");
        let rcpts: Vec<String> = failed.iter().map(|f| f.rcpt.clone()).collect();
        let reason = failed
            .iter()
            .map(|f| format!("<{}>: {}", f.rcpt, f.diagnostic))
            .collect::<Vec<_>>()
            .join("; ");
        // The narration says why: a give-up, a mail loop (RFC 5321 §6.3), or
        // a plain bounce.
        let explain = if gave_up {
            "mta.giveup"
        } else if failed.iter().all(|f| f.explain == "mta.loop") {
            "mta.loop"
        } else {
            "mta.bounce"
        };
        if e.is_bounce() {
            self.emit(
                host,
                host,
                EventKind::BounceDiscarded {
                    host: host.into(),
                    queue_id: queue_id.into(),
                    rcpts,
                    reason,
                },
                Some("mta.bounce.discarded"),
            );
            return;
        }
        let to = e.from.clone();
        let arrival = rfc5322_date(e.arrived);
        let original = e.data.clone();
        let name = h.mail.name.clone();
        let bounce_id = h.mail.new_queue_id();
        let data = mta::build_bounce(
            &BounceInfo {
                reporting_mta: &name,
                queue_id,
                to: &to,
                arrival_date: &arrival,
                date: &rfc5322_date(now),
                bounce_id: &bounce_id,
                gave_up,
            },
            &original,
            &failed,
        );
        self.emit(
            host,
            host,
            EventKind::Bounced {
                host: host.into(),
                queue_id: queue_id.into(),
                rcpts,
                to: to.clone(),
                reason,
                bounce_id: bounce_id.clone(),
            },
            Some(explain),
        );
        self.enqueue_local(host, bounce_id, String::new(), vec![to], data);
    }

    /// RFC 3464 §2.3.3 `Action: delayed`: once a message has waited the
    /// host's (or the world's) delay-warning time and is still to be
    /// retried, its sender gets one warning that it is late; the final
    /// bounce follows only if the server gives up.
    pub(super) fn maybe_warn_delayed(&mut self, host: &str, queue_id: &str, rcpts: &[String]) {
        let now = self.now;
        let retry = self.retry_for(host);
        let Some(h) = self.hosts.get_mut(host) else {
            return;
        };
        let Some(after) = h.config.delay_warning.or(self.delay_warning) else {
            return;
        };
        let Some(e) = h.mail.queue.get(queue_id) else {
            return;
        };
        let key = (host.to_string(), queue_id.to_string());
        if e.is_bounce() || now - e.arrived < after || self.warned.contains_key(&key) {
            return;
        }
        self.warned.insert(key, ());
        let delayed: Vec<Failure> = rcpts
            .iter()
            .map(|r| {
                e.last_error
                    .iter()
                    .find(|f| &f.rcpt == r)
                    .cloned()
                    .unwrap_or_else(|| Failure {
                        rcpt: r.clone(),
                        status: "4.0.0".into(),
                        diagnostic: "x-mailsim; temporary failure".into(),
                        remote_mta: None,
                        explain: "mta.delayed",
                    })
            })
            .collect();
        let to = e.from.clone();
        let arrival = rfc5322_date(e.arrived);
        let age = (now - e.arrived).to_string();
        let until = rfc5322_date(e.arrived + retry.max_age);
        let original = e.data.clone();
        let name = h.mail.name.clone();
        let notice_id = h.mail.new_queue_id();
        let data = mta::build_delay_notice(
            &BounceInfo {
                reporting_mta: &name,
                queue_id,
                to: &to,
                arrival_date: &arrival,
                date: &rfc5322_date(now),
                bounce_id: &notice_id,
                gave_up: false,
            },
            &original,
            &delayed,
            &age,
            &until,
        );
        self.emit(
            host,
            host,
            EventKind::Note {
                text: format!(
                    "{queue_id} has waited {age}: {name} warns <{to}> that it is delayed (Action: delayed, notice {notice_id}) and keeps trying until {until}"
                ),
                gap: None,
            },
            Some("mta.delayed"),
        );
        self.enqueue_own(
            host,
            notice_id,
            String::new(),
            vec![to],
            data,
            "mta.delayed.queued",
        );
    }
}
