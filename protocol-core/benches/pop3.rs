//! POP3 benchmarks: a whole session (log in, STAT, LIST, UIDL, RETR of every
//! message, DELE, QUIT with its UPDATE), and RETR throughput with byte-stuffing.
//! Run: cargo bench -p protocol-core --bench pop3 -- --warm-up-time 1 --measurement-time 3

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use protocol_core::pop3::{MemoryMaildrops, ServerConfig, ServerSession};
use protocol_core::time::SimTime;
use std::sync::Arc;

fn message(size: usize) -> Vec<u8> {
    // Every fifth line starts with a dot, so RETR has to byte-stuff (RFC 1939 §3).
    let mut m = b"Subject: bench\r\n\r\n".to_vec();
    let mut k = 0;
    while m.len() < size {
        let line: &[u8] = if k % 5 == 0 {
            b".a line that starts with a dot, stuffed on the way out\r\n"
        } else {
            b"The quick brown fox jumps over the lazy dog, again.\r\n"
        };
        m.extend_from_slice(line);
        k += 1;
    }
    m
}

fn store(n: usize, size: usize) -> MemoryMaildrops {
    let mut s = MemoryMaildrops::new();
    s.add_account("dave", "dave-pass");
    for i in 0..n {
        assert!(s.deliver("dave", format!("uid{i}"), message(size)));
    }
    s
}

/// Runs one session over `input`; returns the bytes the server sent.
fn session(cfg: &Arc<ServerConfig>, input: &[u8], store: &mut MemoryMaildrops) -> usize {
    let mut s = ServerSession::new(Arc::clone(cfg), 1, SimTime::ZERO);
    s.set_wire_events(false);
    s.handle_input(SimTime::ZERO, input, store);
    let mut out = 0;
    while let Some(b) = s.poll_output() {
        out += b.len();
    }
    while s.poll_event().is_some() {}
    assert!(s.is_closed());
    out
}

fn bench(c: &mut Criterion) {
    let cfg = Arc::new(ServerConfig::new("mail.dave.example"));

    // A mail program's whole visit: 5 messages of 2 KB, all downloaded and deleted.
    let mut visit = b"CAPA\r\nUSER dave\r\nPASS dave-pass\r\nSTAT\r\nLIST\r\nUIDL\r\n".to_vec();
    for i in 1..=5 {
        visit.extend_from_slice(format!("RETR {i}\r\nDELE {i}\r\n").as_bytes());
    }
    visit.extend_from_slice(b"QUIT\r\n");
    let full = store(5, 2048);
    c.bench_function("pop3 session: 5 x 2 KB downloaded and deleted", |b| {
        b.iter(|| {
            let mut st = full.clone();
            let out = session(&cfg, black_box(&visit), &mut st);
            assert!(st.messages("dave").is_empty(), "UPDATE deleted them");
            out
        })
    });

    // RETR of one 4 MB message: the server's output rate, stuffing included.
    let big = store(1, 4 << 20);
    let mut g = c.benchmark_group("pop3_retr");
    g.throughput(Throughput::Bytes(4 << 20));
    g.sample_size(20);
    let input = b"USER dave\r\nPASS dave-pass\r\nRETR 1\r\nQUIT\r\n";
    g.bench_function("RETR 4 MB", |b| {
        b.iter(|| {
            let mut st = big.clone();
            session(&cfg, black_box(input), &mut st)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
