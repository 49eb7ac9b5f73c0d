//! The default world of DESIGN.md: John, his ISP, the DNS server, Dave's
//! mail server (SMTP, POP3 and IMAP on one mailbox) and Dave's computer.
//! Dave's phone (`dave-phone`, an IMAP client) is one of the extra hosts
//! that scenarios add (DESIGN.md), so the maps of the other scenarios stay
//! as they were.

use super::host::{Account, HostConfig};
use super::world::World;
use std::net::Ipv4Addr;

/// The hosts of the cast, before any scenario changes.
pub fn cast_hosts() -> Vec<HostConfig> {
    let mut john = HostConfig::new(
        "john-pc",
        "john-pc.isp.example",
        Ipv4Addr::new(192, 0, 2, 10),
    );
    john.local_domains.clear();

    let mut isp = HostConfig::new("isp", "smtp.isp.example", Ipv4Addr::new(192, 0, 2, 25));
    isp.smtp = true;
    isp.submission = true;
    isp.pop3 = true;
    isp.pop3_name = Some("pop.isp.example".into());
    isp.local_domains = vec!["isp.example".into()];
    isp.relay_networks = vec![(Ipv4Addr::new(192, 0, 2, 0), 24)];
    isp.accounts = vec![Account {
        login: "john".into(),
        password: "john-pass".into(),
        address: "john@isp.example".into(),
    }];
    isp.dkim_domain = Some("isp.example".into());

    let dns = HostConfig::new("dns", "ns.example", Ipv4Addr::new(192, 0, 2, 53));

    let mut mx = HostConfig::new("mx", "mail.dave.example", Ipv4Addr::new(198, 51, 100, 25));
    mx.smtp = true;
    mx.pop3 = true;
    mx.imap = true;
    mx.check_senders = true;
    mx.local_domains = vec!["dave.example".into()];
    mx.accounts = vec![Account {
        login: "dave".into(),
        password: "dave-pass".into(),
        address: "dave@dave.example".into(),
    }];

    let dave = HostConfig::new(
        "dave-pc",
        "dave-pc.dave.example",
        Ipv4Addr::new(198, 51, 100, 10),
    );
    vec![john, isp, dns, mx, dave]
}

/// Names a cast host has in DNS besides its own (host id, name): the ISP's
/// POP3 service is `pop.isp.example`, an A record for the address of
/// smtp.isp.example. POP3 is not "the SMTP server", even on the same machine.
pub const ALIASES: &[(&str, &str)] = &[("isp", "pop.isp.example")];

/// A world with the given hosts, `dns` answering, the cast's other names
/// ([`ALIASES`], for the hosts that are there) and MX records
/// (`isp.example MX 10 smtp.isp.example`, `dave.example MX 10 mail.dave.example`)
/// and the ISP's [`SENDER_RECORDS`].
pub fn world_with(seed: u64, hosts: Vec<HostConfig>) -> World {
    let mut w = World::new(seed);
    let aliases: Vec<(&str, Ipv4Addr)> = ALIASES
        .iter()
        .filter_map(|(id, name)| hosts.iter().find(|h| h.id == *id).map(|h| (*name, h.ip)))
        .collect();
    for h in hosts {
        w.add_host(h);
    }
    for (name, ip) in aliases {
        w.zones_mut().add_a(name, ip);
    }
    w.set_dns_host("dns");
    w.zones_mut().add_mx("isp.example", 10, "smtp.isp.example");
    w.zones_mut()
        .add_mx("dave.example", 10, "mail.dave.example");
    for (name, text) in SENDER_RECORDS {
        w.zones_mut().add_txt(name, text);
    }
    w
}

/// The ISP's sender rules in DNS: SPF (RFC 7208) allows its mail servers
/// (the MX hosts of isp.example: smtp.isp.example) and no one else; DMARC
/// (RFC 7489) asks receivers to refuse mail with a `From: ...@isp.example`
/// that neither SPF nor DKIM proves. The DKIM key is added with the host
/// (`mail._domainkey.isp.example`, made from the seed).
pub const SENDER_RECORDS: &[(&str, &str)] = &[
    ("isp.example", "v=spf1 mx -all"),
    ("_dmarc.isp.example", "v=DMARC1; p=reject"),
];

/// The default cast.
pub fn cast(seed: u64) -> World {
    world_with(seed, cast_hosts())
}
