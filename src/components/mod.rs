//! The page. Components stay thin: they read the shared context and render
//! what `crate::state` derives; writes go through [`Ctx`].

mod classroom;
mod dialogs;
pub mod lab;
mod mailboxes;
mod map;
mod panels;
mod predict;
mod sequence;
mod telnet;
mod toolbar;

use crate::state::{Player, Snapshot};
use crate::story::{builtin_story, console_story, Story, SANDBOX};
use crate::telnet::Console;
use leptos::prelude::*;
use std::sync::Arc;

/// A shared value compared by identity, so memos do not deep-compare traces.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The inspector's views; the telnet pane is one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Line,
    Machine,
    Message,
    Telnet,
}

/// Everything the components share. All fields are signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub story: RwSignal<Shared<Story>>,
    /// Bumped on every new story, so keyed lists rebuild their rows.
    pub generation: RwSignal<u32>,
    pub player: RwSignal<Player>,
    /// `performance.now()` of the latest animation frame.
    pub clock: RwSignal<f64>,
    /// When the current event became current.
    pub step_started: RwSignal<f64>,
    pub snapshot: Memo<Shared<Snapshot>>,
    pub reduced_motion: bool,
    pub looping: StoredValue<bool>,
    pub help_open: RwSignal<bool>,
    pub compose_open: RwSignal<bool>,
    /// (whose inbox, uid) of the message opened in the viewer.
    pub open_message: RwSignal<Option<(String, String)>>,
    pub dark: RwSignal<Option<bool>>,
    /// The inspector's open view.
    pub tab: RwSignal<Tab>,
    /// The telnet pane: its world and sessions.
    pub console: RwSignal<Console>,
    /// Play and step through the key steps only (the wire, DNS, queue and
    /// mailbox changes), passing over the sessions' own state changes.
    pub key_steps: RwSignal<bool>,
    /// What the screen reader is told, once per step (see `announce`).
    pub announcement: RwSignal<String>,
    /// The next step from the cursor and how long (ms at 1x) to wait for
    /// it, worked out once per step rather than on every frame.
    pub next_step: Memo<(usize, f64)>,
    /// The page is being printed: the whole sequence diagram and the
    /// transcript are laid out (the diagram is windowed on screen).
    pub printing: RwSignal<bool>,
    /// Predict mode: the questions, answers and score (None: off).
    pub predict: RwSignal<Option<crate::predict::Predict>>,
}

