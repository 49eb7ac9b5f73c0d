//! The explanation table: one or two plain sentences, with the RFC section,
//! for every command, reply code, enhanced status code and POP3 response the
//! simulator can show. The UI's narration and the CLI look entries up by key.
//!
//! Keys are dotted and stable, because traces store them:
//! `smtp.cmd.EHLO`, `smtp.reply.250`, `smtp.esc.5.7.1`, `smtp.error.<name>`,
//! `pop3.cmd.RETR`, `pop3.ok.<name>`, `pop3.err.<name>`, and so on.

//!
//! The tables are data-only leaves (`explain/smtp.rs`, `pop3.rs`,
//! `imap.rs`, `world.rs`, `fields.rs`, `lab.rs`, `auth.rs`): they import
//! nothing but [`entry`], and nothing in them decides anything. Every entry is written `entry(key, title, text, rfc)`.
//! The sessions choose keys; `tests/explain_coverage.rs` shows that every
//! entry is reached.

use serde::Serialize;
use std::borrow::Cow;

#[cfg(feature = "auth")]
pub mod auth;
pub mod fields;
pub mod imap;
pub mod lab;
pub mod pop3;
pub mod smtp;
pub mod world;

/// One entry of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// Stable key, e.g. `smtp.reply.354`.
    pub key: &'static str,
    /// A short title, e.g. "Start mail input".
    pub title: &'static str,
    /// One or two sentences a 16-year-old understands.
    pub text: &'static str,
    /// Where the rule comes from, e.g. "RFC 5321 §4.1.1.4".
    pub rfc: &'static str,
}

/// A value for a placeholder of a translated message: text, or a number
/// (numbers choose the plural form, as in "1 line" / "3 lines").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(f64),
}

/// What a learner reads, in one language: an explanation's title and text
/// (its RFC reference is the same in every language) and the other words
/// of a message `id`. [`English`] is the tables themselves; `i18n::Catalog`
/// (feature `i18n`) is a translation.
pub trait Words {
    fn title<'a>(&'a self, x: &'a Explanation) -> Cow<'a, str>;
    fn text<'a>(&'a self, x: &'a Explanation) -> Cow<'a, str>;
    /// The message `id` with `args`; `None`: the caller's English words.
    fn say(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String>;
}

/// English: the entries as written in the tables.
#[derive(Clone, Copy, Debug, Default)]
pub struct English;

impl Words for English {
    fn title<'a>(&'a self, x: &'a Explanation) -> Cow<'a, str> {
        Cow::Borrowed(x.title)
    }
    fn text<'a>(&'a self, x: &'a Explanation) -> Cow<'a, str> {
        Cow::Borrowed(x.text)
    }
    fn say(&self, _id: &str, _args: &[(&str, Arg<'_>)]) -> Option<String> {
        None
    }
}

/// Builds a table entry; the tables are `static` slices of these.
pub(crate) const fn entry(
    key: &'static str,
    title: &'static str,
    text: &'static str,
    rfc: &'static str,
) -> Explanation {
    Explanation {
        key,
        title,
        text,
        rfc,
    }
}

/// Every table the core has, searched in order.
static TABLES: &[&[Explanation]] = &[
    smtp::EXPLANATIONS,
    pop3::EXPLANATIONS,
    imap::EXPLANATIONS,
    world::EXPLANATIONS,
    fields::EXPLANATIONS,
    lab::EXPLANATIONS,
    #[cfg(feature = "auth")]
    auth::EXPLANATIONS,
    #[cfg(feature = "dkim")]
    auth::WITH_DKIM,
    #[cfg(all(feature = "auth", not(feature = "dkim")))]
    auth::WITHOUT_DKIM,
];

fn tables() -> &'static [&'static [Explanation]] {
    TABLES
}

/// The entry for `key`, if there is one.
pub fn lookup(key: &str) -> Option<&'static Explanation> {
    tables()
        .iter()
        .flat_map(|t| t.iter())
        .find(|e| e.key == key)
}

/// All entries, for listing and for tests.
pub fn all() -> impl Iterator<Item = &'static Explanation> {
    tables().iter().flat_map(|t| t.iter())
}

