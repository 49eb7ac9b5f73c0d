//! The world editor ("Edit world"), scenario files in and out, and running a
//! world in slices with a progress line. The state is `crate::lab`'s.

use super::dialogs::Modal;
use super::{perf_now, use_ctx, Ctx};
use crate::i18n::{num, t, ta};
use crate::lab::{parse_toml, to_toml, ChangeKind, Run, StepEdit, WorldEdit, SLICE};
use leptos::prelude::*;
use protocol_core::explain::Arg;
use protocol_core::scenario::{builtin, AccountSpec, BareLf, Scenario};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::wasm_bindgen::JsCast;

/// The lab's shared signals (beside the page's [`Ctx`]).
#[derive(Clone, Copy)]
pub struct Lab {
    pub open: RwSignal<bool>,
    /// "Running the world: 1,234 events so far" while a run is in slices.
    pub progress: RwSignal<Option<String>>,
    /// The scenario of the story shown, when it is not a built-in one.
    pub current: StoredValue<Option<Scenario>>,
    /// Bumped by every run, so that an older run still in slices stops.
    pub run_id: StoredValue<u32>,
}

impl Lab {
    pub fn new() -> Lab {
        Lab {
            open: RwSignal::new(false),
            progress: RwSignal::new(None),
            current: StoredValue::new(None),
            run_id: StoredValue::new(0),
        }
    }
}

impl Default for Lab {
    fn default() -> Self {
        Lab::new()
    }
}

pub fn use_lab() -> Lab {
    expect_context::<Lab>()
}

/// Longest stretch of work between two yields to the browser, in ms: well
/// under the 50 ms of a "long task", so the page keeps drawing and typing.
const SLICE_MS: f64 = 12.0;

/// Runs a scenario's world in slices, yielding to the browser between them
/// (a `setTimeout(0)`), with a progress line; then shows its story.
pub fn run_in_slices(ctx: Ctx, lab: Lab, s: Scenario) {
    let id = lab.run_id.get_value().wrapping_add(1);
    lab.run_id.set_value(id);
    lab.current
        .set_value(builtin(&s.name).is_none().then(|| s.clone()));
    let run = Rc::new(RefCell::new(Some(Run::new(&s))));
    lab.progress
        .set(Some(ta("lab-running", &[("title", Arg::Str(&s.title))])));
    fn tick(ctx: Ctx, lab: Lab, id: u32, run: Rc<RefCell<Option<Run>>>) {
        if lab.run_id.get_value() != id {
            return;
        }
        let start = perf_now();
        let done = {
            let mut slot = run.borrow_mut();
            let Some(r) = slot.as_mut() else { return };
            loop {
                if r.slice(SLICE) {
                    break true;
                }
                if perf_now() - start > SLICE_MS {
                    break false;
                }
            }
        };
        if done {
            // Laying out the story, then drawing it: each in a turn of its
            // own, so that the last slice, the layout and the first drawing
            // of a long story are three tasks, not one.
            set_timeout(
                move || {
                    if lab.run_id.get_value() != id {
                        return;
                    }
                    let Some(story) = run.borrow_mut().take().map(Run::finish) else {
                        return;
                    };
                    set_timeout(
                        move || {
                            if lab.run_id.get_value() == id {
                                ctx.load(story);
                                lab.progress.set(None);
                            }
                        },
                        std::time::Duration::ZERO,
                    );
                },
                std::time::Duration::ZERO,
            );
        } else {
            let n = run.borrow().as_ref().map_or(0, Run::events);
            lab.progress
                .set(Some(ta("lab-running-events", &[("n", num(n))])));
            set_timeout(move || tick(ctx, lab, id, run), std::time::Duration::ZERO);
        }
    }
    set_timeout(move || tick(ctx, lab, id, run), std::time::Duration::ZERO);
}