impl Ctx {
    pub fn load(&self, story: Story) {
        let len = story.trace.len();
        let speed = self.player.get_untracked().speed;
        self.story.set(Shared(Arc::new(story)));
        self.generation.update(|g| *g += 1);
        self.open_message.set(None);
        self.player.set(Player {
            speed,
            ..Player::new(len)
        });
        if self.predict.with_untracked(Option::is_some) {
            self.set_predict(true);
        }
    }
    /// Turns Predict mode on (from the start of the story, score at 0) or off.
    pub fn set_predict(&self, on: bool) {
        let p = on.then(|| {
            self.story.with_untracked(|s| {
                crate::predict::Predict::new(&s.trace, &s.name, &|h| s.host_name(h))
            })
        });
        self.predict.set(p);
        if on {
            self.player.update(Player::restart);
        }
        self.apply_cap();
    }
    /// Holds the player before the first unanswered question.
    fn apply_cap(&self) {
        let cap = self
            .predict
            .with_untracked(|p| p.as_ref().map_or(usize::MAX, crate::predict::Predict::cap));
        if self.player.with_untracked(|p| p.cap) != cap {
            self.player.update(|pl| pl.set_cap(cap));
        }
    }
    /// The class answers the question on `event` with `choice`: the step
    /// it asked about is shown, with the feedback.
    pub fn answer(&self, event: usize, choice: usize) {
        let mut done = None;
        self.predict.update(|p| {
            if let Some(p) = p {
                done = p.answer(event, choice);
            }
        });
        if done.is_some() {
            self.apply_cap();
            self.player.update(|pl| {
                pl.pause();
                pl.seek(event + 1)
            });
        }
    }
    /// Whether a question waits before the next step (tracked, for views).
    pub fn pending_question_tracked(&self) -> bool {
        let pos = self.player.with(|p| p.position);
        self.predict
            .with(|p| p.as_ref().is_some_and(|p| p.pending(pos).is_some()))
    }
    /// The question waiting before the next step, as (event, choices).
    pub fn pending_question(&self) -> Option<(usize, usize)> {
        let pos = self.player.with_untracked(|p| p.position);
        self.predict.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.pending(pos))
                .map(|q| (q.event, q.choices.len()))
        })
    }
    /// After the telnet pane's world ran (it had `before` events): show its
    /// story, grown by the new events, and play them so the cursor follows.
    pub fn sync_console(&self, before: usize) {
        let want = self.console.with_untracked(console_story_name);
        let showing = self.story.with_untracked(|s| s.name == want);
        if showing {
            let len = self.console.with_untracked(|c| c.world().trace().len());
            if self.story.with_untracked(|s| s.trace.len()) != len {
                // In place: the trace is copied only if someone else holds it.
                self.console.with_untracked(|c| {
                    self.story
                        .update(|s| Arc::make_mut(&mut s.0).extend_from(c.world()))
                });
                self.refresh_predict();
                self.player.update(|p| p.follow(before, len));
            }
        } else {
            let s = self.console.with_untracked(console_story);
            let len = s.trace.len();
            self.load(s);
            self.player.update(|p| {
                p.position = before.min(p.limit());
                p.follow(before, len)
            });
        }
    }
    /// One step forward (a key step in the key-steps view), paused.
    pub fn step_forward(&self) {
        let key = self.key_steps.get_untracked();
        let pos = self.player.with_untracked(|p| p.position);
        let next = self
            .story
            .with_untracked(|s| crate::state::next_position(&s.trace, pos, key));
        self.player.update(|p| {
            p.pause();
            p.seek(next)
        });
    }
    /// One step back (a key step in the key-steps view), paused.
    pub fn step_back(&self) {
        let key = self.key_steps.get_untracked();
        let pos = self.player.with_untracked(|p| p.position);
        let prev = self
            .story
            .with_untracked(|s| crate::state::prev_position(&s.trace, pos, key));
        self.player.update(|p| {
            p.pause();
            p.seek(prev)
        });
    }
    /// The telnet pane's trace grew: questions for the new steps.
    fn refresh_predict(&self) {
        if self.predict.with_untracked(Option::is_some) {
            self.story.with_untracked(|s| {
                self.predict.update(|p| {
                    if let Some(p) = p {
                        p.refresh(&s.trace, &s.name, &|h| s.host_name(h))
                    }
                })
            });
            self.apply_cap();
        }
    }
    pub fn dialog_open(&self) -> bool {
        self.help_open.get_untracked()
            || self.compose_open.get_untracked()
            || self.open_message.with_untracked(Option::is_some)
            || use_context::<lab::Lab>().is_some_and(|l| l.open.get_untracked())
    }
    /// The name a student reads for a host id (the short DNS name).
    pub fn host_name(&self, id: &str) -> String {
        self.story.with_untracked(|s| s.host_name(id))
    }
    /// Elapsed real time (ms, already divided by the speed) in the current event.
    pub fn elapsed_scaled(&self) -> f64 {
        let p = self.player.get_untracked();
        (self.clock.get() - self.step_started.get()).max(0.0) * p.speed_factor()
    }
}

fn console_story_name(c: &Console) -> String {
    crate::story::console_story_name(c)
}

/// A message's header fields, the trace fields (`Received:`, `Return-Path:`)
/// lit up: the Message tab and the message viewer share it.
pub fn header_list(headers: &[(String, String)]) -> impl IntoView {
    let mut explained = false;
    let rows = headers
        .iter()
        .map(|(n, v)| {
            let trace = n.eq_ignore_ascii_case("Received") || n.eq_ignore_ascii_case("Return-Path");
            // Encoded-words as they travel, and what they say (RFC 2047).
            let reads = crate::words::decode(v).map(|d| {
                view! { <dd class="decoded">{format!("reads: {d}")}<span class="muted small">" (RFC 2047 encoded-words)"</span></dd> }
            });
            // The clauses of the first Received line, explained once.
            let keys = protocol_core::explain::field_keys(n, v);
            let notes = (!explained && !keys.is_empty()).then(|| {
                explained = true;
                view! { <dd class="notes">{field_notes("What the parts of a Received line mean", keys)}</dd> }
            });
            view! { <div class="hdr" class:trace-hdr=trace><dt>{format!("{n}:")}</dt><dd>{v.clone()}</dd>{reads}{notes}</div> }
        })
        .collect_view();
    view! { <dl class="hdrs mono">{rows}</dl> }
}

