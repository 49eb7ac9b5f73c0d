//! Cuts the byte stream of a connection into trace events: one event per
//! command or reply line, and one payload event for the message after DATA
//! or the body of a POP3 multi-line response (so an animation shows one
//! packet per message, not one per line). IMAP (RFC 9051 §2.2): the
//! server's bytes are cut into responses by the lengths its session
//! reported, each response's lines become line events and each literal
//! (`{n}` and the n octets after it, §4.3) a payload; a client's literal
//! (APPEND's message) is a payload too.

use super::trace::{Direction, Parsed, Protocol};
use crate::line::{Flow, Line, LineReceiver};
use std::collections::VecDeque;

/// A piece of the stream, ready to become a trace event. `key` is the
/// explanation the sending session chose (server replies, and the blocks
/// that follow them); `None` where only the line itself tells (commands).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Line {
        text: String,
        parsed: Option<Parsed>,
        key: Option<&'static str>,
    },
    Payload {
        text: String,
        lines: usize,
        key: Option<&'static str>,
    },
}

/// What the server session decided about one reply it sent, handed to the
/// splitter by the world before the reply's bytes. The trace's
/// [`Parsed::Reply`] and [`Parsed::Status`] are built from it, not read
/// back from the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyMeta {
    pub key: Option<&'static str>,
    /// SMTP: a key per line of the reply where lines differ (EHLO).
    pub line_keys: Vec<&'static str>,
    /// SMTP: the reply code, the enhanced status code (`5.1.1`) if sent,
    /// and how many lines the reply has.
    pub code: u16,
    pub enhanced: Option<crate::smtp::EnhancedCode>,
    pub lines: usize,
    /// POP3: `+OK` (false: `-ERR`).
    pub ok: bool,
    /// POP3: a multi-line body follows the status line (RFC 1939 §3).
    pub multi: bool,
    /// IMAP: the response's length in the server's bytes, literals included.
    pub len: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Mode {
    #[default]
    Lines,
    /// Collecting a block up to the lone `.` line.
    Block,
}

/// Longest line the trace keeps whole (a session's own cap is far lower;
/// this bounds what a console connection can make the world hold).
pub const WIRE_LINE_CAP: usize = 64 * 1024;

/// What the trace shows instead of a line over [`WIRE_LINE_CAP`].
const TOO_LONG: &str = "[a line of more than 64 KiB: not shown]";

/// The splitter for one direction of one connection.
#[derive(Clone, Debug, Default)]
struct Half {
    rx: LineReceiver,
    mode: Mode,
    block: String,
    block_lines: usize,
    block_key: Option<&'static str>,
    /// SMTP: a 334 came, so the next client line answers it.
    auth_answer_next: bool,
    /// The previous line of the block ended with CRLF (or the block just
    /// began): only then can a `.` line end it. The same rule as the SMTP
    /// server's (RFC 5321 §4.1.1.4: the end is CRLF.CRLF), so the trace
    /// and the server always agree on where the message ends.
    crlf_before: bool,
    /// IMAP: octets of a client's literal still to come into `block`.
    literal_left: usize,
    /// IMAP: bytes not yet cut (literals are counted in octets, not lines,
    /// so IMAP has its own cutter; every other protocol uses `rx`).
    buf: Vec<u8>,
}

/// Both directions of one connection, and what one tells about the other.
#[derive(Clone, Debug)]
pub struct Splitter {
    protocol: Protocol,
    /// Console connections show message lines one by one as they are typed.
    raw_client: bool,
    to_server: Half,
    to_client: Half,
    /// The server's replies not yet seen in its bytes, in order.
    replies: VecDeque<ReplyMeta>,
    /// Lines of the current SMTP reply seen so far.
    reply_line: usize,
}

impl Splitter {
    pub fn new(protocol: Protocol, raw_client: bool) -> Self {
        Splitter {
            protocol,
            raw_client,
            to_server: Half::default(),
            to_client: Half::default(),
            replies: VecDeque::new(),
            reply_line: 0,
        }
    }

