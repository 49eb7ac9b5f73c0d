//! Classroom tools: the view kept in the address bar (and read back from a
//! link), Copy link, Presenter mode with its keys, and the downloads. The
//! link format and the files' text live in `crate::link` and
//! `crate::export`; this only talks to the browser.

use super::{use_ctx, Ctx, Shared, Tab};
use crate::i18n::t;
use crate::link::{decode, encode, TabKey, ViewState};
use crate::story::{scenario_list, Story};
use crate::telnet::Console;
use leptos::prelude::*;
use web_sys::wasm_bindgen::closure::Closure;
use web_sys::wasm_bindgen::{JsCast, JsValue};

/// The classroom tools' own signals.
#[derive(Clone, Copy)]
pub struct Classroom {
    pub presenter: RwSignal<bool>,
    /// The screen is blanked (presenter mode's B or .).
    pub blank: RwSignal<bool>,
    /// What Copy link did, or why a link could not be opened.
    pub status: RwSignal<Option<String>>,
    /// The link to copy by hand when the browser refused the clipboard.
    pub manual_copy: RwSignal<Option<String>>,
}

pub fn use_classroom() -> Classroom {
    expect_context::<Classroom>()
}

/// The view a link in the address bar asks for, built before the page is:
/// its story (with the telnet pane's actions replayed into `console`) and
/// the rest of the view. `Err`: the link was there but cannot be opened,
/// with the reason in words.
pub fn from_address_bar(console: RwSignal<Console>) -> Result<Option<(Story, ViewState)>, String> {
    let hash = window().location().hash().unwrap_or_default();
    let Some(view) = decode(&hash)? else {
        return Ok(None);
    };
    let story = story_for(&view, console)?;
    Ok(Some((story, view)))
}

fn story_for(view: &ViewState, console: RwSignal<Console>) -> Result<Story, String> {
    let mut result = Err(String::new());
    console.update(|c| result = crate::link::open(view, c));
    result
}

/// The view the page shows now, as a link would carry it; `None` for a
/// story no link can rebuild (the performance bench).
fn current_view(ctx: Ctx, cl: Classroom, known: &[String]) -> Option<ViewState> {
    let (scenario, seed, draft) = ctx
        .story
        .with(|s| (s.name.clone(), s.seed, s.draft.clone()));
    let console_shown = ctx.console.with(crate::story::console_story_name) == scenario;
    let restorable = console_shown || draft.is_some() || known.contains(&scenario);
    if !restorable {
        return None;
    }
    let tab = match ctx.tab.get() {
        Tab::Line => TabKey::Line,
        Tab::Machine => TabKey::Machine,
        Tab::Message => TabKey::Message,
        Tab::Telnet => TabKey::Telnet,
    };
    let telnet = if console_shown || tab == TabKey::Telnet {
        ctx.console.with(|c| c.actions.clone())
    } else {
        Vec::new()
    };
    Some(ViewState {
        scenario,
        seed,
        step: ctx.player.with(|p| p.position),
        all_steps: !ctx.key_steps.get(),
        tab,
        draft,
        telnet,
        presenter: cl.presenter.get(),
        // English is the default a link need not say; another language rides on it.
        lang: Some(crate::i18n::shown()).filter(|l| *l != protocol_core::i18n::Lang::En),
    })
}

fn address(view: &ViewState) -> String {
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into());
    format!("{path}#{}", encode(view))
}

/// Puts the view shown now into the address bar (`known`: the scenario
/// names a link may carry).
fn write_address(ctx: Ctx, cl: Classroom, known: &[String]) {
    if let Some(v) = untrack(|| current_view(ctx, cl, known)) {
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&address(&v)));
        }
    }
}

