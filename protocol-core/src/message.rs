//! RFC 5322 messages: header fields and body, trace headers, dot-stuffing.
//!
//! Implements: RFC 5322 §2.1-2.2 (lines, header fields, folding), §3.3 date
//! format, §3.6 fields (as name/value pairs); RFC 5321 §4.4 trace fields
//! (`Received:` syntax, prepended on top) and §4.5.2 transparency
//! (dot-stuffing).
//!
//! Deliberate differences:
//! * `Message::parse` never fails: mail in the wild is messy and the
//!   simulator must show whatever a learner typed. A first line that is not
//!   a header field makes the whole text a body; a later non-header line ends
//!   the header section even without the blank line.
//! * Header values keep their folding (`\r\n\t...`) so printing gives back
//!   the same text; unfolding is the reader's job.
//! * Line endings are normalised to CRLF on output (RFC 5322 §2.1).

use crate::address::Mailbox;
use crate::time::SimTime;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::Ipv4Addr;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    /// The text after `name:` and its first space; folded continuation
    /// lines stay in it as `\r\n` followed by white space.
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub headers: Vec<Header>,
    /// Body lines joined by CRLF (without a final CRLF added by us).
    pub body: String,
}

/// A field name is 1*ftext, printable ASCII except ':' (RFC 5322 §3.6.8).
fn header_split(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b)) {
        return None;
    }
    let value = &line[colon + 1..];
    Some((name, value.strip_prefix(' ').unwrap_or(value)))
}

impl Message {
    pub fn new() -> Self {
        Message::default()
    }

    /// Parses a message; never fails (see the module header).
    pub fn parse(bytes: &[u8]) -> Message {
        let text = crate::lossy(bytes);
        let mut lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        // "a\r\n" splits into ["a", ""]: the last empty piece is not a line.
        if lines.last() == Some(&"") {
            lines.pop();
        }
        let mut headers: Vec<Header> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if line.is_empty() {
                i += 1; // the blank separator line
                break;
            }
            if line.starts_with([' ', '\t']) && !headers.is_empty() {
                let last = headers.last_mut().expect("checked non-empty");
                last.value.push_str("\r\n");
                last.value.push_str(line);
            } else if let Some((name, value)) = header_split(line) {
                headers.push(Header {
                    name: name.to_string(),
                    value: value.to_string(),
                });
            } else {
                break; // no blank line: the body starts here
            }
            i += 1;
        }
        Message {
            headers,
            body: lines[i..].join("\r\n"),
        }
    }

    /// The message with CRLF line endings and a final CRLF after a non-empty body.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    /// The first header named `name` (case-insensitive, RFC 5322 §1.2.2).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// Puts a header on top, where trace fields go (RFC 5321 §4.4).
    pub fn prepend_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.insert(
            0,
            Header {
                name: name.into(),
                value: value.into(),
            },
        );
    }

    pub fn push_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push(Header {
            name: name.into(),
            value: value.into(),
        });
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for h in &self.headers {
            write!(f, "{}: {}\r\n", h.name, h.value)?;
        }
        f.write_str("\r\n")?;
        if !self.body.is_empty() {
            f.write_str(&self.body)?;
            f.write_str("\r\n")?;
        }
        Ok(())
    }
}

