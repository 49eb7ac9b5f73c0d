//! The RFC 5322 message parser: no panic; printing a parsed message and
//! parsing it again is stable.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core::message::Message;
use protocol_core_fuzz::*;

fuzz_target!(|data: &[u8]| {
    let bytes: Vec<u8> = decode(data, MESSAGE_ALPHABET)
        .into_iter()
        .flat_map(|p| match p {
            Piece::Bytes(b) => b,
            _ => Vec::new(),
        })
        .collect();
    let m = Message::parse(&bytes);
    let _ = m.header("subject");
    let once = m.to_bytes();
    let twice = Message::parse(&once).to_bytes();
    assert_eq!(
        String::from_utf8_lossy(&twice),
        String::from_utf8_lossy(&once),
        "not stable for {:?}",
        String::from_utf8_lossy(&bytes)
    );
});
