//! SMTP benchmarks: command parsing, a whole small session, DATA ingestion.
//! Run: cargo bench -p protocol-core --bench smtp -- --warm-up-time 1 --measurement-time 3

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use protocol_core::smtp::command::Command;
use protocol_core::smtp::server::*;
use protocol_core::time::SimTime;
use std::net::Ipv4Addr;
use std::sync::Arc;

fn config() -> Arc<ServerConfig> {
    let mut c = ServerConfig::new("smtp.isp.example", ServerMode::Relay);
    c.local_domains.insert("isp.example".into());
    c.relay_networks.push((Ipv4Addr::new(192, 0, 2, 0), 24));
    c.max_message_size = 64 << 20;
    Arc::new(c)
}

fn policy() -> StaticPolicy {
    StaticPolicy::new().with_mailbox("john@isp.example")
}

const PEER: PeerInfo = PeerInfo {
    ip: Ipv4Addr::new(192, 0, 2, 10),
    port: 40000,
};

fn drain(s: &mut ServerSession) {
    while s.poll_output().is_some() {}
    while s.poll_event().is_some() {}
}

fn message(size: usize) -> Vec<u8> {
    let line = b"The quick brown fox jumps over the lazy dog, again and again and again.\r\n";
    let mut m = b"Subject: bench\r\n\r\n".to_vec();
    while m.len() + line.len() <= size {
        m.extend_from_slice(line);
    }
    m
}

fn bench(c: &mut Criterion) {
    let lines = [
        "EHLO john-pc.isp.example",
        "MAIL FROM:<john@isp.example> SIZE=10240 BODY=8BITMIME",
        "RCPT TO:<dave@dave.example>",
        "DATA",
        "QUIT",
    ];
    let mut g = c.benchmark_group("command_parse");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("5 commands", |b| {
        b.iter(|| {
            for l in lines {
                black_box(Command::parse(black_box(l)).unwrap());
            }
        })
    });
    g.finish();

    let cfg = config();
    for (name, size) in [
        ("small session (200 B message)", 200),
        ("session with 10 KB message", 10 * 1024),
    ] {
        let mut session = b"EHLO john-pc.isp.example\r\nMAIL FROM:<john@isp.example>\r\nRCPT TO:<dave@dave.example>\r\nDATA\r\n".to_vec();
        session.extend_from_slice(&message(size));
        session.extend_from_slice(b".\r\nQUIT\r\n");
        let mut p = policy();
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut s = ServerSession::new(Arc::clone(&cfg), PEER, SimTime::ZERO);
                s.handle_input(SimTime::ZERO, black_box(&session), &mut p);
                drain(&mut s);
                p.accepted.clear();
                assert!(s.is_closed());
            })
        });
    }

    let body = message(4 << 20);
    let mut g = c.benchmark_group("data_ingestion");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.sample_size(20);
    let mut p = policy();
    g.bench_function("4 MB in 64 KB reads", |b| {
        b.iter(|| {
            let mut s = ServerSession::new(Arc::clone(&cfg), PEER, SimTime::ZERO);
            s.handle_input(
                SimTime::ZERO,
                b"EHLO c\r\nMAIL FROM:<> SIZE=4194304\r\nRCPT TO:<dave@dave.example>\r\nDATA\r\n",
                &mut p,
            );
            for chunk in body.chunks(64 * 1024) {
                s.handle_input(SimTime::ZERO, chunk, &mut p);
            }
            s.handle_input(SimTime::ZERO, b".\r\n", &mut p);
            drain(&mut s);
            assert_eq!(p.accepted.len(), 1);
            p.accepted.clear();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
