//! What the protocol sessions' transition tables have in common. Each
//! session keeps its machine as one table of rows `(from, event, to)`
//! (after h11): the session dispatches through it, refuses what has no row,
//! and the UI draws it. These are the questions every session asks of its
//! table.

/// A transition table: `(from, event, to)`; events in capitals are
/// commands, the others happen without one ("timeout", "connection lost").
pub type Table<S> = [(S, &'static str, S)];

/// Whether `event` has a row from `state`.
pub fn allows<S: PartialEq + Copy>(table: &Table<S>, state: S, event: &str) -> bool {
    table
        .iter()
        .any(|&(from, ev, _)| from == state && ev == event)
}

/// Where the row `(state, event, _)` leads: the first such row's target.
/// A client's table has one row per `(state, event)`, so this is the
/// table deciding its next state (checked by `single_target_per_event`).
pub fn target<S: PartialEq + Copy>(table: &Table<S>, state: S, event: &str) -> Option<S> {
    table
        .iter()
        .find(|&&(from, ev, _)| from == state && ev == event)
        .map(|&(_, _, to)| to)
}

/// Whether every `(state, event)` has at most one row: then the table,
/// not the code, picks the target of each event.
pub fn single_target_per_event<S: PartialEq + Copy>(table: &Table<S>) -> bool {
    table.iter().enumerate().all(|(i, &(a, ev, _))| {
        !table[i + 1..]
            .iter()
            .any(|&(b, ev2, _)| b == a && ev2 == ev)
    })
}

/// The events from `state` that `keep` accepts, in table order, each once.
pub fn events_from<S: PartialEq + Copy>(
    table: &Table<S>,
    state: S,
    keep: impl Fn(&'static str, S) -> bool,
) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for &(from, ev, to) in table {
        if from == state && keep(ev, to) && !v.contains(&ev) {
            v.push(ev);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum S {
        A,
        B,
    }

    static T: &Table<S> = &[
        (S::A, "GO", S::B),
        (S::A, "GO", S::A),
        (S::A, "timeout", S::B),
        (S::B, "STAY", S::B),
    ];

    #[test]
    fn questions_of_a_table() {
        assert!(allows(T, S::A, "GO") && !allows(T, S::B, "GO"));
        let upper = |e: &str, _| e.bytes().all(|b| b.is_ascii_uppercase());
        assert_eq!(events_from(T, S::A, upper), ["GO"]);
        assert_eq!(events_from(T, S::A, |_, to| to == S::B), ["GO", "timeout"]);
        assert_eq!(target(T, S::A, "GO"), Some(S::B));
        assert_eq!(target(T, S::B, "GO"), None);
        assert!(!single_target_per_event(T));
        assert!(single_target_per_event(&T[1..]));
    }
}