    /// The server session sent a reply (SMTP: a whole reply, all its lines;
    /// POP3: one status line); its bytes follow in `feed`.
    pub fn expect_reply(&mut self, meta: ReplyMeta) {
        self.replies.push_back(meta);
    }

    /// Feeds bytes sent in `dir`; returns the complete pieces.
    pub fn feed(&mut self, dir: Direction, bytes: &[u8]) -> Vec<Piece> {
        let mut out = Vec::new();
        self.feed_into(dir, bytes, &mut out);
        out
    }

    fn half(&mut self, dir: Direction) -> &mut Half {
        match dir {
            Direction::ToServer => &mut self.to_server,
            Direction::ToClient => &mut self.to_client,
        }
    }

    /// [`Splitter::feed`] appending to `out`, so that a caller can reuse
    /// one buffer for every segment. Lines come from the same line
    /// receiver the sessions use ([`crate::line`]), capped at
    /// [`WIRE_LINE_CAP`]: a longer line is shown as a note, not kept.
    pub fn feed_into(&mut self, dir: Direction, bytes: &[u8], out: &mut Vec<Piece>) {
        if self.protocol == Protocol::Imap {
            return match dir {
                Direction::ToServer => self.feed_imap_client(bytes, out),
                Direction::ToClient => self.feed_imap_server(bytes, out),
            };
        }
        let mut rx = std::mem::take(&mut self.half(dir).rx);
        rx.feed(bytes, WIRE_LINE_CAP, |line| {
            match line {
                Line::Complete { text, crlf } => self.on_line(dir, text, crlf, out),
                Line::TooLong { crlf } => self.on_line(dir, TOO_LONG.as_bytes(), crlf, out),
            }
            Flow::Continue
        });
        self.half(dir).rx = rx;
    }

    fn on_line(&mut self, dir: Direction, line: &[u8], crlf: bool, out: &mut Vec<Piece>) {
        let raw = self.raw_client && dir == Direction::ToServer;
        let half = self.half(dir);
        if half.mode == Mode::Block {
            let end = line == b"." && crlf && half.crlf_before;
            half.crlf_before = crlf;
            if raw {
                let text = crate::lossy(line).into_owned();
                out.push(Piece::Line {
                    text,
                    parsed: Some(Parsed::Data),
                    key: half.block_key,
                });
            } else {
                // A line of a block goes straight into the block, without
                // a String of its own; lossy decoding only for bad bytes.
                half.block.push_str(&crate::lossy(line));
                half.block.push_str(if crlf { "\r\n" } else { "\n" });
                half.block_lines += 1;
            }
            if end {
                half.mode = Mode::Lines;
                if !raw {
                    out.push(Piece::Payload {
                        text: std::mem::take(&mut half.block),
                        lines: half.block_lines,
                        key: half.block_key,
                    });
                }
                half.block_lines = 0;
            }
            return;
        }
        let text = crate::lossy(line).into_owned();
        let mut key = None;
        let parsed = match (self.protocol, dir) {
            // The line answers a 334: part of a login, not a command.
            (Protocol::Smtp, Direction::ToServer)
                if std::mem::take(&mut self.to_server.auth_answer_next) =>
            {
                key = Some("smtp.auth.answer");
                Some(Parsed::AuthAnswer)
            }
            // Commands are read with the sessions' own grammar: the verb
            // and key the server will see.
            (Protocol::Smtp, Direction::ToServer) => {
                let (word, arg) = text.split_once(' ').unwrap_or((&text, ""));
                let verb = match crate::smtp::command::Command::parse(&text) {
                    Ok(c) => c.verb(),
                    Err(crate::smtp::command::CommandError::Syntax { verb, .. }) => verb,
                    Err(_) => "UNKNOWN",
                };
                key = Some(crate::smtp::command::verb_key(verb));
                let verb = if verb == "UNKNOWN" {
                    word.to_ascii_uppercase()
                } else {
                    verb.to_string()
                };
                let arg = arg.to_string();
                Some(Parsed::Command { verb, arg })
            }
            (_, Direction::ToServer) => {
                let (word, arg) = text.split_once(' ').unwrap_or((&text, ""));
                key = crate::pop3::command::keyword_key(word);
                Some(Parsed::Command {
                    verb: word.to_ascii_uppercase(),
                    arg: arg.to_string(),
                })
            }
            // What the session sent, as it said: its code, its enhanced
            // code, its line count (every server line has a meta).
            (Protocol::Smtp, Direction::ToClient) => {
                let p = self.replies.front().map(|m| Parsed::Reply {
                    code: m.code,
                    enhanced: m.enhanced.map(esc_text),
                    more: self.reply_line + 1 < m.lines,
                });
                if let Some(Parsed::Reply { code, more, .. }) = p {
                    key = self
                        .replies
                        .front()
                        .and_then(|m| m.line_keys.get(self.reply_line).copied().or(m.key));
                    self.reply_line += 1;
                    if !more {
                        self.replies.pop_front();
                        self.reply_line = 0;
                    }
                    if code == 334 && !more {
                        // RFC 4954 §4: the client's next line is its answer.
                        self.to_server.auth_answer_next = true;
                    }
                    if code == 354 {
                        // RFC 5321 §4.1.1.4: the message follows DATA's CRLF.
                        let h = &mut self.to_server;
                        h.mode = Mode::Block;
                        h.crlf_before = true;
                        h.block_key = Some("smtp.cmd.DATA");
                    }
                }
                p
            }
            // Outside a body every server line is a status line, with the
            // session's own meta (RFC 1939 §3).
            (Protocol::Pop3, Direction::ToClient) => self.replies.pop_front().map(|m| {
                key = m.key;
                if m.ok && m.multi {
                    let h = &mut self.to_client;
                    h.mode = Mode::Block;
                    h.crlf_before = true;
                    h.block_key = key;
                }
                Parsed::Status { ok: m.ok }
            }),
            (Protocol::Imap, Direction::ToClient) | (Protocol::Dns, _) => None,
        };
        out.push(Piece::Line { text, parsed, key });
    }

