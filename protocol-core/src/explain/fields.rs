//! Explanations for the fields a learner reads inside a message: the
//! clauses of a `Received:` trace field (RFC 5321 §4.4) and the fields of a
//! delivery status notification (RFC 3464 §2.2, §2.3). [`super::field_keys`]
//! says which entries a field needs.

use super::{entry as e, Explanation};

pub static EXPLANATIONS: &[Explanation] = &[
    e("field.received.from", "Received: from", "The name the sending computer gave in its HELO or EHLO, then in brackets the IP address the connection really came from. The name is only what the sender claimed; the address is what the receiving server saw.", "RFC 5321 §4.4"),
    e("field.received.by", "Received: by", "The server that received the message and wrote this line. Every server adds its own Received line on top of the others, so read them from the bottom up to follow the message's path.", "RFC 5321 §4.4"),
    e("field.received.with", "Received: with", "How the message arrived: SMTP after HELO, ESMTP after EHLO, ESMTPA when the sender also logged in with AUTH.", "RFC 5321 §4.4; RFC 3848"),
    e("field.received.id", "Received: id", "The receiving server's own name for the message in its queue, the same as in its \"250 OK queued as\" reply. It helps the people who run the server find the message in their logs.", "RFC 5321 §4.4"),
    e("field.received.for", "Received: for", "The recipient address from RCPT TO (the envelope) that this server accepted the message for. It can differ from the To: header, which is only text the sender wrote: a Bcc recipient is in the envelope but in no header.", "RFC 5321 §4.4"),
    e("field.received.date", "Received: date", "After the semicolon: when this server received the message. Comparing the times of the Received lines shows how long each hop took.", "RFC 5321 §4.4; RFC 5322 §3.6.7"),
    e("dsn.reporting_mta", "Reporting-MTA", "The mail server that wrote this report: the one that could not deliver the message. \"dns;\" says that what follows is a host name.", "RFC 3464 §2.2.2"),
    e("dsn.x_queue_id", "X-Queue-ID", "The reporting server's own id for the message in its queue. Field names that start with X- will never be standard ones (the RFC keeps them for experiments), so a mail server can add its own.", "RFC 3464 §2.4"),
    e("dsn.arrival_date", "Arrival-Date", "When the reporting server first received the message.", "RFC 3464 §2.2.5"),
    e("dsn.final_recipient", "Final-Recipient", "The recipient this part of the report is about, as the reporting server last tried it. \"rfc822;\" says that it is an ordinary email address.", "RFC 3464 §2.3.2"),
    e("dsn.action", "Action", "What happened for this recipient. \"failed\" means the message was not delivered and the server has stopped trying; other values are delayed, delivered, relayed and expanded.", "RFC 3464 §2.3.3"),
    e("dsn.status", "Status", "The enhanced status code of the problem: the first number is the class (4 temporary, 5 permanent), the other two say what went wrong, for example 5.1.1 for \"no such mailbox\".", "RFC 3464 §2.3.4; RFC 3463"),
    e("dsn.remote_mta", "Remote-MTA", "The server that refused the message: the one the reporting server was talking to. It is missing when no other server answered at all.", "RFC 3464 §2.3.5"),
    e("dsn.diagnostic_code", "Diagnostic-Code", "The exact reply the other server gave, enhanced code included (\"smtp;\" says it is an SMTP reply), so that a person can read the real reason.", "RFC 3464 §2.3.6; RFC 3461 §9.2"),
];
