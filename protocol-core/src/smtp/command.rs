//! SMTP commands: parse a command line, print it back.
//!
//! Implements: RFC 5321 §4.1.1 (command syntax: HELO, EHLO, MAIL, RCPT, DATA,
//! RSET, VRFY, EXPN, HELP, NOOP, QUIT), §4.1.2 (paths and ESMTP parameters
//! `keyword[=value]`), §4.1.1.3 (`<postmaster>`); RFC 1870 `SIZE=`,
//! RFC 6152 `BODY=`, RFC 4954 `AUTH mechanism [initial-response]`.
//!
//! Deliberate differences:
//! * A space after `FROM:`/`TO:` is tolerated (`MAIL FROM: <a@b>`), as real
//!   servers do, though §4.1.1.2 has none.
//! * An unknown but well-formed verb parses as `Command::Unknown(line)` (the
//!   server answers 500); `CommandError::UnknownVerb` is kept for lines whose
//!   first word is not a verb at all (empty, digits, control bytes): 500 too.
//!   Everything else wrong is `CommandError::Syntax` (501).
//! * ESMTP keywords are upper-cased when parsed (they are case-insensitive),
//!   so `size=10` prints back as `SIZE=10`.
//! * `VERB` (a Sendmail debugging command) is recognised only so the server
//!   can refuse it politely with 502.

use crate::address::{is_postmaster_path, parse_path, AddressError, Mailbox, ReversePath};
use nom::bytes::complete::{take_while1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{all_consuming, opt, recognize};
use nom::sequence::preceded;
use nom::Parser;
use serde::Serialize;
use std::fmt;

pub type Params = Vec<(String, Option<String>)>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Command {
    Helo(String),
    Ehlo(String),
    Mail {
        from: ReversePath,
        params: Params,
    },
    /// `to` is [`Mailbox::postmaster`] for a bare `<postmaster>`.
    Rcpt {
        to: Mailbox,
        params: Params,
    },
    Data,
    Rset,
    Noop(Option<String>),
    Quit,
    Help(Option<String>),
    Vrfy(String),
    Expn(String),
    Auth {
        mechanism: String,
        initial: Option<String>,
    },
    Verb,
    /// A well-formed line whose verb we do not know; holds the whole line.
    Unknown(String),
}

/// Why a line is not a valid command. `code()` gives the reply code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// Not a command at all (500).
    UnknownVerb { line: String },
    /// A known verb with bad arguments (501). `address` is set when the
    /// problem is the address, so the server can say 5.1.3 / 5.1.7.
    Syntax {
        verb: &'static str,
        reason: String,
        address: Option<AddressError>,
    },
}

impl CommandError {
    pub fn code(&self) -> u16 {
        match self {
            CommandError::UnknownVerb { .. } => 500,
            CommandError::Syntax { .. } => 501,
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::UnknownVerb { line } => write!(f, "not an SMTP command: {line:?}"),
            CommandError::Syntax { verb, reason, .. } => write!(f, "{verb}: {reason}"),
        }
    }
}

impl std::error::Error for CommandError {}

fn syntax(verb: &'static str, reason: impl Into<String>) -> CommandError {
    CommandError::Syntax {
        verb,
        reason: reason.into(),
        address: None,
    }
}

