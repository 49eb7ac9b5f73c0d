//! Dave's inbox, John's inbox (where bounces land) and the ISP's queue, all
//! at the cursor: stepping back before a delivery empties the inbox again.

use super::use_ctx;
use crate::state::InboxItem;
use leptos::prelude::*;

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
        // maildrop), and on which device, by which protocol.
        let mut place = vec![match (&m.folder, m.on_server) {
            (Some(f), _) => format!("moved to the folder {f} on the server (IMAP)"),
            (None, true) => "on the server".to_string(),
            (None, false) => "deleted from the server".to_string(),
        }];
        for d in &m.downloaded_to {
            place.push(format!("downloaded to {} (POP3)", ctx.host_name(d)));
        }
        for d in &m.read_on {
            place.push(format!("read on {} (IMAP)", ctx.host_name(d)));
        }
        if let Some(f) = m
            .flags
            .as_ref()
            .filter(|_| m.on_server || m.folder.is_some())
        {
            place.push(if f.is_empty() {
                "no flags".to_string()
            } else {
                format!("flags {f}")
            });
        }
        let place = place.join(" · ");
        let uid = m.uid.clone();
        view! {
            <li class="msg">
                <button class="msg-open" on:click=move |_| ctx.open_message.set(Some((owner.to_string(), uid.clone())))>
                    <span class="subject">{subject}</span>
                    <span class="from">{from}</span>
                    <span class="where">{format!("{place} · {} Received", m.received_count())}</span>
                </button>
            </li>
        }
    };
    view! {
        <section class=format!("panel inbox {owner}") aria-label=label>
            <h2>{label}</h2>
            <Show when=move || !empty_now.get() fallback=move || view! { <p class="muted empty">{empty}</p> }>
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
    let label = if host == "isp" {
        "ISP's queue".to_string()
    } else {
        format!("Queue at {}", ctx.host_name(&host))
    };
    view! {
        <section class="panel inbox queue" aria-label=label.clone()>
            <h2>{label.clone()}</h2>
            {if items.is_empty() {
                view! { <p class="muted empty">"Empty."</p> }.into_any()
            } else {
                view! {
                    <ul class="msgs">
                        {items.into_iter().map(|(id, from, rcpts, next)| view! {
                            <li class="msg queued">
                                <span class="subject mono">{id}</span>
                                <span class="from">{format!("<{from}> → {}", rcpts.join(", "))}</span>
                                {next.map(|n| view! { <span class="where">{format!("retry at {n}")}</span> })}
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
            <Inbox owner="dave" label="Dave's inbox" empty="Empty: nothing delivered yet." />
            <Inbox owner="john" label="John's inbox" empty="Empty: bounces would land here." />
            {move || queues.get().into_iter().map(|(host, items)| view! { <Queue host items /> }).collect_view()}
        </div>
    }
}
