//! IMAP benchmark: a whole visit (LOGIN, SELECT, FETCH of 5 x 2 KB with
//! BODY[], STORE \Deleted, EXPUNGE, LOGOUT), store set up fresh each time.
//! Run: cargo bench -p protocol-core --bench imap -- --warm-up-time 1 --measurement-time 3

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use protocol_core::imap::{MemoryMailstore, ServerConfig, ServerSession};
use protocol_core::time::SimTime;
use std::sync::Arc;

fn message(size: usize) -> Vec<u8> {
    let mut m = b"From: John <john@isp.example>\r\nTo: dave@dave.example\r\nSubject: bench\r\n\r\n"
        .to_vec();
    while m.len() < size {
        m.extend_from_slice(b"The quick brown fox jumps over the lazy dog, again.\r\n");
    }
    m
}

fn store() -> MemoryMailstore {
    let mut s = MemoryMailstore::new();
    s.add_account("dave", "dave-pass");
    for _ in 0..5 {
        s.deliver("dave", message(2048), "23-Nov-2026 09:00:00 +0000");
    }
    s
}

fn bench(c: &mut Criterion) {
    let cfg = Arc::new(ServerConfig::new("mail.dave.example"));
    let visit = b"a1 LOGIN dave dave-pass\r\na2 SELECT INBOX\r\na3 FETCH 1:5 (UID FLAGS BODY[])\r\na4 STORE 1:5 +FLAGS.SILENT (\\Deleted)\r\na5 EXPUNGE\r\na6 LOGOUT\r\n";
    c.bench_function(
        "imap visit: login, select, fetch 5 x 2 KB, store, expunge, logout",
        |b| {
            b.iter_batched(
                store,
                |mut st| {
                    let mut s = ServerSession::new(Arc::clone(&cfg), SimTime::ZERO);
                    s.set_wire_events(false);
                    s.handle_input(SimTime::ZERO, black_box(visit), &mut st);
                    let mut out = 0;
                    while let Some(b) = s.poll_output() {
                        out += b.len();
                    }
                    while s.poll_event().is_some() {}
                    while s.poll_response().is_some() {}
                    assert!(s.is_closed());
                    out
                },
                BatchSize::SmallInput,
            )
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
