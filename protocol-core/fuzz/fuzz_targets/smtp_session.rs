//! The SMTP server session fed random protocol input: no panic, and the
//! same output, close and store whole, at the input's chunk boundaries and
//! byte by byte.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core_fuzz::*;

fuzz_target!(|data: &[u8]| {
    check_splits("smtp", data, smtp_run);
});
