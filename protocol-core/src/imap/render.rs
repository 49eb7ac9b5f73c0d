//! What FETCH and SEARCH see of a message (RFC 9051 §6.4.4 SEARCH keys,
//! §6.4.5 FETCH items, §7.5.2 ENVELOPE and BODYSTRUCTURE; RFC 5322 header
//! fields; RFC 2045 Content-Type).
//!
//! Implements: the header and text sections (`BODY[HEADER]` ends with the
//! blank line, §6.4.5), `HEADER.FIELDS` / `.NOT`, part 1 of a single-part
//! message (its body) and `1.MIME`, partials, ENVELOPE with addresses split
//! into name, mailbox and host (sender and reply-to default to from, as
//! §7.5.2 says), and BODYSTRUCTURE / BODY of a single-part message.
//!
//! Deliberate differences: a multipart message is described as a single
//! part of its declared type (no nested structure), and encoded words
//! (RFC 2047) stay encoded, as IMAP sends them anyway.

use super::command::{Section, SectionText};

/// `(header with its blank line, text)`; a message without a blank line is
/// all header.
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    if let Some(i) = memchr::memmem::find(data, b"\r\n\r\n") {
        return data.split_at(i + 4);
    }
    if let Some(i) = memchr::memmem::find(data, b"\n\n") {
        return data.split_at(i + 2);
    }
    (data, &[])
}

/// The header's fields as `(name, whole field with folded lines and CRLF)`.
fn fields(header: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out: Vec<(&[u8], &[u8])> = Vec::new();
    let mut start = 0;
    let lines: Vec<usize> = memchr::memchr_iter(b'\n', header).collect();
    let mut prev = 0;
    for &lf in &lines {
        let line = &header[prev..=lf];
        let folded = matches!(line.first(), Some(b' ') | Some(b'\t'));
        if !folded && prev > start {
            push_field(&mut out, &header[start..prev]);
            start = prev;
        }
        prev = lf + 1;
    }
    if prev > start {
        push_field(&mut out, &header[start..prev]);
    }
    out
}

fn push_field<'a>(out: &mut Vec<(&'a [u8], &'a [u8])>, field: &'a [u8]) {
    if field == b"\r\n" || field == b"\n" {
        return;
    }
    if let Some(colon) = field.iter().position(|&b| b == b':') {
        out.push((&field[..colon], field));
    }
}

/// The value of the first field called `name`, unfolded and trimmed.
pub fn header_value(header: &[u8], name: &str) -> Option<String> {
    fields(header)
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
        .map(|(n, f)| {
            let v = String::from_utf8_lossy(&f[n.len() + 1..]);
            v.replace("\r\n", "").replace('\n', "").trim().to_string()
        })
}

/// The bytes of a section, or `None` when the message has no such part
/// (answered with NIL).
pub fn section<'a>(data: &'a [u8], s: &Section) -> Option<std::borrow::Cow<'a, [u8]>> {
    use std::borrow::Cow;
    let (header, text) = split(data);
    match s.part.as_slice() {
        [] | [1] => {}
        _ => return None,
    }
    let whole_part = s.part == [1];
    Some(match &s.text {
        None if whole_part => Cow::Borrowed(text),
        None => Cow::Borrowed(data),
        Some(SectionText::Text) if !whole_part => Cow::Borrowed(text),
        Some(SectionText::Header) if !whole_part => Cow::Borrowed(header),
        Some(SectionText::HeaderFields(names)) if !whole_part => {
            Cow::Owned(filter_fields(header, names, true))
        }
        Some(SectionText::HeaderFieldsNot(names)) if !whole_part => {
            Cow::Owned(filter_fields(header, names, false))
        }
        Some(SectionText::Mime) => {
            let names = ["CONTENT-TYPE", "CONTENT-TRANSFER-ENCODING"].map(String::from);
            Cow::Owned(filter_fields(header, &names, true))
        }
        // 1.HEADER and 1.TEXT exist only for a message/rfc822 part.
        Some(_) => return None,
    })
}

fn filter_fields(header: &[u8], names: &[String], keep: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (n, f) in fields(header) {
        let listed = names.iter().any(|x| n.eq_ignore_ascii_case(x.as_bytes()));
        if listed == keep {
            out.extend_from_slice(f);
        }
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// `NIL`, a quoted string, or a literal (§4.3-§4.5).
pub fn nstring(out: &mut Vec<u8>, s: Option<&[u8]>) {
    match s {
        None => out.extend_from_slice(b"NIL"),
        Some(s) if s.len() < 1024 && s.iter().all(|&b| (0x20..0x7f).contains(&b)) => {
            out.push(b'"');
            for &b in s {
                if b == b'"' || b == b'\\' {
                    out.push(b'\\');
                }
                out.push(b);
            }
            out.push(b'"');
        }
        Some(s) => literal(out, s),
    }
}

pub fn literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'{');
    out.extend_from_slice(s.len().to_string().as_bytes());
    out.extend_from_slice(b"}\r\n");
    out.extend_from_slice(s);
}