/// The scenario behind the story shown (the seed story if none).
fn scenario_shown(ctx: Ctx, lab: Lab) -> Scenario {
    let name = ctx.story.with_untracked(|s| s.name.clone());
    lab.current
        .get_value()
        .filter(|s| s.name == name)
        .or_else(|| builtin(&name))
        .or_else(|| builtin("seed-story"))
        .unwrap_or_else(|| Scenario {
            name: "empty".into(),
            title: "An empty world".into(),
            goal: String::new(),
            seed: 0,
            hosts: vec![],
            mx: vec![],
            retry: None,
            links: vec![],
            dns: vec![],
            faults: vec![],
            steps: vec![],
        })
}

/// Offers `text` as a file download named `file`.
fn download(file: &str, text: &str) -> Result<(), String> {
    let parts = js_sys_array(text);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/toml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| t("lab-file-failed"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| t("lab-file-failed"))?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| t("lab-file-failed"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

fn js_sys_array(text: &str) -> web_sys::js_sys::Array {
    let a = web_sys::js_sys::Array::new();
    a.push(&web_sys::wasm_bindgen::JsValue::from_str(text));
    a
}

/// "greylisting" -> "greylisting-edited.toml"
fn file_name(name: &str) -> String {
    let base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if base.ends_with("-edited") {
        format!("{base}.toml")
    } else {
        format!("{base}-edited.toml")
    }
}

#[component]
pub fn EditButton() -> impl IntoView {
    let lab = use_lab();
    view! {
        <button class="lab-btn" on:click=move |_| lab.open.set(true)>{move || crate::i18n::t("toolbar-edit-world")}</button>
        <span class="lab-progress" aria-live="polite">{move || lab.progress.get()}</span>
    }
}

#[component]
pub fn Editor() -> impl IntoView {
    let ctx = use_ctx();
    let lab = use_lab();
    view! {
        <Show when=move || lab.open.get()>
            <EditorDialog ctx=ctx lab=lab />
        </Show>
    }
}

/// The editor's words are read once, when it opens: the dialog is modal,
/// so the language picker cannot change them while it is open.
#[component]
fn EditorDialog(ctx: Ctx, lab: Lab) -> impl IntoView {
    let edit = RwSignal::new(WorldEdit::from_scenario(&scenario_shown(ctx, lab)));
    let error = RwSignal::new(None::<String>);
    // Rows are rebuilt when their table gains or loses one, not on each
    // key, so that focus stays in the field being typed in.
    let n_hosts = Memo::new(move |_| edit.with(|e| e.hosts.len()));
    let n_steps = Memo::new(move |_| edit.with(|e| e.steps.len()));
    let n_mx = Memo::new(move |_| edit.with(|e| e.mx.len()));
    let n_links = Memo::new(move |_| edit.with(|e| e.links.len()));
    let n_dns = Memo::new(move |_| edit.with(|e| e.dns.len()));
    let n_faults = Memo::new(move |_| edit.with(|e| e.faults.len()));
    let servers = Memo::new(move |_| {
        edit.with(|e| e.hosts.iter().map(|h| h.is_server()).collect::<Vec<_>>())
    });
    let close = move || lab.open.set(false);
    let run = move || match edit.with_untracked(WorldEdit::to_scenario) {
        Ok(mut s) => {
            if !s.name.ends_with("-edited") {
                s.name = format!("{}-edited", s.name);
                // A built-in world's title as the page shows it.
                let title = crate::i18n::story_words(&s.name, &s.title, &s.goal).0;
                s.title = ta("lab-edited-title", &[("title", Arg::Str(&title))]);
            }
            error.set(None);
            lab.open.set(false);
            run_in_slices(ctx, lab, s);
        }
        Err(e) => error.set(Some(e)),
    };
    let save = move || match edit.with_untracked(WorldEdit::to_scenario).and_then(|s| {
        let text = to_toml(&s);
        download(&file_name(&s.name), &text)
    }) {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(e)),
    };
    let open_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text
                .ok_or_else(|| ta("lab-file-unreadable", &[("file", Arg::Str(&name))]))
                .and_then(|t| parse_toml(&t, &name))
            {
                Ok(s) => {
                    error.set(None);
                    edit.set(WorldEdit::from_scenario(&s));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let hosts_table = move || {
        let n = n_hosts.get();
        (0..n).map(|i| host_row(edit, i)).collect_view()
    };
    let changes_table = move || {
        let n = n_steps.get();
        (0..n)
            .filter(|&i| edit.with_untracked(|e| matches!(e.steps[i], StepEdit::Change(_))))
            .enumerate()
            .map(|(k, i)| change_row(edit, i, k + 1))
            .collect_view()
    };
    let mx_table = move || {
        let n = n_mx.get();
        (0..n).map(|i| mx_row(edit, i)).collect_view()
    };
    let policies = move || {
        let servers = servers.get();
        (0..servers.len())
            .filter(|&i| servers[i])
            .map(|i| policy_box(edit, i))
            .collect_view()
    };
    let links_table = move || (0..n_links.get()).map(|i| link_row(edit, i)).collect_view();
    let dns_table = move || (0..n_dns.get()).map(|i| dns_row(edit, i)).collect_view();
    let faults_table = move || {
        (0..n_faults.get())
            .map(|i| fault_row(edit, i))
            .collect_view()
    };
    let kept = move || {
        edit.with(|e| {
            e.steps
                .iter()
                .filter(|s| matches!(s, StepEdit::Kept(_)))
                .count()
        })
    };

    view! {
        <Modal label=t("toolbar-edit-world") class="lab" close_outside=false on_close=Callback::new(move |_| close())>
            <h2>{t("toolbar-edit-world")}</h2>
            <p class="muted">{move || edit.with(|e| ta("lab-intro", &[("title", Arg::Str(&crate::i18n::story_words(&e.name, &e.title, &e.goal).0))]))}</p>
            <div class="lab-files">
                <label class="file-open">{t("lab-open-file")}" "
                    <input type="file" accept=".toml,text/plain,application/toml" on:change=open_file />
                </label>
                <button type="button" on:click=move |_| save()>{t("lab-save-file")}</button>
            </div>

            <section aria-labelledby="lab-hosts">
                <h3 id="lab-hosts">{t("lab-hosts")}</h3>
                <table class="lab-table">
                    <thead><tr><th scope="col">{t("lab-col-host")}</th><th scope="col">{t("lab-col-address")}</th><th scope="col">{t("lab-col-services")}</th><th scope="col">{t("lab-col-down-up")}</th></tr></thead>
                    <tbody>{hosts_table}</tbody>
                </table>
            </section>

            <section aria-labelledby="lab-changes">
                <h3 id="lab-changes">{t("lab-changes")}</h3>
                <p class="muted small">{t("lab-changes-help")}</p>
                <table class="lab-table">
                    <thead><tr><th scope="col">{t("lab-col-at")}</th><th scope="col">{t("lab-col-what")}</th><th scope="col">{t("lab-col-host")}</th><th scope="col">{t("lab-col-other-end")}</th><th scope="col"><span class="visually-hidden">{t("lab-remove")}</span></th></tr></thead>
                    <tbody>{changes_table}</tbody>
                </table>
                <button type="button" on:click=move |_| edit.update(|e| e.add_change(ChangeKind::LinkDown, "1m", "isp", "mx"))>{t("lab-add-change")}</button>
                <p class="muted small">{move || ta("lab-kept-steps", &[("n", num(kept()))])}</p>
            </section>

            <section aria-labelledby="lab-links">
                <h3 id="lab-links">{t("lab-links")}</h3>
                <p class="muted small">{t("lab-links-help")}</p>
                <table class="lab-table">
                    <thead><tr><th scope="col">{t("lab-col-host")}</th><th scope="col">{t("lab-col-other-host")}</th><th scope="col">{t("lab-col-latency")}</th><th scope="col">{t("lab-col-loss")}</th><th scope="col"><span class="visually-hidden">{t("lab-remove")}</span></th></tr></thead>
                    <tbody>{links_table}</tbody>
                </table>
                <button type="button" on:click=move |_| edit.update(|e| e.links.push(crate::lab::LinkEdit { a: "isp".into(), b: "mx".into(), latency: "40ms".into(), loss: "20".into() }))>{t("lab-add-link")}</button>
            </section>

            <section aria-labelledby="lab-dns">
                <h3 id="lab-dns">{t("lab-dns")}</h3>
                <p class="muted small">{t("lab-dns-help")}</p>
                <table class="lab-table">
                    <thead><tr><th scope="col">{t("lab-col-domain")}</th><th scope="col">{t("lab-col-preference")}</th><th scope="col">{t("lab-col-mail-server")}</th><th scope="col"><span class="visually-hidden">{t("lab-remove")}</span></th></tr></thead>
                    <tbody>{mx_table}</tbody>
                </table>
                <button type="button" on:click=move |_| edit.update(|e| e.mx.push(crate::lab::MxEdit { domain: "dave.example".into(), preference: "20".into(), host: String::new() }))>{t("lab-add-mx")}</button>
                <button type="button" on:click=move |_| edit.update(|e| e.mx.push(crate::lab::MxEdit { domain: "nomail.example".into(), preference: "0".into(), host: ".".into() }))>{t("lab-add-null-mx")}</button>
                <h4 id="lab-dns-other">{t("lab-dns-other")}</h4>
                <p class="muted small">{t("lab-dns-other-help")}</p>
                <table class="lab-table" aria-labelledby="lab-dns-other">
                    <thead><tr><th scope="col">{t("lab-col-change")}</th><th scope="col">{t("lab-col-name")}</th><th scope="col">{t("lab-col-value")}</th><th scope="col"><span class="visually-hidden">{t("lab-remove")}</span></th></tr></thead>
                    <tbody>{dns_table}</tbody>
                </table>
                <button type="button" on:click=move |_| edit.update(|e| e.dns.push(crate::lab::DnsEdit { kind: "no_a".into(), name: "mail.dave.example".into(), value: String::new() }))>{t("lab-add-dns")}</button>
            </section>

            <section aria-labelledby="lab-faults">
                <h3 id="lab-faults">{t("lab-faults")}</h3>
                <p class="muted small">{t("lab-faults-help")}</p>
                <table class="lab-table">
                    <thead><tr><th scope="col">{t("lab-col-server")}</th><th scope="col">{t("lab-col-when")}</th><th scope="col">{t("lab-col-it")}</th><th scope="col">{t("lab-col-reply")}</th><th scope="col">{t("lab-col-times")}</th><th scope="col"><span class="visually-hidden">{t("lab-remove")}</span></th></tr></thead>
                    <tbody>{faults_table}</tbody>
                </table>
                <button type="button" on:click=move |_| edit.update(|e| e.faults.push(crate::lab::FaultEdit { host: "mx".into(), port: None, on: protocol_core::smtp::server::FaultStage::Rcpt, drop: false, reply: "451 4.3.0 Injected: try again later".into(), times: "2".into() }))>{t("lab-add-fault")}</button>
            </section>

            <section aria-labelledby="lab-policies">
                <h3 id="lab-policies">{t("lab-policies")}</h3>
                {policies}
                <fieldset class="lab-box">
                    <legend>{t("lab-retry")}</legend>
                    <label>{t("lab-retry-wait")}" "
                        <input type="text" placeholder="15m, 30m, 1h, 2h, 4h, 8h" prop:value=move || edit.with(|e| e.retry_schedule.clone())
                            on:input:target=move |ev| edit.update(|e| e.retry_schedule = ev.target().value()) />
                    </label>
                    <label>{t("lab-retry-give-up")}" "
                        <input type="text" placeholder="4d" prop:value=move || edit.with(|e| e.retry_max_age.clone())
                            on:input:target=move |ev| edit.update(|e| e.retry_max_age = ev.target().value()) />
                    </label>
                    <p class="muted small">{t("lab-retry-help")}</p>
                </fieldset>
            </section>

            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| close()>{t("dialog-cancel")}</button>
                <button type="button" class="primary" on:click=move |_| run()>{t("lab-run")}</button>
            </div>
        </Modal>
    }
}

fn host_row(edit: RwSignal<WorldEdit>, i: usize) -> impl IntoView {
    let get = move |f: fn(&crate::lab::HostEdit) -> String| {
        move || edit.with(|e| e.hosts.get(i).map(f).unwrap_or_default())
    };
    let name = get(|h| h.name.clone());
    let id = edit.with_untracked(|e| e.hosts[i].id.clone());
    let service = move |label: &'static str,
                        port: &'static str,
                        pick: fn(&mut crate::lab::HostEdit) -> &mut bool| {
        view! {
            <label class="svc">
                <input type="checkbox"
                    prop:checked=move || edit.with(|e| { let mut h = e.hosts[i].clone(); *pick(&mut h) })
                    on:change:target=move |ev| { let on = ev.target().checked(); edit.update(|e| *pick(&mut e.hosts[i]) = on) } />
                {format!("{} {port}", if label.starts_with("lab-") { t(label) } else { label.to_string() })}
            </label>
        }
    };
    let id2 = id.clone();
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td><input type="text" class="ip" aria-label=ta("lab-host-address", &[("host", Arg::Str(&edit.with(|e| e.hosts[i].name.clone())))])
                prop:value=get(|h| h.ip.clone()) on:input:target=move |ev| edit.update(|e| e.hosts[i].ip = ev.target().value()) /></td>
            <td class="svcs">
                {service("SMTP", "25", |h| &mut h.smtp)}
                {service("lab-svc-submission", "587", |h| &mut h.submission)}
                {service("POP3", "110", |h| &mut h.pop3)}
                {service("IMAP", "143", |h| &mut h.imap)}
            </td>
            <td>
                <button type="button" on:click=move |_| edit.update(|e| e.add_change(ChangeKind::HostDown, "0s", &id, ""))
                    aria-label=ta("lab-take-down", &[("host", Arg::Str(&edit.with(|e| e.hosts[i].name.clone())))])>{t("lab-down-now")}</button>
                <button type="button" on:click=move |_| edit.update(|e| e.add_change(ChangeKind::HostUp, "20m", &id2, ""))
                    aria-label=ta("lab-bring-up", &[("host", Arg::Str(&edit.with(|e| e.hosts[i].name.clone())))])>{t("lab-up-later")}</button>
            </td>
        </tr>
    }
}

fn host_options(edit: RwSignal<WorldEdit>, chosen: String) -> impl IntoView {
    edit.with_untracked(|e| {
        e.host_choices()
            .into_iter()
            .map(|(id, name)| {
                let sel = id == chosen;
                view! { <option value=id selected=sel>{name}</option> }
            })
            .collect_view()
    })
}

fn change_row(edit: RwSignal<WorldEdit>, i: usize, n: usize) -> impl IntoView {
    let read = move |f: fn(&crate::lab::Change) -> String| {
        move || {
            edit.with(|e| match e.steps.get(i) {
                Some(StepEdit::Change(c)) => f(c),
                _ => String::new(),
            })
        }
    };
    let write = move |f: Box<dyn Fn(&mut crate::lab::Change)>| {
        edit.update(|e| {
            if let Some(StepEdit::Change(c)) = e.steps.get_mut(i) {
                f(c)
            }
        })
    };
    let (a0, b0) = edit.with_untracked(|e| match &e.steps[i] {
        StepEdit::Change(c) => (c.a.clone(), c.b.clone()),
        _ => Default::default(),
    });
    let is_link = move || read(|c| c.kind.is_link().to_string())() == "true";
    view! {
        <tr>
            <td><input type="text" class="at" aria-label=ta("lab-change-time", &[("n", num(n))]) prop:value=read(|c| c.at.clone())
                on:input:target=move |ev| { let v = ev.target().value(); write(Box::new(move |c| c.at = v.clone())) } /></td>
            <td><select aria-label=ta("lab-change-what", &[("n", num(n))]) prop:value=read(|c| c.kind.key().to_string())
                on:change:target=move |ev| { let k = ChangeKind::from_key(&ev.target().value()); write(Box::new(move |c| c.kind = k)) }>
                {ChangeKind::ALL.iter().map(|(_, key, label)| view! { <option value=*key>{t(label)}</option> }).collect_view()}
            </select></td>
            <td><select aria-label=ta("lab-change-host", &[("n", num(n))]) prop:value=read(|c| c.a.clone())
                on:change:target=move |ev| { let v = ev.target().value(); write(Box::new(move |c| c.a = v.clone())) }>
                {host_options(edit, a0)}
            </select></td>
            <td><select aria-label=ta("lab-change-other", &[("n", num(n))]) prop:value=read(|c| c.b.clone()) prop:disabled=move || !is_link()
                on:change:target=move |ev| { let v = ev.target().value(); write(Box::new(move |c| c.b = v.clone())) }>
                <option value="">"—"</option>
                {host_options(edit, b0)}
            </select></td>
            <td><button type="button" aria-label=ta("lab-change-remove", &[("n", num(n))]) on:click=move |_| edit.update(|e| { if i < e.steps.len() { e.steps.remove(i); } })>{t("lab-remove")}</button></td>
        </tr>
    }
}

fn link_row(edit: RwSignal<WorldEdit>, i: usize) -> impl IntoView {
    let n = i + 1;
    let (a0, b0) = edit.with_untracked(|e| (e.links[i].a.clone(), e.links[i].b.clone()));
    let pick = move |label: String,
                     chosen: String,
                     f: fn(&mut crate::lab::LinkEdit) -> &mut String| {
        view! {
            <select aria-label=label on:change:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(l) = e.links.get_mut(i) { *f(l) = v }) }>
                {host_options(edit, chosen)}
            </select>
        }
    };
    let text = move |label: String, f: fn(&mut crate::lab::LinkEdit) -> &mut String| {
        view! {
            <input type="text" class="at" aria-label=label
                prop:value=move || edit.with(|e| e.links.get(i).cloned().map(|mut l| f(&mut l).clone()).unwrap_or_default())
                on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(l) = e.links.get_mut(i) { *f(l) = v }) } />
        }
    };
    view! {
        <tr>
            <td>{pick(ta("lab-link-host", &[("n", num(n))]), a0, |l| &mut l.a)}</td>
            <td>{pick(ta("lab-link-other", &[("n", num(n))]), b0, |l| &mut l.b)}</td>
            <td>{text(ta("lab-link-latency", &[("n", num(n))]), |l| &mut l.latency)}</td>
            <td>{text(ta("lab-link-loss", &[("n", num(n))]), |l| &mut l.loss)}</td>
            <td><button type="button" aria-label=ta("lab-link-remove", &[("n", num(n))]) on:click=move |_| edit.update(|e| { if i < e.links.len() { e.links.remove(i); } })>{t("lab-remove")}</button></td>
        </tr>
    }
}

