//! SMTP replies: `250 2.0.0 OK`, multi-line `250-...`, and their parser.
//!
//! Implements: RFC 5321 §4.2 (reply syntax, multi-line replies with '-'),
//! §4.2.1 (code classes), §4.3.2 (which codes follow which command, used by
//! the server), §4.5.3.1.5 (reply line at most 512 octets incl. CRLF);
//! RFC 2034/3463 enhanced status codes `class.subject.detail`.
//!
//! Deliberate differences:
//! * A reply whose lines carry different codes is an error (`MixedCodes`)
//!   rather than "use the last line", as lettre does: the simulator shows the
//!   learner exactly what is wrong.
//! * An enhanced code is recognised when the first line's text starts with
//!   `d.ddd.ddd` whose class matches the reply's first digit; it is then
//!   stripped from every line that repeats it.
//! * A bare LF is accepted as a line end when reading replies (robustness
//!   principle); replies we print always use CRLF.

use serde::{Deserialize, Serialize};
use std::fmt;

/// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets including CRLF.
pub const MAX_REPLY_LINE: usize = 512;
/// More lines than this in one reply is treated as a broken peer
/// (bounds the parser's memory).
pub const MAX_REPLY_LINES: usize = 100;

/// An RFC 3463 enhanced status code such as `5.7.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EnhancedCode(pub u8, pub u16, pub u16);

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

impl EnhancedCode {
    /// Parses `d.ddd.ddd` (subject and detail 1 to 3 digits).
    pub fn parse(s: &str) -> Option<EnhancedCode> {
        // By hand: this runs for every reply line the client reads.
        let mut it = s.as_bytes().split(|&b| b == b'.');
        let (a, b, c) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        let num = |x: &[u8], max: usize| {
            ((1..=max).contains(&x.len()) && x.iter().all(u8::is_ascii_digit))
                .then(|| x.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
        };
        let class = num(a, 1)?;
        if !matches!(class, 2 | 4 | 5) {
            return None;
        }
        Some(EnhancedCode(class as u8, num(b, 3)?, num(c, 3)?))
    }

    /// The table key, e.g. `smtp.esc.5.7.1`.
    pub fn explanation_key(&self) -> String {
        format!("smtp.esc.{self}")
    }
}

/// The reply codes and enhanced codes that have an entry in the explanation
/// table (`explain::smtp`); a test checks that the two lists agree.
static CODE_KEYS: &[(u16, &str)] = &[
    (214, "smtp.reply.214"),
    (220, "smtp.reply.220"),
    (221, "smtp.reply.221"),
    (235, "smtp.reply.235"),
    (250, "smtp.reply.250"),
    (252, "smtp.reply.252"),
    (334, "smtp.reply.334"),
    (354, "smtp.reply.354"),
    (421, "smtp.reply.421"),
    (451, "smtp.reply.451"),
    (452, "smtp.reply.452"),
    (500, "smtp.reply.500"),
    (501, "smtp.reply.501"),
    (502, "smtp.reply.502"),
    (503, "smtp.reply.503"),
    (504, "smtp.reply.504"),
    (530, "smtp.reply.530"),
    (535, "smtp.reply.535"),
    (550, "smtp.reply.550"),
    (552, "smtp.reply.552"),
    (554, "smtp.reply.554"),
    (555, "smtp.reply.555"),
];

static ESC_KEYS: &[((u8, u16, u16), &str)] = &[
    ((2, 0, 0), "smtp.esc.2.0.0"),
    ((2, 1, 0), "smtp.esc.2.1.0"),
    ((2, 1, 5), "smtp.esc.2.1.5"),
    ((2, 7, 0), "smtp.esc.2.7.0"),
    ((4, 4, 2), "smtp.esc.4.4.2"),
    ((4, 5, 3), "smtp.esc.4.5.3"),
    ((4, 7, 0), "smtp.esc.4.7.0"),
    ((4, 7, 1), "smtp.esc.4.7.1"),
    ((5, 0, 0), "smtp.esc.5.0.0"),
    ((5, 1, 1), "smtp.esc.5.1.1"),
    ((5, 1, 3), "smtp.esc.5.1.3"),
    ((5, 1, 7), "smtp.esc.5.1.7"),
    ((5, 3, 4), "smtp.esc.5.3.4"),
    ((5, 5, 1), "smtp.esc.5.5.1"),
    ((5, 5, 2), "smtp.esc.5.5.2"),
    ((5, 5, 4), "smtp.esc.5.5.4"),
    ((5, 5, 6), "smtp.esc.5.5.6"),
    ((5, 6, 0), "smtp.esc.5.6.0"),
    ((5, 7, 0), "smtp.esc.5.7.0"),
    ((5, 7, 1), "smtp.esc.5.7.1"),
    ((5, 7, 8), "smtp.esc.5.7.8"),
];

/// One SMTP reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub code: u16,
    pub enhanced: Option<EnhancedCode>,
    /// The text of each line, without code or enhanced code.
    pub lines: Vec<String>,
}