/// Turns a message into the DATA payload (RFC 5321 §4.5.2): CRLF line
/// endings, a '.' doubled at the start of every line, a final CRLF, then the
/// terminator `.\r\n`.
pub fn dot_stuff(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 64 + 8);
    let mut at_line_start = true;
    let mut i = 0;
    while i < data.len() {
        if at_line_start && data[i] == b'.' {
            out.push(b'.');
        }
        // Copy the run up to the next line end in one go.
        match memchr::memchr2(b'\r', b'\n', &data[i..]) {
            Some(0) => {
                let crlf = data[i] == b'\r' && data.get(i + 1) == Some(&b'\n');
                out.extend_from_slice(b"\r\n");
                i += if crlf { 2 } else { 1 };
                at_line_start = true;
            }
            Some(p) => {
                out.extend_from_slice(&data[i..i + p]);
                i += p;
                at_line_start = false;
            }
            None => {
                out.extend_from_slice(&data[i..]);
                i = data.len();
                at_line_start = false;
            }
        }
    }
    if !at_line_start {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// The size of `data` with CRLF line ends and a final line end, i.e. of
/// `dot_unstuff` of [`dot_stuff`] without its `.\r\n`, counted without
/// building either (RFC 1870 SIZE).
pub fn crlf_size(data: &[u8]) -> usize {
    let mut size = 0;
    let mut i = 0;
    let mut at_line_start = true;
    while let Some(p) = memchr::memchr2(b'\r', b'\n', &data[i..]) {
        size += p + 2;
        let crlf = data[i + p] == b'\r' && data.get(i + p + 1) == Some(&b'\n');
        i += p + if crlf { 2 } else { 1 };
        at_line_start = true;
    }
    if i < data.len() {
        size += data.len() - i;
        at_line_start = false;
    }
    size + if at_line_start { 0 } else { 2 }
}

/// The inverse of [`dot_stuff`] for a payload without its final `.\r\n`:
/// removes the first '.' of every line that starts with one.
pub fn dot_unstuff(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut start = 0;
    while start < data.len() {
        let end = memchr::memchr(b'\n', &data[start..]).map_or(data.len(), |p| start + p + 1);
        let line = &data[start..end];
        out.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
        start = end;
    }
    out
}

/// The value of a `Received:` trace field (RFC 5321 §4.4 `Time-stamp-line`):
/// `from <helo> ([ip]) by <host> with <protocol> id <id> for <rcpt>; <date>`,
/// folded before `by` and `for` for readability.
pub fn received_header(
    from_helo: &str,
    from_ip: Ipv4Addr,
    by_host: &str,
    with: &str,
    id: &str,
    for_rcpt: Option<&Mailbox>,
    date: &str,
) -> String {
    // Pushed piece by piece rather than with `format!`: one per message.
    let mut v = String::with_capacity(96 + from_helo.len() + by_host.len() + id.len() + date.len());
    for part in ["from ", from_helo, " (["] {
        v.push_str(part);
    }
    for (i, o) in from_ip.octets().into_iter().enumerate() {
        if i > 0 {
            v.push('.');
        }
        push_u64(&mut v, u64::from(o));
    }
    for part in ["])\r\n\tby ", by_host, " with ", with, " id ", id] {
        v.push_str(part);
    }
    if let Some(r) = for_rcpt {
        v.push_str("\r\n\tfor <");
        r.write_to(&mut v);
        v.push('>');
    }
    v.push_str("; ");
    v.push_str(date);
    v
}

/// Appends `n` in decimal.
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).expect("digits"));
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Virtual time zero, 2026-11-23 09:00:00 UTC, in seconds since 1970.
const EPOCH_OF_SIM: i64 = 20_780 * 86_400 + 9 * 3_600;

/// The wall-clock time of virtual time zero, in seconds since 1970:
/// [`EPOCH_OF_SIM`], so that scenarios and their goldens always show the
/// same dates, unless [`set_sim_epoch`] moved it.
static EPOCH: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(EPOCH_OF_SIM);

/// Makes virtual time zero the given Unix time (seconds), for the whole
/// process: `mailsim serve`, whose virtual time follows real time, sets it
/// to the moment it starts, so that the dates of `Received:` and `Date:`
/// lines (and IMAP's and the DSNs') are the wall clock's (issue 12).
pub fn set_sim_epoch(unix_secs: i64) {
    EPOCH.store(unix_secs, std::sync::atomic::Ordering::Relaxed);
}

/// The Unix time (seconds) of virtual time zero.
pub fn sim_epoch() -> i64 {
    EPOCH.load(std::sync::atomic::Ordering::Relaxed)
}

