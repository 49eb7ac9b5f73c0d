//! The sequence diagram: one lifeline per host, one row per event (an arrow
//! for every line and DNS message), windowed so long traces stay fast, the
//! current row kept in view; clicking a row moves the cursor there.

use super::use_ctx;
use crate::num::fixed;
use crate::state::{gap_before, gap_caption, scroll_to_row, seq_row, window};
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn SequenceDiagram() -> impl IntoView {
    let ctx = use_ctx();
    let scroller = NodeRef::<Div>::new();
    let probe = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(400.0_f64);
    let row_h = RwSignal::new(48.0_f64);
    let measure = move || {
        if let Some(p) = probe.get_untracked() {
            let h = p.offset_height() as f64;
            if h > 0.0 && (h - row_h.get_untracked()).abs() > 0.5 {
                row_h.set(h);
            }
        }
        if let Some(el) = scroller.get_untracked() {
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
    let len = move || ctx.story.with(|s| s.trace.len());
    let range = Memo::new(move |_| window(len(), scroll_top.get(), height.get(), row_h.get(), 8));
    let n_hosts = move || ctx.story.with(|s| s.hosts.len().max(1));
    let x_pct = move |k: usize| (k as f64 + 0.5) * 100.0 / n_hosts() as f64;

    // Keep the current row in view.
    Effect::new(move |_| {
        let pos = ctx.player.with(|p| p.position);
        measure();
        if let (Some(el), Some(i)) = (scroller.get_untracked(), pos.checked_sub(1)) {
            if let Some(t) = scroll_to_row(i, el.scroll_top() as f64, el.client_height() as f64, row_h.get_untracked()) {
                el.set_scroll_top(t as i32);
                scroll_top.set(t);
            }
        } else if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let rows = move || {
        let (a, b) = range.get();
        let gen = ctx.generation.get();
        (a..b).map(|i| (gen, i)).collect::<Vec<_>>()
    };
    let row_view = move |(_, i): (u32, usize)| {
        let (row, gap) = ctx.story.with(|s| (seq_row(&s.trace, &s.hosts, i), gap_before(&s.trace, i).map(gap_caption)));
        let current = move || ctx.player.with(|p| p.current() == Some(i));
        let past = move || ctx.player.with(|p| i < p.position);
        let n = n_hosts();
        let lifelines = (0..n)
            .map(|k| {
                let x = format!("{}%", fixed(x_pct(k), 3));
                view! { <line class="lifeline" x1=x.clone() x2=x y1="0" y2="100%" /> }
            })
            .collect_view();
        let label = match (&gap, row.kind) {
            (Some(g), "note") => format!("… {g} …"),
            (Some(g), _) => format!("… {g} … {}", row.label),
            _ => row.label.clone(),
        };
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
                (m, x1.min(x2) - 50.0 / n as f64 + 1.0, (x2 - x1).abs() + 100.0 / n as f64 - 2.0, "span")
            }
            (Some(a), _) => {
                let x = x_pct(a);
                let m = view! { <circle class=format!("dot {}", row.kind) cx=format!("{}%", fixed(x, 3)) cy="74%" r="6" /> }.into_any();
                let left = if x > 60.0 { 2.0 } else { x + 2.0 };
                let width = if x > 60.0 { x - 4.0 } else { 98.0 - x };
                (m, left, width, if x > 60.0 { "right" } else { "left" })
            }
            _ => (view! { <line class="note-line" x1="0" x2="100%" y1="74%" y2="74%" /> }.into_any(), 2.0, 96.0, "span"),
        };
        let aria = format!("Step {}: {} → {}: {}", i + 1, row_host(row.from), row_host(row.to), &label);
        let title = format!("{} · {}", row.time, &label);
        let top = move || format!("top: {}px; height: {}px", fixed(i as f64 * row_h.get(), 2), fixed(row_h.get(), 2));
        view! {
            <button
                class=format!("seq-row {}", row.kind)
                class:current=current
                class:past=past
                class:gap=gap.is_some()
                style=top
                aria-label=aria
                aria-current=move || if current() { "step" } else { "false" }
                title=title
                on:click=move |_| ctx.player.update(|p| p.select(i))
            >
                <svg class="seq-svg" aria-hidden="true">{lifelines}{mark}</svg>
                <span class=format!("seq-label {anchor_cls}") style=format!("left: {}%; width: {}%", fixed(left, 2), fixed(width, 2))>{label}</span>
            </button>
        }
    };
    fn row_host(k: Option<usize>) -> String {
        k.map(|k| format!("lifeline {}", k + 1)).unwrap_or_else(|| "world".into())
    }

    view! {
        <section class="panel seq" aria-label="Sequence diagram">
            <svg class="defs" aria-hidden="true" width="0" height="0">
                <defs>
                    {["smtp", "pop3", "dns", "tcp", "mta", "net", "note"]
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
                {move || ctx.story.with(|s| s.hosts.iter().map(|h| view! {
                    <span class="seq-host" title=format!("{} ({})", h.name, h.ip)>{h.id.clone()}</span>
                }).collect_view())}
            </div>
            <div class="seq-probe" node_ref=probe aria-hidden="true"></div>
            <div class="seq-scroll" node_ref=scroller on:scroll=move |_| measure()>
                <div class="seq-inner" style=move || format!("height: {}px", fixed(len() as f64 * row_h.get(), 2))>
                    <For each=rows key=|k| *k children=row_view />
                </div>
            </div>
        </section>
    }
}