/// Splits `a, "B, C" <b@c>` at the commas outside quotes and brackets.
fn split_addresses(v: &str) -> Vec<&str> {
    let (mut out, mut depth, mut quoted, mut start) = (Vec::new(), 0i32, false, 0);
    for (i, c) in v.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' | '(' if !quoted => depth += 1,
            '>' | ')' if !quoted => depth -= 1,
            ',' if !quoted && depth <= 0 => {
                out.push(&v[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&v[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `((name NIL mailbox host) ...)` or NIL (§7.5.2 `address`).
fn addresses(out: &mut Vec<u8>, value: Option<&str>) {
    let list = value.map(split_addresses).unwrap_or_default();
    if list.is_empty() {
        out.extend_from_slice(b"NIL");
        return;
    }
    out.push(b'(');
    for a in list {
        let (name, spec) = match (a.rfind('<'), a.rfind('>')) {
            (Some(l), Some(r)) if l < r => (a[..l].trim().trim_matches('"').trim(), &a[l + 1..r]),
            _ => ("", a),
        };
        let (mailbox, host) = spec.rsplit_once('@').unwrap_or((spec, ""));
        out.push(b'(');
        nstring(out, (!name.is_empty()).then_some(name.as_bytes()));
        out.extend_from_slice(b" NIL ");
        nstring(out, Some(mailbox.as_bytes()));
        out.push(b' ');
        nstring(out, (!host.is_empty()).then_some(host.as_bytes()));
        out.push(b')');
    }
    out.push(b')');
}

/// ENVELOPE (§7.5.2): date, subject, from, sender, reply-to, to, cc, bcc,
/// in-reply-to, message-id.
pub fn envelope(out: &mut Vec<u8>, data: &[u8]) {
    let (header, _) = split(data);
    let h = |n: &str| header_value(header, n);
    let from = h("From");
    out.push(b'(');
    nstring(out, h("Date").as_deref().map(str::as_bytes));
    out.push(b' ');
    nstring(out, h("Subject").as_deref().map(str::as_bytes));
    for (name, fallback) in [
        ("From", None),
        ("Sender", from.as_deref()),
        ("Reply-To", from.as_deref()),
        ("To", None),
        ("Cc", None),
        ("Bcc", None),
    ] {
        out.push(b' ');
        let v = h(name);
        addresses(out, v.as_deref().or(fallback));
    }
    out.push(b' ');
    nstring(out, h("In-Reply-To").as_deref().map(str::as_bytes));
    out.push(b' ');
    nstring(out, h("Message-ID").as_deref().map(str::as_bytes));
    out.push(b')');
}

/// BODYSTRUCTURE (with `extension`) or BODY of a single-part message.
pub fn body_structure(out: &mut Vec<u8>, data: &[u8], extension: bool) {
    let (header, text) = split(data);
    let ctype = header_value(header, "Content-Type").unwrap_or_else(|| "text/plain".into());
    let mut parts = ctype.split(';');
    let mime = parts.next().unwrap_or("text/plain").trim();
    let (ty, sub) = mime.split_once('/').unwrap_or(("text", "plain"));
    let (ty, sub) = (
        ty.trim().to_ascii_uppercase(),
        sub.trim().to_ascii_uppercase(),
    );
    let mut params: Vec<(String, String)> = parts
        .filter_map(|p| p.split_once('='))
        .map(|(a, v)| {
            (
                a.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            )
        })
        .collect();
    if ty == "TEXT" && !params.iter().any(|p| p.0 == "CHARSET") {
        params.push(("CHARSET".into(), "US-ASCII".into()));
    }
    let encoding = header_value(header, "Content-Transfer-Encoding")
        .unwrap_or_else(|| "7BIT".into())
        .to_ascii_uppercase();
    out.push(b'(');
    nstring(out, Some(ty.as_bytes()));
    out.push(b' ');
    nstring(out, Some(sub.as_bytes()));
    out.push(b' ');
    if params.is_empty() {
        out.extend_from_slice(b"NIL");
    } else {
        out.push(b'(');
        for (i, (a, v)) in params.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            nstring(out, Some(a.as_bytes()));
            out.push(b' ');
            nstring(out, Some(v.as_bytes()));
        }
        out.push(b')');
    }
    out.extend_from_slice(b" NIL NIL ");
    nstring(out, Some(encoding.as_bytes()));
    out.extend_from_slice(format!(" {}", text.len()).as_bytes());
    if ty == "TEXT" {
        let lines = memchr::memchr_iter(b'\n', text).count();
        out.extend_from_slice(format!(" {lines}").as_bytes());
    }
    if extension {
        out.extend_from_slice(b" NIL NIL NIL NIL");
    }
    out.push(b')');
}

/// Case-insensitive substring search (ASCII case folding, as most servers).
pub fn contains_ci(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    n.is_empty() || hay.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &[u8] = b"From: John <john@isp.example>\r\nTo: dave@dave.example\r\nSubject: Hi\r\n  there\r\n\r\nHello\r\nDave\r\n";

    #[test]
    fn header_text_and_fields() {
        let (h, t) = split(M);
        assert!(h.ends_with(b"\r\n\r\n"));
        assert_eq!(t, b"Hello\r\nDave\r\n");
        assert_eq!(header_value(h, "subject").unwrap(), "Hi  there");
        let s = Section {
            part: vec![],
            text: Some(SectionText::HeaderFields(vec!["SUBJECT".into()])),
        };
        assert_eq!(&*section(M, &s).unwrap(), b"Subject: Hi\r\n  there\r\n\r\n");
    }

    #[test]
    fn envelope_and_structure() {
        let mut out = Vec::new();
        envelope(&mut out, M);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "(NIL \"Hi  there\" ((\"John\" NIL \"john\" \"isp.example\")) ((\"John\" NIL \"john\" \"isp.example\")) ((\"John\" NIL \"john\" \"isp.example\")) ((NIL NIL \"dave\" \"dave.example\")) NIL NIL NIL NIL)"
        );
        let mut out = Vec::new();
        body_structure(&mut out, M, true);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 13 2 NIL NIL NIL NIL)"
        );
    }
}
