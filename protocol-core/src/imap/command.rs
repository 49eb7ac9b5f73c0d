//! IMAP commands: parse and print (RFC 9051 §2.2.1, §4, §6, §9 formal
//! syntax; RFC 3501 for IMAP4rev1 clients; RFC 7888 literals; RFC 6851
//! MOVE; RFC 2177 IDLE; RFC 5161 ENABLE; RFC 4959 SASL-IR).
//!
//! Implements: tags (§2.2.1), atoms, quoted strings and literals (§4.1-§4.3,
//! `{n}` synchronising and `{n+}` non-synchronising of RFC 7888), sequence
//! sets with `*` (§9 `sequence-set`), flag lists (§2.3.2), the search keys
//! and fetch items listed on [`SearchKey`] and [`FetchItem`], and every
//! command in [`KEYWORDS`].
//!
//! The parser works on one whole command: its lines joined by CRLF with
//! each literal's bytes right after its `{n}` line, exactly as they came
//! on the wire (the server's framing collects them, see `server.rs`).
//!
//! Deliberate differences:
//! * Keywords and search keys are case-insensitive, as §9 says; mailbox
//!   names other than INBOX keep their case.
//! * `SEARCH` accepts `CHARSET UTF-8` and `CHARSET US-ASCII` only; date keys
//!   (BEFORE, SINCE, ON, ...), `BINARY[]`, `LIST` selection and return
//!   options and keywords (non-system flags) are not implemented and get a
//!   `BAD` naming what is missing.
//! * The fetch macros `ALL`, `FAST`, `FULL` are expanded while parsing.

use super::store::Flags;
use serde::Serialize;
use std::fmt;

/// Every command keyword this crate knows, as the transition table spells
/// them (the UID forms are two words).
pub const KEYWORDS: &[&str] = &[
    "CAPABILITY",
    "NOOP",
    "LOGOUT",
    "LOGIN",
    "AUTHENTICATE",
    "ENABLE",
    "SELECT",
    "EXAMINE",
    "CREATE",
    "DELETE",
    "RENAME",
    "LIST",
    "STATUS",
    "APPEND",
    "IDLE",
    "CHECK",
    "CLOSE",
    "UNSELECT",
    "EXPUNGE",
    "SEARCH",
    "FETCH",
    "STORE",
    "COPY",
    "MOVE",
    "UID SEARCH",
    "UID FETCH",
    "UID STORE",
    "UID COPY",
    "UID MOVE",
    "UID EXPUNGE",
];

/// One end of a range in a sequence set: a number or `*` (the largest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SeqNum {
    Value(u32),
    Star,
}

impl SeqNum {
    fn resolve(self, largest: u32) -> u32 {
        match self {
            SeqNum::Value(n) => n,
            SeqNum::Star => largest,
        }
    }
}

/// `1:3,5,7:*` (§9 `sequence-set`); message numbers or UIDs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SequenceSet(pub Vec<(SeqNum, SeqNum)>);

impl SequenceSet {
    /// Whether `n` is in the set, `*` meaning `largest` (§9: `n:*` also
    /// takes in `largest` when `n` is beyond it).
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        self.0.iter().any(|&(a, b)| {
            let (a, b) = (a.resolve(largest), b.resolve(largest));
            (a.min(b)..=a.max(b)).contains(&n)
        })
    }

    /// Prints sorted numbers compactly: `[1, 2, 3, 5]` is `1:3,5`.
    pub fn compact(numbers: &[u32]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < numbers.len() {
            let start = numbers[i];
            let mut j = i;
            while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
                j += 1;
            }
            if !out.is_empty() {
                out.push(',');
            }
            if j > i {
                out.push_str(&format!("{start}:{}", numbers[j]));
            } else {
                out.push_str(&start.to_string());
            }
            i = j + 1;
        }
        out
    }
}

impl fmt::Display for SequenceSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one = |n: SeqNum| match n {
            SeqNum::Value(v) => v.to_string(),
            SeqNum::Star => "*".to_string(),
        };
        for (i, &(a, b)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            if a == b {
                write!(f, "{}", one(a))?;
            } else {
                write!(f, "{}:{}", one(a), one(b))?;
            }
        }
        Ok(())
    }
}

/// What part of a message `BODY[...]` asks for (§6.4.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SectionText {
    Header,
    HeaderFields(Vec<String>),
    HeaderFieldsNot(Vec<String>),
    Text,
    Mime,
}

/// `[1.TEXT]`: part numbers, then an optional text part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    pub part: Vec<u32>,
    pub text: Option<SectionText>,
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.part.iter().map(|p| p.to_string()).collect();
        f.write_str(&parts.join("."))?;
        if let Some(t) = &self.text {
            if !parts.is_empty() {
                f.write_str(".")?;
            }
            match t {
                SectionText::Header => f.write_str("HEADER"),
                SectionText::Text => f.write_str("TEXT"),
                SectionText::Mime => f.write_str("MIME"),
                SectionText::HeaderFields(v) => write!(f, "HEADER.FIELDS ({})", v.join(" ")),
                SectionText::HeaderFieldsNot(v) => {
                    write!(f, "HEADER.FIELDS.NOT ({})", v.join(" "))
                }
            }?;
        }
        Ok(())
    }
}

/// One FETCH data item (§6.4.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FetchItem {
    Flags,
    Uid,
    InternalDate,
    Rfc822Size,
    Envelope,
    BodyStructure,
    /// `BODY` without a section: the structure without extension data.
    Body,
    /// `BODY[section]<start.len>`; `peek` for `BODY.PEEK`, which leaves
    /// `\Seen` alone.
    Section {
        peek: bool,
        section: Section,
        partial: Option<(u32, u32)>,
    },
    /// IMAP4rev1's `RFC822` (= `BODY[]`), `RFC822.HEADER` (=
    /// `BODY.PEEK[HEADER]`), `RFC822.TEXT` (= `BODY[TEXT]`).
    Rfc822,
    Rfc822Header,
    Rfc822Text,
}

