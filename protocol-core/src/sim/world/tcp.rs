//! Simulated TCP: opening (one latency for the handshake), segments on
//! the links in order, FIN and reset, and the two sessions at the ends of a
//! connection, driven through one [`Endpoint`] type; the splitter turns
//! the bytes into trace lines, with the keys the sessions chose.

use super::*;

pub(super) fn dir_index(dir: Direction) -> usize {
    match dir {
        Direction::ToServer => 0,
        Direction::ToClient => 1,
    }
}

/// The direction `role` sends in; its index is the role's own
/// (`dir_index(sends(r)) == r as usize`).
pub(super) fn sends(role: Role) -> Direction {
    match role {
        Role::Client => Direction::ToServer,
        Role::Server => Direction::ToClient,
    }
}

/// The end that bytes travelling in `dir` arrive at.
pub(super) fn receiver(dir: Direction) -> Role {
    match dir {
        Direction::ToServer => Role::Server,
        Direction::ToClient => Role::Client,
    }
}

/// One end of a simulated TCP connection: the session that runs there,
/// driven the same way whatever its protocol and side (the crate's sans-IO
/// contract: `handle_*` in, then the driver drains the outputs). `host` is
/// the host it runs on, where a server's policy and maildrops live.
pub(super) trait Endpoint {
    /// `dns`: the world's zones and whether its DNS server can be reached,
    /// for an SMTP server's sender checks.
    fn handle_input(&mut self, now: SimTime, bytes: &[u8], host: &mut Host, dns: (&Zones, bool));
    fn handle_close(&mut self, now: SimTime, host: &mut Host);
    fn handle_timeout(&mut self, now: SimTime, host: &mut Host);
    fn poll_timeout(&self) -> Option<SimTime>;
    /// The session has ended: its side of the connection closes.
    fn is_closed(&self) -> bool;
}

impl Endpoint for ServerEnd {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8], host: &mut Host, dns: (&Zones, bool)) {
        match self {
            ServerEnd::Smtp {
                session,
                submission,
            } => {
                let mut policy = SmtpPolicy {
                    mail: &mut host.mail,
                    submission: *submission,
                    zones: dns.0,
                    dns_ok: dns.1,
                };
                session.handle_input(now, bytes, &mut policy);
            }
            ServerEnd::Pop3(session) => session.handle_input(now, bytes, &mut host.mail),
            ServerEnd::Imap(session) => session.handle_input(now, bytes, &mut host.mail.store),
            ServerEnd::Pending => {}
        }
    }
    fn handle_close(&mut self, now: SimTime, host: &mut Host) {
        match self {
            ServerEnd::Smtp { session, .. } => session.handle_close(now),
            ServerEnd::Pop3(session) => session.handle_close(now, &mut host.mail),
            ServerEnd::Imap(session) => session.handle_close(now, &mut host.mail.store),
            ServerEnd::Pending => {}
        }
    }
    fn handle_timeout(&mut self, now: SimTime, host: &mut Host) {
        match self {
            ServerEnd::Smtp { session, .. } => session.handle_timeout(now),
            ServerEnd::Pop3(session) => session.handle_timeout(now, &mut host.mail),
            ServerEnd::Imap(session) => session.handle_timeout(now, &mut host.mail.store),
            ServerEnd::Pending => {}
        }
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        match self {
            ServerEnd::Smtp { session, .. } => session.poll_timeout(),
            ServerEnd::Pop3(session) => session.poll_timeout(),
            ServerEnd::Imap(session) => session.poll_timeout(),
            ServerEnd::Pending => None,
        }
    }
    fn is_closed(&self) -> bool {
        match self {
            ServerEnd::Smtp { session, .. } => session.is_closed(),
            ServerEnd::Pop3(session) => session.is_closed(),
            ServerEnd::Imap(session) => session.is_closed(),
            ServerEnd::Pending => false,
        }
    }
}

impl Endpoint for ClientEnd {
    fn handle_input(&mut self, now: SimTime, bytes: &[u8], _host: &mut Host, _dns: (&Zones, bool)) {
        match self {
            ClientEnd::Console { rx } => rx.extend_from_slice(bytes),
            ClientEnd::Smtp { session, .. } => session.handle_input(now, bytes),
            ClientEnd::Pop3 { session, .. } => session.handle_input(now, bytes),
            ClientEnd::Imap { session, .. } => session.handle_input(now, bytes),
        }
    }
    fn handle_close(&mut self, now: SimTime, _host: &mut Host) {
        match self {
            ClientEnd::Console { .. } => {}
            ClientEnd::Smtp { session, .. } => session.handle_close(now),
            ClientEnd::Pop3 { session, .. } => session.handle_close(now),
            ClientEnd::Imap { session, .. } => session.handle_close(now),
        }
    }
    fn handle_timeout(&mut self, now: SimTime, _host: &mut Host) {
        match self {
            ClientEnd::Console { .. } => {}
            ClientEnd::Smtp { session, .. } => session.handle_timeout(now),
            ClientEnd::Pop3 { session, .. } => session.handle_timeout(now),
            ClientEnd::Imap { session, .. } => session.handle_timeout(now),
        }
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        match self {
            ClientEnd::Console { .. } => None,
            ClientEnd::Smtp { session, .. } => session.poll_timeout(),
            ClientEnd::Pop3 { session, .. } => session.poll_timeout(),
            ClientEnd::Imap { session, .. } => session.poll_timeout(),
        }
    }
    fn is_closed(&self) -> bool {
        match self {
            ClientEnd::Console { .. } => false,
            ClientEnd::Smtp { session, .. } => session.is_closed(),
            ClientEnd::Pop3 { session, .. } => session.is_closed(),
            ClientEnd::Imap { session, .. } => session.is_closed(),
        }
    }
}