/// The entries that explain one field of a message: a clause each for a
/// `Received:` field (RFC 5321 §4.4: from, by, with, id, for, and the date
/// after the `;`), one for a field of a delivery report (RFC 3464 §2.2,
/// §2.3). Empty for any other field.
pub fn field_keys(name: &str, value: &str) -> Vec<&'static str> {
    let name = name.trim();
    if name.eq_ignore_ascii_case("Received") {
        let mut keys: Vec<&'static str> = [
            ("from", "field.received.from"),
            ("by", "field.received.by"),
            ("with", "field.received.with"),
            ("id", "field.received.id"),
            ("for", "field.received.for"),
        ]
        .into_iter()
        .filter(|(w, _)| {
            value
                .split_ascii_whitespace()
                .any(|x| x.eq_ignore_ascii_case(w))
        })
        .map(|(_, k)| k)
        .collect();
        if value.contains(';') {
            keys.push("field.received.date");
        }
        return keys;
    }
    const DSN: &[(&str, &str)] = &[
        ("Reporting-MTA", "dsn.reporting_mta"),
        ("X-Queue-ID", "dsn.x_queue_id"),
        ("Arrival-Date", "dsn.arrival_date"),
        ("Final-Recipient", "dsn.final_recipient"),
        ("Action", "dsn.action"),
        ("Status", "dsn.status"),
        ("Remote-MTA", "dsn.remote_mta"),
        ("Diagnostic-Code", "dsn.diagnostic_code"),
    ];
    DSN.iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, k)| k)
        .collect()
}

/// Every entry that explains a field of `message`, each once, in the order
/// met: its header fields, and the fields of a delivery report in its body
/// (a bounce's `message/delivery-status` part). Folded lines are joined.
pub fn message_field_keys(message: &str) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    let mut field = String::new();
    let flush = |field: &mut String, keys: &mut Vec<&'static str>| {
        if let Some((n, v)) = field.split_once(':') {
            if !n.contains(' ') {
                for k in field_keys(n, v) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        field.clear();
    };
    for line in message.lines() {
        if line.starts_with([' ', '\t']) && !field.is_empty() {
            field.push(' ');
            field.push_str(line.trim());
        } else {
            flush(&mut field, &mut keys);
            field.push_str(line);
        }
    }
    flush(&mut field, &mut keys);
    keys
}

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn received_clauses_and_report_fields_have_entries() {
        let received = "from john-pc.isp.example ([192.0.2.10]) by smtp.isp.example with ESMTPA id ISP0001 for <dave@dave.example>; Mon, 1 Jan 2024 09:00:00 +0000";
        assert_eq!(
            field_keys("Received", received),
            [
                "field.received.from",
                "field.received.by",
                "field.received.with",
                "field.received.id",
                "field.received.for",
                "field.received.date"
            ]
        );
        assert_eq!(
            field_keys("received", "from a by b"),
            ["field.received.from", "field.received.by"]
        );
        assert_eq!(field_keys("Status", " 5.1.1"), ["dsn.status"]);
        assert!(field_keys("Subject", "from by with").is_empty());
        let bounce = "Received: from a\r\n\tby b; now\r\nSubject: x\r\n\r\nReporting-MTA: dns; isp\r\n\r\nFinal-Recipient: rfc822; x@y\r\nAction: failed\r\n<x@y>: no such user\r\n";
        assert_eq!(
            message_field_keys(bounce),
            [
                "field.received.from",
                "field.received.by",
                "field.received.date",
                "dsn.reporting_mta",
                "dsn.final_recipient",
                "dsn.action"
            ]
        );
        for k in message_field_keys(bounce) {
            assert!(lookup(k).is_some(), "{k}");
        }
    }
}
