//! Languages: English, Dutch and Simplified Chinese (issue 19).
//!
//! English stays where it is: the explanation table in `explain/*.rs` and
//! the page's words in `locales/en/ui.ftl`. Another language is a pair of
//! [Fluent](https://projectfluent.org) files, `locales/<tag>/explain.ftl`
//! (one message per explanation key, `.` written `-`, with `.text` and
//! `.rfc` attributes) and `locales/<tag>/ui.ftl` (the page's and the
//! worksheet's words, the same ids as English) and
//! `locales/<tag>/scenarios.ftl` (the built-in scenarios' titles and
//! goals, `scenario-NAME` with `.goal`). They are read and formatted by
//! [`crate::ftl`], a small reader of the Fluent syntax these files use,
//! checked against `fluent-bundle` (the reference implementation, 51 KB of
//! gzip in the page) by `tests/locales.rs`.
//!
//! Whatever a translation lacks falls back to English, so a missing entry
//! shows English text, never an id; `tests/locales.rs` is the test that
//! fails when an entry is missing or its RFC reference differs. The
//! protocol lines on the wire never go through here: they are the protocol.

use crate::explain::{Arg, Explanation, Words};
use crate::ftl::{Bundle, Plurals, Value};
use std::borrow::Cow;

/// The English words of the page and the worksheet (the explanation
/// table's English is the Rust table itself).
pub const EN_UI: &str = include_str!("../../locales/en/ui.ftl");

/// A language MailSim speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
    ZhCn,
}

impl Lang {
    /// The CLDR cardinal plural rules of the language.
    pub fn plurals(self) -> Plurals {
        match self {
            Lang::En | Lang::Nl => Plurals::OneOther,
            Lang::ZhCn => Plurals::Other,
        }
    }

    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Nl, Lang::ZhCn];

    /// The BCP 47 tag: the `lang` attribute, the folder under `locales/`,
    /// the value of `--lang` and of the link's `lang` key.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for the picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
            Lang::ZhCn => "简体中文",
        }
    }

    /// One of the tags [`Lang::tag`] gives (any letter case), as typed on
    /// the command line or carried by a link.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The language for one entry of the browser's `navigator.languages`,
    /// matched by its primary subtag: `nl`, `nl-NL`, `nl-BE` are Dutch;
    /// `en-*` English; `zh`, `zh-CN`, `zh-SG` and `zh-Hans-*` Simplified
    /// Chinese. Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant-*`)
    /// is not Simplified Chinese: it matches nothing, so the browser's next
    /// language is tried, and English in the end.
    pub fn from_browser(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        match parts.next()? {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                (!traditional).then_some(Lang::ZhCn)
            }
            _ => None,
        }
    }

    /// The first of the browser's languages that MailSim speaks, else English.
    pub fn pick<'a>(browser: impl IntoIterator<Item = &'a str>) -> Lang {
        browser
            .into_iter()
            .find_map(Lang::from_browser)
            .unwrap_or_default()
    }
}

/// The Fluent id of an explanation key: `smtp.cmd.EHLO` is `smtp-cmd-EHLO`
/// (Fluent ids hold letters, digits, `-` and `_`, no dots).
pub fn explain_id(key: &str) -> String {
    key.replace('.', "-")
}

fn bundle(lang: Lang, sources: &[&str], errors: &mut Vec<String>) -> Bundle {
    let mut b = Bundle::new(lang.plurals());
    for src in sources {
        for e in b.add(src) {
            errors.push(format!("{}: {e}", lang.tag()));
        }
    }
    b
}

/// The words of one language, with English under it for anything the
/// language's files lack.
#[derive(Debug)]
pub struct Catalog {
    lang: Lang,
    en: Bundle,
    tr: Option<Bundle>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::english()
    }
}

impl Catalog {
    /// English: the Rust tables and `locales/en/ui.ftl`.
    pub fn english() -> Catalog {
        let mut errors = Vec::new();
        Catalog {
            lang: Lang::En,
            en: bundle(Lang::En, &[EN_UI], &mut errors),
            tr: None,
        }
    }

