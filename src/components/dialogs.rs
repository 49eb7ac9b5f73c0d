//! Overlays: keyboard help, John's compose form, and the message viewer.

use super::{header_list, report_notes, use_ctx};
use crate::i18n::t;
use crate::story::{composed_story, Draft, Sender};
use leptos::html::Div;
use leptos::prelude::*;
use web_sys::wasm_bindgen::JsCast;

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

thread_local! {
    /// The control that opened the dialog now open, to get focus back.
    static OPENER: std::cell::RefCell<Option<web_sys::HtmlElement>> = const { std::cell::RefCell::new(None) };
}

/// A modal dialog (WAI-ARIA APG): focus moves inside when it opens (to the
/// `data-autofocus` control, else the first control), Tab and Shift+Tab stay
/// inside, Escape closes it, and when it goes (however it was closed) focus
/// goes back to the control that opened it.
#[component]
pub(super) fn Modal(
    #[prop(into)] label: String,
    #[prop(into)] class: String,
    /// Closes the dialog (sets the signal that shows it).
    on_close: Callback<()>,
    /// Whether a click on the dimmed page around the dialog closes it.
    #[prop(default = true)]
    close_outside: bool,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    OPENER.with(|o| {
        *o.borrow_mut() = document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    });
    on_cleanup(|| {
        if let Some(el) = OPENER.with(|o| o.borrow_mut().take()) {
            let _ = el.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let first = el
                .query_selector("[data-autofocus]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                .or_else(|| focusables(&el).into_iter().next());
            let _ = first.map_or_else(|| el.focus(), |f| f.focus());
        }
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(root) = node.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                on_close.run(());
            }
            "Tab" => {
                let items = focusables(&root);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    ev.prevent_default();
                    return;
                };
                let active = document().active_element();
                let at = |el: &web_sys::HtmlElement| {
                    active
                        .as_ref()
                        .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
                };
                let inside = items.iter().any(at);
                if ev.shift_key() && (at(first) || !inside) {
                    ev.prevent_default();
                    let _ = last.focus();
                } else if !ev.shift_key() && (at(last) || !inside) {
                    ev.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        }
    };
    view! {
        <div class="overlay" on:click=move |_| if close_outside { on_close.run(()) }>
            <div
                class=format!("dialog {class}")
                role="dialog"
                aria-modal="true"
                aria-label=label
                tabindex="-1"
                node_ref=node
                on:keydown=on_key
                on:click=|ev| ev.stop_propagation()
            >
                {children()}
            </div>
        </div>
    }
}

#[component]
pub fn Help() -> impl IntoView {
    let ctx = use_ctx();
    let keys = [
        ("Space", "help-play"),
        ("→", "help-forward"),
        ("←", "help-back"),
        ("Home", "help-restart"),
        ("End", "help-end"),
        ("↑ / ↓", "help-speed"),
        ("PageDown / PageUp", "help-clickers"),
        ("P", "help-presenter"),
        ("B / .", "help-blank"),
        ("Esc", "help-leave-presenter"),
        ("?", "help-help"),
        ("1 … 4", "help-predict"),
        ("↑ / ↓ (diagram)", "help-diagram"),
        ("← / → (tabs)", "help-tabs"),
        ("Esc", "help-close"),
    ];
    view! {
        <Show when=move || ctx.help_open.get()>
            <Modal label=t("toolbar-shortcuts") class="help" on_close=Callback::new(move |_| ctx.help_open.set(false))>
                    <h2>{t("toolbar-shortcuts")}</h2>
                    <dl class="keys">
                        {keys.iter().map(|(k, v)| view! { <dt><kbd>{*k}</kbd></dt><dd>{t(v)}</dd> }).collect_view()}
                    </dl>
                    <p class="muted">{t("help-note")}</p>
                    <button class="primary" on:click=move |_| ctx.help_open.set(false)>{t("dialog-close")}</button>
            </Modal>
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
    let sender = RwSignal::new(Sender::John);
    let send = move || {
        let d = Draft {
            from: sender.get_untracked(),
            to: to.get_untracked(),
            subject: subject.get_untracked(),
            body: body.get_untracked(),
        };
        match composed_story(&d) {
            // Refused by the sender's server: the form stays, saying why (as
            // their mail program would); the story behind it shows how it went.
            Ok((s, Some(refusal))) => {
                ctx.load(s);
                error.set(Some(refusal));
            }
            Ok((s, None)) => {
                error.set(None);
                ctx.compose_open.set(false);
                ctx.load(s);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <Show when=move || ctx.compose_open.get()>
            <Modal label=t("toolbar-compose") class="compose-dialog" close_outside=false on_close=Callback::new(move |_| { error.set(None); ctx.compose_open.set(false) })>
                // novalidate: our own message says what is wrong with an address.
                <form
                    class="compose"
                    novalidate=""
                    on:submit=move |ev| {
                        ev.prevent_default();
                        send();
                    }
                >
                    <h2>{t("toolbar-compose")}</h2>
                    <label>{t("compose-from")}
                        <select
                            name="from"
                            prop:value=move || sender.get().key()
                            on:change:target=move |ev| {
                                let new = Sender::from_key(&ev.target().value());
                                // A To left as the old sender's default follows the new one.
                                if to.get_untracked() == sender.get_untracked().default_to() {
                                    to.set(new.default_to().to_string());
                                }
                                sender.set(new);
                            }
                        >
                            {Sender::ALL.iter().map(|(s, label)| view! { <option value=s.key()>{*label}</option> }).collect_view()}
                        </select>
                    </label>
                    <p class="muted">{move || sender.get().route()}</p>
                    <label>{t("compose-to")}
                        <input type="email" name="to" data-autofocus="" autocomplete="off" autocapitalize="off" spellcheck="false" multiple prop:value=to on:input:target=move |ev| to.set(ev.target().value())
                            aria-invalid=move || if error.get().is_some() { "true" } else { "false" } aria-describedby="compose-error" />
                    </label>
                    <label>{t("compose-subject")}
                        <input type="text" name="subject" prop:value=subject on:input:target=move |ev| subject.set(ev.target().value()) />
                    </label>
                    <label>{t("compose-message")}
                        <textarea name="body" rows="6" prop:value=body on:input:target=move |ev| body.set(ev.target().value())></textarea>
                    </label>
                    <p id="compose-error" class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| { error.set(None); ctx.compose_open.set(false) }>{t("dialog-cancel")}</button>
                        <button type="submit" class="primary">{t("compose-send")}</button>
                    </div>
                </form>
            </Modal>
        </Show>
    }
}

/// The sender checks as an ordered list: a tag per method, the server's
/// own words (the message viewer, and the inspector at a check step).
pub(crate) fn auth_steps_view(steps: Vec<crate::state::AuthStep>) -> impl IntoView {
    view! {
        <ol class="auth-steps">
            {steps.into_iter().map(|st| {
                let class = format!("tag auth-{}", st.method.to_ascii_lowercase());
                // In Dutch or Chinese the step's explanation title comes
                // first, in that language; the server's own words stay English.
                let key = st.key.clone();
                let title = move || {
                    let cat = crate::i18n::catalog();
                    (cat.lang() != protocol_core::i18n::Lang::En)
                        .then(|| key.as_deref().and_then(protocol_core::explain::lookup))
                        .flatten()
                        .map(|x| format!("{}: ", protocol_core::explain::Words::title(&*cat, x)))
                };
                view! { <li><span class=class>{st.method}</span>" "{title}<span class="mono" lang="en">{st.text}</span></li> }
            }).collect_view()}
        </ol>
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
    let view_of = move |(owner, m): (String, crate::state::InboxItem)| {
        let who = if owner == "dave" {
            t("viewer-in-dave")
        } else {
            t("viewer-in-john")
        };
        let body = m
            .text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.replace("\r\n", "\n"))
            .unwrap_or_default();
        view! {
            <Modal label=who class="viewer" on_close=Callback::new(move |_| ctx.open_message.set(None))>
                <h2>{m.subject()}</h2>
                <div class="message-parts two">
                    <div class="headers">
                        <h3>{t("message-headers")}</h3>
                        {header_list(&m.headers)}
                    </div>
                    <div class="body">
                        <h3>{t("message-body")}</h3>
                        <pre class="mono">{body}</pre>
                        {report_notes(&m.text)}
                    </div>
                </div>
                {
                    let steps = ctx.story.with_untracked(|s| crate::state::auth_for_delivery(&s.trace, &m.uid));
                    (!steps.is_empty()).then(|| view! {
                        <section class="auth-view" aria-labelledby="auth-view-title">
                            <h3 id="auth-view-title">{t("viewer-auth-title")}</h3>
                            <p class="muted small">{t("viewer-auth-intro")}</p>
                            {auth_steps_view(steps)}
                        </section>
                    })
                }
                <div class="actions">
                    <button on:click={
                        let (text, uid) = (m.text.clone(), m.uid.clone());
                        move |_| super::download(&format!("message-{}.eml", crate::export::file_stem(&uid)), "message/rfc822", &text)
                    }>{t("viewer-download")}</button>
                    <button class="primary" on:click=move |_| ctx.open_message.set(None)>{t("dialog-close")}</button>
                </div>
            </Modal>
        }
    };
    // Rebuilt only when another message is opened, not on every change of
    // the snapshot, so focus stays where it is inside the dialog.
    let opened = Memo::new(move |_| message().map(|(o, m)| (o, m.uid)));
    move || {
        opened.get()?;
        untrack(message).map(view_of)
    }
}
