//! RFC 5321 paths and mailboxes (section 4.1.2), bounded by the limits of
//! section 4.5.3.1.
//!
//! Implements: `Mailbox` (§4.1.2: dot-string or quoted-string local part,
//! domain or address literal §4.1.3), `Reverse-path` with the null path `<>`,
//! `Path` with its obsolete source route (§4.1.2, Appendix C: accepted and
//! ignored, as §3.3 asks of servers), and the size limits of §4.5.3.1.1-3
//! (local part 64, domain 255, path 256 octets counting the `<>`, so an
//! address of at most 254).
//!
//! Deliberate differences:
//! * The local part is kept as written on the wire (a quoted local part keeps
//!   its quotes), so printing gives back exactly what was received.
//! * The bare `<postmaster>` of RCPT TO (§4.1.1.3) is a `Mailbox` with an
//!   empty domain; see [`Mailbox::postmaster`]. It prints as `postmaster`.
//! * SMTPUTF8 (RFC 6531) is not supported: addresses are ASCII.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{all_consuming, opt, recognize};
use nom::multi::{many0, separated_list1};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};
use serde::{Deserialize, Serialize};
use std::fmt;

/// RFC 5321 §4.5.3.1.1.
pub const MAX_LOCAL_PART: usize = 64;
/// RFC 5321 §4.5.3.1.2.
pub const MAX_DOMAIN: usize = 255;
/// RFC 5321 §4.5.3.1.3 (including the angle brackets).
pub const MAX_PATH: usize = 256;

/// A mailbox `local@domain` (RFC 5321 §4.1.2 `Mailbox`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mailbox {
    pub local: String,
    pub domain: String,
}

/// Why an address was refused, in words a student understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    Empty,
    LocalPartTooLong { len: usize },
    DomainTooLong { len: usize },
    PathTooLong { len: usize },
    BadSyntax { input: String, reason: &'static str },
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressError::Empty => write!(f, "the address is empty"),
            AddressError::LocalPartTooLong { len } => write!(
                f,
                "the part before the @ is {len} characters long; at most {MAX_LOCAL_PART} are allowed"
            ),
            AddressError::DomainTooLong { len } => {
                write!(f, "the domain is {len} characters long; at most {MAX_DOMAIN} are allowed")
            }
            AddressError::PathTooLong { len } => write!(
                f,
                "the address with its < > is {len} characters long; at most {MAX_PATH} are allowed, so {} for the address itself",
                MAX_PATH - 2
            ),
            AddressError::BadSyntax { input, reason } => write!(f, "\"{input}\" is not a valid address: {reason}"),
        }
    }
}

impl std::error::Error for AddressError {}

fn bad(input: &str, reason: &'static str) -> AddressError {
    AddressError::BadSyntax {
        input: input.to_string(),
        reason,
    }
}

// --- grammar (RFC 5321 §4.1.2, §4.1.3) ---------------------------------------

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

fn dot_string(i: &str) -> IResult<&str, &str> {
    recognize(separated_list1(char('.'), take_while1(is_atext))).parse(i)
}

fn quoted_string(i: &str) -> IResult<&str, &str> {
    // qtextSMTP = %d32-33 / %d35-91 / %d93-126; quoted-pairSMTP = "\" %d32-126
    let qtext = take_while1(|c: char| matches!(c as u32, 32..=33 | 35..=91 | 93..=126));
    let qpair = recognize(preceded(
        char('\\'),
        take_while_m_n(1, 1, |c: char| matches!(c as u32, 32..=126)),
    ));
    recognize(delimited(char('"'), many0(alt((qtext, qpair))), char('"'))).parse(i)
}

fn sub_domain(i: &str) -> IResult<&str, &str> {
    // Let-dig [Ldh-str]: letters, digits and inner hyphens.
    let (rest, s) = take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-').parse(i)?;
    if s.starts_with('-') || s.ends_with('-') {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, s))
}

fn domain(i: &str) -> IResult<&str, &str> {
    recognize(separated_list1(char('.'), sub_domain)).parse(i)
}

fn address_literal(i: &str) -> IResult<&str, &str> {
    // IPv4 is checked strictly; other tagged literals (IPv6:...) loosely.
    let ipv4 = take_while1(|c: char| c.is_ascii_digit() || c == '.');
    let general = preceded(
        terminated(
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-'),
            char(':'),
        ),
        take_while1(|c: char| matches!(c as u32, 33..=90 | 94..=126)),
    );
    let (rest, lit) = recognize(delimited(
        char('['),
        alt((recognize(general), ipv4)),
        char(']'),
    ))
    .parse(i)?;
    let inner = &lit[1..lit.len() - 1];
    if !inner.contains(':') && inner.parse::<std::net::Ipv4Addr>().is_err() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, lit))
}

