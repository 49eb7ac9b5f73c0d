//! The IMAP mail store: accounts, folders, messages with UIDs and flags
//! (RFC 9051 §2.3.1 message attributes, §2.3.2 flags, §5.1 mailbox naming).
//!
//! Implements: the five system flags of §2.3.2 (no keywords, so
//! `PERMANENTFLAGS` has no `\*`); UIDs strictly ascending in each folder and
//! never reused, UIDVALIDITY per folder, new whenever a name is created again
//! (§2.3.1.1); `INBOX` case-insensitive (§5.1); the hierarchy delimiter `/`;
//! the special-use folders `Sent` and `Trash` (RFC 6154) that every account
//! starts with.
//!
//! ## One maildrop for POP3 and IMAP
//!
//! [`MemoryMailstore`] also implements [`crate::pop3::Maildrops`], so a world
//! can serve one account over both protocols from ONE store:
//!
//! | POP3 (RFC 1939) | IMAP (RFC 9051) |
//! |---|---|
//! | the maildrop | the `INBOX` folder (other folders are invisible to POP3) |
//! | `UIDL` id `"<uidvalidity>.<uid>"` | UIDVALIDITY + UID of the INBOX message |
//! | `DELE n` then `QUIT` (UPDATE) | `\Deleted` then `EXPUNGE`: the message is gone for both |
//! | `USER`/`PASS` | `LOGIN` / `AUTHENTICATE PLAIN`, the same password |
//! | the exclusive lock of §4 | IMAP sessions are concurrent and take no lock |
//!
//! The lock: a POP3 session locks the maildrop for its whole TRANSACTION
//! state, so a second POP3 session gets `-ERR [IN-USE]`. IMAP sessions never
//! lock (many devices can watch one INBOX at once), but while POP3 holds the
//! lock an IMAP `EXPUNGE`/`MOVE`/`CLOSE` that would remove INBOX messages is
//! refused with `NO [INUSE]` ([`StoreError::Locked`]): POP3 numbers its
//! messages once at login, and removing one under it would change what its
//! `RETR 3` means. Flags may still change. A message IMAP expunged before the
//! POP3 login simply is not in the POP3 snapshot; POP3's UPDATE removes its
//! messages from INBOX and IMAP sessions see `* n EXPUNGE` on their next sync.

use crate::vec_map::VecMap;
use serde::Serialize;
use std::fmt;

/// The system flags of RFC 9051 §2.3.2 as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Flags(pub u8);

impl Flags {
    pub const SEEN: Flags = Flags(1);
    pub const ANSWERED: Flags = Flags(2);
    pub const FLAGGED: Flags = Flags(4);
    pub const DELETED: Flags = Flags(8);
    pub const DRAFT: Flags = Flags(16);
    pub const NONE: Flags = Flags(0);
    /// All five, in the order `FLAGS` lists them.
    pub const ALL: [(Flags, &'static str); 5] = [
        (Flags::SEEN, "\\Seen"),
        (Flags::ANSWERED, "\\Answered"),
        (Flags::FLAGGED, "\\Flagged"),
        (Flags::DELETED, "\\Deleted"),
        (Flags::DRAFT, "\\Draft"),
    ];

    pub fn contains(self, f: Flags) -> bool {
        self.0 & f.0 == f.0 && f.0 != 0
    }
    pub fn union(self, f: Flags) -> Flags {
        Flags(self.0 | f.0)
    }
    pub fn minus(self, f: Flags) -> Flags {
        Flags(self.0 & !f.0)
    }

    /// A system flag by name, case-insensitively (`\seen` is `\Seen`).
    pub fn from_name(name: &str) -> Option<Flags> {
        Flags::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|&(f, _)| f)
    }
}

