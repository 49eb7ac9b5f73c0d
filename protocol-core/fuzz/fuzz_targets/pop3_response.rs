//! The POP3 response parser: no panic, and the same replies whole, at the
//! input's chunk boundaries and byte by byte. The first byte says which
//! replies are expected to be multi-line.
#![no_main]
use libfuzzer_sys::fuzz_target;
use protocol_core::pop3::ResponseParser;
use protocol_core_fuzz::*;

fn run(multi: u8, max: usize, pieces: &[Piece], byte: bool) -> Vec<String> {
    let mut p = ResponseParser::with_max_body(max);
    for i in 0..8 {
        p.expect(multi & (1 << i) != 0);
    }
    let mut out = Vec::new();
    for piece in pieces {
        if let Piece::Bytes(b) = piece {
            let chunks: Vec<&[u8]> = if byte { b.chunks(1).collect() } else { vec![b] };
            for c in chunks {
                p.push(c);
                while let Some(r) = p.next_reply() {
                    out.push(format!("{r:?}"));
                }
            }
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&multi, rest)) = data.split_first() else {
        return;
    };
    let max = if multi & 1 != 0 { 64 } else { 1 << 20 };
    let pieces = decode(rest, POP3_RESPONSE_ALPHABET);
    let whole: Vec<u8> = pieces
        .iter()
        .flat_map(|p| match p {
            Piece::Bytes(b) => b.clone(),
            _ => Vec::new(),
        })
        .collect();
    let w = run(multi, max, &[Piece::Bytes(whole)], false);
    assert_eq!(
        run(multi, max, &pieces, false),
        w,
        "at the chunk boundaries"
    );
    assert_eq!(run(multi, max, &pieces, true), w, "byte by byte");
});
