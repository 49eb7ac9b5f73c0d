//! Narration (what just happened and why) and the inspector (the raw line,
//! its parsed fields, the session's state machine, the message at this hop).

use super::{header_list, use_ctx, Tab};
use crate::i18n::{catalog, num, t, ta};
use crate::state::{
    client_machine, explanation_keys, gap_before, gap_caption, hop_message, machine, machine_rows,
    parsed_fields, raw_line, Machine, StateBox,
};
use leptos::prelude::*;
use protocol_core::explain::{lookup, Arg, Words};
use protocol_core::sim::render::describe;
use protocol_core::sim::Role;

#[component]
pub fn Narration() -> impl IntoView {
    let ctx = use_ctx();
    let content = move || {
        let p = ctx.player.get();
        let words = catalog();
        ctx.story.with(|s| {
            let Some(i) = p.current() else {
                return view! {
                    <p class="goal"><strong>{t("narration-goal")}" "</strong>{crate::i18n::story_words(&s.name, &s.title, &s.goal).1}</p>
                    {if s.trace.is_empty() {
                        view! { <p class="hint">{t("narration-empty-hint")}</p> }
                    } else {
                        view! { <p class="hint">{t("narration-start-hint")}</p> }
                    }}
                }
                .into_any();
            };
            if p.at_end() && s.name != crate::story::SANDBOX.0 && ctx.tab.get() != Tab::Telnet {
                return wrap_up_view(s, &ctx.snapshot.get()).into_any();
            }
            let e = &s.trace[i];
            let (proto, what) = (describe(e).0, crate::state::what_happened(e, &|h| s.host_name(h), &*words));
            let hosts = if e.from == e.to { s.host_name(&e.from) } else { format!("{} → {}", s.host_name(&e.from), s.host_name(&e.to)) };
            let ex = explanation_keys(&s.trace, i).first().and_then(|k| lookup(k));
            let expects = crate::state::state_expects(e, &*words);
            let gap = gap_before(&s.trace, i).map(|g| gap_caption(g, &*words));
            view! {
                {gap.map(|g| view! { <p class="gap-note">"… " {g} " …"</p> })}
                <p class="what"><span class=format!("tag {}", crate::state::kind_class(e))>{proto}</span>" "<span class="hosts">{hosts}</span></p>
                <p class="line mono">{what}</p>
                {match ex {
                    Some(x) => view! {
                        <h3>{words.title(x).into_owned()}</h3>
                        <p class="why">{glossed(words.text(x).into_owned())}</p>
                        <p class="rfc">{t("narration-reference")}" " <cite lang="en">{x.rfc}</cite></p>
                    }
                    .into_any(),
                    None => view! {
                        <p class="why">{expects.unwrap_or_else(|| crate::state::internal_step(&*words))}</p>
                    }
                    .into_any(),
                }}
            }
            .into_any()
        })
    };
    view! {
        // Not a live region: the page's one status line announces each step
        // once (components::announce). Focusable, as it scrolls.
        <section class="panel narration" class:asking=move || ctx.pending_question_tracked() aria-label=move || t("narration-label") tabindex="0">
            <h2>{move || t("narration-title")}</h2>
            <super::predict::PredictCard />
            <div class="narration-body">{content}</div>
        </section>
    }
}

