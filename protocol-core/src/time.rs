//! Virtual time. Nothing in the core reads a real clock: the caller passes
//! `now` in (after smoltcp's `time.rs` and quinn-proto's contract).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A point in virtual time: microseconds since the world started.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

/// A length of virtual time in microseconds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimDuration(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);
    /// `self + d`, or `None` past the end of the clock (`+` saturates).
    pub fn checked_add(self, d: SimDuration) -> Option<SimTime> {
        self.0.checked_add(d.0).map(SimTime)
    }
    pub const fn from_micros(us: u64) -> Self {
        SimTime(us)
    }
    pub const fn as_micros(self) -> u64 {
        self.0
    }
    /// Time elapsed since `earlier`, zero if `earlier` is later.
    pub fn saturating_since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);
    pub const MAX: SimDuration = SimDuration(u64::MAX);
    pub const fn from_micros(us: u64) -> Self {
        SimDuration(us)
    }
    /// These constructors saturate at [`SimDuration::MAX`] instead of
    /// overflowing (issue 16: `from_secs(u64::MAX)` wrapped in release and
    /// panicked in debug). Use the `checked_` forms to refuse such a value.
    pub const fn from_millis(ms: u64) -> Self {
        SimDuration(ms.saturating_mul(1_000))
    }
    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s.saturating_mul(1_000_000))
    }
    pub const fn from_mins(m: u64) -> Self {
        SimDuration(m.saturating_mul(60_000_000))
    }
    /// `None` when `s` seconds do not fit in the clock.
    pub const fn checked_from_secs(s: u64) -> Option<Self> {
        match s.checked_mul(1_000_000) {
            Some(us) => Some(SimDuration(us)),
            None => None,
        }
    }
    pub const fn as_micros(self) -> u64 {
        self.0
    }
    pub const fn as_secs(self) -> u64 {
        self.0 / 1_000_000
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}
impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        self.0 = self.0.saturating_add(d.0);
    }
}
impl Sub<SimTime> for SimTime {
    type Output = SimDuration;
    fn sub(self, other: SimTime) -> SimDuration {
        self.saturating_since(other)
    }
}
impl Sub for SimDuration {
    type Output = SimDuration;
    fn sub(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_sub(d.0))
    }
}
impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

/// Shown as `h:mm:ss.mmm` of virtual time, the way transcripts print it.
impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0 / 1_000;
        let (h, m, s, ms) = (
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1_000 % 60,
            ms % 1_000,
        );
        write!(f, "{h}:{m:02}:{s:02}.{ms:03}")
    }
}

/// Shown in words a student reads: "250 ms", "3 s", "15 min", "1 min 30 s",
/// "2 h 5 min". Rounded to the nearest second (the nearest minute from an
/// hour up), never truncated: a retry 14 min 59.9 s later reads "15 min".
impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let us = self.0;
        if us < 1_000 {
            return write!(f, "{us} µs");
        }
        if us < 999_500 {
            return write!(f, "{} ms", (us + 500) / 1_000);
        }
        let secs = (us + 500_000) / 1_000_000;
        if secs < 60 {
            write!(f, "{secs} s")
        } else if secs < 3_600 {
            match secs % 60 {
                0 => write!(f, "{} min", secs / 60),
                s => write!(f, "{} min {s} s", secs / 60),
            }
        } else {
            let m = (secs + 30) / 60;
            match m % 60 {
                0 => write!(f, "{} h", m / 60),
                r => write!(f, "{} h {r} min", m / 60),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_prints_as_clock() {
        assert_eq!(SimTime(0).to_string(), "0:00:00.000");
        assert_eq!(
            (SimTime(0) + SimDuration::from_mins(75) + SimDuration::from_millis(42)).to_string(),
            "1:15:00.042"
        );
    }

    #[test]
    fn durations_print_in_words() {
        assert_eq!(SimDuration::from_millis(250).to_string(), "250 ms");
        assert_eq!(SimDuration::from_mins(15).to_string(), "15 min");
        assert_eq!(SimDuration::from_mins(125).to_string(), "2 h 5 min");
        assert_eq!(SimDuration::from_mins(120).to_string(), "2 h");
        assert_eq!(SimDuration::from_secs(90).to_string(), "1 min 30 s");
        assert_eq!(SimDuration::from_secs(45).to_string(), "45 s");
    }

    #[test]
    fn durations_round_instead_of_truncating() {
        // A greylisting retry 15 minutes after a 451 sent 137 ms in.
        assert_eq!(
            (SimDuration::from_mins(15) - SimDuration::from_millis(137)).to_string(),
            "15 min"
        );
        assert_eq!(SimDuration::from_micros(119_700_000).to_string(), "2 min");
        assert_eq!(SimDuration::from_micros(999_600).to_string(), "1 s");
        assert_eq!(SimDuration::from_micros(1_499).to_string(), "1 ms");
        assert_eq!(
            (SimDuration::from_mins(60) + SimDuration::from_secs(10)).to_string(),
            "1 h"
        );
        assert_eq!(
            (SimDuration::from_mins(60) - SimDuration::from_secs(10)).to_string(),
            "59 min 50 s"
        );
    }

    #[test]
    fn constructors_saturate_and_checked_forms_refuse() {
        assert_eq!(SimDuration::from_secs(u64::MAX), SimDuration::MAX);
        assert_eq!(SimDuration::from_mins(u64::MAX / 2), SimDuration::MAX);
        assert_eq!(SimDuration::from_millis(u64::MAX), SimDuration::MAX);
        assert_eq!(SimDuration::checked_from_secs(u64::MAX), None);
        assert_eq!(
            SimDuration::checked_from_secs(3),
            Some(SimDuration::from_millis(3_000))
        );
        assert_eq!(SimTime(u64::MAX - 1).checked_add(SimDuration(2)), None);
    }

    #[test]
    fn subtraction_saturates() {
        assert_eq!(SimTime(5) - SimTime(10), SimDuration::ZERO);
    }
}