/// `esmtp-param = esmtp-keyword ["=" esmtp-value]` (§4.1.2).
fn esmtp_param(i: &str) -> nom::IResult<&str, (&str, Option<&str>)> {
    let keyword = recognize((
        take_while_m_n(1, 1, |c: char| c.is_ascii_alphanumeric()),
        opt(take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-')),
    ));
    // esmtp-value = 1*(%d33-60 / %d62-126): no '=', no space, no controls.
    let value = take_while1(|c: char| matches!(c as u32, 33..=60 | 62..=126));
    (keyword, opt(preceded(char('='), value))).parse(i)
}

fn parse_params(verb: &'static str, s: &str) -> Result<Params, CommandError> {
    s.split(' ')
        .filter(|p| !p.is_empty())
        .map(|p| match all_consuming(esmtp_param).parse(p) {
            Ok((_, (k, v))) => Ok((k.to_ascii_uppercase(), v.map(str::to_string))),
            Err(_) => Err(syntax(verb, format!("bad parameter {p:?}"))),
        })
        .collect()
}

/// Splits `FROM:<path> params` into (path, params text) after `prefix`.
fn path_and_params<'a>(
    verb: &'static str,
    arg: &'a str,
    prefix: &str,
) -> Result<(&'a str, &'a str), CommandError> {
    let head = arg
        .get(..prefix.len())
        .filter(|h| h.eq_ignore_ascii_case(prefix));
    if head.is_none() {
        return Err(syntax(verb, format!("expected {prefix}<address>")));
    }
    let rest = arg[prefix.len()..].trim_start_matches(' ');
    if !rest.starts_with('<') {
        return Err(syntax(verb, "the address must be written between < and >"));
    }
    let end = rest
        .find('>')
        .ok_or_else(|| syntax(verb, "the address has no closing >"))?;
    let (path, params) = rest.split_at(end + 1);
    if !params.is_empty() && !params.starts_with(' ') {
        return Err(syntax(verb, "a space must follow the address"));
    }
    Ok((path, params))
}

fn no_args(verb: &'static str, arg: &str, c: Command) -> Result<Command, CommandError> {
    if arg.is_empty() {
        Ok(c)
    } else {
        Err(syntax(verb, format!("{verb} takes no arguments")))
    }
}

fn addr_err(verb: &'static str, e: AddressError) -> CommandError {
    CommandError::Syntax {
        verb,
        reason: e.to_string(),
        address: Some(e),
    }
}