fn mailbox(i: &str) -> IResult<&str, (&str, &str)> {
    (
        alt((dot_string, quoted_string)),
        preceded(char('@'), alt((address_literal, domain))),
    )
        .parse(i)
}

/// `A-d-l ":"`: the obsolete source route `@x,@y:` (Appendix C).
fn source_route(i: &str) -> IResult<&str, &str> {
    recognize(terminated(
        separated_list1(char(','), preceded(char('@'), domain)),
        char(':'),
    ))
    .parse(i)
}

impl Mailbox {
    pub fn new(local: impl Into<String>, domain: impl Into<String>) -> Self {
        Mailbox {
            local: local.into(),
            domain: domain.into(),
        }
    }

    /// The bare `postmaster` that RCPT TO must always accept (§4.5.1).
    pub fn postmaster() -> Self {
        Mailbox {
            local: "postmaster".into(),
            domain: String::new(),
        }
    }

    /// True for `<postmaster>` without a domain.
    pub fn is_bare_postmaster(&self) -> bool {
        self.domain.is_empty() && self.local.eq_ignore_ascii_case("postmaster")
    }

    /// Parses an addr-spec without angle brackets: `john@isp.example`.
    pub fn parse(s: &str) -> Result<Mailbox, AddressError> {
        if s.is_empty() {
            return Err(AddressError::Empty);
        }
        let (local, domain) = match all_consuming(mailbox).parse(s) {
            Ok((_, m)) => m,
            Err(_) => return Err(bad(s, syntax_hint(s))),
        };
        if local.len() > MAX_LOCAL_PART {
            return Err(AddressError::LocalPartTooLong { len: local.len() });
        }
        if domain.len() > MAX_DOMAIN {
            return Err(AddressError::DomainTooLong { len: domain.len() });
        }
        Ok(Mailbox::new(local, domain))
    }

    /// Whether two mailboxes are the same: the domain compared without case
    /// (§2.4), the local part exactly (its case may matter to the receiving
    /// host), except `postmaster`, which is case-insensitive (§4.5.1).
    pub fn same_mailbox(&self, other: &Mailbox) -> bool {
        self.domain.eq_ignore_ascii_case(&other.domain)
            && (self.local == other.local
                || (self.local.eq_ignore_ascii_case("postmaster")
                    && other.local.eq_ignore_ascii_case("postmaster")))
    }

    /// The domain in lower case: domains are case-insensitive (§2.4),
    /// local parts are not.
    pub fn domain_lowercase(&self) -> String {
        self.domain.to_ascii_lowercase()
    }
}

/// A guess at what went wrong, for the student reading the error.
fn syntax_hint(s: &str) -> &'static str {
    if !s.contains('@') {
        "an address needs an @ between the name and the domain"
    } else if s.ends_with('@') {
        "the domain after the @ is missing"
    } else if s.starts_with('@') {
        "the name before the @ is missing"
    } else if s.contains(' ') {
        "addresses cannot contain spaces (unless quoted)"
    } else if s.contains("..") || s.starts_with('.') || s.contains(".@") || s.ends_with('.') {
        "dots must separate words: no leading, trailing or double dots"
    } else {
        "it contains characters that are not allowed in an address"
    }
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Pieces rather than `write!`: addresses are printed very often.
        f.write_str(&self.local)?;
        if !self.domain.is_empty() {
            f.write_str("@")?;
            f.write_str(&self.domain)?;
        }
        Ok(())
    }
}

impl Mailbox {
    /// Appends the address as `Display` prints it, without a formatter.
    pub fn write_to(&self, out: &mut String) {
        out.push_str(&self.local);
        if !self.domain.is_empty() {
            out.push('@');
            out.push_str(&self.domain);
        }
    }
}

/// The MAIL FROM path: a mailbox, or the null path `<>` used by bounces
/// so that a bounce never bounces back (§4.5.5).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReversePath {
    Null,
    Mailbox(Mailbox),
}

