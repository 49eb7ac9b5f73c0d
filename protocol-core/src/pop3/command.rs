//! POP3 commands: parse and print (RFC 1939 §3, §5-§7; RFC 2449 §5 CAPA).
//!
//! Implements: the command syntax of RFC 1939 §3 (case-insensitive keyword,
//! arguments separated by one space, each argument at most 40 characters),
//! the commands of §5-§7 (USER, PASS, APOP, QUIT, STAT, LIST, RETR, DELE,
//! NOOP, RSET, TOP, UIDL) and CAPA from RFC 2449 §5.
//!
//! Deliberate differences:
//! * PASS takes the rest of the line as its argument, spaces included, as
//!   RFC 1939 §7 allows ("a POP3 server may treat spaces in the argument as
//!   part of the password").
//! * Trailing spaces after other commands are ignored (Postel: some clients
//!   send `LIST `); spaces *between* arguments must still be single.
//! * A keyword we don't know is not a syntax error but [`Command::Unknown`],
//!   so the server can answer "unknown command" with the word the user typed.
//! * Message numbers: anything made only of digits that fits in a `u32`
//!   parses (including `0`), because whether message 0 or 7 exists is the
//!   server's question, answered with "no such message". Digits that overflow
//!   are [`CommandError::NumberTooLarge`] (the server also answers "no such
//!   message"); anything else (`-1`, `abc`, `+3`) is
//!   [`CommandError::NotANumber`].

use nom::bytes::complete::take_while1;
use nom::character::complete::char;
use nom::combinator::all_consuming;
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use serde::Serialize;
use std::fmt;

/// Longest argument RFC 1939 §3 allows.
pub const MAX_ARG_LEN: usize = 40;

/// Every keyword this crate knows, as spelled on the wire.
pub const KEYWORDS: &[&str] = &[
    "USER", "PASS", "APOP", "QUIT", "STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "TOP", "UIDL",
    "CAPA",
];

/// One POP3 command, as a client sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Command {
    /// `USER name` (§7).
    User(String),
    /// `PASS string` (§7).
    Pass(String),
    /// `APOP name digest` (§7): digest is 32 lowercase hex digits.
    Apop { name: String, digest: String },
    /// `QUIT` (§6 in AUTHORIZATION, §6 UPDATE after TRANSACTION).
    Quit,
    /// `STAT` (§5).
    Stat,
    /// `LIST [msg]` (§5).
    List(Option<u32>),
    /// `RETR msg` (§5).
    Retr(u32),
    /// `DELE msg` (§5).
    Dele(u32),
    /// `NOOP` (§5).
    Noop,
    /// `RSET` (§5).
    Rset,
    /// `TOP msg n` (§7).
    Top { msg: u32, lines: u32 },
    /// `UIDL [msg]` (§7).
    Uidl(Option<u32>),
    /// `CAPA` (RFC 2449 §5).
    Capa,
    /// A keyword we don't know; holds the whole line as typed.
    Unknown(String),
}

impl Command {
    /// The keyword as spelled on the wire (`"RETR"`); for an unknown
    /// command, its first word as typed.
    pub fn keyword(&self) -> &str {
        match self {
            Command::User(_) => "USER",
            Command::Pass(_) => "PASS",
            Command::Apop { .. } => "APOP",
            Command::Quit => "QUIT",
            Command::Stat => "STAT",
            Command::List(_) => "LIST",
            Command::Retr(_) => "RETR",
            Command::Dele(_) => "DELE",
            Command::Noop => "NOOP",
            Command::Rset => "RSET",
            Command::Top { .. } => "TOP",
            Command::Uidl(_) => "UIDL",
            Command::Capa => "CAPA",
            Command::Unknown(line) => line.split(' ').next().unwrap_or(""),
        }
    }

    /// Whether a `+OK` answer to this command is multi-line (§3), so the
    /// client knows how to read it.
    pub fn expects_multiline(&self) -> bool {
        matches!(
            self,
            Command::List(None)
                | Command::Retr(_)
                | Command::Top { .. }
                | Command::Uidl(None)
                | Command::Capa
        )
    }

