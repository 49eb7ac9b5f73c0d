//! A reader and formatter for the part of Fluent (<https://projectfluent.org>,
//! the syntax of `locales/*.ftl`) that MailSim's files use: messages and
//! terms, attributes, multiline text, comments, variables (`{ $n }`),
//! string and number literals (`{ "{" }`), message references, and select
//! expressions on a number's plural category or on a string
//! (`{ $count -> [one] ... *[other] ... }`).
//!
//! Why not `fluent-bundle`, the reference implementation? Size: in the web
//! app it cost 51,636 B of gzip (its plural rules for every CLDR locale, its
//! parser, its memoizer), against a bundle budget of 350 KB. This file is
//! about 6 KB. It is a deliberate, tested exception to "use the crate": the
//! test `tests/locales.rs::our_reader_formats_every_entry_as_fluent_bundle_does`
//! formats every message and attribute of every shipped `.ftl` file with
//! both, under several arguments, and wants the same text and the same
//! errors. What it does not do (functions such as `NUMBER()`, term
//! arguments, Unicode isolation marks) is a syntax error or an error at
//! formatting, so a translation that needs it fails that test.
//!
//! Plural categories (CLDR cardinal rules): English and Dutch have `one`
//! (the integer 1) and `other`; Chinese has only `other`.

/// A value given to a message: `{ $name }` in the pattern.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    Str(&'a str),
    Num(f64),
}

/// The plural rules a catalog formats with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plurals {
    /// `one` for the integer 1, else `other` (English, Dutch).
    OneOther,
    /// Always `other` (Chinese).
    Other,
}

