//! The sequence diagram: one lifeline per host, one row per event (an arrow
//! for every line and DNS message; a session's state change rides as a badge
//! on the row of the line that caused it), windowed so long traces stay
//! fast, the current row kept in view; clicking a row moves the cursor there.

use super::use_ctx;
use crate::num::fixed;
use crate::state::{
    gap_before, gap_caption, row_for_event, scroll_to_row, seq_row, shown_rows, states_after,
    window,
};
use leptos::html::Div;
use leptos::prelude::*;

/// A row's text: its line, after the wait before it ("… 10 min … RETR 1").
fn row_label(trace: &[protocol_core::sim::TraceEvent], i: usize) -> String {
    let label = crate::state::short_label(&trace[i]);
    match gap_before(trace, i).map(|g| gap_caption(g, &*crate::i18n::catalog())) {
        Some(g) if crate::state::kind_class(&trace[i]) == "note" => format!("… {g} …"),
        Some(g) => format!("… {g} … {label}"),
        None => label,
    }
}

#[component]
pub fn SequenceDiagram() -> impl IntoView {
    let ctx = use_ctx();
    let scroller = NodeRef::<Div>::new();
    let probe = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(400.0_f64);
    // The diagram's width and its labels' character width, in px, so a
    // label's box fits its text.
    let width = StoredValue::new(500.0_f64);
    let char_px = StoredValue::new(7.5_f64);
    let row_h = RwSignal::new(48.0_f64);
    let measure = move || {
        if let Some(p) = probe.get_untracked() {
            let h = p.offset_height() as f64;
            if h > 0.0 && (h - row_h.get_untracked()).abs() > 0.5 {
                row_h.set(h);
            }
        }
        if let Some(el) = scroller.get_untracked() {
            width.set_value((el.client_width() as f64).max(1.0));
            if let Some(p) = probe.get_untracked() {
                // The probe is 2.7rem high; labels are 0.78rem monospace (0.6em wide).
                let rem = p.offset_height() as f64 / 2.7;
                if rem > 0.0 {
                    char_px.set_value(rem * 0.78 * 0.61);
                }
            }
            let h = el.client_height() as f64;
            if (h - height.get_untracked()).abs() > 0.5 {
                height.set(h);
            }
            let t = el.scroll_top() as f64;
            if (t - scroll_top.get_untracked()).abs() > 0.5 {
                scroll_top.set(t);
            }
        }
    };
    // Event indexes of the rows (state changes have none of their own).
    let shown = Memo::new(move |_| ctx.story.with(|s| shown_rows(&s.trace)));
    let len = move || shown.with(Vec::len);
    let current_row = move || {
        ctx.player
            .with(|p| p.current())
            .and_then(|c| shown.with(|r| row_for_event(r, c)))
    };
    let range = Memo::new(move |_| {
        if ctx.printing.get() {
            return (0, len());
        }
        window(len(), scroll_top.get(), height.get(), row_h.get(), 8)
    });
    let n_hosts = move || ctx.story.with(|s| s.hosts.len().max(1));
    let x_pct = move |k: usize| (k as f64 + 0.5) * 100.0 / n_hosts() as f64;

    // Keep the current row in view. Measuring and scrolling read the layout,
    // so they wait for the next frame: done here, in the middle of an update
    // (a line typed in the telnet pane), they forced an extra layout of the
    // whole page each time (about 6 ms of the 11 ms from Enter to the reply).
    Effect::new(move |_| {
        let row = current_row();
        request_animation_frame(move || {
            measure();
            if let (Some(el), Some(i)) = (scroller.get_untracked(), row) {
                if let Some(t) = scroll_to_row(
                    i,
                    el.scroll_top() as f64,
                    el.client_height() as f64,
                    row_h.get_untracked(),
                ) {
                    el.set_scroll_top(t as i32);
                    scroll_top.set(t);
                }
            } else if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
                scroll_top.set(0.0);
            }
        });
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = len();
        if n == 0 {
            return;
        }
        let at = current_row();
        let to = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => at.map_or(0, |r| (r + 1).min(n - 1)),
            "ArrowUp" | "ArrowLeft" => at.map_or(0, |r| r.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "PageDown" => at.map_or(0, |r| (r + 10).min(n - 1)),
            "PageUp" => at.map_or(0, |r| r.saturating_sub(10)),
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(i) = shown.with_untracked(|rows| rows.get(to).copied()) {
            ctx.player.update(|p| p.select(i));
        }
    };
    let rows = move || {
        let (a, b) = range.get();
        // A row is drawn once per key: the language is part of it, so that
        // a switch redraws the rows' summaries in the new language.
        let lang = crate::i18n::catalog().lang() as u32;
        let gen = ctx.generation.get().wrapping_mul(4).wrapping_add(lang);
        (a..b).map(|i| (gen, i)).collect::<Vec<_>>()
    };
    let row_view = move |(_, r): (u32, usize)| {
        let Some(i) = shown.with_untracked(|rows| rows.get(r).copied()) else {
            return ().into_any();
        };
        let (row, gap, names, states) = ctx.story.with(|s| {
            let row = seq_row(&s.trace, &s.hosts, i);
            let states = shown.with_untracked(|rows| states_after(&s.trace, rows, r));
            let name = |k: Option<usize>| {
                k.and_then(|k| s.hosts.get(k))
                    .map_or_else(|| "world".to_string(), |h| s.host_name(&h.id))
            };
            let names = (name(row.from), name(row.to));
            (
                row,
                gap_before(&s.trace, i).map(|g| gap_caption(g, &*crate::i18n::catalog())),
                names,
                states,
            )
        });
        let current = move || current_row() == Some(r);
        let past = move || ctx.player.with(|p| i < p.position);
        let n = n_hosts();
        let lifelines = (0..n)
            .map(|k| {
                let x = format!("{}%", fixed(x_pct(k), 3));
                view! { <line class="lifeline" x1=x.clone() x2=x y1="0" y2="100%" /> }
            })
            .collect_view();
        let label = ctx.story.with(|s| row_label(&s.trace, i));
        let (mark, left, width, anchor_cls) = match (row.from, row.to) {
            (Some(a), Some(b)) if a != b => {
                let (x1, x2) = (x_pct(a), x_pct(b));
                let m = view! {
                    <line
                        class=format!("arrow {}", row.kind)
                        x1=format!("{}%", fixed(x1, 3))
                        x2=format!("{}%", fixed(x2, 3))
                        y1="74%"
                        y2="74%"
                        marker-end=format!("url(#ah-{})", row.kind)
                    />
                }
                .into_any();
                // The label is centred on the arrow, as wide as its text (or
                // the arrow), shifted in at the edges rather than cut, so
                // whole lines show without a tooltip.
                let lane = 100.0 / n as f64;
                let text_pct = (label.chars().count() as f64 + 2.0) * char_px.get_value() * 100.0
                    / width.get_value();
                let w = text_pct.max((x2 - x1).abs() + lane).min(99.0);
                let left = ((x1 + x2) / 2.0 - w / 2.0).max(0.5).min(99.5 - w);
                (m, left, w, "span")
            }
            (Some(a), _) => {
                let x = x_pct(a);
                let m = view! { <circle class=format!("dot {}", row.kind) cx=format!("{}%", fixed(x, 3)) cy="74%" r="6" /> }.into_any();
                let left = if x > 60.0 { 2.0 } else { x + 2.0 };
                let width = if x > 60.0 { x - 4.0 } else { 98.0 - x };
                (m, left, width, if x > 60.0 { "right" } else { "left" })
            }
            _ => (
                view! { <line class="note-line" x1="0" x2="100%" y1="74%" y2="74%" /> }.into_any(),
                2.0,
                96.0,
                "span",
            ),
        };
        let mut aria = crate::i18n::ta(
            "seq-step-aria",
            &[
                ("n", crate::i18n::num(i + 1)),
                ("from", protocol_core::explain::Arg::Str(&names.0)),
                ("to", protocol_core::explain::Arg::Str(&names.1)),
                ("label", protocol_core::explain::Arg::Str(&label)),
            ],
        );
        let state_text = states
            .iter()
            .map(|(_, st)| st.as_str())
            .collect::<Vec<_>>()
            .join(" → ");
        if !states.is_empty() {
            // The badge is drawn for the eye (aria-hidden); the name says it.
            aria.push_str(&crate::i18n::ta(
                "seq-step-aria-state",
                &[("states", protocol_core::explain::Arg::Str(&state_text))],
            ));
        }
        let title = format!("{} · {}", row.time, &label);
        let top = move || {
            format!(
                "top: {}px; height: {}px",
                fixed(r as f64 * row_h.get(), 2),
                fixed(row_h.get(), 2)
            )
        };
        // The server's new state, beside its lifeline, on the side away from the arrow.
        let badge = ctx.story.with(|s| {
            let (host, _) = states.first()?;
            let k = s.host_index(host)?;
            let x = x_pct(k);
            let other = [row.from, row.to].into_iter().flatten().find(|&o| o != k).map(x_pct);
            let side = if other.is_some_and(|o| o > x) || (other.is_none() && x > 60.0) {
                format!("right: calc({}% + 10px)", fixed(100.0 - x, 2))
            } else {
                format!("left: calc({}% + 10px)", fixed(x, 2))
            };
            // Beside the row's button, not in it: the button's name is its label.
            let style = move || format!("top: {}px; {side}", fixed((r as f64 + 0.5) * row_h.get(), 2));
            Some(view! { <span class="seq-state" class:past=past style=style aria-hidden="true">{state_text.clone()}</span> })
        });
        view! {
            <div
                role="option"
                id=format!("seq-row-{r}")
                class=format!("seq-row {}", row.kind)
                class:current=current
                class:past=past
                class:gap=gap.is_some()
                style=top
                aria-label=aria
                aria-selected=move || if current() { "true" } else { "false" }
                title=title
                on:click=move |_| ctx.player.update(|p| p.select(i))
            >
                <svg class="seq-svg" aria-hidden="true">{lifelines}{mark}</svg>
                <span class=format!("seq-label {anchor_cls}") style=format!("left: {}%; width: {}%", fixed(left, 2), fixed(width, 2)) aria-hidden="true">{label}</span>
            </div>
            {badge}
        }
        .into_any()
    };

    view! {
        <section class="panel seq" class:predicting=move || ctx.predict.with(Option::is_some) aria-label=move || crate::i18n::t("sequence-label")>
            <svg class="defs" aria-hidden="true" width="0" height="0">
                <defs>
                    {["smtp", "pop3", "imap", "dns", "tcp", "mta", "net", "note"]
                        .into_iter()
                        .map(|k| view! {
                            <marker id=format!("ah-{k}") class=format!("ah {k}") viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M 0 0 L 10 5 L 0 10 z" />
                            </marker>
                        })
                        .collect_view()}
                </defs>
            </svg>
            <div class="seq-head" aria-hidden="true">
                {move || ctx.story.with(|s| s.hosts.iter().map(|h| {
                    // The whole name, never cut: a narrow lane breaks it
                    // before a dot ("mail" / ".dave" / ".example").
                    let name = s.host_name(&h.id);
                    let parts = name.split('.').enumerate().map(|(k, p)| {
                        if k == 0 { p.to_string().into_any() } else { view! { <wbr />{format!(".{p}")} }.into_any() }
                    }).collect_view();
                    view! { <span class="seq-host" title=format!("{} ({})", h.name, h.ip)>{parts}</span> }
                }).collect_view())}
            </div>
            // The current arrow's whole line, for a narrow diagram where a
            // long line is cut to two lines in its row (hidden when wide).
            <p class="seq-now mono" aria-hidden="true">{move || {
                let r = current_row()?;
                let i = shown.with(|rows| rows.get(r).copied())?;
                ctx.story.with(|s| {
                    let e = s.trace.get(i)?;
                    let hosts = if e.from == e.to { s.host_name(&e.from) } else { format!("{} → {}", s.host_name(&e.from), s.host_name(&e.to)) };
                    Some(format!("{hosts}: {}", row_label(&s.trace, i)))
                })
            }}</p>
            <div class="seq-probe" node_ref=probe aria-hidden="true"></div>
            // One tab stop (a listbox): ↑/↓ move to the previous / next arrow,
            // Home/End to the first / last; the rows are its options.
            <div
                class="seq-scroll"
                node_ref=scroller
                role="listbox"
                tabindex="0"
                aria-label=move || crate::i18n::t("sequence-steps")
                aria-activedescendant=move || {
                    // Only a row that is drawn (the list is windowed).
                    let (a, b) = range.get();
                    current_row().filter(|r| (a..b).contains(r)).map(|r| format!("seq-row-{r}"))
                }
                on:scroll=move |_| measure()
                on:keydown=on_key
            >
                <div class="seq-inner" style=move || format!("height: {}px", fixed(len() as f64 * row_h.get(), 2))>
                    <For each=rows key=|k| *k children=row_view />
                </div>
            </div>
        </section>
    }
}
