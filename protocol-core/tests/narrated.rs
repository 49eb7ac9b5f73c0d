//! The narrated worksheet (`mailsim run NAME --format narrated`): golden
//! files of every built-in scenario in `tests/golden/narrated/<name>.txt`.
//! On a mismatch the actual text goes to `<name>.txt.failed`;
//! `MAILSIM_BLESS=1` rewrites the golden files.

use protocol_core::scenario::catalogue;
use protocol_core::sim::render::narrated;
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/narrated")
}

#[test]
fn golden_narrated_transcripts_of_every_builtin_scenario() {
    let dir = golden_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let bless = std::env::var("MAILSIM_BLESS").is_ok_and(|v| v == "1");
    let mut failed = Vec::new();
    for s in catalogue() {
        let w = s.run(None);
        let text = narrated(&s.title, &s.goal, w.trace());
        let path = dir.join(format!("{}.txt", s.name));
        let failed_path = dir.join(format!("{}.txt.failed", s.name));
        if bless || !path.exists() {
            std::fs::write(&path, &text).unwrap();
            let _ = std::fs::remove_file(&failed_path);
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap();
        if want != text {
            std::fs::write(&failed_path, &text).unwrap();
            failed.push(format!("{}: see {}", s.name, failed_path.display()));
        } else {
            let _ = std::fs::remove_file(&failed_path);
        }
    }
    assert!(
        failed.is_empty(),
        "narrated transcript mismatch (MAILSIM_BLESS=1 to accept):\n{}",
        failed.join("\n")
    );
}

/// Every event with a key is explained: none reads "(no explanation for ...)",
/// and the first mention of an entry prints its title, section and text.
#[test]
fn every_keyed_event_of_every_scenario_is_narrated_with_its_entry() {
    for s in catalogue() {
        let w = s.run(None);
        let text = narrated(&s.title, &s.goal, w.trace());
        assert!(
            !text.contains("(no explanation for"),
            "{}: an event's key is not in the table",
            s.name
        );
        let seed = protocol_core::explain::lookup("tcp.open").unwrap();
        assert!(
            text.contains(&format!("] {} · {}\n", seed.title, seed.rfc)),
            "{}: the TCP entry is not printed",
            s.name
        );
    }
}

/// An entry's text is printed once per worksheet, however often it comes up.
#[test]
fn an_entry_is_printed_in_full_only_once() {
    let s = protocol_core::scenario::builtin("seed-story").unwrap();
    let w = s.run(None);
    let text = narrated(&s.title, &s.goal, w.trace());
    let x = protocol_core::explain::lookup("dns.query.a").unwrap();
    let first_words: String = x
        .text
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(text.matches(&first_words).count(), 1, "{text}");
    assert!(text.matches(&format!("see [1] {}", x.title)).count() >= 2);
    // No line of prose is wider than the page.
    for l in text
        .lines()
        .filter(|l| l.starts_with("    ") && !l.contains('|'))
    {
        assert!(l.chars().count() <= 78, "too wide: {l}");
    }
}
