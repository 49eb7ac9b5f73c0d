//! One line receiver for every session and the world's wire: bytes in,
//! complete lines out, with a length cap, whatever the bytes' split.
//!
//! A line ends at LF; a CR before it is removed (and reported, for the
//! places where only CRLF counts: the end of SMTP's DATA, RFC 5321
//! §4.1.1.4). A line is too long when its octets, with its line ending
//! counted as CRLF, exceed the cap (RFC 5321 §4.5.3.1.4: 512 for an SMTP
//! command line; RFC 2449 §4: 255 for POP3). The bytes of a line that is
//! already too long are not kept: memory stays bounded however long the
//! line grows, and the line is reported once, when its LF arrives.

/// What the receiver found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A complete line without its line ending; `crlf` if it ended in CRLF.
    Complete { text: &'a [u8], crlf: bool },
    /// A line over the cap, now ended (its bytes were dropped); `crlf` if
    /// it ended in CRLF.
    TooLong { crlf: bool },
}

/// Whether the receiver should go on with the bytes after a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Stop after this line: the caller's mode changed (an SMTP session
    /// entering DATA reads the next bytes as message, not lines).
    Stop,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineReceiver {
    /// The start of a line whose LF has not come yet.
    buf: Vec<u8>,
    /// The line being received is over the cap: drop it until its LF.
    discarding: bool,
    /// The last byte dropped was a CR (while discarding).
    dropped_cr: bool,
}

impl LineReceiver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Octets of an unfinished line held now.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// Takes the unfinished line (the connection ended before its LF).
    pub fn take_pending(&mut self) -> Vec<u8> {
        self.discarding = false;
        std::mem::take(&mut self.buf)
    }

    /// Feeds `input`, calling `on` for each line it completes, with lines
    /// capped at `limit` octets. Returns how many bytes of `input` were
    /// used: all of them, unless `on` said [`Flow::Stop`] (then up to and
    /// including that line's LF).
    pub fn feed(
        &mut self,
        input: &[u8],
        limit: usize,
        mut on: impl FnMut(Line<'_>) -> Flow,
    ) -> usize {
        let mut used = 0;
        while used < input.len() {
            let rest = &input[used..];
            let Some(lf) = memchr::memchr(b'\n', rest) else {
                if !self.discarding && self.buf.len() + rest.len() > limit {
                    self.discarding = true;
                    self.buf = Vec::new();
                }
                if self.discarding {
                    self.dropped_cr = rest.last() == Some(&b'\r');
                } else {
                    self.buf.extend_from_slice(rest);
                }
                return input.len();
            };
            used += lf + 1;
            let flow = if std::mem::take(&mut self.discarding) {
                let crlf = if lf > 0 {
                    rest[lf - 1] == b'\r'
                } else {
                    self.dropped_cr
                };
                on(Line::TooLong { crlf })
            } else if self.buf.is_empty() {
                // The usual case: a whole line in the input, no copy.
                emit(&rest[..lf], limit, &mut on)
            } else {
                let mut line = std::mem::take(&mut self.buf);
                line.extend_from_slice(&rest[..lf]);
                let flow = emit(&line, limit, &mut on);
                line.clear();
                self.buf = line; // keep the capacity
                flow
            };
            if flow == Flow::Stop {
                return used;
            }
        }
        used
    }
}

fn emit(line: &[u8], limit: usize, on: &mut impl FnMut(Line<'_>) -> Flow) -> Flow {
    let (text, crlf) = match line.strip_suffix(b"\r") {
        Some(t) => (t, true),
        None => (line, false),
    };
    if text.len() + 2 > limit {
        on(Line::TooLong { crlf })
    } else {
        on(Line::Complete { text, crlf })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[&[u8]], limit: usize) -> Vec<String> {
        let mut r = LineReceiver::new();
        let mut out = Vec::new();
        for chunk in input {
            let used = r.feed(chunk, limit, |l| {
                out.push(match l {
                    Line::Complete { text, crlf } => {
                        format!(
                            "{}{}",
                            String::from_utf8_lossy(text),
                            if crlf { "+" } else { "" }
                        )
                    }
                    Line::TooLong { crlf } => format!("TOO LONG{}", if crlf { "+" } else { "" }),
                });
                Flow::Continue
            });
            assert_eq!(used, chunk.len());
        }
        out
    }

    #[test]
    fn lines_are_the_same_whatever_the_split() {
        let input = b"EHLO x\r\nMAIL FROM:<a@b>\nxxxxxxxxxxxxxxxxxxxxxxxx\r\nQUIT\r\n";
        let whole = lines(&[input], 20);
        assert_eq!(whole, ["EHLO x+", "MAIL FROM:<a@b>", "TOO LONG+", "QUIT+"]);
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(lines(&bytes, 20), whole);
        for n in 2..9 {
            let chunks: Vec<&[u8]> = input.chunks(n).collect();
            assert_eq!(lines(&chunks, 20), whole, "chunks of {n}");
        }
    }

    #[test]
    fn the_cap_counts_the_line_ending_as_crlf() {
        // 18 octets + CRLF = 20: fits a cap of 20; one more does not.
        assert_eq!(
            lines(&[b"aaaaaaaaaaaaaaaaaa\r\n"], 20),
            ["aaaaaaaaaaaaaaaaaa+"]
        );
        assert_eq!(
            lines(&[b"aaaaaaaaaaaaaaaaaa\n"], 20),
            ["aaaaaaaaaaaaaaaaaa"]
        );
        assert_eq!(lines(&[b"aaaaaaaaaaaaaaaaaaa\n"], 20), ["TOO LONG"]);
        let long = [b'a'; 30];
        assert_eq!(lines(&[&long[..], b"\r", b"\n"], 20), ["TOO LONG+"]);
    }

    #[test]
    fn an_endless_line_keeps_no_more_than_the_cap() {
        let mut r = LineReceiver::new();
        let chunk = vec![b'A'; 4096];
        for _ in 0..256 {
            r.feed(&chunk, 512, |_| panic!("no line ends"));
            assert!(r.pending() <= 512);
        }
        let mut got = Vec::new();
        r.feed(b"\r\nNOOP\r\n", 512, |l| {
            got.push(matches!(l, Line::TooLong { .. }));
            Flow::Continue
        });
        assert_eq!(got, [true, false]);
    }

    #[test]
    fn stop_leaves_the_rest_of_the_input_unread() {
        let mut r = LineReceiver::new();
        let input = b"DATA\r\nSubject: x\r\n";
        let used = r.feed(input, 512, |_| Flow::Stop);
        assert_eq!(&input[used..], b"Subject: x\r\n");
    }
}