impl ReversePath {
    /// Parses `<>` or a `<path>`.
    pub fn parse(s: &str) -> Result<ReversePath, AddressError> {
        if s == "<>" {
            Ok(ReversePath::Null)
        } else {
            parse_path(s).map(ReversePath::Mailbox)
        }
    }
}

impl fmt::Display for ReversePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReversePath::Null => f.write_str("<>"),
            ReversePath::Mailbox(m) => {
                f.write_str("<")?;
                fmt::Display::fmt(m, f)?;
                f.write_str(">")
            }
        }
    }
}

/// Parses a `Path`: `<john@isp.example>`, also `<@relay.example:john@isp.example>`
/// whose source route is ignored (§4.1.2, Appendix C).
pub fn parse_path(s: &str) -> Result<Mailbox, AddressError> {
    if s.is_empty() {
        return Err(AddressError::Empty);
    }
    if s.len() > MAX_PATH {
        return Err(AddressError::PathTooLong { len: s.len() });
    }
    let inner = s
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .ok_or_else(|| bad(s, "an address in a command must be written between < and >"))?;
    if inner.is_empty() {
        return Err(bad(s, "the address between < and > is empty"));
    }
    let inner = match opt(source_route).parse(inner) {
        Ok((rest, _)) => rest,
        Err(_) => inner,
    };
    match Mailbox::parse(inner) {
        Err(AddressError::BadSyntax { reason, .. }) => Err(bad(s, reason)),
        other => other,
    }
}

/// The `<postmaster>` forward path (case-insensitive, §4.1.1.3).
pub(crate) fn is_postmaster_path(s: &str) -> bool {
    tag::<&str, &str, nom::error::Error<&str>>("<")
        .parse(s)
        .map(|(r, _)| r.eq_ignore_ascii_case("postmaster>"))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_quoted_and_literal() {
        assert_eq!(
            Mailbox::parse("john@isp.example").unwrap(),
            Mailbox::new("john", "isp.example")
        );
        assert_eq!(
            Mailbox::parse("\"john smith\"@isp.example").unwrap().local,
            "\"john smith\""
        );
        assert_eq!(
            Mailbox::parse("dave@[198.51.100.25]").unwrap().domain,
            "[198.51.100.25]"
        );
        assert!(Mailbox::parse("dave@[198.51.100.256]").is_err());
        assert!(Mailbox::parse("dave@[IPv6:2001:db8::1]").is_ok());
    }

    #[test]
    fn rejects_bad_syntax_with_a_reason() {
        for s in [
            "john",
            "john@",
            "@isp.example",
            "jo hn@isp.example",
            "john..x@isp.example",
            "john@-isp.example",
            "john@isp..example",
        ] {
            assert!(
                matches!(Mailbox::parse(s), Err(AddressError::BadSyntax { .. })),
                "{s}"
            );
        }
        assert_eq!(Mailbox::parse(""), Err(AddressError::Empty));
    }

    #[test]
    fn enforces_rfc_limits() {
        let l64 = "a".repeat(64);
        assert!(Mailbox::parse(&format!("{l64}@x.example")).is_ok());
        assert_eq!(
            Mailbox::parse(&format!("a{l64}@x.example")),
            Err(AddressError::LocalPartTooLong { len: 65 })
        );
        let d = format!("{}.example", "a".repeat(248));
        assert_eq!(
            Mailbox::parse(&format!("a@{d}")),
            Err(AddressError::DomainTooLong { len: 256 })
        );
        let b = "b".repeat(63);
        let long = format!("<{}@{b}.{b}.{b}.example>", "a".repeat(60));
        assert!(matches!(
            parse_path(&long),
            Err(AddressError::PathTooLong { .. })
        ));
    }

    #[test]
    fn paths_and_source_routes() {
        assert_eq!(
            parse_path("<john@isp.example>").unwrap(),
            Mailbox::new("john", "isp.example")
        );
        assert_eq!(
            parse_path("<@a.example,@b.example:john@isp.example>").unwrap(),
            Mailbox::new("john", "isp.example")
        );
        assert!(parse_path("john@isp.example").is_err());
        assert!(parse_path("<john@isp.example").is_err());
        assert!(parse_path("<>").is_err());
        assert_eq!(ReversePath::parse("<>").unwrap(), ReversePath::Null);
        assert_eq!(ReversePath::Null.to_string(), "<>");
        assert!(is_postmaster_path("<PostMaster>"));
        assert_eq!(Mailbox::postmaster().to_string(), "postmaster");
    }
}