impl Reply {
    pub fn new(code: u16, enhanced: Option<EnhancedCode>, text: impl Into<String>) -> Self {
        Reply {
            code,
            enhanced,
            lines: vec![text.into()],
        }
    }

    pub fn multi(code: u16, enhanced: Option<EnhancedCode>, lines: Vec<String>) -> Self {
        Reply {
            code,
            enhanced,
            lines,
        }
    }

    /// The reply as sent: `250-a\r\n250 b\r\n`.
    pub fn to_wire(&self) -> String {
        let mut out =
            String::with_capacity(16 + self.lines.iter().map(|l| l.len() + 12).sum::<usize>());
        self.write_wire(&mut out);
        out
    }

    fn write_wire(&self, out: &mut String) {
        // Pushed by hand rather than with `write!`: every reply goes through here.
        fn push_num(out: &mut String, n: u16) {
            if n >= 10 {
                push_num(out, n / 10);
            }
            out.push(char::from(b'0' + (n % 10) as u8));
        }
        let n = self.lines.len().max(1);
        for i in 0..n {
            let sep = if i + 1 == n { ' ' } else { '-' };
            let text = self.lines.get(i).map_or("", String::as_str);
            push_num(out, self.code);
            out.push(sep);
            if let Some(EnhancedCode(a, b, c)) = self.enhanced {
                push_num(out, u16::from(a));
                out.push('.');
                push_num(out, b);
                out.push('.');
                push_num(out, c);
                if !text.is_empty() {
                    out.push(' ');
                }
            }
            out.push_str(text);
            out.push_str("\r\n");
        }
    }

    /// The full text of all lines joined by spaces, for messages to people.
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }

    /// 2xx (RFC 5321 §4.2.1).
    pub fn is_positive_completion(&self) -> bool {
        (200..300).contains(&self.code)
    }
    /// 3xx: the server waits for more (354 after DATA, 334 during AUTH).
    pub fn is_intermediate(&self) -> bool {
        (300..400).contains(&self.code)
    }
    /// 4xx: try again later.
    pub fn is_transient(&self) -> bool {
        (400..500).contains(&self.code)
    }
    /// 5xx: do not try again with the same request.
    pub fn is_permanent(&self) -> bool {
        (500..600).contains(&self.code)
    }

    /// The explanation-table entry for this reply's enhanced status code,
    /// if the table has one (no allocation: every reply of every session
    /// comes here).
    pub fn esc_key(&self) -> Option<&'static str> {
        let e = self.enhanced?;
        ESC_KEYS
            .iter()
            .find(|(c, _)| *c == (e.0, e.1, e.2))
            .map(|&(_, k)| k)
    }

    /// The most precise table entry the reply itself names: its enhanced
    /// status code's, else its code's. A generic enhanced code (`2.0.0`,
    /// `4.0.0`, `5.0.0`: "other or undefined", RFC 3463 §3.1) says less than
    /// the code (`221` closing, `354` go ahead), so the code comes first.
    pub fn static_key(&self) -> Option<&'static str> {
        let code = || {
            CODE_KEYS
                .iter()
                .find(|(c, _)| *c == self.code)
                .map(|&(_, k)| k)
        };
        match self.enhanced {
            Some(e) if e.1 == 0 && e.2 == 0 => code().or_else(|| self.esc_key()),
            _ => self.esc_key().or_else(code),
        }
    }

    /// The table key, e.g. `smtp.reply.250`.
    pub fn explanation_key(&self) -> String {
        format!("smtp.reply.{}", self.code)
    }

    /// Parses one complete reply (all its lines, CRLF or LF separated).
    pub fn parse(s: &str) -> Result<Reply, ReplyError> {
        let mut p = ReplyParser::new();
        p.push(s.as_bytes());
        if !s.ends_with('\n') {
            p.push(b"\r\n");
        }
        let r = p.next_reply().ok_or(ReplyError::Incomplete)??;
        if p.buf.is_empty() && p.pending.is_empty() {
            Ok(r)
        } else {
            Err(ReplyError::TrailingData)
        }
    }
}