impl Conn {
    /// The session at one end.
    pub(super) fn end(&mut self, role: Role) -> &mut dyn Endpoint {
        match role {
            Role::Client => &mut self.client,
            Role::Server => &mut self.server,
        }
    }

    /// The host one end runs on.
    pub(super) fn host(&self, role: Role) -> &str {
        match role {
            Role::Client => &self.client_host,
            Role::Server => &self.server_host,
        }
    }
}

impl World {
    // ---- TCP ------------------------------------------------------------------

    /// Checks whether `client` can open a connection to `server:port` now.
    pub(super) fn check_connect(
        &self,
        client: &str,
        server: &str,
        port: u16,
    ) -> Result<Protocol, ConnectError> {
        let h = self
            .hosts
            .get(server)
            .ok_or_else(|| ConnectError::NoSuchHost(server.to_string()))?;
        if !self.hosts.get(client).is_some_and(|c| c.up) || !h.up {
            return Err(ConnectError::Unreachable(Unreachable::HostDown));
        }
        if !self.link(client, server).up || !self.link(server, client).up {
            return Err(ConnectError::Unreachable(Unreachable::LinkDown));
        }
        match port {
            25 if h.smtp.is_some() => Ok(Protocol::Smtp),
            587 if h.submission.is_some() => Ok(Protocol::Smtp),
            110 if h.pop3.is_some() => Ok(Protocol::Pop3),
            143 if h.imap.is_some() => Ok(Protocol::Imap),
            _ => Err(ConnectError::Refused),
        }
    }

    pub(super) fn trace_connect_error(
        &mut self,
        client: &str,
        server: &str,
        port: u16,
        err: &ConnectError,
    ) {
        match err {
            ConnectError::Refused => self.emit(
                client,
                server,
                EventKind::ConnectionRefused { port },
                Some("tcp.refused"),
            ),
            ConnectError::Unreachable(r) => self.emit(
                client,
                server,
                EventKind::ConnectionUnreachable {
                    port,
                    reason: r.clone(),
                },
                Some("tcp.unreachable"),
            ),
            _ => {}
        }
    }

    /// Opens a connection; the server side starts when the SYN arrives.
    pub(super) fn open(
        &mut self,
        client_host: &str,
        server_host: &str,
        port: u16,
        protocol: Protocol,
        client: ClientEnd,
    ) -> ConnId {
        let id = self.next_conn;
        self.next_conn += 1;
        let client_port = self.next_port;
        self.next_port = if self.next_port == u16::MAX {
            49152
        } else {
            self.next_port + 1
        };
        let raw = matches!(client, ClientEnd::Console { .. });
        self.conns.insert(
            id,
            Box::new(Conn {
                client_host: client_host.to_string(),
                server_host: server_host.to_string(),
                client_port,
                port,
                protocol,
                client,
                server: ServerEnd::Pending,
                split: Splitter::new(protocol, raw),
                last_arrival: [self.now; 2],
                closed: [false; 2],
                close_traced: false,
                finished: false,
                timers: [None; 2],
                timer_keys: [None; 2],
                armed: [None; 2],
                states: [None; 2],
                links: None,
                batch: Vec::new(),
            }),
        );
        let at = self.now + self.segment_delay(client_host, server_host);
        self.schedule(at, Action::Syn { conn: id });
        id
    }

