//! `mailsim`: the MailSim core in a terminal.
//!
//! * `mailsim scenarios` lists the built-in scenarios.
//! * `mailsim run [NAME|FILE] [--format transcript|ladder|json|narrated] [--seed N] [--lang en|nl|zh-CN]`
//!   runs one and prints its trace (the narrated worksheet in that language;
//!   the protocol lines stay as they went over the wire).
//! * `mailsim export [NAME|FILE] [--format toml|json]` prints a scenario as
//!   a file that `mailsim run` (and the page) reads back.
//! * `mailsim explain [KEY] [--lang en|nl|zh-CN]` prints one explanation
//!   entry, or all of them.
//! * `mailsim serve [--scenario NAME|FILE] [--bind ADDR] [--smtp-port N] ...`
//!   puts the world's servers on real loopback ports, and its DNS on a UDP
//!   port (see `serve.rs` and `dns.rs`).
//!
//! Exit codes: 0 success, 2 a bad scenario name or file or an unknown
//! explanation key (clap also uses 2
//! for bad arguments).

use clap::{Parser, Subcommand, ValueEnum};
use protocol_core::explain::{self, Arg, Explanation, Words};
use protocol_core::i18n::{Catalog, Lang};
use protocol_core::scenario::{builtin, catalogue, Scenario};
use protocol_core::sim::render;
use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::Arc;

mod dns;
mod serve;

