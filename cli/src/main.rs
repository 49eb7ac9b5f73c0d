//! `mailsim`: the MailSim core in a terminal.
//!
//! * `mailsim scenarios` lists the built-in scenarios.
//! * `mailsim run [NAME|FILE] [--format transcript|ladder|json] [--seed N]`
//!   runs one and prints its trace.
//! * `mailsim serve [--scenario NAME|FILE] [--bind ADDR] [--smtp-port N] ...`
//!   puts the world's servers on real loopback ports (see `serve.rs`).
//!
//! Exit codes: 0 success, 2 a bad scenario name or file (clap also uses 2
//! for bad arguments).

use clap::{Parser, Subcommand, ValueEnum};
use protocol_core::scenario::{builtin, catalogue, Scenario};
use protocol_core::sim::render;
use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::Arc;

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
        /// smtp.isp.example port 110 (John's mailbox, where bounces land).
        #[arg(long, default_value_t = 2111)]
        isp_pop3_port: u16,
        /// Seed for the world's random number generator.
        #[arg(long)]
        seed: Option<u64>,
        /// Do not print trace events (for benchmarks).
        #[arg(long)]
        quiet: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One line per event: virtual time, from -> to, protocol, the line.
    Transcript,
    /// An ASCII sequence diagram, one column per host.
    Ladder,
    /// The trace as JSON.
    Json,
}

fn load(arg: &str) -> Result<Scenario, String> {
    let looks_like_file = arg.ends_with(".toml") || arg.contains('/') || arg.contains('\\');
    if looks_like_file || std::path::Path::new(arg).is_file() {
        let src = std::fs::read_to_string(arg)
            .map_err(|e| format!("{arg}: cannot read scenario file: {e}"))?;
        return Scenario::parse(&src, arg).map_err(|e| format!("error: {e}"));
    }
    builtin(arg).ok_or_else(|| {
        let names: Vec<String> = catalogue().into_iter().map(|s| s.name).collect();
        format!("error: no built-in scenario called {arg:?}\nvalid names: {}\n(or give the path of a .toml scenario file)", names.join(", "))
    })
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
        Command::Run {
            scenario,
            format,
            seed,
        } => {
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
                Format::Transcript => print!("{}", render::transcript(trace)),
                Format::Ladder => print!("{}", render::ladder(trace)),
                Format::Json => match serde_json::to_string_pretty(trace) {
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
            );
            let opts = serve::ServeOptions {
                scenario,
                seed,
                bind,
                allow_remote,
                quiet,
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
