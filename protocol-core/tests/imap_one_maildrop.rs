//! One maildrop, two protocols: POP3 and IMAP sessions on the same
//! `MemoryMailstore` (see the header of `imap/store.rs`). A message
//! expunged over IMAP is gone for POP3; POP3's DELE + QUIT is an expunge
//! that IMAP sessions hear about; POP3's UIDL is UIDVALIDITY.UID; while
//! POP3 holds its lock, IMAP may read and flag but not remove.

use protocol_core::imap::{self, Mailstore, MemoryMailstore};
use protocol_core::pop3;
use protocol_core::SimTime;
use std::sync::Arc;

fn store() -> MemoryMailstore {
    let mut s = MemoryMailstore::new().with_first_uidvalidity(1700);
    s.add_account("dave", "dave-pass");
    for subject in ["one", "two", "three"] {
        let m = format!("Subject: {subject}\r\n\r\nbody {subject}\r\n");
        s.deliver("dave", m.into_bytes(), "23-Nov-2026 09:00:00 +0000");
    }
    s
}

fn imap_say(s: &mut imap::ServerSession, store: &mut MemoryMailstore, line: &str) -> String {
    s.handle_input(SimTime::ZERO, format!("{line}\r\n").as_bytes(), store);
    String::from_utf8(s.poll_output().unwrap_or_default()).unwrap()
}

fn pop3_say(s: &mut pop3::ServerSession, store: &mut MemoryMailstore, line: &str) -> String {
    s.handle_input(SimTime::ZERO, format!("{line}\r\n").as_bytes(), store);
    String::from_utf8(s.poll_output().unwrap_or_default()).unwrap()
}

fn imap_session(store: &mut MemoryMailstore) -> imap::ServerSession {
    let mut s = imap::ServerSession::new(
        Arc::new(imap::ServerConfig::new("mail.dave.example")),
        SimTime::ZERO,
    );
    s.poll_output();
    assert!(imap_say(&mut s, store, "i1 LOGIN dave dave-pass").contains("i1 OK"));
    assert!(imap_say(&mut s, store, "i2 SELECT INBOX").contains("* 3 EXISTS"));
    s
}

fn pop3_session(store: &mut MemoryMailstore) -> pop3::ServerSession {
    let mut s = pop3::ServerSession::new(
        Arc::new(pop3::ServerConfig::new("mail.dave.example")),
        1,
        SimTime::ZERO,
    );
    s.poll_output();
    pop3_say(&mut s, store, "USER dave");
    assert!(pop3_say(&mut s, store, "PASS dave-pass").starts_with("+OK"));
    s
}

#[test]
fn pop3_uidl_is_uidvalidity_dot_uid() {
    let mut st = store();
    let mut p = pop3_session(&mut st);
    assert_eq!(
        pop3_say(&mut p, &mut st, "UIDL"),
        "+OK unique-id listing follows\r\n1 1700.1\r\n2 1700.2\r\n3 1700.3\r\n.\r\n"
    );
}

#[test]
fn an_imap_expunge_is_gone_for_pop3() {
    let mut st = store();
    let mut i = imap_session(&mut st);
    imap_say(&mut i, &mut st, "i3 STORE 2 +FLAGS (\\Deleted)");
    assert_eq!(
        imap_say(&mut i, &mut st, "i4 EXPUNGE"),
        "* 2 EXPUNGE\r\ni4 OK EXPUNGE completed\r\n"
    );
    let mut p = pop3_session(&mut st);
    assert_eq!(pop3_say(&mut p, &mut st, "STAT"), "+OK 2 56\r\n");
    assert!(pop3_say(&mut p, &mut st, "UIDL").contains("2 1700.3\r\n"));
}

#[test]
fn pop3_dele_and_quit_is_an_expunge_that_imap_hears_about() {
    let mut st = store();
    let mut i = imap_session(&mut st);
    let mut p = pop3_session(&mut st);
    pop3_say(&mut p, &mut st, "DELE 1");
    assert!(pop3_say(&mut p, &mut st, "QUIT").starts_with("+OK"));
    assert_eq!(
        imap_say(&mut i, &mut st, "i3 NOOP"),
        "* 1 EXPUNGE\r\ni3 OK NOOP completed\r\n"
    );
    assert_eq!(st.folder("dave", "INBOX").unwrap().messages.len(), 2);
}

#[test]
fn while_pop3_holds_the_lock_imap_reads_and_flags_but_does_not_remove() {
    let mut st = store();
    let mut p = pop3_session(&mut st);
    let mut i = imap_session(&mut st);
    assert!(imap_say(&mut i, &mut st, "i3 FETCH 1 BODY[]").contains("FLAGS (\\Seen)"));
    imap_say(&mut i, &mut st, "i4 STORE 1 +FLAGS (\\Deleted)");
    assert_eq!(
        imap_say(&mut i, &mut st, "i5 EXPUNGE"),
        "i5 NO [INUSE] a POP3 session holds this mailbox; messages cannot be removed until it ends\r\n"
    );
    assert!(imap_say(&mut i, &mut st, "i6 MOVE 2 Trash").starts_with("i6 NO [INUSE]"));
    assert!(
        st.folder("dave", "Trash").unwrap().messages.is_empty(),
        "no copy left behind"
    );
    // A second POP3 session is locked out, as RFC 1939 §4 says.
    let mut p2 = pop3::ServerSession::new(
        Arc::new(pop3::ServerConfig::new("mail.dave.example")),
        2,
        SimTime::ZERO,
    );
    p2.poll_output();
    pop3_say(&mut p2, &mut st, "USER dave");
    assert!(pop3_say(&mut p2, &mut st, "PASS dave-pass").starts_with("-ERR [IN-USE]"));
    // Once POP3 has finished, the expunge goes through.
    pop3_say(&mut p, &mut st, "QUIT");
    assert_eq!(
        imap_say(&mut i, &mut st, "i7 EXPUNGE"),
        "* 1 EXPUNGE\r\ni7 OK EXPUNGE completed\r\n"
    );
}

#[test]
fn other_folders_are_invisible_to_pop3() {
    let mut st = store();
    let mut i = imap_session(&mut st);
    assert!(imap_say(&mut i, &mut st, "i3 MOVE 1:2 Trash").contains("i3 OK"));
    let mut p = pop3_session(&mut st);
    assert_eq!(pop3_say(&mut p, &mut st, "STAT"), "+OK 1 30\r\n");
}
