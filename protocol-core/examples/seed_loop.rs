//! Runs the seed story N times (default 200): a target for profilers
//! (`valgrind --tool=callgrind`, `perf record`).
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let s = protocol_core::scenario::builtin("seed-story").expect("built in");
    let mut events = 0;
    for _ in 0..n {
        events += s.run(None).trace().len();
    }
    println!("{n} runs, {events} events");
}
