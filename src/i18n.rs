//! The page's language (issue 19): English is compiled in
//! (`locales/en/ui.ftl` and the core's explanation table); Dutch and
//! Chinese are fetched when chosen (`locales/<tag>/explain.ftl` and
//! `ui.ftl`, copied into the site by Trunk and cached by the service worker
//! for offline use), so they never weigh on the first load.
//!
//! The language comes from the link (`lang=`), else from the picker's last
//! choice on this browser, else from `navigator.languages` (the first of
//! English, Dutch and Simplified Chinese that matches; `zh-TW` and other
//! Traditional Chinese fall through to the next language, then English).
//! Views read words with [`t`] and [`ta`], which track the language shown.

use leptos::prelude::*;
use protocol_core::explain::Arg;
use protocol_core::i18n::{Catalog, Lang};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

thread_local! {
    static CATALOG: RefCell<Rc<Catalog>> = RefCell::new(Rc::new(Catalog::english()));
    /// The language whose words are in [`CATALOG`], as a signal views track.
    static SHOWN: Cell<Option<RwSignal<Lang>>> = const { Cell::new(None) };
    /// The language asked for last (a fetch that comes back late for an
    /// older choice is dropped).
    static WANTED: Cell<Lang> = const { Cell::new(Lang::En) };
    /// Catalogs already fetched and built in this visit.
    static LOADED: RefCell<Vec<Rc<Catalog>>> = const { RefCell::new(Vec::new()) };
}

const LANG_KEY: &str = "mailsim-lang";

/// The language shown now (tracked in a view).
pub fn shown() -> Lang {
    SHOWN.with(|s| s.get()).map_or(Lang::En, |s| s.get())
}

/// The words of the language shown (tracked in a view).
pub fn catalog() -> Rc<Catalog> {
    if let Some(s) = SHOWN.with(|s| s.get()) {
        s.track();
    }
    CATALOG.with(|c| c.borrow().clone())
}

/// The message `id` in the language shown; English when the language's file
/// lacks it; the id itself only if English lacks it too (a test checks the
/// ids the page uses).
pub fn t(id: &str) -> String {
    ta(id, &[])
}

/// [`t`] with placeholders.
pub fn ta(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    catalog()
        .message(id, args)
        .unwrap_or_else(|| id.to_string())
}

/// The message `id` if the language or English has it (for ids made from
/// data, such as a parsed field's name: the caller keeps its own words).
pub fn t_opt(id: &str) -> Option<String> {
    catalog().message(id, &[])
}

/// The id for a word of the page's own data: `Reply code` is
/// `PREFIX-reply-code`.
pub fn slug(prefix: &str, words: &str) -> String {
    let mut id = prefix.to_string();
    for w in words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        id.push('-');
        id.push_str(&w.to_ascii_lowercase());
    }
    id
}

/// Shows `lang`'s words from the files in `locales/` (native tests only:
/// the page's words without a document or a fetch).
#[cfg(test)]
pub fn use_locale_files(lang: Lang) {
    if lang == Lang::En {
        CATALOG.with(|cat| *cat.borrow_mut() = Rc::new(Catalog::english()));
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let files: Vec<String> = ["explain", "ui", "scenarios"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(lang.tag()).join(format!("{f}.ftl"))).unwrap())
        .collect();
    let sources: Vec<&str> = files.iter().map(String::as_str).collect();
    let c = Catalog::new(lang, &sources).0;
    CATALOG.with(|cat| *cat.borrow_mut() = Rc::new(c));
}

/// A number argument for [`ta`].
pub fn num(n: usize) -> Arg<'static> {
    Arg::Num(n as f64)
}

/// The language the page starts in: the link's, the saved choice, the browser's.
pub fn initial(from_link: Option<Lang>) -> Lang {
    from_link
        .or_else(|| {
            let store = window().local_storage().ok().flatten()?;
            Lang::from_tag(&store.get_item(LANG_KEY).ok().flatten()?)
        })
        .unwrap_or_else(|| {
            let langs = window().navigator().languages();
            let tags: Vec<String> = langs.iter().filter_map(|v| v.as_string()).collect();
            Lang::pick(tags.iter().map(String::as_str))
        })
}

/// Sets the page up in `lang` (called once, by the App).
pub fn provide(lang: Lang) -> RwSignal<Lang> {
    let s = RwSignal::new(Lang::En);
    SHOWN.with(|c| c.set(Some(s)));
    set_html_lang(Lang::En);
    if lang != Lang::En {
        switch(lang, false);
    }
    s
}

