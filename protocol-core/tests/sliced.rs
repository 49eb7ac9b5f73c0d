//! `World::run_until_idle_for`: a world run in slices (as the web page runs
//! it, yielding to the browser between them) ends exactly as one
//! `run_until_idle` does, for every built-in scenario and slice size.

use protocol_core::scenario::catalogue;

#[test]
fn sliced_runs_give_the_same_trace_as_one_run() {
    for s in catalogue() {
        let whole = s.run(None);
        for max in [1, 3, 64] {
            let mut w = s.build(None);
            let mut slices = 0;
            while !w.run_until_idle_for(max) {
                slices += 1;
                assert!(slices < 1_000_000, "{}: never idle", s.name);
            }
            assert_eq!(w.trace(), whole.trace(), "{} in slices of {max}", s.name);
            assert_eq!(w.now(), whole.now(), "{} in slices of {max}", s.name);
            if max == 1 {
                assert!(slices > 10, "{}: only {slices} slices", s.name);
            }
        }
    }
}
