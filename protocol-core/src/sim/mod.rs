//! The simulated world: hosts, links, TCP, DNS, the MTAs and the mail
//! programs, one scheduler with a virtual clock and one seeded RNG.
//!
//! ## Driving a [`World`] (the contract for front ends)
//!
//! 1. **Build** it: [`cast::cast`] (the default cast) or [`World::new`] and
//!    [`World::add_host`], then the DNS zones ([`World::zones_mut`]), links
//!    ([`World::set_link`]), retry policy. A scenario does all of this
//!    (`scenario::Scenario::build`).
//! 2. **Schedule** what happens: [`World::schedule_send`],
//!    [`World::schedule_fetch`], [`World::schedule_imap`],
//!    [`World::schedule_host_state`],
//!    [`World::schedule_link_state`], at virtual times. Nothing runs yet.
//! 3. **Run**: [`World::run_to_end`] (everything, timeouts included),
//!    [`World::run_until`] (up to a time; the clock ends there),
//!    [`World::run_until_idle`] / [`World::run_until_quiet`] (until only
//!    session timeouts, or only work beyond a horizon, are left: for a world
//!    with a person typing in it). [`World::next_wakeup`] and
//!    [`World::next_work`] say when something is next due, for a driver
//!    with a real clock (`mailsim serve`).
//! 4. **Console** (interactive drivers only), between runs:
//!    [`World::connect`] from a host, [`World::send_bytes`] /
//!    [`World::send_line`], run, then [`World::take_received`] (each byte
//!    once) and [`World::is_open`]; [`World::close`]. Bytes sent are in
//!    flight: they arrive only when the world runs.
//! 5. **Read** the trace: [`World::trace`] (all of it), or
//!    [`World::events_since`] and [`World::forget_trace_before`] for a
//!    driver that prints events as they come and must not keep them. Every
//!    line event carries the explanation key the sending session chose.
//!    Views ([`view::WorldView`]) are a pure function of a trace prefix.
//!
//! The same scenario, seed and inputs always give the same trace.

pub mod cast;
pub mod host;
pub mod render;
pub mod rng;
#[cfg(feature = "auth")]
pub mod sender_checks;
pub mod spam;
pub mod trace;
pub mod view;
pub mod wire;
pub mod world;

pub use host::{Account, DkimAlgorithm, DkimCanonicalization, DkimSettings, HostConfig, HostFault};
pub use trace::{ConnId, Direction, EventKind, Parsed, Protocol, Role, SessionState, TraceEvent};
pub use world::{ConnectError, FetchJob, ImapAppend, ImapJob, SendJob, World};
