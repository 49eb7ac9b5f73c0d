//! The network map: hosts by role with name and address, the links between
//! them, and the current line moving along its link as a labelled packet.

use super::use_ctx;
use crate::num::fixed;
use crate::state::{kind_class, short_label};
use crate::story::{HostInfo, HostRole};
use leptos::prelude::*;
use protocol_core::sim::EventKind;

/// The IMAP packet and legend shape: a hexagon (POP3 is a rounded bar).
const IMAP_SHAPE: &str = "M -24 0 L -12 -15 L 12 -15 L 24 0 L 12 15 L -12 15 Z";

/// How long (ms at 1x) a packet takes to cross its link.
pub const PACKET_MS: f64 = 700.0;

/// How far the hosts' labels grow with the user's default font size (SVG
/// text is in the drawing's units, so it would follow only the map's width):
/// at most 1.3 times, and only as far as neighbours' labels stay apart
/// ([`fit`]).
const MAX_GROW: f64 = 1.3;

/// The growth at which no two hosts of a row, nor a host and the map's
/// edge, have labels that touch, from their lengths in characters at the
/// largest sizes the stylesheet gives them (bold names 42, domain lines 30,
/// grown addresses 20 units).
fn fit(hosts: &[HostInfo], name: &dyn Fn(&str) -> String) -> f64 {
    let width = |h: &HostInfo| {
        let (head, tail, rest) = label_lines(&h.name, &name(&h.id), true);
        let line = tail
            .iter()
            .chain(&rest)
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        (head.chars().count() as f64 * 25.2)
            .max(line as f64 * 16.5)
            .max(h.ip.len() as f64 * 12.0)
    };
    let mut k = MAX_GROW;
    for a in hosts {
        let wa = width(a) / 2.0;
        k = k.min((a.x + 12.0) / wa).min((1012.0 - a.x) / wa);
        for b in hosts.iter().filter(|b| b.y == a.y && b.x > a.x) {
            k = k.min((b.x - a.x) / (wa + width(b) / 2.0 + 10.0));
        }
    }
    k
}