/// `\Seen \Deleted`: the names separated by spaces, without parentheses.
impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (flag, name) in Flags::ALL {
            if self.contains(flag) {
                if !first {
                    f.write_str(" ")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

/// One message in a folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MailMessage {
    pub uid: u32,
    pub flags: Flags,
    /// INTERNALDATE (§2.3.3) as IMAP prints it: `23-Nov-2026 09:00:00 +0000`.
    pub internal_date: String,
    /// The message with CRLF line endings; RFC822.SIZE is its length.
    pub data: Vec<u8>,
    /// The POP3 unique-id (RFC 1939 §7) given at delivery, if the deliverer
    /// chose one ([`MemoryMailstore::deliver_with_uidl`]); otherwise POP3
    /// shows [`pop3_uidl`] of UIDVALIDITY and UID. A copy gets none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pop3_uidl: Option<String>,
}

impl MailMessage {
    /// The id POP3's UIDL shows for this message of a folder with this
    /// UIDVALIDITY.
    pub fn uidl(&self, uidvalidity: u32) -> String {
        match &self.pop3_uidl {
            Some(u) => u.clone(),
            None => pop3_uidl(uidvalidity, self.uid),
        }
    }
}

/// A message that left a folder through IMAP (EXPUNGE, MOVE, CLOSE, or
/// RENAME of INBOX), as [`MemoryMailstore::take_removed`] reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub user: String,
    pub folder: String,
    pub uid: u32,
    /// What POP3's UIDL showed for it ([`MailMessage::uidl`]).
    pub uidl: String,
}

/// One folder (RFC 9051 calls it a mailbox).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Folder {
    pub name: String,
    pub uidvalidity: u32,
    pub uidnext: u32,
    /// `\Sent`, `\Trash` (RFC 6154), or empty.
    pub special_use: &'static str,
    /// In ascending UID order; a message's sequence number is its index + 1.
    pub messages: Vec<MailMessage>,
}

impl Folder {
    pub fn unseen(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| !m.flags.contains(Flags::SEEN))
            .count()
    }
    pub fn get(&self, uid: u32) -> Option<&MailMessage> {
        self.messages
            .binary_search_by_key(&uid, |m| m.uid)
            .ok()
            .map(|i| &self.messages[i])
    }
}

/// Why the store refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StoreError {
    NoSuchFolder,
    AlreadyExists,
    /// INBOX cannot be deleted; special folders stay (§6.3.5, §6.3.6).
    Protected,
    /// A POP3 session holds the maildrop lock (see the module header).
    Locked,
}

/// `INBOX` in any case is INBOX (§5.1); other names are case-sensitive.
pub fn canonical_name(name: &str) -> &str {
    if name.eq_ignore_ascii_case("INBOX") {
        "INBOX"
    } else {
        name
    }
}

/// Where the IMAP server's accounts and folders live. The session calls it
/// only from inside `handle_*`, so a world keeps one store for all sessions
/// (and the same store can serve POP3, see the module header). Folder names
/// given to it are canonical (see [`canonical_name`]).
pub trait Mailstore {
    fn check_password(&self, user: &str, pass: &str) -> bool;
    /// The user's folder names, sorted, INBOX first.
    fn folder_names(&self, user: &str) -> Vec<String>;
    fn folder(&self, user: &str, name: &str) -> Option<&Folder>;
    fn create(&mut self, user: &str, name: &str) -> Result<(), StoreError>;
    fn delete(&mut self, user: &str, name: &str) -> Result<(), StoreError>;
    /// Renaming INBOX moves its messages into a new folder (§6.3.6).
    fn rename(&mut self, user: &str, from: &str, to: &str) -> Result<(), StoreError>;
    /// Adds a message; returns `(uidvalidity, uid)`.
    fn append(
        &mut self,
        user: &str,
        folder: &str,
        data: Vec<u8>,
        flags: Flags,
        internal_date: String,
    ) -> Result<(u32, u32), StoreError>;
    /// Sets the flags of one message; false if it is not there.
    fn set_flags(&mut self, user: &str, folder: &str, uid: u32, flags: Flags) -> bool;
    /// Whether messages of this folder cannot be removed now (a POP3
    /// session holds the maildrop, see the module header).
    fn is_locked(&self, user: &str, folder: &str) -> bool;
    /// Removes these messages; returns the UIDs really removed, or
    /// [`StoreError::Locked`] (nothing removed) if [`Mailstore::is_locked`].
    fn expunge(&mut self, user: &str, folder: &str, uids: &[u32]) -> Result<Vec<u32>, StoreError>;
    /// Copies messages (keeping flags and date); returns the destination's
    /// UIDVALIDITY and the `(source uid, new uid)` pairs.
    fn copy(
        &mut self,
        user: &str,
        from: &str,
        uids: &[u32],
        to: &str,
    ) -> Result<(u32, Vec<(u32, u32)>), StoreError>;
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
struct Account {
    pass: String,
    folders: VecMap<String, Folder>,
    /// Held by a POP3 session (RFC 1939 §4).
    pop3_locked: bool,
}

/// Accounts and folders in memory; one value can back POP3 and IMAP.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MemoryMailstore {
    accounts: VecMap<String, Account>,
    /// The next UIDVALIDITY handed out; every created folder takes one, so
    /// a folder deleted and created again never reuses its old value.
    next_uidvalidity: u32,
    /// Messages removed through [`Mailstore`] since the last
    /// [`MemoryMailstore::take_removed`] (not POP3's own deletions, which
    /// its session reports); `None` unless [`MemoryMailstore::track_removals`]
    /// asked for it, so a store nobody drains does not grow.
    #[serde(skip)]
    removed: Option<Vec<Removed>>,
}