#[derive(Clone, Debug, PartialEq)]
enum Key {
    Name(String),
    Num(f64),
}

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Var(String),
    Str(String),
    Num(String),
    Msg(String, Option<String>),
    Term(String, Option<String>),
    Select {
        on: Box<Expr>,
        variants: Vec<(Key, Pattern)>,
        default: usize,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Elem {
    Text(String),
    Place(Expr),
}

type Pattern = Vec<Elem>;

#[derive(Clone, Debug, Default, PartialEq)]
struct Entry {
    value: Option<Pattern>,
    attrs: Vec<(String, Pattern)>,
}

/// The entries of one or more `.ftl` sources; the first of two entries
/// with one id wins, as in `fluent-bundle`.
#[derive(Clone, Debug)]
pub struct Bundle {
    plurals: Plurals,
    /// Sorted by id; terms keep their leading `-`.
    entries: Vec<(String, Entry)>,
}

/// The deepest chain of message references followed (a cycle stops here).
const MAX_DEPTH: usize = 20;

impl Bundle {
    pub fn new(plurals: Plurals) -> Bundle {
        Bundle {
            plurals,
            entries: Vec::new(),
        }
    }

    /// Adds `src`'s entries. A broken entry is skipped (up to the next line
    /// that starts an entry) and described in the returned list; an id
    /// already present is kept as it was, and also reported.
    pub fn add(&mut self, src: &str) -> Vec<String> {
        let (entries, mut errors) = parse(src);
        for (id, e) in entries {
            match self.entries.binary_search_by(|(k, _)| k.as_str().cmp(&id)) {
                Ok(_) => errors.push(format!("an entry named {id:?} already exists")),
                Err(at) => self.entries.insert(at, (id, e)),
            }
        }
        errors
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| &self.entries[i].1)
    }

    /// Whether the message `id` (not a term) exists, with a value or not.
    pub fn has(&self, id: &str) -> bool {
        !id.starts_with('-') && self.entry(id).is_some()
    }

    /// The message `id`'s value (`attr` `None`) or attribute, formatted
    /// with `args`. `None` when there is no such message or attribute;
    /// `Some(Err(text))` when formatting met an error (a missing variable,
    /// a missing reference): `text` is what `fluent-bundle` would show.
    pub fn format(
        &self,
        id: &str,
        attr: Option<&str>,
        args: &[(&str, Value<'_>)],
    ) -> Option<Result<String, String>> {
        if id.starts_with('-') {
            return None;
        }
        let pattern = self.pattern(id, attr)?;
        let mut out = String::new();
        let ok = self.write(pattern, args, &mut out, 0);
        Some(if ok { Ok(out) } else { Err(out) })
    }

    fn pattern(&self, id: &str, attr: Option<&str>) -> Option<&Pattern> {
        let e = self.entry(id)?;
        match attr {
            None => e.value.as_ref(),
            Some(a) => e.attrs.iter().find(|(n, _)| n == a).map(|(_, p)| p),
        }
    }

    /// Writes `p`; `false` if anything in it was an error.
    fn write(
        &self,
        p: &Pattern,
        args: &[(&str, Value<'_>)],
        out: &mut String,
        depth: usize,
    ) -> bool {
        let mut ok = true;
        for el in p {
            match el {
                Elem::Text(t) => out.push_str(t),
                Elem::Place(x) => ok &= self.eval(x, args, out, depth),
            }
        }
        ok
    }

    fn eval(&self, x: &Expr, args: &[(&str, Value<'_>)], out: &mut String, depth: usize) -> bool {
        match x {
            Expr::Str(s) => out.push_str(s),
            Expr::Num(n) => out.push_str(&number_text(n)),
            Expr::Var(name) => match arg(args, name) {
                Some(Value::Str(s)) => out.push_str(s),
                Some(Value::Num(n)) => out.push_str(&format!("{n}")),
                None => {
                    out.push_str(&format!("{{${name}}}"));
                    return false;
                }
            },
            Expr::Msg(id, attr) | Expr::Term(id, attr) => {
                let term = matches!(x, Expr::Term(..));
                let full = if term { format!("-{id}") } else { id.clone() };
                let shown = match attr {
                    Some(a) => format!("{full}.{a}"),
                    None => full.clone(),
                };
                match self.pattern(&full, attr.as_deref()) {
                    Some(p) if depth < MAX_DEPTH => {
                        // A term sees no variables of its caller (Fluent's
                        // rule); a message reference sees them all.
                        let args = if term { &[][..] } else { args };
                        return self.write(p, args, out, depth + 1);
                    }
                    _ => {
                        out.push_str(&format!("{{{shown}}}"));
                        return false;
                    }
                }
            }
            Expr::Select {
                on,
                variants,
                default,
            } => {
                // A missing variable, or a selector that cannot select, is an
                // error; the default variant is shown.
                let (value, ok) = match &**on {
                    Expr::Var(name) => {
                        let v = arg(args, name);
                        (v, v.is_some())
                    }
                    Expr::Str(s) => (Some(Value::Str(s)), true),
                    Expr::Num(n) => (n.parse().ok().map(Value::Num), true),
                    _ => (None, false),
                };
                let chosen = value
                    .and_then(|v| variants.iter().position(|(k, _)| self.matches(k, v)))
                    .unwrap_or(*default);
                return self.write(&variants[chosen].1, args, out, depth) && ok;
            }
        }
        true
    }

    fn matches(&self, key: &Key, v: Value<'_>) -> bool {
        match (key, v) {
            (Key::Num(k), Value::Num(n)) => *k == n,
            (Key::Name(k), Value::Str(s)) => k == s,
            (Key::Name(k), Value::Num(n)) => k == plural(self.plurals, n),
            (Key::Num(_), Value::Str(_)) => false,
        }
    }
}

fn arg<'a>(args: &[(&str, Value<'a>)], name: &str) -> Option<Value<'a>> {
    args.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

/// A number literal as Fluent prints it: the number, minus superfluous
/// signs ("-0" stays as typed, as in `fluent-bundle`).
fn number_text(lit: &str) -> String {
    match lit.parse::<f64>() {
        Ok(n) if !lit.contains('.') => format!("{n}"),
        _ => lit.to_string(),
    }
}

/// The CLDR cardinal category of `n`.
fn plural(rules: Plurals, n: f64) -> &'static str {
    match rules {
        Plurals::OneOther if n.abs() == 1.0 => "one",
        _ => "other",
    }
}

// ---------------------------------------------------------------- parser

struct Parser<'s> {
    s: &'s [u8],
    src: &'s str,
    at: usize,
}

/// A piece of a pattern before dedenting: text or a placeable, and, for one
/// that starts a line, the line ends before it and its indentation.
enum Piece {
    Text(String),
    Place(Expr),
    /// The start of an indented line: `newlines` line ends before it.
    Line {
        newlines: usize,
        indent: usize,
    },
}

type Fail = String;

fn parse(src: &str) -> (Vec<(String, Entry)>, Vec<String>) {
    let clean;
    let src = if src.contains('\r') {
        clean = src.replace("\r\n", "\n");
        clean.as_str()
    } else {
        src
    };
    let mut p = Parser {
        s: src.as_bytes(),
        src,
        at: 0,
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    while p.at < p.s.len() {
        match p.peek() {
            Some(b'\n') => p.at += 1,
            Some(b'#') => p.skip_line(),
            Some(b' ') if p.blank_line() => p.skip_line(),
            Some(c) if c.is_ascii_alphabetic() || c == b'-' => {
                let start = p.at;
                match p.entry() {
                    Ok(e) => entries.push(e),
                    Err(why) => {
                        errors.push(p.error(start, &why));
                        p.skip_to_entry();
                    }
                }
            }
            _ => {
                errors.push(p.error(p.at, "this line does not start an entry"));
                p.skip_to_entry();
            }
        }
    }
    (entries, errors)
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn error(&self, start: usize, why: &str) -> String {
        let line = self.src[..start].matches('\n').count() + 1;
        let near: String = self.src[start..].chars().take(40).collect();
        format!("line {line}: {why}, near {near:?}")
    }

    fn blank_line(&self) -> bool {
        self.s[self.at..]
            .iter()
            .take_while(|&&c| c != b'\n')
            .all(|&c| c == b' ')
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek() {
            self.at += 1;
            if c == b'\n' {
                break;
            }
        }
    }

    /// To the next line that starts with a letter, `-` or `#`.
    fn skip_to_entry(&mut self) {
        loop {
            self.skip_line();
            match self.peek() {
                None => return,
                Some(c) if c.is_ascii_alphabetic() || c == b'-' || c == b'#' => return,
                _ => {}
            }
        }
    }

    fn skip_inline(&mut self) -> usize {
        let start = self.at;
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
        self.at - start
    }

    /// Spaces and line ends.
    fn skip_blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, c: u8, what: &str) -> Result<(), Fail> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected {what}"))
        }
    }

    fn ident(&mut self) -> Result<String, Fail> {
        let start = self.at;
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() => self.at += 1,
            _ => return Err("expected a name".into()),
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        {
            self.at += 1;
        }
        Ok(self.src[start..self.at].to_string())
    }

    fn entry(&mut self) -> Result<(String, Entry), Fail> {
        let term = self.peek() == Some(b'-');
        if term {
            self.at += 1;
        }
        let id = self.ident()?;
        self.skip_inline();
        self.expect(b'=', "\"=\" after the name")?;
        let value = self.pattern()?;
        let mut attrs = Vec::new();
        loop {
            // An attribute: a new line, indentation, ".name =".
            let back = self.at;
            self.skip_blank();
            if self.at > back && self.peek() == Some(b'.') && self.s[back] == b'\n' {
                self.at += 1;
                let name = self.ident()?;
                self.skip_inline();
                self.expect(b'=', "\"=\" after the attribute name")?;
                let p = self.pattern()?.ok_or("an attribute without a value")?;
                attrs.push((name, p));
            } else {
                self.at = back;
                break;
            }
        }
        if term && value.is_none() {
            return Err("a term without a value".into());
        }
        if value.is_none() && attrs.is_empty() {
            return Err("a message without a value or attributes".into());
        }
        self.line_end()?;
        let id = if term { format!("-{id}") } else { id };
        Ok((id, Entry { value, attrs }))
    }

    /// After an entry: the end of its line.
    fn line_end(&mut self) -> Result<(), Fail> {
        self.skip_inline();
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.at += 1;
                Ok(())
            }
            _ => Err("unexpected text at the end of an entry".into()),
        }
    }

    /// A pattern: inline text and placeables, and the indented lines that
    /// continue it. `None` when there is none.
    fn pattern(&mut self) -> Result<Option<Pattern>, Fail> {
        self.skip_inline();
        let mut pieces = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(b'\n') => {
                    // Does an indented line continue the pattern?
                    let back = self.at;
                    let mut newlines = 0;
                    let mut indent;
                    loop {
                        self.at += 1;
                        newlines += 1;
                        indent = self.skip_inline();
                        if self.peek() != Some(b'\n') {
                            break;
                        }
                    }
                    let goes_on = indent > 0
                        && !matches!(self.peek(), None | Some(b'[' | b'*' | b'.' | b'}'));
                    if !goes_on {
                        self.at = back;
                        break;
                    }
                    pieces.push(Piece::Line { newlines, indent });
                }
                Some(b'{') => {
                    self.at += 1;
                    pieces.push(Piece::Place(self.placeable()?));
                }
                Some(b'}') => return Err("\"}\" without \"{\"".into()),
                Some(_) => {
                    let start = self.at;
                    while !matches!(self.peek(), None | Some(b'\n' | b'{' | b'}')) {
                        self.at += 1;
                    }
                    pieces.push(Piece::Text(self.src[start..self.at].to_string()));
                }
            }
        }
        Ok(dedent(pieces))
    }

    /// After `{`: an expression or a select expression, then `}`.
    fn placeable(&mut self) -> Result<Expr, Fail> {
        self.skip_blank();
        let on = self.inline_expr()?;
        self.skip_blank();
        if self.s[self.at..].starts_with(b"->") {
            self.at += 2;
            if !matches!(
                on,
                Expr::Var(_) | Expr::Str(_) | Expr::Num(_) | Expr::Term(_, Some(_))
            ) {
                return Err("this cannot choose a variant".into());
            }
            self.skip_inline();
            let mut variants = Vec::new();
            let mut default = None;
            loop {
                // Each variant starts on a line of its own.
                let back = self.at;
                self.skip_blank();
                if !self.s[back..self.at].contains(&b'\n') {
                    self.at = back;
                    break;
                }
                let star = self.peek() == Some(b'*');
                if star {
                    self.at += 1;
                }
                if self.peek() != Some(b'[') {
                    if star {
                        return Err("expected \"[\" after \"*\"".into());
                    }
                    self.at = back;
                    break;
                }
                self.at += 1;
                self.skip_blank();
                let key = if matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == b'-') {
                    let lit = self.number()?;
                    Key::Num(lit.parse().map_err(|_| "a bad number")?)
                } else {
                    Key::Name(self.ident()?)
                };
                self.skip_blank();
                self.expect(b']', "\"]\"")?;
                if star {
                    if default.is_some() {
                        return Err("two default variants".into());
                    }
                    default = Some(variants.len());
                }
                let p = self.pattern()?.ok_or("a variant without a value")?;
                variants.push((key, p));
            }
            let default = default.ok_or("a select expression without a default variant (*)")?;
            self.skip_blank();
            self.expect(b'}', "\"}\" after the variants")?;
            return Ok(Expr::Select {
                on: Box::new(on),
                variants,
                default,
            });
        }
        self.expect(b'}', "\"}\"")?;
        if matches!(on, Expr::Term(_, Some(_))) {
            return Err("a term's attribute can only choose a variant".into());
        }
        Ok(on)
    }

    fn number(&mut self) -> Result<String, Fail> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.at;
            while matches!(p.peek(), Some(c) if c.is_ascii_digit()) {
                p.at += 1;
            }
            p.at > s
        };
        if !digits(self) {
            return Err("expected a number".into());
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err("expected digits after \".\"".into());
            }
        }
        Ok(self.src[start..self.at].to_string())
    }

    fn inline_expr(&mut self) -> Result<Expr, Fail> {
        match self.peek() {
            Some(b'$') => {
                self.at += 1;
                Ok(Expr::Var(self.ident()?))
            }
            Some(b'"') => {
                self.at += 1;
                let mut s = String::new();
                loop {
                    let start = self.at;
                    while !matches!(self.peek(), None | Some(b'"' | b'\\' | b'\n')) {
                        self.at += 1;
                    }
                    s.push_str(&self.src[start..self.at]);
                    match self.peek() {
                        Some(b'"') => {
                            self.at += 1;
                            return Ok(Expr::Str(s));
                        }
                        Some(b'\\') => {
                            self.at += 1;
                            s.push(self.escape()?);
                        }
                        _ => return Err("a string without its closing quote".into()),
                    }
                }
            }
            Some(c)
                if c.is_ascii_digit()
                    || c == b'-' && self.s.get(self.at + 1).is_some_and(u8::is_ascii_digit) =>
            {
                Ok(Expr::Num(self.number()?))
            }
            Some(b'-') => {
                self.at += 1;
                let id = self.ident()?;
                let attr = self.attr_ref()?;
                if self.peek() == Some(b'(') {
                    return Err("term arguments are not supported".into());
                }
                Ok(Expr::Term(id, attr))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let id = self.ident()?;
                if self.peek() == Some(b'(') {
                    return Err(format!("the function {id}() is not supported"));
                }
                let attr = self.attr_ref()?;
                Ok(Expr::Msg(id, attr))
            }
            _ => Err("expected an expression".into()),
        }
    }

    fn attr_ref(&mut self) -> Result<Option<String>, Fail> {
        if self.peek() == Some(b'.') {
            self.at += 1;
            Ok(Some(self.ident()?))
        } else {
            Ok(None)
        }
    }

    /// After `\` in a string literal: `\\`, `\"`, `\uXXXX`, `\UXXXXXX`.
    fn escape(&mut self) -> Result<char, Fail> {
        let c = self.peek().ok_or("a string ends in \"\\\"")?;
        self.at += 1;
        let n = match c {
            b'\\' => return Ok('\\'),
            b'"' => return Ok('"'),
            b'u' => 4,
            b'U' => 6,
            _ => return Err("an unknown escape in a string".into()),
        };
        let hex = self
            .src
            .get(self.at..self.at + n)
            .ok_or("a short \\u escape")?;
        let code = u32::from_str_radix(hex, 16).map_err(|_| "a bad \\u escape")?;
        self.at += n;
        // Fluent writes U+FFFD for a code that is not a character.
        Ok(char::from_u32(code).unwrap_or('\u{FFFD}'))
    }
}