fn dns_row(edit: RwSignal<WorldEdit>, i: usize) -> impl IntoView {
    let n = i + 1;
    let kind0 = edit.with_untracked(|e| e.dns[i].kind.clone());
    let field = move |label: String, f: fn(&mut crate::lab::DnsEdit) -> &mut String| {
        view! {
            <input type="text" aria-label=label
                prop:value=move || edit.with(|e| e.dns.get(i).cloned().map(|mut d| f(&mut d).clone()).unwrap_or_default())
                on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(d) = e.dns.get_mut(i) { *f(d) = v }) } />
        }
    };
    let kinds = [
        ("a", "lab-dns-a"),
        ("no_a", "lab-dns-no-a"),
        ("null_mx", "lab-dns-null-mx"),
        ("nxdomain", "lab-dns-nxdomain"),
        ("txt", "lab-dns-txt"),
        ("servfail", "lab-dns-servfail"),
    ];
    view! {
        <tr>
            <td>
                <select aria-label=ta("lab-dns-kind", &[("n", num(n))]) on:change:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(d) = e.dns.get_mut(i) { d.kind = v }) }>
                    {kinds.into_iter().map(|(k, label)| view! { <option value=k selected=k == kind0>{t(label)}</option> }).collect_view()}
                </select>
            </td>
            <td>{field(ta("lab-dns-name", &[("n", num(n))]), |d| &mut d.name)}</td>
            <td>{field(ta("lab-dns-value", &[("n", num(n))]), |d| &mut d.value)}</td>
            <td><button type="button" aria-label=ta("lab-dns-remove", &[("n", num(n))]) on:click=move |_| edit.update(|e| { if i < e.dns.len() { e.dns.remove(i); } })>{t("lab-remove")}</button></td>
        </tr>
    }
}