impl Command {
    /// Parses one command line without its CRLF.
    pub fn parse(line: &str) -> Result<Command, CommandError> {
        if let Some(b) = line
            .bytes()
            .find(|&b| !(b == b'\t' || (32..127).contains(&b)))
        {
            let what = if b == 0 {
                "a NUL byte"
            } else if b >= 128 {
                "a non-ASCII byte"
            } else {
                "a control character"
            };
            let verb_ok = line
                .split(' ')
                .next()
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|c| c.is_ascii_alphabetic()));
            if !verb_ok {
                return Err(CommandError::UnknownVerb {
                    line: line.to_string(),
                });
            }
            return Err(syntax("command", format!("the line contains {what}")));
        }
        let (verb, arg) = match line.find(' ') {
            Some(p) => (&line[..p], line[p + 1..].trim_end_matches(' ')),
            None => (line, ""),
        };
        if verb.is_empty() || !verb.bytes().all(|c| c.is_ascii_alphabetic()) {
            return Err(CommandError::UnknownVerb {
                line: line.to_string(),
            });
        }
        let v = verb.to_ascii_uppercase();
        match v.as_str() {
            "HELO" | "EHLO" => {
                let verb = if v == "HELO" { "HELO" } else { "EHLO" };
                if arg.is_empty() {
                    return Err(syntax(
                        verb,
                        format!("{verb} needs your host name, e.g. {verb} client.example"),
                    ));
                }
                Ok(if verb == "HELO" {
                    Command::Helo(arg.into())
                } else {
                    Command::Ehlo(arg.into())
                })
            }
            "MAIL" => {
                let (path, params) = path_and_params("MAIL", arg, "FROM:")?;
                let from = ReversePath::parse(path).map_err(|e| addr_err("MAIL", e))?;
                Ok(Command::Mail {
                    from,
                    params: parse_params("MAIL", params)?,
                })
            }
            "RCPT" => {
                let (path, params) = path_and_params("RCPT", arg, "TO:")?;
                let to = if is_postmaster_path(path) {
                    Mailbox::postmaster()
                } else {
                    parse_path(path).map_err(|e| addr_err("RCPT", e))?
                };
                Ok(Command::Rcpt {
                    to,
                    params: parse_params("RCPT", params)?,
                })
            }
            "DATA" => no_args("DATA", arg, Command::Data),
            "RSET" => no_args("RSET", arg, Command::Rset),
            "QUIT" => no_args("QUIT", arg, Command::Quit),
            "VERB" => Ok(Command::Verb),
            "NOOP" => Ok(Command::Noop((!arg.is_empty()).then(|| arg.to_string()))),
            "HELP" => Ok(Command::Help((!arg.is_empty()).then(|| arg.to_string()))),
            "VRFY" | "EXPN" => {
                let verb = if v == "VRFY" { "VRFY" } else { "EXPN" };
                if arg.is_empty() {
                    return Err(syntax(verb, format!("{verb} needs a name or address")));
                }
                Ok(if verb == "VRFY" {
                    Command::Vrfy(arg.into())
                } else {
                    Command::Expn(arg.into())
                })
            }
            "AUTH" => {
                let mut it = arg.split(' ').filter(|s| !s.is_empty());
                let mechanism = it
                    .next()
                    .ok_or_else(|| syntax("AUTH", "AUTH needs a mechanism, e.g. AUTH PLAIN"))?;
                if !mechanism
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
                {
                    return Err(syntax("AUTH", "bad mechanism name"));
                }
                let initial = it.next().map(str::to_string);
                if it.next().is_some() {
                    return Err(syntax("AUTH", "too many arguments"));
                }
                Ok(Command::Auth {
                    mechanism: mechanism.to_ascii_uppercase(),
                    initial,
                })
            }
            _ => Ok(Command::Unknown(line.to_string())),
        }
    }

    /// The verb as spelled on the wire (`"UNKNOWN"` for [`Command::Unknown`]).
    pub fn verb(&self) -> &'static str {
        match self {
            Command::Helo(_) => "HELO",
            Command::Ehlo(_) => "EHLO",
            Command::Mail { .. } => "MAIL",
            Command::Rcpt { .. } => "RCPT",
            Command::Data => "DATA",
            Command::Rset => "RSET",
            Command::Noop(_) => "NOOP",
            Command::Quit => "QUIT",
            Command::Help(_) => "HELP",
            Command::Vrfy(_) => "VRFY",
            Command::Expn(_) => "EXPN",
            Command::Auth { .. } => "AUTH",
            Command::Verb => "VERB",
            Command::Unknown(_) => "UNKNOWN",
        }
    }

    /// The explanation entry of this command (`smtp.cmd.UNKNOWN` for a
    /// verb SMTP does not have).
    pub fn key(&self) -> &'static str {
        verb_key(self.verb())
    }

    /// The table key, e.g. `smtp.cmd.MAIL`.
    pub fn explanation_key(&self) -> String {
        format!("smtp.cmd.{}", self.verb())
    }
}

fn write_params(f: &mut fmt::Formatter<'_>, params: &Params) -> fmt::Result {
    for (k, v) in params {
        match v {
            Some(v) => write!(f, " {k}={v}")?,
            None => write!(f, " {k}")?,
        }
    }
    Ok(())
}

