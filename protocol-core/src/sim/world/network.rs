//! The network: links between hosts, one state per direction (after
//! turmoil: latency, loss, up or down), keyed by an ordered pair. A link's
//! verdict for a segment is "deliver after a delay": a lost segment is
//! retransmitted, which only costs time (a student sees loss as delay).

use super::*;

/// One direction of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkState {
    pub latency: SimDuration,
    /// Segments lost per million (each costs a retransmission).
    pub loss_ppm: u32,
    pub up: bool,
}

/// Every link that differs from the default, and an epoch that changes
/// whenever one does (connections cache their links' states by epoch).
#[derive(Debug, Default)]
pub(super) struct Network {
    /// from -> to -> state (nested so that lookups borrow `&str`s).
    pub(super) links: VecMap<String, VecMap<String, LinkState>>,
    /// Bumped whenever a link or host changes.
    pub(super) epoch: u64,
}

impl World {
    /// Sets both directions of the link between `a` and `b`.
    pub fn set_link(&mut self, a: &str, b: &str, latency: SimDuration, loss_ppm: u32) {
        self.network.epoch += 1;
        for (x, y) in [(a, b), (b, a)] {
            let up = self.link(x, y).up;
            self.network.links.get_or_default(x.to_string()).insert(
                y.to_string(),
                LinkState {
                    latency,
                    loss_ppm,
                    up,
                },
            );
        }
    }

    /// The state of the direction `from` -> `to`. Without an explicit entry:
    /// 1 ms inside one /24 network, 20 ms across the internet.
    pub fn link(&self, from: &str, to: &str) -> LinkState {
        if let Some(l) = self.network.links.get(from).and_then(|m| m.get(to)) {
            return *l;
        }
        let same_net = match (self.hosts.get(from), self.hosts.get(to)) {
            (Some(a), Some(b)) => a.config.ip.octets()[..3] == b.config.ip.octets()[..3],
            _ => false,
        };
        let latency = if from == to {
            SimDuration::ZERO
        } else if same_net {
            SimDuration::from_millis(1)
        } else {
            SimDuration::from_millis(20)
        };
        LinkState {
            latency,
            loss_ppm: 0,
            up: true,
        }
    }

    pub(super) fn set_link_up(&mut self, a: &str, b: &str, up: bool) {
        self.network.epoch += 1;
        for (x, y) in [(a, b), (b, a)] {
            let mut l = self.link(x, y);
            l.up = up;
            self.network
                .links
                .get_or_default(x.to_string())
                .insert(y.to_string(), l);
        }
    }

    pub(super) fn segment_delay(&mut self, from: &str, to: &str) -> SimDuration {
        let l = self.link(from, to);
        self.link_delay(l)
    }

    /// The link states of a connection [to server, to client], cached on it:
    /// a lookup is up to three searches of string-keyed maps.
    pub(super) fn conn_links(&self, c: &mut Conn) -> [LinkState; 2] {
        match c.links {
            Some((epoch, l)) if epoch == self.network.epoch => l,
            _ => {
                let l = [
                    self.link(&c.client_host, &c.server_host),
                    self.link(&c.server_host, &c.client_host),
                ];
                c.links = Some((self.network.epoch, l));
                l
            }
        }
    }

    pub(super) fn link_delay(&mut self, l: LinkState) -> SimDuration {
        self.link_delay_counted(l).0
    }

    /// The delay of one segment and how many times it was lost on the way.
    /// A lost segment is retransmitted after a timeout (RFC 6298 §2: at
    /// least 1 s; we use 200 ms + 2 RTT, like Linux's minimum RTO). Which
    /// segments are lost comes from the world's seeded generator, so a
    /// rerun with the same seed loses the same ones. At most 6 losses in a
    /// row (Linux gives up a connection after more; here it only bounds
    /// the delay of a 100 % lossy link).
    pub(super) fn link_delay_counted(&mut self, l: LinkState) -> (SimDuration, u32) {
        let mut d = l.latency;
        let mut lost = 0;
        while lost < 6 && self.rng.chance_ppm(l.loss_ppm) {
            d = d + SimDuration::from_millis(200) + SimDuration(4 * l.latency.0);
            lost += 1;
        }
        (d, lost)
    }
}
