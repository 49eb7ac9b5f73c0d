//! A spam filter's rules: a few simple, visible tests, each worth some
//! points, added up to a score; from [`SpamRules::required`] points on
//! the message counts as spam. The filter states every test that matched
//! in an `X-Spam-Status:` header (and adds `X-Spam-Flag: YES` to spam), as
//! SpamAssassin does, so that the mail program (and the reader) can see
//! why.
//!
//! The tests and their points (fixed; the words and the threshold come
//! from the scenario's `[host.spam]`):
//!
//! | test | points | when |
//! |---|---|---|
//! | `KEYWORD_<WORD>` | 2 | one of the filter's words is in the Subject or the body (whole words; A-Z and a-z count as the same) |
//! | `SPF_FAIL` / `SPF_SOFTFAIL` | 2 / 1 | the filter's own SPF check (RFC 7208 §8.4, §8.5) |
//! | `DKIM_FAIL` | 2 | a DKIM signature did not verify (RFC 6376 §6.1) |
//! | `DMARC_FAIL` | 3 | DMARC failed and the domain's policy let it through (RFC 7489 §6.6.4) |
//! | `MISSING_DATE` | 1 | no `Date:` (RFC 5322 §3.6: every message must have one) |
//! | `MISSING_MID` | 1 | no `Message-ID:` (RFC 5322 §3.6.4: it should have one) |
//!
//! Where this simplifies: a real filter (SpamAssassin, Rspamd) runs
//! hundreds of tests with scores tuned on large collections of real mail,
//! in fractions of a point, asks blocklists in DNS about the sender's
//! address, and learns from the mail its users mark as spam (Bayesian
//! filtering). The threshold of 5 is SpamAssassin's default
//! `required_score`; the header's layout follows SpamAssassin's
//! `X-Spam-Status: Yes, score=... required=... tests=...`. These headers
//! are a convention, not an RFC.

#![cfg_attr(not(feature = "auth"), allow(dead_code))]

use crate::mta;

/// SpamAssassin's default `required_score`.
pub const DEFAULT_REQUIRED: u32 = 5;

/// What a filter looks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpamRules {
    /// Words that score [`KEYWORD_POINTS`] each.
    pub keywords: Vec<String>,
    /// From this score on, the message is spam.
    pub required: u32,
}

/// Points of one keyword found.
pub const KEYWORD_POINTS: u32 = 2;

/// One test that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    /// The test's name, as `X-Spam-Status` lists it (`KEYWORD_LOTTERY`).
    pub test: String,
    pub points: u32,
    /// In plain words, for the trace.
    pub why: String,
    /// Its explanation key.
    pub key: &'static str,
}

/// What the filter found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpamReport {
    pub signals: Vec<Signal>,
    pub score: u32,
    pub required: u32,
}

impl SpamReport {
    pub fn is_spam(&self) -> bool {
        self.score >= self.required
    }

    /// The value of the `X-Spam-Status:` header:
    /// `Yes, score=6 required=5 tests=KEYWORD_LOTTERY,KEYWORD_WINNER`.
    pub fn status(&self) -> String {
        let tests: Vec<&str> = self.signals.iter().map(|s| s.test.as_str()).collect();
        format!(
            "{}, score={} required={} tests={}",
            if self.is_spam() { "Yes" } else { "No" },
            self.score,
            self.required,
            if tests.is_empty() {
                "none".to_string()
            } else {
                tests.join(",")
            }
        )
    }
}

/// Scores a message. `auth_results` is the value of the
/// `Authentication-Results:` header the filter wrote itself, if it checked
/// the sender (a header that came with the message could be forged, so
/// only the filter's own counts).
pub fn score(rules: &SpamRules, data: &[u8], auth_results: Option<&str>) -> SpamReport {
    let mut signals = Vec::new();
    let mut text = mta::header_value(data, "Subject").unwrap_or_default();
    text.push('\n');
    text.push_str(&crate::lossy(body_of(data)));
    // ASCII case only: Unicode's case tables would cost the web page
    // several KB (a real filter folds every script's case).
    let text = text.to_ascii_lowercase();
    for word in &rules.keywords {
        let w = word.trim().to_ascii_lowercase();
        if !w.is_empty() && has_word(&text, &w) {
            let name: String = w
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            signals.push(Signal {
                test: format!("KEYWORD_{name}"),
                points: KEYWORD_POINTS,
                why: format!("the word \"{w}\" is in the subject or the text"),
                key: "spam.signal.keyword",
            });
        }
    }
    if let Some(ar) = auth_results {
        for (method, result) in results(ar) {
            let (test, points, key) = match (method, result) {
                ("spf", "fail") => ("SPF_FAIL", 2, "spam.signal.spf"),
                ("spf", "softfail") => ("SPF_SOFTFAIL", 1, "spam.signal.spf"),
                ("dkim", "fail") => ("DKIM_FAIL", 2, "spam.signal.dkim"),
                ("dmarc", "fail") => ("DMARC_FAIL", 3, "spam.signal.dmarc"),
                _ => continue,
            };
            if signals.iter().any(|s: &Signal| s.test == test) {
                continue;
            }
            signals.push(Signal {
                test: test.to_string(),
                points,
                why: format!("the filter's own check says {method}={result}"),
                key,
            });
        }
    }
    if mta::header_value(data, "Date").is_none() {
        signals.push(Signal {
            test: "MISSING_DATE".into(),
            points: 1,
            why: "the message has no Date: line".into(),
            key: "spam.signal.no-date",
        });
    }
    if mta::header_value(data, "Message-ID").is_none() {
        signals.push(Signal {
            test: "MISSING_MID".into(),
            points: 1,
            why: "the message has no Message-ID: line".into(),
            key: "spam.signal.no-message-id",
        });
    }
    let score = signals.iter().map(|s| s.points).sum();
    SpamReport {
        signals,
        score,
        required: rules.required,
    }
}