impl Default for MemoryMailstore {
    fn default() -> Self {
        MemoryMailstore {
            accounts: VecMap::new(),
            next_uidvalidity: 1,
            removed: None,
        }
    }
}

impl MemoryMailstore {
    pub fn new() -> Self {
        Self::default()
    }

    /// UIDVALIDITY values are handed out from `first` upwards (RFC 9051's
    /// examples use large numbers such as 3857529045).
    pub fn with_first_uidvalidity(mut self, first: u32) -> Self {
        self.next_uidvalidity = first;
        self
    }

    /// Adds an account with INBOX, Sent and Trash (or changes its password).
    pub fn add_account(&mut self, user: impl Into<String>, pass: impl Into<String>) {
        let user = user.into();
        if !self.accounts.contains_key(&user) {
            let mut acc = Account::default();
            for name in ["INBOX", "Sent", "Trash"] {
                let f = self.new_folder(name);
                acc.folders.insert(name.to_string(), f);
            }
            self.accounts.insert(user.clone(), acc);
        }
        if let Some(acc) = self.accounts.get_mut(&user) {
            acc.pass = pass.into();
        }
    }

    fn new_folder(&mut self, name: &str) -> Folder {
        let uidvalidity = self.next_uidvalidity;
        self.next_uidvalidity = self.next_uidvalidity.wrapping_add(1).max(1);
        Folder {
            name: name.to_string(),
            uidvalidity,
            uidnext: 1,
            special_use: match name {
                "Sent" => "\\Sent",
                "Trash" => "\\Trash",
                _ => "",
            },
            messages: Vec::new(),
        }
    }

    /// Local delivery into INBOX (what the MTA does); returns the new UID,
    /// or `None` if there is no such account.
    pub fn deliver(
        &mut self,
        user: &str,
        data: impl Into<Vec<u8>>,
        internal_date: &str,
    ) -> Option<u32> {
        self.append(
            user,
            "INBOX",
            data.into(),
            Flags::NONE,
            internal_date.to_string(),
        )
        .ok()
        .map(|(_, uid)| uid)
    }

    /// Local delivery into INBOX with the POP3 unique-id the deliverer
    /// chose (a world keeps its queue-id based UIDLs this way); returns the
    /// new IMAP UID, or `None` if there is no such account.
    pub fn deliver_with_uidl(
        &mut self,
        user: &str,
        data: impl Into<Vec<u8>>,
        internal_date: &str,
        uidl: String,
    ) -> Option<u32> {
        let uid = self.deliver(user, data, internal_date)?;
        let f = self.folder_mut(user, "INBOX").ok()?;
        if let Some(m) = f.messages.last_mut() {
            m.pop3_uidl = Some(uidl);
        }
        Some(uid)
    }