impl fmt::Display for Reply {
    /// The wire form without the final CRLF.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.to_wire();
        f.write_str(w.trim_end_matches("\r\n"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    /// A line does not start with three digits and ' ', '-' or its end.
    Syntax {
        line: String,
    },
    /// Lines of one reply carry different codes (RFC 5321 §4.2.1: all lines use the same code).
    MixedCodes {
        first: u16,
        other: u16,
    },
    /// Over 512 octets in one line (§4.5.3.1.5).
    LineTooLong,
    TooManyLines,
    Incomplete,
    TrailingData,
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyError::Syntax { line } => write!(f, "not an SMTP reply line: {line:?}"),
            ReplyError::MixedCodes { first, other } => {
                write!(f, "one reply mixes codes {first} and {other}; every line must carry the same code")
            }
            ReplyError::LineTooLong => {
                write!(f, "a reply line is longer than {MAX_REPLY_LINE} octets")
            }
            ReplyError::TooManyLines => write!(f, "a reply has more than {MAX_REPLY_LINES} lines"),
            ReplyError::Incomplete => write!(f, "the reply is incomplete"),
            ReplyError::TrailingData => write!(f, "there is more text after the reply"),
        }
    }
}

impl std::error::Error for ReplyError {}

/// Incremental reply reader for the client side: push bytes as they come,
/// take whole replies out. Memory is bounded by one line plus one reply.
#[derive(Debug, Default)]
pub struct ReplyParser {
    buf: Vec<u8>,
    /// Bytes of `buf` before this were parsed already: lines are read in
    /// place, and the buffer is compacted on `push` rather than per line.
    start: usize,
    /// Lines of the reply being read: (code, is_last, text).
    pending: Vec<String>,
    /// The code of the lines in `pending`.
    pending_code: u16,
    /// Discarding the rest of an over-long line.
    discarding: bool,
}

impl ReplyParser {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete reply, if one has arrived. After an error the
    /// parser resynchronises at the next line.
    pub fn next_reply(&mut self) -> Option<Result<Reply, ReplyError>> {
        let r = self.next_reply_inner();
        if self.start == self.buf.len() {
            // Everything read: reuse the buffer from its start.
            self.buf.clear();
            self.start = 0;
        }
        r
    }

    fn next_reply_inner(&mut self) -> Option<Result<Reply, ReplyError>> {
        loop {
            let Some(lf) = memchr::memchr(b'\n', &self.buf[self.start..]) else {
                if self.buf.len() - self.start > MAX_REPLY_LINE {
                    self.buf.clear();
                    self.start = 0;
                    self.pending.clear();
                    if !self.discarding {
                        self.discarding = true;
                        return Some(Err(ReplyError::LineTooLong));
                    }
                }
                return None;
            };
            // The line is read in place; `start` moves past it.
            let from = self.start;
            self.start += lf + 1;
            let raw = &self.buf[from..self.start];
            if std::mem::take(&mut self.discarding) {
                continue;
            }
            if raw.len() > MAX_REPLY_LINE {
                self.pending.clear();
                return Some(Err(ReplyError::LineTooLong));
            }
            let line = crate::lossy(raw);
            let line = line.trim_end_matches('\n').trim_end_matches('\r');
            let b = line.as_bytes();
            let sep = b.get(3).copied();
            if b.len() < 3
                || !b[..3].iter().all(u8::is_ascii_digit)
                || !matches!(sep, None | Some(b' ') | Some(b'-'))
            {
                self.pending.clear();
                return Some(Err(ReplyError::Syntax {
                    line: line.to_string(),
                }));
            }
            let code = b[..3]
                .iter()
                .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
            if !(200..600).contains(&code) {
                self.pending.clear();
                return Some(Err(ReplyError::Syntax {
                    line: line.to_string(),
                }));
            }
            if !self.pending.is_empty() {
                let first = self.pending_code;
                if first != code {
                    self.pending.clear();
                    return Some(Err(ReplyError::MixedCodes { first, other: code }));
                }
            }
            let text = line.get(4..).unwrap_or("").to_string();
            self.pending.push(text);
            self.pending_code = code;
            if sep != Some(b'-') {
                return Some(Ok(Self::assemble(code, std::mem::take(&mut self.pending))));
            }
            if self.pending.len() > MAX_REPLY_LINES {
                self.pending.clear();
                self.discarding = false;
                return Some(Err(ReplyError::TooManyLines));
            }
        }
    }

