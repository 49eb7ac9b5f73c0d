//! RFC 2047 encoded-words, as John's mail program writes a subject with
//! letters outside ASCII ("=?UTF-8?B?...?="), and as the page reads them
//! back for the student. Header fields are ASCII on the wire (RFC 5322
//! §2.2); the body can carry 8-bit text under 8BITMIME, a header cannot.
//!
//! The core has no encoder of its own yet, so the compose form (John's
//! program) encodes before handing the subject to the scenario.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// At most 75 characters per encoded-word (RFC 2047 §2): "=?UTF-8?B?" and
/// "?=" leave 63 characters of base64, which carry 45 bytes (whole chars).
const WORD_BYTES: usize = 45;

/// `text` as it goes into a header: unchanged if ASCII, else as B-encoded
/// UTF-8 words separated by spaces (split only between characters).
pub fn encode(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut words: Vec<String> = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(word(&chunk));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(word(&chunk));
    }
    words.join(" ")
}

fn word(s: &str) -> String {
    format!("=?UTF-8?B?{}?=", STANDARD.encode(s.as_bytes()))
}

/// A header value with its encoded-words decoded (UTF-8, B or Q), or None
/// when there are none (or one cannot be read). Space between two
/// encoded-words is dropped, as RFC 2047 §6.2 says.
pub fn decode(value: &str) -> Option<String> {
    let mut out = String::new();
    let (mut any, mut prev_word, mut gap) = (false, false, "");
    for token in value.split(' ') {
        match decode_word(token) {
            Some(text) => {
                if !prev_word {
                    out.push_str(gap);
                }
                out.push_str(&text);
                (prev_word, any) = (true, true);
            }
            None => {
                out.push_str(gap);
                out.push_str(token);
                prev_word = false;
            }
        }
        gap = " ";
    }
    any.then_some(out)
}

fn decode_word(token: &str) -> Option<String> {
    let inner = token.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.splitn(3, '?');
    let (charset, enc, text) = (parts.next()?, parts.next()?, parts.next()?);
    if !charset.eq_ignore_ascii_case("utf-8") {
        return None;
    }
    let bytes = match enc {
        "B" | "b" => STANDARD.decode(text).ok()?,
        "Q" | "q" => {
            let mut v = Vec::new();
            let b = text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    b'_' => v.push(b' '),
                    b'=' if i + 2 < b.len() => {
                        let h = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
                        v.push(u8::from_str_radix(h, 16).ok()?);
                        i += 2;
                    }
                    c => v.push(c),
                }
                i += 1;
            }
            v
        }
        _ => return None,
    };
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_case_table() {
        let cases = [
            ("Lunch on Friday?", "Lunch on Friday?"),
            ("Grüße", "=?UTF-8?B?R3LDvMOfZQ==?="),
            ("🍕?", "=?UTF-8?B?8J+NlT8=?="),
        ];
        for (text, wire) in cases {
            assert_eq!(encode(text), wire, "{text}");
            assert!(encode(text).is_ascii());
            if text.is_ascii() {
                assert_eq!(decode(wire), None);
            } else {
                assert_eq!(decode(wire).as_deref(), Some(text));
            }
        }
    }

    #[test]
    fn long_subjects_split_into_words_of_at_most_75_characters() {
        let text = "Schöne Grüße aus München, und bis bald im Café über der Bäckerei 🍕🍕🍕";
        let wire = encode(text);
        for w in wire.split(' ') {
            assert!(w.len() <= 75, "{w}");
        }
        assert!(wire.split(' ').count() >= 2);
        assert_eq!(decode(&wire).as_deref(), Some(text));
        assert_eq!(
            decode("Re: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_Dave?= ok").as_deref(),
            Some("Re: Grüße Dave ok")
        );
    }
}