/// Whether two neighbours of a row would have addresses that touch at the
/// largest size the stylesheet gives them (26 units, a monospace glyph
/// about 0.6 of that wide, and 16 units apart): five hosts in a row, as in
/// the forwarding lesson, put "198.51.100.25" against "203.0.113.25". Such
/// a map draws its addresses smaller (`.crowded` in style.css).
fn crowded(hosts: &[HostInfo]) -> bool {
    let half = |h: &HostInfo| h.ip.len() as f64 * 26.0 * 0.6 / 2.0;
    hosts.iter().any(|a| {
        hosts
            .iter()
            .filter(|b| b.y == a.y && b.x > a.x)
            .any(|b| b.x - a.x < half(a) + half(b) + 16.0)
    })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Grown at all, the domain takes a line per label (what [`fit`] assumes).
const SPLIT_AT: f64 = 1.005;

/// A host's label lines: the name (bold) and, under it, the rest of the
/// DNS name: "mail" over ".dave.example". A name that is a whole DNS name
/// (two hosts share the first label) is broken before its dots, "mail" /
/// ".dave" / ".example", so that it fits beside its neighbours; so is the
/// rest when `split` (grown labels). Returns (head, the name's own further
/// lines, the rest's lines).
fn label_lines(name: &str, short: &str, split: bool) -> (String, Vec<String>, Vec<String>) {
    let rest = name.strip_prefix(short).unwrap_or_default();
    let (head, tail) = match short.split_once('.') {
        Some((a, b)) if rest.is_empty() => (a.to_string(), domain_lines(b)),
        _ => (short.to_string(), Vec::new()),
    };
    let rest = if split || rest.is_empty() {
        domain_lines(rest)
    } else {
        vec![rest.to_string()]
    };
    (head, tail, rest)
}

/// ".dave.example" as [".dave", ".example"].
fn domain_lines(rest: &str) -> Vec<String> {
    rest.split('.')
        .filter(|p| !p.is_empty())
        .map(|p| format!(".{p}"))
        .collect()
}

/// The icon of a host, centred on (0, 0).
fn icon(role: HostRole) -> impl IntoView {
    match role {
        HostRole::Computer => view! {
            <g class="icon computer">
                <rect x="-38" y="-32" width="76" height="50" rx="5" />
                <rect class="screen" x="-30" y="-25" width="60" height="36" rx="2" />
                <path d="M -12 18 L 12 18 L 18 30 L -18 30 Z" />
            </g>
        }
        .into_any(),
        HostRole::DnsServer => view! {
            <g class="icon dns">
                <rect x="-30" y="-34" width="60" height="68" rx="6" />
                <text class="icon-label" x="0" y="8" text-anchor="middle">"DNS"</text>
            </g>
        }
        .into_any(),
        HostRole::IspServer | HostRole::MailServer => view! {
            <g class=if role == HostRole::IspServer { "icon server isp" } else { "icon server mail" }>
                <rect x="-30" y="-36" width="60" height="72" rx="6" />
                <line x1="-20" y1="-18" x2="20" y2="-18" />
                <line x1="-20" y1="-4" x2="20" y2="-4" />
                <path class="envelope" d="M -16 10 h 32 v 18 h -32 Z M -16 10 l 16 11 l 16 -11" />
            </g>
        }
        .into_any(),
    }
}

#[component]
fn Host(host: HostInfo, grow: RwSignal<f64>) -> impl IntoView {
    let ctx = use_ctx();
    let id = host.id.clone();
    let down = Memo::new(move |_| ctx.snapshot.with(|s| s.view.hosts_down.contains(&id)));
    let id2 = host.id.clone();
    let active = move || {
        let p = ctx.player.get();
        ctx.story.with(|s| {
            p.current()
                .and_then(|i| s.trace.get(i))
                .is_some_and(|e| e.from == id2 || e.to == id2)
        })
    };
    // The name the lanes, the narration and the telnet tabs use
    // (Story::host_name), in bold, then the rest of the DNS name.
    let short = ctx.host_name(&host.id);
    let (ip, role) = (host.ip.clone(), host.role);
    let name = host.name.clone();
    view! {
        <g
            class="host"
            class:down=down
            class:active=active
            transform=format!("translate({} {})", fixed(host.x, 1), fixed(host.y, 1))
        >
            {icon(host.role)}
            // Grown with the user's font size from the icon's foot (y 36) down.
            <g class="host-labels" transform=move || format!("translate(0 {}) scale({})", fixed(36.0 - 36.0 * grow.get(), 1), fixed(grow.get(), 3))>
                {move || {
                    let (head, tail, rest) = label_lines(&name, &short, grow.get() > SPLIT_AT);
                    let below = 25.0 * (tail.len() + rest.len()).max(1).saturating_sub(1) as f64;
                    let line = move |k: usize, l: String| view! { <tspan class="host-domain" x="0" y=fixed(92.0 + 25.0 * k as f64, 0)>{l}</tspan> };
                    let n = tail.len();
                    let tail = tail.into_iter().enumerate().map(move |(k, l)| line(k, l)).collect_view();
                    let rest = rest.into_iter().enumerate().map(move |(k, l)| line(n + k, l)).collect_view();
                    view! {
                        <text class="host-name" text-anchor="middle"><tspan x="0" y="66">{head}</tspan>{tail}</text>
                        <text class="host-domain" text-anchor="middle">{rest}</text>
                        <text class="host-ip" x="0" y=fixed(117.0 + below, 0) text-anchor="middle">{ip.clone()}</text>
                        <text class="host-role" x="0" y=fixed(141.0 + below, 0) text-anchor="middle">{crate::i18n::t(&crate::i18n::slug("role", role.label()))}</text>
                    }
                }}
            </g>
            <Show when=move || down.get()>
                <text class="down-label" x="0" y="-46" text-anchor="middle">"✕ DOWN"</text>
            </Show>
        </g>
    }
}

fn w_half(chars: usize) -> f64 {
    (28.0 + 14.6 * chars as f64) / 2.0
}

/// The packet for the current event, if it travels between two hosts.
#[component]
fn Packet() -> impl IntoView {
    let ctx = use_ctx();
    let packet = move || {
        let p = ctx.player.get();
        let i = p.current()?;
        ctx.story.with(|s| {
            let e = s.trace.get(i)?;
            if e.from == e.to
                || matches!(
                    e.kind,
                    EventKind::StateChanged { .. } | EventKind::Note { .. }
                )
            {
                return None;
            }
            let a = s.host_index(&e.from)?;
            let b = s.host_index(&e.to)?;
            let (ha, hb) = (&s.hosts[a], &s.hosts[b]);
            // Where the hosts stand, for a label that covers none of them.
            let hosts: Vec<(f64, f64)> = s.hosts.iter().map(|h| (h.x, h.y)).collect();
            Some((ha.x, ha.y, hb.x, hb.y, kind_class(e), short_label(e), hosts))
        })
    };
    move || {
        packet().map(|(x1, y1, x2, y2, kind, label, hosts)| {
            let text = truncate(&label, 34);
            let half = w_half(5 + text.chars().count());
            let xy = move || {
                let t = if ctx.reduced_motion { 0.5 } else { (ctx.elapsed_scaled() / PACKET_MS).clamp(0.0, 1.0) };
                // ease in-out
                let t = t * t * (3.0 - 2.0 * t);
                (x1 + (x2 - x1) * t, y1 - 8.0 + (y2 - y1) * t)
            };
            let pos = move || {
                let (x, y) = xy();
                format!("translate({} {})", fixed(x, 1), fixed(y, 1))
            };
            // Above the packet, else below, else beside it: the first place
            // that covers no host's icon or name (a DNS query reaching ns
            // must not hide "ns"), inside the map; else the least covering.
            let label_at = move || {
                let (x, y) = xy();
                // max/min rather than clamp: clamp's NaN/order assertion formats f64s
                // with Debug, which pulls float formatting into the bundle.
                let nudged = x.max(half).min(1000.0 - half) - x;
                let side = 40.0 + half;
                let cover = |dx: f64, dy: f64| {
                    let (l, r, t, b) = (x + dx - half, x + dx + half, y + dy - 20.0, y + dy + 16.0);
                    let outside = if l < 0.0 || r > 1000.0 || t < 0.0 || b > 440.0 { 1e6 } else { 0.0 };
                    outside
                        + hosts
                            .iter()
                            .map(|&(hx, hy)| {
                                let w = r.min(hx + 85.0) - l.max(hx - 85.0);
                                let h = b.min(hy + 147.0) - t.max(hy - 35.0);
                                if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
                            })
                            .sum::<f64>()
                };
                let mut best = (nudged, -52.0, f64::MAX);
                for (dx, dy) in [(nudged, -52.0), (nudged, 56.0), (side, 0.0), (-side, 0.0)] {
                    let c = cover(dx, dy);
                    if c < best.2 {
                        best = (dx, dy, c);
                    }
                    if c == 0.0 {
                        break;
                    }
                }
                format!("translate({} {})", fixed(best.0, 1), fixed(best.1, 0))
            };
            let tag = match kind {
                "smtp" => "SMTP",
                "pop3" => "POP3",
                "imap" => "IMAP",
                "dns" => "DNS",
                _ => "TCP",
            };
            let shape = match kind {
                "smtp" => view! { <path class="shape" d="M -22 -15 h 44 v 30 h -44 Z M -22 -15 l 22 16 l 22 -16" /> }.into_any(),
                "pop3" => view! { <rect class="shape" x="-24" y="-15" width="48" height="30" rx="15" /> }.into_any(),
                // IMAP: a hexagon, so that its packets differ from POP3's by shape, not only colour.
                "imap" => view! { <path class="shape" d=IMAP_SHAPE /> }.into_any(),
                "dns" => view! { <path class="shape" d="M 0 -20 L 24 0 L 0 20 L -24 0 Z" /> }.into_any(),
                _ => view! { <circle class="shape" r="12" /> }.into_any(),
            };

            let w = 28.0 + 14.6 * (tag.len() + 1 + text.chars().count()) as f64;
            view! {
                <g class=format!("packet {kind}") transform=pos aria-hidden="true">
                    {shape}
                    <g transform=label_at>
                        <rect class="packet-label-bg" x=fixed(-w / 2.0, 0) y="-20" width=fixed(w, 0) height="36" rx="6" />
                        <text class="packet-label" x="0" y="6" text-anchor="middle">
                            <tspan class="packet-tag">{tag}</tspan>
                            {format!(" {text}")}
                        </text>
                    </g>
                </g>
            }
        })
    }
}

#[component]
pub fn NetworkMap() -> impl IntoView {
    let ctx = use_ctx();
    // The user's default font size, from a probe 10rem high (an integer
    // height, no float parsing): 160 px at the usual 16 px.
    let probe = NodeRef::<leptos::html::Div>::new();
    let grow = RwSignal::new(1.0_f64);
    let font = RwSignal::new(160_i32);
    let measure = move || {
        if let Some(p) = probe.get_untracked() {
            let h = p.offset_height();
            if h > 0 && h != font.get_untracked() {
                font.set(h);
            }
        }
    };
    Effect::new(move |_| {
        let most = ctx.story.with(|s| fit(&s.hosts, &|h| s.host_name(h)));
        let k = (font.get() as f64 / 160.0).min(most).max(1.0);
        if (k - grow.get_untracked()).abs() > 0.01 {
            grow.set(k);
        }
    });
    Effect::new(move |_| request_animation_frame(measure));
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // The drawing grows downwards by what the labels of the lowest row grow.
    let grown = move || grow.get() > SPLIT_AT;
    // The lines under a name beyond the usual one, most of any host.
    let extra_lines = move || {
        let split = grown();
        ctx.story.with(|s| {
            s.hosts
                .iter()
                .map(|h| {
                    let (_, tail, rest) = label_lines(&h.name, &s.host_name(&h.id), split);
                    (tail.len() + rest.len()).saturating_sub(1)
                })
                .max()
                .unwrap_or(0)
        })
    };
    let map_h = move || {
        let k = grow.get();
        440.0 + 113.0 * (k - 1.0) + 25.0 * k * extra_lines() as f64
    };
    let hosts = move || ctx.story.with(|s| s.hosts.clone());
    let links = move || {
        ctx.story.with(|s| {
            s.links
                .iter()
                .map(|&(a, b)| (s.hosts[a].x, s.hosts[a].y, s.hosts[b].x, s.hosts[b].y))
                .collect::<Vec<_>>()
        })
    };
    let gap = Memo::new(move |_| {
        let p = ctx.player.get();
        if !p.playing {
            return None;
        }
        let gap = ctx
            .story
            .with(|s| crate::state::gap_before(&s.trace, p.position))?;
        let dwell = ctx.story.with(|s| {
            p.current()
                .filter(|&i| i < s.trace.len())
                .map_or(300.0, |i| crate::state::dwell_ms(&s.trace, i))
        });
        (ctx.elapsed_scaled() >= dwell)
            .then(|| crate::state::gap_caption(gap, &*crate::i18n::catalog()))
    });
    view! {
        <section class="panel map" aria-label=move || crate::i18n::t("map-label")>
            <div class="map-probe" node_ref=probe aria-hidden="true"></div>
            <svg class:grown=grown class:crowded=move || ctx.story.with(|s| crowded(&s.hosts)) viewBox=move || format!("-12 0 1024 {}", fixed(map_h(), 0)) style=move || format!("aspect-ratio: 1024 / {}", fixed(map_h(), 0)) preserveAspectRatio="xMidYMid meet" role="img" aria-label=move || {
                ctx.story.with(|s| format!("{}: {}", crate::i18n::t("map-label"), s.hosts.iter().map(|h| format!("{} ({}, {})", h.name, h.ip, crate::i18n::t(&crate::i18n::slug("role", h.role.label())))).collect::<Vec<_>>().join(", ")))
            }>
                <g class="links">
                    {move || links().into_iter().map(|(x1, y1, x2, y2)| view! {
                        <line class="link" x1=fixed(x1, 1) y1=fixed(y1, 1) x2=fixed(x2, 1) y2=fixed(y2, 1) />
                    }).collect_view()}
                </g>
                {move || hosts().into_iter().map(|h| view! { <Host host=h grow=grow /> }).collect_view()}
                <Packet />
            </svg>
            <div class="legend" aria-hidden="true">
                <span class="lg smtp"><svg viewBox="-26 -18 52 36"><path d="M -22 -15 h 44 v 30 h -44 Z M -22 -15 l 22 16 l 22 -16" /></svg>"SMTP"</span>
                <span class="lg dns"><svg viewBox="-26 -22 52 44"><path d="M 0 -20 L 24 0 L 0 20 L -24 0 Z" /></svg>"DNS"</span>
                <span class="lg pop3"><svg viewBox="-26 -18 52 36"><rect x="-24" y="-15" width="48" height="30" rx="15" /></svg>"POP3"</span>
                <span class="lg imap"><svg viewBox="-26 -18 52 36"><path d=IMAP_SHAPE /></svg>"IMAP"</span>
                <span class="lg tcp"><svg viewBox="-14 -14 28 28"><circle r="12" /></svg>"TCP"</span>
            </div>
            // Not live: the page's one status line says the gap with its step.
            {move || gap.get().map(|g| view! { <div class="gap-caption">{g}</div> })}
        </section>
    }
}