#[derive(Parser)]
#[command(
    name = "mailsim",
    version,
    about = "How an email travels: SMTP, DNS MX and POP3, simulated"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the built-in scenarios: name, title and what each one teaches.
    Scenarios,
    /// Run a scenario and print its trace.
    Run {
        /// A built-in scenario name or a path to a scenario TOML file.
        #[arg(default_value = "seed-story")]
        scenario: String,
        #[arg(long, value_enum, default_value_t = Format::Transcript)]
        format: Format,
        /// Seed for the world's random number generator (default: the scenario's).
        #[arg(long)]
        seed: Option<u64>,
        /// The language of the narrated worksheet's explanations and words:
        /// en, nl or zh-CN (protocol lines are never translated).
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Print a scenario as a file (TOML or JSON) that `mailsim run` reads back.
    Export {
        /// A built-in scenario name or a path to a scenario TOML or JSON file.
        #[arg(default_value = "seed-story")]
        scenario: String,
        #[arg(long, value_enum, default_value_t = FileFormat::Toml)]
        format: FileFormat,
    },
    /// Print an explanation entry (title, RFC section, plain text), or the
    /// whole table grouped by prefix when no KEY is given.
    Explain {
        /// A key as traces carry it, e.g. smtp.reply.354 or pop3.cmd.RETR.
        key: Option<String>,
        /// The language of the titles and texts: en, nl or zh-CN (the RFC
        /// references are the same in every language).
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Put the simulated servers on real ports, for real mail programs.
    ///
    /// By default the world is quiet (the cast, DNS, accounts, empty
    /// mailboxes); --scenario also plays that scenario's script. Virtual
    /// time follows real time, so relays happen by themselves.
    Serve {
        /// A built-in scenario name or a scenario TOML file to play.
        #[arg(long)]
        scenario: Option<String>,
        /// Address to listen on. Loopback only unless --allow-remote.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Allow a non-loopback --bind (prints a warning: the passwords are published).
        #[arg(long)]
        allow_remote: bool,
        /// smtp.isp.example port 25, as seen from john-pc.
        #[arg(long, default_value_t = 2525)]
        smtp_port: u16,
        /// smtp.isp.example port 587 (submission, AUTH required).
        #[arg(long, default_value_t = 2587)]
        submission_port: u16,
        /// mail.dave.example port 25, as seen from an outside host.
        #[arg(long, default_value_t = 2526)]
        mx_port: u16,
        /// mail.dave.example port 110 (Dave's mailbox).
        #[arg(long, default_value_t = 2110)]
        pop3_port: u16,
        /// pop.isp.example port 110 (John's mailbox, where bounces land).
        #[arg(long, default_value_t = 2111)]
        isp_pop3_port: u16,
        /// mail.dave.example port 143 (IMAP: Dave's mailbox, the same as POP3's).
        #[arg(long, default_value_t = 2143)]
        imap_port: u16,
        /// ns.example port 53, UDP: the world's DNS (A, MX, TXT), e.g. for dig.
        #[arg(long, default_value_t = 2053)]
        dns_port: u16,
        /// Seed for the world's random number generator.
        #[arg(long)]
        seed: Option<u64>,
        /// Do not print trace events (for benchmarks).
        #[arg(long)]
        quiet: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FileFormat {
    Toml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One line per event: virtual time, from -> to, protocol, the line.
    Transcript,
    /// An ASCII sequence diagram, one column per host.
    Ladder,
    /// The trace as JSON.
    Json,
    /// A worksheet: every event followed by its explanation (title, plain
    /// text, RFC section); an explanation is printed in full the first time
    /// it comes up, then referred to by number.
    Narrated,
}

fn load(arg: &str) -> Result<Scenario, String> {
    let looks_like_file =
        arg.ends_with(".toml") || arg.ends_with(".json") || arg.contains('/') || arg.contains('\\');
    if looks_like_file || std::path::Path::new(arg).is_file() {
        let src = std::fs::read_to_string(arg)
            .map_err(|e| format!("{arg}: cannot read scenario file: {e}"))?;
        if arg.to_ascii_lowercase().ends_with(".json") {
            // The same scenario as JSON (serde), checked by the same rules.
            let s: Scenario = serde_json::from_str(&src)
                .map_err(|e| format!("error: {arg}:{}:{}: {e}", e.line(), e.column()))?;
            s.check(arg).map_err(|e| format!("error: {e}"))?;
            return Ok(s);
        }
        return Scenario::parse(&src, arg).map_err(|e| format!("error: {e}"));
    }
    builtin(arg).ok_or_else(|| {
        let names: Vec<String> = catalogue().into_iter().map(|s| s.name).collect();
        format!("error: no built-in scenario called {arg:?}\nvalid names: {}\n(or give the path of a .toml scenario file)", names.join(", "))
    })
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn write_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// One entry as `mailsim explain KEY` prints it.
/// The translations, in the binary: `mailsim` needs no files beside it.
const NL: [&str; 3] = [
    include_str!("../../locales/nl/explain.ftl"),
    include_str!("../../locales/nl/ui.ftl"),
    include_str!("../../locales/nl/scenarios.ftl"),
];
const ZH_CN: [&str; 3] = [
    include_str!("../../locales/zh-CN/explain.ftl"),
    include_str!("../../locales/zh-CN/ui.ftl"),
    include_str!("../../locales/zh-CN/scenarios.ftl"),
];

/// The words for `--lang TAG`; an unknown tag is an error naming the known ones.
fn catalog(tag: &str) -> Result<Catalog, String> {
    let lang = Lang::from_tag(tag).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
        format!(
            "error: unknown language {tag:?} for --lang\nMailSim speaks: {}",
            known.join(", ")
        )
    })?;
    let sources: &[&str] = match lang {
        Lang::En => return Ok(Catalog::english()),
        Lang::Nl => &NL,
        Lang::ZhCn => &ZH_CN,
    };
    let (c, errors) = Catalog::new(lang, sources);
    for e in errors {
        eprintln!("warning: {e}");
    }
    Ok(c)
}

fn show_entry(x: &Explanation, words: &dyn Words) -> String {
    format!(
        "{}: {}\n  {}\n{}",
        x.key,
        words.title(x),
        x.rfc,
        render::wrap(&words.text(x), "  ", 78)
    )
}

/// The table's keys closest to `key`, best first: the same key in another
/// case, keys ending in it (`354`, `RETR`), keys containing it, then keys a
/// few typing mistakes away.
fn suggestions(key: &str) -> Vec<&'static str> {
    let k = key.to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = explain::all()
        .filter_map(|x| {
            let lower = x.key.to_ascii_lowercase();
            let last = lower.rsplit('.').next().unwrap_or("");
            let score = if lower == k {
                0
            } else if last == k || lower.ends_with(&format!(".{k}")) {
                1
            } else if !k.is_empty() && lower.contains(&k) {
                2
            } else {
                let d = distance(&lower, &k);
                if d > (k.len() / 4).max(2) {
                    return None;
                }
                3 + d
            };
            Some((score, x.key))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(6).map(|(_, key)| key).collect()
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn explain(key: Option<&str>, words: &dyn Words) -> ExitCode {
    let Some(key) = key else {
        // The whole table, grouped by prefix: `smtp.reply.354` under
        // `smtp.reply`, `tcp.open` and `mta.bounce.queued` (whose
        // `mta.bounce` is an entry of its own) under `tcp` and `mta`.
        let mut groups: Vec<(String, Vec<&Explanation>)> = Vec::new();
        for x in explain::all() {
            let parts: Vec<&str> = x.key.split('.').collect();
            let two = parts[..parts.len().min(2)].join(".");
            let prefix = if parts.len() >= 3 && explain::lookup(&two).is_none() {
                two
            } else {
                parts[0].to_string()
            };
            match groups.iter_mut().find(|(p, _)| *p == prefix) {
                Some((_, v)) => v.push(x),
                None => groups.push((prefix, vec![x])),
            }
        }
        let total: usize = groups.iter().map(|(_, v)| v.len()).sum();
        let count = groups.len();
        let mut text = words
            .say(
                "cli-explain-total",
                &[
                    ("total", Arg::Num(total as f64)),
                    ("groups", Arg::Num(count as f64)),
                ],
            )
            .unwrap_or_else(|| format!("{total} explanations in {count} groups."));
        text.push('\n');
        for (prefix, entries) in groups {
            let n = entries.len();
            let plural = if n == 1 { "entry" } else { "entries" };
            let size = words
                .say("cli-explain-group", &[("count", Arg::Num(n as f64))])
                .unwrap_or_else(|| format!("{n} {plural}"));
            text.push_str(&format!("\n== {prefix} ({size}) ==\n"));
            for x in entries {
                text.push('\n');
                text.push_str(&show_entry(x, words));
            }
        }
        write_out(&text);
        return ExitCode::SUCCESS;
    };
    let found = explain::lookup(key).or_else(|| {
        let mut same = explain::all().filter(|x| x.key.eq_ignore_ascii_case(key));
        match (same.next(), same.next()) {
            (Some(x), None) => Some(x),
            _ => None,
        }
    });
    if let Some(x) = found {
        write_out(&show_entry(x, words));
        return ExitCode::SUCCESS;
    }
    eprintln!("error: no explanation with the key {key:?}");
    let close = suggestions(key);
    if !close.is_empty() {
        eprintln!("did you mean: {}", close.join(", "));
    }
    eprintln!("(`mailsim explain` with no key lists them all)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Scenarios => {
            for s in catalogue() {
                println!("{:<20} {}\n{:<20} {}\n", s.name, s.title, "", s.goal);
            }
            ExitCode::SUCCESS
        }
        Command::Explain { key, lang } => match catalog(&lang) {
            Ok(words) => explain(key.as_deref(), &words),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        Command::Export { scenario, format } => {
            let s = match load(&scenario) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let text = match format {
                FileFormat::Toml => s.to_toml(),
                FileFormat::Json => serde_json::to_string_pretty(&s).map_err(|e| e.to_string()),
            };
            match text {
                Ok(t) => write_out(&t),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Command::Run {
            scenario,
            format,
            seed,
            lang,
        } => {
            let words = match catalog(&lang) {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let s = match load(&scenario) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let world = s.run(seed);
            let trace = world.trace();
            match format {
                Format::Transcript => write_out(&render::transcript(trace)),
                Format::Ladder => write_out(&render::ladder(trace)),
                Format::Narrated => {
                    // A built-in scenario's title and goal in that language.
                    let (title, goal) = words
                        .scenario(&s.name)
                        .filter(|_| builtin(&s.name).is_some_and(|b| b.title == s.title))
                        .unwrap_or((s.title.clone(), s.goal.clone()));
                    write_out(&render::narrated_in(&title, &goal, trace, &words))
                }
                Format::Json => match render::json(trace) {
                    Ok(j) => println!("{j}"),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                },
            }
            ExitCode::SUCCESS
        }
        Command::Serve {
            scenario,
            bind,
            allow_remote,
            smtp_port,
            submission_port,
            mx_port,
            pop3_port,
            isp_pop3_port,
            imap_port,
            dns_port,
            seed,
            quiet,
        } => {
            let scenario = match scenario.as_deref().map(load).transpose() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let stop = Arc::new(serve::Stop::default());
            let on_signal = stop.clone();
            if let Err(e) = ctrlc::set_handler(move || on_signal.request()) {
                eprintln!("error: cannot install the Ctrl+C handler: {e}");
                return ExitCode::FAILURE;
            }
            let ports = serve::default_ports(
                smtp_port,
                submission_port,
                mx_port,
                pop3_port,
                isp_pop3_port,
                imap_port,
            );
            let opts = serve::ServeOptions {
                scenario,
                seed,
                bind,
                allow_remote,
                quiet,
                dns_port: Some(dns_port),
                ..serve::ServeOptions::new(ports)
            };
            match serve::serve(opts, &stop) {
                Ok(()) => ExitCode::SUCCESS,
                Err(serve::ServeError(e)) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