    pub(super) fn on_syn(&mut self, id: ConnId) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        // A greeting fault of the scenario ("chaos"), counted when it strikes.
        let greeting_fault = match c.port {
            25 | 587 => self
                .hosts
                .get_mut(&c.server_host)
                .and_then(|h| h.mail.inject(smtp::server::FaultStage::Greeting, c.port)),
            _ => None,
        };
        let Some(host) = self.hosts.get(&c.server_host) else {
            return;
        };
        let client_ip = self
            .hosts
            .get(&c.client_host)
            .map(|h| h.config.ip)
            .unwrap_or(Ipv4Addr::UNSPECIFIED);
        let peer = smtp::server::PeerInfo {
            ip: client_ip,
            port: c.client_port,
        };
        // The trace is made from the bytes: the sessions' copies of every
        // command and reply would only be thrown away.
        let smtp_server = |config: &std::sync::Arc<smtp::server::ServerConfig>| {
            let mut s = smtp::server::ServerSession::new(config.clone(), peer, self.now);
            s.set_wire_events(false);
            if let Some(f) = greeting_fault.clone() {
                s.inject_greeting(f);
            }
            Box::new(s)
        };
        c.server = match c.port {
            25 => ServerEnd::Smtp {
                session: smtp_server(host.smtp.as_ref().expect("checked")),
                submission: false,
            },
            587 => ServerEnd::Smtp {
                session: smtp_server(host.submission.as_ref().expect("checked")),
                submission: true,
            },
            143 => {
                let mut s = imap::ServerSession::new(host.imap.clone().expect("checked"), self.now);
                s.set_wire_events(false);
                ServerEnd::Imap(Box::new(s))
            }
            _ => {
                let mut s = pop3::server::ServerSession::new(
                    host.pop3.clone().expect("checked"),
                    id,
                    self.now,
                );
                s.set_wire_events(false);
                ServerEnd::Pop3(Box::new(s))
            }
        };
        let (from, to) = (c.client_host.clone(), c.server_host.clone());
        self.emit(
            &from,
            &to,
            EventKind::ConnectionOpened {
                conn: id,
                port: c.port,
                protocol: c.protocol,
            },
            Some("tcp.open"),
        );
        self.pump(id, c);
    }

    pub(super) fn transmit(&mut self, id: ConnId, c: &mut Conn, dir: Direction, bytes: Vec<u8>) {
        let link = self.conn_links(c)[dir_index(dir)];
        let (from, to) = match dir {
            Direction::ToServer => (c.client_host.as_str(), c.server_host.as_str()),
            Direction::ToClient => (c.server_host.as_str(), c.client_host.as_str()),
        };
        let mut pieces = std::mem::take(&mut self.pieces);
        c.split.feed_into(dir, &bytes, &mut pieces);
        let batch_note = if c.protocol == Protocol::Smtp {
            pipelining_note(&mut c.batch, dir, &pieces)
        } else {
            None
        };
        for piece in pieces.drain(..) {
            let kind;
            let key;
            match piece {
                Piece::Line {
                    text,
                    parsed,
                    key: chosen,
                } => {
                    key = chosen;
                    kind = EventKind::Line {
                        conn: id,
                        dir,
                        protocol: c.protocol,
                        text,
                        parsed,
                    };
                }
                Piece::Payload {
                    text,
                    lines,
                    key: chosen,
                } => {
                    key = chosen;
                    kind = EventKind::Payload {
                        conn: id,
                        dir,
                        protocol: c.protocol,
                        text,
                        lines,
                    };
                }
            }
            self.emit(from, to, kind, key);
        }
        self.pieces = pieces;
        if let Some((text, key)) = batch_note {
            self.emit(from, to, EventKind::Note { text, gap: None }, Some(key));
        }
        if !link.up {
            // Nothing gets through: the sender gives up on the connection.
            return;
        }
        let (delay, lost) = self.link_delay_counted(link);
        if lost > 0 {
            let extra = delay - link.latency;
            let text = format!(
                "{lost} TCP segment{s} from {from} to {to} lost on the way and sent again (retransmission): the bytes arrive {extra} later than without loss",
                s = if lost == 1 { "" } else { "s" }
            );
            self.emit(
                from,
                to,
                EventKind::Note { text, gap: None },
                Some("net.retransmit"),
            );
        }
        let at = (self.now + delay).max(c.last_arrival[dir_index(dir)]);
        c.last_arrival[dir_index(dir)] = at;
        self.schedule(
            at,
            Action::Arrive {
                conn: id,
                dir,
                bytes,
            },
        );
    }

    pub(super) fn on_arrive(&mut self, id: ConnId, dir: Direction, bytes: &[u8]) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        let at = receiver(dir);
        // Only an SMTP server that checks senders needs to know whether DNS
        // answers (a few map searches: not for every segment).
        let checks = at == Role::Server
            && matches!(c.server, ServerEnd::Smtp { .. })
            && self
                .hosts
                .get(&c.server_host)
                .is_some_and(|h| h.mail.check_senders);
        let dns_ok = checks && self.dns_reachable(&c.server_host);
        if !c.closed[at as usize] {
            if let Some(host) = self.hosts.get_mut(c.host(at)) {
                c.end(at)
                    .handle_input(self.now, bytes, host, (&self.zones, dns_ok));
            }
        }
        #[cfg(feature = "auth")]
        if at == Role::Server {
            self.flush_auth_log(&c.server_host);
        }
        let changed = store_user(&c, at);
        self.pump(id, c);
        self.store_changed(changed, Some(id));
    }

    /// The FIN of `dir`'s sender arrived: the receiving session learns
    /// that the peer has gone.
    pub(super) fn on_fin(&mut self, id: ConnId, dir: Direction) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        self.close_end(&mut c, receiver(dir));
        let changed = store_user(&c, receiver(dir));
        self.pump(id, c);
        self.store_changed(changed, Some(id));
    }

    pub(super) fn on_timer(&mut self, id: ConnId, role: Role) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        if let Some(host) = self.hosts.get_mut(c.host(role)) {
            c.end(role).handle_timeout(self.now, host);
        }
        let changed = store_user(&c, role);
        self.pump(id, c);
        self.store_changed(changed, Some(id));
    }

    /// A user's mailbox on `host` may have changed (delivery, a POP3 or
    /// IMAP session): the other IMAP sessions of that user that are in
    /// IDLE hear of it at once (RFC 2177), the others at their next command.
    pub(super) fn store_changed(
        &mut self,
        changed: Option<(String, String)>,
        except: Option<ConnId>,
    ) {
        let Some((host, user)) = changed else {
            return;
        };
        if self.hosts.get(&host).is_none_or(|h| h.imap.is_none()) {
            return;
        }
        let ids: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(id, c)| {
                Some(**id) != except
                    && c.server_host == host
                    && matches!(&c.server, ServerEnd::Imap(s) if s.is_idling() && s.user() == Some(user.as_str()))
            })
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            let Some(mut c) = self.conns.remove(&id) else {
                continue;
            };
            if let (ServerEnd::Imap(s), Some(h)) = (&mut c.server, self.hosts.get_mut(&host)) {
                s.handle_store_changed(self.now, &mut h.mail.store);
            }
            self.pump(id, c);
        }
    }

    /// Tells the session at `role` that the connection is gone, once.
    pub(super) fn close_end(&mut self, c: &mut Conn, role: Role) {
        if !c.closed[role as usize] {
            if let Some(host) = self.hosts.get_mut(c.host(role)) {
                c.end(role).handle_close(self.now, host);
            }
            c.closed[role as usize] = true;
        }
    }

    /// `host` crashed: its end of connection `id` loses its state and sends
    /// nothing more (what arrives for it is dropped), but the bytes it had
    /// already sent are on the wire and still arrive; behind the last of
    /// them its peer gets the reset. So a 250 that left a server before it
    /// died still reaches the client (no needless duplicate, RFC 5321
    /// §6.1). Simplified: a real peer would learn it only from a timeout,
    /// or from a reset once the host is back.
    pub(super) fn crash_end(&mut self, id: ConnId, host: &str) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        let role = if c.server_host == host {
            Role::Server
        } else {
            Role::Client
        };
        self.close_end(&mut c, role);
        self.drain_events(id, &mut c);
        let i = dir_index(sends(role));
        let at = self.now.max(c.last_arrival[i]);
        self.schedule(at, Action::Reset { conn: id });
        self.conns.insert(id, c);
    }

    /// Tears a connection down at once (a host went down, a link broke).
    pub(super) fn reset(&mut self, id: ConnId, reason: &str) {
        let Some(mut c) = self.conns.remove(&id) else {
            return;
        };
        if !c.close_traced {
            c.close_traced = true;
            let (a, b) = (c.client_host.clone(), c.server_host.clone());
            self.emit(
                &a,
                &b,
                EventKind::ConnectionReset {
                    conn: id,
                    reason: reason.to_string(),
                },
                Some("tcp.reset"),
            );
        }
        self.close_end(&mut c, Role::Server);
        self.close_end(&mut c, Role::Client);
        // Drain events (e.g. the client's Finished) but send nothing more.
        self.drain_events(id, &mut c);
        self.finish_conn(id, c);
    }

    /// Moves everything the two sessions produced onto the network and into
    /// the trace, handles their events, closes, and re-arms timers.
    pub(super) fn pump(&mut self, id: ConnId, mut c: Box<Conn>) {
        loop {
            let mut progressed = false;
            let server_open = !c.closed[Role::Server as usize];
            let held = self.server_states_first(id, &mut c);
            while let Some(bytes) = server_output(&mut c.server, &mut c.split, server_open) {
                if server_open {
                    self.transmit(id, &mut c, Direction::ToClient, bytes);
                }
                progressed = true;
            }
            for ev in held {
                self.server_event(id, &mut c, ev);
                progressed = true;
            }
            let held = self.client_states_first(id, &mut c);
            while let Some(bytes) = client_output(&mut c.client) {
                if !c.closed[Role::Client as usize] {
                    self.transmit(id, &mut c, Direction::ToServer, bytes);
                }
                progressed = true;
            }
            for ev in held {
                self.client_event(id, &mut c, ev);
                progressed = true;
            }
            progressed |= self.drain_events(id, &mut c);
            if !progressed {
                break;
            }
        }
        // Closing: a session that has ended closes its side of the
        // connection (the server's first, as the trace has always shown).
        for role in [Role::Server, Role::Client] {
            if c.end(role).is_closed() && !c.closed[role as usize] {
                c.closed[role as usize] = true;
                self.trace_close(id, &mut c, role);
                let dir = sends(role);
                let i = dir_index(dir);
                let at = (self.now + self.conn_links(&mut c)[i].latency).max(c.last_arrival[i]);
                self.schedule(at, Action::Fin { conn: id, dir });
            }
        }
        if c.closed == [true; 2] {
            self.finish_conn(id, c);
            return;
        }
        // Timers.
        for role in [Role::Client, Role::Server] {
            let i = role as usize;
            let w = if c.closed[i] {
                None
            } else {
                c.end(role).poll_timeout()
            };
            if w != c.timers[i] {
                c.timers[i] = w;
                // The key is taken now, exactly as `schedule` would.
                c.timer_keys[i] = w.map(|at| self.agenda.take_key(at, self.now));
                match (c.armed[i], c.timer_keys[i]) {
                    // Pushed back: the armed entry moves on when it comes up.
                    (Some(old), Some(new)) if old <= new => {}
                    (old, new) => {
                        if let Some(old) = old {
                            self.agenda.remove(&old);
                        }
                        if let Some(new) = new {
                            self.agenda.insert(new, Action::Timer { conn: id, role });
                        }
                        c.armed[i] = new;
                    }
                }
            }
        }
        self.conns.insert(id, c);
    }

    pub(super) fn trace_close(&mut self, id: ConnId, c: &mut Conn, by: Role) {
        if c.close_traced {
            return;
        }
        c.close_traced = true;
        let (a, b) = match by {
            Role::Client => (c.client_host.as_str(), c.server_host.as_str()),
            Role::Server => (c.server_host.as_str(), c.client_host.as_str()),
        };
        self.emit(
            a,
            b,
            EventKind::ConnectionClosed { conn: id },
            Some("tcp.close"),
        );
    }

    /// Handles the sessions' events; true if any came.
    pub(super) fn drain_events(&mut self, id: ConnId, c: &mut Conn) -> bool {
        let mut any = false;
        // Server events.
        while let Some(ev) = poll_server_event(c) {
            any = true;
            self.server_event(id, c, ev);
        }
        // Client events.
        while let Some(ev) = poll_client_event(c) {
            any = true;
            self.client_event(id, c, ev);
        }
        any
    }

    /// The client's side of [`Self::server_states_first`]: its state
    /// changes after the reply that caused them, before the command it
    /// sends because of them.
    fn client_states_first(&mut self, id: ConnId, c: &mut Conn) -> Vec<ClientEv> {
        let mut rest = Vec::new();
        while let Some(ev) = poll_client_event(c) {
            if rest.is_empty() && ev.is_state_change() {
                self.client_event(id, c, ev);
            } else {
                rest.push(ev);
            }
        }
        rest
    }

    /// One event of the client session, into the trace and the world.
    fn client_event(&mut self, id: ConnId, c: &mut Conn, ev: ClientEv) {
        let proto = c.protocol;
        let state = match (ev, &mut c.client) {
            (ClientEv::Smtp(smtp::client::ClientEvent::StateChanged { to, .. }), _) => {
                Some(SessionState::SmtpClient(to))
            }
            (
                ClientEv::Smtp(smtp::client::ClientEvent::Finished(o)),
                ClientEnd::Smtp {
                    outcome, purpose, ..
                },
            ) => {
                // The relay knows the outcome as soon as the last reply
                // came; QUIT is only politeness.
                match *purpose {
                    SmtpPurpose::Relay(att) => {
                        *outcome = Some(smtp::client::DeliveryOutcome {
                            recipients: Vec::new(),
                        });
                        self.attempt_result(att, Some(o), &c.server_host);
                    }
                    SmtpPurpose::Submit(_) => *outcome = Some(o),
                }
                None
            }
            (ClientEv::Pop3(pop3::client::ClientEvent::StateChanged { to, .. }), _) => {
                Some(SessionState::Pop3Client(to))
            }
            (
                ClientEv::Pop3(pop3::client::ClientEvent::Finished(o)),
                ClientEnd::Pop3 { job, .. },
            ) => {
                if let Some(Job::Fetch(f)) = self.jobs.get(job) {
                    self.known_uids
                        .insert((f.host.clone(), f.login.clone()), o.known_uids);
                }
                None
            }
            (ClientEv::Imap(imap::client::ClientEvent::StateChanged { to, .. }), _) => {
                Some(SessionState::ImapClient(to))
            }
            (
                ClientEv::Imap(imap::client::ClientEvent::Finished(o)),
                ClientEnd::Imap { job, .. },
            ) => {
                if let (Some(Job::Imap(j)), Some(seen)) = (self.jobs.get(job), o.seen) {
                    self.imap_seen
                        .insert((j.host.clone(), j.login.clone()), seen);
                }
                None
            }
            _ => None,
        };
        if let Some(state) = state {
            if c.states[0] != Some(state) {
                c.states[0] = Some(state);
                let h = c.client_host.as_str();
                self.emit(
                    h,
                    h,
                    EventKind::StateChanged {
                        conn: id,
                        protocol: proto,
                        role: Role::Client,
                        state,
                    },
                    None,
                );
            }
        }
    }

    /// Cause, then effect (issue 12): the server's state changes go into
    /// the trace now, after the command that caused them and before the
    /// reply that goes with them. What the session did after its first
    /// other event (a message accepted, a mailbox updated) keeps its order
    /// and comes back to be handled after the reply is sent: "250 queued"
    /// before "queued", and POP3's Update, "+OK", "deleted", Closed.
    fn server_states_first(&mut self, id: ConnId, c: &mut Conn) -> Vec<ServerEv> {
        let mut rest = Vec::new();
        while let Some(ev) = poll_server_event(c) {
            if rest.is_empty() && ev.is_state_change() {
                self.server_event(id, c, ev);
            } else {
                rest.push(ev);
            }
        }
        rest
    }

    /// One event of the server session, into the trace and the world.
    fn server_event(&mut self, id: ConnId, c: &mut Conn, ev: ServerEv) {
        let proto = c.protocol;
        let mut state_key = None;
        let state = match ev {
            ServerEv::Smtp(smtp::server::ServerEvent::StateChanged { to, .. }) => {
                Some(SessionState::SmtpServer(to))
            }
            ServerEv::Smtp(smtp::server::ServerEvent::MessageAccepted {
                envelope,
                queue_id,
                size,
            }) => {
                self.on_accepted(&c.server_host, &queue_id, &envelope, size);
                None
            }
            ServerEv::Smtp(smtp::server::ServerEvent::ProtocolError {
                key: "fault.drop", ..
            }) => {
                // No reply carries this fault: a note does.
                let (h, cl) = (c.server_host.clone(), c.client_host.clone());
                let text = format!(
                    "injected fault: {h} drops connection #{id} without a reply (the scenario told it to; a healthy server answers)"
                );
                self.emit(
                    &h,
                    &cl,
                    EventKind::Note { text, gap: None },
                    Some("fault.drop"),
                );
                None
            }
            ServerEv::Smtp(_) => None,
            ServerEv::Pop3(pop3::server::ServerEvent::StateChanged { to, .. }) => {
                state_key = to.explain_key();
                Some(SessionState::Pop3Server(to))
            }
            ServerEv::Pop3(pop3::server::ServerEvent::Retrieved { user, uid }) => {
                let (h, cl) = (c.server_host.clone(), c.client_host.clone());
                self.emit(
                    &h,
                    &cl,
                    EventKind::Retrieved {
                        host: h.clone(),
                        mailbox: user,
                        uid,
                    },
                    Some("pop3.retrieved"),
                );
                None
            }
            ServerEv::Pop3(pop3::server::ServerEvent::Updated { user, deleted }) => {
                let h = c.server_host.clone();
                for uid in deleted {
                    self.emit(
                        &h,
                        &h,
                        EventKind::Deleted {
                            host: h.clone(),
                            mailbox: user.clone(),
                            uid,
                        },
                        Some("pop3.deleted"),
                    );
                }
                self.store_changed(Some((h, user)), Some(id));
                None
            }
            ServerEv::Pop3(_) => None,
            ServerEv::Imap(imap::ServerEvent::StateChanged { to, .. }, _) => {
                state_key = to.explain_key();
                Some(SessionState::ImapServer(to))
            }
            ServerEv::Imap(ev, user) => {
                self.imap_server_event(c, ev, user);
                None
            }
        };
        if let Some(state) = state {
            if c.states[1] != Some(state) {
                c.states[1] = Some(state);
                let h = c.server_host.as_str();
                self.emit(
                    h,
                    h,
                    EventKind::StateChanged {
                        conn: id,
                        protocol: proto,
                        role: Role::Server,
                        state,
                    },
                    state_key,
                );
            }
        }
    }

    /// What an IMAP server session did to the store, into the trace.
    fn imap_server_event(&mut self, c: &Conn, ev: imap::ServerEvent, mailbox: String) {
        use imap::ServerEvent as E;
        let h = c.server_host.clone();
        // The message's POP3 unique-id, read from the store (a message
        // expunged in the same command is already gone: then IMAP's own).
        let uidl = |world: &Self, mailbox: &str, folder: &str, uid: u32| {
            world
                .hosts
                .get(&h)
                .and_then(|x| crate::imap::store::Mailstore::folder(&x.mail.store, mailbox, folder))
                .map(|f| match f.get(uid) {
                    Some(m) => m.uidl(f.uidvalidity),
                    None => crate::imap::store::pop3_uidl(f.uidvalidity, uid),
                })
                .unwrap_or_default()
        };
        let (kind, key) = match ev {
            E::Fetched {
                folder,
                uid,
                seen_set,
            } => (
                EventKind::Fetched {
                    host: h.clone(),
                    uidl: uidl(self, &mailbox, &folder, uid),
                    mailbox,
                    folder,
                    uid,
                    seen_set,
                },
                "imap.fetched",
            ),
            E::FlagsChanged { folder, uid, flags } => (
                EventKind::FlagsChanged {
                    host: h.clone(),
                    uidl: uidl(self, &mailbox, &folder, uid),
                    mailbox,
                    folder,
                    uid,
                    flags: flags.to_string(),
                },
                "imap.flags_changed",
            ),
            E::Appended { folder, uid } => (
                EventKind::Appended {
                    host: h.clone(),
                    mailbox,
                    folder,
                    uid,
                },
                "imap.appended",
            ),
            E::Copied { from, to, uids } => (
                EventKind::Copied {
                    host: h.clone(),
                    mailbox,
                    from_folder: from,
                    to_folder: to,
                    uids,
                },
                "imap.copied",
            ),
            // What EXPUNGE, CLOSE or MOVE removed; RENAME INBOX empties
            // INBOX too (RFC 9051 §6.3.6). The store logged each message.
            E::Expunged { .. } | E::FolderRenamed { .. } => {
                let removed = self
                    .hosts
                    .get_mut(&h)
                    .map(|x| x.mail.store.take_removed())
                    .unwrap_or_default();
                for r in removed {
                    self.emit(
                        &h,
                        &h,
                        EventKind::Expunged {
                            host: h.clone(),
                            mailbox: r.user,
                            folder: r.folder,
                            uid: r.uid,
                            uidl: r.uidl,
                        },
                        Some("imap.expunged"),
                    );
                }
                return;
            }
            _ => return,
        };
        // What the client's session read or changed: server to client, as
        // POP3's `Retrieved` (the store changes above stay on the server).
        let client = c.client_host.clone();
        self.emit(&h, &client, kind, Some(key));
    }

    /// Both sides are closed: settle whatever the connection was for.
    pub(super) fn finish_conn(&mut self, id: ConnId, mut c: Box<Conn>) {
        if c.finished {
            return;
        }
        c.finished = true;
        for key in c.armed.iter_mut().filter_map(Option::take) {
            self.agenda.remove(&key);
        }
        c.timer_keys = [None; 2];
        let done = ClientEnd::Console { rx: Vec::new() };
        match std::mem::replace(&mut c.client, done) {
            ClientEnd::Smtp {
                purpose: SmtpPurpose::Relay(att),
                outcome: None,
                ..
            } => self.attempt_result(att, None, &c.server_host),
            ClientEnd::Smtp {
                purpose: SmtpPurpose::Relay(_),
                ..
            } => {}
            ClientEnd::Smtp {
                purpose: SmtpPurpose::Submit(job),
                ..
            }
            | ClientEnd::Pop3 { job, .. }
            | ClientEnd::Imap { job, .. } => {
                self.jobs.remove(&job);
            }
            ClientEnd::Console { rx } => {
                // What the console has not taken yet outlives the
                // connection, until it is taken (then the entry goes).
                if !rx.is_empty() {
                    self.console_rx.insert(id, rx);
                }
            }
        }
    }
}