impl fmt::Display for FetchItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchItem::Flags => f.write_str("FLAGS"),
            FetchItem::Uid => f.write_str("UID"),
            FetchItem::InternalDate => f.write_str("INTERNALDATE"),
            FetchItem::Rfc822Size => f.write_str("RFC822.SIZE"),
            FetchItem::Envelope => f.write_str("ENVELOPE"),
            FetchItem::BodyStructure => f.write_str("BODYSTRUCTURE"),
            FetchItem::Body => f.write_str("BODY"),
            FetchItem::Rfc822 => f.write_str("RFC822"),
            FetchItem::Rfc822Header => f.write_str("RFC822.HEADER"),
            FetchItem::Rfc822Text => f.write_str("RFC822.TEXT"),
            FetchItem::Section {
                peek,
                section,
                partial,
            } => {
                let name = if *peek { "BODY.PEEK" } else { "BODY" };
                write!(f, "{name}[{section}]")?;
                if let Some((s, l)) = partial {
                    write!(f, "<{s}.{l}>")?;
                }
                Ok(())
            }
        }
    }
}

/// One search key (§6.4.4); `And` is a parenthesised list (or the whole
/// command's keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SearchKey {
    All,
    Flag(Flags),
    NotFlag(Flags),
    /// IMAP4rev1's NEW, OLD and RECENT: there is no `\Recent` here (RFC
    /// 9051 removed it), so NEW and RECENT match nothing and OLD everything.
    New,
    Old,
    Recent,
    /// `FROM`, `TO`, `CC`, `BCC`, `SUBJECT` (the header name, upper case),
    /// or `HEADER name`: a case-insensitive substring of that header.
    Header(String, String),
    Body(String),
    Text(String),
    Larger(u32),
    Smaller(u32),
    Uid(SequenceSet),
    Seq(SequenceSet),
    Not(Box<SearchKey>),
    Or(Box<SearchKey>, Box<SearchKey>),
    And(Vec<SearchKey>),
}

const FLAG_KEYS: &[(&str, Flags, bool)] = &[
    ("SEEN", Flags::SEEN, true),
    ("UNSEEN", Flags::SEEN, false),
    ("ANSWERED", Flags::ANSWERED, true),
    ("UNANSWERED", Flags::ANSWERED, false),
    ("FLAGGED", Flags::FLAGGED, true),
    ("UNFLAGGED", Flags::FLAGGED, false),
    ("DELETED", Flags::DELETED, true),
    ("UNDELETED", Flags::DELETED, false),
    ("DRAFT", Flags::DRAFT, true),
    ("UNDRAFT", Flags::DRAFT, false),
];

const HEADER_KEYS: &[&str] = &["FROM", "TO", "CC", "BCC", "SUBJECT"];

impl fmt::Display for SearchKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchKey::All => f.write_str("ALL"),
            SearchKey::Flag(fl) | SearchKey::NotFlag(fl) => {
                let want = matches!(self, SearchKey::Flag(_));
                let name = FLAG_KEYS
                    .iter()
                    .find(|(_, x, w)| x == fl && *w == want)
                    .map_or("ALL", |k| k.0);
                f.write_str(name)
            }
            SearchKey::New => f.write_str("NEW"),
            SearchKey::Old => f.write_str("OLD"),
            SearchKey::Recent => f.write_str("RECENT"),
            SearchKey::Header(h, s) if HEADER_KEYS.contains(&h.as_str()) => {
                write!(f, "{h} {}", quote(s))
            }
            SearchKey::Header(h, s) => write!(f, "HEADER {} {}", quote(h), quote(s)),
            SearchKey::Body(s) => write!(f, "BODY {}", quote(s)),
            SearchKey::Text(s) => write!(f, "TEXT {}", quote(s)),
            SearchKey::Larger(n) => write!(f, "LARGER {n}"),
            SearchKey::Smaller(n) => write!(f, "SMALLER {n}"),
            SearchKey::Uid(s) => write!(f, "UID {s}"),
            SearchKey::Seq(s) => write!(f, "{s}"),
            SearchKey::Not(k) => write!(f, "NOT {k}"),
            SearchKey::Or(a, b) => write!(f, "OR {a} {b}"),
            SearchKey::And(v) => {
                f.write_str("(")?;
                write_keys(f, v)?;
                f.write_str(")")
            }
        }
    }
}

fn write_keys(f: &mut fmt::Formatter<'_>, keys: &[SearchKey]) -> fmt::Result {
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        write!(f, "{k}")?;
    }
    Ok(())
}

/// `FLAGS`, `+FLAGS`, `-FLAGS` (§6.4.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StoreMode {
    Replace,
    Add,
    Remove,
}

/// One STATUS data item (§6.3.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StatusItem {
    Messages,
    UidNext,
    UidValidity,
    Unseen,
    Deleted,
    Size,
    /// IMAP4rev1 only; always 0 here.
    Recent,
}

const STATUS_ITEMS: &[(&str, StatusItem)] = &[
    ("MESSAGES", StatusItem::Messages),
    ("UIDNEXT", StatusItem::UidNext),
    ("UIDVALIDITY", StatusItem::UidValidity),
    ("UNSEEN", StatusItem::Unseen),
    ("DELETED", StatusItem::Deleted),
    ("SIZE", StatusItem::Size),
    ("RECENT", StatusItem::Recent),
];

impl StatusItem {
    pub fn name(self) -> &'static str {
        STATUS_ITEMS
            .iter()
            .find(|s| s.1 == self)
            .map_or("", |s| s.0)
    }
}

