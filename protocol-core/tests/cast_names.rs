//! The ISP's POP3 service has a name of its own (issue 12): `pop.isp.example`,
//! an A record for the address of smtp.isp.example. John's mail program
//! fetches from it; nothing fetches "from the SMTP server".

use protocol_core::dns::RecordType;
use protocol_core::scenario::{builtin, catalogue};
use protocol_core::sim::cast::cast;
use protocol_core::sim::EventKind;

#[test]
fn pop_isp_example_is_the_isps_address() {
    let w = cast(1);
    let z = w.zones();
    assert_eq!(
        z.query("pop.isp.example", RecordType::A),
        z.query("smtp.isp.example", RecordType::A)
    );
    assert!(format!("{:?}", z.query("pop.isp.example", RecordType::A)).contains("192.0.2.25"));
}

#[test]
fn john_fetches_from_pop_isp_example_and_nobody_from_smtp_isp_example() {
    let s = builtin("unknown-recipient").unwrap();
    let w = s.run(None);
    let t = w.trace();
    let pop_open = t
        .iter()
        .position(|e| {
            matches!(e.kind, EventKind::ConnectionOpened { port: 110, .. })
                && e.from == "john-pc"
                && e.to == "isp"
        })
        .expect("John's POP3 connection");
    let asked = t[..pop_open].iter().rev().find_map(|e| match &e.kind {
        EventKind::DnsQuery { name, .. } if e.from == "john-pc" => Some(name.clone()),
        _ => None,
    });
    assert_eq!(asked.as_deref(), Some("pop.isp.example"));
    for s in catalogue() {
        for step in &s.steps {
            let text = format!("{step:?}");
            assert!(
                !(text.starts_with("Fetch") && text.contains("\"smtp.isp.example\"")),
                "{}: fetches from smtp.isp.example: {text}",
                s.name
            );
        }
    }
}

/// What the telnet pane's help says: `telnet pop.isp.example 110` from
/// john-pc reaches John's mailbox.
#[test]
fn telnet_pop_isp_example_110_opens_johns_mailbox() {
    let mut w = cast(1);
    let c = w.connect("john-pc", "pop.isp.example", 110).unwrap();
    w.run_until_idle();
    let greeting = String::from_utf8(w.take_received(c)).unwrap();
    assert!(greeting.starts_with("+OK "), "{greeting}");
    w.send_line(c, "USER john");
    w.run_until_idle();
    w.take_received(c);
    w.send_line(c, "PASS john-pass");
    w.run_until_idle();
    let r = String::from_utf8(w.take_received(c)).unwrap();
    assert!(r.starts_with("+OK john's maildrop"), "{r}");
}
