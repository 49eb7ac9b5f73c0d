//! Links to a step: the view the page shows, as a value that goes in the
//! address bar's fragment (`#v=1&s=seed-story&seed=1&step=40`) and back.
//!
//! The format is versioned (`v=`): a link made today must open the same view
//! in a later MailSim. Rules for changing it:
//! * a new, optional key (an edited world, say) keeps `v=1`; decoders skip
//!   keys they do not know, so older pages still open the rest of the view;
//! * a key whose meaning changes gets a new version, and [`decode`] keeps a
//!   branch for every older version.
//!
//! Values are percent-encoded (RFC 3986 section 2.1) so that any text a
//! learner typed (a subject, a telnet line with `&` or `#`) survives. A link
//! that cannot be read is an error with a sentence saying why; it never
//! panics, and the page falls back to the start of the seed story.

use crate::story::{Draft, Sender};

/// The format written today.
pub const VERSION: u32 = 1;

/// The longest link [`decode`] reads (characters). Browsers keep far longer
/// addresses; this only stops a pasted book from stalling the page.
pub const MAX_LEN: usize = 200_000;

/// The most telnet actions a link replays.
pub const MAX_ACTIONS: usize = 2_000;

/// Which view of the inspector is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TabKey {
    #[default]
    Line,
    Machine,
    Message,
    Telnet,
}

impl TabKey {
    const ALL: [(TabKey, &'static str); 4] = [
        (TabKey::Line, "line"),
        (TabKey::Machine, "machine"),
        (TabKey::Message, "message"),
        (TabKey::Telnet, "telnet"),
    ];
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("line", |(_, k)| k)
    }
    pub fn from_key(k: &str) -> Option<TabKey> {
        Self::ALL.iter().find(|(_, n)| *n == k).map(|(t, _)| *t)
    }
}

/// Where the telnet pane joins a scenario's world.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinAt {
    /// The sandbox: the cast and no traffic.
    Sandbox,
    /// The scenario's world run to this virtual time (microseconds), or
    /// before its first event (`None`).
    At(String, Option<u64>),
    /// The scenario's world run to the end.
    End(String),
}

/// One thing the learner did in the telnet pane, replayed in order to
/// restore it (the world is deterministic, so the same actions give the
/// same sessions and trace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TelnetAction {
    /// A line (or a pasted block) entered at the prompt.
    Enter(String),
    /// Ctrl+] (the telnet escape): close the connection.
    Escape,
    NewTab,
    Select(usize),
    /// Type from another host.
    Source(String),
    Join(JoinAt),
}

impl TelnetAction {
    fn encode(&self) -> String {
        match self {
            TelnetAction::Enter(t) => format!("e:{t}"),
            TelnetAction::Escape => "x".into(),
            TelnetAction::NewTab => "n".into(),
            TelnetAction::Select(i) => format!("s:{i}"),
            TelnetAction::Source(h) => format!("f:{h}"),
            TelnetAction::Join(JoinAt::Sandbox) => "j".into(),
            TelnetAction::Join(JoinAt::End(n)) => format!("j:{n}"),
            TelnetAction::Join(JoinAt::At(n, None)) => format!("j:{n}@"),
            TelnetAction::Join(JoinAt::At(n, Some(t))) => format!("j:{n}@{t}"),
        }
    }
    fn decode(s: &str) -> Result<TelnetAction, String> {
        let (tag, rest) = s.split_once(':').unwrap_or((s, ""));
        let bad = || {
            format!(
                "the telnet step \u{201c}{}\u{201d} is not one this page knows",
                cut(s)
            )
        };
        Ok(match (tag, rest) {
            ("e", t) => TelnetAction::Enter(t.to_string()),
            ("x", "") => TelnetAction::Escape,
            ("n", "") => TelnetAction::NewTab,
            ("s", i) => TelnetAction::Select(i.parse().map_err(|_| bad())?),
            ("f", h) if !h.is_empty() => TelnetAction::Source(h.to_string()),
            ("j", "") => TelnetAction::Join(JoinAt::Sandbox),
            ("j", n) => match n.split_once('@') {
                None => TelnetAction::Join(JoinAt::End(n.to_string())),
                Some((n, "")) => TelnetAction::Join(JoinAt::At(n.to_string(), None)),
                Some((n, t)) => TelnetAction::Join(JoinAt::At(
                    n.to_string(),
                    Some(t.parse().map_err(|_| bad())?),
                )),
            },
            _ => return Err(bad()),
        })
    }
}

