//! Cuts the byte stream of a connection into trace events: one event per
//! command or reply line, and one payload event for the message after DATA
//! or the body of a POP3 multi-line response (so an animation shows one
//! packet per message, not one per line).

use super::trace::{Direction, Parsed, Protocol};
use std::collections::VecDeque;

/// A piece of the stream, ready to become a trace event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Line {
        text: String,
        parsed: Option<Parsed>,
    },
    Payload {
        text: String,
        lines: usize,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Mode {
    #[default]
    Lines,
    /// Collecting a block up to the lone `.` line.
    Block,
}

/// The splitter for one direction of one connection.
#[derive(Clone, Debug, Default)]
struct Half {
    buf: Vec<u8>,
    mode: Mode,
    block: String,
    block_lines: usize,
}

/// Both directions of one connection, and what one tells about the other.
#[derive(Clone, Debug)]
pub struct Splitter {
    protocol: Protocol,
    /// Console connections show message lines one by one as they are typed.
    raw_client: bool,
    to_server: Half,
    to_client: Half,
    /// POP3: commands sent and not yet answered (verb, has argument).
    pop3_pending: VecDeque<(String, bool)>,
    greeted: bool,
}

impl Splitter {
    pub fn new(protocol: Protocol, raw_client: bool) -> Self {
        Splitter {
            protocol,
            raw_client,
            to_server: Half::default(),
            to_client: Half::default(),
            pop3_pending: VecDeque::new(),
            greeted: false,
        }
    }

    /// Feeds bytes sent in `dir`; returns the complete pieces.
    pub fn feed(&mut self, dir: Direction, bytes: &[u8]) -> Vec<Piece> {
        let mut out = Vec::new();
        self.feed_into(dir, bytes, &mut out);
        out
    }

    /// [`Splitter::feed`] appending to `out`, so that a caller can reuse
    /// one buffer for every segment.
    pub fn feed_into(&mut self, dir: Direction, bytes: &[u8], out: &mut Vec<Piece>) {
        let half = match dir {
            Direction::ToServer => &mut self.to_server,
            Direction::ToClient => &mut self.to_client,
        };
        // Usually the bytes are whole lines: cut them in place and only
        // keep a partial last line, instead of copying everything through
        // the buffer.
        let mut pending = std::mem::take(&mut half.buf);
        let data: &[u8] = if pending.is_empty() {
            bytes
        } else {
            pending.extend_from_slice(bytes);
            &pending
        };
        let mut start = 0;
        while let Some(nl) = memchr::memchr(b'\n', &data[start..]) {
            let end = start + nl;
            let mut line = &data[start..end];
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            // The fast UTF-8 check first; lossy decoding only for bad bytes.
            // A line of a block (the message after DATA, a POP3 body) goes
            // straight into the block, without a String of its own.
            let raw = self.raw_client && dir == Direction::ToServer;
            let half = match dir {
                Direction::ToServer => &mut self.to_server,
                Direction::ToClient => &mut self.to_client,
            };
            if half.mode == Mode::Block && !raw {
                let text = crate::lossy(line);
                half.block.push_str(&text);
                half.block.push_str("\r\n");
                half.block_lines += 1;
                if text == "." {
                    half.mode = Mode::Lines;
                    out.push(Piece::Payload {
                        text: std::mem::take(&mut half.block),
                        lines: half.block_lines,
                    });
                    half.block_lines = 0;
                }
                start = end + 1;
                continue;
            }
            let text = match std::str::from_utf8(line) {
                Ok(t) => t.to_owned(),
                Err(_) => String::from_utf8_lossy(line).into_owned(),
            };
            start = end + 1;
            self.on_line(dir, text, out);
        }
        let rest = &data[start..];
        let keep = if rest.is_empty() {
            Vec::new()
        } else if pending.is_empty() {
            rest.to_vec()
        } else {
            pending.drain(..start);
            pending
        };
        let half = match dir {
            Direction::ToServer => &mut self.to_server,
            Direction::ToClient => &mut self.to_client,
        };
        half.buf = keep;
    }

    fn on_line(&mut self, dir: Direction, text: String, out: &mut Vec<Piece>) {
        let raw = self.raw_client && dir == Direction::ToServer;
        let half = match dir {
            Direction::ToServer => &mut self.to_server,
            Direction::ToClient => &mut self.to_client,
        };
        if half.mode == Mode::Block {
            let end = text == ".";
            if raw {
                out.push(Piece::Line {
                    text,
                    parsed: Some(Parsed::Data),
                });
            } else {
                half.block.push_str(&text);
                half.block.push_str("\r\n");
                half.block_lines += 1;
            }
            if end {
                half.mode = Mode::Lines;
                if !raw {
                    out.push(Piece::Payload {
                        text: std::mem::take(&mut half.block),
                        lines: half.block_lines,
                    });
                }
                half.block_lines = 0;
            }
            return;
        }
        let parsed = match (self.protocol, dir) {
            (_, Direction::ToServer) => {
                let (verb, arg) = text.split_once(' ').unwrap_or((&text, ""));
                let verb = verb.to_ascii_uppercase();
                if self.protocol == Protocol::Pop3 {
                    self.pop3_pending
                        .push_back((verb.clone(), !arg.trim().is_empty()));
                }
                Some(Parsed::Command {
                    verb,
                    arg: arg.to_string(),
                })
            }
            (Protocol::Smtp, Direction::ToClient) => {
                let p = parse_smtp_reply(&text);
                if let Some(Parsed::Reply { code: 354, .. }) = p {
                    self.to_server.mode = Mode::Block;
                }
                p
            }
            (Protocol::Pop3, Direction::ToClient) => {
                let ok = text.starts_with("+OK");
                let greeting = !std::mem::replace(&mut self.greeted, true);
                if !greeting && !text.starts_with("+ ") {
                    if let Some((verb, has_arg)) = self.pop3_pending.pop_front() {
                        let multi = match verb.as_str() {
                            "CAPA" | "RETR" | "TOP" => true,
                            "LIST" | "UIDL" => !has_arg,
                            _ => false,
                        };
                        if ok && multi {
                            self.to_client.mode = Mode::Block;
                        }
                    }
                }
                (ok || text.starts_with("-ERR")).then_some(Parsed::Status { ok })
            }
            (Protocol::Dns, _) => None,
        };
        out.push(Piece::Line { text, parsed });
    }
}

/// `250-mail.dave.example`, `550 5.1.1 <x>: no such user`.
pub fn parse_smtp_reply(text: &str) -> Option<Parsed> {
    let b = text.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    // By hand, not with `split`: every reply line of every session comes here.
    let code = b[..3]
        .iter()
        .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    let more = b.get(3) == Some(&b'-');
    let rest = text.get(4..).unwrap_or("");
    let first = &rest[..memchr::memchr(b' ', rest.as_bytes()).unwrap_or(rest.len())];
    // Three non-empty runs of digits separated by dots, the first the class.
    let (mut parts, mut digits) = (0, 0);
    let mut ok = true;
    for &c in first.as_bytes() {
        if c == b'.' {
            ok &= digits > 0;
            parts += 1;
            digits = 0;
        } else if c.is_ascii_digit() {
            digits += 1;
        } else {
            ok = false;
            break;
        }
    }
    let is_esc = ok && digits > 0 && parts == 2 && first.as_bytes()[0] == b[0];
    Some(Parsed::Reply {
        code,
        enhanced: is_esc.then(|| first.to_string()),
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &[Piece]) -> Vec<String> {
        p.iter()
            .map(|p| match p {
                Piece::Line { text, .. } => format!("L {text}"),
                Piece::Payload { text, lines } => format!("P{lines} {text}"),
            })
            .collect()
    }

    #[test]
    fn smtp_data_becomes_one_payload_after_354() {
        let mut s = Splitter::new(Protocol::Smtp, false);
        assert_eq!(texts(&s.feed(Direction::ToServer, b"DATA\r\n")), ["L DATA"]);
        let r = s.feed(
            Direction::ToClient,
            b"354 End data with <CR><LF>.<CR><LF>\r\n",
        );
        assert!(matches!(
            &r[0],
            Piece::Line {
                parsed: Some(Parsed::Reply { code: 354, .. }),
                ..
            }
        ));
        assert!(s
            .feed(Direction::ToServer, b"Subject: x\r\n\r\nhel")
            .is_empty());
        let p = s.feed(Direction::ToServer, b"lo\r\n.\r\nQUIT\r\n");
        assert_eq!(texts(&p), ["P4 Subject: x\r\n\r\nhello\r\n.\r\n", "L QUIT"]);
    }

    #[test]
    fn a_rejected_data_command_does_not_swallow_later_lines() {
        let mut s = Splitter::new(Protocol::Smtp, false);
        s.feed(Direction::ToServer, b"DATA\r\n");
        s.feed(Direction::ToClient, b"554 5.5.1 No valid recipients\r\n");
        assert_eq!(texts(&s.feed(Direction::ToServer, b"QUIT\r\n")), ["L QUIT"]);
    }

    #[test]
    fn pop3_multiline_bodies_are_payloads() {
        let mut s = Splitter::new(Protocol::Pop3, false);
        s.feed(Direction::ToClient, b"+OK POP3 ready\r\n");
        s.feed(Direction::ToServer, b"LIST 1\r\nRETR 1\r\n");
        let r = s.feed(
            Direction::ToClient,
            b"+OK 1 120\r\n+OK 120 octets\r\nSubject: x\r\n\r\n..dot\r\n.\r\n",
        );
        assert_eq!(
            texts(&r),
            [
                "L +OK 1 120",
                "L +OK 120 octets",
                "P4 Subject: x\r\n\r\n..dot\r\n.\r\n"
            ]
        );
        s.feed(Direction::ToServer, b"RETR 9\r\n");
        assert_eq!(
            texts(&s.feed(Direction::ToClient, b"-ERR no such message\r\n")),
            ["L -ERR no such message"]
        );
    }

    #[test]
    fn reply_lines_are_parsed() {
        assert_eq!(
            parse_smtp_reply("550 5.1.1 <x@y>: no"),
            Some(Parsed::Reply {
                code: 550,
                enhanced: Some("5.1.1".into()),
                more: false
            })
        );
        assert_eq!(
            parse_smtp_reply("250-PIPELINING"),
            Some(Parsed::Reply {
                code: 250,
                enhanced: None,
                more: true
            })
        );
        assert_eq!(parse_smtp_reply("hello"), None);
    }
}
