//! The translations (issue 19): every explanation of the table has an entry
//! in every language, with its RFC reference exactly as in English; no file
//! has an entry the English lacks; every file parses with no error; the
//! page's and worksheet's words have the same ids and placeholders in every
//! language. This is the test that fails when a translator misses an entry.
#![cfg(feature = "i18n")]

use fluent_syntax::ast;
use protocol_core::explain;
use protocol_core::i18n::{explain_id, Catalog, Lang, EN_UI};
use protocol_core::scenario::builtin;
use protocol_core::sim::render;
use std::collections::{BTreeMap, BTreeSet};

const TRANSLATED: [Lang; 2] = [Lang::Nl, Lang::ZhCn];

fn read(lang: Lang, file: &str) -> String {
    let path = format!(
        "{}/../locales/{}/{file}",
        env!("CARGO_MANIFEST_DIR"),
        lang.tag()
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A message: its value and attributes, as plain text with `{$var}` for a
/// variable and `{?}` for anything else, and the variables it uses.
#[derive(Debug, Default)]
struct Msg {
    value: String,
    attrs: BTreeMap<String, String>,
    vars: BTreeSet<String>,
}

fn text(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) -> String {
    let mut out = String::new();
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    out.push_str(value)
                }
                ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                    vars.insert(id.name.to_string());
                    out.push_str(&format!("{{${}}}", id.name));
                }
                ast::Expression::Select { selector, variants } => {
                    if let ast::InlineExpression::VariableReference { id } = selector {
                        vars.insert(id.name.to_string());
                    }
                    for v in variants {
                        text(&v.value, vars);
                    }
                    out.push_str("{?}");
                }
                _ => out.push_str("{?}"),
            },
        }
    }
    out
}

/// The messages of one file; a syntax error or a repeated id fails here.
fn messages(name: &str, src: &str) -> BTreeMap<String, Msg> {
    let res = match fluent_syntax::parser::parse(src) {
        Ok(r) => r,
        Err((_, errors)) => {
            let shown: Vec<String> = errors
                .iter()
                .take(5)
                .map(|e| {
                    let line = src[..e.pos.start.min(src.len())].lines().count();
                    format!("line {line}: {:?}", e.kind)
                })
                .collect();
            panic!("{name}: {} syntax errors: {shown:#?}", errors.len());
        }
    };
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            let mut msg = Msg::default();
            if let Some(v) = &m.value {
                msg.value = text(v, &mut msg.vars);
            }
            for a in &m.attributes {
                let t = text(&a.value, &mut msg.vars);
                msg.attrs.insert(a.id.name.to_string(), t);
            }
            let id = m.id.name.to_string();
            assert!(out.insert(id.clone(), msg).is_none(), "{name}: {id} twice");
        }
    }
    out
}