fn fault_row(edit: RwSignal<WorldEdit>, i: usize) -> impl IntoView {
    use crate::lab::STAGES;
    let n = i + 1;
    let (host0, on0, drop0) =
        edit.with_untracked(|e| (e.faults[i].host.clone(), e.faults[i].on, e.faults[i].drop));
    view! {
        <tr>
            <td>
                <select aria-label=ta("lab-fault-server", &[("n", num(n))]) on:change:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(x) = e.faults.get_mut(i) { x.host = v }) }>
                    {host_options(edit, host0)}
                </select>
            </td>
            <td>
                <select aria-label=ta("lab-fault-when", &[("n", num(n))]) on:change:target=move |ev| {
                    let v = ev.target().value();
                    if let Some(&(stage, _)) = STAGES.iter().find(|s| s.1 == v) {
                        edit.update(|e| if let Some(x) = e.faults.get_mut(i) { x.on = stage });
                    }
                }>
                    {STAGES.into_iter().map(|(stage, key)| view! { <option value=key selected=stage == on0>{t(stage_words(key))}</option> }).collect_view()}
                </select>
            </td>
            <td>
                <select aria-label=ta("lab-fault-does", &[("n", num(n))]) on:change:target=move |ev| { let d = ev.target().value() == "drop"; edit.update(|e| if let Some(x) = e.faults.get_mut(i) { x.drop = d }) }>
                    <option value="reply" selected=!drop0>{t("lab-fault-answers")}</option>
                    <option value="drop" selected=drop0>{t("lab-fault-drops")}</option>
                </select>
            </td>
            <td>
                <input type="text" aria-label=ta("lab-fault-reply", &[("n", num(n))])
                    prop:value=move || edit.with(|e| e.faults.get(i).map(|x| x.reply.clone()).unwrap_or_default())
                    prop:disabled=move || edit.with(|e| e.faults.get(i).is_some_and(|x| x.drop))
                    on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(x) = e.faults.get_mut(i) { x.reply = v }) } />
            </td>
            <td>
                <input type="text" class="times" placeholder=t("lab-fault-every-time") aria-label=ta("lab-fault-times", &[("n", num(n))])
                    prop:value=move || edit.with(|e| e.faults.get(i).map(|x| x.times.clone()).unwrap_or_default())
                    on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(x) = e.faults.get_mut(i) { x.times = v }) } />
            </td>
            <td><button type="button" aria-label=ta("lab-fault-remove", &[("n", num(n))]) on:click=move |_| edit.update(|e| { if i < e.faults.len() { e.faults.remove(i); } })>{t("lab-remove")}</button></td>
        </tr>
    }
}