    /// IMAP, client to server: lines (a command's keyword after its tag,
    /// §2.2.1), and a literal's octets as one payload (§4.3).
    fn feed_imap_client(&mut self, bytes: &[u8], out: &mut Vec<Piece>) {
        let h = &mut self.to_server;
        h.buf.extend_from_slice(bytes);
        let mut start = 0;
        loop {
            if h.literal_left > 0 {
                let n = h.literal_left.min(h.buf.len() - start);
                h.block.push_str(&crate::lossy(&h.buf[start..start + n]));
                h.literal_left -= n;
                start += n;
                if h.literal_left > 0 {
                    break;
                }
                out.push(Piece::Payload {
                    lines: h.block.matches('\n').count(),
                    text: std::mem::take(&mut h.block),
                    key: h.block_key,
                });
                continue;
            }
            let Some(nl) = memchr::memchr(b'\n', &h.buf[start..]) else {
                break;
            };
            let mut line = &h.buf[start..start + nl];
            start += nl + 1;
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            if let Some((n, _)) = crate::imap::response::literal_size(line) {
                h.literal_left = n;
            }
            // The rest of a command after its literal may be empty.
            if line.is_empty() && h.block_key.is_some() {
                h.block_key = None;
                continue;
            }
            let text = crate::lossy(line).into_owned();
            let parsed = imap_command(&text);
            let key = parsed.as_ref().and_then(|p| match p {
                Parsed::Command { verb, .. } => crate::imap::command_key(verb),
                _ => None,
            });
            h.block_key = if h.literal_left > 0 { key } else { None };
            out.push(Piece::Line { text, parsed, key });
        }
        h.buf.drain(..start);
    }