    fn assemble(code: u16, mut lines: Vec<String>) -> Reply {
        let class = (code / 100) as u8;
        let split = |t: &str| -> Option<(EnhancedCode, usize)> {
            let end = memchr::memchr(b' ', t.as_bytes()).unwrap_or(t.len());
            EnhancedCode::parse(&t[..end])
                .filter(|e| e.0 == class)
                .map(|e| (e, end))
        };
        let enhanced = split(&lines[0]).map(|(e, _)| e);
        if let Some(e) = enhanced {
            for t in &mut lines {
                if let Some((e2, end)) = split(t) {
                    if e == e2 {
                        // Cut the code off in place (no new String).
                        let cut = end + usize::from(t[end..].starts_with(' '));
                        t.drain(..cut);
                    }
                }
            }
        }
        Reply {
            code,
            enhanced,
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_forms() {
        let r = Reply::multi(250, None, vec!["a".into(), "b".into()]);
        assert_eq!(r.to_wire(), "250-a\r\n250 b\r\n");
        let r = Reply::new(550, Some(EnhancedCode(5, 7, 1)), "Relaying denied");
        assert_eq!(r.to_wire(), "550 5.7.1 Relaying denied\r\n");
        assert_eq!(Reply::new(334, None, "").to_wire(), "334 \r\n");
        assert!(r.is_permanent() && !r.is_transient());
        assert_eq!(r.explanation_key(), "smtp.reply.550");
    }

    #[test]
    fn incremental_and_errors() {
        let mut p = ReplyParser::new();
        p.push(b"250-smtp.isp.example\r\n250-PIPE");
        assert!(p.next_reply().is_none());
        p.push(b"LINING\r\n250 HELP\r\n220");
        let r = p.next_reply().unwrap().unwrap();
        assert_eq!(r.lines, ["smtp.isp.example", "PIPELINING", "HELP"]);
        assert!(p.next_reply().is_none());
        p.push(b" hi\r\n250-a\r\n251 b\r\n");
        assert_eq!(p.next_reply().unwrap().unwrap().code, 220);
        assert_eq!(
            p.next_reply().unwrap(),
            Err(ReplyError::MixedCodes {
                first: 250,
                other: 251
            })
        );
        p.push(&[b'x'; 2000]);
        assert_eq!(p.next_reply().unwrap(), Err(ReplyError::LineTooLong));
        p.push(&[b'x'; 2000]);
        assert!(p.next_reply().is_none());
        p.push(b"\r\n221 bye\r\n");
        assert_eq!(p.next_reply().unwrap().unwrap().code, 221);
        assert!(matches!(
            Reply::parse("hello"),
            Err(ReplyError::Syntax { .. })
        ));
    }

    #[test]
    fn the_static_keys_are_exactly_the_tables_reply_and_esc_entries() {
        let table: Vec<&str> = crate::explain::all()
            .map(|e| e.key)
            .filter(|k| k.starts_with("smtp.reply.") || k.starts_with("smtp.esc."))
            .collect();
        let ours: Vec<&str> = CODE_KEYS
            .iter()
            .map(|x| x.1)
            .chain(ESC_KEYS.iter().map(|x| x.1))
            .collect();
        assert_eq!(ours, table);
        for &((a, b, c), k) in ESC_KEYS {
            assert_eq!(k, EnhancedCode(a, b, c).explanation_key());
        }
        for &(code, k) in CODE_KEYS {
            assert_eq!(k, Reply::new(code, None, "x").explanation_key());
        }
        let r = Reply::new(550, Some(EnhancedCode(5, 1, 1)), "no such user");
        assert_eq!(r.static_key(), Some("smtp.esc.5.1.1"));
        let r = Reply::new(221, Some(EnhancedCode(2, 0, 0)), "closing");
        assert_eq!(
            r.static_key(),
            Some("smtp.reply.221"),
            "x.0.0 says less than 221"
        );
        let r = Reply::new(550, Some(EnhancedCode(5, 9, 9)), "made up");
        assert_eq!(
            (r.esc_key(), r.static_key()),
            (None, Some("smtp.reply.550"))
        );
    }
}
