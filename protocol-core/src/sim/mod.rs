//! The simulated world: hosts, links, TCP, DNS, the MTAs and the mail
//! programs, one scheduler with a virtual clock and one seeded RNG.

pub mod explain;
pub mod trace;
pub mod wire;
