//! POP3 responses: status lines, multi-line bodies, and an incremental
//! parser for the client (RFC 1939 §3; RFC 2449 §4 line lengths, §8
//! response codes).
//!
//! Implements: `+OK`/`-ERR` status indicators (§3), multi-line responses
//! ended by `CRLF.CRLF` with byte-stuffing of lines that begin with `.`
//! (§3), and the bracketed response codes of RFC 2449 §8 (`[IN-USE]`).
//!
//! Deliberate differences:
//! * A bare LF ends a line as well as CRLF, so a learner's hand-typed server
//!   (or `nc` without `-C`) still works; the body keeps the line endings it
//!   was sent with.
//! * The first line of a response may be at most 512 octets (RFC 2449 §4);
//!   body lines are not limited (RFC 1939 sets no limit), but the body as a
//!   whole is capped by [`ResponseParser::with_max_body`] to keep memory
//!   bounded.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::{all_consuming, opt, rest};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use serde::Serialize;
use std::collections::VecDeque;
use std::fmt;

/// RFC 2449 §4: a response's first line is at most 512 octets with CRLF.
pub const MAX_STATUS_LINE: usize = 512;

/// The status line of a response (§3): `+OK text` or `-ERR text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Response {
    Ok(String),
    Err(String),
}

impl Response {
    pub fn is_ok(&self) -> bool {
        matches!(self, Response::Ok(_))
    }

    /// The text after the status indicator.
    pub fn text(&self) -> &str {
        match self {
            Response::Ok(t) | Response::Err(t) => t,
        }
    }

    /// The RFC 2449 §8 response code at the start of the text, without
    /// brackets: `IN-USE` for `-ERR [IN-USE] maildrop already locked`.
    pub fn resp_code(&self) -> Option<&str> {
        let t = self.text().strip_prefix('[')?;
        t.find(']').map(|end| &t[..end])
    }

    /// The status line with CRLF, as sent.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_wire(&mut out);
        out
    }

    /// Appends the status line with its CRLF (by hand: one per response).
    pub fn write_wire(&self, out: &mut Vec<u8>) {
        let (ind, text) = match self {
            Response::Ok(t) => ("+OK", t),
            Response::Err(t) => ("-ERR", t),
        };
        out.extend_from_slice(ind.as_bytes());
        if !text.is_empty() {
            out.push(b' ');
            out.extend_from_slice(text.as_bytes());
        }
        out.extend_from_slice(b"\r\n");
    }

    /// Parses one status line, with or without its line ending.
    pub fn parse(line: &[u8]) -> Result<Response, ResponseError> {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let text = crate::lossy(line);
        match status_line(text.as_ref()) {
            Ok((_, ("+OK", t))) => Ok(Response::Ok(t.unwrap_or("").to_string())),
            Ok((_, (_, t))) => Ok(Response::Err(t.unwrap_or("").to_string())),
            Err(_) => Err(ResponseError::BadStatus(text.into_owned())),
        }
    }
}

/// `("+OK" | "-ERR") [" " text]`, the whole line.
fn status_line(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    all_consuming((
        alt((tag("+OK"), tag("-ERR"))),
        opt(preceded(tag(" "), rest)),
    ))
    .parse(i)
}

/// `+OK text` without CRLF; `+OK` alone when the text is empty.
impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ind, text) = match self {
            Response::Ok(t) => ("+OK", t),
            Response::Err(t) => ("-ERR", t),
        };
        if text.is_empty() {
            f.write_str(ind)
        } else {
            write!(f, "{ind} {text}")
        }
    }
}

/// A whole response: the status line and, for multi-line responses, the
/// body as the client should see it (un-stuffed, without the final `.`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub status: Response,
    /// `Some` for a multi-line response; lines end in CRLF.
    pub body: Option<Vec<u8>>,
}

impl Reply {
    pub fn single(status: Response) -> Self {
        Reply { status, body: None }
    }

