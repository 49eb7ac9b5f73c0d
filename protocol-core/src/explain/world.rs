//! Explanations for what the world does around the protocol sessions: DNS,
//! TCP, the MTA's queue, retries, bounces and POP3 mailbox changes.

use super::{entry as e, Explanation};

pub static EXPLANATIONS: &[Explanation] = &[
    e("dns.query.a", "DNS question: address", "The host asks the DNS server for the IP address (A record) of a name, so it knows where to connect.", "RFC 1035 §3.4.1"),
    e("dns.query.mx", "DNS question: mail exchangers", "To send mail to a domain, a mail server asks DNS which hosts accept mail for it (MX records).", "RFC 5321 §5.1"),
    e("dns.answer.a", "DNS answer: address", "The DNS server answers with the IP address of the name.", "RFC 1035 §3.4.1"),
    e("dns.answer.mx", "DNS answer: mail exchangers", "The DNS server lists the mail hosts for the domain, each with a preference number: the lowest number is tried first.", "RFC 1035 §3.3.9"),
    e("dns.answer.nodata", "DNS answer: no such record", "The name exists but has no record of the type asked for (DNS calls this NODATA). If that was a mail server asking for MX records, it falls back to the domain's own address (its A record): the \"implicit MX\", as if the domain had one MX pointing at itself. A domain that wants no mail at all publishes a \"null MX\" instead (MX 0 .), and senders then bounce at once.", "RFC 2308 §2.2; RFC 5321 §5.1; RFC 7505 §3"),
    e("dns.answer.nxdomain", "DNS answer: no such domain", "NXDOMAIN: the name does not exist in DNS, so there is no address to connect to. If a mail server was looking up the recipient's domain, mail to it can never be delivered, so it bounces the message at once instead of retrying.", "RFC 1035 §4.1.1; RFC 2308 §2.1"),
    e("dns.answer.nullmx", "DNS answer: this domain takes no mail", "The only MX record points at \".\" (a \"null MX\"): the domain says it never accepts email. A mail server does not retry; it bounces the message at once, with status 5.1.10.", "RFC 7505 §3, §4.1"),
    e("tcp.open", "Connection opened", "The two hosts completed TCP's three-way handshake; now the client waits for the server's greeting.", "RFC 9293 §3.5"),
    e("tcp.refused", "Connection refused", "The host is up but nothing listens on that port, so it answers the connection attempt with a reset.", "RFC 9293 §3.10.7.1"),
    e("tcp.unreachable", "Host unreachable", "The host (or the network to it) is down: the attempt gets no answer. A mail server treats this as a temporary failure and tries later or tries the next MX.", "RFC 5321 §4.5.4.1"),
    e("tcp.close", "Connection closed", "One side closed the connection after the session ended.", "RFC 9293 §3.6"),
    e("tcp.reset", "Connection reset", "The connection ended without a proper goodbye. MailSim (simulator) shows this the moment a host is switched off; in reality a crashed host sends nothing at all, so the other side notices only after a timeout, or gets a reset (RST) once the host has restarted and receives a packet for a connection it has forgotten.", "RFC 9293 §3.5.2, §3.10.7"),
    e("mta.queued", "Message queued", "By answering 250 after the message, this server took responsibility for it: it must now deliver it or report the failure to the sender.", "RFC 5321 §6.1"),
    e("mta.relayed", "Message relayed", "The next server accepted the message, so responsibility passed to it and this server removes the message from its queue.", "RFC 5321 §2.3.10, §6.1"),
    e("mta.delivered", "Delivered to a mailbox", "Final delivery: the message is stored in the recipient's mailbox with a Return-Path header holding the envelope sender.", "RFC 5321 §4.4"),
    e("mta.retry", "Retry scheduled", "The attempt failed temporarily (4xx reply or no connection), so the message stays in the queue and the server tries again later, waiting longer each time. MailSim shortens the first wait to 15 minutes so that you see the retry; a real server waits at least 30 minutes, and keeps trying for 4 to 5 days.", "RFC 5321 §4.5.4.1"),
    e("mta.bounce", "Bounce sent", "The message cannot be delivered, so the server sends a delivery status notification back to the envelope sender, from the null sender <> so that it can never cause another bounce.", "RFC 5321 §6.1, §3.6.3, §4.5.5; RFC 3464"),
    e("mta.bounce.queued", "Bounce queued", "The server wrote this delivery status notification itself and put it in its own queue like any other message; no other server was involved yet. It now delivers it to the original sender's mailbox, here or over SMTP. It is sent from the null sender <>, so if it cannot be delivered it is dropped, never bounced again.", "RFC 5321 §6.1; RFC 3464"),
    e("mta.bounce.discarded", "Bounce of a bounce dropped", "The undeliverable message was itself a bounce (its sender is <>), and a bounce is never bounced, so the server only logs the failure.", "RFC 5321 §6.1"),
    e("mta.loop", "Mail loop detected", "Every server a message passes adds a Received line on top. A message that arrives with 100 or more of them is almost certainly going round in a loop between servers, so the server stops it and bounces it to the sender. (RFC 5321 asks for a large limit, normally at least 100; MailSim uses 100.)", "RFC 5321 §6.3"),
    e("mta.giveup", "Gave up", "Every attempt failed for a temporary reason, and the message stayed in the queue longer than the server's limit (4 days in MailSim; RFC 5321 suggests 4 to 5), so it stops trying and bounces it to the sender. The bounce reports the last problem: for example 4.4.1 (the receiving server never answered) or the last 4xx reply, word for word.", "RFC 5321 §4.5.4.1"),
    e("pop3.retrieved", "Message downloaded", "The mail program downloaded the whole message with RETR.", "RFC 1939 §5"),
    e("pop3.deleted", "Message deleted on the server", "Messages marked with DELE are really removed only now, when the client said QUIT and the session entered the UPDATE state.", "RFC 1939 §6"),
    e("net.host.down", "Host down", "A simulator event: the scenario switches this host off, as if it had crashed or lost power. It answers nothing until it comes back, so connections to it fail.", "MailSim (simulator)"),
    e("net.host.up", "Host up", "A simulator event: the host is switched on again and accepts connections.", "MailSim (simulator)"),
    e("world.wait", "Time passes", "A simulator event: nothing happens for a while, so the simulator skips ahead to the next scheduled event.", "MailSim (simulator)"),
];