/// The core's explanations of `keys` (a field's parts, a report's
/// fields), folded away under `summary`.
pub fn field_notes(summary: &'static str, keys: Vec<&'static str>) -> impl IntoView {
    let items = keys
        .into_iter()
        .filter_map(protocol_core::explain::lookup)
        .map(|x| view! { <li><b>{x.title}</b>{format!(": {} ({})", x.text, x.rfc)}</li> })
        .collect_view();
    view! { <details class="field-notes"><summary>{summary}</summary><ul>{items}</ul></details> }
}

/// For a bounce: what the fields of its delivery report mean (RFC 3464).
pub fn report_notes(message: &str) -> Option<impl IntoView> {
    let keys: Vec<&'static str> = protocol_core::explain::message_field_keys(message)
        .into_iter()
        .filter(|k| k.starts_with("dsn."))
        .collect();
    (!keys.is_empty()).then(|| field_notes("What the fields of the delivery report mean", keys))
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

pub use classroom::download;
pub use telnet::show_console_story;

/// Whether a CSS media query matches now (false if it cannot be asked).
pub fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

pub fn perf_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == name).then(|| v.to_string())
    })
}

/// The animation loop: runs while playing or while a packet is still moving,
/// advancing the cursor when the current event's (compressed) time is up.
fn frame(ctx: Ctx) {
    let now = perf_now();
    ctx.clock.set(now);
    let p = ctx.player.get_untracked();
    let started = ctx.step_started.get_untracked();
    if p.playing {
        let (next, wait) = ctx.next_step.get_untracked();
        if now - started >= wait / p.speed_factor() {
            ctx.player.update(|p| p.advance_to(next));
            ctx.step_started.set(now);
        }
    }
    let moving = (now - started) * p.speed_factor() < map::PACKET_MS + 50.0;
    if ctx.player.get_untracked().playing || (moving && !ctx.reduced_motion) {
        request_animation_frame(move || frame(ctx));
    } else {
        ctx.looping.set_value(false);
    }
}

fn start_loop(ctx: Ctx) {
    if !ctx.looping.get_value() {
        ctx.looping.set_value(true);
        request_animation_frame(move || frame(ctx));
    }
}

/// Whether a key press is for the page's shortcuts: not typed into a
/// field, not on a region or widget with keys of its own, no Ctrl, Alt or
/// Meta.
pub(crate) fn is_page_key(ev: &web_sys::KeyboardEvent) -> bool {
    use web_sys::wasm_bindgen::JsCast;
    let typing = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || (el.tag_name() == "BUTTON" && ev.key() == " ")
        })
        .unwrap_or(false);
    // On a focused region that scrolls (narration, inspector, telnet log)
    // or a widget with keys of its own (tabs, the diagram), the keys are
    // theirs: the page's shortcuts apply on the page and on plain buttons.
    let own_keys = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            !matches!(el.tag_name().as_str(), "BODY" | "HTML" | "BUTTON")
                || el.get_attribute("role").is_some_and(|r| r == "tab")
        });
    !(typing || own_keys || ev.ctrl_key() || ev.meta_key() || ev.alt_key())
}