    /// IMAP, server to client: whole responses, cut by the lengths the
    /// session reported ([`ReplyMeta::len`]), each with the session's key.
    fn feed_imap_server(&mut self, bytes: &[u8], out: &mut Vec<Piece>) {
        let h = &mut self.to_client;
        h.buf.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(meta) = self.replies.front() {
            if meta.len == 0 || h.buf.len() - start < meta.len {
                break;
            }
            let meta = self.replies.pop_front().expect("front");
            imap_response_pieces(&h.buf[start..start + meta.len], meta.key, out);
            start += meta.len;
        }
        // Bytes no response accounts for (none with the world's sessions):
        // shown line by line, without a key.
        if self.replies.is_empty() && start < h.buf.len() {
            if let Some(nl) = memchr::memrchr(b'\n', &h.buf[start..]) {
                imap_response_pieces(&h.buf[start..start + nl + 1], None, out);
                start += nl + 1;
            }
        }
        h.buf.drain(..start);
    }
}

/// An IMAP command line: `a1 UID FETCH 1:* (FLAGS)` is the command
/// `UID FETCH` with the argument `1:* (FLAGS)` (the tag stays in the
/// line's text). A line of one word (`DONE`, a SASL response) is itself.
fn imap_command(text: &str) -> Option<Parsed> {
    let mut words = text.splitn(3, ' ');
    let first = words.next().unwrap_or("");
    let Some(kw) = words.next() else {
        return Some(Parsed::Command {
            verb: first.to_ascii_uppercase(),
            arg: String::new(),
        });
    };
    let mut verb = kw.to_ascii_uppercase();
    let mut arg = words.next().unwrap_or("").to_string();
    if verb == "UID" {
        let (sub, rest) = arg.split_once(' ').unwrap_or((&arg, ""));
        verb = format!("UID {}", sub.to_ascii_uppercase());
        arg = rest.to_string();
    }
    Some(Parsed::Command { verb, arg })
}

/// One server response as trace pieces: its lines, and each literal as a
/// payload (`* 1 FETCH (BODY[] {342}`, the 342 octets, `)`).
fn imap_response_pieces(bytes: &[u8], key: Option<&'static str>, out: &mut Vec<Piece>) {
    let mut start = 0;
    while start < bytes.len() {
        let (mut line, next) = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(nl) => (&bytes[start..start + nl], start + nl + 1),
            None => (&bytes[start..], bytes.len()),
        };
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        start = next;
        out.push(Piece::Line {
            text: crate::lossy(line).into_owned(),
            parsed: None,
            key,
        });
        if let Some((n, _)) = crate::imap::response::literal_size(line) {
            let n = n.min(bytes.len() - start);
            let lit = &bytes[start..start + n];
            out.push(Piece::Payload {
                text: crate::lossy(lit).into_owned(),
                lines: memchr::memchr_iter(b'\n', lit).count(),
                key,
            });
            start += n;
        }
    }
}