    /// Key of this command in the explanation table (`pop3.cmd.RETR`).
    pub fn explain_key(&self) -> &'static str {
        match self {
            Command::User(_) => "pop3.cmd.USER",
            Command::Pass(_) => "pop3.cmd.PASS",
            Command::Apop { .. } => "pop3.cmd.APOP",
            Command::Quit => "pop3.cmd.QUIT",
            Command::Stat => "pop3.cmd.STAT",
            Command::List(_) => "pop3.cmd.LIST",
            Command::Retr(_) => "pop3.cmd.RETR",
            Command::Dele(_) => "pop3.cmd.DELE",
            Command::Noop => "pop3.cmd.NOOP",
            Command::Rset => "pop3.cmd.RSET",
            Command::Top { .. } => "pop3.cmd.TOP",
            Command::Uidl(_) => "pop3.cmd.UIDL",
            Command::Capa => "pop3.cmd.CAPA",
            Command::Unknown(_) => "pop3.err.unknown_command",
        }
    }

    /// Parses one command line, without its CRLF.
    pub fn parse(line: &str) -> Result<Command, CommandError> {
        if line.is_empty() {
            return Err(CommandError::Empty);
        }
        // §3: keywords and arguments are printable ASCII.
        if !line.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Err(CommandError::NotPrintable);
        }
        let (rest, word) = token(line).map_err(|_| CommandError::Empty)?;
        let upper = word.to_ascii_uppercase();
        let Some(&kw) = KEYWORDS.iter().find(|k| **k == upper) else {
            return Ok(Command::Unknown(line.to_string()));
        };
        if kw == "PASS" {
            // §7: the whole rest of the line is the password.
            let pass = rest.strip_prefix(' ').unwrap_or(rest);
            if pass.is_empty() {
                return Err(CommandError::MissingArgument {
                    keyword: "PASS",
                    usage: "PASS string",
                });
            }
            check_len(kw, pass)?;
            return Ok(Command::Pass(pass.to_string()));
        }
        let args = arguments(rest.trim_end_matches(' '))
            .ok_or(CommandError::BadSpacing { keyword: kw })?;
        for a in &args {
            check_len(kw, a)?;
        }
        let arity = |min: usize, max: usize, usage: &'static str| -> Result<(), CommandError> {
            if args.len() < min {
                Err(CommandError::MissingArgument { keyword: kw, usage })
            } else if args.len() > max {
                Err(CommandError::TooManyArguments { keyword: kw, usage })
            } else {
                Ok(())
            }
        };
        let number = |i: usize| parse_number(kw, args[i]);
        Ok(match kw {
            "USER" => {
                arity(1, 1, "USER name")?;
                Command::User(args[0].to_string())
            }
            "APOP" => {
                arity(2, 2, "APOP name digest")?;
                let digest = args[1];
                if digest.len() != 32 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(CommandError::BadDigest {
                        arg: digest.to_string(),
                    });
                }
                Command::Apop {
                    name: args[0].to_string(),
                    digest: digest.to_string(),
                }
            }
            "QUIT" => {
                arity(0, 0, "QUIT")?;
                Command::Quit
            }
            "STAT" => {
                arity(0, 0, "STAT")?;
                Command::Stat
            }
            "NOOP" => {
                arity(0, 0, "NOOP")?;
                Command::Noop
            }
            "RSET" => {
                arity(0, 0, "RSET")?;
                Command::Rset
            }
            "CAPA" => {
                arity(0, 0, "CAPA")?;
                Command::Capa
            }
            "LIST" => {
                arity(0, 1, "LIST [msg]")?;
                Command::List(if args.is_empty() {
                    None
                } else {
                    Some(number(0)?)
                })
            }
            "UIDL" => {
                arity(0, 1, "UIDL [msg]")?;
                Command::Uidl(if args.is_empty() {
                    None
                } else {
                    Some(number(0)?)
                })
            }
            "RETR" => {
                arity(1, 1, "RETR msg")?;
                Command::Retr(number(0)?)
            }
            "DELE" => {
                arity(1, 1, "DELE msg")?;
                Command::Dele(number(0)?)
            }
            "TOP" => {
                arity(2, 2, "TOP msg n")?;
                let msg = number(0)?;
                let lines = parse_count(args[1])?;
                Command::Top { msg, lines }
            }
            _ => unreachable!("every keyword in KEYWORDS is handled"),
        })
    }
}

/// A printable, space-free word.
fn token(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_graphic()).parse(i)
}

/// Zero or more ` arg`; `None` if the spacing is wrong (two spaces in a row,
/// a leading space).
fn arguments(rest: &str) -> Option<Vec<&str>> {
    all_consuming(many0(preceded(char(' '), token)))
        .parse(rest)
        .ok()
        .map(|(_, v)| v)
}

fn check_len(keyword: &'static str, arg: &str) -> Result<(), CommandError> {
    if arg.len() > MAX_ARG_LEN {
        Err(CommandError::ArgumentTooLong {
            keyword,
            len: arg.len(),
        })
    } else {
        Ok(())
    }
}

fn parse_number(keyword: &'static str, arg: &str) -> Result<u32, CommandError> {
    if !arg.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CommandError::NotANumber {
            keyword,
            arg: arg.to_string(),
        });
    }
    arg.parse().map_err(|_| CommandError::NumberTooLarge {
        keyword,
        arg: arg.to_string(),
    })
}