/// The server's next output, with what the session decided about each
/// reply in it handed to the splitter first (unless nothing will be sent),
/// so that the trace lines carry the session's own explanation keys.
pub(super) fn server_output(
    s: &mut ServerEnd,
    split: &mut Splitter,
    sending: bool,
) -> Option<Vec<u8>> {
    match s {
        ServerEnd::Smtp { session, .. } => {
            let t = session.poll_transmit()?;
            if sending {
                split.expect_reply(ReplyMeta {
                    key: t.key,
                    line_keys: t.line_keys,
                    code: t.code,
                    enhanced: t.enhanced,
                    lines: t.lines,
                    ..Default::default()
                });
            }
            Some(t.bytes)
        }
        ServerEnd::Pop3(s) => {
            let bytes = s.poll_output()?;
            while let Some(r) = s.poll_response() {
                if sending {
                    split.expect_reply(ReplyMeta {
                        key: Some(r.key),
                        ok: r.ok,
                        multi: r.multi,
                        ..Default::default()
                    });
                }
            }
            Some(bytes)
        }
        ServerEnd::Imap(s) => {
            let bytes = s.poll_output()?;
            while let Some(r) = s.poll_response() {
                if sending {
                    split.expect_reply(ReplyMeta {
                        key: Some(r.key),
                        len: r.len,
                        ..Default::default()
                    });
                }
            }
            Some(bytes)
        }
        ServerEnd::Pending => None,
    }
}

