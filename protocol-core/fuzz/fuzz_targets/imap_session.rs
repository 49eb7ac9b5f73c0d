//! The IMAP server session fed random protocol input: no panic, and the
//! same output, close and store whole, at the input's chunk boundaries and
//! (for inputs of at most 256 bytes) byte by byte: `check_splits_fuzz`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core_fuzz::*;

fuzz_target!(|data: &[u8]| {
    check_splits_fuzz("imap", data, imap_run);
});