/// What a command asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CommandBody {
    Capability,
    Noop,
    Logout,
    Login {
        user: String,
        pass: String,
    },
    /// `AUTHENTICATE PLAIN [initial-response]` (§6.2.2, RFC 4959).
    Authenticate {
        mechanism: String,
        initial: Option<String>,
    },
    Enable(Vec<String>),
    Select(String),
    Examine(String),
    Create(String),
    Delete(String),
    Rename {
        from: String,
        to: String,
    },
    List {
        reference: String,
        pattern: String,
    },
    Status {
        mailbox: String,
        items: Vec<StatusItem>,
    },
    Append {
        mailbox: String,
        flags: Flags,
        date: Option<String>,
        message: Vec<u8>,
    },
    Idle,
    Check,
    Close,
    Unselect,
    Expunge,
    UidExpunge(SequenceSet),
    Search {
        uid: bool,
        charset: Option<String>,
        keys: Vec<SearchKey>,
    },
    Fetch {
        uid: bool,
        set: SequenceSet,
        items: Vec<FetchItem>,
    },
    Store {
        uid: bool,
        set: SequenceSet,
        mode: StoreMode,
        silent: bool,
        flags: Flags,
    },
    Copy {
        uid: bool,
        set: SequenceSet,
        mailbox: String,
    },
    Move {
        uid: bool,
        set: SequenceSet,
        mailbox: String,
    },
}

/// One tagged command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Command {
    pub tag: String,
    pub body: CommandBody,
}

impl CommandBody {
    /// The keyword as the transition table spells it (`"UID FETCH"`).
    pub fn keyword(&self) -> &'static str {
        use CommandBody::*;
        let uid = |u: &bool, plain: &'static str, with: &'static str| if *u { with } else { plain };
        match self {
            Capability => "CAPABILITY",
            Noop => "NOOP",
            Logout => "LOGOUT",
            Login { .. } => "LOGIN",
            Authenticate { .. } => "AUTHENTICATE",
            Enable(_) => "ENABLE",
            Select(_) => "SELECT",
            Examine(_) => "EXAMINE",
            Create(_) => "CREATE",
            Delete(_) => "DELETE",
            Rename { .. } => "RENAME",
            List { .. } => "LIST",
            Status { .. } => "STATUS",
            Append { .. } => "APPEND",
            Idle => "IDLE",
            Check => "CHECK",
            Close => "CLOSE",
            Unselect => "UNSELECT",
            Expunge => "EXPUNGE",
            UidExpunge(_) => "UID EXPUNGE",
            Search { uid: u, .. } => uid(u, "SEARCH", "UID SEARCH"),
            Fetch { uid: u, .. } => uid(u, "FETCH", "UID FETCH"),
            Store { uid: u, .. } => uid(u, "STORE", "UID STORE"),
            Copy { uid: u, .. } => uid(u, "COPY", "UID COPY"),
            Move { uid: u, .. } => uid(u, "MOVE", "UID MOVE"),
        }
    }
}

/// A command that could not be parsed; the server answers `BAD` (tagged if
/// the tag could be read) with `text`, and `key` is the explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseError {
    pub tag: Option<String>,
    pub text: String,
    pub key: &'static str,
}

/// The usage line printed in BAD answers about arguments.
pub fn usage(keyword: &str) -> &'static str {
    match keyword {
        "LOGIN" => "a1 LOGIN dave dave-pass",
        "AUTHENTICATE" => "a1 AUTHENTICATE PLAIN",
        "ENABLE" => "a1 ENABLE IMAP4rev2",
        "SELECT" => "a1 SELECT INBOX",
        "EXAMINE" => "a1 EXAMINE INBOX",
        "CREATE" => "a1 CREATE Work",
        "DELETE" => "a1 DELETE Work",
        "RENAME" => "a1 RENAME Work Old-work",
        "LIST" => "a1 LIST \"\" \"*\"",
        "STATUS" => "a1 STATUS INBOX (MESSAGES UNSEEN)",
        "APPEND" => "a1 APPEND Sent (\\Seen) {size}",
        "SEARCH" | "UID SEARCH" => "a1 SEARCH UNSEEN FROM john",
        "FETCH" | "UID FETCH" => "a1 FETCH 1:* (FLAGS BODY.PEEK[HEADER])",
        "STORE" | "UID STORE" => "a1 STORE 1 +FLAGS (\\Seen)",
        "COPY" | "UID COPY" => "a1 COPY 1:2 Trash",
        "MOVE" | "UID MOVE" => "a1 MOVE 1 Trash",
        "UID EXPUNGE" => "a1 UID EXPUNGE 4:7",
        _ => "a1 NOOP",
    }
}

/// `CHAR` except atom-specials (§9): `( ) { SP CTL % * " \ ]`.
fn is_atom_char(b: u8) -> bool {
    b > 0x20 && b < 0x7f && !b"(){%*\"\\]".contains(&b)
}

fn is_astring_char(b: u8) -> bool {
    is_atom_char(b) || b == b']'
}

/// Prints a string as an atom, a quoted string or a literal, whichever the
/// text allows (§4.1-§4.3).
pub fn quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(is_astring_char) {
        return s.to_string();
    }
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        let mut q = String::with_capacity(s.len() + 2);
        q.push('"');
        for c in s.chars() {
            if c == '"' || c == '\\' {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        return q;
    }
    format!("{{{}}}\r\n{s}", s.len())
}

