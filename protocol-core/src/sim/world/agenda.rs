//! The agenda: what is due when, in one ordered map. Entries are keyed by
//! (time, sequence number): two things due at the same instant happen in
//! the order they were scheduled, which keeps every run deterministic.
//! Nothing here knows what an entry means; the world decides (its session
//! timers move on when pushed back, see `World::pop_due`).

use crate::time::SimTime;
use std::collections::BTreeMap;

/// The key of an agenda entry: when, and the order of scheduling.
pub type Key = (SimTime, u64);

#[derive(Debug)]
pub struct Agenda<A> {
    entries: BTreeMap<Key, A>,
    seq: u64,
}

impl<A> Default for Agenda<A> {
    fn default() -> Self {
        Agenda {
            entries: BTreeMap::new(),
            seq: 0,
        }
    }
}

impl<A> Agenda<A> {
    /// The key an entry scheduled now for `at` gets (never in the past).
    /// Taking a key uses up a sequence number, as scheduling does.
    pub fn take_key(&mut self, at: SimTime, now: SimTime) -> Key {
        self.seq += 1;
        (at.max(now), self.seq)
    }

    /// Schedules `action` at `at` (at `now` if `at` has passed).
    pub fn schedule(&mut self, at: SimTime, now: SimTime, action: A) -> Key {
        let key = self.take_key(at, now);
        self.entries.insert(key, action);
        key
    }

    /// Puts an entry at a key taken with [`Agenda::take_key`].
    pub fn insert(&mut self, key: Key, action: A) {
        self.entries.insert(key, action);
    }

    pub fn remove(&mut self, key: &Key) -> Option<A> {
        self.entries.remove(key)
    }

    /// The first entry in key order.
    pub fn first(&self) -> Option<(Key, &A)> {
        self.entries.first_key_value().map(|(k, a)| (*k, a))
    }

    /// Every entry in key order.
    pub fn iter(&self) -> impl Iterator<Item = (Key, &A)> {
        self.entries.iter().map(|(k, a)| (*k, a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimDuration;

    #[test]
    fn entries_come_in_time_order_then_in_the_order_scheduled() {
        let t = |s| SimTime::ZERO + SimDuration::from_secs(s);
        let mut a = Agenda::default();
        a.schedule(t(5), t(0), "late");
        a.schedule(t(1), t(0), "first at 1");
        a.schedule(t(1), t(0), "second at 1");
        // In the past: due now.
        a.schedule(t(0), t(3), "overdue");
        let order: Vec<&str> = a.iter().map(|(_, x)| *x).collect();
        assert_eq!(order, ["first at 1", "second at 1", "overdue", "late"]);
        let (k, _) = a.first().unwrap();
        assert_eq!(a.remove(&k), Some("first at 1"));
        let key = a.take_key(t(9), t(0));
        a.insert(key, "taken");
        assert_eq!(a.iter().last().map(|(_, x)| *x), Some("taken"));
    }
}
