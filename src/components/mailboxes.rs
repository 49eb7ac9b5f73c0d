//! Dave's inbox, John's inbox (where bounces land) and the ISP's queue, all
//! at the cursor: stepping back before a delivery empties the inbox again.

use super::use_ctx;
use crate::i18n::{num, t, ta};
use crate::state::InboxItem;
use leptos::prelude::*;
use protocol_core::explain::Arg;

#[component]
fn Inbox(owner: &'static str, label: &'static str, empty: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    // A memo: the snapshot is new at every step, the inbox only when mail
    // arrives or moves, and then the keyed list below adds or replaces only
    // the messages that changed (a bulk world has hundreds in the inbox).
    let items = Memo::new(move |_| {
        ctx.snapshot.with(|s| match owner {
            "dave" => s.0.dave.clone(),
            _ => s.0.john.clone(),
        })
    });
    let empty_now = Memo::new(move |_| items.with(Vec::is_empty));
    let item_view = move |m: InboxItem| {
        let subject = m.subject();
        let from = m.header("From").unwrap_or("").to_string();
        let from = crate::words::decode(&from).unwrap_or(from);
        // Where the message is: on the server (POP3 and IMAP read the same
        // maildrop), and on which device, by which protocol; in the language
        // shown, also after it changes (the keyed row is not redrawn).
        let (on_server, folder, flags, received) = (
            m.on_server,
            m.folder.clone(),
            m.flags.clone(),
            m.received_count(),
        );
        let devices: Vec<(bool, String)> = m
            .downloaded_to
            .iter()
            .map(|d| (true, ctx.host_name(d)))
            .chain(m.read_on.iter().map(|d| (false, ctx.host_name(d))))
            .collect();
        let place = move || {
            let mut place = vec![match (&folder, on_server) {
                (Some(f), _) => ta("inbox-moved-to", &[("folder", Arg::Str(f))]),
                (None, true) => t("inbox-on-server"),
                (None, false) => t("inbox-deleted"),
            }];
            for (pop3, d) in &devices {
                let id = if *pop3 {
                    "inbox-downloaded-to"
                } else {
                    "inbox-read-on"
                };
                place.push(ta(id, &[("device", Arg::Str(d))]));
            }
            if let Some(f) = flags.as_ref().filter(|_| on_server || folder.is_some()) {
                place.push(if f.is_empty() {
                    t("inbox-no-flags")
                } else {
                    ta("inbox-flags", &[("flags", Arg::Str(f))])
                });
            }
            place.push(ta("inbox-received", &[("count", num(received))]));
            place.join(" · ")
        };
        let uid = m.uid.clone();
        view! {
            <li class="msg">
                <button class="msg-open" on:click=move |_| ctx.open_message.set(Some((owner.to_string(), uid.clone())))>
                    <span class="subject">{subject}</span>
                    <span class="from">{from}</span>
                    <span class="where">{place}</span>
                </button>
            </li>
        }
    };
    view! {
        <section class=format!("panel inbox {owner}") aria-label=move || t(label)>
            <h2>{move || t(label)}</h2>
            <Show when=move || !empty_now.get() fallback=move || view! { <p class="muted empty">{move || t(empty)}</p> }>
                <ul class="msgs">
                    <For
                        each=move || items.get()
                        key=|m| (m.uid.clone(), m.on_server, m.downloaded_to.clone(), m.read_on.clone(), m.flags.clone(), m.folder.clone())
                        children=item_view
                    />
                </ul>
            </Show>
        </section>
    }
}

/// One MTA's queue: what it has taken responsibility for and not yet
/// passed on (RFC 5321 §6.1), with the time of the next attempt.
#[component]
fn Queue(host: String, items: Vec<crate::state::QueueItem>) -> impl IntoView {
    let ctx = use_ctx();
    // In the language shown, also when it changes after the panel was drawn.
    let name = ctx.host_name(&host);
    let label = move || {
        if host == "isp" {
            t("inbox-queue")
        } else {
            ta("inbox-queue-at", &[("host", Arg::Str(&name))])
        }
    };
    let aria = label.clone();
    view! {
        <section class="panel inbox queue" aria-label=aria>
            <h2>{label}</h2>
            {if items.is_empty() {
                view! { <p class="muted empty">{move || t("inbox-queue-empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="msgs">
                        {items.into_iter().map(|(id, from, rcpts, next)| view! {
                            <li class="msg queued">
                                <span class="subject mono">{id}</span>
                                <span class="from">{format!("<{from}> → {}", rcpts.join(", "))}</span>
                                {next.map(|n| view! { <span class="where">{move || ta("inbox-retry-at", &[("time", Arg::Str(&n.to_string()))])}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
pub fn Mailboxes() -> impl IntoView {
    let ctx = use_ctx();
    // Re-drawn only when a queue changes, not at every step.
    let queues = Memo::new(move |_| ctx.snapshot.with(|s| s.0.queues.clone()));
    view! {
        <div class="mailboxes">
            <Inbox owner="dave" label="inbox-dave" empty="inbox-dave-empty" />
            <Inbox owner="john" label="inbox-john" empty="inbox-john-empty" />
            {move || queues.get().into_iter().map(|(host, items)| view! { <Queue host items /> }).collect_view()}
        </div>
    }
}
