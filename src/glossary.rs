//! The glossary (issue 12): words of the narration that a student may not
//! know (MX record, envelope, relay, bounce, ...) get a short definition on
//! hover, focus or tap. The words and definitions are messages of
//! `locales/<lang>/ui.ftl` (`glossary-<term>` is the word as the
//! explanation texts of that language write it, `glossary-<term>-def` its
//! definition), so they follow the language shown.

/// The terms, in the order they are looked for.
pub const TERMS: &[&str] = &[
    "mx",
    "envelope",
    "relay",
    "bounce",
    "queue",
    "greylisting",
    "pipelining",
    "nxdomain",
    "octet",
    "update",
    "spf",
    "dkim",
    "dmarc",
];

/// A piece of a text: plain, or the first use of a glossary term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Term { term: &'static str, word: String },
}

/// Splits `text` at the first use of each term, given each term's word in
/// the language shown (`word(term)`). Matching ignores ASCII case (but an
/// acronym matches in capitals only) and
/// starts only at the beginning of a word (so "relay" is found in
/// "relayed" but "mx" is not in "smx"); Chinese has no spaces, so a CJK word
/// matches anywhere. Each term is marked once, and marks never overlap.
pub fn pieces(text: &str, word: &dyn Fn(&str) -> Option<String>) -> Vec<Piece> {
    let folded = text.to_ascii_lowercase();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for &term in TERMS {
        let Some(w) = word(term).filter(|w| !w.trim().is_empty()) else {
            continue;
        };
        // An acronym (SPF, DKIM) matches in capitals only, so that the
        // `v=spf1` of a record is not taken for the word.
        let acronym =
            w.chars().any(|c| c.is_ascii_uppercase()) && !w.chars().any(|c| c.is_ascii_lowercase());
        let (lower, w) = if acronym {
            (text, w)
        } else {
            (folded.as_str(), w.to_ascii_lowercase())
        };
        let mut from = 0;
        while let Some(k) = lower[from..].find(&w) {
            let at = from + k;
            let starts_word = !w.starts_with(|c: char| c.is_ascii_alphanumeric())
                || !lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            let end = at + w.len();
            if starts_word && !found.iter().any(|&(a, b, _)| at < b && a < end) {
                found.push((at, end, term));
                break;
            }
            from = at + lower[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found.sort_by_key(|f| f.0);
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b, term) in found {
        if a > pos {
            out.push(Piece::Text(text[pos..a].to_string()));
        }
        out.push(Piece::Term {
            term,
            word: text[a..b].to_string(),
        });
        pos = b;
    }
    if pos < text.len() || out.is_empty() {
        out.push(Piece::Text(text[pos..].to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(term: &str) -> Option<String> {
        Some(
            match term {
                "mx" => "MX record",
                "relay" => "relay",
                "envelope" => "envelope",
                "octet" => "octet",
                _ => return None,
            }
            .to_string(),
        )
    }

    #[test]
    fn the_first_use_of_each_term_is_marked_once() {
        let p = pieces(
            "The MX record names the server; a relay relays by the envelope; another MX record.",
            &en,
        );
        assert_eq!(
            p,
            vec![
                Piece::Text("The ".into()),
                Piece::Term {
                    term: "mx",
                    word: "MX record".into()
                },
                Piece::Text(" names the server; a ".into()),
                Piece::Term {
                    term: "relay",
                    word: "relay".into()
                },
                Piece::Text(" relays by the ".into()),
                Piece::Term {
                    term: "envelope",
                    word: "envelope".into()
                },
                Piece::Text("; another MX record.".into()),
            ]
        );
        // Not inside a word: "octets" starts a word and is found, "mx" in
        // "smx" would not be.
        let p = pieces("size in octets", &en);
        assert_eq!(
            p[1],
            Piece::Term {
                term: "octet",
                word: "octet".into()
            }
        );
        assert_eq!(
            pieces("nothing here", &en),
            vec![Piece::Text("nothing here".into())]
        );
        // Chinese: no spaces, the word is found where it stands.
        let zh = |t: &str| (t == "envelope").then(|| "信封".to_string());
        let p = pieces("这是信封发件人", &zh);
        assert_eq!(
            p[1],
            Piece::Term {
                term: "envelope",
                word: "信封".into()
            }
        );
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn every_term_has_its_word_and_definition_in_english_and_is_used() {
        let en = protocol_core::i18n::Catalog::english();
        for &term in TERMS {
            let word = en
                .message(&format!("glossary-{term}"), &[])
                .unwrap_or_else(|| panic!("glossary-{term} in locales/en/ui.ftl"));
            assert!(
                en.message(&format!("glossary-{term}-def"), &[]).is_some(),
                "glossary-{term}-def in locales/en/ui.ftl"
            );
            // Reachable: some English explanation text uses the word.
            let w = word.to_ascii_lowercase();
            assert!(
                protocol_core::explain::all().any(|x| x.text.to_ascii_lowercase().contains(&w)),
                "no explanation uses {word:?}"
            );
        }
    }
}