/// `5.1.1`, pushed by hand: every reply line with a code comes here.
fn esc_text(e: crate::smtp::EnhancedCode) -> String {
    let mut s = String::with_capacity(8);
    crate::message::push_u64(&mut s, u64::from(e.0));
    s.push('.');
    crate::message::push_u64(&mut s, u64::from(e.1));
    s.push('.');
    crate::message::push_u64(&mut s, u64::from(e.2));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an SMTP server session says about a reply it sends.
    fn smtp(code: u16, enhanced: Option<&str>, lines: usize) -> ReplyMeta {
        ReplyMeta {
            code,
            enhanced: enhanced.map(|e| {
                let n: Vec<u16> = e.split('.').map(|x| x.parse().unwrap()).collect();
                crate::smtp::EnhancedCode(n[0] as u8, n[1], n[2])
            }),
            lines,
            ..Default::default()
        }
    }

    fn texts(p: &[Piece]) -> Vec<String> {
        p.iter()
            .map(|p| match p {
                Piece::Line { text, .. } => format!("L {text}"),
                Piece::Payload { text, lines, .. } => format!("P{lines} {text}"),
            })
            .collect()
    }

    #[test]
    fn smtp_data_becomes_one_payload_after_354() {
        let mut s = Splitter::new(Protocol::Smtp, false);
        assert_eq!(texts(&s.feed(Direction::ToServer, b"DATA\r\n")), ["L DATA"]);
        s.expect_reply(smtp(354, None, 1));
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
        s.expect_reply(smtp(554, Some("5.5.1"), 1));
        s.feed(Direction::ToClient, b"554 5.5.1 No valid recipients\r\n");
        assert_eq!(texts(&s.feed(Direction::ToServer, b"QUIT\r\n")), ["L QUIT"]);
    }

    #[test]
    fn pop3_multiline_bodies_are_payloads() {
        let mut s = Splitter::new(Protocol::Pop3, false);
        let meta = |key: &'static str, multi| ReplyMeta {
            key: Some(key),
            ok: !key.starts_with("pop3.err"),
            multi,
            ..Default::default()
        };
        s.expect_reply(meta("pop3.ok.greeting", false));
        s.feed(Direction::ToClient, b"+OK POP3 ready\r\n");
        s.feed(Direction::ToServer, b"LIST 1\r\nRETR 1\r\n");
        s.expect_reply(meta("pop3.ok.list", false));
        s.expect_reply(meta("pop3.ok.retr", true));
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
        // The body carries the key of the status line it follows.
        assert!(matches!(
            &r[2],
            Piece::Payload {
                key: Some("pop3.ok.retr"),
                ..
            }
        ));
        s.feed(Direction::ToServer, b"RETR 9\r\n");
        s.expect_reply(meta("pop3.err.no_such_message", false));
        assert_eq!(
            texts(&s.feed(Direction::ToClient, b"-ERR no such message\r\n")),
            ["L -ERR no such message"]
        );
    }

    #[test]
    fn smtp_reply_lines_carry_the_servers_key_for_every_line_of_the_reply() {
        let mut s = Splitter::new(Protocol::Smtp, false);
        s.expect_reply(ReplyMeta {
            key: Some("smtp.reply.250"),
            line_keys: vec!["smtp.cmd.EHLO", "smtp.ext.SIZE"],
            ..smtp(250, None, 2)
        });
        s.expect_reply(ReplyMeta {
            key: Some("smtp.error.relay_denied"),
            ..smtp(550, Some("5.7.1"), 1)
        });
        let r = s.feed(
            Direction::ToClient,
            b"250-mx\r\n250 SIZE 10\r\n550 5.7.1 <x@y>: Relaying denied\r\n",
        );
        let keys: Vec<_> = r
            .iter()
            .map(|p| match p {
                Piece::Line { key, .. } => *key,
                Piece::Payload { key, .. } => *key,
            })
            .collect();
        assert_eq!(
            keys,
            [
                Some("smtp.cmd.EHLO"),
                Some("smtp.ext.SIZE"),
                Some("smtp.error.relay_denied")
            ]
        );
    }

    /// The server ends DATA only at CRLF.CRLF (RFC 5321 §4.1.1.4); so does
    /// the trace, or it would show message text as commands (issue 16).
    #[test]
    fn a_dot_after_a_bare_lf_does_not_end_the_message() {
        let mut s = Splitter::new(Protocol::Smtp, false);
        s.feed(Direction::ToServer, b"DATA\r\n");
        s.expect_reply(smtp(354, None, 1));
        s.feed(Direction::ToClient, b"354 go ahead\r\n");
        let p = s.feed(Direction::ToServer, b"hello\n.\nMAIL FROM:<x@y>\r\n.\r\n");
        assert_eq!(texts(&p), ["P4 hello\n.\nMAIL FROM:<x@y>\r\n.\r\n"]);
        let p = s.feed(Direction::ToServer, b"QUIT\r\n");
        assert_eq!(texts(&p), ["L QUIT"]);
    }

    /// IMAP responses are cut by the lengths the session reported, with a
    /// literal as a payload between the lines around it; a client's
    /// literal (APPEND) is a payload too (RFC 9051 §4.3).
    #[test]
    fn imap_responses_and_literals_become_lines_and_payloads() {
        let mut s = Splitter::new(Protocol::Imap, false);
        let fetch = b"* 1 FETCH (UID 7 BODY[] {12}\r\nSubject: x\r\n)\r\n";
        let ok = b"a3 OK FETCH completed\r\n";
        s.expect_reply(ReplyMeta {
            key: Some("imap.data.fetch"),
            len: fetch.len(),
            ..Default::default()
        });
        s.expect_reply(ReplyMeta {
            key: Some("imap.ok.fetch"),
            len: ok.len(),
            ..Default::default()
        });
        let mut bytes = fetch.to_vec();
        bytes.extend_from_slice(ok);
        // In two pieces: nothing until a whole response is there.
        assert!(s.feed(Direction::ToClient, &bytes[..20]).is_empty());
        let r = s.feed(Direction::ToClient, &bytes[20..]);
        assert_eq!(
            texts(&r),
            [
                "L * 1 FETCH (UID 7 BODY[] {12}",
                "P1 Subject: x\r\n",
                "L )",
                "L a3 OK FETCH completed"
            ]
        );
        let keys: Vec<_> = r
            .iter()
            .map(|p| match p {
                Piece::Line { key, .. } | Piece::Payload { key, .. } => *key,
            })
            .collect();
        assert_eq!(
            keys,
            [
                Some("imap.data.fetch"),
                Some("imap.data.fetch"),
                Some("imap.data.fetch"),
                Some("imap.ok.fetch")
            ]
        );
        let c = s.feed(Direction::ToServer, b"a4 APPEND Sent {5}\r\n");
        assert!(matches!(
            &c[0],
            Piece::Line { parsed: Some(Parsed::Command { verb, arg }), .. }
                if verb == "APPEND" && arg == "Sent {5}"
        ));
        let c = s.feed(
            Direction::ToServer,
            b"hello\r\na5 UID FETCH 1:* (FLAGS)\r\n",
        );
        assert_eq!(texts(&c), ["P0 hello", "L a5 UID FETCH 1:* (FLAGS)"]);
        assert!(matches!(
            &c[0],
            Piece::Payload {
                key: Some("imap.cmd.APPEND"),
                ..
            }
        ));
        assert!(matches!(
            &c[1],
            Piece::Line { parsed: Some(Parsed::Command { verb, .. }), .. } if verb == "UID FETCH"
        ));
    }

    #[test]
    fn a_line_over_the_cap_is_a_note_and_is_not_kept() {
        let mut s = Splitter::new(Protocol::Smtp, true);
        let chunk = vec![b'A'; 8192];
        for _ in 0..64 {
            assert!(s.feed(Direction::ToServer, &chunk).is_empty());
        }
        assert!(s.to_server.rx.pending() <= WIRE_LINE_CAP);
        let p = s.feed(Direction::ToServer, b"\r\nNOOP\r\n");
        assert_eq!(texts(&p), [format!("L {TOO_LONG}"), "L NOOP".to_string()]);
    }

    /// The trace's reply lines say what the session sent (its code, its
    /// enhanced code, where the reply ends), not what the text looks like.
    #[test]
    fn reply_lines_carry_the_sessions_own_code() {
        let mut s = Splitter::new(Protocol::Smtp, false);
        s.expect_reply(smtp(250, None, 2));
        s.expect_reply(smtp(550, Some("5.1.1"), 1));
        let r = s.feed(
            Direction::ToClient,
            b"250-mx\r\n250 PIPELINING\r\n550 5.1.1 <x@y>: no\r\n",
        );
        let parsed: Vec<_> = r
            .iter()
            .map(|p| match p {
                Piece::Line { parsed, .. } => parsed.clone(),
                Piece::Payload { .. } => None,
            })
            .collect();
        let reply = |code, enhanced: Option<&str>, more| {
            Some(Parsed::Reply {
                code,
                enhanced: enhanced.map(str::to_string),
                more,
            })
        };
        assert_eq!(
            parsed,
            [
                reply(250, None, true),
                reply(250, None, false),
                reply(550, Some("5.1.1"), false)
            ]
        );
        // A line no session sent is shown, with nothing read into it.
        let r = s.feed(Direction::ToClient, b"550 looks like a reply\r\n");
        assert!(matches!(
            &r[0],
            Piece::Line {
                parsed: None,
                key: None,
                ..
            }
        ));
    }
}