/// Sets the page up: the classroom context, the restored view's cursor,
/// tab and modes, the address bar kept in step with the view, and the keys.
pub fn provide(ctx: Ctx, restored: Option<ViewState>, error: Option<String>) {
    let cl = Classroom {
        presenter: RwSignal::new(false),
        blank: RwSignal::new(false),
        status: RwSignal::new(error.map(|e| {
            format!(
                "This link could not be opened: {e}. Showing the start of the seed story instead."
            )
        })),
        manual_copy: RwSignal::new(None),
    };
    provide_context(cl);
    if let Some(v) = restored {
        ctx.player.update(|p| p.seek(v.step));
        ctx.key_steps.set(!v.all_steps);
        ctx.tab.set(match v.tab {
            TabKey::Line => Tab::Line,
            TabKey::Machine => Tab::Machine,
            TabKey::Message => Tab::Message,
            TabKey::Telnet => Tab::Telnet,
        });
        cl.presenter.set(v.presenter);
    }
    // The address bar follows the view, at most a few times a second
    // (browsers throttle history updates); the write reads the view then.
    let pending = StoredValue::new(false);
    let known = StoredValue::new(
        scenario_list()
            .into_iter()
            .map(|(n, _, _)| n)
            .collect::<Vec<_>>(),
    );
    Effect::new(move |_| {
        let _ = known.with_value(|k| current_view(ctx, cl, k));
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                known.with_value(|k| write_address(ctx, cl, k));
            },
            std::time::Duration::from_millis(150),
        );
    });
    // Presenter mode is a class on the root element: the style sheet does the rest.
    Effect::new(move |before: Option<bool>| {
        let on = cl.presenter.get();
        if !on {
            cl.blank.set(false);
        }
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("presenter", on);
        }
        // The sequence diagram measures its rows on resize, and sizes each
        // row's label when the row is made: measure, then remake the rows.
        if before.is_some_and(|b| b != on) || (before.is_none() && on) {
            request_animation_frame(move || {
                if let Ok(e) = web_sys::Event::new("resize") {
                    let _ = window().dispatch_event(&e);
                }
                ctx.generation.update(|g| *g += 1);
            });
        }
        on
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| presenter_keys(ctx, cl, ev));
    on_cleanup(move || keys.remove());
}

/// P, PageDown / PageUp (presentation clickers), B and . (blank), Escape.
fn presenter_keys(ctx: Ctx, cl: Classroom, ev: web_sys::KeyboardEvent) {
    if ctx.dialog_open() {
        return;
    }
    if cl.blank.get_untracked() {
        // Any key brings the screen back, and does nothing else.
        cl.blank.set(false);
        ev.prevent_default();
        ev.stop_immediate_propagation();
        return;
    }
    if !super::is_page_key(&ev) {
        return;
    }
    let key = ev.key();
    let presenting = cl.presenter.get_untracked();
    match key.as_str() {
        "p" | "P" => cl.presenter.set(!presenting),
        "PageDown" => ctx.step_forward(),
        "PageUp" => ctx.step_back(),
        "b" | "B" | "." if presenting => cl.blank.set(true),
        "Escape" if presenting => cl.presenter.set(false),
        _ => return,
    }
    ev.prevent_default();
}

/// Saves `text` as a file named `name`: a Blob, an object URL and a
/// temporary `<a download>` clicked once. Nothing leaves the computer.
pub fn download(name: &str, mime: &str, text: &str) {
    let _ = try_download(name, mime, text);
}

fn try_download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = web_sys::js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document()
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // Revoked a moment later: some browsers read the URL after click().
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(2),
    );
    Ok(())
}