    /// A multi-line `+OK` response (§3); `body` is sent byte-stuffed.
    pub fn multi(text: impl Into<String>, body: Vec<u8>) -> Self {
        Reply {
            status: Response::Ok(text.into()),
            body: Some(body),
        }
    }

    /// The body split into lines without their line endings.
    pub fn body_lines(&self) -> impl Iterator<Item = &[u8]> {
        let body = self.body.as_deref().unwrap_or(&[]);
        body.split_inclusive(|&b| b == b'\n').map(|l| {
            let l = l.strip_suffix(b"\n").unwrap_or(l);
            l.strip_suffix(b"\r").unwrap_or(l)
        })
    }

    /// The bytes on the wire.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut out = self.status.to_wire();
        if let Some(body) = &self.body {
            write_multiline_body(&mut out, body);
        }
        out
    }
}

/// Appends `body` byte-stuffed, then the terminating `.CRLF` (§3). Copies
/// whole lines at a time, so it is linear in the size of the body. A body
/// that does not end in CRLF gets one, so the terminator stands on its own
/// line.
pub fn write_multiline_body(out: &mut Vec<u8>, body: &[u8]) {
    out.reserve(body.len() + body.len() / 64 + 5);
    let mut at_line_start = true;
    for line in body.split_inclusive(|&b| b == b'\n') {
        if at_line_start && line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(line);
        at_line_start = line.ends_with(b"\n");
    }
    if !body.is_empty() && !body.ends_with(b"\r\n") {
        if body.ends_with(b"\n") {
            // A bare LF: make it CRLF.
            out.pop();
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
}

/// Why a response could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ResponseError {
    /// The line starts with neither `+OK` nor `-ERR`.
    BadStatus(String),
    /// A status line longer than 512 octets (RFC 2449 §4).
    StatusTooLong,
    /// A multi-line body larger than the parser's limit.
    BodyTooLarge,
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::BadStatus(l) => write!(f, "not a POP3 status line: \"{l}\""),
            ResponseError::StatusTooLong => {
                write!(f, "status line longer than {MAX_STATUS_LINE} octets")
            }
            ResponseError::BodyTooLarge => f.write_str("multi-line response too large"),
        }
    }
}

impl std::error::Error for ResponseError {}

/// Reads responses from bytes as they arrive, for the client.
///
/// Whether a `+OK` is followed by a body depends on the command that was
/// sent (§3), so the client calls [`expect`](Self::expect) once per command,
/// in order, before or after pushing bytes. A response with no expectation
/// queued (the greeting) is read as single-line.
#[derive(Debug)]
pub struct ResponseParser {
    buf: Vec<u8>,
    /// Start of unread bytes in `buf`.
    pos: usize,
    /// `buf[pos..scanned]` is known to hold no LF, so we never rescan it.
    scanned: usize,
    expecting: VecDeque<bool>,
    /// Status and body so far of a multi-line response being read.
    current: Option<(Response, Vec<u8>)>,
    max_body: usize,
    /// After an error found before its line (or body) ended, the rest of
    /// it is skipped, so that any split of the same bytes gives the same
    /// replies and errors.
    skip: Skip,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    No,
    /// The rest of an over-long status line, up to its LF.
    Line,
    /// The rest of an over-large body, up to its terminating `.` line.
    Body,
}

impl Default for ResponseParser {
    fn default() -> Self {
        Self::new()
    }
}

impl ResponseParser {
    pub fn new() -> Self {
        Self::with_max_body(64 * 1024 * 1024)
    }

    pub fn with_max_body(max_body: usize) -> Self {
        ResponseParser {
            buf: Vec::new(),
            pos: 0,
            scanned: 0,
            expecting: VecDeque::new(),
            current: None,
            max_body,
            skip: Skip::No,
        }
    }