/// Always a quoted string (or literal), never an atom: for LIST patterns.
fn quote_str(s: &str) -> String {
    let q = quote(s);
    if q.starts_with('"') || q.starts_with('{') {
        q
    } else {
        format!("\"{s}\"")
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CommandBody::*;
        write!(f, "{} {}", self.tag, self.body.keyword())?;
        match &self.body {
            Capability | Noop | Logout | Idle | Check | Close | Unselect | Expunge => Ok(()),
            Login { user, pass } => write!(f, " {} {}", quote(user), quote(pass)),
            Authenticate { mechanism, initial } => {
                write!(f, " {mechanism}")?;
                match initial {
                    Some(i) => write!(f, " {i}"),
                    None => Ok(()),
                }
            }
            Enable(v) => write!(f, " {}", v.join(" ")),
            Select(m) | Examine(m) | Create(m) | Delete(m) => write!(f, " {}", quote(m)),
            Rename { from, to } => write!(f, " {} {}", quote(from), quote(to)),
            List { reference, pattern } => {
                write!(f, " {} {}", quote_str(reference), quote_str(pattern))
            }
            Status { mailbox, items } => {
                let names: Vec<&str> = items.iter().map(|i| i.name()).collect();
                write!(f, " {} ({})", quote(mailbox), names.join(" "))
            }
            Append {
                mailbox,
                flags,
                date,
                message,
            } => {
                write!(f, " {}", quote(mailbox))?;
                if *flags != Flags::NONE {
                    write!(f, " ({flags})")?;
                }
                if let Some(d) = date {
                    write!(f, " \"{d}\"")?;
                }
                write!(
                    f,
                    " {{{}}}\r\n{}",
                    message.len(),
                    String::from_utf8_lossy(message)
                )
            }
            UidExpunge(set) => write!(f, " {set}"),
            Search { charset, keys, .. } => {
                // An astring (RFC 9051 §6.4.4): `CHARSET ""` stays quoted.
                if let Some(c) = charset {
                    write!(f, " CHARSET {}", quote(c))?;
                }
                f.write_str(" ")?;
                write_keys(f, keys)
            }
            Fetch { set, items, .. } => {
                write!(f, " {set} ")?;
                if items.len() == 1 {
                    write!(f, "{}", items[0])
                } else {
                    let v: Vec<String> = items.iter().map(|i| i.to_string()).collect();
                    write!(f, "({})", v.join(" "))
                }
            }
            Store {
                set,
                mode,
                silent,
                flags,
                ..
            } => {
                let m = match mode {
                    StoreMode::Replace => "",
                    StoreMode::Add => "+",
                    StoreMode::Remove => "-",
                };
                let s = if *silent { ".SILENT" } else { "" };
                write!(f, " {set} {m}FLAGS{s} ({flags})")
            }
            Copy { set, mailbox, .. } | Move { set, mailbox, .. } => {
                write!(f, " {set} {}", quote(mailbox))
            }
        }
    }
}

impl Command {
    /// The command on the wire, CRLF included; literals are synchronising,
    /// so a client must wait for `+` after each `{n}` line.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut v = match &self.body {
            // The message may not be UTF-8: write its bytes, not a lossy copy.
            CommandBody::Append { message, .. } => {
                // The text ends with the message (lossy): what comes before
                // it is the head, up to and including the `{n}` CRLF. (Not
                // the last "}" CRLF in the text: the message may hold one,
                // found by the imap_command fuzz target.)
                let text = self.to_string();
                let head = text.len() - String::from_utf8_lossy(message).len();
                let mut v = text.as_bytes()[..head].to_vec();
                v.extend_from_slice(message);
                v
            }
            _ => self.to_string().into_bytes(),
        };
        v.extend_from_slice(b"\r\n");
        v
    }
}

