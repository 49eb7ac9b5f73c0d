//! Overlays: keyboard help, John's compose form, and the message viewer.

use super::{header_list, use_ctx};
use crate::story::{composed_story, Draft};
use leptos::prelude::*;

#[component]
pub fn Help() -> impl IntoView {
    let ctx = use_ctx();
    let keys = [
        ("Space", "Play / Pause"),
        ("→", "Step forward"),
        ("←", "Step back"),
        ("Home", "Restart"),
        ("End", "Jump to the end"),
        ("↑ / ↓", "Faster / slower"),
        ("?", "Show or hide this help"),
        ("Esc", "Close"),
    ];
    view! {
        <Show when=move || ctx.help_open.get()>
            <div class="overlay" on:click=move |_| ctx.help_open.set(false)>
                <div class="dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" on:click=|ev| ev.stop_propagation()>
                    <h2>"Keyboard shortcuts"</h2>
                    <dl class="keys">
                        {keys.iter().map(|(k, v)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*v}</dd> }).collect_view()}
                    </dl>
                    <p class="muted">"Click any arrow in the sequence diagram to jump to that step."</p>
                    <button class="primary" on:click=move |_| ctx.help_open.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}

#[component]
pub fn Compose() -> impl IntoView {
    let ctx = use_ctx();
    let to = RwSignal::new("dave@dave.example".to_string());
    let subject = RwSignal::new("Lunch on Friday?".to_string());
    let body = RwSignal::new("Hi Dave,\n\nshall we have lunch on Friday?\n\nJohn\n".to_string());
    let error = RwSignal::new(None::<String>);
    let send = move || {
        let d = Draft {
            to: to.get_untracked(),
            subject: subject.get_untracked(),
            body: body.get_untracked(),
        };
        match composed_story(&d) {
            Ok(s) => {
                error.set(None);
                ctx.compose_open.set(false);
                ctx.load(s);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <Show when=move || ctx.compose_open.get()>
            <div class="overlay">
                <form
                    class="dialog compose"
                    role="dialog"
                    aria-modal="true"
                    aria-label="Write a message"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        send();
                    }
                >
                    <h2>"John writes a message"</h2>
                    <p class="muted">"From: John <john@isp.example> · sent through smtp.isp.example (port 587, logged in as john)"</p>
                    <label>"To"
                        <input type="text" name="to" autocomplete="off" prop:value=to on:input:target=move |ev| to.set(ev.target().value())
                            aria-invalid=move || if error.get().is_some() { "true" } else { "false" } aria-describedby="compose-error" />
                    </label>
                    <label>"Subject"
                        <input type="text" name="subject" prop:value=subject on:input:target=move |ev| subject.set(ev.target().value()) />
                    </label>
                    <label>"Message"
                        <textarea name="body" rows="6" prop:value=body on:input:target=move |ev| body.set(ev.target().value())></textarea>
                    </label>
                    <p id="compose-error" class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| { error.set(None); ctx.compose_open.set(false) }>"Cancel"</button>
                        <button type="submit" class="primary">"Send"</button>
                    </div>
                </form>
            </div>
        </Show>
    }
}

#[component]
pub fn MessageViewer() -> impl IntoView {
    let ctx = use_ctx();
    let message = move || {
        let (owner, uid) = ctx.open_message.get()?;
        ctx.snapshot.with(|s| {
            let list = if owner == "dave" {
                &s.0.dave
            } else {
                &s.0.john
            };
            list.iter()
                .find(|m| m.uid == uid)
                .cloned()
                .map(|m| (owner.clone(), m))
        })
    };
    move || {
        message().map(|(owner, m)| {
            let who = if owner == "dave" { "Dave's inbox" } else { "John's inbox" };
            let body = m.text.split_once("\r\n\r\n").map(|(_, b)| b.replace("\r\n", "\n")).unwrap_or_default();
            view! {
                <div class="overlay" on:click=move |_| ctx.open_message.set(None)>
                    <div class="dialog viewer" role="dialog" aria-modal="true" aria-label=format!("Message in {who}") on:click=|ev| ev.stop_propagation()>
                        <h2>{m.header("Subject").unwrap_or("(no subject)").to_string()}</h2>
                        <div class="message-parts two">
                            <div class="headers">
                                <h3>"Headers"</h3>
                                {header_list(&m.headers)}
                            </div>
                            <div class="body">
                                <h3>"Body"</h3>
                                <pre class="mono">{body}</pre>
                            </div>
                        </div>
                        <button class="primary" on:click=move |_| ctx.open_message.set(None)>"Close"</button>
                    </div>
                </div>
            }
        })
    }
}
