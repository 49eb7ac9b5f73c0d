//! `mailsim serve`'s DNS port: the world's zones answered over real UDP, so
//! that `dig @127.0.0.1 -p 2053 MX dave.example`, a DKIM verifier or an SPF
//! checker can ask the simulated DNS what the simulated servers ask it.
//!
//! Implements: the DNS message format of RFC 1035 §4.1 (parsed and built by
//! Hickory's protocol crate, not by hand), questions of type A, MX, TXT and
//! ANY (`*`, RFC 1035 §3.2.3) in class IN, the answers of RFC 1034 §4.3.2 for
//! an authoritative server (AA set; RA clear, as it does not recurse),
//! NXDOMAIN (RCODE 3) for a name that does not exist and NODATA (NOERROR with
//! an empty answer, RFC 2308 §2.2) for a name without the asked type, UDP's
//! 512-octet limit with the TC bit (RFC 1035 §4.2.1) or a larger one that
//! the client announces with EDNS (RFC 6891 §6.2.5, at most 1,232 octets, the
//! size DNS Flag Day 2020 settled on), FORMERR for a message it cannot read
//! (RFC 1035 §4.1.1), NOTIMP for an opcode other than QUERY and REFUSED for
//! another class.
//!
//! Deliberate simplifications: the world has no TTLs and its records may
//! change while a scenario plays, so every record carries TTL 0 ("do not
//! cache", RFC 1035 §3.2.1); for the same reason a negative answer carries no
//! SOA record (RFC 2308 §3 asks for one, so that resolvers can cache the
//! "no"; §5 says that without it they do not). No TCP (a truncated answer
//! cannot be fetched again over TCP), no zone transfers, no DNSSEC.

use hickory_proto::op::{Edns, Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, MX, TXT};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};
use protocol_core::dns::{self, Answer, Zones};

/// The largest UDP answer sent to a client that announces EDNS.
pub const EDNS_PAYLOAD: u16 = 1232;
/// The largest UDP answer without EDNS (RFC 1035 §2.3.4).
pub const CLASSIC_PAYLOAD: usize = 512;

/// One answered question: the bytes to send back and a line for the trace.
pub struct Reply {
    pub bytes: Vec<u8>,
    pub log: String,
}

/// Answers one DNS message from `zones`. `None` when nothing should be sent:
/// a packet too short to carry a header, or a response (answering those
/// could make two servers answer each other forever).
pub fn answer(zones: &Zones, packet: &[u8]) -> Option<Reply> {
    if packet.len() < 12 || packet[2] & 0x80 != 0 {
        return None;
    }
    let query = match Message::from_vec(packet) {
        Ok(m) => m,
        Err(e) => {
            let id = u16::from_be_bytes([packet[0], packet[1]]);
            let reply = Message::error_msg(id, OpCode::Query, ResponseCode::FormErr);
            return Some(Reply {
                bytes: reply.to_vec().ok()?,
                log: format!("unreadable message ({e}) -> FORMERR"),
            });
        }
    };
    let mut reply = Message::new();
    reply
        .set_id(query.id())
        .set_message_type(MessageType::Response)
        .set_op_code(query.op_code())
        .set_recursion_desired(query.recursion_desired())
        .set_recursion_available(false);
    reply.add_queries(query.queries().iter().cloned());
    let limit = match query.extensions() {
        Some(edns) => {
            let mut ours = Edns::new();
            ours.set_max_payload(EDNS_PAYLOAD);
            reply.set_edns(ours);
            usize::from(edns.max_payload().clamp(512, EDNS_PAYLOAD))
        }
        None => CLASSIC_PAYLOAD,
    };

    let log;
    if query.op_code() != OpCode::Query {
        reply.set_response_code(ResponseCode::NotImp);
        log = format!("opcode {:?} -> NOTIMP", query.op_code());
    } else if query.queries().len() != 1 {
        reply.set_response_code(ResponseCode::FormErr);
        log = format!(
            "{} questions in one message -> FORMERR",
            query.queries().len()
        );
    } else {
        let q = &query.queries()[0];
        let name = q.name().to_ascii();
        if q.query_class() != DNSClass::IN {
            reply.set_response_code(ResponseCode::Refused);
            log = format!(
                "{} {name} in class {} -> REFUSED",
                q.query_type(),
                q.query_class()
            );
        } else if zones.fails(&name) {
            // A broken zone of the scenario (`[[dns]] type = "servfail"`):
            // RCODE 2, "Server failure" (RFC 1035 §4.1.1), no answer.
            reply.set_response_code(ResponseCode::ServFail);
            log = format!("{} {name} -> SERVFAIL", q.query_type());
        } else {
            reply.set_authoritative(true);
            let (records, text) = look_up(zones, q.name(), q.query_type());
            if records.is_none() {
                reply.set_response_code(ResponseCode::NXDomain);
            }
            reply.add_answers(records.unwrap_or_default());
            log = format!("{} {name} -> {text}", q.query_type());
        }
    }

    let mut bytes = reply.to_vec().ok()?;
    if bytes.len() > limit {
        // Too big for this client: the question alone, with TC set, so that
        // it knows the answer was cut (RFC 1035 §4.2.1; RFC 2181 §9).
        bytes = reply.truncate().to_vec().ok()?;
        return Some(Reply {
            bytes,
            log: format!("{log} (truncated: over {limit} octets)"),
        });
    }
    Some(Reply { bytes, log })
}