fn keyboard(ctx: Ctx, ev: web_sys::KeyboardEvent) {
    if !is_page_key(&ev) {
        return;
    }
    // A dialog handles its own keys (Tab stays inside, Escape closes it).
    if ctx.dialog_open() {
        return;
    }
    let key = ev.key();
    if let (Some((event, n)), Ok(k)) = (ctx.pending_question(), key.parse::<usize>()) {
        if (1..=n).contains(&k) {
            ev.prevent_default();
            ctx.answer(event, k - 1);
            return;
        }
    }
    let handled = match key.as_str() {
        " " | "k" => {
            ctx.player.update(Player::toggle);
            true
        }
        "ArrowRight" | "l" => {
            ctx.step_forward();
            true
        }
        "ArrowLeft" | "j" => {
            ctx.step_back();
            true
        }
        "Home" => {
            ctx.player.update(Player::restart);
            true
        }
        "End" => {
            ctx.player.update(Player::end);
            true
        }
        "+" | "=" | "ArrowUp" => {
            ctx.player.update(Player::faster);
            true
        }
        "-" | "ArrowDown" => {
            ctx.player.update(Player::slower);
            true
        }
        "?" => {
            ctx.help_open.set(true);
            true
        }
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// Tells a screen reader about each step, once, when the cursor has stayed
/// on it for a moment: scrubbing or pressing an arrow key quickly says only
/// where it stopped, and playing waits for the step's reading time anyway.
/// In the telnet pane the log speaks (the reply, once) and this stays quiet.
fn announce(ctx: Ctx) {
    Effect::new(move |_| {
        let pos = ctx.player.with(|p| p.position);
        let generation = ctx.generation.get();
        if ctx.tab.get_untracked() == Tab::Telnet {
            return;
        }
        set_timeout(
            move || {
                let still = ctx.player.with_untracked(|p| p.position) == pos
                    && ctx.generation.get_untracked() == generation;
                if !still || ctx.tab.get_untracked() == Tab::Telnet {
                    return;
                }
                let words = untrack(crate::i18n::catalog);
                let question = ctx.predict.with_untracked(|p| {
                    let q = p.as_ref()?.pending(pos)?;
                    let choices = q
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            format!("{}: {}", i + 1, protocol_core::quiz::label_in(c, &*words))
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    Some(crate::i18n::ta(
                        "predict-announce",
                        &[
                            (
                                "prompt",
                                protocol_core::explain::Arg::Str(&protocol_core::quiz::prompt_in(
                                    q, &*words,
                                )),
                            ),
                            ("choices", protocol_core::explain::Arg::Str(&choices)),
                        ],
                    ))
                });
                if let Some(q) = question {
                    ctx.announcement.set(q);
                    return;
                }
                let words = untrack(crate::i18n::catalog);
                let text = ctx.story.with_untracked(|s| {
                    use crate::i18n::{num, ta};
                    let len = s.trace.len();
                    let at = [("n", num(pos)), ("len", num(len))];
                    match pos.checked_sub(1) {
                        None => {
                            let (title, goal) =
                                crate::i18n::story_words(&s.name, &s.title, &s.goal);
                            format!("{title}: {} {goal}", crate::i18n::t("announce-start"))
                        }
                        Some(i) => {
                            // A jump in virtual time is said with its step, so
                            // the map's caption need not speak on its own.
                            let gap = crate::state::gap_before(&s.trace, i)
                                .map(|g| format!("… {} … ", crate::state::gap_caption(g, &*words)))
                                .unwrap_or_default();
                            format!(
                                "{} {gap}{}",
                                ta(
                                    if pos == len {
                                        "announce-end"
                                    } else {
                                        "announce-step"
                                    },
                                    &at
                                ),
                                crate::state::narration_text(
                                    &s.trace,
                                    i,
                                    &|h| s.host_name(h),
                                    &*words
                                )
                            )
                        }
                    }
                });
                ctx.announcement.set(text);
            },
            std::time::Duration::from_millis(700),
        );
    });
}

const THEME_KEY: &str = "mailsim-theme";

/// The theme the user picked on an earlier visit, if any.
fn saved_theme() -> Option<bool> {
    let store = window().local_storage().ok().flatten()?;
    match store.get_item(THEME_KEY).ok().flatten()?.as_str() {
        "dark" => Some(true),
        "light" => Some(false),
        _ => None,
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let console = RwSignal::new(Console::sandbox());
    // A link to a step (the address bar's #v=...) comes first.
    let (linked, link_error) = match classroom::from_address_bar(console) {
        Ok(found) => (found, None),
        Err(e) => (None, Some(e)),
    };
    let (linked_story, linked_view) = linked.map_or((None, None), |(s, v)| (Some(s), Some(v)));
    // The language: the link's, the one picked before, else the browser's.
    crate::i18n::provide(crate::i18n::initial(
        linked_view.as_ref().and_then(|v| v.lang),
    ));
    let sandbox_first = query_param("scenario").as_deref() == Some(SANDBOX.0);
    // `?bench=N`: a world of at least N events, run in slices after the
    // page is up (the seed story shows meanwhile), so the page never freezes.
    let bench = query_param("bench")
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| crate::lab::bench_scenario(n.clamp(1, 50_000)));
    let first = linked_story
        .or_else(|| sandbox_first.then(|| console.with_untracked(console_story)))
        .or_else(|| query_param("scenario").and_then(|n| builtin_story(&n)))
        .unwrap_or_else(|| builtin_story("seed-story").expect("the seed story is built in"));
    let len = first.trace.len();
    let story = RwSignal::new(Shared(Arc::new(first)));
    let player = RwSignal::new(Player::new(len));
    let snapshot = Memo::new(move |_| {
        let pos = player.with(|p| p.position);
        story.with(|s| Shared(Arc::new(Snapshot::at(&s.trace, pos))))
    });
    let reduced_motion = media_matches("(prefers-reduced-motion: reduce)");
    let key_steps = RwSignal::new(true);
    let tab = RwSignal::new(if sandbox_first {
        Tab::Telnet
    } else {
        Tab::Line
    });
    let ctx = Ctx {
        story,
        generation: RwSignal::new(0),
        player,
        clock: RwSignal::new(0.0),
        step_started: RwSignal::new(0.0),
        snapshot,
        reduced_motion,
        looping: StoredValue::new(false),
        help_open: RwSignal::new(false),
        compose_open: RwSignal::new(false),
        open_message: RwSignal::new(None),
        dark: RwSignal::new(saved_theme()),
        tab,
        console,
        key_steps,
        announcement: RwSignal::new(String::new()),
        printing: RwSignal::new(false),
        predict: RwSignal::new(None),
        next_step: Memo::new(move |_| {
            let pos = player.with(|p| p.position);
            let key = key_steps.get();
            let following = tab.get() == Tab::Telnet;
            story.with(|s| {
                let next = crate::state::next_position(&s.trace, pos, key);
                let wait = if following {
                    crate::state::FOLLOW_MS
                } else {
                    crate::state::wait_before_next_ms(&s.trace, pos, next)
                };
                (next, wait)
            })
        }),
    };
    provide_context(ctx);
    classroom::provide(ctx, linked_view, link_error);
    let lab = lab::Lab::new();
    provide_context(lab);
    announce(ctx);
    if let Some(s) = bench {
        lab::run_in_slices(ctx, lab, s);
    }

    // Any move of the cursor (or play/pause) restarts the event's clock and the loop.
    Effect::new(move |_| {
        player.with(|p| (p.position, p.playing));
        let now = perf_now();
        ctx.step_started.set(now);
        ctx.clock.set(now);
        start_loop(ctx);
    });
    // The theme: follow the system unless the user picked one (remembered).
    Effect::new(move |_| {
        let choice = ctx.dark.get();
        if let Some(store) = window().local_storage().ok().flatten() {
            let _ = match choice {
                Some(dark) => store.set_item(THEME_KEY, if dark { "dark" } else { "light" }),
                None => store.remove_item(THEME_KEY),
            };
        }
        if let Some(el) = document().document_element() {
            match choice {
                Some(true) => el.set_attribute("data-theme", "dark").ok(),
                Some(false) => el.set_attribute("data-theme", "light").ok(),
                None => el.remove_attribute("data-theme").ok(),
            };
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| keyboard(ctx, ev));
    on_cleanup(move || keys.remove());
    let print_on = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("beforeprint"),
        move |_| ctx.printing.set(true),
    );
    let print_off = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("afterprint"),
        move |_| ctx.printing.set(false),
    );
    on_cleanup(move || {
        print_on.remove();
        print_off.remove();
    });
    // Tell tests and the perf script when the first interactive frame is up.
    request_animation_frame(move || {
        if let Some(p) = window().performance() {
            let _ = p.mark("mailsim-ready");
        }
        if let Some(main) = document().get_element_by_id("app") {
            let _ = main.set_attribute("data-ready", "true");
        }
    });

    view! {
        <toolbar::Toolbar />
        <classroom::ClassroomStatus />
        <main id="app" class="layout" class:telnet-mode=move || ctx.tab.get() == Tab::Telnet data-ready="false">
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{move || ctx.announcement.get()}</div>
            <div class="col-left">
                <map::NetworkMap />
                <div class="under-map">
                    <panels::Narration />
                    <panels::Inspector />
                </div>
            </div>
            <div class="col-right">
                <sequence::SequenceDiagram />
                <mailboxes::Mailboxes />
            </div>
            <Show when=move || ctx.printing.get()>
                <panels::Transcript />
            </Show>
        </main>
        <dialogs::Help />
        <dialogs::Compose />
        <dialogs::MessageViewer />
        <lab::Editor />
    }
}
