//! Dave's inbox, John's inbox (where bounces land) and the ISP's queue, all
//! at the cursor: stepping back before a delivery empties the inbox again.

use super::use_ctx;
use crate::i18n::{t, ta};
use crate::state::InboxItem;
use leptos::prelude::*;

#[component]
fn Inbox(owner: &'static str, label: &'static str, empty: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    let items = move || {
        ctx.snapshot.with(|s| match owner {
            "dave" => s.0.dave.clone(),
            _ => s.0.john.clone(),
        })
    };
    let item_view = move |m: InboxItem| {
        let subject = m.subject();
        let from = m.header("From").unwrap_or("").to_string();
        let from = crate::words::decode(&from).unwrap_or(from);
        let place = match (m.on_server, m.downloaded) {
            (true, true) => "inbox-on-server-downloaded",
            (true, false) => "inbox-on-server",
            (false, _) => "inbox-downloaded",
        };
        let uid = m.uid.clone();
        view! {
            <li class="msg">
                <button class="msg-open" on:click=move |_| ctx.open_message.set(Some((owner.to_string(), uid.clone())))>
                    <span class="subject">{subject}</span>
                    <span class="from">{from}</span>
                    <span class="where">{move || format!("{} · {}", t(place), ta("inbox-received", &[("count", crate::i18n::num(m.received_count()))]))}</span>
                </button>
            </li>
        }
    };
    view! {
        <section class=format!("panel inbox {owner}") aria-label=move || t(label)>
            <h2>{move || t(label)}</h2>
            {move || {
                let list = items();
                if list.is_empty() {
                    view! { <p class="muted empty">{t(empty)}</p> }.into_any()
                } else {
                    view! { <ul class="msgs">{list.into_iter().map(item_view).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
pub fn Mailboxes() -> impl IntoView {
    let ctx = use_ctx();
    let queue = move || ctx.snapshot.with(|s| s.0.isp_queue.clone());
    view! {
        <div class="mailboxes">
            <Inbox owner="dave" label="inbox-dave" empty="inbox-dave-empty" />
            <Inbox owner="john" label="inbox-john" empty="inbox-john-empty" />
            <section class="panel inbox queue" aria-label=move || t("inbox-queue")>
                <h2>{move || t("inbox-queue")}</h2>
                {move || {
                    let q = queue();
                    if q.is_empty() {
                        view! { <p class="muted empty">{t("inbox-queue-empty")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="msgs">
                                {q.into_iter().map(|(id, from, rcpts, next)| view! {
                                    <li class="msg queued">
                                        <span class="subject mono">{id}</span>
                                        <span class="from">{format!("<{from}> → {}", rcpts.join(", "))}</span>
                                        {next.map(|n| view! { <span class="where">{ta("inbox-retry-at", &[("time", protocol_core::explain::Arg::Str(&n.to_string()))])}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </section>
        </div>
    }
}
