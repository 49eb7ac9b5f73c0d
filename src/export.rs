//! The files a teacher hands out, as text (tested natively): the transcript
//! of a story (times, `C:`/`S:` lines, narration), its sequence diagram as
//! a standalone SVG, and the telnet pane's sessions as a transcript. The
//! page only wraps them in a download.

use crate::state::{narration_text, seq_row, shown_rows};
use crate::story::Story;
use crate::telnet::{Console, LineKind};
use protocol_core::sim::render::describe;

/// A file name part from a story or subject: lowercase letters, digits and
/// dashes, never empty.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() {
        "mailsim".into()
    } else {
        out
    }
}

/// The whole story as text: a heading, then every event as
/// `0:00:01.250  john-pc -> smtp  SMTP  C: EHLO john-pc.isp.example`,
/// each followed by its narration (what the page says at that step).
pub fn transcript(s: &Story) -> String {
    use protocol_core::explain::Arg;
    let name = |h: &str| s.host_name(h);
    // In the language shown: the heading, the narration and the summaries
    // (the lines on the wire stay as they went).
    let words = crate::i18n::catalog();
    let (title, goal) = crate::i18n::story_words(&s.name, &s.title, &s.goal);
    let mut out = crate::i18n::ta(
        "download-transcript-heading",
        &[("title", Arg::Str(&title))],
    );
    out.push_str(&format!("\n{goal}\n\n"));
    out.push_str(&crate::i18n::t("download-transcript-legend"));
    out.push('\n');
    out.push_str(&crate::i18n::t("download-transcript-hosts"));
    for h in &s.hosts {
        out.push_str(&format!(
            "\n  {:<10} {} ({}, {})",
            h.short,
            h.name,
            h.ip,
            crate::i18n::t(&crate::i18n::slug("role", h.role.label()))
        ));
    }
    out.push_str("\n\n");
    for (i, e) in s.trace.iter().enumerate() {
        let proto = describe(e).0;
        let text = crate::state::what_happened(e, &name, &*words);
        let hosts = if e.from == e.to {
            name(&e.from)
        } else {
            format!("{} -> {}", name(&e.from), name(&e.to))
        };
        out.push_str(&format!(
            "{}  {:<4}  {hosts}  {proto}  {text}\n",
            e.time,
            i + 1
        ));
        out.push_str(&format!(
            "      {}\n",
            narration_text(&s.trace, i, &name, &*words)
        ));
    }
    out
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow (controls but tab, CR, LF).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One colour per kind of row, the page's light theme.
fn colour(kind: &str) -> &'static str {
    match kind {
        "smtp" => "#1d5fb4",
        "pop3" => "#7a2fd6",
        "imap" => "#a3206a",
        "dns" => "#0b7446",
        "mta" | "note" => "#a34a00",
        _ => "#5b6470",
    }
}

// Whole pixels: the page leaves f64's Display out of the wasm (see `crate::num`).
const LANE: usize = 190;
const ROW: usize = 34;
const HEAD: usize = 124;
const TIME_W: usize = 110;

/// Longest label drawn in a row (characters); a longer line is cut with `…`.
const LABEL_CHARS: usize = 90;

