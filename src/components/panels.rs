//! Narration (what just happened and why) and the inspector (the raw line,
//! its parsed fields, the session's state machine, the message at this hop).

use super::{header_list, use_ctx, Tab};
use crate::state::{
    client_machine, explanation_keys, gap_before, gap_caption, hop_message, machine, machine_rows,
    parsed_fields, raw_line, Machine, StateBox,
};
use leptos::prelude::*;
use protocol_core::explain::lookup;
use protocol_core::sim::render::describe;
use protocol_core::sim::Role;

#[component]
pub fn Narration() -> impl IntoView {
    let ctx = use_ctx();
    let content = move || {
        let p = ctx.player.get();
        ctx.story.with(|s| {
            let Some(i) = p.current() else {
                return view! {
                    <p class="goal"><strong>"Goal: "</strong>{s.goal.clone()}</p>
                    {if s.trace.is_empty() {
                        view! { <p class="hint">"Nothing has happened yet. In the Telnet pane, type for example: telnet mail.dave.example 25"</p> }
                    } else {
                        view! { <p class="hint">"Press Play (or the space bar) to watch the message travel, or step through it with the arrow keys."</p> }
                    }}
                }
                .into_any();
            };
            if p.at_end() && s.name != crate::story::SANDBOX.0 && ctx.tab.get() != Tab::Telnet {
                return wrap_up_view(s, &ctx.snapshot.get()).into_any();
            }
            let e = &s.trace[i];
            let (proto, what) = (describe(e).0, crate::state::what_happened(e, &|h| s.host_name(h)));
            let hosts = if e.from == e.to { s.host_name(&e.from) } else { format!("{} → {}", s.host_name(&e.from), s.host_name(&e.to)) };
            let ex = explanation_keys(&s.trace, i).first().and_then(|k| lookup(k));
            let expects = crate::state::state_expects(e);
            let gap = gap_before(&s.trace, i).map(gap_caption);
            view! {
                {gap.map(|g| view! { <p class="gap-note">"… " {g} " …"</p> })}
                <p class="what"><span class=format!("tag {}", crate::state::kind_class(e))>{proto}</span>" "<span class="hosts">{hosts}</span></p>
                <p class="line mono">{what}</p>
                {match ex {
                    Some(x) => view! {
                        <h3>{x.title}</h3>
                        <p class="why">{x.text}</p>
                        <p class="rfc">"Reference: " <cite>{x.rfc}</cite></p>
                    }
                    .into_any(),
                    None => view! {
                        <p class="why">{expects.unwrap_or_else(|| crate::state::INTERNAL_STEP.into())}</p>
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
        <section class="panel narration" class:asking=move || ctx.pending_question_tracked() aria-label="Narration" tabindex="0">
            <h2>"What happened"</h2>
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
    let hops_text = match hops.len() {
        0 => "No message text travelled.".to_string(),
        1 => format!("The message made 1 hop: {}.", hops[0]),
        n => format!("The message made {n} hops: {}.", hops.join(", ")),
    };
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut now = vec![
        format!("Dave's inbox: {}.", count(w.dave, "message")),
        format!(
            "John's inbox: {}{}.",
            count(w.john, "message"),
            if w.bounces > 0 {
                format!(" ({} back to John)", count(w.bounces, "bounce"))
            } else {
                String::new()
            }
        ),
    ];
    if w.queued > 0 {
        now.push(format!(
            "Still waiting in a mail server's queue, to be tried again: {}.",
            count(w.queued, "message")
        ));
    }
    view! {
        <h3 class="wrap-title">"The end: what happened"</h3>
        <ul class="wrap-up">
            <li>{hops_text}</li>
            <li>{format!("It all took {} of simulated time ({} steps).", crate::state::duration_words(w.took_us), s.trace.len())}</li>
            <li>{format!("Where the mail is now: {}", now.join(" "))}</li>
        </ul>
        <p class="why"><strong>"What it showed: "</strong>{s.goal.clone()}</p>
        <p class="hint">"Press Play to watch it again, or pick another scenario."</p>
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
        Role::Server => "server",
        Role::Client => "client",
    };
    let title = format!(
        "{} {side} session #{} on {}",
        m.protocol.label(),
        m.conn,
        host
    );
    let who = format!("{} {side} state machine", m.protocol.label());
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
                                <span class="visually-hidden">{format!("to {next} on ")}</span>
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
        <p class="muted small">{format!("Drawn from the core's transition table for the {side}: ● is where it is now; the move just taken is marked.{}", if m.role == Role::Server { " Events in capitals are commands." } else { " The client moves on the server's replies." })}</p>
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = use_ctx();
    let tab = ctx.tab;
    const TABS: [(Tab, &str, &str); 4] = [
        (Tab::Line, "Line", "tab-line"),
        (Tab::Machine, "State machine", "tab-machine"),
        (Tab::Message, "Message", "tab-message"),
        (Tab::Telnet, "Telnet", "tab-telnet"),
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
    let tab_button = move |(t, label, id): (Tab, &'static str, &'static str)| {
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
            >{label}</button>
        }
    };
    let line_tab = move || {
        let p = ctx.player.get();
        ctx.story.with(|s| {
            let Some(e) = p.current().and_then(|i| s.trace.get(i)) else {
                return view! { <p class="muted">"Nothing selected yet: step forward or click an arrow in the sequence diagram."</p> }.into_any();
            };
            let raw = raw_line(e);
            let fields = parsed_fields(e);
            let meanings: Vec<_> = explanation_keys(&s.trace, p.current().unwrap_or(0)).iter().filter_map(|k| lookup(k)).collect();
            view! {
                <p class="meta">{format!("Event {} at {} · {} → {}", e.seq + 1, e.time, s.host_name(&e.from), s.host_name(&e.to))}</p>
                {raw.map(|r| view! {
                    <h3>"Raw bytes"<span class="muted small">" (CR LF ends every line)"</span></h3>
                    <pre class="raw mono">{crlf_badges(r)}</pre>
                })}
                {(!fields.is_empty()).then(|| view! {
                    <h3>"Parsed"</h3>
                    <dl class="fields">
                        {fields.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd class="mono">{v}</dd> }).collect_view()}
                    </dl>
                })}
                {
                    let steps = crate::state::auth_block(&s.trace, p.current().unwrap_or(0));
                    (!steps.is_empty()).then(|| view! {
                        <h3>"All the sender checks at this step"</h3>
                        {super::dialogs::auth_steps_view(steps)}
                    })
                }
                {(!meanings.is_empty()).then(|| view! {
                    <h3>"Meaning"</h3>
                    <ul class="meanings">
                        {meanings.into_iter().map(|x| view! {
                            <li><strong>{x.title}</strong>": "{x.text}" "<cite>{x.rfc}</cite></li>
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
            None => view! { <p class="muted">"This event does not belong to an SMTP or POP3 session: no state machine to show."</p> }.into_any(),
        }})
    };
    let message_tab = move || {
        let pos = ctx.player.with(|p| p.position);
        ctx.story.with(|s| match hop_message(&s.trace, pos, &|h| s.host_name(h)) {
            None => view! { <p class="muted">"No message has travelled yet. It appears here once John's program sends it after DATA."</p> }.into_any(),
            Some(m) => {
                let received = m.received_count();
                view! {
                    <p class="meta">{format!("At this hop: {} · {} Received: line{}", m.hop, received, if received == 1 { "" } else { "s" })}</p>
                    <div class="message-parts">
                        <div class="envelope">
                            <h3>"Envelope"</h3>
                            <p class="mono">{format!("MAIL {}", m.mail_from.clone().unwrap_or_default())}</p>
                            {m.rcpt_to.iter().map(|r| view! { <p class="mono">{format!("RCPT {r}")}</p> }).collect_view()}
                        </div>
                        <div class="headers">
                            <h3>"Headers"</h3>
                            {header_list(&m.headers)}
                        </div>
                        <div class="body">
                            <h3>"Body"</h3>
                            <pre class="mono">{m.body.clone()}</pre>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="panel inspector" aria-label="Inspector">
            <div class="tabs" role="tablist" aria-label="Inspector views">
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
                    let what = crate::state::what_happened(e, &|h| s.host_name(h));
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
        <section class="transcript print-only" aria-label="Transcript">
            <h2>{move || ctx.story.with(|s| format!("Transcript: {}", s.title))}</h2>
            <table>
                <thead><tr><th>"Step"</th><th>"Time"</th><th>"Hosts"</th><th>"Kind"</th><th>"What"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
