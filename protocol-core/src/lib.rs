//! # protocol-core: MailSim's simulation
//!
//! Everything MailSim knows about mail lives here: RFC 5321 SMTP and RFC 1939
//! POP3 sessions (server and client), RFC 5322 messages, DNS MX routing, the
//! store-and-forward MTA, and a deterministic simulated world that records a
//! trace. The web app and the `mailsim` CLI only drive it and render what it
//! reports.
//!
//! ## The contract (after quinn-proto and h11: "bring your own I/O")
//!
//! * No I/O, no real clock, no globals, no threads. Time is always an argument
//!   ([`time::SimTime`], integer microseconds).
//! * A protocol session is a value. Its methods come in four kinds:
//!   getters (`state()`), `handle_*` (input: bytes, a timeout, a closed
//!   connection), and `poll_*` (output: bytes to send, events, the next
//!   timeout). A driver calls `handle_*`, then drains every `poll_*` until it
//!   returns `None`, then waits for more input or for `poll_timeout()`.
//! * Policy (local domains, relay networks, accounts, limits, optional
//!   commands) comes in as configuration data or as a trait object passed to
//!   the `handle_*` call that needs it, never as hidden state.
//! * Ordered maps only (`BTreeMap`/`BTreeSet`) and one seeded RNG in the
//!   world, so the same inputs always give the same trace.

pub mod address;
#[cfg(feature = "auth")]
pub mod auth;
pub mod dns;
pub mod explain;
#[cfg(feature = "i18n")]
pub mod ftl;
#[cfg(feature = "i18n")]
pub mod i18n;
pub mod imap;
pub mod line;
pub mod machine;
pub mod message;
pub mod mta;
pub mod pop3;
pub mod quiz;
pub mod scenario;
pub mod sim;
pub mod smtp;
pub mod time;
pub mod vec_map;

pub use time::{SimDuration, SimTime};

/// `String::from_utf8_lossy`, but trying the fast validator first: the
/// lossy one walks the bytes in chunks and is several times slower on the
/// valid (nearly always ASCII) text that the sessions see.
pub(crate) fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}