/// Fluent's rule for multiline patterns: the indentation all continuation
/// lines share is removed, line ends before the first line are dropped,
/// and trailing spaces and line ends of the last text are trimmed.
fn dedent(pieces: Vec<Piece>) -> Option<Pattern> {
    let common = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Line { indent, .. } => Some(*indent),
            _ => None,
        })
        .min()
        .unwrap_or(0);
    let mut out: Pattern = Vec::new();
    let push_text = |out: &mut Pattern, t: &str| {
        if let Some(Elem::Text(last)) = out.last_mut() {
            last.push_str(t);
        } else if !t.is_empty() {
            out.push(Elem::Text(t.to_string()));
        }
    };
    for (i, p) in pieces.into_iter().enumerate() {
        match p {
            Piece::Text(t) => push_text(&mut out, &t),
            Piece::Place(x) => out.push(Elem::Place(x)),
            Piece::Line { newlines, indent } => {
                let mut t = String::new();
                if i > 0 {
                    t.push_str(&"\n".repeat(newlines));
                }
                t.push_str(&" ".repeat(indent - common));
                push_text(&mut out, &t);
            }
        }
    }
    if let Some(Elem::Text(last)) = out.last_mut() {
        let kept = last.trim_end_matches([' ', '\n']).len();
        last.truncate(kept);
        if last.is_empty() {
            out.pop();
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(
        src: &str,
        id: &str,
        attr: Option<&str>,
        args: &[(&str, Value<'_>)],
    ) -> Option<Result<String, String>> {
        let mut b = Bundle::new(Plurals::OneOther);
        let errs = b.add(src);
        assert!(errs.is_empty(), "{errs:?}");
        b.format(id, attr, args)
    }

    #[test]
    fn multiline_text_loses_the_shared_indentation() {
        let src = "a =\n    first\n      second\n\n    third   \n\nb = x\n";
        assert_eq!(
            one(src, "a", None, &[]),
            Some(Ok("first\n  second\n\nthird".into()))
        );
        assert_eq!(one(src, "b", None, &[]), Some(Ok("x".into())));
    }

    #[test]
    fn plural_variants_follow_the_number() {
        let src = "n = { $n ->\n    [one] one item\n   *[other] { $n } items\n}\n";
        assert_eq!(
            one(src, "n", None, &[("n", Value::Num(1.0))]),
            Some(Ok("one item".into()))
        );
        assert_eq!(
            one(src, "n", None, &[("n", Value::Num(3.0))]),
            Some(Ok("3 items".into()))
        );
        assert_eq!(
            one(src, "n", None, &[("n", Value::Num(1.5))]),
            Some(Ok("1.5 items".into()))
        );
        // A missing variable: the default variant, and an error.
        assert_eq!(one(src, "n", None, &[]), Some(Err("{$n} items".into())));
        let mut zh = Bundle::new(Plurals::Other);
        zh.add(src);
        assert_eq!(
            zh.format("n", None, &[("n", Value::Num(1.0))]),
            Some(Ok("1 items".into()))
        );
    }

    #[test]
    fn attributes_literals_and_references() {
        let src =
            "-brand = MailSim\nm = Open {-brand} {\"{\"}x{\"}\"} \\u0041\n    .title = T { m }\n";
        assert_eq!(
            one(src, "m", None, &[]),
            Some(Ok("Open MailSim {x} \\u0041".into()))
        );
        assert_eq!(
            one(src, "m", Some("title"), &[]),
            Some(Ok("T Open MailSim {x} \\u0041".into()))
        );
        assert_eq!(one(src, "-brand", None, &[]), None);
        assert_eq!(one(src, "m", Some("nope"), &[]), None);
    }

    #[test]
    fn a_broken_entry_is_skipped_and_reported() {
        let mut b = Bundle::new(Plurals::OneOther);
        let errs = b.add("a = ok\nbroken = {\n  still broken\nc = fine\n  indented junk = \n d\n");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].starts_with("line 2:"), "{errs:?}");
        assert_eq!(b.format("a", None, &[]), Some(Ok("ok".into())));
        assert_eq!(
            b.format("c", None, &[]),
            Some(Ok("fine\n indented junk = \nd".into()))
        );
        assert_eq!(b.format("broken", None, &[]), None);
        let errs = b.add("a = again\n");
        assert_eq!(errs.len(), 1);
        assert_eq!(b.format("a", None, &[]), Some(Ok("ok".into())));
    }

    #[test]
    fn a_reference_cycle_ends() {
        let src = "a = { b }\nb = { a }\n";
        assert!(matches!(one(src, "a", None, &[]), Some(Err(_))));
    }
}
