//! Scenario picker, compose, playback buttons, speed, scrubber, help, theme.

use super::use_ctx;
use crate::i18n::{catalog, num, t, ta};
use crate::state::{explanation_keys, Player, SPEEDS};
use crate::story::{builtin_story, scenario_list};
use leptos::prelude::*;
use protocol_core::explain::{lookup, Words};

/// Transport icons drawn as SVG, so they show on machines without symbol fonts.
fn icon(d: &'static str) -> impl IntoView {
    view! {
        <svg class="ticon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=d />
        </svg>
    }
}
// Restart is a circular arrow and "to the end" a double triangle with a
// bar, so neither looks like a single step.
const RESTART: &str = "M12 4a8 8 0 1 1-7.4 5h2.3A6 6 0 1 0 12 6v3L7 5l5-4z";
const BACK: &str = "M4 4h3v16H4z M19 4v16L8 12z";
const PLAY: &str = "M6 4l14 8-14 8z";
const PAUSE: &str = "M6 4h4v16H6z M14 4h4v16h-4z";
const FORWARD: &str = "M5 4v16l11-8z M17 4h3v16h-3z";
const TO_END: &str = "M2 4v16l9-8z M11 4v16l9-8z M20 4h2v16h-2z";

#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = use_ctx();
    let scenarios = StoredValue::new(scenario_list());
    let player = ctx.player;
    let playing = move || player.with(|p| p.playing);
    let title = move || {
        ctx.story
            .with(|s| crate::i18n::story_words(&s.name, &s.title, &s.goal).0)
    };
    let selected = move || ctx.story.with(|s| s.name.clone());
    let pick = move |name: String| {
        if name == crate::story::SANDBOX.0 {
            super::show_console_story(ctx);
        } else if let Some(s) = builtin_story(&name) {
            ctx.load(s);
        }
    };
    // The scenario chosen in the picker but not opened yet: the picker
    // switches on confirm (Enter or the Open button), so browsing it with
    // the arrow keys does not throw away the story being shown.
    let pending = RwSignal::new(None::<String>);
    let confirm = move || {
        if let Some(name) = pending.get_untracked() {
            pending.set(None);
            if name != selected() {
                pick(name);
            }
        }
    };
    let can_open = move || pending.get().is_some_and(|n| n != selected());
    let at_start = move || player.with(|p| p.position == 0);
    let at_end = move || player.with(|p| p.at_end());
    let empty = move || player.with(|p| p.len == 0);
    let disabled = |f: bool| if f { "true" } else { "false" };
    // "step 12 of 113: RCPT TO:<dave@dave.example> (Recipient)"
    let value_text = move || {
        let p = player.get();
        let words = catalog();
        ctx.story.with(
            |s| match p.current().and_then(|i| s.trace.get(i).map(|e| (i, e))) {
                None => ta("scrubber-start", &[("len", num(p.len))]),
                Some((i, e)) => {
                    let what = crate::state::what_happened(e, &|h| s.host_name(h), &*words);
                    let step = ta(
                        "scrubber-step",
                        &[("n", num(p.position)), ("len", num(p.len))],
                    );
                    match explanation_keys(&s.trace, i)
                        .first()
                        .and_then(|k| lookup(k))
                    {
                        Some(x) => format!("{step}: {what} ({})", words.title(x)),
                        None => format!("{step}: {what}"),
                    }
                }
            },
        )
    };
    let time_now = move || {
        let p = player.get();
        ctx.story.with(|s| {
            p.current()
                .and_then(|i| s.trace.get(i))
                .map(|e| e.time.to_string())
                .unwrap_or_else(|| "0:00:00.000".into())
        })
    };

    view! {
        <header class="masthead">
        <div class="toolbar">
            <h1>"MailSim"</h1>
            <div class="picker">
                <select
                    aria-label=move || t("toolbar-scenario")
                    prop:value=move || pending.get().unwrap_or_else(selected)
                    on:change:target=move |ev| pending.set(Some(ev.target().value()))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            confirm();
                        }
                    }
                >
                    {move || {
                        let current = selected();
                        let mut opts: Vec<_> = scenarios
                            .get_value()
                            .into_iter()
                            .map(|(name, title, goal)| {
                                let (title, goal) = crate::i18n::story_words(&name, &title, &goal);
                                let sel = name == current;
                                view! { <option value=name selected=sel title=goal>{title}</option> }
                            })
                            .collect();
                        let (sandbox_title, sandbox_goal) = crate::i18n::story_words(crate::story::SANDBOX.0, crate::story::SANDBOX.1, crate::story::SANDBOX.2);
                        opts.push(view! { <option value=crate::story::SANDBOX.0.to_string() selected=current == crate::story::SANDBOX.0 title=sandbox_goal>{sandbox_title}</option> });
                        if current != crate::story::SANDBOX.0 && !scenarios.with_value(|l| l.iter().any(|(n, _, _)| *n == current)) {
                            opts.push(view! { <option value=current.clone() selected=true title=ctx.story.with(|s| s.goal.clone())>{title()}</option> });
                        }
                        opts
                    }}
                </select>
                <button
                    class="open-btn"
                    class:ready=can_open
                    aria-disabled=move || disabled(!can_open())
                    title=move || t("toolbar-open-title")
                    on:click=move |_| confirm()
                >{move || t("toolbar-open")}</button>
            </div>
            <button class="compose-btn" on:click=move |_| ctx.compose_open.set(true)>{move || t("toolbar-compose")}</button>
            <button
                class="predict-btn"
                aria-pressed=move || if ctx.predict.with(Option::is_some) { "true" } else { "false" }
                title=move || t("toolbar-predict-title")
                on:click=move |_| ctx.set_predict(ctx.predict.with_untracked(Option::is_none))
            >{move || t("toolbar-predict")}</button>
            <super::lab::EditButton />
            <div class="transport" role="group" aria-label=move || t("toolbar-playback")>
                <button aria-label=move || t("toolbar-restart") title=move || t("toolbar-restart-title") aria-disabled=move || disabled(at_start() && !playing())
                    on:click=move |_| player.update(Player::restart)>{icon(RESTART)}</button>
                <button aria-label=move || t("toolbar-back") title=move || t("toolbar-back-title") aria-disabled=move || disabled(at_start())
                    on:click=move |_| ctx.step_back()>{icon(BACK)}</button>
                <button
                    class="play"
                    aria-label=move || if playing() { t("toolbar-pause") } else { t("toolbar-play") }
                    title=move || if playing() { t("toolbar-pause-title") } else { t("toolbar-play-title") }
                    aria-disabled=move || disabled(empty())
                    on:click=move |_| player.update(Player::toggle)
                >
                    {move || if playing() { icon(PAUSE) } else { icon(PLAY) }}
                </button>
                <button
                    aria-label=move || t("toolbar-forward")
                    title=move || t("toolbar-forward-title")
                    aria-disabled=move || disabled(at_end())
                    on:click=move |_| ctx.step_forward()
                >{icon(FORWARD)}</button>
                <button aria-label=move || t("toolbar-end") title=move || t("toolbar-end-title") aria-disabled=move || disabled(at_end())
                    on:click=move |_| player.update(Player::end)>{icon(TO_END)}</button>
            </div>
            <label class="speed">
                {move || t("toolbar-speed")}" "
                <select
                    prop:value=move || player.with(|p| p.speed.to_string())
                    on:change:target=move |ev| {
                        if let Ok(i) = ev.target().value().parse::<usize>() {
                            player.update(|p| p.speed = i.min(SPEEDS.len() - 1));
                        }
                    }
                >
                    {SPEEDS
                        .iter()
                        .enumerate()
                        .map(|(i, s)| view! { <option value=i.to_string()>{format!("{}x", crate::num::fixed(*s, 2))}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
        <div class="scrubber-row">
            <span class="story-title">{title}</span>
            <input
                type="range"
                class="scrubber"
                aria-label=move || t("scrubber-label")
                aria-valuetext=value_text
                min="0"
                max=move || player.with(|p| p.len.to_string())
                prop:value=move || player.with(|p| p.position.to_string())
                on:input:target=move |ev| {
                    if let Ok(v) = ev.target().value().parse::<usize>() {
                        player.update(|p| p.seek(v));
                    }
                }
            />
            <span class="position" aria-hidden="true">
                {move || player.with(|p| format!("{} / {}", p.position, p.len))}
            </span>
            <span class="vtime" title=move || t("scrubber-vtime-title")>
                <span class="visually-hidden">{move || t("scrubber-vtime")}" "</span>{time_now}
            </span>
            // The classroom tools, the keyboard help and the theme share this
            // row, so the toolbar above stays one line at 1280 px.
            <label class="keysteps" title=move || t("toolbar-keysteps-title")>
                <input type="checkbox" prop:checked=move || ctx.key_steps.get()
                    on:change:target=move |ev| ctx.key_steps.set(ev.target().checked()) />
                {move || t("toolbar-keysteps")}
            </label>
            <div class="classroom-tools">
                <super::classroom::ClassroomButtons />
                <crate::i18n::LangPicker />
                <button class="icon" aria-label=move || t("toolbar-shortcuts") title=move || t("toolbar-shortcuts-title") on:click=move |_| ctx.help_open.set(true)>"?"</button>
                // The theme as a choice that shows what it is now: "◐ System"
                // (as the system setting says), "☀ Light" or "☾ Dark" (a
                // toggle named "Dark" could not say whether the page was dark
                // already).
                <label class="theme" title=move || t("toolbar-theme-title")>
                    <span class="visually-hidden">{move || t("toolbar-theme")}</span>
                    <select
                        prop:value=move || match ctx.dark.get() { None => "system", Some(false) => "light", Some(true) => "dark" }
                        on:change:target=move |ev| ctx.dark.set(match ev.target().value().as_str() {
                            "light" => Some(false),
                            "dark" => Some(true),
                            _ => None,
                        })
                    >
                        <option value="system">{move || t("theme-system")}</option>
                        <option value="light">{move || t("theme-light")}</option>
                        <option value="dark">{move || t("theme-dark")}</option>
                    </select>
                </label>
            </div>
        </div>
        </header>
    }
}