/// The (host, user) whose mail a server session at `role` works on, if it
/// is a POP3 or IMAP server logged in (what it did may have changed that
/// user's mailbox).
fn store_user(c: &Conn, role: Role) -> Option<(String, String)> {
    if role != Role::Server {
        return None;
    }
    let user = match &c.server {
        ServerEnd::Imap(s) => s.user()?.to_string(),
        // POP3 changes the store only in UPDATE, reported by its event.
        _ => return None,
    };
    Some((c.server_host.clone(), user))
}

pub(super) fn client_output(c: &mut ClientEnd) -> Option<Vec<u8>> {
    match c {
        ClientEnd::Console { .. } => None,
        ClientEnd::Smtp { session, .. } => session.poll_output(),
        ClientEnd::Pop3 { session, .. } => session.poll_output(),
        ClientEnd::Imap { session, .. } => session.poll_output(),
    }
}

/// One event of a server session, whichever the protocol (IMAP's with the
/// user logged in when it came).
pub(super) enum ServerEv {
    Smtp(smtp::server::ServerEvent),
    Pop3(pop3::server::ServerEvent),
    Imap(imap::ServerEvent, String),
}

impl ServerEv {
    fn is_state_change(&self) -> bool {
        matches!(
            self,
            ServerEv::Smtp(smtp::server::ServerEvent::StateChanged { .. })
                | ServerEv::Pop3(pop3::server::ServerEvent::StateChanged { .. })
                | ServerEv::Imap(imap::ServerEvent::StateChanged { .. }, _)
        )
    }
}