/// The end of a scenario: what happened and what it showed.
fn wrap_up_view(s: &crate::story::Story, snap: &crate::state::Snapshot) -> impl IntoView {
    let w = crate::state::wrap_up(&s.trace, snap);
    let hops = w
        .hops
        .iter()
        .map(|(a, b, p)| format!("{} → {} ({p})", s.host_name(a), s.host_name(b)))
        .collect::<Vec<_>>();
    let hops_text = if hops.is_empty() {
        t("wrap-no-hops")
    } else {
        ta(
            "wrap-hops",
            &[
                ("count", num(hops.len())),
                ("hops", Arg::Str(&hops.join(", "))),
            ],
        )
    };
    let mut now = vec![
        ta("wrap-dave-inbox", &[("count", num(w.dave))]),
        if w.bounces > 0 {
            ta(
                "wrap-john-inbox-bounces",
                &[("count", num(w.john)), ("bounces", num(w.bounces))],
            )
        } else {
            ta("wrap-john-inbox", &[("count", num(w.john))])
        },
    ];
    if w.queued > 0 {
        now.push(ta("wrap-queued", &[("count", num(w.queued))]));
    }
    let took = crate::state::duration_words(w.took_us, &*catalog());
    view! {
        <h3 class="wrap-title">{t("wrap-title")}</h3>
        <ul class="wrap-up">
            <li>{hops_text}</li>
            <li>{ta("wrap-took", &[("duration", Arg::Str(&took)), ("steps", num(s.trace.len()))])}</li>
            <li>{ta("wrap-where", &[("now", Arg::Str(&now.join(" ")))])}</li>
        </ul>
        <p class="why"><strong>{t("wrap-showed")}" "</strong>{crate::i18n::story_words(&s.name, &s.title, &s.goal).1}</p>
        <p class="hint">{t("wrap-again")}</p>
    }
}

/// Raw text with each `␍␊` drawn as a visible "CR LF" badge (text, not markup),
/// so it shows even where the font lacks the control-picture glyphs.
fn crlf_badges(raw: String) -> impl IntoView {
    let parts: Vec<String> = raw.split("␍␊").map(str::to_string).collect();
    let n = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let p = p.strip_prefix('\n').map(str::to_string).unwrap_or(p);
            view! {
                {p}
                {(k + 1 < n).then(|| view! { <span class="crlf" title="carriage return, line feed">"CR LF"</span> "\n" })}
            }
        })
        .collect_view()
}

/// One state's box: its name, what keeps it there, and the moves the
/// diagram lists as text (back up the main path, or to the end state).
fn state_box(b: &StateBox, m: &Machine) -> impl IntoView {
    let lit = m.current.as_deref() == Some(b.name.as_str());
    let from_here = m.previous.as_deref() == Some(b.name.as_str());
    let other = b
        .other
        .iter()
        .map(|(to, evs)| {
            let taken = from_here && m.current.as_deref() == Some(to.as_str());
            view! { <li class="sm-move" class:taken=taken>{format!("→ {to}: {}", evs.join(", "))}</li> }
        })
        .collect_view();
    view! {
        <div class="sm-state" class:lit=lit aria-current=if lit { "true" } else { "false" }>
            <strong class="sm-name">{if lit { format!("● {}", b.name) } else { b.name.clone() }}</strong>
            {(!b.stays.is_empty()).then(|| view! { <span class="sm-stays">{format!("↻ stays on {}", b.stays.join(", "))}</span> })}
            {(!b.other.is_empty()).then(|| view! { <ul class="sm-moves">{other}</ul> })}
        </div>
    }
}