/// Everything needed to show one view again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    /// A built-in scenario's name, `compose` (with [`ViewState::draft`]),
    /// `sandbox`, or `NAME+telnet` (a scenario's world the telnet pane joined).
    pub scenario: String,
    /// The world's seed; `None`: the scenario's own.
    pub seed: Option<u64>,
    /// The cursor: how many events have happened (0 = the start).
    pub step: usize,
    /// Step through every event rather than the key steps only.
    pub all_steps: bool,
    pub tab: TabKey,
    /// The message written in the compose form, when it is what plays.
    pub draft: Option<Draft>,
    /// What was done in the telnet pane, in order.
    pub telnet: Vec<TelnetAction>,
    pub presenter: bool,
    /// The page's language (`lang=nl`), when the link says one; without
    /// it the page follows the browser. An unknown tag is skipped, as a
    /// later page may speak more languages.
    pub lang: Option<protocol_core::i18n::Lang>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            scenario: "seed-story".into(),
            seed: None,
            step: 0,
            all_steps: false,
            tab: TabKey::Line,
            draft: None,
            telnet: Vec::new(),
            presenter: false,
            lang: None,
        }
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[(b >> 4) as usize]));
            out.push(char::from(b"0123456789ABCDEF"[(b & 15) as usize]));
        }
    }
    out
}

/// Undoes [`pct_encode`] (and `+` as a space, as forms write it).
pub fn pct_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let pair = b
                    .get(i + 1)
                    .copied()
                    .and_then(hex)
                    .zip(b.get(i + 2).copied().and_then(hex));
                let Some((hi, lo)) = pair else {
                    return Err(format!(
                        "\u{201c}{}\u{201d} has a % that is not followed by two hex digits",
                        cut(s)
                    ));
                };
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("\u{201c}{}\u{201d} is not UTF-8 text", cut(s)))
}

fn cut(s: &str) -> &str {
    s.char_indices().nth(40).map_or(s, |(i, _)| &s[..i])
}

/// The fragment for a view, without the leading `#`.
pub fn encode(v: &ViewState) -> String {
    let mut kv: Vec<(&str, String)> = vec![("v", VERSION.to_string()), ("s", v.scenario.clone())];
    if let Some(seed) = v.seed {
        kv.push(("seed", seed.to_string()));
    }
    kv.push(("step", v.step.to_string()));
    if v.all_steps {
        kv.push(("all", "1".into()));
    }
    if v.tab != TabKey::Line {
        kv.push(("tab", v.tab.key().into()));
    }
    if let Some(d) = &v.draft {
        kv.push(("from", d.from.key().into()));
        kv.push(("to", d.to.clone()));
        kv.push(("subj", d.subject.clone()));
        kv.push(("body", d.body.clone()));
    }
    for a in &v.telnet {
        kv.push(("t", a.encode()));
    }
    if v.presenter {
        kv.push(("present", "1".into()));
    }
    if let Some(l) = v.lang {
        kv.push(("lang", l.tag().into()));
    }
    kv.iter()
        .map(|(k, val)| format!("{k}={}", pct_encode(val)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Reads a fragment (with or without its `#`). `Ok(None)`: there is no link
/// in it (an empty fragment, or one that is not ours, such as `#top`).
pub fn decode(fragment: &str) -> Result<Option<ViewState>, String> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    if f.len() > MAX_LEN {
        return Err(format!("it is longer than {MAX_LEN} characters"));
    }
    let mut pairs = Vec::new();
    for part in f.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((k, pct_decode(v)?));
    }
    let Some(version) = pairs
        .iter()
        .find(|(k, _)| *k == "v")
        .map(|(_, v)| v.as_str())
    else {
        return Ok(None);
    };
    match version.parse::<u32>() {
        Ok(1) => decode_v1(&pairs).map(Some),
        Ok(n) if n > VERSION => Err(format!(
            "it was made by a newer MailSim (link format {n}; this page reads up to {VERSION})"
        )),
        _ => Err(format!(
            "its version \u{201c}{}\u{201d} is not a link format MailSim ever wrote",
            cut(version)
        )),
    }
}

fn decode_v1(pairs: &[(&str, String)]) -> Result<ViewState, String> {
    let get = |k: &str| {
        pairs
            .iter()
            .rev()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.as_str())
    };
    let number = |k: &str| -> Result<Option<u64>, String> {
        get(k)
            .map(|v| {
                v.parse::<u64>().map_err(|_| {
                    format!("its {k} \u{201c}{}\u{201d} is not a whole number", cut(v))
                })
            })
            .transpose()
    };
    let scenario = get("s")
        .filter(|s| !s.is_empty())
        .ok_or("it names no scenario (s=)")?;
    if scenario.len() > 200 || scenario.chars().any(|c| c.is_control()) {
        return Err("its scenario name is not one MailSim uses".into());
    }
    let step = number("step")?.unwrap_or(0);
    let flag = |k: &str| get(k).is_some_and(|v| v == "1");
    let tab = match get("tab") {
        None => TabKey::Line,
        Some(t) => TabKey::from_key(t).ok_or_else(|| {
            format!(
                "its view \u{201c}{}\u{201d} is not one of the inspector's",
                cut(t)
            )
        })?,
    };
    let draft = if scenario == "compose" {
        Some(Draft {
            from: Sender::from_key(get("from").unwrap_or("john")),
            to: get("to").unwrap_or_default().to_string(),
            subject: get("subj").unwrap_or_default().to_string(),
            body: get("body").unwrap_or_default().to_string(),
        })
    } else {
        None
    };
    let telnet = pairs
        .iter()
        .filter(|(k, _)| *k == "t")
        .map(|(_, v)| TelnetAction::decode(v))
        .collect::<Result<Vec<_>, _>>()?;
    if telnet.len() > MAX_ACTIONS {
        return Err(format!("it replays more than {MAX_ACTIONS} telnet steps"));
    }
    Ok(ViewState {
        scenario: scenario.to_string(),
        seed: number("seed")?,
        step: usize::try_from(step).map_err(|_| "its step is too large")?,
        all_steps: flag("all"),
        tab,
        draft,
        telnet,
        presenter: flag("present"),
        lang: get("lang").and_then(protocol_core::i18n::Lang::from_tag),
    })
}