/// The body: what follows the first empty line.
fn body_of(data: &[u8]) -> &[u8] {
    let head = mta::header_section(data).len();
    let rest = &data[head.min(data.len())..];
    // `header_section` stops before the empty line; skip it.
    let skip = if rest.starts_with(b"\r\n") {
        2
    } else {
        usize::from(rest.starts_with(b"\n"))
    };
    &rest[skip..]
}

/// Whether `word` is in `text` as a whole word (not inside a longer one).
fn has_word(text: &str, word: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let end = at + word.len();
        if !is_word(text[..at].chars().next_back()) && !is_word(text[end..].chars().next()) {
            return true;
        }
        from = at + word.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The `method=result` pairs of an `Authentication-Results:` value (RFC
/// 8601 §2.2), after its authserv-id.
fn results(value: &str) -> impl Iterator<Item = (&str, &str)> {
    value.split(';').skip(1).filter_map(|part| {
        let first = part.split_whitespace().next()?;
        first.split_once('=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SpamRules {
        SpamRules {
            keywords: vec!["lottery".into(), "winner".into(), "free money".into()],
            required: DEFAULT_REQUIRED,
        }
    }

    const CLEAN: &[u8] = b"From: John <john@isp.example>\r\nSubject: Lunch\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@isp.example>\r\n\r\nHi Dave, lottery-free text? No: lotteryX.\r\n";

    #[test]
    fn a_clean_message_scores_nothing() {
        let r = score(
            &rules(),
            b"Subject: Lunch\r\nDate: x\r\nMessage-ID: <a@b>\r\n\r\nshall we have lunch?\r\n",
            Some("mx; spf=pass smtp.mailfrom=a@b; dkim=pass header.d=b; dmarc=pass header.from=b"),
        );
        assert_eq!(r.score, 0);
        assert!(!r.is_spam());
        assert_eq!(r.status(), "No, score=0 required=5 tests=none");
    }

    #[test]
    fn keywords_count_as_whole_words_only() {
        // "lottery-free" has the whole word lottery; "lotteryX" does not.
        let r = score(&rules(), CLEAN, None);
        assert_eq!(r.score, 2, "{r:?}");
        assert_eq!(r.signals[0].test, "KEYWORD_LOTTERY");
        let r = score(
            &rules(),
            b"Subject: You are a WINNER\r\nDate: x\r\nMessage-ID: <a@b>\r\n\r\nClaim your Free Money now\r\n",
            None,
        );
        assert_eq!(
            r.status(),
            "No, score=4 required=5 tests=KEYWORD_WINNER,KEYWORD_FREE_MONEY"
        );
    }

    #[test]
    fn the_filters_own_authentication_results_and_missing_headers_add_up() {
        let ar = "filter.dave.example;\r\n\tspf=fail smtp.mailfrom=john@isp.example;\r\n\tdkim=none;\r\n\tdmarc=fail (p=none dis=none) header.from=isp.example";
        let r = score(&rules(), b"Subject: hi\r\n\r\nhello\r\n", Some(ar));
        let tests: Vec<&str> = r.signals.iter().map(|s| s.test.as_str()).collect();
        assert_eq!(
            tests,
            ["SPF_FAIL", "DMARC_FAIL", "MISSING_DATE", "MISSING_MID"]
        );
        assert_eq!(r.score, 7);
        assert!(r.is_spam());
        assert!(r
            .status()
            .starts_with("Yes, score=7 required=5 tests=SPF_FAIL,"));
        let soft = "x; spf=softfail smtp.mailfrom=a@b; dkim=fail (body hash did not verify) header.d=b; dmarc=pass header.from=b";
        let r = score(&rules(), CLEAN, Some(soft));
        let tests: Vec<&str> = r.signals.iter().map(|s| s.test.as_str()).collect();
        assert_eq!(tests, ["KEYWORD_LOTTERY", "SPF_SOFTFAIL", "DKIM_FAIL"]);
        assert_eq!(r.score, 5);
        assert!(
            r.is_spam(),
            "5 of 5 is spam (SpamAssassin: score >= required)"
        );
    }
}