/// One side's state machine drawn from the core's transition table:
/// states as boxes in protocol order, moves as labelled arrows, the current
/// state and the move just taken lit.
fn machine_view(m: Machine, host: String, focus: bool) -> impl IntoView {
    let side = match m.role {
        Role::Server => t("machine-side-server"),
        Role::Client => t("machine-side-client"),
    };
    let title = ta(
        "machine-title",
        &[
            ("protocol", Arg::Str(m.protocol.label())),
            ("side", Arg::Str(&side)),
            ("conn", num(m.conn as usize)),
            ("host", Arg::Str(&host)),
        ],
    );
    let who = ta(
        "machine-diagram-label",
        &[
            ("protocol", Arg::Str(m.protocol.label())),
            ("side", Arg::Str(&side)),
        ],
    );
    let rows = machine_rows(&m.states, &m.transitions);
    let taken =
        |a: &str, b: &str| m.previous.as_deref() == Some(a) && m.current.as_deref() == Some(b);
    let drawn = rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let next = rows.get(k + 1).map(|n| n.main.name.clone()).unwrap_or_default();
            let down_taken = taken(&r.main.name, &next);
            let sides = r
                .side
                .iter()
                .map(|(b, there, back)| {
                    let (t1, t2) = (taken(&r.main.name, &b.name), taken(&b.name, &r.main.name));
                    view! {
                        <div class="sm-branch">
                            <div class="sm-link">
                                <span class="sm-arrow" class:taken=t1>{format!("{} →", there.join(", "))}</span>
                                {(!back.is_empty()).then(|| view! { <span class="sm-arrow" class:taken=t2>{format!("← {}", back.join(", "))}</span> })}
                            </div>
                            {state_box(b, &m)}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <li class="sm-row">
                    <div class="sm-col">
                        {state_box(&r.main, &m)}
                        {(!r.down.is_empty()).then(|| view! {
                            <p class="sm-down" class:taken=down_taken>
                                <span class="sm-glyph" aria-hidden="true">"↓"</span>
                                <span class="visually-hidden">{ta("machine-to-on", &[("state", Arg::Str(&next))])}" "</span>
                                {r.down.join(", ")}
                            </p>
                        })}
                    </div>
                    {sides}
                </li>
            }
        })
        .collect_view();
    // Keep the current state in view inside the tab (not the page): the
    // side that acted at this step (`focus`) when both are drawn.
    request_animation_frame(move || {
        if !focus {
            return;
        }
        let doc = document();
        let (Some(lit), Some(body)) = (
            doc.query_selector(".sm.focus .sm-state.lit").ok().flatten(),
            doc.get_element_by_id("inspector-panel"),
        ) else {
            return;
        };
        let (l, b) = (
            lit.get_bounding_client_rect(),
            body.get_bounding_client_rect(),
        );
        if l.top() < b.top() || l.bottom() > b.bottom() {
            let delta = l.top() - b.top() - (b.height() - l.height()) / 2.0;
            body.set_scroll_top(body.scroll_top() + delta as i32);
        }
    });
    view! {
        <p class="machine-title">{title}</p>
        <ol class="sm" class:focus=focus aria-label=who>{drawn}</ol>
        <p class="muted small">{if m.role == Role::Server { t("machine-note-server") } else { t("machine-note-client") }}</p>
    }
}

