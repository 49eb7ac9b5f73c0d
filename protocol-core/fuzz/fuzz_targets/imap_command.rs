//! The IMAP command parser: no panic; a parsed command's wire form parses
//! to the same command.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core::imap::command;
use protocol_core_fuzz::*;

fuzz_target!(|data: &[u8]| {
    let bytes: Vec<u8> = decode(data, IMAP_ALPHABET)
        .into_iter()
        .flat_map(|p| match p {
            Piece::Bytes(b) => b,
            _ => Vec::new(),
        })
        .collect();
    let _ = command::peek_keyword(&bytes);
    if let Ok(c) = command::parse(&bytes) {
        let wire = c.to_wire();
        let line = wire.strip_suffix(b"\r\n").unwrap_or(&wire);
        let again = command::parse(line);
        assert_eq!(
            again.as_ref().ok(),
            Some(&c),
            "{:?} printed as {:?}",
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&wire)
        );
    }
});