/// Rebuilds the story a view shows: the telnet pane's actions replayed
/// into `console` (a fresh sandbox), then the scenario, the composed
/// message or the pane's own story.
pub fn open(
    view: &ViewState,
    console: &mut crate::telnet::Console,
) -> Result<crate::story::Story, String> {
    use crate::story::{composed_story, console_story, console_story_name, Story, SANDBOX};
    for a in &view.telnet {
        console.apply(a);
    }
    let name = view.scenario.as_str();
    if name == console_story_name(console) || name == SANDBOX.0 {
        return Ok(console_story(console));
    }
    if name == "compose" {
        let draft = view.draft.as_ref().ok_or("it has no message to send")?;
        return composed_story(draft).map(|(s, _)| s);
    }
    let scenario = protocol_core::scenario::builtin(name)
        .ok_or_else(|| format!("it names a scenario this MailSim does not have ({name})"))?;
    Ok(Story::from_scenario_seeded(&scenario, view.seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> ViewState {
        ViewState {
            scenario: "compose".into(),
            seed: Some(7),
            step: 40,
            all_steps: true,
            tab: TabKey::Message,
            draft: Some(Draft {
                from: Sender::Dave,
                to: "john@isp.example, Dave <dave@dave.example>".into(),
                subject: "Grüße & 100% #1 = ok?+".into(),
                body: "Line 1\r\n.\n\nüñí 🍕\n".into(),
            }),
            telnet: vec![
                TelnetAction::Join(JoinAt::At("bounce".into(), Some(12_000_000))),
                TelnetAction::Join(JoinAt::At("bounce".into(), None)),
                TelnetAction::Join(JoinAt::End("greylisting".into())),
                TelnetAction::Join(JoinAt::Sandbox),
                TelnetAction::Source("stranger".into()),
                TelnetAction::Enter("telnet mail.dave.example 25".into()),
                TelnetAction::Enter("MAIL FROM:<a@b> & RCPT: x=y".into()),
                TelnetAction::Enter(String::new()),
                TelnetAction::Escape,
                TelnetAction::NewTab,
                TelnetAction::Select(0),
            ],
            presenter: true,
            lang: Some(protocol_core::i18n::Lang::ZhCn),
        }
    }

    #[test]
    fn every_field_survives_the_round_trip() {
        for v in [ViewState::default(), full()] {
            let s = encode(&v);
            assert_eq!(decode(&s), Ok(Some(v.clone())), "{s}");
            assert_eq!(decode(&format!("#{s}")), Ok(Some(v)), "with the #");
        }
    }

    #[test]
    fn the_fragment_stays_inside_the_fragment() {
        let s = encode(&full());
        assert!(
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)),
            "{s}"
        );
        assert!(s.starts_with("v=1&s=compose&seed=7&step=40"), "{s}");
    }

    /// Links written by v1 pages, kept verbatim: they must open the same
    /// view in every later MailSim.
    #[test]
    fn version_1_links_keep_working() {
        let v = decode("#v=1&s=bounce&seed=1&step=40").unwrap().unwrap();
        assert_eq!(
            v,
            ViewState {
                scenario: "bounce".into(),
                seed: Some(1),
                step: 40,
                ..ViewState::default()
            }
        );
        let v = decode("v=1&s=sandbox&step=9&tab=telnet&t=f%3Astranger&t=e%3Atelnet%20mail.dave.example%2025&t=e%3AEHLO%20x&t=x")
            .unwrap()
            .unwrap();
        assert_eq!(v.tab, TabKey::Telnet);
        assert_eq!(
            v.telnet,
            [
                TelnetAction::Source("stranger".into()),
                TelnetAction::Enter("telnet mail.dave.example 25".into()),
                TelnetAction::Enter("EHLO x".into()),
                TelnetAction::Escape
            ]
        );
        let v = decode(
            "v=1&s=compose&step=3&from=stranger&to=dave%40dave.example&subj=Hi+there&body=x%0A",
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            v.draft,
            Some(Draft {
                from: Sender::Stranger,
                to: "dave@dave.example".into(),
                subject: "Hi there".into(),
                body: "x\n".into()
            })
        );
    }

    #[test]
    fn the_language_rides_on_the_link() {
        use protocol_core::i18n::Lang;
        let v = decode("#v=1&s=bounce&step=4&lang=nl").unwrap().unwrap();
        assert_eq!(v.lang, Some(Lang::Nl));
        let v = decode("#v=1&s=bounce&step=4&lang=zh-CN").unwrap().unwrap();
        assert_eq!(v.lang, Some(Lang::ZhCn));
        assert!(encode(&v).ends_with("&lang=zh-CN"), "{}", encode(&v));
        // No lang: the browser's language; one this page does not speak: skipped.
        assert_eq!(decode("#v=1&s=bounce").unwrap().unwrap().lang, None);
        let v = decode("#v=1&s=bounce&step=4&lang=tlh").unwrap().unwrap();
        assert_eq!((v.lang, v.step), (None, 4));
        assert!(!encode(&ViewState::default()).contains("lang"));
    }

    #[test]
    fn keys_a_later_page_may_add_are_skipped() {
        let v = decode("v=1&s=seed-story&step=2&world=abc&zoom=3")
            .unwrap()
            .unwrap();
        assert_eq!((v.scenario.as_str(), v.step), ("seed-story", 2));
    }

    #[test]
    fn no_link_is_not_an_error() {
        for f in ["", "#", "#top", "scenario=bounce"] {
            assert_eq!(decode(f), Ok(None), "{f:?}");
        }
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        let cases: &[(&str, &str)] = &[
            ("v=2&s=x", "newer MailSim"),
            ("v=0&s=x", "not a link format"),
            ("v=one&s=x", "not a link format"),
            ("v=1", "names no scenario"),
            ("v=1&s=", "names no scenario"),
            ("v=1&s=x&step=-3", "not a whole number"),
            ("v=1&s=x&step=99999999999999999999999", "not a whole number"),
            ("v=1&s=x&seed=1.5", "not a whole number"),
            ("v=1&s=x&tab=settings", "not one of the inspector's"),
            ("v=1&s=x&t=q%3A1", "telnet step"),
            ("v=1&s=x&t=s%3Aa", "telnet step"),
            ("v=1&s=x&t=j%3Ab%40soon", "telnet step"),
            ("v=1&s=%ZZ", "two hex digits"),
            ("v=1&s=%E2%82", "not UTF-8"),
            ("v=1&s=a%0Ab", "not one MailSim uses"),
            ("v=1&s=x%", "two hex digits"),
        ];
        for (f, want) in cases {
            match decode(f) {
                Err(e) => assert!(e.contains(want), "{f:?}: {e}"),
                Ok(v) => panic!("{f:?} was read as {v:?}"),
            }
        }
        let long = format!("v=1&s={}", "a".repeat(MAX_LEN));
        assert!(decode(&long).unwrap_err().contains("longer than"));
        let many = format!("v=1&s=sandbox{}", "&t=x".repeat(MAX_ACTIONS + 1));
        assert!(decode(&many).unwrap_err().contains("more than"));
    }

    #[test]
    fn random_bytes_never_panic() {
        // A small deterministic generator: every byte value, % and & often.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut s = String::from("v=1&");
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let c = match x % 6 {
                    0 => '%',
                    1 => '&',
                    2 => '=',
                    _ => char::from_u32((x >> 8) as u32 % 0x3000).unwrap_or('?'),
                };
                s.push(c);
            }
            let _ = decode(&s);
        }
    }

    fn opened(v: &ViewState) -> Result<crate::story::Story, String> {
        open(v, &mut crate::telnet::Console::sandbox())
    }

    #[test]
    fn a_scenario_link_opens_the_same_trace_and_a_seed_is_kept() {
        let plain = crate::story::builtin_story("unknown-recipient").unwrap();
        let v = ViewState {
            scenario: "unknown-recipient".into(),
            step: 40,
            ..ViewState::default()
        };
        let s = opened(&v).unwrap();
        assert_eq!(s.trace, plain.trace);
        assert_eq!(s.seed, plain.seed);
        let other = opened(&ViewState {
            seed: Some(99),
            ..v
        })
        .unwrap();
        assert_eq!(other.seed, Some(99));
        let e = opened(&ViewState {
            scenario: "no-such-story".into(),
            ..ViewState::default()
        })
        .unwrap_err();
        assert!(e.contains("no-such-story"), "{e}");
    }

    #[test]
    fn a_composed_message_comes_back_from_its_link() {
        let d = Draft {
            from: Sender::John,
            to: "dave@dave.example".into(),
            subject: "Chess & cake".into(),
            body: "Bring the board.\n".into(),
        };
        let (s, _) = crate::story::composed_story(&d).unwrap();
        let v = ViewState {
            scenario: s.name.clone(),
            seed: s.seed,
            draft: s.draft.clone(),
            step: 12,
            ..ViewState::default()
        };
        let back = decode(&encode(&v)).unwrap().unwrap();
        let again = opened(&back).unwrap();
        assert_eq!(again.title, s.title);
        assert_eq!(again.trace, s.trace);
    }

    #[test]
    fn a_telnet_session_is_replayed_into_the_same_world() {
        let mut c = crate::telnet::Console::sandbox();
        c.set_source("stranger");
        c.enter("telnet mail.dave.example 25");
        c.enter("EHLO stranger.example");
        c.new_tab();
        c.enter("telnet smtp.isp.example 110");
        c.select(0);
        c.escape();
        c.join(JoinAt::At("greylisting".into(), Some(1_000_000)));
        c.enter("telnet mail.dave.example 25");
        let v = ViewState {
            scenario: crate::story::console_story_name(&c),
            telnet: c.actions.clone(),
            tab: TabKey::Telnet,
            ..ViewState::default()
        };
        assert_eq!(v.telnet.len(), 9);
        let mut fresh = crate::telnet::Console::sandbox();
        let back = decode(&encode(&v)).unwrap().unwrap();
        let s = open(&back, &mut fresh).unwrap();
        assert_eq!(s.name, "greylisting+telnet");
        assert_eq!(s.trace, crate::story::console_story(&c).trace);
        assert_eq!(
            crate::export::telnet_transcript(&fresh),
            crate::export::telnet_transcript(&c)
        );
        assert_eq!(fresh.actions, c.actions, "the replay is logged too");
    }

    #[test]
    fn percent_coding_round_trips_every_character_class() {
        for s in ["", "a b", "100%", "&=#?/+", "ü🍕\0\r\n", "~._-"] {
            assert_eq!(pct_decode(&pct_encode(s)).as_deref(), Ok(s));
        }
    }
}
