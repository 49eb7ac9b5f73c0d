//! IMAP responses: parse and print (RFC 9051 §2.2.2, §7; §7.1 response
//! codes; RFC 6851 §4.3 and RFC 4315 COPYUID/APPENDUID, part of IMAP4rev2).
//!
//! Implements: status responses `OK`, `NO`, `BAD`, `PREAUTH`, `BYE`, tagged
//! or untagged, with an optional `[code]` (§7.1); untagged data (`* 3
//! EXISTS`, `* FLAGS (...)`, `* 1 FETCH (...)` with literals inside); and
//! the continuation request `+ text` (§7.5). [`ResponseParser`] splits a
//! byte stream into whole responses, literals included, however the bytes
//! arrive.
//!
//! Deliberate difference: untagged data is kept as its raw bytes (after
//! `* `), not parsed into a type per response: the client only needs a few
//! of them, and the server builds them directly.

use serde::Serialize;
use std::fmt;

/// The status of a status response (§7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Status {
    Ok,
    No,
    Bad,
    Preauth,
    Bye,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::No => "NO",
            Status::Bad => "BAD",
            Status::Preauth => "PREAUTH",
            Status::Bye => "BYE",
        }
    }
    fn parse(s: &str) -> Option<Status> {
        Some(match s.to_ascii_uppercase().as_str() {
            "OK" => Status::Ok,
            "NO" => Status::No,
            "BAD" => Status::Bad,
            "PREAUTH" => Status::Preauth,
            "BYE" => Status::Bye,
            _ => return None,
        })
    }
}

/// A response code in brackets (§7.1), the ones this server sends typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Code {
    Alert,
    AlreadyExists,
    AppendUid {
        uidvalidity: u32,
        uid: u32,
    },
    AuthenticationFailed,
    AuthorizationFailed,
    BadCharset,
    Cannot,
    Capability(String),
    Closed,
    CopyUid {
        uidvalidity: u32,
        from: String,
        to: String,
    },
    InUse,
    Nonexistent,
    Parse,
    PermanentFlags(String),
    ReadOnly,
    ReadWrite,
    TooBig,
    TryCreate,
    UidNext(u32),
    UidValidity(u32),
    Unseen(u32),
    /// Any other code, as written between the brackets.
    Other(String),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Alert => f.write_str("ALERT"),
            Code::AlreadyExists => f.write_str("ALREADYEXISTS"),
            Code::AppendUid { uidvalidity, uid } => write!(f, "APPENDUID {uidvalidity} {uid}"),
            Code::AuthenticationFailed => f.write_str("AUTHENTICATIONFAILED"),
            Code::AuthorizationFailed => f.write_str("AUTHORIZATIONFAILED"),
            Code::BadCharset => f.write_str("BADCHARSET (UTF-8 US-ASCII)"),
            Code::Cannot => f.write_str("CANNOT"),
            Code::Capability(c) => write!(f, "CAPABILITY {c}"),
            Code::Closed => f.write_str("CLOSED"),
            Code::CopyUid {
                uidvalidity,
                from,
                to,
            } => write!(f, "COPYUID {uidvalidity} {from} {to}"),
            Code::InUse => f.write_str("INUSE"),
            Code::Nonexistent => f.write_str("NONEXISTENT"),
            Code::Parse => f.write_str("PARSE"),
            Code::PermanentFlags(p) => write!(f, "PERMANENTFLAGS ({p})"),
            Code::ReadOnly => f.write_str("READ-ONLY"),
            Code::ReadWrite => f.write_str("READ-WRITE"),
            Code::TooBig => f.write_str("TOOBIG"),
            Code::TryCreate => f.write_str("TRYCREATE"),
            Code::UidNext(n) => write!(f, "UIDNEXT {n}"),
            Code::UidValidity(n) => write!(f, "UIDVALIDITY {n}"),
            Code::Unseen(n) => write!(f, "UNSEEN {n}"),
            Code::Other(s) => f.write_str(s),
        }
    }
}

