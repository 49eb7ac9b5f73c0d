//! The simulated world: hosts, links, TCP, DNS, the MTAs and the mail
//! programs, one scheduler with a virtual clock and one seeded RNG.

pub mod cast;
pub mod explain;
pub mod host;
pub mod render;
pub mod rng;
pub mod trace;
pub mod view;
pub mod wire;
pub mod world;

pub use host::{Account, HostConfig};
pub use trace::{ConnId, Direction, EventKind, Parsed, Protocol, Role, TraceEvent};
pub use world::{ConnectError, FetchJob, SendJob, World};