    /// Whether the account exists.
    pub fn has_account(&self, user: &str) -> bool {
        self.accounts.contains_key(user)
    }

    /// From now on, remember what IMAP removes, for
    /// [`MemoryMailstore::take_removed`] (a world does, for its trace).
    pub fn track_removals(&mut self) {
        self.removed.get_or_insert_with(Vec::new);
    }

    /// The messages removed through IMAP since the last call, in order
    /// (always empty unless [`MemoryMailstore::track_removals`]).
    pub fn take_removed(&mut self) -> Vec<Removed> {
        self.removed
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn log_removed(&mut self, r: Removed) {
        if let Some(v) = &mut self.removed {
            v.push(r);
        }
    }

    pub fn is_pop3_locked(&self, user: &str) -> bool {
        self.accounts.get(user).is_some_and(|a| a.pop3_locked)
    }

    fn acc(&self, user: &str) -> Option<&Account> {
        self.accounts.get(user)
    }

    fn folder_mut(&mut self, user: &str, name: &str) -> Result<&mut Folder, StoreError> {
        self.accounts
            .get_mut(user)
            .and_then(|a| a.folders.get_mut(canonical_name(name)))
            .ok_or(StoreError::NoSuchFolder)
    }
}

/// The POP3 unique-id of an INBOX message: UIDVALIDITY and UID (RFC 1939 §7
/// allows 1-70 printable characters; this is at most 21).
pub fn pop3_uidl(uidvalidity: u32, uid: u32) -> String {
    format!("{uidvalidity}.{uid}")
}

impl Mailstore for MemoryMailstore {
    fn check_password(&self, user: &str, pass: &str) -> bool {
        self.acc(user).is_some_and(|a| a.pass == pass)
    }

    fn folder_names(&self, user: &str) -> Vec<String> {
        let Some(acc) = self.acc(user) else {
            return Vec::new();
        };
        let mut v: Vec<String> = acc.folders.keys().cloned().collect();
        v.sort_by_key(|n| (n != "INBOX", n.clone()));
        v
    }

    fn folder(&self, user: &str, name: &str) -> Option<&Folder> {
        self.acc(user)?.folders.get(canonical_name(name))
    }

    fn create(&mut self, user: &str, name: &str) -> Result<(), StoreError> {
        let name = canonical_name(name).to_string();
        let acc = self.accounts.get(user).ok_or(StoreError::NoSuchFolder)?;
        if acc.folders.contains_key(&name) {
            return Err(StoreError::AlreadyExists);
        }
        let f = self.new_folder(&name);
        if let Some(acc) = self.accounts.get_mut(user) {
            acc.folders.insert(name, f);
        }
        Ok(())
    }

    fn delete(&mut self, user: &str, name: &str) -> Result<(), StoreError> {
        let name = canonical_name(name);
        if name == "INBOX" {
            return Err(StoreError::Protected);
        }
        let acc = self
            .accounts
            .get_mut(user)
            .ok_or(StoreError::NoSuchFolder)?;
        acc.folders
            .remove(name)
            .map(|_| ())
            .ok_or(StoreError::NoSuchFolder)
    }

