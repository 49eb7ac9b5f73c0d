//! Narration (what just happened and why) and the inspector (the raw line,
//! its parsed fields, the session's state machine, the message at this hop).

use super::{header_list, use_ctx, Tab};
use crate::state::{
    explanation_keys, gap_before, gap_caption, hop_message, machine, parsed_fields, raw_line,
    Machine,
};
use leptos::prelude::*;
use protocol_core::explain::lookup;
use protocol_core::sim::render::describe;

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
            let e = &s.trace[i];
            let (proto, what) = describe(e);
            let hosts = if e.from == e.to { e.from.clone() } else { format!("{} → {}", e.from, e.to) };
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
                        <p class="why">{expects.unwrap_or_else(|| "A step inside one host: its mail program or server keeps track of where the session is.".into())}</p>
                    }
                    .into_any(),
                }}
            }
            .into_any()
        })
    };
    view! {
        <section class="panel narration" aria-label="Narration" aria-live="polite">
            <h2>"What happened"</h2>
            <div class="narration-body">{content}</div>
        </section>
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

fn machine_view(m: Machine) -> impl IntoView {
    let current = m.current.clone().unwrap_or_default();
    let title = format!(
        "{} server session #{} on {}",
        m.protocol.label(),
        m.conn,
        m.server
    );
    let rows = m
        .states
        .iter()
        .map(|st| {
            let lit = *st == current;
            let mut stays: Vec<String> = Vec::new();
            let mut moves: Vec<String> = Vec::new();
            for (a, ev, b) in &m.transitions {
                if a == st {
                    if a == b {
                        if !stays.contains(ev) {
                            stays.push(ev.clone());
                        }
                    } else {
                        moves.push(format!("{ev} → {b}"));
                    }
                }
            }
            view! {
                <li class="state" class:lit=lit aria-current=if lit { "true" } else { "false" }>
                    <span class="state-name">{if lit { format!("● {st}") } else { st.clone() }}</span>
                    <span class="edges">
                        {(!moves.is_empty()).then(|| view! { <span class="moves">{moves.join(" · ")}</span> })}
                        {(!stays.is_empty()).then(|| view! { <span class="stays">{format!("stays on: {}", stays.join(", "))}</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="machine-title">{title}</p>
        <ol class="machine">{rows}</ol>
        <p class="muted small">"Drawn from the core's transition table; the lit state is where the server is now."</p>
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = use_ctx();
    let tab = ctx.tab;
    let tab_button = move |t: Tab, label: &'static str| {
        view! {
            <button
                role="tab"
                class="tab"
                aria-selected=move || if tab.get() == t { "true" } else { "false" }
                on:click=move |_| tab.set(t)
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
                <p class="meta">{format!("Event {} at {} · {} → {}", e.seq + 1, e.time, e.from, e.to)}</p>
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
        ctx.story.with(|s| match p.current().and_then(|i| machine(&s.trace, &snap.view, i)) {
            Some(m) => machine_view(m).into_any(),
            None => view! { <p class="muted">"This event does not belong to an SMTP or POP3 session: no state machine to show."</p> }.into_any(),
        })
    };
    let message_tab = move || {
        let pos = ctx.player.with(|p| p.position);
        ctx.story.with(|s| match hop_message(&s.trace, pos) {
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
                {tab_button(Tab::Line, "Line")}
                {tab_button(Tab::Machine, "State machine")}
                {tab_button(Tab::Message, "Message")}
                {tab_button(Tab::Telnet, "Telnet")}
            </div>
            <div class="tab-body" role="tabpanel" tabindex="0">
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