/// The whole sequence diagram as a standalone SVG: one lifeline per host
/// (named with its DNS name and address), one row per event, every style
/// inline so it reads the same in any viewer or printed.
pub fn sequence_svg(s: &Story) -> String {
    use crate::i18n::{num, t, ta};
    use protocol_core::explain::Arg;
    // In the language shown (its tag in `xml:lang`): the title, the legend,
    // the hosts' roles and the step captions; the lines on the wire, host
    // names and addresses stay as they are.
    let (title, _) = crate::i18n::story_words(&s.name, &s.title, &s.goal);
    let lang = crate::i18n::catalog().lang().tag();
    let n = s.hosts.len().max(1);
    let rows = shown_rows(&s.trace);
    // At least as wide as the legend's longer line.
    let width = (TIME_W + LANE * n).max(660);
    let height = HEAD + ROW * rows.len() + 20;
    let x = |k: usize| TIME_W + LANE * k + LANE / 2;
    let mut o = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Arial, sans-serif\" xml:lang=\"{lang}\" lang=\"{lang}\">\n<title>{}</title>\n<desc>{}</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        xml_escape(&ta("download-svg-title", &[("title", Arg::Str(&title))])),
        xml_escape(&ta("download-svg-desc", &[("n", num(s.trace.len()))])),
    );
    for kind in ["smtp", "pop3", "imap", "dns", "tcp", "mta", "net"] {
        o.push_str(&format!(
            "<marker id=\"ah-{kind}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{}\"/></marker>\n",
            colour(kind)
        ));
    }
    o.push_str(&format!(
        "<text x=\"8\" y=\"20\" font-size=\"16\" font-weight=\"700\" fill=\"#14181d\">{}</text>\n<text x=\"8\" y=\"36\" font-size=\"11\" fill=\"#49525e\">{}</text>\n<text x=\"8\" y=\"50\" font-size=\"11\" fill=\"#49525e\">{}</text>\n",
        xml_escape(&title),
        xml_escape(&t("download-svg-legend")),
        xml_escape(&t("download-svg-lines"))
    ));
    for (k, h) in s.hosts.iter().enumerate() {
        let cx = x(k);
        o.push_str(&format!(
            "<text x=\"{cx}\" y=\"70\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" fill=\"#14181d\">{}</text>\n<text x=\"{cx}\" y=\"86\" text-anchor=\"middle\" font-size=\"11\" fill=\"#49525e\">{}</text>\n<text x=\"{cx}\" y=\"99\" text-anchor=\"middle\" font-size=\"11\" fill=\"#49525e\">{}</text>\n<text x=\"{cx}\" y=\"112\" text-anchor=\"middle\" font-size=\"11\" font-style=\"italic\" fill=\"#49525e\">{}</text>\n<line x1=\"{cx}\" x2=\"{cx}\" y1=\"{}\" y2=\"{height}\" stroke=\"#c9cfd8\" stroke-width=\"2\" stroke-dasharray=\"4 4\"/>\n",
            xml_escape(&h.short),
            xml_escape(&h.name),
            xml_escape(&h.ip),
            xml_escape(&t(&crate::i18n::slug("role", h.role.label()))),
            HEAD - 6
        ));
    }
    for (r, &i) in rows.iter().enumerate() {
        let row = seq_row(&s.trace, &s.hosts, i);
        let y = HEAD + ROW * r + ROW * 7 / 10;
        let c = colour(row.kind);
        let mut label: String = row.label.chars().take(LABEL_CHARS).collect();
        if row.label.chars().count() > LABEL_CHARS {
            label.push('…');
        }
        o.push_str(&format!(
            "<g><title>{}</title><text x=\"4\" y=\"{y}\" font-size=\"11\" font-family=\"DejaVu Sans Mono, monospace\" fill=\"#49525e\">{}</text>\n",
            xml_escape(&ta(
                "download-svg-step",
                &[("n", num(i + 1)), ("label", Arg::Str(&row.label))]
            )),
            xml_escape(&row.time)
        ));
        let (tx, anchor) = match (row.from, row.to) {
            (Some(a), Some(b)) if a != b => {
                let dash = match row.kind {
                    "pop3" => " stroke-dasharray=\"10 4\"",
                    "imap" => " stroke-dasharray=\"14 4 3 4\"",
                    "dns" => " stroke-dasharray=\"3 3\"",
                    _ => "",
                };
                o.push_str(&format!(
                    "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{c}\" stroke-width=\"2.5\"{dash} marker-end=\"url(#ah-{})\"/>\n",
                    x(a),
                    x(b),
                    if row.kind == "note" { "mta" } else { row.kind }
                ));
                ((x(a) + x(b)) / 2, "middle")
            }
            (Some(a), _) => {
                o.push_str(&format!(
                    "<circle cx=\"{}\" cy=\"{y}\" r=\"5\" fill=\"{c}\"/>\n",
                    x(a)
                ));
                (x(a) + 10, "start")
            }
            _ => (TIME_W + 4, "start"),
        };
        o.push_str(&format!(
            "<text x=\"{tx}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"12\" font-family=\"DejaVu Sans Mono, monospace\" fill=\"#14181d\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">{}</text></g>\n",
            y - 6,
            xml_escape(&label)
        ));
    }
    o.push_str("</svg>\n");
    o
}

