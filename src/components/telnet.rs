//! The telnet pane: renders [`crate::telnet::Console`] and forwards keys to
//! it. Everything typed goes through the console into the world; after each
//! line the visualizer follows the world's new events.

use super::use_ctx;
use crate::i18n::{t, ta};
use crate::story::{console_story, SANDBOX};
use crate::telnet::{LineKind, SOURCES};
use leptos::html::{Div, Input};
use leptos::prelude::*;
use protocol_core::explain::Arg;
use web_sys::wasm_bindgen::JsCast;

#[component]
pub fn TelnetPane() -> impl IntoView {
    let ctx = use_ctx();
    let console = ctx.console;
    let input = NodeRef::<Input>::new();
    let log = NodeRef::<Div>::new();

    let scroll_down = move || {
        request_animation_frame(move || {
            if let Some(el) = log.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        })
    };
    // Runs an action on the console, then lets the visualizer follow.
    let act = move |f: &dyn Fn(&mut crate::telnet::Console)| {
        let before = console.with_untracked(|c| c.world().trace().len());
        console.update(|c| f(c));
        ctx.sync_console(before);
        scroll_down();
    };
    let submit = move |text: String| act(&|c| c.enter(&text));
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let key = ev.key();
        if ev.ctrl_key() && (key == "]" || ev.code() == "BracketRight") {
            ev.prevent_default();
            act(&|c| c.escape());
            return;
        }
        match key.as_str() {
            "Enter" => {
                ev.prevent_default();
                let text = el.value();
                el.set_value("");
                submit(text);
            }
            "ArrowUp" => {
                ev.prevent_default();
                let cur = el.value();
                if let Some(v) = console
                    .try_update_untracked(|c| c.history.up(&cur))
                    .flatten()
                {
                    el.set_value(&v);
                }
            }
            "ArrowDown" => {
                ev.prevent_default();
                if let Some(v) = console.try_update_untracked(|c| c.history.down()).flatten() {
                    el.set_value(&v);
                }
            }
            _ => {}
        }
    };
    // A paste with line breaks is sent line by line, as a terminal would;
    // an unfinished last line stays in the input.
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        if !text.contains('\n') {
            return;
        }
        ev.prevent_default();
        let Some(el) = input.get_untracked() else {
            return;
        };
        let whole = format!("{}{}", el.value(), text);
        let (ready, rest) = match whole.rfind('\n') {
            Some(i) => (whole[..i].to_string(), whole[i + 1..].to_string()),
            None => (String::new(), whole),
        };
        el.set_value(&rest);
        submit(ready);
    };

    // Predict mode: a server line caused by a step whose question is not
    // answered yet stays hidden, so the log does not give the answer away.
    let cap = move || {
        ctx.predict
            .with(|p| p.as_ref().map_or(usize::MAX, crate::predict::Predict::cap))
    };
    let hidden = |l: &crate::telnet::OutLine, cap: usize| {
        // Everything but the learner's own commands: "Trying 198.51.100.25"
        // would answer a DNS question, "Connection refused" a TCP one.
        l.kind != LineKind::Command && l.upto > cap
    };
    let lines = move || {
        let cap = cap();
        // A language switch redraws every row (the pane's own words change).
        let lang = crate::i18n::shown();
        console.with(|c| {
            let s = c.active_session();
            s.lines
                .iter()
                .map(|l| {
                    if hidden(l, cap) {
                        (
                            s.id,
                            l.key,
                            "t-hidden",
                            t("telnet-predict-hidden"),
                            true,
                            lang,
                        )
                    } else {
                        (s.id, l.key, l.kind.class(), l.text(), false, lang)
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let hint = move || {
        let cap = cap();
        console.with(|c| {
            if c.active_session().lines.iter().any(|l| hidden(l, cap)) {
                crate::telnet::Hint {
                    text: t("telnet-predict-hint"),
                    alert: false,
                }
            } else {
                c.hint()
            }
        })
    };
    let tabs = move || {
        // One name per host: a tab names its host as the map and the lanes do.
        let name = move |h: &str| ctx.story.with(|st| st.host_name(h));
        console.with(|c| {
            c.sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.id, s.title(), i == c.active, s.short_title(&name)))
                .collect::<Vec<_>>()
        })
    };
    let joinable = move || {
        ctx.story
            .with(|s| protocol_core::scenario::builtin(&s.name).map(|sc| (sc.name, sc.title)))
    };
    let world_value = move || console.with(|c| c.world_name.clone());
    let on_world = move |v: String| {
        use crate::link::JoinAt;
        if v == SANDBOX.0 {
            console.update(|c| c.join(JoinAt::Sandbox));
        } else if protocol_core::scenario::builtin(&v).is_some() {
            // Join the story where the visualizer's cursor stands.
            let shown = ctx.story.with_untracked(|s| s.name == v);
            let at = if shown {
                let at = ctx
                    .player
                    .with_untracked(|p| p.current())
                    .and_then(|i| ctx.story.with_untracked(|s| s.trace.get(i).map(|e| e.time)));
                JoinAt::At(v.clone(), at.map(|t| t.as_micros()))
            } else {
                JoinAt::End(v.clone())
            };
            console.update(|c| c.join(at));
        }
        let story = console.with_untracked(console_story);
        ctx.load(story);
        ctx.player.update(|p| p.end());
        scroll_down();
    };
    let focus_input = move || {
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };

    view! {
        <section class="telnet" aria-label="Telnet">
            <div class="telnet-bar">
                <div class="telnet-tabs" role="tablist" aria-label="Telnet sessions">
                    <For each=tabs key=|t| (t.1, t.2.clone(), t.3, t.4.clone()) let:t>
                        <button
                            role="tab"
                            class="ttab"
                            aria-selected=if t.3 { "true" } else { "false" }
                            tabindex=if t.3 { "0" } else { "-1" }
                            title=t.2.clone()
                            on:click=move |_| {
                                console.update(|c| c.select(t.0));
                                focus_input();
                                scroll_down();
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                // The tabs pattern (WAI-ARIA APG): arrows move between sessions.
                                let n = console.with_untracked(|c| c.sessions.len());
                                let to = match ev.key().as_str() {
                                    "ArrowRight" => (t.0 + 1) % n,
                                    "ArrowLeft" => (t.0 + n - 1) % n,
                                    "Home" => 0,
                                    "End" => n - 1,
                                    _ => return,
                                };
                                ev.prevent_default();
                                ev.stop_propagation();
                                console.update(|c| c.select(to));
                                scroll_down();
                                request_animation_frame(|| {
                                    if let Some(el) = document()
                                        .query_selector(".telnet-tabs [aria-selected=true]")
                                        .ok()
                                        .flatten()
                                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                                    {
                                        let _ = el.focus();
                                    }
                                });
                            }
                        >{format!("{} {}", t.1, t.4)}</button>
                    </For>
                </div>
                <button class="ttab new" aria-label=move || t("telnet-new-tab-label") title=move || t("telnet-new-tab-title") on:click=move |_| {
                        console.update(|c| c.new_tab());
                        focus_input();
                    }>"+"</button>
                <label class="tsel">
                    {move || t("telnet-from")}" "
                    <select
                        aria-label=move || t("telnet-from-label")
                        prop:value=move || console.with(|c| c.source.clone())
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            console.update(|c| c.set_source(&v));
                            scroll_down();
                        }
                    >
                        {SOURCES.iter().map(|(id, label)| view! { <option value=*id>{*label}</option> }).collect_view()}
                    </select>
                </label>
                <label class="tsel">
                    {move || t("telnet-world")}" "
                    <select
                        aria-label=move || t("telnet-world-label")
                        prop:value=world_value
                        on:change:target=move |ev| on_world(ev.target().value())
                    >
                        <option value=SANDBOX.0>{move || t("telnet-world-sandbox")}</option>
                        {move || {
                            let current = console.with(|c| (c.world_name.clone(), c.world_title.clone()));
                            let title = |n: &str, title: &str| crate::i18n::story_words(n, title, "").0;
                            let mut opts = Vec::new();
                            if current.0 != SANDBOX.0 {
                                let tt = title(&current.0, &current.1);
                                opts.push((current.0.clone(), ta("telnet-world-joined", &[("title", Arg::Str(&tt))])));
                            }
                            if let Some((n, tt)) = joinable() {
                                if n != current.0 {
                                    let tt = title(&n, &tt);
                                    opts.push((n, ta("telnet-world-join", &[("title", Arg::Str(&tt))])));
                                }
                            }
                            opts.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()
                        }}
                    </select>
                </label>
            <button class="ttab download-session" title=move || t("telnet-download-title")
                on:click=move |_| console.with_untracked(|c| super::download("mailsim-telnet-session.txt", "text/plain;charset=utf-8", &crate::export::telnet_transcript(c)))>{move || t("telnet-download")}</button>
            </div>
            <div class="telnet-log mono" role="log" aria-live="polite" aria-label=move || t("telnet-output-label") node_ref=log tabindex="0">
                <For each=lines key=|l| (l.0, l.1, l.4, l.5) let:l>
                    <div class=format!("tl {}", l.2)>{l.3}</div>
                </For>
            </div>
            // Not live: the log announces the reply once; the hint is read on demand.
            <p class="telnet-hint" class:alert=move || hint().alert>{move || hint().text}</p>
            <div class="telnet-input">
                <label class="prompt mono" for="telnet-input">{move || console.with(|c| c.prompt())}</label>
                <input
                    id="telnet-input"
                    class="mono"
                    type="text"
                    aria-label=move || t("telnet-input-label")
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    placeholder=move || if console.with(|c| c.active_session().connected()) { t("telnet-input-connected") } else { "telnet mail.dave.example 25".to_string() }
                    node_ref=input
                    on:keydown=on_key
                    on:paste=on_paste
                />
            </div>
        </section>
    }
}

/// Opens the sandbox in the visualizer (the scenario picker's entry).
pub fn show_console_story(ctx: super::Ctx) {
    let story = ctx.console.with_untracked(console_story);
    ctx.load(story);
    ctx.player.update(|p| p.end());
    ctx.tab.set(super::Tab::Telnet);
    request_animation_frame(|| {
        if let Some(el) = document()
            .get_element_by_id("telnet-input")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
