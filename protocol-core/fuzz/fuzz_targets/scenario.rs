//! The scenario loader: no panic on any text; a scenario it accepts builds
//! a world that runs to its end (every scenario must end: issue 16 item 6).
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core::scenario::Scenario;
use protocol_core_fuzz::*;

fuzz_target!(|data: &[u8]| {
    let Some((&seed, rest)) = data.split_first() else {
        return;
    };
    let bytes: Vec<u8> = decode(rest, SCENARIO_ALPHABET)
        .into_iter()
        .flat_map(|p| match p {
            Piece::Bytes(b) => b,
            _ => Vec::new(),
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    if let Ok(s) = Scenario::parse(&text, "fuzz.toml") {
        let mut w = s.build(Some(u64::from(seed)));
        w.run_to_end();
    }
});