/// The telnet pane's sessions as text: every tab, what was typed (`$`),
/// sent (`C:`) and received (`S:`), and telnet's own messages (`#`).
pub fn telnet_transcript(c: &Console) -> String {
    use protocol_core::explain::Arg;
    let time = c.now().to_string();
    let mut out = crate::i18n::ta(
        "telnet-transcript-head",
        &[
            ("world", Arg::Str(&c.world_title)),
            ("time", Arg::Str(&time)),
        ],
    );
    out.push('\n');
    out.push_str(&crate::i18n::t("telnet-transcript-legend"));
    out.push('\n');
    for s in &c.sessions {
        out.push_str(&format!("\n== {} ==\n", s.title()));
        for l in &s.lines {
            let mark = match l.kind {
                LineKind::Command => "$",
                LineKind::Sent => "C:",
                LineKind::Received | LineKind::ReceivedError => "S:",
                LineKind::Info | LineKind::Error | LineKind::Note => "#",
            };
            out.push_str(&format!("{mark} {}\n", l.text()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::builtin_story;

    #[test]
    fn the_transcript_has_times_lines_and_narration() {
        let s = builtin_story("seed-story").unwrap();
        let t = transcript(&s);
        assert!(
            t.starts_with(&format!("MailSim transcript: {}\n", s.title)),
            "{t}"
        );
        let ehlo = t
            .lines()
            .position(|l| l.contains("C: EHLO"))
            .expect("EHLO line");
        let line = t.lines().nth(ehlo).unwrap();
        assert!(line.starts_with("0:00:"), "a time first: {line}");
        assert!(line.contains("john-pc -> smtp"), "{line}");
        let narration = t.lines().nth(ehlo + 1).unwrap();
        assert!(
            narration.starts_with("      ") && narration.contains("EHLO"),
            "{narration}"
        );
        assert!(t.lines().any(|l| l.contains("S: 250 ")), "server lines");
        assert!(
            t.contains("mail.dave.example (198.51.100.25, mail server)"),
            "hosts named"
        );
        // One event line and one narration line per event, after the heading.
        let events = t
            .lines()
            .filter(|l| l.starts_with("0:") || l.starts_with("1:"))
            .count();
        assert_eq!(events, s.trace.len());
    }

    #[test]
    fn the_svg_is_well_formed_and_names_every_host() {
        let s = builtin_story("seed-story").unwrap();
        let svg = sequence_svg(&s);
        assert!(svg.starts_with("<?xml"));
        for h in &s.hosts {
            assert!(svg.contains(&format!(">{}</text>", h.short)), "{}", h.short);
            assert!(svg.contains(&h.name), "{}", h.name);
        }
        assert!(svg.contains("EHLO"));
        assert!(!svg.contains("class="), "no styles from the page's CSS");
        assert_well_formed(&svg);
    }

    /// In Dutch and Chinese: the title, legend, roles and step captions in
    /// that language (and `xml:lang`), the lines on the wire as sent.
    #[test]
    fn the_svg_speaks_the_language_shown_and_keeps_the_wire() {
        use protocol_core::i18n::Lang;
        let s = builtin_story("seed-story").unwrap();
        for (lang, words) in [
            (
                Lang::Nl,
                [
                    "xml:lang=\"nl\" lang=\"nl\"",
                    "De tijd loopt naar beneden, één kolom per host.",
                    ">mailserver</text>",
                    "<title>stap 1: ",
                ],
            ),
            (
                Lang::ZhCn,
                [
                    "xml:lang=\"zh-CN\" lang=\"zh-CN\"",
                    "时间从上往下走，每台主机一列。",
                    ">邮件服务器</text>",
                    "<title>第 1 步：",
                ],
            ),
        ] {
            crate::i18n::use_locale_files(lang);
            let svg = sequence_svg(&s);
            let title = crate::i18n::story_words(&s.name, &s.title, &s.goal).0;
            crate::i18n::use_locale_files(Lang::En);
            assert_ne!(
                title, s.title,
                "{lang:?}: the scenario's title is translated"
            );
            assert!(
                svg.contains(&format!(">{}</text>", xml_escape(&title))),
                "{lang:?}"
            );
            for w in words {
                assert!(svg.contains(w), "{lang:?} lacks {w:?}");
            }
            assert!(!svg.contains("Time runs down"), "{lang:?}");
            assert!(
                svg.contains(">EHLO john-pc.isp.example</text>"),
                "{lang:?}: the wire line"
            );
            assert!(svg.contains("MAIL FROM:&lt;john@isp.example&gt;"));
            assert_well_formed(&svg);
        }
        let en = sequence_svg(&s);
        assert!(en.contains("xml:lang=\"en\"") && en.contains("Time runs down"));
    }

    #[test]
    fn text_with_markup_characters_is_escaped() {
        let mut s = builtin_story("seed-story").unwrap();
        s.title = "A <b>&\"'\u{1}".into();
        let svg = sequence_svg(&s);
        assert!(
            svg.contains("A &lt;b&gt;&amp;&quot;&apos;\u{FFFD}"),
            "{svg}"
        );
        assert!(svg.contains("MAIL FROM:&lt;john@isp.example&gt;"));
        assert_well_formed(&svg);
    }

    /// A small check of XML's shape: every tag closes in order, attribute
    /// values are quoted, and `&` only starts the five entities used here.
    fn assert_well_formed(x: &str) {
        let body = x.split_once("?>").map_or(x, |(_, b)| b);
        let mut stack: Vec<String> = Vec::new();
        let mut rest = body;
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            for (k, _) in text.match_indices('&') {
                let ent = &text[k..];
                assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                        .iter()
                        .any(|e| ent.starts_with(e)),
                    "bare & in {text:?}"
                );
            }
            let gt = rest[lt..].find('>').expect("tag closes") + lt;
            let tag = &rest[lt + 1..gt];
            assert!(!tag.contains('<'), "{tag}");
            assert_eq!(tag.matches('"').count() % 2, 0, "{tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "closing {name}");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap().to_string());
            }
            rest = &rest[gt + 1..];
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    #[test]
    fn the_telnet_transcript_marks_who_said_what() {
        let mut c = Console::sandbox();
        c.enter("telnet mail.dave.example 25");
        c.enter("EHLO me.example");
        let t = telnet_transcript(&c);
        assert!(t.contains("$ telnet mail.dave.example 25"), "{t}");
        assert!(t.contains("C: EHLO me.example"), "{t}");
        assert!(t.lines().any(|l| l.starts_with("S: 220 ")), "{t}");
        assert!(t.lines().any(|l| l.starts_with("S: 250")), "{t}");
        assert!(
            t.starts_with("MailSim telnet session, in the world of"),
            "{t}"
        );
        // Its head in the language shown; the lines as they went.
        crate::i18n::use_locale_files(protocol_core::i18n::Lang::Nl);
        let nl = telnet_transcript(&c);
        crate::i18n::use_locale_files(protocol_core::i18n::Lang::En);
        assert!(
            nl.starts_with("MailSim-telnetsessie, in de wereld van"),
            "{nl}"
        );
        assert!(nl.contains("\n$ is een commando"), "{nl}");
        assert!(nl.contains("C: EHLO me.example"), "{nl}");
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("seed-story"), "seed-story");
        assert_eq!(file_stem("John's message: Grüße!"), "john-s-message-gr-e");
        assert_eq!(file_stem("+++"), "mailsim");
    }
}
