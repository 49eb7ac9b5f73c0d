//! Fixtures shared by the SMTP integration tests.
#![allow(dead_code)]

pub mod auth_cases;
pub mod imap_cases;
pub mod imap_replay;
pub mod pop3_cases;
pub mod probes;
pub mod smtp_cases;

use protocol_core::smtp::server::*;
use protocol_core::time::SimTime;
use std::net::Ipv4Addr;
use std::sync::Arc;

/// The ISP's MTA on port 25 as DESIGN.md describes it.
pub fn isp_config(mode: ServerMode) -> ServerConfig {
    let mut c = ServerConfig::new("smtp.isp.example", mode);
    c.local_domains.insert("isp.example".into());
    c.relay_networks.push((Ipv4Addr::new(192, 0, 2, 0), 24));
    c
}

pub fn world_policy() -> StaticPolicy {
    StaticPolicy::new()
        .with_account("john", "john-pass")
        .with_account("dave", "dave-pass")
        .with_mailbox("john@isp.example")
        .with_mailbox("mary@isp.example")
        .with_mailbox("dave@dave.example")
        .with_mailbox("brown@dave.example")
}

pub fn peer(ip: Ipv4Addr) -> PeerInfo {
    PeerInfo { ip, port: 40_000 }
}

/// Drains all pending output of a session into one byte string.
pub fn drain(s: &mut ServerSession) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(b) = s.poll_output() {
        out.extend_from_slice(&b);
    }
    out
}

/// A server session with its policy; `cmd` sends a line and returns the reply text.
pub struct Harness {
    pub server: ServerSession,
    pub policy: StaticPolicy,
    pub now: SimTime,
}

impl Harness {
    pub fn new(config: ServerConfig, ip: Ipv4Addr) -> Self {
        let mut server = ServerSession::new(Arc::new(config), peer(ip), SimTime::ZERO);
        drain(&mut server);
        Harness {
            server,
            policy: world_policy(),
            now: SimTime::ZERO,
        }
    }
    pub fn send(&mut self, bytes: &[u8]) -> String {
        self.server.handle_input(self.now, bytes, &mut self.policy);
        String::from_utf8_lossy(&drain(&mut self.server)).into_owned()
    }
    pub fn cmd(&mut self, line: &str) -> String {
        self.send(format!("{line}\r\n").as_bytes())
    }
}

/// A small deterministic RNG (xorshift64*) so failures print a seed.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Splits `data` into chunks of 1..=max bytes, chosen by `seed`.
pub fn random_chunks(data: &[u8], seed: u64, max: usize) -> Vec<&[u8]> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let n = 1 + rng.below(max);
        let end = (i + n).min(data.len());
        out.push(&data[i..end]);
        i = end;
    }
    out
}
