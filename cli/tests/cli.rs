//! The `mailsim` binary: exit codes and messages.

use std::process::Command;

/// A UDP port free at the moment of asking.
fn free_udp() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn mailsim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mailsim"))
        .args(args)
        .output()
        .expect("run mailsim")
}

#[test]
fn scenarios_lists_every_builtin_with_its_goal() {
    let out = mailsim(&["scenarios"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in [
        "seed-story",
        "unknown-recipient",
        "backup-mx",
        "greylisting",
        "open-relay",
        "spam-filter",
        "pop3-two-devices",
        "too-large",
        "no-such-domain",
    ] {
        assert!(text.contains(name), "{name} missing");
    }
}

#[test]
fn run_prints_a_transcript_a_ladder_and_json() {
    let out = mailsim(&["run", "seed-story"]);
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("john-pc -> isp") && t.contains("C: EHLO john-pc.isp.example"));
    let out = mailsim(&["run", "seed-story", "--format", "ladder"]);
    let l = String::from_utf8(out.stdout).unwrap();
    assert!(
        l.lines().next().unwrap().contains("john-pc") && l.contains("->"),
        "{l}"
    );
    let out = mailsim(&["run", "greylisting", "--format", "json", "--seed", "5"]);
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(j.as_array().unwrap().len() > 50);
}

#[test]
fn an_unknown_name_lists_the_valid_ones_and_exits_2() {
    let out = mailsim(&["run", "seed-stroy"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no built-in scenario called \"seed-stroy\"")
            && err.contains("seed-story, unknown-recipient"),
        "{err}"
    );
}

#[test]
fn a_bad_file_names_the_file_and_line_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("mailsim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.toml");
    std::fs::write(
        &path,
        "name = \"b\"\ntitle = \"t\"\ngoal = \"g\"\n\n[[step]]\nat = \"0s\"\ndo = \"explode\"\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let out = mailsim(&["run", p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("{p}:7:6:")), "{err}");
    assert!(err.contains("explode"), "{err}");
    let out = mailsim(&["run", "/nonexistent/x.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 16 item 6: a scenario that would never end is refused with exit 2
/// and `file:line: why` naming the field; the minimal "server never comes
/// back" scenario runs to its end and exits 0.
#[test]
fn a_never_ending_scenario_is_refused_or_ends() {
    let dir = std::env::temp_dir().join(format!("mailsim-cli-end-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let head = "name = \"b\"\ntitle = \"t\"\ngoal = \"g\"\n";
    let send = "\n[[step]]\nat = 2794\ndo = \"send\"\nauth = [\"john\", \"john-pass\"]\nfrom = \"john@isp.example\"\nto = [\"dave@dave.example\"]\n";
    let path = dir.join("zero-retry.toml");
    std::fs::write(
        &path,
        format!("{head}\n[retry]\nschedule = [\"0s\"]\nmax_age = \"1d\"\n{send}"),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let out = mailsim(&["run", p]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("{p}:5:")) && err.contains("`schedule`"),
        "{err}"
    );
    let path = dir.join("dead-isp.toml");
    std::fs::write(
        &path,
        format!("{head}\n[[step]]\nat = 1087\ndo = \"link_down\"\na = \"isp\"\nb = \"dns\"\n{send}\n[[step]]\nat = 3554\ndo = \"host_down\"\nhost = \"isp\"\n"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = mailsim(&["run", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn narrated_prints_the_golden_worksheet_of_a_scenario() {
    for name in ["seed-story", "unknown-recipient"] {
        let out = mailsim(&["run", name, "--format", "narrated"]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../protocol-core/tests/golden/narrated")
            .join(format!("{name}.txt"));
        let want = std::fs::read_to_string(&golden).unwrap();
        assert!(text == want, "{name}: differs from {}", golden.display());
    }
}

#[test]
fn explain_prints_one_entry_in_any_case() {
    for key in ["smtp.reply.354", "SMTP.REPLY.354"] {
        let out = mailsim(&["explain", key]);
        assert!(out.status.success(), "{key}");
        let text = String::from_utf8(out.stdout).unwrap();
        let x = protocol_core::explain::lookup("smtp.reply.354").unwrap();
        assert!(
            text.starts_with(&format!("smtp.reply.354: {}\n  {}\n", x.title, x.rfc)),
            "{text}"
        );
        let words: Vec<&str> = text
            .lines()
            .skip(2)
            .flat_map(|l| l.split_whitespace())
            .collect();
        assert_eq!(words.join(" "), x.text, "{text}");
    }
}

#[test]
fn explain_with_an_unknown_key_suggests_close_ones_and_exits_2() {
    for (key, want) in [
        ("354", "smtp.reply.354"),
        ("pop3.cmd.RTER", "pop3.cmd.RETR"),
        ("smtp.cmd.EHL", "smtp.cmd.EHLO"),
    ] {
        let out = mailsim(&["explain", key]);
        assert_eq!(out.status.code(), Some(2), "{key}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(&format!("no explanation with the key {key:?}")),
            "{err}"
        );
        let line = err
            .lines()
            .find(|l| l.starts_with("did you mean: "))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(line.contains(want), "{key}: {err}");
    }
    let out = mailsim(&["explain", "xyzzy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("`mailsim explain` with no key lists them all"));
}

#[test]
fn explain_without_a_key_lists_every_entry_grouped_by_prefix() {
    let out = mailsim(&["explain"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut n = 0;
    for x in protocol_core::explain::all() {
        n += 1;
        assert!(
            text.contains(&format!("\n{}: {}\n", x.key, x.title)),
            "{} missing",
            x.key
        );
    }
    assert!(
        text.starts_with(&format!("{n} explanations in ")),
        "{}",
        &text[..80]
    );
    for group in [
        "== smtp.reply (",
        "== pop3.err (",
        "== dns.answer (",
        "== mta (",
    ] {
        assert!(text.contains(group), "{group} missing");
    }
}

/// Issue 16, item 10: `mailsim serve | sleep 1000`. A standard output that
/// nobody reads must not stop the server: 300 sessions in a row are all
/// answered (before, the 95th hung), and once it is read again, a line
/// says how many trace lines were dropped.
#[test]
fn serve_answers_while_nobody_reads_its_output() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    let free = || {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let ports: Vec<u16> = (0..5).map(|_| free()).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailsim"))
        .args(["serve", "--smtp-port", &ports[0].to_string()])
        .args(["--submission-port", &ports[1].to_string()])
        .args(["--mx-port", &ports[2].to_string()])
        .args(["--pop3-port", &ports[3].to_string()])
        .args(["--isp-pop3-port", &ports[4].to_string()])
        .args(["--imap-port", &free().to_string()])
        .args(["--dns-port", &free_udp().to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("mailsim serve");
    let addr = format!("127.0.0.1:{}", ports[0]);
    let mut answered = 0;
    for i in 0..300 {
        // Up to 30 s for serve to start listening on a loaded machine.
        let s = (0..600)
            .find_map(|_| {
                TcpStream::connect(&addr).ok().or_else(|| {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    None
                })
            })
            .expect("serve listens");
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut w = s;
        // Forty NOOPs: about 6 KB of trace per session, so that the 300
        // sessions overflow the 1 MB trace buffer and the pipe well before
        // the end (and the note about dropped lines must come).
        let mut cmds = b"EHLO john-pc.isp.example\r\n".to_vec();
        cmds.extend(b"NOOP\r\n".repeat(40));
        cmds.extend(b"QUIT\r\n");
        w.write_all(&cmds).unwrap();
        let mut all = String::new();
        let _ = r.read_to_string(&mut all);
        if !all.contains("221 ") {
            break;
        }
        answered = i + 1;
    }
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut saw_drop_note = false;
    let mut line = String::new();
    if answered == 300 {
        // One more session, so the loop prints once the pipe has room.
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            if line.contains("trace lines dropped") {
                saw_drop_note = true;
                break;
            }
            if line.contains("221") {
                let _ = TcpStream::connect(&addr).map(|mut s| s.write_all(b"QUIT\r\n"));
            }
            line.clear();
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(answered, 300, "sessions answered");
    assert!(saw_drop_note, "a line says how many were dropped");
}

/// Issue 15: one format. `mailsim export` writes a built-in scenario as
/// TOML and as JSON; `mailsim run` runs either file and prints the same
/// trace as the built-in. Every new lesson, and an edited world (a host
/// taken down and brought back), goes through it.
#[test]
fn exported_scenarios_run_with_the_same_trace_as_the_builtin() {
    let dir = std::env::temp_dir().join(format!("mailsim-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "seed-story",
        "pipelining",
        "injected-faults",
        "give-up",
        "null-mx",
        "lossy-link",
        "smtp-smuggling-vulnerable",
    ] {
        let want = mailsim(&["run", name]);
        assert!(want.status.success(), "{name}");
        for (format, ext) in [("toml", "toml"), ("json", "json")] {
            let out = mailsim(&["export", name, "--format", format]);
            assert!(out.status.success(), "{name} {format}");
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::write(&path, &out.stdout).unwrap();
            let got = mailsim(&["run", path.to_str().unwrap()]);
            assert!(
                got.status.success(),
                "{name}.{ext}: {}",
                String::from_utf8_lossy(&got.stderr)
            );
            assert_eq!(got.stdout, want.stdout, "{name}.{ext}: trace differs");
        }
    }
    // A JSON file with a bad host is refused like a TOML one, exit 2.
    let path = dir.join("bad.json");
    std::fs::write(
        &path,
        r#"{"name":"b","title":"t","goal":"g","step":[{"do":"host_down","at":"0s","host":"mars"}]}"#,
    )
    .unwrap();
    let out = mailsim(&["run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("\"mars\""), "{err}");
}

/// Issue 18: `mailsim serve` answers DNS on UDP from the simulated zones, in
/// real wire format (what `dig @127.0.0.1 -p 2053 MX dave.example` sends):
/// MX, A and TXT answers, NXDOMAIN and NODATA, and the question is printed
/// in the trace.
#[test]
fn serve_answers_dns_questions_over_udp_from_the_simulated_zones() {
    use hickory_proto::op::{Message, MessageType, Query, ResponseCode};
    use hickory_proto::rr::{Name, RData, RecordType};
    use std::io::{BufRead, BufReader};
    use std::net::{TcpListener, UdpSocket};
    use std::time::Duration;
    let free = || {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let dns_port = free_udp();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailsim"))
        .arg("serve")
        .args(["--smtp-port", &free().to_string()])
        .args(["--submission-port", &free().to_string()])
        .args(["--mx-port", &free().to_string()])
        .args(["--pop3-port", &free().to_string()])
        .args(["--isp-pop3-port", &free().to_string()])
        .args(["--imap-port", &free().to_string()])
        .args(["--dns-port", &dns_port.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("mailsim serve");
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut id = 0u16;
    let mut ask = |name: &str, qtype: RecordType| -> Message {
        id += 1;
        let mut q = Message::new();
        q.set_id(id).set_recursion_desired(true);
        q.add_query(Query::query(Name::from_ascii(name).unwrap(), qtype));
        let bytes = q.to_vec().unwrap();
        let mut buf = [0u8; 1500];
        // UDP, and a server that may still be starting: ask again, up to 30 s.
        for _ in 0..150 {
            sock.send_to(&bytes, ("127.0.0.1", dns_port)).unwrap();
            if let Ok(n) = sock.recv(&mut buf) {
                let m = Message::from_vec(&buf[..n]).expect("a DNS message");
                if m.id() == id {
                    return m;
                }
            }
        }
        panic!("no answer to {qtype} {name}");
    };
    let mx = ask("dave.example.", RecordType::MX);
    let txt = ask("isp.example.", RecordType::TXT);
    let key = ask("mail._domainkey.isp.example.", RecordType::TXT);
    let a = ask("mail.dave.example.", RecordType::A);
    let nx = ask("nosuch.dave.example.", RecordType::MX);
    let nodata = ask("dave.example.", RecordType::A);
    // SIGTERM: serve stops as on Ctrl+C, writing out its trace first.
    let _ = Command::new("kill").arg(child.id().to_string()).status();
    let out = BufReader::new(child.stdout.take().unwrap());
    let lines: Vec<String> = out.lines().map_while(Result::ok).collect();
    let _ = child.wait();

    assert_eq!(mx.message_type(), MessageType::Response);
    assert!(mx.authoritative());
    match mx.answers().first().map(|r| r.data()) {
        Some(RData::MX(m)) => {
            assert_eq!(m.preference(), 10);
            assert_eq!(m.exchange().to_ascii(), "mail.dave.example.");
        }
        other => panic!("{other:?}"),
    }
    match txt.answers().first().map(|r| r.data()) {
        Some(RData::TXT(t)) => assert_eq!(t.to_string(), "v=spf1 mx -all"),
        other => panic!("{other:?}"),
    }
    match key.answers().first().map(|r| r.data()) {
        Some(RData::TXT(t)) => assert!(t.to_string().starts_with("v=DKIM1; k=ed25519; p="), "{t}"),
        other => panic!("{other:?}"),
    }
    match a.answers().first().map(|r| r.data()) {
        Some(RData::A(ip)) => assert_eq!(ip.0.to_string(), "198.51.100.25"),
        other => panic!("{other:?}"),
    }
    assert_eq!(nx.response_code(), ResponseCode::NXDomain);
    assert!(nx.answers().is_empty());
    assert_eq!(nodata.response_code(), ResponseCode::NoError);
    assert!(nodata.answers().is_empty());

    let banner = lines
        .iter()
        .find(|l| l.contains("(UDP)"))
        .expect("a banner line");
    assert!(
        banner.contains(&format!("127.0.0.1:{dns_port}")),
        "{banner}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DNS  ")
                && l.contains("MX dave.example. -> MX 10 mail.dave.example")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("-> NXDOMAIN")), "{lines:?}");
}

/// Issue 12: under `mailsim serve` the dates follow the wall clock. John's
/// message of the seed story (composed by the world at once) reaches Dave's
/// mailbox with a `Date:` and `Received:` lines of today, not of the
/// simulation's fixed day.
#[test]
fn serve_dates_follow_the_wall_clock() {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::time::Duration;
    let today = || {
        let out = Command::new("date")
            .args(["-u", "+%d %b %Y"])
            .output()
            .expect("date");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let free = || {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let pop3 = free();
    let before = today();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailsim"))
        .args(["serve", "--scenario", "seed-story", "--quiet"])
        .args(["--smtp-port", &free().to_string()])
        .args(["--submission-port", &free().to_string()])
        .args(["--mx-port", &free().to_string()])
        .args(["--pop3-port", &pop3.to_string()])
        .args(["--isp-pop3-port", &free().to_string()])
        .args(["--imap-port", &free().to_string()])
        .args(["--dns-port", &free_udp().to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("mailsim serve");
    // Up to 30 s for serve to start and relay John's message (it takes
    // milliseconds once started).
    let mut message = String::new();
    for _ in 0..300 {
        std::thread::sleep(Duration::from_millis(100));
        let Ok(s) = TcpStream::connect(("127.0.0.1", pop3)) else {
            continue;
        };
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut w = s;
        w.write_all(b"USER dave\r\nPASS dave-pass\r\nRETR 1\r\nQUIT\r\n")
            .unwrap();
        let mut all = String::new();
        let mut line = String::new();
        while r.read_line(&mut line).unwrap_or(0) > 0 {
            all.push_str(&line);
            line.clear();
        }
        if all.contains("\r\n.\r\n") {
            message = all;
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let after = today();
    assert!(message.contains("Subject: Lunch on Friday?"), "{message}");
    let is_today = |l: &str| l.contains(&before) || l.contains(&after);
    let date = message
        .lines()
        .find(|l| l.starts_with("Date: "))
        .expect("a Date line");
    assert!(
        is_today(date) && date.ends_with(" +0000"),
        "{date}, today is {after}"
    );
    assert!(!date.contains("23 Nov 2026") || before == "23 Nov 2026");
    // A Received field ends with its date; with Date:, every dated line.
    assert_eq!(message.matches("\r\nReceived: ").count(), 2, "{message}");
    let dated: Vec<&str> = message.lines().filter(|l| l.ends_with(" +0000")).collect();
    assert_eq!(dated.len(), 3, "Date and two Received: {message}");
    assert!(
        dated.iter().all(|l| is_today(l)),
        "{dated:?}, today is {after}"
    );
}

fn stdout(args: &[&str]) -> String {
    let out = mailsim(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of a worksheet that went over the wire (C: and S:).
fn wire_lines(w: &str) -> Vec<&str> {
    w.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|l| (l.contains(" C: ") || l.contains(" S: ")) && !l.contains(" ["))
        .collect()
}

#[test]
fn the_worksheet_speaks_dutch_and_chinese_and_the_wire_stays_the_same() {
    let en = stdout(&["run", "seed-story", "--format", "narrated"]);
    assert_eq!(
        en,
        stdout(&["run", "seed-story", "--format", "narrated", "--lang", "en"])
    );
    let english_ehlo = "The client says its name and asks which extensions the server supports";
    let joined = |w: &str| w.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined(&en).contains(english_ehlo));
    for (lang, heading) in [("nl", "MailSim-werkblad: "), ("zh-CN", "MailSim 练习单：")] {
        let w = stdout(&["run", "seed-story", "--format", "narrated", "--lang", lang]);
        assert!(w.starts_with(heading), "{lang}: {}", &w[..60]);
        assert_eq!(wire_lines(&w), wire_lines(&en), "{lang}");
        assert!(wire_lines(&w)
            .contains(&"0:00:00.004  john-pc -> isp     SMTP  C: EHLO john-pc.isp.example"));
        // The explanations are in that language, the RFC sections as in English.
        assert!(!joined(&w).contains(english_ehlo), "{lang}");
        assert!(w.contains(" · RFC 5321 §4.1.1.1\n"), "{lang}");
    }
    let zh = stdout(&[
        "run",
        "seed-story",
        "--format",
        "narrated",
        "--lang",
        "zh-CN",
    ]);
    assert!(zh.contains("邮件服务器") || zh.contains("服务器"), "{zh}");
    // Chinese prose is wrapped too: no line of it is wider than 78 columns.
    for l in zh.lines().filter(|l| l.starts_with("        ")) {
        let cols: usize = l.chars().map(|c| if c > '\u{2e80}' { 2 } else { 1 }).sum();
        assert!(cols <= 78 || !l.trim().contains(' '), "{cols}: {l}");
    }
}

#[test]
fn explain_speaks_the_chosen_language() {
    let en = stdout(&["explain", "smtp.cmd.EHLO"]);
    assert!(
        en.starts_with("smtp.cmd.EHLO: Extended hello\n  RFC 5321 §4.1.1.1\n"),
        "{en}"
    );
    for lang in ["nl", "zh-CN"] {
        let t = stdout(&["explain", "smtp.cmd.EHLO", "--lang", lang]);
        assert!(t.starts_with("smtp.cmd.EHLO: "), "{t}");
        assert!(!t.contains("Extended hello"), "{lang}: {t}");
        assert_eq!(t.lines().nth(1), Some("  RFC 5321 §4.1.1.1"), "{lang}: {t}");
    }
    let all = stdout(&["explain", "--lang", "zh-CN"]);
    assert!(all.starts_with("共 "), "{}", &all[..40]);
}

#[test]
fn an_unknown_language_is_a_clear_error_with_exit_2() {
    for args in [
        &["run", "seed-story", "--format", "narrated", "--lang", "fr"][..],
        &["explain", "smtp.cmd.EHLO", "--lang", "zh-TW"][..],
    ] {
        let out = mailsim(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("unknown language") && err.contains("en, nl, zh-CN"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}