/// The records for one question: `None` for NXDOMAIN, an empty list for
/// NODATA; and the answer as zone-file text for the trace.
fn look_up(zones: &Zones, name: &Name, qtype: RecordType) -> (Option<Vec<Record>>, String) {
    let key = name.to_ascii();
    if !zones.exists(&key) {
        return (None, Answer::NxDomain.to_string());
    }
    let types: &[dns::RecordType] = match qtype {
        RecordType::A => &[dns::RecordType::A],
        RecordType::MX => &[dns::RecordType::MX],
        RecordType::TXT => &[dns::RecordType::TXT],
        RecordType::ANY => &[
            dns::RecordType::A,
            dns::RecordType::MX,
            dns::RecordType::TXT,
        ],
        // AAAA, NS, SOA, ...: the world has none of them.
        _ => &[],
    };
    let mut records = Vec::new();
    let mut texts = Vec::new();
    for &t in types {
        let a = zones.query(&key, t);
        match &a {
            Answer::A { addrs } => {
                for ip in addrs {
                    records.push(Record::from_rdata(name.clone(), 0, RData::A(A(*ip))));
                }
            }
            Answer::Mx { records: mxs } => {
                for m in mxs {
                    // A null MX (RFC 7505) is stored with an empty exchange.
                    let exchange = if m.exchange.is_empty() {
                        Name::root()
                    } else {
                        match Name::from_ascii(format!("{}.", m.exchange)) {
                            Ok(n) => n,
                            Err(_) => continue,
                        }
                    };
                    let mx = MX::new(m.preference, exchange);
                    records.push(Record::from_rdata(name.clone(), 0, RData::MX(mx)));
                }
            }
            Answer::Txt { records: txts } => {
                for t in txts {
                    // On the wire a TXT record is character-strings of at
                    // most 255 octets each (RFC 1035 §3.3.14); SPF and DKIM
                    // join them again without separators.
                    let chunks: Vec<&[u8]> = t.as_bytes().chunks(255).collect();
                    let chunks = if chunks.is_empty() {
                        vec![&b""[..]]
                    } else {
                        chunks
                    };
                    let txt = TXT::from_bytes(chunks);
                    records.push(Record::from_rdata(name.clone(), 0, RData::TXT(txt)));
                }
            }
            // (SERVFAIL names are answered before this lookup.)
            Answer::NoData | Answer::NxDomain | Answer::ServFail => continue,
        }
        texts.push(a.to_string());
    }
    let text = if texts.is_empty() {
        Answer::NoData.to_string()
    } else {
        texts.join(", ")
    };
    (Some(records), text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::op::Query;
    use protocol_core::sim::cast;

    fn ask(zones: &Zones, name: &str, qtype: RecordType, edns: bool) -> Message {
        let mut q = Message::new();
        q.set_id(0x1234).set_recursion_desired(true);
        q.add_query(Query::query(Name::from_ascii(name).unwrap(), qtype));
        if edns {
            let mut e = Edns::new();
            e.set_max_payload(4096);
            q.set_edns(e);
        }
        let reply = answer(zones, &q.to_vec().unwrap()).expect("an answer");
        Message::from_vec(&reply.bytes).expect("a well-formed reply")
    }

    fn zones() -> Zones {
        cast::cast(1).zones().clone()
    }

    #[test]
    fn mx_a_and_txt_come_back_in_wire_format() {
        let z = zones();
        let r = ask(&z, "Dave.Example.", RecordType::MX, false);
        assert_eq!(r.id(), 0x1234);
        assert_eq!(r.message_type(), MessageType::Response);
        assert!(r.authoritative() && r.recursion_desired() && !r.recursion_available());
        assert_eq!(r.response_code(), ResponseCode::NoError);
        assert_eq!(r.answers().len(), 1);
        let rec = &r.answers()[0];
        assert_eq!(
            rec.name().to_ascii(),
            "Dave.Example.",
            "the question's case"
        );
        assert_eq!(rec.ttl(), 0);
        match rec.data() {
            RData::MX(mx) => {
                assert_eq!(mx.preference(), 10);
                assert_eq!(mx.exchange().to_ascii(), "mail.dave.example.");
            }
            other => panic!("{other:?}"),
        }
        let r = ask(&z, "mail.dave.example.", RecordType::A, false);
        match r.answers()[0].data() {
            RData::A(a) => assert_eq!(a.0.to_string(), "198.51.100.25"),
            other => panic!("{other:?}"),
        }
        let r = ask(&z, "isp.example.", RecordType::TXT, false);
        match r.answers()[0].data() {
            RData::TXT(t) => assert_eq!(t.to_string(), "v=spf1 mx -all"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_broken_name_gets_servfail_and_the_others_do_not() {
        let mut z = zones();
        z.add_servfail("isp.example");
        for t in [RecordType::TXT, RecordType::MX, RecordType::A] {
            let r = ask(&z, "ISP.example.", t, false);
            assert_eq!(r.response_code(), ResponseCode::ServFail, "{t}");
            assert!(r.answers().is_empty() && !r.authoritative());
        }
        // A name under it, and every other name, answer as before.
        let r = ask(&z, "smtp.isp.example.", RecordType::A, false);
        assert_eq!(r.response_code(), ResponseCode::NoError);
        assert_eq!(r.answers().len(), 1);
    }

    #[test]
    fn nxdomain_and_nodata_differ() {
        let z = zones();
        let r = ask(&z, "nosuch.example.", RecordType::A, false);
        assert_eq!(r.response_code(), ResponseCode::NXDomain);
        assert!(r.answers().is_empty());
        // dave.example exists (it has an MX) but has no A record.
        let r = ask(&z, "dave.example.", RecordType::A, false);
        assert_eq!(r.response_code(), ResponseCode::NoError);
        assert!(r.answers().is_empty());
        let r = ask(&z, "dave.example.", RecordType::AAAA, false);
        assert_eq!(r.response_code(), ResponseCode::NoError);
        assert!(r.answers().is_empty());
    }

    #[test]
    fn a_long_dkim_key_is_split_into_255_octet_strings_and_needs_edns() {
        let mut z = Zones::new();
        let key = format!("v=DKIM1; k=rsa; p={}", "A".repeat(600));
        z.add_txt("big._domainkey.isp.example", &key);
        let r = ask(&z, "big._domainkey.isp.example.", RecordType::TXT, true);
        assert!(!r.truncated());
        match r.answers()[0].data() {
            RData::TXT(t) => {
                let parts: Vec<usize> = t.iter().map(|s| s.len()).collect();
                assert_eq!(parts, vec![255, 255, key.len() - 510]);
                let joined: Vec<u8> = t.iter().flat_map(|s| s.iter().copied()).collect();
                assert_eq!(joined, key.as_bytes());
            }
            other => panic!("{other:?}"),
        }
        // Without EDNS the 512-octet limit holds: TC set, no answer.
        let r = ask(&z, "big._domainkey.isp.example.", RecordType::TXT, false);
        assert!(r.truncated());
        assert!(r.answers().is_empty());
    }

    #[test]
    fn bad_input_gets_formerr_or_nothing() {
        let z = zones();
        assert!(answer(&z, b"short").is_none());
        // A header that promises a question the packet does not hold.
        let mut p = vec![0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
        p.extend_from_slice(&[7, b'e', b'x']);
        let r = Message::from_vec(&answer(&z, &p).unwrap().bytes).unwrap();
        assert_eq!(r.id(), 0xabcd);
        assert_eq!(r.response_code(), ResponseCode::FormErr);
        // A response is never answered.
        p[2] |= 0x80;
        assert!(answer(&z, &p).is_none());
        // Chaos class: refused.
        let mut q = Message::new();
        let mut query = Query::query(Name::from_ascii("version.bind.").unwrap(), RecordType::TXT);
        query.set_query_class(DNSClass::CH);
        q.add_query(query);
        let r = Message::from_vec(&answer(&z, &q.to_vec().unwrap()).unwrap().bytes).unwrap();
        assert_eq!(r.response_code(), ResponseCode::Refused);
    }
}