impl Code {
    pub fn parse(s: &str) -> Code {
        let (word, rest) = s.split_once(' ').unwrap_or((s, ""));
        let num = |r: &str| r.parse::<u32>().ok();
        let up = word.to_ascii_uppercase();
        let other = || Code::Other(s.to_string());
        match up.as_str() {
            "ALERT" if rest.is_empty() => Code::Alert,
            "ALREADYEXISTS" => Code::AlreadyExists,
            "AUTHENTICATIONFAILED" => Code::AuthenticationFailed,
            "AUTHORIZATIONFAILED" => Code::AuthorizationFailed,
            "BADCHARSET" if rest == "(UTF-8 US-ASCII)" => Code::BadCharset,
            "CANNOT" => Code::Cannot,
            "CAPABILITY" => Code::Capability(rest.to_string()),
            "CLOSED" => Code::Closed,
            "INUSE" => Code::InUse,
            "NONEXISTENT" => Code::Nonexistent,
            "PARSE" => Code::Parse,
            "READ-ONLY" => Code::ReadOnly,
            "READ-WRITE" => Code::ReadWrite,
            "TOOBIG" => Code::TooBig,
            "TRYCREATE" => Code::TryCreate,
            "PERMANENTFLAGS" => match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                Some(p) => Code::PermanentFlags(p.to_string()),
                None => other(),
            },
            "UIDNEXT" => num(rest).map_or_else(other, Code::UidNext),
            "UIDVALIDITY" => num(rest).map_or_else(other, Code::UidValidity),
            "UNSEEN" => num(rest).map_or_else(other, Code::Unseen),
            "APPENDUID" => match rest.split_once(' ') {
                Some((v, u)) => match (num(v), num(u)) {
                    (Some(uidvalidity), Some(uid)) => Code::AppendUid { uidvalidity, uid },
                    _ => other(),
                },
                None => other(),
            },
            "COPYUID" => {
                let p: Vec<&str> = rest.split(' ').collect();
                match (p.len(), p.first().and_then(|v| num(v))) {
                    (3, Some(uidvalidity)) => Code::CopyUid {
                        uidvalidity,
                        from: p[1].to_string(),
                        to: p[2].to_string(),
                    },
                    _ => other(),
                }
            }
            _ => other(),
        }
    }
}

/// One server response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Response {
    /// `tag OK [code] text`, or `* OK ...` when `tag` is `None`.
    Status {
        tag: Option<String>,
        status: Status,
        code: Option<Code>,
        text: String,
    },
    /// Untagged data: the bytes after `* `, literals included, without the
    /// final CRLF.
    Data(Vec<u8>),
    /// `+ text`: go on (send the literal, or the SASL response, or IDLE).
    Continue(String),
}

impl Response {
    /// Appends the response and its CRLF.
    pub fn write_wire(&self, out: &mut Vec<u8>) {
        match self {
            Response::Data(d) => {
                out.extend_from_slice(b"* ");
                out.extend_from_slice(d);
            }
            Response::Continue(t) => {
                out.extend_from_slice(b"+ ");
                out.extend_from_slice(t.as_bytes());
            }
            Response::Status { .. } => out.extend_from_slice(self.to_string().as_bytes()),
        }
        out.extend_from_slice(b"\r\n");
    }

    pub fn tag(&self) -> Option<&str> {
        match self {
            Response::Status { tag, .. } => tag.as_deref(),
            _ => None,
        }
    }

