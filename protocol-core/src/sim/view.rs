//! Event-sourced views: every mailbox, queue and session state at trace
//! position `i` is a pure function of the first `i` events, so stepping back
//! in the UI is just computing the view at a smaller `i`.

use super::trace::{ConnId, EventKind, Protocol, Role, SessionState, TraceEvent};
use crate::vec_map::{VecMap, VecMapExt};
use serde::Serialize;

/// A message as it sits in a maildrop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredView {
    pub uid: String,
    pub message_id: Option<String>,
    /// (name, value) in order, unfolded.
    pub headers: Vec<(String, String)>,
    pub text: String,
}

/// A message waiting in a queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueuedView {
    pub from: String,
    /// Recipients not yet relayed, delivered or bounced.
    pub rcpts: Vec<String>,
    pub size: usize,
    /// Set once a retry is scheduled.
    pub next_attempt: Option<crate::SimTime>,
}

/// A connection and the state of its two sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SessionView {
    pub client: String,
    pub server: String,
    pub port: u16,
    pub protocol: Option<Protocol>,
    pub client_state: Option<SessionState>,
    pub server_state: Option<SessionState>,
    pub open: bool,
}

/// Everything the UI shows at one position of the trace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WorldView {
    /// Number of events applied.
    pub position: usize,
    /// (host id, login) -> messages.
    pub mailboxes: VecMap<(String, String), Vec<StoredView>>,
    /// host id -> queue id -> message.
    pub queues: VecMap<String, VecMap<String, QueuedView>>,
    pub sessions: VecMap<ConnId, SessionView>,
    pub hosts_down: Vec<String>,
}

impl WorldView {
    /// The view after the first `i` events (`i` is clamped to the trace).
    pub fn at(trace: &[TraceEvent], i: usize) -> WorldView {
        let mut v = WorldView::default();
        for e in &trace[..i.min(trace.len())] {
            v.apply(e);
        }
        v
    }

    /// Applies one more event.
    pub fn apply(&mut self, e: &TraceEvent) {
        self.position += 1;
        match &e.kind {
            EventKind::ConnectionOpened {
                conn,
                port,
                protocol,
            } => {
                self.sessions.insert(
                    *conn,
                    SessionView {
                        client: e.from.clone(),
                        server: e.to.clone(),
                        port: *port,
                        protocol: Some(*protocol),
                        open: true,
                        ..Default::default()
                    },
                );
            }
            EventKind::ConnectionClosed { conn } | EventKind::ConnectionReset { conn, .. } => {
                if let Some(s) = self.sessions.get_mut(conn) {
                    s.open = false;
                }
            }
            EventKind::StateChanged {
                conn, role, state, ..
            } => {
                if let Some(s) = self.sessions.get_mut(conn) {
                    match role {
                        Role::Client => s.client_state = Some(*state),
                        Role::Server => s.server_state = Some(*state),
                    }
                }
            }
            EventKind::Queued {
                host,
                queue_id,
                from,
                rcpts,
                size,
                ..
            } => {
                self.queues.get_or_default(host.clone()).insert(
                    queue_id.clone(),
                    QueuedView {
                        from: from.clone(),
                        rcpts: rcpts.clone(),
                        size: *size,
                        next_attempt: None,
                    },
                );
            }
            EventKind::RetryScheduled {
                host,
                queue_id,
                next,
                ..
            } => {
                if let Some(q) = self.queues.get_mut(host).and_then(|q| q.get_mut(queue_id)) {
                    q.next_attempt = Some(*next);
                }
            }
            EventKind::Relayed {
                host,
                queue_id,
                rcpts,
                ..
            }
            | EventKind::Bounced {
                host,
                queue_id,
                rcpts,
                ..
            }
            | EventKind::BounceDiscarded {
                host,
                queue_id,
                rcpts,
                ..
            } => self.done(host, queue_id, rcpts),
            EventKind::Delivered {
                host,
                queue_id,
                rcpt,
                mailbox,
                uid,
                message_id,
                message,
            } => {
                self.done(host, queue_id, std::slice::from_ref(rcpt));
                let headers = parse_headers(message);
                self.mailboxes
                    .get_or_default((host.clone(), mailbox.clone()))
                    .push(StoredView {
                        uid: uid.clone(),
                        message_id: message_id.clone(),
                        headers,
                        text: message.clone(),
                    });
            }
            EventKind::Deleted { host, mailbox, uid } => {
                if let Some(m) = self.mailboxes.get_mut(&(host.clone(), mailbox.clone())) {
                    m.retain(|s| &s.uid != uid);
                }
            }
            // The mailbox view is the INBOX that POP3 and IMAP share.
            EventKind::Expunged {
                host,
                mailbox,
                folder,
                uidl,
                ..
            } if folder == "INBOX" => {
                if let Some(m) = self.mailboxes.get_mut(&(host.clone(), mailbox.clone())) {
                    m.retain(|s| &s.uid != uidl);
                }
            }
            EventKind::HostState { host, up } => {
                self.hosts_down.retain(|h| h != host);
                if !up {
                    self.hosts_down.push(host.clone());
                }
            }
            _ => {}
        }
    }

    fn done(&mut self, host: &str, queue_id: &str, rcpts: &[String]) {
        if let Some(q) = self.queues.get_mut(host) {
            if let Some(entry) = q.get_mut(queue_id) {
                entry.rcpts.retain(|r| !rcpts.contains(r));
                if entry.rcpts.is_empty() {
                    q.remove(queue_id);
                }
            }
        }
    }

    /// The messages in one maildrop.
    pub fn mailbox(&self, host: &str, login: &str) -> &[StoredView] {
        self.mailboxes
            .get(&(host.to_string(), login.to_string()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// The header fields of a message, unfolded, in order.
pub fn parse_headers(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split("\r\n") {
        if line.is_empty() {
            break;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((n, v)) = line.split_once(':') {
            out.push((n.to_string(), v.trim().to_string()));
        }
    }
    out
}