/// An explanation text with the first use of each glossary term (issue
/// 12) as a button: its definition shows on hover (the title), on keyboard
/// focus, and on a tap or click (which keeps it open until the next one);
/// Escape closes it.
fn glossed(text: String) -> impl IntoView {
    use crate::glossary::{pieces, Piece};
    let word = |term: &str| crate::i18n::t_opt(&format!("glossary-{term}"));
    pieces(&text, &word)
        .into_iter()
        .map(|p| match p {
            Piece::Text(s) => s.into_any(),
            Piece::Term { term, word } => {
                let open = RwSignal::new(false);
                let id = format!("gloss-{term}");
                let def = crate::i18n::t(&format!("glossary-{term}-def"));
                view! {
                    <span class="term" class:open=move || open.get()>
                        <button type="button" class="term-word" aria-describedby=id.clone() title=def.clone()
                            aria-expanded=move || if open.get() { "true" } else { "false" }
                            on:click=move |_| open.update(|o| *o = !*o)
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                if ev.key() == "Escape" && open.get_untracked() {
                                    ev.stop_propagation();
                                    open.set(false);
                                }
                            }
                        >{word}</button>
                        <span class="term-def" role="tooltip" id=id>{def}</span>
                    </span>
                }
                .into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = use_ctx();
    let tab = ctx.tab;
    const TABS: [(Tab, &str, &str); 4] = [
        (Tab::Line, "inspector-tab-line", "tab-line"),
        (Tab::Machine, "inspector-tab-machine", "tab-machine"),
        (Tab::Message, "inspector-tab-message", "tab-message"),
        (Tab::Telnet, "inspector-tab-telnet", "tab-telnet"),
    ];
    // The tabs pattern (WAI-ARIA APG): one tab stop, arrows move between
    // tabs (and never move the story), the panel is labelled by its tab.
    let on_tab_key = move |ev: web_sys::KeyboardEvent| {
        let k = TABS
            .iter()
            .position(|t| t.0 == tab.get_untracked())
            .unwrap_or(0);
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (k + 1) % TABS.len(),
            "ArrowLeft" | "ArrowUp" => (k + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        tab.set(TABS[to].0);
        if let Some(el) = document().get_element_by_id(TABS[to].2) {
            use web_sys::wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let tab_button = move |(which, label, id): (Tab, &'static str, &'static str)| {
        let t = which;
        view! {
            <button
                role="tab"
                class="tab"
                id=id
                aria-controls="inspector-panel"
                aria-selected=move || if tab.get() == t { "true" } else { "false" }
                tabindex=move || if tab.get() == t { "0" } else { "-1" }
                on:click=move |_| tab.set(t)
                on:keydown=on_tab_key
            >{move || crate::i18n::t(label)}</button>
        }
    };
    let line_tab = move || {
        let p = ctx.player.get();
        let words = catalog();
        ctx.story.with(|s| {
            let Some(e) = p.current().and_then(|i| s.trace.get(i)) else {
                return view! { <p class="muted">{t("line-nothing")}</p> }.into_any();
            };
            let raw = raw_line(e);
            let fields = parsed_fields(e);
            let meanings: Vec<_> = explanation_keys(&s.trace, p.current().unwrap_or(0)).iter().filter_map(|k| lookup(k)).collect();
            view! {
                <p class="meta">{format!("{} · {} → {}", ta("line-event-at", &[("n", num(e.seq as usize + 1)), ("time", Arg::Str(&e.time.to_string()))]), s.host_name(&e.from), s.host_name(&e.to))}</p>
                {raw.map(|r| view! {
                    <h3>{t("line-raw")}<span class="muted small">" "{t("line-raw-note")}</span></h3>
                    <pre class="raw mono">{crlf_badges(r)}</pre>
                })}
                {(!fields.is_empty()).then(|| view! {
                    <h3>{t("line-parsed")}</h3>
                    <dl class="fields">
                        {fields.into_iter().map(|(k, v)| view! { <dt>{crate::i18n::t_opt(&crate::i18n::slug("parsed", &k)).unwrap_or(k)}</dt><dd class="mono">{v}</dd> }).collect_view()}
                    </dl>
                })}
                {
                    let at = p.current().unwrap_or(0);
                    let mut steps = crate::state::auth_block(&s.trace, at);
                    let mut heading = "line-sender-checks";
                    if steps.is_empty() {
                        steps = crate::state::auth_for_reply(&s.trace, at);
                        heading = "line-sender-checks-reply";
                    }
                    (!steps.is_empty()).then(|| view! {
                        <h3>{t(heading)}</h3>
                        {super::dialogs::auth_steps_view(steps)}
                    })
                }
                {(!meanings.is_empty()).then(|| view! {
                    <h3>{t("line-meaning")}</h3>
                    <ul class="meanings">
                        {meanings.into_iter().map(|x| view! {
                            <li><strong>{words.title(x).into_owned()}</strong>": "{words.text(x).into_owned()}" "<cite lang="en">{x.rfc}</cite></li>
                        }).collect_view()}
                    </ul>
                })}
            }
            .into_any()
        })
    };
    let machine_tab = move || {
        let p = ctx.player.get();
        let snap = ctx.snapshot.get();
        ctx.story.with(|s| {
            // The state a line leads to, even though its state change is the
            // next (non-key) event.
            let at = crate::state::settled(&s.trace, p.position);
            let later;
            let view = if at == p.position {
                &snap.view
            } else {
                later = protocol_core::sim::view::WorldView::at(&s.trace, at);
                &later
            };
            let current = p.current();
            match current.and_then(|i| machine(&s.trace, view, i)) {
                Some(m) => {
                    let client = current.and_then(|i| client_machine(&s.trace, view, i));
                    // The side that sent this step's line (or changed state) is
                    // the one kept in view.
                    let client_acted = client
                        .as_ref()
                        .zip(current.and_then(|i| s.trace.get(i)))
                        .is_some_and(|(c, e)| e.from == c.host);
                    let server = s.host_name(&m.host);
                    view! {
                        {machine_view(m, server, !client_acted)}
                        {client.map(|c| {
                            let host = s.host_name(&c.host);
                            machine_view(c, host, client_acted)
                        })}
                    }
                    .into_any()
                }
                None => view! { <p class="muted">{t("machine-none")}</p> }.into_any(),
            }
        })
    };
    let message_tab = move || {
        let pos = ctx.player.with(|p| p.position);
        ctx.story.with(|s| match hop_message(&s.trace, pos, &|h| s.host_name(h)) {
            None => view! { <p class="muted">{t("message-none")}</p> }.into_any(),
            Some(m) => {
                let received = m.received_count();
                view! {
                    <p class="meta">{ta("message-at-hop", &[("hop", Arg::Str(&m.hop)), ("count", num(received))])}</p>
                    <div class="message-parts">
                        <div class="envelope">
                            <h3>{t("message-envelope")}</h3>
                            <p class="mono">{format!("MAIL {}", m.mail_from.clone().unwrap_or_default())}</p>
                            {m.rcpt_to.iter().map(|r| view! { <p class="mono">{format!("RCPT {r}")}</p> }).collect_view()}
                        </div>
                        <div class="headers">
                            <h3>{t("message-headers")}</h3>
                            {header_list(&m.headers)}
                        </div>
                        <div class="body">
                            <h3>{t("message-body")}</h3>
                            <pre class="mono">{m.body.clone()}</pre>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="panel inspector" aria-label=move || t("inspector-label")>
            <div class="tabs" role="tablist" aria-label=move || t("inspector-views")>
                {TABS.into_iter().map(tab_button).collect_view()}
            </div>
            <div
                class="tab-body"
                id="inspector-panel"
                role="tabpanel"
                aria-labelledby=move || TABS.iter().find(|t| t.0 == tab.get()).map_or("tab-line", |t| t.2)
                tabindex="0"
            >
                {move || match tab.get() {
                    Tab::Line => line_tab().into_any(),
                    Tab::Machine => machine_tab().into_any(),
                    Tab::Message => message_tab().into_any(),
                    Tab::Telnet => view! { <super::telnet::TelnetPane /> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// The whole trace as a transcript, one line per event, for printing.
#[component]
pub fn Transcript() -> impl IntoView {
    let ctx = use_ctx();
    let rows = move || {
        ctx.story.with(|s| {
            s.trace
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let hosts = if e.from == e.to {
                        s.host_name(&e.from)
                    } else {
                        format!("{} → {}", s.host_name(&e.from), s.host_name(&e.to))
                    };
                    let what = crate::state::what_happened(e, &|h| s.host_name(h), &*catalog());
                    view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td class="mono">{e.time.to_string()}</td>
                            <td>{hosts}</td>
                            <td>{describe(e).0}</td>
                            <td class="mono">{what}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="transcript print-only" aria-label=move || t("print-transcript")>
            <h2>{move || ctx.story.with(|s| {
                let title = crate::i18n::story_words(&s.name, &s.title, "").0;
                ta("print-transcript-title", &[("title", Arg::Str(&title))])
            })}</h2>
            <table>
                <thead><tr><th>{move || t("print-step")}</th><th>{move || t("print-time")}</th><th>{move || t("print-hosts")}</th><th>{move || t("print-kind")}</th><th>{move || t("print-what")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
