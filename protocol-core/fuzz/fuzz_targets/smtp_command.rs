//! The SMTP command parser: no panic; what parses prints as a line that
//! parses to the same command.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core::smtp::command::Command;
use protocol_core_fuzz::*;

fuzz_target!(|data: &[u8]| {
    let bytes: Vec<u8> = decode(data, SMTP_ALPHABET)
        .into_iter()
        .flat_map(|p| match p {
            Piece::Bytes(b) => b,
            _ => Vec::new(),
        })
        .collect();
    let line = String::from_utf8_lossy(&bytes);
    if let Ok(c) = Command::parse(&line) {
        let printed = c.to_string();
        let again = Command::parse(printed.trim_end_matches("\r\n"));
        assert_eq!(
            again.ok().as_ref(),
            Some(&c),
            "{line:?} printed as {printed:?}"
        );
    }
});
