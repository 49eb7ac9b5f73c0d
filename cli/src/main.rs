//! `mailsim`: the MailSim core in a terminal.
//!
//! * `mailsim scenarios` lists the built-in scenarios.
//! * `mailsim run [NAME|FILE] [--format transcript|ladder|json] [--seed N]`
//!   runs one and prints its trace.
//!
//! Exit codes: 0 success, 2 a bad scenario name or file (clap also uses 2
//! for bad arguments).

use clap::{Parser, Subcommand, ValueEnum};
use protocol_core::scenario::{builtin, catalogue, Scenario};
use protocol_core::sim::render;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mailsim", version, about = "How an email travels: SMTP, DNS MX and POP3, simulated")]
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
        let src = std::fs::read_to_string(arg).map_err(|e| format!("{arg}: cannot read scenario file: {e}"))?;
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
        Command::Run { scenario, format, seed } => {
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
    }
}
