//! Scenario picker, compose, playback buttons, speed, scrubber, help, theme.

use super::use_ctx;
use crate::state::{Player, SPEEDS};
use crate::story::{builtin_story, scenario_list};
use leptos::prelude::*;

/// Transport icons drawn as SVG, so they show on machines without symbol fonts.
fn icon(d: &'static str) -> impl IntoView {
    view! {
        <svg class="ticon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=d />
        </svg>
    }
}
const RESTART: &str = "M5 4h3v16H5z M20 4v16L9 12z";
const BACK: &str = "M4 4h3v16H4z M19 4v16L8 12z";
const PLAY: &str = "M6 4l14 8-14 8z";
const PAUSE: &str = "M6 4h4v16H6z M14 4h4v16h-4z";
const FORWARD: &str = "M5 4v16l11-8z M17 4h3v16h-3z";

#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = use_ctx();
    let scenarios = StoredValue::new(scenario_list());
    let player = ctx.player;
    let playing = move || player.with(|p| p.playing);
    let title = move || ctx.story.with(|s| s.title.clone());
    let selected = move || ctx.story.with(|s| s.name.clone());
    let pick = move |name: String| {
        if name == crate::story::SANDBOX.0 {
            super::show_console_story(ctx);
        } else if let Some(s) = builtin_story(&name) {
            ctx.load(s);
        }
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
        <header class="toolbar">
            <h1>"MailSim"</h1>
            <label class="picker">
                <span class="visually-hidden">"Scenario"</span>
                <select
                    aria-label="Scenario"
                    prop:value=selected
                    on:change:target=move |ev| pick(ev.target().value())
                >
                    {move || {
                        let current = selected();
                        let mut opts: Vec<_> = scenarios
                            .get_value()
                            .into_iter()
                            .map(|(name, title, goal)| {
                                let sel = name == current;
                                view! { <option value=name selected=sel title=goal>{title}</option> }
                            })
                            .collect();
                        opts.push(view! { <option value=crate::story::SANDBOX.0.to_string() selected=current == crate::story::SANDBOX.0 title=crate::story::SANDBOX.2.to_string()>{crate::story::SANDBOX.1.to_string()}</option> });
                        if current != crate::story::SANDBOX.0 && !scenarios.with_value(|l| l.iter().any(|(n, _, _)| *n == current)) {
                            opts.push(view! { <option value=current.clone() selected=true title=ctx.story.with(|s| s.goal.clone())>{title()}</option> });
                        }
                        opts
                    }}
                </select>
            </label>
            <button class="compose-btn" on:click=move |_| ctx.compose_open.set(true)>"Write a message"</button>
            <div class="transport" role="group" aria-label="Playback">
                <button aria-label="Restart" title="Restart (Home)" on:click=move |_| player.update(Player::restart)>{icon(RESTART)}</button>
                <button aria-label="Step back" title="Step back (←)" on:click=move |_| player.update(Player::step_back)>{icon(BACK)}</button>
                <button
                    class="play"
                    aria-label=move || if playing() { "Pause" } else { "Play" }
                    title=move || if playing() { "Pause (space)" } else { "Play (space)" }
                    on:click=move |_| player.update(Player::toggle)
                >
                    {move || if playing() { icon(PAUSE) } else { icon(PLAY) }}
                </button>
                <button
                    aria-label="Step forward"
                    title="Step forward (→)"
                    on:click=move |_| player.update(|p| { p.pause(); p.step_forward() })
                >{icon(FORWARD)}</button>
            </div>
            <label class="speed">
                "Speed "
                <select
                    aria-label="Speed"
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
            <button class="icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" on:click=move |_| ctx.help_open.set(true)>"?"</button>
            <button
                class="icon"
                aria-label=move || if ctx.dark.get() == Some(true) { "Light theme" } else { "Dark theme" }
                title="Switch light / dark theme"
                on:click=move |_| {
                    let system_dark = super::media_matches("(prefers-color-scheme: dark)");
                    ctx.dark.update(|d| *d = Some(!d.unwrap_or(system_dark)));
                }
            >{move || if ctx.dark.get() == Some(true) { "Light" } else { "Dark" }}</button>
        </header>
        <div class="scrubber-row">
            <span class="story-title" title=move || ctx.story.with(|s| format!("Goal: {}", s.goal))>{title}</span>
            <input
                type="range"
                class="scrubber"
                aria-label="Position in the trace"
                min="0"
                max=move || player.with(|p| p.len.to_string())
                prop:value=move || player.with(|p| p.position.to_string())
                on:input:target=move |ev| {
                    if let Ok(v) = ev.target().value().parse::<usize>() {
                        player.update(|p| p.seek(v));
                    }
                }
            />
            <span class="position" aria-live="off">
                {move || player.with(|p| format!("{} / {}", p.position, p.len))}
            </span>
            <span class="vtime" title="Virtual time in the simulated world">{time_now}</span>
        </div>
    }
}