/// The server session's next event.
fn poll_server_event(c: &mut Conn) -> Option<ServerEv> {
    match &mut c.server {
        ServerEnd::Smtp { session, .. } => session.poll_event().map(ServerEv::Smtp),
        ServerEnd::Pop3(session) => session.poll_event().map(ServerEv::Pop3),
        ServerEnd::Imap(session) => {
            let ev = session.poll_event()?;
            Some(ServerEv::Imap(ev, session.user().unwrap_or("").to_string()))
        }
        ServerEnd::Pending => None,
    }
}

/// One event of a client session, whichever the protocol.
pub(super) enum ClientEv {
    Smtp(smtp::client::ClientEvent),
    Pop3(pop3::client::ClientEvent),
    Imap(imap::client::ClientEvent),
}

impl ClientEv {
    fn is_state_change(&self) -> bool {
        matches!(
            self,
            ClientEv::Smtp(smtp::client::ClientEvent::StateChanged { .. })
                | ClientEv::Pop3(pop3::client::ClientEvent::StateChanged { .. })
                | ClientEv::Imap(imap::client::ClientEvent::StateChanged { .. })
        )
    }
}

/// The client session's next event (a console has none).
fn poll_client_event(c: &mut Conn) -> Option<ClientEv> {
    match &mut c.client {
        ClientEnd::Console { .. } => None,
        ClientEnd::Smtp { session, .. } => session.poll_event().map(ClientEv::Smtp),
        ClientEnd::Pop3 { session, .. } => session.poll_event().map(ClientEv::Pop3),
        ClientEnd::Imap { session, .. } => session.poll_event().map(ClientEv::Imap),
    }
}