/// The tag and the keyword of a command line, without parsing the rest,
/// so the server can check the state first. The keyword is upper case,
/// `"UID FETCH"` for the UID forms.
pub fn peek_keyword(line: &[u8]) -> Option<(String, String)> {
    let mut c = Cursor::new(line);
    let tag = c.tag().ok()?;
    c.sp().ok()?;
    let mut kw = c.atom().ok()?.to_ascii_uppercase();
    if kw == "UID" {
        c.sp().ok()?;
        kw = format!("UID {}", c.atom().ok()?.to_ascii_uppercase());
    }
    Some((tag, kw))
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

type R<T> = Result<T, String>;

impl<'a> Cursor<'a> {
    fn new(b: &'a [u8]) -> Self {
        Cursor { b, i: 0 }
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn sp(&mut self) -> R<()> {
        if self.eat(b' ') {
            Ok(())
        } else if self.at_end() {
            Err("an argument is missing".into())
        } else {
            Err(format!("expected a space at \"{}\"", self.rest_preview()))
        }
    }
    fn rest_preview(&self) -> String {
        let end = (self.i + 20).min(self.b.len());
        String::from_utf8_lossy(&self.b[self.i..end]).into_owned()
    }
    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.i;
        while self.peek().is_some_and(&f) {
            self.i += 1;
        }
        // Only ASCII predicates are used, so this is valid UTF-8.
        std::str::from_utf8(&self.b[start..self.i]).unwrap_or("")
    }
    fn tag(&mut self) -> R<String> {
        let t = self.take_while(|b| is_astring_char(b) && b != b'+');
        if t.is_empty() {
            Err("a command starts with a tag".into())
        } else {
            Ok(t.to_string())
        }
    }
    fn atom(&mut self) -> R<&'a str> {
        let t = self.take_while(is_atom_char);
        if t.is_empty() {
            Err(if self.at_end() {
                "an argument is missing".into()
            } else {
                format!("expected a word at \"{}\"", self.rest_preview())
            })
        } else {
            Ok(t)
        }
    }
    fn number(&mut self) -> R<u32> {
        let t = self.take_while(|b| b.is_ascii_digit());
        t.parse()
            .map_err(|_| format!("expected a number at \"{}\"", self.rest_preview()))
    }
    fn nz_number(&mut self) -> R<u32> {
        match self.number()? {
            0 => Err("numbers here start at 1, not 0".into()),
            n => Ok(n),
        }
    }
    /// A literal's `{n}` or `{n+}` and CRLF, then its n bytes.
    fn literal(&mut self) -> R<&'a [u8]> {
        if !self.eat(b'{') {
            return Err("expected a literal".into());
        }
        let n = self.number()? as usize;
        self.eat(b'+');
        if !(self.eat(b'}') && self.eat(b'\r') && self.eat(b'\n')) {
            return Err("a literal is {size} and the end of the line".into());
        }
        if self.b.len() - self.i < n {
            return Err("the literal is shorter than its size".into());
        }
        let v = &self.b[self.i..self.i + n];
        self.i += n;
        Ok(v)
    }
    fn quoted(&mut self) -> R<String> {
        self.eat(b'"');
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None | Some(b'\r') | Some(b'\n') => {
                    return Err("a quoted string has no closing \"".into())
                }
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some(c @ (b'"' | b'\\')) => {
                            out.push(c);
                            self.i += 1;
                        }
                        _ => return Err("inside quotes, \\ may only escape \" or \\".into()),
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        String::from_utf8(out).map_err(|_| "the quoted string is not UTF-8".to_string())
    }
    fn string(&mut self) -> R<String> {
        match self.peek() {
            Some(b'"') => self.quoted(),
            Some(b'{') => String::from_utf8(self.literal()?.to_vec())
                .map_err(|_| "the literal is not UTF-8".to_string()),
            _ => Err(format!(
                "expected a quoted string at \"{}\"",
                self.rest_preview()
            )),
        }
    }
    fn astring(&mut self) -> R<String> {
        match self.peek() {
            Some(b'"') | Some(b'{') => self.string(),
            None => Err("an argument is missing".into()),
            _ => {
                let t = self.take_while(is_astring_char);
                if t.is_empty() {
                    Err(format!("unexpected \"{}\"", self.rest_preview()))
                } else {
                    Ok(t.to_string())
                }
            }
        }
    }
    /// `list-mailbox`: an astring that may hold the wildcards `%` and `*`.
    fn list_mailbox(&mut self) -> R<String> {
        match self.peek() {
            Some(b'"') | Some(b'{') => self.string(),
            _ => {
                let t = self.take_while(|b| is_astring_char(b) || b == b'%' || b == b'*');
                if t.is_empty() {
                    Err("LIST needs a reference and a pattern".into())
                } else {
                    Ok(t.to_string())
                }
            }
        }
    }
    fn seq_num(&mut self) -> R<SeqNum> {
        if self.eat(b'*') {
            Ok(SeqNum::Star)
        } else {
            self.nz_number()
                .map(SeqNum::Value)
                .map_err(|e| format!("bad sequence set: {e}"))
        }
    }
    fn sequence_set(&mut self) -> R<SequenceSet> {
        let mut v = Vec::new();
        loop {
            let a = self.seq_num()?;
            let b = if self.eat(b':') { self.seq_num()? } else { a };
            v.push((a, b));
            if !self.eat(b',') {
                break;
            }
        }
        Ok(SequenceSet(v))
    }
    fn flag_list(&mut self) -> R<Flags> {
        let mut flags = Flags::NONE;
        let paren = self.eat(b'(');
        loop {
            if paren && self.eat(b')') {
                break;
            }
            if self.eat(b'\\') {
                let name = self.atom()?;
                let f = Flags::from_name(&format!("\\{name}")).ok_or_else(|| {
                    format!(
                        "\\{name} is not a flag you can set; use \\Seen \\Answered \\Flagged \\Deleted \\Draft"
                    )
                })?;
                flags = flags.union(f);
            } else {
                let name = self.atom()?;
                return Err(format!(
                    "keyword flags such as \"{name}\" are not supported; use \\Seen \\Answered \\Flagged \\Deleted \\Draft"
                ));
            }
            if !paren {
                break;
            }
            if !self.eat(b' ') && self.peek() != Some(b')') {
                return Err("flags are separated by spaces and end with )".into());
            }
        }
        Ok(flags)
    }
    fn end(&self) -> R<()> {
        if self.at_end() {
            Ok(())
        } else {
            Err(format!("unexpected \"{}\" at the end", self.rest_preview()))
        }
    }
}