    /// `lang` from its `.ftl` sources (explain.ftl, ui.ftl). A file with
    /// syntax errors still gives its good entries; the errors come back
    /// beside the catalog, to be shown or tested, never a panic.
    pub fn new(lang: Lang, sources: &[&str]) -> (Catalog, Vec<String>) {
        let mut errors = Vec::new();
        let en = bundle(Lang::En, &[EN_UI], &mut errors);
        let tr = (lang != Lang::En).then(|| bundle(lang, sources, &mut errors));
        (Catalog { lang, en, tr }, errors)
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn translated_attr(&self, x: &Explanation, attr: Option<&str>) -> Option<Cow<'_, str>> {
        let s = self
            .tr
            .as_ref()?
            .format(&explain_id(x.key), attr, &[])?
            .ok()?;
        (!s.trim().is_empty()).then_some(Cow::Owned(s))
    }

    /// A built-in scenario's title and goal in this language
    /// (`scenario-NAME` with `.goal` in `locales/<tag>/scenarios.ftl`);
    /// `None` for English, or a scenario the file lacks.
    pub fn scenario(&self, name: &str) -> Option<(String, String)> {
        let b = self.tr.as_ref()?;
        let id = format!("scenario-{name}");
        let title = b.format(&id, None, &[])?.ok()?;
        let goal = b.format(&id, Some("goal"), &[])?.ok()?;
        Some((title, goal))
    }

    /// The message `id` with `args`, in this language, else in English;
    /// `None` only when English lacks it too.
    pub fn message(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let args: Vec<(&str, Value<'_>)> = args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Str(s) => Value::Str(s),
                    Arg::Num(n) => Value::Num(*n),
                };
                (*k, v)
            })
            .collect();
        self.tr
            .iter()
            .chain(std::iter::once(&self.en))
            .find_map(|b| b.format(id, None, &args)?.ok())
    }
}

impl Words for Catalog {
    fn title<'a>(&'a self, x: &'a Explanation) -> Cow<'a, str> {
        self.translated_attr(x, None)
            .unwrap_or(Cow::Borrowed(x.title))
    }

    fn text<'a>(&'a self, x: &'a Explanation) -> Cow<'a, str> {
        self.translated_attr(x, Some("text"))
            .unwrap_or(Cow::Borrowed(x.text))
    }

    fn say(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        self.message(id, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_match_by_primary_subtag() {
        let cases = [
            ("nl", Some(Lang::Nl)),
            ("nl-NL", Some(Lang::Nl)),
            ("nl-BE", Some(Lang::Nl)),
            ("en-GB", Some(Lang::En)),
            ("zh", Some(Lang::ZhCn)),
            ("zh-CN", Some(Lang::ZhCn)),
            ("zh-Hans", Some(Lang::ZhCn)),
            ("zh-Hans-CN", Some(Lang::ZhCn)),
            ("zh-SG", Some(Lang::ZhCn)),
            ("zh-TW", None),
            ("zh-Hant-HK", None),
            ("de-DE", None),
            ("", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_browser(tag), want, "{tag}");
        }
        assert_eq!(Lang::pick(["de-DE", "zh-TW", "nl-BE", "en"]), Lang::Nl);
        assert_eq!(Lang::pick(["fr", "zh-TW"]), Lang::En);
        assert_eq!(Lang::pick([]), Lang::En);
        assert_eq!(Lang::from_tag("ZH-cn"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("nl-BE"), None);
    }

    #[test]
    fn a_missing_or_broken_entry_falls_back_to_english() {
        let x = crate::explain::lookup("smtp.cmd.EHLO").unwrap();
        let (c, errors) = Catalog::new(
            Lang::Nl,
            &["smtp-cmd-EHLO = Uitgebreide begroeting\n    .rfc = RFC 5321 §4.1.1.1\n\nbroken = {\n"],
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(c.title(x), "Uitgebreide begroeting");
        // No .text attribute: the English text.
        assert_eq!(c.text(x), x.text);
        let y = crate::explain::lookup("smtp.cmd.QUIT").unwrap();
        assert_eq!(c.title(y), y.title);
        assert_eq!(c.message("no-such-id", &[]), None);
    }
}
