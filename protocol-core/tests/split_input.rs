//! Issue 16, item 13: the same bytes fed whole, byte by byte and in random
//! chunks give the same result, for the three cases where they did not.

mod common;

use common::*;
use protocol_core::pop3::ResponseParser;
use protocol_core::smtp::reply::{ReplyParser, MAX_REPLY_LINE};
use protocol_core::smtp::server::*;
use std::net::Ipv4Addr;

/// The splits every case is fed in: whole, byte by byte, random chunks.
fn splits(data: &[u8]) -> Vec<(String, Vec<&[u8]>)> {
    let mut out = vec![
        ("whole".to_string(), vec![data]),
        ("byte by byte".to_string(), data.chunks(1).collect()),
    ];
    for seed in 1..=20u64 {
        out.push((
            format!("random chunks, seed {seed}"),
            random_chunks(data, seed, 700),
        ));
    }
    out
}

/// Runs a submission server session over `chunks` and returns all it sent.
fn smtp_output(setup: &[&str], chunks: &[&[u8]]) -> String {
    let mut h = Harness::new(
        isp_config(ServerMode::Submission),
        Ipv4Addr::new(192, 0, 2, 10),
    );
    let mut out = String::new();
    for l in setup {
        out.push_str(&h.cmd(l));
    }
    for c in chunks {
        out.push_str(&h.send(c));
    }
    out.push_str(&h.cmd("NOOP"));
    out
}

#[test]
fn an_over_long_auth_response_gets_500_5_5_6_however_it_is_split() {
    let mut input = vec![b'A'; 13_000];
    input.extend_from_slice(b"\r\n");
    let setup = ["EHLO john-pc.isp.example", "AUTH PLAIN"];
    let whole = smtp_output(&setup, &[&input]);
    assert!(
        whole.contains("500 5.5.6 Authentication exchange line is too long\r\n"),
        "{whole}"
    );
    assert!(whole.ends_with("250 2.0.0 OK\r\n"), "{whole}");
    for (name, chunks) in splits(&input) {
        assert_eq!(smtp_output(&setup, &chunks), whole, "{name}");
    }
    // At the limit, 12,288 octets with CRLF: not too long, fed either way.
    let mut at_limit = vec![b'A'; MAX_AUTH_LINE - 2];
    at_limit.extend_from_slice(b"\r\n");
    let whole = smtp_output(&setup, &[&at_limit]);
    assert!(!whole.contains("5.5.6"), "{whole}");
    for (name, chunks) in splits(&at_limit) {
        assert_eq!(smtp_output(&setup, &chunks), whole, "{name}");
    }
}

#[test]
fn the_ehlo_reply_to_a_long_domain_fits_in_512_octets_and_parses() {
    // The longest domain a 512-octet command line can carry.
    let domain = "d".repeat(MAX_COMMAND_LINE - "EHLO \r\n".len());
    let input = format!("EHLO {domain}\r\n").into_bytes();
    let whole = smtp_output(&[], &[&input]);
    for line in whole.split_inclusive('\n') {
        assert!(
            line.len() <= MAX_REPLY_LINE,
            "{} octets: {line}",
            line.len()
        );
    }
    for (name, chunks) in splits(whole.as_bytes()) {
        let mut p = ReplyParser::new();
        let mut replies = Vec::new();
        for c in chunks {
            p.push(c);
            while let Some(r) = p.next_reply() {
                replies.push(r.map(|r| r.code));
            }
        }
        assert_eq!(replies, vec![Ok(250), Ok(250)], "{name}");
    }
    for (name, chunks) in splits(&input) {
        assert_eq!(smtp_output(&[], &chunks), whole, "{name}");
    }
}

#[test]
fn the_pop3_response_parser_keeps_its_place_after_errors_however_it_is_fed() {
    // An over-long status line, then a good one; a body over the limit,
    // then a good response; a body exactly at the limit with its terminator.
    let mut input = Vec::new();
    input.extend_from_slice(b"+OK ");
    input.extend_from_slice(&[b'x'; 2000]);
    input.extend_from_slice(b"\r\n+OK after the long line\r\n");
    input.extend_from_slice(b"+OK big body\r\n");
    for _ in 0..20 {
        input.extend_from_slice(b"0123456789\r\n.stuffed\r\n");
    }
    input.extend_from_slice(b".\r\n+OK after the big body\r\n");
    input.extend_from_slice(b"+OK just fits\r\n");
    input.extend_from_slice(&[b'y'; 98]);
    input.extend_from_slice(b"\r\n.\r\n-ERR last\r\n");
    let run = |chunks: &[&[u8]]| {
        let mut p = ResponseParser::with_max_body(100);
        for multi in [false, false, true, false, true, false] {
            p.expect(multi);
        }
        let mut out = Vec::new();
        for c in chunks {
            p.push(c);
            while let Some(r) = p.next_reply() {
                out.push(format!("{r:?}"));
            }
        }
        out
    };
    let whole = run(&[&input]);
    assert_eq!(whole.len(), 6, "{whole:#?}");
    assert!(whole[0].contains("StatusTooLong"), "{whole:#?}");
    assert!(whole[1].contains("after the long line"), "{whole:#?}");
    assert!(whole[2].contains("BodyTooLarge"), "{whole:#?}");
    assert!(whole[3].contains("after the big body"), "{whole:#?}");
    assert!(whole[4].contains("just fits"), "{whole:#?}");
    assert!(whole[5].contains("last"), "{whole:#?}");
    for (name, chunks) in splits(&input) {
        assert_eq!(run(&chunks), whole, "{name}");
    }
}

/// Found by the pop3_response fuzz target: when a body grew too large in
/// the middle of a line, the line's first bytes were dropped, so its rest
/// (here `.`) could pass for the terminator: fed byte by byte, the parser
/// then read the body's next lines as status lines.
#[test]
fn a_body_too_large_in_mid_line_skips_to_the_real_terminator_however_it_is_fed() {
    let input = b"+OK big\r\nabcdefghijkl.\r\nmore\r\n.\r\n+OK next\r\n".to_vec();
    let run = |chunks: &[&[u8]]| {
        let mut p = ResponseParser::with_max_body(10);
        p.expect(true);
        p.expect(false);
        let mut out = Vec::new();
        for c in chunks {
            p.push(c);
            while let Some(r) = p.next_reply() {
                out.push(format!("{r:?}"));
            }
        }
        out
    };
    let whole = run(&[&input]);
    assert_eq!(whole.len(), 2, "{whole:#?}");
    assert!(whole[0].contains("BodyTooLarge"), "{whole:#?}");
    assert!(whole[1].contains("next"), "{whole:#?}");
    for (name, chunks) in splits(&input) {
        assert_eq!(run(&chunks), whole, "{name}");
    }
}