#[test]
fn every_explanation_is_translated_with_the_same_rfc_reference() {
    let english: BTreeMap<String, &explain::Explanation> =
        explain::all().map(|x| (explain_id(x.key), x)).collect();
    let mut problems = Vec::new();
    for lang in TRANSLATED {
        let name = format!("locales/{}/explain.ftl", lang.tag());
        let src = read(lang, "explain.ftl");
        let tr = messages(&name, &src);
        for (id, x) in &english {
            let Some(m) = tr.get(id) else {
                problems.push(format!("{name}: missing {id}"));
                continue;
            };
            if m.value.trim().is_empty() {
                problems.push(format!("{name}: {id} has no title"));
            }
            if m.attrs.get("text").is_none_or(|t| t.trim().is_empty()) {
                problems.push(format!("{name}: {id} has no .text"));
            }
            match m.attrs.get("rfc") {
                Some(r) if r == x.rfc => {}
                r => problems.push(format!(
                    "{name}: {id} .rfc is {r:?}, the English is {:?}",
                    x.rfc
                )),
            }
        }
        for id in tr.keys().filter(|id| !english.contains_key(*id)) {
            problems.push(format!("{name}: {id} is not an explanation key"));
        }
        // fluent-bundle, as the CLI and the page load it, finds no error either.
        let (_, errors) = Catalog::new(lang, &[&src, &read(lang, "ui.ftl")]);
        problems.extend(errors.into_iter().map(|e| format!("{name}: {e}")));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every built-in scenario (and the page's telnet sandbox) has a title and
/// a goal in every language, and no file names a scenario that is not.
#[test]
fn every_scenario_has_its_title_and_goal_translated() {
    let mut names: Vec<String> = protocol_core::scenario::catalogue()
        .into_iter()
        .map(|s| format!("scenario-{}", s.name))
        .collect();
    names.push("scenario-sandbox".into());
    let mut problems = Vec::new();
    for lang in TRANSLATED {
        let name = format!("locales/{}/scenarios.ftl", lang.tag());
        let tr = messages(&name, &read(lang, "scenarios.ftl"));
        for id in &names {
            match tr.get(id) {
                None => problems.push(format!("{name}: missing {id}")),
                Some(m) if m.value.trim().is_empty() => {
                    problems.push(format!("{name}: {id} has no title"))
                }
                Some(m) if m.attrs.get("goal").is_none_or(|g| g.trim().is_empty()) => {
                    problems.push(format!("{name}: {id} has no .goal"))
                }
                Some(_) => {}
            }
        }
        for id in tr.keys().filter(|id| !names.contains(id)) {
            problems.push(format!("{name}: {id} is not a built-in scenario"));
        }
        let (c, errors) = Catalog::new(lang, &[&read(lang, "scenarios.ftl")]);
        problems.extend(errors);
        assert!(c.scenario("seed-story").is_some(), "{name}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_page_words_have_the_same_ids_and_placeholders_in_every_language() {
    let en = messages("locales/en/ui.ftl", EN_UI);
    assert!(en.len() > 5);
    let mut problems = Vec::new();
    for lang in TRANSLATED {
        let name = format!("locales/{}/ui.ftl", lang.tag());
        let tr = messages(&name, &read(lang, "ui.ftl"));
        for (id, m) in &en {
            match tr.get(id) {
                None => problems.push(format!("{name}: missing {id}")),
                Some(t) => {
                    if t.vars != m.vars {
                        problems.push(format!(
                            "{name}: {id} uses {:?}, the English {:?}",
                            t.vars, m.vars
                        ));
                    }
                    if t.value.trim().is_empty() {
                        problems.push(format!("{name}: {id} is empty"));
                    }
                    let a: Vec<_> = m.attrs.keys().collect();
                    let b: Vec<_> = t.attrs.keys().collect();
                    if a != b {
                        problems.push(format!("{name}: {id} attributes {b:?}, English {a:?}"));
                    }
                }
            }
        }
        for id in tr.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("{name}: {id} is not in locales/en/ui.ftl"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The worksheet's English sentences are written twice, in render.rs (the
/// goldens) and in locales/en/ui.ftl: the English catalog must give the
/// very same worksheet.
#[test]
fn the_english_catalog_gives_the_english_worksheet() {
    for name in ["seed-story", "bounce"] {
        let Some(s) = builtin(name) else { continue };
        let world = s.run(None);
        let plain = render::narrated(&s.title, &s.goal, world.trace());
        let via = render::narrated_in(&s.title, &s.goal, world.trace(), &Catalog::english());
        assert_eq!(plain, via, "{name}");
    }
}

/// Predict's questions read the same through the English catalog as the
/// quiz's own English (the order of the choices is hashed from that), and
/// in Dutch and Chinese every prompt and choice is translated.
#[test]
fn predict_questions_and_choices_speak_every_language() {
    use protocol_core::quiz::{label_in, prompt_in, questions};
    let en = Catalog::english();
    let others: Vec<Catalog> = TRANSLATED
        .into_iter()
        .map(|l| Catalog::new(l, &[&read(l, "explain.ftl"), &read(l, "ui.ftl")]).0)
        .collect();
    let (mut asked, mut labels, mut same) = (0, 0, 0);
    for s in protocol_core::scenario::catalogue() {
        let world = s.run(None);
        for q in questions(world.trace(), &s.name, &|h| h.to_string()) {
            asked += 1;
            assert_eq!(prompt_in(&q, &en), q.prompt, "{}", s.name);
            for c in &q.choices {
                assert_eq!(label_in(c, &en), c.label, "{}", s.name);
            }
            for c in &others {
                let p = prompt_in(&q, c);
                assert_ne!(p, q.prompt, "{:?} {}: {p}", c.lang(), s.name);
                for ch in &q.choices {
                    // Some read alike in every language ("250 (OK)", a host
                    // name and its MX preference): most do not.
                    labels += 1;
                    same += usize::from(label_in(ch, c) == ch.label);
                }
            }
        }
    }
    assert!(asked > 50, "{asked}");
    assert!(
        same * 5 < labels,
        "{same} of {labels} choices read as in English"
    );
}

/// A Dutch and a Chinese worksheet: the explanations in that language, the
/// RFC sections and every protocol line exactly as in English.
#[test]
fn a_translated_worksheet_keeps_the_wire_lines() {
    let s = builtin("seed-story").expect("seed-story");
    let world = s.run(None);
    let en = render::narrated(&s.title, &s.goal, world.trace());
    let wire = |w: &str| -> Vec<String> {
        w.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .filter(|l| (l.contains(" C: ") || l.contains(" S: ")) && !l.contains(" ["))
            .map(str::to_string)
            .collect()
    };
    let ehlo = explain::lookup("smtp.cmd.EHLO").unwrap();
    for (lang, heading) in [
        (Lang::Nl, "MailSim-werkblad"),
        (Lang::ZhCn, "MailSim 练习单"),
    ] {
        let (c, _) = Catalog::new(lang, &[&read(lang, "explain.ftl"), &read(lang, "ui.ftl")]);
        let w = render::narrated_in(&s.title, &s.goal, world.trace(), &c);
        assert!(w.starts_with(heading), "{}", &w[..80]);
        assert_eq!(wire(&w), wire(&en), "{lang:?}");
        assert!(wire(&en).iter().any(|l| l.contains("C: EHLO")));
        // The EHLO entry in that language, with the same RFC section.
        let title = protocol_core::explain::Words::title(&c, ehlo);
        assert_ne!(title, ehlo.title, "{lang:?}");
        assert!(w.contains(&format!("{title} · {}", ehlo.rfc)), "{lang:?}");
        assert!(!w.contains(ehlo.text), "{lang:?}");
    }
}

/// `protocol_core::ftl` is our own reader of the Fluent syntax (for the
/// page's size). Here it must format every message and attribute of every
/// shipped file exactly as `fluent-bundle`, the reference implementation,
/// does, with numbers that pick each plural variant, with strings, and with
/// the variables missing; and so too for some sources written to probe the
/// syntax's corners.
#[test]
fn our_reader_formats_every_entry_as_fluent_bundle_does() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
    use protocol_core::ftl::{Bundle, Value};

    let probes = [
        "a =\n    first\n      second\n\n    third   \n\nb = x\n",
        "c = fine\n  indented junk = \n d\n",
        "n = { $n ->\n    [one] one item\n   *[other] { $n } items\n}\n",
        "s = { $kind ->\n    [smtp] the SMTP\n       server\n    [0] zero\n   *[other] a { $kind }\n  }\n",
        "-brand = MailSim\nm = Open {-brand} {\"{\"}x{\"}\"} {\"\\u0041\\\\\"} \\u0041\n    .title = T { m }\n",
        "e =\n    .only = attribute\n# comment\n## group\nf = { 5 } { -3 } { 1.50 }\n",
        "g =\n\n\n      deep\n    shallow\n",
        "h = a {\n  $x\n  } b\ni = { $n ->\n   *[other] {\n       $n\n     }\n    [one] one\n}\n",
        "broken = {\nok = fine\n",
        "dup = one\ndup = two\n",
        "r = { missing } and { -missing }\n",
        "crlf = one\r\n    two\r\n",
    ];
    let mut sources: Vec<(String, Lang, String)> =
        vec![("en/ui.ftl".into(), Lang::En, EN_UI.into())];
    for lang in TRANSLATED {
        for file in ["explain.ftl", "ui.ftl", "scenarios.ftl"] {
            sources.push((format!("{}/{file}", lang.tag()), lang, read(lang, file)));
        }
    }
    for (i, p) in probes.iter().enumerate() {
        for lang in Lang::ALL {
            sources.push((format!("probe {i} ({})", lang.tag()), lang, p.to_string()));
        }
    }
    let values: [Option<Value>; 6] = [
        None,
        Some(Value::Num(0.0)),
        Some(Value::Num(1.0)),
        Some(Value::Num(2.0)),
        Some(Value::Num(1.5)),
        Some(Value::Str("smtp")),
    ];
    let mut compared = 0;
    for (name, lang, src) in &sources {
        let res = match FluentResource::try_new(src.clone()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        // The ids and attributes fluent-syntax sees, and their variables.
        let ast = match fluent_syntax::parser::parse(src.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let mut theirs = FluentBundle::new(vec![lang
            .tag()
            .parse::<unic_langid::LanguageIdentifier>()
            .unwrap()]);
        theirs.set_use_isolating(false);
        let their_errors = theirs.add_resource(res).err().map_or(0, |e| e.len())
            + fluent_syntax::parser::parse(src.as_str())
                .err()
                .map_or(0, |(_, e)| e.len());
        let mut ours = Bundle::new(lang.plurals());
        let our_errors = ours.add(src);
        assert_eq!(
            our_errors.is_empty(),
            their_errors == 0,
            "{name}: errors differ: ours {our_errors:?}, fluent-bundle {their_errors}"
        );
        for entry in &ast.body {
            let fluent_syntax::ast::Entry::Message(m) = entry else {
                continue;
            };
            let id = m.id.name;
            let mut vars = BTreeSet::new();
            let attrs: Vec<Option<&str>> = std::iter::once(None)
                .chain(m.attributes.iter().map(|a| Some(a.id.name)))
                .collect();
            if let Some(v) = &m.value {
                text(v, &mut vars);
            }
            for a in &m.attributes {
                text(&a.value, &mut vars);
            }
            let Some(their_msg) = theirs.get_message(id) else {
                continue;
            };
            for attr in attrs {
                let pattern = match attr {
                    None => their_msg.value(),
                    Some(a) => their_msg.get_attribute(a).map(|a| a.value()),
                };
                for v in values {
                    let mut fa = FluentArgs::new();
                    let mut args = Vec::new();
                    if let Some(v) = v {
                        for var in &vars {
                            fa.set(
                                var.as_str(),
                                match v {
                                    Value::Str(s) => FluentValue::from(s),
                                    Value::Num(n) => FluentValue::from(n),
                                },
                            );
                            args.push((var.as_str(), v));
                        }
                    }
                    let want = pattern.map(|p| {
                        let mut errs = Vec::new();
                        let s = theirs.format_pattern(p, Some(&fa), &mut errs).into_owned();
                        if errs.is_empty() {
                            Ok(s)
                        } else {
                            Err(s)
                        }
                    });
                    let got = ours.format(id, attr, &args);
                    assert_eq!(got, want, "{name}: {id} {attr:?} with {v:?}");
                    compared += 1;
                }
            }
        }
    }
    // 362 explanations with a title and a text, twice, and the rest.
    assert!(compared > 6 * 2000, "only {compared} formats compared");
}

// ---- out-of-date translations ------------------------------------------------

/// A short fingerprint of an English text: FNV-1a (64 bits) folded to 32,
/// as 8 hex digits. Not for security: it notices that a text changed.
fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", (h ^ (h >> 32)) as u32)
}

/// Every message of an FTL source as its own source text (its value,
/// attributes and variants; trailing blanks dropped), by id. An entry
/// starts at a line `id =` and runs to the next line that starts at the
/// margin (a comment, another entry), a `}` at the margin included.
fn entry_sources(src: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    let mut finish = |cur: Option<(String, Vec<&str>)>| {
        if let Some((id, mut lines)) = cur {
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            out.insert(id, lines.join("\n"));
        }
    };
    for line in src.lines() {
        let line = line.trim_end();
        let at_margin = !line.is_empty() && !line.starts_with([' ', '\t', '}']);
        if at_margin {
            finish(current.take());
            let id = line.split('=').next().unwrap_or("").trim();
            let is_entry = line.contains('=')
                && id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if is_entry {
                current = Some((id.to_string(), vec![line]));
            }
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    finish(current);
    out
}

/// The English of every translatable entry, by (file, id): the explanation
/// table (title, text and RFC reference), the built-in scenarios (title and
/// goal) and locales/en/ui.ftl (each entry's source text).
fn english_sources() -> BTreeMap<(&'static str, String), String> {
    let mut out = BTreeMap::new();
    for x in explain::all() {
        out.insert(
            ("explain", explain_id(x.key)),
            format!("{}\n{}\n{}", x.title, x.text, x.rfc),
        );
    }
    for s in protocol_core::scenario::catalogue() {
        out.insert(
            ("scenarios", format!("scenario-{}", s.name)),
            format!("{}\n{}", s.title, s.goal),
        );
    }
    for (id, src) in entry_sources(EN_UI) {
        out.insert(("ui", id), src);
    }
    out
}

const FINGERPRINTS: &str = "english.fingerprints";

/// Every translated entry is listed in `locales/<tag>/english.fingerprints`
/// with the fingerprint of the English it was translated from; when the
/// English changes after that, this test names the entry, so the
/// translator knows what to look at again (locales/README.md). Writing the
/// files: `MAILSIM_FINGERPRINTS=nl` (or `zh-CN`, or `all`) records the
/// English as it is now for every entry of that language, to be run once
/// its translations have been checked.
#[test]
fn a_translation_whose_english_changed_since_is_named() {
    let english = english_sources();
    let write = std::env::var("MAILSIM_FINGERPRINTS").unwrap_or_default();
    let mut problems = Vec::new();
    for lang in TRANSLATED {
        let dir = format!("{}/../locales/{}", env!("CARGO_MANIFEST_DIR"), lang.tag());
        let name = format!("locales/{}/{FINGERPRINTS}", lang.tag());
        // The entries this language has.
        let mut has: BTreeSet<(&str, String)> = BTreeSet::new();
        for (file, fname) in [
            ("explain", "explain.ftl"),
            ("scenarios", "scenarios.ftl"),
            ("ui", "ui.ftl"),
        ] {
            for id in entry_sources(&read(lang, fname)).into_keys() {
                if english.contains_key(&(file, id.clone())) {
                    has.insert((file, id));
                }
            }
        }
        if write == "all" || write == lang.tag() {
            let mut text = String::from(
                "# The fingerprint of the English text each entry of this language was\n\
                 # translated from: FILE ID FINGERPRINT. See locales/README.md.\n",
            );
            for (file, id) in &has {
                let fp = fingerprint(&english[&(*file, id.clone())]);
                text.push_str(&format!("{file} {id} {fp}\n"));
            }
            std::fs::write(format!("{dir}/{FINGERPRINTS}"), text).unwrap();
        }
        let recorded = read(lang, FINGERPRINTS);
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        for (n, line) in recorded.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [file, id, fp] = parts[..] else {
                problems.push(format!("{name}:{}: not FILE ID FINGERPRINT: {line}", n + 1));
                continue;
            };
            seen.insert((file.to_string(), id.to_string()));
            let Some(en) = english
                .iter()
                .find(|((f, i), _)| *f == file && i == id)
                .map(|(_, t)| t)
            else {
                problems.push(format!(
                    "{name}: {file} {id} is no longer in the English: remove the line"
                ));
                continue;
            };
            let now = fingerprint(en);
            if now != fp {
                problems.push(format!(
                    "{name}: {file} {id}: the English changed since it was translated \
                     (fingerprint {fp}, now {now}): check the {} text, then write `{file} {id} {now}`",
                    lang.tag()
                ));
            }
        }
        for (file, id) in &has {
            if !seen.contains(&(file.to_string(), id.clone())) {
                let now = fingerprint(&english[&(*file, id.clone())]);
                problems.push(format!(
                    "{name}: {file} {id} is translated but has no fingerprint: \
                     when the translation matches the English, add `{file} {id} {now}`"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} translations to look at again:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn fingerprints_and_entry_sources_behave() {
    assert_eq!(fingerprint("Play"), fingerprint("Play"));
    assert_ne!(fingerprint("Play"), fingerprint("Play."));
    let src = "# c\na = one\n    two\n\nb = { $n ->\n    [one] x\n   *[other] y\n}\n.c = no\n## g\nc-d =\n    .title = t\n";
    let e = entry_sources(src);
    assert_eq!(e["a"], "a = one\n    two");
    assert_eq!(e["b"], "b = { $n ->\n    [one] x\n   *[other] y\n}");
    assert_eq!(e["c-d"], "c-d =\n    .title = t");
    assert_eq!(e.len(), 3);
    // Every English page word is found, none twice.
    assert_eq!(
        entry_sources(EN_UI).len(),
        messages("locales/en/ui.ftl", EN_UI).len()
    );
}

/// The RFC references a text makes (`RFC 5321`, `RFC 5321 §4.5.2`), in order.
fn rfc_refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("RFC ") {
        let tail = &rest[i + 4..];
        let num: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let mut r = format!("RFC {num}");
        let after = &tail[num.len()..];
        if let Some(sec) = after.strip_prefix(" §") {
            let s: String = sec
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            r.push_str(&format!(" §{}", s.trim_end_matches('.')));
        }
        if !num.is_empty() {
            out.push(r);
        }
        rest = tail;
    }
    out.sort();
    out
}

/// A page word that cites an RFC cites the same ones in every language.
#[test]
fn the_page_words_cite_the_same_rfcs_in_every_language() {
    let en = entry_sources(EN_UI);
    let mut problems = Vec::new();
    for lang in TRANSLATED {
        for (id, tr) in entry_sources(&read(lang, "ui.ftl")) {
            let Some(e) = en.get(&id) else { continue };
            let (want, got) = (rfc_refs(e), rfc_refs(&tr));
            if want != got {
                problems.push(format!(
                    "{}/ui.ftl {id}: {got:?}, the English {want:?}",
                    lang.tag()
                ));
            }
        }
    }
    assert_eq!(
        rfc_refs("see RFC 5321 §4.5.2. and RFC 2920"),
        ["RFC 2920", "RFC 5321 §4.5.2"]
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
