//! The SMTP reply parser: no panic, and the same replies whole, at the
//! input's chunk boundaries and byte by byte.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core::smtp::reply::{Reply, ReplyParser};
use protocol_core_fuzz::*;

fn run(pieces: &[Piece], byte: bool) -> Vec<String> {
    let mut p = ReplyParser::new();
    let mut out = Vec::new();
    for piece in pieces {
        if let Piece::Bytes(b) = piece {
            let chunks: Vec<&[u8]> = if byte { b.chunks(1).collect() } else { vec![b] };
            for c in chunks {
                p.push(c);
                while let Some(r) = p.next_reply() {
                    if let Ok(r) = &r {
                        let wire = r.to_wire();
                        let _ = Reply::parse(&wire);
                    }
                    out.push(format!("{r:?}"));
                }
            }
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let pieces = decode(data, REPLY_ALPHABET);
    let whole: Vec<u8> = pieces
        .iter()
        .flat_map(|p| match p {
            Piece::Bytes(b) => b.clone(),
            _ => Vec::new(),
        })
        .collect();
    let w = run(&[Piece::Bytes(whole)], false);
    assert_eq!(run(&pieces, false), w, "at the chunk boundaries");
    assert_eq!(run(&pieces, true), w, "byte by byte");
});