    /// The next response will be multi-line if it is `+OK` and `multi_line`.
    pub fn expect(&mut self, multi_line: bool) {
        self.expecting.push_back(multi_line);
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete response, if the bytes so far hold one.
    pub fn next_reply(&mut self) -> Option<Result<Reply, ResponseError>> {
        loop {
            let Some(lf) = self.buf[self.scanned..].iter().position(|&b| b == b'\n') else {
                self.scanned = self.buf.len();
                let pending = self.buf.len() - self.pos;
                if self.skip != Skip::No {
                    // A skipped line is kept only as far as it tells
                    // whether it is the `.` terminator (".\r" at most):
                    // three bytes say it is not.
                    if pending > 3 {
                        self.buf.truncate(self.pos + 3);
                        self.scanned = self.buf.len();
                    }
                    self.compact();
                    return None;
                }
                if self.current.is_none() && pending > MAX_STATUS_LINE {
                    self.discard_all();
                    self.skip = Skip::Line;
                    self.expecting.pop_front();
                    return Some(Err(ResponseError::StatusTooLong));
                }
                if let Some((_, body)) = &self.current {
                    // A partial line may still turn out to be the `.CRLF`
                    // terminator, or lose a stuffed dot: allow for both, so
                    // the error comes exactly when the whole line's would.
                    if pending > 2 && body.len() + pending > self.max_body + 1 {
                        // Keep the line's first three bytes: its rest must
                        // not pass for the `.` terminator (as it would
                        // not if the whole line had come at once).
                        let head = [
                            self.buf[self.pos],
                            self.buf[self.pos + 1],
                            self.buf[self.pos + 2],
                        ];
                        self.discard_all();
                        self.buf.extend_from_slice(&head);
                        self.scanned = self.buf.len();
                        self.skip = Skip::Body;
                        return Some(Err(ResponseError::BodyTooLarge));
                    }
                }
                self.compact();
                return None;
            };
            let end = self.scanned + lf + 1;
            let start = self.pos;
            self.pos = end;
            self.scanned = end;
            let line = &self.buf[start..end];
            match self.skip {
                Skip::No => {}
                Skip::Line => {
                    self.skip = Skip::No;
                    continue;
                }
                Skip::Body => {
                    let content = line.strip_suffix(b"\n").unwrap_or(line);
                    let content = content.strip_suffix(b"\r").unwrap_or(content);
                    if content == b"." {
                        self.skip = Skip::No;
                    }
                    continue;
                }
            }
            match &mut self.current {
                Some((_, body)) => {
                    let content = line.strip_suffix(b"\n").unwrap_or(line);
                    let content = content.strip_suffix(b"\r").unwrap_or(content);
                    if content == b"." {
                        let (status, body) = self.current.take().expect("checked above");
                        return Some(Ok(Reply {
                            status,
                            body: Some(body),
                        }));
                    }
                    // §3: a line starting with '.' was stuffed; drop that dot.
                    let line = if line.first() == Some(&b'.') {
                        &line[1..]
                    } else {
                        line
                    };
                    if body.len() + line.len() > self.max_body {
                        self.current = None;
                        self.skip = Skip::Body;
                        return Some(Err(ResponseError::BodyTooLarge));
                    }
                    body.extend_from_slice(line);
                }
                None => {
                    if line.len() > MAX_STATUS_LINE {
                        self.expecting.pop_front();
                        return Some(Err(ResponseError::StatusTooLong));
                    }
                    let status = match Response::parse(line) {
                        Ok(s) => s,
                        Err(e) => {
                            self.expecting.pop_front();
                            return Some(Err(e));
                        }
                    };
                    let multi = self.expecting.pop_front().unwrap_or(false);
                    if multi && status.is_ok() {
                        self.current = Some((status, Vec::new()));
                    } else {
                        return Some(Ok(Reply::single(status)));
                    }
                }
            }
        }
    }

    fn discard_all(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.scanned = 0;
        self.current = None;
    }

    /// Drop consumed bytes once they are the larger part of the buffer, so
    /// reading a long body stays linear.
    fn compact(&mut self) {
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.scanned -= self.pos;
            self.pos = 0;
        }
    }
}