/// TOP's line count: "a non-negative number" (§7); too large just means
/// "the whole body", so it saturates rather than failing.
fn parse_count(arg: &str) -> Result<u32, CommandError> {
    if !arg.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CommandError::NotANumber {
            keyword: "TOP",
            arg: arg.to_string(),
        });
    }
    Ok(arg.parse().unwrap_or(u32::MAX))
}

/// Wire form, without CRLF; `Command::parse(&c.to_string()) == Ok(c)`.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::User(n) => write!(f, "USER {n}"),
            Command::Pass(p) => write!(f, "PASS {p}"),
            Command::Apop { name, digest } => write!(f, "APOP {name} {digest}"),
            Command::List(None) => f.write_str("LIST"),
            Command::List(Some(n)) => write!(f, "LIST {n}"),
            Command::Retr(n) => write!(f, "RETR {n}"),
            Command::Dele(n) => write!(f, "DELE {n}"),
            Command::Top { msg, lines } => write!(f, "TOP {msg} {lines}"),
            Command::Uidl(None) => f.write_str("UIDL"),
            Command::Uidl(Some(n)) => write!(f, "UIDL {n}"),
            Command::Unknown(line) => f.write_str(line),
            other => f.write_str(other.keyword()),
        }
    }
}

/// What is wrong with a command line. The server answers each with `-ERR`
/// and this text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CommandError {
    /// An empty line.
    Empty,
    /// Bytes outside printable ASCII (§3).
    NotPrintable,
    /// Two spaces in a row or a leading space (§3: "separated by a single SPACE").
    BadSpacing { keyword: &'static str },
    MissingArgument {
        keyword: &'static str,
        usage: &'static str,
    },
    TooManyArguments {
        keyword: &'static str,
        usage: &'static str,
    },
    /// An argument over 40 characters (§3).
    ArgumentTooLong { keyword: &'static str, len: usize },
    /// A message number that is not made of digits: `-1`, `abc`.
    NotANumber { keyword: &'static str, arg: String },
    /// Digits, but larger than any message number can be.
    NumberTooLarge { keyword: &'static str, arg: String },
    /// APOP digest that is not 32 hex digits (§7).
    BadDigest { arg: String },
}

impl CommandError {
    /// Key in the explanation table.
    pub fn explain_key(&self) -> &'static str {
        match self {
            CommandError::NotANumber { .. } => "pop3.err.not_a_number",
            CommandError::NumberTooLarge { .. } => "pop3.err.no_such_message",
            _ => "pop3.err.syntax",
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Empty => f.write_str("empty command line"),
            CommandError::NotPrintable => {
                f.write_str("command contains characters that are not printable ASCII")
            }
            CommandError::BadSpacing { keyword } => {
                write!(f, "{keyword}: separate arguments with exactly one space")
            }
            CommandError::MissingArgument { keyword, usage } => {
                write!(f, "{keyword} needs an argument: {usage}")
            }
            CommandError::TooManyArguments { keyword, usage } => {
                write!(f, "too many arguments for {keyword}: {usage}")
            }
            CommandError::ArgumentTooLong { keyword, len } => {
                write!(
                    f,
                    "{keyword}: argument is {len} characters, at most {MAX_ARG_LEN} allowed"
                )
            }
            CommandError::NotANumber { keyword, arg } => {
                write!(f, "{keyword}: \"{arg}\" is not a message number")
            }
            CommandError::NumberTooLarge { keyword, arg } => {
                write!(f, "{keyword}: no such message {arg}")
            }
            CommandError::BadDigest { arg } => {
                write!(f, "APOP: digest \"{arg}\" must be 32 hexadecimal digits")
            }
        }
    }
}

impl std::error::Error for CommandError {}

/// The explanation entry of a keyword (any case), if POP3 has it.
pub fn keyword_key(word: &str) -> Option<&'static str> {
    let k = match word.to_ascii_uppercase().as_str() {
        "USER" => "pop3.cmd.USER",
        "PASS" => "pop3.cmd.PASS",
        "APOP" => "pop3.cmd.APOP",
        "QUIT" => "pop3.cmd.QUIT",
        "STAT" => "pop3.cmd.STAT",
        "LIST" => "pop3.cmd.LIST",
        "RETR" => "pop3.cmd.RETR",
        "DELE" => "pop3.cmd.DELE",
        "NOOP" => "pop3.cmd.NOOP",
        "RSET" => "pop3.cmd.RSET",
        "TOP" => "pop3.cmd.TOP",
        "UIDL" => "pop3.cmd.UIDL",
        "CAPA" => "pop3.cmd.CAPA",
        _ => return None,
    };
    Some(k)
}