/// The RFC 5322 §3.3 date of virtual time `t`; time zero is
/// "Mon, 23 Nov 2026 09:00:00 +0000" (or what [`set_sim_epoch`] made it).
/// Always in UTC (`+0000`).
pub fn rfc5322_date(t: SimTime) -> String {
    let secs = sim_epoch() + (t.as_micros() / 1_000_000) as i64;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday
    const MO: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // Pushed by hand (no `format!`): every message gets a date or two.
    let two = |out: &mut String, n: i64| {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    let mut out = String::with_capacity(32);
    out.push_str(WD[days.rem_euclid(7) as usize]);
    out.push_str(", ");
    two(&mut out, i64::from(d));
    out.push(' ');
    out.push_str(MO[(m - 1) as usize]);
    out.push(' ');
    if (0..10_000).contains(&y) {
        two(&mut out, y / 100);
        two(&mut out, y % 100);
    } else {
        out.push_str(&y.to_string());
    }
    out.push(' ');
    two(&mut out, sod / 3600);
    out.push(':');
    two(&mut out, sod / 60 % 60);
    out.push(':');
    two(&mut out, sod % 60);
    out.push_str(" +0000");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimDuration;

    #[test]
    fn dates() {
        assert_eq!(
            rfc5322_date(SimTime::ZERO),
            "Mon, 23 Nov 2026 09:00:00 +0000"
        );
        let t = SimTime::ZERO + SimDuration::from_secs(15 * 3600 + 61);
        assert_eq!(rfc5322_date(t), "Tue, 24 Nov 2026 00:01:01 +0000");
        let t = SimTime::ZERO + SimDuration::from_secs(98 * 86_400);
        assert_eq!(rfc5322_date(t), "Mon, 01 Mar 2027 09:00:00 +0000");
        let t = SimTime::ZERO + SimDuration::from_secs(463 * 86_400); // 2028 is a leap year
        assert_eq!(rfc5322_date(t), "Tue, 29 Feb 2028 09:00:00 +0000");
    }

    #[test]
    fn parses_headers_body_and_folding() {
        let m =
            Message::parse(b"Subject: hi\r\n there\r\nFrom: j@x.example\r\n\r\nbody\r\n.line\r\n");
        assert_eq!(m.header("subject"), Some("hi\r\n there"));
        assert_eq!(m.header("FROM"), Some("j@x.example"));
        assert_eq!(m.body, "body\r\n.line");
        assert_eq!(
            m.to_string(),
            "Subject: hi\r\n there\r\nFrom: j@x.example\r\n\r\nbody\r\n.line\r\n"
        );
    }

    #[test]
    fn lenient_parse() {
        let m = Message::parse(b"just text\nno headers");
        assert!(m.headers.is_empty());
        assert_eq!(m.body, "just text\r\nno headers");
        let m = Message::parse(b"Subject: only headers\n");
        assert_eq!(m.headers.len(), 1);
        assert_eq!(m.body, "");
        let mut m = Message::parse(b"");
        m.prepend_header("Received", "x");
        m.prepend_header("Received", "y");
        assert_eq!(m.headers_named("received").collect::<Vec<_>>(), ["y", "x"]);
    }

    #[test]
    fn dot_stuffing_round_trip() {
        let s = dot_stuff(b".hidden\nline\r\n..two\rlast");
        assert_eq!(s, b"..hidden\r\nline\r\n...two\r\nlast\r\n.\r\n");
        assert_eq!(
            dot_unstuff(&s[..s.len() - 3]),
            b".hidden\r\nline\r\n..two\r\nlast\r\n"
        );
        assert_eq!(dot_stuff(b""), b".\r\n");
    }

    #[test]
    fn crlf_size_matches_stuff_then_unstuff() {
        let cases: [&[u8]; 9] = [
            b"",
            b"a",
            b"a\n",
            b"\r",
            b"\r\n",
            b"\n\r",
            b".x\r\n..y\rz",
            b"\r\r\n\n.",
            b".hidden\nline\r\n..two\rlast",
        ];
        for c in cases {
            let s = dot_stuff(c);
            assert_eq!(crlf_size(c), dot_unstuff(&s[..s.len() - 3]).len(), "{c:?}");
        }
    }

    #[test]
    fn received_syntax() {
        let v = received_header(
            "john-pc.isp.example",
            Ipv4Addr::new(192, 0, 2, 10),
            "smtp.isp.example",
            "ESMTPA",
            "Q00001",
            Some(&Mailbox::new("dave", "dave.example")),
            "Mon, 23 Nov 2026 09:00:00 +0000",
        );
        assert_eq!(
            v,
            "from john-pc.isp.example ([192.0.2.10])\r\n\tby smtp.isp.example with ESMTPA id Q00001\r\n\tfor <dave@dave.example>; Mon, 23 Nov 2026 09:00:00 +0000"
        );
    }
}