/// The wire form without CRLF.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The commands a client sends every time are written in pieces,
        // without `write!`'s argument machinery.
        match self {
            Command::Helo(d) => {
                f.write_str("HELO ")?;
                f.write_str(d)
            }
            Command::Ehlo(d) => {
                f.write_str("EHLO ")?;
                f.write_str(d)
            }
            Command::Mail { from, params } => {
                f.write_str("MAIL FROM:")?;
                fmt::Display::fmt(from, f)?;
                write_params(f, params)
            }
            Command::Rcpt { to, params } => {
                f.write_str("RCPT TO:<")?;
                fmt::Display::fmt(to, f)?;
                f.write_str(">")?;
                write_params(f, params)
            }
            Command::Data => f.write_str("DATA"),
            Command::Rset => f.write_str("RSET"),
            Command::Noop(None) => f.write_str("NOOP"),
            Command::Noop(Some(s)) => write!(f, "NOOP {s}"),
            Command::Quit => f.write_str("QUIT"),
            Command::Help(None) => f.write_str("HELP"),
            Command::Help(Some(s)) => write!(f, "HELP {s}"),
            Command::Vrfy(s) => write!(f, "VRFY {s}"),
            Command::Expn(s) => write!(f, "EXPN {s}"),
            Command::Auth {
                mechanism,
                initial: None,
            } => write!(f, "AUTH {mechanism}"),
            Command::Auth {
                mechanism,
                initial: Some(i),
            } => {
                f.write_str("AUTH ")?;
                f.write_str(mechanism)?;
                f.write_str(" ")?;
                f.write_str(i)
            }
            Command::Verb => f.write_str("VERB"),
            Command::Unknown(line) => f.write_str(line),
        }
    }
}

/// The explanation entry of a verb as [`Command::verb`] spells it
/// (`smtp.cmd.UNKNOWN` for anything else). No allocation: the world's
/// trace asks for every command line.
pub fn verb_key(verb: &str) -> &'static str {
    match verb {
        "HELO" => "smtp.cmd.HELO",
        "EHLO" => "smtp.cmd.EHLO",
        "MAIL" => "smtp.cmd.MAIL",
        "RCPT" => "smtp.cmd.RCPT",
        "DATA" => "smtp.cmd.DATA",
        "RSET" => "smtp.cmd.RSET",
        "NOOP" => "smtp.cmd.NOOP",
        "QUIT" => "smtp.cmd.QUIT",
        "HELP" => "smtp.cmd.HELP",
        "VRFY" => "smtp.cmd.VRFY",
        "EXPN" => "smtp.cmd.EXPN",
        "AUTH" => "smtp.cmd.AUTH",
        "VERB" => "smtp.cmd.VERB",
        _ => "smtp.cmd.UNKNOWN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_forms() {
        let c = Command::parse("mail from: <john@isp.example> size=100 BODY=8BITMIME").unwrap();
        assert_eq!(
            c,
            Command::Mail {
                from: ReversePath::Mailbox(Mailbox::new("john", "isp.example")),
                params: vec![
                    ("SIZE".into(), Some("100".into())),
                    ("BODY".into(), Some("8BITMIME".into()))
                ]
            }
        );
        assert_eq!(
            c.to_string(),
            "MAIL FROM:<john@isp.example> SIZE=100 BODY=8BITMIME"
        );
        assert_eq!(
            Command::parse("RCPT TO:<Postmaster>").unwrap(),
            Command::Rcpt {
                to: Mailbox::postmaster(),
                params: vec![]
            }
        );
        assert_eq!(
            Command::parse("XYZZY now").unwrap(),
            Command::Unknown("XYZZY now".into())
        );
    }

    #[test]
    fn errors_say_which_code() {
        assert_eq!(Command::parse("").unwrap_err().code(), 500);
        assert_eq!(Command::parse("\0").unwrap_err().code(), 500);
        assert_eq!(Command::parse("MAIL FROM <a@b>").unwrap_err().code(), 501);
        assert_eq!(Command::parse("MAIL FROM:<a@b").unwrap_err().code(), 501);
        assert_eq!(Command::parse("DATA now").unwrap_err().code(), 501);
        assert_eq!(Command::parse("HELO").unwrap_err().code(), 501);
        assert_eq!(Command::parse("AUTH").unwrap_err().code(), 501);
        assert_eq!(
            Command::parse("MAIL FROM:<a@b> SIZE=").unwrap_err().code(),
            501
        );
        assert!(matches!(
            Command::parse("RCPT TO:<a@>"),
            Err(CommandError::Syntax {
                address: Some(_),
                ..
            })
        ));
    }
}
