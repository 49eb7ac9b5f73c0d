//! POP3: RFC 1939 with RFC 2449 CAPA.
//! See each submodule's header for the RFC sections it implements.
//!
//! * [`command`]: what a client sends, parsed and printed.
//! * [`response`]: what a server answers, including multi-line bodies.
//! * [`server`]: the sans-IO server session and the maildrop trait.
//! * [`client`]: the sans-IO mail program that fetches a maildrop.
//! * [`explain`]: plain-language text for every command, response and state.

pub mod client;
pub mod command;
pub mod response;
pub mod server;

pub use client::{ClientConfig, ClientEvent, ClientSession, FetchOutcome};
pub use command::{Command, CommandError};
pub use response::{Reply, Response, ResponseError, ResponseParser};
pub use server::{
    LockError, Maildrops, MemoryMaildrops, Pop3State, ServerConfig, ServerEvent, ServerSession,
    StoredMessage, TRANSITIONS,
};

use md5::{Digest, Md5};

/// The APOP digest of RFC 1939 §7: MD5 of the greeting's timestamp (angle
/// brackets included) followed by the shared secret, as 32 lowercase hex
/// digits.
pub fn apop_digest(timestamp: &str, secret: &str) -> String {
    let mut h = Md5::new();
    h.update(timestamp.as_bytes());
    h.update(secret.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
