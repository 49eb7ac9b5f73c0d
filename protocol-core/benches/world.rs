//! The whole world end to end: the seed story, and bulk mail (1,000, 5,000
//! and 10,000 messages from 100 senders through the same hosts) to show
//! that the cost grows linearly with the number of messages.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use protocol_core::scenario::builtin;
use protocol_core::sim::cast::{cast_hosts, world_with};
use protocol_core::sim::{Account, SendJob, World};
use protocol_core::time::{SimDuration, SimTime};

/// `n` messages from 100 senders at the ISP to Dave, one every 10 ms.
pub fn bulk_world(n: usize) -> World {
    let senders = 100;
    let mut hosts = cast_hosts();
    let isp = hosts.iter_mut().find(|h| h.id == "isp").unwrap();
    for i in 0..senders {
        isp.accounts.push(Account {
            login: format!("user{i}"),
            password: "pw".into(),
            address: format!("user{i}@isp.example"),
        });
    }
    let mut w = world_with(1, hosts);
    for k in 0..n {
        let i = k % senders;
        w.schedule_send(
            SimTime::ZERO + SimDuration::from_millis(10 * k as u64),
            SendJob {
                from_host: "john-pc".into(),
                server: "smtp.isp.example".into(),
                port: 587,
                auth: Some((format!("user{i}"), "pw".into())),
                from: format!("user{i}@isp.example"),
                to: vec!["dave@dave.example".into()],
                subject: format!("Message {k}"),
                body: "Hello Dave,\n\nthis is one of many.\n".into(),
            },
        );
    }
    w
}

fn seed_story(c: &mut Criterion) {
    let s = builtin("seed-story").unwrap();
    c.bench_function("world/seed-story", |b| {
        b.iter(|| {
            let w = s.run(None);
            assert!(w.trace().len() > 100);
            w
        })
    });
}

fn bulk(c: &mut Criterion) {
    let mut g = c.benchmark_group("world/bulk");
    g.sample_size(10);
    for n in [1_000usize, 5_000, 10_000] {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| {
                let mut w = bulk_world(n);
                w.run_until_idle();
                assert_eq!(w.mailbox("mx", "dave").len(), n);
                w
            })
        });
    }
    g.finish();
}

criterion_group!(benches, seed_story, bulk);
criterion_main!(benches);
