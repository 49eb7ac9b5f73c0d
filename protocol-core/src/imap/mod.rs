//! IMAP: IMAP4rev2 (RFC 9051), accepting what IMAP4rev1 (RFC 3501) clients
//! send, with LITERAL+ (RFC 7888), IDLE (RFC 2177), MOVE (RFC 6851),
//! ENABLE (RFC 5161) and SASL-IR (RFC 4959).
//! See each submodule's header for the RFC sections it implements.
//!
//! * [`command`]: what a client sends, parsed and printed.
//! * [`response`]: what a server answers, and a parser that splits the
//!   server's bytes into responses (literals included).
//! * [`server`]: the sans-IO server session and its transition table.
//! * [`client`]: the sans-IO client of a mail program's visit (LOGIN,
//!   SELECT, UID FETCH of new mail, STORE/EXPUNGE or MOVE, APPEND, IDLE).
//! * [`store`]: the mailbox trait and an in-memory store that also serves
//!   POP3, so one maildrop backs both protocols (how they map is in its
//!   header: POP3 UIDL = UIDVALIDITY.UID, DELE + QUIT = `\Deleted` +
//!   EXPUNGE, POP3's lock versus IMAP's concurrent sessions).
//! * [`render`]: what FETCH and SEARCH see of a message.
//! * [`explain`]: plain-language text for every command, response and state.

pub mod client;
pub mod command;
pub mod render;
pub mod response;
pub mod server;
pub mod store;

pub use command::{Command, CommandBody, FetchItem, ParseError, SearchKey, SequenceSet};
pub use response::{Code, Response, ResponseParser, Status};
pub use server::{ImapState, SentResponse, ServerConfig, ServerEvent, ServerSession, TRANSITIONS};
pub use store::{Flags, Folder, MailMessage, Mailstore, MemoryMailstore, StoreError};

/// The key of a command keyword as the transition table spells it
/// (`"UID FETCH"` is `imap.cmd.UID_FETCH`).
pub fn command_key(keyword: &str) -> Option<&'static str> {
    let key = format!("imap.cmd.{}", keyword.replace(' ', "_"));
    crate::explain::imap::EXPLANATIONS
        .iter()
        .find(|e| e.key == key)
        .map(|e| e.key)
}