/// Parses one whole command (see the module header).
pub fn parse(bytes: &[u8]) -> Result<Command, ParseError> {
    let mut c = Cursor::new(bytes);
    let tag = c.tag().map_err(|text| ParseError {
        tag: None,
        text: format!("{text}, e.g. a1 LOGIN dave dave-pass"),
        key: "imap.bad.no_tag",
    })?;
    let fail = |tag: &str, text: String, key| ParseError {
        tag: Some(tag.to_string()),
        text,
        key,
    };
    if c.at_end() {
        let text = format!(
            "\"{tag}\" alone is not a command: a tag, a space, then the command, e.g. a1 NOOP"
        );
        return Err(fail(&tag, text, "imap.bad.no_command"));
    }
    c.sp().map_err(|e| fail(&tag, e, "imap.bad.syntax"))?;
    let word = c.atom().map_err(|e| fail(&tag, e, "imap.bad.syntax"))?;
    let mut kw = word.to_ascii_uppercase();
    if kw == "UID" {
        c.sp().map_err(|_| {
            fail(&tag, "UID needs a command: UID FETCH, UID STORE, UID SEARCH, UID COPY, UID MOVE or UID EXPUNGE".into(), "imap.bad.syntax")
        })?;
        let sub = c.atom().map_err(|e| fail(&tag, e, "imap.bad.syntax"))?;
        kw = format!("UID {}", sub.to_ascii_uppercase());
    }
    if !KEYWORDS.contains(&kw.as_str()) {
        let tag_is_command = KEYWORDS.contains(&tag.to_ascii_uppercase().as_str());
        return Err(if tag_is_command {
            let text = format!(
                "every command starts with a tag: \"{tag}\" was taken as the tag and \"{word}\" is not a command; try: a1 {tag} ..."
            );
            fail(&tag, text, "imap.bad.missing_tag")
        } else {
            let text = format!("unknown command \"{word}\"");
            fail(&tag, text, "imap.bad.unknown_command")
        });
    }
    match command_body(&kw, &mut c).and_then(|b| c.end().map(|_| b)) {
        Ok(body) => Ok(Command { tag, body }),
        Err(e) => {
            let key = if e.contains("sequence set") {
                "imap.bad.sequence_set"
            } else if e.contains("flag") {
                "imap.bad.flag"
            } else if kw.ends_with("SEARCH") && e.contains("search") {
                "imap.bad.search"
            } else if kw.ends_with("FETCH") && e.contains("fetch") {
                "imap.bad.fetch"
            } else {
                "imap.bad.syntax"
            };
            let text = format!("{kw}: {e} (e.g. {})", usage(&kw));
            Err(fail(&tag, text, key))
        }
    }
}