fn set_html_lang(lang: Lang) {
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

fn install(c: Rc<Catalog>) {
    let lang = c.lang();
    CATALOG.with(|cat| *cat.borrow_mut() = c);
    set_html_lang(lang);
    if let Some(s) = SHOWN.with(|s| s.get()) {
        s.set(lang);
    }
}

/// What went wrong the last time a language could not be loaded.
pub fn last_error() -> Option<String> {
    ERROR.with(|e| e.get()).and_then(|s| s.get())
}

thread_local! {
    static ERROR: Cell<Option<RwSignal<Option<String>>>> = const { Cell::new(None) };
}

fn error_signal() -> RwSignal<Option<String>> {
    ERROR.with(|e| match e.get() {
        Some(s) => s,
        None => {
            let s = RwSignal::new(None);
            e.set(Some(s));
            s
        }
    })
}

/// Shows the page in `lang`: at once if its words are here, else after
/// fetching its two files. `remember`: the learner chose it in the picker
/// (kept for the next visit on this browser).
pub fn switch(lang: Lang, remember: bool) {
    WANTED.with(|w| w.set(lang));
    error_signal().set(None);
    if remember {
        if let Some(store) = window().local_storage().ok().flatten() {
            let _ = store.set_item(LANG_KEY, lang.tag());
        }
    }
    if lang == Lang::En {
        install(Rc::new(Catalog::english()));
        return;
    }
    if let Some(c) = LOADED.with(|l| l.borrow().iter().find(|c| c.lang() == lang).cloned()) {
        install(c);
        return;
    }
    leptos::task::spawn_local(async move {
        let files = futures_join(lang).await;
        if WANTED.with(|w| w.get()) != lang {
            return;
        }
        match files {
            Ok(files) => {
                let sources: Vec<&str> = files.iter().map(String::as_str).collect();
                let (c, errors) = Catalog::new(lang, &sources);
                for e in errors {
                    web_sys::console::warn_1(&e.into());
                }
                let c = Rc::new(c);
                LOADED.with(|l| l.borrow_mut().push(c.clone()));
                install(c);
            }
            Err(e) => error_signal().set(Some(e)),
        }
    });
}

async fn futures_join(lang: Lang) -> Result<[String; 3], String> {
    let explain = fetch_text(&format!("locales/{}/explain.ftl", lang.tag())).await?;
    let ui = fetch_text(&format!("locales/{}/ui.ftl", lang.tag())).await?;
    let scenarios = fetch_text(&format!("locales/{}/scenarios.ftl", lang.tag())).await?;
    Ok([explain, ui, scenarios])
}

thread_local! {
    /// (name, English title) of every built-in scenario and the sandbox.
    static BUILTIN: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = crate::story::scenario_list()
            .into_iter()
            .map(|(n, t, _)| (n, t))
            .collect();
        v.push((crate::story::SANDBOX.0.into(), crate::story::SANDBOX.1.into()));
        v
    };
}

/// A story's title and goal in the language shown (tracked): a built-in
/// scenario's (or the sandbox's) from `scenarios.ftl`; any other story (an
/// edited world, a composed message, a file) keeps its own words.
pub fn story_words(name: &str, title: &str, goal: &str) -> (String, String) {
    let builtin = BUILTIN.with(|b| b.iter().any(|(n, t)| n == name && t == title));
    builtin
        .then(|| catalog().scenario(name))
        .flatten()
        .unwrap_or_else(|| (title.to_string(), goal.to_string()))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    use web_sys::wasm_bindgen::JsCast;
    let failed = |_| format!("{url} could not be fetched (offline?)");
    let resp = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(failed)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(failed)?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}

/// The language picker: a labelled list, the languages named in themselves.
#[component]
pub fn LangPicker() -> impl IntoView {
    view! {
        <label class="lang-picker">
            <span class="visually-hidden">{move || t("lang-label")}</span>
            <select
                title=move || t("lang-label")
                prop:value=move || shown().tag()
                on:change:target=move |ev| {
                    if let Some(l) = Lang::from_tag(&ev.target().value()) {
                        switch(l, true);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.tag() lang=l.tag()>{l.native_name()}</option> })
                    .collect_view()}
            </select>
        </label>
        {move || last_error().map(|e| view! { <span class="lang-error" role="status">{format!("{} ({e})", t("lang-unavailable"))}</span> })}
    }
}

#[cfg(test)]
mod tests {
    use protocol_core::i18n::{Catalog, Lang, EN_UI};
    use std::path::Path;

    /// The string literals that follow `marker` in `src`.
    fn literals_after<'a>(src: &'a str, marker: &str) -> Vec<&'a str> {
        src.match_indices(marker)
            // `ta("` but not `data("`: the marker starts a word.
            .filter(|(i, _)| {
                !src[..*i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
            .filter_map(|(i, _)| {
                let rest = &src[i + marker.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .collect()
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// Every message id the page asks for is in locales/en/ui.ftl, so no
    /// learner ever reads an id: the ids in `t("..")`, `ta("..", ..)`,
    /// `say("..", ..)`, and the inboxes', tabs' and help's ids
    /// (`"inbox-..."`, `"inspector-tab-..."`, `"help-..."`).
    #[test]
    fn every_id_the_page_uses_is_in_the_english_file() {
        let english = Catalog::english();
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut ids = Vec::new();
        for f in &files {
            let src = std::fs::read_to_string(f).unwrap();
            for marker in [
                " t(\"",
                "{t(\"",
                "(t(\"",
                "ta(\"",
                "say(\"",
                "\"inbox-",
                "\"help-",
                "\"inspector-tab-",
                "\"telnet-help-",
                // The editor's words chosen from tables (`lab-stage-..`).
                "\"lab-dns-",
                "\"lab-stage-",
                "\"lab-svc-",
                "\"lab-change-",
            ] {
                let prefix = marker.strip_prefix('"').unwrap_or("");
                for lit in literals_after(&src, marker) {
                    ids.push(format!("{prefix}{lit}"));
                }
            }
        }
        for unit in ["second", "minute", "hour", "day"] {
            ids.push(format!("duration-{unit}"));
        }
        use crate::story::HostRole as R;
        for r in [R::Computer, R::IspServer, R::DnsServer, R::MailServer] {
            ids.push(super::slug("role", r.label()));
        }
        assert!(ids.len() > 80, "{}", ids.len());
        let missing: Vec<&String> = ids
            .iter()
            // An id is lower-case words joined by `-` (this file's own
            // comments show `".."` and `"help-..."`, which are not).
            .filter(|id| {
                id.split('-').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
            })
            .filter(|id| EN_UI.find(&format!("\n{id} =")).is_none())
            .collect();
        assert!(missing.is_empty(), "not in locales/en/ui.ftl: {missing:?}");
        assert_eq!(
            english.message("toolbar-play", &[]).as_deref(),
            Some("Play")
        );
        assert_eq!(Lang::from_tag("nl"), Some(Lang::Nl));
    }
}