    fn rename(&mut self, user: &str, from: &str, to: &str) -> Result<(), StoreError> {
        let (from, to) = (canonical_name(from), canonical_name(to).to_string());
        let acc = self.accounts.get(user).ok_or(StoreError::NoSuchFolder)?;
        if !acc.folders.contains_key(from) {
            return Err(StoreError::NoSuchFolder);
        }
        if acc.folders.contains_key(&to) {
            return Err(StoreError::AlreadyExists);
        }
        if from == "INBOX" {
            if acc.pop3_locked {
                return Err(StoreError::Locked);
            }
            // §6.3.6: INBOX's messages move to the new folder, INBOX stays.
            let mut f = self.new_folder(&to);
            let inbox = self.folder_mut(user, "INBOX")?;
            f.messages = std::mem::take(&mut inbox.messages);
            f.uidnext = inbox.uidnext;
            let v = inbox.uidvalidity;
            let gone: Vec<Removed> = f
                .messages
                .iter()
                .map(|m| Removed {
                    user: user.to_string(),
                    folder: "INBOX".into(),
                    uid: m.uid,
                    uidl: m.uidl(v),
                })
                .collect();
            for r in gone {
                self.log_removed(r);
            }
            if let Some(acc) = self.accounts.get_mut(user) {
                acc.folders.insert(to, f);
            }
            return Ok(());
        }
        let acc = self
            .accounts
            .get_mut(user)
            .ok_or(StoreError::NoSuchFolder)?;
        // §6.3.6: the folders below it move with it (Work/2026 too).
        let prefix = format!("{from}/");
        let names: Vec<String> = acc
            .folders
            .keys()
            .filter(|n| *n == from || n.starts_with(&prefix))
            .cloned()
            .collect();
        for old in names {
            let mut f = acc.folders.remove(&old).ok_or(StoreError::NoSuchFolder)?;
            f.name = format!("{to}{}", &old[from.len()..]);
            acc.folders.insert(f.name.clone(), f);
        }
        Ok(())
    }

    fn append(
        &mut self,
        user: &str,
        folder: &str,
        data: Vec<u8>,
        flags: Flags,
        internal_date: String,
    ) -> Result<(u32, u32), StoreError> {
        let f = self.folder_mut(user, folder)?;
        let uid = f.uidnext;
        f.uidnext += 1;
        f.messages.push(MailMessage {
            uid,
            flags,
            internal_date,
            data,
            pop3_uidl: None,
        });
        Ok((f.uidvalidity, uid))
    }

    fn set_flags(&mut self, user: &str, folder: &str, uid: u32, flags: Flags) -> bool {
        let Ok(f) = self.folder_mut(user, folder) else {
            return false;
        };
        match f.messages.binary_search_by_key(&uid, |m| m.uid) {
            Ok(i) => {
                f.messages[i].flags = flags;
                true
            }
            Err(_) => false,
        }
    }

    fn is_locked(&self, user: &str, folder: &str) -> bool {
        canonical_name(folder) == "INBOX" && self.is_pop3_locked(user)
    }

    fn expunge(&mut self, user: &str, folder: &str, uids: &[u32]) -> Result<Vec<u32>, StoreError> {
        if !uids.is_empty() && Mailstore::is_locked(self, user, folder) {
            return Err(StoreError::Locked);
        }
        let track = self.removed.is_some();
        let f = self.folder_mut(user, folder)?;
        let v = f.uidvalidity;
        let name = f.name.clone();
        let mut removed = Vec::new();
        let mut log = Vec::new();
        f.messages.retain(|m| {
            let gone = uids.contains(&m.uid);
            if gone {
                removed.push(m.uid);
            }
            if gone && track {
                log.push(Removed {
                    user: user.to_string(),
                    folder: name.clone(),
                    uid: m.uid,
                    uidl: m.uidl(v),
                });
            }
            !gone
        });
        for r in log {
            self.log_removed(r);
        }
        Ok(removed)
    }

    fn copy(
        &mut self,
        user: &str,
        from: &str,
        uids: &[u32],
        to: &str,
    ) -> Result<(u32, Vec<(u32, u32)>), StoreError> {
        let src: Vec<MailMessage> = {
            let f = self.folder(user, from).ok_or(StoreError::NoSuchFolder)?;
            uids.iter().filter_map(|&u| f.get(u).cloned()).collect()
        };
        let dst = self.folder_mut(user, to)?;
        let mut pairs = Vec::new();
        for m in src {
            let uid = dst.uidnext;
            dst.uidnext += 1;
            pairs.push((m.uid, uid));
            dst.messages.push(MailMessage {
                uid,
                pop3_uidl: None,
                ..m
            });
        }
        Ok((dst.uidvalidity, pairs))
    }
}

/// POP3 over the same store: the maildrop is INBOX, UIDL is
/// `uidvalidity.uid`, and UPDATE expunges (see the module header).
impl crate::pop3::Maildrops for MemoryMailstore {
    fn check_password(&self, user: &str, pass: &str) -> bool {
        Mailstore::check_password(self, user, pass)
    }