fn copy_link(ctx: Ctx, cl: Classroom) {
    use web_sys::js_sys::{Function, Promise, Reflect};
    // The address bar follows the view a little later (see `provide`): bring
    // it up to date first, so the link copied is the view shown now.
    let names: Vec<String> = scenario_list().into_iter().map(|(n, _, _)| n).collect();
    write_address(ctx, cl, &names);
    let href = window().location().href().unwrap_or_default();
    // navigator.clipboard.writeText(href), asked for by name: the
    // clipboard is missing on pages that are not a secure context.
    let promise = Reflect::get(&window().navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|clip| {
            let f: Function = Reflect::get(&clip, &JsValue::from_str("writeText"))
                .ok()?
                .dyn_into()
                .ok()?;
            f.call1(&clip, &JsValue::from_str(&href))
                .ok()?
                .dyn_into::<Promise>()
                .ok()
        });
    let refused = move |href: String| {
        cl.status.set(Some(t("classroom-copy-refused")));
        cl.manual_copy.set(Some(href));
    };
    let Some(promise) = promise else {
        refused(href);
        return;
    };
    // promise.then(copied, refused), without an async runtime in the bundle.
    let copied = Closure::once_into_js(move |_: JsValue| {
        cl.manual_copy.set(None);
        cl.status.set(Some(t("classroom-copied")));
    });
    let failed = Closure::once_into_js(move |_: JsValue| refused(href));
    let then = Reflect::get(&promise, &JsValue::from_str("then"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &copied, &failed);
    }
}

/// The story's files. The trace is the CLI's `--format json`.
fn download_story(ctx: Ctx, what: &str) {
    let s: Shared<Story> = ctx.story.get_untracked();
    let stem = crate::export::file_stem(&s.name);
    match what {
        "transcript" => download(
            &format!("mailsim-{stem}-transcript.txt"),
            "text/plain;charset=utf-8",
            &crate::export::transcript(&s),
        ),
        "svg" => download(
            &format!("mailsim-{stem}-sequence.svg"),
            "image/svg+xml",
            &crate::export::sequence_svg(&s),
        ),
        _ => match protocol_core::sim::render::json(&s.trace) {
            Ok(j) => download(
                &format!("mailsim-{stem}-trace.json"),
                "application/json",
                &j,
            ),
            Err(e) => use_classroom()
                .status
                .set(Some(format!("The trace could not be written as JSON: {e}"))),
        },
    }
}

/// The toolbar's classroom buttons: Presenter mode, Copy link, downloads.
#[component]
pub fn ClassroomButtons() -> impl IntoView {
    let ctx = use_ctx();
    let cl = use_classroom();
    let pressed = move || if cl.presenter.get() { "true" } else { "false" };
    view! {
        <button class="presenter-btn" aria-pressed=pressed title=move || t("classroom-presenter-title")
            on:click=move |_| cl.presenter.update(|p| *p = !*p)>{move || t("classroom-presenter")}</button>
        <button class="copy-link" title=move || t("classroom-copy-title") on:click=move |_| copy_link(ctx, cl)>{move || t("classroom-copy")}</button>
        <details class="downloads">
            <summary>{move || t("classroom-download")}</summary>
            <div class="download-menu">
                <button on:click=move |_| download_story(ctx, "transcript")>{move || t("classroom-download-transcript")}</button>
                <button on:click=move |_| download_story(ctx, "svg")>{move || t("classroom-download-svg")}</button>
                <button on:click=move |_| download_story(ctx, "json")>{move || t("classroom-download-json")}</button>
            </div>
        </details>
    }
}

/// The line under the toolbar saying what Copy link did (or why a link
/// could not be opened), and the black screen of presenter mode.
#[component]
pub fn ClassroomStatus() -> impl IntoView {
    let cl = use_classroom();
    view! {
        // A live region without role=status: the page's one status line (the
        // step announcements) stays the first [role=status].
        <div class="classroom-status" aria-live="polite">
            {move || cl.status.get().map(|s| view! {
                <p class="link-status">{s}" "
                    <button class="small-btn" on:click=move |_| { cl.status.set(None); cl.manual_copy.set(None); }>{t("classroom-dismiss")}</button>
                </p>
            })}
            {move || cl.manual_copy.get().map(|href| view! {
                <input class="manual-link mono" type="text" readonly="" aria-label=t("classroom-link-label") prop:value=href
                    on:focus:target=move |ev| ev.target().select() />
            })}
        </div>
        <Show when=move || cl.blank.get()>
            <div class="blank-screen" on:click=move |_| cl.blank.set(false)>
                <p class="visually-hidden">"The screen is blank. Press any key to show it again."</p>
            </div>
        </Show>
    }
}