/// The id of a fault stage's words.
fn stage_words(key: &str) -> &'static str {
    match key {
        "greeting" => "lab-stage-greeting",
        "ehlo" => "lab-stage-ehlo",
        "mail" => "lab-stage-mail",
        "rcpt" => "lab-stage-rcpt",
        "data" => "lab-stage-data",
        _ => "lab-stage-dot",
    }
}

fn mx_row(edit: RwSignal<WorldEdit>, i: usize) -> impl IntoView {
    let n = i + 1;
    let field = move |label: String, f: fn(&mut crate::lab::MxEdit) -> &mut String| {
        view! {
            <input type="text" aria-label=label
                prop:value=move || edit.with(|e| { let mut m = e.mx[i].clone(); f(&mut m).clone() })
                on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| *f(&mut e.mx[i]) = v) } />
        }
    };
    view! {
        <tr>
            <td>{field(ta("lab-mx-domain", &[("n", num(n))]), |m| &mut m.domain)}</td>
            <td>{field(ta("lab-mx-preference", &[("n", num(n))]), |m| &mut m.preference)}</td>
            <td>{field(ta("lab-mx-host", &[("n", num(n))]), |m| &mut m.host)}</td>
            <td><button type="button" aria-label=ta("lab-mx-remove", &[("n", num(n))]) on:click=move |_| edit.update(|e| { if i < e.mx.len() { e.mx.remove(i); } })>{t("lab-remove")}</button></td>
        </tr>
    }
}