    /// Parses one whole response without its final CRLF (as
    /// [`ResponseParser`] yields them).
    pub fn parse(bytes: &[u8]) -> Option<Response> {
        if let Some(rest) = bytes.strip_prefix(b"+") {
            let rest = rest.strip_prefix(b" ").unwrap_or(rest);
            return Some(Response::Continue(
                String::from_utf8_lossy(rest).into_owned(),
            ));
        }
        let (tag, rest) = match bytes.strip_prefix(b"* ") {
            Some(r) => (None, r),
            None => {
                let sp = bytes.iter().position(|&b| b == b' ')?;
                (
                    Some(String::from_utf8_lossy(&bytes[..sp]).into_owned()),
                    &bytes[sp + 1..],
                )
            }
        };
        let text = String::from_utf8_lossy(rest);
        let (word, after) = text.split_once(' ').unwrap_or((&text, ""));
        let Some(status) = Status::parse(word) else {
            return match tag {
                None => Some(Response::Data(rest.to_vec())),
                Some(_) => None,
            };
        };
        let (code, text) = match after.strip_prefix('[').and_then(|a| a.split_once(']')) {
            Some((c, t)) => (Some(Code::parse(c)), t.strip_prefix(' ').unwrap_or(t)),
            None => (None, after),
        };
        Some(Response::Status {
            tag,
            status,
            code,
            text: text.to_string(),
        })
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Response::Status {
                tag,
                status,
                code,
                text,
            } => {
                write!(f, "{} {}", tag.as_deref().unwrap_or("*"), status.as_str())?;
                if let Some(c) = code {
                    write!(f, " [{c}]")?;
                }
                if !text.is_empty() {
                    write!(f, " {text}")?;
                }
                Ok(())
            }
            Response::Data(d) => write!(f, "* {}", String::from_utf8_lossy(d)),
            Response::Continue(t) => write!(f, "+ {t}"),
        }
    }
}

/// If `line` (without CRLF) ends with a literal's `{n}` or `{n+}`, its size.
pub fn literal_size(line: &[u8]) -> Option<(usize, bool)> {
    let line = line.strip_suffix(b"}")?;
    let (line, sync) = match line.strip_suffix(b"+") {
        Some(l) => (l, false),
        None => (line, true),
    };
    let open = line.iter().rposition(|&b| b == b'{')?;
    let digits = &line[open + 1..];
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits)
        .ok()?
        .parse()
        .ok()
        .map(|n| (n, sync))
}

/// Splits the server's byte stream into whole responses (a line, plus the
/// literals its `{n}` announce and the rest of the line after them).
#[derive(Debug, Default)]
pub struct ResponseParser {
    buf: Vec<u8>,
}

impl ResponseParser {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole response, without its final CRLF.
    pub fn next_response(&mut self) -> Option<Vec<u8>> {
        let mut i = 0;
        loop {
            let lf = self.buf[i..].iter().position(|&b| b == b'\n')? + i;
            let line_end = if lf > 0 && self.buf[lf - 1] == b'\r' {
                lf - 1
            } else {
                lf
            };
            match literal_size(&self.buf[i..line_end]) {
                Some((n, _)) if self.buf.len() >= lf + 1 + n => i = lf + 1 + n,
                Some(_) => return None,
                None => {
                    let resp = self.buf[..line_end].to_vec();
                    self.buf.drain(..=lf);
                    return Some(resp);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_waits_for_the_literal() {
        let mut p = ResponseParser::new();
        p.push(b"* 1 FETCH (BODY[] {5}\r\nab");
        assert_eq!(p.next_response(), None);
        p.push(b"\r\nd)\r\na1 OK done\r\n");
        assert_eq!(
            p.next_response().unwrap(),
            b"* 1 FETCH (BODY[] {5}\r\nab\r\nd)"
        );
        let r = Response::parse(&p.next_response().unwrap()).unwrap();
        assert_eq!(r.to_string(), "a1 OK done");
    }

    #[test]
    fn literal_sizes() {
        assert_eq!(literal_size(b"a APPEND x {12}"), Some((12, true)));
        assert_eq!(literal_size(b"a APPEND x {12+}"), Some((12, false)));
        assert_eq!(literal_size(b"a LOGIN {x}"), None);
    }
}