/// The most commands in a batch for which the trace adds a pipelining note:
/// a batch of MAIL and one RCPT is in every story, so the note is kept for
/// batches of three commands or more (several recipients), where the order
/// of the replies is the lesson (RFC 2920 §3.1).
const PIPELINING_NOTE_MIN: usize = 3;

/// RFC 2920: the commands of one client segment form a batch; the server's
/// replies come back in the same order. A note names the batch when it is
/// sent, and another pairs each reply with its command once all came.
fn pipelining_note(
    batch: &mut Vec<(String, Option<String>)>,
    dir: Direction,
    pieces: &[Piece],
) -> Option<(String, &'static str)> {
    let lines = pieces.iter().filter_map(|p| match p {
        Piece::Line { text, parsed, .. } => Some((text, parsed.as_ref())),
        Piece::Payload { .. } => None,
    });
    match dir {
        Direction::ToServer => {
            let commands: Vec<String> = lines
                .filter(|(_, p)| matches!(p, Some(Parsed::Command { .. })))
                .map(|(t, _)| t.clone())
                .collect();
            if commands.len() < PIPELINING_NOTE_MIN {
                return None;
            }
            let verbs: Vec<&str> = commands
                .iter()
                .map(|c| c.split([' ', ':']).next().unwrap_or(""))
                .collect();
            let text = format!(
                "pipelining: {} commands sent in one batch, without waiting ({}); the server must answer them one by one, in this order",
                commands.len(),
                verbs.join(", ")
            );
            *batch = commands.into_iter().map(|c| (c, None)).collect();
            Some((text, "smtp.pipelining.batch"))
        }
        Direction::ToClient => {
            if batch.is_empty() {
                return None;
            }
            for (text, parsed) in lines {
                // The last line of each reply answers the next command.
                if let Some(Parsed::Reply { more: false, .. }) = parsed {
                    if let Some(slot) = batch.iter_mut().find(|(_, r)| r.is_none()) {
                        slot.1 = Some(text.clone());
                    }
                }
            }
            if batch.iter().any(|(_, r)| r.is_none()) {
                return None;
            }
            let pairs: Vec<String> = batch
                .drain(..)
                .enumerate()
                .map(|(i, (c, r))| format!("{}. {c} -> {}", i + 1, r.unwrap_or_default()))
                .collect();
            Some((
                format!(
                    "pipelining: the replies, matched to the batch in order: {}",
                    pairs.join("; ")
                ),
                "smtp.pipelining.replies",
            ))
        }
    }
}