fn policy_box(edit: RwSignal<WorldEdit>, i: usize) -> impl IntoView {
    let name = edit.with_untracked(|e| e.hosts[i].name.clone());
    let text = move |label: &'static str,
                     hint: &'static str,
                     f: fn(&mut crate::lab::HostEdit) -> &mut String| {
        view! {
            <label>{t(label)}" "
                <input type="text" placeholder=hint
                    prop:value=move || edit.with(|e| { let mut h = e.hosts[i].clone(); f(&mut h).clone() })
                    on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| *f(&mut e.hosts[i]) = v) } />
            </label>
        }
    };
    let accounts = move || {
        edit.with(|e| {
            let h = &e.hosts[i];
            h.cast_accounts
                .iter()
                .map(|a| format!("{} ({})", a.login, a.address))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let extra = Memo::new(move |_| edit.with(|e| e.hosts.get(i).map_or(0, |h| h.accounts.len())));
    let account_rows = move || {
        (0..extra.get())
            .map(|k| {
                let field = move |label: String, f: fn(&mut AccountSpec) -> &mut String| {
                    view! {
                        <input type="text" aria-label=label
                            prop:value=move || edit.with(|e| e.hosts[i].accounts.get(k).cloned().map(|mut a| f(&mut a).clone()).unwrap_or_default())
                            on:input:target=move |ev| { let v = ev.target().value(); edit.update(|e| if let Some(a) = e.hosts[i].accounts.get_mut(k) { *f(a) = v }) } />
                    }
                };
                let n = k + 1;
                view! {
                    <li>
                        {field(ta("lab-account-login", &[("n", num(n))]), |a| &mut a.login)}
                        {field(ta("lab-account-password", &[("n", num(n))]), |a| &mut a.password)}
                        {field(ta("lab-account-address", &[("n", num(n))]), |a| &mut a.address)}
                    </li>
                }
            })
            .collect_view()
    };
    let domain = name
        .split_once('.')
        .map(|(_, d)| d.to_string())
        .unwrap_or_default();
    view! {
        <fieldset class="lab-box">
            <legend>{name.clone()}</legend>
            {text("lab-local-domains", "dave.example", |h| &mut h.local_domains)}
            {text("lab-relay-domains", "", |h| &mut h.relay_domains)}
            {text("lab-relay-networks", "192.0.2.0/24", |h| &mut h.relay_networks)}
            <label class="switch">
                <input type="checkbox" prop:checked=move || edit.with(|e| e.hosts[i].open_relay())
                    on:change:target=move |ev| { let on = ev.target().checked(); edit.update(|e| e.hosts[i].set_open_relay(on)) } />
                {t("lab-open-relay")}
            </label>
            <p class="muted small">{t("lab-open-relay-help")}</p>
            <label class="switch">
                <input type="checkbox" prop:checked=move || edit.with(|e| e.hosts[i].kept.pipelining != Some(false))
                    on:change:target=move |ev| { let on = ev.target().checked(); edit.update(|e| e.hosts[i].kept.pipelining = Some(on)) } />
                {t("lab-pipelining")}
            </label>
            <label class="switch">
                <input type="checkbox" prop:checked=move || edit.with(|e| e.hosts[i].kept.bare_lf == Some(BareLf::Normalise))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        edit.update(|e| e.hosts[i].kept.bare_lf = Some(if on { BareLf::Normalise } else { BareLf::Refuse }))
                    } />
                {t("lab-bare-lf")}
            </label>
            <p class="muted small">{t("lab-bare-lf-help")}</p>
            {text("lab-greylist", "5m", |h| &mut h.greylist)}
            {text("lab-size-limit", "10000", |h| &mut h.max_size)}
            <p class="small">{t("lab-accounts")}" "{accounts}</p>
            <ul class="lab-accounts">{account_rows}</ul>
            <button type="button" on:click=move |_| edit.update(|e| e.hosts[i].accounts.push(AccountSpec { login: "eve".into(), password: "eve-pass".into(), address: format!("eve@{domain}") }))>
                {ta("lab-add-account", &[("host", Arg::Str(&name))])}
            </button>
        </fieldset>
    }
}