    fn apop_secret(&self, user: &str) -> Option<String> {
        self.acc(user).map(|a| a.pass.clone())
    }

    fn lock(
        &mut self,
        user: &str,
    ) -> Result<Vec<crate::pop3::StoredMessage>, crate::pop3::LockError> {
        use crate::pop3::LockError;
        let acc = self.accounts.get_mut(user).ok_or(LockError::NoSuchUser)?;
        if acc.pop3_locked {
            return Err(LockError::AlreadyLocked);
        }
        acc.pop3_locked = true;
        // Every account has an INBOX (it cannot be deleted or renamed away).
        let Some(inbox) = acc.folders.get("INBOX") else {
            return Ok(Vec::new());
        };
        Ok(inbox
            .messages
            .iter()
            .map(|m| crate::pop3::StoredMessage {
                uid: m.uidl(inbox.uidvalidity),
                data: m.data.clone(),
            })
            .collect())
    }

    fn unlock(&mut self, user: &str) {
        if let Some(acc) = self.accounts.get_mut(user) {
            acc.pop3_locked = false;
        }
    }

    /// DELE + QUIT: the same as `\Deleted` + EXPUNGE on INBOX. Called by the
    /// POP3 session in UPDATE, while it still holds the lock.
    fn delete(&mut self, user: &str, uids: &[String]) {
        let Some(acc) = self.accounts.get_mut(user) else {
            return;
        };
        let Some(inbox) = acc.folders.get_mut("INBOX") else {
            return;
        };
        let v = inbox.uidvalidity;
        inbox.messages.retain(|m| !uids.contains(&m.uidl(v)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pop3::Maildrops;

    #[test]
    fn flags_print_in_rfc_order_and_parse_any_case() {
        let f = Flags::DELETED.union(Flags::SEEN);
        assert_eq!(f.to_string(), "\\Seen \\Deleted");
        assert_eq!(Flags::from_name("\\fLaGgEd"), Some(Flags::FLAGGED));
        assert_eq!(Flags::from_name("\\Recent"), None);
    }

    #[test]
    fn uidvalidity_is_new_when_a_name_comes_back() {
        let mut s = MemoryMailstore::new();
        s.add_account("dave", "p");
        s.create("dave", "Work").unwrap();
        let v1 = s.folder("dave", "Work").unwrap().uidvalidity;
        Mailstore::delete(&mut s, "dave", "Work").unwrap();
        s.create("dave", "Work").unwrap();
        assert_ne!(s.folder("dave", "Work").unwrap().uidvalidity, v1);
        assert_eq!(
            Mailstore::delete(&mut s, "dave", "inbox"),
            Err(StoreError::Protected)
        );
    }

    #[test]
    fn pop3_sees_inbox_and_its_deletions_are_expunges() {
        let mut s = MemoryMailstore::new();
        s.add_account("dave", "p");
        s.deliver("dave", b"Subject: a\r\n\r\nx\r\n".to_vec(), "d");
        s.deliver("dave", b"Subject: b\r\n\r\ny\r\n".to_vec(), "d");
        let v = s.folder("dave", "INBOX").unwrap().uidvalidity;
        let drop = s.lock("dave").unwrap();
        assert_eq!(drop[1].uid, format!("{v}.2"));
        assert_eq!(s.expunge("dave", "INBOX", &[1]), Err(StoreError::Locked));
        Maildrops::delete(&mut s, "dave", &[drop[0].uid.clone()]);
        s.unlock("dave");
        let left: Vec<u32> = s
            .folder("dave", "INBOX")
            .unwrap()
            .messages
            .iter()
            .map(|m| m.uid)
            .collect();
        assert_eq!(left, [2]);
        assert_eq!(s.expunge("dave", "INBOX", &[2]), Ok(vec![2]));
    }
}