fn command_body(kw: &str, c: &mut Cursor) -> R<CommandBody> {
    use CommandBody::*;
    let arg = |c: &mut Cursor| -> R<String> {
        c.sp()?;
        c.astring()
    };
    Ok(match kw {
        "CAPABILITY" => Capability,
        "NOOP" => Noop,
        "LOGOUT" => Logout,
        "IDLE" => Idle,
        "CHECK" => Check,
        "CLOSE" => Close,
        "UNSELECT" => Unselect,
        "EXPUNGE" => Expunge,
        "LOGIN" => {
            let user = arg(c)?;
            let pass = arg(c).map_err(|_| "LOGIN needs a user name and a password".to_string())?;
            Login { user, pass }
        }
        "AUTHENTICATE" => {
            c.sp()?;
            let mechanism = c.atom()?.to_ascii_uppercase();
            let initial = if c.eat(b' ') {
                Some(
                    c.take_while(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
                        .to_string(),
                )
            } else {
                None
            };
            Authenticate { mechanism, initial }
        }
        "ENABLE" => {
            let mut v = Vec::new();
            while c.eat(b' ') {
                v.push(c.atom()?.to_string());
            }
            if v.is_empty() {
                return Err("ENABLE needs the name of an extension".into());
            }
            Enable(v)
        }
        "SELECT" => Select(arg(c)?),
        "EXAMINE" => Examine(arg(c)?),
        "CREATE" => Create(arg(c)?),
        "DELETE" => Delete(arg(c)?),
        "RENAME" => Rename {
            from: arg(c)?,
            to: arg(c)?,
        },
        "LIST" => {
            c.sp()?;
            if c.peek() == Some(b'(') {
                return Err("LIST selection options are not supported".into());
            }
            let reference = c.list_mailbox()?;
            c.sp()?;
            if c.peek() == Some(b'(') {
                return Err("LIST with several patterns is not supported".into());
            }
            let pattern = c.list_mailbox()?;
            List { reference, pattern }
        }
        "STATUS" => {
            let mailbox = arg(c)?;
            c.sp()?;
            if !c.eat(b'(') {
                return Err("the status items go in parentheses".into());
            }
            let mut items = Vec::new();
            loop {
                let a = c.atom()?.to_ascii_uppercase();
                let item = STATUS_ITEMS
                    .iter()
                    .find(|s| s.0 == a)
                    .ok_or_else(|| format!("unknown status item {a}"))?;
                items.push(item.1);
                if c.eat(b')') {
                    break;
                }
                c.sp()?;
            }
            Status { mailbox, items }
        }
        "APPEND" => {
            let mailbox = arg(c)?;
            c.sp()?;
            let mut flags = Flags::NONE;
            if c.peek() == Some(b'(') {
                flags = c.flag_list()?;
                c.sp()?;
            }
            let mut date = None;
            if c.peek() == Some(b'"') {
                let d = c.quoted()?;
                if !valid_date_time(&d) {
                    return Err(format!(
                        "\"{d}\" is not a date-time like \"23-Nov-2026 09:00:00 +0000\""
                    ));
                }
                date = Some(d);
                c.sp()?;
            }
            let message = c.literal()?.to_vec();
            Append {
                mailbox,
                flags,
                date,
                message,
            }
        }
        "UID EXPUNGE" => {
            c.sp()?;
            UidExpunge(c.sequence_set()?)
        }
        "SEARCH" | "UID SEARCH" => {
            c.sp()?;
            let mut charset = None;
            let save = c.i;
            if c.atom().is_ok_and(|a| a.eq_ignore_ascii_case("CHARSET")) {
                c.sp()?;
                charset = Some(c.astring()?.to_ascii_uppercase());
                c.sp()?;
            } else {
                c.i = save;
            }
            let mut keys = vec![search_key(c)?];
            while c.eat(b' ') {
                keys.push(search_key(c)?);
            }
            Search {
                uid: kw == "UID SEARCH",
                charset,
                keys,
            }
        }
        "FETCH" | "UID FETCH" => {
            c.sp()?;
            let set = c.sequence_set()?;
            c.sp()?;
            let items = fetch_items(c)?;
            Fetch {
                uid: kw == "UID FETCH",
                set,
                items,
            }
        }
        "STORE" | "UID STORE" => {
            c.sp()?;
            let set = c.sequence_set()?;
            c.sp()?;
            let mode = if c.eat(b'+') {
                StoreMode::Add
            } else if c.eat(b'-') {
                StoreMode::Remove
            } else {
                StoreMode::Replace
            };
            let what = c.atom()?.to_ascii_uppercase();
            let silent = match what.as_str() {
                "FLAGS" => false,
                "FLAGS.SILENT" => true,
                _ => return Err(format!("STORE changes FLAGS, +FLAGS or -FLAGS, not {what}")),
            };
            c.sp()?;
            let flags = c.flag_list()?;
            Store {
                uid: kw == "UID STORE",
                set,
                mode,
                silent,
                flags,
            }
        }
        "COPY" | "UID COPY" | "MOVE" | "UID MOVE" => {
            c.sp()?;
            let set = c.sequence_set()?;
            let mailbox = arg(c)?;
            let uid = kw.starts_with("UID");
            if kw.ends_with("COPY") {
                Copy { uid, set, mailbox }
            } else {
                Move { uid, set, mailbox }
            }
        }
        _ => return Err(format!("{kw} is not handled")),
    })
}

fn search_key(c: &mut Cursor) -> R<SearchKey> {
    if c.eat(b'(') {
        let mut v = vec![search_key(c)?];
        while c.eat(b' ') {
            v.push(search_key(c)?);
        }
        if !c.eat(b')') {
            return Err("a search list ends with )".into());
        }
        return Ok(SearchKey::And(v));
    }
    if matches!(c.peek(), Some(b'0'..=b'9') | Some(b'*')) {
        return Ok(SearchKey::Seq(c.sequence_set()?));
    }
    let word = c
        .atom()
        .map_err(|e| format!("expected a search key: {e}"))?
        .to_ascii_uppercase();
    if let Some(&(_, f, want)) = FLAG_KEYS.iter().find(|k| k.0 == word) {
        return Ok(if want {
            SearchKey::Flag(f)
        } else {
            SearchKey::NotFlag(f)
        });
    }
    let arg = |c: &mut Cursor| -> R<String> {
        c.sp()
            .map_err(|_| format!("search key {word} needs a value"))?;
        c.astring()
    };
    Ok(match word.as_str() {
        "ALL" => SearchKey::All,
        "NEW" => SearchKey::New,
        "OLD" => SearchKey::Old,
        "RECENT" => SearchKey::Recent,
        w if HEADER_KEYS.contains(&w) => SearchKey::Header(w.to_string(), arg(c)?),
        "HEADER" => {
            let h = arg(c)?.to_ascii_uppercase();
            SearchKey::Header(h, arg(c)?)
        }
        "BODY" => SearchKey::Body(arg(c)?),
        "TEXT" => SearchKey::Text(arg(c)?),
        "LARGER" | "SMALLER" => {
            c.sp()?;
            let n = c.number()?;
            if word == "LARGER" {
                SearchKey::Larger(n)
            } else {
                SearchKey::Smaller(n)
            }
        }
        "UID" => {
            c.sp()?;
            SearchKey::Uid(c.sequence_set()?)
        }
        "NOT" => {
            c.sp()?;
            SearchKey::Not(Box::new(search_key(c)?))
        }
        "OR" => {
            c.sp()?;
            let a = search_key(c)?;
            c.sp()?;
            SearchKey::Or(Box::new(a), Box::new(search_key(c)?))
        }
        "BEFORE" | "ON" | "SINCE" | "SENTBEFORE" | "SENTON" | "SENTSINCE" | "KEYWORD"
        | "UNKEYWORD" => return Err(format!("search key {word} is not supported by this server")),
        other => return Err(format!("unknown search key {other}")),
    })
}

fn fetch_items(c: &mut Cursor) -> R<Vec<FetchItem>> {
    if c.eat(b'(') {
        let mut v = vec![fetch_item(c)?];
        while c.eat(b' ') {
            v.push(fetch_item(c)?);
        }
        if !c.eat(b')') {
            return Err("the fetch items end with )".into());
        }
        return Ok(v);
    }
    let save = c.i;
    let word = c.atom().unwrap_or("").to_ascii_uppercase();
    use FetchItem::*;
    Ok(match word.as_str() {
        "ALL" => vec![Flags, InternalDate, Rfc822Size, Envelope],
        "FAST" => vec![Flags, InternalDate, Rfc822Size],
        "FULL" => vec![Flags, InternalDate, Rfc822Size, Envelope, Body],
        _ => {
            c.i = save;
            vec![fetch_item(c)?]
        }
    })
}

fn fetch_item(c: &mut Cursor) -> R<FetchItem> {
    let word = c
        .take_while(|b| b.is_ascii_alphanumeric() || b == b'.')
        .to_ascii_uppercase();
    use FetchItem::*;
    Ok(match word.as_str() {
        "FLAGS" => Flags,
        "UID" => Uid,
        "INTERNALDATE" => InternalDate,
        "RFC822.SIZE" => Rfc822Size,
        "ENVELOPE" => Envelope,
        "BODYSTRUCTURE" => BodyStructure,
        "RFC822" => Rfc822,
        "RFC822.HEADER" => Rfc822Header,
        "RFC822.TEXT" => Rfc822Text,
        "BODY" if c.peek() != Some(b'[') => Body,
        "BODY" | "BODY.PEEK" => {
            let peek = word == "BODY.PEEK";
            c.eat(b'[');
            let section = section(c)?;
            if !c.eat(b']') {
                return Err("a fetch section ends with ]".into());
            }
            let partial = if c.eat(b'<') {
                let s = c.number()?;
                if !c.eat(b'.') {
                    return Err("a fetch partial is <start.length>".into());
                }
                let l = c.nz_number()?;
                if !c.eat(b'>') {
                    return Err("a fetch partial is <start.length>".into());
                }
                Some((s, l))
            } else {
                None
            };
            Section {
                peek,
                section,
                partial,
            }
        }
        "BINARY" | "BINARY.PEEK" | "BINARY.SIZE" => {
            return Err(format!("fetch item {word} is not supported by this server"))
        }
        "" => return Err(format!("expected a fetch item at \"{}\"", c.rest_preview())),
        other => return Err(format!("unknown fetch item {other}")),
    })
}

fn section(c: &mut Cursor) -> R<Section> {
    let mut s = Section::default();
    loop {
        if c.peek().is_some_and(|b| b.is_ascii_digit()) {
            s.part.push(c.nz_number()?);
            if !c.eat(b'.') {
                return Ok(s);
            }
            continue;
        }
        break;
    }
    if c.peek() == Some(b']') {
        if !s.part.is_empty() {
            return Err("a fetch section cannot end with a dot".into());
        }
        return Ok(s);
    }
    let word = c
        .take_while(|b| b.is_ascii_alphabetic() || b == b'.')
        .to_ascii_uppercase();
    s.text = Some(match word.as_str() {
        "HEADER" => SectionText::Header,
        "TEXT" => SectionText::Text,
        "MIME" if !s.part.is_empty() => SectionText::Mime,
        "HEADER.FIELDS" | "HEADER.FIELDS.NOT" => {
            c.sp()?;
            if !c.eat(b'(') {
                return Err("the header field names go in parentheses".into());
            }
            let mut v = vec![c.astring()?.to_ascii_uppercase()];
            while c.eat(b' ') {
                v.push(c.astring()?.to_ascii_uppercase());
            }
            if !c.eat(b')') {
                return Err("the header field names end with )".into());
            }
            if word == "HEADER.FIELDS" {
                SectionText::HeaderFields(v)
            } else {
                SectionText::HeaderFieldsNot(v)
            }
        }
        other => return Err(format!("unknown fetch section \"{other}\"")),
    });
    Ok(s)
}

/// `dd-Mon-yyyy hh:mm:ss +zzzz` (§9 `date-time`; the day may be ` 3`).
pub fn valid_date_time(d: &str) -> bool {
    const MO: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let b = d.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    b.len() == 26
        && (digit(0) || b[0] == b' ')
        && digit(1)
        && b[2] == b'-'
        && MO.iter().any(|m| d[3..6].eq_ignore_ascii_case(m))
        && b[6] == b'-'
        && (7..11).all(digit)
        && b[11] == b' '
        && digit(12)
        && digit(13)
        && b[14] == b':'
        && digit(15)
        && digit(16)
        && b[17] == b':'
        && digit(18)
        && digit(19)
        && b[20] == b' '
        && (b[21] == b'+' || b[21] == b'-')
        && (22..26).all(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the imap_command fuzz target (second campaign, at 976,416
    /// executions): an empty CHARSET was printed as nothing at all.
    #[test]
    fn search_charset_is_written_as_an_astring() {
        for line in [
            &b"INBOX8 SEARCH CHARSET \"\" ALL"[..],
            &b"a SEARCH CHARSET UTF-8 ALL"[..],
        ] {
            let c = parse(line).unwrap();
            let wire = c.to_wire();
            assert_eq!(&wire[..wire.len() - 2], line);
            assert_eq!(parse(&wire[..wire.len() - 2]).unwrap(), c);
        }
    }

    /// Found by the imap_command fuzz target: an APPEND whose message holds
    /// `}` CRLF (and bytes that are not UTF-8) goes on the wire once, as it
    /// is, and parses back to the same command; so does one whose mailbox
    /// name needs a literal of its own.
    #[test]
    fn append_wire_form_keeps_a_message_that_holds_a_literal_end() {
        for (line, message) in [
            (
                &b"f7 APPEND Sent (\\Seen) {10}\r\n\r\n\r\n\r\n\0}\r\n"[..],
                &b"\r\n\r\n\r\n\0}\r\n"[..],
            ),
            (
                &b"a1 APPEND {5}\r\nS\xc3\xa9nt {5}\r\n}\r\n\xff!"[..],
                &b"}\r\n\xff!"[..],
            ),
        ] {
            let c = parse(line).unwrap();
            let CommandBody::Append { message: m, .. } = &c.body else {
                panic!("{c:?}")
            };
            assert_eq!(m.as_slice(), message);
            let wire = c.to_wire();
            assert_eq!(
                &wire[..wire.len() - 2],
                line,
                "{:?}",
                String::from_utf8_lossy(&wire)
            );
            assert_eq!(parse(&wire[..wire.len() - 2]).unwrap(), c);
        }
    }

    #[test]
    fn sequence_sets() {
        let mut c = Cursor::new(b"1:3,5,7:*");
        let s = c.sequence_set().unwrap();
        assert_eq!(s.to_string(), "1:3,5,7:*");
        assert!(s.contains(2, 9) && s.contains(9, 9) && !s.contains(4, 9));
        assert_eq!(SequenceSet::compact(&[1, 2, 3, 5, 7, 8]), "1:3,5,7:8");
    }

    #[test]
    fn keyword_peek_and_missing_tag() {
        assert_eq!(
            peek_keyword(b"a7 uid fetch 1 FLAGS"),
            Some(("a7".into(), "UID FETCH".into()))
        );
        let e = parse(b"LOGIN dave dave-pass").unwrap_err();
        assert_eq!(e.key, "imap.bad.missing_tag");
    }

    #[test]
    fn dates() {
        assert!(valid_date_time("23-Nov-2026 09:00:00 +0000"));
        assert!(valid_date_time(" 3-Jan-2027 19:05:01 -0700"));
        assert!(!valid_date_time("2026-11-23 09:00:00 +0000"));
    }
}
