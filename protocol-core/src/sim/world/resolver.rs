//! The resolver: the hosts' DNS questions over UDP port 53, the DNS
//! server's answers (from the world's zones), and what each answer is
//! for. No cache: every lookup is a question in the trace.

use super::*;

impl World {
    // ---- DNS ------------------------------------------------------------------

    pub(super) fn dns_query(
        &mut self,
        from: &str,
        name: &str,
        qtype: RecordType,
        purpose: DnsPurpose,
    ) {
        let id = self.next_dns_id;
        self.next_dns_id = self.next_dns_id.wrapping_add(1).max(1);
        let server = self.dns_host.clone().unwrap_or_else(|| from.to_string());
        let key = if qtype == RecordType::MX {
            "dns.query.mx"
        } else {
            "dns.query.a"
        };
        self.emit(
            from,
            &server,
            EventKind::DnsQuery {
                id,
                name: name.to_string(),
                qtype,
            },
            Some(key),
        );
        // Each link looked up once (a lookup is several map searches).
        let (there, back) = (self.link(from, &server), self.link(&server, from));
        let reachable = self.hosts.get(&server).is_some_and(|h| h.up) && there.up && back.up;
        if reachable {
            let at = self.now + self.link_delay(there);
            self.schedule(
                at,
                Action::DnsAtServer {
                    from: from.to_string(),
                    id,
                    name: name.to_string(),
                    qtype,
                    purpose,
                },
            );
        } else {
            self.schedule(
                self.now + DNS_TIMEOUT,
                Action::DnsDone {
                    purpose,
                    answer: None,
                },
            );
        }
    }

    pub(super) fn on_dns_at_server(
        &mut self,
        from: String,
        id: u16,
        name: String,
        qtype: RecordType,
        purpose: DnsPurpose,
    ) {
        let server = self.dns_host.clone().unwrap_or_else(|| from.clone());
        let answer = self.zones.query(&name, qtype);
        let key = answer.explain_key();
        self.emit(
            &server,
            &from,
            EventKind::DnsAnswer {
                id,
                name,
                qtype,
                answer: answer.clone(),
            },
            Some(key),
        );
        let at = self.now + self.segment_delay(&server, &from);
        self.schedule(
            at,
            Action::DnsDone {
                purpose,
                answer: Some(answer),
            },
        );
    }

    pub(super) fn on_dns_done(&mut self, purpose: DnsPurpose, answer: Option<Answer>) {
        match purpose {
            DnsPurpose::Job(job) => {
                let target = match answer {
                    Some(Answer::A { addrs }) => addrs.first().copied(),
                    _ => None,
                };
                match target {
                    Some(ip) => self.job_connect(job, ip),
                    None => {
                        self.jobs.remove(&job);
                    }
                }
            }
            DnsPurpose::Delivery(att) => {
                if let Some(a) = self.attempts.get_mut(&att) {
                    a.delivery.handle_dns(answer);
                    self.drive(att);
                }
            }
        }
    }

    /// Resolves a name or host id for the console, synchronously, with the
    /// DNS exchange in the trace when a name was looked up.
    pub(super) fn resolve_now(&mut self, from: &str, target: &str) -> Result<String, ConnectError> {
        if self.hosts.contains_key(target) {
            return Ok(target.to_string());
        }
        if let Ok(ip) = target.parse::<Ipv4Addr>() {
            return self
                .by_ip
                .get(&ip)
                .cloned()
                .ok_or(ConnectError::Unreachable(Unreachable::HostDown));
        }
        let id = self.next_dns_id;
        self.next_dns_id = self.next_dns_id.wrapping_add(1).max(1);
        let server = self.dns_host.clone().unwrap_or_else(|| from.to_string());
        self.emit(
            from,
            &server,
            EventKind::DnsQuery {
                id,
                name: target.to_string(),
                qtype: RecordType::A,
            },
            Some("dns.query.a"),
        );
        let answer = self.zones.query(target, RecordType::A);
        self.emit(
            &server,
            from,
            EventKind::DnsAnswer {
                id,
                name: target.to_string(),
                qtype: RecordType::A,
                answer: answer.clone(),
            },
            Some(answer.explain_key()),
        );
        match answer {
            Answer::A { addrs } => self
                .by_ip
                .get(&addrs[0])
                .cloned()
                .ok_or(ConnectError::Unreachable(Unreachable::HostDown)),
            _ => Err(ConnectError::UnknownName(target.to_string())),
        }
    }

    /// Whether `from` can reach the DNS server and hear back now.
    pub(super) fn dns_reachable(&mut self, from: &str) -> bool {
        let Some(server) = self.dns_host.clone() else {
            return true;
        };
        if server == from {
            return self.hosts.get(&server).is_some_and(|h| h.up);
        }
        let (there, back) = (self.link(from, &server), self.link(&server, from));
        self.hosts.get(&server).is_some_and(|h| h.up) && there.up && back.up
    }

    /// Puts what `host`'s sender checks and DKIM signer did into the trace:
    /// each DNS question and answer (as the resolver shows every lookup),
    /// then each step with its explanation key.
    #[cfg(feature = "auth")]
    pub(super) fn flush_auth_log(&mut self, host: &str) {
        use crate::sim::sender_checks::CheckLog;
        let log = match self.hosts.get_mut(host) {
            Some(h) if !h.mail.auth_log.is_empty() => std::mem::take(&mut h.mail.auth_log),
            _ => return,
        };
        let server = self.dns_host.clone().unwrap_or_else(|| host.to_string());
        for entry in log {
            match entry {
                CheckLog::Dns {
                    name,
                    qtype,
                    answer,
                } => {
                    let id = self.next_dns_id;
                    self.next_dns_id = self.next_dns_id.wrapping_add(1).max(1);
                    self.emit(
                        host,
                        &server,
                        EventKind::DnsQuery {
                            id,
                            name: name.clone(),
                            qtype,
                        },
                        Some(qtype.query_key()),
                    );
                    match answer {
                        Some(answer) => {
                            let key = answer.explain_key();
                            self.emit(
                                &server,
                                host,
                                EventKind::DnsAnswer {
                                    id,
                                    name,
                                    qtype,
                                    answer,
                                },
                                Some(key),
                            );
                        }
                        None => self.emit(
                            host,
                            host,
                            EventKind::Note {
                                text: format!("no answer from the DNS server about {name}"),
                                gap: None,
                            },
                            None,
                        ),
                    }
                }
                CheckLog::Step { method, text, key } => self.emit(
                    host,
                    host,
                    EventKind::SenderCheck {
                        host: host.to_string(),
                        method: method.to_string(),
                        text,
                    },
                    Some(key),
                ),
            }
        }
    }
}
