//! The explanation table: one or two plain sentences, with the RFC section,
//! for every command, reply code, enhanced status code and POP3 response the
//! simulator can show. The UI's narration and the CLI look entries up by key.
//!
//! Keys are dotted and stable, because traces store them:
//! `smtp.cmd.EHLO`, `smtp.reply.250`, `smtp.esc.5.7.1`, `smtp.error.<name>`,
//! `pop3.cmd.RETR`, `pop3.ok.<name>`, `pop3.err.<name>`, and so on.

//!
//! The tables are data-only leaves (`explain/smtp.rs`, `pop3.rs`,
//! `imap.rs`, `world.rs`, `auth.rs`): they import nothing but [`entry`], and nothing in them
//! decides anything. Every entry is written `entry(key, title, text, rfc)`.
//! The sessions choose keys; `tests/explain_coverage.rs` shows that every
//! entry is reached.

use serde::Serialize;

#[cfg(feature = "auth")]
pub mod auth;
pub mod imap;
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
